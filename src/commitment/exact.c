/* Multi-word unsigned arithmetic (see exact.h). Only what the money paths
 * need: multiply by a word, add, subtract, compare, shift, and a division
 * whose quotient fits in 63 bits, done bit by bit (at most 63 rounds of
 * shift-compare-subtract, which is plenty fast for numbers of a few hundred
 * words and trivially the same on every platform). */
#include "commitment/exact.h"
#include "core/error.h"

#include <string.h>

static int too_big(void)
{
    return km__err(KM_ERANGE, "money", "an intermediate value exceeds the exact arithmetic's range",
                   "nilai antara melampaui jangkauan aritmetika eksak");
}

static void trim(km__big *a)
{
    while (a->n && a->w[a->n - 1] == 0) a->n--;
}

void km__big_set(km__big *a, uint64_t v)
{
    a->w[0] = (uint32_t)v;
    a->w[1] = (uint32_t)(v >> 32);
    a->n = 2;
    trim(a);
}

int km__big_mul_small(km__big *a, uint32_t m)
{
    uint64_t carry = 0;
    size_t i;
    for (i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->w[i] * m + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry) {
        if (a->n == KM__BIG_LIMBS) return too_big();
        a->w[a->n++] = (uint32_t)carry;
    }
    if (m == 0) a->n = 0;
    return 0;
}

/* dst = src << bits; 1 (dst untouched) when it would not fit. */
static int shl(km__big *dst, const km__big *src, unsigned bits)
{
    size_t limbs = bits / 32, i;
    unsigned r = bits % 32;
    size_t n = src->n + limbs + (r ? 1 : 0);
    if (src->n == 0) {
        dst->n = 0;
        return 0;
    }
    if (n > KM__BIG_LIMBS) {
        /* It may still fit when the top word has room. */
        if (r && src->n + limbs <= KM__BIG_LIMBS && (src->w[src->n - 1] >> (32 - r)) == 0) n = src->n + limbs;
        else return 1;
    }
    for (i = n; i-- > 0;) {
        uint64_t hi = 0, lo = 0;
        size_t s = i - limbs; /* source limb feeding the upper bits of dst limb i */
        if (i >= limbs) {
            if (s < src->n) hi = src->w[s];
            if (r && s >= 1 && s - 1 < src->n) lo = src->w[s - 1];
        }
        dst->w[i] = r ? (uint32_t)((hi << r) | (lo >> (32 - r))) : (uint32_t)hi;
    }
    dst->n = n;
    trim(dst);
    return 0;
}

int km__big_mul_u64(km__big *a, uint64_t m)
{
    km__big hi;
    int rc;
    uint32_t mh = (uint32_t)(m >> 32);
    if (mh == 0) return km__big_mul_small(a, (uint32_t)m);
    memcpy(&hi, a, sizeof hi);
    if ((rc = km__big_mul_small(&hi, mh)) != 0) return rc;
    if (shl(&hi, &hi, 32)) return too_big();
    if ((rc = km__big_mul_small(a, (uint32_t)m)) != 0) return rc;
    return km__big_add(a, &hi);
}

int km__big_pow(km__big *a, uint32_t base, uint32_t exp)
{
    uint32_t i;
    int rc;
    km__big_set(a, 1);
    for (i = 0; i < exp; i++)
        if ((rc = km__big_mul_small(a, base)) != 0) return rc;
    return 0;
}

int km__big_cmp(const km__big *a, const km__big *b)
{
    size_t i;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (i = a->n; i-- > 0;)
        if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

void km__big_sub(km__big *a, const km__big *b)
{
    uint64_t borrow = 0;
    size_t i;
    for (i = 0; i < a->n; i++) {
        uint64_t bi = (i < b->n ? b->w[i] : 0) + borrow;
        if ((uint64_t)a->w[i] >= bi) {
            a->w[i] = (uint32_t)(a->w[i] - bi);
            borrow = 0;
        } else {
            a->w[i] = (uint32_t)(((uint64_t)1 << 32) + a->w[i] - bi);
            borrow = 1;
        }
    }
    trim(a);
}

int km__big_add(km__big *a, const km__big *b)
{
    uint64_t carry = 0;
    size_t i, n = a->n > b->n ? a->n : b->n;
    for (i = 0; i < n; i++) {
        uint64_t t = (uint64_t)(i < a->n ? a->w[i] : 0) + (i < b->n ? b->w[i] : 0) + carry;
        a->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    a->n = n;
    if (carry) {
        if (a->n == KM__BIG_LIMBS) return too_big();
        a->w[a->n++] = (uint32_t)carry;
    }
    return 0;
}

int km__big_div_round(int64_t *q, const km__big *n, const km__big *d)
{
    km__big x, y, t;
    uint64_t r = 0;
    int bit, rc;
    /* x = 2n + d, y = 2d: floor(x / y) is n / d rounded half up. */
    if (shl(&x, n, 1)) return too_big();
    if ((rc = km__big_add(&x, d)) != 0) return rc;
    if (shl(&y, d, 1)) return too_big();
    if (y.n == 0) return km__err(KM_ERANGE, "money", "division by zero", "pembagian dengan nol");
    for (bit = 63; bit >= 0; bit--) {
        if (shl(&t, &y, (unsigned)bit)) continue; /* y << bit is larger than anything x can hold */
        if (km__big_cmp(&x, &t) >= 0) {
            if (bit == 63) return km__err(KM_ERANGE, "money", "result exceeds a 64-bit count of minor units",
                                          "hasil melampaui batas 64-bit satuan terkecil");
            km__big_sub(&x, &t);
            r |= (uint64_t)1 << bit;
        }
    }
    *q = (int64_t)r;
    return 0;
}

int km__muldiv_round(int64_t a, uint64_t b, uint64_t c, int64_t *out)
{
    km__big n, d;
    int rc;
    if (a < 0 || c == 0) return km__err(KM_ERANGE, "money", "invalid operands", "operand tidak sah");
    km__big_set(&n, (uint64_t)a);
    if ((rc = km__big_mul_u64(&n, b)) != 0) return rc;
    km__big_set(&d, c);
    return km__big_div_round(out, &n, &d);
}
