/* ISO 4217 currencies and overflow-checked arithmetic on int64 minor units.
 * Every money field of the library (agreement values, framework limits,
 * running totals) goes through these helpers, so an overflow is always a
 * KM_ERANGE and never a silent wrap. */
#ifndef KM_UTIL_MONEY_H
#define KM_UTIL_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/money.h"

/* Minor-unit digits of a code given as bytes (n must be 3); -1 if unknown. */
int km__currency_digits(const char *s, size_t n);
/* 0 or KM_EINVAL naming field. */
int km__v_currency(const char *field, const char *s, size_t n);
/* Number of codes in the table and the i-th code (for tests). */
size_t km__currency_count(void);
const char *km__currency_code(size_t i);

/* 0 with *out set, or KM_ERANGE (out untouched) on overflow. */
int km__money_add(int64_t a, int64_t b, int64_t *out);
int km__money_sub(int64_t a, int64_t b, int64_t *out);
int km__money_mul(int64_t a, int64_t b, int64_t *out);

#endif
