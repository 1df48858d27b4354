#include "log/fields.h"
#include "core/error.h"
#include "util/json.h"
#include "util/validate.h"

#include <stdio.h>
#include <string.h>

/* Reserves a field of len value bytes and writes its head: the value's
 * bytes go at the returned pointer (b->len already counts them). One
 * reservation per field, then plain stores: a payload is encoded per
 * change, a few fields each. 0, KM_ERANGE or KM_ENOMEM with the buffer
 * unchanged. */
static int put_field(km__buf *b, uint16_t tag, uint8_t type, size_t len, uint8_t **at)
{
    uint8_t *w = NULL;
    int rc;
    if (len >= 0xFFFFFFFFu) return km__err(KM_ERANGE, NULL, "field too large", "kolom terlalu besar");
    if ((rc = km__buf_reserve(b, 7 + len)) != 0) return rc;
    w = b->data + b->len;
    km__put_u16_at(w, tag);
    w[2] = type;
    km__put_u32_at(w + 3, (uint32_t)len);
    b->len += 7 + len;
    *at = w + 7;
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

int km__fw_u64(km__buf *b, uint16_t tag, uint64_t v)
{
    uint8_t *w = NULL;
    int rc = put_field(b, tag, KM__T_U64, 8, &w);
    if (rc == 0) km__put_u64_at(w, v);
    return rc;
}

int km__fw_i64(km__buf *b, uint16_t tag, int64_t v)
{
    uint8_t *w = NULL;
    int rc = put_field(b, tag, KM__T_I64, 8, &w);
    if (rc == 0) km__put_u64_at(w, (uint64_t)v);
    return rc;
}

int km__fw_strs(km__buf *b, uint16_t tag, const char *const *v, size_t n, const char *field)
{
    size_t i, total = 4;
    uint8_t *w = NULL;
    int rc;
    if (n && !v) return km__err(KM_EINVAL, field, "list is NULL but its count is %zu", "daftar NULL padahal jumlahnya %zu", n);
    if (n > 0xFFFFu) return km__err(KM_EINVAL, field, "too many items (%zu)", "terlalu banyak butir (%zu)", n);
    for (i = 0; i < n; i++) {
        if (!v[i]) return km__err(KM_EINVAL, field, "item %zu is NULL", "butir %zu NULL", i);
        total += 4 + strlen(v[i]);
    }
    if ((rc = put_field(b, tag, KM__T_STRS, total, &w)) != 0) return rc;
    km__put_u32_at(w, (uint32_t)n);
    w += 4;
    for (i = 0; i < n; i++) {
        size_t len = strlen(v[i]);
        km__put_u32_at(w, (uint32_t)len);
        memcpy(w + 4, v[i], len);
        w += 4 + len;
    }
    return 0;
}

static int corrupt(const char *what_en, const char *what_id)
{
    return km__err(KM_ECORRUPT, "event.payload", "malformed payload: %s%.0s", "muatan rusak: %.0s%s",
                   what_en, what_id);
}

int km__fields_parse(km__fields *out, const void *p, size_t n)
{
    /* Pointers and plain bounds checks rather than the bounds-checked
     * reader: this runs for every change and every replayed event, and the
     * reader's per-read checks were most of its cost. */
    const uint8_t *q = (const uint8_t *)p, *end = q + n;
    /* Only the present bits are cleared: a field is read only when its
     * bit is set, and skipping the 1 KiB clear matters at one event per
     * change and per record of a snapshot. */
    out->present = 0;
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
        case KM__T_STRS: {
            /* u32 count, then count x (u32 length, bytes), filling it exactly. */
            const uint8_t *s = q, *send = q + len;
            uint32_t cnt, i;
            if (len < 4) return corrupt("bad string list", "daftar teks rusak");
            cnt = km__get_u32_at(s);
            s += 4;
            for (i = 0; i < cnt; i++) {
                uint32_t sl;
                if ((size_t)(send - s) < 4) return corrupt("bad string list", "daftar teks rusak");
                sl = km__get_u32_at(s);
                s += 4;
                if (sl > (size_t)(send - s)) return corrupt("bad string list", "daftar teks rusak");
                s += sl;
            }
            if (s != send) return corrupt("bad string list", "daftar teks rusak");
            break;
        }
        default: return corrupt("unknown field type", "jenis kolom tidak dikenal");
        }
        out->present |= UINT64_C(1) << tag;
        out->f[tag].type = type;
        out->f[tag].len = len;
        out->f[tag].p = q;
        q += len;
    }
    return 0;
}

int km__fields_has(const km__fields *f, uint16_t tag)
{
    return tag < KM__TAGS_MAX && (f->present >> tag & 1u);
}

static int want(const km__fields *f, uint16_t tag, uint8_t type)
{
    if (tag >= KM__TAGS_MAX || !(f->present >> tag & 1u)) return 0;
    if (f->f[tag].type != type) return corrupt("field has the wrong type", "jenis kolom salah");
    return 1;
}

int km__fields_str(const km__fields *f, uint16_t tag, const char **s, size_t *n)
{
    int rc = want(f, tag, KM__T_STR);
    if (rc == 1) { *s = (const char *)f->f[tag].p; *n = f->f[tag].len; }
    return rc;
}

int km__fields_u64(const km__fields *f, uint16_t tag, uint64_t *v)
{
    int rc = want(f, tag, KM__T_U64);
    if (rc == 1) *v = km__get_u64_at(f->f[tag].p);
    return rc;
}

int km__fields_i64(const km__fields *f, uint16_t tag, int64_t *v)
{
    int rc = want(f, tag, KM__T_I64);
    if (rc == 1) *v = (int64_t)km__get_u64_at(f->f[tag].p);
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

int km__fields_strs(const km__fields *f, uint16_t tag, km__strs *out)
{
    int rc = want(f, tag, KM__T_STRS);
    out->count = 0; out->p = NULL; out->len = 0;
    if (rc == 1) {
        out->count = km__get_u32_at(f->f[tag].p);
        out->p = f->f[tag].p + 4;
        out->len = f->f[tag].len - 4;
    }
    return rc;
}

const char *km__strs_next(const km__strs *s, size_t *pos, size_t *len)
{
    uint32_t n;
    const char *q;
    if (*pos + 4 > s->len) return NULL;
    n = km__get_u32_at(s->p + *pos);
    q = (const char *)s->p + *pos + 4;
    *pos += 4 + (size_t)n;
    *len = n;
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
        case KM__T_U64: rc = km__json_u64(out, km__get_u64_at(v->p)); break;
        case KM__T_I64: rc = km__json_i64(out, (int64_t)km__get_u64_at(v->p)); break;
        case KM__T_STRS: {
            km__strs s;
            size_t pos = 0, len, k;
            const char *e;
            s.count = km__get_u32_at(v->p); s.p = v->p + 4; s.len = v->len - 4;
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

int km__fields_check_known(const km__fields *f, const km__fdesc *schema, size_t n_schema)
{
    uint64_t known = 0, unknown;
    unsigned tag;
    size_t i;
    for (i = 0; i < n_schema; i++)
        if (schema[i].tag < KM__TAGS_MAX) known |= UINT64_C(1) << schema[i].tag;
    unknown = f->present & ~known;
    if (!unknown) return 0;
    for (tag = 0; !(unknown >> tag & 1u); tag++) {}
    /* A field this library does not know was written by a newer one:
     * ignoring it could misread the change, so refuse instead. */
    return km__err(KM_EVERSION, "event.payload", "field tag %u is unknown to this library version",
                   "tag kolom %u tidak dikenal oleh versi pustaka ini", tag);
}
