/* Views of the network as graphs (include/kemitraan/view.h): edges and
 * weights as of dates, filters, vertex selection, the bipartite mapping,
 * resource-flow directions and amounts, groupings, measures compared with
 * the same graph built by hand, time travel, no log entries, OOM loop. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "view_fixture.h"
#include "support/failalloc.h"

/* Edge list of a view as "s-d:w" joined by spaces, in partner ids
 * (agreement vertices of a bipartite view as "aN"). */
static void edges_text(char *out, size_t cap, const km_view *v)
{
    const km_graph *g = km_view_graph(v);
    uint64_t m = km_graph_edge_count(g), i;
    uint32_t src[64], dst[64];
    double w[64];
    size_t len = 0;
    assert_true(m <= 64);
    assert_int_equal(km_graph_edges(src, dst, w, 64, g), 0);
    out[0] = '\0';
    for (i = 0; i < m; i++) {
        char a[32], b[32];
        uint64_t pa = km_view_partner_id(v, src[i]), pb = km_view_partner_id(v, dst[i]);
        if (pa) snprintf(a, sizeof a, "%llu", (unsigned long long)pa);
        else snprintf(a, sizeof a, "a%llu", (unsigned long long)km_view_agreement_id(v, src[i]));
        if (pb) snprintf(b, sizeof b, "%llu", (unsigned long long)pb);
        else snprintf(b, sizeof b, "a%llu", (unsigned long long)km_view_agreement_id(v, dst[i]));
        len += (size_t)snprintf(out + len, cap - len, "%s%s-%s:%g", i ? " " : "", a, b, w[i]);
        assert_true(len < cap);
    }
}

static void expect_edges(km_network *net, const km_view_options *o, const char *want)
{
    km_view *v = NULL;
    char got[1024];
    int rc = km_view_build(&v, net, o);
    if (rc) fprintf(stderr, "view: %s\n", km_error_last_message(KM_LANG_EN));
    assert_int_equal(rc, 0);
    edges_text(got, sizeof got, v);
    if (strcmp(got, want) != 0) fprintf(stderr, "want [%s]\n got [%s]\n", want, got);
    assert_string_equal(got, want);
    km_view_free(v);
}

static void test_coagreement_dates(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    (void)state;
    vf_build(net);
    o.as_of = "2024-06-01";
    expect_edges(net, &o, "1-2:1 4-5:1");
    o.as_of = "2025-06-01";
    expect_edges(net, &o, "1-2:2 2-3:1 2-4:1 3-4:1 4-5:1");
    o.as_of = "2026-06-01";
    expect_edges(net, &o, "1-2:1 4-5:1");
    o.as_of = "2023-06-01"; /* a3 is a draft: never active */
    expect_edges(net, &o, "");
    /* value weights in one currency: a4 (USD) leaves out 4-5 */
    o.as_of = "2025-06-01";
    o.weight = KM_VIEW_WEIGHT_VALUE;
    o.currency = "IDR";
    expect_edges(net, &o, "1-2:130 2-3:50 2-4:50 3-4:50");
    o.currency = "USD";
    expect_edges(net, &o, "4-5:7");
    /* every partner is a vertex, in id order */
    o = (km_view_options)KM_VIEW_OPTIONS_INIT;
    o.as_of = "2024-06-01";
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_int_equal(km_view_kind_of(v), KM_VIEW_COAGREEMENT);
    assert_string_equal(km_view_as_of(v), "2024-06-01");
    assert_int_equal(km_graph_vertex_count(km_view_graph(v)), 6);
    assert_int_equal(km_view_partner_count(v), 6);
    assert_int_equal(km_view_agreement_count(v), 2);
    assert_false(km_graph_is_directed(km_view_graph(v)));
    assert_int_equal(km_view_partner_id(v, 5), 6);
    assert_int_equal(km_view_partner_id(v, 6), 0);
    assert_int_equal(km_view_agreement_id(v, 0), 0);
    km_view_free(v);
    km_network_close(net);
}

static void test_coagreement_filters(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    (void)state;
    vf_build(net);
    o.as_of = "2025-06-01";
    o.type = KM_AGREEMENT_PPP;
    expect_edges(net, &o, "1-2:1");
    o.type = KM_AGREEMENT_COOPERATION;
    expect_edges(net, &o, "1-2:1 2-3:1 2-4:1 3-4:1");
    o.type = -1;
    o.family = KM_FAMILY_INTERNATIONAL;
    expect_edges(net, &o, "4-5:1");
    o.family = -1;
    o.region_prefix = "32.04";
    expect_edges(net, &o, "2-3:1 2-4:1 3-4:1");
    o.region_prefix = "32";
    expect_edges(net, &o, "1-2:2 2-3:1 2-4:1 3-4:1");
    o.region_prefix = NULL;
    o.framework_id = 99; /* no agreement under it */
    expect_edges(net, &o, "");
    o.framework_id = 0;
    /* statuses, without the active-on-date rule */
    o.active_only = 0;
    o.status_mask = KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_DRAFT);
    expect_edges(net, &o, "1-3:1");
    o.status_mask = 0;
    expect_edges(net, &o, "1-2:2 1-3:1 2-3:1 2-4:1 3-4:1 4-5:1");
    o.active_only = 1;
    o.status_mask = KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_DRAFT);
    expect_edges(net, &o, "");
    km_network_close(net);
}

static void test_vertices_involved(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    uint32_t x = 0;
    (void)state;
    vf_build(net);
    o.as_of = "2024-06-01";
    o.vertices = KM_VIEW_VERTICES_INVOLVED;
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_int_equal(km_view_partner_count(v), 4);
    assert_int_equal(km_view_partner_id(v, 0), 1);
    assert_int_equal(km_view_partner_id(v, 1), 2);
    assert_int_equal(km_view_partner_id(v, 2), 4);
    assert_int_equal(km_view_partner_id(v, 3), 5);
    assert_int_equal(km_view_partner_vertex(&x, v, 5), 0);
    assert_int_equal(x, 3);
    assert_int_equal(km_view_partner_vertex(&x, v, 3), KM_ENOTFOUND);
    assert_int_equal(km_view_partner_vertex(NULL, v, 3), KM_EINVAL);
    assert_int_equal(km_view_agreement_vertex(&x, v, 1), KM_ENOTFOUND);
    km_view_free(v);
    expect_edges(net, &o, "1-2:1 4-5:1");
    km_network_close(net);
}

static void test_bipartite(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    vf_ids ids;
    uint32_t x = 0;
    int32_t groups[16];
    (void)state;
    ids = vf_build(net);
    o.kind = KM_VIEW_BIPARTITE;
    o.as_of = "2025-06-01";
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_int_equal(km_view_partner_count(v), 6);
    assert_int_equal(km_view_agreement_count(v), 4);
    assert_int_equal(km_graph_vertex_count(km_view_graph(v)), 10);
    assert_false(km_graph_is_weighted(km_view_graph(v)));
    assert_int_equal(km_view_agreement_id(v, 6), ids.a1);
    assert_int_equal(km_view_agreement_id(v, 7), ids.a2);
    assert_int_equal(km_view_agreement_id(v, 8), ids.a4);
    assert_int_equal(km_view_agreement_id(v, 9), ids.a5);
    assert_int_equal(km_view_agreement_id(v, 10), 0);
    assert_int_equal(km_view_partner_id(v, 6), 0);
    assert_int_equal(km_view_agreement_vertex(&x, v, ids.a4), 0);
    assert_int_equal(x, 8);
    assert_int_equal(km_view_agreement_vertex(&x, v, ids.a3), KM_ENOTFOUND);
    assert_int_equal(km_view_groups(groups, 16, v, KM_VIEW_GROUP_KIND, 0), 0);
    assert_int_equal(groups[0], KM_PARTNER_REGIONAL_GOVERNMENT);
    assert_int_equal(groups[6], -2);
    km_view_free(v);
    expect_edges(net, &o, "1-a1:1 1-a5:1 2-a1:1 2-a2:1 2-a5:1 3-a2:1 4-a2:1 4-a4:1 5-a4:1");
    o.vertices = KM_VIEW_VERTICES_INVOLVED;
    o.as_of = "2024-06-01";
    expect_edges(net, &o, "1-a1:1 2-a1:1 4-a4:1 5-a4:1");
    km_network_close(net);
}

static uint64_t flow_commitment(km_network *net, uint64_t ag, uint64_t from, uint64_t to, const char *ccy)
{
    km_commitment_fields f = KM_COMMITMENT_FIELDS_INIT;
    uint64_t id = 0;
    f.agreement_id = ag;
    f.provider_id = from;
    f.recipient_id = to;
    f.kind = KM_COMMITMENT_GRANT;
    f.title = "Hibah";
    f.amount = 100000;
    f.currency = ccy;
    if (km_commitment_create(&id, net, &f) != 0) vf_die("commitment");
    return id;
}

static void ledger(km_network *net, uint64_t id, int type, int64_t amount, const char *ccy, const char *date)
{
    km_ledger_fields f = KM_LEDGER_FIELDS_INIT;
    f.type = type;
    f.amount = amount;
    f.currency = ccy;
    f.value_date = date;
    if (km_ledger_record(NULL, net, id, &f) != 0) vf_die("ledger");
}

static void test_resource_flow(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    vf_ids ids;
    uint64_t c1, c2, c3, c4;
    (void)state;
    ids = vf_build(net);
    c1 = flow_commitment(net, ids.a1, VF_GOV, VF_BIZ, "IDR");
    ledger(net, c1, KM_LEDGER_COMMITMENT, 1000, "IDR", "2025-02-01");
    ledger(net, c1, KM_LEDGER_DISBURSEMENT, 400, "IDR", "2025-03-01");
    c2 = flow_commitment(net, ids.a2, VF_BIZ, VF_NGO, "IDR");
    ledger(net, c2, KM_LEDGER_COMMITMENT, 200, "IDR", "2025-05-01");
    c3 = flow_commitment(net, ids.a2, VF_NGO, VF_COM, "USD"); /* other currency */
    ledger(net, c3, KM_LEDGER_COMMITMENT, 300, "USD", "2025-05-01");
    c4 = flow_commitment(net, ids.a5, VF_BIZ, VF_GOV, "IDR"); /* the other direction, then cancelled */
    ledger(net, c4, KM_LEDGER_COMMITMENT, 50, "IDR", "2025-05-01");
    assert_int_equal(km_commitment_cancel(net, c4, "batal"), 0);
    o.kind = KM_VIEW_RESOURCE_FLOW;
    o.currency = "IDR";
    o.as_of = "2025-04-01";
    expect_edges(net, &o, "1-2:1000");
    o.as_of = "2025-06-01";
    expect_edges(net, &o, "1-2:1000 2-3:200");
    o.flow = KM_VIEW_FLOW_DISBURSED;
    expect_edges(net, &o, "1-2:400");
    o.flow = KM_VIEW_FLOW_COMMITTED;
    o.currency = "USD";
    expect_edges(net, &o, "3-4:300");
    o.currency = "IDR";
    o.type = KM_AGREEMENT_PPP;
    expect_edges(net, &o, "1-2:1000");
    o.type = -1;
    o.as_of = "2027-06-01"; /* a2 no longer active: its flows leave the active view ... */
    expect_edges(net, &o, "");
    o.active_only = 0; /* ... but stay in the cumulative one */
    expect_edges(net, &o, "1-2:1000 2-3:200");
    o.vertices = KM_VIEW_VERTICES_INVOLVED;
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_true(km_graph_is_directed(km_view_graph(v)));
    assert_int_equal(km_view_partner_count(v), 3);
    assert_int_equal(km_view_partner_id(v, 2), 3);
    km_view_free(v);
    /* currency is required */
    o.currency = NULL;
    assert_int_equal(km_view_build(&v, net, &o), KM_EINVAL);
    assert_null(v);
    km_network_close(net);
}

static void test_measures_agree(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    km_graph *h = NULL;
    /* 2025-06-01 by hand, vertices = partner ids - 1 */
    static const uint32_t src[] = { 0, 0, 1, 1, 2, 3 }, dst[] = { 1, 1, 2, 3, 3, 4 };
    static const double w[] = { 1, 1, 1, 1, 1, 1 };
    double a[6], b[6];
    uint64_t br1[30], br2[30];
    int32_t g[6];
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    int i;
    (void)state;
    vf_build(net);
    o.as_of = "2025-06-01";
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_int_equal(km_graph_new(&h, 6, src, dst, w, 6, 0, NULL), 0);
    bo.threads = 1;
    assert_int_equal(km_graph_betweenness(a, 6, km_view_graph(v), &bo), 0);
    assert_int_equal(km_graph_betweenness(b, 6, h, &bo), 0);
    for (i = 0; i < 6; i++) assert_true(fabs(a[i] - b[i]) < 1e-12);
    assert_int_equal(km_graph_pagerank(a, 6, km_view_graph(v), NULL), 0);
    assert_int_equal(km_graph_pagerank(b, 6, h, NULL), 0);
    for (i = 0; i < 6; i++) assert_true(fabs(a[i] - b[i]) < 1e-12);
    assert_int_equal(km_graph_strength(a, 6, km_view_graph(v), KM_GRAPH_ALL), 0);
    assert_true(a[0] == 2.0 && a[1] == 4.0 && a[5] == 0.0);
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_KIND, 0), 0);
    assert_int_equal(km_graph_brokerage(br1, 30, km_view_graph(v), g, 6), 0);
    assert_int_equal(km_graph_brokerage(br2, 30, h, g, 6), 0);
    assert_memory_equal(br1, br2, sizeof br1);
    km_graph_free(h);
    km_view_free(v);
    km_network_close(net);
}

static void test_groups(void **state)
{
    km_network *net = vf_open(NULL);
    km_view *v = NULL;
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    int32_t g[6];
    (void)state;
    vf_build(net);
    o.as_of = "2025-06-01";
    assert_int_equal(km_view_build(&v, net, &o), 0);
    /* province: 32 -> 0, 33 -> 1; partner 6 has no region */
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_REGION, 1), 0);
    assert_int_equal(g[0], 0);
    assert_int_equal(g[1], 0);
    assert_int_equal(g[2], 0);
    assert_int_equal(g[3], 1);
    assert_int_equal(g[4], 0);
    assert_int_equal(g[5], -1);
    /* regency: 32.04 -> 0, 32.73 -> 1, 33.01 -> 2 */
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_REGION, 2), 0);
    assert_int_equal(g[0], 1);
    assert_int_equal(g[1], 1);
    assert_int_equal(g[2], 0);
    assert_int_equal(g[3], 2);
    assert_int_equal(g[4], 1);
    assert_int_equal(g[5], -1);
    /* district: only 2 and 5 have three segments */
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_REGION, 3), 0);
    assert_int_equal(g[0], -1);
    assert_int_equal(g[1], 0);
    assert_int_equal(g[4], 1);
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_KIND, 0), 0);
    assert_int_equal(g[3], KM_PARTNER_COMMUNITY);
    assert_int_equal(km_view_groups(g, 5, v, KM_VIEW_GROUP_KIND, 0), KM_EINVAL);
    assert_int_equal(km_view_groups(g, 6, v, 7, 0), KM_EINVAL);
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_REGION, 0), KM_EINVAL);
    assert_int_equal(km_view_groups(g, 6, v, KM_VIEW_GROUP_REGION, 5), KM_EINVAL);
    assert_int_equal(km_view_groups(NULL, 6, v, KM_VIEW_GROUP_KIND, 0), KM_EINVAL);
    assert_int_equal(km_view_groups(g, 6, NULL, KM_VIEW_GROUP_KIND, 0), KM_EINVAL);
    km_view_free(v);
    km_network_close(net);
}

static void test_errors(void **state)
{
    km_network *net = vf_open(NULL);
    km_view *v = (km_view *)&v;
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view_options bad;
    uint64_t seq;
    (void)state;
    vf_build(net);
    seq = km_network_seq(net);
    assert_int_equal(km_view_build(NULL, net, &o), KM_EINVAL);
    assert_int_equal(km_view_build(&v, NULL, &o), KM_EINVAL);
    assert_null(v);
#define BAD(field, value, code, name)                                            \
    do {                                                                         \
        bad = o;                                                                 \
        bad.field = value;                                                       \
        v = (km_view *)&v;                                                       \
        assert_int_equal(km_view_build(&v, net, &bad), code);                    \
        assert_null(v);                                                          \
        assert_string_equal(km_error_last_field(), name);                        \
    } while (0)
    BAD(version, 0, KM_EVERSION, "options.version");
    BAD(version, 99, KM_EVERSION, "options.version");
    BAD(kind, 3, KM_EINVAL, "options.kind");
    BAD(kind, -1, KM_EINVAL, "options.kind");
    BAD(as_of, "2025-02-30", KM_EINVAL, "options.as_of");
    BAD(as_of, "kemarin", KM_EINVAL, "options.as_of");
    BAD(family, 4, KM_EINVAL, "options.family");
    BAD(type, 11, KM_EINVAL, "options.type");
    BAD(type, -2, KM_EINVAL, "options.type");
    BAD(status_mask, 1u << 9, KM_EINVAL, "options.status_mask");
    BAD(vertices, 2, KM_EINVAL, "options.vertices");
    BAD(weight, 2, KM_EINVAL, "options.weight");
    BAD(flow, 2, KM_EINVAL, "options.flow");
    BAD(currency, "idr", KM_EINVAL, "options.currency");
    BAD(currency, "IDRX", KM_EINVAL, "options.currency");
    BAD(weight, KM_VIEW_WEIGHT_VALUE, KM_EINVAL, "options.currency");
    BAD(region_prefix, "3x", KM_EINVAL, "query.region_prefix");
#undef BAD
    /* NULL options: the defaults, on the network's clock day */
    assert_int_equal(km_view_build(&v, net, NULL), 0);
    assert_non_null(km_view_as_of(v));
    km_view_free(v);
    /* NULL-safe accessors */
    km_view_free(NULL);
    assert_null(km_view_graph(NULL));
    assert_int_equal(km_view_kind_of(NULL), -1);
    assert_string_equal(km_view_kind_label(KM_VIEW_RESOURCE_FLOW, KM_LANG_ID), "graf aliran dana (pemberi ke penerima)");
    assert_string_equal(km_view_kind_label(KM_VIEW_BIPARTITE, KM_LANG_EN), "bipartite partner-agreement graph");
    assert_string_equal(km_view_kind_label(KM_VIEW_KIND__COUNT, KM_LANG_EN), "?");
    assert_string_equal(km_view_kind_label(-1, KM_LANG_ID), "?");
    assert_null(km_view_as_of(NULL));
    assert_int_equal(km_view_partner_count(NULL), 0);
    assert_int_equal(km_view_agreement_count(NULL), 0);
    assert_int_equal(km_view_partner_id(NULL, 0), 0);
    assert_int_equal(km_view_agreement_id(NULL, 0), 0);
    /* reads write nothing */
    assert_int_equal(km_network_seq(net), seq);
    km_network_close(net);
}

static void test_time_travel(void **state)
{
    km_storage *st = NULL;
    km_network_options no = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *past = NULL;
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    uint64_t p12[2] = { 1, 2 }, seq;
    char got[256];
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    no.clock = vf_clock;
    no.actor = "admin:test";
    assert_int_equal(km_network_open(&net, st, &no), 0);
    vf_build(net);
    seq = km_network_seq(net);
    vf_agreement(net, "A6", KM_AGREEMENT_MOU, "32.73", "2025-01-01", "2025-12-31", 1, "IDR", p12, 2, 1);
    o.as_of = "2025-06-01";
    expect_edges(net, &o, "1-2:3 2-3:1 2-4:1 3-4:1 4-5:1");
    no.as_of_seq = seq;
    assert_int_equal(km_network_open(&past, st, &no), 0);
    expect_edges(past, &o, "1-2:2 2-3:1 2-4:1 3-4:1 4-5:1");
    /* the view outlives the network */
    assert_int_equal(km_view_build(&v, past, &o), 0);
    km_network_close(past);
    edges_text(got, sizeof got, v);
    assert_string_equal(got, "1-2:2 2-3:1 2-4:1 3-4:1 4-5:1");
    km_view_free(v);
    km_network_close(net);
    km_storage_free(st);
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_view_options opts[3] = { KM_VIEW_OPTIONS_INIT, KM_VIEW_OPTIONS_INIT, KM_VIEW_OPTIONS_INIT };
    vf_ids ids;
    uint64_t c1;
    int k;
    (void)state;
    km_test_alloc_init(&ta);
    net = vf_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    ids = vf_build(net);
    c1 = flow_commitment(net, ids.a1, VF_GOV, VF_BIZ, "IDR");
    ledger(net, c1, KM_LEDGER_COMMITMENT, 1000, "IDR", "2025-02-01");
    opts[0].as_of = "2025-06-01";
    opts[1].as_of = "2025-06-01";
    opts[1].kind = KM_VIEW_BIPARTITE;
    opts[1].vertices = KM_VIEW_VERTICES_INVOLVED;
    opts[2].as_of = "2025-06-01";
    opts[2].kind = KM_VIEW_RESOURCE_FLOW;
    opts[2].currency = "IDR";
    for (k = 0; k < 3; k++) {
        uint64_t seq = km_network_seq(net);
        long n, failures = 0;
        for (n = 1;; n++) {
            km_view *v = NULL;
            int rc;
            int32_t g[16];
            km_test_alloc_fail_at(&ta, n);
            rc = km_view_build(&v, net, &opts[k]);
            if (rc == 0) rc = km_view_groups(g, 16, v, KM_VIEW_GROUP_REGION, 2);
            failures = ta.failures;
            km_test_alloc_fail_at(&ta, -1);
            km_view_free(v);
            if (rc == 0 && failures == 0) break;
            assert_int_equal(rc == 0 ? KM_ENOMEM : rc, KM_ENOMEM);
            assert_int_equal(km_network_seq(net), seq);
        }
        assert_true(n > 1);
        expect_edges(net, &opts[k], k == 0 ? "1-2:2 2-3:1 2-4:1 3-4:1 4-5:1"
                                    : k == 1 ? "1-a1:1 1-a5:1 2-a1:1 2-a2:1 2-a5:1 3-a2:1 4-a2:1 4-a4:1 5-a4:1"
                                             : "1-2:1000");
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* More partners and agreements than one listing page (1000). */
static void test_pages(void **state)
{
    km_network *net = vf_open(NULL);
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    uint32_t i, deg[1002];
    (void)state;
    for (i = 1; i <= 1002; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[32], ext[32];
        snprintf(name, sizeof name, "Mitra %u", i);
        snprintf(ext, sizeof ext, "ID-TEST-%u", i);
        f.name = name;
        f.external_id = ext;
        f.kind = KM_PARTNER_NGO;
        assert_int_equal(km_partner_create(NULL, net, &f), 0);
    }
    for (i = 1; i <= 1001; i++) {
        uint64_t p[2];
        char ref[32];
        p[0] = i;
        p[1] = i + 1;
        snprintf(ref, sizeof ref, "P/%u", i);
        vf_agreement(net, ref, KM_AGREEMENT_MOU, NULL, "2025-01-01", NULL, 0, NULL, p, 2, 0);
    }
    o.active_only = 0;
    o.as_of = "2025-06-01";
    assert_int_equal(km_view_build(&v, net, &o), 0);
    assert_int_equal(km_view_partner_count(v), 1002);
    assert_int_equal(km_view_agreement_count(v), 1001);
    assert_int_equal(km_graph_edge_count(km_view_graph(v)), 1001);
    assert_int_equal(km_graph_degree(deg, 1002, km_view_graph(v), KM_GRAPH_ALL), 0);
    assert_int_equal(deg[0], 1);
    assert_int_equal(deg[1000], 2);
    assert_int_equal(deg[1001], 1);
    assert_int_equal(km_view_partner_id(v, 1001), 1002);
    km_view_free(v);
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coagreement_dates), cmocka_unit_test(test_coagreement_filters),
        cmocka_unit_test(test_vertices_involved), cmocka_unit_test(test_bipartite),
        cmocka_unit_test(test_resource_flow),     cmocka_unit_test(test_measures_agree),
        cmocka_unit_test(test_groups),            cmocka_unit_test(test_errors),
        cmocka_unit_test(test_time_travel),       cmocka_unit_test(test_oom),
        cmocka_unit_test(test_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
