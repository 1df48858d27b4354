/* Dispute policies: the network's (framework 0) and per policy framework.
 * A framework's policy replaces the network's for the agreements under that
 * framework; without either the built-in default (KM_DISPUTE_POLICY_INIT)
 * applies. Frameworks thereby tighten (mediator kinds) or relax (party to
 * the agreement, related agreements) the conflict-of-interest rules and set
 * their own stage limits, without a change to the framework record format.
 * Setting a policy is an event of its own (dispute.policy, id = framework). */
#include "dispute/dispute.h"

#include <string.h>

static const km__dsp_pol default_pol = { 0, 0, 0, 0, { 14, 14, 30, 30 }, 420 };

void km__dsp_pol_default(km__dsp_pol *p) { *p = default_pol; }

const km__dsp_pol *km__dsp_policy_find(const km__disputes *s, uint64_t framework)
{
    size_t i;
    for (i = 0; i < s->n_pols; i++)
        if (s->pols[i].framework == framework) return s->pols[i].pol;
    return NULL;
}

const km__dsp_pol *km__dsp_policy_for(const km_network *net, uint64_t agreement)
{
    const km_agreement *a = km__dsp_agreement(net, agreement);
    const km__dsp_pol *p = NULL;
    if (a && km__ag_framework(a)) p = km__dsp_policy_find(&net->disputes, km__ag_framework(a));
    if (!p) p = km__dsp_policy_find(&net->disputes, 0);
    return p ? p : &default_pol;
}

static int v_policy(const km__dsp_pol *p)
{
    static const char *const names[KM__DSP_STAGES] = { "policy.acknowledge_days", "policy.start_days",
                                                       "policy.negotiation_days", "policy.mediation_days" };
    int i;
    if (p->kinds & ~((1u << KM_PARTNER_KIND__COUNT) - 1))
        return km__err(KM_EINVAL, "policy.mediator_kinds", "0x%lx has unknown partner kind bits",
                       "0x%lx memuat bit jenis mitra yang tidak dikenal", (unsigned long)p->kinds);
    for (i = 0; i < KM__DSP_STAGES; i++)
        if (p->limit[i] > KM_DISPUTE_LIMIT_DAYS_MAX)
            return km__err(KM_EINVAL, names[i], "%lu is more than %d days", "%lu lebih dari %d hari",
                           (unsigned long)p->limit[i], KM_DISPUTE_LIMIT_DAYS_MAX);
    return km__v_utc_offset("policy.utc_offset_minutes", p->utc_offset);
}

static int get_flag(const km__fields *f, uint16_t tag, const char *field, uint8_t *out)
{
    uint64_t v = 0;
    int rc = km__dsp_get_u64(f, tag, field, &v, 1);
    if (rc) return rc;
    if (v > 1) return km__err(KM_EINVAL, field, "must be 0 or 1", "harus 0 atau 1");
    *out = (uint8_t)v;
    return 0;
}

int km__dsp_policy_decode(const km__fields *f, km__dsp_pol *p)
{
    static const uint16_t tags[KM__DSP_STAGES] = { KM__DT_P_ACK_DAYS, KM__DT_P_START_DAYS, KM__DT_P_NEGOTIATION_DAYS,
                                                   KM__DT_P_MEDIATION_DAYS };
    uint64_t v = 0;
    int64_t off = 0;
    int rc, i;
    memset(p, 0, sizeof *p);
    if ((rc = km__dsp_get_u64(f, KM__DT_P_KINDS, "policy.mediator_kinds", &v, 1)) != 0) return rc;
    if (v > UINT32_MAX) return km__err(KM_EINVAL, "policy.mediator_kinds", "out of range", "di luar rentang");
    p->kinds = (uint32_t)v;
    if ((rc = get_flag(f, KM__DT_P_ALLOW_PARTY, "policy.allow_agreement_party", &p->allow_party)) != 0 ||
        (rc = get_flag(f, KM__DT_P_ALLOW_RELATED, "policy.allow_related_agreements", &p->allow_related)) != 0 ||
        (rc = get_flag(f, KM__DT_P_SUSPEND, "policy.suspend_during_mediation", &p->suspend)) != 0)
        return rc;
    for (i = 0; i < KM__DSP_STAGES; i++) {
        if ((rc = km__dsp_get_u64(f, tags[i], "policy.limit", &v, 1)) != 0) return rc;
        if (v > KM_DISPUTE_LIMIT_DAYS_MAX)
            return km__err(KM_EINVAL, "policy.limit", "%llu is more than %d days", "%llu lebih dari %d hari",
                           (unsigned long long)v, KM_DISPUTE_LIMIT_DAYS_MAX);
        p->limit[i] = (uint32_t)v;
    }
    if ((rc = km__dsp_get_i64(f, KM__DT_P_UTC_OFFSET, "policy.utc_offset_minutes", &off, 1)) != 0) return rc;
    if ((rc = km__v_utc_offset("policy.utc_offset_minutes", off)) != 0) return rc;
    p->utc_offset = (int32_t)off;
    return v_policy(p);
}

int km__dsp_policy_encode(km__buf *b, const km__dsp_pol *p)
{
    int rc = km__fw_u64(b, KM__DT_P_KINDS, p->kinds);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_ALLOW_PARTY, p->allow_party);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_ALLOW_RELATED, p->allow_related);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_SUSPEND, p->suspend);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_ACK_DAYS, p->limit[0]);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_START_DAYS, p->limit[1]);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_NEGOTIATION_DAYS, p->limit[2]);
    if (!rc) rc = km__fw_u64(b, KM__DT_P_MEDIATION_DAYS, p->limit[3]);
    if (!rc) rc = km__fw_i64(b, KM__DT_P_UTC_OFFSET, p->utc_offset);
    return rc;
}

int km__dsp_policy_add(km__disputes *s, uint64_t framework, const km__dsp_pol *p)
{
    km__dsp_pol *copy;
    int rc;
    if (km__dsp_policy_find(s, framework)) return km__err(KM_EEXISTS, "policy", "set twice", "diatur dua kali");
    if ((rc = km__grow(s->a, (void **)&s->pols, &s->cap_pols, s->n_pols + 1, sizeof *s->pols)) != 0) return rc;
    copy = (km__dsp_pol *)km__malloc(s->a, sizeof *copy);
    if (!copy) return km__nomem();
    *copy = *p;
    s->pols[s->n_pols].framework = framework;
    s->pols[s->n_pols++].pol = copy;
    return 0;
}

/* ---- the event ---- */

static void undo_swap(km_network *net, km__undo *u)
{
    km__dsp_polslot *slot = &net->disputes.pols[u->id];
    km__free(net->a, slot->pol);
    slot->pol = (km__dsp_pol *)u->ptr;
}

static void release_swap(km_network *net, km__undo *u) { km__free(net->a, u->ptr); }

static void undo_add(km_network *net, km__undo *u)
{
    km__disputes *s = &net->disputes;
    (void)u;
    km__free(net->a, s->pols[--s->n_pols].pol);
}

int km__dsp_apply_policy(km_network *net, km__apply *ap)
{
    km__disputes *s = &net->disputes;
    km__dsp_pol p, *copy;
    size_t i;
    int rc;
    if ((rc = km__dsp_policy_decode(&ap->f, &p)) != 0) return km__apply_fail(ap, rc);
    if (ap->ev.id && !km__framework_current(&net->frameworks, ap->ev.id))
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "framework_id", "no framework with id %llu",
                                          "tidak ada kerangka dengan id %llu", (unsigned long long)ap->ev.id));
    if ((rc = km__dsp_check_action(net, ap, NULL, KM__DSP_ACT_POLICY)) != 0) return rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    for (i = 0; i < s->n_pols && s->pols[i].framework != ap->ev.id; i++) continue;
    if (i == s->n_pols && (rc = km__grow(net->a, (void **)&s->pols, &s->cap_pols, s->n_pols + 1, sizeof *s->pols)) != 0)
        return rc;
    copy = (km__dsp_pol *)km__malloc(net->a, sizeof *copy);
    if (!copy) return km__nomem();
    *copy = p;
    if (i < s->n_pols) {
        km__dsp_pol *old = s->pols[i].pol;
        s->pols[i].pol = copy;
        km__undo_push(net, undo_swap, release_swap, i, old);
    } else {
        s->pols[s->n_pols].framework = ap->ev.id;
        s->pols[s->n_pols++].pol = copy;
        km__undo_push(net, undo_add, NULL, i, copy);
    }
    ap->id = ap->ev.id;
    return 0;
}

/* ---- public ---- */

int km_dispute_policy_set(km_network *net, uint64_t framework_id, const km_dispute_policy *policy)
{
    km__dsp_pol p;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!policy) return km__err(KM_EINVAL, "policy", "must not be NULL", "tidak boleh NULL");
    if (policy->version == 0 || policy->version > KM_DISPUTE_POLICY_VERSION)
        return km__err(KM_EVERSION, "policy.version", "unknown version %u", "versi %u tidak dikenal", policy->version);
    p.kinds = policy->mediator_kinds;
    p.allow_party = policy->allow_agreement_party != 0;
    p.allow_related = policy->allow_related_agreements != 0;
    p.suspend = policy->suspend_during_mediation != 0;
    p.limit[0] = policy->acknowledge_days;
    p.limit[1] = policy->start_days;
    p.limit[2] = policy->negotiation_days;
    p.limit[3] = policy->mediation_days;
    p.utc_offset = policy->utc_offset_minutes;
    if ((rc = v_policy(&p)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = km__dsp_policy_encode(&net->scratch, &p)) != 0) return rc;
    return km__change(net, KM_ENTITY_DISPUTE, KM__OP_DISPUTE_POLICY, framework_id, net->scratch.data,
                      net->scratch.len, NULL);
}

int km_dispute_policy_get(km_dispute_policy *out, int *out_explicit, km_network *net, uint64_t framework_id)
{
    const km__dsp_pol *p = NULL;
    int rc;
    km__err_clear();
    if (out_explicit) *out_explicit = 0;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out->version == 0 || out->version > KM_DISPUTE_POLICY_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", out->version);
    if (framework_id && !km__framework_current(&net->frameworks, framework_id))
        return km__err(KM_ENOTFOUND, "framework_id", "no framework with id %llu", "tidak ada kerangka dengan id %llu",
                       (unsigned long long)framework_id);
    p = km__dsp_policy_find(&net->disputes, framework_id);
    if (p && out_explicit) *out_explicit = 1;
    if (!p && framework_id) p = km__dsp_policy_find(&net->disputes, 0);
    if (!p) p = &default_pol;
    out->mediator_kinds = p->kinds;
    out->allow_agreement_party = p->allow_party;
    out->allow_related_agreements = p->allow_related;
    out->suspend_during_mediation = p->suspend;
    out->acknowledge_days = p->limit[0];
    out->start_days = p->limit[1];
    out->negotiation_days = p->limit[2];
    out->mediation_days = p->limit[3];
    out->utc_offset_minutes = p->utc_offset;
    return 0;
}
