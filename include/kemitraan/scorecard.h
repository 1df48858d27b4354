/**
 * @file scorecard.h
 * @brief Monitoring and evaluation, part 2: progress of an indicator as of
 *        a date, status thresholds, scorecards (agreement, partner,
 *        framework, family, dimension, network) with the partnership health
 *        index, trends, missing and late reports, and aggregation of one
 *        indicator across agreements.
 *
 * Everything here is computed from the state (nothing is stored), and every
 * computed number is a *derived value*: a `double` obtained from the exact
 * integer values of indicator.h by the formulas of docs/evaluation.md. Each
 * result handle reports every component it was computed from, so a reader
 * can recompute it.
 *
 * **As of a date.** A computation takes an as-of date `D` (`YYYY-MM-DD`):
 * only approved measurements whose period ends on or before `D` count, and
 * the plan (expected progress) is read at `D`. With #KM_KNOWLEDGE_AS_OF
 * only approvals made on or before `D` (the approving change's day in WIB)
 * count: the scorecard as an evaluator could have known it on that day. The
 * state of agreements and indicators is the handle's; open the network
 * with `as_of_time` to also see those as they were.
 *
 * **Progress** (docs/evaluation.md): with baseline `B`, final target `T`
 * and actual `A` (the values aggregated over time, as real numbers),
 * `raw = (A - B) / (T - B)`; this is sign-aware, so a descending indicator
 * (lower is better) moving down towards its target has positive progress.
 * The score used by scorecards clamps `raw` to `[0, 1]`: exceeding the
 * target scores 1, moving away from it scores 0, and the raw value is
 * reported as well. When `T == B` the target is to hold the level:
 * progress is 1 when `A` is at or beyond `T` in the indicator's direction,
 * else 0. A nominal indicator scores 1 when its latest category is the
 * target category, else 0. Qualitative indicators are never scored.
 *
 * **Status** compares the score with the expected progress `E` at the date
 * (the plan runs linearly from the baseline at the baseline date through
 * each target at its date, and stays at the final target after it): on
 * track when `score >= on_track x E`, at risk when `score >= at_risk x E`,
 * otherwise off track (thresholds in per mille, set per network with
 * km_evaluation_set_thresholds()).
 */
#ifndef KEMITRAAN_SCORECARD_H
#define KEMITRAAN_SCORECARD_H

#include "common.h"
#include "network.h"
#include "dimension.h"
#include "indicator.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @name Defaults of the network's evaluation settings */
/**@{*/
#define KM_EVALUATION_ON_TRACK_DEFAULT 900 /**< On track at >= 90 % of the expected progress. */
#define KM_EVALUATION_AT_RISK_DEFAULT 600  /**< At risk at >= 60 % of the expected progress. */
#define KM_EVALUATION_GRACE_DEFAULT 30     /**< A report is overdue 30 days after its period ends. */
/**@}*/

/**
 * @brief Sets the network's status thresholds and default reporting grace
 *        period. Recorded as an event (#KM_ENTITY_INDICATOR, id 0,
 *        `evaluation.settings`), so earlier settings stay in the audit trail.
 * @param net the network.
 * @param on_track_permille on track at or above this share of the expected
 *        progress, 0..1000.
 * @param at_risk_permille at risk at or above this share, 0..@p on_track_permille.
 * @param grace_days default grace period, 0..#KM_INDICATOR_GRACE_MAX.
 * @return 0; #KM_EINVAL naming the argument; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_evaluation_set_thresholds(km_network *net, uint32_t on_track_permille, uint32_t at_risk_permille,
                                           uint32_t grace_days);

/**
 * @brief The network's current evaluation settings (the defaults until
 *        km_evaluation_set_thresholds() is called).
 * @param[out] out_on_track receives the on-track threshold in per mille (may be NULL).
 * @param[out] out_at_risk receives the at-risk threshold in per mille (may be NULL).
 * @param[out] out_grace_days receives the default grace period (may be NULL).
 * @param net the network.
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_evaluation_thresholds(uint32_t *out_on_track, uint32_t *out_at_risk, uint32_t *out_grace_days,
                                       km_network *net);

/** @brief Status of an indicator's progress. */
typedef enum km_progress_status {
    KM_PROGRESS_NO_DATA = 0,    /**< No approved value counts yet (belum ada data). */
    KM_PROGRESS_ON_TRACK = 1,   /**< On track (sesuai rencana). */
    KM_PROGRESS_AT_RISK = 2,    /**< At risk (berisiko). */
    KM_PROGRESS_OFF_TRACK = 3,  /**< Off track (tidak sesuai rencana). */
    KM_PROGRESS_NOT_SCORED = 4, /**< Qualitative: reported, never scored (tidak dinilai). */
    KM_PROGRESS_STATUS__COUNT = 5 /**< Number of statuses (not a status). */
} km_progress_status;

/** @brief Which approvals count in a computation as of a date. */
typedef enum km_knowledge {
    KM_KNOWLEDGE_CURRENT = 0, /**< Every approval the handle knows. */
    KM_KNOWLEDGE_AS_OF = 1    /**< Only approvals made on or before the as-of date (days in WIB). */
} km_knowledge;

/** @brief Progress of one indicator as of a date (immutable). */
typedef struct km_progress km_progress;

/**
 * @brief Computes an indicator's progress as of a date.
 * @param[out] out receives the result; free with km_progress_free().
 * @param net the network.
 * @param indicator_id the indicator (not a template).
 * @param as_of `YYYY-MM-DD`.
 * @param knowledge a ::km_knowledge.
 * @return 0 (also without data: see km_progress_status_of()); #KM_EINVAL;
 *         #KM_ENOTFOUND; #KM_ERANGE (a sum of values overflows 64 bits);
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_progress(km_progress **out, km_network *net, uint64_t indicator_id, const char *as_of,
                                    int knowledge);

/**
 * @brief Releases a result from km_indicator_progress(). NULL, and rows
 *        borrowed from a scorecard, are ignored.
 * @param p the result (may be NULL).
 */
KM_EXTERN void km_progress_free(km_progress *p);

/**
 * @brief Indicator.
 * @param p the result (may be NULL).
 * @return the indicator id; 0 for NULL.
 */
KM_EXTERN uint64_t km_progress_indicator_id(const km_progress *p);
/**
 * @brief Agreement of the indicator.
 * @param p the result (may be NULL).
 * @return the agreement id; 0 for NULL.
 */
KM_EXTERN uint64_t km_progress_agreement_id(const km_progress *p);
/**
 * @brief Benefit dimension of the indicator.
 * @param p the result (may be NULL).
 * @return a ::km_dimension; -1 for NULL.
 */
KM_EXTERN int km_progress_dimension(const km_progress *p);
/**
 * @brief Measure of the indicator.
 * @param p the result (may be NULL).
 * @return a ::km_measure; -1 for NULL.
 */
KM_EXTERN int km_progress_measure(const km_progress *p);
/**
 * @brief Weight of the indicator in its agreement.
 * @param p the result (may be NULL).
 * @return the weight.
 */
KM_EXTERN uint32_t km_progress_weight(const km_progress *p);
/**
 * @brief Status.
 * @param p the result (may be NULL).
 * @return a ::km_progress_status; -1 for NULL.
 */
KM_EXTERN int km_progress_status_of(const km_progress *p);
/**
 * @brief Number of approved values the actual was aggregated from.
 * @param p the result (may be NULL).
 * @return the count (0: no data).
 */
KM_EXTERN uint32_t km_progress_value_count(const km_progress *p);
/**
 * @brief The actual, exactly: the values aggregated over time by the
 *        indicator's rule, as numerator and denominator in the indicator's
 *        units (time AVERAGE: the sum over the count).
 * @param[out] out_denominator receives the denominator (may be NULL).
 * @param p the result (may be NULL).
 * @return the numerator (0 without data).
 */
KM_EXTERN int64_t km_progress_actual(int64_t *out_denominator, const km_progress *p);
/**
 * @brief The actual as a real number (derived): units, percent (0..100...)
 *        or the ratio.
 * @param p the result (may be NULL).
 * @return the value; 0 without data.
 */
KM_EXTERN double km_progress_actual_value(const km_progress *p);
/**
 * @brief The baseline as a real number (derived).
 * @param p the result (may be NULL).
 * @return the value.
 */
KM_EXTERN double km_progress_baseline_value(const km_progress *p);
/**
 * @brief The final target as a real number (derived).
 * @param p the result (may be NULL).
 * @return the value.
 */
KM_EXTERN double km_progress_target_value(const km_progress *p);
/**
 * @brief Date of the final target.
 * @param p the result (may be NULL).
 * @return `YYYY-MM-DD`, or NULL (qualitative, or NULL @p p).
 */
KM_EXTERN const char *km_progress_target_date(const km_progress *p);
/**
 * @brief End of the latest period that counted.
 * @param p the result (may be NULL).
 * @return `YYYY-MM-DD`, or NULL without data.
 */
KM_EXTERN const char *km_progress_last_period_end(const km_progress *p);
/**
 * @brief Raw progress `(A - B) / (T - B)` (or the rule for `T == B`), not
 *        clamped: above 1 means the target was exceeded, below 0 that the
 *        value moved away from it.
 * @param p the result (may be NULL).
 * @return the value; 0 without data or when not scored.
 */
KM_EXTERN double km_progress_raw(const km_progress *p);
/**
 * @brief Progress used for scoring: km_progress_raw() clamped to [0, 1].
 * @param p the result (may be NULL).
 * @return the value; 0 without data or when not scored.
 */
KM_EXTERN double km_progress_score(const km_progress *p);
/**
 * @brief Expected progress at the as-of date from the plan, in [0, 1].
 * @param p the result (may be NULL).
 * @return the value; 0 when not scored.
 */
KM_EXTERN double km_progress_expected(const km_progress *p);
/**
 * @brief Latest approved text of a qualitative indicator.
 * @param p the result (may be NULL).
 * @return the text (lives as long as @p p), or NULL.
 */
KM_EXTERN const char *km_progress_text(const km_progress *p);
/**
 * @brief The as-of date of the computation.
 * @param p the result (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_progress_as_of(const km_progress *p);

/** @brief What a scorecard covers. */
typedef enum km_scorecard_scope {
    KM_SCOPE_AGREEMENT = 0, /**< One agreement (subject: agreement id). */
    KM_SCOPE_PARTNER = 1,   /**< Agreements a partner is party to (subject: partner id). */
    KM_SCOPE_FRAMEWORK = 2, /**< Agreements under a framework (subject: framework id). */
    KM_SCOPE_FAMILY = 3,    /**< Agreements of a ::km_family (subject: the family). */
    KM_SCOPE_DIMENSION = 4, /**< Indicators of one ::km_dimension in every agreement (subject: the dimension). */
    KM_SCOPE_NETWORK = 5,   /**< Every agreement (subject ignored). */
    KM_SCOPE__COUNT = 6     /**< Number of scopes (not a scope). */
} km_scorecard_scope;

/** @brief Counts reported by km_scorecard_count(). */
typedef enum km_scorecard_counter {
    KM_SCORECARD_AGREEMENTS = 0,      /**< Agreements in scope. */
    KM_SCORECARD_INDICATORS = 1,      /**< Indicators in scope (rows). */
    KM_SCORECARD_SCOREABLE = 2,       /**< ... not qualitative and with weight > 0. */
    KM_SCORECARD_SCORED = 3,          /**< ... scoreable and with data. */
    KM_SCORECARD_NO_DATA = 4,         /**< Rows with status no data. */
    KM_SCORECARD_ON_TRACK = 5,        /**< Rows on track. */
    KM_SCORECARD_AT_RISK = 6,         /**< Rows at risk. */
    KM_SCORECARD_OFF_TRACK = 7,       /**< Rows off track. */
    KM_SCORECARD_NOT_SCORED = 8,      /**< Qualitative rows. */
    KM_SCORECARD_REPORTS_DUE = 9,     /**< Reporting periods due as of the date. */
    KM_SCORECARD_REPORTS_MISSING = 10, /**< ... not reported. */
    KM_SCORECARD_REPORTS_LATE = 11,   /**< ... reported after their due date. */
    KM_SCORECARD_DIMENSIONS_WITH_DATA = 12, /**< Dimensions with a sub-score. */
    KM_SCORECARD_COUNTER__COUNT = 13  /**< Number of counters (not a counter). */
} km_scorecard_counter;

/** @brief Components of the partnership health index. */
typedef enum km_health_component {
    KM_HEALTH_PERFORMANCE = 0, /**< Mean of the dimension sub-scores. */
    KM_HEALTH_COMPLIANCE = 1,  /**< Share of due reports made on time. */
    KM_HEALTH_COVERAGE = 2,    /**< Share of scoreable indicators with data. */
    KM_HEALTH__COUNT = 3       /**< Number of components (not a component). */
} km_health_component;

/**
 * @brief Weight of a component in the health index: performance 0.60,
 *        compliance 0.25, coverage 0.15 (they add up to 1).
 * @param component a ::km_health_component.
 * @return the weight; 0 for an unknown component.
 */
KM_EXTERN double km_health_weight(int component);

/** @brief Current version of ::km_scorecard_query. */
#define KM_SCORECARD_QUERY_VERSION 1

/** @brief What km_scorecard_compute() and km_scorecard_trend() evaluate. */
typedef struct km_scorecard_query {
    unsigned int version; /**< #KM_SCORECARD_QUERY_VERSION. */
    int scope;            /**< A ::km_scorecard_scope. */
    uint64_t subject;     /**< Agreement, partner or framework id, or the family or dimension value. */
    const char *as_of;    /**< `YYYY-MM-DD` (km_scorecard_trend() ignores it). */
    int knowledge;        /**< A ::km_knowledge. */
    int running_only;     /**< Wider scopes: non-zero keeps only agreements whose start..end covers the date. */
} km_scorecard_query;

/** @brief Static initializer for ::km_scorecard_query (the whole network; set @ref km_scorecard_query::as_of). */
#define KM_SCORECARD_QUERY_INIT { KM_SCORECARD_QUERY_VERSION, KM_SCOPE_NETWORK, 0, NULL, KM_KNOWLEDGE_CURRENT, 0 }

/** @brief A scorecard as of a date, with every component (immutable). */
typedef struct km_scorecard km_scorecard;

/**
 * @brief Computes a scorecard.
 *
 * The agreement scope takes the agreement in any state. Wider scopes take
 * agreements that were signed (signed, active, suspended, completed,
 * terminated or expired) and started on or before the date. Rows are every
 * indicator of those agreements that is active or was retired after the
 * date (the dimension scope: only indicators of that dimension). Formulas:
 * docs/evaluation.md.
 * @param[out] out receives the scorecard; free with km_scorecard_free().
 * @param net the network.
 * @param query what to evaluate.
 * @return 0; #KM_EINVAL (bad scope, subject or date); #KM_ENOTFOUND (the
 *         agreement, partner or framework); #KM_EVERSION; #KM_ERANGE;
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_scorecard_compute(km_scorecard **out, km_network *net, const km_scorecard_query *query);

/**
 * @brief Releases a scorecard. NULL is a no-op.
 * @param sc the scorecard (may be NULL).
 */
KM_EXTERN void km_scorecard_free(km_scorecard *sc);

/**
 * @brief Scope.
 * @param sc the scorecard (may be NULL).
 * @return a ::km_scorecard_scope; -1 for NULL.
 */
KM_EXTERN int km_scorecard_scope_of(const km_scorecard *sc);
/**
 * @brief Subject of the scope.
 * @param sc the scorecard (may be NULL).
 * @return the id or enum value; 0 for NULL.
 */
KM_EXTERN uint64_t km_scorecard_subject(const km_scorecard *sc);
/**
 * @brief As-of date.
 * @param sc the scorecard (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_scorecard_as_of(const km_scorecard *sc);
/**
 * @brief Overall score in [0, 1]: for one agreement the weighted mean of
 *        its indicators' scores; for a wider scope the mean of its
 *        agreements' scores.
 * @param sc the scorecard (may be NULL).
 * @return the score, or -1 when nothing could be scored.
 */
KM_EXTERN double km_scorecard_score(const km_scorecard *sc);
/**
 * @brief Partnership health index in [0, 100]:
 *        `100 x (0.60 x performance + 0.25 x compliance + 0.15 x coverage)`.
 * @param sc the scorecard (may be NULL).
 * @return the index, or -1 when the scope has no indicator.
 */
KM_EXTERN double km_scorecard_health_index(const km_scorecard *sc);
/**
 * @brief A component of the health index.
 * @param sc the scorecard (may be NULL).
 * @param component a ::km_health_component.
 * @return the component in [0, 1]; -1 for NULL or an unknown component.
 */
KM_EXTERN double km_scorecard_health_component(const km_scorecard *sc, int component);
/**
 * @brief Sub-score of one benefit dimension in [0, 1].
 * @param sc the scorecard (may be NULL).
 * @param dimension a ::km_dimension.
 * @return the sub-score, or -1 when the dimension has nothing scored.
 */
KM_EXTERN double km_scorecard_dimension_score(const km_scorecard *sc, int dimension);
/**
 * @brief A count.
 * @param sc the scorecard (may be NULL).
 * @param counter a ::km_scorecard_counter.
 * @return the count; 0 for NULL or an unknown counter.
 */
KM_EXTERN uint64_t km_scorecard_count(const km_scorecard *sc, int counter);
/**
 * @brief Number of agreement rows (in ascending id order).
 * @param sc the scorecard (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_scorecard_agreement_count(const km_scorecard *sc);
/**
 * @brief Id of the @p i-th agreement.
 * @param sc the scorecard (may be NULL).
 * @param i zero-based index.
 * @return the id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_scorecard_agreement_id(const km_scorecard *sc, size_t i);
/**
 * @brief Score of the @p i-th agreement: `sum(w x score) / sum(w)` over its
 *        scored indicators.
 * @param sc the scorecard (may be NULL).
 * @param i zero-based index.
 * @return the score, or -1 when none of its indicators is scored (or out of range).
 */
KM_EXTERN double km_scorecard_agreement_score(const km_scorecard *sc, size_t i);
/**
 * @brief Sum of the weights of the @p i-th agreement's scored indicators
 *        (the denominator of its score).
 * @param sc the scorecard (may be NULL).
 * @param i zero-based index.
 * @return the sum; 0 when out of range.
 */
KM_EXTERN uint64_t km_scorecard_agreement_weight(const km_scorecard *sc, size_t i);
/**
 * @brief Sub-score of one dimension within the @p i-th agreement.
 * @param sc the scorecard (may be NULL).
 * @param i zero-based index.
 * @param dimension a ::km_dimension.
 * @return the sub-score, or -1 when nothing is scored there.
 */
KM_EXTERN double km_scorecard_agreement_dimension_score(const km_scorecard *sc, size_t i, int dimension);
/**
 * @brief Number of indicator rows (by agreement, then indicator id).
 * @param sc the scorecard (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_scorecard_indicator_count(const km_scorecard *sc);
/**
 * @brief The @p i-th indicator row, read with the `km_progress_*` accessors.
 * @param sc the scorecard (may be NULL).
 * @param i zero-based index.
 * @return a borrowed result valid while @p sc lives (do not free it), or
 *         NULL when out of range.
 */
KM_EXTERN const km_progress *km_scorecard_indicator(const km_scorecard *sc, size_t i);

/** @brief Most points in a trend. */
#define KM_TREND_POINTS_MAX 600

/** @brief A series of scorecard values (immutable). */
typedef struct km_trend km_trend;

/**
 * @brief Computes a scorecard at the end of every calendar period of
 *        @p frequency whose end lies in @p from..@p to: the series a chart
 *        plots. The query's `as_of` is ignored; its knowledge applies per
 *        point (#KM_KNOWLEDGE_AS_OF: each point as known on its date).
 * @param[out] out receives the series; free with km_trend_free().
 * @param net the network.
 * @param query the scorecard to follow.
 * @param from first day, `YYYY-MM-DD`.
 * @param to last day, `YYYY-MM-DD` (>= @p from).
 * @param frequency a ::km_frequency.
 * @return 0; #KM_EINVAL (bad dates or more than #KM_TREND_POINTS_MAX
 *         points); as km_scorecard_compute().
 */
KM_EXTERN int km_scorecard_trend(km_trend **out, km_network *net, const km_scorecard_query *query, const char *from,
                                 const char *to, int frequency);
/**
 * @brief Number of points.
 * @param t the series (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_trend_count(const km_trend *t);
/**
 * @brief Date (period end) of the @p i-th point.
 * @param t the series (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_trend_date(const km_trend *t, size_t i);
/**
 * @brief Score at the @p i-th point (as km_scorecard_score()).
 * @param t the series (may be NULL).
 * @param i zero-based index.
 * @return the score, or -1.
 */
KM_EXTERN double km_trend_score(const km_trend *t, size_t i);
/**
 * @brief Health index at the @p i-th point.
 * @param t the series (may be NULL).
 * @param i zero-based index.
 * @return the index, or -1.
 */
KM_EXTERN double km_trend_health_index(const km_trend *t, size_t i);
/**
 * @brief Dimension sub-score at the @p i-th point.
 * @param t the series (may be NULL).
 * @param i zero-based index.
 * @param dimension a ::km_dimension.
 * @return the sub-score, or -1.
 */
KM_EXTERN double km_trend_dimension_score(const km_trend *t, size_t i, int dimension);
/**
 * @brief Releases a series. NULL is a no-op.
 * @param t the series (may be NULL).
 */
KM_EXTERN void km_trend_free(km_trend *t);

/* ---- missing and late reports ---- */

/** @brief Kinds of reporting problems. */
typedef enum km_report_kind {
    KM_REPORT_MISSING = 0, /**< Overdue and not reported (belum dilaporkan). */
    KM_REPORT_LATE = 1,    /**< Reported after its due date (terlambat). */
    KM_REPORT_KIND__COUNT = 2 /**< Number of kinds (not a kind). */
} km_report_kind;

/** @brief Current version of ::km_reporting_query. */
#define KM_REPORTING_QUERY_VERSION 1

/** @brief Filters for km_reporting_list(). */
typedef struct km_reporting_query {
    unsigned int version;  /**< #KM_REPORTING_QUERY_VERSION. */
    const char *as_of;     /**< `YYYY-MM-DD` (required). */
    uint64_t agreement_id; /**< Only this agreement, or 0. */
    uint64_t partner_id;   /**< Only indicators this partner is responsible for (their reporter), or 0. */
    int include_late;      /**< Non-zero also lists late reports. */
} km_reporting_query;

/** @brief Static initializer for ::km_reporting_query (set @ref km_reporting_query::as_of). */
#define KM_REPORTING_QUERY_INIT { KM_REPORTING_QUERY_VERSION, NULL, 0, 0, 0 }

/** @brief Reporting problems as of a date, grouped by partner (immutable). */
typedef struct km_reporting km_reporting;

/**
 * @brief Lists, for the indicators of signed (or later) agreements, every
 *        reporting period whose report is overdue as of the date and, on
 *        request, every one reported late. Rows are ordered by responsible
 *        partner (0 = unassigned first), agreement, indicator and period.
 *
 * Reporting periods are the calendar periods of the indicator's frequency,
 * clipped to the agreement's start..end (an ended or suspended agreement's
 * window closes on the day of that change). A period's report is due its
 * last day plus the grace days; it is overdue when the due date is before
 * the as-of date and the submitted or approved measurements of the
 * indicator, first submitted on or before the as-of date, do not cover
 * every day of it. It is late when they cover it but the last of them was
 * first submitted after the due date. Details: docs/evaluation.md.
 * @param[out] out receives the list; free with km_reporting_free().
 * @param net the network.
 * @param query filters (as_of required).
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (the agreement); #KM_EVERSION;
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_reporting_list(km_reporting **out, km_network *net, const km_reporting_query *query);
/**
 * @brief Number of rows.
 * @param r the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_reporting_count(const km_reporting *r);
/**
 * @brief Partner of the @p i-th row: the indicator's reporter for a missing
 *        report, the reporting partner for a late one (0 = unassigned).
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return the partner id.
 */
KM_EXTERN uint64_t km_reporting_partner(const km_reporting *r, size_t i);
/**
 * @brief Agreement of the @p i-th row.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return the agreement id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_reporting_agreement(const km_reporting *r, size_t i);
/**
 * @brief Indicator of the @p i-th row.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return the indicator id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_reporting_indicator(const km_reporting *r, size_t i);
/**
 * @brief Kind of the @p i-th row.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_report_kind, or -1 when out of range.
 */
KM_EXTERN int km_reporting_kind(const km_reporting *r, size_t i);
/**
 * @brief First day of the @p i-th row's reporting period.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_reporting_period_start(const km_reporting *r, size_t i);
/**
 * @brief Last day of the @p i-th row's reporting period.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_reporting_period_end(const km_reporting *r, size_t i);
/**
 * @brief Due date of the @p i-th row's report.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_reporting_due_date(const km_reporting *r, size_t i);
/**
 * @brief Day a late report was (last) first submitted.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD` for a late row; NULL for a missing one or out of range.
 */
KM_EXTERN const char *km_reporting_submitted_on(const km_reporting *r, size_t i);
/**
 * @brief Totals over every indicator the query covers.
 * @param[out] out_due receives the number of reporting periods due (may be NULL).
 * @param[out] out_missing receives the number missing (may be NULL).
 * @param[out] out_late receives the number reported late (may be NULL).
 * @param r the list (may be NULL).
 */
KM_EXTERN void km_reporting_totals(uint64_t *out_due, uint64_t *out_missing, uint64_t *out_late,
                                   const km_reporting *r);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param r the list (may be NULL).
 */
KM_EXTERN void km_reporting_free(km_reporting *r);

/* ---- one indicator across agreements ---- */

/** @brief Current version of ::km_aggregate_query. */
#define KM_AGGREGATE_QUERY_VERSION 1

/**
 * @brief Which indicators km_indicator_aggregate() combines: those made
 *        from a template, or those with a code, in signed (or later)
 *        agreements, not retired by the as-of date. They must share measure
 *        and scale.
 */
typedef struct km_aggregate_query {
    unsigned int version;  /**< #KM_AGGREGATE_QUERY_VERSION. */
    uint64_t template_id;  /**< Indicators instantiated from this template, or 0. */
    const char *code;      /**< Or: indicators with this code (when template_id is 0). */
    uint64_t framework_id; /**< Only agreements under this framework, or 0. */
    const char *as_of;     /**< `YYYY-MM-DD` (required). */
    int knowledge;         /**< A ::km_knowledge. */
} km_aggregate_query;

/** @brief Static initializer for ::km_aggregate_query. */
#define KM_AGGREGATE_QUERY_INIT { KM_AGGREGATE_QUERY_VERSION, 0, NULL, 0, NULL, KM_KNOWLEDGE_CURRENT }

/** @brief One indicator aggregated across agreements (immutable). */
typedef struct km_aggregate km_aggregate;

/**
 * @brief Aggregates each selected indicator over time (its own rule), then
 *        across agreements by the cross-aggregation rule of the template
 *        (or of the indicators, which must agree). Percentages and ratios
 *        pool: sum of numerators over sum of denominators.
 * @param[out] out receives the result; free with km_aggregate_free().
 * @param net the network.
 * @param query the selection.
 * @return 0 (also when nothing matches: see km_aggregate_has_value());
 *         #KM_EINVAL (no selection, bad date, the indicators differ in
 *         measure, scale or rule, or a nominal or qualitative measure);
 *         #KM_ENOTFOUND (template); #KM_ERANGE; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_aggregate(km_aggregate **out, km_network *net, const km_aggregate_query *query);
/**
 * @brief The cross-aggregation rule applied.
 * @param a the result (may be NULL).
 * @return a ::km_cross_aggregation; -1 for NULL.
 */
KM_EXTERN int km_aggregate_rule(const km_aggregate *a);
/**
 * @brief Measure of the indicators.
 * @param a the result (may be NULL).
 * @return a ::km_measure; -1 for NULL or when nothing matched.
 */
KM_EXTERN int km_aggregate_measure(const km_aggregate *a);
/**
 * @brief Whether any indicator had data.
 * @param a the result (may be NULL).
 * @return 1 or 0.
 */
KM_EXTERN int km_aggregate_has_value(const km_aggregate *a);
/**
 * @brief The aggregate as a real number (derived).
 * @param a the result (may be NULL).
 * @return the value; 0 without data.
 */
KM_EXTERN double km_aggregate_value(const km_aggregate *a);
/**
 * @brief The aggregate exactly, when the rule is a sum: pooled numerator
 *        and denominator of percentages and ratios, or the sum of unit
 *        values whose time aggregates are whole (denominator 1).
 * @param[out] out_numerator receives the numerator (may be NULL).
 * @param[out] out_denominator receives the denominator (may be NULL).
 * @param a the result (may be NULL).
 * @return 1 when exact values were given, 0 otherwise.
 */
KM_EXTERN int km_aggregate_exact(int64_t *out_numerator, int64_t *out_denominator, const km_aggregate *a);
/**
 * @brief Number of indicators selected (rows, in agreement order).
 * @param a the result (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_aggregate_count(const km_aggregate *a);
/**
 * @brief The @p i-th selected indicator, read with the `km_progress_*`
 *        accessors (its actual, weight, agreement...).
 * @param a the result (may be NULL).
 * @param i zero-based index.
 * @return a borrowed result valid while @p a lives, or NULL when out of range.
 */
KM_EXTERN const km_progress *km_aggregate_row(const km_aggregate *a, size_t i);
/**
 * @brief Releases a result. NULL is a no-op.
 * @param a the result (may be NULL).
 */
KM_EXTERN void km_aggregate_free(km_aggregate *a);

/* ---- labels ---- */

/**
 * @brief Label of a progress status.
 * @param status a ::km_progress_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_progress_status_label(int status, int lang);
/**
 * @brief Label of a scorecard scope.
 * @param scope a ::km_scorecard_scope.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_scorecard_scope_label(int scope, int lang);
/**
 * @brief Label of a health index component.
 * @param component a ::km_health_component.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_health_component_label(int component, int lang);
/**
 * @brief Label of a reporting problem kind.
 * @param kind a ::km_report_kind.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_report_kind_label(int kind, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_SCORECARD_H */
