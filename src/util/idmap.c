/* Unique key -> record id index of 64-byte buckets that keep no keys (see
 * idmap.h for the layout and the contract with the key function). */
#include "util/idmap.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/prefetch.h"
#include "util/strmap.h" /* km__hash_bytes */

#include <string.h>

typedef char km__idmap_bucket_is_one_line[sizeof(km__idmap_bucket) == 64 ? 1 : -1];

#define LINE 64
/* Entries a bucket holds on average at most: 0.8 full. With ten ways a
 * bucket overflows rarely below that (Poisson with mean 8: 18% of buckets
 * past ten, most of them by one or two entries into the next line). */
#define PER_BUCKET 8
#define OVER_STUCK 0xFFFFu

static uint16_t fp_of(uint64_t tag) { return (uint16_t)(tag >> 48); }

static int check_id(uint64_t id)
{
    if (id == 0 || id > UINT32_MAX)
        return km__err(KM_ERANGE, "id", "%llu is outside 1..4294967295, the ids a unique index holds",
                       "%llu di luar 1..4294967295, id yang dapat dimuat indeks unik", (unsigned long long)id);
    return 0;
}

/* Whether id's key is the len bytes at key: the only place a key is read
 * (a cache miss on the record, which a lookup's caller then reads). */
static int same_key(const km__idmap *m, uint32_t id, const char *key, size_t len)
{
    size_t klen;
    const char *k = m->key(m->ctx, id, &klen);
    return klen == len && (len == 0 || memcmp(k, key, len) == 0);
}

/* The bucket and way holding key: 1, or 0 if absent. A probe visits at
 * most every bucket once: overflow counts left by entries since removed
 * could otherwise keep an absent key's probe going round the table. */
static int find(const km__idmap *m, uint64_t tag, const char *key, size_t len, size_t *bi, unsigned *wi)
{
    size_t mask, i, k;
    uint16_t fp = fp_of(tag);
    if (m->count == 0) return 0;
    mask = m->nb - 1;
    for (i = (size_t)tag & mask, k = 0; k < m->nb; i = (i + 1) & mask, k++) {
        const km__idmap_bucket *b = &m->b[i];
        unsigned j;
        for (j = 0; j < b->n; j++)
            if (b->fp[j] == fp && same_key(m, b->id[j], key, len)) {
                *bi = i;
                *wi = j;
                return 1;
            }
        if (b->over == 0) break;
    }
    return 0;
}

/* Puts an entry known to be absent; room is there (count < 10 * nb, so a
 * bucket with a free way exists). */
static void insert(km__idmap *m, uint64_t tag, uint32_t id)
{
    size_t mask = m->nb - 1, i = (size_t)tag & mask;
    km__idmap_bucket *b;
    while ((b = &m->b[i])->n == KM__IDMAP_WAYS) {
        if (b->over != OVER_STUCK) b->over++;
        i = (i + 1) & mask;
    }
    b->fp[b->n] = fp_of(tag);
    b->id[b->n] = id;
    b->n++;
    m->count++;
}

/* Sorts ids ascending, a byte at a time from the lowest (tmp: the same
 * size); passes over bytes that no id has set are skipped. */
static void sort_ids(uint32_t *ids, uint32_t *tmp, size_t n)
{
    uint32_t all = 0, *src = ids, *dst = tmp, *t;
    unsigned shift;
    size_t i;
    for (i = 0; i < n; i++) all |= ids[i];
    for (shift = 0; shift < 32 && (all >> shift) != 0; shift += 8) {
        size_t count[256], pos = 0;
        unsigned d;
        memset(count, 0, sizeof count);
        for (i = 0; i < n; i++) count[(src[i] >> shift) & 0xFF]++;
        for (d = 0; d < 256; d++) {
            size_t c = count[d];
            count[d] = pos;
            pos += c;
        }
        for (i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFF]++] = src[i];
        t = src;
        src = dst;
        dst = t;
    }
    if (src != ids) memcpy(ids, src, n * sizeof *ids);
}

/* How many keys ahead of its insertion a key's home bucket is fetched
 * (growth, put_range): enough misses in flight to cover the memory
 * latency, few enough that the lines are still cached when the insertion
 * comes. */
#define AHEAD 16

/* Puts n ids (ids[i], or first + i when ids is NULL) under their keys,
 * each home bucket fetched AHEAD keys before its insertion so that the
 * misses of a large table overlap. With dups, a key already present gets
 * the later id and is counted; without, the keys are known to be absent
 * (a growth). Room is there. */
static void put_ids(km__idmap *m, const uint32_t *ids, uint64_t first, size_t n, size_t *dups)
{
    struct pending {
        const char *key;
        size_t len;
        uint64_t tag;
    } ring[AHEAD];
    size_t i;
    for (i = 0; i < n + AHEAD; i++) {
        /* The key put now and the key fetched now share a ring entry: put
         * first. */
        if (i >= AHEAD) {
            const struct pending *p = &ring[(i - AHEAD) % AHEAD];
            uint32_t id = ids ? ids[i - AHEAD] : (uint32_t)(first + (i - AHEAD));
            size_t bi;
            unsigned wi;
            if (dups && find(m, p->tag, p->key, p->len, &bi, &wi)) {
                m->b[bi].id[wi] = id;
                (*dups)++;
            } else {
                insert(m, p->tag, id);
            }
        }
        if (i < n) {
            struct pending *p = &ring[i % AHEAD];
            p->key = m->key(m->ctx, ids ? ids[i] : first + i, &p->len);
            p->tag = km__hash_bytes(p->key, p->len);
            KM__PREFETCH(&m->b[(size_t)p->tag & (m->nb - 1)]);
        }
    }
}

/* Moves every entry to a table of nb buckets. The bucket of an entry that
 * overflowed is not its home, and no hash is kept whole, so every key is
 * read again: in id order, which is the order of the records in memory
 * (network/cells.h), so that the reads stream instead of missing once an
 * entry. 0, or KM_ENOMEM leaving the map as it was. */
static int rehash(km__idmap *m, size_t nb)
{
    km__idmap grown = *m;
    uint32_t *ids = NULL;
    size_t i, n = 0;
    grown.mem = km__calloc(m->a, nb * sizeof(km__idmap_bucket) + LINE - 1, 1);
    if (!grown.mem) return km__nomem();
    grown.b = (km__idmap_bucket *)(void *)(((uintptr_t)grown.mem + (LINE - 1)) & ~(uintptr_t)(LINE - 1));
    grown.nb = nb;
    grown.count = 0;
    if (m->count) {
        if (m->count > SIZE_MAX / (2 * sizeof *ids) ||
            (ids = (uint32_t *)km__malloc(m->a, 2 * m->count * sizeof *ids)) == NULL) {
            km__free(m->a, grown.mem);
            return km__nomem();
        }
        for (i = 0; i < m->nb; i++) {
            const km__idmap_bucket *b = &m->b[i];
            unsigned j;
            for (j = 0; j < b->n; j++) ids[n++] = b->id[j];
        }
        sort_ids(ids, ids + n, n);
        put_ids(&grown, ids, 0, n, NULL);
        km__free(m->a, ids);
    }
    km__free(m->a, m->mem);
    *m = grown;
    return 0;
}

/* Makes room for need live entries in total. */
static int ensure(km__idmap *m, size_t need)
{
    size_t nb;
    if (need <= m->nb * PER_BUCKET) return 0;
    nb = m->nb ? m->nb : 2;
    while (nb * PER_BUCKET < need) {
        if (nb > (SIZE_MAX - LINE) / sizeof(km__idmap_bucket) / 2) return km__nomem();
        nb <<= 1;
    }
    return rehash(m, nb);
}

void km__idmap_init(km__idmap *m, const km_allocator *a, km__idmap_key_fn key, const void *ctx)
{
    m->b = NULL;
    m->mem = NULL;
    m->nb = 0;
    m->count = 0;
    m->a = a ? a : &km__default_allocator;
    m->key = key;
    m->ctx = ctx;
}

void km__idmap_free(km__idmap *m)
{
    km__free(m->a, m->mem);
    m->b = NULL;
    m->mem = NULL;
    m->nb = 0;
    m->count = 0;
}

uint64_t km__idmap_tag(const char *key, size_t len) { return km__hash_bytes(key, len); }

void km__idmap_prefetch_tag(const km__idmap *m, uint64_t tag)
{
    if (m->nb) KM__PREFETCH(&m->b[(size_t)tag & (m->nb - 1)]);
}

void km__idmap_prefetch(const km__idmap *m, const char *key, size_t len)
{
    km__idmap_prefetch_tag(m, km__hash_bytes(key, len));
}

int km__idmap_get_tag(const km__idmap *m, const char *key, size_t len, uint64_t tag, uint64_t *id)
{
    size_t i;
    unsigned j;
    if (!find(m, tag, key, len, &i, &j)) return 0;
    if (id) *id = m->b[i].id[j];
    return 1;
}

int km__idmap_get(const km__idmap *m, const char *key, size_t len, uint64_t *id)
{
    if (m->count == 0) return 0;
    return km__idmap_get_tag(m, key, len, km__hash_bytes(key, len), id);
}

int km__idmap_put_tag(km__idmap *m, const char *key, size_t len, uint64_t tag, uint64_t id)
{
    size_t i;
    unsigned j;
    int rc;
    if ((rc = check_id(id)) != 0) return rc;
    if (find(m, tag, key, len, &i, &j)) {
        m->b[i].id[j] = (uint32_t)id;
        return 0;
    }
    if ((rc = ensure(m, m->count + 1)) != 0) return rc;
    insert(m, tag, (uint32_t)id);
    return 0;
}

int km__idmap_put(km__idmap *m, const char *key, size_t len, uint64_t id)
{
    return km__idmap_put_tag(m, key, len, km__hash_bytes(key, len), id);
}

int km__idmap_put_range(km__idmap *m, uint64_t first, size_t n, size_t *dups)
{
    int rc;
    *dups = 0;
    if (n == 0) return 0;
    if ((rc = check_id(first)) != 0 || (rc = check_id(first + n - 1)) != 0) return rc;
    if ((rc = ensure(m, m->count + n)) != 0) return rc;
    put_ids(m, NULL, first, n, dups);
    return 0;
}

int km__idmap_rekey(km__idmap *m, const char *old, size_t old_len, const char *key, size_t len, uint64_t id)
{
    if (old_len == len && (len == 0 || memcmp(old, key, len) == 0)) return 0; /* the entry stands */
    km__idmap_remove(m, old, old_len, id);
    return km__idmap_put(m, key, len, id);
}

int km__idmap_remove(km__idmap *m, const char *key, size_t len, uint64_t id)
{
    size_t mask, home, i, k;
    uint64_t tag;
    uint16_t fp;
    if (m->count == 0 || id == 0 || id > UINT32_MAX) return 0;
    tag = km__hash_bytes(key, len);
    fp = fp_of(tag);
    mask = m->nb - 1;
    home = (size_t)tag & mask;
    for (i = home, k = 0; k < m->nb; i = (i + 1) & mask, k++) {
        km__idmap_bucket *b = &m->b[i];
        unsigned j;
        for (j = 0; j < b->n; j++)
            if (b->id[j] == (uint32_t)id && b->fp[j] == fp) {
                /* The last entry fills the hole; the buckets the removed
                 * entry went past on its way here count it no more. */
                b->n--;
                b->fp[j] = b->fp[b->n];
                b->id[j] = b->id[b->n];
                for (; home != i; home = (home + 1) & mask)
                    if (m->b[home].over != OVER_STUCK) m->b[home].over--;
                m->count--;
                return 1;
            }
        if (b->over == 0) break;
    }
    return 0;
}

int km__idmap_reserve(km__idmap *m, size_t extra)
{
    if (extra > SIZE_MAX - m->count) return km__nomem();
    return ensure(m, m->count + extra);
}

size_t km__idmap_count(const km__idmap *m) { return m->count; }
