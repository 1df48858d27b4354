/* The agreement section of a snapshot: for each agreement, its superseded
 * versions, its current version, its milestones and its risk register.
 * Records are stored as TLV payloads with the event tags plus state tags,
 * so loading reuses the event decoder and validates the current version
 * like a change would (a snapshot is a cache; the log stays the
 * authority). */
#include "agreement/agreement.h"
#include "network/snapshot.h"
#include "util/num.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* An optional string: written only when set. */
static int put_opt(km__buf *b, uint16_t tag, const char *s)
{
    return s ? km__fw_str(b, tag, s) : 0;
}

static int encode(km__buf *b, const km_agreement *a)
{
    char parties[KM_AGREEMENT_PARTIES_MAX][72];
    const char *pp[KM_AGREEMENT_PARTIES_MAX];
    km__buf docs;
    const char *dp[KM_AGREEMENT_DOCUMENTS_MAX];
    size_t offs[KM_AGREEMENT_DOCUMENTS_MAX], i;
    int rc;
    rc = km__fw_str(b, KM__AT_TITLE, km__ag_title(a));
    if (!rc) rc = km__fw_strn(b, KM__AT_REFERENCE, km__ag_reference(a), a->reference_len);
    if (!rc) rc = km__fw_u64(b, KM__AT_TYPE, a->type);
    if (!rc) rc = put_opt(b, KM__AT_PURPOSE, km__ag_str(a, KM__AS_PURPOSE));
    if (!rc && a->n_sectors) rc = km__fw_strs(b, KM__AT_SECTORS, km__ag_sectors(a), a->n_sectors, "sectors");
    if (!rc) rc = put_opt(b, KM__AT_REGION, km__ag_region(a));
    if (!rc && a->has_start) rc = km__fw_str(b, KM__AT_START, a->start_s);
    if (!rc && a->has_end) rc = km__fw_str(b, KM__AT_END, a->end_s);
    if (!rc && a->currency[0]) {
        rc = km__fw_i64(b, KM__AT_VALUE, a->value);
        if (!rc) rc = km__fw_str(b, KM__AT_CURRENCY, a->currency);
    }
    if (!rc && a->framework_id) rc = km__fw_u64(b, KM__AT_FRAMEWORK, a->framework_id);
    if (!rc && a->dimensions) rc = km__fw_u64(b, KM__AT_DIMENSIONS, a->dimensions);
    if (!rc && a->n_parties) {
        for (i = 0; i < a->n_parties; i++) {
            const km__agr_party *p = &km__ag_parties(a)[i];
            size_t n = km__fmt_u64(parties[i], p->partner);
            parties[i][n++] = ':';
            n += km__fmt_u64(parties[i] + n, p->roles);
            parties[i][n++] = ':';
            (void)km__fmt_i64(parties[i] + n, p->signed_at);
            pp[i] = parties[i];
        }
        rc = km__fw_strs(b, KM__AT_PARTIES, pp, a->n_parties, "parties");
    }
    if (!rc && a->n_docs) {
        km__buf_init(&docs, b->a);
        for (i = 0; !rc && i < a->n_docs; i++) {
            offs[i] = docs.len;
            rc = km__buf_put(&docs, km__ag_docs(a)[i].sha256, 64);
            if (!rc) rc = km__buf_put_u8(&docs, ' ');
            if (!rc) rc = km__buf_put(&docs, km__ag_docs(a)[i].uri, strlen(km__ag_docs(a)[i].uri) + 1);
        }
        for (i = 0; !rc && i < a->n_docs; i++) dp[i] = (const char *)docs.data + offs[i];
        if (!rc) rc = km__fw_strs(b, KM__AT_DOCUMENTS, dp, a->n_docs, "documents");
        km__buf_free(&docs);
    }
    if (!rc) rc = km__fw_u64(b, KM__AT_STATUS, a->status);
    if (!rc) rc = put_opt(b, KM__AT_REASON, km__ag_str(a, KM__AS_REASON));
    if (!rc) rc = put_opt(b, KM__AT_OVERRIDE, km__ag_str(a, KM__AS_OVERRIDE));
    if (!rc) rc = put_opt(b, KM__AT_RATIONALE, km__ag_str(a, KM__AS_RATIONALE));
    if (!rc && a->amend_mask) rc = km__fw_u64(b, KM__AT_MASK, a->amend_mask);
    if (!rc && a->framework_version) rc = km__fw_u64(b, KM__AT_S_FW_VERSION, a->framework_version);
    if (!rc) rc = km__fw_u64(b, KM__AT_S_VERSION, a->version);
    if (!rc) rc = km__fw_i64(b, KM__AT_S_CREATED, a->created);
    if (!rc) rc = km__fw_i64(b, KM__AT_S_UPDATED, a->updated);
    if (!rc) rc = km__fw_i64(b, KM__AT_S_VTIME, a->version_time);
    return rc;
}

static int put_record(km__buf *b, const km_agreement *a)
{
    size_t at;
    int rc = km__buf_put_u32(b, 0);
    at = b->len;
    if (rc == 0) rc = encode(b, a);
    if (rc == 0) km__put_u32_at(b->data + at - 4, (uint32_t)(b->len - at));
    return rc;
}

int km__agreement_snapshot_put(km_network *net, km__buf *b)
{
    const km__agreements *as = &net->agreements;
    size_t i, k;
    int rc = km__buf_put_u64(b, as->n);
    for (i = 0; rc == 0 && i < as->n; i++) {
        const km__agr_slot *slot = &as->items[i];
        const km__agr_extra *x = slot->x;
        rc = km__buf_put_u32(b, slot->cur->version - 1);
        for (k = 0; rc == 0 && k + 1 < slot->cur->version; k++) rc = put_record(b, x->old[k]);
        if (rc == 0) rc = put_record(b, slot->cur);
        if (rc == 0) rc = km__buf_put_u32(b, x ? (uint32_t)x->n_ms : 0);
        for (k = 0; rc == 0 && x && k < x->n_ms; k++) {
            const km__milestone *m = x->ms[k];
            rc = km__buf_reserve(b, 16);
            if (rc) break;
            km__buf_put_u8(b, m->type);
            km__buf_put_u8(b, m->status);
            km__buf_put_u8(b, m->has_met);
            km__buf_put_u32(b, (uint32_t)m->due);
            km__buf_put_u32(b, (uint32_t)m->met);
            rc = km__buf_put_str(b, m->title);
        }
        if (rc == 0) rc = km__buf_put_u32(b, x ? (uint32_t)x->n_risks : 0);
        for (k = 0; rc == 0 && x && k < x->n_risks; k++) {
            const km__risk *r = x->risks[k];
            km__buf_put_u8(b, r->category);
            rc = km__buf_put_u8(b, r->allocation);
            if (rc == 0) rc = km__buf_put_str(b, r->mitigation);
        }
    }
    return rc;
}

/* Reads one record; validates it when it is a current version. */
static int load_record(km_network *net, km__rd *r, uint64_t id, int current, km_agreement **out)
{
    uint32_t len = km__rd_u32(r);
    const uint8_t *p = km__rd_bytes(r, len);
    km__fields f;
    km__ain in;
    uint64_t version = 0;
    int64_t created = 0, updated = 0, vtime = 0;
    size_t i;
    int rc;
    *out = NULL;
    if (r->err) return km__snapshot_bad("truncated agreement");
    if ((rc = km__fields_parse(&f, p, len)) != 0) return km__snapshot_bad("agreement record");
    memset(&in, 0, offsetof(km__ain, sectors));
    if ((rc = km__agr_decode(&f, KM_AGREEMENT_F_ALL, &in, 1)) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    if (km__fields_u64(&f, KM__AT_S_VERSION, &version) != 1 || version == 0 || version > UINT32_MAX ||
        km__fields_i64(&f, KM__AT_S_CREATED, &created) != 1 || km__fields_i64(&f, KM__AT_S_UPDATED, &updated) != 1 ||
        km__fields_i64(&f, KM__AT_S_VTIME, &vtime) != 1)
        return km__snapshot_bad("agreement state");
    if (current && (rc = km__agr_validate(net, &in, id)) != 0)
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    /* Earlier versions are history, not validated again; their party ids
     * must still fit a record (km__agr_party). */
    for (i = 0; i < in.n_parties; i++)
        if (in.parties[i].partner == 0 || in.parties[i].partner > UINT32_MAX) return km__snapshot_bad("party id");
    *out = km__agr_build(net, &in, id, (uint32_t)version, created, updated, vtime);
    return *out ? 0 : km__nomem();
}

int km__agreement_snapshot_load(km_network *net, km__rd *r)
{
    km__agreements *as = &net->agreements;
    uint64_t n = km__rd_u64(r), i;
    int rc = 0;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("agreement count");
    if ((rc = km__grow(net->a, (void **)&as->items, &as->cap, (size_t)n, sizeof *as->items)) != 0) return rc;
    /* The agreements of each partner and the references are indexed at
     * the end, in bulk. */
    as->defer_party = 1;
    as->defer_ref = 1;
    for (i = 0; i < n; i++) {
        km__agr_slot *slot = &as->items[i];
        uint32_t n_old = km__rd_u32(r), k, n_ms, n_risks;
        km_agreement *a;
        memset(slot, 0, sizeof *slot);
        as->n = (size_t)i + 1; /* so that a failure below frees what this slot holds */
        if (r->err || n_old > km__rd_left(r)) return km__snapshot_bad("version count");
        if (n_old && ((rc = km__agr_extra_get(net, slot)) != 0 ||
                      (rc = km__grow(net->a, (void **)&slot->x->old, &slot->x->cap_old, n_old, sizeof *slot->x->old)) != 0))
            return rc;
        for (k = 0; k < n_old; k++) {
            if ((rc = load_record(net, r, i + 1, 0, &a)) != 0) return rc;
            slot->x->old[k] = a;
            if (a->version != k + 1) {
                /* Keep ownership consistent for the cleanup: fake a current
                 * record count through a temporary current. */
                slot->cur = NULL;
                for (; k + 1 > 0; k--) km__agreement_unref(slot->x->old[k]);
                return km__snapshot_bad("version numbers");
            }
        }
        if ((rc = load_record(net, r, i + 1, 1, &a)) != 0) {
            for (k = 0; k < n_old; k++) km__agreement_unref(slot->x->old[k]);
            return rc;
        }
        if (a->version != n_old + 1) {
            for (k = 0; k < n_old; k++) km__agreement_unref(slot->x->old[k]);
            km__agreement_unref(a);
            return km__snapshot_bad("version count");
        }
        slot->cur = a;
        if ((rc = km__agr_totals_prepare(as, NULL, a)) != 0 || (rc = km__agr_index_replace(as, NULL, a)) != 0) {
            /* The slot owns its records now; km__agreements_free releases
             * them (the caller resets the state on error). */
            return rc == KM_ERANGE ? km__snapshot_bad("totals overflow") : rc;
        }
        km__agr_totals_move(as, NULL, a);
        n_ms = km__rd_u32(r);
        if (r->err || n_ms > KM_AGREEMENT_MILESTONES_MAX) return km__snapshot_bad("milestone count");
        if (n_ms) {
            if ((rc = km__agr_extra_get(net, slot)) != 0) return rc;
            if ((rc = km__grow(net->a, (void **)&slot->x->ms, &slot->x->cap_ms, n_ms, sizeof *slot->x->ms)) != 0)
                return rc;
        }
        for (k = 0; k < n_ms; k++) {
            uint8_t type = km__rd_u8(r), status = km__rd_u8(r), has_met = km__rd_u8(r);
            int32_t due = (int32_t)km__rd_u32(r), met = (int32_t)km__rd_u32(r);
            size_t tl;
            int present;
            const char *title = km__rd_str(r, &tl, &present);
            km__milestone *m;
            if (r->err || !present || type >= KM_MILESTONE_TYPE__COUNT || status >= KM_MILESTONE_STATUS__COUNT ||
                km__v_text("milestone.title", title, tl, 1, KM_AGREEMENT_TITLE_MAX, 0) != 0)
                return km__snapshot_bad("milestone");
            m = km__milestone_new(net->a, k + 1, type, status, due, has_met, met, title, tl);
            if (!m) return km__nomem();
            slot->x->ms[slot->x->n_ms++] = m;
        }
        n_risks = km__rd_u32(r);
        if (r->err || n_risks > KM_AGREEMENT_RISKS_MAX) return km__snapshot_bad("risk count");
        if (n_risks) {
            if ((rc = km__agr_extra_get(net, slot)) != 0) return rc;
            if ((rc = km__grow(net->a, (void **)&slot->x->risks, &slot->x->cap_risks, n_risks,
                               sizeof *slot->x->risks)) != 0)
                return rc;
        }
        for (k = 0; k < n_risks; k++) {
            uint8_t cat = km__rd_u8(r), alloc = km__rd_u8(r);
            size_t ml;
            int present;
            const char *mit = km__rd_str(r, &ml, &present);
            km__risk *rk;
            if (r->err || !present || cat >= KM_RISK_CATEGORY__COUNT || alloc >= KM_RISK_ALLOCATION__COUNT ||
                km__v_text("risk.mitigation", mit, ml, 1, KM_AGREEMENT_REASON_MAX, 1) != 0)
                return km__snapshot_bad("risk");
            rk = km__risk_new(net->a, k + 1, cat, alloc, mit, ml);
            if (!rk) return km__nomem();
            slot->x->risks[slot->x->n_risks++] = rk;
        }
    }
    as->defer_party = 0;
    as->defer_ref = 0;
    /* The references, their slots fetched ahead (the map is large and
     * cold); a duplicate fails the load, which is thrown away then. */
    if (as->n) {
        size_t dups;
        if ((rc = km__idmap_put_range(&as->by_ref, 1, as->n, km__agreement_ref_of, as, &dups)) != 0) return rc;
        if (dups) return km__snapshot_bad("duplicate reference");
    }
    return km__agr_party_index_build(as);
}
