/* Opportunity events: decode, validate, apply with undo (create and
 * update; transitions are in opportunity_state.c). The same functions run
 * for live changes and for log replay. */
#include "opportunity/opportunity.h"
#include "partner/partner.h"
#include "util/date.h"
#include "util/money.h"

#include <stddef.h>
#include <string.h>

static const km__fdesc schema[] = {
    { KM__OT_PUBLISHER, KM__T_U64, "publisher_id" },
    { KM__OT_TITLE, KM__T_STR, "title" },
    { KM__OT_DESCRIPTION, KM__T_STR, "description" },
    { KM__OT_TYPE, KM__T_U64, "agreement_type" },
    { KM__OT_FRAMEWORK, KM__T_U64, "framework_id" },
    { KM__OT_SECTORS, KM__T_STRS, "sectors" },
    { KM__OT_REGION, KM__T_STR, "region" },
    { KM__OT_CAPABILITIES, KM__T_STRS, "capabilities" },
    { KM__OT_CEILING, KM__T_I64, "grant_ceiling" },
    { KM__OT_CURRENCY, KM__T_STR, "currency" },
    { KM__OT_ASSISTANCE, KM__T_STR, "assistance" },
    { KM__OT_ASSIST_QTY, KM__T_I64, "assistance_quantity" },
    { KM__OT_ASSIST_UNIT, KM__T_STR, "assistance_unit" },
    { KM__OT_KINDS, KM__T_U64, "eligible_kinds" },
    { KM__OT_ELIGIBLE_REGION, KM__T_STR, "eligible_region" },
    { KM__OT_MIN_COMPLETED, KM__T_U64, "min_completed" },
    { KM__OT_SOUGHT, KM__T_U64, "partners_sought" },
    { KM__OT_OPENING, KM__T_STR, "opening_date" },
    { KM__OT_CLOSING, KM__T_STR, "closing_date" },
    { KM__OT_PARTNER_ROLES, KM__T_U64, "partner_roles" },
    { KM__OT_PUBLISHER_ROLES, KM__T_U64, "publisher_roles" },
    { KM__OT_AWARD_MODE, KM__T_U64, "award_mode" },
    { KM__OT_MASK, KM__T_U64, "fields" },
    { KM__OT_STATUS, KM__T_U64, "status" },
    { KM__OT_REASON, KM__T_STR, "reason" },
    { KM__OT_AS_OF, KM__T_STR, "as_of" },
    { KM__OT_NO_DISPUTES, KM__T_U64, "no_open_disputes" },
};

int km__opp_get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

int km__opp_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) {
        *out = 0;
        if (required) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    }
    return rc < 0 ? rc : 0;
}

static int get_i64(const km__fields *f, uint16_t tag, int64_t *out)
{
    int rc = km__fields_i64(f, tag, out);
    if (rc == 0) *out = 0;
    return rc < 0 ? rc : 0;
}

static int get_tags(const km__fields *f, uint16_t tag, const char *field, km__sl *out, size_t *n)
{
    km__strs list;
    size_t pos = 0, i;
    int rc = km__fields_strs(f, tag, &list);
    *n = 0;
    if (rc <= 0) return rc;
    if (list.count > KM_TAGS_MAX)
        return km__err(KM_EINVAL, field, "has more than %d tags", "lebih dari %d tag", KM_TAGS_MAX);
    for (i = 0; i < list.count; i++) out[i].p = km__strs_next(&list, &pos, &out[i].n);
    *n = list.count;
    return 0;
}

static int get_date(const km__fields *f, uint16_t tag, const char *field, int *has, int32_t *d)
{
    km__sl s;
    int rc = km__opp_get_str(f, tag, &s);
    *has = 0;
    *d = 0;
    if (rc || !s.p) return rc;
    if ((rc = km__v_date(field, s.p, s.n, d)) != 0) return rc;
    *has = 1;
    return 0;
}

int km__opp_decode(const km__fields *f, uint32_t mask, km__oin *in, int snapshot)
{
    int rc = 0;
    if (mask & KM_OPPORTUNITY_F_TITLE) rc = km__opp_get_str(f, KM__OT_TITLE, &in->title);
    if (!rc && mask & KM_OPPORTUNITY_F_DESCRIPTION) rc = km__opp_get_str(f, KM__OT_DESCRIPTION, &in->description);
    if (!rc && mask & KM_OPPORTUNITY_F_TYPE)
        rc = km__opp_get_u64(f, KM__OT_TYPE, "opportunity.agreement_type", &in->type, 1);
    if (!rc && mask & KM_OPPORTUNITY_F_FRAMEWORK) rc = km__opp_get_u64(f, KM__OT_FRAMEWORK, NULL, &in->framework, 0);
    if (!rc && mask & KM_OPPORTUNITY_F_SECTORS)
        rc = get_tags(f, KM__OT_SECTORS, "opportunity.sectors", in->sectors, &in->n_sectors);
    if (!rc && mask & KM_OPPORTUNITY_F_REGION) rc = km__opp_get_str(f, KM__OT_REGION, &in->region);
    if (!rc && mask & KM_OPPORTUNITY_F_CAPABILITIES)
        rc = get_tags(f, KM__OT_CAPABILITIES, "opportunity.capabilities", in->caps, &in->n_caps);
    if (!rc && mask & KM_OPPORTUNITY_F_GRANT) {
        rc = get_i64(f, KM__OT_CEILING, &in->ceiling);
        if (!rc) rc = km__opp_get_str(f, KM__OT_CURRENCY, &in->currency);
    }
    if (!rc && mask & KM_OPPORTUNITY_F_ASSISTANCE) {
        rc = km__opp_get_str(f, KM__OT_ASSISTANCE, &in->assistance);
        if (!rc) rc = get_i64(f, KM__OT_ASSIST_QTY, &in->assist_qty);
        if (!rc) rc = km__opp_get_str(f, KM__OT_ASSIST_UNIT, &in->unit);
    }
    if (!rc && mask & KM_OPPORTUNITY_F_ELIGIBLE_KINDS) rc = km__opp_get_u64(f, KM__OT_KINDS, NULL, &in->kinds, 0);
    if (!rc && mask & KM_OPPORTUNITY_F_ELIGIBLE_REGION)
        rc = km__opp_get_str(f, KM__OT_ELIGIBLE_REGION, &in->eligible_region);
    if (!rc && mask & KM_OPPORTUNITY_F_MIN_COMPLETED)
        rc = km__opp_get_u64(f, KM__OT_MIN_COMPLETED, NULL, &in->min_completed, 0);
    if (!rc && mask & KM_OPPORTUNITY_F_PARTNERS_SOUGHT)
        rc = km__opp_get_u64(f, KM__OT_SOUGHT, "opportunity.partners_sought", &in->sought, 1);
    if (!rc && mask & KM_OPPORTUNITY_F_OPENING)
        rc = get_date(f, KM__OT_OPENING, "opportunity.opening_date", &in->has_opening, &in->opening);
    if (!rc && mask & KM_OPPORTUNITY_F_CLOSING)
        rc = get_date(f, KM__OT_CLOSING, "opportunity.closing_date", &in->has_closing, &in->closing);
    if (!rc && mask & KM_OPPORTUNITY_F_ROLES) {
        rc = km__opp_get_u64(f, KM__OT_PARTNER_ROLES, "opportunity.partner_roles", &in->partner_roles, 1);
        if (!rc) rc = km__opp_get_u64(f, KM__OT_PUBLISHER_ROLES, "opportunity.publisher_roles", &in->publisher_roles, 1);
    }
    if (!rc && mask & KM_OPPORTUNITY_F_AWARD_MODE)
        rc = km__opp_get_u64(f, KM__OT_AWARD_MODE, "opportunity.award_mode", &in->award_mode, 1);
    if (!rc && mask & KM_OPPORTUNITY_F_NO_OPEN_DISPUTES)
        rc = km__opp_get_u64(f, KM__OT_NO_DISPUTES, NULL, &in->no_disputes, 0);
    if (!rc && snapshot) {
        uint64_t v = 0;
        rc = km__opp_get_u64(f, KM__OT_PUBLISHER, "opportunity.publisher_id", &in->publisher, 1);
        if (!rc) rc = km__opp_get_u64(f, KM__OT_STATUS, "opportunity.status", &in->status, 1);
        if (!rc) rc = km__opp_get_str(f, KM__OT_REASON, &in->reason);
        if (!rc) rc = get_date(f, KM__OT_AS_OF, "opportunity.as_of", &in->has_as_of, &in->as_of);
        if (!rc) rc = km__opp_get_u64(f, KM__OT_S_SELECTED, NULL, &v, 0);
        if (!rc && v > KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX)
            rc = km__err(KM_EINVAL, "opportunity.selected", "out of range", "di luar rentang");
        in->n_selected = (uint32_t)v;
    }
    return rc;
}

/* A quantity of assistance and its unit: each rule names the field at
 * fault (the quantity when it is negative or missing, the unit when it is
 * missing or malformed). */
static int v_unit(const char *qty_field, const char *unit_field, const km__sl *unit, int64_t qty)
{
    if (qty < 0)
        return km__err(KM_EINVAL, qty_field, "must not be negative (%lld)", "tidak boleh negatif (%lld)",
                       (long long)qty);
    if (qty == 0 && unit->p)
        return km__err(KM_EINVAL, qty_field, "a unit needs a quantity", "satuan memerlukan kuantitas");
    if (qty != 0 && !unit->p)
        return km__err(KM_EINVAL, unit_field, "a quantity needs its unit", "kuantitas memerlukan satuannya");
    if (unit->p) return km__v_text(unit_field, unit->p, unit->n, 1, KM_OPPORTUNITY_UNIT_MAX, 0);
    return 0;
}

int km__opp_validate(km_network *net, const km__oin *in)
{
    const km_partner *pub;
    int rc;
    pub = km__partner_lookup(&net->partners, in->publisher);
    if (!pub)
        return km__err(KM_ENOTFOUND, "opportunity.publisher_id", "no partner with id %llu",
                       "tidak ada mitra dengan id %llu", (unsigned long long)in->publisher);
    if (!in->title.p) return km__err(KM_EINVAL, "opportunity.title", "is required", "wajib diisi");
    if ((rc = km__v_text("opportunity.title", in->title.p, in->title.n, 1, KM_OPPORTUNITY_TITLE_MAX, 0)) != 0)
        return rc;
    if (in->description.p && (rc = km__v_text("opportunity.description", in->description.p, in->description.n, 0,
                                              KM_OPPORTUNITY_TEXT_MAX, 1)) != 0)
        return rc;
    if ((rc = km__v_enum("opportunity.agreement_type", in->type, KM_AGREEMENT_TYPE__COUNT)) != 0) return rc;
    if (in->framework && !km__framework_current(&net->frameworks, in->framework))
        return km__err(KM_ENOTFOUND, "opportunity.framework_id", "no framework with id %llu",
                       "tidak ada kerangka dengan id %llu", (unsigned long long)in->framework);
    if ((rc = km__v_tags("opportunity.sectors", in->sectors, in->n_sectors)) != 0) return rc;
    if (in->region.p && (rc = km__v_region("opportunity.region", in->region.p, in->region.n)) != 0) return rc;
    if ((rc = km__v_tags("opportunity.capabilities", in->caps, in->n_caps)) != 0) return rc;
    if (in->currency.p) {
        if ((rc = km__v_currency("opportunity.currency", in->currency.p, in->currency.n)) != 0) return rc;
        if (in->ceiling <= 0)
            return km__err(KM_EINVAL, "opportunity.grant_ceiling", "must be positive (%lld)", "harus positif (%lld)",
                           (long long)in->ceiling);
    } else if (in->ceiling != 0) {
        return km__err(KM_EINVAL, "opportunity.currency", "is required when a grant ceiling is given",
                       "wajib diisi bila plafon hibah diberikan");
    }
    if (in->assistance.p && (rc = km__v_text("opportunity.assistance", in->assistance.p, in->assistance.n, 1,
                                             KM_OPPORTUNITY_ASSISTANCE_MAX, 1)) != 0)
        return rc;
    if ((rc = v_unit("opportunity.assistance_quantity", "opportunity.assistance_unit", &in->unit, in->assist_qty)) != 0) return rc;
    if (in->kinds & ~(uint64_t)((1u << KM_PARTNER_KIND__COUNT) - 1))
        return km__err(KM_EINVAL, "opportunity.eligible_kinds", "0x%llx has unknown partner kind bits",
                       "0x%llx memuat bit jenis mitra yang tidak dikenal", (unsigned long long)in->kinds);
    if (in->eligible_region.p &&
        (rc = km__v_region("opportunity.eligible_region", in->eligible_region.p, in->eligible_region.n)) != 0)
        return rc;
    if (in->min_completed > UINT32_MAX)
        return km__err(KM_EINVAL, "opportunity.min_completed", "is out of range", "di luar rentang");
    if (in->sought < 1 || in->sought > KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX)
        return km__err(KM_EINVAL, "opportunity.partners_sought", "must be 1..%d (%llu)", "harus 1..%d (%llu)",
                       KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX, (unsigned long long)in->sought);
    if (!in->has_opening) return km__err(KM_EINVAL, "opportunity.opening_date", "is required", "wajib diisi");
    if (!in->has_closing) return km__err(KM_EINVAL, "opportunity.closing_date", "is required", "wajib diisi");
    if (in->closing < in->opening)
        return km__err(KM_EINVAL, "opportunity.closing_date", "is before the opening date",
                       "sebelum tanggal pembukaan");
    if (in->partner_roles == 0 || (in->partner_roles & ~(uint64_t)KM_ROLE_ALL))
        return km__err(KM_EINVAL, "opportunity.partner_roles", "0x%llx is not a non-empty set of KM_ROLE_* bits",
                       "0x%llx bukan himpunan bit KM_ROLE_* yang tidak kosong", (unsigned long long)in->partner_roles);
    if (in->publisher_roles == 0 || (in->publisher_roles & ~(uint64_t)KM_ROLE_ALL))
        return km__err(KM_EINVAL, "opportunity.publisher_roles", "0x%llx is not a non-empty set of KM_ROLE_* bits",
                       "0x%llx bukan himpunan bit KM_ROLE_* yang tidak kosong",
                       (unsigned long long)in->publisher_roles);
    if ((rc = km__v_enum("opportunity.award_mode", in->award_mode, KM_AWARD_MODE__COUNT)) != 0) return rc;
    if (in->no_disputes > 1)
        return km__err(KM_EINVAL, "opportunity.no_open_disputes", "must be 0 or 1", "harus 0 atau 1");
    if ((rc = km__v_enum("opportunity.status", in->status, KM_OPPORTUNITY_STATUS__COUNT)) != 0) return rc;
    if (in->reason.p &&
        (rc = km__v_text("opportunity.reason", in->reason.p, in->reason.n, 0, KM_OPPORTUNITY_REASON_MAX, 1)) != 0)
        return rc;
    return 0;
}

/* The framework's current version must allow the agreement type. Checked
 * when the opportunity is created or edited only: a later amendment of the
 * framework does not make a recorded opportunity invalid. */
static int check_type(km_network *net, const km__oin *in)
{
    const km_framework *fw = in->framework ? km__framework_current(&net->frameworks, in->framework) : NULL;
    if (fw && fw->allowed_types && !(fw->allowed_types & KM_AGREEMENT_TYPE_BIT(in->type)))
        return km__err(KM_EINVAL, "opportunity.agreement_type", "framework %llu does not allow agreements of type %s%.0s",
                       "kerangka %llu tidak mengizinkan perjanjian berjenis %.0s%s", (unsigned long long)in->framework,
                       km_agreement_type_label((int)in->type, KM_LANG_EN),
                       km_agreement_type_label((int)in->type, KM_LANG_ID));
    return 0;
}

static km_opportunity *find(km_network *net, km__apply *ap, int *rc)
{
    km_opportunity *o = km__opp_lookup(&net->opportunities, ap->ev.id);
    *rc = 0;
    if (!o) *rc = km__apply_fail(ap, km__opp_not_found(ap->ev.id));
    return o;
}

/* ---- create ---- */

static void undo_create(km_network *net, km__undo *u)
{
    km__opportunities *s = &net->opportunities;
    km_opportunity *o = (km_opportunity *)u->ptr;
    (void)km__opp_index_replace(s, o, NULL);
    s->opp[--s->n_opp] = NULL;
    km__opportunity_unref(o);
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__opportunities *s = &net->opportunities;
    const km_partner *pub;
    km_opportunity *o;
    km__oin in;
    uint64_t id = s->n_opp + 1;
    int rc;
    memset(&in, 0, offsetof(km__oin, sectors));
    if ((rc = km__opp_get_u64(&ap->f, KM__OT_PUBLISHER, "opportunity.publisher_id", &in.publisher, 1)) != 0 ||
        (rc = km__opp_decode(&ap->f, KM_OPPORTUNITY_F_ALL, &in, 0)) != 0)
        return km__apply_fail(ap, rc);
    in.status = KM_OPPORTUNITY_DRAFT;
    if ((rc = km__opp_validate(net, &in)) != 0 || (rc = check_type(net, &in)) != 0) return km__apply_fail(ap, rc);
    pub = km__partner_lookup(&net->partners, in.publisher);
    if ((rc = km__opp_actor_check(net, ap, in.publisher, "opportunity.create")) != 0) return rc;
    if (pub->status != KM_PARTNER_ACTIVE)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.publisher_id",
                                          "partner %llu is %s%.0s and cannot publish opportunities",
                                          "mitra %llu %.0s%s dan tidak dapat menerbitkan peluang",
                                          (unsigned long long)pub->id, km_partner_status_label(pub->status, KM_LANG_EN),
                                          km_partner_status_label(pub->status, KM_LANG_ID)));
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "opportunity.id", "logged id %llu, expected %llu",
                       "id tercatat %llu, seharusnya %llu", (unsigned long long)ap->ev.id, (unsigned long long)id);
    /* Everything that can fail comes before the first visible change. */
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->opp, &s->cap_opp, s->n_opp + 1, sizeof *s->opp)) != 0) return rc;
    o = km__opp_build(net, &in, id, 1, ap->time, ap->time);
    if (!o) return km__nomem();
    if ((rc = km__opp_index_replace(s, NULL, o)) != 0) {
        km__opportunity_unref(o);
        return rc;
    }
    s->opp[s->n_opp++] = o;
    km__undo_push(net, undo_create, NULL, id, o);
    ap->id = id;
    return 0;
}

/* ---- replace: every later change swaps the current record ---- */

static void undo_replace(km_network *net, km__undo *u)
{
    km__opportunities *s = &net->opportunities;
    km_opportunity *old = (km_opportunity *)u->ptr, *cur = s->opp[u->id - 1];
    (void)km__opp_index_replace(s, cur, old); /* re-adding removed values cannot allocate */
    s->opp[u->id - 1] = old;
    km__opportunity_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__opportunity_unref((km_opportunity *)u->ptr);
}

int km__opp_prepare(km_network *net, const km_opportunity *old, const km__oin *in, int64_t time,
                    km_opportunity **out)
{
    km_opportunity *o;
    int rc;
    *out = NULL;
    o = km__opp_build(net, in, old->id, old->version + 1, old->created, time);
    if (!o) return km__nomem();
    if ((rc = km__opp_index_replace(&net->opportunities, old, o)) != 0) {
        km__opportunity_unref(o);
        return rc;
    }
    *out = o;
    return 0;
}

void km__opp_unprepare(km_network *net, const km_opportunity *old, km_opportunity *nw)
{
    (void)km__opp_index_replace(&net->opportunities, nw, old);
    km__opportunity_unref(nw);
}

void km__opp_install(km_network *net, km_opportunity *old, km_opportunity *nw)
{
    net->opportunities.opp[old->id - 1] = nw;
    km__undo_push(net, undo_replace, release_replace, old->id, old); /* the state's ref moves to the undo step */
}

int km__opp_replace(km_network *net, km__apply *ap, km_opportunity *old, const km__oin *in)
{
    km_opportunity *o;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__opp_prepare(net, old, in, ap->time, &o)) != 0) return rc;
    km__opp_install(net, old, o);
    ap->id = old->id;
    return 0;
}

/* ---- update ---- */

#define KM__OPEN_EDITABLE (KM_OPPORTUNITY_F_DESCRIPTION | KM_OPPORTUNITY_F_CLOSING)

static int apply_update(km_network *net, km__apply *ap)
{
    km_opportunity *o;
    km__oin in;
    uint64_t mask = 0;
    int32_t today;
    int rc;
    if ((o = find(net, ap, &rc)) == NULL) return rc;
    if ((rc = km__opp_get_u64(&ap->f, KM__OT_MASK, "mask", &mask, 1)) != 0) return km__apply_fail(ap, rc);
    if (mask == 0 || (mask & ~(uint64_t)KM_OPPORTUNITY_F_ALL))
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask",
                                          "0x%llx is not a non-empty set of KM_OPPORTUNITY_F_* bits",
                                          "0x%llx bukan himpunan bit KM_OPPORTUNITY_F_* yang tidak kosong",
                                          (unsigned long long)mask));
    if ((rc = km__opp_actor_check(net, ap, o->publisher, "opportunity.update")) != 0) return rc;
    today = km__day_at(ap->time, KM__WIB_MINUTES);
    if (o->status == KM_OPPORTUNITY_OPEN) {
        if (mask & ~(uint64_t)KM__OPEN_EDITABLE)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                              "opportunity %llu is open: only its description and closing date can change",
                                              "peluang %llu sedang dibuka: hanya uraian dan tanggal penutupan yang dapat diubah",
                                              (unsigned long long)o->id));
        if (today > o->closing)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.closing_date",
                                              "opportunity %llu closed for interest after %s",
                                              "peluang %llu ditutup untuk minat setelah %s", (unsigned long long)o->id,
                                              o->closing_s));
    } else if (o->status != KM_OPPORTUNITY_DRAFT) {
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                          "opportunity %llu is %s%.0s: only a draft or an open opportunity can change",
                                          "peluang %llu %.0s%s: hanya peluang draf atau yang dibuka yang dapat diubah",
                                          (unsigned long long)o->id, km_opportunity_status_label(o->status, KM_LANG_EN),
                                          km_opportunity_status_label(o->status, KM_LANG_ID)));
    }
    km__oin_from_record(&in, o);
    if ((rc = km__opp_decode(&ap->f, (uint32_t)mask, &in, 0)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_validate(net, &in)) != 0) return km__apply_fail(ap, rc);
    if ((mask & (KM_OPPORTUNITY_F_TYPE | KM_OPPORTUNITY_F_FRAMEWORK)) && (rc = check_type(net, &in)) != 0)
        return km__apply_fail(ap, rc);
    if (o->status == KM_OPPORTUNITY_OPEN && in.closing < o->closing)
        return km__apply_fail(ap, km__err(KM_EINVAL, "opportunity.closing_date",
                                          "an open opportunity's closing date can only move later (now %s)",
                                          "tanggal penutupan peluang yang dibuka hanya dapat diundur (kini %s)",
                                          o->closing_s));
    return km__opp_replace(net, ap, o, &in);
}

const km__opdef km__opportunity_ops[] = {
    { KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_CREATE, "opportunity.create", apply_create, schema,
      sizeof schema / sizeof schema[0] },
    { KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_UPDATE, "opportunity.update", apply_update, schema,
      sizeof schema / sizeof schema[0] },
    { KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_TRANSITION, "opportunity.transition", km__opp_apply_transition, schema,
      sizeof schema / sizeof schema[0] },
};
const size_t km__opportunity_ops_count = sizeof km__opportunity_ops / sizeof km__opportunity_ops[0];
