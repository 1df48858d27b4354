/**
 * @file indicator.h
 * @brief Monitoring and evaluation, part 1: indicators attached to
 *        agreements, indicator templates of frameworks, measurements with
 *        their approval workflow and versions, and period locks.
 *
 * This is the government as evaluator (*memantau dan mengevaluasi*): does
 * each partnership deliver the benefits it promised? Progress, scorecards,
 * missing reports and trends are in scorecard.h; the rules and formulas are
 * in docs/evaluation.md.
 *
 * **Indicators** belong to one agreement and follow IATI 2.03 results: a
 * result level (IATI ResultType), a measure (IATI IndicatorMeasure, plus
 * ratio), a direction (IATI `ascending`), a baseline and targets. Each
 * indicator also names the benefit dimension it evidences (::km_dimension),
 * its weight within the agreement, how often it is reported, and how its
 * values aggregate over time and across agreements (as in DHIS2).
 *
 * **Values are exact.** Nothing stored is floating point. Every value is a
 * pair of `int64_t`: a numerator and a denominator (1 unless the measure is
 * a percentage or a ratio), in units of 10^-scale where `scale` is the
 * indicator's number of decimal places: with scale 2, the unit value 1234
 * means 12.34 (households, tonnes, ...). A percentage is 100 x
 * numerator / denominator and a ratio is numerator / denominator (the scale
 * cancels). Percentages and ratios are aggregated by summing numerators and
 * denominators, never by averaging percentages.
 *
 * **Templates** are indicator definitions at the framework level (every KPBU
 * under a framework reports availability and user satisfaction). A template
 * is a ::km_indicator record with a framework id and no agreement;
 * km_indicator_instantiate_templates() copies the templates of an
 * agreement's framework onto it. Indicator and template ids are drawn from
 * one sequence (1, 2, 3, ...), so an id names exactly one record in the
 * audit trail (#KM_ENTITY_INDICATOR).
 *
 * **Measurements** are values reported by a party of the agreement for a
 * period, with evidence and a comment. Workflow: `draft -> submitted ->
 * approved | returned`; a returned or approved measurement is corrected by
 * km_measurement_revise(), which makes a new draft version while every
 * earlier version stays readable. Only approved values count, and an
 * approved version keeps counting until a later version of the same
 * measurement is approved (it then becomes superseded). Measurement and
 * period-lock ids are drawn from one sequence (#KM_ENTITY_MEASUREMENT).
 *
 * **Who may do what.** Reporting (create, update, submit, revise) is done
 * for a partner: the network's actor must equal the reporting partner's
 * external id or start with `admin:`. Deciding (approve, return) needs an
 * actor starting with `admin:` or the external id of another party of the
 * agreement (never the reporting partner itself). Locking and unlocking
 * periods needs an `admin:` actor. These rules are checked when the change
 * is made (log replay does not re-check them) and give #KM_EDENIED; the
 * authorizer hook can restrict further.
 */
#ifndef KEMITRAAN_INDICATOR_H
#define KEMITRAAN_INDICATOR_H

#include "common.h"
#include "network.h"
#include "dimension.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Result levels (IATI ResultType; km_result_level_iati()). */
typedef enum km_result_level {
    KM_RESULT_OUTPUT = 0,  /**< Output (keluaran); IATI 1. */
    KM_RESULT_OUTCOME = 1, /**< Outcome (hasil); IATI 2. */
    KM_RESULT_IMPACT = 2,  /**< Impact (dampak); IATI 3. */
    KM_RESULT_OTHER = 3,   /**< Other (lainnya); IATI 9. */
    KM_RESULT_LEVEL__COUNT = 4 /**< Number of levels (not a level). */
} km_result_level;

/** @brief How an indicator is measured (IATI IndicatorMeasure plus ratio; km_measure_iati()). */
typedef enum km_measure {
    KM_MEASURE_UNIT = 0,        /**< A quantity in units of 10^-scale; IATI 1. */
    KM_MEASURE_PERCENTAGE = 1,  /**< 100 x numerator / denominator; 0..100 unless allowed above; IATI 2. */
    KM_MEASURE_NOMINAL = 2,     /**< A category 1..k (scale_max = k categories); IATI 3. */
    KM_MEASURE_ORDINAL = 3,     /**< A rank on a scale 1..k (scale_max = k); IATI 4. */
    KM_MEASURE_QUALITATIVE = 4, /**< A text; never scored; IATI 5. */
    KM_MEASURE_RATIO = 5,       /**< numerator / denominator; no IATI code. */
    KM_MEASURE__COUNT = 6       /**< Number of measures (not a measure). */
} km_measure;

/** @brief Which way is better. */
typedef enum km_direction {
    KM_DIRECTION_ASCENDING = 0,  /**< Higher is better (IATI ascending="1"). */
    KM_DIRECTION_DESCENDING = 1, /**< Lower is better (IATI ascending="0"). */
    KM_DIRECTION__COUNT = 2      /**< Number of directions (not a direction). */
} km_direction;

/** @brief Reporting frequency; reporting periods are calendar months, quarters, halves or years. */
typedef enum km_frequency {
    KM_FREQUENCY_MONTHLY = 0,    /**< Every calendar month (bulanan). */
    KM_FREQUENCY_QUARTERLY = 1,  /**< Every calendar quarter (triwulanan). */
    KM_FREQUENCY_SEMIANNUAL = 2, /**< January-June and July-December (semesteran). */
    KM_FREQUENCY_ANNUAL = 3,     /**< Every calendar year (tahunan). */
    KM_FREQUENCY__COUNT = 4      /**< Number of frequencies (not a frequency). */
} km_frequency;

/**
 * @brief How the approved values of one indicator combine over time (the
 *        "actual" as of a date). Percentages and ratios pool: SUM means
 *        sum of numerators / sum of denominators.
 */
typedef enum km_time_aggregation {
    KM_TIME_AGG_SUM = 0,     /**< Sum of the period values (pooled for percentages and ratios). */
    KM_TIME_AGG_LAST = 1,    /**< Value of the latest period. */
    KM_TIME_AGG_AVERAGE = 2, /**< Mean of the period values (unit and ordinal only). */
    KM_TIME_AGG_MAX = 3,     /**< Largest period value. */
    KM_TIME_AGG_MIN = 4,     /**< Smallest period value. */
    KM_TIME_AGG__COUNT = 5   /**< Number of rules (not a rule). */
} km_time_aggregation;

/** @brief How one indicator's actuals combine across agreements (km_indicator_aggregate()). */
typedef enum km_cross_aggregation {
    KM_CROSS_AGG_SUM = 0,              /**< Sum (pooled numerators and denominators for percentages and ratios). */
    KM_CROSS_AGG_AVERAGE = 1,          /**< Mean over agreements (unit and ordinal only). */
    KM_CROSS_AGG_WEIGHTED_AVERAGE = 2, /**< Mean weighted by each indicator's weight (unit and ordinal only). */
    KM_CROSS_AGG__COUNT = 3            /**< Number of rules (not a rule). */
} km_cross_aggregation;

/** @brief Indicator (and template) states. */
typedef enum km_indicator_status {
    KM_INDICATOR_ACTIVE = 0,  /**< In use (aktif). */
    KM_INDICATOR_RETIRED = 1, /**< No longer reported or scored from its retirement day on (dihentikan). */
    KM_INDICATOR_STATUS__COUNT = 2 /**< Number of states (not a state). */
} km_indicator_status;

/** @brief Measurement version states. */
typedef enum km_measurement_status {
    KM_MEASUREMENT_DRAFT = 0,      /**< Being prepared by the reporting partner (draf). */
    KM_MEASUREMENT_SUBMITTED = 1,  /**< Submitted for approval (diajukan). */
    KM_MEASUREMENT_APPROVED = 2,   /**< Approved: this version counts (disetujui). */
    KM_MEASUREMENT_RETURNED = 3,   /**< Returned for revision (dikembalikan untuk perbaikan). */
    KM_MEASUREMENT_SUPERSEDED = 4, /**< Was approved; replaced by a later approved version (digantikan). */
    KM_MEASUREMENT_STATUS__COUNT = 5 /**< Number of states (not a state). */
} km_measurement_status;

/** @name Limits */
/**@{*/
#define KM_INDICATOR_CODE_MAX 50          /**< Longest code (letters, digits, `.`, `_`, `-`). */
#define KM_INDICATOR_TITLE_MAX 300        /**< Longest title, bytes of UTF-8. */
#define KM_INDICATOR_DESCRIPTION_MAX 4000 /**< Longest description. */
#define KM_INDICATOR_UNIT_MAX 50          /**< Longest unit label. */
#define KM_INDICATOR_DECIMALS_MAX 9       /**< Largest scale (decimal places). */
#define KM_INDICATOR_CATEGORIES_MAX 1000  /**< Largest ordinal scale or nominal category count. */
#define KM_INDICATOR_TARGETS_MAX 240      /**< Most targets per indicator. */
#define KM_INDICATOR_WEIGHT_MAX 1000000   /**< Largest weight. */
#define KM_INDICATOR_GRACE_MAX 366        /**< Largest grace period in days. */
#define KM_INDICATORS_PER_AGREEMENT_MAX 500 /**< Most indicators on one agreement (templates per framework too). */
#define KM_MEASUREMENT_TEXT_MAX 4000      /**< Longest qualitative value, comment, note or reason. */
#define KM_MEASUREMENT_URI_MAX 2048       /**< Longest evidence URI. */
#define KM_MEASUREMENT_VERSIONS_MAX 100   /**< Most versions of one measurement. */
/**@}*/

/** @name Field mask bits for km_indicator_update() and km_indicator_template_update() */
/**@{*/
#define KM_INDICATOR_F_CODE         0x0001u /**< code */
#define KM_INDICATOR_F_TITLE        0x0002u /**< title */
#define KM_INDICATOR_F_DESCRIPTION  0x0004u /**< description */
#define KM_INDICATOR_F_RESULT_LEVEL 0x0008u /**< result_level */
#define KM_INDICATOR_F_MEASURE      0x0010u /**< measure, scale, scale_max and allow_over_100 (fixed once measured) */
#define KM_INDICATOR_F_UNIT_LABEL   0x0020u /**< unit_label */
#define KM_INDICATOR_F_DIMENSION    0x0040u /**< dimension */
#define KM_INDICATOR_F_DIRECTION    0x0080u /**< direction */
#define KM_INDICATOR_F_BASELINE     0x0100u /**< baseline value, denominator and date */
#define KM_INDICATOR_F_TARGETS      0x0200u /**< the whole target list */
#define KM_INDICATOR_F_WEIGHT       0x0400u /**< weight */
#define KM_INDICATOR_F_FREQUENCY    0x0800u /**< frequency and grace_days */
#define KM_INDICATOR_F_AGGREGATION  0x1000u /**< time_aggregation and cross_aggregation */
#define KM_INDICATOR_F_REPORTER     0x2000u /**< reporter_id */
#define KM_INDICATOR_F_ALL          0x3FFFu /**< every field */
/**@}*/

/** @brief Current version of ::km_indicator_fields. */
#define KM_INDICATOR_FIELDS_VERSION 1

/**
 * @brief Input for km_indicator_create(), km_indicator_update() and the
 *        template functions. Strings and arrays are borrowed for the call.
 *
 * Validation (each failure is #KM_EINVAL naming the field):
 * - `code`: required, 1..#KM_INDICATOR_CODE_MAX bytes of letters, digits,
 *   `.`, `_` and `-`; unique within the agreement (templates: within the
 *   framework), else #KM_EEXISTS;
 * - `title`: required, one line; `description`, `unit_label`: optional;
 * - enums: valid ::km_result_level, ::km_measure, ::km_dimension,
 *   ::km_direction, ::km_frequency, ::km_time_aggregation and
 *   ::km_cross_aggregation values; the aggregations must suit the measure
 *   (docs/evaluation.md): percentages and ratios pool (time SUM, LAST,
 *   MAX, MIN; cross SUM only), ordinals do not add up (time LAST,
 *   AVERAGE, MAX, MIN; cross AVERAGE or WEIGHTED_AVERAGE), nominal and
 *   qualitative values are only ever the latest (time LAST);
 * - `scale`: 0..#KM_INDICATOR_DECIMALS_MAX decimal places; 0 for ordinal and
 *   nominal measures;
 * - `scale_max`: the top of an ordinal scale or the number of nominal
 *   categories, 2..#KM_INDICATOR_CATEGORIES_MAX; 0 for other measures;
 * - `allow_over_100`: only for percentages (values above 100 % allowed);
 * - `baseline_date`: required `YYYY-MM-DD` (templates: must be NULL, the
 *   agreement's start date is used);
 * - `baseline_value` / `baseline_denominator`: a value of the measure's
 *   domain (below); nominal: a category or 0 for none; qualitative: 0;
 * - targets (`targets_count` <= #KM_INDICATOR_TARGETS_MAX): the level to
 *   reach by each date, in the same terms as the actual (for time SUM: the
 *   running total). Dates are strictly increasing and after the baseline
 *   date; each value is in the domain and not on the wrong side of the
 *   baseline (ascending: >= baseline, descending: <= baseline). Scored
 *   measures need at least one target; qualitative indicators have none.
 *   Templates have at most one target and no dates (the agreement's end
 *   date is used). `target_denominators` may be NULL (every denominator 1);
 * - `weight`: 0..#KM_INDICATOR_WEIGHT_MAX, the indicator's share in its
 *   agreement's score (0 = reported but not scored);
 * - `reporter_id`: the party responsible for reporting (a party of the
 *   agreement), or 0 for unassigned; templates: 0;
 * - `grace_days`: days after a period's end before its report is overdue,
 *   0..#KM_INDICATOR_GRACE_MAX, or -1 for the network default
 *   (km_evaluation_set_thresholds()).
 *
 * Domains: unit: any numerator, denominator 1 (0 is read as 1);
 * percentage: denominator > 0 and 0 <= numerator <= denominator (or any
 * numerator >= 0 with `allow_over_100`); ratio: denominator > 0; ordinal and
 * nominal: 1..scale_max, denominator 1; qualitative: a text, numerator 0.
 */
typedef struct km_indicator_fields {
    unsigned int version;             /**< #KM_INDICATOR_FIELDS_VERSION. */
    const char *code;                 /**< Short code, e.g. `AVAIL-01`. */
    const char *title;                /**< Title (judul indikator). */
    const char *description;          /**< Definition and method, or NULL. */
    int result_level;                 /**< A ::km_result_level. */
    int measure;                      /**< A ::km_measure. */
    const char *unit_label;           /**< Unit shown with values (`rumah tangga`, `%`), or NULL. */
    int dimension;                    /**< The ::km_dimension it evidences. */
    int direction;                    /**< A ::km_direction. */
    uint32_t scale;                   /**< Decimal places of values (value 1234 with scale 2 is 12.34). */
    uint32_t scale_max;               /**< Ordinal: top of the scale; nominal: number of categories; else 0. */
    int allow_over_100;               /**< Percentage only: non-zero allows values above 100 %. */
    int64_t baseline_value;           /**< Baseline numerator. */
    int64_t baseline_denominator;     /**< Baseline denominator (percentage, ratio), else 0 or 1. */
    const char *baseline_date;        /**< `YYYY-MM-DD` the baseline was measured; start of the plan. */
    const char *const *target_dates;  /**< `YYYY-MM-DD` of each target (NULL for templates). */
    const int64_t *target_values;     /**< Numerator of each target. */
    const int64_t *target_denominators; /**< Denominator of each target, or NULL for all 1. */
    size_t targets_count;             /**< Number of targets. */
    uint32_t weight;                  /**< Weight within the agreement. */
    int frequency;                    /**< A ::km_frequency. */
    int time_aggregation;             /**< A ::km_time_aggregation. */
    int cross_aggregation;            /**< A ::km_cross_aggregation. */
    uint64_t reporter_id;             /**< Responsible reporting partner, or 0. */
    int32_t grace_days;               /**< Reporting grace period in days, or -1 for the network default. */
} km_indicator_fields;

/** @brief Static initializer: a unit output of the impact dimension, ascending, weight 1, quarterly, time LAST, cross SUM, default grace. */
#define KM_INDICATOR_FIELDS_INIT { KM_INDICATOR_FIELDS_VERSION, NULL, NULL, NULL, KM_RESULT_OUTPUT, KM_MEASURE_UNIT, \
                                   NULL, KM_DIMENSION_IMPACT, KM_DIRECTION_ASCENDING, 0, 0, 0, 0, 0, NULL, NULL, \
                                   NULL, NULL, 0, 1, KM_FREQUENCY_QUARTERLY, KM_TIME_AGG_LAST, KM_CROSS_AGG_SUM, 0, -1 }

/** @brief Immutable snapshot of one version of an indicator or template. */
typedef struct km_indicator km_indicator;

/**
 * @brief Attaches an indicator to an agreement that has not ended (draft,
 *        proposed, signed, active or suspended).
 * @param[out] out_id receives the new indicator's id (may be NULL).
 * @param net the network.
 * @param agreement_id the agreement.
 * @param fields the indicator (see ::km_indicator_fields).
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (agreement, or the
 *         reporter is not a party); #KM_EEXISTS (code taken on the
 *         agreement); #KM_ESTATE (agreement ended or cancelled, or it has
 *         #KM_INDICATORS_PER_AGREEMENT_MAX indicators); #KM_EVERSION;
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE;
 *         #KM_ENOMEM. On error nothing changes.
 */
KM_EXTERN int km_indicator_create(uint64_t *out_id, km_network *net, uint64_t agreement_id,
                                  const km_indicator_fields *fields);

/**
 * @brief Changes an active indicator: makes version N+1 (version N stays
 *        readable with km_indicator_get_version()). The measure, scale,
 *        scale_max and allow_over_100 are fixed once the indicator has a
 *        measurement.
 * @param net the network.
 * @param id the indicator.
 * @param fields new values (only the fields in @p mask are read).
 * @param mask `KM_INDICATOR_F_*` bits (not 0).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_EEXISTS; #KM_ESTATE (retired,
 *         agreement ended, measure change after measurements, or the id is
 *         a template); #KM_EVERSION; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_update(km_network *net, uint64_t id, const km_indicator_fields *fields, uint32_t mask);

/**
 * @brief Retires an indicator: from the day of this change on it is not
 *        reported, measured or scored (scorecards as of earlier dates still
 *        use it).
 * @param net the network.
 * @param id the indicator.
 * @param reason why (required, at most #KM_MEASUREMENT_TEXT_MAX bytes).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE (already retired, or a
 *         template); #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_retire(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Reads the current version of an indicator or template.
 * @param[out] out receives a handle; free with km_indicator_free().
 * @param net the network.
 * @param id the indicator or template.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_get(km_indicator **out, km_network *net, uint64_t id);

/**
 * @brief Reads version @p version (1..current) of an indicator or template.
 * @param[out] out receives a handle; free with km_indicator_free().
 * @param net the network.
 * @param id the indicator or template.
 * @param version the version.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (id or version); #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_get_version(km_indicator **out, km_network *net, uint64_t id, uint32_t version);

/**
 * @brief Reads the indicator of an agreement by its code (exact match).
 * @param[out] out receives a handle; free with km_indicator_free().
 * @param net the network.
 * @param agreement_id the agreement.
 * @param code the code.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_get_by_code(km_indicator **out, km_network *net, uint64_t agreement_id, const char *code);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param ind the handle (may be NULL).
 */
KM_EXTERN void km_indicator_free(km_indicator *ind);

/**
 * @brief Id.
 * @param ind the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_indicator_id(const km_indicator *ind);
/**
 * @brief Whether the record is a framework template.
 * @param ind the handle (may be NULL).
 * @return 1 for a template, 0 for an agreement's indicator or NULL.
 */
KM_EXTERN int km_indicator_is_template(const km_indicator *ind);
/**
 * @brief Agreement the indicator belongs to.
 * @param ind the handle (may be NULL).
 * @return the agreement id; 0 for a template or NULL.
 */
KM_EXTERN uint64_t km_indicator_agreement_id(const km_indicator *ind);
/**
 * @brief Framework of a template.
 * @param ind the handle (may be NULL).
 * @return the framework id; 0 for an agreement's indicator or NULL.
 */
KM_EXTERN uint64_t km_indicator_framework_id(const km_indicator *ind);
/**
 * @brief Template an indicator was instantiated from.
 * @param ind the handle (may be NULL).
 * @return the template id, or 0.
 */
KM_EXTERN uint64_t km_indicator_template_id(const km_indicator *ind);
/**
 * @brief Version: 1 at creation, +1 per update.
 * @param ind the handle (may be NULL).
 * @return the version; 0 for NULL.
 */
KM_EXTERN uint32_t km_indicator_version(const km_indicator *ind);
/**
 * @brief Code.
 * @param ind the handle (may be NULL).
 * @return the code (lives as long as @p ind); NULL for NULL.
 */
KM_EXTERN const char *km_indicator_code(const km_indicator *ind);
/**
 * @brief Title.
 * @param ind the handle (may be NULL).
 * @return the title; NULL for NULL.
 */
KM_EXTERN const char *km_indicator_title(const km_indicator *ind);
/**
 * @brief Description.
 * @param ind the handle (may be NULL).
 * @return the description, or NULL when unset.
 */
KM_EXTERN const char *km_indicator_description(const km_indicator *ind);
/**
 * @brief Result level.
 * @param ind the handle (may be NULL).
 * @return a ::km_result_level; -1 for NULL.
 */
KM_EXTERN int km_indicator_result_level(const km_indicator *ind);
/**
 * @brief Measure.
 * @param ind the handle (may be NULL).
 * @return a ::km_measure; -1 for NULL.
 */
KM_EXTERN int km_indicator_measure(const km_indicator *ind);
/**
 * @brief Unit label.
 * @param ind the handle (may be NULL).
 * @return the label, or NULL when unset.
 */
KM_EXTERN const char *km_indicator_unit_label(const km_indicator *ind);
/**
 * @brief Benefit dimension.
 * @param ind the handle (may be NULL).
 * @return a ::km_dimension; -1 for NULL.
 */
KM_EXTERN int km_indicator_dimension(const km_indicator *ind);
/**
 * @brief Direction.
 * @param ind the handle (may be NULL).
 * @return a ::km_direction; -1 for NULL.
 */
KM_EXTERN int km_indicator_direction(const km_indicator *ind);
/**
 * @brief Decimal places of values.
 * @param ind the handle (may be NULL).
 * @return 0..#KM_INDICATOR_DECIMALS_MAX.
 */
KM_EXTERN uint32_t km_indicator_scale(const km_indicator *ind);
/**
 * @brief Top of the ordinal scale or number of nominal categories.
 * @param ind the handle (may be NULL).
 * @return the value, 0 for other measures.
 */
KM_EXTERN uint32_t km_indicator_scale_max(const km_indicator *ind);
/**
 * @brief Whether a percentage may exceed 100.
 * @param ind the handle (may be NULL).
 * @return 1 or 0.
 */
KM_EXTERN int km_indicator_allow_over_100(const km_indicator *ind);
/**
 * @brief Baseline value.
 * @param[out] out_denominator receives the denominator (may be NULL).
 * @param ind the handle (may be NULL).
 * @return the numerator; 0 for NULL.
 */
KM_EXTERN int64_t km_indicator_baseline(int64_t *out_denominator, const km_indicator *ind);
/**
 * @brief Baseline date.
 * @param ind the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL for a template or NULL.
 */
KM_EXTERN const char *km_indicator_baseline_date(const km_indicator *ind);
/**
 * @brief Number of targets.
 * @param ind the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_indicator_target_count(const km_indicator *ind);
/**
 * @brief The @p i-th target (in date order).
 * @param[out] out_value receives the numerator (may be NULL).
 * @param[out] out_denominator receives the denominator (may be NULL).
 * @param ind the handle.
 * @param i zero-based index.
 * @return the date `YYYY-MM-DD` (lives as long as @p ind); "" for a
 *         template's dateless target; NULL when out of range.
 */
KM_EXTERN const char *km_indicator_target(int64_t *out_value, int64_t *out_denominator, const km_indicator *ind,
                                          size_t i);
/**
 * @brief Weight within the agreement.
 * @param ind the handle (may be NULL).
 * @return the weight.
 */
KM_EXTERN uint32_t km_indicator_weight(const km_indicator *ind);
/**
 * @brief Reporting frequency.
 * @param ind the handle (may be NULL).
 * @return a ::km_frequency; -1 for NULL.
 */
KM_EXTERN int km_indicator_frequency(const km_indicator *ind);
/**
 * @brief Aggregation over time.
 * @param ind the handle (may be NULL).
 * @return a ::km_time_aggregation; -1 for NULL.
 */
KM_EXTERN int km_indicator_time_aggregation(const km_indicator *ind);
/**
 * @brief Aggregation across agreements.
 * @param ind the handle (may be NULL).
 * @return a ::km_cross_aggregation; -1 for NULL.
 */
KM_EXTERN int km_indicator_cross_aggregation(const km_indicator *ind);
/**
 * @brief Responsible reporting partner.
 * @param ind the handle (may be NULL).
 * @return the partner id, or 0 when unassigned.
 */
KM_EXTERN uint64_t km_indicator_reporter(const km_indicator *ind);
/**
 * @brief Grace period as set.
 * @param ind the handle (may be NULL).
 * @return days, or -1 for the network default.
 */
KM_EXTERN int32_t km_indicator_grace_days(const km_indicator *ind);
/**
 * @brief State.
 * @param ind the handle (may be NULL).
 * @return a ::km_indicator_status; -1 for NULL.
 */
KM_EXTERN int km_indicator_status_of(const km_indicator *ind);
/**
 * @brief Day the indicator was retired: the change's day in WIB (UTC+7;
 *        the UTC day for retirements logged by builds before the zone was
 *        recorded).
 * @param ind the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when active.
 */
KM_EXTERN const char *km_indicator_retired_on(const km_indicator *ind);
/**
 * @brief Reason given at retirement.
 * @param ind the handle (may be NULL).
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_indicator_status_reason(const km_indicator *ind);
/**
 * @brief Creation time, microseconds since the epoch.
 * @param ind the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_indicator_created(const km_indicator *ind);
/**
 * @brief Time this version was made, microseconds since the epoch.
 * @param ind the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_indicator_updated(const km_indicator *ind);

/** @brief Current version of ::km_indicator_query. */
#define KM_INDICATOR_QUERY_VERSION 1

/** @brief Filters for km_indicator_list(); every set filter must match. Results in ascending id order. */
typedef struct km_indicator_query {
    unsigned int version;   /**< #KM_INDICATOR_QUERY_VERSION. */
    uint64_t agreement_id;  /**< Indicators of this agreement, or 0. */
    uint64_t framework_id;  /**< With `templates` set: templates of this framework; else indicators of agreements under it; or 0. */
    uint64_t template_id;   /**< Indicators instantiated from this template, or 0. */
    int templates;          /**< Non-zero lists templates instead of indicators. */
    int dimension;          /**< A ::km_dimension, or -1. */
    int status;             /**< A ::km_indicator_status, or -1. */
    const char *cursor;     /**< From km_indicator_page_cursor(), or NULL to start. */
    uint32_t limit;         /**< Page size 1..1000; 0 means 50. */
} km_indicator_query;

/** @brief Static initializer for ::km_indicator_query (every indicator). */
#define KM_INDICATOR_QUERY_INIT { KM_INDICATOR_QUERY_VERSION, 0, 0, 0, 0, -1, -1, NULL, 0 }

/** @brief One page of indicators or templates. */
typedef struct km_indicator_page km_indicator_page;

/**
 * @brief Lists indicators or templates.
 * @param[out] out receives the page; free with km_indicator_page_free().
 * @param net the network.
 * @param query filters; NULL lists every indicator.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_list(km_indicator_page **out, km_network *net, const km_indicator_query *query);
/**
 * @brief Number of records on the page.
 * @param page the page (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_indicator_page_count(const km_indicator_page *page);
/**
 * @brief The @p i-th record, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return the handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_indicator *km_indicator_page_get(const km_indicator_page *page, size_t i);
/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL on the last page.
 */
KM_EXTERN const char *km_indicator_page_cursor(const km_indicator_page *page);
/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_indicator_page_free(km_indicator_page *page);

/**
 * @brief Records an indicator template for every agreement under a
 *        framework. `baseline_date` and `target_dates` must be NULL,
 *        `reporter_id` 0, and there is at most one target (the level to
 *        reach by the agreement's end date).
 * @param[out] out_id receives the template's id (may be NULL).
 * @param net the network.
 * @param framework_id the framework.
 * @param fields the definition.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (framework); #KM_EEXISTS (code
 *         taken in the framework); #KM_ESTATE (too many templates);
 *         #KM_EVERSION; #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_indicator_template_create(uint64_t *out_id, km_network *net, uint64_t framework_id,
                                           const km_indicator_fields *fields);

/**
 * @brief Changes a template (version N+1). Indicators already instantiated
 *        from it keep their own definition.
 * @param net the network.
 * @param id the template.
 * @param fields new values (only the fields in @p mask are read).
 * @param mask `KM_INDICATOR_F_*` bits.
 * @return as km_indicator_update(); #KM_ESTATE when @p id is not a template.
 */
KM_EXTERN int km_indicator_template_update(km_network *net, uint64_t id, const km_indicator_fields *fields,
                                           uint32_t mask);

/**
 * @brief Retires a template: it is no longer instantiated.
 * @param net the network.
 * @param id the template.
 * @param reason why (required).
 * @return as km_indicator_retire(); #KM_ESTATE when @p id is not a template.
 */
KM_EXTERN int km_indicator_template_retire(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Copies the active templates of an agreement's framework onto the
 *        agreement, skipping templates whose code the agreement already
 *        uses (so calling it again only adds new templates). All the new
 *        indicators are made in one log entry (or in the open transaction).
 *
 * Each copy gets the agreement's start date as baseline date, the
 * template's target (if any) dated the agreement's end date, and as
 * reporter the first party holding the private-party or implementing role
 * (0 if none). The library never does this by itself when an agreement is
 * created: a host calls it, e.g. right after km_agreement_create() or when
 * the agreement is signed.
 * @param[out] out_count receives the number of indicators created (may be NULL).
 * @param net the network.
 * @param agreement_id the agreement (not ended).
 * @return 0 (also when nothing is to be copied or the agreement has no
 *         framework); #KM_ENOTFOUND; #KM_ESTATE (agreement ended, or without
 *         the start or end date a template needs); #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM (nothing
 *         changed).
 */
KM_EXTERN int km_indicator_instantiate_templates(uint64_t *out_count, km_network *net, uint64_t agreement_id);

/* ---- measurements ---- */

/** @brief Current version of ::km_measurement_fields. */
#define KM_MEASUREMENT_FIELDS_VERSION 1

/**
 * @brief Input for km_measurement_create(), km_measurement_update() and
 *        km_measurement_revise(). Strings are borrowed for the call.
 *
 * - `partner_id`: the reporting partner, a party of the indicator's
 *   agreement (update and revise: 0 or the same partner);
 * - `period_start`, `period_end`: required `YYYY-MM-DD`, start <= end,
 *   inside the agreement's start..end dates, not overlapping the period of
 *   another approved measurement of the indicator;
 * - `value`, `denominator`: the value in the indicator's domain (see
 *   ::km_indicator_fields); a denominator of 0 means 1 except for
 *   percentages and ratios, which need one > 0;
 * - `text`: the value of a qualitative indicator (required there, refused
 *   elsewhere), at most #KM_MEASUREMENT_TEXT_MAX bytes;
 * - `evidence_uri`: optional URI of the evidence (any scheme: `https:`,
 *   `urn:`, `s3:`...), at most #KM_MEASUREMENT_URI_MAX bytes;
 * - `comment`: optional, at most #KM_MEASUREMENT_TEXT_MAX bytes.
 */
typedef struct km_measurement_fields {
    unsigned int version;     /**< #KM_MEASUREMENT_FIELDS_VERSION. */
    uint64_t partner_id;      /**< Reporting partner. */
    const char *period_start; /**< First day of the period. */
    const char *period_end;   /**< Last day of the period. */
    int64_t value;            /**< Numerator (the value, in units of 10^-scale). */
    int64_t denominator;      /**< Denominator (percentage, ratio), else 0 or 1. */
    const char *text;         /**< Qualitative value, or NULL. */
    const char *evidence_uri; /**< Evidence, or NULL. */
    const char *comment;      /**< Comment, or NULL. */
} km_measurement_fields;

/** @brief Static initializer for ::km_measurement_fields. */
#define KM_MEASUREMENT_FIELDS_INIT { KM_MEASUREMENT_FIELDS_VERSION, 0, NULL, NULL, 0, 0, NULL, NULL, NULL }

/** @brief Immutable snapshot of one version of a measurement. */
typedef struct km_measurement km_measurement;

/**
 * @brief Reports a value: creates a measurement (version 1, draft).
 * @param[out] out_id receives its id (may be NULL).
 * @param net the network.
 * @param indicator_id an active indicator of a signed (or later, not
 *        cancelled) agreement.
 * @param fields the value.
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (indicator; partner
 *         not a party); #KM_EDENIED (actor is not the partner or `admin:`);
 *         #KM_ESTATE (indicator retired or a template, agreement not signed,
 *         the period is locked (the message names the lock), an approved
 *         period overlaps); #KM_EVERSION; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_create(uint64_t *out_id, km_network *net, uint64_t indicator_id,
                                    const km_measurement_fields *fields);

/**
 * @brief Replaces the values of the current version while it is a draft
 *        (no new version).
 * @param net the network.
 * @param id the measurement.
 * @param fields the new values (every field is read).
 * @return as km_measurement_create(); #KM_ESTATE when not a draft.
 */
KM_EXTERN int km_measurement_update(km_network *net, uint64_t id, const km_measurement_fields *fields);

/**
 * @brief draft -> submitted.
 * @param net the network.
 * @param id the measurement.
 * @return 0; #KM_ENOTFOUND; #KM_EDENIED; #KM_ESTATE (not a draft: the
 *         message names the state and what is allowed; locked period);
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_submit(km_network *net, uint64_t id);

/**
 * @brief submitted -> approved: the version counts from now on, and the
 *        previously approved version of the measurement becomes superseded.
 * @param net the network.
 * @param id the measurement.
 * @param note optional note (at most #KM_MEASUREMENT_TEXT_MAX bytes), or NULL.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_EDENIED (actor is the reporting
 *         partner, or neither `admin:` nor another party); #KM_ESTATE (not
 *         submitted; locked; another approved measurement overlaps the
 *         period); #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_approve(km_network *net, uint64_t id, const char *note);

/**
 * @brief submitted -> returned for revision.
 * @param net the network.
 * @param id the measurement.
 * @param reason what to fix (required).
 * @return as km_measurement_approve().
 */
KM_EXTERN int km_measurement_return(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Corrects a returned or approved measurement: makes version N+1 as a
 *        draft with new values. Version N stays as it was (an approved
 *        version keeps counting until N+1 is approved).
 * @param net the network.
 * @param id the measurement.
 * @param fields the corrected values (every field is read).
 * @param rationale why (required, at most #KM_MEASUREMENT_TEXT_MAX bytes).
 * @return as km_measurement_create(); #KM_ESTATE when the current version
 *         is a draft or submitted, or the measurement has
 *         #KM_MEASUREMENT_VERSIONS_MAX versions.
 */
KM_EXTERN int km_measurement_revise(km_network *net, uint64_t id, const km_measurement_fields *fields,
                                    const char *rationale);

/**
 * @brief Reads the latest version of a measurement.
 * @param[out] out receives a handle; free with km_measurement_free().
 * @param net the network.
 * @param id the measurement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_get(km_measurement **out, km_network *net, uint64_t id);

/**
 * @brief Reads version @p version (1..km_measurement_version_count()) as it
 *        stands now (e.g. superseded).
 * @param[out] out receives a handle; free with km_measurement_free().
 * @param net the network.
 * @param id the measurement.
 * @param version the version.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_get_version(km_measurement **out, km_network *net, uint64_t id, uint32_t version);

/**
 * @brief Number of versions of a measurement.
 * @param[out] out receives the count.
 * @param net the network.
 * @param id the measurement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND.
 */
KM_EXTERN int km_measurement_version_count(uint32_t *out, km_network *net, uint64_t id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param m the handle (may be NULL).
 */
KM_EXTERN void km_measurement_free(km_measurement *m);

/**
 * @brief Measurement id.
 * @param m the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_measurement_id(const km_measurement *m);
/**
 * @brief Version of this handle (1..).
 * @param m the handle (may be NULL).
 * @return the version; 0 for NULL.
 */
KM_EXTERN uint32_t km_measurement_version(const km_measurement *m);
/**
 * @brief Indicator.
 * @param m the handle (may be NULL).
 * @return the indicator id; 0 for NULL.
 */
KM_EXTERN uint64_t km_measurement_indicator_id(const km_measurement *m);
/**
 * @brief Agreement of the indicator.
 * @param m the handle (may be NULL).
 * @return the agreement id; 0 for NULL.
 */
KM_EXTERN uint64_t km_measurement_agreement_id(const km_measurement *m);
/**
 * @brief Reporting partner.
 * @param m the handle (may be NULL).
 * @return the partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_measurement_partner_id(const km_measurement *m);
/**
 * @brief First day of the period.
 * @param m the handle (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_measurement_period_start(const km_measurement *m);
/**
 * @brief Last day of the period.
 * @param m the handle (may be NULL).
 * @return `YYYY-MM-DD`; NULL for NULL.
 */
KM_EXTERN const char *km_measurement_period_end(const km_measurement *m);
/**
 * @brief Value.
 * @param[out] out_denominator receives the denominator (may be NULL).
 * @param m the handle (may be NULL).
 * @return the numerator; 0 for NULL.
 */
KM_EXTERN int64_t km_measurement_value(int64_t *out_denominator, const km_measurement *m);
/**
 * @brief Qualitative value.
 * @param m the handle (may be NULL).
 * @return the text, or NULL.
 */
KM_EXTERN const char *km_measurement_text(const km_measurement *m);
/**
 * @brief Evidence URI.
 * @param m the handle (may be NULL).
 * @return the URI, or NULL.
 */
KM_EXTERN const char *km_measurement_evidence_uri(const km_measurement *m);
/**
 * @brief Comment.
 * @param m the handle (may be NULL).
 * @return the comment, or NULL.
 */
KM_EXTERN const char *km_measurement_comment(const km_measurement *m);
/**
 * @brief State of this version.
 * @param m the handle (may be NULL).
 * @return a ::km_measurement_status; -1 for NULL.
 */
KM_EXTERN int km_measurement_status_of(const km_measurement *m);
/**
 * @brief Approval note or return reason of this version.
 * @param m the handle (may be NULL).
 * @return the text, or NULL.
 */
KM_EXTERN const char *km_measurement_note(const km_measurement *m);
/**
 * @brief Rationale of the revision that made this version.
 * @param m the handle (may be NULL).
 * @return the rationale, or NULL for version 1.
 */
KM_EXTERN const char *km_measurement_rationale(const km_measurement *m);
/**
 * @brief Time this version was made, microseconds since the epoch.
 * @param m the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_measurement_created(const km_measurement *m);
/**
 * @brief Time this version was submitted.
 * @param m the handle (may be NULL).
 * @return microseconds since the epoch, or 0 when not submitted.
 */
KM_EXTERN int64_t km_measurement_submitted(const km_measurement *m);
/**
 * @brief Time this version was approved or returned.
 * @param m the handle (may be NULL).
 * @return microseconds since the epoch, or 0 when undecided.
 */
KM_EXTERN int64_t km_measurement_decided(const km_measurement *m);

/** @brief Current version of ::km_measurement_query. */
#define KM_MEASUREMENT_QUERY_VERSION 1

/** @brief Filters for km_measurement_list() (latest versions, ascending id). */
typedef struct km_measurement_query {
    unsigned int version;  /**< #KM_MEASUREMENT_QUERY_VERSION. */
    uint64_t indicator_id; /**< Measurements of this indicator, or 0. */
    uint64_t agreement_id; /**< Measurements of this agreement's indicators, or 0. */
    uint64_t partner_id;   /**< Reported by this partner, or 0. */
    int status;            /**< A ::km_measurement_status of the latest version, or -1. */
    const char *cursor;    /**< From km_measurement_page_cursor(), or NULL. */
    uint32_t limit;        /**< Page size 1..1000; 0 means 50. */
} km_measurement_query;

/** @brief Static initializer for ::km_measurement_query. */
#define KM_MEASUREMENT_QUERY_INIT { KM_MEASUREMENT_QUERY_VERSION, 0, 0, 0, -1, NULL, 0 }

/** @brief One page of measurements. */
typedef struct km_measurement_page km_measurement_page;

/**
 * @brief Lists measurements (their latest versions).
 * @param[out] out receives the page; free with km_measurement_page_free().
 * @param net the network.
 * @param query filters; NULL lists every measurement.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_measurement_list(km_measurement_page **out, km_network *net, const km_measurement_query *query);
/**
 * @brief Number of measurements on the page.
 * @param page the page (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_measurement_page_count(const km_measurement_page *page);
/**
 * @brief The @p i-th measurement, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return the handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_measurement *km_measurement_page_get(const km_measurement_page *page, size_t i);
/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL on the last page.
 */
KM_EXTERN const char *km_measurement_page_cursor(const km_measurement_page *page);
/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_measurement_page_free(km_measurement_page *page);

/* ---- period locks ---- */

/**
 * @brief Locks a period of an agreement's reporting: afterwards every
 *        change to a measurement of the agreement whose period overlaps
 *        @p start..@p end fails with #KM_ESTATE naming the lock. Needs an
 *        actor starting with `admin:`.
 * @param[out] out_id receives the lock's id (may be NULL).
 * @param net the network.
 * @param agreement_id the agreement.
 * @param start first day locked, `YYYY-MM-DD`.
 * @param end last day locked, `YYYY-MM-DD` (>= @p start).
 * @param reason optional note (e.g. "laporan triwulan I telah diaudit"), or NULL.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_period_lock(uint64_t *out_id, km_network *net, uint64_t agreement_id, const char *start,
                             const char *end, const char *reason);

/**
 * @brief Lifts a lock (the lock and its lifting stay in the history).
 *        Needs an actor starting with `admin:`.
 * @param net the network.
 * @param lock_id the lock.
 * @param reason why (required).
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ESTATE (already lifted);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_period_unlock(km_network *net, uint64_t lock_id, const char *reason);

/** @brief The locks of one agreement (immutable). */
typedef struct km_period_locks km_period_locks;

/**
 * @brief Every lock of an agreement, lifted ones included, in id order.
 * @param[out] out receives the list; free with km_period_locks_free().
 * @param net the network.
 * @param agreement_id the agreement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_period_lock_list(km_period_locks **out, km_network *net, uint64_t agreement_id);
/**
 * @brief Number of locks.
 * @param l the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_period_locks_count(const km_period_locks *l);
/**
 * @brief Id of the @p i-th lock.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_period_locks_id(const km_period_locks *l, size_t i);
/**
 * @brief First day of the @p i-th lock.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_period_locks_start(const km_period_locks *l, size_t i);
/**
 * @brief Last day of the @p i-th lock.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_period_locks_end(const km_period_locks *l, size_t i);
/**
 * @brief Whether the @p i-th lock is in force.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return 1 in force, 0 lifted or out of range.
 */
KM_EXTERN int km_period_locks_active(const km_period_locks *l, size_t i);
/**
 * @brief Time the @p i-th lock was set.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when out of range.
 */
KM_EXTERN int64_t km_period_locks_time(const km_period_locks *l, size_t i);
/**
 * @brief Reason of the @p i-th lock.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the text (lives as long as the list), or NULL.
 */
KM_EXTERN const char *km_period_locks_reason(const km_period_locks *l, size_t i);
/**
 * @brief Reason the @p i-th lock was lifted.
 * @param l the list (may be NULL).
 * @param i zero-based index.
 * @return the text, or NULL when in force or out of range.
 */
KM_EXTERN const char *km_period_locks_unlock_reason(const km_period_locks *l, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param l the list (may be NULL).
 */
KM_EXTERN void km_period_locks_free(km_period_locks *l);

/* ---- labels and codes ---- */

/**
 * @brief Label of a result level.
 * @param level a ::km_result_level.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_result_level_label(int level, int lang);
/**
 * @brief IATI ResultType code of a result level.
 * @param level a ::km_result_level.
 * @return 1 output, 2 outcome, 3 impact, 9 other; -1 when unknown.
 */
KM_EXTERN int km_result_level_iati(int level);
/**
 * @brief Label of a measure.
 * @param measure a ::km_measure.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_measure_label(int measure, int lang);
/**
 * @brief IATI IndicatorMeasure code of a measure.
 * @param measure a ::km_measure.
 * @return 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative; -1
 *         for ratio (IATI 2.03 has no code for it) or an unknown value.
 */
KM_EXTERN int km_measure_iati(int measure);
/**
 * @brief Label of a direction.
 * @param direction a ::km_direction.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_direction_label(int direction, int lang);
/**
 * @brief Label of a reporting frequency.
 * @param frequency a ::km_frequency.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_frequency_label(int frequency, int lang);
/**
 * @brief Label of a time aggregation rule.
 * @param rule a ::km_time_aggregation.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_time_aggregation_label(int rule, int lang);
/**
 * @brief Label of a cross-agreement aggregation rule.
 * @param rule a ::km_cross_aggregation.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_cross_aggregation_label(int rule, int lang);
/**
 * @brief Label of an indicator state.
 * @param status a ::km_indicator_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_indicator_status_label(int status, int lang);
/**
 * @brief Label of a measurement state.
 * @param status a ::km_measurement_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_measurement_status_label(int status, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_INDICATOR_H */
