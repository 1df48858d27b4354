/* Power iterations: PageRank and eigenvector centrality, step for step as
 * NetworkX computes them (pagerank_alg.py, eigenvector.py), so that the
 * fixed points agree to far better than 1e-9 once both have converged.
 * Both pull from predecessors (the in-CSR), so every vertex's new value is
 * written once per iteration. */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

static int check_version(unsigned int got, unsigned int want)
{
    if (got == 0 || got > want)
        return km__err(KM_EVERSION, "opts.version", "version %u is not supported (expected 1..%u)",
                       "versi %u tidak didukung (yang diharapkan 1..%u)", got, want);
    return 0;
}

static int check_iteration(double tolerance, uint32_t max_iter)
{
    if (!(tolerance > 0) || !isfinite(tolerance))
        return km__err(KM_EINVAL, "opts.tolerance", "%g must be finite and greater than 0",
                       "%g harus hingga dan lebih besar dari 0", tolerance);
    if (max_iter == 0) return km__err(KM_EINVAL, "opts.max_iter", "must be at least 1", "paling sedikit 1");
    return 0;
}

static int not_converged(const char *what, uint32_t iters, double err, double limit)
{
    return km__err(KM_ERANGE, what, "did not converge in %u iterations (L1 change %g, needed < %g)",
                   "tidak konvergen dalam %u iterasi (perubahan L1 %g, perlu < %g)", (unsigned)iters, err, limit);
}

int km_graph_pagerank(double *out, size_t out_len, const km_graph *g, const km_pagerank_options *opts)
{
    km_pagerank_options o = KM_PAGERANK_OPTIONS_INIT;
    const km__csr *in, *ou;
    double *x = NULL, *xn = NULL, *inv = NULL, n, alpha, err = 0;
    uint32_t it, v;
    int rc, use_w;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (opts) {
        if ((rc = check_version(opts->version, KM_PAGERANK_OPTIONS_VERSION)) != 0) return rc;
        o = *opts;
    }
    if (!(o.damping >= 0 && o.damping <= 1))
        return km__err(KM_EINVAL, "opts.damping", "%g is not in [0, 1]", "%g tidak dalam [0, 1]", o.damping);
    if ((rc = check_iteration(o.tolerance, o.max_iter)) != 0) return rc;
    if (g->n == 0) return 0;
    in = &g->in;
    ou = &g->out;
    use_w = o.weighted && g->weighted;
    n = (double)g->n;
    alpha = o.damping;
    x = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    xn = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    inv = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!x || !xn || !inv) {
        rc = km__nomem();
        goto done;
    }
    /* inv[u] = 1 / out-strength (0 marks a dangling vertex). */
    for (v = 0; v < g->n; v++) {
        double s = 0;
        size_t k;
        if (use_w)
            for (k = ou->off[v]; k < ou->off[v + 1]; k++) s += ou->w[k];
        else s = (double)(ou->off[v + 1] - ou->off[v]);
        inv[v] = s != 0 ? 1.0 / s : 0;
        x[v] = 1.0 / n;
    }
    for (it = 0; it < o.max_iter; it++) {
        double dangle = 0, base;
        for (v = 0; v < g->n; v++)
            if (inv[v] == 0) dangle += x[v];
        /* x'(v) = alpha (sum over arcs u->v of x(u) w(u,v) / S(u)
         *         + dangling mass / n) + (1 - alpha) / n */
        base = alpha * dangle / n + (1.0 - alpha) / n;
        err = 0;
        for (v = 0; v < g->n; v++) {
            double s = 0;
            size_t k;
            for (k = in->off[v]; k < in->off[v + 1]; k++) {
                uint32_t u = in->adj[k];
                s += x[u] * (use_w ? in->w[k] * inv[u] : inv[u]);
            }
            xn[v] = alpha * s + base;
            err += fabs(xn[v] - x[v]);
        }
        {
            double *t = x;
            x = xn;
            xn = t;
        }
        if (err < n * o.tolerance) break;
    }
    if (it == o.max_iter) {
        rc = not_converged("pagerank", o.max_iter, err, n * o.tolerance);
        goto done;
    }
    memcpy(out, x, (size_t)g->n * sizeof(double));
done:
    km__free(&g->alloc, x);
    km__free(&g->alloc, xn);
    km__free(&g->alloc, inv);
    return rc;
}

int km_graph_eigenvector(double *out, size_t out_len, const km_graph *g, const km_eigenvector_options *opts)
{
    km_eigenvector_options o = KM_EIGENVECTOR_OPTIONS_INIT;
    const km__csr *in;
    double *x = NULL, *xn = NULL, n, err = 0;
    uint32_t it, v;
    int rc, use_w;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (opts) {
        if ((rc = check_version(opts->version, KM_EIGENVECTOR_OPTIONS_VERSION)) != 0) return rc;
        o = *opts;
    }
    if ((rc = check_iteration(o.tolerance, o.max_iter)) != 0) return rc;
    if (g->n == 0) return 0;
    in = &g->in;
    use_w = o.weighted && g->weighted;
    n = (double)g->n;
    x = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    xn = (double *)km__calloc(&g->alloc, g->n, sizeof(double));
    if (!x || !xn) {
        rc = km__nomem();
        goto done;
    }
    for (v = 0; v < g->n; v++) x[v] = 1.0 / n;
    for (it = 0; it < o.max_iter; it++) {
        double norm, scale = 0;
        /* x' = (A + I)^T x, then scaled to Euclidean norm 1. */
        for (v = 0; v < g->n; v++) {
            double s = x[v];
            size_t k;
            for (k = in->off[v]; k < in->off[v + 1]; k++) s += x[in->adj[k]] * (use_w ? in->w[k] : 1.0);
            xn[v] = s;
        }
        /* A scaled sum of squares, as math.hypot does, so that no
         * intermediate overflows or underflows. */
        for (v = 0; v < g->n; v++)
            if (fabs(xn[v]) > scale) scale = fabs(xn[v]);
        if (scale > 0) {
            double ss = 0;
            for (v = 0; v < g->n; v++) {
                double q = xn[v] / scale;
                ss += q * q;
            }
            norm = scale * sqrt(ss);
        } else {
            norm = 1; /* NetworkX: "or 1" */
        }
        err = 0;
        for (v = 0; v < g->n; v++) {
            xn[v] /= norm;
            err += fabs(xn[v] - x[v]);
        }
        {
            double *t = x;
            x = xn;
            xn = t;
        }
        if (err < n * o.tolerance) break;
    }
    if (it == o.max_iter) {
        rc = not_converged("eigenvector", o.max_iter, err, n * o.tolerance);
        goto done;
    }
    memcpy(out, x, (size_t)g->n * sizeof(double));
done:
    km__free(&g->alloc, x);
    km__free(&g->alloc, xn);
    return rc;
}
