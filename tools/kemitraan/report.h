/* report.h: what cmd_network.c (graph views and measures), cmd_match.c
 * (matchmaking), cmd_report.c (the monitoring officer's page) and
 * cmd_demo.c share. */
#ifndef KM_CLI_REPORT_H
#define KM_CLI_REPORT_H

#include "cli.h"

/* A graph to measure: a view of the network (km_view) or a graph read from
 * an edge list (network --edges). Vertex v is a partner (ids[v] != 0), an
 * agreement of a bipartite view (agreement_ids[v] != 0) or, for an edge
 * list, a name of the file (names[v]). */
typedef struct cli_graph {
    km_view *view;     /* owns g when set */
    km_graph *own;     /* a graph built from an edge list (view == NULL) */
    const km_graph *g;
    size_t n;          /* vertices */
    size_t partners;   /* partner vertices 0..partners-1 */
    uint64_t *ids;     /* vertex -> partner id (0: not a partner) */
    uint64_t *agreement_ids; /* vertex -> agreement id (0: not an agreement) */
    char **names;      /* partner name, agreement reference or edge-list name */
    char **regions;
    int32_t *kinds;    /* partner kind; -1 for other vertices */
    const char *currency; /* weights are money in this currency (minor units), or NULL */
} cli_graph;

/* Every per-vertex measure of graph.h, and the graph's summary. */
typedef struct cli_measures {
    uint32_t *degree, *in_degree, *out_degree;
    double *strength;
    double *betweenness, *closeness, *harmonic, *pagerank, *eigenvector, *constraint, *clustering;
    uint32_t *core;
    uint64_t *brokerage; /* KM_BROKER__COUNT per vertex */
    uint32_t *component, *comp_size, ncomp;
    double density, transitivity, avg_clustering;
    uint32_t samples;   /* betweenness pivots (0: exact) */
    double error_bound; /* of a sampled betweenness (0: exact) */
    unsigned have;      /* CLI_M_* bits computed (the other arrays hold NaN or 0) */
} cli_measures;

/* The measures beyond degree and components, as bits (cli_measure_opts.only,
 * cli_measures.have). */
enum {
    CLI_M_STRENGTH = 1 << 0, CLI_M_BETWEENNESS = 1 << 1, CLI_M_CLOSENESS = 1 << 2, CLI_M_HARMONIC = 1 << 3,
    CLI_M_PAGERANK = 1 << 4, CLI_M_EIGENVECTOR = 1 << 5, CLI_M_CONSTRAINT = 1 << 6, CLI_M_CLUSTERING = 1 << 7,
    CLI_M_CORE = 1 << 8, CLI_M_BROKERAGE = 1 << 9, CLI_M_ALL = (1 << 10) - 1
};

/* How cli_graph_measures() runs. */
typedef struct cli_measure_opts {
    int unweighted;    /* ignore weights everywhere */
    uint32_t samples;  /* betweenness pivots, 0 = exact */
    uint64_t seed;
    const int32_t *groups; /* brokerage groups, NULL: the partner kinds */
    unsigned only;     /* CLI_M_* bits to compute; 0: every measure */
} cli_measure_opts;

/* The co-agreement view as of a date (NULL: the network's day). */
int cli_graph_build(cli_graph *g, km_network *net, const char *as_of);
/* Any view (options of view.h). */
int cli_graph_build_view(cli_graph *g, km_network *net, const km_view_options *o);
void cli_graph_free(cli_graph *g);
/* Every measure with the defaults (cli_graph_measures_with(g, m, NULL)). */
int cli_graph_measures(cli_graph *g, cli_measures *m);
int cli_graph_measures_with(cli_graph *g, cli_measures *m, const cli_measure_opts *o);
void cli_measures_free(cli_measures *m);
/* A double as a JSON number with 4 decimals (null for NaN). */
void cli_num_out(out_row *row, const char *key, double v);
/* The report's date: --as-of, else KEMITRAAN_TEST_CLOCK, else today (WIB). */
void cli_report_date(const cli_ctx *ctx, char out[11]);
/* The whole report as one row; returns 0 or a KM_E* code. */
int cli_report_build(cli_ctx *ctx, const char *date, out_row **out);
/* The vertices of g ordered by key, descending (NaN last), ties by vertex. */
void cli_order_desc(size_t *ord, const double *key, size_t n);
/* One vertex as a row with every measure. */
out_row *cli_vertex_row(cli_ctx *ctx, const cli_graph *g, const cli_measures *m, size_t v);

#endif
