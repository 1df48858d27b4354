/**
 * @file view.h
 * @brief Views of a network as graphs, as of a date: the partner
 *        co-agreement graph, the resource-flow graph and the bipartite
 *        partner-agreement graph.
 *
 * A view is built once from the state of a ::km_network (or of a network
 * opened as of a point in the past) into an immutable ::km_graph, so every
 * measure of graph.h runs on it without any rebuild. The view keeps the
 * mapping from vertex index to partner id (and to agreement id in the
 * bipartite graph), the partner kind and region of every partner vertex
 * (for km_view_groups(), the grouping given to km_graph_brokerage()).
 *
 * Building a view is a read: nothing is written to the log. The view does
 * not refer to the network after it is built (it may outlive it). Rules and
 * examples: docs/matchmaking.md (section "Views").
 */
#ifndef KEMITRAAN_VIEW_H
#define KEMITRAAN_VIEW_H

#include "common.h"
#include "network.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Which graph a view is. */
typedef enum km_view_kind {
    KM_VIEW_COAGREEMENT = 0,  /**< Undirected partner-partner graph: an edge per pair of parties of a selected agreement. */
    KM_VIEW_RESOURCE_FLOW = 1, /**< Directed provider -> recipient graph weighted by money committed or disbursed. */
    KM_VIEW_BIPARTITE = 2,    /**< Undirected partner-agreement graph: partners first, then agreements. */
    KM_VIEW_KIND__COUNT = 3   /**< Number of kinds (not a kind). */
} km_view_kind;

/** @brief Edge weight of the co-agreement graph. */
typedef enum km_view_weight {
    KM_VIEW_WEIGHT_COUNT = 0, /**< Number of shared selected agreements. */
    KM_VIEW_WEIGHT_VALUE = 1  /**< Sum of the values (minor units) of the shared agreements in `currency`. */
} km_view_weight;

/** @brief Which partners become vertices. */
typedef enum km_view_vertices {
    KM_VIEW_VERTICES_ALL = 0,     /**< Every partner of the network (isolated ones included). */
    KM_VIEW_VERTICES_INVOLVED = 1 /**< Only partners that are parties of a selected agreement (flow: provider or recipient of a counted commitment). */
} km_view_vertices;

/** @brief Figure of the resource-flow graph. */
typedef enum km_view_flow {
    KM_VIEW_FLOW_COMMITTED = 0, /**< Committed amount (#KM_FIGURE_COMMITTED) as of the date. */
    KM_VIEW_FLOW_DISBURSED = 1  /**< Disbursed amount (#KM_FIGURE_DISBURSED) as of the date. */
} km_view_flow;

/** @brief How km_view_groups() groups partner vertices. */
typedef enum km_view_group_by {
    KM_VIEW_GROUP_KIND = 0,  /**< By ::km_partner_kind (the group is the kind value). */
    KM_VIEW_GROUP_REGION = 1 /**< By the first `region_segments` segments of the kode wilayah. */
} km_view_group_by;

/** @brief Current version of ::km_view_options. */
#define KM_VIEW_OPTIONS_VERSION 1

/**
 * @brief What to build. Every set filter must match (AND). The agreement
 *        filters select agreements; the graph is made of the selected ones
 *        only.
 */
typedef struct km_view_options {
    unsigned int version; /**< #KM_VIEW_OPTIONS_VERSION. */
    int kind;             /**< A ::km_view_kind. */
    /** `YYYY-MM-DD`: the date of the view; NULL = the day (UTC+7) of the
     *  network's point in time (`as_of_time` of a network opened in the
     *  past, else its clock). */
    const char *as_of;
    /** Non-zero (the default): only agreements active on the date, as
     *  km_agreement_query::active_on. Zero: agreements in any state (narrow
     *  them with @ref status_mask). */
    int active_only;
    int family;                /**< A ::km_family, or -1 for any. */
    int type;                  /**< A ::km_agreement_type, or -1 for any. */
    uint64_t framework_id;     /**< Framework, or 0 for any. */
    const char *region_prefix; /**< Kode wilayah prefix of the agreement by whole segments, or NULL. */
    /** `KM_AGREEMENT_STATUS_BIT()` mask of the statuses kept, or 0 for any. */
    uint32_t status_mask;
    int vertices;         /**< A ::km_view_vertices. */
    int weight;           /**< Co-agreement graph: a ::km_view_weight. */
    /** ISO 4217 code: required for #KM_VIEW_WEIGHT_VALUE and the resource
     *  flow graph (amounts in other currencies are left out). */
    const char *currency;
    int flow;             /**< Resource-flow graph: a ::km_view_flow. */
} km_view_options;

/** @brief Static initializer for ::km_view_options: co-agreement graph of
 *         every partner, weighted by the number of agreements active on the
 *         network's current day. */
#define KM_VIEW_OPTIONS_INIT { KM_VIEW_OPTIONS_VERSION, KM_VIEW_COAGREEMENT, NULL, 1, -1, -1, 0, NULL, 0, \
                               KM_VIEW_VERTICES_ALL, KM_VIEW_WEIGHT_COUNT, NULL, KM_VIEW_FLOW_COMMITTED }

/** @brief A built view (immutable). */
typedef struct km_view km_view;

/**
 * @brief Builds a view of the network.
 *
 * Partner vertices are numbered 0, 1, ... in ascending partner id; in the
 * bipartite graph the agreement vertices follow, in ascending agreement id.
 * Co-agreement: each selected agreement adds, for every pair of its
 * parties, 1 (count) or its value (value; only agreements with a value in
 * `currency`) to the pair's edge. Resource flow: each commitment of a
 * selected agreement that is money in `currency` and not cancelled adds its
 * committed or disbursed amount as of the date (ledger entries with a value
 * date on or before it) to the provider -> recipient arc; zero amounts add
 * no arc. Bipartite: one unweighted edge per party of each selected
 * agreement.
 * @param[out] out receives the view; free with km_view_free().
 * @param net the network (a network opened in the past gives a past view).
 * @param opts options, or NULL for #KM_VIEW_OPTIONS_INIT.
 * @return 0; #KM_EINVAL naming the option at fault; #KM_EVERSION;
 *         #KM_ERANGE (a weight sum overflows); #KM_ENOMEM.
 */
KM_EXTERN int km_view_build(km_view **out, km_network *net, const km_view_options *opts);

/**
 * @brief Releases a view and its graph. NULL is a no-op.
 * @param v the view (may be NULL).
 */
KM_EXTERN void km_view_free(km_view *v);

/**
 * @brief The graph of the view, owned by the view (valid until km_view_free()).
 * @param v the view (may be NULL).
 * @return the graph, or NULL for NULL.
 */
KM_EXTERN const km_graph *km_view_graph(const km_view *v);

/**
 * @brief The kind of the view.
 * @param v the view (may be NULL).
 * @return a ::km_view_kind, or -1 for NULL.
 */
KM_EXTERN int km_view_kind_of(const km_view *v);

/**
 * @brief Label of a view kind ("co-agreement graph (partners in the same
 *        agreements)"...).
 * @param kind a ::km_view_kind.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" when unknown.
 */
KM_EXTERN const char *km_view_kind_label(int kind, int lang);

/**
 * @brief The date the view was built for.
 * @param v the view (may be NULL).
 * @return `YYYY-MM-DD` (lives as long as the view), or NULL for NULL.
 */
KM_EXTERN const char *km_view_as_of(const km_view *v);

/**
 * @brief Number of partner vertices (vertices `0..count-1`).
 * @param v the view (may be NULL).
 * @return the count.
 */
KM_EXTERN uint32_t km_view_partner_count(const km_view *v);

/**
 * @brief Number of agreement vertices (bipartite graph only; they follow
 *        the partner vertices). For the other kinds: the number of selected
 *        agreements, which have no vertex.
 * @param v the view (may be NULL).
 * @return the count.
 */
KM_EXTERN uint32_t km_view_agreement_count(const km_view *v);

/**
 * @brief Partner id of a vertex.
 * @param v the view (may be NULL).
 * @param vertex a vertex index.
 * @return the partner id, or 0 when @p vertex is not a partner vertex.
 */
KM_EXTERN uint64_t km_view_partner_id(const km_view *v, uint32_t vertex);

/**
 * @brief Agreement id of a vertex of a bipartite view.
 * @param v the view (may be NULL).
 * @param vertex a vertex index.
 * @return the agreement id, or 0 when @p vertex is not an agreement vertex.
 */
KM_EXTERN uint64_t km_view_agreement_id(const km_view *v, uint32_t vertex);

/**
 * @brief Vertex of a partner.
 * @param[out] out receives the vertex index.
 * @param v the view.
 * @param partner_id the partner.
 * @return 0; #KM_EINVAL (NULL argument); #KM_ENOTFOUND (not a vertex of the view).
 */
KM_EXTERN int km_view_partner_vertex(uint32_t *out, const km_view *v, uint64_t partner_id);

/**
 * @brief Vertex of an agreement in a bipartite view.
 * @param[out] out receives the vertex index.
 * @param v the view.
 * @param agreement_id the agreement.
 * @return 0; #KM_EINVAL (NULL argument); #KM_ENOTFOUND (not a vertex of the view).
 */
KM_EXTERN int km_view_agreement_vertex(uint32_t *out, const km_view *v, uint64_t agreement_id);

/**
 * @brief A grouping of the vertices for km_graph_brokerage().
 *
 * By kind: the ::km_partner_kind of each partner. By region: the distinct
 * prefixes of `region_segments` whole segments of the partners' kode
 * wilayah (1 = province `32`, 2 = regency or city `32.73`, ...) numbered
 * 0, 1, ... in ascending byte order of the prefix; a partner without a
 * region or with fewer segments gets -1 (one group of its own). Agreement
 * vertices of a bipartite view get -2.
 * @param[out] out receives one group per vertex.
 * @param out_len capacity of @p out; at least the vertex count.
 * @param v the view.
 * @param by a ::km_view_group_by.
 * @param region_segments number of segments (1..4) for #KM_VIEW_GROUP_REGION; ignored otherwise.
 * @return 0; #KM_EINVAL; #KM_ENOMEM.
 */
KM_EXTERN int km_view_groups(int32_t *out, size_t out_len, const km_view *v, int by, uint32_t region_segments);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_VIEW_H */
