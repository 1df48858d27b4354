/* Commitment records and handles, and the public functions that turn a
 * request into an event payload. Validation and state changes happen in the
 * apply functions (commitment_ops.c, commitment_lifecycle.c, tranche.c,
 * ledger.c) on the decoded payload, so live changes and log replay go
 * through exactly the same checks. */
#include "commitment/commitment.h"
#include "util/date.h"
#include "util/money.h"

#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__commitment, km_commitment)

int km__cmt_open(int status) { return status != KM_COMMITMENT_CLOSED && status != KM_COMMITMENT_CANCELLED; }

int km__cmt_is_loan(const km_commitment *c) { return c->kind == KM_COMMITMENT_LOAN && c->has_loan; }

km_commitment *km__cmt_build(km_network *net, const km__cin *in, uint64_t id, int64_t created, int64_t updated)
{
    size_t size = sizeof(km_commitment) + km__sl_size(&in->title) + km__sl_size(&in->unit) + km__sl_size(&in->reason);
    km_commitment *c = (km_commitment *)km__malloc(net->a, size);
    char *s;
    if (!c) return NULL;
    memset(c, 0, sizeof *c);
    c->refs = 1;
    c->ctx = net->ctx;
    c->id = id;
    c->agreement = in->agreement;
    c->provider = in->provider;
    c->recipient = in->recipient;
    c->created = created;
    c->updated = updated;
    c->kind = (uint8_t)in->kind;
    c->status = (uint8_t)in->status;
    c->is_money = in->currency.p != NULL;
    c->amount = in->amount;
    if (in->currency.p && in->currency.n == 3) memcpy(c->currency, in->currency.p, 3);
    if (in->val_currency.p && in->val_currency.n == 3) memcpy(c->val_currency, in->val_currency.p, 3);
    c->valuation = in->valuation;
    c->has_loan = in->kind == KM_COMMITMENT_LOAN;
    if (c->has_loan) {
        c->rate_bp = (uint32_t)in->rate;
        c->term = (uint32_t)in->term;
        c->grace = (uint32_t)in->grace;
        c->method = (uint8_t)in->method;
        c->loan_start = in->loan_start_d;
        km__date_format(c->loan_start_s, in->loan_start_d);
        c->regular = in->regular;
    }
    memcpy(c->sums, in->sums, sizeof c->sums);
    s = (char *)(c + 1);
    c->title = km__sl_copy(&s, &in->title);
    c->unit = km__sl_copy(&s, &in->unit);
    c->status_reason = km__sl_copy(&s, &in->reason);
    km__ctx_ref(net->ctx);
    return c;
}

void km__cin_from_record(km__cin *in, const km_commitment *c)
{
    memset(in, 0, sizeof *in);
    in->agreement = c->agreement;
    in->provider = c->provider;
    in->recipient = c->recipient;
    in->kind = c->kind;
    in->status = c->status;
    in->title = km__sl_of(c->title);
    in->currency = km__sl_of(c->currency[0] ? c->currency : NULL);
    in->unit = km__sl_of(c->unit);
    in->val_currency = km__sl_of(c->val_currency[0] ? c->val_currency : NULL);
    in->reason = km__sl_of(c->status_reason);
    in->amount = c->amount;
    in->valuation = c->valuation;
    if (c->has_loan) {
        in->rate = c->rate_bp;
        in->term = c->term;
        in->grace = c->grace;
        in->method = c->method;
        in->has_loan_start = 1;
        in->loan_start_d = c->loan_start;
        in->loan_start = km__sl_of(c->loan_start_s);
        in->regular = c->regular;
    }
    memcpy(in->sums, c->sums, sizeof in->sums);
}

km__cmt_slot *km__cmt_slot_of(const km__commitments *s, uint64_t id)
{
    if (id == 0 || id > s->n) return NULL;
    return &s->items[id - 1];
}

int km__cmt_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "commitment.id", "no commitment with id %llu", "tidak ada komitmen dengan id %llu",
                   (unsigned long long)id);
}

void km__cmt_fmt(char *out, size_t cap, const km_commitment *c, int64_t v, int lang)
{
    if (c->is_money && km_money_format(out, cap, v, c->currency, lang) == 0) return;
    snprintf(out, cap, "%lld %s", (long long)v, c->unit ? c->unit : c->currency);
}

int64_t km__figure_of(const km_commitment *c, const int64_t *sums, int figure)
{
    int64_t disbursed = sums[KM_LEDGER_DISBURSEMENT] + sums[KM_LEDGER_REIMBURSEMENT]; /* checked by the ledger */
    switch (figure) {
    case KM_FIGURE_PLEDGED: return sums[KM_LEDGER_PLEDGE];
    case KM_FIGURE_COMMITTED: return sums[KM_LEDGER_COMMITMENT];
    case KM_FIGURE_DISBURSED: return disbursed;
    case KM_FIGURE_REIMBURSED: return sums[KM_LEDGER_REIMBURSEMENT];
    case KM_FIGURE_EXPENDITURE: return sums[KM_LEDGER_EXPENDITURE];
    case KM_FIGURE_REPAID: return sums[KM_LEDGER_LOAN_REPAYMENT];
    case KM_FIGURE_INTEREST: return sums[KM_LEDGER_INTEREST_PAYMENT];
    case KM_FIGURE_REMAINING: return sums[KM_LEDGER_COMMITMENT] - disbursed; /* >= 0: disbursed <= committed */
    case KM_FIGURE_OUTSTANDING:
        return km__cmt_is_loan(c) ? disbursed - sums[KM_LEDGER_LOAN_REPAYMENT] : 0; /* >= 0: repaid <= disbursed */
    default: return 0;
    }
}

/* ---- public: changes ---- */

static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s ? km__fw_str(b, tag, s) : 0;
}

int km_commitment_create(uint64_t *out_id, km_network *net, const km_commitment_fields *f)
{
    km__buf *b;
    int rc;
    km__err_clear();
    if (out_id) *out_id = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_COMMITMENT_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    b = &net->scratch;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__CT_AGREEMENT, f->agreement_id);
    if (!rc) rc = km__fw_u64(b, KM__CT_PROVIDER, f->provider_id);
    if (!rc) rc = km__fw_u64(b, KM__CT_RECIPIENT, f->recipient_id);
    if (!rc) rc = km__fw_u64(b, KM__CT_KIND, (uint64_t)(int64_t)f->kind);
    if (!rc) rc = put_opt(b, KM__CT_TITLE, f->title);
    if (!rc) rc = km__fw_i64(b, KM__CT_AMOUNT, f->amount);
    if (!rc) rc = put_opt(b, KM__CT_CURRENCY, f->currency);
    if (!rc) rc = put_opt(b, KM__CT_UNIT, f->unit);
    if (!rc && (f->valuation || f->valuation_currency)) rc = km__fw_i64(b, KM__CT_VALUATION, f->valuation);
    if (!rc) rc = put_opt(b, KM__CT_VAL_CURRENCY, f->valuation_currency);
    if (!rc && f->kind == KM_COMMITMENT_LOAN) {
        rc = km__fw_u64(b, KM__CT_RATE, f->loan_rate_bp);
        if (!rc) rc = km__fw_u64(b, KM__CT_TERM, f->loan_term_months);
        if (!rc) rc = km__fw_u64(b, KM__CT_GRACE, f->loan_grace_months);
        if (!rc) rc = km__fw_u64(b, KM__CT_METHOD, (uint64_t)(int64_t)f->loan_method);
        if (!rc) rc = put_opt(b, KM__CT_LOAN_START, f->loan_start_date);
    } else if (!rc && (f->loan_rate_bp || f->loan_term_months || f->loan_grace_months || f->loan_method ||
                       f->loan_start_date)) {
        rc = km__err(KM_EINVAL, "commitment.loan_terms", "are only for loans (this is a %s)",
                     "hanya untuk pinjaman (ini %s)", km_commitment_kind_label(f->kind, KM_LANG_EN));
    }
    if (rc) return rc;
    return km__change(net, KM_ENTITY_COMMITMENT, KM__OP_COMMITMENT_CREATE, 0, b->data, b->len, out_id);
}

static int transition(km_network *net, uint64_t id, int status, const char *value_date, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__CT_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0) rc = put_opt(&net->scratch, KM__CT_DATE, value_date);
    /* Without a value date, committing takes the entry's day in WIB; the
     * offset is written so that replay derives the same day (records
     * without it, from earlier releases, took the UTC day). */
    if (rc == 0 && status == KM_COMMITMENT_COMMITTED && !value_date)
        rc = km__fw_i64(&net->scratch, KM__CT_DAY_OFFSET, KM__WIB_MINUTES);
    if (rc == 0) rc = put_opt(&net->scratch, KM__CT_REASON, reason);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_COMMITMENT, KM__OP_COMMITMENT_TRANSITION, id, net->scratch.data,
                      net->scratch.len, NULL);
}

int km_commitment_transition(km_network *net, uint64_t id, int status, const char *reason)
{
    return transition(net, id, status, NULL, reason);
}

int km_commitment_commit(km_network *net, uint64_t id, const char *value_date, const char *reason)
{
    return transition(net, id, KM_COMMITMENT_COMMITTED, value_date, reason);
}

int km_commitment_cancel(km_network *net, uint64_t id, const char *reason)
{
    return transition(net, id, KM_COMMITMENT_CANCELLED, NULL, reason);
}

int km_commitment_close(km_network *net, uint64_t id, const char *reason)
{
    return transition(net, id, KM_COMMITMENT_CLOSED, NULL, reason);
}

/* ---- public: reads ---- */

int km_commitment_get(km_commitment **out, km_network *net, uint64_t id)
{
    km__cmt_slot *slot;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__cmt_slot_of(&net->commitments, id);
    if (!slot) return km__cmt_not_found(id);
    km__commitment_ref(slot->cur);
    *out = slot->cur;
    return 0;
}

void km_commitment_free(km_commitment *c) { km__commitment_unref(c); }

uint64_t km_commitment_id(const km_commitment *c) { return c ? c->id : 0; }
uint64_t km_commitment_agreement_id(const km_commitment *c) { return c ? c->agreement : 0; }
uint64_t km_commitment_provider_id(const km_commitment *c) { return c ? c->provider : 0; }
uint64_t km_commitment_recipient_id(const km_commitment *c) { return c ? c->recipient : 0; }
int km_commitment_kind_of(const km_commitment *c) { return c ? c->kind : -1; }
const char *km_commitment_title(const km_commitment *c) { return c ? c->title : NULL; }
int km_commitment_status_of(const km_commitment *c) { return c ? c->status : -1; }
const char *km_commitment_status_reason(const km_commitment *c) { return c ? c->status_reason : NULL; }
int km_commitment_is_money(const km_commitment *c) { return c ? c->is_money : 0; }
int64_t km_commitment_amount(const km_commitment *c) { return c ? c->amount : 0; }
const char *km_commitment_currency(const km_commitment *c) { return c && c->is_money ? c->currency : NULL; }
const char *km_commitment_unit(const km_commitment *c) { return c ? c->unit : NULL; }
int64_t km_commitment_valuation(const km_commitment *c) { return c ? c->valuation : 0; }
const char *km_commitment_valuation_currency(const km_commitment *c)
{
    return c && c->val_currency[0] ? c->val_currency : NULL;
}
uint32_t km_commitment_loan_rate_bp(const km_commitment *c) { return c && c->has_loan ? c->rate_bp : 0; }
uint32_t km_commitment_loan_term_months(const km_commitment *c) { return c && c->has_loan ? c->term : 0; }
uint32_t km_commitment_loan_grace_months(const km_commitment *c) { return c && c->has_loan ? c->grace : 0; }
int km_commitment_loan_method(const km_commitment *c) { return c && c->has_loan ? c->method : -1; }
const char *km_commitment_loan_start_date(const km_commitment *c) { return c && c->has_loan ? c->loan_start_s : NULL; }
int64_t km_commitment_created(const km_commitment *c) { return c ? c->created : 0; }
int64_t km_commitment_updated(const km_commitment *c) { return c ? c->updated : 0; }
int64_t km_commitment_figure(const km_commitment *c, int figure) { return c ? km__figure_of(c, c->sums, figure) : 0; }

/* ---- history ---- */

typedef struct hrow {
    int from, to;
    int64_t time;
    uint64_t tx;
    size_t reason_off; /* (size_t)-1 = none */
} hrow;

struct km_commitment_steps {
    km__ctx *ctx;
    hrow *rows;
    size_t n;
    char *text;
};

void km_commitment_steps_free(km_commitment_steps *s)
{
    km__ctx *ctx;
    if (!s) return;
    ctx = s->ctx;
    km__free(&ctx->alloc, s->rows);
    km__free(&ctx->alloc, s->text);
    km__free(&ctx->alloc, s);
    km__ctx_unref(ctx);
}

int km_commitment_history(km_commitment_steps **out, km_network *net, uint64_t id)
{
    km__cmt_slot *slot;
    km_commitment_steps *l;
    km__buf text;
    size_t i;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__cmt_slot_of(&net->commitments, id);
    if (!slot) return km__cmt_not_found(id);
    l = (km_commitment_steps *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    km__buf_init(&text, net->a);
    l->rows = (hrow *)km__calloc(net->a, slot->n_steps ? slot->n_steps : 1, sizeof *l->rows);
    if (!l->rows) rc = km__nomem();
    for (i = 0; rc == 0 && i < slot->n_steps; i++) {
        const km__cstep *st = slot->steps[i];
        hrow *r = &l->rows[l->n];
        r->from = st->from;
        r->to = st->to;
        r->time = st->time;
        r->tx = st->tx;
        r->reason_off = (size_t)-1;
        if (st->has_reason) {
            r->reason_off = text.len;
            rc = km__buf_put(&text, st->reason, strlen(st->reason) + 1);
        }
        if (rc == 0) l->n++;
    }
    if (rc == 0 && text.len == 0) rc = km__buf_put_u8(&text, 0);
    if (rc) {
        km__buf_free(&text);
        km_commitment_steps_free(l);
        return rc;
    }
    l->text = (char *)text.data;
    *out = l;
    return 0;
}

size_t km_commitment_steps_count(const km_commitment_steps *s) { return s ? s->n : 0; }
int km_commitment_steps_from(const km_commitment_steps *s, size_t i) { return s && i < s->n ? s->rows[i].from : -1; }
int km_commitment_steps_to(const km_commitment_steps *s, size_t i) { return s && i < s->n ? s->rows[i].to : -1; }
int64_t km_commitment_steps_time(const km_commitment_steps *s, size_t i) { return s && i < s->n ? s->rows[i].time : 0; }
const char *km_commitment_steps_reason(const km_commitment_steps *s, size_t i)
{
    return s && i < s->n && s->rows[i].reason_off != (size_t)-1 ? s->text + s->rows[i].reason_off : NULL;
}
uint64_t km_commitment_steps_transaction(const km_commitment_steps *s, size_t i)
{
    return s && i < s->n ? s->rows[i].tx : 0;
}
