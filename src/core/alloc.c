#include "core/alloc.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

static void *libc_malloc(void *payload, size_t size) { (void)payload; return malloc(size); }
static void *libc_realloc(void *payload, void *p, size_t size) { (void)payload; return realloc(p, size); }
static void libc_free(void *payload, void *p) { (void)payload; free(p); }

const km_allocator km__default_allocator = {
    KM_ALLOCATOR_VERSION, libc_malloc, libc_realloc, libc_free, NULL
};

int km__alloc_is_libc(const km_allocator *a)
{
    return a->malloc_fn == libc_malloc && a->realloc_fn == libc_realloc && a->free_fn == libc_free;
}

void *km__malloc(const km_allocator *a, size_t size)
{
    if (size == 0) size = 1; /* never hand out the ambiguous malloc(0) */
    return a->malloc_fn(a->payload, size);
}

void *km__calloc(const km_allocator *a, size_t n, size_t size)
{
    void *p;
    if (size != 0 && n > SIZE_MAX / size) return NULL;
    p = km__malloc(a, n * size);
    if (p && n * size != 0) memset(p, 0, n * size);
    return p;
}

void *km__realloc(const km_allocator *a, void *p, size_t size)
{
    /* realloc_fn is mandatory in a host allocator (checked when a network
     * is opened), so there is no fallback path to get wrong here. */
    if (size == 0) size = 1;
    return a->realloc_fn(a->payload, p, size);
}

int km__grow(const km_allocator *a, void **p, size_t *cap, size_t need, size_t elem_size)
{
    size_t ncap;
    void *q;
    if (need <= *cap) return 0;
    ncap = *cap ? *cap : 4;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) { ncap = need; break; }
        ncap *= 2;
    }
    if (elem_size != 0 && ncap > SIZE_MAX / elem_size) return km__nomem();
    q = km__realloc(a, *p, ncap * elem_size);
    if (!q) return km__nomem();
    *p = q;
    *cap = ncap;
    return 0;
}

int km__grow_zeroed(const km_allocator *a, void **p, size_t *cap, size_t need, size_t elem_size)
{
    size_t old = *cap;
    int rc = km__grow(a, p, cap, need, elem_size);
    if (rc == 0 && *cap > old) memset((char *)*p + old * elem_size, 0, (*cap - old) * elem_size);
    return rc;
}

void *km__install(const km_allocator *a, void **where, void *fresh)
{
    void *none = NULL;
    if (__atomic_compare_exchange_n(where, &none, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return fresh;
    km__free(a, fresh);
    return none;
}

void km__free(const km_allocator *a, void *p)
{
    if (p) a->free_fn(a->payload, p);
}

char *km__strndup(const km_allocator *a, const char *s, size_t len)
{
    char *d;
    if (len == SIZE_MAX) return NULL;
    d = (char *)km__malloc(a, len + 1);
    if (!d) return NULL;
    if (len) memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *km__strdup(const km_allocator *a, const char *s)
{
    return km__strndup(a, s, strlen(s));
}

int km__allocator_check(const km_allocator *a, km_allocator *out)
{
    if (!a || (!a->malloc_fn && !a->realloc_fn && !a->free_fn)) {
        *out = km__default_allocator;
        if (a) out->payload = a->payload;
        return 0;
    }
    if (a->version != KM_ALLOCATOR_VERSION)
        return km__err(KM_EVERSION, "allocator.version", "unknown version %u", "versi %u tidak dikenal", a->version);
    if (!a->malloc_fn || !a->realloc_fn || !a->free_fn)
        return km__err(KM_EINVAL, "allocator", "malloc_fn, realloc_fn and free_fn must all be set",
                       "malloc_fn, realloc_fn dan free_fn harus diisi semuanya");
    *out = *a;
    return 0;
}
