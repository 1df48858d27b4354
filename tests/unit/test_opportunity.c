/* Unit tests for partnership opportunities: creation and every field rule,
 * updates (draft and open), the lifecycle state machine (every state x
 * every target), the conditions of each transition, automatic closing by
 * date and km_opportunity_close_due (also inside a caller's transaction),
 * queries with pagination against brute force, time travel, a snapshot
 * round trip against a full replay, out-of-memory loops, the audit trail
 * of a whole call, statistics and labels. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "opportunity_fixture.h"
#include "support/files.h"
#include "support/failalloc.h"
#include "support/counting_store.h"
#include "support/state_hash.h"

static km_network *open_fx(void)
{
    km_network *net = ox_net(NULL, NULL);
    assert_non_null(net);
    ox_partners(net);
    return net;
}

static uint64_t n_opps(km_network *net)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    return st.opportunities;
}

static char last_msg[512];

/* Creating with f must fail with code and field; nothing changes. The
 * message is kept in last_msg. */
static void create_fails(km_network *net, const km_opportunity_fields *f, int code, const char *field)
{
    uint64_t seq = km_network_seq(net), n = n_opps(net), id = 77;
    int rc = km_opportunity_create(&id, net, f);
    snprintf(last_msg, sizeof last_msg, "%s", km_error_last_message(KM_LANG_EN));
    if (rc != code) fail_msg("expected %d, got %d: %s", code, rc, km_error_last_message(KM_LANG_EN));
    if (code == 0) {
        assert_true(km_network_seq(net) == seq + 1);
        assert_true(n_opps(net) == n + 1);
        return;
    }
    if (field) assert_string_equal(km_error_last_field(), field);
    assert_true(km_error_last_message(KM_LANG_ID)[0] != '\0');
    assert_true(km_network_seq(net) == seq);
    assert_true(n_opps(net) == n);
}

static void test_create_get(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_opportunity *o = NULL;
    uint64_t id = 0;
    (void)state;
    ox_fields(&f);
    f.grant_ceiling = 250000000000LL;
    f.currency = "IDR";
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS) | KM_PARTNER_KIND_BIT(KM_PARTNER_STATE_ENTERPRISE);
    f.eligible_region = "32";
    f.min_completed = 2;
    f.partners_sought = 3;
    f.award_mode = KM_AWARD_JOINT;
    assert_int_equal(km_opportunity_create(&id, net, &f), 0);
    assert_int_equal(id, 1);
    assert_int_equal(km_opportunity_get(&o, net, id), 0);
    assert_int_equal(km_opportunity_id(o), 1);
    assert_int_equal(km_opportunity_publisher(o), OX_GOV);
    assert_string_equal(km_opportunity_title(o), "Penjajakan minat SPAM Regional Bandung Raya");
    assert_string_equal(km_opportunity_description(o), f.description);
    assert_int_equal(km_opportunity_agreement_type(o), KM_AGREEMENT_PPP);
    assert_int_equal(km_opportunity_framework_id(o), 0);
    assert_int_equal(km_opportunity_sector_count(o), 2);
    assert_string_equal(km_opportunity_sector(o, 1), "infrastructure");
    assert_null(km_opportunity_sector(o, 2));
    assert_string_equal(km_opportunity_region(o), "32.73");
    assert_int_equal(km_opportunity_capability_count(o), 3);
    assert_string_equal(km_opportunity_capability(o, 2), "operations");
    assert_null(km_opportunity_capability(o, 3));
    assert_true(km_opportunity_grant_ceiling(o) == 250000000000LL);
    assert_string_equal(km_opportunity_currency(o), "IDR");
    assert_string_equal(km_opportunity_assistance(o), "Pendampingan penyiapan proyek");
    assert_true(km_opportunity_assistance_quantity(o) == 40);
    assert_string_equal(km_opportunity_assistance_unit(o), "person-day");
    assert_int_equal(km_opportunity_eligible_kinds(o), f.eligible_kinds);
    assert_string_equal(km_opportunity_eligible_region(o), "32");
    assert_int_equal(km_opportunity_min_completed(o), 2);
    assert_int_equal(km_opportunity_partners_sought(o), 3);
    assert_string_equal(km_opportunity_opening_date(o), "2024-03-01");
    assert_string_equal(km_opportunity_closing_date(o), "2024-03-31");
    assert_int_equal(km_opportunity_partner_roles(o), KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING);
    assert_int_equal(km_opportunity_publisher_roles(o), KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_ACCOUNTABLE);
    assert_int_equal(km_opportunity_award_mode(o), KM_AWARD_JOINT);
    assert_int_equal(km_opportunity_no_open_disputes(o), 0);
    assert_int_equal(km_opportunity_status_of(o), KM_OPPORTUNITY_DRAFT);
    assert_null(km_opportunity_status_reason(o));
    assert_null(km_opportunity_closed_as_of(o));
    assert_int_equal(km_opportunity_selected_count(o), 0);
    assert_int_equal(km_opportunity_agreement_count(o), 0);
    assert_int_equal(km_opportunity_agreement(o, 0), 0);
    assert_int_equal(km_opportunity_version(o), 1);
    assert_true(km_opportunity_created(o) > 0 && km_opportunity_updated(o) == km_opportunity_created(o));
    km_opportunity_free(o);

    /* NULL-safe accessors. */
    assert_int_equal(km_opportunity_id(NULL), 0);
    assert_null(km_opportunity_title(NULL));
    assert_int_equal(km_opportunity_status_of(NULL), -1);
    assert_int_equal(km_opportunity_award_mode(NULL), -1);
    assert_int_equal(km_opportunity_no_open_disputes(NULL), 0);
    assert_int_equal(km_opportunity_agreement_type(NULL), -1);
    assert_null(km_opportunity_opening_date(NULL));
    assert_int_equal(km_opportunity_status_on(NULL, "2024-01-01"), -1);
    assert_int_equal(km_opportunity_accepting_on(NULL, "2024-01-01"), -1);
    km_opportunity_free(NULL);

    /* Minimal: optional fields unset. */
    {
        km_opportunity_fields m = KM_OPPORTUNITY_FIELDS_INIT;
        m.publisher_id = OX_GOV;
        m.title = "Hibah riset air";
        m.agreement_type = KM_AGREEMENT_GRANT;
        m.opening_date = "2024-04-01";
        m.closing_date = "2024-04-01";
        assert_int_equal(km_opportunity_create(&id, net, &m), 0);
        assert_int_equal(km_opportunity_get(&o, net, id), 0);
        assert_null(km_opportunity_description(o));
        assert_null(km_opportunity_region(o));
        assert_null(km_opportunity_currency(o));
        assert_null(km_opportunity_assistance(o));
        assert_null(km_opportunity_assistance_unit(o));
        assert_null(km_opportunity_eligible_region(o));
        assert_int_equal(km_opportunity_partners_sought(o), 1);
        assert_int_equal(km_opportunity_partner_roles(o), KM_ROLE_IMPLEMENTING);
        assert_int_equal(km_opportunity_publisher_roles(o), KM_ROLE_ACCOUNTABLE);
        assert_int_equal(km_opportunity_award_mode(o), KM_AWARD_SEPARATE);
        km_opportunity_free(o);
    }

    assert_int_equal(km_opportunity_get(&o, net, 99), KM_ENOTFOUND);
    assert_null(o);
    assert_int_equal(km_opportunity_get(NULL, net, 1), KM_EINVAL);
    assert_int_equal(km_opportunity_get(&o, NULL, 1), KM_EINVAL);
    km_network_close(net);
}

static void test_create_errors(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    static const char *const bad_tags[] = { "Water" };
    static const char *const dup_tags[] = { "water", "water" };
    char long_title[KM_OPPORTUNITY_TITLE_MAX + 2];
    (void)state;
    memset(long_title, 'a', sizeof long_title - 1);
    long_title[sizeof long_title - 1] = '\0';

    assert_int_equal(km_opportunity_create(NULL, net, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_create(NULL, NULL, NULL), KM_EINVAL);
    ox_fields(&f);
    f.version = 99;
    create_fails(net, &f, KM_EVERSION, "fields.version");
#define CASE(stmt, code, field) do { ox_fields(&f); stmt; create_fails(net, &f, code, field); } while (0)
    CASE(f.publisher_id = 0, KM_ENOTFOUND, "opportunity.publisher_id");
    CASE(f.publisher_id = 42, KM_ENOTFOUND, "opportunity.publisher_id");
    CASE(f.title = NULL, KM_EINVAL, "opportunity.title");
    CASE(f.title = "   ", KM_EINVAL, "opportunity.title");
    CASE(f.title = "dua\nbaris", KM_EINVAL, "opportunity.title");
    CASE(f.title = long_title, KM_EINVAL, "opportunity.title");
    CASE(f.title = "\xff\xfe", KM_EINVAL, "opportunity.title");
    CASE(f.agreement_type = KM_AGREEMENT_TYPE__COUNT, KM_EINVAL, "opportunity.agreement_type");
    CASE(f.agreement_type = -1, KM_EINVAL, "opportunity.agreement_type");
    CASE(f.framework_id = 5, KM_ENOTFOUND, "opportunity.framework_id");
    CASE((f.sectors = bad_tags, f.sectors_count = 1), KM_EINVAL, "opportunity.sectors");
    CASE((f.capabilities = dup_tags, f.capabilities_count = 2), KM_EINVAL, "opportunity.capabilities");
    CASE((f.capabilities = NULL, f.capabilities_count = 1), KM_EINVAL, "opportunity.capabilities");
    CASE(f.region = "3273", KM_EINVAL, "opportunity.region");
    CASE(f.grant_ceiling = 100, KM_EINVAL, "opportunity.currency");
    CASE((f.grant_ceiling = 0, f.currency = "IDR"), KM_EINVAL, "opportunity.grant_ceiling");
    CASE((f.grant_ceiling = -5, f.currency = "IDR"), KM_EINVAL, "opportunity.grant_ceiling");
    CASE((f.grant_ceiling = 5, f.currency = "XXY"), KM_EINVAL, "opportunity.currency");
    CASE((f.grant_ceiling = 5, f.currency = "idr"), KM_EINVAL, "opportunity.currency");
    CASE(f.assistance_unit = NULL, KM_EINVAL, "opportunity.assistance_unit");
    CASE(f.assistance_quantity = 0, KM_EINVAL, "opportunity.assistance_quantity");
    CASE(f.assistance_quantity = -1, KM_EINVAL, "opportunity.assistance_quantity");
    CASE(f.assistance = "", KM_OK, NULL); /* "" = unset: allowed */
    CASE(f.eligible_kinds = 1u << KM_PARTNER_KIND__COUNT, KM_EINVAL, "opportunity.eligible_kinds");
    CASE(f.eligible_region = "32.7", KM_EINVAL, "opportunity.eligible_region");
    CASE(f.partners_sought = 0, KM_EINVAL, "opportunity.partners_sought");
    CASE(f.partners_sought = KM_OPPORTUNITY_PARTNERS_SOUGHT_MAX + 1, KM_EINVAL, "opportunity.partners_sought");
    CASE(f.opening_date = NULL, KM_EINVAL, "opportunity.opening_date");
    CASE(f.closing_date = NULL, KM_EINVAL, "opportunity.closing_date");
    CASE(f.opening_date = "2024-02-30", KM_EINVAL, "opportunity.opening_date");
    CASE(f.closing_date = "2024-02-29", KM_EINVAL, "opportunity.closing_date"); /* before the opening */
    CASE(f.partner_roles = 0, KM_EINVAL, "opportunity.partner_roles");
    CASE(f.partner_roles = 0x8000, KM_EINVAL, "opportunity.partner_roles");
    CASE(f.publisher_roles = 0, KM_EINVAL, "opportunity.publisher_roles");
    CASE(f.award_mode = 2, KM_EINVAL, "opportunity.award_mode");
    CASE(f.award_mode = -1, KM_EINVAL, "opportunity.award_mode");
#undef CASE
    /* A framework that does not allow the type. */
    {
        km_framework_spec *spec = NULL;
        assert_int_equal(km_framework_spec_new(&spec, "Permendagri 22/2020 kerja sama daerah", NULL), 0);
        assert_int_equal(km_framework_spec_allow_type(spec, KM_AGREEMENT_COOPERATION), 0);
        assert_int_equal(km_framework_create(NULL, net, spec), 0);
        km_framework_spec_free(spec);
        ox_fields(&f);
        f.framework_id = 1;
        create_fails(net, &f, KM_EINVAL, "opportunity.agreement_type");
        assert_non_null(strstr(last_msg, "does not allow"));
        f.agreement_type = KM_AGREEMENT_COOPERATION;
        create_fails(net, &f, KM_OK, NULL);
    }
    /* The publisher must be active. */
    assert_int_equal(km_partner_set_status(net, OX_NGO, KM_PARTNER_SUSPENDED, "audit"), 0);
    ox_fields(&f);
    f.publisher_id = OX_NGO;
    create_fails(net, &f, KM_ESTATE, "opportunity.publisher_id");
    /* Actor rule: the publisher itself or an administrator. */
    ox_fields(&f);
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_BIZ]), 0);
    create_fails(net, &f, KM_EDENIED, "opportunity.create");
    assert_non_null(strstr(last_msg, "ID-KEMENDAGRI-32"));
    assert_int_equal(km_network_set_actor(net, ""), 0);
    create_fails(net, &f, KM_EDENIED, "opportunity.create");
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_GOV]), 0);
    create_fails(net, &f, KM_OK, NULL);
    km_network_close(net);

    /* Read-only handle. */
    {
        km_network_options o = KM_NETWORK_OPTIONS_INIT;
        o.read_only = 1;
        assert_int_equal(km_network_open(&net, NULL, &o), 0);
        ox_fields(&f);
        assert_int_equal(km_opportunity_create(NULL, net, &f), KM_EREADONLY);
        km_network_close(net);
    }
}

static int deny_interest_select(void *payload, const km_auth_request *req, char *reason, size_t size)
{
    (void)payload;
    if (strcmp(req->operation, (const char *)"opportunity.update") == 0) {
        snprintf(reason, size, "frozen");
        return 1;
    }
    return 0;
}

static void test_update(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f, u = KM_OPPORTUNITY_FIELDS_INIT;
    km_opportunity *o = NULL;
    static const char *const caps[] = { "operations" };
    uint64_t id, seq;
    (void)state;
    ox_fields(&f);
    id = ox_create(net, &f);
    /* A draft can change any field; unselected fields keep their value. */
    u.title = "Judul baru";
    u.capabilities = caps;
    u.capabilities_count = 1;
    u.region = NULL; /* cleared */
    u.partners_sought = 2;
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_TITLE | KM_OPPORTUNITY_F_CAPABILITIES |
                                                           KM_OPPORTUNITY_F_REGION | KM_OPPORTUNITY_F_PARTNERS_SOUGHT),
                     0);
    assert_int_equal(km_opportunity_get(&o, net, id), 0);
    assert_string_equal(km_opportunity_title(o), "Judul baru");
    assert_int_equal(km_opportunity_capability_count(o), 1);
    assert_null(km_opportunity_region(o));
    assert_int_equal(km_opportunity_partners_sought(o), 2);
    assert_int_equal(km_opportunity_sector_count(o), 2);
    assert_string_equal(km_opportunity_closing_date(o), "2024-03-31");
    assert_int_equal(km_opportunity_version(o), 2);
    assert_true(km_opportunity_updated(o) > km_opportunity_created(o));
    km_opportunity_free(o);
    /* Mask errors. */
    seq = km_network_seq(net);
    assert_int_equal(km_opportunity_update(net, id, &u, 0), KM_EINVAL);
    assert_int_equal(km_opportunity_update(net, id, &u, 0x40000), KM_EINVAL);
    assert_int_equal(km_opportunity_update(net, id, NULL, KM_OPPORTUNITY_F_TITLE), KM_EINVAL);
    assert_int_equal(km_opportunity_update(net, 99, &u, KM_OPPORTUNITY_F_TITLE), KM_ENOTFOUND);
    u.title = NULL;
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_TITLE), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "opportunity.title");
    u.closing_date = "2024-02-01";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_CLOSING), KM_EINVAL);
    assert_true(km_network_seq(net) == seq);
    /* Actor rule. */
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_BIZ]), 0);
    u.description = "x";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_DESCRIPTION), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_GOV]), 0);
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_DESCRIPTION), 0);
    /* The authorizer can refuse too. */
    assert_int_equal(km_network_set_authorizer(net, deny_interest_select, NULL), 0);
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_DESCRIPTION), KM_EDENIED);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "frozen"));
    assert_int_equal(km_network_set_authorizer(net, NULL, NULL), 0);
    assert_int_equal(km_network_set_actor(net, "admin:test"), 0);

    /* Open: only the description and an extension of the closing date. */
    assert_int_equal(km_opportunity_open(net, id), 0);
    u.title = "Judul lain";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_TITLE), KM_ESTATE);
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_TITLE | KM_OPPORTUNITY_F_DESCRIPTION),
                     KM_ESTATE);
    u.closing_date = "2024-03-20";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_CLOSING), KM_EINVAL);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "only move later"));
    u.closing_date = "2024-04-15";
    u.description = "Diperpanjang";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_CLOSING | KM_OPPORTUNITY_F_DESCRIPTION), 0);
    assert_int_equal(km_opportunity_get(&o, net, id), 0);
    assert_string_equal(km_opportunity_closing_date(o), "2024-04-15");
    assert_string_equal(km_opportunity_description(o), "Diperpanjang");
    km_opportunity_free(o);
    /* Once the closing date has passed it cannot be extended any more. */
    ox_day("2024-04-16");
    u.closing_date = "2024-05-01";
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_CLOSING), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.closing_date");
    /* Closed, awarded, cancelled: no edits. */
    assert_int_equal(km_opportunity_close(net, id, NULL), 0);
    assert_int_equal(km_opportunity_update(net, id, &u, KM_OPPORTUNITY_F_DESCRIPTION), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.status");
    km_network_close(net);
}

/* ---- lifecycle table ---- */

static int legal(int from, int to)
{
    switch (from) {
    case KM_OPPORTUNITY_DRAFT: return to == KM_OPPORTUNITY_OPEN || to == KM_OPPORTUNITY_CANCELLED;
    case KM_OPPORTUNITY_OPEN: return to == KM_OPPORTUNITY_CLOSED || to == KM_OPPORTUNITY_CANCELLED;
    case KM_OPPORTUNITY_CLOSED: return to == KM_OPPORTUNITY_AWARDED || to == KM_OPPORTUNITY_CANCELLED;
    default: return 0;
    }
}

/* A fresh opportunity driven to status; with_selection: one expression
 * selected on the way (needed to award). */
static uint64_t drive(km_network *net, int status, int with_selection)
{
    uint64_t id = ox_create(net, NULL), eoi = 0;
    if (status == KM_OPPORTUNITY_DRAFT) return id;
    if (status == KM_OPPORTUNITY_CANCELLED) {
        assert_int_equal(km_opportunity_cancel(net, id, "tidak jadi"), 0);
        return id;
    }
    assert_int_equal(km_opportunity_open(net, id), 0);
    if (with_selection) eoi = ox_submit(net, id, OX_BIZ);
    if (status == KM_OPPORTUNITY_OPEN) return id;
    assert_int_equal(km_opportunity_close(net, id, NULL), 0);
    if (with_selection) assert_int_equal(km_interest_select(NULL, net, eoi, NULL), 0);
    if (status == KM_OPPORTUNITY_CLOSED) return id;
    assert_int_equal(km_opportunity_award(net, id, NULL), 0);
    return id;
}

static void test_transition_table(void **state)
{
    km_network *net = open_fx();
    int from, to;
    (void)state;
    for (from = 0; from < KM_OPPORTUNITY_STATUS__COUNT; from++) {
        for (to = 0; to < KM_OPPORTUNITY_STATUS__COUNT; to++) {
            int sel = from == KM_OPPORTUNITY_AWARDED || (from == KM_OPPORTUNITY_CLOSED && to == KM_OPPORTUNITY_AWARDED);
            uint64_t id = drive(net, from, sel), seq = km_network_seq(net);
            int rc = km_opportunity_transition(net, id, to, "alasan");
            if (legal(from, to)) {
                if (rc != 0)
                    fail_msg("%s -> %s: %d %s", km_opportunity_status_label(from, KM_LANG_EN),
                             km_opportunity_status_label(to, KM_LANG_EN), rc, km_error_last_message(KM_LANG_EN));
                assert_int_equal(ox_opp_status(net, id), to);
            } else {
                if (rc != KM_ESTATE)
                    fail_msg("%s -> %s: expected KM_ESTATE, got %d", km_opportunity_status_label(from, KM_LANG_EN),
                             km_opportunity_status_label(to, KM_LANG_EN), rc);
                assert_string_equal(km_error_last_field(), "opportunity.status");
                /* The message names the current state and the allowed ones. */
                assert_non_null(strstr(km_error_last_message(KM_LANG_EN), km_opportunity_status_label(from, KM_LANG_EN)));
                assert_non_null(strstr(km_error_last_message(KM_LANG_ID), km_opportunity_status_label(from, KM_LANG_ID)));
                assert_int_equal(ox_opp_status(net, id), from);
                assert_true(km_network_seq(net) == seq);
            }
        }
    }
    assert_int_equal(km_opportunity_transition(net, 1, 9, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_transition(net, 1, -1, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_transition(net, 999, KM_OPPORTUNITY_OPEN, NULL), KM_ENOTFOUND);
    km_network_close(net);
}

static void test_transition_rules(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_opportunity *o = NULL;
    uint64_t id, eoi;
    (void)state;
    /* Opening needs an active publisher. */
    id = ox_create(net, NULL);
    assert_int_equal(km_partner_set_status(net, OX_GOV, KM_PARTNER_SUSPENDED, "audit BPK"), 0);
    assert_int_equal(km_opportunity_open(net, id), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.publisher_id");
    assert_int_equal(km_partner_set_status(net, OX_GOV, KM_PARTNER_ACTIVE, NULL), 0);
    /* ... and a closing date not yet passed. */
    ox_fields(&f);
    f.opening_date = "2024-01-01";
    f.closing_date = "2024-03-09"; /* the clock says 2024-03-10 */
    id = ox_create(net, &f);
    assert_int_equal(km_opportunity_open(net, id), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.closing_date");
    f.closing_date = "2024-03-10"; /* the last day is still open */
    id = ox_create(net, &f);
    assert_int_equal(km_opportunity_open(net, id), 0);
    /* Actor rule on transitions. */
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_BIZ]), 0);
    assert_int_equal(km_opportunity_close(net, id, NULL), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, ox_ext[OX_GOV]), 0);
    assert_int_equal(km_opportunity_close(net, id, "ditutup lebih awal"), 0);
    assert_int_equal(km_opportunity_get(&o, net, id), 0);
    assert_string_equal(km_opportunity_status_reason(o), "ditutup lebih awal");
    assert_null(km_opportunity_closed_as_of(o));
    km_opportunity_free(o);
    /* Awarding needs a selection. */
    assert_int_equal(km_opportunity_award(net, id, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.selected");
    /* Cancelling needs a reason, and no selection. */
    assert_int_equal(km_opportunity_cancel(net, id, NULL), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "opportunity.reason");
    assert_int_equal(km_opportunity_cancel(net, id, ""), KM_EINVAL);
    assert_int_equal(km_network_set_actor(net, "admin:test"), 0);
    id = ox_open_call(net, NULL);
    eoi = ox_submit(net, id, OX_BIZ);
    assert_int_equal(km_opportunity_close(net, id, NULL), 0);
    assert_int_equal(km_interest_select(NULL, net, eoi, NULL), 0);
    assert_int_equal(km_opportunity_cancel(net, id, "anggaran dipotong"), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.selected");
    assert_int_equal(km_opportunity_award(net, id, "ditetapkan"), 0);
    assert_int_equal(ox_opp_status(net, id), KM_OPPORTUNITY_AWARDED);
    km_network_close(net);
}

/* ---- closing by date ---- */

static int deny_second_close(void *payload, const km_auth_request *req, char *reason, size_t size)
{
    int *calls = (int *)payload;
    (void)reason;
    (void)size;
    if (strcmp(req->operation, "opportunity.transition") == 0 && ++*calls == 2) return 1;
    return 0;
}

static void test_close_by_date(void **state)
{
    km_network *net = open_fx();
    km_opportunity_fields f;
    km_opportunity *o = NULL;
    km_interest_fields inf;
    km_opportunity_query q = KM_OPPORTUNITY_QUERY_INIT;
    uint64_t a, b, c, n = 0, seq;
    int calls = 0;
    (void)state;
    ox_fields(&f);
    f.closing_date = "2024-03-15";
    a = ox_open_call(net, &f);              /* closes for interest after the 15th */
    f.closing_date = "2024-03-20";
    b = ox_open_call(net, &f);
    f.closing_date = "2024-04-30";
    c = ox_open_call(net, &f);
    assert_int_equal(km_opportunity_get(&o, net, a), 0);
    assert_int_equal(km_opportunity_status_on(o, "2024-03-15"), KM_OPPORTUNITY_OPEN);
    assert_int_equal(km_opportunity_status_on(o, "2024-03-16"), KM_OPPORTUNITY_CLOSED);
    assert_int_equal(km_opportunity_status_on(o, "2024-13-01"), -1);
    assert_int_equal(km_opportunity_accepting_on(o, "2024-02-29"), 0); /* before the opening */
    assert_int_equal(km_opportunity_accepting_on(o, "2024-03-01"), 1);
    assert_int_equal(km_opportunity_accepting_on(o, "2024-03-15"), 1);
    assert_int_equal(km_opportunity_accepting_on(o, "2024-03-16"), 0);
    km_opportunity_free(o);

    /* On the 16th the first is closed for new interest, though no close was recorded. */
    ox_day("2024-03-16");
    ox_interest_fields(&inf, a, OX_BIZ);
    seq = km_network_seq(net);
    assert_int_equal(km_interest_submit(NULL, net, &inf), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "opportunity.closing_date");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "2024-03-15"));
    assert_true(km_network_seq(net) == seq);
    assert_int_equal(ox_opp_status(net, a), KM_OPPORTUNITY_OPEN); /* recorded state unchanged */
    ox_interest_fields(&inf, b, OX_BIZ);
    assert_int_equal(km_interest_submit(NULL, net, &inf), 0);
    /* Just before midnight WIB of the last day is still the last day; a
     * minute after (17:01 UTC) it is the next day. */
    {
        int32_t d = 0;
        assert_true(km__date_parse("2024-03-20", 10, &d));
        ox_now = (int64_t)d * 86400 * 1000000 + (int64_t)(16 * 3600 + 58 * 60) * 1000000; /* 23:58 WIB */
        ox_interest_fields(&inf, b, OX_UNI);
        assert_int_equal(km_interest_submit(NULL, net, &inf), 0);
        ox_now = (int64_t)d * 86400 * 1000000 + (int64_t)(17 * 3600 + 60) * 1000000; /* 00:01 WIB the 21st */
        ox_interest_fields(&inf, b, OX_FAR);
        assert_int_equal(km_interest_submit(NULL, net, &inf), KM_ESTATE);
    }

    /* Queries on a date treat it as closed. */
    q.status = KM_OPPORTUNITY_CLOSED;
    q.status_as_of = "2024-03-21";
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 2);
    q.status = KM_OPPORTUNITY_OPEN;
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 1);
    q.status_as_of = NULL;
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 3); /* recorded state */
    q.status = -1;
    q.open_on = "2024-03-18";
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 2);
    q.open_on = "2024-02-01";
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    q.open_on = "2024-3-1";
    assert_int_equal(km_opportunity_count(&n, net, &q), KM_EINVAL);
    q.open_on = NULL;
    q.status_as_of = "x";
    q.status = KM_OPPORTUNITY_OPEN;
    assert_int_equal(km_opportunity_count(&n, net, &q), KM_EINVAL);

    /* close_due records the closes, in one entry, with the date. */
    assert_int_equal(km_opportunity_close_due(&n, net, "2024-03-16"), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ox_opp_status(net, a), KM_OPPORTUNITY_CLOSED);
    assert_int_equal(km_opportunity_get(&o, net, a), 0);
    assert_string_equal(km_opportunity_closed_as_of(o), "2024-03-16");
    km_opportunity_free(o);
    seq = km_network_seq(net);
    assert_int_equal(km_opportunity_close_due(&n, net, "2024-03-16"), 0); /* nothing more due */
    assert_int_equal(n, 0);
    assert_true(km_network_seq(net) == seq);
    assert_int_equal(km_opportunity_close_due(&n, net, NULL), KM_EINVAL);
    assert_int_equal(km_opportunity_close_due(&n, net, "2024-02-30"), KM_EINVAL);
    assert_int_equal(km_opportunity_close_due(&n, NULL, "2024-03-16"), KM_EINVAL);
    /* A close by date before the closing date is refused (the op itself). */
    assert_int_equal(ox_opp_status(net, c), KM_OPPORTUNITY_OPEN);

    /* Inside a caller's transaction a failure takes back only its own
     * changes: the caller's earlier change stays and can be committed. */
    ox_fields(&f);
    f.closing_date = "2024-03-25";
    ox_day("2024-03-21");
    {
        uint64_t d = ox_open_call(net, &f), e;
        (void)d;
        ox_day("2024-05-02"); /* now b (20th), d (25th) and c (30 April) are due */
        assert_int_equal(km_network_begin(net), 0);
        e = ox_create(net, NULL); /* the caller's own change */
        assert_int_equal(km_network_set_authorizer(net, deny_second_close, &calls), 0);
        assert_int_equal(km_opportunity_close_due(&n, net, "2024-05-01"), KM_EDENIED);
        assert_int_equal(n, 0);
        assert_int_equal(km_network_set_authorizer(net, NULL, NULL), 0);
        assert_int_equal(ox_opp_status(net, b), KM_OPPORTUNITY_OPEN); /* the first close was taken back */
        assert_int_equal(ox_opp_status(net, e), KM_OPPORTUNITY_DRAFT);
        assert_int_equal(km_opportunity_close_due(&n, net, "2024-05-01"), 0);
        assert_int_equal(n, 3);
        seq = km_network_seq(net);
        assert_int_equal(km_network_commit(net), 0);
        assert_true(km_network_seq(net) == seq + 1);
        assert_int_equal(ox_opp_status(net, e), KM_OPPORTUNITY_DRAFT);
        assert_int_equal(ox_opp_status(net, c), KM_OPPORTUNITY_CLOSED);
    }
    /* The date of a close stays with the opportunity after it moves on
     * (cancelled here; awarded likewise). */
    assert_int_equal(km_opportunity_cancel(net, a, "tidak ada peminat"), 0);
    assert_int_equal(km_opportunity_get(&o, net, a), 0);
    assert_int_equal(km_opportunity_status_of(o), KM_OPPORTUNITY_CANCELLED);
    assert_string_equal(km_opportunity_closed_as_of(o), "2024-03-16");
    km_opportunity_free(o);
    km_network_close(net);
}

/* ---- queries against brute force ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static const char *const q_sectors[] = { "water", "health", "energy", "education" };
static const char *const q_caps[] = { "engineering", "financing", "research", "operations" };
static const char *const q_regions[] = { "32", "32.73", "32.73.01", "31.71", "35.78", NULL };

static void build_many(km_network *net, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        km_opportunity_fields f;
        const char *sec[2], *cap[2];
        char open[11], close[11];
        uint64_t id;
        int st = (int)(next_rand() % 5), day = 1 + (int)(next_rand() % 28);
        ox_fields(&f);
        f.publisher_id = 1 + next_rand() % 3 == 1 ? OX_GOV : (next_rand() % 2 ? OX_UNI : OX_BUMD);
        f.agreement_type = (int)(next_rand() % KM_AGREEMENT_TYPE__COUNT);
        sec[0] = q_sectors[next_rand() % 4];
        sec[1] = q_sectors[next_rand() % 4];
        f.sectors = sec;
        f.sectors_count = sec[0] == sec[1] ? 1 : 2;
        cap[0] = q_caps[next_rand() % 4];
        f.capabilities = cap;
        f.capabilities_count = next_rand() % 2;
        f.region = q_regions[next_rand() % 6];
        snprintf(open, sizeof open, "2024-03-%02d", day);
        snprintf(close, sizeof close, "2024-%02d-%02d", 3 + (int)(next_rand() % 3), day);
        f.opening_date = open;
        f.closing_date = close;
        id = ox_create(net, &f);
        if (st == KM_OPPORTUNITY_DRAFT) continue;
        if (st == KM_OPPORTUNITY_CANCELLED) {
            assert_int_equal(km_opportunity_cancel(net, id, "batal"), 0);
            continue;
        }
        assert_int_equal(km_opportunity_open(net, id), 0);
        if (st >= KM_OPPORTUNITY_CLOSED) assert_int_equal(km_opportunity_close(net, id, NULL), 0);
    }
}

static int has_tag(const km_opportunity *o, int sector, const char *t)
{
    size_t i, n = sector ? km_opportunity_sector_count(o) : km_opportunity_capability_count(o);
    for (i = 0; i < n; i++)
        if (strcmp(sector ? km_opportunity_sector(o, i) : km_opportunity_capability(o, i), t) == 0) return 1;
    return 0;
}

static int brute_match(const km_opportunity *o, const km_opportunity_query *q)
{
    if (q->publisher_id && km_opportunity_publisher(o) != q->publisher_id) return 0;
    if (q->framework_id && km_opportunity_framework_id(o) != q->framework_id) return 0;
    if (q->agreement_type != -1 && km_opportunity_agreement_type(o) != q->agreement_type) return 0;
    if (q->status != -1) {
        int st = q->status_as_of ? km_opportunity_status_on(o, q->status_as_of) : km_opportunity_status_of(o);
        if (st != q->status) return 0;
    }
    if (q->sector && !has_tag(o, 1, q->sector)) return 0;
    if (q->capability && !has_tag(o, 0, q->capability)) return 0;
    if (q->region_prefix) {
        const char *r = km_opportunity_region(o);
        size_t n = strlen(q->region_prefix);
        if (!r || strncmp(r, q->region_prefix, n) != 0 || (r[n] != '\0' && r[n] != '.')) return 0;
    }
    if (q->open_on && km_opportunity_accepting_on(o, q->open_on) != 1) return 0;
    return 1;
}

static void check_query(km_network *net, km_opportunity_query *q, uint64_t total)
{
    uint64_t id, expect = 0, got = 0, count = 0, last = 0;
    const char *cursor = NULL;
    char cur[64];
    for (id = 1; id <= total; id++) {
        km_opportunity *o = NULL;
        assert_int_equal(km_opportunity_get(&o, net, id), 0);
        expect += (uint64_t)brute_match(o, q);
        km_opportunity_free(o);
    }
    assert_int_equal(km_opportunity_count(&count, net, q), 0);
    assert_int_equal(count, expect);
    q->limit = 7;
    for (;;) {
        km_opportunity_page *p = NULL;
        size_t i;
        q->cursor = cursor;
        assert_int_equal(km_opportunity_list(&p, net, q), 0);
        for (i = 0; i < km_opportunity_page_count(p); i++) {
            const km_opportunity *o = km_opportunity_page_get(p, i);
            assert_true(brute_match(o, q));
            assert_true(km_opportunity_id(o) > last);
            last = km_opportunity_id(o);
            got++;
        }
        if (!km_opportunity_page_cursor(p)) {
            km_opportunity_page_free(p);
            break;
        }
        assert_int_equal(km_opportunity_page_count(p), 7);
        snprintf(cur, sizeof cur, "%s", km_opportunity_page_cursor(p));
        cursor = cur;
        km_opportunity_page_free(p);
    }
    assert_int_equal(got, expect);
    q->cursor = NULL;
    q->limit = 0;
}

static void test_queries(void **state)
{
    km_network *net = ox_net(NULL, NULL);
    km_opportunity_query q = KM_OPPORTUNITY_QUERY_INIT;
    km_opportunity_page *p = NULL;
    const int total = 240;
    int i, st;
    (void)state;
    ox_day("2024-02-15"); /* before every opening date (entry times never go back) */
    ox_partners(net);
    build_many(net, total);
    check_query(net, &q, total);
    for (st = 0; st < KM_OPPORTUNITY_STATUS__COUNT; st++) {
        q.status = st;
        check_query(net, &q, total);
        q.status_as_of = "2024-04-10";
        check_query(net, &q, total);
        q.status_as_of = NULL;
    }
    q.status = -1;
    for (i = 0; i < 4; i++) {
        q.sector = q_sectors[i];
        check_query(net, &q, total);
        q.capability = q_caps[i];
        check_query(net, &q, total);
        q.status = KM_OPPORTUNITY_CLOSED;
        q.status_as_of = "2024-04-01";
        check_query(net, &q, total);
        q.status = -1;
        q.status_as_of = NULL;
        q.capability = NULL;
    }
    q.sector = NULL;
    for (i = 0; i < 5; i++) {
        q.region_prefix = q_regions[i];
        check_query(net, &q, total);
    }
    q.region_prefix = NULL;
    q.publisher_id = OX_UNI;
    check_query(net, &q, total);
    q.agreement_type = KM_AGREEMENT_GRANT;
    check_query(net, &q, total);
    q.publisher_id = 0;
    q.agreement_type = -1;
    q.open_on = "2024-03-20";
    check_query(net, &q, total);
    q.sector = "water";
    check_query(net, &q, total);
    q.sector = NULL;
    q.open_on = NULL;
    q.publisher_id = 9999; /* nobody */
    check_query(net, &q, total);
    q.publisher_id = 0;
    q.sector = "unknown-sector";
    check_query(net, &q, total);
    q.sector = NULL;
    q.framework_id = 3;
    check_query(net, &q, total);
    q.framework_id = 0;

    /* Bad queries. */
    q.status = 7;
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.status = -1;
    q.agreement_type = 42;
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.agreement_type = -1;
    q.sector = "Air";
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.sector = NULL;
    q.capability = "";
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.capability = NULL;
    q.region_prefix = "3";
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.region_prefix = NULL;
    q.cursor = "a1:5";
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.cursor = "o1:5x";
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.limit = 1001;
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EINVAL);
    q.limit = 0;
    q.version = 2;
    assert_int_equal(km_opportunity_list(&p, net, &q), KM_EVERSION);
    q.version = KM_OPPORTUNITY_QUERY_VERSION;
    assert_null(p);
    assert_int_equal(km_opportunity_list(NULL, net, &q), KM_EINVAL);
    assert_int_equal(km_opportunity_count(NULL, net, &q), KM_EINVAL);
    assert_int_equal(km_opportunity_list(&p, net, NULL), 0);
    assert_int_equal(km_opportunity_page_count(p), 50);
    assert_non_null(km_opportunity_page_cursor(p));
    assert_null(km_opportunity_page_get(p, 50));
    km_opportunity_page_free(p);
    km_opportunity_page_free(NULL);
    assert_int_equal(km_opportunity_page_count(NULL), 0);
    assert_null(km_opportunity_page_cursor(NULL));
    km_network_close(net);
}

/* ---- time travel ---- */

static void test_time_travel(void **state)
{
    km_storage *st = NULL;
    km_network *net, *past = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_opportunity_query q = KM_OPPORTUNITY_QUERY_INIT;
    uint64_t id, seq_draft, n = 0;
    int64_t t_open;
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    net = ox_net(NULL, st);
    assert_non_null(net);
    ox_partners(net);
    id = ox_create(net, NULL);
    seq_draft = km_network_seq(net);
    assert_int_equal(km_opportunity_open(net, id), 0);
    t_open = ox_now;
    ox_day("2024-04-05");
    assert_int_equal(km_opportunity_close(net, id, NULL), 0);
    /* As of the draft. */
    o.clock = ox_clock;
    o.as_of_seq = seq_draft;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(ox_opp_status(past, id), KM_OPPORTUNITY_DRAFT);
    assert_int_equal(km_opportunity_open(past, id), KM_EREADONLY);
    km_network_close(past);
    /* As of a time: open then. */
    o.as_of_seq = 0;
    o.as_of_time = t_open;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(ox_opp_status(past, id), KM_OPPORTUNITY_OPEN);
    q.status = KM_OPPORTUNITY_OPEN;
    assert_int_equal(km_opportunity_count(&n, past, &q), 0);
    assert_int_equal(n, 1);
    km_network_close(past);
    assert_int_equal(km_opportunity_count(&n, net, &q), 0);
    assert_int_equal(n, 0);
    km_network_close(net);
    km_storage_free(st);
}

/* ---- snapshot round trip ---- */

static void same_state(km_network *x, km_network *y)
{
    km_network_stats sx = KM_NETWORK_STATS_INIT, sy = KM_NETWORK_STATS_INIT;
    uint64_t id;
    size_t i;
    assert_int_equal(km_network_stats_get(&sx, x), 0);
    assert_int_equal(km_network_stats_get(&sy, y), 0);
    assert_int_equal(sx.opportunities, sy.opportunities);
    assert_int_equal(sx.interests, sy.interests);
    assert_int_equal(sx.agreements, sy.agreements);
    assert_true(ox_fingerprint(x) == ox_fingerprint(y));
    for (id = 1; id <= sx.opportunities; id++) {
        km_opportunity *a = NULL, *b = NULL;
        assert_int_equal(km_opportunity_get(&a, x, id), 0);
        assert_int_equal(km_opportunity_get(&b, y, id), 0);
        assert_string_equal(km_opportunity_title(a), km_opportunity_title(b));
        assert_int_equal(km_opportunity_status_of(a), km_opportunity_status_of(b));
        assert_int_equal(km_opportunity_version(a), km_opportunity_version(b));
        assert_true(km_opportunity_created(a) == km_opportunity_created(b));
        assert_true(km_opportunity_updated(a) == km_opportunity_updated(b));
        assert_int_equal(km_opportunity_selected_count(a), km_opportunity_selected_count(b));
        assert_int_equal(km_opportunity_agreement_count(a), km_opportunity_agreement_count(b));
        for (i = 0; i < km_opportunity_agreement_count(a); i++)
            assert_int_equal(km_opportunity_agreement(a, i), km_opportunity_agreement(b, i));
        assert_true(km_opportunity_grant_ceiling(a) == km_opportunity_grant_ceiling(b));
        assert_int_equal(km_opportunity_eligible_kinds(a), km_opportunity_eligible_kinds(b));
        assert_int_equal(km_opportunity_min_completed(a), km_opportunity_min_completed(b));
        assert_int_equal(km_opportunity_award_mode(a), km_opportunity_award_mode(b));
        assert_int_equal(km_opportunity_no_open_disputes(a), km_opportunity_no_open_disputes(b));
        assert_int_equal(km_opportunity_capability_count(a), km_opportunity_capability_count(b));
        if (km_opportunity_closed_as_of(a)) assert_string_equal(km_opportunity_closed_as_of(a), km_opportunity_closed_as_of(b));
        else assert_null(km_opportunity_closed_as_of(b));
        if (km_opportunity_status_reason(a))
            assert_string_equal(km_opportunity_status_reason(a), km_opportunity_status_reason(b));
        km_opportunity_free(a);
        km_opportunity_free(b);
    }
    for (id = 1; id <= sx.interests; id++) {
        km_interest *a = NULL, *b = NULL;
        assert_int_equal(km_interest_get(&a, x, id), 0);
        assert_int_equal(km_interest_get(&b, y, id), 0);
        assert_string_equal(km_interest_statement(a), km_interest_statement(b));
        assert_int_equal(km_interest_status_of(a), km_interest_status_of(b));
        assert_int_equal(km_interest_agreement(a), km_interest_agreement(b));
        assert_int_equal(km_interest_co_applicant_count(a), km_interest_co_applicant_count(b));
        for (i = 0; i < km_interest_co_applicant_count(a); i++) {
            assert_int_equal(km_interest_co_applicant(a, i), km_interest_co_applicant(b, i));
            assert_true(km_interest_co_applicant_consented(a, i) == km_interest_co_applicant_consented(b, i));
        }
        assert_true(km_interest_contribution_amount(a) == km_interest_contribution_amount(b));
        assert_true(km_interest_updated(a) == km_interest_updated(b));
        km_interest_free(a);
        km_interest_free(b);
    }
}

static void populate(km_network *net)
{
    km_opportunity_fields f;
    km_interest_fields inf;
    uint64_t co[1] = { OX_UNI };
    uint64_t a, b, e1, e2, e3;
    ox_fields(&f);
    f.grant_ceiling = 1000000;
    f.currency = "USD";
    f.eligible_kinds = KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS) | KM_PARTNER_KIND_BIT(KM_PARTNER_ACADEMIC) |
                       KM_PARTNER_KIND_BIT(KM_PARTNER_STATE_ENTERPRISE);
    f.eligible_region = "32";
    f.partners_sought = 2;
    f.award_mode = KM_AWARD_JOINT;
    f.no_open_disputes = 1;
    a = ox_open_call(net, &f);
    ox_interest_fields(&inf, a, OX_BIZ);
    inf.co_applicants = co;
    inf.co_applicants_count = 1;
    assert_int_equal(km_interest_submit(&e1, net, &inf), 0);
    assert_int_equal(km_interest_consent(net, e1, OX_UNI), 0);
    e2 = ox_submit(net, a, OX_BUMD);
    assert_int_equal(km_interest_shortlist(net, e2, "lengkap"), 0);
    ox_day("2024-04-02");
    assert_int_equal(km_opportunity_close_due(NULL, net, "2024-04-01"), 0);
    assert_int_equal(km_interest_select(NULL, net, e1, NULL), 0);
    assert_int_equal(km_interest_select(NULL, net, e2, NULL), 0);
    assert_int_equal(km_opportunity_award(net, a, NULL), 0);
    ox_day("2024-04-03");
    ox_fields(&f);
    f.opening_date = "2024-04-01";
    f.closing_date = "2024-05-31";
    b = ox_open_call(net, &f);
    e3 = ox_submit(net, b, OX_FAR);
    assert_int_equal(km_interest_withdraw(net, e3, "berubah pikiran"), 0);
    (void)ox_submit(net, b, OX_FAR);
    {
        /* A framework amended after an opportunity named it: the recorded
         * opportunity stays valid (and the snapshot loads). */
        km_framework_spec *spec = NULL;
        assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 KPBU", NULL), 0);
        assert_int_equal(km_framework_spec_allow_type(spec, KM_AGREEMENT_PPP), 0);
        assert_int_equal(km_framework_create(NULL, net, spec), 0);
        ox_fields(&f);
        f.framework_id = 1;
        (void)ox_create(net, &f);
        km_framework_spec_free(spec);
        assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 KPBU (revisi)", NULL), 0);
        assert_int_equal(km_framework_spec_allow_type(spec, KM_AGREEMENT_COOPERATION), 0);
        assert_int_equal(km_framework_amend(net, 1, spec, "hanya kerja sama"), 0);
        km_framework_spec_free(spec);
    }
    (void)ox_create(net, NULL);
    assert_int_equal(km_opportunity_cancel(net, ox_create(net, NULL), "tidak jadi"), 0);
}

static void test_snapshot_roundtrip(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *snap = NULL, *full = NULL;
    km_discovery *d1 = NULL, *d2 = NULL;
    uint64_t id = 0, c1 = 0, c2 = 0;
    km_interest_query iq = KM_INTEREST_QUERY_INIT;
    size_t i;
    (void)state;
    store_path(path, sizeof path, "opportunity-snap");
    remove_store(path);
    ox_day("2024-03-10");
    o.clock = ox_clock;
    o.actor = "admin:snap";
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    ox_partners(net);
    populate(net);
    assert_int_equal(km_network_snapshot(net), 0);
    (void)ox_submit(net, 2, OX_BIZ); /* after the snapshot: replayed on top */
    km_network_close(net);
    km_test_expect_snapshot_used(path, &o);
    assert_int_equal(km_network_open_file(&snap, path, NULL, &o), 0);
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&full, path, NULL, &o), 0);
    same_state(snap, full);
    km_test_expect_same_state(snap, full);
    /* Indexes were rebuilt the same way. */
    iq.member_id = OX_UNI;
    assert_int_equal(km_interest_count(&c1, snap, &iq), 0);
    assert_int_equal(km_interest_count(&c2, full, &iq), 0);
    assert_int_equal(c1, c2);
    assert_int_equal(c1, 1);
    assert_int_equal(km_opportunity_suggest_partners(&d1, snap, 2, NULL), 0);
    assert_int_equal(km_opportunity_suggest_partners(&d2, full, 2, NULL), 0);
    assert_int_equal(km_discovery_count(d1), km_discovery_count(d2));
    for (i = 0; i < km_discovery_count(d1); i++) {
        assert_int_equal(km_discovery_partner(d1, i), km_discovery_partner(d2, i));
        assert_true(km_discovery_score(d1, i) == km_discovery_score(d2, i));
    }
    km_discovery_free(d1);
    km_discovery_free(d2);
    /* The snapshot keeps working: the joint agreement still links back. */
    {
        km_opportunity *op = NULL;
        assert_int_equal(km_opportunity_get(&op, snap, 1), 0);
        assert_int_equal(km_opportunity_agreement_count(op), 1);
        assert_int_equal(km_opportunity_of_agreement(&id, snap, km_opportunity_agreement(op, 0)), 0);
        assert_int_equal(id, 1);
        km_opportunity_free(op);
    }
    km_network_close(snap);
    km_network_close(full);
    remove_store(path);
}

/* ---- out of memory ---- */

/* Runs op under an allocator that fails the N-th allocation, for every N,
 * until it succeeds: each failure is KM_ENOMEM and leaves the state and
 * the log as they were. */
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

static int op_create(km_network *net, uint64_t i)
{
    km_opportunity_fields f;
    ox_fields(&f);
    f.grant_ceiling = 5000000;
    f.currency = "IDR";
    f.eligible_region = "32";
    f.min_completed = (uint32_t)i;
    f.no_open_disputes = (int)i;
    return km_opportunity_create(NULL, net, &f);
}
static int op_update(km_network *net, uint64_t id)
{
    km_opportunity_fields f;
    static const char *const sec[] = { "energy", "water", "sanitation" };
    ox_fields(&f);
    f.sectors = sec;
    f.sectors_count = 3;
    f.region = "35.78.01";
    return km_opportunity_update(net, id, &f, KM_OPPORTUNITY_F_SECTORS | KM_OPPORTUNITY_F_REGION);
}
static int op_open(km_network *net, uint64_t id) { return km_opportunity_open(net, id); }
static int op_close(km_network *net, uint64_t id) { return km_opportunity_close(net, id, "cukup"); }
static int op_cancel(km_network *net, uint64_t id) { return km_opportunity_cancel(net, id, "batal"); }
static int op_award(km_network *net, uint64_t id) { return km_opportunity_award(net, id, NULL); }
static int op_submit(km_network *net, uint64_t opp)
{
    km_interest_fields f;
    ox_interest_fields(&f, opp, OX_BIZ);
    return km_interest_submit(NULL, net, &f);
}
static int op_select(km_network *net, uint64_t eoi) { return km_interest_select(NULL, net, eoi, NULL); }
static int op_close_due(km_network *net, uint64_t unused)
{
    uint64_t n = 0;
    (void)unused;
    return km_opportunity_close_due(&n, net, "2024-06-01");
}
static int op_list(km_network *net, uint64_t unused)
{
    km_opportunity_page *p = NULL;
    km_opportunity_query q = KM_OPPORTUNITY_QUERY_INIT;
    int rc;
    (void)unused;
    q.status = KM_OPPORTUNITY_CLOSED;
    q.status_as_of = "2024-05-01";
    rc = km_opportunity_list(&p, net, &q);
    km_opportunity_page_free(p);
    return rc;
}
static int op_get(km_network *net, uint64_t id)
{
    km_opportunity *o = NULL;
    int rc = km_opportunity_get(&o, net, id);
    km_opportunity_free(o);
    return rc;
}
static int op_eligibility(km_network *net, uint64_t id)
{
    km_eligibility *e = NULL;
    uint64_t co[2] = { OX_COM, OX_FAR };
    int rc = km_opportunity_check_eligibility(&e, net, id, OX_NGO, co, 2);
    if (rc == 0 && km_eligibility_count(e) == 0) rc = -100;
    km_eligibility_free(e);
    return rc;
}
static int op_discover(km_network *net, uint64_t partner)
{
    km_discovery *d = NULL;
    int rc = km_opportunity_discover(&d, net, partner, NULL);
    km_discovery_free(d);
    return rc;
}
static int op_suggest(km_network *net, uint64_t id)
{
    km_discovery *d = NULL;
    int rc = km_opportunity_suggest_partners(&d, net, id, NULL);
    km_discovery_free(d);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    (void)state;
    km_test_alloc_init(&ta);
    net = ox_net(km_test_alloc_get(&ta), NULL);
    assert_non_null(net);
    ox_partners(net);
    oom_loop(&ta, net, op_create, 0);                 /* 1 */
    oom_loop(&ta, net, op_create, 1);                 /* 2 */
    oom_loop(&ta, net, op_update, 1);
    oom_loop(&ta, net, op_open, 1);
    oom_loop(&ta, net, op_open, 2);
    oom_loop(&ta, net, op_submit, 1);                 /* interest 1 */
    oom_loop(&ta, net, op_eligibility, 2);
    oom_loop(&ta, net, op_discover, OX_BIZ);
    oom_loop(&ta, net, op_discover, OX_UNI);
    oom_loop(&ta, net, op_suggest, 1);
    oom_loop(&ta, net, op_close, 1);
    oom_loop(&ta, net, op_select, 1);
    oom_loop(&ta, net, op_award, 1);
    oom_loop(&ta, net, op_list, 0);
    oom_loop(&ta, net, op_get, 1);
    oom_loop(&ta, net, op_create, 0);                 /* 3 */
    oom_loop(&ta, net, op_cancel, 3);
    ox_day("2024-06-02");
    oom_loop(&ta, net, op_close_due, 0);
    assert_int_equal(ox_opp_status(net, 1), KM_OPPORTUNITY_AWARDED);
    assert_int_equal(ox_opp_status(net, 2), KM_OPPORTUNITY_CLOSED);
    assert_int_equal(ox_opp_status(net, 3), KM_OPPORTUNITY_CANCELLED);
    assert_int_equal(ox_eoi_status(net, 1), KM_INTEREST_SELECTED);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* ---- the audit trail of a whole call ---- */

static void test_audit_call(void **state)
{
    km_network *net = open_fx();
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_interest_fields inf;
    km_interest *e = NULL;
    uint64_t opp, e1, e2, e3, agr = 0, back = 0, co[1] = { OX_NGO };
    static const char *const ops[] = {
        "opportunity.create", "opportunity.transition", "interest.submit", "interest.submit", "interest.consent",
        "interest.submit", "interest.transition", "interest.transition", "interest.transition",
        "opportunity.transition", "agreement.create", "interest.select", "opportunity.transition",
        "agreement.update", "agreement.transition", "agreement.sign", "agreement.sign",
    };
    static const char *const actors[] = {
        "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32", "ID-NIB-8120000000001", "ID-KEMDIKBUD-001", "ID-AHU-0001",
        "ID-NIB-8120000000002", "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32", "ID-NIB-8120000000002",
        "", "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32",
        "ID-KEMENDAGRI-32", "ID-KEMENDAGRI-32", "ID-NIB-8120000000001",
    };
    size_t i, n = sizeof ops / sizeof ops[0];
    (void)state;
    q.from_seq = km_network_seq(net) + 1;
    /* The whole call, each step by the actor entitled to it. */
    km_network_set_actor(net, ox_ext[OX_GOV]);
    opp = ox_open_call(net, NULL);
    km_network_set_actor(net, ox_ext[OX_BIZ]);
    e1 = ox_submit(net, opp, OX_BIZ);
    km_network_set_actor(net, ox_ext[OX_UNI]);
    ox_interest_fields(&inf, opp, OX_UNI);
    inf.co_applicants = co;
    inf.co_applicants_count = 1;
    assert_int_equal(km_interest_submit(&e2, net, &inf), 0);
    km_network_set_actor(net, ox_ext[OX_NGO]);
    assert_int_equal(km_interest_consent(net, e2, OX_NGO), 0);
    km_network_set_actor(net, ox_ext[OX_FAR]);
    e3 = ox_submit(net, opp, OX_FAR);
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_shortlist(net, e1, "memenuhi syarat teknis"), 0);
    assert_int_equal(km_interest_reject(net, e2, "di luar cakupan"), 0);
    km_network_set_actor(net, ox_ext[OX_FAR]);
    assert_int_equal(km_interest_withdraw(net, e3, NULL), 0);
    /* The closing date passes; anyone may record it. */
    ox_day("2024-04-01");
    km_network_set_actor(net, "");
    assert_int_equal(km_opportunity_close_due(NULL, net, "2024-04-01"), 0);
    km_network_set_actor(net, ox_ext[OX_GOV]);
    assert_int_equal(km_interest_select(&agr, net, e1, NULL), 0);
    assert_int_equal(km_opportunity_award(net, opp, "Penetapan mitra"), 0);
    /* ... and on to the signed agreement. */
    {
        km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
        af.start_date = "2024-05-01";
        assert_int_equal(km_agreement_update(net, agr, &af, KM_AGREEMENT_F_START), 0);
    }
    assert_int_equal(km_agreement_propose(net, agr, NULL), 0);
    assert_int_equal(km_agreement_sign(net, agr, OX_GOV), 0);
    km_network_set_actor(net, ox_ext[OX_BIZ]);
    assert_int_equal(km_agreement_sign(net, agr, OX_BIZ), 0);

    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), n);
    for (i = 0; i < n; i++) {
        if (strcmp(km_audit_operation(au, i), ops[i]) != 0)
            fail_msg("change %zu: %s, expected %s", i, km_audit_operation(au, i), ops[i]);
        assert_string_equal(km_audit_actor(au, i), actors[i]);
    }
    /* Selection: the agreement and the link are one log entry. */
    assert_true(km_audit_seq(au, 10) == km_audit_seq(au, 11));
    assert_true(km_audit_seq(au, 9) < km_audit_seq(au, 10) && km_audit_seq(au, 11) < km_audit_seq(au, 12));
    assert_int_equal(km_audit_entity(au, 10), KM_ENTITY_AGREEMENT);
    assert_int_equal(km_audit_entity(au, 11), KM_ENTITY_INTEREST);
    assert_int_equal(km_audit_entity_id(au, 11), e1);
    assert_int_equal(km_audit_entity(au, 0), KM_ENTITY_OPPORTUNITY);
    assert_int_equal(km_audit_entity_id(au, 0), opp);
    {
        char want[64];
        snprintf(want, sizeof want, "\"agreement_id\":%llu", (unsigned long long)agr);
        assert_non_null(strstr(km_audit_data_json(au, 11), want));
    }
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"publisher_id\":1"));
    assert_non_null(strstr(km_audit_data_json(au, 0), "\"capabilities\":[\"engineering\",\"financing\",\"operations\"]"));
    assert_non_null(strstr(km_audit_data_json(au, 3), "\"co_applicants\":[\"3\"]"));
    assert_non_null(strstr(km_audit_data_json(au, 4), "\"consenting_partner_id\":3"));
    assert_non_null(strstr(km_audit_data_json(au, 7), "\"reason\":\"di luar cakupan\""));
    assert_non_null(strstr(km_audit_data_json(au, 7), "\"status\":3"));
    assert_non_null(strstr(km_audit_data_json(au, 9), "\"as_of\":\"2024-04-01\""));
    assert_non_null(strstr(km_audit_data_json(au, 12), "\"reason\":\"Penetapan mitra\""));
    km_audit_free(au);
    /* Per entity: the opportunity's own history. */
    q.entity = KM_ENTITY_OPPORTUNITY;
    q.entity_id = opp;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 4);
    km_audit_free(au);

    /* The chain from call to signed agreement. */
    assert_int_equal(km_opportunity_of_agreement(&back, net, agr), 0);
    assert_int_equal(back, opp);
    assert_int_equal(km_interest_get(&e, net, e1), 0);
    assert_int_equal(km_interest_agreement(e), agr);
    km_interest_free(e);
    {
        km_agreement *a = NULL;
        assert_int_equal(km_agreement_get(&a, net, agr), 0);
        assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_SIGNED);
        km_agreement_free(a);
    }
    assert_int_equal(km_opportunity_of_agreement(&back, net, 999), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_of_agreement(&back, net, 0), KM_ENOTFOUND);
    assert_int_equal(km_opportunity_of_agreement(NULL, net, agr), KM_EINVAL);
    km_network_close(net);
}

static void test_stats_labels(void **state)
{
    km_network *net = open_fx();
    km_network_stats st = KM_NETWORK_STATS_INIT;
    uint64_t opp;
    int i;
    (void)state;
    opp = ox_open_call(net, NULL);
    (void)ox_submit(net, opp, OX_BIZ);
    (void)ox_submit(net, opp, OX_UNI);
    (void)ox_create(net, NULL);
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(st.opportunities, 2);
    assert_int_equal(st.interests, 2);
    st.version = 2; /* a version 2 caller never sees these fields written */
    st.opportunities = 77;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(st.opportunities, 77);
    km_network_close(net);

    for (i = 0; i < KM_OPPORTUNITY_STATUS__COUNT; i++) {
        assert_string_not_equal(km_opportunity_status_label(i, KM_LANG_ID), "?");
        assert_string_not_equal(km_opportunity_status_label(i, KM_LANG_EN), "?");
    }
    for (i = 0; i < KM_INTEREST_STATUS__COUNT; i++) assert_string_not_equal(km_interest_status_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_AWARD_MODE__COUNT; i++) assert_string_not_equal(km_award_mode_label(i, KM_LANG_EN), "?");
    for (i = 0; i < KM_ELIGIBILITY_RULE__COUNT; i++) {
        assert_string_not_equal(km_eligibility_rule_label(i, KM_LANG_ID), "?");
        assert_string_not_equal(km_eligibility_rule_code(i), "?");
    }
    assert_string_equal(km_opportunity_status_label(KM_OPPORTUNITY_OPEN, KM_LANG_ID), "dibuka");
    assert_string_equal(km_opportunity_status_label(KM_OPPORTUNITY_AWARDED, KM_LANG_EN), "awarded");
    assert_string_equal(km_opportunity_status_label(5, KM_LANG_EN), "?");
    assert_string_equal(km_opportunity_status_label(-1, KM_LANG_EN), "?");
    assert_string_equal(km_interest_status_label(KM_INTEREST_SHORTLISTED, KM_LANG_ID), "masuk daftar pendek");
    assert_string_equal(km_interest_status_label(KM_INTEREST_WITHDRAWN, 7), "withdrawn");
    assert_string_equal(km_eligibility_rule_code(KM_ELIGIBILITY_TRACK_RECORD), "track_record");
    assert_string_equal(km_eligibility_rule_code(KM_ELIGIBILITY_RULE__COUNT), "?");
    assert_string_equal(km_award_mode_label(KM_AWARD_JOINT, KM_LANG_EN), "one joint agreement");
    assert_string_equal(km_entity_label(KM_ENTITY_OPPORTUNITY, KM_LANG_ID), "peluang kemitraan");
    assert_string_equal(km_entity_label(KM_ENTITY_INTEREST, KM_LANG_EN), "expression of interest");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_get),
        cmocka_unit_test(test_create_errors),
        cmocka_unit_test(test_update),
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test(test_transition_rules),
        cmocka_unit_test(test_close_by_date),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_time_travel),
        cmocka_unit_test(test_snapshot_roundtrip),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_audit_call),
        cmocka_unit_test(test_stats_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
