/* The co-agreement graph of the shared workload (../shared/bench/workload.md,
 * section 5): vertices 0..N-1 (vertex = partner id - 1), and for every
 * agreement an edge between each pair of its parties. The agreements come
 * from workload.h's generator (stream AGREEMENTS), so the graph is
 * bit-identical to the one every other implementation builds.
 *
 * Golden values at N = 10,000, M = 20,000: 65,986 pairs before
 * deduplication, 62,381 edges, 527 components, giant component 9,472.
 *
 * Header-only (static inline), for kmbench and the unit tests. */
#ifndef KM_BENCH_GRAPH_WORKLOAD_H
#define KM_BENCH_GRAPH_WORKLOAD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "workload.h"

typedef struct wl_edges {
    uint32_t *src, *dst; /* src[i] < dst[i] */
    size_t len;
} wl_edges;

static inline void wl_edges_free(wl_edges *e)
{
    free(e->src);
    free(e->dst);
    e->src = e->dst = NULL;
    e->len = 0;
}

/* Every party pair of agreements 1..m (n partners), duplicates included, in
 * agreement order and, within an agreement, in party order (i < j). Returns
 * 0, or -1 if memory runs out. */
static inline int wl_coagreement_pairs(wl_edges *out, uint64_t n, uint64_t m)
{
    wl_rng r;
    wl_agreement a;
    uint64_t id;
    size_t cap = (size_t)m * 6; /* at most C(4,2) = 6 pairs per agreement */
    out->len = 0;
    out->src = (uint32_t *)malloc((cap ? cap : 1) * sizeof(uint32_t));
    out->dst = (uint32_t *)malloc((cap ? cap : 1) * sizeof(uint32_t));
    if (!out->src || !out->dst) {
        wl_edges_free(out);
        return -1;
    }
    wl_init(&r, WL_AGREEMENTS);
    for (id = 1; id <= m; id++) {
        int i, j;
        wl_agreement_next(&r, id, n, &a);
        for (i = 0; i < a.n_parties; i++) {
            for (j = i + 1; j < a.n_parties; j++) {
                uint32_t u = (uint32_t)(a.parties[i] - 1), v = (uint32_t)(a.parties[j] - 1);
                out->src[out->len] = u < v ? u : v;
                out->dst[out->len] = u < v ? v : u;
                out->len++;
            }
        }
    }
    return 0;
}

static inline int wl_u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorts the pairs by (u, v) and removes duplicates, in place: the edge list
 * of the exchange format. Returns 0, or -1 if memory runs out. */
static inline int wl_edges_unique(wl_edges *e)
{
    uint64_t *k = (uint64_t *)malloc((e->len ? e->len : 1) * sizeof(uint64_t));
    size_t i, w = 0;
    if (!k) return -1;
    for (i = 0; i < e->len; i++) k[i] = (uint64_t)e->src[i] << 32 | e->dst[i];
    qsort(k, e->len, sizeof(uint64_t), wl_u64_cmp);
    for (i = 0; i < e->len; i++) {
        if (w > 0 && k[i] == k[w - 1]) continue;
        k[w++] = k[i];
    }
    for (i = 0; i < w; i++) {
        e->src[i] = (uint32_t)(k[i] >> 32);
        e->dst[i] = (uint32_t)k[i];
    }
    e->len = w;
    free(k);
    return 0;
}

/* Writes the exchange format: `# N=<n> M=<m> edges=<e>`, then `u v` lines
 * (e must be unique and sorted). Returns 0, or -1 on a write error. */
static inline int wl_edges_write(FILE *f, const wl_edges *e, uint64_t n, uint64_t m)
{
    size_t i;
    if (fprintf(f, "# N=%llu M=%llu edges=%llu\n", (unsigned long long)n, (unsigned long long)m,
                (unsigned long long)e->len) < 0)
        return -1;
    for (i = 0; i < e->len; i++)
        if (fprintf(f, "%u %u\n", (unsigned)e->src[i], (unsigned)e->dst[i]) < 0) return -1;
    return fflush(f) == 0 ? 0 : -1;
}

#endif
