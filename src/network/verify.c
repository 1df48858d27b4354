/* Recomputes the hash chain of a store. Independent of any open network,
 * so the command-line tool can check a store that no longer opens. */
#include "network/internal.h"
#include "util/sha256.h"

#include <string.h>

typedef struct vctx {
    km_verify_report *r;
    uint8_t prev[32];
    uint64_t expect;
    int64_t last_time;
    const uint8_t *want;    /* expected hash of entry want_seq, or NULL */
    uint64_t want_seq;
    int matched;
} vctx;

static int fail(vctx *v, uint64_t seq, int code)
{
    v->r->first_bad_seq = seq;
    v->r->error = code;
    return code;
}

static int check_entry(void *payload, uint64_t seq, const void *data, size_t len)
{
    vctx *v = (vctx *)payload;
    km__entry e;
    uint8_t h[32];
    int rc;
    if (seq != v->expect) {
        km__err(KM_ECORRUPT, "log", "entry %llu is missing (storage jumps to %llu)",
                "entri %llu hilang (penyimpanan melompat ke %llu)", (unsigned long long)v->expect,
                (unsigned long long)seq);
        return fail(v, v->expect, KM_ECORRUPT);
    }
    rc = km__entry_decode(&e, data, len, seq);
    if (rc) return fail(v, seq, rc);
    if (memcmp(e.prev, v->prev, 32) != 0) {
        /* Entry seq-1 hashes to something else than entry seq recorded:
         * seq-1 was altered (or the link inside seq was). */
        km__err(KM_ECORRUPT, "log", "entry %llu was altered: entry %llu does not carry its hash",
                "entri %llu telah diubah: entri %llu tidak membawa hash-nya", (unsigned long long)(seq - 1),
                (unsigned long long)seq);
        return fail(v, seq - 1 ? seq - 1 : 1, KM_ECORRUPT);
    }
    if (e.time < v->last_time) {
        km__err(KM_ECORRUPT, "log", "entry %llu is older than entry %llu", "entri %llu lebih tua daripada entri %llu",
                (unsigned long long)seq, (unsigned long long)(seq - 1));
        return fail(v, seq, KM_ECORRUPT);
    }
    km__sha256(data, len, h);
    memcpy(v->prev, h, 32);
    v->last_time = e.time;
    v->r->entries++;
    v->expect++;
    if (v->want && seq == v->want_seq) {
        if (memcmp(h, v->want, 32) != 0) {
            km__err(KM_ECORRUPT, "log", "entry %llu does not match the published head hash",
                    "entri %llu tidak cocok dengan hash kepala yang diumumkan", (unsigned long long)seq);
            return fail(v, seq, KM_ECORRUPT);
        }
        v->matched = 1;
    }
    return 0;
}

static int verify(km_verify_report *out, km_storage *storage, const uint8_t *want, uint64_t want_seq)
{
    km_verify_report local = KM_VERIFY_REPORT_INIT;
    km_verify_report *r = out ? out : &local;
    vctx v;
    uint64_t last = 0;
    int rc;
    if (r->version == 0 || r->version > KM_VERIFY_REPORT_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", r->version);
    r->entries = 0;
    r->first_bad_seq = 0;
    r->error = 0;
    memset(r->head_hash, 0, sizeof r->head_hash);
    memset(&v, 0, sizeof v);
    v.r = r;
    v.expect = 1;
    v.want = want;
    if ((rc = storage->last_seq(storage, &last)) != 0) return km__storage_rc(rc, "storage.last_seq");
    v.want_seq = want && want_seq == 0 ? last : want_seq;
    rc = km__storage_rc(storage->scan(storage, 1, check_entry, &v), "storage.scan");
    /* The store could not hand over the next entry (the file store: its
     * frame fails its checksum): that entry is the first bad one. */
    if (rc == KM_ECORRUPT && r->first_bad_seq == 0) rc = fail(&v, v.expect, rc);
    if (rc == 0 && v.expect <= last) {
        km__err(KM_ECORRUPT, "log", "entry %llu is missing (the store says it holds %llu)",
                "entri %llu hilang (penyimpanan menyatakan berisi %llu)", (unsigned long long)v.expect,
                (unsigned long long)last);
        rc = fail(&v, v.expect, KM_ECORRUPT);
    }
    if (rc == 0 && want && !v.matched) {
        km__err(KM_ECORRUPT, "log", "entry %llu, whose hash was published, is missing",
                "entri %llu, yang hash-nya diumumkan, hilang", (unsigned long long)v.want_seq);
        rc = fail(&v, v.want_seq, KM_ECORRUPT);
    }
    km__hex_encode(r->head_hash, v.prev, 32);
    return rc;
}

int km_storage_verify(km_verify_report *out, km_storage *storage, const char *expected_head, uint64_t expected_head_seq)
{
    uint8_t want[32];
    km__err_clear();
    if (!storage) return km__err(KM_EINVAL, "storage", "must not be NULL", "tidak boleh NULL");
    if (expected_head && (strlen(expected_head) != 64 || km__hex_decode(want, expected_head, 32) != 0))
        return km__err(KM_EINVAL, "expected_head", "must be 64 hex digits", "harus 64 digit heksadesimal");
    return verify(out, storage, expected_head ? want : NULL, expected_head_seq);
}

int km_network_verify(km_verify_report *out, km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    /* The handle remembers the hash of the last entry it applied: an
     * alteration of that entry in the store is caught too. */
    return verify(out, net->storage, net->seq ? net->head : NULL, net->seq);
}
