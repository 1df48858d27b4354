/* Expression of interest records and handles, and the public functions that
 * turn a request into event payloads. Selection is the one operation made
 * of several changes: the agreement module's public API creates (or
 * extends) the draft agreement and interest.select links it, in one
 * transaction, so both are one log entry or nothing. Validation happens in
 * interest_ops.c on the decoded payloads, live and on replay alike. */
#include "opportunity/opportunity.h"
#include "util/num.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__interest, km_interest)

km_interest *km__eoi_build(km_network *net, const km__ein *in, uint64_t id, uint32_t version, int64_t created,
                           int64_t updated)
{
    size_t size = sizeof(km_interest), i;
    km_interest *e;
    char *s;
    size += in->n_co * sizeof(km__coapp) + in->n_caps * sizeof(char *);
    size += km__sl_size(&in->statement) + km__sl_size(&in->unit) + km__sl_size(&in->reason);
    for (i = 0; i < in->n_caps; i++) size += in->caps[i].n + 1;
    e = (km_interest *)km__malloc(net->a, size);
    if (!e) return NULL;
    memset(e, 0, sizeof *e);
    e->refs = 1;
    e->version = version;
    e->ctx = net->ctx;
    e->id = id;
    e->opportunity = in->opportunity;
    e->partner = in->partner;
    e->agreement = in->agreement;
    e->created = created;
    e->updated = updated;
    e->amount = in->amount;
    if (in->currency.p && in->currency.n == 3) memcpy(e->currency, in->currency.p, 3);
    e->quantity = in->quantity;
    e->status = (uint8_t)in->status;
    e->n_caps = (uint16_t)in->n_caps;
    e->n_co = (uint16_t)in->n_co;
    e->co = (km__coapp *)(void *)(e + 1);
    e->caps = (const char **)(void *)(e->co + in->n_co);
    s = (char *)(e->caps + in->n_caps);
    for (i = 0; i < in->n_co; i++) e->co[i] = in->co[i];
    e->statement = km__sl_copy(&s, &in->statement);
    e->unit = km__sl_copy(&s, &in->unit);
    e->reason = km__sl_copy(&s, &in->reason);
    for (i = 0; i < in->n_caps; i++) e->caps[i] = km__sl_copy(&s, &in->caps[i]);
    km__ctx_ref(net->ctx);
    return e;
}

void km__ein_from_record(km__ein *in, const km_interest *e)
{
    size_t i;
    memset(in, 0, offsetof(km__ein, caps));
    in->statement = km__sl_of(e->statement);
    in->currency = km__sl_of(e->currency[0] ? e->currency : NULL);
    in->unit = km__sl_of(e->unit);
    in->reason = km__sl_of(e->reason);
    in->opportunity = e->opportunity;
    in->partner = e->partner;
    in->agreement = e->agreement;
    in->status = e->status;
    in->amount = e->amount;
    in->quantity = e->quantity;
    in->n_caps = e->n_caps;
    in->n_co = e->n_co;
    for (i = 0; i < e->n_caps; i++) in->caps[i] = km__sl_of(e->caps[i]);
    for (i = 0; i < e->n_co; i++) in->co[i] = e->co[i];
}

int km__eoi_active(int status)
{
    return status == KM_INTEREST_SUBMITTED || status == KM_INTEREST_SHORTLISTED || status == KM_INTEREST_SELECTED;
}

uint64_t km__eoi_active_member(const km__opportunities *s, uint64_t opp, uint64_t partner, uint64_t except)
{
    const km__idset *sets[2];
    uint64_t id = 1, next;
    if ((sets[0] = km__idsets_get(&s->eoi_opportunity, opp)) == NULL) return 0;
    if ((sets[1] = km__idsets_get(&s->eoi_member, partner)) == NULL) return 0;
    /* A partner has few expressions per opportunity (one active, maybe some
     * withdrawn or rejected before it). */
    while (km__idset_next_all(sets, 2, id, &next)) {
        if (next != except && km__eoi_active(s->eoi[next - 1]->status)) return next;
        id = next + 1;
    }
    return 0;
}

/* ---- public: changes ---- */

static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s && *s ? km__fw_str(b, tag, s) : 0;
}

static int encode_co(km__buf *b, const km_interest_fields *f)
{
    char items[KM_INTEREST_CO_APPLICANTS_MAX][24];
    const char *ptrs[KM_INTEREST_CO_APPLICANTS_MAX];
    size_t i;
    if (f->co_applicants_count > KM_INTEREST_CO_APPLICANTS_MAX)
        return km__err(KM_EINVAL, "interest.co_applicants", "has more than %d co-applicants",
                       "lebih dari %d pemohon bersama", KM_INTEREST_CO_APPLICANTS_MAX);
    if (!f->co_applicants)
        return km__err(KM_EINVAL, "interest.co_applicants", "must not be NULL when the count is not 0",
                       "tidak boleh NULL bila jumlahnya bukan 0");
    for (i = 0; i < f->co_applicants_count; i++) {
        (void)km__fmt_u64(items[i], f->co_applicants[i]);
        ptrs[i] = items[i];
    }
    return km__fw_strs(b, KM__IT_CO_APPLICANTS, ptrs, f->co_applicants_count, "interest.co_applicants");
}

int km_interest_submit(uint64_t *out_id, km_network *net, const km_interest_fields *f)
{
    km__buf *b;
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_INTEREST_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    b = &net->scratch;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__IT_OPPORTUNITY, f->opportunity_id);
    if (!rc) rc = km__fw_u64(b, KM__IT_PARTNER, f->partner_id);
    if (!rc && f->statement) rc = km__fw_str(b, KM__IT_STATEMENT, f->statement);
    if (!rc && f->capabilities_count)
        rc = km__fw_strs(b, KM__IT_CAPABILITIES, f->capabilities, f->capabilities_count, "interest.capabilities");
    if (!rc) {
        if (f->contribution_currency) {
            rc = km__fw_i64(b, KM__IT_AMOUNT, f->contribution_amount);
            if (!rc) rc = km__fw_str(b, KM__IT_CURRENCY, f->contribution_currency);
        } else if (f->contribution_amount != 0) {
            rc = km__err(KM_EINVAL, "interest.contribution_currency", "is required when an amount is given",
                         "wajib diisi bila jumlah uang diberikan");
        }
    }
    if (!rc && f->contribution_quantity) rc = km__fw_i64(b, KM__IT_QUANTITY, f->contribution_quantity);
    if (!rc) rc = put_opt(b, KM__IT_UNIT, f->contribution_unit);
    if (!rc && f->co_applicants_count) rc = encode_co(b, f);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INTEREST, KM__OP_INTEREST_SUBMIT, 0, b->data, b->len, out_id);
}

int km_interest_consent(km_network *net, uint64_t id, uint64_t partner_id)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = km__fw_u64(&net->scratch, KM__IT_CONSENTING, partner_id)) != 0) return rc;
    return km__change(net, KM_ENTITY_INTEREST, KM__OP_INTEREST_CONSENT, id, net->scratch.data, net->scratch.len, NULL);
}

static int transition(km_network *net, uint64_t id, int status, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__IT_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0) rc = put_opt(&net->scratch, KM__IT_REASON, reason);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INTEREST, KM__OP_INTEREST_TRANSITION, id, net->scratch.data, net->scratch.len,
                      NULL);
}

int km_interest_transition(km_network *net, uint64_t id, int status, const char *reason)
{
    return transition(net, id, status, reason);
}

int km_interest_withdraw(km_network *net, uint64_t id, const char *reason)
{
    return transition(net, id, KM_INTEREST_WITHDRAWN, reason);
}

int km_interest_shortlist(km_network *net, uint64_t id, const char *reason)
{
    return transition(net, id, KM_INTEREST_SHORTLISTED, reason);
}

int km_interest_reject(km_network *net, uint64_t id, const char *reason)
{
    return transition(net, id, KM_INTEREST_REJECTED, reason);
}

/* ---- selection ---- */

typedef struct select_ctx {
    uint64_t interest;
    const km_selection_options *opt;
    uint64_t agreement;        /* out */
} select_ctx;

/* Inside the transaction: the agreement changes through its public API,
 * then interest.select links it. Each call validates its own change; the
 * select apply re-checks the agreement it is given, so a log entry can
 * only link an agreement made for that expression. */
static int select_all(km_network *net, void *arg)
{
    select_ctx *c = (select_ctx *)arg;
    const km_interest *e = km__eoi_lookup(&net->opportunities, c->interest);
    const km_opportunity *o;
    uint64_t ids[2 + KM_INTEREST_CO_APPLICANTS_MAX], aid = 0;
    uint32_t roles[2 + KM_INTEREST_CO_APPLICANTS_MAX];
    size_t n = 0, i;
    int rc;
    if (!e) return km__eoi_not_found(c->interest);
    o = km__opp_lookup(&net->opportunities, e->opportunity);
    if (o->award_mode == KM_AWARD_JOINT && o->n_agreements) {
        /* The call's one agreement: add the partners it lacks. */
        const km_agreement *a;
        aid = o->agreements[0];
        a = km__agr_current(net, aid);
        ids[n++] = e->partner;
        for (i = 0; i < e->n_co; i++) ids[n++] = e->co[i].partner;
        for (i = 0; i < n; i++) {
            size_t k;
            int party = 0;
            for (k = 0; a && k < a->n_parties; k++)
                if (km__ag_party(a, k) == ids[i]) party = 1;
            if (!party && (rc = km_agreement_add_party(net, aid, ids[i], o->partner_roles, NULL)) != 0) return rc;
        }
    } else {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        char ref[64];
        ids[n] = o->publisher;
        roles[n++] = o->publisher_roles;
        ids[n] = e->partner;
        roles[n++] = o->partner_roles;
        for (i = 0; i < e->n_co; i++) {
            ids[n] = e->co[i].partner;
            roles[n++] = o->partner_roles;
        }
        snprintf(ref, sizeof ref, "OPP-%llu/EOI-%llu", (unsigned long long)o->id, (unsigned long long)e->id);
        f.title = c->opt->title ? c->opt->title : o->title;
        f.reference = c->opt->reference ? c->opt->reference : ref;
        f.type = o->type;
        f.purpose = o->description;
        f.sectors = o->sectors;
        f.sectors_count = o->n_sectors;
        f.region = o->region;
        f.start_date = c->opt->start_date;
        f.end_date = c->opt->end_date;
        f.framework_id = o->framework_id;
        f.party_ids = ids;
        f.party_roles = roles;
        f.parties_count = n;
        if ((rc = km_agreement_create(&aid, net, &f)) != 0) return rc;
    }
    km__buf_reset(&net->scratch);
    if ((rc = km__fw_u64(&net->scratch, KM__IT_AGREEMENT, aid)) != 0) return rc;
    rc = km__change(net, KM_ENTITY_INTEREST, KM__OP_INTEREST_SELECT, c->interest, net->scratch.data, net->scratch.len,
                    NULL);
    if (rc == 0) c->agreement = aid;
    return rc;
}

/* The checks interest.select makes, made first so that a doomed selection
 * does not build an agreement only to take it back. The apply function
 * makes them again (it is the authority, also on replay). */
static int select_precheck(km_network *net, uint64_t id)
{
    const km_interest *e = km__eoi_lookup(&net->opportunities, id);
    const km_opportunity *o;
    if (!e) return km__eoi_not_found(id);
    o = km__opp_lookup(&net->opportunities, e->opportunity);
    if (o->status != KM_OPPORTUNITY_CLOSED)
        return km__err(KM_ESTATE, "opportunity.status",
                       "opportunity %llu is %s%.0s: expressions are selected once it is closed",
                       "peluang %llu %.0s%s: pernyataan minat dipilih setelah peluang ditutup",
                       (unsigned long long)o->id, km_opportunity_status_label(o->status, KM_LANG_EN),
                       km_opportunity_status_label(o->status, KM_LANG_ID));
    if (e->status != KM_INTEREST_SUBMITTED && e->status != KM_INTEREST_SHORTLISTED)
        return km__err(KM_ESTATE, "interest.status",
                       "expression of interest %llu is %s%.0s; only a submitted or shortlisted one can be selected",
                       "pernyataan minat %llu %.0s%s; hanya yang diajukan atau masuk daftar pendek yang dapat dipilih",
                       (unsigned long long)e->id, km_interest_status_label(e->status, KM_LANG_EN),
                       km_interest_status_label(e->status, KM_LANG_ID));
    if (o->award_mode == KM_AWARD_JOINT && o->n_agreements) {
        const km_agreement *a = km__agr_current(net, o->agreements[0]);
        if (a && a->status != KM_AGREEMENT_DRAFT && a->status != KM_AGREEMENT_PROPOSED)
            return km__err(KM_ESTATE, "interest.agreement",
                           "the joint agreement %llu of opportunity %llu is %s%.0s: partners join it only before signing",
                           "perjanjian bersama %llu dari peluang %llu %.0s%s: mitra hanya dapat bergabung sebelum penandatanganan",
                           (unsigned long long)a->id, (unsigned long long)o->id,
                           km_agreement_status_label(a->status, KM_LANG_EN),
                           km_agreement_status_label(a->status, KM_LANG_ID));
    }
    return 0;
}

int km_interest_select(uint64_t *out_agreement_id, km_network *net, uint64_t id, const km_selection_options *options)
{
    km_selection_options dopt = KM_SELECTION_OPTIONS_INIT;
    select_ctx c;
    int rc;
    km__err_clear();
    if (out_agreement_id) *out_agreement_id = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (options && (options->version == 0 || options->version > KM_SELECTION_OPTIONS_VERSION))
        return km__err(KM_EVERSION, "options.version", "unknown version %u", "versi %u tidak dikenal",
                       options->version);
    if ((rc = select_precheck(net, id)) != 0) return rc;
    c.interest = id;
    c.opt = options ? options : &dopt;
    c.agreement = 0;
    rc = km__opp_atomic(net, select_all, &c);
    if (rc == 0 && out_agreement_id) *out_agreement_id = c.agreement;
    return rc;
}

/* ---- public: reads ---- */

int km_interest_get(km_interest **out, km_network *net, uint64_t id)
{
    km_interest *e;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    e = km__eoi_lookup(&net->opportunities, id);
    if (!e) return km__eoi_not_found(id);
    km__interest_ref(e);
    *out = e;
    return 0;
}

void km_interest_free(km_interest *e) { km__interest_unref(e); }

uint64_t km_interest_id(const km_interest *e) { return e ? e->id : 0; }
uint64_t km_interest_opportunity(const km_interest *e) { return e ? e->opportunity : 0; }
uint64_t km_interest_partner(const km_interest *e) { return e ? e->partner : 0; }
int km_interest_status_of(const km_interest *e) { return e ? e->status : -1; }
const char *km_interest_status_reason(const km_interest *e) { return e ? e->reason : NULL; }
const char *km_interest_statement(const km_interest *e) { return e ? e->statement : NULL; }
size_t km_interest_capability_count(const km_interest *e) { return e ? e->n_caps : 0; }
const char *km_interest_capability(const km_interest *e, size_t i) { return e && i < e->n_caps ? e->caps[i] : NULL; }
int64_t km_interest_contribution_amount(const km_interest *e) { return e ? e->amount : 0; }
const char *km_interest_contribution_currency(const km_interest *e) { return e && e->currency[0] ? e->currency : NULL; }
int64_t km_interest_contribution_quantity(const km_interest *e) { return e ? e->quantity : 0; }
const char *km_interest_contribution_unit(const km_interest *e) { return e ? e->unit : NULL; }
size_t km_interest_co_applicant_count(const km_interest *e) { return e ? e->n_co : 0; }
uint64_t km_interest_co_applicant(const km_interest *e, size_t i) { return e && i < e->n_co ? e->co[i].partner : 0; }
int64_t km_interest_co_applicant_consented(const km_interest *e, size_t i) { return e && i < e->n_co ? e->co[i].consented : 0; }
uint64_t km_interest_agreement(const km_interest *e) { return e ? e->agreement : 0; }
int64_t km_interest_created(const km_interest *e) { return e ? e->created : 0; }
int64_t km_interest_updated(const km_interest *e) { return e ? e->updated : 0; }
uint32_t km_interest_version(const km_interest *e) { return e ? e->version : 0; }
