/* Partner cells: each partner's record at an address computed from its id
 * (see KM__PCELL_PER_PAGE in partner_internal.h for why). A page is a
 * block like a slab's (network/slab.c): a km__ctx whose refs count the
 * registry's hold and each record in it, and whose parent is the
 * network's context, so a handle of a record in a cell outlives the
 * network like any other. The registry holds every page until it is
 * freed, so a cell's address stays valid for the lookups, and the cell of
 * a record replaced since is not reused until then (at most one cell per
 * partner). */
#include "partner/partner.h"

#include <stdint.h>
#include <string.h>

/* Cells start on a cache line after the block's header. */
#define KM__PCELL_LINE 64u

/* Strides are multiples of 8 (a km_partner's alignment) and hold a header. */
typedef char km__pcell_grain_fits[(KM__PCELL_GRAIN % 8 == 0 && KM__PCELL_MAX >= 2 * sizeof(km_partner)) ? 1 : -1];

/* Fewer records than this seen: the stride is the asking record's size,
 * rounded up, plus a grain of room for the next ones. */
#define KM__PCELL_HISTORY 64u

static size_t bucket_of(size_t size)
{
    size_t b = size ? (size - 1) / KM__PCELL_GRAIN : 0;
    return b < KM__PCELL_BUCKETS - 1 ? b : KM__PCELL_BUCKETS - 1;
}

/* The stride of a page made for a record of `size` bytes: the smallest
 * that holds 15 in 16 of the records seen so far (this one included), so
 * that a registry's usual records fit and its longest few, allocated on
 * their own, do not set the size of every cell; with little history yet,
 * this record's size and a grain of room. 0: longer than KM__PCELL_MAX, no
 * cells for now. */
static size_t choose_stride(const km__partners *ps, size_t size)
{
    size_t b;
    uint64_t seen = 0;
    if (ps->cell_sizes_n < KM__PCELL_HISTORY) {
        b = bucket_of(size) + 1;
    } else {
        for (b = 0; b < KM__PCELL_BUCKETS - 1; b++) {
            seen += ps->cell_sizes[b];
            if (seen * 16 >= ps->cell_sizes_n * 15) break;
        }
    }
    return (b + 1) * KM__PCELL_GRAIN <= KM__PCELL_MAX ? (b + 1) * KM__PCELL_GRAIN : 0;
}

/* Makes page pg (zeroed: no cell holds a record) with cells of `stride`
 * bytes. 0 or KM_ENOMEM. */
static int make_page(km__partners *ps, km__ctx *owner, size_t pg, size_t stride)
{
    size_t bytes = sizeof(km__ctx) + KM__PCELL_LINE - 1 + (size_t)KM__PCELL_PER_PAGE * stride;
    km__ctx *b;
    uintptr_t at;
    if (pg >= ps->n_cell_pages) {
        size_t cap = ps->n_cell_pages, old = cap;
        int rc = km__grow(ps->a, (void **)&ps->cell_pages, &cap, pg + 1, sizeof *ps->cell_pages);
        if (rc) return rc;
        memset(ps->cell_pages + old, 0, (cap - old) * sizeof *ps->cell_pages);
        ps->n_cell_pages = cap;
    }
    if (!(b = (km__ctx *)km__malloc(&owner->alloc, bytes))) return km__nomem();
    memset(b, 0, bytes);
    b->alloc = owner->alloc;
    b->refs = 1; /* the registry's hold, released by km__pcells_free() */
    b->parent = owner;
    km__ctx_ref(owner);
    at = ((uintptr_t)(b + 1) + KM__PCELL_LINE - 1) & ~(uintptr_t)(KM__PCELL_LINE - 1);
    ps->cell_pages[pg].blk = b;
    ps->cell_pages[pg].cells = (char *)b + (at - (uintptr_t)b);
    ps->cell_pages[pg].stride = stride;
    return 0;
}

void *km__pcell_take(km__partners *ps, km__ctx *owner, uint64_t id, size_t size, km__ctx **ctx)
{
    size_t pg;
    km__pcell_page *page;
    km_partner *c;
    if (id == 0) return NULL;
    ps->cell_sizes[bucket_of(size)]++;
    ps->cell_sizes_n++;
    pg = (size_t)((id - 1) / KM__PCELL_PER_PAGE);
    if (pg >= ps->n_cell_pages || !ps->cell_pages[pg].blk) {
        size_t stride = choose_stride(ps, size);
        if (!stride) return NULL;
        if (make_page(ps, owner, pg, stride) != 0) {
            km__err_clear(); /* not an error: the record goes elsewhere */
            return NULL;
        }
    }
    page = &ps->cell_pages[pg];
    if (size > page->stride) return NULL;
    c = (km_partner *)(void *)(page->cells + (size_t)((id - 1) % KM__PCELL_PER_PAGE) * page->stride);
    /* A record left by a creation taken back is released when its refs
     * reach 0; a handle may still hold it (read inside the transaction),
     * and then the cell is not free. */
    if (__atomic_load_n(&c->refs, __ATOMIC_ACQUIRE) != 0) return NULL;
    km__ctx_ref(page->blk);
    *ctx = page->blk;
    return c;
}

void km__pcells_free(km__partners *ps)
{
    size_t i;
    for (i = 0; i < ps->n_cell_pages; i++) km__ctx_unref(ps->cell_pages[i].blk);
    km__free(ps->a, ps->cell_pages);
    ps->cell_pages = NULL;
    ps->n_cell_pages = 0;
}
