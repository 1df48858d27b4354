/* Fuzz target: the file store's frame reader, torn-tail detection and
 * snapshot side file. The input becomes the log file (read-only open, so
 * nothing is repaired) and, after a 0xFF 0xFE separator if present, the
 * snapshot file. */
#include "fuzz_common.h"

#include <stdio.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_file(const char *path, const uint8_t *d, size_t n)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) return;
    if (n) fwrite(d, 1, n, fp);
    fclose(fp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64], snap[80];
    size_t cut = size, i;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st = NULL;
    snprintf(path, sizeof path, "/tmp/km-fuzz-%ld.km", (long)getpid());
    snprintf(snap, sizeof snap, "%s-snap", path);
    for (i = 0; i + 1 < size; i++)
        if (data[i] == 0xFF && data[i + 1] == 0xFE) { cut = i; break; }
    write_file(path, data, cut);
    if (cut < size) write_file(snap, data + cut + 2, size - cut - 2);
    else unlink(snap);
    fo.read_only = 1;
    fo.no_create = 1;
    fo.sync = KM_SYNC_OFF;
    if (km_storage_file_open(&st, path, &fo) == 0) {
        fz_exercise(st, 0);
        km_storage_free(st);
    }
    unlink(path);
    unlink(snap);
    return 0;
}
