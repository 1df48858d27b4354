/* Field validators shared by every entity. Each takes the field's name (as
 * shown to the user, e.g. "partner.email") and the value as bytes + length
 * (payload strings are not NUL-terminated), and returns 0 or KM_EINVAL with
 * a message naming the field and the rule broken, in both languages. */
#ifndef KM_UTIL_VALIDATE_H
#define KM_UTIL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A borrowed byte string (payload strings are not NUL-terminated);
 * p == NULL means "not set". */
typedef struct km__sl {
    const char *p;
    size_t n;
} km__sl;

/* Records are one allocation: fixed part, then their strings. These size
 * and copy a borrowed string into that tail, NUL-terminated; a string not
 * set takes no room and stays NULL. */
static inline size_t km__sl_size(const km__sl *s) { return s->p ? s->n + 1 : 0; }
static inline const char *km__sl_copy(char **dst, const km__sl *s)
{
    char *d = *dst;
    if (!s->p) return NULL;
    if (s->n) memcpy(d, s->p, s->n);
    d[s->n] = '\0';
    *dst = d + s->n + 1;
    return d;
}
/* km__sl_copy for records that find their strings by 16-bit offsets from
 * their start (partners, agreements): the copy's offset from base, 0 when
 * the string is not set. The caller checks that its records fit. */
static inline uint16_t km__sl_copy_off(char **dst, const km__sl *s, const void *base)
{
    const char *at = km__sl_copy(dst, s);
    return at ? (uint16_t)(at - (const char *)base) : 0;
}
/* Moves s->p to the same offset from `to` when it points into the `span`
 * bytes at `from` (compared as addresses, since the string may lie in
 * another allocation): a change's strings borrowed from a record, moved to
 * the record's copy with the same layout before the record's memory is
 * reused (the edits that keep a cell, network/cells.h). */
static inline void km__sl_rebase(km__sl *s, const void *from, size_t span, const void *to)
{
    uintptr_t at = (uintptr_t)s->p, base = (uintptr_t)from;
    if (s->p && at >= base && at - base < span) s->p = (const char *)to + (at - base);
}

/* A NUL-terminated string (NULL: not set) as a borrowed string. */
static inline km__sl km__sl_of(const char *s)
{
    km__sl r;
    r.p = s;
    r.n = s ? strlen(s) : 0;
    return r;
}

/* UTF-8, min..max bytes, no control characters (newline and tab allowed
 * when multiline), and not only white space when min > 0. */
int km__v_text(const char *field, const char *s, size_t n, size_t min, size_t max, int multiline);
/* Lower-case ASCII letters, digits, '_' and '-', 1..KM_TAG_MAX bytes. */
int km__v_tag(const char *field, const char *s, size_t n);
/* At most KM_TAGS_MAX valid tags, no duplicates. */
int km__v_tags(const char *field, const km__sl *tags, size_t n);
/* IATI-style organisation identifier: CC-SCHEME-value. */
int km__v_external_id(const char *field, const char *s, size_t n);
/* Kode wilayah: 2 digits (11..99), then optionally .2 digits, .2 digits,
 * .4 digits. */
int km__v_region(const char *field, const char *s, size_t n);
int km__v_email(const char *field, const char *s, size_t n);
int km__v_phone(const char *field, const char *s, size_t n);
int km__v_url(const char *field, const char *s, size_t n);
int km__v_enum(const char *field, uint64_t v, unsigned count);
/* An offset from UTC in minutes, -720..840 (UTC-12:00 to UTC+14:00, every
 * zone in use); KM_EINVAL naming field otherwise. */
int km__v_utc_offset(const char *field, int64_t minutes);

#endif
