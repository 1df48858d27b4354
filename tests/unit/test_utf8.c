/* Unit tests for UTF-8 validation, code point counting and the search-key
 * folding used for case- and accent-insensitive search. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/alloc.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "util/validate.h"
#include "kemitraan/common.h"

#define VALID(lit) km__utf8_valid(lit, sizeof(lit) - 1)

/* Encodes code point cp as UTF-8 (no validity checks); returns the length. */
static size_t enc(char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Asserts that folding s gives exactly expect. */
static void check_fold(const char *s, const char *expect)
{
    km__buf b;
    km__buf_init(&b, &km__default_allocator);
    assert_int_equal(km__utf8_fold(&b, s, strlen(s)), 0);
    assert_int_equal(b.len, strlen(expect));
    assert_memory_equal(b.data, expect, b.len);
    km__buf_free(&b);
}

/* Folds needle and searches it in hay. */
static int search(const char *hay, const char *needle)
{
    km__buf nb, scratch;
    int r;
    km__buf_init(&nb, &km__default_allocator);
    km__buf_init(&scratch, &km__default_allocator);
    assert_int_equal(km__utf8_fold(&nb, needle, strlen(needle)), 0);
    r = km__utf8_contains_folded(hay, strlen(hay), (const char *)nb.data, nb.len, &scratch);
    km__buf_free(&nb);
    km__buf_free(&scratch);
    return r;
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(km__utf8_valid("", 0));
    assert_true(km__utf8_valid(NULL, 0));
    assert_true(VALID("Koperasi Bandung"));
    assert_true(VALID("Kop\xc3\xa9rasi D\xc3\xa9sa"));     /* é */
    assert_true(VALID("\xc2\x80"));                          /* U+0080 */
    assert_true(VALID("\xdf\xbf"));                          /* U+07FF */
    assert_true(VALID("\xe0\xa0\x80"));                      /* U+0800 */
    assert_true(VALID("\xed\x9f\xbf"));                      /* U+D7FF */
    assert_true(VALID("\xee\x80\x80"));                      /* U+E000 */
    assert_true(VALID("\xef\xbf\xbf"));                      /* U+FFFF */
    assert_true(VALID("\xf0\x90\x80\x80"));                  /* U+10000 */
    assert_true(VALID("\xf4\x8f\xbf\xbf"));                  /* U+10FFFF */
    assert_true(VALID("\xe2\x82\xac 100 \xf0\x9f\x98\x80")); /* euro, emoji */
}

static void test_invalid(void **state)
{
    (void)state;
    /* Overlong encodings. */
    assert_false(VALID("\xc0\x80"));
    assert_false(VALID("\xc1\xbf"));
    assert_false(VALID("\xe0\x80\x80"));
    assert_false(VALID("\xe0\x9f\xbf"));
    assert_false(VALID("\xf0\x80\x80\x80"));
    assert_false(VALID("\xf0\x8f\xbf\xbf"));
    /* Surrogates. */
    assert_false(VALID("\xed\xa0\x80"));
    assert_false(VALID("\xed\xbf\xbf"));
    assert_false(VALID("\xed\xa0\xbd\xed\xb8\x80")); /* CESU-8 style pair */
    /* Beyond U+10FFFF and bytes never used. */
    assert_false(VALID("\xf4\x90\x80\x80"));
    assert_false(VALID("\xf5\x80\x80\x80"));
    assert_false(VALID("\xf8\x88\x80\x80\x80"));
    assert_false(VALID("\xfe"));
    assert_false(VALID("\xff"));
    /* Truncated sequences, also at the very end of the buffer. */
    assert_false(VALID("\xc3"));
    assert_false(VALID("abc\xc3"));
    assert_false(VALID("\xe2\x82"));
    assert_false(VALID("\xf0\x9f\x98"));
    assert_false(VALID("\xe2\x82x"));
    assert_false(VALID("\xf0\x9f\x98x"));
    assert_false(VALID("\xc3 "));
    /* Lone continuation bytes. */
    assert_false(VALID("\x80"));
    assert_false(VALID("a\xbf"));
    assert_false(VALID("\xc3\xa9\xa9"));
    /* Embedded NUL. */
    assert_false(km__utf8_valid("ab\0cd", 5));
    assert_false(km__utf8_valid("\0", 1));
    /* n bounds the check: a valid prefix of an invalid buffer is valid. */
    assert_true(km__utf8_valid("ab\xff", 2));
    assert_false(km__utf8_valid("\xc3\xa9", 1));
}

/* Reference check for every two-byte sequence and every code point. */
static void test_valid_exhaustive(void **state)
{
    char s[4];
    unsigned a, b;
    uint32_t cp;
    (void)state;

    for (a = 0; a < 256; a++) {
        for (b = 0; b < 256; b++) {
            int expect;
            s[0] = (char)a;
            s[1] = (char)b;
            if (a < 0x80) expect = a != 0 && (b < 0x80 ? b != 0 : 0);
            else expect = a >= 0xC2 && a <= 0xDF && b >= 0x80 && b <= 0xBF;
            assert_int_equal(km__utf8_valid(s, 2), expect);
        }
    }
    for (cp = 1; cp <= 0x10FFFF; cp++) {
        size_t n = enc(s, cp);
        int expect = !(cp >= 0xD800 && cp <= 0xDFFF);
        assert_int_equal(km__utf8_valid(s, n), expect);
        assert_int_equal(km__utf8_length(s, n), 1);
    }
}

static void test_length(void **state)
{
    (void)state;
    assert_int_equal(km__utf8_length("", 0), 0);
    assert_int_equal(km__utf8_length("Bandung", 7), 7);
    assert_int_equal(km__utf8_length("Kop\xc3\xa9rasi", 9), 8);
    assert_int_equal(km__utf8_length("\xe2\x82\xac\xf0\x9f\x98\x80x", 8), 3);
    assert_int_equal(km__utf8_length("\xc5\x9e" "tefan \xc5\x81\xc3\xb3" "d\xc5\xba", 15), 11);
}

static void test_fold_ascii_and_latin1(void **state)
{
    (void)state;
    check_fold("", "");
    check_fold("Bandung", "bandung");
    check_fold("BANDUNG", "bandung");
    check_fold("Jl. Merdeka No. 12, RT 03/RW 05 @[]{}`~", "jl. merdeka no. 12, rt 03/rw 05 @[]{}`~");
    check_fold("Kop\xc3\xa9rasi D\xc3\xa9sa", "koperasi desa");
    check_fold("Stra\xc3\x9f" "e", "strasse");                       /* Straße */
    check_fold("\xc3\x80\xc3\x87\xc3\x89\xc3\x91\xc3\x96\xc3\x98", "acenoo"); /* ÀÇÉÑÖØ */
    check_fold("\xc3\x86on \xc3\x9e" "ing \xc3\x90" "ar", "aeon thing dar"); /* Æ Þ Ð */
    check_fold("\xc3\xa6\xc3\xbe\xc3\xb0\xc3\xbf\xc3\xbd", "aethdyy");    /* æþðÿý */
    /* × and ÷ are not letters: copied. */
    check_fold("2\xc3\x97" "3\xc3\xb7" "4", "2\xc3\x97" "3\xc3\xb7" "4");
    /* Latin-1 punctuation below U+00C0 is copied. */
    check_fold("\xc2\xa9 \xc2\xbf" "Qu\xc3\xa9?", "\xc2\xa9 \xc2\xbf" "que?");
}

static void test_fold_latin_ext_a(void **state)
{
    (void)state;
    /* Ştefan Łódź */
    check_fold("\xc5\x9e" "tefan \xc5\x81\xc3\xb3" "d\xc5\xba", "stefan lodz");
    /* Ā Ć Đ Ē Ğ İ ı Ł Ń Ő Œ Ř Ś Ş Š Ţ Ū Ů Ź Ž */
    check_fold("\xc4\x80\xc4\x86\xc4\x90\xc4\x92\xc4\x9e\xc4\xb0\xc4\xb1\xc5\x81\xc5\x83\xc5\x90"
               "\xc5\x92\xc5\x98\xc5\x9a\xc5\x9e\xc5\xa0\xc5\xa2\xc5\xaa\xc5\xae\xc5\xb9\xc5\xbd",
               "acdegiilnooerssstuuzz");
    /* ā ć đ ē ğ ł ń ő œ ř ś ş š ţ ū ů ź ž ſ */
    check_fold("\xc4\x81\xc4\x87\xc4\x91\xc4\x93\xc4\x9f\xc5\x82\xc5\x84\xc5\x91\xc5\x93\xc5\x99"
               "\xc5\x9b\xc5\x9f\xc5\xa1\xc5\xa3\xc5\xab\xc5\xaf\xc5\xba\xc5\xbe\xc5\xbf",
               "acdeglnooerssstuuzzs");
    /* Ĳ / ĳ ligature, Ŀ with middle dot. */
    check_fold("\xc4\xb2" "ssel \xc5\x80", "ijssel l");
    /* Ŋ lower-cases to ŋ, which has no Latin base and is kept. */
    check_fold("\xc5\x8a\xc5\x8b", "\xc5\x8b\xc5\x8b");
}

static void test_fold_ext_b_and_vietnamese(void **state)
{
    (void)state;
    /* Romanian comma-below: Ș ț */
    check_fold("\xc8\x98" "tiin\xc8\x9b" "a", "stiinta");
    /* Vietnamese: Nguyễn Thị Ánh Tuyết, phường Bến Thành, Đặng Ư Ơ */
    check_fold("Nguy\xe1\xbb\x85n Th\xe1\xbb\x8b \xc3\x81nh Tuy\xe1\xba\xbft, "
               "ph\xc6\xb0\xe1\xbb\x9dng B\xe1\xba\xbfn Th\xc3\xa0nh, \xc4\x90\xe1\xba\xb7ng "
               "\xc6\xaf \xc6\xa0",
               "nguyen thi anh tuyet, phuong ben thanh, dang u o");
    /* ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ, and capitals Ạ Ả Ấ */
    check_fold("\xe1\xba\xa1\xe1\xba\xa3\xe1\xba\xa5\xe1\xba\xa7\xe1\xba\xa9\xe1\xba\xab\xe1\xba\xad"
               "\xe1\xba\xaf\xe1\xba\xb1\xe1\xba\xb3\xe1\xba\xb5\xe1\xba\xb7"
               "\xe1\xba\xa0\xe1\xba\xa2\xe1\xba\xa4",
               "aaaaaaaaaaaaaaa");
    /* ẞ (capital sharp s), ḍ, ṇ, ẏ, Ỹ */
    check_fold("\xe1\xba\x9e\xe1\xb8\x8d\xe1\xb9\x87\xe1\xba\x8f\xe1\xbb\xb8", "ssdnyy");
    /* Ə lower-cases to ə (Azerbaijani); ə itself is copied. */
    check_fold("\xc6\x8f\xc9\x99", "\xc9\x99\xc9\x99");
}

static void test_fold_other_scripts_and_marks(void **state)
{
    (void)state;
    /* Greek, Cyrillic, CJK, emoji, euro: copied unchanged. */
    check_fold("\xce\x91\xce\xb1 \xd0\x96\xd0\xb6 \xe4\xb8\xad \xf0\x9f\x98\x80 \xe2\x82\xac",
               "\xce\x91\xce\xb1 \xd0\x96\xd0\xb6 \xe4\xb8\xad \xf0\x9f\x98\x80 \xe2\x82\xac");
    /* Decomposed input (e + U+0301, E + U+0300 U+0323) folds like precomposed. */
    check_fold("Kope\xcc\x81rasi DE\xcc\x80\xcc\xa3sa", "koperasi desa");
    /* The first code point after the mark block (U+0370) is kept. */
    check_fold("\xcd\xb0", "\xcd\xb0");
}

static void test_fold_malformed_is_safe(void **state)
{
    km__buf b;
    (void)state;
    km__buf_init(&b, &km__default_allocator);
    /* Truncated sequences at the end must not be read past n, and bytes pass
     * through. */
    assert_int_equal(km__utf8_fold(&b, "A\xc3", 2), 0);
    assert_int_equal(b.len, 2);
    assert_memory_equal(b.data, "a\xc3", 2);
    km__buf_reset(&b);
    assert_int_equal(km__utf8_fold(&b, "\xe1\xba", 2), 0);
    assert_memory_equal(b.data, "\xe1\xba", 2);
    km__buf_reset(&b);
    assert_int_equal(km__utf8_fold(&b, "\xc3" "A\x80", 3), 0);
    assert_memory_equal(b.data, "\xc3" "a\x80", 3);
    km__buf_free(&b);
}

/* Properties over all code points up to U+FFFF: the key is never longer than
 * the input, folding is idempotent, output is valid UTF-8, and each upper-case
 * letter of the covered Latin blocks folds like its lower-case partner. */
static void test_fold_properties(void **state)
{
    km__buf a, b;
    char s[4];
    uint32_t cp;
    (void)state;

    km__buf_init(&a, &km__default_allocator);
    km__buf_init(&b, &km__default_allocator);
    for (cp = 1; cp < 0x10000; cp++) {
        size_t n;
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        n = enc(s, cp);
        km__buf_reset(&a);
        km__buf_reset(&b);
        assert_int_equal(km__utf8_fold(&a, s, n), 0);
        assert_true(a.len <= n);
        assert_true(km__utf8_valid((const char *)a.data, a.len));
        assert_int_equal(km__utf8_fold(&b, (const char *)a.data, a.len), 0);
        assert_int_equal(a.len, b.len);
        if (a.len) assert_memory_equal(a.data, b.data, a.len);
    }
    /* Case pairs: Latin-1 capitals U+00C0..U+00DE (except ×) vs +0x20, and
     * the alternating pairs of Latin Extended-A and Extended Additional. */
    for (cp = 0xC0; cp <= 0x17F; cp++) {
        uint32_t lower;
        char t[4];
        size_t n, m;
        if (cp <= 0xDE) {
            if (cp == 0xD7) continue;
            lower = cp + 0x20;
        } else if (cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) {
            lower = cp + 1;
        } else if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) {
            lower = cp + 1;
        } else if (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) {
            lower = cp + 1;
        } else if (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1) {
            lower = cp + 1;
        } else if (cp == 0x178) {
            lower = 0xFF; /* Ÿ pairs with ÿ */
        } else {
            continue;
        }
        n = enc(s, cp);
        m = enc(t, lower);
        km__buf_reset(&a);
        km__buf_reset(&b);
        assert_int_equal(km__utf8_fold(&a, s, n), 0);
        assert_int_equal(km__utf8_fold(&b, t, m), 0);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
    }
    for (cp = 0x1E00; cp <= 0x1EFF; cp += 2) {
        char t[4];
        size_t n, m;
        if (cp >= 0x1E96 && cp <= 0x1E9F) continue; /* unpaired letters */
        n = enc(s, cp);
        m = enc(t, cp + 1);
        km__buf_reset(&a);
        km__buf_reset(&b);
        assert_int_equal(km__utf8_fold(&a, s, n), 0);
        assert_int_equal(km__utf8_fold(&b, t, m), 0);
        /* All fold to ASCII letters here (Ỻ to "ll"). */
        assert_true(a.len >= 1 && a.len <= 2 && a.data[0] >= 'a' && a.data[0] <= 'z');
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.data, b.data, a.len);
    }
    km__buf_free(&a);
    km__buf_free(&b);
}

static void test_fold_appends(void **state)
{
    km__buf b;
    (void)state;
    km__buf_init(&b, &km__default_allocator);
    assert_int_equal(km__buf_put(&b, "X:", 2), 0);
    assert_int_equal(km__utf8_fold(&b, "\xc3\x89T\xc3\x89", 5), 0);
    assert_int_equal(km__utf8_fold(&b, "", 0), 0);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "X:ete", 5);
    km__buf_free(&b);
}

static void test_contains_folded(void **state)
{
    km__buf scratch;
    (void)state;

    assert_int_equal(search("Bandung", "BANDUNG"), 1);
    assert_int_equal(search("BANDUNG", "bandung"), 1);
    assert_int_equal(search("Kop\xc3\xa9rasi D\xc3\xa9sa", "desa"), 1);
    assert_int_equal(search("Kop\xc3\xa9rasi D\xc3\xa9sa", "D\xc3\x89SA"), 1);
    assert_int_equal(search("Kop\xc3\xa9rasi D\xc3\xa9sa", "koperasi d"), 1);
    assert_int_equal(search("Kop\xc3\xa9rasi D\xc3\xa9sa", "desa "), 0);
    assert_int_equal(search("Kop\xc3\xa9rasi D\xc3\xa9sa", "kota"), 0);
    assert_int_equal(search("Gro\xc3\x9f" "handel M\xc3\xbcnchen", "GROSSHANDEL"), 1);
    assert_int_equal(search("Gro\xc3\x9f" "handel M\xc3\xbcnchen", "munchen"), 1);
    assert_int_equal(search("\xc5\x9e" "tefan \xc5\x81\xc3\xb3" "d\xc5\xba", "LODZ"), 1);
    assert_int_equal(search("Ph\xc6\xb0\xe1\xbb\x9dng B\xe1\xba\xbfn Th\xc3\xa0nh", "ben thanh"), 1);
    assert_int_equal(search("Ph\xc6\xb0\xe1\xbb\x9dng B\xe1\xba\xbfn Th\xc3\xa0nh", "PH\xc6\xaf\xe1\xbb\x9cNG"), 1);
    assert_int_equal(search("abc", ""), 1);
    assert_int_equal(search("", ""), 1);
    assert_int_equal(search("", "a"), 0);
    assert_int_equal(search("ab", "abc"), 0);
    assert_int_equal(search("aaab", "aab"), 1);   /* restart after a partial match */
    assert_int_equal(search("abababc", "ababc"), 1);
    assert_int_equal(search("xyz", "z"), 1);      /* match at the very end */
    assert_int_equal(search("xyz", "x"), 1);      /* and at the start */

    /* The scratch buffer is reset on each call, not appended to. */
    km__buf_init(&scratch, &km__default_allocator);
    assert_int_equal(km__utf8_contains_folded("Alpha", 5, "alpha", 5, &scratch), 1);
    assert_int_equal(km__utf8_contains_folded("Beta", 4, "alpha", 5, &scratch), 0);
    assert_int_equal(scratch.len, 4);
    assert_memory_equal(scratch.data, "beta", 4);
    km__buf_free(&scratch);
}

/* km__v_text's rules a byte at a time, as written before its eight-bytes-
 * at-a-time path for printable ASCII: the reference that path must agree
 * with. 0 or the message km__v_text gives. */
static const char *text_rule(const char *s, size_t n, size_t min, int multiline)
{
    size_t i;
    int blank = 1;
    if (n < min) return n == 0 ? "is required" : "is shorter";
    if (!km__utf8_valid(s, n)) return "is not valid UTF-8";
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 || c == 0x7f) && !(multiline && (c == '\n' || c == '\t' || c == '\r')))
            return "contains a control character";
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') blank = 0;
    }
    return min > 0 && blank ? "is blank" : NULL;
}

/* Every byte value at every position of texts of 0 to 19 bytes (so each
 * place in a word and in the tail), among letters and among spaces, each
 * rule set: km__v_text agrees with the byte-at-a-time reference, down to
 * which rule it names. */
static void test_text_every_byte(void **state)
{
    char s[20];
    size_t n, at, min;
    unsigned v;
    int fill, multi;
    (void)state;
    for (n = 0; n < sizeof s; n++)
        for (fill = 0; fill < 2; fill++)
            for (at = 0; at < (n ? n : 1); at++)
                for (v = 0; v < 256; v++)
                    for (min = 0; min < 2; min++)
                        for (multi = 0; multi < 2; multi++) {
                            const char *want, *got;
                            int rc;
                            memset(s, fill ? ' ' : 'a', sizeof s);
                            if (n) s[at] = (char)v;
                            want = text_rule(s, n, min, multi);
                            rc = km__v_text("t", s, n, min, 100, multi);
                            got = rc ? km_error_last_message(KM_LANG_EN) : NULL;
                            if (!want) {
                                assert_int_equal(rc, 0);
                            } else {
                                assert_int_equal(rc, KM_EINVAL);
                                assert_non_null(strstr(got, want));
                            }
                        }
}

/* An allocator whose every allocation fails. */
static void *fail_malloc(void *p, size_t n) { (void)p; (void)n; return NULL; }
static void *fail_realloc(void *p, void *q, size_t n) { (void)p; (void)q; (void)n; return NULL; }
static void plain_free(void *p, void *q) { (void)p; (void)q; }

static void test_enomem(void **state)
{
    static const km_allocator failing = { KM_ALLOCATOR_VERSION, fail_malloc, fail_realloc, plain_free, NULL };
    km__buf b;
    (void)state;

    km__buf_init(&b, &failing);
    assert_int_equal(km__utf8_fold(&b, "abc", 3), KM_ENOMEM);
    assert_int_equal(b.len, 0);
    assert_int_equal(km__utf8_contains_folded("abc", 3, "a", 1, &b), KM_ENOMEM);
    /* Nothing to fold needs no memory. */
    assert_int_equal(km__utf8_fold(&b, "", 0), 0);
    assert_int_equal(km__utf8_contains_folded("", 0, "", 0, &b), 1);
    km__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_invalid),
        cmocka_unit_test(test_valid_exhaustive),
        cmocka_unit_test(test_text_every_byte),
        cmocka_unit_test(test_length),
        cmocka_unit_test(test_fold_ascii_and_latin1),
        cmocka_unit_test(test_fold_latin_ext_a),
        cmocka_unit_test(test_fold_ext_b_and_vietnamese),
        cmocka_unit_test(test_fold_other_scripts_and_marks),
        cmocka_unit_test(test_fold_malformed_is_safe),
        cmocka_unit_test(test_fold_properties),
        cmocka_unit_test(test_fold_appends),
        cmocka_unit_test(test_contains_folded),
        cmocka_unit_test(test_enomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
