/* Commitment events: the payload schema, decoding and validation of a new
 * commitment, its creation with undo, and the helpers every later change
 * uses to swap the current record and to record lifecycle steps. The same
 * functions run for live changes and for log replay. */
#include "commitment/commitment.h"
#include "partner/partner.h"
#include "util/date.h"
#include "util/money.h"

#include <string.h>

const km__fdesc km__cmt_schema[] = {
    { KM__CT_AGREEMENT, KM__T_U64, "agreement_id" },
    { KM__CT_PROVIDER, KM__T_U64, "provider_id" },
    { KM__CT_RECIPIENT, KM__T_U64, "recipient_id" },
    { KM__CT_KIND, KM__T_U64, "kind" },
    { KM__CT_TITLE, KM__T_STR, "title" },
    { KM__CT_AMOUNT, KM__T_I64, "amount" },
    { KM__CT_CURRENCY, KM__T_STR, "currency" },
    { KM__CT_UNIT, KM__T_STR, "unit" },
    { KM__CT_VALUATION, KM__T_I64, "valuation" },
    { KM__CT_VAL_CURRENCY, KM__T_STR, "valuation_currency" },
    { KM__CT_RATE, KM__T_U64, "loan_rate_bp" },
    { KM__CT_TERM, KM__T_U64, "loan_term_months" },
    { KM__CT_GRACE, KM__T_U64, "loan_grace_months" },
    { KM__CT_METHOD, KM__T_U64, "loan_method" },
    { KM__CT_LOAN_START, KM__T_STR, "loan_start_date" },
    { KM__CT_STATUS, KM__T_U64, "status" },
    { KM__CT_REASON, KM__T_STR, "reason" },
    { KM__CT_DATE, KM__T_STR, "date" },
    { KM__CT_TRANCHE, KM__T_U64, "tranche" },
    { KM__CT_TYPE, KM__T_U64, "type" },
    { KM__CT_REVERSES, KM__T_U64, "reverses" },
    { KM__CT_NOTE, KM__T_STR, "note" },
    { KM__CT_DAY_OFFSET, KM__T_I64, "day_offset_minutes" },
};
const size_t km__cmt_schema_count = sizeof km__cmt_schema / sizeof km__cmt_schema[0];

int km__cmt_get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) {
        out->p = NULL;
        out->n = 0;
    }
    return rc < 0 ? rc : 0;
}

int km__cmt_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) {
        *out = 0;
        if (required) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    }
    return rc < 0 ? rc : 0;
}

int km__cmt_get_date(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *d)
{
    km__sl s;
    int rc = km__cmt_get_str(f, tag, &s);
    *has = 0;
    *d = 0;
    if (rc || !s.p) return rc;
    if ((rc = km__v_date(field, s.p, s.n, d)) != 0) return rc;
    *has = 1;
    return 0;
}

int km__cmt_decode(const km__fields *f, km__cin *in)
{
    int rc, has;
    rc = km__cmt_get_u64(f, KM__CT_AGREEMENT, "commitment.agreement_id", &in->agreement, 1);
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_PROVIDER, "commitment.provider_id", &in->provider, 1);
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_RECIPIENT, "commitment.recipient_id", &in->recipient, 1);
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_KIND, "commitment.kind", &in->kind, 1);
    if (!rc) rc = km__cmt_get_str(f, KM__CT_TITLE, &in->title);
    if (!rc) {
        rc = km__fields_i64(f, KM__CT_AMOUNT, &in->amount);
        if (rc == 0) rc = km__err(KM_EINVAL, "commitment.amount", "is required", "wajib diisi");
        else if (rc > 0) rc = 0;
    }
    if (!rc) rc = km__cmt_get_str(f, KM__CT_CURRENCY, &in->currency);
    if (!rc) rc = km__cmt_get_str(f, KM__CT_UNIT, &in->unit);
    if (!rc) {
        rc = km__fields_i64(f, KM__CT_VALUATION, &in->valuation);
        in->has_valuation = rc > 0;
        if (rc == 0) in->valuation = 0;
        if (rc >= 0) rc = km__cmt_get_str(f, KM__CT_VAL_CURRENCY, &in->val_currency);
    }
    if (!rc) {
        in->has_loan_tags = km__fields_has(f, KM__CT_RATE) || km__fields_has(f, KM__CT_TERM) ||
                            km__fields_has(f, KM__CT_GRACE) || km__fields_has(f, KM__CT_METHOD) ||
                            km__fields_has(f, KM__CT_LOAN_START);
        rc = km__cmt_get_u64(f, KM__CT_RATE, NULL, &in->rate, 0);
    }
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_TERM, NULL, &in->term, 0);
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_GRACE, NULL, &in->grace, 0);
    if (!rc) rc = km__cmt_get_u64(f, KM__CT_METHOD, NULL, &in->method, 0);
    if (!rc) rc = km__cmt_get_str(f, KM__CT_LOAN_START, &in->loan_start);
    if (!rc && in->loan_start.p) {
        rc = km__cmt_get_date(f, KM__CT_LOAN_START, "commitment.loan_start_date", &has, &in->loan_start_d);
        in->has_loan_start = has;
    }
    return rc;
}

/* Kinds that only make sense in money. */
static int money_only(uint64_t kind)
{
    return kind == KM_COMMITMENT_LOAN || kind == KM_COMMITMENT_EQUITY || kind == KM_COMMITMENT_GUARANTEE ||
           kind == KM_COMMITMENT_VIABILITY_GAP_FUNDING || kind == KM_COMMITMENT_TAX_INCENTIVE;
}

static int party_of(const km_agreement *a, uint64_t partner)
{
    size_t i;
    for (i = 0; i < a->n_parties; i++)
        if (km__ag_party(a, i) == partner) return 1;
    return 0;
}

static int v_partner(km_network *net, const char *field, uint64_t id, const km_agreement *a)
{
    if (id == 0) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    if (!km__partner_exists(&net->partners, id))
        return km__err(KM_ENOTFOUND, field, "no partner with id %llu", "tidak ada mitra dengan id %llu",
                       (unsigned long long)id);
    if (a && !party_of(a, id))
        return km__err(KM_EINVAL, field, "partner %llu is not a party of agreement %llu",
                       "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)id, (unsigned long long)a->id);
    return 0;
}

int km__cmt_validate(km_network *net, km__cin *in, int at_creation)
{
    const km_agreement *a;
    int rc;
    if (in->agreement == 0) return km__err(KM_EINVAL, "commitment.agreement_id", "is required", "wajib diisi");
    a = km__agr_current(net, in->agreement);
    if (!a)
        return km__err(KM_ENOTFOUND, "commitment.agreement_id", "no agreement with id %llu",
                       "tidak ada perjanjian dengan id %llu", (unsigned long long)in->agreement);
    if (at_creation && km__agr_ended(a->status))
        return km__err(KM_ESTATE, "commitment.agreement_id", "agreement %llu is %s%.0s: no new commitments",
                       "perjanjian %llu %.0s%s: tidak boleh ada komitmen baru", (unsigned long long)a->id,
                       km_agreement_status_label(a->status, KM_LANG_EN), km_agreement_status_label(a->status, KM_LANG_ID));
    if ((rc = v_partner(net, "commitment.provider_id", in->provider, at_creation ? a : NULL)) != 0) return rc;
    if ((rc = v_partner(net, "commitment.recipient_id", in->recipient, at_creation ? a : NULL)) != 0) return rc;
    if (in->provider == in->recipient)
        return km__err(KM_EINVAL, "commitment.recipient_id", "must differ from the provider (partner %llu)",
                       "harus berbeda dari pemberi (mitra %llu)", (unsigned long long)in->provider);
    if ((rc = km__v_enum("commitment.kind", in->kind, KM_COMMITMENT_KIND__COUNT)) != 0) return rc;
    if (!in->title.p) return km__err(KM_EINVAL, "commitment.title", "is required", "wajib diisi");
    if ((rc = km__v_text("commitment.title", in->title.p, in->title.n, 1, KM_COMMITMENT_TITLE_MAX, 0)) != 0) return rc;
    if (in->currency.p && in->unit.p)
        return km__err(KM_EINVAL, "commitment.unit", "a commitment is measured in money or in a unit, not both",
                       "komitmen diukur dengan uang atau satuan, tidak keduanya");
    if (in->currency.p) {
        if ((rc = km__v_currency("commitment.currency", in->currency.p, in->currency.n)) != 0) return rc;
        if (in->has_valuation || in->val_currency.p)
            return km__err(KM_EINVAL, "commitment.valuation", "is only for quantities (this commitment is money)",
                           "hanya untuk kuantitas (komitmen ini berupa uang)");
    } else if (in->unit.p) {
        if ((rc = km__v_text("commitment.unit", in->unit.p, in->unit.n, 1, KM_COMMITMENT_UNIT_MAX, 0)) != 0) return rc;
        if (money_only(in->kind))
            return km__err(KM_EINVAL, "commitment.unit", "a %s%.0s is measured in money",
                           "%.0s%s diukur dengan uang", km_commitment_kind_label((int)in->kind, KM_LANG_EN),
                           km_commitment_kind_label((int)in->kind, KM_LANG_ID));
        if (in->val_currency.p || in->has_valuation) {
            if (!in->val_currency.p)
                return km__err(KM_EINVAL, "commitment.valuation_currency", "is required with a valuation",
                               "wajib diisi bila ada penilaian");
            if ((rc = km__v_currency("commitment.valuation_currency", in->val_currency.p, in->val_currency.n)) != 0)
                return rc;
            if (in->valuation <= 0)
                return km__err(KM_EINVAL, "commitment.valuation", "must be positive (%lld)", "harus positif (%lld)",
                               (long long)in->valuation);
        }
    } else {
        return km__err(KM_EINVAL, "commitment.currency", "is required (or a unit, for a quantity)",
                       "wajib diisi (atau satuan, untuk kuantitas)");
    }
    if (in->amount <= 0)
        return km__err(KM_EINVAL, "commitment.amount", "must be positive (%lld)", "harus positif (%lld)",
                       (long long)in->amount);
    if (in->kind == KM_COMMITMENT_LOAN) {
        km__loan l;
        if (!in->has_loan_start)
            return km__err(KM_EINVAL, "commitment.loan_start_date", "is required for a loan",
                           "wajib diisi untuk pinjaman");
        if (in->rate > UINT32_MAX || in->term > UINT32_MAX || in->grace > UINT32_MAX ||
            in->method >= KM_LOAN_METHOD__COUNT)
            return km__err(KM_EINVAL, "commitment.loan_terms", "a loan term is out of range",
                           "salah satu syarat pinjaman di luar rentang");
        memset(&l, 0, sizeof l);
        l.principal = in->amount;
        l.rate = (uint32_t)in->rate;
        l.term = (uint32_t)in->term;
        l.grace = (uint32_t)in->grace;
        l.method = (int)in->method;
        l.start = in->loan_start_d;
        if ((rc = km__loan_prepare(&l, "commitment.loan_")) != 0) return rc;
        in->regular = l.regular;
    } else if (in->has_loan_tags) {
        return km__err(KM_EINVAL, "commitment.loan_terms", "are only for loans (this is a %s%.0s)",
                       "hanya untuk pinjaman (ini %.0s%s)", km_commitment_kind_label((int)in->kind, KM_LANG_EN),
                       km_commitment_kind_label((int)in->kind, KM_LANG_ID));
    }
    if ((rc = km__v_enum("commitment.status", in->status, KM_COMMITMENT_STATUS__COUNT)) != 0) return rc;
    if (in->reason.p &&
        (rc = km__v_text("commitment.reason", in->reason.p, in->reason.n, 1, KM_COMMITMENT_REASON_MAX, 1)) != 0)
        return rc;
    return 0;
}

km__cmt_slot *km__cmt_find(km_network *net, km__apply *ap, int *rc)
{
    km__cmt_slot *slot = km__cmt_slot_of(&net->commitments, ap->ev.id);
    *rc = 0;
    if (!slot) *rc = km__apply_fail(ap, km__cmt_not_found(ap->ev.id));
    return slot;
}

/* ---- steps ---- */

km__cstep *km__cstep_new(const km_allocator *a, int from, int to, int64_t time, uint64_t tx, const char *reason,
                         size_t len)
{
    km__cstep *s = (km__cstep *)km__malloc(a, sizeof *s + (reason ? len : 0));
    if (!s) return NULL;
    s->from = (int8_t)from;
    s->to = (int8_t)to;
    s->time = time;
    s->tx = tx;
    s->has_reason = reason != NULL;
    if (reason && len) memcpy(s->reason, reason, len);
    s->reason[reason ? len : 0] = '\0';
    return s;
}

int km__cmt_step_reserve(km_network *net, km__cmt_slot *slot)
{
    return km__grow(net->a, (void **)&slot->steps, &slot->cap_steps, slot->n_steps + 1, sizeof *slot->steps);
}

static void undo_step(km_network *net, km__undo *u)
{
    km__cmt_slot *slot = &net->commitments.items[u->id - 1];
    km__free(net->a, slot->steps[--slot->n_steps]);
}

void km__cmt_step_push(km_network *net, uint64_t id, km__cmt_slot *slot, km__cstep *step)
{
    slot->steps[slot->n_steps++] = step; /* room reserved */
    km__undo_push(net, undo_step, NULL, id, step);
}

/* ---- replace: every later change swaps the current record ---- */

static void move_status(km__commitments *cs, uint64_t id, int from, int to)
{
    if (from == to) return;
    km__idset_remove(&cs->by_status[from], id);
    (void)km__idset_add(&cs->by_status[to], id); /* reserved, or re-adding a removed id: cannot fail */
}

static void undo_replace(km_network *net, km__undo *u)
{
    km__commitments *cs = &net->commitments;
    km__cmt_slot *slot = &cs->items[u->id - 1];
    km_commitment *old = (km_commitment *)u->ptr, *cur = slot->cur;
    move_status(cs, u->id, cur->status, old->status);
    slot->cur = old;
    km__commitment_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__commitment_unref((km_commitment *)u->ptr);
}

int km__cmt_replace(km_network *net, km__cmt_slot *slot, km_commitment *nw)
{
    km__commitments *cs = &net->commitments;
    km_commitment *old = slot->cur;
    int rc;
    if (old->status != nw->status && (rc = km__idset_reserve(&cs->by_status[nw->status], nw->id)) != 0) {
        km__commitment_unref(nw);
        return rc;
    }
    move_status(cs, nw->id, old->status, nw->status);
    slot->cur = nw;
    km__undo_push(net, undo_replace, release_replace, nw->id, old);
    return 0;
}

/* ---- create ---- */

static void slot_free(const km_allocator *a, km__cmt_slot *slot)
{
    size_t i;
    km__ltx_free_all(a, slot);
    for (i = 0; i < slot->n_tr; i++) km__free(a, slot->tr[i]);
    km__free(a, slot->tr);
    for (i = 0; i < slot->n_steps; i++) km__free(a, slot->steps[i]);
    km__free(a, slot->steps);
    km__commitment_unref(slot->cur);
    memset(slot, 0, sizeof *slot);
}

static void undo_create(km_network *net, km__undo *u)
{
    km__commitments *cs = &net->commitments;
    km__cmt_slot *slot = &cs->items[u->id - 1];
    km__cmt_index_remove(cs, slot->cur);
    slot_free(net->a, slot);
    cs->n--;
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__commitments *cs = &net->commitments;
    km__cin in;
    km_commitment *c;
    km__cstep *step;
    km__cstep **steps;
    km__cmt_slot *slot;
    uint64_t id = cs->n + 1;
    int rc;
    memset(&in, 0, sizeof in);
    if ((rc = km__cmt_decode(&ap->f, &in)) != 0) return km__apply_fail(ap, rc);
    in.status = KM_COMMITMENT_PLEDGED;
    if ((rc = km__cmt_validate(net, &in, 1)) != 0) return km__apply_fail(ap, rc);
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "commitment.id", "logged id %llu, expected %llu",
                       "id tercatat %llu, seharusnya %llu", (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&cs->items, &cs->cap, cs->n + 1, sizeof *cs->items)) != 0) return rc;
    steps = (km__cstep **)km__malloc(net->a, 4 * sizeof *steps);
    if (!steps) return km__nomem();
    step = km__cstep_new(net->a, -1, KM_COMMITMENT_PLEDGED, ap->time, 0, NULL, 0);
    c = step ? km__cmt_build(net, &in, id, ap->time, ap->time) : NULL;
    if (!c) {
        km__free(net->a, step);
        km__free(net->a, steps);
        return km__nomem();
    }
    if ((rc = km__cmt_index_add(cs, c)) != 0) {
        km__commitment_unref(c);
        km__free(net->a, step);
        km__free(net->a, steps);
        return rc;
    }
    slot = &cs->items[cs->n++];
    memset(slot, 0, sizeof *slot);
    slot->cur = c;
    slot->steps = steps;
    slot->cap_steps = 4;
    slot->steps[slot->n_steps++] = step;
    km__undo_push(net, undo_create, NULL, id, c);
    ap->id = id;
    return 0;
}

const km__opdef km__commitment_ops[] = {
    { KM_ENTITY_COMMITMENT, KM__OP_COMMITMENT_CREATE, "commitment.create", apply_create, km__cmt_schema,
      sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_COMMITMENT_TRANSITION, "commitment.transition", km__cmt_apply_transition,
      km__cmt_schema, sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_ADD, "commitment.tranche_add", km__cmt_apply_tranche_add, km__cmt_schema,
      sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_UPDATE, "commitment.tranche_update", km__cmt_apply_tranche_update,
      km__cmt_schema, sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_CANCEL, "commitment.tranche_cancel", km__cmt_apply_tranche_cancel,
      km__cmt_schema, sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_LEDGER_RECORD, "commitment.ledger_record", km__cmt_apply_ledger_record,
      km__cmt_schema, sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
    { KM_ENTITY_COMMITMENT, KM__OP_LEDGER_REVERSE, "commitment.ledger_reverse", km__cmt_apply_ledger_reverse,
      km__cmt_schema, sizeof km__cmt_schema / sizeof km__cmt_schema[0] },
};
const size_t km__commitment_ops_count = sizeof km__commitment_ops / sizeof km__commitment_ops[0];
