/* Matchmaking (include/kemitraan/match.h, docs/matchmaking.md): every
 * partner is a candidate; its components are computed from its record, a
 * co-agreement view built once per call, and counts from the agreement,
 * dispute and evaluation modules. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "view/view_internal.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/validate.h"
#include "kemitraan/match.h"
#include "kemitraan/partner.h"
#include "kemitraan/agreement.h"
#include "kemitraan/dispute.h"
#include "kemitraan/scorecard.h"

typedef struct km__match_row {
    uint64_t id;
    double score;
    double comp[KM_MATCH_COMPONENT__COUNT];
    int64_t det[KM_MATCH_DETAIL__COUNT];
} km__match_row;

struct km_matches {
    km__ctx *ctx;
    size_t n;
    km__match_row *rows;
};

/* What is looked for, from a need or from a partner's record. */
typedef struct want {
    const char *const *tags; size_t ntags;
    const char *const *sectors; size_t nsectors;
    const char *region;
    uint64_t origin;
    /* partner mode: copies of the record's lists */
    const char *ptags[KM_TAGS_MAX];
    const char *psectors[KM_TAGS_MAX];
} want;

static int ascii_ieq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return 0;
        if (!x) return 1;
    }
}

static size_t segments(const char *r)
{
    size_t n = 1;
    if (!r || !*r) return 0;
    for (; *r; r++)
        if (*r == '.') n++;
    return n;
}

/* Leading whole segments two kode wilayah have in common. */
static size_t common_segments(const char *a, const char *b)
{
    size_t n = 0;
    if (!a || !b || !*a || !*b) return 0;
    for (;;) {
        size_t la = strcspn(a, "."), lb = strcspn(b, ".");
        if (la != lb || memcmp(a, b, la) != 0) return n;
        n++;
        if (!a[la] || !b[lb]) return n;
        a += la + 1;
        b += lb + 1;
    }
}

static int check_weight(double w, const char *field)
{
    if (!(w >= 0.0) || isinf(w))
        return km__err(KM_EINVAL, field, "must be a finite number >= 0", "harus bilangan hingga >= 0");
    return 0;
}

static int check_opts(const km_match_options *o)
{
    int rc;
    if (o->version < 1 || o->version > KM_MATCH_OPTIONS_VERSION)
        return km__err(KM_EVERSION, "options.version", "unsupported options version %u",
                       "versi opsi %u tidak didukung", o->version);
    if ((rc = check_weight(o->w_capability, "options.w_capability")) != 0 ||
        (rc = check_weight(o->w_sector, "options.w_sector")) != 0 ||
        (rc = check_weight(o->w_region, "options.w_region")) != 0 ||
        (rc = check_weight(o->w_network, "options.w_network")) != 0 ||
        (rc = check_weight(o->w_track_record, "options.w_track_record")) != 0 ||
        (rc = check_weight(o->w_disputes, "options.w_disputes")) != 0 ||
        (rc = check_weight(o->w_suspended, "options.w_suspended")) != 0)
        return rc;
    if (o->kind < -1 || o->kind >= KM_PARTNER_KIND__COUNT)
        return km__err(KM_EINVAL, "options.kind", "unknown partner kind %d", "jenis mitra %d tidak dikenal", o->kind);
    if (isnan(o->min_score))
        return km__err(KM_EINVAL, "options.min_score", "must be a number", "harus bilangan");
    return 0;
}

static int check_tags(const char *const *tags, size_t n, const char *field)
{
    size_t i;
    if (n > KM_TAGS_MAX)
        return km__err(KM_EINVAL, field, "has more than %d tags", "memuat lebih dari %d tag", KM_TAGS_MAX);
    if (n && !tags) return km__err(KM_EINVAL, field, "must not be NULL with a count", "tidak boleh NULL bila ada jumlah");
    for (i = 0; i < n; i++)
        if (!tags[i] || !*tags[i] || strlen(tags[i]) > KM_TAG_MAX)
            return km__err(KM_EINVAL, field, "tag %u is missing, empty or too long", "tag %u kosong atau terlalu panjang",
                           (unsigned)i);
    return 0;
}

static int row_cmp(const void *x, const void *y)
{
    const km__match_row *a = (const km__match_row *)x, *b = (const km__match_row *)y;
    if (a->score > b->score) return -1;
    if (a->score < b->score) return 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

void km_matches_free(km_matches *m)
{
    km__ctx *ctx;
    if (!m) return;
    ctx = m->ctx;
    km__free(&ctx->alloc, m->rows);
    km__free(&ctx->alloc, m);
    km__ctx_unref(ctx);
}

/* Network facts from the origin's point of view: mark[v] = 1 for the
 * origin's neighbours, common[v] = common neighbours with the origin. */
static int network_facts(km_view **out_view, uint8_t **out_mark, uint32_t **out_common, uint32_t *out_origin,
                         km_network *net, const char *date, uint64_t origin)
{
    km_view_options vo = KM_VIEW_OPTIONS_INIT;
    km_view *v = NULL;
    uint32_t *src = NULL, *dst = NULL, *common = NULL, ov = UINT32_MAX, nv;
    uint8_t *mark = NULL;
    uint64_t m, i;
    int rc;
    vo.as_of = date;
    if ((rc = km_view_build(&v, net, &vo)) != 0) return rc;
    nv = km_graph_vertex_count(v->g);
    m = km_graph_edge_count(v->g);
    if (!(mark = (uint8_t *)km__calloc(net->a, nv ? nv : 1, 1)) ||
        !(common = (uint32_t *)km__calloc(net->a, nv ? nv : 1, sizeof *common)) ||
        !(src = (uint32_t *)km__malloc(net->a, (size_t)(m ? m : 1) * sizeof *src)) ||
        !(dst = (uint32_t *)km__malloc(net->a, (size_t)(m ? m : 1) * sizeof *dst))) {
        rc = km__nomem();
        goto fail;
    }
    if ((rc = km_graph_edges(src, dst, NULL, (size_t)m, v->g)) != 0) goto fail;
    if (km_view_partner_vertex(&ov, v, origin) != 0) {
        km__err_clear();
        ov = UINT32_MAX;
    }
    if (ov != UINT32_MAX) {
        for (i = 0; i < m; i++) {
            if (src[i] == ov) mark[dst[i]] = 1;
            if (dst[i] == ov) mark[src[i]] = 1;
        }
        for (i = 0; i < m; i++) {
            if (mark[src[i]] && dst[i] != ov) common[dst[i]]++;
            if (mark[dst[i]] && src[i] != ov) common[src[i]]++;
        }
    }
    km__free(net->a, src);
    km__free(net->a, dst);
    *out_view = v;
    *out_mark = mark;
    *out_common = common;
    *out_origin = ov;
    return 0;
fail:
    km__free(net->a, src);
    km__free(net->a, dst);
    km__free(net->a, mark);
    km__free(net->a, common);
    km_view_free(v);
    return rc;
}

/* Track record and penalties of one candidate. */
static int record_facts(km__match_row *r, km_network *net, const km_match_options *o, const char *date)
{
    km_agreement_query aq = KM_AGREEMENT_QUERY_INIT;
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    uint64_t completed = 0, open = 0;
    double ev = -1.0, k;
    int rc;
    aq.party = r->id;
    aq.status = KM_AGREEMENT_COMPLETED;
    if ((rc = km_agreement_count(&completed, net, &aq)) != 0) return rc;
    dq.party = r->id;
    dq.open_only = 1;
    if ((rc = km_dispute_count(&open, net, &dq)) != 0) return rc;
    if (o->use_evaluation) {
        km_scorecard_query sq = KM_SCORECARD_QUERY_INIT;
        km_scorecard *sc = NULL;
        sq.scope = KM_SCOPE_PARTNER;
        sq.subject = r->id;
        sq.as_of = date;
        rc = km_scorecard_compute(&sc, net, &sq);
        if (rc == KM_ENOMEM) return rc;
        if (rc == 0) {
            ev = km_scorecard_score(sc);
            km_scorecard_free(sc);
        } else {
            km__err_clear(); /* no scorecard: no evaluation score */
        }
        if (!(ev >= 0.0 && ev <= 1.0)) ev = -1.0;
    }
    k = (double)completed;
    r->comp[KM_MATCH_TRACK_RECORD] = ev >= 0.0 ? (k / (k + 1.0) + ev) / 2.0 : k / (k + 1.0);
    r->comp[KM_MATCH_DISPUTES] = (double)open / ((double)open + 1.0);
    r->det[KM_MATCH_COMPLETED] = (int64_t)completed;
    r->det[KM_MATCH_OPEN_DISPUTES] = (int64_t)open;
    r->det[KM_MATCH_EVALUATION_PERMILLE] = ev >= 0.0 ? (int64_t)floor(ev * 1000.0 + 0.5) : -1;
    return 0;
}

static int match_run(km_matches **out, km_network *net, const want *w, const km_match_options *o)
{
    char date[KM__DATE_BUF];
    km_view *v = NULL;
    uint8_t *mark = NULL;
    uint32_t *common = NULL, ov = UINT32_MAX;
    km__match_row *rows = NULL;
    size_t nrows = 0, cap = 0, i, j, wseg = segments(w->region);
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    char *cur = NULL;
    km_matches *m = NULL;
    int rc;
    if ((rc = km__view_date(date, net, o->as_of, "options.as_of")) != 0) return rc;
    if ((rc = network_facts(&v, &mark, &common, &ov, net, date, w->origin)) != 0) return rc;
    q.limit = 1000;
    for (;;) {
        km_partner_page *pg = NULL;
        size_t n;
        q.cursor = cur;
        if ((rc = km_partner_list(&pg, net, &q)) != 0) break;
        n = km_partner_page_count(pg);
        for (i = 0; i < n && !rc; i++) {
            const km_partner *p = km_partner_page_get(pg, i);
            uint64_t id = km_partner_id(p);
            int st = km_partner_status_of(p);
            uint32_t pv = UINT32_MAX;
            km__match_row *r;
            size_t hits, nc;
            double s;
            if (id == w->origin || st == KM_PARTNER_ARCHIVED) continue;
            if (st == KM_PARTNER_SUSPENDED && !o->include_suspended) continue;
            if (o->kind >= 0 && km_partner_kind_of(p) != o->kind) continue;
            if (km_view_partner_vertex(&pv, v, id) != 0) {
                km__err_clear();
                pv = UINT32_MAX;
            }
            if (o->exclude_existing && pv != UINT32_MAX && mark[pv]) continue;
            if (km__grow(net->a, (void **)&rows, &cap, nrows + 1, sizeof *rows)) {
                rc = km__nomem();
                break;
            }
            r = &rows[nrows];
            memset(r, 0, sizeof *r);
            r->id = id;
            nc = km_partner_capability_count(p);
            for (j = 0, hits = 0; j < w->ntags; j++) {
                size_t c;
                for (c = 0; c < nc; c++)
                    if (ascii_ieq(w->tags[j], km_partner_capability(p, c))) break;
                if (c < nc) hits++;
            }
            r->det[KM_MATCH_TAGS_MATCHED] = (int64_t)hits;
            r->comp[KM_MATCH_CAPABILITY] = w->ntags ? (double)hits / (double)w->ntags : 0.0;
            nc = km_partner_sector_count(p);
            for (j = 0, hits = 0; j < w->nsectors; j++) {
                size_t c;
                for (c = 0; c < nc; c++)
                    if (ascii_ieq(w->sectors[j], km_partner_sector(p, c))) break;
                if (c < nc) hits++;
            }
            r->det[KM_MATCH_SECTORS_MATCHED] = (int64_t)hits;
            r->comp[KM_MATCH_SECTOR] = w->nsectors ? (double)hits / (double)w->nsectors : 0.0;
            hits = common_segments(w->region, km_partner_region(p));
            r->det[KM_MATCH_REGION_SEGMENTS] = (int64_t)hits;
            r->comp[KM_MATCH_REGION] = wseg ? (double)hits / (double)wseg : 0.0;
            if (ov != UINT32_MAX && pv != UINT32_MAX) {
                uint32_t c = common[pv];
                r->det[KM_MATCH_COMMON_NEIGHBOURS] = c;
                r->det[KM_MATCH_DISTANCE] = mark[pv] ? 1 : c ? 2 : 0;
                r->comp[KM_MATCH_NETWORK] = (double)c / ((double)c + 1.0);
            }
            if ((rc = record_facts(r, net, o, date)) != 0) break;
            r->comp[KM_MATCH_SUSPENDED] = st == KM_PARTNER_SUSPENDED ? 1.0 : 0.0;
            s = o->w_capability * r->comp[KM_MATCH_CAPABILITY] + o->w_sector * r->comp[KM_MATCH_SECTOR] +
                o->w_region * r->comp[KM_MATCH_REGION] + o->w_network * r->comp[KM_MATCH_NETWORK] +
                o->w_track_record * r->comp[KM_MATCH_TRACK_RECORD] - o->w_disputes * r->comp[KM_MATCH_DISPUTES] -
                o->w_suspended * r->comp[KM_MATCH_SUSPENDED];
            r->score = s;
            if (s > o->min_score) nrows++;
        }
        if (!rc) {
            const char *c = n ? km_partner_page_cursor(pg) : NULL;
            km__free(net->a, cur);
            cur = NULL;
            if (c && !(cur = km__strdup(net->a, c))) rc = km__nomem();
        }
        km_partner_page_free(pg);
        if (rc || !cur) break;
    }
    km__free(net->a, cur);
    km__free(net->a, mark);
    km__free(net->a, common);
    km_view_free(v);
    if (rc) goto fail;
    if (nrows > 1) qsort(rows, nrows, sizeof *rows, row_cmp);
    if (o->limit && nrows > o->limit) nrows = o->limit;
    if (!(m = (km_matches *)km__calloc(net->a, 1, sizeof *m))) {
        rc = km__nomem();
        goto fail;
    }
    m->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    m->n = nrows;
    m->rows = rows;
    *out = m;
    return 0;
fail:
    km__free(net->a, rows);
    return rc;
}

int km_match_for_need(km_matches **out, km_network *net, const km_match_need *need, const km_match_options *opts)
{
    km_match_options defaults = KM_MATCH_OPTIONS_INIT;
    const km_match_options *o = opts ? opts : &defaults;
    want w;
    int rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!need) return km__err(KM_EINVAL, "need", "must not be NULL", "tidak boleh NULL");
    if (need->version < 1 || need->version > KM_MATCH_NEED_VERSION)
        return km__err(KM_EVERSION, "need.version", "unsupported need version %u", "versi kebutuhan %u tidak didukung",
                       need->version);
    if ((rc = check_opts(o)) != 0 || (rc = check_tags(need->tags, need->tags_count, "need.tags")) != 0 ||
        (rc = check_tags(need->sectors, need->sectors_count, "need.sectors")) != 0)
        return rc;
    if (need->region && (rc = km__v_region("need.region", need->region, strlen(need->region))) != 0) return rc;
    if (need->partner_id) {
        km_partner *p = NULL;
        if ((rc = km_partner_get(&p, net, need->partner_id)) != 0) return rc;
        km_partner_free(p);
    }
    memset(&w, 0, sizeof w);
    w.tags = need->tags;
    w.ntags = need->tags_count;
    w.sectors = need->sectors;
    w.nsectors = need->sectors_count;
    w.region = need->region;
    w.origin = need->partner_id;
    return match_run(out, net, &w, o);
}

int km_match_for_partner(km_matches **out, km_network *net, uint64_t partner_id, const km_match_options *opts)
{
    km_match_options defaults = KM_MATCH_OPTIONS_INIT;
    const km_match_options *o = opts ? opts : &defaults;
    km_partner *p = NULL;
    want w;
    size_t i;
    int rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = check_opts(o)) != 0) return rc;
    if ((rc = km_partner_get(&p, net, partner_id)) != 0) return rc;
    memset(&w, 0, sizeof w);
    w.ntags = km_partner_need_count(p);
    w.nsectors = km_partner_sector_count(p);
    if (w.ntags > KM_TAGS_MAX) w.ntags = KM_TAGS_MAX;
    if (w.nsectors > KM_TAGS_MAX) w.nsectors = KM_TAGS_MAX;
    for (i = 0; i < w.ntags; i++) w.ptags[i] = km_partner_need(p, i);
    for (i = 0; i < w.nsectors; i++) w.psectors[i] = km_partner_sector(p, i);
    w.tags = w.ptags;
    w.sectors = w.psectors;
    w.region = km_partner_region(p);
    w.origin = partner_id;
    rc = match_run(out, net, &w, o);
    km_partner_free(p);
    return rc;
}

size_t km_matches_count(const km_matches *m) { return m ? m->n : 0; }

uint64_t km_matches_partner(const km_matches *m, size_t i) { return m && i < m->n ? m->rows[i].id : 0; }

double km_matches_score(const km_matches *m, size_t i) { return m && i < m->n ? m->rows[i].score : 0.0; }

double km_matches_component(const km_matches *m, size_t i, int component)
{
    if (!m || i >= m->n || component < 0 || component >= KM_MATCH_COMPONENT__COUNT) return 0.0;
    return m->rows[i].comp[component];
}

int64_t km_matches_detail(const km_matches *m, size_t i, int detail)
{
    if (!m || i >= m->n || detail < 0 || detail >= KM_MATCH_DETAIL__COUNT) return 0;
    return m->rows[i].det[detail];
}
