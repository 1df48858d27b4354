/**
 * @file audit.h
 * @brief The audit trail: who changed what, and when, read back from the
 *        hash-chained log.
 *
 * Every change the library accepts is an event in a log entry; this API
 * lists those events with their actor, time, entity, operation and data (as
 * JSON), filtered by entity, actor and time range.
 */
#ifndef KEMITRAAN_AUDIT_H
#define KEMITRAAN_AUDIT_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Current version of ::km_audit_query. */
#define KM_AUDIT_QUERY_VERSION 1

/** @brief Filters for km_audit_list(). Unset filters match everything. */
typedef struct km_audit_query {
    unsigned int version;  /**< #KM_AUDIT_QUERY_VERSION. */
    int entity;            /**< A ::km_entity, or -1 for any. */
    uint64_t entity_id;    /**< Entity id, or 0 for any (needs @ref entity). */
    const char *actor;     /**< Exact actor, or NULL for any. */
    int64_t since;         /**< Earliest time (microseconds since the epoch, inclusive), or 0. */
    int64_t until;         /**< Latest time (inclusive), or 0 for no limit. */
    uint64_t from_seq;     /**< First log sequence to read (0 = 1). */
    uint32_t limit;        /**< Stop after the entry that brings the count to this many changes; 0 = no limit. */
} km_audit_query;

/** @brief Static initializer for ::km_audit_query. */
#define KM_AUDIT_QUERY_INIT { KM_AUDIT_QUERY_VERSION, -1, 0, NULL, 0, 0, 0, 0 }

/** @brief A list of audited changes. */
typedef struct km_audit km_audit;

/**
 * @brief Reads matching changes from the store, oldest first.
 *
 * Only entries already applied to @p net are listed (refresh first to see
 * other handles' changes); a time-travel view lists entries up to its point.
 * @param[out] out receives the list; free with km_audit_free().
 * @param net the network.
 * @param query filters; NULL lists everything.
 * @return 0; #KM_EINVAL; #KM_ECORRUPT; #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_audit_list(km_audit **out, km_network *net, const km_audit_query *query);

/**
 * @brief Number of changes in the list.
 * @param a the audit list (may be NULL).
 * @return number of changes in the list.
 */
KM_EXTERN size_t km_audit_count(const km_audit *a);
/**
 * @brief Log sequence of the entry holding change @p i (0 when out of range).
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return log sequence of the entry holding change @p i (0 when out of range).
 */
KM_EXTERN uint64_t km_audit_seq(const km_audit *a, size_t i);
/**
 * @brief Time of change @p i, microseconds since the epoch.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return time of change @p i, microseconds since the epoch.
 */
KM_EXTERN int64_t km_audit_time(const km_audit *a, size_t i);
/**
 * @brief Actor of change @p i; lives as long as the list; NULL when out of range.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return actor of change @p i; lives as long as the list; NULL when out of range.
 */
KM_EXTERN const char *km_audit_actor(const km_audit *a, size_t i);
/**
 * @brief Entity kind (::km_entity) of change @p i; -1 when out of range.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return entity kind (::km_entity) of change @p i; -1 when out of range.
 */
KM_EXTERN int km_audit_entity(const km_audit *a, size_t i);
/**
 * @brief Entity id of change @p i.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return entity id of change @p i.
 */
KM_EXTERN uint64_t km_audit_entity_id(const km_audit *a, size_t i);
/**
 * @brief Operation name of change @p i, e.g. `partner.create`; static string.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return operation name of change @p i, e.g. `partner.create`; static string.
 */
KM_EXTERN const char *km_audit_operation(const km_audit *a, size_t i);
/**
 * @brief The change's data as a JSON object; lives as long as the list.
 * @param a the audit list (may be NULL).
 * @param i zero-based index.
 * @return the change's data as a JSON object; lives as long as the list.
 */
KM_EXTERN const char *km_audit_data_json(const km_audit *a, size_t i);
/**
 * @brief Sequence to pass as `from_seq` to continue after this list (0 when the log was read to its end).
 * @param a the audit list (may be NULL).
 * @return sequence to pass as `from_seq` to continue after this list (0 when the log was read to its end).
 */
KM_EXTERN uint64_t km_audit_next_seq(const km_audit *a);
/**
 * @brief Releases the list. NULL is a no-op.
 * @param a the audit list (may be NULL).
 */
KM_EXTERN void km_audit_free(km_audit *a);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_AUDIT_H */
