/* A storage wrapper that counts what an open reads: how many scans it
 * starts and how many log records they hand over, how many snapshot reads
 * it asks for and how many snapshots it takes (a record handed over that
 * its callback accepts). Tests use it to show that a snapshot is used and
 * not discarded for a full replay, or that an open replays only what
 * follows the snapshot. Everything else goes to the wrapped store
 * unchanged. Include after <cmocka.h>; inline, so that a test using only
 * some of it compiles without warnings. */
#ifndef KM_TESTS_COUNTING_STORE_H
#define KM_TESTS_COUNTING_STORE_H

#include <string.h>
#include "kemitraan/kemitraan.h"

typedef struct km_test_counting {
    km_storage base; /* first: the library calls through it */
    km_storage *inner;
    unsigned long scan_calls, scanned;     /* scans started; records they handed over */
    unsigned long snap_reads, snap_loaded; /* snapshot reads asked for; snapshots accepted */
    km_storage_record_cb cb, snap_cb;      /* the library's callbacks during a call */
    void *payload, *snap_payload;
} km_test_counting;

static inline int km_test_counting_record(void *payload, uint64_t seq, const void *data, size_t len)
{
    km_test_counting *c = (km_test_counting *)payload;
    c->scanned++;
    return c->cb(c->payload, seq, data, len);
}

static inline int km_test_counting_snap_record(void *payload, uint64_t seq, const void *data, size_t len)
{
    km_test_counting *c = (km_test_counting *)payload;
    int rc = c->snap_cb(c->snap_payload, seq, data, len);
    if (rc == 0) c->snap_loaded++;
    return rc;
}

static inline int km_test_counting_append(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    km_test_counting *c = (km_test_counting *)s;
    return c->inner->append(c->inner, seq, d, n);
}

static inline int km_test_counting_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    km_test_counting *c = (km_test_counting *)s;
    km_storage_record_cb save_cb = c->cb;
    void *save_payload = c->payload;
    int rc;
    c->scan_calls++;
    c->cb = cb;
    c->payload = payload;
    rc = c->inner->scan(c->inner, from, km_test_counting_record, c);
    c->cb = save_cb; /* a scan inside a callback would have replaced them */
    c->payload = save_payload;
    return rc;
}

static inline int km_test_counting_last_seq(km_storage *s, uint64_t *out)
{
    km_test_counting *c = (km_test_counting *)s;
    return c->inner->last_seq(c->inner, out);
}

static inline int km_test_counting_snapshot_write(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    km_test_counting *c = (km_test_counting *)s;
    return c->inner->snapshot_write(c->inner, seq, d, n);
}

static inline int km_test_counting_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb,
                                                 void *payload)
{
    km_test_counting *c = (km_test_counting *)s;
    c->snap_reads++;
    c->snap_cb = cb;
    c->snap_payload = payload;
    return c->inner->snapshot_read(c->inner, max_seq, km_test_counting_snap_record, c);
}

/* Wraps inner (not owned: free it after the networks opened on c are
 * closed), counts at zero. A wrapper of a store without snapshots has
 * none either. */
static inline void km_test_counting_init(km_test_counting *c, km_storage *inner)
{
    memset(c, 0, sizeof *c);
    c->base.version = KM_STORAGE_VERSION;
    c->base.append = km_test_counting_append;
    c->base.scan = km_test_counting_scan;
    c->base.last_seq = km_test_counting_last_seq;
    if (inner->snapshot_write) c->base.snapshot_write = km_test_counting_snapshot_write;
    if (inner->snapshot_read) c->base.snapshot_read = km_test_counting_snapshot_read;
    c->inner = inner;
}

/* Opens the file store at path read-only with o0's options (snapshots
 * allowed) and asserts that the open took the snapshot and replayed at
 * most the entry the snapshot is at and the one after it. */
static inline void km_test_expect_snapshot_used(const char *path, const km_network_options *o0)
{
    km_test_counting c;
    km_storage *inner = NULL;
    km_network *net = NULL;
    km_network_options o = *o0;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&inner, path, &fo), 0);
    km_test_counting_init(&c, inner);
    o.no_snapshot = 0;
    o.read_only = 1;
    assert_int_equal(km_network_open(&net, &c.base, &o), 0);
    assert_int_equal(c.snap_loaded, 1);
    assert_true(c.scanned <= 2);
    km_network_close(net);
    km_storage_free(inner);
}

#endif
