/* Commitment state: immutable refcounted records (the public km_commitment
 * handle, one per version of the commitment's header and current figures),
 * and per commitment the append-only ledger, the tranche plan and the
 * lifecycle history; plus the secondary indexes. Included by
 * network/internal.h, so it holds data layouts only. */
#ifndef KM_COMMITMENT_INTERNAL_H
#define KM_COMMITMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/commitment.h"
#include "util/idset.h"
#include "util/idsets.h"

struct km__ctx;

/* One version of a commitment in a single allocation (struct, then the
 * strings). Replaced (never edited) by every transition and ledger entry. */
struct km_commitment {
    uint32_t refs;
    struct km__ctx *ctx;
    uint64_t id, agreement, provider, recipient;
    int64_t created, updated;
    uint8_t kind, status, is_money, has_loan, method;
    int64_t amount;          /* face amount: minor units or units */
    char currency[4];        /* money: ISO 4217; "" for a quantity */
    char val_currency[4];    /* quantity valuation currency, or "" */
    int64_t valuation;
    uint32_t rate_bp, term, grace;
    int32_t loan_start;      /* days since 1970-01-01 */
    char loan_start_s[11];
    int64_t regular;         /* loans: annuity payment or straight-line principal part */
    int64_t sums[KM_LEDGER_TYPE__COUNT]; /* whole ledger, net of reversals */
    const char *title, *unit, *status_reason; /* unit and reason NULL when unset */
};

/* One ledger transaction; immutable once appended. */
typedef struct km__ltx {
    uint64_t id;
    uint64_t reverses;       /* 0, or the transaction this one cancels */
    int64_t amount;          /* > 0; a reversal subtracts it */
    int64_t time;            /* entry time */
    int32_t date;            /* value date, days since 1970-01-01 */
    uint32_t tranche;        /* 0 = none */
    uint8_t type;            /* km_ledger_type */
    uint8_t has_note;
    char note[1];            /* NUL-terminated, allocated with the struct */
} km__ltx;

/* One planned tranche; immutable, swapped on update and cancel. */
typedef struct km__tranche {
    uint32_t number;
    uint8_t status;          /* km_tranche_status */
    int32_t date;
    int64_t amount;
    const char *note, *reason; /* into the same allocation; NULL when unset */
} km__tranche;

/* One lifecycle step. */
typedef struct km__cstep {
    int8_t from, to;         /* from = -1 for the creation */
    int64_t time;
    uint64_t tx;             /* ledger transaction recorded with the step, or 0 */
    uint8_t has_reason;
    char reason[1];
} km__cstep;

typedef struct km__cmt_slot {
    km_commitment *cur;
    km__ltx **tx;            /* recording (= id) order */
    uint64_t *rev_by;        /* rev_by[i]: id of the reversal of tx[i], or 0 */
    uint32_t *by_date;       /* indexes into tx, sorted by (value date, id) */
    size_t n_tx, cap_tx, cap_rev, cap_bd;
    km__tranche **tr;
    size_t n_tr, cap_tr;
    km__cstep **steps;
    size_t n_steps, cap_steps;
} km__cmt_slot;

/* Transaction id -> where it lives. */
typedef struct km__txref {
    uint64_t commitment;
    uint32_t index;          /* into the slot's tx array */
} km__txref;

typedef struct km__commitments {
    km__cmt_slot *items;     /* items[id - 1] */
    size_t n, cap;
    km__txref *txs;          /* txs[tx id - 1] */
    size_t n_txs, cap_txs;
    km__idset by_kind[KM_COMMITMENT_KIND__COUNT];
    km__idset by_status[KM_COMMITMENT_STATUS__COUNT];
    km__idsets by_agreement; /* keyed by agreement id */
    km__idsets by_provider;  /* keyed by partner id */
    km__idsets by_recipient; /* keyed by partner id */
    const km_allocator *a;
} km__commitments;

void km__commitments_init(km__commitments *s, const km_allocator *a);
void km__commitments_free(km__commitments *s);

/* Operation numbers of entity KM_ENTITY_COMMITMENT (part of the format). */
enum {
    KM__OP_COMMITMENT_CREATE = 1,
    KM__OP_COMMITMENT_TRANSITION = 2,
    KM__OP_TRANCHE_ADD = 3,
    KM__OP_TRANCHE_UPDATE = 4,
    KM__OP_TRANCHE_CANCEL = 5,
    KM__OP_LEDGER_RECORD = 6,
    KM__OP_LEDGER_REVERSE = 7
};

#endif
