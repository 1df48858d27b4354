/* Shared fixture for the indicator, measurement and scorecard tests: the
 * agreement fixture (fixed clock, four partners, a PPP agreement between
 * the government and the business, 2024-01-01..2026-12-31) plus helpers to
 * attach indicators and report approved values. Header-only with static
 * functions so each test executable stays self-contained. */
#ifndef KM_TESTS_EVALUATION_FIXTURE_H
#define KM_TESTS_EVALUATION_FIXTURE_H

#include "agreement_fixture.h"

#define EV_GOV_EXT "ID-KEMENDAGRI-3273"
#define EV_BIZ_EXT "ID-NIB-8120000000001"

/* A network with the fixture partners and agreement 1 active. */
FX_UNUSED static km_network *ev_open(const km_allocator *alloc)
{
    km_network *net = fx_open(alloc);
    if (!net) return NULL;
    fx_partners(net);
    if (fx_create(net, "EV/1") != 1 || fx_drive(net, 1, KM_AGREEMENT_ACTIVE) != 0) {
        fprintf(stderr, "fixture: agreement: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return net;
}

/* A unit indicator: baseline 0 on 2024-01-01, one target (value) on
 * 2024-12-31, quarterly, summed over time, reported by the business. */
FX_UNUSED static void ev_unit_fields(km_indicator_fields *f, const char *code, const char *const *date, const int64_t *value)
{
    km_indicator_fields init = KM_INDICATOR_FIELDS_INIT;
    *f = init;
    f->code = code;
    f->title = "Sambungan rumah baru";
    f->unit_label = "rumah tangga";
    f->measure = KM_MEASURE_UNIT;
    f->dimension = KM_DIMENSION_IMPACT;
    f->baseline_value = 0;
    f->baseline_date = "2024-01-01";
    f->target_dates = date;
    f->target_values = value;
    f->targets_count = 1;
    f->time_aggregation = KM_TIME_AGG_SUM;
    f->reporter_id = FX_BIZ;
}

FX_UNUSED static uint64_t ev_indicator(km_network *net, uint64_t agreement, const km_indicator_fields *f)
{
    uint64_t id = 0;
    if (km_indicator_create(&id, net, agreement, f) != 0) {
        fprintf(stderr, "fixture: indicator %s: %s\n", f->code, km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

/* Reports num/den for start..end as the business and approves it as the
 * government; returns the measurement id. The actor is left as admin:test. */
FX_UNUSED static uint64_t ev_report(km_network *net, uint64_t indicator, const char *start, const char *end, int64_t num,
                                    int64_t den)
{
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    uint64_t id = 0;
    f.partner_id = FX_BIZ;
    f.period_start = start;
    f.period_end = end;
    f.value = num;
    f.denominator = den;
    if (km_network_set_actor(net, EV_BIZ_EXT) != 0 || km_measurement_create(&id, net, indicator, &f) != 0 ||
        km_measurement_submit(net, id) != 0 || km_network_set_actor(net, EV_GOV_EXT) != 0 ||
        km_measurement_approve(net, id, NULL) != 0) {
        fprintf(stderr, "fixture: report %s..%s: %s\n", start, end, km_error_last_message(KM_LANG_EN));
        abort();
    }
    km_network_set_actor(net, "admin:test");
    return id;
}

#endif
