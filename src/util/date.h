/* Civil (proleptic Gregorian) dates as days since 1970-01-01, using Howard
 * Hinnant's days_from_civil / civil_from_days algorithms. Agreements,
 * milestones and frameworks store dates this way: exact, clock-free and
 * cheap to compare. The text form is ISO 8601 "YYYY-MM-DD" with a four-digit
 * year 0001..9999; nothing else is accepted (no times, no week dates). */
#ifndef KM_UTIL_DATE_H
#define KM_UTIL_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Days of 0001-01-01 and 9999-12-31 (the range the text form can hold). */
#define KM__DATE_MIN (-719162)
#define KM__DATE_MAX 2932896
/* Bytes of "YYYY-MM-DD" plus the NUL. */
#define KM__DATE_BUF 11

int km__leap_year(int64_t y);
/* 28..31; 0 for a month outside 1..12. */
unsigned km__days_in_month(int64_t y, unsigned m);
/* Days since 1970-01-01 of y-m-d (any y, m 1..12, d 1..31 assumed valid). */
int64_t km__days_from_civil(int64_t y, unsigned m, unsigned d);
void km__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Parses exactly "YYYY-MM-DD" (n bytes, no NUL needed): 1 and *out set if it
 * is a real date in 0001..9999, else 0 (month 13, 2023-02-29, trailing
 * bytes...). No error is raised. */
int km__date_parse(const char *s, size_t n, int32_t *out);
/* Like km__date_parse, but raises KM_EINVAL naming field. */
int km__v_date(const char *field, const char *s, size_t n, int32_t *out);
/* Writes "YYYY-MM-DD" and a NUL (11 bytes) for a day in range. */
void km__date_format(char out[KM__DATE_BUF], int32_t days);
/* d + n days; KM_ERANGE when the result leaves 0001..9999. */
int km__date_add_days(int32_t d, int64_t n, int32_t *out);
/* d + n months, clamping the day to the end of the target month
 * (2024-01-31 + 1 month = 2024-02-29); KM_ERANGE out of range. */
int km__date_add_months(int32_t d, int64_t n, int32_t *out);
/* b - a in days. */
int64_t km__date_diff(int32_t a, int32_t b);

/* WIB (Waktu Indonesia Barat): UTC+7 all year, no daylight saving, in
 * minutes. The civil zone of every date the library derives from a time
 * (a change's day, "today"), except where a dispute policy names its own
 * offset. Changes that derive a day at apply time record the offset they
 * used, so replay never depends on this constant; records of earlier
 * builds without it took the UTC day and keep it. */
#define KM__WIB_MINUTES 420
/* The civil day (days since 1970-01-01) of a time (microseconds since
 * 1970-01-01 00:00 UTC) at offset_minutes from UTC: rounded down, before
 * 1970 too; clamped to KM__DATE_MIN..KM__DATE_MAX; no overflow for any
 * time and an offset within a day either way. */
int32_t km__day_at(int64_t us, int32_t offset_minutes);

#endif
