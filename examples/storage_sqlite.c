/* storage_sqlite.c: a storage backend that keeps the event log in a SQLite
 * database, written the way a host would write its own (docs/storage.md),
 * and a program that uses it. Copy the backend part into your program.
 *
 * The schema (PREFIX defaults to "km_", so several networks can live in one
 * database file next to the host's own tables):
 *
 *   CREATE TABLE PREFIXlog      (seq INTEGER PRIMARY KEY CHECK (seq > 0), data BLOB NOT NULL);
 *   CREATE TABLE PREFIXsnapshot (seq INTEGER PRIMARY KEY CHECK (seq >= 0), data BLOB NOT NULL);
 *
 * How it meets the contract of include/kemitraan/sys/storage.h:
 * - conditional append: BEGIN IMMEDIATE takes the database's write lock
 *   first, so between reading max(seq) and inserting record N no other
 *   connection (thread, process) can write. Inside that transaction N <= last
 *   is KM_ECONFLICT and N > last + 1 is KM_EINVAL; the PRIMARY KEY would
 *   also turn a duplicate into a constraint error (mapped to KM_ECONFLICT),
 *   a last line of defence should the check ever be wrong;
 * - atomic and durable: the transaction commits the row or nothing; the
 *   database runs in WAL mode with synchronous=FULL, so a commit that
 *   returned has been fsync'd (with synchronous=NORMAL a power loss could
 *   take the last commits back: do not use it for an audit trail);
 * - scan is one SELECT stepped row by row: SQLite reads the rows lazily, so
 *   a log of millions of records is never in memory at once, and the
 *   statement sees one consistent snapshot of the database;
 * - snapshots are rows of a second table; the newest two are kept (the
 *   older one helps time travel) and replaced in one transaction;
 * - sync has nothing to do: every append is durable when it returns.
 *
 * Several processes on one machine may open the same file: WAL mode lets
 * readers run while one writer writes, and BEGIN IMMEDIATE waits up to
 * KM_SQLITE_BUSY_MS for another writer, then fails with KM_EBUSY. A
 * database on a network file system is not safe (SQLite's locks are not);
 * use PostgreSQL (examples/storage_postgres.c) to share a store between
 * machines.
 *
 * Threads: one object may be used by several network handles on several
 * threads; a mutex serialises the methods (one sqlite3 connection runs one
 * transaction at a time). A scan holds the mutex while it calls back, which
 * the contract allows (the library never calls the backend from inside a
 * callback). Errors are returned as KM_E* codes with SQLite's message set
 * through km_error_set(); nothing is printed.
 *
 * Run: storage_sqlite [FILE]. Without FILE it works in a temporary directory
 * and removes it at the end; with FILE, run it twice and watch the log grow.
 *
 * tests/conformance/backend_sqlite.c compiles this file without main() and
 * runs the backend conformance suite on it (ctest -R conformance.sqlite);
 * tests/unit/test_storage_sqlite.c has two processes write to one file. */
#include <kemitraan/kemitraan.h>

#include <sqlite3.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the backend ----------------------------------------------------------- */

/* How long (ms, about) an append waits for another connection's write
 * transaction before it fails with KM_EBUSY. */
#ifndef KM_SQLITE_BUSY_MS
#define KM_SQLITE_BUSY_MS 10000
#endif

#define SQ_MAX_PREFIX 40

typedef struct sqlite_storage {
    km_storage base; /* first member: a km_storage * is a sqlite_storage * */
    sqlite3 *db;
    pthread_mutex_t lock; /* one method at a time on this connection */
    /* Prepared once, reset after every use. */
    sqlite3_stmt *last;      /* SELECT coalesce(max(seq), 0) FROM log */
    sqlite3_stmt *insert;    /* INSERT INTO log (seq, data) VALUES (?1, ?2) */
    sqlite3_stmt *get;       /* SELECT data FROM log WHERE seq = ?1 */
    sqlite3_stmt *scan;      /* SELECT seq, data FROM log WHERE seq >= ?1 ORDER BY seq */
    sqlite3_stmt *snap_put;  /* INSERT OR REPLACE INTO snapshot (seq, data) VALUES (?1, ?2) */
    sqlite3_stmt *snap_trim; /* DELETE every snapshot but the newest two */
    sqlite3_stmt *snap_get;  /* SELECT seq, data FROM snapshot WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1 */
} sqlite_storage;

/* Turns SQLite's result code into the library's and sets the message. Call
 * it before anything else touches the connection (a ROLLBACK would replace
 * sqlite3_errmsg). */
static int sq_error(sqlite_storage *s, const char *method, int rc)
{
    char msg[512];
    int code;
    if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) /* only the log's key can be taken twice */
        return km_error_set(KM_ECONFLICT, method, "that sequence was appended by another handle");
    switch (rc & 0xff) { /* the primary code of an extended result code */
    case SQLITE_BUSY:
    case SQLITE_LOCKED: code = KM_EBUSY; break;
    case SQLITE_NOMEM: code = KM_ENOMEM; break;
    case SQLITE_TOOBIG: code = KM_ERANGE; break;
    case SQLITE_READONLY: code = KM_EREADONLY; break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: code = KM_ECORRUPT; break;
    default: code = KM_ESTORAGE; break;
    }
    snprintf(msg, sizeof msg, "sqlite: %s", s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    return km_error_set(code, method, msg);
}

static int sq_exec(sqlite_storage *s, const char *method, const char *sql)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sq_error(s, method, rc);
}

/* Ends a failed transaction; harmless when SQLite already rolled it back. */
static void sq_rollback(sqlite_storage *s)
{
    if (!sqlite3_get_autocommit(s->db)) (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Sequences are uint64_t in the library and signed 64-bit in SQLite; every
 * sequence that can exist fits. */
static sqlite3_int64 sq_clamp(uint64_t v) { return v > (uint64_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)v; }

static int sq_read_last(sqlite_storage *s, const char *method, uint64_t *out)
{
    int rc = sqlite3_step(s->last);
    if (rc == SQLITE_ROW) {
        *out = (uint64_t)sqlite3_column_int64(s->last, 0);
        rc = 0;
    } else {
        rc = sq_error(s, method, rc);
    }
    sqlite3_reset(s->last);
    return rc;
}

/* Binds a record's bytes. A NULL pointer would bind SQL NULL, so an empty
 * record gets a pointer to an empty string. */
static int sq_bind_data(sqlite3_stmt *st, int col, const void *data, size_t len)
{
    return sqlite3_bind_blob64(st, col, len ? data : "", (sqlite3_uint64)len, SQLITE_STATIC);
}

/* 1 when record seq holds exactly these bytes, 0 when it is missing or
 * different, negative on error. */
static int sq_record_is(sqlite_storage *s, uint64_t seq, const void *data, size_t len)
{
    int rc;
    sqlite3_bind_int64(s->get, 1, sq_clamp(seq));
    rc = sqlite3_step(s->get);
    if (rc == SQLITE_ROW) {
        const void *have = sqlite3_column_blob(s->get, 0);
        size_t have_len = (size_t)sqlite3_column_bytes(s->get, 0);
        rc = have_len == len && (len == 0 || memcmp(have, data, len) == 0);
    } else {
        rc = rc == SQLITE_DONE ? 0 : sq_error(s, "storage.append", rc);
    }
    sqlite3_reset(s->get);
    return rc;
}

static int sq_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    sqlite_storage *s = (sqlite_storage *)self;
    uint64_t last = 0;
    int rc;
    if (seq == 0) return km_error_set(KM_EINVAL, "storage.append", "sequences start at 1");
    pthread_mutex_lock(&s->lock);
    /* The write lock first, then the check: nobody can append in between. */
    rc = sq_exec(s, "storage.append", "BEGIN IMMEDIATE");
    if (rc == 0) rc = sq_read_last(s, "storage.append", &last);
    if (rc == 0 && seq <= last)
        rc = km_error_set(KM_ECONFLICT, "storage.append", "that sequence was appended by another handle");
    else if (rc == 0 && seq != last + 1)
        rc = km_error_set(KM_EINVAL, "storage.append", "that sequence would leave a gap");
    if (rc == 0) {
        int step;
        sqlite3_bind_int64(s->insert, 1, (sqlite3_int64)seq); /* seq = last + 1 fits */
        step = sq_bind_data(s->insert, 2, data, len);
        if (step == SQLITE_OK) step = sqlite3_step(s->insert);
        if (step != SQLITE_DONE) rc = sq_error(s, "storage.append", step);
        sqlite3_reset(s->insert);
        sqlite3_clear_bindings(s->insert); /* do not keep a pointer to the caller's bytes */
    }
    if (rc == 0) {
        int commit = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
        if (commit != SQLITE_OK) {
            rc = sq_error(s, "storage.append", commit);
            sq_rollback(s);
            /* The contract: on failure nothing may be stored. SQLite's
             * commit is all or nothing, but ask the database rather than
             * assume: if the row is there after all, the append succeeded. */
            if (sq_record_is(s, seq, data, len) == 1) rc = 0;
        }
    } else {
        sq_rollback(s);
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int sq_scan(km_storage *self, uint64_t from_seq, km_storage_record_cb cb, void *payload)
{
    sqlite_storage *s = (sqlite_storage *)self;
    int rc = 0, step;
    if (from_seq > (uint64_t)INT64_MAX) return 0; /* past any record that can exist */
    pthread_mutex_lock(&s->lock);
    sqlite3_bind_int64(s->scan, 1, (sqlite3_int64)(from_seq ? from_seq : 1));
    /* One statement is one read transaction: the rows come from one
     * consistent state of the database, and only the current row is in
     * memory. */
    while ((step = sqlite3_step(s->scan)) == SQLITE_ROW) {
        uint64_t seq = (uint64_t)sqlite3_column_int64(s->scan, 0);
        const void *data = sqlite3_column_blob(s->scan, 1); /* blob first, then its size */
        size_t len = (size_t)sqlite3_column_bytes(s->scan, 1);
        if (len && !data) {
            step = SQLITE_NOMEM;
            break;
        }
        rc = cb(payload, seq, data, len); /* borrowed until the next step */
        if (rc) break;                    /* the callback stopped the scan: pass its value on */
    }
    if (rc == 0 && step != SQLITE_DONE) rc = sq_error(s, "storage.scan", step);
    sqlite3_reset(s->scan);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int sq_last_seq(km_storage *self, uint64_t *out)
{
    sqlite_storage *s = (sqlite_storage *)self;
    int rc;
    pthread_mutex_lock(&s->lock);
    rc = sq_read_last(s, "storage.last_seq", out);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int sq_snapshot_write(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    sqlite_storage *s = (sqlite_storage *)self;
    const char *m = "storage.snapshot_write";
    uint64_t last = 0;
    int rc, step;
    pthread_mutex_lock(&s->lock);
    /* One transaction: the new snapshot and the trimming of old ones commit
     * together, so a crash leaves the old set or the new one. */
    rc = sq_exec(s, m, "BEGIN IMMEDIATE");
    if (rc == 0) rc = sq_read_last(s, m, &last);
    if (rc == 0 && seq > last) rc = km_error_set(KM_EINVAL, m, "the snapshot is past the last record");
    if (rc == 0) {
        sqlite3_bind_int64(s->snap_put, 1, (sqlite3_int64)seq);
        step = sq_bind_data(s->snap_put, 2, data, len);
        if (step == SQLITE_OK) step = sqlite3_step(s->snap_put);
        if (step != SQLITE_DONE) rc = sq_error(s, m, step);
        sqlite3_reset(s->snap_put);
        sqlite3_clear_bindings(s->snap_put);
    }
    if (rc == 0) {
        step = sqlite3_step(s->snap_trim);
        if (step != SQLITE_DONE) rc = sq_error(s, m, step);
        sqlite3_reset(s->snap_trim);
    }
    if (rc == 0) rc = sq_exec(s, m, "COMMIT");
    if (rc) sq_rollback(s);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int sq_snapshot_read(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    sqlite_storage *s = (sqlite_storage *)self;
    int rc, step;
    pthread_mutex_lock(&s->lock);
    sqlite3_bind_int64(s->snap_get, 1, sq_clamp(max_seq));
    step = sqlite3_step(s->snap_get);
    if (step == SQLITE_ROW) {
        uint64_t seq = (uint64_t)sqlite3_column_int64(s->snap_get, 0);
        const void *data = sqlite3_column_blob(s->snap_get, 1);
        size_t len = (size_t)sqlite3_column_bytes(s->snap_get, 1);
        rc = len && !data ? sq_error(s, "storage.snapshot_read", SQLITE_NOMEM) : cb(payload, seq, data, len);
    } else if (step == SQLITE_DONE) {
        rc = KM_ENOTFOUND; /* no snapshot at or before max_seq: not an error worth a message */
    } else {
        rc = sq_error(s, "storage.snapshot_read", step);
    }
    sqlite3_reset(s->snap_get);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* Nothing to do: with synchronous=FULL every commit is on disk when
 * sqlite3_exec("COMMIT") returns. (A host that chooses synchronous=NORMAL
 * for speed would run "PRAGMA wal_checkpoint(FULL)" here, which syncs.) */
static int sq_sync(km_storage *self)
{
    (void)self;
    return 0;
}

static void sq_free(km_storage *self)
{
    sqlite_storage *s = (sqlite_storage *)self;
    if (!s) return;
    sqlite3_finalize(s->last);
    sqlite3_finalize(s->insert);
    sqlite3_finalize(s->get);
    sqlite3_finalize(s->scan);
    sqlite3_finalize(s->snap_put);
    sqlite3_finalize(s->snap_trim);
    sqlite3_finalize(s->snap_get);
    sqlite3_close_v2(s->db);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Called by SQLite while another connection holds the lock we need:
 * non-zero means "try again". sqlite3_busy_timeout() would sleep in steps
 * growing to 100 ms, and a process that commits continuously takes the lock
 * back long before such a sleeper wakes up: the other writers starve. Short
 * polls give every writer its turn. */
static int sq_busy(void *arg, int count)
{
    (void)arg;
    if (count >= KM_SQLITE_BUSY_MS) return 0; /* about KM_SQLITE_BUSY_MS ms: give up, SQLITE_BUSY */
    sqlite3_sleep(1);
    return 1;
}

/* Table names are built into SQL text, so the prefix is restricted to what
 * needs no quoting: a letter or '_', then letters, digits and '_'. */
static int sq_prefix_ok(const char *p)
{
    size_t i, n = strlen(p);
    if (n > SQ_MAX_PREFIX) return 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!alpha && (i == 0 || c < '0' || c > '9')) return 0;
    }
    return 1;
}

static int sq_prepare(sqlite_storage *s, sqlite3_stmt **st, const char *fmt, const char *prefix)
{
    char sql[512];
    int rc;
    snprintf(sql, sizeof sql, fmt, prefix, prefix, prefix);
    rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    return rc == SQLITE_OK ? 0 : sq_error(s, "storage", rc);
}

/* Runs the set-up statements. Switching a new database to WAL needs an
 * exclusive lock, and SQLite returns SQLITE_BUSY at once, without waiting,
 * when waiting could deadlock (two connections opening a new file at the
 * same moment): so wait here, up to the same limit as for writers. */
static int sq_setup(sqlite_storage *s, const char *sql)
{
    int waited, rc = SQLITE_BUSY;
    for (waited = 0; waited <= KM_SQLITE_BUSY_MS; waited += 10) {
        rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY) break;
        sq_rollback(s);
        sqlite3_sleep(10);
    }
    return rc == SQLITE_OK ? 0 : sq_error(s, "storage", rc);
}

/* Opens (creating it when missing) the store in the SQLite database `path`,
 * in the tables PREFIXlog and PREFIXsnapshot; NULL prefix means "km_". */
static int sqlite_storage_open(km_storage **out, const char *path, const char *prefix)
{
    static const km_storage init = KM_STORAGE_INIT;
    char sql[512];
    sqlite_storage *s;
    int rc;
    *out = NULL;
    if (!prefix) prefix = "km_";
    if (!path) return km_error_set(KM_EINVAL, "storage", "no database path");
    if (!sq_prefix_ok(prefix))
        return km_error_set(KM_EINVAL, "storage.prefix", "the table prefix must be [A-Za-z_][A-Za-z0-9_]*, at most 40");
    s = (sqlite_storage *)calloc(1, sizeof *s);
    if (!s) return km_error_set(KM_ENOMEM, "storage", "out of memory");
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return km_error_set(KM_ESTORAGE, "storage", "cannot create a mutex");
    }
    rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        rc = sq_error(s, "storage", rc);
        sq_free(&s->base);
        return rc;
    }
    sqlite3_extended_result_codes(s->db, 1);
    /* Wait for other writers instead of failing at once (BEGIN IMMEDIATE
     * honours it); the pragmas below may need the lock too. */
    sqlite3_busy_handler(s->db, sq_busy, NULL);
    /* WAL: readers do not block the writer nor it them. synchronous=FULL:
     * every commit is durable. Both are per connection or per file and
     * cheap to repeat. The tables are created if missing (SQLite creates a
     * table under its write lock, so concurrent openers are safe). */
    snprintf(sql, sizeof sql,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
             "CREATE TABLE IF NOT EXISTS %slog (seq INTEGER PRIMARY KEY CHECK (seq > 0), data BLOB NOT NULL);"
             "CREATE TABLE IF NOT EXISTS %ssnapshot (seq INTEGER PRIMARY KEY CHECK (seq >= 0), data BLOB NOT NULL);",
             prefix, prefix);
    rc = sq_setup(s, sql);
    if (rc == 0) rc = sq_prepare(s, &s->last, "SELECT coalesce(max(seq), 0) FROM %slog", prefix);
    if (rc == 0) rc = sq_prepare(s, &s->insert, "INSERT INTO %slog (seq, data) VALUES (?1, ?2)", prefix);
    if (rc == 0) rc = sq_prepare(s, &s->get, "SELECT data FROM %slog WHERE seq = ?1", prefix);
    if (rc == 0) rc = sq_prepare(s, &s->scan, "SELECT seq, data FROM %slog WHERE seq >= ?1 ORDER BY seq", prefix);
    if (rc == 0)
        rc = sq_prepare(s, &s->snap_put, "INSERT OR REPLACE INTO %ssnapshot (seq, data) VALUES (?1, ?2)", prefix);
    if (rc == 0)
        rc = sq_prepare(s, &s->snap_trim,
                        "DELETE FROM %ssnapshot WHERE seq <"
                        " (SELECT seq FROM %ssnapshot ORDER BY seq DESC LIMIT 1 OFFSET 1)",
                        prefix);
    if (rc == 0)
        rc = sq_prepare(s, &s->snap_get,
                        "SELECT seq, data FROM %ssnapshot WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1", prefix);
    if (rc) {
        sq_free(&s->base);
        return rc;
    }
    s->base = init;
    s->base.append = sq_append;
    s->base.scan = sq_scan;
    s->base.last_seq = sq_last_seq;
    s->base.snapshot_write = sq_snapshot_write;
    s->base.snapshot_read = sq_snapshot_read;
    s->base.sync = sq_sync;
    s->base.free = sq_free;
    *out = &s->base;
    return 0;
}

#ifndef KM_STORAGE_SQLITE_NO_MAIN

/* ---- the program ----------------------------------------------------------- */

#include <unistd.h>

static void check(int rc, const char *what)
{
    if (rc == KM_OK) return;
    fprintf(stderr, "storage_sqlite: %s: %s (%d)\n", what, km_error_last_message(KM_LANG_EN), rc);
    exit(1);
}

static void show(km_network *net, const char *when)
{
    km_partner_page *page = NULL;
    km_verify_report report = KM_VERIFY_REPORT_INIT;
    char head[65];
    size_t i;
    check(km_partner_list(&page, net, NULL), "km_partner_list");
    check(km_network_head_hash(head, net), "km_network_head_hash");
    check(km_network_verify(&report, net), "km_network_verify");
    printf("%s: %llu log entries, %zu partners, head %.16s..., chain verified\n", when,
           (unsigned long long)km_network_seq(net), km_partner_page_count(page), head);
    for (i = 0; i < km_partner_page_count(page); i++) {
        const km_partner *p = km_partner_page_get(page, i);
        printf("  %llu  %-24s %s\n", (unsigned long long)km_partner_id(p), km_partner_external_id(p),
               km_partner_name(p));
    }
    km_partner_page_free(page);
}

int main(int argc, char **argv)
{
    static const char *const names[] = { "Dinas Kesehatan Kota Bandung", "Koperasi Tani Makmur",
                                         "Institut Teknologi Bandung" };
    static const int kinds[] = { KM_PARTNER_REGIONAL_GOVERNMENT, KM_PARTNER_COMMUNITY, KM_PARTNER_ACADEMIC };
    char tmpdir[4096], path[4200];
    const char *file;
    int temporary = argc < 2;
    km_storage *st = NULL, *st2 = NULL;
    km_network *net = NULL, *other = NULL;
    char head1[65], head2[65];
    size_t i;

    if (temporary) {
        const char *base = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/kemitraan-sqlite-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror(tmpdir);
            return 1;
        }
        snprintf(path, sizeof path, "%s/kemitraan.db", tmpdir);
        file = path;
    } else {
        file = argv[1];
    }

    /* Open the host's backend and a network on it, and register partners. */
    check(sqlite_storage_open(&st, file, NULL), "sqlite_storage_open");
    check(km_network_open(&net, st, NULL), "km_network_open");
    show(net, "opened");
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char ext[64];
        snprintf(ext, sizeof ext, "ID-SQLITE-%llu", (unsigned long long)(km_network_seq(net) + 1));
        f.name = names[i];
        f.external_id = ext;
        f.kind = kinds[i];
        f.region = "32.73";
        check(km_partner_create(NULL, net, &f), "km_partner_create");
    }
    check(km_network_snapshot(net), "km_network_snapshot");

    /* A second connection, as another process would hold: it sees the
     * changes after a refresh, and both agree on the head of the chain. */
    check(sqlite_storage_open(&st2, file, NULL), "sqlite_storage_open (second connection)");
    check(km_network_open(&other, st2, NULL), "km_network_open (second connection)");
    check(km_partner_set_status(other, 1, KM_PARTNER_SUSPENDED, "menunggu laporan"), "km_partner_set_status");
    check(km_network_refresh(net), "km_network_refresh");
    check(km_network_head_hash(head1, net), "km_network_head_hash");
    check(km_network_head_hash(head2, other), "km_network_head_hash");
    printf("two connections: both at %llu, heads %s\n", (unsigned long long)km_network_seq(net),
           strcmp(head1, head2) == 0 ? "equal" : "DIFFERENT");
    km_network_close(other);
    km_storage_free(st2);
    km_network_close(net);
    km_storage_free(st);

    /* Reopen: the snapshot is loaded, the records after it replayed. */
    check(sqlite_storage_open(&st, file, NULL), "sqlite_storage_open");
    check(km_network_open(&net, st, NULL), "km_network_open");
    show(net, "reopened");
    km_network_close(net);
    km_storage_free(st);
    printf("database: %s%s\n", file, temporary ? " (temporary, removed)" : "");
    if (temporary) {
        static const char *const suffixes[] = { "", "-wal", "-shm" };
        for (i = 0; i < 3; i++) {
            char p[4300];
            snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
            unlink(p);
        }
        rmdir(tmpdir);
    }
    return strcmp(head1, head2) == 0 ? 0 : 1;
}

#endif /* KM_STORAGE_SQLITE_NO_MAIN */
