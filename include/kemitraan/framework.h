/**
 * @file framework.h
 * @brief Policy frameworks (government as rule-setter) and the check of an
 *        agreement against its framework.
 *
 * A framework is a named regulation or policy, e.g. "Perpres 38/2015
 * tentang KPBU" or "Permendagri 22/2020 kerja sama daerah", with its legal
 * reference and the rules agreements under it must satisfy, plus the
 * incentives it offers. Frameworks get sequential ids (1, 2, ...).
 *
 * Rules are assembled in a ::km_framework_spec (a builder: one call per
 * rule, so new kinds of rule can be added without changing a struct) and
 * recorded with km_framework_create(). km_framework_amend() records a new
 * version (N+1) of the whole rule set; older versions stay readable. An
 * agreement pins the version current when it becomes signed, and every
 * later check of that agreement uses the pinned version: a new version never
 * silently re-judges agreements signed under an older one. Unsigned
 * agreements are checked against the current version.
 *
 * Partner kinds in rules are given as masks of `KM_PARTNER_KIND_BIT()`;
 * 0 means "any kind".
 */
#ifndef KEMITRAAN_FRAMEWORK_H
#define KEMITRAAN_FRAMEWORK_H

#include "common.h"
#include "network.h"
#include "dimension.h"
#include "agreement.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Bit of partner kind @p k (a ::km_partner_kind) in a kind mask. */
#define KM_PARTNER_KIND_BIT(k) (1u << (k))
/** @brief Bit of agreement type @p t in a type mask. */
#define KM_AGREEMENT_TYPE_BIT(t) (1u << (t))

/** @brief Incentives a framework may offer. */
typedef enum km_incentive {
    KM_INCENTIVE_TAX = 0,                   /**< Tax incentive (insentif pajak). */
    KM_INCENTIVE_VIABILITY_GAP_FUNDING = 1, /**< Viability gap funding (dukungan kelayakan). */
    KM_INCENTIVE_AVAILABILITY_PAYMENT = 2,  /**< Availability payment (pembayaran ketersediaan layanan). */
    KM_INCENTIVE_GOVERNMENT_GUARANTEE = 3,  /**< Government guarantee (penjaminan pemerintah). */
    KM_INCENTIVE_GRANT = 4,                 /**< Grant (hibah). */
    KM_INCENTIVE__COUNT = 5                 /**< Number of incentives (not an incentive). */
} km_incentive;

/** @brief Rules an agreement can violate (codes of a ::km_check). */
typedef enum km_rule {
    KM_RULE_TYPE = 0,         /**< The agreement's type is not allowed by the framework. */
    KM_RULE_ROLE_MISSING = 1, /**< No party holds a role the framework requires. */
    KM_RULE_ROLE_KIND = 2,    /**< A party holds a required role but is of a partner kind not allowed in it. */
    KM_RULE_DATES = 3,        /**< A duration rule exists but the agreement has no start date. */
    KM_RULE_MIN_DURATION = 4, /**< Shorter than the minimum duration. */
    KM_RULE_MAX_DURATION = 5, /**< Longer than the maximum duration (open-ended counts as longer). */
    KM_RULE_MAX_VALUE = 6,    /**< Value above the maximum for its currency. */
    KM_RULE_DIMENSIONS = 7,   /**< Does not declare every required evaluation dimension. */
    KM_RULE__COUNT = 8        /**< Number of rules (not a rule). */
} km_rule;

/** @name Field limits (bytes of UTF-8) */
/**@{*/
#define KM_FRAMEWORK_NAME_MAX 300       /**< Longest name. */
#define KM_FRAMEWORK_LEGAL_REF_MAX 1000 /**< Longest legal reference. */
#define KM_FRAMEWORK_RULES_MAX 32       /**< Most role rules, value limits or incentives (each). */
/**@}*/

/** @brief A framework's rules being assembled (mutable, not thread-safe). */
typedef struct km_framework_spec km_framework_spec;

/**
 * @brief Starts a rule set with no rules (everything allowed).
 * @param[out] out receives the spec; free with km_framework_spec_free().
 * @param name the framework's name (required, 1..#KM_FRAMEWORK_NAME_MAX
 *        bytes; copied).
 * @param legal_reference where it is published, e.g. "LN 2015/62" or a
 *        URL (optional; copied).
 * @return 0; #KM_EINVAL (NULL @p out); #KM_ENOMEM. The strings are
 *         validated when the spec is recorded.
 */
KM_EXTERN int km_framework_spec_new(km_framework_spec **out, const char *name, const char *legal_reference);

/**
 * @brief Releases a spec. NULL is a no-op.
 * @param spec the spec (may be NULL).
 */
KM_EXTERN void km_framework_spec_free(km_framework_spec *spec);

/**
 * @brief Allows an agreement type. Without any call every type is allowed.
 * @param spec the spec.
 * @param type a ::km_agreement_type.
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_framework_spec_allow_type(km_framework_spec *spec, int type);

/**
 * @brief Requires at least one party holding @p role, and every party
 *        holding it to be of a kind in @p kinds_mask.
 * @param spec the spec.
 * @param role exactly one `KM_ROLE_*` bit.
 * @param kinds_mask `KM_PARTNER_KIND_BIT()` mask, 0 for any kind.
 * @return 0; #KM_EINVAL (not one role bit, unknown kind bit, role already
 *         required, too many rules); #KM_ENOMEM.
 */
KM_EXTERN int km_framework_spec_require_role(km_framework_spec *spec, uint32_t role, uint32_t kinds_mask);

/**
 * @brief Sets the allowed duration (end_date - start_date) in days.
 * @param spec the spec.
 * @param min_days minimum, 0 for none.
 * @param max_days maximum, 0 for none (must be >= @p min_days otherwise).
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_framework_spec_set_duration(km_framework_spec *spec, uint32_t min_days, uint32_t max_days);

/**
 * @brief Sets the maximum value of agreements in @p currency. Agreements in
 *        a currency without a limit are not limited.
 * @param spec the spec.
 * @param currency ISO 4217 code.
 * @param max_minor the maximum in minor units (>= 0).
 * @return 0; #KM_EINVAL (bad currency, negative, currency already limited,
 *         too many limits); #KM_ENOMEM.
 */
KM_EXTERN int km_framework_spec_set_max_value(km_framework_spec *spec, const char *currency, int64_t max_minor);

/**
 * @brief Requires agreements to declare an evaluation dimension.
 * @param spec the spec.
 * @param dimension a ::km_dimension.
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_framework_spec_require_dimension(km_framework_spec *spec, int dimension);

/**
 * @brief Offers an incentive. An agreement qualifies when every condition
 *        holds: some party is of a kind in @p kinds_mask (0 = any), it has
 *        the sector tag @p sector (NULL = any), its region lies in
 *        @p region_prefix by whole segments (NULL = any), and it runs at
 *        least @p min_days days (0 = any; open-ended agreements qualify).
 *        The same incentive may be offered several times with different
 *        conditions.
 * @param spec the spec.
 * @param incentive a ::km_incentive.
 * @param kinds_mask `KM_PARTNER_KIND_BIT()` mask, 0 for any kind.
 * @param sector a sector tag or NULL (copied).
 * @param region_prefix a kode wilayah or NULL (copied).
 * @param min_days minimum duration in days, or 0.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_framework_spec_add_incentive(km_framework_spec *spec, int incentive, uint32_t kinds_mask,
                                              const char *sector, const char *region_prefix, uint32_t min_days);

/**
 * @brief Records a new framework (version 1).
 * @param[out] out_id receives its id (may be NULL).
 * @param net the network.
 * @param spec the rules (borrowed for the call).
 * @return 0; #KM_EINVAL naming the field; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_framework_create(uint64_t *out_id, km_network *net, const km_framework_spec *spec);

/**
 * @brief Records version N+1 of a framework: @p spec replaces the whole rule
 *        set (name and legal reference included). Agreements signed earlier
 *        keep being checked against the version they pinned.
 * @param net the network.
 * @param id the framework.
 * @param spec the new rules.
 * @param rationale why it changed (required, at most
 *        #KM_AGREEMENT_REASON_MAX bytes).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_framework_amend(km_network *net, uint64_t id, const km_framework_spec *spec, const char *rationale);

/** @brief Immutable snapshot of one version of a framework. */
typedef struct km_framework km_framework;

/**
 * @brief Reads the current version of a framework.
 * @param[out] out receives a handle; free with km_framework_free().
 * @param net the network.
 * @param id the framework.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_framework_get(km_framework **out, km_network *net, uint64_t id);

/**
 * @brief Reads version @p version of a framework.
 * @param[out] out receives a handle; free with km_framework_free().
 * @param net the network.
 * @param id the framework.
 * @param version 1..current.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_framework_get_version(km_framework **out, km_network *net, uint64_t id, uint32_t version);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param f the handle (may be NULL).
 */
KM_EXTERN void km_framework_free(km_framework *f);

/**
 * @brief Framework id.
 * @param f the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_framework_id(const km_framework *f);
/**
 * @brief Version of this handle.
 * @param f the handle (may be NULL).
 * @return 1.. ; 0 for NULL.
 */
KM_EXTERN uint32_t km_framework_version(const km_framework *f);
/**
 * @brief Name.
 * @param f the handle (may be NULL).
 * @return the name (lives as long as @p f); NULL for NULL.
 */
KM_EXTERN const char *km_framework_name(const km_framework *f);
/**
 * @brief Legal reference.
 * @param f the handle (may be NULL).
 * @return the reference, or NULL when unset.
 */
KM_EXTERN const char *km_framework_legal_reference(const km_framework *f);
/**
 * @brief Rationale of the amendment that made this version.
 * @param f the handle (may be NULL).
 * @return the rationale, or NULL for version 1.
 */
KM_EXTERN const char *km_framework_rationale(const km_framework *f);
/**
 * @brief Time this version was recorded, microseconds since the epoch.
 * @param f the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_framework_time(const km_framework *f);
/**
 * @brief Allowed agreement types.
 * @param f the handle (may be NULL).
 * @return a `KM_AGREEMENT_TYPE_BIT()` mask; 0 means every type.
 */
KM_EXTERN uint32_t km_framework_allowed_types(const km_framework *f);
/**
 * @brief Number of role rules.
 * @param f the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_framework_role_rule_count(const km_framework *f);
/**
 * @brief The @p i-th role rule.
 * @param[out] out_role receives the `KM_ROLE_*` bit (may be NULL).
 * @param[out] out_kinds receives the allowed kinds mask (may be NULL).
 * @param f the handle.
 * @param i zero-based index.
 * @return 0; #KM_EINVAL (NULL @p f or out of range).
 */
KM_EXTERN int km_framework_role_rule(uint32_t *out_role, uint32_t *out_kinds, const km_framework *f, size_t i);
/**
 * @brief Minimum duration in days.
 * @param f the handle (may be NULL).
 * @return the minimum, 0 for none.
 */
KM_EXTERN uint32_t km_framework_min_days(const km_framework *f);
/**
 * @brief Maximum duration in days.
 * @param f the handle (may be NULL).
 * @return the maximum, 0 for none.
 */
KM_EXTERN uint32_t km_framework_max_days(const km_framework *f);
/**
 * @brief Number of per-currency value limits.
 * @param f the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_framework_max_value_count(const km_framework *f);
/**
 * @brief The @p i-th value limit.
 * @param[out] out_value receives the maximum in minor units (may be NULL).
 * @param f the handle.
 * @param i zero-based index.
 * @return the currency code (lives as long as @p f), or NULL when out of range.
 */
KM_EXTERN const char *km_framework_max_value(int64_t *out_value, const km_framework *f, size_t i);
/**
 * @brief Required evaluation dimensions.
 * @param f the handle (may be NULL).
 * @return a `KM_DIMENSION_BIT()` mask.
 */
KM_EXTERN uint32_t km_framework_dimensions(const km_framework *f);
/**
 * @brief Number of incentives offered.
 * @param f the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_framework_incentive_count(const km_framework *f);
/**
 * @brief The @p i-th incentive and its conditions.
 * @param[out] out_incentive receives the ::km_incentive (may be NULL).
 * @param[out] out_kinds receives the partner kind mask (may be NULL).
 * @param[out] out_sector receives the sector tag or NULL (may be NULL; the
 *        string lives as long as @p f).
 * @param[out] out_region receives the region prefix or NULL (may be NULL).
 * @param[out] out_min_days receives the minimum duration (may be NULL).
 * @param f the handle.
 * @param i zero-based index.
 * @return 0; #KM_EINVAL (NULL @p f or out of range).
 */
KM_EXTERN int km_framework_incentive(int *out_incentive, uint32_t *out_kinds, const char **out_sector,
                                     const char **out_region, uint32_t *out_min_days, const km_framework *f,
                                     size_t i);

/** @brief Result of km_agreement_check() (immutable). */
typedef struct km_check km_check;

/**
 * @brief Checks an agreement against its framework: every rule violated,
 *        and every incentive it qualifies for.
 *
 * A signed (or later) agreement is checked against the framework version it
 * pinned at signing; an unsigned one against the current version. An
 * agreement without a framework has no violations and no incentives.
 * @param[out] out receives the result; free with km_check_free().
 * @param net the network.
 * @param agreement_id the agreement.
 * @return 0 (also when there are violations); #KM_EINVAL; #KM_ENOTFOUND;
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_check(km_check **out, km_network *net, uint64_t agreement_id);

/**
 * @brief Framework the check used.
 * @param c the result (may be NULL).
 * @return the framework id, or 0 when the agreement has none.
 */
KM_EXTERN uint64_t km_check_framework_id(const km_check *c);
/**
 * @brief Framework version the check used.
 * @param c the result (may be NULL).
 * @return the version, or 0.
 */
KM_EXTERN uint32_t km_check_framework_version(const km_check *c);
/**
 * @brief Number of violations.
 * @param c the result (may be NULL).
 * @return the count (0 = the agreement satisfies every rule).
 */
KM_EXTERN size_t km_check_violation_count(const km_check *c);
/**
 * @brief Rule broken by the @p i-th violation.
 * @param c the result (may be NULL).
 * @param i zero-based index.
 * @return a ::km_rule, or -1 when out of range.
 */
KM_EXTERN int km_check_violation_rule(const km_check *c, size_t i);
/**
 * @brief Agreement field at fault in the @p i-th violation, e.g.
 *        `agreement.type` or `agreement.parties`.
 * @param c the result (may be NULL).
 * @param i zero-based index.
 * @return a string owned by @p c, or NULL when out of range.
 */
KM_EXTERN const char *km_check_violation_field(const km_check *c, size_t i);
/**
 * @brief Message of the @p i-th violation.
 * @param c the result (may be NULL).
 * @param i zero-based index.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a string owned by @p c, or NULL when out of range.
 */
KM_EXTERN const char *km_check_violation_message(const km_check *c, size_t i, int lang);
/**
 * @brief Number of incentives the agreement qualifies for.
 * @param c the result (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_check_incentive_count(const km_check *c);
/**
 * @brief The @p i-th incentive the agreement qualifies for (in the
 *        framework's order; each incentive type listed once).
 * @param c the result (may be NULL).
 * @param i zero-based index.
 * @return a ::km_incentive, or -1 when out of range.
 */
KM_EXTERN int km_check_incentive(const km_check *c, size_t i);
/**
 * @brief Releases a result. NULL is a no-op.
 * @param c the result (may be NULL).
 */
KM_EXTERN void km_check_free(km_check *c);

/**
 * @brief Label of an incentive.
 * @param incentive a ::km_incentive.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_incentive_label(int incentive, int lang);
/**
 * @brief Label of a rule.
 * @param rule a ::km_rule.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_rule_label(int rule, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_FRAMEWORK_H */
