#include "log/record.h"
#include "core/error.h"

#include <string.h>

int km__entry_put_header(km__buf *out, uint64_t seq, int64_t time, const uint8_t prev[32],
                         const char *actor, size_t actor_len, uint32_t n_events)
{
    int rc = km__buf_reserve(out, km__entry_header_size(actor_len));
    if (rc) return rc;
    km__buf_put(out, "KM", 2);
    km__buf_put_u8(out, KM__RECORD_FORMAT);
    km__buf_put_u8(out, 0);
    km__buf_put_u64(out, seq);
    km__buf_put_i64(out, time);
    km__buf_put(out, prev, 32);
    km__buf_put_strn(out, actor, actor_len);
    return km__buf_put_u32(out, n_events);
}

int km__event_put(km__buf *out, uint16_t entity, uint16_t op, uint64_t id, const void *payload, size_t len)
{
    uint8_t *w;
    int rc;
    if (len >= 0xFFFFFFFFu) return km__err(KM_ERANGE, "event", "event too large", "peristiwa terlalu besar");
    rc = km__buf_reserve(out, 3 + 3 + KM__VARINT_MAX + 5 + len);
    if (rc) return rc;
    w = out->data + out->len;
    w += km__put_varint_at(w, entity);
    w += km__put_varint_at(w, op);
    w += km__put_varint_at(w, id);
    w += km__put_varint_at(w, len);
    if (len) memcpy(w, payload, len);
    out->len = (size_t)(w - out->data) + len;
    return 0;
}

/* One event's head and payload at *pos of the events, in the entry's
 * format: 1 with *ev filled and *pos past it, 0 when truncated or
 * malformed. */
static int read_event(const km__entry *e, size_t *pos, km__event *ev)
{
    const uint8_t *q = e->events + *pos, *end = e->events + e->events_len;
    if (e->format == 1) {
        if ((size_t)(end - q) < 16) return 0;
        ev->entity = km__get_u16_at(q);
        ev->op = km__get_u16_at(q + 2);
        ev->id = km__get_u64_at(q + 4);
        ev->len = km__get_u32_at(q + 12);
        q += 16;
    } else {
        uint64_t entity, op, len;
        if (km__get_varint(&q, end, 0xFFFFu, &entity) != 0 || km__get_varint(&q, end, 0xFFFFu, &op) != 0 ||
            km__get_varint(&q, end, UINT64_MAX, &ev->id) != 0 || km__get_varint(&q, end, 0xFFFFFFFEu, &len) != 0)
            return 0;
        ev->entity = (uint16_t)entity;
        ev->op = (uint16_t)op;
        ev->len = (uint32_t)len;
    }
    if (ev->len > (size_t)(end - q)) return 0;
    ev->payload = q;
    ev->fmt = e->format; /* record format n carries field encoding n */
    *pos = (size_t)(q - e->events) + ev->len;
    return 1;
}

static int bad(uint64_t seq, const char *what_en, const char *what_id)
{
    /* Both formats receive the same arguments; "%.0s" skips the other
     * language's text. */
    return km__err(KM_ECORRUPT, "log", "entry %llu: %s%.0s", "entri %llu: %.0s%s",
                   (unsigned long long)seq, what_en, what_id);
}

int km__entry_decode(km__entry *out, const void *p, size_t n, uint64_t expect_seq)
{
    km__rd r;
    const uint8_t *magic;
    uint8_t format, flags;
    uint32_t i;
    size_t pos;
    int present;
    km__rd_init(&r, p, n);
    magic = km__rd_bytes(&r, 2);
    if (!magic || magic[0] != 'K' || magic[1] != 'M')
        return km__err(KM_ECORRUPT, "log", "entry %llu: bad magic", "entri %llu: penanda salah",
                       (unsigned long long)expect_seq);
    format = km__rd_u8(&r);
    flags = km__rd_u8(&r);
    if (!r.err && (format > KM__RECORD_FORMAT || flags != 0))
        return km__err(KM_EVERSION, "log", "entry %llu has record format %u (flags %u); this library reads format %u",
                       "entri %llu memakai format rekaman %u (bendera %u); pustaka ini membaca format %u",
                       (unsigned long long)expect_seq, format, flags, KM__RECORD_FORMAT);
    if (!r.err && format == 0)
        return km__err(KM_ECORRUPT, "log", "entry %llu: format 0", "entri %llu: format 0",
                       (unsigned long long)expect_seq);
    out->seq = km__rd_u64(&r);
    out->time = km__rd_i64(&r);
    out->prev = km__rd_bytes(&r, 32);
    out->actor = km__rd_str(&r, &out->actor_len, &present);
    out->n_events = km__rd_u32(&r);
    if (r.err) {
        return km__err(KM_ECORRUPT, "log", "entry %llu: truncated header", "entri %llu: kepala terpotong",
                       (unsigned long long)expect_seq);
    }
    if (!present) { out->actor = ""; out->actor_len = 0; }
    if (expect_seq && out->seq != expect_seq)
        return km__err(KM_ECORRUPT, "log", "entry %llu carries sequence %llu", "entri %llu membawa urutan %llu",
                       (unsigned long long)expect_seq, (unsigned long long)out->seq);
    out->format = format;
    out->events = r.p + r.pos;
    out->events_len = km__rd_left(&r);
    for (i = 0, pos = 0; i < out->n_events; i++) {
        km__event ev;
        if (!read_event(out, &pos, &ev)) return bad(out->seq, "truncated event", "peristiwa terpotong");
    }
    if (pos != out->events_len) return bad(out->seq, "trailing bytes", "ada byte sisa");
    return 0;
}

int km__entry_next_event(const km__entry *e, size_t *pos, km__event *ev)
{
    if (*pos >= e->events_len) return 0;
    return read_event(e, pos, ev);
}
