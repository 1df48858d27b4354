/* The example SQLite backend (examples/storage_sqlite.c) beyond the
 * conformance suite: two processes writing to one database file at once,
 * a stale write between two connections, the snapshot table, a writer
 * held up by another connection's lock (KM_EBUSY), table prefixes, and
 * errors that come back with SQLite's message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h> /* named here too: CMake links SQLite to tests that include it */

#define KM_STORAGE_SQLITE_NO_MAIN
#include "../../examples/storage_sqlite.c"

#include "shared_store_fixture.h"

static char scratch[4096];
static char db_path[4200];
static unsigned test_no;

static void remove_db(const char *path)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    size_t i;
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[4300];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        (void)unlink(p);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(db_path, sizeof db_path, "%s/t%u.db", scratch, ++test_no);
    remove_db(db_path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_db(db_path);
    return 0;
}

static km_storage *open_store(void)
{
    km_storage *st = NULL;
    if (sqlite_storage_open(&st, db_path, NULL) != 0) return NULL;
    return st;
}

/* SQLite's write lock is not fair: a process that commits in a tight loop
 * keeps it while the other polls. A short pause after each change, as a
 * real worker has, lets both write in turns (and meet conflicts). */
static void test_two_processes(void **state)
{
    (void)state;
    ss_two_processes(open_store, 150, 500);
}

/* The tight loop: one writer may starve the other for a while, but every
 * change still gets in exactly once. */
static void test_two_processes_tight(void **state)
{
    (void)state;
    ss_two_processes(open_store, 100, 0);
}

/* One object, two network handles on two threads: the mutex. */
static void test_two_threads(void **state)
{
    (void)state;
    ss_two_threads(open_store, 100);
}

static void test_stale_write(void **state)
{
    (void)state;
    ss_stale_write(open_store);
}

static void test_snapshots_keep_two(void **state)
{
    (void)state;
    ss_snapshots_keep_two(open_store);
}

static int count_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    (void)seq;
    (void)data;
    (void)len;
    ++*(int *)payload;
    return 0;
}

/* Another connection holds the write lock longer than the busy timeout:
 * the append fails with KM_EBUSY and SQLite's message, nothing stored; once
 * the lock is released the same append goes through. */
static void test_busy(void **state)
{
    km_storage *st = open_store();
    sqlite3 *other = NULL;
    uint64_t last = 9;
    int n = 0;
    (void)state;
    assert_non_null(st);
    assert_int_equal(st->append(st, 1, "one", 3), 0);
    /* A short wait, so that the test is quick (the default is 10 s). */
    sqlite3_busy_timeout(((sqlite_storage *)st)->db, 300);
    assert_int_equal(sqlite3_open(db_path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(st->append(st, 2, "two", 3), KM_EBUSY);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "sqlite: "));
    /* Readers are not blocked by a writer (WAL). */
    assert_int_equal(st->last_seq(st, &last), 0);
    assert_int_equal(last, 1);
    assert_int_equal(st->scan(st, 1, count_cb, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(st->append(st, 2, "two", 3), 0);
    assert_int_equal(st->last_seq(st, &last), 0);
    assert_int_equal(last, 2);
    km_storage_free(st);
}

/* Two prefixes in one file are two independent stores. */
static void test_prefixes(void **state)
{
    km_storage *a = NULL, *b = NULL, *bad = (km_storage *)&bad;
    static const char *const invalid[] = { "1km_", "km-", "km log", "km_\"x", "K\xc3\xa9_",
                                           "abcdefghijklmnopqrstuvwxyzabcdefghijklmno" /* 41 */ };
    uint64_t last = 9;
    size_t i;
    (void)state;
    assert_int_equal(sqlite_storage_open(&a, db_path, "net_a_"), 0);
    assert_int_equal(sqlite_storage_open(&b, db_path, "net_b_"), 0);
    assert_int_equal(a->append(a, 1, "a1", 2), 0);
    assert_int_equal(a->append(a, 2, "a2", 2), 0);
    assert_int_equal(b->last_seq(b, &last), 0);
    assert_int_equal(last, 0);
    assert_int_equal(b->append(b, 1, "b1", 2), 0);
    assert_int_equal(a->last_seq(a, &last), 0);
    assert_int_equal(last, 2);
    km_storage_free(a);
    km_storage_free(b);
    for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        bad = (km_storage *)&bad;
        assert_int_equal(sqlite_storage_open(&bad, db_path, invalid[i]), KM_EINVAL);
        assert_null(bad);
        assert_string_equal(km_error_last_field(), "storage.prefix");
    }
    /* The empty prefix is allowed: tables log and snapshot. */
    assert_int_equal(sqlite_storage_open(&a, db_path, ""), 0);
    assert_int_equal(a->append(a, 1, "", 0), 0);
    km_storage_free(a);
}

/* Errors come back as codes with SQLite's message; nothing is printed. */
static void test_open_errors(void **state)
{
    km_storage *st = (km_storage *)&st;
    char path[4300];
    FILE *f;
    (void)state;
    snprintf(path, sizeof path, "%s/no-such-dir/x.db", scratch);
    assert_int_equal(sqlite_storage_open(&st, path, NULL), KM_ESTORAGE);
    assert_null(st);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "sqlite: "));
    assert_int_equal(sqlite_storage_open(&st, NULL, NULL), KM_EINVAL);
    /* A file that is not a database. */
    f = fopen(db_path, "wb");
    assert_non_null(f);
    fputs("this is not an SQLite database, just some text that is long enough to look like a header\n", f);
    fclose(f);
    assert_int_equal(sqlite_storage_open(&st, db_path, NULL), KM_ECORRUPT);
    assert_null(st);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "sqlite: "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_two_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_processes_tight, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshots_keep_two, setup, teardown),
        cmocka_unit_test_setup_teardown(test_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prefixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
    };
    const char *base = getenv("KM_TEST_TMPDIR");
    int rc;
    snprintf(scratch, sizeof scratch, "%s/km-storage-sqlite-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(scratch)) {
        perror(scratch);
        return 1;
    }
    rc = cmocka_run_group_tests_name("storage_sqlite", tests, NULL, NULL);
    (void)rmdir(scratch);
    return rc;
}
