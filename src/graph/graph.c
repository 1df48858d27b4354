/* Building the CSR graph from an edge list, the accessors, degree,
 * strength and density, and the small helpers every measure shares
 * (argument checks, the thread runner).
 *
 * Construction sorts the edges with two stable counting sorts (by second
 * endpoint, then by first), which is O(n + m), allocation-light and keeps
 * repeated edges in input order, so merged weights are summed in input
 * order and the result never depends on anything but the input. */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* ---- shared helpers ------------------------------------------------------- */

int km__graph_check(const km_graph *g)
{
    if (!g) return km__err(KM_EINVAL, "g", "must not be NULL", "tidak boleh NULL");
    return 0;
}

int km__graph_check_out(const km_graph *g, const void *out, size_t out_len, size_t need)
{
    int rc = km__graph_check(g);
    if (rc) return rc;
    if (!out && need > 0) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if (out_len < need)
        return km__err(KM_EINVAL, "out_len", "is %zu, the graph needs %zu", "bernilai %zu, graf memerlukan %zu",
                       out_len, need);
    return 0;
}

uint32_t km__graph_threads(uint32_t requested, uint64_t work_items)
{
    uint32_t t = requested;
    if (t == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        t = c > 0 ? (uint32_t)(c < KM__GRAPH_MAX_THREADS ? c : KM__GRAPH_MAX_THREADS) : 1;
    }
    if (t > KM__GRAPH_MAX_THREADS) t = KM__GRAPH_MAX_THREADS;
    if ((uint64_t)t > work_items) t = work_items > 0 ? (uint32_t)work_items : 1;
    return t;
}

typedef struct km__graph_job {
    km__graph_task fn;
    void *ctx;
    uint32_t t, threads;
} km__graph_job;

static void *graph_job_main(void *arg)
{
    km__graph_job *j = (km__graph_job *)arg;
    j->fn(j->ctx, j->t, j->threads);
    return NULL;
}

void km__graph_parallel(km__graph_task fn, void *ctx, uint32_t threads)
{
    pthread_t tid[KM__GRAPH_MAX_THREADS];
    km__graph_job job[KM__GRAPH_MAX_THREADS];
    int started[KM__GRAPH_MAX_THREADS];
    uint32_t t;
    if (threads <= 1) {
        fn(ctx, 0, 1);
        return;
    }
    for (t = 1; t < threads; t++) {
        job[t].fn = fn;
        job[t].ctx = ctx;
        job[t].t = t;
        job[t].threads = threads;
        started[t] = pthread_create(&tid[t], NULL, graph_job_main, &job[t]) == 0;
    }
    fn(ctx, 0, threads);
    for (t = 1; t < threads; t++) {
        if (started[t]) pthread_join(tid[t], NULL);
        else fn(ctx, t, threads); /* same share, same result, just later */
    }
}

/* ---- construction ---------------------------------------------------------- */

static void csr_free(const km_allocator *a, km__csr *c)
{
    km__free(a, c->off);
    km__free(a, c->adj);
    km__free(a, c->w);
    memset(c, 0, sizeof *c);
}

static int csr_alloc(const km_allocator *a, km__csr *c, uint32_t n, size_t arcs, int weighted)
{
    c->off = (size_t *)km__calloc(a, (size_t)n + 1, sizeof(size_t));
    c->adj = (uint32_t *)km__calloc(a, arcs, sizeof(uint32_t));
    c->w = weighted ? (double *)km__calloc(a, arcs, sizeof(double)) : NULL;
    if (!c->off || !c->adj || (weighted && !c->w)) {
        csr_free(a, c);
        return km__nomem();
    }
    return 0;
}

void km_graph_free(km_graph *g)
{
    km_allocator a;
    if (!g) return;
    a = g->alloc;
    if (g->directed) csr_free(&a, &g->in);
    csr_free(&a, &g->out);
    km__free(&a, g);
}

static int check_edges(uint32_t n, const uint32_t *src, const uint32_t *dst, const double *w, size_t e)
{
    size_t i;
    if (e > 0 && !src) return km__err(KM_EINVAL, "src", "must not be NULL", "tidak boleh NULL");
    if (e > 0 && !dst) return km__err(KM_EINVAL, "dst", "must not be NULL", "tidak boleh NULL");
    for (i = 0; i < e; i++) {
        char field[40];
        if (src[i] >= n || dst[i] >= n) {
            int bad_src = src[i] >= n;
            snprintf(field, sizeof field, "%s[%zu]", bad_src ? "src" : "dst", i);
            return km__err(KM_EINVAL, field, "vertex %u is out of range (the graph has %u vertices)",
                           "simpul %u di luar rentang (graf memiliki %u simpul)",
                           (unsigned)(bad_src ? src[i] : dst[i]), (unsigned)n);
        }
        if (w && !(isfinite(w[i]) && w[i] > 0)) {
            snprintf(field, sizeof field, "weights[%zu]", i);
            return km__err(KM_EINVAL, field, "weight %g must be finite and greater than 0",
                           "bobot %g harus hingga dan lebih besar dari 0", w[i]);
        }
    }
    return 0;
}

/* The merged edge list: unique (a, b) sorted by (a, b); a < b when
 * undirected. */
typedef struct edge_list {
    uint32_t *a, *b;
    double *w;
    size_t len;
} edge_list;

static void edge_list_free(const km_allocator *al, edge_list *l)
{
    km__free(al, l->a);
    km__free(al, l->b);
    km__free(al, l->w);
}

static inline void endpoints(const uint32_t *src, const uint32_t *dst, size_t i, int directed, uint32_t *a,
                             uint32_t *b)
{
    uint32_t s = src[i], d = dst[i];
    if (!directed && d < s) {
        *a = d;
        *b = s;
    } else {
        *a = s;
        *b = d;
    }
}

static int merge_edges(const km_allocator *al, edge_list *out, uint32_t n, const uint32_t *src,
                       const uint32_t *dst, const double *w, size_t e, int directed)
{
    size_t *cnt = NULL, *by_b = NULL, *by_ab = NULL, kept = 0, i, u;
    int rc = 0;
    memset(out, 0, sizeof *out);
    for (i = 0; i < e; i++) kept += src[i] != dst[i];
    if (kept == 0) return 0;
    cnt = (size_t *)km__calloc(al, (size_t)n + 1, sizeof(size_t));
    by_b = (size_t *)km__calloc(al, kept, sizeof(size_t));
    by_ab = (size_t *)km__calloc(al, kept, sizeof(size_t));
    if (!cnt || !by_b || !by_ab) {
        rc = km__nomem();
        goto done;
    }
    /* Pass 1: stable counting sort of the edge indices by b. */
    for (i = 0; i < e; i++) {
        uint32_t a, b;
        if (src[i] == dst[i]) continue;
        endpoints(src, dst, i, directed, &a, &b);
        cnt[b + 1]++;
    }
    for (u = 0; u < n; u++) cnt[u + 1] += cnt[u];
    for (i = 0; i < e; i++) {
        uint32_t a, b;
        if (src[i] == dst[i]) continue;
        endpoints(src, dst, i, directed, &a, &b);
        by_b[cnt[b]++] = i;
    }
    /* Pass 2: stable by a, so the order is (a, b, input index). */
    memset(cnt, 0, ((size_t)n + 1) * sizeof(size_t));
    for (i = 0; i < kept; i++) {
        uint32_t a, b;
        endpoints(src, dst, by_b[i], directed, &a, &b);
        cnt[a + 1]++;
    }
    for (u = 0; u < n; u++) cnt[u + 1] += cnt[u];
    for (i = 0; i < kept; i++) {
        uint32_t a, b;
        endpoints(src, dst, by_b[i], directed, &a, &b);
        by_ab[cnt[a]++] = by_b[i];
    }
    /* Count distinct pairs, then copy them out, summing repeated weights. */
    {
        size_t uniq = 0;
        uint32_t pa = 0, pb = 0;
        for (i = 0; i < kept; i++) {
            uint32_t a, b;
            endpoints(src, dst, by_ab[i], directed, &a, &b);
            if (i == 0 || a != pa || b != pb) uniq++;
            pa = a;
            pb = b;
        }
        out->a = (uint32_t *)km__calloc(al, uniq, sizeof(uint32_t));
        out->b = (uint32_t *)km__calloc(al, uniq, sizeof(uint32_t));
        out->w = w ? (double *)km__calloc(al, uniq, sizeof(double)) : NULL;
        if (!out->a || !out->b || (w && !out->w)) {
            edge_list_free(al, out);
            memset(out, 0, sizeof *out);
            rc = km__nomem();
            goto done;
        }
        uniq = 0;
        for (i = 0; i < kept; i++) {
            uint32_t a, b;
            size_t k = by_ab[i];
            endpoints(src, dst, k, directed, &a, &b);
            if (uniq > 0 && a == out->a[uniq - 1] && b == out->b[uniq - 1]) {
                if (w) out->w[uniq - 1] += w[k];
                continue;
            }
            out->a[uniq] = a;
            out->b[uniq] = b;
            if (w) out->w[uniq] = w[k];
            uniq++;
        }
        out->len = uniq;
    }
done:
    km__free(al, cnt);
    km__free(al, by_b);
    km__free(al, by_ab);
    return rc;
}

/* Fills a CSR from the sorted unique list. Rows come out sorted: a row x
 * first receives the entries of edges (y, x) with y < x in increasing y,
 * then those of (x, z) in increasing z (see the file comment). */
static void csr_fill_out(km__csr *c, uint32_t n, const edge_list *l, int both)
{
    size_t i, *pos = c->off; /* off[] doubles as the insertion cursor */
    uint32_t u;
    for (i = 0; i < l->len; i++) {
        pos[l->a[i] + 1]++;
        if (both) pos[l->b[i] + 1]++;
    }
    for (u = 0; u < n; u++) pos[u + 1] += pos[u];
    /* Insert using off[x] as the cursor, then shift back. */
    for (i = 0; i < l->len; i++) {
        uint32_t a = l->a[i], b = l->b[i];
        size_t p = pos[a]++;
        c->adj[p] = b;
        if (c->w) c->w[p] = l->w[i];
        if (both) {
            p = pos[b]++;
            c->adj[p] = a;
            if (c->w) c->w[p] = l->w[i];
        }
    }
    for (u = n; u > 0; u--) pos[u] = pos[u - 1];
    pos[0] = 0;
}

static void csr_fill_in(km__csr *c, uint32_t n, const edge_list *l)
{
    size_t i, *pos = c->off;
    uint32_t u;
    for (i = 0; i < l->len; i++) pos[l->b[i] + 1]++;
    for (u = 0; u < n; u++) pos[u + 1] += pos[u];
    for (i = 0; i < l->len; i++) {
        size_t p = pos[l->b[i]]++;
        c->adj[p] = l->a[i];
        if (c->w) c->w[p] = l->w[i];
    }
    for (u = n; u > 0; u--) pos[u] = pos[u - 1];
    pos[0] = 0;
}

int km_graph_new(km_graph **out, uint32_t n_vertices, const uint32_t *src, const uint32_t *dst,
                 const double *weights, size_t n_edges, int directed, const km_allocator *allocator)
{
    km_allocator al;
    km_graph *g;
    edge_list l;
    size_t i, arcs;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__allocator_check(allocator, &al)) != 0) return rc;
    if ((rc = check_edges(n_vertices, src, dst, weights, n_edges)) != 0) return rc;
    if ((rc = merge_edges(&al, &l, n_vertices, src, dst, weights, n_edges, directed)) != 0) return rc;
    for (i = 0; weights && i < l.len; i++) {
        if (isinf(l.w[i])) {
            unsigned a = l.a[i], b = l.b[i];
            edge_list_free(&al, &l);
            return km__err(KM_ERANGE, "weights", "the summed weight of edge %u-%u overflows",
                           "jumlah bobot sisi %u-%u melimpah", a, b);
        }
    }
    g = (km_graph *)km__calloc(&al, 1, sizeof *g);
    if (!g) {
        edge_list_free(&al, &l);
        return km__nomem();
    }
    g->alloc = al;
    g->n = n_vertices;
    g->m = l.len;
    g->directed = directed != 0;
    g->weighted = weights != NULL;
    g->max_weight = 1.0;
    if (weights && l.len > 0) {
        g->max_weight = l.w[0];
        for (i = 1; i < l.len; i++)
            if (l.w[i] > g->max_weight) g->max_weight = l.w[i];
    }
    arcs = g->directed ? l.len : 2 * l.len;
    if ((rc = csr_alloc(&al, &g->out, n_vertices, arcs, g->weighted)) != 0) goto fail;
    csr_fill_out(&g->out, n_vertices, &l, !g->directed);
    if (g->directed) {
        if ((rc = csr_alloc(&al, &g->in, n_vertices, arcs, g->weighted)) != 0) goto fail;
        csr_fill_in(&g->in, n_vertices, &l);
    } else {
        g->in = g->out;
    }
    edge_list_free(&al, &l);
    *out = g;
    return 0;
fail:
    edge_list_free(&al, &l);
    km_graph_free(g);
    return rc;
}

/* ---- the symmetric view ------------------------------------------------------ */

int km__graph_sym(const km_graph *g, km__csr *out, int mode)
{
    const km_allocator *al = &g->alloc;
    const km__csr *o = &g->out, *n = &g->in;
    size_t total = 0, p;
    uint32_t v;
    int rc, pass;
    if (!g->directed) {
        *out = g->out;
        return 0;
    }
    /* Two passes over the merge of each vertex's two sorted rows: count,
     * then fill. */
    for (pass = 0; pass < 2; pass++) {
        p = 0;
        for (v = 0; v < g->n; v++) {
            size_t a = o->off[v], ae = o->off[v + 1], b = n->off[v], be = n->off[v + 1];
            if (pass == 1) out->off[v] = p;
            while (a < ae || b < be) {
                uint32_t x;
                double w = 0;
                if (b >= be || (a < ae && o->adj[a] < n->adj[b])) {
                    x = o->adj[a];
                    w = mode == KM__SYM_MUTUAL && g->weighted ? o->w[a] : 1.0;
                    a++;
                } else if (a >= ae || n->adj[b] < o->adj[a]) {
                    x = n->adj[b];
                    w = mode == KM__SYM_MUTUAL && g->weighted ? n->w[b] : 1.0;
                    b++;
                } else {
                    x = o->adj[a];
                    w = mode == KM__SYM_MUTUAL && g->weighted ? o->w[a] + n->w[b] : 2.0;
                    a++;
                    b++;
                }
                if (pass == 1) {
                    out->adj[p] = x;
                    if (out->w) out->w[p] = w;
                }
                p++;
            }
        }
        if (pass == 0) {
            total = p;
            if ((rc = csr_alloc(al, out, g->n, total, mode != KM__SYM_PLAIN)) != 0) return rc;
        }
    }
    out->off[g->n] = total;
    return 0;
}

void km__graph_sym_free(const km_graph *g, km__csr *c)
{
    if (g->directed) csr_free(&g->alloc, c);
    memset(c, 0, sizeof *c);
}

/* ---- accessors ------------------------------------------------------------- */

uint32_t km_graph_vertex_count(const km_graph *g) { return g ? g->n : 0; }
uint64_t km_graph_edge_count(const km_graph *g) { return g ? g->m : 0; }
int km_graph_is_directed(const km_graph *g) { return g ? g->directed : 0; }
int km_graph_is_weighted(const km_graph *g) { return g ? g->weighted : 0; }

int km_graph_edges(uint32_t *out_src, uint32_t *out_dst, double *out_weight, size_t out_len, const km_graph *g)
{
    size_t k = 0, i;
    uint32_t u;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (g->m > 0 && !out_src) return km__err(KM_EINVAL, "out_src", "must not be NULL", "tidak boleh NULL");
    if (g->m > 0 && !out_dst) return km__err(KM_EINVAL, "out_dst", "must not be NULL", "tidak boleh NULL");
    if ((uint64_t)out_len < g->m)
        return km__err(KM_EINVAL, "out_len", "is %zu, the graph has %llu edges", "bernilai %zu, graf memiliki %llu sisi",
                       out_len, (unsigned long long)g->m);
    for (u = 0; u < g->n; u++) {
        for (i = g->out.off[u]; i < g->out.off[u + 1]; i++) {
            uint32_t v = g->out.adj[i];
            if (!g->directed && v < u) continue;
            out_src[k] = u;
            out_dst[k] = v;
            if (out_weight) out_weight[k] = g->weighted ? g->out.w[i] : 1.0;
            k++;
        }
    }
    return 0;
}

/* ---- degree, strength, density --------------------------------------------- */

static int check_mode(int mode)
{
    if (mode != KM_GRAPH_OUT && mode != KM_GRAPH_IN && mode != KM_GRAPH_ALL)
        return km__err(KM_EINVAL, "mode", "%d is not a km_graph_mode", "%d bukan km_graph_mode", mode);
    return 0;
}

int km_graph_degree(uint32_t *out, size_t out_len, const km_graph *g, int mode)
{
    uint32_t u;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if ((rc = check_mode(mode)) != 0) return rc;
    for (u = 0; u < g->n; u++) {
        size_t d = 0;
        if (!g->directed || (mode & KM_GRAPH_OUT)) d += g->out.off[u + 1] - g->out.off[u];
        if (g->directed && (mode & KM_GRAPH_IN)) d += g->in.off[u + 1] - g->in.off[u];
        out[u] = (uint32_t)d;
    }
    return 0;
}

static double row_sum(const km__csr *c, uint32_t u, int weighted)
{
    size_t i;
    double s = 0;
    if (!weighted) return (double)(c->off[u + 1] - c->off[u]);
    for (i = c->off[u]; i < c->off[u + 1]; i++) s += c->w[i];
    return s;
}

int km_graph_strength(double *out, size_t out_len, const km_graph *g, int mode)
{
    uint32_t u;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if ((rc = check_mode(mode)) != 0) return rc;
    for (u = 0; u < g->n; u++) {
        double s = 0;
        if (!g->directed || (mode & KM_GRAPH_OUT)) s += row_sum(&g->out, u, g->weighted);
        if (g->directed && (mode & KM_GRAPH_IN)) s += row_sum(&g->in, u, g->weighted);
        out[u] = s;
    }
    return 0;
}

int km_graph_density(double *out, const km_graph *g)
{
    double n;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    n = (double)g->n;
    if (g->n < 2) *out = 0;
    else if (g->directed) *out = (double)g->m / (n * (n - 1));
    else *out = 2.0 * (double)g->m / (n * (n - 1));
    return 0;
}
