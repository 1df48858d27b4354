/* Records at an address computed from their id (network/cells.c): pages of
 * KM__CELLS_PER_PAGE cells, made on first use. A lookup by id reads the
 * page's entry (a small array, in cache) and then the record, one cache
 * miss; through an array of pointers it is the slot, then the record, two
 * dependent misses at a million records (docs/performance.md, "The memory
 * floor of a lookup"). A page's cells are all `stride` bytes, chosen when
 * the page is made from the sizes of the records offered a cell so far, so
 * a registry of short records gets short cells and one of long records
 * long ones; a record longer than its page's cells (or than
 * KM__CELLS_MAX) is allocated on its own. Each page starts on a cache
 * line. The entity keeps its array of pointers as the authority and a
 * flag in each record saying whether it is in its cell and current
 * (partners, agreements). */
#ifndef KM_NETWORK_CELLS_H
#define KM_NETWORK_CELLS_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

struct km__ctx;
struct km__slab;

#define KM__CELLS_PER_PAGE 1024u
#define KM__CELLS_GRAIN 16u  /* strides are multiples of this: 112-byte agreements, 7 grains */
#define KM__CELLS_ROOM 96u  /* the room a registry's first records get (cells.c) */
#define KM__CELLS_MAX 512u   /* the longest stride: longer records live on their own */
#define KM__CELLS_BUCKETS (KM__CELLS_MAX / KM__CELLS_GRAIN + 1) /* the last: longer than KM__CELLS_MAX */

/* Bits of a record's `cell` byte. A record in a cell is PLACED for its
 * whole life; it is CURRENT while it is also the entity's current version
 * (its array's pointer), which the code that changes that pointer keeps
 * true. Only the network's thread reads or writes the bits, so a handle
 * read on another thread never sees them change under it. */
#define KM__CELL_PLACED 1u
#define KM__CELL_CURRENT 2u

/* One page of cells: the block that holds them (a km__ctx counting the
 * owner's hold and the records in it, like a slab block), where its first
 * cell starts, and the size of each cell. */
typedef struct km__cell_page {
    struct km__ctx *blk;
    char *cells;
    size_t stride;
} km__cell_page;

/* Records offered a cell, by size (KM__CELLS_GRAIN-byte buckets): what a
 * new page's stride is chosen from. */
typedef struct km__cell_sizes {
    uint64_t n[KM__CELLS_BUCKETS];
    uint64_t total;
} km__cell_sizes;

typedef struct km__cells {
    km__cell_page *pages; /* [(id - 1) / KM__CELLS_PER_PAGE]; blk NULL: not made */
    size_t n_pages;
    km__cell_sizes sizes;
    const km_allocator *a; /* for the page table (the pages use their owner's) */
    size_t flag_at;        /* offset of the `cell` byte in the entity's record */
} km__cells;

/* The page of record id's cell (id >= 1), NULL when it is not made. */
static inline const km__cell_page *km__cells_page(const km__cells *c, uint64_t id)
{
    size_t pg = (size_t)((id - 1) / KM__CELLS_PER_PAGE);
    return pg < c->n_pages && c->pages[pg].cells ? &c->pages[pg] : NULL;
}

/* Where record id's cell is (id >= 1; NULL: its page is not made), without
 * reading it. */
static inline void *km__cells_at(const km__cells *c, uint64_t id)
{
    const km__cell_page *page = km__cells_page(c, id);
    return page ? page->cells + (size_t)((id - 1) % KM__CELLS_PER_PAGE) * page->stride : NULL;
}

/* The size of record id's cell (its page's stride), 0 when its page is not
 * made: every byte of a record in its cell lies within that many bytes of
 * the cell's start. */
static inline size_t km__cells_stride(const km__cells *c, uint64_t id)
{
    const km__cell_page *page = km__cells_page(c, id);
    return page ? page->stride : 0;
}

/* Record id's cell if the record there is the current version (its flag
 * has KM__CELL_CURRENT), else NULL: then the entity's array has it. */
static inline void *km__cells_current(const km__cells *c, uint64_t id)
{
    char *cell = (char *)km__cells_at(c, id);
    return cell && (cell[c->flag_at] & KM__CELL_CURRENT) ? cell : NULL;
}

/* Whether a change may move a record out of its cell to build the new
 * version there (the entities' vacate): the record is the current version
 * in its cell (flag, its `cell` byte) and nothing but the entity's array
 * holds it (refs, its reference count, is 1; a handle would still read
 * it). */
static inline int km__cells_vacatable(const uint8_t *flag, const uint32_t *refs)
{
    return (*flag & KM__CELL_CURRENT) && __atomic_load_n(refs, __ATOMIC_ACQUIRE) == 1;
}

/* Sets a record's `cell` flag to current or not, when the record sits in
 * its cell (a record elsewhere has 0 and keeps it): called wherever the
 * entity's array starts or stops pointing at the record. */
static inline void km__cells_mark(uint8_t *flag, int current)
{
    if (*flag) *flag = (uint8_t)(current ? KM__CELL_PLACED | KM__CELL_CURRENT : KM__CELL_PLACED);
}

/* a may be NULL for the libc allocator; flag_at is where the record keeps
 * its `cell` byte (offsetof). Does not allocate. */
void km__cells_init(km__cells *c, const km_allocator *a, size_t flag_at);
/* Memory for record id of size bytes, whose first member is its uint32_t
 * reference count: its cell when `sizes` is given and the record fits
 * there (*placed set to 1, the size counted in `sizes`: the table's own,
 * or a loading thread's, see km__cells_reserve), else from
 * km__rec_alloc(owner, slab, ...) (*placed 0): the record does not fit,
 * the cell still holds a record a handle keeps (a creation taken back), or
 * the page cannot be made (no error is left for that). *ctx is set as
 * km__rec_alloc sets it: the page's block, whose reference is taken, for a
 * cell. owner is the network's context, which each page holds. NULL on
 * ENOMEM. */
void *km__cells_alloc(km__cells *c, km__cell_sizes *sizes, struct km__ctx *owner, struct km__slab *slab, uint64_t id,
                      size_t size, struct km__ctx **ctx, int *placed);
/* Makes the page table cover ids 1..n, so that threads loading disjoint
 * ranges of whole pages can take cells at once, each counting sizes in
 * its own km__cell_sizes (added back with km__cells_add_sizes after). 0 or
 * KM_ENOMEM. */
int km__cells_reserve(km__cells *c, uint64_t n);
void km__cells_add_sizes(km__cells *c, const km__cell_sizes *s);
/* Releases the owner's hold on every page (each goes with its last
 * record) and the page table; the table is left empty. */
void km__cells_free(km__cells *c);

#endif
