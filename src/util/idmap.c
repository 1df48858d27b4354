/* Unique key -> record id map with 16-byte slots and NUL-terminated
 * borrowed keys (see idmap.h). The probing, growth and backward-shift
 * deletion are those of strmap.c. */
#include "util/idmap.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/prefetch.h"
#include "util/probe.h"
#include "util/strmap.h"

#include <string.h>

static uint32_t tag_of(const char *key, size_t len) { return (uint32_t)km__hash_bytes(key, len); }

/* The stored key ends at its NUL, and its length is not kept. A query
 * never has a NUL inside (puts take keys from records, which have none;
 * km__idmap_get turns such a query away), so when strncmp finds the first
 * len bytes equal they are all non-NUL in the stored key too, and reading
 * its byte len stays inside it. strncmp rather
 * than a byte loop: the compare runs once per lookup, and a loop over a
 * 20-byte key was half of a lookup's instructions. */
static int same_key(const km__idmap_slot *s, uint32_t tag, const char *key, size_t len)
{
    return s->tag == tag && strncmp(s->key, key, len) == 0 && s->key[len] == '\0';
}

/* Slot index holding key, or cap if absent. */
static size_t find(const km__idmap *m, uint32_t tag, const char *key, size_t len)
{
    size_t mask, i;
    if (m->cap == 0) return 0; /* == cap: absent */
    mask = m->cap - 1;
    for (i = tag & mask; m->slots[i].key; i = (i + 1) & mask)
        if (same_key(&m->slots[i], tag, key, len)) return i;
    return m->cap;
}

static size_t slot_home(const void *slot) { return ((const km__idmap_slot *)slot)->tag; }
static int slot_used(const void *slot) { return ((const km__idmap_slot *)slot)->key != NULL; }
static const km__probe_ops ops = { sizeof(km__idmap_slot), slot_home, slot_used };

/* Makes room for `need` live entries in total. */
static int ensure(km__idmap *m, size_t need)
{
    return km__probe_ensure(m->a, &ops, (void **)&m->slots, &m->cap, need);
}

static int check_id(uint64_t id)
{
    if (id == 0 || id > UINT32_MAX)
        return km__err(KM_ERANGE, "id", "%llu is outside 1..4294967295, the ids a unique index holds",
                       "%llu di luar 1..4294967295, id yang dapat dimuat indeks unik", (unsigned long long)id);
    return 0;
}

/* Puts a key known to be absent; room is there. */
static void insert(km__idmap *m, const char *key, uint32_t tag, uint64_t id)
{
    size_t mask = m->cap - 1, i;
    for (i = tag & mask; m->slots[i].key; i = (i + 1) & mask) {}
    m->slots[i].key = key;
    m->slots[i].tag = tag;
    m->slots[i].id = (uint32_t)id;
    m->count++;
}

void km__idmap_init(km__idmap *m, const km_allocator *a)
{
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
    m->a = a ? a : &km__default_allocator;
}

void km__idmap_free(km__idmap *m)
{
    km__free(m->a, m->slots);
    m->slots = NULL;
    m->cap = 0;
    m->count = 0;
}

uint32_t km__idmap_tag(const char *key, size_t len) { return tag_of(key, len); }

void km__idmap_prefetch_tag(const km__idmap *m, uint32_t tag)
{
    if (m->cap) KM__PREFETCH(&m->slots[tag & (m->cap - 1)]);
}

void km__idmap_prefetch(const km__idmap *m, const char *key, size_t len) { km__idmap_prefetch_tag(m, tag_of(key, len)); }

int km__idmap_get_tag(const km__idmap *m, const char *key, size_t len, uint32_t tag, uint64_t *id)
{
    size_t i;
    if (m->count == 0) return 0;
    i = find(m, tag, key, len);
    if (i == m->cap) return 0;
    if (id) *id = m->slots[i].id;
    return 1;
}

int km__idmap_get(const km__idmap *m, const char *key, size_t len, uint64_t *id)
{
    /* The one way in for keys from outside the records: no stored key has
     * a NUL inside, so a query with one is absent. */
    if (m->count == 0 || (len && memchr(key, '\0', len))) return 0;
    return km__idmap_get_tag(m, key, len, tag_of(key, len), id);
}

int km__idmap_put_tag(km__idmap *m, const char *key, size_t len, uint32_t tag, uint64_t id)
{
    size_t i;
    int rc;
    if ((rc = check_id(id)) != 0) return rc;
    i = find(m, tag, key, len);
    if (i < m->cap) {
        m->slots[i].key = key; /* the record holding the bytes may be a new version */
        m->slots[i].id = (uint32_t)id;
        return 0;
    }
    if ((rc = ensure(m, m->count + 1)) != 0) return rc;
    insert(m, key, tag, id);
    return 0;
}

int km__idmap_put(km__idmap *m, const char *key, size_t len, uint64_t id)
{
    return km__idmap_put_tag(m, key, len, tag_of(key, len), id);
}

/* How many keys ahead of its put a key's home slot is fetched: enough
 * misses in flight to cover the memory latency, few enough that the lines
 * are still cached when the put comes. */
#define AHEAD 16

int km__idmap_put_range(km__idmap *m, uint64_t first, size_t n, km__idmap_key_fn key, const void *ctx,
                        size_t *dups)
{
    struct pending {
        const char *key;
        size_t len;
        uint32_t tag;
    } ring[AHEAD];
    size_t i, mask;
    int rc;
    *dups = 0;
    if (n == 0) return 0;
    if ((rc = check_id(first)) != 0 || (rc = check_id(first + n - 1)) != 0) return rc;
    if ((rc = ensure(m, m->count + n)) != 0) return rc;
    mask = m->cap - 1;
    for (i = 0; i < n + AHEAD; i++) {
        /* The key put now and the key fetched now share a ring entry: put
         * first. */
        if (i >= AHEAD) {
            const struct pending *p = &ring[(i - AHEAD) % AHEAD];
            uint64_t id = first + (i - AHEAD);
            size_t j = find(m, p->tag, p->key, p->len);
            if (j < m->cap) {
                m->slots[j].key = p->key;
                m->slots[j].id = (uint32_t)id;
                (*dups)++;
            } else {
                insert(m, p->key, p->tag, id);
            }
        }
        if (i < n) {
            struct pending *p = &ring[i % AHEAD];
            p->key = key(ctx, first + i, &p->len);
            p->tag = tag_of(p->key, p->len);
            KM__PREFETCH(&m->slots[p->tag & mask]);
        }
    }
    return 0;
}

int km__idmap_remove(km__idmap *m, const char *key, size_t len, uint64_t id)
{
    size_t i, mask;
    uint32_t tag;
    if (m->count == 0 || id == 0 || id > UINT32_MAX) return 0;
    tag = tag_of(key, len);
    mask = m->cap - 1;
    for (i = tag & mask; m->slots[i].key; i = (i + 1) & mask)
        if (m->slots[i].tag == tag && m->slots[i].id == (uint32_t)id) break;
    if (!m->slots[i].key) return 0;
    km__probe_remove(&ops, m->slots, m->cap, i);
    m->count--;
    return 1;
}

int km__idmap_reserve(km__idmap *m, size_t extra)
{
    if (extra > SIZE_MAX - m->count) return km__nomem();
    return ensure(m, m->count + extra);
}

size_t km__idmap_count(const km__idmap *m) { return m->count; }
