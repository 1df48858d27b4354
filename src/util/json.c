#include "util/json.h"

#include <stdio.h>
#include <string.h>

int km__json_raw(km__buf *b, const char *s) { return km__buf_put(b, s, strlen(s)); }

int km__json_str(km__buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;
    int rc = km__buf_put_u8(b, '"');
    for (i = 0; rc == 0 && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        size_t el = 0;
        if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; el = 2; }
        else if (c == '\n') { esc[0] = '\\'; esc[1] = 'n'; el = 2; }
        else if (c == '\r') { esc[0] = '\\'; esc[1] = 'r'; el = 2; }
        else if (c == '\t') { esc[0] = '\\'; esc[1] = 't'; el = 2; }
        else if (c < 0x20 || c == 0x7f) {
            esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15]; el = 6;
        }
        if (el) {
            rc = km__buf_put(b, s + start, i - start);
            if (rc == 0) rc = km__buf_put(b, esc, el);
            start = i + 1;
        }
    }
    if (rc == 0) rc = km__buf_put(b, s + start, n - start);
    if (rc == 0) rc = km__buf_put_u8(b, '"');
    return rc;
}

int km__json_cstr(km__buf *b, const char *s)
{
    if (!s) return km__json_raw(b, "null");
    return km__json_str(b, s, strlen(s));
}

int km__json_u64(km__buf *b, uint64_t v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%llu", (unsigned long long)v);
    return km__buf_put(b, t, (size_t)n);
}

int km__json_i64(km__buf *b, int64_t v)
{
    char t[24];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    return km__buf_put(b, t, (size_t)n);
}
