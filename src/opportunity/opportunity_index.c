/* Secondary indexes of opportunities and expressions of interest, and the
 * listings that use them. Each filterable value (status, type, publisher,
 * framework, sector, capability, each region prefix; for expressions the
 * opportunity, the submitting partner, every member, the agreement) has a
 * compressed id set; a filtered listing intersects them, so a page costs
 * time in proportion to what it touches. Removal never allocates, which is
 * what lets a transaction undo without failing. */
#include "opportunity/opportunity.h"
#include "network/page.h"
#include "util/ientry.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void km__opportunities_init(km__opportunities *s, const km_allocator *a)
{
    size_t i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < KM_OPPORTUNITY_STATUS__COUNT; i++) km__idset_init(&s->opp_status[i], a);
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) km__idset_init(&s->opp_type[i], a);
    km__keyidx_init(&s->opp_sectors, a);
    km__keyidx_init(&s->opp_caps, a);
    km__keyidx_init(&s->opp_regions, a);
    km__u64map_init(&s->opp_of_agreement, a);
    for (i = 0; i < KM_INTEREST_STATUS__COUNT; i++) km__idset_init(&s->eoi_status[i], a);
    s->a = a;
}

void km__opportunities_free(km__opportunities *s)
{
    size_t i;
    for (i = 0; i < s->n_opp; i++) km__opportunity_unref(s->opp[i]);
    km__free(s->a, s->opp);
    for (i = 0; i < s->n_eoi; i++) km__interest_unref(s->eoi[i]);
    km__free(s->a, s->eoi);
    for (i = 0; i < KM_OPPORTUNITY_STATUS__COUNT; i++) km__idset_free(&s->opp_status[i]);
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) km__idset_free(&s->opp_type[i]);
    km__idsets_free(&s->opp_publisher, s->a);
    km__idsets_free(&s->opp_framework, s->a);
    km__keyidx_free(&s->opp_sectors);
    km__keyidx_free(&s->opp_caps);
    km__keyidx_free(&s->opp_regions);
    km__u64map_free(&s->opp_of_agreement);
    for (i = 0; i < KM_INTEREST_STATUS__COUNT; i++) km__idset_free(&s->eoi_status[i]);
    km__idsets_free(&s->eoi_opportunity, s->a);
    km__idsets_free(&s->eoi_partner, s->a);
    km__idsets_free(&s->eoi_member, s->a);
    km__idsets_free(&s->eoi_agreement, s->a);
    memset(s, 0, sizeof *s);
}

/* ---- index entries of a record ---- */


#define IENTRIES_MAX (4 + 2 * KM_TAGS_MAX + 4 + KM_INTEREST_CO_APPLICANTS_MAX)

static size_t opp_entries(km__opportunities *s, const km_opportunity *o, km__ientry *out)
{
    size_t n = 0, i;
    memset(out, 0, IENTRIES_MAX * sizeof *out);
    out[n++].fixed = &s->opp_status[o->status];
    out[n++].fixed = &s->opp_type[o->type];
    /* The keyed sets exist: km__opp_index_replace reserves them first. */
    out[n++].fixed = km__idsets_at(&s->opp_publisher, o->publisher);
    if (o->framework_id) out[n++].fixed = km__idsets_at(&s->opp_framework, o->framework_id);
    for (i = 0; i < o->n_sectors; i++) {
        out[n].post = &s->opp_sectors;
        out[n].key = o->sectors[i];
        out[n++].len = strlen(o->sectors[i]);
    }
    for (i = 0; i < o->n_caps; i++) {
        out[n].post = &s->opp_caps;
        out[n].key = o->caps[i];
        out[n++].len = strlen(o->caps[i]);
    }
    if (o->region) {
        size_t len = strlen(o->region);
        for (i = 1; i <= len; i++) {
            if (i == len || o->region[i] == '.') {
                out[n].post = &s->opp_regions;
                out[n].key = o->region;
                out[n++].len = i;
            }
        }
    }
    return n;
}

static size_t eoi_entries(km__opportunities *s, const km_interest *e, km__ientry *out)
{
    size_t n = 0, i;
    memset(out, 0, IENTRIES_MAX * sizeof *out);
    out[n++].fixed = &s->eoi_status[e->status];
    /* The keyed sets exist: km__eoi_index_replace reserves them first. */
    out[n++].fixed = km__idsets_at(&s->eoi_opportunity, e->opportunity);
    out[n++].fixed = km__idsets_at(&s->eoi_partner, e->partner);
    out[n++].fixed = km__idsets_at(&s->eoi_member, e->partner);
    for (i = 0; i < e->n_co; i++) out[n++].fixed = km__idsets_at(&s->eoi_member, e->co[i].partner);
    if (e->agreement) out[n++].fixed = km__idsets_at(&s->eoi_agreement, e->agreement);
    return n;
}

int km__opp_index_replace(km__opportunities *s, const km_opportunity *old, const km_opportunity *nw)
{
    km__ientry eo[IENTRIES_MAX], en[IENTRIES_MAX];
    size_t no, nn;
    int rc;
    if (nw) {
        if ((rc = km__idsets_reserve(&s->opp_publisher, s->a, nw->publisher)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->opp_framework, s->a, nw->framework_id)) != 0) return rc;
    }
    no = old ? opp_entries(s, old, eo) : 0;
    nn = nw ? opp_entries(s, nw, en) : 0;
    return km__ientry_move(eo, no, en, nn, nw ? nw->id : old->id);
}

int km__eoi_index_replace(km__opportunities *s, const km_interest *old, const km_interest *nw)
{
    km__ientry eo[IENTRIES_MAX], en[IENTRIES_MAX];
    size_t no, nn, i;
    int rc;
    if (nw) {
        if ((rc = km__idsets_reserve(&s->eoi_opportunity, s->a, nw->opportunity)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->eoi_partner, s->a, nw->partner)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->eoi_member, s->a, nw->partner)) != 0) return rc;
        for (i = 0; i < nw->n_co; i++)
            if ((rc = km__idsets_reserve(&s->eoi_member, s->a, nw->co[i].partner)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->eoi_agreement, s->a, nw->agreement)) != 0) return rc;
    }
    no = old ? eoi_entries(s, old, eo) : 0;
    nn = nw ? eoi_entries(s, nw, en) : 0;
    return km__ientry_move(eo, no, en, nn, nw ? nw->id : old->id);
}

/* ---- listings: shared pieces ---- */

#define QUERY_SETS 10

typedef struct plan {
    const km__idset *sets[QUERY_SETS + 1]; /* + 1: room for a union member */
    size_t n;
    const km__idset *u[2];   /* when n_u == 2: the candidates are in u[0] or u[1] */
    size_t n_u;
    int empty;
    int status;              /* for status_as_of: the state on day must be this */
    int has_status_day, has_open_on;
    int32_t status_day, open_on;
} plan;

static void use_set(plan *pl, const km__idset *s)
{
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
}

/* Smallest id >= from in every set (and in one of the union sets). */
static int next_candidate(plan *pl, uint64_t from, uint64_t limit_all, uint64_t *out)
{
    uint64_t best = 0, c;
    size_t k;
    int found = 0;
    if (pl->n_u == 0) {
        if (pl->n) return km__idset_next_all(pl->sets, pl->n, from, out);
        if (from > limit_all) return 0;
        *out = from ? from : 1;
        return 1;
    }
    for (k = 0; k < 2; k++) {
        pl->sets[pl->n] = pl->u[k];
        if (km__idset_next_all(pl->sets, pl->n + 1, from, &c) && (!found || c < best)) {
            best = c;
            found = 1;
        }
    }
    if (found) *out = best;
    return found;
}

/* ---- opportunity listings ---- */

struct km_opportunity_page {
    km__page base;
};

static int opp_plan(plan *pl, km_network *net, const km_opportunity_query *q)
{
    km__opportunities *s = &net->opportunities;
    int rc;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_OPPORTUNITY_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->status != -1 && (q->status < 0 || q->status >= KM_OPPORTUNITY_STATUS__COUNT))
        return km__err(KM_EINVAL, "query.status", "%d is not an opportunity status or -1",
                       "%d bukan status peluang atau -1", q->status);
    if (q->status_as_of) {
        if ((rc = km__v_date("query.status_as_of", q->status_as_of, strlen(q->status_as_of), &pl->status_day)) != 0)
            return rc;
        pl->has_status_day = 1;
    }
    if (q->status != -1) {
        if (pl->has_status_day && q->status == KM_OPPORTUNITY_CLOSED) {
            /* Closed on a date: recorded closed, or open past its closing date. */
            pl->u[0] = &s->opp_status[KM_OPPORTUNITY_CLOSED];
            pl->u[1] = &s->opp_status[KM_OPPORTUNITY_OPEN];
            pl->n_u = 2;
        } else {
            use_set(pl, &s->opp_status[q->status]);
        }
        pl->status = q->status;
    } else {
        pl->has_status_day = 0; /* nothing to compare it with */
    }
    if (q->agreement_type != -1) {
        if (q->agreement_type < 0 || q->agreement_type >= KM_AGREEMENT_TYPE__COUNT)
            return km__err(KM_EINVAL, "query.agreement_type", "%d is not an agreement type or -1",
                           "%d bukan jenis perjanjian atau -1", q->agreement_type);
        use_set(pl, &s->opp_type[q->agreement_type]);
    }
    if (q->publisher_id) use_set(pl, km__idsets_get(&s->opp_publisher, q->publisher_id));
    if (q->framework_id) use_set(pl, km__idsets_get(&s->opp_framework, q->framework_id));
    if (q->sector) {
        if ((rc = km__v_tag("query.sector", q->sector, strlen(q->sector))) != 0) return rc;
        use_set(pl, km__keyidx_find(&s->opp_sectors, q->sector, strlen(q->sector)));
    }
    if (q->capability) {
        if ((rc = km__v_tag("query.capability", q->capability, strlen(q->capability))) != 0) return rc;
        use_set(pl, km__keyidx_find(&s->opp_caps, q->capability, strlen(q->capability)));
    }
    if (q->region_prefix) {
        size_t len = strlen(q->region_prefix);
        if ((rc = km__v_region("query.region_prefix", q->region_prefix, len)) != 0) return rc;
        use_set(pl, km__keyidx_find(&s->opp_regions, q->region_prefix, len));
    }
    if (q->open_on) {
        if ((rc = km__v_date("query.open_on", q->open_on, strlen(q->open_on), &pl->open_on)) != 0) return rc;
        pl->has_open_on = 1;
        use_set(pl, &s->opp_status[KM_OPPORTUNITY_OPEN]);
    }
    return 0;
}

static int opp_matches(const plan *pl, const km_opportunity *o)
{
    if (pl->has_status_day && km__opp_status_on(o, pl->status_day) != pl->status) return 0;
    if (pl->has_open_on && !km__opp_accepting(o, pl->open_on)) return 0;
    return 1;
}

static int opp_next(plan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    km__opportunities *s = &net->opportunities;
    uint64_t id = from;
    if (pl->empty) return 0;
    for (;;) {
        if (!next_candidate(pl, id, s->n_opp, &id)) return 0;
        if (id == 0) { id = 1; continue; }
        if (!opp_matches(pl, s->opp[id - 1])) { id++; continue; }
        *out = id;
        return 1;
    }
}

static int opp_src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return opp_next((plan *)pl, net, from, next);
}
static const void *opp_src_slot(km_network *net, uint64_t id) { return &net->opportunities.opp[id - 1]; }
static void *opp_src_get(km_network *net, uint64_t id) { return net->opportunities.opp[id - 1]; }
static void opp_src_ref(void *r) { km__opportunity_ref((km_opportunity *)r); }
static void opp_src_unref(void *r) { km__opportunity_unref((km_opportunity *)r); }

static const km__page_src opp_page_src = { "o1:", "km_opportunity_page_cursor", opp_src_next, opp_src_slot, opp_src_get, opp_src_ref, opp_src_unref, NULL };

int km_opportunity_list(km_opportunity_page **out, km_network *net, const km_opportunity_query *query)
{
    km_opportunity_query dq = KM_OPPORTUNITY_QUERY_INIT;
    plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = opp_plan(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_opportunity_page), net, &opp_page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

int km_opportunity_count(uint64_t *out, km_network *net, const km_opportunity_query *query)
{
    km_opportunity_query dq = KM_OPPORTUNITY_QUERY_INIT;
    plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = opp_plan(&pl, net, query)) != 0) return rc;
    if (pl.empty) return 0;
    if (!pl.has_status_day && !pl.has_open_on && !pl.n_u) {
        *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->opportunities.n_opp;
        return 0;
    }
    *out = km__page_count_matches(net, &opp_page_src, &pl);
    return 0;
}

void km_opportunity_page_free(km_opportunity_page *page) { km__page_free((km__page *)page); }
size_t km_opportunity_page_count(const km_opportunity_page *page) { return km__page_count((const km__page *)page); }
const km_opportunity *km_opportunity_page_get(const km_opportunity_page *page, size_t i)
{
    return (const km_opportunity *)km__page_get((const km__page *)page, i);
}
const char *km_opportunity_page_cursor(const km_opportunity_page *page) { return km__page_cursor((const km__page *)page); }

/* ---- expression of interest listings ---- */

struct km_interest_page {
    km__page base;
};

static int eoi_plan(plan *pl, km_network *net, const km_interest_query *q)
{
    km__opportunities *s = &net->opportunities;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_INTEREST_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->status != -1) {
        if (q->status < 0 || q->status >= KM_INTEREST_STATUS__COUNT)
            return km__err(KM_EINVAL, "query.status", "%d is not an expression of interest status or -1",
                           "%d bukan status pernyataan minat atau -1", q->status);
        use_set(pl, &s->eoi_status[q->status]);
    }
    if (q->opportunity_id) use_set(pl, km__idsets_get(&s->eoi_opportunity, q->opportunity_id));
    if (q->partner_id) use_set(pl, km__idsets_get(&s->eoi_partner, q->partner_id));
    if (q->member_id) use_set(pl, km__idsets_get(&s->eoi_member, q->member_id));
    if (q->agreement_id) use_set(pl, km__idsets_get(&s->eoi_agreement, q->agreement_id));
    return 0;
}

static int eoi_next(plan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    if (pl->empty) return 0;
    if (!next_candidate(pl, from, net->opportunities.n_eoi, out)) return 0;
    if (*out == 0) return next_candidate(pl, 1, net->opportunities.n_eoi, out);
    return 1;
}

static int eoi_src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return eoi_next((plan *)pl, net, from, next);
}
static const void *eoi_src_slot(km_network *net, uint64_t id) { return &net->opportunities.eoi[id - 1]; }
static void *eoi_src_get(km_network *net, uint64_t id) { return net->opportunities.eoi[id - 1]; }
static void eoi_src_ref(void *r) { km__interest_ref((km_interest *)r); }
static void eoi_src_unref(void *r) { km__interest_unref((km_interest *)r); }

static const km__page_src eoi_page_src = { "i1:", "km_interest_page_cursor", eoi_src_next, eoi_src_slot, eoi_src_get, eoi_src_ref, eoi_src_unref, NULL };

int km_interest_list(km_interest_page **out, km_network *net, const km_interest_query *query)
{
    km_interest_query dq = KM_INTEREST_QUERY_INIT;
    plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = eoi_plan(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_interest_page), net, &eoi_page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

int km_interest_count(uint64_t *out, km_network *net, const km_interest_query *query)
{
    km_interest_query dq = KM_INTEREST_QUERY_INIT;
    plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = eoi_plan(&pl, net, query)) != 0) return rc;
    if (pl.empty) return 0;
    *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->opportunities.n_eoi;
    return 0;
}

void km_interest_page_free(km_interest_page *page) { km__page_free((km__page *)page); }
size_t km_interest_page_count(const km_interest_page *page) { return km__page_count((const km__page *)page); }
const km_interest *km_interest_page_get(const km_interest_page *page, size_t i)
{
    return (const km_interest *)km__page_get((const km__page *)page, i);
}
const char *km_interest_page_cursor(const km_interest_page *page) { return km__page_cursor((const km__page *)page); }
