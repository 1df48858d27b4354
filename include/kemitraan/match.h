/**
 * @file match.h
 * @brief Matchmaking: suggests new partners for a partner or for a stated
 *        need, each suggestion with the components of its score so a
 *        portal can show why it was made.
 *
 * The score of a candidate is a weighted sum of components in [0, 1]
 * (capabilities that meet the need, sector overlap, region proximity,
 * network proximity, track record) minus weighted penalties (open
 * disputes, suspended status). The formula and the defaults are in
 * docs/matchmaking.md. Matching is a read: nothing is written to the log.
 */
#ifndef KEMITRAAN_MATCH_H
#define KEMITRAAN_MATCH_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Components of a match score (km_matches_component()). */
typedef enum km_match_component {
    KM_MATCH_CAPABILITY = 0,   /**< Share of the needed tags the candidate offers as capabilities. */
    KM_MATCH_SECTOR = 1,       /**< Share of the wanted sectors the candidate works in. */
    KM_MATCH_REGION = 2,       /**< Leading kode wilayah segments in common over the segments of the wanted region. */
    KM_MATCH_NETWORK = 3,      /**< Friends of friends: `c / (c + 1)` for c common co-agreement neighbours. */
    KM_MATCH_TRACK_RECORD = 4, /**< `k / (k + 1)` for k completed agreements, averaged with the evaluation score when there is one. */
    KM_MATCH_DISPUTES = 5,     /**< Penalty: `d / (d + 1)` for d open disputes the candidate is party to. */
    KM_MATCH_SUSPENDED = 6,    /**< Penalty: 1 when the candidate is suspended, else 0. */
    KM_MATCH_COMPONENT__COUNT = 7 /**< Number of components (not a component). */
} km_match_component;

/** @brief Raw facts behind the components (km_matches_detail()). */
typedef enum km_match_detail {
    KM_MATCH_TAGS_MATCHED = 0,      /**< Needed tags found among the candidate's capabilities. */
    KM_MATCH_SECTORS_MATCHED = 1,   /**< Wanted sectors found among the candidate's sectors. */
    KM_MATCH_REGION_SEGMENTS = 2,   /**< Leading kode wilayah segments in common. */
    KM_MATCH_COMMON_NEIGHBOURS = 3, /**< Partners the origin and the candidate both share an agreement with. */
    KM_MATCH_DISTANCE = 4,          /**< Co-agreement distance from the origin: 1, 2, or 0 for farther, unreachable or no origin. */
    KM_MATCH_COMPLETED = 5,         /**< Completed agreements the candidate is party to. */
    KM_MATCH_OPEN_DISPUTES = 6,     /**< Open disputes the candidate is party to. */
    KM_MATCH_EVALUATION_PERMILLE = 7, /**< Evaluation score of the candidate's agreements in permille, or -1 when none. */
    KM_MATCH_DETAIL__COUNT = 8      /**< Number of details (not a detail). */
} km_match_detail;

/** @brief Current version of ::km_match_need. */
#define KM_MATCH_NEED_VERSION 1

/** @brief A stated need. Strings are UTF-8 and borrowed for the call. */
typedef struct km_match_need {
    unsigned int version;        /**< #KM_MATCH_NEED_VERSION. */
    const char *const *tags;     /**< Needed capabilities (compared with partner capabilities, ASCII case-insensitive). */
    size_t tags_count;           /**< Number of tags (at most #KM_TAGS_MAX). */
    const char *const *sectors;  /**< Wanted sectors. */
    size_t sectors_count;        /**< Number of sectors (at most #KM_TAGS_MAX). */
    const char *region;          /**< Kode wilayah where the need is, or NULL. */
    /** Partner on whose behalf the need is stated, or 0: excluded from the
     *  candidates and the origin of network proximity. */
    uint64_t partner_id;
} km_match_need;

/** @brief Static initializer for ::km_match_need (empty need). */
#define KM_MATCH_NEED_INIT { KM_MATCH_NEED_VERSION, NULL, 0, NULL, 0, NULL, 0 }

/** @brief Current version of ::km_match_options. */
#define KM_MATCH_OPTIONS_VERSION 1

/** @brief Weights and selection of a matching. Every weight must be finite and >= 0. */
typedef struct km_match_options {
    unsigned int version;     /**< #KM_MATCH_OPTIONS_VERSION. */
    double w_capability;      /**< Weight of #KM_MATCH_CAPABILITY; default 0.35. */
    double w_sector;          /**< Weight of #KM_MATCH_SECTOR; default 0.15. */
    double w_region;          /**< Weight of #KM_MATCH_REGION; default 0.15. */
    double w_network;         /**< Weight of #KM_MATCH_NETWORK; default 0.15. */
    double w_track_record;    /**< Weight of #KM_MATCH_TRACK_RECORD; default 0.20. */
    double w_disputes;        /**< Penalty weight of #KM_MATCH_DISPUTES; default 0.25. */
    double w_suspended;       /**< Penalty weight of #KM_MATCH_SUSPENDED; default 0.50. */
    /** Non-zero: suspended partners are candidates (with the penalty).
     *  Zero (the default): they are left out. Archived partners are always
     *  left out. */
    int include_suspended;
    /** Non-zero (the default): leave out partners that already share an
     *  agreement active on the date with the origin partner. */
    int exclude_existing;
    /** Non-zero (the default): read the evaluation score (scorecard of the
     *  partner scope) into the track record. */
    int use_evaluation;
    int kind;                 /**< Only candidates of this ::km_partner_kind, or -1 for any. */
    /** Keep only candidates whose score is strictly above this; default 0. */
    double min_score;
    uint32_t limit;           /**< Most suggestions returned; default 20; 0 = all. */
    /** `YYYY-MM-DD` of the network and track record reads, or NULL for the
     *  day of the network's point in time (as km_view_options::as_of). */
    const char *as_of;
} km_match_options;

/** @brief Static initializer for ::km_match_options (the documented defaults). */
#define KM_MATCH_OPTIONS_INIT { KM_MATCH_OPTIONS_VERSION, 0.35, 0.15, 0.15, 0.15, 0.20, 0.25, 0.50, 0, 1, 1, -1, \
                                0.0, 20, NULL }

/** @brief Ranked suggestions (immutable). */
typedef struct km_matches km_matches;

/**
 * @brief Suggests partners for an existing partner: its needs are the
 *        tags, its sectors the sectors, its region the region, and it is
 *        the origin of network proximity.
 * @param[out] out receives the suggestions, best first (ties: ascending
 *        partner id); free with km_matches_free().
 * @param net the network.
 * @param partner_id the partner to find partners for.
 * @param opts options, or NULL for #KM_MATCH_OPTIONS_INIT.
 * @return 0; #KM_EINVAL (bad option, naming it); #KM_ENOTFOUND (no such
 *         partner); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_match_for_partner(km_matches **out, km_network *net, uint64_t partner_id,
                                   const km_match_options *opts);

/**
 * @brief Suggests partners for a stated need.
 * @param[out] out receives the suggestions, best first (ties: ascending
 *        partner id); free with km_matches_free().
 * @param net the network.
 * @param need the need.
 * @param opts options, or NULL for #KM_MATCH_OPTIONS_INIT.
 * @return 0; #KM_EINVAL (bad need or option, naming it); #KM_ENOTFOUND
 *         (`need.partner_id` is not a partner); #KM_EVERSION; #KM_ENOMEM.
 */
KM_EXTERN int km_match_for_need(km_matches **out, km_network *net, const km_match_need *need,
                                const km_match_options *opts);

/**
 * @brief Number of suggestions.
 * @param m the suggestions (may be NULL).
 * @return the count.
 */
KM_EXTERN size_t km_matches_count(const km_matches *m);

/**
 * @brief Partner id of the @p i-th suggestion.
 * @param m the suggestions (may be NULL).
 * @param i zero-based rank.
 * @return the id, or 0 when out of range.
 */
KM_EXTERN uint64_t km_matches_partner(const km_matches *m, size_t i);

/**
 * @brief Score of the @p i-th suggestion: the weighted components minus
 *        the weighted penalties.
 * @param m the suggestions (may be NULL).
 * @param i zero-based rank.
 * @return the score, or 0 when out of range.
 */
KM_EXTERN double km_matches_score(const km_matches *m, size_t i);

/**
 * @brief One component of the @p i-th suggestion's score, before weighting.
 * @param m the suggestions (may be NULL).
 * @param i zero-based rank.
 * @param component a ::km_match_component.
 * @return the component in [0, 1], or 0 when out of range or unknown.
 */
KM_EXTERN double km_matches_component(const km_matches *m, size_t i, int component);

/**
 * @brief One raw fact behind the @p i-th suggestion.
 * @param m the suggestions (may be NULL).
 * @param i zero-based rank.
 * @param detail a ::km_match_detail.
 * @return the value, or 0 when out of range or unknown.
 */
KM_EXTERN int64_t km_matches_detail(const km_matches *m, size_t i, int detail);

/**
 * @brief Releases suggestions. NULL is a no-op.
 * @param m the suggestions (may be NULL).
 */
KM_EXTERN void km_matches_free(km_matches *m);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_MATCH_H */
