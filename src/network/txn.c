/* The transaction engine: every change, live or replayed from the log, is
 * one event applied by the same function with an undo record; a committed
 * transaction is one hash-chained log entry. This is the only place that
 * appends to storage. */
#include "network/internal.h"
#include "util/sha256.h"

#include <stdio.h>
#include <string.h>

#define KM__CONFLICT_RETRIES 8

int km__undo_reserve(km_network *net, size_t n)
{
    return km__grow(net->a, (void **)&net->undo, &net->cap_undo, net->n_undo + n, sizeof *net->undo);
}

void km__undo_push(km_network *net, void (*undo)(km_network *, km__undo *),
                   void (*release)(km_network *, km__undo *), uint64_t id, void *ptr)
{
    km__undo *u = &net->undo[net->n_undo++]; /* room reserved by the caller */
    u->undo = undo;
    u->release = release;
    u->id = id;
    u->ptr = ptr;
}

static void undo_to(km_network *net, size_t mark)
{
    while (net->n_undo > mark) {
        km__undo *u = &net->undo[--net->n_undo];
        if (u->undo) u->undo(net, u);
    }
}

static void release_all(km_network *net)
{
    size_t i;
    for (i = 0; i < net->n_undo; i++)
        if (net->undo[i].release) net->undo[i].release(net, &net->undo[i]);
    net->n_undo = 0;
}

void km__savepoint_set(const km_network *net, km__savepoint *sp)
{
    sp->n_undo = net->n_undo;
    sp->events_len = net->txn_events.len;
    sp->n_events = net->txn_n_events;
}

void km__savepoint_rollback(km_network *net, const km__savepoint *sp)
{
    undo_to(net, sp->n_undo);
    net->txn_events.len = sp->events_len;
    net->txn_n_events = sp->n_events;
}

int km__batch_begin(km_network *net, km__batch *b)
{
    int rc;
    b->own_txn = !net->txn_open;
    if (b->own_txn && (rc = km_network_begin(net)) != 0) return rc;
    km__savepoint_set(net, &b->sp);
    return 0;
}

int km__batch_end(km_network *net, km__batch *b, int rc)
{
    km__errsave e;
    if (rc == 0) return b->own_txn ? km_network_commit(net) : 0;
    /* Rolling back clears the last error: keep the failing change's. */
    km__err_save(&e);
    if (b->own_txn) km_network_rollback(net);
    else km__savepoint_rollback(net, &b->sp);
    km__err_restore(&e);
    return rc;
}

int km__apply_fail(const km__apply *ap, int rc)
{
    char why_en[512], why_id[512];
    if (!ap->replay || rc == KM_ENOMEM) return rc;
    /* A logged event that no longer validates means the log was altered
     * (or written by a buggy writer): say so, keeping the reason. The
     * reason is copied first: km__err() rewrites the buffers it lives in. */
    snprintf(why_en, sizeof why_en, "%s", km_error_last_message(KM_LANG_EN));
    snprintf(why_id, sizeof why_id, "%s", km_error_last_message(KM_LANG_ID));
    return km__err(KM_ECORRUPT, "log", "event %u/%u (id %llu) does not apply: %s%.0s",
                   "peristiwa %u/%u (id %llu) tidak dapat diterapkan: %.0s%s", ap->ev.entity, ap->ev.op,
                   (unsigned long long)ap->ev.id, why_en, why_id);
}

int km__storage_rc(int rc, const char *method)
{
    /* Backends return negative KM_E* codes, ideally after km_error_set();
     * a positive value or a code without a matching last error still has
     * to reach the caller as a code with a message naming the method. */
    if (rc > 0) return km__err(KM_ESTORAGE, method, "backend returned %d", "backend mengembalikan %d", rc);
    if (rc < 0 && km_error_last() != rc) return km__err(rc, method, NULL, NULL);
    return rc;
}

static void txn_start(km_network *net)
{
    int64_t now = net->clock(net->clock_payload);
    /* Entry times never go backwards, so "as of a time" is a prefix of the
     * log even when clocks of different writers disagree. */
    net->txn_time = now > net->last_time ? now : net->last_time;
    net->txn_open = 1;
    net->n_undo = 0;
    net->txn_n_events = 0;
    km__buf_reset(&net->txn_events);
    /* Room for the header, so that the record needs no copy at commit.
     * Without it the commit copies: nothing fails here. */
    net->txn_hdr = km__entry_header_size(strlen(net->actor));
    if (km__buf_reserve(&net->txn_events, net->txn_hdr) == 0) net->txn_events.len = net->txn_hdr;
    else net->txn_hdr = 0;
}

static void txn_end(km_network *net)
{
    net->txn_open = 0;
    net->txn_explicit = 0;
    net->txn_n_events = 0;
    km__buf_reset(&net->txn_events);
    /* A big bulk transaction should not pin its buffers forever. */
    if (net->txn_events.cap > ((size_t)1 << 22)) km__buf_free(&net->txn_events);
    if (net->entry.cap > ((size_t)1 << 22)) km__buf_free(&net->entry);
}

/* Indexes whose maintenance waits for the end of a transaction (the
 * partners' filter sets, the agreements' party sets; see
 * km__partner_index_flush, km__agr_party_flush): brought up to date after a
 * replay. 0 or KM_ENOMEM; each flush that fails leaves its index as it
 * was. */
static int flush_indexes(km_network *net)
{
    int rc = km__partner_index_flush(&net->partners);
    return rc ? rc : km__agr_party_flush(&net->agreements);
}

/* The flushes of a commit, before its entry is written so that nothing is
 * logged that the state could not take: the agreements' party sets always;
 * the partners' filter sets once ps->flush_batch wait (see
 * KM__PARTNER_FLUSH_BATCH in partner_internal.h). A partner
 * flush that fails here changes nothing and is not the commit's failure:
 * the first reader of the sets retries it (and reports KM_ENOMEM if it
 * fails again). */
static int commit_flush(km_network *net)
{
    km__partners *ps = &net->partners;
    if (ps->n - ps->indexed >= ps->flush_batch && km__partner_index_flush(ps) != 0) km__err_clear();
    return km__agr_party_flush(&net->agreements);
}

static int commit(km_network *net)
{
    uint8_t hash[32];
    km__buf *rec = &net->entry;
    int rc;
    uint64_t seq = net->seq + 1;
    if (net->txn_n_events == 0) {
        txn_end(net);
        return 0;
    }
    km__buf_reset(&net->entry);
    rc = commit_flush(net);
    if (rc == 0)
        rc = km__entry_put_header(&net->entry, seq, net->txn_time, net->head, net->actor, strlen(net->actor),
                              net->txn_n_events);
    if (rc == 0 && net->entry.len == net->txn_hdr) { /* the usual case: the header in its room */
        memcpy(net->txn_events.data, net->entry.data, net->txn_hdr);
        rec = &net->txn_events;
    } else if (rc == 0) {
        rc = km__buf_put(&net->entry, net->txn_events.data + net->txn_hdr, net->txn_events.len - net->txn_hdr);
    }
    if (rc == 0) {
        rc = net->storage->append(net->storage, seq, rec->data, rec->len);
        if (rc) rc = km__storage_rc(rc, "storage.append");
    }
    if (rc) {
        undo_to(net, 0);
        txn_end(net);
        return rc;
    }
    km__sha256(rec->data, rec->len, hash);
    memcpy(net->head, hash, 32);
    net->seq = seq;
    net->last_time = net->txn_time;
    net->n_events += net->txn_n_events;
    net->n_bytes += rec->len;
    release_all(net);
    txn_end(net);
    return 0;
}

static int authorize(km_network *net, const km__opdef *def, uint64_t id)
{
    km_auth_request req;
    char reason[256];
    if (!net->auth) return 0;
    req.version = KM_AUTH_REQUEST_VERSION;
    req.entity = def->entity;
    req.entity_id = id;
    req.operation = def->name;
    req.actor = net->actor;
    reason[0] = '\0';
    if (net->auth(net->auth_payload, &req, reason, sizeof reason) == 0) return 0;
    reason[sizeof reason - 1] = '\0';
    return km__err(KM_EDENIED, def->name, "denied for actor \"%s\"%s%s", "ditolak untuk pelaku \"%s\"%s%s",
                   net->actor, reason[0] ? ": " : "", reason);
}

/* km__fields_check_known, with the operation's tag mask kept from the
 * previous change of the same operation. */
static int check_known(km_network *net, const km__opdef *def, const km__fields *f)
{
    if (net->known_def != def) {
        net->known_mask = km__fields_known_mask(def->schema, def->n_schema);
        net->known_def = def;
    }
    if (!(f->present & ~net->known_mask)) return 0;
    return km__fields_check_known(f, def->schema, def->n_schema);
}

static int apply_live(km_network *net, const km__opdef *def, uint64_t id, const void *payload, size_t len,
                      uint64_t *out_id)
{
    km__apply ap;
    size_t mark = net->n_undo;
    int rc;
    memset(&ap.ev, 0, sizeof ap.ev);
    ap.ev.entity = def->entity;
    ap.ev.op = def->op;
    ap.ev.id = id;
    ap.ev.payload = (const uint8_t *)payload;
    ap.ev.len = (uint32_t)len;
    ap.ev.fmt = KM__FIELDS_CURRENT;
    ap.time = net->txn_time;
    ap.replay = 0;
    ap.id = id;
    rc = km__fields_parse(&ap.f, payload, len, KM__FIELDS_CURRENT);
    if (rc == 0) rc = check_known(net, def, &ap.f);
    if (rc == 0) rc = def->apply(net, &ap);
    if (rc == 0) {
        rc = km__event_put(&net->txn_events, def->entity, def->op, ap.id, payload, len);
        if (rc == 0) net->txn_n_events++;
    }
    if (rc) {
        undo_to(net, mark);
        return rc;
    }
    if (out_id) *out_id = ap.id;
    return 0;
}

int km__change(km_network *net, uint16_t entity, uint16_t op, uint64_t id,
               const void *payload, size_t len, uint64_t *out_id)
{
    const km__opdef *def = km__op_find(entity, op);
    int rc, tries;
    if (!def) return km__err(KM_ERROR, "op", "unknown operation", "operasi tidak dikenal");
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = authorize(net, def, id)) != 0) return rc;
    if (len >= 0xFFFFFFFFu) return km__err(KM_ERANGE, def->name, "change too large", "perubahan terlalu besar");
    if (net->txn_open) return apply_live(net, def, id, payload, len, out_id);
    for (tries = 0;; tries++) {
        uint64_t new_id = 0;
        txn_start(net);
        rc = apply_live(net, def, id, payload, len, &new_id);
        if (rc) {
            txn_end(net);
            return rc;
        }
        rc = commit(net);
        if (rc == 0) {
            if (out_id) *out_id = new_id;
            return 0;
        }
        if (rc != KM_ECONFLICT || !net->retry || tries >= KM__CONFLICT_RETRIES) return rc;
        /* Someone else appended first: catch up, then revalidate and
         * retry against the new state. */
        if ((rc = km_network_refresh(net)) != 0) return rc;
    }
}

int km_network_begin(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (net->txn_open)
        return km__err(KM_ESTATE, "transaction", "a transaction is already open", "transaksi sudah dibuka");
    txn_start(net);
    net->txn_explicit = 1;
    return 0;
}

int km_network_commit(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!net->txn_open)
        return km__err(KM_ESTATE, "transaction", "no transaction is open", "tidak ada transaksi yang dibuka");
    return commit(net);
}

int km_network_rollback(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!net->txn_open)
        return km__err(KM_ESTATE, "transaction", "no transaction is open", "tidak ada transaksi yang dibuka");
    undo_to(net, 0);
    txn_end(net);
    return 0;
}

/* ---- replay ---- */

typedef struct replay_ctx {
    km_network *net;
    int stopped; /* reached the as-of point */
} replay_ctx;

#define KM__REPLAY_STOP 1

static int replay_entry(void *payload, uint64_t seq, const void *data, size_t len)
{
    replay_ctx *rc_ = (replay_ctx *)payload;
    km_network *net = rc_->net;
    km__entry e;
    km__event ev;
    size_t pos = 0;
    uint32_t k = 0;
    int rc;

    if (net->as_of_seq && seq > net->as_of_seq) return KM__REPLAY_STOP;
    if (seq != net->seq + 1)
        return km__err(KM_ECORRUPT, "log", "expected entry %llu, storage gave %llu",
                       "diharapkan entri %llu, penyimpanan memberi %llu",
                       (unsigned long long)(net->seq + 1), (unsigned long long)seq);
    rc = km__entry_decode(&e, data, len, seq);
    if (rc) return rc;
    if (memcmp(e.prev, net->head, 32) != 0)
        return km__err(KM_ECORRUPT, "log", "entry %llu does not carry the hash of entry %llu (altered or missing entry)",
                       "entri %llu tidak membawa hash entri %llu (entri diubah atau hilang)",
                       (unsigned long long)seq, (unsigned long long)(seq - 1));
    if (e.time < net->last_time)
        return km__err(KM_ECORRUPT, "log", "entry %llu is older than the entry before it",
                       "entri %llu lebih tua daripada entri sebelumnya", (unsigned long long)seq);
    if (net->as_of_time && e.time > net->as_of_time) return KM__REPLAY_STOP;

    net->n_undo = 0;
    while (km__entry_next_event(&e, &pos, &ev)) {
        const km__opdef *def = km__op_find(ev.entity, ev.op);
        km__apply ap;
        k++;
        if (!def) {
            rc = km__err(KM_EVERSION, "log", "entry %llu has an unknown operation %u/%u (written by a newer library?)",
                         "entri %llu memuat operasi tak dikenal %u/%u (ditulis pustaka yang lebih baru?)",
                         (unsigned long long)seq, ev.entity, ev.op);
            break;
        }
        ap.ev = ev;
        ap.time = e.time;
        ap.replay = 1;
        ap.id = ev.id;
        rc = km__fields_parse(&ap.f, ev.payload, ev.len, ev.fmt);
        if (rc == 0) rc = check_known(net, def, &ap.f);
        if (rc == 0) rc = def->apply(net, &ap);
        if (rc) {
            if (rc != KM_ENOMEM) {
                char why[512];
                memcpy(why, km_error_last_message(KM_LANG_EN), sizeof why - 1);
                why[sizeof why - 1] = '\0';
                rc = km__err(rc == KM_EVERSION ? KM_EVERSION : KM_ECORRUPT, "log", "entry %llu, change %u: %s",
                             "entri %llu, perubahan %u: %s", (unsigned long long)seq, k, why);
            }
            break;
        }
    }
    if (rc == 0 && k != e.n_events)
        rc = km__err(KM_ECORRUPT, "log", "entry %llu: event count mismatch", "entri %llu: jumlah peristiwa tidak cocok",
                     (unsigned long long)seq);
    if (rc) {
        undo_to(net, 0);
        return rc;
    }
    release_all(net);
    km__sha256(data, len, net->head);
    net->seq = seq;
    net->last_time = e.time;
    net->n_events += e.n_events;
    net->n_bytes += len;
    return 0;
}

int km__replay(km_network *net)
{
    replay_ctx c;
    int rc;
    c.net = net;
    c.stopped = 0;
    rc = net->storage->scan(net->storage, net->seq + 1, replay_entry, &c);
    if (rc == KM__REPLAY_STOP) rc = 0;
    if ((rc = km__storage_rc(rc, "storage.scan")) != 0) return rc;
    /* The replayed creations were left unindexed, like a transaction's:
     * index them now, in bulk, so that opening pays for it once. */
    return flush_indexes(net);
}

int km_network_refresh(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (net->as_of_seq || net->as_of_time)
        return km__err(KM_EREADONLY, "net", "a view of the past cannot be refreshed",
                       "tampilan masa lalu tidak dapat diperbarui");
    if (net->txn_open)
        return km__err(KM_ESTATE, "transaction", "cannot refresh inside a transaction",
                       "tidak dapat memperbarui di dalam transaksi");
    return km__replay(net);
}
