/* Agreement records and handles, and the public functions that turn a
 * request into an event payload. Validation and state changes happen in the
 * apply functions (agreement_ops.c, agreement_lifecycle.c, amendment.c,
 * milestone.c, risk.c) on the decoded payload, so live changes and log
 * replay go through exactly the same checks. */
#include "agreement/agreement.h"
#include "util/date.h"
#include "util/num.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__agreement, km_agreement)

int km__agr_ended(int status)
{
    return status == KM_AGREEMENT_COMPLETED || status == KM_AGREEMENT_TERMINATED ||
           status == KM_AGREEMENT_EXPIRED || status == KM_AGREEMENT_CANCELLED;
}

/* The seven single strings are addressed by 16-bit offsets: the furthest
 * any can end must fit. */
typedef char km__agreement_strings_fit[KM__AGREEMENT_STRINGS_END < 65536 ? 1 : -1];

/* The reference's length is kept in a byte. */
typedef char km__agr_reference_len_fits[KM_AGREEMENT_REFERENCE_MAX <= 255 ? 1 : -1];
/* n_sectors, n_parties and n_docs are one byte each, roles two, the
 * dimensions one. */
typedef char km__agr_sectors_fit[KM_TAGS_MAX <= 255 ? 1 : -1];
typedef char km__agr_parties_fit[KM_AGREEMENT_PARTIES_MAX <= 255 && KM_AGREEMENT_DOCUMENTS_MAX <= 255 ? 1 : -1];
typedef char km__agr_roles_fit[KM_ROLE_ALL <= 0xFFFF && KM_DIMENSION_ALL <= 0xFF ? 1 : -1];
/* The header is 64 bytes on 64-bit hosts: four parties and two 10-byte
 * strings (the benchmark's agreements) then fit a 112-byte cell. */
typedef char km__agr_header_size[sizeof(void *) != 8 || sizeof(struct km_agreement) == 64 ? 1 : -1];
typedef char km__agr_rare_aligned[sizeof(km__agr_rare) % 8 == 0 ? 1 : -1];

km_agreement *km__agr_build(km_network *net, km__slab *slab, km__cell_sizes *cell, const km__ain *in, uint64_t id,
                            uint32_t version, int64_t created, int64_t updated, int64_t version_time)
{
    km__ctx *ctx;
    const km__sl *strs[KM__AS__COUNT];
    char end_s[KM__DATE_BUF];
    km__sl end_sl = { NULL, 0 };
    size_t size, i;
    km_agreement *a;
    uint32_t *party_ids;
    uint16_t *roles;
    int64_t *signed_at;
    km__agr_rare *rare = NULL;
    km__agr_doc *docs;
    const char **sectors;
    char *s;
    unsigned flags = 0;
    int placed;
    strs[KM__AS_TITLE] = &in->title;
    strs[KM__AS_REFERENCE] = &in->reference;
    strs[KM__AS_PURPOSE] = &in->purpose;
    strs[KM__AS_REGION] = &in->region;
    strs[KM__AS_REASON] = &in->reason;
    strs[KM__AS_OVERRIDE] = &in->override;
    strs[KM__AS_RATIONALE] = &in->rationale;
    if (in->has_end) { /* the end date is a string of the table: most agreements have none */
        km__date_format(end_s, in->end);
        end_sl.p = end_s;
        end_sl.n = strlen(end_s);
    }
    strs[KM__AS_END] = &end_sl;
    for (i = 0; i < in->n_parties; i++)
        if (in->parties[i].signed_at != 0) flags |= KM__AG_SIGNED;
    if (version_time != created || in->framework || in->fw_version || in->amend_mask)
        flags |= KM__AG_RARE;
    for (i = KM__AS_HEAD; i < KM__AS__COUNT; i++)
        if (strs[i]->p) flags |= KM__AG_RARE;
    size = km__ag_docs_at(in->n_parties, flags) + in->n_docs * sizeof(km__agr_doc) + in->n_sectors * sizeof(char *);
    for (i = 0; i < KM__AS__COUNT; i++) size += km__sl_size(strs[i]);
    for (i = 0; i < in->n_sectors; i++) size += in->sectors[i].n + 1;
    for (i = 0; i < in->n_docs; i++) size += in->doc_uri[i].n + 1 + in->doc_sha[i].n + 1;
    /* The start date's text is the vocabulary's (km__ag_start_s). */
    if (in->has_start && km__vocab_day_ensure(net->ctx->vocab, in->start) != 0) return NULL;
    a = (km_agreement *)km__cells_alloc(&net->agreements.cells, cell, net->ctx, slab, id, size, &ctx, &placed);
    if (!a) return NULL;
    memset(a, 0, sizeof *a);
    a->cell = placed ? KM__CELL_PLACED : 0;
    a->refs = 1;
    a->version = version;
    a->ctx = ctx;
    a->id = id;
    a->created = created;
    a->updated = updated;
    a->flags = (uint8_t)(flags | (unsigned)in->dimensions << KM__AG_DIM_SHIFT); /* five bits, validated */
    a->type = (uint8_t)in->type;
    a->status = (uint8_t)in->status;
    a->start = in->has_start ? in->start : KM__AG_NO_START;
    a->value = in->value;
    if (in->currency.p && in->currency.n == 3) memcpy(a->currency, in->currency.p, 3);
    a->n_sectors = (uint8_t)in->n_sectors;
    a->n_parties = (uint8_t)in->n_parties;
    a->n_docs = (uint8_t)in->n_docs;
    /* Arrays first (the accessors of agreement_internal.h find them from
     * the counts and flags: km__ag_party() and after), then the strings. */
    party_ids = (uint32_t *)(void *)(a + 1);
    roles = (uint16_t *)(void *)(party_ids + in->n_parties);
    signed_at = (int64_t *)(void *)((char *)a + km__ag_after_parties(in->n_parties));
    if (flags & KM__AG_RARE) {
        rare = (km__agr_rare *)(void *)((char *)a + km__ag_rare_at(in->n_parties, flags));
        memset(rare, 0, sizeof *rare);
        rare->version_time = version_time;
        rare->framework_id = (uint32_t)in->framework; /* an existing framework's id, or checked by the loader */
        rare->framework_version = in->fw_version;
        rare->amend_mask = (uint32_t)in->amend_mask;
        rare->end = in->end;
    }
    docs = (km__agr_doc *)(void *)((char *)a + km__ag_docs_at(in->n_parties, flags));
    sectors = (const char **)(void *)(docs + in->n_docs);
    s = (char *)(sectors + in->n_sectors);
    for (i = 0; i < in->n_parties; i++) {
        party_ids[i] = (uint32_t)in->parties[i].partner;
        roles[i] = (uint16_t)in->parties[i].roles;
        if (flags & KM__AG_SIGNED) signed_at[i] = in->parties[i].signed_at;
    }
    for (i = 0; i < KM__AS_HEAD; i++) a->off[i] = km__sl_copy_off(&s, strs[i], a);
    for (; rare && i < KM__AS__COUNT; i++) rare->off[i - KM__AS_HEAD] = km__sl_copy_off(&s, strs[i], a);
    a->reference_len = (uint8_t)in->reference.n;
    for (i = 0; i < in->n_sectors; i++) sectors[i] = km__sl_copy(&s, &in->sectors[i]);
    for (i = 0; i < in->n_docs; i++) {
        docs[i].uri = km__sl_copy(&s, &in->doc_uri[i]);
        docs[i].sha256 = km__sl_copy(&s, &in->doc_sha[i]);
    }
    return a;
}

void km__ain_from_record(km__ain *in, const km_agreement *a)
{
    size_t i;
    memset(in, 0, offsetof(km__ain, sectors)); /* the arrays are filled below as far as they are used */
    in->title = km__sl_of(km__ag_title(a));
    in->reference.p = km__ag_reference(a);
    in->reference.n = a->reference_len;
    in->purpose = km__sl_of(km__ag_str(a, KM__AS_PURPOSE));
    in->region = km__sl_of(km__ag_region(a));
    in->currency = km__sl_of(a->currency[0] ? a->currency : NULL);
    in->reason = km__sl_of(km__ag_str(a, KM__AS_REASON));
    in->override = km__sl_of(km__ag_str(a, KM__AS_OVERRIDE));
    in->rationale = km__sl_of(km__ag_str(a, KM__AS_RATIONALE));
    in->type = a->type;
    in->status = a->status;
    in->framework = km__ag_framework(a);
    in->fw_version = km__ag_fw_version(a);
    in->dimensions = km__ag_dimensions(a);
    in->amend_mask = km__ag_amend_mask(a);
    in->has_start = km__ag_has_start(a);
    in->has_end = km__ag_has_end(a);
    in->start = in->has_start ? a->start : 0;
    in->end = km__ag_end(a);
    in->value = a->value;
    in->n_sectors = a->n_sectors;
    in->n_parties = a->n_parties;
    in->n_docs = a->n_docs;
    for (i = 0; i < a->n_sectors; i++) in->sectors[i] = km__sl_of(km__ag_sectors(a)[i]);
    for (i = 0; i < a->n_parties; i++) {
        in->parties[i].partner = km__ag_party(a, i);
        in->parties[i].roles = km__ag_roles(a, i);
        in->parties[i].signed_at = km__ag_signed_at(a, i);
    }
    for (i = 0; i < a->n_docs; i++) {
        in->doc_uri[i] = km__sl_of(km__ag_docs(a)[i].uri);
        in->doc_sha[i] = km__sl_of(km__ag_docs(a)[i].sha256);
    }
}

km__agr_slot *km__agreement_slot(const km__agreements *s, uint64_t id)
{
    if (id == 0 || id > s->n) return NULL;
    return &s->items[id - 1];
}

km_agreement *km__agr_current(km_network *net, uint64_t id)
{
    return km__agreement_slot(&net->agreements, id) ? km__agreement_current(&net->agreements, id) : NULL;
}

int km__agr_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "agreement.id", "no agreement with id %llu", "tidak ada perjanjian dengan id %llu",
                   (unsigned long long)id);
}

/* ---- public: changes ---- */

static int check_fields(const km_agreement_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_AGREEMENT_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s && *s ? km__fw_str(b, tag, s) : 0;
}

static int encode_parties(km__buf *b, const km_agreement_fields *f)
{
    char items[KM_AGREEMENT_PARTIES_MAX][48];
    const char *ptrs[KM_AGREEMENT_PARTIES_MAX];
    size_t i;
    if (f->parties_count > KM_AGREEMENT_PARTIES_MAX)
        return km__err(KM_EINVAL, "agreement.parties", "has more than %d parties", "lebih dari %d pihak",
                       KM_AGREEMENT_PARTIES_MAX);
    if (f->parties_count && (!f->party_ids || !f->party_roles))
        return km__err(KM_EINVAL, "agreement.parties", "party_ids and party_roles must not be NULL",
                       "party_ids dan party_roles tidak boleh NULL");
    for (i = 0; i < f->parties_count; i++) {
        size_t n = km__fmt_u64(items[i], f->party_ids[i]);
        items[i][n] = ':';
        (void)km__fmt_u64(items[i] + n + 1, f->party_roles[i]);
        ptrs[i] = items[i];
    }
    return km__fw_strs(b, KM__AT_PARTIES, ptrs, f->parties_count, "agreement.parties");
}

static int encode_documents(km__buf *b, const km_agreement_fields *f)
{
    km__buf tmp;
    const char *ptrs[KM_AGREEMENT_DOCUMENTS_MAX];
    size_t offs[KM_AGREEMENT_DOCUMENTS_MAX];
    size_t i;
    int rc = 0;
    if (f->documents_count > KM_AGREEMENT_DOCUMENTS_MAX)
        return km__err(KM_EINVAL, "agreement.documents", "has more than %d documents", "lebih dari %d dokumen",
                       KM_AGREEMENT_DOCUMENTS_MAX);
    if (f->documents_count && (!f->document_uris || !f->document_sha256))
        return km__err(KM_EINVAL, "agreement.documents", "document_uris and document_sha256 must not be NULL",
                       "document_uris dan document_sha256 tidak boleh NULL");
    km__buf_init(&tmp, b->a);
    /* Each element is "<sha256 hex> <uri>". */
    for (i = 0; rc == 0 && i < f->documents_count; i++) {
        if (!f->document_uris[i] || !f->document_sha256[i]) {
            rc = km__err(KM_EINVAL, "agreement.documents", "document %zu has a NULL URI or hash",
                         "dokumen %zu memiliki URI atau hash NULL", i);
            break;
        }
        offs[i] = tmp.len;
        rc = km__buf_put(&tmp, f->document_sha256[i], strlen(f->document_sha256[i]));
        if (rc == 0) rc = km__buf_put_u8(&tmp, ' ');
        if (rc == 0) rc = km__buf_put(&tmp, f->document_uris[i], strlen(f->document_uris[i]));
        if (rc == 0) rc = km__buf_put_u8(&tmp, 0);
    }
    if (rc == 0) {
        for (i = 0; i < f->documents_count; i++) ptrs[i] = (const char *)tmp.data + offs[i];
        rc = km__fw_strs(b, KM__AT_DOCUMENTS, ptrs, f->documents_count, "agreement.documents");
    }
    km__buf_free(&tmp);
    return rc;
}

static int encode_fields(km__buf *b, const km_agreement_fields *f, uint32_t mask)
{
    int rc = 0;
    if (mask & KM_AGREEMENT_F_TITLE && f->title) rc = km__fw_str(b, KM__AT_TITLE, f->title);
    if (!rc && mask & KM_AGREEMENT_F_REFERENCE && f->reference) rc = km__fw_str(b, KM__AT_REFERENCE, f->reference);
    if (!rc && mask & KM_AGREEMENT_F_TYPE) rc = km__fw_u64(b, KM__AT_TYPE, (uint64_t)(int64_t)f->type);
    if (!rc && mask & KM_AGREEMENT_F_PURPOSE) rc = put_opt(b, KM__AT_PURPOSE, f->purpose);
    if (!rc && mask & KM_AGREEMENT_F_SECTORS && f->sectors_count)
        rc = km__fw_strs(b, KM__AT_SECTORS, f->sectors, f->sectors_count, "agreement.sectors");
    if (!rc && mask & KM_AGREEMENT_F_REGION) rc = put_opt(b, KM__AT_REGION, f->region);
    if (!rc && mask & KM_AGREEMENT_F_START) rc = put_opt(b, KM__AT_START, f->start_date);
    if (!rc && mask & KM_AGREEMENT_F_END) rc = put_opt(b, KM__AT_END, f->end_date);
    if (!rc && mask & KM_AGREEMENT_F_VALUE) {
        if (f->currency) {
            rc = km__fw_i64(b, KM__AT_VALUE, f->value);
            if (!rc) rc = km__fw_str(b, KM__AT_CURRENCY, f->currency);
        } else if (f->value != 0) {
            rc = km__err(KM_EINVAL, "agreement.currency", "is required when a value is given",
                         "wajib diisi bila nilai diberikan");
        }
    }
    if (!rc && mask & KM_AGREEMENT_F_FRAMEWORK && f->framework_id) rc = km__fw_u64(b, KM__AT_FRAMEWORK, f->framework_id);
    if (!rc && mask & KM_AGREEMENT_F_DIMENSIONS && f->dimensions) rc = km__fw_u64(b, KM__AT_DIMENSIONS, f->dimensions);
    if (!rc && mask & KM_AGREEMENT_F_PARTIES && f->parties_count) rc = encode_parties(b, f);
    if (!rc && mask & KM_AGREEMENT_F_DOCUMENTS && f->documents_count) rc = encode_documents(b, f);
    return rc;
}

int km_agreement_create(uint64_t *out_id, km_network *net, const km_agreement_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    /* The reference's uniqueness probe is a cache miss at a million
     * agreements: start it now, so that it overlaps the encoding, the
     * parsing and the validation instead of following them. */
    if (fields->reference) km__idmap_prefetch(&net->agreements.by_ref, fields->reference, strlen(fields->reference));
    km__buf_reset(&net->scratch);
    if ((rc = encode_fields(&net->scratch, fields, KM_AGREEMENT_F_ALL)) != 0) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

static int edit(km_network *net, uint64_t id, const km_agreement_fields *fields, uint32_t mask, const char *rationale,
                uint16_t op)
{
    int rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_MASK, mask);
    if (rc == 0) rc = encode_fields(&net->scratch, fields, mask);
    if (rc == 0) rc = put_opt(&net->scratch, KM__AT_RATIONALE, rationale);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, op, id, net->scratch.data, net->scratch.len, NULL);
}

int km_agreement_update(km_network *net, uint64_t id, const km_agreement_fields *fields, uint32_t mask)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    return edit(net, id, fields, mask, NULL, KM__OP_AGREEMENT_UPDATE);
}

int km_agreement_amend(km_network *net, uint64_t id, const km_agreement_fields *fields, uint32_t mask,
                       const char *rationale)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    return edit(net, id, fields, mask, rationale, KM__OP_AGREEMENT_AMEND);
}

/* Party changes rewrite the whole party list: an update before signing, an
 * amendment after. */
static int change_parties(km_network *net, uint64_t id, uint64_t partner, uint32_t roles, int add,
                          const char *rationale)
{
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    uint64_t ids[KM_AGREEMENT_PARTIES_MAX + 1];
    uint32_t rl[KM_AGREEMENT_PARTIES_MAX + 1];
    km_agreement *a;
    size_t i, n = 0;
    int found = 0, rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    a = km__agr_current(net, id);
    if (!a) return km__agr_not_found(id);
    for (i = 0; i < a->n_parties; i++) {
        if (km__ag_party(a, i) == partner) {
            found = 1;
            if (!add) continue;
        }
        ids[n] = km__ag_party(a, i);
        rl[n++] = km__ag_roles(a, i);
    }
    if (add && found)
        return km__err(KM_EEXISTS, "agreement.parties", "partner %llu already is a party of agreement %llu",
                       "mitra %llu sudah menjadi pihak perjanjian %llu", (unsigned long long)partner,
                       (unsigned long long)id);
    if (!add && !found)
        return km__err(KM_ENOTFOUND, "agreement.parties", "partner %llu is not a party of agreement %llu",
                       "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)partner, (unsigned long long)id);
    if (add) {
        ids[n] = partner;
        rl[n++] = roles;
    }
    f.party_ids = ids;
    f.party_roles = rl;
    f.parties_count = n;
    if (a->status == KM_AGREEMENT_DRAFT || a->status == KM_AGREEMENT_PROPOSED)
        return edit(net, id, &f, KM_AGREEMENT_F_PARTIES, NULL, KM__OP_AGREEMENT_UPDATE);
    return edit(net, id, &f, KM_AGREEMENT_F_PARTIES, rationale, KM__OP_AGREEMENT_AMEND);
}

int km_agreement_add_party(km_network *net, uint64_t id, uint64_t partner_id, uint32_t roles, const char *rationale)
{
    return change_parties(net, id, partner_id, roles, 1, rationale);
}

int km_agreement_remove_party(km_network *net, uint64_t id, uint64_t partner_id, const char *rationale)
{
    return change_parties(net, id, partner_id, 0, 0, rationale);
}

int km_agreement_transition(km_network *net, uint64_t id, int status, const char *reason,
                            const char *override_justification)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0) rc = put_opt(&net->scratch, KM__AT_REASON, reason);
    if (rc == 0) rc = put_opt(&net->scratch, KM__AT_OVERRIDE, override_justification);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_TRANSITION, id, net->scratch.data, net->scratch.len,
                      NULL);
}

int km_agreement_propose(km_network *net, uint64_t id, const char *reason)
{
    return km_agreement_transition(net, id, KM_AGREEMENT_PROPOSED, reason, NULL);
}

int km_agreement_activate(km_network *net, uint64_t id, const char *override_justification)
{
    km_agreement *a = net ? km__agr_current(net, id) : NULL;
    /* Resuming goes through km_agreement_resume(); activating a suspended
     * agreement here would skip nothing, but the names should say what
     * happens. */
    if (a && a->status == KM_AGREEMENT_SUSPENDED) {
        km__err_clear();
        return km__err(KM_ESTATE, "agreement.status", "agreement %llu is suspended; use km_agreement_resume",
                       "perjanjian %llu ditangguhkan; gunakan km_agreement_resume", (unsigned long long)id);
    }
    return km_agreement_transition(net, id, KM_AGREEMENT_ACTIVE, NULL, override_justification);
}

int km_agreement_resume(km_network *net, uint64_t id, const char *reason)
{
    km_agreement *a = net ? km__agr_current(net, id) : NULL;
    if (a && a->status != KM_AGREEMENT_SUSPENDED) {
        km__err_clear();
        return km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s, not suspended",
                       "perjanjian %llu %s, tidak ditangguhkan", (unsigned long long)id,
                       km_agreement_status_label(a->status, KM_LANG_EN));
    }
    return km_agreement_transition(net, id, KM_AGREEMENT_ACTIVE, reason, NULL);
}

int km_agreement_suspend(km_network *net, uint64_t id, const char *reason)
{
    return km_agreement_transition(net, id, KM_AGREEMENT_SUSPENDED, reason, NULL);
}

int km_agreement_complete(km_network *net, uint64_t id, const char *reason)
{
    return km_agreement_transition(net, id, KM_AGREEMENT_COMPLETED, reason, NULL);
}

int km_agreement_terminate(km_network *net, uint64_t id, const char *reason)
{
    return km_agreement_transition(net, id, KM_AGREEMENT_TERMINATED, reason, NULL);
}

int km_agreement_cancel(km_network *net, uint64_t id, const char *reason)
{
    return km_agreement_transition(net, id, KM_AGREEMENT_CANCELLED, reason, NULL);
}

int km_agreement_sign(km_network *net, uint64_t id, uint64_t partner_id)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = km__fw_u64(&net->scratch, KM__AT_PARTNER, partner_id)) != 0) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_SIGN, id, net->scratch.data, net->scratch.len, NULL);
}

int km_agreement_expire_due(uint64_t *out_count, km_network *net, const char *as_of_date)
{
    const km__idset *active;
    uint64_t id = 1, next, *ids = NULL, n = 0, i;
    size_t cap = 0;
    int32_t as_of;
    int rc;
    km__batch batch;
    km__err_clear();
    if (out_count) *out_count = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    active = &net->agreements.by_status[KM_AGREEMENT_ACTIVE];
    while (km__idset_next(active, id, &next)) {
        const km_agreement *a = net->agreements.items[next - 1].cur;
        if (km__ag_has_end(a) && km__ag_end(a) < as_of) {
            if ((rc = km__grow(net->a, (void **)&ids, &cap, (size_t)n + 1, sizeof *ids)) != 0) {
                km__free(net->a, ids);
                return rc;
            }
            ids[n++] = next;
        }
        id = next + 1;
    }
    if (n == 0) return 0;
    if ((rc = km__batch_begin(net, &batch)) != 0) {
        km__free(net->a, ids);
        return rc;
    }
    for (i = 0; i < n; i++) {
        km__buf_reset(&net->scratch);
        rc = km__fw_u64(&net->scratch, KM__AT_STATUS, KM_AGREEMENT_EXPIRED);
        if (rc == 0) rc = km__fw_str(&net->scratch, KM__AT_AS_OF, as_of_date);
        if (rc == 0)
            rc = km__change(net, KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_TRANSITION, ids[i], net->scratch.data,
                            net->scratch.len, NULL);
        if (rc) break;
    }
    km__free(net->a, ids);
    rc = km__batch_end(net, &batch, rc);
    if (rc == 0 && out_count) *out_count = n;
    return rc;
}

/* ---- public: reads ---- */

int km_agreement_get(km_agreement **out, km_network *net, uint64_t id)
{
    km_agreement *a;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    a = km__agr_current(net, id);
    if (!a) return km__agr_not_found(id);
    km__agreement_ref(a);
    *out = a;
    return 0;
}

int km_agreement_get_by_reference(km_agreement **out, km_network *net, const char *reference)
{
    uint64_t id;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!reference) return km__err(KM_EINVAL, "reference", "must not be NULL", "tidak boleh NULL");
    if (!km__idmap_get(&net->agreements.by_ref, reference, strlen(reference), &id))
        return km__err(KM_ENOTFOUND, "agreement.reference", "no agreement with reference \"%.100s\"",
                       "tidak ada perjanjian dengan nomor \"%.100s\"", reference);
    return km_agreement_get(out, net, id);
}

int km_agreement_get_version(km_agreement **out, km_network *net, uint64_t id, uint32_t version)
{
    km__agr_slot *slot;
    km_agreement *a;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__agreement_slot(&net->agreements, id);
    if (!slot) return km__agr_not_found(id);
    if (version == 0 || version > slot->cur->version)
        return km__err(KM_ENOTFOUND, "version", "agreement %llu has versions 1..%u, not %u",
                       "perjanjian %llu memiliki versi 1..%u, bukan %u", (unsigned long long)id, slot->cur->version,
                       version);
    a = version == slot->cur->version ? slot->cur : km__agr_x(&net->agreements, id)->old[version - 1];
    km__agreement_ref(a);
    *out = a;
    return 0;
}

void km_agreement_free(km_agreement *a) { km__agreement_unref(a); }

uint64_t km_agreement_id(const km_agreement *a) { return a ? a->id : 0; }
const char *km_agreement_title(const km_agreement *a) { return a ? km__ag_title(a) : NULL; }
const char *km_agreement_reference(const km_agreement *a) { return a ? km__ag_reference(a) : NULL; }
int km_agreement_type_of(const km_agreement *a) { return a ? a->type : -1; }
int km_agreement_family_of(const km_agreement *a) { return a ? km_agreement_type_family(a->type) : -1; }
const char *km_agreement_purpose(const km_agreement *a) { return a ? km__ag_str(a, KM__AS_PURPOSE) : NULL; }
size_t km_agreement_sector_count(const km_agreement *a) { return a ? a->n_sectors : 0; }
const char *km_agreement_sector(const km_agreement *a, size_t i) { return a && i < a->n_sectors ? km__ag_sectors(a)[i] : NULL; }
const char *km_agreement_region(const km_agreement *a) { return a ? km__ag_region(a) : NULL; }
const char *km_agreement_start_date(const km_agreement *a) { return a ? km__ag_start_s(a) : NULL; }
const char *km_agreement_end_date(const km_agreement *a) { return a ? km__ag_end_s(a) : NULL; }
int64_t km_agreement_value(const km_agreement *a) { return a ? a->value : 0; }
const char *km_agreement_currency(const km_agreement *a) { return a && a->currency[0] ? a->currency : NULL; }
uint64_t km_agreement_framework_id(const km_agreement *a) { return a ? km__ag_framework(a) : 0; }
uint32_t km_agreement_framework_version(const km_agreement *a) { return a ? km__ag_fw_version(a) : 0; }
uint32_t km_agreement_dimensions(const km_agreement *a) { return a ? km__ag_dimensions(a) : 0; }
int km_agreement_status_of(const km_agreement *a) { return a ? a->status : -1; }
const char *km_agreement_status_reason(const km_agreement *a) { return a ? km__ag_str(a, KM__AS_REASON) : NULL; }
const char *km_agreement_override(const km_agreement *a) { return a ? km__ag_str(a, KM__AS_OVERRIDE) : NULL; }
uint32_t km_agreement_version(const km_agreement *a) { return a ? a->version : 0; }
const char *km_agreement_amendment_rationale(const km_agreement *a) { return a && a->version > 1 ? km__ag_str(a, KM__AS_RATIONALE) : NULL; }
uint32_t km_agreement_amendment_fields(const km_agreement *a) { return a ? km__ag_amend_mask(a) : 0; }
int64_t km_agreement_created(const km_agreement *a) { return a ? a->created : 0; }
int64_t km_agreement_updated(const km_agreement *a) { return a ? a->updated : 0; }
int64_t km_agreement_version_time(const km_agreement *a) { return a ? km__ag_version_time(a) : 0; }
size_t km_agreement_party_count(const km_agreement *a) { return a ? a->n_parties : 0; }
uint64_t km_agreement_party(const km_agreement *a, size_t i) { return a && i < a->n_parties ? km__ag_party(a, i) : 0; }
uint32_t km_agreement_party_roles(const km_agreement *a, size_t i) { return a && i < a->n_parties ? km__ag_roles(a, i) : 0; }
int64_t km_agreement_party_signed(const km_agreement *a, size_t i) { return a && i < a->n_parties ? km__ag_signed_at(a, i) : 0; }
size_t km_agreement_document_count(const km_agreement *a) { return a ? a->n_docs : 0; }
const char *km_agreement_document_uri(const km_agreement *a, size_t i) { return a && i < a->n_docs ? km__ag_docs(a)[i].uri : NULL; }
const char *km_agreement_document_sha256(const km_agreement *a, size_t i) { return a && i < a->n_docs ? km__ag_docs(a)[i].sha256 : NULL; }
