/* Hash index from a unique key (an external identifier, an agreement
 * reference) to the id of the record that holds it. The index keeps no
 * key: an entry is a 32-bit id and 16 bits of the key's hash, and the key
 * of an id is asked of the registry (km__idmap_key_fn, given at init),
 * which reads it from the id's current record. A lookup reads one 64-byte
 * bucket and then the record, which the caller wanted anyway, so the
 * index costs 8 to 16 bytes a key (the table is 0.4 to 0.8 full) instead
 * of 23 to 46: at a million partners and two million agreements 24 MB
 * instead of 96. (A smaller table also stays in the last-level cache
 * more often, though at a million partners op c of the benchmark still
 * misses its bucket in most lookups: docs/performance.md.)
 *
 * A bucket holds ten entries (kept at the front, in no order) and the
 * number of entries whose probe went past it because it was full (F14's
 * outbound overflow count, folly/container/F14Table.h): a lookup moves to
 * the next bucket only while that count is non-zero, a removal decrements
 * it along the removed entry's path, so there are no tombstones and the
 * table never degrades. The table is a power of two of buckets, at most
 * eight entries a bucket on average (0.8 full).
 *
 * The key function must answer for every id in the index at every call
 * that may compare keys or grow the table (get, put, reserve, put_range):
 * the registries change a record's key by removing the old key by id
 * (km__idmap_remove compares ids, never keys) before the id's record
 * changes, and putting the new one after, and an id's key is read only
 * for entries whose 16 bits match the query's, or for every entry, in id
 * order, when the table grows.
 *
 * Ids are 1..UINT32_MAX (a registry of more than four billion partners or
 * agreements is refused with KM_ERANGE; callers check before changing
 * anything). Removal never allocates nor shrinks; a put of a new key never
 * allocates when the map has held (count + 1) entries before, so undoing
 * puts and removes in reverse order never allocates; after
 * km__idmap_reserve(m, k) the next k puts cannot fail; a failed put
 * changes nothing. */
#ifndef KM_UTIL_IDMAP_H
#define KM_UTIL_IDMAP_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

/* The key of id's current record and its length (*len bytes; the map
 * never reads past them). Called only for ids in the map. */
typedef const char *(*km__idmap_key_fn)(const void *ctx, uint64_t id, size_t *len);

#define KM__IDMAP_WAYS 10

/* One cache line: 10 * 2 + 10 * 4 + 4 = 64 bytes. */
typedef struct km__idmap_bucket {
    uint16_t fp[KM__IDMAP_WAYS]; /* the top 16 bits of each entry's key hash */
    uint32_t id[KM__IDMAP_WAYS];
    uint8_t n;                   /* entries, at fp[0..n-1] and id[0..n-1] */
    uint8_t spare;
    uint16_t over;               /* entries that probed past this bucket (full then); 0xFFFF sticks */
} km__idmap_bucket;

typedef struct km__idmap {
    km__idmap_bucket *b; /* aligned to 64 bytes inside mem */
    void *mem;
    size_t nb;           /* buckets: 0 or a power of two, at least 2 */
    size_t count;        /* live entries */
    const km_allocator *a;
    km__idmap_key_fn key;
    const void *ctx;
} km__idmap;

/* a may be NULL for the libc allocator; key(ctx, id) gives id's key.
 * Does not allocate. */
void km__idmap_init(km__idmap *m, const km_allocator *a, km__idmap_key_fn key, const void *ctx);
/* Releases the table; the map is left empty and reusable. */
void km__idmap_free(km__idmap *m);
/* A key's 64-bit hash: a change that prefetches, probes and then puts the
 * same key computes it once and passes it to the _tag calls below (which
 * are the plain calls with the hash given). */
uint64_t km__idmap_tag(const char *key, size_t len);
/* Starts loading the bucket where key's probe begins (util/prefetch.h). */
void km__idmap_prefetch(const km__idmap *m, const char *key, size_t len);
void km__idmap_prefetch_tag(const km__idmap *m, uint64_t tag);
/* km__idmap_get with the key's km__idmap_tag given. */
int km__idmap_get_tag(const km__idmap *m, const char *key, size_t len, uint64_t tag, uint64_t *id);
/* km__idmap_put with the key's km__idmap_tag given. */
int km__idmap_put_tag(km__idmap *m, const char *key, size_t len, uint64_t tag, uint64_t id);
/* 1 and *id set (id may be NULL) if the len bytes at key are the key of an
 * id in the map, 0 if not. */
int km__idmap_get(const km__idmap *m, const char *key, size_t len, uint64_t *id);
/* Puts key -> id, where key is (or is about to be, see above) id's key. A
 * key already present gets the new id. 0, KM_ENOMEM or KM_ERANGE (id 0 or
 * above UINT32_MAX), leaving the map unchanged on error. */
int km__idmap_put(km__idmap *m, const char *key, size_t len, uint64_t id);
/* Puts ids first..first+n-1, each under its key, the home buckets fetched
 * several keys ahead so that the cache misses of a large table overlap (a
 * snapshot load). *dups counts keys already present (they get the later
 * id; what a duplicate means is the caller's business). 0, KM_ENOMEM or
 * KM_ERANGE (nothing put then). */
int km__idmap_put_range(km__idmap *m, uint64_t first, size_t n, size_t *dups);
/* id's key changes from old to key (a registry's replace of a record, or
 * its undo): removes the entry under old and puts key, unless the bytes
 * are the same, when the entry stands as it is. Called before the id's
 * record changes (see above). km__idmap_put's results; after
 * km__idmap_reserve(m, 1), or when key was id's key before, it cannot
 * fail. */
int km__idmap_rekey(km__idmap *m, const char *old, size_t old_len, const char *key, size_t len, uint64_t id);
/* Removes the entry of id, which was put under key. 1 removed, 0 absent.
 * Compares ids, never keys. Never allocates. */
int km__idmap_remove(km__idmap *m, const char *key, size_t len, uint64_t id);
/* Afterwards `extra` puts of new keys cannot fail. 0 or KM_ENOMEM. */
int km__idmap_reserve(km__idmap *m, size_t extra);
size_t km__idmap_count(const km__idmap *m);

#endif
