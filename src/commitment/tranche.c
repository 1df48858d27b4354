/* Tranches (termin): the planned dates and amounts of a commitment's
 * disbursements, numbered 1, 2, ... within the commitment. Records are
 * immutable; a reschedule or a cancellation swaps in a new record, with
 * undo. Whether a tranche is met is not stored: it is computed from the
 * disbursements that name it, as of any date. */
#include "commitment/commitment.h"
#include "util/date.h"
#include "util/money.h"

#include <string.h>

km__tranche *km__tranche_new(const km_allocator *a, uint32_t number, int status, int32_t date, int64_t amount,
                             const char *note, size_t note_len, const char *reason, size_t reason_len)
{
    size_t size = sizeof(km__tranche) + (note ? note_len + 1 : 0) + (reason ? reason_len + 1 : 0);
    km__tranche *t = (km__tranche *)km__malloc(a, size);
    char *s;
    if (!t) return NULL;
    t->number = number;
    t->status = (uint8_t)status;
    t->date = date;
    t->amount = amount;
    s = (char *)(t + 1);
    t->note = NULL;
    t->reason = NULL;
    if (note) {
        memcpy(s, note, note_len);
        s[note_len] = '\0';
        t->note = s;
        s += note_len + 1;
    }
    if (reason) {
        memcpy(s, reason, reason_len);
        s[reason_len] = '\0';
        t->reason = s;
    }
    return t;
}

static int not_open(km__apply *ap, const km_commitment *c)
{
    if (km__cmt_open(c->status)) return 0;
    return km__apply_fail(ap, km__err(KM_ESTATE, "commitment.status",
                                      "commitment %llu is %s%.0s: its tranches cannot change",
                                      "komitmen %llu %.0s%s: terminnya tidak dapat diubah", (unsigned long long)c->id,
                                      km_commitment_status_label(c->status, KM_LANG_EN),
                                      km_commitment_status_label(c->status, KM_LANG_ID)));
}

/* The planned fields of an add or update event. */
typedef struct tin {
    int32_t date;
    int64_t amount;
    km__sl note;
} tin;

static int decode(km__apply *ap, tin *t)
{
    int rc, has = 0;
    if ((rc = km__cmt_get_date(&ap->f, KM__CT_DATE, "tranche.planned_date", &has, &t->date)) != 0) return rc;
    if (!has) return km__err(KM_EINVAL, "tranche.planned_date", "is required", "wajib diisi");
    rc = km__fields_i64(&ap->f, KM__CT_AMOUNT, &t->amount);
    if (rc == 0) return km__err(KM_EINVAL, "tranche.amount", "is required", "wajib diisi");
    if (rc < 0) return rc;
    if (t->amount <= 0)
        return km__err(KM_EINVAL, "tranche.amount", "must be positive (%lld)", "harus positif (%lld)",
                       (long long)t->amount);
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_NOTE, &t->note)) != 0) return rc;
    if (t->note.p && (rc = km__v_text("tranche.note", t->note.p, t->note.n, 1, KM_COMMITMENT_TITLE_MAX, 0)) != 0)
        return rc;
    return 0;
}

/* The planned tranches (except `skip`) plus amount must fit the commitment. */
static int check_total(const km__cmt_slot *slot, uint32_t skip, int64_t amount)
{
    const km_commitment *c = slot->cur;
    int64_t total = amount;
    size_t i;
    int over = 0;
    for (i = 0; i < slot->n_tr && !over; i++) {
        const km__tranche *t = slot->tr[i];
        if (t->number == skip || t->status != KM_TRANCHE_PLANNED) continue;
        over = km__money_add(total, t->amount, &total) != 0;
    }
    if (over || total > c->amount) {
        if (over) total = INT64_MAX; /* shown as at least this much */
        char te[48], ti[48], ae[48], ai[48];
        km__cmt_fmt(te, sizeof te, c, total, KM_LANG_EN);
        km__cmt_fmt(ti, sizeof ti, c, total, KM_LANG_ID);
        km__cmt_fmt(ae, sizeof ae, c, c->amount, KM_LANG_EN);
        km__cmt_fmt(ai, sizeof ai, c, c->amount, KM_LANG_ID);
        return km__err(KM_EINVAL, "tranche.total",
                       "the planned tranches of commitment %llu would total %s%.0s, more than its amount %s%.0s",
                       "termin yang direncanakan untuk komitmen %llu akan berjumlah %.0s%s, melebihi nilainya %.0s%s",
                       (unsigned long long)c->id, te, ti, ae, ai);
    }
    return 0;
}

static void undo_add(km_network *net, km__undo *u)
{
    km__cmt_slot *slot = &net->commitments.items[u->id - 1];
    km__free(net->a, slot->tr[--slot->n_tr]);
}

int km__cmt_apply_tranche_add(km_network *net, km__apply *ap)
{
    km__cmt_slot *slot;
    km__tranche *t;
    tin in;
    int rc;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = not_open(ap, slot->cur)) != 0) return rc;
    memset(&in, 0, sizeof in);
    if ((rc = decode(ap, &in)) != 0) return km__apply_fail(ap, rc);
    if (slot->n_tr >= KM_COMMITMENT_TRANCHES_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "tranche", "commitment %llu already has %d tranches",
                                          "komitmen %llu sudah memiliki %d termin", (unsigned long long)ap->ev.id,
                                          KM_COMMITMENT_TRANCHES_MAX));
    if ((rc = check_total(slot, 0, in.amount)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&slot->tr, &slot->cap_tr, slot->n_tr + 1, sizeof *slot->tr)) != 0) return rc;
    t = km__tranche_new(net->a, (uint32_t)slot->n_tr + 1, KM_TRANCHE_PLANNED, in.date, in.amount, in.note.p, in.note.n,
                        NULL, 0);
    if (!t) return km__nomem();
    slot->tr[slot->n_tr++] = t;
    km__undo_push(net, undo_add, NULL, ap->ev.id, t);
    ap->id = ap->ev.id;
    return 0;
}

static void undo_swap(km_network *net, km__undo *u)
{
    km__cmt_slot *slot = &net->commitments.items[u->id - 1];
    km__tranche *old = (km__tranche *)u->ptr;
    km__free(net->a, slot->tr[old->number - 1]);
    slot->tr[old->number - 1] = old;
}

static void release_swap(km_network *net, km__undo *u) { km__free(net->a, u->ptr); }

/* Common part of update and cancel: the tranche, planned, and a reason. */
static int target(km__apply *ap, km__cmt_slot *slot, const km__tranche **out, km__sl *reason)
{
    uint64_t number = 0;
    int rc;
    if ((rc = km__cmt_get_u64(&ap->f, KM__CT_TRANCHE, "tranche.number", &number, 1)) != 0) return rc;
    if (number == 0 || number > slot->n_tr)
        return km__err(KM_ENOTFOUND, "tranche.number", "commitment %llu has no tranche %llu",
                       "komitmen %llu tidak memiliki termin %llu", (unsigned long long)ap->ev.id,
                       (unsigned long long)number);
    *out = slot->tr[number - 1];
    if ((*out)->status != KM_TRANCHE_PLANNED)
        return km__err(KM_ESTATE, "tranche.status", "tranche %llu of commitment %llu is cancelled",
                       "termin %llu komitmen %llu sudah dibatalkan", (unsigned long long)number,
                       (unsigned long long)ap->ev.id);
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_REASON, reason)) != 0) return rc;
    if (!reason->p) return km__err(KM_EINVAL, "tranche.reason", "is required", "wajib diisi");
    return km__v_text("tranche.reason", reason->p, reason->n, 1, KM_COMMITMENT_REASON_MAX, 1);
}

static int swap(km_network *net, km__apply *ap, km__cmt_slot *slot, const km__tranche *old, km__tranche *nw)
{
    int rc;
    if (!nw) return km__nomem();
    if ((rc = km__undo_reserve(net, 1)) != 0) {
        km__free(net->a, nw);
        return rc;
    }
    slot->tr[old->number - 1] = nw;
    km__undo_push(net, undo_swap, release_swap, ap->ev.id, (void *)(uintptr_t)old);
    ap->id = ap->ev.id;
    return 0;
}

static int below_disbursed(const km__cmt_slot *slot, const km__tranche *old, int64_t amount, int cancel)
{
    int64_t done;
    int32_t md;
    int met, rc;
    if ((rc = km__tranche_progress(slot, old, 0, 0, &done, &met, &md)) != 0) return rc;
    if (done > 0 && (cancel || amount < done)) {
        char e[48], i[48];
        km__cmt_fmt(e, sizeof e, slot->cur, done, KM_LANG_EN);
        km__cmt_fmt(i, sizeof i, slot->cur, done, KM_LANG_ID);
        if (cancel)
            return km__err(KM_ESTATE, "tranche.amount",
                           "tranche %lu of commitment %llu has %s%.0s disbursed against it and cannot be cancelled",
                           "termin %lu komitmen %llu telah dicairkan %.0s%s dan tidak dapat dibatalkan",
                           (unsigned long)old->number, (unsigned long long)slot->cur->id, e, i);
        return km__err(KM_ESTATE, "tranche.amount",
                       "tranche %lu of commitment %llu has %s%.0s disbursed against it: its amount cannot be less",
                       "termin %lu komitmen %llu telah dicairkan %.0s%s: nilainya tidak boleh lebih kecil",
                       (unsigned long)old->number, (unsigned long long)slot->cur->id, e, i);
    }
    return 0;
}

int km__cmt_apply_tranche_update(km_network *net, km__apply *ap)
{
    km__cmt_slot *slot;
    const km__tranche *old;
    km__sl reason;
    tin in;
    int rc;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = not_open(ap, slot->cur)) != 0) return rc;
    if ((rc = target(ap, slot, &old, &reason)) != 0) return km__apply_fail(ap, rc);
    memset(&in, 0, sizeof in);
    if ((rc = decode(ap, &in)) != 0) return km__apply_fail(ap, rc);
    if ((rc = below_disbursed(slot, old, in.amount, 0)) != 0) return km__apply_fail(ap, rc);
    if ((rc = check_total(slot, old->number, in.amount)) != 0) return km__apply_fail(ap, rc);
    return swap(net, ap, slot, old,
                km__tranche_new(net->a, old->number, KM_TRANCHE_PLANNED, in.date, in.amount, in.note.p, in.note.n,
                                reason.p, reason.n));
}

int km__cmt_apply_tranche_cancel(km_network *net, km__apply *ap)
{
    km__cmt_slot *slot;
    const km__tranche *old;
    km__sl reason;
    int rc;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = not_open(ap, slot->cur)) != 0) return rc;
    if ((rc = target(ap, slot, &old, &reason)) != 0) return km__apply_fail(ap, rc);
    if ((rc = below_disbursed(slot, old, 0, 1)) != 0) return km__apply_fail(ap, rc);
    return swap(net, ap, slot, old,
                km__tranche_new(net->a, old->number, KM_TRANCHE_CANCELLED, old->date, old->amount, old->note,
                                old->note ? strlen(old->note) : 0, reason.p, reason.n));
}

/* ---- public: changes ---- */

static int check_fields(const km_tranche_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_TRANCHE_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

static int encode(km__buf *b, uint32_t number, const km_tranche_fields *f, const char *reason)
{
    int rc = 0;
    if (number) rc = km__fw_u64(b, KM__CT_TRANCHE, number);
    if (!rc && f) {
        if (f->planned_date) rc = km__fw_str(b, KM__CT_DATE, f->planned_date);
        if (!rc) rc = km__fw_i64(b, KM__CT_AMOUNT, f->amount);
        if (!rc && f->note) rc = km__fw_str(b, KM__CT_NOTE, f->note);
    }
    if (!rc && reason) rc = km__fw_str(b, KM__CT_REASON, reason);
    return rc;
}

int km_tranche_add(uint32_t *out_number, km_network *net, uint64_t commitment_id, const km_tranche_fields *fields)
{
    int rc;
    km__err_clear();
    if (out_number) *out_number = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = encode(&net->scratch, 0, fields, NULL)) != 0) return rc;
    rc = km__change(net, KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_ADD, commitment_id, net->scratch.data, net->scratch.len,
                    NULL);
    if (rc == 0 && out_number) *out_number = (uint32_t)net->commitments.items[commitment_id - 1].n_tr;
    return rc;
}

int km_tranche_update(km_network *net, uint64_t commitment_id, uint32_t number, const km_tranche_fields *fields,
                      const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = encode(&net->scratch, number, fields, reason)) != 0) return rc;
    return km__change(net, KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_UPDATE, commitment_id, net->scratch.data,
                      net->scratch.len, NULL);
}

int km_tranche_cancel(km_network *net, uint64_t commitment_id, uint32_t number, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = encode(&net->scratch, number, NULL, reason)) != 0) return rc;
    return km__change(net, KM_ENTITY_COMMITMENT, KM__OP_TRANCHE_CANCEL, commitment_id, net->scratch.data,
                      net->scratch.len, NULL);
}

/* ---- reads ---- */

typedef struct trow {
    uint64_t commitment;
    uint32_t number;
    int status, met;
    int64_t amount, disbursed, overdue;
    char planned[KM__DATE_BUF], met_date[KM__DATE_BUF];
    size_t note_off, reason_off; /* (size_t)-1 = none */
} trow;

struct km_tranches {
    km__ctx *ctx;
    trow *rows;
    size_t n, cap;
    char *text;
};

void km_tranches_free(km_tranches *t)
{
    km__ctx *ctx;
    if (!t) return;
    ctx = t->ctx;
    km__free(&ctx->alloc, t->rows);
    km__free(&ctx->alloc, t->text);
    km__free(&ctx->alloc, t);
    km__ctx_unref(ctx);
}

static int put_opt_text(km__buf *text, const char *s, size_t *off)
{
    *off = (size_t)-1;
    if (!s) return 0;
    *off = text->len;
    return km__buf_put(text, s, strlen(s) + 1);
}

/* Adds the row of tranche t as of a date (has_date = 0: whole ledger, with
 * lateness measured on `today`). only_overdue skips the others. */
static int push_row(km_network *net, km_tranches *l, km__buf *text, const km__cmt_slot *slot, const km__tranche *t,
                    int has_date, int32_t as_of, int32_t today, int only_overdue)
{
    int64_t done;
    int32_t met_date;
    int met, rc;
    trow *r;
    if ((rc = km__tranche_progress(slot, t, has_date, as_of, &done, &met, &met_date)) != 0) return rc;
    if (only_overdue && (t->status != KM_TRANCHE_PLANNED || met || t->date >= today)) return 0;
    if ((rc = km__grow(net->a, (void **)&l->rows, &l->cap, l->n + 1, sizeof *l->rows)) != 0) return rc;
    r = &l->rows[l->n];
    r->commitment = slot->cur->id;
    r->number = t->number;
    r->status = t->status;
    r->met = met;
    r->amount = t->amount;
    r->disbursed = done;
    r->overdue = t->status == KM_TRANCHE_PLANNED && !met && t->date < today ? km__date_diff(t->date, today) : 0;
    km__date_format(r->planned, t->date);
    if (met) km__date_format(r->met_date, met_date);
    rc = put_opt_text(text, t->note, &r->note_off);
    if (rc == 0) rc = put_opt_text(text, t->reason, &r->reason_off);
    if (rc == 0) l->n++;
    return rc;
}

static int new_list(km_tranches **out, km_network *net)
{
    km_tranches *l = (km_tranches *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    *out = l;
    return 0;
}

static int finish(km_tranches **out, km_tranches *l, km__buf *text, int rc)
{
    if (rc == 0 && text->len == 0) rc = km__buf_put_u8(text, 0);
    if (rc) {
        km__buf_free(text);
        km_tranches_free(l);
        return rc;
    }
    l->text = (char *)text->data;
    *out = l;
    return 0;
}

int km_tranche_list(km_tranches **out, km_network *net, uint64_t commitment_id, const char *as_of_date)
{
    km__cmt_slot *slot;
    km_tranches *l = NULL;
    km__buf text;
    int32_t as_of = 0, today;
    size_t i;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (as_of_date && (rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    slot = km__cmt_slot_of(&net->commitments, commitment_id);
    if (!slot) return km__cmt_not_found(commitment_id);
    today = as_of_date ? as_of : km__net_today(net);
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    for (i = 0; rc == 0 && i < slot->n_tr; i++)
        rc = push_row(net, l, &text, slot, slot->tr[i], as_of_date != NULL, as_of, today, 0);
    return finish(out, l, &text, rc);
}

int km_tranche_overdue(km_tranches **out, km_network *net, uint64_t agreement_id, const char *as_of_date)
{
    km__cmt_plan pl;
    km_tranches *l = NULL;
    km__buf text;
    uint64_t id = 1, next;
    int32_t as_of;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if (agreement_id && !km__agr_current(net, agreement_id)) return km__agr_not_found(agreement_id);
    if ((rc = km__cmt_plan_make(&pl, net, 0, agreement_id, 0, 0, 0, -1, -1, "agreement")) != 0) return rc;
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    while (rc == 0 && km__cmt_plan_next(&pl, net, id, &next)) {
        const km__cmt_slot *slot = &net->commitments.items[next - 1];
        int st = slot->cur->status;
        size_t i;
        id = next + 1;
        if (st != KM_COMMITMENT_COMMITTED && st != KM_COMMITMENT_DISBURSING && st != KM_COMMITMENT_FULLY_DISBURSED)
            continue;
        for (i = 0; rc == 0 && i < slot->n_tr; i++) rc = push_row(net, l, &text, slot, slot->tr[i], 1, as_of, as_of, 1);
    }
    return finish(out, l, &text, rc);
}

size_t km_tranches_count(const km_tranches *t) { return t ? t->n : 0; }
uint64_t km_tranches_commitment(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].commitment : 0; }
uint32_t km_tranches_number(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].number : 0; }
const char *km_tranches_planned_date(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].planned : NULL; }
int64_t km_tranches_amount(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].amount : 0; }
int km_tranches_status(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].status : -1; }
const char *km_tranches_note(const km_tranches *t, size_t i)
{
    return t && i < t->n && t->rows[i].note_off != (size_t)-1 ? t->text + t->rows[i].note_off : NULL;
}
const char *km_tranches_reason(const km_tranches *t, size_t i)
{
    return t && i < t->n && t->rows[i].reason_off != (size_t)-1 ? t->text + t->rows[i].reason_off : NULL;
}
int64_t km_tranches_disbursed(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].disbursed : 0; }
const char *km_tranches_met_date(const km_tranches *t, size_t i)
{
    return t && i < t->n && t->rows[i].met ? t->rows[i].met_date : NULL;
}
int64_t km_tranches_days_overdue(const km_tranches *t, size_t i) { return t && i < t->n ? t->rows[i].overdue : 0; }
