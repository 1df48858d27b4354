/* Unit tests for measurements: the value domain of every measure
 * (table-driven), periods, the workflow (every state x every operation),
 * versions and corrections, who may report and decide, overlapping
 * approved periods, period locks, listing against brute force, statistics,
 * time travel, the audit trail of a whole case and an out-of-memory loop. */
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

static void mfields(km_measurement_fields *f, const char *start, const char *end, int64_t num, int64_t den)
{
    km_measurement_fields init = KM_MEASUREMENT_FIELDS_INIT;
    *f = init;
    f->partner_id = FX_BIZ;
    f->period_start = start;
    f->period_end = end;
    f->value = num;
    f->denominator = den;
}

static int status_of(km_network *net, uint64_t id)
{
    km_measurement *m = NULL;
    int s;
    if (km_measurement_get(&m, net, id) != 0) return -1;
    s = km_measurement_status_of(m);
    km_measurement_free(m);
    return s;
}

static uint32_t versions_of(km_network *net, uint64_t id)
{
    uint32_t n = 0;
    assert_int_equal(km_measurement_version_count(&n, net, id), 0);
    return n;
}

static void test_create_get(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    km_measurement *m = NULL;
    uint64_t ind, id = 0;
    int64_t den = 0;
    (void)state;
    ev_unit_fields(&f, "SR-01", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    mfields(&mf, "2024-01-01", "2024-03-31", 35, 0);
    mf.evidence_uri = "https://pdam.example.go.id/laporan/2024-q1.pdf";
    mf.comment = "Data dari sistem pelanggan PDAM";
    assert_int_equal(km_network_set_actor(net, EV_BIZ_EXT), 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), 0);
    assert_int_equal(id, 1);
    assert_int_equal(km_measurement_get(&m, net, id), 0);
    assert_int_equal(km_measurement_id(m), 1);
    assert_int_equal(km_measurement_version(m), 1);
    assert_int_equal(km_measurement_indicator_id(m), ind);
    assert_int_equal(km_measurement_agreement_id(m), 1);
    assert_int_equal(km_measurement_partner_id(m), FX_BIZ);
    assert_string_equal(km_measurement_period_start(m), "2024-01-01");
    assert_string_equal(km_measurement_period_end(m), "2024-03-31");
    assert_int_equal(km_measurement_value(&den, m), 35);
    assert_int_equal(den, 1);
    assert_null(km_measurement_text(m));
    assert_string_equal(km_measurement_evidence_uri(m), "https://pdam.example.go.id/laporan/2024-q1.pdf");
    assert_string_equal(km_measurement_comment(m), "Data dari sistem pelanggan PDAM");
    assert_int_equal(km_measurement_status_of(m), KM_MEASUREMENT_DRAFT);
    assert_null(km_measurement_note(m));
    assert_null(km_measurement_rationale(m));
    assert_true(km_measurement_created(m) > 0);
    assert_int_equal(km_measurement_submitted(m), 0);
    assert_int_equal(km_measurement_decided(m), 0);
    km_measurement_free(m);
    assert_int_equal(versions_of(net, id), 1);
    /* Errors on reads; NULL handles. */
    assert_int_equal(km_measurement_get(&m, net, 2), KM_ENOTFOUND);
    assert_null(m);
    assert_int_equal(km_measurement_get(NULL, net, 1), KM_EINVAL);
    assert_int_equal(km_measurement_get_version(&m, net, 1, 2), KM_ENOTFOUND);
    assert_int_equal(km_measurement_version_count(NULL, net, 1), KM_EINVAL);
    km_measurement_free(NULL);
    assert_int_equal(km_measurement_status_of(NULL), -1);
    assert_null(km_measurement_period_end(NULL));
    assert_int_equal(km_measurement_value(&den, NULL), 0);
    assert_int_equal(den, 0);
    km_network_close(net);
}

/* Indicators of every measure, and values that are in or out of their domain. */
typedef struct vcase {
    int ind;           /* index into the indicators made by make_domain_indicators */
    int64_t num, den;
    const char *text;
    int rc;
    const char *field;
} vcase;

enum { I_UNIT, I_PCT, I_PCT_OVER, I_RATIO, I_ORD, I_NOM, I_QUAL, I__COUNT };

static void make_domain_indicators(km_network *net, uint64_t *ids)
{
    static const char *const codes[I__COUNT] = { "U", "P", "PO", "R", "O", "N", "Q" };
    int i;
    for (i = 0; i < I__COUNT; i++) {
        km_indicator_fields f;
        int64_t vals[1] = { 2 }, dens[1] = { 4 };
        ev_unit_fields(&f, codes[i], d2024, vals);
        f.time_aggregation = KM_TIME_AGG_LAST;
        f.baseline_value = 1;
        switch (i) {
        case I_PCT_OVER: f.allow_over_100 = 1; /* fall through */
        case I_PCT:
        case I_RATIO:
            f.measure = i == I_RATIO ? KM_MEASURE_RATIO : KM_MEASURE_PERCENTAGE;
            f.baseline_denominator = 4;
            f.target_denominators = dens;
            break;
        case I_ORD:
            f.measure = KM_MEASURE_ORDINAL;
            f.scale_max = 5;
            f.cross_aggregation = KM_CROSS_AGG_AVERAGE;
            break;
        case I_NOM: f.measure = KM_MEASURE_NOMINAL; f.scale_max = 3; break;
        case I_QUAL: f.measure = KM_MEASURE_QUALITATIVE; f.baseline_value = 0; f.targets_count = 0; break;
        default: break;
        }
        ids[i] = ev_indicator(net, 1, &f);
    }
}

static void test_value_domains(void **state)
{
    static const vcase cases[] = {
        { I_UNIT, 12345, 0, NULL, 0, NULL },
        { I_UNIT, -5, 1, NULL, 0, NULL },
        { I_UNIT, 5, 2, NULL, KM_EINVAL, "measurement.value" },
        { I_UNIT, 5, 0, "teks", KM_EINVAL, "measurement.text" },
        { I_PCT, 45, 50, NULL, 0, NULL },
        { I_PCT, 0, 50, NULL, 0, NULL },
        { I_PCT, 50, 50, NULL, 0, NULL },
        { I_PCT, 51, 50, NULL, KM_EINVAL, "measurement.value" },
        { I_PCT, -1, 50, NULL, KM_EINVAL, "measurement.value" },
        { I_PCT, 45, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_PCT, 45, -50, NULL, KM_EINVAL, "measurement.value" },
        { I_PCT_OVER, 60, 50, NULL, 0, NULL },
        { I_PCT_OVER, -1, 50, NULL, KM_EINVAL, "measurement.value" },
        { I_RATIO, 300, 7, NULL, 0, NULL },
        { I_RATIO, 300, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_ORD, 1, 0, NULL, 0, NULL },
        { I_ORD, 5, 1, NULL, 0, NULL },
        { I_ORD, 0, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_ORD, 6, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_NOM, 3, 0, NULL, 0, NULL },
        { I_NOM, 4, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_NOM, 0, 0, NULL, KM_EINVAL, "measurement.value" },
        { I_QUAL, 0, 0, "Warga puas dengan layanan baru", 0, NULL },
        { I_QUAL, 0, 0, NULL, KM_EINVAL, "measurement.text" },
        { I_QUAL, 3, 0, "x", KM_EINVAL, "measurement.value" },
    };
    km_network *net = open_ev();
    uint64_t ids[I__COUNT];
    size_t i;
    int month = 1;
    (void)state;
    make_domain_indicators(net, ids);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        km_measurement_fields mf;
        char start[32], end[32];
        uint64_t seq = km_network_seq(net);
        int rc;
        /* Each accepted value gets its own month so that approvals never overlap. */
        snprintf(start, sizeof start, "2024-%02d-01", month);
        snprintf(end, sizeof end, "2024-%02d-28", month);
        mfields(&mf, start, end, cases[i].num, cases[i].den);
        mf.text = cases[i].text;
        rc = km_measurement_create(NULL, net, ids[cases[i].ind], &mf);
        if (rc != cases[i].rc) fail_msg("case %zu: %d %s", i, rc, km_error_last_message(KM_LANG_EN));
        if (rc) {
            assert_string_equal(km_error_last_field(), cases[i].field);
            assert_int_equal(km_network_seq(net), seq);
        } else if (++month > 12) {
            month = 1;
        }
    }
    km_network_close(net);
}

static void test_period_and_state_rules(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    uint64_t ind, ind2, seq;
    (void)state;
    ev_unit_fields(&f, "SR-01", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    seq = km_network_seq(net);
    /* Periods: required, ordered, inside the agreement (2024-01-01..2026-12-31). */
    mfields(&mf, NULL, "2024-03-31", 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.period_start");
    mfields(&mf, "2024-03-31", NULL, 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.period_end");
    mfields(&mf, "2024-03-31", "2024-03-01", 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.period_end");
    mfields(&mf, "2023-12-01", "2024-01-31", 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.period_start");
    mfields(&mf, "2026-12-01", "2027-01-31", 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    mfields(&mf, "2024-02-30", "2024-03-31", 1, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    /* Partner: required, a party. Evidence: a URI. */
    mfields(&mf, "2024-01-01", "2024-03-31", 1, 0);
    mf.partner_id = 0;
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    mf.partner_id = FX_NGO;
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "measurement.partner_id");
    mf.partner_id = FX_BIZ;
    mf.evidence_uri = "not a uri";
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.evidence_uri");
    mf.evidence_uri = "urn:uuid:3f2b";
    mf.comment = "\x01";
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EINVAL);
    mf.comment = NULL;
    assert_int_equal(km_measurement_create(NULL, net, 99, &mf), KM_ENOTFOUND);
    assert_int_equal(km_measurement_create(NULL, net, ind, NULL), KM_EINVAL);
    mf.version = 5;
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_EVERSION);
    mf.version = KM_MEASUREMENT_FIELDS_VERSION;
    assert_int_equal(km_network_seq(net), seq);
    /* An unsigned agreement takes no measurements; a retired indicator neither. */
    fx_create(net, "EV/2");
    ev_unit_fields(&f, "SR-01", d2024, v100);
    ind2 = ev_indicator(net, 2, &f);
    assert_int_equal(km_measurement_create(NULL, net, ind2, &mf), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "agreement.status");
    assert_int_equal(km_indicator_retire(net, ind, "diganti"), 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "indicator.status");
    km_network_close(net);
}

/* ---- the workflow ---- */

enum { S_DRAFT, S_SUBMITTED, S_APPROVED, S_RETURNED, S_REVISING, S__COUNT };
enum { O_UPDATE, O_SUBMIT, O_APPROVE, O_RETURN, O_REVISE, O__COUNT };

/* Drives a fresh measurement to a state. S_REVISING: approved, then revised
 * (a draft version 2 while version 1 counts). */
static uint64_t drive(km_network *net, uint64_t ind, int st)
{
    km_measurement_fields mf;
    uint64_t id = 0;
    mfields(&mf, "2024-01-01", "2024-03-31", 30, 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), 0);
    if (st == S_DRAFT) return id;
    assert_int_equal(km_measurement_submit(net, id), 0);
    if (st == S_SUBMITTED) return id;
    if (st == S_RETURNED) {
        assert_int_equal(km_measurement_return(net, id, "bukti belum dilampirkan"), 0);
        return id;
    }
    assert_int_equal(km_measurement_approve(net, id, "sesuai"), 0);
    if (st == S_REVISING) assert_int_equal(km_measurement_revise(net, id, &mf, "koreksi data"), 0);
    return id;
}

static int run_op(km_network *net, uint64_t id, int op)
{
    km_measurement_fields mf;
    mfields(&mf, "2024-01-01", "2024-03-31", 31, 0);
    switch (op) {
    case O_UPDATE: return km_measurement_update(net, id, &mf);
    case O_SUBMIT: return km_measurement_submit(net, id);
    case O_APPROVE: return km_measurement_approve(net, id, NULL);
    case O_RETURN: return km_measurement_return(net, id, "periksa lagi");
    default: return km_measurement_revise(net, id, &mf, "koreksi");
    }
}

static int legal(int st, int op)
{
    switch (st) {
    case S_DRAFT:
    case S_REVISING: return op == O_UPDATE || op == O_SUBMIT;
    case S_SUBMITTED: return op == O_APPROVE || op == O_RETURN;
    default: return op == O_REVISE;
    }
}

/* The latest version's state and the version count after a legal op. */
static void expect_after(int st, int op, int *status, uint32_t *versions)
{
    *versions = st == S_REVISING ? 2 : 1;
    switch (op) {
    case O_UPDATE: *status = KM_MEASUREMENT_DRAFT; break;
    case O_SUBMIT: *status = KM_MEASUREMENT_SUBMITTED; break;
    case O_APPROVE: *status = KM_MEASUREMENT_APPROVED; break;
    case O_RETURN: *status = KM_MEASUREMENT_RETURNED; break;
    default: *status = KM_MEASUREMENT_DRAFT; (*versions)++; break;
    }
}

static void test_workflow_table(void **state)
{
    int st, op;
    (void)state;
    for (st = 0; st < S__COUNT; st++) {
        for (op = 0; op < O__COUNT; op++) {
            km_network *net = open_ev();
            km_indicator_fields f;
            uint64_t ind, id, seq;
            int before, rc;
            ev_unit_fields(&f, "WF", d2024, v100);
            ind = ev_indicator(net, 1, &f);
            id = drive(net, ind, st);
            before = status_of(net, id);
            seq = km_network_seq(net);
            rc = run_op(net, id, op);
            if (legal(st, op)) {
                int want;
                uint32_t nv;
                if (rc != 0) fail_msg("state %d op %d: %s", st, op, km_error_last_message(KM_LANG_EN));
                expect_after(st, op, &want, &nv);
                assert_int_equal(status_of(net, id), want);
                assert_int_equal(versions_of(net, id), nv);
                assert_int_equal(km_network_seq(net), seq + 1);
            } else {
                if (rc != KM_ESTATE) fail_msg("state %d op %d gave %d: %s", st, op, rc, km_error_last_message(KM_LANG_EN));
                assert_string_equal(km_error_last_field(), "measurement.status");
                assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "allowed:"));
                assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "diizinkan"));
                assert_int_equal(status_of(net, id), before);
                assert_int_equal(km_network_seq(net), seq);
            }
            km_network_close(net);
        }
    }
}

static void test_versions(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    km_measurement *m = NULL;
    km_progress *p = NULL;
    uint64_t ind, id;
    int64_t den;
    (void)state;
    ev_unit_fields(&f, "V", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    id = ev_report(net, ind, "2024-01-01", "2024-03-31", 30, 0);
    /* A correction: version 2 is a draft; version 1 still counts. */
    mfields(&mf, "2024-01-01", "2024-03-31", 36, 0);
    assert_int_equal(km_measurement_revise(net, id, &mf, NULL), KM_EINVAL); /* rationale required */
    assert_string_equal(km_error_last_field(), "measurement.rationale");
    assert_int_equal(km_measurement_revise(net, id, &mf, "salah input"), 0);
    assert_int_equal(km_indicator_progress(&p, net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT), 0);
    assert_int_equal(km_progress_actual(&den, p), 30);
    km_progress_free(p);
    assert_int_equal(km_measurement_submit(net, id), 0);
    assert_int_equal(km_measurement_approve(net, id, "dikoreksi"), 0);
    assert_int_equal(km_indicator_progress(&p, net, ind, "2024-12-31", KM_KNOWLEDGE_CURRENT), 0);
    assert_int_equal(km_progress_actual(&den, p), 36);
    assert_int_equal(km_progress_value_count(p), 1);
    km_progress_free(p);
    /* The history stays. */
    assert_int_equal(versions_of(net, id), 2);
    assert_int_equal(km_measurement_get_version(&m, net, id, 1), 0);
    assert_int_equal(km_measurement_status_of(m), KM_MEASUREMENT_SUPERSEDED);
    assert_int_equal(km_measurement_value(NULL, m), 30);
    assert_null(km_measurement_rationale(m));
    assert_true(km_measurement_decided(m) > 0);
    km_measurement_free(m);
    assert_int_equal(km_measurement_get_version(&m, net, id, 2), 0);
    assert_int_equal(km_measurement_status_of(m), KM_MEASUREMENT_APPROVED);
    assert_string_equal(km_measurement_rationale(m), "salah input");
    assert_string_equal(km_measurement_note(m), "dikoreksi");
    km_measurement_free(m);
    /* The partner and indicator cannot change in a revision. */
    mf.partner_id = FX_GOV;
    assert_int_equal(km_measurement_revise(net, id, &mf, "ganti"), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "measurement.partner_id");
    /* Returned: a revision again, the returned version stays. */
    mf.partner_id = 0;
    assert_int_equal(km_measurement_revise(net, id, &mf, "revisi 3"), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    assert_int_equal(km_measurement_return(net, id, NULL), KM_EINVAL); /* reason required */
    assert_int_equal(km_measurement_return(net, id, "lampiran kurang"), 0);
    assert_int_equal(km_measurement_get_version(&m, net, id, 3), 0);
    assert_int_equal(km_measurement_status_of(m), KM_MEASUREMENT_RETURNED);
    assert_string_equal(km_measurement_note(m), "lampiran kurang");
    km_measurement_free(m);
    assert_int_equal(km_measurement_get_version(&m, net, id, 2), 0);
    assert_int_equal(km_measurement_status_of(m), KM_MEASUREMENT_APPROVED); /* still counts */
    km_measurement_free(m);
    assert_int_equal(km_measurement_submit(net, id), KM_ESTATE);
    km_network_close(net);
}

static void test_actors(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    uint64_t ind, id = 0, seq;
    (void)state;
    ev_unit_fields(&f, "ACT", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    mfields(&mf, "2024-01-01", "2024-03-31", 10, 0);
    /* The government cannot report for the business. */
    assert_int_equal(km_network_set_actor(net, EV_GOV_EXT), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), KM_EDENIED);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), EV_BIZ_EXT));
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_network_set_actor(net, "someone"), 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, EV_BIZ_EXT), 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    /* The reporting partner may not approve or return its own report. */
    assert_int_equal(km_measurement_approve(net, id, NULL), KM_EDENIED);
    assert_int_equal(km_measurement_return(net, id, "x"), KM_EDENIED);
    /* Nor may a stranger; another party may, and so may admin:. */
    assert_int_equal(km_network_set_actor(net, "ID-AHU-0001"), 0); /* the NGO: not a party */
    assert_int_equal(km_measurement_approve(net, id, NULL), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, EV_GOV_EXT), 0);
    assert_int_equal(km_measurement_return(net, id, "perbaiki"), 0);
    assert_int_equal(km_measurement_revise(net, id, &mf, "perbaikan"), KM_EDENIED); /* reporting is the business' */
    assert_int_equal(km_network_set_actor(net, "admin:dinas"), 0);
    assert_int_equal(km_measurement_revise(net, id, &mf, "perbaikan oleh admin"), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    assert_int_equal(km_measurement_approve(net, id, NULL), 0);
    /* An authorizer can deny too. */
    km_network_close(net);
}

static int deny_measurements(void *payload, const km_auth_request *req, char *reason, size_t size)
{
    (void)payload;
    if (req->entity == KM_ENTITY_MEASUREMENT && strcmp(req->operation, "measurement.approve") == 0) {
        snprintf(reason, size, "menunggu verifikasi");
        return 1;
    }
    return 0;
}

static void test_authorizer(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    uint64_t ind, id = 0;
    (void)state;
    ev_unit_fields(&f, "AUTH", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    mfields(&mf, "2024-01-01", "2024-03-31", 10, 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    assert_int_equal(km_network_set_authorizer(net, deny_measurements, NULL), 0);
    assert_int_equal(km_measurement_approve(net, id, NULL), KM_EDENIED);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "menunggu verifikasi"));
    assert_int_equal(status_of(net, id), KM_MEASUREMENT_SUBMITTED);
    km_network_close(net);
}

static void test_overlap(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    uint64_t ind, a = 0, b = 0;
    (void)state;
    ev_unit_fields(&f, "OV", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    /* Two drafts may overlap; only one of them can be approved. */
    mfields(&mf, "2024-01-01", "2024-03-31", 10, 0);
    assert_int_equal(km_measurement_create(&a, net, ind, &mf), 0);
    mfields(&mf, "2024-03-01", "2024-05-31", 11, 0);
    assert_int_equal(km_measurement_create(&b, net, ind, &mf), 0);
    assert_int_equal(km_measurement_submit(net, a), 0);
    assert_int_equal(km_measurement_submit(net, b), 0);
    assert_int_equal(km_measurement_approve(net, a, NULL), 0);
    assert_int_equal(km_measurement_approve(net, b, NULL), KM_ESTATE);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "overlaps approved measurement 1"));
    /* A new report overlapping the approved period is refused at once. */
    mfields(&mf, "2024-03-31", "2024-04-30", 11, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_ESTATE);
    /* Adjacent is fine; another indicator is unaffected. */
    mfields(&mf, "2024-04-01", "2024-06-30", 11, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), 0);
    /* A correction of the approved one does not overlap itself. */
    mfields(&mf, "2024-01-01", "2024-03-31", 12, 0);
    assert_int_equal(km_measurement_revise(net, a, &mf, "koreksi"), 0);
    assert_int_equal(km_measurement_submit(net, a), 0);
    assert_int_equal(km_measurement_approve(net, a, NULL), 0);
    km_network_close(net);
}

static void test_locks(void **state)
{
    km_network *net = open_ev();
    km_indicator_fields f;
    km_measurement_fields mf;
    km_period_locks *l = NULL;
    uint64_t ind, d = 0, s = 0, ok = 0, lock = 0, seq;
    (void)state;
    ev_unit_fields(&f, "LK", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    mfields(&mf, "2024-01-01", "2024-01-31", 10, 0);
    assert_int_equal(km_measurement_create(&d, net, ind, &mf), 0); /* a draft */
    mfields(&mf, "2024-02-01", "2024-02-29", 10, 0);
    assert_int_equal(km_measurement_create(&s, net, ind, &mf), 0);
    assert_int_equal(km_measurement_submit(net, s), 0); /* submitted */
    ok = ev_report(net, ind, "2024-03-01", "2024-03-31", 10, 0); /* approved */
    /* Only an administrator locks. */
    assert_int_equal(km_network_set_actor(net, EV_GOV_EXT), 0);
    assert_int_equal(km_period_lock(&lock, net, 1, "2024-01-01", "2024-03-31", "diaudit BPK"), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, "admin:test"), 0);
    assert_int_equal(km_period_lock(&lock, net, 1, "2024-03-31", "2024-01-01", NULL), KM_EINVAL);
    assert_int_equal(km_period_lock(&lock, net, 1, NULL, "2024-01-01", NULL), KM_EINVAL);
    assert_int_equal(km_period_lock(&lock, net, 1, "2024-01-01", "2024-13-01", NULL), KM_EINVAL);
    assert_int_equal(km_period_lock(&lock, net, 9, "2024-01-01", "2024-03-31", NULL), KM_ENOTFOUND);
    assert_int_equal(km_period_lock(&lock, net, 1, "2024-01-01", "2024-03-31", "diaudit BPK"), 0);
    assert_int_equal(lock, 4); /* locks share the measurement sequence */
    seq = km_network_seq(net);
    /* Every change inside the range is refused, naming the lock. */
    mfields(&mf, "2024-01-01", "2024-01-31", 11, 0);
    assert_int_equal(km_measurement_update(net, d, &mf), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "measurement.period");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "locked by lock 4 (2024-01-01..2024-03-31): diaudit BPK"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "dikunci oleh kunci 4"));
    assert_int_equal(km_measurement_submit(net, d), KM_ESTATE);
    assert_int_equal(km_measurement_approve(net, s, NULL), KM_ESTATE);
    assert_int_equal(km_measurement_return(net, s, "x"), KM_ESTATE);
    assert_int_equal(km_measurement_revise(net, ok, &mf, "koreksi"), KM_ESTATE);
    mfields(&mf, "2024-03-15", "2024-04-15", 11, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), KM_ESTATE);
    /* Moving a draft out of the range is a change inside it too. */
    mfields(&mf, "2024-05-01", "2024-05-31", 11, 0);
    assert_int_equal(km_measurement_update(net, d, &mf), KM_ESTATE);
    assert_int_equal(km_network_seq(net), seq);
    /* Outside the range, and on other agreements, all is open. */
    mfields(&mf, "2024-04-01", "2024-04-30", 11, 0);
    assert_int_equal(km_measurement_create(NULL, net, ind, &mf), 0);
    /* Lifting needs a reason and an administrator; the lock stays listed. */
    assert_int_equal(km_period_unlock(net, lock, NULL), KM_EINVAL);
    assert_int_equal(km_period_unlock(net, 1, "x"), KM_ENOTFOUND); /* a measurement, not a lock */
    assert_int_equal(km_network_set_actor(net, EV_BIZ_EXT), 0);
    assert_int_equal(km_period_unlock(net, lock, "koreksi disetujui"), KM_EDENIED);
    assert_int_equal(km_network_set_actor(net, "admin:test"), 0);
    assert_int_equal(km_period_unlock(net, lock, "koreksi disetujui"), 0);
    assert_int_equal(km_period_unlock(net, lock, "lagi"), KM_ESTATE);
    assert_int_equal(km_measurement_approve(net, s, NULL), 0);
    assert_int_equal(km_measurement_get(NULL, net, lock), KM_EINVAL);
    {
        km_measurement *m = NULL;
        assert_int_equal(km_measurement_get(&m, net, lock), KM_ENOTFOUND);
    }
    assert_int_equal(km_period_lock(NULL, net, 1, "2024-06-01", "2024-06-30", NULL), 0);
    assert_int_equal(km_period_lock_list(&l, net, 1), 0);
    assert_int_equal(km_period_locks_count(l), 2);
    assert_int_equal(km_period_locks_id(l, 0), lock);
    assert_string_equal(km_period_locks_start(l, 0), "2024-01-01");
    assert_string_equal(km_period_locks_end(l, 0), "2024-03-31");
    assert_false(km_period_locks_active(l, 0));
    assert_true(km_period_locks_time(l, 0) > 0);
    assert_string_equal(km_period_locks_reason(l, 0), "diaudit BPK");
    assert_string_equal(km_period_locks_unlock_reason(l, 0), "koreksi disetujui");
    assert_true(km_period_locks_active(l, 1));
    assert_null(km_period_locks_reason(l, 1));
    assert_null(km_period_locks_unlock_reason(l, 1));
    assert_null(km_period_locks_start(l, 2));
    km_period_locks_free(l);
    assert_int_equal(km_period_lock_list(&l, net, 9), KM_ENOTFOUND);
    km_period_locks_free(NULL);
    km_network_close(net);
}

/* ---- listing ---- */

static void check_list(km_network *net, const km_measurement_query *q0, uint64_t max_id)
{
    km_measurement_query q = *q0;
    uint64_t want[256], got[256], id;
    size_t nw = 0, ng = 0, i;
    char cur[64];
    for (id = 1; id <= max_id; id++) {
        km_measurement *m = NULL;
        if (km_measurement_get(&m, net, id) != 0) continue; /* a lock */
        if ((!q.indicator_id || km_measurement_indicator_id(m) == q.indicator_id) &&
            (!q.agreement_id || km_measurement_agreement_id(m) == q.agreement_id) &&
            (!q.partner_id || km_measurement_partner_id(m) == q.partner_id) &&
            (q.status == -1 || km_measurement_status_of(m) == q.status))
            want[nw++] = id;
        km_measurement_free(m);
    }
    q.limit = 4;
    for (;;) {
        km_measurement_page *p = NULL;
        assert_int_equal(km_measurement_list(&p, net, &q), 0);
        for (i = 0; i < km_measurement_page_count(p); i++)
            got[ng++] = km_measurement_id(km_measurement_page_get(p, i));
        if (!km_measurement_page_cursor(p)) {
            km_measurement_page_free(p);
            break;
        }
        snprintf(cur, sizeof cur, "%s", km_measurement_page_cursor(p));
        q.cursor = cur;
        km_measurement_page_free(p);
    }
    assert_int_equal(ng, nw);
    for (i = 0; i < nw; i++) assert_int_equal(got[i], want[i]);
}

static void test_list_stats(void **state)
{
    km_network *net = open_ev();
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_measurement_query q = KM_MEASUREMENT_QUERY_INIT;
    km_measurement_page *p = NULL;
    uint64_t inds[3], n = 0;
    int i, k;
    (void)state;
    for (i = 0; i < 3; i++) {
        km_indicator_fields f;
        char code[8];
        snprintf(code, sizeof code, "L%d", i);
        ev_unit_fields(&f, code, d2024, v100);
        inds[i] = ev_indicator(net, 1, &f);
    }
    for (i = 0; i < 24; i++) {
        km_measurement_fields mf;
        char start[32], end[32];
        uint64_t id = 0;
        snprintf(start, sizeof start, "%d-%02d-01", 2024 + i / 12, i % 12 + 1);
        snprintf(end, sizeof end, "%d-%02d-28", 2024 + i / 12, i % 12 + 1);
        mfields(&mf, start, end, i, 0);
        mf.partner_id = i % 4 == 0 ? FX_GOV : FX_BIZ;
        assert_int_equal(km_measurement_create(&id, net, inds[i % 3], &mf), 0);
        if (i % 2) assert_int_equal(km_measurement_submit(net, id), 0);
        if (i % 4 == 1) assert_int_equal(km_measurement_approve(net, id, NULL), 0);
        if (i == 5) assert_int_equal(km_measurement_revise(net, id, &mf, "koreksi"), 0);
        if (i == 7) assert_int_equal(km_period_lock(NULL, net, 1, "2026-01-01", "2026-01-31", NULL), 0);
    }
    n = 25;
    for (k = 0; k < 32; k++) {
        km_measurement_query x = KM_MEASUREMENT_QUERY_INIT;
        x.indicator_id = k & 1 ? inds[1] : 0;
        x.agreement_id = k & 2 ? 1 : 0;
        x.partner_id = k & 4 ? FX_BIZ : 0;
        x.status = k & 8 ? KM_MEASUREMENT_SUBMITTED : k & 16 ? KM_MEASUREMENT_DRAFT : -1;
        check_list(net, &x, n);
    }
    q.indicator_id = 99;
    assert_int_equal(km_measurement_list(&p, net, &q), 0);
    assert_int_equal(km_measurement_page_count(p), 0);
    km_measurement_page_free(p);
    q.indicator_id = 0;
    q.status = 9;
    assert_int_equal(km_measurement_list(&p, net, &q), KM_EINVAL);
    q.status = -1;
    q.cursor = "m1:x";
    assert_int_equal(km_measurement_list(&p, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.version = 0;
    assert_int_equal(km_measurement_list(&p, net, &q), KM_EVERSION);
    assert_int_equal(km_measurement_list(&p, net, NULL), 0);
    assert_int_equal(km_measurement_page_count(p), 24);
    km_measurement_page_free(p);
    /* Statistics: indicators, and every measurement version once. */
    assert_int_equal(km_network_stats_get(&st, net), 0);
    assert_int_equal(st.indicators, 3);
    assert_int_equal(st.measurements, 25);
    km_network_close(net);
}

/* ---- time travel and audit ---- */

static void test_time_travel_audit(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *past = NULL;
    km_indicator_fields f;
    km_measurement_fields mf;
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    uint64_t ind, id = 0, seq;
    static const char *const ops[] = { "measurement.create", "measurement.submit", "measurement.return",
                                       "measurement.revise", "measurement.update", "measurement.submit",
                                       "measurement.approve" };
    static const char *const actors[] = { EV_BIZ_EXT, EV_BIZ_EXT, EV_GOV_EXT, EV_BIZ_EXT,
                                          EV_BIZ_EXT, EV_BIZ_EXT, EV_GOV_EXT };
    size_t i;
    (void)state;
    store_path(path, sizeof path, "measurement-tt");
    remove_store(path);
    o.clock = fx_clock;
    o.actor = "admin:test";
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    fx_partners(net);
    assert_int_equal(fx_create(net, "EV/1"), 1);
    assert_int_equal(fx_drive(net, 1, KM_AGREEMENT_ACTIVE), 0);
    ev_unit_fields(&f, "TT", d2024, v100);
    ind = ev_indicator(net, 1, &f);
    /* A whole case: reported, returned, corrected, approved. */
    mfields(&mf, "2024-01-01", "2024-03-31", 20, 0);
    mf.evidence_uri = "https://pdam.example.go.id/q1.pdf";
    assert_int_equal(km_network_set_actor(net, EV_BIZ_EXT), 0);
    assert_int_equal(km_measurement_create(&id, net, ind, &mf), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    assert_int_equal(km_network_set_actor(net, EV_GOV_EXT), 0);
    assert_int_equal(km_measurement_return(net, id, "angka tidak sesuai bukti"), 0);
    assert_int_equal(km_network_set_actor(net, EV_BIZ_EXT), 0);
    mf.value = 25;
    assert_int_equal(km_measurement_revise(net, id, &mf, "disesuaikan dengan bukti"), 0);
    mf.comment = "sudah dicek";
    assert_int_equal(km_measurement_update(net, id, &mf), 0);
    assert_int_equal(km_measurement_submit(net, id), 0);
    seq = km_network_seq(net);
    assert_int_equal(km_network_set_actor(net, EV_GOV_EXT), 0);
    assert_int_equal(km_measurement_approve(net, id, "diterima"), 0);
    q.entity = KM_ENTITY_MEASUREMENT;
    q.entity_id = id;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 7);
    for (i = 0; i < 7; i++) {
        assert_string_equal(km_audit_operation(au, i), ops[i]);
        assert_string_equal(km_audit_actor(au, i), actors[i]);
    }
    assert_string_equal(km_audit_data_json(au, 0),
                        "{\"indicator_id\":1,\"partner_id\":2,\"period_start\":\"2024-01-01\",\"period_end\":\"2024-03-31\","
                        "\"value\":20,\"evidence_uri\":\"https://pdam.example.go.id/q1.pdf\"}");
    assert_string_equal(km_audit_data_json(au, 2), "{\"note\":\"angka tidak sesuai bukti\"}");
    assert_non_null(strstr(km_audit_data_json(au, 3), "\"rationale\":\"disesuaikan dengan bukti\""));
    assert_string_equal(km_audit_data_json(au, 6), "{\"note\":\"diterima\"}");
    km_audit_free(au);
    /* As it was before the approval. */
    o.as_of_seq = seq;
    assert_int_equal(km_network_open_file(&past, path, NULL, &o), 0);
    assert_int_equal(status_of(past, id), KM_MEASUREMENT_SUBMITTED);
    assert_int_equal(versions_of(past, id), 2);
    assert_int_equal(km_measurement_approve(past, id, NULL), KM_EREADONLY);
    km_network_close(past);
    /* Reopened from the log: the same. */
    km_network_close(net);
    o.as_of_seq = 0;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    assert_int_equal(status_of(net, id), KM_MEASUREMENT_APPROVED);
    km_network_close(net);
    remove_store(path);
}

/* ---- out of memory ---- */

/* Everything the operations below can change, as text. */
static void fingerprint(km_network *net, char *out, size_t cap)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_period_locks *l = NULL;
    uint64_t id;
    size_t pos, i;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    pos = (size_t)snprintf(out, cap, "%llu %llu|", (unsigned long long)st.log_entries,
                           (unsigned long long)st.measurements);
    for (id = 1; id <= 10 && pos < cap; id++) {
        uint32_t n = 0, v;
        if (km_measurement_version_count(&n, net, id) != 0) continue;
        for (v = 1; v <= n && pos < cap; v++) {
            km_measurement *m = NULL;
            assert_int_equal(km_measurement_get_version(&m, net, id, v), 0);
            pos += (size_t)snprintf(out + pos, cap - pos, "%llu.%u:%d:%lld:%s;", (unsigned long long)id, v,
                                    km_measurement_status_of(m), (long long)km_measurement_value(NULL, m),
                                    km_measurement_period_end(m));
            km_measurement_free(m);
        }
    }
    assert_int_equal(km_period_lock_list(&l, net, 1), 0);
    for (i = 0; i < km_period_locks_count(l) && pos < cap; i++)
        pos += (size_t)snprintf(out + pos, cap - pos, "L%llu:%d;", (unsigned long long)km_period_locks_id(l, i),
                                km_period_locks_active(l, i));
    km_period_locks_free(l);
}

/* Fails the N-th allocation for every N until op succeeds: each failure is
 * KM_ENOMEM and leaves the log and the state exactly as they were. */
static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    static char before[4096], after[4096];
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
        if (rc == 0) continue;
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        fingerprint(net, after, sizeof after);
        assert_string_equal(after, before);
    }
    fail_msg("never succeeded");
}

static int op_create(km_network *net, int month)
{
    km_measurement_fields mf;
    char start[32], end[32];
    snprintf(start, sizeof start, "2024-%02d-01", month);
    snprintf(end, sizeof end, "2024-%02d-28", month);
    mfields(&mf, start, end, month, 0);
    mf.comment = "komentar";
    mf.evidence_uri = "https://example.org/bukti";
    return km_measurement_create(NULL, net, 1, &mf);
}
static int op_update(km_network *net, int id)
{
    km_measurement_fields mf;
    mfields(&mf, "2024-01-01", "2024-01-28", 77, 0);
    return km_measurement_update(net, (uint64_t)id, &mf);
}
static int op_submit(km_network *net, int id) { return km_measurement_submit(net, (uint64_t)id); }
static int op_approve(km_network *net, int id) { return km_measurement_approve(net, (uint64_t)id, "ok"); }
static int op_return(km_network *net, int id) { return km_measurement_return(net, (uint64_t)id, "perbaiki"); }
static int op_revise(km_network *net, int id)
{
    km_measurement_fields mf;
    mfields(&mf, "2024-01-01", "2024-01-28", 78, 0);
    return km_measurement_revise(net, (uint64_t)id, &mf, "koreksi");
}
static int op_lock(km_network *net, int i)
{
    (void)i;
    return km_period_lock(NULL, net, 1, "2024-06-01", "2024-06-30", "tutup buku");
}
static int op_unlock(km_network *net, int id) { return km_period_unlock(net, (uint64_t)id, "dibuka"); }
static int op_list(km_network *net, int i)
{
    km_measurement_page *p = NULL;
    km_period_locks *l = NULL;
    km_measurement_query q = KM_MEASUREMENT_QUERY_INIT;
    int rc;
    q.indicator_id = (uint64_t)i;
    rc = km_measurement_list(&p, net, &q);
    km_measurement_page_free(p);
    if (rc == 0) rc = km_period_lock_list(&l, net, 1);
    km_period_locks_free(l);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_indicator_fields f;
    (void)state;
    km_test_alloc_init(&ta);
    net = ev_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    ev_unit_fields(&f, "OOM", d2024, v100);
    ev_indicator(net, 1, &f);
    oom_loop(&ta, net, op_create, 1); /* measurement 1 */
    oom_loop(&ta, net, op_create, 2); /* measurement 2 */
    oom_loop(&ta, net, op_update, 1);
    oom_loop(&ta, net, op_submit, 1);
    oom_loop(&ta, net, op_approve, 1);
    oom_loop(&ta, net, op_revise, 1);
    oom_loop(&ta, net, op_submit, 1);
    oom_loop(&ta, net, op_approve, 1); /* supersedes version 1 */
    oom_loop(&ta, net, op_submit, 2);
    oom_loop(&ta, net, op_return, 2);
    oom_loop(&ta, net, op_lock, 0); /* lock 3 */
    oom_loop(&ta, net, op_unlock, 3);
    oom_loop(&ta, net, op_list, 1);
    assert_int_equal(status_of(net, 1), KM_MEASUREMENT_APPROVED);
    assert_int_equal(versions_of(net, 1), 2);
    assert_int_equal(status_of(net, 2), KM_MEASUREMENT_RETURNED);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_get),
        cmocka_unit_test(test_value_domains),
        cmocka_unit_test(test_period_and_state_rules),
        cmocka_unit_test(test_workflow_table),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_actors),
        cmocka_unit_test(test_authorizer),
        cmocka_unit_test(test_overlap),
        cmocka_unit_test(test_locks),
        cmocka_unit_test(test_list_stats),
        cmocka_unit_test(test_time_travel_audit),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
