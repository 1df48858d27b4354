/**
 * @file commitment.h
 * @brief Resource commitments (the government and every other partner as
 *        resource provider), their tranche schedule, the append-only ledger
 *        of money and effort, loans with their repayment schedule, and the
 *        totals and reports a monitoring officer asks for.
 *
 * A commitment is what one party of an agreement brings to another: a grant
 * (hibah), a loan (pinjaman), technical assistance, administrative support,
 * an in-kind contribution, equity, a guarantee, viability gap funding
 * (dukungan kelayakan) or a tax incentive. Commitments get sequential ids
 * (1, 2, 3, ...). A commitment handle (::km_commitment) is an immutable copy
 * of the commitment as it was when read, including its current ledger
 * figures; every string it returns lives as long as the handle.
 *
 * **Measure.** A commitment is measured either in money (an amount in minor
 * units of an ISO 4217 currency, see money.h) or in a quantity of a unit
 * named by a label (`expert-days`, `jam`, `unit komputer`), counted in whole
 * units, with an optional money valuation of the whole quantity. Every
 * ledger entry and tranche of a commitment is in its measure; sums never mix
 * currencies or units.
 *
 * **Lifecycle.** `pledged -> committed -> disbursing -> fully disbursed ->
 * closed`, and `pledged | committed -> cancelled` (with a reason). The
 * explicit moves are km_commitment_commit() (pledged -> committed; it records
 * the commitment's amount as a commitment transaction), km_commitment_cancel()
 * and km_commitment_close(); closing before the commitment is fully disbursed
 * (the undisbursed balance lapses) or closing a loan whose principal is not
 * repaid needs a reason. The ledger drives the rest, and this is the only way
 * to reach those states:
 * - a commitment transaction recorded while pledged moves it to committed;
 * - while committed, disbursing or fully disbursed, after every ledger change
 *   the state is committed when nothing is disbursed, disbursing when
 *   0 < disbursed < committed, and fully disbursed when disbursed = committed
 *   (so a new commitment transaction reopens a fully disbursed commitment,
 *   and a reversed disbursement moves it back).
 *
 * Every step is kept in the commitment's history (km_commitment_history():
 * time, reason, and the ledger transaction that caused it), and every step is
 * an event of the log, so its actor is in the audit trail (km_audit_list()
 * with #KM_ENTITY_COMMITMENT). An illegal move fails with #KM_ESTATE naming
 * the current state and the states allowed from it.
 *
 * **Ledger.** Transactions are IATI 2.03 TransactionType entries
 * (km_ledger_type_iati()), each with its own network-wide sequential id.
 * Nothing is ever edited: a mistake is corrected by a reversing entry
 * (km_ledger_reverse()) that points to the entry it reverses and cancels it
 * from the original's value date on. The library enforces, at every value
 * date of the ledger (backdated entries included):
 * - amounts are positive (#KM_EINVAL, field `ledger.amount`);
 * - an entry is in the commitment's currency or unit (#KM_EINVAL, field
 *   `ledger.currency`);
 * - disbursed (disbursements + reimbursements) never exceeds committed
 *   (#KM_ESTATE, rule `ledger.disbursed_le_committed`);
 * - a loan's principal repaid never exceeds what was disbursed (#KM_ESTATE,
 *   rule `loan.repaid_le_disbursed`), and repayments plus interest payments
 *   never exceed what was disbursed plus the interest due by the schedule
 *   (#KM_ESTATE, rule `loan.payments_le_disbursed_plus_interest_due`);
 * - a disbursement naming a tranche stays within the tranche's amount
 *   (#KM_ESTATE, rule `tranche.amount`);
 * - an entry is reversed at most once and a reversal is never reversed
 *   (#KM_ESTATE, field `ledger.reverses`);
 * - every sum is checked: an overflow of the 64-bit count is #KM_ERANGE.
 *
 * **Loans** carry their terms (annual rate in basis points, term and grace
 * period in months, annuity or straight-line repayment, start date). The
 * library computes the repayment schedule with exact integer arithmetic:
 * each period's interest is the balance times rate / 12, rounded half up to
 * the minor unit; the annuity payment is the exact rational value
 * `P r q^m / (120000 (q^m - 120000^m))` with `q = 120000 + rate_bp`, rounded
 * half up; the last instalment absorbs every remainder. See
 * docs/commitments.md for worked examples.
 *
 * **Dates** are civil dates `YYYY-MM-DD` (0001..9999). "As of" a date
 * means: ledger entries whose value date is on or before it.
 */
#ifndef KEMITRAAN_COMMITMENT_H
#define KEMITRAAN_COMMITMENT_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Commitment kinds (values are stored in the log; never renumbered). */
typedef enum km_commitment_kind {
    KM_COMMITMENT_GRANT = 0,                  /**< Grant (hibah); IATI FinanceType 110. */
    KM_COMMITMENT_LOAN = 1,                   /**< Loan (pinjaman); FinanceType 421. Money only; needs loan terms. */
    KM_COMMITMENT_TECHNICAL_ASSISTANCE = 2,   /**< Technical assistance (bantuan teknis); FinanceType 110, aid type D02. */
    KM_COMMITMENT_ADMINISTRATIVE_SUPPORT = 3, /**< Administrative support (dukungan administratif); FinanceType 110. */
    KM_COMMITMENT_IN_KIND = 4,                /**< In-kind contribution (kontribusi natura); FinanceType 110. */
    KM_COMMITMENT_EQUITY = 5,                 /**< Equity (penyertaan modal); FinanceType 510. Money only. */
    KM_COMMITMENT_GUARANTEE = 6,              /**< Guarantee (penjaminan); FinanceType 1100. Money only. */
    KM_COMMITMENT_VIABILITY_GAP_FUNDING = 7,  /**< Viability gap funding (dukungan kelayakan); FinanceType 111. Money only. */
    KM_COMMITMENT_TAX_INCENTIVE = 8,          /**< Tax incentive (insentif pajak): revenue forgone, no IATI finance type. Money only. */
    KM_COMMITMENT_KIND__COUNT = 9             /**< Number of kinds (not a kind). */
} km_commitment_kind;

/** @brief Commitment lifecycle states. */
typedef enum km_commitment_status {
    KM_COMMITMENT_PLEDGED = 0,         /**< Promised, not yet binding (dijanjikan). */
    KM_COMMITMENT_COMMITTED = 1,       /**< Binding, nothing disbursed (dikomitmenkan). */
    KM_COMMITMENT_DISBURSING = 2,      /**< Partly disbursed (sedang dicairkan). */
    KM_COMMITMENT_FULLY_DISBURSED = 3, /**< Disbursed = committed (telah dicairkan penuh). */
    KM_COMMITMENT_CLOSED = 4,          /**< Closed; no more ledger entries (ditutup). */
    KM_COMMITMENT_CANCELLED = 5,       /**< Cancelled with a reason (dibatalkan). */
    KM_COMMITMENT_STATUS__COUNT = 6    /**< Number of states (not a state). */
} km_commitment_status;

/** @brief Bit of status @p s in a status mask. */
#define KM_COMMITMENT_STATUS_BIT(s) (1u << (s))

/** @brief Ledger transaction types; each is an IATI 2.03 TransactionType. */
typedef enum km_ledger_type {
    KM_LEDGER_PLEDGE = 0,           /**< Pledge (janji); IATI 12 outgoing pledge (13 incoming). */
    KM_LEDGER_COMMITMENT = 1,       /**< Commitment (komitmen); IATI 2 outgoing commitment (11 incoming). */
    KM_LEDGER_DISBURSEMENT = 2,     /**< Disbursement (pencairan); IATI 3 (1 incoming funds). */
    KM_LEDGER_EXPENDITURE = 3,      /**< Expenditure by the recipient (belanja); IATI 4. */
    KM_LEDGER_LOAN_REPAYMENT = 4,   /**< Loan principal repaid (pembayaran pokok); IATI 6. Loans only. */
    KM_LEDGER_INTEREST_PAYMENT = 5, /**< Loan interest paid (pembayaran bunga); IATI 5. Loans only. */
    KM_LEDGER_REIMBURSEMENT = 6,    /**< Reimbursement of funds already spent (penggantian); IATI 7. Counts as disbursed. */
    KM_LEDGER_TYPE__COUNT = 7       /**< Number of types (not a type). */
} km_ledger_type;

/** @brief Loan repayment methods. */
typedef enum km_loan_method {
    KM_LOAN_ANNUITY = 0,       /**< Equal payments (anuitas). */
    KM_LOAN_STRAIGHT_LINE = 1, /**< Equal principal parts, interest on the balance (pokok tetap). */
    KM_LOAN_METHOD__COUNT = 2  /**< Number of methods (not a method). */
} km_loan_method;

/** @brief Tranche states (whether a tranche is met is computed from the ledger). */
typedef enum km_tranche_status {
    KM_TRANCHE_PLANNED = 0,   /**< Planned (direncanakan). */
    KM_TRANCHE_CANCELLED = 1, /**< Cancelled with a reason (dibatalkan). */
    KM_TRANCHE_STATUS__COUNT = 2 /**< Number of states (not a state). */
} km_tranche_status;

/**
 * @brief Figures of a commitment or a total (km_commitment_figure(),
 *        km_totals_figure()). All are sums of ledger entries net of
 *        reversals, in the measure of the row.
 */
typedef enum km_figure {
    KM_FIGURE_PLEDGED = 0,     /**< Sum of pledges. */
    KM_FIGURE_COMMITTED = 1,   /**< Sum of commitment transactions. */
    KM_FIGURE_DISBURSED = 2,   /**< Disbursements plus reimbursements. */
    KM_FIGURE_REIMBURSED = 3,  /**< Reimbursements alone (part of disbursed). */
    KM_FIGURE_EXPENDITURE = 4, /**< Expenditure reported. */
    KM_FIGURE_REPAID = 5,      /**< Loan principal repaid. */
    KM_FIGURE_INTEREST = 6,    /**< Loan interest paid. */
    KM_FIGURE_REMAINING = 7,   /**< Committed minus disbursed (the undisbursed balance). */
    KM_FIGURE_OUTSTANDING = 8, /**< Loans: disbursed minus principal repaid; 0 for every other kind. */
    KM_FIGURE__COUNT = 9       /**< Number of figures (not a figure). */
} km_figure;

/** @brief How km_commitment_totals() groups its rows. */
typedef enum km_group {
    KM_GROUP_NONE = 0,       /**< One group (key 0): the whole selection. */
    KM_GROUP_COMMITMENT = 1, /**< Per commitment (key: commitment id). */
    KM_GROUP_AGREEMENT = 2,  /**< Per agreement (key: agreement id). */
    KM_GROUP_PROVIDER = 3,   /**< Per provider (key: partner id). */
    KM_GROUP_RECIPIENT = 4,  /**< Per recipient (key: partner id). */
    KM_GROUP_KIND = 5,       /**< Per kind (key: ::km_commitment_kind). */
    KM_GROUP_FRAMEWORK = 6,  /**< Per framework of the agreement (key: framework id, 0 = none). */
    KM_GROUP_STATUS = 7,     /**< Per current status (key: ::km_commitment_status). */
    KM_GROUP__COUNT = 8      /**< Number of groupings (not a grouping). */
} km_group;

/** @name Field limits (bytes of UTF-8 unless stated) */
/**@{*/
#define KM_COMMITMENT_TITLE_MAX 300     /**< Longest title. */
#define KM_COMMITMENT_UNIT_MAX 40       /**< Longest unit label. */
#define KM_COMMITMENT_REASON_MAX 2000   /**< Longest reason or ledger note. */
#define KM_COMMITMENT_TRANCHES_MAX 1000 /**< Most tranches per commitment. */
#define KM_LOAN_TERM_MAX 600            /**< Longest loan term in months (50 years). */
#define KM_LOAN_RATE_MAX 10000          /**< Highest annual interest rate in basis points (100%). */
/**@}*/

/** @brief Current version of ::km_commitment_fields. */
#define KM_COMMITMENT_FIELDS_VERSION 1

/**
 * @brief Input for km_commitment_create(). Strings are UTF-8 and borrowed
 *        for the call.
 *
 * Validation:
 * - `agreement_id`: an existing agreement that has not ended (not
 *   completed, terminated, expired or cancelled: #KM_ESTATE);
 * - `provider_id`, `recipient_id`: two different partners, both parties of
 *   the agreement as it is now (#KM_EINVAL naming the field otherwise);
 * - `kind`: a ::km_commitment_kind;
 * - `title`: required, 1..#KM_COMMITMENT_TITLE_MAX bytes, one line;
 * - measure: either money (`currency` an ISO 4217 code, `unit` NULL) or a
 *   quantity (`unit` a label of 1..#KM_COMMITMENT_UNIT_MAX bytes, one line,
 *   `currency` NULL); loans, equity, guarantees, viability gap funding and
 *   tax incentives are money only;
 * - `amount`: > 0, in minor units of `currency` or in whole units of `unit`;
 * - `valuation`, `valuation_currency`: a quantity's optional money value of
 *   the whole `amount` (> 0 and an ISO 4217 code, or 0 and NULL); refused
 *   for money commitments;
 * - loan terms (loans only, refused for every other kind):
 *   `loan_rate_bp` 0..#KM_LOAN_RATE_MAX, `loan_term_months`
 *   1..#KM_LOAN_TERM_MAX, `loan_grace_months` < term, `loan_method` a
 *   ::km_loan_method, `loan_start_date` required; the principal is
 *   `amount`. The whole schedule must fit in 64-bit sums (#KM_ERANGE).
 */
typedef struct km_commitment_fields {
    unsigned int version;           /**< #KM_COMMITMENT_FIELDS_VERSION. */
    uint64_t agreement_id;          /**< The agreement it belongs to. */
    uint64_t provider_id;           /**< Partner providing the resource (pemberi). */
    uint64_t recipient_id;          /**< Partner receiving it (penerima). */
    int kind;                       /**< A ::km_commitment_kind. */
    const char *title;              /**< Title (uraian). */
    int64_t amount;                 /**< Amount in minor units of @ref currency, or units of @ref unit. */
    const char *currency;           /**< ISO 4217 code for money, or NULL. */
    const char *unit;               /**< Unit label for a quantity, or NULL. */
    int64_t valuation;              /**< Quantity only: money value of the whole amount, or 0. */
    const char *valuation_currency; /**< ISO 4217 code of @ref valuation, or NULL. */
    uint32_t loan_rate_bp;          /**< Loans: annual interest rate in basis points (1200 = 12%). */
    uint32_t loan_term_months;      /**< Loans: number of monthly instalments, grace included. */
    uint32_t loan_grace_months;     /**< Loans: leading interest-only months. */
    int loan_method;                /**< Loans: a ::km_loan_method. */
    const char *loan_start_date;    /**< Loans: `YYYY-MM-DD` from which interest runs; instalment k is due k months later. */
} km_commitment_fields;

/** @brief Static initializer for ::km_commitment_fields (a grant, everything else empty). */
#define KM_COMMITMENT_FIELDS_INIT { KM_COMMITMENT_FIELDS_VERSION, 0, 0, 0, 0, NULL, 0, NULL, NULL, 0, NULL, \
                                    0, 0, 0, 0, NULL }

/** @brief Immutable snapshot of a commitment. */
typedef struct km_commitment km_commitment;

/**
 * @brief Records a new commitment in the pledged state.
 * @param[out] out_id receives the new commitment's id (may be NULL).
 * @param net the network.
 * @param fields the commitment.
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (agreement or
 *         partner missing); #KM_ESTATE (the agreement has ended); #KM_ERANGE
 *         (loan schedule overflows); #KM_EVERSION; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error
 *         nothing changes.
 */
KM_EXTERN int km_commitment_create(uint64_t *out_id, km_network *net, const km_commitment_fields *fields);

/**
 * @brief Moves a commitment to another state (the general form of
 *        km_commitment_commit(), km_commitment_cancel() and
 *        km_commitment_close()).
 *
 * Allowed: pledged -> committed (records the commitment's amount as a
 * commitment transaction dated the day of the change), pledged | committed
 * -> cancelled (reason required), committed | disbursing -> closed (reason
 * required), fully disbursed -> closed (a loan with principal outstanding
 * needs a reason). Disbursing and fully disbursed follow the ledger and
 * cannot be asked for.
 * @param net the network.
 * @param id the commitment.
 * @param status the target ::km_commitment_status.
 * @param reason why (at most #KM_COMMITMENT_REASON_MAX bytes), or NULL where
 *        not required.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (unknown status, missing reason);
 *         #KM_ESTATE (illegal move, naming the current and allowed states);
 *         #KM_ERANGE; #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_transition(km_network *net, uint64_t id, int status, const char *reason);

/**
 * @brief pledged -> committed: records the commitment's amount as a
 *        commitment transaction on @p value_date.
 * @param net the network.
 * @param id the commitment.
 * @param value_date `YYYY-MM-DD` of the commitment transaction, or NULL for
 *        the day of the change in WIB (UTC+7; the time from the clock
 *        hook). The log records the zone with the change, so replay gives
 *        the same day; changes logged without it (by builds before the
 *        zone was recorded) keep the UTC day.
 * @param reason optional note, or NULL.
 * @return as km_commitment_transition().
 */
KM_EXTERN int km_commitment_commit(km_network *net, uint64_t id, const char *value_date, const char *reason);

/**
 * @brief pledged | committed -> cancelled.
 * @param net the network.
 * @param id the commitment.
 * @param reason why (required).
 * @return as km_commitment_transition().
 */
KM_EXTERN int km_commitment_cancel(km_network *net, uint64_t id, const char *reason);

/**
 * @brief committed | disbursing | fully disbursed -> closed.
 * @param net the network.
 * @param id the commitment.
 * @param reason why; required unless the commitment is fully disbursed (and,
 *        for a loan, its principal repaid).
 * @return as km_commitment_transition().
 */
KM_EXTERN int km_commitment_close(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Reads a commitment.
 * @param[out] out receives a handle; free with km_commitment_free().
 * @param net the network.
 * @param id the commitment.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_get(km_commitment **out, km_network *net, uint64_t id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param c the handle (may be NULL).
 */
KM_EXTERN void km_commitment_free(km_commitment *c);

/**
 * @brief Commitment id.
 * @param c the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_commitment_id(const km_commitment *c);
/**
 * @brief Agreement the commitment belongs to.
 * @param c the handle (may be NULL).
 * @return the agreement id; 0 for NULL.
 */
KM_EXTERN uint64_t km_commitment_agreement_id(const km_commitment *c);
/**
 * @brief Providing partner.
 * @param c the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_commitment_provider_id(const km_commitment *c);
/**
 * @brief Receiving partner.
 * @param c the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_commitment_recipient_id(const km_commitment *c);
/**
 * @brief Kind.
 * @param c the handle (may be NULL).
 * @return a ::km_commitment_kind; -1 for NULL.
 */
KM_EXTERN int km_commitment_kind_of(const km_commitment *c);
/**
 * @brief Title.
 * @param c the handle (may be NULL).
 * @return the title (lives as long as @p c); NULL for NULL.
 */
KM_EXTERN const char *km_commitment_title(const km_commitment *c);
/**
 * @brief Lifecycle state.
 * @param c the handle (may be NULL).
 * @return a ::km_commitment_status; -1 for NULL.
 */
KM_EXTERN int km_commitment_status_of(const km_commitment *c);
/**
 * @brief Reason given with the last explicit transition (cancel, close,
 *        commit).
 * @param c the handle (may be NULL).
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_commitment_status_reason(const km_commitment *c);
/**
 * @brief Whether the commitment is measured in money.
 * @param c the handle (may be NULL).
 * @return 1 for money, 0 for a quantity or NULL.
 */
KM_EXTERN int km_commitment_is_money(const km_commitment *c);
/**
 * @brief Amount as recorded at creation (the face amount).
 * @param c the handle (may be NULL).
 * @return minor units (money) or units (quantity); 0 for NULL.
 */
KM_EXTERN int64_t km_commitment_amount(const km_commitment *c);
/**
 * @brief Currency of a money commitment.
 * @param c the handle (may be NULL).
 * @return the ISO 4217 code, or NULL for a quantity.
 */
KM_EXTERN const char *km_commitment_currency(const km_commitment *c);
/**
 * @brief Unit label of a quantity commitment.
 * @param c the handle (may be NULL).
 * @return the label, or NULL for money.
 */
KM_EXTERN const char *km_commitment_unit(const km_commitment *c);
/**
 * @brief Money valuation of a quantity commitment's whole amount.
 * @param c the handle (may be NULL).
 * @return minor units of km_commitment_valuation_currency(); 0 when none.
 */
KM_EXTERN int64_t km_commitment_valuation(const km_commitment *c);
/**
 * @brief Currency of the valuation.
 * @param c the handle (may be NULL).
 * @return the ISO 4217 code, or NULL when there is no valuation.
 */
KM_EXTERN const char *km_commitment_valuation_currency(const km_commitment *c);
/**
 * @brief Loan: annual interest rate.
 * @param c the handle (may be NULL).
 * @return basis points; 0 for other kinds.
 */
KM_EXTERN uint32_t km_commitment_loan_rate_bp(const km_commitment *c);
/**
 * @brief Loan: term.
 * @param c the handle (may be NULL).
 * @return months (grace included); 0 for other kinds.
 */
KM_EXTERN uint32_t km_commitment_loan_term_months(const km_commitment *c);
/**
 * @brief Loan: grace period.
 * @param c the handle (may be NULL).
 * @return interest-only months; 0 for other kinds.
 */
KM_EXTERN uint32_t km_commitment_loan_grace_months(const km_commitment *c);
/**
 * @brief Loan: repayment method.
 * @param c the handle (may be NULL).
 * @return a ::km_loan_method; -1 for other kinds.
 */
KM_EXTERN int km_commitment_loan_method(const km_commitment *c);
/**
 * @brief Loan: start date.
 * @param c the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL for other kinds.
 */
KM_EXTERN const char *km_commitment_loan_start_date(const km_commitment *c);
/**
 * @brief Creation time.
 * @param c the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_commitment_created(const km_commitment *c);
/**
 * @brief Time of the last change (transition, tranche or ledger entry).
 * @param c the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_commitment_updated(const km_commitment *c);
/**
 * @brief A current figure of the whole ledger (every value date).
 *
 * For figures as of a date, per group or per currency use
 * km_commitment_totals().
 * @param c the handle (may be NULL).
 * @param figure a ::km_figure.
 * @return the figure in the commitment's measure; 0 for NULL or an unknown
 *         figure.
 */
KM_EXTERN int64_t km_commitment_figure(const km_commitment *c, int figure);

/** @brief Current version of ::km_commitment_query. */
#define KM_COMMITMENT_QUERY_VERSION 1

/**
 * @brief Filters for km_commitment_list() and km_commitment_count(). Every
 *        set filter must match (AND). Results come in ascending id order,
 *        cut into pages by an opaque cursor.
 */
typedef struct km_commitment_query {
    unsigned int version;  /**< #KM_COMMITMENT_QUERY_VERSION. */
    uint64_t agreement_id; /**< Agreement, or 0. */
    uint64_t provider_id;  /**< Providing partner, or 0. */
    uint64_t recipient_id; /**< Receiving partner, or 0. */
    uint64_t framework_id; /**< Framework of the agreement (as the agreement is now), or 0. */
    int kind;              /**< A ::km_commitment_kind, or -1. */
    int status;            /**< A ::km_commitment_status, or -1. */
    const char *cursor;    /**< From km_commitment_page_cursor(), or NULL to start. */
    uint32_t limit;        /**< Page size 1..1000; 0 means 50. */
} km_commitment_query;

/** @brief Static initializer for ::km_commitment_query (no filter). */
#define KM_COMMITMENT_QUERY_INIT { KM_COMMITMENT_QUERY_VERSION, 0, 0, 0, 0, -1, -1, NULL, 0 }

/** @brief One page of commitments. */
typedef struct km_commitment_page km_commitment_page;

/**
 * @brief Lists commitments matching @p query.
 * @param[out] out receives the page; free with km_commitment_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_list(km_commitment_page **out, km_network *net, const km_commitment_query *query);

/**
 * @brief Counts every commitment matching @p query (cursor and limit ignored).
 * @param[out] out receives the count.
 * @param net the network.
 * @param query filters; NULL counts everything.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_count(uint64_t *out, km_network *net, const km_commitment_query *query);

/**
 * @brief Number of commitments on the page.
 * @param page the page (may be NULL).
 * @return the count; 0 for NULL.
 */
KM_EXTERN size_t km_commitment_page_count(const km_commitment_page *page);

/**
 * @brief The @p i-th commitment of the page, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_commitment *km_commitment_page_get(const km_commitment_page *page, size_t i);

/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL when this was the last page.
 */
KM_EXTERN const char *km_commitment_page_cursor(const km_commitment_page *page);

/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_commitment_page_free(km_commitment_page *page);

/** @brief The lifecycle history of one commitment (immutable). */
typedef struct km_commitment_steps km_commitment_steps;

/**
 * @brief Every state change of a commitment, oldest first; the first step
 *        is the creation (from -1 to pledged).
 * @param[out] out receives the list; free with km_commitment_steps_free().
 * @param net the network.
 * @param id the commitment.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_history(km_commitment_steps **out, km_network *net, uint64_t id);
/**
 * @brief Number of steps.
 * @param s the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_commitment_steps_count(const km_commitment_steps *s);
/**
 * @brief State before the @p i-th step.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_commitment_status, or -1 for the creation step or out of range.
 */
KM_EXTERN int km_commitment_steps_from(const km_commitment_steps *s, size_t i);
/**
 * @brief State after the @p i-th step.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_commitment_status, or -1 when out of range.
 */
KM_EXTERN int km_commitment_steps_to(const km_commitment_steps *s, size_t i);
/**
 * @brief Time of the @p i-th step (the time of its log entry).
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when out of range.
 */
KM_EXTERN int64_t km_commitment_steps_time(const km_commitment_steps *s, size_t i);
/**
 * @brief Reason of the @p i-th step.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return the reason (lives as long as the list), or NULL.
 */
KM_EXTERN const char *km_commitment_steps_reason(const km_commitment_steps *s, size_t i);
/**
 * @brief Ledger transaction recorded with the @p i-th step: the one that
 *        drove it, or the commitment transaction km_commitment_commit() made.
 * @param s the list (may be NULL).
 * @param i zero-based index.
 * @return the transaction id, or 0 (explicit step without one, or out of range).
 */
KM_EXTERN uint64_t km_commitment_steps_transaction(const km_commitment_steps *s, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param s the list (may be NULL).
 */
KM_EXTERN void km_commitment_steps_free(km_commitment_steps *s);

/* ---- tranches ---- */

/** @brief Current version of ::km_tranche_fields. */
#define KM_TRANCHE_FIELDS_VERSION 1

/** @brief A planned tranche (termin). Strings are borrowed for the call. */
typedef struct km_tranche_fields {
    unsigned int version;     /**< #KM_TRANCHE_FIELDS_VERSION. */
    const char *planned_date; /**< Required, `YYYY-MM-DD`. */
    int64_t amount;           /**< > 0, in the commitment's measure. */
    const char *note;         /**< Optional label (`Termin I`), at most #KM_COMMITMENT_TITLE_MAX bytes. */
} km_tranche_fields;

/** @brief Static initializer for ::km_tranche_fields. */
#define KM_TRANCHE_FIELDS_INIT { KM_TRANCHE_FIELDS_VERSION, NULL, 0, NULL }

/**
 * @brief Adds a tranche to a commitment that is not closed or cancelled.
 *        The planned tranches (not cancelled) may not add up to more than
 *        the commitment's amount.
 * @param[out] out_number receives the tranche number within the commitment,
 *        1, 2, ... (may be NULL).
 * @param net the network.
 * @param commitment_id the commitment.
 * @param fields the tranche.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (bad field; rule `tranche.total`
 *         when the tranches would exceed the amount); #KM_ESTATE (closed or
 *         cancelled); #KM_ERANGE; #KM_EVERSION; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_tranche_add(uint32_t *out_number, km_network *net, uint64_t commitment_id,
                             const km_tranche_fields *fields);

/**
 * @brief Reschedules a planned tranche: new date, amount and note. The
 *        amount may not drop below what is already disbursed against it.
 * @param net the network.
 * @param commitment_id the commitment.
 * @param number the tranche.
 * @param fields the new values.
 * @param reason why (required).
 * @return as km_tranche_add(); #KM_ESTATE also for a cancelled tranche or
 *         an amount below what was disbursed against it.
 */
KM_EXTERN int km_tranche_update(km_network *net, uint64_t commitment_id, uint32_t number,
                                const km_tranche_fields *fields, const char *reason);

/**
 * @brief Cancels a planned tranche against which nothing is disbursed.
 * @param net the network.
 * @param commitment_id the commitment.
 * @param number the tranche.
 * @param reason why (required).
 * @return as km_tranche_update().
 */
KM_EXTERN int km_tranche_cancel(km_network *net, uint64_t commitment_id, uint32_t number, const char *reason);

/** @brief A list of tranches with their progress as of a date (immutable). */
typedef struct km_tranches km_tranches;

/**
 * @brief The tranches of one commitment in number order, with what was
 *        disbursed against each as of @p as_of_date.
 * @param[out] out receives the list; free with km_tranches_free().
 * @param net the network.
 * @param commitment_id the commitment.
 * @param as_of_date `YYYY-MM-DD`, or NULL for the whole ledger (and for
 *        km_tranches_days_overdue(), today in WIB at the network's point
 *        in time: the clock's, or a view of the past's).
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_tranche_list(km_tranches **out, km_network *net, uint64_t commitment_id, const char *as_of_date);

/**
 * @brief Overdue tranches: planned (not cancelled), planned date before
 *        @p as_of_date, and not yet met by the disbursements naming them
 *        (value date on or before @p as_of_date), of commitments that are
 *        committed, disbursing or fully disbursed. Ordered by commitment id,
 *        then number.
 * @param[out] out receives the list; free with km_tranches_free().
 * @param net the network.
 * @param agreement_id only this agreement's commitments, or 0 for all.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (agreement); #KM_ENOMEM.
 */
KM_EXTERN int km_tranche_overdue(km_tranches **out, km_network *net, uint64_t agreement_id, const char *as_of_date);

/**
 * @brief Number of tranches in the list.
 * @param t the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_tranches_count(const km_tranches *t);
/**
 * @brief Commitment of the @p i-th tranche.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the commitment id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_tranches_commitment(const km_tranches *t, size_t i);
/**
 * @brief Number of the @p i-th tranche within its commitment.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the number, or 0 when out of range.
 */
KM_EXTERN uint32_t km_tranches_number(const km_tranches *t, size_t i);
/**
 * @brief Planned date.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_tranches_planned_date(const km_tranches *t, size_t i);
/**
 * @brief Planned amount.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the amount in the commitment's measure, or 0 when out of range.
 */
KM_EXTERN int64_t km_tranches_amount(const km_tranches *t, size_t i);
/**
 * @brief State.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_tranche_status, or -1 when out of range.
 */
KM_EXTERN int km_tranches_status(const km_tranches *t, size_t i);
/**
 * @brief Label given to the tranche.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the note (lives as long as the list), or NULL.
 */
KM_EXTERN const char *km_tranches_note(const km_tranches *t, size_t i);
/**
 * @brief Reason of the last reschedule or of the cancellation.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_tranches_reason(const km_tranches *t, size_t i);
/**
 * @brief Disbursed against the tranche as of the list's date (disbursements
 *        and reimbursements naming it, net of reversals).
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return the amount, or 0 when out of range.
 */
KM_EXTERN int64_t km_tranches_disbursed(const km_tranches *t, size_t i);
/**
 * @brief Value date on which the disbursements against the tranche reached
 *        its amount, if they did by the list's date.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when not met (or out of range).
 */
KM_EXTERN const char *km_tranches_met_date(const km_tranches *t, size_t i);
/**
 * @brief Days the tranche is overdue on the list's date: the date minus the
 *        planned date when the tranche is planned and not met, else 0.
 * @param t the list (may be NULL).
 * @param i zero-based index.
 * @return days (>= 0), or 0 when out of range.
 */
KM_EXTERN int64_t km_tranches_days_overdue(const km_tranches *t, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param t the list (may be NULL).
 */
KM_EXTERN void km_tranches_free(km_tranches *t);

/* ---- ledger ---- */

/** @brief Current version of ::km_ledger_fields. */
#define KM_LEDGER_FIELDS_VERSION 1

/** @brief A ledger transaction to record. Strings are borrowed for the call. */
typedef struct km_ledger_fields {
    unsigned int version;   /**< #KM_LEDGER_FIELDS_VERSION. */
    int type;               /**< A ::km_ledger_type. */
    int64_t amount;         /**< > 0, in minor units of the commitment's currency or units of its unit. */
    const char *currency;   /**< Money: must be the commitment's currency. Quantity: NULL or the unit label. */
    const char *value_date; /**< Required, `YYYY-MM-DD`: when the money or effort moved. */
    uint32_t tranche;       /**< Disbursement or reimbursement against this tranche number, or 0. */
    const char *note;       /**< Optional note (document number...), at most #KM_COMMITMENT_REASON_MAX bytes. */
} km_ledger_fields;

/** @brief Static initializer for ::km_ledger_fields. */
#define KM_LEDGER_FIELDS_INIT { KM_LEDGER_FIELDS_VERSION, 0, 0, NULL, NULL, 0, NULL }

/**
 * @brief Appends a transaction to a commitment's ledger.
 *
 * Which types are accepted in which state: none once closed or cancelled;
 * pledges and commitment transactions in every other state (a commitment
 * transaction commits a pledged commitment); disbursements,
 * reimbursements and expenditure from committed on; loan repayments and
 * interest payments (loans only) once something is disbursed. Then every
 * invariant listed in @ref commitment.h is checked at every value date.
 * @param[out] out_tx receives the transaction id (may be NULL).
 * @param net the network.
 * @param commitment_id the commitment.
 * @param fields the transaction.
 * @return 0; #KM_ENOTFOUND (commitment, tranche); #KM_EINVAL (bad type,
 *         amount, currency, date or note; a type the kind does not take; a
 *         tranche on a type other than disbursement or reimbursement);
 *         #KM_ESTATE (state, invariant or tranche rule broken; the message
 *         names the rule, the date and the amounts); #KM_ERANGE (a sum
 *         overflows); #KM_EVERSION; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error nothing changes.
 */
KM_EXTERN int km_ledger_record(uint64_t *out_tx, km_network *net, uint64_t commitment_id,
                               const km_ledger_fields *fields);

/**
 * @brief Corrects a transaction by appending its reversal: same type,
 *        amount, tranche and value date, pointing to it. From then on the
 *        original counts for nothing at any date.
 * @param[out] out_tx receives the reversal's transaction id (may be NULL).
 * @param net the network.
 * @param tx_id the transaction to reverse.
 * @param reason why (required; becomes the reversal's note).
 * @return 0; #KM_ENOTFOUND (no such transaction); #KM_EINVAL (missing
 *         reason); #KM_ESTATE (the transaction is a reversal, or is already
 *         reversed, or the commitment is closed or cancelled, or an
 *         invariant would break, e.g. reversing a commitment transaction
 *         that disbursements depend on); #KM_ERANGE; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_ledger_reverse(uint64_t *out_tx, km_network *net, uint64_t tx_id, const char *reason);

/** @brief A list of ledger transactions (immutable). */
typedef struct km_ledger km_ledger;

/**
 * @brief The ledger of one commitment, in recording order (= id order).
 * @param[out] out receives the list; free with km_ledger_free().
 * @param net the network.
 * @param commitment_id the commitment.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_ledger_list(km_ledger **out, km_network *net, uint64_t commitment_id);

/**
 * @brief One transaction by id, as a list of one.
 * @param[out] out receives the list; free with km_ledger_free().
 * @param net the network.
 * @param tx_id the transaction.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_ledger_get(km_ledger **out, km_network *net, uint64_t tx_id);

/**
 * @brief Disbursements and reimbursements that were not scheduled: they
 *        name no tranche, are not reversed and are not reversals, with a
 *        value date on or before @p as_of_date. Ordered by commitment id,
 *        then transaction id.
 * @param[out] out receives the list; free with km_ledger_free().
 * @param net the network.
 * @param agreement_id only this agreement's commitments, or 0 for all.
 * @param as_of_date `YYYY-MM-DD`, or NULL for every date.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (agreement); #KM_ENOMEM.
 */
KM_EXTERN int km_ledger_unscheduled(km_ledger **out, km_network *net, uint64_t agreement_id,
                                    const char *as_of_date);

/**
 * @brief Number of transactions in the list.
 * @param l the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_ledger_count(const km_ledger *l);
/**
 * @brief Id of the @p i-th transaction.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_ledger_id(const km_ledger *l, size_t i);
/**
 * @brief Commitment of the @p i-th transaction.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the commitment id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_ledger_commitment(const km_ledger *l, size_t i);
/**
 * @brief Type of the @p i-th transaction.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_ledger_type, or -1 when out of range.
 */
KM_EXTERN int km_ledger_type_of(const km_ledger *l, size_t i);
/**
 * @brief Amount of the @p i-th transaction: always positive; a reversal
 *        (km_ledger_reverses() != 0) subtracts it.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the amount, or 0 when out of range.
 */
KM_EXTERN int64_t km_ledger_amount(const km_ledger *l, size_t i);
/**
 * @brief Measure of the @p i-th transaction: its commitment's currency or
 *        unit label.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the code or label (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_ledger_unit(const km_ledger *l, size_t i);
/**
 * @brief Value date of the @p i-th transaction.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_ledger_value_date(const km_ledger *l, size_t i);
/**
 * @brief Tranche the @p i-th transaction was disbursed against.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the tranche number, or 0.
 */
KM_EXTERN uint32_t km_ledger_tranche(const km_ledger *l, size_t i);
/**
 * @brief Transaction the @p i-th one reverses.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return its id, or 0 when the @p i-th transaction is not a reversal.
 */
KM_EXTERN uint64_t km_ledger_reverses(const km_ledger *l, size_t i);
/**
 * @brief Reversal of the @p i-th transaction, as of when the list was made.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the reversal's id, or 0 when not reversed.
 */
KM_EXTERN uint64_t km_ledger_reversed_by(const km_ledger *l, size_t i);
/**
 * @brief When the @p i-th transaction was recorded (its log entry's time).
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when out of range.
 */
KM_EXTERN int64_t km_ledger_time(const km_ledger *l, size_t i);
/**
 * @brief Note of the @p i-th transaction (for a reversal: the reason).
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the note (lives as long as the list), or NULL.
 */
KM_EXTERN const char *km_ledger_note(const km_ledger *l, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param l the list (may be NULL).
 */
KM_EXTERN void km_ledger_free(km_ledger *l);

/* ---- loans ---- */

/** @brief Current version of ::km_loan_terms. */
#define KM_LOAN_TERMS_VERSION 1

/** @brief Loan terms for km_loan_schedule_compute() (same rules as in ::km_commitment_fields). */
typedef struct km_loan_terms {
    unsigned int version;   /**< #KM_LOAN_TERMS_VERSION. */
    int64_t principal;      /**< > 0, minor units of @ref currency. */
    const char *currency;   /**< ISO 4217 code. */
    uint32_t rate_bp;       /**< Annual rate in basis points, 0..#KM_LOAN_RATE_MAX. */
    uint32_t term_months;   /**< Instalments, 1..#KM_LOAN_TERM_MAX. */
    uint32_t grace_months;  /**< Leading interest-only instalments, less than the term. */
    int method;             /**< A ::km_loan_method. */
    const char *start_date; /**< `YYYY-MM-DD`; instalment k is due k months later (day clamped to the month's end). */
} km_loan_terms;

/** @brief Static initializer for ::km_loan_terms. */
#define KM_LOAN_TERMS_INIT { KM_LOAN_TERMS_VERSION, 0, NULL, 0, 0, 0, 0, NULL }

/** @brief A loan repayment schedule (immutable). */
typedef struct km_schedule km_schedule;

/**
 * @brief The repayment schedule of a loan commitment.
 * @param[out] out receives the schedule; free with km_schedule_free().
 * @param net the network.
 * @param commitment_id a loan commitment.
 * @return 0; #KM_EINVAL (not a loan); #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_loan_schedule(km_schedule **out, km_network *net, uint64_t commitment_id);

/**
 * @brief Computes a schedule from terms alone, without a network (to
 *        preview a loan).
 * @param[out] out receives the schedule; free with km_schedule_free().
 * @param terms the terms.
 * @param allocator memory hook (copied); NULL = libc.
 * @return 0; #KM_EINVAL naming the field; #KM_EVERSION; #KM_ERANGE (a sum
 *         or the last due date overflows); #KM_ENOMEM.
 */
KM_EXTERN int km_loan_schedule_compute(km_schedule **out, const km_loan_terms *terms, const km_allocator *allocator);

/**
 * @brief Number of instalments.
 * @param s the schedule (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_schedule_count(const km_schedule *s);
/**
 * @brief Due date of the @p i-th instalment.
 * @param s the schedule (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_schedule_due_date(const km_schedule *s, size_t i);
/**
 * @brief Principal part of the @p i-th instalment.
 * @param s the schedule (may be NULL).
 * @param i zero-based index.
 * @return minor units, or 0 when out of range.
 */
KM_EXTERN int64_t km_schedule_principal(const km_schedule *s, size_t i);
/**
 * @brief Interest part of the @p i-th instalment.
 * @param s the schedule (may be NULL).
 * @param i zero-based index.
 * @return minor units, or 0 when out of range.
 */
KM_EXTERN int64_t km_schedule_interest(const km_schedule *s, size_t i);
/**
 * @brief Payment of the @p i-th instalment (principal + interest).
 * @param s the schedule (may be NULL).
 * @param i zero-based index.
 * @return minor units, or 0 when out of range.
 */
KM_EXTERN int64_t km_schedule_payment(const km_schedule *s, size_t i);
/**
 * @brief Principal still owed after the @p i-th instalment.
 * @param s the schedule (may be NULL).
 * @param i zero-based index.
 * @return minor units, or 0 when out of range.
 */
KM_EXTERN int64_t km_schedule_balance(const km_schedule *s, size_t i);
/**
 * @brief Sum of the interest parts of every instalment.
 * @param s the schedule (may be NULL).
 * @return minor units; 0 for NULL.
 */
KM_EXTERN int64_t km_schedule_total_interest(const km_schedule *s);
/**
 * @brief The regular payment: the rounded annuity for #KM_LOAN_ANNUITY, or
 *        the rounded principal part for #KM_LOAN_STRAIGHT_LINE.
 * @param s the schedule (may be NULL).
 * @return minor units; 0 for NULL.
 */
KM_EXTERN int64_t km_schedule_regular_payment(const km_schedule *s);
/**
 * @brief Releases a schedule. NULL is a no-op.
 * @param s the schedule (may be NULL).
 */
KM_EXTERN void km_schedule_free(km_schedule *s);

/** @brief Current version of ::km_loan_position. */
#define KM_LOAN_POSITION_VERSION 1

/** @brief A loan's position on a date, from km_loan_position_get(). All amounts in minor units. */
typedef struct km_loan_position {
    unsigned int version;        /**< Set by the caller to #KM_LOAN_POSITION_VERSION. */
    int64_t disbursed;           /**< Disbursed (and reimbursed) as of the date. */
    int64_t principal_repaid;    /**< Principal repaid as of the date. */
    int64_t outstanding;         /**< disbursed - principal_repaid: the principal owed. */
    int64_t scheduled_balance;   /**< Principal the schedule says is still owed after the instalments due on or before the date. */
    int64_t principal_due;       /**< Scheduled principal of those instalments. */
    int64_t interest_due;        /**< Scheduled interest of those instalments. */
    int64_t interest_paid;       /**< Interest paid as of the date. */
    int64_t principal_arrears;   /**< principal_due - principal_repaid, or 0 when not behind. */
    int64_t interest_arrears;    /**< interest_due - interest_paid, or 0 when not behind. */
    uint32_t instalments_due;    /**< Instalments due on or before the date. */
} km_loan_position;

/** @brief Static initializer for ::km_loan_position. */
#define KM_LOAN_POSITION_INIT { KM_LOAN_POSITION_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/**
 * @brief A loan's outstanding balance and arrears on a date.
 * @param[out] out receives the position (its version set by the caller).
 * @param net the network.
 * @param commitment_id a loan commitment.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0; #KM_EINVAL (not a loan, bad date); #KM_EVERSION; #KM_ENOTFOUND.
 */
KM_EXTERN int km_loan_position_get(km_loan_position *out, km_network *net, uint64_t commitment_id,
                                   const char *as_of_date);

/* ---- totals and reports ---- */

/**
 * @brief Exchange-rate hook for km_commitment_totals(): the value of one
 *        unit of @p from in units of @p to (major units, e.g. 1 USD =
 *        15500 IDR gives 15500/1) on @p date, as the exact fraction
 *        `*num / *den` (both > 0).
 * @param payload the query's `rate_payload`.
 * @param from ISO 4217 code converted from.
 * @param to ISO 4217 code converted to.
 * @param date `YYYY-MM-DD`: the report's as-of date, or when it has none
 *        today in WIB at the network's point in time (the clock's, or a
 *        view of the past's).
 * @param[out] num numerator.
 * @param[out] den denominator.
 * @return 0 with the rate set; anything else when no rate is known.
 */
typedef int (*km_rate_fn)(void *payload, const char *from, const char *to, const char *date, int64_t *num,
                          int64_t *den);

/** @brief Current version of ::km_totals_query. */
#define KM_TOTALS_QUERY_VERSION 1

/**
 * @brief What km_commitment_totals() sums: the commitments matching every
 *        set filter, grouped by `group_by`, per currency (money) or unit
 *        (quantities), as of a value date.
 *
 * Scopes: per commitment (`commitment_id`), agreement, provider, recipient,
 * kind, framework, status, or the whole network (no filter). With
 * `currency` set, every money figure is converted into it with the `rate`
 * hook (same-currency figures are not converted and need no hook), and each
 * group has one money row; the rates used are reported.
 */
typedef struct km_totals_query {
    unsigned int version;     /**< #KM_TOTALS_QUERY_VERSION. */
    uint64_t commitment_id;   /**< One commitment, or 0. */
    uint64_t agreement_id;    /**< Agreement, or 0. */
    uint64_t provider_id;     /**< Providing partner, or 0. */
    uint64_t recipient_id;    /**< Receiving partner, or 0. */
    uint64_t framework_id;    /**< Framework of the agreement, or 0. */
    int kind;                 /**< A ::km_commitment_kind, or -1. */
    int status;               /**< A ::km_commitment_status, or -1. */
    int group_by;             /**< A ::km_group. */
    const char *as_of_date;   /**< `YYYY-MM-DD`: only entries with a value date on or before it; NULL = all. */
    const char *currency;     /**< Express every money figure in this ISO 4217 currency, or NULL (per currency). */
    km_rate_fn rate;          /**< Exchange-rate hook, needed when @ref currency is set and other currencies occur. */
    void *rate_payload;       /**< Passed to @ref rate. */
    int value_quantities;     /**< Non-zero: quantities with a valuation count in money, pro rata (see docs/commitments.md). */
} km_totals_query;

/** @brief Static initializer for ::km_totals_query (whole network, per currency, every date). */
#define KM_TOTALS_QUERY_INIT { KM_TOTALS_QUERY_VERSION, 0, 0, 0, 0, 0, -1, -1, KM_GROUP_NONE, NULL, NULL, NULL, \
                               NULL, 0 }

/** @brief A totals report (immutable). */
typedef struct km_totals km_totals;

/**
 * @brief Computes totals. Rows are ordered by group key, then money rows
 *        by currency code, then quantity rows by unit label. Cancelled
 *        commitments are included unless filtered out by status (their
 *        ledger is whatever was recorded before cancellation).
 * @param[out] out receives the report; free with km_totals_free().
 * @param net the network.
 * @param query what to sum; NULL for the whole network per currency.
 * @return 0; #KM_EINVAL (bad filter, date or currency; a rate hook that
 *         gives a non-positive fraction); #KM_ENOTFOUND (the hook knows no
 *         rate, or no hook while a conversion is needed; the message names
 *         the pair); #KM_ERANGE (a sum or conversion overflows);
 *         #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_commitment_totals(km_totals **out, km_network *net, const km_totals_query *query);

/**
 * @brief Number of rows.
 * @param t the report (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_totals_count(const km_totals *t);
/**
 * @brief Group key of the @p i-th row (see ::km_group).
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @return the key, or 0 when out of range.
 */
KM_EXTERN uint64_t km_totals_group(const km_totals *t, size_t i);
/**
 * @brief Measure of the @p i-th row: an ISO 4217 code or a unit label.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @return the code or label (lives as long as the report), or NULL when out of range.
 */
KM_EXTERN const char *km_totals_unit(const km_totals *t, size_t i);
/**
 * @brief Whether the @p i-th row is money.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @return 1 for money, 0 for a quantity or out of range.
 */
KM_EXTERN int km_totals_is_money(const km_totals *t, size_t i);
/**
 * @brief Commitments counted in the @p i-th row.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @return the count, or 0 when out of range.
 */
KM_EXTERN uint64_t km_totals_commitments(const km_totals *t, size_t i);
/**
 * @brief A figure of the @p i-th row.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @param figure a ::km_figure.
 * @return the figure in the row's measure, or 0 when out of range.
 */
KM_EXTERN int64_t km_totals_figure(const km_totals *t, size_t i, int figure);
/**
 * @brief Absorption rate (daya serap) of the @p i-th row: disbursed over
 *        committed, as the exact fraction and in basis points rounded half
 *        up.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @param[out] out_num receives disbursed (may be NULL).
 * @param[out] out_den receives committed (may be NULL).
 * @return basis points (10000 = fully disbursed), or -1 when nothing is
 *         committed or out of range.
 */
KM_EXTERN int64_t km_totals_absorption(const km_totals *t, size_t i, int64_t *out_num, int64_t *out_den);
/**
 * @brief Number of exchange rates the report used.
 * @param t the report (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_totals_rate_count(const km_totals *t);
/**
 * @brief The @p i-th exchange rate used: one unit of @p out_from is worth
 *        `*out_num / *out_den` units of the report's currency.
 * @param t the report (may be NULL).
 * @param i zero-based index.
 * @param[out] out_from receives the ISO 4217 code converted from (may be NULL).
 * @param[out] out_num receives the numerator (may be NULL).
 * @param[out] out_den receives the denominator (may be NULL).
 * @return 0, or #KM_EINVAL when out of range.
 */
KM_EXTERN int km_totals_rate(const km_totals *t, size_t i, const char **out_from, int64_t *out_num, int64_t *out_den);
/**
 * @brief Date the rates were asked for.
 * @param t the report (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when the report converted nothing.
 */
KM_EXTERN const char *km_totals_rate_date(const km_totals *t);
/**
 * @brief Releases a report. NULL is a no-op.
 * @param t the report (may be NULL).
 */
KM_EXTERN void km_totals_free(km_totals *t);

/** @brief Current version of ::km_disbursement_delay. */
#define KM_DISBURSEMENT_DELAY_VERSION 1

/**
 * @brief Disbursement delay of an agreement's commitments on a date, from
 *        km_disbursement_delay_get().
 *
 * A tranche is *met* on the value date on which the disbursements and
 * reimbursements naming it (net of reversals) reach its amount. Its delay is
 * that date minus its planned date, or 0 when it was met early. The average
 * delay is `delay_days_total / tranches_met` (the exact fraction; the
 * rounded value is in `delay_days_average`). Only planned tranches of
 * commitments that are not cancelled count.
 */
typedef struct km_disbursement_delay {
    unsigned int version;       /**< Set by the caller to #KM_DISBURSEMENT_DELAY_VERSION. */
    uint64_t tranches_due;      /**< Tranches planned on or before the date. */
    uint64_t tranches_met;      /**< Tranches met on or before the date (early ones included). */
    int64_t delay_days_total;   /**< Sum of the delays of the met tranches. */
    int64_t delay_days_average; /**< delay_days_total / tranches_met rounded half up; 0 when none is met. */
    int64_t delay_days_max;     /**< Longest delay of a met tranche. */
    uint64_t tranches_overdue;  /**< Due, not met, planned date before the date. */
    int64_t overdue_days_max;   /**< Longest time an overdue tranche has been waiting, in days. */
} km_disbursement_delay;

/** @brief Static initializer for ::km_disbursement_delay. */
#define KM_DISBURSEMENT_DELAY_INIT { KM_DISBURSEMENT_DELAY_VERSION, 0, 0, 0, 0, 0, 0, 0 }

/**
 * @brief Disbursement delay of one agreement's tranches (or the whole
 *        network's) as of a date.
 * @param[out] out receives the figures (its version set by the caller).
 * @param net the network.
 * @param agreement_id the agreement, or 0 for every commitment.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOTFOUND (agreement); #KM_ERANGE.
 */
KM_EXTERN int km_disbursement_delay_get(km_disbursement_delay *out, km_network *net, uint64_t agreement_id,
                                        const char *as_of_date);

/* ---- labels and codes ---- */

/**
 * @brief Label of a commitment kind.
 * @param kind a ::km_commitment_kind.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_commitment_kind_label(int kind, int lang);
/**
 * @brief IATI 2.03 FinanceType code of a commitment kind: 110 standard grant
 *        (grant, technical assistance, administrative support, in-kind),
 *        421 standard loan, 510 common equity, 1100 guarantees/insurance,
 *        111 subsidies to national private investors (viability gap funding).
 * @param kind a ::km_commitment_kind.
 * @return the code, or -1 for a tax incentive (revenue forgone is not a
 *         flow IATI has a finance type for) or an unknown kind.
 */
KM_EXTERN int km_commitment_kind_iati_finance_type(int kind);
/**
 * @brief IATI 2.03 AidType code a commitment kind implies.
 * @param kind a ::km_commitment_kind.
 * @return `"D02"` (other technical assistance) for technical assistance;
 *         NULL for the kinds whose aid type depends on the activity.
 */
KM_EXTERN const char *km_commitment_kind_iati_aid_type(int kind);
/**
 * @brief Label of a commitment status.
 * @param status a ::km_commitment_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_commitment_status_label(int status, int lang);
/**
 * @brief Label of a ledger transaction type.
 * @param type a ::km_ledger_type.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_ledger_type_label(int type, int lang);
/**
 * @brief IATI 2.03 TransactionType code of a ledger type as the provider
 *        reports it: 12 pledge, 2 commitment, 3 disbursement, 4 expenditure,
 *        6 loan repayment, 5 interest payment, 7 reimbursement.
 * @param type a ::km_ledger_type.
 * @return the code, or -1 when unknown.
 */
KM_EXTERN int km_ledger_type_iati(int type);
/**
 * @brief IATI 2.03 TransactionType code of a ledger type as the recipient
 *        reports it: 13 incoming pledge, 11 incoming commitment, 1 incoming
 *        funds (disbursement and reimbursement), 4 expenditure; the loan
 *        types keep 6 and 5.
 * @param type a ::km_ledger_type.
 * @return the code, or -1 when unknown.
 */
KM_EXTERN int km_ledger_type_iati_incoming(int type);
/**
 * @brief Label of a loan repayment method.
 * @param method a ::km_loan_method.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_loan_method_label(int method, int lang);
/**
 * @brief Label of a tranche status.
 * @param status a ::km_tranche_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_tranche_status_label(int status, int lang);
/**
 * @brief Label of a figure.
 * @param figure a ::km_figure.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_figure_label(int figure, int lang);
/**
 * @brief Label of a grouping of totals ("per agreement"...).
 * @param group a ::km_group.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_group_label(int group, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_COMMITMENT_H */
