/**
 * @file graph.h
 * @brief The network as a graph: who works with whom, who bridges separate
 *        groups, who is isolated; and drawings of it (DOT, GEXF).
 *
 * A ::km_graph is an immutable, compact graph (compressed sparse rows) over
 * the vertices `0..n-1`, built once from an explicit edge list with
 * km_graph_new(). Views of a ::km_network (the co-agreement graph, the
 * resource-flow graph) will produce the same handle; until then a host builds
 * one from any edge list it likes.
 *
 * Every measure writes one value per vertex into an array owned by the caller
 * (`out`, with its length `out_len` checked), and leaves it untouched on
 * error. Formulas, normalisations and the exact correspondence with NetworkX
 * are in docs/graph.md. Results agree with NetworkX 3.6 to 1e-9 on the
 * graphs checked by the test suite.
 *
 * Weights mean different things to different measures, as in NetworkX:
 * shortest-path measures (betweenness, closeness, harmonic) read a weight as
 * a length (cost, distance); PageRank, eigenvector centrality, strength,
 * clustering and constraint read it as the strength of the tie. Each measure
 * that can use weights has a flag to ignore them; on an unweighted graph the
 * flag has no effect (every edge weighs 1).
 *
 * Threading: a ::km_graph is never modified after km_graph_new(), so any
 * number of threads may run measures on the same graph at the same time.
 * Betweenness, closeness and harmonic centrality can use several threads of
 * their own (an option); they are started and joined inside the call, and
 * the allocator is only ever called on the calling thread.
 */
#ifndef KEMITRAAN_GRAPH_H
#define KEMITRAAN_GRAPH_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief An immutable graph over the vertices `0..n-1`. */
typedef struct km_graph km_graph;

/**
 * @brief Builds a graph from an edge list.
 *
 * Edge `i` goes from `src[i]` to `dst[i]` (for an undirected graph the order
 * does not matter). Self-loops (`src[i] == dst[i]`) are dropped: none of the
 * measures here gives them a meaning. Repeated edges are merged into one:
 * their weights are summed (in input order) when @p weights is given, and
 * they simply collapse into one edge otherwise. For an undirected graph
 * `u-v` and `v-u` are the same edge; for a directed graph they are two arcs.
 * The arrays are copied; the caller keeps ownership.
 *
 * @param[out] out receives the graph; free it with km_graph_free(). Set to
 *        NULL on error.
 * @param n_vertices number of vertices; ids run from 0 to `n_vertices - 1`.
 *        Vertices without edges are part of the graph (isolated).
 * @param src first endpoint of each edge (may be NULL when @p n_edges is 0).
 * @param dst second endpoint of each edge (may be NULL when @p n_edges is 0).
 * @param weights weight of each edge, or NULL for an unweighted graph. Every
 *        weight must be finite and greater than 0.
 * @param n_edges number of edges in the three arrays.
 * @param directed non-zero for a directed graph.
 * @param allocator memory hook (copied), or NULL for libc. All memory of the
 *        graph and of every measure run on it comes from this allocator.
 * @return 0; #KM_EINVAL naming the argument or the edge at fault (e.g.
 *         `dst[17]` for a vertex id out of range, `weights[3]` for a weight
 *         that is not finite or not positive); #KM_ERANGE if merged weights
 *         overflow to infinity; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_new(km_graph **out, uint32_t n_vertices, const uint32_t *src, const uint32_t *dst,
                           const double *weights, size_t n_edges, int directed, const km_allocator *allocator);

/**
 * @brief Releases a graph. NULL is a no-op.
 * @param g the graph (may be NULL).
 */
KM_EXTERN void km_graph_free(km_graph *g);

/**
 * @brief Number of vertices.
 * @param g the graph (may be NULL).
 * @return the vertex count; 0 for NULL.
 */
KM_EXTERN uint32_t km_graph_vertex_count(const km_graph *g);

/**
 * @brief Number of edges after self-loops were dropped and repeated edges
 *        merged (undirected: vertex pairs; directed: arcs).
 * @param g the graph (may be NULL).
 * @return the edge count; 0 for NULL.
 */
KM_EXTERN uint64_t km_graph_edge_count(const km_graph *g);

/**
 * @brief Whether the graph is directed.
 * @param g the graph (may be NULL).
 * @return 1 if directed, 0 if undirected or NULL.
 */
KM_EXTERN int km_graph_is_directed(const km_graph *g);

/**
 * @brief Whether the graph was built with weights.
 * @param g the graph (may be NULL).
 * @return 1 if weighted, 0 if unweighted or NULL.
 */
KM_EXTERN int km_graph_is_weighted(const km_graph *g);

/**
 * @brief Copies the merged edge list, sorted by (source, target). Undirected
 *        edges are listed once, with `source < target`.
 * @param[out] out_src receives the source of each edge (km_graph_edge_count() entries).
 * @param[out] out_dst receives the target of each edge.
 * @param[out] out_weight receives the (summed) weight of each edge, 1 for an
 *        unweighted graph; may be NULL when not wanted.
 * @param out_len capacity of each array, in entries.
 * @param g the graph.
 * @return 0; #KM_EINVAL (NULL argument, or @p out_len smaller than the edge count).
 */
KM_EXTERN int km_graph_edges(uint32_t *out_src, uint32_t *out_dst, double *out_weight, size_t out_len,
                             const km_graph *g);

/** @brief Which arcs of a directed graph a degree counts. */
typedef enum km_graph_mode {
    KM_GRAPH_OUT = 1, /**< Outgoing arcs (successors). */
    KM_GRAPH_IN = 2,  /**< Incoming arcs (predecessors). */
    KM_GRAPH_ALL = 3  /**< Both: in + out, as NetworkX's `degree` of a directed graph. */
} km_graph_mode;

/**
 * @brief Degree of every vertex.
 * @param[out] out receives one degree per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param mode a ::km_graph_mode; ignored for an undirected graph (the
 *        number of neighbours).
 * @return 0; #KM_EINVAL (NULL, short @p out, unknown @p mode).
 */
KM_EXTERN int km_graph_degree(uint32_t *out, size_t out_len, const km_graph *g, int mode);

/**
 * @brief Strength (weighted degree) of every vertex: the sum of the weights
 *        of its edges; equal to the degree for an unweighted graph.
 * @param[out] out receives one strength per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param mode a ::km_graph_mode; ignored for an undirected graph.
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_graph_strength(double *out, size_t out_len, const km_graph *g, int mode);

/**
 * @brief Connected components (weakly connected for a directed graph).
 *
 * Components are numbered 0, 1, 2, ... in the order of their smallest vertex,
 * so the numbering is deterministic.
 * @param[out] out_component receives the component number of each vertex.
 * @param out_len capacity of @p out_component; at least the vertex count.
 * @param[out] out_count receives the number of components (may be NULL).
 * @param g the graph.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_components(uint32_t *out_component, size_t out_len, uint32_t *out_count,
                                  const km_graph *g);

/**
 * @brief Sizes of the connected components, numbered as by km_graph_components().
 * @param[out] out_sizes receives the size of component 0, 1, ... (count entries).
 * @param out_len capacity of @p out_sizes; the vertex count always suffices.
 * @param[out] out_count receives the number of components (may be NULL).
 * @param g the graph.
 * @return 0; #KM_EINVAL (also when @p out_len is smaller than the number of
 *         components); #KM_ENOMEM.
 */
KM_EXTERN int km_graph_component_sizes(uint32_t *out_sizes, size_t out_len, uint32_t *out_count,
                                       const km_graph *g);

/**
 * @brief Density: edges present over edges possible, `2m / (n(n-1))`
 *        undirected, `m / (n(n-1))` directed; 0 when n < 2.
 * @param[out] out receives the density.
 * @param g the graph.
 * @return 0; #KM_EINVAL.
 */
KM_EXTERN int km_graph_density(double *out, const km_graph *g);

/**
 * @brief Local clustering coefficient of every vertex, as NetworkX
 *        `clustering()`.
 *
 * Undirected: the fraction of pairs of neighbours that are linked. Directed:
 * Fagiolo's coefficient over all directed triangles. Weighted: the
 * geometric-mean formula of Onnela et al. with weights scaled by the largest
 * weight. Vertices with fewer than two neighbours get 0.
 * @param[out] out receives one coefficient per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param weighted non-zero to use the weights.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_clustering(double *out, size_t out_len, const km_graph *g, int weighted);

/**
 * @brief Average of the local clustering coefficients over all vertices
 *        (zeros included), as NetworkX `average_clustering()`; 0 for an
 *        empty graph.
 * @param[out] out receives the average.
 * @param g the graph.
 * @param weighted non-zero to use the weights.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_average_clustering(double *out, const km_graph *g, int weighted);

/**
 * @brief Global clustering (transitivity): 3 x triangles / connected
 *        triples, as NetworkX `transitivity()`. A directed graph is read as
 *        undirected (each linked pair counts once). Unweighted.
 * @param[out] out receives the transitivity (0 when there is no triple).
 * @param g the graph.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_transitivity(double *out, const km_graph *g);

/**
 * @brief Core number of every vertex (the largest k such that the vertex
 *        belongs to the k-core), by the O(m) Batagelj-Zaversnik algorithm.
 *        The degree of a directed graph is in + out, as in NetworkX
 *        `core_number()`.
 * @param[out] out receives one core number per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_core_number(uint32_t *out, size_t out_len, const km_graph *g);

/** @brief Current version of ::km_betweenness_options. */
#define KM_BETWEENNESS_OPTIONS_VERSION 1

/** @brief Options of km_graph_betweenness(). */
typedef struct km_betweenness_options {
    unsigned int version; /**< #KM_BETWEENNESS_OPTIONS_VERSION. */
    /** Non-zero: divide by the number of ordered vertex pairs not involving
     *  the vertex, `(n-1)(n-2)`, as NetworkX `normalized=True`. Zero (the
     *  default): raw sums, each unordered pair counted once in an undirected
     *  graph. */
    int normalized;
    /** Non-zero: shortest paths by total weight (weights are lengths;
     *  Dijkstra). Zero (the default, as NetworkX `weight=None`): by number
     *  of edges (BFS). */
    int weighted;
    /** Threads to use: 0 (the default) = one per online CPU, 1 = only the
     *  calling thread. The result does not depend on it beyond the order
     *  of floating-point additions (a few 1e-13 relative at most). */
    uint32_t threads;
    /** 0 (the default) or >= the vertex count: exact. Otherwise the number k
     *  of source vertices (pivots) to sample, at least 2; the estimate is
     *  unbiased and km_graph_betweenness_error_bound() bounds its error. */
    uint32_t samples;
    /** Seed of the pivot sample; the same seed gives the same pivots and
     *  the same result. */
    uint64_t seed;
} km_betweenness_options;

/** @brief Static initializer for ::km_betweenness_options: exact, raw sums,
 *         unweighted, one thread per CPU. */
#define KM_BETWEENNESS_OPTIONS_INIT { KM_BETWEENNESS_OPTIONS_VERSION, 0, 0, 0, 0, 0 }

/**
 * @brief Betweenness centrality (Brandes): for each vertex v, the sum over
 *        pairs (s, t), s != v != t, of the share of shortest s-t paths that
 *        pass through v.
 *
 * Exact results equal NetworkX `betweenness_centrality(G, normalized=...,
 * weight=...)`. The sampled estimate uses k pivots drawn without replacement
 * with a documented generator (docs/graph.md) and NetworkX 3.6's scaling.
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param opts options, or NULL for #KM_BETWEENNESS_OPTIONS_INIT.
 * @return 0; #KM_EINVAL (bad argument, `opts.samples` = 1);
 *         #KM_EVERSION (unknown `opts.version`); #KM_ENOMEM.
 */
KM_EXTERN int km_graph_betweenness(double *out, size_t out_len, const km_graph *g,
                                   const km_betweenness_options *opts);

/**
 * @brief Error bound of a sampled betweenness estimate.
 *
 * With probability at least `1 - failure_probability`, the estimate of one
 * given vertex differs from its exact betweenness by at most the returned
 * amount (Hoeffding's inequality; see docs/graph.md). For a bound that holds
 * for all vertices at once, pass `failure_probability / n_vertices`.
 * @param[out] out receives the bound, in the units of the result (raw or
 *        normalized); 0 for an exact computation.
 * @param n_vertices number of vertices of the graph.
 * @param samples number of pivots (0 or >= @p n_vertices: exact).
 * @param failure_probability in (0, 1).
 * @param directed non-zero for a directed graph.
 * @param normalized non-zero for normalized results.
 * @return 0; #KM_EINVAL (NULL @p out, @p samples = 1, probability outside (0, 1)).
 */
KM_EXTERN int km_graph_betweenness_error_bound(double *out, uint32_t n_vertices, uint32_t samples,
                                               double failure_probability, int directed, int normalized);

/** @brief Current version of ::km_closeness_options. */
#define KM_CLOSENESS_OPTIONS_VERSION 1

/** @brief Options of km_graph_closeness() and km_graph_harmonic(). */
typedef struct km_closeness_options {
    unsigned int version; /**< #KM_CLOSENESS_OPTIONS_VERSION. */
    /** Non-zero: distances by total weight (weights are lengths). Zero
     *  (the default, as NetworkX `distance=None`): by number of edges. */
    int weighted;
    /** Closeness only. Non-zero (the default): scale by the fraction of
     *  the graph that can reach the vertex (Wasserman-Faust), as NetworkX
     *  `wf_improved=True`. Zero: plain reciprocal mean distance within the
     *  reachable part. */
    int wf_improved;
    /** Threads, as in ::km_betweenness_options. */
    uint32_t threads;
} km_closeness_options;

/** @brief Static initializer for ::km_closeness_options. */
#define KM_CLOSENESS_OPTIONS_INIT { KM_CLOSENESS_OPTIONS_VERSION, 0, 1, 0 }

/**
 * @brief Closeness centrality, as NetworkX `closeness_centrality()`:
 *        `(r - 1) / (sum of distances from the r - 1 vertices that reach u)`,
 *        times `(r - 1)/(n - 1)` with `wf_improved`. Directed graphs use
 *        distances towards the vertex. Unreached vertices get 0.
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param opts options, or NULL for #KM_CLOSENESS_OPTIONS_INIT.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_closeness(double *out, size_t out_len, const km_graph *g,
                                 const km_closeness_options *opts);

/**
 * @brief Harmonic centrality, as NetworkX `harmonic_centrality()`: the sum
 *        of `1/d(v, u)` over the other vertices v (unreachable ones add 0).
 *        Directed graphs use distances towards the vertex.
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param opts options (`wf_improved` is ignored), or NULL for
 *        #KM_CLOSENESS_OPTIONS_INIT.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_harmonic(double *out, size_t out_len, const km_graph *g,
                                const km_closeness_options *opts);

/** @brief Current version of ::km_pagerank_options. */
#define KM_PAGERANK_OPTIONS_VERSION 1

/** @brief Options of km_graph_pagerank(). */
typedef struct km_pagerank_options {
    unsigned int version; /**< #KM_PAGERANK_OPTIONS_VERSION. */
    double damping;       /**< Damping factor in [0, 1]; default 0.85. */
    /** Stop when the L1 change of an iteration is below `n * tolerance`
     *  (NetworkX's rule); default 1e-14, which leaves values within about
     *  1e-10 of the fixed point on a 50,000-vertex graph. Must be > 0. */
    double tolerance;
    uint32_t max_iter; /**< Give up after this many iterations (>= 1); default 1000. */
    /** Non-zero (the default, as NetworkX `weight="weight"`): weights are
     *  tie strengths. Zero: every edge counts 1. */
    int weighted;
} km_pagerank_options;

/** @brief Static initializer for ::km_pagerank_options. */
#define KM_PAGERANK_OPTIONS_INIT { KM_PAGERANK_OPTIONS_VERSION, 0.85, 1e-14, 1000, 1 }

/**
 * @brief PageRank by power iteration, as NetworkX `pagerank()`: uniform
 *        teleport, and the rank of vertices without outgoing edges
 *        (dangling) spread uniformly. An undirected edge counts in both
 *        directions. The values sum to 1.
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param opts options, or NULL for #KM_PAGERANK_OPTIONS_INIT.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ERANGE if it did not converge
 *         within `max_iter` iterations (@p out is left untouched);
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_graph_pagerank(double *out, size_t out_len, const km_graph *g,
                                const km_pagerank_options *opts);

/** @brief Current version of ::km_eigenvector_options. */
#define KM_EIGENVECTOR_OPTIONS_VERSION 1

/** @brief Options of km_graph_eigenvector(). */
typedef struct km_eigenvector_options {
    unsigned int version; /**< #KM_EIGENVECTOR_OPTIONS_VERSION. */
    /** Stop when the L1 change of an iteration is below `n * tolerance`;
     *  default 1e-14. Must be > 0. */
    double tolerance;
    uint32_t max_iter; /**< Give up after this many iterations (>= 1); default 1000. */
    /** Non-zero: weights are tie strengths. Zero (the default, as NetworkX
     *  `weight=None`): every edge counts 1. */
    int weighted;
} km_eigenvector_options;

/** @brief Static initializer for ::km_eigenvector_options. */
#define KM_EIGENVECTOR_OPTIONS_INIT { KM_EIGENVECTOR_OPTIONS_VERSION, 1e-14, 1000, 0 }

/**
 * @brief Eigenvector centrality, as NetworkX `eigenvector_centrality()`:
 *        power iteration with `A + I` from the uniform vector, Euclidean
 *        norm 1. Directed graphs use incoming edges (left eigenvector).
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param opts options, or NULL for #KM_EIGENVECTOR_OPTIONS_INIT.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ERANGE if it did not converge
 *         within `max_iter` iterations; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_eigenvector(double *out, size_t out_len, const km_graph *g,
                                   const km_eigenvector_options *opts);

/**
 * @brief Burt's constraint (structural holes), as NetworkX `constraint()`:
 *        `c(v) = sum over neighbours j of (p(v,j) + sum over q of p(v,q) p(q,j))^2`
 *        with `p` the normalized mutual tie strength. Low constraint means
 *        the vertex bridges otherwise unconnected contacts. Vertices without
 *        any edge get NaN. In a directed graph the neighbours are the
 *        predecessors and successors together.
 * @param[out] out receives one value per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param g the graph.
 * @param weighted non-zero to use the weights as tie strengths.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_constraint(double *out, size_t out_len, const km_graph *g, int weighted);

/** @brief Gould-Fernandez brokerage roles: the index of each role's count
 *         in the output of km_graph_brokerage(). */
typedef enum km_brokerage_role {
    KM_BROKER_COORDINATOR = 0,    /**< a, b, c all in the same group. */
    KM_BROKER_ITINERANT = 1,      /**< a and c in one group, the broker b in another (consultant). */
    KM_BROKER_GATEKEEPER = 2,     /**< b and c share a group, a is outside: b controls what comes in. */
    KM_BROKER_REPRESENTATIVE = 3, /**< a and b share a group, c is outside: b speaks for its group. */
    KM_BROKER_LIAISON = 4,        /**< a, b and c in three different groups. */
    KM_BROKER__COUNT = 5          /**< Number of roles (not a role). */
} km_brokerage_role;

/**
 * @brief Gould-Fernandez brokerage: for every vertex b, the number of open
 *        two-paths `a -> b -> c` (a, b, c distinct, no arc `a -> c`) it
 *        brokers, by role.
 *
 * An undirected edge counts as two arcs, so every open pair of neighbours
 * {a, c} of b counts twice (a->b->c and c->b->a); in an undirected graph
 * the gatekeeper and representative counts of a vertex are therefore equal.
 * @param[out] out receives `KM_BROKER__COUNT` counts per vertex: the count of
 *        role r for vertex v is `out[v * KM_BROKER__COUNT + r]`.
 * @param out_len capacity of @p out; at least `5 * n`.
 * @param g the graph.
 * @param groups the group (partner kind, region, ...) of each vertex; any
 *        int32 values.
 * @param groups_len length of @p groups; at least the vertex count.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_brokerage(uint64_t *out, size_t out_len, const km_graph *g, const int32_t *groups,
                                 size_t groups_len);

/**
 * @brief Sink for the exporters: receives the document in pieces.
 * @param payload the pointer given to the exporter.
 * @param bytes the next bytes of the document (not NUL-terminated).
 * @param len number of bytes (> 0).
 * @return 0 to continue; any other value stops the export.
 */
typedef int (*km_write_fn)(void *payload, const char *bytes, size_t len);

/** @brief Current version of ::km_graph_export_options. */
#define KM_GRAPH_EXPORT_OPTIONS_VERSION 1

/**
 * @brief What to write besides the structure: labels and numeric vertex
 *        attributes (e.g. computed measures), so a portal or analyst can draw
 *        the network in Graphviz or Gephi.
 *
 * Strings are UTF-8, borrowed for the call, and may not contain control
 * characters other than tab, line feed and carriage return (XML cannot carry
 * them).
 */
typedef struct km_graph_export_options {
    unsigned int version; /**< #KM_GRAPH_EXPORT_OPTIONS_VERSION. */
    const char *name;     /**< Graph name (DOT graph id, GEXF description), or NULL. */
    /** One label per vertex, or NULL for none; a NULL entry means no label
     *  for that vertex. */
    const char *const *labels;
    /** Names of the numeric vertex attributes (attr_count entries, distinct,
     *  non-empty). */
    const char *const *attr_names;
    /** attr_count arrays, each holding one value per vertex. NaN and
     *  infinities are allowed. */
    const double *const *attr_values;
    size_t attr_count; /**< Number of attributes. */
    /** Length of `labels` and of every `attr_values` array; must equal the
     *  vertex count when either is given. */
    size_t values_len;
} km_graph_export_options;

/** @brief Static initializer for ::km_graph_export_options (structure only). */
#define KM_GRAPH_EXPORT_OPTIONS_INIT { KM_GRAPH_EXPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0, 0 }

/**
 * @brief Writes the graph as Graphviz DOT.
 *
 * Vertices are the numerals `0..n-1`; labels and attributes become quoted
 * node attributes (`label`, then each name), edge weights a `weight`
 * attribute. Every string is quoted and escaped (backslash, double quote,
 * line breaks), so no name or label can break out of its quotes.
 * @param g the graph.
 * @param opts labels and attributes, or NULL for the structure only.
 * @param write the sink; called on the calling thread only.
 * @param payload passed back to @p write.
 * @return 0; #KM_EINVAL (bad argument, label or name); #KM_EVERSION;
 *         #KM_ESTORAGE if @p write returned non-zero (writing stopped);
 *         #KM_ENOMEM.
 */
KM_EXTERN int km_graph_write_dot(const km_graph *g, const km_graph_export_options *opts, km_write_fn write,
                                 void *payload);

/**
 * @brief Writes the graph as GEXF 1.3 (Gephi), with the attributes declared
 *        as `double` node attributes and edge weights as `weight`.
 * @param g the graph.
 * @param opts labels and attributes, or NULL for the structure only.
 * @param write the sink; called on the calling thread only.
 * @param payload passed back to @p write.
 * @return 0; #KM_EINVAL; #KM_EVERSION; #KM_ESTORAGE if @p write returned
 *         non-zero; #KM_ENOMEM.
 */
KM_EXTERN int km_graph_write_gexf(const km_graph *g, const km_graph_export_options *opts, km_write_fn write,
                                  void *payload);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_GRAPH_H */
