/* Negotiation and mediation sessions of a dispute: date, attendees and an
 * outcome note, numbered 1, 2, ... within the dispute. Session records are
 * immutable and only ever appended, with undo. */
#include "dispute/dispute.h"
#include "partner/partner.h"
#include "util/date.h"

#include <string.h>

km__dsp_session *km__dsp_session_new(const km_allocator *a, uint32_t number, int32_t day, uint8_t stage,
                                     const uint64_t *att, size_t n_att, const char *outcome, size_t outcome_len)
{
    km__dsp_session *s = (km__dsp_session *)km__malloc(a, sizeof *s + n_att * sizeof(uint64_t) + outcome_len + 1);
    if (!s) return NULL;
    s->number = number;
    s->day = day;
    s->stage = stage;
    s->n_att = (uint16_t)n_att;
    s->att = (uint64_t *)(void *)(s + 1);
    if (n_att) memcpy(s->att, att, n_att * sizeof(uint64_t));
    s->outcome = (char *)(s->att + n_att);
    if (outcome_len) memcpy(s->outcome, outcome, outcome_len);
    s->outcome[outcome_len] = '\0';
    return s;
}

void km__dsp_sessions_free(const km_allocator *a, km__dsp_slot *slot)
{
    size_t i;
    for (i = 0; i < slot->n_sessions; i++) km__free(a, slot->sessions[i]);
    km__free(a, slot->sessions);
    slot->sessions = NULL;
    slot->n_sessions = slot->cap_sessions = 0;
}

static void undo_add(km_network *net, km__undo *u)
{
    km__dsp_slot *slot = &net->disputes.items[u->id - 1];
    km__free(net->a, slot->sessions[--slot->n_sessions]);
}

int km__dsp_apply_session(km_network *net, km__apply *ap)
{
    km__dsp_slot *slot;
    const km_dispute *d;
    km__dsp_session *s;
    km__sl date, outcome;
    uint64_t att[KM_DISPUTE_ATTENDEES_MAX];
    size_t n_att = 0, i;
    int32_t day;
    int rc;
    if ((slot = km__dsp_find(net, ap, &rc)) == NULL) return rc;
    d = slot->cur;
    if ((rc = km__dsp_check_action(net, ap, d, KM__DSP_ACT_SESSION)) != 0) return rc;
    if ((rc = km__dsp_get_str(&ap->f, KM__DT_SESSION_DATE, &date)) != 0 ||
        (rc = km__dsp_get_ids(&ap->f, KM__DT_ATTENDEES, "session.attendees", att, &n_att, KM_DISPUTE_ATTENDEES_MAX)) != 0 ||
        (rc = km__dsp_get_str(&ap->f, KM__DT_OUTCOME, &outcome)) != 0)
        return km__apply_fail(ap, rc);
    if (!date.p) return km__apply_fail(ap, km__err(KM_EINVAL, "session.date", "is required", "wajib diisi"));
    if ((rc = km__v_date("session.date", date.p, date.n, &day)) != 0) return km__apply_fail(ap, rc);
    if (day < d->filed_day)
        return km__apply_fail(ap, km__err(KM_EINVAL, "session.date", "%.*s is before the filing date %s",
                                          "%.*s sebelum tanggal pengajuan %s", (int)date.n, date.p, d->filed_s));
    if (n_att == 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "session.attendees", "at least one attendee is required",
                                          "sedikitnya satu peserta wajib diisi"));
    for (i = 0; i < n_att; i++)
        if (!km__partner_exists(&net->partners, att[i]))
            return km__apply_fail(ap, km__err(KM_ENOTFOUND, "session.attendees", "no partner with id %llu",
                                              "tidak ada mitra dengan id %llu", (unsigned long long)att[i]));
    if (!outcome.p) return km__apply_fail(ap, km__err(KM_EINVAL, "session.outcome", "is required", "wajib diisi"));
    if ((rc = km__v_text("session.outcome", outcome.p, outcome.n, 1, KM_DISPUTE_TEXT_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (slot->n_sessions >= KM_DISPUTE_SESSIONS_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "session", "dispute %llu already has %d sessions",
                                          "sengketa %llu sudah memiliki %d sesi", (unsigned long long)d->id,
                                          KM_DISPUTE_SESSIONS_MAX));
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&slot->sessions, &slot->cap_sessions, slot->n_sessions + 1,
                       sizeof *slot->sessions)) != 0)
        return rc;
    s = km__dsp_session_new(net->a, (uint32_t)slot->n_sessions + 1, day, d->status, att, n_att, outcome.p, outcome.n);
    if (!s) return km__nomem();
    slot->sessions[slot->n_sessions++] = s;
    km__undo_push(net, undo_add, NULL, d->id, s);
    ap->id = d->id;
    return 0;
}

/* ---- public: the list ---- */

typedef struct srow {
    uint32_t number;
    int stage;
    char date[KM__DATE_BUF];
    size_t att_off, n_att, outcome_off;
} srow;

struct km_dispute_sessions {
    km__ctx *ctx;
    srow *rows;
    size_t n;
    uint64_t *att;
    char *text;
};

void km_dispute_sessions_free(km_dispute_sessions *s)
{
    km__ctx *ctx;
    if (!s) return;
    ctx = s->ctx;
    km__free(&ctx->alloc, s->rows);
    km__free(&ctx->alloc, s->att);
    km__free(&ctx->alloc, s->text);
    km__free(&ctx->alloc, s);
    km__ctx_unref(ctx);
}

int km_dispute_session_list(km_dispute_sessions **out, km_network *net, uint64_t id)
{
    const km__dsp_slot *slot;
    km_dispute_sessions *l;
    size_t i, n_att = 0, text = 1, ai = 0, ti = 0;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__dsp_slot_of(&net->disputes, id);
    if (!slot) return km__dsp_not_found(id);
    for (i = 0; i < slot->n_sessions; i++) {
        n_att += slot->sessions[i]->n_att;
        text += strlen(slot->sessions[i]->outcome) + 1;
    }
    l = (km_dispute_sessions *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    l->rows = (srow *)km__calloc(net->a, slot->n_sessions ? slot->n_sessions : 1, sizeof *l->rows);
    l->att = (uint64_t *)km__calloc(net->a, n_att ? n_att : 1, sizeof *l->att);
    l->text = (char *)km__malloc(net->a, text);
    if (!l->rows || !l->att || !l->text) {
        km_dispute_sessions_free(l);
        return km__nomem();
    }
    for (i = 0; i < slot->n_sessions; i++) {
        const km__dsp_session *s = slot->sessions[i];
        srow *r = &l->rows[i];
        size_t len = strlen(s->outcome) + 1;
        r->number = s->number;
        r->stage = s->stage;
        km__date_format(r->date, s->day);
        r->att_off = ai;
        r->n_att = s->n_att;
        memcpy(l->att + ai, s->att, s->n_att * sizeof(uint64_t));
        ai += s->n_att;
        r->outcome_off = ti;
        memcpy(l->text + ti, s->outcome, len);
        ti += len;
    }
    l->text[ti] = '\0';
    l->n = slot->n_sessions;
    *out = l;
    return 0;
}

size_t km_dispute_sessions_count(const km_dispute_sessions *s) { return s ? s->n : 0; }
uint32_t km_dispute_sessions_number(const km_dispute_sessions *s, size_t i) { return s && i < s->n ? s->rows[i].number : 0; }
const char *km_dispute_sessions_date(const km_dispute_sessions *s, size_t i) { return s && i < s->n ? s->rows[i].date : NULL; }
int km_dispute_sessions_stage(const km_dispute_sessions *s, size_t i) { return s && i < s->n ? s->rows[i].stage : -1; }
size_t km_dispute_sessions_attendee_count(const km_dispute_sessions *s, size_t i)
{
    return s && i < s->n ? s->rows[i].n_att : 0;
}
uint64_t km_dispute_sessions_attendee(const km_dispute_sessions *s, size_t i, size_t k)
{
    return s && i < s->n && k < s->rows[i].n_att ? s->att[s->rows[i].att_off + k] : 0;
}
const char *km_dispute_sessions_outcome(const km_dispute_sessions *s, size_t i)
{
    return s && i < s->n ? s->text + s->rows[i].outcome_off : NULL;
}
