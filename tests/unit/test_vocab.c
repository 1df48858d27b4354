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
#include <pthread.h>
#include <cmocka.h>

#include "util/vocab.h"
#include "util/date.h"
#include "kemitraan/common.h"
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

/* A vocabulary whose allocator refuses its n-th allocation from now on. */
static km__vocab *failing_at(km_test_alloc *ta, long n)
{
    km__vocab *v;
    km_test_alloc_fail_at(ta, -1);
    v = km__vocab_new(km_test_alloc_get(ta));
    assert_non_null(v);
    km_test_alloc_fail_at(ta, n);
    return v;
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
        v = failing_at(&ta, n);
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

/* The text of day d as util/date.c writes it. */
static void check_day(const km__vocab *v, int32_t d)
{
    char want[KM__DATE_BUF];
    km__date_format(want, d);
    assert_string_equal(km__vocab_day(v, d), want);
}

/* Days at both ends of the range, around 1970-01-01 and at the edges of
 * a page read as util/date.c writes them, and stay at one address. */
static void test_days(void **state)
{
    static const int32_t days[] = { KM__DATE_MIN, KM__DATE_MIN + 1, -1, 0, 1, 20454, 20819,
                                    KM__DATE_MAX - 1, KM__DATE_MAX };
    km__vocab *v = km__vocab_new(NULL);
    const char *first;
    size_t i;
    int32_t d;
    (void)state;
    assert_non_null(v);
    for (i = 0; i < sizeof days / sizeof days[0]; i++) assert_int_equal(km__vocab_day_ensure(v, days[i]), 0);
    for (i = 0; i < sizeof days / sizeof days[0]; i++) check_day(v, days[i]);
    assert_string_equal(km__vocab_day(v, KM__DATE_MIN), "0001-01-01");
    assert_string_equal(km__vocab_day(v, 0), "1970-01-01");
    assert_string_equal(km__vocab_day(v, KM__DATE_MAX), "9999-12-31");
    /* Every day of 2024 and 2025, across pages of KM__VOCAB_PAGE days. */
    assert_int_equal(km__vocab_day_ensure(v, 19723), 0);
    first = km__vocab_day(v, 19723);
    for (d = 19723; d < 19723 + 731; d++) {
        assert_int_equal(km__vocab_day_ensure(v, d), 0);
        check_day(v, d);
    }
    assert_string_equal(km__vocab_day(v, 19723), "2024-01-01");
    assert_ptr_equal(km__vocab_day(v, 19723), first); /* made once, never moved */
    km__vocab_free(v);
}

/* Two threads ensuring the same pages at once: one page each wins, every
 * day reads right, nothing leaks (the loaders of a snapshot's agreements
 * do this). */
static void *ensure_many(void *arg)
{
    km__vocab *v = (km__vocab *)arg;
    int32_t d;
    for (d = -50000; d < 50000; d += 7)
        if (km__vocab_day_ensure(v, d) != 0) return arg;
    return NULL;
}

static void test_days_two_threads(void **state)
{
    int round;
    (void)state;
    for (round = 0; round < 20; round++) {
        km__vocab *v = km__vocab_new(NULL);
        pthread_t t;
        int32_t d;
        assert_non_null(v);
        assert_int_equal(pthread_create(&t, NULL, ensure_many, v), 0);
        assert_null(ensure_many(v));
        assert_int_equal(pthread_join(t, NULL), 0);
        for (d = -50000; d < 50000; d += 7) check_day(v, d);
        km__vocab_free(v);
    }
}

/* Each allocation of the day strings refused in turn: KM_ENOMEM, the days
 * ensured before still read, the same call succeeds once allowed, and
 * nothing leaks. */
static void test_days_out_of_memory(void **state)
{
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        km__vocab *v;
        int32_t d;
        int refused = 0;
        v = failing_at(&ta, n);
        for (d = 0; d < 5000; d += 100) {
            if (km__vocab_day_ensure(v, d) != 0) {
                int32_t e;
                refused = 1;
                for (e = 0; e < d; e += 100) check_day(v, e);
                km_test_alloc_fail_at(&ta, -1);
                assert_int_equal(km__vocab_day_ensure(v, d), 0);
                check_day(v, d);
                break;
            }
        }
        km_test_alloc_fail_at(&ta, -1);
        km__vocab_free(v);
        assert_int_equal(ta.live, 0);
        if (!refused) break;
    }
    assert_true(n > 3); /* the table and the pages of 0..4900 each met a refusal */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_and_strings),
        cmocka_unit_test(test_shared_heads),
        cmocka_unit_test(test_growth_keeps_strings),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_days),
        cmocka_unit_test(test_days_two_threads),
        cmocka_unit_test(test_days_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
