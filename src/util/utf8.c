/* UTF-8 validation, code point counting and search-key folding. Folding is
 * table driven: each code point of the covered Latin blocks maps to at most
 * two output bytes, which is never more than its own UTF-8 length, so a fold
 * needs a single reservation and cannot fail half way. */
#include "util/utf8.h"

#include <string.h>

int km__utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        unsigned c = p[i];
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the 2nd byte */
        size_t need, k;

        if (c < 0x80) {
            if (c == 0) return 0;
            i++;
            continue;
        }
        /* Table 3-7 of the Unicode standard: the second byte's range is
         * narrowed for the leads where overlongs, surrogates or code points
         * beyond U+10FFFF would otherwise be expressible. */
        if (c < 0xC2) return 0; /* stray continuation byte or overlong C0/C1 */
        if (c < 0xE0) {
            need = 1;
        } else if (c < 0xF0) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;      /* overlong below U+0800 */
            else if (c == 0xED) hi = 0x9F; /* surrogates */
        } else if (c < 0xF5) {
            need = 3;
            if (c == 0xF0) lo = 0x90;      /* overlong below U+10000 */
            else if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
        } else {
            return 0;
        }
        if (n - i - 1 < need) return 0; /* truncated */
        if (p[i + 1] < lo || p[i + 1] > hi) return 0;
        for (k = 2; k <= need; k++)
            if ((p[i + k] & 0xC0) != 0x80) return 0;
        i += need + 1;
    }
    return 1;
}

size_t km__utf8_length(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, count = 0;
    /* Every code point has exactly one byte that is not a continuation. */
    for (i = 0; i < n; i++) count += (p[i] & 0xC0) != 0x80;
    return count;
}

/* Fold tables: two bytes per code point, the UTF-8 replacement padded with
 * NUL; "\0\0" means "copy the code point unchanged". Generated from the
 * Unicode character database: a capital maps like its lower-case letter;
 * otherwise the compatibility decomposition without combining marks, or the
 * base letter named in "LATIN ... LETTER X WITH ..." (strokes, hooks:
 * "Ø" -> "o", "Ł" -> "l"), with ligatures and special letters spelled out
 * ("Æ" -> "ae", "ß" -> "ss", "Þ" -> "th", "Ð" -> "d", "ı" -> "i"). Letters
 * without a Latin base (eng, schwa, ezh, ...) are only lower-cased. Every
 * replacement is itself left unchanged by the fold, so folding is idempotent. */
#define FOLD_LATIN_FIRST 0x00C0u
#define FOLD_LATIN_LAST 0x024Fu
#define FOLD_EXT_ADD_FIRST 0x1E00u
#define FOLD_EXT_ADD_LAST 0x1EFFu

static const char fold_latin[] =
    /* U+00C0 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "ae" "c\0"
    /* U+00C8 */ "e\0" "e\0" "e\0" "e\0" "i\0" "i\0" "i\0" "i\0"
    /* U+00D0 */ "d\0" "n\0" "o\0" "o\0" "o\0" "o\0" "o\0" "\0\0"
    /* U+00D8 */ "o\0" "u\0" "u\0" "u\0" "u\0" "y\0" "th" "ss"
    /* U+00E0 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "ae" "c\0"
    /* U+00E8 */ "e\0" "e\0" "e\0" "e\0" "i\0" "i\0" "i\0" "i\0"
    /* U+00F0 */ "d\0" "n\0" "o\0" "o\0" "o\0" "o\0" "o\0" "\0\0"
    /* U+00F8 */ "o\0" "u\0" "u\0" "u\0" "u\0" "y\0" "th" "y\0"
    /* U+0100 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "c\0" "c\0"
    /* U+0108 */ "c\0" "c\0" "c\0" "c\0" "c\0" "c\0" "d\0" "d\0"
    /* U+0110 */ "d\0" "d\0" "e\0" "e\0" "e\0" "e\0" "e\0" "e\0"
    /* U+0118 */ "e\0" "e\0" "e\0" "e\0" "g\0" "g\0" "g\0" "g\0"
    /* U+0120 */ "g\0" "g\0" "g\0" "g\0" "h\0" "h\0" "h\0" "h\0"
    /* U+0128 */ "i\0" "i\0" "i\0" "i\0" "i\0" "i\0" "i\0" "i\0"
    /* U+0130 */ "i\0" "i\0" "ij" "ij" "j\0" "j\0" "k\0" "k\0"
    /* U+0138 */ "\0\0" "l\0" "l\0" "l\0" "l\0" "l\0" "l\0" "l\0"
    /* U+0140 */ "l\0" "l\0" "l\0" "n\0" "n\0" "n\0" "n\0" "n\0"
    /* U+0148 */ "n\0" "n\0" "\xc5\x8b" "\0\0" "o\0" "o\0" "o\0" "o\0"
    /* U+0150 */ "o\0" "o\0" "oe" "oe" "r\0" "r\0" "r\0" "r\0"
    /* U+0158 */ "r\0" "r\0" "s\0" "s\0" "s\0" "s\0" "s\0" "s\0"
    /* U+0160 */ "s\0" "s\0" "t\0" "t\0" "t\0" "t\0" "t\0" "t\0"
    /* U+0168 */ "u\0" "u\0" "u\0" "u\0" "u\0" "u\0" "u\0" "u\0"
    /* U+0170 */ "u\0" "u\0" "u\0" "u\0" "w\0" "w\0" "y\0" "y\0"
    /* U+0178 */ "y\0" "z\0" "z\0" "z\0" "z\0" "z\0" "z\0" "s\0"
    /* U+0180 */ "b\0" "\xc9\x93" "b\0" "b\0" "\xc6\x85" "\0\0" "\xc9\x94" "c\0"
    /* U+0188 */ "c\0" "\xc9\x96" "\xc9\x97" "d\0" "d\0" "\0\0" "\xc7\x9d" "\xc9\x99"
    /* U+0190 */ "\xc9\x9b" "f\0" "f\0" "\xc9\xa0" "\xc9\xa3" "hv" "\xc9\xa9" "\xc9\xa8"
    /* U+0198 */ "k\0" "k\0" "l\0" "\0\0" "\xc9\xaf" "\xc9\xb2" "n\0" "\xc9\xb5"
    /* U+01A0 */ "o\0" "o\0" "\xc6\xa3" "\0\0" "p\0" "p\0" "\xca\x80" "\xc6\xa8"
    /* U+01A8 */ "\0\0" "\xca\x83" "\0\0" "t\0" "t\0" "t\0" "\xca\x88" "u\0"
    /* U+01B0 */ "u\0" "\xca\x8a" "\xca\x8b" "y\0" "y\0" "z\0" "z\0" "\xca\x92"
    /* U+01B8 */ "\xc6\xb9" "\0\0" "\0\0" "\0\0" "\xc6\xbd" "\0\0" "\0\0" "\0\0"
    /* U+01C0 */ "\0\0" "\0\0" "\0\0" "\0\0" "dz" "dz" "dz" "lj"
    /* U+01C8 */ "lj" "lj" "nj" "nj" "nj" "a\0" "a\0" "i\0"
    /* U+01D0 */ "i\0" "o\0" "o\0" "u\0" "u\0" "u\0" "u\0" "u\0"
    /* U+01D8 */ "u\0" "u\0" "u\0" "u\0" "u\0" "\0\0" "a\0" "a\0"
    /* U+01E0 */ "a\0" "a\0" "ae" "ae" "g\0" "g\0" "g\0" "g\0"
    /* U+01E8 */ "k\0" "k\0" "o\0" "o\0" "o\0" "o\0" "\xc7\xaf" "\0\0"
    /* U+01F0 */ "j\0" "dz" "dz" "dz" "g\0" "g\0" "hv" "\xc6\xbf"
    /* U+01F8 */ "n\0" "n\0" "a\0" "a\0" "ae" "ae" "o\0" "o\0"
    /* U+0200 */ "a\0" "a\0" "a\0" "a\0" "e\0" "e\0" "e\0" "e\0"
    /* U+0208 */ "i\0" "i\0" "i\0" "i\0" "o\0" "o\0" "o\0" "o\0"
    /* U+0210 */ "r\0" "r\0" "r\0" "r\0" "u\0" "u\0" "u\0" "u\0"
    /* U+0218 */ "s\0" "s\0" "t\0" "t\0" "\xc8\x9d" "\0\0" "h\0" "h\0"
    /* U+0220 */ "n\0" "d\0" "ou" "ou" "z\0" "z\0" "a\0" "a\0"
    /* U+0228 */ "e\0" "e\0" "o\0" "o\0" "o\0" "o\0" "o\0" "o\0"
    /* U+0230 */ "o\0" "o\0" "y\0" "y\0" "l\0" "n\0" "t\0" "j\0"
    /* U+0238 */ "db" "qp" "a\0" "c\0" "c\0" "l\0" "t\0" "s\0"
    /* U+0240 */ "z\0" "\xc9\x82" "\0\0" "b\0" "\xca\x89" "\xca\x8c" "e\0" "e\0"
    /* U+0248 */ "j\0" "j\0" "q\0" "q\0" "r\0" "r\0" "y\0" "y\0";

static const char fold_latin_ext_add[] =
    /* U+1E00 */ "a\0" "a\0" "b\0" "b\0" "b\0" "b\0" "b\0" "b\0"
    /* U+1E08 */ "c\0" "c\0" "d\0" "d\0" "d\0" "d\0" "d\0" "d\0"
    /* U+1E10 */ "d\0" "d\0" "d\0" "d\0" "e\0" "e\0" "e\0" "e\0"
    /* U+1E18 */ "e\0" "e\0" "e\0" "e\0" "e\0" "e\0" "f\0" "f\0"
    /* U+1E20 */ "g\0" "g\0" "h\0" "h\0" "h\0" "h\0" "h\0" "h\0"
    /* U+1E28 */ "h\0" "h\0" "h\0" "h\0" "i\0" "i\0" "i\0" "i\0"
    /* U+1E30 */ "k\0" "k\0" "k\0" "k\0" "k\0" "k\0" "l\0" "l\0"
    /* U+1E38 */ "l\0" "l\0" "l\0" "l\0" "l\0" "l\0" "m\0" "m\0"
    /* U+1E40 */ "m\0" "m\0" "m\0" "m\0" "n\0" "n\0" "n\0" "n\0"
    /* U+1E48 */ "n\0" "n\0" "n\0" "n\0" "o\0" "o\0" "o\0" "o\0"
    /* U+1E50 */ "o\0" "o\0" "o\0" "o\0" "p\0" "p\0" "p\0" "p\0"
    /* U+1E58 */ "r\0" "r\0" "r\0" "r\0" "r\0" "r\0" "r\0" "r\0"
    /* U+1E60 */ "s\0" "s\0" "s\0" "s\0" "s\0" "s\0" "s\0" "s\0"
    /* U+1E68 */ "s\0" "s\0" "t\0" "t\0" "t\0" "t\0" "t\0" "t\0"
    /* U+1E70 */ "t\0" "t\0" "u\0" "u\0" "u\0" "u\0" "u\0" "u\0"
    /* U+1E78 */ "u\0" "u\0" "u\0" "u\0" "v\0" "v\0" "v\0" "v\0"
    /* U+1E80 */ "w\0" "w\0" "w\0" "w\0" "w\0" "w\0" "w\0" "w\0"
    /* U+1E88 */ "w\0" "w\0" "x\0" "x\0" "x\0" "x\0" "y\0" "y\0"
    /* U+1E90 */ "z\0" "z\0" "z\0" "z\0" "z\0" "z\0" "h\0" "t\0"
    /* U+1E98 */ "w\0" "y\0" "a\0" "s\0" "s\0" "s\0" "ss" "\0\0"
    /* U+1EA0 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0"
    /* U+1EA8 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0"
    /* U+1EB0 */ "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0" "a\0"
    /* U+1EB8 */ "e\0" "e\0" "e\0" "e\0" "e\0" "e\0" "e\0" "e\0"
    /* U+1EC0 */ "e\0" "e\0" "e\0" "e\0" "e\0" "e\0" "e\0" "e\0"
    /* U+1EC8 */ "i\0" "i\0" "i\0" "i\0" "o\0" "o\0" "o\0" "o\0"
    /* U+1ED0 */ "o\0" "o\0" "o\0" "o\0" "o\0" "o\0" "o\0" "o\0"
    /* U+1ED8 */ "o\0" "o\0" "o\0" "o\0" "o\0" "o\0" "o\0" "o\0"
    /* U+1EE0 */ "o\0" "o\0" "o\0" "o\0" "u\0" "u\0" "u\0" "u\0"
    /* U+1EE8 */ "u\0" "u\0" "u\0" "u\0" "u\0" "u\0" "u\0" "u\0"
    /* U+1EF0 */ "u\0" "u\0" "y\0" "y\0" "y\0" "y\0" "y\0" "y\0"
    /* U+1EF8 */ "y\0" "y\0" "ll" "ll" "v\0" "v\0" "y\0" "y\0";

/* Compile-time check that each table has exactly two bytes per code point
 * (plus the literal's terminating NUL); C99 has no static_assert. */
typedef char km__fold_latin_size_ok[sizeof fold_latin == 2 * (FOLD_LATIN_LAST - FOLD_LATIN_FIRST + 1) + 1 ? 1 : -1];
typedef char km__fold_ext_add_size_ok[sizeof fold_latin_ext_add == 2 * (FOLD_EXT_ADD_LAST - FOLD_EXT_ADD_FIRST + 1) + 1 ? 1 : -1];

/* Writes the table replacement r for a code point of srclen bytes at src;
 * returns the new write position. */
static unsigned char *put_fold(unsigned char *w, const char *r, const unsigned char *src, size_t srclen)
{
    if (r[0] == '\0') {
        memcpy(w, src, srclen);
        return w + srclen;
    }
    *w++ = (unsigned char)r[0];
    if (r[1] != '\0') *w++ = (unsigned char)r[1];
    return w;
}

int km__utf8_fold(km__buf *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned char *w;
    size_t i = 0;
    int rc;

    /* Early out also keeps out->data (NULL for a fresh buffer) out of the
     * pointer arithmetic below. */
    if (n == 0) return 0;
    /* The key is at most as long as the input (see the tables), so one
     * reservation covers the whole fold. */
    rc = km__buf_reserve(out, n);
    if (rc) return rc;
    w = out->data + out->len;

    while (i < n) {
        unsigned c = p[i];

        if (c < 0x80) {
            *w++ = (unsigned char)(c - 'A' < 26u ? c + ('a' - 'A') : c);
            i++;
        } else if (c >= 0xC3 && c <= 0xCD && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
            /* Two-byte sequences U+00C0..U+037F: the Latin table and the
             * combining diacritical marks. */
            unsigned cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
            if (cp >= FOLD_LATIN_FIRST && cp <= FOLD_LATIN_LAST) {
                w = put_fold(w, fold_latin + 2 * (cp - FOLD_LATIN_FIRST), p + i, 2);
            } else if (cp < 0x0300u || cp > 0x036Fu) {
                w[0] = p[i];
                w[1] = p[i + 1];
                w += 2;
            } /* else: a combining mark, dropped */
            i += 2;
        } else if (c == 0xE1 && i + 2 < n && p[i + 1] >= 0xB8 && p[i + 1] <= 0xBB &&
                   (p[i + 2] & 0xC0) == 0x80) {
            /* E1 B8 80 .. E1 BB BF is U+1E00..U+1EFF. */
            unsigned cp = 0x1000u | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
            w = put_fold(w, fold_latin_ext_add + 2 * (cp - FOLD_EXT_ADD_FIRST), p + i, 3);
            i += 3;
        } else {
            /* Anything else is copied a byte at a time: continuation bytes
             * are never mistaken for the lead bytes handled above, so a
             * sequence (or garbage) passes through intact. */
            *w++ = (unsigned char)c;
            i++;
        }
    }
    out->len = (size_t)(w - out->data);
    return 0;
}

/* Byte substring search (memmem is not C99): memchr for the first byte,
 * then compare the rest. Folded keys are valid UTF-8, so a byte match of a
 * valid needle always starts on a character boundary. */
static int contains(const unsigned char *h, size_t hn, const unsigned char *nd, size_t nn)
{
    const unsigned char *p = h, *end;

    if (nn == 0) return 1;
    if (nn > hn) return 0;
    end = h + (hn - nn) + 1; /* one past the last possible start */
    while (p < end) {
        p = (const unsigned char *)memchr(p, nd[0], (size_t)(end - p));
        if (!p) return 0;
        if (memcmp(p + 1, nd + 1, nn - 1) == 0) return 1;
        p++;
    }
    return 0;
}

int km__utf8_contains_folded(const char *hay, size_t hn, const char *needle_folded, size_t nn,
                             km__buf *scratch)
{
    int rc;

    km__buf_reset(scratch);
    rc = km__utf8_fold(scratch, hay, hn);
    if (rc) return rc;
    return contains(scratch->data, scratch->len, (const unsigned char *)needle_folded, nn);
}
