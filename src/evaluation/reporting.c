/* Missing and late reports. Each indicator owes one report per calendar
 * period of its frequency, over its agreement's reporting window; a report
 * is due a grace period after its period ends. A period counts as reported
 * when the submitted or approved measurements of the indicator cover every
 * day of it (a yearly report covers four quarters; two monthly reports do
 * not cover a quarter). The same scan gives the scorecards their reporting
 * compliance. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"

#include <stdlib.h>
#include <string.h>

void km__rep_ctx_free(km__rep_ctx *c)
{
    km__free(c->a, c->iv);
    km__free(c->a, c->rows);
    c->iv = NULL;
    c->rows = NULL;
    c->n_iv = c->cap_iv = c->n_rows = c->cap_rows = 0;
}

static int add_row(km__rep_ctx *c, const km_indicator *ind, uint64_t partner, int32_t start, int32_t end, int32_t due,
                   int32_t submitted, int kind)
{
    km__rep_row *r;
    int rc;
    if ((rc = km__grow(c->a, (void **)&c->rows, &c->cap_rows, c->n_rows + 1, sizeof *c->rows)) != 0) return rc;
    r = &c->rows[c->n_rows++];
    r->partner = partner;
    r->agreement = ind->agreement_id;
    r->indicator = ind->id;
    r->start = start;
    r->end = end;
    r->due = due;
    r->submitted = submitted;
    r->kind = kind;
    return 0;
}

int km__reporting_scan(km_network *net, km__rep_ctx *c, const km_agreement *a, const km_indicator *ind, int32_t as_of)
{
    const km__idset *set = km__idsets_get(&net->measurements.by_indicator, ind->id);
    uint64_t id = 1, next;
    int32_t ws, we, ps, pe;
    int64_t grace = ind->grace >= 0 ? ind->grace : (int64_t)net->indicators.grace;
    size_t i, j;
    int rc;
    if (ind->is_template || !km__ag_has_start(a) || !km__ev_evaluated(a)) return 0;
    ws = a->start;
    if (ind->has_base_date && ind->base_date > ws) ws = ind->base_date;
    we = km__ev_window_end(a, as_of);
    if (ws > we) return 0;
    /* The reported periods, known by the as-of date, sorted by start. */
    c->n_iv = 0;
    while (set && km__idset_next(set, id, &next)) {
        const km__meas_slot *slot = &net->measurements.items[next - 1];
        const km_measurement *m = km__meas_reported(slot);
        id = next + 1;
        if (!m || !slot->v[0]->submitted || km__day_at(slot->v[0]->submitted, KM__WIB_MINUTES) > as_of) continue;
        if ((rc = km__grow(c->a, (void **)&c->iv, &c->cap_iv, c->n_iv + 1, sizeof *c->iv)) != 0) return rc;
        c->iv[c->n_iv].start = m->start;
        c->iv[c->n_iv].end = m->end;
        c->iv[c->n_iv].submitted = km__day_at(slot->v[0]->submitted, KM__WIB_MINUTES);
        c->iv[c->n_iv].partner = m->partner_id;
        for (j = c->n_iv++; j > 0 && c->iv[j - 1].start > c->iv[j].start; j--) {
            km__rep_iv t = c->iv[j];
            c->iv[j] = c->iv[j - 1];
            c->iv[j - 1] = t;
        }
    }
    km__ev_period_of(ws, ind->frequency, &ps, &pe);
    while (ps <= we && ps <= as_of) {
        int32_t cs = ps < ws ? ws : ps, ce = pe > we ? we : pe, due, cur = cs, last_sub = KM__NO_DAY;
        uint64_t who = 0;
        if (km__date_add_days(ce, grace, &due) != 0) {
            km__err_clear();
            due = KM__DATE_MAX;
        }
        if (due < as_of && (ind->status != KM_INDICATOR_RETIRED || due < ind->retired_on)) {
            c->due++;
            for (i = 0; i < c->n_iv && cur <= ce; i++) {
                if (c->iv[i].end < cur) continue;
                if (c->iv[i].start > cur) break;
                cur = c->iv[i].end + 1;
                if (c->iv[i].submitted > last_sub) {
                    last_sub = c->iv[i].submitted;
                    who = c->iv[i].partner;
                }
            }
            if (cur <= ce) {
                c->missing++;
                if (c->want_rows &&
                    (rc = add_row(c, ind, ind->reporter, cs, ce, due, KM__NO_DAY, KM_REPORT_MISSING)) != 0)
                    return rc;
            } else if (last_sub > due) {
                c->late++;
                if (c->want_rows && c->include_late &&
                    (rc = add_row(c, ind, who, cs, ce, due, last_sub, KM_REPORT_LATE)) != 0)
                    return rc;
            }
        }
        if (pe >= KM__DATE_MAX) break;
        km__ev_period_of(pe + 1, ind->frequency, &ps, &pe);
    }
    return 0;
}

/* ---- public ---- */

typedef struct rrow {
    uint64_t partner, agreement, indicator;
    int kind, has_sub;
    char start[KM__DATE_BUF], end[KM__DATE_BUF], due[KM__DATE_BUF], sub[KM__DATE_BUF];
} rrow;

struct km_reporting {
    km__ctx *ctx;
    rrow *rows;
    size_t n;
    uint64_t due, missing, late;
};

static int row_cmp(const void *x, const void *y)
{
    const km__rep_row *a = (const km__rep_row *)x, *b = (const km__rep_row *)y;
    if (a->partner != b->partner) return a->partner < b->partner ? -1 : 1;
    if (a->agreement != b->agreement) return a->agreement < b->agreement ? -1 : 1;
    if (a->indicator != b->indicator) return a->indicator < b->indicator ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->kind - b->kind;
}

void km_reporting_free(km_reporting *r)
{
    km__ctx *ctx;
    if (!r) return;
    ctx = r->ctx;
    km__free(&ctx->alloc, r->rows);
    km__free(&ctx->alloc, r);
    km__ctx_unref(ctx);
}

static int scan_agreement(km_network *net, km__rep_ctx *c, const km_agreement *a, int32_t as_of)
{
    const km__idset *set = km__idsets_get(&net->indicators.by_agreement, a->id);
    uint64_t id = 1, next;
    int rc;
    while (set && km__idset_next(set, id, &next)) {
        const km_indicator *ind = net->indicators.items[next - 1].cur;
        id = next + 1;
        if (c->partner_filter && ind->reporter != c->partner_filter) continue;
        if ((rc = km__reporting_scan(net, c, a, ind, as_of)) != 0) return rc;
    }
    return 0;
}

int km_reporting_list(km_reporting **out, km_network *net, const km_reporting_query *query)
{
    km__rep_ctx c;
    km_reporting *r;
    int32_t as_of;
    size_t i;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) return km__err(KM_EINVAL, "query", "must not be NULL", "tidak boleh NULL");
    if (query->version == 0 || query->version > KM_REPORTING_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", query->version);
    if ((rc = km__ev_parse_date("query.as_of", query->as_of, &as_of)) != 0) return rc;
    if (query->agreement_id && !km__agr_current(net, query->agreement_id)) return km__agr_not_found(query->agreement_id);
    memset(&c, 0, sizeof c);
    c.a = net->a;
    c.want_rows = 1;
    c.include_late = query->include_late != 0;
    c.partner_filter = query->partner_id;
    if (query->agreement_id) {
        rc = scan_agreement(net, &c, km__agr_current(net, query->agreement_id), as_of);
    } else {
        for (i = 0; rc == 0 && i < net->agreements.n; i++) rc = scan_agreement(net, &c, net->agreements.items[i].cur, as_of);
    }
    if (rc) {
        km__rep_ctx_free(&c);
        return rc;
    }
    r = (km_reporting *)km__calloc(net->a, 1, sizeof *r);
    if (r && c.n_rows && (r->rows = (rrow *)km__calloc(net->a, c.n_rows, sizeof *r->rows)) == NULL) {
        km__free(net->a, r);
        r = NULL;
    }
    if (!r) {
        km__rep_ctx_free(&c);
        return km__nomem();
    }
    r->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    if (c.n_rows) qsort(c.rows, c.n_rows, sizeof *c.rows, row_cmp);
    for (i = 0; i < c.n_rows; i++) {
        const km__rep_row *s = &c.rows[i];
        rrow *d = &r->rows[i];
        d->partner = s->partner;
        d->agreement = s->agreement;
        d->indicator = s->indicator;
        d->kind = s->kind;
        km__date_format(d->start, s->start);
        km__date_format(d->end, s->end);
        km__date_format(d->due, s->due);
        d->has_sub = s->submitted != KM__NO_DAY;
        if (d->has_sub) km__date_format(d->sub, s->submitted);
    }
    r->n = c.n_rows;
    r->due = c.due;
    r->missing = c.missing;
    r->late = c.late;
    km__rep_ctx_free(&c);
    *out = r;
    return 0;
}

size_t km_reporting_count(const km_reporting *r) { return r ? r->n : 0; }
uint64_t km_reporting_partner(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].partner : 0; }
uint64_t km_reporting_agreement(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].agreement : 0; }
uint64_t km_reporting_indicator(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].indicator : 0; }
int km_reporting_kind(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].kind : -1; }
const char *km_reporting_period_start(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].start : NULL; }
const char *km_reporting_period_end(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].end : NULL; }
const char *km_reporting_due_date(const km_reporting *r, size_t i) { return r && i < r->n ? r->rows[i].due : NULL; }
const char *km_reporting_submitted_on(const km_reporting *r, size_t i)
{
    return r && i < r->n && r->rows[i].has_sub ? r->rows[i].sub : NULL;
}
void km_reporting_totals(uint64_t *out_due, uint64_t *out_missing, uint64_t *out_late, const km_reporting *r)
{
    if (out_due) *out_due = r ? r->due : 0;
    if (out_missing) *out_missing = r ? r->missing : 0;
    if (out_late) *out_late = r ? r->late : 0;
}
