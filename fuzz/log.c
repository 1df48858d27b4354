/* Fuzz target: the log record decoder and replay. The input is a sequence
 * of records (u16 length + bytes) handed to km_network_open through a
 * backend; the library must reject anything malformed with an error and
 * never crash, leak or read out of bounds. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_storage f;
    fz_init(&f);
    fz_split(&f, data, size);
    fz_exercise(&f.base, 1);
    return 0;
}
