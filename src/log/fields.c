#include "log/fields.h"
#include "core/error.h"
#include "util/json.h"
#include "util/validate.h"

#include <stdio.h>
#include <string.h>

/* Reserves a field of len value bytes and writes its head (encoding 2):
 * the value's bytes go at the returned pointer (b->len already counts
 * them). One reservation per field, then plain stores: a payload is
 * encoded per change, a few fields each. 0, KM_ERANGE or KM_ENOMEM with
 * the buffer unchanged. */
static int put_field(km__buf *b, uint16_t tag, uint8_t type, size_t len, uint8_t **at)
{
    uint8_t *w = NULL;
    size_t head;
    int rc;
    if (len >= 0xFFFFFFFFu) return km__err(KM_ERANGE, NULL, "field too large", "kolom terlalu besar");
    if (tag >= KM__TAGS_MAX) return km__err(KM_ERANGE, NULL, "field tag %u", "tag kolom %u", (unsigned)tag);
    if ((rc = km__buf_reserve(b, 1 + KM__VARINT_MAX + len)) != 0) return rc;
    w = b->data + b->len;
    w[0] = (uint8_t)(tag | (unsigned)(type - 1) << 6);
    head = 1 + km__put_varint_at(w + 1, len);
    b->len += head + len;
    *at = w + head;
    return 0;
}

static int fw_strn(km__buf *b, uint16_t tag, const char *s, size_t n)
{
    uint8_t *w = NULL;
    int rc = put_field(b, tag, KM__T_STR, n, &w);
    if (rc == 0 && n) memcpy(w, s, n);
    return rc;
}

int km__fw_str(km__buf *b, uint16_t tag, const char *s)
{
    return fw_strn(b, tag, s ? s : "", s ? strlen(s) : 0);
}

static int fw_short(km__buf *b, uint16_t tag, uint8_t type, uint64_t v)
{
    uint8_t *w = NULL;
    int rc = put_field(b, tag, type, km__short_size(v), &w);
    if (rc == 0) km__put_short_at(w, v);
    return rc;
}

int km__fw_u64(km__buf *b, uint16_t tag, uint64_t v) { return fw_short(b, tag, KM__T_U64, v); }

int km__fw_i64(km__buf *b, uint16_t tag, int64_t v) { return fw_short(b, tag, KM__T_I64, km__zigzag(v)); }

/* Items whose lengths km__fw_strs keeps from its sizing pass to its
 * writing pass (a longer list measures its items again). */
#define FW_STRS_KEPT 16

int km__fw_strs(km__buf *b, uint16_t tag, const char *const *v, size_t n, const char *field)
{
    size_t i, total, kept[FW_STRS_KEPT];
    uint8_t *w = NULL;
    int rc;
    if (n && !v) return km__err(KM_EINVAL, field, "list is NULL but its count is %zu", "daftar NULL padahal jumlahnya %zu", n);
    if (n > 0xFFFFu) return km__err(KM_EINVAL, field, "too many items (%zu)", "terlalu banyak butir (%zu)", n);
    total = km__varint_size(n);
    for (i = 0; i < n; i++) {
        size_t len;
        if (!v[i]) return km__err(KM_EINVAL, field, "item %zu is NULL", "butir %zu NULL", i);
        len = strlen(v[i]);
        if (len >= 0xFFFFFFFFu) return km__err(KM_ERANGE, field, "item %zu too large", "butir %zu terlalu besar", i);
        if (i < FW_STRS_KEPT) kept[i] = len;
        total += km__varint_size(len) + len;
    }
    if ((rc = put_field(b, tag, KM__T_STRS, total, &w)) != 0) return rc;
    w += km__put_varint_at(w, n);
    for (i = 0; i < n; i++) {
        size_t len = i < FW_STRS_KEPT ? kept[i] : strlen(v[i]);
        w += km__put_varint_at(w, len);
        memcpy(w, v[i], len);
        w += len;
    }
    return 0;
}

static int corrupt(const char *what_en, const char *what_id)
{
    return km__err(KM_ECORRUPT, "event.payload", "malformed payload: %s%.0s", "muatan rusak: %.0s%s",
                   what_en, what_id);
}

/* Checks a list's framing, encoding 1: u32 count, then count x (u32
 * length, bytes), filling it exactly. */
static int check_strs_v1(const uint8_t *s, uint32_t len)
{
    const uint8_t *send = s + len;
    uint32_t cnt, i;
    if (len < 4) return -1;
    cnt = km__get_u32_at(s);
    s += 4;
    for (i = 0; i < cnt; i++) {
        uint32_t sl;
        if ((size_t)(send - s) < 4) return -1;
        sl = km__get_u32_at(s);
        s += 4;
        if (sl > (size_t)(send - s)) return -1;
        s += sl;
    }
    return s == send ? 0 : -1;
}

/* Encoding 2: varint count, then count x (varint length, bytes). */
static int check_strs_v2(const uint8_t *s, uint32_t len)
{
    const uint8_t *send = s + len;
    uint64_t cnt, i, sl;
    if (km__get_varint(&s, send, 0xFFFFFFFFu, &cnt) != 0) return -1;
    for (i = 0; i < cnt; i++) {
        if (km__get_varint(&s, send, 0xFFFFFFFFu, &sl) != 0 || sl > (uint64_t)(send - s)) return -1;
        s += sl;
    }
    return s == send ? 0 : -1;
}

/* Pointers and plain bounds checks rather than the bounds-checked reader:
 * this runs for every change and every replayed event, and the reader's
 * per-read checks were most of its cost. */
/* Records a checked field of either encoding: its bit, type and bytes. */
static void keep_field(km__fields *out, unsigned tag, uint8_t type, uint32_t len, const uint8_t *q)
{
    out->present |= UINT64_C(1) << tag;
    out->f[tag].type = type;
    out->f[tag].len = len;
    out->f[tag].p = q;
}

static int parse_v1(km__fields *out, const uint8_t *q, const uint8_t *end)
{
    while (q != end) {
        uint16_t tag;
        uint8_t type;
        uint32_t len;
        if ((size_t)(end - q) < 7) return corrupt("truncated field", "kolom terpotong");
        tag = km__get_u16_at(q);
        type = q[2];
        len = km__get_u32_at(q + 3);
        q += 7;
        if (len > (size_t)(end - q)) return corrupt("truncated field", "kolom terpotong");
        if (tag >= KM__TAGS_MAX) return corrupt("unknown field tag", "tag kolom tidak dikenal");
        if (out->present >> tag & 1u) return corrupt("duplicate field tag", "tag kolom ganda");
        switch (type) {
        case KM__T_STR: break;
        case KM__T_U64: case KM__T_I64: if (len != 8) return corrupt("bad integer length", "panjang bilangan salah"); break;
        case KM__T_STRS: if (check_strs_v1(q, len) != 0) return corrupt("bad string list", "daftar teks rusak"); break;
        default: return corrupt("unknown field type", "jenis kolom tidak dikenal");
        }
        keep_field(out, tag, type, len, q);
        q += len;
    }
    return 0;
}

static int parse_v2(km__fields *out, const uint8_t *q, const uint8_t *end)
{
    while (q != end) {
        unsigned tag = *q & 0x3Fu;
        uint8_t type = (uint8_t)((*q >> 6) + 1);
        uint64_t len;
        q++;
        if (km__get_varint(&q, end, 0xFFFFFFFFu, &len) != 0 || len > (uint64_t)(end - q))
            return corrupt("truncated field", "kolom terpotong");
        if (out->present >> tag & 1u) return corrupt("duplicate field tag", "tag kolom ganda");
        switch (type) {
        case KM__T_STR: break;
        case KM__T_U64: case KM__T_I64:
            if (len > 8 || (len && q[len - 1] == 0)) return corrupt("bad integer length", "panjang bilangan salah");
            break;
        default: /* KM__T_STRS: the two bits name no other type */
            if (check_strs_v2(q, (uint32_t)len) != 0) return corrupt("bad string list", "daftar teks rusak");
            break;
        }
        keep_field(out, tag, type, (uint32_t)len, q);
        q += len;
    }
    return 0;
}

int km__fields_parse(km__fields *out, const void *p, size_t n, unsigned fmt)
{
    const uint8_t *q = (const uint8_t *)p;
    /* Only the present bits are cleared: a field is read only when its
     * bit is set, and skipping the 1 KiB clear matters at one event per
     * change and per record of a snapshot. */
    out->present = 0;
    out->fmt = fmt;
    if (fmt == KM__FIELDS_V2) return parse_v2(out, q, q + n);
    if (fmt == KM__FIELDS_V1) return parse_v1(out, q, q + n);
    return km__err(KM_EVERSION, "event.payload", "payload encoding %u is unknown", "penyandian muatan %u tidak dikenal",
                   fmt);
}

int km__fields_has(const km__fields *f, uint16_t tag)
{
    return tag < KM__TAGS_MAX && (f->present >> tag & 1u);
}

void km__fields_wrong_type(void) { (void)corrupt("field has the wrong type", "jenis kolom salah"); }

/* The raw 64 bits of an integer field (a U64's value, an I64's two's
 * complement), whichever the encoding. */
static uint64_t int_bits(unsigned fmt, const km__fval *v)
{
    if (fmt == KM__FIELDS_V1) return km__get_u64_at(v->p);
    return v->type == KM__T_I64 ? (uint64_t)km__unzigzag(km__get_short_at(v->p, v->len))
                                : km__get_short_at(v->p, v->len);
}

int km__fields_u64(const km__fields *f, uint16_t tag, uint64_t *v)
{
    int rc = km__fields_want(f, tag, KM__T_U64);
    if (rc == 1) *v = int_bits(f->fmt, &f->f[tag]);
    return rc;
}

int km__fields_i64(const km__fields *f, uint16_t tag, int64_t *v)
{
    int rc = km__fields_want(f, tag, KM__T_I64);
    if (rc == 1) *v = (int64_t)int_bits(f->fmt, &f->f[tag]);
    return rc;
}

int km__fields_day_offset(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *minutes)
{
    int64_t v = 0;
    int rc = km__fields_i64(f, tag, &v);
    *has = rc == 1;
    *minutes = 0;
    if (rc <= 0) return rc;
    if ((rc = km__v_utc_offset(field, v)) != 0) return rc;
    *minutes = (int32_t)v;
    return 0;
}

/* A list's count and elements (framing checked by the parse). */
static void open_strs(km__strs *out, unsigned fmt, const km__fval *v)
{
    out->fmt = fmt;
    if (fmt == KM__FIELDS_V1) {
        out->count = km__get_u32_at(v->p);
        out->p = v->p + 4;
        out->len = v->len - 4;
    } else {
        const uint8_t *q = v->p;
        uint64_t cnt = 0;
        (void)km__get_varint(&q, v->p + v->len, 0xFFFFFFFFu, &cnt);
        out->count = (uint32_t)cnt;
        out->p = q;
        out->len = v->len - (size_t)(q - v->p);
    }
}

int km__fields_strs(const km__fields *f, uint16_t tag, km__strs *out)
{
    int rc = km__fields_want(f, tag, KM__T_STRS);
    out->count = 0; out->fmt = f->fmt; out->p = NULL; out->len = 0;
    if (rc == 1) open_strs(out, f->fmt, &f->f[tag]);
    return rc;
}

const char *km__strs_next(const km__strs *s, size_t *pos, size_t *len)
{
    const char *q;
    uint64_t n;
    if (s->fmt == KM__FIELDS_V1) {
        if (*pos + 4 > s->len) return NULL;
        n = km__get_u32_at(s->p + *pos);
        q = (const char *)s->p + *pos + 4;
        *pos += 4 + (size_t)n;
    } else {
        const uint8_t *at = s->p + *pos, *end = s->p + s->len;
        if (*pos >= s->len || km__get_varint(&at, end, 0xFFFFFFFFu, &n) != 0 || n > (uint64_t)(end - at)) return NULL;
        q = (const char *)at;
        *pos = (size_t)(at - s->p) + (size_t)n;
    }
    *len = (size_t)n;
    return q;
}

int km__fields_json(km__buf *out, const km__fdesc *schema, size_t n_schema, const km__fields *f)
{
    int rc = km__buf_put_u8(out, '{');
    int first = 1;
    uint16_t tag;
    for (tag = 0; rc == 0 && tag < KM__TAGS_MAX; tag++) {
        const km__fval *v = &f->f[tag];
        const char *name = NULL;
        char fallback[16];
        size_t i;
        if (!(f->present >> tag & 1u)) continue;
        for (i = 0; i < n_schema; i++)
            if (schema[i].tag == tag) { name = schema[i].name; break; }
        if (!name) { snprintf(fallback, sizeof fallback, "_%u", (unsigned)tag); name = fallback; }
        if (!first) rc = km__buf_put_u8(out, ',');
        first = 0;
        if (rc == 0) rc = km__json_cstr(out, name);
        if (rc == 0) rc = km__buf_put_u8(out, ':');
        if (rc) break;
        switch (v->type) {
        case KM__T_STR: rc = km__json_str(out, (const char *)v->p, v->len); break;
        case KM__T_U64: rc = km__json_u64(out, int_bits(f->fmt, v)); break;
        case KM__T_I64: rc = km__json_i64(out, (int64_t)int_bits(f->fmt, v)); break;
        case KM__T_STRS: {
            km__strs s;
            size_t pos = 0, len, k;
            const char *e;
            open_strs(&s, f->fmt, v);
            rc = km__buf_put_u8(out, '[');
            for (k = 0; rc == 0 && k < s.count && (e = km__strs_next(&s, &pos, &len)) != NULL; k++) {
                if (k) rc = km__buf_put_u8(out, ',');
                if (rc == 0) rc = km__json_str(out, e, len);
            }
            if (rc == 0) rc = km__buf_put_u8(out, ']');
            break;
        }
        default: break;
        }
    }
    if (rc == 0) rc = km__buf_put_u8(out, '}');
    return rc;
}

uint64_t km__fields_known_mask(const km__fdesc *schema, size_t n_schema)
{
    uint64_t known = 0;
    size_t i;
    for (i = 0; i < n_schema; i++)
        if (schema[i].tag < KM__TAGS_MAX) known |= UINT64_C(1) << schema[i].tag;
    return known;
}

int km__fields_check_known(const km__fields *f, const km__fdesc *schema, size_t n_schema)
{
    uint64_t unknown = f->present & ~km__fields_known_mask(schema, n_schema);
    unsigned tag;
    if (!unknown) return 0;
    for (tag = 0; !(unknown >> tag & 1u); tag++) {}
    /* A field this library does not know was written by a newer one:
     * ignoring it could misread the change, so refuse instead. */
    return km__err(KM_EVERSION, "event.payload", "field tag %u is unknown to this library version",
                   "tag kolom %u tidak dikenal oleh versi pustaka ini", tag);
}
