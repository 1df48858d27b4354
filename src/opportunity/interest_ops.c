/* Expression of interest events: submit, consent, transition (shortlist,
 * reject, withdraw) and select. Decode, validate, apply with undo; the same
 * functions run for live changes and for log replay. */
#include "opportunity/opportunity.h"
#include "agreement/agreement.h"
#include "partner/partner.h"
#include "util/money.h"
#include "util/num.h"
#include "util/date.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const km__fdesc schema[] = {
    { KM__IT_OPPORTUNITY, KM__T_U64, "opportunity_id" },
    { KM__IT_PARTNER, KM__T_U64, "partner_id" },
    { KM__IT_STATEMENT, KM__T_STR, "statement" },
    { KM__IT_CAPABILITIES, KM__T_STRS, "capabilities" },
    { KM__IT_AMOUNT, KM__T_I64, "contribution_amount" },
    { KM__IT_CURRENCY, KM__T_STR, "contribution_currency" },
    { KM__IT_QUANTITY, KM__T_I64, "contribution_quantity" },
    { KM__IT_UNIT, KM__T_STR, "contribution_unit" },
    { KM__IT_CO_APPLICANTS, KM__T_STRS, "co_applicants" },
    { KM__IT_STATUS, KM__T_U64, "status" },
    { KM__IT_REASON, KM__T_STR, "reason" },
    { KM__IT_CONSENTING, KM__T_U64, "consenting_partner_id" },
    { KM__IT_AGREEMENT, KM__T_U64, "agreement_id" },
};

#define BIT(s) (1u << (s))

/* allowed[from] = states an expression can move to. */
static const uint32_t allowed[KM_INTEREST_STATUS__COUNT] = {
    /* submitted */ BIT(KM_INTEREST_SHORTLISTED) | BIT(KM_INTEREST_SELECTED) | BIT(KM_INTEREST_REJECTED) |
        BIT(KM_INTEREST_WITHDRAWN),
    /* shortlisted */ BIT(KM_INTEREST_SELECTED) | BIT(KM_INTEREST_REJECTED) | BIT(KM_INTEREST_WITHDRAWN),
    /* selected */ 0,
    /* rejected */ 0,
    /* withdrawn */ 0,
};

static int get_i64(const km__fields *f, uint16_t tag, int64_t *out)
{
    int rc = km__fields_i64(f, tag, out);
    if (rc == 0) *out = 0;
    return rc < 0 ? rc : 0;
}

/* "partner" (events) or "partner:consented" (snapshots). */
static int parse_co(const char *s, size_t n, km__coapp *c, int snapshot)
{
    const char *colon = memchr(s, ':', n);
    uint64_t t = 0;
    if (colon) {
        if (!snapshot || !km__parse_u64(colon + 1, n - (size_t)(colon + 1 - s), &t) || t > INT64_MAX) return 0;
        n = (size_t)(colon - s);
    }
    if (!km__parse_u64(s, n, &c->partner)) return 0;
    c->consented = (int64_t)t;
    return 1;
}

int km__eoi_decode(const km__fields *f, km__ein *in, int snapshot)
{
    km__strs list;
    size_t pos, i;
    int rc;
    if ((rc = km__opp_get_u64(f, KM__IT_OPPORTUNITY, "interest.opportunity_id", &in->opportunity, 1)) != 0) return rc;
    if ((rc = km__opp_get_u64(f, KM__IT_PARTNER, "interest.partner_id", &in->partner, 1)) != 0) return rc;
    if ((rc = km__opp_get_str(f, KM__IT_STATEMENT, &in->statement)) != 0) return rc;
    rc = km__fields_strs(f, KM__IT_CAPABILITIES, &list);
    if (rc < 0) return rc;
    in->n_caps = 0;
    if (rc > 0) {
        if (list.count > KM_TAGS_MAX)
            return km__err(KM_EINVAL, "interest.capabilities", "has more than %d tags", "lebih dari %d tag", KM_TAGS_MAX);
        for (i = 0, pos = 0; i < list.count; i++) in->caps[i].p = km__strs_next(&list, &pos, &in->caps[i].n);
        in->n_caps = list.count;
    }
    if ((rc = get_i64(f, KM__IT_AMOUNT, &in->amount)) != 0) return rc;
    if ((rc = km__opp_get_str(f, KM__IT_CURRENCY, &in->currency)) != 0) return rc;
    if ((rc = get_i64(f, KM__IT_QUANTITY, &in->quantity)) != 0) return rc;
    if ((rc = km__opp_get_str(f, KM__IT_UNIT, &in->unit)) != 0) return rc;
    rc = km__fields_strs(f, KM__IT_CO_APPLICANTS, &list);
    if (rc < 0) return rc;
    in->n_co = 0;
    if (rc > 0) {
        if (list.count > KM_INTEREST_CO_APPLICANTS_MAX)
            return km__err(KM_EINVAL, "interest.co_applicants", "has more than %d co-applicants",
                           "lebih dari %d pemohon bersama", KM_INTEREST_CO_APPLICANTS_MAX);
        for (i = 0, pos = 0; i < list.count; i++) {
            size_t n;
            const char *e = km__strs_next(&list, &pos, &n);
            if (!parse_co(e, n, &in->co[i], snapshot))
                return km__err(KM_EINVAL, "interest.co_applicants", "co-applicant %zu is not a partner id",
                               "pemohon bersama %zu bukan id mitra", i);
        }
        in->n_co = list.count;
    }
    if (snapshot) {
        if ((rc = km__opp_get_u64(f, KM__IT_STATUS, "interest.status", &in->status, 1)) != 0) return rc;
        if ((rc = km__opp_get_str(f, KM__IT_REASON, &in->reason)) != 0) return rc;
        if ((rc = km__opp_get_u64(f, KM__IT_AGREEMENT, NULL, &in->agreement, 0)) != 0) return rc;
    }
    return 0;
}

static int no_partner(const char *field, uint64_t id)
{
    return km__err(KM_ENOTFOUND, field, "no partner with id %llu", "tidak ada mitra dengan id %llu",
                   (unsigned long long)id);
}

int km__eoi_validate(km_network *net, const km__ein *in)
{
    size_t i, j;
    int rc;
    if (!km__opp_lookup(&net->opportunities, in->opportunity)) return km__opp_not_found(in->opportunity);
    if (!km__partner_exists(&net->partners, in->partner)) return no_partner("interest.partner_id", in->partner);
    if (!in->statement.p) return km__err(KM_EINVAL, "interest.statement", "is required", "wajib diisi");
    if ((rc = km__v_text("interest.statement", in->statement.p, in->statement.n, 1, KM_OPPORTUNITY_TEXT_MAX, 1)) != 0)
        return rc;
    if ((rc = km__v_tags("interest.capabilities", in->caps, in->n_caps)) != 0) return rc;
    if (in->currency.p) {
        if ((rc = km__v_currency("interest.contribution_currency", in->currency.p, in->currency.n)) != 0) return rc;
        if (in->amount <= 0)
            return km__err(KM_EINVAL, "interest.contribution_amount", "must be positive (%lld)", "harus positif (%lld)",
                           (long long)in->amount);
    } else if (in->amount != 0) {
        return km__err(KM_EINVAL, "interest.contribution_currency", "is required when an amount is given",
                       "wajib diisi bila jumlah uang diberikan");
    }
    if (in->quantity < 0)
        return km__err(KM_EINVAL, "interest.contribution_quantity", "must not be negative (%lld)",
                       "tidak boleh negatif (%lld)", (long long)in->quantity);
    if (in->quantity && !in->unit.p)
        return km__err(KM_EINVAL, "interest.contribution_unit", "a quantity needs its unit",
                       "kuantitas memerlukan satuannya");
    if (!in->quantity && in->unit.p)
        return km__err(KM_EINVAL, "interest.contribution_unit", "a unit needs a quantity", "satuan memerlukan kuantitas");
    if (in->unit.p &&
        (rc = km__v_text("interest.contribution_unit", in->unit.p, in->unit.n, 1, KM_OPPORTUNITY_UNIT_MAX, 0)) != 0)
        return rc;
    for (i = 0; i < in->n_co; i++) {
        uint64_t p = in->co[i].partner;
        if (p == in->partner)
            return km__err(KM_EINVAL, "interest.co_applicants", "partner %llu submits and cannot also be a co-applicant",
                           "mitra %llu mengajukan dan tidak dapat sekaligus menjadi pemohon bersama",
                           (unsigned long long)p);
        for (j = 0; j < i; j++)
            if (in->co[j].partner == p)
                return km__err(KM_EINVAL, "interest.co_applicants", "partner %llu is listed twice",
                               "mitra %llu tercantum dua kali", (unsigned long long)p);
        if (!km__partner_exists(&net->partners, p)) return no_partner("interest.co_applicants", p);
    }
    if ((rc = km__v_enum("interest.status", in->status, KM_INTEREST_STATUS__COUNT)) != 0) return rc;
    if (in->reason.p &&
        (rc = km__v_text("interest.reason", in->reason.p, in->reason.n, 0, KM_OPPORTUNITY_REASON_MAX, 1)) != 0)
        return rc;
    if (in->agreement && !km__agr_current(net, in->agreement)) return km__agr_not_found(in->agreement);
    return 0;
}

static km_interest *find(km_network *net, km__apply *ap, int *rc)
{
    km_interest *e = km__eoi_lookup(&net->opportunities, ap->ev.id);
    *rc = 0;
    if (!e) *rc = km__apply_fail(ap, km__eoi_not_found(ap->ev.id));
    return e;
}

static int taken(const km__opportunities *s, uint64_t opp, uint64_t partner)
{
    uint64_t other = km__eoi_active_member(s, opp, partner, 0);
    if (!other) return 0;
    return km__err(KM_EEXISTS, "interest.partner_id",
                   "partner %llu already belongs to expression of interest %llu for opportunity %llu",
                   "mitra %llu sudah tergabung dalam pernyataan minat %llu untuk peluang %llu",
                   (unsigned long long)partner, (unsigned long long)other, (unsigned long long)opp);
}

/* ---- submit ---- */

static void undo_submit(km_network *net, km__undo *u)
{
    km__opportunities *s = &net->opportunities;
    km_interest *e = (km_interest *)u->ptr;
    (void)km__eoi_index_replace(s, e, NULL);
    s->eoi[--s->n_eoi] = NULL;
    km__interest_unref(e);
}

static int apply_submit(km_network *net, km__apply *ap)
{
    km__opportunities *s = &net->opportunities;
    const km_opportunity *o;
    km_interest *e;
    km__ein in;
    uint64_t id = s->n_eoi + 1;
    int32_t day;
    size_t i;
    int rc;
    memset(&in, 0, offsetof(km__ein, caps));
    if ((rc = km__eoi_decode(&ap->f, &in, 0)) != 0) return km__apply_fail(ap, rc);
    in.status = KM_INTEREST_SUBMITTED;
    for (i = 0; i < in.n_co; i++) in.co[i].consented = 0;
    if ((rc = km__eoi_validate(net, &in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_actor_check(net, ap, in.partner, "interest.submit")) != 0) return rc;
    o = km__opp_lookup(s, in.opportunity);
    day = km__day_at(ap->time, KM__WIB_MINUTES);
    if (o->status != KM_OPPORTUNITY_OPEN)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                          "opportunity %llu is %s%.0s: it accepts no interest",
                                          "peluang %llu %.0s%s: tidak menerima minat", (unsigned long long)o->id,
                                          km_opportunity_status_label(o->status, KM_LANG_EN),
                                          km_opportunity_status_label(o->status, KM_LANG_ID)));
    if (day > o->closing)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.closing_date",
                                          "opportunity %llu is closed: its last day for interest was %s",
                                          "peluang %llu sudah ditutup: hari terakhir untuk minat adalah %s",
                                          (unsigned long long)o->id, o->closing_s));
    if (day < o->opening)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.opening_date",
                                          "opportunity %llu accepts interest from %s",
                                          "peluang %llu menerima minat mulai %s", (unsigned long long)o->id,
                                          o->opening_s));
    if ((rc = taken(s, o->id, in.partner)) != 0) return km__apply_fail(ap, rc);
    for (i = 0; i < in.n_co; i++)
        if ((rc = taken(s, o->id, in.co[i].partner)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__elig_require(net, o, in.partner, in.co, in.n_co)) != 0) return km__apply_fail(ap, rc);
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "interest.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->eoi, &s->cap_eoi, s->n_eoi + 1, sizeof *s->eoi)) != 0) return rc;
    e = km__eoi_build(net, &in, id, 1, ap->time, ap->time);
    if (!e) return km__nomem();
    if ((rc = km__eoi_index_replace(s, NULL, e)) != 0) {
        km__interest_unref(e);
        return rc;
    }
    s->eoi[s->n_eoi++] = e;
    km__undo_push(net, undo_submit, NULL, id, e);
    ap->id = id;
    return 0;
}

/* ---- replace ---- */

static void undo_replace(km_network *net, km__undo *u)
{
    km__opportunities *s = &net->opportunities;
    km_interest *old = (km_interest *)u->ptr, *cur = s->eoi[u->id - 1];
    (void)km__eoi_index_replace(s, cur, old);
    s->eoi[u->id - 1] = old;
    km__interest_unref(cur);
}

static void release_replace(km_network *net, km__undo *u)
{
    (void)net;
    km__interest_unref((km_interest *)u->ptr);
}

/* Builds and indexes the next version; nothing visible changes yet. */
static int eoi_prepare(km_network *net, const km_interest *old, const km__ein *in, int64_t time, km_interest **out)
{
    km_interest *e;
    int rc;
    *out = NULL;
    e = km__eoi_build(net, in, old->id, old->version + 1, old->created, time);
    if (!e) return km__nomem();
    if ((rc = km__eoi_index_replace(&net->opportunities, old, e)) != 0) {
        km__interest_unref(e);
        return rc;
    }
    *out = e;
    return 0;
}

static void eoi_install(km_network *net, km_interest *old, km_interest *nw)
{
    net->opportunities.eoi[old->id - 1] = nw;
    km__undo_push(net, undo_replace, release_replace, old->id, old);
}

static int eoi_replace(km_network *net, km__apply *ap, km_interest *old, const km__ein *in)
{
    km_interest *e;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = eoi_prepare(net, old, in, ap->time, &e)) != 0) return rc;
    eoi_install(net, old, e);
    ap->id = old->id;
    return 0;
}

static int illegal(const km_interest *e, int to)
{
    return km__err(KM_ESTATE, "interest.status",
                   "expression of interest %llu cannot go from %s%.0s to %s%.0s",
                   "pernyataan minat %llu tidak dapat berpindah dari %.0s%s ke %.0s%s", (unsigned long long)e->id,
                   km_interest_status_label(e->status, KM_LANG_EN), km_interest_status_label(e->status, KM_LANG_ID),
                   km_interest_status_label(to, KM_LANG_EN), km_interest_status_label(to, KM_LANG_ID));
}

/* ---- consent ---- */

static int apply_consent(km_network *net, km__apply *ap)
{
    km_interest *e;
    km__ein in;
    uint64_t partner = 0;
    size_t i, k = 0;
    int rc, found = 0;
    if ((e = find(net, ap, &rc)) == NULL) return rc;
    if ((rc = km__opp_get_u64(&ap->f, KM__IT_CONSENTING, "consenting_partner_id", &partner, 1)) != 0)
        return km__apply_fail(ap, rc);
    for (i = 0; i < e->n_co; i++)
        if (e->co[i].partner == partner) { found = 1; k = i; }
    if (!found)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "consenting_partner_id",
                                          "partner %llu is not a co-applicant of expression of interest %llu",
                                          "mitra %llu bukan pemohon bersama pernyataan minat %llu",
                                          (unsigned long long)partner, (unsigned long long)e->id));
    if ((rc = km__opp_actor_check(net, ap, partner, "interest.consent")) != 0) return rc;
    if (e->status != KM_INTEREST_SUBMITTED && e->status != KM_INTEREST_SHORTLISTED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "interest.status",
                                          "expression of interest %llu is %s%.0s; consent is given before selection",
                                          "pernyataan minat %llu %.0s%s; persetujuan diberikan sebelum pemilihan",
                                          (unsigned long long)e->id, km_interest_status_label(e->status, KM_LANG_EN),
                                          km_interest_status_label(e->status, KM_LANG_ID)));
    if (e->co[k].consented)
        return km__apply_fail(ap, km__err(KM_ESTATE, "consenting_partner_id",
                                          "partner %llu has already consented to expression of interest %llu",
                                          "mitra %llu sudah menyetujui pernyataan minat %llu",
                                          (unsigned long long)partner, (unsigned long long)e->id));
    km__ein_from_record(&in, e);
    in.co[k].consented = ap->time > 0 ? ap->time : 1;
    return eoi_replace(net, ap, e, &in);
}

/* ---- shortlist, reject, withdraw ---- */

static int apply_transition(km_network *net, km__apply *ap)
{
    km_interest *e;
    const km_opportunity *o;
    km__ein in;
    km__sl reason;
    uint64_t to = 0;
    int rc;
    if ((e = find(net, ap, &rc)) == NULL) return rc;
    o = km__opp_lookup(&net->opportunities, e->opportunity);
    if ((rc = km__opp_get_u64(&ap->f, KM__IT_STATUS, "interest.status", &to, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("interest.status", to, KM_INTEREST_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_get_str(&ap->f, KM__IT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if (reason.p && (rc = km__v_text("interest.reason", reason.p, reason.n, 0, KM_OPPORTUNITY_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__opp_actor_check(net, ap, to == KM_INTEREST_WITHDRAWN ? e->partner : o->publisher,
                                  "interest.transition")) != 0)
        return rc;
    if (!(allowed[e->status] & BIT(to))) return km__apply_fail(ap, illegal(e, (int)to));
    if (to == KM_INTEREST_SELECTED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "interest.status",
                                          "expression of interest %llu is selected with km_interest_select",
                                          "pernyataan minat %llu dipilih dengan km_interest_select",
                                          (unsigned long long)e->id));
    if (to == KM_INTEREST_WITHDRAWN) {
        if (o->status != KM_OPPORTUNITY_OPEN || km__day_at(ap->time, KM__WIB_MINUTES) > o->closing)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                              "opportunity %llu is closed (last day %s): expressions can no longer be withdrawn",
                                              "peluang %llu sudah ditutup (hari terakhir %s): pernyataan minat tidak dapat ditarik lagi",
                                              (unsigned long long)o->id, o->closing_s));
    } else {
        if (o->status != KM_OPPORTUNITY_OPEN && o->status != KM_OPPORTUNITY_CLOSED)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                              "opportunity %llu is %s%.0s: its expressions can no longer be reviewed",
                                              "peluang %llu %.0s%s: pernyataan minatnya tidak dapat ditinjau lagi",
                                              (unsigned long long)o->id, km_opportunity_status_label(o->status, KM_LANG_EN),
                                              km_opportunity_status_label(o->status, KM_LANG_ID)));
        if (to == KM_INTEREST_REJECTED && (!reason.p || reason.n == 0))
            return km__apply_fail(ap, km__err(KM_EINVAL, "interest.reason", "a reason is required to reject",
                                              "alasan wajib diisi untuk menolak"));
    }
    km__ein_from_record(&in, e);
    in.status = to;
    in.reason = reason;
    return eoi_replace(net, ap, e, &in);
}

/* ---- select ---- */

static void undo_link(km_network *net, km__undo *u)
{
    km__u64map_remove(&net->opportunities.opp_of_agreement, u->id);
}

/* The agreement must hold the publisher and every member in (at least)
 * the roles the opportunity names. */
static int check_parties(const km_agreement *a, const km_opportunity *o, const km_interest *e)
{
    uint64_t want[2 + KM_INTEREST_CO_APPLICANTS_MAX];
    uint32_t roles[2 + KM_INTEREST_CO_APPLICANTS_MAX];
    size_t n = 0, i, k;
    want[n] = o->publisher;
    roles[n++] = o->publisher_roles;
    want[n] = e->partner;
    roles[n++] = o->partner_roles;
    for (i = 0; i < e->n_co; i++) {
        want[n] = e->co[i].partner;
        roles[n++] = o->partner_roles;
    }
    for (i = 0; i < n; i++) {
        int ok = 0;
        for (k = 0; k < a->n_parties; k++)
            if (km__ag_party(a, k) == want[i] && (km__ag_roles(a, k) & roles[i]) == roles[i]) ok = 1;
        if (!ok)
            return km__err(KM_EINVAL, "interest.agreement_id",
                           "agreement %llu does not have partner %llu as a party in roles 0x%x",
                           "perjanjian %llu tidak memuat mitra %llu sebagai pihak dengan peran 0x%x",
                           (unsigned long long)a->id, (unsigned long long)want[i], roles[i]);
    }
    return 0;
}

static int apply_select(km_network *net, km__apply *ap)
{
    km__opportunities *s = &net->opportunities;
    km_interest *e, *ne;
    km_opportunity *o, *no;
    const km_agreement *a;
    km__ein in;
    km__oin oin;
    uint64_t aid = 0, linked;
    int rc, is_new;
    size_t i;
    char missing[200];
    if ((e = find(net, ap, &rc)) == NULL) return rc;
    o = km__opp_lookup(s, e->opportunity);
    if ((rc = km__opp_get_u64(&ap->f, KM__IT_AGREEMENT, "agreement_id", &aid, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_actor_check(net, ap, o->publisher, "interest.select")) != 0) return rc;
    if (o->status != KM_OPPORTUNITY_CLOSED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.status",
                                          "opportunity %llu is %s%.0s: expressions are selected once it is closed",
                                          "peluang %llu %.0s%s: pernyataan minat dipilih setelah peluang ditutup",
                                          (unsigned long long)o->id, km_opportunity_status_label(o->status, KM_LANG_EN),
                                          km_opportunity_status_label(o->status, KM_LANG_ID)));
    if (!(allowed[e->status] & BIT(KM_INTEREST_SELECTED)))
        return km__apply_fail(ap, illegal(e, KM_INTEREST_SELECTED));
    if (o->n_selected >= o->sought)
        return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.partners_sought",
                                          "opportunity %llu already has the %u selection(s) it seeks",
                                          "peluang %llu sudah memiliki %u pemilihan yang dicarinya",
                                          (unsigned long long)o->id, o->sought));
    missing[0] = '\0';
    for (i = 0; i < e->n_co; i++) {
        size_t len = strlen(missing);
        if (!e->co[i].consented && len < sizeof missing - 24)
            snprintf(missing + len, sizeof missing - len, "%s%llu", len ? ", " : "",
                     (unsigned long long)e->co[i].partner);
    }
    if (missing[0])
        return km__apply_fail(ap, km__err(KM_ESTATE, "interest.co_applicants",
                                          "co-applicant(s) %s of expression of interest %llu have not consented",
                                          "pemohon bersama %s pada pernyataan minat %llu belum memberikan persetujuan",
                                          missing, (unsigned long long)e->id));
    if ((rc = km__elig_require(net, o, e->partner, e->co, e->n_co)) != 0) return km__apply_fail(ap, rc);
    a = km__agr_current(net, aid);
    if (!a) return km__apply_fail(ap, km__agr_not_found(aid));
    is_new = !(o->award_mode == KM_AWARD_JOINT && o->n_agreements);
    if (!is_new) {
        if (aid != o->agreements[0])
            return km__apply_fail(ap, km__err(KM_EINVAL, "agreement_id",
                                              "opportunity %llu awards jointly: the agreement must be %llu, not %llu",
                                              "peluang %llu ditetapkan bersama: perjanjiannya harus %llu, bukan %llu",
                                              (unsigned long long)o->id, (unsigned long long)o->agreements[0],
                                              (unsigned long long)aid));
        if (a->status != KM_AGREEMENT_DRAFT && a->status != KM_AGREEMENT_PROPOSED)
            return km__apply_fail(ap, km__err(KM_ESTATE, "interest.agreement",
                                              "the joint agreement %llu of opportunity %llu is %s%.0s: partners join it only before signing",
                                              "perjanjian bersama %llu dari peluang %llu %.0s%s: mitra hanya dapat bergabung sebelum penandatanganan",
                                              (unsigned long long)aid, (unsigned long long)o->id,
                                              km_agreement_status_label(a->status, KM_LANG_EN),
                                              km_agreement_status_label(a->status, KM_LANG_ID)));
    } else {
        if (km__u64map_get(&s->opp_of_agreement, aid, &linked))
            return km__apply_fail(ap, km__err(KM_EINVAL, "agreement_id",
                                              "agreement %llu already came from opportunity %llu",
                                              "perjanjian %llu sudah berasal dari peluang %llu",
                                              (unsigned long long)aid, (unsigned long long)linked));
        if (a->status != KM_AGREEMENT_DRAFT)
            return km__apply_fail(ap, km__err(KM_ESTATE, "agreement_id",
                                              "agreement %llu is %s%.0s; a selection makes a draft",
                                              "perjanjian %llu %.0s%s; pemilihan membuat draf", (unsigned long long)aid,
                                              km_agreement_status_label(a->status, KM_LANG_EN),
                                              km_agreement_status_label(a->status, KM_LANG_ID)));
    }
    if ((rc = check_parties(a, o, e)) != 0) return km__apply_fail(ap, rc);

    /* Everything that can fail comes before the first visible change. */
    if ((rc = km__undo_reserve(net, 3)) != 0) return rc;
    if (is_new && (rc = km__u64map_reserve(&s->opp_of_agreement, 1)) != 0) return rc;
    km__ein_from_record(&in, e);
    in.status = KM_INTEREST_SELECTED;
    in.reason.p = NULL;
    in.reason.n = 0;
    in.agreement = aid;
    if ((rc = eoi_prepare(net, e, &in, ap->time, &ne)) != 0) return rc;
    km__oin_from_record(&oin, o);
    oin.n_selected = o->n_selected + 1;
    oin.add_agreement = is_new ? aid : 0;
    if ((rc = km__opp_prepare(net, o, &oin, ap->time, &no)) != 0) {
        (void)km__eoi_index_replace(s, ne, e); /* takes back what eoi_prepare added: no allocation */
        km__interest_unref(ne);
        return rc;
    }
    eoi_install(net, e, ne);
    km__opp_install(net, o, no);
    if (is_new) {
        km__u64map_put(&s->opp_of_agreement, aid, o->id); /* reserved: cannot fail */
        km__undo_push(net, undo_link, NULL, aid, NULL);
    }
    ap->id = e->id;
    return 0;
}

const km__opdef km__interest_ops[] = {
    { KM_ENTITY_INTEREST, KM__OP_INTEREST_SUBMIT, "interest.submit", apply_submit, schema,
      sizeof schema / sizeof schema[0] },
    { KM_ENTITY_INTEREST, KM__OP_INTEREST_CONSENT, "interest.consent", apply_consent, schema,
      sizeof schema / sizeof schema[0] },
    { KM_ENTITY_INTEREST, KM__OP_INTEREST_TRANSITION, "interest.transition", apply_transition, schema,
      sizeof schema / sizeof schema[0] },
    { KM_ENTITY_INTEREST, KM__OP_INTEREST_SELECT, "interest.select", apply_select, schema,
      sizeof schema / sizeof schema[0] },
};
const size_t km__interest_ops_count = sizeof km__interest_ops / sizeof km__interest_ops[0];
