/* Period locks: an administrator closes a range of an agreement's
 * reporting (e.g. after an audit); every later change to a measurement of
 * that agreement whose period overlaps the range is refused, naming the
 * lock. Locks share the measurement id sequence, so (entity 7, id) names one
 * record in the audit trail. Lifting a lock keeps it in the history. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"

#include <string.h>

km__lock *km__lock_build(const km_allocator *a, uint64_t id, uint64_t agreement, int32_t start, int32_t end,
                         int64_t time, int active, int64_t unlocked_at, const km__sl *reason,
                         const km__sl *unlock_reason)
{
    size_t size = sizeof(km__lock) + (reason->p ? reason->n + 1 : 0) + (unlock_reason->p ? unlock_reason->n + 1 : 0);
    km__lock *l = (km__lock *)km__malloc(a, size);
    char *p;
    if (!l) return NULL;
    memset(l, 0, sizeof *l);
    l->id = id;
    l->agreement_id = agreement;
    l->start = start;
    l->end = end;
    l->time = time;
    l->active = (uint8_t)(active != 0);
    l->unlocked_at = unlocked_at;
    km__date_format(l->start_s, start);
    km__date_format(l->end_s, end);
    p = (char *)(l + 1);
    if (reason->p) {
        memcpy(p, reason->p, reason->n);
        p[reason->n] = '\0';
        l->reason = p;
        p += reason->n + 1;
    }
    if (unlock_reason->p) {
        memcpy(p, unlock_reason->p, unlock_reason->n);
        p[unlock_reason->n] = '\0';
        l->unlock_reason = p;
    }
    return l;
}

int km__lock_check(km_network *net, uint64_t agreement, int32_t start, int32_t end)
{
    const km__idset *set = km__idsets_get(&net->measurements.locks, agreement);
    uint64_t id = 1, next;
    while (set && km__idset_next(set, id, &next)) {
        const km__lock *l = net->measurements.items[next - 1].lock;
        if (l->active && l->start <= end && start <= l->end) {
            char s[KM__DATE_BUF], e[KM__DATE_BUF];
            km__date_format(s, start);
            km__date_format(e, end);
            return km__err(KM_ESTATE, "measurement.period",
                           "the period %s..%s of agreement %llu is locked by lock %llu (%s..%s)%s%s",
                           "periode %s..%s perjanjian %llu dikunci oleh kunci %llu (%s..%s)%s%s", s, e,
                           (unsigned long long)agreement, (unsigned long long)l->id, l->start_s, l->end_s,
                           l->reason ? ": " : "", l->reason ? l->reason : "");
        }
        id = next + 1;
    }
    return 0;
}

static int get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int admin_only(km_network *net, km__apply *ap, const char *what)
{
    if (ap->replay || km__ev_actor_admin(net)) return 0;
    return km__err(KM_EDENIED, what, "actor \"%s\" may not lock or unlock periods: the actor must start with admin:",
                   "pelaku \"%s\" tidak boleh mengunci atau membuka periode: pelaku harus diawali admin:", net->actor);
}

static void undo_lock(km_network *net, km__undo *u)
{
    km__measurements *s = &net->measurements;
    km__meas_slot *slot = &s->items[u->id - 1];
    km__idsets_remove(&s->locks, slot->lock->agreement_id, u->id);
    km__free(net->a, slot->lock);
    memset(slot, 0, sizeof *slot);
    s->n--;
    s->n_locks--;
}

int km__ev_apply_lock(km_network *net, km__apply *ap)
{
    km__measurements *s = &net->measurements;
    km__sl start_s, end_s, reason, none = { NULL, 0 };
    uint64_t agreement = 0, id = s->n + 1;
    int32_t start, end;
    km__lock *l;
    int rc;
    if ((rc = km__fields_u64(&ap->f, KM__MT_AGREEMENT, &agreement)) < 0) return km__apply_fail(ap, rc);
    if (!km__agr_current(net, agreement)) return km__apply_fail(ap, km__agr_not_found(agreement));
    if ((rc = get_str(&ap->f, KM__MT_START, &start_s)) != 0 || (rc = get_str(&ap->f, KM__MT_END, &end_s)) != 0 ||
        (rc = get_str(&ap->f, KM__MT_REASON, &reason)) != 0)
        return km__apply_fail(ap, rc);
    if (!start_s.p) return km__apply_fail(ap, km__err(KM_EINVAL, "lock.start", "is required", "wajib diisi"));
    if (!end_s.p) return km__apply_fail(ap, km__err(KM_EINVAL, "lock.end", "is required", "wajib diisi"));
    if ((rc = km__v_date("lock.start", start_s.p, start_s.n, &start)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_date("lock.end", end_s.p, end_s.n, &end)) != 0) return km__apply_fail(ap, rc);
    if (end < start)
        return km__apply_fail(ap, km__err(KM_EINVAL, "lock.end", "is before the start", "sebelum tanggal awal"));
    if (reason.p && (rc = km__v_text("lock.reason", reason.p, reason.n, 0, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = admin_only(net, ap, "measurement.period_lock")) != 0) return rc;
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "lock.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) != 0) return rc;
    if ((l = km__lock_build(net->a, id, agreement, start, end, ap->time, 1, 0, &reason, &none)) == NULL)
        return km__nomem();
    if ((rc = km__idsets_add(&s->locks, net->a, agreement, id)) != 0) {
        km__free(net->a, l);
        return rc;
    }
    memset(&s->items[s->n], 0, sizeof s->items[s->n]);
    s->items[s->n++].lock = l;
    s->n_locks++;
    km__undo_push(net, undo_lock, NULL, id, NULL);
    ap->id = id;
    return 0;
}

static void undo_unlock(km_network *net, km__undo *u)
{
    km__meas_slot *slot = &net->measurements.items[u->id - 1];
    km__free(net->a, slot->lock);
    slot->lock = (km__lock *)u->ptr;
}

static void release_unlock(km_network *net, km__undo *u) { km__free(net->a, u->ptr); }

int km__ev_apply_unlock(km_network *net, km__apply *ap)
{
    km__meas_slot *slot;
    km__lock *old, *l;
    km__sl reason, old_reason;
    int rc;
    if (ap->ev.id == 0 || ap->ev.id > net->measurements.n || !net->measurements.items[ap->ev.id - 1].lock)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "lock.id", "no period lock with id %llu",
                                          "tidak ada kunci periode dengan id %llu", (unsigned long long)ap->ev.id));
    slot = &net->measurements.items[ap->ev.id - 1];
    old = slot->lock;
    if ((rc = get_str(&ap->f, KM__MT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if (!reason.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "lock.reason", "a reason is required to lift a lock",
                                          "alasan wajib diisi untuk membuka kunci"));
    if ((rc = km__v_text("lock.reason", reason.p, reason.n, 1, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (!old->active)
        return km__apply_fail(ap, km__err(KM_ESTATE, "lock.id", "lock %llu was already lifted",
                                          "kunci %llu sudah dibuka", (unsigned long long)old->id));
    if ((rc = admin_only(net, ap, "measurement.period_unlock")) != 0) return rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    old_reason.p = old->reason;
    old_reason.n = old->reason ? strlen(old->reason) : 0;
    l = km__lock_build(net->a, old->id, old->agreement_id, old->start, old->end, old->time, 0, ap->time, &old_reason,
                       &reason);
    if (!l) return km__nomem();
    slot->lock = l;
    km__undo_push(net, undo_unlock, release_unlock, old->id, old);
    ap->id = old->id;
    return 0;
}

/* ---- public ---- */

int km_period_lock(uint64_t *out_id, km_network *net, uint64_t agreement_id, const char *start, const char *end,
                   const char *reason)
{
    int rc;
    km__err_clear();
    if (out_id) *out_id = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__MT_AGREEMENT, agreement_id);
    if (rc == 0 && start) rc = km__fw_str(&net->scratch, KM__MT_START, start);
    if (rc == 0 && end) rc = km__fw_str(&net->scratch, KM__MT_END, end);
    if (rc == 0 && reason && *reason) rc = km__fw_str(&net->scratch, KM__MT_REASON, reason);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_MEASUREMENT, KM__OP_PERIOD_LOCK, 0, net->scratch.data, net->scratch.len, out_id);
}

int km_period_unlock(km_network *net, uint64_t lock_id, const char *reason)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if (reason && *reason && (rc = km__fw_str(&net->scratch, KM__MT_REASON, reason)) != 0) return rc;
    return km__change(net, KM_ENTITY_MEASUREMENT, KM__OP_PERIOD_UNLOCK, lock_id, net->scratch.data, net->scratch.len,
                      NULL);
}

typedef struct lrow {
    uint64_t id;
    int64_t time;
    int active;
    char start[KM__DATE_BUF], end[KM__DATE_BUF];
    size_t reason_off, unlock_off; /* (size_t)-1 = none */
} lrow;

struct km_period_locks {
    km__ctx *ctx;
    lrow *rows;
    size_t n;
    char *text;
};

#define NONE ((size_t)-1)

void km_period_locks_free(km_period_locks *l)
{
    km__ctx *ctx;
    if (!l) return;
    ctx = l->ctx;
    km__free(&ctx->alloc, l->rows);
    km__free(&ctx->alloc, l->text);
    km__free(&ctx->alloc, l);
    km__ctx_unref(ctx);
}

static int put_text(km__buf *b, const char *s, size_t *off)
{
    if (!s) {
        *off = NONE;
        return 0;
    }
    *off = b->len;
    return km__buf_put(b, s, strlen(s) + 1);
}

int km_period_lock_list(km_period_locks **out, km_network *net, uint64_t agreement_id)
{
    const km__idset *set;
    km_period_locks *l;
    km__buf text;
    uint64_t id = 1, next, n;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!km__agr_current(net, agreement_id)) return km__agr_not_found(agreement_id);
    set = km__idsets_get(&net->measurements.locks, agreement_id);
    n = set ? km__idset_count(set) : 0;
    l = (km_period_locks *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    if (n && (l->rows = (lrow *)km__calloc(net->a, (size_t)n, sizeof *l->rows)) == NULL) {
        km_period_locks_free(l);
        return km__nomem();
    }
    km__buf_init(&text, net->a);
    while (rc == 0 && set && km__idset_next(set, id, &next)) {
        const km__lock *k = net->measurements.items[next - 1].lock;
        lrow *r = &l->rows[l->n++];
        r->id = k->id;
        r->time = k->time;
        r->active = k->active;
        memcpy(r->start, k->start_s, KM__DATE_BUF);
        memcpy(r->end, k->end_s, KM__DATE_BUF);
        rc = put_text(&text, k->reason, &r->reason_off);
        if (rc == 0) rc = put_text(&text, k->unlock_reason, &r->unlock_off);
        id = next + 1;
    }
    if (rc == 0 && text.len == 0) rc = km__buf_put_u8(&text, 0);
    if (rc) {
        km__buf_free(&text);
        km_period_locks_free(l);
        return rc;
    }
    l->text = (char *)text.data;
    *out = l;
    return 0;
}

size_t km_period_locks_count(const km_period_locks *l) { return l ? l->n : 0; }
uint64_t km_period_locks_id(const km_period_locks *l, size_t i) { return l && i < l->n ? l->rows[i].id : 0; }
const char *km_period_locks_start(const km_period_locks *l, size_t i) { return l && i < l->n ? l->rows[i].start : NULL; }
const char *km_period_locks_end(const km_period_locks *l, size_t i) { return l && i < l->n ? l->rows[i].end : NULL; }
int km_period_locks_active(const km_period_locks *l, size_t i) { return l && i < l->n ? l->rows[i].active : 0; }
int64_t km_period_locks_time(const km_period_locks *l, size_t i) { return l && i < l->n ? l->rows[i].time : 0; }
const char *km_period_locks_reason(const km_period_locks *l, size_t i)
{
    return l && i < l->n && l->rows[i].reason_off != NONE ? l->text + l->rows[i].reason_off : NULL;
}
const char *km_period_locks_unlock_reason(const km_period_locks *l, size_t i)
{
    return l && i < l->n && l->rows[i].unlock_off != NONE ? l->text + l->rows[i].unlock_off : NULL;
}
