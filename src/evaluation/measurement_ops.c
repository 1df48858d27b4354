/* Measurement events: decode, validate, apply with undo. The workflow is
 * draft -> submitted -> approved | returned; a returned or approved
 * measurement gets a new draft version through a revision. Every check
 * that depends only on the state runs on replay too; the actor rules (who
 * may report and who may decide) are checked when the change is made. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"
#include "partner/partner.h"

#include <stddef.h>
#include <string.h>

const km__fdesc km__meas_schema[] = {
    { KM__MT_INDICATOR, KM__T_U64, "indicator_id" },
    { KM__MT_PARTNER, KM__T_U64, "partner_id" },
    { KM__MT_START, KM__T_STR, "period_start" },
    { KM__MT_END, KM__T_STR, "period_end" },
    { KM__MT_VALUE, KM__T_I64, "value" },
    { KM__MT_DEN, KM__T_I64, "denominator" },
    { KM__MT_TEXT, KM__T_STR, "text" },
    { KM__MT_EVIDENCE, KM__T_STR, "evidence_uri" },
    { KM__MT_COMMENT, KM__T_STR, "comment" },
    { KM__MT_NOTE, KM__T_STR, "note" },
    { KM__MT_RATIONALE, KM__T_STR, "rationale" },
    { KM__MT_AGREEMENT, KM__T_U64, "agreement_id" },
    { KM__MT_REASON, KM__T_STR, "reason" },
};
const size_t km__meas_schema_count = sizeof km__meas_schema / sizeof km__meas_schema[0];

static int get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int get_date(const km__fields *f, uint16_t tag, const char *field, int32_t *out)
{
    km__sl s;
    int rc = get_str(f, tag, &s);
    if (rc) return rc;
    if (!s.p) return km__err(KM_EINVAL, field, "is required", "wajib diisi");
    return km__v_date(field, s.p, s.n, out);
}

int km__meas_decode(const km__fields *f, km__min *in, int with_indicator)
{
    int rc;
    memset(in, 0, sizeof *in);
    if (with_indicator) {
        if ((rc = km__fields_u64(f, KM__MT_INDICATOR, &in->indicator)) < 0) return rc;
    } else if (km__fields_has(f, KM__MT_INDICATOR)) {
        return km__err(KM_EINVAL, "measurement.indicator_id", "cannot change", "tidak dapat diubah");
    }
    if ((rc = km__fields_u64(f, KM__MT_PARTNER, &in->partner)) < 0) return rc;
    if ((rc = get_date(f, KM__MT_START, "measurement.period_start", &in->start)) != 0) return rc;
    if ((rc = get_date(f, KM__MT_END, "measurement.period_end", &in->end)) != 0) return rc;
    if ((rc = km__fields_i64(f, KM__MT_VALUE, &in->num)) < 0) return rc;
    if ((rc = km__fields_i64(f, KM__MT_DEN, &in->den)) < 0) return rc;
    if ((rc = get_str(f, KM__MT_TEXT, &in->text)) != 0) return rc;
    if ((rc = get_str(f, KM__MT_EVIDENCE, &in->evidence)) != 0) return rc;
    return get_str(f, KM__MT_COMMENT, &in->comment);
}

/* scheme ":" rest, printable ASCII without spaces or quotes. */
static int v_uri(const char *field, const km__sl *s)
{
    size_t i = 0;
    if (s->n > KM_MEASUREMENT_URI_MAX)
        return km__err(KM_EINVAL, field, "is longer than %d bytes", "lebih dari %d byte", KM_MEASUREMENT_URI_MAX);
    if (s->n == 0 || !((s->p[0] >= 'a' && s->p[0] <= 'z') || (s->p[0] >= 'A' && s->p[0] <= 'Z'))) goto bad;
    for (i = 1; i < s->n && s->p[i] != ':'; i++) {
        char c = s->p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
              c == '.'))
            goto bad;
    }
    if (i >= s->n - 1) goto bad; /* no ':' or nothing after it */
    for (; i < s->n; i++) {
        unsigned char c = (unsigned char)s->p[i];
        if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') goto bad;
    }
    return 0;
bad:
    return km__err(KM_EINVAL, field, "\"%.*s\" is not a URI (scheme:rest, no spaces)",
                   "\"%.*s\" bukan URI (skema:isi, tanpa spasi)", (int)(s->n > 80 ? 80 : s->n), s->p);
}

int km__meas_validate(km_network *net, const km_indicator *ind, const km__min *in)
{
    const km_agreement *a = km__agr_current(net, ind->agreement_id);
    km__dom dom;
    int rc;
    if (in->end < in->start)
        return km__err(KM_EINVAL, "measurement.period_end", "is before the period start",
                       "sebelum awal periode");
    if (!a || !km__ag_has_start(a) || in->start < a->start || (km__ag_has_end(a) && in->end > km__ag_end(a)))
        return km__err(KM_EINVAL, "measurement.period_start", "the period must lie within agreement %llu's dates (%s..%s)",
                       "periode harus berada dalam tanggal perjanjian %llu (%s..%s)",
                       (unsigned long long)ind->agreement_id, a && km__ag_has_start(a) ? km__ag_start_s(a) : "?",
                       a && km__ag_has_end(a) ? km__ag_end_s(a) : "");
    km__ind_dom(&dom, ind);
    if ((rc = km__ev_value_check("measurement.value", &dom, in->num, in->den, 0)) != 0) return rc;
    if (ind->measure == KM_MEASURE_QUALITATIVE) {
        if (!in->text.p) return km__err(KM_EINVAL, "measurement.text", "is required for a qualitative indicator",
                                        "wajib diisi untuk indikator kualitatif");
        if ((rc = km__v_text("measurement.text", in->text.p, in->text.n, 1, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
            return rc;
    } else if (in->text.p) {
        return km__err(KM_EINVAL, "measurement.text", "is only for qualitative indicators",
                       "hanya untuk indikator kualitatif");
    }
    if (in->evidence.p && (rc = v_uri("measurement.evidence_uri", &in->evidence)) != 0) return rc;
    if (in->comment.p &&
        (rc = km__v_text("measurement.comment", in->comment.p, in->comment.n, 0, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
        return rc;
    return 0;
}

/* ---- checks shared by the operations ---- */

static void normalize(const km_indicator *ind, km__min *in)
{
    if (ind->measure != KM_MEASURE_PERCENTAGE && ind->measure != KM_MEASURE_RATIO && in->den == 0) in->den = 1;
}

/* Indicator open for measuring and its agreement signed. */
static int check_open(km_network *net, km__apply *ap, const km_indicator *ind, const km_agreement **out)
{
    const km_agreement *a;
    *out = NULL;
    if (ind->is_template)
        return km__apply_fail(ap, km__err(KM_ESTATE, "measurement.indicator_id",
                                          "%llu is a template; measurements belong to an agreement's indicator",
                                          "%llu adalah templat; pengukuran milik indikator perjanjian",
                                          (unsigned long long)ind->id));
    if (ind->status != KM_INDICATOR_ACTIVE)
        return km__apply_fail(ap, km__err(KM_ESTATE, "indicator.status", "indicator %llu was retired on %s",
                                          "indikator %llu dihentikan pada %s", (unsigned long long)ind->id,
                                          ind->retired_s));
    a = km__agr_current(net, ind->agreement_id);
    if (!a || !km__ev_evaluated(a))
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status",
                                          "agreement %llu is %s%.0s: measurements start once it is signed",
                                          "perjanjian %llu %.0s%s: pengukuran dimulai setelah ditandatangani",
                                          (unsigned long long)ind->agreement_id,
                                          a ? km_agreement_status_label(a->status, KM_LANG_EN) : "?",
                                          a ? km_agreement_status_label(a->status, KM_LANG_ID) : "?"));
    *out = a;
    return 0;
}

/* Reporting is done for the partner: actor = its external id, or admin:. */
static int check_reporter(km_network *net, km__apply *ap, uint64_t partner, const char *what)
{
    const km_partner *p;
    if (ap->replay || km__ev_actor_admin(net) || km__ev_actor_is(net, partner)) return 0;
    p = km__partner_lookup(&net->partners, partner);
    return km__err(KM_EDENIED, what,
                   "actor \"%s\" may not report for partner %llu (%s): the actor must be the partner's external id or start with admin:",
                   "pelaku \"%s\" tidak boleh melapor untuk mitra %llu (%s): pelaku harus pengenal eksternal mitra atau diawali admin:",
                   net->actor, (unsigned long long)partner, p ? km__pt_external_id(p) : "?");
}

/* Deciding needs admin: or another party of the agreement: never the
 * reporting partner itself. */
static int check_decider(km_network *net, km__apply *ap, const km_agreement *a, uint64_t partner, const char *what)
{
    size_t i;
    if (ap->replay || km__ev_actor_admin(net)) return 0;
    if (km__ev_actor_is(net, partner))
        return km__err(KM_EDENIED, what, "actor \"%s\" is the reporting partner and may not decide on its own report",
                       "pelaku \"%s\" adalah mitra pelapor dan tidak boleh memutus laporannya sendiri", net->actor);
    for (i = 0; i < a->n_parties; i++)
        if (km__ag_party(a, i) != partner && km__ev_actor_is(net, km__ag_party(a, i))) return 0;
    return km__err(KM_EDENIED, what,
                   "actor \"%s\" may not decide on reports of agreement %llu: it must be another party's external id or start with admin:",
                   "pelaku \"%s\" tidak boleh memutus laporan perjanjian %llu: pelaku harus pengenal eksternal pihak lain atau diawali admin:",
                   net->actor, (unsigned long long)a->id);
}

/* No other measurement of the indicator has an approved period
 * overlapping start..end. */
static int check_overlap(km_network *net, km__apply *ap, uint64_t indicator, uint64_t self, int32_t start, int32_t end)
{
    const km__idset *set = km__idsets_get(&net->measurements.by_indicator, indicator);
    uint64_t id = 1, next;
    while (set && km__idset_next(set, id, &next)) {
        const km__meas_slot *slot = &net->measurements.items[next - 1];
        const km_measurement *m = next == self ? NULL : km__meas_counting(slot, KM__NO_DAY);
        if (m && m->start <= end && start <= m->end)
            return km__apply_fail(ap, km__err(KM_ESTATE, "measurement.period_start",
                                              "the period overlaps approved measurement %llu (%s..%s) of indicator %llu",
                                              "periode bertumpang tindih dengan pengukuran %llu yang disetujui (%s..%s) pada indikator %llu",
                                              (unsigned long long)next, m->start_s, m->end_s,
                                              (unsigned long long)indicator));
        id = next + 1;
    }
    return 0;
}

static int check_lock(km_network *net, km__apply *ap, uint64_t agreement, int32_t start, int32_t end)
{
    int rc = km__lock_check(net, agreement, start, end);
    return rc ? km__apply_fail(ap, rc) : 0;
}

static km__meas_slot *find(km_network *net, km__apply *ap, int *rc)
{
    km__meas_slot *slot = km__meas_slot_of(net, ap->ev.id);
    *rc = 0;
    if (!slot)
        *rc = km__apply_fail(ap, km__err(KM_ENOTFOUND, "measurement.id", "no measurement with id %llu",
                                         "tidak ada pengukuran dengan id %llu", (unsigned long long)ap->ev.id));
    return slot;
}

/* What each state of the latest version allows, for error messages. */
static const char *const allowed_en[KM_MEASUREMENT_STATUS__COUNT] = {
    "update, submit", "approve, return", "revise", "revise", "nothing",
};
static const char *const allowed_id[KM_MEASUREMENT_STATUS__COUNT] = {
    "ubah, ajukan", "setujui, kembalikan", "perbaiki (versi baru)", "perbaiki (versi baru)", "tidak ada",
};

static int wrong_state(km__apply *ap, const km_measurement *m, const char *op_en, const char *op_id)
{
    return km__apply_fail(ap, km__err(KM_ESTATE, "measurement.status",
                                      "cannot %s%.0s measurement %llu: version %u is %s%.0s; allowed: %s%.0s",
                                      "tidak dapat %.0s%s pengukuran %llu: versi %u berstatus %.0s%s; yang diizinkan: %.0s%s",
                                      op_en, op_id, (unsigned long long)m->id, m->version,
                                      km_measurement_status_label(m->status, KM_LANG_EN),
                                      km_measurement_status_label(m->status, KM_LANG_ID), allowed_en[m->status],
                                      allowed_id[m->status]));
}

/* ---- undo ---- */

static void undo_create(km_network *net, km__undo *u)
{
    km__measurements *s = &net->measurements;
    km__meas_slot *slot = &s->items[u->id - 1];
    km_measurement *m = slot->v[0];
    (void)km__meas_index_replace(s, m, NULL);
    km__measurement_unref(m);
    km__free(net->a, slot->v);
    memset(slot, 0, sizeof *slot);
    s->n--;
    s->n_measurements--;
    s->n_versions--;
}

/* One version's record swapped for another (same version). */
static void undo_swap(km_network *net, km__undo *u)
{
    km_measurement *old = (km_measurement *)u->ptr;
    km__meas_slot *slot = &net->measurements.items[old->id - 1];
    size_t k = old->version - 1;
    km_measurement *cur = slot->v[k];
    if (k == slot->n - 1) (void)km__meas_index_replace(&net->measurements, cur, old); /* re-adds: no allocation */
    slot->v[k] = old;
    km__measurement_unref(cur);
}

static void release_swap(km_network *net, km__undo *u)
{
    (void)net;
    km__measurement_unref((km_measurement *)u->ptr);
}

static void undo_append(km_network *net, km__undo *u)
{
    km__meas_slot *slot = &net->measurements.items[u->id - 1];
    km_measurement *last = slot->v[slot->n - 1];
    (void)km__meas_index_replace(&net->measurements, last, slot->v[slot->n - 2]);
    slot->n--;
    net->measurements.n_versions--;
    km__measurement_unref(last);
}

/* Swaps version k of slot for a record built from s (undo reserved). */
static int swap(km_network *net, km__meas_slot *slot, size_t k, const km__mspec *s)
{
    km_measurement *old = slot->v[k], *m = km__meas_build(net, s);
    int rc;
    if (!m) return km__nomem();
    if (k == slot->n - 1 && (rc = km__meas_index_replace(&net->measurements, old, m)) != 0) {
        km__measurement_unref(m);
        return rc;
    }
    slot->v[k] = m;
    km__undo_push(net, undo_swap, release_swap, old->id, old);
    return 0;
}

/* ---- apply ---- */

static int apply_create(km_network *net, km__apply *ap)
{
    km__measurements *s = &net->measurements;
    const km_indicator *ind;
    const km_agreement *a;
    km__meas_slot *slot;
    km__min in;
    km__mspec sp;
    km_measurement *m;
    uint64_t id = s->n + 1;
    int rc;
    if ((rc = km__meas_decode(&ap->f, &in, 1)) != 0) return km__apply_fail(ap, rc);
    if ((ind = km__ind_lookup(net, in.indicator)) == NULL) return km__apply_fail(ap, km__ind_not_found(in.indicator));
    if ((rc = check_open(net, ap, ind, &a)) != 0) return rc;
    if (!in.partner) return km__apply_fail(ap, km__err(KM_EINVAL, "measurement.partner_id", "is required", "wajib diisi"));
    if (!km__ev_is_party(a, in.partner))
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "measurement.partner_id", "partner %llu is not a party of agreement %llu",
                                          "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)in.partner,
                                          (unsigned long long)a->id));
    if ((rc = check_reporter(net, ap, in.partner, "measurement.create")) != 0) return rc;
    normalize(ind, &in);
    if ((rc = km__meas_validate(net, ind, &in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = check_lock(net, ap, a->id, in.start, in.end)) != 0) return rc;
    if ((rc = check_overlap(net, ap, ind->id, 0, in.start, in.end)) != 0) return rc;
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "measurement.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    memset(&sp, 0, sizeof sp);
    sp.id = id;
    sp.indicator = ind->id;
    sp.agreement = a->id;
    sp.partner = in.partner;
    sp.num = in.num;
    sp.den = in.den;
    sp.created = ap->time;
    sp.start = in.start;
    sp.end = in.end;
    sp.version = 1;
    sp.status = KM_MEASUREMENT_DRAFT;
    sp.text = in.text;
    sp.evidence = in.evidence;
    sp.comment = in.comment;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) != 0) return rc;
    slot = &s->items[s->n];
    memset(slot, 0, sizeof *slot);
    if ((rc = km__grow(net->a, (void **)&slot->v, &slot->cap, 1, sizeof *slot->v)) != 0) return rc;
    if ((m = km__meas_build(net, &sp)) == NULL) {
        km__free(net->a, slot->v);
        memset(slot, 0, sizeof *slot);
        return km__nomem();
    }
    if ((rc = km__meas_index_replace(s, NULL, m)) != 0) {
        km__measurement_unref(m);
        km__free(net->a, slot->v);
        memset(slot, 0, sizeof *slot);
        return rc;
    }
    slot->v[0] = m;
    slot->n = 1;
    s->n++;
    s->n_measurements++;
    s->n_versions++;
    km__undo_push(net, undo_create, NULL, id, NULL);
    ap->id = id;
    return 0;
}

/* Decodes new values for an update or revision of the measurement whose
 * latest version is cur, with every check. */
static int new_values(km_network *net, km__apply *ap, const km_measurement *cur, km__min *in)
{
    const km_indicator *ind = km__ind_lookup(net, cur->indicator_id);
    const km_agreement *a;
    const km_measurement *counted;
    int rc;
    if ((rc = check_open(net, ap, ind, &a)) != 0) return rc;
    if ((rc = km__meas_decode(&ap->f, in, 0)) != 0) return km__apply_fail(ap, rc);
    if (in->partner && in->partner != cur->partner_id)
        return km__apply_fail(ap, km__err(KM_EINVAL, "measurement.partner_id",
                                          "measurement %llu is reported by partner %llu; the partner cannot change",
                                          "pengukuran %llu dilaporkan oleh mitra %llu; mitra tidak dapat diubah",
                                          (unsigned long long)cur->id, (unsigned long long)cur->partner_id));
    in->partner = cur->partner_id;
    in->indicator = cur->indicator_id;
    if ((rc = check_reporter(net, ap, cur->partner_id, "measurement.report")) != 0) return rc;
    normalize(ind, in);
    if ((rc = km__meas_validate(net, ind, in)) != 0) return km__apply_fail(ap, rc);
    /* Both the period being replaced and the new one must be open. */
    if ((rc = check_lock(net, ap, a->id, cur->start, cur->end)) != 0) return rc;
    counted = km__meas_counting(km__meas_slot_of(net, cur->id), KM__NO_DAY);
    if (counted && (rc = check_lock(net, ap, a->id, counted->start, counted->end)) != 0) return rc;
    if ((rc = check_lock(net, ap, a->id, in->start, in->end)) != 0) return rc;
    return check_overlap(net, ap, ind->id, cur->id, in->start, in->end);
}

static void put_values(km__mspec *sp, const km__min *in)
{
    sp->num = in->num;
    sp->den = in->den;
    sp->start = in->start;
    sp->end = in->end;
    sp->text = in->text;
    sp->evidence = in->evidence;
    sp->comment = in->comment;
}

static int apply_update(km_network *net, km__apply *ap)
{
    km__meas_slot *slot;
    const km_measurement *cur;
    km__min in;
    km__mspec sp;
    int rc;
    if ((slot = find(net, ap, &rc)) == NULL) return rc;
    cur = slot->v[slot->n - 1];
    if (cur->status != KM_MEASUREMENT_DRAFT) return wrong_state(ap, cur, "update", "mengubah");
    if ((rc = new_values(net, ap, cur, &in)) != 0) return rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    km__mspec_from(&sp, cur);
    put_values(&sp, &in);
    if ((rc = swap(net, slot, slot->n - 1, &sp)) != 0) return rc;
    ap->id = ap->ev.id;
    return 0;
}

static int apply_revise(km_network *net, km__apply *ap)
{
    km__meas_slot *slot;
    const km_measurement *cur;
    km_measurement *m;
    km__min in;
    km__mspec sp;
    km__sl rationale;
    int rc;
    if ((slot = find(net, ap, &rc)) == NULL) return rc;
    cur = slot->v[slot->n - 1];
    if (cur->status != KM_MEASUREMENT_RETURNED && cur->status != KM_MEASUREMENT_APPROVED)
        return wrong_state(ap, cur, "revise", "memperbaiki");
    if (slot->n >= KM_MEASUREMENT_VERSIONS_MAX)
        return km__apply_fail(ap, km__err(KM_ESTATE, "measurement.version", "measurement %llu already has %d versions",
                                          "pengukuran %llu sudah memiliki %d versi", (unsigned long long)cur->id,
                                          KM_MEASUREMENT_VERSIONS_MAX));
    if ((rc = get_str(&ap->f, KM__MT_RATIONALE, &rationale)) != 0) return km__apply_fail(ap, rc);
    if (!rationale.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "measurement.rationale", "a revision needs a rationale",
                                          "perbaikan memerlukan alasan"));
    if ((rc = km__v_text("measurement.rationale", rationale.p, rationale.n, 1, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = new_values(net, ap, cur, &in)) != 0) return rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&slot->v, &slot->cap, slot->n + 1, sizeof *slot->v)) != 0) return rc;
    km__mspec_from(&sp, cur);
    put_values(&sp, &in);
    sp.version = cur->version + 1;
    sp.status = KM_MEASUREMENT_DRAFT;
    sp.created = ap->time;
    sp.submitted = 0;
    sp.decided = 0;
    sp.note.p = NULL;
    sp.note.n = 0;
    sp.rationale = rationale;
    if ((m = km__meas_build(net, &sp)) == NULL) return km__nomem();
    if ((rc = km__meas_index_replace(&net->measurements, cur, m)) != 0) {
        km__measurement_unref(m);
        return rc;
    }
    slot->v[slot->n++] = m;
    net->measurements.n_versions++;
    km__undo_push(net, undo_append, NULL, ap->ev.id, NULL);
    ap->id = ap->ev.id;
    return 0;
}

/* submit, approve, return: a change of the latest version's state. */
static int decide(km_network *net, km__apply *ap, int from, int to)
{
    static const char *const op_en[] = { "", "submit", "approve", "return" };
    static const char *const op_id[] = { "", "mengajukan", "menyetujui", "mengembalikan" };
    km__meas_slot *slot;
    const km_measurement *cur;
    const km_indicator *ind;
    const km_agreement *a;
    km__mspec sp;
    km__sl note;
    size_t k, prev = 0;
    int rc, has_prev = 0;
    if ((slot = find(net, ap, &rc)) == NULL) return rc;
    cur = slot->v[slot->n - 1];
    if (cur->status != from) return wrong_state(ap, cur, op_en[to], op_id[to]);
    ind = km__ind_lookup(net, cur->indicator_id);
    if ((rc = check_open(net, ap, ind, &a)) != 0) return rc;
    if ((rc = get_str(&ap->f, KM__MT_NOTE, &note)) != 0) return km__apply_fail(ap, rc);
    if (to == KM_MEASUREMENT_SUBMITTED) {
        if (note.p)
            return km__apply_fail(ap, km__err(KM_EINVAL, "measurement.note", "a submission has no note",
                                              "pengajuan tidak memiliki catatan"));
        if ((rc = check_reporter(net, ap, cur->partner_id, "measurement.submit")) != 0) return rc;
    } else {
        if (to == KM_MEASUREMENT_RETURNED && !note.p)
            return km__apply_fail(ap, km__err(KM_EINVAL, "measurement.note", "a reason is required to return a report",
                                              "alasan wajib diisi untuk mengembalikan laporan"));
        if (note.p && (rc = km__v_text("measurement.note", note.p, note.n, 1, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
            return km__apply_fail(ap, rc);
        if ((rc = check_decider(net, ap, a, cur->partner_id, to == KM_MEASUREMENT_APPROVED ? "measurement.approve"
                                                                                          : "measurement.return")) != 0)
            return rc;
    }
    if ((rc = check_lock(net, ap, a->id, cur->start, cur->end)) != 0) return rc;
    if (to == KM_MEASUREMENT_APPROVED) {
        if ((rc = check_overlap(net, ap, ind->id, cur->id, cur->start, cur->end)) != 0) return rc;
        for (k = 0; k + 1 < slot->n; k++)
            if (slot->v[k]->status == KM_MEASUREMENT_APPROVED) { prev = k; has_prev = 1; }
        if (has_prev && (rc = check_lock(net, ap, a->id, slot->v[prev]->start, slot->v[prev]->end)) != 0) return rc;
    }
    if ((rc = km__undo_reserve(net, 2)) != 0) return rc;
    if (has_prev) {
        km__mspec_from(&sp, slot->v[prev]);
        sp.status = KM_MEASUREMENT_SUPERSEDED;
        if ((rc = swap(net, slot, prev, &sp)) != 0) return rc;
    }
    km__mspec_from(&sp, cur);
    sp.status = to;
    if (to == KM_MEASUREMENT_SUBMITTED) sp.submitted = ap->time;
    else {
        sp.decided = ap->time;
        sp.note = note;
    }
    if ((rc = swap(net, slot, slot->n - 1, &sp)) != 0) return rc;
    ap->id = ap->ev.id;
    return 0;
}

static int apply_submit(km_network *net, km__apply *ap)
{
    return decide(net, ap, KM_MEASUREMENT_DRAFT, KM_MEASUREMENT_SUBMITTED);
}
static int apply_approve(km_network *net, km__apply *ap)
{
    return decide(net, ap, KM_MEASUREMENT_SUBMITTED, KM_MEASUREMENT_APPROVED);
}
static int apply_return(km_network *net, km__apply *ap)
{
    return decide(net, ap, KM_MEASUREMENT_SUBMITTED, KM_MEASUREMENT_RETURNED);
}

const km__opdef km__measurement_ops[] = {
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_CREATE, "measurement.create", apply_create, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_UPDATE, "measurement.update", apply_update, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_SUBMIT, "measurement.submit", apply_submit, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_APPROVE, "measurement.approve", apply_approve, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_RETURN, "measurement.return", apply_return, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_REVISE, "measurement.revise", apply_revise, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_PERIOD_LOCK, "measurement.period_lock", km__ev_apply_lock, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
    { KM_ENTITY_MEASUREMENT, KM__OP_PERIOD_UNLOCK, "measurement.period_unlock", km__ev_apply_unlock, km__meas_schema,
      sizeof km__meas_schema / sizeof km__meas_schema[0] },
};
const size_t km__measurement_ops_count = sizeof km__measurement_ops / sizeof km__measurement_ops[0];
