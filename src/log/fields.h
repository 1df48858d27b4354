/* Event payloads are a list of tagged fields (TLV). Tags let a later
 * library version add fields without breaking old logs, and one generic
 * parser means untrusted bytes are checked in one place. A per-operation
 * schema (tag -> name, type) renders any payload as JSON for the audit
 * trail.
 *
 * Two encodings (docs/format.md), named by the record or snapshot that
 * holds the payload:
 *   1  u16 tag, u8 type, u32 length, bytes; integers as 8 bytes LE, a
 *      list as u32 count then count x (u32 length, bytes). Log records of
 *      format 1 and snapshots up to version 4; read, no longer written.
 *   2  one byte (tag in its low six bits, type - 1 in its high two), the
 *      length as a varint, bytes; integers as short integers (U64 as is,
 *      I64 zigzagged), a list as a varint count then count x (varint
 *      length, bytes). What this library writes: 38% fewer bytes for a
 *      partner's creation, 50% for an agreement's, event heads included
 *      (docs/performance.md, "Log record format 2"). */
#ifndef KM_LOG_FIELDS_H
#define KM_LOG_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"
#include "kemitraan/common.h"

/* Field types (the bytes of each, per encoding, are above). */
enum {
    KM__T_STR = 1,  /* UTF-8 bytes */
    KM__T_U64 = 2,  /* an unsigned integer */
    KM__T_I64 = 3,  /* a signed integer */
    KM__T_STRS = 4  /* a list of UTF-8 strings */
};

#define KM__TAGS_MAX 64

/* The encodings above; the writers below write KM__FIELDS_CURRENT. */
#define KM__FIELDS_V1 1u
#define KM__FIELDS_V2 2u
#define KM__FIELDS_CURRENT KM__FIELDS_V2

int km__fw_str(km__buf *b, uint16_t tag, const char *s);
int km__fw_u64(km__buf *b, uint16_t tag, uint64_t v);
int km__fw_i64(km__buf *b, uint16_t tag, int64_t v);
/* v may be NULL when n == 0; a NULL element is an error (KM_EINVAL naming field). */
int km__fw_strs(km__buf *b, uint16_t tag, const char *const *v, size_t n, const char *field);

typedef struct km__fval {
    uint8_t type;    /* 0 = absent */
    uint32_t len;
    const uint8_t *p;
} km__fval;

typedef struct km__fields {
    uint64_t present;          /* bit t: tag t is present; f[t] is valid only then */
    unsigned fmt;              /* KM__FIELDS_V1 or V2: how the values' bytes read */
    km__fval f[KM__TAGS_MAX];
} km__fields;

/* Parses a payload of encoding fmt (KM__FIELDS_V1 or V2). KM_ECORRUPT on
 * truncation, unknown type, tag >= KM__TAGS_MAX, duplicate tag, an
 * integer of the wrong length, or (encoding 2) a length or integer not in
 * its one encoding; KM_EVERSION for another fmt. Borrowed pointers. */
int km__fields_parse(km__fields *out, const void *p, size_t n, unsigned fmt);
int km__fields_has(const km__fields *f, uint16_t tag);
/* Sets the getters' error, KM_ECORRUPT "field has the wrong type". */
void km__fields_wrong_type(void);
/* 1 if tag is present with that type, 0 if absent, KM_ECORRUPT if present
 * with another type (the constant here, so that callers' compilers see
 * the outputs are set whenever 1 is returned). */
static inline int km__fields_want(const km__fields *f, uint16_t tag, uint8_t type)
{
    if (tag >= KM__TAGS_MAX || !(f->present >> tag & 1u)) return 0;
    if (f->f[tag].type == type) return 1;
    km__fields_wrong_type();
    return KM_ECORRUPT;
}
/* Each getter returns 1 if the tag is present with that type, 0 if absent,
 * and KM_ECORRUPT if present with another type. km__fields_str is inline:
 * a change reads a few strings of its payload. */
static inline int km__fields_str(const km__fields *f, uint16_t tag, const char **s, size_t *n)
{
    int rc = km__fields_want(f, tag, KM__T_STR);
    if (rc == 1) { *s = (const char *)f->f[tag].p; *n = f->f[tag].len; }
    return rc;
}
int km__fields_u64(const km__fields *f, uint16_t tag, uint64_t *v);
int km__fields_i64(const km__fields *f, uint16_t tag, int64_t *v);
/* The offset from UTC, in minutes, at which a change derives a day from its
 * entry's time (an I64 tag): 0 with *has = 1 and *minutes set when present
 * and within -720..840, else KM_EINVAL naming field; 0 with *has = 0 and
 * *minutes = 0 when absent (UTC, the rule of records written before such
 * tags). KM_ECORRUPT for another type. */
int km__fields_day_offset(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *minutes);

/* A list of strings inside a KM__T_STRS field: the iterator validates
 * framing once (km__strs_open) so callers can then walk it freely. */
typedef struct km__strs {
    uint32_t count;
    unsigned fmt;
    const uint8_t *p;
    size_t len;
} km__strs;
int km__fields_strs(const km__fields *f, uint16_t tag, km__strs *out);
/* i-th element by walking; returns pointer/len. Only valid after a
 * successful km__fields_strs (framing checked there). */
const char *km__strs_next(const km__strs *s, size_t *pos, size_t *len);

typedef struct km__fdesc {
    uint16_t tag;
    uint8_t type;
    const char *name;
} km__fdesc;

/* The tags a schema defines, as bits (tag t: bit t). */
uint64_t km__fields_known_mask(const km__fdesc *schema, size_t n_schema);
/* KM_EVERSION when a present tag is not in the schema. */
int km__fields_check_known(const km__fields *f, const km__fdesc *schema, size_t n_schema);

/* Appends a JSON object for the payload, naming fields by the schema. */
int km__fields_json(km__buf *out, const km__fdesc *schema, size_t n_schema, const km__fields *f);

#endif
