/* Shortest-path measures: betweenness (Brandes 2001, exact or from sampled
 * pivots), closeness and harmonic centrality.
 *
 * The per-source kernels are written for speed: int32 neighbour arrays, a
 * plain array as the BFS queue (which doubles as the stack of visited
 * vertices), every work array allocated once per thread before the loop
 * over sources, and no predecessor lists. Instead of storing predecessors,
 * the dependency accumulation pulls from successors: a vertex v's dependency
 * is sigma(v) times the sum of coef(w) = (1 + delta(w)) / sigma(w) over its
 * successors w on shortest paths. In the unweighted kernel levels are
 * processed whole, from the deepest up, and coef is published only after a
 * level is finished; the only neighbours of a level-d vertex with a
 * non-zero coef are then exactly its successors at level d + 1, so the inner
 * loop needs no distance test at all. The weighted kernel (Dijkstra with an
 * indexed binary heap) tests dist(v) + w(v,u) == dist(u), the same
 * floating-point expression that counted the paths, as NetworkX does.
 *
 * Before the loop the traversed CSR is renumbered by decreasing degree
 * (relabel_build) for cache locality; results are mapped back.
 *
 * Threads take sources by residue (source i goes to thread i mod T) and
 * each accumulates into its own array; the arrays are summed in thread
 * order at the end, so a given thread count always gives the same bits. */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

typedef struct path_ws {
    int32_t *hops;  /* BFS distance, -1 = not reached */
    double *dist;   /* Dijkstra distance, INFINITY = not reached */
    double *sigma;  /* number of shortest paths from the source */
    double *coef;   /* (1 + delta) / sigma once final, else 0 */
    double *dtmp;   /* dependency of order[i] while its level is pending */
    uint32_t *order; /* visit order (queue, then stack) */
    uint32_t *lvl;  /* BFS level boundaries in order[] */
    double *hkey;   /* heap keys */
    uint32_t *hv;   /* heap vertices */
    uint32_t *hpos; /* position of a vertex in the heap */
    double *acc;    /* this thread's betweenness sums */
} path_ws;

static void ws_free(const km_allocator *a, path_ws *w)
{
    km__free(a, w->hops);
    km__free(a, w->dist);
    km__free(a, w->sigma);
    km__free(a, w->coef);
    km__free(a, w->dtmp);
    km__free(a, w->order);
    km__free(a, w->lvl);
    km__free(a, w->hkey);
    km__free(a, w->hv);
    km__free(a, w->hpos);
    km__free(a, w->acc);
    memset(w, 0, sizeof *w);
}

enum { WS_BETWEENNESS = 1, WS_DISTANCES = 2 };

static int ws_alloc(const km_allocator *a, path_ws *w, uint32_t n, int weighted, int purpose)
{
    size_t nn = n ? n : 1;
    uint32_t v;
    int ok = 1;
    memset(w, 0, sizeof *w);
    w->order = (uint32_t *)km__calloc(a, nn, sizeof(uint32_t));
    ok &= w->order != NULL;
    if (weighted) {
        w->dist = (double *)km__calloc(a, nn, sizeof(double));
        w->hkey = (double *)km__calloc(a, nn, sizeof(double));
        w->hv = (uint32_t *)km__calloc(a, nn, sizeof(uint32_t));
        w->hpos = (uint32_t *)km__calloc(a, nn, sizeof(uint32_t));
        ok &= w->dist && w->hkey && w->hv && w->hpos;
    } else {
        w->hops = (int32_t *)km__calloc(a, nn, sizeof(int32_t));
        w->lvl = (uint32_t *)km__calloc(a, nn + 1, sizeof(uint32_t));
        ok &= w->hops && w->lvl;
    }
    if (purpose == WS_BETWEENNESS) {
        w->sigma = (double *)km__calloc(a, nn, sizeof(double));
        w->coef = (double *)km__calloc(a, nn, sizeof(double)); /* zero = not final */
        w->acc = (double *)km__calloc(a, nn, sizeof(double));
        ok &= w->sigma && w->coef && w->acc;
        if (!weighted) {
            w->dtmp = (double *)km__calloc(a, nn, sizeof(double));
            ok &= w->dtmp != NULL;
        }
    }
    if (!ok) {
        ws_free(a, w);
        return km__nomem();
    }
    for (v = 0; v < n; v++) {
        if (weighted) w->dist[v] = INFINITY;
        else w->hops[v] = -1;
    }
    return 0;
}

/* ---- breadth-first search ---------------------------------------------------- */

/* Visits everything reachable from s in c; fills order[], hops[], the level
 * boundaries lvl[0..levels] and, with count_paths, sigma[]. Returns the
 * number of levels; *reached receives the number of vertices visited. */
static inline uint32_t bfs(const km__csr *c, uint32_t s, path_ws *w, int count_paths, size_t *reached)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj;
    int32_t *hops = w->hops;
    double *sigma = w->sigma;
    uint32_t *order = w->order, *lvl = w->lvl, levels = 0;
    size_t start = 0, end = 1, tail = 1, i, k;
    int32_t next = 1;
    order[0] = s;
    hops[s] = 0;
    if (count_paths) sigma[s] = 1.0;
    while (start < end) {
        lvl[levels++] = (uint32_t)start;
        for (i = start; i < end; i++) {
            uint32_t v = order[i];
            const size_t ke = off[v + 1];
            if (count_paths) {
                const double sv = sigma[v];
                for (k = off[v]; k < ke; k++) {
                    uint32_t u = adj[k];
                    int32_t hu = hops[u];
                    if (hu < 0) {
                        hops[u] = next;
                        sigma[u] = sv;
                        order[tail++] = u;
                    } else if (hu == next) {
                        sigma[u] += sv;
                    }
                }
            } else {
                for (k = off[v]; k < ke; k++) {
                    uint32_t u = adj[k];
                    if (hops[u] < 0) {
                        hops[u] = next;
                        order[tail++] = u;
                    }
                }
            }
        }
        start = end;
        end = tail;
        next++;
    }
    lvl[levels] = (uint32_t)tail;
    *reached = tail;
    return levels;
}

/* Brandes from one source, unweighted; adds the dependencies to acc[]. */
static void brandes_bfs(const km__csr *c, uint32_t s, path_ws *w)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj, *order = w->order, *lvl = w->lvl;
    double *sigma = w->sigma, *coef = w->coef, *dtmp = w->dtmp, *acc = w->acc;
    size_t reached, i, k;
    uint32_t levels = bfs(c, s, w, 1, &reached), l;
    for (l = levels - 1; l >= 1; l--) {
        const size_t b = lvl[l], e = lvl[l + 1];
        for (i = b; i < e; i++) {
            uint32_t v = order[i];
            /* Four partial sums: one chain of dependent additions would
             * cost an add latency per neighbour. */
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            const size_t ke = off[v + 1];
            k = off[v];
            for (; k + 4 <= ke; k += 4) {
                s0 += coef[adj[k]];
                s1 += coef[adj[k + 1]];
                s2 += coef[adj[k + 2]];
                s3 += coef[adj[k + 3]];
            }
            for (; k < ke; k++) s0 += coef[adj[k]];
            dtmp[i] = sigma[v] * ((s0 + s1) + (s2 + s3));
        }
        for (i = b; i < e; i++) {
            uint32_t v = order[i];
            acc[v] += dtmp[i];
            coef[v] = (1.0 + dtmp[i]) / sigma[v];
        }
    }
    for (i = 0; i < reached; i++) {
        uint32_t v = order[i];
        w->hops[v] = -1;
        coef[v] = 0;
    }
}

/* ---- Dijkstra ------------------------------------------------------------------ */

static inline void heap_up(path_ws *w, uint32_t i)
{
    double key = w->hkey[i];
    uint32_t v = w->hv[i];
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (w->hkey[p] <= key) break;
        w->hkey[i] = w->hkey[p];
        w->hv[i] = w->hv[p];
        w->hpos[w->hv[i]] = i;
        i = p;
    }
    w->hkey[i] = key;
    w->hv[i] = v;
    w->hpos[v] = i;
}

static inline void heap_down(path_ws *w, uint32_t i, uint32_t size)
{
    double key = w->hkey[i];
    uint32_t v = w->hv[i];
    for (;;) {
        uint32_t c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && w->hkey[c + 1] < w->hkey[c]) c++;
        if (w->hkey[c] >= key) break;
        w->hkey[i] = w->hkey[c];
        w->hv[i] = w->hv[c];
        w->hpos[w->hv[i]] = i;
        i = c;
    }
    w->hkey[i] = key;
    w->hv[i] = v;
    w->hpos[v] = i;
}

/* Settles everything reachable from s in c in order of distance; fills
 * order[], dist[] and, with count_paths, sigma[] (NetworkX's rule: a path
 * of exactly equal length adds, a shorter one resets). Returns the number
 * of vertices settled. */
static size_t dijkstra(const km__csr *c, uint32_t s, path_ws *w, int count_paths, int use_w)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj;
    const double *wt = c->w;
    double *dist = w->dist, *sigma = w->sigma;
    uint32_t size = 0;
    size_t settled = 0, k;
    dist[s] = 0;
    if (count_paths) sigma[s] = 1.0;
    w->hkey[0] = 0;
    w->hv[0] = s;
    w->hpos[s] = 0;
    size = 1;
    while (size > 0) {
        uint32_t v = w->hv[0];
        const double dv = dist[v];
        const size_t ke = off[v + 1];
        if (--size > 0) {
            w->hkey[0] = w->hkey[size];
            w->hv[0] = w->hv[size];
            heap_down(w, 0, size);
        }
        w->order[settled++] = v;
        for (k = off[v]; k < ke; k++) {
            uint32_t u = adj[k];
            double nd = dv + (use_w ? wt[k] : 1.0);
            double du = dist[u];
            if (du == INFINITY) {
                dist[u] = nd;
                if (count_paths) sigma[u] = sigma[v];
                w->hkey[size] = nd;
                w->hv[size] = u;
                heap_up(w, size++);
            } else if (nd < du) {
                dist[u] = nd;
                if (count_paths) sigma[u] = sigma[v];
                w->hkey[w->hpos[u]] = nd;
                heap_up(w, w->hpos[u]);
            } else if (count_paths && nd == du) {
                sigma[u] += sigma[v];
            }
        }
    }
    return settled;
}

/* Brandes from one source, weighted. */
static void brandes_dijkstra(const km__csr *c, uint32_t s, path_ws *w)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj, *order = w->order;
    const double *wt = c->w, *dist = w->dist, *sigma = w->sigma;
    double *coef = w->coef, *acc = w->acc;
    size_t reached = dijkstra(c, s, w, 1, 1), i, k;
    for (i = reached; i-- > 1;) {
        uint32_t v = order[i];
        const double dv = dist[v];
        const size_t ke = off[v + 1];
        double sum = 0, delta;
        for (k = off[v]; k < ke; k++) {
            uint32_t u = adj[k];
            if (dv + wt[k] == dist[u]) sum += coef[u];
        }
        delta = sigma[v] * sum;
        acc[v] += delta;
        coef[v] = (1.0 + delta) / sigma[v];
    }
    for (i = 0; i < reached; i++) {
        uint32_t v = order[i];
        w->dist[v] = INFINITY;
        coef[v] = 0;
    }
}

/* ---- the thread runner ------------------------------------------------------------ */

typedef struct path_job {
    const km_graph *g;
    const km__csr *c;
    int weighted;         /* use the weights (the graph has them) */
    const uint32_t *sources; /* NULL = every vertex */
    uint32_t n_sources;
    path_ws *ws;          /* one per thread */
    double *result;       /* closeness/harmonic: one value per source */
    const uint32_t *old_of; /* vertex id in the graph of each id in c */
    int measure;          /* M_* */
    int wf_improved;
} path_job;

enum { M_BETWEENNESS, M_CLOSENESS, M_HARMONIC };

/* Closeness and harmonic centrality of u from its distances (already
 * computed over the reversed graph: distances towards u). */
static double closeness_of(const path_job *j, path_ws *w, size_t reached)
{
    const uint32_t *order = w->order;
    double tot = 0, r, n = (double)j->g->n, c = 0;
    size_t i;
    if (j->measure == M_HARMONIC) {
        double h = 0;
        for (i = 1; i < reached; i++) {
            double d = j->weighted ? w->dist[order[i]] : (double)w->hops[order[i]];
            h += 1.0 / d;
        }
        return h;
    }
    if (j->weighted) {
        for (i = 1; i < reached; i++) tot += w->dist[order[i]];
    } else {
        uint64_t t = 0;
        for (i = 1; i < reached; i++) t += (uint64_t)w->hops[order[i]];
        tot = (double)t;
    }
    r = (double)reached;
    if (tot > 0 && j->g->n > 1) {
        c = (r - 1.0) / tot;
        if (j->wf_improved) c *= (r - 1.0) / (n - 1);
    }
    return c;
}

static void path_task(void *ctx, uint32_t t, uint32_t threads)
{
    path_job *j = (path_job *)ctx;
    path_ws *w = &j->ws[t];
    uint32_t i;
    for (i = t; i < j->n_sources; i += threads) {
        uint32_t s = j->sources ? j->sources[i] : i;
        if (j->measure == M_BETWEENNESS) {
            if (j->weighted) brandes_dijkstra(j->c, s, w);
            else brandes_bfs(j->c, s, w);
        } else {
            size_t reached, k;
            if (j->weighted) reached = dijkstra(j->c, s, w, 0, 1);
            else (void)bfs(j->c, s, w, 0, &reached);
            j->result[j->old_of[s]] = closeness_of(j, w, reached);
            for (k = 0; k < reached; k++) {
                if (j->weighted) w->dist[w->order[k]] = INFINITY;
                else w->hops[w->order[k]] = -1;
            }
        }
    }
}

/* The traversed CSR renumbered by decreasing degree (ties by id). Most
 * shortest paths run through the hubs; numbering them first packs their
 * entries of the work arrays into a few cache lines, which saves 10-15% on
 * the workload graphs. Rows come out sorted by the new ids because they are
 * filled by scanning the new ids in order over the transposed CSR (for an
 * undirected graph, the graph itself). */
typedef struct relabel {
    km__csr c;
    uint32_t *old_of, *new_of;
} relabel;

static void relabel_free(const km_allocator *a, relabel *r)
{
    km__free(a, r->c.off);
    km__free(a, r->c.adj);
    km__free(a, r->c.w);
    km__free(a, r->old_of);
    km__free(a, r->new_of);
    memset(r, 0, sizeof *r);
}

static int relabel_build(const km_allocator *a, const km_graph *g, const km__csr *c, int use_w, relabel *r)
{
    const km__csr *tr = c == &g->out ? &g->in : &g->out;
    size_t *cnt = NULL, *cur = NULL, maxd = 0, arcs = c->off[g->n], i, k;
    uint32_t n = g->n, v;
    memset(r, 0, sizeof *r);
    for (v = 0; v < n; v++)
        if (c->off[v + 1] - c->off[v] > maxd) maxd = c->off[v + 1] - c->off[v];
    r->old_of = (uint32_t *)km__calloc(a, n, sizeof(uint32_t));
    r->new_of = (uint32_t *)km__calloc(a, n, sizeof(uint32_t));
    r->c.off = (size_t *)km__calloc(a, (size_t)n + 1, sizeof(size_t));
    r->c.adj = (uint32_t *)km__calloc(a, arcs, sizeof(uint32_t));
    if (use_w) r->c.w = (double *)km__calloc(a, arcs, sizeof(double));
    cnt = (size_t *)km__calloc(a, maxd + 2, sizeof(size_t));
    cur = (size_t *)km__calloc(a, (size_t)n + 1, sizeof(size_t));
    if (!r->old_of || !r->new_of || !r->c.off || !r->c.adj || (use_w && !r->c.w) || !cnt || !cur) {
        km__free(a, cnt);
        km__free(a, cur);
        relabel_free(a, r);
        return km__nomem();
    }
    /* Counting sort by degree, largest first, stable by id. */
    for (v = 0; v < n; v++) cnt[maxd - (c->off[v + 1] - c->off[v]) + 1]++;
    for (i = 0; i <= maxd; i++) cnt[i + 1] += cnt[i];
    for (v = 0; v < n; v++) r->old_of[cnt[maxd - (c->off[v + 1] - c->off[v])]++] = v;
    for (v = 0; v < n; v++) r->new_of[r->old_of[v]] = v;
    for (v = 0; v < n; v++) r->c.off[v + 1] = r->c.off[v] + (c->off[r->old_of[v] + 1] - c->off[r->old_of[v]]);
    memcpy(cur, r->c.off, ((size_t)n + 1) * sizeof(size_t));
    /* Arc x -> u of c is listed in row u of the transpose; visiting u in
     * new-id order appends u to row x in increasing order. */
    for (v = 0; v < n; v++) {
        uint32_t u = r->old_of[v];
        for (k = tr->off[u]; k < tr->off[u + 1]; k++) {
            size_t p = cur[r->new_of[tr->adj[k]]]++;
            r->c.adj[p] = v;
            if (use_w) r->c.w[p] = tr->w[k];
        }
    }
    km__free(a, cnt);
    km__free(a, cur);
    return 0;
}

/* Renumbers the graph (relabel_build), allocates `threads` workspaces, runs
 * the job and frees them. For betweenness, sums the thread accumulators in
 * thread order into sum[], indexed by the graph's own vertex ids. */
static int run_paths(path_job *j, uint32_t threads, double *sum)
{
    const km_allocator *a = &j->g->alloc;
    path_ws ws[KM__GRAPH_MAX_THREADS];
    relabel r;
    uint32_t t, v, *src = NULL;
    const uint32_t *orig_sources = j->sources;
    const km__csr *orig_c = j->c;
    int rc;
    memset(ws, 0, sizeof ws);
    if ((rc = relabel_build(a, j->g, j->c, j->weighted, &r)) != 0) return rc;
    if (orig_sources) {
        src = (uint32_t *)km__calloc(a, j->n_sources, sizeof(uint32_t));
        if (!src) {
            rc = km__nomem();
            goto done;
        }
        for (v = 0; v < j->n_sources; v++) src[v] = r.new_of[orig_sources[v]];
    }
    for (t = 0; t < threads; t++) {
        rc = ws_alloc(a, &ws[t], j->g->n, j->weighted, j->measure == M_BETWEENNESS ? WS_BETWEENNESS : WS_DISTANCES);
        if (rc) goto done;
    }
    j->ws = ws;
    j->c = &r.c;
    j->sources = src;
    j->old_of = r.old_of;
    km__graph_parallel(path_task, j, threads);
    if (sum) {
        for (v = 0; v < j->g->n; v++) {
            double s = ws[0].acc[v];
            for (t = 1; t < threads; t++) s += ws[t].acc[v];
            sum[r.old_of[v]] = s;
        }
    }
done:
    /* The job is left as it came: what it was lent here (the workspaces,
     * the renumbered graph, its sources and labels) is freed below. */
    j->ws = NULL;
    j->c = orig_c;
    j->sources = orig_sources;
    j->old_of = NULL;
    for (t = 0; t < threads; t++) ws_free(a, &ws[t]);
    km__free(a, src);
    relabel_free(a, &r);
    return rc;
}

/* ---- betweenness -------------------------------------------------------------------- */

/* splitmix64, the generator documented for the pivot sample. */
static uint64_t sm64_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int check_version(unsigned int got, unsigned int want, const char *field)
{
    if (got == 0 || got > want)
        return km__err(KM_EVERSION, field, "version %u is not supported (expected 1..%u)",
                       "versi %u tidak didukung (yang diharapkan 1..%u)", got, want);
    return 0;
}

int km_graph_betweenness(double *out, size_t out_len, const km_graph *g, const km_betweenness_options *opts)
{
    km_betweenness_options o = KM_BETWEENNESS_OPTIONS_INIT;
    path_job j;
    double *sum = NULL, scale_src = 1, scale_other = 1, nn;
    uint32_t *perm = NULL, *is_pivot = NULL, k, v;
    int rc, sampled;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (opts) {
        if ((rc = check_version(opts->version, KM_BETWEENNESS_OPTIONS_VERSION, "opts.version")) != 0) return rc;
        o = *opts;
    }
    if (o.samples == 1)
        return km__err(KM_EINVAL, "opts.samples", "must be 0 (exact) or at least 2",
                       "harus 0 (eksak) atau paling sedikit 2");
    if (g->n == 0) return 0;
    sampled = o.samples != 0 && o.samples < g->n;
    k = sampled ? o.samples : g->n;
    memset(&j, 0, sizeof j);
    j.g = g;
    j.c = &g->out;
    j.weighted = o.weighted && g->weighted;
    j.measure = M_BETWEENNESS;
    j.n_sources = k;
    sum = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!sum) return km__nomem();
    if (sampled) {
        /* Partial Fisher-Yates over 0..n-1: pivot i is drawn uniformly from
         * the vertices not drawn yet (docs/graph.md gives the exact rule). */
        uint64_t state = o.seed;
        uint32_t i;
        perm = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
        is_pivot = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
        if (!perm || !is_pivot) {
            rc = km__nomem();
            goto done;
        }
        for (v = 0; v < g->n; v++) perm[v] = v;
        for (i = 0; i < k; i++) {
            uint32_t r = i + (uint32_t)(sm64_next(&state) % (uint64_t)(g->n - i)), tmp = perm[i];
            perm[i] = perm[r];
            perm[r] = tmp;
            is_pivot[perm[i]] = 1;
        }
        j.sources = perm;
    }
    rc = run_paths(&j, km__graph_threads(o.threads, k), sum);
    if (rc) goto done;
    /* NetworkX 3.6 _rescale() with endpoints=False: N = n - 1 pairs per
     * vertex; raw sums count ordered pairs, so undirected halves them. */
    nn = (double)g->n - 1;
    if (nn >= 2) {
        double corr = g->directed ? 1.0 : 2.0, kk = (double)k;
        if (!sampled) {
            scale_other = o.normalized ? 1.0 / (nn * (nn - 1)) : nn / (nn * corr);
            scale_src = scale_other;
        } else if (o.normalized) {
            scale_src = 1.0 / ((kk - 1) * (nn - 1));
            scale_other = 1.0 / (kk * (nn - 1));
        } else {
            scale_src = nn / ((kk - 1) * corr);
            scale_other = nn / (kk * corr);
        }
    }
    for (v = 0; v < g->n; v++) {
        double s = is_pivot && is_pivot[v] ? scale_src : scale_other;
        out[v] = s != 1.0 ? sum[v] * s : sum[v];
    }
done:
    km__free(&g->alloc, sum);
    km__free(&g->alloc, perm);
    km__free(&g->alloc, is_pivot);
    return rc;
}

int km_graph_betweenness_error_bound(double *out, uint32_t n_vertices, uint32_t samples, double failure_probability,
                                     int directed, int normalized)
{
    double eps, n = (double)n_vertices;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if (samples == 1)
        return km__err(KM_EINVAL, "samples", "must be 0 (exact) or at least 2", "harus 0 (eksak) atau paling sedikit 2");
    if (!(failure_probability > 0 && failure_probability < 1))
        return km__err(KM_EINVAL, "failure_probability", "%g is not in (0, 1)", "%g tidak dalam (0, 1)",
                       failure_probability);
    if (samples == 0 || samples >= n_vertices || n_vertices < 3) {
        *out = 0;
        return 0;
    }
    /* Hoeffding: each sampled dependency lies in [0, n - 2], and at least
     * k - 1 of the pivots are sources other than the vertex itself. */
    eps = sqrt(log(2.0 / failure_probability) / (2.0 * ((double)samples - 1)));
    if (!normalized) eps *= (n - 1) * (n - 2) / (directed ? 1.0 : 2.0);
    *out = eps;
    return 0;
}

/* ---- closeness and harmonic ---------------------------------------------------------- */

static int distance_measure(double *out, size_t out_len, const km_graph *g, const km_closeness_options *opts,
                            int measure)
{
    km_closeness_options o = KM_CLOSENESS_OPTIONS_INIT;
    path_job j;
    double *res;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (opts) {
        if ((rc = check_version(opts->version, KM_CLOSENESS_OPTIONS_VERSION, "opts.version")) != 0) return rc;
        o = *opts;
    }
    if (g->n == 0) return 0;
    memset(&j, 0, sizeof j);
    j.g = g;
    j.c = &g->in; /* distances towards each vertex */
    j.weighted = o.weighted && g->weighted;
    j.measure = measure;
    j.wf_improved = o.wf_improved;
    j.n_sources = g->n;
    res = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!res) return km__nomem();
    j.result = res;
    rc = run_paths(&j, km__graph_threads(o.threads, g->n), NULL);
    if (rc == 0) memcpy(out, res, (size_t)g->n * sizeof(double));
    km__free(&g->alloc, res);
    return rc;
}

int km_graph_closeness(double *out, size_t out_len, const km_graph *g, const km_closeness_options *opts)
{
    return distance_measure(out, out_len, g, opts, M_CLOSENESS);
}

int km_graph_harmonic(double *out, size_t out_len, const km_graph *g, const km_closeness_options *opts)
{
    return distance_measure(out, out_len, g, opts, M_HARMONIC);
}
