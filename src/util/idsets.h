/* Id sets keyed by another 1-based id: the "key -> ids" relations of the
 * indexes (a partner's agreements, an agreement's disputes, a framework's
 * templates, ...). The sets live in pages of KM__IDSETS_PAGE, a page made
 * when a key in its range is first reserved, so memory follows the keys in
 * use and not the largest one: a single dispute about agreement 2,000,000
 * costs one page (64 KiB), not two million empty sets. Reading a set is
 * two loads, the second into the page, and the page table is small enough
 * to stay in cache (a thousand pointers at a million keys).
 *
 * A zeroed km__idsets is empty and valid; the allocator is passed to the
 * calls that allocate or free (the sets keep it too, see idset.h).
 *
 * Allocation guarantees (transaction undo relies on them): pages are never
 * dropped before km__idsets_free(), so after km__idsets_reserve(s, a, key)
 * the set of key exists until then and the guarantees of idset.h apply to
 * it; km__idsets_remove() never allocates. */
#ifndef KM_UTIL_IDSETS_H
#define KM_UTIL_IDSETS_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"
#include "util/idset.h"

#define KM__IDSETS_SHIFT 10
#define KM__IDSETS_PAGE ((size_t)1 << KM__IDSETS_SHIFT)

typedef struct km__idsets {
    km__idset **pages; /* pages[(key - 1) >> KM__IDSETS_SHIFT], NULL until used */
    size_t n_pages;    /* room in pages */
} km__idsets;

/* The set of key, or NULL when key is 0 or no key in its page was ever
 * reserved (no member, then). */
static inline km__idset *km__idsets_at(const km__idsets *s, uint64_t key)
{
    uint64_t k = key - 1; /* key 0 wraps to the largest value: out of range */
    km__idset *page;
    if ((k >> KM__IDSETS_SHIFT) >= s->n_pages) return (km__idset *)0;
    page = s->pages[k >> KM__IDSETS_SHIFT];
    return page ? &page[k & (KM__IDSETS_PAGE - 1)] : (km__idset *)0;
}
static inline const km__idset *km__idsets_get(const km__idsets *s, uint64_t key) { return km__idsets_at(s, key); }

/* Keys below this may have a set (for walking every set: most are NULL
 * or empty where the relation is sparse). */
static inline uint64_t km__idsets_limit(const km__idsets *s) { return (uint64_t)s->n_pages << KM__IDSETS_SHIFT; }

/* Makes the set of key exist (empty if new); key 0 is a no-op. 0, or
 * KM_ENOMEM leaving every set as it was. */
int km__idsets_reserve(km__idsets *s, const km_allocator *a, uint64_t key);
/* km__idsets_reserve() then km__idset_add(); key 0 is a no-op. 0, or
 * KM_ENOMEM leaving the set as it was (its page may stay, empty). */
int km__idsets_add(km__idsets *s, const km_allocator *a, uint64_t key, uint64_t id);
/* Never allocates; a no-op when the set or the id is absent. */
void km__idsets_remove(km__idsets *s, uint64_t key, uint64_t id);
/* Frees every set and page; s is left empty and reusable. */
void km__idsets_free(km__idsets *s, const km_allocator *a);

#endif
