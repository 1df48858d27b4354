/* String -> uint64 hash map with borrowed keys (see strmap.h for the
 * allocation guarantees). Linear probing with backward-shift deletion: no
 * tombstones, so a removed key can always be put back without growing, and
 * lookups of absent keys stay short however many removals happened. */
#include "util/strmap.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/probe.h"

#include <string.h>


/* ---- hashing: the short-input path of XXH64, written from its spec ------- */

#define P1 UINT64_C(0x9E3779B185EBCA87)
#define P2 UINT64_C(0xC2B2AE3D27D4EB4F)
#define P3 UINT64_C(0x165667B19E3779F9)
#define P4 UINT64_C(0x85EBCA77C2B2AE63)
#define P5 UINT64_C(0x27D4EB2F165667C5)

static uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

/* The map lives in memory only, so native byte order is fine: the hash never
 * has to match across machines. memcpy keeps unaligned reads defined. */
static uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

uint64_t km__hash_bytes(const char *key, size_t len)
{
    const unsigned char *p = (const unsigned char *)key;
    uint64_t h = P5 + (uint64_t)len;
    while (len >= 8) {
        uint64_t k = rotl64(rd64(p) * P2, 31) * P1;
        h ^= k;
        h = rotl64(h, 27) * P1 + P4;
        p += 8;
        len -= 8;
    }
    if (len >= 4) {
        h ^= (uint64_t)rd32(p) * P1;
        h = rotl64(h, 23) * P2 + P3;
        p += 4;
        len -= 4;
    }
    while (len > 0) {
        h ^= (uint64_t)*p * P5;
        h = rotl64(h, 11) * P1;
        p++;
        len--;
    }
    /* Final avalanche so the low bits used for the slot index depend on
     * every input bit. */
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}

static uint32_t tag_of(const char *key, size_t len)
{
    uint32_t t = (uint32_t)km__hash_bytes(key, len);
    return t ? t : 1u; /* 0 marks an empty slot */
}

static int same_key(const km__strmap_slot *s, uint32_t tag, const char *key, size_t len)
{
    /* memcmp with a NULL pointer is undefined even for 0 bytes. */
    return s->tag == tag && s->len == len && (len == 0 || memcmp(s->key, key, len) == 0);
}

/* Slot index holding key, or cap if absent. */
static size_t find(const km__strmap *m, uint32_t tag, const char *key, size_t len)
{
    size_t mask, i;
    if (m->cap == 0) return 0; /* == cap: absent */
    mask = m->cap - 1;
    for (i = tag & mask; m->slots[i].tag != 0; i = (i + 1) & mask)
        if (same_key(&m->slots[i], tag, key, len)) return i;
    return m->cap;
}

static size_t slot_home(const void *slot) { return ((const km__strmap_slot *)slot)->tag; }
static int slot_used(const void *slot) { return ((const km__strmap_slot *)slot)->tag != 0; }
static const km__probe_ops ops = { sizeof(km__strmap_slot), slot_home, slot_used };

/* Makes room for `need` live entries in total. */
static int ensure(km__strmap *m, size_t need)
{
    return km__probe_ensure(m->a, &ops, (void **)&m->slots, &m->cap, need);
}

void km__strmap_init(km__strmap *m, const km_allocator *a)
{
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
    m->a = a ? a : &km__default_allocator;
}

void km__strmap_free(km__strmap *m)
{
    km__free(m->a, m->slots);
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
}

int km__strmap_get(const km__strmap *m, const char *key, size_t len, uint64_t *out)
{
    size_t i;
    if (m->count == 0 || (uint64_t)len > UINT32_MAX) return 0;
    i = find(m, tag_of(key, len), key, len);
    if (i == m->cap) return 0;
    if (out) *out = m->slots[i].value;
    return 1;
}

int km__strmap_put(km__strmap *m, const char *key, size_t len, uint64_t value)
{
    uint32_t tag;
    size_t i, mask;
    int rc;
    if ((uint64_t)len > UINT32_MAX)
        return km__err(KM_EINVAL, "key", "key is longer than 4 GiB",
                       "kunci lebih panjang dari 4 GiB");
    tag = tag_of(key, len);
    i = find(m, tag, key, len);
    if (i < m->cap) {
        m->slots[i].key = key;
        m->slots[i].value = value;
        return 0;
    }
    rc = ensure(m, m->count + 1);
    if (rc) return rc;
    mask = m->cap - 1;
    for (i = tag & mask; m->slots[i].tag != 0; i = (i + 1) & mask) {}
    m->slots[i].key = key;
    m->slots[i].len = (uint32_t)len;
    m->slots[i].tag = tag;
    m->slots[i].value = value;
    m->count++;
    return 0;
}

int km__strmap_remove(km__strmap *m, const char *key, size_t len)
{
    size_t i;
    if (m->count == 0 || (uint64_t)len > UINT32_MAX) return 0;
    i = find(m, tag_of(key, len), key, len);
    if (i == m->cap) return 0;
    km__probe_remove(&ops, m->slots, m->cap, i);
    m->count--;
    return 1;
}

int km__strmap_reserve(km__strmap *m, size_t extra)
{
    if (extra > SIZE_MAX - m->count) return km__nomem();
    return ensure(m, m->count + extra);
}

size_t km__strmap_count(const km__strmap *m) { return m->count; }
