/* Unit tests for policy frameworks: every rule violated and satisfied one
 * by one, incentives, activation refused or overridden (and the override in
 * the audit trail), and versioning that never re-judges signed agreements. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "agreement_fixture.h"

static km_network *open_fx(void)
{
    km_network *net = fx_open(NULL);
    assert_non_null(net);
    fx_partners(net);
    return net;
}

static uint64_t make_fw(km_network *net, km_framework_spec *spec)
{
    uint64_t id = 0;
    assert_int_equal(km_framework_create(&id, net, spec), 0);
    km_framework_spec_free(spec);
    return id;
}

static km_framework_spec *spec_new(void)
{
    km_framework_spec *s = NULL;
    assert_int_equal(km_framework_spec_new(&s, "Perpres 38/2015 tentang KPBU", "LN 2015/62"), 0);
    return s;
}

/* Creates the fixture PPP agreement under framework fw, applies the update,
 * and returns the violations as a rule bitmask (-1 on error). */
static int violations(km_network *net, uint64_t fw, const km_agreement_fields *upd, uint32_t mask, int *n_incentives)
{
    static int counter = 0;
    char ref[32];
    uint64_t id;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    km_check *c = NULL;
    size_t i;
    int bits = 0;
    snprintf(ref, sizeof ref, "FW/%d", ++counter);
    id = fx_create(net, ref);
    f.framework_id = fw;
    assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_FRAMEWORK), 0);
    if (upd) assert_int_equal(km_agreement_update(net, id, upd, mask), 0);
    assert_int_equal(km_agreement_check(&c, net, id), 0);
    assert_int_equal(km_check_framework_id(c), fw);
    for (i = 0; i < km_check_violation_count(c); i++) {
        bits |= 1 << km_check_violation_rule(c, i);
        assert_non_null(km_check_violation_field(c, i));
        assert_true(strlen(km_check_violation_message(c, i, KM_LANG_EN)) > 0);
        assert_true(strlen(km_check_violation_message(c, i, KM_LANG_ID)) > 0);
    }
    if (n_incentives) *n_incentives = (int)km_check_incentive_count(c);
    km_check_free(c);
    return bits;
}

static void test_rules_one_by_one(void **state)
{
    km_network *net = open_fx();
    km_agreement_fields u = KM_AGREEMENT_FIELDS_INIT;
    km_framework_spec *s;
    uint64_t fw, ids[2] = { FX_GOV, FX_NGO };
    uint32_t roles[2] = { KM_ROLE_PUBLIC_AUTHORITY, KM_ROLE_PRIVATE_PARTY };
    (void)state;
    /* allowed types */
    s = spec_new();
    assert_int_equal(km_framework_spec_allow_type(s, KM_AGREEMENT_PPP), 0);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, NULL), 0);
    u.type = KM_AGREEMENT_GRANT;
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_TYPE, NULL), 1 << KM_RULE_TYPE);
    /* required roles and partner kinds */
    s = spec_new();
    assert_int_equal(km_framework_spec_require_role(s, KM_ROLE_PUBLIC_AUTHORITY,
                                                    KM_PARTNER_KIND_BIT(KM_PARTNER_REGIONAL_GOVERNMENT) |
                                                        KM_PARTNER_KIND_BIT(KM_PARTNER_MINISTRY)), 0);
    assert_int_equal(km_framework_spec_require_role(s, KM_ROLE_PRIVATE_PARTY,
                                                    KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS)), 0);
    assert_int_equal(km_framework_spec_require_role(s, KM_ROLE_PRIVATE_PARTY, 0), KM_EINVAL);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, NULL), 0);
    u.party_ids = ids;
    u.party_roles = roles;
    u.parties_count = 2;
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_PARTIES, NULL), 1 << KM_RULE_ROLE_KIND);
    u.parties_count = 1;
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_PARTIES, NULL), 1 << KM_RULE_ROLE_MISSING);
    /* durations */
    s = spec_new();
    assert_int_equal(km_framework_spec_set_duration(s, 365, 3650), 0);
    assert_int_equal(km_framework_spec_set_duration(s, 10, 5), KM_EINVAL);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, NULL), 0);
    u.end_date = "2024-06-30";
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_END, NULL), 1 << KM_RULE_MIN_DURATION);
    u.end_date = "2040-01-01";
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_END, NULL), 1 << KM_RULE_MAX_DURATION);
    u.end_date = NULL;
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_END, NULL), 1 << KM_RULE_MAX_DURATION);
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_START, NULL), 1 << KM_RULE_DATES);
    /* value */
    s = spec_new();
    assert_int_equal(km_framework_spec_set_max_value(s, "IDR", 100000000), 0);
    assert_int_equal(km_framework_spec_set_max_value(s, "IDR", 1), KM_EINVAL);
    assert_int_equal(km_framework_spec_set_max_value(s, "XXX", 1), KM_EINVAL);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, NULL), 0);
    u.value = 100000001;
    u.currency = "IDR";
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_VALUE, NULL), 1 << KM_RULE_MAX_VALUE);
    u.currency = "USD"; /* no limit for USD */
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_VALUE, NULL), 0);
    /* dimensions */
    s = spec_new();
    assert_int_equal(km_framework_spec_require_dimension(s, KM_DIMENSION_IMPACT), 0);
    assert_int_equal(km_framework_spec_require_dimension(s, KM_DIMENSION_PUBLIC_TRUST), 0);
    assert_int_equal(km_framework_spec_require_dimension(s, 5), KM_EINVAL);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, NULL), 1 << KM_RULE_DIMENSIONS);
    u.dimensions = KM_DIMENSION_BIT(KM_DIMENSION_IMPACT) | KM_DIMENSION_BIT(KM_DIMENSION_PUBLIC_TRUST);
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_DIMENSIONS, NULL), 0);
    km_network_close(net);
}

static void test_incentives(void **state)
{
    km_network *net = open_fx();
    km_framework_spec *s = spec_new();
    km_agreement_fields u = KM_AGREEMENT_FIELDS_INIT;
    uint64_t fw;
    int n = -1;
    (void)state;
    assert_int_equal(km_framework_spec_add_incentive(s, KM_INCENTIVE_VIABILITY_GAP_FUNDING,
                                                     KM_PARTNER_KIND_BIT(KM_PARTNER_PRIVATE_BUSINESS), "water", "32", 730), 0);
    assert_int_equal(km_framework_spec_add_incentive(s, KM_INCENTIVE_TAX, 0, NULL, "31", 0), 0);
    assert_int_equal(km_framework_spec_add_incentive(s, 9, 0, NULL, NULL, 0), KM_EINVAL);
    assert_int_equal(km_framework_spec_add_incentive(s, KM_INCENTIVE_GRANT, 0, "Bad Tag", NULL, 0), KM_EINVAL);
    fw = make_fw(net, s);
    assert_int_equal(violations(net, fw, NULL, 0, &n), 0);
    assert_int_equal(n, 1); /* VGF: business party, water, region 32.73, 3 years */
    u.region = "31.71";
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_REGION, &n), 0);
    assert_int_equal(n, 1); /* tax only */
    u.end_date = "2024-12-31";
    u.region = "32.73";
    assert_int_equal(violations(net, fw, &u, KM_AGREEMENT_F_END | KM_AGREEMENT_F_REGION, &n), 0);
    assert_int_equal(n, 0); /* too short for VGF */
    km_network_close(net);
}

static void test_activation_override(void **state)
{
    km_network *net = open_fx();
    km_framework_spec *s = spec_new();
    km_agreement_fields u = KM_AGREEMENT_FIELDS_INIT;
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_agreement *a = NULL;
    uint64_t fw, id, seq;
    (void)state;
    assert_int_equal(km_framework_spec_set_max_value(s, "IDR", 1000), 0);
    assert_int_equal(km_framework_spec_require_dimension(s, KM_DIMENSION_IMPACT), 0);
    fw = make_fw(net, s);
    id = fx_create(net, "OV/1");
    u.framework_id = fw;
    assert_int_equal(km_agreement_update(net, id, &u, KM_AGREEMENT_F_FRAMEWORK), 0);
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_SIGNED), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_agreement_activate(net, id, NULL), KM_ESTATE);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "breaks 2 rule"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "above the maximum"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "melanggar 2 aturan"));
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_agreement_activate(net, id, "Proyek strategis nasional, disetujui Menteri"), 0);
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_ACTIVE);
    assert_string_equal(km_agreement_override(a), "Proyek strategis nasional, disetujui Menteri");
    km_agreement_free(a);
    q.entity = KM_ENTITY_AGREEMENT;
    q.entity_id = id;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_non_null(strstr(km_audit_data_json(au, km_audit_count(au) - 1),
                           "\"override\":\"Proyek strategis nasional, disetujui Menteri\""));
    km_audit_free(au);
    km_network_close(net);
}

static void test_versions_do_not_rejudge(void **state)
{
    km_network *net = open_fx();
    km_framework_spec *s = spec_new();
    km_agreement_fields u = KM_AGREEMENT_FIELDS_INIT;
    km_framework *f = NULL;
    km_check *c = NULL;
    km_agreement *a = NULL;
    uint64_t fw, signed_id, draft_id;
    (void)state;
    fw = make_fw(net, s);
    u.framework_id = fw;
    signed_id = fx_create(net, "V/1");
    draft_id = fx_create(net, "V/2");
    assert_int_equal(km_agreement_update(net, signed_id, &u, KM_AGREEMENT_F_FRAMEWORK), 0);
    assert_int_equal(km_agreement_update(net, draft_id, &u, KM_AGREEMENT_F_FRAMEWORK), 0);
    assert_int_equal(fx_drive(net, signed_id, KM_AGREEMENT_SIGNED), 0);
    assert_int_equal(km_agreement_get(&a, net, signed_id), 0);
    assert_int_equal(km_agreement_framework_version(a), 1);
    km_agreement_free(a);
    /* Version 2 allows only grants. */
    s = spec_new();
    assert_int_equal(km_framework_spec_allow_type(s, KM_AGREEMENT_GRANT), 0);
    assert_int_equal(km_framework_amend(net, fw, s, NULL), KM_EINVAL); /* rationale required */
    assert_int_equal(km_framework_amend(net, fw, s, "Perpres 2025"), 0);
    km_framework_spec_free(s);
    assert_int_equal(km_framework_get(&f, net, fw), 0);
    assert_int_equal(km_framework_version(f), 2);
    assert_string_equal(km_framework_rationale(f), "Perpres 2025");
    assert_int_equal(km_framework_allowed_types(f), KM_AGREEMENT_TYPE_BIT(KM_AGREEMENT_GRANT));
    km_framework_free(f);
    assert_int_equal(km_framework_get_version(&f, net, fw, 1), 0);
    assert_int_equal(km_framework_allowed_types(f), 0);
    assert_null(km_framework_rationale(f));
    km_framework_free(f);
    assert_int_equal(km_framework_get_version(&f, net, fw, 3), KM_ENOTFOUND);
    assert_int_equal(km_agreement_check(&c, net, signed_id), 0);
    assert_int_equal(km_check_framework_version(c), 1);
    assert_int_equal(km_check_violation_count(c), 0);
    km_check_free(c);
    assert_int_equal(km_agreement_activate(net, signed_id, NULL), 0);
    assert_int_equal(km_agreement_check(&c, net, draft_id), 0);
    assert_int_equal(km_check_framework_version(c), 2);
    assert_int_equal(km_check_violation_count(c), 1);
    assert_int_equal(km_check_violation_rule(c, 0), KM_RULE_TYPE);
    assert_string_equal(km_check_violation_field(c, 0), "agreement.type");
    km_check_free(c);
    assert_int_equal(km_framework_amend(net, 99, s == NULL ? NULL : NULL, "x"), KM_EINVAL);
    km_network_close(net);
}

static void test_spec_accessors(void **state)
{
    km_network *net = open_fx();
    km_framework_spec *s = spec_new();
    km_framework *f = NULL;
    uint32_t role = 0, kinds = 0, days = 0;
    int64_t v = 0;
    int inc = -1;
    const char *sector = NULL, *region = NULL;
    uint64_t fw;
    (void)state;
    assert_int_equal(km_framework_spec_require_role(s, KM_ROLE_GUARANTOR, 1), 0);
    assert_int_equal(km_framework_spec_require_role(s, 3, 0), KM_EINVAL);
    assert_int_equal(km_framework_spec_require_role(s, KM_ROLE_FUNDING, 1u << 20), KM_EINVAL);
    assert_int_equal(km_framework_spec_set_max_value(s, "USD", 5000), 0);
    assert_int_equal(km_framework_spec_add_incentive(s, KM_INCENTIVE_GOVERNMENT_GUARANTEE, 2, "energy", "32.73", 100), 0);
    fw = make_fw(net, s);
    assert_int_equal(km_framework_get(&f, net, fw), 0);
    assert_string_equal(km_framework_name(f), "Perpres 38/2015 tentang KPBU");
    assert_string_equal(km_framework_legal_reference(f), "LN 2015/62");
    assert_int_equal(km_framework_role_rule_count(f), 1);
    assert_int_equal(km_framework_role_rule(&role, &kinds, f, 0), 0);
    assert_int_equal(role, KM_ROLE_GUARANTOR);
    assert_int_equal(kinds, 1);
    assert_int_equal(km_framework_role_rule(&role, &kinds, f, 1), KM_EINVAL);
    assert_string_equal(km_framework_max_value(&v, f, 0), "USD");
    assert_true(v == 5000);
    assert_int_equal(km_framework_incentive(&inc, &kinds, &sector, &region, &days, f, 0), 0);
    assert_int_equal(inc, KM_INCENTIVE_GOVERNMENT_GUARANTEE);
    assert_string_equal(sector, "energy");
    assert_string_equal(region, "32.73");
    assert_int_equal(days, 100);
    km_framework_free(f);
    {
        km_framework_spec *bad = NULL;
        assert_int_equal(km_framework_spec_new(&bad, "", NULL), 0);
        assert_int_equal(km_framework_create(NULL, net, bad), KM_EINVAL);
        km_framework_spec_free(bad);
    }
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_one_by_one),
        cmocka_unit_test(test_incentives),
        cmocka_unit_test(test_activation_override),
        cmocka_unit_test(test_versions_do_not_rejudge),
        cmocka_unit_test(test_spec_accessors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
