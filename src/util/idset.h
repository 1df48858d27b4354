/* Compressed set of uint64 ids in the style of Roaring bitmaps, used as the
 * posting lists of the secondary indexes (partners by kind, status, region,
 * sector, ...). Ids are split into a high key (id >> 16) and a 16-bit low
 * part; each key owns one chunk, kept in an array sorted by key. A chunk is a
 * sorted uint16 array while it holds at most 4096 ids (8 KiB at most) and a
 * 65536-bit bitmap (also 8 KiB) beyond that, so memory stays proportional to
 * the ids while membership, seeking and intersection stay fast. Seeking the
 * next id >= x (alone or in the intersection of several sets) costs time
 * proportional to what is skipped in chunks, not to the registry, which is
 * what makes a filtered page of results cheap.
 *
 * A set starts in a small form: a sorted array of ids below 2^32, 4 bytes
 * each (at most KM__IDSET_SMALL_MAX entries), the first KM__IDSET_INLINE
 * of them inside the set itself and beyond that in one allocation, so that
 * the many sparse sets (the agreements of one partner: a handful of ids
 * spread over the whole id range) cost no allocation or one small array
 * instead of a chunk per id. A larger id turns the set into chunks. An id
 * removed from the small form stays as a tombstone (re-adding it only clears
 * a bit), and the small form turns into chunks once it has no room left:
 * chunks are then made for every entry, tombstones included, which keeps
 * the guarantees below across the conversion.
 *
 * Allocation guarantees (transaction undo relies on them):
 *  - km__idset_remove() never allocates and never shrinks anything: chunks
 *    are never dropped (an emptied chunk stays, with cardinality 0), arrays
 *    keep their capacity and bitmaps never turn back into arrays.
 *  - Hence km__idset_add(id) cannot fail right after km__idset_remove(id),
 *    and more generally never allocates when the chunk of id already exists
 *    and has held at least (its current cardinality + 1) ids before (in the
 *    small form: when id is a tombstone, or the form has held as many
 *    entries before). Undoing a sequence of adds/removes in reverse order
 *    therefore never allocates.
 *  - A failed km__idset_add() returns KM_ENOMEM and leaves the set exactly
 *    as it was.
 *  - km__idset_reserve(id) makes the next km__idset_add(id) infallible. */
#ifndef KM_UTIL_IDSET_H
#define KM_UTIL_IDSET_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

/* One chunk: all ids sharing the same id >> 16. */
typedef struct km__idchunk {
    uint64_t key;   /* id >> 16 */
    void *data;     /* uint16_t[cap] sorted ascending, or uint64_t[1024] if bitmap */
    uint32_t card;  /* ids in this chunk, 0..65536 (0 after removals) */
    uint16_t cap;   /* array capacity in elements (<= 4096); unused for a bitmap */
    uint8_t bitmap; /* 1 if data is a bitmap */
} km__idchunk;

/* Entries of the small form (a bit mask marks its tombstones, one 64-bit
 * word for every 64 entries). 512: a sparse set of a few hundred ids
 * spread over a large range (a partner party to hundreds of agreements
 * among millions) costs 4 bytes an id here, where chunks cost a chunk
 * and an array for nearly every id (about 40 bytes an id at two million
 * agreements); beyond some 600 ids the chunks are the smaller. */
#define KM__IDSET_SMALL_MAX 512
/* Entries the small form keeps inside the set itself, before it needs an
 * allocation: most partners are party to a handful of agreements (eight
 * or fewer for 87% of the benchmark's million), so their set is one cache
 * line, read without following a pointer. */
#define KM__IDSET_INLINE 8

/* 64 bytes on 64-bit hosts: one cache line where the set starts on one
 * (the pages of util/idsets.h do). */
typedef struct km__idset {
    km__idchunk *chunks; /* sorted by key, keys unique; NULL in the small form */
    const km_allocator *a;
    uint32_t n;          /* chunks in use; small form: entries (ids + tombstones) */
    uint32_t cap;        /* chunks allocated; small form: room for entries, which
                            are inline while cap <= KM__IDSET_INLINE */
    union {
        /* The small form: a tombstone mask (bit i: entry i), then the n
         * entries, ascending; inline, or in one allocation (the mask word,
         * then the entries as uint32_t). */
        struct {
            uint64_t mask;
            uint32_t e[KM__IDSET_INLINE];
        } inl;
        uint64_t *heap;
    } small;
} km__idset;

/* a may be NULL for the libc allocator. Does not allocate. */
void km__idset_init(km__idset *s, const km_allocator *a);
/* Whether the set has never held anything: no ids, no tombstones, nothing
 * allocated (the state km__idset_build() needs). */
static inline int km__idset_pristine(const km__idset *s) { return !s->chunks && s->n == 0; }
/* Releases everything; the set is left empty and reusable. */
void km__idset_free(km__idset *s);
/* 0 (also if already present) or KM_ENOMEM leaving the set unchanged. */
int km__idset_add(km__idset *s, uint64_t id);
/* Adds ids[0..n), which come in strictly ascending order, as n calls of
 * km__idset_add would; *done says how many went in (n, or those before
 * the one that failed). The ids past the end of the last array chunk are
 * copied in one go: a flush appends a thousand ids to a set of partners by
 * kind, at a call each before. 0 or KM_ENOMEM (the ids before *done stay
 * added, the rest are absent as before). */
int km__idset_add_run(km__idset *s, const uint32_t *ids, size_t n, size_t *done);
/* Never allocates, never shrinks capacity. No-op if absent. */
void km__idset_remove(km__idset *s, uint64_t id);
int km__idset_contains(const km__idset *s, uint64_t id);
/* O(number of chunks). */
uint64_t km__idset_count(const km__idset *s);
/* Smallest id >= from: 1 and *out set, or 0 if there is none. */
int km__idset_next(const km__idset *s, uint64_t from, uint64_t *out);
/* Largest id <= from: 1 and *out set, or 0 if there is none. */
int km__idset_prev(const km__idset *s, uint64_t from, uint64_t *out);
/* Smallest id >= from contained in every one of the n sets; 1 found, 0 none
 * (also for n == 0). Skips chunks missing from any set and leapfrogs inside
 * chunks, so the cost follows the sparsest set, not the densest. */
int km__idset_next_all(const km__idset *const *sets, size_t n, uint64_t from, uint64_t *out);
/* Cardinality of the intersection of the n sets (0 for n == 0). */
uint64_t km__idset_count_all(const km__idset *const *sets, size_t n);
/* Calls fn(payload, id) for every id >= from in ascending order, stopping
 * at the first non-zero return, which it returns (0 after the last id).
 * Walks arrays and bitmaps in place: O(1) per id, unlike repeated
 * km__idset_next(). The set must not change during the walk. */
int km__idset_each(const km__idset *s, uint64_t from, int (*fn)(void *payload, uint64_t id), void *payload);
/* Up to max ids >= from, ascending, into out; returns how many (fewer
 * than max when the set has no more). km__idset_each() underneath: O(1)
 * per id, for a page of one set's members. */
size_t km__idset_fill(const km__idset *s, uint64_t from, uint64_t *out, size_t max);
/* km__idset_each() over the intersection of n sets (nothing for n == 0):
 * aligned chunks are intersected in place (the smallest array probing the
 * others, or bitmap words ANDed), so the cost follows the smallest set. */
int km__idset_each_all(const km__idset *const *sets, size_t n, uint64_t from,
                       int (*fn)(void *payload, uint64_t id), void *payload);
/* Fills a pristine set (km__idset_pristine) with n ids given in strictly
 * ascending order: inline up to KM__IDSET_INLINE ids, else in one
 * allocation per chunk (a bulk load: a snapshot rebuilding an index).
 * 0, or KM_ENOMEM leaving the set empty. */
int km__idset_build(km__idset *s, const uint32_t *ids, size_t n);
/* A prefetch hint for an add of ids above every id of s (ids come in
 * ascending order): level 0 fetches the last chunk's header (or the small
 * form's end), level 1 the end of that chunk's array (the header read
 * must have been fetched by level 0 first). Changes nothing. */
void km__idset_prefetch_tail(const km__idset *s, int level);
/* Makes sure a later km__idset_add(s, id) cannot fail with KM_ENOMEM (it may
 * create an empty chunk). 0 or KM_ENOMEM leaving the contents unchanged. */
int km__idset_reserve(km__idset *s, uint64_t id);

#endif
