/* The opportunity (8) and expression of interest (9) sections of a
 * snapshot. Records are stored as TLV payloads with the event tags plus
 * state tags, so loading reuses the event decoders and validates every
 * record like a change would (a snapshot is a cache; the log stays the
 * authority). Both sections come after partners, frameworks and
 * agreements, which records refer to. */
#include "opportunity/opportunity.h"
#include "network/snapshot.h"
#include "util/num.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- opportunities ---- */

static int opp_encode(km__buf *b, const km_opportunity *o)
{
    km__buf ids;
    const char **pp = NULL;
    size_t i;
    int rc;
    rc = km__fw_u64(b, KM__OT_PUBLISHER, o->publisher);
    if (!rc) rc = km__fw_str(b, KM__OT_TITLE, o->title);
    if (!rc && o->description) rc = km__fw_str(b, KM__OT_DESCRIPTION, o->description);
    if (!rc) rc = km__fw_u64(b, KM__OT_TYPE, o->type);
    if (!rc && o->framework_id) rc = km__fw_u64(b, KM__OT_FRAMEWORK, o->framework_id);
    if (!rc && o->n_sectors) rc = km__fw_strs(b, KM__OT_SECTORS, o->sectors, o->n_sectors, "sectors");
    if (!rc && o->region) rc = km__fw_str(b, KM__OT_REGION, o->region);
    if (!rc && o->n_caps) rc = km__fw_strs(b, KM__OT_CAPABILITIES, o->caps, o->n_caps, "capabilities");
    if (!rc && o->currency[0]) {
        rc = km__fw_i64(b, KM__OT_CEILING, o->ceiling);
        if (!rc) rc = km__fw_str(b, KM__OT_CURRENCY, o->currency);
    }
    if (!rc && o->assistance) rc = km__fw_str(b, KM__OT_ASSISTANCE, o->assistance);
    if (!rc && o->assist_qty) rc = km__fw_i64(b, KM__OT_ASSIST_QTY, o->assist_qty);
    if (!rc && o->assist_unit) rc = km__fw_str(b, KM__OT_ASSIST_UNIT, o->assist_unit);
    if (!rc && o->eligible_kinds) rc = km__fw_u64(b, KM__OT_KINDS, o->eligible_kinds);
    if (!rc && o->eligible_region) rc = km__fw_str(b, KM__OT_ELIGIBLE_REGION, o->eligible_region);
    if (!rc && o->min_completed) rc = km__fw_u64(b, KM__OT_MIN_COMPLETED, o->min_completed);
    if (!rc) rc = km__fw_u64(b, KM__OT_SOUGHT, o->sought);
    if (!rc) rc = km__fw_str(b, KM__OT_OPENING, o->opening_s);
    if (!rc) rc = km__fw_str(b, KM__OT_CLOSING, o->closing_s);
    if (!rc) rc = km__fw_u64(b, KM__OT_PARTNER_ROLES, o->partner_roles);
    if (!rc) rc = km__fw_u64(b, KM__OT_PUBLISHER_ROLES, o->publisher_roles);
    if (!rc) rc = km__fw_u64(b, KM__OT_AWARD_MODE, o->award_mode);
    if (!rc && o->no_disputes) rc = km__fw_u64(b, KM__OT_NO_DISPUTES, 1);
    if (!rc) rc = km__fw_u64(b, KM__OT_STATUS, o->status);
    if (!rc && o->reason) rc = km__fw_str(b, KM__OT_REASON, o->reason);
    if (!rc && o->has_as_of) rc = km__fw_str(b, KM__OT_AS_OF, o->as_of_s);
    if (!rc && o->n_selected) rc = km__fw_u64(b, KM__OT_S_SELECTED, o->n_selected);
    if (!rc && o->n_agreements) {
        /* Agreement ids as decimal text elements, like every list of ids. */
        size_t *offs = NULL;
        km__buf_init(&ids, b->a);
        pp = (const char **)km__calloc(b->a, o->n_agreements, sizeof *pp);
        offs = (size_t *)km__calloc(b->a, o->n_agreements, sizeof *offs);
        if (!pp || !offs) rc = km__nomem();
        for (i = 0; !rc && i < o->n_agreements; i++) {
            char num[KM__U64_DEC_MAX];
            size_t len = km__fmt_u64(num, o->agreements[i]);
            offs[i] = ids.len;
            rc = km__buf_put(&ids, num, len + 1);
        }
        for (i = 0; !rc && i < o->n_agreements; i++) pp[i] = (const char *)ids.data + offs[i];
        if (!rc) rc = km__fw_strs(b, KM__OT_S_AGREEMENTS, pp, o->n_agreements, "agreements");
        km__free(b->a, offs);
        km__free(b->a, (void *)pp);
        km__buf_free(&ids);
    }
    if (!rc) rc = km__fw_u64(b, KM__OT_S_VERSION, o->version);
    if (!rc) rc = km__fw_i64(b, KM__OT_S_CREATED, o->created);
    if (!rc) rc = km__fw_i64(b, KM__OT_S_UPDATED, o->updated);
    return rc;
}

/* One record, length-prefixed, after a spill point (km__buf_spill). */
static int put_record(km__buf *b, int (*enc)(km__buf *, const void *), const void *rec)
{
    int rc = km__buf_spill(b);
    return rc ? rc : km__snap_put_tlv(b, enc, rec);
}

static int opp_enc(km__buf *b, const void *rec) { return opp_encode(b, (const km_opportunity *)rec); }

int km__opportunity_snapshot_put(km_network *net, km__buf *b)
{
    const km__opportunities *s = &net->opportunities;
    size_t i;
    int rc = km__buf_put_u64(b, s->n_opp);
    for (i = 0; rc == 0 && i < s->n_opp; i++) rc = put_record(b, opp_enc, s->opp[i]);
    return rc;
}

/* Opens the next length-prefixed TLV record of a section. */

static int opp_load_one(km_network *net, km__rd *r, uint64_t id)
{
    km__opportunities *s = &net->opportunities;
    km__fields f;
    km__oin in;
    km__strs list;
    uint64_t version = 0, *agreements = NULL;
    int64_t created = 0, updated = 0;
    km_opportunity *o;
    size_t i, pos = 0;
    int rc;
    if ((rc = km__snap_next_tlv(net, r, &f, "opportunity record")) != 0) return rc;
    memset(&in, 0, offsetof(km__oin, sectors));
    if (km__opp_decode(&f, KM_OPPORTUNITY_F_ALL, &in, 1) != 0 || km__opp_validate(net, &in) != 0)
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    if (km__fields_u64(&f, KM__OT_S_VERSION, &version) != 1 || version == 0 || version > UINT32_MAX ||
        km__fields_i64(&f, KM__OT_S_CREATED, &created) != 1 || km__fields_i64(&f, KM__OT_S_UPDATED, &updated) != 1)
        return km__snapshot_bad("opportunity state");
    rc = km__fields_strs(&f, KM__OT_S_AGREEMENTS, &list);
    if (rc < 0 || (rc > 0 && (list.count == 0 || list.count > in.sought)))
        return km__snapshot_bad("opportunity agreements");
    if (rc > 0) {
        agreements = (uint64_t *)km__calloc(net->a, list.count, sizeof *agreements);
        if (!agreements) return km__nomem();
        for (i = 0; i < list.count; i++) {
            size_t n;
            const char *e = km__strs_next(&list, &pos, &n);
            if (!km__parse_u64(e, n, &agreements[i]) || !km__agr_current(net, agreements[i]) ||
                km__u64map_get(&s->opp_of_agreement, agreements[i], NULL)) {
                km__free(net->a, agreements);
                return km__snapshot_bad("opportunity agreement id");
            }
        }
        in.agreements = agreements;
        in.n_agreements = list.count;
    }
    if ((rc = km__u64map_reserve(&s->opp_of_agreement, in.n_agreements)) != 0 ||
        (rc = km__grow(net->a, (void **)&s->opp, &s->cap_opp, s->n_opp + 1, sizeof *s->opp)) != 0) {
        km__free(net->a, agreements);
        return rc;
    }
    o = km__opp_build(net, &in, id, (uint32_t)version, created, updated);
    km__free(net->a, agreements);
    if (!o) return km__nomem();
    if ((rc = km__opp_index_replace(s, NULL, o)) != 0) {
        km__opportunity_unref(o);
        return rc;
    }
    s->opp[s->n_opp++] = o;
    for (i = 0; i < o->n_agreements; i++) km__u64map_put(&s->opp_of_agreement, o->agreements[i], id); /* reserved */
    return 0;
}

int km__opportunity_snapshot_load(km_network *net, km__rd *r)
{
    uint64_t n = km__rd_u64(r), i;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("opportunity count");
    for (i = 0; i < n; i++)
        if ((rc = opp_load_one(net, r, i + 1)) != 0) return rc;
    return 0;
}

/* ---- expressions of interest ---- */

static int eoi_encode(km__buf *b, const km_interest *e)
{
    char co[KM_INTEREST_CO_APPLICANTS_MAX][48];
    const char *cp[KM_INTEREST_CO_APPLICANTS_MAX];
    size_t i;
    int rc;
    rc = km__fw_u64(b, KM__IT_OPPORTUNITY, e->opportunity);
    if (!rc) rc = km__fw_u64(b, KM__IT_PARTNER, e->partner);
    if (!rc) rc = km__fw_str(b, KM__IT_STATEMENT, e->statement);
    if (!rc && e->n_caps) rc = km__fw_strs(b, KM__IT_CAPABILITIES, e->caps, e->n_caps, "capabilities");
    if (!rc && e->currency[0]) {
        rc = km__fw_i64(b, KM__IT_AMOUNT, e->amount);
        if (!rc) rc = km__fw_str(b, KM__IT_CURRENCY, e->currency);
    }
    if (!rc && e->quantity) rc = km__fw_i64(b, KM__IT_QUANTITY, e->quantity);
    if (!rc && e->unit) rc = km__fw_str(b, KM__IT_UNIT, e->unit);
    if (!rc && e->n_co) {
        for (i = 0; i < e->n_co; i++) {
            size_t n = km__fmt_u64(co[i], e->co[i].partner);
            co[i][n] = ':';
            (void)km__fmt_i64(co[i] + n + 1, e->co[i].consented);
            cp[i] = co[i];
        }
        rc = km__fw_strs(b, KM__IT_CO_APPLICANTS, cp, e->n_co, "co_applicants");
    }
    if (!rc) rc = km__fw_u64(b, KM__IT_STATUS, e->status);
    if (!rc && e->reason) rc = km__fw_str(b, KM__IT_REASON, e->reason);
    if (!rc && e->agreement) rc = km__fw_u64(b, KM__IT_AGREEMENT, e->agreement);
    if (!rc) rc = km__fw_u64(b, KM__IT_S_VERSION, e->version);
    if (!rc) rc = km__fw_i64(b, KM__IT_S_CREATED, e->created);
    if (!rc) rc = km__fw_i64(b, KM__IT_S_UPDATED, e->updated);
    return rc;
}

static int eoi_enc(km__buf *b, const void *rec) { return eoi_encode(b, (const km_interest *)rec); }

int km__interest_snapshot_put(km_network *net, km__buf *b)
{
    const km__opportunities *s = &net->opportunities;
    size_t i;
    int rc = km__buf_put_u64(b, s->n_eoi);
    for (i = 0; rc == 0 && i < s->n_eoi; i++) rc = put_record(b, eoi_enc, s->eoi[i]);
    return rc;
}

static int eoi_load_one(km_network *net, km__rd *r, uint64_t id)
{
    km__opportunities *s = &net->opportunities;
    km__fields f;
    km__ein in;
    uint64_t version = 0;
    int64_t created = 0, updated = 0;
    km_interest *e;
    size_t i;
    int rc;
    if ((rc = km__snap_next_tlv(net, r, &f, "interest record")) != 0) return rc;
    memset(&in, 0, offsetof(km__ein, caps));
    if (km__eoi_decode(&f, &in, 1) != 0 || km__eoi_validate(net, &in) != 0)
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    if (km__fields_u64(&f, KM__IT_S_VERSION, &version) != 1 || version == 0 || version > UINT32_MAX ||
        km__fields_i64(&f, KM__IT_S_CREATED, &created) != 1 || km__fields_i64(&f, KM__IT_S_UPDATED, &updated) != 1)
        return km__snapshot_bad("interest state");
    /* One active expression per partner and opportunity. */
    if (km__eoi_active((int)in.status)) {
        if (km__eoi_active_member(s, in.opportunity, in.partner, 0)) return km__snapshot_bad("duplicate membership");
        for (i = 0; i < in.n_co; i++)
            if (km__eoi_active_member(s, in.opportunity, in.co[i].partner, 0))
                return km__snapshot_bad("duplicate membership");
    }
    if ((in.status == KM_INTEREST_SELECTED) != (in.agreement != 0)) return km__snapshot_bad("interest agreement");
    if ((rc = km__grow(net->a, (void **)&s->eoi, &s->cap_eoi, s->n_eoi + 1, sizeof *s->eoi)) != 0) return rc;
    e = km__eoi_build(net, &in, id, (uint32_t)version, created, updated);
    if (!e) return km__nomem();
    if ((rc = km__eoi_index_replace(s, NULL, e)) != 0) {
        km__interest_unref(e);
        return rc;
    }
    s->eoi[s->n_eoi++] = e;
    return 0;
}

int km__interest_snapshot_load(km_network *net, km__rd *r)
{
    uint64_t n = km__rd_u64(r), i;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("interest count");
    for (i = 0; i < n; i++)
        if ((rc = eoi_load_one(net, r, i + 1)) != 0) return rc;
    return 0;
}
