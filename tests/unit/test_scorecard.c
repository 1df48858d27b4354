/* Unit tests for progress and scorecards: progress arithmetic on
 * hand-computed cases (ascending, descending, target equal to baseline,
 * overshoot, nominal), time aggregation, numerator/denominator pooling
 * against the wrong way (averaging percentages), the plan and the status
 * thresholds, every scorecard scope with the health index recomputed from
 * its components (the worked example of docs/evaluation.md), scorecards as
 * of past dates, missing and late reports, trends, a snapshot round trip
 * and an out-of-memory loop over the computations. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "evaluation_fixture.h"
#include "support/files.h"
#include "support/failalloc.h"
#include "support/counting_store.h"
#include "support/state_hash.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Days since 1970-01-01 (Hinnant), to set the fixture clock to a day. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

/* The fixture clock jumps to noon UTC of that day. */
static void set_day(int y, unsigned m, unsigned d) { fx_now = days_from_civil(y, m, d) * 86400000000LL + 43200000000LL; }

static km_network *open_ev(void)
{
    km_network *net;
    set_day(2024, 1, 2);
    net = ev_open(NULL);
    assert_non_null(net);
    return net;
}

/* Partners only: build_example() makes the agreements. */
static km_network *open_plain(const km_allocator *alloc)
{
    km_network *net;
    set_day(2024, 1, 2);
    net = fx_open(alloc);
    assert_non_null(net);
    fx_partners(net);
    return net;
}

/* Reports and approves a value for a partner of the agreement (the other
 * party approves); text for qualitative indicators. */
static uint64_t report(km_network *net, uint64_t ind, uint64_t partner, const char *who, const char *approver,
                       const char *start, const char *end, int64_t num, int64_t den, const char *text)
{
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    uint64_t id = 0;
    f.partner_id = partner;
    f.period_start = start;
    f.period_end = end;
    f.value = num;
    f.denominator = den;
    f.text = text;
    assert_int_equal(km_network_set_actor(net, who), 0);
    if (km_measurement_create(&id, net, ind, &f) != 0 || km_measurement_submit(net, id) != 0)
        fail_msg("report: %s", km_error_last_message(KM_LANG_EN));
    assert_int_equal(km_network_set_actor(net, approver), 0);
    if (km_measurement_approve(net, id, NULL) != 0) fail_msg("approve: %s", km_error_last_message(KM_LANG_EN));
    assert_int_equal(km_network_set_actor(net, "admin:test"), 0);
    return id;
}

static uint64_t biz_report(km_network *net, uint64_t ind, const char *start, const char *end, int64_t num, int64_t den)
{
    return report(net, ind, FX_BIZ, EV_BIZ_EXT, EV_GOV_EXT, start, end, num, den, NULL);
}

/* A one-target indicator on agreement 1: baseline b/bd on 2024-01-01,
 * target t/td on 2024-12-31. */
static uint64_t simple(km_network *net, const char *code, int measure, int direction, int time_agg, int64_t b,
                       int64_t bd, int64_t t, int64_t td)
{
    km_indicator_fields f;
    const char *dates[1] = { "2024-12-31" };
    int64_t vals[1], dens[1];
    vals[0] = t;
    dens[0] = td;
    ev_unit_fields(&f, code, dates, vals);
    f.measure = measure;
    f.direction = direction;
    f.time_aggregation = time_agg;
    f.baseline_value = b;
    f.baseline_denominator = bd;
    f.target_denominators = dens;
    if (measure == KM_MEASURE_ORDINAL || measure == KM_MEASURE_NOMINAL) f.scale_max = 5;
    if (measure == KM_MEASURE_ORDINAL) f.cross_aggregation = KM_CROSS_AGG_AVERAGE;
    return ev_indicator(net, 1, &f);
}

static km_progress *progress(km_network *net, uint64_t ind, const char *as_of, int knowledge)
{
    km_progress *p = NULL;
    if (km_indicator_progress(&p, net, ind, as_of, knowledge) != 0)
        fail_msg("progress: %s", km_error_last_message(KM_LANG_EN));
    return p;
}

/* raw and score of an indicator with a single value (time LAST). */
static void expect_progress(km_network *net, uint64_t ind, double raw, double score, int status)
{
    km_progress *p = progress(net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_raw(p), raw);
    NEAR(km_progress_score(p), score);
    NEAR(km_progress_expected(p), 1.0); /* the target date */
    assert_int_equal(km_progress_status_of(p), status);
    km_progress_free(p);
}

static void test_progress_arithmetic(void **state)
{
    km_network *net = open_ev();
    uint64_t asc, desc, away, over, desc_over, hold, hold_below, hold_desc, nom, nom_miss, none;
    km_progress *p;
    int64_t den = 0;
    (void)state;
    /* Ascending: (50 - 20) / (80 - 20) = 0.5. */
    asc = simple(net, "ASC", KM_MEASURE_UNIT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 20, 1, 80, 1);
    biz_report(net, asc, "2024-10-01", "2024-12-31", 50, 1);
    expect_progress(net, asc, 0.5, 0.5, KM_PROGRESS_OFF_TRACK);
    /* Descending: (25 - 30) / (20 - 30) = 0.5. */
    desc = simple(net, "DESC", KM_MEASURE_UNIT, KM_DIRECTION_DESCENDING, KM_TIME_AGG_LAST, 30, 1, 20, 1);
    biz_report(net, desc, "2024-10-01", "2024-12-31", 25, 1);
    expect_progress(net, desc, 0.5, 0.5, KM_PROGRESS_OFF_TRACK);
    /* Moving away (descending, up to 35): (35 - 30) / (20 - 30) = -0.5, scored 0. */
    away = simple(net, "AWAY", KM_MEASURE_UNIT, KM_DIRECTION_DESCENDING, KM_TIME_AGG_LAST, 30, 1, 20, 1);
    biz_report(net, away, "2024-10-01", "2024-12-31", 35, 1);
    expect_progress(net, away, -0.5, 0.0, KM_PROGRESS_OFF_TRACK);
    /* Overshoot: (110 - 20) / (80 - 20) = 1.5, scored 1. */
    over = simple(net, "OVER", KM_MEASURE_UNIT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 20, 1, 80, 1);
    biz_report(net, over, "2024-10-01", "2024-12-31", 110, 1);
    expect_progress(net, over, 1.5, 1.0, KM_PROGRESS_ON_TRACK);
    /* Overshoot downwards: (15 - 30) / (20 - 30) = 1.5. */
    desc_over = simple(net, "DOVER", KM_MEASURE_UNIT, KM_DIRECTION_DESCENDING, KM_TIME_AGG_LAST, 30, 1, 20, 1);
    biz_report(net, desc_over, "2024-10-01", "2024-12-31", 15, 1);
    expect_progress(net, desc_over, 1.5, 1.0, KM_PROGRESS_ON_TRACK);
    /* Target = baseline (hold 95 %): at or beyond it is 1, below it 0. */
    hold = simple(net, "HOLD", KM_MEASURE_PERCENTAGE, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 95, 100, 95, 100);
    biz_report(net, hold, "2024-10-01", "2024-12-31", 97, 100);
    expect_progress(net, hold, 1.0, 1.0, KM_PROGRESS_ON_TRACK);
    hold_below = simple(net, "HOLD2", KM_MEASURE_PERCENTAGE, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 95, 100, 95, 100);
    biz_report(net, hold_below, "2024-10-01", "2024-12-31", 189, 200); /* 94.5 % */
    expect_progress(net, hold_below, 0.0, 0.0, KM_PROGRESS_OFF_TRACK);
    hold_desc = simple(net, "HOLD3", KM_MEASURE_UNIT, KM_DIRECTION_DESCENDING, KM_TIME_AGG_LAST, 10, 1, 10, 1);
    biz_report(net, hold_desc, "2024-10-01", "2024-12-31", 10, 1); /* exactly at it */
    expect_progress(net, hold_desc, 1.0, 1.0, KM_PROGRESS_ON_TRACK);
    /* Nominal: the target category or not. */
    nom = simple(net, "NOM", KM_MEASURE_NOMINAL, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 1, 1, 2, 1);
    biz_report(net, nom, "2024-10-01", "2024-12-31", 2, 1);
    expect_progress(net, nom, 1.0, 1.0, KM_PROGRESS_ON_TRACK);
    nom_miss = simple(net, "NOM2", KM_MEASURE_NOMINAL, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 1, 1, 2, 1);
    biz_report(net, nom_miss, "2024-10-01", "2024-12-31", 3, 1);
    expect_progress(net, nom_miss, 0.0, 0.0, KM_PROGRESS_OFF_TRACK);
    /* No data: no progress, status no data. */
    none = simple(net, "NONE", KM_MEASURE_UNIT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_SUM, 0, 1, 10, 1);
    p = progress(net, none, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_NO_DATA);
    assert_int_equal(km_progress_value_count(p), 0);
    assert_null(km_progress_last_period_end(p));
    NEAR(km_progress_score(p), 0.0);
    km_progress_free(p);
    /* Every component of a result. */
    p = progress(net, asc, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_indicator_id(p), asc);
    assert_int_equal(km_progress_agreement_id(p), 1);
    assert_int_equal(km_progress_dimension(p), KM_DIMENSION_IMPACT);
    assert_int_equal(km_progress_measure(p), KM_MEASURE_UNIT);
    assert_int_equal(km_progress_weight(p), 1);
    assert_int_equal(km_progress_value_count(p), 1);
    assert_int_equal(km_progress_actual(&den, p), 50);
    assert_int_equal(den, 1);
    NEAR(km_progress_actual_value(p), 50.0);
    NEAR(km_progress_baseline_value(p), 20.0);
    NEAR(km_progress_target_value(p), 80.0);
    assert_string_equal(km_progress_target_date(p), "2024-12-31");
    assert_string_equal(km_progress_last_period_end(p), "2024-12-31");
    assert_string_equal(km_progress_as_of(p), "2024-12-31");
    assert_null(km_progress_text(p));
    km_progress_free(p);
    /* A period ending after the as-of date does not count yet. */
    p = progress(net, asc, "2024-12-30", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_NO_DATA);
    km_progress_free(p);
    /* Errors. */
    p = NULL;
    assert_int_equal(km_indicator_progress(&p, net, asc, "2024-13-01", 0), KM_EINVAL);
    assert_int_equal(km_indicator_progress(&p, net, asc, NULL, 0), KM_EINVAL);
    assert_int_equal(km_indicator_progress(&p, net, asc, "2024-12-31", 2), KM_EINVAL);
    assert_int_equal(km_indicator_progress(&p, net, 999, "2024-12-31", 0), KM_ENOTFOUND);
    assert_int_equal(km_indicator_progress(NULL, net, asc, "2024-12-31", 0), KM_EINVAL);
    assert_null(p);
    km_progress_free(NULL);
    assert_int_equal(km_progress_status_of(NULL), -1);
    NEAR(km_progress_raw(NULL), 0.0);
    km_network_close(net);
}

static void test_time_aggregation(void **state)
{
    static const int rules[] = { KM_TIME_AGG_SUM, KM_TIME_AGG_LAST, KM_TIME_AGG_AVERAGE, KM_TIME_AGG_MAX,
                                 KM_TIME_AGG_MIN };
    /* Values 10 (Q1), 40 (Q2), 25 (Q3), reported out of order. */
    static const int64_t want_num[] = { 75, 25, 75, 40, 10 }, want_den[] = { 1, 1, 3, 1, 1 };
    km_network *net = open_ev();
    size_t i;
    (void)state;
    for (i = 0; i < 5; i++) {
        char code[8];
        uint64_t ind;
        km_progress *p;
        int64_t den = 0;
        snprintf(code, sizeof code, "T%zu", i);
        ind = simple(net, code, KM_MEASURE_UNIT, KM_DIRECTION_ASCENDING, rules[i], 0, 1, 100, 1);
        biz_report(net, ind, "2024-04-01", "2024-06-30", 40, 1);
        biz_report(net, ind, "2024-07-01", "2024-09-30", 25, 1);
        biz_report(net, ind, "2024-01-01", "2024-03-31", 10, 1);
        p = progress(net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT);
        assert_int_equal(km_progress_actual(&den, p), want_num[i]);
        assert_int_equal(den, want_den[i]);
        NEAR(km_progress_actual_value(p), (double)want_num[i] / (double)want_den[i]);
        assert_int_equal(km_progress_value_count(p), 3);
        assert_string_equal(km_progress_last_period_end(p), "2024-09-30");
        km_progress_free(p);
    }
    /* Ordinal average: 3, 4, 5 -> 12/3 = 4 exactly. */
    {
        uint64_t ind = simple(net, "ORD", KM_MEASURE_ORDINAL, KM_DIRECTION_ASCENDING, KM_TIME_AGG_AVERAGE, 2, 1, 5, 1);
        km_progress *p;
        int64_t den = 0;
        biz_report(net, ind, "2024-01-01", "2024-03-31", 3, 1);
        biz_report(net, ind, "2024-04-01", "2024-06-30", 4, 1);
        biz_report(net, ind, "2024-07-01", "2024-09-30", 5, 1);
        p = progress(net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT);
        assert_int_equal(km_progress_actual(&den, p), 12);
        assert_int_equal(den, 3);
        NEAR(km_progress_raw(p), (4.0 - 2.0) / (5.0 - 2.0));
        km_progress_free(p);
    }
    /* Decimal scale: 1234 with scale 2 is 12.34. */
    {
        km_indicator_fields f;
        const char *dates[1] = { "2024-12-31" };
        int64_t vals[1] = { 5000 };
        uint64_t ind;
        km_progress *p;
        ev_unit_fields(&f, "TONNES", dates, vals);
        f.scale = 2;
        f.unit_label = "ton";
        ind = ev_indicator(net, 1, &f);
        biz_report(net, ind, "2024-01-01", "2024-03-31", 1234, 1);
        p = progress(net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT);
        NEAR(km_progress_actual_value(p), 12.34);
        NEAR(km_progress_target_value(p), 50.0);
        NEAR(km_progress_raw(p), 12.34 / 50.0);
        km_progress_free(p);
    }
    km_network_close(net);
}

/* Percentages pool numerators and denominators; the wrong way (averaging
 * the percentages) gives another answer, and the library never does it. */
static void test_pooling_vs_averaging(void **state)
{
    km_network *net = open_ev();
    km_framework_spec *spec = NULL;
    km_indicator_fields f;
    km_aggregate *ag = NULL;
    km_aggregate_query q = KM_AGGREGATE_QUERY_INIT;
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    km_progress *p;
    const int64_t t[] = { 95 }, td[] = { 100 };
    uint64_t ind, fw = 0, tpl = 0, n = 0, a2, a3, i2, i3;
    int64_t num = 0, den = 0;
    double wrong;
    (void)state;
    /* Over time: Q1 45/50 (90 %) and Q2 60/100 (60 %). */
    ind = simple(net, "PCT", KM_MEASURE_PERCENTAGE, KM_DIRECTION_ASCENDING, KM_TIME_AGG_SUM, 50, 100, 90, 100);
    biz_report(net, ind, "2024-01-01", "2024-03-31", 45, 50);
    biz_report(net, ind, "2024-04-01", "2024-06-30", 60, 100);
    p = progress(net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_actual(&den, p), 105);
    assert_int_equal(den, 150);
    NEAR(km_progress_actual_value(p), 70.0);              /* 105 / 150 */
    wrong = (90.0 + 60.0) / 2.0;                          /* averaging the percentages */
    NEAR(wrong, 75.0);
    assert_true(fabs(km_progress_actual_value(p) - wrong) > 4.9);
    NEAR(km_progress_raw(p), (70.0 - 50.0) / (90.0 - 50.0)); /* 0.5, not 0.625 */
    km_progress_free(p);
    /* Across agreements: a framework template on two KPBU agreements. */
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015", NULL), 0);
    assert_int_equal(km_framework_create(&fw, net, spec), 0);
    km_framework_spec_free(spec);
    ev_unit_fields(&f, "AVAIL", NULL, t);
    f.measure = KM_MEASURE_PERCENTAGE;
    f.baseline_value = 80;
    f.baseline_denominator = 100;
    f.target_denominators = td;
    f.baseline_date = NULL;
    f.reporter_id = 0;
    f.time_aggregation = KM_TIME_AGG_SUM;
    assert_int_equal(km_indicator_template_create(&tpl, net, fw, &f), 0);
    af.framework_id = fw;
    a2 = fx_create(net, "EV/2");
    a3 = fx_create(net, "EV/3");
    assert_int_equal(km_agreement_update(net, a2, &af, KM_AGREEMENT_F_FRAMEWORK), 0);
    assert_int_equal(km_agreement_update(net, a3, &af, KM_AGREEMENT_F_FRAMEWORK), 0);
    assert_int_equal(fx_drive(net, a2, KM_AGREEMENT_ACTIVE), 0);
    assert_int_equal(fx_drive(net, a3, KM_AGREEMENT_ACTIVE), 0);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, a2), 0);
    assert_int_equal(km_indicator_instantiate_templates(&n, net, a3), 0);
    {
        km_indicator *x = NULL;
        assert_int_equal(km_indicator_get_by_code(&x, net, a2, "AVAIL"), 0);
        i2 = km_indicator_id(x);
        km_indicator_free(x);
        assert_int_equal(km_indicator_get_by_code(&x, net, a3, "AVAIL"), 0);
        i3 = km_indicator_id(x);
        km_indicator_free(x);
    }
    /* A big operator available 900 of 1000 hours; a small one 1 of 10. */
    biz_report(net, i2, "2024-01-01", "2024-01-31", 900, 1000);
    biz_report(net, i3, "2024-01-01", "2024-01-31", 1, 10);
    q.template_id = tpl;
    q.as_of = "2024-12-31";
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), 0);
    assert_int_equal(km_aggregate_rule(ag), KM_CROSS_AGG_SUM);
    assert_int_equal(km_aggregate_measure(ag), KM_MEASURE_PERCENTAGE);
    assert_true(km_aggregate_has_value(ag));
    assert_int_equal(km_aggregate_count(ag), 2);
    assert_int_equal(km_aggregate_exact(&num, &den, ag), 1);
    assert_int_equal(num, 901);
    assert_int_equal(den, 1010);
    NEAR(km_aggregate_value(ag), 100.0 * 901.0 / 1010.0); /* 89.21 % */
    wrong = (90.0 + 10.0) / 2.0;                          /* 50 %: what averaging would say */
    assert_true(km_aggregate_value(ag) - wrong > 39.0);
    assert_int_equal(km_progress_agreement_id(km_aggregate_row(ag, 0)), a2);
    assert_int_equal(km_progress_actual(&den, km_aggregate_row(ag, 1)), 1);
    assert_int_equal(den, 10);
    assert_null(km_aggregate_row(ag, 2));
    km_aggregate_free(ag);
    /* The same by code, limited to the framework; agreement 1 has an
     * unrelated "AVAIL"-free set, so both ways agree. */
    q.template_id = 0;
    q.code = "AVAIL";
    q.framework_id = fw;
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), 0);
    assert_int_equal(km_aggregate_count(ag), 2);
    NEAR(km_aggregate_value(ag), 100.0 * 901.0 / 1010.0);
    km_aggregate_free(ag);
    /* A retired copy drops out from its retirement day on (the clock is in 2024-01). */
    assert_int_equal(km_indicator_retire(net, i3, "operator keluar"), 0);
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), 0);
    assert_int_equal(km_aggregate_count(ag), 1);
    assert_int_equal(km_aggregate_exact(&num, &den, ag), 1);
    assert_int_equal(num, 900);
    km_aggregate_free(ag);
    q.as_of = "2023-12-31"; /* before the retirement: both again, no data yet */
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), 0);
    assert_int_equal(km_aggregate_count(ag), 2);
    assert_false(km_aggregate_has_value(ag));
    km_aggregate_free(ag);
    q.as_of = "2024-12-31";
    /* Errors. */
    q.code = NULL;
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), KM_EINVAL);
    q.template_id = ind; /* not a template */
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), KM_ENOTFOUND);
    q.template_id = tpl;
    q.as_of = "2024-02-30";
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), KM_EINVAL);
    q.as_of = "2024-12-31";
    q.version = 0;
    assert_int_equal(km_indicator_aggregate(&ag, net, &q), KM_EVERSION);
    assert_null(ag);
    km_aggregate_free(NULL);
    assert_int_equal(km_aggregate_exact(&num, &den, NULL), 0);
    km_network_close(net);
}

/* Unit values across agreements: sum, average, weighted average. */
static void test_cross_rules(void **state)
{
    static const int rules[] = { KM_CROSS_AGG_SUM, KM_CROSS_AGG_AVERAGE, KM_CROSS_AGG_WEIGHTED_AVERAGE };
    km_network *net = open_ev();
    km_aggregate_query q = KM_AGGREGATE_QUERY_INIT;
    size_t r;
    (void)state;
    fx_create(net, "EV/2");
    assert_int_equal(fx_drive(net, 2, KM_AGREEMENT_ACTIVE), 0);
    for (r = 0; r < 3; r++) {
        km_aggregate *ag = NULL;
        char code[8];
        uint64_t a, b;
        km_indicator_fields f;
        const char *dates[1] = { "2024-12-31" };
        const int64_t vals[1] = { 100 };
        snprintf(code, sizeof code, "X%zu", r);
        ev_unit_fields(&f, code, dates, vals);
        f.cross_aggregation = rules[r];
        f.weight = 1;
        a = ev_indicator(net, 1, &f);
        f.weight = 3;
        b = ev_indicator(net, 2, &f);
        biz_report(net, a, "2024-01-01", "2024-03-31", 10, 1);
        biz_report(net, b, "2024-01-01", "2024-03-31", 30, 1);
        q.code = code;
        q.as_of = "2024-12-31";
        assert_int_equal(km_indicator_aggregate(&ag, net, &q), 0);
        assert_int_equal(km_aggregate_rule(ag), rules[r]);
        NEAR(km_aggregate_value(ag), r == 0 ? 40.0 : r == 1 ? 20.0 : (1 * 10.0 + 3 * 30.0) / 4.0);
        assert_int_equal(km_aggregate_exact(NULL, NULL, ag), r == 0);
        km_aggregate_free(ag);
    }
    km_network_close(net);
}

/* Expected progress: linear from the baseline through each target. */
static void test_plan_and_thresholds(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    const char *dates[] = { "2024-07-01", "2024-12-31" };
    const int64_t vals[] = { 40, 100 };
    uint64_t ind, lin;
    km_progress *p;
    (void)state;
    ev_unit_fields(&f, "PLAN", dates, vals);
    f.targets_count = 2;
    ind = ev_indicator(net, 1, &f);
    /* 2024-04-01 is 91 of the 182 days to 2024-07-01: expected 20 of 100. */
    p = progress(net, ind, "2024-04-01", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_expected(p), 0.2);
    km_progress_free(p);
    /* 2024-10-01 is 92 of the 183 days after 2024-07-01: 40 + 60 x 92/183. */
    p = progress(net, ind, "2024-10-01", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_expected(p), (40.0 + 60.0 * 92.0 / 183.0) / 100.0);
    km_progress_free(p);
    p = progress(net, ind, "2023-06-01", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_expected(p), 0.0);
    km_progress_free(p);
    p = progress(net, ind, "2030-01-01", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_expected(p), 1.0);
    km_progress_free(p);
    /* Status against the plan: 18 by 2024-04-01 is 0.18 of an expected
     * 0.2: 90 % of plan, on track; 0.13 is 65 %, at risk; 0.11 is 55 %, off. */
    biz_report(net, ind, "2024-01-01", "2024-03-31", 18, 1);
    p = progress(net, ind, "2024-04-01", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_ON_TRACK);
    km_progress_free(p);
    lin = simple(net, "LIN", KM_MEASURE_UNIT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_SUM, 0, 1, 100, 1);
    /* One target: linear over 365 days. 2024-07-01 is day 182. */
    p = progress(net, lin, "2024-07-01", KM_KNOWLEDGE_CURRENT);
    NEAR(km_progress_expected(p), 182.0 / 365.0);
    km_progress_free(p);
    biz_report(net, lin, "2024-01-01", "2024-06-30", 35, 1); /* 0.35 of an expected 0.4986: 70 % */
    p = progress(net, lin, "2024-07-01", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_AT_RISK);
    km_progress_free(p);
    /* Thresholds are the network's: 70 % of plan is on track at 700. */
    assert_int_equal(km_evaluation_set_thresholds(net, 700, 400, 30), 0);
    p = progress(net, lin, "2024-07-01", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_ON_TRACK);
    km_progress_free(p);
    assert_int_equal(km_evaluation_set_thresholds(net, 1000, 750, 30), 0);
    p = progress(net, lin, "2024-07-01", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_OFF_TRACK);
    km_progress_free(p);
    km_network_close(net);
}

/* ---- the worked example of docs/evaluation.md ---- */

/* Agreement 1 (PPP, framework 1, public-private) and agreement 2 (grant
 * between the government and the NGO, nonprofit-government), indicators
 * I1-I3 and J1-J3, reports made on the days the clock is set to. */
typedef struct example {
    uint64_t fw, i1, i2, i3, j1, j2, j3;
    uint64_t seq_before_q2; /* log sequence before the second-quarter approvals */
} example;

static uint64_t ind_on(km_network *net, uint64_t agreement, const char *code, int measure, int dimension, int direction,
                       int time_agg, uint32_t weight, int64_t b, int64_t bd, int64_t t, int64_t td, uint64_t reporter)
{
    km_indicator_fields f;
    const char *dates[1] = { "2024-12-31" };
    int64_t vals[1], dens[1];
    vals[0] = t;
    dens[0] = td;
    ev_unit_fields(&f, code, dates, vals);
    f.measure = measure;
    f.dimension = dimension;
    f.direction = direction;
    f.time_aggregation = time_agg;
    f.weight = weight;
    f.baseline_value = b;
    f.baseline_denominator = bd;
    f.target_denominators = dens;
    f.reporter_id = reporter;
    if (measure == KM_MEASURE_QUALITATIVE) {
        f.targets_count = 0;
        f.time_aggregation = KM_TIME_AGG_LAST;
    }
    return ev_indicator(net, agreement, &f);
}

/* net has the fixture partners and no agreement yet. */
static void build_example(km_network *net, example *ex)
{
    km_framework_spec *spec = NULL;
    km_agreement_fields af;
    uint64_t ids[2] = { FX_GOV, FX_NGO }, a2 = 0, a1 = 0;
    uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
    const char *ngo = "ID-AHU-0001";
    set_day(2024, 1, 2);
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015", NULL), 0);
    assert_int_equal(km_framework_create(&ex->fw, net, spec), 0);
    km_framework_spec_free(spec);
    /* Agreement 1: the fixture's PPP, under the framework. */
    {
        uint64_t pids[2];
        uint32_t proles[2];
        fx_fields(&af, "EV/1", pids, proles);
        af.framework_id = ex->fw;
        assert_int_equal(km_agreement_create(&a1, net, &af), 0);
        assert_int_equal(a1, 1);
        assert_int_equal(fx_drive(net, 1, KM_AGREEMENT_ACTIVE), 0);
    }
    /* Agreement 2: a grant. */
    {
        km_agreement_fields init = KM_AGREEMENT_FIELDS_INIT;
        af = init;
    }
    af.title = "Hibah sanitasi berbasis masyarakat";
    af.reference = "HIBAH/7/2024";
    af.type = KM_AGREEMENT_GRANT;
    af.start_date = "2024-01-01";
    af.end_date = "2026-12-31";
    af.party_ids = ids;
    af.party_roles = roles;
    af.parties_count = 2;
    assert_int_equal(km_agreement_create(&a2, net, &af), 0);
    assert_int_equal(a2, 2);
    assert_int_equal(km_agreement_propose(net, 2, NULL), 0);
    assert_int_equal(km_agreement_sign(net, 2, FX_GOV), 0);
    assert_int_equal(km_agreement_sign(net, 2, FX_NGO), 0);
    assert_int_equal(km_agreement_activate(net, 2, NULL), 0);
    ex->i1 = ind_on(net, 1, "I1", KM_MEASURE_UNIT, KM_DIMENSION_IMPACT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_SUM, 2, 0,
                    1, 100, 1, FX_BIZ);
    ex->i2 = ind_on(net, 1, "I2", KM_MEASURE_PERCENTAGE, KM_DIMENSION_EFFICIENCY, KM_DIRECTION_ASCENDING,
                    KM_TIME_AGG_SUM, 1, 50, 100, 90, 100, FX_BIZ);
    ex->i3 = ind_on(net, 1, "I3", KM_MEASURE_QUALITATIVE, KM_DIMENSION_PUBLIC_TRUST, KM_DIRECTION_ASCENDING,
                    KM_TIME_AGG_LAST, 1, 0, 1, 0, 1, FX_BIZ);
    ex->j1 = ind_on(net, 2, "J1", KM_MEASURE_UNIT, KM_DIMENSION_IMPACT, KM_DIRECTION_ASCENDING, KM_TIME_AGG_LAST, 1, 10,
                    1, 20, 1, FX_NGO);
    ex->j2 = ind_on(net, 2, "J2", KM_MEASURE_RATIO, KM_DIMENSION_SUSTAINABILITY, KM_DIRECTION_DESCENDING,
                    KM_TIME_AGG_LAST, 1, 10, 1, 5, 1, FX_NGO);
    ex->j3 = ind_on(net, 2, "J3", KM_MEASURE_UNIT, KM_DIMENSION_INNOVATION, KM_DIRECTION_ASCENDING, KM_TIME_AGG_SUM, 1,
                    0, 1, 3, 1, 0);
    /* First quarter, reported and approved on 2024-04-15. */
    set_day(2024, 4, 15);
    biz_report(net, ex->i1, "2024-01-01", "2024-03-31", 30, 1);
    biz_report(net, ex->i2, "2024-01-01", "2024-03-31", 45, 50);
    report(net, ex->i3, FX_BIZ, EV_BIZ_EXT, EV_GOV_EXT, "2024-01-01", "2024-03-31", 0, 1, "Keluhan pelanggan menurun");
    ex->seq_before_q2 = km_network_seq(net);
    /* Second quarter on 2024-07-15; J1 only on 2024-08-15 (late: due 07-30). */
    set_day(2024, 7, 15);
    biz_report(net, ex->i1, "2024-04-01", "2024-06-30", 30, 1);
    biz_report(net, ex->i2, "2024-04-01", "2024-06-30", 60, 100);
    report(net, ex->j2, FX_NGO, ngo, EV_GOV_EXT, "2024-04-01", "2024-06-30", 8, 1, NULL);
    set_day(2024, 8, 15);
    report(net, ex->j1, FX_NGO, ngo, EV_GOV_EXT, "2024-04-01", "2024-06-30", 25, 1, NULL);
    set_day(2025, 1, 10);
}

static const double ex_a1 = (2 * 0.6 + 1 * 0.5) / 3.0, ex_a2 = (1.0 + 0.4) / 2.0;

static void check_example_network(const km_scorecard *sc)
{
    double perf = (0.8 + 0.5 + 0.4) / 3.0, comp = 6.0 / 18.0, cov = 4.0 / 5.0;
    assert_int_equal(km_scorecard_scope_of(sc), KM_SCOPE_NETWORK);
    assert_string_equal(km_scorecard_as_of(sc), "2024-12-31");
    assert_int_equal(km_scorecard_agreement_count(sc), 2);
    NEAR(km_scorecard_agreement_score(sc, 0), ex_a1);
    NEAR(km_scorecard_agreement_score(sc, 1), ex_a2);
    assert_int_equal(km_scorecard_agreement_weight(sc, 0), 3);
    assert_int_equal(km_scorecard_agreement_weight(sc, 1), 2);
    NEAR(km_scorecard_agreement_dimension_score(sc, 0, KM_DIMENSION_IMPACT), 0.6);
    NEAR(km_scorecard_agreement_dimension_score(sc, 0, KM_DIMENSION_EFFICIENCY), 0.5);
    NEAR(km_scorecard_agreement_dimension_score(sc, 0, KM_DIMENSION_INNOVATION), -1.0);
    NEAR(km_scorecard_agreement_dimension_score(sc, 1, KM_DIMENSION_SUSTAINABILITY), 0.4);
    NEAR(km_scorecard_score(sc), (ex_a1 + ex_a2) / 2.0);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_IMPACT), 0.8);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_EFFICIENCY), 0.5);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_SUSTAINABILITY), 0.4);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_INNOVATION), -1.0);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_PUBLIC_TRUST), -1.0);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_AGREEMENTS), 2);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_INDICATORS), 6);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_SCOREABLE), 5);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_SCORED), 4);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_NO_DATA), 1);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_ON_TRACK), 1);  /* J1 */
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_AT_RISK), 1);   /* I1: 0.6 of 1 */
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_OFF_TRACK), 2); /* I2, J2 */
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_NOT_SCORED), 1);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_DUE), 18);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_MISSING), 11);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_LATE), 1);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_DIMENSIONS_WITH_DATA), 3);
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_PERFORMANCE), perf);
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_COMPLIANCE), comp);
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_COVERAGE), cov);
    NEAR(km_scorecard_health_index(sc), 100.0 * (0.60 * perf + 0.25 * comp + 0.15 * cov));
    NEAR(km_scorecard_health_index(sc), 100.0 * (0.34 + 1.0 / 12.0 + 0.12)); /* 54.33 */
}

/* Everything a reader needs to recompute the scorecard is in it. */
static void recompute(const km_scorecard *sc)
{
    double dsum[KM_DIMENSION__COUNT] = { 0 }, perf = 0.0, score = 0.0, h;
    size_t dn[KM_DIMENSION__COUNT] = { 0 }, i, r, k = 0, nd = 0;
    int d;
    for (i = 0; i < km_scorecard_agreement_count(sc); i++) {
        uint64_t id = km_scorecard_agreement_id(sc, i);
        double wp = 0.0, w = 0.0;
        for (r = 0; r < km_scorecard_indicator_count(sc); r++) {
            const km_progress *p = km_scorecard_indicator(sc, r);
            if (km_progress_agreement_id(p) != id || km_progress_measure(p) == KM_MEASURE_QUALITATIVE ||
                km_progress_status_of(p) == KM_PROGRESS_NO_DATA || km_progress_weight(p) == 0)
                continue;
            wp += km_progress_weight(p) * km_progress_score(p);
            w += km_progress_weight(p);
        }
        NEAR(km_scorecard_agreement_score(sc, i), w > 0 ? wp / w : -1.0);
        if (w > 0) {
            score += wp / w;
            k++;
        }
        for (d = 0; d < KM_DIMENSION__COUNT; d++) {
            double x = km_scorecard_agreement_dimension_score(sc, i, d);
            if (x >= 0) {
                dsum[d] += x;
                dn[d]++;
            }
        }
    }
    NEAR(km_scorecard_score(sc), k ? score / (double)k : -1.0);
    for (d = 0; d < KM_DIMENSION__COUNT; d++) {
        NEAR(km_scorecard_dimension_score(sc, d), dn[d] ? dsum[d] / (double)dn[d] : -1.0);
        if (dn[d]) {
            perf += dsum[d] / (double)dn[d];
            nd++;
        }
    }
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_PERFORMANCE), nd ? perf / (double)nd : 0.0);
    h = 0.0;
    for (d = 0; d < KM_HEALTH__COUNT; d++) h += km_health_weight(d) * km_scorecard_health_component(sc, d);
    if (km_scorecard_indicator_count(sc)) NEAR(km_scorecard_health_index(sc), 100.0 * h);
}

static km_scorecard *compute(km_network *net, int scope, uint64_t subject, const char *as_of, int knowledge)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    km_scorecard *sc = NULL;
    q.scope = scope;
    q.subject = subject;
    q.as_of = as_of;
    q.knowledge = knowledge;
    if (km_scorecard_compute(&sc, net, &q) != 0) fail_msg("scorecard: %s", km_error_last_message(KM_LANG_EN));
    recompute(sc);
    return sc;
}

static void test_scorecards(void **state)
{
    km_network *net = open_plain(NULL);
    km_scorecard *sc;
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    example ex;
    (void)state;
    build_example(net, &ex);
    sc = compute(net, KM_SCOPE_NETWORK, 0, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    check_example_network(sc);
    {
        const km_progress *p = km_scorecard_indicator(sc, 2); /* I3 */
        assert_int_equal(km_progress_indicator_id(p), ex.i3);
        assert_int_equal(km_progress_status_of(p), KM_PROGRESS_NOT_SCORED);
        assert_string_equal(km_progress_text(p), "Keluhan pelanggan menurun");
        km_progress_free((km_progress *)p); /* borrowed: ignored */
        assert_null(km_scorecard_indicator(sc, 6));
    }
    km_scorecard_free(sc);
    /* One agreement: the weighted mean of its indicators. */
    sc = compute(net, KM_SCOPE_AGREEMENT, 1, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), ex_a1);
    assert_int_equal(km_scorecard_indicator_count(sc), 3);
    assert_int_equal(km_scorecard_subject(sc), 1);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_IMPACT), 0.6);
    /* I1 Q3 missing, I2 Q3, I3 Q2 and Q3: 4 of 9 due, none late. */
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_DUE), 9);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_MISSING), 4);
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_COMPLIANCE), 5.0 / 9.0);
    km_scorecard_free(sc);
    /* Partners: the government is in both, the business in 1, the NGO in 2. */
    sc = compute(net, KM_SCOPE_PARTNER, FX_GOV, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), (ex_a1 + ex_a2) / 2.0);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_PARTNER, FX_BIZ, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), ex_a1);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_PARTNER, FX_NGO, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), ex_a2);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_PARTNER, FX_COMMUNITY, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), -1.0);
    NEAR(km_scorecard_health_index(sc), -1.0);
    assert_int_equal(km_scorecard_agreement_count(sc), 0);
    km_scorecard_free(sc);
    /* Framework and families. */
    sc = compute(net, KM_SCOPE_FRAMEWORK, ex.fw, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_scorecard_agreement_count(sc), 1);
    NEAR(km_scorecard_score(sc), ex_a1);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_FAMILY, KM_FAMILY_PUBLIC_PRIVATE, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), ex_a1);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_FAMILY, KM_FAMILY_NONPROFIT_GOVERNMENT, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    NEAR(km_scorecard_score(sc), ex_a2);
    km_scorecard_free(sc);
    /* A dimension across the network: I1 (0.6) and J1 (1.0). */
    sc = compute(net, KM_SCOPE_DIMENSION, KM_DIMENSION_IMPACT, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_scorecard_indicator_count(sc), 2);
    assert_int_equal(km_scorecard_agreement_count(sc), 2);
    NEAR(km_scorecard_score(sc), 0.8);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_IMPACT), 0.8);
    NEAR(km_scorecard_dimension_score(sc, KM_DIMENSION_EFFICIENCY), -1.0);
    km_scorecard_free(sc);
    sc = compute(net, KM_SCOPE_DIMENSION, KM_DIMENSION_INNOVATION, "2024-12-31", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_scorecard_agreement_count(sc), 1); /* agreement 2 (J3, no data) */
    NEAR(km_scorecard_score(sc), -1.0);
    NEAR(km_scorecard_health_component(sc, KM_HEALTH_COVERAGE), 0.0);
    km_scorecard_free(sc);
    /* Errors. */
    sc = NULL;
    q.as_of = "2024-12-31";
    q.scope = 6;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EINVAL);
    q.scope = KM_SCOPE_AGREEMENT;
    q.subject = 9;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_ENOTFOUND);
    q.scope = KM_SCOPE_PARTNER;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_ENOTFOUND);
    q.scope = KM_SCOPE_FRAMEWORK;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_ENOTFOUND);
    q.scope = KM_SCOPE_FAMILY;
    q.subject = KM_FAMILY__COUNT;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EINVAL);
    q.scope = KM_SCOPE_DIMENSION;
    q.subject = KM_DIMENSION__COUNT;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EINVAL);
    q.scope = KM_SCOPE_NETWORK;
    q.knowledge = 7;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EINVAL);
    q.knowledge = 0;
    q.as_of = NULL;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EINVAL);
    q.as_of = "2024-12-31";
    q.version = 2;
    assert_int_equal(km_scorecard_compute(&sc, net, &q), KM_EVERSION);
    assert_int_equal(km_scorecard_compute(&sc, net, NULL), KM_EINVAL);
    assert_int_equal(km_scorecard_compute(NULL, net, &q), KM_EINVAL);
    assert_null(sc);
    km_scorecard_free(NULL);
    NEAR(km_scorecard_score(NULL), -1.0);
    assert_int_equal(km_scorecard_count(NULL, 0), 0);
    NEAR(km_health_weight(KM_HEALTH_PERFORMANCE) + km_health_weight(KM_HEALTH_COMPLIANCE) +
             km_health_weight(KM_HEALTH_COVERAGE), 1.0);
    NEAR(km_health_weight(3), 0.0);
    km_network_close(net);
}

/* Knowledge as of a date counts approvals by their day in WIB: the third
 * quarter of I1 approved at 20:00 UTC on 2024-10-14 was approved on
 * 2024-10-15 (03:00 WIB), so an evaluator on the 14th did not know it. */
static void test_knowledge_day_in_wib(void **state)
{
    km_network *net = open_plain(NULL);
    km_progress *p;
    example ex;
    (void)state;
    build_example(net, &ex);
    fx_now = days_from_civil(2024, 10, 14) * 86400000000LL + 20 * 3600000000LL;
    biz_report(net, ex.i1, "2024-07-01", "2024-09-30", 30, 1);
    p = progress(net, ex.i1, "2024-10-14", KM_KNOWLEDGE_AS_OF);
    assert_int_equal(km_progress_actual(NULL, p), 60);
    km_progress_free(p);
    p = progress(net, ex.i1, "2024-10-15", KM_KNOWLEDGE_AS_OF);
    assert_int_equal(km_progress_actual(NULL, p), 90);
    km_progress_free(p);
    km_network_close(net);
}

static void test_past_dates(void **state)
{
    km_network *net = open_plain(NULL);
    km_scorecard *sc;
    km_progress *p;
    example ex;
    (void)state;
    build_example(net, &ex);
    /* As of 2024-06-30 with what is known now: both quarters of I1 (60). */
    p = progress(net, ex.i1, "2024-06-30", KM_KNOWLEDGE_CURRENT);
    assert_int_equal(km_progress_actual(NULL, p), 60);
    NEAR(km_progress_expected(p), 181.0 / 365.0);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_ON_TRACK);
    km_progress_free(p);
    /* As an evaluator knew it on 2024-06-30: the second quarter was
     * approved on 2024-07-15, so only 30: 0.3 of an expected 0.496 is 60.5 %. */
    p = progress(net, ex.i1, "2024-06-30", KM_KNOWLEDGE_AS_OF);
    assert_int_equal(km_progress_actual(NULL, p), 30);
    assert_int_equal(km_progress_status_of(p), KM_PROGRESS_AT_RISK);
    km_progress_free(p);
    /* The network as known on 2024-06-30: only I1, I2 (45/50 = 90 %: 1.0) and I3. */
    sc = compute(net, KM_SCOPE_NETWORK, 0, "2024-06-30", KM_KNOWLEDGE_AS_OF);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_SCORED), 2);
    NEAR(km_scorecard_agreement_score(sc, 0), (2 * 0.3 + 1 * 1.0) / 3.0);
    NEAR(km_scorecard_agreement_score(sc, 1), -1.0);
    /* Due by then: Q1 of six indicators (due 04-30); Q1 of I1-I3 made on time. */
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_DUE), 6);
    assert_int_equal(km_scorecard_count(sc, KM_SCORECARD_REPORTS_MISSING), 3);
    km_scorecard_free(sc);
    /* A view of the log as it was before the second quarter: the same
     * numbers without asking for them. */
    km_network_close(net);
    {
        char path[512];
        km_network_options o = KM_NETWORK_OPTIONS_INIT;
        km_network *past = NULL;
        store_path(path, sizeof path, "scorecard-past");
        remove_store(path);
        o.clock = fx_clock;
        o.actor = "admin:test";
        set_day(2024, 1, 2);
        assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
        fx_partners(net);
        build_example(net, &ex);
        o.as_of_seq = ex.seq_before_q2;
        assert_int_equal(km_network_open_file(&past, path, NULL, &o), 0);
        sc = compute(past, KM_SCOPE_NETWORK, 0, "2024-06-30", KM_KNOWLEDGE_CURRENT);
        NEAR(km_scorecard_agreement_score(sc, 0), (2 * 0.3 + 1 * 1.0) / 3.0);
        km_scorecard_free(sc);
        km_network_close(past);
        /* as_of_time: noon of 2024-07-16 sees the 2024-07-15 approvals. */
        o.as_of_seq = 0;
        o.as_of_time = (days_from_civil(2024, 7, 16) * 86400LL + 43200) * 1000000LL;
        assert_int_equal(km_network_open_file(&past, path, NULL, &o), 0);
        p = progress(past, ex.i1, "2024-06-30", KM_KNOWLEDGE_CURRENT);
        assert_int_equal(km_progress_actual(NULL, p), 60);
        km_progress_free(p);
        p = progress(past, ex.j1, "2024-06-30", KM_KNOWLEDGE_CURRENT);
        assert_int_equal(km_progress_status_of(p), KM_PROGRESS_NO_DATA); /* approved 08-15 */
        km_progress_free(p);
        km_network_close(past);
        km_network_close(net);
        remove_store(path);
    }
}

static void test_reporting(void **state)
{
    km_network *net = open_plain(NULL);
    km_reporting *r = NULL;
    km_reporting_query q = KM_REPORTING_QUERY_INIT;
    uint64_t due = 0, missing = 0, late = 0;
    example ex;
    size_t i;
    (void)state;
    build_example(net, &ex);
    q.as_of = "2024-12-31";
    q.include_late = 1;
    assert_int_equal(km_reporting_list(&r, net, &q), 0);
    km_reporting_totals(&due, &missing, &late, r);
    assert_int_equal(due, 18);
    assert_int_equal(missing, 11);
    assert_int_equal(late, 1);
    assert_int_equal(km_reporting_count(r), 12);
    /* Grouped by responsible partner: unassigned (J3) first, then the
     * business (I1, I2, I3), then the NGO (J1, J2). */
    for (i = 0; i < 3; i++) {
        assert_int_equal(km_reporting_partner(r, i), 0);
        assert_int_equal(km_reporting_indicator(r, i), ex.j3);
        assert_int_equal(km_reporting_kind(r, i), KM_REPORT_MISSING);
    }
    assert_string_equal(km_reporting_period_start(r, 0), "2024-01-01");
    assert_string_equal(km_reporting_period_end(r, 0), "2024-03-31");
    assert_string_equal(km_reporting_due_date(r, 0), "2024-04-30");
    assert_null(km_reporting_submitted_on(r, 0));
    assert_int_equal(km_reporting_partner(r, 3), FX_BIZ);
    assert_int_equal(km_reporting_indicator(r, 3), ex.i1);
    assert_string_equal(km_reporting_period_start(r, 3), "2024-07-01");
    assert_int_equal(km_reporting_indicator(r, 5), ex.i3);
    assert_string_equal(km_reporting_period_start(r, 5), "2024-04-01");
    assert_int_equal(km_reporting_partner(r, 7), FX_NGO);
    assert_int_equal(km_reporting_indicator(r, 7), ex.j1);
    assert_int_equal(km_reporting_kind(r, 7), KM_REPORT_MISSING);
    assert_int_equal(km_reporting_kind(r, 8), KM_REPORT_LATE);
    assert_int_equal(km_reporting_agreement(r, 8), 2);
    assert_string_equal(km_reporting_due_date(r, 8), "2024-07-30");
    assert_string_equal(km_reporting_submitted_on(r, 8), "2024-08-15");
    assert_int_equal(km_reporting_kind(r, 12), -1);
    km_reporting_free(r);
    /* Filters: one partner, one agreement, without late rows. */
    q.include_late = 0;
    q.partner_id = FX_NGO;
    assert_int_equal(km_reporting_list(&r, net, &q), 0);
    assert_int_equal(km_reporting_count(r), 4);
    km_reporting_totals(&due, &missing, &late, r);
    assert_int_equal(due, 6);
    assert_int_equal(late, 1);
    km_reporting_free(r);
    q.partner_id = 0;
    q.agreement_id = 1;
    assert_int_equal(km_reporting_list(&r, net, &q), 0);
    assert_int_equal(km_reporting_count(r), 4);
    km_reporting_free(r);
    /* A yearly report covers its quarters; a custom grace shifts the due date. */
    {
        km_measurement_fields mf = KM_MEASUREMENT_FIELDS_INIT;
        uint64_t id = 0;
        mf.partner_id = 0;
        mf.period_start = "2024-01-01";
        mf.period_end = "2024-12-31";
        mf.value = 2;
        mf.partner_id = FX_GOV;
        set_day(2025, 1, 20);
        assert_int_equal(km_measurement_create(&id, net, ex.j3, &mf), 0);
        assert_int_equal(km_measurement_submit(net, id), 0); /* submitted counts as reported */
        q.agreement_id = 2;
        q.include_late = 1;
        q.as_of = "2025-02-15";
        assert_int_equal(km_reporting_list(&r, net, &q), 0);
        for (i = 0; i < km_reporting_count(r); i++)
            if (km_reporting_indicator(r, i) == ex.j3) {
                assert_int_equal(km_reporting_kind(r, i), KM_REPORT_LATE); /* Q1-Q3 late, Q4 on time */
                assert_string_equal(km_reporting_submitted_on(r, i), "2025-01-20");
            }
        km_reporting_totals(&due, &missing, &late, r);
        assert_int_equal(due, 12); /* four quarters of J1, J2 and J3 */
        km_reporting_free(r);
        /* As of before that submission, J3 is still missing everywhere. */
        q.as_of = "2025-01-19";
        assert_int_equal(km_reporting_list(&r, net, &q), 0);
        km_reporting_totals(&due, &missing, &late, r);
        assert_int_equal(due, 9);
        km_reporting_free(r);
    }
    /* Errors. */
    q.as_of = "2024-12-32";
    assert_int_equal(km_reporting_list(&r, net, &q), KM_EINVAL);
    q.as_of = "2024-12-31";
    q.agreement_id = 7;
    assert_int_equal(km_reporting_list(&r, net, &q), KM_ENOTFOUND);
    q.version = 0;
    assert_int_equal(km_reporting_list(&r, net, &q), KM_EVERSION);
    assert_int_equal(km_reporting_list(&r, net, NULL), KM_EINVAL);
    assert_null(r);
    km_reporting_free(NULL);
    km_reporting_totals(&due, NULL, NULL, NULL);
    assert_int_equal(due, 0);
    assert_string_equal(km_report_kind_label(KM_REPORT_LATE, KM_LANG_ID), "terlambat");
    km_network_close(net);
}

static void test_trend(void **state)
{
    km_network *net = open_plain(NULL);
    km_trend *t = NULL;
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    example ex;
    size_t i;
    (void)state;
    build_example(net, &ex);
    q.scope = KM_SCOPE_AGREEMENT;
    q.subject = 1;
    assert_int_equal(km_scorecard_trend(&t, net, &q, "2024-01-01", "2024-12-31", KM_FREQUENCY_QUARTERLY), 0);
    assert_int_equal(km_trend_count(t), 4);
    assert_string_equal(km_trend_date(t, 0), "2024-03-31");
    assert_string_equal(km_trend_date(t, 3), "2024-12-31");
    /* Q1: I1 30 (0.3), I2 45/50 = 90 % (1.0): (0.6 + 1.0) / 3. */
    NEAR(km_trend_score(t, 0), (2 * 0.3 + 1.0) / 3.0);
    NEAR(km_trend_score(t, 1), ex_a1);
    NEAR(km_trend_score(t, 3), ex_a1);
    NEAR(km_trend_dimension_score(t, 0, KM_DIMENSION_IMPACT), 0.3);
    NEAR(km_trend_dimension_score(t, 3, KM_DIMENSION_INNOVATION), -1.0);
    for (i = 0; i < 4; i++) {
        km_scorecard *sc;
        q.as_of = km_trend_date(t, i);
        assert_int_equal(km_scorecard_compute(&sc, net, &q), 0);
        NEAR(km_trend_health_index(t, i), km_scorecard_health_index(sc));
        km_scorecard_free(sc);
    }
    assert_null(km_trend_date(t, 4));
    NEAR(km_trend_score(t, 4), -1.0);
    km_trend_free(t);
    /* As known at each date: Q2 is approved after June. */
    q.knowledge = KM_KNOWLEDGE_AS_OF;
    assert_int_equal(km_scorecard_trend(&t, net, &q, "2024-05-15", "2024-09-30", KM_FREQUENCY_QUARTERLY), 0);
    assert_int_equal(km_trend_count(t), 2); /* 06-30, 09-30 */
    NEAR(km_trend_score(t, 0), (2 * 0.3 + 1.0) / 3.0);
    NEAR(km_trend_score(t, 1), ex_a1);
    km_trend_free(t);
    assert_int_equal(km_scorecard_trend(&t, net, &q, "2024-01-01", "2024-12-31", KM_FREQUENCY_MONTHLY), 0);
    assert_int_equal(km_trend_count(t), 12);
    km_trend_free(t);
    /* Errors. */
    t = NULL;
    assert_int_equal(km_scorecard_trend(&t, net, &q, "2024-12-31", "2024-01-01", KM_FREQUENCY_MONTHLY), KM_EINVAL);
    assert_int_equal(km_scorecard_trend(&t, net, &q, "2024-01-01", "2024-12-31", 4), KM_EINVAL);
    assert_int_equal(km_scorecard_trend(&t, net, &q, "1900-01-01", "2024-12-31", KM_FREQUENCY_MONTHLY), KM_EINVAL);
    assert_int_equal(km_scorecard_trend(&t, net, &q, NULL, "2024-12-31", KM_FREQUENCY_MONTHLY), KM_EINVAL);
    assert_null(t);
    km_trend_free(NULL);
    km_network_close(net);
}

/* ---- snapshot round trip ---- */

static void same_scorecards(km_network *a, km_network *b)
{
    static const int scopes[] = { KM_SCOPE_NETWORK, KM_SCOPE_AGREEMENT, KM_SCOPE_PARTNER, KM_SCOPE_DIMENSION };
    size_t s, i;
    for (s = 0; s < 4; s++) {
        km_scorecard *x = compute(a, scopes[s], 1, "2024-12-31", KM_KNOWLEDGE_AS_OF);
        km_scorecard *y = compute(b, scopes[s], 1, "2024-12-31", KM_KNOWLEDGE_AS_OF);
        assert_true(km_scorecard_score(x) == km_scorecard_score(y));
        assert_true(km_scorecard_health_index(x) == km_scorecard_health_index(y));
        assert_int_equal(km_scorecard_indicator_count(x), km_scorecard_indicator_count(y));
        for (i = 0; i < KM_SCORECARD_COUNTER__COUNT; i++)
            assert_int_equal(km_scorecard_count(x, (int)i), km_scorecard_count(y, (int)i));
        km_scorecard_free(x);
        km_scorecard_free(y);
    }
}

static void same_records(km_network *a, km_network *b)
{
    km_network_stats sa = KM_NETWORK_STATS_INIT, sb = KM_NETWORK_STATS_INIT;
    uint32_t on[2], risk[2], grace[2];
    uint64_t id;
    assert_int_equal(km_network_stats_get(&sa, a), 0);
    assert_int_equal(km_network_stats_get(&sb, b), 0);
    assert_int_equal(sa.indicators, sb.indicators);
    assert_int_equal(sa.measurements, sb.measurements);
    assert_int_equal(sa.log_entries, sb.log_entries);
    assert_int_equal(km_evaluation_thresholds(&on[0], &risk[0], &grace[0], a), 0);
    assert_int_equal(km_evaluation_thresholds(&on[1], &risk[1], &grace[1], b), 0);
    assert_int_equal(on[0], on[1]);
    assert_int_equal(risk[0], risk[1]);
    assert_int_equal(grace[0], grace[1]);
    for (id = 1;; id++) {
        km_indicator *x = NULL, *y = NULL;
        uint32_t v;
        int rx = km_indicator_get(&x, a, id), ry = km_indicator_get(&y, b, id);
        assert_int_equal(rx, ry);
        if (rx) break;
        for (v = 1; v <= km_indicator_version(x); v++) {
            km_indicator *vx = NULL, *vy = NULL;
            size_t k;
            assert_int_equal(km_indicator_get_version(&vx, a, id, v), 0);
            assert_int_equal(km_indicator_get_version(&vy, b, id, v), 0);
            assert_string_equal(km_indicator_code(vx), km_indicator_code(vy));
            assert_string_equal(km_indicator_title(vx), km_indicator_title(vy));
            assert_int_equal(km_indicator_weight(vx), km_indicator_weight(vy));
            assert_int_equal(km_indicator_status_of(vx), km_indicator_status_of(vy));
            assert_int_equal(km_indicator_template_id(vx), km_indicator_template_id(vy));
            assert_int_equal(km_indicator_target_count(vx), km_indicator_target_count(vy));
            for (k = 0; k < km_indicator_target_count(vx); k++)
                assert_string_equal(km_indicator_target(NULL, NULL, vx, k), km_indicator_target(NULL, NULL, vy, k));
            assert_true(km_indicator_updated(vx) == km_indicator_updated(vy));
            km_indicator_free(vx);
            km_indicator_free(vy);
        }
        km_indicator_free(x);
        km_indicator_free(y);
    }
    for (id = 1; id < 60; id++) {
        uint32_t nx = 0, ny = 0, v;
        int rx = km_measurement_version_count(&nx, a, id), ry = km_measurement_version_count(&ny, b, id);
        assert_int_equal(rx, ry);
        assert_int_equal(nx, ny);
        for (v = 1; rx == 0 && v <= nx; v++) {
            km_measurement *x = NULL, *y = NULL;
            assert_int_equal(km_measurement_get_version(&x, a, id, v), 0);
            assert_int_equal(km_measurement_get_version(&y, b, id, v), 0);
            assert_int_equal(km_measurement_status_of(x), km_measurement_status_of(y));
            assert_int_equal(km_measurement_value(NULL, x), km_measurement_value(NULL, y));
            assert_true(km_measurement_decided(x) == km_measurement_decided(y));
            assert_true(km_measurement_submitted(x) == km_measurement_submitted(y));
            if (km_measurement_text(x)) assert_string_equal(km_measurement_text(x), km_measurement_text(y));
            km_measurement_free(x);
            km_measurement_free(y);
        }
    }
    {
        km_period_locks *lx = NULL, *ly = NULL;
        size_t i;
        assert_int_equal(km_period_lock_list(&lx, a, 1), 0);
        assert_int_equal(km_period_lock_list(&ly, b, 1), 0);
        assert_int_equal(km_period_locks_count(lx), km_period_locks_count(ly));
        for (i = 0; i < km_period_locks_count(lx); i++) {
            assert_int_equal(km_period_locks_active(lx, i), km_period_locks_active(ly, i));
            assert_string_equal(km_period_locks_end(lx, i), km_period_locks_end(ly, i));
        }
        km_period_locks_free(lx);
        km_period_locks_free(ly);
    }
}

static void test_snapshot_roundtrip(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *snap = NULL, *full = NULL;
    km_indicator_fields f = KM_INDICATOR_FIELDS_INIT;
    km_measurement_fields mf = KM_MEASUREMENT_FIELDS_INIT;
    example ex;
    uint64_t tpl = 0, lock = 0, n = 0;
    (void)state;
    store_path(path, sizeof path, "scorecard-snap");
    remove_store(path);
    o.clock = fx_clock;
    o.actor = "admin:test";
    set_day(2024, 1, 2);
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    fx_partners(net);
    build_example(net, &ex);
    /* Versions, a returned report, a template, locks, settings. */
    mf.partner_id = FX_BIZ;
    mf.period_start = "2024-01-01";
    mf.period_end = "2024-03-31";
    mf.value = 33;
    assert_int_equal(km_measurement_revise(net, 1, &mf, "koreksi"), 0); /* I1 Q1 */
    assert_int_equal(km_measurement_submit(net, 1), 0);
    assert_int_equal(km_measurement_approve(net, 1, "ok"), 0);
    f.title = "I1 (revisi)";
    assert_int_equal(km_indicator_update(net, ex.i1, &f, KM_INDICATOR_F_TITLE), 0);
    assert_int_equal(km_indicator_retire(net, ex.j3, "tidak relevan"), 0);
    {
        km_indicator_fields t;
        const int64_t v[1] = { 4 };
        ev_unit_fields(&t, "SATISF", NULL, v);
        t.measure = KM_MEASURE_ORDINAL;
        t.scale_max = 5;
        t.baseline_value = 3;
        t.baseline_date = NULL;
        t.reporter_id = 0;
        t.time_aggregation = KM_TIME_AGG_LAST;
        t.cross_aggregation = KM_CROSS_AGG_AVERAGE;
        assert_int_equal(km_indicator_template_create(&tpl, net, ex.fw, &t), 0);
        assert_int_equal(km_indicator_instantiate_templates(&n, net, 1), 0);
        assert_int_equal(n, 1);
    }
    assert_int_equal(km_period_lock(&lock, net, 1, "2024-01-01", "2024-03-31", "audit"), 0);
    assert_int_equal(km_period_lock(NULL, net, 1, "2024-04-01", "2024-06-30", NULL), 0);
    assert_int_equal(km_period_unlock(net, lock, "dibuka"), 0);
    assert_int_equal(km_evaluation_set_thresholds(net, 850, 500, 20), 0);
    mf.period_start = "2024-07-01";
    mf.period_end = "2024-09-30";
    assert_int_equal(km_measurement_create(&n, net, ex.i1, &mf), 0);
    assert_int_equal(km_measurement_submit(net, n), 0);
    assert_int_equal(km_measurement_return(net, n, "periksa"), 0);
    assert_int_equal(km_network_snapshot(net), 0);
    /* After the snapshot: replayed on top. */
    mf.value = 40;
    assert_int_equal(km_measurement_revise(net, n, &mf, "diperbaiki"), 0);
    km_network_close(net);
    km_test_expect_snapshot_used(path, &o);
    assert_int_equal(km_network_open_file(&snap, path, NULL, &o), 0);
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&full, path, NULL, &o), 0);
    same_records(snap, full);
    same_scorecards(snap, full);
    km_test_expect_same_state(snap, full);
    /* Both keep working the same way. */
    assert_int_equal(km_measurement_submit(snap, n), 0);
    assert_int_equal(km_measurement_submit(full, n), KM_ECONFLICT);
    km_network_close(snap);
    km_network_close(full);
    remove_store(path);
}

/* ---- out of memory ---- */

static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    long n;
    for (n = 1; n < 1000000; n++) {
        long refused;
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        refused = ta->failures;
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0 && refused == 0) return;
        if (rc == 0) continue;
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
    }
    fail_msg("never succeeded");
}

static int op_scorecard(km_network *net, int scope)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    km_scorecard *sc = NULL;
    int rc;
    q.scope = scope;
    q.subject = 1;
    q.as_of = "2024-12-31";
    rc = km_scorecard_compute(&sc, net, &q);
    km_scorecard_free(sc);
    return rc;
}
static int op_trend(km_network *net, int i)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    km_trend *t = NULL;
    int rc;
    (void)i;
    rc = km_scorecard_trend(&t, net, &q, "2024-01-01", "2024-12-31", KM_FREQUENCY_QUARTERLY);
    km_trend_free(t);
    return rc;
}
static int op_reporting(km_network *net, int i)
{
    km_reporting_query q = KM_REPORTING_QUERY_INIT;
    km_reporting *r = NULL;
    int rc;
    (void)i;
    q.as_of = "2024-12-31";
    q.include_late = 1;
    rc = km_reporting_list(&r, net, &q);
    km_reporting_free(r);
    return rc;
}
static int op_progress(km_network *net, int ind)
{
    km_progress *p = NULL;
    int rc = km_indicator_progress(&p, net, (uint64_t)ind, "2024-12-31", KM_KNOWLEDGE_AS_OF);
    km_progress_free(p);
    return rc;
}
static int op_aggregate(km_network *net, int i)
{
    km_aggregate_query q = KM_AGGREGATE_QUERY_INIT;
    km_aggregate *a = NULL;
    int rc;
    (void)i;
    q.code = "I1";
    q.as_of = "2024-12-31";
    rc = km_indicator_aggregate(&a, net, &q);
    km_aggregate_free(a);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    example ex;
    int s;
    (void)state;
    km_test_alloc_init(&ta);
    net = open_plain(km_test_alloc_get(&ta));
    build_example(net, &ex);
    for (s = 0; s < KM_SCOPE__COUNT; s++) oom_loop(&ta, net, op_scorecard, s);
    oom_loop(&ta, net, op_trend, 0);
    oom_loop(&ta, net, op_reporting, 0);
    oom_loop(&ta, net, op_progress, (int)ex.i3);
    oom_loop(&ta, net, op_aggregate, 0);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

static void test_labels(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < KM_PROGRESS_STATUS__COUNT; i++) assert_string_not_equal(km_progress_status_label(i, KM_LANG_ID), "?");
    for (i = 0; i < KM_SCOPE__COUNT; i++) assert_string_not_equal(km_scorecard_scope_label(i, KM_LANG_EN), "?");
    for (i = 0; i < KM_HEALTH__COUNT; i++) assert_string_not_equal(km_health_component_label(i, KM_LANG_ID), "?");
    assert_string_equal(km_progress_status_label(KM_PROGRESS_ON_TRACK, KM_LANG_ID), "sesuai rencana");
    assert_string_equal(km_progress_status_label(KM_PROGRESS_OFF_TRACK, KM_LANG_EN), "off track");
    assert_string_equal(km_progress_status_label(5, KM_LANG_EN), "?");
    assert_string_equal(km_scorecard_scope_label(KM_SCOPE_FAMILY, KM_LANG_ID), "rumpun kemitraan");
    assert_string_equal(km_health_component_label(KM_HEALTH_COMPLIANCE, KM_LANG_EN), "reporting compliance");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_progress_arithmetic),
        cmocka_unit_test(test_time_aggregation),
        cmocka_unit_test(test_pooling_vs_averaging),
        cmocka_unit_test(test_cross_rules),
        cmocka_unit_test(test_plan_and_thresholds),
        cmocka_unit_test(test_scorecards),
        cmocka_unit_test(test_past_dates),
        cmocka_unit_test(test_knowledge_day_in_wib),
        cmocka_unit_test(test_reporting),
        cmocka_unit_test(test_trend),
        cmocka_unit_test(test_snapshot_roundtrip),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
