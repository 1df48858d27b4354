/* jsonread.c: the strict JSON reader (jsonread.h). Recursive descent; the
 * depth limit bounds the recursion. */
#include "jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jr_parser {
    const unsigned char *p, *end, *line_start;
    int line;
    jr_error *err;
} jr_parser;

static int fail_at(jr_parser *ps, const unsigned char *at, const char *msg)
{
    ps->err->line = ps->line;
    ps->err->col = (int)(at - ps->line_start) + 1;
    snprintf(ps->err->msg, sizeof ps->err->msg, "%s", msg);
    return -1;
}

static int fail(jr_parser *ps, const char *msg) { return fail_at(ps, ps->p, msg); }

static void skip_ws(jr_parser *ps)
{
    while (ps->p < ps->end) {
        unsigned char c = *ps->p;
        if (c == '\n') {
            ps->p++;
            ps->line++;
            ps->line_start = ps->p;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ps->p++;
        } else {
            break;
        }
    }
}

/* Length of the valid UTF-8 sequence at s (lead byte >= 0x80), or 0. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
    unsigned char c = s[0];
    size_t n, i;
    unsigned long cp;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1Fu;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0Fu;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07u;
    else return 0;
    if ((size_t)(end - s) < n) return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0; /* overlong */
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;                           /* surrogate */
    if (cp > 0x10FFFF) return 0;
    return n;
}

static int hex4(const unsigned char *s, unsigned *out)
{
    unsigned v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        unsigned char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at ps->p (the opening quote); *out is malloc'd. The decoded
 * text is never longer than the source, so one allocation suffices. */
static int parse_string(jr_parser *ps, char **out, size_t *outlen)
{
    const unsigned char *start = ps->p++;
    const unsigned char *q = ps->p;
    char *buf, *o;
    /* find the end first, to size the buffer */
    while (q < ps->end && *q != '"') q += (*q == '\\' && q + 1 < ps->end) ? 2 : 1;
    if (q >= ps->end) return fail_at(ps, start, "unterminated string");
    buf = (char *)malloc((size_t)(q - ps->p) + 1);
    if (!buf) return fail(ps, "out of memory");
    o = buf;
    while (*ps->p != '"') {
        unsigned char c = *ps->p;
        if (c < 0x20) {
            free(buf);
            return fail(ps, c == '\n' ? "line break inside a string" : "control character inside a string");
        }
        if (c == '\\') {
            unsigned char e = ps->p[1];
            unsigned u, lo;
            const char *simple = strchr("\"\\/bfnrt", e);
            if (e && simple) {
                static const char map[] = "\"\\/\b\f\n\r\t";
                *o++ = map[simple - "\"\\/bfnrt"];
                ps->p += 2;
                continue;
            }
            if (e != 'u') {
                free(buf);
                return fail(ps, "invalid escape in a string");
            }
            if (ps->end - ps->p < 6 || hex4(ps->p + 2, &u)) {
                free(buf);
                return fail(ps, "invalid \\u escape");
            }
            if (u == 0) {
                free(buf);
                return fail(ps, "\\u0000 is not allowed in a string");
            }
            if (u >= 0xDC00 && u <= 0xDFFF) {
                free(buf);
                return fail(ps, "unpaired surrogate in a \\u escape");
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (ps->end - ps->p < 12 || ps->p[6] != '\\' || ps->p[7] != 'u' || hex4(ps->p + 8, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    free(buf);
                    return fail(ps, "unpaired surrogate in a \\u escape");
                }
                o += put_utf8(o, 0x10000ul + (((unsigned long)u - 0xD800) << 10) + (lo - 0xDC00));
                ps->p += 12;
                continue;
            }
            o += put_utf8(o, u);
            ps->p += 6;
            continue;
        }
        if (c >= 0x80) {
            size_t n = utf8_len(ps->p, ps->end);
            if (!n) {
                free(buf);
                return fail(ps, "invalid UTF-8");
            }
            memcpy(o, ps->p, n);
            o += n;
            ps->p += n;
            continue;
        }
        *o++ = (char)c;
        ps->p++;
    }
    ps->p++; /* closing quote */
    *o = '\0';
    *out = buf;
    *outlen = (size_t)(o - buf);
    return 0;
}

static int parse_number(jr_parser *ps, jr_value *v)
{
    const unsigned char *s = ps->p, *q = ps->p;
    int neg = 0, is_int = 1;
    uint64_t mag = 0;
    int overflow = 0;
    if (*q == '-') {
        neg = 1;
        q++;
    }
    if (q >= ps->end || *q < '0' || *q > '9') return fail_at(ps, s, "invalid number");
    if (*q == '0' && q + 1 < ps->end && q[1] >= '0' && q[1] <= '9') return fail_at(ps, s, "leading zero in a number");
    while (q < ps->end && *q >= '0' && *q <= '9') {
        unsigned d = (unsigned)(*q - '0');
        if (mag > (UINT64_MAX - d) / 10) overflow = 1;
        else mag = mag * 10 + d;
        q++;
    }
    if (q < ps->end && *q == '.') {
        is_int = 0;
        q++;
        if (q >= ps->end || *q < '0' || *q > '9') return fail_at(ps, q, "digit expected after '.'");
        while (q < ps->end && *q >= '0' && *q <= '9') q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        is_int = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-')) q++;
        if (q >= ps->end || *q < '0' || *q > '9') return fail_at(ps, q, "digit expected in the exponent");
        while (q < ps->end && *q >= '0' && *q <= '9') q++;
    }
    if (is_int) {
        if (overflow || (!neg && mag > (uint64_t)INT64_MAX) || (neg && mag > (uint64_t)INT64_MAX + 1))
            return fail_at(ps, s, "integer out of range (more than 64 bits)");
        v->type = JR_INT;
        v->i = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
    } else {
        if (q - s > 64) return fail_at(ps, s, "number too long");
        v->type = JR_NUMBER;
        v->s = (char *)malloc((size_t)(q - s) + 1);
        if (!v->s) return fail_at(ps, s, "out of memory");
        memcpy(v->s, s, (size_t)(q - s));
        v->s[q - s] = '\0';
        v->len = (size_t)(q - s);
    }
    ps->p = q;
    return 0;
}

static int literal(jr_parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return fail(ps, "unexpected character");
    ps->p += n;
    return 0;
}

static void free_members(jr_value *v);

static int grow(jr_value *v, size_t *cap, int object)
{
    size_t ncap = *cap ? *cap * 2 : 4;
    jr_value *items;
    if (ncap > ((size_t)-1) / sizeof *items / 2) return -1;
    items = (jr_value *)realloc(v->items, ncap * sizeof *items);
    if (!items) return -1;
    v->items = items;
    if (object) {
        char **keys = (char **)realloc(v->keys, ncap * sizeof *keys);
        if (!keys) return -1;
        v->keys = keys;
    }
    *cap = ncap;
    return 0;
}

static int parse_value(jr_parser *ps, jr_value *v, int depth);

static int parse_container(jr_parser *ps, jr_value *v, int depth, int object)
{
    size_t cap = 0;
    const unsigned char close = object ? '}' : ']';
    if (depth >= JR_MAX_DEPTH) return fail(ps, "nested too deeply");
    v->type = object ? JR_OBJECT : JR_ARRAY;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        size_t klen = 0, k;
        skip_ws(ps);
        if (object) {
            const unsigned char *kat = ps->p;
            if (ps->p >= ps->end) return fail(ps, "unexpected end of input");
            if (*ps->p != '"') return fail(ps, "member name (a string) expected");
            if (parse_string(ps, &key, &klen)) return -1;
            for (k = 0; k < v->n; k++)
                if (strcmp(v->keys[k], key) == 0) {
                    free(key);
                    return fail_at(ps, kat, "duplicate member name");
                }
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                return fail(ps, "':' expected");
            }
            ps->p++;
        }
        if (v->n == cap && grow(v, &cap, object)) {
            free(key);
            return fail(ps, "out of memory");
        }
        memset(&v->items[v->n], 0, sizeof v->items[v->n]);
        if (object) v->keys[v->n] = key;
        v->n++;
        if (parse_value(ps, &v->items[v->n - 1], depth + 1)) return -1;
        skip_ws(ps);
        if (ps->p >= ps->end) return fail(ps, "unexpected end of input");
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == close) {
            ps->p++;
            return 0;
        }
        return fail(ps, object ? "',' or '}' expected" : "',' or ']' expected");
    }
}

static int parse_value(jr_parser *ps, jr_value *v, int depth)
{
    skip_ws(ps);
    v->line = ps->line;
    v->col = (int)(ps->p - ps->line_start) + 1;
    if (ps->p >= ps->end) return fail(ps, "unexpected end of input");
    switch (*ps->p) {
    case '{': return parse_container(ps, v, depth, 1);
    case '[': return parse_container(ps, v, depth, 0);
    case '"':
        v->type = JR_STRING;
        return parse_string(ps, &v->s, &v->len);
    case 't':
        v->type = JR_BOOL;
        v->b = 1;
        return literal(ps, "true");
    case 'f':
        v->type = JR_BOOL;
        return literal(ps, "false");
    case 'n':
        v->type = JR_NULL;
        return literal(ps, "null");
    default:
        if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) return parse_number(ps, v);
        return fail(ps, *ps->p >= 0x80 && !utf8_len(ps->p, ps->end) ? "invalid UTF-8" : "unexpected character");
    }
}

int jr_parse(const char *text, size_t len, jr_value **out, jr_error *err)
{
    jr_parser ps;
    jr_value *v;
    *out = NULL;
    memset(err, 0, sizeof *err);
    ps.p = (const unsigned char *)text;
    ps.end = ps.p + len;
    ps.line_start = ps.p;
    ps.line = 1;
    ps.err = err;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) return fail(&ps, "byte order mark at the start");
    v = (jr_value *)calloc(1, sizeof *v);
    if (!v) return fail(&ps, "out of memory");
    if (parse_value(&ps, v, 0) == 0) {
        skip_ws(&ps);
        if (ps.p == ps.end) {
            *out = v;
            return 0;
        }
        fail(&ps, "unexpected text after the JSON value");
    }
    jr_free(v);
    return -1;
}

static void free_members(jr_value *v)
{
    size_t i;
    free(v->s);
    for (i = 0; i < v->n; i++) {
        free_members(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
}

void jr_free(jr_value *v)
{
    if (!v) return;
    free_members(v);
    free(v);
}

const jr_value *jr_get(const jr_value *obj, const char *key)
{
    size_t i;
    if (!obj || obj->type != JR_OBJECT) return NULL;
    for (i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0) return &obj->items[i];
    return NULL;
}

const char *jr_type_name(jr_type t)
{
    static const char *const names[] = { "null", "boolean", "integer", "number", "string", "array", "object" };
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}
