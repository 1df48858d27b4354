/* Unit tests for indicators and templates: creation and every validation
 * rule, the aggregation rules each measure allows (table-driven), updates
 * and versions, retirement, listing against brute force, templates and
 * their instantiation, the evaluation settings, labels and IATI codes, time
 * travel, the audit trail and an out-of-memory loop. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "evaluation_fixture.h"
#include "support/files.h"
#include "support/failalloc.h"

static const char *const d2024[] = { "2024-12-31" };
static const int64_t v100[] = { 100 };

static km_network *open_ev(void)
{
    km_network *net = ev_open(NULL);
    assert_non_null(net);
    return net;
}

static void test_create_get(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_indicator *ind = NULL;
    const char *dates[] = { "2024-06-30", "2024-12-31" };
    const int64_t vals[] = { 40, 100 };
    int64_t den = 0, v = 0;
    uint64_t id;
    (void)state;
    ev_unit_fields(&f, "SR-01", dates, vals);
    f.targets_count = 2;
    f.description = "Jumlah sambungan rumah baru yang berfungsi";
    f.result_level = KM_RESULT_OUTCOME;
    f.scale = 1;
    f.weight = 3;
    f.frequency = KM_FREQUENCY_MONTHLY;
    f.grace_days = 15;
    id = ev_indicator(net, 1, &f);
    assert_int_equal(id, 1);
    assert_int_equal(km_indicator_get(&ind, net, id), 0);
    assert_int_equal(km_indicator_id(ind), 1);
    assert_false(km_indicator_is_template(ind));
    assert_int_equal(km_indicator_agreement_id(ind), 1);
    assert_int_equal(km_indicator_framework_id(ind), 0);
    assert_int_equal(km_indicator_template_id(ind), 0);
    assert_int_equal(km_indicator_version(ind), 1);
    assert_string_equal(km_indicator_code(ind), "SR-01");
    assert_string_equal(km_indicator_title(ind), "Sambungan rumah baru");
    assert_string_equal(km_indicator_description(ind), "Jumlah sambungan rumah baru yang berfungsi");
    assert_int_equal(km_indicator_result_level(ind), KM_RESULT_OUTCOME);
    assert_int_equal(km_indicator_measure(ind), KM_MEASURE_UNIT);
    assert_string_equal(km_indicator_unit_label(ind), "rumah tangga");
    assert_int_equal(km_indicator_dimension(ind), KM_DIMENSION_IMPACT);
    assert_int_equal(km_indicator_direction(ind), KM_DIRECTION_ASCENDING);
    assert_int_equal(km_indicator_scale(ind), 1);
    assert_int_equal(km_indicator_scale_max(ind), 0);
    assert_false(km_indicator_allow_over_100(ind));
    assert_int_equal(km_indicator_baseline(&den, ind), 0);
    assert_int_equal(den, 1); /* 0 means 1 outside percentages and ratios */
    assert_string_equal(km_indicator_baseline_date(ind), "2024-01-01");
    assert_int_equal(km_indicator_target_count(ind), 2);
    assert_string_equal(km_indicator_target(&v, &den, ind, 1), "2024-12-31");
    assert_int_equal(v, 100);
    assert_int_equal(den, 1);
    assert_null(km_indicator_target(&v, &den, ind, 2));
    assert_int_equal(km_indicator_weight(ind), 3);
    assert_int_equal(km_indicator_frequency(ind), KM_FREQUENCY_MONTHLY);
    assert_int_equal(km_indicator_time_aggregation(ind), KM_TIME_AGG_SUM);
    assert_int_equal(km_indicator_cross_aggregation(ind), KM_CROSS_AGG_SUM);
    assert_int_equal(km_indicator_reporter(ind), FX_BIZ);
    assert_int_equal(km_indicator_grace_days(ind), 15);
    assert_int_equal(km_indicator_status_of(ind), KM_INDICATOR_ACTIVE);
    assert_null(km_indicator_retired_on(ind));
    assert_null(km_indicator_status_reason(ind));
    assert_true(km_indicator_created(ind) > 0);
    assert_true(km_indicator_updated(ind) == km_indicator_created(ind));
    km_indicator_free(ind);
    assert_int_equal(km_indicator_get_by_code(&ind, net, 1, "SR-01"), 0);
    assert_int_equal(km_indicator_id(ind), id);
    km_indicator_free(ind);
    assert_int_equal(km_indicator_get_by_code(&ind, net, 1, "SR-02"), KM_ENOTFOUND);
    assert_null(ind);
    assert_int_equal(km_indicator_get_by_code(&ind, net, 1, NULL), KM_EINVAL);
    assert_int_equal(km_indicator_get(&ind, net, 99), KM_ENOTFOUND);
    assert_int_equal(km_indicator_get(NULL, net, 1), KM_EINVAL);
    assert_int_equal(km_indicator_get(&ind, NULL, 1), KM_EINVAL);
    /* NULL handles are safe everywhere. */
    km_indicator_free(NULL);
    assert_null(km_indicator_code(NULL));
    assert_int_equal(km_indicator_measure(NULL), -1);
    assert_int_equal(km_indicator_baseline(&den, NULL), 0);
    assert_null(km_indicator_target(&v, &den, NULL, 0));
    km_network_close(net);
}

/* One invalid field each: the expected code and the field named. */
typedef struct bad_case {
    const char *what;
    int rc;
    const char *field;
} bad_case;

static int bad_variant(int i, km_indicator_fields *f, const char **dates, int64_t *vals, int64_t *dens,
                       const char **field, int *expect)
{
    static const char *long_code = "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJX";
    ev_unit_fields(f, "OK-1", dates, vals);
    dates[0] = "2024-12-31";
    vals[0] = 100;
    *expect = KM_EINVAL;
    switch (i) {
    case 0: f->code = NULL; *field = "indicator.code"; return 1;
    case 1: f->code = "a b"; *field = "indicator.code"; return 1;
    case 2: f->code = long_code; *field = "indicator.code"; return 1;
    case 3: f->title = NULL; *field = "indicator.title"; return 1;
    case 4: f->title = "two\nlines"; *field = "indicator.title"; return 1;
    case 5: f->result_level = 4; *field = "indicator.result_level"; return 1;
    case 6: f->measure = 6; *field = "indicator.measure"; return 1;
    case 7: f->dimension = 5; *field = "indicator.dimension"; return 1;
    case 8: f->direction = 2; *field = "indicator.direction"; return 1;
    case 9: f->frequency = 4; *field = "indicator.frequency"; return 1;
    case 10: f->time_aggregation = 5; *field = "indicator.time_aggregation"; return 1;
    case 11: f->cross_aggregation = 3; *field = "indicator.cross_aggregation"; return 1;
    case 12: f->scale = 10; *field = "indicator.scale"; return 1;
    case 13: f->scale_max = 5; *field = "indicator.scale_max"; return 1;
    case 14: f->allow_over_100 = 1; *field = "indicator.allow_over_100"; return 1;
    case 15: f->weight = KM_INDICATOR_WEIGHT_MAX + 1; *field = "indicator.weight"; return 1;
    case 16: f->grace_days = -2; *field = "indicator.grace_days"; return 1;
    case 17: f->grace_days = KM_INDICATOR_GRACE_MAX + 1; *field = "indicator.grace_days"; return 1;
    case 18: f->baseline_date = NULL; *field = "indicator.baseline_date"; return 1;
    case 19: f->baseline_date = "2024-02-30"; *field = "indicator.baseline_date"; return 1;
    case 20: f->baseline_denominator = 5; *field = "indicator.baseline_value"; return 1;
    case 21: f->targets_count = 0; *field = "indicator.targets"; return 1;
    case 22: dates[0] = "2023-12-31"; *field = "indicator.targets[0]"; return 1; /* before the baseline */
    case 23: vals[0] = -1; *field = "indicator.targets[0]"; return 1; /* below the baseline, ascending */
    case 24: f->direction = KM_DIRECTION_DESCENDING; *field = "indicator.targets[0]"; return 1; /* above, descending */
    case 25: dates[0] = "2024-13-01"; *field = "indicator.targets"; return 1;
    case 26: f->target_dates = NULL; *field = "indicator.targets[0]"; return 1; /* an indicator's target needs a date */
    case 27: f->target_values = NULL; *field = "indicator.targets"; return 1;
    case 28: f->targets_count = KM_INDICATOR_TARGETS_MAX + 1; *field = "indicator.targets"; return 1;
    case 29: f->reporter_id = FX_NGO; *field = "indicator.reporter_id"; *expect = KM_ENOTFOUND; return 1;
    case 30: f->unit_label = "satu\tdua"; *field = "indicator.unit_label"; return 1;
    case 31: f->measure = KM_MEASURE_PERCENTAGE; *field = "indicator.baseline_value"; return 1; /* den 0 */
    case 32:
        f->measure = KM_MEASURE_PERCENTAGE;
        f->baseline_denominator = 100;
        dens[0] = 100;
        vals[0] = 120; /* 120 % without allow_over_100 */
        f->target_denominators = dens;
        *field = "indicator.targets[0]";
        return 1;
    case 33: f->measure = KM_MEASURE_ORDINAL; *field = "indicator.scale_max"; return 1;
    case 34:
        f->measure = KM_MEASURE_ORDINAL;
        f->scale_max = 5;
        f->time_aggregation = KM_TIME_AGG_LAST;
        f->cross_aggregation = KM_CROSS_AGG_AVERAGE;
        f->baseline_value = 1;
        vals[0] = 6; /* outside 1..5 */
        *field = "indicator.targets[0]";
        return 1;
    case 35:
        f->measure = KM_MEASURE_QUALITATIVE;
        f->time_aggregation = KM_TIME_AGG_LAST;
        *field = "indicator.targets"; /* qualitative has no targets */
        return 1;
    case 36: f->description = "\x80"; *field = "indicator.description"; return 1;
    default: return 0;
    }
}

static void test_validation(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    const char *dates[1];
    int64_t vals[1], dens[1];
    uint64_t seq;
    int i;
    (void)state;
    seq = km_network_seq(net);
    for (i = 0;; i++) {
        const char *field = NULL;
        int expect, rc;
        if (!bad_variant(i, &f, dates, vals, dens, &field, &expect)) break;
        rc = km_indicator_create(NULL, net, 1, &f);
        if (rc != expect || strcmp(km_error_last_field(), field) != 0)
            fail_msg("case %d: rc %d field %s (%s), want %d %s", i, rc, km_error_last_field(),
                     km_error_last_message(KM_LANG_EN), expect, field);
        assert_true(strlen(km_error_last_message(KM_LANG_ID)) > 0);
        assert_int_equal(km_network_seq(net), seq);
    }
    assert_true(i > 30);
    /* Unknown agreement, NULL fields, unknown version, duplicate code. */
    ev_unit_fields(&f, "OK-1", d2024, v100);
    assert_int_equal(km_indicator_create(NULL, net, 9, &f), KM_ENOTFOUND);
    assert_int_equal(km_indicator_create(NULL, net, 1, NULL), KM_EINVAL);
    f.version = 2;
    assert_int_equal(km_indicator_create(NULL, net, 1, &f), KM_EVERSION);
    f.version = KM_INDICATOR_FIELDS_VERSION;
    assert_int_equal(km_indicator_create(NULL, net, 1, &f), 0);
    assert_int_equal(km_indicator_create(NULL, net, 1, &f), KM_EEXISTS);
    assert_string_equal(km_error_last_field(), "indicator.code");
    /* The same code on another agreement is fine. */
    fx_create(net, "EV/2");
    assert_int_equal(km_indicator_create(NULL, net, 2, &f), 0);
    /* Ended or cancelled agreements take no indicators. */
    assert_int_equal(fx_drive(net, 2, KM_AGREEMENT_CANCELLED), 0);
    f.code = "OK-2";
    assert_int_equal(km_indicator_create(NULL, net, 2, &f), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "agreement.status");
    km_network_close(net);
}

/* Which aggregation rules each measure allows. */
static int agg_allowed(int measure, int t, int c)
{
    switch (measure) {
    case KM_MEASURE_UNIT: return 1;
    case KM_MEASURE_PERCENTAGE:
    case KM_MEASURE_RATIO: return t != KM_TIME_AGG_AVERAGE && c == KM_CROSS_AGG_SUM;
    case KM_MEASURE_ORDINAL: return t != KM_TIME_AGG_SUM && c != KM_CROSS_AGG_SUM;
    default: return t == KM_TIME_AGG_LAST;
    }
}

static void test_aggregation_table(void **state)
{
    km_network *net = open_ev();
    int m, t, c, n = 0;
    (void)state;
    for (m = 0; m < KM_MEASURE__COUNT; m++) {
        for (t = 0; t < KM_TIME_AGG__COUNT; t++) {
            for (c = 0; c < KM_CROSS_AGG__COUNT; c++) {
                km_indicator_fields f;
                const char *dates[1] = { "2024-12-31" };
                int64_t vals[1] = { 2 }, dens[1] = { 4 };
                char code[16];
                int rc;
                snprintf(code, sizeof code, "A-%d-%d-%d", m, t, c);
                ev_unit_fields(&f, code, dates, vals);
                f.measure = m;
                f.time_aggregation = t;
                f.cross_aggregation = c;
                f.baseline_value = 1;
                if (m == KM_MEASURE_PERCENTAGE || m == KM_MEASURE_RATIO) {
                    f.baseline_denominator = 4;
                    f.target_denominators = dens;
                }
                if (m == KM_MEASURE_ORDINAL || m == KM_MEASURE_NOMINAL) f.scale_max = 5;
                if (m == KM_MEASURE_QUALITATIVE) {
                    f.baseline_value = 0;
                    f.targets_count = 0;
                }
                rc = km_indicator_create(NULL, net, 1, &f);
                if (agg_allowed(m, t, c)) {
                    if (rc != 0) fail_msg("%s: %s", code, km_error_last_message(KM_LANG_EN));
                    n++;
                } else {
                    assert_int_equal(rc, KM_EINVAL);
                    assert_true(strcmp(km_error_last_field(), "indicator.time_aggregation") == 0 ||
                                strcmp(km_error_last_field(), "indicator.cross_aggregation") == 0);
                }
            }
        }
    }
    /* Percentages must never be averaged: the message says to pool. */
    {
        km_indicator_fields f;
        const char *dates[1] = { "2024-12-31" };
        int64_t vals[1] = { 90 }, dens[1] = { 100 };
        ev_unit_fields(&f, "PCT-AVG", dates, vals);
        f.measure = KM_MEASURE_PERCENTAGE;
        f.baseline_denominator = 100;
        f.target_denominators = dens;
        f.time_aggregation = KM_TIME_AGG_AVERAGE;
        assert_int_equal(km_indicator_create(NULL, net, 1, &f), KM_EINVAL);
        assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "pool"));
        assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "jumlah"));
    }
    assert_int_equal(n, 15 + 4 + 4 + 8 + 3 + 3);
    km_network_close(net);
}

static void test_update_versions(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f, u = KM_INDICATOR_FIELDS_INIT;
    km_indicator *ind = NULL;
    const char *dates[] = { "2025-12-31" };
    const int64_t vals[] = { 250 };
    uint64_t id;
    (void)state;
    ev_unit_fields(&f, "UP-1", d2024, v100);
    id = ev_indicator(net, 1, &f);
    u.title = "Sambungan rumah (revisi)";
    u.target_dates = dates;
    u.target_values = vals;
    u.targets_count = 1;
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_TITLE | KM_INDICATOR_F_TARGETS), 0);
    assert_int_equal(km_indicator_get(&ind, net, id), 0);
    assert_int_equal(km_indicator_version(ind), 2);
    assert_string_equal(km_indicator_title(ind), "Sambungan rumah (revisi)");
    assert_string_equal(km_indicator_target(NULL, NULL, ind, 0), "2025-12-31");
    assert_string_equal(km_indicator_code(ind), "UP-1"); /* not in the mask: kept */
    km_indicator_free(ind);
    assert_int_equal(km_indicator_get_version(&ind, net, id, 1), 0);
    assert_string_equal(km_indicator_title(ind), "Sambungan rumah baru");
    assert_string_equal(km_indicator_target(NULL, NULL, ind, 0), "2024-12-31");
    km_indicator_free(ind);
    assert_int_equal(km_indicator_get_version(&ind, net, id, 3), KM_ENOTFOUND);
    assert_int_equal(km_indicator_get_version(&ind, net, id, 0), KM_ENOTFOUND);
    /* Bad masks and values. */
    assert_int_equal(km_indicator_update(net, id, &u, 0), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "mask");
    assert_int_equal(km_indicator_update(net, id, &u, 0x8000), KM_EINVAL);
    u.weight = KM_INDICATOR_WEIGHT_MAX + 1;
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_WEIGHT), KM_EINVAL);
    u.weight = 5;
    assert_int_equal(km_indicator_update(net, 77, &u, KM_INDICATOR_F_WEIGHT), KM_ENOTFOUND);
    /* Measure changes are fine until the first measurement... */
    u.measure = KM_MEASURE_UNIT;
    u.scale = 2;
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_MEASURE), 0);
    ev_report(net, id, "2024-01-01", "2024-03-31", 1000, 1);
    u.scale = 0;
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_MEASURE), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "indicator.measure");
    u.scale = 2; /* unchanged values are fine */
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_MEASURE | KM_INDICATOR_F_WEIGHT), 0);
    /* Retirement: a reason, once, then nothing changes. */
    assert_int_equal(km_indicator_retire(net, id, NULL), KM_EINVAL);
    assert_int_equal(km_indicator_retire(net, id, "diganti indikator baru"), 0);
    assert_int_equal(km_indicator_retire(net, id, "lagi"), KM_ESTATE);
    assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_WEIGHT), KM_ESTATE);
    assert_int_equal(km_indicator_get(&ind, net, id), 0);
    assert_int_equal(km_indicator_status_of(ind), KM_INDICATOR_RETIRED);
    /* The change's day in WIB: the clock is 2023-11-14 22:13 UTC (a few
     * seconds on), 05:13 WIB on the 15th. */
    assert_string_equal(km_indicator_retired_on(ind), "2023-11-15");
    assert_string_equal(km_indicator_status_reason(ind), "diganti indikator baru");
    assert_int_equal(km_indicator_version(ind), 4); /* retirement keeps the version */
    km_indicator_free(ind);
    /* Indicator functions refuse templates and vice versa. */
    assert_int_equal(km_indicator_template_update(net, id, &u, KM_INDICATOR_F_WEIGHT), KM_ESTATE);
    assert_int_equal(km_indicator_template_retire(net, id, "x"), KM_ESTATE);
    km_network_close(net);
}

/* km_indicator_list() against a brute-force filter of every record. */
static int brute_match(const km_indicator *r, const km_indicator_query *q, km_network *net)
{
    if (km_indicator_is_template(r) != (q->templates != 0)) return 0;
    if (q->agreement_id && km_indicator_agreement_id(r) != q->agreement_id) return 0;
    if (q->template_id && km_indicator_template_id(r) != q->template_id) return 0;
    if (q->dimension != -1 && km_indicator_dimension(r) != q->dimension) return 0;
    if (q->status != -1 && km_indicator_status_of(r) != q->status) return 0;
    if (q->framework_id) {
        if (q->templates) return km_indicator_framework_id(r) == q->framework_id;
        {
            km_agreement *a = NULL;
            uint64_t fw;
            if (km_agreement_get(&a, net, km_indicator_agreement_id(r)) != 0) return 0;
            fw = km_agreement_framework_id(a);
            km_agreement_free(a);
            if (fw != q->framework_id) return 0;
        }
    }
    return 1;
}

static void check_list(km_network *net, const km_indicator_query *q0, uint64_t max_id)
{
    km_indicator_query q = *q0;
    uint64_t want[200], got[200], id;
    size_t nw = 0, ng = 0, i;
    for (id = 1; id <= max_id; id++) {
        km_indicator *r = NULL;
        assert_int_equal(km_indicator_get(&r, net, id), 0);
        if (brute_match(r, &q, net)) want[nw++] = id;
        km_indicator_free(r);
    }
    q.limit = 3;
    for (;;) {
        km_indicator_page *p = NULL;
        const char *cur;
        assert_int_equal(km_indicator_list(&p, net, &q), 0);
        for (i = 0; i < km_indicator_page_count(p); i++) got[ng++] = km_indicator_id(km_indicator_page_get(p, i));
        cur = km_indicator_page_cursor(p);
        if (!cur) {
            km_indicator_page_free(p);
            break;
        }
        {
            static char buf[64];
            snprintf(buf, sizeof buf, "%s", cur);
            q.cursor = buf;
        }
        km_indicator_page_free(p);
    }
    assert_int_equal(ng, nw);
    for (i = 0; i < nw; i++) assert_int_equal(got[i], want[i]);
}

static void test_list(void **state)
{
    km_network *net = open_ev();
    km_framework_spec *spec = NULL;
    km_indicator_query q = KM_INDICATOR_QUERY_INIT;
    km_indicator_page *p = NULL;
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    uint64_t fw = 0, t1 = 0, n;
    int i, k;
    (void)state;
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015", NULL), 0);
    assert_int_equal(km_framework_create(&fw, net, spec), 0);
    km_framework_spec_free(spec);
    fx_create(net, "EV/2");
    af.framework_id = fw;
    assert_int_equal(km_agreement_update(net, 2, &af, KM_AGREEMENT_F_FRAMEWORK), 0);
    {
        km_indicator_fields f;
        ev_unit_fields(&f, "TPL-1", NULL, v100);
        f.baseline_date = NULL;
        f.reporter_id = 0;
        assert_int_equal(km_indicator_template_create(&t1, net, fw, &f), 0);
    }
    assert_int_equal(km_indicator_instantiate_templates(&n, net, 2), 0);
    assert_int_equal(n, 1);
    for (i = 0; i < 12; i++) {
        km_indicator_fields f;
        char code[16];
        snprintf(code, sizeof code, "L-%d", i);
        ev_unit_fields(&f, code, d2024, v100);
        f.dimension = i % KM_DIMENSION__COUNT;
        ev_indicator(net, (uint64_t)(i % 2) + 1, &f);
    }
    assert_int_equal(km_indicator_retire(net, 5, "x"), 0);
    n = 2 + 12;
    for (k = 0; k < 16; k++) {
        km_indicator_query x = KM_INDICATOR_QUERY_INIT;
        x.agreement_id = (uint64_t)(k & 1 ? 2 : 0);
        x.dimension = k & 2 ? KM_DIMENSION_EFFICIENCY : -1;
        x.status = k & 4 ? KM_INDICATOR_ACTIVE : -1;
        x.framework_id = k & 8 ? fw : 0;
        check_list(net, &x, n);
        x.agreement_id = 0;
        x.template_id = t1;
        check_list(net, &x, n);
    }
    q.templates = 1;
    check_list(net, &q, n);
    q.framework_id = fw;
    check_list(net, &q, n);
    q.agreement_id = 1;
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EINVAL);
    q = (km_indicator_query)KM_INDICATOR_QUERY_INIT;
    q.dimension = 9;
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EINVAL);
    q.dimension = -1;
    q.status = 2;
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EINVAL);
    q.status = -1;
    q.cursor = "zz";
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.limit = 1001;
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EINVAL);
    q.limit = 0;
    q.version = 9;
    assert_int_equal(km_indicator_list(&p, net, &q), KM_EVERSION);
    q.version = KM_INDICATOR_QUERY_VERSION;
    q.agreement_id = 99;
    assert_int_equal(km_indicator_list(&p, net, &q), 0);
    assert_int_equal(km_indicator_page_count(p), 0);
    assert_null(km_indicator_page_cursor(p));
    km_indicator_page_free(p);
    assert_int_equal(km_indicator_list(&p, net, NULL), 0);
    assert_int_equal(km_indicator_page_count(p), 13); /* templates are not listed */
    assert_null(km_indicator_page_get(p, 13));
    km_indicator_page_free(p);
    km_indicator_page_free(NULL);
    km_network_close(net);
}

static uint64_t make_framework(km_network *net)
{
    km_framework_spec *spec = NULL;
    uint64_t fw = 0;
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 tentang KPBU", "LN 2015/62"), 0);
    assert_int_equal(km_framework_create(&fw, net, spec), 0);
    km_framework_spec_free(spec);
    return fw;
}

static void test_templates(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    km_indicator *ind = NULL;
    const int64_t avail[] = { 95 }, avail_den[] = { 100 };
    uint64_t fw, t_avail = 0, t_sat = 0, t_old = 0, n = 9, seq, id2;
    int64_t v, d;
    (void)state;
    fw = make_framework(net);
    /* Every KPBU reports availability (a percentage) and user satisfaction. */
    ev_unit_fields(&f, "AVAIL", NULL, avail);
    f.title = "Ketersediaan layanan";
    f.measure = KM_MEASURE_PERCENTAGE;
    f.baseline_value = 80;
    f.baseline_denominator = 100;
    f.target_denominators = avail_den;
    f.time_aggregation = KM_TIME_AGG_SUM;
    f.dimension = KM_DIMENSION_EFFICIENCY;
    f.baseline_date = NULL;
    f.reporter_id = 0;
    f.frequency = KM_FREQUENCY_MONTHLY;
    assert_int_equal(km_indicator_template_create(&t_avail, net, fw, &f), 0);
    {
        km_indicator_fields s;
        const int64_t four[] = { 4 };
        ev_unit_fields(&s, "SATISF", NULL, four);
        s.title = "Kepuasan pengguna";
        s.measure = KM_MEASURE_ORDINAL;
        s.scale_max = 5;
        s.baseline_value = 3;
        s.baseline_date = NULL;
        s.reporter_id = 0;
        s.time_aggregation = KM_TIME_AGG_LAST;
        s.cross_aggregation = KM_CROSS_AGG_AVERAGE;
        s.dimension = KM_DIMENSION_PUBLIC_TRUST;
        assert_int_equal(km_indicator_template_create(&t_sat, net, fw, &s), 0);
        s.code = "OLD";
        assert_int_equal(km_indicator_template_create(&t_old, net, fw, &s), 0);
        assert_int_equal(km_indicator_template_retire(net, t_old, "tidak dipakai"), 0);
    }
    /* Template rules. */
    seq = km_network_seq(net);
    f.code = "X";
    assert_int_equal(km_indicator_template_create(NULL, net, 42, &f), KM_ENOTFOUND);
    f.baseline_date = "2024-01-01";
    assert_int_equal(km_indicator_template_create(NULL, net, fw, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "indicator.baseline_date");
    f.baseline_date = NULL;
    f.target_dates = d2024;
    assert_int_equal(km_indicator_template_create(NULL, net, fw, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "indicator.targets[0]");
    f.target_dates = NULL;
    f.reporter_id = FX_BIZ;
    assert_int_equal(km_indicator_template_create(NULL, net, fw, &f), KM_EINVAL);
    f.reporter_id = 0;
    f.code = "AVAIL";
    assert_int_equal(km_indicator_template_create(NULL, net, fw, &f), KM_EEXISTS);
    assert_int_equal(km_indicator_template_create(NULL, net, fw, NULL), KM_EINVAL);
    assert_int_equal(km_network_seq(net), seq);
    /* An agreement without a framework gets nothing; agreement 1 has none. */
    assert_int_equal(km_indicator_instantiate_templates(&n, net, 1), 0);
    assert_int_equal(n, 0);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, 77), KM_ENOTFOUND);
    /* A draft under the framework without an end date cannot take targets. */
    id2 = fx_create(net, "EV/2");
    af.framework_id = fw;
    assert_int_equal(km_agreement_update(net, id2, &af, KM_AGREEMENT_F_FRAMEWORK | KM_AGREEMENT_F_END), 0);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, id2), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "agreement.end_date");
    af.end_date = "2034-12-31";
    assert_int_equal(km_agreement_update(net, id2, &af, KM_AGREEMENT_F_END), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, id2), 0);
    assert_int_equal(n, 2);
    assert_int_equal(km_network_seq(net), seq + 1); /* one log entry for both */
    assert_int_equal(km_indicator_get_by_code(&ind, net, id2, "AVAIL"), 0);
    assert_int_equal(km_indicator_template_id(ind), t_avail);
    assert_int_equal(km_indicator_agreement_id(ind), id2);
    assert_string_equal(km_indicator_baseline_date(ind), "2024-01-01");
    assert_string_equal(km_indicator_target(&v, &d, ind, 0), "2034-12-31");
    assert_int_equal(v, 95);
    assert_int_equal(d, 100);
    assert_int_equal(km_indicator_reporter(ind), FX_BIZ); /* the private party */
    assert_int_equal(km_indicator_measure(ind), KM_MEASURE_PERCENTAGE);
    assert_int_equal(km_indicator_frequency(ind), KM_FREQUENCY_MONTHLY);
    km_indicator_free(ind);
    assert_int_equal(km_indicator_get_by_code(&ind, net, id2, "OLD"), KM_ENOTFOUND); /* retired template */
    /* Again: nothing new. A new template: only it. */
    assert_int_equal(km_indicator_instantiate_templates(&n, net, id2), 0);
    assert_int_equal(n, 0);
    f.code = "ENERGY";
    f.dimension = KM_DIMENSION_SUSTAINABILITY;
    assert_int_equal(km_indicator_template_create(NULL, net, fw, &f), 0);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, id2), 0);
    assert_int_equal(n, 1);
    /* Template reads and updates. */
    assert_int_equal(km_indicator_get(&ind, net, t_avail), 0);
    assert_true(km_indicator_is_template(ind));
    assert_int_equal(km_indicator_framework_id(ind), fw);
    assert_int_equal(km_indicator_agreement_id(ind), 0);
    assert_null(km_indicator_baseline_date(ind));
    assert_string_equal(km_indicator_target(NULL, NULL, ind, 0), "");
    km_indicator_free(ind);
    f.title = "Ketersediaan layanan air minum";
    assert_int_equal(km_indicator_template_update(net, t_avail, &f, KM_INDICATOR_F_TITLE), 0);
    assert_int_equal(km_indicator_update(net, t_avail, &f, KM_INDICATOR_F_TITLE), KM_ESTATE);
    assert_int_equal(km_indicator_retire(net, t_avail, "x"), KM_ESTATE);
    assert_int_equal(km_indicator_get_by_code(&ind, net, id2, "AVAIL"), 0);
    assert_string_equal(km_indicator_title(ind), "Ketersediaan layanan"); /* the copy keeps its own */
    km_indicator_free(ind);
    /* A template is no agreement's indicator. */
    {
        km_measurement_fields mf = KM_MEASUREMENT_FIELDS_INIT;
        mf.partner_id = FX_BIZ;
        mf.period_start = "2024-01-01";
        mf.period_end = "2024-01-31";
        assert_int_equal(km_measurement_create(NULL, net, t_avail, &mf), KM_ESTATE);
    }
    km_network_close(net);
}

static void test_settings(void **state)
{
    km_network *net = open_ev();
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    uint32_t on = 0, risk = 0, grace = 0;
    (void)state;
    assert_int_equal(km_evaluation_thresholds(&on, &risk, &grace, net), 0);
    assert_int_equal(on, KM_EVALUATION_ON_TRACK_DEFAULT);
    assert_int_equal(risk, KM_EVALUATION_AT_RISK_DEFAULT);
    assert_int_equal(grace, KM_EVALUATION_GRACE_DEFAULT);
    assert_int_equal(km_evaluation_set_thresholds(net, 1001, 500, 10), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "on_track_permille");
    assert_int_equal(km_evaluation_set_thresholds(net, 800, 900, 10), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "at_risk_permille");
    assert_int_equal(km_evaluation_set_thresholds(net, 800, 500, 400), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "grace_days");
    assert_int_equal(km_evaluation_set_thresholds(net, 800, 500, 45), 0);
    assert_int_equal(km_evaluation_thresholds(&on, &risk, &grace, net), 0);
    assert_int_equal(on, 800);
    assert_int_equal(risk, 500);
    assert_int_equal(grace, 45);
    assert_int_equal(km_evaluation_thresholds(NULL, NULL, NULL, NULL), KM_EINVAL);
    q.entity = KM_ENTITY_INDICATOR;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 1);
    assert_string_equal(km_audit_operation(au, 0), "evaluation.settings");
    assert_int_equal(km_audit_entity_id(au, 0), 0);
    assert_string_equal(km_audit_data_json(au, 0),
                        "{\"on_track_permille\":800,\"at_risk_permille\":500,\"grace_days_default\":45}");
    km_audit_free(au);
    /* In a transaction that rolls back, the settings come back too. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_evaluation_set_thresholds(net, 1000, 1000, 0), 0);
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(km_evaluation_thresholds(&on, &risk, &grace, net), 0);
    assert_int_equal(on, 800);
    assert_int_equal(grace, 45);
    km_network_close(net);
}

static void test_labels(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < KM_RESULT_LEVEL__COUNT; i++) assert_string_not_equal(km_result_level_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_MEASURE__COUNT; i++) assert_string_not_equal(km_measure_label(i, KM_LANG_EN), "?");
    for (i = 0; i < KM_FREQUENCY__COUNT; i++) assert_string_not_equal(km_frequency_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_TIME_AGG__COUNT; i++) assert_string_not_equal(km_time_aggregation_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_CROSS_AGG__COUNT; i++) assert_string_not_equal(km_cross_aggregation_label(i, KM_LANG_EN), "?");
    for (i = 0; i < KM_MEASUREMENT_STATUS__COUNT; i++)
        assert_string_not_equal(km_measurement_status_label(i, KM_LANG_ID), "?");
    assert_string_equal(km_result_level_label(KM_RESULT_OUTCOME, KM_LANG_EN), "outcome");
    assert_string_equal(km_result_level_label(KM_RESULT_OUTPUT, KM_LANG_ID), "keluaran");
    assert_string_equal(km_result_level_label(4, KM_LANG_EN), "?");
    assert_string_equal(km_direction_label(KM_DIRECTION_DESCENDING, 7), "descending (lower is better)");
    assert_string_equal(km_indicator_status_label(KM_INDICATOR_RETIRED, KM_LANG_ID), "dihentikan");
    assert_string_equal(km_measurement_status_label(KM_MEASUREMENT_RETURNED, KM_LANG_EN), "returned for revision");
    /* IATI codelists: ResultType and IndicatorMeasure. */
    assert_int_equal(km_result_level_iati(KM_RESULT_OUTPUT), 1);
    assert_int_equal(km_result_level_iati(KM_RESULT_OUTCOME), 2);
    assert_int_equal(km_result_level_iati(KM_RESULT_IMPACT), 3);
    assert_int_equal(km_result_level_iati(KM_RESULT_OTHER), 9);
    assert_int_equal(km_result_level_iati(-1), -1);
    assert_int_equal(km_measure_iati(KM_MEASURE_UNIT), 1);
    assert_int_equal(km_measure_iati(KM_MEASURE_PERCENTAGE), 2);
    assert_int_equal(km_measure_iati(KM_MEASURE_NOMINAL), 3);
    assert_int_equal(km_measure_iati(KM_MEASURE_ORDINAL), 4);
    assert_int_equal(km_measure_iati(KM_MEASURE_QUALITATIVE), 5);
    assert_int_equal(km_measure_iati(KM_MEASURE_RATIO), -1);
    assert_int_equal(km_measure_iati(6), -1);
    assert_string_equal(km_entity_label(KM_ENTITY_INDICATOR, KM_LANG_ID), "indikator");
}

/* The measure codes in the header match the IATI codelists shipped with the
 * standards (skipped when the folder is absent). */
static void test_iati_codelists(void **state)
{
    static const char *const files[] = { "ResultType.xml", "IndicatorMeasure.xml" };
    int f;
    (void)state;
    for (f = 0; f < 2; f++) {
        char path[512], buf[65536];
        FILE *fp;
        size_t n;
        /* The repository root is three levels above this file. */
        const char *src = __FILE__, *end = strstr(src, "tests/unit/test_indicator.c");
        if (!end) return;
        snprintf(path, sizeof path, "%.*s../shared/standards/iati-2.03/codelists/%s", (int)(end - src), src, files[f]);
        fp = fopen(path, "rb");
        if (!fp) continue;
        n = fread(buf, 1, sizeof buf - 1, fp);
        fclose(fp);
        buf[n] = '\0';
        if (f == 0) {
            int i;
            for (i = 0; i < KM_RESULT_LEVEL__COUNT; i++) {
                char want[32];
                snprintf(want, sizeof want, "<code>%d</code>", km_result_level_iati(i));
                assert_non_null(strstr(buf, want));
            }
        } else {
            int i;
            for (i = 0; i < KM_MEASURE__COUNT; i++) {
                char want[32];
                if (km_measure_iati(i) < 0) continue;
                snprintf(want, sizeof want, "<code>%d</code>", km_measure_iati(i));
                assert_non_null(strstr(buf, want));
            }
            assert_null(strstr(buf, "<code>6</code>")); /* no ratio code in 2.03 */
        }
    }
}

static void test_time_travel_audit(void **state)
{
    km_network *net = open_ev(), *past = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_indicator_fields f, u = KM_INDICATOR_FIELDS_INIT;
    km_indicator *ind = NULL;
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    uint64_t id, seq;
    (void)state;
    /* A network on a memory store cannot be reopened: use a file. */
    km_network_close(net);
    {
        char path[512];
        store_path(path, sizeof path, "indicator-tt");
        remove_store(path);
        o.clock = fx_clock;
        o.actor = "admin:test";
        assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
        fx_partners(net);
        assert_int_equal(fx_create(net, "EV/1"), 1);
        ev_unit_fields(&f, "TT-1", d2024, v100);
        id = ev_indicator(net, 1, &f);
        seq = km_network_seq(net);
        u.weight = 7;
        assert_int_equal(km_indicator_update(net, id, &u, KM_INDICATOR_F_WEIGHT), 0);
        assert_int_equal(km_indicator_retire(net, id, "selesai"), 0);
        o.as_of_seq = seq;
        assert_int_equal(km_network_open_file(&past, path, NULL, &o), 0);
        assert_int_equal(km_indicator_get(&ind, past, id), 0);
        assert_int_equal(km_indicator_weight(ind), 1);
        assert_int_equal(km_indicator_status_of(ind), KM_INDICATOR_ACTIVE);
        km_indicator_free(ind);
        assert_int_equal(km_indicator_create(NULL, past, 1, &f), KM_EREADONLY);
        km_network_close(past);
        q.entity = KM_ENTITY_INDICATOR;
        q.entity_id = id;
        assert_int_equal(km_audit_list(&au, net, &q), 0);
        assert_int_equal(km_audit_count(au), 3);
        assert_string_equal(km_audit_operation(au, 0), "indicator.create");
        assert_string_equal(km_audit_operation(au, 1), "indicator.update");
        assert_string_equal(km_audit_operation(au, 2), "indicator.retire");
        assert_non_null(strstr(km_audit_data_json(au, 0), "\"agreement_id\":1"));
        assert_non_null(strstr(km_audit_data_json(au, 0), "\"code\":\"TT-1\""));
        assert_non_null(strstr(km_audit_data_json(au, 0), "\"targets\":[\"2024-12-31:100:1\"]"));
        assert_non_null(strstr(km_audit_data_json(au, 1), "\"weight\":7"));
        assert_non_null(strstr(km_audit_data_json(au, 2), "\"reason\":\"selesai\""));
        km_audit_free(au);
        km_network_close(net);
        remove_store(path);
    }
}

/* ---- out of memory ---- */

/* Everything the operations below can change, as text. */
static void fingerprint(km_network *net, char *out, size_t cap)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    uint32_t on = 0, risk = 0, grace = 0;
    uint64_t id;
    size_t pos;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(km_evaluation_thresholds(&on, &risk, &grace, net), 0);
    pos = (size_t)snprintf(out, cap, "%llu %llu %u %u %u|", (unsigned long long)st.log_entries,
                           (unsigned long long)st.indicators, on, risk, grace);
    for (id = 1; pos < cap; id++) {
        km_indicator *r = NULL;
        if (km_indicator_get(&r, net, id) != 0) break;
        pos += (size_t)snprintf(out + pos, cap - pos, "%llu:%u:%d:%s:%s:%llu;", (unsigned long long)id,
                                km_indicator_version(r), km_indicator_status_of(r), km_indicator_code(r),
                                km_indicator_title(r), (unsigned long long)km_indicator_agreement_id(r));
        km_indicator_free(r);
    }
}

/* Fails the N-th allocation for every N until op succeeds: each failure is
 * KM_ENOMEM and leaves the log and the state exactly as they were. */
static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    static char before[8192], after[8192];
    long n;
    fingerprint(net, before, sizeof before);
    for (n = 1; n < 100000; n++) {
        long refused;
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        refused = ta->failures;
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0 && refused == 0) return;
        if (rc == 0) continue; /* a refused allocation that did not matter (none expected, but harmless) */
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        fingerprint(net, after, sizeof after);
        assert_string_equal(after, before);
    }
    fail_msg("never succeeded");
}

static int op_create(km_network *net, int i)
{
    km_indicator_fields f;
    const char *dates[] = { "2024-06-30", "2024-12-31" };
    const int64_t vals[] = { 50, 100 };
    char code[16];
    snprintf(code, sizeof code, "OOM-%d", i);
    ev_unit_fields(&f, code, dates, vals);
    f.targets_count = 2;
    f.description = "deskripsi";
    return km_indicator_create(NULL, net, 1, &f);
}
static int op_update(km_network *net, int id)
{
    km_indicator_fields u = KM_INDICATOR_FIELDS_INIT;
    u.title = "Judul baru";
    u.code = "OOM-NEW";
    return km_indicator_update(net, (uint64_t)id, &u, KM_INDICATOR_F_TITLE | KM_INDICATOR_F_CODE);
}
static int op_retire(km_network *net, int id) { return km_indicator_retire(net, (uint64_t)id, "alasan"); }
static int op_template(km_network *net, int fw)
{
    km_indicator_fields f;
    ev_unit_fields(&f, "OOM-T", NULL, v100);
    f.baseline_date = NULL;
    f.reporter_id = 0;
    return km_indicator_template_create(NULL, net, (uint64_t)fw, &f);
}
static int op_instantiate(km_network *net, int agreement)
{
    uint64_t n = 0;
    int rc = km_indicator_instantiate_templates(&n, net, (uint64_t)agreement);
    return rc == 0 && n != 1 ? -100 : rc;
}
static int op_settings(km_network *net, int i)
{
    (void)i;
    return km_evaluation_set_thresholds(net, 850, 550, 20);
}
static int op_list(km_network *net, int i)
{
    km_indicator_page *p = NULL;
    km_indicator_query q = KM_INDICATOR_QUERY_INIT;
    int rc;
    q.agreement_id = (uint64_t)i;
    rc = km_indicator_list(&p, net, &q);
    km_indicator_page_free(p);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    uint64_t fw;
    (void)state;
    km_test_alloc_init(&ta);
    net = ev_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    fw = make_framework(net);
    fx_create(net, "EV/2");
    af.framework_id = fw;
    assert_int_equal(km_agreement_update(net, 2, &af, KM_AGREEMENT_F_FRAMEWORK), 0);
    oom_loop(&ta, net, op_create, 1);
    oom_loop(&ta, net, op_create, 2);
    oom_loop(&ta, net, op_update, 1);
    oom_loop(&ta, net, op_template, (int)fw);
    oom_loop(&ta, net, op_instantiate, 2);
    oom_loop(&ta, net, op_settings, 0);
    oom_loop(&ta, net, op_retire, 2);
    oom_loop(&ta, net, op_list, 1);
    {
        km_indicator *ind = NULL;
        assert_int_equal(km_indicator_get(&ind, net, 1), 0);
        assert_string_equal(km_indicator_code(ind), "OOM-NEW");
        km_indicator_free(ind);
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_get),
        cmocka_unit_test(test_validation),
        cmocka_unit_test(test_aggregation_table),
        cmocka_unit_test(test_update_versions),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_templates),
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_iati_codelists),
        cmocka_unit_test(test_time_travel_audit),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
