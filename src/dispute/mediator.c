/* Mediator assignment and the conflict-of-interest check. One function
 * (run_checks) finds every conflict between a candidate and a dispute; the
 * assignment refuses while there are any (naming them), unless each is
 * overridable and a justification is recorded, and km_dispute_mediator_check
 * lists them for a host to show. The policy of the dispute's agreement
 * (deadline.c) tightens (partner kinds) or relaxes (party to the
 * agreement, related agreements) the default rules. */
#include "dispute/dispute.h"
#include "partner/partner.h"

#include <stdio.h>
#include <string.h>

typedef int (*conflict_fn)(void *payload, int kind, uint64_t agreement, uint64_t partner, const char *en,
                           const char *id);

static int overridable(int kind)
{
    return kind == KM_CONFLICT_KIND || kind == KM_CONFLICT_PARTY_TO_AGREEMENT || kind == KM_CONFLICT_RELATED_AGREEMENT;
}

static int in_force(int status)
{
    return status == KM_AGREEMENT_SIGNED || status == KM_AGREEMENT_ACTIVE || status == KM_AGREEMENT_SUSPENDED;
}

/* Calls fn for every conflict; stops at the first error fn returns. */
static int run_checks(km_network *net, const km_dispute *d, const km_partner *p, conflict_fn fn, void *payload)
{
    const km__dsp_pol *pol = km__dsp_policy_for(net, d->agreement);
    const km__agreements *as = &net->agreements;
    const km__idset *mine; /* the candidate's agreements */
    const km_agreement *a = km__dsp_agreement(net, d->agreement);
    char en[256], idm[256];
    size_t i, k;
    int party = 0, rc;
    for (i = 0; i < d->n_parties; i++) {
        if (d->parties[i].partner != p->id) continue;
        party = 1;
        snprintf(en, sizeof en, "partner %llu is the %s of dispute %llu", (unsigned long long)p->id,
                 i ? "respondent" : "claimant", (unsigned long long)d->id);
        snprintf(idm, sizeof idm, "mitra %llu adalah %s sengketa %llu", (unsigned long long)p->id,
                 i ? "termohon" : "pemohon", (unsigned long long)d->id);
        if ((rc = fn(payload, KM_CONFLICT_PARTY_TO_DISPUTE, d->agreement, p->id, en, idm)) != 0) return rc;
    }
    if (p->status != KM_PARTNER_ACTIVE) {
        snprintf(en, sizeof en, "partner %llu is %s, not active", (unsigned long long)p->id,
                 km_partner_status_label(p->status, KM_LANG_EN));
        snprintf(idm, sizeof idm, "mitra %llu %s, tidak aktif", (unsigned long long)p->id,
                 km_partner_status_label(p->status, KM_LANG_ID));
        if ((rc = fn(payload, KM_CONFLICT_INACTIVE, 0, p->id, en, idm)) != 0) return rc;
    }
    if (pol->kinds && !(pol->kinds & (1u << p->kind))) {
        snprintf(en, sizeof en, "partner %llu is a %s, a kind the dispute policy does not allow to mediate",
                 (unsigned long long)p->id, km_partner_kind_label(p->kind, KM_LANG_EN));
        snprintf(idm, sizeof idm, "mitra %llu berjenis %s, yang tidak diizinkan menjadi mediator oleh kebijakan sengketa",
                 (unsigned long long)p->id, km_partner_kind_label(p->kind, KM_LANG_ID));
        if ((rc = fn(payload, KM_CONFLICT_KIND, 0, p->id, en, idm)) != 0) return rc;
    }
    if (!party && !pol->allow_party && a) {
        for (i = 0; i < a->n_parties; i++) {
            if (km__ag_party(a, i) != p->id) continue;
            snprintf(en, sizeof en, "partner %llu is a party to agreement %llu", (unsigned long long)p->id,
                     (unsigned long long)a->id);
            snprintf(idm, sizeof idm, "mitra %llu adalah pihak perjanjian %llu", (unsigned long long)p->id,
                     (unsigned long long)a->id);
            if ((rc = fn(payload, KM_CONFLICT_PARTY_TO_AGREEMENT, a->id, 0, en, idm)) != 0) return rc;
        }
    }
    if (!party && !pol->allow_related && (mine = km__agr_party_set(as, p->id)) != NULL) {
        /* Agreements in force binding the candidate to a party of the
         * dispute: intersect the two partners' agreement sets. */
        for (k = 0; k < d->n_parties; k++) {
            uint64_t q = d->parties[k].partner, from = 1, next;
            const km__idset *sets[2];
            /* Agreements in force only: the sets may miss new drafts, never those. */
            if ((sets[1] = km__agr_party_set(as, q)) == NULL) continue;
            sets[0] = mine;
            while (km__idset_next_all(sets, 2, from, &next)) {
                const km_agreement *o = as->items[next - 1].cur;
                from = next + 1;
                if (next == d->agreement || !in_force(o->status)) continue;
                snprintf(en, sizeof en, "partner %llu has agreement %llu (%s) in force with partner %llu",
                         (unsigned long long)p->id, (unsigned long long)next,
                         km_agreement_status_label(o->status, KM_LANG_EN), (unsigned long long)q);
                snprintf(idm, sizeof idm, "mitra %llu memiliki perjanjian %llu (%s) yang berlaku dengan mitra %llu",
                         (unsigned long long)p->id, (unsigned long long)next,
                         km_agreement_status_label(o->status, KM_LANG_ID), (unsigned long long)q);
                if ((rc = fn(payload, KM_CONFLICT_RELATED_AGREEMENT, next, q, en, idm)) != 0) return rc;
            }
        }
    }
    return 0;
}

/* ---- the assignment ---- */

typedef struct summary {
    char en[480], id[480];
    size_t hard, soft;
} summary;

static int summarize(void *payload, int kind, uint64_t agreement, uint64_t partner, const char *en, const char *id)
{
    summary *s = (summary *)payload;
    size_t le = strlen(s->en), li = strlen(s->id), n = s->hard + s->soft;
    (void)agreement;
    (void)partner;
    if (le < sizeof s->en - 1) snprintf(s->en + le, sizeof s->en - le, "%s%s", n ? "; " : "", en);
    if (li < sizeof s->id - 1) snprintf(s->id + li, sizeof s->id - li, "%s%s", n ? "; " : "", id);
    if (overridable(kind)) s->soft++;
    else s->hard++;
    return 0;
}

int km__dsp_apply_mediator(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    const km_partner *p;
    km__din in;
    km__sl override;
    summary sum;
    uint64_t partner = 0;
    int rc;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_get_u64(&ap->f, KM__DT_MEDIATOR, "dispute.mediator", &partner, 1)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_OVERRIDE, &override)) != 0 ||
        (override.p && (rc = km__dsp_v_note("dispute.override", &override, 1)) != 0))
        return km__apply_fail(ap, rc);
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_MEDIATOR)) != 0) return rc;
    p = km__partner_lookup(&net->partners, partner);
    if (!p)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "dispute.mediator", "no partner with id %llu",
                                          "tidak ada mitra dengan id %llu", (unsigned long long)partner));
    if (d->mediator == partner)
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.mediator", "partner %llu already mediates dispute %llu",
                                          "mitra %llu sudah menjadi mediator sengketa %llu",
                                          (unsigned long long)partner, (unsigned long long)d->id));
    memset(&sum, 0, sizeof sum);
    (void)run_checks(net, d, p, summarize, &sum);
    if (sum.hard || (sum.soft && !override.p))
        return km__apply_fail(ap, km__err(KM_ESTATE, "dispute.mediator",
                                          "partner %llu cannot mediate dispute %llu (conflict of interest): %s%.0s%s",
                                          "mitra %llu tidak dapat menjadi mediator sengketa %llu (benturan kepentingan): %.0s%s%s",
                                          (unsigned long long)partner, (unsigned long long)d->id, sum.en, sum.id,
                                          sum.hard ? "" : " (override justification required / perlu justifikasi pengecualian)"));
    if (override.p && !sum.soft)
        return km__apply_fail(ap, km__err(KM_EINVAL, "dispute.override",
                                          "partner %llu has no conflict of interest to override",
                                          "mitra %llu tidak memiliki benturan kepentingan yang perlu dikecualikan",
                                          (unsigned long long)partner));
    km__din_from_record(&in, d);
    in.mediator = partner;
    in.override = override;
    return km__dsp_replace(net, ap, slot, &in);
}

/* ---- the check, for hosts ---- */

typedef struct crow {
    int kind;
    uint64_t agreement, partner;
    size_t en_off, id_off;
} crow;

struct km_conflicts {
    km__ctx *ctx;
    crow *rows;
    size_t n, cap;
    char *text;
};

typedef struct collect_ctx {
    km_network *net;
    km_conflicts *c;
    km__buf text;
} collect_ctx;

static int collect(void *payload, int kind, uint64_t agreement, uint64_t partner, const char *en, const char *id)
{
    collect_ctx *cc = (collect_ctx *)payload;
    km_conflicts *c = cc->c;
    crow *r;
    int rc;
    if ((rc = km__grow(cc->net->a, (void **)&c->rows, &c->cap, c->n + 1, sizeof *c->rows)) != 0) return rc;
    r = &c->rows[c->n];
    r->kind = kind;
    r->agreement = agreement;
    r->partner = partner;
    r->en_off = cc->text.len;
    if ((rc = km__buf_put(&cc->text, en, strlen(en) + 1)) != 0) return rc;
    r->id_off = cc->text.len;
    if ((rc = km__buf_put(&cc->text, id, strlen(id) + 1)) != 0) return rc;
    c->n++;
    return 0;
}

void km_conflicts_free(km_conflicts *c)
{
    km__ctx *ctx;
    if (!c) return;
    ctx = c->ctx;
    km__free(&ctx->alloc, c->rows);
    km__free(&ctx->alloc, c->text);
    km__free(&ctx->alloc, c);
    km__ctx_unref(ctx);
}

int km_dispute_mediator_check(km_conflicts **out, km_network *net, uint64_t id, uint64_t partner_id)
{
    const km_dispute *d;
    const km_partner *p;
    collect_ctx cc;
    km_conflicts *c;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    d = km__dsp_current(net, id);
    if (!d) return km__dsp_not_found(id);
    p = km__partner_lookup(&net->partners, partner_id);
    if (!p)
        return km__err(KM_ENOTFOUND, "partner_id", "no partner with id %llu", "tidak ada mitra dengan id %llu",
                       (unsigned long long)partner_id);
    c = (km_conflicts *)km__calloc(net->a, 1, sizeof *c);
    if (!c) return km__nomem();
    c->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    cc.net = net;
    cc.c = c;
    km__buf_init(&cc.text, net->a);
    rc = run_checks(net, d, p, collect, &cc);
    if (rc == 0 && cc.text.len == 0) rc = km__buf_put_u8(&cc.text, 0);
    if (rc) {
        km__buf_free(&cc.text);
        km_conflicts_free(c);
        return rc;
    }
    c->text = (char *)cc.text.data;
    *out = c;
    return 0;
}

size_t km_conflicts_count(const km_conflicts *c) { return c ? c->n : 0; }
int km_conflicts_kind(const km_conflicts *c, size_t i) { return c && i < c->n ? c->rows[i].kind : -1; }
uint64_t km_conflicts_agreement(const km_conflicts *c, size_t i) { return c && i < c->n ? c->rows[i].agreement : 0; }
uint64_t km_conflicts_partner(const km_conflicts *c, size_t i) { return c && i < c->n ? c->rows[i].partner : 0; }
int km_conflicts_overridable(const km_conflicts *c, size_t i) { return c && i < c->n ? overridable(c->rows[i].kind) : 0; }
const char *km_conflicts_message(const km_conflicts *c, size_t i, int lang)
{
    if (!c || i >= c->n) return NULL;
    return c->text + (lang == KM_LANG_ID ? c->rows[i].id_off : c->rows[i].en_off);
}
