/* Opportunity records and handles, the helpers every opportunity file
 * shares (day of a change, actor rule, atomic multi-change operations), and
 * the public functions that turn a request into an event payload.
 * Validation and state changes happen in the apply functions
 * (opportunity_ops.c, opportunity_state.c), on the decoded payload, so live
 * changes and log replay go through exactly the same checks. */
#include "opportunity/opportunity.h"
#include "util/date.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__opportunity, km_opportunity)

km_opportunity *km__opp_build(km_network *net, const km__oin *in, uint64_t id, uint32_t version, int64_t created,
                              int64_t updated)
{
    size_t n_agr = in->n_agreements + (in->add_agreement ? 1 : 0);
    size_t size = sizeof(km_opportunity), i;
    km_opportunity *o;
    char *s;
    size += n_agr * sizeof(uint64_t) + (in->n_sectors + in->n_caps) * sizeof(char *);
    size += km__sl_size(&in->title) + km__sl_size(&in->description) + km__sl_size(&in->region) + km__sl_size(&in->assistance) +
            km__sl_size(&in->unit) + km__sl_size(&in->eligible_region) + km__sl_size(&in->reason);
    for (i = 0; i < in->n_sectors; i++) size += in->sectors[i].n + 1;
    for (i = 0; i < in->n_caps; i++) size += in->caps[i].n + 1;
    o = (km_opportunity *)km__malloc(net->a, size);
    if (!o) return NULL;
    memset(o, 0, sizeof *o);
    o->refs = 1;
    o->version = version;
    o->ctx = net->ctx;
    o->id = id;
    o->publisher = in->publisher;
    o->framework_id = in->framework;
    o->created = created;
    o->updated = updated;
    o->ceiling = in->ceiling;
    if (in->currency.p && in->currency.n == 3) memcpy(o->currency, in->currency.p, 3);
    o->assist_qty = in->assist_qty;
    o->eligible_kinds = (uint32_t)in->kinds;
    o->min_completed = (uint32_t)in->min_completed;
    o->sought = (uint32_t)in->sought;
    o->partner_roles = (uint32_t)in->partner_roles;
    o->publisher_roles = (uint32_t)in->publisher_roles;
    o->n_selected = in->n_selected;
    o->opening = in->opening;
    o->closing = in->closing;
    o->as_of = in->as_of;
    o->has_as_of = (uint8_t)in->has_as_of;
    o->type = (uint8_t)in->type;
    o->status = (uint8_t)in->status;
    o->award_mode = (uint8_t)in->award_mode;
    o->no_disputes = (uint8_t)in->no_disputes;
    km__date_format(o->opening_s, in->opening);
    km__date_format(o->closing_s, in->closing);
    if (in->has_as_of) km__date_format(o->as_of_s, in->as_of);
    o->n_sectors = (uint16_t)in->n_sectors;
    o->n_caps = (uint16_t)in->n_caps;
    o->n_agreements = (uint32_t)n_agr;
    /* Arrays first (aligned), then the strings. */
    o->agreements = (uint64_t *)(void *)(o + 1);
    o->sectors = (const char **)(void *)(o->agreements + n_agr);
    o->caps = o->sectors + in->n_sectors;
    s = (char *)(o->caps + in->n_caps);
    for (i = 0; i < in->n_agreements; i++) o->agreements[i] = in->agreements[i];
    if (in->add_agreement) o->agreements[in->n_agreements] = in->add_agreement;
    o->title = km__sl_copy(&s, &in->title);
    o->description = km__sl_copy(&s, &in->description);
    o->region = km__sl_copy(&s, &in->region);
    o->assistance = km__sl_copy(&s, &in->assistance);
    o->assist_unit = km__sl_copy(&s, &in->unit);
    o->eligible_region = km__sl_copy(&s, &in->eligible_region);
    o->reason = km__sl_copy(&s, &in->reason);
    for (i = 0; i < in->n_sectors; i++) o->sectors[i] = km__sl_copy(&s, &in->sectors[i]);
    for (i = 0; i < in->n_caps; i++) o->caps[i] = km__sl_copy(&s, &in->caps[i]);
    km__ctx_ref(net->ctx);
    return o;
}

void km__oin_from_record(km__oin *in, const km_opportunity *o)
{
    size_t i;
    memset(in, 0, offsetof(km__oin, sectors)); /* the arrays are filled below as far as they are used */
    in->title = km__sl_of(o->title);
    in->description = km__sl_of(o->description);
    in->region = km__sl_of(o->region);
    in->currency = km__sl_of(o->currency[0] ? o->currency : NULL);
    in->assistance = km__sl_of(o->assistance);
    in->unit = km__sl_of(o->assist_unit);
    in->eligible_region = km__sl_of(o->eligible_region);
    in->reason = km__sl_of(o->reason);
    in->publisher = o->publisher;
    in->type = o->type;
    in->framework = o->framework_id;
    in->kinds = o->eligible_kinds;
    in->min_completed = o->min_completed;
    in->sought = o->sought;
    in->partner_roles = o->partner_roles;
    in->publisher_roles = o->publisher_roles;
    in->award_mode = o->award_mode;
    in->no_disputes = o->no_disputes;
    in->status = o->status;
    in->ceiling = o->ceiling;
    in->assist_qty = o->assist_qty;
    in->has_opening = 1;
    in->has_closing = 1;
    in->opening = o->opening;
    in->closing = o->closing;
    in->has_as_of = o->has_as_of;
    in->as_of = o->as_of;
    in->n_selected = o->n_selected;
    in->agreements = o->agreements;
    in->n_agreements = o->n_agreements;
    in->n_sectors = o->n_sectors;
    in->n_caps = o->n_caps;
    for (i = 0; i < o->n_sectors; i++) in->sectors[i] = km__sl_of(o->sectors[i]);
    for (i = 0; i < o->n_caps; i++) in->caps[i] = km__sl_of(o->caps[i]);
}

km_opportunity *km__opp_lookup(const km__opportunities *s, uint64_t id)
{
    if (id == 0 || id > s->n_opp) return NULL;
    return s->opp[id - 1];
}

km_interest *km__eoi_lookup(const km__opportunities *s, uint64_t id)
{
    if (id == 0 || id > s->n_eoi) return NULL;
    return s->eoi[id - 1];
}

int km__opp_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "opportunity.id", "no opportunity with id %llu", "tidak ada peluang dengan id %llu",
                   (unsigned long long)id);
}

int km__eoi_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "interest.id", "no expression of interest with id %llu",
                   "tidak ada pernyataan minat dengan id %llu", (unsigned long long)id);
}


int km__opp_actor_check(km_network *net, const km__apply *ap, uint64_t partner_id, const char *what)
{
    const km_partner *p;
    if (ap->replay) return 0; /* checked when the change was made, like the authorizer */
    if (strncmp(net->actor, "admin:", 6) == 0) return 0;
    p = km__partner_lookup(&net->partners, partner_id);
    if (p && strcmp(net->actor, km__pt_external_id(p)) == 0) return 0;
    return km__err(KM_EDENIED, what,
                   "actor \"%s\" may not act for partner %llu (%s): the actor must be the partner's external id or start with admin:",
                   "pelaku \"%s\" tidak boleh bertindak untuk mitra %llu (%s): pelaku harus pengenal eksternal mitra atau diawali admin:",
                   net->actor, (unsigned long long)partner_id, p ? km__pt_external_id(p) : "?");
}

#define KM__ATOMIC_RETRIES 8

int km__opp_atomic(km_network *net, int (*fn)(km_network *net, void *arg), void *arg)
{
    km__savepoint sp;
    char en[512], idm[512], field[128];
    int rc, tries;
    if (net->txn_open) {
        /* Join the caller's transaction; on failure take back only ours. */
        km__savepoint_set(net, &sp);
        rc = fn(net, arg);
        if (rc) km__savepoint_rollback(net, &sp);
        return rc;
    }
    for (tries = 0;; tries++) {
        if ((rc = km_network_begin(net)) != 0) return rc;
        rc = fn(net, arg);
        if (rc) {
            /* Rolling back clears nothing, but keep the message safe. */
            snprintf(en, sizeof en, "%s", km_error_last_message(KM_LANG_EN));
            snprintf(idm, sizeof idm, "%s", km_error_last_message(KM_LANG_ID));
            snprintf(field, sizeof field, "%s", km_error_last_field());
            km_network_rollback(net);
            return km__err(rc, field, "%s%.0s", "%.0s%s", en, idm);
        }
        rc = km_network_commit(net);
        if (rc != KM_ECONFLICT || !net->retry || tries >= KM__ATOMIC_RETRIES) return rc;
        /* Another handle appended first: catch up and redo against the new state. */
        if ((rc = km_network_refresh(net)) != 0) return rc;
    }
}

/* ---- public: changes ---- */

static int check_fields(const km_opportunity_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_OPPORTUNITY_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s && *s ? km__fw_str(b, tag, s) : 0;
}

static int encode_fields(km__buf *b, const km_opportunity_fields *f, uint32_t mask)
{
    int rc = 0;
    if (mask & KM_OPPORTUNITY_F_TITLE && f->title) rc = km__fw_str(b, KM__OT_TITLE, f->title);
    if (!rc && mask & KM_OPPORTUNITY_F_DESCRIPTION) rc = put_opt(b, KM__OT_DESCRIPTION, f->description);
    if (!rc && mask & KM_OPPORTUNITY_F_TYPE) rc = km__fw_u64(b, KM__OT_TYPE, (uint64_t)(int64_t)f->agreement_type);
    if (!rc && mask & KM_OPPORTUNITY_F_FRAMEWORK && f->framework_id)
        rc = km__fw_u64(b, KM__OT_FRAMEWORK, f->framework_id);
    if (!rc && mask & KM_OPPORTUNITY_F_SECTORS && f->sectors_count)
        rc = km__fw_strs(b, KM__OT_SECTORS, f->sectors, f->sectors_count, "opportunity.sectors");
    if (!rc && mask & KM_OPPORTUNITY_F_REGION) rc = put_opt(b, KM__OT_REGION, f->region);
    if (!rc && mask & KM_OPPORTUNITY_F_CAPABILITIES && f->capabilities_count)
        rc = km__fw_strs(b, KM__OT_CAPABILITIES, f->capabilities, f->capabilities_count, "opportunity.capabilities");
    if (!rc && mask & KM_OPPORTUNITY_F_GRANT) {
        if (f->currency) {
            rc = km__fw_i64(b, KM__OT_CEILING, f->grant_ceiling);
            if (!rc) rc = km__fw_str(b, KM__OT_CURRENCY, f->currency);
        } else if (f->grant_ceiling != 0) {
            rc = km__err(KM_EINVAL, "opportunity.currency", "is required when a grant ceiling is given",
                         "wajib diisi bila plafon hibah diberikan");
        }
    }
    if (!rc && mask & KM_OPPORTUNITY_F_ASSISTANCE) {
        rc = put_opt(b, KM__OT_ASSISTANCE, f->assistance);
        if (!rc && f->assistance_quantity) rc = km__fw_i64(b, KM__OT_ASSIST_QTY, f->assistance_quantity);
        if (!rc) rc = put_opt(b, KM__OT_ASSIST_UNIT, f->assistance_unit);
    }
    if (!rc && mask & KM_OPPORTUNITY_F_ELIGIBLE_KINDS && f->eligible_kinds)
        rc = km__fw_u64(b, KM__OT_KINDS, f->eligible_kinds);
    if (!rc && mask & KM_OPPORTUNITY_F_ELIGIBLE_REGION) rc = put_opt(b, KM__OT_ELIGIBLE_REGION, f->eligible_region);
    if (!rc && mask & KM_OPPORTUNITY_F_MIN_COMPLETED && f->min_completed)
        rc = km__fw_u64(b, KM__OT_MIN_COMPLETED, f->min_completed);
    if (!rc && mask & KM_OPPORTUNITY_F_PARTNERS_SOUGHT) rc = km__fw_u64(b, KM__OT_SOUGHT, f->partners_sought);
    if (!rc && mask & KM_OPPORTUNITY_F_OPENING) rc = put_opt(b, KM__OT_OPENING, f->opening_date);
    if (!rc && mask & KM_OPPORTUNITY_F_CLOSING) rc = put_opt(b, KM__OT_CLOSING, f->closing_date);
    if (!rc && mask & KM_OPPORTUNITY_F_ROLES) {
        rc = km__fw_u64(b, KM__OT_PARTNER_ROLES, f->partner_roles);
        if (!rc) rc = km__fw_u64(b, KM__OT_PUBLISHER_ROLES, f->publisher_roles);
    }
    if (!rc && mask & KM_OPPORTUNITY_F_AWARD_MODE)
        rc = km__fw_u64(b, KM__OT_AWARD_MODE, (uint64_t)(int64_t)f->award_mode);
    if (!rc && mask & KM_OPPORTUNITY_F_NO_OPEN_DISPUTES && f->no_open_disputes) rc = km__fw_u64(b, KM__OT_NO_DISPUTES, 1);
    return rc;
}

int km_opportunity_create(uint64_t *out_id, km_network *net, const km_opportunity_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__OT_PUBLISHER, fields->publisher_id);
    if (rc == 0) rc = encode_fields(&net->scratch, fields, KM_OPPORTUNITY_F_ALL);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

int km_opportunity_update(km_network *net, uint64_t id, const km_opportunity_fields *fields, uint32_t mask)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__OT_MASK, mask);
    if (rc == 0) rc = encode_fields(&net->scratch, fields, mask);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_UPDATE, id, net->scratch.data, net->scratch.len,
                      NULL);
}

static int transition(km_network *net, uint64_t id, int status, const char *reason, const char *as_of)
{
    int rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__OT_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0) rc = put_opt(&net->scratch, KM__OT_REASON, reason);
    if (rc == 0 && as_of) rc = km__fw_str(&net->scratch, KM__OT_AS_OF, as_of);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_OPPORTUNITY, KM__OP_OPPORTUNITY_TRANSITION, id, net->scratch.data,
                      net->scratch.len, NULL);
}

int km_opportunity_transition(km_network *net, uint64_t id, int status, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    return transition(net, id, status, reason, NULL);
}

int km_opportunity_open(km_network *net, uint64_t id)
{
    return km_opportunity_transition(net, id, KM_OPPORTUNITY_OPEN, NULL);
}

int km_opportunity_close(km_network *net, uint64_t id, const char *reason)
{
    return km_opportunity_transition(net, id, KM_OPPORTUNITY_CLOSED, reason);
}

int km_opportunity_award(km_network *net, uint64_t id, const char *reason)
{
    return km_opportunity_transition(net, id, KM_OPPORTUNITY_AWARDED, reason);
}

int km_opportunity_cancel(km_network *net, uint64_t id, const char *reason)
{
    return km_opportunity_transition(net, id, KM_OPPORTUNITY_CANCELLED, reason);
}

typedef struct close_due_ctx {
    int32_t as_of;
    const char *as_of_s;
    uint64_t n;
} close_due_ctx;

/* Collects the due opportunities first (a transition changes the set being
 * walked), then closes them. Runs again from scratch on a conflict retry. */
static int close_due_all(km_network *net, void *arg)
{
    close_due_ctx *c = (close_due_ctx *)arg;
    const km__idset *open = &net->opportunities.opp_status[KM_OPPORTUNITY_OPEN];
    uint64_t id = 1, next, *ids = NULL, n = 0, i;
    size_t cap = 0;
    int rc = 0;
    c->n = 0;
    while (km__idset_next(open, id, &next)) {
        if (net->opportunities.opp[next - 1]->closing < c->as_of) {
            if ((rc = km__grow(net->a, (void **)&ids, &cap, (size_t)n + 1, sizeof *ids)) != 0) break;
            ids[n++] = next;
        }
        id = next + 1;
    }
    for (i = 0; rc == 0 && i < n; i++) rc = transition(net, ids[i], KM_OPPORTUNITY_CLOSED, NULL, c->as_of_s);
    km__free(net->a, ids);
    if (rc == 0) c->n = n;
    return rc;
}

int km_opportunity_close_due(uint64_t *out_count, km_network *net, const char *as_of_date)
{
    close_due_ctx c;
    int rc;
    km__err_clear();
    if (out_count) *out_count = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &c.as_of)) != 0) return rc;
    c.as_of_s = as_of_date;
    c.n = 0;
    rc = km__opp_atomic(net, close_due_all, &c);
    if (rc == 0 && out_count) *out_count = c.n;
    return rc;
}

/* ---- public: reads ---- */

int km_opportunity_get(km_opportunity **out, km_network *net, uint64_t id)
{
    km_opportunity *o;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    o = km__opp_lookup(&net->opportunities, id);
    if (!o) return km__opp_not_found(id);
    km__opportunity_ref(o);
    *out = o;
    return 0;
}

int km_opportunity_of_agreement(uint64_t *out_id, km_network *net, uint64_t agreement_id)
{
    int rc;
    km__err_clear();
    if (!out_id) return km__err(KM_EINVAL, "out_id", "must not be NULL", "tidak boleh NULL");
    *out_id = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!km__u64map_get(&net->opportunities.opp_of_agreement, agreement_id, out_id) || agreement_id == 0)
        return km__err(KM_ENOTFOUND, "agreement_id", "no opportunity led to agreement %llu",
                       "tidak ada peluang yang menghasilkan perjanjian %llu", (unsigned long long)agreement_id);
    return 0;
}

void km_opportunity_free(km_opportunity *o) { km__opportunity_unref(o); }

uint64_t km_opportunity_id(const km_opportunity *o) { return o ? o->id : 0; }
uint64_t km_opportunity_publisher(const km_opportunity *o) { return o ? o->publisher : 0; }
const char *km_opportunity_title(const km_opportunity *o) { return o ? o->title : NULL; }
const char *km_opportunity_description(const km_opportunity *o) { return o ? o->description : NULL; }
int km_opportunity_agreement_type(const km_opportunity *o) { return o ? o->type : -1; }
uint64_t km_opportunity_framework_id(const km_opportunity *o) { return o ? o->framework_id : 0; }
size_t km_opportunity_sector_count(const km_opportunity *o) { return o ? o->n_sectors : 0; }
const char *km_opportunity_sector(const km_opportunity *o, size_t i) { return o && i < o->n_sectors ? o->sectors[i] : NULL; }
const char *km_opportunity_region(const km_opportunity *o) { return o ? o->region : NULL; }
size_t km_opportunity_capability_count(const km_opportunity *o) { return o ? o->n_caps : 0; }
const char *km_opportunity_capability(const km_opportunity *o, size_t i) { return o && i < o->n_caps ? o->caps[i] : NULL; }
int64_t km_opportunity_grant_ceiling(const km_opportunity *o) { return o ? o->ceiling : 0; }
const char *km_opportunity_currency(const km_opportunity *o) { return o && o->currency[0] ? o->currency : NULL; }
const char *km_opportunity_assistance(const km_opportunity *o) { return o ? o->assistance : NULL; }
int64_t km_opportunity_assistance_quantity(const km_opportunity *o) { return o ? o->assist_qty : 0; }
const char *km_opportunity_assistance_unit(const km_opportunity *o) { return o ? o->assist_unit : NULL; }
uint32_t km_opportunity_eligible_kinds(const km_opportunity *o) { return o ? o->eligible_kinds : 0; }
const char *km_opportunity_eligible_region(const km_opportunity *o) { return o ? o->eligible_region : NULL; }
uint32_t km_opportunity_min_completed(const km_opportunity *o) { return o ? o->min_completed : 0; }
uint32_t km_opportunity_partners_sought(const km_opportunity *o) { return o ? o->sought : 0; }
int km_opportunity_no_open_disputes(const km_opportunity *o) { return o ? o->no_disputes : 0; }
const char *km_opportunity_opening_date(const km_opportunity *o) { return o ? o->opening_s : NULL; }
const char *km_opportunity_closing_date(const km_opportunity *o) { return o ? o->closing_s : NULL; }
uint32_t km_opportunity_partner_roles(const km_opportunity *o) { return o ? o->partner_roles : 0; }
uint32_t km_opportunity_publisher_roles(const km_opportunity *o) { return o ? o->publisher_roles : 0; }
int km_opportunity_award_mode(const km_opportunity *o) { return o ? o->award_mode : -1; }
int km_opportunity_status_of(const km_opportunity *o) { return o ? o->status : -1; }
const char *km_opportunity_status_reason(const km_opportunity *o) { return o ? o->reason : NULL; }
const char *km_opportunity_closed_as_of(const km_opportunity *o) { return o && o->has_as_of ? o->as_of_s : NULL; }
uint32_t km_opportunity_selected_count(const km_opportunity *o) { return o ? o->n_selected : 0; }
size_t km_opportunity_agreement_count(const km_opportunity *o) { return o ? o->n_agreements : 0; }
uint64_t km_opportunity_agreement(const km_opportunity *o, size_t i) { return o && i < o->n_agreements ? o->agreements[i] : 0; }
int64_t km_opportunity_created(const km_opportunity *o) { return o ? o->created : 0; }
int64_t km_opportunity_updated(const km_opportunity *o) { return o ? o->updated : 0; }
uint32_t km_opportunity_version(const km_opportunity *o) { return o ? o->version : 0; }

int km_opportunity_status_on(const km_opportunity *o, const char *date)
{
    int32_t d;
    if (!o || !date || !km__date_parse(date, strlen(date), &d)) return -1;
    return km__opp_status_on(o, d);
}

int km_opportunity_accepting_on(const km_opportunity *o, const char *date)
{
    int32_t d;
    if (!o || !date || !km__date_parse(date, strlen(date), &d)) return -1;
    return km__opp_accepting(o, d);
}
