/* kmbench: kemitraan and SQLite side by side on the shared workload
 * (../shared/bench/workload.md). Speed is measured here, never in unit tests.
 *
 *   kmbench store [--n N] [--commits K] [--dir DIR] [--json]
 *       durable single-partner commits per second under each sync policy of
 *       the file store, next to SQLite WAL with synchronous=FULL and NORMAL;
 *       and the time to reopen a store of N partners and answer the first
 *       query, with and without a snapshot, next to SQLite's reopen.
 *
 *   kmbench graph [--n N]... [--threads T] [--repeat R] [--dir DIR] [--json]
 *       components, PageRank and exact betweenness (1 and T threads) on the
 *       workload's co-agreement graph, next to python-igraph run as a
 *       separate process (kmbench_graph.h).
 *
 *   kmbench workload [--n N] [--modes LIST] [--repeat R] [--json|--markdown]
 *       operations a1..g of the workload on kemitraan and SQLite, side by
 *       side, every checksum checked (bench/kmbench/workload.c).
 *
 *   kmbench edits [--n PARTNERS] [--agreements M]
 *       lookups before and after every partner and agreement is changed
 *       once (bench/kmbench/edits.c).
 */
#include <kemitraan/kemitraan.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "workload.h"
#include "kmbench_graph.h"
#include "kmbench/kmbench.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die_km(const char *what, int rc)
{
    fprintf(stderr, "kmbench: %s failed: %s (%s)\n", what, km_strerror(rc), km_error_last_message(KM_LANG_EN));
    exit(1);
}

static void die_sql(sqlite3 *db, const char *what)
{
    fprintf(stderr, "kmbench: sqlite %s failed: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    exit(1);
}

static void remove_store(const char *path)
{
    char snap[4200];
    snprintf(snap, sizeof snap, "%s-snap", path);
    unlink(path);
    unlink(snap);
}

static uint64_t file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* ---- kemitraan side ---- */

static void km_fields_of(const wl_partner *p, km_partner_fields *f, const char *sectors[3])
{
    int i;
    for (i = 0; i < p->n_sectors; i++) sectors[i] = wl_sector_names[p->sectors[i]];
    f->name = p->name;
    f->external_id = p->ext;
    f->kind = p->type;
    f->region = p->region;
    f->sectors = sectors;
    f->sectors_count = (size_t)p->n_sectors;
}

/* Creates partners first..last, `batch` per transaction (1 = a commit each). */
static void km_load(km_network *net, wl_rng *r, uint64_t first, uint64_t last, uint64_t n, uint64_t batch)
{
    uint64_t id;
    int rc;
    for (id = first; id <= last; id++) {
        wl_partner p;
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        const char *sectors[3];
        if (batch > 1 && (id - first) % batch == 0 && (rc = km_network_begin(net)) != 0) die_km("begin", rc);
        wl_partner_next(r, id, n, &p);
        km_fields_of(&p, &f, sectors);
        if ((rc = km_partner_create(NULL, net, &f)) != 0) die_km("partner create", rc);
        if (batch > 1 && ((id - first) % batch == batch - 1 || id == last) && (rc = km_network_commit(net)) != 0)
            die_km("commit", rc);
    }
}

static double km_commits(const char *path, int sync, uint64_t commits, uint64_t n)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network *net;
    wl_rng r;
    double t0;
    int rc;
    remove_store(path);
    fo.sync = sync;
    if ((rc = km_network_open_file(&net, path, &fo, NULL)) != 0) die_km("open", rc);
    wl_init(&r, WL_PARTNERS);
    t0 = now_s();
    km_load(net, &r, n + 1, n + commits, n, 1);
    t0 = now_s() - t0;
    km_network_close(net);
    remove_store(path);
    return (double)commits / t0;
}

typedef struct reopen_times {
    double no_snapshot;
    double snapshot;
    uint64_t bytes;
} reopen_times;

static double km_reopen(const char *path, int use_snapshot)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network *net;
    km_partner *p;
    double t0;
    int rc;
    o.no_snapshot = !use_snapshot;
    fo.sync = KM_SYNC_NORMAL;
    t0 = now_s();
    if ((rc = km_network_open_file(&net, path, &fo, &o)) != 0) die_km("reopen", rc);
    if ((rc = km_partner_get(&p, net, 1)) != 0) die_km("first query", rc);
    t0 = now_s() - t0;
    km_partner_free(p);
    km_network_close(net);
    return t0;
}

static reopen_times km_open_times(const char *path, uint64_t n)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network *net;
    reopen_times t;
    wl_rng r;
    int rc;
    remove_store(path);
    fo.sync = KM_SYNC_NORMAL;
    if ((rc = km_network_open_file(&net, path, &fo, NULL)) != 0) die_km("open", rc);
    wl_init(&r, WL_PARTNERS);
    km_load(net, &r, 1, n, n, 1000);
    km_network_close(net);
    t.no_snapshot = km_reopen(path, 0);
    if ((rc = km_network_open_file(&net, path, &fo, NULL)) != 0) die_km("open", rc);
    if ((rc = km_network_snapshot(net)) != 0) die_km("snapshot", rc);
    km_network_close(net);
    t.snapshot = km_reopen(path, 1);
    t.bytes = file_bytes(path);
    remove_store(path);
    return t;
}

/* ---- SQLite side (schema of section 8) ---- */

static void sql_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "kmbench: sqlite: %s: %s\n", sql, err ? err : "?");
        exit(1);
    }
}

static sqlite3 *sql_open(const char *path, const char *sync)
{
    sqlite3 *db;
    char pragma[128];
    if (sqlite3_open(path, &db) != SQLITE_OK) die_sql(db, "open");
    sql_exec(db, "PRAGMA journal_mode=WAL");
    snprintf(pragma, sizeof pragma, "PRAGMA synchronous=%s", sync);
    sql_exec(db, pragma);
    sql_exec(db, "PRAGMA cache_size=-1048576");
    sql_exec(db, "CREATE TABLE IF NOT EXISTS partner(id INTEGER PRIMARY KEY, type, region TEXT, sectors, name, ext_id TEXT UNIQUE);"
                 "CREATE INDEX IF NOT EXISTS partner_trn ON partner(type, region, name)");
    return db;
}

static void sql_remove(const char *path)
{
    char p[4200];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static void sql_load(sqlite3 *db, wl_rng *r, uint64_t first, uint64_t last, uint64_t n, uint64_t batch)
{
    sqlite3_stmt *st;
    uint64_t id;
    if (sqlite3_prepare_v2(db, "INSERT INTO partner VALUES(?,?,?,?,?,?)", -1, &st, NULL) != SQLITE_OK) die_sql(db, "prepare");
    for (id = first; id <= last; id++) {
        wl_partner p;
        if (batch > 1 && (id - first) % batch == 0) sql_exec(db, "BEGIN");
        wl_partner_next(r, id, n, &p);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
        sqlite3_bind_int(st, 2, p.type);
        sqlite3_bind_text(st, 3, p.region, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, p.mask);
        sqlite3_bind_text(st, 5, p.name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, p.ext, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) die_sql(db, "insert");
        sqlite3_reset(st);
        if (batch > 1 && ((id - first) % batch == batch - 1 || id == last)) sql_exec(db, "COMMIT");
    }
    sqlite3_finalize(st);
}

static double sql_commits(const char *path, const char *sync, uint64_t commits, uint64_t n)
{
    sqlite3 *db;
    wl_rng r;
    double t0;
    sql_remove(path);
    db = sql_open(path, sync);
    wl_init(&r, WL_PARTNERS);
    t0 = now_s();
    sql_load(db, &r, n + 1, n + commits, n, 1);
    t0 = now_s() - t0;
    sqlite3_close(db);
    sql_remove(path);
    return (double)commits / t0;
}

static double sql_reopen(const char *path, uint64_t n, uint64_t *bytes)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    wl_rng r;
    double t0;
    sql_remove(path);
    db = sql_open(path, "NORMAL");
    wl_init(&r, WL_PARTNERS);
    sql_load(db, &r, 1, n, n, 1000);
    sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    *bytes = file_bytes(path);
    t0 = now_s();
    if (sqlite3_open(path, &db) != SQLITE_OK) die_sql(db, "reopen");
    if (sqlite3_prepare_v2(db, "SELECT * FROM partner WHERE id=1", -1, &st, NULL) != SQLITE_OK) die_sql(db, "prepare");
    if (sqlite3_step(st) != SQLITE_ROW) die_sql(db, "first query");
    sqlite3_finalize(st);
    t0 = now_s() - t0;
    sqlite3_close(db);
    sql_remove(path);
    return t0;
}

/* ---- the store report ---- */

static int cmd_store(uint64_t n, uint64_t commits, const char *dir, int json)
{
    char kpath[4096], spath[4096];
    double k_full, k_normal, k_off, s_full, s_normal, s_reopen;
    reopen_times kt;
    uint64_t sbytes = 0;
    snprintf(kpath, sizeof kpath, "%s/kmbench-store.km", dir);
    snprintf(spath, sizeof spath, "%s/kmbench-store.db", dir);

    k_full = km_commits(kpath, KM_SYNC_FULL, commits, n);
    s_full = sql_commits(spath, "FULL", commits, n);
    k_normal = km_commits(kpath, KM_SYNC_NORMAL, commits, n);
    s_normal = sql_commits(spath, "NORMAL", commits, n);
    k_off = km_commits(kpath, KM_SYNC_OFF, commits, n);
    kt = km_open_times(kpath, n);
    s_reopen = sql_reopen(spath, n, &sbytes);

    if (json) {
        printf("{\"mode\":\"store\",\"n\":%llu,\"commits\":%llu,"
               "\"kemitraan\":{\"commits_per_s\":{\"full\":%.1f,\"normal\":%.1f,\"off\":%.1f},"
               "\"reopen_s\":{\"no_snapshot\":%.6f,\"snapshot\":%.6f},\"log_bytes\":%llu},"
               "\"sqlite\":{\"commits_per_s\":{\"wal_full\":%.1f,\"wal_normal\":%.1f},\"reopen_s\":%.6f,\"db_bytes\":%llu}}\n",
               (unsigned long long)n, (unsigned long long)commits, k_full, k_normal, k_off, kt.no_snapshot, kt.snapshot,
               (unsigned long long)kt.bytes, s_full, s_normal, s_reopen, (unsigned long long)sbytes);
        return 0;
    }
    printf("kmbench store: N=%llu partners, %llu single-partner commits, files in %s\n\n", (unsigned long long)n,
           (unsigned long long)commits, dir);
    printf("%-44s %14s %14s %8s\n", "measure", "kemitraan", "SQLite", "ratio");
    printf("%-44s %12.0f/s %12.0f/s %7.2fx\n", "durable commits, full sync (SQLite WAL FULL)", k_full, s_full, k_full / s_full);
    printf("%-44s %12.0f/s %12.0f/s %7.2fx\n", "commits, normal sync (SQLite WAL NORMAL)", k_normal, s_normal,
           k_normal / s_normal);
    printf("%-44s %12.0f/s %14s %8s\n", "commits, sync off", k_off, "-", "-");
    printf("%-44s %12.4f s %12.4f s %7.2fx\n", "reopen + first query, with snapshot", kt.snapshot, s_reopen,
           s_reopen / kt.snapshot);
    printf("%-44s %12.4f s %12.4f s %7.2fx\n", "reopen + first query, replaying the log", kt.no_snapshot, s_reopen,
           s_reopen / kt.no_snapshot);
    printf("%-44s %12.0f/s %14s %8s\n", "partners loaded per second on snapshot open", (double)n / kt.snapshot, "-", "-");
    printf("%-44s %12.1f MB %11.1f MB\n", "store size on disk (log | db)", (double)kt.bytes / 1e6, (double)sbytes / 1e6);
    printf("\n(ratio > 1 means kemitraan is faster.)\n");
    return 0;
}

/* Times opening an existing file store and answering a first query
 * (partner 1), read-only so the store is never changed: with its snapshot
 * and (unless only_snapshot) replaying the log, each `repeat` times,
 * alternating, medians printed. For studying the reopen of a big store (kmbench workload
 * --keep leaves one) without rebuilding it each time. */
static int cmd_reopen(const char *path, int repeat, int only_snapshot)
{
    double t[2][64];
    int i, s;
    for (i = 0; i < repeat; i++)
        for (s = 0; s < 2 - only_snapshot; s++) {
            km_network_options o = KM_NETWORK_OPTIONS_INIT;
            km_file_options fo = KM_FILE_OPTIONS_INIT;
            km_network *net;
            km_partner *p;
            double t0 = now_s();
            int rc;
            o.no_snapshot = s == 1;
            o.read_only = 1;
            rc = km_network_open_file(&net, path, &fo, &o);
            if (rc == 0) rc = km_partner_get(&p, net, 1);
            if (rc != 0) {
                fprintf(stderr, "kmbench reopen: %s: %s\n", path, km_error_last_message(KM_LANG_EN));
                return 1;
            }
            t[s][i] = now_s() - t0;
            km_partner_free(p);
            km_network_close(net);
        }
    printf("kmbench reopen: %s, %d run%s each\n", path, repeat, repeat == 1 ? "" : "s");
    /* The first run separately: it is the one a process pays when it
     * starts (later runs reuse the heap the earlier ones freed, with fewer
     * page faults). The minimum is the steadiest figure on a shared
     * machine when comparing two builds. wl_median sorts the runs. */
    for (s = 0; s < 2 - only_snapshot; s++) {
        double first = t[s][0], med = wl_median(t[s], repeat);
        printf("reopen + 1st query, %-12s %8.3f s (median; first %.3f s, min %.3f s, max %.3f s)\n",
               s == 0 ? "snapshot" : "replay log", med, first, t[s][0], t[s][repeat - 1]);
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: kmbench store [--n N] [--commits K] [--dir DIR] [--json]\n");
    fprintf(stderr, "       kmbench reopen STORE [--repeat R] [--snapshot-only]\n");
    kg_usage();
    fprintf(stderr, "       kmbench workload --help\n");
    fprintf(stderr, "       kmbench latency [--n RECORDS]\n");
    fprintf(stderr, "       kmbench edits [--n PARTNERS] [--agreements M]\n");
}

int main(int argc, char **argv)
{
    uint64_t n = 100000, commits = 2000;
    const char *dir = "/tmp";
    int json = 0, i;
    if (argc < 2) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "graph") == 0) return cmd_graph(argc - 2, argv + 2);
    if (strcmp(argv[1], "workload") == 0) return kmbench_workload_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "latency") == 0) return kmbench_latency_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "edits") == 0) return kmbench_edits_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "reopen") == 0) {
        int repeat = 1, only_snapshot = 0;
        if (argc < 3) {
            usage();
            return 2;
        }
        for (i = 3; i < argc; i++) {
            if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = atoi(argv[++i]);
            else if (strcmp(argv[i], "--snapshot-only") == 0) only_snapshot = 1;
            else repeat = 0;
        }
        if (repeat < 1 || repeat > 64) {
            usage();
            return 2;
        }
        return cmd_reopen(argv[2], repeat, only_snapshot);
    }
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc) n = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--commits") == 0 && i + 1 < argc) commits = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else {
            usage();
            return 2;
        }
    }
    if (n < 3 || commits < 1) {
        usage();
        return 2;
    }
    if (strcmp(argv[1], "store") == 0) return cmd_store(n, commits, dir, json);
    usage();
    return 2;
}
