/* Unit tests for the uint64 -> uint64 hash map (src/util/u64map.c): random
 * operations against a reference, key 0 and UINT64_MAX, growth, deletion
 * inside clusters of sequential ids, the no-allocation guarantee of
 * remove/re-put and of reverse-order undo, reserve and out-of-memory loops
 * with leak checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/u64map.h"
#include "support/failalloc.h"
#include "support/rng.h"

/* ---- key universe and reference ---------------------------------------------- */

#define NKEYS 5000

typedef struct ref {
    uint64_t key[NKEYS];
    int present[NKEYS];
    uint64_t value[NKEYS];
    size_t count;
} ref;

/* Distinct keys: 0, UINT64_MAX, a run of sequential ids (the common case
 * for partner ids), multiples of 2^32, and random values. */
static ref *ref_new(void)
{
    ref *r = (ref *)test_calloc(1, sizeof(ref));
    size_t i, j;
    assert_non_null(r);
    r->key[0] = 0;
    r->key[1] = UINT64_MAX;
    for (i = 2; i < NKEYS; i++) {
        switch (i % 3) {
        case 0: r->key[i] = i; break;
        case 1: r->key[i] = (uint64_t)i << 32; break;
        default:
            for (;;) {
                r->key[i] = rng() | 1u; /* odd, so never one of the above */
                for (j = 0; j < i && r->key[j] != r->key[i]; j++) {}
                if (j == i && r->key[i] != UINT64_MAX && r->key[i] >= NKEYS) break;
            }
            break;
        }
    }
    return r;
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

static void check_all(const km__u64map *m, const ref *r)
{
    size_t i, live = 0;
    for (i = 0; i < NKEYS; i++) {
        uint64_t v = 0;
        int f = km__u64map_get(m, r->key[i], &v);
        assert_int_equal(f, r->present[i]);
        if (f) assert_int_equal(v, r->value[i]);
    }
    assert_int_equal(km__u64map_count(m), r->count);
    for (i = 0; i < m->cap; i++) live += m->slots[i].key != 0;
    assert_int_equal(live + (m->has_zero ? 1u : 0u), r->count);
    if (m->cap) assert_true(live * 10 <= m->cap * 7);
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_basic(void **state)
{
    km__u64map m;
    uint64_t v = 0;
    km_test_alloc ta;
    (void)state;
    km_test_alloc_init(&ta);
    km__u64map_init(&m, km_test_alloc_get(&ta));
    assert_false(km__u64map_get(&m, 0, &v));
    assert_false(km__u64map_get(&m, 5, &v));
    assert_false(km__u64map_remove(&m, 0));
    assert_false(km__u64map_remove(&m, 5));
    /* Key 0 lives beside the table and never allocates. */
    km_test_alloc_fail_at(&ta, 1);
    assert_int_equal(km__u64map_put(&m, 0, 11), 0);
    assert_int_equal(km__u64map_put(&m, 5, 1), KM_ENOMEM);
    assert_int_equal(ta.failures, 1);
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(km__u64map_count(&m), 1);
    assert_true(km__u64map_get(&m, 0, &v));
    assert_int_equal(v, 11);
    assert_int_equal(km__u64map_put(&m, UINT64_MAX, 12), 0);
    assert_int_equal(km__u64map_put(&m, 0, 13), 0);
    assert_int_equal(km__u64map_count(&m), 2);
    assert_true(km__u64map_get(&m, 0, NULL));
    assert_true(km__u64map_get(&m, UINT64_MAX, &v));
    assert_int_equal(v, 12);
    assert_true(km__u64map_remove(&m, 0));
    assert_false(km__u64map_get(&m, 0, &v));
    assert_int_equal(km__u64map_count(&m), 1);
    km__u64map_free(&m);
    assert_int_equal(km__u64map_count(&m), 0);
    assert_int_equal(ta.live, 0);
}

static void test_random_vs_reference(void **state)
{
    ref *r;
    km__u64map m;
    long op;
    (void)state;
    rng_seed(1234);
    r = ref_new();
    km__u64map_init(&m, NULL);
    for (op = 0; op < 300000; op++) {
        size_t range = (op / 30000) % 2 ? NKEYS : 1 + (size_t)(op / 30000) * 400;
        size_t k = (size_t)rng_below(range < NKEYS ? range : NKEYS);
        uint64_t v, got = 0;
        switch (rng_below(8)) {
        case 0: case 1: case 2:
            v = rng();
            assert_int_equal(km__u64map_put(&m, r->key[k], v), 0);
            ref_put(r, k, v);
            break;
        case 3: case 4: case 5:
            assert_int_equal(km__u64map_remove(&m, r->key[k]), r->present[k]);
            ref_del(r, k);
            break;
        default:
            assert_int_equal(km__u64map_get(&m, r->key[k], &got), r->present[k]);
            if (r->present[k]) assert_int_equal(got, r->value[k]);
            break;
        }
        if (op % 10000 == 9999) check_all(&m, r);
    }
    check_all(&m, r);
    km__u64map_free(&m);
    test_free(r);
}

static void test_sequential_growth(void **state)
{
    km__u64map m;
    uint64_t i, v;
    size_t cap;
    (void)state;
    km__u64map_init(&m, NULL);
    for (i = 1; i <= 100000; i++) assert_int_equal(km__u64map_put(&m, i, i * 2), 0);
    assert_int_equal(km__u64map_count(&m), 100000);
    assert_true((m.cap & (m.cap - 1)) == 0);
    cap = m.cap;
    for (i = 1; i <= 100000; i++) {
        assert_true(km__u64map_get(&m, i, &v));
        assert_int_equal(v, i * 2);
    }
    assert_false(km__u64map_get(&m, 100001, &v));
    for (i = 1; i <= 100000; i += 3) assert_true(km__u64map_remove(&m, i));
    for (i = 1; i <= 100000; i++) assert_int_equal(km__u64map_get(&m, i, &v), (i - 1) % 3 != 0);
    for (i = 1; i <= 100000; i++) km__u64map_remove(&m, i);
    assert_int_equal(km__u64map_count(&m), 0);
    assert_int_equal(m.cap, cap); /* never shrinks */
    km__u64map_free(&m);
}

static void test_remove_put_no_alloc(void **state)
{
    km_test_alloc ta;
    km__u64map m;
    uint64_t i, n;
    size_t cap;
    (void)state;
    km_test_alloc_init(&ta);
    km__u64map_init(&m, km_test_alloc_get(&ta));
    /* Fill until the next new key would grow the table. */
    for (n = 1;; n++) {
        assert_int_equal(km__u64map_put(&m, n * 977, n), 0);
        cap = m.cap;
        if (n >= 700 && (n + 1) * 16 > cap * 11) break;
    }
    km_test_alloc_fail_at(&ta, 1);
    assert_int_equal(km__u64map_put(&m, 1, 0), KM_ENOMEM);
    assert_false(km__u64map_get(&m, 1, NULL));
    for (i = 1; i <= n; i++) {
        assert_true(km__u64map_remove(&m, i * 977));
        assert_int_equal(km__u64map_put(&m, i * 977, i + 1), 0);
        assert_int_equal(km__u64map_put(&m, i * 977, i + 2), 0);
    }
    assert_int_equal(ta.failures, 1);
    assert_int_equal(m.cap, cap);
    assert_int_equal(km__u64map_count(&m), n);
    km_test_alloc_fail_at(&ta, -1);
    km__u64map_free(&m);
    assert_int_equal(ta.live, 0);
}

static void test_reverse_undo_no_alloc(void **state)
{
    enum { NOPS = 8000 };
    ref *r;
    km_test_alloc ta;
    km__u64map m;
    size_t *log_k = (size_t *)test_malloc(NOPS * sizeof(size_t));
    int *log_kind = (int *)test_malloc(NOPS * sizeof(int)); /* 0 new, 1 overwrite, 2 removed */
    uint64_t *log_old = (uint64_t *)test_malloc(NOPS * sizeof(uint64_t));
    int round;
    (void)state;
    rng_seed(77);
    r = ref_new();
    km_test_alloc_init(&ta);
    km__u64map_init(&m, km_test_alloc_get(&ta));
    for (round = 0; round < 6; round++) {
        size_t i, nlog = 0, range = 300 + (size_t)round * 800;
        for (i = 0; i < 3000; i++) {
            size_t k = (size_t)rng_below(range);
            if (rng_below(3)) {
                uint64_t v = rng();
                assert_int_equal(km__u64map_put(&m, r->key[k], v), 0);
                ref_put(r, k, v);
            } else {
                km__u64map_remove(&m, r->key[k]);
                ref_del(r, k);
            }
        }
        for (i = 0; i < NOPS; i++) {
            size_t k = (size_t)rng_below(NKEYS);
            uint64_t old = 0;
            int had = km__u64map_get(&m, r->key[k], &old);
            if (rng_below(5) < 3) {
                assert_int_equal(km__u64map_put(&m, r->key[k], rng()), 0);
                log_kind[nlog] = had ? 1 : 0;
            } else {
                if (!had) continue;
                assert_true(km__u64map_remove(&m, r->key[k]));
                log_kind[nlog] = 2;
            }
            log_k[nlog] = k;
            log_old[nlog++] = old;
        }
        km_test_alloc_fail_at(&ta, 1);
        while (nlog-- > 0) {
            size_t k = log_k[nlog];
            if (log_kind[nlog] == 0) assert_true(km__u64map_remove(&m, r->key[k]));
            else assert_int_equal(km__u64map_put(&m, r->key[k], log_old[nlog]), 0);
        }
        assert_int_equal(ta.failures, 0);
        km_test_alloc_fail_at(&ta, -1);
        check_all(&m, r);
    }
    km__u64map_free(&m);
    assert_int_equal(ta.live, 0);
    test_free(log_k);
    test_free(log_kind);
    test_free(log_old);
    test_free(r);
}

static void test_reserve(void **state)
{
    km_test_alloc ta;
    km__u64map m;
    uint64_t i, v;
    (void)state;
    km_test_alloc_init(&ta);
    km__u64map_init(&m, km_test_alloc_get(&ta));
    assert_int_equal(km__u64map_reserve(&m, 0), 0);
    assert_int_equal(ta.calls, 0);
    assert_int_equal(km__u64map_reserve(&m, 5000), 0);
    km_test_alloc_fail_at(&ta, 1);
    for (i = 1; i <= 5000; i++) assert_int_equal(km__u64map_put(&m, i << 20, i), 0);
    assert_int_equal(ta.failures, 0);
    assert_int_equal(km__u64map_reserve(&m, 10000), KM_ENOMEM);
    assert_int_equal(km__u64map_count(&m), 5000);
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(km__u64map_reserve(&m, SIZE_MAX), KM_ENOMEM);
    assert_int_equal(km__u64map_reserve(&m, 10000), 0);
    km_test_alloc_fail_at(&ta, 1);
    for (i = 5001; i <= 15000; i++) assert_int_equal(km__u64map_put(&m, i << 20, i), 0);
    assert_int_equal(ta.failures, 0);
    km_test_alloc_fail_at(&ta, -1);
    for (i = 1; i <= 15000; i++) {
        assert_true(km__u64map_get(&m, i << 20, &v));
        assert_int_equal(v, i);
    }
    km__u64map_free(&m);
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.live_bytes, 0);
}

static void test_oom_loop(void **state)
{
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        ref *r;
        km__u64map m;
        long failures, i;
        rng_seed(5);
        r = ref_new();
        km__u64map_init(&m, km_test_alloc_get(&ta));
        km_test_alloc_fail_at(&ta, n);
        for (i = 0; i < 5000; i++) {
            size_t k = (size_t)rng_below(NKEYS);
            if (rng_below(4)) {
                uint64_t v = rng();
                size_t before = km__u64map_count(&m);
                int had = r->present[k];
                int rc = km__u64map_put(&m, r->key[k], v);
                if (rc == 0) {
                    ref_put(r, k, v);
                } else {
                    assert_int_equal(rc, KM_ENOMEM);
                    assert_false(had);
                    assert_false(km__u64map_get(&m, r->key[k], NULL));
                    assert_int_equal(km__u64map_count(&m), before);
                }
            } else {
                assert_int_equal(km__u64map_remove(&m, r->key[k]), r->present[k]);
                ref_del(r, k);
            }
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        check_all(&m, r);
        km__u64map_free(&m);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
        test_free(r);
        if (failures == 0) break;
    }
    assert_true(n > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_random_vs_reference),
        cmocka_unit_test(test_sequential_growth),
        cmocka_unit_test(test_remove_put_no_alloc),
        cmocka_unit_test(test_reverse_undo_no_alloc),
        cmocka_unit_test(test_reserve),
        cmocka_unit_test(test_oom_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
