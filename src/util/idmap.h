/* Open-addressing hash map from a unique key (an external identifier, an
 * agreement reference) to the id of the record that holds it. Keys are
 * BORROWED and NUL-terminated: a slot keeps a pointer to the bytes inside
 * the current record (which has no NUL inside the key), 32 bits of the
 * key's hash and a 32-bit id, 16 bytes on 64-bit hosts instead of the 24 of
 * strmap.h (whose keys may be any bytes, so it keeps their length): at a
 * million partners and two million agreements, 96 MB instead of 144 MB
 * for the two unique indexes. The key pointer, rather than only the id,
 * keeps a lookup to one hop to the record it compares and then returns.
 *
 * A change that replaces a record removes the old key by id
 * (km__idmap_remove compares ids, never keys) when the key changes, and
 * puts the new record's key, which re-points the slot when the bytes are
 * the same.
 *
 * Ids are 1..UINT32_MAX (a registry of more than four billion partners or
 * agreements is refused with KM_ERANGE; callers check before changing
 * anything). Same layout and guarantees as strmap.h: power-of-two table,
 * linear probing, backward-shift deletion; removal never allocates nor
 * shrinks; a put of a new key never allocates when the map has held
 * (count + 1) entries before, so undoing puts and removes in reverse order
 * never allocates; after km__idmap_reserve(m, k) the next k puts cannot
 * fail; a failed put changes nothing. */
#ifndef KM_UTIL_IDMAP_H
#define KM_UTIL_IDMAP_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

/* The key of id (NUL-terminated, *len bytes before the NUL), for
 * km__idmap_put_range. */
typedef const char *(*km__idmap_key_fn)(const void *ctx, uint64_t id, size_t *len);

typedef struct km__idmap_slot {
    const char *key; /* borrowed, NUL-terminated; NULL = empty slot */
    uint32_t tag;    /* 32 bits of the key's hash */
    uint32_t id;
} km__idmap_slot;

typedef struct km__idmap {
    km__idmap_slot *slots;
    size_t cap;   /* 0 or a power of two */
    size_t count; /* live entries */
    const km_allocator *a;
} km__idmap;

/* a may be NULL for the libc allocator. Does not allocate. */
void km__idmap_init(km__idmap *m, const km_allocator *a);
/* Releases the table; the map is left empty and reusable. */
void km__idmap_free(km__idmap *m);
/* The 32 bits of a key's hash that a slot keeps: a change that prefetches,
 * probes and then puts the same key computes it once and passes it to the
 * _tag calls below (which are the plain calls with the hash given). */
uint32_t km__idmap_tag(const char *key, size_t len);
/* Starts loading the slot where key's probe begins (util/prefetch.h). */
void km__idmap_prefetch(const km__idmap *m, const char *key, size_t len);
void km__idmap_prefetch_tag(const km__idmap *m, uint32_t tag);
/* km__idmap_get of a key known to have no NUL inside (one that passed a
 * record's validation) and whose km__idmap_tag is tag. */
int km__idmap_get_tag(const km__idmap *m, const char *key, size_t len, uint32_t tag, uint64_t *id);
/* km__idmap_put with the key's km__idmap_tag given. */
int km__idmap_put_tag(km__idmap *m, const char *key, size_t len, uint32_t tag, uint64_t id);
/* 1 and *id set (id may be NULL) if key is in the map, 0 if not. */
int km__idmap_get(const km__idmap *m, const char *key, size_t len, uint64_t *id);
/* Puts key -> id; key[len] must be the NUL ending the key, with no NUL
 * before it, and the bytes must stay in place while they are in the map. A key already present gets
 * the new id and the new pointer. 0, KM_ENOMEM or KM_ERANGE (id 0 or above
 * UINT32_MAX), leaving the map unchanged on error. */
int km__idmap_put(km__idmap *m, const char *key, size_t len, uint64_t id);
/* Puts ids first..first+n-1, each under the key key(ctx, id) gives,
 * the home slots fetched several keys ahead so that the cache misses of a
 * large table overlap (a snapshot load). *dups counts keys already present
 * (they get the later id; what a duplicate means is the caller's
 * business). 0, KM_ENOMEM or KM_ERANGE (nothing put then). */
int km__idmap_put_range(km__idmap *m, uint64_t first, size_t n, km__idmap_key_fn key, const void *ctx,
                        size_t *dups);
/* Removes the entry of id, which was put under key. 1 removed, 0 absent.
 * Compares ids, never keys. Never allocates. */
int km__idmap_remove(km__idmap *m, const char *key, size_t len, uint64_t id);
/* Afterwards `extra` puts of new keys cannot fail. 0 or KM_ENOMEM. */
int km__idmap_reserve(km__idmap *m, size_t extra);
size_t km__idmap_count(const km__idmap *m);

#endif
