/* The commitment state machine: which moves can be asked for, what each
 * needs, and how committing records the commitment transaction. The
 * ledger-driven moves (committed <-> disbursing <-> fully disbursed) live in
 * ledger.c. Every move is one event, so the log records its actor and time;
 * the reason is in its payload and in the commitment's history. */
#include "commitment/commitment.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

#define BIT(s) KM_COMMITMENT_STATUS_BIT(s)

/* allowed[from] = states km_commitment_transition() can move to. */
static const uint32_t allowed[KM_COMMITMENT_STATUS__COUNT] = {
    /* pledged */ BIT(KM_COMMITMENT_COMMITTED) | BIT(KM_COMMITMENT_CANCELLED),
    /* committed */ BIT(KM_COMMITMENT_CANCELLED) | BIT(KM_COMMITMENT_CLOSED),
    /* disbursing */ BIT(KM_COMMITMENT_CLOSED),
    /* fully disbursed */ BIT(KM_COMMITMENT_CLOSED),
    /* closed */ 0,
    /* cancelled */ 0,
};

static void list_states(char *out, size_t cap, uint32_t mask, int lang)
{
    size_t pos = 0;
    int s;
    out[0] = '\0';
    for (s = 0; s < KM_COMMITMENT_STATUS__COUNT; s++) {
        if (!(mask & BIT(s))) continue;
        pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? ", " : "", km_commitment_status_label(s, lang));
        if (pos >= cap) break;
    }
    if (!mask) snprintf(out, cap, "%s", lang == KM_LANG_ID ? "tidak ada (status akhir)" : "none (final state)");
}

static int illegal(const km_commitment *c, int to)
{
    char en[200], id[200];
    const char *ledger_en = "", *ledger_id = "";
    list_states(en, sizeof en, allowed[c->status], KM_LANG_EN);
    list_states(id, sizeof id, allowed[c->status], KM_LANG_ID);
    if (to == KM_COMMITMENT_DISBURSING || to == KM_COMMITMENT_FULLY_DISBURSED) {
        ledger_en = " (disbursing and fully disbursed follow the ledger: record a disbursement)";
        ledger_id = " (sedang dicairkan dan telah dicairkan penuh mengikuti buku besar: catat pencairan)";
    }
    return km__err(KM_ESTATE, "commitment.status",
                   "commitment %llu cannot go from %s%.0s to %s%.0s; allowed from %s%.0s: %s%.0s%s%.0s",
                   "komitmen %llu tidak dapat berpindah dari %.0s%s ke %.0s%s; yang diizinkan dari %.0s%s: %.0s%s%.0s%s",
                   (unsigned long long)c->id, km_commitment_status_label(c->status, KM_LANG_EN),
                   km_commitment_status_label(c->status, KM_LANG_ID), km_commitment_status_label(to, KM_LANG_EN),
                   km_commitment_status_label(to, KM_LANG_ID), km_commitment_status_label(c->status, KM_LANG_EN),
                   km_commitment_status_label(c->status, KM_LANG_ID), en, id, ledger_en, ledger_id);
}

int km__cmt_apply_transition(km_network *net, km__apply *ap)
{
    km__cmt_slot *slot;
    const km_commitment *c;
    km_commitment *nw;
    km__cstep *step;
    km__cin in;
    km__sl reason;
    uint64_t to = 0;
    int32_t date = 0, offset;
    int rc, has_date = 0, has_offset;
    if ((slot = km__cmt_find(net, ap, &rc)) == NULL) return rc;
    c = slot->cur;
    if ((rc = km__cmt_get_u64(&ap->f, KM__CT_STATUS, "commitment.status", &to, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("commitment.status", to, KM_COMMITMENT_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__cmt_get_str(&ap->f, KM__CT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__cmt_get_date(&ap->f, KM__CT_DATE, "commitment.date", &has_date, &date)) != 0)
        return km__apply_fail(ap, rc);
    /* The zone of the default value date (UTC in records without it). */
    if ((rc = km__fields_day_offset(&ap->f, KM__CT_DAY_OFFSET, "commitment.day_offset_minutes", &has_offset,
                                    &offset)) != 0)
        return km__apply_fail(ap, rc);
    if (has_offset && (to != KM_COMMITMENT_COMMITTED || has_date))
        return km__apply_fail(ap, km__err(KM_EINVAL, "commitment.day_offset_minutes",
                                          "is only for committing without a value date",
                                          "hanya untuk komitmen tanpa tanggal valuta"));
    if (reason.p &&
        (rc = km__v_text("commitment.reason", reason.p, reason.n, 1, KM_COMMITMENT_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    if (!(allowed[c->status] & BIT(to))) return km__apply_fail(ap, illegal(c, (int)to));
    if (has_date && to != KM_COMMITMENT_COMMITTED)
        return km__apply_fail(ap, km__err(KM_EINVAL, "commitment.date", "a value date is only for committing",
                                          "tanggal valuta hanya untuk komitmen"));
    if (to == KM_COMMITMENT_CANCELLED && !reason.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "commitment.reason", "a reason is required to cancel",
                                          "alasan wajib diisi untuk membatalkan"));
    if (to == KM_COMMITMENT_CLOSED && !reason.p) {
        char en[64], id[64];
        if (c->status != KM_COMMITMENT_FULLY_DISBURSED) {
            int64_t left = km__figure_of(c, c->sums, KM_FIGURE_REMAINING);
            km__cmt_fmt(en, sizeof en, c, left, KM_LANG_EN);
            km__cmt_fmt(id, sizeof id, c, left, KM_LANG_ID);
            return km__apply_fail(ap, km__err(KM_EINVAL, "commitment.reason",
                                              "commitment %llu is %s%.0s: closing it lets the undisbursed %s%.0s lapse, "
                                              "which needs a reason",
                                              "komitmen %llu %.0s%s: menutupnya menggugurkan sisa %.0s%s yang belum "
                                              "dicairkan, sehingga perlu alasan",
                                              (unsigned long long)c->id, km_commitment_status_label(c->status, KM_LANG_EN),
                                              km_commitment_status_label(c->status, KM_LANG_ID), en, id));
        }
        if (km__figure_of(c, c->sums, KM_FIGURE_OUTSTANDING) > 0) {
            int64_t owed = km__figure_of(c, c->sums, KM_FIGURE_OUTSTANDING);
            km__cmt_fmt(en, sizeof en, c, owed, KM_LANG_EN);
            km__cmt_fmt(id, sizeof id, c, owed, KM_LANG_ID);
            return km__apply_fail(ap, km__err(KM_EINVAL, "commitment.reason",
                                              "loan %llu still has %s%.0s of principal outstanding: closing it needs a "
                                              "reason",
                                              "pinjaman %llu masih memiliki pokok terutang %.0s%s: menutupnya perlu alasan",
                                              (unsigned long long)c->id, en, id));
        }
    }
    if (to == KM_COMMITMENT_COMMITTED) {
        /* Committing makes the amount binding: it is the commitment
         * transaction, and the ledger moves the state. */
        km__ltx_in t;
        memset(&t, 0, sizeof t);
        t.type = KM_LEDGER_COMMITMENT;
        t.amount = c->amount;
        t.date = has_date ? date : km__day_at(ap->time, offset);
        t.note = reason;
        return km__ledger_append(net, ap, slot, &t, &reason, 1);
    }
    if ((rc = km__undo_reserve(net, 2)) != 0) return rc;
    if ((rc = km__cmt_step_reserve(net, slot)) != 0) return rc;
    step = km__cstep_new(net->a, c->status, (int)to, ap->time, 0, reason.p, reason.n);
    if (!step) return km__nomem();
    km__cin_from_record(&in, c);
    in.status = to;
    in.reason = reason;
    nw = km__cmt_build(net, &in, c->id, c->created, ap->time);
    if (!nw) {
        km__free(net->a, step);
        return km__nomem();
    }
    if ((rc = km__cmt_replace(net, slot, nw)) != 0) {
        km__free(net->a, step);
        return rc;
    }
    km__cmt_step_push(net, c->id, slot, step);
    ap->id = c->id;
    return 0;
}
