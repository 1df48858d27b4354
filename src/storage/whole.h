/* A whole snapshot through a backend's own stream methods: what the
 * built-in backends give as their snapshot_write (for hosts and wrappers
 * that call it directly), so the stream is their one write path. */
#ifndef KM_STORAGE_WHOLE_H
#define KM_STORAGE_WHOLE_H

#include "kemitraan/sys/storage.h"

/* snapshot_begin, one snapshot_append (none when len is 0), then
 * snapshot_end committing, or abandoning after a failed append (the
 * append's error is returned). self must have all three methods. */
int km__storage_snapshot_whole(km_storage *self, uint64_t seq, const void *data, size_t len);

#endif
