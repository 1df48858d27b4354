/* The graph engine's internal representation: compressed sparse rows (CSR),
 * built once by km_graph_new() and never changed afterwards, so every
 * measure can read it from several threads at once without locks.
 *
 * Vertices are 0..n-1. Each row lists a vertex's neighbours in increasing
 * order with no duplicates and no self-loops. Undirected graphs store every
 * edge in both rows and share one array for "out" and "in"; directed graphs
 * keep a second CSR of incoming arcs. Weights (when the graph has them) are
 * parallel to the neighbour arrays and identical in both directions of an
 * undirected edge, bit for bit. */
#ifndef KM_GRAPH_INTERNAL_H
#define KM_GRAPH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kemitraan/graph.h"

typedef struct km__csr {
    size_t *off;   /* n + 1 row offsets */
    uint32_t *adj; /* off[n] neighbour ids, ascending within a row */
    double *w;     /* off[n] weights, or NULL for an unweighted graph */
} km__csr;

struct km_graph {
    km_allocator alloc;
    uint32_t n;
    uint64_t m;       /* edges after merging (undirected pairs or arcs) */
    int directed;
    int weighted;
    double max_weight; /* largest merged weight (1 when unweighted) */
    km__csr out;      /* successors (undirected: all neighbours) */
    km__csr in;       /* predecessors; aliases `out` when undirected */
};

/* Runs fn(ctx, t, threads) for t = 0..threads-1, t >= 1 on new threads and
 * t = 0 on the calling thread; joins them all before returning. If a thread
 * cannot be started, its share runs on the calling thread afterwards, so the
 * work done (and therefore the result) never depends on thread creation. */
typedef void (*km__graph_task)(void *ctx, uint32_t t, uint32_t threads);
void km__graph_parallel(km__graph_task fn, void *ctx, uint32_t threads);

/* The thread count an option asks for: 0 means one per online CPU; never
 * more than the number of work items (at least 1) nor KM__GRAPH_MAX_THREADS. */
#define KM__GRAPH_MAX_THREADS 64
uint32_t km__graph_threads(uint32_t requested, uint64_t work_items);

/* Shared argument checks of the measure functions: g non-NULL, out non-NULL
 * when n > 0, out_len >= need. Set the last error and return KM_EINVAL. */
int km__graph_check(const km_graph *g);
int km__graph_check_out(const km_graph *g, const void *out, size_t out_len, size_t need);

/* The symmetric view: every vertex's neighbours in either direction, as a
 * set, ascending. For an undirected graph this is the graph itself (shared,
 * not copied). For a directed graph it is built, and with
 * KM__SYM_MUTUAL the weight of u-v is the mutual tie a(u,v) + a(v,u), with
 * a the arc weight (or 1 with KM__SYM_MUTUAL_COUNT: a reciprocated pair
 * weighs 2); KM__SYM_PLAIN builds no weights. For an undirected graph
 * `w` is the graph's weights (NULL if unweighted): mutual weights would
 * be exactly twice these, which cancels in every ratio taken of them.
 * Release with km__graph_sym_free(). */
enum { KM__SYM_PLAIN = 0, KM__SYM_MUTUAL_COUNT = 1, KM__SYM_MUTUAL = 2 };
int km__graph_sym(const km_graph *g, km__csr *out, int mode);
void km__graph_sym_free(const km_graph *g, km__csr *c);

/* Weight of the arc at position i of a CSR (1 for an unweighted graph or
 * when the caller asked for the unweighted measure). */
static inline double km__csr_w(const km__csr *c, size_t i, int use_w) { return use_w ? c->w[i] : 1.0; }

#endif
