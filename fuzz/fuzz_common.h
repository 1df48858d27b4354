/* Shared pieces of the fuzz targets: a minimal in-memory backend whose
 * records and snapshot are whatever the fuzzer supplies, so the library's
 * decoders see hostile bytes through the same vtable as any host backend. */
#ifndef KM_FUZZ_COMMON_H
#define KM_FUZZ_COMMON_H

#include <kemitraan/kemitraan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FZ_MAX_RECORDS 64

typedef struct fz_storage {
    km_storage base;
    const uint8_t *rec[FZ_MAX_RECORDS];
    size_t len[FZ_MAX_RECORDS];
    size_t n;
    const uint8_t *snap;
    size_t snap_len;
    uint64_t snap_seq;
} fz_storage;

static int fz_append(km_storage *s, uint64_t seq, const void *d, size_t l)
{
    (void)s; (void)seq; (void)d; (void)l;
    return KM_EREADONLY;
}

static int fz_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *p)
{
    fz_storage *f = (fz_storage *)s;
    uint64_t i;
    for (i = from ? from : 1; i <= f->n; i++) {
        int rc = cb(p, i, f->rec[i - 1], f->len[i - 1]);
        if (rc) return rc;
    }
    return 0;
}

static int fz_last(km_storage *s, uint64_t *out)
{
    *out = ((fz_storage *)s)->n;
    return 0;
}

static int fz_snap_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *p)
{
    fz_storage *f = (fz_storage *)s;
    if (!f->snap || f->snap_seq > max_seq) return KM_ENOTFOUND;
    return cb(p, f->snap_seq, f->snap, f->snap_len);
}

static inline void fz_init(fz_storage *f)
{
    km_storage init = KM_STORAGE_INIT;
    memset(f, 0, sizeof *f);
    f->base = init;
    f->base.append = fz_append;
    f->base.scan = fz_scan;
    f->base.last_seq = fz_last;
    f->base.snapshot_read = fz_snap_read;
}

/* Splits data into records framed as u16 little-endian length + bytes. */
static inline void fz_split(fz_storage *f, const uint8_t *data, size_t size)
{
    while (size >= 2 && f->n < FZ_MAX_RECORDS) {
        size_t l = (size_t)data[0] | ((size_t)data[1] << 8);
        data += 2;
        size -= 2;
        if (l > size) l = size;
        f->rec[f->n] = data;
        f->len[f->n] = l;
        f->n++;
        data += l;
        size -= l;
    }
}

/* Opens a network on the storage and exercises the read paths. */
static inline void fz_exercise(km_storage *st, int no_snapshot)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_verify_report vr = KM_VERIFY_REPORT_INIT;
    km_network *net = NULL;
    o.read_only = 1;
    o.no_snapshot = no_snapshot;
    (void)km_storage_verify(&vr, st, NULL, 0);
    if (km_network_open(&net, st, &o) == 0) {
        km_audit *a = NULL;
        km_partner_page *pg = NULL;
        km_network_stats stats = KM_NETWORK_STATS_INIT;
        if (km_audit_list(&a, net, NULL) == 0) km_audit_free(a);
        if (km_partner_list(&pg, net, NULL) == 0) km_partner_page_free(pg);
        (void)km_network_stats_get(&stats, net);
        (void)km_network_verify(&vr, net);
        km_network_close(net);
    }
}

/* ---- snapshot round trip ---- */

/* The fuzz backend keeps the snapshot the library writes. */
typedef struct fz_rt {
    fz_storage f; /* first: the library calls through f.base */
    uint8_t *written;
    size_t written_len;
    uint64_t written_seq;
} fz_rt;

static inline int fz_snap_write(km_storage *s, uint64_t seq, const void *d, size_t l)
{
    fz_rt *r = (fz_rt *)s;
    uint8_t *copy = (uint8_t *)malloc(l ? l : 1);
    if (!copy) return KM_ENOMEM;
    memcpy(copy, d, l);
    free(r->written);
    r->written = copy;
    r->written_len = l;
    r->written_seq = seq;
    return 0;
}

static inline void fz_fail(const char *what, const char *a, const char *b)
{
    fprintf(stderr, "snapshot round trip: %s (%s, %s): %s\n", what, a, b, km_error_last_message(KM_LANG_EN));
    abort();
}

/* Opens a network on r's records and snapshot (its own no_snapshot as
 * given), writes its state back as a snapshot, offers that one instead
 * and reopens: the state hash must not change. A network that does not
 * open is left alone; a failure aborts, naming the two hashes. */
static inline void fz_round_trip(fz_rt *r, int no_snapshot)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    char h1[65], h2[65];
    o.read_only = 1;
    o.no_snapshot = no_snapshot;
    if (km_network_open(&net, &r->f.base, &o) != 0) return;
    if (km_network_state_hash(h1, net) != 0) fz_fail("the state of an opened network has no hash", "-", "-");
    r->f.base.snapshot_write = fz_snap_write;
    if (km_network_snapshot(net) != 0) fz_fail("an opened network cannot be snapshotted", h1, "-");
    km_network_close(net);
    r->f.snap = r->written;
    r->f.snap_len = r->written_len;
    r->f.snap_seq = r->written_seq;
    net = NULL;
    o.no_snapshot = 0;
    if (km_network_open(&net, &r->f.base, &o) != 0) fz_fail("the snapshot written does not open", h1, "-");
    if (r->written_seq && km_network_snapshot_seq(net) != r->written_seq)
        fz_fail("the snapshot written was not used", h1, "-");
    if (km_network_state_hash(h2, net) != 0) fz_fail("the reloaded state has no hash", h1, "-");
    if (strcmp(h1, h2) != 0) fz_fail("the state changed through a snapshot", h1, h2);
    km_network_close(net);
}

#endif
