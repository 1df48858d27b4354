/* Dispute events: decode, validate, apply with undo (filing, respondents'
 * acknowledgements, consents to skip negotiation, the mediator's hold on
 * the agreement, deadline extensions; moves are in dispute_state.c, the
 * mediator in mediator.c, sessions in session.c, policies in policy.c).
 * The same functions run for live changes and for log replay. */
#include "dispute/dispute.h"
#include "commitment/commitment.h"
#include "partner/partner.h"
#include "util/num.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

const km__fdesc km__dsp_schema[] = {
    { KM__DT_AGREEMENT, KM__T_U64, "agreement_id" },
    { KM__DT_CLAIMANT, KM__T_U64, "claimant" },
    { KM__DT_RESPONDENTS, KM__T_STRS, "respondents" },
    { KM__DT_CATEGORY, KM__T_U64, "category" },
    { KM__DT_SEVERITY, KM__T_U64, "severity" },
    { KM__DT_DESCRIPTION, KM__T_STR, "description" },
    { KM__DT_RELIEF, KM__T_STR, "relief" },
    { KM__DT_COMMITMENTS, KM__T_STRS, "commitments" },
    { KM__DT_MILESTONES, KM__T_STRS, "milestones" },
    { KM__DT_STATUS, KM__T_U64, "status" },
    { KM__DT_NOTE, KM__T_STR, "note" },
    { KM__DT_FORUM, KM__T_U64, "forum" },
    { KM__DT_PARTNER, KM__T_U64, "partner_id" },
    { KM__DT_MEDIATOR, KM__T_U64, "mediator" },
    { KM__DT_OVERRIDE, KM__T_STR, "override" },
    { KM__DT_SESSION_DATE, KM__T_STR, "session_date" },
    { KM__DT_ATTENDEES, KM__T_STRS, "attendees" },
    { KM__DT_OUTCOME, KM__T_STR, "outcome" },
    { KM__DT_TERMS, KM__T_STR, "terms" },
    { KM__DT_SETTLE_COMMITMENTS, KM__T_STRS, "settlement_commitments" },
    { KM__DT_SETTLE_MILESTONES, KM__T_STRS, "settlement_milestones" },
    { KM__DT_HOLD, KM__T_U64, "hold" },
    { KM__DT_DAYS, KM__T_U64, "days" },
    { KM__DT_P_KINDS, KM__T_U64, "mediator_kinds" },
    { KM__DT_P_ALLOW_PARTY, KM__T_U64, "allow_agreement_party" },
    { KM__DT_P_ALLOW_RELATED, KM__T_U64, "allow_related_agreements" },
    { KM__DT_P_SUSPEND, KM__T_U64, "suspend_during_mediation" },
    { KM__DT_P_ACK_DAYS, KM__T_U64, "acknowledge_days" },
    { KM__DT_P_START_DAYS, KM__T_U64, "start_days" },
    { KM__DT_P_NEGOTIATION_DAYS, KM__T_U64, "negotiation_days" },
    { KM__DT_P_MEDIATION_DAYS, KM__T_U64, "mediation_days" },
    { KM__DT_P_UTC_OFFSET, KM__T_I64, "utc_offset_minutes" },
};
const size_t km__dsp_schema_count = sizeof km__dsp_schema / sizeof km__dsp_schema[0];

const km_agreement *km__dsp_agreement(const km_network *net, uint64_t id)
{
    km__agr_slot *slot = km__agreement_slot(&net->agreements, id);
    return slot ? slot->cur : NULL;
}

/* ---- decoding ---- */

int km__dsp_get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

int km__dsp_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) {
        *out = 0;
        if (required) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    }
    return rc < 0 ? rc : 0;
}

int km__dsp_get_i64(const km__fields *f, uint16_t tag, const char *field, int64_t *out, int required)
{
    int rc = km__fields_i64(f, tag, out);
    if (rc == 0) {
        *out = 0;
        if (required) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    }
    return rc < 0 ? rc : 0;
}

int km__dsp_get_ids(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, size_t *n, size_t max)
{
    km__strs list;
    size_t i, j, pos = 0;
    int rc = km__fields_strs(f, tag, &list);
    *n = 0;
    if (rc <= 0) return rc;
    if (list.count > max) return km__err(KM_EINVAL, field, "has more than %zu entries", "lebih dari %zu entri", max);
    for (i = 0; i < list.count; i++) {
        size_t len;
        const char *e = km__strs_next(&list, &pos, &len);
        if (!e || !km__parse_u64(e, len, &out[i]) || out[i] == 0)
            return km__err(KM_EINVAL, field, "entry %zu is not a non-zero id", "entri %zu bukan id yang bukan nol", i);
        for (j = 0; j < i; j++)
            if (out[j] == out[i])
                return km__err(KM_EINVAL, field, "%llu is listed twice", "%llu tercantum dua kali",
                               (unsigned long long)out[i]);
    }
    *n = list.count;
    return 0;
}

int km__dsp_get_numbers(const km__fields *f, uint16_t tag, const char *field, uint32_t *out, size_t *n, size_t max)
{
    uint64_t wide[KM_DISPUTE_REFS_MAX];
    size_t i;
    int rc = km__dsp_get_ids(f, tag, field, wide, n, max < KM_DISPUTE_REFS_MAX ? max : KM_DISPUTE_REFS_MAX);
    if (rc) return rc;
    for (i = 0; i < *n; i++) {
        if (wide[i] > UINT32_MAX) {
            *n = 0;
            return km__err(KM_EINVAL, field, "%llu is not a milestone number", "%llu bukan nomor tonggak",
                           (unsigned long long)wide[i]);
        }
        out[i] = (uint32_t)wide[i];
    }
    return 0;
}

int km__dsp_v_note(const char *field, const km__sl *s, int required)
{
    if (!s->p) return required ? km__err(KM_EINVAL, field, "is required", "wajib diisi") : 0;
    return km__v_text(field, s->p, s->n, required ? 1 : 0, KM_DISPUTE_NOTE_MAX, 1);
}

int km__dsp_v_milestones(km_network *net, uint64_t agreement, const char *field, const uint32_t *ms, size_t n)
{
    const km__agr_extra *x = km__agreement_slot(&net->agreements, agreement) ? km__agr_x(&net->agreements, agreement) : NULL;
    size_t have = x ? x->n_ms : 0, i;
    for (i = 0; i < n; i++)
        if (ms[i] == 0 || ms[i] > have)
            return km__err(KM_ENOTFOUND, field, "agreement %llu has no milestone %lu",
                           "perjanjian %llu tidak memiliki tonggak %lu", (unsigned long long)agreement,
                           (unsigned long)ms[i]);
    return 0;
}

int km__dsp_v_commitments(km_network *net, uint64_t agreement, const char *field, const uint64_t *ids, size_t n)
{
    size_t i;
    /* Commitments are never removed, so a reference that held when it was
     * recorded holds on replay and in a snapshot too. */
    for (i = 0; i < n; i++) {
        const km__cmt_slot *slot = km__cmt_slot_of(&net->commitments, ids[i]);
        if (!slot)
            return km__err(KM_ENOTFOUND, field, "no commitment with id %llu", "tidak ada komitmen dengan id %llu",
                           (unsigned long long)ids[i]);
        if (slot->cur->agreement != agreement)
            return km__err(KM_EINVAL, field, "commitment %llu belongs to agreement %llu, not to agreement %llu",
                           "komitmen %llu milik perjanjian %llu, bukan perjanjian %llu", (unsigned long long)ids[i],
                           (unsigned long long)slot->cur->agreement, (unsigned long long)agreement);
    }
    return 0;
}

static int is_party_of(const km_agreement *a, uint64_t partner)
{
    size_t i;
    for (i = 0; i < a->n_parties; i++)
        if (km__ag_party(a, i) == partner) return 1;
    return 0;
}

static int v_day(const char *field, int32_t d)
{
    if (d < KM__DATE_MIN || d > KM__DATE_MAX)
        return km__err(KM_EINVAL, field, "day %ld is outside 0001..9999", "hari %ld di luar 0001..9999", (long)d);
    return 0;
}

int km__dsp_validate_record(km_network *net, const km__din *in)
{
    size_t i, j;
    int rc;
    if (!km__dsp_agreement(net, in->agreement))
        return km__err(KM_ENOTFOUND, "dispute.agreement_id", "no agreement with id %llu",
                       "tidak ada perjanjian dengan id %llu", (unsigned long long)in->agreement);
    if (in->n_parties < 2 || in->n_parties > KM_DISPUTE_RESPONDENTS_MAX + 1)
        return km__err(KM_EINVAL, "dispute.respondents", "needs 1..%d respondents", "memerlukan 1..%d termohon",
                       KM_DISPUTE_RESPONDENTS_MAX);
    for (i = 0; i < in->n_parties; i++) {
        if (!km__partner_exists(&net->partners, in->parties[i].partner))
            return km__err(KM_ENOTFOUND, i ? "dispute.respondents" : "dispute.claimant", "no partner with id %llu",
                           "tidak ada mitra dengan id %llu", (unsigned long long)in->parties[i].partner);
        for (j = 0; j < i; j++)
            if (in->parties[j].partner == in->parties[i].partner)
                return km__err(KM_EINVAL, "dispute.respondents", "partner %llu is listed twice or is the claimant",
                               "mitra %llu tercantum dua kali atau adalah pemohon",
                               (unsigned long long)in->parties[i].partner);
    }
    if ((rc = km__v_enum("dispute.category", in->category, KM_DISPUTE_CATEGORY__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("dispute.severity", in->severity, KM_DISPUTE_SEVERITY__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("dispute.status", in->status, KM_DISPUTE_STATUS__COUNT)) != 0) return rc;
    if (!in->description.p) return km__err(KM_EINVAL, "dispute.description", "is required", "wajib diisi");
    if ((rc = km__v_text("dispute.description", in->description.p, in->description.n, 1, KM_DISPUTE_TEXT_MAX, 1)) != 0)
        return rc;
    if ((rc = km__dsp_v_note("dispute.relief", &in->relief, 0)) != 0) return rc;
    if ((rc = km__dsp_v_note("dispute.note", &in->note, 0)) != 0) return rc;
    if ((rc = km__dsp_v_note("dispute.override", &in->override, 0)) != 0) return rc;
    if (in->terms.p && (rc = km__v_text("dispute.terms", in->terms.p, in->terms.n, 1, KM_DISPUTE_TEXT_MAX, 1)) != 0)
        return rc;
    if (in->mediator && !km__partner_exists(&net->partners, in->mediator))
        return km__err(KM_ENOTFOUND, "dispute.mediator", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                       (unsigned long long)in->mediator);
    if (in->forum < -1 || in->forum >= KM_DISPUTE_FORUM__COUNT)
        return km__err(KM_EINVAL, "dispute.forum", "%d is not a forum", "%d bukan forum", in->forum);
    if (!(in->outcome == -1 || in->outcome == KM_DISPUTE_SETTLED || in->outcome == KM_DISPUTE_ESCALATED ||
          in->outcome == KM_DISPUTE_WITHDRAWN || in->outcome == KM_DISPUTE_DISMISSED) ||
        (in->outcome == -1) != !in->has_resolved)
        return km__err(KM_EINVAL, "dispute.outcome", "%d is not an outcome", "%d bukan hasil", in->outcome);
    if (!(in->settled_in == -1 || in->settled_in == KM_DISPUTE_NEGOTIATION || in->settled_in == KM_DISPUTE_MEDIATION))
        return km__err(KM_EINVAL, "dispute.settled_in", "%d is not a stage", "%d bukan tahap", in->settled_in);
    if ((rc = v_day("dispute.filed_date", in->filed_day)) != 0 || (rc = v_day("dispute.stage_date", in->stage_day)) != 0 ||
        (in->has_due && (rc = v_day("dispute.due_date", in->due_day)) != 0) ||
        (in->has_resolved && (rc = v_day("dispute.resolved_date", in->resolved_day)) != 0))
        return rc;
    if ((rc = km__dsp_v_milestones(net, in->agreement, "dispute.milestones", in->ms, in->n_ms)) != 0) return rc;
    if ((rc = km__dsp_v_milestones(net, in->agreement, "settlement.milestones", in->sms, in->n_sms)) != 0) return rc;
    if ((rc = km__dsp_v_commitments(net, in->agreement, "dispute.commitments", in->commit, in->n_commit)) != 0)
        return rc;
    return km__dsp_v_commitments(net, in->agreement, "settlement.commitments", in->scommit, in->n_scommit);
}

/* ---- file ---- */

static void undo_file(km_network *net, km__undo *u)
{
    km__disputes *s = &net->disputes;
    km_dispute *d = (km_dispute *)u->ptr;
    (void)km__dsp_index_replace(s, d, NULL);
    s->n--;
    memset(&s->items[s->n], 0, sizeof s->items[s->n]);
    km__dispute_unref(d);
}

int km__dsp_apply_file(km_network *net, km__apply *ap)
{
    km__disputes *s = &net->disputes;
    const km_agreement *a;
    const km__dsp_pol *pol;
    km__din in;
    km_dispute *d;
    uint64_t id = s->n + 1, claimant = 0, resp[KM_DISPUTE_RESPONDENTS_MAX];
    size_t n_resp = 0, i;
    int rc;
    km__din_clear(&in);
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_AGREEMENT, "dispute.agreement_id", &in.agreement, 1)) != 0)
        return km__apply_fail(ap, rc);
    a = km__dsp_agreement(net, in.agreement);
    if (!a)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "dispute.agreement_id", "no agreement with id %llu",
                                          "tidak ada perjanjian dengan id %llu", (unsigned long long)in.agreement));
    if (a->status == KM_AGREEMENT_DRAFT || a->status == KM_AGREEMENT_PROPOSED || a->status == KM_AGREEMENT_CANCELLED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.agreement_id",
                                          "agreement %llu is %s%.0s: disputes are filed about signed agreements",
                                          "perjanjian %llu %.0s%s: sengketa diajukan atas perjanjian yang sudah ditandatangani",
                                          (unsigned long long)a->id, km_agreement_status_label(a->status, KM_LANG_EN),
                                          km_agreement_status_label(a->status, KM_LANG_ID)));
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_CLAIMANT, "dispute.claimant", &claimant, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (!is_party_of(a, claimant))
        return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.claimant", "partner %llu is not a party to agreement %llu",
                                          "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)claimant,
                                          (unsigned long long)a->id));
    if ((rc = km__dsp_get_ids(&ap->f, KM__DT_RESPONDENTS, "dispute.respondents", resp, &n_resp,
                              KM_DISPUTE_RESPONDENTS_MAX)) != 0)
        return km__apply_fail(ap, rc);
    if (n_resp == 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.respondents", "at least one respondent is required",
                                          "sedikitnya satu termohon wajib diisi"));
    for (i = 0; i < n_resp; i++) {
        if (resp[i] == claimant)
            return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.respondents", "the claimant %llu cannot be a respondent",
                                              "pemohon %llu tidak dapat menjadi termohon", (unsigned long long)claimant));
        if (!is_party_of(a, resp[i]))
            return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.respondents",
                                              "partner %llu is not a party to agreement %llu",
                                              "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)resp[i],
                                              (unsigned long long)a->id));
    }
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_CATEGORY, "dispute.category", &in.category, 1)) != 0 ||
        (rc = km__dsp_get_u64(&ap->f, KM__DT_SEVERITY, "dispute.severity", &in.severity, 1)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_DESCRIPTION, &in.description)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_RELIEF, &in.relief)) != 0 ||
        (rc = km__dsp_get_ids(&ap->f, KM__DT_COMMITMENTS, "dispute.commitments", in.commit, &in.n_commit,
                              KM_DISPUTE_REFS_MAX)) != 0 ||
        (rc = km__dsp_get_numbers(&ap->f, KM__DT_MILESTONES, "dispute.milestones", in.ms, &in.n_ms,
                                  KM_DISPUTE_REFS_MAX)) != 0)
        return km__apply_fail(ap, rc);
    in.n_parties = n_resp + 1;
    in.parties[0].partner = claimant;
    in.parties[0].acked = in.parties[0].consent = 0;
    for (i = 0; i < n_resp; i++) {
        in.parties[i + 1].partner = resp[i];
        in.parties[i + 1].acked = in.parties[i + 1].consent = 0;
    }
    pol = km__dsp_policy_for(net, in.agreement);
    in.filed = in.updated = ap->time;
    in.filed_day = km__day_at(ap->time, pol->utc_offset);
    km__dsp_enter(&in, KM_DISPUTE_FILED, ap->time, pol);
    if ((rc = km__dsp_validate_record(net, &in)) != 0) return km__apply_fail(ap, rc);
    /* Only a party files for itself (or an administrator for it). */
    if ((rc = km__dsp_check_self(net, ap, NULL, claimant, "dispute.file")) != 0) return rc;
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "dispute.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) != 0) return rc;
    d = km__dsp_build(net, &in, id);
    if (!d) return km__nomem();
    if ((rc = km__dsp_index_replace(s, NULL, d)) != 0) {
        km__dispute_unref(d);
        return km__apply_fail(ap, rc);
    }
    memset(&s->items[s->n], 0, sizeof s->items[s->n]);
    s->items[s->n++].cur = d;
    km__undo_push(net, undo_file, NULL, id, d);
    ap->id = id;
    return 0;
}

/* ---- acknowledgements and consents ---- */

static int find_party(const km_dispute *d, uint64_t partner, size_t from)
{
    size_t i;
    for (i = from; i < d->n_parties; i++)
        if (d->parties[i].partner == partner) return (int)i;
    return -1;
}

int km__dsp_apply_acknowledge(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    km__din in;
    km__sl note;
    uint64_t partner = 0;
    size_t i, left = 0;
    int rc, k;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_PARTNER, "partner_id", &partner, 1)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_NOTE, &note)) != 0 || (rc = km__dsp_v_note("dispute.note", &note, 0)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_ACKNOWLEDGE)) != 0) return rc;
    k = find_party(d, partner, 1);
    if (k < 0)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "partner_id", "partner %llu is not a respondent of dispute %llu",
                                          "mitra %llu bukan termohon sengketa %llu", (unsigned long long)partner,
                                          (unsigned long long)d->id));
    if (d->parties[k].acked)
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner_id", "partner %llu has already acknowledged dispute %llu",
                                          "mitra %llu sudah mengonfirmasi sengketa %llu", (unsigned long long)partner,
                                          (unsigned long long)d->id));
    if ((rc = km__dsp_check_self(net, ap, d, partner, "dispute.acknowledge")) != 0) return rc;
    km__din_from_record(&in, d);
    in.parties[k].acked = ap->time > 0 ? ap->time : 1;
    for (i = 1; i < in.n_parties; i++)
        if (!in.parties[i].acked) left++;
    if (left == 0) {
        /* The last acknowledgement is the move to acknowledged. */
        km__dsp_enter(&in, KM_DISPUTE_ACKNOWLEDGED, ap->time, km__dsp_policy_for(net, d->agreement));
        in.note = note;
    }
    return km__dsp_replace(net, ap, slot, &in);
}

int km__dsp_apply_consent(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    km__din in;
    km__sl note;
    uint64_t partner = 0;
    int rc, k;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_PARTNER, "partner_id", &partner, 1)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_NOTE, &note)) != 0 || (rc = km__dsp_v_note("dispute.note", &note, 0)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_CONSENT)) != 0) return rc;
    k = find_party(d, partner, 0);
    if (k < 0)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "partner_id", "partner %llu is not a party to dispute %llu",
                                          "mitra %llu bukan pihak sengketa %llu", (unsigned long long)partner,
                                          (unsigned long long)d->id));
    if (d->parties[k].consent)
        return km__apply_fail(ap, km__err(KM_ESTATE, "partner_id", "partner %llu has already consented to mediation",
                                          "mitra %llu sudah menyetujui mediasi", (unsigned long long)partner));
    if ((rc = km__dsp_check_self(net, ap, d, partner, "dispute.consent")) != 0) return rc;
    km__din_from_record(&in, d);
    in.parties[k].consent = ap->time > 0 ? ap->time : 1;
    return km__dsp_replace(net, ap, slot, &in);
}

/* ---- the mediator's hold on the agreement ---- */

int km__dsp_apply_hold(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    const km_agreement *a;
    km__din in;
    km__sl reason;
    int rc;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_get_str(&ap->f, KM__DT_NOTE, &reason)) != 0 ||
        (rc = km__dsp_v_note("dispute.reason", &reason, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_HOLD)) != 0) return rc;
    if (d->holds)
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.hold", "dispute %llu already holds agreement %llu suspended",
                                          "sengketa %llu sudah menahan penangguhan perjanjian %llu",
                                          (unsigned long long)d->id, (unsigned long long)d->agreement));
    a = km__dsp_agreement(net, d->agreement);
    /* The agreement's own suspend event follows in the same entry when it
     * is active; a suspension held by another dispute is joined. */
    if (!a || !(a->status == KM_AGREEMENT_ACTIVE ||
                (a->status == KM_AGREEMENT_SUSPENDED && km__dsp_other_holder(net, d->agreement, d->id))))
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.hold",
                                          "agreement %llu is %s%.0s: only an active agreement (or one another dispute holds suspended) can be held",
                                          "perjanjian %llu %.0s%s: hanya perjanjian yang berlaku (atau yang ditangguhkan sengketa lain) dapat ditahan",
                                          (unsigned long long)d->agreement,
                                          km_agreement_status_label(a ? a->status : -1, KM_LANG_EN),
                                          km_agreement_status_label(a ? a->status : -1, KM_LANG_ID)));
    km__din_from_record(&in, d);
    in.holds = 1;
    return km__dsp_replace(net, ap, slot, &in);
}

/* ---- deadline extensions ---- */

int km__dsp_apply_extend(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    km__din in;
    km__sl reason;
    uint64_t days = 0;
    int32_t due;
    int rc;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_DAYS, "days", &days, 1)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_NOTE, &reason)) != 0 ||
        (rc = km__dsp_v_note("dispute.reason", &reason, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (days == 0 || days > KM_DISPUTE_EXTEND_DAYS_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "days", "%llu is not 1..%d", "%llu bukan 1..%d",
                                          (unsigned long long)days, KM_DISPUTE_EXTEND_DAYS_MAX));
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_EXTEND)) != 0) return rc;
    if (!d->has_due)
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.due_date", "the %s%.0s stage of dispute %llu has no time limit",
                                          "tahap %.0s%s sengketa %llu tidak memiliki batas waktu",
                                          km_dispute_status_label(d->status, KM_LANG_EN),
                                          km_dispute_status_label(d->status, KM_LANG_ID), (unsigned long long)d->id));
    if ((rc = km__date_add_days(d->due_day, (int64_t)days, &due)) != 0) return km__apply_fail(ap, rc);
    km__din_from_record(&in, d);
    in.due_day = due;
    return km__dsp_replace(net, ap, slot, &in);
}

/* ---- whole records (snapshots) ---- */

static int put_list(km__buf *b, uint16_t tag, const uint64_t *v64, const uint32_t *v32, size_t n, const char *field)
{
    char items[KM_DISPUTE_REFS_MAX][24];
    const char *ptrs[KM_DISPUTE_REFS_MAX];
    size_t i;
    if (n == 0) return 0;
    for (i = 0; i < n; i++) {
        snprintf(items[i], sizeof items[i], "%llu", (unsigned long long)(v64 ? v64[i] : v32[i]));
        ptrs[i] = items[i];
    }
    return km__fw_strs(b, tag, ptrs, n, field);
}

int km__dsp_encode_record(km__buf *b, const km_dispute *d)
{
    char parties[KM_DISPUTE_RESPONDENTS_MAX][72], entered[KM_DISPUTE_STATUS__COUNT][32];
    const char *pp[KM_DISPUTE_RESPONDENTS_MAX], *ep[KM_DISPUTE_STATUS__COUNT];
    size_t i, ne = 0;
    int rc;
    rc = km__fw_u64(b, KM__DT_AGREEMENT, d->agreement);
    if (!rc) rc = km__fw_u64(b, KM__DT_CLAIMANT, d->parties[0].partner);
    for (i = 1; i < d->n_parties; i++) {
        snprintf(parties[i - 1], sizeof parties[i - 1], "%llu:%lld:%lld", (unsigned long long)d->parties[i].partner,
                 (long long)d->parties[i].acked, (long long)d->parties[i].consent);
        pp[i - 1] = parties[i - 1];
    }
    if (!rc) rc = km__fw_strs(b, KM__DT_RESPONDENTS, pp, (size_t)d->n_parties - 1, "respondents");
    if (!rc) rc = km__fw_u64(b, KM__DT_CATEGORY, d->category);
    if (!rc) rc = km__fw_u64(b, KM__DT_SEVERITY, d->severity);
    if (!rc) rc = km__fw_str(b, KM__DT_DESCRIPTION, d->description);
    if (!rc && d->relief) rc = km__fw_str(b, KM__DT_RELIEF, d->relief);
    if (!rc) rc = put_list(b, KM__DT_COMMITMENTS, d->commit, NULL, d->n_commit, "commitments");
    if (!rc) rc = put_list(b, KM__DT_MILESTONES, NULL, d->ms, d->n_ms, "milestones");
    if (!rc) rc = km__fw_u64(b, KM__DT_STATUS, d->status);
    if (!rc && d->note) rc = km__fw_str(b, KM__DT_NOTE, d->note);
    if (!rc && d->forum >= 0) rc = km__fw_u64(b, KM__DT_FORUM, (uint64_t)d->forum);
    if (!rc && d->mediator) rc = km__fw_u64(b, KM__DT_MEDIATOR, d->mediator);
    if (!rc && d->override) rc = km__fw_str(b, KM__DT_OVERRIDE, d->override);
    if (!rc && d->terms) rc = km__fw_str(b, KM__DT_TERMS, d->terms);
    if (!rc) rc = put_list(b, KM__DT_SETTLE_COMMITMENTS, d->scommit, NULL, d->n_scommit, "settlement_commitments");
    if (!rc) rc = put_list(b, KM__DT_SETTLE_MILESTONES, NULL, d->sms, d->n_sms, "settlement_milestones");
    if (!rc && d->holds) rc = km__fw_u64(b, KM__DT_HOLD, 1);
    if (!rc) rc = km__fw_i64(b, KM__DT_S_FILED, d->filed);
    if (!rc) rc = km__fw_i64(b, KM__DT_S_UPDATED, d->updated);
    if (!rc) rc = km__fw_i64(b, KM__DT_S_STATUS_TIME, d->status_time);
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) {
        if (!d->entered[i]) continue;
        snprintf(entered[ne], sizeof entered[ne], "%u:%lld", (unsigned)i, (long long)d->entered[i]);
        ep[ne] = entered[ne];
        ne++;
    }
    if (!rc && ne) rc = km__fw_strs(b, KM__DT_S_ENTERED, ep, ne, "entered");
    if (!rc && d->parties[0].consent) rc = km__fw_i64(b, KM__DT_S_CLAIMANT_CONSENT, d->parties[0].consent);
    if (!rc) rc = km__fw_i64(b, KM__DT_S_FILED_DAY, d->filed_day);
    if (!rc) rc = km__fw_i64(b, KM__DT_S_STAGE_DAY, d->stage_day);
    if (!rc && d->has_due) rc = km__fw_i64(b, KM__DT_S_DUE_DAY, d->due_day);
    if (!rc && d->has_resolved) rc = km__fw_i64(b, KM__DT_S_RESOLVED_DAY, d->resolved_day);
    if (!rc && d->outcome >= 0) rc = km__fw_u64(b, KM__DT_S_OUTCOME, (uint64_t)d->outcome);
    if (!rc && d->settled_in >= 0) rc = km__fw_u64(b, KM__DT_S_SETTLED_IN, (uint64_t)d->settled_in);
    return rc;
}

/* "partner:acked:consent" */
static int parse_party(const char *s, size_t n, km__dsp_party *p)
{
    const char *c1 = memchr(s, ':', n), *c2;
    uint64_t acked, consent;
    if (!c1) return 0;
    c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s));
    if (!c2) return 0;
    if (!km__parse_u64(s, (size_t)(c1 - s), &p->partner) || !km__parse_u64(c1 + 1, (size_t)(c2 - c1 - 1), &acked) ||
        !km__parse_u64(c2 + 1, n - (size_t)(c2 + 1 - s), &consent) || acked > INT64_MAX || consent > INT64_MAX)
        return 0;
    p->acked = (int64_t)acked;
    p->consent = (int64_t)consent;
    return 1;
}

static int get_day(const km__fields *f, uint16_t tag, int32_t *out, int *has)
{
    int64_t v = 0;
    int rc = km__fields_i64(f, tag, &v);
    if (rc < 0) return rc;
    *has = rc == 1;
    if (rc == 1 && (v < KM__DATE_MIN || v > KM__DATE_MAX))
        return km__err(KM_EINVAL, "dispute.day", "day %lld out of range", "hari %lld di luar rentang", (long long)v);
    *out = (int32_t)v;
    return 0;
}

int km__dsp_decode_record(km_network *net, const km__fields *f, km__din *in)
{
    km__strs list;
    uint64_t claimant = 0, v = 0;
    size_t i, pos;
    int rc, has;
    km__din_clear(in);
    if ((rc = km__dsp_get_u64(f, KM__DT_AGREEMENT, "dispute.agreement_id", &in->agreement, 1)) != 0 ||
        (rc = km__dsp_get_u64(f, KM__DT_CLAIMANT, "dispute.claimant", &claimant, 1)) != 0)
        return rc;
    rc = km__fields_strs(f, KM__DT_RESPONDENTS, &list);
    if (rc <= 0 || list.count == 0 || list.count > KM_DISPUTE_RESPONDENTS_MAX)
        return km__err(KM_EINVAL, "dispute.respondents", "missing or too many", "tidak ada atau terlalu banyak");
    in->parties[0].partner = claimant;
    in->parties[0].acked = 0;
    for (i = 0, pos = 0; i < list.count; i++) {
        size_t n;
        const char *e = km__strs_next(&list, &pos, &n);
        if (!e || !parse_party(e, n, &in->parties[i + 1]))
            return km__err(KM_EINVAL, "dispute.respondents", "entry %zu is not \"partner:acked:consent\"",
                           "entri %zu bukan \"mitra:konfirmasi:persetujuan\"", i);
    }
    in->n_parties = (size_t)list.count + 1;
    if ((rc = km__dsp_get_i64(f, KM__DT_S_CLAIMANT_CONSENT, NULL, &in->parties[0].consent, 0)) != 0) return rc;
    if ((rc = km__dsp_get_u64(f, KM__DT_CATEGORY, "dispute.category", &in->category, 1)) != 0 ||
        (rc = km__dsp_get_u64(f, KM__DT_SEVERITY, "dispute.severity", &in->severity, 1)) != 0 ||
        (rc = km__dsp_get_str(f, KM__DT_DESCRIPTION, &in->description)) != 0 ||
        (rc = km__dsp_get_str(f, KM__DT_RELIEF, &in->relief)) != 0 ||
        (rc = km__dsp_get_ids(f, KM__DT_COMMITMENTS, "dispute.commitments", in->commit, &in->n_commit,
                              KM_DISPUTE_REFS_MAX)) != 0 ||
        (rc = km__dsp_get_numbers(f, KM__DT_MILESTONES, "dispute.milestones", in->ms, &in->n_ms,
                                  KM_DISPUTE_REFS_MAX)) != 0 ||
        (rc = km__dsp_get_u64(f, KM__DT_STATUS, "dispute.status", &in->status, 1)) != 0 ||
        (rc = km__dsp_get_str(f, KM__DT_NOTE, &in->note)) != 0 ||
        (rc = km__dsp_get_u64(f, KM__DT_MEDIATOR, NULL, &in->mediator, 0)) != 0 ||
        (rc = km__dsp_get_str(f, KM__DT_OVERRIDE, &in->override)) != 0 ||
        (rc = km__dsp_get_str(f, KM__DT_TERMS, &in->terms)) != 0 ||
        (rc = km__dsp_get_ids(f, KM__DT_SETTLE_COMMITMENTS, "settlement.commitments", in->scommit, &in->n_scommit,
                              KM_DISPUTE_REFS_MAX)) != 0 ||
        (rc = km__dsp_get_numbers(f, KM__DT_SETTLE_MILESTONES, "settlement.milestones", in->sms, &in->n_sms,
                                  KM_DISPUTE_REFS_MAX)) != 0)
        return rc;
    if ((rc = km__fields_u64(f, KM__DT_FORUM, &v)) < 0) return rc;
    in->forum = rc == 1 ? (v < KM_DISPUTE_FORUM__COUNT ? (int)v : 99) : -1;
    if ((rc = km__fields_u64(f, KM__DT_HOLD, &v)) < 0) return rc;
    in->holds = rc == 1 && v == 1;
    if ((rc = km__fields_u64(f, KM__DT_S_OUTCOME, &v)) < 0) return rc;
    in->outcome = rc == 1 ? (v < KM_DISPUTE_STATUS__COUNT ? (int)v : 99) : -1;
    if ((rc = km__fields_u64(f, KM__DT_S_SETTLED_IN, &v)) < 0) return rc;
    in->settled_in = rc == 1 ? (v < KM_DISPUTE_STATUS__COUNT ? (int)v : 99) : -1;
    if ((rc = km__dsp_get_i64(f, KM__DT_S_FILED, "dispute.filed", &in->filed, 1)) != 0 ||
        (rc = km__dsp_get_i64(f, KM__DT_S_UPDATED, "dispute.updated", &in->updated, 1)) != 0 ||
        (rc = km__dsp_get_i64(f, KM__DT_S_STATUS_TIME, "dispute.status_time", &in->status_time, 1)) != 0)
        return rc;
    rc = km__fields_strs(f, KM__DT_S_ENTERED, &list);
    if (rc < 0) return rc;
    for (i = 0, pos = 0; rc == 1 && i < list.count; i++) {
        size_t n;
        const char *e = km__strs_next(&list, &pos, &n);
        const char *c = e ? memchr(e, ':', n) : NULL;
        uint64_t st, t;
        if (!c || !km__parse_u64(e, (size_t)(c - e), &st) || st >= KM_DISPUTE_STATUS__COUNT ||
            !km__parse_u64(c + 1, n - (size_t)(c + 1 - e), &t) || t > INT64_MAX)
            return km__err(KM_EINVAL, "dispute.entered", "entry %zu is not \"status:time\"",
                           "entri %zu bukan \"status:waktu\"", i);
        in->entered[st] = (int64_t)t;
    }
    if ((rc = get_day(f, KM__DT_S_FILED_DAY, &in->filed_day, &has)) != 0) return rc;
    if (!has) return km__err(KM_EINVAL, "dispute.filed_date", "is required", "wajib diisi");
    if ((rc = get_day(f, KM__DT_S_STAGE_DAY, &in->stage_day, &has)) != 0) return rc;
    if (!has) return km__err(KM_EINVAL, "dispute.stage_date", "is required", "wajib diisi");
    if ((rc = get_day(f, KM__DT_S_DUE_DAY, &in->due_day, &in->has_due)) != 0) return rc;
    if ((rc = get_day(f, KM__DT_S_RESOLVED_DAY, &in->resolved_day, &in->has_resolved)) != 0) return rc;
    (void)net;
    return 0;
}

const km__opdef km__dispute_ops[] = {
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_FILE, "dispute.file", km__dsp_apply_file, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_ACKNOWLEDGE, "dispute.acknowledge", km__dsp_apply_acknowledge, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_TRANSITION, "dispute.transition", km__dsp_apply_transition, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_CONSENT, "dispute.consent", km__dsp_apply_consent, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_MEDIATOR, "dispute.mediator", km__dsp_apply_mediator, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_SESSION, "dispute.session", km__dsp_apply_session, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_HOLD, "dispute.hold", km__dsp_apply_hold, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_EXTEND, "dispute.extend", km__dsp_apply_extend, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
    { KM_ENTITY_DISPUTE, KM__OP_DISPUTE_POLICY, "dispute.policy", km__dsp_apply_policy, km__dsp_schema,
      sizeof km__dsp_schema / sizeof km__dsp_schema[0] },
};
const size_t km__dispute_ops_count = sizeof km__dispute_ops / sizeof km__dispute_ops[0];
