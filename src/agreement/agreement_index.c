/* Secondary indexes of agreements, the running totals per type and
 * currency, and the queries that use them. Each filterable value (type,
 * family, status, party, framework, sector, each region prefix) has a
 * compressed id set; a filtered listing intersects them, so a page costs
 * time in proportion to what it touches. Removal never allocates, which
 * is what lets a transaction undo without failing. */
#include "agreement/agreement.h"
#include "network/page.h"
#include "util/ientry.h"
#include "util/date.h"
#include "util/money.h"
#include "util/prefetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *km__agreement_ref_of(const void *ctx, uint64_t id, size_t *len)
{
    const km_agreement *a = km__agreement_current((const km__agreements *)ctx, id);
    *len = a->reference_len;
    return km__ag_reference(a);
}

void km__agreements_init(km__agreements *s, const km_allocator *a)
{
    size_t i;
    memset(s, 0, sizeof *s);
    km__idmap_init(&s->by_ref, a, km__agreement_ref_of, s);
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) km__idset_init(&s->by_type[i], a);
    for (i = 0; i < KM_FAMILY__COUNT; i++) km__idset_init(&s->by_family[i], a);
    for (i = 0; i < KM_AGREEMENT_STATUS__COUNT; i++) km__idset_init(&s->by_status[i], a);
    km__keyidx_init(&s->sectors, a);
    km__keyidx_init(&s->regions, a);
    km__cells_init(&s->cells, a, offsetof(km_agreement, cell));
    s->a = a;
}

int km__agr_x_reserve(km__agreements *s, size_t n)
{
    /* The entries added are pages not made. */
    return km__grow_zeroed(s->a, (void **)&s->xp, &s->n_xp, (n + KM__AGR_XPAGE - 1) / KM__AGR_XPAGE, sizeof *s->xp);
}

int km__agr_extra_get(km_network *net, uint64_t id, km__agr_extra **out)
{
    km__agreements *s = &net->agreements;
    size_t i = (size_t)(id - 1), p;
    km__agr_extra **page;
    int rc;
    if ((*out = km__agr_x(s, id)) != NULL) return 0;
    if ((rc = km__agr_x_reserve(s, i + 1)) != 0) return rc;
    p = i / KM__AGR_XPAGE;
    page = (km__agr_extra **)__atomic_load_n(&s->xp[p], __ATOMIC_ACQUIRE);
    if (!page) {
        /* The snapshot's two loading threads may make the same page: the
         * first installs it, the other frees its own. */
        void *fresh = km__calloc(s->a, KM__AGR_XPAGE, sizeof *page);
        if (!fresh) return km__nomem();
        page = (km__agr_extra **)km__install(s->a, &s->xp[p], fresh);
    }
    if (!(page[i % KM__AGR_XPAGE] = (km__agr_extra *)km__calloc(s->a, 1, sizeof **out))) return km__nomem();
    *out = page[i % KM__AGR_XPAGE];
    return 0;
}

void km__agr_x_drop(km__agreements *s, uint64_t id)
{
    km__agr_extra *x = km__agr_x(s, id);
    if (!x) return;
    km__agr_extra_free(s->a, x);
    ((km__agr_extra **)s->xp[(id - 1) / KM__AGR_XPAGE])[(id - 1) % KM__AGR_XPAGE] = NULL;
}

void km__agr_extra_free(const km_allocator *a, km__agr_extra *x)
{
    size_t i;
    if (!x) return;
    for (i = 0; i < x->n_ms; i++) km__free(a, x->ms[i]);
    for (i = 0; i < x->n_risks; i++) km__free(a, x->risks[i]);
    km__free(a, x->old); /* the versions themselves are released by their owner, km__agreements_free */
    km__free(a, x->ms);
    km__free(a, x->risks);
    km__free(a, x);
}

void km__agreements_free(km__agreements *s)
{
    size_t i, v;
    for (i = 0; i < s->n; i++) {
        km__agr_slot *slot = &s->items[i];
        km__agr_extra *x = km__agr_x(s, i + 1);
        if (slot->cur) {
            for (v = 1; v < slot->cur->version; v++) km__agreement_unref(x->old[v - 1]);
            km__agreement_unref(slot->cur);
        }
        km__agr_extra_free(s->a, x);
    }
    km__free(s->a, s->items);
    for (i = 0; i < s->n_xp; i++) km__free(s->a, s->xp[i]);
    km__free(s->a, s->xp);
    km__cells_free(&s->cells);
    km__idmap_free(&s->by_ref);
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) km__idset_free(&s->by_type[i]);
    for (i = 0; i < KM_FAMILY__COUNT; i++) km__idset_free(&s->by_family[i]);
    for (i = 0; i < KM_AGREEMENT_STATUS__COUNT; i++) km__idset_free(&s->by_status[i]);
    km__idsets_free(&s->by_party, s->a);
    km__idsets_free(&s->by_framework, s->a);
    km__keyidx_free(&s->sectors);
    km__keyidx_free(&s->regions);
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) km__free(s->a, s->totals[i].items);
    memset(s, 0, sizeof *s);
}

/* ---- index entries of a record ---- */


#define IENTRIES_MAX (4 + KM_AGREEMENT_PARTIES_MAX + KM_TAGS_MAX + 4)

/* An agreement's index entries; its parties' sets only when parties is set. */
static size_t entries_of(km__agreements *s, const km_agreement *a, int parties, km__ientry *out)
{
    size_t n = 0, i;
    const char *region = km__ag_region(a);
    memset(out, 0, 4 * sizeof *out);
    out[n++].fixed = &s->by_type[a->type];
    out[n++].fixed = &s->by_family[km_agreement_type_family(a->type)];
    out[n++].fixed = &s->by_status[a->status];
    /* The keyed sets exist: index_move reserves them before any entry. */
    if (km__ag_framework(a)) out[n++].fixed = km__idsets_at(&s->by_framework, km__ag_framework(a));
    for (i = 0; i < a->n_parties && parties; i++) {
        out[n].post = NULL;
        out[n++].fixed = km__idsets_at(&s->by_party, km__ag_party(a, i));
    }
    for (i = 0; i < a->n_sectors; i++) {
        out[n].fixed = NULL;
        out[n].post = &s->sectors;
        out[n].key = km__ag_sectors(a)[i];
        out[n++].len = strlen(km__ag_sectors(a)[i]);
    }
    if (region) {
        size_t len = strlen(region);
        for (i = 1; i <= len; i++) {
            if (i == len || region[i] == '.') {
                out[n].fixed = NULL;
                out[n].post = &s->regions;
                out[n].key = region;
                out[n++].len = i;
            }
        }
    }
    return n;
}

/* Moves id from old's index entries to nw's, the parties' sets included
 * where asked. nw's parties always get their sets in by_party, whether they
 * go in now or wait (a creation; a snapshot load): so the flush and the
 * snapshot's bulk build find their sets there and allocate nothing more. */
static int index_move(km__agreements *s, const km_agreement *old, int old_parties, const km_agreement *nw,
                      int nw_parties)
{
    km__ientry eo[IENTRIES_MAX], en[IENTRIES_MAX];
    size_t no, nn, i;
    uint64_t id = nw ? nw->id : old->id;
    int rc;
    if (nw) {
        for (i = 0; i < nw->n_parties; i++)
            if ((rc = km__idsets_reserve(&s->by_party, s->a, km__ag_party(nw, i))) != 0) return rc;
        if ((rc = km__idsets_reserve(&s->by_framework, s->a, km__ag_framework(nw))) != 0) return rc;
    }
    no = old ? entries_of(s, old, old_parties, eo) : 0;
    nn = nw ? entries_of(s, nw, nw_parties, en) : 0;
    return km__ientry_move(eo, no, en, nn, id);
}

int km__agr_index_replace(km__agreements *s, const km_agreement *old, const km_agreement *nw)
{
    return index_move(s, old, !s->defer_party, nw, !s->defer_party);
}

int km__agr_index_create(km__agreements *s, const km_agreement *a) { return index_move(s, NULL, 0, a, 0); }

void km__agr_index_uncreate(km__agreements *s, const km_agreement *a)
{
    /* Only the last agreement created is ever taken back: its parties
     * were flushed if party_indexed reaches it. */
    (void)index_move(s, a, a->id <= s->party_indexed, NULL, 0);
    if (s->party_indexed >= a->id) s->party_indexed = a->id - 1;
}

/* Takes back the first `done` of the flush's adds, in reverse: removal
 * never allocates. */
static void party_unflush(km__agreements *s, size_t from, size_t done)
{
    size_t i, k;
    for (i = from; done > 0; i++) {
        const km_agreement *a = s->items[i].cur;
        for (k = 0; k < a->n_parties && done > 0; k++, done--)
            km__idsets_remove(&s->by_party, km__ag_party(a, k), a->id);
    }
}

int km__agr_party_flush(km__agreements *s)
{
    /* The (party, agreement) pairs go in windows: each set's header is
     * fetched AHEAD pairs before its add and its tail half as far, since a
     * transaction's sets are cold and unrelated, so their misses overlap
     * instead of following one another. The sets are there already
     * (index_move reserved them at each creation). */
    enum { WINDOW = 256, AHEAD = 16 };
    km__idset *set[WINDOW];
    uint64_t id[WINDOW];
    size_t from = s->party_indexed, i, k = 0, w, j, added = 0;
    int rc;
    if (from >= s->n) return 0;
    for (i = from; i < s->n;) {
        for (w = 0; w < WINDOW && i < s->n;) {
            const km_agreement *a = s->items[i].cur;
            if (k < a->n_parties) {
                set[w] = km__idsets_at(&s->by_party, km__ag_party(a, k++));
                id[w++] = a->id;
            } else {
                i++;
                k = 0;
            }
        }
        for (j = 0; j < w && j < AHEAD; j++) KM__PREFETCH(set[j]);
        for (j = 0; j < w; j++) {
            if (j + AHEAD < w) KM__PREFETCH(set[j + AHEAD]);
            if (j + AHEAD / 2 < w) km__idset_prefetch_tail(set[j + AHEAD / 2], 0);
            if ((rc = km__idset_add(set[j], id[j])) != 0) {
                party_unflush(s, from, added);
                return rc;
            }
            added++;
        }
    }
    s->party_indexed = s->n;
    return 0;
}

int km__agr_party_index_build(km__agreements *s, const uint64_t *pairs, size_t n_pairs)
{
    /* A counting sort of the (partner, agreement) pairs: every partner's
     * agreements become one contiguous ascending run (the pairs come in
     * agreement order), and each set is built in one allocation, instead
     * of millions of scattered inserts. The pairs were taken while each
     * record was in cache, so the records are not read again here. */
    size_t *start = NULL, i, k, limit = (size_t)km__idsets_limit(&s->by_party);
    uint32_t *ids = NULL;
    int rc = 0;
    start = (size_t *)km__calloc(s->a, limit + 1, sizeof *start);
    if (!start) return km__nomem();
    for (i = 0; i < n_pairs; i++) start[pairs[i] >> 32]++;
    ids = (uint32_t *)km__malloc(s->a, (n_pairs ? n_pairs : 1) * sizeof *ids);
    if (!ids) {
        km__free(s->a, start);
        return km__nomem();
    }
    /* start[p] = first slot of partner p + 1 (ids 1-based, slot 0 unused). */
    for (i = 1, k = 0; i <= limit; i++) {
        size_t c = start[i];
        start[i] = k;
        k += c;
    }
    for (i = 0; i < n_pairs; i++) ids[start[pairs[i] >> 32]++] = (uint32_t)pairs[i];
    /* start[p] now ends partner p's run, which begins where p - 1's ends. */
    for (i = 1, k = 0; rc == 0 && i <= limit; k = start[i], i++)
        if (start[i] > k) rc = km__idset_build(km__idsets_at(&s->by_party, i), ids + k, start[i] - k);
    km__free(s->a, ids);
    km__free(s->a, start);
    return rc;
}

/* ---- running totals ---- */

static km__agr_total *total_find(const km__agr_totals *t, const char *cur)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (memcmp(t->items[i].currency, cur, 3) == 0) return &t->items[i];
    return NULL;
}

int km__agr_totals_prepare(km__agreements *s, const km_agreement *old, const km_agreement *nw)
{
    km__agr_totals *t;
    km__agr_total *e;
    int64_t base, r;
    int rc;
    if (!nw || !nw->currency[0]) return 0;
    t = &s->totals[nw->type];
    e = total_find(t, nw->currency);
    if (!e) {
        if ((rc = km__grow(s->a, (void **)&t->items, &t->cap, t->n + 1, sizeof *t->items)) != 0) return rc;
        e = &t->items[t->n++];
        memset(e, 0, sizeof *e);
        memcpy(e->currency, nw->currency, 4);
    }
    base = e->all;
    if (old && old->currency[0] && old->type == nw->type && memcmp(old->currency, nw->currency, 3) == 0)
        base -= old->value; /* cannot overflow: values are >= 0 and part of the total */
    return km__money_add(base, nw->value, &r);
}

static void total_apply(km__agreements *s, const km_agreement *a, int sign)
{
    km__agr_total *e;
    if (!a || !a->currency[0]) return;
    e = total_find(&s->totals[a->type], a->currency); /* exists: prepared */
    if (!e) return;
    if (sign > 0) {
        e->all += a->value;
        e->sum[a->status] += a->value;
        e->count[a->status]++;
    } else {
        e->all -= a->value;
        e->sum[a->status] -= a->value;
        e->count[a->status]--;
    }
}

void km__agr_totals_move(km__agreements *s, const km_agreement *old, const km_agreement *nw)
{
    total_apply(s, old, -1);
    total_apply(s, nw, +1);
}

int km_agreement_totals(int64_t *out_value, uint64_t *out_count, km_network *net, int type, const char *currency,
                        uint32_t status_mask)
{
    const km__agr_total *e;
    int64_t v = 0;
    uint64_t c = 0;
    int rc, st;
    km__err_clear();
    if (out_value) *out_value = 0;
    if (out_count) *out_count = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (type < 0 || type >= KM_AGREEMENT_TYPE__COUNT)
        return km__err(KM_EINVAL, "type", "%d is not an agreement type", "%d bukan jenis perjanjian", type);
    if (!currency) return km__err(KM_EINVAL, "currency", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_currency("currency", currency, strlen(currency))) != 0) return rc;
    if (status_mask & ~((1u << KM_AGREEMENT_STATUS__COUNT) - 1))
        return km__err(KM_EINVAL, "status_mask", "0x%x has unknown status bits", "0x%x memuat bit status tak dikenal",
                       status_mask);
    if (status_mask == 0)
        status_mask = ((1u << KM_AGREEMENT_STATUS__COUNT) - 1) & ~KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_CANCELLED);
    e = total_find(&net->agreements.totals[type], currency);
    if (e) {
        for (st = 0; st < KM_AGREEMENT_STATUS__COUNT; st++) {
            if (!(status_mask & KM_AGREEMENT_STATUS_BIT(st))) continue;
            v += e->sum[st]; /* a subset of e->all, which is checked: no overflow */
            c += e->count[st];
        }
    }
    if (out_value) *out_value = v;
    if (out_count) *out_count = c;
    return 0;
}

/* ---- queries ---- */

struct km_agreement_page {
    km__page base;
};

#define QUERY_SETS 8

typedef struct plan {
    const km__idset *sets[QUERY_SETS];
    size_t n;
    int empty;
    int has_active, has_expiring;
    int32_t active_on, exp_from, exp_to;
} plan;

static void use_set(plan *pl, const km__idset *s)
{
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
}

static int make_plan(plan *pl, km_network *net, const km_agreement_query *q)
{
    km__agreements *s = &net->agreements;
    int rc;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_AGREEMENT_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if ((rc = km__agr_party_flush(s)) != 0) return rc; /* agreements created in an open transaction */
    if (q->type != -1) {
        if (q->type < 0 || q->type >= KM_AGREEMENT_TYPE__COUNT)
            return km__err(KM_EINVAL, "query.type", "%d is not an agreement type or -1",
                           "%d bukan jenis perjanjian atau -1", q->type);
        use_set(pl, &s->by_type[q->type]);
    }
    if (q->family != -1) {
        if (q->family < 0 || q->family >= KM_FAMILY__COUNT)
            return km__err(KM_EINVAL, "query.family", "%d is not a family or -1", "%d bukan rumpun atau -1", q->family);
        use_set(pl, &s->by_family[q->family]);
    }
    if (q->status != -1) {
        if (q->status < 0 || q->status >= KM_AGREEMENT_STATUS__COUNT)
            return km__err(KM_EINVAL, "query.status", "%d is not an agreement status or -1",
                           "%d bukan status perjanjian atau -1", q->status);
        use_set(pl, &s->by_status[q->status]);
    }
    if (q->party) use_set(pl, km__agr_party_set(s, q->party));
    if (q->framework_id)
        use_set(pl, km__idsets_get(&s->by_framework, q->framework_id));
    if (q->sector) {
        if ((rc = km__v_tag("query.sector", q->sector, strlen(q->sector))) != 0) return rc;
        use_set(pl, km__keyidx_find(&s->sectors, q->sector, strlen(q->sector)));
    }
    if (q->region_prefix) {
        size_t len = strlen(q->region_prefix);
        if ((rc = km__v_region("query.region_prefix", q->region_prefix, len)) != 0) return rc;
        use_set(pl, km__keyidx_find(&s->regions, q->region_prefix, len));
    }
    if (q->active_on) {
        if ((rc = km__v_date("query.active_on", q->active_on, strlen(q->active_on), &pl->active_on)) != 0) return rc;
        pl->has_active = 1;
    }
    if (q->expiring_from) {
        if ((rc = km__v_date("query.expiring_from", q->expiring_from, strlen(q->expiring_from), &pl->exp_from)) != 0)
            return rc;
        if ((rc = km__date_add_days(pl->exp_from, q->expiring_days, &pl->exp_to)) != 0) pl->exp_to = KM__DATE_MAX;
        km__err_clear();
        pl->has_expiring = 1;
        use_set(pl, &s->by_status[KM_AGREEMENT_ACTIVE]);
    }
    return 0;
}

static int in_force_status(int st)
{
    return st == KM_AGREEMENT_SIGNED || st == KM_AGREEMENT_ACTIVE || st == KM_AGREEMENT_SUSPENDED ||
           st == KM_AGREEMENT_COMPLETED || st == KM_AGREEMENT_TERMINATED || st == KM_AGREEMENT_EXPIRED;
}

static int matches(const plan *pl, const km_agreement *a)
{
    if (pl->has_active) {
        if (!in_force_status(a->status) || !km__ag_has_start(a) || a->start > pl->active_on) return 0;
        if (km__ag_has_end(a) && km__ag_end(a) < pl->active_on) return 0;
    }
    if (pl->has_expiring) {
        if (!km__ag_has_end(a) || km__ag_end(a) < pl->exp_from || km__ag_end(a) > pl->exp_to) return 0;
    }
    return 1;
}

/* Next matching id >= from: 1 found, 0 none. */
static int plan_next(const plan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    km__agreements *s = &net->agreements;
    uint64_t id = from;
    if (pl->empty) return 0;
    for (;;) {
        if (pl->n) {
            if (!km__idset_next_all(pl->sets, pl->n, id, &id)) return 0;
        } else if (id > s->n) {
            return 0;
        }
        if (id == 0) { id = 1; continue; }
        /* Only the date filters read the record (a cache miss per id). */
        if ((pl->has_active || pl->has_expiring) && !matches(pl, s->items[id - 1].cur)) { id++; continue; }
        *out = id;
        return 1;
    }
}

static int src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return plan_next((const plan *)pl, net, from, next);
}
/* A plan of one set and no date filter (the agreements of a partner, of a
 * framework, of a status...) is that set's members: walked in place. */
static size_t src_fill(void *p, km_network *net, uint64_t from, uint64_t *ids, size_t max)
{
    const plan *pl = (const plan *)p;
    if (!pl->empty && pl->n == 1 && !pl->has_active && !pl->has_expiring)
        return km__idset_fill(pl->sets[0], from, ids, max);
    return km__page_walk(src_next, p, net, from, ids, max);
}
/* A record in its cell is fetched straight away (one miss); the others
 * through their slot. */
static const void *src_slot(km_network *net, uint64_t id)
{
    const void *c = km__cells_at(&net->agreements.cells, id);
    return c ? c : (const void *)&net->agreements.items[id - 1];
}
static void *src_get(km_network *net, uint64_t id) { return km__agreement_current(&net->agreements, id); }
static void src_ref(void *r) { km__agreement_ref((km_agreement *)r); }
static void src_unref(void *r) { km__agreement_unref((km_agreement *)r); }

static const km__page_src page_src = { "a1:", "km_agreement_page_cursor", src_next, src_slot, src_get, src_ref, src_unref,
                                        src_fill };

int km_agreement_list(km_agreement_page **out, km_network *net, const km_agreement_query *query)
{
    km_agreement_query dq = KM_AGREEMENT_QUERY_INIT;
    plan pl;
    int rc;
    size_t bound, i;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query)) != 0) return rc;
    /* The smallest filter set bounds the page (a partner is in a few
     * agreements, not in a page's worth). */
    bound = pl.empty ? 0 : SIZE_MAX;
    for (i = 0; i < pl.n; i++) {
        uint64_t c = km__idset_count(pl.sets[i]);
        if (c < bound) bound = (size_t)c;
    }
    return km__page_list((km__page **)(void *)out, sizeof(km_agreement_page), net, &page_src, &pl, query->cursor, query->limit, bound);
}

int km_agreement_count(uint64_t *out, km_network *net, const km_agreement_query *query)
{
    km_agreement_query dq = KM_AGREEMENT_QUERY_INIT;
    plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query)) != 0) return rc;
    if (pl.empty) return 0;
    if (!pl.has_active && !pl.has_expiring) {
        *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->agreements.n;
        return 0;
    }
    *out = km__page_count_matches(net, &page_src, &pl);
    return 0;
}

void km_agreement_page_free(km_agreement_page *page) { km__page_free((km__page *)page); }
size_t km_agreement_page_count(const km_agreement_page *page) { return km__page_count((const km__page *)page); }
const km_agreement *km_agreement_page_get(const km_agreement_page *page, size_t i)
{
    return (const km_agreement *)km__page_get((const km__page *)page, i);
}
const char *km_agreement_page_cursor(const km_agreement_page *page) { return km__page_cursor((const km__page *)page); }
