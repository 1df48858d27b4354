/* Shared tests for a store that several processes or machines open at once
 * (the SQLite and PostgreSQL example backends): two processes write
 * concurrently through their own connections, and two handles in one
 * process catch a stale write. Header-only with static functions so each
 * test executable stays self-contained; the test supplies a function that
 * opens a NEW handle (its own connection) on the store under test.
 *
 * Needs <cmocka.h> (and its prerequisites) included first. */
#ifndef KM_TESTS_SHARED_STORE_FIXTURE_H
#define KM_TESTS_SHARED_STORE_FIXTURE_H

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "kemitraan/kemitraan.h"

#if defined(__GNUC__)
#define SS_UNUSED __attribute__((unused))
#else
#define SS_UNUSED
#endif

/* Opens a new, independent handle on the store under test; NULL on failure
 * (the message is in km_error_last_message). */
typedef km_storage *(*ss_open_fn)(void);

SS_UNUSED static int ss_create(km_network *net, const char *prefix, unsigned i)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[64], ext[32];
    snprintf(name, sizeof name, "Mitra %s %u", prefix, i);
    snprintf(ext, sizeof ext, "ID-%s-%05u", prefix, i);
    f.name = name;
    f.external_id = ext;
    f.kind = KM_PARTNER_NGO;
    f.region = "32.73";
    return km_partner_create(NULL, net, &f);
}

typedef struct ss_report {
    int failures;   /* changes that did not end in 0 */
    int first_rc;   /* the first failure's code */
    int redone;     /* KM_ECONFLICT after the library's own retries, redone by the "host" */
    uint64_t seq;   /* after the final refresh */
    char head[65];
    char message[200];
} ss_report;

/* Child: opens its own handle, says it is ready and waits for the start
 * signal, makes `commits` single-partner changes with retry_on_conflict,
 * says it is done and waits for the go signal, refreshes and reports.
 * Uses no cmocka assertion; always _exits. */
SS_UNUSED static void ss_child(ss_open_fn open_store, const char *prefix, unsigned commits, unsigned pause_us,
                               int report_fd, int go_fd)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_storage *st;
    km_network *net = NULL;
    ss_report r;
    char c;
    unsigned i;
    int rc;
    memset(&r, 0, sizeof r);
    o.retry_on_conflict = 1;
    o.actor = prefix;
    st = open_store();
    rc = st ? km_network_open(&net, st, &o) : KM_ESTORAGE;
    if (rc != 0) {
        r.failures = -1;
        r.first_rc = rc;
        snprintf(r.message, sizeof r.message, "%s", km_error_last_message(KM_LANG_EN));
    }
    /* Ready; start when the parent says both are. */
    if (write(report_fd, "r", 1) != 1) _exit(3);
    if (read(go_fd, &c, 1) != 1) _exit(4);
    if (net) {
        for (i = 1; i <= commits; i++) {
            int host_tries = 0;
            /* The library retries a conflicting change up to 8 times; when
             * two processes do nothing but commit, one can lose all 8 races
             * and get KM_ECONFLICT with nothing stored. A host then tries
             * again, as here: the change must then succeed and must not find
             * its own external id taken (which would mean the "failed"
             * commit was stored after all). */
            while ((rc = ss_create(net, prefix, i)) == KM_ECONFLICT && host_tries++ < 100) r.redone++;
            if (rc != 0 && r.failures++ == 0) {
                r.first_rc = rc;
                snprintf(r.message, sizeof r.message, "%s", km_error_last_message(KM_LANG_EN));
            }
            if (pause_us) {
                struct timespec ts;
                ts.tv_sec = 0;
                ts.tv_nsec = (long)pause_us * 1000;
                nanosleep(&ts, NULL);
            }
        }
    }
    if (write(report_fd, "d", 1) != 1) _exit(3);
    if (read(go_fd, &c, 1) != 1) _exit(4);
    if (net) {
        rc = km_network_refresh(net);
        if (rc != 0 && r.failures++ == 0) r.first_rc = rc;
        r.seq = km_network_seq(net);
        (void)km_network_head_hash(r.head, net);
        km_network_close(net);
    }
    km_storage_free(st);
    if (write(report_fd, &r, sizeof r) != (ssize_t)sizeof r) _exit(5);
    _exit(0);
}

SS_UNUSED static void ss_read_full(int fd, void *buf, size_t n)
{
    uint8_t *p = (uint8_t *)buf;
    while (n) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR) continue;
        assert_true(got > 0);
        p += got;
        n -= (size_t)got;
    }
}

typedef struct ss_scan_count {
    uint64_t n, expect_next;
    int out_of_order;
} ss_scan_count;

SS_UNUSED static int ss_count_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    ss_scan_count *c = (ss_scan_count *)payload;
    (void)data;
    (void)len;
    if (seq != c->expect_next) c->out_of_order = 1;
    c->expect_next = seq + 1;
    c->n++;
    return 0;
}

/* Two processes, each with its own connection, write `commits` changes
 * each at the same time, pausing `pause_us` microseconds after each (0: a
 * tight loop; a pause stands for a worker's other work, and lets a writer
 * in when the store's lock is not fair, like SQLite's). Afterwards every change is in the log exactly
 * once, the log has no gap, the chain verifies, and both writers (after a
 * refresh) and a fresh reader agree on the head hash. The store must be
 * empty; the children create its tables if needed, at the same moment. */
SS_UNUSED static void ss_two_processes(ss_open_fn open_store, unsigned commits, unsigned pause_us)
{
    static const char *const prefixes[2] = { "PA", "PB" };
    int report[2][2], go[2][2], status, k;
    pid_t pid[2];
    ss_report r[2];
    km_storage *st;
    km_network *net = NULL;
    km_network_stats s = KM_NETWORK_STATS_INIT;
    km_verify_report v = KM_VERIFY_REPORT_INIT;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_audit *audit = NULL;
    ss_scan_count count = { 0, 1, 0 };
    uint64_t by_actor[2] = { 0, 0 };
    unsigned switches = 0;
    size_t i;
    char head[65];

    for (k = 0; k < 2; k++) {
        assert_int_equal(pipe(report[k]), 0);
        assert_int_equal(pipe(go[k]), 0);
    }
    fflush(NULL);
    for (k = 0; k < 2; k++) {
        pid[k] = fork();
        assert_true(pid[k] >= 0);
        if (pid[k] == 0) {
            close(report[k][0]);
            close(go[k][1]);
            ss_child(open_store, prefixes[k], commits, pause_us, report[k][1], go[k][0]);
        }
        close(report[k][1]);
        close(go[k][0]);
    }
    /* Both ready (connected), then both start at once; both done, then
     * both refresh. */
    for (k = 0; k < 2; k++) {
        char c;
        ss_read_full(report[k][0], &c, 1);
    }
    for (k = 0; k < 2; k++) assert_int_equal(write(go[k][1], "s", 1), 1);
    for (k = 0; k < 2; k++) {
        char c;
        ss_read_full(report[k][0], &c, 1);
    }
    for (k = 0; k < 2; k++) assert_int_equal(write(go[k][1], "g", 1), 1);
    for (k = 0; k < 2; k++) {
        ss_read_full(report[k][0], &r[k], sizeof r[k]);
        assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        close(report[k][0]);
        close(go[k][1]);
        if (r[k].failures)
            fail_msg("writer %s: %d changes failed, first with %d: %s", prefixes[k], r[k].failures, r[k].first_rc,
                     r[k].message);
        print_message("writer %s: %d changes lost 8 library retries and were redone\n", prefixes[k], r[k].redone);
    }

    st = open_store();
    assert_non_null(st);
    assert_int_equal(km_network_open(&net, st, NULL), 0);
    /* Every change exactly once: 2 * commits entries, each one create, and
     * every external id present (a second copy would have been refused
     * with KM_EEXISTS and counted as a failure above). */
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(s.log_entries, 2 * commits);
    assert_int_equal(s.log_events, 2 * commits);
    assert_int_equal(s.partners, 2 * commits);
    for (k = 0; k < 2; k++) {
        unsigned n;
        for (n = 1; n <= commits; n++) {
            char ext[32];
            km_partner *p = NULL;
            snprintf(ext, sizeof ext, "ID-%s-%05u", prefixes[k], n);
            if (km_partner_get_by_external_id(&p, net, ext) != 0) fail_msg("%s is missing", ext);
            km_partner_free(p);
        }
    }
    q.limit = 2 * commits + 10;
    assert_int_equal(km_audit_list(&audit, net, &q), 0);
    assert_int_equal(km_audit_count(audit), 2 * commits);
    for (i = 0; i < km_audit_count(audit); i++) {
        const char *actor = km_audit_actor(audit, i);
        assert_string_equal(km_audit_operation(audit, i), "partner.create");
        if (strcmp(actor, "PA") == 0) by_actor[0]++;
        else if (strcmp(actor, "PB") == 0) by_actor[1]++;
        else fail_msg("unexpected actor %s", actor);
        if (i > 0 && strcmp(actor, km_audit_actor(audit, i - 1)) != 0) switches++;
    }
    km_audit_free(audit);
    assert_int_equal(by_actor[0], commits);
    assert_int_equal(by_actor[1], commits);
    /* The writers really ran at the same time: with pauses, their entries
     * interleave (in a tight loop an unfair lock may let one go first). */
    print_message("the two writers' entries alternate %u times in the log\n", switches);
    if (pause_us) assert_true(switches >= 10);
    /* The raw log: records 1..2*commits, in order, no gap. */
    assert_int_equal(st->scan(st, 1, ss_count_cb, &count), 0);
    assert_int_equal(count.n, 2 * commits);
    assert_int_equal(count.out_of_order, 0);
    /* The chain verifies, and all three views agree. */
    assert_int_equal(km_network_verify(&v, net), 0);
    assert_int_equal(v.first_bad_seq, 0);
    assert_int_equal(v.entries, 2 * commits);
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (k = 0; k < 2; k++) {
        assert_int_equal(r[k].seq, 2 * commits);
        assert_string_equal(r[k].head, head);
    }
    km_network_close(net);
    km_storage_free(st);
}

/* Two handles in one process, each on its own connection: a write based on
 * a stale view fails with KM_ECONFLICT and changes nothing; after a refresh
 * it goes through; both views then agree. */
SS_UNUSED static void ss_stale_write(ss_open_fn open_store)
{
    km_storage *sa = open_store(), *sb = open_store();
    km_network *a = NULL, *b = NULL;
    km_partner *p = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    char ha[65], hb[65], before[65];
    assert_non_null(sa);
    assert_non_null(sb);
    assert_ptr_not_equal(sa, sb);
    o.actor = "worker-a";
    assert_int_equal(km_network_open(&a, sa, &o), 0);
    o.actor = "worker-b";
    assert_int_equal(km_network_open(&b, sb, &o), 0);

    assert_int_equal(ss_create(a, "A", 1), 0);
    assert_int_equal(ss_create(a, "A", 2), 0);
    /* b has not refreshed: its change is refused, nothing stored. */
    assert_int_equal(km_network_head_hash(before, b), 0);
    assert_int_equal(ss_create(b, "B", 1), KM_ECONFLICT);
    assert_int_equal(km_network_seq(b), 0);
    assert_int_equal(km_network_head_hash(hb, b), 0);
    assert_string_equal(hb, before);
    assert_int_equal(km_partner_get_by_external_id(&p, b, "ID-A-00001"), KM_ENOTFOUND);
    /* After a refresh b sees a's partners, and its own change goes in. */
    assert_int_equal(km_network_refresh(b), 0);
    assert_int_equal(km_network_seq(b), 2);
    assert_int_equal(km_partner_get_by_external_id(&p, b, "ID-A-00002"), 0);
    km_partner_free(p);
    assert_int_equal(ss_create(b, "B", 1), 0);
    /* Now a is stale: the same in the other direction. */
    assert_int_equal(km_partner_set_status(a, 1, KM_PARTNER_SUSPENDED, "audit"), KM_ECONFLICT);
    assert_int_equal(km_network_refresh(a), 0);
    assert_int_equal(km_partner_set_status(a, 1, KM_PARTNER_SUSPENDED, "audit"), 0);
    assert_int_equal(km_network_refresh(b), 0);
    assert_int_equal(km_network_seq(a), 4);
    assert_int_equal(km_network_seq(b), 4);
    assert_int_equal(km_network_head_hash(ha, a), 0);
    assert_int_equal(km_network_head_hash(hb, b), 0);
    assert_string_equal(ha, hb);
    km_network_close(a);
    km_network_close(b);
    km_storage_free(sa);
    km_storage_free(sb);
}

typedef struct ss_thread {
    km_storage *st; /* shared by both threads */
    const char *prefix;
    unsigned commits;
    int failures, first_rc;
} ss_thread;

SS_UNUSED static void *ss_thread_main(void *arg)
{
    ss_thread *t = (ss_thread *)arg;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    unsigned i;
    int rc;
    o.retry_on_conflict = 1;
    o.actor = t->prefix;
    rc = km_network_open(&net, t->st, &o);
    if (rc != 0) {
        t->failures = -1;
        t->first_rc = rc;
        return NULL;
    }
    for (i = 1; i <= t->commits; i++) {
        int tries = 0;
        while ((rc = ss_create(net, t->prefix, i)) == KM_ECONFLICT && tries++ < 100) {
        }
        if (rc != 0 && t->failures++ == 0) t->first_rc = rc;
    }
    km_network_close(net);
    return NULL;
}

/* One backend object shared by two network handles on two threads (the
 * contract: its methods are then called concurrently and must be
 * thread-safe). */
SS_UNUSED static void ss_two_threads(ss_open_fn open_store, unsigned commits)
{
    ss_thread t[2];
    pthread_t th[2];
    km_network *net = NULL;
    km_verify_report v = KM_VERIFY_REPORT_INIT;
    int k;
    km_storage *st = open_store();
    assert_non_null(st);
    for (k = 0; k < 2; k++) {
        memset(&t[k], 0, sizeof t[k]);
        t[k].st = st;
        t[k].prefix = k ? "TB" : "TA";
        t[k].commits = commits;
        assert_int_equal(pthread_create(&th[k], NULL, ss_thread_main, &t[k]), 0);
    }
    for (k = 0; k < 2; k++) {
        assert_int_equal(pthread_join(th[k], NULL), 0);
        if (t[k].failures) fail_msg("thread %s: %d changes failed, first with %d", t[k].prefix, t[k].failures, t[k].first_rc);
    }
    assert_int_equal(km_network_open(&net, st, NULL), 0);
    assert_int_equal(km_network_seq(net), 2 * commits);
    assert_int_equal(km_network_verify(&v, net), 0);
    assert_int_equal(v.first_bad_seq, 0);
    km_network_close(net);
    km_storage_free(st);
}

SS_UNUSED static int ss_snap_seq_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    (void)data;
    (void)len;
    *(uint64_t *)payload = seq;
    return 0;
}

/* The snapshot table keeps the newest two snapshots, and the library opens
 * from the newest one at or before as_of_seq. */
SS_UNUSED static void ss_snapshots_keep_two(ss_open_fn open_store)
{
    km_storage *st = open_store();
    km_network *net = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    uint64_t seq = 0;
    unsigned i;
    assert_non_null(st);
    assert_int_equal(km_network_open(&net, st, NULL), 0);
    for (i = 1; i <= 3; i++) {
        assert_int_equal(ss_create(net, "S", i), 0);
        assert_int_equal(km_network_snapshot(net), 0); /* at 1, 2, 3 */
    }
    km_network_close(net);
    assert_int_equal(st->snapshot_read(st, UINT64_MAX, ss_snap_seq_cb, &seq), 0);
    assert_int_equal(seq, 3);
    assert_int_equal(st->snapshot_read(st, 2, ss_snap_seq_cb, &seq), 0);
    assert_int_equal(seq, 2);
    assert_int_equal(st->snapshot_read(st, 1, ss_snap_seq_cb, &seq), KM_ENOTFOUND);
    /* A snapshot past the last record is refused and stores nothing. */
    assert_int_equal(st->snapshot_write(st, 4, "x", 1), KM_EINVAL);
    assert_int_equal(st->snapshot_read(st, UINT64_MAX, ss_snap_seq_cb, &seq), 0);
    assert_int_equal(seq, 3);
    /* A view as of 2 starts from the snapshot at 2. */
    o.as_of_seq = 2;
    assert_int_equal(km_network_open(&net, st, &o), 0);
    assert_int_equal(km_network_seq(net), 2);
    km_network_close(net);
    km_storage_free(st);
}

#endif
