/* Agreement events: decode, validate, apply with undo (create and
 * pre-signing edits; amendments are in amendment.c, transitions and
 * signatures in agreement_lifecycle.c). The same functions run for live
 * changes and for log replay. */
#include "agreement/agreement.h"
#include "framework/framework_internal.h"
#include "partner/partner.h"
#include "util/date.h"
#include "util/money.h"
#include "util/num.h"

#include <stddef.h>
#include <string.h>

const km__fdesc km__agr_schema[] = {
    { KM__AT_TITLE, KM__T_STR, "title" },
    { KM__AT_REFERENCE, KM__T_STR, "reference" },
    { KM__AT_TYPE, KM__T_U64, "type" },
    { KM__AT_PURPOSE, KM__T_STR, "purpose" },
    { KM__AT_SECTORS, KM__T_STRS, "sectors" },
    { KM__AT_REGION, KM__T_STR, "region" },
    { KM__AT_START, KM__T_STR, "start_date" },
    { KM__AT_END, KM__T_STR, "end_date" },
    { KM__AT_VALUE, KM__T_I64, "value" },
    { KM__AT_CURRENCY, KM__T_STR, "currency" },
    { KM__AT_FRAMEWORK, KM__T_U64, "framework_id" },
    { KM__AT_DIMENSIONS, KM__T_U64, "dimensions" },
    { KM__AT_PARTIES, KM__T_STRS, "parties" },
    { KM__AT_DOCUMENTS, KM__T_STRS, "documents" },
    { KM__AT_MASK, KM__T_U64, "fields" },
    { KM__AT_RATIONALE, KM__T_STR, "rationale" },
    { KM__AT_STATUS, KM__T_U64, "status" },
    { KM__AT_REASON, KM__T_STR, "reason" },
    { KM__AT_OVERRIDE, KM__T_STR, "override" },
    { KM__AT_AS_OF, KM__T_STR, "as_of" },
    { KM__AT_PARTNER, KM__T_U64, "partner_id" },
    { KM__AT_NUMBER, KM__T_U64, "number" },
    { KM__AT_MS_TYPE, KM__T_U64, "milestone_type" },
    { KM__AT_MS_TITLE, KM__T_STR, "milestone_title" },
    { KM__AT_DUE, KM__T_STR, "due_date" },
    { KM__AT_MS_STATUS, KM__T_U64, "milestone_status" },
    { KM__AT_DATE_MET, KM__T_STR, "date_met" },
    { KM__AT_RISK_CATEGORY, KM__T_U64, "risk_category" },
    { KM__AT_RISK_ALLOCATION, KM__T_U64, "risk_allocation" },
    { KM__AT_MITIGATION, KM__T_STR, "mitigation" },
};
const size_t km__agr_schema_count = sizeof km__agr_schema / sizeof km__agr_schema[0];

int km__agr_get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

int km__agr_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) {
        *out = 0;
        if (required) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    }
    return rc < 0 ? rc : 0;
}

/* "partner:roles" (a change names no signature time; signing sets it). */
static int parse_party(const char *s, size_t n, km__agr_party_in *p)
{
    const char *c1 = memchr(s, ':', n);
    uint64_t roles;
    if (!c1) return 0;
    if (!km__parse_u64(s, (size_t)(c1 - s), &p->partner)) return 0;
    if (!km__parse_u64(c1 + 1, n - (size_t)(c1 + 1 - s), &roles) || roles > UINT32_MAX) return 0;
    p->roles = (uint32_t)roles;
    p->signed_at = 0;
    return 1;
}

static int get_date(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *d)
{
    km__sl s;
    int rc = km__agr_get_str(f, tag, &s);
    *has = 0;
    *d = 0;
    if (rc || !s.p) return rc;
    if ((rc = km__v_date(field, s.p, s.n, d)) != 0) return rc;
    *has = 1;
    return 0;
}

int km__agr_decode(const km__fields *f, uint32_t mask, km__ain *in)
{
    km__strs list;
    size_t pos, i;
    int rc = 0;
    if (mask & KM_AGREEMENT_F_TITLE) rc = km__agr_get_str(f, KM__AT_TITLE, &in->title);
    if (!rc && mask & KM_AGREEMENT_F_REFERENCE) rc = km__agr_get_str(f, KM__AT_REFERENCE, &in->reference);
    if (!rc && mask & KM_AGREEMENT_F_TYPE) rc = km__agr_get_u64(f, KM__AT_TYPE, "agreement.type", &in->type, 1);
    if (!rc && mask & KM_AGREEMENT_F_PURPOSE) rc = km__agr_get_str(f, KM__AT_PURPOSE, &in->purpose);
    if (!rc && mask & KM_AGREEMENT_F_SECTORS) {
        rc = km__fields_strs(f, KM__AT_SECTORS, &list);
        in->n_sectors = 0;
        if (rc > 0) {
            if (list.count > KM_TAGS_MAX)
                return km__err(KM_EINVAL, "agreement.sectors", "has more than %d tags", "lebih dari %d tag",
                               KM_TAGS_MAX);
            for (i = 0, pos = 0; i < list.count; i++)
                in->sectors[i].p = km__strs_next(&list, &pos, &in->sectors[i].n);
            in->n_sectors = list.count;
        }
        if (rc > 0) rc = 0;
    }
    if (!rc && mask & KM_AGREEMENT_F_REGION) rc = km__agr_get_str(f, KM__AT_REGION, &in->region);
    if (!rc && mask & KM_AGREEMENT_F_START) rc = get_date(f, KM__AT_START, "agreement.start_date", &in->has_start, &in->start);
    if (!rc && mask & KM_AGREEMENT_F_END) rc = get_date(f, KM__AT_END, "agreement.end_date", &in->has_end, &in->end);
    if (!rc && mask & KM_AGREEMENT_F_VALUE) {
        rc = km__fields_i64(f, KM__AT_VALUE, &in->value);
        if (rc == 0) in->value = 0;
        if (rc >= 0) rc = km__agr_get_str(f, KM__AT_CURRENCY, &in->currency);
    }
    if (!rc && mask & KM_AGREEMENT_F_FRAMEWORK) rc = km__agr_get_u64(f, KM__AT_FRAMEWORK, NULL, &in->framework, 0);
    if (!rc && mask & KM_AGREEMENT_F_DIMENSIONS) rc = km__agr_get_u64(f, KM__AT_DIMENSIONS, NULL, &in->dimensions, 0);
    if (!rc && mask & KM_AGREEMENT_F_PARTIES) {
        rc = km__fields_strs(f, KM__AT_PARTIES, &list);
        in->n_parties = 0;
        if (rc > 0) {
            if (list.count > KM_AGREEMENT_PARTIES_MAX)
                return km__err(KM_EINVAL, "agreement.parties", "has more than %d parties", "lebih dari %d pihak",
                               KM_AGREEMENT_PARTIES_MAX);
            for (i = 0, pos = 0; i < list.count; i++) {
                size_t n;
                const char *e = km__strs_next(&list, &pos, &n);
                if (!parse_party(e, n, &in->parties[i]))
                    return km__err(KM_EINVAL, "agreement.parties", "party %zu is not \"partner:roles\"",
                                   "pihak %zu bukan \"mitra:peran\"", i);
            }
            in->n_parties = list.count;
            rc = 0;
        }
    }
    if (!rc && mask & KM_AGREEMENT_F_DOCUMENTS) {
        rc = km__fields_strs(f, KM__AT_DOCUMENTS, &list);
        in->n_docs = 0;
        if (rc > 0) {
            if (list.count > KM_AGREEMENT_DOCUMENTS_MAX)
                return km__err(KM_EINVAL, "agreement.documents", "has more than %d documents", "lebih dari %d dokumen",
                               KM_AGREEMENT_DOCUMENTS_MAX);
            for (i = 0, pos = 0; i < list.count; i++) {
                size_t n;
                const char *e = km__strs_next(&list, &pos, &n);
                if (n < 66 || e[64] != ' ')
                    return km__err(KM_EINVAL, "agreement.documents",
                                   "document %zu: the SHA-256 must be 64 hex digits", "dokumen %zu: SHA-256 harus 64 digit heks", i);
                in->doc_sha[i].p = e;
                in->doc_sha[i].n = 64;
                in->doc_uri[i].p = e + 65;
                in->doc_uri[i].n = n - 65;
            }
            in->n_docs = list.count;
            rc = 0;
        }
    }
    return rc;
}

static int is_ref_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' ||
           c == '_' || c == '/' || c == ':';
}

static int v_sha256(size_t i, const km__sl *s)
{
    size_t k;
    for (k = 0; k < s->n; k++) {
        char c = s->p[k];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) break;
    }
    if (s->n == 64 && k == 64) return 0;
    return km__err(KM_EINVAL, "agreement.documents", "document %zu: the SHA-256 must be 64 lower-case hex digits",
                   "dokumen %zu: SHA-256 harus 64 digit heksadesimal huruf kecil", i);
}

int km__agr_validate(km_network *net, const km__ain *in, uint64_t self)
{
    const km__agreements *as = &net->agreements;
    size_t i, j;
    uint64_t other;
    int rc;
    if (!in->title.p) return km__err(KM_EINVAL, "agreement.title", "is required", "wajib diisi");
    if ((rc = km__v_text("agreement.title", in->title.p, in->title.n, 1, KM_AGREEMENT_TITLE_MAX, 0)) != 0) return rc;
    if (!in->reference.p || in->reference.n == 0)
        return km__err(KM_EINVAL, "agreement.reference", "is required", "wajib diisi");
    if (in->reference.n > KM_AGREEMENT_REFERENCE_MAX)
        return km__err(KM_EINVAL, "agreement.reference", "is longer than %d bytes", "lebih dari %d byte",
                       KM_AGREEMENT_REFERENCE_MAX);
    for (i = 0; i < in->reference.n; i++)
        if (!is_ref_char(in->reference.p[i]))
            return km__err(KM_EINVAL, "agreement.reference",
                           "\"%.*s\" may contain only letters, digits and -._/:",
                           "\"%.*s\" hanya boleh berisi huruf, angka dan -._/:", (int)in->reference.n, in->reference.p);
    if (!as->defer_ref && km__idmap_get(&as->by_ref, in->reference.p, in->reference.n, &other) && other != self)
        return km__err(KM_EEXISTS, "agreement.reference", "\"%.*s\" is already used by agreement %llu",
                       "\"%.*s\" sudah dipakai perjanjian %llu", (int)in->reference.n, in->reference.p,
                       (unsigned long long)other);
    if ((rc = km__v_enum("agreement.type", in->type, KM_AGREEMENT_TYPE__COUNT)) != 0) return rc;
    if (in->purpose.p &&
        (rc = km__v_text("agreement.purpose", in->purpose.p, in->purpose.n, 0, KM_AGREEMENT_PURPOSE_MAX, 1)) != 0)
        return rc;
    if ((rc = km__v_tags("agreement.sectors", in->sectors, in->n_sectors)) != 0) return rc;
    if (in->region.p && (rc = km__v_region("agreement.region", in->region.p, in->region.n)) != 0) return rc;
    if (in->has_start && in->has_end && in->end < in->start)
        return km__err(KM_EINVAL, "agreement.end_date", "is before the start date", "sebelum tanggal mulai");
    if (in->currency.p) {
        if ((rc = km__v_currency("agreement.currency", in->currency.p, in->currency.n)) != 0) return rc;
        if (in->value < 0)
            return km__err(KM_EINVAL, "agreement.value", "must not be negative (%lld)", "tidak boleh negatif (%lld)",
                           (long long)in->value);
    } else if (in->value != 0) {
        return km__err(KM_EINVAL, "agreement.currency", "is required when a value is given",
                       "wajib diisi bila nilai diberikan");
    }
    if (in->framework && !km__framework_current(&net->frameworks, in->framework))
        return km__err(KM_ENOTFOUND, "agreement.framework_id", "no framework with id %llu",
                       "tidak ada kerangka dengan id %llu", (unsigned long long)in->framework);
    if (in->dimensions & ~(uint64_t)KM_DIMENSION_ALL)
        return km__err(KM_EINVAL, "agreement.dimensions", "0x%llx has unknown dimension bits",
                       "0x%llx memuat bit dimensi yang tidak dikenal", (unsigned long long)in->dimensions);
    for (i = 0; i < in->n_parties; i++) {
        const km__agr_party_in *p = &in->parties[i];
        if (!km__partner_exists(&net->partners, p->partner))
            return km__err(KM_ENOTFOUND, "agreement.parties", "no partner with id %llu",
                           "tidak ada mitra dengan id %llu", (unsigned long long)p->partner);
        if (p->roles == 0 || (p->roles & ~KM_ROLE_ALL))
            return km__err(KM_EINVAL, "agreement.parties", "partner %llu: roles 0x%x are not a non-empty set of KM_ROLE_* bits",
                           "mitra %llu: peran 0x%x bukan himpunan bit KM_ROLE_* yang tidak kosong",
                           (unsigned long long)p->partner, p->roles);
        for (j = 0; j < i; j++)
            if (in->parties[j].partner == p->partner)
                return km__err(KM_EINVAL, "agreement.parties", "partner %llu is listed twice",
                               "mitra %llu tercantum dua kali", (unsigned long long)p->partner);
    }
    for (i = 0; i < in->n_docs; i++) {
        if ((rc = km__v_url("agreement.documents", in->doc_uri[i].p, in->doc_uri[i].n)) != 0) return rc;
        if ((rc = v_sha256(i, &in->doc_sha[i])) != 0) return rc;
    }
    if ((rc = km__v_enum("agreement.status", in->status, KM_AGREEMENT_STATUS__COUNT)) != 0) return rc;
    if (in->status != KM_AGREEMENT_DRAFT && !km__agr_ended((int)in->status) && in->status != KM_AGREEMENT_CANCELLED) {
        if (in->n_parties < 2)
            return km__err(KM_EINVAL, "agreement.parties", "a proposed or signed agreement needs at least two parties",
                           "perjanjian yang diusulkan atau ditandatangani memerlukan sedikitnya dua pihak");
        if (!in->has_start)
            return km__err(KM_EINVAL, "agreement.start_date", "is required once the agreement is proposed",
                           "wajib diisi setelah perjanjian diusulkan");
    }
    if (in->reason.p &&
        (rc = km__v_text("agreement.reason", in->reason.p, in->reason.n, 0, KM_AGREEMENT_REASON_MAX, 1)) != 0)
        return rc;
    if (in->override.p &&
        (rc = km__v_text("agreement.override", in->override.p, in->override.n, 1, KM_AGREEMENT_REASON_MAX, 1)) != 0)
        return rc;
    if (in->rationale.p &&
        (rc = km__v_text("agreement.rationale", in->rationale.p, in->rationale.n, 1, KM_AGREEMENT_REASON_MAX, 1)) != 0)
        return rc;
    return 0;
}

km__agr_slot *km__agr_find(km_network *net, km__apply *ap, int *rc)
{
    km__agr_slot *slot = km__agreement_slot(&net->agreements, ap->ev.id);
    *rc = 0;
    if (!slot) *rc = km__apply_fail(ap, km__agr_not_found(ap->ev.id));
    return slot;
}

static int same_sl(const char *a, const km__sl *b)
{
    if (!a || !b->p) return !a && !b->p;
    return strlen(a) == b->n && memcmp(a, b->p, b->n) == 0;
}

uint32_t km__agr_diff(const km_agreement *a, const km__ain *in)
{
    uint32_t m = 0;
    size_t i;
    if (!same_sl(km__ag_title(a), &in->title)) m |= KM_AGREEMENT_F_TITLE;
    if (!same_sl(km__ag_reference(a), &in->reference)) m |= KM_AGREEMENT_F_REFERENCE;
    if (a->type != in->type) m |= KM_AGREEMENT_F_TYPE;
    if (!same_sl(km__ag_str(a, KM__AS_PURPOSE), &in->purpose)) m |= KM_AGREEMENT_F_PURPOSE;
    if (a->n_sectors != in->n_sectors) m |= KM_AGREEMENT_F_SECTORS;
    for (i = 0; !(m & KM_AGREEMENT_F_SECTORS) && i < a->n_sectors; i++)
        if (!same_sl(km__ag_sectors(a)[i], &in->sectors[i])) m |= KM_AGREEMENT_F_SECTORS;
    if (!same_sl(km__ag_region(a), &in->region)) m |= KM_AGREEMENT_F_REGION;
    if (km__ag_has_start(a) != in->has_start || (in->has_start && a->start != in->start)) m |= KM_AGREEMENT_F_START;
    if (km__ag_has_end(a) != in->has_end || (in->has_end && km__ag_end(a) != in->end)) m |= KM_AGREEMENT_F_END;
    if (a->value != in->value || !same_sl(a->currency[0] ? a->currency : NULL, &in->currency)) m |= KM_AGREEMENT_F_VALUE;
    if (km__ag_framework(a) != in->framework) m |= KM_AGREEMENT_F_FRAMEWORK;
    if (km__ag_dimensions(a) != in->dimensions) m |= KM_AGREEMENT_F_DIMENSIONS;
    if (a->n_parties != in->n_parties) m |= KM_AGREEMENT_F_PARTIES;
    for (i = 0; !(m & KM_AGREEMENT_F_PARTIES) && i < a->n_parties; i++)
        if (km__ag_party(a, i) != in->parties[i].partner || km__ag_roles(a, i) != in->parties[i].roles)
            m |= KM_AGREEMENT_F_PARTIES;
    if (a->n_docs != in->n_docs) m |= KM_AGREEMENT_F_DOCUMENTS;
    for (i = 0; !(m & KM_AGREEMENT_F_DOCUMENTS) && i < a->n_docs; i++)
        if (!same_sl(km__ag_docs(a)[i].uri, &in->doc_uri[i]) || !same_sl(km__ag_docs(a)[i].sha256, &in->doc_sha[i]))
            m |= KM_AGREEMENT_F_DOCUMENTS;
    return m;
}

/* ---- create ---- */

static void undo_create(km_network *net, km__undo *u)
{
    km__agreements *as = &net->agreements;
    /* The registry's record, not the one created: a later change in the
     * transaction may have moved it out of its cell (see vacate), and the
     * changes after the creation are undone by now, so the slot holds the
     * created version or its copy, the last id. */
    km_agreement *a = as->items[u->id - 1].cur;
    km__agr_totals_move(as, a, NULL);
    km__agr_index_uncreate(as, a);
    km__idmap_remove(&as->by_ref, km__ag_reference(a), a->reference_len, a->id);
    as->n--;
    memset(&as->items[as->n], 0, sizeof as->items[as->n]);
    km__agr_x_drop(as, u->id); /* a milestone or risk added since, already taken back */
    km__cells_mark(&a->cell, 0);
    km__agreement_unref(a);
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__agreements *as = &net->agreements;
    km__ain in;
    km_agreement *a;
    uint64_t id = as->n + 1;
    int rc;
    /* The unique index of references holds 32-bit ids (util/idmap.h). */
    if (id > UINT32_MAX)
        return km__apply_fail(ap, km__err(KM_ERANGE, "agreement.id", "the registry holds at most %lu agreements",
                                          "registri memuat paling banyak %lu perjanjian", (unsigned long)UINT32_MAX));
    memset(&in, 0, offsetof(km__ain, sectors));
    if ((rc = km__agr_decode(&ap->f, KM_AGREEMENT_F_ALL, &in)) != 0) return km__apply_fail(ap, rc);
    in.status = KM_AGREEMENT_DRAFT;
    /* The reference's uniqueness probe is a cache miss at a million
     * agreements: start it before the validation (a live change started it
     * in km_agreement_create already). */
    if (ap->replay) km__idmap_prefetch(&as->by_ref, in.reference.p, in.reference.n);
    if ((rc = km__agr_validate(net, &in, 0)) != 0) return km__apply_fail(ap, rc);
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "agreement.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&as->items, &as->cap, as->n + 1, sizeof *as->items)) != 0) return rc;
    if ((rc = km__idmap_reserve(&as->by_ref, 1)) != 0) return rc;
    a = km__agr_build(net, NULL, &as->cells.sizes, &in, id, 1, ap->time, ap->time, ap->time);
    if (!a) return km__nomem();
    if ((rc = km__agr_totals_prepare(as, NULL, a)) != 0 || (rc = km__agr_index_create(as, a)) != 0) {
        km__agreement_unref(a);
        return km__apply_fail(ap, rc);
    }
    km__agr_totals_move(as, NULL, a);
    memset(&as->items[as->n], 0, sizeof as->items[as->n]);
    as->items[as->n++].cur = a;
    km__cells_mark(&a->cell, 1);
    km__idmap_put(&as->by_ref, km__ag_reference(a), a->reference_len, id); /* reserved, id checked */
    km__undo_push(net, undo_create, NULL, id, NULL);
    ap->id = id;
    return 0;
}

/* ---- replace: every later change swaps the current record ---- */

static void undo_replace(km_network *net, km__undo *u)
{
    km__agreements *as = &net->agreements;
    km__agr_slot *slot = &as->items[u->id - 1];
    km_agreement *old = (km_agreement *)u->ptr, *cur = slot->cur;
    km__agr_totals_move(as, cur, old);
    (void)km__agr_index_replace(as, cur, old); /* re-adding removed values cannot allocate */
    km__idmap_rekey(&as->by_ref, km__ag_reference(cur), cur->reference_len, km__ag_reference(old), old->reference_len,
                    u->id); /* the old key was there before: cannot fail */
    slot->cur = old;
    km__cells_mark(&old->cell, 1);
    km__cells_mark(&cur->cell, 0); /* a version built in the cell (see vacate) leaves it */
    km__agreement_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__agreement_unref((km_agreement *)u->ptr);
}

/* Makes room in its cell for the version that replaces slot->cur, as the
 * partners' edits do (partner_ops.c, vacate): when the current version
 * sits in its cell and nothing but the registry holds it, an identical
 * copy built elsewhere takes its place (in the slot and *in, whose
 * unchanged strings point into it), so that the new version can be built
 * in the cell. The copy is what the undo step keeps, or the
 * history when the change makes a version. Never fails: without the
 * memory for the copy, or with a handle on the version, the new one is
 * allocated on its own. */
static void vacate(km_network *net, km__agr_slot *slot, km__ain *in)
{
    km__agreements *as = &net->agreements;
    km_agreement *o = slot->cur, *copy;
    km__ain cur;
    size_t span, i;
    if (!km__cells_vacatable(&o->cell, &o->refs)) return;
    km__ain_from_record(&cur, o);
    /* The same inputs give the same layout: every string at its offset. */
    copy = km__agr_build(net, NULL, NULL, &cur, o->id, o->version, o->created, o->updated,
                         km__ag_version_time(o));
    if (!copy) return;
    span = km__cells_stride(&as->cells, o->id);
    km__sl_rebase(&in->title, o, span, copy);
    km__sl_rebase(&in->reference, o, span, copy);
    km__sl_rebase(&in->purpose, o, span, copy);
    km__sl_rebase(&in->region, o, span, copy);
    km__sl_rebase(&in->currency, o, span, copy);
    km__sl_rebase(&in->reason, o, span, copy);
    km__sl_rebase(&in->override, o, span, copy);
    km__sl_rebase(&in->rationale, o, span, copy);
    for (i = 0; i < in->n_sectors; i++) km__sl_rebase(&in->sectors[i], o, span, copy);
    for (i = 0; i < in->n_docs; i++) {
        km__sl_rebase(&in->doc_uri[i], o, span, copy);
        km__sl_rebase(&in->doc_sha[i], o, span, copy);
    }
    /* The reference index keeps the id, not the bytes: nothing to do. */
    slot->cur = copy;
    km__cells_mark(&o->cell, 0);
    km__agreement_unref(o); /* the registry's reference, the last: the cell is free */
}

int km__agr_replace(km_network *net, km__apply *ap, km__agr_slot *slot, km__ain *in, int new_version)
{
    km__agreements *as = &net->agreements;
    km__agr_extra *x = NULL;
    km_agreement *old, *a;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__idmap_reserve(&as->by_ref, 1)) != 0) return rc;
    /* Parties of agreements created in this transaction go in first, so
     * that the move below and its undo work on flushed sets, whose removal
     * and re-adding never allocate. */
    if ((rc = km__agr_party_flush(as)) != 0) return rc;
    if (new_version && ((rc = km__agr_extra_get(net, slot->cur->id, &x)) != 0 ||
                        (rc = km__grow(net->a, (void **)&x->old, &x->cap_old, slot->cur->version, sizeof *x->old)) != 0))
        return rc;
    vacate(net, slot, in);
    old = slot->cur;
    a = km__agr_build(net, NULL, &as->cells.sizes, in, old->id, old->version + (new_version ? 1 : 0), old->created, ap->time,
                      new_version ? ap->time : km__ag_version_time(old));
    if (!a) return km__nomem();
    if ((rc = km__agr_totals_prepare(as, old, a)) != 0 || (rc = km__agr_index_replace(as, old, a)) != 0) {
        km__agreement_unref(a);
        return km__apply_fail(ap, rc);
    }
    km__agr_totals_move(as, old, a);
    km__idmap_rekey(&as->by_ref, km__ag_reference(old), old->reference_len, km__ag_reference(a), a->reference_len,
                    a->id); /* reserved */
    slot->cur = a;
    km__cells_mark(&old->cell, 0); /* its cell no longer answers for the id */
    km__cells_mark(&a->cell, 1);   /* a's does, when a took it (see vacate) */
    if (new_version) {
        /* The registry's reference to the old version moves to old[]; on
         * undo the version count (cur->version) forgets it again. */
        x->old[old->version - 1] = old;
        km__undo_push(net, undo_replace, NULL, old->id, old);
    } else {
        km__undo_push(net, undo_replace, release_replace, old->id, old);
    }
    ap->id = old->id;
    return 0;
}

/* ---- update (before signing) ---- */

static int apply_update(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    km__ain in;
    uint64_t mask = 0;
    size_t i;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_MASK, "mask", &mask, 1)) != 0) return km__apply_fail(ap, rc);
    if (mask == 0 || (mask & ~(uint64_t)KM_AGREEMENT_F_ALL))
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask", "0x%llx is not a non-empty set of KM_AGREEMENT_F_* bits",
                                          "0x%llx bukan himpunan bit KM_AGREEMENT_F_* yang tidak kosong",
                                          (unsigned long long)mask));
    if (slot->cur->status != KM_AGREEMENT_DRAFT && slot->cur->status != KM_AGREEMENT_PROPOSED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status",
                                          "agreement %llu is %s: changes after signing are amendments (km_agreement_amend)",
                                          "perjanjian %llu %s: perubahan setelah penandatanganan adalah adendum (km_agreement_amend)",
                                          (unsigned long long)ap->ev.id,
                                          km_agreement_status_label(slot->cur->status, KM_LANG_EN)));
    km__ain_from_record(&in, slot->cur);
    if ((rc = km__agr_decode(&ap->f, (uint32_t)mask, &in)) != 0) return km__apply_fail(ap, rc);
    /* A changed proposal must be signed again. */
    for (i = 0; i < in.n_parties; i++) in.parties[i].signed_at = 0;
    if ((rc = km__agr_validate(net, &in, ap->ev.id)) != 0) return km__apply_fail(ap, rc);
    return km__agr_replace(net, ap, slot, &in, 0);
}

const km__opdef km__agreement_ops[] = {
    { KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_CREATE, "agreement.create", apply_create, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_UPDATE, "agreement.update", apply_update, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_AMEND, "agreement.amend", km__agr_apply_amend, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_TRANSITION, "agreement.transition", km__agr_apply_transition,
      km__agr_schema, sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_AGREEMENT_SIGN, "agreement.sign", km__agr_apply_sign, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_MILESTONE_ADD, "agreement.milestone_add", km__agr_apply_milestone_add,
      km__agr_schema, sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_MILESTONE_STATUS, "agreement.milestone_status", km__agr_apply_milestone_status,
      km__agr_schema, sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_RISK_ADD, "agreement.risk_add", km__agr_apply_risk_add, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
    { KM_ENTITY_AGREEMENT, KM__OP_RISK_UPDATE, "agreement.risk_update", km__agr_apply_risk_update, km__agr_schema,
      sizeof km__agr_schema / sizeof km__agr_schema[0] },
};
const size_t km__agreement_ops_count = sizeof km__agreement_ops / sizeof km__agreement_ops[0];
