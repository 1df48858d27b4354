/**
 * @file file.h
 * @brief The built-in durable file store.
 *
 * A store is one log file plus one snapshot side file (`PATH-snap`). The
 * log is a sequence of checksummed frames (CRC-32C), one per log entry,
 * only ever appended to. After a commit returns under #KM_SYNC_FULL the
 * entry survives `kill -9` and power loss; a frame torn by a crash is found
 * and cut off when the store is next opened for writing, while a bad
 * checksum anywhere before the tail fails with #KM_ECORRUPT naming the
 * offset (nothing is silently dropped): at open for the frames after the
 * snapshot's entry (all of them without a snapshot), and when first read
 * for those before it (verification, history, a view of the past), which
 * opening from a snapshot does not read. The format is in docs/format.md.
 *
 * Several processes may open one store for writing: each append takes an
 * exclusive `flock` on the log, checks that nobody appended the same
 * sequence first (#KM_ECONFLICT otherwise) and releases it, so writers
 * coordinate and never corrupt the file. Readers never block writers.
 *
 * A snapshot is written aside (`PATH-snap.tmp.PID.HANDLE`) and renamed over
 * `PATH-snap`; a writer killed in between leaves the aside file behind.
 * The next writable open removes such files whose process no longer
 * exists on this host (never those of a live process).
 */
#ifndef KEMITRAAN_FILE_H
#define KEMITRAAN_FILE_H

#include "common.h"
#include "network.h"
#include "sys/storage.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief When the file store forces data to the disk. */
typedef enum km_sync_mode {
    /** fdatasync() before every commit returns: a returned commit survives power loss. */
    KM_SYNC_FULL = 0,
    /** Group commit: fdatasync() once at least 64 commits or 100 ms have
     *  accumulated, and on close. A process crash loses nothing; a power
     *  loss may lose the last unsynced commits, never corrupt the store. */
    KM_SYNC_NORMAL = 1,
    /** Never sync (tests, bulk imports you can redo). A power loss may lose
     *  any recent commits; a process crash still loses nothing. */
    KM_SYNC_OFF = 2
} km_sync_mode;

/** @brief Current version of ::km_file_options. */
#define KM_FILE_OPTIONS_VERSION 1

/** @brief Options for km_storage_file_open(). Initialise with #KM_FILE_OPTIONS_INIT. */
typedef struct km_file_options {
    unsigned int version;          /**< #KM_FILE_OPTIONS_VERSION. */
    int sync;                      /**< A ::km_sync_mode; default #KM_SYNC_FULL. */
    int read_only;                 /**< Non-zero: open for inspection; appends fail with #KM_EREADONLY. */
    int no_create;                 /**< Non-zero: fail with #KM_ENOTFOUND when the file does not exist. */
    const km_allocator *allocator; /**< Memory hook (copied); NULL = libc. */
} km_file_options;

/** @brief Static initializer for ::km_file_options (full sync, create when absent). */
#define KM_FILE_OPTIONS_INIT { KM_FILE_OPTIONS_VERSION, KM_SYNC_FULL, 0, 0, NULL }

/**
 * @brief Opens (or creates) a file store.
 * @param[out] out receives the backend; free with km_storage_free() after
 *             closing every network that uses it.
 * @param path the log file's path (UTF-8 or the platform's bytes); the
 *        snapshot goes to `PATH-snap`.
 * @param options NULL for defaults.
 * @return 0; #KM_EINVAL (NULL argument, bad option); #KM_ENOTFOUND (absent
 *         with no_create or read_only); #KM_ECORRUPT (bad file header, or a
 *         bad frame before the tail and after the snapshot's entry; the
 *         message names the offset);
 *         #KM_EVERSION (a newer file format); #KM_ESTORAGE (I/O error, the
 *         message names the system error); #KM_ENOMEM.
 */
KM_EXTERN int km_storage_file_open(km_storage **out, const char *path, const km_file_options *options);

/**
 * @brief Opens a network on a file store that the network owns (closed and
 *        freed with it).
 * @param[out] out receives the network; free with km_network_close().
 * @param path the store's path.
 * @param file_options NULL for defaults; read_only is implied when
 *        @p options asks for read-only or time travel.
 * @param options NULL for defaults.
 * @return as km_storage_file_open() and km_network_open().
 */
KM_EXTERN int km_network_open_file(km_network **out, const char *path, const km_file_options *file_options,
                                   const km_network_options *options);

/**
 * @brief Saves a snapshot of the network's state at its current sequence,
 *        so that opening the store later loads it instead of replaying the
 *        whole log. The log itself is kept: it is the audit trail, and
 *        verify still checks every entry.
 *
 * A backend with the stream methods of storage version 2 (the built-in
 * memory and file stores) receives the snapshot in pieces of about 1 MiB,
 * so the write needs about that much memory beyond the network's state; a
 * backend with only `snapshot_write` receives it whole, built in memory
 * first (as large as the snapshot: hundreds of megabytes at a million
 * partners). On any error the previous snapshot stays the current one.
 * @param net a network with no open transaction.
 * @return 0; #KM_EINVAL; #KM_ESTATE (inside a transaction); #KM_EREADONLY
 *         (a view of the past, or a read-only store); #KM_ENOTFOUND (the
 *         backend keeps no snapshots); #KM_ESTORAGE; #KM_ENOMEM.
 */
KM_EXTERN int km_network_snapshot(km_network *net);

/**
 * @brief Makes every commit so far durable (a no-op under #KM_SYNC_FULL or
 *        for backends without a `sync` method).
 * @param net the network.
 * @return 0; #KM_EINVAL; #KM_ESTORAGE.
 */
KM_EXTERN int km_network_sync(km_network *net);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_FILE_H */
