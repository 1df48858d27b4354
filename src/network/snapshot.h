/* Snapshots: the whole state at one log sequence, so opening a large store
 * loads it instead of replaying every entry. Format (docs/format.md):
 *   "KMSS" | u32 version (6) | u64 seq | 32-byte hash of entry seq |
 *   i64 time of entry seq | u64 events | u64 log bytes |
 *   the sections' bytes, back to back |
 *   table: (u16 entity | u64 offset | u64 length) per section | u32 count |
 *   "KMSE"
 * The table comes last so that a snapshot can be written as a stream (a
 * section's length is known only once it is written). Version 2 put
 * "u16 entity | u64 length" before each section and 0xFFFF after the last;
 * it is still read. Sections appear in a fixed order; a loader rejects
 * unknown sections. Section writers call km__buf_spill between records. */
#ifndef KM_NETWORK_SNAPSHOT_H
#define KM_NETWORK_SNAPSHOT_H

#include "network/internal.h"
#include "util/validate.h"

/* Loads the newest usable snapshot into an empty network. Returns 0 when a
 * snapshot was loaded, KM_ENOTFOUND when there is none to use (state left
 * empty), other errors otherwise (state reset to empty). */
int km__snapshot_load(km_network *net);
int km__snapshot_bad(const char *what);
/* Parses a record's payload fields inside the snapshot being loaded, in
 * its encoding (versions 5 and 6: 2; before: 1). KM_ECORRUPT as km__fields_parse. */
static inline int km__snapshot_fields(km_network *net, km__fields *out, const void *p, size_t n)
{
    return km__fields_parse(out, p, n, net->snap_fields);
}

/* A tagged record of the sections written as the log's payloads
 * (frameworks, indicators, measurements, commitments, disputes,
 * opportunities, interests): a u32 length, then enc's bytes for rec. */
int km__snap_put_tlv(km__buf *b, int (*enc)(km__buf *, const void *), const void *rec);
/* Reads such a record into f (its fields borrowed from the snapshot): 0,
 * or the snapshot refused naming what (truncated or malformed). */
int km__snap_next_tlv(km_network *net, km__rd *r, km__fields *f, const char *what);

/* Reads a string of a snapshot record (u32 length, 0xFFFFFFFF = unset, then
 * the bytes) as a borrowed slice: out->p is NULL when unset or when the
 * reader ran out (r->err is set then). */
static inline void km__rd_sl(km__rd *r, km__sl *out)
{
    int present;
    out->p = km__rd_str(r, &out->n, &present);
    if (!present) out->p = NULL;
}

/* One compact string of a format 6 record into a borrowed slice (p NULL
 * when the cursor ran out). */
static inline void km__vc_sl(km__vc *c, km__sl *out) { out->p = km__vc_str(c, &out->n); }
/* The strings of a record of format 6 (docs/format.md): a byte whose bit
 * i says that string i of the n (at most 8) is set, then each string set,
 * as varint length and bytes. The writer takes NUL-terminated strings,
 * NULL for unset; the reader fills out[i] (p NULL when unset, borrowed
 * otherwise) and sets the cursor bad on a bit at or above n or a string
 * past the end. */
int km__snap_put_strs(km__buf *b, const char *const *s, size_t n);
static inline void km__vc_strs(km__vc *c, km__sl *const *out, size_t n)
{
    unsigned bits = km__vc_u8(c);
    size_t i;
    if (bits >> n) km__vc_fail(c);
    for (i = 0; i < n; i++) {
        out[i]->n = 0;
        out[i]->p = (bits >> i & 1u) ? km__vc_str(c, &out[i]->n) : NULL;
    }
}
/* A time of a format 6 record as its gap from the record's creation t0:
 * the zigzag varint of t - t0 in wrapping arithmetic, most of them a few
 * bytes. p has room for KM__VARINT_MAX bytes; returns the bytes written. */
static inline size_t km__snap_put_gap(uint8_t *p, int64_t t0, int64_t t)
{
    return km__put_varint_at(p, km__zigzag((int64_t)((uint64_t)t - (uint64_t)t0)));
}
static inline int64_t km__vc_gap(km__vc *c, int64_t t0)
{
    return (int64_t)((uint64_t)t0 + (uint64_t)km__vc_zigzag(c));
}

/* Fewer bytes than any partner record takes in any format (format 6's
 * fixed fields without a string: version, created, updated's gap, kind,
 * status, three tag counts, the strings' presence bits). */
#define KM__SNAP_PARTNER_MIN 16u

/* The partner and agreement writers write format 6's compact records; the
 * loaders read them (compact 1) and those of formats 2 to 5 (compact 0). */
int km__partner_snapshot_put(km_network *net, km__buf *b);
int km__partner_snapshot_load(km_network *net, km__rd *r, int compact);
/* Frameworks are written before agreements, which refer to them. */
int km__framework_snapshot_put(km_network *net, km__buf *b);
int km__framework_snapshot_load(km_network *net, km__rd *r);
int km__agreement_snapshot_put(km_network *net, km__buf *b);
/* marked: the section ends with format 4's chunk marks (docs/format.md). */
int km__agreement_snapshot_load(km_network *net, km__rd *r, int marked, int compact);
/* Evaluation: indicators (6) and measurements (7), after agreements. */
int km__indicator_snapshot_put(km_network *net, km__buf *b);
int km__indicator_snapshot_load(km_network *net, km__rd *r);
int km__measurement_snapshot_put(km_network *net, km__buf *b);
int km__measurement_snapshot_load(km_network *net, km__rd *r);
/* Commitments refer to agreements and partners: written after both. */
int km__commitment_snapshot_put(km_network *net, km__buf *b);
int km__commitment_snapshot_load(km_network *net, km__rd *r);
/* Disputes refer to agreements, partners, frameworks and commitments. */
int km__dispute_snapshot_put(km_network *net, km__buf *b);
int km__dispute_snapshot_load(km_network *net, km__rd *r);

/* Opportunities (8) and expressions of interest (9), after partners,
 * frameworks and agreements, which they refer to. */
int km__opportunity_snapshot_put(km_network *net, km__buf *b);
int km__opportunity_snapshot_load(km_network *net, km__rd *r);
int km__interest_snapshot_put(km_network *net, km__buf *b);
int km__interest_snapshot_load(km_network *net, km__rd *r);

#endif
