/* Damaged snapshots of a real network: every section's loader meets
 * mutated bytes (a byte set, a bit flipped, eight bytes set, the blob cut
 * short) at random places in the snapshot of the store named on the
 * command line (the demo network: every kind of record). Opening must
 * either load the snapshot or refuse it, never crash, leak or ask for
 * memory in proportion to a number read from the blob (the ASan build runs
 * this).
 * The storage refuses the replay that follows a refused snapshot, so each
 * try costs only the snapshot load and a refusal shows as KM_ESTORAGE;
 * any other result (KM_ENOMEM from an absurd allocation, above all) is a
 * failure.
 *
 * usage: snapshot_sweep STORE TRIES SEED */
#include <kemitraan/kemitraan.h>
#include <kemitraan/file.h>
#include <kemitraan/sys/storage.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

typedef struct sweep {
    sw_store st;     /* first: the storage handed to the network */
    uint8_t *snap;   /* the stored snapshot */
    size_t len;
    uint64_t seq;
    sw_damage d;     /* this try's */
} sweep;

static int s_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    sweep *w = (sweep *)s;
    if (from < w->seq) return KM_ESTORAGE; /* the replay after a refusal */
    return w->st.inner->scan(w->st.inner, from, cb, payload);
}

static int s_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    sweep *w = (sweep *)s;
    uint8_t *copy = (uint8_t *)malloc(w->len);
    size_t len = w->len;
    int rc;
    (void)max_seq;
    if (!copy) return KM_ENOMEM;
    memcpy(copy, w->snap, w->len);
    sw_apply(&w->d, copy, &len);
    rc = cb(payload, w->seq, copy, len);
    free(copy);
    return rc;
}

static int keep(void *payload, uint64_t seq, const void *data, size_t len)
{
    sweep *w = (sweep *)payload;
    if (!(w->snap = (uint8_t *)malloc(len ? len : 1))) return KM_ENOMEM;
    memcpy(w->snap, data, len);
    w->len = len;
    w->seq = seq;
    return 0;
}

int main(int argc, char **argv)
{
    km_storage *fs = NULL;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    unsigned long tries, t, loaded = 0, refused = 0, failed = 0;
    uint64_t rng;
    sweep w;
    if (!sw_args(argc, argv, "snapshot_sweep", &tries, &rng)) return 2;
    fo.read_only = 1;
    if (km_storage_file_open(&fs, argv[1], &fo) != 0) {
        fprintf(stderr, "snapshot_sweep: %s\n", km_error_last_message(KM_LANG_EN));
        return 1;
    }
    memset(&w, 0, sizeof w);
    sw_store_init(&w.st, fs);
    w.st.base.scan = s_scan;
    w.st.base.snapshot_read = s_snapshot_read;
    if (fs->snapshot_read(fs, UINT64_MAX, keep, &w) != 0 || w.len == 0) {
        fprintf(stderr, "snapshot_sweep: %s has no snapshot\n", argv[1]);
        return 1;
    }
    for (t = 0; t < tries; t++) {
        km_network_options o = KM_NETWORK_OPTIONS_INIT;
        km_network *net = NULL;
        int rc;
        w.d = sw_draw(&rng);
        o.read_only = 1;
        rc = km_network_open(&net, &w.st.base, &o);
        if (rc == 0) {
            loaded++;
            km_network_close(net);
        } else if (rc == KM_ESTORAGE) {
            refused++;
        } else {
            if (failed++ < 10)
                fprintf(stderr, "snapshot_sweep: byte %zu, mode %d, value 0x%02x: %d %s\n",
                        (size_t)(w.d.pos % w.len), w.d.mode, w.d.val, rc, km_error_last_message(KM_LANG_EN));
        }
    }
    printf("snapshot_sweep: %zu-byte snapshot, %lu tries: %lu loaded, %lu refused, %lu failed\n", w.len, tries,
           loaded, refused, failed);
    free(w.snap);
    km_storage_free(fs);
    return failed ? 1 : 0;
}
