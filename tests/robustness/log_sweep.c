/* Damaged log records of a real network: a random record of the store
 * named on the command line (the demo network: every kind of change) gets
 * a byte set, a bit flipped, eight bytes set or its end cut off, and the
 * network is opened by replaying the log up to that record
 * (`as_of_seq`), so the damaged record is the last one applied and no
 * later record's hash link can refuse it first: the event decoder and
 * every apply function meet hostile payloads. Opening must succeed or fail
 * with KM_ECORRUPT or KM_EVERSION, never crash, leak or allocate
 * absurdly (the ASan build runs this too).
 *
 * usage: log_sweep STORE TRIES SEED */
#include <kemitraan/kemitraan.h>
#include <kemitraan/file.h>
#include <kemitraan/sys/storage.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweep.h"

typedef struct sweep {
    sw_store st;     /* first: the storage handed to the network */
    uint64_t target; /* the record to damage */
    sw_damage d;
    km_storage_record_cb cb;
    void *payload;
} sweep;

static int relay(void *payload, uint64_t seq, const void *data, size_t len)
{
    sweep *w = (sweep *)payload;
    uint8_t *copy;
    int rc;
    if (seq != w->target || len == 0) return w->cb(w->payload, seq, data, len);
    if (!(copy = (uint8_t *)malloc(len))) return KM_ENOMEM;
    memcpy(copy, data, len);
    sw_apply(&w->d, copy, &len);
    rc = w->cb(w->payload, seq, copy, len);
    free(copy);
    return rc;
}

static int s_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    sweep *w = (sweep *)s;
    w->cb = cb;
    w->payload = payload;
    return w->st.inner->scan(w->st.inner, from, relay, w);
}

int main(int argc, char **argv)
{
    km_storage *fs = NULL;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    unsigned long tries, t, opened = 0, refused = 0, failed = 0;
    uint64_t rng, last = 0;
    sweep w;
    if (!sw_args(argc, argv, "log_sweep", &tries, &rng)) return 2;
    fo.read_only = 1;
    if (km_storage_file_open(&fs, argv[1], &fo) != 0 || fs->last_seq(fs, &last) != 0 || last == 0) {
        fprintf(stderr, "log_sweep: %s: %s\n", argv[1], km_error_last_message(KM_LANG_EN));
        return 1;
    }
    memset(&w, 0, sizeof w);
    sw_store_init(&w.st, fs);
    w.st.base.scan = s_scan;
    for (t = 0; t < tries; t++) {
        km_network_options o = KM_NETWORK_OPTIONS_INIT;
        km_network *net = NULL;
        int rc;
        w.target = 1 + sw_next(&rng) % last;
        w.d = sw_draw(&rng);
        o.read_only = 1;
        o.no_snapshot = 1;
        o.as_of_seq = w.target;
        rc = km_network_open(&net, &w.st.base, &o);
        if (rc == 0) {
            opened++;
            km_network_close(net);
        } else if (rc == KM_ECORRUPT || rc == KM_EVERSION) {
            refused++;
        } else if (failed++ < 10) {
            fprintf(stderr, "log_sweep: record %llu, mode %d, value 0x%02x: %d %s\n", (unsigned long long)w.target,
                    w.d.mode, w.d.val, rc, km_error_last_message(KM_LANG_EN));
        }
    }
    printf("log_sweep: %llu records, %lu tries: %lu opened, %lu refused, %lu failed\n", (unsigned long long)last, tries,
           opened, refused, failed);
    km_storage_free(fs);
    return failed ? 1 : 0;
}
