/* Partner cells: each partner's record at an address computed from its id
 * (see KM__PCELL_SIZE in partner_internal.h for why). A page is a block
 * like a slab's (network/slab.c): a km__ctx whose refs count the
 * registry's hold and each record in it, and whose parent is the
 * network's context, so a handle of a record in a cell outlives the
 * network like any other. The registry holds every page until it is
 * freed, so a cell's address stays valid for the lookups, and a record
 * replaced since stays in its cell until then (at most one cell per
 * partner). */
#include "partner/partner.h"

#include <stdint.h>
#include <string.h>

/* Cells start on a cache line after the block's header. */
#define KM__PCELL_LINE 64u
#define KM__PCELL_BLOCK (sizeof(km__ctx) + KM__PCELL_LINE - 1 + (size_t)KM__PCELL_PER_PAGE * KM__PCELL_SIZE)

/* A cell is a km_partner: the size keeps every cell 8-byte aligned. */
typedef char km__pcell_size_is_aligned[(KM__PCELL_SIZE % 8 == 0 && KM__PCELL_SIZE >= sizeof(km_partner)) ? 1 : -1];

/* Makes page pg (zeroed: no cell holds a record). 0 or KM_ENOMEM. */
static int make_page(km__partners *ps, km__ctx *owner, size_t pg)
{
    km__ctx *b;
    uintptr_t at;
    if (pg >= ps->n_cell_pages) {
        size_t cap = ps->n_cell_pages, old = cap;
        int rc = km__grow(ps->a, (void **)&ps->cell_pages, &cap, pg + 1, sizeof *ps->cell_pages);
        if (rc) return rc;
        memset(ps->cell_pages + old, 0, (cap - old) * sizeof *ps->cell_pages);
        ps->n_cell_pages = cap;
    }
    if (!(b = (km__ctx *)km__malloc(&owner->alloc, KM__PCELL_BLOCK))) return km__nomem();
    memset(b, 0, KM__PCELL_BLOCK);
    b->alloc = owner->alloc;
    b->refs = 1; /* the registry's hold, released by km__pcells_free() */
    b->parent = owner;
    km__ctx_ref(owner);
    at = ((uintptr_t)(b + 1) + KM__PCELL_LINE - 1) & ~(uintptr_t)(KM__PCELL_LINE - 1);
    ps->cell_pages[pg].blk = b;
    ps->cell_pages[pg].cells = (char *)b + (at - (uintptr_t)b);
    return 0;
}

void *km__pcell_take(km__partners *ps, km__ctx *owner, uint64_t id, size_t size, km__ctx **ctx)
{
    size_t pg;
    km_partner *c;
    if (id == 0 || size > KM__PCELL_SIZE) return NULL;
    pg = (size_t)((id - 1) / KM__PCELL_PER_PAGE);
    if ((pg >= ps->n_cell_pages || !ps->cell_pages[pg].blk) && make_page(ps, owner, pg) != 0) {
        km__err_clear(); /* not an error: the record goes elsewhere */
        return NULL;
    }
    c = (km_partner *)(void *)(ps->cell_pages[pg].cells + (size_t)((id - 1) % KM__PCELL_PER_PAGE) * KM__PCELL_SIZE);
    /* A record left by a creation taken back is released when its refs
     * reach 0; a handle may still hold it (read inside the transaction),
     * and then the cell is not free. */
    if (__atomic_load_n(&c->refs, __ATOMIC_ACQUIRE) != 0) return NULL;
    km__ctx_ref(ps->cell_pages[pg].blk);
    *ctx = ps->cell_pages[pg].blk;
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
