/* The co-agreement graph of the shared workload (workload.md section 5)
 * built with km_graph_new from bench/graph_workload.h, checked against the
 * workload's golden values: at N = 10,000, M = 20,000 there are 65,986
 * party pairs, 62,381 distinct edges, 527 components and a giant component
 * of 9,472 partners. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kemitraan/kemitraan.h>

#include "graph_workload.h"

static void test_golden_values(void **state)
{
    wl_edges pairs, uniq;
    km_graph *g = NULL;
    uint32_t *comp, *sizes, count = 0, giant = 0, i;
    double *pr, sum = 0;
    (void)state;
    assert_int_equal(wl_coagreement_pairs(&pairs, 10000, 20000), 0);
    assert_int_equal(pairs.len, 65986);

    /* km_graph_new merges the repeated pairs itself. */
    assert_int_equal(km_graph_new(&g, 10000, pairs.src, pairs.dst, NULL, pairs.len, 0, NULL), 0);
    assert_int_equal(km_graph_vertex_count(g), 10000);
    assert_int_equal(km_graph_edge_count(g), 62381);
    comp = (uint32_t *)calloc(10000, sizeof(uint32_t));
    sizes = (uint32_t *)calloc(10000, sizeof(uint32_t));
    pr = (double *)calloc(10000, sizeof(double));
    assert_non_null(comp);
    assert_non_null(sizes);
    assert_non_null(pr);
    assert_int_equal(km_graph_components(comp, 10000, &count, g), 0);
    assert_int_equal(count, 527);
    assert_int_equal(km_graph_component_sizes(sizes, 10000, &count, g), 0);
    assert_int_equal(count, 527);
    for (i = 0; i < count; i++)
        if (sizes[i] > giant) giant = sizes[i];
    assert_int_equal(giant, 9472);
    /* Partner 1 (vertex 0), the biggest hub, is in the giant component. */
    assert_int_equal(sizes[comp[0]], 9472);
    assert_int_equal(km_graph_pagerank(pr, 10000, g, NULL), 0);
    for (i = 0; i < 10000; i++) sum += pr[i];
    assert_true(sum > 1 - 1e-9 && sum < 1 + 1e-9);

    /* The exchange-format list (sorted, unique) is the graph's own edge list. */
    assert_int_equal(wl_coagreement_pairs(&uniq, 10000, 20000), 0);
    assert_int_equal(wl_edges_unique(&uniq), 0);
    assert_int_equal(uniq.len, 62381);
    {
        uint32_t *s = (uint32_t *)calloc(uniq.len, sizeof(uint32_t));
        uint32_t *d = (uint32_t *)calloc(uniq.len, sizeof(uint32_t));
        assert_non_null(s);
        assert_non_null(d);
        assert_int_equal(km_graph_edges(s, d, NULL, uniq.len, g), 0);
        assert_memory_equal(s, uniq.src, uniq.len * sizeof(uint32_t));
        assert_memory_equal(d, uniq.dst, uniq.len * sizeof(uint32_t));
        free(s);
        free(d);
    }
    km_graph_free(g);
    wl_edges_free(&pairs);
    wl_edges_free(&uniq);
    free(comp);
    free(sizes);
    free(pr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
