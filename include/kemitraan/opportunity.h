/**
 * @file opportunity.h
 * @brief Partnership opportunities (calls for partners), expressions of
 *        interest, eligibility, shortlists and selection, and discovery.
 *
 * An opportunity is a call published by a partner (usually a government
 * body): market sounding for a KPBU project (penjajakan minat pasar), the
 * offer of a regional cooperation object, a call for grant proposals. It
 * names the agreement it would lead to (type, framework, the roles of the
 * publisher and of the partners selected), what it seeks (sectors, region,
 * capabilities), what it offers (a grant ceiling, technical assistance), who
 * may answer (eligibility) and when (opening and closing dates).
 *
 * **Lifecycle.** `draft -> open -> closed -> awarded`, and `draft | open |
 * closed -> cancelled` (with a reason). Any other move fails with
 * #KM_ESTATE naming the current state and the states allowed from it.
 * The closing date is the last day interest may be submitted: from the next
 * day on the opportunity is closed for new interest even when no close was
 * recorded (km_opportunity_status_on() and the `status_as_of` and `open_on`
 * query filters treat it as closed); km_opportunity_close_due() records the
 * close transitions of every opportunity whose closing date has passed.
 *
 * **Days.** The library has no wall clock: the day a change is made is the
 * civil date of its log entry's time (the clock hook) in WIB (UTC+7), the
 * same day rule as the `kemitraan` tool.
 *
 * **Who may act.** Every change to an opportunity, and shortlisting,
 * rejecting and selecting expressions of interest, is made by the publisher:
 * the network's actor must equal the publisher's external id or start with
 * `admin:`. An expression is submitted and withdrawn by its partner, and a
 * co-applicant consents for itself, under the same rule. Closing by date
 * (km_opportunity_close_due()) records a fact and is open to any actor. The
 * authorizer hook can restrict further. Log replay does not re-check the
 * actor rule (like agreement signatures).
 *
 * **Expressions of interest.** A partner answers an open opportunity with a
 * statement, the capabilities it brings, a proposed contribution (money
 * and/or a quantity with its unit) and optionally co-applicants (a
 * consortium). Every eligibility rule is checked for the partner and for
 * each co-applicant at submission, and again at selection; a submission
 * that fails fails with #KM_EINVAL (field `interest.eligibility`) whose
 * message lists every failed rule of every member.
 * km_opportunity_check_eligibility() returns the same list without
 * submitting. A partner belongs to at most one active expression (submitted,
 * shortlisted or selected) per opportunity, as lead or as co-applicant
 * (#KM_EEXISTS otherwise). Co-applicants are recorded as named; each
 * confirms with km_interest_consent(), and an expression can be selected
 * only once every co-applicant has consented.
 *
 * **Selection.** The publisher shortlists, rejects (with a reason) or
 * selects expressions. Selecting needs the opportunity closed and creates a
 * draft agreement, in the same log entry, with the publisher and the
 * selected partner and its co-applicants as parties in the roles the
 * opportunity names; the agreement id is stored on the expression and on
 * the opportunity. With #KM_AWARD_SEPARATE every selected expression gets
 * its own agreement; with #KM_AWARD_JOINT the first selection creates one
 * agreement and later selections add their partners to it.
 *
 * See docs/opportunities.md for the rules and the discovery score formula.
 */
#ifndef KEMITRAAN_OPPORTUNITY_H
#define KEMITRAAN_OPPORTUNITY_H

#include "common.h"
#include "network.h"
#include "partner.h"
#include "agreement.h"
#include "framework.h"
#include "match.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Opportunity lifecycle states (stored in the log; never renumbered). */
typedef enum km_opportunity_status {
    KM_OPPORTUNITY_DRAFT = 0,     /**< Being prepared, not visible to applicants (draf). */
    KM_OPPORTUNITY_OPEN = 1,      /**< Published; accepts interest from the opening to the closing date (dibuka). */
    KM_OPPORTUNITY_CLOSED = 2,    /**< No more interest; the publisher selects (ditutup). */
    KM_OPPORTUNITY_AWARDED = 3,   /**< Partners selected, final (ditetapkan). */
    KM_OPPORTUNITY_CANCELLED = 4, /**< Abandoned, with a reason, final (dibatalkan). */
    KM_OPPORTUNITY_STATUS__COUNT = 5 /**< Number of states (not a state). */
} km_opportunity_status;

/** @brief How selections become agreements (stored in the log). */
typedef enum km_award_mode {
    KM_AWARD_SEPARATE = 0, /**< Each selected expression gets its own agreement (e.g. grants). */
    KM_AWARD_JOINT = 1,    /**< One agreement for the whole call; each selection adds its partners. */
    KM_AWARD_MODE__COUNT = 2 /**< Number of modes (not a mode). */
} km_award_mode;

/** @brief Expression of interest states (stored in the log). */
typedef enum km_interest_status {
    KM_INTEREST_SUBMITTED = 0,   /**< Submitted, awaiting the publisher (diajukan). */
    KM_INTEREST_SHORTLISTED = 1, /**< On the shortlist (masuk daftar pendek). */
    KM_INTEREST_SELECTED = 2,    /**< Selected; an agreement was drafted (terpilih). Final. */
    KM_INTEREST_REJECTED = 3,    /**< Rejected with a reason (ditolak). Final. */
    KM_INTEREST_WITHDRAWN = 4,   /**< Withdrawn by the partner before closing (ditarik). Final. */
    KM_INTEREST_STATUS__COUNT = 5 /**< Number of states (not a state). */
} km_interest_status;

/** @brief Eligibility rules, each named in errors and in ::km_eligibility lists. */
typedef enum km_eligibility_rule {
    KM_ELIGIBILITY_ACTIVE = 0,        /**< The partner is active (not suspended or archived); code `active`. */
    KM_ELIGIBILITY_NOT_PUBLISHER = 1, /**< The partner is not the publisher; code `not_publisher`. */
    KM_ELIGIBILITY_KIND = 2,          /**< The partner's kind is one of the eligible kinds; code `kind`. */
    KM_ELIGIBILITY_REGION = 3,        /**< The partner's region lies within the eligible region prefix; code `region`. */
    KM_ELIGIBILITY_TRACK_RECORD = 4,  /**< The partner is a party of at least the minimum number of completed agreements; code `track_record`. */
    KM_ELIGIBILITY_NO_OPEN_DISPUTES = 5, /**< When the opportunity asks for it: the partner is not a respondent in a dispute that is not yet closed, withdrawn or dismissed; code `no_open_disputes`. */
    KM_ELIGIBILITY_RULE__COUNT = 6    /**< Number of rules (not a rule). */
} km_eligibility_rule;

/** @name Field limits (bytes of UTF-8 unless stated) */
/**@{*/
#define KM_OPPORTUNITY_TITLE_MAX 300          /**< Longest title (one line). */
#define KM_OPPORTUNITY_TEXT_MAX 4000          /**< Longest description or statement (may span lines). */
#define KM_OPPORTUNITY_ASSISTANCE_MAX 2000    /**< Longest technical assistance text. */
#define KM_OPPORTUNITY_REASON_MAX 2000        /**< Longest reason. */
#define KM_OPPORTUNITY_UNIT_MAX 40            /**< Longest unit of a quantity (`person-day`, `ton`). */
#define KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX 10000 /**< Most partners sought by one opportunity. */
#define KM_INTEREST_CO_APPLICANTS_MAX 16      /**< Most co-applicants in one expression of interest. */
/**@}*/

/** @name Field mask bits for km_opportunity_update() */
/**@{*/
#define KM_OPPORTUNITY_F_TITLE           0x00001u /**< title */
#define KM_OPPORTUNITY_F_DESCRIPTION     0x00002u /**< description */
#define KM_OPPORTUNITY_F_TYPE            0x00004u /**< agreement_type */
#define KM_OPPORTUNITY_F_FRAMEWORK       0x00008u /**< framework_id */
#define KM_OPPORTUNITY_F_SECTORS         0x00010u /**< sectors */
#define KM_OPPORTUNITY_F_REGION          0x00020u /**< region */
#define KM_OPPORTUNITY_F_CAPABILITIES    0x00040u /**< capabilities sought */
#define KM_OPPORTUNITY_F_GRANT           0x00080u /**< grant_ceiling and currency */
#define KM_OPPORTUNITY_F_ASSISTANCE      0x00100u /**< assistance, assistance_quantity and assistance_unit */
#define KM_OPPORTUNITY_F_ELIGIBLE_KINDS  0x00200u /**< eligible_kinds */
#define KM_OPPORTUNITY_F_ELIGIBLE_REGION 0x00400u /**< eligible_region */
#define KM_OPPORTUNITY_F_MIN_COMPLETED   0x00800u /**< min_completed */
#define KM_OPPORTUNITY_F_PARTNERS_SOUGHT 0x01000u /**< partners_sought */
#define KM_OPPORTUNITY_F_OPENING         0x02000u /**< opening_date */
#define KM_OPPORTUNITY_F_CLOSING         0x04000u /**< closing_date */
#define KM_OPPORTUNITY_F_ROLES           0x08000u /**< partner_roles and publisher_roles */
#define KM_OPPORTUNITY_F_AWARD_MODE      0x10000u /**< award_mode */
#define KM_OPPORTUNITY_F_NO_OPEN_DISPUTES 0x20000u /**< no_open_disputes */
#define KM_OPPORTUNITY_F_ALL             0x3FFFFu /**< every field */
/**@}*/

/** @brief Current version of ::km_opportunity_fields. */
#define KM_OPPORTUNITY_FIELDS_VERSION 1

/**
 * @brief Input for km_opportunity_create() and km_opportunity_update().
 *
 * Strings are UTF-8 and borrowed for the call. Validation:
 * - `publisher_id`: an existing, active partner (fixed at creation);
 * - `title`: required, 1..#KM_OPPORTUNITY_TITLE_MAX bytes, one line;
 * - `description`: optional, at most #KM_OPPORTUNITY_TEXT_MAX bytes;
 * - `agreement_type`: a ::km_agreement_type; `framework_id`: an existing
 *   framework or 0, and when its current version limits the agreement
 *   types, `agreement_type` must be one of them;
 * - `sectors`, `capabilities` (sought): tags as for partners;
 *   `region`: optional kode wilayah;
 * - resources offered: `grant_ceiling` (minor units, > 0) with its ISO 4217
 *   `currency`, or a NULL currency and 0 for no grant; `assistance`
 *   (optional text, at most #KM_OPPORTUNITY_ASSISTANCE_MAX bytes) and/or
 *   `assistance_quantity` (>= 0) with its `assistance_unit` (required when
 *   the quantity is not 0, 1..#KM_OPPORTUNITY_UNIT_MAX bytes);
 * - eligibility: `eligible_kinds` a `KM_PARTNER_KIND_BIT()` mask (0 = any
 *   kind), `eligible_region` an optional kode wilayah prefix,
 *   `min_completed` the number of completed agreements required (0 = none),
 *   `no_open_disputes` non-zero to refuse partners that are respondents in
 *   a dispute not yet closed, withdrawn or dismissed;
 * - `partners_sought`: 1..#KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX, the number
 *   of expressions that may be selected (a consortium counts once);
 * - `opening_date`, `closing_date`: required `YYYY-MM-DD`, closing not
 *   before opening;
 * - `partner_roles`, `publisher_roles`: non-empty `KM_ROLE_*` masks the
 *   selected partners and the publisher take in the resulting agreement;
 * - `award_mode`: a ::km_award_mode.
 */
typedef struct km_opportunity_fields {
    unsigned int version;               /**< #KM_OPPORTUNITY_FIELDS_VERSION. */
    uint64_t publisher_id;              /**< Publishing partner (create only; ignored by update). */
    const char *title;                  /**< Title (judul). */
    const char *description;            /**< Description (uraian), or NULL. */
    int agreement_type;                 /**< The ::km_agreement_type of the resulting agreement. */
    uint64_t framework_id;              /**< Framework the agreement would fall under, or 0. */
    const char *const *sectors;         /**< Sector tags (may be NULL when the count is 0). */
    size_t sectors_count;               /**< Number of sector tags. */
    const char *region;                 /**< Kode wilayah of the opportunity, or NULL. */
    const char *const *capabilities;    /**< Capabilities sought (tags). */
    size_t capabilities_count;          /**< Number of capabilities sought. */
    int64_t grant_ceiling;              /**< Grant ceiling in minor units of @ref currency. */
    const char *currency;               /**< ISO 4217 code of the grant ceiling, or NULL for no grant. */
    const char *assistance;             /**< Technical assistance offered (text), or NULL. */
    int64_t assistance_quantity;        /**< Quantity of assistance (e.g. 40 person-days), or 0. */
    const char *assistance_unit;        /**< Unit of @ref assistance_quantity, or NULL. */
    uint32_t eligible_kinds;            /**< `KM_PARTNER_KIND_BIT()` mask of eligible kinds; 0 = any. */
    const char *eligible_region;        /**< Kode wilayah prefix applicants must lie within, or NULL. */
    uint32_t min_completed;             /**< Completed agreements an applicant must be a party of. */
    uint32_t partners_sought;           /**< Expressions that may be selected. */
    const char *opening_date;           /**< First day interest is accepted, `YYYY-MM-DD`. */
    const char *closing_date;           /**< Last day interest is accepted, `YYYY-MM-DD`. */
    uint32_t partner_roles;             /**< `KM_ROLE_*` mask of each selected partner in the agreement. */
    uint32_t publisher_roles;           /**< `KM_ROLE_*` mask of the publisher in the agreement. */
    int award_mode;                     /**< A ::km_award_mode. */
    int no_open_disputes;               /**< Non-zero: applicants must not be respondents in an open dispute. */
} km_opportunity_fields;

/** @brief Static initializer for ::km_opportunity_fields: one partner sought,
 *         implementing partner, accountable publisher, separate agreements. */
#define KM_OPPORTUNITY_FIELDS_INIT { KM_OPPORTUNITY_FIELDS_VERSION, 0, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0, \
                                     0, NULL, NULL, 0, NULL, 0, NULL, 0, 1, NULL, NULL, KM_ROLE_IMPLEMENTING, \
                                     KM_ROLE_ACCOUNTABLE, KM_AWARD_SEPARATE, 0 }

/** @brief Immutable snapshot of one version of an opportunity. */
typedef struct km_opportunity km_opportunity;

/**
 * @brief Creates an opportunity in the draft state.
 * @param[out] out_id receives the new opportunity's id (may be NULL).
 * @param net the network.
 * @param fields the opportunity's fields (see ::km_opportunity_fields).
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (publisher or
 *         framework); #KM_ESTATE (publisher not active); #KM_EDENIED (actor
 *         is not the publisher nor `admin:`, or the authorizer refused);
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error
 *         nothing changes.
 */
KM_EXTERN int km_opportunity_create(uint64_t *out_id, km_network *net, const km_opportunity_fields *fields);

/**
 * @brief Changes the fields selected by @p mask. A draft may change any
 *        field; an open opportunity only its description and its closing
 *        date, which may only move later (an extension), and not once it
 *        has passed.
 * @param net the network.
 * @param id the opportunity.
 * @param fields the new values (only the fields in @p mask are read).
 * @param mask `KM_OPPORTUNITY_F_*` bits.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (bad field or mask); #KM_ESTATE
 *         (closed or later; a field that cannot change while open; the
 *         closing date has passed); #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_update(km_network *net, uint64_t id, const km_opportunity_fields *fields, uint32_t mask);

/**
 * @brief Moves an opportunity to another state (the general form of the
 *        functions below).
 *
 * Opening needs an active publisher and a closing date not yet passed.
 * Awarding needs at least one selected expression. Cancelling needs a
 * reason and no selected expression.
 * @param net the network.
 * @param id the opportunity.
 * @param status the target ::km_opportunity_status.
 * @param reason why (required to cancel; optional otherwise; at most
 *        #KM_OPPORTUNITY_REASON_MAX bytes), or NULL.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (unknown status, missing reason);
 *         #KM_ESTATE (illegal transition, naming the current and the allowed
 *         states, or a condition above); #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_transition(km_network *net, uint64_t id, int status, const char *reason);

/**
 * @brief draft -> open (publishes the call).
 * @param net the network.
 * @param id the opportunity.
 * @return as km_opportunity_transition().
 */
KM_EXTERN int km_opportunity_open(km_network *net, uint64_t id);

/**
 * @brief open -> closed, before or after the closing date.
 * @param net the network.
 * @param id the opportunity.
 * @param reason optional note (e.g. why it closes early), or NULL.
 * @return as km_opportunity_transition().
 */
KM_EXTERN int km_opportunity_close(km_network *net, uint64_t id, const char *reason);

/**
 * @brief closed -> awarded.
 * @param net the network.
 * @param id the opportunity.
 * @param reason optional note, or NULL.
 * @return as km_opportunity_transition().
 */
KM_EXTERN int km_opportunity_award(km_network *net, uint64_t id, const char *reason);

/**
 * @brief draft | open | closed -> cancelled.
 * @param net the network.
 * @param id the opportunity.
 * @param reason why (required).
 * @return as km_opportunity_transition().
 */
KM_EXTERN int km_opportunity_cancel(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Records the close of every open opportunity whose closing date is
 *        before @p as_of_date, all in one log entry (or in the open
 *        transaction). The date is given, not read from a clock.
 * @param[out] out_count receives the number of opportunities closed (may be NULL).
 * @param net the network.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0 (also when nothing is due); #KM_EINVAL; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM (nothing
 *         changed).
 */
KM_EXTERN int km_opportunity_close_due(uint64_t *out_count, km_network *net, const char *as_of_date);

/**
 * @brief Reads the current version of an opportunity.
 * @param[out] out receives a handle; free with km_opportunity_free().
 * @param net the network.
 * @param id the opportunity.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND.
 */
KM_EXTERN int km_opportunity_get(km_opportunity **out, km_network *net, uint64_t id);

/**
 * @brief The opportunity whose selection created an agreement: the first
 *        link of the chain from call to agreement, read backwards.
 * @param[out] out_id receives the opportunity id.
 * @param net the network.
 * @param agreement_id the agreement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (no opportunity led to that agreement).
 */
KM_EXTERN int km_opportunity_of_agreement(uint64_t *out_id, km_network *net, uint64_t agreement_id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param o the handle (may be NULL).
 */
KM_EXTERN void km_opportunity_free(km_opportunity *o);

/**
 * @brief Opportunity id.
 * @param o the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_opportunity_id(const km_opportunity *o);
/**
 * @brief Publishing partner.
 * @param o the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_opportunity_publisher(const km_opportunity *o);
/**
 * @brief Title.
 * @param o the handle (may be NULL).
 * @return the title (lives as long as @p o); NULL for NULL.
 */
KM_EXTERN const char *km_opportunity_title(const km_opportunity *o);
/**
 * @brief Description.
 * @param o the handle (may be NULL).
 * @return the description, or NULL when unset.
 */
KM_EXTERN const char *km_opportunity_description(const km_opportunity *o);
/**
 * @brief Type of the agreement the opportunity leads to.
 * @param o the handle (may be NULL).
 * @return a ::km_agreement_type; -1 for NULL.
 */
KM_EXTERN int km_opportunity_agreement_type(const km_opportunity *o);
/**
 * @brief Framework the agreement would fall under.
 * @param o the handle (may be NULL).
 * @return the framework id, or 0.
 */
KM_EXTERN uint64_t km_opportunity_framework_id(const km_opportunity *o);
/**
 * @brief Number of sector tags.
 * @param o the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_opportunity_sector_count(const km_opportunity *o);
/**
 * @brief The @p i-th sector tag.
 * @param o the handle (may be NULL).
 * @param i zero-based index.
 * @return the tag, or NULL when out of range.
 */
KM_EXTERN const char *km_opportunity_sector(const km_opportunity *o, size_t i);
/**
 * @brief Kode wilayah of the opportunity.
 * @param o the handle (may be NULL).
 * @return the region, or NULL when unset.
 */
KM_EXTERN const char *km_opportunity_region(const km_opportunity *o);
/**
 * @brief Number of capabilities sought.
 * @param o the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_opportunity_capability_count(const km_opportunity *o);
/**
 * @brief The @p i-th capability sought.
 * @param o the handle (may be NULL).
 * @param i zero-based index.
 * @return the tag, or NULL when out of range.
 */
KM_EXTERN const char *km_opportunity_capability(const km_opportunity *o, size_t i);
/**
 * @brief Grant ceiling in minor units.
 * @param o the handle (may be NULL).
 * @return the ceiling; 0 when no grant is offered.
 */
KM_EXTERN int64_t km_opportunity_grant_ceiling(const km_opportunity *o);
/**
 * @brief Currency of the grant ceiling.
 * @param o the handle (may be NULL).
 * @return the ISO 4217 code, or NULL when no grant is offered.
 */
KM_EXTERN const char *km_opportunity_currency(const km_opportunity *o);
/**
 * @brief Technical assistance offered.
 * @param o the handle (may be NULL).
 * @return the text, or NULL when unset.
 */
KM_EXTERN const char *km_opportunity_assistance(const km_opportunity *o);
/**
 * @brief Quantity of technical assistance offered.
 * @param o the handle (may be NULL).
 * @return the quantity in km_opportunity_assistance_unit(); 0 when none.
 */
KM_EXTERN int64_t km_opportunity_assistance_quantity(const km_opportunity *o);
/**
 * @brief Unit of the assistance quantity.
 * @param o the handle (may be NULL).
 * @return the unit, or NULL when there is no quantity.
 */
KM_EXTERN const char *km_opportunity_assistance_unit(const km_opportunity *o);
/**
 * @brief Eligible partner kinds.
 * @param o the handle (may be NULL).
 * @return a `KM_PARTNER_KIND_BIT()` mask; 0 means any kind.
 */
KM_EXTERN uint32_t km_opportunity_eligible_kinds(const km_opportunity *o);
/**
 * @brief Region prefix applicants must lie within.
 * @param o the handle (may be NULL).
 * @return the kode wilayah prefix, or NULL when any region may apply.
 */
KM_EXTERN const char *km_opportunity_eligible_region(const km_opportunity *o);
/**
 * @brief Completed agreements an applicant must be a party of.
 * @param o the handle (may be NULL).
 * @return the minimum; 0 when there is no track-record rule.
 */
KM_EXTERN uint32_t km_opportunity_min_completed(const km_opportunity *o);
/**
 * @brief Whether applicants must not be respondents in an open dispute.
 * @param o the handle (may be NULL).
 * @return 1 when the rule applies, 0 otherwise (and for NULL).
 */
KM_EXTERN int km_opportunity_no_open_disputes(const km_opportunity *o);
/**
 * @brief Number of expressions that may be selected.
 * @param o the handle (may be NULL).
 * @return the number; 0 for NULL.
 */
KM_EXTERN uint32_t km_opportunity_partners_sought(const km_opportunity *o);
/**
 * @brief First day interest is accepted.
 * @param o the handle (may be NULL).
 * @return `YYYY-MM-DD` (lives as long as @p o); NULL for NULL.
 */
KM_EXTERN const char *km_opportunity_opening_date(const km_opportunity *o);
/**
 * @brief Last day interest is accepted.
 * @param o the handle (may be NULL).
 * @return `YYYY-MM-DD` (lives as long as @p o); NULL for NULL.
 */
KM_EXTERN const char *km_opportunity_closing_date(const km_opportunity *o);
/**
 * @brief Roles of each selected partner in the resulting agreement.
 * @param o the handle (may be NULL).
 * @return a `KM_ROLE_*` mask; 0 for NULL.
 */
KM_EXTERN uint32_t km_opportunity_partner_roles(const km_opportunity *o);
/**
 * @brief Roles of the publisher in the resulting agreement.
 * @param o the handle (may be NULL).
 * @return a `KM_ROLE_*` mask; 0 for NULL.
 */
KM_EXTERN uint32_t km_opportunity_publisher_roles(const km_opportunity *o);
/**
 * @brief How selections become agreements.
 * @param o the handle (may be NULL).
 * @return a ::km_award_mode; -1 for NULL.
 */
KM_EXTERN int km_opportunity_award_mode(const km_opportunity *o);
/**
 * @brief Recorded lifecycle state (see km_opportunity_status_on() for the
 *        state on a date, which accounts for the closing date).
 * @param o the handle (may be NULL).
 * @return a ::km_opportunity_status; -1 for NULL.
 */
KM_EXTERN int km_opportunity_status_of(const km_opportunity *o);
/**
 * @brief State on a date: the recorded state, except that an open
 *        opportunity whose closing date is before @p date is closed.
 * @param o the handle (may be NULL).
 * @param date `YYYY-MM-DD`.
 * @return a ::km_opportunity_status; -1 for NULL or an invalid date.
 */
KM_EXTERN int km_opportunity_status_on(const km_opportunity *o, const char *date);
/**
 * @brief Whether the opportunity accepts interest on a date: recorded open,
 *        and the date within the opening and closing dates.
 * @param o the handle (may be NULL).
 * @param date `YYYY-MM-DD`.
 * @return 1 yes, 0 no, -1 for NULL or an invalid date.
 */
KM_EXTERN int km_opportunity_accepting_on(const km_opportunity *o, const char *date);
/**
 * @brief Reason given with the last transition.
 * @param o the handle (may be NULL).
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_opportunity_status_reason(const km_opportunity *o);
/**
 * @brief The date given to km_opportunity_close_due() when that recorded the close.
 *
 * It stays after the opportunity is awarded or cancelled.
 * @param o the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when the opportunity was not closed by date.
 */
KM_EXTERN const char *km_opportunity_closed_as_of(const km_opportunity *o);
/**
 * @brief Number of expressions selected so far.
 * @param o the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN uint32_t km_opportunity_selected_count(const km_opportunity *o);
/**
 * @brief Number of agreements created by selections (1 at most with
 *        #KM_AWARD_JOINT).
 * @param o the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_opportunity_agreement_count(const km_opportunity *o);
/**
 * @brief The @p i-th agreement created by a selection, in creation order.
 * @param o the handle (may be NULL).
 * @param i zero-based index.
 * @return the agreement id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_opportunity_agreement(const km_opportunity *o, size_t i);
/**
 * @brief Creation time, microseconds since the epoch.
 * @param o the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_opportunity_created(const km_opportunity *o);
/**
 * @brief Time of the last change, microseconds since the epoch.
 * @param o the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_opportunity_updated(const km_opportunity *o);
/**
 * @brief Version: 1 at creation, +1 per change (including selections).
 * @param o the handle (may be NULL).
 * @return the version; 0 for NULL.
 */
KM_EXTERN uint32_t km_opportunity_version(const km_opportunity *o);

/** @brief Current version of ::km_opportunity_query. */
#define KM_OPPORTUNITY_QUERY_VERSION 1

/**
 * @brief Filters for km_opportunity_list(). Every set filter must match (AND).
 *
 * Results come in ascending id order, cut into pages by an opaque cursor.
 * Publisher, status, type, framework, sector, capability and region prefix
 * are indexed (compressed id sets, intersected); the date filters are
 * checked on the candidates the others leave. Time travel: open the network
 * with `as_of_seq` or `as_of_time` (km_network_open()) to list as of then.
 */
typedef struct km_opportunity_query {
    unsigned int version;        /**< #KM_OPPORTUNITY_QUERY_VERSION. */
    uint64_t publisher_id;       /**< Publisher, or 0. */
    int status;                  /**< A ::km_opportunity_status, or -1. */
    const char *status_as_of;    /**< `YYYY-MM-DD`: match @ref status against the state on that date (km_opportunity_status_on()); NULL: the recorded state. */
    int agreement_type;          /**< A ::km_agreement_type, or -1. */
    uint64_t framework_id;       /**< Framework id, or 0. */
    const char *sector;          /**< Sector tag, or NULL. */
    const char *capability;      /**< Capability sought, or NULL. */
    const char *region_prefix;   /**< Kode wilayah prefix by whole segments, or NULL. */
    const char *open_on;         /**< `YYYY-MM-DD`: accepting interest on that date (km_opportunity_accepting_on()), or NULL. */
    const char *cursor;          /**< From km_opportunity_page_cursor(), or NULL to start. */
    uint32_t limit;              /**< Page size 1..1000; 0 means 50. */
} km_opportunity_query;

/** @brief Static initializer for ::km_opportunity_query (no filter). */
#define KM_OPPORTUNITY_QUERY_INIT { KM_OPPORTUNITY_QUERY_VERSION, 0, -1, NULL, -1, 0, NULL, NULL, NULL, NULL, NULL, 0 }

/** @brief One page of opportunities. */
typedef struct km_opportunity_page km_opportunity_page;

/**
 * @brief Lists opportunities matching @p query.
 * @param[out] out receives the page; free with km_opportunity_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_list(km_opportunity_page **out, km_network *net, const km_opportunity_query *query);

/**
 * @brief Counts every opportunity matching @p query (cursor and limit ignored).
 * @param[out] out receives the count.
 * @param net the network.
 * @param query filters; NULL counts everything.
 * @return 0; #KM_EINVAL; #KM_EVERSION.
 */
KM_EXTERN int km_opportunity_count(uint64_t *out, km_network *net, const km_opportunity_query *query);

/**
 * @brief Number of opportunities on the page.
 * @param page the page (may be NULL).
 * @return the count; 0 for NULL.
 */
KM_EXTERN size_t km_opportunity_page_count(const km_opportunity_page *page);
/**
 * @brief The @p i-th opportunity of the page, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_opportunity *km_opportunity_page_get(const km_opportunity_page *page, size_t i);
/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL when this was the last page.
 */
KM_EXTERN const char *km_opportunity_page_cursor(const km_opportunity_page *page);
/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_opportunity_page_free(km_opportunity_page *page);

/** @brief A list of failed eligibility rules (immutable). */
typedef struct km_eligibility km_eligibility;

/**
 * @brief Checks every eligibility rule of an opportunity for a partner and
 *        its co-applicants, without submitting anything. An empty list
 *        means everyone is eligible.
 * @param[out] out receives the list; free with km_eligibility_free().
 * @param net the network.
 * @param opportunity_id the opportunity.
 * @param partner_id the partner that would submit.
 * @param co_applicants co-applicant partner ids (may be NULL when @p co_count is 0).
 * @param co_count number of co-applicants (at most #KM_INTEREST_CO_APPLICANTS_MAX).
 * @return 0; #KM_EINVAL (NULL argument, a partner listed twice, too many
 *         co-applicants); #KM_ENOTFOUND (opportunity or a partner); #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_check_eligibility(km_eligibility **out, km_network *net, uint64_t opportunity_id,
                                               uint64_t partner_id, const uint64_t *co_applicants, size_t co_count);
/**
 * @brief Number of failed rules (one per rule and partner).
 * @param e the list (may be NULL).
 * @return the count; 0 means eligible.
 */
KM_EXTERN size_t km_eligibility_count(const km_eligibility *e);
/**
 * @brief The rule of the @p i-th failure.
 * @param e the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_eligibility_rule, or -1 when out of range.
 */
KM_EXTERN int km_eligibility_rule_of(const km_eligibility *e, size_t i);
/**
 * @brief The partner failing the @p i-th rule (the applicant or a co-applicant).
 * @param e the list (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_eligibility_partner(const km_eligibility *e, size_t i);
/**
 * @brief Why the @p i-th rule failed, e.g. `partner 2: kind "Private
 *        business" is not eligible`.
 * @param e the list (may be NULL).
 * @param i zero-based index.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a string that lives as long as the list, or NULL when out of range.
 */
KM_EXTERN const char *km_eligibility_message(const km_eligibility *e, size_t i, int lang);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param e the list (may be NULL).
 */
KM_EXTERN void km_eligibility_free(km_eligibility *e);

/** @brief Current version of ::km_interest_fields. */
#define KM_INTEREST_FIELDS_VERSION 1

/**
 * @brief Input for km_interest_submit(). Strings are borrowed for the call.
 *
 * - `statement`: required, 1..#KM_OPPORTUNITY_TEXT_MAX bytes, may span lines;
 * - `capabilities` (brought): tags as for partners;
 * - contribution: `contribution_amount` (> 0) with its ISO 4217
 *   `contribution_currency`, or a NULL currency and 0; and/or
 *   `contribution_quantity` (> 0) with its `contribution_unit`
 *   (1..#KM_OPPORTUNITY_UNIT_MAX bytes), or 0 and NULL;
 * - `co_applicants`: at most #KM_INTEREST_CO_APPLICANTS_MAX existing
 *   partners, each listed once and different from `partner_id`.
 */
typedef struct km_interest_fields {
    unsigned int version;              /**< #KM_INTEREST_FIELDS_VERSION. */
    uint64_t opportunity_id;           /**< The opportunity answered. */
    uint64_t partner_id;               /**< The submitting (lead) partner. */
    const char *statement;             /**< Statement of interest (pernyataan minat). */
    const char *const *capabilities;   /**< Capabilities brought (tags). */
    size_t capabilities_count;         /**< Number of capabilities. */
    int64_t contribution_amount;       /**< Money proposed, in minor units of @ref contribution_currency. */
    const char *contribution_currency; /**< ISO 4217 code, or NULL for no money. */
    int64_t contribution_quantity;     /**< Quantity proposed (e.g. 20 hectares), or 0. */
    const char *contribution_unit;     /**< Unit of @ref contribution_quantity, or NULL. */
    const uint64_t *co_applicants;     /**< Co-applicant partner ids (a consortium). */
    size_t co_applicants_count;        /**< Number of co-applicants. */
} km_interest_fields;

/** @brief Static initializer for ::km_interest_fields. */
#define KM_INTEREST_FIELDS_INIT { KM_INTEREST_FIELDS_VERSION, 0, 0, NULL, NULL, 0, 0, NULL, 0, NULL, NULL, 0 }

/** @brief Immutable snapshot of one version of an expression of interest. */
typedef struct km_interest km_interest;

/**
 * @brief Submits an expression of interest in an opportunity that accepts
 *        interest on the day of the change.
 * @param[out] out_id receives the new expression's id (may be NULL).
 * @param net the network.
 * @param fields the expression (see ::km_interest_fields).
 * @return 0; #KM_EINVAL naming the field, or `interest.eligibility` listing
 *         every failed eligibility rule; #KM_ENOTFOUND (opportunity or a
 *         partner); #KM_ESTATE (not open, before the opening date, after the
 *         closing date); #KM_EEXISTS (the partner or a co-applicant already
 *         belongs to an active expression for this opportunity);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE;
 *         #KM_ENOMEM. On error nothing changes.
 */
KM_EXTERN int km_interest_submit(uint64_t *out_id, km_network *net, const km_interest_fields *fields);

/**
 * @brief A co-applicant confirms that it joins the consortium.
 * @param net the network.
 * @param id the expression.
 * @param partner_id the consenting co-applicant (the actor must be its
 *        external id or start with `admin:`).
 * @return 0; #KM_ENOTFOUND (expression; partner not a co-applicant);
 *         #KM_ESTATE (already consented; expression selected, rejected or
 *         withdrawn); #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_interest_consent(km_network *net, uint64_t id, uint64_t partner_id);

/**
 * @brief Moves an expression of interest to another state (the general form
 *        of km_interest_withdraw(), km_interest_shortlist() and
 *        km_interest_reject()).
 *
 * `submitted -> shortlisted | selected | rejected | withdrawn`,
 * `shortlisted -> selected | rejected | withdrawn`; selected, rejected and
 * withdrawn are final. #KM_INTEREST_SELECTED is reached only through
 * km_interest_select(), which drafts the agreement.
 * @param net the network.
 * @param id the expression.
 * @param status the target ::km_interest_status.
 * @param reason why (required to reject; at most
 *        #KM_OPPORTUNITY_REASON_MAX bytes), or NULL.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (unknown status, missing reason);
 *         #KM_ESTATE (illegal transition; the opportunity no longer accepts
 *         interest, for a withdrawal; is not open or closed, for a review);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_interest_transition(km_network *net, uint64_t id, int status, const char *reason);

/**
 * @brief The partner withdraws its expression (submitted or shortlisted),
 *        while the opportunity still accepts interest.
 * @param net the network.
 * @param id the expression.
 * @param reason optional, or NULL.
 * @return as km_interest_transition().
 */
KM_EXTERN int km_interest_withdraw(km_network *net, uint64_t id, const char *reason);

/**
 * @brief The publisher puts a submitted expression on the shortlist (the
 *        opportunity open or closed).
 * @param net the network.
 * @param id the expression.
 * @param reason optional note, or NULL.
 * @return as km_interest_transition().
 */
KM_EXTERN int km_interest_shortlist(km_network *net, uint64_t id, const char *reason);

/**
 * @brief The publisher rejects a submitted or shortlisted expression (the
 *        opportunity open or closed).
 * @param net the network.
 * @param id the expression.
 * @param reason why (required).
 * @return as km_interest_transition().
 */
KM_EXTERN int km_interest_reject(km_network *net, uint64_t id, const char *reason);

/** @brief Current version of ::km_selection_options. */
#define KM_SELECTION_OPTIONS_VERSION 1

/**
 * @brief Options for km_interest_select(): how the draft agreement is made.
 *        Ignored when a joint agreement already exists.
 */
typedef struct km_selection_options {
    unsigned int version;    /**< #KM_SELECTION_OPTIONS_VERSION. */
    const char *reference;   /**< Reference of the new agreement; NULL = `OPP-<opportunity id>/EOI-<expression id>`. */
    const char *title;       /**< Title; NULL = the opportunity's title. */
    const char *start_date;  /**< Start date `YYYY-MM-DD`, or NULL. */
    const char *end_date;    /**< End date `YYYY-MM-DD`, or NULL. */
} km_selection_options;

/** @brief Static initializer for ::km_selection_options. */
#define KM_SELECTION_OPTIONS_INIT { KM_SELECTION_OPTIONS_VERSION, NULL, NULL, NULL, NULL }

/**
 * @brief The publisher selects a submitted or shortlisted expression of a
 *        closed opportunity: creates (or, with #KM_AWARD_JOINT, extends) a
 *        draft agreement through the agreement API and links it, all in one
 *        log entry.
 *
 * The agreement has the opportunity's title (unless given), type,
 * framework, sectors, region and description (as purpose), and as parties
 * the publisher (publisher roles), then the partner and its co-applicants
 * (partner roles). Inside an open transaction the changes join it;
 * otherwise they are committed together. On any failure neither the
 * agreement nor the expression changes.
 * @param[out] out_agreement_id receives the agreement id (may be NULL).
 * @param net the network.
 * @param id the expression.
 * @param options NULL for defaults.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (an option; a selected partner no
 *         longer eligible, field `interest.eligibility`); #KM_ESTATE (the
 *         opportunity is not closed; the expression is not submitted or
 *         shortlisted; a co-applicant has not consented; as many
 *         expressions as sought are already selected; the joint agreement
 *         is past proposal); #KM_EEXISTS (agreement reference taken);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_interest_select(uint64_t *out_agreement_id, km_network *net, uint64_t id,
                                 const km_selection_options *options);

/**
 * @brief Reads the current version of an expression of interest.
 * @param[out] out receives a handle; free with km_interest_free().
 * @param net the network.
 * @param id the expression.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND.
 */
KM_EXTERN int km_interest_get(km_interest **out, km_network *net, uint64_t id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param e the handle (may be NULL).
 */
KM_EXTERN void km_interest_free(km_interest *e);

/**
 * @brief Expression id.
 * @param e the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_interest_id(const km_interest *e);
/**
 * @brief The opportunity answered.
 * @param e the handle (may be NULL).
 * @return the opportunity id; 0 for NULL.
 */
KM_EXTERN uint64_t km_interest_opportunity(const km_interest *e);
/**
 * @brief The submitting partner.
 * @param e the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_interest_partner(const km_interest *e);
/**
 * @brief State.
 * @param e the handle (may be NULL).
 * @return a ::km_interest_status; -1 for NULL.
 */
KM_EXTERN int km_interest_status_of(const km_interest *e);
/**
 * @brief Reason given with the last transition (rejection, withdrawal...).
 * @param e the handle (may be NULL).
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_interest_status_reason(const km_interest *e);
/**
 * @brief Statement of interest.
 * @param e the handle (may be NULL).
 * @return the statement (lives as long as @p e); NULL for NULL.
 */
KM_EXTERN const char *km_interest_statement(const km_interest *e);
/**
 * @brief Number of capabilities brought.
 * @param e the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_interest_capability_count(const km_interest *e);
/**
 * @brief The @p i-th capability brought.
 * @param e the handle (may be NULL).
 * @param i zero-based index.
 * @return the tag, or NULL when out of range.
 */
KM_EXTERN const char *km_interest_capability(const km_interest *e, size_t i);
/**
 * @brief Money proposed, in minor units.
 * @param e the handle (may be NULL).
 * @return the amount; 0 when none.
 */
KM_EXTERN int64_t km_interest_contribution_amount(const km_interest *e);
/**
 * @brief Currency of the money proposed.
 * @param e the handle (may be NULL).
 * @return the ISO 4217 code, or NULL when no money is proposed.
 */
KM_EXTERN const char *km_interest_contribution_currency(const km_interest *e);
/**
 * @brief Quantity proposed.
 * @param e the handle (may be NULL).
 * @return the quantity; 0 when none.
 */
KM_EXTERN int64_t km_interest_contribution_quantity(const km_interest *e);
/**
 * @brief Unit of the quantity proposed.
 * @param e the handle (may be NULL).
 * @return the unit, or NULL when no quantity is proposed.
 */
KM_EXTERN const char *km_interest_contribution_unit(const km_interest *e);
/**
 * @brief Number of co-applicants.
 * @param e the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_interest_co_applicant_count(const km_interest *e);
/**
 * @brief The @p i-th co-applicant, in the order named.
 * @param e the handle (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_interest_co_applicant(const km_interest *e, size_t i);
/**
 * @brief When the @p i-th co-applicant consented.
 * @param e the handle (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when it has not consented (or
 *         out of range).
 */
KM_EXTERN int64_t km_interest_co_applicant_consented(const km_interest *e, size_t i);
/**
 * @brief Agreement created (or extended) when the expression was selected.
 * @param e the handle (may be NULL).
 * @return the agreement id, or 0 when not selected.
 */
KM_EXTERN uint64_t km_interest_agreement(const km_interest *e);
/**
 * @brief Submission time, microseconds since the epoch.
 * @param e the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_interest_created(const km_interest *e);
/**
 * @brief Time of the last change, microseconds since the epoch.
 * @param e the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_interest_updated(const km_interest *e);
/**
 * @brief Version: 1 at submission, +1 per change.
 * @param e the handle (may be NULL).
 * @return the version; 0 for NULL.
 */
KM_EXTERN uint32_t km_interest_version(const km_interest *e);

/** @brief Current version of ::km_interest_query. */
#define KM_INTEREST_QUERY_VERSION 1

/**
 * @brief Filters for km_interest_list(). Every set filter must match (AND);
 *        all are indexed. Results come in ascending id order.
 */
typedef struct km_interest_query {
    unsigned int version;     /**< #KM_INTEREST_QUERY_VERSION. */
    uint64_t opportunity_id;  /**< Opportunity, or 0. */
    uint64_t partner_id;      /**< Submitting partner, or 0. */
    uint64_t member_id;       /**< Partner that submitted or is a co-applicant, or 0. */
    int status;               /**< A ::km_interest_status, or -1. */
    uint64_t agreement_id;    /**< Agreement the selection created or extended, or 0. */
    const char *cursor;       /**< From km_interest_page_cursor(), or NULL to start. */
    uint32_t limit;           /**< Page size 1..1000; 0 means 50. */
} km_interest_query;

/** @brief Static initializer for ::km_interest_query (no filter). */
#define KM_INTEREST_QUERY_INIT { KM_INTEREST_QUERY_VERSION, 0, 0, 0, -1, 0, NULL, 0 }

/** @brief One page of expressions of interest. */
typedef struct km_interest_page km_interest_page;

/**
 * @brief Lists expressions of interest matching @p query.
 * @param[out] out receives the page; free with km_interest_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_interest_list(km_interest_page **out, km_network *net, const km_interest_query *query);

/**
 * @brief Counts every expression matching @p query (cursor and limit ignored).
 * @param[out] out receives the count.
 * @param net the network.
 * @param query filters; NULL counts everything.
 * @return 0; #KM_EINVAL; #KM_EVERSION.
 */
KM_EXTERN int km_interest_count(uint64_t *out, km_network *net, const km_interest_query *query);

/**
 * @brief Number of expressions on the page.
 * @param page the page (may be NULL).
 * @return the count; 0 for NULL.
 */
KM_EXTERN size_t km_interest_page_count(const km_interest_page *page);
/**
 * @brief The @p i-th expression of the page, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_interest *km_interest_page_get(const km_interest_page *page, size_t i);
/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL when this was the last page.
 */
KM_EXTERN const char *km_interest_page_cursor(const km_interest_page *page);
/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_interest_page_free(km_interest_page *page);

/** @brief Current version of ::km_discovery_options. */
#define KM_DISCOVERY_OPTIONS_VERSION 1

/**
 * @brief Weights and limits of km_opportunity_discover() (the publisher's
 *        side, km_opportunity_suggest_partners(), takes the matchmaking
 *        options ::km_match_options instead).
 *
 * The score of a pair (opportunity, partner) is the weighted mean
 * `(wc * C + ws * S + wr * R) / (wc + ws + wr)` of three components in
 * [0, 1]: C the share of the capabilities sought that the partner offers,
 * S the share of the opportunity's sectors that are also the partner's, R
 * the share of the opportunity's kode wilayah segments the partner's
 * region has in common with it (from the left). A component is 0 when the
 * opportunity names nothing for it. Weights must be finite and >= 0 with a
 * positive sum; defaults 0.5, 0.3 and 0.2.
 */
typedef struct km_discovery_options {
    unsigned int version;      /**< #KM_DISCOVERY_OPTIONS_VERSION. */
    double capability_weight;  /**< wc, default 0.5. */
    double sector_weight;      /**< ws, default 0.3. */
    double region_weight;      /**< wr, default 0.2. */
    const char *as_of_date;    /**< `YYYY-MM-DD` the opportunities must accept interest on; NULL = today in WIB by the network's clock (for a view of the past: the day of its last entry). */
    uint32_t limit;            /**< Most results, 1..1000; 0 means 50. */
} km_discovery_options;

/** @brief Static initializer for ::km_discovery_options (the default weights). */
#define KM_DISCOVERY_OPTIONS_INIT { KM_DISCOVERY_OPTIONS_VERSION, 0.5, 0.3, 0.2, NULL, 0 }

/** @brief A ranked list of (opportunity, partner) pairs with their scores (immutable). */
typedef struct km_discovery km_discovery;

/**
 * @brief The opportunities a partner could answer now: accepting interest
 *        on the date, every eligibility rule passed, and the partner not
 *        already in an active expression for them; ranked by decreasing
 *        score, ties by ascending opportunity id.
 * @param[out] out receives the list; free with km_discovery_free().
 * @param net the network.
 * @param partner_id the partner.
 * @param options NULL for defaults.
 * @return 0; #KM_EINVAL (bad option); #KM_EVERSION; #KM_ENOTFOUND (partner);
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_discover(km_discovery **out, km_network *net, uint64_t partner_id,
                                      const km_discovery_options *options);

/**
 * @brief For the publisher: partners eligible for an opportunity that have
 *        not expressed interest in it (as lead or co-applicant, in any
 *        state), ranked by the matchmaking of the network
 *        (km_match_for_need()).
 *
 * The need is the opportunity's capabilities sought (tags), sectors and
 * region; its origin is the publisher (left out of the candidates; network
 * proximity counts from it). The matchmaking ranks every candidate (best
 * first, ties by ascending partner id; see docs/matchmaking.md for the
 * score), then partners failing an eligibility rule or already in an
 * expression for the opportunity are left out and the list is cut to
 * `options->limit` (0 = all). Every component of the match score is
 * available through km_discovery_component().
 * @param[out] out receives the list; free with km_discovery_free().
 * @param net the network.
 * @param opportunity_id the opportunity (any state; a draft lets the
 *        publisher look before publishing).
 * @param options matchmaking weights and filters; NULL for
 *        #KM_MATCH_OPTIONS_INIT with `exclude_existing` = 0 (partners that
 *        already work with the publisher are suggested too).
 * @return 0; #KM_EINVAL (bad option, naming it); #KM_EVERSION;
 *         #KM_ENOTFOUND (opportunity); #KM_ENOMEM.
 */
KM_EXTERN int km_opportunity_suggest_partners(km_discovery **out, km_network *net, uint64_t opportunity_id,
                                              const km_match_options *options);

/**
 * @brief Number of results.
 * @param d the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_discovery_count(const km_discovery *d);
/**
 * @brief One component of the @p i-th result's score, before weighting.
 *        km_opportunity_discover() fills capability, sector and region
 *        (the others are 0); km_opportunity_suggest_partners() fills every
 *        matchmaking component.
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @param component a ::km_match_component.
 * @return the component in [0, 1], or 0 when out of range or unknown.
 */
KM_EXTERN double km_discovery_component(const km_discovery *d, size_t i, int component);
/**
 * @brief Opportunity of the @p i-th result.
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return the opportunity id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_discovery_opportunity(const km_discovery *d, size_t i);
/**
 * @brief Partner of the @p i-th result.
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_discovery_partner(const km_discovery *d, size_t i);
/**
 * @brief Total score of the @p i-th result.
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return for km_opportunity_discover() the weighted mean of the
 *         components, in [0, 1]; for km_opportunity_suggest_partners() the
 *         matchmaking score (km_matches_score()); 0 when out of range.
 */
KM_EXTERN double km_discovery_score(const km_discovery *d, size_t i);
/**
 * @brief Capability component C of the @p i-th result (shorthand for
 *        km_discovery_component() with #KM_MATCH_CAPABILITY).
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return C in [0, 1]; 0 when out of range.
 */
KM_EXTERN double km_discovery_capability_score(const km_discovery *d, size_t i);
/**
 * @brief Sector component S of the @p i-th result (#KM_MATCH_SECTOR).
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return S in [0, 1]; 0 when out of range.
 */
KM_EXTERN double km_discovery_sector_score(const km_discovery *d, size_t i);
/**
 * @brief Region component R of the @p i-th result (#KM_MATCH_REGION).
 * @param d the list (may be NULL).
 * @param i zero-based index.
 * @return R in [0, 1]; 0 when out of range.
 */
KM_EXTERN double km_discovery_region_score(const km_discovery *d, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param d the list (may be NULL).
 */
KM_EXTERN void km_discovery_free(km_discovery *d);

/**
 * @brief Label of an opportunity state.
 * @param status a ::km_opportunity_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_opportunity_status_label(int status, int lang);
/**
 * @brief Label of an award mode.
 * @param mode a ::km_award_mode.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_award_mode_label(int mode, int lang);
/**
 * @brief Label of an expression of interest state.
 * @param status a ::km_interest_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_interest_status_label(int status, int lang);
/**
 * @brief Label of an eligibility rule.
 * @param rule a ::km_eligibility_rule.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_eligibility_rule_label(int rule, int lang);
/**
 * @brief Stable code of an eligibility rule (`active`, `not_publisher`,
 *        `kind`, `region`, `track_record`, `no_open_disputes`), as used in
 *        error messages.
 * @param rule a ::km_eligibility_rule.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_eligibility_rule_code(int rule);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_OPPORTUNITY_H */
