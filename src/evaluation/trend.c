/* The trend of a scorecard: the same scorecard computed at the end of each
 * calendar period in a range, the series a chart plots. */
#include "evaluation/evaluation.h"

#include <string.h>

typedef struct tpoint {
    char date[KM__DATE_BUF];
    double score, health;
    double dim[KM_DIMENSION__COUNT];
} tpoint;

struct km_trend {
    km__ctx *ctx;
    tpoint *pts;
    size_t n;
};

void km_trend_free(km_trend *t)
{
    km__ctx *ctx;
    if (!t) return;
    ctx = t->ctx;
    km__free(&ctx->alloc, t->pts);
    km__free(&ctx->alloc, t);
    km__ctx_unref(ctx);
}

int km_scorecard_trend(km_trend **out, km_network *net, const km_scorecard_query *query, const char *from,
                       const char *to, int frequency)
{
    km_trend *t;
    int32_t f, l, ps, pe;
    size_t n = 0, i;
    int rc, d;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = km__scorecard_check(net, query)) != 0) return rc;
    if ((rc = km__ev_parse_date("from", from, &f)) != 0) return rc;
    if ((rc = km__ev_parse_date("to", to, &l)) != 0) return rc;
    if (l < f) return km__err(KM_EINVAL, "to", "is before from", "sebelum from");
    if (frequency < 0 || frequency >= KM_FREQUENCY__COUNT)
        return km__err(KM_EINVAL, "frequency", "%d is not a reporting frequency", "%d bukan frekuensi pelaporan",
                       frequency);
    for (km__ev_period_of(f, frequency, &ps, &pe); pe <= l; km__ev_period_of(pe + 1, frequency, &ps, &pe)) {
        if (++n > KM_TREND_POINTS_MAX)
            return km__err(KM_EINVAL, "to", "the range has more than %d periods", "rentang memuat lebih dari %d periode",
                           KM_TREND_POINTS_MAX);
        if (pe >= KM__DATE_MAX) break;
    }
    t = (km_trend *)km__calloc(net->a, 1, sizeof *t);
    if (!t) return km__nomem();
    t->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    if (n && (t->pts = (tpoint *)km__calloc(net->a, n, sizeof *t->pts)) == NULL) {
        km_trend_free(t);
        return km__nomem();
    }
    km__ev_period_of(f, frequency, &ps, &pe);
    for (i = 0; i < n; i++) {
        km_scorecard *sc = NULL;
        tpoint *p = &t->pts[i];
        if ((rc = km__scorecard_build(&sc, net, query, pe)) != 0) {
            km_trend_free(t);
            return rc;
        }
        km__date_format(p->date, pe);
        p->score = km_scorecard_score(sc);
        p->health = km_scorecard_health_index(sc);
        for (d = 0; d < KM_DIMENSION__COUNT; d++) p->dim[d] = km_scorecard_dimension_score(sc, d);
        km_scorecard_free(sc);
        t->n++;
        if (pe < KM__DATE_MAX) km__ev_period_of(pe + 1, frequency, &ps, &pe);
    }
    *out = t;
    return 0;
}

size_t km_trend_count(const km_trend *t) { return t ? t->n : 0; }
const char *km_trend_date(const km_trend *t, size_t i) { return t && i < t->n ? t->pts[i].date : NULL; }
double km_trend_score(const km_trend *t, size_t i) { return t && i < t->n ? t->pts[i].score : -1.0; }
double km_trend_health_index(const km_trend *t, size_t i) { return t && i < t->n ? t->pts[i].health : -1.0; }
double km_trend_dimension_score(const km_trend *t, size_t i, int dimension)
{
    if (!t || i >= t->n || dimension < 0 || dimension >= KM_DIMENSION__COUNT) return -1.0;
    return t->pts[i].dim[dimension];
}
