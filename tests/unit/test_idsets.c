/* Unit tests for the paged sets keyed by id (src/util/idsets.c): memory
 * follows the keys in use (a large key costs one page, not a set per key
 * below it), key 0 and keys never reserved have no set, a refused
 * allocation leaves every set as it was, and freeing releases everything. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/idsets.h"
#include "support/failalloc.h"

static void test_sparse_keys_cost_a_page(void **state)
{
    km_test_alloc ta;
    const km_allocator *a;
    km__idsets s;
    uint64_t v;
    (void)state;
    km_test_alloc_init(&ta);
    a = km_test_alloc_get(&ta);
    memset(&s, 0, sizeof s); /* a zeroed container is empty and valid */
    assert_null(km__idsets_get(&s, 1));
    assert_null(km__idsets_get(&s, 0));
    assert_int_equal(km__idsets_limit(&s), 0);
    assert_int_equal(km__idsets_reserve(&s, a, 0), 0); /* key 0: nothing */
    assert_int_equal(km__idsets_add(&s, a, 0, 5), 0);
    assert_int_equal(ta.live, 0);

    assert_int_equal(km__idsets_add(&s, a, 2000000, 42), 0);
    /* The page table and one page of KM__IDSETS_PAGE sets, no more. */
    assert_int_equal(ta.live, 2);
    assert_true(ta.live_bytes < KM__IDSETS_PAGE * sizeof(km__idset) + 4096 * sizeof(void *));
    assert_true(km__idsets_limit(&s) >= 2000000);
    assert_non_null(km__idsets_get(&s, 2000000));
    /* Each set starts a cache line (a set is one line on 64-bit hosts). */
    assert_int_equal((uintptr_t)km__idsets_get(&s, 2000000) % 64, 0);
    if (sizeof(km__idset) == 64) assert_int_equal((uintptr_t)km__idsets_get(&s, 2000001) % 64, 0);
    assert_non_null(km__idsets_get(&s, 2000000 - (2000000 - 1) % KM__IDSETS_PAGE)); /* same page */
    assert_null(km__idsets_get(&s, 1));
    assert_null(km__idsets_get(&s, 2000000 + KM__IDSETS_PAGE));
    assert_null(km__idsets_get(&s, UINT64_MAX));
    assert_int_equal(km__idset_count(km__idsets_get(&s, 2000000)), 1);
    assert_true(km__idset_next(km__idsets_get(&s, 2000000), 1, &v));
    assert_int_equal(v, 42);
    assert_int_equal(km__idset_count(km__idsets_get(&s, 1999999)), 0);

    km__idsets_remove(&s, 7, 42);       /* no set: no-op */
    km__idsets_remove(&s, 2000000, 41); /* absent id: no-op */
    km__idsets_remove(&s, 2000000, 42);
    assert_int_equal(km__idset_count(km__idsets_get(&s, 2000000)), 0);
    /* Re-adding what was removed never allocates (undo relies on it). */
    km_test_alloc_fail_at(&ta, 1);
    assert_int_equal(km__idsets_add(&s, a, 2000000, 42), 0);
    assert_int_equal(ta.failures, 0);
    km_test_alloc_fail_at(&ta, -1);

    km__idsets_free(&s, a);
    assert_int_equal(ta.live, 0);
    assert_null(km__idsets_get(&s, 2000000));
    assert_int_equal(km__idsets_limit(&s), 0);
}

/* Every allocation refused in turn: each failure is KM_ENOMEM and leaves
 * the sets' contents as they were; the first run without a failure
 * matches a run that never failed. */
static void test_oom(void **state)
{
    static const uint64_t keys[] = { 3, 1, 1025, 5000, 3, 1000000, 1024, 2 };
    km_test_alloc ta;
    const km_allocator *a;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    a = km_test_alloc_get(&ta);
    for (n = 1;; n++) {
        km__idsets s;
        size_t i, k, added = 0;
        long failures;
        memset(&s, 0, sizeof s);
        km_test_alloc_fail_at(&ta, n);
        for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            /* Enough ids for a key to leave the inline form. */
            for (k = 0; k < 6; k++) {
                int rc = km__idsets_add(&s, a, keys[i], 100 * i + k);
                if (rc == 0) {
                    added++;
                    continue;
                }
                assert_int_equal(rc, KM_ENOMEM);
                assert_false(km__idsets_get(&s, keys[i]) && km__idset_contains(km__idsets_get(&s, keys[i]), 100 * i + k));
            }
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        {
            uint64_t total = 0, key;
            for (key = 1; key <= km__idsets_limit(&s); key++)
                if (km__idsets_get(&s, key)) total += km__idset_count(km__idsets_get(&s, key));
            assert_int_equal(total, added);
        }
        km__idsets_free(&s, a);
        assert_int_equal(ta.live, 0);
        if (failures == 0) {
            assert_int_equal(added, 6 * (sizeof keys / sizeof keys[0])); /* ids differ per entry */
            break;
        }
    }
    assert_true(n > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sparse_keys_cost_a_page),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests_name("idsets", tests, NULL, NULL);
}
