/* Exact value arithmetic and the progress of one indicator as of a date:
 * the approved values whose period ended by then are aggregated over time
 * exactly (int64 numerators and denominators; percentages and ratios pool),
 * then turned into derived real numbers for the sign-aware progress, the
 * expected progress of the plan and the status. docs/evaluation.md gives
 * the formulas with a worked example. */
#include "evaluation/evaluation.h"
#include "util/money.h"

#include <string.h>

/* ---- exact comparison of fractions ---- */

static void mul_u64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = a & 0xFFFFFFFFu, a1 = a >> 32, b0 = b & 0xFFFFFFFFu, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static uint64_t magnitude(int64_t v) { return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v; }

int km__q_cmp(int64_t a, int64_t b, int64_t c, int64_t d)
{
    int sa = (a > 0) - (a < 0), sc = (c > 0) - (c < 0), cmp;
    uint64_t h1, l1, h2, l2;
    if (sa != sc) return sa < sc ? -1 : 1;
    if (sa == 0) return 0;
    /* Same sign: compare |a| * d with |c| * b in 128 bits. */
    mul_u64(magnitude(a), (uint64_t)d, &h1, &l1);
    mul_u64(magnitude(c), (uint64_t)b, &h2, &l2);
    cmp = h1 != h2 ? (h1 < h2 ? -1 : 1) : l1 != l2 ? (l1 < l2 ? -1 : 1) : 0;
    return sa > 0 ? cmp : -cmp;
}

static const double pow10_table[KM_INDICATOR_DECIMALS_MAX + 1] = { 1e0, 1e1, 1e2, 1e3, 1e4,
                                                                   1e5, 1e6, 1e7, 1e8, 1e9 };

double km__ev_real(int measure, uint32_t scale, int64_t num, int64_t den)
{
    if (den == 0) return 0.0;
    switch (measure) {
    case KM_MEASURE_PERCENTAGE: return 100.0 * (double)num / (double)den;
    case KM_MEASURE_RATIO: return (double)num / (double)den;
    default: return (double)num / (double)den / pow10_table[scale <= KM_INDICATOR_DECIMALS_MAX ? scale : 0];
    }
}

/* ---- aggregation over time ---- */

typedef struct tacc {
    uint32_t n;
    int64_t num, den;
    const km_measurement *last; /* latest period end */
} tacc;

static int overflow(const km_indicator *ind)
{
    return km__err(KM_ERANGE, "indicator.values", "indicator %llu: the sum of its values overflows 64 bits",
                   "indikator %llu: jumlah nilainya melampaui 64 bit", (unsigned long long)ind->id);
}

static int take(const km_indicator *ind, tacc *t, const km_measurement *m)
{
    int pooled = ind->measure == KM_MEASURE_PERCENTAGE || ind->measure == KM_MEASURE_RATIO;
    int first = t->n == 0;
    t->n++;
    if (first || m->end > t->last->end) t->last = m;
    switch (ind->time_agg) {
    case KM_TIME_AGG_SUM:
        if (first) {
            t->num = m->num;
            t->den = m->den;
            return 0;
        }
        if (km__money_add(t->num, m->num, &t->num) != 0) return overflow(ind);
        if (pooled && km__money_add(t->den, m->den, &t->den) != 0) return overflow(ind);
        return 0;
    case KM_TIME_AGG_AVERAGE:
        if (first) t->num = m->num;
        else if (km__money_add(t->num, m->num, &t->num) != 0) return overflow(ind);
        t->den = (int64_t)t->n; /* denominators are 1 for the measures that average */
        return 0;
    case KM_TIME_AGG_MAX:
        if (first || km__q_cmp(m->num, m->den, t->num, t->den) > 0) {
            t->num = m->num;
            t->den = m->den;
        }
        return 0;
    case KM_TIME_AGG_MIN:
        if (first || km__q_cmp(m->num, m->den, t->num, t->den) < 0) {
            t->num = m->num;
            t->den = m->den;
        }
        return 0;
    default: /* LAST */
        if (t->last == m) {
            t->num = m->num;
            t->den = m->den;
        }
        return 0;
    }
}

/* ---- the plan ---- */

/* Expected value at day d: linear from the baseline at its date through each
 * target at its date; the baseline before, the final target after. */
static double plan_value(const km_indicator *ind, int32_t d, double base)
{
    double v0 = base, v1;
    int32_t d0 = ind->base_date, d1;
    uint32_t i;
    if (d <= d0) return base;
    for (i = 0; i < ind->n_targets; i++) {
        d1 = ind->targets[i].date;
        v1 = km__ev_real(ind->measure, ind->scale, ind->targets[i].num, ind->targets[i].den);
        if (d <= d1) return v0 + (v1 - v0) * (double)(d - d0) / (double)(d1 - d0);
        d0 = d1;
        v0 = v1;
    }
    return v0;
}

static double clamp01(double v) { return v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v; }

#define KM__EPSILON 1e-9

int km__progress_fill(km_network *net, const km_indicator *ind, int32_t as_of, int knowledge, km_progress *out,
                      km__buf *text)
{
    const km__idset *set = km__idsets_get(&net->measurements.by_indicator, ind->id);
    int32_t known_by = knowledge == KM_KNOWLEDGE_AS_OF ? as_of : KM__NO_DAY;
    uint64_t id = 1, next;
    tacc t;
    int rc;
    memset(out, 0, sizeof *out);
    memset(&t, 0, sizeof t);
    out->indicator = ind->id;
    out->agreement = ind->agreement_id;
    out->dimension = ind->dimension;
    out->measure = ind->measure;
    out->weight = ind->weight;
    out->text_off = (size_t)-1;
    km__date_format(out->as_of_s, as_of);
    while (set && km__idset_next(set, id, &next)) {
        const km_measurement *m = km__meas_counting(&net->measurements.items[next - 1], known_by);
        if (m && m->end <= as_of && (rc = take(ind, &t, m)) != 0) return rc;
        id = next + 1;
    }
    out->n_values = t.n;
    out->baseline = km__ev_real(ind->measure, ind->scale, ind->base_num, ind->base_den);
    if (ind->n_targets) {
        const km__target *fin = &ind->targets[ind->n_targets - 1];
        out->target = km__ev_real(ind->measure, ind->scale, fin->num, fin->den);
        if (fin->has_date) {
            memcpy(out->target_s, fin->date_s, KM__DATE_BUF);
            out->has_target = 1;
        }
    }
    if (t.n) {
        out->num = t.num;
        out->den = t.den;
        out->actual = km__ev_real(ind->measure, ind->scale, t.num, t.den);
        memcpy(out->last_s, t.last->end_s, KM__DATE_BUF);
        out->has_last = 1;
        if (ind->measure == KM_MEASURE_QUALITATIVE && t.last->text && text) {
            out->text_off = text->len;
            if ((rc = km__buf_put(text, t.last->text, strlen(t.last->text) + 1)) != 0) return rc;
        }
    }
    if (ind->measure == KM_MEASURE_QUALITATIVE) {
        out->status = KM_PROGRESS_NOT_SCORED;
        return 0;
    }
    if (ind->n_targets && ind->has_base_date) {
        const km__target *fin = &ind->targets[ind->n_targets - 1];
        int asc = ind->direction == KM_DIRECTION_ASCENDING;
        if (ind->measure == KM_MEASURE_NOMINAL) {
            out->expected = as_of >= fin->date ? 1.0 : 0.0;
            if (t.n) out->raw = t.num == fin->num ? 1.0 : 0.0;
        } else if (km__q_cmp(fin->num, fin->den, ind->base_num, ind->base_den) == 0) {
            /* Hold the level: reached when at or beyond it. */
            out->expected = as_of >= ind->base_date ? 1.0 : 0.0;
            if (t.n) {
                int c = km__q_cmp(t.num, t.den, fin->num, fin->den);
                out->raw = (asc ? c >= 0 : c <= 0) ? 1.0 : 0.0;
            }
        } else {
            double span = out->target - out->baseline;
            out->expected = clamp01((plan_value(ind, as_of, out->baseline) - out->baseline) / span);
            if (t.n) out->raw = (out->actual - out->baseline) / span;
        }
    }
    out->score = clamp01(out->raw);
    if (!t.n) {
        out->status = KM_PROGRESS_NO_DATA;
    } else {
        double on = net->indicators.on_track / 1000.0 * out->expected;
        double risk = net->indicators.at_risk / 1000.0 * out->expected;
        out->status = out->score + KM__EPSILON >= on     ? KM_PROGRESS_ON_TRACK
                      : out->score + KM__EPSILON >= risk ? KM_PROGRESS_AT_RISK
                                                         : KM_PROGRESS_OFF_TRACK;
    }
    return 0;
}

/* ---- public ---- */

int km_indicator_progress(km_progress **out, km_network *net, uint64_t indicator_id, const char *as_of, int knowledge)
{
    const km_indicator *ind;
    km_progress row, *p;
    km__buf text;
    int32_t day;
    size_t tl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = km__ev_parse_date("as_of", as_of, &day)) != 0) return rc;
    if (knowledge != KM_KNOWLEDGE_CURRENT && knowledge != KM_KNOWLEDGE_AS_OF)
        return km__err(KM_EINVAL, "knowledge", "%d is not a km_knowledge value", "%d bukan nilai km_knowledge",
                       knowledge);
    if ((ind = km__ind_lookup(net, indicator_id)) == NULL) return km__ind_not_found(indicator_id);
    if (ind->is_template)
        return km__err(KM_EINVAL, "indicator_id", "%llu is a template: progress belongs to an agreement's indicator",
                       "%llu adalah templat: kemajuan milik indikator perjanjian", (unsigned long long)indicator_id);
    km__buf_init(&text, net->a);
    if ((rc = km__progress_fill(net, ind, day, knowledge, &row, &text)) != 0) {
        km__buf_free(&text);
        return rc;
    }
    tl = row.text_off == (size_t)-1 ? 0 : text.len;
    p = (km_progress *)km__malloc(net->a, sizeof *p + tl);
    if (!p) {
        km__buf_free(&text);
        return km__nomem();
    }
    *p = row;
    p->text = NULL;
    if (tl) {
        memcpy(p + 1, text.data, tl);
        p->text = (const char *)(p + 1);
    }
    km__buf_free(&text);
    p->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    *out = p;
    return 0;
}

void km_progress_free(km_progress *p)
{
    km__ctx *ctx;
    if (!p || !p->ctx) return; /* rows of a scorecard or aggregate are borrowed */
    ctx = p->ctx;
    km__free(&ctx->alloc, p);
    km__ctx_unref(ctx);
}

uint64_t km_progress_indicator_id(const km_progress *p) { return p ? p->indicator : 0; }
uint64_t km_progress_agreement_id(const km_progress *p) { return p ? p->agreement : 0; }
int km_progress_dimension(const km_progress *p) { return p ? p->dimension : -1; }
int km_progress_measure(const km_progress *p) { return p ? p->measure : -1; }
uint32_t km_progress_weight(const km_progress *p) { return p ? p->weight : 0; }
int km_progress_status_of(const km_progress *p) { return p ? p->status : -1; }
uint32_t km_progress_value_count(const km_progress *p) { return p ? p->n_values : 0; }
int64_t km_progress_actual(int64_t *out_denominator, const km_progress *p)
{
    if (out_denominator) *out_denominator = p ? p->den : 0;
    return p ? p->num : 0;
}
double km_progress_actual_value(const km_progress *p) { return p ? p->actual : 0.0; }
double km_progress_baseline_value(const km_progress *p) { return p ? p->baseline : 0.0; }
double km_progress_target_value(const km_progress *p) { return p ? p->target : 0.0; }
const char *km_progress_target_date(const km_progress *p) { return p && p->has_target ? p->target_s : NULL; }
const char *km_progress_last_period_end(const km_progress *p) { return p && p->has_last ? p->last_s : NULL; }
double km_progress_raw(const km_progress *p) { return p ? p->raw : 0.0; }
double km_progress_score(const km_progress *p) { return p ? p->score : 0.0; }
double km_progress_expected(const km_progress *p) { return p ? p->expected : 0.0; }
const char *km_progress_text(const km_progress *p) { return p ? p->text : NULL; }
const char *km_progress_as_of(const km_progress *p) { return p ? p->as_of_s : NULL; }
