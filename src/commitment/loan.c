/* Loans: the repayment schedule with exact integer arithmetic, previews of
 * a schedule from terms alone, and a loan's position on a date.
 *
 * Rounding rule (docs/commitments.md): everything is in minor units; each
 * period's interest is balance * rate_bp / 120000 (one twelfth of the
 * annual rate, whatever the month's length) rounded half up; the annuity
 * payment is the exact rational P r q^m / (120000 (q^m - 120000^m)) with
 * q = 120000 + r and m the number of amortising periods, rounded half up;
 * the straight-line principal part is P / m rounded half up; no instalment
 * repays more principal than is left, and the last one repays all of it
 * (absorbing every remainder). No floating point: the annuity uses the
 * multi-word integers of exact.c. */
#include "commitment/commitment.h"
#include "commitment/exact.h"
#include "util/date.h"
#include "util/money.h"

#include <stdio.h>
#include <string.h>

#define RATE_DEN 120000u /* 12 months x 10000 basis points */

void km__loan_of(km__loan *l, const km_commitment *c)
{
    l->principal = c->amount;
    l->rate = c->rate_bp;
    l->term = c->term;
    l->grace = c->grace;
    l->method = c->method;
    l->start = c->loan_start;
    l->regular = c->regular;
}

static int regular_payment(km__loan *l)
{
    uint32_t m = l->term - l->grace;
    km__big qm, bm, n, d;
    int rc;
    if (l->method == KM_LOAN_STRAIGHT_LINE || l->rate == 0)
        return km__muldiv_round(l->principal, 1, m, &l->regular); /* equal principal parts */
    /* q^m and 120000^m stay below 2^10200 for q <= 130000 and m <= 600. */
    if ((rc = km__big_pow(&qm, RATE_DEN + l->rate, m)) != 0) return rc;
    if ((rc = km__big_pow(&bm, RATE_DEN, m)) != 0) return rc;
    memcpy(&n, &qm, sizeof n);
    if ((rc = km__big_mul_u64(&n, (uint64_t)l->principal)) != 0) return rc;
    if ((rc = km__big_mul_small(&n, l->rate)) != 0) return rc;
    memcpy(&d, &qm, sizeof d);
    km__big_sub(&d, &bm);
    if ((rc = km__big_mul_small(&d, RATE_DEN)) != 0) return rc;
    return km__big_div_round(&l->regular, &n, &d);
}

void km__loan_it_init(km__loan_it *it, const km__loan *l)
{
    it->l = l;
    it->k = 0;
    it->balance = l->principal;
}

int km__loan_it_next(km__loan_it *it, km__inst *out)
{
    const km__loan *l = it->l;
    int64_t b = it->balance, interest, principal;
    int rc;
    if (it->k >= l->term) return 0;
    it->k++;
    if ((rc = km__date_add_months(l->start, it->k, &out->due)) != 0) return rc;
    if ((rc = km__muldiv_round(b, l->rate, RATE_DEN, &interest)) != 0) return rc;
    if (it->k <= l->grace) {
        principal = 0;
    } else if (it->k == l->term) {
        principal = b; /* the last instalment absorbs every remainder */
    } else if (l->method == KM_LOAN_STRAIGHT_LINE || l->rate == 0) {
        principal = l->regular;
    } else {
        principal = l->regular - interest; /* >= 0: the annuity exceeds the interest of any balance <= P */
        if (principal < 0) principal = 0;
    }
    if (principal > b) principal = b;
    out->principal = principal;
    out->interest = interest;
    if ((rc = km__money_add(principal, interest, &out->payment)) != 0) return rc;
    out->balance = b - principal;
    it->balance = out->balance;
    return 1;
}

int km__loan_prepare(km__loan *l, const char *prefix)
{
    char field[64];
    km__loan_it it;
    km__inst in;
    int64_t total = 0, interest = 0;
    int rc;
#define FIELD(name) (snprintf(field, sizeof field, "%s%s", prefix, name), field)
    if (l->principal <= 0)
        return km__err(KM_EINVAL, FIELD("principal"), "must be positive (%lld)", "harus positif (%lld)",
                       (long long)l->principal);
    if (l->rate > KM_LOAN_RATE_MAX)
        return km__err(KM_EINVAL, FIELD("rate_bp"), "%lu is above %d basis points", "%lu melebihi %d basis poin",
                       (unsigned long)l->rate, KM_LOAN_RATE_MAX);
    if (l->term < 1 || l->term > KM_LOAN_TERM_MAX)
        return km__err(KM_EINVAL, FIELD("term_months"), "%lu is not within 1..%d months",
                       "%lu tidak dalam rentang 1..%d bulan", (unsigned long)l->term, KM_LOAN_TERM_MAX);
    if (l->grace >= l->term)
        return km__err(KM_EINVAL, FIELD("grace_months"), "%lu must be less than the term (%lu months)",
                       "%lu harus kurang dari jangka waktu (%lu bulan)", (unsigned long)l->grace,
                       (unsigned long)l->term);
    if (l->method < 0 || l->method >= KM_LOAN_METHOD__COUNT)
        return km__err(KM_EINVAL, FIELD("method"), "%d is not a km_loan_method", "%d bukan km_loan_method", l->method);
    if ((rc = regular_payment(l)) != 0)
        return km__err(KM_ERANGE, FIELD("principal"), "the regular payment overflows a 64-bit count of minor units",
                       "angsuran tetap melampaui batas 64-bit satuan terkecil");
    /* Walk the whole schedule once: every later use of it (invariant
     * checks, reports) can then rely on its dates and sums fitting. */
    km__loan_it_init(&it, l);
    while ((rc = km__loan_it_next(&it, &in)) == 1) {
        if (km__money_add(total, in.payment, &total) != 0 || km__money_add(interest, in.interest, &interest) != 0)
            return km__err(KM_ERANGE, FIELD("principal"), "the schedule's total payments overflow a 64-bit count",
                           "total angsuran melampaui batas hitungan 64-bit");
    }
    if (rc < 0)
        return km__err(KM_ERANGE, FIELD("term_months"), "the schedule runs past 9999-12-31",
                       "jadwal melewati 9999-12-31");
#undef FIELD
    return 0;
}

/* ---- schedule handles ---- */

typedef struct srow {
    char due[KM__DATE_BUF];
    int64_t principal, interest, payment, balance;
} srow;

struct km_schedule {
    km__ctx *ctx;
    srow *rows;
    size_t n;
    int64_t total_interest;
    int64_t regular;
};

void km_schedule_free(km_schedule *s)
{
    km__ctx *ctx;
    if (!s) return;
    ctx = s->ctx;
    km__free(&ctx->alloc, s->rows);
    km__free(&ctx->alloc, s);
    km__ctx_unref(ctx);
}

static int make_schedule(km_schedule **out, km__ctx *ctx, const km__loan *l)
{
    km_schedule *s;
    km__loan_it it;
    km__inst in;
    int rc;
    s = (km_schedule *)km__calloc(&ctx->alloc, 1, sizeof *s);
    if (!s) return km__nomem();
    s->ctx = ctx;
    km__ctx_ref(ctx);
    s->regular = l->regular;
    s->rows = (srow *)km__calloc(&ctx->alloc, l->term, sizeof *s->rows);
    if (!s->rows) {
        km_schedule_free(s);
        return km__nomem();
    }
    km__loan_it_init(&it, l);
    while ((rc = km__loan_it_next(&it, &in)) == 1) {
        srow *r = &s->rows[s->n++];
        km__date_format(r->due, in.due);
        r->principal = in.principal;
        r->interest = in.interest;
        r->payment = in.payment;
        r->balance = in.balance;
        s->total_interest += in.interest; /* checked when the terms were prepared */
    }
    if (rc < 0) {
        km_schedule_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

static int loan_slot(km_network *net, uint64_t id, km__cmt_slot **out)
{
    km__cmt_slot *slot = km__cmt_slot_of(&net->commitments, id);
    if (!slot) return km__cmt_not_found(id);
    if (!km__cmt_is_loan(slot->cur))
        return km__err(KM_EINVAL, "commitment.kind", "commitment %llu is a %s, not a loan",
                       "komitmen %llu adalah %s, bukan pinjaman", (unsigned long long)id,
                       km_commitment_kind_label(slot->cur->kind, KM_LANG_EN));
    *out = slot;
    return 0;
}

int km_loan_schedule(km_schedule **out, km_network *net, uint64_t commitment_id)
{
    km__cmt_slot *slot = NULL;
    km__loan l;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = loan_slot(net, commitment_id, &slot)) != 0) return rc;
    km__loan_of(&l, slot->cur);
    return make_schedule(out, net->ctx, &l);
}

int km_loan_schedule_compute(km_schedule **out, const km_loan_terms *terms, const km_allocator *allocator)
{
    km_allocator alloc;
    km__ctx *ctx;
    km__loan l;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if (!terms) return km__err(KM_EINVAL, "terms", "must not be NULL", "tidak boleh NULL");
    if (terms->version == 0 || terms->version > KM_LOAN_TERMS_VERSION)
        return km__err(KM_EVERSION, "terms.version", "unknown version %u", "versi %u tidak dikenal", terms->version);
    if (!terms->currency) return km__err(KM_EINVAL, "loan.currency", "is required", "wajib diisi");
    if ((rc = km__v_currency("loan.currency", terms->currency, strlen(terms->currency))) != 0) return rc;
    if (!terms->start_date) return km__err(KM_EINVAL, "loan.start_date", "is required", "wajib diisi");
    memset(&l, 0, sizeof l);
    if ((rc = km__v_date("loan.start_date", terms->start_date, strlen(terms->start_date), &l.start)) != 0) return rc;
    l.principal = terms->principal;
    l.rate = terms->rate_bp;
    l.term = terms->term_months;
    l.grace = terms->grace_months;
    l.method = terms->method;
    if ((rc = km__loan_prepare(&l, "loan.")) != 0) return rc;
    if ((rc = km__allocator_check(allocator, &alloc)) != 0) return rc;
    ctx = km__ctx_new(&alloc);
    if (!ctx) return km__nomem();
    rc = make_schedule(out, ctx, &l);
    km__ctx_unref(ctx); /* the schedule holds its own reference */
    return rc;
}

size_t km_schedule_count(const km_schedule *s) { return s ? s->n : 0; }
const char *km_schedule_due_date(const km_schedule *s, size_t i) { return s && i < s->n ? s->rows[i].due : NULL; }
int64_t km_schedule_principal(const km_schedule *s, size_t i) { return s && i < s->n ? s->rows[i].principal : 0; }
int64_t km_schedule_interest(const km_schedule *s, size_t i) { return s && i < s->n ? s->rows[i].interest : 0; }
int64_t km_schedule_payment(const km_schedule *s, size_t i) { return s && i < s->n ? s->rows[i].payment : 0; }
int64_t km_schedule_balance(const km_schedule *s, size_t i) { return s && i < s->n ? s->rows[i].balance : 0; }
int64_t km_schedule_total_interest(const km_schedule *s) { return s ? s->total_interest : 0; }
int64_t km_schedule_regular_payment(const km_schedule *s) { return s ? s->regular : 0; }

/* ---- position ---- */

int km_loan_position_get(km_loan_position *out, km_network *net, uint64_t commitment_id, const char *as_of_date)
{
    km__cmt_slot *slot = NULL;
    km_loan_position p;
    int64_t sums[KM_LEDGER_TYPE__COUNT];
    km__loan l;
    km__loan_it it;
    km__inst in;
    int32_t as_of;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out->version == 0 || out->version > KM_LOAN_POSITION_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", out->version);
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if ((rc = loan_slot(net, commitment_id, &slot)) != 0) return rc;
    if ((rc = km__ledger_sums(slot, 1, as_of, sums)) != 0) return rc;
    memset(&p, 0, sizeof p);
    p.version = out->version;
    /* Sums as of a date are bounded by the checked sums at that date. */
    p.disbursed = sums[KM_LEDGER_DISBURSEMENT] + sums[KM_LEDGER_REIMBURSEMENT];
    p.principal_repaid = sums[KM_LEDGER_LOAN_REPAYMENT];
    p.interest_paid = sums[KM_LEDGER_INTEREST_PAYMENT];
    p.outstanding = p.disbursed - p.principal_repaid;
    km__loan_of(&l, slot->cur);
    p.scheduled_balance = l.principal;
    km__loan_it_init(&it, &l);
    while ((rc = km__loan_it_next(&it, &in)) == 1 && in.due <= as_of) {
        p.principal_due += in.principal;
        p.interest_due += in.interest;
        p.scheduled_balance = in.balance;
        p.instalments_due++;
    }
    if (rc < 0) return rc;
    p.principal_arrears = p.principal_due > p.principal_repaid ? p.principal_due - p.principal_repaid : 0;
    p.interest_arrears = p.interest_due > p.interest_paid ? p.interest_due - p.interest_paid : 0;
    *out = p;
    return 0;
}
