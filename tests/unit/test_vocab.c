/* Unit tests for the vocabulary of interned strings (src/util/vocab.c):
 * one number per distinct string, strings that never move while the
 * table grows past many pages (a reader's earlier pointer still reads),
 * strings that are prefixes of one another or hold any byte but NUL,
 * out-of-memory loops in which a refused intern changes nothing, and
 * every block freed with the vocabulary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/vocab.h"
#include "support/failalloc.h"

/* String i of the test: distinct for distinct i, of 1 to 40 bytes. */
static size_t word(char *out, size_t i)
{
    size_t n = (size_t)snprintf(out, 48, "w%zu", i);
    while (n < 1 + i % 40) out[n++] = (char)('a' + i % 26);
    out[n] = '\0';
    return n;
}

static void test_numbers_and_strings(void **state)
{
    km__vocab *v = km__vocab_new(NULL);
    uint32_t a, b, c, d;
    const char *sa;
    (void)state;
    assert_non_null(v);
    assert_int_equal(km__vocab_count(v), 0);
    assert_int_equal(km__vocab_intern(v, "health", 6, &a), 0);
    assert_int_equal(km__vocab_intern(v, "healthcare", 10, &b), 0);
    assert_int_equal(km__vocab_intern(v, "health", 6, &c), 0);
    assert_int_equal(km__vocab_intern(v, "healthcare", 6, &d), 0); /* a prefix: "health" */
    assert_int_equal(a, 0);
    assert_int_equal(b, 1);
    assert_int_equal(c, a);
    assert_int_equal(d, a);
    assert_int_equal(km__vocab_count(v), 2);
    sa = km__vocab_str(v, a);
    assert_string_equal(sa, "health");
    assert_string_equal(km__vocab_str(v, b), "healthcare");
    assert_int_equal(km__vocab_intern(v, "", 0, &c), 0); /* the empty string is a string too */
    assert_string_equal(km__vocab_str(v, c), "");
    assert_int_equal(c, 2);
    km__vocab_free(v);
    km__vocab_free(NULL);
}

/* Strings that share their first eight bytes, their last eight, or both,
 * or are the first bytes of one another, keep their own numbers however
 * they alternate (the cache of recent strings knows a string by its first
 * and last eight bytes and its length, and compares the middle of a
 * longer one). */
static void test_shared_heads(void **state)
{
    static const char *const w[] = { "agriculture", "agricultural", "agricult", "agricultur", "agri",
                                     "agriculture_and_fisheries", "agriculture_and_forestry", "a", "b", "ab",
                                     "agricultureXXfisheries", "agricultureYYfisheries", /* same head and tail */
                                     "abcdefgh12345678", "abcdefgh87654321", "abcdefghi2345678" };
    const size_t n = sizeof w / sizeof w[0];
    uint32_t ids[sizeof w / sizeof w[0]], id;
    km__vocab *v = km__vocab_new(NULL);
    size_t i, round;
    (void)state;
    for (i = 0; i < n; i++) {
        assert_int_equal(km__vocab_intern(v, w[i], strlen(w[i]), &ids[i]), 0);
        assert_int_equal(ids[i], i);
    }
    for (round = 0; round < 50; round++)
        for (i = 0; i < n; i++) {
            size_t k = (i * 7 + round) % n;
            assert_int_equal(km__vocab_intern(v, w[k], strlen(w[k]), &id), 0);
            assert_int_equal(id, ids[k]);
            assert_string_equal(km__vocab_str(v, id), w[k]);
        }
    assert_int_equal(km__vocab_count(v), n);
    km__vocab_free(v);
}

/* Ten thousand strings: the table is replaced as it grows (4 pages, then
 * 8, 16), each string keeps its address, and each number its string. */
static void test_growth_keeps_strings(void **state)
{
    enum { N = 10000 };
    static const char *at[N];
    km__vocab *v = km__vocab_new(NULL);
    char w[48];
    uint32_t id;
    size_t i;
    (void)state;
    for (i = 0; i < N; i++) {
        size_t n = word(w, i);
        assert_int_equal(km__vocab_intern(v, w, n, &id), 0);
        assert_int_equal(id, i);
        at[i] = km__vocab_str(v, id);
        assert_string_equal(at[i], w);
    }
    for (i = 0; i < N; i++) {
        size_t n = word(w, i);
        assert_ptr_equal(km__vocab_str(v, (uint32_t)i), at[i]);
        assert_string_equal(at[i], w);
        assert_int_equal(km__vocab_intern(v, w, n, &id), 0); /* found, not added */
        assert_int_equal(id, i);
    }
    assert_int_equal(km__vocab_count(v), N);
    km__vocab_free(v);
}

/* Every allocation refused in turn while 3,000 strings go in: a refused
 * intern returns KM_ENOMEM and leaves the count and every string as
 * they were; the same string goes in on the next try; nothing leaks. */
static void test_out_of_memory(void **state)
{
    enum { N = 3000 };
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        km__vocab *v;
        char w[48];
        uint32_t id;
        size_t i, len;
        int refused = 0;
        km_test_alloc_fail_at(&ta, -1);
        v = km__vocab_new(km_test_alloc_get(&ta));
        assert_non_null(v);
        km_test_alloc_fail_at(&ta, n);
        for (i = 0; i < N; i++) {
            len = word(w, i);
            if (km__vocab_intern(v, w, len, &id) != 0) {
                uint32_t j;
                refused = 1;
                assert_int_equal(km__vocab_count(v), i);
                for (j = 0; j < (uint32_t)i; j++) {
                    char x[48];
                    word(x, j);
                    assert_string_equal(km__vocab_str(v, j), x);
                }
                km_test_alloc_fail_at(&ta, -1);
                assert_int_equal(km__vocab_intern(v, w, len, &id), 0);
                assert_int_equal(id, i);
                break;
            }
            assert_int_equal(id, i);
        }
        km_test_alloc_fail_at(&ta, -1);
        km__vocab_free(v);
        assert_int_equal(ta.live, 0);
        if (!refused) break;
    }
    assert_true(n > 10); /* the strings, the pages, the tables and the map each met a refusal */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_and_strings),
        cmocka_unit_test(test_shared_heads),
        cmocka_unit_test(test_growth_keeps_strings),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
