/* Unit tests for mediation: the conflict-of-interest check (every kind of
 * conflict, policy relaxations and tightenings, per-framework policies,
 * recorded overrides), mediator assignment rules, the effect on the
 * agreement (suspension during mediation and resumption after it, shared
 * holds, escalation, the mediator's own suspension), atomicity of the
 * two-event moves (a failure of either change leaves both unchanged, also
 * inside the host's transaction, and conflicts between handles), and
 * sessions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dispute_fixture.h"

static km_network *open_dx(void)
{
    km_network *net = dx_open(NULL);
    assert_non_null(net);
    return net;
}

static km_dispute *get(km_network *net, uint64_t id)
{
    km_dispute *d = NULL;
    assert_int_equal(km_dispute_get(&d, net, id), 0);
    return d;
}

static int holds(km_network *net, uint64_t id)
{
    km_dispute *d = get(net, id);
    int h = km_dispute_holds_suspension(d);
    km_dispute_free(d);
    return h;
}

/* An agreement between two partners, driven to status. */
static uint64_t pair_agreement(km_network *net, const char *ref, uint64_t a, uint64_t b, int status)
{
    km_agreement_fields f;
    uint64_t ids[2], id = 0;
    uint32_t roles[2];
    fx_fields(&f, ref, ids, roles);
    ids[0] = a;
    ids[1] = b;
    assert_int_equal(km_agreement_create(&id, net, &f), 0);
    if (status == KM_AGREEMENT_DRAFT) return id;
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    if (status == KM_AGREEMENT_PROPOSED) return id;
    assert_int_equal(km_agreement_sign(net, id, a), 0);
    assert_int_equal(km_agreement_sign(net, id, b), 0);
    if (status == KM_AGREEMENT_SIGNED) return id;
    assert_int_equal(km_agreement_activate(net, id, NULL), 0);
    if (status == KM_AGREEMENT_SUSPENDED) assert_int_equal(km_agreement_suspend(net, id, "audit"), 0);
    if (status == KM_AGREEMENT_COMPLETED) assert_int_equal(km_agreement_complete(net, id, NULL), 0);
    return id;
}

/* The conflicts of a candidate as "kind:agreement:partner;..." */
static void conflicts(km_network *net, uint64_t dispute, uint64_t partner, char *out, size_t cap)
{
    km_conflicts *c = NULL;
    size_t i, pos = 0;
    assert_int_equal(km_dispute_mediator_check(&c, net, dispute, partner), 0);
    out[0] = '\0';
    for (i = 0; i < km_conflicts_count(c); i++) {
        assert_non_null(km_conflicts_message(c, i, KM_LANG_EN));
        assert_non_null(km_conflicts_message(c, i, KM_LANG_ID));
        pos += (size_t)snprintf(out + pos, cap - pos, "%d:%llu:%llu;", km_conflicts_kind(c, i),
                                (unsigned long long)km_conflicts_agreement(c, i),
                                (unsigned long long)km_conflicts_partner(c, i));
    }
    km_conflicts_free(c);
}

static void test_conflicts(void **state)
{
    km_network *net = open_dx();
    km_conflicts *c = NULL;
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    char got[256];
    uint64_t id = dx_file(net, 1), a2, a4;
    (void)state;
    /* Parties to the dispute: never. */
    conflicts(net, id, FX_BIZ, got, sizeof got);
    assert_string_equal(got, "0:1:2;");
    assert_int_equal(km_dispute_mediator_check(&c, net, id, FX_GOV), 0);
    assert_int_equal(km_conflicts_count(c), 1);
    assert_int_equal(km_conflicts_kind(c, 0), KM_CONFLICT_PARTY_TO_DISPUTE);
    assert_int_equal(km_conflicts_overridable(c, 0), 0);
    assert_non_null(strstr(km_conflicts_message(c, 0, KM_LANG_EN), "respondent of dispute 1"));
    assert_non_null(strstr(km_conflicts_message(c, 0, KM_LANG_ID), "termohon sengketa 1"));
    assert_int_equal(km_conflicts_kind(c, 1), -1);
    assert_null(km_conflicts_message(c, 1, KM_LANG_EN));
    km_conflicts_free(c);
    /* A party to the agreement (not to the dispute): overridable. */
    assert_int_equal(km_dispute_mediator_check(&c, net, id, FX_NGO), 0);
    assert_int_equal(km_conflicts_count(c), 1);
    assert_int_equal(km_conflicts_kind(c, 0), KM_CONFLICT_PARTY_TO_AGREEMENT);
    assert_int_equal(km_conflicts_agreement(c, 0), 1);
    assert_int_equal(km_conflicts_overridable(c, 0), 1);
    km_conflicts_free(c);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "");
    /* Agreements in force with either side; drafts, proposals and ended
     * agreements do not count. */
    a2 = pair_agreement(net, "PKS/M/2", DX_OMBUDSMAN, FX_BIZ, KM_AGREEMENT_ACTIVE);
    pair_agreement(net, "PKS/M/3", DX_OMBUDSMAN, FX_GOV, KM_AGREEMENT_DRAFT);
    a4 = pair_agreement(net, "PKS/M/4", FX_GOV, DX_OMBUDSMAN, KM_AGREEMENT_SIGNED);
    pair_agreement(net, "PKS/M/5", DX_OMBUDSMAN, FX_GOV, KM_AGREEMENT_PROPOSED);
    pair_agreement(net, "PKS/M/6", DX_OMBUDSMAN, FX_BIZ, KM_AGREEMENT_COMPLETED);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "4:2:2;4:4:1;");
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "dispute.mediator");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "agreement 2 (active) in force with partner 2"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "override justification required"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "benturan kepentingan"));
    assert_int_equal(km_agreement_suspend(net, a2, "audit"), 0);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "4:2:2;4:4:1;"); /* suspended is still in force */
    assert_int_equal(km_agreement_terminate(net, a2, "selesai lebih awal"), 0);
    assert_int_equal(km_agreement_activate(net, a4, NULL), 0);
    assert_int_equal(km_agreement_complete(net, a4, NULL), 0);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "");
    /* Inactive partners: never. */
    assert_int_equal(km_partner_set_status(net, DX_LBH, KM_PARTNER_SUSPENDED, "verifikasi ulang"), 0);
    conflicts(net, id, DX_LBH, got, sizeof got);
    assert_string_equal(got, "1:0:6;");
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_LBH, "darurat"), KM_ESTATE);
    assert_null(strstr(km_error_last_message(KM_LANG_EN), "override justification required"));
    /* The policy tightens (kinds) and relaxes (party, related). */
    p.mediator_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_GOVERNMENT_AGENCY) | KM_PARTNER_KIND_BIT(KM_PARTNER_MINISTRY);
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    conflicts(net, id, DX_UNIV, got, sizeof got);
    assert_string_equal(got, "2:0:7;");
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "");
    conflicts(net, id, FX_NGO, got, sizeof got);
    assert_string_equal(got, "2:0:3;3:1:0;");
    p.allow_agreement_party = 1;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    conflicts(net, id, FX_NGO, got, sizeof got);
    assert_string_equal(got, "2:0:3;");
    conflicts(net, id, FX_BIZ, got, sizeof got);
    assert_string_equal(got, "0:1:2;2:0:2;"); /* still a party to the dispute */
    pair_agreement(net, "PKS/M/7", DX_OMBUDSMAN, FX_GOV, KM_AGREEMENT_ACTIVE);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "4:7:1;");
    p.allow_related_agreements = 1;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    conflicts(net, id, DX_OMBUDSMAN, got, sizeof got);
    assert_string_equal(got, "");
    assert_int_equal(km_dispute_mediator_check(&c, net, 99, DX_OMBUDSMAN), KM_ENOTFOUND);
    assert_null(c);
    assert_int_equal(km_dispute_mediator_check(&c, net, id, 99), KM_ENOTFOUND);
    assert_int_equal(km_dispute_mediator_check(NULL, net, id, DX_OMBUDSMAN), KM_EINVAL);
    assert_int_equal(km_dispute_mediator_check(&c, NULL, id, DX_OMBUDSMAN), KM_EINVAL);
    assert_int_equal(km_conflicts_count(NULL), 0);
    assert_int_equal(km_conflicts_overridable(NULL, 0), 0);
    assert_int_equal(km_conflicts_agreement(NULL, 0), 0);
    assert_int_equal(km_conflicts_partner(NULL, 0), 0);
    km_conflicts_free(NULL);
    km_network_close(net);
}

static void test_framework_policy(void **state)
{
    km_network *net = open_dx();
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    km_framework_spec *spec = NULL;
    km_agreement_fields f;
    uint64_t ids[2], agr = 0, d_fw, d_net;
    uint32_t roles[2];
    char got[256];
    (void)state;
    assert_int_equal(km_framework_spec_new(&spec, "Permendagri 22/2020 kerja sama daerah", NULL), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    fx_fields(&f, "PKS/FW", ids, roles);
    f.framework_id = 1;
    assert_int_equal(km_agreement_create(&agr, net, &f), 0);
    assert_int_equal(fx_drive(net, agr, KM_AGREEMENT_ACTIVE), 0);
    /* The framework requires a government mediator; the network does not. */
    p.mediator_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_GOVERNMENT_AGENCY);
    assert_int_equal(km_dispute_policy_set(net, 1, &p), 0);
    d_fw = dx_file(net, agr);
    d_net = dx_file(net, 1);
    conflicts(net, d_fw, DX_UNIV, got, sizeof got);
    assert_string_equal(got, "2:0:7;");
    conflicts(net, d_net, DX_UNIV, got, sizeof got);
    assert_string_equal(got, "");
    /* A framework may also relax: the agreement's parties may mediate. */
    p.mediator_kinds = 0;
    p.allow_agreement_party = 1;
    assert_int_equal(km_dispute_policy_set(net, 1, &p), 0);
    assert_int_equal(km_agreement_add_party(net, agr, FX_NGO, KM_ROLE_BENEFICIARY, "Adendum I"), 0);
    conflicts(net, d_fw, FX_NGO, got, sizeof got);
    assert_string_equal(got, "4:1:2;4:1:1;"); /* related through agreement 1 still counts */
    assert_int_equal(km_dispute_assign_mediator(net, d_fw, FX_NGO, "disepakati para pihak"), 0);
    km_network_close(net);
}

static void test_assign_rules(void **state)
{
    km_network *net = open_dx();
    uint64_t id = dx_file(net, 1), seq;
    km_dispute *d;
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    char big[KM_DISPUTE_NOTE_MAX + 2];
    (void)state;
    seq = km_network_seq(net);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), KM_EDENIED);
    dx_as(net, DX_OMBUDSMAN);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), KM_EDENIED);
    dx_actor(net, "admin:pemprov");
    assert_int_equal(km_dispute_assign_mediator(net, id, 99, NULL), KM_ENOTFOUND);
    assert_int_equal(km_dispute_assign_mediator(net, 99, DX_OMBUDSMAN, NULL), KM_ENOTFOUND);
    assert_int_equal(km_dispute_assign_mediator(net, id, FX_GOV, "x"), KM_ESTATE); /* a party: never */
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "respondent"));
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, "tidak perlu"), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.override");
    memset(big, 'o', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(km_dispute_assign_mediator(net, id, FX_NGO, big), KM_EINVAL);
    assert_int_equal(km_dispute_assign_mediator(net, id, FX_NGO, NULL), KM_ESTATE);
    assert_int_equal(km_network_seq(net), seq);
    /* A recorded override. */
    assert_int_equal(km_dispute_assign_mediator(net, id, FX_NGO, "LSM dipercaya kedua pihak"), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_mediator(d), FX_NGO);
    assert_string_equal(km_dispute_mediator_override(d), "LSM dipercaya kedua pihak");
    km_dispute_free(d);
    assert_int_equal(km_dispute_assign_mediator(net, id, FX_NGO, "lagi"), KM_ESTATE); /* already */
    /* Replacing the mediator clears the override. */
    assert_int_equal(dx_drive(net, id, KM_DISPUTE_NEGOTIATION), 0);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_mediator(d), DX_OMBUDSMAN);
    assert_null(km_dispute_mediator_override(d));
    km_dispute_free(d);
    assert_int_equal(km_dispute_mediate(net, id, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_UNIV, NULL), 0); /* replaced during mediation */
    assert_int_equal(dx_settle(net, id, "damai"), 0);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), KM_ESTATE);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "dispute.mediator is not allowed while dispute 1 is settled"));
    q.entity = KM_ENTITY_DISPUTE;
    q.entity_id = id;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_string_equal(km_audit_operation(au, 1), "dispute.mediator");
    assert_string_equal(km_audit_actor(au, 1), "admin:pemprov");
    assert_non_null(strstr(km_audit_data_json(au, 1), "\"override\":\"LSM dipercaya kedua pihak\""));
    km_audit_free(au);
    km_network_close(net);
}

/* ---- the agreement during mediation ---- */

static void set_suspend_policy(km_network *net, int on)
{
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    p.suspend_during_mediation = on;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
}

static void test_suspension(void **state)
{
    km_network *net = open_dx();
    uint64_t d1, d2, d3, d4, seq;
    km_agreement *a = NULL;
    (void)state;
    set_suspend_policy(net, 1);
    d1 = dx_file(net, 1);
    d2 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d1, KM_DISPUTE_NEGOTIATION), 0);
    assert_int_equal(dx_drive(net, d2, KM_DISPUTE_NEGOTIATION), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d1, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d2, DX_UNIV, NULL), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_mediate(net, d1, NULL), 0);
    assert_int_equal(km_network_seq(net), seq + 1); /* one entry for both changes */
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(km_agreement_get(&a, net, 1), 0);
    assert_non_null(strstr(km_agreement_status_reason(a), "dispute 1 in mediation"));
    km_agreement_free(a);
    assert_int_equal(holds(net, d1), 1);
    /* A second dispute of the agreement joins the suspension. */
    assert_int_equal(km_dispute_mediate(net, d2, NULL), 0);
    assert_int_equal(km_network_seq(net), seq + 2);
    assert_int_equal(holds(net, d2), 1);
    /* Settling one keeps the agreement suspended while the other holds. */
    assert_int_equal(dx_settle(net, d1, "damai"), 0);
    assert_int_equal(holds(net, d1), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_withdraw(net, d2, "damai di luar mediasi"), 0);
    assert_int_equal(km_network_seq(net), seq + 1);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(km_agreement_get(&a, net, 1), 0);
    assert_non_null(strstr(km_agreement_status_reason(a), "dispute 2 resolved"));
    km_agreement_free(a);
    /* Escalation keeps the hold; closing lets go without resuming. */
    d3 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d3, KM_DISPUTE_ESCALATED), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(holds(net, d3), 1);
    assert_int_equal(km_dispute_close(net, d3, "putusan PN: perjanjian tetap berlaku"), 0);
    assert_int_equal(holds(net, d3), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(km_agreement_resume(net, 1, "putusan PN"), 0);
    /* An agreement suspended for another reason is not held, nor resumed. */
    assert_int_equal(km_agreement_suspend(net, 1, "audit BPK"), 0);
    d4 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d4, KM_DISPUTE_MEDIATION), 0);
    assert_int_equal(holds(net, d4), 0);
    assert_int_equal(dx_settle(net, d4, "damai"), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(km_agreement_resume(net, 1, "audit selesai"), 0);
    /* Without the policy the agreement stays active... */
    set_suspend_policy(net, 0);
    d4 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d4, KM_DISPUTE_MEDIATION), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    /* ...unless the mediator suspends it. */
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, NULL), KM_EINVAL);
    assert_null(strstr(km_error_last_message(KM_LANG_EN), "dispute.reason: dispute.reason"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "dispute.reason"));
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, "x"), KM_EDENIED);
    assert_int_equal(km_dispute_suspend_agreement(net, d1, "x"), KM_ESTATE); /* settled */
    assert_int_equal(km_network_seq(net), seq);
    dx_as(net, DX_OMBUDSMAN);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, "menunggu hasil mediasi"), 0);
    assert_int_equal(km_network_seq(net), seq + 1);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(holds(net, d4), 1);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, "lagi"), KM_ESTATE);
    assert_int_equal(km_dispute_dismiss(net, d4, "pemohon tidak hadir tiga kali"), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    /* Nothing to hold: the agreement is suspended by no dispute. */
    dx_actor(net, "admin:test");
    d4 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d4, KM_DISPUTE_MEDIATION), 0);
    assert_int_equal(km_agreement_suspend(net, 1, "audit"), 0);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, "x"), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "dispute.hold");
    /* A held agreement that was terminated meanwhile is not resumed. */
    assert_int_equal(km_agreement_resume(net, 1, NULL), 0);
    assert_int_equal(km_dispute_suspend_agreement(net, d4, "tahan"), 0);
    assert_int_equal(km_agreement_terminate(net, 1, "wanprestasi berat"), 0);
    assert_int_equal(dx_settle(net, d4, "ganti rugi"), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_TERMINATED);
    km_network_close(net);
}

static int deny_agreement(void *payload, const km_auth_request *req, char *reason, size_t reason_size)
{
    (void)payload;
    if (req->entity != KM_ENTITY_AGREEMENT) return 0;
    snprintf(reason, reason_size, "perjanjian dikunci");
    return 1;
}

static void test_atomic(void **state)
{
    km_network *net = open_dx();
    km_dispute_session_fields sf = KM_DISPUTE_SESSION_FIELDS_INIT;
    km_dispute_sessions *l = NULL;
    uint64_t id, att[1] = { FX_BIZ }, seq;
    (void)state;
    set_suspend_policy(net, 1);
    id = dx_file(net, 1);
    assert_int_equal(dx_drive(net, id, KM_DISPUTE_NEGOTIATION), 0);
    /* The dispute part fails: the agreement is not touched. */
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_ESTATE); /* no mediator */
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    /* The agreement part fails: the dispute does not move either. */
    seq = km_network_seq(net);
    km_network_set_authorizer(net, deny_agreement, NULL);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_EDENIED);
    assert_string_equal(km_error_last_field(), "agreement.transition");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "perjanjian dikunci"));
    assert_int_equal(dx_status(net, id), KM_DISPUTE_NEGOTIATION);
    assert_int_equal(holds(net, id), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(km_network_seq(net), seq);
    /* Inside the host's transaction: its earlier change stays, none of the
     * failed move's does. */
    assert_int_equal(km_network_begin(net), 0);
    sf.date = "2020-01-02";
    sf.attendees = att;
    sf.attendees_count = 1;
    sf.outcome = "Sesi negosiasi";
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), 0);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_EDENIED);
    assert_int_equal(dx_status(net, id), KM_DISPUTE_NEGOTIATION);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(km_network_commit(net), 0);
    assert_int_equal(km_network_seq(net), seq + 1);
    assert_int_equal(km_dispute_session_list(&l, net, id), 0);
    assert_int_equal(km_dispute_sessions_count(l), 1);
    km_dispute_sessions_free(l);
    km_network_set_authorizer(net, NULL, NULL);
    assert_int_equal(km_dispute_mediate(net, id, NULL), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    /* Leaving mediation: the resumption denied, the settlement undone. */
    seq = km_network_seq(net);
    km_network_set_authorizer(net, deny_agreement, NULL);
    assert_int_equal(dx_settle(net, id, "damai"), KM_EDENIED);
    assert_int_equal(dx_status(net, id), KM_DISPUTE_MEDIATION);
    assert_int_equal(holds(net, id), 1);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(km_network_seq(net), seq);
    km_network_set_authorizer(net, NULL, NULL);
    assert_int_equal(dx_settle(net, id, "damai"), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    km_network_close(net);
}

/* Two handles on one store: a stale handle's two-event move meets a
 * conflict; with retry_on_conflict it refreshes, decides again, and
 * commits. */
static void test_conflict_retry(void **state)
{
    km_storage *st = NULL;
    km_network *a = NULL, *b = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    uint64_t id, seq;
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    o.clock = dx_clock;
    o.actor = "admin:a";
    dx_set("2024-01-10", 3);
    assert_int_equal(km_network_open(&a, st, &o), 0);
    fx_partners(a);
    dx_outsiders(a);
    assert_int_equal(dx_agreement(a, "PKS/C/1"), 1);
    set_suspend_policy(a, 1);
    id = dx_file(a, 1);
    assert_int_equal(dx_drive(a, id, KM_DISPUTE_NEGOTIATION), 0);
    assert_int_equal(km_dispute_assign_mediator(a, id, DX_OMBUDSMAN, NULL), 0);
    o.actor = "admin:b";
    assert_int_equal(km_network_open(&b, st, &o), 0);
    assert_int_equal(km_dispute_session_add(NULL, a, id, NULL), KM_EINVAL);
    dx_file(a, 1); /* b is now stale */
    seq = km_network_seq(b);
    assert_int_equal(km_dispute_mediate(b, id, NULL), KM_ECONFLICT);
    assert_int_equal(km_network_seq(b), seq);
    assert_int_equal(dx_status(b, id), KM_DISPUTE_NEGOTIATION);
    assert_int_equal(fx_status(b, 1), KM_AGREEMENT_ACTIVE);
    km_network_close(b);
    o.retry_on_conflict = 1;
    assert_int_equal(km_network_open(&b, st, &o), 0);
    dx_file(a, 1);
    assert_int_equal(km_dispute_mediate(b, id, NULL), 0);
    assert_int_equal(dx_status(b, id), KM_DISPUTE_MEDIATION);
    assert_int_equal(fx_status(b, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(km_network_refresh(a), 0);
    assert_int_equal(fx_status(a, 1), KM_AGREEMENT_SUSPENDED);
    assert_int_equal(holds(a, id), 1);
    km_network_close(a);
    km_network_close(b);
    km_storage_free(st);
}

/* ---- sessions ---- */

static void test_sessions(void **state)
{
    km_network *net = open_dx();
    km_dispute_session_fields sf = KM_DISPUTE_SESSION_FIELDS_INIT;
    km_dispute_sessions *l = NULL;
    uint64_t id, att[3] = { FX_BIZ, FX_GOV, DX_OMBUDSMAN }, seq;
    uint32_t n = 0;
    char big[KM_DISPUTE_TEXT_MAX + 2];
    (void)state;
    dx_set("2024-08-05", 3);
    id = dx_file(net, 1);
    sf.date = "2024-08-12";
    sf.attendees = att;
    sf.attendees_count = 2;
    sf.outcome = "Para pihak hadir";
    assert_int_equal(km_dispute_session_add(&n, net, id, &sf), KM_ESTATE); /* still filed */
    assert_int_equal(n, 0);
    assert_int_equal(dx_drive(net, id, KM_DISPUTE_NEGOTIATION), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_session_add(NULL, net, id, NULL), KM_EINVAL);
    sf.version = 0;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EVERSION);
    sf.version = KM_DISPUTE_SESSION_FIELDS_VERSION;
    sf.date = NULL;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "session.date");
    sf.date = "2024-02-30";
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    sf.date = "2024-08-04"; /* before filing */
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    sf.date = "2024-08-12";
    sf.attendees_count = 0;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "session.attendees");
    att[2] = 99;
    sf.attendees_count = 3;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_ENOTFOUND);
    att[2] = FX_BIZ;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    att[2] = DX_OMBUDSMAN;
    sf.attendees_count = 2;
    sf.outcome = NULL;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "session.outcome");
    memset(big, 'h', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sf.outcome = big;
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EINVAL);
    sf.outcome = "Belum sepakat";
    dx_as(net, DX_LBH);
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EDENIED);
    assert_int_equal(km_dispute_session_add(NULL, net, 99, &sf), KM_ENOTFOUND);
    assert_int_equal(km_network_seq(net), seq);
    dx_as(net, FX_GOV); /* the parties hold their own negotiation sessions */
    assert_int_equal(km_dispute_session_add(&n, net, id, &sf), 0);
    assert_int_equal(n, 1);
    dx_actor(net, "admin:test");
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_mediate(net, id, NULL), 0);
    sf.date = "2024-08-26";
    sf.attendees_count = 3;
    sf.outcome = "Kesepakatan awal:\npembayaran bertahap";
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_EDENIED); /* mediation: the mediator's */
    dx_as(net, DX_OMBUDSMAN);
    assert_int_equal(km_dispute_session_add(&n, net, id, &sf), 0);
    assert_int_equal(n, 2);
    assert_int_equal(km_dispute_session_list(&l, net, id), 0);
    assert_int_equal(km_dispute_sessions_count(l), 2);
    assert_int_equal(km_dispute_sessions_number(l, 0), 1);
    assert_string_equal(km_dispute_sessions_date(l, 0), "2024-08-12");
    assert_int_equal(km_dispute_sessions_stage(l, 0), KM_DISPUTE_NEGOTIATION);
    assert_int_equal(km_dispute_sessions_attendee_count(l, 0), 2);
    assert_int_equal(km_dispute_sessions_attendee(l, 0, 1), FX_GOV);
    assert_int_equal(km_dispute_sessions_attendee(l, 0, 2), 0);
    assert_string_equal(km_dispute_sessions_outcome(l, 0), "Belum sepakat");
    assert_int_equal(km_dispute_sessions_stage(l, 1), KM_DISPUTE_MEDIATION);
    assert_int_equal(km_dispute_sessions_attendee(l, 1, 2), DX_OMBUDSMAN);
    assert_string_equal(km_dispute_sessions_outcome(l, 1), "Kesepakatan awal:\npembayaran bertahap");
    assert_int_equal(km_dispute_sessions_number(l, 2), 0);
    assert_null(km_dispute_sessions_date(l, 2));
    assert_null(km_dispute_sessions_outcome(l, 2));
    assert_int_equal(km_dispute_sessions_stage(l, 2), -1);
    assert_int_equal(km_dispute_sessions_attendee_count(l, 2), 0);
    km_dispute_sessions_free(l);
    l = NULL;
    assert_int_equal(km_dispute_session_list(&l, net, 99), KM_ENOTFOUND);
    assert_null(l);
    assert_int_equal(km_dispute_session_list(NULL, net, id), KM_EINVAL);
    assert_int_equal(km_dispute_sessions_count(NULL), 0);
    km_dispute_sessions_free(NULL);
    assert_int_equal(dx_settle(net, id, "pembayaran bertahap"), 0);
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), KM_ESTATE);
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_framework_policy),
        cmocka_unit_test(test_assign_rules),
        cmocka_unit_test(test_suspension),
        cmocka_unit_test(test_atomic),
        cmocka_unit_test(test_conflict_retry),
        cmocka_unit_test(test_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
