/* Secondary indexes of commitments and the queries that use them. Kind,
 * status, agreement, provider and recipient each have a compressed id set;
 * a filtered listing intersects them, so a page costs time in proportion to
 * what it touches. The framework filter follows the agreement as it is now
 * (an agreement's framework can change before signing), so it is checked on
 * the candidates the sets leave. Removal never allocates, which is what lets
 * a transaction undo without failing. */
#include "commitment/commitment.h"
#include "network/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void km__commitments_init(km__commitments *s, const km_allocator *a)
{
    size_t i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < KM_COMMITMENT_KIND__COUNT; i++) km__idset_init(&s->by_kind[i], a);
    for (i = 0; i < KM_COMMITMENT_STATUS__COUNT; i++) km__idset_init(&s->by_status[i], a);
    s->a = a;
}

void km__commitments_free(km__commitments *s)
{
    size_t i, k;
    for (i = 0; i < s->n; i++) {
        km__cmt_slot *slot = &s->items[i];
        km__ltx_free_all(s->a, slot);
        for (k = 0; k < slot->n_tr; k++) km__free(s->a, slot->tr[k]);
        km__free(s->a, slot->tr);
        for (k = 0; k < slot->n_steps; k++) km__free(s->a, slot->steps[k]);
        km__free(s->a, slot->steps);
        km__commitment_unref(slot->cur);
    }
    km__free(s->a, s->items);
    km__free(s->a, s->txs);
    for (i = 0; i < KM_COMMITMENT_KIND__COUNT; i++) km__idset_free(&s->by_kind[i]);
    for (i = 0; i < KM_COMMITMENT_STATUS__COUNT; i++) km__idset_free(&s->by_status[i]);
    km__idsets_free(&s->by_agreement, s->a);
    km__idsets_free(&s->by_provider, s->a);
    km__idsets_free(&s->by_recipient, s->a);
    memset(s, 0, sizeof *s);
}

/* The keyed sets exist: km__cmt_index_add reserves them first. */
static size_t sets_of(km__commitments *s, const km_commitment *c, km__idset **out)
{
    out[0] = &s->by_kind[c->kind];
    out[1] = &s->by_status[c->status];
    out[2] = km__idsets_at(&s->by_agreement, c->agreement);
    out[3] = km__idsets_at(&s->by_provider, c->provider);
    out[4] = km__idsets_at(&s->by_recipient, c->recipient);
    return 5;
}

int km__cmt_index_add(km__commitments *s, const km_commitment *c)
{
    km__idset *sets[5];
    size_t n, i, j;
    int rc;
    if ((rc = km__idsets_reserve(&s->by_agreement, s->a, c->agreement)) != 0 ||
        (rc = km__idsets_reserve(&s->by_provider, s->a, c->provider)) != 0 ||
        (rc = km__idsets_reserve(&s->by_recipient, s->a, c->recipient)) != 0)
        return rc;
    n = sets_of(s, c, sets);
    for (i = 0; i < n; i++) {
        if ((rc = km__idset_add(sets[i], c->id)) != 0) {
            for (j = 0; j < i; j++) km__idset_remove(sets[j], c->id);
            return rc;
        }
    }
    return 0;
}

void km__cmt_index_remove(km__commitments *s, const km_commitment *c)
{
    km__idset *sets[5];
    size_t n = sets_of(s, c, sets), i;
    for (i = 0; i < n; i++) km__idset_remove(sets[i], c->id);
}

uint64_t km__cmt_framework(km_network *net, const km_commitment *c)
{
    const km_agreement *a = km__agr_current(net, c->agreement);
    return a ? km__ag_framework(a) : 0;
}

/* ---- plans ---- */

static void use_set(km__cmt_plan *pl, const km__idset *s)
{
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
}

int km__cmt_plan_make(km__cmt_plan *pl, km_network *net, uint64_t commitment, uint64_t agreement, uint64_t provider,
                      uint64_t recipient, uint64_t framework, int kind, int status, const char *prefix)
{
    km__commitments *s = &net->commitments;
    char field[48];
    memset(pl, 0, sizeof *pl);
    if (kind != -1) {
        if (kind < 0 || kind >= KM_COMMITMENT_KIND__COUNT) {
            snprintf(field, sizeof field, "%s.kind", prefix);
            return km__err(KM_EINVAL, field, "%d is not a commitment kind or -1", "%d bukan jenis komitmen atau -1",
                           kind);
        }
        use_set(pl, &s->by_kind[kind]);
    }
    if (status != -1) {
        if (status < 0 || status >= KM_COMMITMENT_STATUS__COUNT) {
            snprintf(field, sizeof field, "%s.status", prefix);
            return km__err(KM_EINVAL, field, "%d is not a commitment status or -1",
                           "%d bukan status komitmen atau -1", status);
        }
        use_set(pl, &s->by_status[status]);
    }
    if (agreement) use_set(pl, km__idsets_get(&s->by_agreement, agreement));
    if (provider) use_set(pl, km__idsets_get(&s->by_provider, provider));
    if (recipient) use_set(pl, km__idsets_get(&s->by_recipient, recipient));
    if (commitment) {
        pl->only = commitment;
        if (commitment > s->n) pl->empty = 1;
    }
    pl->framework = framework;
    return 0;
}

static int accept(const km__cmt_plan *pl, km_network *net, uint64_t id)
{
    return !pl->framework || km__cmt_framework(net, net->commitments.items[id - 1].cur) == pl->framework;
}

int km__cmt_plan_next(const km__cmt_plan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    uint64_t id = from ? from : 1;
    size_t i;
    if (pl->empty) return 0;
    if (pl->only) {
        if (pl->only < id) return 0;
        for (i = 0; i < pl->n; i++)
            if (!km__idset_contains(pl->sets[i], pl->only)) return 0;
        if (!accept(pl, net, pl->only)) return 0;
        *out = pl->only;
        return 1;
    }
    for (;;) {
        if (pl->n) {
            if (!km__idset_next_all(pl->sets, pl->n, id, &id)) return 0;
        } else if (id > net->commitments.n) {
            return 0;
        }
        if (id == 0) { id = 1; continue; }
        if (!accept(pl, net, id)) { id++; continue; }
        *out = id;
        return 1;
    }
}

/* ---- queries ---- */

struct km_commitment_page {
    km__page base;
};

static int query_plan(km__cmt_plan *pl, km_network *net, const km_commitment_query *q)
{
    if (q->version == 0 || q->version > KM_COMMITMENT_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    return km__cmt_plan_make(pl, net, 0, q->agreement_id, q->provider_id, q->recipient_id, q->framework_id, q->kind,
                             q->status, "query");
}

static int src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return km__cmt_plan_next((const km__cmt_plan *)pl, net, from, next);
}
static const void *src_slot(km_network *net, uint64_t id) { return &net->commitments.items[id - 1]; }
static void *src_get(km_network *net, uint64_t id) { return net->commitments.items[id - 1].cur; }
static void src_ref(void *r) { km__commitment_ref((km_commitment *)r); }
static void src_unref(void *r) { km__commitment_unref((km_commitment *)r); }

static const km__page_src page_src = { "c1:", "km_commitment_page_cursor", src_next, src_slot, src_get, src_ref, src_unref, NULL };

int km_commitment_list(km_commitment_page **out, km_network *net, const km_commitment_query *query)
{
    km_commitment_query dq = KM_COMMITMENT_QUERY_INIT;
    km__cmt_plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = query_plan(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_commitment_page), net, &page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

int km_commitment_count(uint64_t *out, km_network *net, const km_commitment_query *query)
{
    km_commitment_query dq = KM_COMMITMENT_QUERY_INIT;
    km__cmt_plan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = query_plan(&pl, net, query)) != 0) return rc;
    if (pl.empty) return 0;
    if (!pl.framework) {
        *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->commitments.n;
        return 0;
    }
    *out = km__page_count_matches(net, &page_src, &pl);
    return 0;
}

void km_commitment_page_free(km_commitment_page *page) { km__page_free((km__page *)page); }
size_t km_commitment_page_count(const km_commitment_page *page) { return km__page_count((const km__page *)page); }
const km_commitment *km_commitment_page_get(const km_commitment_page *page, size_t i)
{
    return (const km_commitment *)km__page_get((const km__page *)page, i);
}
const char *km_commitment_page_cursor(const km_commitment_page *page)
{
    return km__page_cursor((const km__page *)page);
}
