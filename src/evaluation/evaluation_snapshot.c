/* The evaluation sections of a snapshot. Indicators (entity 6): the
 * settings, then every indicator or template with its superseded versions.
 * Measurements (entity 7): every measurement with all its versions, and the
 * period locks. Records are TLV payloads with the event tags plus state
 * tags, so loading reuses the event decoders and validates the records like
 * a change would (a snapshot is a cache; the log stays the authority).
 * Written after the agreement section, which they refer to. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"
#include "partner/partner.h"
#include "network/snapshot.h"

#include <stddef.h>
#include <string.h>

static int enc_ind(km__buf *b, const void *r) { return km__ind_encode_record(b, (const km_indicator *)r); }
static int enc_meas(km__buf *b, const void *r) { return km__meas_encode_record(b, (const km_measurement *)r); }
static int enc_lock(km__buf *b, const void *r) { return km__lock_encode_record(b, (const km__lock *)r); }

int km__meas_encode_record(km__buf *b, const km_measurement *m)
{
    int rc = km__fw_u64(b, KM__MT_INDICATOR, m->indicator_id);
    if (!rc) rc = km__fw_u64(b, KM__MT_AGREEMENT, m->agreement_id);
    if (!rc) rc = km__fw_u64(b, KM__MT_PARTNER, m->partner_id);
    if (!rc) rc = km__fw_str(b, KM__MT_START, m->start_s);
    if (!rc) rc = km__fw_str(b, KM__MT_END, m->end_s);
    if (!rc) rc = km__fw_i64(b, KM__MT_VALUE, m->num);
    if (!rc) rc = km__fw_i64(b, KM__MT_DEN, m->den);
    if (!rc && m->text) rc = km__fw_str(b, KM__MT_TEXT, m->text);
    if (!rc && m->evidence) rc = km__fw_str(b, KM__MT_EVIDENCE, m->evidence);
    if (!rc && m->comment) rc = km__fw_str(b, KM__MT_COMMENT, m->comment);
    if (!rc && m->note) rc = km__fw_str(b, KM__MT_NOTE, m->note);
    if (!rc && m->rationale) rc = km__fw_str(b, KM__MT_RATIONALE, m->rationale);
    if (!rc) rc = km__fw_u64(b, KM__MT_S_VERSION, m->version);
    if (!rc) rc = km__fw_u64(b, KM__MT_S_STATUS, m->status);
    if (!rc) rc = km__fw_i64(b, KM__MT_S_CREATED, m->created);
    if (!rc) rc = km__fw_i64(b, KM__MT_S_SUBMITTED, m->submitted);
    if (!rc) rc = km__fw_i64(b, KM__MT_S_DECIDED, m->decided);
    return rc;
}

int km__lock_encode_record(km__buf *b, const km__lock *l)
{
    int rc = km__fw_u64(b, KM__MT_AGREEMENT, l->agreement_id);
    if (!rc) rc = km__fw_str(b, KM__MT_START, l->start_s);
    if (!rc) rc = km__fw_str(b, KM__MT_END, l->end_s);
    if (!rc && l->reason) rc = km__fw_str(b, KM__MT_REASON, l->reason);
    if (!rc && l->unlock_reason) rc = km__fw_str(b, KM__MT_S_UNLOCK_REASON, l->unlock_reason);
    if (!rc) rc = km__fw_u64(b, KM__MT_S_ACTIVE, l->active);
    if (!rc) rc = km__fw_i64(b, KM__MT_S_TIME, l->time);
    if (!rc) rc = km__fw_i64(b, KM__MT_S_UNLOCKED_AT, l->unlocked_at);
    return rc;
}

/* ---- indicators ---- */

int km__indicator_snapshot_put(km_network *net, km__buf *b)
{
    const km__indicators *s = &net->indicators;
    size_t i, k;
    int rc = km__buf_put_u32(b, s->on_track);
    if (rc == 0) rc = km__buf_put_u32(b, s->at_risk);
    if (rc == 0) rc = km__buf_put_u32(b, s->grace);
    if (rc == 0) rc = km__buf_put_u64(b, s->n);
    for (i = 0; rc == 0 && i < s->n; i++) {
        const km__ind_slot *slot = &s->items[i];
        if ((rc = km__buf_spill(b)) != 0) break;
        rc = km__buf_put_u32(b, slot->cur->version - 1);
        for (k = 0; rc == 0 && k + 1 < slot->cur->version; k++) rc = km__snap_put_tlv(b, enc_ind, slot->old[k]);
        if (rc == 0) rc = km__snap_put_tlv(b, enc_ind, slot->cur);
    }
    return rc;
}

/* Reads one record; a current version is validated like an event. */
static int load_ind(km_network *net, km__rd *r, uint64_t id, int current, km_indicator **out)
{
    km__fields f;
    km__iin in;
    uint64_t version = 0;
    int64_t created = 0, updated = 0;
    int rc;
    *out = NULL;
    if ((rc = km__snap_next_tlv(net, r, &f, "indicator record")) != 0) return rc;
    memset(&in, 0, offsetof(km__iin, targets));
    in.grace = -1;
    if (km__ind_decode(&f, KM_INDICATOR_F_ALL, &in, 1) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    if (km__fields_u64(&f, KM__IT_S_VERSION, &version) != 1 || version == 0 || version > UINT32_MAX ||
        km__fields_i64(&f, KM__IT_S_CREATED, &created) != 1 || km__fields_i64(&f, KM__IT_S_UPDATED, &updated) != 1)
        return km__snapshot_bad("indicator state");
    if (current) {
        const km_indicator *t;
        if (km__ind_validate(net, &in, id) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
        if (in.is_template ? !km__framework_current(&net->frameworks, in.framework)
                           : !km__agr_current(net, in.agreement))
            return km__snapshot_bad("indicator owner");
        /* A template comes before the indicators made from it; its id
         * also sizes the by-template index. */
        if (!in.is_template && in.template_id &&
            (in.template_id >= id || !(t = km__ind_lookup(net, in.template_id)) || !t->is_template))
            return km__snapshot_bad("indicator template");
    }
    *out = km__ind_build(net, &in, id, (uint32_t)version, created, updated);
    return *out ? 0 : km__nomem();
}

int km__indicator_snapshot_load(km_network *net, km__rd *r)
{
    km__indicators *s = &net->indicators;
    uint32_t on = km__rd_u32(r), risk = km__rd_u32(r), grace = km__rd_u32(r);
    uint64_t n = km__rd_u64(r), i;
    int rc;
    if (r->err || on > 1000 || risk > on || grace > KM_INDICATOR_GRACE_MAX) return km__snapshot_bad("evaluation settings");
    s->on_track = on;
    s->at_risk = risk;
    s->grace = grace;
    if (n > km__rd_left(r)) return km__snapshot_bad("indicator count");
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, (size_t)n, sizeof *s->items)) != 0) return rc;
    for (i = 0; i < n; i++) {
        km__ind_slot *slot = &s->items[i];
        uint32_t n_old = km__rd_u32(r), k;
        km_indicator *rec;
        memset(slot, 0, sizeof *slot);
        if (r->err || n_old > km__rd_left(r)) return km__snapshot_bad("indicator versions");
        if (n_old && (rc = km__grow(net->a, (void **)&slot->old, &slot->cap_old, n_old, sizeof *slot->old)) != 0)
            return rc;
        for (k = 0; k < n_old; k++) {
            if ((rc = load_ind(net, r, i + 1, 0, &rec)) != 0 || rec->version != k + 1) {
                if (rc == 0) km__indicator_unref(rec);
                while (k > 0) km__indicator_unref(slot->old[--k]);
                km__free(net->a, slot->old);
                slot->old = NULL;
                return rc ? rc : km__snapshot_bad("indicator version numbers");
            }
            slot->old[k] = rec;
        }
        if ((rc = load_ind(net, r, i + 1, 1, &rec)) != 0 || rec->version != n_old + 1) {
            if (rc == 0) km__indicator_unref(rec);
            for (k = 0; k < n_old; k++) km__indicator_unref(slot->old[k]);
            km__free(net->a, slot->old);
            slot->old = NULL;
            return rc ? rc : km__snapshot_bad("indicator version count");
        }
        slot->cur = rec;
        s->n = (size_t)i + 1; /* the slot owns its records now: a failure below frees them */
        if ((rc = km__ind_index_replace(s, NULL, rec)) != 0) return rc;
        if (rec->is_template) s->n_templates++;
        else s->n_indicators++;
    }
    return 0;
}

/* ---- measurements and locks ---- */

int km__measurement_snapshot_put(km_network *net, km__buf *b)
{
    const km__measurements *s = &net->measurements;
    size_t i, k;
    int rc = km__buf_put_u64(b, s->n);
    for (i = 0; rc == 0 && i < s->n; i++) {
        const km__meas_slot *slot = &s->items[i];
        if ((rc = km__buf_spill(b)) != 0) break;
        if (slot->lock) {
            rc = km__buf_put_u8(b, 1);
            if (rc == 0) rc = km__snap_put_tlv(b, enc_lock, slot->lock);
            continue;
        }
        rc = km__buf_put_u8(b, 0);
        if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)slot->n);
        for (k = 0; rc == 0 && k < slot->n; k++) rc = km__snap_put_tlv(b, enc_meas, slot->v[k]);
    }
    return rc;
}

static int get_sl(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int load_meas(km_network *net, km__rd *r, uint64_t id, uint32_t version, km_measurement **out)
{
    const km_indicator *ind;
    km__fields f;
    km__min in;
    km__mspec sp;
    km__dom dom;
    uint64_t v = 0, status = 0, agreement = 0;
    int rc;
    *out = NULL;
    if ((rc = km__snap_next_tlv(net, r, &f, "measurement record")) != 0) return rc;
    if (km__meas_decode(&f, &in, 1) != 0)
        return km__snapshot_bad("measurement record");
    memset(&sp, 0, sizeof sp);
    if (km__fields_u64(&f, KM__MT_S_VERSION, &v) != 1 || v != version ||
        km__fields_u64(&f, KM__MT_S_STATUS, &status) != 1 || status >= KM_MEASUREMENT_STATUS__COUNT ||
        km__fields_u64(&f, KM__MT_AGREEMENT, &agreement) != 1 || km__fields_i64(&f, KM__MT_S_CREATED, &sp.created) != 1 ||
        km__fields_i64(&f, KM__MT_S_SUBMITTED, &sp.submitted) != 1 ||
        km__fields_i64(&f, KM__MT_S_DECIDED, &sp.decided) != 1 || get_sl(&f, KM__MT_NOTE, &sp.note) != 0 ||
        get_sl(&f, KM__MT_RATIONALE, &sp.rationale) != 0)
        return km__snapshot_bad("measurement state");
    ind = km__ind_lookup(net, in.indicator);
    /* The partner must exist: its id sizes the by-partner index. */
    if (!ind || ind->is_template || ind->agreement_id != agreement || in.end < in.start ||
        !km__partner_exists(&net->partners, in.partner))
        return km__snapshot_bad("measurement indicator, partner or period");
    km__ind_dom(&dom, ind);
    if (km__ev_value_check("measurement.value", &dom, in.num, in.den, 0) != 0 ||
        (ind->measure == KM_MEASURE_QUALITATIVE) != (in.text.p != NULL))
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    sp.id = id;
    sp.indicator = in.indicator;
    sp.agreement = agreement;
    sp.partner = in.partner;
    sp.num = in.num;
    sp.den = in.den;
    sp.start = in.start;
    sp.end = in.end;
    sp.version = version;
    sp.status = (int)status;
    sp.text = in.text;
    sp.evidence = in.evidence;
    sp.comment = in.comment;
    *out = km__meas_build(net, &sp);
    return *out ? 0 : km__nomem();
}

static int load_lock(km_network *net, km__rd *r, uint64_t id, km__lock **out)
{
    km__fields f;
    km__sl start, end, reason, unlock;
    int32_t s, e;
    uint64_t agreement = 0, active = 0;
    int64_t time = 0, unlocked = 0;
    int rc;
    *out = NULL;
    if ((rc = km__snap_next_tlv(net, r, &f, "lock record")) != 0) return rc;
    if (km__fields_u64(&f, KM__MT_AGREEMENT, &agreement) != 1 || !km__agr_current(net, agreement) ||
        get_sl(&f, KM__MT_START, &start) != 0 || get_sl(&f, KM__MT_END, &end) != 0 || !start.p || !end.p ||
        !km__date_parse(start.p, start.n, &s) || !km__date_parse(end.p, end.n, &e) || e < s ||
        get_sl(&f, KM__MT_REASON, &reason) != 0 || get_sl(&f, KM__MT_S_UNLOCK_REASON, &unlock) != 0 ||
        km__fields_u64(&f, KM__MT_S_ACTIVE, &active) != 1 || active > 1 ||
        km__fields_i64(&f, KM__MT_S_TIME, &time) != 1 || km__fields_i64(&f, KM__MT_S_UNLOCKED_AT, &unlocked) != 1)
        return km__snapshot_bad("lock state");
    *out = km__lock_build(net->a, id, agreement, s, e, time, (int)active, unlocked, &reason, &unlock);
    return *out ? 0 : km__nomem();
}

int km__measurement_snapshot_load(km_network *net, km__rd *r)
{
    km__measurements *s = &net->measurements;
    uint64_t n = km__rd_u64(r), i;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("measurement count");
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, (size_t)n, sizeof *s->items)) != 0) return rc;
    for (i = 0; i < n; i++) {
        km__meas_slot *slot = &s->items[i];
        uint8_t kind = km__rd_u8(r);
        memset(slot, 0, sizeof *slot);
        s->n = (size_t)i + 1; /* so that a failure below frees what this slot holds */
        if (r->err || kind > 1) return km__snapshot_bad("measurement kind");
        if (kind == 1) {
            if ((rc = load_lock(net, r, i + 1, &slot->lock)) != 0) return rc;
            if ((rc = km__idsets_add(&s->locks, net->a, slot->lock->agreement_id, i + 1)) != 0) return rc;
            s->n_locks++;
        } else {
            uint32_t nv = km__rd_u32(r), k;
            if (r->err || nv == 0 || nv > KM_MEASUREMENT_VERSIONS_MAX) return km__snapshot_bad("measurement versions");
            if ((rc = km__grow(net->a, (void **)&slot->v, &slot->cap, nv, sizeof *slot->v)) != 0) return rc;
            for (k = 0; k < nv; k++) {
                if ((rc = load_meas(net, r, i + 1, k + 1, &slot->v[k])) != 0) return rc;
                slot->n++;
                if (slot->v[k]->indicator_id != slot->v[0]->indicator_id ||
                    slot->v[k]->partner_id != slot->v[0]->partner_id)
                    return km__snapshot_bad("measurement versions differ in indicator or partner");
            }
            if ((rc = km__meas_index_replace(s, NULL, slot->v[nv - 1])) != 0) return rc;
            s->n_measurements++;
            s->n_versions += nv;
        }
    }
    return 0;
}
