/* The commitment section of a snapshot: for each commitment, its record
 * (TLV with the event tags plus state tags, so loading reuses the event
 * decoder and validator), its lifecycle steps, its tranches and its ledger.
 * Loading rebuilds the derived state (sums, the by-date order, reversal
 * links, the transaction index) and re-checks every ledger invariant: a
 * snapshot is a cache, the log stays the authority. */
#include "commitment/commitment.h"
#include "network/snapshot.h"
#include "util/date.h"

#include <stdlib.h>
#include <string.h>

static int encode(km__buf *b, const km_commitment *c)
{
    int rc = km__fw_u64(b, KM__CT_AGREEMENT, c->agreement);
    if (!rc) rc = km__fw_u64(b, KM__CT_PROVIDER, c->provider);
    if (!rc) rc = km__fw_u64(b, KM__CT_RECIPIENT, c->recipient);
    if (!rc) rc = km__fw_u64(b, KM__CT_KIND, c->kind);
    if (!rc) rc = km__fw_str(b, KM__CT_TITLE, c->title);
    if (!rc) rc = km__fw_i64(b, KM__CT_AMOUNT, c->amount);
    if (!rc && c->is_money) rc = km__fw_str(b, KM__CT_CURRENCY, c->currency);
    if (!rc && c->unit) rc = km__fw_str(b, KM__CT_UNIT, c->unit);
    if (!rc && c->val_currency[0]) {
        rc = km__fw_i64(b, KM__CT_VALUATION, c->valuation);
        if (!rc) rc = km__fw_str(b, KM__CT_VAL_CURRENCY, c->val_currency);
    }
    if (!rc && c->has_loan) {
        rc = km__fw_u64(b, KM__CT_RATE, c->rate_bp);
        if (!rc) rc = km__fw_u64(b, KM__CT_TERM, c->term);
        if (!rc) rc = km__fw_u64(b, KM__CT_GRACE, c->grace);
        if (!rc) rc = km__fw_u64(b, KM__CT_METHOD, c->method);
        if (!rc) rc = km__fw_str(b, KM__CT_LOAN_START, c->loan_start_s);
    }
    if (!rc) rc = km__fw_u64(b, KM__CT_STATUS, c->status);
    if (!rc && c->status_reason) rc = km__fw_str(b, KM__CT_REASON, c->status_reason);
    if (!rc) rc = km__fw_i64(b, KM__CT_S_CREATED, c->created);
    if (!rc) rc = km__fw_i64(b, KM__CT_S_UPDATED, c->updated);
    return rc;
}

static int enc_cmt(km__buf *b, const void *x) { return encode(b, (const km_commitment *)x); }

int km__commitment_snapshot_put(km_network *net, km__buf *b)
{
    const km__commitments *cs = &net->commitments;
    size_t i, k;
    int rc = km__buf_put_u64(b, cs->n);
    if (rc == 0) rc = km__buf_put_u64(b, cs->n_txs);
    for (i = 0; rc == 0 && i < cs->n; i++) {
        const km__cmt_slot *slot = &cs->items[i];
        if ((rc = km__buf_spill(b)) != 0) break;
        rc = km__snap_put_tlv(b, enc_cmt, slot->cur);
        if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)slot->n_steps);
        for (k = 0; rc == 0 && k < slot->n_steps; k++) {
            const km__cstep *st = slot->steps[k];
            km__buf_put_u8(b, (uint8_t)st->from);
            km__buf_put_u8(b, (uint8_t)st->to);
            km__buf_put_i64(b, st->time);
            km__buf_put_u64(b, st->tx);
            rc = km__buf_put_str(b, st->has_reason ? st->reason : NULL);
        }
        if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)slot->n_tr);
        for (k = 0; rc == 0 && k < slot->n_tr; k++) {
            const km__tranche *t = slot->tr[k];
            km__buf_put_u8(b, t->status);
            km__buf_put_u32(b, (uint32_t)t->date);
            km__buf_put_i64(b, t->amount);
            km__buf_put_str(b, t->note);
            rc = km__buf_put_str(b, t->reason);
        }
        if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)slot->n_tx);
        for (k = 0; rc == 0 && k < slot->n_tx; k++) {
            const km__ltx *x = slot->tx[k];
            km__buf_put_u64(b, x->id);
            km__buf_put_u64(b, x->reverses);
            km__buf_put_u8(b, x->type);
            km__buf_put_i64(b, x->amount);
            km__buf_put_u32(b, (uint32_t)x->date);
            km__buf_put_u32(b, x->tranche);
            km__buf_put_i64(b, x->time);
            rc = km__buf_put_str(b, x->has_note ? x->note : NULL);
        }
    }
    return rc;
}

static int load_record(km_network *net, km__rd *r, uint64_t id, km_commitment **out)
{
    km__fields f;
    km__cin in;
    uint64_t status = 0;
    int64_t created = 0, updated = 0;
    int rc;
    *out = NULL;
    if ((rc = km__snap_next_tlv(net, r, &f, "commitment record")) != 0) return rc;
    memset(&in, 0, sizeof in);
    if (km__cmt_decode(&f, &in) != 0 || km__cmt_get_u64(&f, KM__CT_STATUS, "status", &status, 1) != 0 ||
        km__cmt_get_str(&f, KM__CT_REASON, &in.reason) != 0)
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    in.status = status;
    if (km__fields_i64(&f, KM__CT_S_CREATED, &created) != 1 || km__fields_i64(&f, KM__CT_S_UPDATED, &updated) != 1)
        return km__snapshot_bad("commitment state");
    if (km__cmt_validate(net, &in, 0) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    *out = km__cmt_build(net, &in, id, created, updated);
    return *out ? 0 : km__nomem();
}

typedef struct dkey {
    int32_t date;
    uint64_t id;
    uint32_t index;
} dkey;

static int cmp_dkey(const void *x, const void *y)
{
    const dkey *a = (const dkey *)x, *b = (const dkey *)y;
    if (a->date != b->date) return a->date < b->date ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* Steps, tranches and ledger of the slot being loaded. */
static int load_parts(km_network *net, km__rd *r, km__cmt_slot *slot, uint64_t n_txs)
{
    km__commitments *cs = &net->commitments;
    const km_commitment *c = slot->cur;
    uint32_t n, k;
    dkey *keys;
    int rc;
    n = km__rd_u32(r);
    if (r->err || n == 0 || n > km__rd_left(r)) return km__snapshot_bad("step count");
    if ((rc = km__grow(net->a, (void **)&slot->steps, &slot->cap_steps, n, sizeof *slot->steps)) != 0) return rc;
    for (k = 0; k < n; k++) {
        int8_t from = (int8_t)km__rd_u8(r), to = (int8_t)km__rd_u8(r);
        int64_t time = km__rd_i64(r);
        uint64_t tx = km__rd_u64(r);
        size_t len;
        int present;
        const char *reason = km__rd_str(r, &len, &present);
        km__cstep *st;
        if (r->err || from < -1 || from >= KM_COMMITMENT_STATUS__COUNT || to < 0 || to >= KM_COMMITMENT_STATUS__COUNT ||
            tx > n_txs || (present && km__v_text("reason", reason, len, 1, KM_COMMITMENT_REASON_MAX, 1) != 0))
            return km__snapshot_bad("commitment step");
        st = km__cstep_new(net->a, from, to, time, tx, present ? reason : NULL, len);
        if (!st) return km__nomem();
        slot->steps[slot->n_steps++] = st;
    }
    n = km__rd_u32(r);
    if (r->err || n > KM_COMMITMENT_TRANCHES_MAX) return km__snapshot_bad("tranche count");
    if (n && (rc = km__grow(net->a, (void **)&slot->tr, &slot->cap_tr, n, sizeof *slot->tr)) != 0) return rc;
    for (k = 0; k < n; k++) {
        uint8_t status = km__rd_u8(r);
        int32_t date = (int32_t)km__rd_u32(r);
        int64_t amount = km__rd_i64(r);
        size_t nl, rl;
        int np, rp;
        const char *note = km__rd_str(r, &nl, &np), *reason = km__rd_str(r, &rl, &rp);
        km__tranche *t;
        if (r->err || status >= KM_TRANCHE_STATUS__COUNT || amount <= 0 || date < KM__DATE_MIN || date > KM__DATE_MAX ||
            (np && km__v_text("tranche.note", note, nl, 1, KM_COMMITMENT_TITLE_MAX, 0) != 0) ||
            (rp && km__v_text("tranche.reason", reason, rl, 1, KM_COMMITMENT_REASON_MAX, 1) != 0))
            return km__snapshot_bad("tranche");
        t = km__tranche_new(net->a, k + 1, status, date, amount, np ? note : NULL, nl, rp ? reason : NULL, rl);
        if (!t) return km__nomem();
        slot->tr[slot->n_tr++] = t;
    }
    n = km__rd_u32(r);
    if (r->err || n > km__rd_left(r) || n > n_txs) return km__snapshot_bad("transaction count");
    if (n) {
        if ((rc = km__grow(net->a, (void **)&slot->tx, &slot->cap_tx, n, sizeof *slot->tx)) != 0 ||
            (rc = km__grow(net->a, (void **)&slot->rev_by, &slot->cap_rev, n, sizeof *slot->rev_by)) != 0 ||
            (rc = km__grow(net->a, (void **)&slot->by_date, &slot->cap_bd, n, sizeof *slot->by_date)) != 0)
            return rc;
    }
    for (k = 0; k < n; k++) {
        km__ltx_in in;
        km__ltx *x;
        uint64_t id = km__rd_u64(r);
        int64_t time;
        memset(&in, 0, sizeof in);
        in.reverses = km__rd_u64(r);
        in.type = km__rd_u8(r);
        in.amount = km__rd_i64(r);
        in.date = (int32_t)km__rd_u32(r);
        in.tranche = km__rd_u32(r);
        time = km__rd_i64(r);
        km__rd_sl(r, &in.note);
        if (r->err || id == 0 || id > n_txs || cs->txs[id - 1].commitment != 0 || in.type >= KM_LEDGER_TYPE__COUNT ||
            in.amount <= 0 || in.date < KM__DATE_MIN || in.date > KM__DATE_MAX || in.tranche > slot->n_tr ||
            (k && id <= slot->tx[k - 1]->id) ||
            (in.note.p && km__v_text("ledger.note", in.note.p, in.note.n, 1, KM_COMMITMENT_REASON_MAX, 1) != 0))
            return km__snapshot_bad("ledger transaction");
        if (in.reverses) {
            const km__txref *o = in.reverses < id ? &cs->txs[in.reverses - 1] : NULL;
            const km__ltx *orig = o && o->commitment == c->id ? slot->tx[o->index] : NULL;
            if (!orig || orig->reverses || slot->rev_by[o->index] || orig->type != in.type ||
                orig->amount != in.amount || orig->date != in.date || orig->tranche != in.tranche)
                return km__snapshot_bad("reversal");
            slot->rev_by[o->index] = id;
        }
        x = km__ltx_new(net->a, &in, id, time);
        if (!x) return km__nomem();
        slot->tx[k] = x;
        slot->rev_by[k] = 0;
        slot->n_tx = k + 1;
        cs->txs[id - 1].commitment = c->id;
        cs->txs[id - 1].index = k;
    }
    if (n) {
        keys = (dkey *)km__malloc(net->a, n * sizeof *keys);
        if (!keys) return km__nomem();
        for (k = 0; k < n; k++) {
            keys[k].date = slot->tx[k]->date;
            keys[k].id = slot->tx[k]->id;
            keys[k].index = k;
        }
        qsort(keys, n, sizeof *keys, cmp_dkey);
        for (k = 0; k < n; k++) slot->by_date[k] = keys[k].index;
        km__free(net->a, keys);
    }
    return 0;
}

int km__commitment_snapshot_load(km_network *net, km__rd *r)
{
    km__commitments *cs = &net->commitments;
    uint64_t n = km__rd_u64(r), n_txs = km__rd_u64(r), i;
    int rc;
    if (r->err || n > km__rd_left(r) || n_txs > km__rd_left(r)) return km__snapshot_bad("commitment count");
    if ((rc = km__grow(net->a, (void **)&cs->items, &cs->cap, (size_t)n, sizeof *cs->items)) != 0) return rc;
    if (n_txs) {
        if ((rc = km__grow(net->a, (void **)&cs->txs, &cs->cap_txs, (size_t)n_txs, sizeof *cs->txs)) != 0) return rc;
        memset(cs->txs, 0, (size_t)n_txs * sizeof *cs->txs);
    }
    cs->n_txs = (size_t)n_txs;
    for (i = 0; i < n; i++) {
        km__cmt_slot *slot = &cs->items[i];
        km_commitment *c;
        int64_t sums[KM_LEDGER_TYPE__COUNT];
        memset(slot, 0, sizeof *slot);
        if ((rc = load_record(net, r, i + 1, &c)) != 0) return rc;
        slot->cur = c;
        cs->n = (size_t)i + 1; /* from here the slot is freed with the state */
        if ((rc = load_parts(net, r, slot, n_txs)) != 0) return rc;
        if ((rc = km__ledger_sums(slot, 0, 0, sums)) != 0) return km__snapshot_bad("ledger sums");
        memcpy(c->sums, sums, sizeof sums); /* the record is not shared yet */
        if (km__ledger_verify(slot, c) != 0) return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
        if (km__ledger_status(c->status, sums) != c->status) return km__snapshot_bad("status does not follow the ledger");
        if ((rc = km__cmt_index_add(cs, c)) != 0) return rc;
    }
    for (i = 0; i < n_txs; i++)
        if (cs->txs[i].commitment == 0) return km__snapshot_bad("missing ledger transaction");
    return 0;
}
