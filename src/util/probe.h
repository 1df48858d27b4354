/* The table mechanics shared by the open-addressing maps (strmap.c,
 * idmap.c, u64map.c): power-of-two tables kept at most ~0.69 full, linear
 * probing, and backward-shift deletion instead of tombstones, so a table
 * never degrades and its growth depends on the live count only. Each map
 * keeps its own slot type, hash and lookups (the hot paths); this file does
 * what only depends on where a slot's probe starts: growing (rehashing
 * every slot) and removing. An all-zero slot is empty in every map. */
#ifndef KM_UTIL_PROBE_H
#define KM_UTIL_PROBE_H

#include <stddef.h>
#include "kemitraan/common.h"

typedef struct km__probe_ops {
    size_t size;                       /* bytes per slot */
    size_t (*home)(const void *slot);  /* hash of a used slot; its probe starts at hash & (cap - 1) */
    int (*used)(const void *slot);
} km__probe_ops;

/* The most live entries a table of cap slots holds (~0.69: linear probing
 * stays short below 0.7). Written with shifts so it cannot overflow. */
static inline size_t km__probe_max_load(size_t cap) { return (cap >> 1) + (cap >> 3) + (cap >> 4); }

/* Makes room for need live entries: when the table (*slots, *cap slots,
 * possibly 0) cannot hold them, allocates a larger zeroed one (at least 8
 * slots, at most 2^31), moves every used slot to it and frees the old one.
 * 0, or KM_ENOMEM leaving the table as it was. */
int km__probe_ensure(const km_allocator *a, const km__probe_ops *ops, void **slots, size_t *cap, size_t need);

/* Empties used slot i of a table of cap slots: later members of its
 * cluster move back into the hole when it lies on their probe path
 * (between their home and them), so every remaining key stays reachable;
 * the slot finally vacated is zeroed. Never allocates. */
void km__probe_remove(const km__probe_ops *ops, void *slots, size_t cap, size_t i);

#endif
