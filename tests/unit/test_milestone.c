/* Unit tests for milestones (add, status rules, overdue as of a date) and
 * the PPP risk allocation register. */
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

static uint32_t add_ms(km_network *net, uint64_t id, int type, const char *title, const char *due)
{
    km_milestone_fields f = KM_MILESTONE_FIELDS_INIT;
    uint32_t n = 0;
    f.type = type;
    f.title = title;
    f.due_date = due;
    assert_int_equal(km_milestone_add(&n, net, id, &f), 0);
    return n;
}

static void test_milestones(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "M/1"), seq;
    km_milestone_fields f = KM_MILESTONE_FIELDS_INIT;
    km_milestones *l = NULL;
    (void)state;
    assert_int_equal(add_ms(net, id, KM_MILESTONE_COMMERCIAL_CLOSE, "Commercial close", "2024-02-01"), 1);
    assert_int_equal(add_ms(net, id, KM_MILESTONE_FINANCIAL_CLOSE, "Financial close", "2024-08-01"), 2);
    seq = km_network_seq(net);
    f.type = 9;
    f.title = "x";
    f.due_date = "2024-01-01";
    assert_int_equal(km_milestone_add(NULL, net, id, &f), KM_EINVAL);
    f.type = KM_MILESTONE_OTHER;
    f.due_date = "2024-02-30";
    assert_int_equal(km_milestone_add(NULL, net, id, &f), KM_EINVAL);
    f.due_date = NULL;
    assert_int_equal(km_milestone_add(NULL, net, id, &f), KM_EINVAL);
    assert_int_equal(km_milestone_add(NULL, net, 99, &f), KM_ENOTFOUND);
    assert_int_equal(km_milestone_set_status(net, id, 1, KM_MILESTONE_MET, NULL), KM_EINVAL);
    assert_int_equal(km_milestone_set_status(net, id, 1, KM_MILESTONE_NOT_MET, "2024-01-01"), KM_EINVAL);
    assert_int_equal(km_milestone_set_status(net, id, 3, KM_MILESTONE_NOT_MET, NULL), KM_ENOTFOUND);
    assert_int_equal(km_milestone_set_status(net, id, 1, 4, NULL), KM_EINVAL);
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_milestone_set_status(net, id, 1, KM_MILESTONE_MET, "2024-01-25"), 0);
    assert_int_equal(km_milestone_list(&l, net, id), 0);
    assert_int_equal(km_milestones_count(l), 2);
    assert_int_equal(km_milestones_status(l, 0), KM_MILESTONE_MET);
    assert_string_equal(km_milestones_date_met(l, 0), "2024-01-25");
    assert_null(km_milestones_date_met(l, 1));
    assert_string_equal(km_milestones_due_date(l, 1), "2024-08-01");
    assert_string_equal(km_milestones_title(l, 1), "Financial close");
    assert_int_equal(km_milestones_type(l, 1), KM_MILESTONE_FINANCIAL_CLOSE);
    assert_int_equal(km_milestones_agreement(l, 1), id);
    assert_int_equal(km_milestones_number(l, 1), 2);
    assert_null(km_milestones_title(l, 2));
    km_milestones_free(l);
    assert_string_equal(km_milestone_type_code(KM_MILESTONE_FINANCING), "financing");
    assert_string_equal(km_milestone_type_code(KM_MILESTONE_COMMERCIAL_CLOSE), "commercialClose");
    assert_string_equal(km_milestone_status_label(KM_MILESTONE_PARTIALLY_MET, KM_LANG_EN), "partially met");
    /* Ended agreements are frozen. */
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_COMPLETED), 0);
    assert_int_equal(km_milestone_set_status(net, id, 2, KM_MILESTONE_NOT_MET, NULL), KM_ESTATE);
    km_network_close(net);
}

static void test_overdue(void **state)
{
    km_network *net = open_fx();
    uint64_t a = fx_create(net, "O/1"), b = fx_create(net, "O/2"), c = fx_create(net, "O/3");
    km_milestones *l = NULL;
    (void)state;
    add_ms(net, a, KM_MILESTONE_PAYMENT, "Termin 1", "2024-03-01");
    add_ms(net, a, KM_MILESTONE_PAYMENT, "Termin 2", "2024-06-01");
    add_ms(net, b, KM_MILESTONE_REPORTING, "Laporan", "2024-01-15");
    add_ms(net, c, KM_MILESTONE_DELIVERY, "Draf saja", "2024-01-01"); /* c stays a draft: not counted */
    assert_int_equal(fx_drive(net, a, KM_AGREEMENT_ACTIVE), 0);
    assert_int_equal(fx_drive(net, b, KM_AGREEMENT_SIGNED), 0);
    assert_int_equal(km_milestone_set_status(net, a, 1, KM_MILESTONE_PARTIALLY_MET, "2024-03-05"), 0);
    assert_int_equal(km_milestone_overdue(&l, net, "2024-06-02"), 0);
    assert_int_equal(km_milestones_count(l), 2);
    assert_int_equal(km_milestones_agreement(l, 0), a);
    assert_int_equal(km_milestones_number(l, 0), 2);
    assert_int_equal(km_milestones_agreement(l, 1), b);
    km_milestones_free(l);
    assert_int_equal(km_milestone_overdue(&l, net, "2024-06-01"), 0); /* due today is not overdue */
    assert_int_equal(km_milestones_count(l), 1);
    km_milestones_free(l);
    assert_int_equal(km_milestone_overdue(&l, net, "2024-6-1"), KM_EINVAL);
    assert_null(l);
    km_network_close(net);
}

static void test_risks(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "K/1"), grant;
    km_agreement_fields u = KM_AGREEMENT_FIELDS_INIT;
    km_risks *r = NULL;
    uint32_t n = 0;
    (void)state;
    assert_int_equal(km_risk_add(&n, net, id, KM_RISK_LAND, KM_RISK_PUBLIC, "Pengadaan tanah oleh pemda"), 0);
    assert_int_equal(n, 1);
    assert_int_equal(km_risk_add(&n, net, id, KM_RISK_DEMAND_REVENUE, KM_RISK_SHARED, "Jaminan volume minimum"), 0);
    assert_int_equal(n, 2);
    assert_int_equal(km_risk_add(NULL, net, id, 12, KM_RISK_SHARED, "x"), KM_EINVAL);
    assert_int_equal(km_risk_add(NULL, net, id, KM_RISK_OTHER, 3, "x"), KM_EINVAL);
    assert_int_equal(km_risk_add(NULL, net, id, KM_RISK_OTHER, KM_RISK_SHARED, NULL), KM_EINVAL);
    assert_int_equal(km_risk_update(net, id, 2, KM_RISK_PRIVATE, "Risiko permintaan ditanggung badan usaha"), 0);
    assert_int_equal(km_risk_update(net, id, 3, KM_RISK_PRIVATE, "x"), KM_ENOTFOUND);
    assert_int_equal(km_risk_list(&r, net, id), 0);
    assert_int_equal(km_risks_count(r), 2);
    assert_int_equal(km_risks_category(r, 1), KM_RISK_DEMAND_REVENUE);
    assert_int_equal(km_risks_allocation(r, 1), KM_RISK_PRIVATE);
    assert_string_equal(km_risks_mitigation(r, 1), "Risiko permintaan ditanggung badan usaha");
    assert_int_equal(km_risks_number(r, 0), 1);
    assert_int_equal(km_risks_category(r, 2), -1);
    km_risks_free(r);
    /* Only PPP agreements keep a register. */
    grant = fx_create(net, "K/2");
    u.type = KM_AGREEMENT_GRANT;
    assert_int_equal(km_agreement_update(net, grant, &u, KM_AGREEMENT_F_TYPE), 0);
    assert_int_equal(km_risk_add(NULL, net, grant, KM_RISK_LAND, KM_RISK_PUBLIC, "x"), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "agreement.type");
    assert_string_equal(km_risk_category_label(KM_RISK_FORCE_MAJEURE, KM_LANG_ID), "keadaan kahar");
    assert_string_equal(km_risk_allocation_label(KM_RISK_SHARED, KM_LANG_EN), "shared");
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_milestones),
        cmocka_unit_test(test_overdue),
        cmocka_unit_test(test_risks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
