/* Records at an address computed from their id (see cells.h for why). A
 * page is a block like a slab's (slab.c): a km__ctx whose refs count the
 * owner's hold and each record in it, and whose parent is the network's
 * context, so a handle of a record in a cell outlives the network like any
 * other. The owner holds every page until it is freed, so a cell's address
 * stays valid for the lookups, and the cell of a record replaced since is
 * not reused until then (at most one cell per id). */
#include "network/internal.h"

#include <string.h>

/* Cells start on a cache line after the block's header. */
#define KM__CELLS_LINE 64u

/* Fewer records than this seen: the stride is the asking record's size,
 * rounded up, plus KM__CELLS_ROOM bytes for the next ones and for a
 * lifecycle's growth (an agreement's signing times, 8 bytes a party, and
 * its rare fields, 40 bytes once it is amended or gets an end date:
 * agreement_internal.h). */
#define KM__CELLS_HISTORY 64u

typedef char km__cells_grain_aligns[(KM__CELLS_GRAIN % 8 == 0) ? 1 : -1];

void km__cells_init(km__cells *c, const km_allocator *a, size_t flag_at)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->flag_at = flag_at;
}

static size_t bucket_of(size_t size)
{
    size_t b = size ? (size - 1) / KM__CELLS_GRAIN : 0;
    return b < KM__CELLS_BUCKETS - 1 ? b : KM__CELLS_BUCKETS - 1;
}

/* The stride of a page made for a record of `size` bytes: the smallest
 * that holds 15 in 16 of the records seen so far (this one included), so
 * that a registry's usual records fit and its longest few, allocated on
 * their own, do not set the size of every cell; with little history yet,
 * this record's size and KM__CELLS_ROOM bytes of room. 0: longer than KM__CELLS_MAX, no
 * cells for now. */
static size_t choose_stride(const km__cell_sizes *s, size_t size)
{
    size_t b;
    uint64_t seen = 0;
    if (s->total < KM__CELLS_HISTORY) {
        b = bucket_of(size) + KM__CELLS_ROOM / KM__CELLS_GRAIN;
    } else {
        for (b = 0; b < KM__CELLS_BUCKETS - 1; b++) {
            seen += s->n[b];
            if (seen * 16 >= s->total * 15) break;
        }
    }
    return (b + 1) * KM__CELLS_GRAIN <= KM__CELLS_MAX ? (b + 1) * KM__CELLS_GRAIN : 0;
}

int km__cells_reserve(km__cells *c, uint64_t n)
{
    /* The entries added are pages not made (blk NULL). */
    return km__grow_zeroed(c->a, (void **)&c->pages, &c->n_pages,
                           (size_t)((n + KM__CELLS_PER_PAGE - 1) / KM__CELLS_PER_PAGE), sizeof *c->pages);
}

void km__cells_add_sizes(km__cells *c, const km__cell_sizes *s)
{
    size_t b;
    for (b = 0; b < KM__CELLS_BUCKETS; b++) c->sizes.n[b] += s->n[b];
    c->sizes.total += s->total;
}

/* Makes page pg with cells of `stride` bytes, none holding a record: what a
 * lookup and a take read of a cell before a record is built there, its
 * reference count and its flag byte, are zero (the rest is written by the
 * record; zeroing whole pages wrote the 600 MB of a million partners' and
 * two million agreements' cells twice at a snapshot open). 0 or
 * KM_ENOMEM. */
static int make_page(km__cells *c, km__ctx *owner, size_t pg, size_t stride)
{
    size_t bytes = sizeof(km__ctx) + KM__CELLS_LINE - 1 + (size_t)KM__CELLS_PER_PAGE * stride;
    km__ctx *b;
    uintptr_t at;
    size_t i;
    int rc;
    if ((rc = km__cells_reserve(c, ((uint64_t)pg + 1) * KM__CELLS_PER_PAGE)) != 0) return rc;
    if (!(b = (km__ctx *)km__malloc(&owner->alloc, bytes))) return km__nomem();
    memset(b, 0, sizeof *b);
    b->alloc = owner->alloc;
    b->refs = 1; /* the owner's hold, released by km__cells_free() */
    b->parent = owner;
    b->vocab = owner->vocab;
    km__ctx_ref(owner);
    at = ((uintptr_t)(b + 1) + KM__CELLS_LINE - 1) & ~(uintptr_t)(KM__CELLS_LINE - 1);
    c->pages[pg].blk = b;
    c->pages[pg].cells = (char *)b + (at - (uintptr_t)b);
    c->pages[pg].stride = stride;
    for (i = 0; i < KM__CELLS_PER_PAGE; i++) {
        char *cell = c->pages[pg].cells + i * stride;
        memset(cell, 0, sizeof(uint32_t));
        cell[c->flag_at] = 0;
    }
    return 0;
}

/* The cell of record id for a record of size bytes, its page made when
 * needed and the page's block reference taken into *ctx; NULL when it
 * does not fit, the cell is held, or the page cannot be made. */
static void *take(km__cells *c, km__cell_sizes *sizes, km__ctx *owner, uint64_t id, size_t size, km__ctx **ctx)
{
    const km__cell_page *page;
    char *cell;
    if (id == 0) return NULL;
    sizes->n[bucket_of(size)]++;
    sizes->total++;
    if (!km__cells_page(c, id)) {
        size_t stride = choose_stride(sizes, size);
        if (!stride || stride <= c->flag_at) return NULL; /* (records are longer than their header) */
        if (make_page(c, owner, (size_t)((id - 1) / KM__CELLS_PER_PAGE), stride) != 0) {
            km__err_clear(); /* not an error: the record goes elsewhere */
            return NULL;
        }
    }
    page = km__cells_page(c, id);
    if (size > page->stride) return NULL;
    cell = (char *)km__cells_at(c, id);
    /* A record left by a creation taken back is released when its refs
     * reach 0; a handle may still hold it (read inside the transaction),
     * and then the cell is not free. */
    if (__atomic_load_n((const uint32_t *)(const void *)cell, __ATOMIC_ACQUIRE) != 0) return NULL;
    km__ctx_ref(page->blk);
    *ctx = page->blk;
    return cell;
}

void *km__cells_alloc(km__cells *c, km__cell_sizes *sizes, km__ctx *owner, km__slab *slab, uint64_t id, size_t size,
                      km__ctx **ctx, int *placed)
{
    void *p = sizes ? take(c, sizes, owner, id, size, ctx) : NULL;
    *placed = p != NULL;
    return p ? p : km__rec_alloc(owner, slab, size, ctx);
}

void km__cells_free(km__cells *c)
{
    size_t i;
    for (i = 0; i < c->n_pages; i++) km__ctx_unref(c->pages[i].blk);
    km__free(c->a, c->pages);
    c->pages = NULL;
    c->n_pages = 0;
}
