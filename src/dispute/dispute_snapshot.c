/* The dispute section of a snapshot: the dispute policies, then every
 * dispute as a TLV record (the event tags plus state tags) followed by its
 * sessions. Loading reuses the record decoder and validates each record
 * like a change would (a snapshot is a cache; the log stays the authority).
 * Written after the agreement and commitment sections: disputes refer to
 * agreements, partners, frameworks and commitments. */
#include "dispute/dispute.h"
#include "network/snapshot.h"
#include "partner/partner.h"
#include "util/date.h"

#include <string.h>

static int enc_policy(km__buf *b, const void *x) { return km__dsp_policy_encode(b, (const km__dsp_pol *)x); }
static int enc_dispute(km__buf *b, const void *x) { return km__dsp_encode_record(b, (const km_dispute *)x); }

int km__dispute_snapshot_put(km_network *net, km__buf *b)
{
    const km__disputes *s = &net->disputes;
    size_t i, k, a;
    int rc = km__buf_put_u32(b, (uint32_t)s->n_pols);
    for (i = 0; rc == 0 && i < s->n_pols; i++) {
        rc = km__buf_put_u64(b, s->pols[i].framework);
        if (rc == 0) rc = km__snap_put_tlv(b, enc_policy, s->pols[i].pol);
    }
    if (rc == 0) rc = km__buf_put_u64(b, s->n);
    for (i = 0; rc == 0 && i < s->n; i++) {
        const km__dsp_slot *slot = &s->items[i];
        if ((rc = km__buf_spill(b)) != 0) break;
        rc = km__snap_put_tlv(b, enc_dispute, slot->cur);
        if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)slot->n_sessions);
        for (k = 0; rc == 0 && k < slot->n_sessions; k++) {
            const km__dsp_session *ss = slot->sessions[k];
            rc = km__buf_put_u32(b, (uint32_t)ss->day);
            if (rc == 0) rc = km__buf_put_u8(b, ss->stage);
            if (rc == 0) rc = km__buf_put_u16(b, ss->n_att);
            for (a = 0; rc == 0 && a < ss->n_att; a++) rc = km__buf_put_u64(b, ss->att[a]);
            if (rc == 0) rc = km__buf_put_str(b, ss->outcome);
        }
    }
    return rc;
}

static int load_policies(km_network *net, km__rd *r)
{
    uint32_t n = km__rd_u32(r), i;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("dispute policy count");
    for (i = 0; i < n; i++) {
        uint64_t fw = km__rd_u64(r);
        km__fields f;
        km__dsp_pol pol;
        if ((rc = km__snap_next_tlv(net, r, &f, "dispute policy record")) != 0) return rc;
        if (km__dsp_policy_decode(&f, &pol) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
        if (fw && !km__framework_current(&net->frameworks, fw)) return km__snapshot_bad("dispute policy framework");
        if ((rc = km__dsp_policy_add(&net->disputes, fw, &pol)) != 0)
            return rc == KM_ENOMEM ? rc : km__snapshot_bad("dispute policy set twice");
    }
    return 0;
}

static int load_sessions(km_network *net, km__rd *r, km__dsp_slot *slot)
{
    uint32_t n = km__rd_u32(r), k;
    int rc;
    if (r->err || n > KM_DISPUTE_SESSIONS_MAX) return km__snapshot_bad("session count");
    if (n && (rc = km__grow(net->a, (void **)&slot->sessions, &slot->cap_sessions, n, sizeof *slot->sessions)) != 0)
        return rc;
    for (k = 0; k < n; k++) {
        int32_t day = (int32_t)km__rd_u32(r);
        uint8_t stage = km__rd_u8(r);
        uint16_t n_att = km__rd_u16(r), a;
        uint64_t att[KM_DISPUTE_ATTENDEES_MAX];
        size_t ol;
        int present;
        const char *outcome;
        km__dsp_session *s;
        if (r->err || n_att == 0 || n_att > KM_DISPUTE_ATTENDEES_MAX) return km__snapshot_bad("session attendees");
        for (a = 0; a < n_att; a++) {
            att[a] = km__rd_u64(r);
            if (!km__partner_exists(&net->partners, att[a])) return km__snapshot_bad("session attendee");
        }
        outcome = km__rd_str(r, &ol, &present);
        if (r->err || !present || day < KM__DATE_MIN || day > KM__DATE_MAX ||
            (stage != KM_DISPUTE_NEGOTIATION && stage != KM_DISPUTE_MEDIATION) ||
            km__v_text("session.outcome", outcome, ol, 1, KM_DISPUTE_TEXT_MAX, 1) != 0)
            return km__snapshot_bad("session");
        s = km__dsp_session_new(net->a, k + 1, day, stage, att, n_att, outcome, ol);
        if (!s) return km__nomem();
        slot->sessions[slot->n_sessions++] = s;
    }
    return 0;
}

int km__dispute_snapshot_load(km_network *net, km__rd *r)
{
    km__disputes *s = &net->disputes;
    uint64_t n, i;
    int rc;
    if ((rc = load_policies(net, r)) != 0) return rc;
    n = km__rd_u64(r);
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("dispute count");
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, (size_t)n, sizeof *s->items)) != 0) return rc;
    for (i = 0; i < n; i++) {
        km__fields f;
        km__din in;
        km_dispute *d;
        if ((rc = km__snap_next_tlv(net, r, &f, "dispute record")) != 0) return rc;
        if (km__dsp_decode_record(net, &f, &in) != 0 || km__dsp_validate_record(net, &in) != 0)
            return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
        d = km__dsp_build(net, &in, i + 1);
        if (!d) return km__nomem();
        if ((rc = km__dsp_index_replace(s, NULL, d)) != 0) {
            km__dispute_unref(d);
            return rc;
        }
        /* The slot owns the record from here; a failure below leaves it to
         * km__disputes_free (the caller resets the state on error). */
        memset(&s->items[i], 0, sizeof s->items[i]);
        s->items[i].cur = d;
        s->n = (size_t)i + 1;
        if ((rc = load_sessions(net, r, &s->items[i])) != 0) return rc;
    }
    return 0;
}
