/* cmd_network.c: the partner network as a graph (network).
 *
 * A graph is one of the library's views as of a date (view.h: the
 * co-agreement graph of partners, the directed resource-flow graph of
 * money from provider to recipient, the bipartite partner-agreement graph)
 * or an edge list given by the user (--edges FILE: no store needed). Every
 * measure of graph.h is computed on it and shown as a table (one row per
 * vertex, a summary block), an edge list, or drawn as DOT or GEXF. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

/* ---- building the graph ------------------------------------------------------ */

void cli_graph_free(cli_graph *g)
{
    size_t i;
    if (!g) return;
    km_view_free(g->view);
    km_graph_free(g->own);
    if (g->names)
        for (i = 0; i < g->n; i++) free(g->names[i]);
    if (g->regions)
        for (i = 0; i < g->n; i++) free(g->regions[i]);
    free(g->ids);
    free(g->agreement_ids);
    free(g->names);
    free(g->regions);
    free(g->kinds);
    memset(g, 0, sizeof *g);
}

/* Arrays for n vertices, zeroed. */
static void graph_alloc(cli_graph *g, size_t n)
{
    g->ids = (uint64_t *)cli_xmalloc((n + 1) * sizeof *g->ids);
    g->agreement_ids = (uint64_t *)cli_xmalloc((n + 1) * sizeof *g->agreement_ids);
    g->names = (char **)cli_xmalloc((n + 1) * sizeof *g->names);
    g->regions = (char **)cli_xmalloc((n + 1) * sizeof *g->regions);
    g->kinds = (int32_t *)cli_xmalloc((n + 1) * sizeof *g->kinds);
    memset(g->ids, 0, (n + 1) * sizeof *g->ids);
    memset(g->agreement_ids, 0, (n + 1) * sizeof *g->agreement_ids);
}

int cli_graph_build_view(cli_graph *g, km_network *net, const km_view_options *o)
{
    size_t i, n;
    int rc;
    memset(g, 0, sizeof *g);
    if ((rc = km_view_build(&g->view, net, o))) return rc;
    g->g = km_view_graph(g->view);
    n = km_graph_vertex_count(g->g);
    g->partners = km_view_partner_count(g->view);
    graph_alloc(g, n);
    for (i = 0; i < n; i++) {
        g->n = i;
        g->kinds[i] = -1;
        if (i < g->partners) {
            km_partner *p = NULL;
            g->ids[i] = km_view_partner_id(g->view, (uint32_t)i);
            if ((rc = km_partner_get(&p, net, g->ids[i]))) break;
            g->names[i] = cli_xstrdup(km_partner_name(p));
            g->regions[i] = cli_xstrdup(km_partner_region(p) ? km_partner_region(p) : "");
            g->kinds[i] = km_partner_kind_of(p);
            km_partner_free(p);
        } else {
            km_agreement *a = NULL;
            g->agreement_ids[i] = km_view_agreement_id(g->view, (uint32_t)i);
            if ((rc = km_agreement_get(&a, net, g->agreement_ids[i]))) break;
            g->names[i] = cli_xstrdup(km_agreement_reference(a) && *km_agreement_reference(a) ? km_agreement_reference(a)
                                                                                               : km_agreement_title(a));
            g->regions[i] = cli_xstrdup("");
            km_agreement_free(a);
        }
        g->n = i + 1;
    }
    if (rc) {
        cli_graph_free(g);
        return rc;
    }
    return 0;
}

int cli_graph_build(cli_graph *g, km_network *net, const char *as_of)
{
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    o.kind = KM_VIEW_COAGREEMENT;
    o.as_of = as_of;
    o.vertices = KM_VIEW_VERTICES_ALL;
    return cli_graph_build_view(g, net, &o);
}

/* ---- measures ---------------------------------------------------------------- */

int cli_graph_measures(cli_graph *g, cli_measures *m) { return cli_graph_measures_with(g, m, NULL); }

static void fill_nan(double *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) v[i] = NAN;
}

int cli_graph_measures_with(cli_graph *g, cli_measures *m, const cli_measure_opts *mo)
{
    static const cli_measure_opts defaults = { 0, 0, 0, NULL, 0 };
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    km_closeness_options co = KM_CLOSENESS_OPTIONS_INIT;
    km_pagerank_options po = KM_PAGERANK_OPTIONS_INIT;
    km_eigenvector_options eo = KM_EIGENVECTOR_OPTIONS_INIT;
    size_t n = g->n ? g->n : 1;
    int weighted, directed, rc;
    uint32_t ncomp = 0;
    if (!mo) mo = &defaults;
    memset(m, 0, sizeof *m);
    m->degree = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->in_degree = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->out_degree = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->strength = (double *)cli_xmalloc(n * sizeof(double));
    m->betweenness = (double *)cli_xmalloc(n * sizeof(double));
    m->closeness = (double *)cli_xmalloc(n * sizeof(double));
    m->harmonic = (double *)cli_xmalloc(n * sizeof(double));
    m->pagerank = (double *)cli_xmalloc(n * sizeof(double));
    m->eigenvector = (double *)cli_xmalloc(n * sizeof(double));
    m->constraint = (double *)cli_xmalloc(n * sizeof(double));
    m->clustering = (double *)cli_xmalloc(n * sizeof(double));
    m->core = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->brokerage = (uint64_t *)cli_xmalloc(n * KM_BROKER__COUNT * sizeof(uint64_t));
    m->component = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->comp_size = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->have = mo->only ? mo->only : CLI_M_ALL;
    memset(m->core, 0, n * sizeof(uint32_t));
    memset(m->brokerage, 0, n * KM_BROKER__COUNT * sizeof(uint64_t));
    fill_nan(m->strength, n);
    fill_nan(m->betweenness, n);
    fill_nan(m->closeness, n);
    fill_nan(m->harmonic, n);
    fill_nan(m->pagerank, n);
    fill_nan(m->eigenvector, n);
    fill_nan(m->constraint, n);
    fill_nan(m->clustering, n);
    m->transitivity = m->avg_clustering = NAN;
    if (!g->n) return 0;
    directed = km_graph_is_directed(g->g);
    weighted = !mo->unweighted && km_graph_is_weighted(g->g);
    /* Shortest-path measures count edges: a weight here is a tie strength
     * (agreements, money), not a length. */
    bo.normalized = 1;
    bo.samples = mo->samples;
    bo.seed = mo->seed;
    po.weighted = weighted;
    eo.weighted = weighted;
#define WANT(bit) (m->have & (bit))
    if ((rc = km_graph_degree(m->degree, n, g->g, KM_GRAPH_ALL)) || (rc = km_graph_degree(m->in_degree, n, g->g, KM_GRAPH_IN)) ||
        (rc = km_graph_degree(m->out_degree, n, g->g, KM_GRAPH_OUT)) ||
        (rc = km_graph_components(m->component, n, &ncomp, g->g)) ||
        (rc = km_graph_component_sizes(m->comp_size, n, &m->ncomp, g->g)) || (rc = km_graph_density(&m->density, g->g)) ||
        (WANT(CLI_M_STRENGTH) && (rc = km_graph_strength(m->strength, n, g->g, KM_GRAPH_ALL))) ||
        (WANT(CLI_M_BETWEENNESS) && (rc = km_graph_betweenness(m->betweenness, n, g->g, &bo))) ||
        (WANT(CLI_M_CLOSENESS) && (rc = km_graph_closeness(m->closeness, n, g->g, &co))) ||
        (WANT(CLI_M_HARMONIC) && (rc = km_graph_harmonic(m->harmonic, n, g->g, &co))) ||
        (WANT(CLI_M_CONSTRAINT) && (rc = km_graph_constraint(m->constraint, n, g->g, weighted))) ||
        (WANT(CLI_M_CLUSTERING) && ((rc = km_graph_clustering(m->clustering, n, g->g, weighted)) ||
                                    (rc = km_graph_average_clustering(&m->avg_clustering, g->g, weighted)) ||
                                    (rc = km_graph_transitivity(&m->transitivity, g->g)))) ||
        (WANT(CLI_M_CORE) && (rc = km_graph_core_number(m->core, n, g->g))) ||
        (WANT(CLI_M_BROKERAGE) &&
         (rc = km_graph_brokerage(m->brokerage, n * KM_BROKER__COUNT, g->g, mo->groups ? mo->groups : g->kinds, g->n))))
        return rc;
    if (mo->unweighted && WANT(CLI_M_STRENGTH)) /* the strength of an unweighted reading is the degree */
        for (rc = 0; (size_t)rc < g->n; rc++) m->strength[rc] = m->degree[rc];
    /* The iterative measures may not converge (KM_ERANGE): no value then. */
    if (WANT(CLI_M_PAGERANK) && (rc = km_graph_pagerank(m->pagerank, n, g->g, &po)) == KM_ERANGE) fill_nan(m->pagerank, g->n);
    else if (WANT(CLI_M_PAGERANK) && rc) return rc;
    if (WANT(CLI_M_EIGENVECTOR) && (rc = km_graph_eigenvector(m->eigenvector, n, g->g, &eo)) == KM_ERANGE)
        fill_nan(m->eigenvector, g->n);
    else if (WANT(CLI_M_EIGENVECTOR) && rc) return rc;
    if (WANT(CLI_M_BETWEENNESS) && mo->samples > 1 && mo->samples < g->n) {
        m->samples = mo->samples;
        if ((rc = km_graph_betweenness_error_bound(&m->error_bound, (uint32_t)g->n, mo->samples, 0.05, directed, 1)))
            return rc;
    }
#undef WANT
    return 0;
}

void cli_measures_free(cli_measures *m)
{
    free(m->degree);
    free(m->in_degree);
    free(m->out_degree);
    free(m->strength);
    free(m->betweenness);
    free(m->closeness);
    free(m->harmonic);
    free(m->pagerank);
    free(m->eigenvector);
    free(m->constraint);
    free(m->clustering);
    free(m->core);
    free(m->brokerage);
    free(m->component);
    free(m->comp_size);
    memset(m, 0, sizeof *m);
}

static const double *sort_key;
static int by_key_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double kx = sort_key[x], ky = sort_key[y];
    if (isnan(kx) != isnan(ky)) return isnan(kx) ? 1 : -1;
    if (kx > ky) return -1;
    if (kx < ky) return 1;
    return x < y ? -1 : x > y;
}

void cli_order_desc(size_t *ord, const double *key, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) ord[i] = i;
    sort_key = key;
    qsort(ord, n, sizeof *ord, by_key_desc);
}

/* A weight or a strength: money in the view's currency, else a number. */
static void weight_out(cli_ctx *ctx, out_row *r, const char *key, const cli_graph *g, double v)
{
    if (g->currency && v >= 0 && v < 9.2e18) cli_money_out(r, key, (int64_t)(v + 0.5), g->currency, ctx->json, ctx->lang);
    else cli_num_out(r, key, v);
}

static const char *const broker_keys[KM_BROKER__COUNT] = { "broker_coordinator", "broker_itinerant", "broker_gatekeeper",
                                                           "broker_representative", "broker_liaison" };

out_row *cli_vertex_row(cli_ctx *ctx, const cli_graph *g, const cli_measures *m, size_t v)
{
    out_row *r = out_row_new();
    int b;
    if (g->view) {
        if (g->ids[v]) out_u64(r, "partner_id", g->ids[v]);
        else out_null(r, "partner_id");
        if (km_view_kind_of(g->view) == KM_VIEW_BIPARTITE) {
            if (g->agreement_ids[v]) out_u64(r, "agreement_id", g->agreement_ids[v]);
            else out_null(r, "agreement_id");
        }
    } else {
        out_u64(r, "vertex", v);
    }
    out_str(r, "name", g->names[v]);
    if (g->kinds[v] >= 0) cli_enum_out(r, "kind", &cli_enum_partner_kind, g->kinds[v], ctx->lang);
    else if (g->view) out_null(r, "kind");
    if (g->view) out_str(r, "region", g->regions[v] && *g->regions[v] ? g->regions[v] : NULL);
    out_u64(r, "degree", m->degree[v]);
    if (g->n && km_graph_is_directed(g->g)) {
        out_u64(r, "in_degree", m->in_degree[v]);
        out_u64(r, "out_degree", m->out_degree[v]);
    }
    if (m->have & CLI_M_STRENGTH) weight_out(ctx, r, "strength", g, m->strength[v]);
    if (m->have & CLI_M_BETWEENNESS) cli_num_out(r, "betweenness", m->betweenness[v]);
    if (m->have & CLI_M_CLOSENESS) cli_num_out(r, "closeness", m->closeness[v]);
    if (m->have & CLI_M_HARMONIC) cli_num_out(r, "harmonic", m->harmonic[v]);
    if (m->have & CLI_M_PAGERANK) cli_num_out(r, "pagerank", m->pagerank[v]);
    if (m->have & CLI_M_EIGENVECTOR) cli_num_out(r, "eigenvector", m->eigenvector[v]);
    if (m->have & CLI_M_CONSTRAINT) cli_num_out(r, "constraint", m->constraint[v]);
    if (m->have & CLI_M_CLUSTERING) cli_num_out(r, "clustering", m->clustering[v]);
    if (m->have & CLI_M_CORE) out_u64(r, "core_number", m->core[v]);
    out_u64(r, "component", m->component[v]);
    out_u64(r, "component_size", m->comp_size[m->component[v]]);
    if (m->have & CLI_M_BROKERAGE)
        for (b = 0; b < KM_BROKER__COUNT; b++) out_u64(r, broker_keys[b], m->brokerage[v * KM_BROKER__COUNT + (size_t)b]);
    return r;
}

/* ---- an edge list given by the user ------------------------------------------- */

/* Names -> vertices: open addressing over the names array. */
typedef struct name_map {
    size_t *slot; /* vertex + 1, 0 = empty */
    size_t cap;
} name_map;

static size_t hash_str(const char *s)
{
    size_t h = 1469598103u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint32_t name_vertex(cli_graph *g, name_map *map, size_t *cap, const char *name)
{
    size_t h, i;
    if ((g->n + 1) * 2 > map->cap) { /* grow and rehash */
        size_t ncap = map->cap ? map->cap * 2 : 64, *ns = (size_t *)cli_xmalloc(ncap * sizeof *ns);
        memset(ns, 0, ncap * sizeof *ns);
        for (i = 0; i < g->n; i++) {
            h = hash_str(g->names[i]) & (ncap - 1);
            while (ns[h]) h = (h + 1) & (ncap - 1);
            ns[h] = i + 1;
        }
        free(map->slot);
        map->slot = ns;
        map->cap = ncap;
    }
    h = hash_str(name) & (map->cap - 1);
    while (map->slot[h]) {
        if (strcmp(g->names[map->slot[h] - 1], name) == 0) return (uint32_t)(map->slot[h] - 1);
        h = (h + 1) & (map->cap - 1);
    }
    if (g->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        g->names = (char **)cli_xrealloc(g->names, *cap * sizeof *g->names);
    }
    g->names[g->n] = cli_xstrdup(name);
    map->slot[h] = ++g->n;
    return (uint32_t)(g->n - 1);
}

/* Reads "SOURCE TARGET [WEIGHT]" lines (separated by spaces, tabs or
 * commas; '#' starts a comment line) into g. Returns 0 or an exit code
 * (message printed). */
static int read_edges(cli_ctx *ctx, const char *path, int directed, cli_graph *g)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    name_map map = { NULL, 0 };
    uint32_t *src = NULL, *dst = NULL;
    double *w = NULL;
    size_t m = 0, mcap = 0, ncap = 0, lineno = 0, linecap = 0, i;
    char *line = NULL;
    int ncols = 0, rc = 0;
    memset(g, 0, sizeof *g);
    if (!f) return cli_error(ctx, CLI_EXIT_NOT_FOUND, M_EDGES_READ, path, strerror(errno));
    while (getline(&line, &linecap, f) >= 0) {
        char *tok[4], *p = line;
        int nt = 0;
        lineno++;
        while (nt < 4) {
            while (*p == ' ' || *p == '\t' || *p == ',' || *p == '\r' || *p == '\n') p++;
            if (!*p) break;
            if (nt == 0 && *p == '#') break;
            tok[nt++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != ',' && *p != '\r' && *p != '\n') p++;
            if (*p) *p++ = '\0';
        }
        if (nt == 0) continue;
        if (!ncols) ncols = nt;
        if (nt != ncols || nt < 2 || nt > 3) {
            rc = cli_error(ctx, CLI_EXIT_INVALID, M_EDGES_COLUMNS, path, (unsigned long)lineno);
            break;
        }
        if (m == mcap) {
            mcap = mcap ? mcap * 2 : 256;
            src = (uint32_t *)cli_xrealloc(src, mcap * sizeof *src);
            dst = (uint32_t *)cli_xrealloc(dst, mcap * sizeof *dst);
            w = (double *)cli_xrealloc(w, mcap * sizeof *w);
        }
        if (nt == 3) {
            char *end;
            errno = 0;
            w[m] = strtod(tok[2], &end);
            if (*end || end == tok[2] || errno || !(w[m] > 0) || isinf(w[m])) {
                rc = cli_error(ctx, CLI_EXIT_INVALID, M_EDGES_WEIGHT, path, (unsigned long)lineno, tok[2]);
                break;
            }
        }
        if (g->n >= (size_t)UINT32_MAX - 2) {
            rc = cli_error(ctx, CLI_EXIT_INVALID, M_EDGES_COLUMNS, path, (unsigned long)lineno);
            break;
        }
        src[m] = name_vertex(g, &map, &ncap, tok[0]);
        dst[m] = name_vertex(g, &map, &ncap, tok[1]);
        m++;
    }
    if (!rc && ferror(f)) rc = cli_error(ctx, CLI_EXIT_NOT_FOUND, M_EDGES_READ, path, strerror(errno));
    if (f != stdin) fclose(f);
    free(line);
    free(map.slot);
    if (!rc) {
        char **names = g->names;
        size_t n = g->n;
        g->names = NULL;
        g->n = 0;
        graph_alloc(g, n);
        free(g->names);
        g->names = names ? names : (char **)cli_xmalloc(sizeof(char *));
        g->n = n;
        for (i = 0; i < n; i++) {
            g->regions[i] = NULL;
            g->kinds[i] = -1;
        }
        if ((rc = km_graph_new(&g->own, (uint32_t)n, src, dst, ncols == 3 ? w : NULL, m, directed, NULL)))
            rc = cli_fail(ctx, rc);
        g->g = g->own;
    }
    free(src);
    free(dst);
    free(w);
    if (rc) cli_graph_free(g);
    return rc;
}

/* ---- network ------------------------------------------------------------------ */

enum {
    N_FORMAT = 1, N_MEASURE, N_TOP, N_VIEW, N_FAMILY, N_TYPE, N_FRAMEWORK, N_REGION, N_STATUS, N_ANY_STATE, N_INVOLVED,
    N_WEIGHT, N_CURRENCY, N_FLOW, N_GROUP_BY, N_SEGMENTS, N_PARTNER, N_AGREEMENT, N_SAMPLES, N_SEED, N_UNWEIGHTED,
    N_EDGES, N_DIRECTED, N_DATE, N_MEASURES
};
static const cli_opt network_opts[] = {
    { "view", N_VIEW, 1, "co-agreement|resource-flow|bipartite",
      { "graf yang dilihat (bawaan co-agreement)", "which graph (default co-agreement)" } },
    { "date", N_DATE, 1, "DATE",
      { "tanggal graf pada data saat ini, mis. hari mendatang (bawaan: hari --as-of atau hari ini)",
        "the graph's date on the current records, e.g. a future day (default: the --as-of day or today)" } },
    { "format", N_FORMAT, 1, "table|edges|dot|gexf", { "format keluaran (bawaan table)", "output format (default table)" } },
    { "measure", N_MEASURE, 1, "M",
      { "urutkan menurut: degree, in_degree, out_degree, strength, betweenness (bawaan), closeness, harmonic, pagerank, "
        "eigenvector, constraint (terendah dulu), clustering, core_number, component_size, broker_coordinator, "
        "broker_itinerant, broker_gatekeeper, broker_representative, broker_liaison",
        "sort by: degree, in_degree, out_degree, strength, betweenness (default), closeness, harmonic, pagerank, "
        "eigenvector, constraint (lowest first), clustering, core_number, component_size, broker_coordinator, "
        "broker_itinerant, broker_gatekeeper, broker_representative, broker_liaison" } },
    { "top", N_TOP, 1, "N", { "hanya N baris teratas", "only the top N rows" } },
    { "measures", N_MEASURES, 1, "M[,M...]",
      { "hitung hanya ukuran ini (selain derajat dan komponen): strength, betweenness, closeness, harmonic, pagerank, "
        "eigenvector, constraint, clustering, core_number, brokerage (bawaan semua)",
        "compute only these measures (besides degree and components): strength, betweenness, closeness, harmonic, "
        "pagerank, eigenvector, constraint, clustering, core_number, brokerage (default all)" } },
    { "family", N_FAMILY, 1, "FAMILY", { "hanya perjanjian keluarga ini", "only agreements of this family" } },
    { "type", N_TYPE, 1, "TYPE", { "hanya perjanjian jenis ini", "only agreements of this type" } },
    { "framework", N_FRAMEWORK, 1, "ID", { "hanya perjanjian di bawah kerangka ini", "only agreements under this framework" } },
    { "region", N_REGION, 1, "KODE", { "hanya perjanjian di wilayah ini (awalan kode wilayah)", "only agreements in this region (kode wilayah prefix)" } },
    { "status", N_STATUS, 1, "S[,S...]",
      { "hanya perjanjian berstatus ini (dalam keadaan apa pun pada tanggalnya)", "only agreements in these statuses (in any state on the date)" } },
    { "any-state", N_ANY_STATE, 0, NULL,
      { "perjanjian dalam keadaan apa pun, bukan hanya yang berlaku", "agreements in any state, not only those in force" } },
    { "involved", N_INVOLVED, 0, NULL,
      { "hanya mitra yang terlibat dalam perjanjian terpilih", "only partners involved in a selected agreement" } },
    { "weight", N_WEIGHT, 1, "count|value",
      { "bobot co-agreement: jumlah perjanjian atau nilainya (bawaan count)", "co-agreement weight: number of agreements or their value (default count)" } },
    { "currency", N_CURRENCY, 1, "CODE",
      { "mata uang untuk --weight value dan resource-flow (bawaan IDR)", "currency of --weight value and resource-flow (default IDR)" } },
    { "flow", N_FLOW, 1, "committed|disbursed",
      { "resource-flow: dana dikomitmenkan atau dicairkan (bawaan committed)", "resource-flow: money committed or disbursed (default committed)" } },
    { "group-by", N_GROUP_BY, 1, "kind|region",
      { "kelompok untuk peran perantara (bawaan kind)", "groups of the brokerage roles (default kind)" } },
    { "segments", N_SEGMENTS, 1, "N",
      { "--group-by region: jumlah segmen kode wilayah, 1-4 (bawaan 2)", "--group-by region: kode wilayah segments, 1-4 (default 2)" } },
    { "partner", N_PARTNER, 1, "ID", { "hanya baris mitra ini", "only this partner's row" } },
    { "agreement", N_AGREEMENT, 1, "ID", { "bipartite: hanya baris perjanjian ini", "bipartite: only this agreement's row" } },
    { "samples", N_SAMPLES, 1, "K",
      { "betweenness diperkirakan dari K simpul sumber (dengan batas galat)", "estimate betweenness from K source vertices (with an error bound)" } },
    { "seed", N_SEED, 1, "N", { "benih sampel --samples", "seed of the --samples sample" } },
    { "unweighted", N_UNWEIGHTED, 0, NULL, { "abaikan bobot dalam setiap ukuran", "ignore the weights in every measure" } },
    { "edges", N_EDGES, 1, "FILE",
      { "ukur daftar sisi milik sendiri (SUMBER TUJUAN [BOBOT] per baris; - untuk stdin), tanpa penyimpanan",
        "measure your own edge list (SOURCE TARGET [WEIGHT] a line; - for stdin), no store needed" } },
    { "directed", N_DIRECTED, 0, NULL, { "--edges: sisi berarah", "--edges: the edges are directed" } },
    NO_OPTS,
};

/* The tool's names of the view kinds (their words: km_view_kind_label). */
static const char *const view_names[KM_VIEW_KIND__COUNT] = { "co_agreement", "resource_flow", "bipartite" };

/* The sortable measures: name, and whether low is better (constraint). */
static const char *const measure_names[] = { "degree",      "in_degree",  "out_degree",  "strength",     "betweenness",
                                             "closeness",   "harmonic",   "pagerank",    "eigenvector",  "constraint",
                                             "clustering",  "core_number", "component_size", "broker_coordinator",
                                             "broker_itinerant", "broker_gatekeeper", "broker_representative",
                                             "broker_liaison", NULL };
#define MEASURE_CHOICES                                                                                              \
    "degree, in_degree, out_degree, strength, betweenness, closeness, harmonic, pagerank, eigenvector, constraint, " \
    "clustering, core_number, component_size, broker_coordinator, broker_itinerant, broker_gatekeeper, "           \
    "broker_representative, broker_liaison"

/* The CLI_M_* bit a sortable measure needs (0: always there). */
static unsigned measure_bit(int k)
{
    static const unsigned bits[] = { 0, 0, 0, CLI_M_STRENGTH, CLI_M_BETWEENNESS, CLI_M_CLOSENESS, CLI_M_HARMONIC,
                                     CLI_M_PAGERANK, CLI_M_EIGENVECTOR, CLI_M_CONSTRAINT, CLI_M_CLUSTERING, CLI_M_CORE, 0 };
    return k < (int)(sizeof bits / sizeof bits[0]) ? bits[k] : CLI_M_BROKERAGE;
}

/* --measures: names of the groups of measures to compute. */
static const char *const group_names[] = { "strength", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector",
                                           "constraint", "clustering", "core_number", "brokerage", NULL };

static double measure_value(const cli_measures *m, int k, size_t v)
{
    switch (k) {
    case 0: return m->degree[v];
    case 1: return m->in_degree[v];
    case 2: return m->out_degree[v];
    case 3: return m->strength[v];
    case 4: return m->betweenness[v];
    case 5: return m->closeness[v];
    case 6: return m->harmonic[v];
    case 7: return m->pagerank[v];
    case 8: return m->eigenvector[v];
    case 9: return -m->constraint[v]; /* low constraint: a broker */
    case 10: return m->clustering[v];
    case 11: return m->core[v];
    case 12: return m->comp_size[m->component[v]];
    default: return (double)m->brokerage[v * KM_BROKER__COUNT + (size_t)(k - 13)];
    }
}

static int write_file(void *payload, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)payload) == len ? 0 : -1;
}

static int draw(cli_ctx *ctx, const cli_graph *g, const cli_measures *m, int dot)
{
    enum { NATTR = 12 };
    static const char *const names[NATTR] = { "partner_id", "agreement_id", "kind",       "degree",
                                              "strength",   "betweenness",  "closeness",  "pagerank",
                                              "eigenvector", "clustering",  "core_number", "component" };
    km_graph_export_options eo = KM_GRAPH_EXPORT_OPTIONS_INIT;
    double *cols[NATTR];
    const double *vals[NATTR];
    const char *attr_names[NATTR];
    size_t i, k, na = 0, n = g->n + 1;
    int rc, bip = g->view && km_view_kind_of(g->view) == KM_VIEW_BIPARTITE;
    for (k = 0; k < NATTR; k++) {
        if (k == 0 && !g->view) continue;
        if (k == 1 && !bip) continue;
        if (k == 2 && !g->view) continue;
        if ((k == 4 && !(m->have & CLI_M_STRENGTH)) || (k == 5 && !(m->have & CLI_M_BETWEENNESS)) ||
            (k == 6 && !(m->have & CLI_M_CLOSENESS)) || (k == 7 && !(m->have & CLI_M_PAGERANK)) ||
            (k == 8 && !(m->have & CLI_M_EIGENVECTOR)) || (k == 9 && !(m->have & CLI_M_CLUSTERING)) ||
            (k == 10 && !(m->have & CLI_M_CORE)))
            continue;
        cols[na] = (double *)cli_xmalloc(n * sizeof(double));
        for (i = 0; i < g->n; i++) {
            double x;
            switch (k) {
            case 0: x = g->ids[i] ? (double)g->ids[i] : NAN; break;
            case 1: x = g->agreement_ids[i] ? (double)g->agreement_ids[i] : NAN; break;
            case 2: x = g->kinds[i] >= 0 ? g->kinds[i] : NAN; break;
            case 3: x = m->degree[i]; break;
            case 4: x = m->strength[i]; break;
            case 5: x = m->betweenness[i]; break;
            case 6: x = m->closeness[i]; break;
            case 7: x = m->pagerank[i]; break;
            case 8: x = m->eigenvector[i]; break;
            case 9: x = m->clustering[i]; break;
            case 10: x = m->core[i]; break;
            default: x = m->component[i]; break;
            }
            cols[na][i] = x;
        }
        vals[na] = cols[na];
        attr_names[na++] = names[k];
    }
    eo.name = g->view ? view_names[km_view_kind_of(g->view)] : "edges";
    eo.labels = g->n ? (const char *const *)g->names : NULL;
    eo.attr_names = attr_names;
    eo.attr_values = vals;
    eo.attr_count = g->n ? na : 0;
    eo.values_len = g->n;
    rc = dot ? km_graph_write_dot(g->g, &eo, write_file, ctx->out) : km_graph_write_gexf(g->g, &eo, write_file, ctx->out);
    for (k = 0; k < na; k++) free(cols[k]);
    if (rc) return cli_fail(ctx, rc);
    return fflush(ctx->out) == 0 ? 0 : CLI_EXIT_INTERNAL;
}

/* The summary block of the table and edge formats. */
static void summary(cli_ctx *ctx, out_row *row, const cli_graph *g, const cli_measures *m)
{
    uint32_t largest = 0, i;
    int directed = g->n && km_graph_is_directed(g->g);
    if (g->view) {
        int k = km_view_kind_of(g->view);
        out_enum(row, "view", view_names[k], km_view_kind_label(k, ctx->lang));
        out_str(row, "as_of", km_view_as_of(g->view));
        out_u64(row, "partners", g->partners);
        out_u64(row, "agreements", km_view_agreement_count(g->view));
        out_str(row, "currency", g->currency);
    } else {
        out_u64(row, "vertex_count", g->n);
    }
    out_bool(row, "directed", directed);
    out_bool(row, "weighted", g->n && km_graph_is_weighted(g->g));
    out_u64(row, "ties", g->n ? km_graph_edge_count(g->g) : 0);
    cli_num_out(row, "density", g->n ? m->density : NAN);
    out_u64(row, "components", m->ncomp);
    for (i = 0; i < m->ncomp; i++)
        if (m->comp_size[i] > largest) largest = m->comp_size[i];
    out_u64(row, "largest_component", largest);
    cli_num_out(row, "transitivity", g->n ? m->transitivity : NAN);
    cli_num_out(row, "average_clustering", g->n ? m->avg_clustering : NAN);
    out_u64(row, "betweenness_samples", m->samples);
    if (m->samples) cli_num_out(row, "betweenness_error_bound", m->error_bound);
    else out_null(row, "betweenness_error_bound");
}

static void edge_rows(cli_ctx *ctx, out_row *row, const cli_graph *g)
{
    size_t ne = g->n ? (size_t)km_graph_edge_count(g->g) : 0, i, cell;
    uint32_t *s = (uint32_t *)cli_xmalloc((ne + 1) * sizeof *s), *t = (uint32_t *)cli_xmalloc((ne + 1) * sizeof *t);
    double *w = (double *)cli_xmalloc((ne + 1) * sizeof *w);
    if (ne && km_graph_edges(s, t, w, ne, g->g)) ne = 0;
    cell = out_rows(row, "edges", g->view ? "source_id,source,target_id,target,weight" : "source,target,weight", 1);
    for (i = 0; i < ne; i++) {
        out_row *r = out_row_new();
        char buf[48];
        if (g->view) out_u64(r, "source_id", g->ids[s[i]] ? g->ids[s[i]] : g->agreement_ids[s[i]]);
        out_str(r, "source", g->names[s[i]]);
        if (g->view) out_u64(r, "target_id", g->ids[t[i]] ? g->ids[t[i]] : g->agreement_ids[t[i]]);
        out_str(r, "target", g->names[t[i]]);
        if (g->currency) {
            weight_out(ctx, r, "weight", g, w[i]);
        } else {
            snprintf(buf, sizeof buf, "%.17g", w[i]);
            out_json(r, "weight", buf);
        }
        out_rows_add(row, cell, r);
    }
    free(s);
    free(t);
    free(w);
}

/* A comma-separated list of agreement statuses as a mask. */
static int status_mask(cli_ctx *ctx, const cli_optval *o, uint32_t *mask)
{
    char *copy = cli_xstrdup(o->value), *p = copy;
    int rc = 0;
    for (;;) {
        char *e = strchr(p, ',');
        int v;
        if (e) *e = '\0';
        if ((rc = cli_value_enum_str(ctx, o->name, p, &cli_enum_agreement_status, &v))) break;
        if (v < 0 || v >= 32) {
            rc = cli_usage(ctx, M_BAD_CHOICE, o->name, p, "draft, proposed, signed, active, ...");
            break;
        }
        *mask |= KM_AGREEMENT_STATUS_BIT(v);
        if (!e) break;
        p = e + 1;
    }
    free(copy);
    return rc;
}

static int cmd_network(cli_ctx *ctx, const cli_args *args)
{
    km_view_options vo = KM_VIEW_OPTIONS_INIT;
    cli_measure_opts mo = { 0, 0, 0, NULL, 0 };
    const char *format = "table", *edges = NULL, *view_opt = NULL, *store_opt = NULL;
    char columns[400];
    int measure = 4, group_by = KM_VIEW_GROUP_KIND, directed = 0, opened = 0;
    uint32_t top = 0, segments = 2;
    uint64_t partner = 0, agreement = 0;
    int32_t *groups = NULL;
    cli_graph g;
    cli_measures m;
    size_t i;
    int rc, k;
    vo.vertices = KM_VIEW_VERTICES_ALL;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case N_FORMAT:
            format = o->value;
            if (strcmp(format, "table") && strcmp(format, "edges") && strcmp(format, "dot") && strcmp(format, "gexf"))
                return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "table, edges, dot, gexf");
            break;
        case N_MEASURE:
            for (k = 0; measure_names[k]; k++)
                if (cli_name_eq(o->value, measure_names[k])) break;
            if (!measure_names[k]) return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, MEASURE_CHOICES);
            measure = k;
            break;
        case N_TOP:
            if (cli_value_u32(ctx, o, &top)) return CLI_EXIT_USAGE;
            break;
        case N_VIEW:
            for (k = 0; k < KM_VIEW_KIND__COUNT; k++)
                if (cli_name_eq(o->value, view_names[k])) break;
            if (k == KM_VIEW_KIND__COUNT)
                return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "co-agreement, resource-flow, bipartite");
            vo.kind = k;
            view_opt = o->name;
            break;
        case N_FAMILY:
            if (cli_value_enum(ctx, o, &cli_enum_family, &vo.family)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_TYPE:
            if (cli_value_enum(ctx, o, &cli_enum_agreement_type, &vo.type)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_FRAMEWORK:
            if (cli_value_id(ctx, o->value, &vo.framework_id)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_DATE:
            if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
            vo.as_of = o->value;
            store_opt = o->name;
            break;
        case N_REGION:
            vo.region_prefix = o->value;
            store_opt = o->name;
            break;
        case N_STATUS:
            if (status_mask(ctx, o, &vo.status_mask)) return CLI_EXIT_USAGE;
            vo.active_only = 0;
            store_opt = o->name;
            break;
        case N_ANY_STATE:
            vo.active_only = 0;
            store_opt = o->name;
            break;
        case N_INVOLVED:
            vo.vertices = KM_VIEW_VERTICES_INVOLVED;
            store_opt = o->name;
            break;
        case N_WEIGHT:
            if (cli_name_eq(o->value, "count")) vo.weight = KM_VIEW_WEIGHT_COUNT;
            else if (cli_name_eq(o->value, "value")) vo.weight = KM_VIEW_WEIGHT_VALUE;
            else return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "count, value");
            store_opt = o->name;
            break;
        case N_CURRENCY:
            vo.currency = o->value;
            store_opt = o->name;
            break;
        case N_FLOW:
            if (cli_name_eq(o->value, "committed")) vo.flow = KM_VIEW_FLOW_COMMITTED;
            else if (cli_name_eq(o->value, "disbursed")) vo.flow = KM_VIEW_FLOW_DISBURSED;
            else return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "committed, disbursed");
            store_opt = o->name;
            break;
        case N_GROUP_BY:
            if (cli_name_eq(o->value, "kind")) group_by = KM_VIEW_GROUP_KIND;
            else if (cli_name_eq(o->value, "region")) group_by = KM_VIEW_GROUP_REGION;
            else return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "kind, region");
            store_opt = o->name;
            break;
        case N_SEGMENTS:
            if (cli_value_u32(ctx, o, &segments)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_PARTNER:
            if (cli_value_id(ctx, o->value, &partner)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_AGREEMENT:
            if (cli_value_id(ctx, o->value, &agreement)) return CLI_EXIT_USAGE;
            store_opt = o->name;
            break;
        case N_SAMPLES:
            if (cli_value_u32(ctx, o, &mo.samples)) return CLI_EXIT_USAGE;
            break;
        case N_SEED:
            if (cli_value_u64(ctx, o, &mo.seed)) return CLI_EXIT_USAGE;
            break;
        case N_MEASURES: {
            char *copy = cli_xstrdup(o->value), *p = copy, *e;
            for (;;) {
                if ((e = strchr(p, ','))) *e = '\0';
                for (k = 0; group_names[k]; k++)
                    if (cli_name_eq(p, group_names[k])) break;
                if (!group_names[k]) {
                    rc = cli_usage(ctx, M_BAD_CHOICE, o->name, p,
                                   "strength, betweenness, closeness, harmonic, pagerank, eigenvector, constraint, "
                                   "clustering, core_number, brokerage");
                    free(copy);
                    return rc;
                }
                mo.only |= 1u << k;
                if (!e) break;
                p = e + 1;
            }
            free(copy);
            break;
        }
        case N_UNWEIGHTED: mo.unweighted = 1; break;
        case N_EDGES: edges = o->value; break;
        case N_DIRECTED: directed = 1; break;
        default: break;
        }
    }
    if (mo.only) mo.only |= measure_bit(measure);
    if (edges) {
        if (view_opt || store_opt) return cli_usage(ctx, M_OPTION_CONFLICT, view_opt ? view_opt : store_opt, "--edges");
        if (ctx->as_of_time || ctx->as_of_seq) return cli_usage(ctx, M_OPTION_CONFLICT, "--as-of", "--edges");
        if ((rc = read_edges(ctx, edges, directed, &g))) return rc;
    } else {
        if (directed) return cli_usage(ctx, M_MISSING_ARGUMENT, "--edges FILE", ctx->path);
        if (agreement && vo.kind != KM_VIEW_BIPARTITE) return cli_usage(ctx, M_MISSING_ARGUMENT, "--view bipartite", ctx->path);
        if ((vo.kind == KM_VIEW_RESOURCE_FLOW || vo.weight == KM_VIEW_WEIGHT_VALUE) && !vo.currency) vo.currency = "IDR";
        if (!ctx->net) { /* not inside a session that is open already */
            if ((rc = cli_open(ctx, CLI_READ))) return rc;
            opened = 1;
        }
        if ((rc = cli_graph_build_view(&g, ctx->net, &vo)) == 0 &&
            (vo.kind == KM_VIEW_RESOURCE_FLOW || (vo.kind == KM_VIEW_COAGREEMENT && vo.weight == KM_VIEW_WEIGHT_VALUE)))
            g.currency = vo.currency;
        if (rc) {
            rc = cli_fail(ctx, rc);
            if (opened) cli_close(ctx);
            return rc;
        }
        if (group_by == KM_VIEW_GROUP_REGION || km_view_kind_of(g.view) == KM_VIEW_BIPARTITE) {
            groups = (int32_t *)cli_xmalloc((g.n + 1) * sizeof *groups);
            if ((rc = km_view_groups(groups, g.n, g.view, group_by, segments))) {
                rc = cli_fail(ctx, rc);
                goto done_graph;
            }
            mo.groups = groups;
        }
    }
    if ((rc = cli_graph_measures_with(&g, &m, &mo))) {
        rc = cli_fail(ctx, rc);
        cli_measures_free(&m);
        goto done_graph;
    }
    if (!strcmp(format, "dot") || !strcmp(format, "gexf")) {
        rc = draw(ctx, &g, &m, format[0] == 'd');
    } else {
        out_row *row = out_row_new();
        summary(ctx, row, &g, &m);
        if (!strcmp(format, "edges")) {
            edge_rows(ctx, row, &g);
        } else {
            double *key = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
            size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord), cell, only = (size_t)-1;
            uint32_t vx = 0;
            int directed_g = g.n && km_graph_is_directed(g.g);
            if (partner && (rc = km_view_partner_vertex(&vx, g.view, partner)) == 0) only = vx;
            if (!rc && agreement && (rc = km_view_agreement_vertex(&vx, g.view, agreement)) == 0) only = vx;
            if (rc) {
                rc = cli_fail(ctx, rc);
                free(key);
                free(ord);
                out_row_free(row);
                cli_measures_free(&m);
                goto done_graph;
            }
            for (i = 0; i < g.n; i++) key[i] = measure_value(&m, measure, i);
            cli_order_desc(ord, key, g.n);
            snprintf(columns, sizeof columns, "%s%sname,%s%s", g.view ? "partner_id," : "vertex,",
                     g.view && km_view_kind_of(g.view) == KM_VIEW_BIPARTITE ? "agreement_id," : "",
                     g.view ? "kind," : "", directed_g ? "in_degree,out_degree" : "degree");
            {
                static const char *const shown[] = { "strength", "betweenness", "closeness", NULL, "pagerank",
                                                     "eigenvector", "constraint", "clustering", "core_number" };
                for (k = 0; k < 9; k++)
                    if (shown[k] && (m.have & (1u << k))) {
                        strcat(columns, ",");
                        strcat(columns, shown[k]);
                    }
            }
            if (!strstr(columns, measure_names[measure])) {
                strcat(columns, ",");
                strcat(columns, measure_names[measure]);
            }
            cell = out_rows(row, "vertices", columns, 1);
            for (i = 0, k = 0; i < g.n && (!top || (uint32_t)k < top); i++) {
                if (only != (size_t)-1 && ord[i] != only) continue;
                out_rows_add(row, cell, cli_vertex_row(ctx, &g, &m, ord[i]));
                k++;
            }
            free(key);
            free(ord);
        }
        rc = cli_emit(ctx, row);
    }
    cli_measures_free(&m);
done_graph:
    free(groups);
    cli_graph_free(&g);
    if (opened) {
        int closed = cli_close(ctx);
        if (!rc) rc = closed;
    }
    return rc;
}

const cli_command cli_network_commands[] = {
    { "network",
      "[--view co-agreement|resource-flow|bipartite] [--format table|edges|dot|gexf] [--measure M] [--top N] [filters] | "
      "--edges FILE [--directed]",
      { "jaringan mitra sebagai graf: ukuran sentralitas, perantara, komponen", "the partner network as a graph: centrality, brokers, components" },
      network_opts, "kemitraan network --view resource-flow --flow disbursed --measure strength --top 10",
      CLI_READ | CLI_OWN, 0, cmd_network },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
