/* The opportunity state machine: which transitions are legal and what each
 * needs, the state on a date (the closing date closes an open opportunity
 * for new interest), and the labels of every enum of opportunity.h. Every
 * transition is one event, so the log records its actor, time and reason. */
#include "opportunity/opportunity.h"
#include "partner/partner.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

#define BIT(s) (1u << (s))

/* allowed[from] = mask of the states reachable from `from`. */
static const uint32_t allowed[KM_OPPORTUNITY_STATUS__COUNT] = {
    /* draft */ BIT(KM_OPPORTUNITY_OPEN) | BIT(KM_OPPORTUNITY_CANCELLED),
    /* open */ BIT(KM_OPPORTUNITY_CLOSED) | BIT(KM_OPPORTUNITY_CANCELLED),
    /* closed */ BIT(KM_OPPORTUNITY_AWARDED) | BIT(KM_OPPORTUNITY_CANCELLED),
    /* awarded */ 0,
    /* cancelled */ 0,
};

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* anything but Indonesian is English */
}

static const label status_labels[] = {
    { { "draf", "draft" } },
    { { "dibuka", "open" } },
    { { "ditutup", "closed" } },
    { { "ditetapkan", "awarded" } },
    { { "dibatalkan", "cancelled" } },
};

const char *km_opportunity_status_label(int status, int lang)
{
    return pick(status_labels, KM_OPPORTUNITY_STATUS__COUNT, status, lang);
}

static const label award_labels[] = {
    { { "perjanjian terpisah per pemilihan", "a separate agreement per selection" } },
    { { "satu perjanjian bersama", "one joint agreement" } },
};

const char *km_award_mode_label(int mode, int lang) { return pick(award_labels, KM_AWARD_MODE__COUNT, mode, lang); }

static const label interest_labels[] = {
    { { "diajukan", "submitted" } },
    { { "masuk daftar pendek", "shortlisted" } },
    { { "terpilih", "selected" } },
    { { "ditolak", "rejected" } },
    { { "ditarik", "withdrawn" } },
};

const char *km_interest_status_label(int status, int lang)
{
    return pick(interest_labels, KM_INTEREST_STATUS__COUNT, status, lang);
}

static const label rule_labels[] = {
    { { "mitra aktif", "partner is active" } },
    { { "bukan penerbit peluang", "not the publisher" } },
    { { "jenis mitra yang memenuhi syarat", "eligible partner kind" } },
    { { "wilayah yang memenuhi syarat", "eligible region" } },
    { { "rekam jejak perjanjian selesai", "track record of completed agreements" } },
    { { "tidak sedang menjadi termohon sengketa", "no open dispute as respondent" } },
};

static const char *const rule_codes[] = { "active", "not_publisher", "kind", "region", "track_record",
                                          "no_open_disputes" };

const char *km_eligibility_rule_label(int rule, int lang)
{
    return pick(rule_labels, KM_ELIGIBILITY_RULE__COUNT, rule, lang);
}

const char *km_eligibility_rule_code(int rule)
{
    if (rule < 0 || rule >= KM_ELIGIBILITY_RULE__COUNT) return "?";
    return rule_codes[rule];
}

/* ---- state on a date ---- */

int km__opp_status_on(const km_opportunity *o, int32_t day)
{
    if (o->status == KM_OPPORTUNITY_OPEN && day > o->closing) return KM_OPPORTUNITY_CLOSED;
    return o->status;
}

int km__opp_accepting(const km_opportunity *o, int32_t day)
{
    return o->status == KM_OPPORTUNITY_OPEN && day >= o->opening && day <= o->closing;
}

/* ---- transitions ---- */

static void list_states(char *out, size_t cap, uint32_t mask, int lang)
{
    size_t pos = 0;
    int s;
    out[0] = '\0';
    for (s = 0; s < KM_OPPORTUNITY_STATUS__COUNT; s++) {
        if (!(mask & BIT(s))) continue;
        pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? ", " : "", km_opportunity_status_label(s, lang));
        if (pos >= cap) break;
    }
    if (!mask) snprintf(out, cap, "%s", lang == KM_LANG_ID ? "tidak ada (status akhir)" : "none (final state)");
}

static int illegal(const km_opportunity *o, int to)
{
    char en[120], id[120];
    list_states(en, sizeof en, allowed[o->status], KM_LANG_EN);
    list_states(id, sizeof id, allowed[o->status], KM_LANG_ID);
    return km__err(KM_ESTATE, "opportunity.status",
                   "opportunity %llu cannot go from %s%.0s to %s%.0s; allowed from %s%.0s: %s%.0s",
                   "peluang %llu tidak dapat berpindah dari %.0s%s ke %.0s%s; yang diizinkan dari %.0s%s: %.0s%s",
                   (unsigned long long)o->id, km_opportunity_status_label(o->status, KM_LANG_EN),
                   km_opportunity_status_label(o->status, KM_LANG_ID), km_opportunity_status_label(to, KM_LANG_EN),
                   km_opportunity_status_label(to, KM_LANG_ID), km_opportunity_status_label(o->status, KM_LANG_EN),
                   km_opportunity_status_label(o->status, KM_LANG_ID), en, id);
}

int km__opp_apply_transition(km_network *net, km__apply *ap)
{
    km_opportunity *o = km__opp_lookup(&net->opportunities, ap->ev.id);
    km__oin in;
    km__sl reason, as_of_s;
    uint64_t to = 0;
    int32_t as_of = 0;
    int rc;
    if (!o) return km__apply_fail(ap, km__opp_not_found(ap->ev.id));
    if ((rc = km__opp_get_u64(&ap->f, KM__OT_STATUS, "opportunity.status", &to, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("opportunity.status", to, KM_OPPORTUNITY_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_get_str(&ap->f, KM__OT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__opp_get_str(&ap->f, KM__OT_AS_OF, &as_of_s)) != 0) return km__apply_fail(ap, rc);
    if (as_of_s.p && (rc = km__v_date("as_of", as_of_s.p, as_of_s.n, &as_of)) != 0) return km__apply_fail(ap, rc);
    if (as_of_s.p && to != KM_OPPORTUNITY_CLOSED)
        return km__apply_fail(ap, km__err(KM_EINVAL, "as_of", "is only for closing by date",
                                          "hanya untuk penutupan menurut tanggal"));
    if (reason.p &&
        (rc = km__v_text("opportunity.reason", reason.p, reason.n, 0, KM_OPPORTUNITY_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    /* Closing by date records a fact anyone can observe; every other
     * transition is the publisher's. */
    if (!as_of_s.p && (rc = km__opp_actor_check(net, ap, o->publisher, "opportunity.transition")) != 0) return rc;
    if (!(allowed[o->status] & BIT(to))) return km__apply_fail(ap, illegal(o, (int)to));
    switch (to) {
    case KM_OPPORTUNITY_OPEN: {
        const km_partner *pub = km__partner_lookup(&net->partners, o->publisher);
        if (!pub || pub->status != KM_PARTNER_ACTIVE)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.publisher_id",
                                              "publisher %llu is not active and cannot open opportunity %llu",
                                              "penerbit %llu tidak aktif dan tidak dapat membuka peluang %llu",
                                              (unsigned long long)o->publisher, (unsigned long long)o->id));
        if (km__day_at(ap->time, KM__WIB_MINUTES) > o->closing)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.closing_date",
                                              "the closing date %s of opportunity %llu has already passed",
                                              "tanggal penutupan %s peluang %llu sudah lewat", o->closing_s,
                                              (unsigned long long)o->id));
        break;
    }
    case KM_OPPORTUNITY_CLOSED:
        if (as_of_s.p && o->closing >= as_of)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.closing_date",
                                              "opportunity %llu accepts interest until %s, not closed by %.*s",
                                              "peluang %llu menerima minat sampai %s, belum tutup pada %.*s",
                                              (unsigned long long)o->id, o->closing_s, (int)as_of_s.n, as_of_s.p));
        break;
    case KM_OPPORTUNITY_AWARDED:
        if (o->n_selected == 0)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.selected",
                                              "opportunity %llu has no selected expression of interest to award",
                                              "peluang %llu belum memiliki pernyataan minat terpilih untuk ditetapkan",
                                              (unsigned long long)o->id));
        break;
    case KM_OPPORTUNITY_CANCELLED:
        if (!reason.p || reason.n == 0)
            return km__apply_fail(ap, km__err(KM_EINVAL, "opportunity.reason", "a reason is required to cancel",
                                              "alasan wajib diisi untuk membatalkan"));
        if (o->n_selected)
            return km__apply_fail(ap, km__err(KM_ESTATE, "opportunity.selected",
                                              "opportunity %llu has %u selected expression(s) with agreements; award it instead",
                                              "peluang %llu memiliki %u pernyataan minat terpilih dengan perjanjian; tetapkan saja",
                                              (unsigned long long)o->id, o->n_selected));
        break;
    default:
        break;
    }
    km__oin_from_record(&in, o);
    in.status = to;
    in.reason = reason;
    /* A close by date records its date; later moves (award, cancel) keep
     * it: the states never go back to open, where it would not apply. */
    if (as_of_s.p) {
        in.has_as_of = 1;
        in.as_of = as_of;
    }
    return km__opp_replace(net, ap, o, &in);
}
