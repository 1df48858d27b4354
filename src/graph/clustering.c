/* Clustering: local coefficients (undirected and Fagiolo's directed form,
 * each unweighted or with Onnela's geometric mean of weights scaled by the
 * largest weight), their average, and transitivity. Formulas and the order
 * of operations follow NetworkX's cluster.py so that results agree to the
 * last few bits. */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

/* Undirected: c(v) = 2 T(v) / (d (d - 1)), T(v) the number of triangles at
 * v, or in the weighted form the sum over them of the cube root of the
 * product of the three scaled weights. mark[] holds v + 1 for the
 * neighbours of v, wv[] the scaled weight of the edge to them. */
static double local_undirected(const km_graph *g, uint32_t v, int weighted, uint32_t *mark, double *wv)
{
    const km__csr *c = &g->out;
    size_t d = c->off[v + 1] - c->off[v], i, k;
    double t = 0, mw = g->max_weight;
    uint64_t tri = 0;
    if (d < 2) return 0;
    for (i = c->off[v]; i < c->off[v + 1]; i++) {
        mark[c->adj[i]] = v + 1;
        if (weighted) wv[c->adj[i]] = c->w[i] / mw;
    }
    for (i = c->off[v]; i < c->off[v + 1]; i++) {
        uint32_t u = c->adj[i];
        for (k = c->off[u]; k < c->off[u + 1]; k++) {
            uint32_t x = c->adj[k];
            if (x <= u || mark[x] != v + 1) continue; /* each pair {u, x} once */
            if (weighted) t += cbrt(wv[u] * (c->w[k] / mw) * wv[x]);
            else tri++;
        }
    }
    if (!weighted) t = (double)tri;
    return t == 0 ? 0 : 2 * t / ((double)d * (double)(d - 1));
}

/* Directed (Fagiolo 2007): c(i) = t(i) / (2 (dtot (dtot - 1) - 2 dbi)),
 * t(i) the directed triangles through i counted over every pair of arcs
 * joining i to j and k, and j to k. mp[]/ms[] mark predecessors and
 * successors of i with i + 1; wp[]/ws[] hold the scaled weight of the arc
 * k->i and i->k. */
static double local_directed(const km_graph *g, uint32_t i, int weighted, uint32_t *mp, uint32_t *ms,
                             double *wp, double *ws)
{
    const km__csr *o = &g->out, *n = &g->in;
    size_t dp = n->off[i + 1] - n->off[i], ds = o->off[i + 1] - o->off[i], dbi = 0, a, b;
    double t = 0, mw = g->max_weight, dt;
    uint64_t tri = 0;
    uint32_t tag = i + 1;
    int side;
    for (a = n->off[i]; a < n->off[i + 1]; a++) {
        mp[n->adj[a]] = tag;
        if (weighted) wp[n->adj[a]] = n->w[a] / mw;
    }
    for (a = o->off[i]; a < o->off[i + 1]; a++) {
        ms[o->adj[a]] = tag;
        if (weighted) ws[o->adj[a]] = o->w[a] / mw;
        dbi += mp[o->adj[a]] == tag;
    }
    /* side 0: j a predecessor of i (arc j->i); side 1: a successor (i->j). */
    for (side = 0; side < 2; side++) {
        const km__csr *cj = side == 0 ? n : o;
        for (a = cj->off[i]; a < cj->off[i + 1]; a++) {
            uint32_t j = cj->adj[a];
            double wij = weighted ? cj->w[a] / mw : 1;
            int dir;
            /* dir 0: k a predecessor of j (k->j); dir 1: a successor (j->k). */
            for (dir = 0; dir < 2; dir++) {
                const km__csr *ck = dir == 0 ? n : o;
                for (b = ck->off[j]; b < ck->off[j + 1]; b++) {
                    uint32_t k = ck->adj[b];
                    if (!weighted) {
                        tri += (mp[k] == tag) + (ms[k] == tag);
                        continue;
                    }
                    if (mp[k] == tag) t += cbrt(wij * wp[k] * (ck->w[b] / mw));
                    if (ms[k] == tag) t += cbrt(wij * ws[k] * (ck->w[b] / mw));
                }
            }
        }
    }
    if (!weighted) t = (double)tri;
    if (t == 0) return 0;
    dt = (double)(dp + ds);
    return t / ((dt * (dt - 1) - 2 * (double)dbi) * 2);
}

/* Fills out[0..n) with the local coefficients. */
static int clustering_all(double *out, const km_graph *g, int weighted)
{
    const km_allocator *al = &g->alloc;
    uint32_t *m1 = NULL, *m2 = NULL, v;
    double *w1 = NULL, *w2 = NULL;
    int rc = 0;
    if (g->n == 0) return 0;
    weighted = weighted && g->weighted;
    m1 = (uint32_t *)km__calloc(al, g->n, sizeof(uint32_t));
    if (weighted) w1 = (double *)km__calloc(al, g->n, sizeof(double));
    if (g->directed) {
        m2 = (uint32_t *)km__calloc(al, g->n, sizeof(uint32_t));
        if (weighted) w2 = (double *)km__calloc(al, g->n, sizeof(double));
    }
    if (!m1 || (weighted && !w1) || (g->directed && (!m2 || (weighted && !w2)))) {
        rc = km__nomem();
        goto done;
    }
    for (v = 0; v < g->n; v++)
        out[v] = g->directed ? local_directed(g, v, weighted, m1, m2, w1, w2) : local_undirected(g, v, weighted, m1, w1);
done:
    km__free(al, m1);
    km__free(al, m2);
    km__free(al, w1);
    km__free(al, w2);
    return rc;
}

int km_graph_clustering(double *out, size_t out_len, const km_graph *g, int weighted)
{
    double *tmp;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    /* Computed aside so that out is untouched when memory runs out. */
    tmp = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!tmp) return km__nomem();
    rc = clustering_all(tmp, g, weighted);
    if (rc == 0 && g->n > 0) memcpy(out, tmp, (size_t)g->n * sizeof(double));
    km__free(&g->alloc, tmp);
    return rc;
}

int km_graph_average_clustering(double *out, const km_graph *g, int weighted)
{
    double *tmp, s = 0;
    uint32_t v;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if (g->n == 0) {
        *out = 0;
        return 0;
    }
    tmp = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!tmp) return km__nomem();
    rc = clustering_all(tmp, g, weighted);
    if (rc == 0) {
        for (v = 0; v < g->n; v++) s += tmp[v];
        *out = s / (double)g->n;
    }
    km__free(&g->alloc, tmp);
    return rc;
}

int km_graph_transitivity(double *out, const km_graph *g)
{
    km__csr sym;
    uint32_t *mark, v;
    uint64_t tri2 = 0, triples = 0;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__graph_sym(g, &sym, 0)) != 0) return rc;
    mark = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    if (!mark) {
        km__graph_sym_free(g, &sym);
        return km__nomem();
    }
    for (v = 0; v < g->n; v++) {
        size_t d = sym.off[v + 1] - sym.off[v], i, k;
        for (i = sym.off[v]; i < sym.off[v + 1]; i++) mark[sym.adj[i]] = v + 1;
        for (i = sym.off[v]; i < sym.off[v + 1]; i++) {
            uint32_t u = sym.adj[i];
            for (k = sym.off[u]; k < sym.off[u + 1]; k++) tri2 += mark[sym.adj[k]] == v + 1;
        }
        triples += (uint64_t)d * (d > 0 ? d - 1 : 0);
    }
    km__free(&g->alloc, mark);
    km__graph_sym_free(g, &sym);
    *out = tri2 == 0 ? 0 : (double)tri2 / (double)triples;
    return 0;
}
