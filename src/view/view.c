/* Views of the network as graphs (include/kemitraan/view.h): the state is
 * read through the public listing API of partners, agreements and
 * commitments, then turned into one km_graph (CSR) by km_graph_new(). */
#include <stdlib.h>
#include <string.h>

#include "view/view_internal.h"
#include "core/alloc.h"
#include "core/error.h"
#include "util/date.h"
#include "kemitraan/partner.h"
#include "kemitraan/agreement.h"
#include "kemitraan/commitment.h"


/* Growable arrays of the build. */
typedef struct vb {
    const km_allocator *a;
    uint64_t *pid; int *pkind; char **preg; size_t np, cap_p;
    uint64_t *aid; int64_t *aval; size_t *aoff; size_t na, cap_a; /* aoff: na + 1 offsets into parties */
    uint64_t *par; size_t npar, cap_par;
    uint32_t *src, *dst; double *w; size_t ne, cap_e, cap_w;
} vb;

static void vb_free(vb *b)
{
    size_t i;
    if (b->preg)
        for (i = 0; i < b->np; i++) km__free(b->a, b->preg[i]);
    km__free(b->a, b->pid);
    km__free(b->a, b->pkind);
    km__free(b->a, b->preg);
    km__free(b->a, b->aid);
    km__free(b->a, b->aval);
    km__free(b->a, b->aoff);
    km__free(b->a, b->par);
    km__free(b->a, b->src);
    km__free(b->a, b->dst);
    km__free(b->a, b->w);
}

static int vb_edge(vb *b, uint32_t s, uint32_t d, double w)
{
    size_t c1 = b->cap_e, c2 = b->cap_e;
    if (b->ne == b->cap_e) {
        if (km__grow(b->a, (void **)&b->src, &c1, b->ne + 1, sizeof *b->src) ||
            km__grow(b->a, (void **)&b->dst, &c2, b->ne + 1, sizeof *b->dst) ||
            km__grow(b->a, (void **)&b->w, &b->cap_w, b->ne + 1, sizeof *b->w))
            return km__nomem();
        b->cap_e = c1 < c2 ? c1 : c2;
        if (b->cap_w < b->cap_e) b->cap_e = b->cap_w;
    }
    b->src[b->ne] = s;
    b->dst[b->ne] = d;
    b->w[b->ne] = w;
    b->ne++;
    return 0;
}

static int copy_cursor(const km_allocator *a, char **cur, const char *from)
{
    km__free(a, *cur);
    *cur = NULL;
    if (!from) return 0;
    *cur = km__strdup(a, from);
    return *cur ? 0 : km__nomem();
}

int km__view_date(char out[KM__DATE_BUF], const km_network *net, const char *as_of, const char *field)
{
    int32_t d;
    if (as_of) {
        if (!km__date_parse(as_of, strlen(as_of), &d))
            return km__err(KM_EINVAL, field, "must be a date YYYY-MM-DD", "harus tanggal YYYY-MM-DD");
    } else {
        d = km__net_today(net);
    }
    km__date_format(out, d);
    return 0;
}

/* Every partner in ascending id: id, kind, region. */
static int load_partners(vb *b, km_network *net)
{
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    char *cur = NULL;
    int rc = 0;
    q.limit = 1000;
    for (;;) {
        km_partner_page *pg = NULL;
        size_t i, n;
        q.cursor = cur;
        if ((rc = km_partner_list(&pg, net, &q)) != 0) break;
        n = km_partner_page_count(pg);
        for (i = 0; i < n && !rc; i++) {
            const km_partner *p = km_partner_page_get(pg, i);
            const char *r = km_partner_region(p);
            size_t c1 = b->cap_p, c2 = b->cap_p, c3 = b->cap_p;
            if (b->np == b->cap_p) {
                if (km__grow(b->a, (void **)&b->pid, &c1, b->np + 1, sizeof *b->pid) ||
                    km__grow(b->a, (void **)&b->pkind, &c2, b->np + 1, sizeof *b->pkind) ||
                    km__grow(b->a, (void **)&b->preg, &c3, b->np + 1, sizeof *b->preg)) {
                    rc = km__nomem();
                    break;
                }
                b->cap_p = c1 < c2 ? (c1 < c3 ? c1 : c3) : (c2 < c3 ? c2 : c3);
            }
            b->preg[b->np] = NULL;
            if (r && *r && !(b->preg[b->np] = km__strdup(b->a, r))) {
                rc = km__nomem();
                break;
            }
            b->pid[b->np] = km_partner_id(p);
            b->pkind[b->np] = km_partner_kind_of(p);
            b->np++;
        }
        if (!rc) rc = copy_cursor(b->a, &cur, n ? km_partner_page_cursor(pg) : NULL);
        km_partner_page_free(pg);
        if (rc || !cur) break;
    }
    km__free(b->a, cur);
    return rc;
}

/* The selected agreements in ascending id, with their parties and value
 * in the view currency (-1 when none). */
static int load_agreements(vb *b, km_network *net, const km_view_options *o, const char *date)
{
    km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
    char *cur = NULL;
    int rc = 0;
    q.type = o->type;
    q.family = o->family;
    q.framework_id = o->framework_id;
    q.region_prefix = o->region_prefix;
    q.active_on = o->active_only ? date : NULL;
    q.limit = 1000;
    if (!(b->aoff = (size_t *)km__malloc(b->a, sizeof *b->aoff))) return km__nomem();
    b->aoff[0] = 0;
    b->cap_a = 0;
    for (;;) {
        km_agreement_page *pg = NULL;
        size_t i, n;
        q.cursor = cur;
        if ((rc = km_agreement_list(&pg, net, &q)) != 0) break;
        n = km_agreement_page_count(pg);
        for (i = 0; i < n && !rc; i++) {
            const km_agreement *ag = km_agreement_page_get(pg, i);
            size_t j, np = km_agreement_party_count(ag), c1, c2, c3;
            const char *ccy = km_agreement_currency(ag);
            if (o->status_mask && !(o->status_mask & KM_AGREEMENT_STATUS_BIT(km_agreement_status_of(ag))))
                continue;
            c1 = c2 = b->cap_a;
            c3 = b->cap_a + 1;
            if (b->na == b->cap_a) {
                if (km__grow(b->a, (void **)&b->aid, &c1, b->na + 1, sizeof *b->aid) ||
                    km__grow(b->a, (void **)&b->aval, &c2, b->na + 1, sizeof *b->aval) ||
                    km__grow(b->a, (void **)&b->aoff, &c3, b->na + 2, sizeof *b->aoff)) {
                    rc = km__nomem();
                    break;
                }
                b->cap_a = c1 < c2 ? c1 : c2;
                if (c3 - 1 < b->cap_a) b->cap_a = c3 - 1;
            }
            if (km__grow(b->a, (void **)&b->par, &b->cap_par, b->npar + np, sizeof *b->par)) {
                rc = km__nomem();
                break;
            }
            for (j = 0; j < np; j++) b->par[b->npar++] = km_agreement_party(ag, j);
            b->aid[b->na] = km_agreement_id(ag);
            b->aval[b->na] = o->currency && ccy && strcmp(ccy, o->currency) == 0 ? km_agreement_value(ag) : -1;
            b->na++;
            b->aoff[b->na] = b->npar;
        }
        if (!rc) rc = copy_cursor(b->a, &cur, n ? km_agreement_page_cursor(pg) : NULL);
        km_agreement_page_free(pg);
        if (rc || !cur) break;
    }
    km__free(b->a, cur);
    return rc;
}

static long find_u64(const uint64_t *v, size_t n, uint64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && v[lo] == x ? (long)lo : -1;
}

/* Resource-flow arcs, in partner indices of the full partner list. */
static int load_flows(vb *b, km_network *net, const km_view_options *o, const char *date)
{
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    km_totals *t = NULL;
    size_t i, n;
    int rc;
    q.group_by = KM_GROUP_COMMITMENT;
    q.as_of_date = date;
    q.framework_id = o->framework_id;
    if ((rc = km_commitment_totals(&t, net, &q)) != 0) return rc;
    n = km_totals_count(t);
    for (i = 0; i < n && !rc; i++) {
        km_commitment *c = NULL;
        int64_t amount;
        long s, d;
        if (!km_totals_is_money(t, i) || strcmp(km_totals_unit(t, i), o->currency) != 0) continue;
        amount = km_totals_figure(t, i, o->flow == KM_VIEW_FLOW_DISBURSED ? KM_FIGURE_DISBURSED : KM_FIGURE_COMMITTED);
        if (amount <= 0) continue;
        if ((rc = km_commitment_get(&c, net, km_totals_group(t, i))) != 0) break;
        if (km_commitment_status_of(c) != KM_COMMITMENT_CANCELLED &&
            find_u64(b->aid, b->na, km_commitment_agreement_id(c)) >= 0 &&
            (s = find_u64(b->pid, b->np, km_commitment_provider_id(c))) >= 0 &&
            (d = find_u64(b->pid, b->np, km_commitment_recipient_id(c))) >= 0)
            rc = vb_edge(b, (uint32_t)s, (uint32_t)d, (double)amount);
        km_commitment_free(c);
    }
    km_totals_free(t);
    return rc;
}

static int check_opts(const km_view_options *o)
{
    if (o->version < 1 || o->version > KM_VIEW_OPTIONS_VERSION)
        return km__err(KM_EVERSION, "options.version", "unsupported options version %u",
                       "versi opsi %u tidak didukung", o->version);
    if (o->kind < 0 || o->kind >= KM_VIEW_KIND__COUNT)
        return km__err(KM_EINVAL, "options.kind", "unknown view kind %d", "jenis tampilan %d tidak dikenal", o->kind);
    if (o->family < -1 || o->family >= KM_FAMILY__COUNT)
        return km__err(KM_EINVAL, "options.family", "unknown family %d", "rumpun %d tidak dikenal", o->family);
    if (o->type < -1 || o->type >= KM_AGREEMENT_TYPE__COUNT)
        return km__err(KM_EINVAL, "options.type", "unknown agreement type %d", "jenis perjanjian %d tidak dikenal",
                       o->type);
    if (o->status_mask & ~((1u << KM_AGREEMENT_STATUS__COUNT) - 1u))
        return km__err(KM_EINVAL, "options.status_mask", "has bits of unknown statuses",
                       "memuat bit status yang tidak dikenal");
    if (o->vertices != KM_VIEW_VERTICES_ALL && o->vertices != KM_VIEW_VERTICES_INVOLVED)
        return km__err(KM_EINVAL, "options.vertices", "unknown vertex selection %d", "pilihan simpul %d tidak dikenal",
                       o->vertices);
    if (o->weight != KM_VIEW_WEIGHT_COUNT && o->weight != KM_VIEW_WEIGHT_VALUE)
        return km__err(KM_EINVAL, "options.weight", "unknown weight %d", "bobot %d tidak dikenal", o->weight);
    if (o->flow != KM_VIEW_FLOW_COMMITTED && o->flow != KM_VIEW_FLOW_DISBURSED)
        return km__err(KM_EINVAL, "options.flow", "unknown flow figure %d", "angka aliran %d tidak dikenal", o->flow);
    if (o->currency) {
        size_t k;
        for (k = 0; k < 3; k++)
            if (o->currency[k] < 'A' || o->currency[k] > 'Z') break;
        if (k != 3 || o->currency[3] != '\0')
            return km__err(KM_EINVAL, "options.currency", "must be an ISO 4217 code (three capital letters)",
                           "harus kode ISO 4217 (tiga huruf kapital)");
    } else if (o->kind == KM_VIEW_RESOURCE_FLOW || (o->kind == KM_VIEW_COAGREEMENT && o->weight == KM_VIEW_WEIGHT_VALUE)) {
        return km__err(KM_EINVAL, "options.currency", "is required for this view", "wajib untuk tampilan ini");
    }
    return 0;
}

void km_view_free(km_view *v)
{
    km__ctx *ctx;
    const km_allocator *a;
    uint32_t i;
    if (!v) return;
    ctx = v->ctx;
    a = &ctx->alloc;
    km_graph_free(v->g);
    if (v->preg)
        for (i = 0; i < v->np; i++) km__free(a, v->preg[i]);
    km__free(a, v->preg);
    km__free(a, v->pid);
    km__free(a, v->pkind);
    km__free(a, v->aid);
    km__free(a, v);
    km__ctx_unref(ctx);
}

int km_view_build(km_view **out, km_network *net, const km_view_options *opts)
{
    km_view_options defaults = KM_VIEW_OPTIONS_INIT;
    const km_view_options *o = opts ? opts : &defaults;
    char date[KM__DATE_BUF];
    vb b;
    km_view *v = NULL;
    uint32_t *map = NULL; /* full partner index -> vertex, UINT32_MAX when left out */
    size_t i, j, k, nv;
    int rc;
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = check_opts(o)) != 0) return rc;
    if ((rc = km__view_date(date, net, o->as_of, "options.as_of")) != 0) return rc;
    memset(&b, 0, sizeof b);
    b.a = net->a;
    if ((rc = load_partners(&b, net)) != 0 || (rc = load_agreements(&b, net, o, date)) != 0) goto done;
    if (o->kind == KM_VIEW_RESOURCE_FLOW) {
        if ((rc = load_flows(&b, net, o, date)) != 0) goto done;
    } else {
        /* edges in full partner indices; bipartite agreement vertices as np + agreement index */
        for (i = 0; i < b.na; i++) {
            size_t lo = b.aoff[i], hi = b.aoff[i + 1];
            for (j = lo; j < hi; j++) {
                long pj = find_u64(b.pid, b.np, b.par[j]);
                if (pj < 0) continue;
                if (o->kind == KM_VIEW_BIPARTITE) {
                    if ((rc = vb_edge(&b, (uint32_t)pj, (uint32_t)(b.np + i), 1.0)) != 0) goto done;
                    continue;
                }
                if (o->weight == KM_VIEW_WEIGHT_VALUE && b.aval[i] <= 0) continue;
                for (k = j + 1; k < hi; k++) {
                    long pk = find_u64(b.pid, b.np, b.par[k]);
                    if (pk < 0 || pk == pj) continue;
                    if ((rc = vb_edge(&b, (uint32_t)pj, (uint32_t)pk,
                                      o->weight == KM_VIEW_WEIGHT_VALUE ? (double)b.aval[i] : 1.0)) != 0)
                        goto done;
                }
            }
        }
    }
    if (b.np + (size_t)b.na >= UINT32_MAX) {
        rc = km__err(KM_ERANGE, "net", "too many vertices for a graph", "terlalu banyak simpul untuk graf");
        goto done;
    }
    /* vertex selection: renumber partners */
    if (!(map = (uint32_t *)km__malloc(b.a, (b.np ? b.np : 1) * sizeof *map))) {
        rc = km__nomem();
        goto done;
    }
    if (o->vertices == KM_VIEW_VERTICES_INVOLVED) {
        for (i = 0; i < b.np; i++) map[i] = UINT32_MAX;
        if (o->kind == KM_VIEW_RESOURCE_FLOW) {
            for (i = 0; i < b.ne; i++) map[b.src[i]] = map[b.dst[i]] = 0;
        } else {
            for (i = 0; i < b.npar; i++) {
                long p = find_u64(b.pid, b.np, b.par[i]);
                if (p >= 0) map[p] = 0;
            }
        }
    } else {
        for (i = 0; i < b.np; i++) map[i] = 0;
    }
    for (i = 0, nv = 0; i < b.np; i++)
        if (map[i] != UINT32_MAX) map[i] = (uint32_t)nv++;
    for (i = 0; i < b.ne; i++) {
        b.src[i] = map[b.src[i]];
        b.dst[i] = b.dst[i] >= b.np ? (uint32_t)(nv + (b.dst[i] - b.np)) : map[b.dst[i]];
    }
    if (!(v = (km_view *)km__calloc(b.a, 1, sizeof *v))) {
        rc = km__nomem();
        goto done;
    }
    v->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    v->kind = o->kind;
    memcpy(v->as_of, date, sizeof date);
    v->np = (uint32_t)nv;
    v->na = (uint32_t)b.na;
    if (!(v->pid = (uint64_t *)km__malloc(b.a, (nv ? nv : 1) * sizeof *v->pid)) ||
        !(v->pkind = (int *)km__malloc(b.a, (nv ? nv : 1) * sizeof *v->pkind)) ||
        !(v->preg = (char **)km__calloc(b.a, nv ? nv : 1, sizeof *v->preg)) ||
        !(v->aid = (uint64_t *)km__malloc(b.a, (b.na ? b.na : 1) * sizeof *v->aid))) {
        rc = km__nomem();
        goto done;
    }
    for (i = 0; i < b.np; i++) {
        if (map[i] == UINT32_MAX) continue;
        v->pid[map[i]] = b.pid[i];
        v->pkind[map[i]] = b.pkind[i];
        v->preg[map[i]] = b.preg[i]; /* moved */
        b.preg[i] = NULL;
    }
    if (b.na) memcpy(v->aid, b.aid, b.na * sizeof *v->aid);
    rc = km_graph_new(&v->g, (uint32_t)(nv + (o->kind == KM_VIEW_BIPARTITE ? b.na : 0)), b.src, b.dst,
                      o->kind == KM_VIEW_BIPARTITE ? NULL : b.w, b.ne, o->kind == KM_VIEW_RESOURCE_FLOW,
                      &net->ctx->alloc);
    if (rc == KM_ERANGE)
        rc = km__err(KM_ERANGE, "options.weight", "an edge weight overflows", "bobot sisi melampaui batas");
done:
    km__free(b.a, map);
    vb_free(&b);
    if (rc) {
        km_view_free(v);
        return rc;
    }
    *out = v;
    return 0;
}

const km_graph *km_view_graph(const km_view *v) { return v ? v->g : NULL; }

int km_view_kind_of(const km_view *v) { return v ? v->kind : -1; }

const char *km_view_as_of(const km_view *v) { return v ? v->as_of : NULL; }

uint32_t km_view_partner_count(const km_view *v) { return v ? v->np : 0; }

uint32_t km_view_agreement_count(const km_view *v) { return v ? v->na : 0; }

uint64_t km_view_partner_id(const km_view *v, uint32_t vertex)
{
    return v && vertex < v->np ? v->pid[vertex] : 0;
}

uint64_t km_view_agreement_id(const km_view *v, uint32_t vertex)
{
    if (!v || v->kind != KM_VIEW_BIPARTITE || vertex < v->np || vertex - v->np >= v->na) return 0;
    return v->aid[vertex - v->np];
}

int km_view_partner_vertex(uint32_t *out, const km_view *v, uint64_t partner_id)
{
    long i;
    if (!out || !v) return km__err(KM_EINVAL, out ? "v" : "out", "must not be NULL", "tidak boleh NULL");
    if ((i = find_u64(v->pid, v->np, partner_id)) < 0)
        return km__err(KM_ENOTFOUND, "partner_id", "partner %llu is not a vertex of the view",
                       "mitra %llu bukan simpul tampilan ini", (unsigned long long)partner_id);
    *out = (uint32_t)i;
    return 0;
}

int km_view_agreement_vertex(uint32_t *out, const km_view *v, uint64_t agreement_id)
{
    long i;
    if (!out || !v) return km__err(KM_EINVAL, out ? "v" : "out", "must not be NULL", "tidak boleh NULL");
    if (v->kind != KM_VIEW_BIPARTITE || (i = find_u64(v->aid, v->na, agreement_id)) < 0)
        return km__err(KM_ENOTFOUND, "agreement_id", "agreement %llu is not a vertex of the view",
                       "perjanjian %llu bukan simpul tampilan ini", (unsigned long long)agreement_id);
    *out = v->np + (uint32_t)i;
    return 0;
}

/* Length of the first `segs` dot-separated segments of r, or 0 when r has fewer. */
size_t km__region_prefix_len(const char *r, uint32_t segs)
{
    size_t i = 0;
    uint32_t seen = 0;
    if (!r || !*r || segs == 0) return 0;
    for (;;) {
        if (r[i] == '.' || r[i] == '\0') {
            if (++seen == segs) return i;
            if (r[i] == '\0') return 0;
        }
        i++;
    }
}

typedef struct pfx { const char *s; size_t n; } pfx;

static int pfx_cmp(const void *x, const void *y)
{
    const pfx *a = (const pfx *)x, *b = (const pfx *)y;
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->s, b->s, n);
    if (c) return c;
    return a->n < b->n ? -1 : a->n > b->n;
}

int km_view_groups(int32_t *out, size_t out_len, const km_view *v, int by, uint32_t region_segments)
{
    uint32_t i, nv;
    pfx *all;
    size_t nd = 0;
    if (!out || !v) return km__err(KM_EINVAL, out ? "v" : "out", "must not be NULL", "tidak boleh NULL");
    nv = km_graph_vertex_count(v->g);
    if (out_len < nv)
        return km__err(KM_EINVAL, "out_len", "is smaller than the vertex count %u", "lebih kecil dari jumlah simpul %u",
                       nv);
    if (by == KM_VIEW_GROUP_KIND) {
        for (i = 0; i < nv; i++) out[i] = i < v->np ? (int32_t)v->pkind[i] : -2;
        return 0;
    }
    if (by != KM_VIEW_GROUP_REGION)
        return km__err(KM_EINVAL, "by", "unknown grouping %d", "pengelompokan %d tidak dikenal", by);
    if (region_segments < 1 || region_segments > 4)
        return km__err(KM_EINVAL, "region_segments", "must be 1..4", "harus 1..4");
    if (!(all = (pfx *)km__malloc(&v->ctx->alloc, (v->np ? v->np : 1) * sizeof *all))) return km__nomem();
    for (i = 0; i < v->np; i++) {
        size_t n = km__region_prefix_len(v->preg[i], region_segments);
        if (n) {
            all[nd].s = v->preg[i];
            all[nd].n = n;
            nd++;
        }
    }
    qsort(all, nd, sizeof *all, pfx_cmp);
    {
        size_t w = 0, r;
        for (r = 0; r < nd; r++)
            if (w == 0 || pfx_cmp(&all[w - 1], &all[r]) != 0) all[w++] = all[r];
        nd = w;
    }
    for (i = 0; i < nv; i++) {
        pfx key;
        size_t lo = 0, hi = nd;
        if (i >= v->np) {
            out[i] = -2;
            continue;
        }
        key.s = v->preg[i];
        key.n = km__region_prefix_len(v->preg[i], region_segments);
        if (!key.n) {
            out[i] = -1;
            continue;
        }
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (pfx_cmp(&all[mid], &key) < 0) lo = mid + 1;
            else hi = mid;
        }
        out[i] = (int32_t)lo;
    }
    km__free(&v->ctx->alloc, all);
    return 0;
}

const char *km_view_kind_label(int kind, int lang)
{
    static const char *const labels[KM_VIEW_KIND__COUNT][2] = {
        { "graf kerja sama (mitra dalam perjanjian yang sama)", "co-agreement graph (partners in the same agreements)" },
        { "graf aliran dana (pemberi ke penerima)", "resource-flow graph (provider to recipient)" },
        { "graf bipartit mitra-perjanjian", "bipartite partner-agreement graph" },
    };
    if (kind < 0 || kind >= KM_VIEW_KIND__COUNT) return "?";
    return labels[kind][lang == KM_LANG_EN ? 1 : 0];
}
