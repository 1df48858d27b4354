/* Scorecards as of a date and the partnership health index. The unit of
 * scoring is the agreement: its score is the weighted mean of its
 * indicators' scores; a wider scope (partner, framework, family, dimension,
 * network) is the plain mean of its agreements, so each partnership counts
 * once. Every number that goes into a result is kept in the handle so a
 * reader can recompute it (docs/evaluation.md has the formulas and a worked
 * example). Also the network's evaluation settings (thresholds). */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"
#include "partner/partner.h"

#include <string.h>

/* Weights of the health index components (documented in scorecard.h). */
static const double health_weights[KM_HEALTH__COUNT] = { 0.60, 0.25, 0.15 };

double km_health_weight(int component)
{
    return component >= 0 && component < KM_HEALTH__COUNT ? health_weights[component] : 0.0;
}

/* ---- settings ---- */

int km_evaluation_set_thresholds(km_network *net, uint32_t on_track_permille, uint32_t at_risk_permille,
                                 uint32_t grace_days)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__IT_ON_TRACK, on_track_permille);
    if (rc == 0) rc = km__fw_u64(&net->scratch, KM__IT_AT_RISK, at_risk_permille);
    if (rc == 0) rc = km__fw_u64(&net->scratch, KM__IT_DEFAULT_GRACE, grace_days);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INDICATOR, KM__OP_EVALUATION_SETTINGS, 0, net->scratch.data, net->scratch.len,
                      NULL);
}

int km_evaluation_thresholds(uint32_t *out_on_track, uint32_t *out_at_risk, uint32_t *out_grace_days, km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out_on_track) *out_on_track = net->indicators.on_track;
    if (out_at_risk) *out_at_risk = net->indicators.at_risk;
    if (out_grace_days) *out_grace_days = net->indicators.grace;
    return 0;
}

/* ---- the scorecard ---- */

typedef struct sc_agr {
    uint64_t id;
    double score;                      /* -1: nothing scored */
    uint64_t wsum;
    double wp;                         /* sum of weight x score */
    double dim[KM_DIMENSION__COUNT];   /* -1: nothing scored there */
    uint64_t dim_w[KM_DIMENSION__COUNT];
    double dim_wp[KM_DIMENSION__COUNT];
} sc_agr;

struct km_scorecard {
    km__ctx *ctx;
    int scope;
    uint64_t subject;
    char as_of[KM__DATE_BUF];
    double score, health;
    double comp[KM_HEALTH__COUNT];
    double dim[KM_DIMENSION__COUNT];
    uint64_t counts[KM_SCORECARD_COUNTER__COUNT];
    sc_agr *agrs;
    size_t n_agrs, cap_agrs;
    km_progress *rows;
    size_t n_rows, cap_rows;
    char *text;
};

void km_scorecard_free(km_scorecard *sc)
{
    km__ctx *ctx;
    if (!sc) return;
    ctx = sc->ctx;
    km__free(&ctx->alloc, sc->agrs);
    km__free(&ctx->alloc, sc->rows);
    km__free(&ctx->alloc, sc->text);
    km__free(&ctx->alloc, sc);
    km__ctx_unref(ctx);
}

static int check_query(km_network *net, const km_scorecard_query *q)
{
    if (!q) return km__err(KM_EINVAL, "query", "must not be NULL", "tidak boleh NULL");
    if (q->version == 0 || q->version > KM_SCORECARD_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->knowledge != KM_KNOWLEDGE_CURRENT && q->knowledge != KM_KNOWLEDGE_AS_OF)
        return km__err(KM_EINVAL, "query.knowledge", "%d is not a km_knowledge value", "%d bukan nilai km_knowledge",
                       q->knowledge);
    switch (q->scope) {
    case KM_SCOPE_AGREEMENT:
        if (!km__agr_current(net, q->subject)) return km__agr_not_found(q->subject);
        return 0;
    case KM_SCOPE_PARTNER:
        if (!km__partner_exists(&net->partners, q->subject))
            return km__err(KM_ENOTFOUND, "query.subject", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                           (unsigned long long)q->subject);
        return 0;
    case KM_SCOPE_FRAMEWORK:
        if (!km__framework_current(&net->frameworks, q->subject))
            return km__err(KM_ENOTFOUND, "query.subject", "no framework with id %llu",
                           "tidak ada kerangka dengan id %llu", (unsigned long long)q->subject);
        return 0;
    case KM_SCOPE_FAMILY:
        if (q->subject >= KM_FAMILY__COUNT)
            return km__err(KM_EINVAL, "query.subject", "%llu is not a partnership family", "%llu bukan rumpun kemitraan",
                           (unsigned long long)q->subject);
        return 0;
    case KM_SCOPE_DIMENSION:
        if (q->subject >= KM_DIMENSION__COUNT)
            return km__err(KM_EINVAL, "query.subject", "%llu is not a dimension", "%llu bukan dimensi",
                           (unsigned long long)q->subject);
        return 0;
    case KM_SCOPE_NETWORK: return 0;
    default:
        return km__err(KM_EINVAL, "query.scope", "%d is not a scorecard scope", "%d bukan cakupan kartu skor", q->scope);
    }
}

/* The candidate agreements of a scope: a set, or every agreement. */
static const km__idset *scope_set(km_network *net, const km_scorecard_query *q, int *all)
{
    km__agreements *as = &net->agreements;
    *all = 0;
    switch (q->scope) {
    case KM_SCOPE_PARTNER: return km__agr_party_set(as, q->subject); /* drafts are out of scope: no flush */
    case KM_SCOPE_FRAMEWORK: return km__idsets_get(&as->by_framework, q->subject);
    case KM_SCOPE_FAMILY: return &as->by_family[q->subject];
    default: *all = 1; return NULL;
    }
}

static int in_scope(const km_agreement *a, const km_scorecard_query *q, int32_t as_of)
{
    if (q->scope == KM_SCOPE_AGREEMENT) return 1;
    if (!km__ev_evaluated(a) || !km__ag_has_start(a) || a->start > as_of) return 0;
    if (q->running_only && km__ag_has_end(a) && km__ag_end(a) < as_of) return 0;
    return 1;
}

typedef struct build {
    km_network *net;
    km_scorecard *sc;
    const km_scorecard_query *q;
    int32_t as_of;
    km__buf text;
    km__rep_ctx rep;
} build;

static int add_agreement(build *b, const km_agreement *a)
{
    km_scorecard *sc = b->sc;
    const km__idset *set = km__idsets_get(&b->net->indicators.by_agreement, a->id);
    size_t first = sc->n_rows, i;
    uint64_t id = 1, next;
    sc_agr *g;
    int d, rc;
    if ((rc = km__grow(b->net->a, (void **)&sc->agrs, &sc->cap_agrs, sc->n_agrs + 1, sizeof *sc->agrs)) != 0)
        return rc;
    g = &sc->agrs[sc->n_agrs];
    memset(g, 0, sizeof *g);
    g->id = a->id;
    while (set && km__idset_next(set, id, &next)) {
        const km_indicator *ind = b->net->indicators.items[next - 1].cur;
        km_progress *row;
        id = next + 1;
        if (ind->status == KM_INDICATOR_RETIRED && ind->retired_on <= b->as_of) continue;
        if (b->q->scope == KM_SCOPE_DIMENSION && ind->dimension != b->q->subject) continue;
        if ((rc = km__grow(b->net->a, (void **)&sc->rows, &sc->cap_rows, sc->n_rows + 1, sizeof *sc->rows)) != 0)
            return rc;
        row = &sc->rows[sc->n_rows];
        if ((rc = km__progress_fill(b->net, ind, b->as_of, b->q->knowledge, row, &b->text)) != 0) return rc;
        sc->n_rows++;
        if ((rc = km__reporting_scan(b->net, &b->rep, a, ind, b->as_of)) != 0) return rc;
    }
    if (b->q->scope == KM_SCOPE_DIMENSION && sc->n_rows == first) return 0; /* no indicator of that dimension */
    for (i = first; i < sc->n_rows; i++) {
        const km_progress *r = &sc->rows[i];
        int scoreable = r->measure != KM_MEASURE_QUALITATIVE && r->weight > 0;
        sc->counts[KM_SCORECARD_INDICATORS]++;
        switch (r->status) {
        case KM_PROGRESS_NO_DATA: sc->counts[KM_SCORECARD_NO_DATA]++; break;
        case KM_PROGRESS_ON_TRACK: sc->counts[KM_SCORECARD_ON_TRACK]++; break;
        case KM_PROGRESS_AT_RISK: sc->counts[KM_SCORECARD_AT_RISK]++; break;
        case KM_PROGRESS_OFF_TRACK: sc->counts[KM_SCORECARD_OFF_TRACK]++; break;
        default: sc->counts[KM_SCORECARD_NOT_SCORED]++; break;
        }
        if (!scoreable) continue;
        sc->counts[KM_SCORECARD_SCOREABLE]++;
        if (r->status == KM_PROGRESS_NO_DATA) continue;
        sc->counts[KM_SCORECARD_SCORED]++;
        g->wsum += r->weight;
        g->wp += r->weight * r->score;
        g->dim_w[r->dimension] += r->weight;
        g->dim_wp[r->dimension] += r->weight * r->score;
    }
    g->score = g->wsum ? g->wp / (double)g->wsum : -1.0;
    for (d = 0; d < KM_DIMENSION__COUNT; d++) g->dim[d] = g->dim_w[d] ? g->dim_wp[d] / (double)g->dim_w[d] : -1.0;
    sc->n_agrs++;
    return 0;
}

/* Adds v to a mean of the values that are >= 0 (-1 means "none"). */
static void mean_add(double *sum, size_t *k, double v)
{
    if (v >= 0.0) {
        *sum += v;
        (*k)++;
    }
}

static double mean_of(double sum, size_t k) { return k ? sum / (double)k : -1.0; }

static void finish(km_scorecard *sc, const km__rep_ctx *rep)
{
    double sum = 0.0, dsum[KM_DIMENSION__COUNT], perf = 0.0;
    size_t k = 0, dk[KM_DIMENSION__COUNT], i, n_dim = 0;
    int d;
    memset(dsum, 0, sizeof dsum);
    memset(dk, 0, sizeof dk);
    for (i = 0; i < sc->n_agrs; i++) {
        mean_add(&sum, &k, sc->agrs[i].score);
        for (d = 0; d < KM_DIMENSION__COUNT; d++) mean_add(&dsum[d], &dk[d], sc->agrs[i].dim[d]);
    }
    sc->score = mean_of(sum, k);
    for (d = 0; d < KM_DIMENSION__COUNT; d++) {
        sc->dim[d] = mean_of(dsum[d], dk[d]);
        if (sc->dim[d] >= 0.0) {
            perf += sc->dim[d];
            n_dim++;
        }
    }
    sc->counts[KM_SCORECARD_AGREEMENTS] = sc->n_agrs;
    sc->counts[KM_SCORECARD_REPORTS_DUE] = rep->due;
    sc->counts[KM_SCORECARD_REPORTS_MISSING] = rep->missing;
    sc->counts[KM_SCORECARD_REPORTS_LATE] = rep->late;
    sc->counts[KM_SCORECARD_DIMENSIONS_WITH_DATA] = n_dim;
    sc->comp[KM_HEALTH_PERFORMANCE] = n_dim ? perf / (double)n_dim : 0.0;
    sc->comp[KM_HEALTH_COMPLIANCE] =
        rep->due ? (double)(rep->due - rep->missing - rep->late) / (double)rep->due : 1.0;
    sc->comp[KM_HEALTH_COVERAGE] = sc->counts[KM_SCORECARD_SCOREABLE]
                                       ? (double)sc->counts[KM_SCORECARD_SCORED] /
                                             (double)sc->counts[KM_SCORECARD_SCOREABLE]
                                       : 0.0;
    sc->health = sc->n_rows ? 100.0 * (health_weights[KM_HEALTH_PERFORMANCE] * sc->comp[KM_HEALTH_PERFORMANCE] +
                                       health_weights[KM_HEALTH_COMPLIANCE] * sc->comp[KM_HEALTH_COMPLIANCE] +
                                       health_weights[KM_HEALTH_COVERAGE] * sc->comp[KM_HEALTH_COVERAGE])
                            : -1.0;
}

int km__scorecard_build(km_scorecard **out, km_network *net, const km_scorecard_query *q, int32_t as_of)
{
    build b;
    km_scorecard *sc;
    const km__idset *set;
    uint64_t id = 1, next;
    size_t i;
    int all, rc = 0;
    *out = NULL;
    sc = (km_scorecard *)km__calloc(net->a, 1, sizeof *sc);
    if (!sc) return km__nomem();
    sc->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    sc->scope = q->scope;
    sc->subject = q->scope == KM_SCOPE_NETWORK ? 0 : q->subject;
    km__date_format(sc->as_of, as_of);
    memset(&b, 0, sizeof b);
    b.net = net;
    b.sc = sc;
    b.q = q;
    b.as_of = as_of;
    km__buf_init(&b.text, net->a);
    b.rep.a = net->a;
    if (q->scope == KM_SCOPE_AGREEMENT) {
        rc = add_agreement(&b, km__agr_current(net, q->subject));
    } else {
        set = scope_set(net, q, &all);
        if (all) {
            for (i = 0; rc == 0 && i < net->agreements.n; i++) {
                const km_agreement *a = net->agreements.items[i].cur;
                if (in_scope(a, q, as_of)) rc = add_agreement(&b, a);
            }
        } else {
            while (rc == 0 && set && km__idset_next(set, id, &next)) {
                const km_agreement *a = net->agreements.items[next - 1].cur;
                if (in_scope(a, q, as_of)) rc = add_agreement(&b, a);
                id = next + 1;
            }
        }
    }
    if (rc == 0 && b.text.len == 0) rc = km__buf_put_u8(&b.text, 0);
    km__rep_ctx_free(&b.rep);
    if (rc) {
        km__buf_free(&b.text);
        km_scorecard_free(sc);
        return rc;
    }
    sc->text = (char *)b.text.data;
    for (i = 0; i < sc->n_rows; i++)
        sc->rows[i].text = sc->rows[i].text_off == (size_t)-1 ? NULL : sc->text + sc->rows[i].text_off;
    finish(sc, &b.rep);
    *out = sc;
    return 0;
}

int km_scorecard_compute(km_scorecard **out, km_network *net, const km_scorecard_query *query)
{
    int32_t as_of;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = check_query(net, query)) != 0) return rc;
    if ((rc = km__ev_parse_date("query.as_of", query->as_of, &as_of)) != 0) return rc;
    return km__scorecard_build(out, net, query, as_of);
}

int km__scorecard_check(km_network *net, const km_scorecard_query *q) { return check_query(net, q); }

double km__scorecard_dim(const km_scorecard *sc, int d) { return sc->dim[d]; }

int km_scorecard_scope_of(const km_scorecard *sc) { return sc ? sc->scope : -1; }
uint64_t km_scorecard_subject(const km_scorecard *sc) { return sc ? sc->subject : 0; }
const char *km_scorecard_as_of(const km_scorecard *sc) { return sc ? sc->as_of : NULL; }
double km_scorecard_score(const km_scorecard *sc) { return sc ? sc->score : -1.0; }
double km_scorecard_health_index(const km_scorecard *sc) { return sc ? sc->health : -1.0; }
double km_scorecard_health_component(const km_scorecard *sc, int component)
{
    return sc && component >= 0 && component < KM_HEALTH__COUNT ? sc->comp[component] : -1.0;
}
double km_scorecard_dimension_score(const km_scorecard *sc, int dimension)
{
    return sc && dimension >= 0 && dimension < KM_DIMENSION__COUNT ? sc->dim[dimension] : -1.0;
}
uint64_t km_scorecard_count(const km_scorecard *sc, int counter)
{
    return sc && counter >= 0 && counter < KM_SCORECARD_COUNTER__COUNT ? sc->counts[counter] : 0;
}
size_t km_scorecard_agreement_count(const km_scorecard *sc) { return sc ? sc->n_agrs : 0; }
uint64_t km_scorecard_agreement_id(const km_scorecard *sc, size_t i) { return sc && i < sc->n_agrs ? sc->agrs[i].id : 0; }
double km_scorecard_agreement_score(const km_scorecard *sc, size_t i)
{
    return sc && i < sc->n_agrs ? sc->agrs[i].score : -1.0;
}
uint64_t km_scorecard_agreement_weight(const km_scorecard *sc, size_t i)
{
    return sc && i < sc->n_agrs ? sc->agrs[i].wsum : 0;
}
double km_scorecard_agreement_dimension_score(const km_scorecard *sc, size_t i, int dimension)
{
    if (!sc || i >= sc->n_agrs || dimension < 0 || dimension >= KM_DIMENSION__COUNT) return -1.0;
    return sc->agrs[i].dim[dimension];
}
size_t km_scorecard_indicator_count(const km_scorecard *sc) { return sc ? sc->n_rows : 0; }
const km_progress *km_scorecard_indicator(const km_scorecard *sc, size_t i)
{
    return sc && i < sc->n_rows ? &sc->rows[i] : NULL;
}
