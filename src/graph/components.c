/* Connected components (weak, by breadth-first search over arcs in both
 * directions) and core numbers (Batagelj-Zaversnik, O(n + m)). */
#include "graph/graph_internal.h"

#include "core/alloc.h"
#include "core/error.h"

#include <string.h>

#define UNSEEN UINT32_MAX

/* Labels every vertex with its component (numbered by smallest vertex) and
 * returns the count. queue has room for n vertices. */
static uint32_t label_components(const km_graph *g, uint32_t *comp, uint32_t *queue)
{
    uint32_t s, count = 0;
    for (s = 0; s < g->n; s++) comp[s] = UNSEEN;
    for (s = 0; s < g->n; s++) {
        size_t head = 0, tail = 0;
        if (comp[s] != UNSEEN) continue;
        comp[s] = count;
        queue[tail++] = s;
        while (head < tail) {
            uint32_t v = queue[head++];
            const km__csr *c = &g->out;
            int pass;
            for (pass = 0; pass < (g->directed ? 2 : 1); pass++, c = &g->in) {
                size_t i;
                for (i = c->off[v]; i < c->off[v + 1]; i++) {
                    uint32_t w = c->adj[i];
                    if (comp[w] == UNSEEN) {
                        comp[w] = count;
                        queue[tail++] = w;
                    }
                }
            }
        }
        count++;
    }
    return count;
}

int km_graph_components(uint32_t *out_component, size_t out_len, uint32_t *out_count, const km_graph *g)
{
    uint32_t *queue, count;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out_component, out_len, g ? g->n : 0)) != 0) return rc;
    queue = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    if (!queue) return km__nomem();
    count = label_components(g, out_component, queue);
    km__free(&g->alloc, queue);
    if (out_count) *out_count = count;
    return 0;
}

int km_graph_component_sizes(uint32_t *out_sizes, size_t out_len, uint32_t *out_count, const km_graph *g)
{
    uint32_t *comp, *queue, count, v;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check(g)) != 0) return rc;
    if (!out_sizes && g->n > 0) return km__err(KM_EINVAL, "out_sizes", "must not be NULL", "tidak boleh NULL");
    comp = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    queue = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    if (!comp || !queue) {
        km__free(&g->alloc, comp);
        km__free(&g->alloc, queue);
        return km__nomem();
    }
    count = label_components(g, comp, queue);
    if (out_len < count) {
        rc = km__err(KM_EINVAL, "out_len", "is %zu, the graph has %u components", "bernilai %zu, graf memiliki %u komponen",
                     out_len, (unsigned)count);
    } else {
        /* out_sizes may be NULL on an empty graph, and memset(NULL, 0, 0)
         * is undefined. */
        if (count > 0) memset(out_sizes, 0, (size_t)count * sizeof(uint32_t));
        for (v = 0; v < g->n; v++) out_sizes[comp[v]]++;
        if (out_count) *out_count = count;
    }
    km__free(&g->alloc, comp);
    km__free(&g->alloc, queue);
    return rc;
}

int km_graph_core_number(uint32_t *out, size_t out_len, const km_graph *g)
{
    uint32_t *deg, *pos = NULL, *vert = NULL, *bin = NULL, md = 0, v, d;
    size_t i, start;
    int rc;
    km__err_clear();
    if ((rc = km__graph_check_out(g, out, out_len, g ? g->n : 0)) != 0) return rc;
    if (g->n == 0) return 0;
    for (v = 0; v < g->n; v++) {
        size_t dv = g->out.off[v + 1] - g->out.off[v];
        if (g->directed) dv += g->in.off[v + 1] - g->in.off[v];
        if (dv > md) md = (uint32_t)dv;
    }
    pos = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    vert = (uint32_t *)km__calloc(&g->alloc, g->n, sizeof(uint32_t));
    bin = (uint32_t *)km__calloc(&g->alloc, (size_t)md + 1, sizeof(uint32_t));
    if (!pos || !vert || !bin) {
        rc = km__nomem();
        goto done;
    }
    deg = out; /* the degrees decrease in place into the core numbers */
    for (v = 0; v < g->n; v++) {
        size_t dv = g->out.off[v + 1] - g->out.off[v];
        if (g->directed) dv += g->in.off[v + 1] - g->in.off[v];
        deg[v] = (uint32_t)dv;
    }
    for (v = 0; v < g->n; v++) bin[deg[v]]++;
    start = 0;
    for (d = 0; d <= md; d++) {
        uint32_t num = bin[d];
        bin[d] = (uint32_t)start;
        start += num;
    }
    for (v = 0; v < g->n; v++) {
        pos[v] = bin[deg[v]];
        vert[pos[v]] = v;
        bin[deg[v]]++;
    }
    for (d = md; d > 0; d--) bin[d] = bin[d - 1];
    bin[0] = 0;
    for (i = 0; i < g->n; i++) {
        const km__csr *c = &g->out;
        int pass;
        v = vert[i];
        /* A directed graph's neighbours are its successors and its
         * predecessors as a multiset (a reciprocated pair counts twice), so
         * the degree being peeled is in + out, as NetworkX does. */
        for (pass = 0; pass < (g->directed ? 2 : 1); pass++, c = &g->in) {
            size_t k;
            for (k = c->off[v]; k < c->off[v + 1]; k++) {
                uint32_t u = c->adj[k];
                if (deg[u] > deg[v]) {
                    uint32_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
                    if (u != w) {
                        pos[u] = pw;
                        vert[pu] = w;
                        pos[w] = pu;
                        vert[pw] = u;
                    }
                    bin[du]++;
                    deg[u]--;
                }
            }
        }
    }
done:
    km__free(&g->alloc, pos);
    km__free(&g->alloc, vert);
    km__free(&g->alloc, bin);
    return rc;
}
