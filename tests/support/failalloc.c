/* Failing, leak-counting allocator for tests (see failalloc.h). Each block
 * carries a header with its size in front, so frees and reallocs can keep
 * live_bytes exact without a side table. */
#include "support/failalloc.h"

#include <stdlib.h>

/* A header sized and aligned like the most demanding scalar types, so the
 * block handed out keeps malloc's alignment guarantees. */
typedef union hdr {
    size_t size;
    long double ld;
    double d;
    void *p;
    long long ll;
} hdr;

static int must_fail(km_test_alloc *t)
{
    t->calls++;
    if (t->fail_at >= 0 && t->calls >= t->fail_at && (t->fail_for < 0 || t->calls < t->fail_at + t->fail_for)) {
        t->failures++;
        return 1;
    }
    return 0;
}

static void *ta_malloc(void *payload, size_t size)
{
    km_test_alloc *t = (km_test_alloc *)payload;
    hdr *h;
    if (must_fail(t)) return NULL;
    if (size > (size_t)-1 - sizeof(hdr)) return NULL;
    h = (hdr *)malloc(sizeof(hdr) + size);
    if (!h) return NULL;
    h->size = size;
    t->live++;
    t->live_bytes += size;
    return h + 1;
}

static void *ta_realloc(void *payload, void *ptr, size_t size)
{
    km_test_alloc *t = (km_test_alloc *)payload;
    hdr *h, *nh;
    size_t old;
    if (!ptr) return ta_malloc(payload, size);
    if (must_fail(t)) return NULL;
    if (size > (size_t)-1 - sizeof(hdr)) return NULL;
    h = (hdr *)ptr - 1;
    old = h->size;
    nh = (hdr *)realloc(h, sizeof(hdr) + size);
    if (!nh) return NULL;
    nh->size = size;
    t->live_bytes = t->live_bytes - old + size;
    return nh + 1;
}

static void ta_free(void *payload, void *ptr)
{
    km_test_alloc *t = (km_test_alloc *)payload;
    hdr *h;
    if (!ptr) return;
    h = (hdr *)ptr - 1;
    t->live--;
    t->live_bytes -= h->size;
    free(h);
}

void km_test_alloc_init(km_test_alloc *t)
{
    t->base.version = KM_ALLOCATOR_VERSION;
    t->base.malloc_fn = ta_malloc;
    t->base.realloc_fn = ta_realloc;
    t->base.free_fn = ta_free;
    t->base.payload = t;
    t->fail_at = -1;
    t->fail_for = -1;
    t->calls = 0;
    t->live = 0;
    t->live_bytes = 0;
    t->failures = 0;
}

void km_test_alloc_fail_at(km_test_alloc *t, long n)
{
    t->failures = 0;
    t->fail_at = n < 0 ? -1 : t->calls + n;
    t->fail_for = -1;
}

void km_test_alloc_fail_span(km_test_alloc *t, long n, long count)
{
    km_test_alloc_fail_at(t, n);
    t->fail_for = count;
}

km_allocator *km_test_alloc_get(km_test_alloc *t) { return &t->base; }
