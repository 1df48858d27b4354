/* Fuzz target: the log record decoder and replay. The input is a sequence
 * of records (u16 length + bytes) handed to km_network_open through a
 * backend; the library must reject anything malformed with an error and
 * never crash, leak or read out of bounds. A log that replays gives a
 * state that a snapshot must hold: written and loaded back, it must have
 * the same state hash (fz_round_trip). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_rt r;
    memset(&r, 0, sizeof r);
    fz_init(&r.f);
    fz_split(&r.f, data, size);
    fz_exercise(&r.f.base, 1);
    fz_round_trip(&r, 1);
    free(r.written);
    return 0;
}
