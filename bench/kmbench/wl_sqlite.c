/* The workload on the SQLite baseline of ../shared/bench/workload.md
 * section 8: the schema and indexes created before the load, statements
 * prepared once and reused, every SELECT in autocommit, cache_size 1 GiB,
 * the default page size. Modes: :memory:, and a file in WAL mode with
 * synchronous=NORMAL or FULL. */
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmbench.h"
#include "../workload.h"

typedef struct sdb {
    sqlite3 *db;
    wl_result *r;
    sqlite3_stmt *ins_partner, *ins_agreement, *ins_party;
    sqlite3_stmt *by_id, *by_ext, *count_tr, *page_tr, *of_partner, *per_type;
} sdb;

static void fail(sdb *s, const char *what)
{
    wl_fail(s->r, "sqlite: %s: %s", what, s->db ? sqlite3_errmsg(s->db) : "?");
}

static void exec(sdb *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) wl_fail(s->r, "sqlite: %s: %s", sql, err ? err : "?");
}

static sqlite3_stmt *prepare(sdb *s, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) fail(s, sql);
    return st;
}

static int64_t pragma_int(sdb *s, const char *sql)
{
    sqlite3_stmt *st = prepare(s, sql);
    int64_t v = 0;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void step_done(sdb *s, sqlite3_stmt *st, const char *what)
{
    if (sqlite3_step(st) != SQLITE_DONE) fail(s, what);
    sqlite3_reset(st);
}

static void open_db(sdb *s, const char *path, int mode)
{
    if (sqlite3_open(path, &s->db) != SQLITE_OK) fail(s, "open");
    if (mode != SQLM_MEMORY) {
        exec(s, "PRAGMA journal_mode=WAL");
        exec(s, mode == SQLM_FULL ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
    }
    exec(s, "PRAGMA cache_size=-1048576");
}

static void insert_partner(sdb *s, wl_rng *g, uint64_t id, uint64_t n, uint64_t *sum)
{
    wl_partner p;
    sqlite3_stmt *st = s->ins_partner;
    wl_partner_next(g, id, n, &p);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)id);
    sqlite3_bind_int(st, 2, p.type);
    sqlite3_bind_text(st, 3, p.region, 5, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, p.mask);
    sqlite3_bind_text(st, 5, p.name, 24, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, p.ext, 20, SQLITE_STATIC);
    step_done(s, st, "insert partner");
    *sum += p.mask;
}

static void op_a1(sdb *s, uint64_t n)
{
    wl_rng g;
    uint64_t id, sum = 0;
    double t0;
    wl_init(&g, WL_PARTNERS);
    t0 = wl_now();
    for (id = 1; id <= n; id++) {
        if ((id - 1) % 1000 == 0) exec(s, "BEGIN");
        insert_partner(s, &g, id, n, &sum);
        if (id % 1000 == 0 || id == n) exec(s, "COMMIT");
    }
    s->r->seconds[WOP_A1] = wl_now() - t0;
    s->r->count[WOP_A1] = n;
    s->r->checksum[WOP_A1] = sum;
}

static void op_a2(sdb *s, uint64_t n)
{
    wl_rng g;
    uint64_t id, m = 2 * n, sum = 0;
    double t0;
    wl_init(&g, WL_AGREEMENTS);
    t0 = wl_now();
    for (id = 1; id <= m; id++) {
        wl_agreement a;
        char start[11];
        int k;
        if ((id - 1) % 1000 == 0) exec(s, "BEGIN");
        wl_agreement_next(&g, id, n, &a);
        wl_date(start, a.start_day);
        sqlite3_bind_int64(s->ins_agreement, 1, (sqlite3_int64)id);
        sqlite3_bind_int(s->ins_agreement, 2, a.type);
        sqlite3_bind_text(s->ins_agreement, 3, start, 10, SQLITE_STATIC);
        sqlite3_bind_int64(s->ins_agreement, 4, a.value);
        step_done(s, s->ins_agreement, "insert agreement");
        for (k = 0; k < a.n_parties; k++) {
            sqlite3_bind_int64(s->ins_party, 1, (sqlite3_int64)id);
            sqlite3_bind_int64(s->ins_party, 2, (sqlite3_int64)a.parties[k]);
            sqlite3_bind_int(s->ins_party, 3, k);
            step_done(s, s->ins_party, "insert agreement_party");
        }
        sum += (uint64_t)a.value;
        if (id % 1000 == 0 || id == m) exec(s, "COMMIT");
    }
    s->r->seconds[WOP_A2] = wl_now() - t0;
    s->r->count[WOP_A2] = m;
    s->r->checksum[WOP_A2] = sum;
}

/* Reads every column of a partner row, as a caller showing it would. */
static uint64_t touch(sqlite3_stmt *st)
{
    const unsigned char *region = sqlite3_column_text(st, 2), *name = sqlite3_column_text(st, 4),
                        *ext = sqlite3_column_text(st, 5);
    return (uint64_t)name[0] + ext[0] + (region ? region[0] : 0);
}

static double op_b(sdb *s, uint64_t n)
{
    sqlite3_stmt *st = s->by_id;
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_ID);
    t0 = wl_now();
    for (i = 0; i < 1000000; i++) {
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(1 + wl_below(&g, n)));
        if (sqlite3_step(st) != SQLITE_ROW) fail(s, "lookup by id");
        sum += (uint64_t)sqlite3_column_int64(st, 1) + (uint64_t)sqlite3_column_int64(st, 3);
        touched += touch(st);
        sqlite3_reset(st);
    }
    t0 = wl_now() - t0;
    if (touched == 0) wl_fail(s->r, "sqlite: empty rows");
    s->r->count[WOP_B] = 1000000;
    s->r->checksum[WOP_B] = sum;
    return t0;
}

static double op_c(sdb *s, uint64_t n)
{
    sqlite3_stmt *st = s->by_ext;
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_EXT);
    t0 = wl_now();
    for (i = 0; i < 1000000; i++) {
        char ext[21];
        wl_ext_id(ext, 1 + wl_below(&g, n));
        sqlite3_bind_text(st, 1, ext, 20, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_ROW) fail(s, "lookup by external id");
        sum += (uint64_t)sqlite3_column_int64(st, 0);
        touched += touch(st) + (uint64_t)sqlite3_column_int64(st, 3);
        sqlite3_reset(st);
    }
    t0 = wl_now() - t0;
    if (touched == 0) wl_fail(s->r, "sqlite: empty rows");
    s->r->count[WOP_C] = 1000000;
    s->r->checksum[WOP_C] = sum;
    return t0;
}

static double op_d(sdb *s, uint64_t n)
{
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    (void)n;
    wl_init(&g, WL_Q_FILTER);
    t0 = wl_now();
    for (i = 0; i < 10000; i++) {
        int type = (int)wl_below(&g, 10), rc;
        char region[6];
        wl_region_code(region, (unsigned)wl_below(&g, 514));
        sqlite3_bind_int(s->count_tr, 1, type);
        sqlite3_bind_text(s->count_tr, 2, region, 5, SQLITE_STATIC);
        if (sqlite3_step(s->count_tr) != SQLITE_ROW) fail(s, "count");
        sum += (uint64_t)sqlite3_column_int64(s->count_tr, 0);
        sqlite3_reset(s->count_tr);
        sqlite3_bind_int(s->page_tr, 1, type);
        sqlite3_bind_text(s->page_tr, 2, region, 5, SQLITE_STATIC);
        while ((rc = sqlite3_step(s->page_tr)) == SQLITE_ROW) {
            sum += (uint64_t)sqlite3_column_int64(s->page_tr, 0);
            touched += touch(s->page_tr) + (uint64_t)sqlite3_column_int64(s->page_tr, 3);
        }
        if (rc != SQLITE_DONE) fail(s, "page");
        sqlite3_reset(s->page_tr);
    }
    t0 = wl_now() - t0;
    (void)touched;
    s->r->count[WOP_D] = 10000;
    s->r->checksum[WOP_D] = sum;
    return t0;
}

static double op_e(sdb *s, uint64_t n)
{
    sqlite3_stmt *st = s->of_partner;
    wl_rng g;
    uint64_t i, sum = 0, rows = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_AGR);
    t0 = wl_now();
    for (i = 0; i < 100000; i++) {
        int rc;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(1 + wl_below(&g, n)));
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const unsigned char *start = sqlite3_column_text(st, 2);
            sum += (uint64_t)sqlite3_column_int64(st, 0) + (uint64_t)sqlite3_column_int64(st, 3);
            touched += (uint64_t)sqlite3_column_int64(st, 1) + start[9];
            rows++;
        }
        if (rc != SQLITE_DONE) fail(s, "agreements of a partner");
        sqlite3_reset(st);
    }
    t0 = wl_now() - t0;
    (void)touched;
    s->r->count[WOP_E] = 100000;
    s->r->checksum[WOP_E] = sum;
    s->r->e_rows = rows;
    return t0;
}

static double op_f(sdb *s)
{
    sqlite3_stmt *st = s->per_type;
    uint64_t sum = 0;
    double t0;
    int rc;
    t0 = wl_now();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        sum += (uint64_t)(sqlite3_column_int64(st, 0) + 1) * (uint64_t)sqlite3_column_int64(st, 1);
    if (rc != SQLITE_DONE) fail(s, "value per type");
    sqlite3_reset(st);
    t0 = wl_now() - t0;
    s->r->count[WOP_F] = 1;
    if (s->r->checksum[WOP_F] && s->r->checksum[WOP_F] != sum) wl_fail(s->r, "sqlite: op f differs between repeats");
    s->r->checksum[WOP_F] = sum;
    return t0;
}

static void op_g(sdb *s, uint64_t n)
{
    wl_rng g;
    uint64_t id, sum = 0;
    double t0;
    wl_init(&g, WL_PARTNERS);
    for (id = 1; id <= n; id++) {
        wl_partner skip;
        wl_partner_next(&g, id, n, &skip);
    }
    t0 = wl_now();
    for (id = n + 1; id <= n + 1000; id++) insert_partner(s, &g, id, n, &sum);
    s->r->seconds[WOP_G] = wl_now() - t0;
    s->r->count[WOP_G] = 1000;
    s->r->checksum[WOP_G] = sum;
}

typedef double (*query_op)(sdb *, uint64_t);

static void repeat_op(sdb *s, const wl_opts *o, int op, query_op fn)
{
    double t[64];
    uint64_t sum = 0;
    int i, reps = o->repeat < 1 ? 1 : o->repeat > 64 ? 64 : o->repeat;
    for (i = 0; i < reps; i++) {
        t[i] = fn(s, o->n);
        if (i > 0 && s->r->checksum[op] != sum) wl_fail(s->r, "sqlite: op %d differs between repeats", op);
        sum = s->r->checksum[op];
    }
    s->r->seconds[op] = wl_median(t, reps);
}

static void remove_db(const char *path)
{
    char p[4200];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static void finalize_all(sdb *s)
{
    sqlite3_finalize(s->ins_partner);
    sqlite3_finalize(s->ins_agreement);
    sqlite3_finalize(s->ins_party);
    sqlite3_finalize(s->by_id);
    sqlite3_finalize(s->by_ext);
    sqlite3_finalize(s->count_tr);
    sqlite3_finalize(s->page_tr);
    sqlite3_finalize(s->of_partner);
    sqlite3_finalize(s->per_type);
}

void wl_run_sqlite(const wl_opts *o, int mode, wl_result *r)
{
    char path[4096], wal[4200];
    double tf[WL_F_REPEATS], t0;
    sqlite3_stmt *st;
    sdb s;
    int i;

    memset(&s, 0, sizeof s);
    s.r = r;
    snprintf(path, sizeof path, "%s/kmbench-workload-%ld.db", o->dir, (long)getpid());
    snprintf(wal, sizeof wal, "%s-wal", path);
    if (mode != SQLM_MEMORY) remove_db(path);
    open_db(&s, mode == SQLM_MEMORY ? ":memory:" : path, mode);
    exec(&s, "CREATE TABLE partner(id INTEGER PRIMARY KEY, type, region TEXT, sectors, name, ext_id TEXT UNIQUE);"
             "CREATE TABLE agreement(id INTEGER PRIMARY KEY, type, start_date TEXT, value);"
             "CREATE TABLE agreement_party(agreement_id, partner_id, role,"
             " PRIMARY KEY(agreement_id, partner_id)) WITHOUT ROWID;"
             "CREATE INDEX partner_type_region_name ON partner(type, region, name);"
             "CREATE INDEX agreement_party_partner ON agreement_party(partner_id, agreement_id);");
    s.ins_partner = prepare(&s, "INSERT INTO partner VALUES(?,?,?,?,?,?)");
    s.ins_agreement = prepare(&s, "INSERT INTO agreement VALUES(?,?,?,?)");
    s.ins_party = prepare(&s, "INSERT INTO agreement_party VALUES(?,?,?)");
    s.by_id = prepare(&s, "SELECT id, type, region, sectors, name, ext_id FROM partner WHERE id=?");
    s.by_ext = prepare(&s, "SELECT id, type, region, sectors, name, ext_id FROM partner WHERE ext_id=?");
    s.count_tr = prepare(&s, "SELECT count(*) FROM partner WHERE type=? AND region=?");
    s.page_tr = prepare(&s, "SELECT id, type, region, sectors, name, ext_id FROM partner WHERE type=? AND region=?"
                            " ORDER BY name, id LIMIT 50");
    s.of_partner = prepare(&s, "SELECT a.id, a.type, a.start_date, a.value FROM agreement_party p"
                               " JOIN agreement a ON a.id = p.agreement_id WHERE p.partner_id=?"
                               " ORDER BY p.agreement_id");
    s.per_type = prepare(&s, "SELECT type, sum(value), count(*) FROM agreement GROUP BY type");

    op_a1(&s, o->n);
    op_a2(&s, o->n);
    if (mode != SQLM_MEMORY) r->wal_bytes = wl_file_bytes(wal);
    repeat_op(&s, o, WOP_B, op_b);
    repeat_op(&s, o, WOP_C, op_c);
    repeat_op(&s, o, WOP_D, op_d);
    repeat_op(&s, o, WOP_E, op_e);
    for (i = 0; i < WL_F_REPEATS; i++) tf[i] = op_f(&s);
    r->seconds[WOP_F] = wl_median(tf, WL_F_REPEATS);
    op_g(&s, o->n);
    r->peak_rss_kb = wl_peak_rss_kb();
    r->store_bytes = (uint64_t)(pragma_int(&s, "PRAGMA page_count") * pragma_int(&s, "PRAGMA page_size"));
    finalize_all(&s);
    if (mode != SQLM_MEMORY) {
        exec(&s, "PRAGMA wal_checkpoint(TRUNCATE)");
        r->checkpointed_bytes = wl_file_bytes(path);
    }
    sqlite3_close(s.db);
    s.db = NULL;
    if (mode != SQLM_MEMORY) {
        /* Reopen and answer the first query; SQLite reads pages on demand,
         * so there is nothing to choose between "with" and "without". */
        t0 = wl_now();
        open_db(&s, path, mode);
        st = prepare(&s, "SELECT id, type, region, sectors, name, ext_id FROM partner WHERE id=1");
        if (sqlite3_step(st) != SQLITE_ROW) fail(&s, "first query");
        t0 = wl_now() - t0;
        if (strcmp((const char *)sqlite3_column_text(st, 4), "Mgieset Myrocwk Garmyiif") != 0)
            wl_fail(r, "sqlite: partner 1 after reopen is \"%s\"", (const char *)sqlite3_column_text(st, 4));
        sqlite3_finalize(st);
        sqlite3_close(s.db);
        r->has_reopen = 1;
        r->reopen_replay_s = r->reopen_snapshot_s = t0;
        remove_db(path);
    }
    r->ok = 1;
}
