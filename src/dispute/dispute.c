/* Dispute records and handles, and the public functions that turn a request
 * into event payloads. Validation and state changes happen in the apply
 * functions (dispute_ops.c, dispute_state.c, mediator.c, session.c,
 * policy.c) on the decoded payload, so live changes and log replay go
 * through exactly the same checks. A public function whose change also
 * moves the agreement runs both changes through km__dsp_atomic(), so they
 * land in one log entry or not at all. */
#include "dispute/dispute.h"
#include "kemitraan/agreement.h"
#include "util/date.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__dispute, km_dispute)

int km__dsp_final(int status)
{
    return status == KM_DISPUTE_CLOSED || status == KM_DISPUTE_WITHDRAWN || status == KM_DISPUTE_DISMISSED;
}

int km__dsp_active(int status) { return status >= KM_DISPUTE_FILED && status <= KM_DISPUTE_MEDIATION; }

km_dispute *km__dsp_build(km_network *net, const km__din *in, uint64_t id)
{
    size_t size = sizeof(km_dispute), i;
    km_dispute *d;
    char *s;
    size += in->n_parties * sizeof(km__dsp_party) + (in->n_commit + in->n_scommit) * sizeof(uint64_t) +
            (in->n_ms + in->n_sms) * sizeof(uint32_t);
    size += km__sl_size(&in->description) + km__sl_size(&in->relief) + km__sl_size(&in->note) + km__sl_size(&in->override) +
            km__sl_size(&in->terms);
    d = (km_dispute *)km__malloc(net->a, size);
    if (!d) return NULL;
    memset(d, 0, sizeof *d);
    d->refs = 1;
    d->ctx = net->ctx;
    d->id = id;
    d->agreement = in->agreement;
    d->mediator = in->mediator;
    d->filed = in->filed;
    d->updated = in->updated;
    d->status_time = in->status_time;
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) d->entered[i] = in->entered[i];
    d->category = (uint8_t)in->category;
    d->severity = (uint8_t)in->severity;
    d->status = (uint8_t)in->status;
    d->holds = (uint8_t)(in->holds != 0);
    d->has_due = (uint8_t)(in->has_due != 0);
    d->has_resolved = (uint8_t)(in->has_resolved != 0);
    d->forum = (int8_t)in->forum;
    d->outcome = (int8_t)in->outcome;
    d->settled_in = (int8_t)in->settled_in;
    d->filed_day = in->filed_day;
    d->stage_day = in->stage_day;
    d->due_day = in->due_day;
    d->resolved_day = in->resolved_day;
    km__date_format(d->filed_s, in->filed_day);
    km__date_format(d->stage_s, in->stage_day);
    if (in->has_due) km__date_format(d->due_s, in->due_day);
    if (in->has_resolved) km__date_format(d->resolved_s, in->resolved_day);
    d->n_parties = (uint16_t)in->n_parties;
    d->n_commit = (uint16_t)in->n_commit;
    d->n_ms = (uint16_t)in->n_ms;
    d->n_scommit = (uint16_t)in->n_scommit;
    d->n_sms = (uint16_t)in->n_sms;
    /* 8-byte arrays first, then the 4-byte ones, then the strings. */
    d->parties = (km__dsp_party *)(void *)(d + 1);
    d->commit = (uint64_t *)(void *)(d->parties + in->n_parties);
    d->scommit = d->commit + in->n_commit;
    d->ms = (uint32_t *)(void *)(d->scommit + in->n_scommit);
    d->sms = d->ms + in->n_ms;
    s = (char *)(d->sms + in->n_sms);
    for (i = 0; i < in->n_parties; i++) d->parties[i] = in->parties[i];
    for (i = 0; i < in->n_commit; i++) d->commit[i] = in->commit[i];
    for (i = 0; i < in->n_scommit; i++) d->scommit[i] = in->scommit[i];
    for (i = 0; i < in->n_ms; i++) d->ms[i] = in->ms[i];
    for (i = 0; i < in->n_sms; i++) d->sms[i] = in->sms[i];
    d->description = km__sl_copy(&s, &in->description);
    d->relief = km__sl_copy(&s, &in->relief);
    d->note = km__sl_copy(&s, &in->note);
    d->override = km__sl_copy(&s, &in->override);
    d->terms = km__sl_copy(&s, &in->terms);
    km__ctx_ref(net->ctx);
    return d;
}

void km__din_clear(km__din *in)
{
    memset(in, 0, offsetof(km__din, parties)); /* the arrays are filled as far as they are used */
    in->forum = -1;
    in->outcome = -1;
    in->settled_in = -1;
}

void km__din_from_record(km__din *in, const km_dispute *d)
{
    size_t i;
    km__din_clear(in);
    in->agreement = d->agreement;
    in->mediator = d->mediator;
    in->category = d->category;
    in->severity = d->severity;
    in->status = d->status;
    in->forum = d->forum;
    in->outcome = d->outcome;
    in->settled_in = d->settled_in;
    in->holds = d->holds;
    in->filed = d->filed;
    in->updated = d->updated;
    in->status_time = d->status_time;
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) in->entered[i] = d->entered[i];
    in->has_due = d->has_due;
    in->has_resolved = d->has_resolved;
    in->filed_day = d->filed_day;
    in->stage_day = d->stage_day;
    in->due_day = d->due_day;
    in->resolved_day = d->resolved_day;
    in->description = km__sl_of(d->description);
    in->relief = km__sl_of(d->relief);
    in->note = km__sl_of(d->note);
    in->override = km__sl_of(d->override);
    in->terms = km__sl_of(d->terms);
    in->n_parties = d->n_parties;
    in->n_commit = d->n_commit;
    in->n_ms = d->n_ms;
    in->n_scommit = d->n_scommit;
    in->n_sms = d->n_sms;
    for (i = 0; i < d->n_parties; i++) in->parties[i] = d->parties[i];
    for (i = 0; i < d->n_commit; i++) in->commit[i] = d->commit[i];
    for (i = 0; i < d->n_scommit; i++) in->scommit[i] = d->scommit[i];
    for (i = 0; i < d->n_ms; i++) in->ms[i] = d->ms[i];
    for (i = 0; i < d->n_sms; i++) in->sms[i] = d->sms[i];
}

km__dsp_slot *km__dsp_slot_of(const km__disputes *s, uint64_t id)
{
    if (id == 0 || id > s->n) return NULL;
    return &s->items[id - 1];
}

km_dispute *km__dsp_current(const km_network *net, uint64_t id)
{
    km__dsp_slot *slot = km__dsp_slot_of(&net->disputes, id);
    return slot ? slot->cur : NULL;
}

int km__dsp_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "dispute.id", "no dispute with id %llu", "tidak ada sengketa dengan id %llu",
                   (unsigned long long)id);
}

km__dsp_slot *km__dsp_find(km_network *net, km__apply *ap, int *rc)
{
    km__dsp_slot *slot = km__dsp_slot_of(&net->disputes, ap->ev.id);
    *rc = 0;
    if (!slot) *rc = km__apply_fail(ap, km__dsp_not_found(ap->ev.id));
    return slot;
}

static void undo_replace(km_network *net, km__undo *u)
{
    km__disputes *s = &net->disputes;
    km__dsp_slot *slot = &s->items[u->id - 1];
    km_dispute *old = (km_dispute *)u->ptr, *cur = slot->cur;
    (void)km__dsp_index_replace(s, cur, old); /* re-adding removed ids cannot allocate */
    slot->cur = old;
    km__dispute_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__dispute_unref((km_dispute *)u->ptr);
}

int km__dsp_replace(km_network *net, km__apply *ap, km__dsp_slot *slot, const km__din *in)
{
    km_dispute *old = slot->cur, *d;
    km__din copy;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    /* Every change stamps the record; the caller's input stays as given. */
    memcpy(&copy, in, sizeof copy);
    copy.updated = ap->time;
    d = km__dsp_build(net, &copy, old->id);
    if (!d) return km__nomem();
    if ((rc = km__dsp_index_replace(&net->disputes, old, d)) != 0) {
        km__dispute_unref(d);
        return km__apply_fail(ap, rc);
    }
    slot->cur = d;
    km__undo_push(net, undo_replace, release_replace, old->id, old);
    ap->id = old->id;
    return 0;
}

/* ---- one log entry for several changes ---- */

/* Ends our own transaction after a failed change, keeping that change's
 * error (km_network_rollback clears the thread's last error). */
static int abandon(km_network *net, const km__savepoint *sp, int rc)
{
    km__errsave e;
    /* Rolling back clears the last error: keep the failing change's. */
    km__err_save(&e);
    km__savepoint_rollback(net, sp);
    (void)km_network_rollback(net);
    km__err_restore(&e);
    return rc;
}

int km__dsp_atomic(km_network *net, int (*run)(km_network *, void *), void *arg)
{
    km__savepoint sp;
    int rc, tries;
    if (net->txn_open) {
        /* The host's transaction: keep its earlier changes, drop all of ours. */
        km__savepoint_set(net, &sp);
        rc = run(net, arg);
        if (rc) km__savepoint_rollback(net, &sp);
        return rc;
    }
    for (tries = 0;; tries++) {
        if ((rc = km_network_begin(net)) != 0) return rc;
        km__savepoint_set(net, &sp);
        rc = run(net, arg);
        if (rc) return abandon(net, &sp, rc);
        rc = km_network_commit(net);
        if (rc != KM_ECONFLICT || !net->retry || tries >= 8) return rc;
        /* As km__change does for one change: catch up, then decide again. */
        if ((rc = km_network_refresh(net)) != 0) return rc;
    }
}

/* ---- public: changes ---- */

static int put_opt(km__buf *b, uint16_t tag, const char *s) { return s && *s ? km__fw_str(b, tag, s) : 0; }

/* A list of ids as decimal strings (STRS); n may be 0. */
static int put_ids(km__buf *b, uint16_t tag, const uint64_t *ids, size_t n, size_t max, const char *field)
{
    char items[KM_DISPUTE_REFS_MAX][24];
    const char *ptrs[KM_DISPUTE_REFS_MAX];
    size_t i;
    if (n == 0) return 0;
    if (n > max || n > KM_DISPUTE_REFS_MAX)
        return km__err(KM_EINVAL, field, "has more than %zu entries", "lebih dari %zu entri", max);
    if (!ids) return km__err(KM_EINVAL, field, "must not be NULL when the count is %zu", "tidak boleh NULL bila jumlahnya %zu", n);
    for (i = 0; i < n; i++) {
        snprintf(items[i], sizeof items[i], "%llu", (unsigned long long)ids[i]);
        ptrs[i] = items[i];
    }
    return km__fw_strs(b, tag, ptrs, n, field);
}

static int put_numbers(km__buf *b, uint16_t tag, const uint32_t *nums, size_t n, const char *field)
{
    uint64_t wide[KM_DISPUTE_REFS_MAX];
    size_t i;
    if (n == 0) return 0;
    if (n > KM_DISPUTE_REFS_MAX)
        return km__err(KM_EINVAL, field, "has more than %d entries", "lebih dari %d entri", KM_DISPUTE_REFS_MAX);
    if (!nums) return km__err(KM_EINVAL, field, "must not be NULL when the count is %zu", "tidak boleh NULL bila jumlahnya %zu", n);
    for (i = 0; i < n; i++) wide[i] = nums[i];
    return put_ids(b, tag, wide, n, KM_DISPUTE_REFS_MAX, field);
}

int km__dsp_encode_settlement(km__buf *b, const km_dispute_settlement *s)
{
    int rc;
    if (s->version == 0 || s->version > KM_DISPUTE_SETTLEMENT_VERSION)
        return km__err(KM_EVERSION, "settlement.version", "unknown version %u", "versi %u tidak dikenal", s->version);
    rc = put_opt(b, KM__DT_TERMS, s->terms);
    if (rc == 0)
        rc = put_ids(b, KM__DT_SETTLE_COMMITMENTS, s->commitment_ids, s->commitments_count, KM_DISPUTE_REFS_MAX,
                     "settlement.commitments");
    if (rc == 0)
        rc = put_numbers(b, KM__DT_SETTLE_MILESTONES, s->milestone_numbers, s->milestones_count,
                         "settlement.milestones");
    return rc;
}

int km_dispute_file(uint64_t *out_id, km_network *net, const km_dispute_fields *f)
{
    km__buf *b;
    int rc;
    km__err_clear();
    if (out_id) *out_id = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_DISPUTE_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    b = &net->scratch;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__DT_AGREEMENT, f->agreement_id);
    if (rc == 0) rc = km__fw_u64(b, KM__DT_CLAIMANT, f->claimant);
    if (rc == 0)
        rc = put_ids(b, KM__DT_RESPONDENTS, f->respondents, f->respondents_count, KM_DISPUTE_RESPONDENTS_MAX,
                     "dispute.respondents");
    if (rc == 0) rc = km__fw_u64(b, KM__DT_CATEGORY, (uint64_t)(int64_t)f->category);
    if (rc == 0) rc = km__fw_u64(b, KM__DT_SEVERITY, (uint64_t)(int64_t)f->severity);
    if (rc == 0 && f->description) rc = km__fw_str(b, KM__DT_DESCRIPTION, f->description);
    if (rc == 0) rc = put_opt(b, KM__DT_RELIEF, f->relief);
    if (rc == 0)
        rc = put_ids(b, KM__DT_COMMITMENTS, f->commitment_ids, f->commitments_count, KM_DISPUTE_REFS_MAX,
                     "dispute.commitments");
    if (rc == 0) rc = put_numbers(b, KM__DT_MILESTONES, f->milestone_numbers, f->milestones_count, "dispute.milestones");
    if (rc) return rc;
    return km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_FILE, 0, b->data, b->len, out_id);
}

/* A change of the dispute alone: acknowledge, consent, extend. */
static int simple(km_network *net, uint64_t id, uint16_t op, uint64_t partner, uint64_t days, const char *note)
{
    km__buf *b = &net->scratch;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(b);
    rc = 0;
    if (op == KM__OP_DISPUTE_ACKNOWLEDGE || op == KM__OP_DISPUTE_CONSENT) rc = km__fw_u64(b, KM__DT_PARTNER, partner);
    if (rc == 0 && op == KM__OP_DISPUTE_EXTEND) rc = km__fw_u64(b, KM__DT_DAYS, days);
    if (rc == 0) rc = put_opt(b, KM__DT_NOTE, note);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_DISPUTE, op, id, b->data, b->len, NULL);
}

int km_dispute_acknowledge(km_network *net, uint64_t id, uint64_t respondent, const char *note)
{
    return simple(net, id, KM__OP_DISPUTE_ACKNOWLEDGE, respondent, 0, note);
}

int km_dispute_consent(km_network *net, uint64_t id, uint64_t partner_id, const char *note)
{
    return simple(net, id, KM__OP_DISPUTE_CONSENT, partner_id, 0, note);
}

int km_dispute_extend_deadline(km_network *net, uint64_t id, uint32_t days, const char *reason)
{
    return simple(net, id, KM__OP_DISPUTE_EXTEND, 0, days, reason);
}

/* ---- moves, and their effect on the agreement ---- */

typedef struct move_arg {
    uint64_t id;
    int status;
    int forum;               /* -1 = none */
    const char *note;
    const km_dispute_settlement *settlement;
} move_arg;

static int suspend_reason(char *buf, size_t cap, uint64_t id)
{
    return snprintf(buf, cap, "sengketa %llu dalam mediasi / dispute %llu in mediation", (unsigned long long)id,
                    (unsigned long long)id);
}

static int run_move(km_network *net, void *p)
{
    const move_arg *m = (const move_arg *)p;
    const km_dispute *d = km__dsp_current(net, m->id);
    km__buf *b = &net->scratch;
    uint64_t agreement = 0;
    int hold = 0, suspend = 0, release = 0, resume = 0, from = -1, rc;
    if (d) {
        const km_agreement *a = km__dsp_agreement(net, d->agreement);
        agreement = d->agreement;
        from = d->status;
        /* The policy decides whether entering mediation suspends the
         * agreement; the event records the decision (tag hold), so replay
         * does not depend on the policy in force later. */
        if (m->status == KM_DISPUTE_MEDIATION && (from == KM_DISPUTE_ACKNOWLEDGED || from == KM_DISPUTE_NEGOTIATION) &&
            !d->holds && a && km__dsp_policy_for(net, agreement)->suspend) {
            if (a->status == KM_AGREEMENT_ACTIVE) hold = suspend = 1;
            else if (a->status == KM_AGREEMENT_SUSPENDED && km__dsp_other_holder(net, agreement, d->id)) hold = 1;
        }
        release = d->holds && km__dsp_move_releases(from, m->status, &resume);
    }
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__DT_STATUS, (uint64_t)(int64_t)m->status);
    if (rc == 0) rc = put_opt(b, KM__DT_NOTE, m->note);
    if (rc == 0 && m->forum != -1) rc = km__fw_u64(b, KM__DT_FORUM, (uint64_t)(int64_t)m->forum);
    if (rc == 0 && hold) rc = km__fw_u64(b, KM__DT_HOLD, 1);
    if (rc == 0 && m->settlement) rc = km__dsp_encode_settlement(b, m->settlement);
    if (rc) return rc;
    rc = km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_TRANSITION, m->id, b->data, b->len, NULL);
    if (rc) return rc;
    if (suspend) {
        char reason[96];
        suspend_reason(reason, sizeof reason, m->id);
        return km_agreement_suspend(net, agreement, reason);
    }
    if (release && resume) return km__dsp_resume_if_free(net, m->id, agreement);
    return 0;
}

static int move(km_network *net, uint64_t id, int status, int forum, const char *note,
                const km_dispute_settlement *settlement)
{
    move_arg m;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    m.id = id;
    m.status = status;
    m.forum = forum;
    m.note = note;
    m.settlement = settlement;
    return km__dsp_atomic(net, run_move, &m);
}

int km_dispute_transition(km_network *net, uint64_t id, int status, const char *note)
{
    return move(net, id, status, -1, note, NULL);
}

int km_dispute_negotiate(km_network *net, uint64_t id, const char *note)
{
    return move(net, id, KM_DISPUTE_NEGOTIATION, -1, note, NULL);
}

int km_dispute_mediate(km_network *net, uint64_t id, const char *note)
{
    return move(net, id, KM_DISPUTE_MEDIATION, -1, note, NULL);
}

int km_dispute_settle(km_network *net, uint64_t id, const km_dispute_settlement *settlement)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!settlement) return km__err(KM_EINVAL, "settlement", "must not be NULL", "tidak boleh NULL");
    return move(net, id, KM_DISPUTE_SETTLED, -1, NULL, settlement);
}

int km_dispute_escalate(km_network *net, uint64_t id, int forum, const char *note)
{
    /* -1 would read as "no forum": send it as an (invalid) value instead. */
    return move(net, id, KM_DISPUTE_ESCALATED, forum == -1 ? KM_DISPUTE_FORUM__COUNT : forum, note, NULL);
}

int km_dispute_close(km_network *net, uint64_t id, const char *note)
{
    return move(net, id, KM_DISPUTE_CLOSED, -1, note, NULL);
}

int km_dispute_withdraw(km_network *net, uint64_t id, const char *note)
{
    return move(net, id, KM_DISPUTE_WITHDRAWN, -1, note, NULL);
}

int km_dispute_dismiss(km_network *net, uint64_t id, const char *reason)
{
    return move(net, id, KM_DISPUTE_DISMISSED, -1, reason, NULL);
}

typedef struct hold_arg {
    uint64_t id;
    const char *reason;
} hold_arg;

static int run_hold(km_network *net, void *p)
{
    const hold_arg *h = (const hold_arg *)p;
    const km_dispute *d = km__dsp_current(net, h->id);
    const km_agreement *a = d ? km__dsp_agreement(net, d->agreement) : NULL;
    int suspend = a && a->status == KM_AGREEMENT_ACTIVE, rc;
    km__buf *b = &net->scratch;
    km__buf_reset(b);
    if ((rc = put_opt(b, KM__DT_NOTE, h->reason)) != 0) return rc;
    rc = km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_HOLD, h->id, b->data, b->len, NULL);
    if (rc || !suspend) return rc;
    return km_agreement_suspend(net, d->agreement, h->reason);
}

int km_dispute_suspend_agreement(km_network *net, uint64_t id, const char *reason)
{
    hold_arg h;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    h.id = id;
    h.reason = reason;
    return km__dsp_atomic(net, run_hold, &h);
}

int km_dispute_assign_mediator(km_network *net, uint64_t id, uint64_t partner_id, const char *override_justification)
{
    km__buf *b = &net->scratch;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__DT_MEDIATOR, partner_id);
    if (rc == 0) rc = put_opt(b, KM__DT_OVERRIDE, override_justification);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_MEDIATOR, id, b->data, b->len, NULL);
}

int km_dispute_session_add(uint32_t *out_number, km_network *net, uint64_t id, const km_dispute_session_fields *f)
{
    km__buf *b = &net->scratch;
    int rc;
    km__err_clear();
    if (out_number) *out_number = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_DISPUTE_SESSION_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    km__buf_reset(b);
    rc = put_opt(b, KM__DT_SESSION_DATE, f->date);
    if (rc == 0)
        rc = put_ids(b, KM__DT_ATTENDEES, f->attendees, f->attendees_count, KM_DISPUTE_ATTENDEES_MAX,
                     "session.attendees");
    if (rc == 0 && f->outcome) rc = km__fw_str(b, KM__DT_OUTCOME, f->outcome);
    if (rc) return rc;
    rc = km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_SESSION, id, b->data, b->len, NULL);
    if (rc == 0 && out_number) *out_number = (uint32_t)net->disputes.items[id - 1].n_sessions;
    return rc;
}

/* ---- public: reads ---- */

int km_dispute_get(km_dispute **out, km_network *net, uint64_t id)
{
    km_dispute *d;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    d = km__dsp_current(net, id);
    if (!d) return km__dsp_not_found(id);
    km__dispute_ref(d);
    *out = d;
    return 0;
}

void km_dispute_free(km_dispute *d) { km__dispute_unref(d); }

uint64_t km_dispute_id(const km_dispute *d) { return d ? d->id : 0; }
uint64_t km_dispute_agreement(const km_dispute *d) { return d ? d->agreement : 0; }
uint64_t km_dispute_claimant(const km_dispute *d) { return d ? d->parties[0].partner : 0; }
size_t km_dispute_respondent_count(const km_dispute *d) { return d ? (size_t)d->n_parties - 1 : 0; }
uint64_t km_dispute_respondent(const km_dispute *d, size_t i)
{
    return d && i + 1 < d->n_parties ? d->parties[i + 1].partner : 0;
}
int64_t km_dispute_respondent_acknowledged(const km_dispute *d, size_t i)
{
    return d && i + 1 < d->n_parties ? d->parties[i + 1].acked : 0;
}
int64_t km_dispute_consented(const km_dispute *d, uint64_t partner_id)
{
    size_t i;
    for (i = 0; d && i < d->n_parties; i++)
        if (d->parties[i].partner == partner_id) return d->parties[i].consent;
    return 0;
}
int km_dispute_category_of(const km_dispute *d) { return d ? d->category : -1; }
int km_dispute_severity_of(const km_dispute *d) { return d ? d->severity : -1; }
int km_dispute_status_of(const km_dispute *d) { return d ? d->status : -1; }
const char *km_dispute_description(const km_dispute *d) { return d ? d->description : NULL; }
const char *km_dispute_relief(const km_dispute *d) { return d ? d->relief : NULL; }
size_t km_dispute_commitment_count(const km_dispute *d) { return d ? d->n_commit : 0; }
uint64_t km_dispute_commitment(const km_dispute *d, size_t i) { return d && i < d->n_commit ? d->commit[i] : 0; }
size_t km_dispute_milestone_count(const km_dispute *d) { return d ? d->n_ms : 0; }
uint32_t km_dispute_milestone(const km_dispute *d, size_t i) { return d && i < d->n_ms ? d->ms[i] : 0; }
uint64_t km_dispute_mediator(const km_dispute *d) { return d ? d->mediator : 0; }
const char *km_dispute_mediator_override(const km_dispute *d) { return d ? d->override : NULL; }
int km_dispute_forum_of(const km_dispute *d) { return d ? d->forum : -1; }
const char *km_dispute_status_note(const km_dispute *d) { return d ? d->note : NULL; }
int64_t km_dispute_status_time(const km_dispute *d) { return d ? d->status_time : 0; }
int64_t km_dispute_entered(const km_dispute *d, int status)
{
    return d && status >= 0 && status < KM_DISPUTE_STATUS__COUNT ? d->entered[status] : 0;
}
int64_t km_dispute_filed(const km_dispute *d) { return d ? d->filed : 0; }
int64_t km_dispute_updated(const km_dispute *d) { return d ? d->updated : 0; }
const char *km_dispute_filed_date(const km_dispute *d) { return d ? d->filed_s : NULL; }
const char *km_dispute_stage_date(const km_dispute *d) { return d ? d->stage_s : NULL; }
const char *km_dispute_due_date(const km_dispute *d) { return d && d->has_due ? d->due_s : NULL; }
int km_dispute_outcome(const km_dispute *d) { return d ? d->outcome : -1; }
const char *km_dispute_resolved_date(const km_dispute *d) { return d && d->has_resolved ? d->resolved_s : NULL; }
int km_dispute_settled_in(const km_dispute *d) { return d ? d->settled_in : -1; }
const char *km_dispute_settlement_terms(const km_dispute *d) { return d ? d->terms : NULL; }
size_t km_dispute_settlement_commitment_count(const km_dispute *d) { return d ? d->n_scommit : 0; }
uint64_t km_dispute_settlement_commitment(const km_dispute *d, size_t i)
{
    return d && i < d->n_scommit ? d->scommit[i] : 0;
}
size_t km_dispute_settlement_milestone_count(const km_dispute *d) { return d ? d->n_sms : 0; }
uint32_t km_dispute_settlement_milestone(const km_dispute *d, size_t i) { return d && i < d->n_sms ? d->sms[i] : 0; }
int km_dispute_holds_suspension(const km_dispute *d) { return d ? d->holds : 0; }
