/* Fuzz target: the snapshot decoder. The first byte picks how many of the
 * following framed records form the log; what remains is the snapshot blob,
 * offered at the last sequence. A network that opens is then written back
 * as a snapshot, which must load again to the same state (the same
 * km_network_state_hash): what the loader accepts, the writer must be able
 * to write, and nothing may change on the way. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    fz_round_trip(&r, 0);
    free(r.written);
    return 0;
}
