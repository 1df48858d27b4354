/* Totals and reports: committed, disbursed, outstanding and remaining per
 * commitment, agreement, provider, recipient, kind, framework, status or
 * network, per currency or unit, as of a value date; conversion into one
 * currency through a host-supplied exchange-rate hook with the rates used
 * reported; absorption; and disbursement delay.
 *
 * Each selected commitment contributes one row (its figures as of the date,
 * in its measure); rows are then sorted by (group, measure) and merged with
 * checked sums, so the cost is O(entries + rows log rows) and never mixes
 * currencies. Conversion happens on the merged per-currency rows: each
 * figure is converted once, rounded half up to the target's minor unit. */
#include "commitment/commitment.h"
#include "commitment/exact.h"
#include "util/date.h"
#include "util/money.h"

#include <stdlib.h>
#include <string.h>

typedef struct trow {
    uint64_t group;
    int is_money;
    char unit[KM_COMMITMENT_UNIT_MAX + 1];
    uint64_t count;
    int64_t fig[KM_FIGURE__COUNT];
} trow;

typedef struct rate {
    char from[4];
    int64_t num, den;
} rate;

struct km_totals {
    km__ctx *ctx;
    trow *rows;
    size_t n, cap;
    rate *rates;
    size_t n_rates, cap_rates;
    char rate_date[KM__DATE_BUF];
    int has_rate_date;
};

void km_totals_free(km_totals *t)
{
    km__ctx *ctx;
    if (!t) return;
    ctx = t->ctx;
    km__free(&ctx->alloc, t->rows);
    km__free(&ctx->alloc, t->rates);
    km__free(&ctx->alloc, t);
    km__ctx_unref(ctx);
}

static int cmp_rows(const void *x, const void *y)
{
    const trow *a = (const trow *)x, *b = (const trow *)y;
    if (a->group != b->group) return a->group < b->group ? -1 : 1;
    if (a->is_money != b->is_money) return a->is_money ? -1 : 1;
    return strcmp(a->unit, b->unit);
}

static int range(void)
{
    return km__err(KM_ERANGE, "totals", "a total overflows a 64-bit count of minor units",
                   "suatu total melampaui batas 64-bit satuan terkecil");
}

/* Sorts and merges rows with the same (group, measure). */
static int merge(km_totals *t)
{
    size_t i, w = 0;
    int k;
    if (t->n == 0) return 0;
    qsort(t->rows, t->n, sizeof *t->rows, cmp_rows);
    for (i = 1; i < t->n; i++) {
        trow *dst = &t->rows[w], *src = &t->rows[i];
        if (cmp_rows(dst, src) == 0) {
            for (k = 0; k < KM_FIGURE__COUNT; k++)
                if (km__money_add(dst->fig[k], src->fig[k], &dst->fig[k]) != 0) return range();
            dst->count += src->count;
        } else {
            t->rows[++w] = *src;
        }
    }
    t->n = w + 1;
    return 0;
}

static uint64_t group_key(km_network *net, const km_commitment *c, int group_by)
{
    switch (group_by) {
    case KM_GROUP_COMMITMENT: return c->id;
    case KM_GROUP_AGREEMENT: return c->agreement;
    case KM_GROUP_PROVIDER: return c->provider;
    case KM_GROUP_RECIPIENT: return c->recipient;
    case KM_GROUP_KIND: return c->kind;
    case KM_GROUP_FRAMEWORK: return km__cmt_framework(net, c);
    case KM_GROUP_STATUS: return c->status;
    default: return 0;
    }
}

/* x * num * 10^dt / (den * 10^df), rounded half up. */
static int convert(int64_t x, const rate *r, int df, int dt, int64_t *out)
{
    km__big n, d;
    int rc, i;
    if (x < 0) return range();
    km__big_set(&n, (uint64_t)x);
    if ((rc = km__big_mul_u64(&n, (uint64_t)r->num)) != 0) return rc;
    for (i = 0; i < dt; i++)
        if ((rc = km__big_mul_small(&n, 10)) != 0) return rc;
    km__big_set(&d, (uint64_t)r->den);
    for (i = 0; i < df; i++)
        if ((rc = km__big_mul_small(&d, 10)) != 0) return rc;
    return km__big_div_round(out, &n, &d);
}

static int get_rate(km_totals *t, const km_totals_query *q, const char *from, const rate **out)
{
    size_t i;
    rate *r;
    int64_t num = 0, den = 0;
    int rc;
    for (i = 0; i < t->n_rates; i++)
        if (memcmp(t->rates[i].from, from, 3) == 0) {
            *out = &t->rates[i];
            return 0;
        }
    if (!q->rate)
        return km__err(KM_ENOTFOUND, "query.rate", "no exchange-rate hook to convert %s to %s",
                       "tidak ada fungsi kurs untuk mengonversi %s ke %s", from, q->currency);
    if (q->rate(q->rate_payload, from, q->currency, t->rate_date, &num, &den) != 0)
        return km__err(KM_ENOTFOUND, "query.rate", "no exchange rate from %s to %s on %s",
                       "tidak ada kurs dari %s ke %s pada %s", from, q->currency, t->rate_date);
    if (num <= 0 || den <= 0)
        return km__err(KM_EINVAL, "query.rate", "the rate from %s to %s is %lld/%lld; both must be positive",
                       "kurs dari %s ke %s adalah %lld/%lld; keduanya harus positif", from, q->currency,
                       (long long)num, (long long)den);
    if ((rc = km__grow(&t->ctx->alloc, (void **)&t->rates, &t->cap_rates, t->n_rates + 1,
                       sizeof *t->rates)) != 0)
        return rc;
    r = &t->rates[t->n_rates++];
    memcpy(r->from, from, 4);
    r->num = num;
    r->den = den;
    *out = r;
    return 0;
}

static int convert_rows(km_totals *t, km_network *net, const km_totals_query *q)
{
    size_t i;
    int k, rc, dt = km__currency_digits(q->currency, 3);
    int32_t day;
    for (i = 0; i < t->n; i++) {
        trow *r = &t->rows[i];
        const rate *rt = NULL;
        int df;
        if (!r->is_money || memcmp(r->unit, q->currency, 4) == 0) continue;
        if (!t->has_rate_date) {
            if (!q->as_of_date || km__v_date("query.as_of_date", q->as_of_date, strlen(q->as_of_date), &day) != 0)
                day = km__net_today(net);
            km__date_format(t->rate_date, day);
            t->has_rate_date = 1;
        }
        if ((rc = get_rate(t, q, r->unit, &rt)) != 0) return rc;
        df = km__currency_digits(r->unit, 3);
        for (k = 0; k < KM_FIGURE__COUNT; k++)
            if (convert(r->fig[k], rt, df, dt, &r->fig[k]) != 0) return range();
        memcpy(r->unit, q->currency, 4);
    }
    return merge(t);
}

static int contribute(km_totals *t, km_network *net, const km_totals_query *q, const km__cmt_slot *slot,
                      int has_date, int32_t as_of)
{
    const km_commitment *c = slot->cur;
    int64_t sums[KM_LEDGER_TYPE__COUNT];
    trow *r;
    int k, rc;
    if ((rc = km__ledger_sums(slot, has_date, as_of, sums)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&t->rows, &t->cap, t->n + 1, sizeof *t->rows)) != 0) return rc;
    r = &t->rows[t->n];
    memset(r, 0, sizeof *r);
    r->group = group_key(net, c, q->group_by);
    r->count = 1;
    for (k = 0; k < KM_FIGURE__COUNT; k++) r->fig[k] = km__figure_of(c, sums, k);
    if (c->is_money) {
        r->is_money = 1;
        memcpy(r->unit, c->currency, 4);
    } else if (q->value_quantities && c->val_currency[0]) {
        /* Pro rata: valuation * figure / amount, rounded half up. */
        for (k = 0; k < KM_FIGURE__COUNT; k++)
            if (km__muldiv_round(r->fig[k], (uint64_t)c->valuation, (uint64_t)c->amount, &r->fig[k]) != 0)
                return range();
        r->is_money = 1;
        memcpy(r->unit, c->val_currency, 4);
    } else {
        strncpy(r->unit, c->unit, KM_COMMITMENT_UNIT_MAX);
    }
    t->n++;
    return 0;
}

int km_commitment_totals(km_totals **out, km_network *net, const km_totals_query *query)
{
    km_totals_query dq = KM_TOTALS_QUERY_INIT;
    km__cmt_plan pl;
    km_totals *t;
    uint64_t id = 1, next;
    int32_t as_of = 0;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if (query->version == 0 || query->version > KM_TOTALS_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", query->version);
    if (query->group_by < 0 || query->group_by >= KM_GROUP__COUNT)
        return km__err(KM_EINVAL, "query.group_by", "%d is not a km_group", "%d bukan km_group", query->group_by);
    if (query->as_of_date &&
        (rc = km__v_date("query.as_of_date", query->as_of_date, strlen(query->as_of_date), &as_of)) != 0)
        return rc;
    if (query->currency && (rc = km__v_currency("query.currency", query->currency, strlen(query->currency))) != 0)
        return rc;
    if ((rc = km__cmt_plan_make(&pl, net, query->commitment_id, query->agreement_id, query->provider_id,
                                query->recipient_id, query->framework_id, query->kind, query->status, "query")) != 0)
        return rc;
    t = (km_totals *)km__calloc(net->a, 1, sizeof *t);
    if (!t) return km__nomem();
    t->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    while (rc == 0 && km__cmt_plan_next(&pl, net, id, &next)) {
        rc = contribute(t, net, query, &net->commitments.items[next - 1], query->as_of_date != NULL, as_of);
        id = next + 1;
    }
    if (rc == 0) rc = merge(t);
    if (rc == 0 && query->currency) rc = convert_rows(t, net, query);
    if (rc) {
        km_totals_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

size_t km_totals_count(const km_totals *t) { return t ? t->n : 0; }
uint64_t km_totals_group(const km_totals *t, size_t i) { return t && i < t->n ? t->rows[i].group : 0; }
const char *km_totals_unit(const km_totals *t, size_t i) { return t && i < t->n ? t->rows[i].unit : NULL; }
int km_totals_is_money(const km_totals *t, size_t i) { return t && i < t->n ? t->rows[i].is_money : 0; }
uint64_t km_totals_commitments(const km_totals *t, size_t i) { return t && i < t->n ? t->rows[i].count : 0; }

int64_t km_totals_figure(const km_totals *t, size_t i, int figure)
{
    if (!t || i >= t->n || figure < 0 || figure >= KM_FIGURE__COUNT) return 0;
    return t->rows[i].fig[figure];
}

int64_t km_totals_absorption(const km_totals *t, size_t i, int64_t *out_num, int64_t *out_den)
{
    int64_t num, den, bp;
    if (out_num) *out_num = 0;
    if (out_den) *out_den = 0;
    if (!t || i >= t->n) return -1;
    num = t->rows[i].fig[KM_FIGURE_DISBURSED];
    den = t->rows[i].fig[KM_FIGURE_COMMITTED];
    if (out_num) *out_num = num;
    if (out_den) *out_den = den;
    if (den <= 0 || num < 0) return -1;
    if (km__muldiv_round(num, 10000, (uint64_t)den, &bp) != 0) {
        km__err_clear();
        return -1;
    }
    return bp;
}

size_t km_totals_rate_count(const km_totals *t) { return t ? t->n_rates : 0; }

int km_totals_rate(const km_totals *t, size_t i, const char **out_from, int64_t *out_num, int64_t *out_den)
{
    if (out_from) *out_from = NULL;
    if (out_num) *out_num = 0;
    if (out_den) *out_den = 0;
    if (!t || i >= t->n_rates)
        return km__err(KM_EINVAL, "i", "rate %zu does not exist", "kurs %zu tidak ada", i);
    if (out_from) *out_from = t->rates[i].from;
    if (out_num) *out_num = t->rates[i].num;
    if (out_den) *out_den = t->rates[i].den;
    return 0;
}

const char *km_totals_rate_date(const km_totals *t) { return t && t->has_rate_date ? t->rate_date : NULL; }

/* ---- disbursement delay ---- */

int km_disbursement_delay_get(km_disbursement_delay *out, km_network *net, uint64_t agreement_id,
                              const char *as_of_date)
{
    km_disbursement_delay d;
    km__cmt_plan pl;
    uint64_t id = 1, next;
    int32_t as_of;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out->version == 0 || out->version > KM_DISBURSEMENT_DELAY_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", out->version);
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if (agreement_id && !km__agr_current(net, agreement_id)) return km__agr_not_found(agreement_id);
    if ((rc = km__cmt_plan_make(&pl, net, 0, agreement_id, 0, 0, 0, -1, -1, "agreement")) != 0) return rc;
    memset(&d, 0, sizeof d);
    d.version = out->version;
    while (km__cmt_plan_next(&pl, net, id, &next)) {
        const km__cmt_slot *slot = &net->commitments.items[next - 1];
        size_t i;
        id = next + 1;
        if (slot->cur->status == KM_COMMITMENT_CANCELLED) continue;
        for (i = 0; i < slot->n_tr; i++) {
            const km__tranche *t = slot->tr[i];
            int64_t done, delay;
            int32_t met_date;
            int met;
            if (t->status != KM_TRANCHE_PLANNED) continue;
            if ((rc = km__tranche_progress(slot, t, 1, as_of, &done, &met, &met_date)) != 0) return rc;
            if (t->date <= as_of) d.tranches_due++;
            if (met) {
                delay = met_date > t->date ? km__date_diff(t->date, met_date) : 0;
                d.tranches_met++;
                if (km__money_add(d.delay_days_total, delay, &d.delay_days_total) != 0) return range();
                if (delay > d.delay_days_max) d.delay_days_max = delay;
            } else if (t->date < as_of) {
                int64_t late = km__date_diff(t->date, as_of);
                d.tranches_overdue++;
                if (late > d.overdue_days_max) d.overdue_days_max = late;
            }
        }
    }
    if (d.tranches_met &&
        (rc = km__muldiv_round(d.delay_days_total, 1, d.tranches_met, &d.delay_days_average)) != 0)
        return rc;
    *out = d;
    return 0;
}
