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
 * and updated as varints, kind, status and the three tag counts. */
#define COMPACT_MAX (3 * KM__VARINT_MAX + 2 + 3 * KM__VARINT_MAX)

/* Format 6 (docs/format.md): the version, created and updated less created
 * as varints (zigzag for the times), kind and status as bytes, the tag
 * counts as varints, then the strings as varint length + 1 and bytes. A
 * workload partner takes about 95 bytes where format 5 took 133. */
int km__partner_snapshot_put(km_network *net, km__buf *b)
{
    const km__partners *ps = &net->partners;
    size_t i;
    int rc = km__buf_put_u64(b, ps->n);
    for (i = 0; rc == 0 && i < ps->n; i++) {
        const km_partner *p = ps->by_id[i];
        size_t t, nt = (size_t)p->n_sectors + p->n_caps + p->n_needs, at = 0;
        uint8_t f[COMPACT_MAX];
        if ((rc = km__buf_spill(b)) != 0) break;
        at += km__put_varint_at(f + at, p->version);
        at += km__put_varint_at(f + at, km__zigzag(p->created));
        at += km__put_varint_at(f + at, km__zigzag((int64_t)((uint64_t)p->updated - (uint64_t)p->created)));
        f[at++] = p->kind;
        f[at++] = p->status;
        at += km__put_varint_at(f + at, p->n_sectors);
        at += km__put_varint_at(f + at, p->n_caps);
        at += km__put_varint_at(f + at, p->n_needs);
        rc = km__buf_put(b, f, at);
        if (rc == 0) rc = km__buf_put_vstrn(b, km__pt_name(p), p->name_len);
        if (rc == 0) rc = km__buf_put_vstrn(b, km__pt_external_id(p), p->external_id_len);
        if (rc == 0) rc = km__buf_put_vstr(b, km__pt_region(p));
        if (rc == 0) rc = km__buf_put_vstr(b, km__pt_str(p, KM__PS_EMAIL));
        if (rc == 0) rc = km__buf_put_vstr(b, km__pt_str(p, KM__PS_PHONE));
        if (rc == 0) rc = km__buf_put_vstr(b, km__pt_str(p, KM__PS_WEBSITE));
        if (rc == 0) rc = km__buf_put_vstr(b, km__pt_str(p, KM__PS_REASON));
        for (t = 0; rc == 0 && t < nt; t++) rc = km__buf_put_vstr(b, km__pt_tag(p, t));
    }
    return rc;
}

/* The fixed fields of a partner of formats 2 to 5, after one bounds
 * check; 0 when the section ran out. */
static int read_fixed(km__rd *r, km__pin *in, uint32_t *version, int64_t *created, int64_t *updated)
{
    const uint8_t *q = km__rd_bytes(r, FIXED_BYTES);
    if (!q) return 0;
    *version = km__get_u32_at(q + F_VERSION);
    *created = (int64_t)km__get_u64_at(q + F_CREATED);
    *updated = (int64_t)km__get_u64_at(q + F_UPDATED);
    in->kind = q[F_KIND];
    in->status = q[F_STATUS];
    in->ntags[0] = km__get_u16_at(q + F_N_SECTORS);
    in->ntags[1] = km__get_u16_at(q + F_N_CAPS);
    in->ntags[2] = km__get_u16_at(q + F_N_NEEDS);
    return 1;
}

/* The same of format 6; 0 when the section ran out or a varint is bad. */
static int read_compact(km__rd *r, km__pin *in, uint32_t *version, int64_t *created, int64_t *updated)
{
    *version = (uint32_t)km__rd_varint(r, UINT32_MAX);
    *created = km__rd_zigzag(r);
    *updated = (int64_t)((uint64_t)*created + (uint64_t)km__rd_zigzag(r));
    in->kind = km__rd_u8(r);
    in->status = km__rd_u8(r);
    in->ntags[0] = (size_t)km__rd_varint(r, UINT16_MAX);
    in->ntags[1] = (size_t)km__rd_varint(r, UINT16_MAX);
    in->ntags[2] = (size_t)km__rd_varint(r, UINT16_MAX);
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
        size_t k, t;
        km_partner *p;
        memset(&in, 0, offsetof(km__pin, tags)); /* every field is read below; the tags as far as ntags */
        if (!(compact ? read_compact : read_fixed)(r, &in, &version, &created, &updated))
            return km__snapshot_bad("truncated partner");
        km__snap_sl(r, compact, &in.name);
        km__snap_sl(r, compact, &in.external_id);
        km__snap_sl(r, compact, &in.region);
        km__snap_sl(r, compact, &in.email);
        km__snap_sl(r, compact, &in.phone);
        km__snap_sl(r, compact, &in.website);
        km__snap_sl(r, compact, &in.reason);
        for (k = 0; k < 3; k++) {
            if (in.ntags[k] > KM_TAGS_MAX) return km__snapshot_bad("tag count");
            for (t = 0; t < in.ntags[k]; t++) km__snap_sl(r, compact, &in.tags[k][t]);
        }
        if (r->err) return km__snapshot_bad("truncated partner");
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
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("partner count");
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
