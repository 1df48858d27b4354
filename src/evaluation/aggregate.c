/* One indicator across agreements, in the manner of DHIS2: each selected
 * indicator is first aggregated over time by its own rule (progress.c),
 * then the results are combined by the cross-aggregation rule. Percentages
 * and ratios pool numerators and denominators; an average of percentages is
 * never taken. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"
#include "util/money.h"

#include <string.h>

struct km_aggregate {
    km__ctx *ctx;
    int rule, measure, has_value, exact;
    double value;
    int64_t num, den;
    km_progress *rows;
    size_t n, cap;
};

void km_aggregate_free(km_aggregate *a)
{
    km__ctx *ctx;
    if (!a) return;
    ctx = a->ctx;
    km__free(&ctx->alloc, a->rows);
    km__free(&ctx->alloc, a);
    km__ctx_unref(ctx);
}

static int mismatch(const km_indicator *first, const km_indicator *r, const char *what_en, const char *what_id)
{
    return km__err(KM_EINVAL, "query", "indicator %llu differs from indicator %llu in its %s%.0s: they cannot be aggregated",
                   "indikator %llu berbeda dari indikator %llu dalam %.0s%s: keduanya tidak dapat digabung",
                   (unsigned long long)r->id, (unsigned long long)first->id, what_en, what_id);
}

static int combine(km_aggregate *g)
{
    double sum = 0.0, wsum = 0.0;
    int64_t num = 0, den = 0;
    size_t i, k = 0;
    int whole = 1, pooled = g->measure == KM_MEASURE_PERCENTAGE || g->measure == KM_MEASURE_RATIO;
    for (i = 0; i < g->n; i++) {
        const km_progress *r = &g->rows[i];
        if (!r->n_values) continue;
        k++;
        if (g->rule == KM_CROSS_AGG_WEIGHTED_AVERAGE) {
            sum += r->weight * r->actual;
            wsum += r->weight;
        } else {
            sum += r->actual;
        }
        if (g->rule == KM_CROSS_AGG_SUM) {
            if (!pooled && r->den != 1) whole = 0;
            if (km__money_add(num, r->num, &num) != 0 || (pooled && km__money_add(den, r->den, &den) != 0))
                return km__err(KM_ERANGE, "query", "the pooled values overflow 64 bits",
                               "nilai gabungan melampaui 64 bit");
        }
    }
    if (!k) return 0;
    switch (g->rule) {
    case KM_CROSS_AGG_SUM:
        if (pooled) {
            g->num = num;
            g->den = den;
            g->exact = 1;
            g->value = km__ev_real(g->measure, 0, num, den);
        } else if (whole) {
            g->num = num;
            g->den = 1;
            g->exact = 1;
            g->value = sum;
        } else {
            g->value = sum;
        }
        g->has_value = 1;
        break;
    case KM_CROSS_AGG_AVERAGE:
        g->value = sum / (double)k;
        g->has_value = 1;
        break;
    default:
        if (wsum > 0.0) {
            g->value = sum / wsum;
            g->has_value = 1;
        }
        break;
    }
    return 0;
}

int km_indicator_aggregate(km_aggregate **out, km_network *net, const km_aggregate_query *query)
{
    const km__idset *set = NULL;
    const km_indicator *first = NULL;
    km_aggregate *g;
    int32_t as_of;
    uint64_t id = 1, next;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) return km__err(KM_EINVAL, "query", "must not be NULL", "tidak boleh NULL");
    if (query->version == 0 || query->version > KM_AGGREGATE_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", query->version);
    if ((rc = km__ev_parse_date("query.as_of", query->as_of, &as_of)) != 0) return rc;
    if (query->knowledge != KM_KNOWLEDGE_CURRENT && query->knowledge != KM_KNOWLEDGE_AS_OF)
        return km__err(KM_EINVAL, "query.knowledge", "%d is not a km_knowledge value", "%d bukan nilai km_knowledge",
                       query->knowledge);
    if (query->template_id) {
        first = km__ind_lookup(net, query->template_id);
        if (!first || !first->is_template)
            return km__err(KM_ENOTFOUND, "query.template_id", "no template with id %llu",
                           "tidak ada templat dengan id %llu", (unsigned long long)query->template_id);
        set = km__idsets_get(&net->indicators.by_template, query->template_id);
    } else if (query->code) {
        set = km__keyidx_find(&net->indicators.by_code, query->code, strlen(query->code));
    } else {
        return km__err(KM_EINVAL, "query", "give a template_id or a code", "berikan template_id atau code");
    }
    if (first && (first->measure == KM_MEASURE_NOMINAL || first->measure == KM_MEASURE_QUALITATIVE))
        return km__err(KM_EINVAL, "query", "nominal and qualitative indicators cannot be aggregated",
                       "indikator nominal dan kualitatif tidak dapat digabung");
    g = (km_aggregate *)km__calloc(net->a, 1, sizeof *g);
    if (!g) return km__nomem();
    g->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    g->rule = first ? first->cross_agg : -1;
    g->measure = first ? first->measure : -1;
    while (set && km__idset_next(set, id, &next)) {
        const km_indicator *r = net->indicators.items[next - 1].cur;
        const km_agreement *a = km__agr_current(net, r->agreement_id);
        id = next + 1;
        if (!a || !km__ev_evaluated(a) || (query->framework_id && km__ag_framework(a) != query->framework_id)) continue;
        if (r->status == KM_INDICATOR_RETIRED && r->retired_on <= as_of) continue; /* as scorecards do */
        if (!first) {
            first = r;
            g->rule = r->cross_agg;
            g->measure = r->measure;
            if (r->measure == KM_MEASURE_NOMINAL || r->measure == KM_MEASURE_QUALITATIVE) {
                rc = km__err(KM_EINVAL, "query", "nominal and qualitative indicators cannot be aggregated",
                             "indikator nominal dan kualitatif tidak dapat digabung");
                break;
            }
        }
        if (r->measure != first->measure) rc = mismatch(first, r, "measure", "ukuran");
        else if (r->scale != first->scale) rc = mismatch(first, r, "scale", "skala");
        else if (r->cross_agg != first->cross_agg) rc = mismatch(first, r, "cross-agreement rule", "aturan lintas perjanjian");
        if (rc == 0) rc = km__grow(net->a, (void **)&g->rows, &g->cap, g->n + 1, sizeof *g->rows);
        if (rc == 0) rc = km__progress_fill(net, r, as_of, query->knowledge, &g->rows[g->n], NULL);
        if (rc) break;
        g->n++;
    }
    if (rc == 0) rc = combine(g);
    if (rc) {
        km_aggregate_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int km_aggregate_rule(const km_aggregate *a) { return a ? a->rule : -1; }
int km_aggregate_measure(const km_aggregate *a) { return a ? a->measure : -1; }
int km_aggregate_has_value(const km_aggregate *a) { return a ? a->has_value : 0; }
double km_aggregate_value(const km_aggregate *a) { return a && a->has_value ? a->value : 0.0; }
int km_aggregate_exact(int64_t *out_numerator, int64_t *out_denominator, const km_aggregate *a)
{
    int ok = a && a->exact;
    if (out_numerator) *out_numerator = ok ? a->num : 0;
    if (out_denominator) *out_denominator = ok ? a->den : 0;
    return ok;
}
size_t km_aggregate_count(const km_aggregate *a) { return a ? a->n : 0; }
const km_progress *km_aggregate_row(const km_aggregate *a, size_t i) { return a && i < a->n ? &a->rows[i] : NULL; }
