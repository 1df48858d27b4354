/* Amendments: every change to a signed, active or suspended agreement.
 * Append-only: each creates version N+1 recording its rationale and the
 * fields it changed, and version N stays readable (km_agreement_get_version
 * in agreement.c). */
#include "agreement/agreement.h"

#include <string.h>

int km__agr_apply_amend(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    const km_agreement *cur;
    km__ain in;
    km__sl rationale;
    uint64_t mask = 0;
    uint32_t changed;
    size_t i, j;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    cur = slot->cur;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_MASK, "mask", &mask, 1)) != 0) return km__apply_fail(ap, rc);
    if (mask == 0 || (mask & ~(uint64_t)KM_AGREEMENT_F_ALL))
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask", "0x%llx is not a non-empty set of KM_AGREEMENT_F_* bits",
                                          "0x%llx bukan himpunan bit KM_AGREEMENT_F_* yang tidak kosong",
                                          (unsigned long long)mask));
    if (mask & KM_AGREEMENT_F_FRAMEWORK)
        return km__apply_fail(ap, km__err(KM_EINVAL, "agreement.framework_id",
                                          "the framework of a signed agreement cannot be amended",
                                          "kerangka perjanjian yang sudah ditandatangani tidak dapat diubah"));
    if (cur->status != KM_AGREEMENT_SIGNED && cur->status != KM_AGREEMENT_ACTIVE &&
        cur->status != KM_AGREEMENT_SUSPENDED) {
        int before = cur->status == KM_AGREEMENT_DRAFT || cur->status == KM_AGREEMENT_PROPOSED;
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s: %s%.0s",
                                          "perjanjian %llu %s: %.0s%s", (unsigned long long)cur->id,
                                          km_agreement_status_label(cur->status, KM_LANG_EN),
                                          before ? "not signed yet, edit it with km_agreement_update"
                                                 : "it has ended and cannot be amended",
                                          before ? "belum ditandatangani, ubah dengan km_agreement_update"
                                                 : "sudah berakhir dan tidak dapat diubah"));
    }
    if ((rc = km__agr_get_str(&ap->f, KM__AT_RATIONALE, &rationale)) != 0) return km__apply_fail(ap, rc);
    if (!rationale.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "agreement.rationale", "an amendment needs a rationale",
                                          "adendum memerlukan alasan"));
    km__ain_from_record(&in, cur);
    if ((rc = km__agr_decode(&ap->f, (uint32_t)mask, &in)) != 0) return km__apply_fail(ap, rc);
    /* Parties that stay keep their signature; a party added by amendment
     * is bound by the amendment itself, so it counts as signed now. */
    for (i = 0; i < in.n_parties; i++) {
        in.parties[i].signed_at = ap->time;
        for (j = 0; j < cur->n_parties; j++)
            if (km__ag_party(cur, j) == in.parties[i].partner) in.parties[i].signed_at = km__ag_signed_at(cur, j);
    }
    changed = km__agr_diff(cur, &in);
    if (changed == 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask", "the amendment changes nothing",
                                          "adendum tidak mengubah apa pun"));
    in.rationale = rationale;
    in.amend_mask = changed;
    if ((rc = km__agr_validate(net, &in, cur->id)) != 0) return km__apply_fail(ap, rc);
    return km__agr_replace(net, ap, slot, &in, 1);
}
