/* util.h: small helpers of the kemitraan tool that know nothing about the
 * library: strict number parsing, dates and times (microseconds since the
 * epoch, ISO 8601, WIB), UTF-8 display width, memory that never returns
 * NULL. */
#ifndef KM_CLI_UTIL_H
#define KM_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Western Indonesian Time (WIB) is UTC+7, without daylight saving. Dates
 * given without a zone, and times shown to people, are in WIB. */
#define CLI_WIB_OFFSET_US ((int64_t)7 * 3600 * 1000000)

/* Allocation that exits with status 70 and a one-line message on failure:
 * the tool has no state to save when memory runs out. */
void *cli_xmalloc(size_t size);
void *cli_xrealloc(void *ptr, size_t size);
char *cli_xstrdup(const char *s);

/* Strict decimal parsing: digits only (no sign, no spaces, no "0x"), no
 * overflow. Return 0 on success, -1 otherwise (out untouched). */
int cli_parse_u64(const char *s, uint64_t *out);
int cli_parse_u32(const char *s, uint32_t *out);
/* Optional leading '-', then digits; fits an int. */
int cli_parse_int(const char *s, int *out);
/* A plain decimal number for weights and scores: optional '-', digits,
 * optionally '.' and digits ("0.5", "2", "-1.25"); no exponent, no
 * "inf"/"nan", no spaces. Returns 0 or -1. */
int cli_parse_double(const char *s, double *out);

/* Parses a date or a time into microseconds since 1970-01-01 UTC.
 *   YYYY-MM-DD                   a whole day in WIB: its first microsecond
 *                                (end_of_day = 0) or its last (end_of_day = 1)
 *   YYYY-MM-DDTHH:MM[:SS[.f]]Z   a moment; 'T' may be a space; the zone is
 *   ...+HH:MM | -HH:MM | +HHMM   Z, an offset, or absent (meaning WIB);
 *                                up to 6 fraction digits
 * Rejects impossible dates (2025-02-29), out-of-range fields and years
 * outside 1970..9999. Returns 0 or -1. */
int cli_parse_time(const char *s, int end_of_day, int64_t *out);

/* "2025-03-03T01:00:00Z", with ".ffffff" when the microseconds are not 0.
 * buf must hold CLI_TIME_MAX bytes. */
#define CLI_TIME_MAX 40
const char *cli_format_iso_utc(char *buf, int64_t us);
/* For people, in WIB: "03 Mar 2025 08.00.00 WIB" (Indonesian: Mei, Agu,
 * Okt, Des; '.' between hours and minutes as PUEBI writes it) or
 * "03 Mar 2025 08:00:00 WIB" (English). */
const char *cli_format_human_time(char *buf, int64_t us, int lang);

/* Display width of a UTF-8 string: the number of code points (continuation
 * bytes 10xxxxxx are not counted). */
size_t cli_display_width(const char *s);

/* ASCII case-insensitive comparison where '-' and '_' are equal (for enum
 * names given on the command line). */
int cli_name_eq(const char *a, const char *b);

/* Monotonic clock in nanoseconds (progress display). */
int64_t cli_mono_ns(void);

#endif /* KM_CLI_UTIL_H */
