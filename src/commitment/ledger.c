/* The ledger: append-only transactions of money or effort per commitment,
 * reversals, the invariants checked at every value date, the states the
 * ledger drives, and the ledger reads and reports.
 *
 * Each commitment keeps its transactions in recording order (= id order)
 * and an index sorted by (value date, id). A reversal takes the value date
 * of the entry it reverses, so "as of a date" sums simply add up the sorted
 * prefix, and the invariants are checked once per distinct value date,
 * after every entry of that date: backdating cannot sneak a disbursement in
 * before its commitment. */
#include "commitment/commitment.h"
#include "util/date.h"
#include "util/money.h"

#include <stdio.h>
#include <string.h>

km__ltx *km__ltx_new(const km_allocator *a, const km__ltx_in *in, uint64_t id, int64_t time)
{
    size_t len = in->note.p ? in->note.n : 0;
    km__ltx *x = (km__ltx *)km__malloc(a, sizeof *x + len);
    if (!x) return NULL;
    x->id = id;
    x->reverses = in->reverses;
    x->amount = in->amount;
    x->time = time;
    x->date = in->date;
    x->tranche = in->tranche;
    x->type = (uint8_t)in->type;
    x->has_note = in->note.p != NULL;
    if (len) memcpy(x->note, in->note.p, len);
    x->note[len] = '\0';
    return x;
}

void km__ltx_free_all(const km_allocator *a, km__cmt_slot *slot)
{
    size_t i;
    for (i = 0; i < slot->n_tx; i++) km__free(a, slot->tx[i]);
    km__free(a, slot->tx);
    km__free(a, slot->rev_by);
    km__free(a, slot->by_date);
    slot->tx = NULL;
    slot->rev_by = NULL;
    slot->by_date = NULL;
    slot->n_tx = slot->cap_tx = slot->cap_rev = slot->cap_bd = 0;
}

int km__ledger_status(int status, const int64_t *sums)
{
    int64_t disbursed;
    if (status != KM_COMMITMENT_COMMITTED && status != KM_COMMITMENT_DISBURSING &&
        status != KM_COMMITMENT_FULLY_DISBURSED)
        return status;
    /* An overflowing sum is refused by km__ledger_verify; keep the state. */
    if (sums[KM_LEDGER_REIMBURSEMENT] > 0 && sums[KM_LEDGER_DISBURSEMENT] > INT64_MAX - sums[KM_LEDGER_REIMBURSEMENT])
        return status;
    disbursed = sums[KM_LEDGER_DISBURSEMENT] + sums[KM_LEDGER_REIMBURSEMENT];
    if (disbursed <= 0) return KM_COMMITMENT_COMMITTED;
    return disbursed < sums[KM_LEDGER_COMMITMENT] ? KM_COMMITMENT_DISBURSING : KM_COMMITMENT_FULLY_DISBURSED;
}

static int add_signed(int64_t *sum, const km__ltx *t)
{
    return t->reverses ? km__money_sub(*sum, t->amount, sum) : km__money_add(*sum, t->amount, sum);
}

static int overflow_at(const km_commitment *c, int32_t day)
{
    char d[KM__DATE_BUF];
    km__date_format(d, day);
    return km__err(KM_ERANGE, "ledger.amount", "the sums of commitment %llu on %s overflow a 64-bit count",
                   "jumlah komitmen %llu pada %s melampaui batas hitungan 64-bit", (unsigned long long)c->id, d);
}

int km__ledger_sums(const km__cmt_slot *slot, int has_date, int32_t as_of, int64_t sums[KM_LEDGER_TYPE__COUNT])
{
    size_t i;
    memset(sums, 0, KM_LEDGER_TYPE__COUNT * sizeof *sums);
    for (i = 0; i < slot->n_tx; i++) {
        const km__ltx *t = slot->tx[slot->by_date[i]];
        if (has_date && t->date > as_of) break;
        if (add_signed(&sums[t->type], t) != 0) return overflow_at(slot->cur, t->date);
    }
    return 0;
}

/* Messages name the rule (as the error's field), the date and the amounts. */
static int broken(const km_commitment *c, const char *rule, int32_t day, const char *what_en, const char *what_id,
                  int64_t a, const char *limit_en, const char *limit_id, int64_t b, int64_t extra, int has_extra)
{
    char d[KM__DATE_BUF], ae[48], ai[48], be[48], bi[48], xe[96], xi[96];
    km__date_format(d, day);
    km__cmt_fmt(ae, sizeof ae, c, a, KM_LANG_EN);
    km__cmt_fmt(ai, sizeof ai, c, a, KM_LANG_ID);
    km__cmt_fmt(be, sizeof be, c, b, KM_LANG_EN);
    km__cmt_fmt(bi, sizeof bi, c, b, KM_LANG_ID);
    xe[0] = xi[0] = '\0';
    if (has_extra) {
        char e[48], i[48];
        km__cmt_fmt(e, sizeof e, c, extra, KM_LANG_EN);
        km__cmt_fmt(i, sizeof i, c, extra, KM_LANG_ID);
        snprintf(xe, sizeof xe, " plus interest due %s", e);
        snprintf(xi, sizeof xi, " ditambah bunga jatuh tempo %s", i);
    }
    return km__err(KM_ESTATE, rule, "commitment %llu on %s: %s%.0s %s%.0s would exceed %s%.0s %s%.0s%s%.0s (rule %s)",
                   "komitmen %llu pada %s: %.0s%s %.0s%s akan melebihi %.0s%s %.0s%s%.0s%s (aturan %s)",
                   (unsigned long long)c->id, d, what_en, what_id, ae, ai, limit_en, limit_id, be, bi, xe, xi, rule);
}

int km__ledger_verify(const km__cmt_slot *slot, const km_commitment *c)
{
    int64_t s[KM_LEDGER_TYPE__COUNT];
    int64_t due = 0, disbursed, paid, allowed;
    km__loan l;
    km__loan_it it;
    km__inst inst;
    int loan = km__cmt_is_loan(c), have = 0;
    size_t i;
    memset(s, 0, sizeof s);
    if (loan) {
        km__loan_of(&l, c);
        km__loan_it_init(&it, &l);
        have = km__loan_it_next(&it, &inst);
    }
    for (i = 0; i < slot->n_tx; i++) {
        const km__ltx *t = slot->tx[slot->by_date[i]];
        if (add_signed(&s[t->type], t) != 0) return overflow_at(c, t->date);
        if (i + 1 < slot->n_tx && slot->tx[slot->by_date[i + 1]]->date == t->date) continue;
        /* Every entry of this value date is in: check the invariants. */
        if (km__money_add(s[KM_LEDGER_DISBURSEMENT], s[KM_LEDGER_REIMBURSEMENT], &disbursed) != 0)
            return overflow_at(c, t->date);
        if (disbursed > s[KM_LEDGER_COMMITMENT])
            return broken(c, "ledger.disbursed_le_committed", t->date, "disbursed", "pencairan", disbursed,
                          "committed", "komitmen", s[KM_LEDGER_COMMITMENT], 0, 0);
        if (!loan) continue;
        if (s[KM_LEDGER_LOAN_REPAYMENT] > disbursed)
            return broken(c, "loan.repaid_le_disbursed", t->date, "principal repaid", "pokok yang dibayar",
                          s[KM_LEDGER_LOAN_REPAYMENT], "disbursed", "pencairan", disbursed, 0, 0);
        while (have == 1 && inst.due <= t->date) {
            due += inst.interest; /* the schedule's total interest was checked at creation */
            have = km__loan_it_next(&it, &inst);
        }
        if (have < 0) return have;
        if (km__money_add(s[KM_LEDGER_LOAN_REPAYMENT], s[KM_LEDGER_INTEREST_PAYMENT], &paid) != 0 ||
            km__money_add(disbursed, due, &allowed) != 0)
            return overflow_at(c, t->date);
        if (paid > allowed)
            return broken(c, "loan.payments_le_disbursed_plus_interest_due", t->date,
                          "repayments plus interest paid", "pembayaran pokok dan bunga", paid, "disbursed",
                          "pencairan", disbursed, due, 1);
    }
    return 0;
}

int km__tranche_progress(const km__cmt_slot *slot, const km__tranche *tr, int has_date, int32_t as_of,
                         int64_t *disbursed, int *met, int32_t *met_date)
{
    int64_t sum = 0;
    int touched = 0;
    size_t i;
    *met = 0;
    *met_date = 0;
    for (i = 0; i < slot->n_tx; i++) {
        const km__ltx *t = slot->tx[slot->by_date[i]];
        if (has_date && t->date > as_of) break;
        if (t->tranche == tr->number &&
            (t->type == KM_LEDGER_DISBURSEMENT || t->type == KM_LEDGER_REIMBURSEMENT)) {
            if (add_signed(&sum, t) != 0) return overflow_at(slot->cur, t->date);
            touched = 1;
        }
        /* A tranche is met at the end of a value date (reversals share it). */
        if (touched && !*met && (i + 1 == slot->n_tx || slot->tx[slot->by_date[i + 1]]->date != t->date) &&
            sum >= tr->amount) {
            *met = 1;
            *met_date = t->date;
        }
    }
    *disbursed = sum;
    return 0;
}

/* ---- append ---- */

static void undo_append(km_network *net, km__undo *u)
{
    km__commitments *cs = &net->commitments;
    km__cmt_slot *slot = &cs->items[u->id - 1];
    km__ltx *x = (km__ltx *)u->ptr;
    uint32_t idx = (uint32_t)(slot->n_tx - 1);
    size_t p = slot->n_tx;
    while (p-- > 0)
        if (slot->by_date[p] == idx) break;
    memmove(slot->by_date + p, slot->by_date + p + 1, (slot->n_tx - p - 1) * sizeof *slot->by_date);
    if (x->reverses) slot->rev_by[cs->txs[x->reverses - 1].index] = 0;
    cs->n_txs--;
    slot->n_tx--;
    km__free(net->a, x);
}

/* First position in by_date whose entry has a later value date. */
static size_t upper_bound(const km__cmt_slot *slot, int32_t date)
{
    size_t lo = 0, hi = slot->n_tx;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (slot->tx[slot->by_date[mid]]->date <= date) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int km__ledger_append(km_network *net, km__apply *ap, km__cmt_slot *slot, const km__ltx_in *t,
                      const km__sl *step_reason, int explicit_step)
{
    km__commitments *cs = &net->commitments;
    km_commitment *c = slot->cur, *nw;
    km__cstep *step = NULL;
    km__ltx *x;
    km__cin in;
    int64_t sums[KM_LEDGER_TYPE__COUNT];
    uint64_t id = cs->n_txs + 1;
    size_t pos;
    int to, rc;
    memcpy(sums, c->sums, sizeof sums);
    rc = t->reverses ? km__money_sub(sums[t->type], t->amount, &sums[t->type])
                     : km__money_add(sums[t->type], t->amount, &sums[t->type]);
    if (rc) return km__apply_fail(ap, overflow_at(c, t->date));
    to = c->status;
    if (to == KM_COMMITMENT_PLEDGED && t->type == KM_LEDGER_COMMITMENT && !t->reverses) to = KM_COMMITMENT_COMMITTED;
    to = km__ledger_status(to, sums);
    if (t->tranche && !t->reverses) {
        const km__tranche *tr = slot->tr[t->tranche - 1];
        int64_t done, total;
        int32_t md;
        int met;
        if ((rc = km__tranche_progress(slot, tr, 0, 0, &done, &met, &md)) != 0) return km__apply_fail(ap, rc);
        if (km__money_add(done, t->amount, &total) != 0 || total > tr->amount) {
            char e[48], i[48], te[48], ti[48];
            km__cmt_fmt(e, sizeof e, c, done, KM_LANG_EN);
            km__cmt_fmt(i, sizeof i, c, done, KM_LANG_ID);
            km__cmt_fmt(te, sizeof te, c, tr->amount, KM_LANG_EN);
            km__cmt_fmt(ti, sizeof ti, c, tr->amount, KM_LANG_ID);
            return km__apply_fail(ap, km__err(KM_ESTATE, "tranche.amount",
                                              "tranche %lu of commitment %llu is %s%.0s and has %s%.0s disbursed: "
                                              "this entry would exceed it (reschedule the tranche or record the "
                                              "excess without a tranche)",
                                              "termin %lu komitmen %llu bernilai %.0s%s dan telah dicairkan %.0s%s: "
                                              "entri ini akan melebihinya (jadwalkan ulang termin atau catat "
                                              "kelebihannya tanpa termin)",
                                              (unsigned long)tr->number, (unsigned long long)c->id, te, ti, e, i));
        }
    }
    /* Reserve and allocate everything before the first visible change. */
    if ((rc = km__undo_reserve(net, 3)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&slot->tx, &slot->cap_tx, slot->n_tx + 1, sizeof *slot->tx)) != 0 ||
        (rc = km__grow(net->a, (void **)&slot->rev_by, &slot->cap_rev, slot->n_tx + 1, sizeof *slot->rev_by)) != 0 ||
        (rc = km__grow(net->a, (void **)&slot->by_date, &slot->cap_bd, slot->n_tx + 1, sizeof *slot->by_date)) != 0 ||
        (rc = km__grow(net->a, (void **)&cs->txs, &cs->cap_txs, cs->n_txs + 1, sizeof *cs->txs)) != 0)
        return rc;
    if (slot->n_tx >= UINT32_MAX)
        return km__apply_fail(ap, km__err(KM_ERANGE, "ledger", "commitment %llu has too many transactions",
                                          "komitmen %llu memiliki terlalu banyak transaksi", (unsigned long long)c->id));
    if (to != c->status && (rc = km__idset_reserve(&cs->by_status[to], c->id)) != 0) return rc;
    if (to != c->status || explicit_step) {
        if ((rc = km__cmt_step_reserve(net, slot)) != 0) return rc;
        step = km__cstep_new(net->a, c->status, to, ap->time, id, step_reason ? step_reason->p : NULL,
                             step_reason ? step_reason->n : 0);
        if (!step) return km__nomem();
    }
    x = km__ltx_new(net->a, t, id, ap->time);
    km__cin_from_record(&in, c);
    in.status = (uint64_t)to;
    memcpy(in.sums, sums, sizeof sums);
    if (explicit_step && step_reason) in.reason = *step_reason;
    nw = x ? km__cmt_build(net, &in, c->id, c->created, ap->time) : NULL;
    if (!nw) {
        km__free(net->a, x);
        km__free(net->a, step);
        return km__nomem();
    }
    /* Insert, check every value date, and take it back if a rule breaks. */
    pos = upper_bound(slot, x->date);
    memmove(slot->by_date + pos + 1, slot->by_date + pos, (slot->n_tx - pos) * sizeof *slot->by_date);
    slot->by_date[pos] = (uint32_t)slot->n_tx;
    slot->tx[slot->n_tx] = x;
    slot->rev_by[slot->n_tx] = 0;
    slot->n_tx++;
    if ((rc = km__ledger_verify(slot, nw)) != 0) {
        slot->n_tx--;
        memmove(slot->by_date + pos, slot->by_date + pos + 1, (slot->n_tx - pos) * sizeof *slot->by_date);
        km__free(net->a, x);
        km__free(net->a, step);
        km__commitment_unref(nw);
        return km__apply_fail(ap, rc);
    }
    cs->txs[cs->n_txs].commitment = c->id;
    cs->txs[cs->n_txs].index = (uint32_t)(slot->n_tx - 1);
    cs->n_txs++;
    if (x->reverses) slot->rev_by[cs->txs[x->reverses - 1].index] = id;
    km__undo_push(net, undo_append, NULL, c->id, x);
    (void)km__cmt_replace(net, slot, nw); /* the status index was reserved: cannot fail */
    if (step) km__cmt_step_push(net, c->id, slot, step);
    ap->id = c->id;
    return 0;
}

/* ---- apply ---- */

static int closed(km__apply *ap, const km_commitment *c)
{
    return km__apply_fail(ap, km__err(KM_ESTATE, "commitment.status",
                                      "commitment %llu is %s%.0s: its ledger takes no more entries",
                                      "komitmen %llu %.0s%s: buku besarnya tidak menerima entri lagi",
                                      (unsigned long long)c->id, km_commitment_status_label(c->status, KM_LANG_EN),
                                      km_commitment_status_label(c->status, KM_LANG_ID)));
}

int km__cmt_apply_ledger_record(km_network *net, km__apply *ap)
{
    km__cmt_slot *slot;
    const km_commitment *c;
    km__ltx_in t;
    km__sl cur;
    uint64_t type = 0, tranche = 0;
    int rc, has_date = 0;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    c = slot->cur;
    memset(&t, 0, sizeof t);
    if ((rc = km__cmt_get_u64(&ap->f, KM__CT_TYPE, "ledger.type", &type, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("ledger.type", type, KM_LEDGER_TYPE__COUNT)) != 0) return km__apply_fail(ap, rc);
    t.type = (int)type;
    rc = km__fields_i64(&ap->f, KM__CT_AMOUNT, &t.amount);
    if (rc == 0) rc = km__err(KM_EINVAL, "ledger.amount", "is required", "wajib diisi");
    if (rc < 0) return km__apply_fail(ap, rc);
    if (t.amount <= 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.amount",
                                          "must be positive (%lld): a mistake is corrected by a reversing entry "
                                          "(km_ledger_reverse)",
                                          "harus positif (%lld): kesalahan dikoreksi dengan entri pembalik "
                                          "(km_ledger_reverse)",
                                          (long long)t.amount));
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_CURRENCY, &cur)) != 0) return km__apply_fail(ap, rc);
    if (c->is_money) {
        if (!cur.p)
            return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.currency", "is required (commitment %llu is in %s)",
                                              "wajib diisi (komitmen %llu dalam %s)", (unsigned long long)c->id,
                                              c->currency));
        if (cur.n != 3 || memcmp(cur.p, c->currency, 3) != 0)
            return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.currency",
                                              "\"%.*s\" is not %s, the currency of commitment %llu: currencies never "
                                              "mix in one sum",
                                              "\"%.*s\" bukan %s, mata uang komitmen %llu: mata uang tidak pernah "
                                              "dicampur dalam satu jumlah",
                                              (int)(cur.n > 16 ? 16 : cur.n), cur.p, c->currency,
                                              (unsigned long long)c->id));
    } else if (cur.p && (cur.n != strlen(c->unit) || memcmp(cur.p, c->unit, cur.n) != 0)) {
        return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.currency",
                                          "\"%.*s\" is not \"%s\", the unit of commitment %llu: units never mix in one "
                                          "sum",
                                          "\"%.*s\" bukan \"%s\", satuan komitmen %llu: satuan tidak pernah dicampur "
                                          "dalam satu jumlah",
                                          (int)(cur.n > 40 ? 40 : cur.n), cur.p, c->unit, (unsigned long long)c->id));
    }
    if ((rc = km__cmt_get_date(&ap->f, KM__CT_DATE, "ledger.value_date", &has_date, &t.date)) != 0)
        return km__apply_fail(ap, rc);
    if (!has_date) return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.value_date", "is required", "wajib diisi"));
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_NOTE, &t.note)) != 0) return km__apply_fail(ap, rc);
    if (t.note.p && (rc = km__v_text("ledger.note", t.note.p, t.note.n, 1, KM_COMMITMENT_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (km__fields_has(&ap->f, KM__CT_REVERSES))
        return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.reverses", "reversals are recorded by km_ledger_reverse",
                                          "pembalikan dicatat dengan km_ledger_reverse"));
    if ((rc = km__cmt_get_u64(&ap->f, KM__CT_TRANCHE, NULL, &tranche, 0)) != 0) return km__apply_fail(ap, rc);
    if (tranche) {
        if (t.type != KM_LEDGER_DISBURSEMENT && t.type != KM_LEDGER_REIMBURSEMENT)
            return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.tranche",
                                              "only disbursements and reimbursements are made against a tranche",
                                              "hanya pencairan dan penggantian yang dilakukan per termin"));
        if (tranche > slot->n_tr)
            return km__apply_fail(ap, km__err(KM_ENOTFOUND, "ledger.tranche", "commitment %llu has no tranche %llu",
                                              "komitmen %llu tidak memiliki termin %llu", (unsigned long long)c->id,
                                              (unsigned long long)tranche));
        if (slot->tr[tranche - 1]->status == KM_TRANCHE_CANCELLED)
            return km__apply_fail(ap, km__err(KM_ESTATE, "ledger.tranche", "tranche %llu of commitment %llu is cancelled",
                                              "termin %llu komitmen %llu dibatalkan", (unsigned long long)tranche,
                                              (unsigned long long)c->id));
        t.tranche = (uint32_t)tranche;
    }
    if ((t.type == KM_LEDGER_LOAN_REPAYMENT || t.type == KM_LEDGER_INTEREST_PAYMENT) && !km__cmt_is_loan(c))
        return km__apply_fail(ap, km__err(KM_EINVAL, "ledger.type", "%s%.0s is only for loans (commitment %llu is a %s%.0s)",
                                          "%.0s%s hanya untuk pinjaman (komitmen %llu adalah %.0s%s)",
                                          km_ledger_type_label(t.type, KM_LANG_EN), km_ledger_type_label(t.type, KM_LANG_ID),
                                          (unsigned long long)c->id, km_commitment_kind_label(c->kind, KM_LANG_EN),
                                          km_commitment_kind_label(c->kind, KM_LANG_ID)));
    if (!km__cmt_open(c->status)) return closed(ap, c);
    if (c->status == KM_COMMITMENT_PLEDGED &&
        (t.type == KM_LEDGER_DISBURSEMENT || t.type == KM_LEDGER_REIMBURSEMENT || t.type == KM_LEDGER_EXPENDITURE))
        return km__apply_fail(ap, km__err(KM_ESTATE, "commitment.status",
                                          "commitment %llu is only pledged: commit it (km_commitment_commit or a "
                                          "commitment transaction) before recording %s%.0s",
                                          "komitmen %llu baru dijanjikan: komitmenkan dulu (km_commitment_commit atau "
                                          "transaksi komitmen) sebelum mencatat %.0s%s",
                                          (unsigned long long)c->id, km_ledger_type_label(t.type, KM_LANG_EN),
                                          km_ledger_type_label(t.type, KM_LANG_ID)));
    if ((t.type == KM_LEDGER_LOAN_REPAYMENT || t.type == KM_LEDGER_INTEREST_PAYMENT) &&
        c->status != KM_COMMITMENT_DISBURSING && c->status != KM_COMMITMENT_FULLY_DISBURSED)
        return km__apply_fail(ap, km__err(KM_ESTATE, "commitment.status",
                                          "loan %llu is %s%.0s: nothing has been disbursed to repay",
                                          "pinjaman %llu %.0s%s: belum ada yang dicairkan untuk dibayar kembali",
                                          (unsigned long long)c->id, km_commitment_status_label(c->status, KM_LANG_EN),
                                          km_commitment_status_label(c->status, KM_LANG_ID)));
    return km__ledger_append(net, ap, slot, &t, NULL, 0);
}

int km__cmt_apply_ledger_reverse(km_network *net, km__apply *ap)
{
    km__commitments *cs = &net->commitments;
    km__cmt_slot *slot;
    const km_commitment *c;
    const km__ltx *orig;
    km__ltx_in t;
    uint64_t target = 0;
    uint32_t idx;
    int rc;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    c = slot->cur;
    memset(&t, 0, sizeof t);
    if ((rc = km__cmt_get_u64(&ap->f, KM__CT_REVERSES, "ledger.reverses", &target, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_NOTE, &t.note)) != 0) return km__apply_fail(ap, rc);
    if (!t.note.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "reason", "a reversal needs a reason", "pembalikan memerlukan alasan"));
    if ((rc = km__v_text("reason", t.note.p, t.note.n, 1, KM_COMMITMENT_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (target == 0 || target > cs->n_txs || cs->txs[target - 1].commitment != c->id)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "ledger.reverses",
                                          "commitment %llu has no transaction %llu", "komitmen %llu tidak memiliki transaksi %llu",
                                          (unsigned long long)c->id, (unsigned long long)target));
    idx = cs->txs[target - 1].index;
    orig = slot->tx[idx];
    if (orig->reverses)
        return km__apply_fail(ap, km__err(KM_ESTATE, "ledger.reverses",
                                          "transaction %llu is itself the reversal of %llu: a reversal is never "
                                          "reversed (record the entry again instead)",
                                          "transaksi %llu adalah pembalikan dari %llu: pembalikan tidak dapat dibalik "
                                          "(catat ulang entrinya)",
                                          (unsigned long long)target, (unsigned long long)orig->reverses));
    if (slot->rev_by[idx])
        return km__apply_fail(ap, km__err(KM_ESTATE, "ledger.reverses", "transaction %llu is already reversed by %llu",
                                          "transaksi %llu sudah dibalik oleh %llu", (unsigned long long)target,
                                          (unsigned long long)slot->rev_by[idx]));
    if (!km__cmt_open(c->status)) return closed(ap, c);
    t.type = orig->type;
    t.amount = orig->amount;
    t.date = orig->date;
    t.tranche = orig->tranche;
    t.reverses = orig->id;
    return km__ledger_append(net, ap, slot, &t, NULL, 0);
}

/* ---- public: changes ---- */

int km_ledger_record(uint64_t *out_tx, km_network *net, uint64_t commitment_id, const km_ledger_fields *f)
{
    km__buf *b;
    int rc;
    km__err_clear();
    if (out_tx) *out_tx = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_LEDGER_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    b = &net->scratch;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__CT_TYPE, (uint64_t)(int64_t)f->type);
    if (!rc) rc = km__fw_i64(b, KM__CT_AMOUNT, f->amount);
    if (!rc && f->currency) rc = km__fw_str(b, KM__CT_CURRENCY, f->currency);
    if (!rc && f->value_date) rc = km__fw_str(b, KM__CT_DATE, f->value_date);
    if (!rc && f->tranche) rc = km__fw_u64(b, KM__CT_TRANCHE, f->tranche);
    if (!rc && f->note) rc = km__fw_str(b, KM__CT_NOTE, f->note);
    if (rc) return rc;
    rc = km__change(net, KM_ENTITY_COMMITMENT, KM__OP_LEDGER_RECORD, commitment_id, b->data, b->len, NULL);
    if (rc == 0 && out_tx) *out_tx = net->commitments.n_txs;
    return rc;
}

static int tx_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "ledger.id", "no ledger transaction with id %llu",
                   "tidak ada transaksi buku besar dengan id %llu", (unsigned long long)id);
}

int km_ledger_reverse(uint64_t *out_tx, km_network *net, uint64_t tx_id, const char *reason)
{
    km__buf *b;
    uint64_t cid;
    int rc;
    km__err_clear();
    if (out_tx) *out_tx = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (tx_id == 0 || tx_id > net->commitments.n_txs) return tx_not_found(tx_id);
    cid = net->commitments.txs[tx_id - 1].commitment;
    b = &net->scratch;
    km__buf_reset(b);
    rc = km__fw_u64(b, KM__CT_REVERSES, tx_id);
    if (!rc && reason) rc = km__fw_str(b, KM__CT_NOTE, reason);
    if (rc) return rc;
    rc = km__change(net, KM_ENTITY_COMMITMENT, KM__OP_LEDGER_REVERSE, cid, b->data, b->len, NULL);
    if (rc == 0 && out_tx) *out_tx = net->commitments.n_txs;
    return rc;
}

/* ---- reads ---- */

typedef struct lrow {
    uint64_t id, commitment, reverses, reversed_by;
    int64_t amount, time;
    uint32_t tranche;
    int type;
    char date[KM__DATE_BUF];
    size_t unit_off, note_off; /* note_off (size_t)-1 = none */
} lrow;

struct km_ledger {
    km__ctx *ctx;
    lrow *rows;
    size_t n, cap;
    char *text;
};

void km_ledger_free(km_ledger *l)
{
    km__ctx *ctx;
    if (!l) return;
    ctx = l->ctx;
    km__free(&ctx->alloc, l->rows);
    km__free(&ctx->alloc, l->text);
    km__free(&ctx->alloc, l);
    km__ctx_unref(ctx);
}

static int new_list(km_ledger **out, km_network *net)
{
    km_ledger *l = (km_ledger *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    *out = l;
    return 0;
}

static int push_row(km_network *net, km_ledger *l, km__buf *text, const km__cmt_slot *slot, size_t i)
{
    const km__ltx *t = slot->tx[i];
    const km_commitment *c = slot->cur;
    const char *unit = c->is_money ? c->currency : c->unit;
    lrow *r;
    int rc;
    if ((rc = km__grow(net->a, (void **)&l->rows, &l->cap, l->n + 1, sizeof *l->rows)) != 0) return rc;
    r = &l->rows[l->n];
    r->id = t->id;
    r->commitment = c->id;
    r->reverses = t->reverses;
    r->reversed_by = slot->rev_by[i];
    r->amount = t->amount;
    r->time = t->time;
    r->tranche = t->tranche;
    r->type = t->type;
    km__date_format(r->date, t->date);
    r->unit_off = text->len;
    rc = km__buf_put(text, unit, strlen(unit) + 1);
    r->note_off = (size_t)-1;
    if (rc == 0 && t->has_note) {
        r->note_off = text->len;
        rc = km__buf_put(text, t->note, strlen(t->note) + 1);
    }
    if (rc == 0) l->n++;
    return rc;
}

static int finish(km_ledger **out, km_ledger *l, km__buf *text, int rc)
{
    if (rc == 0 && text->len == 0) rc = km__buf_put_u8(text, 0);
    if (rc) {
        km__buf_free(text);
        km_ledger_free(l);
        return rc;
    }
    l->text = (char *)text->data;
    *out = l;
    return 0;
}

int km_ledger_list(km_ledger **out, km_network *net, uint64_t commitment_id)
{
    km__cmt_slot *slot;
    km_ledger *l = NULL;
    km__buf text;
    size_t i;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__cmt_slot_of(&net->commitments, commitment_id);
    if (!slot) return km__cmt_not_found(commitment_id);
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    for (i = 0; rc == 0 && i < slot->n_tx; i++) rc = push_row(net, l, &text, slot, i);
    return finish(out, l, &text, rc);
}

int km_ledger_get(km_ledger **out, km_network *net, uint64_t tx_id)
{
    const km__txref *ref;
    km_ledger *l = NULL;
    km__buf text;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (tx_id == 0 || tx_id > net->commitments.n_txs) return tx_not_found(tx_id);
    ref = &net->commitments.txs[tx_id - 1];
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    rc = push_row(net, l, &text, km__cmt_slot_of(&net->commitments, ref->commitment), ref->index);
    return finish(out, l, &text, rc);
}

int km_ledger_unscheduled(km_ledger **out, km_network *net, uint64_t agreement_id, const char *as_of_date)
{
    km__cmt_plan pl;
    km_ledger *l = NULL;
    km__buf text;
    uint64_t id = 1, next;
    int32_t as_of = 0;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (as_of_date && (rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if (agreement_id && !km__agr_current(net, agreement_id)) return km__agr_not_found(agreement_id);
    if ((rc = km__cmt_plan_make(&pl, net, 0, agreement_id, 0, 0, 0, -1, -1, "agreement")) != 0) return rc;
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    while (rc == 0 && km__cmt_plan_next(&pl, net, id, &next)) {
        const km__cmt_slot *slot = &net->commitments.items[next - 1];
        size_t i;
        for (i = 0; rc == 0 && i < slot->n_tx; i++) {
            const km__ltx *t = slot->tx[i];
            if ((t->type != KM_LEDGER_DISBURSEMENT && t->type != KM_LEDGER_REIMBURSEMENT) || t->tranche ||
                t->reverses || slot->rev_by[i] || (as_of_date && t->date > as_of))
                continue;
            rc = push_row(net, l, &text, slot, i);
        }
        id = next + 1;
    }
    return finish(out, l, &text, rc);
}

size_t km_ledger_count(const km_ledger *l) { return l ? l->n : 0; }
uint64_t km_ledger_id(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].id : 0; }
uint64_t km_ledger_commitment(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].commitment : 0; }
int km_ledger_type_of(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].type : -1; }
int64_t km_ledger_amount(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].amount : 0; }
const char *km_ledger_unit(const km_ledger *l, size_t i) { return l && i < l->n ? l->text + l->rows[i].unit_off : NULL; }
const char *km_ledger_value_date(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].date : NULL; }
uint32_t km_ledger_tranche(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].tranche : 0; }
uint64_t km_ledger_reverses(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].reverses : 0; }
uint64_t km_ledger_reversed_by(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].reversed_by : 0; }
int64_t km_ledger_time(const km_ledger *l, size_t i) { return l && i < l->n ? l->rows[i].time : 0; }
const char *km_ledger_note(const km_ledger *l, size_t i)
{
    return l && i < l->n && l->rows[i].note_off != (size_t)-1 ? l->text + l->rows[i].note_off : NULL;
}
