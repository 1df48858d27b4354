/* Partner events: decode, validate, apply with undo. The same functions run
 * for live changes and for log replay (ap->replay), so the log can only
 * ever hold what validation accepts. */
#include "partner/partner.h"

#include <stddef.h>
#include <string.h>

static const km__fdesc schema[] = {
    { KM__PT_NAME, KM__T_STR, "name" },
    { KM__PT_EXTERNAL_ID, KM__T_STR, "external_id" },
    { KM__PT_KIND, KM__T_U64, "kind" },
    { KM__PT_REGION, KM__T_STR, "region" },
    { KM__PT_EMAIL, KM__T_STR, "email" },
    { KM__PT_PHONE, KM__T_STR, "phone" },
    { KM__PT_WEBSITE, KM__T_STR, "website" },
    { KM__PT_SECTORS, KM__T_STRS, "sectors" },
    { KM__PT_CAPABILITIES, KM__T_STRS, "capabilities" },
    { KM__PT_NEEDS, KM__T_STRS, "needs" },
    { KM__PT_MASK, KM__T_U64, "fields" },
    { KM__PT_STATUS, KM__T_U64, "status" },
    { KM__PT_REASON, KM__T_STR, "reason" },
};

static int get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int get_tags(const km__fields *f, uint16_t tag, const char *field, km__sl *out, size_t *n)
{
    km__strs s;
    size_t pos = 0, i;
    int rc = km__fields_strs(f, tag, &s);
    *n = 0;
    if (rc <= 0) return rc;
    if (s.count > KM_TAGS_MAX)
        return km__err(KM_EINVAL, field, "has more than %d tags", "lebih dari %d tag", KM_TAGS_MAX);
    for (i = 0; i < s.count; i++) out[i].p = km__strs_next(&s, &pos, &out[i].n);
    *n = s.count;
    return 0;
}

/* Reads the fields selected by mask from the payload into in. */
static int decode(const km__fields *f, uint32_t mask, km__pin *in)
{
    int rc = 0;
    if (mask & KM_PARTNER_F_NAME) rc = get_str(f, KM__PT_NAME, &in->name);
    if (!rc && mask & KM_PARTNER_F_EXTERNAL_ID) rc = get_str(f, KM__PT_EXTERNAL_ID, &in->external_id);
    if (!rc && mask & KM_PARTNER_F_KIND) {
        rc = km__fields_u64(f, KM__PT_KIND, &in->kind);
        if (rc == 0) rc = km__err(KM_EINVAL, "partner.kind", "is required", "wajib diisi");
        else if (rc == 1) rc = 0;
    }
    if (!rc && mask & KM_PARTNER_F_REGION) rc = get_str(f, KM__PT_REGION, &in->region);
    if (!rc && mask & KM_PARTNER_F_EMAIL) rc = get_str(f, KM__PT_EMAIL, &in->email);
    if (!rc && mask & KM_PARTNER_F_PHONE) rc = get_str(f, KM__PT_PHONE, &in->phone);
    if (!rc && mask & KM_PARTNER_F_WEBSITE) rc = get_str(f, KM__PT_WEBSITE, &in->website);
    if (!rc && mask & KM_PARTNER_F_SECTORS)
        rc = get_tags(f, KM__PT_SECTORS, "partner.sectors", in->tags[KM__TAGS_SECTORS], &in->ntags[KM__TAGS_SECTORS]);
    if (!rc && mask & KM_PARTNER_F_CAPABILITIES)
        rc = get_tags(f, KM__PT_CAPABILITIES, "partner.capabilities", in->tags[KM__TAGS_CAPS], &in->ntags[KM__TAGS_CAPS]);
    if (!rc && mask & KM_PARTNER_F_NEEDS)
        rc = get_tags(f, KM__PT_NEEDS, "partner.needs", in->tags[KM__TAGS_NEEDS], &in->ntags[KM__TAGS_NEEDS]);
    return rc;
}

int km__partner_validate(const km__pin *in)
{
    int rc;
    if (!in->name.p) return km__err(KM_EINVAL, "partner.name", "is required", "wajib diisi");
    if ((rc = km__v_text("partner.name", in->name.p, in->name.n, 1, KM_PARTNER_NAME_MAX, 0)) != 0) return rc;
    if (!in->external_id.p) return km__err(KM_EINVAL, "partner.external_id", "is required", "wajib diisi");
    if ((rc = km__v_external_id("partner.external_id", in->external_id.p, in->external_id.n)) != 0) return rc;
    if ((rc = km__v_enum("partner.kind", in->kind, KM_PARTNER_KIND__COUNT)) != 0) return rc;
    if (in->region.p && (rc = km__v_region("partner.region", in->region.p, in->region.n)) != 0) return rc;
    if (in->email.p && (rc = km__v_email("partner.email", in->email.p, in->email.n)) != 0) return rc;
    if (in->phone.p && (rc = km__v_phone("partner.phone", in->phone.p, in->phone.n)) != 0) return rc;
    if (in->website.p && (rc = km__v_url("partner.website", in->website.p, in->website.n)) != 0) return rc;
    if ((rc = km__v_tags("partner.sectors", in->tags[0], in->ntags[0])) != 0) return rc;
    if ((rc = km__v_tags("partner.capabilities", in->tags[1], in->ntags[1])) != 0) return rc;
    if ((rc = km__v_tags("partner.needs", in->tags[2], in->ntags[2])) != 0) return rc;
    if ((rc = km__v_enum("partner.status", in->status, KM_PARTNER_STATUS__COUNT)) != 0) return rc;
    if (in->reason.p && (rc = km__v_text("partner.reason", in->reason.p, in->reason.n, 0, KM_PARTNER_REASON_MAX, 1)) != 0)
        return rc;
    return 0;
}

/* The external id held by another partner than self: KM_EEXISTS. tag is
 * its km__idmap_tag. */
static int ext_taken(const km__partners *ps, const km__sl *ext, uint64_t tag, uint64_t self)
{
    uint64_t other;
    if (km__idmap_get_tag(&ps->by_ext, ext->p, ext->n, tag, &other) && other != self)
        return km__err(KM_EEXISTS, "partner.external_id", "\"%.*s\" is already used by partner %llu",
                       "\"%.*s\" sudah dipakai mitra %llu", (int)ext->n, ext->p, (unsigned long long)other);
    return 0;
}

/* ---- create ---- */

static void undo_create(km_network *net, km__undo *u)
{
    km__partners *ps = &net->partners;
    /* The registry's record, not the one created: a later change in the
     * transaction may have moved it out of its cell (see vacate), and the
     * changes after the creation are undone by now, so the array holds the
     * created version or its copy, the last id. */
    km_partner *p = ps->by_id[u->id - 1];
    if (p->id <= ps->indexed) { /* else its memberships were never added */
        km__partner_index_remove(ps, p);
        ps->indexed = p->id - 1;
    }
    km__idmap_remove(&ps->by_ext, km__pt_external_id(p), p->external_id_len, p->id);
    km__partner_name_changed(ps, p->id);
    ps->count_status[p->status]--;
    ps->by_id[--ps->n] = NULL;
    km__cells_mark(&p->cell, 0);
    km__partner_unref(p);
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__partners *ps = &net->partners;
    km__pin in;
    km_partner *p;
    uint64_t id = ps->n + 1;
    uint64_t ext_tag = 0;
    int rc;

    /* The unique index of external ids holds 32-bit ids (util/idmap.h). */
    if (id > UINT32_MAX)
        return km__apply_fail(ap, km__err(KM_ERANGE, "partner.id", "the registry holds at most %lu partners",
                                          "registri memuat paling banyak %lu mitra", (unsigned long)UINT32_MAX));
    memset(&in, 0, offsetof(km__pin, tags)); /* the tag arrays are filled as far as ntags says */
    if ((rc = decode(&ap->f, KM_PARTNER_F_ALL, &in)) != 0) return km__apply_fail(ap, rc);
    /* The uniqueness probe below is a cache miss at a million partners:
     * start it now, so that it overlaps the validation (a live change
     * started it in km_partner_create already). */
    if (in.external_id.p) { /* hashed once for the prefetch, the probe and the put */
        ext_tag = km__idmap_tag(in.external_id.p, in.external_id.n);
        if (ap->replay) km__idmap_prefetch_tag(&ps->by_ext, ext_tag);
    }
    in.status = KM_PARTNER_ACTIVE;
    if ((rc = km__partner_validate(&in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = ext_taken(ps, &in.external_id, ext_tag, 0)) != 0) return km__apply_fail(ap, rc);
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "partner.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);

    /* Everything that can fail comes before the first visible change. */
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&ps->by_id, &ps->cap, ps->n + 1, sizeof *ps->by_id)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&ps->name_key, &ps->cap_key, ps->n + 1, sizeof *ps->name_key)) != 0) return rc;
    if ((rc = km__idmap_reserve(&ps->by_ext, 1)) != 0) return rc;
    p = km__partner_build(net, NULL, &ps->cells.sizes, &in, id, 1, ap->time, ap->time);
    if (!p) return km__nomem();
    /* Not indexed yet: km__partner_index_flush() adds it with the rest of
     * its transaction (at commit, or before the indexes are used). */
    ps->name_key[ps->n] = km__name_key(km__pt_name(p), p->name_len);
    ps->by_id[ps->n++] = p;
    km__cells_mark(&p->cell, 1);
    km__idmap_put_tag(&ps->by_ext, km__pt_external_id(p), p->external_id_len, ext_tag, id); /* reserved, id checked: cannot fail */
    ps->count_status[p->status]++;
    km__undo_push(net, undo_create, NULL, id, NULL);
    ap->id = id;
    return 0;
}

/* ---- replace (update and status) ---- */

static int same_name(const km_partner *a, const km_partner *b)
{
    return a->name_len == b->name_len && memcmp(km__pt_name(a), km__pt_name(b), a->name_len) == 0;
}

static void undo_replace(km_network *net, km__undo *u)
{
    km__partners *ps = &net->partners;
    km_partner *old = (km_partner *)u->ptr;
    km_partner *cur = ps->by_id[u->id - 1];
    /* Re-adding values removed by the change cannot allocate (idset and
     * postings keep their capacity), so undo cannot fail. */
    km__partner_index_replace(ps, cur, old);
    km__idmap_rekey(&ps->by_ext, km__pt_external_id(cur), cur->external_id_len, km__pt_external_id(old),
                    old->external_id_len, u->id); /* the old key was there before: cannot fail */
    if (!same_name(cur, old)) km__partner_name_changed(ps, u->id);
    ps->name_key[u->id - 1] = km__name_key(km__pt_name(old), old->name_len);
    ps->count_status[cur->status]--;
    ps->count_status[old->status]++;
    ps->by_id[u->id - 1] = old;
    km__cells_mark(&old->cell, 1);
    km__cells_mark(&cur->cell, 0); /* a version built in the cell (see vacate) leaves it */
    km__partner_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__partner_unref((km_partner *)u->ptr);
}

/* Makes room in its cell for the version that replaces *old: when *old is
 * the current version in its cell and nothing but the registry holds it,
 * an identical copy of it is built elsewhere and takes its place (in the
 * id array and in *in, whose unchanged strings point into it), and *old
 * becomes that copy, which the undo step keeps.
 * The new version then takes the cell, so that a partner edited since the
 * open is still read in one cache miss (network/cells.h) rather than
 * through the id array, and its first version's cell is not left empty
 * until close. A handle on *old (a caller that read the partner before
 * changing it) keeps the cell busy: the new version goes elsewhere, as
 * does every version when the copy cannot be allocated. Never fails; the
 * copy is the same partner, so a change that fails after it leaves the
 * registry as it was to every reader. */
static void vacate(km_network *net, km_partner **old, km__pin *in)
{
    km__partners *ps = &net->partners;
    km_partner *o = *old, *copy;
    km__pin cur;
    size_t span, k, i;
    if (!km__cells_vacatable(&o->cell, &o->refs)) return;
    km__pin_from_record(&cur, o);
    /* The same inputs give the same layout: every string at its offset. */
    copy = km__partner_build(net, NULL, NULL, &cur, o->id, o->version, o->created, o->updated);
    if (!copy) return;
    span = km__cells_stride(&ps->cells, o->id);
    km__sl_rebase(&in->name, o, span, copy);
    km__sl_rebase(&in->external_id, o, span, copy);
    km__sl_rebase(&in->region, o, span, copy);
    km__sl_rebase(&in->email, o, span, copy);
    km__sl_rebase(&in->phone, o, span, copy);
    km__sl_rebase(&in->website, o, span, copy);
    km__sl_rebase(&in->reason, o, span, copy);
    for (k = 0; k < 3; k++)
        for (i = 0; i < in->ntags[k]; i++) km__sl_rebase(&in->tags[k][i], o, span, copy);
    /* The external-id index keeps the id, not the bytes: nothing to do. */
    ps->by_id[o->id - 1] = copy;
    km__cells_mark(&o->cell, 0);
    km__partner_unref(o); /* the registry's reference, the last: the cell is free */
    *old = copy;
}

static int replace(km_network *net, km__apply *ap, km_partner *old, km__pin *in)
{
    km__partners *ps = &net->partners;
    km_partner *p;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__idmap_reserve(&ps->by_ext, 1)) != 0) return rc;
    /* Created in this transaction and not indexed yet: index it (and
     * those before it) first, so that the swap below and its undo work on
     * indexed memberships, whose removal and re-adding never allocate. */
    if ((rc = km__partner_index_flush(ps)) != 0) return rc;
    vacate(net, &old, in);
    p = km__partner_build(net, NULL, &ps->cells.sizes, in, old->id, old->version + 1, old->created, ap->time);
    if (!p) return km__nomem();
    if ((rc = km__partner_index_replace(ps, old, p)) != 0) {
        km__partner_unref(p);
        return rc;
    }
    km__idmap_rekey(&ps->by_ext, km__pt_external_id(old), old->external_id_len, km__pt_external_id(p), p->external_id_len,
                    p->id); /* reserved: cannot fail */
    if (!same_name(old, p)) km__partner_name_changed(ps, p->id);
    ps->name_key[p->id - 1] = km__name_key(km__pt_name(p), p->name_len);
    ps->count_status[old->status]--;
    ps->count_status[p->status]++;
    ps->by_id[old->id - 1] = p;
    km__cells_mark(&old->cell, 0); /* its cell no longer answers for the id */
    km__cells_mark(&p->cell, 1);   /* p's does, when p took it (see vacate) */
    km__undo_push(net, undo_replace, release_replace, old->id, old); /* the registry's ref moves to the undo step */
    ap->id = old->id;
    return 0;
}

static km_partner *find(km_network *net, km__apply *ap, int *rc)
{
    km_partner *p = km__partner_lookup(&net->partners, ap->ev.id);
    *rc = 0;
    if (!p)
        *rc = km__apply_fail(ap, km__err(KM_ENOTFOUND, "partner.id", "no partner with id %llu",
                                         "tidak ada mitra dengan id %llu", (unsigned long long)ap->ev.id));
    return p;
}

static int apply_update(km_network *net, km__apply *ap)
{
    km__pin in;
    uint64_t mask = 0;
    km_partner *old;
    int rc;
    if ((old = find(net, ap, &rc)) == NULL) return rc;
    rc = km__fields_u64(&ap->f, KM__PT_MASK, &mask);
    if (rc < 0) return km__apply_fail(ap, rc);
    if (mask == 0 || (mask & ~(uint64_t)KM_PARTNER_F_ALL) != 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask", "0x%llx is not a non-empty set of KM_PARTNER_F_* bits",
                                          "0x%llx bukan himpunan bit KM_PARTNER_F_* yang tidak kosong",
                                          (unsigned long long)mask));
    if (old->status == KM_PARTNER_ARCHIVED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner.status",
                                          "partner %llu is archived; reactivate it before editing",
                                          "mitra %llu diarsipkan; aktifkan kembali sebelum mengubah",
                                          (unsigned long long)old->id));
    km__pin_from_record(&in, old);
    if ((rc = decode(&ap->f, (uint32_t)mask, &in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__partner_validate(&in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = ext_taken(&net->partners, &in.external_id, km__idmap_tag(in.external_id.p, in.external_id.n), old->id)) != 0)
        return km__apply_fail(ap, rc);
    return replace(net, ap, old, &in);
}

static int apply_status(km_network *net, km__apply *ap)
{
    km__pin in;
    uint64_t status = 0;
    km_partner *old;
    km__sl reason;
    int rc;
    if ((old = find(net, ap, &rc)) == NULL) return rc;
    rc = km__fields_u64(&ap->f, KM__PT_STATUS, &status);
    if (rc == 0) rc = km__err(KM_EINVAL, "partner.status", "is required", "wajib diisi");
    if (rc < 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("partner.status", status, KM_PARTNER_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = get_str(&ap->f, KM__PT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if (status == old->status)
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner.status", "partner %llu is already %s",
                                          "mitra %llu sudah %s", (unsigned long long)old->id,
                                          km_partner_status_label(old->status, KM_LANG_EN)));
    if (status != KM_PARTNER_ACTIVE && !reason.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "partner.reason",
                                          "a reason is required to suspend or archive a partner",
                                          "alasan wajib diisi untuk menangguhkan atau mengarsipkan mitra"));
    km__pin_from_record(&in, old);
    in.status = status;
    in.reason = reason;
    if ((rc = km__partner_validate(&in)) != 0) return km__apply_fail(ap, rc);
    return replace(net, ap, old, &in);
}

const km__opdef km__partner_ops[] = {
    { KM_ENTITY_PARTNER, KM__OP_PARTNER_CREATE, "partner.create", apply_create, schema, sizeof schema / sizeof schema[0] },
    { KM_ENTITY_PARTNER, KM__OP_PARTNER_UPDATE, "partner.update", apply_update, schema, sizeof schema / sizeof schema[0] },
    { KM_ENTITY_PARTNER, KM__OP_PARTNER_STATUS, "partner.status", apply_status, schema, sizeof schema / sizeof schema[0] },
};
const size_t km__partner_ops_count = sizeof km__partner_ops / sizeof km__partner_ops[0];
