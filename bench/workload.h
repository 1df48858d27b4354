/* The shared benchmark workload (../shared/bench/workload.md, v1): the
 * splitmix64 streams and the partner and agreement generators, exactly as
 * specified, so this program and the SQLite baseline see bit-identical data.
 * Header-only: the benchmark is one program. */
#ifndef KM_BENCH_WORKLOAD_H
#define KM_BENCH_WORKLOAD_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { WL_PARTNERS = 1, WL_AGREEMENTS = 2, WL_Q_ID = 3, WL_Q_EXT = 4, WL_Q_FILTER = 5, WL_Q_AGR = 6 };

typedef struct wl_rng { uint64_t state; } wl_rng;

static inline uint64_t wl_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline void wl_init(wl_rng *r, unsigned k) { r->state = wl_mix64(42ULL * 256 + k); }

static inline uint64_t wl_next(wl_rng *r)
{
    r->state += 0x9E3779B97F4A7C15ULL;
    return wl_mix64(r->state);
}

static inline uint64_t wl_below(wl_rng *r, uint64_t n) { return wl_next(r) % n; }

static inline double wl_unit(wl_rng *r) { return (double)(wl_next(r) >> 11) * (1.0 / 9007199254740992.0); }

static const char *const wl_sector_names[20] = {
    "agriculture", "education", "health", "infrastructure", "energy", "water", "fisheries", "forestry",
    "tourism", "finance", "digital", "transport", "housing", "social_welfare", "environment", "trade",
    "manufacturing", "mining", "culture", "disaster_management"
};

typedef struct wl_partner {
    uint64_t id;
    int type;
    unsigned region_index;
    char region[6];
    int n_sectors;
    int sectors[3];
    uint32_t mask;
    char name[25];
    char ext[21];
} wl_partner;

static inline void wl_region_code(char out[6], unsigned r)
{
    unsigned pp = 11 + r / 15, s = r % 15, rr = s < 11 ? s + 1 : 71 + (s - 11);
    out[0] = (char)('0' + pp / 10);
    out[1] = (char)('0' + pp % 10);
    out[2] = '.';
    out[3] = (char)('0' + rr / 10);
    out[4] = (char)('0' + rr % 10);
    out[5] = '\0';
}

static inline void wl_ext_id(char out[21], uint64_t id)
{
    /* (id * 3141592653589 + 2718281828459) mod 10^13, exactly. While
     * id * a fits in 64 bits (id < 5.8 million) one product does it; beyond,
     * a double-and-add product keeps every intermediate below 2 * 10^13.
     * The digits are written by hand: this runs once per query of op (c),
     * so it must cost little next to the lookup it feeds. */
    const uint64_t mod = 10000000000000ULL, a = 3141592653589ULL;
    uint64_t m = 0;
    int bit;
    if (id <= (UINT64_MAX - 2718281828459ULL) / a) {
        m = (id * a + 2718281828459ULL) % mod;
    } else {
        for (bit = 63; bit >= 0; bit--) {
            m = (m * 2) % mod;
            if ((id >> bit) & 1) m = (m + a) % mod;
        }
        m = (m + 2718281828459ULL) % mod;
    }
    memcpy(out, "ID-NIB-", 7);
    for (bit = 19; bit >= 7; bit--) {
        out[bit] = (char)('0' + m % 10);
        m /= 10;
    }
    out[20] = '\0';
}

static inline void wl_partner_next(wl_rng *r, uint64_t id, uint64_t n, wl_partner *p)
{
    int t = (int)wl_below(r, 10), c, w, k;
    p->id = id;
    p->type = id <= n / 1000 ? t % 3 : t;
    p->region_index = (unsigned)wl_below(r, 514);
    wl_region_code(p->region, p->region_index);
    c = 1 + (int)wl_below(r, 3);
    p->n_sectors = 0;
    p->mask = 0;
    while (p->n_sectors < c) {
        int s = (int)wl_below(r, 20), dup = 0;
        for (k = 0; k < p->n_sectors; k++) dup |= p->sectors[k] == s;
        if (dup) continue;
        p->sectors[p->n_sectors++] = s;
        p->mask |= 1u << s;
    }
    k = 0;
    for (w = 0; w < 3; w++) {
        int len = w < 2 ? 7 : 8, i;
        for (i = 0; i < len; i++) {
            char ch = (char)('a' + wl_below(r, 26));
            p->name[k++] = i == 0 ? (char)(ch - 'a' + 'A') : ch;
        }
        if (w < 2) p->name[k++] = ' ';
    }
    p->name[k] = '\0';
    wl_ext_id(p->ext, id);
}

typedef struct wl_agreement {
    uint64_t id;
    int n_parties;
    uint64_t parties[4];
    int type;
    int start_day;      /* days after 2015-01-01 */
    int64_t value;
} wl_agreement;

static inline void wl_agreement_next(wl_rng *r, uint64_t id, uint64_t n, wl_agreement *a)
{
    int k = 2 + (int)wl_below(r, 3), i;
    uint64_t mant;
    int e;
    a->id = id;
    a->n_parties = 0;
    while (a->n_parties < k) {
        double u = wl_unit(r);
        uint64_t p = 1 + (uint64_t)(((u * u) * u) * (double)n);
        int dup = 0;
        if (p > n) p = n;
        for (i = 0; i < a->n_parties; i++) dup |= a->parties[i] == p;
        if (dup) continue;
        a->parties[a->n_parties++] = p;
    }
    a->type = (int)wl_below(r, 8);
    a->start_day = (int)wl_below(r, 3653);
    mant = 1 + wl_below(r, 999999);
    e = (int)wl_below(r, 5);
    a->value = (int64_t)mant * 100;
    while (e-- > 0) a->value *= 10;
}

/* 2015-01-01 + d as "YYYY-MM-DD" (civil-from-days, Hinnant). */
static inline void wl_date(char out[11], int d)
{
    int64_t z = 16436 + (int64_t)d + 719468; /* 16436 = days from 1970-01-01 to 2015-01-01 */
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) y++;
    /* Years 2015..2024 only: four digits, written by hand. */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + dd / 10);
    out[9] = (char)('0' + dd % 10);
    out[10] = '\0';
}

#endif
