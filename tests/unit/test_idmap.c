/* Unit tests for the unique key -> id index whose keys are read through
 * the registry's key function (src/util/idmap.c): a registry of records
 * whose keys change the way partner and agreement updates change them
 * (remove by id under the old key, put the new one), random operations
 * against a reference with the bucket invariants checked (fingerprints,
 * overflow counts), growth, chains of overflowing buckets and removal
 * from their middle, a probe that must stop after one round, put_range
 * with duplicates against one put at a time, the no-allocation
 * guarantees that transaction undo relies on, the id range, and
 * out-of-memory loops with leak checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/idmap.h"
#include "support/failalloc.h"
#include "support/rng.h"

/* ---- a registry: record id -> its current key ------------------------------ */

#define NREC 3000
#define KEYMAX 40

typedef struct registry {
    char key[NREC + 1][KEYMAX]; /* key[id], id 1..NREC */
    size_t len[NREC + 1];
    int in_map[NREC + 1];       /* the reference: is id's key in the map */
    size_t count;
    size_t key_calls;
} registry;

static const char *key_of(const void *ctx, uint64_t id, size_t *len)
{
    registry *r = (registry *)(uintptr_t)ctx;
    assert_true(id >= 1 && id <= NREC);
    r->key_calls++;
    *len = r->len[id];
    return r->key[id];
}

/* Key variant v of record k: short, long (several 8-byte blocks) or with
 * bytes outside ASCII, always NUL-terminated. Distinct for distinct (k, v). */
static void make_key(registry *r, uint64_t id, unsigned k, unsigned v)
{
    int n;
    switch ((k + v) % 3) {
    case 0:
        n = snprintf(r->key[id], KEYMAX, "%u.%u", k, v);
        break;
    case 1:
        n = snprintf(r->key[id], KEYMAX, "ID-NIB-%010u-%u-external", k, v);
        break;
    default:
        n = snprintf(r->key[id], KEYMAX, "\xC3\xA9/%x/%u", k, v);
        break;
    }
    assert_true(n > 0 && n < KEYMAX);
    r->len[id] = (size_t)n;
}

static registry *registry_new(void)
{
    registry *r = (registry *)test_calloc(1, sizeof(registry));
    uint64_t id;
    assert_non_null(r);
    for (id = 1; id <= NREC; id++) make_key(r, id, (unsigned)id, 0);
    return r;
}

/* The layout's invariants: every entry carries the top 16 bits of its
 * key's hash; its bucket is its home or a bucket after it, every bucket on
 * the way (home included) being one it overflowed; and each bucket's
 * overflow count is the number of entries whose way went past it. Each id
 * is there once, and only ids of the reference are. */
static void check_buckets(const km__idmap *m, const registry *r)
{
    size_t i, *over;
    char *seen;
    if (m->nb == 0) return;
    assert_int_equal(((uintptr_t)m->b) % 64, 0);
    over = (size_t *)test_calloc(m->nb, sizeof *over);
    seen = (char *)test_calloc(NREC + 1, 1);
    for (i = 0; i < m->nb; i++) {
        const km__idmap_bucket *b = &m->b[i];
        unsigned j;
        assert_true(b->n <= KM__IDMAP_WAYS);
        for (j = 0; j < b->n; j++) {
            uint32_t id = b->id[j];
            uint64_t tag;
            size_t h;
            assert_true(id >= 1 && id <= NREC);
            assert_true(r->in_map[id]);
            assert_false(seen[id]);
            seen[id] = 1;
            tag = km__idmap_tag(r->key[id], r->len[id]);
            assert_int_equal(b->fp[j], (uint16_t)(tag >> 48));
            for (h = (size_t)tag & (m->nb - 1); h != i; h = (h + 1) & (m->nb - 1)) over[h]++;
        }
    }
    for (i = 0; i < m->nb; i++) assert_int_equal(m->b[i].over, over[i]);
    test_free(over);
    test_free(seen);
}

static void check_all(const km__idmap *m, const registry *r)
{
    uint64_t id;
    size_t i, live = 0;
    for (id = 1; id <= NREC; id++) {
        uint64_t got = 0;
        int f = km__idmap_get(m, r->key[id], r->len[id], &got);
        assert_int_equal(f, r->in_map[id]);
        if (f) assert_int_equal(got, id);
    }
    assert_int_equal(km__idmap_count(m), r->count);
    check_buckets(m, r);
    for (i = 0; i < m->nb; i++) live += m->b[i].n;
    assert_int_equal(live, r->count);
    if (m->nb) assert_true(r->count <= m->nb * 8); /* load stays <= 0.8 */
}

/* Puts id's current key, which must succeed, and notes it in the reference. */
static void put_id(km__idmap *m, registry *r, uint64_t id)
{
    assert_int_equal(km__idmap_put(m, r->key[id], r->len[id], id), 0);
    if (!r->in_map[id]) r->count++;
    r->in_map[id] = 1;
}

/* Removes id's key, which must be there, and notes it in the reference. */
static void remove_id(km__idmap *m, registry *r, uint64_t id)
{
    assert_true(km__idmap_remove(m, r->key[id], r->len[id], id));
    r->in_map[id] = 0;
    r->count--;
}

/* ---- tests -------------------------------------------------------------------- */

static void test_basic(void **state)
{
    registry *r = registry_new();
    km__idmap m;
    uint64_t got = 0;
    (void)state;
    km__idmap_init(&m, NULL, key_of, r);
    assert_int_equal(km__idmap_count(&m), 0);
    assert_false(km__idmap_get(&m, "x", 1, &got));
    assert_false(km__idmap_remove(&m, "x", 1, 1));
    memcpy(r->key[1], "alpha", 6); r->len[1] = 5;
    memcpy(r->key[2], "alp", 4); r->len[2] = 3;   /* a prefix of another key */
    r->key[3][0] = '\0'; r->len[3] = 0;          /* the empty key */
    assert_int_equal(km__idmap_put(&m, r->key[1], r->len[1], 1), 0);
    assert_int_equal(km__idmap_put(&m, r->key[2], r->len[2], 2), 0);
    assert_int_equal(km__idmap_put(&m, r->key[3], 0, 3), 0);
    assert_int_equal(km__idmap_count(&m), 3);
    assert_true(km__idmap_get(&m, "alpha", 5, &got));
    assert_int_equal(got, 1);
    assert_true(km__idmap_get(&m, "alphabet", 5, &got)); /* only len bytes of the query count */
    assert_int_equal(got, 1);
    assert_false(km__idmap_get(&m, "alphabet", 8, &got));
    assert_true(km__idmap_get(&m, "alp", 3, NULL));
    assert_true(km__idmap_get(&m, "", 0, &got));
    assert_int_equal(got, 3);
    assert_false(km__idmap_get(&m, "alph", 4, &got));
    /* A query with a NUL inside matches no stored key (none has one), not
     * even the key before its NUL. */
    assert_false(km__idmap_get(&m, "alpha\0", 6, &got));
    assert_false(km__idmap_get(&m, "alp\0ha", 6, &got));
    /* remove needs the id as well as the key: a wrong id removes nothing. */
    assert_false(km__idmap_remove(&m, "alpha", 5, 2));
    assert_true(km__idmap_remove(&m, "alpha", 5, 1));
    assert_false(km__idmap_remove(&m, "alpha", 5, 1));
    assert_int_equal(km__idmap_count(&m), 2);
    /* ids outside 1..UINT32_MAX */
    assert_int_equal(km__idmap_put(&m, "z", 1, 0), KM_ERANGE);
    assert_int_equal(km__idmap_put(&m, "z", 1, (uint64_t)UINT32_MAX + 1), KM_ERANGE);
    assert_false(km__idmap_remove(&m, "alp", 3, (uint64_t)UINT32_MAX + 2));
    assert_int_equal(km__idmap_count(&m), 2);
    km__idmap_free(&m);
    assert_int_equal(km__idmap_count(&m), 0);
    test_free(r);
}

/* Random puts, removes and key changes (remove by id under the old key,
 * change the record, put the new key) against the reference. */
static void test_random_vs_reference(void **state)
{
    registry *r = registry_new();
    km__idmap m;
    unsigned version[NREC + 1];
    long i;
    (void)state;
    memset(version, 0, sizeof version);
    rng_seed(42);
    km__idmap_init(&m, NULL, key_of, r);
    for (i = 0; i < 60000; i++) {
        uint64_t id = 1 + rng_below(NREC);
        unsigned op = (unsigned)rng_below(10);
        if (op < 5) {
            assert_int_equal(km__idmap_put(&m, r->key[id], r->len[id], id), 0);
            if (!r->in_map[id]) r->count++;
            r->in_map[id] = 1;
        } else if (op < 8) {
            assert_int_equal(km__idmap_remove(&m, r->key[id], r->len[id], id), r->in_map[id]);
            if (r->in_map[id]) r->count--;
            r->in_map[id] = 0;
        } else if (r->in_map[id]) {
            /* An update changing the key, in the order the registries use. */
            char old[KEYMAX];
            size_t old_len = r->len[id];
            memcpy(old, r->key[id], KEYMAX);
            make_key(r, id, (unsigned)id, ++version[id]);
            assert_int_equal(km__idmap_remove(&m, old, old_len, id), 1);
            assert_int_equal(km__idmap_put(&m, r->key[id], r->len[id], id), 0);
            assert_false(km__idmap_get(&m, old, old_len, NULL));
        }
        if (i % 5000 == 0) check_all(&m, r);
    }
    check_all(&m, r);
    km__idmap_free(&m);
    test_free(r);
}

/* Growth from the smallest table to NREC keys (every rehash reads each
 * id's key again, in id order), then removal of every third id, some of
 * them in the middle of overflow chains. */
static void test_growth_and_cluster_removal(void **state)
{
    registry *r = registry_new();
    km__idmap m;
    uint64_t id;
    (void)state;
    km__idmap_init(&m, NULL, key_of, r);
    for (id = 1; id <= NREC; id++) {
        put_id(&m, r, id);
        if (id % 500 == 0 || id < 20) check_all(&m, r);
    }
    for (id = 1; id <= NREC; id += 3) remove_id(&m, r, id);
    check_all(&m, r);
    km__idmap_free(&m);
    test_free(r);
}

/* Undo relies on: removes never allocate, a put back of what was removed
 * never allocates, and reverse-order undo of puts and removes never does. */
static void test_no_alloc_guarantees(void **state)
{
    registry *r = registry_new();
    km_test_alloc ta;
    km__idmap m;
    uint64_t id;
    (void)state;
    km_test_alloc_init(&ta);
    km__idmap_init(&m, km_test_alloc_get(&ta), key_of, r);
    for (id = 1; id <= 1000; id++) put_id(&m, r, id);
    km_test_alloc_fail_at(&ta, 1); /* from now on every allocation fails */
    for (id = 1; id <= 1000; id += 2) assert_true(km__idmap_remove(&m, r->key[id], r->len[id], id));
    for (id = 1000; id >= 2; id -= 2) /* reverse order: 999, 997, ..., 1 */
        assert_int_equal(km__idmap_put(&m, r->key[id - 1], r->len[id - 1], id - 1), 0);
    assert_int_equal(ta.failures, 0);
    check_all(&m, r);
    /* reserve makes the next puts infallible */
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(km__idmap_reserve(&m, 2000), 0);
    km_test_alloc_fail_at(&ta, 1);
    for (id = 1001; id <= NREC; id++) put_id(&m, r, id);
    assert_int_equal(ta.failures, 0);
    km_test_alloc_fail_at(&ta, -1);
    check_all(&m, r);
    km__idmap_free(&m);
    assert_int_equal(ta.live, 0);
    test_free(r);
}

/* put_range against one put at a time: same contents, duplicates counted
 * (also two equal keys closer than the look-ahead window and within the
 * first window), for ranges shorter and longer than the window. */
static void test_put_range(void **state)
{
    static const size_t sizes[] = { 0, 1, 3, 15, 16, 17, 40, NREC };
    size_t s;
    (void)state;
    for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        registry *r = registry_new();
        size_t n = sizes[s], dups = 99, want_dups = 0;
        uint64_t id;
        km__idmap a, b;
        rng_seed(7 + n);
        for (id = 2; id <= n; id++)
            if (rng_below(10) == 0) { /* repeat one of the few keys before */
                uint64_t j = id - 1 - rng_below(id - 1 < 5 ? id - 1 : 5);
                memcpy(r->key[id], r->key[j], KEYMAX);
                r->len[id] = r->len[j];
            }
        km__idmap_init(&a, NULL, key_of, r);
        km__idmap_init(&b, NULL, key_of, r);
        for (id = 1; id <= n; id++) {
            if (km__idmap_get(&b, r->key[id], r->len[id], NULL)) want_dups++;
            assert_int_equal(km__idmap_put(&b, r->key[id], r->len[id], id), 0);
        }
        assert_int_equal(km__idmap_put_range(&a, 1, n, &dups), 0);
        assert_int_equal(dups, want_dups);
        assert_int_equal(km__idmap_count(&a), km__idmap_count(&b));
        for (id = 1; id <= n; id++) {
            uint64_t va = 0, vb = 0;
            assert_true(km__idmap_get(&a, r->key[id], r->len[id], &va));
            assert_true(km__idmap_get(&b, r->key[id], r->len[id], &vb));
            assert_int_equal(va, vb); /* the later id of a key wins in both */
        }
        if (n >= 40) assert_true(want_dups > 0);
        km__idmap_free(&a);
        km__idmap_free(&b);
        test_free(r);
    }
    {
        registry *r = registry_new();
        km__idmap a;
        size_t dups;
        km__idmap_init(&a, NULL, key_of, r);
        assert_int_equal(km__idmap_put_range(&a, 0, 3, &dups), KM_ERANGE);
        assert_int_equal(km__idmap_put_range(&a, UINT32_MAX, 2, &dups), KM_ERANGE);
        assert_int_equal(km__idmap_count(&a), 0);
        km__idmap_free(&a);
        test_free(r);
    }
}

/* SQLite-style OOM loop over a mixed workload: a failed put changes
 * nothing, overwrites never fail, nothing leaks. */
static void test_oom_loop(void **state)
{
    registry *r0 = registry_new();
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        registry *r = (registry *)test_calloc(1, sizeof(registry));
        km__idmap m;
        long failures, i;
        size_t dups;
        memcpy(r, r0, sizeof *r);
        rng_seed(99);
        km__idmap_init(&m, km_test_alloc_get(&ta), key_of, r);
        km_test_alloc_fail_at(&ta, n);
        if (km__idmap_put_range(&m, 1, 100, &dups) == 0) {
            uint64_t id;
            for (id = 1; id <= 100; id++) r->in_map[id] = 1;
            r->count = 100;
        } else {
            assert_int_equal(km__idmap_count(&m), 0);
        }
        for (i = 0; i < 3000; i++) {
            uint64_t id = 1 + rng_below(NREC);
            if (rng_below(4)) {
                size_t before = km__idmap_count(&m);
                int had = r->in_map[id];
                int rc = km__idmap_put(&m, r->key[id], r->len[id], id);
                if (rc == 0) {
                    if (!had) r->count++;
                    r->in_map[id] = 1;
                } else {
                    assert_int_equal(rc, KM_ENOMEM);
                    assert_false(had); /* overwrites never fail */
                    assert_false(km__idmap_get(&m, r->key[id], r->len[id], NULL));
                    assert_int_equal(km__idmap_count(&m), before);
                }
            } else {
                assert_int_equal(km__idmap_remove(&m, r->key[id], r->len[id], id), r->in_map[id]);
                if (r->in_map[id]) r->count--;
                r->in_map[id] = 0;
            }
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        check_all(&m, r);
        km__idmap_free(&m);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
        test_free(r);
        if (failures == 0) break;
    }
    assert_true(n > 5);
    test_free(r0);
}

/* Keys whose hash's low bits are `home` modulo `mod` (mod a power of two
 * of at most 1024): "<prefix><number>", the numbers tried from *next on. */
static void key_with_home(registry *r, uint64_t id, const char *prefix, unsigned mod, unsigned home, unsigned *next)
{
    for (;; (*next)++) {
        int n = snprintf(r->key[id], KEYMAX, "%s%u", prefix, *next);
        assert_true(n > 0 && n < KEYMAX);
        if ((km__idmap_tag(r->key[id], (size_t)n) & (mod - 1)) == home) {
            r->len[id] = (size_t)n;
            (*next)++;
            return;
        }
    }
}

/* Forty keys with one home bucket as long as the table has at most 1,024
 * buckets: a chain over four buckets and more. Lookups walk it, removals
 * from its middle keep the overflow counts exact (check_buckets), an
 * absent key of the same home is not found, and the keys go back in. */
static void test_overflow_chain(void **state)
{
    registry *r = registry_new();
    km__idmap m;
    unsigned next = 0;
    uint64_t id;
    (void)state;
    for (id = 1; id <= 41; id++) key_with_home(r, id, "chain-", 1024, 0, &next);
    km__idmap_init(&m, NULL, key_of, r);
    for (id = 1; id <= 40; id++) put_id(&m, r, id);
    check_all(&m, r);
    assert_true(m.nb <= 1024);
    assert_int_equal(m.b[0].n, KM__IDMAP_WAYS);
    assert_true(m.b[0].over == 30 && m.b[1].over == 20 && m.b[2].over == 10 && m.b[3].over == 0);
    assert_false(km__idmap_get(&m, r->key[41], r->len[41], NULL)); /* id 41's key: the same home, absent */
    for (id = 2; id <= 40; id += 3) {
        remove_id(&m, r, id);
        check_all(&m, r);
    }
    assert_false(km__idmap_get(&m, r->key[41], r->len[41], NULL));
    for (id = 2; id <= 40; id += 3) put_id(&m, r, id);
    check_all(&m, r);
    km__idmap_free(&m);
    test_free(r);
}

/* Overflow counts can outlive the entries that filled the buckets they
 * went past: in a table of four buckets, each bucket is filled, overflows
 * into the next (the last into the first) and is emptied again, leaving
 * every bucket's count at one with the table nearly empty. A probe for an
 * absent key must stop after visiting every bucket once instead of going
 * round forever. */
static void test_probe_visits_each_bucket_once(void **state)
{
    registry *r = registry_new();
    km__idmap m;
    unsigned next = 0, home, i;
    uint64_t id = 1;
    (void)state;
    km__idmap_init(&m, NULL, key_of, r);
    assert_int_equal(km__idmap_reserve(&m, 30), 0);
    assert_int_equal(m.nb, 4);
    for (home = 0; home < 4; home++) {
        uint64_t first = id;
        while (m.b[home].over == 0) { /* until one key went past the bucket */
            key_with_home(r, id, "ring-", 4, home, &next);
            put_id(&m, r, id);
            id++;
        }
        for (; first < id - 1; first++) remove_id(&m, r, first); /* all but that one, in the next bucket */
        check_all(&m, r);
    }
    assert_int_equal(m.nb, 4);
    for (i = 0; i < 4; i++) assert_int_equal(m.b[i].over, 1);
    assert_int_equal(km__idmap_count(&m), 4);
    key_with_home(r, id, "ring-", 4, 2, &next);
    assert_false(km__idmap_get(&m, r->key[id], r->len[id], NULL));
    assert_false(km__idmap_remove(&m, r->key[id], r->len[id], id));
    km__idmap_free(&m);
    test_free(r);
}

/* Two keys of different lengths in the same bucket with the same 16 bits
 * of hash (found by sorting many hashes), the stored one on the heap at
 * its exact size (for valgrind and ASan): a lookup of the other reads the
 * stored key through the key function and does not match. A query with a
 * NUL inside matches nothing. */
typedef struct tagged {
    uint32_t tag;
    uint32_t i;
} tagged;

static int tagged_cmp(const void *a, const void *b)
{
    const tagged *x = (const tagged *)a, *y = (const tagged *)b;
    return x->tag < y->tag ? -1 : x->tag > y->tag;
}

static void key_n(char *buf, uint32_t i) { snprintf(buf, 32, "%0*u", (int)(6 + i % 9), i); }

static size_t heap_calls;

static const char *heap_key(const void *ctx, uint64_t id, size_t *len)
{
    const char *const *keys = (const char *const *)ctx;
    heap_calls++;
    *len = strlen(keys[id - 1]);
    return keys[id - 1];
}

static void test_fingerprint_collision(void **state)
{
    enum { N = 400000 };
    tagged *t = (tagged *)malloc(N * sizeof *t);
    char a[32], b[32], *stored[1];
    uint32_t i, found = 0;
    km__idmap m;
    uint64_t got;
    size_t dups, calls;
    (void)state;
    assert_non_null(t);
    for (i = 0; i < N; i++) {
        uint64_t h;
        key_n(a, i);
        h = km__idmap_tag(a, strlen(a));
        t[i].tag = (uint32_t)((h >> 48) << 1 | (h & 1)); /* the 16 bits and the bucket of two */
        t[i].i = i;
    }
    qsort(t, N, sizeof *t, tagged_cmp);
    for (i = 1; i < N && !found; i++) {
        if (t[i].tag != t[i - 1].tag) continue;
        key_n(a, t[i - 1].i);
        key_n(b, t[i].i);
        if (strlen(a) == strlen(b)) continue;
        found = 1;
    }
    free(t);
    assert_true(found);
    if (strlen(a) > strlen(b)) { /* a: the shorter one, stored */
        char c[32];
        memcpy(c, a, 32); memcpy(a, b, 32); memcpy(b, c, 32);
    }
    stored[0] = (char *)malloc(strlen(a) + 1);
    assert_non_null(stored[0]);
    memcpy(stored[0], a, strlen(a) + 1);
    km__idmap_init(&m, NULL, heap_key, stored);
    assert_int_equal(km__idmap_put_range(&m, 1, 1, &dups), 0);
    assert_int_equal(m.nb, 2);
    assert_true(km__idmap_get(&m, a, strlen(a), &got));
    assert_int_equal(got, 1);
    calls = heap_calls;
    assert_false(km__idmap_get(&m, b, strlen(b), &got)); /* same bucket and bits, longer: compared, not found */
    assert_int_equal(heap_calls, calls + 1);
    b[strlen(a)] = '\0';                                  /* b with a NUL after a's bytes... */
    memcpy(b, a, strlen(a));                               /* ...and a's bytes before it */
    assert_false(km__idmap_get(&m, b, strlen(a) + 1, &got));
    km__idmap_free(&m);
    free(stored[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_random_vs_reference),
        cmocka_unit_test(test_growth_and_cluster_removal),
        cmocka_unit_test(test_no_alloc_guarantees),
        cmocka_unit_test(test_put_range),
        cmocka_unit_test(test_oom_loop),
        cmocka_unit_test(test_overflow_chain),
        cmocka_unit_test(test_probe_visits_each_bucket_once),
        cmocka_unit_test(test_fingerprint_collision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
