/* Unit tests for the string -> uint64 hash map (src/util/strmap.c): random
 * operations against a reference array, growth, deletion inside clusters,
 * overwrite replacing the borrowed key pointer, the no-allocation guarantee
 * of remove/re-put and of reverse-order undo, reserve and out-of-memory
 * loops with leak checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/strmap.h"
#include "support/failalloc.h"
#include "support/rng.h"

/* ---- key pool: distinct keys of varied shapes ------------------------------- */

#define NKEYS 4000
#define KEYMAX 48

typedef struct pool {
    char bytes[NKEYS][KEYMAX];
    size_t len[NKEYS];
} pool;

/* Key 0 is the empty string; others mix short, long (several 8-byte blocks)
 * and binary keys with embedded NULs, all distinct by construction (the
 * index is always encoded in them). */
static pool *pool_new(void)
{
    pool *p = (pool *)test_calloc(1, sizeof(pool));
    size_t i;
    assert_non_null(p);
    p->len[0] = 0;
    for (i = 1; i < NKEYS; i++) {
        int n;
        switch (i % 4) {
        case 0:
            n = snprintf(p->bytes[i], KEYMAX, "%u", (unsigned)i);
            break;
        case 1:
            n = snprintf(p->bytes[i], KEYMAX, "NPWP-%08u.%u-partner-external-id", (unsigned)i, (unsigned)(i * 7));
            break;
        case 2:
            p->bytes[i][0] = '\0';
            p->bytes[i][1] = (char)(i & 0xFF);
            p->bytes[i][2] = (char)(i >> 8);
            p->bytes[i][3] = '\0';
            n = 4 + (int)(i % 9);
            break;
        default:
            n = snprintf(p->bytes[i], KEYMAX, "ref/%x", (unsigned)i);
            break;
        }
        assert_true(n > 0 && n < KEYMAX);
        p->len[i] = (size_t)n;
    }
    return p;
}

/* ---- reference ---------------------------------------------------------------- */

typedef struct ref {
    int present[NKEYS];
    uint64_t value[NKEYS];
    size_t count;
} ref;

static void check_all(const km__strmap *m, const pool *p, const ref *r)
{
    size_t i, live = 0;
    for (i = 0; i < NKEYS; i++) {
        uint64_t v = 0;
        int f = km__strmap_get(m, p->bytes[i], p->len[i], &v);
        assert_int_equal(f, r->present[i]);
        if (f) assert_int_equal(v, r->value[i]);
    }
    assert_int_equal(km__strmap_count(m), r->count);
    for (i = 0; i < m->cap; i++) live += m->slots[i].tag != 0;
    assert_int_equal(live, r->count);
    if (m->cap) assert_true(r->count * 10 <= m->cap * 7); /* load stays <= 0.7 */
}

static void ref_put(ref *r, size_t k, uint64_t v)
{
    if (!r->present[k]) r->count++;
    r->present[k] = 1;
    r->value[k] = v;
}

static void ref_del(ref *r, size_t k)
{
    if (r->present[k]) r->count--;
    r->present[k] = 0;
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_basic(void **state)
{
    km__strmap m;
    uint64_t v = 0;
    (void)state;
    km__strmap_init(&m, NULL);
    assert_int_equal(km__strmap_count(&m), 0);
    assert_false(km__strmap_get(&m, "a", 1, &v));
    assert_false(km__strmap_remove(&m, "a", 1));
    assert_int_equal(km__strmap_put(&m, "alpha", 5, 1), 0);
    assert_int_equal(km__strmap_put(&m, "alp", 3, 2), 0); /* prefix */
    assert_int_equal(km__strmap_put(&m, "", 0, 3), 0);
    assert_int_equal(km__strmap_put(&m, NULL, 0, 4), 0); /* same empty key */
    assert_int_equal(km__strmap_count(&m), 3);
    assert_true(km__strmap_get(&m, "alpha", 5, &v));
    assert_int_equal(v, 1);
    assert_true(km__strmap_get(&m, "alphabet", 5, &v)); /* only len bytes count */
    assert_int_equal(v, 1);
    assert_true(km__strmap_get(&m, "alp", 3, NULL));
    assert_true(km__strmap_get(&m, "", 0, &v));
    assert_int_equal(v, 4);
    assert_false(km__strmap_get(&m, "alph", 4, &v));
    assert_true(km__strmap_remove(&m, "", 0));
    assert_false(km__strmap_remove(&m, "", 0));
    assert_int_equal(km__strmap_count(&m), 2);
    if (SIZE_MAX > UINT32_MAX) {
        size_t huge = (size_t)UINT32_MAX + 1u;
        assert_int_equal(km__strmap_put(&m, "x", huge, 9), KM_EINVAL);
        assert_false(km__strmap_get(&m, "x", huge, &v));
        assert_false(km__strmap_remove(&m, "x", huge));
        assert_int_equal(km__strmap_count(&m), 2);
    }
    km__strmap_free(&m);
    assert_int_equal(km__strmap_count(&m), 0);
    /* Reusable after free. */
    assert_int_equal(km__strmap_put(&m, "z", 1, 5), 0);
    km__strmap_free(&m);
}

static void test_random_vs_reference(void **state)
{
    pool *p = pool_new();
    ref *r = (ref *)test_calloc(1, sizeof(ref));
    km__strmap m;
    long op;
    (void)state;
    rng_seed(42);
    km__strmap_init(&m, NULL);
    for (op = 0; op < 300000; op++) {
        /* Phases with a varying live-key range keep the load moving up and
         * down, so removals happen at every fill level. */
        size_t range = (op / 30000) % 2 ? NKEYS : 1 + (size_t)(op / 30000) * 300;
        size_t k = (size_t)rng_below(range < NKEYS ? range : NKEYS);
        uint64_t v, got = 0;
        switch (rng_below(8)) {
        case 0: case 1: case 2:
            v = rng();
            assert_int_equal(km__strmap_put(&m, p->bytes[k], p->len[k], v), 0);
            ref_put(r, k, v);
            break;
        case 3: case 4: case 5:
            assert_int_equal(km__strmap_remove(&m, p->bytes[k], p->len[k]), r->present[k]);
            ref_del(r, k);
            break;
        default:
            assert_int_equal(km__strmap_get(&m, p->bytes[k], p->len[k], &got), r->present[k]);
            if (r->present[k]) assert_int_equal(got, r->value[k]);
            break;
        }
        if (op % 10000 == 9999) check_all(&m, p, r);
    }
    check_all(&m, p, r);
    km__strmap_free(&m);
    test_free(p);
    test_free(r);
}

static void test_growth(void **state)
{
    pool *p = pool_new();
    km__strmap m;
    size_t i, last_cap = 0, grows = 0;
    uint64_t v;
    (void)state;
    km__strmap_init(&m, NULL);
    for (i = 0; i < NKEYS; i++) {
        assert_int_equal(km__strmap_put(&m, p->bytes[i], p->len[i], i * 3), 0);
        if (m.cap != last_cap) {
            grows++;
            last_cap = m.cap;
            assert_true((m.cap & (m.cap - 1)) == 0);
        }
    }
    assert_true(grows >= 8);
    for (i = 0; i < NKEYS; i++) {
        assert_true(km__strmap_get(&m, p->bytes[i], p->len[i], &v));
        assert_int_equal(v, i * 3);
    }
    /* Removing everything keeps the table (no shrink) and leaves no trace. */
    for (i = 0; i < NKEYS; i += 2) assert_true(km__strmap_remove(&m, p->bytes[i], p->len[i]));
    for (i = 0; i < NKEYS; i++) assert_int_equal(km__strmap_get(&m, p->bytes[i], p->len[i], &v), (int)(i % 2));
    for (i = 1; i < NKEYS; i += 2) assert_true(km__strmap_remove(&m, p->bytes[i], p->len[i]));
    assert_int_equal(km__strmap_count(&m), 0);
    assert_int_equal(m.cap, last_cap);
    for (i = 0; i < m.cap; i++) assert_int_equal(m.slots[i].tag, 0);
    km__strmap_free(&m);
    test_free(p);
}

static void test_overwrite_replaces_key_pointer(void **state)
{
    km__strmap m;
    char *old_bytes = (char *)test_malloc(16);
    char *new_bytes = (char *)test_malloc(16);
    uint64_t v = 0;
    (void)state;
    memcpy(old_bytes, "EXT-000123", 10);
    memcpy(new_bytes, "EXT-000123", 10);
    km__strmap_init(&m, NULL);
    assert_int_equal(km__strmap_put(&m, old_bytes, 10, 1), 0);
    assert_int_equal(km__strmap_put(&m, new_bytes, 10, 2), 0);
    assert_int_equal(km__strmap_count(&m), 1);
    /* The old record is gone: if the map still pointed at its bytes, this
     * lookup would read freed memory (caught by ASan) or, once clobbered,
     * miss the key. */
    memset(old_bytes, 'X', 16);
    test_free(old_bytes);
    assert_true(km__strmap_get(&m, "EXT-000123", 10, &v));
    assert_int_equal(v, 2);
    assert_true(km__strmap_remove(&m, "EXT-000123", 10));
    km__strmap_free(&m);
    test_free(new_bytes);
}

/* Brings the map to the brink of growing, then checks that removing and
 * putting back any key never allocates. */
static void test_remove_put_no_alloc(void **state)
{
    pool *p = pool_new();
    km_test_alloc ta;
    km__strmap m;
    size_t i, n, cap;
    (void)state;
    km_test_alloc_init(&ta);
    km__strmap_init(&m, km_test_alloc_get(&ta));
    /* Fill until the next new key would grow the table. */
    for (n = 0;; n++) {
        assert_int_equal(km__strmap_put(&m, p->bytes[n], p->len[n], n), 0);
        cap = m.cap;
        if (n + 1 >= 700 && (n + 2) * 16 > cap * 11) break;
    }
    n++;
    km_test_alloc_fail_at(&ta, 1);
    assert_int_equal(km__strmap_put(&m, p->bytes[n], p->len[n], 0), KM_ENOMEM);
    assert_false(km__strmap_get(&m, p->bytes[n], p->len[n], NULL));
    assert_int_equal(km__strmap_count(&m), n);
    for (i = 0; i < n; i++) {
        assert_true(km__strmap_remove(&m, p->bytes[i], p->len[i]));
        assert_int_equal(km__strmap_put(&m, p->bytes[i], p->len[i], i + 1), 0);
        /* Overwrite does not allocate either. */
        assert_int_equal(km__strmap_put(&m, p->bytes[i], p->len[i], i + 2), 0);
    }
    assert_int_equal(ta.failures, 1); /* only the deliberate ENOMEM above */
    assert_int_equal(m.cap, cap);
    km_test_alloc_fail_at(&ta, -1);
    km__strmap_free(&m);
    assert_int_equal(ta.live, 0);
    test_free(p);
}

/* Undoing a random history in reverse order (what a transaction rollback
 * does) never allocates. */
static void test_reverse_undo_no_alloc(void **state)
{
    enum { NOPS = 6000 };
    pool *p = pool_new();
    ref *r = (ref *)test_calloc(1, sizeof(ref));
    km_test_alloc ta;
    km__strmap m;
    size_t *log_k = (size_t *)test_malloc(NOPS * sizeof(size_t));
    int *log_kind = (int *)test_malloc(NOPS * sizeof(int)); /* 0 new, 1 overwrite, 2 removed */
    uint64_t *log_old = (uint64_t *)test_malloc(NOPS * sizeof(uint64_t));
    int round;
    (void)state;
    rng_seed(7);
    km_test_alloc_init(&ta);
    km__strmap_init(&m, km_test_alloc_get(&ta));
    for (round = 0; round < 6; round++) {
        size_t i, nlog = 0, range = 200 + (size_t)round * 700;
        for (i = 0; i < 3000; i++) {
            size_t k = (size_t)rng_below(range);
            if (rng_below(3)) {
                uint64_t v = rng();
                assert_int_equal(km__strmap_put(&m, p->bytes[k], p->len[k], v), 0);
                ref_put(r, k, v);
            } else {
                km__strmap_remove(&m, p->bytes[k], p->len[k]);
                ref_del(r, k);
            }
        }
        /* The transaction: may grow the table several times. */
        for (i = 0; i < NOPS; i++) {
            size_t k = (size_t)rng_below(NKEYS);
            uint64_t old = 0;
            int had = km__strmap_get(&m, p->bytes[k], p->len[k], &old);
            if (rng_below(5) < 3) {
                assert_int_equal(km__strmap_put(&m, p->bytes[k], p->len[k], rng()), 0);
                log_kind[nlog] = had ? 1 : 0;
            } else {
                if (!had) continue;
                assert_true(km__strmap_remove(&m, p->bytes[k], p->len[k]));
                log_kind[nlog] = 2;
            }
            log_k[nlog] = k;
            log_old[nlog++] = old;
        }
        km_test_alloc_fail_at(&ta, 1);
        while (nlog-- > 0) {
            size_t k = log_k[nlog];
            if (log_kind[nlog] == 0) assert_true(km__strmap_remove(&m, p->bytes[k], p->len[k]));
            else assert_int_equal(km__strmap_put(&m, p->bytes[k], p->len[k], log_old[nlog]), 0);
        }
        assert_int_equal(ta.failures, 0);
        km_test_alloc_fail_at(&ta, -1);
        check_all(&m, p, r);
    }
    km__strmap_free(&m);
    assert_int_equal(ta.live, 0);
    test_free(log_k);
    test_free(log_kind);
    test_free(log_old);
    test_free(p);
    test_free(r);
}

static void test_reserve(void **state)
{
    pool *p = pool_new();
    km_test_alloc ta;
    km__strmap m;
    size_t i;
    (void)state;
    km_test_alloc_init(&ta);
    km__strmap_init(&m, km_test_alloc_get(&ta));
    assert_int_equal(km__strmap_reserve(&m, 0), 0);
    assert_int_equal(ta.calls, 0);
    assert_int_equal(km__strmap_reserve(&m, 1000), 0);
    km_test_alloc_fail_at(&ta, 1);
    for (i = 0; i < 1000; i++) assert_int_equal(km__strmap_put(&m, p->bytes[i], p->len[i], i), 0);
    assert_int_equal(ta.failures, 0);
    /* Reserve under OOM fails cleanly. */
    assert_int_equal(km__strmap_reserve(&m, 3000), KM_ENOMEM);
    assert_int_equal(km__strmap_count(&m), 1000);
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(km__strmap_reserve(&m, SIZE_MAX), KM_ENOMEM);
    assert_int_equal(km__strmap_reserve(&m, 2000), 0);
    km_test_alloc_fail_at(&ta, 1);
    for (i = 1000; i < 3000; i++) assert_int_equal(km__strmap_put(&m, p->bytes[i], p->len[i], i), 0);
    assert_int_equal(ta.failures, 0);
    km_test_alloc_fail_at(&ta, -1);
    for (i = 0; i < 3000; i++) {
        uint64_t v;
        assert_true(km__strmap_get(&m, p->bytes[i], p->len[i], &v));
        assert_int_equal(v, i);
    }
    km__strmap_free(&m);
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.live_bytes, 0);
    test_free(p);
}

/* SQLite-style OOM loop over a mixed workload. */
static void test_oom_loop(void **state)
{
    pool *p = pool_new();
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        ref *r = (ref *)test_calloc(1, sizeof(ref));
        km__strmap m;
        long failures, i;
        rng_seed(99);
        km__strmap_init(&m, km_test_alloc_get(&ta));
        km_test_alloc_fail_at(&ta, n);
        for (i = 0; i < 4000; i++) {
            size_t k = (size_t)rng_below(NKEYS);
            if (rng_below(4)) {
                uint64_t v = rng();
                size_t before = km__strmap_count(&m);
                int had = r->present[k];
                int rc = km__strmap_put(&m, p->bytes[k], p->len[k], v);
                if (rc == 0) {
                    ref_put(r, k, v);
                } else {
                    assert_int_equal(rc, KM_ENOMEM);
                    assert_false(had); /* overwrites never fail */
                    assert_false(km__strmap_get(&m, p->bytes[k], p->len[k], NULL));
                    assert_int_equal(km__strmap_count(&m), before);
                }
            } else {
                assert_int_equal(km__strmap_remove(&m, p->bytes[k], p->len[k]), r->present[k]);
                ref_del(r, k);
            }
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        check_all(&m, p, r);
        km__strmap_free(&m);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
        test_free(r);
        if (failures == 0) break;
    }
    assert_true(n > 5);
    test_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_random_vs_reference),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_overwrite_replaces_key_pointer),
        cmocka_unit_test(test_remove_put_no_alloc),
        cmocka_unit_test(test_reverse_undo_no_alloc),
        cmocka_unit_test(test_reserve),
        cmocka_unit_test(test_oom_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
