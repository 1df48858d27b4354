/* Unit tests for the ledger: every invariant violated on purpose (with its
 * error code and rule), reversal chains, measures that never mix, totals as
 * of past dates against an independent computation, grouping and filters,
 * the exchange-rate hook, absorption, unscheduled disbursements,
 * disbursement delay, and out-of-memory loops over ledger operations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "commitment_fixture.h"
#include "support/failalloc.h"

static km_network *open_cf(uint64_t *agreement)
{
    km_network *net = fx_open(NULL);
    assert_non_null(net);
    fx_partners(net);
    *agreement = cf_agreement(net, "PKS/L/1");
    return net;
}

/* The last failure's messages, kept before the checks below clear them. */
static char g_en[1024], g_id[1024];

/* Expects rc and the error field (the rule); log and figures unchanged. */
#define EXPECT_FAIL(net, id, call, code, field)                                                \
    do {                                                                                       \
        uint64_t seq_ = km_network_seq(net);                                                   \
        int64_t c_ = cf_figure(net, id, KM_FIGURE_COMMITTED), d_ = cf_figure(net, id, KM_FIGURE_DISBURSED); \
        int st_ = cf_status(net, id);                                                          \
        int rc_ = (call);                                                                      \
        if (rc_ != (code)) fail_msg("%s: got %d (%s)", #call, rc_, km_error_last_message(KM_LANG_EN)); \
        if (strcmp(km_error_last_field(), (field)) != 0)                                       \
            fail_msg("%s: field %s, expected %s", #call, km_error_last_field(), (const char *)(field)); \
        snprintf(g_en, sizeof g_en, "%s", km_error_last_message(KM_LANG_EN));                  \
        snprintf(g_id, sizeof g_id, "%s", km_error_last_message(KM_LANG_ID));                  \
        assert_int_equal(km_network_seq(net), seq_);                                           \
        assert_true(cf_figure(net, id, KM_FIGURE_COMMITTED) == c_);                            \
        assert_true(cf_figure(net, id, KM_FIGURE_DISBURSED) == d_);                            \
        assert_int_equal(cf_status(net, id), st_);                                             \
    } while (0)

static void test_invariants(void **state)
{
    uint64_t ag, id, c1, d1, big, q;
    km_network *net = open_cf(&ag);
    km_commitment_fields f;
    km_ledger_fields lf = KM_LEDGER_FIELDS_INIT;
    (void)state;
    id = cf_money(net, ag, KM_COMMITMENT_GRANT, 100000, "IDR");
    /* Before committing, nothing flows. */
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, "IDR", "2024-03-01", 0, NULL), KM_ESTATE,
                "commitment.status");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_EXPENDITURE, 10, "IDR", "2024-03-01", 0, NULL), KM_ESTATE,
                "commitment.status");
    assert_int_equal(cf_tx(net, id, KM_LEDGER_COMMITMENT, 100000, "IDR", "2024-03-01", 0, &c1), 0);
    /* Amounts are positive. */
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 0, "IDR", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.amount");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, -100, "IDR", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.amount");
    assert_non_null(strstr(g_en, "reversing entry"));
    /* Currencies never mix. */
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, "USD", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.currency");
    assert_non_null(strstr(g_en, "never mix"));
    assert_non_null(strstr(g_id, "tidak pernah dicampur"));
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, NULL, "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.currency");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, "IDRX", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.currency");
    /* Types, dates and notes. */
    EXPECT_FAIL(net, id, cf_tx(net, id, 7, 10, "IDR", "2024-03-01", 0, NULL), KM_EINVAL, "ledger.type");
    EXPECT_FAIL(net, id, cf_tx(net, id, -1, 10, "IDR", "2024-03-01", 0, NULL), KM_EINVAL, "ledger.type");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, "IDR", NULL, 0, NULL), KM_EINVAL,
                "ledger.value_date");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10, "IDR", "2024-13-01", 0, NULL), KM_EINVAL,
                "ledger.value_date");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_LOAN_REPAYMENT, 10, "IDR", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.type");
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 10, "IDR", "2024-03-01", 0, NULL), KM_EINVAL,
                "ledger.type");
    lf.type = KM_LEDGER_DISBURSEMENT;
    lf.amount = 10;
    lf.currency = "IDR";
    lf.value_date = "2024-03-01";
    lf.note = "";
    EXPECT_FAIL(net, id, km_ledger_record(NULL, net, id, &lf), KM_EINVAL, "ledger.note");
    lf.version = 2;
    EXPECT_FAIL(net, id, km_ledger_record(NULL, net, id, &lf), KM_EVERSION, "fields.version");
    EXPECT_FAIL(net, id, km_ledger_record(NULL, net, id, NULL), KM_EINVAL, "fields");
    EXPECT_FAIL(net, id, cf_tx(net, 99, KM_LEDGER_DISBURSEMENT, 10, "IDR", "2024-03-01", 0, NULL), KM_ENOTFOUND,
                "commitment.id");
    /* Disbursed never exceeds committed: at the end... */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 60000, "IDR", "2024-04-01", 0, &d1), 0);
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 40001, "IDR", "2024-05-01", 0, NULL), KM_ESTATE,
                "ledger.disbursed_le_committed");
    assert_non_null(strstr(g_en, "on 2024-05-01"));
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_REIMBURSEMENT, 40001, "IDR", "2024-05-01", 0, NULL), KM_ESTATE,
                "ledger.disbursed_le_committed");
    /* ... and at every earlier date: no disbursement before its commitment. */
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 1, "IDR", "2024-02-28", 0, NULL), KM_ESTATE,
                "ledger.disbursed_le_committed");
    assert_non_null(strstr(g_en, "on 2024-02-28"));
    /* A top-up dated later does not make an earlier over-disbursement legal. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_COMMITMENT, 50000, "IDR", "2024-06-01", 0, NULL), 0);
    EXPECT_FAIL(net, id, cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 50000, "IDR", "2024-05-01", 0, NULL), KM_ESTATE,
                "ledger.disbursed_le_committed");
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 50000, "IDR", "2024-06-01", 0, NULL), 0);
    /* Reversing the commitment that disbursements depend on breaks the rule. */
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, c1, "salah"), KM_ESTATE, "ledger.disbursed_le_committed");
    /* Sums never overflow. */
    cf_fields(&f, ag, KM_COMMITMENT_GUARANTEE, INT64_MAX, "IDR");
    assert_int_equal(km_commitment_create(&big, net, &f), 0);
    assert_int_equal(km_commitment_commit(net, big, "2024-01-01", NULL), 0);
    EXPECT_FAIL(net, big, cf_tx(net, big, KM_LEDGER_COMMITMENT, 1, "IDR", "2024-01-02", 0, NULL), KM_ERANGE,
                "ledger.amount");
    assert_int_equal(cf_tx(net, big, KM_LEDGER_DISBURSEMENT, INT64_MAX - 5, "IDR", "2024-01-02", 0, NULL), 0);
    EXPECT_FAIL(net, big, cf_tx(net, big, KM_LEDGER_REIMBURSEMENT, 6, "IDR", "2024-01-03", 0, NULL), KM_ERANGE,
                "ledger.amount");
    assert_int_equal(cf_tranche(net, big, "2024-01-01", INT64_MAX, NULL), 0);
    EXPECT_FAIL(net, big, cf_tranche(net, big, "2024-01-01", 1, NULL), KM_EINVAL, "tranche.total");
    /* Quantities: the unit or nothing, never a currency or another unit. */
    cf_fields(&f, ag, KM_COMMITMENT_TECHNICAL_ASSISTANCE, 40, NULL);
    f.unit = "expert-days";
    assert_int_equal(km_commitment_create(&q, net, &f), 0);
    assert_int_equal(km_commitment_commit(net, q, "2024-01-01", NULL), 0);
    EXPECT_FAIL(net, q, cf_tx(net, q, KM_LEDGER_DISBURSEMENT, 1, "IDR", "2024-02-01", 0, NULL), KM_EINVAL,
                "ledger.currency");
    EXPECT_FAIL(net, q, cf_tx(net, q, KM_LEDGER_DISBURSEMENT, 1, "hours", "2024-02-01", 0, NULL), KM_EINVAL,
                "ledger.currency");
    assert_int_equal(cf_tx(net, q, KM_LEDGER_DISBURSEMENT, 10, "expert-days", "2024-02-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, q, KM_LEDGER_DISBURSEMENT, 10, NULL, "2024-03-01", 0, NULL), 0);
    EXPECT_FAIL(net, q, cf_tx(net, q, KM_LEDGER_DISBURSEMENT, 21, NULL, "2024-04-01", 0, NULL), KM_ESTATE,
                "ledger.disbursed_le_committed");
    assert_non_null(strstr(g_en, "disbursed 41 expert-days would exceed committed 40 expert-days"));
    /* Closed and cancelled ledgers take nothing. */
    assert_int_equal(km_commitment_close(net, q, "selesai"), 0);
    EXPECT_FAIL(net, q, cf_tx(net, q, KM_LEDGER_EXPENDITURE, 1, NULL, "2024-04-01", 0, NULL), KM_ESTATE,
                "commitment.status");
    EXPECT_FAIL(net, q, cf_tx(net, q, KM_LEDGER_PLEDGE, 1, NULL, "2024-04-01", 0, NULL), KM_ESTATE,
                "commitment.status");
    {
        uint64_t gone = cf_money(net, ag, KM_COMMITMENT_GRANT, 5, "IDR"), p;
        assert_int_equal(cf_tx(net, gone, KM_LEDGER_PLEDGE, 5, "IDR", "2024-01-01", 0, &p), 0);
        assert_int_equal(km_commitment_cancel(net, gone, "batal"), 0);
        EXPECT_FAIL(net, gone, cf_tx(net, gone, KM_LEDGER_COMMITMENT, 5, "IDR", "2024-01-01", 0, NULL), KM_ESTATE,
                    "commitment.status");
        EXPECT_FAIL(net, gone, km_ledger_reverse(NULL, net, p, "x"), KM_ESTATE, "commitment.status");
    }
    (void)d1;
    km_network_close(net);
}

static void test_reversal_chains(void **state)
{
    uint64_t ag, id, d1, r1, d2, r2, d3, x;
    km_network *net = open_cf(&ag);
    km_ledger *l = NULL;
    km_totals *t = NULL;
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    (void)state;
    id = cf_money(net, ag, KM_COMMITMENT_GRANT, 100000, "IDR");
    assert_int_equal(km_commitment_commit(net, id, "2024-01-01", NULL), 0); /* tx 1 */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 70000, "IDR", "2024-02-01", 0, &d1), 0);
    assert_int_equal(km_ledger_reverse(&r1, net, d1, "nominal salah"), 0);
    assert_int_equal(r1, d1 + 1);
    assert_true(cf_figure(net, id, KM_FIGURE_DISBURSED) == 0);
    /* A reversal is never reversed; an entry is reversed once. */
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, r1, "balik lagi"), KM_ESTATE, "ledger.reverses");
    assert_non_null(strstr(g_en, "is itself the reversal"));
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, d1, "lagi"), KM_ESTATE, "ledger.reverses");
    assert_non_null(strstr(g_en, "already reversed"));
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, 99, "x"), KM_ENOTFOUND, "ledger.id");
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, 0, "x"), KM_ENOTFOUND, "ledger.id");
    EXPECT_FAIL(net, id, km_ledger_reverse(NULL, net, 1, NULL), KM_EINVAL, "reason");
    /* Correct, then correct the correction by reversing and recording again. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 7000, "IDR", "2024-02-01", 0, &d2), 0);
    assert_int_equal(km_ledger_reverse(&r2, net, d2, "masih salah"), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 17000, "IDR", "2024-02-01", 0, &d3), 0);
    assert_true(cf_figure(net, id, KM_FIGURE_DISBURSED) == 17000);
    assert_int_equal(cf_status(net, id), KM_COMMITMENT_DISBURSING);
    assert_int_equal(km_ledger_list(&l, net, id), 0);
    assert_int_equal(km_ledger_count(l), 6);
    assert_int_equal(km_ledger_id(l, 1), d1);
    assert_int_equal(km_ledger_reversed_by(l, 1), r1);
    assert_int_equal(km_ledger_reverses(l, 2), d1);
    assert_int_equal(km_ledger_reversed_by(l, 2), 0);
    assert_string_equal(km_ledger_note(l, 2), "nominal salah");
    assert_string_equal(km_ledger_value_date(l, 2), "2024-02-01"); /* the original's value date */
    assert_true(km_ledger_amount(l, 2) == 70000);
    assert_int_equal(km_ledger_type_of(l, 2), KM_LEDGER_DISBURSEMENT);
    assert_string_equal(km_ledger_unit(l, 2), "IDR");
    assert_int_equal(km_ledger_reversed_by(l, 3), r2);
    assert_int_equal(km_ledger_id(l, 5), d3);
    assert_int_equal(km_ledger_commitment(l, 5), id);
    assert_true(km_ledger_time(l, 5) > km_ledger_time(l, 0));
    assert_null(km_ledger_note(l, 5));
    assert_int_equal(km_ledger_id(l, 6), 0);
    km_ledger_free(l);
    assert_int_equal(km_ledger_get(&l, net, r2), 0);
    assert_int_equal(km_ledger_count(l), 1);
    assert_int_equal(km_ledger_reverses(l, 0), d2);
    km_ledger_free(l);
    assert_int_equal(km_ledger_get(&l, net, 77), KM_ENOTFOUND);
    /* A reversal counts from the original's value date: as of any date the
     * reversed entries count for nothing. */
    q.commitment_id = id;
    q.as_of_date = "2024-02-01";
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_count(t), 1);
    assert_true(km_totals_figure(t, 0, KM_FIGURE_DISBURSED) == 17000);
    km_totals_free(t);
    /* A reversal belongs to the commitment of what it reverses. */
    x = cf_money(net, ag, KM_COMMITMENT_GRANT, 5, "IDR");
    {
        km_ledger *one = NULL;
        assert_int_equal(km_commitment_commit(net, x, "2024-01-01", NULL), 0);
        assert_int_equal(km_ledger_reverse(NULL, net, 7, "x"), 0); /* its commitment transaction */
        assert_int_equal(km_ledger_get(&one, net, 8), 0);
        assert_int_equal(km_ledger_commitment(one, 0), x);
        km_ledger_free(one);
    }
    km_network_close(net);
}

/* ---- totals against an independent computation ---- */

#define MAXC 64

typedef struct expect {
    uint64_t group;
    char unit[48];
    int is_money;
    uint64_t count;
    int64_t fig[KM_FIGURE__COUNT];
} expect;

/* Figures of one commitment as of a date, from its ledger list alone. */
static void brute_figures(km_network *net, uint64_t id, const char *as_of, int64_t fig[KM_FIGURE__COUNT])
{
    km_ledger *l = NULL;
    km_commitment *c = NULL;
    int64_t s[KM_LEDGER_TYPE__COUNT] = { 0 };
    size_t i;
    assert_int_equal(km_ledger_list(&l, net, id), 0);
    for (i = 0; i < km_ledger_count(l); i++) {
        int64_t a = km_ledger_amount(l, i);
        if (as_of && strcmp(km_ledger_value_date(l, i), as_of) > 0) continue;
        s[km_ledger_type_of(l, i)] += km_ledger_reverses(l, i) ? -a : a;
    }
    km_ledger_free(l);
    assert_int_equal(km_commitment_get(&c, net, id), 0);
    fig[KM_FIGURE_PLEDGED] = s[KM_LEDGER_PLEDGE];
    fig[KM_FIGURE_COMMITTED] = s[KM_LEDGER_COMMITMENT];
    fig[KM_FIGURE_DISBURSED] = s[KM_LEDGER_DISBURSEMENT] + s[KM_LEDGER_REIMBURSEMENT];
    fig[KM_FIGURE_REIMBURSED] = s[KM_LEDGER_REIMBURSEMENT];
    fig[KM_FIGURE_EXPENDITURE] = s[KM_LEDGER_EXPENDITURE];
    fig[KM_FIGURE_REPAID] = s[KM_LEDGER_LOAN_REPAYMENT];
    fig[KM_FIGURE_INTEREST] = s[KM_LEDGER_INTEREST_PAYMENT];
    fig[KM_FIGURE_REMAINING] = fig[KM_FIGURE_COMMITTED] - fig[KM_FIGURE_DISBURSED];
    fig[KM_FIGURE_OUTSTANDING] =
        km_commitment_kind_of(c) == KM_COMMITMENT_LOAN ? fig[KM_FIGURE_DISBURSED] - fig[KM_FIGURE_REPAID] : 0;
    km_commitment_free(c);
}

static uint64_t brute_group(km_network *net, const km_commitment *c, int g)
{
    km_agreement *a = NULL;
    uint64_t fw;
    switch (g) {
    case KM_GROUP_COMMITMENT: return km_commitment_id(c);
    case KM_GROUP_AGREEMENT: return km_commitment_agreement_id(c);
    case KM_GROUP_PROVIDER: return km_commitment_provider_id(c);
    case KM_GROUP_RECIPIENT: return km_commitment_recipient_id(c);
    case KM_GROUP_KIND: return (uint64_t)km_commitment_kind_of(c);
    case KM_GROUP_STATUS: return (uint64_t)km_commitment_status_of(c);
    case KM_GROUP_FRAMEWORK:
        assert_int_equal(km_agreement_get(&a, net, km_commitment_agreement_id(c)), 0);
        fw = km_agreement_framework_id(a);
        km_agreement_free(a);
        return fw;
    default: return 0;
    }
}

static void check_totals(km_network *net, km_totals_query *q)
{
    expect e[MAXC];
    size_t ne = 0, i, k;
    uint64_t n = 0, id;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_totals *t = NULL;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    n = st.commitments;
    for (id = 1; id <= n; id++) {
        km_commitment *c = NULL;
        int64_t fig[KM_FIGURE__COUNT];
        const char *unit;
        uint64_t g;
        int f;
        assert_int_equal(km_commitment_get(&c, net, id), 0);
        if ((q->commitment_id && id != q->commitment_id) ||
            (q->agreement_id && km_commitment_agreement_id(c) != q->agreement_id) ||
            (q->provider_id && km_commitment_provider_id(c) != q->provider_id) ||
            (q->recipient_id && km_commitment_recipient_id(c) != q->recipient_id) ||
            (q->kind >= 0 && km_commitment_kind_of(c) != q->kind) ||
            (q->status >= 0 && km_commitment_status_of(c) != q->status) ||
            (q->framework_id && brute_group(net, c, KM_GROUP_FRAMEWORK) != q->framework_id)) {
            km_commitment_free(c);
            continue;
        }
        brute_figures(net, id, q->as_of_date, fig);
        unit = km_commitment_is_money(c) ? km_commitment_currency(c) : km_commitment_unit(c);
        g = brute_group(net, c, q->group_by);
        for (i = 0; i < ne; i++)
            if (e[i].group == g && strcmp(e[i].unit, unit) == 0) break;
        if (i == ne) {
            assert_true(ne < MAXC);
            memset(&e[ne], 0, sizeof e[ne]);
            e[ne].group = g;
            snprintf(e[ne].unit, sizeof e[ne].unit, "%s", unit);
            e[ne].is_money = km_commitment_is_money(c);
            ne++;
        }
        e[i].count++;
        for (f = 0; f < KM_FIGURE__COUNT; f++) e[i].fig[f] += fig[f];
        km_commitment_free(c);
    }
    assert_int_equal(km_commitment_totals(&t, net, q), 0);
    assert_int_equal(km_totals_count(t), ne);
    for (i = 0; i < km_totals_count(t); i++) {
        /* Sorted by group, money first, then by code or label. */
        if (i) {
            assert_true(km_totals_group(t, i - 1) <= km_totals_group(t, i));
            if (km_totals_group(t, i - 1) == km_totals_group(t, i) &&
                km_totals_is_money(t, i - 1) == km_totals_is_money(t, i))
                assert_true(strcmp(km_totals_unit(t, i - 1), km_totals_unit(t, i)) < 0);
        }
        for (k = 0; k < ne; k++)
            if (e[k].group == km_totals_group(t, i) && strcmp(e[k].unit, km_totals_unit(t, i)) == 0) break;
        assert_true(k < ne);
        assert_int_equal(km_totals_is_money(t, i), e[k].is_money);
        assert_int_equal(km_totals_commitments(t, i), e[k].count);
        for (id = 0; id < KM_FIGURE__COUNT; id++)
            if (km_totals_figure(t, i, (int)id) != e[k].fig[id])
                fail_msg("row %zu figure %d: %lld, expected %lld", i, (int)id,
                         (long long)km_totals_figure(t, i, (int)id), (long long)e[k].fig[id]);
    }
    km_totals_free(t);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Commitments over two agreements (one under framework 1), several kinds,
 * currencies and a quantity, with ledgers spread over 2024. */
static void build(km_network *net)
{
    static const char *const cur[] = { "IDR", "USD", "JPY" };
    static const int kinds[] = { KM_COMMITMENT_GRANT, KM_COMMITMENT_EQUITY, KM_COMMITMENT_VIABILITY_GAP_FUNDING };
    km_framework_spec *spec = NULL;
    km_agreement_fields af = KM_AGREEMENT_FIELDS_INIT;
    km_commitment_fields f;
    uint64_t ags[2], id;
    int i, k;
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015", NULL), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    ags[0] = cf_agreement(net, "T/A");
    ags[1] = fx_create(net, "T/B");
    af.framework_id = 1;
    assert_int_equal(km_agreement_update(net, ags[1], &af, KM_AGREEMENT_F_FRAMEWORK), 0);
    for (i = 0; i < 40; i++) {
        int a = (int)(next_rand() % 2);
        char date[11];
        cf_fields(&f, ags[a], kinds[next_rand() % 3], 100000 + (int64_t)(next_rand() % 900000), cur[next_rand() % 3]);
        if (a == 0 && next_rand() % 2) {
            f.provider_id = FX_NGO;
            f.recipient_id = next_rand() % 2 ? FX_GOV : FX_BIZ;
        }
        if (i % 9 == 4) {
            f.kind = KM_COMMITMENT_TECHNICAL_ASSISTANCE;
            f.currency = NULL;
            f.unit = "expert-days";
            f.amount = 100;
        }
        assert_int_equal(km_commitment_create(&id, net, &f), 0);
        if (next_rand() % 5 == 0) continue; /* stays pledged */
        snprintf(date, sizeof date, "2024-%02d-01", 1 + (int)(next_rand() % 4));
        assert_int_equal(cf_tx(net, id, KM_LEDGER_PLEDGE, f.amount, f.currency, "2023-12-01", 0, NULL), 0);
        assert_int_equal(km_commitment_commit(net, id, date, NULL), 0);
        for (k = 0; k < 4; k++) {
            uint64_t tx;
            int64_t left = cf_figure(net, id, KM_FIGURE_REMAINING);
            snprintf(date, sizeof date, "2024-%02d-%02d", 5 + (int)(next_rand() % 7), 1 + (int)(next_rand() % 28));
            if (left <= 0) break;
            assert_int_equal(cf_tx(net, id, k % 3 == 2 ? KM_LEDGER_REIMBURSEMENT : KM_LEDGER_DISBURSEMENT,
                                   1 + (int64_t)(next_rand() % (uint64_t)left), f.currency, date, 0, &tx), 0);
            if (next_rand() % 4 == 0) assert_int_equal(km_ledger_reverse(NULL, net, tx, "koreksi"), 0);
            assert_int_equal(cf_tx(net, id, KM_LEDGER_EXPENDITURE, 1 + (int64_t)(next_rand() % 1000), f.currency,
                                   date, 0, NULL), 0);
        }
        if (next_rand() % 6 == 0) assert_int_equal(km_commitment_close(net, id, "selesai"), 0);
    }
}

static void test_totals_as_of(void **state)
{
    static const char *const dates[] = { NULL, "2023-12-31", "2024-01-01", "2024-03-15", "2024-06-30", "2024-09-01",
                                         "2025-01-01" };
    km_network *net = fx_open(NULL);
    size_t d;
    int g;
    km_totals *t = NULL;
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    (void)state;
    assert_non_null(net);
    fx_partners(net);
    build(net);
    for (d = 0; d < sizeof dates / sizeof dates[0]; d++) {
        for (g = 0; g < KM_GROUP__COUNT; g++) {
            km_totals_query qq = KM_TOTALS_QUERY_INIT;
            qq.as_of_date = dates[d];
            qq.group_by = g;
            check_totals(net, &qq);
        }
    }
    /* Filters: each scope the issue names. */
    q.as_of_date = "2024-06-30";
    q.commitment_id = 3;
    check_totals(net, &q);
    q.commitment_id = 0;
    q.agreement_id = 2;
    check_totals(net, &q);
    q.agreement_id = 0;
    q.provider_id = FX_NGO;
    check_totals(net, &q);
    q.provider_id = 0;
    q.recipient_id = FX_BIZ;
    q.group_by = KM_GROUP_PROVIDER;
    check_totals(net, &q);
    q.recipient_id = 0;
    q.kind = KM_COMMITMENT_EQUITY;
    check_totals(net, &q);
    q.kind = -1;
    q.framework_id = 1;
    q.group_by = KM_GROUP_KIND;
    check_totals(net, &q);
    q.framework_id = 0;
    q.status = KM_COMMITMENT_DISBURSING;
    check_totals(net, &q);
    q.status = -1;
    q.commitment_id = 999; /* nothing, not an error */
    check_totals(net, &q);
    q.commitment_id = 0;
    /* Bad queries. */
    q.group_by = 8;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "query.group_by");
    q.group_by = 0;
    q.as_of_date = "2024-02-30";
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EINVAL);
    q.as_of_date = NULL;
    q.currency = "RP";
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EINVAL);
    q.currency = NULL;
    q.kind = 12;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EINVAL);
    q.kind = -1;
    q.version = 0;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EVERSION);
    assert_null(t);
    assert_int_equal(km_commitment_totals(&t, net, NULL), 0);
    assert_true(km_totals_count(t) >= 3);
    km_totals_free(t);
    km_network_close(net);
}

/* ---- exchange rates ---- */

typedef struct rates {
    int calls;
    char last_date[11];
    int broken;
} rates;

/* 1 USD = 15500 IDR; 1 JPY = 103.5 IDR; 1 IDR = 1/15500 USD. */
static int rate_fn(void *payload, const char *from, const char *to, const char *date, int64_t *num, int64_t *den)
{
    rates *r = (rates *)payload;
    r->calls++;
    snprintf(r->last_date, sizeof r->last_date, "%s", date);
    if (r->broken) {
        *num = 0;
        *den = 1;
        return 0;
    }
    if (strcmp(from, "USD") == 0 && strcmp(to, "IDR") == 0) { *num = 15500; *den = 1; return 0; }
    if (strcmp(from, "JPY") == 0 && strcmp(to, "IDR") == 0) { *num = 1035; *den = 10; return 0; }
    if (strcmp(from, "IDR") == 0 && strcmp(to, "USD") == 0) { *num = 1; *den = 15500; return 0; }
    return -1;
}

static void test_exchange_rates(void **state)
{
    uint64_t ag, idr, usd, jpy, ta;
    km_network *net = open_cf(&ag);
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    km_totals *t = NULL;
    km_commitment_fields f;
    rates r;
    const char *from = NULL;
    int64_t num = 0, den = 0;
    (void)state;
    memset(&r, 0, sizeof r);
    idr = cf_money(net, ag, KM_COMMITMENT_GRANT, 100000000, "IDR"); /* Rp1.000.000,00 */
    usd = cf_money(net, ag, KM_COMMITMENT_GRANT, 100000, "USD");    /* USD 1,000.00 */
    jpy = cf_money(net, ag, KM_COMMITMENT_EQUITY, 10000, "JPY");    /* JPY 10,000 */
    assert_int_equal(km_commitment_commit(net, idr, "2024-01-01", NULL), 0);
    assert_int_equal(km_commitment_commit(net, usd, "2024-01-01", NULL), 0);
    assert_int_equal(km_commitment_commit(net, jpy, "2024-01-01", NULL), 0);
    assert_int_equal(cf_tx(net, idr, KM_LEDGER_DISBURSEMENT, 25000000, "IDR", "2024-02-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, usd, KM_LEDGER_DISBURSEMENT, 33333, "USD", "2024-02-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, jpy, KM_LEDGER_DISBURSEMENT, 7, "JPY", "2024-02-01", 0, NULL), 0);
    cf_fields(&f, ag, KM_COMMITMENT_TECHNICAL_ASSISTANCE, 40, NULL);
    f.unit = "expert-days";
    f.valuation = 8000000; /* Rp80.000,00 for the 40 days */
    f.valuation_currency = "IDR";
    assert_int_equal(km_commitment_create(&ta, net, &f), 0);
    assert_int_equal(km_commitment_commit(net, ta, "2024-01-01", NULL), 0);
    assert_int_equal(cf_tx(net, ta, KM_LEDGER_DISBURSEMENT, 12, NULL, "2024-02-01", 0, NULL), 0);

    /* Per currency without a hook: four rows (IDR, JPY, USD, expert-days). */
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_count(t), 4);
    assert_string_equal(km_totals_unit(t, 0), "IDR");
    assert_string_equal(km_totals_unit(t, 1), "JPY");
    assert_string_equal(km_totals_unit(t, 2), "USD");
    assert_string_equal(km_totals_unit(t, 3), "expert-days");
    assert_int_equal(km_totals_is_money(t, 3), 0);
    assert_true(km_totals_figure(t, 3, KM_FIGURE_DISBURSED) == 12);
    assert_int_equal(km_totals_rate_count(t), 0);
    assert_null(km_totals_rate_date(t));
    km_totals_free(t);

    /* Everything in IDR: quantities valued pro rata, other currencies by the
     * hook, each figure converted once and rounded half up:
     *   USD committed 1,000.00 x 15500          = Rp15.500.000,00 = 1550000000
     *   USD disbursed   333.33 x 15500          = Rp 5.166.615,00 =  516661500
     *   JPY committed 10,000  x 103.5           = Rp 1.035.000,00 =  103500000
     *   JPY disbursed      7  x 103.5 = 724.50  -> 72450 minor
     *   expert-days committed 40 of 40 -> Rp80.000,00 = 8000000;
     *   disbursed 12 of 40 -> 8000000 x 12 / 40 = 2400000. */
    q.currency = "IDR";
    q.rate = rate_fn;
    q.rate_payload = &r;
    q.value_quantities = 1;
    q.as_of_date = "2024-06-30";
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_count(t), 1);
    assert_string_equal(km_totals_unit(t, 0), "IDR");
    assert_int_equal(km_totals_commitments(t, 0), 4);
    assert_true(km_totals_figure(t, 0, KM_FIGURE_COMMITTED) == 100000000 + 1550000000 + 103500000 + 8000000);
    assert_true(km_totals_figure(t, 0, KM_FIGURE_DISBURSED) == 25000000 + 516661500 + 72450 + 2400000);
    assert_int_equal(km_totals_rate_count(t), 2);
    assert_int_equal(km_totals_rate(t, 0, &from, &num, &den), 0);
    assert_string_equal(from, "JPY");
    assert_true(num == 1035 && den == 10);
    assert_int_equal(km_totals_rate(t, 1, &from, &num, &den), 0);
    assert_string_equal(from, "USD");
    assert_true(num == 15500 && den == 1);
    assert_int_equal(km_totals_rate(t, 2, &from, &num, &den), KM_EINVAL);
    assert_null(from);
    assert_string_equal(km_totals_rate_date(t), "2024-06-30");
    assert_string_equal(r.last_date, "2024-06-30");
    assert_int_equal(r.calls, 2); /* one call per currency, not per row */
    km_totals_free(t);

    /* Per kind in USD: half up on IDR -> USD (1/15500). Grants: IDR
     * 100000000 / 15500 = 6451.61 -> 6452 cents, plus USD 100000. */
    q.currency = "USD";
    q.group_by = KM_GROUP_KIND;
    q.value_quantities = 0;
    r.calls = 0;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_ENOTFOUND); /* no JPY -> USD rate */
    assert_string_equal(km_error_last_field(), "query.rate");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "JPY to USD"));
    assert_null(t);
    q.kind = KM_COMMITMENT_GRANT;
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_count(t), 1);
    assert_true(km_totals_figure(t, 0, KM_FIGURE_COMMITTED) == 100000 + 6452);
    /* disbursed: 25000000 / 15500 = 1612.90 -> 1613, plus 33333 */
    assert_true(km_totals_figure(t, 0, KM_FIGURE_DISBURSED) == 33333 + 1613);
    {
        /* absorption = 34946 / 106452 = 32.83% -> 3283 bp */
        int64_t an = 0, ad = 0;
        assert_int_equal(km_totals_absorption(t, 0, &an, &ad), 3283);
        assert_true(an == 34946 && ad == 106452);
    }
    km_totals_free(t);
    /* Same currency needs no hook; no hook with other currencies fails. */
    q.rate = NULL;
    q.currency = "JPY";
    q.kind = KM_COMMITMENT_EQUITY;
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_rate_count(t), 0);
    km_totals_free(t);
    q.kind = -1;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_ENOTFOUND);
    /* A hook that gives a non-positive rate is refused. */
    q.rate = rate_fn;
    q.currency = "IDR";
    r.broken = 1;
    assert_int_equal(km_commitment_totals(&t, net, &q), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "query.rate");
    r.broken = 0;
    /* Without an as-of date the rate date is the clock's day in WIB
     * (2023-11-14 22:13 UTC is the 15th in WIB). */
    q.as_of_date = NULL;
    q.group_by = KM_GROUP_NONE;
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_string_equal(km_totals_rate_date(t), "2023-11-15");
    km_totals_free(t);
    km_network_close(net);
}

static void test_absorption(void **state)
{
    uint64_t ag, id;
    km_network *net = open_cf(&ag);
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    km_totals *t = NULL;
    int64_t num = -1, den = -1;
    (void)state;
    id = cf_money(net, ag, KM_COMMITMENT_GRANT, 30000, "IDR");
    q.agreement_id = ag;
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_absorption(t, 0, &num, &den), -1); /* nothing committed */
    assert_true(num == 0 && den == 0);
    km_totals_free(t);
    assert_int_equal(km_commitment_commit(net, id, "2024-01-01", NULL), 0);
    /* 10000 / 30000 = 33.333% -> 3333 bp; 20000 / 30000 = 66.667% -> 6667. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10000, "IDR", "2024-02-01", 0, NULL), 0);
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_absorption(t, 0, &num, &den), 3333);
    km_totals_free(t);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 10000, "IDR", "2024-03-01", 0, NULL), 0);
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_absorption(t, 0, NULL, NULL), 6667);
    assert_int_equal(km_totals_absorption(t, 1, NULL, NULL), -1);
    assert_true(km_totals_figure(t, 0, 99) == 0);
    km_totals_free(t);
    /* Half up exactly: 1 / 20000 = 0.5 bp -> 1 bp. */
    id = cf_money(net, ag, KM_COMMITMENT_GRANT, 20000, "USD");
    assert_int_equal(km_commitment_commit(net, id, "2024-01-01", NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 1, "USD", "2024-02-01", 0, NULL), 0);
    q.commitment_id = id;
    assert_int_equal(km_commitment_totals(&t, net, &q), 0);
    assert_int_equal(km_totals_absorption(t, 0, NULL, NULL), 1);
    km_totals_free(t);
    km_network_close(net);
}

static void test_unscheduled_and_delay(void **state)
{
    uint64_t ag, a, b, tx, ag2;
    km_network *net = open_cf(&ag);
    km_ledger *l = NULL;
    km_disbursement_delay d = KM_DISBURSEMENT_DELAY_INIT;
    (void)state;
    a = cf_money(net, ag, KM_COMMITMENT_GRANT, 400, "IDR");
    assert_int_equal(cf_tranche(net, a, "2024-03-01", 100, NULL), 0);
    assert_int_equal(cf_tranche(net, a, "2024-06-01", 100, NULL), 0);
    assert_int_equal(cf_tranche(net, a, "2024-09-01", 100, NULL), 0);
    assert_int_equal(km_commitment_commit(net, a, "2024-01-01", NULL), 0);
    /* T1 met late on 03-20 (19 days); T2 early on 05-25 (0); T3 never. */
    assert_int_equal(cf_tx(net, a, KM_LEDGER_DISBURSEMENT, 50, "IDR", "2024-03-10", 1, NULL), 0);
    assert_int_equal(cf_tx(net, a, KM_LEDGER_REIMBURSEMENT, 50, "IDR", "2024-03-20", 1, NULL), 0);
    assert_int_equal(cf_tx(net, a, KM_LEDGER_DISBURSEMENT, 100, "IDR", "2024-05-25", 2, NULL), 0);
    /* Unscheduled: no tranche named. One of them reversed. */
    assert_int_equal(cf_tx(net, a, KM_LEDGER_DISBURSEMENT, 30, "IDR", "2024-04-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, a, KM_LEDGER_DISBURSEMENT, 20, "IDR", "2024-04-02", 0, &tx), 0);
    assert_int_equal(km_ledger_reverse(NULL, net, tx, "ganda"), 0);
    assert_int_equal(cf_tx(net, a, KM_LEDGER_REIMBURSEMENT, 10, "IDR", "2024-08-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, a, KM_LEDGER_EXPENDITURE, 10, "IDR", "2024-08-01", 0, NULL), 0);
    ag2 = cf_agreement(net, "PKS/L/2");
    b = cf_money(net, ag2, KM_COMMITMENT_GRANT, 100, "IDR");
    assert_int_equal(km_commitment_commit(net, b, "2024-01-01", NULL), 0);
    assert_int_equal(cf_tx(net, b, KM_LEDGER_DISBURSEMENT, 5, "IDR", "2024-02-01", 0, NULL), 0);
    assert_int_equal(km_ledger_unscheduled(&l, net, ag, NULL), 0);
    assert_int_equal(km_ledger_count(l), 2);
    assert_true(km_ledger_amount(l, 0) == 30);
    assert_true(km_ledger_amount(l, 1) == 10);
    assert_int_equal(km_ledger_type_of(l, 1), KM_LEDGER_REIMBURSEMENT);
    km_ledger_free(l);
    assert_int_equal(km_ledger_unscheduled(&l, net, ag, "2024-07-31"), 0);
    assert_int_equal(km_ledger_count(l), 1);
    km_ledger_free(l);
    assert_int_equal(km_ledger_unscheduled(&l, net, 0, NULL), 0);
    assert_int_equal(km_ledger_count(l), 3);
    assert_int_equal(km_ledger_commitment(l, 2), b);
    km_ledger_free(l);
    assert_int_equal(km_ledger_unscheduled(&l, net, 99, NULL), KM_ENOTFOUND);
    assert_int_equal(km_ledger_unscheduled(&l, net, 0, "x"), KM_EINVAL);
    /* Delay as of 2024-10-01: due 3, met 2, delays 19 and 0 -> average
     * 9.5 rounded half up to 10, max 19; T3 overdue 30 days. */
    assert_int_equal(km_disbursement_delay_get(&d, net, ag, "2024-10-01"), 0);
    assert_int_equal(d.tranches_due, 3);
    assert_int_equal(d.tranches_met, 2);
    assert_true(d.delay_days_total == 19);
    assert_true(d.delay_days_average == 10);
    assert_true(d.delay_days_max == 19);
    assert_int_equal(d.tranches_overdue, 1);
    assert_true(d.overdue_days_max == 30);
    /* As of 2024-03-15: T1 due and 14 days overdue; nothing met yet. */
    assert_int_equal(km_disbursement_delay_get(&d, net, ag, "2024-03-15"), 0);
    assert_int_equal(d.tranches_due, 1);
    assert_int_equal(d.tranches_met, 0);
    assert_true(d.delay_days_average == 0);
    assert_int_equal(d.tranches_overdue, 1);
    assert_true(d.overdue_days_max == 14);
    /* As of 2024-05-31: T2 met early though not due yet. */
    assert_int_equal(km_disbursement_delay_get(&d, net, 0, "2024-05-31"), 0);
    assert_int_equal(d.tranches_due, 1);
    assert_int_equal(d.tranches_met, 2);
    assert_int_equal(d.tranches_overdue, 0);
    assert_int_equal(km_disbursement_delay_get(&d, net, 99, "2024-05-31"), KM_ENOTFOUND);
    assert_int_equal(km_disbursement_delay_get(&d, net, 0, NULL), KM_EINVAL);
    d.version = 0;
    assert_int_equal(km_disbursement_delay_get(&d, net, 0, "2024-05-31"), KM_EVERSION);
    assert_int_equal(km_disbursement_delay_get(NULL, net, 0, "2024-05-31"), KM_EINVAL);
    km_network_close(net);
}

/* ---- out of memory ---- */

static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    long n;
    for (n = 1; n < 100000; n++) {
        uint64_t seq = km_network_seq(net);
        int64_t d = cf_figure(net, 1, KM_FIGURE_DISBURSED);
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0) return;
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        assert_int_equal(km_network_seq(net), seq);
        assert_true(cf_figure(net, 1, KM_FIGURE_DISBURSED) == d);
    }
    fail_msg("never succeeded");
}

static int op_tx(km_network *net, int type)
{
    return cf_tx(net, 1, type, 1000, "IDR", "2024-02-01", 0, NULL);
}
static int op_reverse(km_network *net, int tx) { return km_ledger_reverse(NULL, net, (uint64_t)tx, "koreksi"); }
static int op_totals(km_network *net, int g)
{
    km_totals *t = NULL;
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    rates r;
    int rc;
    memset(&r, 0, sizeof r);
    q.group_by = g;
    q.currency = "IDR";
    q.rate = rate_fn;
    q.rate_payload = &r;
    rc = km_commitment_totals(&t, net, &q);
    km_totals_free(t);
    return rc;
}
static int op_lists(km_network *net, int i)
{
    km_ledger *l = NULL, *u = NULL, *g = NULL;
    int rc;
    (void)i;
    rc = km_ledger_list(&l, net, 1);
    if (!rc) rc = km_ledger_unscheduled(&u, net, 0, NULL);
    if (!rc) rc = km_ledger_get(&g, net, 2);
    km_ledger_free(l);
    km_ledger_free(u);
    km_ledger_free(g);
    return rc;
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    uint64_t ag;
    (void)state;
    km_test_alloc_init(&ta);
    net = fx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    fx_partners(net);
    ag = cf_agreement(net, "OOM/L");
    (void)cf_money(net, ag, KM_COMMITMENT_GRANT, 100000, "IDR");
    (void)cf_money(net, ag, KM_COMMITMENT_GRANT, 100000, "USD");
    assert_int_equal(km_commitment_commit(net, 2, "2024-01-01", NULL), 0);
    oom_loop(&ta, net, op_tx, KM_LEDGER_PLEDGE);     /* tx 1 */
    oom_loop(&ta, net, op_tx, KM_LEDGER_COMMITMENT); /* tx 2 */
    oom_loop(&ta, net, op_tx, KM_LEDGER_DISBURSEMENT);
    oom_loop(&ta, net, op_reverse, 4);
    oom_loop(&ta, net, op_tx, KM_LEDGER_REIMBURSEMENT);
    oom_loop(&ta, net, op_tx, KM_LEDGER_EXPENDITURE);
    oom_loop(&ta, net, op_totals, KM_GROUP_NONE);
    oom_loop(&ta, net, op_totals, KM_GROUP_COMMITMENT);
    oom_loop(&ta, net, op_lists, 0);
    assert_int_equal(cf_status(net, 1), KM_COMMITMENT_FULLY_DISBURSED);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invariants),
        cmocka_unit_test(test_reversal_chains),
        cmocka_unit_test(test_totals_as_of),
        cmocka_unit_test(test_exchange_rates),
        cmocka_unit_test(test_absorption),
        cmocka_unit_test(test_unscheduled_and_delay),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
