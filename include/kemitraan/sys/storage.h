/**
 * @file sys/storage.h
 * @brief Storage backend interface, for hosts that keep the event log in
 *        their own database (SQLite, PostgreSQL, ...).
 *
 * A backend is an ordered, durable, append-only list of opaque records
 * numbered 1, 2, 3, ... (the *sequence*). The library owns the record format
 * (docs/format.md); a backend never parses records. Its jobs:
 *
 * - conditional append: appending sequence N succeeds only if the last
 *   stored sequence is N-1; if N already exists it fails with #KM_ECONFLICT
 *   (another handle or process got there first), and a gap is #KM_EINVAL;
 * - scan: hand back records in order from any sequence;
 * - optionally keep snapshots (opaque blobs tagged with the sequence they
 *   summarise) so that opening a large store does not replay everything;
 *   a backend may take them whole (`snapshot_write`) or as a stream
 *   (`snapshot_begin`, `snapshot_append`, `snapshot_end`, version 2), which
 *   spares the process a second copy of its state in memory while the
 *   snapshot is written.
 *
 * Implementers embed ::km_storage as the first member of their own struct,
 * initialise it with #KM_STORAGE_INIT and fill the methods. Optional
 * methods may be NULL. The interface grows only at the end, and the library
 * calls a method only when `version` says it exists. This header carries a
 * weaker stability promise than the rest of the API: a new major version
 * may change it.
 */
#ifndef KEMITRAAN_SYS_STORAGE_H
#define KEMITRAAN_SYS_STORAGE_H

#include "../common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Current version of ::km_storage. */
#define KM_STORAGE_VERSION 2

/** @brief Backend handle; see the file description. */
typedef struct km_storage km_storage;

/**
 * @brief Receives one record during a scan or snapshot read.
 * @param payload the caller's pointer, passed through.
 * @param seq the record's sequence number (for snapshots: the last log
 *        sequence the snapshot includes).
 * @param data the record bytes, borrowed: valid only during the call.
 * @param len length of @p data in bytes.
 * @return 0 to continue; any other value stops the scan, which then returns
 *         that value.
 */
typedef int (*km_storage_record_cb)(void *payload, uint64_t seq, const void *data, size_t len);

/** @brief The backend vtable. Methods return 0 or a negative `KM_E*` code. */
struct km_storage {
    /** Must be #KM_STORAGE_VERSION (or an older version the library accepts). */
    unsigned int version;

    /**
     * Required. Durably append @p len bytes as record @p seq. Must fail with
     * #KM_ECONFLICT when @p seq is already stored, with #KM_EINVAL when it
     * would leave a gap, and with #KM_ESTORAGE on I/O failure; on any failure
     * nothing is stored. Must be atomic: a crash leaves the record whole or
     * absent.
     */
    int (*append)(km_storage *self, uint64_t seq, const void *data, size_t len);

    /**
     * Required. Call @p cb for every record with sequence >= @p from_seq, in
     * order, stopping early when @p cb returns non-zero (and returning that
     * value). Must see every append that completed before the call began.
     */
    int (*scan)(km_storage *self, uint64_t from_seq, km_storage_record_cb cb, void *payload);

    /** Required. Store the last sequence (0 for an empty store) in @p *out. */
    int (*last_seq)(km_storage *self, uint64_t *out);

    /**
     * Optional. Durably store a snapshot summarising the log up to and
     * including @p seq. Older snapshots may be kept or discarded.
     */
    int (*snapshot_write)(km_storage *self, uint64_t seq, const void *data, size_t len);

    /**
     * Optional. Call @p cb once with the newest snapshot whose sequence is
     * <= @p max_seq, or return #KM_ENOTFOUND if there is none.
     */
    int (*snapshot_read)(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload);

    /** Optional. Release the backend (called by km_storage_free()). */
    void (*free)(km_storage *self);

    /**
     * Optional. Make every record appended so far durable (for backends
     * whose sync policy defers it). Called by km_network_close() and
     * km_network_sync().
     */
    int (*sync)(km_storage *self);

    /* ---- version 2 ---- */

    /**
     * Optional (version 2), together with `snapshot_append` and
     * `snapshot_end`: all three or none. Starts writing a snapshot of the
     * log up to and including @p seq, in pieces, so that the library never
     * holds the whole snapshot in memory (at a million partners it is
     * hundreds of megabytes). When present the library uses these instead
     * of `snapshot_write`. Until `snapshot_end` commits, the previous
     * snapshot stays the one `snapshot_read` returns.
     * @param[out] stream receives the backend's own state for this write,
     *             passed back to the two other calls.
     * @return 0, or a `KM_E*` code (then nothing was started and no other
     *         call follows), e.g. #KM_EINVAL when @p seq is past the log end.
     */
    int (*snapshot_begin)(km_storage *self, uint64_t seq, void **stream);

    /**
     * Optional (version 2). Appends the next @p len bytes (borrowed, valid
     * during the call; never empty) of the snapshot started by
     * `snapshot_begin`. The concatenation of every piece, in order, is the
     * same blob `snapshot_write` would have received. On an error the
     * library calls `snapshot_end` with @p commit 0 and returns the error.
     */
    int (*snapshot_append)(km_storage *self, void *stream, const void *data, size_t len);

    /**
     * Optional (version 2). Ends a snapshot write and releases @p stream,
     * whatever the outcome. With @p commit 1, makes the snapshot durable and
     * current (atomically: a crash leaves the old snapshot or the new one,
     * never part of one) and returns 0 or an error; with @p commit 0,
     * abandons it (the previous snapshot stays current) and returns 0.
     */
    int (*snapshot_end)(km_storage *self, void *stream, int commit);
};

/** @brief Static initializer: version set, every method NULL. */
#define KM_STORAGE_INIT { KM_STORAGE_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL }

/**
 * @brief Creates the built-in memory backend (the default when a network is
 *        opened with a NULL storage).
 *
 * The memory backend may be shared by several network handles in one
 * process (they see each other's appends after km_network_refresh()); it is
 * internally locked, so the handles may live on different threads.
 * @param[out] out receives the backend; free it with km_storage_free() after
 *             every network using it is closed.
 * @param allocator memory hook, copied; NULL means libc.
 * @return 0, #KM_EINVAL (NULL @p out or an incomplete allocator) or #KM_ENOMEM.
 */
KM_EXTERN int km_storage_memory_new(km_storage **out, const km_allocator *allocator);

/**
 * @brief Releases a backend through its `free` method. NULL is a no-op.
 * @param storage the backend; must no longer be used by any open network.
 */
KM_EXTERN void km_storage_free(km_storage *storage);

/**
 * @brief Lets a backend set the calling thread's last error before it
 *        returns a code, so the host sees why (e.g. the SQL error text).
 * @param code the `KM_E*` code the backend is about to return.
 * @param field what was at fault (e.g. `storage.append`), or NULL.
 * @param message a UTF-8 message (used for both languages), or NULL.
 * @return @p code, so a backend can write `return km_error_set(...)`.
 */
KM_EXTERN int km_error_set(int code, const char *field, const char *message);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_SYS_STORAGE_H */
