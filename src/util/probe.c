/* Growing and removing for the open-addressing maps (see probe.h). */
#include "util/probe.h"
#include "core/alloc.h"
#include "core/error.h"

#include <stdint.h>
#include <string.h>

#define MIN_CAP ((size_t)8)
/* Homes come from 32-bit tags in the string maps, so more than 2^31 slots
 * would not spread further; it also keeps clear of 32-bit size_t. */
#define MAX_CAP ((size_t)1 << 31)

int km__probe_ensure(const km_allocator *a, const km__probe_ops *ops, void **slots, size_t *cap, size_t need)
{
    unsigned char *ns;
    const unsigned char *os = (const unsigned char *)*slots;
    size_t ncap, mask, i;
    if (need <= km__probe_max_load(*cap)) return 0;
    ncap = *cap ? *cap : MIN_CAP;
    while (km__probe_max_load(ncap) < need) {
        if (ncap >= MAX_CAP || ncap > SIZE_MAX / 2 / ops->size) return km__nomem();
        ncap <<= 1;
    }
    ns = (unsigned char *)km__calloc(a, ncap, ops->size);
    if (!ns) return km__nomem();
    mask = ncap - 1;
    for (i = 0; i < *cap; i++) {
        const unsigned char *s = os + i * ops->size;
        size_t j;
        if (!ops->used(s)) continue;
        for (j = ops->home(s) & mask; ops->used(ns + j * ops->size); j = (j + 1) & mask) {}
        memcpy(ns + j * ops->size, s, ops->size);
    }
    km__free(a, *slots);
    *slots = ns;
    *cap = ncap;
    return 0;
}

void km__probe_remove(const km__probe_ops *ops, void *slots, size_t cap, size_t i)
{
    unsigned char *t = (unsigned char *)slots;
    size_t mask = cap - 1, j;
    for (j = (i + 1) & mask; ops->used(t + j * ops->size); j = (j + 1) & mask) {
        size_t home = ops->home(t + j * ops->size) & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
            memcpy(t + i * ops->size, t + j * ops->size, ops->size);
            i = j;
        }
    }
    memset(t + i * ops->size, 0, ops->size);
}
