/* Settlement terms: the text agreed, the resource commitments that carry
 * it out and the milestones of the agreement it amends. They arrive with
 * the move to settled (dispute_state.c) and are kept with the dispute.
 * Encoding is in dispute.c (km__dsp_encode_settlement). */
#include "dispute/dispute.h"

int km__dsp_decode_settlement(km_network *net, const km__fields *f, const km_dispute *d, km__din *in, int present)
{
    km__sl terms;
    int rc;
    terms.p = NULL;
    terms.n = 0;
    if (present && (rc = km__dsp_get_str(f, KM__DT_TERMS, &terms)) != 0) return rc;
    if (!terms.p) return km__err(KM_EINVAL, "settlement.terms", "are required to settle", "wajib diisi untuk berdamai");
    if ((rc = km__v_text("settlement.terms", terms.p, terms.n, 1, KM_DISPUTE_TEXT_MAX, 1)) != 0) return rc;
    if ((rc = km__dsp_get_ids(f, KM__DT_SETTLE_COMMITMENTS, "settlement.commitments", in->scommit, &in->n_scommit,
                              KM_DISPUTE_REFS_MAX)) != 0 ||
        (rc = km__dsp_get_numbers(f, KM__DT_SETTLE_MILESTONES, "settlement.milestones", in->sms, &in->n_sms,
                                  KM_DISPUTE_REFS_MAX)) != 0)
        return rc;
    if ((rc = km__dsp_v_commitments(net, d->agreement, "settlement.commitments", in->scommit, in->n_scommit)) != 0)
        return rc;
    if ((rc = km__dsp_v_milestones(net, d->agreement, "settlement.milestones", in->sms, in->n_sms)) != 0) return rc;
    in->terms = terms;
    return 0;
}
