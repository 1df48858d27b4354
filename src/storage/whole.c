/* See whole.h. */
#include "storage/whole.h"
#include "core/error.h"

int km__storage_snapshot_whole(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    void *stream;
    int rc = self->snapshot_begin(self, seq, &stream);
    if (rc) return rc;
    if (len) rc = self->snapshot_append(self, stream, data, len);
    if (rc) {
        km__errsave err;
        km__err_save(&err); /* the append's message, whatever abandoning says */
        (void)self->snapshot_end(self, stream, 0);
        return km__err_restore(&err);
    }
    return self->snapshot_end(self, stream, 1);
}
