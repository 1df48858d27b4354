/* Unit tests for the graph engine (include/kemitraan/graph.h): construction
 * (merging, self-loops, the sorted edge list), every measure on small graphs
 * whose values are worked out by hand in the comments (path, star, triangle,
 * two components with an isolated vertex, directed cycle), the
 * Gould-Fernandez roles on a hand-counted example, every error path, the
 * exporters' escaping, out-of-memory loops over construction and every
 * measure (with leak checks), and thread-count independence.
 * The comparison with NetworkX on standard graphs is tests/graph/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kemitraan/kemitraan.h>

#include "support/failalloc.h"

#define EPS 1e-12

static void assert_close(double got, double want)
{
    if (!(fabs(got - want) <= EPS * (1 + fabs(want)))) {
        print_error("got %.17g, want %.17g\n", got, want);
        fail();
    }
}

static void assert_all_close(const double *got, const double *want, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) assert_close(got[i], want[i]);
}

static km_graph *make(uint32_t n, const uint32_t *s, const uint32_t *d, const double *w, size_t e, int directed)
{
    km_graph *g = NULL;
    assert_int_equal(km_graph_new(&g, n, s, d, w, e, directed, NULL), 0);
    assert_non_null(g);
    return g;
}

/* Path 0-1-2-3. */
static const uint32_t path_s[] = { 0, 1, 2 }, path_d[] = { 1, 2, 3 };
/* Star: centre 0, leaves 1..4. */
static const uint32_t star_s[] = { 0, 0, 0, 0 }, star_d[] = { 1, 2, 3, 4 };
/* Triangle 0-1-2 plus edge 3-4; vertex 5 isolated. */
static const uint32_t two_s[] = { 0, 1, 2, 3 }, two_d[] = { 1, 2, 0, 4 };
/* Directed cycle 0->1->2->3->0. */
static const uint32_t cyc_s[] = { 0, 1, 2, 3 }, cyc_d[] = { 1, 2, 3, 0 };

/* ---- construction -------------------------------------------------------------- */

static void test_build_merge(void **state)
{
    /* Undirected: 1-0 repeats 0-1, 2-2 is a self-loop; weights sum. */
    const uint32_t s[] = { 0, 1, 2, 1, 3 }, d[] = { 1, 0, 2, 2, 1 };
    const double w[] = { 1.5, 2.0, 9.0, 1.0, 0.25 };
    uint32_t es[8], ed[8], deg[4];
    double ew[8], st[4];
    km_graph *g;
    (void)state;
    g = make(4, s, d, w, 5, 0);
    assert_int_equal(km_graph_vertex_count(g), 4);
    assert_int_equal(km_graph_edge_count(g), 3);
    assert_int_equal(km_graph_is_directed(g), 0);
    assert_int_equal(km_graph_is_weighted(g), 1);
    assert_int_equal(km_graph_edges(es, ed, ew, 8, g), 0);
    assert_int_equal(es[0], 0);
    assert_int_equal(ed[0], 1);
    assert_close(ew[0], 3.5);
    assert_int_equal(es[1], 1);
    assert_int_equal(ed[1], 2);
    assert_close(ew[1], 1.0);
    assert_int_equal(es[2], 1);
    assert_int_equal(ed[2], 3);
    assert_close(ew[2], 0.25);
    assert_int_equal(km_graph_degree(deg, 4, g, KM_GRAPH_ALL), 0);
    assert_int_equal(deg[0], 1);
    assert_int_equal(deg[1], 3);
    assert_int_equal(deg[2], 1);
    assert_int_equal(deg[3], 1);
    assert_int_equal(km_graph_strength(st, 4, g, KM_GRAPH_OUT), 0); /* mode ignored when undirected */
    assert_close(st[1], 4.75);
    km_graph_free(g);

    /* Directed: 0->1 and 1->0 are two arcs; 0->1 twice merges. */
    {
        const uint32_t ds[] = { 0, 1, 0, 2 }, dd[] = { 1, 0, 1, 0 };
        g = make(3, ds, dd, NULL, 4, 1);
        assert_int_equal(km_graph_edge_count(g), 3);
        assert_int_equal(km_graph_is_weighted(g), 0);
        assert_int_equal(km_graph_edges(es, ed, ew, 3, g), 0);
        assert_int_equal(es[0], 0);
        assert_int_equal(ed[0], 1);
        assert_close(ew[0], 1.0);
        assert_int_equal(es[1], 1);
        assert_int_equal(ed[1], 0);
        assert_int_equal(es[2], 2);
        assert_int_equal(ed[2], 0);
        assert_int_equal(km_graph_degree(deg, 3, g, KM_GRAPH_IN), 0);
        assert_int_equal(deg[0], 2);
        assert_int_equal(deg[1], 1);
        assert_int_equal(deg[2], 0);
        assert_int_equal(km_graph_degree(deg, 3, g, KM_GRAPH_OUT), 0);
        assert_int_equal(deg[0], 1);
        assert_int_equal(deg[2], 1);
        assert_int_equal(km_graph_degree(deg, 3, g, KM_GRAPH_ALL), 0);
        assert_int_equal(deg[0], 3);
        km_graph_free(g);
    }

    /* Empty graphs are fine, and every measure is a no-op on them. */
    assert_int_equal(km_graph_new(&g, 0, NULL, NULL, NULL, 0, 0, NULL), 0);
    assert_int_equal(km_graph_vertex_count(g), 0);
    {
        double x;
        uint32_t c = 99;
        assert_int_equal(km_graph_betweenness(NULL, 0, g, NULL), 0);
        assert_int_equal(km_graph_pagerank(NULL, 0, g, NULL), 0);
        assert_int_equal(km_graph_eigenvector(NULL, 0, g, NULL), 0);
        assert_int_equal(km_graph_components(NULL, 0, &c, g), 0);
        assert_int_equal(c, 0);
        assert_int_equal(km_graph_density(&x, g), 0);
        assert_close(x, 0);
        assert_int_equal(km_graph_average_clustering(&x, g, 0), 0);
        assert_close(x, 0);
        /* With no vertices there is nothing to write, so the outputs may
         * be NULL: no measure may touch them (not even memset(NULL, 0, 0),
         * which UBSan reports). */
        c = 99;
        assert_int_equal(km_graph_component_sizes(NULL, 0, &c, g), 0);
        assert_int_equal(c, 0);
        assert_int_equal(km_graph_edges(NULL, NULL, NULL, 0, g), 0);
        assert_int_equal(km_graph_degree(NULL, 0, g, KM_GRAPH_ALL), 0);
        assert_int_equal(km_graph_strength(NULL, 0, g, KM_GRAPH_ALL), 0);
        assert_int_equal(km_graph_clustering(NULL, 0, g, 0), 0);
        assert_int_equal(km_graph_transitivity(&x, g), 0);
        assert_close(x, 0);
        assert_int_equal(km_graph_core_number(NULL, 0, g), 0);
        assert_int_equal(km_graph_closeness(NULL, 0, g, NULL), 0);
        assert_int_equal(km_graph_harmonic(NULL, 0, g, NULL), 0);
        assert_int_equal(km_graph_constraint(NULL, 0, g, 0), 0);
        assert_int_equal(km_graph_brokerage(NULL, 0, g, NULL, 0), 0);
    }
    km_graph_free(g);

    /* NULL-safe accessors and free. */
    km_graph_free(NULL);
    assert_int_equal(km_graph_vertex_count(NULL), 0);
    assert_int_equal(km_graph_edge_count(NULL), 0);
    assert_int_equal(km_graph_is_directed(NULL), 0);
    assert_int_equal(km_graph_is_weighted(NULL), 0);
}

/* ---- hand-checked measures ------------------------------------------------------- */

static void test_path(void **state)
{
    km_graph *g = make(4, path_s, path_d, NULL, 3, 0);
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
    double x[4], d;
    uint32_t u[4], c;
    (void)state;
    /* Betweenness: 1 lies on 0-2 and 0-3, 2 on 0-3 and 1-3. Normalized
     * divides the ordered-pair count 4 by (n-1)(n-2) = 6. */
    bo.threads = 1;
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 0, 2, 2, 0 }, 4);
    bo.normalized = 1;
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 0, 4.0 / 6, 4.0 / 6, 0 }, 4);
    /* Closeness: 0 is at 1+2+3 = 6 from the others, 1 at 1+1+2 = 4. */
    assert_int_equal(km_graph_closeness(x, 4, g, &co), 0);
    assert_all_close(x, (const double[]){ 0.5, 0.75, 0.75, 0.5 }, 4);
    /* Harmonic: 1 + 1/2 + 1/3 and 1 + 1 + 1/2. */
    assert_int_equal(km_graph_harmonic(x, 4, g, &co), 0);
    assert_all_close(x, (const double[]){ 11.0 / 6, 2.5, 2.5, 11.0 / 6 }, 4);
    /* Density 3 / C(4,2); no triangles; every vertex in the 1-core. */
    assert_int_equal(km_graph_density(&d, g), 0);
    assert_close(d, 0.5);
    assert_int_equal(km_graph_clustering(x, 4, g, 0), 0);
    assert_all_close(x, (const double[]){ 0, 0, 0, 0 }, 4);
    assert_int_equal(km_graph_transitivity(&d, g), 0);
    assert_close(d, 0);
    assert_int_equal(km_graph_core_number(u, 4, g), 0);
    assert_int_equal(u[0], 1);
    assert_int_equal(u[1], 1);
    assert_int_equal(km_graph_components(u, 4, &c, g), 0);
    assert_int_equal(c, 1);
    /* Constraint: a leaf has one contact (1); vertex 1 splits its ties
     * over two contacts that do not know each other: 2 x 0.5^2. */
    assert_int_equal(km_graph_constraint(x, 4, g, 0), 0);
    assert_all_close(x, (const double[]){ 1, 0.5, 0.5, 1 }, 4);
    /* Eigenvector of P4: (1, phi, phi, 1) over sqrt(2 + 2 phi^2). */
    {
        km_eigenvector_options eo = KM_EIGENVECTOR_OPTIONS_INIT;
        double phi = (1 + sqrt(5.0)) / 2, nrm = sqrt(2 + 2 * phi * phi);
        assert_int_equal(km_graph_eigenvector(x, 4, g, &eo), 0);
        assert_true(fabs(x[0] - 1 / nrm) < 1e-10);
        assert_true(fabs(x[1] - phi / nrm) < 1e-10);
    }
    /* PageRank: symmetric, sums to 1, the middle ranks higher. */
    assert_int_equal(km_graph_pagerank(x, 4, g, NULL), 0);
    assert_close(x[0] + x[1] + x[2] + x[3], 1);
    assert_close(x[0], x[3]);
    assert_close(x[1], x[2]);
    assert_true(x[1] > x[0]);
    km_graph_free(g);
}

static void test_star(void **state)
{
    km_graph *g = make(5, star_s, star_d, NULL, 4, 0);
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    double x[5];
    uint32_t u[5];
    uint64_t r[25];
    /* Centre and leaves 1, 2 in group 7; leaves 3, 4 in group 9. */
    const int32_t groups[5] = { 7, 7, 7, 9, 9 };
    (void)state;
    /* The centre is on all C(4,2) = 6 leaf pairs; normalized 12 / (4 x 3). */
    assert_int_equal(km_graph_betweenness(x, 5, g, &bo), 0);
    assert_all_close(x, (const double[]){ 6, 0, 0, 0, 0 }, 5);
    bo.normalized = 1;
    assert_int_equal(km_graph_betweenness(x, 5, g, &bo), 0);
    assert_close(x[0], 1);
    /* Closeness: centre 4/4; a leaf 4/(1+2+2+2). */
    assert_int_equal(km_graph_closeness(x, 5, g, NULL), 0);
    assert_all_close(x, (const double[]){ 1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7 }, 5);
    /* Constraint: centre 4 x 0.25^2, leaves 1. */
    assert_int_equal(km_graph_constraint(x, 5, g, 0), 0);
    assert_all_close(x, (const double[]){ 0.25, 1, 1, 1, 1 }, 5);
    assert_int_equal(km_graph_core_number(u, 5, g), 0);
    assert_int_equal(u[0], 1);
    assert_int_equal(u[4], 1);
    /* Brokerage: the centre brokers all 12 ordered leaf pairs:
     * 1<->2 coordinator (2), 3<->4 itinerant (2), from {1,2} to {3,4}
     * representative (4), from {3,4} to {1,2} gatekeeper (4). */
    assert_int_equal(km_graph_brokerage(r, 25, g, groups, 5), 0);
    assert_int_equal(r[KM_BROKER_COORDINATOR], 2);
    assert_int_equal(r[KM_BROKER_ITINERANT], 2);
    assert_int_equal(r[KM_BROKER_GATEKEEPER], 4);
    assert_int_equal(r[KM_BROKER_REPRESENTATIVE], 4);
    assert_int_equal(r[KM_BROKER_LIAISON], 0);
    for (u[0] = 5; u[0] < 25; u[0]++) assert_int_equal(r[u[0]], 0);
    km_graph_free(g);
}

static void test_triangle_and_components(void **state)
{
    km_graph *g = make(6, two_s, two_d, NULL, 4, 0);
    double x[6], d;
    uint32_t u[6], c;
    uint64_t r[30];
    const int32_t groups[6] = { 0, 1, 2, 0, 1, 2 };
    (void)state;
    assert_int_equal(km_graph_components(u, 6, &c, g), 0);
    assert_int_equal(c, 3);
    assert_int_equal(u[0], 0);
    assert_int_equal(u[2], 0);
    assert_int_equal(u[3], 1);
    assert_int_equal(u[4], 1);
    assert_int_equal(u[5], 2);
    assert_int_equal(km_graph_component_sizes(u, 6, &c, g), 0);
    assert_int_equal(c, 3);
    assert_int_equal(u[0], 3);
    assert_int_equal(u[1], 2);
    assert_int_equal(u[2], 1);
    /* Density 4 / C(6,2). Triangle vertices have clustering 1, the rest 0:
     * average 3/6; transitivity 3 x 1 triangle / 3 triples = 1. */
    assert_int_equal(km_graph_density(&d, g), 0);
    assert_close(d, 4.0 / 15);
    assert_int_equal(km_graph_clustering(x, 6, g, 0), 0);
    assert_all_close(x, (const double[]){ 1, 1, 1, 0, 0, 0 }, 6);
    assert_int_equal(km_graph_average_clustering(&d, g, 0), 0);
    assert_close(d, 0.5);
    assert_int_equal(km_graph_transitivity(&d, g), 0);
    assert_close(d, 1);
    assert_int_equal(km_graph_core_number(u, 6, g), 0);
    assert_int_equal(u[0], 2);
    assert_int_equal(u[3], 1);
    assert_int_equal(u[5], 0);
    /* Closeness with wf_improved: 0 reaches 2 others at total distance 2,
     * (2/2) x (2/5); 3 reaches one: (1/1) x (1/5); 5 nothing. */
    assert_int_equal(km_graph_closeness(x, 6, g, NULL), 0);
    assert_all_close(x, (const double[]){ 0.4, 0.4, 0.4, 0.2, 0.2, 0 }, 6);
    /* Constraint: triangle (0.5 + 0.5 x 0.5)^2 x 2 = 1.125; edge ends 1;
     * the isolated vertex NaN. */
    assert_int_equal(km_graph_constraint(x, 6, g, 0), 0);
    assert_all_close(x, (const double[]){ 1.125, 1.125, 1.125, 1, 1 }, 5);
    assert_true(isnan(x[5]));
    /* No open two-paths anywhere. */
    assert_int_equal(km_graph_brokerage(r, 30, g, groups, 6), 0);
    for (c = 0; c < 30; c++) assert_int_equal(r[c], 0);
    /* Eigenvector: the triangle's component dominates; the edge's share
     * decays as (2/3)^k and the isolated vertex's as (1/3)^k. */
    {
        km_eigenvector_options eo = KM_EIGENVECTOR_OPTIONS_INIT;
        eo.max_iter = 10000;
        eo.tolerance = 1e-15;
        assert_int_equal(km_graph_eigenvector(x, 6, g, &eo), 0);
        assert_true(fabs(x[0] - 1 / sqrt(3.0)) < 1e-10);
        assert_true(x[3] < 1e-10 && x[5] < 1e-10);
    }
    km_graph_free(g);
}

static void test_directed_cycle(void **state)
{
    km_graph *g = make(4, cyc_s, cyc_d, NULL, 4, 1);
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    double x[4];
    uint32_t u[4], c;
    uint64_t r[20];
    const int32_t groups[4] = { 1, 1, 2, 2 };
    (void)state;
    /* Each vertex is inside one path of length 2 and two of length 3:
     * 3 = (n-1)(n-2)/2; normalized 3/6. */
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 3, 3, 3, 3 }, 4);
    bo.normalized = 1;
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 0.5, 0.5, 0.5, 0.5 }, 4);
    /* Distances towards a vertex: 1, 2, 3. */
    assert_int_equal(km_graph_closeness(x, 4, g, NULL), 0);
    assert_all_close(x, (const double[]){ 0.5, 0.5, 0.5, 0.5 }, 4);
    assert_int_equal(km_graph_pagerank(x, 4, g, NULL), 0);
    assert_all_close(x, (const double[]){ 0.25, 0.25, 0.25, 0.25 }, 4);
    assert_int_equal(km_graph_components(u, 4, &c, g), 0);
    assert_int_equal(c, 1);
    /* In + out degree 2 everywhere: the whole cycle is the 2-core. */
    assert_int_equal(km_graph_core_number(u, 4, g), 0);
    assert_int_equal(u[0], 2);
    assert_int_equal(u[3], 2);
    /* Brokerage: b brokers (b-1) -> b -> (b+1) only.
     * 3->0->1: groups 2,1,1: gatekeeper.  0->1->2: 1,1,2: representative.
     * 1->2->3: 1,2,2: gatekeeper.         2->3->0: 2,2,1: representative. */
    assert_int_equal(km_graph_brokerage(r, 20, g, groups, 4), 0);
    assert_int_equal(r[0 * 5 + KM_BROKER_GATEKEEPER], 1);
    assert_int_equal(r[1 * 5 + KM_BROKER_REPRESENTATIVE], 1);
    assert_int_equal(r[2 * 5 + KM_BROKER_GATEKEEPER], 1);
    assert_int_equal(r[3 * 5 + KM_BROKER_REPRESENTATIVE], 1);
    {
        uint64_t total = 0;
        for (c = 0; c < 20; c++) total += r[c];
        assert_int_equal(total, 4);
    }
    /* Density m / (n(n-1)) = 4/12. */
    {
        double d;
        assert_int_equal(km_graph_density(&d, g), 0);
        assert_close(d, 1.0 / 3);
    }
    km_graph_free(g);
}

/* Gould-Fernandez on a directed example where every role occurs once.
 * Broker 0 (group A) with arcs in from 1 (A), 2 (B), 3 (C) and out to
 * 4 (A), 5 (B), 6 (C). The nine two-paths x -> 0 -> y:
 *   1->0->4 A A A coordinator      2->0->5 B A B itinerant
 *   2->0->4 B A A gatekeeper       1->0->5 A A B representative
 *   1->0->6 A A C representative   2->0->6 B A C liaison
 *   3->0->4 C A A gatekeeper       3->0->5 C A B liaison
 *   3->0->6 C A C itinerant
 * The arc 3->6 closes the last one, so it does not count. */
static void test_brokerage_roles(void **state)
{
    const uint32_t s[] = { 1, 2, 3, 0, 0, 0, 3 }, d[] = { 0, 0, 0, 4, 5, 6, 6 };
    const int32_t groups[7] = { 'A', 'A', 'B', 'C', 'A', 'B', 'C' };
    km_graph *g = make(7, s, d, NULL, 7, 1);
    uint64_t r[35];
    (void)state;
    assert_int_equal(km_graph_brokerage(r, 35, g, groups, 7), 0);
    assert_int_equal(r[KM_BROKER_COORDINATOR], 1);
    assert_int_equal(r[KM_BROKER_ITINERANT], 1);
    assert_int_equal(r[KM_BROKER_GATEKEEPER], 2);
    assert_int_equal(r[KM_BROKER_REPRESENTATIVE], 2);
    assert_int_equal(r[KM_BROKER_LIAISON], 2);
    km_graph_free(g);
}

static void test_weighted(void **state)
{
    /* Square 0-1-2-3-0 with one heavy edge 0-3 (length 10): by weight,
     * every shortest path avoids it, so 0-3 goes round through 1 and 2. */
    const uint32_t s[] = { 0, 1, 2, 3 }, d[] = { 1, 2, 3, 0 };
    const double w[] = { 1, 1, 1, 10 };
    km_graph *g = make(4, s, d, w, 4, 0);
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
    double x[4];
    (void)state;
    /* Unweighted (the default): a cycle, each vertex on half of the one
     * opposite pair: 0.5. */
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 0.5, 0.5, 0.5, 0.5 }, 4);
    /* Weighted: a path 3-2-1-0 in effect: 1 and 2 carry two pairs each. */
    bo.weighted = 1;
    assert_int_equal(km_graph_betweenness(x, 4, g, &bo), 0);
    assert_all_close(x, (const double[]){ 0, 2, 2, 0 }, 4);
    co.weighted = 1;
    assert_int_equal(km_graph_closeness(x, 4, g, &co), 0);
    assert_all_close(x, (const double[]){ 0.5, 0.75, 0.75, 0.5 }, 4);
    /* Strength sums the weights. */
    assert_int_equal(km_graph_strength(x, 4, g, KM_GRAPH_ALL), 0);
    assert_all_close(x, (const double[]){ 11, 2, 2, 11 }, 4);
    /* Weighted clustering of a triangle with weights 1, 1, 1 is 1. */
    km_graph_free(g);
    {
        const uint32_t ts[] = { 0, 1, 2 }, td[] = { 1, 2, 0 };
        const double tw[] = { 2, 2, 2 };
        g = make(3, ts, td, tw, 3, 0);
        assert_int_equal(km_graph_clustering(x, 3, g, 1), 0);
        assert_all_close(x, (const double[]){ 1, 1, 1 }, 3);
        km_graph_free(g);
    }
}

/* ---- sampled betweenness ---------------------------------------------------------- */

static km_graph *random_graph(uint32_t n, double p, int directed, int weighted, uint64_t seed, const km_allocator *a)
{
    uint32_t *s = (uint32_t *)calloc((size_t)n * n, sizeof(uint32_t));
    uint32_t *d = (uint32_t *)calloc((size_t)n * n, sizeof(uint32_t));
    double *w = (double *)calloc((size_t)n * n, sizeof(double));
    uint64_t x = seed;
    size_t e = 0;
    uint32_t i, j;
    km_graph *g = NULL;
    assert_non_null(s);
    assert_non_null(d);
    assert_non_null(w);
    for (i = 0; i < n; i++) {
        for (j = directed ? 0 : i + 1; j < n; j++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((double)(x >> 11) / 9007199254740992.0 < p) {
                s[e] = i;
                d[e] = j;
                w[e] = 1 + (double)((x >> 7) % 4);
                e++;
            }
        }
    }
    assert_int_equal(km_graph_new(&g, n, s, d, weighted ? w : NULL, e, directed, a), 0);
    free(s);
    free(d);
    free(w);
    return g;
}

static void test_sampled(void **state)
{
    km_graph *g = random_graph(120, 0.05, 0, 0, 3, NULL);
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    double exact[120], est[120], again[120], bound;
    uint32_t v;
    (void)state;
    bo.threads = 1;
    assert_int_equal(km_graph_betweenness(exact, 120, g, &bo), 0);
    /* k = n is the exact computation. */
    bo.samples = 120;
    assert_int_equal(km_graph_betweenness(est, 120, g, &bo), 0);
    assert_all_close(est, exact, 120);
    /* Same seed, same estimate (any thread count); within the bound. */
    bo.samples = 40;
    bo.seed = 12345;
    assert_int_equal(km_graph_betweenness(est, 120, g, &bo), 0);
    bo.threads = 2;
    assert_int_equal(km_graph_betweenness(again, 120, g, &bo), 0);
    assert_all_close(again, est, 120);
    assert_int_equal(km_graph_betweenness_error_bound(&bound, 120, 40, 0.01 / 120, 0, 0), 0);
    for (v = 0; v < 120; v++) assert_true(fabs(est[v] - exact[v]) <= bound);
    /* A different seed gives a different sample. */
    bo.seed = 54321;
    assert_int_equal(km_graph_betweenness(again, 120, g, &bo), 0);
    assert_true(memcmp(again, est, sizeof est) != 0);
    /* The bound: sqrt(ln(2/delta) / (2 (k-1))), times (n-1)(n-2)/2 raw. */
    assert_int_equal(km_graph_betweenness_error_bound(&bound, 100, 11, 0.05, 1, 1), 0);
    assert_close(bound, sqrt(log(40.0) / 20));
    assert_int_equal(km_graph_betweenness_error_bound(&bound, 100, 11, 0.05, 0, 0), 0);
    assert_close(bound, sqrt(log(40.0) / 20) * 99 * 98 / 2);
    assert_int_equal(km_graph_betweenness_error_bound(&bound, 100, 0, 0.05, 0, 0), 0);
    assert_close(bound, 0);
    assert_int_equal(km_graph_betweenness_error_bound(&bound, 100, 100, 0.05, 0, 0), 0);
    assert_close(bound, 0);
    km_graph_free(g);
}

/* ---- threads ------------------------------------------------------------------------ */

static void test_threads_identical(void **state)
{
    int directed, weighted;
    (void)state;
    for (directed = 0; directed < 2; directed++) {
        for (weighted = 0; weighted < 2; weighted++) {
            km_graph *g = random_graph(300, 0.02, directed, weighted, 17 + (uint64_t)directed, NULL);
            km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
            km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
            double a[300], b[300], c[300];
            uint32_t t;
            bo.weighted = weighted;
            co.weighted = weighted;
            bo.threads = 1;
            assert_int_equal(km_graph_betweenness(a, 300, g, &bo), 0);
            for (t = 2; t <= 3; t++) {
                bo.threads = t;
                assert_int_equal(km_graph_betweenness(b, 300, g, &bo), 0);
                assert_all_close(b, a, 300);
            }
            bo.threads = 0; /* one per CPU */
            assert_int_equal(km_graph_betweenness(c, 300, g, &bo), 0);
            assert_all_close(c, a, 300);
            co.threads = 1;
            assert_int_equal(km_graph_closeness(a, 300, g, &co), 0);
            co.threads = 2;
            assert_int_equal(km_graph_closeness(b, 300, g, &co), 0);
            assert_memory_equal(a, b, sizeof a); /* one value per source: exact */
            co.threads = 1;
            assert_int_equal(km_graph_harmonic(a, 300, g, &co), 0);
            co.threads = 2;
            assert_int_equal(km_graph_harmonic(b, 300, g, &co), 0);
            assert_memory_equal(a, b, sizeof a);
            km_graph_free(g);
        }
    }
}

/* ---- errors ------------------------------------------------------------------------- */

static void expect_err(int rc, int code, const char *field)
{
    assert_int_equal(rc, code);
    assert_int_equal(km_error_last(), code);
    if (field) assert_string_equal(km_error_last_field(), field);
    assert_true(strlen(km_error_last_message(KM_LANG_EN)) > 0);
    assert_true(strlen(km_error_last_message(KM_LANG_ID)) > 0);
}

static void *only_malloc(void *payload, size_t size)
{
    (void)payload;
    return malloc(size);
}

static void test_new_errors(void **state)
{
    const uint32_t s[] = { 0, 1, 2 }, d[] = { 1, 2, 3 }, big[] = { 0, 1, 7 };
    const double w_nan[] = { 1, NAN, 1 }, w_zero[] = { 1, 1, 0 }, w_neg[] = { -1, 1, 1 },
                 w_inf[] = { 1, INFINITY, 1 }, w_big[] = { 1e308, 1e308, 1 };
    const uint32_t same_s[] = { 0, 1, 0 }, same_d[] = { 1, 0, 1 };
    km_allocator partial = KM_ALLOCATOR_INIT;
    km_graph *g = (km_graph *)&g;
    (void)state;
    expect_err(km_graph_new(NULL, 4, s, d, NULL, 3, 0, NULL), KM_EINVAL, "out");
    expect_err(km_graph_new(&g, 4, NULL, d, NULL, 3, 0, NULL), KM_EINVAL, "src");
    assert_null(g);
    expect_err(km_graph_new(&g, 4, s, NULL, NULL, 3, 0, NULL), KM_EINVAL, "dst");
    expect_err(km_graph_new(&g, 4, s, big, NULL, 3, 0, NULL), KM_EINVAL, "dst[2]");
    expect_err(km_graph_new(&g, 4, big, d, NULL, 3, 1, NULL), KM_EINVAL, "src[2]");
    expect_err(km_graph_new(&g, 3, s, d, NULL, 3, 0, NULL), KM_EINVAL, "dst[2]");
    expect_err(km_graph_new(&g, 4, s, d, w_nan, 3, 0, NULL), KM_EINVAL, "weights[1]");
    expect_err(km_graph_new(&g, 4, s, d, w_zero, 3, 0, NULL), KM_EINVAL, "weights[2]");
    expect_err(km_graph_new(&g, 4, s, d, w_neg, 3, 0, NULL), KM_EINVAL, "weights[0]");
    expect_err(km_graph_new(&g, 4, s, d, w_inf, 3, 0, NULL), KM_EINVAL, "weights[1]");
    /* 0-1 three times, summing past DBL_MAX. */
    expect_err(km_graph_new(&g, 2, same_s, same_d, w_big, 3, 0, NULL), KM_ERANGE, "weights");
    assert_null(g);
    /* A host allocator must set all three callbacks. */
    partial.malloc_fn = only_malloc;
    expect_err(km_graph_new(&g, 4, s, d, NULL, 3, 0, &partial), KM_EINVAL, "allocator");
    assert_null(g);
}

static int count_bytes(void *payload, const char *bytes, size_t len)
{
    (void)bytes;
    *(size_t *)payload += len;
    return 0;
}

static int refuse(void *payload, const char *bytes, size_t len)
{
    (void)payload;
    (void)bytes;
    (void)len;
    return 5;
}

static void test_measure_errors(void **state)
{
    km_graph *g = make(4, path_s, path_d, NULL, 3, 0);
    double x[4] = { 7, 7, 7, 7 }, d;
    uint32_t u[4], c;
    uint64_t r[20];
    int32_t groups[4] = { 0 };
    (void)state;
    /* NULL graph and NULL / short outputs, for every measure. */
    expect_err(km_graph_degree(u, 4, NULL, KM_GRAPH_ALL), KM_EINVAL, "g");
    expect_err(km_graph_degree(NULL, 4, g, KM_GRAPH_ALL), KM_EINVAL, "out");
    expect_err(km_graph_degree(u, 3, g, KM_GRAPH_ALL), KM_EINVAL, "out_len");
    expect_err(km_graph_degree(u, 4, g, 0), KM_EINVAL, "mode");
    expect_err(km_graph_degree(u, 4, g, 4), KM_EINVAL, "mode");
    expect_err(km_graph_strength(x, 3, g, KM_GRAPH_ALL), KM_EINVAL, "out_len");
    expect_err(km_graph_strength(x, 4, g, 7), KM_EINVAL, "mode");
    expect_err(km_graph_components(u, 3, &c, g), KM_EINVAL, "out_len");
    expect_err(km_graph_components(u, 4, &c, NULL), KM_EINVAL, "g");
    expect_err(km_graph_component_sizes(NULL, 4, &c, g), KM_EINVAL, "out_sizes");
    expect_err(km_graph_component_sizes(u, 0, &c, g), KM_EINVAL, "out_len");
    expect_err(km_graph_density(NULL, g), KM_EINVAL, "out");
    expect_err(km_graph_density(&d, NULL), KM_EINVAL, "g");
    expect_err(km_graph_clustering(x, 2, g, 0), KM_EINVAL, "out_len");
    expect_err(km_graph_average_clustering(NULL, g, 0), KM_EINVAL, "out");
    expect_err(km_graph_transitivity(NULL, g), KM_EINVAL, "out");
    expect_err(km_graph_transitivity(&d, NULL), KM_EINVAL, "g");
    expect_err(km_graph_core_number(u, 1, g), KM_EINVAL, "out_len");
    expect_err(km_graph_betweenness(x, 3, g, NULL), KM_EINVAL, "out_len");
    expect_err(km_graph_betweenness(NULL, 4, g, NULL), KM_EINVAL, "out");
    expect_err(km_graph_closeness(x, 3, g, NULL), KM_EINVAL, "out_len");
    expect_err(km_graph_harmonic(x, 3, g, NULL), KM_EINVAL, "out_len");
    expect_err(km_graph_pagerank(x, 3, g, NULL), KM_EINVAL, "out_len");
    expect_err(km_graph_eigenvector(x, 3, g, NULL), KM_EINVAL, "out_len");
    expect_err(km_graph_constraint(x, 3, g, 0), KM_EINVAL, "out_len");
    expect_err(km_graph_brokerage(r, 19, g, groups, 4), KM_EINVAL, "out_len");
    expect_err(km_graph_brokerage(NULL, 20, g, groups, 4), KM_EINVAL, "out");
    expect_err(km_graph_brokerage(r, 20, g, NULL, 4), KM_EINVAL, "groups");
    expect_err(km_graph_brokerage(r, 20, g, groups, 3), KM_EINVAL, "groups_len");
    expect_err(km_graph_brokerage(r, 20, NULL, groups, 4), KM_EINVAL, "g");
    expect_err(km_graph_edges(u, u, NULL, 2, g), KM_EINVAL, "out_len");
    expect_err(km_graph_edges(NULL, u, NULL, 4, g), KM_EINVAL, "out_src");
    expect_err(km_graph_edges(u, NULL, NULL, 4, g), KM_EINVAL, "out_dst");
    expect_err(km_graph_edges(u, u, NULL, 4, NULL), KM_EINVAL, "g");

    /* Options: versions, samples, damping, tolerance, iterations. */
    {
        km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
        km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
        km_pagerank_options po = KM_PAGERANK_OPTIONS_INIT;
        km_eigenvector_options eo = KM_EIGENVECTOR_OPTIONS_INIT;
        bo.version = 0;
        expect_err(km_graph_betweenness(x, 4, g, &bo), KM_EVERSION, "opts.version");
        bo.version = KM_BETWEENNESS_OPTIONS_VERSION + 1;
        expect_err(km_graph_betweenness(x, 4, g, &bo), KM_EVERSION, "opts.version");
        bo.version = KM_BETWEENNESS_OPTIONS_VERSION;
        bo.samples = 1;
        expect_err(km_graph_betweenness(x, 4, g, &bo), KM_EINVAL, "opts.samples");
        co.version = 2;
        expect_err(km_graph_closeness(x, 4, g, &co), KM_EVERSION, "opts.version");
        expect_err(km_graph_harmonic(x, 4, g, &co), KM_EVERSION, "opts.version");
        po.version = 0;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EVERSION, "opts.version");
        po.version = KM_PAGERANK_OPTIONS_VERSION;
        po.damping = -0.1;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.damping");
        po.damping = 1.5;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.damping");
        po.damping = NAN;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.damping");
        po.damping = 0.85;
        po.tolerance = 0;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.tolerance");
        po.tolerance = NAN;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.tolerance");
        po.tolerance = 1e-12;
        po.max_iter = 0;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_EINVAL, "opts.max_iter");
        /* Not converging: KM_ERANGE, out untouched. */
        po.max_iter = 2;
        expect_err(km_graph_pagerank(x, 4, g, &po), KM_ERANGE, "pagerank");
        assert_true(x[0] == 7 && x[3] == 7);
        eo.version = 9;
        expect_err(km_graph_eigenvector(x, 4, g, &eo), KM_EVERSION, "opts.version");
        eo.version = KM_EIGENVECTOR_OPTIONS_VERSION;
        eo.tolerance = -1;
        expect_err(km_graph_eigenvector(x, 4, g, &eo), KM_EINVAL, "opts.tolerance");
        eo.tolerance = 1e-12;
        eo.max_iter = 0;
        expect_err(km_graph_eigenvector(x, 4, g, &eo), KM_EINVAL, "opts.max_iter");
        eo.max_iter = 3;
        expect_err(km_graph_eigenvector(x, 4, g, &eo), KM_ERANGE, "eigenvector");
        assert_true(x[0] == 7 && x[3] == 7);
    }
    /* The error bound's arguments. */
    expect_err(km_graph_betweenness_error_bound(NULL, 10, 3, 0.1, 0, 0), KM_EINVAL, "out");
    expect_err(km_graph_betweenness_error_bound(&d, 10, 1, 0.1, 0, 0), KM_EINVAL, "samples");
    expect_err(km_graph_betweenness_error_bound(&d, 10, 3, 0, 0, 0), KM_EINVAL, "failure_probability");
    expect_err(km_graph_betweenness_error_bound(&d, 10, 3, 1, 0, 0), KM_EINVAL, "failure_probability");
    expect_err(km_graph_betweenness_error_bound(&d, 10, 3, NAN, 0, 0), KM_EINVAL, "failure_probability");

    /* Exporters. */
    {
        km_graph_export_options eo = KM_GRAPH_EXPORT_OPTIONS_INIT;
        const char *labels[4] = { "a", "b", "c", "d" };
        const char *names[2] = { "x", "y" };
        const double *values[2] = { x, x };
        size_t bytes = 0;
        expect_err(km_graph_write_dot(NULL, NULL, count_bytes, &bytes), KM_EINVAL, "g");
        expect_err(km_graph_write_dot(g, NULL, NULL, &bytes), KM_EINVAL, "write");
        expect_err(km_graph_write_gexf(g, NULL, NULL, &bytes), KM_EINVAL, "write");
        eo.version = 0;
        expect_err(km_graph_write_gexf(g, &eo, count_bytes, &bytes), KM_EVERSION, "opts.version");
        eo.version = KM_GRAPH_EXPORT_OPTIONS_VERSION;
        eo.labels = labels;
        eo.values_len = 3;
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.values_len");
        eo.values_len = 4;
        labels[2] = "bad \xC3\x28 utf-8";
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.labels[2]");
        labels[2] = "bell \a";
        expect_err(km_graph_write_gexf(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.labels[2]");
        labels[2] = "c";
        eo.name = "\x01";
        expect_err(km_graph_write_gexf(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.name");
        eo.name = NULL;
        eo.attr_count = 2;
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_names");
        eo.attr_names = names;
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_values");
        eo.attr_values = values;
        names[1] = "x";
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_names[1]");
        names[1] = "";
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_names[1]");
        names[1] = NULL;
        expect_err(km_graph_write_dot(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_names[1]");
        names[1] = "y";
        values[1] = NULL;
        expect_err(km_graph_write_gexf(g, &eo, count_bytes, &bytes), KM_EINVAL, "opts.attr_values[1]");
        values[1] = x;
        assert_int_equal(bytes, 0); /* nothing was written by a failed call */
        expect_err(km_graph_write_dot(g, &eo, refuse, NULL), KM_ESTORAGE, "write");
        expect_err(km_graph_write_gexf(g, &eo, refuse, NULL), KM_ESTORAGE, "write");
        assert_int_equal(km_graph_write_gexf(g, &eo, count_bytes, &bytes), 0);
        assert_true(bytes > 0);
    }
    km_graph_free(g);
}

/* ---- exporters --------------------------------------------------------------------- */

typedef struct text {
    char buf[8192];
    size_t len;
} text;

static int append(void *payload, const char *bytes, size_t len)
{
    text *t = (text *)payload;
    assert_true(t->len + len < sizeof t->buf);
    memcpy(t->buf + t->len, bytes, len);
    t->len += len;
    t->buf[t->len] = '\0';
    return 0;
}

static void test_export(void **state)
{
    const uint32_t s[] = { 0, 1 }, d[] = { 1, 2 };
    const double w[] = { 2.5, 1 };
    km_graph *g = make(3, s, d, w, 2, 0);
    km_graph_export_options eo = KM_GRAPH_EXPORT_OPTIONS_INIT;
    const char *labels[3] = { "Dinas \"PU\"\\", "A & B <C>", NULL };
    const char *names[2] = { "betweenness", "na\"me" };
    const double v0[3] = { 0, 1, 0 }, v1[3] = { 0.1, NAN, -INFINITY };
    const double *values[2] = { v0, v1 };
    text t;
    (void)state;
    eo.name = "Kota \"Bandung\"\nline";
    eo.labels = labels;
    eo.attr_names = names;
    eo.attr_values = values;
    eo.attr_count = 2;
    eo.values_len = 3;
    t.len = 0;
    assert_int_equal(km_graph_write_dot(g, &eo, append, &t), 0);
    assert_string_equal(t.buf,
                        "graph \"Kota \\\"Bandung\\\"\\nline\" {\n"
                        "  0 [label=\"Dinas \\\"PU\\\"\\\\\", \"betweenness\"=\"0\", \"na\\\"me\"=\"0.1\"];\n"
                        "  1 [label=\"A & B <C>\", \"betweenness\"=\"1\", \"na\\\"me\"=\"NaN\"];\n"
                        "  2 [\"betweenness\"=\"0\", \"na\\\"me\"=\"-INF\"];\n"
                        "  0 -- 1 [weight=\"2.5\"];\n"
                        "  1 -- 2 [weight=\"1\"];\n"
                        "}\n");
    t.len = 0;
    assert_int_equal(km_graph_write_gexf(g, &eo, append, &t), 0);
    assert_non_null(strstr(t.buf, "<description>Kota &quot;Bandung&quot;&#10;line</description>"));
    assert_non_null(strstr(t.buf, "<graph mode=\"static\" defaultedgetype=\"undirected\">"));
    assert_non_null(strstr(t.buf, "<attribute id=\"1\" title=\"na&quot;me\" type=\"double\"/>"));
    assert_non_null(strstr(t.buf, "<node id=\"0\" label=\"Dinas &quot;PU&quot;\\\">"));
    assert_non_null(strstr(t.buf, "<node id=\"1\" label=\"A &amp; B &lt;C&gt;\">"));
    assert_non_null(strstr(t.buf, "<node id=\"2\">"));
    assert_non_null(strstr(t.buf, "<attvalue for=\"1\" value=\"NaN\"/>"));
    assert_non_null(strstr(t.buf, "<attvalue for=\"1\" value=\"-INF\"/>"));
    assert_non_null(strstr(t.buf, "<edge id=\"0\" source=\"0\" target=\"1\" weight=\"2.5\"/>"));
    assert_non_null(strstr(t.buf, "</gexf>\n"));
    km_graph_free(g);

    /* Directed, structure only. */
    g = make(4, cyc_s, cyc_d, NULL, 4, 1);
    t.len = 0;
    assert_int_equal(km_graph_write_dot(g, NULL, append, &t), 0);
    assert_string_equal(t.buf, "digraph \"kemitraan\" {\n  0;\n  1;\n  2;\n  3;\n"
                               "  0 -> 1;\n  1 -> 2;\n  2 -> 3;\n  3 -> 0;\n}\n");
    t.len = 0;
    assert_int_equal(km_graph_write_gexf(g, NULL, append, &t), 0);
    assert_non_null(strstr(t.buf, "defaultedgetype=\"directed\""));
    assert_non_null(strstr(t.buf, "<edge id=\"3\" source=\"3\" target=\"0\"/>"));
    assert_null(strstr(t.buf, "<attributes"));
    km_graph_free(g);
}

/* ---- out of memory ---------------------------------------------------------------------- */

/* Runs one measure over and over, failing the n-th allocation for n = 1,
 * 2, ... until it completes without a fault: every failure must be a clean
 * KM_ENOMEM, with the graph's own blocks the only ones still live. */
typedef int (*measure_fn)(km_graph *g, void *out);

static int m_components(km_graph *g, void *out)
{
    uint32_t c;
    return km_graph_components((uint32_t *)out, 400, &c, g);
}
static int m_sizes(km_graph *g, void *out)
{
    uint32_t c;
    return km_graph_component_sizes((uint32_t *)out, 400, &c, g);
}
static int m_core(km_graph *g, void *out) { return km_graph_core_number((uint32_t *)out, 400, g); }
static int m_clustering(km_graph *g, void *out) { return km_graph_clustering((double *)out, 400, g, 1); }
static int m_avg_clustering(km_graph *g, void *out) { return km_graph_average_clustering((double *)out, g, 0); }
static int m_transitivity(km_graph *g, void *out) { return km_graph_transitivity((double *)out, g); }
static int m_betweenness(km_graph *g, void *out)
{
    km_betweenness_options o = KM_BETWEENNESS_OPTIONS_INIT;
    o.threads = 2;
    return km_graph_betweenness((double *)out, 400, g, &o);
}
static int m_betweenness_w(km_graph *g, void *out)
{
    km_betweenness_options o = KM_BETWEENNESS_OPTIONS_INIT;
    o.threads = 2;
    o.weighted = 1;
    o.samples = 30;
    return km_graph_betweenness((double *)out, 400, g, &o);
}
static int m_closeness(km_graph *g, void *out)
{
    km_closeness_options o = KM_CLOSENESS_OPTIONS_INIT;
    o.threads = 2;
    return km_graph_closeness((double *)out, 400, g, &o);
}
static int m_harmonic(km_graph *g, void *out)
{
    km_closeness_options o = KM_CLOSENESS_OPTIONS_INIT;
    o.weighted = 1;
    return km_graph_harmonic((double *)out, 400, g, &o);
}
static int m_pagerank(km_graph *g, void *out) { return km_graph_pagerank((double *)out, 400, g, NULL); }
static int m_eigenvector(km_graph *g, void *out)
{
    km_eigenvector_options o = KM_EIGENVECTOR_OPTIONS_INIT;
    o.max_iter = 100000;
    return km_graph_eigenvector((double *)out, 400, g, &o);
}
static int m_constraint(km_graph *g, void *out) { return km_graph_constraint((double *)out, 400, g, 1); }
static int m_brokerage(km_graph *g, void *out)
{
    int32_t groups[400];
    int i;
    for (i = 0; i < 400; i++) groups[i] = i % 3;
    return km_graph_brokerage((uint64_t *)out, 2000, g, groups, 400);
}
static int write_nothing(void *payload, const char *bytes, size_t len)
{
    (void)payload;
    (void)bytes;
    (void)len;
    return 0;
}
static int m_dot(km_graph *g, void *out)
{
    (void)out;
    return km_graph_write_dot(g, NULL, write_nothing, NULL);
}
static int m_gexf(km_graph *g, void *out)
{
    (void)out;
    return km_graph_write_gexf(g, NULL, write_nothing, NULL);
}

static void oom_measure(km_test_alloc *ta, km_graph *g, measure_fn fn, const char *name)
{
    static uint64_t out[2000];
    long base = ta->live, n;
    for (n = 1;; n++) {
        int rc;
        long failures;
        km_test_alloc_fail_at(ta, n);
        rc = fn(g, out);
        failures = ta->failures;
        km_test_alloc_fail_at(ta, -1);
        if (failures == 0) {
            if (rc != 0) print_error("%s: %s\n", name, km_error_last_message(KM_LANG_EN));
            assert_int_equal(rc, 0);
            break;
        }
        if (rc != KM_ENOMEM) print_error("%s: allocation %ld: rc %d\n", name, n, rc);
        assert_int_equal(rc, KM_ENOMEM);
        assert_int_equal(ta->live, base);
    }
    assert_int_equal(ta->live, base);
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    int directed;
    (void)state;
    km_test_alloc_init(&ta);
    for (directed = 0; directed < 2; directed++) {
        km_graph *g = NULL;
        long n;
        /* Construction. */
        for (n = 1;; n++) {
            int rc;
            long failures;
            km_test_alloc_fail_at(&ta, n);
            g = NULL;
            {
                /* random_graph asserts success, so build by hand here. */
                uint32_t s[600], d[600];
                double w[600];
                uint32_t i;
                for (i = 0; i < 600; i++) {
                    s[i] = (i * 7) % 400;
                    d[i] = (i * 13 + 1) % 400;
                    w[i] = 1 + i % 3;
                }
                rc = km_graph_new(&g, 400, s, d, w, 600, directed, km_test_alloc_get(&ta));
            }
            failures = ta.failures;
            km_test_alloc_fail_at(&ta, -1);
            if (failures == 0) {
                assert_int_equal(rc, 0);
                break;
            }
            assert_int_equal(rc, KM_ENOMEM);
            assert_null(g);
            assert_int_equal(ta.live, 0);
        }
        km_graph_free(g);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);

        g = random_graph(400, 0.01, directed, 1, 99, km_test_alloc_get(&ta));
        oom_measure(&ta, g, m_components, "components");
        oom_measure(&ta, g, m_sizes, "component sizes");
        oom_measure(&ta, g, m_core, "core number");
        oom_measure(&ta, g, m_clustering, "clustering");
        oom_measure(&ta, g, m_avg_clustering, "average clustering");
        oom_measure(&ta, g, m_transitivity, "transitivity");
        oom_measure(&ta, g, m_betweenness, "betweenness");
        oom_measure(&ta, g, m_betweenness_w, "sampled weighted betweenness");
        oom_measure(&ta, g, m_closeness, "closeness");
        oom_measure(&ta, g, m_harmonic, "harmonic");
        oom_measure(&ta, g, m_pagerank, "pagerank");
        oom_measure(&ta, g, m_eigenvector, "eigenvector");
        oom_measure(&ta, g, m_constraint, "constraint");
        oom_measure(&ta, g, m_brokerage, "brokerage");
        oom_measure(&ta, g, m_dot, "dot");
        oom_measure(&ta, g, m_gexf, "gexf");
        km_graph_free(g);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_merge),
        cmocka_unit_test(test_path),
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_triangle_and_components),
        cmocka_unit_test(test_directed_cycle),
        cmocka_unit_test(test_brokerage_roles),
        cmocka_unit_test(test_weighted),
        cmocka_unit_test(test_sampled),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_new_errors),
        cmocka_unit_test(test_measure_errors),
        cmocka_unit_test(test_export),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
