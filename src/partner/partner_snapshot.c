/* The partner section of a snapshot: every current record, in id order.
 * Loading validates each record like a change would (a snapshot is a cache
 * that a host could tamper with; the log stays the authority) and rebuilds
 * the indexes. */
#include "partner/partner.h"
#include "network/snapshot.h"

#include <stddef.h>
#include <string.h>

/* Byte offsets of a partner's fixed fields in formats 2 to 5 (docs/format.md),
 * which are still read. */
enum {
    F_VERSION = 0, F_CREATED = 4, F_UPDATED = 12, F_KIND = 20, F_STATUS = 21, F_N_SECTORS = 22, F_N_CAPS = 24,
    F_N_NEEDS = 26, FIXED_BYTES = 28
};
/* The most bytes of a format 6 partner's fixed fields: the version, created
 * (8 bytes), updated's gap, kind, status and the three tag counts. */
#define COMPACT_MAX (8 + 2 * KM__VARINT_MAX + 2 + 3 * KM__VARINT_MAX)
enum { N_STRINGS = 7 };

/* Format 6 (docs/format.md): the version as a varint, created in 8 bytes
 * (a varint of a time in microseconds takes as many, and decodes slower),
 * updated less created as a zigzag varint, kind and status as bytes, the
 * tag counts as varints, then the strings that are set (a byte of
 * presence bits, then each as varint length and bytes) and the tags. A
 * workload partner takes about 85 bytes where format 5 took 133. */
int km__partner_snapshot_put(km_network *net, km__buf *b)
{
    const km__partners *ps = &net->partners;
    size_t i;
    int rc = km__buf_put_u64(b, ps->n);
    for (i = 0; rc == 0 && i < ps->n; i++) {
        const km_partner *p = ps->by_id[i];
        size_t t, nt = (size_t)p->n_sectors + p->n_caps + p->n_needs, at = 0;
        const char *strs[N_STRINGS];
        uint8_t f[COMPACT_MAX];
        if ((rc = km__buf_spill(b)) != 0) break;
        at += km__put_varint_at(f + at, p->version);
        km__put_u64_at(f + at, (uint64_t)p->created);
        at += 8;
        at += km__snap_put_gap(f + at, p->created, p->updated);
        f[at++] = p->kind;
        f[at++] = p->status;
        at += km__put_varint_at(f + at, p->n_sectors);
        at += km__put_varint_at(f + at, p->n_caps);
        at += km__put_varint_at(f + at, p->n_needs);
        strs[0] = km__pt_name(p);
        strs[1] = km__pt_external_id(p);
        strs[2] = km__pt_region(p);
        strs[3] = km__pt_str(p, KM__PS_EMAIL);
        strs[4] = km__pt_str(p, KM__PS_PHONE);
        strs[5] = km__pt_str(p, KM__PS_WEBSITE);
        strs[6] = km__pt_str(p, KM__PS_REASON);
        rc = km__buf_put(b, f, at);
        if (rc == 0) rc = km__snap_put_strs(b, strs, N_STRINGS);
        for (t = 0; rc == 0 && t < nt; t++) rc = km__buf_put_vstr(b, km__pt_tag(p, t));
    }
    return rc;
}

/* The strings of a partner, in the order both layouts write them (the
 * tags follow). */
static void strings_of(km__pin *in, km__sl *s[N_STRINGS])
{
    s[0] = &in->name;
    s[1] = &in->external_id;
    s[2] = &in->region;
    s[3] = &in->email;
    s[4] = &in->phone;
    s[5] = &in->website;
    s[6] = &in->reason;
}

/* A partner of formats 2 to 5: the fixed fields after one bounds check,
 * then the strings and tags; 0 when the section ran out or a tag count is
 * over the limit. */
static int read_fixed(km__rd *r, km__pin *in, uint32_t *version, int64_t *created, int64_t *updated)
{
    const uint8_t *q = km__rd_bytes(r, FIXED_BYTES);
    km__sl *strs[N_STRINGS];
    size_t k, t;
    if (!q) return 0;
    *version = km__get_u32_at(q + F_VERSION);
    *created = (int64_t)km__get_u64_at(q + F_CREATED);
    *updated = (int64_t)km__get_u64_at(q + F_UPDATED);
    in->kind = q[F_KIND];
    in->status = q[F_STATUS];
    in->ntags[0] = km__get_u16_at(q + F_N_SECTORS);
    in->ntags[1] = km__get_u16_at(q + F_N_CAPS);
    in->ntags[2] = km__get_u16_at(q + F_N_NEEDS);
    strings_of(in, strs);
    for (k = 0; k < N_STRINGS; k++) km__rd_sl(r, strs[k]);
    for (k = 0; k < 3; k++) {
        if (in->ntags[k] > KM_TAGS_MAX) return 0;
        for (t = 0; t < in->ntags[k]; t++) km__rd_sl(r, &in->tags[k][t]);
    }
    return !r->err;
}

/* The same of format 6, through a cursor (util/buf.h). */
static int read_compact(km__rd *r, km__pin *in, uint32_t *version, int64_t *created, int64_t *updated)
{
    km__vc c = km__vc_begin(r);
    km__sl *strs[N_STRINGS];
    size_t k, t;
    *version = (uint32_t)km__vc_varint(&c, UINT32_MAX);
    *created = (int64_t)km__vc_u64(&c);
    *updated = km__vc_gap(&c, *created);
    in->kind = km__vc_u8(&c);
    in->status = km__vc_u8(&c);
    for (k = 0; k < 3; k++) in->ntags[k] = (size_t)km__vc_varint(&c, KM_TAGS_MAX);
    strings_of(in, strs);
    km__vc_strs(&c, strs, N_STRINGS);
    for (k = 0; k < 3; k++)
        for (t = 0; t < in->ntags[k]; t++) km__vc_sl(&c, &in->tags[k][t]);
    km__vc_end(r, &c);
    return !r->err;
}

/* Reads the n partners of the section into the registry, unindexed. */
static int load_partners(km_network *net, km__rd *r, uint64_t n, km__slab *slab, int compact)
{
    km__partners *ps = &net->partners;
    uint64_t i;
    km__pin in;
    int rc;
    if ((rc = km__grow(net->a, (void **)&ps->by_id, &ps->cap, (size_t)n, sizeof *ps->by_id)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&ps->name_key, &ps->cap_key, (size_t)n, sizeof *ps->name_key)) != 0) return rc;
    for (i = 0; i < n; i++) {
        uint32_t version;
        int64_t created, updated;
        km_partner *p;
        memset(&in, 0, offsetof(km__pin, tags)); /* every field is read below; the tags as far as ntags */
        if (!(compact ? read_compact : read_fixed)(r, &in, &version, &created, &updated))
            return km__snapshot_bad("truncated partner or tag count");
        if ((rc = km__partner_validate(&in)) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
        p = km__partner_build(net, slab, &ps->cells.sizes, &in, i + 1, version, created, updated);
        if (!p) return km__nomem();
        /* Indexed below, all at once. */
        ps->name_key[ps->n] = km__name_key(km__pt_name(p), p->name_len);
        ps->by_id[ps->n++] = p;
        km__cells_mark(&p->cell, 1);
        ps->count_status[p->status]++;
    }
    return 0;
}

int km__partner_snapshot_load(km_network *net, km__rd *r, int compact)
{
    km__partners *ps = &net->partners;
    uint64_t n = km__rd_u64(r);
    km__slab slab;
    int rc;
    /* Ids above UINT32_MAX are refused on creation (a record keeps 32 bits). */
    if (r->err || n > km__rd_left(r) || n > UINT32_MAX) return km__snapshot_bad("partner count");
    km__slab_init(&slab, net->ctx);
    rc = load_partners(net, r, n, &slab, compact);
    km__slab_done(&slab);
    if (rc) return rc;
    /* The external ids go in all at once, their slots fetched ahead (the
     * map is large and cold). A duplicate fails the load, which is thrown
     * away then, so the overwritten entry does not matter. */
    if (ps->n) {
        size_t dups;
        if ((rc = km__idmap_put_range(&ps->by_ext, 1, ps->n, &dups)) != 0) return rc;
        if (dups) return km__snapshot_bad("duplicate external id");
    }
    return km__partner_index_flush(ps); /* every loaded partner: indexed is 0 */
}
