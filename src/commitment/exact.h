/* Exact unsigned integer arithmetic on multi-word numbers, for the money
 * paths that need more than 64 bits: loan interest (balance x rate), the
 * annuity payment (an exact rational with (1 + i)^n in it), exchange-rate
 * conversion and pro-rata valuation. Plain C99 with 32-bit limbs, so every
 * platform computes the same bits; no floating point anywhere. */
#ifndef KM_COMMITMENT_EXACT_H
#define KM_COMMITMENT_EXACT_H

#include <stddef.h>
#include <stdint.h>

/* 11520 bits: room for 130000^600 times a 64-bit principal, a 14-bit rate
 * and the shifts of the division (see loan.c for the bound). */
#define KM__BIG_LIMBS 360

typedef struct km__big {
    size_t n;                   /* limbs in use; w[n - 1] != 0 unless n == 0 */
    uint32_t w[KM__BIG_LIMBS];  /* little-endian limbs */
} km__big;

void km__big_set(km__big *a, uint64_t v);
/* a *= m. KM_ERANGE when the result no longer fits. */
int km__big_mul_small(km__big *a, uint32_t m);
int km__big_mul_u64(km__big *a, uint64_t m);
/* a = base^exp. */
int km__big_pow(km__big *a, uint32_t base, uint32_t exp);
int km__big_cmp(const km__big *a, const km__big *b);
/* a -= b; requires a >= b. */
void km__big_sub(km__big *a, const km__big *b);
int km__big_add(km__big *a, const km__big *b);
/* q = n / d rounded half up (floor((2n + d) / 2d)); d > 0. KM_ERANGE when
 * q > INT64_MAX. */
int km__big_div_round(int64_t *q, const km__big *n, const km__big *d);
/* round_half_up(a * b / c) for a, b >= 0 and c > 0; KM_ERANGE when the
 * result exceeds INT64_MAX. */
int km__muldiv_round(int64_t a, uint64_t b, uint64_t c, int64_t *out);

#endif
