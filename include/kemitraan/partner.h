/**
 * @file partner.h
 * @brief The partner registry: government bodies, enterprises, NGOs,
 *        communities, universities, international bodies and individuals.
 *
 * Partners get sequential ids (1, 2, 3, ...) that never change or get
 * reused. A partner handle (::km_partner) is an immutable copy of the partner
 * as it was when it was read: later changes create a new version and never
 * touch a handle already given out, so bindings cannot trip on a dangling
 * pointer. Every string a handle returns lives as long as the handle.
 */
#ifndef KEMITRAAN_PARTNER_H
#define KEMITRAAN_PARTNER_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Kinds of partner. Each maps to an IATI OrganisationType code. */
typedef enum km_partner_kind {
    KM_PARTNER_MINISTRY = 0,             /**< Ministry or national institution (kementerian/lembaga); IATI 10. */
    KM_PARTNER_GOVERNMENT_AGENCY = 1,    /**< National government agency (badan/instansi pusat); IATI 10. */
    KM_PARTNER_REGIONAL_GOVERNMENT = 2,  /**< Province, regency or city government (pemerintah daerah, its dinas); IATI 11. */
    KM_PARTNER_STATE_ENTERPRISE = 3,     /**< State- or region-owned enterprise (BUMN/BUMD); IATI 15. */
    KM_PARTNER_PRIVATE_BUSINESS = 4,     /**< Private business (badan usaha swasta); IATI 70. */
    KM_PARTNER_NGO = 5,                  /**< Nonprofit / NGO (LSM); IATI 22. */
    KM_PARTNER_ACADEMIC = 6,             /**< University or research institute; IATI 80. */
    KM_PARTNER_INTERNATIONAL = 7,        /**< International organisation or development agency; IATI 40. */
    KM_PARTNER_COMMUNITY = 8,            /**< Community organisation (kelompok masyarakat); IATI 24. */
    KM_PARTNER_INDIVIDUAL = 9,           /**< Individual (perorangan); IATI 90. */
    KM_PARTNER_FOUNDATION = 10,          /**< Foundation or philanthropy (yayasan); IATI 60. */
    KM_PARTNER_KIND__COUNT = 11          /**< Number of kinds (not a kind). */
} km_partner_kind;

/** @brief Partner status. */
typedef enum km_partner_status {
    KM_PARTNER_ACTIVE = 0,     /**< Active (aktif). */
    KM_PARTNER_SUSPENDED = 1,  /**< Suspended (ditangguhkan); needs a reason. */
    KM_PARTNER_ARCHIVED = 2,   /**< Archived (diarsipkan); needs a reason. */
    KM_PARTNER_STATUS__COUNT = 3 /**< Number of statuses (not a status). */
} km_partner_status;

/** @name Field limits (bytes of UTF-8 unless stated) */
/**@{*/
#define KM_PARTNER_NAME_MAX 200        /**< Longest name. */
#define KM_PARTNER_EXTERNAL_ID_MAX 100 /**< Longest external identifier. */
#define KM_PARTNER_EMAIL_MAX 254       /**< Longest e-mail address (RFC 5321). */
#define KM_PARTNER_PHONE_MAX 32        /**< Longest phone number as written. */
#define KM_PARTNER_WEBSITE_MAX 2048    /**< Longest website URL. */
#define KM_PARTNER_REASON_MAX 1000     /**< Longest status reason. */
#define KM_TAG_MAX 64                  /**< Longest tag (sector, capability, need). */
#define KM_TAGS_MAX 64                 /**< Most tags in one list. */
/**@}*/

/** @name Field mask bits for km_partner_update() */
/**@{*/
#define KM_PARTNER_F_NAME         0x0001u /**< name */
#define KM_PARTNER_F_EXTERNAL_ID  0x0002u /**< external_id */
#define KM_PARTNER_F_KIND         0x0004u /**< kind */
#define KM_PARTNER_F_REGION       0x0008u /**< region */
#define KM_PARTNER_F_EMAIL        0x0010u /**< email */
#define KM_PARTNER_F_PHONE        0x0020u /**< phone */
#define KM_PARTNER_F_WEBSITE      0x0040u /**< website */
#define KM_PARTNER_F_SECTORS      0x0080u /**< sectors */
#define KM_PARTNER_F_CAPABILITIES 0x0100u /**< capabilities */
#define KM_PARTNER_F_NEEDS        0x0200u /**< needs */
#define KM_PARTNER_F_ALL          0x03FFu /**< every field */
/**@}*/

/** @brief Current version of ::km_partner_fields. */
#define KM_PARTNER_FIELDS_VERSION 1

/**
 * @brief Input for km_partner_create() and km_partner_update().
 *
 * Strings are UTF-8 and borrowed for the call. Validation:
 * - `name`: required, 1..#KM_PARTNER_NAME_MAX bytes, no control characters,
 *   not only spaces;
 * - `external_id`: required, scheme-prefixed and unique in the network:
 *   `XX-SCHEME-value` as in IATI organisation identifiers (two upper-case
 *   letters, `-`, a registration scheme of upper-case letters or digits, `-`,
 *   a value of letters, digits and `-._/:`), e.g. `ID-NIB-8120000123456`;
 * - `kind`: a ::km_partner_kind;
 * - `region`: optional kode wilayah: `32`, `32.73`, `32.73.01` or
 *   `32.73.01.1001` (province 11..99);
 * - `email`: optional `local@domain.tld`; `phone`: optional, digits with an
 *   optional leading `+` and spaces, dashes or dots, 6..15 digits;
 *   `website`: optional `http://` or `https://` URL without spaces;
 * - tag lists (`sectors`, `capabilities`, `needs`): at most #KM_TAGS_MAX tags
 *   of 1..#KM_TAG_MAX bytes of lower-case letters, digits, `_` and `-`; no
 *   duplicates; order kept. An empty string for an optional field clears it.
 */
typedef struct km_partner_fields {
    unsigned int version;              /**< #KM_PARTNER_FIELDS_VERSION. */
    const char *name;                  /**< Name (nama). */
    const char *external_id;           /**< External identifier, e.g. `ID-NIB-8120000123456`. */
    int kind;                          /**< A ::km_partner_kind. */
    const char *region;                /**< Kode wilayah or NULL. */
    const char *email;                 /**< Contact e-mail or NULL. */
    const char *phone;                 /**< Contact phone or NULL. */
    const char *website;               /**< Website URL or NULL. */
    const char *const *sectors;        /**< Sector tags (may be NULL when the count is 0). */
    size_t sectors_count;              /**< Number of sector tags. */
    const char *const *capabilities;   /**< Capabilities offered. */
    size_t capabilities_count;         /**< Number of capabilities. */
    const char *const *needs;          /**< Needs. */
    size_t needs_count;                /**< Number of needs. */
} km_partner_fields;

/** @brief Static initializer for ::km_partner_fields (kind = ministry, all else empty). */
#define KM_PARTNER_FIELDS_INIT { KM_PARTNER_FIELDS_VERSION, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, 0, NULL, 0 }

/** @brief Immutable snapshot of one version of a partner. */
typedef struct km_partner km_partner;

/**
 * @brief Registers a partner (one log entry, or part of the open transaction).
 * @param[out] out_id receives the new partner's id (may be NULL).
 * @param net the network.
 * @param fields the partner's fields (see ::km_partner_fields).
 * @return 0; #KM_EINVAL naming the field at fault; #KM_EEXISTS (external id
 *         taken); #KM_ERANGE (the registry already holds 4,294,967,295
 *         partners, the most its indexes take); #KM_EDENIED; #KM_EREADONLY;
 *         #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM. On error nothing changes.
 */
KM_EXTERN int km_partner_create(uint64_t *out_id, km_network *net, const km_partner_fields *fields);

/**
 * @brief Changes the fields selected by @p mask (`KM_PARTNER_F_*` bits);
 *        the others keep their value.
 * @param net the network.
 * @param id the partner id.
 * @param fields the new values (only the fields in @p mask are read).
 * @param mask `KM_PARTNER_F_*` bits selecting the fields to change.
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL (bad field, empty mask, unknown bit);
 *         #KM_EEXISTS; #KM_ESTATE (archived partners cannot be edited);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_partner_update(km_network *net, uint64_t id, const km_partner_fields *fields, uint32_t mask);

/**
 * @brief Changes a partner's status.
 * @param net the network.
 * @param id the partner.
 * @param status the new ::km_partner_status (must differ from the current one).
 * @param reason why (required for suspension and archiving, optional for
 *        reactivation; at most #KM_PARTNER_REASON_MAX bytes).
 * @return 0; #KM_ENOTFOUND; #KM_EINVAL; #KM_ESTATE (already in that status);
 *         #KM_EDENIED; #KM_EREADONLY; #KM_ECONFLICT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_partner_set_status(km_network *net, uint64_t id, int status, const char *reason);

/**
 * @brief Archives a partner; shorthand for km_partner_set_status() with
 *        #KM_PARTNER_ARCHIVED.
 * @param net the network.
 * @param id the partner id.
 * @param reason why (UTF-8, borrowed for the call).
 * @return as km_partner_set_status().
 */
KM_EXTERN int km_partner_archive(km_network *net, uint64_t id, const char *reason);

/**
 * @brief Reads a partner by id.
 * @param[out] out receives a handle; free with km_partner_free().
 * @param net the network.
 * @param id the partner id.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_partner_get(km_partner **out, km_network *net, uint64_t id);

/**
 * @brief Reads a partner by external identifier (exact match).
 * @param[out] out receives the result.
 * @param net the network.
 * @param external_id the exact external identifier.
 * @return 0; #KM_EINVAL; #KM_ENOTFOUND; #KM_ENOMEM.
 */
KM_EXTERN int km_partner_get_by_external_id(km_partner **out, km_network *net, const char *external_id);

/**
 * @brief Releases a handle. NULL is a no-op.
 * @param p the partner handle (may be NULL).
 */
KM_EXTERN void km_partner_free(km_partner *p);

/**
 * @brief Partner id; 0 for NULL.
 * @param p the partner handle (may be NULL).
 * @return partner id; 0 for NULL.
 */
KM_EXTERN uint64_t km_partner_id(const km_partner *p);
/**
 * @brief Name; lives as long as @p p; NULL for NULL.
 * @param p the partner handle (may be NULL).
 * @return name; lives as long as @p p; NULL for NULL.
 */
KM_EXTERN const char *km_partner_name(const km_partner *p);
/**
 * @brief External identifier; lives as long as @p p.
 * @param p the partner handle (may be NULL).
 * @return external identifier; lives as long as @p p.
 */
KM_EXTERN const char *km_partner_external_id(const km_partner *p);
/**
 * @brief A ::km_partner_kind; -1 for NULL.
 * @param p the partner handle (may be NULL).
 * @return a ::km_partner_kind; -1 for NULL.
 */
KM_EXTERN int km_partner_kind_of(const km_partner *p);
/**
 * @brief Kode wilayah, or NULL when unset.
 * @param p the partner handle (may be NULL).
 * @return kode wilayah, or NULL when unset.
 */
KM_EXTERN const char *km_partner_region(const km_partner *p);
/**
 * @brief Contact e-mail, or NULL when unset.
 * @param p the partner handle (may be NULL).
 * @return contact e-mail, or NULL when unset.
 */
KM_EXTERN const char *km_partner_email(const km_partner *p);
/**
 * @brief Contact phone, or NULL when unset.
 * @param p the partner handle (may be NULL).
 * @return contact phone, or NULL when unset.
 */
KM_EXTERN const char *km_partner_phone(const km_partner *p);
/**
 * @brief Website, or NULL when unset.
 * @param p the partner handle (may be NULL).
 * @return website, or NULL when unset.
 */
KM_EXTERN const char *km_partner_website(const km_partner *p);
/**
 * @brief A ::km_partner_status; -1 for NULL.
 * @param p the partner handle (may be NULL).
 * @return a ::km_partner_status; -1 for NULL.
 */
KM_EXTERN int km_partner_status_of(const km_partner *p);
/**
 * @brief Reason given with the last status change, or NULL.
 * @param p the partner handle (may be NULL).
 * @return reason given with the last status change, or NULL.
 */
KM_EXTERN const char *km_partner_status_reason(const km_partner *p);
/**
 * @brief Creation time, microseconds since the epoch (from the clock hook).
 * @param p the partner handle (may be NULL).
 * @return creation time, microseconds since the epoch (from the clock hook).
 */
KM_EXTERN int64_t km_partner_created(const km_partner *p);
/**
 * @brief Time of the last change, microseconds since the epoch.
 * @param p the partner handle (may be NULL).
 * @return time of the last change, microseconds since the epoch.
 */
KM_EXTERN int64_t km_partner_updated(const km_partner *p);
/**
 * @brief Version: 1 at creation, +1 per change.
 * @param p the partner handle (may be NULL).
 * @return version: 1 at creation, +1 per change.
 */
KM_EXTERN uint32_t km_partner_version(const km_partner *p);
/**
 * @brief Number of sector tags.
 * @param p the partner handle (may be NULL).
 * @return number of sector tags.
 */
KM_EXTERN size_t km_partner_sector_count(const km_partner *p);
/**
 * @brief The @p i-th sector tag, or NULL when out of range.
 * @param p the partner handle (may be NULL).
 * @param i zero-based index.
 * @return the @p i-th sector tag, or NULL when out of range.
 */
KM_EXTERN const char *km_partner_sector(const km_partner *p, size_t i);
/**
 * @brief Number of capabilities.
 * @param p the partner handle (may be NULL).
 * @return number of capabilities.
 */
KM_EXTERN size_t km_partner_capability_count(const km_partner *p);
/**
 * @brief The @p i-th capability, or NULL when out of range.
 * @param p the partner handle (may be NULL).
 * @param i zero-based index.
 * @return the @p i-th capability, or NULL when out of range.
 */
KM_EXTERN const char *km_partner_capability(const km_partner *p, size_t i);
/**
 * @brief Number of needs.
 * @param p the partner handle (may be NULL).
 * @return number of needs.
 */
KM_EXTERN size_t km_partner_need_count(const km_partner *p);
/**
 * @brief The @p i-th need, or NULL when out of range.
 * @param p the partner handle (may be NULL).
 * @param i zero-based index.
 * @return the @p i-th need, or NULL when out of range.
 */
KM_EXTERN const char *km_partner_need(const km_partner *p, size_t i);

/** @brief Orders of km_partner_list() results (::km_partner_query `order`). */
typedef enum km_partner_order {
    KM_PARTNER_ORDER_ID = 0,   /**< Ascending id (registration order); the default. */
    KM_PARTNER_ORDER_NAME = 1  /**< Ascending name in byte order (UTF-8, case-sensitive), ties by ascending id. */
} km_partner_order;

/** @brief Current version of ::km_partner_query (2 added `order`). */
#define KM_PARTNER_QUERY_VERSION 2

/**
 * @brief Filters for km_partner_list(). Every set filter must match (AND).
 *
 * Results come in ascending id order, or by name with `order` =
 * #KM_PARTNER_ORDER_NAME. Pages are cut by an opaque cursor: pass the
 * cursor of one page to get the next, with the same filters and order.
 * A version-1 query (without `order`) lists by id.
 */
typedef struct km_partner_query {
    unsigned int version;        /**< #KM_PARTNER_QUERY_VERSION. */
    int kind;                    /**< A ::km_partner_kind, or -1 for any. */
    int status;                  /**< A ::km_partner_status, or -1 for any. */
    const char *sector;          /**< Sector tag, or NULL. */
    const char *capability;      /**< Capability tag, or NULL. */
    const char *need;            /**< Need tag, or NULL. */
    const char *region_prefix;   /**< Kode wilayah prefix by whole segments (`32` matches `32.73.01`), or NULL. */
    const char *name_contains;   /**< Case- and accent-insensitive substring of the name, or NULL. */
    const char *cursor;          /**< From km_partner_page_cursor(), or NULL to start. */
    uint32_t limit;              /**< Page size, 1..1000; 0 means 50. */
    int order;                   /**< A ::km_partner_order (version 2); #KM_PARTNER_ORDER_ID by default. */
} km_partner_query;

/** @brief Static initializer for ::km_partner_query (no filter, id order). */
#define KM_PARTNER_QUERY_INIT { KM_PARTNER_QUERY_VERSION, -1, -1, NULL, NULL, NULL, NULL, NULL, NULL, 0, KM_PARTNER_ORDER_ID }

/** @brief One page of partners. */
typedef struct km_partner_page km_partner_page;

/**
 * @brief Lists partners matching @p query.
 *
 * Indexed filters (kind, status, sector, capability, need, region prefix)
 * are intersected through compressed id sets, so a page costs time in
 * proportion to the page and the index chunks it touches; `name_contains`
 * is checked on the candidates the other filters leave.
 *
 * In name order the cost follows the smaller of two plans, chosen from the
 * number m of partners the indexed filters leave: when m is small the
 * candidates are selected into the page through a bounded heap (time
 * proportional to m); when m is large the listing walks a name-ordered
 * index of the whole registry from the cursor, keeping the matches (time
 * proportional to the page divided by the fraction that matches). That
 * index is built on the first such listing and kept up to date cheaply as
 * partners are added; renaming a partner makes the next such listing
 * rebuild it (docs/performance.md).
 * @param[out] out receives the page; free with km_partner_page_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL (bad filter or cursor); #KM_ENOMEM.
 */
KM_EXTERN int km_partner_list(km_partner_page **out, km_network *net, const km_partner_query *query);

/**
 * @brief Counts every partner matching @p query (cursor and limit ignored).
 * @param[out] out receives the result.
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_partner_count(uint64_t *out, km_network *net, const km_partner_query *query);

/**
 * @brief Number of partners on the page (0 for NULL).
 * @param page the page (may be NULL).
 * @return number of partners on the page (0 for NULL).
 */
KM_EXTERN size_t km_partner_page_count(const km_partner_page *page);

/**
 * @brief The @p i-th partner of the page, borrowed: valid while the page
 *        lives. NULL when out of range.
 * @param page the page (may be NULL).
 * @param i zero-based index.
 * @return a borrowed handle (do not free it), or NULL.
 */
KM_EXTERN const km_partner *km_partner_page_get(const km_partner_page *page, size_t i);

/**
 * @brief Cursor for the next page, or NULL when this was the last page.
 *        Lives as long as the page.
 * @param page the page (may be NULL).
 * @return a string owned by the page, or NULL.
 */
KM_EXTERN const char *km_partner_page_cursor(const km_partner_page *page);

/**
 * @brief Releases a page. NULL is a no-op.
 * @param page the page (may be NULL).
 */
KM_EXTERN void km_partner_page_free(km_partner_page *page);

/**
 * @brief Label of a partner kind.
 * @param kind a ::km_partner_kind.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when @p kind is unknown.
 */
KM_EXTERN const char *km_partner_kind_label(int kind, int lang);

/**
 * @brief IATI OrganisationType code of a partner kind (10, 11, 15, 22, ...).
 * @param kind a ::km_partner_kind.
 * @return the code, or -1 when @p kind is unknown.
 */
KM_EXTERN int km_partner_kind_iati(int kind);

/**
 * @brief Label of a partner status.
 * @param status a ::km_partner_status.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when @p status is unknown.
 */
KM_EXTERN const char *km_partner_status_label(int status, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_PARTNER_H */
