/* Unit tests for the ISO 4217 table, checked money arithmetic and the
 * display formatting in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/money.h"
#include "util/money.h"

/* Formats and compares in one step. */
static void expect_fmt(int64_t v, const char *cur, int lang, const char *want)
{
    char buf[KM_MONEY_FORMAT_MAX];
    assert_int_equal(km_money_format(buf, sizeof buf, v, cur, lang), 0);
    assert_string_equal(buf, want);
}

static void test_digits(void **state)
{
    (void)state;
    assert_int_equal(km_currency_digits("IDR"), 2);
    assert_int_equal(km_currency_digits("USD"), 2);
    assert_int_equal(km_currency_digits("JPY"), 0);
    assert_int_equal(km_currency_digits("KRW"), 0);
    assert_int_equal(km_currency_digits("XOF"), 0);
    assert_int_equal(km_currency_digits("KWD"), 3);
    assert_int_equal(km_currency_digits("TND"), 3);
    assert_int_equal(km_currency_digits("CLF"), 4);
    assert_int_equal(km_currency_digits("UYW"), 4);
    assert_int_equal(km_currency_digits("idr"), KM_EINVAL);
    assert_int_equal(km_currency_digits("XXX"), KM_EINVAL);
    assert_int_equal(km_currency_digits("IDRX"), KM_EINVAL);
    assert_int_equal(km_currency_digits(""), KM_EINVAL);
    assert_int_equal(km_currency_digits(NULL), KM_EINVAL);
    assert_int_equal(km__v_currency("v.currency", "BYR", 3), KM_EINVAL); /* withdrawn */
    assert_int_equal(km__v_currency("v.currency", "EUR", 3), 0);
}

static void test_table_sorted(void **state)
{
    size_t i;
    (void)state;
    assert_true(km__currency_count() > 150);
    for (i = 1; i < km__currency_count(); i++)
        assert_true(strcmp(km__currency_code(i - 1), km__currency_code(i)) < 0);
    assert_null(km__currency_code(km__currency_count()));
}

/* Every active code of the IATI Currency codelist is in the table. The XML
 * lives in the shared standards folder beside the repository; without it the
 * test is skipped. */
static void test_iati_codelist(void **state)
{
#ifdef KM_IATI_CURRENCY_XML
    FILE *f = fopen(KM_IATI_CURRENCY_XML, "rb");
    char *xml, *p;
    long n;
    size_t active = 0;
    (void)state;
    if (!f) {
        skip();
        return;
    }
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    xml = (char *)malloc((size_t)n + 1);
    assert_non_null(xml);
    assert_int_equal(fread(xml, 1, (size_t)n, f), (size_t)n);
    xml[n] = '\0';
    fclose(f);
    for (p = strstr(xml, "<codelist-item"); p; p = strstr(p + 1, "<codelist-item")) {
        char *gt = strchr(p, '>'), *code = strstr(p, "<code>");
        int withdrawn;
        if (!gt || !code) break;
        withdrawn = 0;
        {
            char save = *gt;
            *gt = '\0';
            withdrawn = strstr(p, "withdrawn") != NULL;
            *gt = save;
        }
        code += 6;
        if (withdrawn) continue;
        if (km__currency_digits(code, 3) < 0 || code[3] != '<') fail_msg("IATI currency %.3s is not known", code);
        active++;
    }
    assert_true(active >= 160);
    free(xml);
#else
    (void)state;
    skip();
#endif
}

static void test_arith(void **state)
{
    int64_t r = 5;
    (void)state;
    assert_int_equal(km__money_add(INT64_MAX - 1, 1, &r), 0);
    assert_true(r == INT64_MAX);
    assert_int_equal(km__money_add(INT64_MAX, 1, &r), KM_ERANGE);
    assert_true(r == INT64_MAX);
    assert_int_equal(km__money_add(INT64_MIN, -1, &r), KM_ERANGE);
    assert_int_equal(km__money_sub(INT64_MIN, 1, &r), KM_ERANGE);
    assert_int_equal(km__money_sub(INT64_MAX, -1, &r), KM_ERANGE);
    assert_int_equal(km__money_sub(0, INT64_MAX, &r), 0);
    assert_true(r == -INT64_MAX);
    assert_int_equal(km__money_sub(-2, INT64_MAX, &r), KM_ERANGE);
    assert_int_equal(km__money_mul(INT64_MAX / 2, 2, &r), 0);
    assert_int_equal(km__money_mul(INT64_MAX / 2 + 1, 2, &r), KM_ERANGE);
    assert_int_equal(km__money_mul(INT64_MIN, -1, &r), KM_ERANGE);
    assert_int_equal(km__money_mul(-1, INT64_MIN, &r), KM_ERANGE);
    assert_int_equal(km__money_mul(INT64_MIN, 1, &r), 0);
    assert_true(r == INT64_MIN);
    assert_int_equal(km__money_mul(-3, -4, &r), 0);
    assert_int_equal(r, 12);
    assert_int_equal(km__money_mul(0, INT64_MIN, &r), 0);
    assert_int_equal(r, 0);
    assert_int_equal(km__money_mul(-4611686018427387904LL, 2, &r), 0);
    assert_true(r == INT64_MIN);
    assert_int_equal(km__money_mul(-4611686018427387905LL, 2, &r), KM_ERANGE);
}

static void test_format(void **state)
{
    char small[4];
    (void)state;
    expect_fmt(123456789, "IDR", KM_LANG_ID, "Rp1.234.567,89");
    expect_fmt(123456789, "IDR", KM_LANG_EN, "Rp1,234,567.89");
    expect_fmt(123456, "USD", KM_LANG_EN, "USD 1,234.56");
    expect_fmt(123456, "USD", KM_LANG_ID, "USD 1.234,56");
    expect_fmt(5, "IDR", KM_LANG_ID, "Rp0,05");
    expect_fmt(0, "IDR", KM_LANG_ID, "Rp0,00");
    expect_fmt(-500000, "IDR", KM_LANG_ID, "-Rp5.000,00");
    expect_fmt(1000000, "JPY", KM_LANG_EN, "JPY 1,000,000");
    expect_fmt(999, "JPY", KM_LANG_EN, "JPY 999");
    expect_fmt(1234567, "KWD", KM_LANG_EN, "KWD 1,234.567");
    expect_fmt(12345, "CLF", KM_LANG_EN, "CLF 1.2345");
    expect_fmt(INT64_MAX, "IDR", KM_LANG_EN, "Rp92,233,720,368,547,758.07");
    expect_fmt(INT64_MIN, "IDR", KM_LANG_EN, "-Rp92,233,720,368,547,758.08");
    assert_int_equal(km_money_format(small, sizeof small, 1, "IDR", KM_LANG_ID), KM_ERANGE);
    assert_string_equal(small, "");
    assert_int_equal(km_money_format(NULL, 10, 1, "IDR", KM_LANG_ID), KM_EINVAL);
    assert_int_equal(km_money_format(small, sizeof small, 1, "ABC", KM_LANG_ID), KM_EINVAL);
    assert_int_equal(km_money_format(small, sizeof small, 1, NULL, KM_LANG_ID), KM_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digits),
        cmocka_unit_test(test_table_sorted),
        cmocka_unit_test(test_iati_codelist),
        cmocka_unit_test(test_arith),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
