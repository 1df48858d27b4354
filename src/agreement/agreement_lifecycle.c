/* The agreement state machine: which transitions are legal, what each
 * needs (reasons, parties, the framework check at activation), and
 * signatures. Every transition is one event, so the log records its actor,
 * time, reason and override justification. */
#include "agreement/agreement.h"
#include "framework/framework_internal.h"
#include "partner/partner.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

/* allowed[from] = mask of states reachable by km_agreement_transition().
 * SIGNED is reached by signatures and EXPIRED only with an as-of date
 * (km_agreement_expire_due), but both are listed so that the error message
 * names every way forward. */
static const uint32_t allowed[KM_AGREEMENT_STATUS__COUNT] = {
    /* draft */ KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_PROPOSED) | KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_CANCELLED),
    /* proposed */ KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_SIGNED) | KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_CANCELLED),
    /* signed */ KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_ACTIVE),
    /* active */ KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_SUSPENDED) | KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_COMPLETED) |
        KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_TERMINATED) | KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_EXPIRED),
    /* suspended */ KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_ACTIVE) | KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_TERMINATED),
    /* completed */ 0,
    /* terminated */ 0,
    /* expired */ 0,
    /* cancelled */ 0,
};

static void list_states(char *out, size_t cap, uint32_t mask, int lang)
{
    size_t pos = 0;
    int s;
    out[0] = '\0';
    for (s = 0; s < KM_AGREEMENT_STATUS__COUNT; s++) {
        if (!(mask & KM_AGREEMENT_STATUS_BIT(s))) continue;
        pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? ", " : "", km_agreement_status_label(s, lang));
        if (pos >= cap) break;
    }
    if (!mask) snprintf(out, cap, "%s", lang == KM_LANG_ID ? "tidak ada (status akhir)" : "none (final state)");
}

static int illegal(const km_agreement *a, int to)
{
    char en[200], id[200];
    list_states(en, sizeof en, allowed[a->status], KM_LANG_EN);
    list_states(id, sizeof id, allowed[a->status], KM_LANG_ID);
    return km__err(KM_ESTATE, "agreement.status",
                   "agreement %llu cannot go from %s%.0s to %s%.0s; allowed from %s%.0s: %s%.0s",
                   "perjanjian %llu tidak dapat berpindah dari %.0s%s ke %.0s%s; yang diizinkan dari %.0s%s: %.0s%s",
                   (unsigned long long)a->id, km_agreement_status_label(a->status, KM_LANG_EN),
                   km_agreement_status_label(a->status, KM_LANG_ID), km_agreement_status_label(to, KM_LANG_EN),
                   km_agreement_status_label(to, KM_LANG_ID), km_agreement_status_label(a->status, KM_LANG_EN),
                   km_agreement_status_label(a->status, KM_LANG_ID), en, id);
}

/* Collects violation summaries for the activation error. */
typedef struct vsum {
    char en[400], id[400];
    size_t n;
} vsum;

static void add_violation(void *payload, int rule, const char *field, const char *en, const char *id)
{
    vsum *v = (vsum *)payload;
    size_t le = strlen(v->en), li = strlen(v->id);
    (void)rule;
    (void)field;
    if (le < sizeof v->en - 1) snprintf(v->en + le, sizeof v->en - le, "%s%s", v->n ? "; " : "", en);
    if (li < sizeof v->id - 1) snprintf(v->id + li, sizeof v->id - li, "%s%s", v->n ? "; " : "", id);
    v->n++;
}

static void no_incentive(void *payload, int incentive)
{
    (void)payload;
    (void)incentive;
}

int km__agr_apply_transition(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    const km_agreement *a;
    km__ain in;
    km__sl reason, override, as_of;
    uint64_t to = 0;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    a = slot->cur;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_STATUS, "agreement.status", &to, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("agreement.status", to, KM_AGREEMENT_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_OVERRIDE, &override)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_AS_OF, &as_of)) != 0) return km__apply_fail(ap, rc);
    if (!(allowed[a->status] & KM_AGREEMENT_STATUS_BIT(to))) return km__apply_fail(ap, illegal(a, (int)to));
    if (to == KM_AGREEMENT_SIGNED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status",
                                          "agreement %llu becomes signed when every party has signed (km_agreement_sign)",
                                          "perjanjian %llu menjadi ditandatangani setelah semua pihak menandatangani (km_agreement_sign)",
                                          (unsigned long long)a->id));
    if (to == KM_AGREEMENT_EXPIRED) {
        int32_t d;
        if (!as_of.p)
            return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status",
                                              "expiry is recorded by km_agreement_expire_due with a date",
                                              "kedaluwarsa dicatat oleh km_agreement_expire_due dengan tanggal"));
        if ((rc = km__v_date("as_of", as_of.p, as_of.n, &d)) != 0) return km__apply_fail(ap, rc);
        if (!km__ag_has_end(a) || km__ag_end(a) >= d)
            return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.end_date",
                                              "agreement %llu has not reached its end date by %.*s",
                                              "perjanjian %llu belum melewati tanggal berakhir pada %.*s",
                                              (unsigned long long)a->id, (int)as_of.n, as_of.p));
    } else if (as_of.p) {
        return km__apply_fail(ap, km__err(KM_EINVAL, "as_of", "is only for expiry", "hanya untuk kedaluwarsa"));
    }
    if ((to == KM_AGREEMENT_SUSPENDED || to == KM_AGREEMENT_TERMINATED || to == KM_AGREEMENT_CANCELLED) && !reason.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "agreement.reason", "a reason is required to move to %s",
                                          "alasan wajib diisi untuk berpindah ke %s",
                                          km_agreement_status_label((int)to, KM_LANG_EN)));
    if (override.p && !(to == KM_AGREEMENT_ACTIVE && a->status == KM_AGREEMENT_SIGNED))
        return km__apply_fail(ap, km__err(KM_EINVAL, "agreement.override", "an override applies only to activation",
                                          "pengecualian hanya berlaku untuk pengaktifan"));
    km__ain_from_record(&in, a);
    in.status = to;
    in.reason = reason;
    if (to == KM_AGREEMENT_PROPOSED) {
        if (a->n_parties < 2)
            return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.parties",
                                              "agreement %llu has %u parties; at least two are needed to propose it",
                                              "perjanjian %llu memiliki %u pihak; sedikitnya dua diperlukan untuk diusulkan",
                                              (unsigned long long)a->id, (unsigned)a->n_parties));
        if (!km__ag_has_start(a))
            return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.start_date",
                                              "agreement %llu needs a start date to be proposed",
                                              "perjanjian %llu memerlukan tanggal mulai untuk diusulkan",
                                              (unsigned long long)a->id));
    }
    if (to == KM_AGREEMENT_ACTIVE && a->status == KM_AGREEMENT_SIGNED) {
        in.override = override;
        if (km__ag_framework(a)) {
            const km_framework *fw = km__framework_version(&net->frameworks, km__ag_framework(a), km__ag_fw_version(a));
            vsum v;
            km__check_sink sink;
            memset(&v, 0, sizeof v);
            sink.violation = add_violation;
            sink.incentive = no_incentive;
            sink.payload = &v;
            if (fw && km__check_run(net, a, fw, &sink) > 0 && !override.p)
                return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.framework",
                                                  "agreement %llu breaks %zu rule(s) of framework %llu v%u: %s%.0s "
                                                  "(activate with an override justification to proceed)",
                                                  "perjanjian %llu melanggar %zu aturan kerangka %llu v%u: %.0s%s "
                                                  "(aktifkan dengan justifikasi pengecualian untuk melanjutkan)",
                                                  (unsigned long long)a->id, v.n, (unsigned long long)km__ag_framework(a),
                                                  km__ag_fw_version(a), v.en, v.id));
        }
    }
    if ((rc = km__agr_validate(net, &in, a->id)) != 0) return km__apply_fail(ap, rc);
    return km__agr_replace(net, ap, slot, &in, 0);
}

int km__agr_apply_sign(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    const km_agreement *a;
    const km_partner *p;
    km__ain in;
    uint64_t partner = 0;
    size_t i, k = 0, unsigned_left = 0;
    int rc, found = 0;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    a = slot->cur;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_PARTNER, "partner_id", &partner, 1)) != 0) return km__apply_fail(ap, rc);
    if (a->status != KM_AGREEMENT_PROPOSED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status",
                                          "agreement %llu is %s; only a proposed agreement can be signed",
                                          "perjanjian %llu %s; hanya perjanjian yang diusulkan dapat ditandatangani",
                                          (unsigned long long)a->id, km_agreement_status_label(a->status, KM_LANG_EN)));
    for (i = 0; i < a->n_parties; i++)
        if (km__ag_party(a, i) == partner) { found = 1; k = i; }
    if (!found)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "partner_id", "partner %llu is not a party of agreement %llu",
                                          "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)partner,
                                          (unsigned long long)a->id));
    if (km__ag_signed_at(a, k))
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner_id", "partner %llu has already signed agreement %llu",
                                          "mitra %llu sudah menandatangani perjanjian %llu", (unsigned long long)partner,
                                          (unsigned long long)a->id));
    p = km__partner_lookup(&net->partners, partner);
    if (!p || p->status != KM_PARTNER_ACTIVE)
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner_id", "partner %llu is not active and cannot sign",
                                          "mitra %llu tidak aktif dan tidak dapat menandatangani",
                                          (unsigned long long)partner));
    /* Only a party signs for itself. Like the authorizer, this is checked
     * when the signature is made; replay trusts the hash-chained log. */
    if (!ap->replay && strcmp(net->actor, km__pt_external_id(p)) != 0 && strncmp(net->actor, "admin:", 6) != 0)
        return km__err(KM_EDENIED, "agreement.sign",
                       "actor \"%s\" may not sign for partner %llu (%s): the actor must be the partner's external id or start with admin:",
                       "pelaku \"%s\" tidak boleh menandatangani untuk mitra %llu (%s): pelaku harus pengenal eksternal mitra atau diawali admin:",
                       net->actor, (unsigned long long)partner, km__pt_external_id(p));
    km__ain_from_record(&in, a);
    in.parties[k].signed_at = ap->time > 0 ? ap->time : 1;
    for (i = 0; i < in.n_parties; i++)
        if (!in.parties[i].signed_at) unsigned_left++;
    if (unsigned_left == 0) {
        in.status = KM_AGREEMENT_SIGNED;
        in.reason.p = NULL;
        in.reason.n = 0;
        if (km__ag_framework(a)) {
            const km_framework *fw = km__framework_current(&net->frameworks, km__ag_framework(a));
            in.fw_version = fw ? fw->version : 0; /* pinned: later versions do not re-judge it */
        }
    }
    if ((rc = km__agr_validate(net, &in, a->id)) != 0) return km__apply_fail(ap, rc);
    return km__agr_replace(net, ap, slot, &in, 0);
}
