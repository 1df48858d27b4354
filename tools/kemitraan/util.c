/* util.c: parsing and formatting helpers of the kemitraan tool (util.h). */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kemitraan/kemitraan.h>

/* ---- memory ------------------------------------------------------------ */

static void out_of_memory(void)
{
    fputs("kemitraan: out of memory / memori tidak cukup\n", stderr);
    exit(70);
}

void *cli_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory();
    return p;
}

void *cli_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p) out_of_memory();
    return p;
}

char *cli_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = (char *)cli_xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ---- numbers ----------------------------------------------------------- */

int cli_parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (!s || !*s) return -1;
    for (; *s; s++) {
        unsigned d;
        if (*s < '0' || *s > '9') return -1;
        d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10) return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int cli_parse_u32(const char *s, uint32_t *out)
{
    uint64_t v;
    if (cli_parse_u64(s, &v) != 0 || v > UINT32_MAX) return -1;
    *out = (uint32_t)v;
    return 0;
}

int cli_parse_int(const char *s, int *out)
{
    uint64_t v;
    int neg = 0;
    if (s && *s == '-') {
        neg = 1;
        s++;
    }
    if (cli_parse_u64(s, &v) != 0 || v > 2147483647u) return -1;
    *out = neg ? -(int)v : (int)v;
    return 0;
}

int cli_parse_double(const char *s, double *out)
{
    const char *p = s;
    size_t digits = 0;
    if (!p) return -1;
    if (*p == '-') p++;
    for (; *p >= '0' && *p <= '9'; p++) digits++;
    if (*p == '.') {
        size_t frac = 0;
        for (p++; *p >= '0' && *p <= '9'; p++) frac++;
        if (!frac) return -1;
        digits += frac;
    }
    if (!digits || *p || p - s > 40) return -1;
    *out = strtod(s, NULL); /* the "C" locale: the tool never calls setlocale */
    return 0;
}

/* ---- civil dates (proleptic Gregorian, H. Hinnant's algorithms) --------- */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

int cli_parse_time(const char *s, int end_of_day, int64_t *out)
{
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, se = 0, frac = 0, fd = 0;
    int64_t offset = CLI_WIB_OFFSET_US, t;
    if (!s) return -1;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' || digits(&p, 2, &d)) return -1;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return -1;
    if (*p == '\0') {
        /* A whole day in WIB. */
        t = days_from_civil(y, mo, d) * 86400 * (int64_t)1000000 - CLI_WIB_OFFSET_US;
        if (end_of_day) t += (int64_t)86400 * 1000000 - 1;
        *out = t;
        return 0;
    }
    if (*p != 'T' && *p != 't' && *p != ' ') return -1;
    p++;
    if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi)) return -1;
    if (*p == ':') {
        p++;
        if (digits(&p, 2, &se)) return -1;
        if (*p == '.' || *p == ',') {
            p++;
            if (*p < '0' || *p > '9') return -1;
            while (*p >= '0' && *p <= '9') {
                if (fd == 6) return -1; /* finer than a microsecond */
                frac = frac * 10 + (*p - '0');
                fd++;
                p++;
            }
            for (; fd < 6; fd++) frac *= 10;
        }
    }
    if (h > 23 || mi > 59 || se > 59) return -1;
    if (*p == 'Z' || *p == 'z') {
        offset = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om;
        p++;
        if (digits(&p, 2, &oh)) return -1;
        if (*p == ':') p++;
        if (digits(&p, 2, &om) || oh > 23 || om > 59) return -1;
        offset = sign * ((int64_t)oh * 3600 + (int64_t)om * 60) * 1000000;
    }
    if (*p != '\0') return -1;
    t = (days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + se) * (int64_t)1000000 + frac -
        offset;
    *out = t;
    return 0;
}

/* Splits microseconds into a civil date and time of day (floor division,
 * so times before 1970 work too). */
static void split_time(int64_t us, int64_t *y, int *mo, int *d, int *h, int *mi, int *s, int *frac)
{
    int64_t secs = us / 1000000, rem = us % 1000000, days, sod;
    if (rem < 0) {
        rem += 1000000;
        secs--;
    }
    days = secs / 86400;
    sod = secs % 86400;
    if (sod < 0) {
        sod += 86400;
        days--;
    }
    civil_from_days(days, y, mo, d);
    *h = (int)(sod / 3600);
    *mi = (int)(sod / 60 % 60);
    *s = (int)(sod % 60);
    *frac = (int)rem;
}

const char *cli_format_iso_utc(char *buf, int64_t us)
{
    int64_t y;
    int mo, d, h, mi, s, frac;
    split_time(us, &y, &mo, &d, &h, &mi, &s, &frac);
    if (frac)
        snprintf(buf, CLI_TIME_MAX, "%04lld-%02d-%02dT%02d:%02d:%02d.%06dZ", (long long)y, mo, d, h, mi, s, frac);
    else
        snprintf(buf, CLI_TIME_MAX, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, mo, d, h, mi, s);
    return buf;
}

const char *cli_format_human_time(char *buf, int64_t us, int lang)
{
    static const char *const months[2][12] = {
        { "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des" },
        { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
    };
    int64_t y;
    int mo, d, h, mi, s, frac, l = lang == KM_LANG_EN ? 1 : 0;
    char sep = l ? ':' : '.';
    split_time(us + CLI_WIB_OFFSET_US, &y, &mo, &d, &h, &mi, &s, &frac);
    snprintf(buf, CLI_TIME_MAX, "%02d %s %04lld %02d%c%02d%c%02d WIB", d, months[l][mo - 1], (long long)y, h, sep, mi,
             sep, s);
    return buf;
}

/* ---- text -------------------------------------------------------------- */

size_t cli_display_width(const char *s)
{
    size_t n = 0;
    if (!s) return 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static int fold(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
    if (c == '-') return '_';
    return c;
}

int cli_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (fold((unsigned char)*a) != fold((unsigned char)*b)) return 0;
    return *a == *b;
}

int64_t cli_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
