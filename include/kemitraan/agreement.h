/**
 * @file agreement.h
 * @brief Agreements between partners: types and families, parties and
 *        roles, the lifecycle state machine, amendments, milestones, the
 *        PPP risk register, queries and running totals.
 *
 * Agreements get sequential ids (1, 2, 3, ...). An agreement handle
 * (::km_agreement) is an immutable copy of one version of the agreement as
 * it was when read; every string it returns lives as long as the handle.
 *
 * **Types and families.** Every ::km_agreement_type belongs to one
 * ::km_family (km_agreement_type_family()):
 *
 * | type | family |
 * |---|---|
 * | cooperation, procurement contract, joint venture, loan, PPP (KPBU) | public-private |
 * | MoU, grant, service, research collaboration | nonprofit-government |
 * | community partnership | community-government |
 * | international cooperation | international |
 *
 * **Lifecycle.** `draft -> proposed -> signed -> active -> completed |
 * terminated | expired`, `active <-> suspended`, `suspended -> terminated`,
 * and `draft | proposed -> cancelled`. A proposed agreement becomes signed by
 * itself when the last party signs (km_agreement_sign()); it cannot be moved
 * to signed directly. Expiry is recorded by km_agreement_expire_due() for an
 * active agreement whose end date has passed. Suspension, termination and
 * cancellation need a reason. Any other move fails with #KM_ESTATE and a
 * message naming the current state and the states allowed from it. Every
 * transition is an event of the log: its actor, time, reason and (for
 * activation) override justification are in the audit trail
 * (km_audit_list() with #KM_ENTITY_AGREEMENT).
 *
 * **Editing and amendments.** While draft or proposed an agreement is edited
 * with km_agreement_update() (editing a proposed agreement withdraws the
 * signatures already given). Once signed, active or suspended, every change,
 * including adding or removing a party, is an amendment
 * (km_agreement_amend()): it needs a rationale, records the fields changed,
 * and creates version N+1 while version N stays readable
 * (km_agreement_get_version()). Completed, terminated, expired and cancelled
 * agreements cannot change.
 *
 * **Dates** are civil dates written `YYYY-MM-DD` (0001..9999). The end date
 * is the last day the agreement runs; it has expired from the next day on.
 * The duration used by framework rules is `end_date - start_date` in days.
 */
#ifndef KEMITRAAN_AGREEMENT_H
#define KEMITRAAN_AGREEMENT_H

#include "common.h"
#include "network.h"
#include "dimension.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Agreement types (values are stored in the log; never renumbered). */
typedef enum km_agreement_type {
    KM_AGREEMENT_MOU = 0,                       /**< Memorandum of understanding (nota kesepahaman). */
    KM_AGREEMENT_COOPERATION = 1,               /**< Cooperation agreement (perjanjian kerja sama). */
    KM_AGREEMENT_GRANT = 2,                     /**< Grant agreement (perjanjian hibah). */
    KM_AGREEMENT_PROCUREMENT_CONTRACT = 3,      /**< Procurement contract (kontrak pengadaan). */
    KM_AGREEMENT_JOINT_VENTURE = 4,             /**< Joint venture (usaha patungan). */
    KM_AGREEMENT_SERVICE = 5,                   /**< Service agreement, nonprofit-government (perjanjian layanan). */
    KM_AGREEMENT_RESEARCH_COLLABORATION = 6,    /**< Research collaboration (kolaborasi riset). */
    KM_AGREEMENT_LOAN = 7,                      /**< Loan agreement (perjanjian pinjaman). */
    KM_AGREEMENT_PPP = 8,                       /**< Public-private partnership contract (KPBU). */
    KM_AGREEMENT_COMMUNITY_PARTNERSHIP = 9,     /**< Community partnership, community-government (kemitraan masyarakat). */
    KM_AGREEMENT_INTERNATIONAL_COOPERATION = 10, /**< International cooperation (kerja sama internasional). */
    KM_AGREEMENT_TYPE__COUNT = 11               /**< Number of types (not a type). */
} km_agreement_type;

/** @brief Partnership families. */
typedef enum km_family {
    KM_FAMILY_PUBLIC_PRIVATE = 0,       /**< Public-private (kemitraan pemerintah-badan usaha). */
    KM_FAMILY_NONPROFIT_GOVERNMENT = 1, /**< Nonprofit-government (pemerintah-lembaga nirlaba). */
    KM_FAMILY_COMMUNITY_GOVERNMENT = 2, /**< Community-government (pemerintah-masyarakat). */
    KM_FAMILY_INTERNATIONAL = 3,        /**< International (internasional). */
    KM_FAMILY__COUNT = 4                /**< Number of families (not a family). */
} km_family;

/** @brief Agreement lifecycle states. */
typedef enum km_agreement_status {
    KM_AGREEMENT_DRAFT = 0,      /**< Being prepared (draf). */
    KM_AGREEMENT_PROPOSED = 1,   /**< Proposed to the parties, collecting signatures (diusulkan). */
    KM_AGREEMENT_SIGNED = 2,     /**< Signed by every party (ditandatangani). */
    KM_AGREEMENT_ACTIVE = 3,     /**< In force (berlaku). */
    KM_AGREEMENT_SUSPENDED = 4,  /**< Temporarily suspended (ditangguhkan). */
    KM_AGREEMENT_COMPLETED = 5,  /**< Fulfilled (selesai). */
    KM_AGREEMENT_TERMINATED = 6, /**< Ended early, with a reason (diakhiri). */
    KM_AGREEMENT_EXPIRED = 7,    /**< End date passed (kedaluwarsa). */
    KM_AGREEMENT_CANCELLED = 8,  /**< Abandoned before signing (dibatalkan). */
    KM_AGREEMENT_STATUS__COUNT = 9 /**< Number of states (not a state). */
} km_agreement_status;

/** @brief Bit of status @p s in a status mask. */
#define KM_AGREEMENT_STATUS_BIT(s) (1u << (s))

/** @name Party roles (bits of a role mask; a party holds one or more)
 * The first four are IATI OrganisationRole codes 1..4 (km_role_iati()). */
/**@{*/
#define KM_ROLE_FUNDING          0x0001u /**< Funding (pendana); IATI 1. */
#define KM_ROLE_ACCOUNTABLE      0x0002u /**< Accountable (penanggung jawab); IATI 2. */
#define KM_ROLE_EXTENDING        0x0004u /**< Extending (penyalur); IATI 3. */
#define KM_ROLE_IMPLEMENTING     0x0008u /**< Implementing (pelaksana); IATI 4. */
#define KM_ROLE_PUBLIC_AUTHORITY 0x0010u /**< Public authority, PJPK in a KPBU. */
#define KM_ROLE_PRIVATE_PARTY    0x0020u /**< Private party (badan usaha pelaksana). */
#define KM_ROLE_BENEFICIARY      0x0040u /**< Beneficiary (penerima manfaat). */
#define KM_ROLE_FACILITATOR      0x0080u /**< Facilitator (fasilitator). */
#define KM_ROLE_GUARANTOR        0x0100u /**< Guarantor (penjamin). */
#define KM_ROLE_ALL              0x01FFu /**< Every role bit. */
/**@}*/

/** @brief Milestone types; the first five are OCDS 1.1 milestoneType codes. */
typedef enum km_milestone_type {
    KM_MILESTONE_APPROVAL = 0,         /**< OCDS `approval` (persetujuan). */
    KM_MILESTONE_FINANCING = 1,        /**< OCDS `financing` (pembiayaan). */
    KM_MILESTONE_DELIVERY = 2,         /**< OCDS `delivery` (penyerahan). */
    KM_MILESTONE_REPORTING = 3,        /**< OCDS `reporting` (pelaporan). */
    KM_MILESTONE_PAYMENT = 4,          /**< OCDS `payment` (pembayaran). */
    KM_MILESTONE_COMMERCIAL_CLOSE = 5, /**< Commercial close (penandatanganan perjanjian KPBU); `commercialClose`. */
    KM_MILESTONE_FINANCIAL_CLOSE = 6,  /**< Financial close (pemenuhan pembiayaan); `financialClose`. */
    KM_MILESTONE_COMPLETION = 7,       /**< Completion (penyelesaian); `completion`. */
    KM_MILESTONE_OTHER = 8,            /**< Other (lainnya); `other`. */
    KM_MILESTONE_TYPE__COUNT = 9       /**< Number of types (not a type). */
} km_milestone_type;

/** @brief Milestone statuses (OCDS milestoneStatus). */
typedef enum km_milestone_status {
    KM_MILESTONE_SCHEDULED = 0,     /**< `scheduled` (dijadwalkan). */
    KM_MILESTONE_MET = 1,           /**< `met` (tercapai); has a date met. */
    KM_MILESTONE_NOT_MET = 2,       /**< `notMet` (tidak tercapai). */
    KM_MILESTONE_PARTIALLY_MET = 3, /**< `partiallyMet` (tercapai sebagian); has a date met. */
    KM_MILESTONE_STATUS__COUNT = 4  /**< Number of statuses (not a status). */
} km_milestone_status;

/** @brief Risk categories of the PPP risk allocation register. */
typedef enum km_risk_category {
    KM_RISK_LAND = 0,               /**< Land acquisition (lahan). */
    KM_RISK_ENVIRONMENTAL = 1,      /**< Environmental and social (lingkungan). */
    KM_RISK_DESIGN = 2,             /**< Design (desain). */
    KM_RISK_CONSTRUCTION = 3,       /**< Construction (konstruksi). */
    KM_RISK_DEMAND_REVENUE = 4,     /**< Demand and revenue (permintaan dan pendapatan). */
    KM_RISK_INFLATION_EXCHANGE = 5, /**< Inflation and exchange rate (inflasi dan nilai tukar). */
    KM_RISK_FINANCE = 6,            /**< Finance (pembiayaan). */
    KM_RISK_CHANGE_IN_LAW = 7,      /**< Change in law (perubahan regulasi). */
    KM_RISK_FORCE_MAJEURE = 8,      /**< Force majeure (keadaan kahar). */
    KM_RISK_OPERATIONAL = 9,        /**< Operation and maintenance (operasional). */
    KM_RISK_POLITICAL = 10,         /**< Political (politik). */
    KM_RISK_OTHER = 11,             /**< Other (lainnya). */
    KM_RISK_CATEGORY__COUNT = 12    /**< Number of categories (not a category). */
} km_risk_category;

/** @brief Who bears a risk. */
typedef enum km_risk_allocation {
    KM_RISK_PUBLIC = 0,  /**< The public party (pemerintah). */
    KM_RISK_PRIVATE = 1, /**< The private party (badan usaha). */
    KM_RISK_SHARED = 2,  /**< Shared (bersama). */
    KM_RISK_ALLOCATION__COUNT = 3 /**< Number of allocations (not an allocation). */
} km_risk_allocation;

/** @name Field limits (bytes of UTF-8 unless stated) */
/**@{*/
#define KM_AGREEMENT_TITLE_MAX 300      /**< Longest title. */
#define KM_AGREEMENT_REFERENCE_MAX 100  /**< Longest reference number. */
#define KM_AGREEMENT_PURPOSE_MAX 4000   /**< Longest purpose text. */
#define KM_AGREEMENT_REASON_MAX 2000    /**< Longest reason, rationale, override or mitigation text. */
#define KM_AGREEMENT_URI_MAX 2048       /**< Longest document URI. */
#define KM_AGREEMENT_PARTIES_MAX 64     /**< Most parties. */
#define KM_AGREEMENT_DOCUMENTS_MAX 32   /**< Most document references. */
#define KM_AGREEMENT_MILESTONES_MAX 1000 /**< Most milestones per agreement. */
#define KM_AGREEMENT_RISKS_MAX 200      /**< Most risk register entries per agreement. */
/**@}*/

/** @name Field mask bits for km_agreement_update() and km_agreement_amend() */
/**@{*/
#define KM_AGREEMENT_F_TITLE      0x0001u /**< title */
#define KM_AGREEMENT_F_REFERENCE  0x0002u /**< reference */
#define KM_AGREEMENT_F_TYPE       0x0004u /**< type */
#define KM_AGREEMENT_F_PURPOSE    0x0008u /**< purpose */
#define KM_AGREEMENT_F_SECTORS    0x0010u /**< sectors */
#define KM_AGREEMENT_F_REGION     0x0020u /**< region */
#define KM_AGREEMENT_F_START      0x0040u /**< start_date */
#define KM_AGREEMENT_F_END        0x0080u /**< end_date */
#define KM_AGREEMENT_F_VALUE      0x0100u /**< value and currency */
#define KM_AGREEMENT_F_FRAMEWORK  0x0200u /**< framework_id (not amendable after signing) */
#define KM_AGREEMENT_F_DIMENSIONS 0x0400u /**< dimensions */
#define KM_AGREEMENT_F_PARTIES    0x0800u /**< the whole party list */
#define KM_AGREEMENT_F_DOCUMENTS  0x1000u /**< the whole document list */
#define KM_AGREEMENT_F_ALL        0x1FFFu /**< every field */
/**@}*/

/** @brief Current version of ::km_agreement_fields. */
#define KM_AGREEMENT_FIELDS_VERSION 1

/**
 * @brief Input for km_agreement_create(), km_agreement_update() and
 *        km_agreement_amend().
 *
 * Strings are UTF-8 and borrowed for the call. Validation:
 * - `title`: required, 1..#KM_AGREEMENT_TITLE_MAX bytes, one line;
 * - `reference`: required, unique in the network, 1..#KM_AGREEMENT_REFERENCE_MAX
 *   bytes of letters, digits and `-._/:` (e.g. `PKS/032/2024`);
 * - `type`: a ::km_agreement_type;
 * - `purpose`: optional, multi-line, at most #KM_AGREEMENT_PURPOSE_MAX bytes;
 * - `sectors`: tags as for partners (at most #KM_TAGS_MAX of
 *   1..#KM_TAG_MAX bytes of `a-z0-9_-`, no duplicates);
 * - `region`: optional kode wilayah (`32`, `32.73`, ...);
 * - `start_date`, `end_date`: optional `YYYY-MM-DD`; the end may not be
 *   before the start. A start date is required to propose;
 * - `value`, `currency`: an amount in minor units (>= 0) and its ISO 4217
 *   code; a NULL currency means "no value" and then `value` must be 0;
 * - `framework_id`: an existing framework, or 0 for none;
 * - `dimensions`: `KM_DIMENSION_BIT()` mask of the dimensions it will be
 *   evaluated on;
 * - parties: `parties_count` (at most #KM_AGREEMENT_PARTIES_MAX) partner ids
 *   in `party_ids`, each existing and listed once, with a non-empty
 *   `KM_ROLE_*` mask in `party_roles` (same index); at least two are needed
 *   to propose;
 * - documents: `documents_count` (at most #KM_AGREEMENT_DOCUMENTS_MAX)
 *   `http(s)://` URIs in `document_uris` with the SHA-256 of the signed
 *   document as 64 lower-case hex digits in `document_sha256`.
 */
typedef struct km_agreement_fields {
    unsigned int version;                 /**< #KM_AGREEMENT_FIELDS_VERSION. */
    const char *title;                    /**< Title (judul). */
    const char *reference;                /**< Reference number (nomor perjanjian), unique per network. */
    int type;                             /**< A ::km_agreement_type. */
    const char *purpose;                  /**< Purpose (maksud dan tujuan), or NULL. */
    const char *const *sectors;           /**< Sector tags (may be NULL when the count is 0). */
    size_t sectors_count;                 /**< Number of sector tags. */
    const char *region;                   /**< Kode wilayah, or NULL. */
    const char *start_date;               /**< First day, `YYYY-MM-DD`, or NULL. */
    const char *end_date;                 /**< Last day, `YYYY-MM-DD`, or NULL (open-ended). */
    int64_t value;                        /**< Total value in minor units of @ref currency. */
    const char *currency;                 /**< ISO 4217 code, or NULL for no value. */
    uint64_t framework_id;                /**< Framework it falls under, or 0. */
    uint32_t dimensions;                  /**< Evaluation dimensions (`KM_DIMENSION_BIT()` mask). */
    const uint64_t *party_ids;            /**< Partner ids of the parties. */
    const uint32_t *party_roles;          /**< `KM_ROLE_*` mask of each party. */
    size_t parties_count;                 /**< Number of parties. */
    const char *const *document_uris;     /**< URI of each signed document. */
    const char *const *document_sha256;   /**< Hex SHA-256 of each document. */
    size_t documents_count;               /**< Number of documents. */
} km_agreement_fields;

/** @brief Static initializer for ::km_agreement_fields (type MoU, everything else empty). */
#define KM_AGREEMENT_FIELDS_INIT { KM_AGREEMENT_FIELDS_VERSION, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, \
                                   0, NULL, 0, 0, NULL, NULL, 0, NULL, NULL, 0 }

/** @brief Immutable snapshot of one version of an agreement. */
typedef struct km_agreement km_agreement;

/**
 * @brief Creates an agreement in the draft state.
 * @param[out] out_id receives the new agreement's id (may be NULL).
 * @param net the network.
 * @param fields the agreement's fields.
 * @return 0; #KM_EINVAL naming the field; #KM_ENOTFOUND (a party or the
 *         framework does not exist); #KM_EEXISTS (reference taken);
 *         #KM_ERANGE (running totals would overflow, or the registry
 *         already holds 4,294,967,295 agreements); #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error
 *         nothing changes.
 */
KM_EXTERN int km_agreement_create(uint64_t *out_id, km_network *net, const km_agreement_fields *fields);

/**
 * @brief Edits a draft or proposed agreement (no new version). Editing a
 *        proposed agreement withdraws every signature given so far.
 * @param net the network.
 * @param id the agreement.
 * @param fields the new values (only the fields in @p mask are read).
 * @param mask `KM_AGREEMENT_F_*` bits.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_EEXISTS; #KM_ERANGE; #KM_ESTATE
 *         (signed or later: use km_agreement_amend()); #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_update(km_network *net, uint64_t id, const km_agreement_fields *fields, uint32_t mask);

/**
 * @brief Amends a signed, active or suspended agreement: creates version
 *        N+1 recording @p rationale and which fields changed.
 * @param net the network.
 * @param id the agreement.
 * @param fields the new values (only the fields in @p mask are read).
 * @param mask `KM_AGREEMENT_F_*` bits (not #KM_AGREEMENT_F_FRAMEWORK).
 * @param rationale why (required, at most #KM_AGREEMENT_REASON_MAX bytes).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (bad field, missing rationale, no
 *         field actually changes); #KM_EEXISTS; #KM_ERANGE; #KM_ESTATE (not
 *         signed yet, or ended); #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_amend(km_network *net, uint64_t id, const km_agreement_fields *fields, uint32_t mask,
                                 const char *rationale);

/**
 * @brief Adds a party: an edit while draft or proposed, an amendment (which
 *        needs @p rationale) once signed.
 * @param net the network.
 * @param id the agreement.
 * @param partner_id the partner joining.
 * @param roles its `KM_ROLE_*` mask (not 0).
 * @param rationale why (required once signed; may be NULL before).
 * @return as km_agreement_update() / km_agreement_amend(); #KM_EEXISTS when
 *         the partner already is a party.
 */
KM_EXTERN int km_agreement_add_party(km_network *net, uint64_t id, uint64_t partner_id, uint32_t roles,
                                     const char *rationale);

/**
 * @brief Removes a party: an edit while draft or proposed, an amendment once
 *        signed. A proposed or later agreement keeps at least two parties.
 * @param net the network.
 * @param id the agreement.
 * @param partner_id the partner leaving.
 * @param rationale why (required once signed; may be NULL before).
 * @return as km_agreement_add_party(); #KM_ENOTFOUND when the partner is not
 *         a party.
 */
KM_EXTERN int km_agreement_remove_party(km_network *net, uint64_t id, uint64_t partner_id, const char *rationale);

/**
 * @brief Moves an agreement to another state (the general form of the
 *        functions below).
 *
 * #KM_AGREEMENT_SIGNED is reached only through km_agreement_sign(), and
 * #KM_AGREEMENT_EXPIRED only through km_agreement_expire_due().
 * Activation checks the agreement against its framework (the version pinned
 * at signing): while there are violations it fails with #KM_ESTATE listing
 * them, unless @p override_justification is given; the justification is
 * recorded in the activation event (and so in the audit trail).
 * @param net the network.
 * @param id the agreement.
 * @param status the target ::km_agreement_status.
 * @param reason why (required for suspended, terminated and cancelled; at
 *        most #KM_AGREEMENT_REASON_MAX bytes), or NULL.
 * @param override_justification only for activation: written reason to
 *        activate despite framework violations, or NULL.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (unknown status, missing reason,
 *         override on another transition); #KM_ESTATE (illegal transition,
 *         naming the current and the allowed states; proposing with fewer
 *         than two parties or no start date; activating with violations);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_transition(km_network *net, uint64_t id, int status, const char *reason,
                                      const char *override_justification);

/**
 * @brief draft -> proposed. Needs at least two parties and a start date.
 * @param net the network.
 * @param id the agreement.
 * @param reason optional note, or NULL.
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_propose(km_network *net, uint64_t id, const char *reason);

/**
 * @brief A party signs a proposed agreement; when every party has signed,
 *        the agreement becomes signed and the current version of its
 *        framework is pinned to it.
 *
 * Only a party may sign for itself: the network's actor
 * (km_network_set_actor()) must equal the signing partner's external id, or
 * start with `admin:` (an administrator recording a signature made on
 * paper). The authorizer hook can restrict further. The rule is checked
 * when the signature is made; log replay does not re-check it.
 * @param net the network.
 * @param id the agreement.
 * @param partner_id the signing party.
 * @return 0; #KM_ENOTFOUND (agreement; partner not a party); #KM_EDENIED
 *         (actor is not that partner and not `admin:`); #KM_ESTATE (not
 *         proposed, already signed, partner not active); #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_sign(km_network *net, uint64_t id, uint64_t partner_id);

/**
 * @brief signed -> active (see km_agreement_transition() for the framework
 *        check and the override).
 * @param net the network.
 * @param id the agreement.
 * @param override_justification NULL, or why to activate despite violations.
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_activate(km_network *net, uint64_t id, const char *override_justification);

/**
 * @brief active -> suspended.
 * @param net the network.
 * @param id the agreement.
 * @param reason why (required).
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_suspend(km_network *net, uint64_t id, const char *reason);

/**
 * @brief suspended -> active (no framework check: it was made at activation).
 * @param net the network.
 * @param id the agreement.
 * @param reason optional note, or NULL.
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_resume(km_network *net, uint64_t id, const char *reason);

/**
 * @brief active -> completed.
 * @param net the network.
 * @param id the agreement.
 * @param reason optional note, or NULL.
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_complete(km_network *net, uint64_t id, const char *reason);

/**
 * @brief active | suspended -> terminated.
 * @param net the network.
 * @param id the agreement.
 * @param reason why (required).
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_terminate(km_network *net, uint64_t id, const char *reason);

/**
 * @brief draft | proposed -> cancelled.
 * @param net the network.
 * @param id the agreement.
 * @param reason why (required).
 * @return as km_agreement_transition().
 */
KM_EXTERN int km_agreement_cancel(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Records expiry for every active agreement whose end date is before
 *        @p as_of_date, all in one log entry (or in the open transaction).
 *        The date is given, not read from a clock.
 * @param[out] out_count receives the number of agreements expired (may be NULL).
 * @param net the network.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0 (also when nothing expires); #KM_EINVAL; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM (nothing
 *         changed).
 */
KM_EXTERN int km_agreement_expire_due(uint64_t *out_count, km_network *net, const char *as_of_date);

/**
 * @brief Reads the current version of an agreement.
 * @param[out] out receives a handle; free with km_agreement_free().
 * @param net the network.
 * @param id the agreement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_get(km_agreement **out, km_network *net, uint64_t id);

/**
 * @brief Reads an agreement by its reference number (exact match).
 * @param[out] out receives a handle; free with km_agreement_free().
 * @param net the network.
 * @param reference the reference number.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_get_by_reference(km_agreement **out, km_network *net, const char *reference);

/**
 * @brief Reads an agreement as it was at amendment version @p version
 *        (1 = as created or last edited before signing; 2.. = after each
 *        amendment). The current version is returned as it is now; an
 *        older one as it stood when the next amendment replaced it.
 * @param[out] out receives a handle; free with km_agreement_free().
 * @param net the network.
 * @param id the agreement.
 * @param version 1..km_agreement_version() of the current handle.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND (agreement or version); #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_get_version(km_agreement **out, km_network *net, uint64_t id, uint32_t version);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param a the handle (may be NULL).
 */
KM_EXTERN void km_agreement_free(km_agreement *a);

/**
 * @brief Agreement id.
 * @param a the handle (may be NULL).
 * @return the id; 0 for NULL.
 */
KM_EXTERN uint64_t km_agreement_id(const km_agreement *a);
/**
 * @brief Title.
 * @param a the handle (may be NULL).
 * @return the title (lives as long as @p a); NULL for NULL.
 */
KM_EXTERN const char *km_agreement_title(const km_agreement *a);
/**
 * @brief Reference number.
 * @param a the handle (may be NULL).
 * @return the reference (lives as long as @p a); NULL for NULL.
 */
KM_EXTERN const char *km_agreement_reference(const km_agreement *a);
/**
 * @brief Type.
 * @param a the handle (may be NULL).
 * @return a ::km_agreement_type; -1 for NULL.
 */
KM_EXTERN int km_agreement_type_of(const km_agreement *a);
/**
 * @brief Family of the agreement's type.
 * @param a the handle (may be NULL).
 * @return a ::km_family; -1 for NULL.
 */
KM_EXTERN int km_agreement_family_of(const km_agreement *a);
/**
 * @brief Purpose.
 * @param a the handle (may be NULL).
 * @return the purpose, or NULL when unset.
 */
KM_EXTERN const char *km_agreement_purpose(const km_agreement *a);
/**
 * @brief Number of sector tags.
 * @param a the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_agreement_sector_count(const km_agreement *a);
/**
 * @brief The @p i-th sector tag.
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return the tag, or NULL when out of range.
 */
KM_EXTERN const char *km_agreement_sector(const km_agreement *a, size_t i);
/**
 * @brief Kode wilayah.
 * @param a the handle (may be NULL).
 * @return the region, or NULL when unset.
 */
KM_EXTERN const char *km_agreement_region(const km_agreement *a);
/**
 * @brief Start date.
 * @param a the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when unset.
 */
KM_EXTERN const char *km_agreement_start_date(const km_agreement *a);
/**
 * @brief End date (last day).
 * @param a the handle (may be NULL).
 * @return `YYYY-MM-DD`, or NULL when open-ended.
 */
KM_EXTERN const char *km_agreement_end_date(const km_agreement *a);
/**
 * @brief Total value in minor units.
 * @param a the handle (may be NULL).
 * @return the value; 0 when there is none.
 */
KM_EXTERN int64_t km_agreement_value(const km_agreement *a);
/**
 * @brief Currency of the value.
 * @param a the handle (may be NULL).
 * @return the ISO 4217 code, or NULL when there is no value.
 */
KM_EXTERN const char *km_agreement_currency(const km_agreement *a);
/**
 * @brief Framework the agreement falls under.
 * @param a the handle (may be NULL).
 * @return the framework id, or 0.
 */
KM_EXTERN uint64_t km_agreement_framework_id(const km_agreement *a);
/**
 * @brief Framework version pinned when the agreement became signed.
 * @param a the handle (may be NULL).
 * @return the version, or 0 before signing or without a framework.
 */
KM_EXTERN uint32_t km_agreement_framework_version(const km_agreement *a);
/**
 * @brief Evaluation dimensions declared.
 * @param a the handle (may be NULL).
 * @return a `KM_DIMENSION_BIT()` mask.
 */
KM_EXTERN uint32_t km_agreement_dimensions(const km_agreement *a);
/**
 * @brief Lifecycle state.
 * @param a the handle (may be NULL).
 * @return a ::km_agreement_status; -1 for NULL.
 */
KM_EXTERN int km_agreement_status_of(const km_agreement *a);
/**
 * @brief Reason given with the last transition.
 * @param a the handle (may be NULL).
 * @return the reason, or NULL.
 */
KM_EXTERN const char *km_agreement_status_reason(const km_agreement *a);
/**
 * @brief Override justification recorded at activation.
 * @param a the handle (may be NULL).
 * @return the justification, or NULL when the agreement was activated
 *         without one (or is not active yet).
 */
KM_EXTERN const char *km_agreement_override(const km_agreement *a);
/**
 * @brief Amendment version: 1 until the first amendment, then +1 each.
 * @param a the handle (may be NULL).
 * @return the version; 0 for NULL.
 */
KM_EXTERN uint32_t km_agreement_version(const km_agreement *a);
/**
 * @brief Rationale of the amendment that made this version.
 * @param a the handle (may be NULL).
 * @return the rationale, or NULL for version 1.
 */
KM_EXTERN const char *km_agreement_amendment_rationale(const km_agreement *a);
/**
 * @brief Fields changed by the amendment that made this version.
 * @param a the handle (may be NULL).
 * @return `KM_AGREEMENT_F_*` bits; 0 for version 1.
 */
KM_EXTERN uint32_t km_agreement_amendment_fields(const km_agreement *a);
/**
 * @brief Creation time, microseconds since the epoch.
 * @param a the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_agreement_created(const km_agreement *a);
/**
 * @brief Time of the last change (for an old version: when it was current
 *        last), microseconds since the epoch.
 * @param a the handle (may be NULL).
 * @return the time; 0 for NULL.
 */
KM_EXTERN int64_t km_agreement_updated(const km_agreement *a);
/**
 * @brief Time the version was made (creation, or the amendment).
 * @param a the handle (may be NULL).
 * @return microseconds since the epoch; 0 for NULL.
 */
KM_EXTERN int64_t km_agreement_version_time(const km_agreement *a);
/**
 * @brief Number of parties.
 * @param a the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_agreement_party_count(const km_agreement *a);
/**
 * @brief Partner id of the @p i-th party (in the order given).
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return the partner id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_agreement_party(const km_agreement *a, size_t i);
/**
 * @brief Roles of the @p i-th party.
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return a `KM_ROLE_*` mask, or 0 when out of range.
 */
KM_EXTERN uint32_t km_agreement_party_roles(const km_agreement *a, size_t i);
/**
 * @brief Time the @p i-th party signed.
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return microseconds since the epoch, or 0 when it has not signed (or out
 *         of range).
 */
KM_EXTERN int64_t km_agreement_party_signed(const km_agreement *a, size_t i);
/**
 * @brief Number of document references.
 * @param a the handle (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_agreement_document_count(const km_agreement *a);
/**
 * @brief URI of the @p i-th document.
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return the URI, or NULL when out of range.
 */
KM_EXTERN const char *km_agreement_document_uri(const km_agreement *a, size_t i);
/**
 * @brief SHA-256 of the @p i-th document.
 * @param a the handle (may be NULL).
 * @param i zero-based index.
 * @return 64 lower-case hex digits, or NULL when out of range.
 */
KM_EXTERN const char *km_agreement_document_sha256(const km_agreement *a, size_t i);

/** @brief Current version of ::km_agreement_query. */
#define KM_AGREEMENT_QUERY_VERSION 1

/**
 * @brief Filters for km_agreement_list(). Every set filter must match (AND).
 *
 * Results come in ascending id order, cut into pages by an opaque cursor.
 * Party, type, family, status, framework, sector and region prefix are
 * indexed (compressed id sets, intersected); the date filters are checked on
 * the candidates the others leave.
 */
typedef struct km_agreement_query {
    unsigned int version;        /**< #KM_AGREEMENT_QUERY_VERSION. */
    uint64_t party;              /**< Partner id that must be a party, or 0. */
    int type;                    /**< A ::km_agreement_type, or -1. */
    int family;                  /**< A ::km_family, or -1. */
    int status;                  /**< A ::km_agreement_status, or -1. */
    uint64_t framework_id;       /**< Framework id, or 0. */
    const char *region_prefix;   /**< Kode wilayah prefix by whole segments, or NULL. */
    const char *sector;          /**< Sector tag, or NULL. */
    const char *active_on;       /**< `YYYY-MM-DD`: signed (not cancelled, not draft or proposed) and its start..end covers the date; or NULL. */
    const char *expiring_from;   /**< `YYYY-MM-DD`: active and ending on a day in [expiring_from, expiring_from + expiring_days]; or NULL. */
    uint32_t expiring_days;      /**< Window for @ref expiring_from, in days. */
    const char *cursor;          /**< From km_agreement_page_cursor(), or NULL to start. */
    uint32_t limit;              /**< Page size 1..1000; 0 means 50. */
} km_agreement_query;

/** @brief Static initializer for ::km_agreement_query (no filter). */
#define KM_AGREEMENT_QUERY_INIT { KM_AGREEMENT_QUERY_VERSION, 0, -1, -1, -1, 0, NULL, NULL, NULL, NULL, 0, NULL, 0 }

/** @brief One page of agreements. */
typedef struct km_agreement_page km_agreement_page;

/**
 * @brief Lists agreements matching @p query.
 * @param[out] out receives the page; free with km_agreement_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_agreement_list(km_agreement_page **out, km_network *net, const km_agreement_query *query);

/**
 * @brief Counts every agreement matching @p query (cursor and limit ignored).
 * @param[out] out receives the count.
 * @param net the network.
 * @param query filters; NULL counts everything.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM (adding the agreements
 *         created in the open transaction to their parties' index, which
 *         waits for the commit or the first listing or count).
 */
KM_EXTERN int km_agreement_count(uint64_t *out, km_network *net, const km_agreement_query *query);

/**
 * @brief Number of agreements on the page.
 * @param page the page (may be NULL).
 * @return the count; 0 for NULL.
 */
KM_EXTERN size_t km_agreement_page_count(const km_agreement_page *page);

/**
 * @brief The @p i-th agreement of the page, borrowed: valid while the page lives.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL when out of range.
 */
KM_EXTERN const km_agreement *km_agreement_page_get(const km_agreement_page *page, size_t i);

/**
 * @brief Cursor for the next page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL when this was the last page.
 */
KM_EXTERN const char *km_agreement_page_cursor(const km_agreement_page *page);

/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_agreement_page_free(km_agreement_page *page);

/**
 * @brief Total value and count of the agreements of one type in one
 *        currency whose status is in @p status_mask, in O(1).
 *
 * The library keeps running totals per type, currency and status, updated by
 * every change, so this never scans.
 * @param[out] out_value receives the sum of values in minor units (may be NULL).
 * @param[out] out_count receives the number of agreements (may be NULL).
 * @param net the network.
 * @param type a ::km_agreement_type.
 * @param currency an ISO 4217 code.
 * @param status_mask `KM_AGREEMENT_STATUS_BIT()` mask; 0 means every status
 *        except cancelled (the committed total).
 * @return 0; #KM_EINVAL (bad type, currency or mask).
 */
KM_EXTERN int km_agreement_totals(int64_t *out_value, uint64_t *out_count, km_network *net, int type,
                                  const char *currency, uint32_t status_mask);

/** @brief Current version of ::km_milestone_fields. */
#define KM_MILESTONE_FIELDS_VERSION 1

/** @brief Input for km_milestone_add(). Strings are borrowed for the call. */
typedef struct km_milestone_fields {
    unsigned int version;  /**< #KM_MILESTONE_FIELDS_VERSION. */
    int type;              /**< A ::km_milestone_type. */
    const char *title;     /**< Required, 1..#KM_AGREEMENT_TITLE_MAX bytes. */
    const char *due_date;  /**< Required, `YYYY-MM-DD`. */
} km_milestone_fields;

/** @brief Static initializer for ::km_milestone_fields. */
#define KM_MILESTONE_FIELDS_INIT { KM_MILESTONE_FIELDS_VERSION, 0, NULL, NULL }

/**
 * @brief Adds a milestone (status scheduled) to an agreement that has not
 *        ended (not completed, terminated, expired or cancelled).
 * @param[out] out_number receives the milestone's number within the
 *        agreement, 1, 2, ... (may be NULL).
 * @param net the network.
 * @param agreement_id the agreement.
 * @param fields the milestone.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_milestone_add(uint32_t *out_number, km_network *net, uint64_t agreement_id,
                               const km_milestone_fields *fields);

/**
 * @brief Records a milestone's status.
 * @param net the network.
 * @param agreement_id the agreement (not ended).
 * @param number the milestone number.
 * @param status a ::km_milestone_status.
 * @param date_met `YYYY-MM-DD`, required for met and partially met and
 *        refused for the others.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE; #KM_EDENIED;
 *         #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_milestone_set_status(km_network *net, uint64_t agreement_id, uint32_t number, int status,
                                      const char *date_met);

/** @brief A list of milestones (immutable). */
typedef struct km_milestones km_milestones;

/**
 * @brief The milestones of one agreement, in number order.
 * @param[out] out receives the list; free with km_milestones_free().
 * @param net the network.
 * @param agreement_id the agreement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_milestone_list(km_milestones **out, km_network *net, uint64_t agreement_id);

/**
 * @brief Overdue milestones: still scheduled, due before @p as_of_date, of
 *        agreements that are signed, active or suspended. Ordered by
 *        agreement id, then number.
 * @param[out] out receives the list; free with km_milestones_free().
 * @param net the network.
 * @param as_of_date `YYYY-MM-DD`.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_milestone_overdue(km_milestones **out, km_network *net, const char *as_of_date);

/**
 * @brief Number of milestones in the list.
 * @param m the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_milestones_count(const km_milestones *m);
/**
 * @brief Agreement of the @p i-th milestone.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return the agreement id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_milestones_agreement(const km_milestones *m, size_t i);
/**
 * @brief Number of the @p i-th milestone within its agreement.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return the number, or 0 when out of range.
 */
KM_EXTERN uint32_t km_milestones_number(const km_milestones *m, size_t i);
/**
 * @brief Type of the @p i-th milestone.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_milestone_type, or -1 when out of range.
 */
KM_EXTERN int km_milestones_type(const km_milestones *m, size_t i);
/**
 * @brief Title of the @p i-th milestone.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return the title (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_milestones_title(const km_milestones *m, size_t i);
/**
 * @brief Due date of the @p i-th milestone.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when out of range.
 */
KM_EXTERN const char *km_milestones_due_date(const km_milestones *m, size_t i);
/**
 * @brief Status of the @p i-th milestone.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_milestone_status, or -1 when out of range.
 */
KM_EXTERN int km_milestones_status(const km_milestones *m, size_t i);
/**
 * @brief Date the @p i-th milestone was (partially) met.
 * @param m the list (may be NULL).
 * @param i zero-based index.
 * @return `YYYY-MM-DD`, or NULL when not met or out of range.
 */
KM_EXTERN const char *km_milestones_date_met(const km_milestones *m, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param m the list (may be NULL).
 */
KM_EXTERN void km_milestones_free(km_milestones *m);

/**
 * @brief Adds an entry to the risk allocation register of a PPP (KPBU)
 *        agreement that has not ended.
 * @param[out] out_number receives the entry's number, 1, 2, ... (may be NULL).
 * @param net the network.
 * @param agreement_id the agreement (type #KM_AGREEMENT_PPP).
 * @param category a ::km_risk_category.
 * @param allocation a ::km_risk_allocation.
 * @param mitigation how the risk is mitigated (required, at most
 *        #KM_AGREEMENT_REASON_MAX bytes, may span lines).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (bad value; not a PPP agreement);
 *         #KM_ESTATE (ended); #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT;
 *         #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_risk_add(uint32_t *out_number, km_network *net, uint64_t agreement_id, int category,
                          int allocation, const char *mitigation);

/**
 * @brief Changes the allocation and mitigation of a register entry.
 * @param net the network.
 * @param agreement_id the agreement.
 * @param number the entry number.
 * @param allocation a ::km_risk_allocation.
 * @param mitigation new mitigation text (required).
 * @return as km_risk_add().
 */
KM_EXTERN int km_risk_update(km_network *net, uint64_t agreement_id, uint32_t number, int allocation,
                             const char *mitigation);

/** @brief A risk allocation register (immutable). */
typedef struct km_risks km_risks;

/**
 * @brief The risk register of one agreement, in number order.
 * @param[out] out receives the list; free with km_risks_free().
 * @param net the network.
 * @param agreement_id the agreement.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_risk_list(km_risks **out, km_network *net, uint64_t agreement_id);

/**
 * @brief Number of entries.
 * @param r the list (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_risks_count(const km_risks *r);
/**
 * @brief Number of the @p i-th entry.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return the number, or 0 when out of range.
 */
KM_EXTERN uint32_t km_risks_number(const km_risks *r, size_t i);
/**
 * @brief Category of the @p i-th entry.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_risk_category, or -1 when out of range.
 */
KM_EXTERN int km_risks_category(const km_risks *r, size_t i);
/**
 * @brief Allocation of the @p i-th entry.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return a ::km_risk_allocation, or -1 when out of range.
 */
KM_EXTERN int km_risks_allocation(const km_risks *r, size_t i);
/**
 * @brief Mitigation of the @p i-th entry.
 * @param r the list (may be NULL).
 * @param i zero-based index.
 * @return the text (lives as long as the list), or NULL when out of range.
 */
KM_EXTERN const char *km_risks_mitigation(const km_risks *r, size_t i);
/**
 * @brief Releases a list. NULL is a no-op.
 * @param r the list (may be NULL).
 */
KM_EXTERN void km_risks_free(km_risks *r);

/**
 * @brief Label of an agreement type.
 * @param type a ::km_agreement_type.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_agreement_type_label(int type, int lang);
/**
 * @brief Family of an agreement type (see the table in @ref agreement.h).
 * @param type a ::km_agreement_type.
 * @return a ::km_family, or -1 when unknown.
 */
KM_EXTERN int km_agreement_type_family(int type);
/**
 * @brief Label of a family.
 * @param family a ::km_family.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_family_label(int family, int lang);
/**
 * @brief Label of an agreement status.
 * @param status a ::km_agreement_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_agreement_status_label(int status, int lang);
/**
 * @brief Label of one role bit.
 * @param role exactly one `KM_ROLE_*` bit.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when not a single known bit.
 */
KM_EXTERN const char *km_role_label(uint32_t role, int lang);
/**
 * @brief IATI OrganisationRole code of a role bit.
 * @param role exactly one `KM_ROLE_*` bit.
 * @return 1..4 for funding, accountable, extending and implementing; -1 for
 *         the other roles (they have no IATI code).
 */
KM_EXTERN int km_role_iati(uint32_t role);
/**
 * @brief Label of a milestone type.
 * @param type a ::km_milestone_type.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_milestone_type_label(int type, int lang);
/**
 * @brief Code of a milestone type: the OCDS milestoneType code (`approval`,
 *        `financing`, `delivery`, `reporting`, `payment`) or, for types OCDS
 *        1.1 lacks, the library's own camelCase code (`commercialClose`,
 *        `financialClose`, `completion`, `other`).
 * @param type a ::km_milestone_type.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_milestone_type_code(int type);
/**
 * @brief Label of a milestone status.
 * @param status a ::km_milestone_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_milestone_status_label(int status, int lang);
/**
 * @brief Label of a risk category.
 * @param category a ::km_risk_category.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_risk_category_label(int category, int lang);
/**
 * @brief Label of a risk allocation.
 * @param allocation a ::km_risk_allocation.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_risk_allocation_label(int allocation, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_AGREEMENT_H */
