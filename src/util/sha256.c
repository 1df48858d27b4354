/* SHA-256 per FIPS 180-4 with fully unrolled rounds. The message schedule
 * is kept as a 16-word ring so a block needs only 64 bytes of scratch. */
#include "util/sha256.h"

#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u
};

/* Rotations are written so compilers recognise them as a single rotate. */
#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define s0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define s1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))

/* Big-endian load byte by byte: alignment- and endianness-independent,
 * and compilers turn it into a load + bswap. */
static uint32_t load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* W[i & 15] for i >= 16 is computed in place from the 16-word ring. */
#define W(i) (w[(i) & 15] += s1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + s0(w[((i) - 15) & 15]))

/* One round, with the working variables rotated by renaming the arguments
 * instead of shuffling eight registers. */
#define RND(a, b, c, d, e, f, g, h, i, wi)                         \
    do {                                                           \
        uint32_t t1_ = (h) + S1(e) + CH(e, f, g) + K[i] + (wi);    \
        (d) += t1_;                                                \
        (h) = t1_ + S0(a) + MAJ(a, b, c);                          \
    } while (0)

#define R8(i, WX)                                        \
    RND(a, b, c, d, e, f, g, h, (i) + 0, WX((i) + 0));   \
    RND(h, a, b, c, d, e, f, g, (i) + 1, WX((i) + 1));   \
    RND(g, h, a, b, c, d, e, f, (i) + 2, WX((i) + 2));   \
    RND(f, g, h, a, b, c, d, e, (i) + 3, WX((i) + 3));   \
    RND(e, f, g, h, a, b, c, d, (i) + 4, WX((i) + 4));   \
    RND(d, e, f, g, h, a, b, c, (i) + 5, WX((i) + 5));   \
    RND(c, d, e, f, g, h, a, b, (i) + 6, WX((i) + 6));   \
    RND(b, c, d, e, f, g, h, a, (i) + 7, WX((i) + 7))

#define W0(i) (w[i])

/* Hashes nblocks consecutive 64-byte blocks starting at p. */
static void compress_portable(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];
    uint32_t a, b, c, d, e, f, g, h;
    int i;

    while (nblocks--) {
        for (i = 0; i < 16; i++) w[i] = load_be32(p + 4 * i);
        a = st[0]; b = st[1]; c = st[2]; d = st[3];
        e = st[4]; f = st[5]; g = st[6]; h = st[7];

        R8(0, W0);
        R8(8, W0);
        R8(16, W);
        R8(24, W);
        R8(32, W);
        R8(40, W);
        R8(48, W);
        R8(56, W);

        st[0] += a; st[1] += b; st[2] += c; st[3] += d;
        st[4] += e; st[5] += f; st[6] += g; st[7] += h;
        p += 64;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(KM_NO_BUILTINS)
/* The x86 SHA extensions (Intel Goldmont and Ice Lake on, AMD Zen) run the
 * rounds and the message schedule in hardware, about five times faster than
 * the code above. Every log entry is hashed when it is committed and again
 * when it is replayed, so this is a large part of the cost of a bulk load
 * and of opening a store without a snapshot. Chosen at run time. */
#include <cpuid.h>
#include <immintrin.h>
#define KM__SHA_HW 1

/* CPUID leaf 7 EBX bit 29 is SHA, leaf 1 ECX bit 19 is SSE4.1. Read
 * directly: clang 14's __builtin_cpu_supports does not know "sha". */
static int cpu_has_sha(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19))) return 0;
    if (__get_cpuid_max(0, NULL) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b >> 29) & 1;
}

__attribute__((target("sha,sse4.1"))) static void compress_hw(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    /* The state is kept as ABEF and CDGH, the layout sha256rnds2 uses. */
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&st[0]), 0xB1); /* CDAB */
    __m128i s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)&st[4]), 0x1B); /* EFGH */
    __m128i s0 = _mm_alignr_epi8(tmp, s1, 8);                                                    /* ABEF */
    s1 = _mm_blend_epi16(s1, tmp, 0xF0);                                                         /* CDGH */
    while (nblocks--) {
        __m128i w[4], save0 = s0, save1 = s1;
        int g;
        /* Sixteen groups of four rounds; w[g & 3] holds W[4g..4g+3], the
         * schedule computing each group from the four before it. */
        for (g = 0; g < 16; g++) {
            __m128i m;
            if (g < 4) {
                w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * g)), bswap);
            } else {
                m = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
                m = _mm_add_epi32(m, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
                w[g & 3] = _mm_sha256msg2_epu32(m, w[(g + 3) & 3]);
            }
            m = _mm_add_epi32(w[g & 3], _mm_loadu_si128((const __m128i *)(const void *)&K[4 * g]));
            s1 = _mm_sha256rnds2_epu32(s1, s0, m);
            s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(m, 0x0E));
        }
        s0 = _mm_add_epi32(s0, save0);
        s1 = _mm_add_epi32(s1, save1);
        p += 64;
    }
    tmp = _mm_shuffle_epi32(s0, 0x1B);      /* FEBA */
    s1 = _mm_shuffle_epi32(s1, 0xB1);       /* DCHG */
    s0 = _mm_blend_epi16(tmp, s1, 0xF0);    /* DCBA */
    s1 = _mm_alignr_epi8(s1, tmp, 8);       /* HGFE */
    _mm_storeu_si128((__m128i *)(void *)&st[0], s0);
    _mm_storeu_si128((__m128i *)(void *)&st[4], s1);
}
#endif

/* -1 not decided yet, 0 portable, 1 hardware. A benign race: every thread
 * computes the same value. */
static int use_hw = -1;

int km__sha256_hw(int set)
{
#ifdef KM__SHA_HW
    int have = cpu_has_sha();
#else
    int have = 0;
#endif
    if (set >= 0) use_hw = set && have;
    else if (use_hw < 0) use_hw = have;
    return use_hw;
}

static void compress(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
#ifdef KM__SHA_HW
    if (use_hw < 0) km__sha256_hw(-1);
    if (use_hw) {
        compress_hw(st, p, nblocks);
        return;
    }
#endif
    compress_portable(st, p, nblocks);
}

void km__sha256_init(km__sha256_ctx *c)
{
    c->h[0] = 0x6a09e667u; c->h[1] = 0xbb67ae85u; c->h[2] = 0x3c6ef372u; c->h[3] = 0xa54ff53au;
    c->h[4] = 0x510e527fu; c->h[5] = 0x9b05688cu; c->h[6] = 0x1f83d9abu; c->h[7] = 0x5be0cd19u;
    c->total = 0;
    c->used = 0;
}

void km__sha256_update(km__sha256_ctx *c, const void *data, size_t len)
{
    const uint8_t *p = (const uint8_t *)data;
    size_t n;

    if (len == 0) return; /* data may be NULL then */
    c->total += len;

    /* Top up a pending partial block first. */
    if (c->used) {
        n = 64 - c->used;
        if (n > len) n = len;
        memcpy(c->block + c->used, p, n);
        c->used += n;
        p += n;
        len -= n;
        if (c->used < 64) return;
        compress(c->h, c->block, 1);
        c->used = 0;
    }
    /* Whole blocks straight from the caller's memory. */
    if (len >= 64) {
        n = len / 64;
        compress(c->h, p, n);
        p += n * 64;
        len -= n * 64;
    }
    if (len) {
        memcpy(c->block, p, len);
        c->used = len;
    }
}

void km__sha256_final(km__sha256_ctx *c, uint8_t out[32])
{
    uint64_t bits = c->total << 3;
    int i;

    /* Padding: 0x80, zeros up to 56 mod 64, then the bit length (BE). */
    c->block[c->used++] = 0x80;
    if (c->used > 56) {
        memset(c->block + c->used, 0, 64 - c->used);
        compress(c->h, c->block, 1);
        c->used = 0;
    }
    memset(c->block + c->used, 0, 56 - c->used);
    store_be32(c->block + 56, (uint32_t)(bits >> 32));
    store_be32(c->block + 60, (uint32_t)bits);
    compress(c->h, c->block, 1);

    for (i = 0; i < 8; i++) store_be32(out + 4 * i, c->h[i]);
}

void km__sha256(const void *data, size_t len, uint8_t out[32])
{
    km__sha256_ctx c;
    km__sha256_init(&c);
    km__sha256_update(&c, data, len);
    km__sha256_final(&c, out);
}

void km__hex_encode(char *out, const uint8_t *in, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Value of a hex digit or -1; explicit ranges so the result does not depend
 * on the locale or the execution character set's ctype tables. */
static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

int km__hex_decode(uint8_t *out, const char *hex, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int hi = hexval(hex[2 * i]);
        int lo;
        if (hi < 0) return -1; /* also stops at a NUL before touching hex[2i+1] */
        lo = hexval(hex[2 * i + 1]);
        if (lo < 0) return -1;
        out[i] = (uint8_t)((hi << 4) | lo);
    }
    return 0;
}
