/* The partner section of a snapshot: every current record, in id order.
 * Loading validates each record like a change would (a snapshot is a cache
 * that a host could tamper with; the log stays the authority) and rebuilds
 * the indexes. */
#include "partner/partner.h"
#include "network/snapshot.h"

#include <stddef.h>
#include <string.h>

/* Byte offsets of a partner's fixed fields (docs/format.md), which the
 * writer and the reader both use. */
enum {
    F_VERSION = 0, F_CREATED = 4, F_UPDATED = 12, F_KIND = 20, F_STATUS = 21, F_N_SECTORS = 22, F_N_CAPS = 24,
    F_N_NEEDS = 26, FIXED_BYTES = 28
};

int km__partner_snapshot_put(km_network *net, km__buf *b)
{
    const km__partners *ps = &net->partners;
    size_t i;
    int rc = km__buf_put_u64(b, ps->n);
    for (i = 0; rc == 0 && i < ps->n; i++) {
        const km_partner *p = ps->by_id[i];
        size_t t, nt = (size_t)p->n_sectors + p->n_caps + p->n_needs;
        uint8_t f[FIXED_BYTES];
        if ((rc = km__buf_spill(b)) != 0) break;
        km__put_u32_at(f + F_VERSION, p->version);
        km__put_u64_at(f + F_CREATED, (uint64_t)p->created);
        km__put_u64_at(f + F_UPDATED, (uint64_t)p->updated);
        f[F_KIND] = p->kind;
        f[F_STATUS] = p->status;
        km__put_u16_at(f + F_N_SECTORS, p->n_sectors);
        km__put_u16_at(f + F_N_CAPS, p->n_caps);
        km__put_u16_at(f + F_N_NEEDS, p->n_needs);
        rc = km__buf_put(b, f, FIXED_BYTES);
        if (rc == 0) rc = km__buf_put_strn(b, km__pt_name(p), p->name_len);
        if (rc == 0) rc = km__buf_put_strn(b, km__pt_external_id(p), p->external_id_len);
        if (rc == 0) rc = km__buf_put_str(b, km__pt_region(p));
        if (rc == 0) rc = km__buf_put_str(b, km__pt_str(p, KM__PS_EMAIL));
        if (rc == 0) rc = km__buf_put_str(b, km__pt_str(p, KM__PS_PHONE));
        if (rc == 0) rc = km__buf_put_str(b, km__pt_str(p, KM__PS_WEBSITE));
        if (rc == 0) rc = km__buf_put_str(b, km__pt_str(p, KM__PS_REASON));
        for (t = 0; rc == 0 && t < nt; t++) rc = km__buf_put_str(b, km__pt_tag(p, t));
    }
    return rc;
}

/* Reads the n partners of the section into the registry, unindexed. */
static int load_partners(km_network *net, km__rd *r, uint64_t n, km__slab *slab)
{
    km__partners *ps = &net->partners;
    uint64_t i;
    km__pin in;
    int rc;
    if ((rc = km__grow(net->a, (void **)&ps->by_id, &ps->cap, (size_t)n, sizeof *ps->by_id)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&ps->name_key, &ps->cap_key, (size_t)n, sizeof *ps->name_key)) != 0) return rc;
    for (i = 0; i < n; i++) {
        /* The fixed fields after one bounds check. */
        const uint8_t *q = km__rd_bytes(r, FIXED_BYTES);
        uint32_t version;
        int64_t created, updated;
        size_t k, t;
        km_partner *p;
        if (!q) return km__snapshot_bad("truncated partner");
        memset(&in, 0, offsetof(km__pin, tags)); /* every field is read below; the tags as far as ntags */
        version = km__get_u32_at(q + F_VERSION);
        created = (int64_t)km__get_u64_at(q + F_CREATED);
        updated = (int64_t)km__get_u64_at(q + F_UPDATED);
        in.kind = q[F_KIND];
        in.status = q[F_STATUS];
        in.ntags[0] = km__get_u16_at(q + F_N_SECTORS);
        in.ntags[1] = km__get_u16_at(q + F_N_CAPS);
        in.ntags[2] = km__get_u16_at(q + F_N_NEEDS);
        km__rd_sl(r, &in.name);
        km__rd_sl(r, &in.external_id);
        km__rd_sl(r, &in.region);
        km__rd_sl(r, &in.email);
        km__rd_sl(r, &in.phone);
        km__rd_sl(r, &in.website);
        km__rd_sl(r, &in.reason);
        for (k = 0; k < 3; k++) {
            if (in.ntags[k] > KM_TAGS_MAX) return km__snapshot_bad("tag count");
            for (t = 0; t < in.ntags[k]; t++) km__rd_sl(r, &in.tags[k][t]);
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

int km__partner_snapshot_load(km_network *net, km__rd *r)
{
    km__partners *ps = &net->partners;
    uint64_t n = km__rd_u64(r);
    km__slab slab;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("partner count");
    km__slab_init(&slab, net->ctx);
    rc = load_partners(net, r, n, &slab);
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
