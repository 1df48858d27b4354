/**
 * @file network.h
 * @brief The network handle: open a store, hooks (clock, actor,
 *        authorizer), transactions, refresh, statistics and verification.
 *
 * A ::km_network is the in-memory state of one partnership network, rebuilt
 * by replaying the event log of a storage backend. Every change is validated
 * against that state, recorded as one log entry (hash-chained to the one
 * before) and only then becomes visible.
 *
 * Threading: a network handle may be used by one thread at a time (callers
 * serialise access, e.g. one handle per worker thread). Entity handles it
 * returns (::km_partner, pages) are immutable and may be read and freed on
 * any thread, even after the network is closed. Error state is per thread.
 * Opening a store from a snapshot with 10,000 partners or agreements or
 * more loads parts of it on other threads when the network uses libc's
 * allocator (see ::km_allocator); the call returns after all of them.
 */
#ifndef KEMITRAAN_NETWORK_H
#define KEMITRAAN_NETWORK_H

#include "common.h"
#include "sys/storage.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Opaque network handle. */
typedef struct km_network km_network;

/** @brief Entity kinds recorded in the log and named in audit entries. */
typedef enum km_entity {
    KM_ENTITY_NETWORK = 0,  /**< The network itself (settings). */
    KM_ENTITY_PARTNER = 1,  /**< A partner of the registry. */
    KM_ENTITY_AGREEMENT = 2, /**< An agreement (with its milestones and risk register). */
    KM_ENTITY_FRAMEWORK = 3, /**< A policy framework. */
    KM_ENTITY_COMMITMENT = 4, /**< A resource commitment (with its tranches and ledger). */
    KM_ENTITY_DISPUTE = 5,  /**< A dispute and its mediation. */
    KM_ENTITY_INDICATOR = 6, /**< An evaluation indicator (and indicator templates). */
    KM_ENTITY_MEASUREMENT = 7, /**< A measurement reported against an indicator. */
    KM_ENTITY_OPPORTUNITY = 8, /**< A partnership opportunity (call for partners). */
    KM_ENTITY_INTEREST = 9, /**< An expression of interest in an opportunity. */
    KM_ENTITY__COUNT = 10   /**< Number of entity kinds (not an entity). */
} km_entity;

/**
 * @brief Clock hook: the current time in microseconds since 1970-01-01
 *        00:00:00 UTC. Tests install a fixed clock to be deterministic.
 *
 * A change is stamped with the later of this clock and the time of the
 * log's last entry: entry times never go backwards, so a clock set before
 * the last change (a host loading old records, a skewed machine) stamps
 * new changes with the last entry's time, not its own. Every change of
 * one transaction carries the transaction's one time.
 */
typedef int64_t (*km_clock_fn)(void *payload);

/** @brief Current version of ::km_auth_request. */
#define KM_AUTH_REQUEST_VERSION 1

/** @brief What the authorizer is asked to allow. All pointers are borrowed for the call. */
typedef struct km_auth_request {
    unsigned int version;   /**< #KM_AUTH_REQUEST_VERSION. */
    int entity;             /**< A ::km_entity value. */
    uint64_t entity_id;     /**< The entity's id, 0 when it is being created. */
    const char *operation;  /**< Operation name, e.g. `partner.create`, `partner.status`. */
    const char *actor;      /**< The network's current actor (never NULL; may be empty). */
} km_auth_request;

/**
 * @brief Authorizer hook, in the spirit of `sqlite3_set_authorizer`.
 *
 * Called before every change is applied. Return 0 to allow; any other value
 * denies it: the operation fails with #KM_EDENIED and nothing changes. The
 * hook may write a NUL-terminated reason (at most @p reason_size bytes,
 * UTF-8) into @p reason; it becomes part of the error message.
 */
typedef int (*km_authorizer_fn)(void *payload, const km_auth_request *request,
                                char *reason, size_t reason_size);

/** @brief Current version of ::km_network_options. */
#define KM_NETWORK_OPTIONS_VERSION 1

/** @brief Options for km_network_open(). Initialise with #KM_NETWORK_OPTIONS_INIT. */
typedef struct km_network_options {
    unsigned int version;          /**< #KM_NETWORK_OPTIONS_VERSION. */
    const km_allocator *allocator; /**< Memory hook (copied); NULL = libc. */
    km_clock_fn clock;             /**< Clock hook; NULL = system real-time clock. */
    void *clock_payload;           /**< Passed to @ref clock. */
    km_authorizer_fn authorizer;   /**< Authorizer hook; NULL = allow everything. */
    void *authorizer_payload;      /**< Passed to @ref authorizer. */
    const char *actor;             /**< Initial actor (copied); NULL = empty. */
    int read_only;                 /**< Non-zero: every change fails with #KM_EREADONLY. */
    uint64_t as_of_seq;            /**< Non-zero: replay only through this log sequence (implies read-only). */
    int64_t as_of_time;            /**< Non-zero: replay only entries stamped at or before this time, in microseconds since the epoch (implies read-only). */
    int retry_on_conflict;         /**< Non-zero: a single change outside an explicit transaction that meets #KM_ECONFLICT refreshes, revalidates and retries (up to 8 times). */
    int no_snapshot;               /**< Non-zero: ignore snapshots and rebuild the state by replaying the whole log (slower; trusts nothing but the hash-chained log). */
} km_network_options;

/** @brief Static initializer for ::km_network_options. */
#define KM_NETWORK_OPTIONS_INIT { KM_NETWORK_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0 }

/**
 * @brief Opens a network on a storage backend and replays its log.
 * @param[out] out receives the handle; free with km_network_close().
 * @param storage the backend, borrowed: it must outlive the handle. NULL
 *        creates a private memory backend owned (and freed) by the handle.
 * @param options NULL for defaults.
 * @return 0; #KM_EINVAL (NULL @p out, bad options); #KM_EVERSION (options or
 *         backend version unknown, or a record written by a newer library);
 *         #KM_ECORRUPT (a record fails to decode or the hash chain is broken;
 *         the message names the sequence); #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_network_open(km_network **out, km_storage *storage, const km_network_options *options);

/**
 * @brief Closes a handle. Uncommitted transaction changes are rolled back.
 *        Entity handles obtained from it stay valid. NULL is a no-op.
 * @param net the network, or NULL.
 */
KM_EXTERN void km_network_close(km_network *net);

/**
 * @brief Sets who makes the following changes (a user name, an e-mail, a
 *        partner's external id...). Recorded in every log entry.
 * @param net the network.
 * @param actor UTF-8, at most 256 bytes, copied; NULL or "" clears it.
 * @return 0, #KM_EINVAL (NULL @p net, invalid UTF-8, too long) or #KM_ENOMEM.
 */
KM_EXTERN int km_network_set_actor(km_network *net, const char *actor);

/**
 * @brief The current actor.
 * @param net the network.
 * @return a string owned by @p net, valid until the next
 *         km_network_set_actor() or close; "" if none or @p net is NULL.
 */
KM_EXTERN const char *km_network_actor(const km_network *net);

/**
 * @brief Replaces the authorizer hook (NULL allows everything).
 * @param net the network.
 * @param fn the hook, or NULL.
 * @param payload passed back to the hook.
 * @return 0 or #KM_EINVAL when @p net is NULL.
 */
KM_EXTERN int km_network_set_authorizer(km_network *net, km_authorizer_fn fn, void *payload);

/**
 * @brief Replaces the clock hook (NULL restores the system clock).
 * @param net the network.
 * @param fn the hook, or NULL.
 * @param payload passed back to the hook.
 * @return 0 or #KM_EINVAL when @p net is NULL.
 */
KM_EXTERN int km_network_set_clock(km_network *net, km_clock_fn fn, void *payload);

/**
 * @brief The time the network's clock says now, in microseconds since the epoch.
 * @param net the network.
 * @return the time, or 0 if @p net is NULL.
 */
KM_EXTERN int64_t km_network_now(const km_network *net);

/**
 * @brief Starts an explicit transaction: the following changes are applied
 *        to this handle's state at once but written as one log entry by
 *        km_network_commit(), atomically.
 * @param net the network.
 * @return 0; #KM_EINVAL (NULL); #KM_ESTATE (a transaction is already open);
 *         #KM_EREADONLY.
 */
KM_EXTERN int km_network_begin(km_network *net);

/**
 * @brief Writes the open transaction as one log entry.
 *
 * The indexes of the partners and agreements created in the transaction
 * are brought up to date first (in bulk, see docs/architecture.md,
 * "Indexes"), then the entry is written. On failure every change of the transaction
 * is undone and the transaction is closed: state and store are as before
 * km_network_begin().
 * @param net the network.
 * @return 0; #KM_ESTATE (no open transaction); #KM_ECONFLICT (another handle
 *         appended first: refresh and redo the transaction); #KM_ESTORAGE;
 *         #KM_ENOMEM. An empty transaction commits nothing and returns 0.
 */
KM_EXTERN int km_network_commit(km_network *net);

/**
 * @brief Undoes every change of the open transaction and closes it.
 * @param net the network.
 * @return 0; #KM_EINVAL; #KM_ESTATE (no open transaction).
 */
KM_EXTERN int km_network_rollback(km_network *net);

/**
 * @brief Applies log entries appended by other handles since the last
 *        open/refresh/commit.
 * @param net the network.
 * Entries are applied one at a time, each atomically: on an error the
 * entries before the failing one stay applied and the state is the log's
 * prefix up to km_network_seq(), never half an entry.
 * @return 0; #KM_ESTATE (inside a transaction); #KM_EREADONLY (time travel
 *         view); #KM_ECORRUPT; #KM_EVERSION (an entry written by a newer
 *         library); #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_network_refresh(km_network *net);

/** @brief Current version of ::km_network_stats. */
#define KM_NETWORK_STATS_VERSION 3

/**
 * @brief Counts returned by km_network_stats_get().
 *
 * Version 2 added the agreement and framework counts at the end. A caller
 * compiled against version 1 sets `version = 1` and gets only the version 1
 * fields: the library never writes past the struct it was given.
 */
typedef struct km_network_stats {
    unsigned int version;        /**< Set by the caller to #KM_NETWORK_STATS_VERSION. */
    uint64_t log_entries;        /**< Entries in the log (= last sequence applied). */
    uint64_t log_events;         /**< Changes recorded in those entries. */
    uint64_t log_bytes;          /**< Size of the applied entries in bytes. */
    uint64_t partners;           /**< Partners ever created. */
    uint64_t partners_active;    /**< ... of which active. */
    uint64_t partners_suspended; /**< ... of which suspended. */
    uint64_t partners_archived;  /**< ... of which archived. */
    uint64_t agreements;         /**< Agreements ever created (version 2). */
    uint64_t agreements_active;  /**< ... of which active (version 2). */
    uint64_t frameworks;         /**< Frameworks ever created (version 2). */
    uint64_t commitments;        /**< Resource commitments ever created (version 3). */
    uint64_t disputes;           /**< Disputes ever filed (version 3). */
    uint64_t disputes_open;      /**< ... of which not yet closed, withdrawn or dismissed (version 3). */
    uint64_t indicators;         /**< Indicators ever created (version 3). */
    uint64_t measurements;       /**< Measurements ever reported, every version counted once (version 3). */
    uint64_t opportunities;      /**< Partnership opportunities ever created (version 3). */
    uint64_t interests;          /**< Expressions of interest ever submitted (version 3). */
} km_network_stats;

/** @brief Static initializer for ::km_network_stats. */
#define KM_NETWORK_STATS_INIT { KM_NETWORK_STATS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/**
 * @brief Fills @p out with counts of the handle's current state.
 * @param[out] out receives the result.
 * @param net the network.
 * @return 0; #KM_EINVAL (NULL argument); #KM_EVERSION (unknown @p out->version).
 */
KM_EXTERN int km_network_stats_get(km_network_stats *out, const km_network *net);

/**
 * @brief Last log sequence applied to this handle (0 for an empty log).
 * @param net the network.
 * @return the sequence, or 0 when @p net is NULL.
 */
KM_EXTERN uint64_t km_network_seq(const km_network *net);

/**
 * @brief SHA-256 of the last applied log entry, as 64 lowercase hex digits.
 *
 * Publishing this value (e.g. in a monthly report) anchors the audit trail:
 * anyone holding a copy of the store can check that nothing before it was
 * altered, including the last entry.
 * @param[out] out buffer of at least 65 bytes.
 * @param net the network.
 * @return 0 or #KM_EINVAL.
 */
KM_EXTERN int km_network_head_hash(char *out, const km_network *net);

/**
 * @brief SHA-256 of the handle's whole state, as 64 lowercase hex digits:
 *        the hash of the bytes km_network_snapshot() would write now
 *        (snapshot format 6, docs/format.md), computed as they are made,
 *        without storing them.
 *
 * Two handles with the same state have the same state hash whatever way
 * they were opened, and a snapshot that is the fold of its log gives the
 * state a replay of the whole log gives. So a host that does not trust
 * whoever can write its snapshots compares the state hash of a handle
 * opened normally (see km_network_snapshot_seq()) with that of a handle
 * opened with km_network_options::no_snapshot on the same store: a
 * snapshot whose content was altered (every check an open makes still
 * passing) gives another hash. `kemitraan verify --snapshot` does this.
 * The hash also compares two replicas of a store, or a view of the past
 * (km_network_options::as_of_seq) with a copy made at that sequence.
 * It covers everything a snapshot holds: every entity with its fields and
 * versions, and the log position (sequence, head hash, time, event and
 * byte counts); not the actor, the options or the indexes, which a
 * snapshot does not hold either. It depends on the snapshot format: a
 * library writing another format gives other hashes for the same state.
 * Costs what writing a snapshot costs, in time (0.44 s for the
 * benchmark's million partners and two million agreements, on the
 * machine of docs/performance.md), with about a mebibyte of memory.
 * @param[out] out buffer of at least 65 bytes; written only on success.
 * @param net the network.
 * @return 0; #KM_EINVAL (NULL argument); #KM_ESTATE inside a transaction
 *         (its changes are not in the state yet); #KM_ENOMEM.
 */
KM_EXTERN int km_network_state_hash(char *out, km_network *net);

/**
 * @brief The sequence of the snapshot this handle was opened from.
 *
 * 0 when the open replayed the whole log: km_network_options::no_snapshot
 * was set, the store has no snapshot (or none at or before
 * km_network_options::as_of_seq), or its snapshot was ignored as unusable
 * (damaged, of an unknown format, or not matching the log). The entries
 * after this sequence were replayed on top of the snapshot.
 * @param net the network.
 * @return the sequence, or 0 (also when @p net is NULL).
 */
KM_EXTERN uint64_t km_network_snapshot_seq(const km_network *net);

/** @brief Current version of ::km_verify_report. */
#define KM_VERIFY_REPORT_VERSION 1

/** @brief Result of a hash-chain verification. */
typedef struct km_verify_report {
    unsigned int version;   /**< Set by the caller to #KM_VERIFY_REPORT_VERSION. */
    uint64_t entries;       /**< Entries checked. */
    uint64_t first_bad_seq; /**< 0 if the chain is intact; else the first altered or missing entry. */
    int error;              /**< 0, or the `KM_E*` code explaining @ref first_bad_seq. */
    char head_hash[65];     /**< Hex SHA-256 of the last entry checked. */
} km_verify_report;

/** @brief Static initializer for ::km_verify_report. */
#define KM_VERIFY_REPORT_INIT { KM_VERIFY_REPORT_VERSION, 0, 0, 0, { 0 } }

/**
 * @brief Re-reads the whole log from the store and recomputes the hash
 *        chain: every entry must decode, carry its sequence, and carry the
 *        SHA-256 of the entry before it.
 * @param[out] out the report (may be NULL if only the return code matters).
 * @param storage the store to check (it need not be open in a network).
 * @param expected_head optional hex SHA-256 published earlier for the last
 *        entry (or for entry @p expected_head_seq); NULL to skip.
 * @param expected_head_seq the sequence @p expected_head belongs to (0 = last).
 * @return 0 if intact; #KM_ECORRUPT naming the first altered or missing
 *         entry, or the first the store cannot hand over because its
 *         stored form is damaged (a file store frame failing its checksum;
 *         also in @p out, with the entries before it counted);
 *         #KM_ESTORAGE; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_storage_verify(km_verify_report *out, km_storage *storage,
                                const char *expected_head, uint64_t expected_head_seq);

/**
 * @brief km_storage_verify() on the store behind @p net.
 * @param[out] out receives the result.
 * @param net the network.
 * @return as km_storage_verify().
 */
KM_EXTERN int km_network_verify(km_verify_report *out, km_network *net);

/**
 * @brief Name of an entity kind in a language (`mitra` / `partner`).
 * @param entity a ::km_entity.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" for an unknown value.
 */
KM_EXTERN const char *km_entity_label(int entity, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_NETWORK_H */
