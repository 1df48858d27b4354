/* The ISO 4217 table, checked money arithmetic and display formatting. */
#include "util/money.h"
#include "core/error.h"

#include <stdio.h>
#include <string.h>

typedef struct cur_entry {
    char code[4];
    int digits;
} cur_entry;

/* Sorted by code for binary search. Every active code of the IATI 2.03
 * Currency codelist (a test checks this against the XML), plus UYW, ZWG and
 * XCG which ISO 4217 added since. XBT (IATI only) and XDR (ISO: "N.A.") are
 * given 2 digits. */
static const cur_entry table[] = {
    { "AED", 2 }, { "AFN", 2 }, { "ALL", 2 }, { "AMD", 2 }, { "ANG", 2 }, { "AOA", 2 },
    { "ARS", 2 }, { "AUD", 2 }, { "AWG", 2 }, { "AZN", 2 }, { "BAM", 2 }, { "BBD", 2 },
    { "BDT", 2 }, { "BGN", 2 }, { "BHD", 3 }, { "BIF", 0 }, { "BMD", 2 }, { "BND", 2 },
    { "BOB", 2 }, { "BOV", 2 }, { "BRL", 2 }, { "BSD", 2 }, { "BTN", 2 }, { "BWP", 2 },
    { "BYN", 2 }, { "BZD", 2 }, { "CAD", 2 }, { "CDF", 2 }, { "CHF", 2 }, { "CLF", 4 },
    { "CLP", 0 }, { "CNY", 2 }, { "COP", 2 }, { "COU", 2 }, { "CRC", 2 }, { "CUC", 2 },
    { "CUP", 2 }, { "CVE", 2 }, { "CZK", 2 }, { "DJF", 0 }, { "DKK", 2 }, { "DOP", 2 },
    { "DZD", 2 }, { "EGP", 2 }, { "ERN", 2 }, { "ETB", 2 }, { "EUR", 2 }, { "FJD", 2 },
    { "FKP", 2 }, { "GBP", 2 }, { "GEL", 2 }, { "GHS", 2 }, { "GIP", 2 }, { "GMD", 2 },
    { "GNF", 0 }, { "GTQ", 2 }, { "GYD", 2 }, { "HKD", 2 }, { "HNL", 2 }, { "HRK", 2 },
    { "HTG", 2 }, { "HUF", 2 }, { "IDR", 2 }, { "ILS", 2 }, { "INR", 2 }, { "IQD", 3 },
    { "IRR", 2 }, { "ISK", 0 }, { "JMD", 2 }, { "JOD", 3 }, { "JPY", 0 }, { "KES", 2 },
    { "KGS", 2 }, { "KHR", 2 }, { "KMF", 0 }, { "KPW", 2 }, { "KRW", 0 }, { "KWD", 3 },
    { "KYD", 2 }, { "KZT", 2 }, { "LAK", 2 }, { "LBP", 2 }, { "LKR", 2 }, { "LRD", 2 },
    { "LSL", 2 }, { "LYD", 3 }, { "MAD", 2 }, { "MDL", 2 }, { "MGA", 2 }, { "MKD", 2 },
    { "MMK", 2 }, { "MNT", 2 }, { "MOP", 2 }, { "MRU", 2 }, { "MUR", 2 }, { "MVR", 2 },
    { "MWK", 2 }, { "MXN", 2 }, { "MXV", 2 }, { "MYR", 2 }, { "MZN", 2 }, { "NAD", 2 },
    { "NGN", 2 }, { "NIO", 2 }, { "NOK", 2 }, { "NPR", 2 }, { "NZD", 2 }, { "OMR", 3 },
    { "PAB", 2 }, { "PEN", 2 }, { "PGK", 2 }, { "PHP", 2 }, { "PKR", 2 }, { "PLN", 2 },
    { "PYG", 0 }, { "QAR", 2 }, { "RON", 2 }, { "RSD", 2 }, { "RUB", 2 }, { "RWF", 0 },
    { "SAR", 2 }, { "SBD", 2 }, { "SCR", 2 }, { "SDG", 2 }, { "SEK", 2 }, { "SGD", 2 },
    { "SHP", 2 }, { "SLE", 2 }, { "SLL", 2 }, { "SOS", 2 }, { "SRD", 2 }, { "SSP", 2 },
    { "STN", 2 }, { "SVC", 2 }, { "SYP", 2 }, { "SZL", 2 }, { "THB", 2 }, { "TJS", 2 },
    { "TMT", 2 }, { "TND", 3 }, { "TOP", 2 }, { "TRY", 2 }, { "TTD", 2 }, { "TWD", 2 },
    { "TZS", 2 }, { "UAH", 2 }, { "UGX", 0 }, { "USD", 2 }, { "USN", 2 }, { "UYI", 0 },
    { "UYU", 2 }, { "UYW", 4 }, { "UZS", 2 }, { "VED", 2 }, { "VES", 2 }, { "VND", 0 },
    { "VUV", 0 }, { "WST", 2 }, { "XAF", 0 }, { "XBT", 2 }, { "XCD", 2 }, { "XCG", 2 },
    { "XDR", 2 }, { "XOF", 0 }, { "XPF", 0 }, { "YER", 2 }, { "ZAR", 2 }, { "ZMW", 2 },
    { "ZWG", 2 }, { "ZWL", 2 },
};

#define N_CURRENCIES (sizeof table / sizeof table[0])

size_t km__currency_count(void) { return N_CURRENCIES; }
const char *km__currency_code(size_t i) { return i < N_CURRENCIES ? table[i].code : NULL; }

static uint32_t code_key(const char *c)
{
    return ((uint32_t)(unsigned char)c[0] << 16) | ((uint32_t)(unsigned char)c[1] << 8) | (unsigned char)c[2];
}

int km__currency_digits(const char *s, size_t n)
{
    size_t lo = 0, hi = N_CURRENCIES;
    uint32_t key;
    if (!s || n != 3) return -1;
    /* Three bytes as one number compare like memcmp, without a call per
     * step: every agreement and commitment checks its currency. */
    key = code_key(s);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t k = code_key(table[mid].code);
        if (k == key) return table[mid].digits;
        if (key < k) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

int km__v_currency(const char *field, const char *s, size_t n)
{
    if (km__currency_digits(s, n) >= 0) return 0;
    return km__err(KM_EINVAL, field, "\"%.*s\" is not an ISO 4217 currency code like IDR or USD",
                   "\"%.*s\" bukan kode mata uang ISO 4217 seperti IDR atau USD", (int)(n > 16 ? 16 : n),
                   s ? s : "");
}

static int overflow(void)
{
    return km__err(KM_ERANGE, "money", "amount overflows a 64-bit count of minor units",
                   "jumlah melampaui batas 64-bit satuan terkecil");
}

int km__money_add(int64_t a, int64_t b, int64_t *out)
{
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) return overflow();
    *out = a + b;
    return 0;
}

int km__money_sub(int64_t a, int64_t b, int64_t *out)
{
    if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) return overflow();
    *out = a - b;
    return 0;
}

int km__money_mul(int64_t a, int64_t b, int64_t *out)
{
    if (a == 0 || b == 0) { *out = 0; return 0; }
    if (a > 0) {
        if (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a) return overflow();
    } else {
        if (b > 0 ? a < INT64_MIN / b : (a == INT64_MIN || b == INT64_MIN || -a > INT64_MAX / -b))
            return overflow();
    }
    *out = a * b;
    return 0;
}

int km_currency_digits(const char *code)
{
    int d;
    km__err_clear();
    d = code ? km__currency_digits(code, strlen(code)) : -1;
    if (d < 0) return km__v_currency("currency", code ? code : "", code ? strlen(code) : 0);
    return d;
}

int km_money_format(char *out, size_t cap, int64_t minor, const char *currency, int lang)
{
    char digits[24], body[64];
    size_t nd = 0, pos = 0, i, intlen;
    uint64_t mag;
    int d, idr;
    char group = lang == KM_LANG_ID ? '.' : ',', dec = lang == KM_LANG_ID ? ',' : '.';
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if (cap) out[0] = '\0';
    d = currency ? km__currency_digits(currency, strlen(currency)) : -1;
    if (d < 0) return km__v_currency("currency", currency ? currency : "", currency ? strlen(currency) : 0);
    idr = memcmp(currency, "IDR", 3) == 0;
    /* Magnitude as unsigned so INT64_MIN has one. */
    mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    do {
        digits[nd++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    while (nd <= (size_t)d) digits[nd++] = '0'; /* at least one integer digit */
    if (minor < 0) body[pos++] = '-';
    if (idr) { body[pos++] = 'R'; body[pos++] = 'p'; }
    else { memcpy(body + pos, currency, 3); pos += 3; body[pos++] = ' '; }
    intlen = nd - (size_t)d;
    for (i = 0; i < intlen; i++) {
        if (i && (intlen - i) % 3 == 0) body[pos++] = group;
        body[pos++] = digits[nd - 1 - i];
    }
    if (d) {
        body[pos++] = dec;
        for (i = intlen; i < nd; i++) body[pos++] = digits[nd - 1 - i];
    }
    body[pos] = '\0';
    if (pos + 1 > cap)
        return km__err(KM_ERANGE, "cap", "buffer of %zu bytes is too small (%zu needed)",
                       "penyangga %zu byte terlalu kecil (perlu %zu)", cap, pos + 1);
    memcpy(out, body, pos + 1);
    return 0;
}
