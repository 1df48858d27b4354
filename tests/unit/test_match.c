/* Matchmaking (include/kemitraan/match.h): ranking and every component on
 * the hand-built network of view_fixture.h, weights, exclusions, penalties,
 * stated needs, determinism and ties by id, errors, no log entries, OOM. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "view_fixture.h"
#include "evaluation_fixture.h"
#include "support/failalloc.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

static km_match_options opts_on(const char *date)
{
    km_match_options o = KM_MATCH_OPTIONS_INIT;
    o.as_of = date;
    return o;
}

/* "id id id" of the ranking. */
static void ranking(char *out, size_t cap, const km_matches *m)
{
    size_t i, len = 0;
    out[0] = '\0';
    for (i = 0; i < km_matches_count(m); i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%llu", i ? " " : "",
                                (unsigned long long)km_matches_partner(m, i));
}

static void expect_ranking(km_network *net, uint64_t partner, const km_match_options *o, const char *want)
{
    km_matches *m = NULL;
    char got[256];
    int rc = km_match_for_partner(&m, net, partner, o);
    if (rc) fprintf(stderr, "match: %s\n", km_error_last_message(KM_LANG_EN));
    assert_int_equal(rc, 0);
    ranking(got, sizeof got, m);
    if (strcmp(got, want) != 0) fprintf(stderr, "want [%s]\n got [%s]\n", want, got);
    assert_string_equal(got, want);
    km_matches_free(m);
}

/* Origin 1 needs water-treatment and training, works in water, sits in
 * 32.73; on 2025-06-01 it shares agreements with 2 only (left out). */
static void test_defaults_components(void **state)
{
    km_network *net = vf_open(NULL);
    km_match_options o = opts_on("2025-06-01");
    km_matches *m = NULL;
    uint64_t seq;
    (void)state;
    vf_build(net);
    seq = km_network_seq(net);
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    assert_int_equal(km_matches_count(m), 4);
    /* 5: both capabilities, water, same regency, no common neighbour */
    assert_int_equal(km_matches_partner(m, 0), VF_UNI);
    NEAR(km_matches_component(m, 0, KM_MATCH_CAPABILITY), 1.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_SECTOR), 1.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_REGION), 1.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_NETWORK), 0.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_TRACK_RECORD), 0.0);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_TAGS_MATCHED), 2);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_REGION_SEGMENTS), 2);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_DISTANCE), 0);
    NEAR(km_matches_score(m, 0), 0.35 + 0.15 + 0.15);
    /* 3: training, water, same province, one common neighbour (2) */
    assert_int_equal(km_matches_partner(m, 1), VF_NGO);
    NEAR(km_matches_component(m, 1, KM_MATCH_CAPABILITY), 0.5);
    NEAR(km_matches_component(m, 1, KM_MATCH_SECTOR), 1.0);
    NEAR(km_matches_component(m, 1, KM_MATCH_REGION), 0.5);
    NEAR(km_matches_component(m, 1, KM_MATCH_NETWORK), 0.5);
    assert_int_equal(km_matches_detail(m, 1, KM_MATCH_COMMON_NEIGHBOURS), 1);
    assert_int_equal(km_matches_detail(m, 1, KM_MATCH_DISTANCE), 2);
    assert_int_equal(km_matches_detail(m, 1, KM_MATCH_SECTORS_MATCHED), 1);
    assert_int_equal(km_matches_detail(m, 1, KM_MATCH_REGION_SEGMENTS), 1);
    NEAR(km_matches_score(m, 1), 0.35 * 0.5 + 0.15 + 0.15 * 0.5 + 0.15 * 0.5);
    /* 6: training only */
    assert_int_equal(km_matches_partner(m, 2), VF_INT);
    NEAR(km_matches_score(m, 2), 0.35 * 0.5);
    assert_int_equal(km_matches_detail(m, 2, KM_MATCH_REGION_SEGMENTS), 0);
    /* 4: one common neighbour (2) */
    assert_int_equal(km_matches_partner(m, 3), VF_COM);
    NEAR(km_matches_score(m, 3), 0.15 * 0.5);
    assert_int_equal(km_matches_detail(m, 3, KM_MATCH_COMPLETED), 0);
    assert_int_equal(km_matches_detail(m, 3, KM_MATCH_OPEN_DISPUTES), 0);
    assert_int_equal(km_matches_detail(m, 3, KM_MATCH_EVALUATION_PERMILLE), -1);
    NEAR(km_matches_component(m, 3, KM_MATCH_DISPUTES), 0.0);
    NEAR(km_matches_component(m, 3, KM_MATCH_SUSPENDED), 0.0);
    /* out of range */
    assert_int_equal(km_matches_partner(m, 4), 0);
    NEAR(km_matches_score(m, 4), 0.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_COMPONENT__COUNT), 0.0);
    NEAR(km_matches_component(m, 0, -1), 0.0);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_DETAIL__COUNT), 0);
    km_matches_free(m);
    km_matches_free(NULL);
    assert_int_equal(km_matches_count(NULL), 0);
    /* same question, same answer; and nothing was written */
    expect_ranking(net, VF_GOV, &o, "5 3 6 4");
    assert_int_equal(km_network_seq(net), seq);
    /* 2024-06-01: 3 and 4 have no agreement with 2 yet: no friends of friends */
    o.as_of = "2024-06-01";
    expect_ranking(net, VF_GOV, &o, "5 3 6");
    km_network_close(net);
}

static void test_weights_ties_limit(void **state)
{
    km_network *net = vf_open(NULL);
    km_match_options o = opts_on("2025-06-01");
    km_match_options z;
    (void)state;
    vf_build(net);
    o.w_sector = o.w_region = o.w_network = o.w_track_record = 0.0;
    o.w_capability = 1.0;
    o.exclude_existing = 0;
    /* 5 offers both; 2, 3 and 6 one each: a tie, broken by id; 4 scores 0 */
    expect_ranking(net, VF_GOV, &o, "5 2 3 6");
    o.limit = 2;
    expect_ranking(net, VF_GOV, &o, "5 2");
    o.limit = 0;
    o.min_score = -1.0;
    expect_ranking(net, VF_GOV, &o, "5 2 3 6 4");
    o.min_score = 0.5;
    expect_ranking(net, VF_GOV, &o, "5");
    /* region alone: 2 and 5 in 32.73.x, 3 in 32 */
    z = opts_on("2025-06-01");
    z.w_capability = z.w_sector = z.w_network = z.w_track_record = 0.0;
    z.exclude_existing = 0;
    expect_ranking(net, VF_GOV, &z, "2 5 3");
    /* network alone: common neighbours of 1 (only 2): 3 and 4 */
    z.w_region = 0.0;
    z.w_network = 1.0;
    expect_ranking(net, VF_GOV, &z, "3 4");
    /* kind filter */
    o = opts_on("2025-06-01");
    o.kind = KM_PARTNER_NGO;
    expect_ranking(net, VF_GOV, &o, "3");
    km_network_close(net);
}

static void test_exclusions_penalties(void **state)
{
    km_network *net = vf_open(NULL);
    km_match_options o = opts_on("2025-06-01");
    km_matches *m = NULL;
    km_dispute_fields df = KM_DISPUTE_FIELDS_INIT;
    uint64_t p56[2] = { 5, 6 }, resp = VF_UNI, a7;
    vf_ids ids;
    size_t i;
    (void)state;
    ids = vf_build(net);
    /* existing partner 2 comes back when asked */
    o.exclude_existing = 0;
    expect_ranking(net, VF_GOV, &o, "5 2 3 6 4");
    o.exclude_existing = 1;
    /* a completed agreement of 5 and 6: track record 1/2 each */
    a7 = vf_agreement(net, "A7", KM_AGREEMENT_MOU, "32.73", "2020-01-01", "2020-12-31", 1, "IDR", p56, 2, 1);
    assert_int_equal(km_agreement_complete(net, a7, NULL), 0);
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    assert_int_equal(km_matches_partner(m, 0), VF_UNI);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_COMPLETED), 1);
    NEAR(km_matches_component(m, 0, KM_MATCH_TRACK_RECORD), 0.5);
    NEAR(km_matches_score(m, 0), 0.35 + 0.15 + 0.15 + 0.20 * 0.5);
    km_matches_free(m);
    /* an open dispute against 5 on a4: penalty 1/2 */
    df.agreement_id = ids.a4;
    df.claimant = VF_COM;
    df.respondents = &resp;
    df.respondents_count = 1;
    df.description = "Pembayaran terlambat";
    if (km_dispute_file(NULL, net, &df) != 0) vf_die("dispute");
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    assert_int_equal(km_matches_partner(m, 0), VF_UNI);
    assert_int_equal(km_matches_detail(m, 0, KM_MATCH_OPEN_DISPUTES), 1);
    NEAR(km_matches_component(m, 0, KM_MATCH_DISPUTES), 0.5);
    NEAR(km_matches_score(m, 0), 0.35 + 0.15 + 0.15 + 0.20 * 0.5 - 0.25 * 0.5);
    km_matches_free(m);
    o.min_score = -10.0;
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    assert_int_equal(km_matches_partner(m, 3), VF_COM); /* the claimant is party to the open dispute too */
    assert_int_equal(km_matches_detail(m, 3, KM_MATCH_OPEN_DISPUTES), 1);
    NEAR(km_matches_score(m, 3), 0.15 * 0.5 - 0.25 * 0.5);
    km_matches_free(m);
    o.min_score = 0.0;
    /* suspended: left out, or penalised on request */
    assert_int_equal(km_partner_set_status(net, VF_INT, KM_PARTNER_SUSPENDED, "audit"), 0);
    expect_ranking(net, VF_GOV, &o, "5 3"); /* 4: 0.075 - 0.125 <= 0 */
    o.include_suspended = 1;
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    for (i = 0; i < km_matches_count(m); i++)
        assert_true(km_matches_partner(m, i) != VF_INT); /* 0.175 + 0.1 - 0.5 <= 0 */
    km_matches_free(m);
    o.min_score = -10.0;
    assert_int_equal(km_match_for_partner(&m, net, VF_GOV, &o), 0);
    for (i = 0; i < km_matches_count(m); i++)
        if (km_matches_partner(m, i) == VF_INT) break;
    assert_true(i < km_matches_count(m));
    NEAR(km_matches_component(m, i, KM_MATCH_SUSPENDED), 1.0);
    NEAR(km_matches_score(m, i), 0.35 * 0.5 + 0.20 * 0.5 - 0.5);
    km_matches_free(m);
    /* archived: never */
    assert_int_equal(km_partner_archive(net, VF_INT, "bubar"), 0);
    expect_ranking(net, VF_GOV, &o, "5 3 4");
    km_network_close(net);
}

static void test_for_need(void **state)
{
    km_network *net = vf_open(NULL);
    km_match_options o = opts_on("2025-06-01");
    km_match_need need = KM_MATCH_NEED_INIT;
    km_matches *m = NULL;
    static const char *const tags[] = { "TRAINING" };
    static const char *const sectors[] = { "health" };
    char got[128];
    (void)state;
    vf_build(net);
    need.tags = tags;
    need.tags_count = 1;
    need.sectors = sectors;
    need.sectors_count = 1;
    need.region = "32.04.01";
    /* 3: training + health + 2 of 3 segments; 5, 6: training; 1, 2: province */
    assert_int_equal(km_match_for_need(&m, net, &need, &o), 0);
    ranking(got, sizeof got, m);
    assert_string_equal(got, "3 5 6 1 2");
    NEAR(km_matches_score(m, 0), 0.35 + 0.15 + 0.15 * 2.0 / 3.0);
    NEAR(km_matches_component(m, 0, KM_MATCH_NETWORK), 0.0);
    NEAR(km_matches_score(m, 3), 0.15 / 3.0);
    km_matches_free(m);
    /* on behalf of 1: 1 and its partner 2 leave, 3 and 4 gain network proximity */
    need.partner_id = VF_GOV;
    assert_int_equal(km_match_for_need(&m, net, &need, &o), 0);
    ranking(got, sizeof got, m);
    assert_string_equal(got, "3 5 6 4");
    NEAR(km_matches_component(m, 0, KM_MATCH_NETWORK), 0.5);
    km_matches_free(m);
    /* empty need: only network and track record can score */
    need = (km_match_need)KM_MATCH_NEED_INIT;
    assert_int_equal(km_match_for_need(&m, net, &need, &o), 0);
    assert_int_equal(km_matches_count(m), 0);
    km_matches_free(m);
    km_network_close(net);
}

static void test_errors(void **state)
{
    km_network *net = vf_open(NULL);
    km_match_options o = opts_on("2025-06-01"), bad;
    km_match_need need = KM_MATCH_NEED_INIT, nb;
    km_matches *m = (km_matches *)&m;
    static const char *const tags[] = { "training", NULL };
    const char *many[KM_TAGS_MAX + 1];
    uint64_t seq;
    int i;
    (void)state;
    vf_build(net);
    seq = km_network_seq(net);
    for (i = 0; i <= KM_TAGS_MAX; i++) many[i] = "x";
    assert_int_equal(km_match_for_partner(NULL, net, 1, &o), KM_EINVAL);
    assert_int_equal(km_match_for_partner(&m, NULL, 1, &o), KM_EINVAL);
    assert_null(m);
    assert_int_equal(km_match_for_partner(&m, net, 99, &o), KM_ENOTFOUND);
    assert_int_equal(km_match_for_need(&m, net, NULL, &o), KM_EINVAL);
    assert_int_equal(km_match_for_need(NULL, net, &need, &o), KM_EINVAL);
#define BADO(field, value, code, name)                                     \
    do {                                                                   \
        bad = o;                                                           \
        bad.field = value;                                                 \
        m = (km_matches *)&m;                                              \
        assert_int_equal(km_match_for_partner(&m, net, 1, &bad), code);    \
        assert_null(m);                                                    \
        assert_string_equal(km_error_last_field(), name);                  \
        assert_int_equal(km_match_for_need(&m, net, &need, &bad), code);   \
    } while (0)
    BADO(version, 0, KM_EVERSION, "options.version");
    BADO(version, 2, KM_EVERSION, "options.version");
    BADO(w_capability, -0.1, KM_EINVAL, "options.w_capability");
    BADO(w_sector, NAN, KM_EINVAL, "options.w_sector");
    BADO(w_region, INFINITY, KM_EINVAL, "options.w_region");
    BADO(w_network, -1, KM_EINVAL, "options.w_network");
    BADO(w_track_record, NAN, KM_EINVAL, "options.w_track_record");
    BADO(w_disputes, -2, KM_EINVAL, "options.w_disputes");
    BADO(w_suspended, INFINITY, KM_EINVAL, "options.w_suspended");
    BADO(kind, KM_PARTNER_KIND__COUNT, KM_EINVAL, "options.kind");
    BADO(kind, -2, KM_EINVAL, "options.kind");
    BADO(min_score, NAN, KM_EINVAL, "options.min_score");
    BADO(as_of, "2025-13-01", KM_EINVAL, "options.as_of");
#undef BADO
#define BADN(field, value, code, name)                                     \
    do {                                                                   \
        nb = need;                                                         \
        nb.field = value;                                                  \
        m = (km_matches *)&m;                                              \
        assert_int_equal(km_match_for_need(&m, net, &nb, &o), code);       \
        assert_null(m);                                                    \
        assert_string_equal(km_error_last_field(), name);                  \
    } while (0)
    BADN(version, 0, KM_EVERSION, "need.version");
    BADN(tags_count, 1, KM_EINVAL, "need.tags");
    nb = need;
    nb.tags = tags;
    nb.tags_count = 2; /* NULL tag */
    assert_int_equal(km_match_for_need(&m, net, &nb, &o), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "need.tags");
    nb.tags = many;
    nb.tags_count = KM_TAGS_MAX + 1;
    assert_int_equal(km_match_for_need(&m, net, &nb, &o), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "need.tags");
    BADN(sectors_count, 3, KM_EINVAL, "need.sectors");
    BADN(region, "32..73", KM_EINVAL, "need.region");
    nb = need;
    nb.partner_id = 99;
    assert_int_equal(km_match_for_need(&m, net, &nb, &o), KM_ENOTFOUND);
    assert_null(m);
#undef BADN
    /* NULL options: the defaults */
    assert_int_equal(km_match_for_partner(&m, net, 1, NULL), 0);
    km_matches_free(m);
    assert_int_equal(km_network_seq(net), seq);
    km_network_close(net);
}

/* The track record averages k / (k + 1) with the partner scorecard score. */
static void test_evaluation_track_record(void **state)
{
    km_network *net = ev_open(NULL);
    km_indicator_fields f;
    static const char *const dates[] = { "2024-12-31" };
    static const int64_t values[] = { 100 };
    km_scorecard_query sq = KM_SCORECARD_QUERY_INIT;
    km_scorecard *sc = NULL;
    km_match_options o = opts_on("2024-06-30");
    km_match_need need = KM_MATCH_NEED_INIT;
    km_matches *m = NULL;
    double s;
    size_t i;
    (void)state;
    assert_non_null(net);
    ev_unit_fields(&f, "SR-1", dates, values);
    ev_report(net, ev_indicator(net, 1, &f), "2024-01-01", "2024-03-31", 40, 1);
    sq.scope = KM_SCOPE_PARTNER;
    sq.subject = FX_BIZ;
    sq.as_of = "2024-06-30";
    assert_int_equal(km_scorecard_compute(&sc, net, &sq), 0);
    s = km_scorecard_score(sc);
    km_scorecard_free(sc);
    assert_true(s > 0.0 && s <= 1.0);
    o.min_score = -1.0;
    assert_int_equal(km_match_for_need(&m, net, &need, &o), 0);
    assert_int_equal(km_matches_count(m), 4);
    for (i = 0; i < 4; i++) {
        uint64_t id = km_matches_partner(m, i);
        if (id == FX_GOV || id == FX_BIZ) {
            NEAR(km_matches_component(m, i, KM_MATCH_TRACK_RECORD), s / 2.0);
            assert_int_equal(km_matches_detail(m, i, KM_MATCH_EVALUATION_PERMILLE), (int64_t)floor(s * 1000.0 + 0.5));
            NEAR(km_matches_score(m, i), 0.20 * s / 2.0);
        } else {
            NEAR(km_matches_component(m, i, KM_MATCH_TRACK_RECORD), 0.0);
            assert_int_equal(km_matches_detail(m, i, KM_MATCH_EVALUATION_PERMILLE), -1);
        }
    }
    km_matches_free(m);
    o.use_evaluation = 0;
    assert_int_equal(km_match_for_need(&m, net, &need, &o), 0);
    for (i = 0; i < km_matches_count(m); i++) {
        NEAR(km_matches_component(m, i, KM_MATCH_TRACK_RECORD), 0.0);
        assert_int_equal(km_matches_detail(m, i, KM_MATCH_EVALUATION_PERMILLE), -1);
    }
    km_matches_free(m);
    km_network_close(net);
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_match_options o = opts_on("2025-06-01");
    km_match_need need = KM_MATCH_NEED_INIT;
    static const char *const tags[] = { "training" };
    int k;
    (void)state;
    km_test_alloc_init(&ta);
    net = vf_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    vf_build(net);
    need.tags = tags;
    need.tags_count = 1;
    need.partner_id = VF_GOV;
    for (k = 0; k < 2; k++) {
        uint64_t seq = km_network_seq(net);
        long n, failures;
        for (n = 1;; n++) {
            km_matches *m = NULL;
            int rc;
            km_test_alloc_fail_at(&ta, n);
            rc = k == 0 ? km_match_for_partner(&m, net, VF_GOV, &o) : km_match_for_need(&m, net, &need, &o);
            failures = ta.failures;
            km_test_alloc_fail_at(&ta, -1);
            if (rc == 0) {
                assert_int_equal(km_matches_count(m), 4);
                km_matches_free(m);
                if (failures == 0) break;
                continue; /* a refused allocation that did not matter */
            }
            assert_int_equal(rc, KM_ENOMEM);
            assert_null(m);
            assert_int_equal(km_network_seq(net), seq);
        }
        assert_true(n > 1);
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_components), cmocka_unit_test(test_weights_ties_limit),
        cmocka_unit_test(test_exclusions_penalties), cmocka_unit_test(test_for_need),
        cmocka_unit_test(test_errors),              cmocka_unit_test(test_evaluation_track_record),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
