/* storage_postgres.c: a storage backend that keeps the event log in
 * PostgreSQL, written the way a host would write its own (docs/storage.md),
 * and a program that uses it. Copy the backend part into your program.
 *
 * This is how a deployment outgrows one machine: several portal workers, on
 * as many machines as needed, each open their own network handle on their
 * own connection to one database. Each sees the others' changes after
 * km_network_refresh(); a change made on a stale view fails with
 * KM_ECONFLICT (or, with retry_on_conflict, is refreshed, revalidated and
 * retried). Nothing is ever overwritten.
 *
 * The schema (PREFIX lets several networks share one database; put them in
 * another schema with "options='-c search_path=...'" in the conninfo):
 *
 *   CREATE TABLE PREFIXlog      (seq bigint PRIMARY KEY CHECK (seq > 0), data bytea NOT NULL);
 *   CREATE TABLE PREFIXsnapshot (seq bigint PRIMARY KEY CHECK (seq >= 0), data bytea NOT NULL);
 *
 * How it meets the contract of include/kemitraan/sys/storage.h:
 *
 * - conditional append is ONE statement, committed on its own:
 *
 *     INSERT INTO PREFIXlog (seq, data) SELECT $1, $2
 *      WHERE (SELECT coalesce(max(seq), 0) FROM PREFIXlog) = $1 - 1
 *
 *   Why this is enough, at the default READ COMMITTED isolation, without
 *   SERIALIZABLE and without an explicit lock:
 *   * two writers of the same N: both may see max = N - 1, but the primary
 *     key index lets only one row N exist. The second INSERT waits for the
 *     first transaction and, once it commits, fails with unique_violation
 *     (SQLSTATE 23505), which is KM_ECONFLICT. If the first rolls back, the
 *     second goes ahead. The index is the lock, and it is held only by the
 *     writers of that one sequence;
 *   * a gap: row N + 1 is inserted only if the statement's snapshot shows
 *     max = N, that is row N committed. Records are never deleted, so a
 *     gap can never appear;
 *   * when no row was inserted, max(seq) is read again: N <= max means N
 *     exists (KM_ECONFLICT), otherwise it was a gap (KM_EINVAL).
 *   SERIALIZABLE would also be correct but turns races into serialization
 *   failures (40001) that need their own retry loop, and an advisory lock
 *   (pg_advisory_xact_lock) would need an explicit transaction: three
 *   round trips instead of one, and every writer of the database queued
 *   behind it. max(seq) is a backward step on the primary key index.
 *
 * - atomic and durable: one statement in autocommit mode is one
 *   transaction. When it returns, PostgreSQL has committed it as its
 *   settings say (synchronous_commit = on, the default: flushed to the WAL;
 *   remote_apply with a standby: on the standby too). sync therefore has
 *   nothing to do.
 *
 * - a lost connection during an append leaves its outcome unknown. The
 *   backend reconnects and sends the same conditional INSERT again: if the
 *   first one committed, the second meets unique_violation and the stored
 *   bytes are compared with ours (equal: the append succeeded); if the first
 *   is still running on the server, the primary key makes the second wait for
 *   it; if it never happened, the second stores the record. Either way the
 *   library is told the truth (docs/storage.md, "append").
 *
 * - scan reads in chunks, WHERE seq >= $1 ORDER BY seq, each chunk at most
 *   PG_SCAN_ROWS records and, past the first record, about PG_SCAN_BYTES
 *   bytes (sizes come from octet_length(), which PostgreSQL answers without
 *   reading the data), so a long log or one of huge records is never in
 *   memory at once. Each chunk is its own snapshot; that is consistent
 *   because records are never changed and a record is visible only after
 *   every record before it.
 *
 * - snapshots are rows of a second table; each write inserts (or replaces)
 *   its row and deletes all but the newest two, in one transaction.
 *
 * Threads: one object may be used by network handles on several threads; a
 * mutex serialises its use of the one connection (a libpq connection runs
 * one statement at a time). For parallel writers, give each worker its own
 * object and connection. Errors are returned as KM_E* codes with the
 * server's message set through km_error_set(); nothing is printed (server
 * notices are discarded).
 *
 * Run: storage_postgres [PREFIX]. The connection is $KM_PG_CONNINFO, by
 * default "host=127.0.0.1 port=54329 user=postgres dbname=postgres" (a
 * scratch server as scripts/test.sh starts one). Without PREFIX it uses
 * fresh tables and drops them at the end; with PREFIX, run it twice and
 * watch the log grow.
 *
 * tests/conformance/backend_postgres.c compiles this file without main()
 * and runs the backend conformance suite on it (ctest -R
 * conformance.postgres); tests/unit/test_storage_postgres.c has two
 * processes write through two connections at once. */
#include <kemitraan/kemitraan.h>

#include <libpq-fe.h>

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the backend ----------------------------------------------------------- */

#define PG_DEFAULT_CONNINFO "host=127.0.0.1 port=54329 user=postgres dbname=postgres"
#define PG_MAX_PREFIX 40
#define PG_SCAN_ROWS 512                     /* records per chunk, at most */
#define PG_SCAN_BYTES (4L * 1024 * 1024)     /* bytes per chunk, about (one record may exceed it) */
#define PG_MAX_RECORD (((size_t)1 << 30) - 64) /* bytea's limit is 1 GB */

typedef struct pg_storage {
    km_storage base; /* first member: a km_storage * is a pg_storage * */
    PGconn *conn;
    pthread_mutex_t lock; /* one statement at a time on the connection */
    /* The statements, with the table names filled in at open. */
    char sql_append[256], sql_last[128], sql_get[128], sql_scan[512];
    char sql_snap_put[320], sql_snap_trim[256], sql_snap_get[192];
} pg_storage;

/* Internal: the connection broke while a statement ran. */
#define PG_LOST 1

/* Sets the library's error from a failed result (or the connection) and
 * returns the matching code; clears the result. */
static int pg_error(pg_storage *s, const char *method, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *text = res ? PQresultErrorMessage(res) : "";
    char msg[600];
    size_t n;
    int code = KM_ESTORAGE;
    if (!text || !*text) text = PQerrorMessage(s->conn);
    snprintf(msg, sizeof msg, "postgresql: %s", text);
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0'; /* libpq ends messages with \n */
    if (state) {
        if (strcmp(state, "23505") == 0) code = KM_ECONFLICT;     /* unique_violation: the sequence exists */
        else if (strcmp(state, "53200") == 0) code = KM_ENOMEM;   /* out_of_memory */
        else if (strcmp(state, "54000") == 0) code = KM_ERANGE;   /* program_limit_exceeded (a huge value) */
        else if (strcmp(state, "25006") == 0) code = KM_EREADONLY; /* read_only_sql_transaction (a standby) */
        else if (strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0) code = KM_EBUSY; /* lock or statement timeout */
    }
    PQclear(res);
    return km_error_set(code, method, msg);
}

/* Reconnects when the connection was lost (the server restarted, a proxy
 * dropped it): each method starts here, so the object heals itself. */
static int pg_ready(pg_storage *s, const char *method)
{
    if (PQstatus(s->conn) != CONNECTION_OK) PQreset(s->conn);
    if (PQstatus(s->conn) != CONNECTION_OK) return pg_error(s, method, NULL);
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE) PQclear(PQexec(s->conn, "ROLLBACK"));
    return 0;
}

/* Runs one statement with text or binary parameters, asking for binary
 * results. NULL when it failed: then *rc holds the code (or PG_LOST when the
 * connection broke, without a message yet). */
static PGresult *pg_run(pg_storage *s, const char *method, const char *sql, int n, const char *const *values,
                        const int *lengths, const int *formats, int *rc)
{
    PGresult *res = PQexecParams(s->conn, sql, n, NULL, values, lengths, formats, 1);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        *rc = 0;
        return res;
    }
    if (PQstatus(s->conn) == CONNECTION_BAD) {
        PQclear(res);
        *rc = PG_LOST;
        return NULL;
    }
    *rc = pg_error(s, method, res);
    return NULL;
}

/* The message for a connection that broke: libpq's first line says why. */
static int pg_lost(pg_storage *s, const char *method)
{
    char msg[300];
    const char *why = PQerrorMessage(s->conn);
    snprintf(msg, sizeof msg, "postgresql: the connection was lost: %.*s", (int)strcspn(why, "\n"), why);
    return km_error_set(KM_ESTORAGE, method, msg);
}

/* pg_run for a read: reads can simply be repeated, so when the connection
 * broke, reconnect once and run the statement again. */
static PGresult *pg_read(pg_storage *s, const char *method, const char *sql, int n, const char *const *values,
                         int *rc)
{
    PGresult *res = pg_run(s, method, sql, n, values, NULL, NULL, rc);
    if (*rc == PG_LOST) {
        PQreset(s->conn);
        if (PQstatus(s->conn) == CONNECTION_OK) res = pg_run(s, method, sql, n, values, NULL, NULL, rc);
        if (*rc == PG_LOST) *rc = pg_lost(s, method);
    }
    return res;
}

static int pg_run_command(pg_storage *s, const char *method, const char *sql)
{
    int rc;
    PGresult *res = pg_run(s, method, sql, 0, NULL, NULL, NULL, &rc);
    PQclear(res);
    return rc;
}

/* A bigint in binary form: 8 bytes, most significant first. */
static uint64_t pg_int8(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t v = 0;
    int i;
    for (i = 0; i < 8; i++) v = v << 8 | u[i];
    return v;
}

/* Sequences are uint64_t in the library and bigint in the database; every
 * sequence that can exist fits. */
static void pg_seq_text(char *out, size_t size, uint64_t v)
{
    snprintf(out, size, "%llu", (unsigned long long)(v > (uint64_t)INT64_MAX ? (uint64_t)INT64_MAX : v));
}

static int pg_read_last(pg_storage *s, const char *method, uint64_t *out)
{
    int rc;
    PGresult *res = pg_read(s, method, s->sql_last, 0, NULL, &rc);
    if (rc) return rc;
    *out = pg_int8(PQgetvalue(res, 0, 0));
    PQclear(res);
    return 0;
}

/* The conditional INSERT: 0 stored, KM_ECONFLICT, KM_EINVAL, PG_LOST or
 * another error. */
static int pg_try_append(pg_storage *s, uint64_t seq, const void *data, size_t len)
{
    char seq_text[24];
    const char *values[2];
    int lengths[2] = { 0, (int)len }, formats[2] = { 0, 1 }; /* seq as text, data as raw bytes */
    uint64_t last = 0;
    int rc, inserted;
    PGresult *res;
    pg_seq_text(seq_text, sizeof seq_text, seq);
    values[0] = seq_text;
    values[1] = len ? (const char *)data : ""; /* a NULL value would be SQL NULL */
    res = pg_run(s, "storage.append", s->sql_append, 2, values, lengths, formats, &rc);
    if (rc) return rc; /* 23505 already became KM_ECONFLICT */
    inserted = strcmp(PQcmdTuples(res), "1") == 0;
    PQclear(res);
    if (inserted) return 0;
    /* Nothing inserted: max(seq) was not seq - 1. Which way? */
    if ((rc = pg_read_last(s, "storage.append", &last)) != 0) return rc;
    if (seq <= last) return km_error_set(KM_ECONFLICT, "storage.append", "that sequence was appended by another handle");
    return km_error_set(KM_EINVAL, "storage.append", "that sequence would leave a gap");
}

/* 1 when record seq holds exactly these bytes, 0 when it is missing or
 * different, negative on error. */
static int pg_record_is(pg_storage *s, uint64_t seq, const void *data, size_t len)
{
    char seq_text[24];
    const char *values[1];
    int rc, same;
    PGresult *res;
    pg_seq_text(seq_text, sizeof seq_text, seq);
    values[0] = seq_text;
    res = pg_read(s, "storage.append", s->sql_get, 1, values, &rc);
    if (rc) return rc;
    same = PQntuples(res) == 1 && (size_t)PQgetlength(res, 0, 0) == len &&
           (len == 0 || memcmp(PQgetvalue(res, 0, 0), data, len) == 0);
    PQclear(res);
    return same;
}

static int pg_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    pg_storage *s = (pg_storage *)self;
    int rc;
    if (seq == 0) return km_error_set(KM_EINVAL, "storage.append", "sequences start at 1");
    if (seq > (uint64_t)INT64_MAX) return km_error_set(KM_EINVAL, "storage.append", "that sequence would leave a gap");
    if (len > PG_MAX_RECORD) return km_error_set(KM_ERANGE, "storage.append", "record larger than a bytea can hold");
    pthread_mutex_lock(&s->lock);
    rc = pg_ready(s, "storage.append");
    if (rc == 0) rc = pg_try_append(s, seq, data, len);
    if (rc == PG_LOST) {
        /* Did the INSERT commit before the connection broke? Reconnect and
         * send it again: the primary key answers (see the top of the file). */
        PQreset(s->conn);
        if (PQstatus(s->conn) != CONNECTION_OK) {
            rc = km_error_set(KM_ESTORAGE, "storage.append",
                              "postgresql: the connection was lost during the append and cannot be re-established; "
                              "whether the record was stored is unknown until it is");
        } else {
            rc = pg_try_append(s, seq, data, len);
            if (rc == KM_ECONFLICT && pg_record_is(s, seq, data, len) == 1) rc = 0; /* the first attempt committed */
            if (rc == PG_LOST) rc = pg_lost(s, "storage.append");
        }
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int pg_scan(km_storage *self, uint64_t from_seq, km_storage_record_cb cb, void *payload)
{
    pg_storage *s = (pg_storage *)self;
    uint64_t next = from_seq ? from_seq : 1;
    int rc;
    if (from_seq > (uint64_t)INT64_MAX) return 0; /* past any record that can exist */
    pthread_mutex_lock(&s->lock);
    rc = pg_ready(s, "storage.scan");
    while (rc == 0) {
        char from_text[24];
        const char *values[1];
        PGresult *res;
        int i, rows;
        long bytes = 0;
        pg_seq_text(from_text, sizeof from_text, next);
        values[0] = from_text;
        /* Each chunk starts where the last ended, so a chunk that meets a
         * lost connection is simply read again on a new one. */
        res = pg_read(s, "storage.scan", s->sql_scan, 1, values, &rc);
        if (rc) break;
        rows = PQntuples(res);
        for (i = 0; i < rows && rc == 0; i++) {
            int len = PQgetlength(res, i, 1);
            next = pg_int8(PQgetvalue(res, i, 0));
            bytes += len;
            rc = cb(payload, next, PQgetvalue(res, i, 1), (size_t)len); /* borrowed until PQclear */
        }
        PQclear(res);
        if (rc) break; /* an error, or the callback stopped the scan: pass its value on */
        /* A short chunk that the byte budget did not cut ends the log. */
        if (rows < PG_SCAN_ROWS && bytes < PG_SCAN_BYTES) break;
        next++;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int pg_last_seq(km_storage *self, uint64_t *out)
{
    pg_storage *s = (pg_storage *)self;
    int rc;
    pthread_mutex_lock(&s->lock);
    rc = pg_ready(s, "storage.last_seq");
    if (rc == 0) rc = pg_read_last(s, "storage.last_seq", out);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int pg_snapshot_write(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    pg_storage *s = (pg_storage *)self;
    const char *m = "storage.snapshot_write";
    char seq_text[24];
    const char *values[2];
    int lengths[2] = { 0, (int)len }, formats[2] = { 0, 1 };
    PGresult *res;
    int rc;
    if (seq > (uint64_t)INT64_MAX) return km_error_set(KM_EINVAL, m, "the snapshot is past the last record");
    if (len > PG_MAX_RECORD) return km_error_set(KM_ERANGE, m, "snapshot larger than a bytea can hold");
    pg_seq_text(seq_text, sizeof seq_text, seq);
    values[0] = seq_text;
    values[1] = len ? (const char *)data : "";
    pthread_mutex_lock(&s->lock);
    /* One transaction: the new snapshot and the trimming of old ones commit
     * together, so the old set or the new one is there, never half. */
    rc = pg_ready(s, m);
    if (rc == 0) rc = pg_run_command(s, m, "BEGIN");
    if (rc == 0) {
        res = pg_run(s, m, s->sql_snap_put, 2, values, lengths, formats, &rc);
        if (rc == 0 && strcmp(PQcmdTuples(res), "1") != 0)
            rc = km_error_set(KM_EINVAL, m, "the snapshot is past the last record");
        PQclear(res);
    }
    if (rc == 0) rc = pg_run_command(s, m, s->sql_snap_trim);
    if (rc == 0) rc = pg_run_command(s, m, "COMMIT");
    if (rc == PG_LOST) rc = pg_lost(s, m); /* the server rolls an interrupted transaction back */
    if (rc && PQstatus(s->conn) == CONNECTION_OK) PQclear(PQexec(s->conn, "ROLLBACK"));
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int pg_snapshot_read(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    pg_storage *s = (pg_storage *)self;
    char seq_text[24];
    const char *values[1];
    PGresult *res = NULL;
    int rc;
    pg_seq_text(seq_text, sizeof seq_text, max_seq);
    values[0] = seq_text;
    pthread_mutex_lock(&s->lock);
    rc = pg_ready(s, "storage.snapshot_read");
    if (rc == 0) res = pg_read(s, "storage.snapshot_read", s->sql_snap_get, 1, values, &rc);
    if (rc == 0) {
        if (PQntuples(res) == 0) rc = KM_ENOTFOUND; /* none at or before max_seq: not worth a message */
        else rc = cb(payload, pg_int8(PQgetvalue(res, 0, 0)), PQgetvalue(res, 0, 1), (size_t)PQgetlength(res, 0, 1));
    }
    PQclear(res);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* Nothing to do: every append is a committed transaction when it returns,
 * as durable as the server's settings make commits (synchronous_commit). */
static int pg_sync(km_storage *self)
{
    (void)self;
    return 0;
}

static void pg_free(km_storage *self)
{
    pg_storage *s = (pg_storage *)self;
    if (!s) return;
    PQfinish(s->conn);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

/* Server notices ("relation already exists, skipping") are not printed. */
static void pg_quiet(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Table names are built into SQL text, so the prefix is restricted to what
 * needs no quoting: a lower-case letter or '_', then lower-case letters,
 * digits and '_'. */
static int pg_prefix_ok(const char *p)
{
    size_t i, n = strlen(p);
    if (n > PG_MAX_PREFIX) return 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        int alpha = (c >= 'a' && c <= 'z') || c == '_';
        if (!alpha && (i == 0 || c < '0' || c > '9')) return 0;
    }
    return 1;
}

/* Opens the store in tables PREFIXlog and PREFIXsnapshot (created when
 * missing) of the database that `conninfo` names (libpq syntax: "host=...
 * port=... dbname=..." or a postgresql:// URI); NULL prefix means "km_". */
static int pg_storage_open(km_storage **out, const char *conninfo, const char *prefix)
{
    static const km_storage init = KM_STORAGE_INIT;
    char sql[1024];
    pg_storage *s;
    const char *p;
    int rc;
    *out = NULL;
    if (!prefix) prefix = "km_";
    if (!conninfo) return km_error_set(KM_EINVAL, "storage", "no connection string");
    if (!pg_prefix_ok(prefix))
        return km_error_set(KM_EINVAL, "storage.prefix", "the table prefix must be [a-z_][a-z0-9_]*, at most 40");
    s = (pg_storage *)calloc(1, sizeof *s);
    if (!s) return km_error_set(KM_ENOMEM, "storage", "out of memory");
    if (pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        return km_error_set(KM_ESTORAGE, "storage", "cannot create a mutex");
    }
    p = prefix;
    snprintf(s->sql_append, sizeof s->sql_append,
             "INSERT INTO %slog (seq, data) SELECT $1::bigint, $2::bytea"
             " WHERE (SELECT coalesce(max(seq), 0) FROM %slog) = $1::bigint - 1",
             p, p);
    snprintf(s->sql_last, sizeof s->sql_last, "SELECT coalesce(max(seq), 0)::bigint FROM %slog", p);
    snprintf(s->sql_get, sizeof s->sql_get, "SELECT data FROM %slog WHERE seq = $1::bigint", p);
    /* One chunk: the records from $1 on, up to PG_SCAN_ROWS of them, cut
     * before the first record that starts past PG_SCAN_BYTES (the running
     * total of the sizes before it); the first record always comes. */
    snprintf(s->sql_scan, sizeof s->sql_scan,
             "SELECT seq, data FROM %slog WHERE seq >= $1::bigint AND seq <= ("
             "SELECT coalesce(max(seq), $1::bigint) FROM ("
             "SELECT seq, sum(octet_length(data)) OVER (ORDER BY seq) - octet_length(data) AS before"
             " FROM %slog WHERE seq >= $1::bigint ORDER BY seq LIMIT %d) AS chunk"
             " WHERE before < %ld) ORDER BY seq",
             p, p, PG_SCAN_ROWS, PG_SCAN_BYTES);
    snprintf(s->sql_snap_put, sizeof s->sql_snap_put,
             "INSERT INTO %ssnapshot (seq, data) SELECT $1::bigint, $2::bytea"
             " WHERE $1::bigint <= (SELECT coalesce(max(seq), 0) FROM %slog)"
             " ON CONFLICT (seq) DO UPDATE SET data = EXCLUDED.data",
             p, p);
    snprintf(s->sql_snap_trim, sizeof s->sql_snap_trim,
             "DELETE FROM %ssnapshot WHERE seq < (SELECT seq FROM %ssnapshot ORDER BY seq DESC OFFSET 1 LIMIT 1)",
             p, p);
    snprintf(s->sql_snap_get, sizeof s->sql_snap_get,
             "SELECT seq, data FROM %ssnapshot WHERE seq <= $1::bigint ORDER BY seq DESC LIMIT 1", p);

    s->conn = PQconnectdb(conninfo);
    if (!s->conn) {
        pg_free(&s->base);
        return km_error_set(KM_ENOMEM, "storage", "out of memory");
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        rc = pg_error(s, "storage", NULL);
        pg_free(&s->base);
        return rc;
    }
    PQsetNoticeProcessor(s->conn, pg_quiet, NULL);
    /* Create the tables when missing. CREATE TABLE IF NOT EXISTS is not safe
     * against a concurrent creator (both may pass the check and one then
     * fails on the catalog's unique index), so openers take turns on a
     * transaction-scoped advisory lock named after the prefix. */
    snprintf(sql, sizeof sql,
             "BEGIN; SELECT pg_advisory_xact_lock(hashtext('kemitraan:%s'));"
             "CREATE TABLE IF NOT EXISTS %slog (seq bigint PRIMARY KEY CHECK (seq > 0), data bytea NOT NULL);"
             "CREATE TABLE IF NOT EXISTS %ssnapshot (seq bigint PRIMARY KEY CHECK (seq >= 0), data bytea NOT NULL);"
             "COMMIT",
             p, p, p);
    {
        PGresult *res = PQexec(s->conn, sql); /* several statements: simple query protocol */
        if (PQresultStatus(res) != PGRES_COMMAND_OK) {
            rc = pg_error(s, "storage", res);
            pg_free(&s->base);
            return rc;
        }
        PQclear(res);
    }
    s->base = init;
    s->base.append = pg_append;
    s->base.scan = pg_scan;
    s->base.last_seq = pg_last_seq;
    s->base.snapshot_write = pg_snapshot_write;
    s->base.snapshot_read = pg_snapshot_read;
    s->base.sync = pg_sync;
    s->base.free = pg_free;
    *out = &s->base;
    return 0;
}

/* The connection string of the examples and tests: $KM_PG_CONNINFO, else
 * the scratch server of scripts/test.sh. */
static const char *pg_conninfo_from_env(void)
{
    const char *c = getenv("KM_PG_CONNINFO");
    return c && *c ? c : PG_DEFAULT_CONNINFO;
}

/* Drops a store's tables (for tests and the example's temporary store). */
static int pg_storage_drop(const char *conninfo, const char *prefix)
{
    char sql[256];
    PGconn *c;
    int rc = 0;
    if (!pg_prefix_ok(prefix)) return km_error_set(KM_EINVAL, "storage.prefix", "invalid table prefix");
    c = PQconnectdb(conninfo);
    if (c && PQstatus(c) == CONNECTION_OK) {
        PGresult *res;
        PQsetNoticeProcessor(c, pg_quiet, NULL);
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS %slog, %ssnapshot", prefix, prefix);
        res = PQexec(c, sql);
        if (PQresultStatus(res) != PGRES_COMMAND_OK) rc = km_error_set(KM_ESTORAGE, "storage", PQerrorMessage(c));
        PQclear(res);
    } else {
        rc = km_error_set(KM_ESTORAGE, "storage", c ? PQerrorMessage(c) : "out of memory");
    }
    PQfinish(c);
    return rc;
}

#ifndef KM_STORAGE_POSTGRES_NO_MAIN

/* ---- the program ----------------------------------------------------------- */

#include <unistd.h>

static void check(int rc, const char *what)
{
    if (rc == KM_OK) return;
    fprintf(stderr, "storage_postgres: %s: %s (%d)\n", what, km_error_last_message(KM_LANG_EN), rc);
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
    static const char *const names[] = { "Bappeda Provinsi Jawa Barat", "PT Energi Surya Nusantara",
                                         "Yayasan Pendidikan Anak Desa" };
    static const int kinds[] = { KM_PARTNER_REGIONAL_GOVERNMENT, KM_PARTNER_PRIVATE_BUSINESS,
                                 KM_PARTNER_FOUNDATION };
    const char *conninfo = pg_conninfo_from_env();
    char prefix[64];
    int temporary = argc < 2;
    km_storage *st = NULL, *st2 = NULL;
    km_network *net = NULL, *other = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    char head1[65], head2[65];
    size_t i;

    if (temporary) snprintf(prefix, sizeof prefix, "km_example_%ld_", (long)getpid());
    else snprintf(prefix, sizeof prefix, "%s", argv[1]);

    /* Open the host's backend and a network on it, and register partners. */
    o.actor = "portal-worker-1";
    o.retry_on_conflict = 1; /* another worker's change first: refresh, revalidate, retry */
    check(pg_storage_open(&st, conninfo, prefix), "pg_storage_open");
    check(km_network_open(&net, st, &o), "km_network_open");
    show(net, "opened");
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char ext[64];
        snprintf(ext, sizeof ext, "ID-PG-%llu", (unsigned long long)(km_network_seq(net) + 1));
        f.name = names[i];
        f.external_id = ext;
        f.kind = kinds[i];
        f.region = "32";
        check(km_partner_create(NULL, net, &f), "km_partner_create");
    }
    check(km_network_snapshot(net), "km_network_snapshot");

    /* A second worker with its own connection (it could be on another
     * machine): it sees the changes, and its own change is seen after a
     * refresh; both agree on the head of the chain. */
    o.actor = "portal-worker-2";
    check(pg_storage_open(&st2, conninfo, prefix), "pg_storage_open (second connection)");
    check(km_network_open(&other, st2, &o), "km_network_open (second connection)");
    check(km_partner_set_status(other, 2, KM_PARTNER_SUSPENDED, "izin sedang ditinjau"), "km_partner_set_status");
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
    check(pg_storage_open(&st, conninfo, prefix), "pg_storage_open");
    check(km_network_open(&net, st, NULL), "km_network_open");
    show(net, "reopened");
    km_network_close(net);
    km_storage_free(st);
    printf("tables: %slog, %ssnapshot%s\n", prefix, prefix, temporary ? " (temporary, dropped)" : "");
    if (temporary) check(pg_storage_drop(conninfo, prefix), "pg_storage_drop");
    return strcmp(head1, head2) == 0 ? 0 : 1;
}

#endif /* KM_STORAGE_POSTGRES_NO_MAIN */
