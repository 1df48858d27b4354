/* Paged id sets keyed by id; see idsets.h. */
#include "util/idsets.h"
#include "core/alloc.h"
#include "core/error.h"

#include <stdint.h>

/* Pages start on a cache line, so that each 64-byte set (idset.h) is one
 * line and not two: the first read of a partner's agreements (its count,
 * then its inline ids) is one miss. The allocation is a line larger and
 * keeps its own address in the word before the page. */
#define PAGE_ALIGN 64u

static km__idset *page_new(const km_allocator *a)
{
    char *raw = (char *)km__malloc(a, KM__IDSETS_PAGE * sizeof(km__idset) + PAGE_ALIGN + sizeof(void *));
    km__idset *page;
    size_t i;
    if (!raw) return NULL;
    page = (km__idset *)(void *)(raw + sizeof(void *) +
                                 ((PAGE_ALIGN - ((uintptr_t)(raw + sizeof(void *)) & (PAGE_ALIGN - 1))) & (PAGE_ALIGN - 1)));
    ((void **)(void *)page)[-1] = raw;
    for (i = 0; i < KM__IDSETS_PAGE; i++) km__idset_init(&page[i], a);
    return page;
}

static void page_free(const km_allocator *a, km__idset *page)
{
    size_t i;
    for (i = 0; i < KM__IDSETS_PAGE; i++) km__idset_free(&page[i]);
    km__free(a, ((void **)(void *)page)[-1]);
}

int km__idsets_reserve(km__idsets *s, const km_allocator *a, uint64_t key)
{
    uint64_t pg;
    km__idset *page;
    size_t i;
    if (key == 0) return 0;
    pg = (key - 1) >> KM__IDSETS_SHIFT;
    if (pg >= s->n_pages) {
        size_t want = s->n_pages ? s->n_pages : 16;
        km__idset **p;
        if (pg >= SIZE_MAX / 2 / sizeof *p) return km__nomem();
        while (want <= pg) want *= 2;
        p = (km__idset **)km__realloc(a, s->pages, want * sizeof *p);
        if (!p) return km__nomem();
        for (i = s->n_pages; i < want; i++) p[i] = NULL;
        s->pages = p;
        s->n_pages = want;
    }
    if (s->pages[pg]) return 0;
    if ((page = page_new(a)) == NULL) return km__nomem(); /* the larger page table stays: harmless */
    s->pages[pg] = page;
    return 0;
}

int km__idsets_add(km__idsets *s, const km_allocator *a, uint64_t key, uint64_t id)
{
    int rc;
    if (key == 0) return 0;
    if ((rc = km__idsets_reserve(s, a, key)) != 0) return rc;
    return km__idset_add(km__idsets_at(s, key), id);
}

void km__idsets_remove(km__idsets *s, uint64_t key, uint64_t id)
{
    km__idset *set = km__idsets_at(s, key);
    if (set) km__idset_remove(set, id);
}

void km__idsets_free(km__idsets *s, const km_allocator *a)
{
    size_t p;
    for (p = 0; p < s->n_pages; p++)
        if (s->pages[p]) page_free(a, s->pages[p]);
    km__free(a, s->pages);
    s->pages = NULL;
    s->n_pages = 0;
}
