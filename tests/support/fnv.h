/* FNV-1a over what a test reads back from a network, to compare two states
 * (before and after a reopen, a failed change, a crash) in one number. */
#ifndef KM_TESTS_FNV_H
#define KM_TESTS_FNV_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/* The NUL is hashed too, so "ab","c" and "a","bc" differ; NULL hashes as a
 * byte no string of a record holds. */
static uint64_t fnv_str(uint64_t h, const char *s) { return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "\xff", 1); }
static uint64_t fnv_u64(uint64_t h, uint64_t v) { return fnv(h, &v, sizeof v); }

#endif
