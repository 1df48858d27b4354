/* Discovery: the open opportunities a partner is eligible for, and the
 * eligible partners an opportunity has not heard from, each ranked by fit
 * with the score components shown.
 *
 * For a partner, the score of an opportunity is the weighted mean of three
 * components in [0, 1] (km_discovery_options, docs/opportunities.md):
 *   C = |capabilities sought that the partner offers| / |capabilities sought|
 *   S = |opportunity sectors that are also the partner's| / |opportunity sectors|
 *   R = |leading kode wilayah segments shared| / |segments of the opportunity region|
 * Each is 0 when the opportunity names nothing for it; they are the first
 * three components of the matchmaking (match.h), computed the same way.
 *
 * For the publisher, the matchmaking itself (km_match_for_need()) ranks
 * the partners for the opportunity's need; this file only keeps the
 * eligible ones that have not expressed interest. */
#include "opportunity/opportunity.h"
#include "partner/partner.h"
#include "util/date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fit {
    uint64_t opportunity, partner;
    double score;
    double comp[KM_MATCH_COMPONENT__COUNT]; /* unweighted, km_match_component order */
} fit;

struct km_discovery {
    km__ctx *ctx;
    fit *items;
    size_t n;
};

typedef struct weights {
    double c, s, r, sum;
    int32_t day;
    uint32_t limit;
} weights;

static int get_options(weights *w, const km_network *net, const km_discovery_options *o)
{
    km_discovery_options d = KM_DISCOVERY_OPTIONS_INIT;
    int rc;
    if (!o) o = &d;
    if (o->version == 0 || o->version > KM_DISCOVERY_OPTIONS_VERSION)
        return km__err(KM_EVERSION, "options.version", "unknown version %u", "versi %u tidak dikenal", o->version);
    if (!isfinite(o->capability_weight) || o->capability_weight < 0)
        return km__err(KM_EINVAL, "options.capability_weight", "must be a finite number >= 0",
                       "harus bilangan terhingga >= 0");
    if (!isfinite(o->sector_weight) || o->sector_weight < 0)
        return km__err(KM_EINVAL, "options.sector_weight", "must be a finite number >= 0",
                       "harus bilangan terhingga >= 0");
    if (!isfinite(o->region_weight) || o->region_weight < 0)
        return km__err(KM_EINVAL, "options.region_weight", "must be a finite number >= 0",
                       "harus bilangan terhingga >= 0");
    w->c = o->capability_weight;
    w->s = o->sector_weight;
    w->r = o->region_weight;
    w->sum = w->c + w->s + w->r;
    if (!(w->sum > 0) || !isfinite(w->sum))
        return km__err(KM_EINVAL, "options", "the weights must have a positive finite sum",
                       "jumlah bobot harus positif dan terhingga");
    if (o->limit > 1000)
        return km__err(KM_EINVAL, "options.limit", "%u is more than 1000", "%u lebih dari 1000", o->limit);
    w->limit = o->limit ? o->limit : 50;
    if (o->as_of_date) {
        if ((rc = km__v_date("options.as_of_date", o->as_of_date, strlen(o->as_of_date), &w->day)) != 0) return rc;
    } else {
        w->day = km__net_today(net);
    }
    return 0;
}

/* Share of `want` found in `have` (0 when want is empty). Lists are at
 * most KM_TAGS_MAX long, so the quadratic match stays small. */
/* Share of want found among the partner's tags first .. first + nh - 1. */
static double tag_share(const char *const *want, size_t nw, const km_partner *p, size_t first, size_t nh)
{
    size_t i, j, hit = 0;
    if (nw == 0) return 0.0;
    for (i = 0; i < nw; i++)
        for (j = 0; j < nh; j++)
            if (strcmp(want[i], km__pt_tag(p, first + j)) == 0) {
                hit++;
                break;
            }
    return (double)hit / (double)nw;
}

static size_t segments(const char *r)
{
    size_t n = 1;
    for (; *r; r++)
        if (*r == '.') n++;
    return n;
}

/* Leading kode wilayah segments the two regions share, over the segments
 * of the opportunity's region. */
static double region_share(const char *opp, const char *partner)
{
    size_t total, common = 0;
    const char *a = opp, *b = partner;
    if (!opp) return 0.0;
    total = segments(opp);
    if (!partner) return 0.0;
    for (;;) {
        const char *ea = strchr(a, '.'), *eb = strchr(b, '.');
        size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
        if (la != lb || memcmp(a, b, la) != 0) break;
        common++;
        if (!ea || !eb) break;
        a = ea + 1;
        b = eb + 1;
    }
    return (double)common / (double)total;
}

static void score(fit *f, const weights *w, const km_opportunity *o, const km_partner *p)
{
    double *c = f->comp;
    memset(f, 0, sizeof *f);
    f->opportunity = o->id;
    f->partner = p->id;
    c[KM_MATCH_CAPABILITY] = tag_share(o->caps, o->n_caps, p, p->n_sectors, p->n_caps);
    c[KM_MATCH_SECTOR] = tag_share(o->sectors, o->n_sectors, p, 0, p->n_sectors);
    c[KM_MATCH_REGION] = region_share(o->region, km__pt_region(p));
    f->score = (w->c * c[KM_MATCH_CAPABILITY] + w->s * c[KM_MATCH_SECTOR] + w->r * c[KM_MATCH_REGION]) / w->sum;
}

static void count_fail(void *payload, int rule, uint64_t partner, const char *en, const char *id)
{
    (void)payload;
    (void)rule;
    (void)partner;
    (void)en;
    (void)id;
}

static int eligible(km_network *net, const km_opportunity *o, uint64_t partner)
{
    return km__elig_run(net, o, partner, count_fail, NULL) == 0;
}

/* Best first; ties by the id that varies (opportunity, then partner). */
static int fit_cmp(const void *x, const void *y)
{
    const fit *a = (const fit *)x, *b = (const fit *)y;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    if (a->opportunity != b->opportunity) return a->opportunity < b->opportunity ? -1 : 1;
    if (a->partner != b->partner) return a->partner < b->partner ? -1 : 1;
    return 0;
}

void km_discovery_free(km_discovery *d)
{
    km__ctx *ctx;
    if (!d) return;
    ctx = d->ctx;
    km__free(&ctx->alloc, d->items);
    km__free(&ctx->alloc, d);
    km__ctx_unref(ctx);
}

/* Hands the first n items (ranked) to a new list. */
static int finish(km_discovery **out, km_network *net, fit *items, size_t n)
{
    km_discovery *d = (km_discovery *)km__calloc(net->a, 1, sizeof *d);
    if (!d) {
        km__free(net->a, items);
        return km__nomem();
    }
    d->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    d->items = items;
    d->n = n;
    *out = d;
    return 0;
}

int km_opportunity_discover(km_discovery **out, km_network *net, uint64_t partner_id,
                            const km_discovery_options *options)
{
    km__opportunities *s;
    const km_partner *p;
    weights w;
    fit *items = NULL;
    size_t n = 0, cap = 0;
    uint64_t id = 1, next;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = get_options(&w, net, options)) != 0) return rc;
    p = km__partner_lookup(&net->partners, partner_id);
    if (!p)
        return km__err(KM_ENOTFOUND, "partner_id", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                       (unsigned long long)partner_id);
    s = &net->opportunities;
    while (km__idset_next(&s->opp_status[KM_OPPORTUNITY_OPEN], id, &next)) {
        const km_opportunity *o = s->opp[next - 1];
        id = next + 1;
        if (!km__opp_accepting(o, w.day)) continue;
        if (km__eoi_active_member(s, o->id, partner_id, 0)) continue;
        if (!eligible(net, o, partner_id)) continue;
        if ((rc = km__grow(net->a, (void **)&items, &cap, n + 1, sizeof *items)) != 0) {
            km__free(net->a, items);
            return rc;
        }
        score(&items[n++], &w, o, p);
    }
    if (n > 1) qsort(items, n, sizeof *items, fit_cmp);
    return finish(out, net, items, n < w.limit ? n : w.limit);
}

/* Whether partner appears in any expression of the opportunity. */
static int has_expressed(const km__opportunities *s, uint64_t opp, uint64_t partner)
{
    const km__idset *sets[2];
    uint64_t first;
    if ((sets[0] = km__idsets_get(&s->eoi_opportunity, opp)) == NULL) return 0;
    if ((sets[1] = km__idsets_get(&s->eoi_member, partner)) == NULL) return 0;
    return km__idset_next_all(sets, 2, 1, &first);
}

int km_opportunity_suggest_partners(km_discovery **out, km_network *net, uint64_t opportunity_id,
                                    const km_match_options *options)
{
    km_match_options mo = KM_MATCH_OPTIONS_INIT;
    km_match_need need = KM_MATCH_NEED_INIT;
    km_matches *m = NULL;
    const km_opportunity *o;
    fit *items = NULL;
    size_t n = 0, count, i;
    uint32_t limit;
    int rc, k;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    o = km__opp_lookup(&net->opportunities, opportunity_id);
    if (!o) return km__opp_not_found(opportunity_id);
    if (options) {
        if (options->version < 1 || options->version > KM_MATCH_OPTIONS_VERSION)
            return km__err(KM_EVERSION, "options.version", "unsupported options version %u",
                           "versi opsi %u tidak didukung", options->version);
        mo = *options;
    } else {
        mo.exclude_existing = 0; /* the publisher's current partners may answer its calls too */
    }
    /* Rank everyone, then filter: the cut comes after the filter. */
    limit = mo.limit;
    mo.limit = 0;
    need.tags = (const char *const *)o->caps;
    need.tags_count = o->n_caps;
    need.sectors = (const char *const *)o->sectors;
    need.sectors_count = o->n_sectors;
    need.region = o->region;
    need.partner_id = o->publisher;
    if ((rc = km_match_for_need(&m, net, &need, &mo)) != 0) return rc;
    count = km_matches_count(m);
    if (count && !(items = (fit *)km__calloc(net->a, count, sizeof *items))) {
        km_matches_free(m);
        return km__nomem();
    }
    for (i = 0; i < count && (!limit || n < limit); i++) {
        uint64_t pid = km_matches_partner(m, i);
        fit *f;
        if (has_expressed(&net->opportunities, o->id, pid) || !eligible(net, o, pid)) continue;
        f = &items[n++];
        f->opportunity = o->id;
        f->partner = pid;
        f->score = km_matches_score(m, i);
        for (k = 0; k < KM_MATCH_COMPONENT__COUNT; k++) f->comp[k] = km_matches_component(m, i, k);
    }
    km_matches_free(m);
    return finish(out, net, items, n);
}

size_t km_discovery_count(const km_discovery *d) { return d ? d->n : 0; }
uint64_t km_discovery_opportunity(const km_discovery *d, size_t i) { return d && i < d->n ? d->items[i].opportunity : 0; }
uint64_t km_discovery_partner(const km_discovery *d, size_t i) { return d && i < d->n ? d->items[i].partner : 0; }
double km_discovery_score(const km_discovery *d, size_t i) { return d && i < d->n ? d->items[i].score : 0.0; }

double km_discovery_component(const km_discovery *d, size_t i, int component)
{
    if (!d || i >= d->n || component < 0 || component >= KM_MATCH_COMPONENT__COUNT) return 0.0;
    return d->items[i].comp[component];
}

double km_discovery_capability_score(const km_discovery *d, size_t i)
{
    return km_discovery_component(d, i, KM_MATCH_CAPABILITY);
}

double km_discovery_sector_score(const km_discovery *d, size_t i) { return km_discovery_component(d, i, KM_MATCH_SECTOR); }
double km_discovery_region_score(const km_discovery *d, size_t i) { return km_discovery_component(d, i, KM_MATCH_REGION); }
