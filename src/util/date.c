#include "util/date.h"
#include "core/error.h"


int km__leap_year(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned km__days_in_month(int64_t y, unsigned m)
{
    static const unsigned char dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    return m == 2 && km__leap_year(y) ? 29u : dm[m - 1];
}

/* Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400 years
 * starting on March 1st so that the leap day is the last day of a year. */
int64_t km__days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void km__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, size_t n, unsigned *out)
{
    size_t i;
    unsigned v = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 1;
}

int km__date_parse(const char *s, size_t n, int32_t *out)
{
    unsigned y, m, d;
    if (!s || n != 10 || s[4] != '-' || s[7] != '-') return 0;
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d)) return 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > km__days_in_month(y, m)) return 0;
    *out = (int32_t)km__days_from_civil(y, m, d);
    return 1;
}

int km__v_date(const char *field, const char *s, size_t n, int32_t *out)
{
    if (km__date_parse(s, n, out)) return 0;
    return km__err(KM_EINVAL, field, "\"%.*s\" is not a real date written YYYY-MM-DD",
                   "\"%.*s\" bukan tanggal yang sah dengan format YYYY-MM-DD", (int)(n > 40 ? 40 : n), s ? s : "");
}

void km__date_format(char out[KM__DATE_BUF], int32_t days)
{
    int64_t y;
    unsigned m, d;
    unsigned yy;
    km__civil_from_days(days, &y, &m, &d);
    yy = (unsigned)(y % 10000);
    out[0] = (char)('0' + yy / 1000);
    out[1] = (char)('0' + yy / 100 % 10);
    out[2] = (char)('0' + yy / 10 % 10);
    out[3] = (char)('0' + yy % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int km__date_add_days(int32_t d, int64_t n, int32_t *out)
{
    int64_t r;
    if (n > (int64_t)KM__DATE_MAX - KM__DATE_MIN || n < -((int64_t)KM__DATE_MAX - KM__DATE_MIN)) goto range;
    r = (int64_t)d + n;
    if (r < KM__DATE_MIN || r > KM__DATE_MAX) goto range;
    *out = (int32_t)r;
    return 0;
range:
    return km__err(KM_ERANGE, "date", "result is outside 0001-01-01..9999-12-31",
                   "hasil di luar 0001-01-01..9999-12-31");
}

int km__date_add_months(int32_t days, int64_t n, int32_t *out)
{
    int64_t y, total;
    unsigned m, d, dim;
    km__civil_from_days(days, &y, &m, &d);
    if (n > 120000 || n < -120000) goto range;
    total = y * 12 + (int64_t)(m - 1) + n;
    y = total >= 0 ? total / 12 : (total - 11) / 12;
    m = (unsigned)(total - y * 12) + 1;
    if (y < 1 || y > 9999) goto range;
    dim = km__days_in_month(y, m);
    if (d > dim) d = dim;
    *out = (int32_t)km__days_from_civil(y, m, d);
    return 0;
range:
    return km__err(KM_ERANGE, "date", "result is outside 0001-01-01..9999-12-31",
                   "hasil di luar 0001-01-01..9999-12-31");
}

int64_t km__date_diff(int32_t a, int32_t b) { return (int64_t)b - (int64_t)a; }

int32_t km__day_at(int64_t us, int32_t offset_minutes)
{
    /* floor(us / day) first, then the offset on the remainder: adding the
     * offset to us could overflow near the ends of the int64 range. */
    const int64_t day = 86400LL * 1000000LL;
    int64_t d = us / day, rem = us % day;
    if (rem < 0) {
        rem += day;
        d--;
    }
    rem += (int64_t)offset_minutes * 60 * 1000000;
    if (rem < 0) d--;
    else if (rem >= day) d++;
    if (d < KM__DATE_MIN) d = KM__DATE_MIN;
    if (d > KM__DATE_MAX) d = KM__DATE_MAX;
    return (int32_t)d;
}
