/* Unit tests for the decimal parser and formatters of event payloads and
 * snapshots (util/num.h): the formatters agree with snprintf everywhere,
 * including the ends of the ranges, and the parser takes back exactly what
 * they write while refusing anything that is not plain digits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/num.h"
#include "support/rng.h"

static void check_u64(uint64_t v)
{
    char got[KM__U64_DEC_MAX + 3], want[32];
    uint64_t back = 0;
    size_t n;
    memset(got, 'x', sizeof got);
    n = km__fmt_u64(got, v);
    snprintf(want, sizeof want, "%llu", (unsigned long long)v);
    assert_string_equal(got, want);
    assert_int_equal(n, strlen(want));
    assert_true(n + 1 <= KM__U64_DEC_MAX);
    assert_true(km__parse_u64(got, n, &back));
    assert_true(back == v);
}

static void check_i64(int64_t v)
{
    char got[KM__I64_DEC_MAX + 3], want[32];
    int64_t back = 0;
    size_t n;
    memset(got, 'x', sizeof got);
    n = km__fmt_i64(got, v);
    snprintf(want, sizeof want, "%lld", (long long)v);
    assert_string_equal(got, want);
    assert_int_equal(n, strlen(want));
    assert_true(n + 1 <= KM__I64_DEC_MAX);
    assert_true(km__parse_i64(got, n, &back));
    assert_true(back == v);
}

static void test_format_edges(void **state)
{
    uint64_t p = 1;
    int i;
    (void)state;
    check_u64(0);
    check_u64(UINT64_MAX);
    check_u64(UINT64_MAX - 1);
    for (i = 0; i < 20; i++, p *= 10) {
        check_u64(p);
        check_u64(p - 1);
        check_u64(p + 1);
    }
    check_i64(0);
    check_i64(-1);
    check_i64(INT64_MAX);
    check_i64(INT64_MIN);
    check_i64(INT64_MIN + 1);
}

static void test_format_random(void **state)
{
    int i;
    (void)state;
    rng_seed(0x4e756d);
    for (i = 0; i < 20000; i++) {
        uint64_t v = rng() >> (rng_below(64));
        check_u64(v);
        check_i64((int64_t)v);
        check_i64(-(int64_t)(v >> 1));
    }
}

static void test_parse(void **state)
{
    uint64_t v = 7;
    (void)state;
    assert_true(km__parse_u64("18446744073709551615", 20, &v));
    assert_true(v == UINT64_MAX);
    assert_true(km__parse_u64("007", 3, &v));
    assert_int_equal(v, 7);
    assert_true(km__parse_u64("12:3", 2, &v)); /* only n bytes count */
    assert_int_equal(v, 12);
    v = 99;
    assert_false(km__parse_u64("18446744073709551616", 20, &v)); /* overflow */
    assert_false(km__parse_u64("000000000000000000001", 21, &v)); /* longer than 20 */
    assert_false(km__parse_u64("", 0, &v));
    assert_false(km__parse_u64("-1", 2, &v));
    assert_false(km__parse_u64("+1", 2, &v));
    assert_false(km__parse_u64(" 1", 2, &v));
    assert_false(km__parse_u64("1a", 2, &v));
    assert_false(km__parse_u64("1\0", 2, &v));
    assert_int_equal(v, 99); /* untouched by every refusal */
}

static void test_parse_signed(void **state)
{
    int64_t v = 5;
    (void)state;
    assert_true(km__parse_i64("-9223372036854775808", 20, &v));
    assert_true(v == INT64_MIN);
    assert_true(km__parse_i64("9223372036854775807", 19, &v));
    assert_true(v == INT64_MAX);
    assert_true(km__parse_i64("-0", 2, &v));
    assert_true(v == 0);
    v = 5;
    assert_false(km__parse_i64("9223372036854775808", 19, &v));
    assert_false(km__parse_i64("-9223372036854775809", 20, &v));
    assert_false(km__parse_i64("-", 1, &v));
    assert_false(km__parse_i64("", 0, &v));
    assert_false(km__parse_i64("+1", 2, &v));
    assert_false(km__parse_i64("1-", 2, &v));
    assert_false(km__parse_i64("--1", 3, &v));
    assert_true(v == 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_edges),
        cmocka_unit_test(test_format_random),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_parse_signed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
