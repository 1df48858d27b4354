/* UTF-8 validation and the search-key folding used for case- and
 * accent-insensitive text search (e.g. "desa" finds "Kopérasi Désa"). */
#ifndef KM_UTIL_UTF8_H
#define KM_UTIL_UTF8_H

#include <stddef.h>
#include "util/buf.h"

/* 1 if s[0..n) is well-formed UTF-8 per RFC 3629 (no overlong forms, no
 * surrogates U+D800..U+DFFF, nothing above U+10FFFF, no truncated
 * sequences), else 0. A NUL byte anywhere makes the string invalid, since
 * stored strings must survive a round trip through C strings. */
int km__utf8_valid(const char *s, size_t n);

/* Number of code points of a valid UTF-8 string. */
size_t km__utf8_length(const char *s, size_t n);

/* Appends to out the search key of s: lower-cased, with accents removed from
 * Latin letters (U+00C0..U+024F and U+1E00..U+1EFF: "É" -> "e", "ß" -> "ss",
 * "Ł" -> "l", "ệ" -> "e") and combining marks U+0300..U+036F dropped (so
 * decomposed input folds like precomposed input). Other code points are
 * copied unchanged. Two folded strings can then be compared or searched with
 * plain byte operations. The key is never longer than s. Input is assumed
 * valid UTF-8; malformed bytes are copied through without reading past n.
 * Returns 0 or KM_ENOMEM (out unchanged then). */
int km__utf8_fold(km__buf *out, const char *s, size_t n);

/* Folds hay into scratch (which is reset first) and returns 1 if the
 * already-folded needle occurs in it, 0 if not, or KM_ENOMEM. An empty
 * needle always matches. */
int km__utf8_contains_folded(const char *hay, size_t hn, const char *needle_folded, size_t nn,
                             km__buf *scratch);

#endif
