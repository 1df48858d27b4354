/* `kmbench graph`: the graph engine on the co-agreement graph of the shared
 * workload (workload.md section 5), side by side with python-igraph run as
 * a separate process (bench/igraph_yardstick.py; igraph is GPL and is never
 * linked, only measured against).
 *
 *   kmbench graph [--n N]... [--threads T] [--repeat R] [--dir DIR]
 *                 [--python PY] [--igraph-script PATH] [--no-igraph] [--json]
 *
 * For each N (default 10,000 and 50,000; M = 2N) it builds the graph with
 * km_graph_new, and times components, PageRank (damping 0.85) and exact
 * betweenness with 1 and with T threads (default 2). Fast measures are the
 * median of R runs (default 5), betweenness runs once. The edge list is
 * written to DIR (default /tmp) in the exchange format, igraph times the
 * same measures on it, and its betweenness and PageRank values are compared
 * with ours vertex by vertex. Ratios are igraph time / kemitraan time, so
 * above 1 means kemitraan is faster.
 *
 * Kept in its own header so the store mode in kmbench.c and this mode can
 * evolve separately; kmbench.c dispatches `graph` here. */
#ifndef KM_BENCH_KMBENCH_GRAPH_H
#define KM_BENCH_KMBENCH_GRAPH_H

#include <kemitraan/kemitraan.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "graph_workload.h"

#ifndef KM_BENCH_SOURCE_DIR
#define KM_BENCH_SOURCE_DIR "bench"
#endif

#define KG_MAX_REPEAT 50

static double kg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (all threads). */
static double kg_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void kg_die(const char *what, int rc)
{
    fprintf(stderr, "kmbench graph: %s failed: %s (%s)\n", what, km_strerror(rc), km_error_last_message(KM_LANG_EN));
    exit(1);
}

static double kg_median(double *t, int k)
{
    int i, j;
    for (i = 1; i < k; i++)
        for (j = i; j > 0 && t[j - 1] > t[j]; j--) {
            double x = t[j];
            t[j] = t[j - 1];
            t[j - 1] = x;
        }
    return k % 2 ? t[k / 2] : (t[k / 2 - 1] + t[k / 2]) / 2;
}

/* The value of "key": in a flat JSON object, or NAN. */
static double kg_json_number(const char *doc, const char *key)
{
    char pat[64];
    const char *p;
    snprintf(pat, sizeof pat, "\"%s\":", key);
    p = strstr(doc, pat);
    return p ? strtod(p + strlen(pat), NULL) : NAN;
}

typedef struct kg_options {
    uint32_t threads;
    int repeat;
    const char *dir;
    const char *python; /* NULL: find one that imports igraph */
    const char *script;
    int igraph;
    int json;
} kg_options;

typedef struct kg_result {
    uint64_t n, m, edges;
    uint32_t components, giant;
    double build, comp, pagerank, bc1, bcT, bc_thread_diff;
    double bc1_cpu, bcT_cpu; /* CPU seconds of the two betweenness runs */
    /* igraph (NAN when not run) */
    double ig_build, ig_comp, ig_pagerank, ig_bc, bc_diff, pr_diff;
    uint32_t ig_components, ig_giant;
    char ig_version[32];
} kg_result;

static const char *kg_find_python(const kg_options *o)
{
    static const char *const candidates[] = { "/usr/bin/python3", "python3" };
    static char found[512];
    const char *env = getenv("KM_IGRAPH_PYTHON");
    size_t i;
    char cmd[700];
    if (o->python) return o->python;
    if (env && *env) return env;
    for (i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        snprintf(cmd, sizeof cmd, "\"%s\" -c \"import igraph\" >/dev/null 2>&1", candidates[i]);
        if (system(cmd) == 0) {
            snprintf(found, sizeof found, "%s", candidates[i]);
            return found;
        }
    }
    return NULL;
}

/* Runs the yardstick on the edge file and compares its values with ours. */
static void kg_igraph(kg_result *r, const kg_options *o, const char *py, const char *edge_path, const double *bc,
                      const double *pr)
{
    char values[4200], cmd[9000], doc[4096];
    size_t len;
    FILE *p;
    uint64_t i;
    snprintf(values, sizeof values, "%s.values", edge_path);
    snprintf(cmd, sizeof cmd, "\"%s\" \"%s\" \"%s\" --repeat %d --values \"%s\"", py, o->script, edge_path, o->repeat,
             values);
    p = popen(cmd, "r");
    if (!p) return;
    len = fread(doc, 1, sizeof doc - 1, p);
    doc[len] = '\0';
    if (pclose(p) != 0 || !strstr(doc, "\"betweenness_s\"")) {
        fprintf(stderr, "kmbench graph: igraph yardstick failed: %s\n", doc);
        return;
    }
    r->ig_build = kg_json_number(doc, "build_s");
    r->ig_comp = kg_json_number(doc, "components_s");
    r->ig_pagerank = kg_json_number(doc, "pagerank_s");
    r->ig_bc = kg_json_number(doc, "betweenness_s");
    r->ig_components = (uint32_t)kg_json_number(doc, "components");
    r->ig_giant = (uint32_t)kg_json_number(doc, "giant");
    {
        const char *v = strstr(doc, "\"igraph\": \"");
        if (v) sscanf(v + 11, "%31[^\"]", r->ig_version);
    }
    p = fopen(values, "r");
    if (p) {
        r->bc_diff = 0;
        r->pr_diff = 0;
        for (i = 0; i < 2 * r->n; i++) {
            double x;
            if (fscanf(p, "%lf", &x) != 1) {
                r->bc_diff = r->pr_diff = NAN;
                break;
            }
            if (i < r->n) {
                double d = fabs(x - bc[i]) / (fabs(x) > 1 ? fabs(x) : 1);
                if (d > r->bc_diff) r->bc_diff = d;
            } else if (fabs(x - pr[i - r->n]) > r->pr_diff) {
                r->pr_diff = fabs(x - pr[i - r->n]);
            }
        }
        fclose(p);
        remove(values);
    }
}

static void kg_run(kg_result *r, uint64_t n, const kg_options *o, const char *py)
{
    wl_edges pairs, uniq;
    km_graph *g = NULL;
    double t[KG_MAX_REPEAT], *bc1, *bcT, *pr, start, cpu;
    uint32_t *comp, *sizes, count = 0, i;
    int k, rc;
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    char edge_path[4096];

    memset(r, 0, sizeof *r);
    r->n = n;
    r->m = 2 * n;
    r->ig_build = r->ig_comp = r->ig_pagerank = r->ig_bc = r->bc_diff = r->pr_diff = NAN;
    if (wl_coagreement_pairs(&pairs, n, 2 * n) != 0 || wl_coagreement_pairs(&uniq, n, 2 * n) != 0 ||
        wl_edges_unique(&uniq) != 0) {
        fprintf(stderr, "kmbench graph: out of memory\n");
        exit(1);
    }
    /* Building from the raw party pairs includes merging the duplicates. */
    for (k = 0; k < o->repeat; k++) {
        km_graph_free(g);
        g = NULL;
        start = kg_now();
        rc = km_graph_new(&g, (uint32_t)n, pairs.src, pairs.dst, NULL, pairs.len, 0, NULL);
        t[k] = kg_now() - start;
        if (rc) kg_die("km_graph_new", rc);
    }
    r->build = kg_median(t, o->repeat);
    r->edges = km_graph_edge_count(g);
    comp = (uint32_t *)calloc(n, sizeof(uint32_t));
    sizes = (uint32_t *)calloc(n, sizeof(uint32_t));
    bc1 = (double *)calloc(n, sizeof(double));
    bcT = (double *)calloc(n, sizeof(double));
    pr = (double *)calloc(n, sizeof(double));
    if (!comp || !sizes || !bc1 || !bcT || !pr) {
        fprintf(stderr, "kmbench graph: out of memory\n");
        exit(1);
    }
    for (k = 0; k < o->repeat; k++) {
        start = kg_now();
        rc = km_graph_components(comp, n, &count, g);
        t[k] = kg_now() - start;
        if (rc) kg_die("km_graph_components", rc);
    }
    r->comp = kg_median(t, o->repeat);
    if ((rc = km_graph_component_sizes(sizes, n, &count, g)) != 0) kg_die("km_graph_component_sizes", rc);
    r->components = count;
    for (i = 0; i < count; i++)
        if (sizes[i] > r->giant) r->giant = sizes[i];
    for (k = 0; k < o->repeat; k++) {
        start = kg_now();
        rc = km_graph_pagerank(pr, n, g, NULL);
        t[k] = kg_now() - start;
        if (rc) kg_die("km_graph_pagerank", rc);
    }
    r->pagerank = kg_median(t, o->repeat);
    bo.threads = 1;
    cpu = kg_cpu();
    start = kg_now();
    if ((rc = km_graph_betweenness(bc1, n, g, &bo)) != 0) kg_die("km_graph_betweenness", rc);
    r->bc1 = kg_now() - start;
    r->bc1_cpu = kg_cpu() - cpu;
    bo.threads = o->threads;
    cpu = kg_cpu();
    start = kg_now();
    if ((rc = km_graph_betweenness(bcT, n, g, &bo)) != 0) kg_die("km_graph_betweenness", rc);
    r->bcT = kg_now() - start;
    r->bcT_cpu = kg_cpu() - cpu;
    for (i = 0; i < n; i++) {
        double d = fabs(bc1[i] - bcT[i]) / (fabs(bc1[i]) > 1 ? fabs(bc1[i]) : 1);
        if (d > r->bc_thread_diff) r->bc_thread_diff = d;
    }
    if (py) {
        FILE *f;
        snprintf(edge_path, sizeof edge_path, "%s/kmbench-graph-%llu.txt", o->dir, (unsigned long long)n);
        f = fopen(edge_path, "w");
        if (!f || wl_edges_write(f, &uniq, n, 2 * n) != 0) {
            fprintf(stderr, "kmbench graph: cannot write %s\n", edge_path);
            exit(1);
        }
        fclose(f);
        kg_igraph(r, o, py, edge_path, bc1, pr);
        remove(edge_path);
    }
    km_graph_free(g);
    wl_edges_free(&pairs);
    wl_edges_free(&uniq);
    free(comp);
    free(sizes);
    free(bc1);
    free(bcT);
    free(pr);
}

static void kg_row(const char *what, double km, double ig)
{
    if (isnan(ig)) printf("%-36s %11.4f s %13s %8s\n", what, km, "-", "-");
    else printf("%-36s %11.4f s %11.4f s %7.2fx\n", what, km, ig, ig / km);
}

/* A JSON number, or null for NAN (igraph not run). */
static void kg_json(const char *key, double v, const char *fmt, int last)
{
    printf("\"%s\":", key);
    if (isnan(v)) printf("null");
    else printf(fmt, v);
    printf(last ? "" : ",");
}

static void kg_print(const kg_result *r, const kg_options *o)
{
    char label[64];
    if (o->json) {
        printf("{\"mode\":\"graph\",\"n\":%llu,\"m\":%llu,\"edges\":%llu,\"components\":%u,\"giant\":%u,"
               "\"threads\":%u,\"kemitraan\":{",
               (unsigned long long)r->n, (unsigned long long)r->m, (unsigned long long)r->edges, r->components,
               r->giant, o->threads);
        kg_json("build_s", r->build, "%.6f", 0);
        kg_json("components_s", r->comp, "%.6f", 0);
        kg_json("pagerank_s", r->pagerank, "%.6f", 0);
        kg_json("betweenness_1_s", r->bc1, "%.6f", 0);
        kg_json("betweenness_threads_s", r->bcT, "%.6f", 0);
        kg_json("betweenness_1_cpu_s", r->bc1_cpu, "%.6f", 0);
        kg_json("betweenness_threads_cpu_s", r->bcT_cpu, "%.6f", 1);
        printf("},\"igraph\":{");
        kg_json("build_s", r->ig_build, "%.6f", 0);
        kg_json("components_s", r->ig_comp, "%.6f", 0);
        kg_json("pagerank_s", r->ig_pagerank, "%.6f", 0);
        kg_json("betweenness_s", r->ig_bc, "%.6f", 1);
        printf("},");
        kg_json("betweenness_max_rel_diff", r->bc_diff, "%.3g", 0);
        kg_json("pagerank_max_abs_diff", r->pr_diff, "%.3g", 0);
        kg_json("threads_max_rel_diff", r->bc_thread_diff, "%.3g", 1);
        printf("}\n");
        return;
    }
    printf("\nco-agreement graph N=%llu, M=%llu: %llu edges, %u components, giant component %u",
           (unsigned long long)r->n, (unsigned long long)r->m, (unsigned long long)r->edges, r->components, r->giant);
    if (r->n == 10000)
        printf(" (golden: 62381, 527, 9472: %s)",
               r->edges == 62381 && r->components == 527 && r->giant == 9472 ? "match" : "MISMATCH");
    printf("\n%-36s %13s %13s %8s\n", "measure", "kemitraan", r->ig_version[0] ? "igraph" : "igraph (n/a)", "ratio");
    kg_row("build graph (merging duplicates)", r->build, r->ig_build);
    kg_row("connected components", r->comp, r->ig_comp);
    kg_row("PageRank (damping 0.85)", r->pagerank, r->ig_pagerank);
    kg_row("exact betweenness, 1 thread", r->bc1, r->ig_bc);
    snprintf(label, sizeof label, "exact betweenness, %u threads", (unsigned)o->threads);
    kg_row(label, r->bcT, r->ig_bc);
    printf("speed-up of betweenness from %u threads: %.2fx wall; CPU %.2f s over %.2f s = %.2f cores busy "
           "(1 thread: %.2f s CPU); results equal to %.1g relative\n",
           (unsigned)o->threads, r->bc1 / r->bcT, r->bcT_cpu, r->bcT, r->bcT_cpu / r->bcT, r->bc1_cpu,
           r->bc_thread_diff);
    if (r->ig_version[0])
        printf("vs igraph %s: betweenness max relative difference %.2g, PageRank max difference %.2g; "
               "components %u, giant %u\n",
               r->ig_version, r->bc_diff, r->pr_diff, r->ig_components, r->ig_giant);
}

static void kg_usage(void)
{
    fprintf(stderr, "usage: kmbench graph [--n N]... [--threads T] [--repeat R] [--dir DIR] [--python PY]\n"
                    "                     [--igraph-script PATH] [--no-igraph] [--json]\n");
}

/* argv holds the options after "graph". */
static int cmd_graph(int argc, char **argv)
{
    uint64_t sizes[16];
    int n_sizes = 0, i;
    const char *py = NULL;
    kg_options o;
    o.threads = 2;
    o.repeat = 5;
    o.dir = "/tmp";
    o.python = NULL;
    o.script = KM_BENCH_SOURCE_DIR "/igraph_yardstick.py";
    o.igraph = 1;
    o.json = 0;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc && n_sizes < 16) sizes[n_sizes++] = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) o.threads = (uint32_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) o.repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) o.dir = argv[++i];
        else if (strcmp(argv[i], "--python") == 0 && i + 1 < argc) o.python = argv[++i];
        else if (strcmp(argv[i], "--igraph-script") == 0 && i + 1 < argc) o.script = argv[++i];
        else if (strcmp(argv[i], "--no-igraph") == 0) o.igraph = 0;
        else if (strcmp(argv[i], "--json") == 0) o.json = 1;
        else {
            kg_usage();
            return 2;
        }
    }
    if (o.repeat < 1 || o.repeat > KG_MAX_REPEAT || o.threads < 1) {
        kg_usage();
        return 2;
    }
    if (n_sizes == 0) {
        sizes[n_sizes++] = 10000;
        sizes[n_sizes++] = 50000;
    }
    for (i = 0; i < n_sizes; i++) {
        if (sizes[i] < 3 || sizes[i] > UINT32_MAX / 2) {
            kg_usage();
            return 2;
        }
    }
    if (o.igraph) {
        py = kg_find_python(&o);
        if (!py && !o.json)
            fprintf(stderr, "kmbench graph: no python3 can import igraph (apt-get install python3-igraph); "
                            "kemitraan figures only\n");
    }
    if (!o.json)
        printf("kmbench graph: co-agreement graph of the shared workload; fast measures median of %d runs, "
               "betweenness once%s%s\n",
               o.repeat, py ? "; igraph via " : "", py ? py : "");
    for (i = 0; i < n_sizes; i++) {
        kg_result r;
        kg_run(&r, sizes[i], &o, py);
        kg_print(&r, &o);
        fflush(stdout);
    }
    if (!o.json) printf("\n(ratio = igraph time / kemitraan time: above 1 means kemitraan is faster.)\n");
    return 0;
}

#endif
