#include "util/validate.h"
#include "core/error.h"
#include "util/utf8.h"
#include "kemitraan/partner.h"

#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alnum(char c) { return is_digit(c) || is_lower(c) || is_upper(c); }

/* 1 when the n bytes are all printable ASCII (0x20 to 0x7e), then *blank
 * says whether they are all spaces; 0 when any is not (nothing said of
 * *blank). Eight bytes at a time: names and titles are mostly ASCII, and a
 * byte at a time with the UTF-8 pass took a tenth of a partner's creation.
 * A word has a byte below 0x20 when (w - 0x20..) & ~w has a high bit, and
 * one above 0x7e when (w + 0x01..) | w has (Bit Twiddling Hacks' hasless
 * and hasmore: exact as a yes or no). The tail is read into a word of
 * spaces, which neither test flags. */
static int ascii_printable(const char *s, size_t n, int *blank)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones * 0x80, spaces = ones * 0x20;
    uint64_t bad = 0, other = 0, w;
    size_t i;
    for (i = 0; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        bad |= ((w - spaces) & ~w) | ((w + ones) | w);
        other |= w ^ spaces;
    }
    if (i < n) {
        w = spaces;
        memcpy(&w, s + i, n - i);
        bad |= ((w - spaces) & ~w) | ((w + ones) | w);
        other |= w ^ spaces;
    }
    *blank = other == 0;
    return (bad & highs) == 0;
}

int km__v_text(const char *field, const char *s, size_t n, size_t min, size_t max, int multiline)
{
    size_t i;
    int blank = 1;
    if (n < min) {
        if (n == 0) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
        return km__err(KM_EINVAL, field, "is shorter than %zu bytes", "kurang dari %zu byte", min);
    }
    if (n > max) return km__err(KM_EINVAL, field, "is longer than %zu bytes (%zu)", "lebih dari %zu byte (%zu)", max, n);
    if (ascii_printable(s, n, &blank)) { /* valid UTF-8 without control characters */
        if (min > 0 && blank) return km__err(KM_EINVAL, field, "is blank", "kosong (hanya spasi)");
        return 0;
    }
    blank = 1;
    if (!km__utf8_valid(s, n)) return km__err(KM_EINVAL, field, "is not valid UTF-8", "bukan UTF-8 yang sah");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            if (!(multiline && (c == '\n' || c == '\t' || c == '\r')))
                return km__err(KM_EINVAL, field, "contains a control character at byte %zu",
                               "mengandung karakter kontrol pada byte %zu", i);
        }
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') blank = 0;
    }
    if (min > 0 && blank) return km__err(KM_EINVAL, field, "is blank", "kosong (hanya spasi)");
    return 0;
}

int km__v_tag(const char *field, const char *s, size_t n)
{
    size_t i;
    if (n == 0) return km__err(KM_EINVAL, field, "contains an empty tag", "berisi tag kosong");
    if (n > KM_TAG_MAX) return km__err(KM_EINVAL, field, "tag longer than %d bytes", "tag lebih dari %d byte", KM_TAG_MAX);
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!(is_lower(c) || is_digit(c) || c == '_' || c == '-'))
            return km__err(KM_EINVAL, field,
                           "tag \"%.*s\" may contain only a-z, 0-9, '_' and '-'",
                           "tag \"%.*s\" hanya boleh berisi a-z, 0-9, '_' dan '-'",
                           (int)(n > 64 ? 64 : n), s);
    }
    return 0;
}

int km__v_tags(const char *field, const km__sl *tags, size_t n)
{
    size_t k, j;
    int rc;
    if (n > KM_TAGS_MAX)
        return km__err(KM_EINVAL, field, "has more than %d tags", "lebih dari %d tag", KM_TAGS_MAX);
    for (k = 0; k < n; k++) {
        rc = km__v_tag(field, tags[k].p, tags[k].n);
        if (rc) return rc;
        /* n <= 64, so the quadratic duplicate check stays tiny. */
        for (j = 0; j < k; j++)
            if (tags[j].n == tags[k].n && memcmp(tags[j].p, tags[k].p, tags[k].n) == 0)
                return km__err(KM_EINVAL, field, "tag \"%.*s\" is listed twice", "tag \"%.*s\" tercantum dua kali",
                               (int)tags[k].n, tags[k].p);
    }
    return 0;
}

int km__v_external_id(const char *field, const char *s, size_t n)
{
    size_t i = 0, seg_start;
    if (n == 0) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    if (n > KM_PARTNER_EXTERNAL_ID_MAX)
        return km__err(KM_EINVAL, field, "is longer than %d bytes", "lebih dari %d byte", KM_PARTNER_EXTERNAL_ID_MAX);
    /* CC: ISO 3166-1 alpha-2 (or XM/XI for international schemes, as IATI). */
    if (n < 3 || !is_upper(s[0]) || !is_upper(s[1]) || s[2] != '-')
        goto bad;
    i = 3;
    seg_start = i;
    while (i < n && (is_upper(s[i]) || is_digit(s[i]))) i++;
    if (i == seg_start || i >= n || s[i] != '-') goto bad;
    i++;
    if (i >= n) goto bad;
    for (; i < n; i++)
        if (!(is_alnum(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '_' || s[i] == '/' || s[i] == ':'))
            goto bad;
    return 0;
bad:
    return km__err(KM_EINVAL, field,
                   "\"%.*s\" is not a scheme-prefixed identifier like ID-NIB-8120000123456",
                   "\"%.*s\" bukan pengenal berawalan skema seperti ID-NIB-8120000123456",
                   (int)(n > 100 ? 100 : n), s);
}

int km__v_region(const char *field, const char *s, size_t n)
{
    /* Segment widths of kode wilayah (Permendagri): province, regency/city,
     * district, village. */
    static const size_t widths[4] = { 2, 2, 2, 4 };
    size_t i = 0, seg, k;
    for (seg = 0; seg < 4; seg++) {
        if (seg > 0) {
            if (i == n) return 0;
            if (s[i] != '.') goto bad;
            i++;
        }
        for (k = 0; k < widths[seg]; k++, i++)
            if (i >= n || !is_digit(s[i])) goto bad;
        if (seg == 0 && s[0] == '0') goto bad;       /* provinces are 11..99 */
        if (seg == 0 && s[0] == '1' && s[1] == '0') goto bad;
    }
    if (i != n) goto bad;
    return 0;
bad:
    return km__err(KM_EINVAL, field,
                   "\"%.*s\" is not a kode wilayah like 32, 32.73, 32.73.01 or 32.73.01.1001",
                   "\"%.*s\" bukan kode wilayah seperti 32, 32.73, 32.73.01 atau 32.73.01.1001",
                   (int)(n > 40 ? 40 : n), s);
}

int km__v_email(const char *field, const char *s, size_t n)
{
    size_t at = n, i, dot = 0;
    if (n > KM_PARTNER_EMAIL_MAX)
        return km__err(KM_EINVAL, field, "is longer than %d bytes", "lebih dari %d byte", KM_PARTNER_EMAIL_MAX);
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '@') { if (at != n) goto bad; at = i; continue; }
        if (!(is_alnum(c) || strchr(".-_+!#$%&'*/=?^`{|}~", c))) goto bad;
        if (at != n && c == '.') dot = i;
    }
    /* local part 1..64; domain has a dot with a label on both sides */
    if (at == 0 || at == n || at > 64) goto bad;
    if (dot == 0 || dot == at + 1 || dot == n - 1) goto bad;
    if (s[0] == '.' || s[at - 1] == '.') goto bad;
    for (i = 1; i < n; i++)
        if (s[i] == '.' && s[i - 1] == '.') goto bad;
    for (i = at + 1; i < n; i++)
        if (!(is_alnum(s[i]) || s[i] == '-' || s[i] == '.')) goto bad;
    return 0;
bad:
    return km__err(KM_EINVAL, field, "\"%.*s\" is not a valid e-mail address",
                   "\"%.*s\" bukan alamat e-mail yang sah", (int)(n > 80 ? 80 : n), s);
}

int km__v_phone(const char *field, const char *s, size_t n)
{
    size_t i, digits = 0;
    if (n > KM_PARTNER_PHONE_MAX) goto bad;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (is_digit(c)) digits++;
        else if (c == '+' && i == 0) continue;
        else if (c == ' ' || c == '-' || c == '.') {
            /* A separator follows a digit or a closing parenthesis: "(022) 123". */
            if (i == 0 || !(is_digit(s[i - 1]) || s[i - 1] == ')')) goto bad;
        } else if (c == '(' || c == ')') continue;
        else goto bad;
    }
    if (digits < 6 || digits > 15) goto bad; /* E.164 allows at most 15 digits */
    return 0;
bad:
    return km__err(KM_EINVAL, field, "\"%.*s\" is not a valid phone number (6 to 15 digits, optional leading +)",
                   "\"%.*s\" bukan nomor telepon yang sah (6 sampai 15 digit, boleh diawali +)",
                   (int)(n > 40 ? 40 : n), s);
}

int km__v_url(const char *field, const char *s, size_t n)
{
    size_t i, host;
    if (n > KM_PARTNER_WEBSITE_MAX)
        return km__err(KM_EINVAL, field, "is longer than %d bytes", "lebih dari %d byte", KM_PARTNER_WEBSITE_MAX);
    if (n > 8 && memcmp(s, "https://", 8) == 0) host = 8;
    else if (n > 7 && memcmp(s, "http://", 7) == 0) host = 7;
    else goto bad;
    if (!is_alnum(s[host])) goto bad;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') goto bad;
    }
    return 0;
bad:
    return km__err(KM_EINVAL, field, "\"%.*s\" is not an http(s) URL", "\"%.*s\" bukan URL http(s)",
                   (int)(n > 80 ? 80 : n), s);
}

int km__v_utc_offset(const char *field, int64_t minutes)
{
    if (minutes < -720 || minutes > 840)
        return km__err(KM_EINVAL, field, "%lld is not -720..840", "%lld bukan -720..840", (long long)minutes);
    return 0;
}

int km__v_enum(const char *field, uint64_t v, unsigned count)
{
    if (v >= count)
        return km__err(KM_EINVAL, field, "value %lld is out of range 0..%u", "nilai %lld di luar rentang 0..%u",
                       (long long)v, count - 1);
    return 0;
}
