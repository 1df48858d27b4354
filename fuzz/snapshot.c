/* Fuzz target: the snapshot decoder. The first byte picks how many of the
 * following framed records form the log; what remains is the snapshot blob,
 * offered at the last sequence. A network that opens is then written back
 * as a snapshot, which must load again to the same state (the same
 * km_network_state_hash): what the loader accepts, the writer must be able
 * to write, and nothing may change on the way. */
#include "fuzz_common.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The fuzz backend keeps the snapshot the library writes. */
typedef struct fz_rt {
    fz_storage f; /* first: the library calls through f.base */
    uint8_t *written;
    size_t written_len;
    uint64_t written_seq;
} fz_rt;

static int fz_snap_write(km_storage *s, uint64_t seq, const void *d, size_t l)
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

static void fz_fail(const char *what, const char *a, const char *b)
{
    fprintf(stderr, "snapshot round trip: %s (%s, %s): %s\n", what, a, b, km_error_last_message(KM_LANG_EN));
    abort();
}

static void fz_round_trip(fz_rt *r)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    char h1[65], h2[65];
    o.read_only = 1;
    if (km_network_open(&net, &r->f.base, &o) != 0) return;
    if (km_network_state_hash(h1, net) != 0) fz_fail("the state of an opened network has no hash", "-", "-");
    r->f.base.snapshot_write = fz_snap_write;
    if (km_network_snapshot(net) != 0) fz_fail("an opened network cannot be snapshotted", h1, "-");
    km_network_close(net);
    r->f.snap = r->written;
    r->f.snap_len = r->written_len;
    r->f.snap_seq = r->written_seq;
    net = NULL;
    if (km_network_open(&net, &r->f.base, &o) != 0) fz_fail("the snapshot written does not open", h1, "-");
    if (r->written_seq && km_network_snapshot_seq(net) != r->written_seq)
        fz_fail("the snapshot written was not used", h1, "-");
    if (km_network_state_hash(h2, net) != 0) fz_fail("the reloaded state has no hash", h1, "-");
    if (strcmp(h1, h2) != 0) fz_fail("the state changed through a snapshot", h1, h2);
    km_network_close(net);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_rt r;
    size_t i, used = 1, want;
    if (size < 1) return 0;
    memset(&r, 0, sizeof r);
    fz_init(&r.f);
    want = data[0] % 8;
    /* Frame `want` records, then the rest is the snapshot. */
    for (i = 0; i < want && used + 2 <= size; i++) {
        size_t l = (size_t)data[used] | ((size_t)data[used + 1] << 8);
        used += 2;
        if (l > size - used) l = size - used;
        r.f.rec[r.f.n] = data + used;
        r.f.len[r.f.n] = l;
        r.f.n++;
        used += l;
    }
    r.f.snap = data + used;
    r.f.snap_len = size - used;
    r.f.snap_seq = r.f.n;
    fz_exercise(&r.f.base, 0);
    fz_round_trip(&r);
    free(r.written);
    return 0;
}
