/* Structural holes and brokerage: Burt's constraint (as NetworkX
 * structuralholes.py) and the Gould-Fernandez brokerage roles (Gould and
 * Fernandez 1989, as R's sna::brokerage counts them). */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

/* Weight of position k of the symmetric view (1 when it has no weights). */
static inline double sym_w(const km__csr *s, size_t k) { return s->w ? s->w[k] : 1.0; }

int km_graph_constraint(double *out, size_t out_len, const km_graph *g, int weighted)
{
    const km_allocator *al;
    km__csr s;
    double *scale = NULL, *ind = NULL, *res = NULL;
    uint32_t *mark = NULL, v;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (g->n == 0) return 0;
    al = &g->alloc;
    weighted = weighted && g->weighted;
    if ((rc = km__graph_sym(g, &s, weighted ? KM__SYM_MUTUAL : KM__SYM_MUTUAL_COUNT)) != 0) return rc;
    if (!g->directed && !weighted) s.w = NULL; /* every tie weighs the same */
    scale = (double *)km__calloc(al, g->n, sizeof(double));
    ind = (double *)km__calloc(al, g->n, sizeof(double));
    res = (double *)km__calloc(al, g->n, sizeof(double));
    mark = (uint32_t *)km__calloc(al, g->n, sizeof(uint32_t));
    if (!scale || !ind || !res || !mark) {
        rc = km__nomem();
        goto done;
    }
    /* scale(u): the sum of u's mutual tie strengths, so that
     * p(u, x) = a(u, x) / scale(u) is the share of u's ties invested in x. */
    for (v = 0; v < g->n; v++) {
        size_t k;
        double t = 0;
        for (k = s.off[v]; k < s.off[v + 1]; k++) t += sym_w(&s, k);
        scale[v] = t;
    }
    for (v = 0; v < g->n; v++) {
        size_t k, q;
        double c = 0;
        if (s.off[v + 1] == s.off[v]) {
            res[v] = NAN; /* not defined for an isolated vertex */
            continue;
        }
        for (k = s.off[v]; k < s.off[v + 1]; k++) mark[s.adj[k]] = v + 1;
        /* ind(j) = sum over neighbours q of p(v, q) p(q, j), for the
         * neighbours j of v (the only ones the sum below reads). */
        for (q = s.off[v]; q < s.off[v + 1]; q++) {
            uint32_t u = s.adj[q];
            double pvq = sym_w(&s, q) / scale[v];
            for (k = s.off[u]; k < s.off[u + 1]; k++) {
                uint32_t j = s.adj[k];
                if (mark[j] == v + 1) ind[j] += pvq * (sym_w(&s, k) / scale[u]);
            }
        }
        for (k = s.off[v]; k < s.off[v + 1]; k++) {
            uint32_t j = s.adj[k];
            double t = sym_w(&s, k) / scale[v] + ind[j];
            c += t * t;
            ind[j] = 0;
        }
        res[v] = c;
    }
    memcpy(out, res, (size_t)g->n * sizeof(double));
done:
    km__free(al, scale);
    km__free(al, ind);
    km__free(al, res);
    km__free(al, mark);
    km__graph_sym_free(g, &s);
    return rc;
}

int km_graph_brokerage(uint64_t *out, size_t out_len, const km_graph *g, const int32_t *groups, size_t groups_len)
{
    const km__csr *c;
    uint32_t *mark, a;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (g->n > 0 && !out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if (out_len / KM_BROKER__COUNT < g->n)
        return km__err(KM_EINVAL, "out_len", "is %zu, the graph needs %zu (5 per vertex)",
                       "bernilai %zu, graf memerlukan %zu (5 per simpul)", out_len, (size_t)g->n * KM_BROKER__COUNT);
    if (g->n > 0 && !groups) return km__err(KM_EINVAL, "groups", "must not be NULL", "tidak boleh NULL");
    if (groups_len < g->n)
        return km__err(KM_EINVAL, "groups_len", "is %zu, the graph has %u vertices", "bernilai %zu, graf memiliki %u simpul",
                       groups_len, (unsigned)g->n);
    if (g->n == 0) return 0;
    mark = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    if (!mark) return km__nomem();
    memset(out, 0, (size_t)g->n * KM_BROKER__COUNT * sizeof(uint64_t));
    c = &g->out; /* an undirected edge is two arcs */
    /* For each a, mark its successors; every two-path a -> b -> x with
     * x != a and x unmarked is open and b brokers it. */
    for (a = 0; a < g->n; a++) {
        size_t i, k;
        int32_t ga = groups[a];
        for (i = c->off[a]; i < c->off[a + 1]; i++) mark[c->adj[i]] = a + 1;
        for (i = c->off[a]; i < c->off[a + 1]; i++) {
            uint32_t b = c->adj[i];
            int32_t gb = groups[b];
            uint64_t *cnt = out + (size_t)b * KM_BROKER__COUNT;
            for (k = c->off[b]; k < c->off[b + 1]; k++) {
                uint32_t x = c->adj[k];
                int32_t gx;
                if (x == a || mark[x] == a + 1) continue;
                gx = groups[x];
                if (ga == gb) cnt[gb == gx ? KM_BROKER_COORDINATOR : KM_BROKER_REPRESENTATIVE]++;
                else if (gb == gx) cnt[KM_BROKER_GATEKEEPER]++;
                else cnt[ga == gx ? KM_BROKER_ITINERANT : KM_BROKER_LIAISON]++;
            }
        }
    }
    km__free(&g->alloc, mark);
    return 0;
}
