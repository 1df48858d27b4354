/* Unit tests for expressions of interest: submission and every field and
 * state rule, the eligibility rules one by one (submission error and the
 * check API), consortium submissions and consents, the expression state
 * machine (every state x every target), withdrawal and review, selection
 * producing the right draft agreement (separate and joint), the atomicity
 * of selection (a failure of the agreement or of the link leaves both
 * unchanged, also inside a caller's transaction), discovery ranking with
 * its score components, suggested partners, listings, time travel and
 * out-of-memory loops. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "opportunity_fixture.h"
#include "support/failalloc.h"

static km_network *open_fx(void)
{
    km_network *net = ox_net(NULL, NULL);
    assert_non_null(net);
    ox_partners(net);
    return net;
}

static char last_msg[512];

/* Submitting f must fail with code and field; nothing changes. */
static void submit_fails(km_network *net, const km_interest_fields *f, int code, const char *field)
{
    uint64_t fp = ox_fingerprint(net), seq = km_network_seq(net), id = 5;
    int rc = km_interest_submit(&id, net, f);
    snprintf(last_msg, sizeof last_msg, "%s", km_error_last_message(KM_LANG_EN));
    if (rc != code) fail_msg("expected %d, got %d: %s", code, rc, last_msg);
    if (code == 0) return;
    if (field && strcmp(km_error_last_field(), field) != 0)
        fail_msg("expected field %s, got %s (%s)", field, km_error_last_field(), last_msg);
    assert_true(km_error_last_message(KM_LANG_ID)[0] != '\0');
    assert_true(km_network_seq(net) == seq);
    assert_true(ox_fingerprint(net) == fp);
}

static void test_submit_get(void **state)
{
    km_network *net = open_fx();
    km_interest_fields f;
    km_interest *e = NULL;
    uint64_t opp, id = 0, co[2] = { OX_NGO, OX_UNI };
    (void)state;
    opp = ox_open_call(net, NULL);
    ox_interest_fields(&f, opp, OX_BIZ);
    f.contribution_quantity = 20;
    f.contribution_unit = "hektare";
    f.co_applicants = co;
    f.co_applicants_count = 2;
    assert_int_equal(km_interest_submit(&id, net, &f), 0);
    assert_int_equal(id, 1);
    assert_int_equal(km_interest_get(&e, net, id), 0);
    assert_int_equal(km_interest_id(e), 1);
    assert_int_equal(km_interest_opportunity(e), opp);
    assert_int_equal(km_interest_partner(e), OX_BIZ);
    assert_int_equal(km_interest_status_of(e), KM_INTEREST_SUBMITTED);
    assert_null(km_interest_status_reason(e));
    assert_string_equal(km_interest_statement(e), f.statement);
    assert_int_equal(km_interest_capability_count(e), 2);
    assert_string_equal(km_interest_capability(e, 1), "operations");
    assert_null(km_interest_capability(e, 2));
    assert_true(km_interest_contribution_amount(e) == 500000000000LL);
    assert_string_equal(km_interest_contribution_currency(e), "IDR");
    assert_true(km_interest_contribution_quantity(e) == 20);
    assert_string_equal(km_interest_contribution_unit(e), "hektare");
    assert_int_equal(km_interest_co_applicant_count(e), 2);
    assert_int_equal(km_interest_co_applicant(e, 0), OX_NGO);
    assert_int_equal(km_interest_co_applicant(e, 1), OX_UNI);
    assert_int_equal(km_interest_co_applicant(e, 2), 0);
    assert_true(km_interest_co_applicant_consented(e, 0) == 0);
    assert_int_equal(km_interest_agreement(e), 0);
    assert_int_equal(km_interest_version(e), 1);
    assert_true(km_interest_created(e) > 0 && km_interest_updated(e) == km_interest_created(e));
    km_interest_free(e);
    /* Money or quantity alone, or neither. */
    ox_interest_fields(&f, opp, OX_FAR);
    f.contribution_amount = 0;
    f.contribution_currency = NULL;
    assert_int_equal(km_interest_submit(&id, net, &f), 0);
    assert_int_equal(km_interest_get(&e, net, id), 0);
    assert_null(km_interest_contribution_currency(e));
    assert_null(km_interest_contribution_unit(e));
    assert_int_equal(km_interest_co_applicant_count(e), 0);
    km_interest_free(e);
    /* NULL-safe accessors. */
    assert_int_equal(km_interest_id(NULL), 0);
    assert_int_equal(km_interest_status_of(NULL), -1);
    assert_null(km_interest_statement(NULL));
    assert_int_equal(km_interest_co_applicant_count(NULL), 0);
    km_interest_free(NULL);
    assert_int_equal(km_interest_get(&e, net, 99), KM_ENOTFOUND);
    assert_int_equal(km_interest_get(NULL, net, 1), KM_EINVAL);
    assert_int_equal(km_interest_get(&e, NULL, 1), KM_EINVAL);
    km_network_close(net);
}

static void test_submit_errors(void **state)
{
    km_network *net = open_fx();
    km_interest_fields f;
    km_opportunity_fields of;
    uint64_t opp, draft, later, closed, co[KM_INTEREST_CO_APPLICANTS_MAX + 1], id = 0;
    static const char *const bad_caps[] = { "ok", "Not ok" };
    char long_text[KM_OPPORTUNITY_TEXT_MAX + 2];
    int i;
    (void)state;
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    for (i = 0; i <= KM_INTEREST_CO_APPLICANTS_MAX; i++) co[i] = (uint64_t)(i + 2);
    opp = ox_open_call(net, NULL);
    draft = ox_create(net, NULL);
    ox_fields(&of);
    of.opening_date = "2024-03-15";
    later = ox_open_call(net, &of);
    closed = ox_open_call(net, NULL);
    assert_int_equal(km_opportunity_close(net, closed, NULL), 0);

    assert_int_equal(km_interest_submit(NULL, net, NULL), KM_EINVAL);
    ox_interest_fields(&f, opp, OX_BIZ);
    f.version = 0;
    submit_fails(net, &f, KM_EVERSION, "fields.version");
#define CASE(stmt, code, field) do { ox_interest_fields(&f, opp, OX_BIZ); stmt; submit_fails(net, &f, code, field); } while (0)
    CASE(f.opportunity_id = 99, KM_ENOTFOUND, "opportunity.id");
    CASE(f.opportunity_id = 0, KM_ENOTFOUND, "opportunity.id");
    CASE(f.partner_id = 99, KM_ENOTFOUND, "interest.partner_id");
    CASE(f.statement = NULL, KM_EINVAL, "interest.statement");
    CASE(f.statement = " \n ", KM_EINVAL, "interest.statement");
    CASE(f.statement = long_text, KM_EINVAL, "interest.statement");
    CASE((f.capabilities = bad_caps, f.capabilities_count = 2), KM_EINVAL, "interest.capabilities");
    CASE(f.contribution_currency = NULL, KM_EINVAL, "interest.contribution_currency");
    CASE(f.contribution_currency = "RPH", KM_EINVAL, "interest.contribution_currency");
    CASE(f.contribution_amount = 0, KM_EINVAL, "interest.contribution_amount");
    CASE(f.contribution_amount = -1, KM_EINVAL, "interest.contribution_amount");
    CASE(f.contribution_quantity = -3, KM_EINVAL, "interest.contribution_quantity");
    CASE(f.contribution_quantity = 3, KM_EINVAL, "interest.contribution_unit");
    CASE(f.contribution_unit = "ton", KM_EINVAL, "interest.contribution_unit");
    CASE((f.contribution_quantity = 3, f.contribution_unit = "a\tb"), KM_EINVAL, "interest.contribution_unit");
    CASE((f.co_applicants = co, f.co_applicants_count = KM_INTEREST_CO_APPLICANTS_MAX + 1), KM_EINVAL,
         "interest.co_applicants");
    CASE((f.co_applicants = NULL, f.co_applicants_count = 1), KM_EINVAL, "interest.co_applicants");
    co[0] = OX_BIZ;
    CASE((f.co_applicants = co, f.co_applicants_count = 1), KM_EINVAL, "interest.co_applicants");
    co[0] = OX_NGO;
    co[1] = OX_NGO;
    CASE((f.co_applicants = co, f.co_applicants_count = 2), KM_EINVAL, "interest.co_applicants");
    co[1] = 42;
    CASE((f.co_applicants = co, f.co_applicants_count = 2), KM_ENOTFOUND, "interest.co_applicants");
    co[1] = OX_UNI;
    /* States of the opportunity. */
    CASE(f.opportunity_id = draft, KM_ESTATE, "opportunity.status");
    CASE(f.opportunity_id = closed, KM_ESTATE, "opportunity.status");
    CASE(f.opportunity_id = later, KM_ESTATE, "opportunity.opening_date");
    assert_non_null(strstr(last_msg, "2024-03-15"));
    /* Actor rule: the partner itself or an administrator. */
    km_network_set_actor(net, ox_ext[OX_GOV]);
    CASE((void)0, KM_EDENIED, "interest.submit");
    km_network_set_actor(net, ox_ext[OX_BIZ]);
    CASE((void)0, KM_OK, NULL);
    km_network_set_actor(net, "admin:test");
    /* One active expression per partner and opportunity, as lead or co-applicant. */
    CASE((void)0, KM_EEXISTS, "interest.partner_id");
    CASE(f.partner_id = OX_UNI, KM_OK, NULL);
    CASE((f.partner_id = OX_FAR, f.co_applicants = co, f.co_applicants_count = 2), KM_EEXISTS, "interest.partner_id");
    assert_non_null(strstr(last_msg, "partner 4"));
    CASE((f.partner_id = OX_FAR, f.co_applicants = co, f.co_applicants_count = 1), KM_OK, NULL); /* NGO joins FAR */
    CASE(f.partner_id = OX_NGO, KM_EEXISTS, "interest.partner_id");
    /* The same partner may answer another opportunity. */
    CASE(f.opportunity_id = later, KM_ESTATE, NULL);
    ox_day("2024-03-15");
    CASE(f.opportunity_id = later, KM_OK, NULL);
    /* After a withdrawal the partner may submit again. */
    assert_int_equal(km_interest_withdraw(net, 1, "revisi"), 0);
    CASE((void)0, KM_OK, NULL);
#undef CASE
    (void)id;
    km_network_close(net);

    /* Read-only handle. */
    {
        km_network_options o = KM_NETWORK_OPTIONS_INIT;
        o.read_only = 1;
        assert_int_equal(km_network_open(&net, NULL, &o), 0);
        ox_interest_fields(&f, 1, 1);
        assert_int_equal(km_interest_submit(NULL, net, &f), KM_EREADONLY);
        assert_int_equal(km_interest_consent(net, 1, 1), KM_EREADONLY);
        assert_int_equal(km_interest_withdraw(net, 1, NULL), KM_EREADONLY);
        assert_int_equal(km_interest_select(NULL, net, 1, NULL), KM_EREADONLY);
        km_network_close(net);
    }
}

/* ---- eligibility ---- */

/* The failed rules of partner for opp (check API), as a bit mask. */
static unsigned failed_rules(km_network *net, uint64_t opp, uint64_t partner)
{
    km_eligibility *e = NULL;
    unsigned mask = 0;
    size_t i;
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, partner, NULL, 0), 0);
    for (i = 0; i < km_eligibility_count(e); i++) {
        assert_int_equal(km_eligibility_partner(e, i), partner);
        assert_non_null(km_eligibility_message(e, i, KM_LANG_EN));
        assert_non_null(km_eligibility_message(e, i, KM_LANG_ID));
        mask |= 1u << km_eligibility_rule_of(e, i);
    }
    km_eligibility_free(e);
    return mask;
}

/* Submitting for partner fails with exactly the rules in mask, each named
 * by its code in the message; or succeeds when mask is 0. */
static void expect_rules(km_network *net, uint64_t opp, uint64_t partner, unsigned mask)
{
    km_interest_fields f;
    int r;
    assert_int_equal(failed_rules(net, opp, partner), mask);
    ox_interest_fields(&f, opp, partner);
    submit_fails(net, &f, mask ? KM_EINVAL : KM_OK, "interest.eligibility");
    for (r = 0; r < KM_ELIGIBILITY_RULE__COUNT; r++) {
        char code[40];
        snprintf(code, sizeof code, "[%s]", km_eligibility_rule_code(r));
        if (mask & (1u << r)) assert_non_null(strstr(last_msg, code));
        else assert_null(strstr(last_msg, code));
    }
    if (!mask) {
        /* Withdraw the expression just made so the partner can try again. */
        km_network_stats st = KM_NETWORK_STATS_INIT;
        assert_int_equal(km_network_stats_get(&st, net), 0);
        assert_int_equal(km_interest_withdraw(net, st.interests, NULL), 0);
    }
}

static void test_eligibility_rules(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_eligibility *e = NULL;
    uint64_t opp, co[3];
    (void)state;
    /* active */
    opp = ox_open_call(net, NULL);
    assert_int_equal(km_partner_set_status(net, OX_FAR, KM_PARTNER_SUSPENDED, "sanksi"), 0);
    expect_rules(net, opp, OX_FAR, 1u << KM_ELIGIBILITY_ACTIVE);
    assert_non_null(strstr(last_msg, "suspended"));
    assert_int_equal(km_partner_set_status(net, OX_FAR, KM_PARTNER_ACTIVE, NULL), 0);
    /* not_publisher */
    expect_rules(net, opp, OX_GOV, 1u << KM_ELIGIBILITY_NOT_PUBLISHER);
    /* kind */
    ox_fields(&f);
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS) | KM_PARTNER_KIND_BIT(KM_PARTNER_STATE_ENTERPRISE);
    opp = ox_open_call(net, &f);
    expect_rules(net, opp, OX_NGO, 1u << KM_ELIGIBILITY_KIND);
    assert_non_null(strstr(last_msg, "Nonprofit"));
    expect_rules(net, opp, OX_BUMD, 0);
    /* region: within the prefix by whole segments; no region fails */
    ox_fields(&f);
    f.eligible_region = "32.73";
    opp = ox_open_call(net, &f);
    expect_rules(net, opp, OX_FAR, 1u << KM_ELIGIBILITY_REGION);       /* 31.71 */
    assert_non_null(strstr(last_msg, "31.71 is outside 32.73"));
    expect_rules(net, opp, OX_COM, 1u << KM_ELIGIBILITY_REGION);       /* none */
    assert_non_null(strstr(last_msg, "has no region"));
    expect_rules(net, opp, OX_NGO, 0);                                  /* 32.73.01 */
    expect_rules(net, opp, OX_BIZ, 0);                                  /* 32.73 */
    ox_fields(&f);
    f.eligible_region = "32.73.01";
    opp = ox_open_call(net, &f);
    expect_rules(net, opp, OX_UNI, 1u << KM_ELIGIBILITY_REGION);       /* 32.73 is wider */
    /* track_record: completed agreements only */
    ox_fields(&f);
    f.min_completed = 2;
    opp = ox_open_call(net, &f);
    expect_rules(net, opp, OX_BIZ, 1u << KM_ELIGIBILITY_TRACK_RECORD);
    assert_non_null(strstr(last_msg, "0 completed agreement(s), at least 2 required"));
    ox_track_record(net, OX_BIZ, 1);
    expect_rules(net, opp, OX_BIZ, 1u << KM_ELIGIBILITY_TRACK_RECORD);
    {
        /* An active (not completed) agreement does not count. */
        km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
        uint64_t ids[2] = { OX_GOV, OX_BIZ }, aid = 0;
        uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
        af.title = "Berjalan";
        af.reference = "RUN/1";
        af.type = KM_AGREEMENT_COOPERATION;
        af.start_date = "2023-01-01";
        af.party_ids = ids;
        af.party_roles = roles;
        af.parties_count = 2;
        assert_int_equal(km_agreement_create(&aid, net, &af), 0);
        assert_int_equal(km_agreement_propose(net, aid, NULL), 0);
        assert_int_equal(km_agreement_sign(net, aid, OX_GOV), 0);
        assert_int_equal(km_agreement_sign(net, aid, OX_BIZ), 0);
        assert_int_equal(km_agreement_activate(net, aid, NULL), 0);
        expect_rules(net, opp, OX_BIZ, 1u << KM_ELIGIBILITY_TRACK_RECORD);
    }
    ox_track_record(net, OX_BIZ, 1);
    expect_rules(net, opp, OX_BIZ, 0);
    /* no_open_disputes: as a respondent only, until the dispute is final. */
    {
        km_dispute_fields df = KM_DISPUTE_FIELDS_INIT;
        km_opportunity *op = NULL;
        uint64_t resp[1], d1 = 0, d2 = 0, plain;
        ox_fields(&f);
        f.no_open_disputes = 1;
        opp = ox_open_call(net, &f);
        assert_int_equal(km_opportunity_get(&op, net, opp), 0);
        assert_int_equal(km_opportunity_no_open_disputes(op), 1);
        km_opportunity_free(op);
        plain = ox_open_call(net, NULL);
        df.agreement_id = 2; /* a completed agreement of GOV and BIZ */
        df.claimant = OX_BIZ;
        resp[0] = OX_GOV;
        df.respondents = resp;
        df.respondents_count = 1;
        df.description = "Pembayaran termin terlambat";
        assert_int_equal(km_dispute_file(&d1, net, &df), 0);
        expect_rules(net, opp, OX_BIZ, 0); /* the claimant keeps its access */
        df.claimant = OX_GOV;
        resp[0] = OX_BIZ;
        df.description = "Pekerjaan tidak sesuai spesifikasi";
        assert_int_equal(km_dispute_file(&d2, net, &df), 0);
        expect_rules(net, opp, OX_BIZ, 1u << KM_ELIGIBILITY_NO_OPEN_DISPUTES);
        assert_non_null(strstr(last_msg, "[no_open_disputes]"));
        assert_non_null(strstr(last_msg, "respondent in 1 open dispute(s)"));
        expect_rules(net, plain, OX_BIZ, 0); /* the rule applies only when asked for */
        assert_int_equal(km_dispute_withdraw(net, d2, "diselesaikan di luar"), 0);
        expect_rules(net, opp, OX_BIZ, 0);
        (void)d1;
    }
    /* Every failed rule of every member is named. */
    ox_fields(&f);
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS);
    f.eligible_region = "32";
    f.min_completed = 1;
    opp = ox_open_call(net, &f);
    assert_int_equal(failed_rules(net, opp, OX_COM),
                     (1u << KM_ELIGIBILITY_KIND) | (1u << KM_ELIGIBILITY_REGION) | (1u << KM_ELIGIBILITY_TRACK_RECORD));
    co[0] = OX_NGO;
    co[1] = OX_FAR;
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, co, 2), 0);
    assert_int_equal(km_eligibility_count(e), 4); /* NGO: kind, track; FAR: region, track */
    assert_int_equal(km_eligibility_partner(e, 0), OX_NGO);
    assert_int_equal(km_eligibility_rule_of(e, 0), KM_ELIGIBILITY_KIND);
    assert_int_equal(km_eligibility_rule_of(e, 1), KM_ELIGIBILITY_TRACK_RECORD);
    assert_int_equal(km_eligibility_partner(e, 2), OX_FAR);
    assert_int_equal(km_eligibility_rule_of(e, 2), KM_ELIGIBILITY_REGION);
    assert_string_equal(km_eligibility_message(e, 2, KM_LANG_ID), "mitra 5: wilayah 31.71 di luar 32");
    assert_int_equal(km_eligibility_rule_of(e, 4), -1);
    assert_int_equal(km_eligibility_partner(e, 4), 0);
    assert_null(km_eligibility_message(e, 4, KM_LANG_EN));
    km_eligibility_free(e);
    {
        km_interest_fields inf;
        ox_interest_fields(&inf, opp, OX_BIZ);
        inf.co_applicants = co;
        inf.co_applicants_count = 2;
        submit_fails(net, &inf, KM_EINVAL, "interest.eligibility");
        assert_non_null(strstr(last_msg, "partner 3"));
        assert_non_null(strstr(last_msg, "partner 5"));
        assert_null(strstr(last_msg, "partner 2"));
    }
    /* Check API errors. */
    assert_int_equal(km_opportunity_check_eligibility(NULL, net, opp, OX_BIZ, NULL, 0), KM_EINVAL);
    assert_int_equal(km_opportunity_check_eligibility(&e, net, 99, OX_BIZ, NULL, 0), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, 99, NULL, 0), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, NULL, 1), KM_EINVAL);
    co[0] = OX_BIZ;
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, co, 1), KM_EINVAL);
    co[0] = co[1] = OX_NGO;
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, co, 2), KM_EINVAL);
    co[1] = 77;
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, co, 2), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_check_eligibility(&e, net, opp, OX_BIZ, co, KM_INTEREST_CO_APPLICANTS_MAX + 1),
                     KM_EINVAL);
    assert_null(e);
    assert_int_equal(km_eligibility_count(NULL), 0);
    km_eligibility_free(NULL);
    km_network_close(net);
}

/* ---- consortium ---- */

static void test_consortium(void **state)
{
    km_network *net = open_fx();
    km_interest_fields f;
    km_interest *e = NULL;
    km_agreement *a = NULL;
    uint64_t opp, id = 0, agr = 0, co[2] = { OX_NGO, OX_UNI };
    (void)state;
    opp = ox_open_call(net, NULL);
    ox_interest_fields(&f, opp, OX_BIZ);
    f.co_applicants = co;
    f.co_applicants_count = 2;
    km_network_set_actor(net, ox_ext[OX_BIZ]); /* the lead names its partners */
    assert_int_equal(km_interest_submit(&id, net, &f), 0);
    /* Each co-applicant consents for itself. */
    assert_int_equal(km_interest_consent(net, id, OX_NGO), KM_EDENIED);
    km_network_set_actor(net, ox_ext[OX_NGO]);
    assert_int_equal(km_interest_consent(net, id, OX_UNI), KM_EDENIED);
    assert_int_equal(km_interest_consent(net, id, OX_NGO), 0);
    assert_int_equal(km_interest_consent(net, id, OX_NGO), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "consenting_partner_id");
    assert_int_equal(km_interest_consent(net, id, OX_FAR), KM_ENOTFOUND);
    assert_int_equal(km_interest_consent(net, 99, OX_NGO), KM_ENOTFOUND);
    assert_int_equal(km_interest_get(&e, net, id), 0);
    assert_true(km_interest_co_applicant_consented(e, 0) > 0);
    assert_true(km_interest_co_applicant_consented(e, 1) == 0);
    assert_int_equal(km_interest_version(e), 2);
    km_interest_free(e);
    /* Selection waits for every consent. */
    km_network_set_actor(net, "admin:test");
    ox_day("2024-04-01");
    assert_int_equal(km_opportunity_close_due(NULL, net, "2024-04-01"), 0);
    assert_int_equal(km_interest_select(&agr, net, id, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "interest.co_applicants");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "co-applicant(s) 4 "));
    assert_int_equal(agr, 0);
    assert_int_equal(km_agreement_count(&agr, net, NULL), 0);
    assert_int_equal(agr, 0); /* no agreement was left behind */
    km_network_set_actor(net, ox_ext[OX_UNI]);
    assert_int_equal(km_interest_consent(net, id, OX_UNI), 0); /* consent may come after closing */
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_select(&agr, net, id, NULL), 0);
    /* The draft agreement: publisher, lead, then co-applicants in the roles named. */
    assert_int_equal(km_agreement_get(&a, net, agr), 0);
    assert_int_equal(km_agreement_party_count(a), 4);
    assert_int_equal(km_agreement_party(a, 0), OX_GOV);
    assert_int_equal(km_agreement_party_roles(a, 0), KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_ACCOUNTABLE);
    assert_int_equal(km_agreement_party(a, 1), OX_BIZ);
    assert_int_equal(km_agreement_party(a, 2), OX_NGO);
    assert_int_equal(km_agreement_party(a, 3), OX_UNI);
    assert_int_equal(km_agreement_party_roles(a, 3), KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING);
    km_agreement_free(a);
    /* Consent after selection is refused. */
    km_network_set_actor(net, "admin:test");
    {
        uint64_t id2 = 0, co2[1] = { OX_FAR };
        km_opportunity_fields of;
        ox_fields(&of);
        of.closing_date = "2024-04-30";
        ox_day("2024-04-02");
        opp = ox_open_call(net, &of);
        ox_interest_fields(&f, opp, OX_BUMD);
        f.co_applicants = co2;
        f.co_applicants_count = 1;
        assert_int_equal(km_interest_submit(&id2, net, &f), 0);
        assert_int_equal(km_interest_reject(net, id2, "tidak lengkap"), 0);
        assert_int_equal(km_interest_consent(net, id2, OX_FAR), KM_ESTATE);
        assert_string_equal(km_error_last_field(), "interest.status");
        /* FAR is free again: the rejected expression is not active. */
        (void)ox_submit(net, opp, OX_FAR);
    }
    km_network_close(net);
}

/* ---- the expression state machine ---- */

static int eoi_legal(int from, int to)
{
    if (from == KM_INTEREST_SUBMITTED)
        return to == KM_INTEREST_SHORTLISTED || to == KM_INTEREST_SELECTED || to == KM_INTEREST_REJECTED ||
               to == KM_INTEREST_WITHDRAWN;
    if (from == KM_INTEREST_SHORTLISTED)
        return to == KM_INTEREST_SELECTED || to == KM_INTEREST_REJECTED || to == KM_INTEREST_WITHDRAWN;
    return 0;
}

/* Moves expression id to `to` the way the API does it. */
static int eoi_move(km_network *net, uint64_t id, int to)
{
    switch (to) {
    case KM_INTEREST_SHORTLISTED: return km_interest_shortlist(net, id, NULL);
    case KM_INTEREST_REJECTED: return km_interest_reject(net, id, "tidak sesuai");
    case KM_INTEREST_WITHDRAWN: return km_interest_withdraw(net, id, NULL);
    case KM_INTEREST_SELECTED: return km_interest_select(NULL, net, id, NULL);
    default: return km_interest_transition(net, id, to, NULL);
    }
}

static void test_interest_table(void **state)
{
    km_network *net = open_fx();
    int from, to;
    (void)state;
    for (from = 0; from < KM_INTEREST_STATUS__COUNT; from++) {
        for (to = 0; to < KM_INTEREST_STATUS__COUNT; to++) {
            uint64_t opp = ox_open_call(net, NULL), id = ox_submit(net, opp, OX_BIZ), seq, fp;
            int rc;
            if (from == KM_INTEREST_SELECTED) assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
            if (from != KM_INTEREST_SUBMITTED) assert_int_equal(eoi_move(net, id, from), 0);
            /* Selection needs a closed call, withdrawal an open one. */
            if (to == KM_INTEREST_SELECTED && ox_opp_status(net, opp) == KM_OPPORTUNITY_OPEN)
                assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
            seq = km_network_seq(net);
            fp = ox_fingerprint(net);
            rc = eoi_move(net, id, to);
            if (eoi_legal(from, to)) {
                if (rc != 0)
                    fail_msg("%s -> %s: %d %s", km_interest_status_label(from, KM_LANG_EN),
                             km_interest_status_label(to, KM_LANG_EN), rc, km_error_last_message(KM_LANG_EN));
                assert_int_equal(ox_eoi_status(net, id), to);
            } else {
                if (rc != KM_ESTATE)
                    fail_msg("%s -> %s: expected KM_ESTATE, got %d %s", km_interest_status_label(from, KM_LANG_EN),
                             km_interest_status_label(to, KM_LANG_EN), rc, km_error_last_message(KM_LANG_EN));
                assert_int_equal(ox_eoi_status(net, id), from);
                assert_true(km_network_seq(net) == seq);
                assert_true(ox_fingerprint(net) == fp);
            }
        }
    }
    /* Selected only through km_interest_select. */
    {
        uint64_t opp = ox_open_call(net, NULL), id = ox_submit(net, opp, OX_BIZ);
        assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
        assert_int_equal(km_interest_transition(net, id, KM_INTEREST_SELECTED, NULL), KM_ESTATE);
        assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "km_interest_select"));
        assert_int_equal(km_interest_transition(net, id, 5, NULL), KM_EINVAL);
        assert_int_equal(km_interest_transition(net, id, -1, NULL), KM_EINVAL);
        assert_int_equal(km_interest_transition(net, 999, KM_INTEREST_REJECTED, "x"), KM_ENOTFOUND);
    }
    km_network_close(net);
}

static void test_withdraw_review(void **state)
{
    km_network *net = open_fx();
    km_interest *e = NULL;
    uint64_t opp, a, b, c;
    (void)state;
    opp = ox_open_call(net, NULL);
    a = ox_submit(net, opp, OX_BIZ);
    b = ox_submit(net, opp, OX_UNI);
    c = ox_submit(net, opp, OX_FAR);
    /* Withdrawal: by the partner, before closing. */
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_withdraw(net, a, NULL), KM_EDENIED);
    km_network_set_actor(net, ox_ext[OX_BIZ]);
    assert_int_equal(km_interest_withdraw(net, a, "mundur"), 0);
    assert_int_equal(km_interest_get(&e, net, a), 0);
    assert_int_equal(km_interest_status_of(e), KM_INTEREST_WITHDRAWN);
    assert_string_equal(km_interest_status_reason(e), "mundur");
    km_interest_free(e);
    /* Review: by the publisher; rejection needs a reason. */
    assert_int_equal(km_interest_shortlist(net, b, NULL), KM_EDENIED);
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_shortlist(net, b, "lolos administrasi"), 0);
    assert_int_equal(km_interest_reject(net, b, NULL), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "interest.reason");
    assert_int_equal(km_interest_reject(net, b, ""), KM_EINVAL);
    /* After the closing date: no more withdrawals, review goes on. */
    ox_day("2024-04-01");
    km_network_set_actor(net, ox_ext[OX_FAR]);
    assert_int_equal(km_interest_withdraw(net, c, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.status");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "2024-03-31"));
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_reject(net, c, "tidak memenuhi kualifikasi"), 0);
    assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
    assert_int_equal(km_interest_get(&e, net, b), 0);
    assert_string_equal(km_interest_status_reason(e), "lolos administrasi");
    km_interest_free(e);
    /* Once awarded or cancelled, nothing is reviewed any more. */
    assert_int_equal(km_interest_select(NULL, net, b, NULL), 0);
    assert_int_equal(km_opportunity_award(net, opp, NULL), 0);
    {
        km_opportunity_fields f;
        uint64_t opp2, d;
        km_network_set_actor(net, "admin:test");
        ox_fields(&f);
        f.closing_date = "2024-04-30"; /* entry times never go back: it is April now */
        opp2 = ox_open_call(net, &f);
        d = ox_submit(net, opp2, OX_BIZ);
        assert_int_equal(km_opportunity_cancel(net, opp2, "anggaran"), 0);
        assert_int_equal(km_interest_shortlist(net, d, NULL), KM_ESTATE);
        assert_int_equal(km_interest_withdraw(net, d, NULL), KM_ESTATE);
    }
    km_network_close(net);
}

/* ---- selection ---- */

static void test_selection(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_selection_options so = KM_SELECTION_OPTIONS_INIT;
    km_opportunity *o = NULL;
    km_agreement *a = NULL;
    km_interest *e = NULL;
    km_interest_query iq = KM_INTEREST_QUERY_INIT;
    km_framework_spec *spec = NULL;
    uint64_t opp, e1, e2, e3, agr = 0, agr2 = 0, n = 0, back = 0;
    (void)state;
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 KPBU", NULL), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    ox_fields(&f);
    f.framework_id = 1;
    f.partners_sought = 2;
    opp = ox_open_call(net, &f);
    e1 = ox_submit(net, opp, OX_BIZ);
    e2 = ox_submit(net, opp, OX_UNI);
    e3 = ox_submit(net, opp, OX_BUMD);
    /* Only once closed. */
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.status");
    assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
    /* Only the publisher. */
    km_network_set_actor(net, ox_ext[OX_BIZ]);
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), KM_EDENIED);
    assert_int_equal(km_agreement_count(&n, net, NULL), 0);
    assert_int_equal(n, 0);
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), 0);
    assert_int_equal(agr, 1);
    /* The draft agreement carries the call's terms. */
    assert_int_equal(km_agreement_get(&a, net, agr), 0);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_DRAFT);
    assert_string_equal(km_agreement_title(a), f.title);
    assert_string_equal(km_agreement_reference(a), "OPP-1/EOI-1");
    assert_int_equal(km_agreement_type_of(a), KM_AGREEMENT_PPP);
    assert_int_equal(km_agreement_framework_id(a), 1);
    assert_string_equal(km_agreement_purpose(a), f.description);
    assert_int_equal(km_agreement_sector_count(a), 2);
    assert_string_equal(km_agreement_region(a), "32.73");
    assert_null(km_agreement_start_date(a));
    assert_int_equal(km_agreement_party_count(a), 2);
    assert_int_equal(km_agreement_party(a, 0), OX_GOV);
    assert_int_equal(km_agreement_party_roles(a, 0), f.publisher_roles);
    assert_int_equal(km_agreement_party(a, 1), OX_BIZ);
    assert_int_equal(km_agreement_party_roles(a, 1), f.partner_roles);
    km_agreement_free(a);
    /* Linked both ways. */
    assert_int_equal(km_interest_get(&e, net, e1), 0);
    assert_int_equal(km_interest_status_of(e), KM_INTEREST_SELECTED);
    assert_int_equal(km_interest_agreement(e), agr);
    km_interest_free(e);
    assert_int_equal(km_opportunity_get(&o, net, opp), 0);
    assert_int_equal(km_opportunity_selected_count(o), 1);
    assert_int_equal(km_opportunity_agreement_count(o), 1);
    assert_int_equal(km_opportunity_agreement(o, 0), agr);
    assert_int_equal(km_opportunity_status_of(o), KM_OPPORTUNITY_CLOSED);
    km_opportunity_free(o);
    assert_int_equal(km_opportunity_of_agreement(&back, net, agr), 0);
    assert_int_equal(back, opp);
    iq.agreement_id = agr;
    assert_int_equal(km_interest_count(&n, net, &iq), 0);
    assert_int_equal(n, 1);
    /* Options: own reference, title and dates. */
    so.reference = "PKS/KPBU/2024/07";
    so.title = "Perjanjian KPBU SPAM";
    so.start_date = "2024-06-01";
    so.end_date = "2049-05-31";
    assert_int_equal(km_interest_select(&agr2, net, e2, &so), 0);
    assert_int_equal(km_agreement_get(&a, net, agr2), 0);
    assert_string_equal(km_agreement_reference(a), "PKS/KPBU/2024/07");
    assert_string_equal(km_agreement_title(a), "Perjanjian KPBU SPAM");
    assert_string_equal(km_agreement_start_date(a), "2024-06-01");
    assert_string_equal(km_agreement_end_date(a), "2049-05-31");
    km_agreement_free(a);
    /* As many selections as sought. */
    assert_int_equal(km_interest_select(NULL, net, e3, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.partners_sought");
    assert_int_equal(km_interest_select(NULL, net, e1, NULL), KM_ESTATE); /* already selected */
    assert_string_equal(km_error_last_field(), "interest.status");
    assert_int_equal(km_interest_select(NULL, net, 999, NULL), KM_ENOTFOUND);
    so.version = 9;
    assert_int_equal(km_interest_select(NULL, net, e3, &so), KM_EVERSION);
    assert_int_equal(km_agreement_count(&n, net, NULL), 0);
    assert_int_equal(n, 2);
    /* Award; the chain continues to a signed agreement. */
    assert_int_equal(km_opportunity_award(net, opp, NULL), 0);
    km_network_set_actor(net, "admin:test");
    assert_int_equal(km_agreement_propose(net, agr2, NULL), 0);
    assert_int_equal(km_agreement_sign(net, agr2, OX_GOV), 0);
    assert_int_equal(km_agreement_sign(net, agr2, OX_UNI), 0);
    assert_int_equal(km_opportunity_of_agreement(&back, net, agr2), 0);
    assert_int_equal(back, opp);
    km_network_close(net);
}

static int deny_op(void *payload, const km_auth_request *req, char *reason, size_t size)
{
    const char *op = (const char *)payload;
    (void)reason;
    (void)size;
    return strcmp(req->operation, op) == 0;
}

static void test_selection_atomic(void **state)
{
    km_network *net = open_fx();
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    km_selection_options so = KM_SELECTION_OPTIONS_INIT;
    uint64_t opp, e1, agr = 7, fp, seq, ids[2] = { OX_GOV, OX_UNI }, n = 0;
    uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
    (void)state;
    opp = ox_open_call(net, NULL);
    e1 = ox_submit(net, opp, OX_BIZ);
    assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
    af.title = "Sudah ada";
    af.reference = "TAKEN/1";
    af.type = KM_AGREEMENT_MOU;
    af.party_ids = ids;
    af.party_roles = roles;
    af.parties_count = 2;
    assert_int_equal(km_agreement_create(NULL, net, &af), 0);
    fp = ox_fingerprint(net);
    seq = km_network_seq(net);
    /* The agreement fails (reference taken): the expression is unchanged. */
    so.reference = "TAKEN/1";
    assert_int_equal(km_interest_select(&agr, net, e1, &so), KM_EEXISTS);
    assert_string_equal(km_error_last_field(), "agreement.reference");
    assert_int_equal(agr, 0);
    assert_true(km_network_seq(net) == seq);
    assert_true(ox_fingerprint(net) == fp);
    so.reference = "bad ref!";
    assert_int_equal(km_interest_select(&agr, net, e1, &so), KM_EINVAL);
    assert_true(ox_fingerprint(net) == fp);
    so.reference = NULL;
    so.start_date = "2024-06-31";
    assert_int_equal(km_interest_select(&agr, net, e1, &so), KM_EINVAL);
    assert_true(ox_fingerprint(net) == fp);
    /* The link fails (authorizer refuses interest.select): no agreement. */
    km_network_set_authorizer(net, deny_op, (void *)"interest.select");
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), KM_EDENIED);
    assert_true(km_network_seq(net) == seq);
    assert_true(ox_fingerprint(net) == fp);
    assert_int_equal(km_agreement_count(&n, net, NULL), 0);
    assert_int_equal(n, 1);
    /* ... and the other way round. */
    km_network_set_authorizer(net, deny_op, (void *)"agreement.create");
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), KM_EDENIED);
    assert_true(ox_fingerprint(net) == fp);
    km_network_set_authorizer(net, NULL, NULL);

    /* Inside a caller's transaction: a failed selection takes back only its
     * own changes; the caller's work stays and commits as one entry. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_interest_shortlist(net, e1, "kandidat"), 0);
    km_network_set_authorizer(net, deny_op, (void *)"interest.select");
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), KM_EDENIED);
    km_network_set_authorizer(net, NULL, NULL);
    assert_int_equal(ox_eoi_status(net, e1), KM_INTEREST_SHORTLISTED);
    assert_int_equal(km_agreement_count(&n, net, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), 0);
    assert_int_equal(agr, 2);
    assert_int_equal(km_network_commit(net), 0);
    assert_true(km_network_seq(net) == seq + 1);
    assert_int_equal(ox_eoi_status(net, e1), KM_INTEREST_SELECTED);
    /* A rolled-back transaction forgets the selection and its agreement. */
    {
        uint64_t opp2 = ox_open_call(net, NULL), e2 = ox_submit(net, opp2, OX_UNI);
        assert_int_equal(km_opportunity_close(net, opp2, NULL), 0);
        fp = ox_fingerprint(net);
        assert_int_equal(km_network_begin(net), 0);
        assert_int_equal(km_interest_select(&agr, net, e2, NULL), 0);
        assert_int_equal(km_network_rollback(net), 0);
        assert_true(ox_fingerprint(net) == fp);
        assert_int_equal(km_agreement_count(&n, net, NULL), 0);
        assert_int_equal(n, 2);
    }
    km_network_close(net);
}

static void test_joint(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_interest_fields inf;
    km_opportunity *o = NULL;
    km_agreement *a = NULL;
    uint64_t opp, e1, e2, e3, agr1 = 0, agr2 = 0, co[1] = { OX_NGO }, back = 0;
    (void)state;
    ox_fields(&f);
    f.award_mode = KM_AWARD_JOINT;
    f.partners_sought = 3;
    opp = ox_open_call(net, &f);
    e1 = ox_submit(net, opp, OX_BIZ);
    ox_interest_fields(&inf, opp, OX_UNI);
    inf.co_applicants = co;
    inf.co_applicants_count = 1;
    assert_int_equal(km_interest_submit(&e2, net, &inf), 0);
    assert_int_equal(km_interest_consent(net, e2, OX_NGO), 0);
    e3 = ox_submit(net, opp, OX_BUMD);
    assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
    assert_int_equal(km_interest_select(&agr1, net, e1, NULL), 0);
    assert_int_equal(km_interest_select(&agr2, net, e2, NULL), 0);
    assert_int_equal(agr1, agr2);
    assert_int_equal(km_agreement_get(&a, net, agr1), 0);
    assert_int_equal(km_agreement_party_count(a), 4);
    assert_int_equal(km_agreement_party(a, 0), OX_GOV);
    assert_int_equal(km_agreement_party(a, 1), OX_BIZ);
    assert_int_equal(km_agreement_party(a, 2), OX_UNI);
    assert_int_equal(km_agreement_party(a, 3), OX_NGO);
    assert_int_equal(km_agreement_party_roles(a, 3), f.partner_roles);
    km_agreement_free(a);
    assert_int_equal(km_opportunity_get(&o, net, opp), 0);
    assert_int_equal(km_opportunity_agreement_count(o), 1);
    assert_int_equal(km_opportunity_selected_count(o), 2);
    km_opportunity_free(o);
    assert_int_equal(km_opportunity_of_agreement(&back, net, agr1), 0);
    assert_int_equal(back, opp);
    /* Once the joint agreement is past proposal, no one joins it. */
    {
        km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
        uint64_t fp;
        af.start_date = "2024-05-01";
        assert_int_equal(km_agreement_update(net, agr1, &af, KM_AGREEMENT_F_START), 0);
        assert_int_equal(km_agreement_propose(net, agr1, NULL), 0);
        assert_int_equal(km_agreement_sign(net, agr1, OX_GOV), 0);
        assert_int_equal(km_agreement_sign(net, agr1, OX_BIZ), 0);
        assert_int_equal(km_agreement_sign(net, agr1, OX_UNI), 0);
        assert_int_equal(km_agreement_sign(net, agr1, OX_NGO), 0);
        fp = ox_fingerprint(net);
        assert_int_equal(km_interest_select(NULL, net, e3, NULL), KM_ESTATE);
        assert_string_equal(km_error_last_field(), "interest.agreement");
        assert_true(ox_fingerprint(net) == fp);
    }
    km_network_close(net);
}

/* ---- discovery ---- */

static int near(double a, double b) { return fabs(a - b) < 1e-12; }

/* An active agreement between the province and partner (for network and
 * exclude_existing). */
static void active_agreement(km_network *net, uint64_t partner, const char *ref)
{
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    uint64_t ids[2] = { OX_GOV, 0 }, aid = 0;
    uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
    ids[1] = partner;
    af.title = "Kerja sama berjalan";
    af.reference = ref;
    af.type = KM_AGREEMENT_COOPERATION;
    af.start_date = "2024-01-01";
    af.party_ids = ids;
    af.party_roles = roles;
    af.parties_count = 2;
    assert_int_equal(km_agreement_create(&aid, net, &af), 0);
    assert_int_equal(km_agreement_propose(net, aid, NULL), 0);
    assert_int_equal(km_agreement_sign(net, aid, OX_GOV), 0);
    assert_int_equal(km_agreement_sign(net, aid, partner), 0);
    assert_int_equal(km_agreement_activate(net, aid, NULL), 0);
}

static void test_suggest_partners(void **state)
{
    km_network *net = open_fx();
    km_discovery *d = NULL;
    km_match_options o = KM_MATCH_OPTIONS_INIT;
    km_opportunity_fields f;
    uint64_t opp;
    /* The matchmaking's default weights: 0.35 C + 0.15 S + 0.15 R + 0.15 N
     * + 0.20 T; nobody has agreements yet (N = T = 0). Kelompok Tani scores
     * 0, not above the default min_score, and is left out. */
    static const uint64_t order[] = { OX_BIZ, OX_UNI, OX_BUMD, OX_FAR, OX_NGO };
    static const double score[] = { 0.35 + 0.15 + 0.15, 0.35 / 3 + 0.075 + 0.15, 0.35 / 3 + 0.075 + 0.15,
                                    0.35 * 2 / 3 + 0.075, 0.075 + 0.15 };
    size_t i;
    (void)state;
    opp = ox_create(net, NULL); /* a draft: the publisher can look before publishing */
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, NULL), 0);
    assert_int_equal(km_discovery_count(d), 5);
    for (i = 0; i < 5; i++) {
        assert_int_equal(km_discovery_partner(d, i), order[i]);
        assert_int_equal(km_discovery_opportunity(d, i), opp);
        if (!near(km_discovery_score(d, i), score[i]))
            fail_msg("%zu: score %.17g, expected %.17g", i, km_discovery_score(d, i), score[i]);
    }
    /* Components of PT Tirta Jakarta: 2 of 3 capabilities, 1 of 2 sectors, another province. */
    assert_true(near(km_discovery_capability_score(d, 3), 2.0 / 3));
    assert_true(near(km_discovery_sector_score(d, 3), 0.5));
    assert_true(near(km_discovery_region_score(d, 3), 0.0));
    assert_true(near(km_discovery_component(d, 3, KM_MATCH_CAPABILITY), 2.0 / 3));
    assert_true(near(km_discovery_component(d, 3, KM_MATCH_NETWORK), 0.0));
    assert_true(near(km_discovery_component(d, 3, KM_MATCH_TRACK_RECORD), 0.0));
    assert_true(near(km_discovery_component(d, 3, KM_MATCH_COMPONENT__COUNT), 0.0));
    assert_true(near(km_discovery_component(d, 3, -1), 0.0));
    /* Yayasan: no capability, water of water+infrastructure, inside 32.73. */
    assert_true(near(km_discovery_capability_score(d, 4), 0.0));
    assert_true(near(km_discovery_region_score(d, 4), 1.0));
    assert_true(near(km_discovery_score(d, 99), 0.0));
    assert_int_equal(km_discovery_partner(d, 99), 0);
    km_discovery_free(d);
    /* A track record lifts the PDAM above the university (T = 1/2). */
    ox_track_record(net, OX_BUMD, 1);
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, NULL), 0);
    assert_int_equal(km_discovery_partner(d, 1), OX_BUMD);
    assert_true(near(km_discovery_component(d, 1, KM_MATCH_TRACK_RECORD), 0.5));
    assert_true(near(km_discovery_score(d, 1), score[2] + 0.2 * 0.5));
    assert_int_equal(km_discovery_partner(d, 2), OX_UNI);
    km_discovery_free(d);
    /* Partners already working with the publisher: suggested by default,
     * left out with the matchmaking's own default (exclude_existing). */
    active_agreement(net, OX_FAR, "AKTIF/1");
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, NULL), 0);
    assert_int_equal(km_discovery_count(d), 5);
    km_discovery_free(d);
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), 0);
    assert_int_equal(km_discovery_count(d), 4);
    for (i = 0; i < 4; i++) assert_int_not_equal(km_discovery_partner(d, i), OX_FAR);
    km_discovery_free(d);
    /* Other weights change the order; the limit applies after the filters. */
    o.exclude_existing = 0;
    o.w_capability = 0;
    o.w_sector = 0;
    o.w_network = 0;
    o.w_track_record = 0;
    o.w_region = 1;
    o.limit = 3;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), 0);
    assert_int_equal(km_discovery_count(d), 3);
    assert_int_equal(km_discovery_partner(d, 0), OX_BIZ); /* 1.0, ties by id */
    assert_int_equal(km_discovery_partner(d, 1), OX_NGO);
    assert_int_equal(km_discovery_partner(d, 2), OX_UNI);
    km_discovery_free(d);
    /* Those who expressed interest, and the ineligible, are left out. */
    assert_int_equal(km_opportunity_open(net, opp), 0);
    (void)ox_submit(net, opp, OX_BIZ);
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), 0);
    assert_int_equal(km_discovery_count(d), 3);
    assert_int_equal(km_discovery_partner(d, 0), OX_NGO); /* BIZ answered: the next one moves up */
    km_discovery_free(d);
    ox_fields(&f);
    f.eligible_region = "32";
    f.eligible_kinds = ~KM_PARTNER_KIND_BIT(KM_PARTNER_ACADEMIC) & ((1u << KM_PARTNER_KIND__COUNT) - 1);
    {
        uint64_t opp2 = ox_create(net, &f);
        assert_int_equal(km_opportunity_suggest_partners(&d, net, opp2, NULL), 0);
        assert_int_equal(km_discovery_count(d), 3); /* BIZ, BUMD, NGO: not UNI (kind), FAR (31), COM (no region) */
        assert_int_equal(km_discovery_partner(d, 0), OX_BIZ);
        assert_int_equal(km_discovery_partner(d, 1), OX_BUMD);
        assert_int_equal(km_discovery_partner(d, 2), OX_NGO);
        km_discovery_free(d);
        f.eligible_region = "35";
        assert_int_equal(km_opportunity_update(net, opp2, &f, KM_OPPORTUNITY_F_ELIGIBLE_REGION), 0);
        assert_int_equal(km_opportunity_suggest_partners(&d, net, opp2, NULL), 0);
        assert_int_equal(km_discovery_count(d), 0);
        km_discovery_free(d);
    }
    /* Errors, named by the matchmaking. */
    assert_int_equal(km_opportunity_suggest_partners(&d, net, 99, NULL), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_suggest_partners(NULL, net, opp, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_suggest_partners(&d, NULL, opp, NULL), KM_EINVAL);
    o = (km_match_options)KM_MATCH_OPTIONS_INIT;
    o.w_sector = -1;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "options.w_sector");
    o.w_sector = NAN;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), KM_EINVAL);
    o.w_sector = INFINITY;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), KM_EINVAL);
    o = (km_match_options)KM_MATCH_OPTIONS_INIT;
    o.kind = 99;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), KM_EINVAL);
    o.kind = -1;
    o.version = 2;
    assert_int_equal(km_opportunity_suggest_partners(&d, net, opp, &o), KM_EVERSION);
    assert_null(d);
    assert_int_equal(km_discovery_count(NULL), 0);
    assert_true(near(km_discovery_component(NULL, 0, 0), 0.0));
    km_discovery_free(NULL);
    km_network_close(net);
}

static void test_discover(void **state)
{
    km_network *net = open_fx();
    km_discovery *d = NULL;
    km_discovery_options o = KM_DISCOVERY_OPTIONS_INIT;
    km_opportunity_fields f;
    static const char *const health[] = { "health" };
    static const char *const outreach[] = { "community-outreach" };
    uint64_t water, general, sanitation, other_prov, ngo_only, future, biz_only;
    (void)state;
    /* Calls Yayasan Air Sehat (32.73.01, water+health, community-outreach) might answer. */
    water = ox_open_call(net, NULL);                      /* S 1/2, R 1, C 0: 0.35 */
    ox_fields(&f);
    f.sectors_count = 0;
    f.capabilities_count = 0;
    f.region = NULL;
    general = ox_open_call(net, &f);                      /* nothing named: 0 */
    ox_fields(&f);
    f.sectors = health;
    f.sectors_count = 1;
    f.capabilities = outreach;
    f.capabilities_count = 1;
    f.region = "32.73.01";
    sanitation = ox_open_call(net, &f);                   /* 1.0 */
    ox_fields(&f);
    f.region = "31.71";
    other_prov = ox_open_call(net, &f);                   /* S 1/2: 0.15 */
    ox_fields(&f);
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_NGO);
    f.region = "32";
    ngo_only = ox_open_call(net, &f);                     /* S 1/2, R 1/1: 0.35; ties with water by id */
    ox_fields(&f);
    f.opening_date = "2024-03-20";
    future = ox_open_call(net, &f);                       /* not yet accepting on the 10th */
    ox_fields(&f);
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS);
    biz_only = ox_open_call(net, &f);                     /* not eligible */
    (void)ox_create(net, NULL);                           /* a draft: not open */
    assert_int_equal(km_opportunity_discover(&d, net, OX_NGO, NULL), 0);
    assert_int_equal(km_discovery_count(d), 5);
    assert_int_equal(km_discovery_opportunity(d, 0), sanitation);
    assert_true(near(km_discovery_score(d, 0), 1.0));
    assert_int_equal(km_discovery_opportunity(d, 1), water);
    assert_true(near(km_discovery_score(d, 1), 0.35));
    assert_true(near(km_discovery_sector_score(d, 1), 0.5));
    assert_true(near(km_discovery_region_score(d, 1), 1.0));
    assert_int_equal(km_discovery_opportunity(d, 2), ngo_only);
    assert_true(near(km_discovery_score(d, 2), 0.35));
    assert_int_equal(km_discovery_opportunity(d, 3), other_prov);
    assert_true(near(km_discovery_score(d, 3), 0.15));
    assert_int_equal(km_discovery_opportunity(d, 4), general);
    assert_true(near(km_discovery_score(d, 4), 0.0));
    assert_int_equal(km_discovery_partner(d, 0), OX_NGO);
    km_discovery_free(d);
    /* On the 20th the future call accepts interest too. */
    o.as_of_date = "2024-03-20";
    assert_int_equal(km_opportunity_discover(&d, net, OX_NGO, &o), 0);
    assert_int_equal(km_discovery_count(d), 6);
    assert_int_equal(km_discovery_opportunity(d, 1), water); /* 0.35: water, future, ngo_only by id */
    assert_int_equal(km_discovery_opportunity(d, 2), ngo_only);
    assert_int_equal(km_discovery_opportunity(d, 3), future);
    km_discovery_free(d);
    o.as_of_date = "2024-04-01"; /* everything closed by then */
    assert_int_equal(km_opportunity_discover(&d, net, OX_NGO, &o), 0);
    assert_int_equal(km_discovery_count(d), 0);
    km_discovery_free(d);
    /* A call already answered drops out. */
    (void)ox_submit(net, sanitation, OX_NGO);
    assert_int_equal(km_opportunity_discover(&d, net, OX_NGO, NULL), 0);
    assert_int_equal(km_discovery_count(d), 4);
    assert_int_equal(km_discovery_opportunity(d, 0), water);
    km_discovery_free(d);
    /* The business sees its own calls. */
    assert_int_equal(km_opportunity_discover(&d, net, OX_BIZ, NULL), 0);
    assert_int_equal(km_discovery_opportunity(d, 0), water); /* 1.0, then biz_only 1.0 */
    assert_int_equal(km_discovery_opportunity(d, 1), biz_only);
    km_discovery_free(d);
    /* The publisher is never eligible for its own calls. */
    assert_int_equal(km_opportunity_discover(&d, net, OX_GOV, NULL), 0);
    assert_int_equal(km_discovery_count(d), 0);
    km_discovery_free(d);
    /* Errors. */
    assert_int_equal(km_opportunity_discover(&d, net, 99, NULL), KM_ENOTFOUND);
    o.as_of_date = "2024-02-30";
    assert_int_equal(km_opportunity_discover(&d, net, OX_NGO, &o), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "options.as_of_date");
    assert_int_equal(km_opportunity_discover(NULL, net, OX_NGO, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_discover(&d, NULL, OX_NGO, NULL), KM_EINVAL);
    km_network_close(net);
}

/* ---- listings ---- */

static void test_interest_queries(void **state)
{
    km_network *net = open_fx();
    km_interest_query q = KM_INTEREST_QUERY_INIT;
    km_interest_page *p = NULL;
    km_interest_fields f;
    uint64_t opp1, opp2, n = 0, co[1] = { OX_NGO };
    char cursor[64];
    size_t seen = 0;
    (void)state;
    opp1 = ox_open_call(net, NULL);
    opp2 = ox_open_call(net, NULL);
    (void)ox_submit(net, opp1, OX_BIZ);                 /* 1 */
    ox_interest_fields(&f, opp1, OX_UNI);
    f.co_applicants = co;
    f.co_applicants_count = 1;
    assert_int_equal(km_interest_submit(NULL, net, &f), 0); /* 2 */
    (void)ox_submit(net, opp2, OX_BIZ);                 /* 3 */
    (void)ox_submit(net, opp2, OX_NGO);                 /* 4 */
    (void)ox_submit(net, opp2, OX_FAR);                 /* 5 */
    assert_int_equal(km_interest_reject(net, 5, "x"), 0);
    assert_int_equal(km_interest_count(&n, net, NULL), 0);
    assert_int_equal(n, 5);
    q.opportunity_id = opp2;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 3);
    q.status = KM_INTEREST_REJECTED;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 1);
    q.status = -1;
    q.opportunity_id = 0;
    q.partner_id = OX_NGO;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 1);
    q.partner_id = 0;
    q.member_id = OX_NGO;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 2);
    q.member_id = 999;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    q.member_id = 0;
    q.agreement_id = 1;
    assert_int_equal(km_interest_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    q.agreement_id = 0;
    /* Pages of two. */
    q.limit = 2;
    q.cursor = NULL;
    for (;;) {
        size_t i;
        assert_int_equal(km_interest_list(&p, net, &q), 0);
        for (i = 0; i < km_interest_page_count(p); i++)
            assert_int_equal(km_interest_id(km_interest_page_get(p, i)), ++seen);
        if (!km_interest_page_cursor(p)) break;
        snprintf(cursor, sizeof cursor, "%s", km_interest_page_cursor(p));
        q.cursor = cursor;
        km_interest_page_free(p);
    }
    km_interest_page_free(p);
    assert_int_equal(seen, 5);
    /* Bad queries. */
    q.cursor = "o1:1";
    assert_int_equal(km_interest_list(&p, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.status = 5;
    assert_int_equal(km_interest_count(&n, net, &q), KM_EINVAL);
    q.status = -1;
    q.limit = 5000;
    assert_int_equal(km_interest_list(&p, net, &q), KM_EINVAL);
    q.limit = 0;
    q.version = 0;
    assert_int_equal(km_interest_list(&p, net, &q), KM_EVERSION);
    assert_null(p);
    assert_int_equal(km_interest_list(NULL, net, NULL), KM_EINVAL);
    assert_int_equal(km_interest_page_count(NULL), 0);
    assert_null(km_interest_page_get(NULL, 0));
    assert_null(km_interest_page_cursor(NULL));
    km_interest_page_free(NULL);
    km_network_close(net);
}

static void test_interest_time_travel(void **state)
{
    km_storage *st = NULL;
    km_network *net, *past = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    uint64_t opp, e1, seq;
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    net = ox_net(NULL, st);
    assert_non_null(net);
    ox_partners(net);
    opp = ox_open_call(net, NULL);
    e1 = ox_submit(net, opp, OX_BIZ);
    seq = km_network_seq(net);
    assert_int_equal(km_opportunity_close(net, opp, NULL), 0);
    assert_int_equal(km_interest_select(NULL, net, e1, NULL), 0);
    o.as_of_seq = seq;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(ox_eoi_status(past, e1), KM_INTEREST_SUBMITTED);
    {
        km_discovery *d = NULL;
        /* In the view of the past, "today" is the day of its last entry. */
        assert_int_equal(km_opportunity_discover(&d, past, OX_UNI, NULL), 0);
        assert_int_equal(km_discovery_count(d), 1);
        km_discovery_free(d);
    }
    assert_int_equal(km_interest_shortlist(past, e1, NULL), KM_EREADONLY);
    km_network_close(past);
    assert_int_equal(ox_eoi_status(net, e1), KM_INTEREST_SELECTED);
    km_network_close(net);
    km_storage_free(st);
}

/* ---- out of memory ---- */

static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, uint64_t), uint64_t arg)
{
    long n;
    for (n = 1; n < 100000; n++) {
        uint64_t seq = km_network_seq(net), fp = ox_fingerprint(net);
        long refused;
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        refused = ta->failures;
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0 && refused == 0) return;
        if (rc == 0) fail_msg("step %ld: succeeded although an allocation was refused", n);
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        assert_true(km_network_seq(net) == seq);
        assert_true(ox_fingerprint(net) == fp);
    }
    fail_msg("never succeeded");
}

static int op_submit_co(km_network *net, uint64_t partner)
{
    km_interest_fields f;
    uint64_t co[2] = { OX_NGO, OX_UNI };
    ox_interest_fields(&f, 1, partner);
    f.co_applicants = co;
    f.co_applicants_count = partner == OX_BIZ ? 2 : 0;
    f.contribution_quantity = 12;
    f.contribution_unit = "bulan";
    return km_interest_submit(NULL, net, &f);
}
static int op_consent_ngo(km_network *net, uint64_t id) { return km_interest_consent(net, id, OX_NGO); }
static int op_consent_uni(km_network *net, uint64_t id) { return km_interest_consent(net, id, OX_UNI); }
static int op_shortlist(km_network *net, uint64_t id) { return km_interest_shortlist(net, id, "lolos"); }
static int op_reject(km_network *net, uint64_t id) { return km_interest_reject(net, id, "gugur"); }
static int op_withdraw(km_network *net, uint64_t id) { return km_interest_withdraw(net, id, NULL); }
static int op_close(km_network *net, uint64_t id) { return km_opportunity_close(net, id, NULL); }
static int op_select(km_network *net, uint64_t id) { return km_interest_select(NULL, net, id, NULL); }
static int op_select_txn(km_network *net, uint64_t id)
{
    int rc = km_network_begin(net);
    if (rc) return rc;
    rc = km_interest_select(NULL, net, id, NULL);
    if (rc) {
        km_network_rollback(net);
        return rc;
    }
    return km_network_commit(net);
}
static int op_list(km_network *net, uint64_t member)
{
    km_interest_page *p = NULL;
    km_interest_query q = KM_INTEREST_QUERY_INIT;
    int rc;
    q.member_id = member;
    rc = km_interest_list(&p, net, &q);
    km_interest_page_free(p);
    return rc;
}
static int op_get(km_network *net, uint64_t id)
{
    km_interest *e = NULL;
    int rc = km_interest_get(&e, net, id);
    km_interest_free(e);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_opportunity_fields f;
    (void)state;
    km_test_alloc_init(&ta);
    net = ox_net(km_test_alloc_get(&ta), NULL);
    assert_non_null(net);
    ox_partners(net);
    ox_fields(&f);
    f.partners_sought = 3;
    f.award_mode = KM_AWARD_JOINT;
    (void)ox_open_call(net, &f);                 /* 1: joint */
    oom_loop(&ta, net, op_submit_co, OX_BIZ);    /* e1 with NGO and UNI */
    oom_loop(&ta, net, op_submit_co, OX_FAR);    /* e2 */
    oom_loop(&ta, net, op_submit_co, OX_BUMD);   /* e3 */
    oom_loop(&ta, net, op_submit_co, OX_COM);    /* e4 */
    oom_loop(&ta, net, op_consent_ngo, 1);
    oom_loop(&ta, net, op_consent_uni, 1);
    oom_loop(&ta, net, op_shortlist, 1);
    oom_loop(&ta, net, op_reject, 4);
    oom_loop(&ta, net, op_withdraw, 3);
    oom_loop(&ta, net, op_list, OX_NGO);
    oom_loop(&ta, net, op_get, 1);
    oom_loop(&ta, net, op_close, 1);
    oom_loop(&ta, net, op_select, 1);            /* creates the joint agreement */
    oom_loop(&ta, net, op_select_txn, 2);        /* adds FAR to it, inside a transaction */
    assert_int_equal(ox_eoi_status(net, 1), KM_INTEREST_SELECTED);
    assert_int_equal(ox_eoi_status(net, 2), KM_INTEREST_SELECTED);
    assert_int_equal(ox_eoi_status(net, 3), KM_INTEREST_WITHDRAWN);
    assert_int_equal(ox_eoi_status(net, 4), KM_INTEREST_REJECTED);
    {
        km_agreement *a = NULL;
        assert_int_equal(km_agreement_get(&a, net, 1), 0);
        assert_int_equal(km_agreement_party_count(a), 5);
        km_agreement_free(a);
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_submit_get),
        cmocka_unit_test(test_submit_errors),
        cmocka_unit_test(test_eligibility_rules),
        cmocka_unit_test(test_consortium),
        cmocka_unit_test(test_interest_table),
        cmocka_unit_test(test_withdraw_review),
        cmocka_unit_test(test_selection),
        cmocka_unit_test(test_selection_atomic),
        cmocka_unit_test(test_joint),
        cmocka_unit_test(test_suggest_partners),
        cmocka_unit_test(test_discover),
        cmocka_unit_test(test_interest_queries),
        cmocka_unit_test(test_interest_time_travel),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
