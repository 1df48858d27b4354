/* Internal pieces shared by the commitment files: payload tags, the decoded
 * input ("cin") that creation and snapshots validate, and the helpers each
 * file offers the others. */
#ifndef KM_COMMITMENT_COMMITMENT_H
#define KM_COMMITMENT_COMMITMENT_H

#include "network/internal.h"
#include "agreement/agreement.h"
#include "util/validate.h"

/* Payload tags (docs/format.md, "Commitments and the ledger"). One table
 * serves every commitment operation. */
enum {
    KM__CT_AGREEMENT = 1, KM__CT_PROVIDER = 2, KM__CT_RECIPIENT = 3, KM__CT_KIND = 4, KM__CT_TITLE = 5,
    KM__CT_AMOUNT = 6, KM__CT_CURRENCY = 7, KM__CT_UNIT = 8, KM__CT_VALUATION = 9, KM__CT_VAL_CURRENCY = 10,
    KM__CT_RATE = 11, KM__CT_TERM = 12, KM__CT_GRACE = 13, KM__CT_METHOD = 14, KM__CT_LOAN_START = 15,
    KM__CT_STATUS = 16, KM__CT_REASON = 17, KM__CT_DATE = 18, KM__CT_TRANCHE = 19, KM__CT_TYPE = 20,
    KM__CT_REVERSES = 21, KM__CT_NOTE = 22, KM__CT_DAY_OFFSET = 23,
    /* Snapshot-only tags (never in a log event). */
    KM__CT_S_CREATED = 40, KM__CT_S_UPDATED = 41
};

/* Decoded commitment header: creation fields plus state. */
typedef struct km__cin {
    uint64_t agreement, provider, recipient, kind, rate, term, grace, method, status;
    km__sl title, currency, unit, val_currency, loan_start, reason;
    int64_t amount, valuation;
    int has_loan_start, has_loan_tags, has_valuation;
    int32_t loan_start_d;
    int64_t regular;                       /* derived (loans) */
    int64_t sums[KM_LEDGER_TYPE__COUNT];   /* derived from the ledger */
} km__cin;

extern const km__fdesc km__cmt_schema[];
extern const size_t km__cmt_schema_count;

/* ---- commitment.c ---- */
void km__commitment_ref(km_commitment *c);
void km__commitment_unref(km_commitment *c);
km_commitment *km__cmt_build(km_network *net, const km__cin *in, uint64_t id, int64_t created, int64_t updated);
void km__cin_from_record(km__cin *in, const km_commitment *c);
km__cmt_slot *km__cmt_slot_of(const km__commitments *s, uint64_t id);
int km__cmt_not_found(uint64_t id);
/* Not closed and not cancelled. */
int km__cmt_open(int status);
/* "Rp1.500,00" / "12 expert-days" for messages. */
void km__cmt_fmt(char *out, size_t cap, const km_commitment *c, int64_t v, int lang);
/* 1 when the commitment is a loan with terms. */
int km__cmt_is_loan(const km_commitment *c);
/* A figure computed from ledger sums. */
int64_t km__figure_of(const km_commitment *c, const int64_t *sums, int figure);

/* ---- commitment_ops.c ---- */
int km__cmt_get_str(const km__fields *f, uint16_t tag, km__sl *out);
int km__cmt_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required);
int km__cmt_get_date(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *d);
/* Reads the creation tags. */
int km__cmt_decode(const km__fields *f, km__cin *in);
/* Every field rule; at_creation adds the agreement's state and parties as
 * they are now (not re-checked when a snapshot is loaded). Computes
 * in->regular for loans. */
int km__cmt_validate(km_network *net, km__cin *in, int at_creation);
/* The slot of ap->ev.id, or NULL with *rc set. */
km__cmt_slot *km__cmt_find(km_network *net, km__apply *ap, int *rc);
/* Swaps the current record for nw (built by the caller, ownership taken
 * even on failure) and moves the status index. Needs one reserved undo
 * step. */
int km__cmt_replace(km_network *net, km__cmt_slot *slot, km_commitment *nw);
/* Lifecycle steps: new (NULL on ENOMEM), then push (room reserved with
 * km__cmt_step_reserve and one undo step). */
km__cstep *km__cstep_new(const km_allocator *a, int from, int to, int64_t time, uint64_t tx, const char *reason,
                         size_t len);
int km__cmt_step_reserve(km_network *net, km__cmt_slot *slot);
void km__cmt_step_push(km_network *net, uint64_t id, km__cmt_slot *slot, km__cstep *step);

/* ---- commitment_index.c ---- */
int km__cmt_index_add(km__commitments *s, const km_commitment *c);
void km__cmt_index_remove(km__commitments *s, const km_commitment *c);
/* A selection of commitments by the filters shared by queries and reports. */
typedef struct km__cmt_plan {
    const km__idset *sets[6];
    size_t n;
    int empty;
    uint64_t framework;  /* checked per candidate (the agreement's framework can change) */
    uint64_t only;       /* a single commitment, or 0 */
} km__cmt_plan;
/* KM_EINVAL naming prefix.kind / prefix.status for an out-of-range filter. */
int km__cmt_plan_make(km__cmt_plan *pl, km_network *net, uint64_t commitment, uint64_t agreement, uint64_t provider,
                      uint64_t recipient, uint64_t framework, int kind, int status, const char *prefix);
/* Next matching id >= from: 1 found, 0 none. */
int km__cmt_plan_next(const km__cmt_plan *pl, km_network *net, uint64_t from, uint64_t *out);
/* The framework of a commitment's agreement, 0 for none. */
uint64_t km__cmt_framework(km_network *net, const km_commitment *c);

/* ---- ledger.c ---- */
typedef struct km__ltx_in {
    int type;
    int64_t amount;
    int32_t date;
    uint32_t tranche;
    uint64_t reverses;
    km__sl note;
} km__ltx_in;
/* Appends one transaction (its type/kind/state rules already checked by
 * the caller), re-checks every invariant at every value date, moves the
 * state as the ledger says, and records a step when it changes. With
 * explicit set, the step and the record carry step_reason. */
int km__ledger_append(km_network *net, km__apply *ap, km__cmt_slot *slot, const km__ltx_in *t,
                      const km__sl *step_reason, int explicit_step);
/* Every invariant at every value date; 0, KM_ESTATE or KM_ERANGE. */
int km__ledger_verify(const km__cmt_slot *slot, const km_commitment *c);
/* Sums per type as of a date (every date when !has_date), net of reversals. */
int km__ledger_sums(const km__cmt_slot *slot, int has_date, int32_t as_of, int64_t sums[KM_LEDGER_TYPE__COUNT]);
/* The state the ledger puts an open commitment in (pledged, cancelled and
 * closed stay). */
int km__ledger_status(int status, const int64_t *sums);
/* Net disbursed against a tranche as of a date, and the value date on
 * which it reached the tranche's amount (met = 0 when it did not). */
int km__tranche_progress(const km__cmt_slot *slot, const km__tranche *t, int has_date, int32_t as_of,
                         int64_t *disbursed, int *met, int32_t *met_date);
void km__ltx_free_all(const km_allocator *a, km__cmt_slot *slot);
km__ltx *km__ltx_new(const km_allocator *a, const km__ltx_in *in, uint64_t id, int64_t time);

/* Apply functions of the operations (listed in commitment_ops.c). */
int km__cmt_apply_transition(km_network *net, km__apply *ap);
int km__cmt_apply_tranche_add(km_network *net, km__apply *ap);
int km__cmt_apply_tranche_update(km_network *net, km__apply *ap);
int km__cmt_apply_tranche_cancel(km_network *net, km__apply *ap);
int km__cmt_apply_ledger_record(km_network *net, km__apply *ap);
int km__cmt_apply_ledger_reverse(km_network *net, km__apply *ap);

/* ---- tranche.c ---- */
km__tranche *km__tranche_new(const km_allocator *a, uint32_t number, int status, int32_t date, int64_t amount,
                             const char *note, size_t note_len, const char *reason, size_t reason_len);

/* ---- loan.c ---- */
typedef struct km__loan {
    int64_t principal;
    uint32_t rate, term, grace;
    int method;
    int32_t start;
    int64_t regular;
} km__loan;
typedef struct km__inst {
    int32_t due;
    int64_t principal, interest, payment, balance;
} km__inst;
typedef struct km__loan_it {
    const km__loan *l;
    uint32_t k;
    int64_t balance;
} km__loan_it;
void km__loan_of(km__loan *l, const km_commitment *c);
/* Validates the terms (fields named with prefix, e.g. "commitment.loan_")
 * and computes l->regular; walks the whole schedule so that a loan whose
 * sums or dates overflow is refused up front. */
int km__loan_prepare(km__loan *l, const char *prefix);
void km__loan_it_init(km__loan_it *it, const km__loan *l);
/* 1 with *out set, 0 after the last instalment, or an error. */
int km__loan_it_next(km__loan_it *it, km__inst *out);

#endif
