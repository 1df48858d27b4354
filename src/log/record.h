/* The log entry ("record") format, version 2 (1 is still read). Documented
 * in docs/format.md; this file and that page change together.
 *
 *   offset size
 *   0      2    magic "KM"
 *   2      1    format version (2; 1)
 *   3      1    flags (0; non-zero bits are reserved -> KM_EVERSION)
 *   4      8    seq       u64 LE, equals the storage sequence
 *   12     8    time      i64 LE, microseconds since 1970-01-01 UTC
 *   20     32   prev      SHA-256 of the previous record's bytes (zeros for seq 1)
 *   52     4+n  actor     u32 LE length + UTF-8 bytes
 *   ..     4    n_events  u32 LE
 *   ..          events    n_events x { varint entity, varint op, varint id, varint len, payload }
 *                         (format 1: { u16 entity, u16 op, u64 id, u32 len, payload })
 *
 * Payloads are fields of encoding 2 in a record of format 2 and of
 * encoding 1 in one of format 1 (log/fields.h); varints as in util/buf.h.
 *
 * The SHA-256 of the whole record is what the next record carries in prev. */
#ifndef KM_LOG_RECORD_H
#define KM_LOG_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

#define KM__RECORD_FORMAT 2
#define KM__RECORD_HEADER_FIXED 52

/* Bytes of a record's header (km__entry_put_header) for an actor of
 * actor_len bytes: the fixed part, the actor's length and bytes, the
 * event count. */
static inline size_t km__entry_header_size(size_t actor_len) { return KM__RECORD_HEADER_FIXED + 8 + actor_len; }

typedef struct km__entry {
    unsigned format;       /* 1 or 2 */
    uint64_t seq;
    int64_t time;
    const uint8_t *prev;   /* 32 bytes, borrowed */
    const char *actor;     /* borrowed, not NUL-terminated */
    size_t actor_len;
    uint32_t n_events;
    const uint8_t *events; /* borrowed event bytes */
    size_t events_len;
} km__entry;

typedef struct km__event {
    uint16_t entity;
    uint16_t op;
    uint64_t id;
    const uint8_t *payload;
    uint32_t len;
    unsigned fmt;          /* the payload's field encoding (KM__FIELDS_V1, V2) */
} km__event;

/* Appends the record header to out (events follow, appended by the caller). */
int km__entry_put_header(km__buf *out, uint64_t seq, int64_t time, const uint8_t prev[32],
                         const char *actor, size_t actor_len, uint32_t n_events);
/* Appends one event. */
int km__event_put(km__buf *out, uint16_t entity, uint16_t op, uint64_t id, const void *payload, size_t len);
/* Checks framing of the whole record: KM_ECORRUPT or KM_EVERSION naming seq. */
int km__entry_decode(km__entry *out, const void *p, size_t n, uint64_t expect_seq);
/* Iterates the events of a decoded entry (framing already checked).
 * Returns 1 with *ev filled, 0 at the end. */
int km__entry_next_event(const km__entry *e, size_t *pos, km__event *ev);

#endif
