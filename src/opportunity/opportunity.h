/* Internal pieces shared by the opportunity files: payload tags, the
 * decoded inputs ("oin" for opportunities, "iin" for expressions of
 * interest) that every operation validates, record builders, the actor
 * rule, the day of a change, and the eligibility engine. */
#ifndef KM_OPPORTUNITY_OPPORTUNITY_H
#define KM_OPPORTUNITY_OPPORTUNITY_H

#include "network/internal.h"
#include "agreement/agreement.h"
#include "partner/partner.h"
#include "util/validate.h"

/* Opportunity payload tags (docs/format.md, "Opportunities and expressions
 * of interest"). */
enum {
    KM__OT_PUBLISHER = 1, KM__OT_TITLE = 2, KM__OT_DESCRIPTION = 3, KM__OT_TYPE = 4, KM__OT_FRAMEWORK = 5,
    KM__OT_SECTORS = 6, KM__OT_REGION = 7, KM__OT_CAPABILITIES = 8, KM__OT_CEILING = 9, KM__OT_CURRENCY = 10,
    KM__OT_ASSISTANCE = 11, KM__OT_ASSIST_QTY = 12, KM__OT_ASSIST_UNIT = 13, KM__OT_KINDS = 14,
    KM__OT_ELIGIBLE_REGION = 15, KM__OT_MIN_COMPLETED = 16, KM__OT_SOUGHT = 17, KM__OT_OPENING = 18,
    KM__OT_CLOSING = 19, KM__OT_PARTNER_ROLES = 20, KM__OT_PUBLISHER_ROLES = 21, KM__OT_AWARD_MODE = 22,
    KM__OT_MASK = 23, KM__OT_STATUS = 24, KM__OT_REASON = 25, KM__OT_AS_OF = 26, KM__OT_NO_DISPUTES = 27,
    /* Snapshot-only tags (never in a log event). */
    KM__OT_S_VERSION = 40, KM__OT_S_CREATED = 41, KM__OT_S_UPDATED = 42, KM__OT_S_AGREEMENTS = 43,
    KM__OT_S_SELECTED = 44
};

/* Expression of interest payload tags. */
enum {
    KM__IT_OPPORTUNITY = 1, KM__IT_PARTNER = 2, KM__IT_STATEMENT = 3, KM__IT_CAPABILITIES = 4, KM__IT_AMOUNT = 5,
    KM__IT_CURRENCY = 6, KM__IT_QUANTITY = 7, KM__IT_UNIT = 8, KM__IT_CO_APPLICANTS = 9, KM__IT_STATUS = 10,
    KM__IT_REASON = 11, KM__IT_CONSENTING = 12, KM__IT_AGREEMENT = 13,
    KM__IT_S_VERSION = 40, KM__IT_S_CREATED = 41, KM__IT_S_UPDATED = 42
};

typedef struct km__oin {
    km__sl title, description, region, currency, assistance, unit, eligible_region, reason;
    uint64_t publisher, type, framework, kinds, min_completed, sought, partner_roles, publisher_roles, award_mode;
    uint64_t status, no_disputes;
    int64_t ceiling, assist_qty;
    int has_opening, has_closing, has_as_of;
    int32_t opening, closing, as_of;
    uint32_t n_selected;
    const uint64_t *agreements;   /* borrowed */
    size_t n_agreements;
    uint64_t add_agreement;       /* appended by the build when non-zero */
    size_t n_sectors, n_caps;
    km__sl sectors[KM_TAGS_MAX], caps[KM_TAGS_MAX];
} km__oin;

typedef struct km__ein {
    km__sl statement, currency, unit, reason;
    uint64_t opportunity, partner, agreement, status;
    int64_t amount, quantity;
    size_t n_caps, n_co;
    km__sl caps[KM_TAGS_MAX];
    km__coapp co[KM_INTEREST_CO_APPLICANTS_MAX];
} km__ein;

/* opportunity.c */
void km__opportunity_ref(km_opportunity *o);
void km__opportunity_unref(km_opportunity *o);
void km__interest_ref(km_interest *e);
void km__interest_unref(km_interest *e);
km_opportunity *km__opp_build(km_network *net, const km__oin *in, uint64_t id, uint32_t version, int64_t created,
                              int64_t updated);
void km__oin_from_record(km__oin *in, const km_opportunity *o);
km_opportunity *km__opp_lookup(const km__opportunities *s, uint64_t id);
km_interest *km__eoi_lookup(const km__opportunities *s, uint64_t id);
int km__opp_not_found(uint64_t id);
int km__eoi_not_found(uint64_t id);
/* The actor rule: live changes for a partner must come from that partner's
 * external id or an `admin:` actor. Replay does not re-check. */
int km__opp_actor_check(km_network *net, const km__apply *ap, uint64_t partner_id, const char *what);
/* Runs fn(net, arg) as one unit: inside the open transaction (undone to a
 * savepoint on failure) or in its own transaction (committed, with the
 * network's conflict retry). The failing call's error is kept. */
int km__opp_atomic(km_network *net, int (*fn)(km_network *net, void *arg), void *arg);

/* opportunity_ops.c */
int km__opp_get_str(const km__fields *f, uint16_t tag, km__sl *out);
int km__opp_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required);
/* Reads the fields in mask; with snapshot, also the state tags (the
 * agreement list is left to the caller). */
int km__opp_decode(const km__fields *f, uint32_t mask, km__oin *in, int snapshot);
/* Field rules and references (publisher, framework). */
int km__opp_validate(km_network *net, const km__oin *in);
/* Swaps the current record of o->id for one built from in (version + 1). */
int km__opp_replace(km_network *net, km__apply *ap, km_opportunity *old, const km__oin *in);
/* The same swap without an apply (for a change that also swaps an
 * expression): builds, indexes and returns the record, pushing no undo.
 * km__opp_install() makes it current and pushes the undo step (room for
 * one must be reserved). */
int km__opp_prepare(km_network *net, const km_opportunity *old, const km__oin *in, int64_t time,
                    km_opportunity **out);
void km__opp_install(km_network *net, km_opportunity *old, km_opportunity *nw);
void km__opp_unprepare(km_network *net, const km_opportunity *old, km_opportunity *nw);

/* opportunity_state.c */
int km__opp_apply_transition(km_network *net, km__apply *ap);
/* 1 when the opportunity accepts interest on day. */
int km__opp_accepting(const km_opportunity *o, int32_t day);
/* The state on day (an open opportunity past its closing date is closed). */
int km__opp_status_on(const km_opportunity *o, int32_t day);

/* interest.c */
km_interest *km__eoi_build(km_network *net, const km__ein *in, uint64_t id, uint32_t version, int64_t created,
                           int64_t updated);
void km__ein_from_record(km__ein *in, const km_interest *e);
/* 1 when status counts as active (submitted, shortlisted, selected). */
int km__eoi_active(int status);
/* The active expression of opportunity opp that partner belongs to (as
 * lead or co-applicant), other than `except`; 0 when none. */
uint64_t km__eoi_active_member(const km__opportunities *s, uint64_t opp, uint64_t partner, uint64_t except);

/* interest_ops.c */
int km__eoi_decode(const km__fields *f, km__ein *in, int snapshot);
int km__eoi_validate(km_network *net, const km__ein *in);

/* eligibility.c: calls sink for every rule partner fails for opportunity
 * o; no allocation. Returns the number of failures. */
typedef void (*km__elig_sink)(void *payload, int rule, uint64_t partner, const char *en, const char *id);
size_t km__elig_run(km_network *net, const km_opportunity *o, uint64_t partner, km__elig_sink sink, void *payload);
/* Checks the lead and every co-applicant; KM_EINVAL (field
 * interest.eligibility) listing every failure, else 0. */
int km__elig_require(km_network *net, const km_opportunity *o, uint64_t lead, const km__coapp *co, size_t n_co);
/* Completed agreements partner is a party of. */
uint64_t km__elig_completed(km_network *net, uint64_t partner);

/* opportunity_index.c */
int km__opp_index_replace(km__opportunities *s, const km_opportunity *old, const km_opportunity *nw);
int km__eoi_index_replace(km__opportunities *s, const km_interest *old, const km_interest *nw);

#endif
