/* Decimal integers in event payloads and snapshots ("12:3", "-5"): one
 * parser and two formatters for every module. The formatters exist
 * because snprintf costs about a thousand instructions a call, which was a
 * third of an agreement's creation (three parties, each written as
 * "partner:roles") and most of writing a snapshot's agreements. */
#ifndef KM_UTIL_NUM_H
#define KM_UTIL_NUM_H

#include <stddef.h>
#include <stdint.h>

/* Longest output of the formatters, NUL included. */
#define KM__U64_DEC_MAX 21 /* 18446744073709551615 */
#define KM__I64_DEC_MAX 21 /* -9223372036854775808 */

/* s[0..n) as an unsigned decimal: digits only (no sign, no space, at least
 * one, at most 20) and no overflow. 1 and *out set, or 0 (*out untouched). */
int km__parse_u64(const char *s, size_t n, uint64_t *out);
/* s[0..n) as a signed decimal: an optional '-', then 1 to 19 digits, no
 * overflow (INT64_MIN included). 1 and *out set, or 0 (*out untouched). */
int km__parse_i64(const char *s, size_t n, int64_t *out);
/* Writes v in decimal and a NUL to out (room for KM__U64_DEC_MAX bytes);
 * returns the number of digits. */
size_t km__fmt_u64(char *out, uint64_t v);
/* Writes v in decimal ("-" first when negative) and a NUL to out (room for
 * KM__I64_DEC_MAX bytes); returns the length without the NUL. */
size_t km__fmt_i64(char *out, int64_t v);

#endif
