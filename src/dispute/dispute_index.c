/* Secondary indexes of disputes and the queries that use them. Each
 * filterable value (status, category, severity, agreement, party, mediator)
 * has a compressed id set; a filtered listing intersects them, so a page
 * costs time in proportion to what it touches. Removal never allocates,
 * which is what lets a transaction undo without failing. */
#include "dispute/dispute.h"
#include "network/page.h"
#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void km__disputes_init(km__disputes *s, const km_allocator *a)
{
    size_t i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) km__idset_init(&s->by_status[i], a);
    for (i = 0; i < KM_DISPUTE_CATEGORY__COUNT; i++) km__idset_init(&s->by_category[i], a);
    for (i = 0; i < KM_DISPUTE_SEVERITY__COUNT; i++) km__idset_init(&s->by_severity[i], a);
    s->a = a;
}

void km__disputes_free(km__disputes *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        km__dispute_unref(s->items[i].cur);
        km__dsp_sessions_free(s->a, &s->items[i]);
    }
    km__free(s->a, s->items);
    for (i = 0; i < s->n_pols; i++) km__free(s->a, s->pols[i].pol);
    km__free(s->a, s->pols);
    for (i = 0; i < KM_DISPUTE_STATUS__COUNT; i++) km__idset_free(&s->by_status[i]);
    for (i = 0; i < KM_DISPUTE_CATEGORY__COUNT; i++) km__idset_free(&s->by_category[i]);
    for (i = 0; i < KM_DISPUTE_SEVERITY__COUNT; i++) km__idset_free(&s->by_severity[i]);
    km__idsets_free(&s->by_agreement, s->a);
    km__idsets_free(&s->by_party, s->a);
    km__idsets_free(&s->by_mediator, s->a);
    memset(s, 0, sizeof *s);
}

uint64_t km__disputes_open(const km__disputes *s)
{
    return s->n - km__idset_count(&s->by_status[KM_DISPUTE_CLOSED]) -
           km__idset_count(&s->by_status[KM_DISPUTE_WITHDRAWN]) - km__idset_count(&s->by_status[KM_DISPUTE_DISMISSED]);
}

/* ---- index entries of a record ---- */

#define ENTRIES_MAX (5 + KM_DISPUTE_RESPONDENTS_MAX + 1)

/* The keyed sets exist: km__dsp_index_replace reserves them first. */
static size_t entries_of(km__disputes *s, const km_dispute *d, km__idset **out)
{
    size_t n = 0, i;
    out[n++] = &s->by_status[d->status];
    out[n++] = &s->by_category[d->category];
    out[n++] = &s->by_severity[d->severity];
    out[n++] = km__idsets_at(&s->by_agreement, d->agreement);
    if (d->mediator) out[n++] = km__idsets_at(&s->by_mediator, d->mediator);
    for (i = 0; i < d->n_parties; i++) out[n++] = km__idsets_at(&s->by_party, d->parties[i].partner);
    return n;
}

static int contains(km__idset *const *set, size_t n, const km__idset *e)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (set[i] == e) return 1;
    return 0;
}

int km__dsp_index_replace(km__disputes *s, const km_dispute *old, const km_dispute *nw)
{
    km__idset *eo[ENTRIES_MAX], *en[ENTRIES_MAX];
    size_t no, nn, i, j;
    uint64_t id = nw ? nw->id : old->id;
    int rc;
    if (nw) {
        for (i = 0; i < nw->n_parties; i++)
            if ((rc = km__idsets_reserve(&s->by_party, s->a, nw->parties[i].partner)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->by_agreement, s->a, nw->agreement)) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->by_mediator, s->a, nw->mediator)) != 0) return rc;
    }
    no = old ? entries_of(s, old, eo) : 0;
    nn = nw ? entries_of(s, nw, en) : 0;
    for (i = 0; i < nn; i++) {
        if (contains(eo, no, en[i])) continue;
        if ((rc = km__idset_add(en[i], id)) != 0) {
            for (j = 0; j < i; j++)
                if (!contains(eo, no, en[j])) km__idset_remove(en[j], id);
            return rc;
        }
    }
    for (i = 0; i < no; i++)
        if (!contains(en, nn, eo[i])) km__idset_remove(eo[i], id);
    return 0;
}

/* ---- queries ---- */

static void use_set(km__dsp_plan *pl, const km__idset *s)
{
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
}

static int get_date(const char *field, const char *s, int32_t *out, int *has)
{
    int rc;
    *has = 0;
    if (!s) return 0;
    if ((rc = km__v_date(field, s, strlen(s), out)) != 0) return rc;
    *has = 1;
    return 0;
}

int km__dsp_plan_make(km__dsp_plan *pl, km_network *net, const km_dispute_query *q)
{
    km__disputes *s = &net->disputes;
    int rc;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_DISPUTE_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->status != -1) {
        if (q->status < 0 || q->status >= KM_DISPUTE_STATUS__COUNT)
            return km__err(KM_EINVAL, "query.status", "%d is not a dispute status or -1",
                           "%d bukan status sengketa atau -1", q->status);
        use_set(pl, &s->by_status[q->status]);
    }
    if (q->category != -1) {
        if (q->category < 0 || q->category >= KM_DISPUTE_CATEGORY__COUNT)
            return km__err(KM_EINVAL, "query.category", "%d is not a dispute category or -1",
                           "%d bukan kategori sengketa atau -1", q->category);
        use_set(pl, &s->by_category[q->category]);
    }
    if (q->severity != -1) {
        if (q->severity < 0 || q->severity >= KM_DISPUTE_SEVERITY__COUNT)
            return km__err(KM_EINVAL, "query.severity", "%d is not a dispute severity or -1",
                           "%d bukan tingkat keparahan sengketa atau -1", q->severity);
        use_set(pl, &s->by_severity[q->severity]);
    }
    if (q->agreement_id) use_set(pl, km__idsets_get(&s->by_agreement, q->agreement_id));
    if (q->party) use_set(pl, km__idsets_get(&s->by_party, q->party));
    if (q->mediator) use_set(pl, km__idsets_get(&s->by_mediator, q->mediator));
    if ((rc = get_date("query.filed_from", q->filed_from, &pl->from, &pl->has_from)) != 0) return rc;
    if ((rc = get_date("query.filed_to", q->filed_to, &pl->to, &pl->has_to)) != 0) return rc;
    pl->open_only = q->open_only != 0;
    return 0;
}

static int matches(const km__dsp_plan *pl, const km_dispute *d)
{
    if (pl->open_only && km__dsp_final(d->status)) return 0;
    if (pl->has_from && d->filed_day < pl->from) return 0;
    if (pl->has_to && d->filed_day > pl->to) return 0;
    return 1;
}

int km__dsp_plan_next(const km__dsp_plan *pl, const km_network *net, uint64_t from, uint64_t *out)
{
    const km__disputes *s = &net->disputes;
    uint64_t id = from;
    if (pl->empty) return 0;
    for (;;) {
        if (pl->n) {
            if (!km__idset_next_all(pl->sets, pl->n, id, &id)) return 0;
        } else if (id > s->n) {
            return 0;
        }
        if (id == 0) { id = 1; continue; }
        if (!matches(pl, s->items[id - 1].cur)) { id++; continue; }
        *out = id;
        return 1;
    }
}

struct km_dispute_page {
    km__page base;
};

static int src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return km__dsp_plan_next((const km__dsp_plan *)pl, net, from, next);
}
static const void *src_slot(km_network *net, uint64_t id) { return &net->disputes.items[id - 1]; }
static void *src_get(km_network *net, uint64_t id) { return net->disputes.items[id - 1].cur; }
static void src_ref(void *r) { km__dispute_ref((km_dispute *)r); }
static void src_unref(void *r) { km__dispute_unref((km_dispute *)r); }

static const km__page_src page_src = { "d1:", "km_dispute_page_cursor", src_next, src_slot, src_get, src_ref, src_unref, NULL };

int km_dispute_list(km_dispute_page **out, km_network *net, const km_dispute_query *query)
{
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    km__dsp_plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = km__dsp_plan_make(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_dispute_page), net, &page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

int km_dispute_count(uint64_t *out, km_network *net, const km_dispute_query *query)
{
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    km__dsp_plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = km__dsp_plan_make(&pl, net, query)) != 0) return rc;
    if (pl.empty) return 0;
    if (!pl.open_only && !pl.has_from && !pl.has_to) {
        *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->disputes.n;
        return 0;
    }
    *out = km__page_count_matches(net, &page_src, &pl);
    return 0;
}

void km_dispute_page_free(km_dispute_page *page) { km__page_free((km__page *)page); }
size_t km_dispute_page_count(const km_dispute_page *page) { return km__page_count((const km__page *)page); }
const km_dispute *km_dispute_page_get(const km_dispute_page *page, size_t i)
{
    return (const km_dispute *)km__page_get((const km__page *)page, i);
}
const char *km_dispute_page_cursor(const km_dispute_page *page) { return km__page_cursor((const km__page *)page); }
