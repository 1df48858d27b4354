/* report.h: shared by cmd_report.c and cmd_demo.c. */
#ifndef KM_CLI_REPORT_H
#define KM_CLI_REPORT_H

#include "cli.h"

/* The co-agreement graph (see cmd_report.c). */
typedef struct cli_graph {
    km_view *view;     /* owns g */
    const km_graph *g;
    size_t n;
    uint64_t *ids; /* vertex -> partner id, ascending */
    char **names;
    char **regions;
    int32_t *kinds;
} cli_graph;

typedef struct cli_measures {
    uint32_t *degree;
    double *betweenness, *pagerank, *constraint;
    uint64_t *brokerage; /* KM_BROKER__COUNT per vertex */
    uint32_t *component, *comp_size, ncomp;
} cli_measures;

/* The co-agreement view as of a date (NULL: the network's day). */
int cli_graph_build(cli_graph *g, km_network *net, const char *as_of);
void cli_graph_free(cli_graph *g);
int cli_graph_measures(cli_graph *g, cli_measures *m);
void cli_measures_free(cli_measures *m);
/* A double as a JSON number with 4 decimals (null for NaN). */
void cli_num_out(out_row *row, const char *key, double v);
/* The report's date: --as-of, else KEMITRAAN_TEST_CLOCK, else today (WIB). */
void cli_report_date(const cli_ctx *ctx, char out[11]);
/* The whole report as one row; returns 0 or a KM_E* code. */
int cli_report_build(cli_ctx *ctx, const char *date, out_row **out);

#endif
