/* Unit tests for the SHA-256 implementation (NIST FIPS 180-2 / CAVS vectors,
 * streaming equivalence) and the hex helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "util/sha256.h"

/* Asserts that the one-shot digest of msg (len bytes) is hex_expected. */
static void check_digest(const char *msg, size_t len, const char *hex_expected)
{
    uint8_t d[32];
    char hex[65];
    km__sha256(msg, len, d);
    km__hex_encode(hex, d, 32);
    assert_string_equal(hex, hex_expected);
}

static void test_empty(void **state)
{
    (void)state;
    check_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* NULL with length 0 is allowed. */
    check_digest(NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
    (void)state;
    check_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_448_bits(void **state)
{
    static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    (void)state;
    assert_int_equal(sizeof m - 1, 56); /* padding needs an extra block */
    check_digest(m, sizeof m - 1, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_896_bits(void **state)
{
    static const char m[] =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
        "mnopqrstnopqrstu";
    (void)state;
    assert_int_equal(sizeof m - 1, 112);
    check_digest(m, sizeof m - 1, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
    /* Uneven chunk sizes exercise the partial-block top-up, the direct
     * whole-block path and the tail copy in every combination. */
    static const size_t chunks[] = { 1, 63, 64, 65, 127, 3, 200, 7, 1000, 4096, 13 };
    static char buf[4096];
    km__sha256_ctx c;
    uint8_t d[32];
    char hex[65];
    size_t left = 1000000, k = 0;
    (void)state;

    memset(buf, 'a', sizeof buf);
    km__sha256_init(&c);
    while (left) {
        size_t n = chunks[k++ % (sizeof chunks / sizeof chunks[0])];
        if (n > left) n = left;
        km__sha256_update(&c, buf, n);
        left -= n;
    }
    km__sha256_final(&c, d);
    km__hex_encode(hex, d, 32);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_split_points(void **state)
{
    uint8_t msg[200], ref[32], d[32];
    size_t i, j;
    (void)state;

    for (i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 37u + 11u);
    km__sha256(msg, sizeof msg, ref);

    /* Every single split point, and a three-way split around it. */
    for (i = 0; i <= sizeof msg; i++) {
        km__sha256_ctx c;
        km__sha256_init(&c);
        km__sha256_update(&c, msg, i);
        km__sha256_update(&c, msg + i, sizeof msg - i);
        km__sha256_final(&c, d);
        assert_memory_equal(d, ref, 32);

        for (j = i; j <= sizeof msg; j += 17) {
            km__sha256_init(&c);
            km__sha256_update(&c, msg, i);
            km__sha256_update(&c, msg + i, j - i);
            km__sha256_update(&c, msg + j, sizeof msg - j);
            km__sha256_final(&c, d);
            assert_memory_equal(d, ref, 32);
        }
    }
}

static void test_every_length_padding(void **state)
{
    /* Lengths 0..130 cross both padding cases (tail <= 55 and > 55 bytes)
     * twice; the byte-at-a-time stream must match the one-shot digest. */
    uint8_t msg[130], a[32], b[32];
    size_t len, i;
    (void)state;

    for (i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(255u - i);
    for (len = 0; len <= sizeof msg; len++) {
        km__sha256_ctx c;
        km__sha256(msg, len, a);
        km__sha256_init(&c);
        for (i = 0; i < len; i++) km__sha256_update(&c, msg + i, 1);
        km__sha256_final(&c, b);
        assert_memory_equal(a, b, 32);
    }
}

static void test_hex_round_trip(void **state)
{
    uint8_t in[256], back[256];
    char hex[513];
    size_t i;
    (void)state;

    for (i = 0; i < sizeof in; i++) in[i] = (uint8_t)i;
    km__hex_encode(hex, in, sizeof in);
    assert_int_equal(strlen(hex), 512);
    assert_memory_equal(hex, "000102030405060708090a0b0c0d0e0f10", 34);
    assert_string_equal(hex + 500, "fafbfcfdfeff");
    assert_int_equal(km__hex_decode(back, hex, sizeof back), 0);
    assert_memory_equal(back, in, sizeof in);

    /* Upper case and mixed case decode too. */
    assert_int_equal(km__hex_decode(back, "DEADbeefC0fE", 6), 0);
    assert_memory_equal(back, "\xde\xad\xbe\xef\xc0\xfe", 6);

    /* n = 0 writes only the terminator and decodes nothing. */
    hex[0] = 'x';
    km__hex_encode(hex, in, 0);
    assert_int_equal(hex[0], '\0');
    assert_int_equal(km__hex_decode(back, "", 0), 0);
}

static void test_hex_rejects_bad(void **state)
{
    uint8_t out[4];
    (void)state;

    assert_int_equal(km__hex_decode(out, "0g", 1), -1);
    assert_int_equal(km__hex_decode(out, "g0", 1), -1);
    assert_int_equal(km__hex_decode(out, "12 4", 2), -1);
    assert_int_equal(km__hex_decode(out, "-1", 1), -1);
    assert_int_equal(km__hex_decode(out, "0x12", 2), -1);
    assert_int_equal(km__hex_decode(out, "aG", 1), -1);
    assert_int_equal(km__hex_decode(out, "@0", 1), -1); /* '@' is just below 'A' */
    assert_int_equal(km__hex_decode(out, "`0", 1), -1); /* '`' is just below 'a' */
    assert_int_equal(km__hex_decode(out, "/0", 1), -1); /* '/' is just below '0' */
    assert_int_equal(km__hex_decode(out, ":0", 1), -1); /* ':' is just above '9' */
    /* Too short: the NUL terminator is not a hex digit. */
    assert_int_equal(km__hex_decode(out, "abc", 2), -1);
    assert_int_equal(km__hex_decode(out, "ab", 2), -1);
    /* Non-ASCII bytes. */
    assert_int_equal(km__hex_decode(out, "\xc3\xa9", 1), -1);
}

/* The CPU's SHA instructions (when present) and the portable code give the
 * same digest for every length around the block boundaries and for long
 * inputs hashed in pieces. */
static void test_hw_matches_portable(void **state)
{
    static uint8_t buf[4096];
    size_t len, i;
    uint32_t x = 12345;
    (void)state;
    for (i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    if (!km__sha256_hw(1)) {
        km__sha256_hw(-1);
        skip();
    }
    for (len = 0; len <= sizeof buf; len += len < 300 ? 1 : 61) {
        uint8_t hw[32], sw[32];
        km__sha256_ctx c;
        km__sha256_hw(1);
        km__sha256_init(&c);
        km__sha256_update(&c, buf, len / 3);
        km__sha256_update(&c, buf + len / 3, len - len / 3);
        km__sha256_final(&c, hw);
        km__sha256_hw(0);
        km__sha256(buf, len, sw);
        assert_memory_equal(hw, sw, 32);
    }
    km__sha256_hw(1);
}

/* Runs every vector with the portable code, then (the default) with the
 * CPU's instructions when it has them. */
static int portable_setup(void **state)
{
    (void)state;
    km__sha256_hw(0);
    return 0;
}

static int default_teardown(void **state)
{
    (void)state;
    km__sha256_hw(1);
    return 0;
}

int main(void)
{
    const struct CMUnitTest portable[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bits),
        cmocka_unit_test(test_896_bits),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_split_points),
        cmocka_unit_test(test_every_length_padding),
    };
    int failed = cmocka_run_group_tests_name("portable", portable, portable_setup, default_teardown);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hw_matches_portable),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_abc),
        cmocka_unit_test(test_448_bits),
        cmocka_unit_test(test_896_bits),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_split_points),
        cmocka_unit_test(test_every_length_padding),
        cmocka_unit_test(test_hex_round_trip),
        cmocka_unit_test(test_hex_rejects_bad),
    };
    return failed + cmocka_run_group_tests_name("default", tests, NULL, NULL);
}
