/* uint64 -> uint64 hash map (see u64map.h for the allocation guarantees).
 * Linear probing with backward-shift deletion (util/probe.c); the home slot
 * is recomputed from the key, which is cheaper than storing a hash. */
#include "util/u64map.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/probe.h"

/* splitmix64's finalizer: ids are often sequential, and without a full
 * avalanche they would fill one dense run of slots. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= UINT64_C(0xbf58476d1ce4e5b9);
    x ^= x >> 27;
    x *= UINT64_C(0x94d049bb133111eb);
    x ^= x >> 31;
    return x;
}


/* Entries held in the table proper (key 0 lives beside it). */
static size_t table_count(const km__u64map *m) { return m->count - (m->has_zero ? 1u : 0u); }

/* Slot index holding key (!= 0), or cap if absent. */
static size_t find(const km__u64map *m, uint64_t key)
{
    size_t mask, i;
    if (m->cap == 0) return 0; /* == cap: absent */
    mask = m->cap - 1;
    for (i = (size_t)mix64(key) & mask; m->slots[i].key != 0; i = (i + 1) & mask)
        if (m->slots[i].key == key) return i;
    return m->cap;
}

static size_t slot_home(const void *slot) { return (size_t)mix64(((const km__u64map_slot *)slot)->key); }
static int slot_used(const void *slot) { return ((const km__u64map_slot *)slot)->key != 0; }
static const km__probe_ops ops = { sizeof(km__u64map_slot), slot_home, slot_used };

/* Makes room for `need` entries in the table. */
static int ensure(km__u64map *m, size_t need)
{
    return km__probe_ensure(m->a, &ops, (void **)&m->slots, &m->cap, need);
}

void km__u64map_init(km__u64map *m, const km_allocator *a)
{
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
    m->zero_value = 0;
    m->has_zero = 0;
    m->a = a ? a : &km__default_allocator;
}

void km__u64map_free(km__u64map *m)
{
    km__free(m->a, m->slots);
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
    m->zero_value = 0;
    m->has_zero = 0;
}

int km__u64map_get(const km__u64map *m, uint64_t key, uint64_t *out)
{
    size_t i;
    if (key == 0) {
        if (!m->has_zero) return 0;
        if (out) *out = m->zero_value;
        return 1;
    }
    i = find(m, key);
    if (i == m->cap) return 0;
    if (out) *out = m->slots[i].value;
    return 1;
}

int km__u64map_put(km__u64map *m, uint64_t key, uint64_t value)
{
    size_t i, mask;
    int rc;
    if (key == 0) {
        if (!m->has_zero) m->count++;
        m->has_zero = 1;
        m->zero_value = value;
        return 0;
    }
    i = find(m, key);
    if (i < m->cap) {
        m->slots[i].value = value;
        return 0;
    }
    rc = ensure(m, table_count(m) + 1);
    if (rc) return rc;
    mask = m->cap - 1;
    for (i = (size_t)mix64(key) & mask; m->slots[i].key != 0; i = (i + 1) & mask) {}
    m->slots[i].key = key;
    m->slots[i].value = value;
    m->count++;
    return 0;
}

int km__u64map_remove(km__u64map *m, uint64_t key)
{
    size_t i;
    if (key == 0) {
        if (!m->has_zero) return 0;
        m->has_zero = 0;
        m->zero_value = 0;
        m->count--;
        return 1;
    }
    i = find(m, key);
    if (i == m->cap) return 0;
    km__probe_remove(&ops, m->slots, m->cap, i);
    m->count--;
    return 1;
}

int km__u64map_reserve(km__u64map *m, size_t extra)
{
    size_t tc = table_count(m);
    if (extra > SIZE_MAX - tc) return km__nomem();
    return ensure(m, tc + extra);
}

size_t km__u64map_count(const km__u64map *m) { return m->count; }
