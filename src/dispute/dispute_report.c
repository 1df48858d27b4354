/* Reports over the disputes a query selects (one agreement, one partner's,
 * the network): counts per state, how disputes were resolved, resolution
 * time percentiles, and each mediator's caseload. Definitions are in
 * include/kemitraan/dispute.h (km_dispute_report) and docs/disputes.md. */
#include "dispute/dispute.h"

#include <stdlib.h>
#include <string.h>

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

/* Nearest rank: the value of rank ceil(p * n / 100) in ascending order. */
static int64_t percentile(const int64_t *v, size_t n, unsigned p)
{
    size_t rank = (p * n + 99) / 100;
    if (rank == 0) rank = 1;
    return v[rank - 1];
}

int km_dispute_report_get(km_dispute_report *out, km_network *net, const km_dispute_query *query)
{
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    km__dsp_plan pl;
    int64_t *days = NULL;
    size_t n_days = 0, cap = 0;
    uint64_t id = 1, next;
    int rc, st;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out->version == 0 || out->version > KM_DISPUTE_REPORT_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", out->version);
    if (!query) query = &dq;
    if ((rc = km__dsp_plan_make(&pl, net, query)) != 0) return rc;
    while (km__dsp_plan_next(&pl, net, id, &next) == 1) {
        const km_dispute *d = net->disputes.items[next - 1].cur;
        id = next + 1;
        if (!d->has_resolved) continue;
        if ((rc = km__grow(net->a, (void **)&days, &cap, n_days + 1, sizeof *days)) != 0) {
            km__free(net->a, days);
            return rc;
        }
        days[n_days++] = (int64_t)d->resolved_day - d->filed_day;
    }
    /* Nothing is written to out before the last allocation succeeded. */
    out->disputes = out->open = out->resolved = 0;
    out->settled_negotiation = out->settled_mediation = out->escalated = out->withdrawn = out->dismissed = 0;
    for (st = 0; st < KM_DISPUTE_STATUS__COUNT; st++) out->in_status[st] = 0;
    for (id = 1; km__dsp_plan_next(&pl, net, id, &next) == 1; id = next + 1) {
        const km_dispute *d = net->disputes.items[next - 1].cur;
        out->disputes++;
        out->in_status[d->status]++;
        if (!km__dsp_final(d->status)) out->open++;
        if (!d->has_resolved) continue;
        out->resolved++;
        switch (d->outcome) {
        case KM_DISPUTE_SETTLED:
            if (d->settled_in == KM_DISPUTE_MEDIATION) out->settled_mediation++;
            else out->settled_negotiation++;
            break;
        case KM_DISPUTE_ESCALATED: out->escalated++; break;
        case KM_DISPUTE_WITHDRAWN: out->withdrawn++; break;
        default: out->dismissed++; break;
        }
    }
    out->share_settled_negotiation = out->resolved ? (double)out->settled_negotiation / (double)out->resolved : 0.0;
    out->share_settled_mediation = out->resolved ? (double)out->settled_mediation / (double)out->resolved : 0.0;
    out->share_escalated = out->resolved ? (double)out->escalated / (double)out->resolved : 0.0;
    out->resolution_days_median = out->resolution_days_p90 = out->resolution_days_max = -1;
    if (n_days) {
        qsort(days, n_days, sizeof *days, cmp_i64);
        out->resolution_days_median = percentile(days, n_days, 50);
        out->resolution_days_p90 = percentile(days, n_days, 90);
        out->resolution_days_max = days[n_days - 1];
    }
    km__free(net->a, days);
    return 0;
}

/* ---- caseloads ---- */

typedef struct lrow {
    uint64_t mediator, assigned, open, in_mediation, settled, escalated;
} lrow;

struct km_caseload {
    km__ctx *ctx;
    lrow *rows;
    size_t n, cap;
};

void km_caseload_free(km_caseload *c)
{
    km__ctx *ctx;
    if (!c) return;
    ctx = c->ctx;
    km__free(&ctx->alloc, c->rows);
    km__free(&ctx->alloc, c);
    km__ctx_unref(ctx);
}

int km_dispute_caseload(km_caseload **out, km_network *net, const km_dispute_query *query)
{
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    const km__disputes *s;
    km__dsp_plan pl;
    km_caseload *c;
    uint64_t m;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = km__dsp_plan_make(&pl, net, query)) != 0) return rc;
    s = &net->disputes;
    c = (km_caseload *)km__calloc(net->a, 1, sizeof *c);
    if (!c) return km__nomem();
    c->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    /* One pass per mediator over its own set (intersected with the query). */
    for (m = 1; rc == 0 && m <= km__idsets_limit(&s->by_mediator); m++) {
        const km__idset *ms = km__idsets_get(&s->by_mediator, m);
        km__dsp_plan mp = pl;
        lrow row;
        uint64_t id = 1, next;
        if (!ms || km__idset_count(ms) == 0) continue;
        memset(&row, 0, sizeof row);
        row.mediator = m;
        mp.sets[mp.n++] = ms;
        while (km__dsp_plan_next(&mp, net, id, &next) == 1) {
            const km_dispute *d = s->items[next - 1].cur;
            id = next + 1;
            row.assigned++;
            if (!km__dsp_final(d->status)) row.open++;
            if (d->status == KM_DISPUTE_MEDIATION) row.in_mediation++;
            if (d->outcome == KM_DISPUTE_SETTLED && d->settled_in == KM_DISPUTE_MEDIATION) row.settled++;
            if (d->outcome == KM_DISPUTE_ESCALATED) row.escalated++;
        }
        if (!row.assigned) continue;
        if ((rc = km__grow(net->a, (void **)&c->rows, &c->cap, c->n + 1, sizeof *c->rows)) == 0) c->rows[c->n++] = row;
    }
    if (rc) {
        km_caseload_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

size_t km_caseload_count(const km_caseload *c) { return c ? c->n : 0; }
uint64_t km_caseload_mediator(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].mediator : 0; }
uint64_t km_caseload_assigned(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].assigned : 0; }
uint64_t km_caseload_open(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].open : 0; }
uint64_t km_caseload_in_mediation(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].in_mediation : 0; }
uint64_t km_caseload_settled(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].settled : 0; }
uint64_t km_caseload_escalated(const km_caseload *c, size_t i) { return c && i < c->n ? c->rows[i].escalated : 0; }
