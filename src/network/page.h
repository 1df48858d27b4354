/* page.h: one page of a paged listing, for every entity listed by id
 * (agreements, commitments, disputes, indicators, measurements,
 * opportunities, expressions of interest).
 *
 * A module describes its listing with a km__page_src (how to walk its
 * matches, how to reach and reference a record) and km__page_list does the
 * rest the same way everywhere: room for the page, records fetched a batch
 * at a time so their cache misses overlap, one match looked ahead so the
 * last page has no cursor, and a cursor "<prefix><last id>" (parsed by
 * util/cursor.h). Each public page type is a struct whose only member is a
 * km__page, so the public page functions are one-line casts. */
#ifndef KM_NETWORK_PAGE_H
#define KM_NETWORK_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "network/internal.h"

#define KM__PAGE_DEFAULT 50 /* limit 0 means this many */
#define KM__PAGE_MAX 1000   /* the largest limit a query may ask for */

typedef struct km__page {
    km__ctx *ctx;
    size_t n;
    void **items; /* n records, a reference each; room allocated with the page */
    void (*unref)(void *rec);
    int has_cursor;
    char cursor[32];
} km__page;

typedef struct km__page_src {
    /* Cursor prefix, e.g. "c1:", and the function whose cursors these are
     * (named when a cursor is refused). */
    const char *prefix;
    const char *cursor_fn;
    /* The first match with id >= from: 1 and *next set, 0 when none is
     * left. Never fails. */
    int (*next)(void *plan, km_network *net, uint64_t from, uint64_t *next);
    /* Where id's slot lives (prefetched before get reads it); may be NULL. */
    const void *(*slot)(km_network *net, uint64_t id);
    /* The current record of id (a match of next). */
    void *(*get)(km_network *net, uint64_t id);
    void (*ref)(void *rec);
    void (*unref)(void *rec);
    /* Optional, NULL to use next: up to max matches with id >= from, in
     * ascending order, into ids; returns how many (fewer than max when none
     * is left). For plans whose matches are one set's members, a walk of
     * the set in place costs a few instructions per id where a call of next
     * per id searches the set again each time. */
    size_t (*fill)(void *plan, km_network *net, uint64_t from, uint64_t *ids, size_t max);
} km__page_src;

/* Lists one page of a query: checks its cursor (prefix + last id, see
 * util/cursor.h; KM_EINVAL naming query.cursor) and its limit (0 means
 * KM__PAGE_DEFAULT; above KM__PAGE_MAX is KM_EINVAL naming query.limit),
 * then fills a page of at most limit matches after the cursor. bound is an
 * upper bound of the matches (e.g. the smallest filter set's size) so that
 * the page is no bigger than it can be, or SIZE_MAX. The page is allocated
 * as size bytes (the public struct wrapping the km__page). 0, KM_EINVAL or
 * KM_ENOMEM (nothing allocated then). */
int km__page_list(km__page **out, size_t size, km_network *net, const km__page_src *src, void *plan,
                  const char *cursor, uint32_t limit, size_t bound);

/* fill() by calls of next: what km__page_list does for a source without
 * fill, and what a source's fill falls back to for the plans it has no
 * faster walk for. */
size_t km__page_walk(int (*next)(void *plan, km_network *net, uint64_t from, uint64_t *next), void *plan,
                     km_network *net, uint64_t from, uint64_t *ids, size_t max);

/* Counts the matches of plan by walking them. */
uint64_t km__page_count_matches(km_network *net, const km__page_src *src, void *plan);

/* NULL-safe accessors and free of any page. */
void km__page_free(km__page *page);
size_t km__page_count(const km__page *page);
const void *km__page_get(const km__page *page, size_t i);
const char *km__page_cursor(const km__page *page);

#endif
