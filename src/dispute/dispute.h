/* Internal pieces shared by the dispute files: payload tags, the decoded
 * form of a dispute ("din") that every operation edits and validates, and
 * the helpers that swap one record for the next with undo. */
#ifndef KM_DISPUTE_DISPUTE_H
#define KM_DISPUTE_DISPUTE_H

#include "network/internal.h"
#include "util/validate.h"

/* Payload tags (docs/format.md, "Disputes"). */
enum {
    KM__DT_AGREEMENT = 1, KM__DT_CLAIMANT = 2, KM__DT_RESPONDENTS = 3, KM__DT_CATEGORY = 4, KM__DT_SEVERITY = 5,
    KM__DT_DESCRIPTION = 6, KM__DT_RELIEF = 7, KM__DT_COMMITMENTS = 8, KM__DT_MILESTONES = 9, KM__DT_STATUS = 10,
    KM__DT_NOTE = 11, KM__DT_FORUM = 12, KM__DT_PARTNER = 13, KM__DT_MEDIATOR = 14, KM__DT_OVERRIDE = 15,
    KM__DT_SESSION_DATE = 16, KM__DT_ATTENDEES = 17, KM__DT_OUTCOME = 18, KM__DT_TERMS = 19,
    KM__DT_SETTLE_COMMITMENTS = 20, KM__DT_SETTLE_MILESTONES = 21, KM__DT_HOLD = 22, KM__DT_DAYS = 23,
    /* Policy. */
    KM__DT_P_KINDS = 30, KM__DT_P_ALLOW_PARTY = 31, KM__DT_P_ALLOW_RELATED = 32, KM__DT_P_SUSPEND = 33,
    KM__DT_P_ACK_DAYS = 34, KM__DT_P_START_DAYS = 35, KM__DT_P_NEGOTIATION_DAYS = 36, KM__DT_P_MEDIATION_DAYS = 37,
    KM__DT_P_UTC_OFFSET = 38,
    /* Snapshot-only tags (never in a log event). */
    KM__DT_S_FILED = 40, KM__DT_S_UPDATED = 41, KM__DT_S_STATUS_TIME = 42, KM__DT_S_ENTERED = 43,
    KM__DT_S_CLAIMANT_CONSENT = 44, KM__DT_S_FILED_DAY = 45, KM__DT_S_STAGE_DAY = 46, KM__DT_S_DUE_DAY = 47,
    KM__DT_S_RESOLVED_DAY = 48, KM__DT_S_OUTCOME = 49, KM__DT_S_SETTLED_IN = 50
};

/* Stages with a time limit are the states 0..3 (filed .. mediation). */
#define KM__DSP_STAGES 4

typedef struct km__din {
    uint64_t agreement, mediator, category, severity, status;
    int forum, outcome, settled_in, holds;
    int64_t filed, updated, status_time;
    int64_t entered[KM_DISPUTE_STATUS__COUNT];
    int has_due, has_resolved;
    int32_t filed_day, stage_day, due_day, resolved_day;
    km__sl description, relief, note, override, terms;
    size_t n_parties, n_commit, n_ms, n_scommit, n_sms;
    km__dsp_party parties[KM_DISPUTE_RESPONDENTS_MAX + 1];
    uint64_t commit[KM_DISPUTE_REFS_MAX], scommit[KM_DISPUTE_REFS_MAX];
    uint32_t ms[KM_DISPUTE_REFS_MAX], sms[KM_DISPUTE_REFS_MAX];
} km__din;

extern const km__fdesc km__dsp_schema[];
extern const size_t km__dsp_schema_count;

/* dispute.c: records */
km_dispute *km__dsp_build(km_network *net, const km__din *in, uint64_t id);
void km__din_from_record(km__din *in, const km_dispute *d);
void km__din_clear(km__din *in);
km__dsp_slot *km__dsp_slot_of(const km__disputes *s, uint64_t id);
km_dispute *km__dsp_current(const km_network *net, uint64_t id);
int km__dsp_not_found(uint64_t id);
/* The slot of ap->ev.id, or NULL with *rc set. */
km__dsp_slot *km__dsp_find(km_network *net, km__apply *ap, int *rc);
/* Swaps the current record for one built from in, with undo. */
int km__dsp_replace(km_network *net, km__apply *ap, km__dsp_slot *slot, const km__din *in);
/* Runs run(net, arg) so that every change it makes lands in one log entry,
 * or none does: in its own transaction, or, inside the host's transaction,
 * undone to a savepoint on failure. */
int km__dsp_atomic(km_network *net, int (*run)(km_network *, void *), void *arg);
int km__dsp_final(int status);
int km__dsp_active(int status);

/* dispute_ops.c: decoding and validation helpers, file */
const km_agreement *km__dsp_agreement(const km_network *net, uint64_t id);
int km__dsp_get_str(const km__fields *f, uint16_t tag, km__sl *out);
int km__dsp_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required);
int km__dsp_get_i64(const km__fields *f, uint16_t tag, const char *field, int64_t *out, int required);
/* A STRS list of decimal ids: at most max, each non-zero and listed once
 * (uint32 range when narrow). Returns 0 or KM_EINVAL naming field. */
int km__dsp_get_ids(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, size_t *n, size_t max);
int km__dsp_get_numbers(const km__fields *f, uint16_t tag, const char *field, uint32_t *out, size_t *n, size_t max);
/* Optional multi-line note of at most KM_DISPUTE_NOTE_MAX bytes. */
int km__dsp_v_note(const char *field, const km__sl *s, int required);
/* Every milestone number exists in the agreement. */
int km__dsp_v_milestones(km_network *net, uint64_t agreement, const char *field, const uint32_t *ms, size_t n);
/* Every commitment exists and belongs to the agreement. */
int km__dsp_v_commitments(km_network *net, uint64_t agreement, const char *field, const uint64_t *ids, size_t n);
/* Decodes a whole record (snapshot) and validates its structure. */
int km__dsp_decode_record(km_network *net, const km__fields *f, km__din *in);
int km__dsp_validate_record(km_network *net, const km__din *in);
int km__dsp_apply_file(km_network *net, km__apply *ap);
int km__dsp_apply_acknowledge(km_network *net, km__apply *ap);
int km__dsp_apply_consent(km_network *net, km__apply *ap);
int km__dsp_apply_hold(km_network *net, km__apply *ap);
int km__dsp_apply_extend(km_network *net, km__apply *ap);
/* Encodes a record with the state tags (snapshot). */
int km__dsp_encode_record(km__buf *b, const km_dispute *d);

/* dispute_state.c: the state machine and who may do what */
enum {
    KM__DSP_ACT_FILE = 0, KM__DSP_ACT_ACKNOWLEDGE, KM__DSP_ACT_CONSENT, KM__DSP_ACT_MEDIATOR, KM__DSP_ACT_SESSION,
    KM__DSP_ACT_HOLD, KM__DSP_ACT_EXTEND, KM__DSP_ACT_POLICY, KM__DSP_ACT__COUNT
};
/* Roles the network's actor has towards d (d may be NULL: admin only). */
uint32_t km__dsp_actor_roles(const km_network *net, const km_dispute *d);
/* Partner id the actor is, or 0. */
uint64_t km__dsp_actor_partner(const km_network *net);
/* State and role check of an action (live changes only for the roles). */
int km__dsp_check_action(km_network *net, const km__apply *ap, const km_dispute *d, int action);
/* The actor must be partner (or an administrator). */
int km__dsp_check_self(km_network *net, const km__apply *ap, const km_dispute *d, uint64_t partner,
                       const char *op);
int km__dsp_apply_transition(km_network *net, km__apply *ap);
/* Whether a move releases the dispute's hold on the agreement, and whether
 * the agreement is then resumed. */
int km__dsp_move_releases(int from, int to, int *resume);
/* Another dispute of the agreement holds its suspension. */
int km__dsp_other_holder(const km_network *net, uint64_t agreement, uint64_t self);
/* After a change that released the hold of dispute id: resumes the
 * agreement when it is suspended and no other dispute holds it. */
int km__dsp_resume_if_free(km_network *net, uint64_t id, uint64_t agreement);
void km__dsp_list_states(char *out, size_t cap, uint32_t mask, int lang);

/* mediator.c */
int km__dsp_apply_mediator(km_network *net, km__apply *ap);

/* session.c */
int km__dsp_apply_session(km_network *net, km__apply *ap);
km__dsp_session *km__dsp_session_new(const km_allocator *a, uint32_t number, int32_t day, uint8_t stage,
                                     const uint64_t *att, size_t n_att, const char *outcome, size_t outcome_len);
void km__dsp_sessions_free(const km_allocator *a, km__dsp_slot *slot);

/* settlement.c */
int km__dsp_decode_settlement(km_network *net, const km__fields *f, const km_dispute *d, km__din *in, int present);
int km__dsp_encode_settlement(km__buf *b, const km_dispute_settlement *s);

/* deadline.c */
/* The policy that applies to disputes of an agreement (never NULL). */
const km__dsp_pol *km__dsp_policy_for(const km_network *net, uint64_t agreement);
/* Moves in to state `to` at `time`: entry times, stage day and due date,
 * first resolution. */
void km__dsp_enter(km__din *in, int to, int64_t time, const km__dsp_pol *pol);

/* policy.c */
int km__dsp_apply_policy(km_network *net, km__apply *ap);
const km__dsp_pol *km__dsp_policy_find(const km__disputes *s, uint64_t framework);
void km__dsp_pol_default(km__dsp_pol *p);
int km__dsp_policy_decode(const km__fields *f, km__dsp_pol *p);
int km__dsp_policy_encode(km__buf *b, const km__dsp_pol *p);
int km__dsp_policy_add(km__disputes *s, uint64_t framework, const km__dsp_pol *p);

/* dispute_index.c */
int km__dsp_index_replace(km__disputes *s, const km_dispute *old, const km_dispute *nw);
/* A compiled query: indexed sets to intersect plus residual checks. */
typedef struct km__dsp_plan {
    const km__idset *sets[8];
    size_t n;
    int empty, open_only, has_from, has_to;
    int32_t from, to;
} km__dsp_plan;
int km__dsp_plan_make(km__dsp_plan *pl, km_network *net, const km_dispute_query *q);
/* Next matching id >= from: 1 found, 0 none. */
int km__dsp_plan_next(const km__dsp_plan *pl, const km_network *net, uint64_t from, uint64_t *out);

#endif
