/* page.c: the one paged-listing driver (see page.h). */
#include "network/page.h"

#include <stdio.h>
#include <string.h>

#include "util/cursor.h"
#include "util/prefetch.h"

#define BATCH 32

static int page_limit(uint32_t limit, uint32_t *out)
{
    if (limit > KM__PAGE_MAX)
        return km__err(KM_EINVAL, "query.limit", "%u is more than %d", "%u lebih dari %d", limit, KM__PAGE_MAX);
    *out = limit ? limit : KM__PAGE_DEFAULT;
    return 0;
}

size_t km__page_walk(int (*next)(void *plan, km_network *net, uint64_t from, uint64_t *next), void *plan,
                     km_network *net, uint64_t from, uint64_t *ids, size_t max)
{
    size_t n = 0;
    while (n < max && next(plan, net, from, &ids[n]) == 1) from = ids[n++] + 1;
    return n;
}

static size_t take(const km__page_src *src, void *plan, km_network *net, uint64_t from, uint64_t *ids, size_t max)
{
    return src->fill ? src->fill(plan, net, from, ids, max) : km__page_walk(src->next, plan, net, from, ids, max);
}

int km__page_list(km__page **out, size_t size, km_network *net, const km__page_src *src, void *plan,
                  const char *cursor, uint32_t limit, size_t bound)
{
    km__page *page;
    uint64_t after = 0, id, next = 0;
    size_t room;
    int rc;
    *out = NULL;
    if ((rc = km__cursor_parse(cursor, src->prefix, src->cursor_fn, &after)) != 0) return rc;
    if ((rc = page_limit(limit, &limit)) != 0) return rc;
    id = after + 1;
    room = bound < limit ? bound : limit;
    /* The records' room rides with the page: one allocation, sized by what
     * can match (a partner is in a few agreements, not in a page's worth). */
    page = (km__page *)km__malloc(net->a, size + room * sizeof(void *));
    if (!page) return km__nomem();
    memset(page, 0, size);
    page->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    page->items = (void **)(void *)((char *)page + size);
    page->unref = src->unref;
    /* Ids first, then their slots and records, a batch at a time: at a
     * million records each is a cache miss, and asking for a batch
     * together lets the misses overlap (util/prefetch.h). */
    for (;;) {
        uint64_t batch[BATCH];
        size_t want = room - page->n < BATCH ? room - page->n : BATCH, nb, k;
        nb = want ? take(src, plan, net, id, batch, want) : 0;
        if (nb) id = batch[nb - 1] + 1;
        if (src->slot)
            for (k = 0; k < nb; k++) KM__PREFETCH(src->slot(net, batch[k]));
        for (k = 0; k < nb; k++) {
            /* A listing reads the record's first lines (status, dates,
             * amounts sit there). */
            const char *r = (const char *)src->get(net, batch[k]);
            KM__PREFETCH(r);
            KM__PREFETCH(r + 64);
        }
        for (k = 0; k < nb; k++) {
            void *r = src->get(net, batch[k]);
            src->ref(r);
            page->items[page->n++] = r;
        }
        if (nb < want || page->n == room) break;
    }
    /* One match looked ahead, so that the last page carries no cursor. */
    if (page->n == limit && take(src, plan, net, id, &next, 1) == 1) {
        snprintf(page->cursor, sizeof page->cursor, "%s%llu", src->prefix, (unsigned long long)(id - 1));
        page->has_cursor = 1;
    }
    *out = page;
    return 0;
}

uint64_t km__page_count_matches(km_network *net, const km__page_src *src, void *plan)
{
    uint64_t id = 1, next, n = 0;
    while (src->next(plan, net, id, &next) == 1) {
        n++;
        id = next + 1;
    }
    return n;
}

void km__page_free(km__page *page)
{
    size_t i;
    km__ctx *ctx;
    if (!page) return;
    ctx = page->ctx;
    for (i = 0; i < page->n; i++) page->unref(page->items[i]);
    km__free(&ctx->alloc, page);
    km__ctx_unref(ctx);
}

size_t km__page_count(const km__page *page) { return page ? page->n : 0; }

const void *km__page_get(const km__page *page, size_t i) { return page && i < page->n ? page->items[i] : NULL; }

const char *km__page_cursor(const km__page *page) { return page && page->has_cursor ? page->cursor : NULL; }
