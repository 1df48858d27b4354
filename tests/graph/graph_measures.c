/* graph_measures: reads an edge list in the shared workload's exchange
 * format and prints every measure of kemitraan's graph engine as JSON, for
 * tests/graph/check_networkx.py to compare with NetworkX.
 *
 *   graph_measures [options] EDGE_FILE
 *     --directed          read the edges as arcs (also: "directed" in the header)
 *     --groups FILE       one int32 group per line, vertex order: adds "brokerage"
 *     --threads T         threads for the path measures (default 1)
 *     --samples K         also a sampled betweenness estimate with K pivots...
 *     --seed S            ...drawn with this seed (default 1)
 *     --dot FILE          write the DOT export (labels "v<i>", measures as attributes)
 *     --gexf FILE         write the GEXF export (same)
 *
 * EDGE_FILE: a header `# N=<n> M=<m> edges=<e>` (M is ignored; the word
 * "directed" anywhere on it makes the graph directed), then one `u v` or
 * `u v w` line per edge; all lines have a weight or none does.
 */
#include <kemitraan/kemitraan.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, int rc)
{
    fprintf(stderr, "graph_measures: %s: %s (%s)\n", what, km_strerror(rc), km_error_last_message(KM_LANG_EN));
    exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p) {
        fprintf(stderr, "graph_measures: out of memory\n");
        exit(1);
    }
    return p;
}

typedef struct edges {
    uint32_t n;
    int directed;
    size_t len, cap;
    uint32_t *src, *dst;
    double *w;
    int weighted; /* -1 unknown yet */
} edges;

static void push(edges *e, uint32_t u, uint32_t v, double w)
{
    if (e->len == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 1024;
        e->src = (uint32_t *)realloc(e->src, e->cap * sizeof(uint32_t));
        e->dst = (uint32_t *)realloc(e->dst, e->cap * sizeof(uint32_t));
        e->w = (double *)realloc(e->w, e->cap * sizeof(double));
        if (!e->src || !e->dst || !e->w) {
            fprintf(stderr, "graph_measures: out of memory\n");
            exit(1);
        }
    }
    e->src[e->len] = u;
    e->dst[e->len] = v;
    e->w[e->len] = w;
    e->len++;
}

static void read_edges(const char *path, edges *e)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int have_header = 0;
    if (!f) {
        perror(path);
        exit(1);
    }
    e->weighted = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long u, v;
        double w;
        int k;
        if (line[0] == '#') {
            const char *p = strstr(line, "N=");
            if (!have_header && p) {
                e->n = (uint32_t)strtoul(p + 2, NULL, 10);
                have_header = 1;
            }
            if (strstr(line, "directed") && !strstr(line, "undirected")) e->directed = 1;
            continue;
        }
        k = sscanf(line, "%lu %lu %lf", &u, &v, &w);
        if (k < 2) continue;
        if (e->weighted < 0) e->weighted = k == 3;
        if ((k == 3) != e->weighted) {
            fprintf(stderr, "graph_measures: %s: mixed weighted and unweighted lines\n", path);
            exit(1);
        }
        push(e, (uint32_t)u, (uint32_t)v, k == 3 ? w : 1.0);
    }
    fclose(f);
    if (!have_header) {
        fprintf(stderr, "graph_measures: %s: no '# N=...' header\n", path);
        exit(1);
    }
    if (e->weighted < 0) e->weighted = 0;
}

static void print_doubles(const char *name, const double *x, uint32_t n)
{
    uint32_t i;
    printf(",\n\"%s\":[", name);
    for (i = 0; i < n; i++) {
        if (x[i] != x[i]) printf("%sNaN", i ? "," : ""); /* JSON as Python reads it */
        else printf("%s%.17g", i ? "," : "", x[i]);
    }
    printf("]");
}

static void print_u32s(const char *name, const uint32_t *x, uint32_t n)
{
    uint32_t i;
    printf(",\n\"%s\":[", name);
    for (i = 0; i < n; i++) printf("%s%u", i ? "," : "", (unsigned)x[i]);
    printf("]");
}

static int file_write(void *payload, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)payload) == len ? 0 : -1;
}

typedef int (*export_fn)(const km_graph *, const km_graph_export_options *, km_write_fn, void *);

static void export_to(const char *path, export_fn fn, const km_graph *g, const km_graph_export_options *o)
{
    FILE *f = fopen(path, "wb");
    int rc;
    if (!f) {
        perror(path);
        exit(1);
    }
    rc = fn(g, o, file_write, f);
    if (fclose(f) != 0 || rc) die(path, rc ? rc : KM_ESTORAGE);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *groups_path = NULL, *dot_path = NULL, *gexf_path = NULL;
    uint32_t threads = 1, samples = 0, n, i, count;
    uint64_t seed = 1;
    int directed = 0, rc, a, weighted;
    edges e;
    km_graph *g;
    double *x, d;
    uint32_t *u32;
    memset(&e, 0, sizeof e);
    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--directed") == 0) directed = 1;
        else if (strcmp(argv[a], "--groups") == 0 && a + 1 < argc) groups_path = argv[++a];
        else if (strcmp(argv[a], "--threads") == 0 && a + 1 < argc) threads = (uint32_t)strtoul(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--samples") == 0 && a + 1 < argc) samples = (uint32_t)strtoul(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc) seed = strtoull(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--dot") == 0 && a + 1 < argc) dot_path = argv[++a];
        else if (strcmp(argv[a], "--gexf") == 0 && a + 1 < argc) gexf_path = argv[++a];
        else if (argv[a][0] != '-' && !path) path = argv[a];
        else {
            fprintf(stderr, "usage: graph_measures [--directed] [--groups FILE] [--threads T] [--samples K --seed S] "
                            "[--dot FILE] [--gexf FILE] EDGE_FILE\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "graph_measures: no edge file\n");
        return 2;
    }
    read_edges(path, &e);
    directed |= e.directed;
    rc = km_graph_new(&g, e.n, e.src, e.dst, e.weighted ? e.w : NULL, e.len, directed, NULL);
    if (rc) die("km_graph_new", rc);
    n = km_graph_vertex_count(g);
    weighted = km_graph_is_weighted(g);
    x = (double *)xcalloc(n, sizeof(double));
    u32 = (uint32_t *)xcalloc(n, sizeof(uint32_t));

    printf("{\"n\":%u,\"m\":%llu,\"directed\":%s,\"weighted\":%s", (unsigned)n,
           (unsigned long long)km_graph_edge_count(g), directed ? "true" : "false", weighted ? "true" : "false");

    if ((rc = km_graph_degree(u32, n, g, KM_GRAPH_ALL)) != 0) die("degree", rc);
    print_u32s("degree", u32, n);
    if (directed) {
        if ((rc = km_graph_degree(u32, n, g, KM_GRAPH_IN)) != 0) die("in degree", rc);
        print_u32s("in_degree", u32, n);
        if ((rc = km_graph_degree(u32, n, g, KM_GRAPH_OUT)) != 0) die("out degree", rc);
        print_u32s("out_degree", u32, n);
    }
    if ((rc = km_graph_strength(x, n, g, KM_GRAPH_ALL)) != 0) die("strength", rc);
    print_doubles("strength", x, n);
    if (directed) {
        if ((rc = km_graph_strength(x, n, g, KM_GRAPH_IN)) != 0) die("in strength", rc);
        print_doubles("in_strength", x, n);
        if ((rc = km_graph_strength(x, n, g, KM_GRAPH_OUT)) != 0) die("out strength", rc);
        print_doubles("out_strength", x, n);
    }
    if ((rc = km_graph_components(u32, n, &count, g)) != 0) die("components", rc);
    print_u32s("components", u32, n);
    printf(",\n\"component_count\":%u", (unsigned)count);
    if ((rc = km_graph_component_sizes(u32, n, &count, g)) != 0) die("component sizes", rc);
    print_u32s("component_sizes", u32, count);
    if ((rc = km_graph_density(&d, g)) != 0) die("density", rc);
    printf(",\n\"density\":%.17g", d);
    if ((rc = km_graph_clustering(x, n, g, 0)) != 0) die("clustering", rc);
    print_doubles("clustering", x, n);
    if ((rc = km_graph_average_clustering(&d, g, 0)) != 0) die("average clustering", rc);
    printf(",\n\"average_clustering\":%.17g", d);
    if (weighted) {
        if ((rc = km_graph_clustering(x, n, g, 1)) != 0) die("weighted clustering", rc);
        print_doubles("clustering_weighted", x, n);
        if ((rc = km_graph_average_clustering(&d, g, 1)) != 0) die("weighted average clustering", rc);
        printf(",\n\"average_clustering_weighted\":%.17g", d);
    }
    if ((rc = km_graph_transitivity(&d, g)) != 0) die("transitivity", rc);
    printf(",\n\"transitivity\":%.17g", d);
    if ((rc = km_graph_core_number(u32, n, g)) != 0) die("core number", rc);
    print_u32s("core_number", u32, n);

    {
        static const char *const names[4] = { "betweenness", "betweenness_normalized", "betweenness_weighted",
                                              "betweenness_weighted_normalized" };
        int k;
        for (k = 0; k < (weighted ? 4 : 2); k++) {
            km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
            bo.threads = threads;
            bo.normalized = k & 1;
            bo.weighted = k >= 2;
            if ((rc = km_graph_betweenness(x, n, g, &bo)) != 0) die(names[k], rc);
            print_doubles(names[k], x, n);
        }
        if (samples) {
            km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
            bo.threads = threads;
            bo.samples = samples;
            bo.seed = seed;
            if ((rc = km_graph_betweenness(x, n, g, &bo)) != 0) die("sampled betweenness", rc);
            print_doubles("betweenness_sampled", x, n);
            bo.normalized = 1;
            if ((rc = km_graph_betweenness(x, n, g, &bo)) != 0) die("sampled betweenness", rc);
            print_doubles("betweenness_sampled_normalized", x, n);
            if ((rc = km_graph_betweenness_error_bound(&d, n, samples, 0.05, directed, 0)) != 0) die("bound", rc);
            printf(",\n\"betweenness_sampled_bound_95\":%.17g", d);
        }
    }
    {
        int k;
        for (k = 0; k < (weighted ? 2 : 1); k++) {
            km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
            co.threads = threads;
            co.weighted = k;
            if ((rc = km_graph_closeness(x, n, g, &co)) != 0) die("closeness", rc);
            print_doubles(k ? "closeness_weighted" : "closeness", x, n);
            if ((rc = km_graph_harmonic(x, n, g, &co)) != 0) die("harmonic", rc);
            print_doubles(k ? "harmonic_weighted" : "harmonic", x, n);
            if (k == 0) {
                co.wf_improved = 0;
                if ((rc = km_graph_closeness(x, n, g, &co)) != 0) die("closeness", rc);
                print_doubles("closeness_plain", x, n);
            }
        }
    }
    {
        km_pagerank_options po = KM_PAGERANK_OPTIONS_INIT;
        km_eigenvector_options eo = KM_EIGENVECTOR_OPTIONS_INIT;
        po.weighted = 0;
        if ((rc = km_graph_pagerank(x, n, g, &po)) != 0) die("pagerank", rc);
        print_doubles("pagerank", x, n);
        if ((rc = km_graph_eigenvector(x, n, g, &eo)) != 0) die("eigenvector", rc);
        print_doubles("eigenvector", x, n);
        if (weighted) {
            po.weighted = 1;
            if ((rc = km_graph_pagerank(x, n, g, &po)) != 0) die("weighted pagerank", rc);
            print_doubles("pagerank_weighted", x, n);
            eo.weighted = 1;
            if ((rc = km_graph_eigenvector(x, n, g, &eo)) != 0) die("weighted eigenvector", rc);
            print_doubles("eigenvector_weighted", x, n);
        }
    }
    if ((rc = km_graph_constraint(x, n, g, 0)) != 0) die("constraint", rc);
    print_doubles("constraint", x, n);
    if (weighted) {
        if ((rc = km_graph_constraint(x, n, g, 1)) != 0) die("weighted constraint", rc);
        print_doubles("constraint_weighted", x, n);
    }
    if (groups_path) {
        FILE *f = fopen(groups_path, "r");
        int32_t *groups = (int32_t *)xcalloc(n, sizeof(int32_t));
        uint64_t *roles = (uint64_t *)xcalloc((size_t)n * KM_BROKER__COUNT, sizeof(uint64_t));
        long gv;
        if (!f) {
            perror(groups_path);
            return 1;
        }
        for (i = 0; i < n && fscanf(f, "%ld", &gv) == 1; i++) groups[i] = (int32_t)gv;
        fclose(f);
        if (i != n) {
            fprintf(stderr, "graph_measures: %s: %u groups for %u vertices\n", groups_path, (unsigned)i, (unsigned)n);
            return 1;
        }
        if ((rc = km_graph_brokerage(roles, (size_t)n * KM_BROKER__COUNT, g, groups, n)) != 0) die("brokerage", rc);
        printf(",\n\"brokerage\":[");
        for (i = 0; i < n; i++) {
            const uint64_t *r = roles + (size_t)i * KM_BROKER__COUNT;
            printf("%s[%llu,%llu,%llu,%llu,%llu]", i ? "," : "", (unsigned long long)r[0], (unsigned long long)r[1],
                   (unsigned long long)r[2], (unsigned long long)r[3], (unsigned long long)r[4]);
        }
        printf("]");
        free(groups);
        free(roles);
    }
    if (dot_path || gexf_path) {
        /* Labels with characters that need escaping in both formats, and
         * two measures as attributes. */
        km_graph_export_options eo = KM_GRAPH_EXPORT_OPTIONS_INIT;
        char **labels = (char **)xcalloc(n, sizeof(char *));
        const char *names[2] = { "betweenness", "page \"rank\" <&>" };
        const double *values[2];
        double *bc = (double *)xcalloc(n, sizeof(double));
        if ((rc = km_graph_betweenness(bc, n, g, NULL)) != 0) die("betweenness", rc);
        if ((rc = km_graph_pagerank(x, n, g, NULL)) != 0) die("pagerank", rc);
        for (i = 0; i < n; i++) {
            labels[i] = (char *)xcalloc(64, 1);
            snprintf(labels[i], 64, "v%u \"q\" <&> \\N \xc3\xa9", (unsigned)i);
        }
        values[0] = bc;
        values[1] = x;
        eo.name = "check \"graph\"";
        eo.labels = (const char *const *)labels;
        eo.attr_names = names;
        eo.attr_values = values;
        eo.attr_count = 2;
        eo.values_len = n;
        if (dot_path) export_to(dot_path, km_graph_write_dot, g, &eo);
        if (gexf_path) export_to(gexf_path, km_graph_write_gexf, g, &eo);
        for (i = 0; i < n; i++) free(labels[i]);
        free(labels);
        free(bc);
    }
    printf("\n}\n");
    km_graph_free(g);
    free(x);
    free(u32);
    free(e.src);
    free(e.dst);
    free(e.w);
    return 0;
}
