/* Stage deadlines. A stage (filed, acknowledged, negotiation, mediation)
 * starts on the civil date of the entry that moved the dispute into it, at
 * the policy's UTC offset, and is due that many days later (the limit of
 * the policy in force when it started): on the due date the next step is
 * still on time, from the next day on it is overdue. Days are counted on
 * the civil calendar (util/date.h), so month and year ends and 29 February
 * need no special case. km_dispute_overdue lists what is late as of a
 * given date and who owes the next step. */
#include "dispute/dispute.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

#define DAY_US (86400LL * 1000000LL)

void km__dsp_enter(km__din *in, int to, int64_t time, const km__dsp_pol *pol)
{
    int32_t day = km__day_at(time, pol->utc_offset);
    in->status = (uint64_t)to;
    in->status_time = time;
    in->entered[to] = time;
    in->stage_day = day;
    in->has_due = 0;
    if (to < KM__DSP_STAGES && pol->limit[to]) {
        int64_t due = (int64_t)day + pol->limit[to];
        in->has_due = 1;
        in->due_day = due > KM__DATE_MAX ? KM__DATE_MAX : (int32_t)due;
    }
    if (!in->has_resolved && (to == KM_DISPUTE_SETTLED || to == KM_DISPUTE_ESCALATED || to == KM_DISPUTE_WITHDRAWN ||
                              to == KM_DISPUTE_DISMISSED)) {
        in->has_resolved = 1;
        in->resolved_day = day;
        in->outcome = to;
    }
}

/* ---- overdue disputes ---- */

typedef struct orow {
    uint64_t id;
    int status;
    char due[KM__DATE_BUF];
    uint32_t days;
    uint32_t owed_by;
    size_t own_off, n_own;
} orow;

struct km_dispute_overdue_list {
    km__ctx *ctx;
    orow *rows;
    size_t n, cap;
    uint64_t *own;
    size_t n_own, cap_own;
};

void km_dispute_overdue_free(km_dispute_overdue_list *l)
{
    km__ctx *ctx;
    if (!l) return;
    ctx = l->ctx;
    km__free(&ctx->alloc, l->rows);
    km__free(&ctx->alloc, l->own);
    km__free(&ctx->alloc, l);
    km__ctx_unref(ctx);
}

static int push_owing(km_network *net, km_dispute_overdue_list *l, uint64_t partner)
{
    int rc = km__grow(net->a, (void **)&l->own, &l->cap_own, l->n_own + 1, sizeof *l->own);
    if (rc == 0) l->own[l->n_own++] = partner;
    return rc;
}

static int push_row(km_network *net, km_dispute_overdue_list *l, const km_dispute *d, int32_t as_of)
{
    orow *r;
    size_t i;
    int rc;
    if ((rc = km__grow(net->a, (void **)&l->rows, &l->cap, l->n + 1, sizeof *l->rows)) != 0) return rc;
    r = &l->rows[l->n];
    r->id = d->id;
    r->status = d->status;
    memcpy(r->due, d->due_s, sizeof r->due);
    r->days = (uint32_t)(as_of - d->due_day);
    r->own_off = l->n_own;
    switch (d->status) {
    case KM_DISPUTE_FILED:
        r->owed_by = KM_DISPUTE_ROLE_RESPONDENT;
        for (i = 1; rc == 0 && i < d->n_parties; i++)
            if (!d->parties[i].acked) rc = push_owing(net, l, d->parties[i].partner);
        break;
    case KM_DISPUTE_MEDIATION:
        r->owed_by = KM_DISPUTE_ROLE_MEDIATOR;
        if (d->mediator) rc = push_owing(net, l, d->mediator);
        break;
    default: /* acknowledged, negotiation: both sides */
        r->owed_by = KM_DISPUTE_ROLE_CLAIMANT | KM_DISPUTE_ROLE_RESPONDENT;
        for (i = 0; rc == 0 && i < d->n_parties; i++) rc = push_owing(net, l, d->parties[i].partner);
        break;
    }
    if (rc) return rc;
    r = &l->rows[l->n]; /* push_owing does not move rows, but keep it obvious */
    r->n_own = l->n_own - r->own_off;
    l->n++;
    return 0;
}

static int by_id(const void *x, const void *y)
{
    const orow *a = (const orow *)x, *b = (const orow *)y;
    return a->id < b->id ? -1 : a->id > b->id;
}

int km_dispute_overdue(km_dispute_overdue_list **out, km_network *net, const char *as_of_date,
                       const km_dispute_query *query)
{
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    km_dispute_overdue_list *l;
    km__dsp_plan pl;
    int32_t as_of;
    int rc = 0, st;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = km__dsp_plan_make(&pl, net, query)) != 0) return rc;
    l = (km_dispute_overdue_list *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    /* Only the four timed stages can be overdue: walk each stage's set
     * (intersected with the query's), so the cost follows the disputes
     * still in progress, then order by id. */
    for (st = 0; rc == 0 && st < KM__DSP_STAGES; st++) {
        km__dsp_plan sp = pl;
        uint64_t id = 1, next;
        if (query->status != -1 && query->status != st) continue;
        sp.sets[sp.n++] = &net->disputes.by_status[st];
        while (rc == 0 && km__dsp_plan_next(&sp, net, id, &next)) {
            const km_dispute *d = net->disputes.items[next - 1].cur;
            if (d->has_due && as_of > d->due_day) rc = push_row(net, l, d, as_of);
            id = next + 1;
        }
    }
    if (rc) {
        km_dispute_overdue_free(l);
        return rc;
    }
    if (l->n > 1) qsort(l->rows, l->n, sizeof *l->rows, by_id);
    *out = l;
    return 0;
}

size_t km_dispute_overdue_count(const km_dispute_overdue_list *l) { return l ? l->n : 0; }
uint64_t km_dispute_overdue_id(const km_dispute_overdue_list *l, size_t i) { return l && i < l->n ? l->rows[i].id : 0; }
int km_dispute_overdue_status(const km_dispute_overdue_list *l, size_t i) { return l && i < l->n ? l->rows[i].status : -1; }
const char *km_dispute_overdue_due_date(const km_dispute_overdue_list *l, size_t i)
{
    return l && i < l->n ? l->rows[i].due : NULL;
}
uint32_t km_dispute_overdue_days(const km_dispute_overdue_list *l, size_t i) { return l && i < l->n ? l->rows[i].days : 0; }
uint32_t km_dispute_overdue_owed_by(const km_dispute_overdue_list *l, size_t i)
{
    return l && i < l->n ? l->rows[i].owed_by : 0;
}
size_t km_dispute_overdue_owing_count(const km_dispute_overdue_list *l, size_t i)
{
    return l && i < l->n ? l->rows[i].n_own : 0;
}
uint64_t km_dispute_overdue_owing(const km_dispute_overdue_list *l, size_t i, size_t k)
{
    return l && i < l->n && k < l->rows[i].n_own ? l->own[l->rows[i].own_off + k] : 0;
}
