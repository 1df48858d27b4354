/* Growable byte buffer (writer) and a bounds-checked reader. The record
 * format and every payload codec are written with these two, so that the
 * decoding of untrusted bytes is checked in exactly one place. All integers
 * are little-endian; strings are u32 length + bytes (no NUL). */
#ifndef KM_UTIL_BUF_H
#define KM_UTIL_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "kemitraan/common.h"

/* Where a buffer's bytes go when it is spilled: the writer of a stream too
 * big to hold in memory at once (a snapshot of a large network). */
typedef struct km__buf_sink {
    /* Hands on len > 0 bytes; 0 or a KM_E* code. */
    int (*write)(struct km__buf_sink *self, const void *data, size_t len);
    uint64_t written; /* bytes handed on so far */
} km__buf_sink;

typedef struct km__buf {
    uint8_t *data;
    size_t len;
    size_t cap;
    const km_allocator *a;
    km__buf_sink *sink; /* NULL: everything stays in data */
} km__buf;

/* A buffer with a sink holds at most about this much before a spill point
 * hands it on (one record may take it past). */
#define KM__BUF_SPILL ((size_t)1 << 20)

void km__buf_init(km__buf *b, const km_allocator *a);
void km__buf_free(km__buf *b);
void km__buf_reset(km__buf *b); /* len = 0, keeps memory */
/* A spill point: with a sink and at least KM__BUF_SPILL bytes held, hands
 * them to the sink and empties the buffer; otherwise does nothing. Writers
 * call it between records, never inside one, so that a length patched in
 * after a record's bytes (km__put_u32_at) is still in data. 0 or the
 * sink's error. */
int km__buf_spill(km__buf *b);
/* Hands whatever is held to the sink (if any) now. 0 or the sink's error. */
int km__buf_flush(km__buf *b);
/* Offset of the next byte put, counted from the buffer's first byte ever,
 * spilled or not. */
static inline uint64_t km__buf_pos(const km__buf *b) { return (b->sink ? b->sink->written : 0) + b->len; }
int km__buf_reserve(km__buf *b, size_t extra);
/* The copy when the buffer must grow first (km__buf_put's slow half). */
int km__buf_put_grow(km__buf *b, const void *p, size_t n);
/* Little-endian stores, inline with the writers below: every payload,
 * record and snapshot is written a few bytes at a time, and a call per
 * field was a sixth of a partner's creation. */
static inline void km__put_u16_at(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void km__put_u32_at(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void km__put_u64_at(uint8_t *p, uint64_t v)
{
    km__put_u32_at(p, (uint32_t)v);
    km__put_u32_at(p + 4, (uint32_t)(v >> 32));
}
/* Appends n bytes (p may be NULL when n is 0): 0 or KM_ENOMEM, with the
 * buffer unchanged on failure. */
static inline int km__buf_put(km__buf *b, const void *p, size_t n)
{
    if (n > b->cap - b->len) return km__buf_put_grow(b, p, n);
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}
static inline int km__buf_put_u8(km__buf *b, uint8_t v) { return km__buf_put(b, &v, 1); }
static inline int km__buf_put_u16(km__buf *b, uint16_t v)
{
    uint8_t t[2];
    km__put_u16_at(t, v);
    return km__buf_put(b, t, 2);
}
static inline int km__buf_put_u32(km__buf *b, uint32_t v)
{
    uint8_t t[4];
    km__put_u32_at(t, v);
    return km__buf_put(b, t, 4);
}
static inline int km__buf_put_u64(km__buf *b, uint64_t v)
{
    uint8_t t[8];
    km__put_u64_at(t, v);
    return km__buf_put(b, t, 8);
}
static inline int km__buf_put_i64(km__buf *b, int64_t v) { return km__buf_put_u64(b, (uint64_t)v); }
/* u32 length then bytes; s may be NULL (written as length 0xFFFFFFFF = absent). */
int km__buf_put_str(km__buf *b, const char *s);
int km__buf_put_strn(km__buf *b, const char *s, size_t n);
/* A compact string (snapshot format 6, docs/format.md): the varint n,
 * then the n bytes. Whether a string is set at all is said elsewhere (a
 * record's presence bits). */
int km__buf_put_vstr(km__buf *b, const char *s);
int km__buf_put_vstrn(km__buf *b, const char *s, size_t n);
/* Little-endian loads, inline (with the readers below): decoding a
 * snapshot reads a few of them per field of millions of records. */
static inline uint16_t km__get_u16_at(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t km__get_u32_at(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t km__get_u64_at(const uint8_t *p)
{
    return (uint64_t)km__get_u32_at(p) | ((uint64_t)km__get_u32_at(p + 4) << 32);
}

/* Compact integers, for log records of format 2 (docs/format.md): a
 * varint is LEB128 (seven bits a byte, least significant first, the high
 * bit set on every byte but the last), at most 10 bytes for 64 bits; a
 * "short" integer is the value's little-endian bytes without the high
 * zero bytes (0 bytes for 0), its width given by the length beside it.
 * Both have one encoding per value: readers refuse a varint with a zero
 * last byte after the first, and short bytes whose last is zero, so that
 * a record's bytes, and its hash, follow from its content. */
#define KM__VARINT_MAX 10
static inline size_t km__varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80u) { v >>= 7; n++; }
    return n;
}
/* Writes v at p (room for km__varint_size(v) bytes); returns the bytes written. */
static inline size_t km__put_varint_at(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80u) { p[n++] = (uint8_t)(v | 0x80u); v >>= 7; }
    p[n++] = (uint8_t)v;
    return n;
}
/* Appends v as a varint. 0 or KM_ENOMEM. */
static inline int km__buf_put_varint(km__buf *b, uint64_t v)
{
    uint8_t t[KM__VARINT_MAX];
    return km__buf_put(b, t, km__put_varint_at(t, v));
}
/* Reads a varint at *p, before end, of at most max: 0 with *v set and *p
 * past it, or -1 (truncated, not minimal, or over max) with *p unchanged. */
static inline int km__get_varint(const uint8_t **p, const uint8_t *end, uint64_t max, uint64_t *v)
{
    const uint8_t *q = *p;
    uint64_t x = 0;
    unsigned shift = 0;
    /* One byte, the usual case (a field's length, an entity, an op). */
    if (q != end && *q < 0x80u) {
        if (*q > max) return -1;
        *v = *q;
        *p = q + 1;
        return 0;
    }
    for (;;) {
        uint8_t c;
        if (q == end || shift > 63) return -1;
        c = *q++;
        if (shift == 63 && c > 1) return -1; /* bits beyond 64 */
        x |= (uint64_t)(c & 0x7Fu) << shift;
        if (!(c & 0x80u)) {
            if (c == 0 && shift) return -1;     /* a longer form of a shorter value */
            break;
        }
        shift += 7;
    }
    if (x > max) return -1;
    *v = x;
    *p = q;
    return 0;
}
/* The bytes of v as a short integer (0 to 8). */
static inline size_t km__short_size(uint64_t v)
{
    size_t n = 0;
    while (v) { v >>= 8; n++; }
    return n;
}
static inline void km__put_short_at(uint8_t *p, uint64_t v)
{
    while (v) { *p++ = (uint8_t)v; v >>= 8; }
}
/* n <= 8 bytes, little-endian. */
static inline uint64_t km__get_short_at(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    while (n) { n--; v = v << 8 | p[n]; }
    return v;
}
/* Zigzag: signed values of small magnitude to small unsigned ones
 * (0, -1, 1, -2 ... to 0, 1, 2, 3 ...). */
static inline uint64_t km__zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0u);
}
static inline int64_t km__unzigzag(uint64_t u)
{
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1u);
}

/* Reader: once an access runs past the end, err is set and every later get
 * returns 0/NULL, so a decoder can read a whole structure and check err once. */
typedef struct km__rd {
    const uint8_t *p;
    size_t len;
    size_t pos;
    int err;
} km__rd;

void km__rd_init(km__rd *r, const void *p, size_t len);
static inline const uint8_t *km__rd_bytes(km__rd *r, size_t n)
{
    const uint8_t *q;
    if (r->err || n > r->len - r->pos) {
        r->err = 1;
        return (const uint8_t *)0;
    }
    q = r->p + r->pos;
    r->pos += n;
    return q;
}
static inline uint8_t km__rd_u8(km__rd *r)
{
    const uint8_t *q = km__rd_bytes(r, 1);
    return q ? q[0] : 0;
}
static inline uint16_t km__rd_u16(km__rd *r)
{
    const uint8_t *q = km__rd_bytes(r, 2);
    return q ? km__get_u16_at(q) : 0;
}
static inline uint32_t km__rd_u32(km__rd *r)
{
    const uint8_t *q = km__rd_bytes(r, 4);
    return q ? km__get_u32_at(q) : 0;
}
static inline uint64_t km__rd_u64(km__rd *r)
{
    const uint8_t *q = km__rd_bytes(r, 8);
    return q ? km__get_u64_at(q) : 0;
}
static inline int64_t km__rd_i64(km__rd *r) { return (int64_t)km__rd_u64(r); }
/* Borrowed pointer into the record and its length; *present = 0 for absent.
 * Inline: snapshot loading reads a dozen strings per record. */
static inline const char *km__rd_str(km__rd *r, size_t *len, int *present)
{
    uint32_t n = km__rd_u32(r);
    const uint8_t *q;
    *len = 0;
    *present = 0;
    if (r->err || n == 0xFFFFFFFFu) return (const char *)0;
    q = km__rd_bytes(r, n);
    if (!q) return (const char *)0;
    *len = n;
    *present = 1;
    return (const char *)q;
}
size_t km__rd_left(const km__rd *r);

/* A cursor over a reader's bytes for decoding a run of compact fields
 * (snapshot format 6) with the position in a local, which the compiler
 * keeps in a register, where every km__rd_* call writes it back through
 * the reader: a snapshot's agreement version is some twenty fields, and
 * the reader's way doubled the instructions of its decoding. Same rules
 * as the km__rd_* functions: once a field is bad or runs past the end,
 * bad is set and every later field reads 0 / absent. km__vc_end hands the
 * position (or the error) back to the reader. */
typedef struct km__vc {
    const uint8_t *p, *end;
    int bad;
} km__vc;

static inline km__vc km__vc_begin(const km__rd *r)
{
    km__vc c;
    c.p = r->p + (r->err ? r->len : r->pos);
    c.end = r->p + r->len;
    c.bad = r->err;
    return c;
}
static inline void km__vc_end(km__rd *r, const km__vc *c)
{
    if (c->bad) r->err = 1;
    else r->pos = (size_t)(c->p - r->p);
}
static inline void km__vc_fail(km__vc *c)
{
    c->bad = 1;
    c->p = c->end;
}
/* The forms of one to three bytes (ids below two million, dates, most
 * values) are decoded in line, the rest by km__get_varint: a reopen reads
 * tens of millions of them, and the loop's checks a byte were half the
 * cost of an agreement's version. */
static inline uint64_t km__vc_varint(km__vc *c, uint64_t max)
{
    const uint8_t *p = c->p;
    uint64_t v;
    size_t n;
    if (p != c->end && p[0] < 0x80u) {
        v = p[0];
        n = 1;
    } else if (c->end - p >= 3 && p[1] < 0x80u && p[1] != 0) {
        v = (uint64_t)(p[0] & 0x7Fu) | (uint64_t)p[1] << 7;
        n = 2;
    } else if (c->end - p >= 3 && p[1] >= 0x80u && p[2] < 0x80u && p[2] != 0) {
        v = (uint64_t)(p[0] & 0x7Fu) | (uint64_t)(p[1] & 0x7Fu) << 7 | (uint64_t)p[2] << 14;
        n = 3;
    } else {
        if (km__get_varint(&c->p, c->end, max, &v) != 0) {
            km__vc_fail(c);
            return 0;
        }
        return v;
    }
    if (v > max) {
        km__vc_fail(c);
        return 0;
    }
    c->p = p + n;
    return v;
}
static inline int64_t km__vc_zigzag(km__vc *c) { return km__unzigzag(km__vc_varint(c, UINT64_MAX)); }
static inline uint8_t km__vc_u8(km__vc *c)
{
    if (c->p == c->end) {
        km__vc_fail(c);
        return 0;
    }
    return *c->p++;
}
static inline uint64_t km__vc_u64(km__vc *c)
{
    uint64_t v;
    if ((size_t)(c->end - c->p) < 8) {
        km__vc_fail(c);
        return 0;
    }
    v = km__get_u64_at(c->p);
    c->p += 8;
    return v;
}
/* A compact string (km__buf_put_vstrn): its bytes, borrowed, and *len;
 * NULL (bad set) when it runs past the end. */
static inline const char *km__vc_str(km__vc *c, size_t *len)
{
    uint64_t n = km__vc_varint(c, UINT64_MAX);
    const uint8_t *q = c->p;
    *len = 0;
    if (c->bad) return (const char *)0;
    if (n > (uint64_t)(c->end - c->p)) {
        km__vc_fail(c);
        return (const char *)0;
    }
    c->p += (size_t)n;
    *len = (size_t)n;
    return (const char *)q;
}

/* The same through a reader, for the odd field between other reads (an
 * agreement's counts, milestones and risks). A one-byte value, what
 * these nearly always are (three counts an agreement at a reopen), is
 * read in place; the rest goes through a cursor. */
static inline uint64_t km__rd_varint(km__rd *r, uint64_t max)
{
    km__vc c;
    uint64_t v;
    if (!r->err && r->pos < r->len && r->p[r->pos] < 0x80u && r->p[r->pos] <= max) return r->p[r->pos++];
    c = km__vc_begin(r);
    v = km__vc_varint(&c, max);
    km__vc_end(r, &c);
    return v;
}
static inline int64_t km__rd_zigzag(km__rd *r) { return km__unzigzag(km__rd_varint(r, UINT64_MAX)); }
static inline const char *km__rd_vstr(km__rd *r, size_t *len)
{
    km__vc c = km__vc_begin(r);
    const char *s = km__vc_str(&c, len);
    km__vc_end(r, &c);
    return s;
}

#endif
