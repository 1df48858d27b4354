/* Crash safety of the file store.
 *
 * Kill loop: a child process opens a file store with KM_SYNC_FULL and
 * commits single-partner changes in a loop (with a snapshot every 25),
 * writing the sequence of every commit that RETURNED to a pipe; the parent
 * kills it with SIGKILL after a random delay (fixed seed, 0..30 ms) and
 * reopens the store: every reported sequence is there, the log holds at
 * most one entry more than reported (the commit in flight), the hash chain
 * verifies, and the state replays the same with and without the snapshot.
 * About 30 rounds on one growing store.
 *
 * Torn writes, deterministically: the frame of a real commit (taken from a
 * copy of the store that made it) is cut at several points and appended by
 * hand, as a crash in the middle of the write would leave it. Reopening
 * cuts it off, keeps every earlier commit, and redoing the same commit
 * produces a file byte-identical to the copy. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kemitraan/kemitraan.h"
#include "support/files.h"
#include "support/fnv.h"
#include "support/partner_hash.h"

#define DIGEST_MAX 512
#define ROUNDS 30
#define MAX_DELAY_MS 30

/* ---- scratch directory ------------------------------------------------------- */

static char dir[4096];
static char path[4200];
static char snap_path[4300];
static unsigned test_no;

/* Removes every file of the current store: the log, the snapshot, and
 * snapshot temporaries a killed writer may have left. */
static void remove_all_of_store(void)
{
    const char *base = strrchr(path, '/') + 1;
    size_t blen = strlen(base);
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) return;
    while ((e = readdir(d)) != NULL) {
        char p[4400];
        if (strncmp(e->d_name, base, blen) != 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        (void)unlink(p);
    }
    closedir(d);
}

static int group_setup(void **state)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    (void)state;
    if (!base || !*base) base = "/tmp";
    snprintf(dir, sizeof dir, "%s/km-test-crash-XXXXXX", base);
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    (void)rmdir(dir);
    return 0;
}

static int test_setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "%s/store%u.km", dir, ++test_no);
    snprintf(snap_path, sizeof snap_path, "%s-snap", path);
    remove_all_of_store();
    return 0;
}

static int test_teardown(void **state)
{
    (void)state;
    remove_all_of_store();
    return 0;
}

/* ---- network helpers ------------------------------------------------------------ */

#define T0 INT64_C(1740963600000000) /* 2025-03-03T01:00:00Z */

static int64_t clock_now = T0;

static int64_t test_clock(void *payload)
{
    (void)payload;
    return clock_now;
}

/* Partner n is created by the commit of sequence n (one writer), so its
 * external id names the entry that holds it. */
static int create_nth(km_network *net, uint64_t n)
{
    static const char *const sectors[] = { "pendidikan", "kesehatan" };
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[64], ext[64];
    snprintf(name, sizeof name, "Mitra Uji Ketahanan %llu", (unsigned long long)n);
    snprintf(ext, sizeof ext, "ID-KILL-%08llu", (unsigned long long)n);
    f.name = name;
    f.external_id = ext;
    f.kind = (int)(n % KM_PARTNER_KIND__COUNT);
    f.region = n % 2 ? "32.73" : "35";
    f.sectors = sectors;
    f.sectors_count = (size_t)(n % 3);
    return km_partner_create(NULL, net, &f);
}

static void digest(km_network *net, char *out)
{
    km_network_stats s = KM_NETWORK_STATS_INIT;
    char head[65];
    uint64_t h = UINT64_C(14695981039346656037), id;
    km_partner *p = NULL;
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (id = 1; id <= s.partners; id++) {
        assert_int_equal(km_partner_get(&p, net, id), 0);
        h = km_test_partner_hash(h, p);
        km_partner_free(p);
    }
    assert_int_equal(km_partner_get(&p, net, s.partners + 1), KM_ENOTFOUND);
    snprintf(out, DIGEST_MAX, "seq=%llu head=%s entries=%llu events=%llu bytes=%llu partners=%llu h=%016llx",
             (unsigned long long)km_network_seq(net), head, (unsigned long long)s.log_entries,
             (unsigned long long)s.log_events, (unsigned long long)s.log_bytes, (unsigned long long)s.partners,
             (unsigned long long)h);
}

static km_network *open_store(int no_snapshot)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    int rc;
    o.clock = test_clock;
    o.no_snapshot = no_snapshot;
    rc = km_network_open_file(&net, path, NULL, &o);
    if (rc) fail_msg("reopening %s: %d %s", path, rc, km_error_last_message(KM_LANG_EN));
    return net;
}

static void expect_verified(km_network *net)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    char head[65];
    int rc = km_network_verify(&r, net);
    if (rc) fail_msg("verify: %d at entry %llu: %s", rc, (unsigned long long)r.first_bad_seq,
                     km_error_last_message(KM_LANG_EN));
    assert_int_equal(r.entries, km_network_seq(net));
    assert_int_equal(km_network_head_hash(head, net), 0);
    assert_string_equal(r.head_hash, head);
}

/* ---- the kill loop ---------------------------------------------------------------------- */

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t rng(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static void sleep_us(long us)
{
    struct timespec ts;
    ts.tv_sec = us / 1000000;
    ts.tv_nsec = (us % 1000000) * 1000;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* The child: open (full sync is the default), say so with a 0, then commit
 * until killed, reporting each sequence after its commit returned. */
static void child(int fd)
{
    km_network *net = NULL;
    uint64_t zero = 0;
    if (km_network_open_file(&net, path, NULL, NULL) != 0) _exit(10);
    if (write(fd, &zero, sizeof zero) != (ssize_t)sizeof zero) _exit(11);
    for (;;) {
        uint64_t seq = km_network_seq(net) + 1;
        if (create_nth(net, seq) != 0) _exit(12);
        if (km_network_seq(net) != seq) _exit(13);
        if (write(fd, &seq, sizeof seq) != (ssize_t)sizeof seq) _exit(14);
        if (seq % 25 == 0 && km_network_snapshot(net) != 0) _exit(15);
    }
}

static void test_kill_loop(void **state)
{
    uint64_t committed = 0, max_extra = 0, total_reported = 0;
    int round, extra_rounds = 0, early_kills = 0;
    km_network *net;
    (void)state;
    /* An empty store to start from. */
    net = open_store(0);
    km_network_close(net);
    for (round = 0; round < ROUNDS; round++) {
        int fds[2], status;
        uint64_t seq, reported_max = committed, n_reported = 0;
        long delay_us = (long)(rng() % (MAX_DELAY_MS + 1)) * 1000;
        int wait_ready = round % 5 != 4; /* every fifth round may kill during open */
        char with_snap[DIGEST_MAX], without[DIGEST_MAX];
        ssize_t r;
        pid_t pid;

        assert_int_equal(pipe(fds), 0);
        fflush(NULL);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            child(fds[1]);
        }
        close(fds[1]);
        if (wait_ready) {
            uint64_t ready = 1;
            assert_int_equal(read(fds[0], &ready, sizeof ready), (ssize_t)sizeof ready);
            assert_int_equal(ready, 0);
        }
        sleep_us(delay_us);
        assert_int_equal(kill(pid, SIGKILL), 0);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
            fail_msg("round %d: the child ended on its own (status 0x%x)", round, status);
        /* Everything the child reported (its writes to the pipe survive it). */
        while ((r = read(fds[0], &seq, sizeof seq)) == (ssize_t)sizeof seq) {
            if (seq == 0) continue; /* the ready marker, when not read above */
            if (seq != reported_max + 1)
                fail_msg("round %d: the child reported %llu after %llu", round, (unsigned long long)seq,
                         (unsigned long long)reported_max);
            reported_max = seq;
            n_reported++;
        }
        assert_true(r == 0); /* no half-written report: 8-byte pipe writes are atomic */
        close(fds[0]);
        if (!n_reported) early_kills++;
        total_reported += n_reported;

        /* Reopen: every reported commit is there, at most one more. */
        net = open_store(0);
        seq = km_network_seq(net);
        if (seq < reported_max || seq > reported_max + 1)
            fail_msg("round %d: the log ends at %llu; the child reported up to %llu", round, (unsigned long long)seq,
                     (unsigned long long)reported_max);
        if (seq > reported_max) extra_rounds++;
        if (seq - reported_max > max_extra) max_extra = seq - reported_max;
        {
            /* The partner of each entry, by name: none missing, none twice. */
            km_network_stats s = KM_NETWORK_STATS_INIT;
            uint64_t n;
            assert_int_equal(km_network_stats_get(&s, net), 0);
            assert_int_equal(s.partners, seq);
            assert_int_equal(s.log_events, seq);
            for (n = committed + 1; n <= seq; n++) {
                km_partner *p = NULL;
                char ext[64];
                snprintf(ext, sizeof ext, "ID-KILL-%08llu", (unsigned long long)n);
                assert_int_equal(km_partner_get_by_external_id(&p, net, ext), 0);
                assert_int_equal(km_partner_id(p), n);
                km_partner_free(p);
            }
        }
        expect_verified(net);
        digest(net, with_snap);
        km_network_close(net);
        /* The state replays the same from the log alone. */
        net = open_store(1);
        digest(net, without);
        km_network_close(net);
        assert_string_equal(with_snap, without);
        committed = seq;
    }
    print_message("%d rounds: %llu commits reported, log holds %llu; %d rounds ended with one commit in flight "
                  "that made it; %d kills before the first commit\n",
                  ROUNDS, (unsigned long long)total_reported, (unsigned long long)committed, extra_rounds,
                  early_kills);
    assert_true(max_extra <= 1);
    assert_true(committed > 0);
}

/* ---- torn writes, by hand ----------------------------------------------------------------- */

#define FRAME_HEADER 20

static void test_torn_write_by_hand(void **state)
{
    static const size_t cut_points[] = { 1, 10, FRAME_HEADER - 1, FRAME_HEADER, 0 /* half */, (size_t)-1 /* all but 1 */ };
    char copy[4200], before[DIGEST_MAX], now[DIGEST_MAX], copy_snap[4300];
    km_network *net;
    uint64_t n;
    size_t base_len, full_len, frame_len, c;
    uint8_t *base, *full;
    (void)state;
    assert_true(strlen(path) + 5 < sizeof copy);
    memcpy(copy, path, strlen(path));
    memcpy(copy + strlen(path), ".copy", 6);
    memcpy(copy_snap, copy, strlen(copy));
    memcpy(copy_snap + strlen(copy), "-snap", 6);

    /* A store of 12 commits, and the commit that comes next, made on a copy. */
    net = open_store(0);
    for (n = 1; n <= 12; n++) {
        clock_now = T0 + (int64_t)n * 1000000;
        assert_int_equal(create_nth(net, n), 0);
    }
    digest(net, before);
    km_network_close(net);
    base = slurp(path, &base_len);
    spit(copy, base, base_len, "wb");
    {
        char save[4200];
        memcpy(save, path, sizeof save);
        memcpy(path, copy, sizeof copy);
        net = open_store(0);
        clock_now = T0 + 13 * INT64_C(1000000);
        assert_int_equal(create_nth(net, 13), 0);
        km_network_close(net);
        memcpy(path, save, sizeof path);
    }
    full = slurp(copy, &full_len);
    assert_true(full_len > base_len + FRAME_HEADER);
    assert_memory_equal(full, base, base_len);
    frame_len = full_len - base_len;

    for (c = 0; c < sizeof cut_points / sizeof cut_points[0]; c++) {
        size_t cut = cut_points[c] == 0 ? FRAME_HEADER + (frame_len - FRAME_HEADER) / 2
                     : cut_points[c] == (size_t)-1 ? frame_len - 1
                                                   : cut_points[c];
        uint8_t *after;
        size_t after_len;
        print_message("torn write: %zu of %zu bytes of the frame\n", cut, frame_len);
        spit(path, base, base_len, "wb");
        spit(path, full + base_len, cut, "ab"); /* the crash: only part of the write reached the file */
        assert_int_equal(fsize(path), base_len + cut);

        net = open_store(0);
        digest(net, now);
        assert_string_equal(now, before);
        expect_verified(net);
        assert_int_equal(fsize(path), base_len); /* cut off */
        /* Redo the commit: the file becomes the one that never crashed. */
        clock_now = T0 + 13 * INT64_C(1000000);
        assert_int_equal(create_nth(net, 13), 0);
        km_network_close(net);
        after = slurp(path, &after_len);
        assert_int_equal(after_len, full_len);
        assert_memory_equal(after, full, full_len);
        free(after);
    }
    free(base);
    free(full);
    (void)unlink(copy);
    (void)unlink(copy_snap);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kill_loop, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_torn_write_by_hand, test_setup, test_teardown),
    };
    return cmocka_run_group_tests_name("crash", tests, group_setup, group_teardown);
}
