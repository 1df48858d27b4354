/* Evaluation state lifetime, its secondary indexes (compressed id sets per
 * agreement, framework, template, code, indicator, partner and status) and
 * the small helpers every evaluation file shares: calendar periods, days of
 * entry times, agreement states and actor rules. Index removal never
 * allocates, which is what lets a transaction undo without failing. */
#include "evaluation/evaluation.h"
#include "util/ientry.h"
#include "agreement/agreement.h"
#include "partner/partner.h"

#include <string.h>

void km__indicators_init(km__indicators *s, const km_allocator *a)
{
    memset(s, 0, sizeof *s);
    km__keyidx_init(&s->by_code, a);
    s->on_track = KM_EVALUATION_ON_TRACK_DEFAULT;
    s->at_risk = KM_EVALUATION_AT_RISK_DEFAULT;
    s->grace = KM_EVALUATION_GRACE_DEFAULT;
    s->a = a;
}

void km__indicators_free(km__indicators *s)
{
    size_t i, v;
    for (i = 0; i < s->n; i++) {
        km__ind_slot *slot = &s->items[i];
        if (slot->cur) {
            for (v = 1; v < slot->cur->version; v++) km__indicator_unref(slot->old[v - 1]);
            km__indicator_unref(slot->cur);
        }
        km__free(s->a, slot->old);
    }
    km__free(s->a, s->items);
    km__idsets_free(&s->by_agreement, s->a);
    km__idsets_free(&s->by_framework, s->a);
    km__idsets_free(&s->by_template, s->a);
    km__keyidx_free(&s->by_code);
    memset(s, 0, sizeof *s);
}

void km__measurements_init(km__measurements *s, const km_allocator *a)
{
    size_t i;
    memset(s, 0, sizeof *s);
    for (i = 0; i < KM_MEASUREMENT_STATUS__COUNT; i++) km__idset_init(&s->by_status[i], a);
    s->a = a;
}

void km__measurements_free(km__measurements *s)
{
    size_t i, v;
    for (i = 0; i < s->n; i++) {
        km__meas_slot *slot = &s->items[i];
        for (v = 0; v < slot->n; v++) km__measurement_unref(slot->v[v]);
        km__free(s->a, slot->v);
        km__free(s->a, slot->lock);
    }
    km__free(s->a, s->items);
    km__idsets_free(&s->by_indicator, s->a);
    km__idsets_free(&s->by_agreement, s->a);
    km__idsets_free(&s->by_partner, s->a);
    km__idsets_free(&s->locks, s->a);
    for (i = 0; i < KM_MEASUREMENT_STATUS__COUNT; i++) km__idset_free(&s->by_status[i]);
    memset(s, 0, sizeof *s);
}

/* ---- index entries (util/ientry.h) ---- */

#define IENTRIES_MAX 4

/* The membership of the set of key in sets, when there is one (key 0 is
 * none); the caller has reserved room for the keys of a new record. */
static size_t keyed(km__ientry *e, km__idsets *sets, uint64_t key)
{
    km__idset *set = km__idsets_at(sets, key);
    if (!set) return 0;
    memset(e, 0, sizeof *e);
    e->fixed = set;
    return 1;
}

static size_t ind_entries(km__indicators *s, const km_indicator *r, km__ientry *out)
{
    size_t n = 0;
    if (!r) return 0;
    if (r->is_template) {
        n += keyed(&out[n], &s->by_framework, r->framework_id);
        return n;
    }
    n += keyed(&out[n], &s->by_agreement, r->agreement_id);
    n += keyed(&out[n], &s->by_template, r->template_id);
    memset(&out[n], 0, sizeof out[n]);
    out[n].post = &s->by_code;
    out[n].key = r->code;
    out[n++].len = strlen(r->code);
    return n;
}

int km__ind_index_replace(km__indicators *s, const km_indicator *old, const km_indicator *nw)
{
    km__ientry eo[IENTRIES_MAX], en[IENTRIES_MAX];
    size_t no, nn;
    int rc;
    /* Room first: growing moves the sets the entries point into. */
    if (nw && ((rc = km__idsets_reserve(&s->by_framework, s->a, nw->is_template ? nw->framework_id : 0)) != 0 ||
               (rc = km__idsets_reserve(&s->by_agreement, s->a, nw->is_template ? 0 : nw->agreement_id)) != 0 ||
               (rc = km__idsets_reserve(&s->by_template, s->a, nw->is_template ? 0 : nw->template_id)) != 0))
        return rc;
    no = ind_entries(s, old, eo);
    nn = ind_entries(s, nw, en);
    return km__ientry_move(eo, no, en, nn, nw ? nw->id : old->id);
}

static size_t meas_entries(km__measurements *s, const km_measurement *m, km__ientry *out)
{
    size_t n = 0;
    if (!m) return 0;
    n += keyed(&out[n], &s->by_indicator, m->indicator_id);
    n += keyed(&out[n], &s->by_agreement, m->agreement_id);
    n += keyed(&out[n], &s->by_partner, m->partner_id);
    memset(&out[n], 0, sizeof out[n]);
    out[n++].fixed = &s->by_status[m->status];
    return n;
}

int km__meas_index_replace(km__measurements *s, const km_measurement *old, const km_measurement *nw)
{
    km__ientry eo[IENTRIES_MAX], en[IENTRIES_MAX];
    size_t no, nn;
    int rc;
    /* Room first: growing moves the sets the entries point into. */
    if (nw && ((rc = km__idsets_reserve(&s->by_indicator, s->a, nw->indicator_id)) != 0 ||
               (rc = km__idsets_reserve(&s->by_agreement, s->a, nw->agreement_id)) != 0 ||
               (rc = km__idsets_reserve(&s->by_partner, s->a, nw->partner_id)) != 0))
        return rc;
    no = meas_entries(s, old, eo);
    nn = meas_entries(s, nw, en);
    return km__ientry_move(eo, no, en, nn, nw ? nw->id : old->id);
}

/* ---- shared helpers ---- */

static const unsigned months_of[KM_FREQUENCY__COUNT] = { 1, 3, 6, 12 };

void km__ev_period_of(int32_t day, int frequency, int32_t *start, int32_t *end)
{
    int64_t y;
    unsigned m, d, k = months_of[frequency], m0, mn;
    km__civil_from_days(day, &y, &m, &d);
    m0 = (m - 1) / k * k + 1;
    *start = (int32_t)km__days_from_civil(y, m0, 1);
    mn = m0 - 1 + k; /* months after January of y where the next period starts */
    *end = (int32_t)(km__days_from_civil(y + mn / 12, mn % 12 + 1, 1) - 1);
}

int km__ev_evaluated(const km_agreement *a)
{
    int st = a->status;
    return st == KM_AGREEMENT_SIGNED || st == KM_AGREEMENT_ACTIVE || st == KM_AGREEMENT_SUSPENDED ||
           st == KM_AGREEMENT_COMPLETED || st == KM_AGREEMENT_TERMINATED || st == KM_AGREEMENT_EXPIRED;
}

int km__ev_is_party(const km_agreement *a, uint64_t partner)
{
    size_t i;
    for (i = 0; i < a->n_parties; i++)
        if (km__ag_party(a, i) == partner) return 1;
    return 0;
}

int km__ev_actor_admin(const km_network *net) { return strncmp(net->actor, "admin:", 6) == 0; }

int km__ev_actor_is(const km_network *net, uint64_t partner)
{
    const km_partner *p = km__partner_lookup(&net->partners, partner);
    return p && strcmp(net->actor, km__pt_external_id(p)) == 0;
}

int32_t km__ev_window_end(const km_agreement *a, int32_t as_of)
{
    int32_t end = km__ag_has_end(a) ? km__ag_end(a) : as_of;
    int st = a->status;
    /* The day an ended or suspended agreement changed state closes its
     * reporting window (its last change is that transition). */
    if (st == KM_AGREEMENT_COMPLETED || st == KM_AGREEMENT_TERMINATED || st == KM_AGREEMENT_EXPIRED ||
        st == KM_AGREEMENT_SUSPENDED) {
        int32_t d = km__day_at(a->updated, KM__WIB_MINUTES);
        if (d < end) end = d;
    }
    return end;
}

int km__ev_parse_date(const char *field, const char *s, int32_t *out)
{
    if (!s) return km__err(KM_EINVAL, field, "must not be NULL", "tidak boleh NULL");
    return km__v_date(field, s, strlen(s), out);
}
