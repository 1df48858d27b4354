#include "util/buf.h"
#include "core/alloc.h"
#include "core/error.h"

#include <string.h>

void km__buf_init(km__buf *b, const km_allocator *a)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->a = a;
    b->sink = NULL;
}

void km__buf_free(km__buf *b)
{
    if (b->data) km__free(b->a, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void km__buf_reset(km__buf *b) { b->len = 0; }

int km__buf_flush(km__buf *b)
{
    int rc;
    if (!b->sink || b->len == 0) return 0;
    if ((rc = b->sink->write(b->sink, b->data, b->len)) != 0) return rc;
    b->sink->written += b->len;
    b->len = 0;
    return 0;
}

int km__buf_spill(km__buf *b) { return b->sink && b->len >= KM__BUF_SPILL ? km__buf_flush(b) : 0; }

int km__buf_reserve(km__buf *b, size_t extra)
{
    if (extra <= b->cap - b->len) return 0; /* the common case: room already */
    if (extra > SIZE_MAX - b->len) return km__nomem();
    return km__grow(b->a, (void **)&b->data, &b->cap, b->len + extra, 1);
}

int km__buf_put_grow(km__buf *b, const void *p, size_t n)
{
    int rc = km__buf_reserve(b, n);
    if (rc) return rc;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

int km__buf_put_strn(km__buf *b, const char *s, size_t n)
{
    int rc;
    if (n >= 0xFFFFFFFFu) return km__nomem();
    rc = km__buf_put_u32(b, (uint32_t)n);
    if (rc) return rc;
    return km__buf_put(b, s, n);
}

int km__buf_put_str(km__buf *b, const char *s)
{
    if (!s) return km__buf_put_u32(b, 0xFFFFFFFFu);
    return km__buf_put_strn(b, s, strlen(s));
}

int km__buf_put_vstrn(km__buf *b, const char *s, size_t n)
{
    uint8_t t[KM__VARINT_MAX];
    int rc = km__buf_put(b, t, km__put_varint_at(t, (uint64_t)n));
    if (rc) return rc;
    return km__buf_put(b, s, n);
}

int km__buf_put_vstr(km__buf *b, const char *s) { return km__buf_put_vstrn(b, s, strlen(s)); }

void km__rd_init(km__rd *r, const void *p, size_t len)
{
    r->p = (const uint8_t *)p;
    r->len = len;
    r->pos = 0;
    r->err = 0;
}

size_t km__rd_left(const km__rd *r) { return r->err ? 0 : r->len - r->pos; }

