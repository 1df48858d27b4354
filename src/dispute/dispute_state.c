/* The dispute state machine, in one place: which moves are legal and who
 * may make each (moves[from][to]), which other actions are allowed in
 * which state and by whom (actions[]), how the network's actor maps to a
 * role, what each move needs, and what it does to the agreement's
 * suspension. Every move is one event, so the log records its actor, time
 * and note. */
#include "dispute/dispute.h"
#include "partner/partner.h"

#include <stdio.h>
#include <string.h>

#define C KM_DISPUTE_ROLE_CLAIMANT
#define R KM_DISPUTE_ROLE_RESPONDENT
#define M KM_DISPUTE_ROLE_MEDIATOR
#define A KM_DISPUTE_ROLE_ADMIN

/* moves[from][to] = the roles that may make the move; 0 = illegal.
 * filed -> acknowledged happens by itself on the last respondent's
 * acknowledgement (km_dispute_acknowledge); it is listed so that error
 * messages and km_dispute_transition_roles() name every way forward.
 * Settling in negotiation is the claimant's declaration; in mediation the
 * mediator records the settlement the parties signed. */
static const uint8_t moves[KM_DISPUTE_STATUS__COUNT][KM_DISPUTE_STATUS__COUNT] = {
    /* filed */
    { 0, R | A, 0, 0, 0, 0, 0, C | A, M | A },
    /* acknowledged */
    { 0, 0, C | R | A, C | R | M | A, 0, 0, 0, C | A, M | A },
    /* negotiation */
    { 0, 0, 0, C | R | A, C | A, C | R | A, 0, C | A, M | A },
    /* mediation */
    { 0, 0, 0, 0, M | A, C | R | M | A, 0, C | A, M | A },
    /* settled */
    { 0, 0, 0, 0, 0, 0, C | M | A, 0, 0 },
    /* escalated */
    { 0, 0, 0, 0, 0, 0, C | R | M | A, C | A, 0 },
    /* closed, withdrawn, dismissed: final */
    { 0 }, { 0 }, { 0 },
};

/* Other actions: the states they are allowed in, who may take them, and
 * whether the actor must be the partner the action names (acknowledging,
 * consenting and filing are done by a party for itself). */
typedef struct action_rule {
    const char *name;
    uint32_t states; /* KM_DISPUTE_STATUS_BIT mask; 0 = not tied to a dispute */
    uint8_t roles;
    uint8_t self;
} action_rule;

#define S(x) KM_DISPUTE_STATUS_BIT(KM_DISPUTE_##x)
static const action_rule actions[KM__DSP_ACT__COUNT] = {
    /* file */ { "dispute.file", 0, C | A, 1 },
    /* acknowledge */ { "dispute.acknowledge", S(FILED), R | A, 1 },
    /* consent */ { "dispute.consent", S(FILED) | S(ACKNOWLEDGED), C | R | A, 1 },
    /* mediator */ { "dispute.mediator", S(FILED) | S(ACKNOWLEDGED) | S(NEGOTIATION) | S(MEDIATION), A, 0 },
    /* session (negotiation: the parties too; see the check below) */
    { "dispute.session", S(NEGOTIATION) | S(MEDIATION), M | A, 0 },
    /* hold */ { "dispute.hold", S(MEDIATION), M | A, 0 },
    /* extend */ { "dispute.extend", S(FILED) | S(ACKNOWLEDGED) | S(NEGOTIATION) | S(MEDIATION), M | A, 0 },
    /* policy */ { "dispute.policy", 0, A, 0 },
};
#undef S

uint32_t km_dispute_transition_roles(int from, int to)
{
    if (from < 0 || from >= KM_DISPUTE_STATUS__COUNT || to < 0 || to >= KM_DISPUTE_STATUS__COUNT) return 0;
    return moves[from][to];
}

static uint32_t allowed_from(int from)
{
    uint32_t mask = 0;
    int to;
    for (to = 0; to < KM_DISPUTE_STATUS__COUNT; to++)
        if (moves[from][to]) mask |= KM_DISPUTE_STATUS_BIT(to);
    return mask;
}

void km__dsp_list_states(char *out, size_t cap, uint32_t mask, int lang)
{
    size_t pos = 0;
    int s;
    out[0] = '\0';
    for (s = 0; s < KM_DISPUTE_STATUS__COUNT; s++) {
        if (!(mask & KM_DISPUTE_STATUS_BIT(s))) continue;
        pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? ", " : "", km_dispute_status_label(s, lang));
        if (pos >= cap) break;
    }
    if (!mask) snprintf(out, cap, "%s", lang == KM_LANG_ID ? "tidak ada (status akhir)" : "none (final state)");
}

static void list_roles(char *out, size_t cap, uint32_t roles, int lang)
{
    size_t pos = 0;
    uint32_t bit;
    out[0] = '\0';
    for (bit = 1; bit <= KM_DISPUTE_ROLE_ADMIN; bit <<= 1) {
        if (!(roles & bit)) continue;
        pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? ", " : "", km_dispute_role_label(bit, lang));
        if (pos >= cap) break;
    }
}

/* ---- who the actor is ---- */

uint64_t km__dsp_actor_partner(const km_network *net)
{
    uint64_t id = 0;
    size_t n = strlen(net->actor);
    if (n && km__idmap_get(&net->partners.by_ext, net->actor, n, &id)) return id;
    return 0;
}

static int actor_is_admin(const km_network *net) { return strncmp(net->actor, "admin:", 6) == 0; }

uint32_t km__dsp_actor_roles(const km_network *net, const km_dispute *d)
{
    uint32_t roles = actor_is_admin(net) ? KM_DISPUTE_ROLE_ADMIN : 0;
    uint64_t me = km__dsp_actor_partner(net);
    size_t i;
    if (!d || !me) return roles;
    if (d->parties[0].partner == me) roles |= KM_DISPUTE_ROLE_CLAIMANT;
    for (i = 1; i < d->n_parties; i++)
        if (d->parties[i].partner == me) roles |= KM_DISPUTE_ROLE_RESPONDENT;
    if (d->mediator == me) roles |= KM_DISPUTE_ROLE_MEDIATOR;
    return roles;
}

static int denied(const km_network *net, const char *what, uint64_t id, uint32_t allowed)
{
    char en[128], idm[128];
    list_roles(en, sizeof en, allowed, KM_LANG_EN);
    list_roles(idm, sizeof idm, allowed, KM_LANG_ID);
    return km__err(KM_EDENIED, "dispute.actor", "actor \"%s\" may not make %s on dispute %llu: allowed for %s%.0s",
                   "pelaku \"%s\" tidak boleh melakukan %s pada sengketa %llu: yang diizinkan %.0s%s", net->actor, what,
                   (unsigned long long)id, en, idm);
}

int km__dsp_check_action(km_network *net, const km__apply *ap, const km_dispute *d, int action)
{
    const action_rule *r = &actions[action];
    uint32_t roles;
    if (d && r->states && !(r->states & KM_DISPUTE_STATUS_BIT(d->status))) {
        char en[160], idm[160];
        km__dsp_list_states(en, sizeof en, r->states, KM_LANG_EN);
        km__dsp_list_states(idm, sizeof idm, r->states, KM_LANG_ID);
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.status",
                                          "%s is not allowed while dispute %llu is %s%.0s; allowed while: %s%.0s",
                                          "%s tidak diizinkan selama sengketa %llu %.0s%s; diizinkan selama: %.0s%s",
                                          r->name, (unsigned long long)d->id,
                                          km_dispute_status_label(d->status, KM_LANG_EN),
                                          km_dispute_status_label(d->status, KM_LANG_ID), en, idm));
    }
    /* Like the authorizer, who may act is decided when the change is
     * made; replay trusts the hash-chained log. Self actions are checked
     * against the partner they name (km__dsp_check_self). */
    if (ap->replay || r->self) return 0;
    roles = r->roles;
    /* In negotiation the parties hold their own sessions. */
    if (action == KM__DSP_ACT_SESSION && d && d->status == KM_DISPUTE_NEGOTIATION)
        roles |= KM_DISPUTE_ROLE_CLAIMANT | KM_DISPUTE_ROLE_RESPONDENT;
    if (km__dsp_actor_roles(net, d) & roles) return 0;
    return denied(net, r->name, d ? d->id : 0, roles);
}

int km__dsp_check_self(km_network *net, const km__apply *ap, const km_dispute *d, uint64_t partner, const char *op)
{
    const km_partner *p;
    if (ap->replay || actor_is_admin(net) || km__dsp_actor_partner(net) == partner) return 0;
    p = km__partner_lookup(&net->partners, partner);
    if (!d)
        return km__err(KM_EDENIED, op,
                       "actor \"%s\" may not file for partner %llu (%s): the actor must be the claimant's external id or start with admin:",
                       "pelaku \"%s\" tidak boleh mengajukan untuk mitra %llu (%s): pelaku harus pengenal eksternal pemohon atau diawali admin:",
                       net->actor, (unsigned long long)partner, p ? km__pt_external_id(p) : "?");
    return km__err(KM_EDENIED, op,
                   "actor \"%s\" may not act for partner %llu (%s) on dispute %llu: the actor must be the partner's external id or start with admin:",
                   "pelaku \"%s\" tidak boleh bertindak untuk mitra %llu (%s) pada sengketa %llu: pelaku harus pengenal eksternal mitra atau diawali admin:",
                   net->actor, (unsigned long long)partner, p ? km__pt_external_id(p) : "?", (unsigned long long)d->id);
}

/* ---- holds on the agreement's suspension ---- */

int km__dsp_move_releases(int from, int to, int *resume)
{
    *resume = 0;
    if (to == KM_DISPUTE_SETTLED || to == KM_DISPUTE_WITHDRAWN || to == KM_DISPUTE_DISMISSED) {
        *resume = 1;
        return 1;
    }
    /* After escalation the forum decides what becomes of the agreement. */
    return from == KM_DISPUTE_ESCALATED && to == KM_DISPUTE_CLOSED;
}

int km__dsp_other_holder(const km_network *net, uint64_t agreement, uint64_t self)
{
    const km__disputes *s = &net->disputes;
    uint64_t id = 1, next;
    const km__idset *set = km__idsets_get(&s->by_agreement, agreement);
    if (!set) return 0;
    while (km__idset_next(set, id, &next)) {
        if (next != self && s->items[next - 1].cur->holds) return 1;
        id = next + 1;
    }
    return 0;
}

int km__dsp_resume_if_free(km_network *net, uint64_t id, uint64_t agreement)
{
    const km_agreement *a = km__dsp_agreement(net, agreement);
    char reason[96];
    if (!a || a->status != KM_AGREEMENT_SUSPENDED || km__dsp_other_holder(net, agreement, id)) return 0;
    snprintf(reason, sizeof reason, "sengketa %llu selesai / dispute %llu resolved", (unsigned long long)id,
             (unsigned long long)id);
    return km_agreement_resume(net, agreement, reason);
}

/* ---- moves ---- */

static int illegal(const km_dispute *d, int to)
{
    char en[200], idm[200];
    uint32_t mask = allowed_from(d->status);
    km__dsp_list_states(en, sizeof en, mask, KM_LANG_EN);
    km__dsp_list_states(idm, sizeof idm, mask, KM_LANG_ID);
    return km__err(KM_ESTATE, "dispute.status",
                   "dispute %llu cannot go from %s%.0s to %s%.0s; allowed from %s%.0s: %s%.0s",
                   "sengketa %llu tidak dapat berpindah dari %.0s%s ke %.0s%s; yang diizinkan dari %.0s%s: %.0s%s",
                   (unsigned long long)d->id, km_dispute_status_label(d->status, KM_LANG_EN),
                   km_dispute_status_label(d->status, KM_LANG_ID), km_dispute_status_label(to, KM_LANG_EN),
                   km_dispute_status_label(to, KM_LANG_ID), km_dispute_status_label(d->status, KM_LANG_EN),
                   km_dispute_status_label(d->status, KM_LANG_ID), en, idm);
}

static int move_denied(const km_network *net, const km_dispute *d, int to)
{
    char en[128], idm[128];
    list_roles(en, sizeof en, moves[d->status][to], KM_LANG_EN);
    list_roles(idm, sizeof idm, moves[d->status][to], KM_LANG_ID);
    return km__err(KM_EDENIED, "dispute.actor",
                   "actor \"%s\" may not move dispute %llu from %s%.0s to %s%.0s: allowed for %s%.0s",
                   "pelaku \"%s\" tidak boleh memindahkan sengketa %llu dari %.0s%s ke %.0s%s: yang diizinkan %.0s%s",
                   net->actor, (unsigned long long)d->id, km_dispute_status_label(d->status, KM_LANG_EN),
                   km_dispute_status_label(d->status, KM_LANG_ID), km_dispute_status_label(to, KM_LANG_EN),
                   km_dispute_status_label(to, KM_LANG_ID), en, idm);
}

/* Every party has consented to skip negotiation; else names one that has not. */
static int all_consented(const km_dispute *d, uint64_t *missing)
{
    size_t i;
    for (i = 0; i < d->n_parties; i++)
        if (!d->parties[i].consent) {
            *missing = d->parties[i].partner;
            return 0;
        }
    return 1;
}

int km__dsp_apply_transition(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    km__din in;
    km__sl note;
    uint64_t to = 0, forum = 0, hold = 0, missing = 0;
    int rc, has_forum, has_settlement, resume, from;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    from = d->status;
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_STATUS, "dispute.status", &to, 1)) != 0 ||
        (rc = km__v_enum("dispute.status", to, KM_DISPUTE_STATUS__COUNT)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_NOTE, &note)) != 0 ||
        (rc = km__dsp_get_u64(&ap->f, KM__DT_HOLD, NULL, &hold, 0)) != 0)
        return km__apply_fail(ap, rc);
    if ((has_forum = km__fields_u64(&ap->f, KM__DT_FORUM, &forum)) < 0) return km__apply_fail(ap, has_forum);
    has_settlement = km__fields_has(&ap->f, KM__DT_TERMS) || km__fields_has(&ap->f, KM__DT_SETTLE_COMMITMENTS) ||
                     km__fields_has(&ap->f, KM__DT_SETTLE_MILESTONES);
    if (!moves[from][to]) return km__apply_fail(ap, illegal(d, (int)to));
    if (to == KM_DISPUTE_ACKNOWLEDGED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.status",
                                          "dispute %llu becomes acknowledged when every respondent has acknowledged it (km_dispute_acknowledge)",
                                          "sengketa %llu menjadi dikonfirmasi setelah semua termohon mengonfirmasi (km_dispute_acknowledge)",
                                          (unsigned long long)d->id));
    if (!ap->replay && !(km__dsp_actor_roles(net, d) & moves[from][to])) return move_denied(net, d, (int)to);
    if ((rc = km__dsp_v_note("dispute.note", &note, to == KM_DISPUTE_DISMISSED)) != 0) return km__apply_fail(ap, rc);
    if (has_forum && to != KM_DISPUTE_ESCALATED)
        return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.forum", "a forum is given only when escalating",
                                          "forum hanya diberikan saat eskalasi"));
    if (to == KM_DISPUTE_ESCALATED) {
        if (!has_forum)
            return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.forum", "is required to escalate (arbitration or court)",
                                              "wajib diisi untuk eskalasi (arbitrase atau pengadilan)"));
        if ((rc = km__v_enum("dispute.forum", forum, KM_DISPUTE_FORUM__COUNT)) != 0) return km__apply_fail(ap, rc);
    }
    if (has_settlement && to != KM_DISPUTE_SETTLED)
        return km__apply_fail(ap, km__err(KM_EINVAL, "settlement", "terms are given only when settling",
                                          "isi kesepakatan hanya diberikan saat berdamai"));
    if (hold && (hold != 1 || to != KM_DISPUTE_MEDIATION))
        return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.hold", "only a move into mediation takes a hold",
                                          "hanya perpindahan ke mediasi yang menahan perjanjian"));
    if (to == KM_DISPUTE_MEDIATION) {
        if (!d->mediator)
            return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.mediator",
                                              "dispute %llu has no mediator yet (km_dispute_assign_mediator)",
                                              "sengketa %llu belum memiliki mediator (km_dispute_assign_mediator)",
                                              (unsigned long long)d->id));
        if (from == KM_DISPUTE_ACKNOWLEDGED && !all_consented(d, &missing))
            return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.consent",
                                              "negotiation is skipped only when every party agrees; partner %llu has not consented (km_dispute_consent)",
                                              "negosiasi hanya dilewati bila semua pihak setuju; mitra %llu belum menyetujui (km_dispute_consent)",
                                              (unsigned long long)missing));
        if (hold) {
            const km_agreement *a = km__dsp_agreement(net, d->agreement);
            if (!a || !(a->status == KM_AGREEMENT_ACTIVE ||
                        (a->status == KM_AGREEMENT_SUSPENDED && km__dsp_other_holder(net, d->agreement, d->id))))
                return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.hold", "agreement %llu cannot be held suspended",
                                                  "perjanjian %llu tidak dapat ditahan dalam penangguhan",
                                                  (unsigned long long)d->agreement));
        }
    }
    km__din_from_record(&in, d);
    if (to == KM_DISPUTE_SETTLED) {
        if ((rc = km__dsp_decode_settlement(net, &ap->f, d, &in, has_settlement)) != 0) return km__apply_fail(ap, rc);
        in.settled_in = from;
    }
    if (to == KM_DISPUTE_ESCALATED) in.forum = (int)forum;
    km__dsp_enter(&in, (int)to, ap->time, km__dsp_policy_for(net, d->agreement));
    in.note = note;
    if (hold) in.holds = 1;
    else if (km__dsp_move_releases(from, (int)to, &resume)) in.holds = 0;
    return km__dsp_replace(net, ap, slot, &in);
}

#undef C
#undef R
#undef M
#undef A
