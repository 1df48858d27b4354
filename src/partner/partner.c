/* Partner records and handles, and the public functions that turn a
 * request into an event payload. Validation and state changes happen in
 * partner_ops.c, on the decoded payload, so live changes and log replay go
 * through exactly the same checks. */
#include "partner/partner.h"

#include <stddef.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__partner, km_partner)

/* The header is 48 bytes on 64-bit hosts (the tag numbers start there),
 * the string lengths it keeps fit their bytes, and the string bits theirs. */
typedef char km__partner_header_size[sizeof(void *) != 8 || offsetof(km_partner, tag_id) == 48 ? 1 : -1];
typedef char km__partner_lengths_fit[KM_PARTNER_NAME_MAX <= 255 && KM_PARTNER_EXTERNAL_ID_MAX <= 255 &&
                                             KM__PS__COUNT <= 8 ? 1 : -1];

km_partner *km__partner_build(km_network *net, km__slab *slab, km__cell_sizes *cell, const km__pin *in, uint64_t id,
                              uint32_t version, int64_t created, int64_t updated)
{
    int placed;
    km__ctx *ctx;
    const km__sl *strs[KM__PS__COUNT];
    size_t ntags = in->ntags[0] + in->ntags[1] + in->ntags[2];
    /* tag_id[1] is part of the struct; a record without tags still has it. */
    size_t head = offsetof(km_partner, tag_id) + (ntags ? ntags : 1) * sizeof(uint32_t);
    size_t size = head;
    size_t i, k, t;
    uint32_t ids[3 * KM_TAGS_MAX];
    km_partner *p;
    char *at;
    /* The tags' numbers first: a failure here leaves nothing allocated
     * but the vocabulary's growth, which no reader sees. */
    for (k = 0, t = 0; k < 3; k++)
        for (i = 0; i < in->ntags[k]; i++)
            if (km__vocab_intern(net->ctx->vocab, in->tags[k][i].p, in->tags[k][i].n, &ids[t++]) != 0) return NULL;
    strs[KM__PS_NAME] = &in->name;
    strs[KM__PS_EXTERNAL_ID] = &in->external_id;
    strs[KM__PS_REGION] = &in->region;
    strs[KM__PS_EMAIL] = &in->email;
    strs[KM__PS_PHONE] = &in->phone;
    strs[KM__PS_WEBSITE] = &in->website;
    strs[KM__PS_REASON] = &in->reason;
    for (k = 0; k < KM__PS__COUNT; k++) size += km__sl_size(strs[k]);
    p = (km_partner *)km__cells_alloc(&net->partners.cells, cell, net->ctx, slab, id, size, &ctx, &placed);
    if (!p) return NULL;
    memset(p, 0, head);
    p->cell = placed ? KM__CELL_PLACED : 0;
    p->refs = 1;
    p->version = version;
    p->ctx = ctx;
    p->id = id;
    p->created = created;
    p->updated = updated;
    p->kind = (uint8_t)in->kind;
    p->status = (uint8_t)in->status;
    p->n_sectors = (uint8_t)in->ntags[0];
    p->n_caps = (uint8_t)in->ntags[1];
    p->n_needs = (uint8_t)in->ntags[2];
    p->name_len = (uint8_t)in->name.n;
    p->external_id_len = (uint8_t)in->external_id.n;
    p->region_len = (uint8_t)(in->region.p ? in->region.n : 0); /* validated: at most 13 */
    /* The strings in KM__PS_* order after the tags, the ones a lookup
     * reads (name, external id, region) first (km__pt_str finds them). */
    at = (char *)p + head;
    for (k = 0; k < KM__PS__COUNT; k++)
        if (km__sl_copy(&at, strs[k])) p->strs |= (uint8_t)(1u << k);
    if (ntags) memcpy(p->tag_id, ids, ntags * sizeof *ids);
    return p;
}

void km__pin_from_record(km__pin *in, const km_partner *p)
{
    size_t i, k, t = 0;
    in->name.p = km__pt_name(p); in->name.n = p->name_len;
    in->external_id.p = km__pt_external_id(p); in->external_id.n = p->external_id_len;
    in->region = km__sl_of(km__pt_region(p));
    in->email = km__sl_of(km__pt_str(p, KM__PS_EMAIL));
    in->phone = km__sl_of(km__pt_str(p, KM__PS_PHONE));
    in->website = km__sl_of(km__pt_str(p, KM__PS_WEBSITE));
    in->reason = km__sl_of(km__pt_str(p, KM__PS_REASON));
    in->kind = p->kind;
    in->status = p->status;
    in->ntags[0] = p->n_sectors;
    in->ntags[1] = p->n_caps;
    in->ntags[2] = p->n_needs;
    for (k = 0; k < 3; k++)
        for (i = 0; i < in->ntags[k]; i++) in->tags[k][i] = km__sl_of(km__pt_tag(p, t++));
}

/* ---- public: changes ---- */

static int check_fields(const km_partner_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_PARTNER_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

/* Optional strings: NULL and "" both mean "not set", so neither is written. */
static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s && *s ? km__fw_str(b, tag, s) : 0;
}

static int encode_fields(km__buf *b, const km_partner_fields *f, uint32_t mask)
{
    int rc = 0;
    if (mask & KM_PARTNER_F_NAME && f->name) rc = km__fw_str(b, KM__PT_NAME, f->name);
    if (!rc && mask & KM_PARTNER_F_EXTERNAL_ID && f->external_id) rc = km__fw_str(b, KM__PT_EXTERNAL_ID, f->external_id);
    if (!rc && mask & KM_PARTNER_F_KIND) {
        /* Negative kinds would wrap to huge unsigned values; the validator
         * then names them as out of range. */
        rc = km__fw_u64(b, KM__PT_KIND, (uint64_t)(int64_t)f->kind);
    }
    if (!rc && mask & KM_PARTNER_F_REGION) rc = put_opt(b, KM__PT_REGION, f->region);
    if (!rc && mask & KM_PARTNER_F_EMAIL) rc = put_opt(b, KM__PT_EMAIL, f->email);
    if (!rc && mask & KM_PARTNER_F_PHONE) rc = put_opt(b, KM__PT_PHONE, f->phone);
    if (!rc && mask & KM_PARTNER_F_WEBSITE) rc = put_opt(b, KM__PT_WEBSITE, f->website);
    if (!rc && mask & KM_PARTNER_F_SECTORS && f->sectors_count)
        rc = km__fw_strs(b, KM__PT_SECTORS, f->sectors, f->sectors_count, "partner.sectors");
    if (!rc && mask & KM_PARTNER_F_CAPABILITIES && f->capabilities_count)
        rc = km__fw_strs(b, KM__PT_CAPABILITIES, f->capabilities, f->capabilities_count, "partner.capabilities");
    if (!rc && mask & KM_PARTNER_F_NEEDS && f->needs_count)
        rc = km__fw_strs(b, KM__PT_NEEDS, f->needs, f->needs_count, "partner.needs");
    return rc;
}

int km_partner_create(uint64_t *out_id, km_network *net, const km_partner_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    /* The external id's uniqueness probe is a cache miss at a million
     * partners: start it now, so that it overlaps the encoding, the
     * parsing and the validation instead of following them. */
    if (fields->external_id)
        km__idmap_prefetch(&net->partners.by_ext, fields->external_id, strlen(fields->external_id));
    km__buf_reset(&net->scratch);
    rc = encode_fields(&net->scratch, fields, KM_PARTNER_F_ALL);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_PARTNER, KM__OP_PARTNER_CREATE, 0, net->scratch.data, net->scratch.len, out_id);
}

int km_partner_update(km_network *net, uint64_t id, const km_partner_fields *fields, uint32_t mask)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__PT_MASK, mask);
    if (rc == 0) rc = encode_fields(&net->scratch, fields, mask);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_PARTNER, KM__OP_PARTNER_UPDATE, id, net->scratch.data, net->scratch.len, NULL);
}

int km_partner_set_status(km_network *net, uint64_t id, int status, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__PT_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0) rc = put_opt(&net->scratch, KM__PT_REASON, reason);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_PARTNER, KM__OP_PARTNER_STATUS, id, net->scratch.data, net->scratch.len, NULL);
}

int km_partner_archive(km_network *net, uint64_t id, const char *reason)
{
    return km_partner_set_status(net, id, KM_PARTNER_ARCHIVED, reason);
}

/* ---- public: reads ---- */

static int not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "partner.id", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                   (unsigned long long)id);
}

km_partner *km__partner_lookup(const km__partners *ps, uint64_t id)
{
    km_partner *p;
    if (id == 0 || id > ps->n) return NULL;
    p = (km_partner *)km__cells_current(&ps->cells, id);
    return p ? p : ps->by_id[id - 1];
}

int km_partner_get(km_partner **out, km_network *net, uint64_t id)
{
    km_partner *p;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    p = km__partner_lookup(&net->partners, id);
    if (!p) return not_found(id);
    km__partner_ref(p);
    *out = p;
    return 0;
}

int km_partner_get_by_external_id(km_partner **out, km_network *net, const char *external_id)
{
    uint64_t id;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!external_id) return km__err(KM_EINVAL, "external_id", "must not be NULL", "tidak boleh NULL");
    if (!km__idmap_get(&net->partners.by_ext, external_id, strlen(external_id), &id))
        return km__err(KM_ENOTFOUND, "partner.external_id", "no partner with external id \"%.100s\"",
                       "tidak ada mitra dengan pengenal eksternal \"%.100s\"", external_id);
    return km_partner_get(out, net, id);
}

void km_partner_free(km_partner *p) { km__partner_unref(p); }

uint64_t km_partner_id(const km_partner *p) { return p ? p->id : 0; }
const char *km_partner_name(const km_partner *p) { return p ? km__pt_name(p) : NULL; }
const char *km_partner_external_id(const km_partner *p) { return p ? km__pt_external_id(p) : NULL; }
int km_partner_kind_of(const km_partner *p) { return p ? p->kind : -1; }
const char *km_partner_region(const km_partner *p) { return p ? km__pt_region(p) : NULL; }
const char *km_partner_email(const km_partner *p) { return p ? km__pt_str(p, KM__PS_EMAIL) : NULL; }
const char *km_partner_phone(const km_partner *p) { return p ? km__pt_str(p, KM__PS_PHONE) : NULL; }
const char *km_partner_website(const km_partner *p) { return p ? km__pt_str(p, KM__PS_WEBSITE) : NULL; }
int km_partner_status_of(const km_partner *p) { return p ? p->status : -1; }
const char *km_partner_status_reason(const km_partner *p) { return p ? km__pt_str(p, KM__PS_REASON) : NULL; }
int64_t km_partner_created(const km_partner *p) { return p ? p->created : 0; }
int64_t km_partner_updated(const km_partner *p) { return p ? p->updated : 0; }
uint32_t km_partner_version(const km_partner *p) { return p ? p->version : 0; }
size_t km_partner_sector_count(const km_partner *p) { return p ? p->n_sectors : 0; }
size_t km_partner_capability_count(const km_partner *p) { return p ? p->n_caps : 0; }
size_t km_partner_need_count(const km_partner *p) { return p ? p->n_needs : 0; }

const char *km_partner_sector(const km_partner *p, size_t i)
{
    return p && i < p->n_sectors ? km__pt_tag(p, i) : NULL;
}

const char *km_partner_capability(const km_partner *p, size_t i)
{
    return p && i < p->n_caps ? km__pt_tag(p, (size_t)p->n_sectors + i) : NULL;
}

const char *km_partner_need(const km_partner *p, size_t i)
{
    return p && i < p->n_needs ? km__pt_tag(p, (size_t)p->n_sectors + p->n_caps + i) : NULL;
}
