/* Unit tests for CRC-32C: RFC 3720 B.4 vectors, the standard check value,
 * chaining, and agreement with a bitwise reference at every alignment and
 * length (which covers the slicing-by-8 body and the byte-wise tail). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "util/crc32c.h"

/* Straightforward bit-at-a-time CRC-32C, independent of the tables. */
static uint32_t crc_ref(uint32_t crc, const uint8_t *p, size_t n)
{
    int k;
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static void test_rfc3720_vectors(void **state)
{
    uint8_t b[32];
    size_t i;
    (void)state;

    memset(b, 0, sizeof b);
    assert_int_equal(km__crc32c(0, b, sizeof b), 0x8A9136AAu);
    memset(b, 0xFF, sizeof b);
    assert_int_equal(km__crc32c(0, b, sizeof b), 0x62A8AB43u);
    for (i = 0; i < 32; i++) b[i] = (uint8_t)i;
    assert_int_equal(km__crc32c(0, b, sizeof b), 0x46DD794Eu);
    for (i = 0; i < 32; i++) b[i] = (uint8_t)(31 - i);
    assert_int_equal(km__crc32c(0, b, sizeof b), 0x113FDB5Cu);
}

static void test_check_value(void **state)
{
    (void)state;
    assert_int_equal(km__crc32c(0, "123456789", 9), 0xE3069283u);
    assert_int_equal(km__crc32c(0, "", 0), 0u);
    assert_int_equal(km__crc32c(0, NULL, 0), 0u);
    /* Zero length leaves any running value unchanged. */
    assert_int_equal(km__crc32c(0xDEADBEEFu, NULL, 0), 0xDEADBEEFu);
}

static void test_chaining(void **state)
{
    uint8_t msg[100];
    uint32_t whole;
    size_t i, j;
    (void)state;

    for (i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(i * 131u + 7u);
    whole = km__crc32c(0, msg, sizeof msg);
    assert_int_equal(whole, crc_ref(0, msg, sizeof msg));

    assert_int_equal(km__crc32c(km__crc32c(0, "1234", 4), "56789", 5), 0xE3069283u);
    for (i = 0; i <= sizeof msg; i++) {
        assert_int_equal(km__crc32c(km__crc32c(0, msg, i), msg + i, sizeof msg - i), whole);
        for (j = i; j <= sizeof msg; j += 9) {
            uint32_t c = km__crc32c(0, msg, i);
            c = km__crc32c(c, msg + i, j - i);
            c = km__crc32c(c, msg + j, sizeof msg - j);
            assert_int_equal(c, whole);
        }
    }
}

static void test_unaligned_offsets(void **state)
{
    /* The same bytes hashed at start offsets 0..15 must give the same CRC,
     * and every length 0..80 at every offset must match the reference. */
    static uint8_t storage[128];
    uint8_t msg[80];
    size_t off, len, i;
    uint32_t expect;
    (void)state;

    for (i = 0; i < sizeof msg; i++) msg[i] = (uint8_t)(0xA5u ^ (i * 29u));
    expect = crc_ref(0, msg, sizeof msg);
    for (off = 0; off < 16; off++) {
        memset(storage, 0xCC, sizeof storage);
        memcpy(storage + off, msg, sizeof msg);
        assert_int_equal(km__crc32c(0, storage + off, sizeof msg), expect);
        for (len = 0; len <= sizeof msg; len++)
            assert_int_equal(km__crc32c(0, storage + off, len), crc_ref(0, msg, len));
    }
}

static void test_large_random(void **state)
{
    /* A longer pseudo-random buffer, to run the 8-byte loop many times. */
    static uint8_t big[65536 + 7];
    uint32_t x = 2463534242u;
    size_t i;
    (void)state;

    for (i = 0; i < sizeof big; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5; /* xorshift32 */
        big[i] = (uint8_t)x;
    }
    assert_int_equal(km__crc32c(0, big, sizeof big), crc_ref(0, big, sizeof big));
    assert_int_equal(km__crc32c(0x12345678u, big + 3, 1001), crc_ref(0x12345678u, big + 3, 1001));
}

/* The CRC of a || b from the two CRCs and b's length, for every split of
 * a buffer (and b empty): what the file store's streamed snapshot uses. */
static void test_combine(void **state)
{
    static uint8_t buf[4099];
    uint32_t x = 88172645u, whole;
    size_t i, cut;
    (void)state;
    for (i = 0; i < sizeof buf; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    whole = km__crc32c(0, buf, sizeof buf);
    for (cut = 0; cut <= sizeof buf; cut += (cut < 80 ? 1 : 97)) {
        uint32_t a = km__crc32c(0, buf, cut), b = km__crc32c(0, buf + cut, sizeof buf - cut);
        assert_int_equal(km__crc32c_combine(a, b, sizeof buf - cut), whole);
    }
    assert_int_equal(km__crc32c_combine(whole, 0, 0), whole);
    /* Lengths past 32 bits: 8 GiB of zero bytes built by doubling equals
     * eight runs of 1 GiB in turn (and a doubling equals the bytes). */
    {
        static const uint8_t zero[128];
        uint32_t run = km__crc32c(0, zero, 64), eight, a = km__crc32c(0, "123456789", 9), step = a;
        uint64_t len = 64;
        assert_int_equal(km__crc32c_combine(run, run, 64), km__crc32c(0, zero, 128));
        for (; len < ((uint64_t)1 << 30); len *= 2) run = km__crc32c_combine(run, run, len);
        for (i = 0; i < 8; i++) step = km__crc32c_combine(step, run, len);
        for (eight = run, i = 0; i < 3; i++, len *= 2) eight = km__crc32c_combine(eight, eight, len);
        assert_int_equal(km__crc32c_combine(a, eight, len), step);
    }
}

/* The CRC split over two threads equals the one-thread CRC for every length
 * around the split point, chained from a non-zero CRC too. */
static void test_split(void **state)
{
    static uint8_t buf[5000];
    uint32_t x = 2463534242u;
    size_t i, len;
    (void)state;
    for (i = 0; i < sizeof buf; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    for (len = 0; len <= sizeof buf; len += (len < 40 ? 1 : 331)) {
        assert_int_equal(km__crc32c_split(0, buf, len, 2), km__crc32c(0, buf, len));
        assert_int_equal(km__crc32c_split(0xE3069283u, buf, len, 2), km__crc32c(0xE3069283u, buf, len));
        assert_int_equal(km__crc32c_split(7, buf, len, KM__CRC32C_SPLIT), km__crc32c(7, buf, len));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc3720_vectors),
        cmocka_unit_test(test_check_value),
        cmocka_unit_test(test_chaining),
        cmocka_unit_test(test_unaligned_offsets),
        cmocka_unit_test(test_large_random),
        cmocka_unit_test(test_combine),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
