/* Unit tests for disputes: filing and validation, the state machine
 * (every state x every target, and every legal move x every role),
 * acknowledgements and consents, settlement and escalation rules, stage
 * deadlines across month and year ends, policies, queries against brute
 * force, reports, time travel, snapshots, out-of-memory and the audit trail
 * of a whole case. Mediation proper is in test_mediation.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dispute_fixture.h"
#include "support/state_hash.h"
#include "support/files.h"
#include "support/failalloc.h"

#define C KM_DISPUTE_ROLE_CLAIMANT
#define R KM_DISPUTE_ROLE_RESPONDENT
#define M KM_DISPUTE_ROLE_MEDIATOR
#define A KM_DISPUTE_ROLE_ADMIN

/* The state machine as the issue and docs/disputes.md describe it, kept
 * apart from the library's table so that one checks the other. */
static const uint32_t expected_roles[KM_DISPUTE_STATUS__COUNT][KM_DISPUTE_STATUS__COUNT] = {
    /* filed */ { 0, R | A, 0, 0, 0, 0, 0, C | A, M | A },
    /* acknowledged */ { 0, 0, C | R | A, C | R | M | A, 0, 0, 0, C | A, M | A },
    /* negotiation */ { 0, 0, 0, C | R | A, C | A, C | R | A, 0, C | A, M | A },
    /* mediation */ { 0, 0, 0, 0, M | A, C | R | M | A, 0, C | A, M | A },
    /* settled */ { 0, 0, 0, 0, 0, 0, C | M | A, 0, 0 },
    /* escalated */ { 0, 0, 0, 0, 0, 0, C | R | M | A, C | A, 0 },
    /* closed */ { 0 },
    /* withdrawn */ { 0 },
    /* dismissed */ { 0 },
};

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

/* ---- filing ---- */

static void base_fields(km_dispute_fields *f, uint64_t *resp, uint32_t *ms)
{
    km_dispute_fields init = KM_DISPUTE_FIELDS_INIT;
    *f = init;
    resp[0] = FX_GOV;
    ms[0] = 1;
    f->agreement_id = 1;
    f->claimant = FX_BIZ;
    f->respondents = resp;
    f->respondents_count = 1;
    f->category = KM_DISPUTE_PAYMENT;
    f->severity = KM_DISPUTE_SEVERITY_HIGH;
    f->description = "Pembayaran termin 1 terlambat";
    f->milestone_numbers = ms;
    f->milestones_count = 1;
}

static int deny_file(void *payload, const km_auth_request *req, char *reason, size_t reason_size)
{
    (void)payload;
    if (strcmp(req->operation, "dispute.file") != 0) return 0;
    snprintf(reason, reason_size, "pengajuan ditutup");
    return 1;
}

static void test_file_get(void **state)
{
    km_network *net = open_dx();
    km_dispute_fields f;
    km_dispute *d;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    uint64_t resp[KM_DISPUTE_RESPONDENTS_MAX + 1], id = 0, seq, commits[KM_DISPUTE_REFS_MAX + 1], other_commitment;
    uint32_t ms[3];
    char big[KM_DISPUTE_TEXT_MAX + 2];
    size_t i;
    (void)state;
    dx_set("2024-02-01", 2); /* 09:00 WIB */
    base_fields(&f, resp, ms);
    commits[0] = 1;
    commits[1] = 2;
    f.commitment_ids = commits;
    f.commitments_count = 2;
    f.relief = "Pembayaran dan denda";
    assert_int_equal(km_dispute_file(&id, net, &f), 0);
    assert_int_equal(id, 1);
    d = get(net, id);
    assert_int_equal(km_dispute_id(d), 1);
    assert_int_equal(km_dispute_agreement(d), 1);
    assert_int_equal(km_dispute_claimant(d), FX_BIZ);
    assert_int_equal(km_dispute_respondent_count(d), 1);
    assert_int_equal(km_dispute_respondent(d, 0), FX_GOV);
    assert_int_equal(km_dispute_respondent(d, 1), 0);
    assert_true(km_dispute_respondent_acknowledged(d, 0) == 0);
    assert_int_equal(km_dispute_category_of(d), KM_DISPUTE_PAYMENT);
    assert_int_equal(km_dispute_severity_of(d), KM_DISPUTE_SEVERITY_HIGH);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_FILED);
    assert_string_equal(km_dispute_description(d), "Pembayaran termin 1 terlambat");
    assert_string_equal(km_dispute_relief(d), "Pembayaran dan denda");
    assert_int_equal(km_dispute_commitment_count(d), 2);
    assert_int_equal(km_dispute_commitment(d, 1), 2);
    assert_int_equal(km_dispute_commitment(d, 2), 0);
    assert_int_equal(km_dispute_milestone_count(d), 1);
    assert_int_equal(km_dispute_milestone(d, 0), 1);
    assert_int_equal(km_dispute_mediator(d), 0);
    assert_null(km_dispute_mediator_override(d));
    assert_int_equal(km_dispute_forum_of(d), -1);
    assert_int_equal(km_dispute_outcome(d), -1);
    assert_int_equal(km_dispute_settled_in(d), -1);
    assert_null(km_dispute_resolved_date(d));
    assert_null(km_dispute_settlement_terms(d));
    assert_string_equal(km_dispute_filed_date(d), "2024-02-01");
    assert_string_equal(km_dispute_stage_date(d), "2024-02-01");
    assert_string_equal(km_dispute_due_date(d), "2024-02-15");
    assert_true(km_dispute_filed(d) > 0);
    assert_true(km_dispute_entered(d, KM_DISPUTE_FILED) == km_dispute_filed(d));
    assert_true(km_dispute_entered(d, KM_DISPUTE_MEDIATION) == 0);
    assert_true(km_dispute_entered(d, 99) == 0);
    assert_true(km_dispute_status_time(d) == km_dispute_filed(d));
    assert_true(km_dispute_updated(d) == km_dispute_filed(d));
    assert_null(km_dispute_status_note(d));
    assert_int_equal(km_dispute_holds_suspension(d), 0);
    assert_true(km_dispute_consented(d, FX_BIZ) == 0);
    km_dispute_free(d);
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(st.disputes, 1);
    assert_int_equal(st.disputes_open, 1);

    /* Bad input of every kind: a specific error, nothing written. */
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_file(NULL, net, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_file(NULL, NULL, &f), KM_EINVAL);
    f.version = 0;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EVERSION);
    f.version = KM_DISPUTE_FIELDS_VERSION;
    f.agreement_id = 99;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "dispute.agreement_id");
    f.agreement_id = fx_create(net, "PKS/DRAFT");
    f.commitments_count = 0;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_ESTATE);
    assert_int_equal(fx_drive(net, f.agreement_id, KM_AGREEMENT_ACTIVE), 0);
    other_commitment = dx_commitment(net, f.agreement_id);
    f.agreement_id = fx_create(net, "PKS/DRAFT/2");
    f.commitments_count = 2;
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_ESTATE);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "draft"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "draf"));
    f.agreement_id = 1;
    f.claimant = DX_LBH;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.claimant");
    f.claimant = FX_BIZ;
    f.respondents_count = 0;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.respondents");
    f.respondents_count = 1;
    resp[0] = FX_BIZ;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    resp[0] = DX_UNIV;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    resp[0] = FX_GOV;
    resp[1] = FX_GOV;
    f.respondents_count = 2;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    for (i = 0; i < KM_DISPUTE_RESPONDENTS_MAX + 1; i++) resp[i] = 100 + i;
    f.respondents_count = KM_DISPUTE_RESPONDENTS_MAX + 1;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.respondents = NULL;
    f.respondents_count = 1;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.respondents = resp;
    resp[0] = FX_GOV;
    f.category = KM_DISPUTE_CATEGORY__COUNT;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.category");
    f.category = -1;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.category = KM_DISPUTE_OTHER;
    f.severity = KM_DISPUTE_SEVERITY__COUNT;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.severity");
    f.severity = KM_DISPUTE_SEVERITY_LOW;
    f.description = NULL;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.description");
    f.description = "   ";
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.description = "bad \xff utf-8";
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    f.description = big;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.description = "Keterlambatan";
    big[KM_DISPUTE_NOTE_MAX + 1] = '\0';
    f.relief = big;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.relief");
    f.relief = NULL;
    ms[0] = 3;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "dispute.milestones");
    ms[0] = 0;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    ms[0] = 1;
    ms[1] = 1;
    f.milestones_count = 2;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.milestones_count = 1;
    commits[1] = 1;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.commitments");
    commits[1] = 0;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    commits[1] = 99;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "dispute.commitments");
    commits[1] = other_commitment;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "belongs to agreement 2"));
    for (i = 0; i < KM_DISPUTE_REFS_MAX + 1; i++) commits[i] = i + 1;
    f.commitments_count = KM_DISPUTE_REFS_MAX + 1;
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EINVAL);
    f.commitments_count = 0;
    /* Only the claimant (or an administrator) files. */
    dx_as(net, FX_NGO);
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EDENIED);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "ID-NIB-8120000000001"));
    km_network_set_authorizer(net, deny_file, NULL);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_file(NULL, net, &f), KM_EDENIED);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "pengajuan ditutup"));
    km_network_set_authorizer(net, NULL, NULL);
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_dispute_file(&id, net, &f), 0); /* the business itself */
    assert_int_equal(id, 2);

    d = NULL;
    assert_int_equal(km_dispute_get(NULL, net, 1), KM_EINVAL);
    assert_int_equal(km_dispute_get(&d, NULL, 1), KM_EINVAL);
    assert_int_equal(km_dispute_get(&d, net, 3), KM_ENOTFOUND);
    assert_null(d);
    assert_int_equal(km_dispute_get(&d, net, 0), KM_ENOTFOUND);
    /* NULL handles read as empty. */
    assert_int_equal(km_dispute_id(NULL), 0);
    assert_int_equal(km_dispute_status_of(NULL), -1);
    assert_int_equal(km_dispute_category_of(NULL), -1);
    assert_null(km_dispute_description(NULL));
    assert_null(km_dispute_due_date(NULL));
    assert_int_equal(km_dispute_respondent_count(NULL), 0);
    km_dispute_free(NULL);
    km_network_close(net);
}

/* ---- the state machine ---- */

/* Puts dispute id (filed) in state from, ready for any move out of it:
 * a mediator is assigned and both parties consented while it is still
 * filed, acknowledged or in negotiation. */
static void prepare(km_network *net, uint64_t id, int from)
{
    if (from <= KM_DISPUTE_ACKNOWLEDGED) {
        assert_int_equal(km_dispute_consent(net, id, FX_BIZ, NULL), 0);
        assert_int_equal(km_dispute_consent(net, id, FX_GOV, NULL), 0);
    }
    assert_int_equal(dx_drive(net, id, from), 0);
    if (from <= KM_DISPUTE_NEGOTIATION) assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(dx_status(net, id), from);
}

static int do_move(km_network *net, uint64_t id, int to)
{
    switch (to) {
    case KM_DISPUTE_SETTLED: return dx_settle(net, id, "Dibayar");
    case KM_DISPUTE_ESCALATED: return km_dispute_escalate(net, id, KM_DISPUTE_FORUM_ARBITRATION, "BANI");
    case KM_DISPUTE_DISMISSED: return km_dispute_dismiss(net, id, "alasan");
    default: return km_dispute_transition(net, id, to, "catatan");
    }
}

static void test_transition_table(void **state)
{
    int from, to;
    (void)state;
    for (from = 0; from < KM_DISPUTE_STATUS__COUNT; from++) {
        for (to = 0; to < KM_DISPUTE_STATUS__COUNT; to++) {
            km_network *net = open_dx();
            uint64_t id = dx_file(net, 1), seq;
            int legal = expected_roles[from][to] != 0 && to != KM_DISPUTE_ACKNOWLEDGED, rc;
            assert_int_equal(km_dispute_transition_roles(from, to), expected_roles[from][to]);
            prepare(net, id, from);
            seq = km_network_seq(net);
            rc = do_move(net, id, to);
            if (legal) {
                km_dispute *d;
                if (rc != 0) fail_msg("%d -> %d: %s", from, to, km_error_last_message(KM_LANG_EN));
                assert_int_equal(dx_status(net, id), to);
                assert_int_equal(km_network_seq(net), seq + 1);
                d = get(net, id);
                assert_true(km_dispute_entered(d, to) > 0);
                assert_true(km_dispute_status_time(d) == km_dispute_entered(d, to));
                km_dispute_free(d);
            } else {
                char want[400], en[512], idm[512], allowed[200];
                int t, first = 1;
                snprintf(en, sizeof en, "%s", km_error_last_message(KM_LANG_EN));
                snprintf(idm, sizeof idm, "%s", km_error_last_message(KM_LANG_ID));
                if (rc != KM_ESTATE) fail_msg("%d -> %d gave %d: %s", from, to, rc, en);
                assert_int_equal(dx_status(net, id), from);
                assert_int_equal(km_network_seq(net), seq);
                if (to == KM_DISPUTE_ACKNOWLEDGED && from == KM_DISPUTE_FILED) {
                    assert_non_null(strstr(en, "km_dispute_acknowledge"));
                } else {
                    /* Names the current state and every state allowed from it. */
                    allowed[0] = '\0';
                    for (t = 0; t < KM_DISPUTE_STATUS__COUNT; t++) {
                        if (!expected_roles[from][t]) continue;
                        snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed), "%s%s", first ? "" : ", ",
                                 km_dispute_status_label(t, KM_LANG_EN));
                        first = 0;
                    }
                    snprintf(want, sizeof want, "allowed from %s: %s", km_dispute_status_label(from, KM_LANG_EN),
                             first ? "none (final state)" : allowed);
                    if (!strstr(en, want)) fail_msg("%d -> %d: %s (want %s)", from, to, en, want);
                    snprintf(want, sizeof want, "dari %s", km_dispute_status_label(from, KM_LANG_ID));
                    assert_non_null(strstr(idm, want));
                }
            }
            km_network_close(net);
        }
    }
    assert_int_equal(km_dispute_transition_roles(-1, 0), 0);
    assert_int_equal(km_dispute_transition_roles(0, 9), 0);
}

/* Every legal move tried by every kind of actor. */
static void test_role_table(void **state)
{
    static const uint64_t actors[] = { FX_BIZ, FX_GOV, DX_OMBUDSMAN, DX_LBH, 0 };
    static const uint32_t roles[] = { C, R, M, 0, A };
    int from, to;
    size_t k;
    (void)state;
    for (from = 0; from < KM_DISPUTE_STATUS__COUNT; from++) {
        for (to = 0; to < KM_DISPUTE_STATUS__COUNT; to++) {
            if (!expected_roles[from][to] || to == KM_DISPUTE_ACKNOWLEDGED) continue;
            for (k = 0; k < 5; k++) {
                km_network *net = open_dx();
                uint64_t id = dx_file(net, 1), seq;
                int rc, ok = (expected_roles[from][to] & roles[k]) != 0;
                prepare(net, id, from);
                seq = km_network_seq(net);
                if (actors[k]) dx_as(net, actors[k]);
                else dx_actor(net, "admin:mediasi");
                rc = do_move(net, id, to);
                if (ok && rc != 0) fail_msg("%d -> %d by %zu: %s", from, to, k, km_error_last_message(KM_LANG_EN));
                if (!ok) {
                    if (rc != KM_EDENIED) fail_msg("%d -> %d by %zu gave %d", from, to, k, rc);
                    assert_string_equal(km_error_last_field(), "dispute.actor");
                    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "allowed for"));
                    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "administrator"));
                    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "administrator"));
                    assert_int_equal(dx_status(net, id), from);
                    assert_int_equal(km_network_seq(net), seq);
                } else {
                    assert_int_equal(dx_status(net, id), to);
                }
                km_network_close(net);
            }
        }
    }
}

static void test_acknowledge_consent(void **state)
{
    km_network *net = open_dx();
    km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
    uint64_t resp[2] = { FX_GOV, FX_BIZ }, id = 0, seq;
    km_dispute *d;
    (void)state;
    dx_set("2024-05-06", 1);
    f.agreement_id = 1;
    f.claimant = FX_NGO;
    f.respondents = resp;
    f.respondents_count = 2;
    f.category = KM_DISPUTE_GOVERNANCE;
    f.severity = KM_DISPUTE_SEVERITY_MEDIUM;
    f.description = "Rapat koordinasi tidak pernah diadakan";
    dx_as(net, FX_NGO);
    assert_int_equal(km_dispute_file(&id, net, &f), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_GOV, NULL), KM_EDENIED); /* the NGO for the government */
    assert_string_equal(km_error_last_field(), "dispute.acknowledge");
    assert_int_equal(km_dispute_acknowledge(net, id, FX_NGO, NULL), KM_ENOTFOUND); /* the claimant */
    assert_int_equal(km_dispute_acknowledge(net, id, 99, NULL), KM_ENOTFOUND);
    assert_int_equal(km_dispute_acknowledge(net, 9, FX_GOV, NULL), KM_ENOTFOUND);
    assert_int_equal(km_network_seq(net), seq);
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_GOV, "diterima"), 0);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_GOV, NULL), KM_ESTATE);
    d = get(net, id);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_FILED);
    assert_true(km_dispute_respondent_acknowledged(d, 0) > 0);
    assert_true(km_dispute_respondent_acknowledged(d, 1) == 0);
    km_dispute_free(d);
    dx_set("2024-05-10", 1);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_BIZ, "kami terima"), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_ACKNOWLEDGED);
    assert_string_equal(km_dispute_status_note(d), "kami terima");
    assert_string_equal(km_dispute_stage_date(d), "2024-05-10");
    assert_string_equal(km_dispute_due_date(d), "2024-05-24");
    km_dispute_free(d);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_BIZ, NULL), KM_ESTATE); /* not filed any more */

    /* Skipping negotiation: a mediator, and every party's consent. */
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "dispute.mediator");
    dx_actor(net, "admin:pemda");
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "dispute.consent");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "partner 3"));
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_consent(net, id, FX_BIZ, NULL), KM_EDENIED);
    assert_int_equal(km_dispute_consent(net, id, FX_GOV, NULL), 0);
    assert_int_equal(km_dispute_consent(net, id, FX_GOV, NULL), KM_ESTATE);
    assert_int_equal(km_dispute_consent(net, id, 99, NULL), KM_ENOTFOUND);
    dx_actor(net, "admin:pemda"); /* a consent given on paper */
    assert_int_equal(km_dispute_consent(net, id, FX_NGO, "surat 12/2024"), 0);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_ESTATE);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "partner 2"));
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_consent(net, id, FX_BIZ, NULL), 0);
    dx_as(net, DX_LBH);
    assert_int_equal(km_dispute_mediate(net, id, NULL), KM_EDENIED);
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_mediate(net, id, "langsung mediasi"), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_MEDIATION);
    assert_true(km_dispute_entered(d, KM_DISPUTE_NEGOTIATION) == 0); /* skipped */
    assert_true(km_dispute_consented(d, FX_NGO) > 0);
    assert_true(km_dispute_consented(d, FX_GOV) > 0);
    assert_true(km_dispute_consented(d, DX_LBH) == 0);
    km_dispute_free(d);
    assert_int_equal(km_dispute_consent(net, id, FX_GOV, NULL), KM_ESTATE);
    km_network_close(net);
}

static void test_settle_escalate_rules(void **state)
{
    km_network *net = open_dx();
    uint64_t id = dx_file(net, 1), id2, seq, commits[2] = { 1, 2 };
    uint32_t ms[2] = { 2, 5 };
    km_dispute_settlement s = KM_DISPUTE_SETTLEMENT_INIT;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_dispute *d;
    char big[KM_DISPUTE_NOTE_MAX + 2];
    (void)state;
    assert_int_equal(dx_drive(net, id, KM_DISPUTE_NEGOTIATION), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_settle(net, id, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_settle(net, id, &s), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "settlement.terms");
    s.terms = "";
    assert_int_equal(km_dispute_settle(net, id, &s), KM_EINVAL);
    s.terms = "Pembayaran dalam 14 hari";
    s.version = 0;
    assert_int_equal(km_dispute_settle(net, id, &s), KM_EVERSION);
    s.version = KM_DISPUTE_SETTLEMENT_VERSION;
    s.milestone_numbers = ms;
    s.milestones_count = 2;
    assert_int_equal(km_dispute_settle(net, id, &s), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "settlement.milestones");
    s.milestones_count = 1;
    commits[1] = 1;
    s.commitment_ids = commits;
    s.commitments_count = 2;
    assert_int_equal(km_dispute_settle(net, id, &s), KM_EINVAL);
    commits[1] = 3;
    assert_int_equal(km_dispute_settle(net, id, &s), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "settlement.commitments");
    commits[1] = 2;
    assert_int_equal(km_dispute_transition(net, id, KM_DISPUTE_SETTLED, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_transition(net, id, KM_DISPUTE_ESCALATED, NULL), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.forum");
    assert_int_equal(km_dispute_escalate(net, id, KM_DISPUTE_FORUM__COUNT, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_escalate(net, id, -1, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_dismiss(net, id, NULL), KM_EINVAL);
    /* The failing change's error as it was: its field once, not again in
     * front of a message that already names it. */
    assert_string_equal(km_error_last_field(), "dispute.note");
    assert_string_equal(km_error_last_message(KM_LANG_EN), "dispute.note: is required");
    assert_int_equal(km_dispute_transition(net, id, KM_DISPUTE_DISMISSED, ""), KM_EINVAL);
    assert_int_equal(km_dispute_transition(net, id, 42, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_transition(net, id, -3, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_transition(net, 77, KM_DISPUTE_CLOSED, NULL), KM_ENOTFOUND);
    assert_int_equal(km_dispute_transition(NULL, id, KM_DISPUTE_CLOSED, NULL), KM_EINVAL);
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(km_dispute_withdraw(net, id, big), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "dispute.note");
    assert_int_equal(km_network_seq(net), seq);
    /* Settling in negotiation is the claimant's declaration. */
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_settle(net, id, &s), KM_EDENIED);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_settle(net, id, &s), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_SETTLED);
    assert_int_equal(km_dispute_settled_in(d), KM_DISPUTE_NEGOTIATION);
    assert_int_equal(km_dispute_outcome(d), KM_DISPUTE_SETTLED);
    assert_string_equal(km_dispute_settlement_terms(d), "Pembayaran dalam 14 hari");
    assert_int_equal(km_dispute_settlement_commitment_count(d), 2);
    assert_int_equal(km_dispute_settlement_commitment(d, 1), 2);
    assert_int_equal(km_dispute_settlement_milestone_count(d), 1);
    assert_int_equal(km_dispute_settlement_milestone(d, 0), 2);
    assert_int_equal(km_dispute_settlement_milestone(d, 1), 0);
    assert_non_null(km_dispute_resolved_date(d));
    assert_null(km_dispute_due_date(d)); /* no time limit once settled */
    km_dispute_free(d);
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_close(net, id, NULL), KM_EDENIED);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_close(net, id, "sudah dibayar"), 0);
    d = get(net, id);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_CLOSED);
    assert_int_equal(km_dispute_outcome(d), KM_DISPUTE_SETTLED);
    km_dispute_free(d);

    /* Escalated, then withdrawn: first resolution stays escalation. */
    dx_actor(net, "admin:test");
    id2 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, id2, KM_DISPUTE_ESCALATED), 0);
    d = get(net, id2);
    assert_int_equal(km_dispute_forum_of(d), KM_DISPUTE_FORUM_COURT);
    assert_string_equal(km_dispute_status_note(d), "PN Bandung");
    km_dispute_free(d);
    assert_int_equal(km_dispute_withdraw(net, id2, "damai di luar pengadilan"), 0);
    d = get(net, id2);
    assert_int_equal(km_dispute_status_of(d), KM_DISPUTE_WITHDRAWN);
    assert_int_equal(km_dispute_outcome(d), KM_DISPUTE_ESCALATED);
    km_dispute_free(d);
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(st.disputes, 2);
    assert_int_equal(st.disputes_open, 0);
    km_network_close(net);
}

/* ---- deadlines ---- */

static void expect_due(km_network *net, uint64_t id, const char *stage, const char *due)
{
    km_dispute *d = get(net, id);
    assert_string_equal(km_dispute_stage_date(d), stage);
    if (due) assert_string_equal(km_dispute_due_date(d), due);
    else assert_null(km_dispute_due_date(d));
    km_dispute_free(d);
}

static void test_deadline_arithmetic(void **state)
{
    /* One-stage limits that cross month ends, 29 February and year ends. */
    static const struct { const char *start; uint32_t days; const char *due; } cases[] = {
        { "2021-01-31", 1, "2021-02-01" },  { "2021-02-28", 1, "2021-03-01" },  { "2021-04-30", 31, "2021-05-31" },
        { "2022-01-31", 30, "2022-03-02" }, { "2022-12-31", 1, "2023-01-01" },  { "2023-02-28", 1, "2023-03-01" },
        { "2023-03-01", 366, "2024-03-01" }, { "2024-01-31", 29, "2024-02-29" }, { "2024-01-31", 30, "2024-03-01" },
        { "2024-02-28", 1, "2024-02-29" },  { "2024-02-29", 1, "2024-03-01" },  { "2024-12-01", 365, "2025-12-01" },
        { "2024-12-25", 14, "2025-01-08" },
    };
    km_network *net = open_dx();
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t id;
        p.acknowledge_days = cases[i].days;
        assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
        dx_set(cases[i].start, 3); /* 10:00 WIB */
        id = dx_file(net, 1);
        expect_due(net, id, cases[i].start, cases[i].due);
    }
    km_network_close(net);
}

static void test_deadlines_overdue(void **state)
{
    km_network *net = open_dx();
    km_dispute_overdue_list *l = NULL;
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    uint64_t id, id2, id3, seq;
    (void)state;
    dx_set("2024-01-25", 3);
    id = dx_file(net, 1);
    expect_due(net, id, "2024-01-25", "2024-02-08");
    assert_int_equal(km_dispute_overdue(&l, net, "2024-02-08", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(l), 0);
    km_dispute_overdue_free(l);
    assert_int_equal(km_dispute_overdue(&l, net, "2024-02-09", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(l), 1);
    assert_int_equal(km_dispute_overdue_id(l, 0), id);
    assert_int_equal(km_dispute_overdue_status(l, 0), KM_DISPUTE_FILED);
    assert_string_equal(km_dispute_overdue_due_date(l, 0), "2024-02-08");
    assert_int_equal(km_dispute_overdue_days(l, 0), 1);
    assert_int_equal(km_dispute_overdue_owed_by(l, 0), KM_DISPUTE_ROLE_RESPONDENT);
    assert_int_equal(km_dispute_overdue_owing_count(l, 0), 1);
    assert_int_equal(km_dispute_overdue_owing(l, 0, 0), FX_GOV);
    assert_int_equal(km_dispute_overdue_owing(l, 0, 1), 0);
    assert_int_equal(km_dispute_overdue_id(l, 1), 0);
    assert_null(km_dispute_overdue_due_date(l, 1));
    km_dispute_overdue_free(l);
    assert_int_equal(km_dispute_overdue(&l, net, "2024-02-30", NULL), KM_EINVAL);
    assert_null(l);
    assert_int_equal(km_dispute_overdue(&l, net, NULL, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_overdue(NULL, net, "2024-02-09", NULL), KM_EINVAL);
    q.status = 11;
    assert_int_equal(km_dispute_overdue(&l, net, "2024-02-09", &q), KM_EINVAL);
    q.status = KM_DISPUTE_NEGOTIATION;
    assert_int_equal(km_dispute_overdue(&l, net, "2024-02-09", &q), 0);
    assert_int_equal(km_dispute_overdue_count(l), 0);
    km_dispute_overdue_free(l);

    /* Acknowledged in a leap February: 14 days include the 29th. */
    dx_set("2024-02-20", 3);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_GOV, NULL), 0);
    expect_due(net, id, "2024-02-20", "2024-03-05");
    assert_int_equal(km_dispute_overdue(&l, net, "2024-03-06", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(l), 1);
    assert_int_equal(km_dispute_overdue_owed_by(l, 0), KM_DISPUTE_ROLE_CLAIMANT | KM_DISPUTE_ROLE_RESPONDENT);
    assert_int_equal(km_dispute_overdue_owing_count(l, 0), 2);
    assert_int_equal(km_dispute_overdue_owing(l, 0, 0), FX_BIZ);
    assert_int_equal(km_dispute_overdue_owing(l, 0, 1), FX_GOV);
    km_dispute_overdue_free(l);
    /* Negotiation across the year end. */
    dx_set("2024-12-15", 3);
    assert_int_equal(km_dispute_negotiate(net, id, NULL), 0);
    expect_due(net, id, "2024-12-15", "2025-01-14");
    /* Mediation from 31 January of a common year: 30 days end on 2 March. */
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    dx_set("2025-01-31", 3);
    assert_int_equal(km_dispute_mediate(net, id, NULL), 0);
    expect_due(net, id, "2025-01-31", "2025-03-02");
    assert_int_equal(km_dispute_overdue(&l, net, "2025-03-03", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(l), 1);
    assert_int_equal(km_dispute_overdue_owed_by(l, 0), KM_DISPUTE_ROLE_MEDIATOR);
    assert_int_equal(km_dispute_overdue_owing(l, 0, 0), DX_OMBUDSMAN);
    assert_int_equal(km_dispute_overdue_days(l, 0), 1);
    km_dispute_overdue_free(l);
    assert_int_equal(km_dispute_overdue(&l, net, "2025-12-31", NULL), 0);
    assert_int_equal(km_dispute_overdue_days(l, 0), 304);
    km_dispute_overdue_free(l);

    /* Extensions: mediator or administrator, with a reason. */
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_extend_deadline(net, id, 0, "x"), KM_EINVAL);
    assert_int_equal(km_dispute_extend_deadline(net, id, KM_DISPUTE_EXTEND_DAYS_MAX + 1, "x"), KM_EINVAL);
    assert_int_equal(km_dispute_extend_deadline(net, id, 10, NULL), KM_EINVAL);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_extend_deadline(net, id, 10, "perlu waktu"), KM_EDENIED);
    assert_int_equal(km_network_seq(net), seq);
    dx_as(net, DX_OMBUDSMAN);
    assert_int_equal(km_dispute_extend_deadline(net, id, 30, "perpanjangan mediasi (Perma 1/2016)"), 0);
    expect_due(net, id, "2025-01-31", "2025-04-01");
    dx_actor(net, "admin:test");

    /* The entry's civil date is taken at the policy's UTC offset. */
    dx_set("2025-03-31", 20); /* 03:00 WIB on 1 April */
    id2 = dx_file(net, 1);
    expect_due(net, id2, "2025-04-01", "2025-04-15");
    p.utc_offset_minutes = 0;
    p.acknowledge_days = 0;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    id3 = dx_file(net, 1);
    expect_due(net, id3, "2025-03-31", NULL); /* no limit: never overdue */
    assert_int_equal(km_dispute_extend_deadline(net, id3, 5, "x"), KM_ESTATE);
    expect_due(net, id2, "2025-04-01", "2025-04-15"); /* stages already started keep their dates */
    assert_int_equal(km_dispute_overdue(&l, net, "2030-01-01", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(l), 2);
    assert_int_equal(km_dispute_overdue_id(l, 0), id);
    assert_int_equal(km_dispute_overdue_id(l, 1), id2);
    km_dispute_overdue_free(l);
    q.status = -1;
    q.party = DX_LBH;
    assert_int_equal(km_dispute_overdue(&l, net, "2030-01-01", &q), 0);
    assert_int_equal(km_dispute_overdue_count(l), 0);
    km_dispute_overdue_free(l);
    km_dispute_overdue_free(NULL);
    assert_int_equal(km_dispute_overdue_count(NULL), 0);
    km_network_close(net);
}

/* ---- policies ---- */

static void test_policy(void **state)
{
    km_network *net = open_dx();
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT, got = KM_DISPUTE_POLICY_INIT;
    km_framework_spec *spec = NULL;
    km_agreement_fields af;
    km_audit *au = NULL;
    km_audit_query aq = KM_AUDIT_QUERY_INIT;
    uint64_t ids[2], id, agr, seq;
    uint32_t roles[2];
    int expl = -1;
    (void)state;
    assert_int_equal(km_dispute_policy_get(&got, &expl, net, 0), 0);
    assert_int_equal(expl, 0);
    assert_int_equal(got.acknowledge_days, 14);
    assert_int_equal(got.start_days, 14);
    assert_int_equal(got.negotiation_days, 30);
    assert_int_equal(got.mediation_days, 30);
    assert_int_equal(got.utc_offset_minutes, 420);
    assert_int_equal(got.mediator_kinds, 0);
    assert_int_equal(got.suspend_during_mediation, 0);
    seq = km_network_seq(net);
    assert_int_equal(km_dispute_policy_set(net, 0, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_policy_set(NULL, 0, &p), KM_EINVAL);
    p.version = 2;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EVERSION);
    p.version = KM_DISPUTE_POLICY_VERSION;
    p.mediator_kinds = 1u << KM_PARTNER_KIND__COUNT;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "policy.mediator_kinds");
    p.mediator_kinds = 0;
    p.mediation_days = KM_DISPUTE_LIMIT_DAYS_MAX + 1;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "policy.mediation_days");
    p.mediation_days = 60;
    p.utc_offset_minutes = 841;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EINVAL);
    p.utc_offset_minutes = -721;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EINVAL);
    p.utc_offset_minutes = 480; /* WITA */
    assert_int_equal(km_dispute_policy_set(net, 9, &p), KM_ENOTFOUND);
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_policy_set(net, 0, &p), KM_EDENIED); /* administrators only */
    assert_int_equal(km_network_seq(net), seq);
    dx_actor(net, "admin:test");
    p.acknowledge_days = 7;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    assert_int_equal(km_dispute_policy_get(&got, &expl, net, 0), 0);
    assert_int_equal(expl, 1);
    assert_int_equal(got.acknowledge_days, 7);
    assert_int_equal(got.mediation_days, 60);
    assert_int_equal(got.utc_offset_minutes, 480);
    /* A framework's own policy replaces the network's for its agreements. */
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015", NULL), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    assert_int_equal(km_dispute_policy_get(&got, &expl, net, 1), 0);
    assert_int_equal(expl, 0);
    assert_int_equal(got.acknowledge_days, 7); /* inherited */
    assert_int_equal(km_dispute_policy_get(&got, NULL, net, 2), KM_ENOTFOUND);
    got.version = 0;
    assert_int_equal(km_dispute_policy_get(&got, NULL, net, 1), KM_EVERSION);
    got.version = KM_DISPUTE_POLICY_VERSION;
    assert_int_equal(km_dispute_policy_get(NULL, NULL, net, 1), KM_EINVAL);
    p.acknowledge_days = 3;
    assert_int_equal(km_dispute_policy_set(net, 1, &p), 0);
    p.acknowledge_days = 4;
    assert_int_equal(km_dispute_policy_set(net, 1, &p), 0); /* replaced */
    assert_int_equal(km_dispute_policy_get(&got, &expl, net, 1), 0);
    assert_int_equal(expl, 1);
    assert_int_equal(got.acknowledge_days, 4);
    fx_fields(&af, "PKS/FW/1", ids, roles);
    af.framework_id = 1;
    assert_int_equal(km_agreement_create(&agr, net, &af), 0);
    assert_int_equal(fx_drive(net, agr, KM_AGREEMENT_ACTIVE), 0);
    dx_set("2024-03-01", 3);
    id = dx_file(net, agr);
    expect_due(net, id, "2024-03-01", "2024-03-05");
    id = dx_file(net, 1);
    expect_due(net, id, "2024-03-01", "2024-03-08");
    aq.entity = KM_ENTITY_DISPUTE;
    assert_int_equal(km_audit_list(&au, net, &aq), 0);
    assert_string_equal(km_audit_operation(au, 0), "dispute.policy");
    assert_int_equal(km_audit_entity_id(au, 0), 0);
    assert_int_equal(km_audit_entity_id(au, 1), 1);
    assert_non_null(strstr(km_audit_data_json(au, 2), "\"acknowledge_days\":4"));
    km_audit_free(au);
    km_network_close(net);
}

/* ---- queries ---- */

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void build_many(km_network *net, int n)
{
    static const uint64_t mediators[] = { DX_OMBUDSMAN, DX_UNIV, DX_LBH };
    int i;
    assert_int_equal(dx_agreement(net, "PKS/D/2"), 2);
    assert_int_equal(dx_agreement(net, "PKS/D/3"), 3);
    /* One entry per change, so that filing dates differ. */
    for (i = 0; i < n; i++) {
        km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
        uint64_t parties[3] = { FX_GOV, FX_BIZ, FX_NGO }, resp[2], id = 0;
        int c = (int)(next_rand() % 3), k = 0, j, target = (int)(next_rand() % 9);
        dx_now += (int64_t)(next_rand() % 3) * 86400 * 1000000LL;
        for (j = 0; j < 3; j++)
            if (j != c && (k == 0 || next_rand() % 2)) resp[k++] = parties[j];
        f.agreement_id = 1 + next_rand() % 3;
        f.claimant = parties[c];
        f.respondents = resp;
        f.respondents_count = (size_t)k;
        f.category = (int)(next_rand() % KM_DISPUTE_CATEGORY__COUNT);
        f.severity = (int)(next_rand() % KM_DISPUTE_SEVERITY__COUNT);
        f.description = "Sengketa";
        assert_int_equal(km_dispute_file(&id, net, &f), 0);
        if (target == KM_DISPUTE_FILED) continue;
        if (target == KM_DISPUTE_WITHDRAWN || target == KM_DISPUTE_DISMISSED) {
            assert_int_equal(km_dispute_transition(net, id, target, "x"), 0);
            continue;
        }
        for (j = 0; j < k; j++) assert_int_equal(km_dispute_acknowledge(net, id, resp[j], NULL), 0);
        if (target == KM_DISPUTE_ACKNOWLEDGED) continue;
        assert_int_equal(km_dispute_negotiate(net, id, NULL), 0);
        if (next_rand() % 2)
            assert_int_equal(km_dispute_assign_mediator(net, id, mediators[next_rand() % 3], NULL), 0);
        if (target == KM_DISPUTE_NEGOTIATION) continue;
        if (target == KM_DISPUTE_SETTLED && next_rand() % 2) {
            assert_int_equal(dx_settle(net, id, "damai"), 0);
            continue;
        }
        {
            km_dispute *d = get(net, id);
            uint64_t m = km_dispute_mediator(d);
            km_dispute_free(d);
            if (!m) assert_int_equal(km_dispute_assign_mediator(net, id, mediators[next_rand() % 3], NULL), 0);
        }
        assert_int_equal(km_dispute_mediate(net, id, NULL), 0);
        if (target == KM_DISPUTE_MEDIATION) continue;
        if (target == KM_DISPUTE_ESCALATED) {
            assert_int_equal(km_dispute_escalate(net, id, KM_DISPUTE_FORUM_ARBITRATION, NULL), 0);
            continue;
        }
        assert_int_equal(dx_settle(net, id, "damai"), 0);
        if (target == KM_DISPUTE_CLOSED) assert_int_equal(km_dispute_close(net, id, NULL), 0);
    }
}

static int brute_match(const km_dispute *d, const km_dispute_query *q)
{
    size_t i;
    int found = 0;
    if (q->agreement_id && km_dispute_agreement(d) != q->agreement_id) return 0;
    if (q->mediator && km_dispute_mediator(d) != q->mediator) return 0;
    if (q->status >= 0 && km_dispute_status_of(d) != q->status) return 0;
    if (q->category >= 0 && km_dispute_category_of(d) != q->category) return 0;
    if (q->severity >= 0 && km_dispute_severity_of(d) != q->severity) return 0;
    if (q->open_only) {
        int s = km_dispute_status_of(d);
        if (s == KM_DISPUTE_CLOSED || s == KM_DISPUTE_WITHDRAWN || s == KM_DISPUTE_DISMISSED) return 0;
    }
    if (q->party) {
        found = km_dispute_claimant(d) == q->party;
        for (i = 0; i < km_dispute_respondent_count(d); i++) found |= km_dispute_respondent(d, i) == q->party;
        if (!found) return 0;
    }
    if (q->filed_from && strcmp(km_dispute_filed_date(d), q->filed_from) < 0) return 0;
    if (q->filed_to && strcmp(km_dispute_filed_date(d), q->filed_to) > 0) return 0;
    return 1;
}

static void check_query(km_network *net, km_dispute_query *q, uint64_t total)
{
    uint64_t id, expect = 0, got = 0, count = 0;
    uint64_t *want = calloc(total + 1, sizeof *want);
    const char *cursor = NULL;
    char saved[64];
    assert_non_null(want);
    for (id = 1; id <= total; id++) {
        km_dispute *d = get(net, id);
        if (brute_match(d, q)) want[expect++] = id;
        km_dispute_free(d);
    }
    q->limit = 7;
    for (;;) {
        km_dispute_page *page = NULL;
        size_t i;
        q->cursor = cursor;
        assert_int_equal(km_dispute_list(&page, net, q), 0);
        for (i = 0; i < km_dispute_page_count(page); i++) {
            assert_true(got < expect);
            assert_int_equal(km_dispute_id(km_dispute_page_get(page, i)), want[got]);
            got++;
        }
        assert_null(km_dispute_page_get(page, i));
        cursor = km_dispute_page_cursor(page);
        if (cursor) {
            snprintf(saved, sizeof saved, "%s", cursor);
            cursor = saved;
        }
        km_dispute_page_free(page);
        if (!cursor) break;
    }
    assert_int_equal(got, expect);
    assert_int_equal(km_dispute_count(&count, net, q), 0);
    assert_int_equal(count, expect);
    q->cursor = NULL;
    free(want);
}

static void test_queries(void **state)
{
    km_network *net = open_dx();
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    km_dispute_page *page = NULL;
    uint64_t n = 0;
    int s;
    (void)state;
    dx_set("2024-01-01", 3);
    build_many(net, 240);
    check_query(net, &q, 240);
    for (s = 0; s < KM_DISPUTE_STATUS__COUNT; s++) {
        km_dispute_query qs = KM_DISPUTE_QUERY_INIT;
        qs.status = s;
        check_query(net, &qs, 240);
    }
    q.agreement_id = 2;
    check_query(net, &q, 240);
    q.party = FX_NGO;
    check_query(net, &q, 240);
    q.agreement_id = 0;
    q.open_only = 1;
    check_query(net, &q, 240);
    q.party = 0;
    q.mediator = DX_UNIV;
    check_query(net, &q, 240);
    q.open_only = 0;
    q.mediator = 0;
    q.category = KM_DISPUTE_SCOPE;
    q.severity = KM_DISPUTE_SEVERITY_CRITICAL;
    check_query(net, &q, 240);
    q.category = q.severity = -1;
    q.filed_from = "2024-02-01";
    q.filed_to = "2024-03-15";
    check_query(net, &q, 240);
    q.filed_from = q.filed_to = NULL;
    q.party = 77;
    q.agreement_id = 77;
    q.mediator = 77;
    check_query(net, &q, 240); /* unknown ids: empty, not an error */
    q.party = q.agreement_id = q.mediator = 0;
    q.status = 9;
    assert_int_equal(km_dispute_list(&page, net, &q), KM_EINVAL);
    q.status = -1;
    q.category = 6;
    assert_int_equal(km_dispute_count(&n, net, &q), KM_EINVAL);
    q.category = -1;
    q.severity = -2;
    assert_int_equal(km_dispute_count(&n, net, &q), KM_EINVAL);
    q.severity = -1;
    q.filed_from = "2024-02-30";
    assert_int_equal(km_dispute_list(&page, net, &q), KM_EINVAL);
    q.filed_from = NULL;
    q.cursor = "a1:3";
    assert_int_equal(km_dispute_list(&page, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.limit = 1001;
    assert_int_equal(km_dispute_list(&page, net, &q), KM_EINVAL);
    assert_null(page);
    q.limit = 0;
    q.version = 0;
    assert_int_equal(km_dispute_list(&page, net, &q), KM_EVERSION);
    assert_int_equal(km_dispute_count(NULL, net, NULL), KM_EINVAL);
    assert_int_equal(km_dispute_count(&n, net, NULL), 0);
    assert_int_equal(n, 240);
    assert_int_equal(km_dispute_list(&page, net, NULL), 0);
    assert_int_equal(km_dispute_page_count(page), 50);
    assert_string_equal(km_dispute_page_cursor(page), "d1:50");
    km_dispute_page_free(page);
    km_dispute_page_free(NULL);
    km_network_close(net);
}

/* ---- reports ---- */

static uint64_t file_as(km_network *net, uint64_t agreement, uint64_t claimant, uint64_t respondent)
{
    km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
    uint64_t resp[1], id = 0;
    resp[0] = respondent;
    f.agreement_id = agreement;
    f.claimant = claimant;
    f.respondents = resp;
    f.respondents_count = 1;
    f.description = "Sengketa";
    assert_int_equal(km_dispute_file(&id, net, &f), 0);
    assert_int_equal(km_dispute_acknowledge(net, id, respondent, NULL), 0);
    assert_int_equal(km_dispute_negotiate(net, id, NULL), 0);
    return id;
}

static void at_day(int day)
{
    dx_set("2024-03-01", 3);
    dx_now += (int64_t)day * 86400 * 1000000LL;
}

static void test_reports(void **state)
{
    km_network *net = open_dx();
    km_dispute_report r = KM_DISPUTE_REPORT_INIT;
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    km_caseload *c = NULL;
    uint64_t d1, d2, d3, d4, d5, d6, d7;
    (void)state;
    assert_int_equal(km_dispute_report_get(&r, net, NULL), 0);
    assert_int_equal(r.disputes, 0);
    assert_true(r.resolution_days_median == -1 && r.resolution_days_p90 == -1 && r.resolution_days_max == -1);
    assert_true(r.share_escalated == 0.0);
    assert_int_equal(dx_agreement(net, "PKS/D/2"), 2);
    at_day(0);
    d1 = file_as(net, 1, FX_BIZ, FX_GOV);
    d2 = file_as(net, 1, FX_BIZ, FX_GOV);
    d3 = file_as(net, 1, FX_GOV, FX_BIZ);
    d4 = file_as(net, 1, FX_BIZ, FX_GOV);
    d5 = file_as(net, 1, FX_NGO, FX_GOV);
    d6 = file_as(net, 1, FX_BIZ, FX_NGO);
    d7 = file_as(net, 2, FX_BIZ, FX_GOV);
    at_day(1);
    assert_int_equal(km_dispute_assign_mediator(net, d2, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d3, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d7, DX_OMBUDSMAN, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d6, DX_UNIV, NULL), 0);
    assert_int_equal(km_dispute_mediate(net, d2, NULL), 0);
    assert_int_equal(km_dispute_mediate(net, d3, NULL), 0);
    assert_int_equal(km_dispute_mediate(net, d7, NULL), 0);
    at_day(5);
    assert_int_equal(km_dispute_withdraw(net, d4, NULL), 0);
    at_day(10);
    assert_int_equal(dx_settle(net, d1, "damai"), 0);
    at_day(20);
    assert_int_equal(km_dispute_dismiss(net, d5, "di luar lingkup perjanjian"), 0);
    at_day(30);
    assert_int_equal(dx_settle(net, d2, "damai"), 0);
    at_day(45);
    assert_int_equal(km_dispute_escalate(net, d3, KM_DISPUTE_FORUM_COURT, NULL), 0);
    at_day(60);
    assert_int_equal(dx_settle(net, d7, "damai"), 0);
    assert_int_equal(km_dispute_close(net, d7, NULL), 0);

    /* Network: resolution days 5, 10, 20, 30, 45, 60. */
    assert_int_equal(km_dispute_report_get(&r, net, NULL), 0);
    assert_int_equal(r.disputes, 7);
    assert_int_equal(r.open, 4); /* d1, d2 settled, d3 escalated, d6 in negotiation */
    assert_int_equal(r.in_status[KM_DISPUTE_SETTLED], 2);
    assert_int_equal(r.in_status[KM_DISPUTE_NEGOTIATION], 1);
    assert_int_equal(r.in_status[KM_DISPUTE_CLOSED], 1);
    assert_int_equal(r.resolved, 6);
    assert_int_equal(r.settled_negotiation, 1);
    assert_int_equal(r.settled_mediation, 2);
    assert_int_equal(r.escalated, 1);
    assert_int_equal(r.withdrawn, 1);
    assert_int_equal(r.dismissed, 1);
    assert_true(r.share_settled_negotiation > 0.1666 && r.share_settled_negotiation < 0.1667);
    assert_true(r.share_settled_mediation > 0.3333 && r.share_settled_mediation < 0.3334);
    assert_true(r.share_escalated > 0.1666 && r.share_escalated < 0.1667);
    assert_true(r.resolution_days_median == 20); /* rank ceil(0.5 * 6) = 3 */
    assert_true(r.resolution_days_p90 == 60);    /* rank ceil(0.9 * 6) = 6 */
    assert_true(r.resolution_days_max == 60);
    /* Per agreement: 5, 10, 20, 30, 45. */
    q.agreement_id = 1;
    assert_int_equal(km_dispute_report_get(&r, net, &q), 0);
    assert_int_equal(r.disputes, 6);
    assert_true(r.resolution_days_median == 20); /* rank ceil(2.5) = 3 */
    assert_true(r.resolution_days_p90 == 45);    /* rank ceil(4.5) = 5 */
    /* Per partner: the NGO is in d5 (dismissed, 20 days) and d6 (open). */
    q.agreement_id = 0;
    q.party = FX_NGO;
    assert_int_equal(km_dispute_report_get(&r, net, &q), 0);
    assert_int_equal(r.disputes, 2);
    assert_int_equal(r.open, 1);
    assert_int_equal(r.resolved, 1);
    assert_true(r.share_settled_mediation == 0.0);
    assert_true(r.resolution_days_median == 20 && r.resolution_days_p90 == 20);
    r.version = 0;
    assert_int_equal(km_dispute_report_get(&r, net, NULL), KM_EVERSION);
    r.version = KM_DISPUTE_REPORT_VERSION;
    assert_int_equal(km_dispute_report_get(NULL, net, NULL), KM_EINVAL);
    q.status = 12;
    assert_int_equal(km_dispute_report_get(&r, net, &q), KM_EINVAL);
    q.status = -1;

    /* Caseloads. */
    assert_int_equal(km_dispute_caseload(&c, net, NULL), 0);
    assert_int_equal(km_caseload_count(c), 2);
    assert_int_equal(km_caseload_mediator(c, 0), DX_OMBUDSMAN);
    assert_int_equal(km_caseload_assigned(c, 0), 3);
    assert_int_equal(km_caseload_open(c, 0), 2);
    assert_int_equal(km_caseload_in_mediation(c, 0), 0);
    assert_int_equal(km_caseload_settled(c, 0), 2);
    assert_int_equal(km_caseload_escalated(c, 0), 1);
    assert_int_equal(km_caseload_mediator(c, 1), DX_UNIV);
    assert_int_equal(km_caseload_assigned(c, 1), 1);
    assert_int_equal(km_caseload_open(c, 1), 1);
    assert_int_equal(km_caseload_mediator(c, 2), 0);
    km_caseload_free(c);
    q.party = 0;
    q.agreement_id = 2;
    assert_int_equal(km_dispute_caseload(&c, net, &q), 0);
    assert_int_equal(km_caseload_count(c), 1);
    assert_int_equal(km_caseload_assigned(c, 0), 1);
    km_caseload_free(c);
    q.agreement_id = 0;
    q.mediator = DX_UNIV;
    assert_int_equal(km_dispute_caseload(&c, net, &q), 0);
    assert_int_equal(km_caseload_count(c), 1);
    assert_int_equal(km_caseload_mediator(c, 0), DX_UNIV);
    km_caseload_free(c);
    assert_int_equal(km_dispute_caseload(NULL, net, NULL), KM_EINVAL);
    q.version = 7;
    assert_int_equal(km_dispute_caseload(&c, net, &q), KM_EVERSION);
    assert_null(c);
    km_caseload_free(NULL);
    assert_int_equal(km_caseload_count(NULL), 0);
    km_network_close(net);
}

/* ---- time travel ---- */

/* The sets keyed by a partner (here the mediators') live in pages of
 * 1,024 keys made on first use: mediators 5 and 3,000 leave the page of
 * keys 1,025..2,048 unmade, and the caseload, the listing and the counts
 * walk past it (a key there has no set: nothing matches). */
static void test_keyed_sets_across_pages(void **state)
{
    km_network *net = open_dx();
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    km_dispute_page *page = NULL;
    km_caseload *c = NULL;
    uint64_t far = 3000, i, id, d1, d2, n = 0;
    (void)state;
    assert_int_equal(km_network_begin(net), 0);
    for (i = DX_UNIV + 1; i <= far; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[64], ext[64];
        snprintf(name, sizeof name, "Lembaga Mediasi %llu", (unsigned long long)i);
        snprintf(ext, sizeof ext, "ID-MED-%llu", (unsigned long long)i);
        f.name = name;
        f.external_id = ext;
        f.kind = KM_PARTNER_NGO;
        assert_int_equal(km_partner_create(&id, net, &f), 0);
        assert_int_equal(id, i);
    }
    assert_int_equal(km_network_commit(net), 0);
    d1 = dx_file(net, 1);
    d2 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d1, KM_DISPUTE_MEDIATION), 0); /* DX_OMBUDSMAN */
    assert_int_equal(km_dispute_acknowledge(net, d2, FX_GOV, NULL), 0);
    assert_int_equal(km_dispute_negotiate(net, d2, NULL), 0);
    assert_int_equal(km_dispute_assign_mediator(net, d2, far, NULL), 0);

    assert_int_equal(km_dispute_caseload(&c, net, NULL), 0);
    assert_int_equal(km_caseload_count(c), 2);
    assert_int_equal(km_caseload_mediator(c, 0), DX_OMBUDSMAN);
    assert_int_equal(km_caseload_mediator(c, 1), far);
    assert_int_equal(km_caseload_assigned(c, 1), 1);
    km_caseload_free(c);
    q.mediator = far;
    assert_int_equal(km_dispute_count(&n, net, &q), 0);
    assert_int_equal(n, 1);
    assert_int_equal(km_dispute_list(&page, net, &q), 0);
    assert_int_equal(km_dispute_page_count(page), 1);
    assert_int_equal(km_dispute_id(km_dispute_page_get(page, 0)), d2);
    km_dispute_page_free(page);
    q.mediator = 1500; /* no page */
    assert_int_equal(km_dispute_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    q.mediator = far + 100000; /* beyond every page */
    assert_int_equal(km_dispute_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    q.mediator = 0;
    q.party = far; /* a partner in no dispute, in a made page */
    assert_int_equal(km_dispute_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    km_network_close(net);
}

static void test_time_travel(void **state)
{
    km_storage *st = NULL;
    km_network *net = NULL, *past = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    uint64_t id, seq_filed;
    int64_t t_filed;
    km_dispute *d;
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    o.clock = dx_clock;
    o.actor = "admin:tt";
    dx_set("2024-01-10", 3);
    assert_int_equal(km_network_open(&net, st, &o), 0);
    fx_partners(net);
    dx_outsiders(net);
    assert_int_equal(dx_agreement(net, "PKS/TT"), 1);
    id = dx_file(net, 1);
    seq_filed = km_network_seq(net);
    d = get(net, id);
    t_filed = km_dispute_filed(d);
    km_dispute_free(d);
    assert_int_equal(dx_drive(net, id, KM_DISPUTE_SETTLED), 0);
    o.as_of_seq = seq_filed;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(dx_status(past, id), KM_DISPUTE_FILED);
    assert_int_equal(km_dispute_acknowledge(past, id, FX_GOV, NULL), KM_EREADONLY);
    assert_int_equal(km_dispute_settle(past, id, NULL), KM_EREADONLY);
    km_network_close(past);
    o.as_of_seq = seq_filed + 2; /* acknowledged, negotiation */
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(dx_status(past, id), KM_DISPUTE_NEGOTIATION);
    km_network_close(past);
    o.as_of_seq = 0;
    o.as_of_time = t_filed;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(dx_status(past, id), KM_DISPUTE_FILED);
    km_network_close(past);
    km_network_close(net);
    km_storage_free(st);
}

/* ---- snapshots ---- */

static void same_disputes(km_network *x, km_network *y)
{
    km_network_stats sx = KM_NETWORK_STATS_INIT, sy = KM_NETWORK_STATS_INIT;
    km_dispute_report rx = KM_DISPUTE_REPORT_INIT, ry = KM_DISPUTE_REPORT_INIT;
    km_dispute_policy px = KM_DISPUTE_POLICY_INIT, py = KM_DISPUTE_POLICY_INIT;
    km_dispute_overdue_list *ox = NULL, *oy = NULL;
    uint64_t id, fw;
    size_t i, k;
    int ex, ey, s;
    assert_int_equal(km_network_stats_get(&sx, x), 0);
    assert_int_equal(km_network_stats_get(&sy, y), 0);
    assert_int_equal(sx.disputes, sy.disputes);
    assert_int_equal(sx.disputes_open, sy.disputes_open);
    assert_true(sx.disputes > 0);
    for (id = 1; id <= sx.disputes; id++) {
        km_dispute *a = get(x, id), *b = get(y, id);
        km_dispute_sessions *la = NULL, *lb = NULL;
        assert_int_equal(km_dispute_agreement(a), km_dispute_agreement(b));
        assert_int_equal(km_dispute_claimant(a), km_dispute_claimant(b));
        assert_int_equal(km_dispute_respondent_count(a), km_dispute_respondent_count(b));
        for (i = 0; i < km_dispute_respondent_count(a); i++) {
            assert_int_equal(km_dispute_respondent(a, i), km_dispute_respondent(b, i));
            assert_true(km_dispute_respondent_acknowledged(a, i) == km_dispute_respondent_acknowledged(b, i));
            assert_true(km_dispute_consented(a, km_dispute_respondent(a, i)) ==
                        km_dispute_consented(b, km_dispute_respondent(b, i)));
        }
        assert_true(km_dispute_consented(a, km_dispute_claimant(a)) == km_dispute_consented(b, km_dispute_claimant(b)));
        assert_int_equal(km_dispute_category_of(a), km_dispute_category_of(b));
        assert_int_equal(km_dispute_severity_of(a), km_dispute_severity_of(b));
        assert_int_equal(km_dispute_status_of(a), km_dispute_status_of(b));
        assert_string_equal(km_dispute_description(a), km_dispute_description(b));
        assert_true((km_dispute_relief(a) == NULL) == (km_dispute_relief(b) == NULL));
        assert_int_equal(km_dispute_commitment_count(a), km_dispute_commitment_count(b));
        assert_int_equal(km_dispute_milestone_count(a), km_dispute_milestone_count(b));
        for (i = 0; i < km_dispute_milestone_count(a); i++)
            assert_int_equal(km_dispute_milestone(a, i), km_dispute_milestone(b, i));
        assert_int_equal(km_dispute_mediator(a), km_dispute_mediator(b));
        assert_true((km_dispute_mediator_override(a) == NULL) == (km_dispute_mediator_override(b) == NULL));
        assert_int_equal(km_dispute_forum_of(a), km_dispute_forum_of(b));
        assert_true((km_dispute_status_note(a) == NULL) == (km_dispute_status_note(b) == NULL));
        if (km_dispute_status_note(a)) assert_string_equal(km_dispute_status_note(a), km_dispute_status_note(b));
        assert_true(km_dispute_status_time(a) == km_dispute_status_time(b));
        for (s = 0; s < KM_DISPUTE_STATUS__COUNT; s++) assert_true(km_dispute_entered(a, s) == km_dispute_entered(b, s));
        assert_true(km_dispute_filed(a) == km_dispute_filed(b));
        assert_true(km_dispute_updated(a) == km_dispute_updated(b));
        assert_string_equal(km_dispute_filed_date(a), km_dispute_filed_date(b));
        assert_string_equal(km_dispute_stage_date(a), km_dispute_stage_date(b));
        assert_true((km_dispute_due_date(a) == NULL) == (km_dispute_due_date(b) == NULL));
        if (km_dispute_due_date(a)) assert_string_equal(km_dispute_due_date(a), km_dispute_due_date(b));
        assert_int_equal(km_dispute_outcome(a), km_dispute_outcome(b));
        assert_true((km_dispute_resolved_date(a) == NULL) == (km_dispute_resolved_date(b) == NULL));
        assert_int_equal(km_dispute_settled_in(a), km_dispute_settled_in(b));
        assert_true((km_dispute_settlement_terms(a) == NULL) == (km_dispute_settlement_terms(b) == NULL));
        assert_int_equal(km_dispute_settlement_commitment_count(a), km_dispute_settlement_commitment_count(b));
        assert_int_equal(km_dispute_settlement_milestone_count(a), km_dispute_settlement_milestone_count(b));
        assert_int_equal(km_dispute_holds_suspension(a), km_dispute_holds_suspension(b));
        assert_int_equal(km_dispute_session_list(&la, x, id), 0);
        assert_int_equal(km_dispute_session_list(&lb, y, id), 0);
        assert_int_equal(km_dispute_sessions_count(la), km_dispute_sessions_count(lb));
        for (i = 0; i < km_dispute_sessions_count(la); i++) {
            assert_int_equal(km_dispute_sessions_number(la, i), km_dispute_sessions_number(lb, i));
            assert_string_equal(km_dispute_sessions_date(la, i), km_dispute_sessions_date(lb, i));
            assert_int_equal(km_dispute_sessions_stage(la, i), km_dispute_sessions_stage(lb, i));
            assert_string_equal(km_dispute_sessions_outcome(la, i), km_dispute_sessions_outcome(lb, i));
            assert_int_equal(km_dispute_sessions_attendee_count(la, i), km_dispute_sessions_attendee_count(lb, i));
            for (k = 0; k < km_dispute_sessions_attendee_count(la, i); k++)
                assert_int_equal(km_dispute_sessions_attendee(la, i, k), km_dispute_sessions_attendee(lb, i, k));
        }
        km_dispute_sessions_free(la);
        km_dispute_sessions_free(lb);
        km_dispute_free(a);
        km_dispute_free(b);
    }
    for (fw = 0; fw <= 1; fw++) {
        assert_int_equal(km_dispute_policy_get(&px, &ex, x, fw), 0);
        assert_int_equal(km_dispute_policy_get(&py, &ey, y, fw), 0);
        assert_int_equal(ex, ey);
        assert_memory_equal(&px, &py, sizeof px);
    }
    assert_int_equal(km_dispute_report_get(&rx, x, NULL), 0);
    assert_int_equal(km_dispute_report_get(&ry, y, NULL), 0);
    assert_memory_equal(&rx, &ry, sizeof rx);
    assert_int_equal(km_dispute_overdue(&ox, x, "2030-01-01", NULL), 0);
    assert_int_equal(km_dispute_overdue(&oy, y, "2030-01-01", NULL), 0);
    assert_int_equal(km_dispute_overdue_count(ox), km_dispute_overdue_count(oy));
    km_dispute_overdue_free(ox);
    km_dispute_overdue_free(oy);
    {
        km_dispute_query q = KM_DISPUTE_QUERY_INIT;
        uint64_t cx = 0, cy = 0;
        q.mediator = DX_OMBUDSMAN;
        assert_int_equal(km_dispute_count(&cx, x, &q), 0);
        assert_int_equal(km_dispute_count(&cy, y, &q), 0);
        assert_int_equal(cx, cy);
        q.mediator = 0;
        q.party = FX_NGO;
        assert_int_equal(km_dispute_count(&cx, x, &q), 0);
        assert_int_equal(km_dispute_count(&cy, y, &q), 0);
        assert_int_equal(cx, cy);
    }
}

static int holds_of(km_network *net, uint64_t id)
{
    km_dispute *d = get(net, id);
    int h = km_dispute_holds_suspension(d);
    km_dispute_free(d);
    return h;
}

static void populate(km_network *net)
{
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    km_dispute_session_fields sf = KM_DISPUTE_SESSION_FIELDS_INIT;
    km_framework_spec *spec = NULL;
    uint64_t att[2] = { FX_BIZ, FX_GOV }, d1, d2, d3, d4;
    p.suspend_during_mediation = 1;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    assert_int_equal(km_framework_spec_new(&spec, "Permendagri 22/2020", NULL), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    p.mediator_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_GOVERNMENT_AGENCY);
    assert_int_equal(km_dispute_policy_set(net, 1, &p), 0);
    dx_set("2024-04-01", 3);
    d1 = dx_file(net, 1);
    assert_int_equal(km_dispute_consent(net, d1, FX_BIZ, NULL), 0);
    assert_int_equal(dx_drive(net, d1, KM_DISPUTE_MEDIATION), 0); /* suspends agreement 1 */
    sf.date = "2024-04-10";
    sf.attendees = att;
    sf.attendees_count = 2;
    sf.outcome = "Para pihak sepakat menghitung ulang denda";
    assert_int_equal(km_dispute_session_add(NULL, net, d1, &sf), 0);
    d2 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d2, KM_DISPUTE_CLOSED), 0);
    d3 = dx_file(net, 1);
    assert_int_equal(km_dispute_assign_mediator(net, d3, FX_NGO, "tidak ada mediator lain"), 0);
    d4 = dx_file(net, 1);
    assert_int_equal(dx_drive(net, d4, KM_DISPUTE_DISMISSED), 0);
    (void)d3;
}

static void test_snapshot_roundtrip(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *snap = NULL, *full = NULL;
    (void)state;
    store_path(path, sizeof path, "dispute-snap");
    remove_store(path);
    o.clock = dx_clock;
    o.actor = "admin:snap";
    dx_set("2024-01-02", 3);
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    fx_partners(net);
    dx_outsiders(net);
    assert_int_equal(dx_agreement(net, "PKS/SN/1"), 1);
    populate(net);
    assert_int_equal(km_network_snapshot(net), 0);
    /* After the snapshot: replayed on top of it. */
    assert_int_equal(dx_settle(net, 1, "Denda dihapus"), 0);
    assert_int_equal(dx_drive(net, dx_file(net, 1), KM_DISPUTE_ACKNOWLEDGED), 0);
    km_network_close(net);
    assert_int_equal(km_network_open_file(&snap, path, NULL, &o), 0);
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&full, path, NULL, &o), 0);
    same_disputes(snap, full);
    km_test_expect_same_state(snap, full);
    assert_int_equal(fx_status(snap, 1), fx_status(full, 1));
    assert_int_equal(fx_status(snap, 1), KM_AGREEMENT_ACTIVE); /* resumed by the settlement */
    km_network_close(snap);
    km_network_close(full);
    /* A snapshot taken right after populate, loaded without replay on top. */
    o.no_snapshot = 0;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    assert_int_equal(km_network_open_file(&snap, path, NULL, &o), 0);
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&full, path, NULL, &o), 0);
    same_disputes(snap, full);
    km_test_expect_same_state(snap, full);
    km_network_close(snap);
    km_network_close(full);
    remove_store(path);
}

/* ---- out of memory ---- */

typedef struct oom_state {
    uint64_t seq;
    int dispute_status[4];
    int agreement_status;
    size_t sessions;
} oom_state;

static void capture(km_network *net, oom_state *s)
{
    km_dispute_sessions *l = NULL;
    uint64_t id;
    memset(s, 0, sizeof *s);
    s->seq = km_network_seq(net);
    for (id = 1; id <= 3; id++) s->dispute_status[id] = dx_status(net, id);
    s->agreement_status = fx_status(net, 1);
    s->sessions = 0;
    if (km_dispute_session_list(&l, net, 1) == 0) s->sessions = km_dispute_sessions_count(l);
    km_dispute_sessions_free(l);
}

/* Runs op under an allocator that fails the N-th allocation, for every N,
 * until it succeeds: each failure is KM_ENOMEM and leaves state and log
 * as they were. */
static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    long n;
    for (n = 1; n < 100000; n++) {
        oom_state before, after;
        long refused;
        int rc;
        capture(net, &before);
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        refused = ta->failures;
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0) {
            if (refused) fail_msg("step %ld: succeeded after %ld refused allocations", n, refused);
            return;
        }
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        capture(net, &after);
        assert_memory_equal(&before, &after, sizeof before);
    }
    fail_msg("never succeeded");
}

static int op_policy(km_network *net, int i)
{
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    p.suspend_during_mediation = 1;
    p.mediation_days = (uint32_t)(30 + i);
    return km_dispute_policy_set(net, 0, &p);
}
static int op_file(km_network *net, int i)
{
    km_dispute_fields f;
    uint64_t resp[KM_DISPUTE_RESPONDENTS_MAX], commits[2] = { 1, 2 };
    uint32_t ms[1];
    base_fields(&f, resp, ms);
    f.relief = "Ganti rugi";
    f.commitment_ids = commits;
    f.commitments_count = 2;
    (void)i;
    return km_dispute_file(NULL, net, &f);
}
static int op_ack(km_network *net, int id) { return km_dispute_acknowledge(net, (uint64_t)id, FX_GOV, "diterima"); }
static int op_consent(km_network *net, int id) { return km_dispute_consent(net, (uint64_t)id, FX_BIZ, NULL); }
static int op_negotiate(km_network *net, int id) { return km_dispute_negotiate(net, (uint64_t)id, "mulai"); }
static int op_assign(km_network *net, int id) { return km_dispute_assign_mediator(net, (uint64_t)id, DX_OMBUDSMAN, NULL); }
static int op_mediate(km_network *net, int id) { return km_dispute_mediate(net, (uint64_t)id, "mediasi"); }
static int op_session(km_network *net, int id)
{
    km_dispute_session_fields sf = KM_DISPUTE_SESSION_FIELDS_INIT;
    uint64_t att[3] = { FX_BIZ, FX_GOV, DX_OMBUDSMAN };
    sf.date = "2024-06-03";
    sf.attendees = att;
    sf.attendees_count = 3;
    sf.outcome = "Sesi pertama";
    return km_dispute_session_add(NULL, net, (uint64_t)id, &sf);
}
static int op_extend(km_network *net, int id) { return km_dispute_extend_deadline(net, (uint64_t)id, 7, "perpanjang"); }
static int op_hold(km_network *net, int id) { return km_dispute_suspend_agreement(net, (uint64_t)id, "tahan"); }
static int op_settle(km_network *net, int id)
{
    km_dispute_settlement s = KM_DISPUTE_SETTLEMENT_INIT;
    uint64_t commits[1] = { 2 };
    uint32_t ms[1] = { 1 };
    s.terms = "Dibayar dalam 14 hari";
    s.commitment_ids = commits;
    s.commitments_count = 1;
    s.milestone_numbers = ms;
    s.milestones_count = 1;
    return km_dispute_settle(net, (uint64_t)id, &s);
}
static int op_close(km_network *net, int id) { return km_dispute_close(net, (uint64_t)id, NULL); }
static int op_reads(km_network *net, int id)
{
    km_dispute *d = NULL;
    km_dispute_page *p = NULL;
    km_dispute_report r = KM_DISPUTE_REPORT_INIT;
    km_dispute_overdue_list *o = NULL;
    km_caseload *c = NULL;
    km_conflicts *k = NULL;
    km_dispute_sessions *s = NULL;
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    int rc;
    q.party = FX_GOV;
    rc = km_dispute_get(&d, net, (uint64_t)id);
    if (rc == 0) rc = km_dispute_list(&p, net, &q);
    if (rc == 0) rc = km_dispute_report_get(&r, net, &q);
    if (rc == 0) rc = km_dispute_overdue(&o, net, "2031-01-01", NULL);
    if (rc == 0) rc = km_dispute_caseload(&c, net, NULL);
    if (rc == 0) rc = km_dispute_mediator_check(&k, net, (uint64_t)id, FX_NGO);
    if (rc == 0) rc = km_dispute_session_list(&s, net, (uint64_t)id);
    km_dispute_free(d);
    km_dispute_page_free(p);
    km_dispute_overdue_free(o);
    km_caseload_free(c);
    km_conflicts_free(k);
    km_dispute_sessions_free(s);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    (void)state;
    km_test_alloc_init(&ta);
    net = dx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    dx_set("2024-06-01", 3);
    oom_loop(&ta, net, op_policy, 0);
    oom_loop(&ta, net, op_file, 0); /* 1 */
    oom_loop(&ta, net, op_file, 0); /* 2 */
    oom_loop(&ta, net, op_file, 0); /* 3 */
    oom_loop(&ta, net, op_consent, 1);
    oom_loop(&ta, net, op_ack, 1);
    oom_loop(&ta, net, op_ack, 2);
    oom_loop(&ta, net, op_negotiate, 1);
    oom_loop(&ta, net, op_negotiate, 2);
    oom_loop(&ta, net, op_assign, 1);
    oom_loop(&ta, net, op_assign, 2);
    oom_loop(&ta, net, op_session, 1);
    oom_loop(&ta, net, op_mediate, 1); /* suspends agreement 1 in the same entry */
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    oom_loop(&ta, net, op_mediate, 2); /* joins the suspension */
    oom_loop(&ta, net, op_session, 1);
    oom_loop(&ta, net, op_extend, 1);
    oom_loop(&ta, net, op_settle, 1); /* dispute 2 still holds: no resume */
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    oom_loop(&ta, net, op_close, 1);
    /* The two-event move inside the host's transaction (savepoint path). */
    assert_int_equal(km_network_begin(net), 0);
    oom_loop(&ta, net, op_settle, 2); /* resumes agreement 1 */
    assert_int_equal(km_network_commit(net), 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(dx_status(net, 2), KM_DISPUTE_SETTLED);
    oom_loop(&ta, net, op_ack, 3);
    oom_loop(&ta, net, op_negotiate, 3);
    oom_loop(&ta, net, op_assign, 3);
    {
        km_dispute_policy p = KM_DISPUTE_POLICY_INIT; /* no automatic suspension */
        assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    }
    oom_loop(&ta, net, op_mediate, 3);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    oom_loop(&ta, net, op_hold, 3); /* the mediator suspends: two events */
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    oom_loop(&ta, net, op_reads, 1);
    oom_loop(&ta, net, op_reads, 3);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* Opening a store whose snapshot holds disputes, failing the N-th
 * allocation for every N: KM_ENOMEM or a complete state, never a leak. */
static void test_snapshot_oom(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    km_test_alloc ta;
    long n;
    (void)state;
    store_path(path, sizeof path, "dispute-snap-oom");
    remove_store(path);
    o.clock = dx_clock;
    o.actor = "admin:snap";
    dx_set("2024-01-02", 3);
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    fx_partners(net);
    dx_outsiders(net);
    assert_int_equal(dx_agreement(net, "PKS/SN/1"), 1);
    populate(net);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    for (n = 1; n < 100000; n++) {
        long refused;
        int rc;
        net = NULL;
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_open_file(&net, path, NULL, &o);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc == 0) {
            km_network_stats st = KM_NETWORK_STATS_INIT;
            assert_int_equal(km_network_stats_get(&st, net), 0);
            assert_int_equal(st.disputes, 4);
            assert_int_equal(holds_of(net, 1), 1);
            km_network_close(net);
            assert_int_equal(ta.live, 0);
            if (refused == 0) break;
            continue;
        }
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        assert_null(net);
        assert_int_equal(ta.live, 0);
    }
    assert_true(n > 10);
    remove_store(path);
}

/* ---- the audit trail of a whole case ---- */

static void test_audit_trail(void **state)
{
    km_network *net = open_dx();
    km_dispute_policy p = KM_DISPUTE_POLICY_INIT;
    km_dispute_session_fields sf = KM_DISPUTE_SESSION_FIELDS_INIT;
    km_dispute_fields f;
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_verify_report vr = KM_VERIFY_REPORT_INIT;
    uint64_t resp[1], att[3] = { FX_BIZ, FX_GOV, DX_OMBUDSMAN }, id = 0, seq_mediate, seq_settle;
    uint32_t ms[1];
    static const char *const ops[] = { "dispute.file", "dispute.acknowledge", "dispute.transition", "dispute.session",
                                       "dispute.mediator", "dispute.transition", "dispute.session",
                                       "dispute.transition", "dispute.transition" };
    static const char *const actors[] = { "ID-NIB-8120000000001", "ID-KEMENDAGRI-3273", "ID-KEMENDAGRI-3273",
                                          "ID-NIB-8120000000001", "admin:pemprov", "ID-NIB-8120000000001",
                                          "ID-ORI-0001", "ID-ORI-0001", "ID-ORI-0001" };
    size_t i;
    (void)state;
    p.suspend_during_mediation = 1;
    assert_int_equal(km_dispute_policy_set(net, 0, &p), 0);
    dx_set("2024-07-01", 2);
    base_fields(&f, resp, ms);
    f.relief = "Pembayaran termin 1";
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_file(&id, net, &f), 0);
    dx_as(net, FX_GOV);
    assert_int_equal(km_dispute_acknowledge(net, id, FX_GOV, "surat diterima"), 0);
    assert_int_equal(km_dispute_negotiate(net, id, "rapat pertama 8 Juli"), 0);
    dx_as(net, FX_BIZ);
    sf.date = "2024-07-08";
    sf.attendees = att;
    sf.attendees_count = 2;
    sf.outcome = "Belum sepakat tentang denda";
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), 0);
    dx_actor(net, "admin:pemprov");
    assert_int_equal(km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL), 0);
    dx_as(net, FX_BIZ);
    assert_int_equal(km_dispute_mediate(net, id, "negosiasi buntu"), 0);
    seq_mediate = km_network_seq(net);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_SUSPENDED);
    dx_as(net, DX_OMBUDSMAN);
    sf.date = "2024-07-22";
    sf.attendees_count = 3;
    sf.outcome = "Sepakat: denda dihapus, termin dibayar";
    assert_int_equal(km_dispute_session_add(NULL, net, id, &sf), 0);
    assert_int_equal(dx_settle(net, id, "Termin 1 dibayar 14 hari; denda dihapus"), 0);
    seq_settle = km_network_seq(net);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_ACTIVE);
    assert_int_equal(km_dispute_close(net, id, "pembayaran diterima"), 0);

    q.entity = KM_ENTITY_DISPUTE;
    q.entity_id = id;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 9);
    for (i = 0; i < 9; i++) {
        assert_string_equal(km_audit_operation(au, i), ops[i]);
        assert_string_equal(km_audit_actor(au, i), actors[i]);
        assert_true(km_audit_time(au, i) > 0);
        assert_int_equal(km_audit_entity(au, i), KM_ENTITY_DISPUTE);
    }
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"claimant\":2"));
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"respondents\":[\"1\"]"));
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"milestones\":[\"1\"]"));
    assert_non_null(strstr(km_audit_data_json(au, 1), "\"note\":\"surat diterima\""));
    assert_non_null(strstr(km_audit_data_json(au, 2), "\"status\":2"));
    assert_non_null(strstr(km_audit_data_json(au, 3), "\"session_date\":\"2024-07-08\""));
    assert_non_null(strstr(km_audit_data_json(au, 4), "\"mediator\":5"));
    assert_non_null(strstr(km_audit_data_json(au, 5), "\"hold\":1"));
    assert_non_null(strstr(km_audit_data_json(au, 7), "\"terms\":\"Termin 1 dibayar 14 hari; denda dihapus\""));
    assert_non_null(strstr(km_audit_data_json(au, 8), "\"status\":6"));
    assert_int_equal(km_audit_seq(au, 5), seq_mediate);
    assert_int_equal(km_audit_seq(au, 7), seq_settle);
    km_audit_free(au);
    /* The agreement's suspension and resumption are its own ordinary
     * transitions, in the same log entries as the dispute's moves. */
    q.entity = KM_ENTITY_AGREEMENT;
    q.entity_id = 1;
    q.from_seq = seq_mediate;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 2);
    assert_string_equal(km_audit_operation(au, 0), "agreement.transition");
    assert_int_equal(km_audit_seq(au, 0), seq_mediate);
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"status\":4"));
    assert_non_null(strstr(km_audit_data_json(au, 0), "sengketa 1"));
    assert_string_equal(km_audit_actor(au, 0), "ID-NIB-8120000000001");
    assert_int_equal(km_audit_seq(au, 1), seq_settle);
    assert_non_null(strstr(km_audit_data_json(au, 1), "\"status\":3"));
    km_audit_free(au);
    assert_int_equal(km_network_verify(&vr, net), 0);
    assert_int_equal(vr.first_bad_seq, 0);
    km_network_close(net);
}

static void test_labels(void **state)
{
    int i;
    uint32_t r;
    (void)state;
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) {
        assert_string_not_equal(km_dispute_status_label(i, KM_LANG_ID), "?");
        assert_string_not_equal(km_dispute_status_label(i, KM_LANG_EN), "?");
    }
    for (i = 0; i < KM_DISPUTE_CATEGORY__COUNT; i++) assert_string_not_equal(km_dispute_category_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_DISPUTE_SEVERITY__COUNT; i++) assert_string_not_equal(km_dispute_severity_label(i, KM_LANG_EN), "?");
    for (i = 0; i < KM_CONFLICT__COUNT; i++) assert_string_not_equal(km_conflict_label(i, KM_LANG_ID), "?");
    for (r = 1; r <= KM_DISPUTE_ROLE_ADMIN; r <<= 1) assert_string_not_equal(km_dispute_role_label(r, KM_LANG_ID), "?");
    assert_string_equal(km_dispute_status_label(KM_DISPUTE_WITHDRAWN, KM_LANG_ID), "dicabut");
    assert_string_equal(km_dispute_status_label(KM_DISPUTE_SETTLED, KM_LANG_EN), "settled");
    assert_string_equal(km_dispute_status_label(9, KM_LANG_EN), "?");
    assert_string_equal(km_dispute_status_label(-1, KM_LANG_ID), "?");
    assert_string_equal(km_dispute_category_label(KM_DISPUTE_PERFORMANCE, KM_LANG_EN), "performance or delivery");
    assert_string_equal(km_dispute_category_label(KM_DISPUTE_GOVERNANCE, KM_LANG_ID), "tata kelola dan komunikasi");
    assert_string_equal(km_dispute_severity_label(KM_DISPUTE_SEVERITY_CRITICAL, KM_LANG_ID), "kritis");
    assert_string_equal(km_dispute_forum_label(KM_DISPUTE_FORUM_COURT, KM_LANG_ID), "pengadilan");
    assert_string_equal(km_dispute_forum_label(2, KM_LANG_ID), "?");
    assert_string_equal(km_dispute_role_label(KM_DISPUTE_ROLE_RESPONDENT, KM_LANG_ID), "termohon");
    assert_string_equal(km_dispute_role_label(3, KM_LANG_EN), "?");
    assert_string_equal(km_dispute_role_label(0, KM_LANG_EN), "?");
    assert_string_equal(km_conflict_label(KM_CONFLICT_RELATED_AGREEMENT, KM_LANG_EN), "has an agreement in force with a party");
    assert_string_equal(km_entity_label(KM_ENTITY_DISPUTE, KM_LANG_ID), "sengketa");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_get),
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test(test_role_table),
        cmocka_unit_test(test_acknowledge_consent),
        cmocka_unit_test(test_settle_escalate_rules),
        cmocka_unit_test(test_deadline_arithmetic),
        cmocka_unit_test(test_deadlines_overdue),
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_keyed_sets_across_pages),
        cmocka_unit_test(test_time_travel),
        cmocka_unit_test(test_snapshot_roundtrip),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_snapshot_oom),
        cmocka_unit_test(test_audit_trail),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
