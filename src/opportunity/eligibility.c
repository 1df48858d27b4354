/* Eligibility: each rule of an opportunity checked for one partner, named
 * when it fails (km_eligibility_rule). One engine serves the submission
 * check, the re-check at selection, the public check API and discovery.
 *
 * Rules: active (the partner is active), not_publisher (a call is not
 * answered by its own publisher), kind (eligible kinds mask), region
 * (within the eligible kode wilayah prefix, by whole segments) and
 * track_record (party of at least min_completed agreements that reached
 * the completed state) and, when the opportunity asks for it,
 * no_open_disputes (not a respondent in a dispute that is not closed,
 * withdrawn or dismissed; read from the dispute module's indexes). */
#include "opportunity/opportunity.h"
#include "partner/partner.h"
#include "dispute/dispute.h"

#include <stdio.h>
#include <string.h>

uint64_t km__elig_completed(km_network *net, uint64_t partner)
{
    const km__agreements *as = &net->agreements;
    const km__idset *sets[2];
    /* Completed ones only: the set may miss new drafts, never those. */
    if ((sets[0] = km__agr_party_set(as, partner)) == NULL) return 0;
    sets[1] = &as->by_status[KM_AGREEMENT_COMPLETED];
    return km__idset_count_all(sets, 2);
}

/* Disputes not yet final in which partner is a respondent (parties[0] is
 * the claimant: filing a complaint must not cost a partner its access to
 * calls). *first gets the lowest such dispute id. */
static uint64_t open_disputes(km_network *net, uint64_t partner, uint64_t *first)
{
    const km__disputes *ds = &net->disputes;
    uint64_t id = 1, next, n = 0;
    const km__idset *set = km__idsets_get(&ds->by_party, partner);
    *first = 0;
    if (!set) return 0;
    while (km__idset_next(set, id, &next)) {
        const km_dispute *d = ds->items[next - 1].cur;
        id = next + 1;
        if (km__dsp_final(d->status) || d->parties[0].partner == partner) continue;
        if (n++ == 0) *first = next;
    }
    return n;
}

/* region lies within prefix when equal to it or continuing it after a dot. */
static int region_within(const char *region, const char *prefix)
{
    size_t n = strlen(prefix);
    if (!region || strncmp(region, prefix, n) != 0) return 0;
    return region[n] == '\0' || region[n] == '.';
}

size_t km__elig_run(km_network *net, const km_opportunity *o, uint64_t partner, km__elig_sink sink, void *payload)
{
    const km_partner *p = km__partner_lookup(&net->partners, partner);
    char en[256], id[256];
    unsigned long long pid = (unsigned long long)partner;
    size_t n = 0;
    if (!p) return 0;
    if (p->status != KM_PARTNER_ACTIVE) {
        snprintf(en, sizeof en, "partner %llu is %s, not active", pid, km_partner_status_label(p->status, KM_LANG_EN));
        snprintf(id, sizeof id, "mitra %llu %s, tidak aktif", pid, km_partner_status_label(p->status, KM_LANG_ID));
        sink(payload, KM_ELIGIBILITY_ACTIVE, partner, en, id);
        n++;
    }
    if (partner == o->publisher) {
        snprintf(en, sizeof en, "partner %llu publishes this opportunity", pid);
        snprintf(id, sizeof id, "mitra %llu adalah penerbit peluang ini", pid);
        sink(payload, KM_ELIGIBILITY_NOT_PUBLISHER, partner, en, id);
        n++;
    }
    if (o->eligible_kinds && !(o->eligible_kinds & KM_PARTNER_KIND_BIT(p->kind))) {
        snprintf(en, sizeof en, "partner %llu: kind \"%s\" is not eligible", pid,
                 km_partner_kind_label(p->kind, KM_LANG_EN));
        snprintf(id, sizeof id, "mitra %llu: jenis \"%s\" tidak memenuhi syarat", pid,
                 km_partner_kind_label(p->kind, KM_LANG_ID));
        sink(payload, KM_ELIGIBILITY_KIND, partner, en, id);
        n++;
    }
    if (o->eligible_region && !region_within(km__pt_region(p), o->eligible_region)) {
        if (km__pt_region(p)) {
            snprintf(en, sizeof en, "partner %llu: region %s is outside %s", pid, km__pt_region(p), o->eligible_region);
            snprintf(id, sizeof id, "mitra %llu: wilayah %s di luar %s", pid, km__pt_region(p), o->eligible_region);
        } else {
            snprintf(en, sizeof en, "partner %llu has no region (must lie within %s)", pid, o->eligible_region);
            snprintf(id, sizeof id, "mitra %llu tidak memiliki wilayah (harus di dalam %s)", pid, o->eligible_region);
        }
        sink(payload, KM_ELIGIBILITY_REGION, partner, en, id);
        n++;
    }
    if (o->min_completed) {
        uint64_t done = km__elig_completed(net, partner);
        if (done < o->min_completed) {
            snprintf(en, sizeof en, "partner %llu: %llu completed agreement(s), at least %u required", pid,
                     (unsigned long long)done, o->min_completed);
            snprintf(id, sizeof id, "mitra %llu: %llu perjanjian selesai, minimal %u", pid, (unsigned long long)done,
                     o->min_completed);
            sink(payload, KM_ELIGIBILITY_TRACK_RECORD, partner, en, id);
            n++;
        }
    }
    if (o->no_disputes) {
        uint64_t first, open = open_disputes(net, partner, &first);
        if (open) {
            snprintf(en, sizeof en, "partner %llu is a respondent in %llu open dispute(s) (dispute %llu)", pid,
                     (unsigned long long)open, (unsigned long long)first);
            snprintf(id, sizeof id, "mitra %llu menjadi termohon dalam %llu sengketa yang masih berjalan (sengketa %llu)",
                     pid, (unsigned long long)open, (unsigned long long)first);
            sink(payload, KM_ELIGIBILITY_NO_OPEN_DISPUTES, partner, en, id);
            n++;
        }
    }
    return n;
}

/* ---- the error of a failed submission or selection ---- */

typedef struct esum {
    char en[480], id[480];
    size_t n;
} esum;

static void sum_add(void *payload, int rule, uint64_t partner, const char *en, const char *id)
{
    esum *s = (esum *)payload;
    size_t le = strlen(s->en), li = strlen(s->id);
    const char *code = km_eligibility_rule_code(rule);
    (void)partner;
    if (le < sizeof s->en - 1) snprintf(s->en + le, sizeof s->en - le, "%s[%s] %s", s->n ? "; " : "", code, en);
    if (li < sizeof s->id - 1) snprintf(s->id + li, sizeof s->id - li, "%s[%s] %s", s->n ? "; " : "", code, id);
    s->n++;
}

int km__elig_require(km_network *net, const km_opportunity *o, uint64_t lead, const km__coapp *co, size_t n_co)
{
    esum s;
    size_t i;
    memset(&s, 0, sizeof s);
    km__elig_run(net, o, lead, sum_add, &s);
    for (i = 0; i < n_co; i++) km__elig_run(net, o, co[i].partner, sum_add, &s);
    if (s.n == 0) return 0;
    return km__err(KM_EINVAL, "interest.eligibility", "not eligible for opportunity %llu: %s%.0s",
                   "tidak memenuhi syarat peluang %llu: %.0s%s", (unsigned long long)o->id, s.en, s.id);
}

/* ---- public: the check without submitting ---- */

typedef struct efail {
    int rule;
    uint64_t partner;
    size_t en, id; /* offsets into text */
} efail;

struct km_eligibility {
    km__ctx *ctx;
    efail *items;
    size_t n, cap;
    char *text;
};

typedef struct ecollect {
    km_network *net;
    km_eligibility *e;
    km__buf text;
    int rc;
} ecollect;

static void collect(void *payload, int rule, uint64_t partner, const char *en, const char *id)
{
    ecollect *c = (ecollect *)payload;
    efail *f;
    if (c->rc) return;
    if ((c->rc = km__grow(c->net->a, (void **)&c->e->items, &c->e->cap, c->e->n + 1, sizeof *c->e->items)) != 0) return;
    f = &c->e->items[c->e->n];
    f->rule = rule;
    f->partner = partner;
    f->en = c->text.len;
    if ((c->rc = km__buf_put(&c->text, en, strlen(en) + 1)) != 0) return;
    f->id = c->text.len;
    if ((c->rc = km__buf_put(&c->text, id, strlen(id) + 1)) != 0) return;
    c->e->n++;
}

void km_eligibility_free(km_eligibility *e)
{
    km__ctx *ctx;
    if (!e) return;
    ctx = e->ctx;
    km__free(&ctx->alloc, e->items);
    km__free(&ctx->alloc, e->text);
    km__free(&ctx->alloc, e);
    km__ctx_unref(ctx);
}

int km_opportunity_check_eligibility(km_eligibility **out, km_network *net, uint64_t opportunity_id,
                                     uint64_t partner_id, const uint64_t *co_applicants, size_t co_count)
{
    const km_opportunity *o;
    km_eligibility *e;
    ecollect c;
    size_t i, j;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (co_count && !co_applicants)
        return km__err(KM_EINVAL, "co_applicants", "must not be NULL when co_count is not 0",
                       "tidak boleh NULL bila co_count bukan 0");
    if (co_count > KM_INTEREST_CO_APPLICANTS_MAX)
        return km__err(KM_EINVAL, "co_count", "more than %d co-applicants", "lebih dari %d pemohon bersama",
                       KM_INTEREST_CO_APPLICANTS_MAX);
    o = km__opp_lookup(&net->opportunities, opportunity_id);
    if (!o) return km__opp_not_found(opportunity_id);
    if (!km__partner_exists(&net->partners, partner_id))
        return km__err(KM_ENOTFOUND, "partner_id", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                       (unsigned long long)partner_id);
    for (i = 0; i < co_count; i++) {
        if (!km__partner_exists(&net->partners, co_applicants[i]))
            return km__err(KM_ENOTFOUND, "co_applicants", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                           (unsigned long long)co_applicants[i]);
        if (co_applicants[i] == partner_id)
            return km__err(KM_EINVAL, "co_applicants", "partner %llu submits and cannot also be a co-applicant",
                           "mitra %llu mengajukan dan tidak dapat sekaligus menjadi pemohon bersama",
                           (unsigned long long)partner_id);
        for (j = 0; j < i; j++)
            if (co_applicants[j] == co_applicants[i])
                return km__err(KM_EINVAL, "co_applicants", "partner %llu is listed twice",
                               "mitra %llu tercantum dua kali", (unsigned long long)co_applicants[i]);
    }
    e = (km_eligibility *)km__calloc(net->a, 1, sizeof *e);
    if (!e) return km__nomem();
    e->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    c.net = net;
    c.e = e;
    c.rc = 0;
    km__buf_init(&c.text, net->a);
    km__elig_run(net, o, partner_id, collect, &c);
    for (i = 0; i < co_count; i++) km__elig_run(net, o, co_applicants[i], collect, &c);
    if (c.rc == 0) c.rc = km__buf_put_u8(&c.text, 0); /* never an empty buffer */
    if (c.rc) {
        km__buf_free(&c.text);
        km_eligibility_free(e);
        return c.rc;
    }
    e->text = (char *)c.text.data; /* ownership moves to the list */
    *out = e;
    return 0;
}

size_t km_eligibility_count(const km_eligibility *e) { return e ? e->n : 0; }
int km_eligibility_rule_of(const km_eligibility *e, size_t i) { return e && i < e->n ? e->items[i].rule : -1; }
uint64_t km_eligibility_partner(const km_eligibility *e, size_t i) { return e && i < e->n ? e->items[i].partner : 0; }

const char *km_eligibility_message(const km_eligibility *e, size_t i, int lang)
{
    if (!e || i >= e->n) return NULL;
    return e->text + (lang == KM_LANG_ID ? e->items[i].id : e->items[i].en);
}
