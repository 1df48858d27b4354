/* Fuzz target: the snapshot decoder. The first byte picks how many of the
 * following framed records form the log; what remains is the snapshot blob,
 * offered at the last sequence. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_storage f;
    size_t i, used = 1, want;
    if (size < 1) return 0;
    fz_init(&f);
    want = data[0] % 8;
    /* Frame `want` records, then the rest is the snapshot. */
    for (i = 0; i < want && used + 2 <= size; i++) {
        size_t l = (size_t)data[used] | ((size_t)data[used + 1] << 8);
        used += 2;
        if (l > size - used) l = size - used;
        f.rec[f.n] = data + used;
        f.len[f.n] = l;
        f.n++;
        used += l;
    }
    f.snap = data + used;
    f.snap_len = size - used;
    f.snap_seq = f.n;
    fz_exercise(&f.base, 0);
    return 0;
}
