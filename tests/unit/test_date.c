/* Unit tests for civil dates: parsing, validation, formatting, leap years,
 * day/month arithmetic and round trips over a wide range. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/common.h"
#include "util/date.h"

/* Parses a NUL-terminated string; returns 1 and sets *d when valid. */
static int parse(const char *s, int32_t *d)
{
    return km__date_parse(s, strlen(s), d);
}

/* Formats a day count into a static buffer and compares. */
static void expect_format(int32_t d, const char *want)
{
    char buf[KM__DATE_BUF];
    km__date_format(buf, d);
    assert_string_equal(buf, want);
}

static void test_epoch(void **state)
{
    int32_t d;
    (void)state;
    assert_true(parse("1970-01-01", &d));
    assert_int_equal(d, 0);
    assert_true(parse("1970-01-02", &d));
    assert_int_equal(d, 1);
    assert_true(parse("1969-12-31", &d));
    assert_int_equal(d, -1);
    assert_true(parse("2000-03-01", &d));
    assert_int_equal(d, 11017);
    assert_true(parse("0001-01-01", &d));
    assert_int_equal(d, KM__DATE_MIN);
    assert_true(parse("9999-12-31", &d));
    assert_int_equal(d, KM__DATE_MAX);
    expect_format(0, "1970-01-01");
    expect_format(KM__DATE_MIN, "0001-01-01");
    expect_format(KM__DATE_MAX, "9999-12-31");
}

static void test_leap_years(void **state)
{
    int32_t d;
    (void)state;
    assert_true(km__leap_year(2000));
    assert_false(km__leap_year(1900));
    assert_false(km__leap_year(2100));
    assert_true(km__leap_year(2024));
    assert_false(km__leap_year(2023));
    assert_true(parse("2000-02-29", &d));
    assert_false(parse("1900-02-29", &d));
    assert_false(parse("2100-02-29", &d));
    assert_true(parse("2024-02-29", &d));
    assert_false(parse("2023-02-29", &d));
    assert_int_equal(km__days_in_month(2000, 2), 29);
    assert_int_equal(km__days_in_month(1900, 2), 28);
    assert_int_equal(km__days_in_month(2023, 13), 0);
}

static void test_invalid(void **state)
{
    static const char *const bad[] = {
        "", "2023", "2023-1-01", "2023-01-1", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32",
        "2023-04-31", "0000-01-01", "2023/01/01", "2023-01-01T00:00", " 2023-01-01", "2023-01-01 ",
        "+023-01-01", "2023-0a-01", "20230-01-01", "abcd-ef-gh",
    };
    size_t i;
    int32_t d = 77;
    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(parse(bad[i], &d));
        assert_int_equal(km__v_date("x.date", bad[i], strlen(bad[i]), &d), KM_EINVAL);
        assert_string_equal(km_error_last_field(), "x.date");
    }
    assert_int_equal(d, 77);
    assert_false(km__date_parse(NULL, 0, &d));
}

static void test_round_trip(void **state)
{
    int32_t d;
    int64_t y, prev = KM__DATE_MIN - 1;
    unsigned m, dd;
    char buf[KM__DATE_BUF];
    (void)state;
    /* Every day from 0001-01-01 to 9999-12-31: format, parse back, and the
     * civil fields advance by exactly one day. */
    for (d = KM__DATE_MIN; d <= KM__DATE_MAX; d++) {
        int32_t back;
        km__date_format(buf, d);
        assert_true(km__date_parse(buf, 10, &back));
        assert_int_equal(back, d);
        km__civil_from_days(d, &y, &m, &dd);
        assert_int_equal(km__days_from_civil(y, m, dd), d);
        assert_int_equal((int64_t)d, prev + 1);
        prev = d;
    }
}

static void test_add_days(void **state)
{
    int32_t d, r;
    (void)state;
    assert_true(parse("2024-02-28", &d));
    assert_int_equal(km__date_add_days(d, 1, &r), 0);
    expect_format(r, "2024-02-29");
    assert_int_equal(km__date_add_days(d, 2, &r), 0);
    expect_format(r, "2024-03-01");
    assert_int_equal(km__date_add_days(d, -59, &r), 0);
    expect_format(r, "2023-12-31");
    assert_int_equal(km__date_add_days(KM__DATE_MAX, 1, &r), KM_ERANGE);
    assert_int_equal(km__date_add_days(KM__DATE_MIN, -1, &r), KM_ERANGE);
    assert_int_equal(km__date_add_days(0, INT64_MAX, &r), KM_ERANGE);
    assert_int_equal(km__date_add_days(0, INT64_MIN, &r), KM_ERANGE);
}

static void test_add_months(void **state)
{
    int32_t d, r;
    (void)state;
    assert_true(parse("2024-01-31", &d));
    assert_int_equal(km__date_add_months(d, 1, &r), 0);
    expect_format(r, "2024-02-29");
    assert_int_equal(km__date_add_months(d, 13, &r), 0);
    expect_format(r, "2025-02-28");
    assert_int_equal(km__date_add_months(d, 3, &r), 0);
    expect_format(r, "2024-04-30");
    assert_int_equal(km__date_add_months(d, -2, &r), 0);
    expect_format(r, "2023-11-30");
    assert_int_equal(km__date_add_months(d, -13, &r), 0);
    expect_format(r, "2022-12-31");
    assert_int_equal(km__date_add_months(d, 12 * 100, &r), 0);
    expect_format(r, "2124-01-31");
    assert_true(parse("9999-12-01", &d));
    assert_int_equal(km__date_add_months(d, 1, &r), KM_ERANGE);
    assert_true(parse("0001-01-15", &d));
    assert_int_equal(km__date_add_months(d, -1, &r), KM_ERANGE);
    assert_int_equal(km__date_add_months(d, INT64_MAX, &r), KM_ERANGE);
}

/* The civil day of a time at an offset: the WIB boundary at 17:00 UTC,
 * negative offsets, times before 1970 rounded down, and the ends of the
 * int64 range clamped without overflow. */
static void test_day_at(void **state)
{
    const int64_t hour = INT64_C(3600000000), day = 24 * hour;
    int64_t d2025 = km__days_from_civil(2025, 3, 31);
    (void)state;
    assert_int_equal(km__day_at(0, 0), 0);
    assert_int_equal(km__day_at(-1, 0), -1);
    assert_int_equal(km__day_at(-day, 0), -1);
    assert_int_equal(km__day_at(-day - 1, 0), -2);
    /* 31 March 2025 16:59:59.999999 UTC is still 31 March in WIB (23:59:59);
     * 17:00 UTC is 1 April 00:00 WIB. */
    assert_int_equal(km__day_at(d2025 * day + 17 * hour - 1, KM__WIB_MINUTES), d2025);
    assert_int_equal(km__day_at(d2025 * day + 17 * hour, KM__WIB_MINUTES), d2025 + 1);
    assert_int_equal(km__day_at(d2025 * day + 17 * hour, 0), d2025);
    /* UTC-5 at 03:00 UTC is the day before. */
    assert_int_equal(km__day_at(d2025 * day + 3 * hour, -300), d2025 - 1);
    assert_int_equal(km__day_at(-hour, KM__WIB_MINUTES), 0); /* 1969-12-31 23:00 UTC = 06:00 WIB */
    assert_int_equal(km__day_at(INT64_MAX, 840), KM__DATE_MAX);
    assert_int_equal(km__day_at(INT64_MIN, -720), KM__DATE_MIN);
}

static void test_diff(void **state)
{
    int32_t a, b;
    (void)state;
    assert_true(parse("2015-01-01", &a));
    assert_true(parse("2024-12-31", &b));
    assert_int_equal(km__date_diff(a, b), 3652);
    assert_int_equal(km__date_diff(b, a), -3652);
    assert_true(parse("1900-01-01", &a));
    assert_true(parse("2100-01-01", &b));
    assert_int_equal(km__date_diff(a, b), 200 * 365 + 49); /* 1904..2096: 49 leap years (2000 included) */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_day_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
