/* Storage backend conformance suite (the contract of
 * include/kemitraan/sys/storage.h, explained in docs/storage.md).
 *
 * Compiled once per backend with a driver (conformance.h): every backend
 * the library ships, and any backend a host writes, must pass the same
 * tests. They cover the empty store, ordering, conditional append (conflict,
 * gap, nothing stored on failure), scans from every sequence and past the
 * end, early stop, large (1 MiB, 16 MiB), zero-length and many (10,000)
 * small records, snapshots (whole, and streamed by a version 2 backend),
 * reopening, two handles on one store, and a full
 * library round trip through km_network_open(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "conformance.h"

/* ---- per-test store ------------------------------------------------------ */

typedef struct fixture {
    char name[32];
    km_storage *st;
} fixture;

static fixture fx;
static unsigned test_counter;

static int group_setup(void **state)
{
    (void)state;
    return conf_global_setup();
}

static int group_teardown(void **state)
{
    (void)state;
    conf_global_teardown();
    return 0;
}

static int test_setup(void **state)
{
    snprintf(fx.name, sizeof fx.name, "t%u", ++test_counter);
    fx.st = conf_open(fx.name);
    *state = &fx;
    return fx.st ? 0 : -1;
}

static int test_teardown(void **state)
{
    (void)state;
    conf_close(fx.st, fx.name);
    fx.st = NULL;
    return 0;
}

static void reopen(void)
{
    fx.st = conf_reopen(fx.st, fx.name);
    assert_non_null(fx.st);
}

static int has_snapshots(const km_storage *st) { return st->snapshot_write != NULL && st->snapshot_read != NULL; }

/* ---- record contents: a pattern that depends on the sequence and the
 * position, so a record returned for the wrong sequence, truncated or
 * shifted is caught ---------------------------------------------------------- */

static uint8_t pat(uint64_t seq, size_t i)
{
    uint32_t x = (uint32_t)(seq * 2654435761u) ^ (uint32_t)(i * 40503u) ^ (uint32_t)(i >> 11);
    return (uint8_t)(x ^ (x >> 13));
}

static void fill(uint8_t *buf, uint64_t seq, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) buf[i] = pat(seq, i);
}

static int matches(const void *data, uint64_t seq, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    size_t i;
    if (len && !p) return 0;
    for (i = 0; i < len; i++)
        if (p[i] != pat(seq, i)) return 0;
    return 1;
}

/* Appends record seq of len pattern bytes and returns the backend's code. */
static int put(km_storage *st, uint64_t seq, size_t len)
{
    static uint8_t small[4096];
    uint8_t *buf = len <= sizeof small ? small : (uint8_t *)malloc(len);
    int rc;
    assert_non_null(buf);
    fill(buf, seq, len);
    rc = st->append(st, seq, buf, len);
    if (buf != small) free(buf);
    return rc;
}

static uint64_t last_of(km_storage *st)
{
    uint64_t last = 12345;
    assert_int_equal(st->last_seq(st, &last), 0);
    return last;
}

/* ---- scanning ---------------------------------------------------------------- */

typedef size_t (*len_fn)(uint64_t seq);

typedef struct scan_ctx {
    len_fn len_of;     /* expected length of each record; NULL = do not check bytes */
    uint64_t *seqs;    /* sequences in the order the callback saw them */
    size_t n, cap;
    size_t bad;        /* records whose length or bytes were wrong */
    uint64_t first_bad;
    size_t stop_after; /* non-zero: return stop_value from the stop_after-th call */
    int stop_value;
} scan_ctx;

static int scan_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    scan_ctx *c = (scan_ctx *)payload;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        uint64_t *ns = (uint64_t *)realloc(c->seqs, cap * sizeof *ns);
        if (!ns) return -1000;
        c->seqs = ns;
        c->cap = cap;
    }
    c->seqs[c->n++] = seq;
    if (c->len_of && (len != c->len_of(seq) || !matches(data, seq, len))) {
        if (!c->bad) c->first_bad = seq;
        c->bad++;
    }
    if (c->stop_after && c->n == c->stop_after) return c->stop_value;
    return 0;
}

static void scan_init(scan_ctx *c, len_fn len_of)
{
    memset(c, 0, sizeof *c);
    c->len_of = len_of;
}

static void scan_free(scan_ctx *c)
{
    free(c->seqs);
    c->seqs = NULL;
}

/* Scans from `from` and checks that exactly first..last came back, in
 * order, with the right bytes. */
static void expect_scan(km_storage *st, uint64_t from, uint64_t first, uint64_t last, len_fn len_of)
{
    scan_ctx c;
    uint64_t want = last >= first ? last - first + 1 : 0, i;
    scan_init(&c, len_of);
    assert_int_equal(st->scan(st, from, scan_cb, &c), 0);
    if (c.n != want)
        fail_msg("scan from %llu: %zu records, expected %llu", (unsigned long long)from, c.n,
                 (unsigned long long)want);
    for (i = 0; i < want; i++)
        if (c.seqs[i] != first + i)
            fail_msg("scan from %llu: record %llu has sequence %llu, expected %llu", (unsigned long long)from,
                     (unsigned long long)i, (unsigned long long)c.seqs[i], (unsigned long long)(first + i));
    if (c.bad) fail_msg("scan from %llu: %zu records with wrong bytes, first %llu", (unsigned long long)from, c.bad,
                        (unsigned long long)c.first_bad);
    scan_free(&c);
}

static size_t len_varied(uint64_t seq) { return (size_t)((seq * 37) % 301); }
static size_t len_small(uint64_t seq) { return (size_t)(1 + seq % 40); }

static int never_called(void *payload, uint64_t seq, const void *data, size_t len)
{
    (void)data;
    (void)len;
    ++*(int *)payload;
    fail_msg("callback called for sequence %llu on a store that should be empty there", (unsigned long long)seq);
    return 0;
}

/* ---- snapshots --------------------------------------------------------------- */

typedef struct snap_ctx {
    int calls;
    uint64_t seq;
    uint8_t *data;
    size_t len;
    int ret;
} snap_ctx;

static int snap_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    snap_ctx *c = (snap_ctx *)payload;
    c->calls++;
    c->seq = seq;
    free(c->data);
    c->data = (uint8_t *)malloc(len ? len : 1);
    if (!c->data) return -1000;
    if (len) memcpy(c->data, data, len);
    c->len = len;
    return c->ret;
}

static void snap_reset(snap_ctx *c)
{
    free(c->data);
    memset(c, 0, sizeof *c);
}

/* Snapshot bodies use the same pattern keyed by 1000000 + seq, so a
 * snapshot is never mistaken for a log record or another snapshot. */
static int put_snap(km_storage *st, uint64_t seq, size_t len)
{
    uint8_t *buf = (uint8_t *)malloc(len ? len : 1);
    int rc;
    assert_non_null(buf);
    fill(buf, 1000000 + seq, len);
    rc = st->snapshot_write(st, seq, buf, len);
    free(buf);
    return rc;
}

static void expect_snap(km_storage *st, uint64_t max_seq, uint64_t seq, size_t len)
{
    snap_ctx c;
    memset(&c, 0, sizeof c);
    assert_int_equal(st->snapshot_read(st, max_seq, snap_cb, &c), 0);
    assert_int_equal(c.calls, 1);
    assert_int_equal(c.seq, seq);
    assert_int_equal(c.len, len);
    assert_true(matches(c.data, 1000000 + seq, len));
    snap_reset(&c);
}

static void expect_no_snap(km_storage *st, uint64_t max_seq)
{
    snap_ctx c;
    memset(&c, 0, sizeof c);
    assert_int_equal(st->snapshot_read(st, max_seq, snap_cb, &c), KM_ENOTFOUND);
    assert_int_equal(c.calls, 0);
    snap_reset(&c);
}

/* ---- tests: the empty store -------------------------------------------------- */

static void check_empty(km_storage *st)
{
    static const uint64_t froms[] = { 0, 1, 2, 1000, UINT64_MAX };
    size_t i;
    int calls = 0;
    assert_int_equal(last_of(st), 0);
    for (i = 0; i < sizeof froms / sizeof froms[0]; i++)
        assert_int_equal(st->scan(st, froms[i], never_called, &calls), 0);
    assert_int_equal(calls, 0);
    if (has_snapshots(st)) {
        expect_no_snap(st, UINT64_MAX);
        expect_no_snap(st, 0);
    }
}

static void test_empty_store(void **state)
{
    (void)state;
    assert_int_equal(fx.st->version, KM_STORAGE_VERSION);
    assert_non_null(fx.st->append);
    assert_non_null(fx.st->scan);
    assert_non_null(fx.st->last_seq);
    check_empty(fx.st);
    reopen();
    check_empty(fx.st);
}

/* ---- ordering ----------------------------------------------------------------- */

static void test_ordering(void **state)
{
    uint64_t s;
    (void)state;
    for (s = 1; s <= 100; s++) {
        assert_int_equal(put(fx.st, s, len_varied(s)), 0);
        assert_int_equal(last_of(fx.st), s);
    }
    expect_scan(fx.st, 1, 1, 100, len_varied);
    /* A scan sees appends that completed before it began. */
    assert_int_equal(put(fx.st, 101, len_varied(101)), 0);
    expect_scan(fx.st, 1, 1, 101, len_varied);
}

/* ---- conditional append -------------------------------------------------------- */

static void test_conditional_append(void **state)
{
    uint64_t s;
    (void)state;
    /* Gaps on an empty store. */
    assert_int_equal(put(fx.st, 2, 10), KM_EINVAL);
    assert_int_equal(put(fx.st, 100, 10), KM_EINVAL);
    assert_int_equal(put(fx.st, UINT64_MAX, 10), KM_EINVAL);
    check_empty(fx.st);

    for (s = 1; s <= 3; s++) assert_int_equal(put(fx.st, s, len_varied(s)), 0);
    /* Existing sequences: conflict, whatever the bytes (they differ from
     * the stored ones: the pattern of seq + 7 with another length). */
    for (s = 1; s <= 3; s++) {
        uint8_t other[50];
        fill(other, s + 7, sizeof other);
        assert_int_equal(fx.st->append(fx.st, s, other, sizeof other), KM_ECONFLICT);
    }
    /* Gaps after the end. */
    assert_int_equal(put(fx.st, 5, 10), KM_EINVAL);
    assert_int_equal(put(fx.st, 1000, 10), KM_EINVAL);
    assert_int_equal(put(fx.st, UINT64_MAX, 10), KM_EINVAL);
    /* Nothing of the failed appends was stored. */
    assert_int_equal(last_of(fx.st), 3);
    expect_scan(fx.st, 1, 1, 3, len_varied);
    /* The store still takes the next sequence. */
    assert_int_equal(put(fx.st, 4, len_varied(4)), 0);
    assert_int_equal(put(fx.st, 4, len_varied(4)), KM_ECONFLICT);
    expect_scan(fx.st, 1, 1, 4, len_varied);
    reopen();
    assert_int_equal(last_of(fx.st), 4);
    expect_scan(fx.st, 1, 1, 4, len_varied);
    assert_int_equal(put(fx.st, 4, 3), KM_ECONFLICT);
    assert_int_equal(put(fx.st, 6, 3), KM_EINVAL);
    assert_int_equal(put(fx.st, 5, len_varied(5)), 0);
    expect_scan(fx.st, 1, 1, 5, len_varied);
}

/* ---- scans -------------------------------------------------------------------------- */

#define SCAN_N 40

static void test_scan_from_every_sequence(void **state)
{
    uint64_t s, from;
    (void)state;
    for (s = 1; s <= SCAN_N; s++) assert_int_equal(put(fx.st, s, len_varied(s)), 0);
    for (from = 0; from <= SCAN_N + 3; from++)
        expect_scan(fx.st, from, from ? from : 1, SCAN_N, len_varied);
    expect_scan(fx.st, UINT64_MAX - 1, UINT64_MAX - 1, SCAN_N, len_varied); /* nothing */
    expect_scan(fx.st, UINT64_MAX, UINT64_MAX, SCAN_N, len_varied);
    {
        int calls = 0;
        assert_int_equal(fx.st->scan(fx.st, SCAN_N + 1, never_called, &calls), 0);
        assert_int_equal(calls, 0);
    }
}

static void test_scan_early_stop(void **state)
{
    scan_ctx c;
    size_t k;
    (void)state;
    for (k = 1; k <= 10; k++) assert_int_equal(put(fx.st, k, len_varied(k)), 0);
    /* A positive value stops after exactly that call and is returned. */
    for (k = 1; k <= 10; k++) {
        scan_init(&c, len_varied);
        c.stop_after = k;
        c.stop_value = 7;
        assert_int_equal(fx.st->scan(fx.st, 1, scan_cb, &c), 7);
        assert_int_equal(c.n, k);
        assert_int_equal(c.seqs[k - 1], k);
        assert_int_equal(c.bad, 0);
        scan_free(&c);
    }
    /* Negative values (the library returns KM_E* codes from its callbacks). */
    scan_init(&c, len_varied);
    c.stop_after = 1;
    c.stop_value = -77;
    assert_int_equal(fx.st->scan(fx.st, 1, scan_cb, &c), -77);
    assert_int_equal(c.n, 1);
    scan_free(&c);
    scan_init(&c, len_varied);
    c.stop_after = 2;
    c.stop_value = KM_ECONFLICT;
    assert_int_equal(fx.st->scan(fx.st, 4, scan_cb, &c), KM_ECONFLICT);
    assert_int_equal(c.n, 2);
    assert_int_equal(c.seqs[0], 4);
    assert_int_equal(c.seqs[1], 5);
    scan_free(&c);
    /* Stopping leaves nothing behind: a full scan still works. */
    expect_scan(fx.st, 1, 1, 10, len_varied);
}

/* ---- record sizes ---------------------------------------------------------------- */

#define MIB ((size_t)1 << 20)

static size_t len_large(uint64_t seq)
{
    switch (seq) {
    case 1: return 10;
    case 2: return MIB;
    case 3: return 5;
    case 4: return 16 * MIB;
    case 5: return MIB + 1;
    default: return 3;
    }
}

static void test_large_records(void **state)
{
    uint64_t s;
    (void)state;
    for (s = 1; s <= 6; s++) assert_int_equal(put(fx.st, s, len_large(s)), 0);
    expect_scan(fx.st, 1, 1, 6, len_large);
    expect_scan(fx.st, 4, 4, 6, len_large);
    expect_scan(fx.st, 5, 5, 6, len_large);
    reopen();
    assert_int_equal(last_of(fx.st), 6);
    expect_scan(fx.st, 1, 1, 6, len_large);
    assert_int_equal(put(fx.st, 7, 3), 0);
    expect_scan(fx.st, 2, 2, 7, len_large);
}

static size_t len_zeroes(uint64_t seq) { return seq == 2 || seq == 5 ? 3 : 0; }

static void test_zero_length_record(void **state)
{
    uint64_t s;
    (void)state;
    for (s = 1; s <= 5; s++) assert_int_equal(put(fx.st, s, len_zeroes(s)), 0);
    assert_int_equal(put(fx.st, 3, 0), KM_ECONFLICT);
    expect_scan(fx.st, 1, 1, 5, len_zeroes);
    expect_scan(fx.st, 3, 3, 5, len_zeroes);
    expect_scan(fx.st, 4, 4, 5, len_zeroes);
    reopen();
    assert_int_equal(last_of(fx.st), 5);
    expect_scan(fx.st, 1, 1, 5, len_zeroes);
}

#define MANY 10000

static void test_many_small_records(void **state)
{
    uint64_t s;
    size_t failed = 0;
    (void)state;
    for (s = 1; s <= MANY; s++)
        if (put(fx.st, s, len_small(s)) != 0) failed++;
    assert_int_equal(failed, 0);
    assert_int_equal(last_of(fx.st), MANY);
    expect_scan(fx.st, 1, 1, MANY, len_small);
    expect_scan(fx.st, MANY - 9, MANY - 9, MANY, len_small);
    expect_scan(fx.st, MANY / 2, MANY / 2, MANY, len_small);
    reopen();
    assert_int_equal(last_of(fx.st), MANY);
    expect_scan(fx.st, 1, 1, MANY, len_small);
    assert_int_equal(put(fx.st, MANY, 1), KM_ECONFLICT);
    assert_int_equal(put(fx.st, MANY + 1, len_small(MANY + 1)), 0);
}

/* ---- snapshots ---------------------------------------------------------------------- */

static void test_snapshot_round_trip(void **state)
{
    uint64_t s;
    snap_ctx c;
    (void)state;
    if (!has_snapshots(fx.st)) {
        assert_null(fx.st->snapshot_write);
        assert_null(fx.st->snapshot_read);
        skip();
    }
    for (s = 1; s <= 6; s++) assert_int_equal(put(fx.st, s, len_varied(s)), 0);
    expect_no_snap(fx.st, UINT64_MAX);

    /* First snapshot, at 3. */
    assert_int_equal(put_snap(fx.st, 3, 1000), 0);
    expect_snap(fx.st, UINT64_MAX, 3, 1000);
    expect_snap(fx.st, 6, 3, 1000);
    expect_snap(fx.st, 3, 3, 1000);
    expect_no_snap(fx.st, 2);
    expect_no_snap(fx.st, 0);

    /* The callback's return value comes back. */
    memset(&c, 0, sizeof c);
    c.ret = -99;
    assert_int_equal(fx.st->snapshot_read(fx.st, UINT64_MAX, snap_cb, &c), -99);
    assert_int_equal(c.calls, 1);
    snap_reset(&c);

    /* A newer snapshot replaces it as the newest. */
    assert_int_equal(put_snap(fx.st, 5, 2000), 0);
    expect_snap(fx.st, UINT64_MAX, 5, 2000);
    expect_snap(fx.st, 5, 5, 2000);
    /* Between the two: the older one if the backend keeps it, else none. */
    memset(&c, 0, sizeof c);
    {
        int rc = fx.st->snapshot_read(fx.st, 4, snap_cb, &c);
        if (rc == 0) {
            assert_int_equal(c.calls, 1);
            assert_int_equal(c.seq, 3);
            assert_int_equal(c.len, 1000);
            assert_true(matches(c.data, 1000000 + 3, 1000));
        } else {
            assert_int_equal(rc, KM_ENOTFOUND);
            assert_int_equal(c.calls, 0);
        }
    }
    snap_reset(&c);
    expect_no_snap(fx.st, 2);

    /* A large snapshot (3 MiB) at the last sequence, then reopen. */
    assert_int_equal(put_snap(fx.st, 6, 3 * MIB), 0);
    expect_snap(fx.st, UINT64_MAX, 6, 3 * MIB);
    reopen();
    expect_snap(fx.st, UINT64_MAX, 6, 3 * MIB);
    expect_snap(fx.st, 6, 6, 3 * MIB);
    expect_no_snap(fx.st, 2);
    /* Snapshots do not disturb the log. */
    assert_int_equal(last_of(fx.st), 6);
    expect_scan(fx.st, 1, 1, 6, len_varied);
}

/* The library snapshots an empty network at sequence 0. */
static void test_snapshot_at_zero(void **state)
{
    (void)state;
    if (!has_snapshots(fx.st)) skip();
    assert_int_equal(put_snap(fx.st, 0, 17), 0);
    expect_snap(fx.st, UINT64_MAX, 0, 17);
    expect_snap(fx.st, 0, 0, 17);
    reopen();
    expect_snap(fx.st, 0, 0, 17);
    assert_int_equal(last_of(fx.st), 0);
    assert_int_equal(put(fx.st, 1, 4), 0);
    expect_snap(fx.st, UINT64_MAX, 0, 17);
}

/* Storage version 2: a snapshot as a stream. The pieces concatenated are
 * the snapshot; nothing is visible until the end commits; an abandoned or
 * refused stream leaves the previous snapshot current. A backend without
 * the stream methods (version 1, or all three NULL) skips this. */
static int has_stream(const km_storage *st)
{
    return st->version >= 2 && st->snapshot_begin != NULL;
}

static int stream_snap(km_storage *st, uint64_t seq, size_t len, size_t piece, int commit)
{
    uint8_t *buf = (uint8_t *)malloc(len ? len : 1);
    void *stream = NULL;
    size_t at;
    int rc;
    assert_non_null(buf);
    fill(buf, 1000000 + seq, len);
    rc = st->snapshot_begin(st, seq, &stream);
    for (at = 0; rc == 0 && at < len; at += piece) {
        size_t n = len - at < piece ? len - at : piece;
        rc = st->snapshot_append(st, stream, buf + at, n);
        if (rc) (void)st->snapshot_end(st, stream, 0);
    }
    if (rc == 0) rc = st->snapshot_end(st, stream, commit);
    free(buf);
    return rc;
}

static void test_snapshot_stream(void **state)
{
    void *stream = (void *)&stream;
    (void)state;
    if (!has_stream(fx.st)) {
        /* All three or none (the library refuses a backend with some). */
        if (fx.st->version >= 2) {
            assert_null(fx.st->snapshot_append);
            assert_null(fx.st->snapshot_end);
        }
        skip();
    }
    assert_non_null(fx.st->snapshot_append);
    assert_non_null(fx.st->snapshot_end);
    assert_true(has_snapshots(fx.st));
    {
        uint64_t s;
        for (s = 1; s <= 6; s++) assert_int_equal(put(fx.st, s, len_varied(s)), 0);
    }
    /* Pieces of every size, up to one piece for the whole. */
    assert_int_equal(stream_snap(fx.st, 3, 100000, 1, 1), 0);
    expect_snap(fx.st, UINT64_MAX, 3, 100000);
    assert_int_equal(stream_snap(fx.st, 4, 3 * MIB + 5, MIB, 1), 0);
    expect_snap(fx.st, UINT64_MAX, 4, 3 * MIB + 5);
    assert_int_equal(stream_snap(fx.st, 4, 777, 777, 1), 0);
    expect_snap(fx.st, UINT64_MAX, 4, 777);
    assert_int_equal(stream_snap(fx.st, 2, 0, 1, 1), 0); /* empty: begin, then end */
    expect_snap(fx.st, 2, 2, 0);
    /* Abandoned: the snapshot before stays the newest. */
    assert_int_equal(stream_snap(fx.st, 5, 50000, 4096, 1), 0);
    assert_int_equal(stream_snap(fx.st, 6, 2 * MIB, 65536, 0), 0);
    expect_snap(fx.st, UINT64_MAX, 5, 50000);
    /* Nothing shows before the end, and two streams may be open at once. */
    {
        void *a = NULL, *b = NULL;
        uint8_t buf[64];
        fill(buf, 1000000 + 6, sizeof buf);
        assert_int_equal(fx.st->snapshot_begin(fx.st, 6, &a), 0);
        assert_int_equal(fx.st->snapshot_begin(fx.st, 6, &b), 0);
        assert_int_equal(fx.st->snapshot_append(fx.st, a, buf, sizeof buf), 0);
        expect_snap(fx.st, UINT64_MAX, 5, 50000);
        assert_int_equal(fx.st->snapshot_end(fx.st, b, 0), 0);
        assert_int_equal(fx.st->snapshot_end(fx.st, a, 1), 0);
        expect_snap(fx.st, UINT64_MAX, 6, sizeof buf);
    }
    /* Past the log end: a backend may refuse it at begin (KM_EINVAL,
     * nothing started); one that accepts it is abandoned here. */
    {
        int rc = fx.st->snapshot_begin(fx.st, 7, &stream);
        if (rc == 0) assert_int_equal(fx.st->snapshot_end(fx.st, stream, 0), 0);
        else assert_int_equal(rc, KM_EINVAL);
    }
    expect_snap(fx.st, UINT64_MAX, 6, 64);
    reopen();
    expect_snap(fx.st, UINT64_MAX, 6, 64);
    assert_int_equal(last_of(fx.st), 6);
}

/* ---- reopening ---------------------------------------------------------------------- */

static size_t len_mixed(uint64_t seq)
{
    if (seq == 7) return 0;
    if (seq == 13) return 100 * 1024;
    return len_varied(seq);
}

static void test_reopen_keeps_everything(void **state)
{
    uint64_t s;
    int round;
    (void)state;
    for (s = 1; s <= 25; s++) assert_int_equal(put(fx.st, s, len_mixed(s)), 0);
    if (has_snapshots(fx.st)) assert_int_equal(put_snap(fx.st, 20, 4321), 0);
    for (round = 0; round < 2; round++) {
        reopen();
        assert_int_equal(last_of(fx.st), 25);
        expect_scan(fx.st, 1, 1, 25, len_mixed);
        expect_scan(fx.st, 13, 13, 25, len_mixed);
        if (has_snapshots(fx.st)) {
            expect_snap(fx.st, UINT64_MAX, 20, 4321);
            expect_no_snap(fx.st, 19);
        }
    }
    assert_int_equal(put(fx.st, 25, 1), KM_ECONFLICT);
    assert_int_equal(put(fx.st, 27, 1), KM_EINVAL);
    assert_int_equal(put(fx.st, 26, len_mixed(26)), 0);
    reopen();
    assert_int_equal(last_of(fx.st), 26);
    expect_scan(fx.st, 1, 1, 26, len_mixed);
}

/* ---- two handles on one store ---------------------------------------------------------- */

static void test_two_handles(void **state)
{
    km_storage *a = fx.st, *b;
    (void)state;
    b = conf_attach(a, fx.name);
    assert_non_null(b);
    assert_int_equal(put(a, 1, len_varied(1)), 0);
    assert_int_equal(put(a, 2, len_varied(2)), 0);
    assert_int_equal(last_of(b), 2);
    expect_scan(b, 1, 1, 2, len_varied);
    /* b's view is checked against the store, not against what b saw. */
    assert_int_equal(put(b, 2, 9), KM_ECONFLICT);
    assert_int_equal(put(b, 4, 9), KM_EINVAL);
    assert_int_equal(put(b, 3, len_varied(3)), 0);
    assert_int_equal(last_of(a), 3);
    assert_int_equal(put(a, 3, 9), KM_ECONFLICT);
    assert_int_equal(put(a, 4, len_varied(4)), 0);
    /* Without asking for last_seq first: b appends after a's append. */
    assert_int_equal(put(b, 4, 9), KM_ECONFLICT);
    assert_int_equal(put(b, 5, len_varied(5)), 0);
    expect_scan(a, 1, 1, 5, len_varied);
    expect_scan(b, 3, 3, 5, len_varied);
    if (has_snapshots(a)) {
        assert_int_equal(put_snap(b, 5, 99), 0);
        expect_snap(a, UINT64_MAX, 5, 99);
    }
    conf_detach(b, a);
    assert_int_equal(last_of(a), 5);
    reopen();
    expect_scan(fx.st, 1, 1, 5, len_varied);
}

/* ---- the library on top of the backend ---------------------------------------------------- */

static int64_t fixed_clock(void *payload)
{
    int64_t *t = (int64_t *)payload;
    *t += 1000000;
    return *t;
}

/* FNV-1a, as in tests/support/fnv.h and partner_hash.h: this suite keeps
 * its own copy because hosts compile it outside this tree with nothing but
 * conformance.h (docs/storage.md, "Running the conformance suite"). */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    if (!s) return fnv(h, "\x01", 1);
    return fnv(h, s, strlen(s) + 1);
}

static uint64_t fnv_u64(uint64_t h, uint64_t v) { return fnv(h, &v, sizeof v); }

/* Everything visible about the network, in one string. */
static void digest(km_network *net, char *out, size_t size)
{
    km_network_stats s = KM_NETWORK_STATS_INIT;
    char head[65];
    uint64_t h = UINT64_C(14695981039346656037), id;
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (id = 1; id <= s.partners; id++) {
        km_partner *p = NULL;
        size_t i;
        assert_int_equal(km_partner_get(&p, net, id), 0);
        h = fnv_u64(h, km_partner_id(p));
        h = fnv_str(h, km_partner_name(p));
        h = fnv_str(h, km_partner_external_id(p));
        h = fnv_u64(h, (uint64_t)km_partner_kind_of(p));
        h = fnv_str(h, km_partner_region(p));
        h = fnv_str(h, km_partner_email(p));
        h = fnv_str(h, km_partner_phone(p));
        h = fnv_str(h, km_partner_website(p));
        h = fnv_u64(h, (uint64_t)km_partner_status_of(p));
        h = fnv_str(h, km_partner_status_reason(p));
        h = fnv_u64(h, (uint64_t)km_partner_created(p));
        h = fnv_u64(h, (uint64_t)km_partner_updated(p));
        h = fnv_u64(h, km_partner_version(p));
        for (i = 0; i < km_partner_sector_count(p); i++) h = fnv_str(h, km_partner_sector(p, i));
        h = fnv_u64(h, 0xA);
        for (i = 0; i < km_partner_capability_count(p); i++) h = fnv_str(h, km_partner_capability(p, i));
        h = fnv_u64(h, 0xB);
        for (i = 0; i < km_partner_need_count(p); i++) h = fnv_str(h, km_partner_need(p, i));
        km_partner_free(p);
    }
    {
        km_partner *p = NULL;
        assert_int_equal(km_partner_get(&p, net, s.partners + 1), KM_ENOTFOUND);
    }
    snprintf(out, size, "seq=%llu head=%s entries=%llu events=%llu bytes=%llu partners=%llu/%llu/%llu/%llu h=%016llx",
             (unsigned long long)km_network_seq(net), head, (unsigned long long)s.log_entries,
             (unsigned long long)s.log_events, (unsigned long long)s.log_bytes, (unsigned long long)s.partners,
             (unsigned long long)s.partners_active, (unsigned long long)s.partners_suspended,
             (unsigned long long)s.partners_archived, (unsigned long long)h);
}

static int create_partner(km_network *net, unsigned i, uint64_t *id)
{
    static const char *const sectors[] = { "pendidikan", "kesehatan", "air-bersih" };
    static const char *const caps[] = { "pendanaan", "pelatihan" };
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[64], ext[64], region[16];
    snprintf(name, sizeof name, "Mitra Uji %u", i);
    snprintf(ext, sizeof ext, "ID-KMTEST-%05u", i);
    snprintf(region, sizeof region, "32.%02u", 1 + i % 70);
    f.name = name;
    f.external_id = ext;
    f.kind = (int)(i % KM_PARTNER_KIND__COUNT);
    f.region = region;
    f.email = i % 2 ? "kontak@mitra.example.id" : NULL;
    f.sectors = sectors;
    f.sectors_count = i % 4;
    f.capabilities = caps;
    f.capabilities_count = i % 3;
    return km_partner_create(id, net, &f);
}

static void workload(km_network *net)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    unsigned i;
    for (i = 1; i <= 20; i++) assert_int_equal(create_partner(net, i, NULL), 0);
    f.name = "Mitra Uji Berganti Nama";
    assert_int_equal(km_partner_update(net, 3, &f, KM_PARTNER_F_NAME), 0);
    f.phone = "+62 22 1234567";
    assert_int_equal(km_partner_update(net, 4, &f, KM_PARTNER_F_PHONE), 0);
    assert_int_equal(km_partner_set_status(net, 5, KM_PARTNER_SUSPENDED, "audit berjalan"), 0);
    assert_int_equal(km_partner_set_status(net, 6, KM_PARTNER_SUSPENDED, "dokumen kurang"), 0);
    assert_int_equal(km_partner_set_status(net, 6, KM_PARTNER_ACTIVE, NULL), 0);
    assert_int_equal(km_partner_archive(net, 7, "bubar"), 0);
    assert_int_equal(km_network_begin(net), 0);
    for (i = 21; i <= 23; i++) assert_int_equal(create_partner(net, i, NULL), 0);
    assert_int_equal(km_partner_set_status(net, 8, KM_PARTNER_SUSPENDED, "dalam transaksi"), 0);
    assert_int_equal(km_network_commit(net), 0);
    /* A rejected change leaves no trace. */
    assert_int_equal(create_partner(net, 1, NULL), KM_EEXISTS);
}

static km_network *open_net(km_storage *st, int64_t *clock, int no_snapshot, uint64_t as_of_seq)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    int rc;
    o.clock = fixed_clock;
    o.clock_payload = clock;
    o.actor = "conformance";
    o.no_snapshot = no_snapshot;
    o.as_of_seq = as_of_seq;
    rc = km_network_open(&net, st, &o);
    if (rc != 0) fail_msg("km_network_open: %d %s", rc, km_error_last_message(KM_LANG_EN));
    return net;
}

static void expect_verified(km_network *net, km_storage *st)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    char head[65];
    assert_int_equal(km_network_head_hash(head, net), 0);
    assert_int_equal(km_network_verify(&r, net), 0);
    assert_int_equal(r.entries, km_network_seq(net));
    assert_int_equal(r.first_bad_seq, 0);
    assert_string_equal(r.head_hash, head);
    assert_int_equal(km_storage_verify(&r, st, head, 0), 0);
    assert_int_equal(r.first_bad_seq, 0);
}

static void test_network_round_trip(void **state)
{
    int64_t clock = INT64_C(1740963600000000); /* 2025-03-03T01:00:00Z */
    char before[512], after[512], at_snap[512];
    uint64_t snap_seq, id = 0;
    km_network *net;
    (void)state;

    net = open_net(fx.st, &clock, 0, 0);
    workload(net);
    assert_int_equal(km_network_seq(net), 27); /* 20 creates, 2 updates, 4 status changes, 1 transaction */
    digest(net, before, sizeof before);
    expect_verified(net, fx.st);
    assert_int_equal(km_network_sync(net), 0);
    km_network_close(net);

    reopen();
    assert_int_equal(last_of(fx.st), 27);
    net = open_net(fx.st, &clock, 0, 0);
    digest(net, after, sizeof after);
    assert_string_equal(after, before);
    expect_verified(net, fx.st);

    /* Snapshot, two more changes, and the three ways to open again. */
    if (has_snapshots(fx.st)) {
        assert_int_equal(km_network_snapshot(net), 0);
    } else {
        assert_int_equal(km_network_snapshot(net), KM_ENOTFOUND);
    }
    snap_seq = km_network_seq(net);
    digest(net, at_snap, sizeof at_snap);
    assert_int_equal(create_partner(net, 100, &id), 0);
    assert_int_equal(id, 24);
    assert_int_equal(km_partner_archive(net, id, "uji"), 0);
    digest(net, before, sizeof before);
    km_network_close(net);

    reopen();
    net = open_net(fx.st, &clock, 0, 0);
    digest(net, after, sizeof after);
    assert_string_equal(after, before);
    expect_verified(net, fx.st);
    km_network_close(net);
    net = open_net(fx.st, &clock, 1, 0);
    digest(net, after, sizeof after);
    assert_string_equal(after, before);
    km_network_close(net);
    net = open_net(fx.st, &clock, 0, snap_seq);
    digest(net, after, sizeof after);
    assert_string_equal(after, at_snap);
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_store, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_ordering, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_conditional_append, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_scan_from_every_sequence, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_scan_early_stop, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_large_records, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_zero_length_record, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_many_small_records, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_round_trip, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_at_zero, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_stream, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_reopen_keeps_everything, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_network_round_trip, test_setup, test_teardown),
    };
    return cmocka_run_group_tests_name(conf_backend_name, tests, group_setup, group_teardown);
}
