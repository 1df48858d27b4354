/* Open-addressing hash map from a uint64 key to a uint64 value, for the
 * indexes keyed by numeric id (partner id -> record slot, ...). 16 bytes per
 * slot: key 0 marks an empty slot, so the entry for key 0 itself lives
 * beside the table.
 *
 * Layout and guarantees mirror strmap.h: power-of-two table, linear probing,
 * backward-shift deletion (no tombstones), growth decided by the live count
 * alone, table never shrinks. Hence:
 *  - km__u64map_remove() never allocates;
 *  - overwriting an existing key, and putting key 0, never allocate;
 *  - a put of a new key never allocates when the map has already held
 *    (count + 1) entries at some earlier point, so a put of a key that was
 *    just removed cannot fail and undoing a sequence of puts and removes in
 *    reverse order never allocates;
 *  - after km__u64map_reserve(m, extra) == 0, the next `extra` puts of new
 *    keys cannot fail;
 *  - a failed put leaves the map unchanged. */
#ifndef KM_UTIL_U64MAP_H
#define KM_UTIL_U64MAP_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

typedef struct km__u64map_slot {
    uint64_t key; /* 0 = empty slot */
    uint64_t value;
} km__u64map_slot;

typedef struct km__u64map {
    km__u64map_slot *slots;
    size_t cap;          /* 0 or a power of two */
    size_t count;        /* live entries, including key 0 */
    uint64_t zero_value; /* value of key 0 when has_zero */
    int has_zero;
    const km_allocator *a;
} km__u64map;

/* a may be NULL for the libc allocator. Does not allocate. */
void km__u64map_init(km__u64map *m, const km_allocator *a);
/* Releases the table; the map is left empty and reusable. */
void km__u64map_free(km__u64map *m);
/* 1 and *out set (out may be NULL) if found, 0 if not. */
int km__u64map_get(const km__u64map *m, uint64_t key, uint64_t *out);
/* Insert or overwrite. 0 or KM_ENOMEM leaving the map unchanged. */
int km__u64map_put(km__u64map *m, uint64_t key, uint64_t value);
/* 1 removed, 0 absent. Never allocates. */
int km__u64map_remove(km__u64map *m, uint64_t key);
/* Afterwards `extra` puts of new keys cannot fail. 0 or KM_ENOMEM. */
int km__u64map_reserve(km__u64map *m, size_t extra);
size_t km__u64map_count(const km__u64map *m);

#endif
