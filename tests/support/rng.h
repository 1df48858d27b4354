/* The tests' pseudo-random numbers: xorshift64*, seeded per test so that
 * every run draws the same sequence (a failure reproduces). One state per
 * test program (unit tests run one at a time). */
#ifndef KM_TESTS_RNG_H
#define KM_TESTS_RNG_H

#include <stdint.h>

static uint64_t rng_state = 1;

static void rng_seed(uint64_t s) { rng_state = s ? s : 1; }

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

/* Uniform enough below n (n > 0) for tests; the modulo bias is irrelevant. */
static uint64_t rng_below(uint64_t n) { return rng() % n; }

#endif
