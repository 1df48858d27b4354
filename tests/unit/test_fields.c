/* Payload fields (log/fields.h) and the compact integers under them
 * (util/buf.h): encoding 2 round-trips every value, has exactly one form
 * per value, refuses malformed bytes, and reads the same as encoding 1,
 * which the library no longer writes but still reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "core/alloc.h"
#include "log/fields.h"
#include "util/buf.h"
#include "support/failalloc.h"
#include "support/expect.h"

static const uint64_t edge_u64[] = {
    0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x3FFF, 0x4000, 0xFFFF, 0x10000, 0xFFFFFFFFu, UINT64_C(0x100000000),
    UINT64_C(0x00FFFFFFFFFFFFFF), UINT64_C(0x0100000000000000), UINT64_C(0x7FFFFFFFFFFFFFFF),
    UINT64_C(0x8000000000000000), UINT64_MAX - 1, UINT64_MAX,
};
static const int64_t edge_i64[] = {
    0, 1, -1, 63, -64, 64, -65, 127, -128, 1000000, -1000000, INT32_MAX, INT32_MIN,
    INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1,
};
#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static void test_varint(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < N_OF(edge_u64); i++) {
        uint8_t b[KM__VARINT_MAX + 1];
        const uint8_t *q = b;
        uint64_t v = 0;
        size_t n = km__put_varint_at(b, edge_u64[i]);
        assert_int_equal(n, km__varint_size(edge_u64[i]));
        assert_true(n >= 1 && n <= KM__VARINT_MAX);
        assert_int_equal(km__get_varint(&q, b + n, UINT64_MAX, &v), 0);
        assert_true(v == edge_u64[i]);
        assert_ptr_equal(q, b + n);
        /* truncated: every shorter prefix is refused, *p left alone */
        for (size_t k = 0; k < n; k++) {
            q = b;
            assert_int_equal(km__get_varint(&q, b + k, UINT64_MAX, &v), -1);
            assert_ptr_equal(q, b);
        }
        /* over the caller's bound */
        if (edge_u64[i]) {
            q = b;
            assert_int_equal(km__get_varint(&q, b + n, edge_u64[i] - 1, &v), -1);
        }
    }
    {
        /* one form per value: a zero last byte after the first is refused,
         * and so is anything past 64 bits */
        static const uint8_t overlong[] = { 0x80, 0x00 };
        static const uint8_t overlong1[] = { 0x81, 0x80, 0x00 };
        static const uint8_t bits65[] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 };
        static const uint8_t eleven[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x01 };
        static const uint8_t max[] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 };
        const uint8_t *q;
        uint64_t v;
        q = overlong; assert_int_equal(km__get_varint(&q, overlong + 2, UINT64_MAX, &v), -1);
        q = overlong1; assert_int_equal(km__get_varint(&q, overlong1 + 3, UINT64_MAX, &v), -1);
        q = bits65; assert_int_equal(km__get_varint(&q, bits65 + 10, UINT64_MAX, &v), -1);
        q = eleven; assert_int_equal(km__get_varint(&q, eleven + 11, UINT64_MAX, &v), -1);
        q = max; assert_int_equal(km__get_varint(&q, max + 10, UINT64_MAX, &v), 0);
        assert_true(v == UINT64_MAX);
    }
}

/* The reader's varints and compact strings (snapshot format 6: varint
 * length and bytes): each
 * written value reads back and leaves the reader just past it; a
 * truncated, overlong or too large one sets the reader's error, which
 * sticks; a string's length past the end is refused without reading. */
static void test_reader_compact(void **state)
{
    km__buf b;
    km__rd r;
    size_t i, len;
    const char *sv;
    (void)state;
    km__buf_init(&b, &km__default_allocator);
    for (i = 0; i < N_OF(edge_u64); i++) assert_int_equal(km__buf_put_varint(&b, edge_u64[i]), 0);
    for (i = 0; i < N_OF(edge_i64); i++) assert_int_equal(km__buf_put_varint(&b, km__zigzag(edge_i64[i])), 0);
    assert_int_equal(km__buf_put_vstr(&b, ""), 0);
    assert_int_equal(km__buf_put_vstrn(&b, "Kota Bandung", 4), 0);
    km__rd_init(&r, b.data, b.len);
    for (i = 0; i < N_OF(edge_u64); i++) assert_true(km__rd_varint(&r, UINT64_MAX) == edge_u64[i]);
    for (i = 0; i < N_OF(edge_i64); i++) assert_true(km__rd_zigzag(&r) == edge_i64[i]);
    sv = km__rd_vstr(&r, &len);
    assert_non_null(sv);
    assert_int_equal(len, 0);
    sv = km__rd_vstr(&r, &len);
    assert_non_null(sv);
    assert_int_equal(len, 4);
    assert_memory_equal(sv, "Kota", 4);
    assert_int_equal(km__rd_left(&r), 0);
    assert_int_equal(r.err, 0);
    /* past the end: the error sticks */
    assert_true(km__rd_varint(&r, UINT64_MAX) == 0);
    assert_int_equal(r.err, 1);
    assert_true(km__rd_u8(&r) == 0);
    {
        static const uint8_t overlong[] = { 0x80, 0x00, 0x05 };
        static const uint8_t big[] = { 0x81, 0x02 };                /* 257 */
        static const uint8_t str_past_end[] = { 0x04, 'a', 'b', 'c' }; /* four bytes said, three there */
        static const uint8_t str_huge[] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 'a' };
        km__rd_init(&r, overlong, sizeof overlong);
        assert_true(km__rd_varint(&r, UINT64_MAX) == 0);
        assert_int_equal(r.err, 1);
        km__rd_init(&r, big, sizeof big);
        assert_true(km__rd_varint(&r, 256) == 0);
        assert_int_equal(r.err, 1);
        km__rd_init(&r, big, sizeof big);
        assert_true(km__rd_varint(&r, 257) == 257);
        assert_int_equal(r.err, 0);
        km__rd_init(&r, str_past_end, sizeof str_past_end);
        assert_null(km__rd_vstr(&r, &len));
        assert_int_equal(r.err, 1);
        km__rd_init(&r, str_huge, sizeof str_huge);
        assert_null(km__rd_vstr(&r, &len));
        assert_int_equal(r.err, 1);
    }
    {
        /* the cursor: the same values and the same refusals; a value over
         * the bound reads 0 (a count over its limit is never used) */
        static const uint8_t bytes[] = { 0x05, 0x41, 0x81, 0x02, 0x02, 'a', 'b', 0x01, 0x02, 0x03 };
        km__vc c;
        km__rd_init(&r, bytes, sizeof bytes);
        c = km__vc_begin(&r);
        assert_true(km__vc_varint(&c, 5) == 5);
        assert_true(km__vc_u8(&c) == 0x41);
        assert_true(km__vc_varint(&c, 257) == 257);
        sv = km__vc_str(&c, &len);
        assert_non_null(sv);
        assert_int_equal(len, 2);
        assert_memory_equal(sv, "ab", 2);
        assert_int_equal(c.bad, 0);
        km__vc_end(&r, &c);
        assert_int_equal(r.pos, 7);
        assert_true(km__vc_varint(&c, 0) == 0); /* 1 > 0 */
        assert_int_equal(c.bad, 1);
        assert_true(km__vc_u8(&c) == 0);         /* the error sticks */
        km__vc_end(&r, &c);
        assert_int_equal(r.err, 1);
        km__rd_init(&r, bytes + 7, 3);
        c = km__vc_begin(&r);
        assert_true(km__vc_u64(&c) == 0);        /* three bytes of eight */
        assert_int_equal(c.bad, 1);
    }
    km__buf_free(&b);
}

static void test_short_and_zigzag(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < N_OF(edge_u64); i++) {
        uint8_t b[8] = { 0 };
        size_t n = km__short_size(edge_u64[i]);
        km__put_short_at(b, edge_u64[i]);
        assert_true(n <= 8);
        assert_true(n == 0 || b[n - 1] != 0);
        assert_true(km__get_short_at(b, n) == edge_u64[i]);
    }
    assert_int_equal(km__short_size(0), 0);
    assert_int_equal(km__short_size(255), 1);
    assert_int_equal(km__short_size(256), 2);
    for (i = 0; i < N_OF(edge_i64); i++) assert_true(km__unzigzag(km__zigzag(edge_i64[i])) == edge_i64[i]);
    assert_true(km__zigzag(0) == 0);
    assert_true(km__zigzag(-1) == 1);
    assert_true(km__zigzag(1) == 2);
    assert_true(km__zigzag(-2) == 3);
    assert_true(km__zigzag(INT64_MAX) == UINT64_MAX - 1);
    assert_true(km__zigzag(INT64_MIN) == UINT64_MAX);
}

/* Encoding 1, as the library wrote it before encoding 2 (the old writers,
 * kept here to make payloads an old log holds). */
static void v1_head(km__buf *b, uint16_t tag, uint8_t type, uint32_t len)
{
    EXPECT_OK(km__buf_put_u16(b, tag));
    EXPECT_OK(km__buf_put_u8(b, type));
    EXPECT_OK(km__buf_put_u32(b, len));
}
static void v1_str(km__buf *b, uint16_t tag, const char *s)
{
    v1_head(b, tag, KM__T_STR, (uint32_t)strlen(s));
    EXPECT_OK(km__buf_put(b, s, strlen(s)));
}
static void v1_u64(km__buf *b, uint16_t tag, uint8_t type, uint64_t v)
{
    v1_head(b, tag, type, 8);
    EXPECT_OK(km__buf_put_u64(b, v));
}
static void v1_strs(km__buf *b, uint16_t tag, const char *const *v, size_t n)
{
    size_t i, total = 4;
    for (i = 0; i < n; i++) total += 4 + strlen(v[i]);
    v1_head(b, tag, KM__T_STRS, (uint32_t)total);
    EXPECT_OK(km__buf_put_u32(b, (uint32_t)n));
    for (i = 0; i < n; i++) {
        EXPECT_OK(km__buf_put_u32(b, (uint32_t)strlen(v[i])));
        EXPECT_OK(km__buf_put(b, v[i], strlen(v[i])));
    }
}

static const km__fdesc schema[] = {
    { 0, KM__T_STR, "name" }, { 5, KM__T_U64, "kind" }, { 6, KM__T_I64, "offset" },
    { 9, KM__T_STRS, "sectors" }, { 63, KM__T_STR, "last" }, { 7, KM__T_STRS, "empty" },
};

/* Reads back what both encodings should hold: the same values, the same JSON. */
static void check_payload(const km__fields *f, uint64_t u, int64_t i, const char *json)
{
    const char *s = NULL;
    size_t n = 0, pos = 0, len = 0;
    uint64_t gu = 0;
    int64_t gi = 0;
    km__strs l;
    km__buf b;
    assert_int_equal(km__fields_str(f, 0, &s, &n), 1);
    assert_int_equal(n, strlen("Koperasi Tani Makmur"));
    assert_memory_equal(s, "Koperasi Tani Makmur", n);
    assert_int_equal(km__fields_u64(f, 5, &gu), 1);
    assert_true(gu == u);
    assert_int_equal(km__fields_i64(f, 6, &gi), 1);
    assert_true(gi == i);
    assert_int_equal(km__fields_strs(f, 9, &l), 1);
    assert_int_equal(l.count, 3);
    s = km__strs_next(&l, &pos, &len);
    assert_non_null(s);
    assert_int_equal(len, 6);
    assert_memory_equal(s, "health", 6);
    s = km__strs_next(&l, &pos, &len);
    assert_non_null(s);
    assert_int_equal(len, 0);
    s = km__strs_next(&l, &pos, &len);
    assert_non_null(s);
    assert_int_equal(len, 5);
    assert_memory_equal(s, "water", 5);
    assert_null(km__strs_next(&l, &pos, &len));
    assert_int_equal(km__fields_strs(f, 7, &l), 1);
    assert_int_equal(l.count, 0);
    pos = 0;
    assert_null(km__strs_next(&l, &pos, &len));
    assert_int_equal(km__fields_str(f, 63, &s, &n), 1);
    assert_int_equal(n, 0);
    /* absent, and present with another type */
    assert_int_equal(km__fields_u64(f, 4, &gu), 0);
    assert_int_equal(km__fields_u64(f, 0, &gu), KM_ECORRUPT);
    assert_int_equal(km__fields_i64(f, 5, &gi), KM_ECORRUPT);
    assert_int_equal(km__fields_strs(f, 0, &l), KM_ECORRUPT);
    assert_int_equal(km__fields_str(f, 5, &s, &n), KM_ECORRUPT);
    assert_string_equal(km_error_last_field(), "event.payload");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "field has the wrong type"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "jenis kolom salah"));
    EXPECT_OK(km__fields_check_known(f, schema, N_OF(schema)));
    km__buf_init(&b, &km__default_allocator);
    EXPECT_OK(km__fields_json(&b, schema, N_OF(schema), f));
    EXPECT_OK(km__buf_put_u8(&b, 0));
    assert_string_equal((const char *)b.data, json);
    km__buf_free(&b);
}

static void test_both_encodings_read_alike(void **state)
{
    static const char *const sectors[] = { "health", "", "water" };
    size_t iu, ii;
    (void)state;
    for (iu = 0; iu < N_OF(edge_u64); iu++) {
        for (ii = 0; ii < N_OF(edge_i64); ii++) {
            uint64_t u = edge_u64[iu];
            int64_t i = edge_i64[ii];
            km__buf b1, b2;
            km__fields f1, f2;
            char json[512];
            snprintf(json, sizeof json,
                     "{\"name\":\"Koperasi Tani Makmur\",\"kind\":%llu,\"offset\":%lld,\"empty\":[],"
                     "\"sectors\":[\"health\",\"\",\"water\"],\"last\":\"\"}",
                     (unsigned long long)u, (long long)i);
            km__buf_init(&b1, &km__default_allocator);
            km__buf_init(&b2, &km__default_allocator);
            v1_str(&b1, 0, "Koperasi Tani Makmur");
            v1_u64(&b1, 5, KM__T_U64, u);
            v1_u64(&b1, 6, KM__T_I64, (uint64_t)i);
            v1_strs(&b1, 9, sectors, 3);
            v1_str(&b1, 63, "");
            v1_strs(&b1, 7, NULL, 0);
            EXPECT_OK(km__fw_str(&b2, 0, "Koperasi Tani Makmur"));
            EXPECT_OK(km__fw_u64(&b2, 5, u));
            EXPECT_OK(km__fw_i64(&b2, 6, i));
            EXPECT_OK(km__fw_strs(&b2, 9, sectors, 3, "sectors"));
            EXPECT_OK(km__fw_str(&b2, 63, NULL));
            EXPECT_OK(km__fw_strs(&b2, 7, NULL, 0, "empty"));
            EXPECT_OK(km__fields_parse(&f1, b1.data, b1.len, KM__FIELDS_V1));
            EXPECT_OK(km__fields_parse(&f2, b2.data, b2.len, KM__FIELDS_V2));
            check_payload(&f1, u, i, json);
            check_payload(&f2, u, i, json);
            /* encoding 2 is the smaller: 7 bytes of head a field become 2,
             * integers keep their significant bytes only */
            assert_true(b2.len + 5 * 6 <= b1.len);
            /* and each encoding is refused when read as the other */
            assert_int_equal(km__fields_parse(&f1, b2.data, b2.len, KM__FIELDS_V1), KM_ECORRUPT);
            km__buf_free(&b1);
            km__buf_free(&b2);
        }
    }
}

static void test_v2_exact_bytes(void **state)
{
    /* The layout docs/format.md gives, byte for byte. */
    static const uint8_t want[] = {
        0x01, 0x03, 'A', 'i', 'r',      /* tag 1, STR (type 1), 3 bytes */
        0x42, 0x02, 0x2C, 0x01,         /* tag 2, U64 (type 2), 300 as 2 bytes */
        0x43, 0x00,                     /* tag 3, U64 0: no bytes */
        0x84, 0x01, 0x01,               /* tag 4, I64 (type 3), -1 zigzagged to 1 */
        0xC5, 0x08, 0x02, 0x03, 'a', 'b', 'c', 0x02, 'd', 'e', /* tag 5, STRS (type 4): 2 items */
    };
    static const char *const items[] = { "abc", "de" };
    km__buf b;
    (void)state;
    km__buf_init(&b, &km__default_allocator);
    EXPECT_OK(km__fw_str(&b, 1, "Air"));
    EXPECT_OK(km__fw_u64(&b, 2, 300));
    EXPECT_OK(km__fw_u64(&b, 3, 0));
    EXPECT_OK(km__fw_i64(&b, 4, -1));
    EXPECT_OK(km__fw_strs(&b, 5, items, 2, "items"));
    assert_int_equal(b.len, sizeof want);
    assert_memory_equal(b.data, want, sizeof want);
    km__buf_free(&b);
}

/* A list longer than the lengths km__fw_strs keeps between its passes
 * (16): every item comes back, in order, with its length. */
static void test_long_list(void **state)
{
    char items[40][48];
    const char *v[40];
    km__buf b;
    km__fields f;
    km__strs l;
    size_t i, pos = 0, len = 0;
    (void)state;
    for (i = 0; i < 40; i++) {
        memset(items[i], 'a' + (int)(i % 26), i + 1);
        items[i][i + 1] = '\0';
        v[i] = items[i];
    }
    km__buf_init(&b, &km__default_allocator);
    EXPECT_OK(km__fw_strs(&b, 9, v, 40, "items"));
    EXPECT_OK(km__fields_parse(&f, b.data, b.len, KM__FIELDS_V2));
    assert_int_equal(km__fields_strs(&f, 9, &l), 1);
    assert_int_equal(l.count, 40);
    for (i = 0; i < 40; i++) {
        const char *e = km__strs_next(&l, &pos, &len);
        assert_non_null(e);
        assert_int_equal(len, i + 1);
        assert_memory_equal(e, items[i], len);
    }
    assert_null(km__strs_next(&l, &pos, &len));
    km__buf_free(&b);
}

typedef struct bad_case {
    const char *what;
    uint8_t bytes[16];
    size_t n;
    const char *text;
} bad_case;

static void test_v2_malformed(void **state)
{
    static const bad_case cases[] = {
        { "head only", { 0x01 }, 1, "truncated field" },
        { "length past the end", { 0x01, 0x04, 'a', 'b', 'c' }, 5, "truncated field" },
        { "length not minimal", { 0x01, 0x80, 0x00 }, 3, "truncated field" },
        { "length unfinished", { 0x01, 0x83 }, 2, "truncated field" },
        { "duplicate tag", { 0x01, 0x00, 0x01, 0x00 }, 4, "duplicate field tag" },
        { "duplicate tag, other type", { 0x01, 0x00, 0x41, 0x00 }, 4, "duplicate field tag" },
        { "integer of 9 bytes", { 0x42, 0x09, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 11, "bad integer length" },
        { "integer with a high zero byte", { 0x42, 0x02, 0x05, 0x00 }, 4, "bad integer length" },
        { "zero as one byte", { 0x83, 0x01, 0x00 }, 3, "bad integer length" },
        { "list count past its bytes", { 0xC5, 0x03, 0x02, 0x01, 'a' }, 5, "bad string list" },
        { "list item past its bytes", { 0xC5, 0x03, 0x01, 0x05, 'a' }, 5, "bad string list" },
        { "list with bytes left over", { 0xC5, 0x04, 0x01, 0x01, 'a', 'b' }, 6, "bad string list" },
        { "list with no count", { 0xC5, 0x00 }, 2, "bad string list" },
        { "list count not minimal", { 0xC5, 0x03, 0x81, 0x00, 0x00 }, 5, "bad string list" },
    };
    size_t i;
    (void)state;
    for (i = 0; i < N_OF(cases); i++) {
        km__fields f;
        int rc = km__fields_parse(&f, cases[i].bytes, cases[i].n, KM__FIELDS_V2);
        if (rc != KM_ECORRUPT || !strstr(km_error_last_message(KM_LANG_EN), cases[i].text))
            print_error("%s: %d %s\n", cases[i].what, rc, km_error_last_message(KM_LANG_EN));
        assert_int_equal(rc, KM_ECORRUPT);
        assert_string_equal(km_error_last_field(), "event.payload");
        assert_non_null(strstr(km_error_last_message(KM_LANG_EN), cases[i].text));
        assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "muatan rusak"));
    }
    {
        km__fields f;
        assert_int_equal(km__fields_parse(&f, "", 0, 3), KM_EVERSION);
        assert_int_equal(km__fields_parse(&f, "", 0, 0), KM_EVERSION);
        EXPECT_OK(km__fields_parse(&f, "", 0, KM__FIELDS_V2));
        assert_true(f.present == 0);
        EXPECT_OK(km__fields_parse(&f, "", 0, KM__FIELDS_V1));
    }
}

/* A writer that cannot grow its buffer leaves it as it was; a tag beyond
 * the 64 a payload can hold is refused. */
static void test_writers_fail_cleanly(void **state)
{
    static const char *const items[] = { "alpha", "beta" };
    km_test_alloc ta;
    km__buf b;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 0;; n++) {
        int rc = 0, step;
        km__buf_init(&b, km_test_alloc_get(&ta));
        km_test_alloc_fail_at(&ta, n);
        for (step = 0; step < 40 && rc == 0; step++) {
            size_t before = b.len;
            switch (step % 4) {
            case 0: rc = km__fw_str(&b, 1, "Yayasan Sejahtera Bersama"); break;
            case 1: rc = km__fw_u64(&b, 2, UINT64_MAX); break;
            case 2: rc = km__fw_i64(&b, 3, INT64_MIN); break;
            default: rc = km__fw_strs(&b, 4, items, 2, "items"); break;
            }
            if (rc) {
                assert_int_equal(rc, KM_ENOMEM);
                assert_int_equal(b.len, before);
            }
        }
        km_test_alloc_fail_at(&ta, -1);
        km__buf_free(&b);
        if (rc == 0) break;
    }
    assert_true(n > 1);
    km__buf_init(&b, &km__default_allocator);
    assert_int_equal(km__fw_str(&b, KM__TAGS_MAX, "x"), KM_ERANGE);
    assert_int_equal(km__fw_u64(&b, 200, 1), KM_ERANGE);
    assert_int_equal(b.len, 0);
    km__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_varint),
        cmocka_unit_test(test_short_and_zigzag),
        cmocka_unit_test(test_reader_compact),
        cmocka_unit_test(test_both_encodings_read_alike),
        cmocka_unit_test(test_v2_exact_bytes),
        cmocka_unit_test(test_long_list),
        cmocka_unit_test(test_v2_malformed),
        cmocka_unit_test(test_writers_fail_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
