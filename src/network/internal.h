/* The network handle's insides, shared by the transaction engine and the
 * entity modules. Entity state lives in per-module structs embedded here;
 * every mutation goes through km__change() (txn.c), which validates and
 * applies one event with an undo record, then commits it as a log entry. */
#ifndef KM_NETWORK_INTERNAL_H
#define KM_NETWORK_INTERNAL_H

#include "kemitraan/network.h"
#include "core/alloc.h"
#include "core/error.h"
#include "log/fields.h"
#include "log/record.h"
#include "util/buf.h"
#include "partner/partner_internal.h"
#include "agreement/agreement_internal.h"
#include "framework/framework_internal.h"
#include "commitment/commitment_internal.h"
#include "dispute/dispute_internal.h"
#include "opportunity/opportunity_internal.h"
#include "evaluation/evaluation_internal.h"

/* Refcounted holder of the allocator, so immutable entity handles can be
 * freed after the network is closed. A block of records (km__slab) starts
 * with one too: its refs count the records in it, and parent is the
 * network's context, which the block holds; the network's own has none. */
typedef struct km__ctx {
    km_allocator alloc;
    uint32_t refs;
    struct km__ctx *parent;
    /* The network's vocabulary of partner tags (util/vocab.h), which its
     * records name by number: the network's context owns it (freed with
     * the context, after the last handle), a block's borrows it, so a
     * record finds it in one step from its own context. NULL elsewhere. */
    struct km__vocab *vocab;
} km__ctx;

km__ctx *km__ctx_new(const km_allocator *a);
void km__ctx_ref(km__ctx *c);
/* NULL-safe. The last reference frees the context (a block: the whole
 * block, then the block's reference to its parent). */
void km__ctx_unref(km__ctx *c);

/* Records loaded in bulk (a snapshot's partners and agreements) are carved
 * from blocks of about a mebibyte instead of one allocation each: at two
 * million agreements that is 2,000 allocations instead of millions, no
 * allocator header per record, and none of the heap growth a thread's
 * arena pays in small steps. A record in a block is released like any
 * other; the block goes when its last record does, so a block outlives
 * the records replaced since the load as long as one of its records
 * lives (at most the size of the load). One slab per thread. */
typedef struct km__slab {
    km__ctx *owner; /* the network's context, which each block holds */
    km__ctx *blk;   /* the block being filled, or NULL */
    char *cur;
    size_t left;
} km__slab;

void km__slab_init(km__slab *s, km__ctx *owner);
/* Stops filling the current block (a block with no records left goes). */
void km__slab_done(km__slab *s);
/* Memory for a record of size bytes and, in *ctx, the context the record
 * must keep (its reference taken): carved from s, or with s NULL an
 * allocation of its own under owner's allocator. NULL when out of memory. */
void *km__rec_alloc(km__ctx *owner, km__slab *s, size_t size, km__ctx **ctx);

/* Every entity record (km_partner, km_agreement...) is one immutable
 * allocation with a reference count `refs` and the km__ctx it came from
 * `ctx`, so a handle outlives the network it was read from. This defines
 * PREFIX_ref (one more reference) and PREFIX_unref (NULL-safe; the last
 * reference frees the record and releases the context) for TYPE. */
#define KM__DEFINE_REFCOUNT(prefix, type)                                                                   \
    void prefix##_ref(type *r) { __atomic_add_fetch(&r->refs, 1, __ATOMIC_RELAXED); }                      \
    void prefix##_unref(type *r)                                                                           \
    {                                                                                                      \
        if (r && __atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) == 0) {                                 \
            km__ctx *ctx = r->ctx;                                                                         \
            if (!ctx->parent) km__free(&ctx->alloc, r); /* else it goes with its block */                  \
            km__ctx_unref(ctx);                                                                            \
        }                                                                                                  \
    }

/* One step to take back if the transaction fails. `undo` restores the state
 * before the step and must not allocate; `release` runs on commit (e.g. to
 * drop the reference to a replaced record). Either may be NULL. */
typedef struct km__undo km__undo;
struct km__undo {
    void (*undo)(km_network *net, km__undo *u);
    void (*release)(km_network *net, km__undo *u);
    uint64_t id;
    void *ptr;
};

/* What an apply function gets: the event (payload parsed into f), the time
 * of its entry, and whether it comes from the log (replay) or from the
 * host (live). A live create has ev.id == 0 and reports the new id in id. */
typedef struct km__apply {
    km__event ev;
    km__fields f;
    int64_t time;
    int replay;
    uint64_t id;
} km__apply;

typedef int (*km__apply_fn)(km_network *net, km__apply *ap);

typedef struct km__opdef {
    uint16_t entity;
    uint16_t op;
    const char *name;         /* "partner.create" */
    km__apply_fn apply;
    const km__fdesc *schema;  /* payload field names for the audit JSON */
    size_t n_schema;
} km__opdef;

const km__opdef *km__op_find(uint16_t entity, uint16_t op);

/* Each module's operations (listed in ops.c). */
extern const km__opdef km__partner_ops[];
extern const size_t km__partner_ops_count;
extern const km__opdef km__agreement_ops[];
extern const size_t km__agreement_ops_count;
extern const km__opdef km__framework_ops[];
extern const size_t km__framework_ops_count;
extern const km__opdef km__commitment_ops[];
extern const size_t km__commitment_ops_count;
extern const km__opdef km__dispute_ops[];
extern const size_t km__dispute_ops_count;
extern const km__opdef km__opportunity_ops[];
extern const size_t km__opportunity_ops_count;
extern const km__opdef km__interest_ops[];
extern const size_t km__interest_ops_count;
extern const km__opdef km__indicator_ops[];
extern const size_t km__indicator_ops_count;
extern const km__opdef km__measurement_ops[];
extern const size_t km__measurement_ops_count;

struct km_network {
    km__ctx *ctx;
    const km_allocator *a;       /* &ctx->alloc */
    km_storage *storage;
    int owns_storage;

    km_clock_fn clock;
    void *clock_payload;
    km_authorizer_fn auth;
    void *auth_payload;
    char *actor;

    int read_only;
    int retry;
    /* The tags of the operation last applied (km__fields_known_mask), so
     * that a run of the same operation (a bulk load, a replay) checks each
     * payload's tags with one mask test instead of walking the schema. */
    const struct km__opdef *known_def;
    uint64_t known_mask;
    uint64_t as_of_seq;
    int64_t as_of_time;
    /* While a snapshot loads: the field encoding of its records' payloads
     * (KM__FIELDS_V2 from snapshot version 5, V1 before; see
     * km__snapshot_fields), set before any section loads. */
    unsigned snap_fields;
    /* The sequence of the snapshot this handle was opened from; 0 when it
     * replayed the whole log (km_network_snapshot_seq). */
    uint64_t snap_seq;

    /* The applied log. */
    uint64_t seq;
    uint8_t head[32];
    int64_t last_time;
    uint64_t n_events;
    uint64_t n_bytes;

    /* The open transaction. */
    int txn_open;
    int txn_explicit;
    int64_t txn_time;
    /* The record being built: txn_hdr bytes left for its header (sized
     * for the actor at the transaction's start), then the encoded events.
     * The commit writes the header there and hands the buffer to the
     * storage as it is; only when the header came out another size (the
     * actor changed meanwhile, or the room could not be had) does it copy
     * the events behind a header built in entry. */
    km__buf txn_events;
    size_t txn_hdr;
    uint32_t txn_n_events;
    km__undo *undo;
    size_t n_undo, cap_undo;

    km__buf scratch;        /* payload encoding for the public API */
    km__buf entry;          /* a record's header; the record when the header's room did not fit */
    km__buf fold;           /* folding scratch for searches */

    km__partners partners;
    km__agreements agreements;
    km__frameworks frameworks;
    km__commitments commitments;
    km__disputes disputes;
    km__opportunities opportunities; /* opportunities and expressions of interest */
    km__indicators indicators;     /* evaluation: indicators, templates, settings */
    km__measurements measurements; /* evaluation: measurements and period locks */
};

/* Runs one change: authorizes it, applies it (with undo) and, outside an
 * explicit transaction, commits it as its own entry. The payload is
 * borrowed. *out_id (may be NULL) gets the entity id. */
int km__change(km_network *net, uint16_t entity, uint16_t op, uint64_t id,
               const void *payload, size_t len, uint64_t *out_id);

/* Applies entries appended to storage after net->seq (open and refresh). */
int km__replay(km_network *net);

/* Reserve room for n undo steps, so that pushing them cannot fail. */
int km__undo_reserve(km_network *net, size_t n);
void km__undo_push(km_network *net, void (*undo)(km_network *, km__undo *),
                   void (*release)(km_network *, km__undo *), uint64_t id, void *ptr);

/* A point inside the open transaction that an operation made of several
 * changes (e.g. selecting an expression of interest, which creates an
 * agreement) returns to on failure without abandoning the caller's
 * transaction: undoes the later changes and drops their events. */
typedef struct km__savepoint {
    size_t n_undo, events_len;
    uint32_t n_events;
} km__savepoint;
void km__savepoint_set(const km_network *net, km__savepoint *sp);
void km__savepoint_rollback(km_network *net, const km__savepoint *sp);

/* A public call made of several changes (expire every due agreement,
 * instantiate every template): outside a transaction it is its own
 * transaction; inside the caller's, a failure takes back only this call's
 * changes. km__batch_end commits or takes back and returns rc, keeping the
 * failing change's error (its field and message) as the last error. */
typedef struct km__batch {
    int own_txn;
    km__savepoint sp;
} km__batch;
int km__batch_begin(km_network *net, km__batch *b);
int km__batch_end(km_network *net, km__batch *b, int rc);

/* The network frees its storage on close (km_network_open_file). */
void km__network_own_storage(km_network *net);

/* Common argument checks of the public API. */
int km__check_net(const km_network *net);
/* Today at the network's point of view, as a civil day in WIB (days since
 * 1970-01-01): the day of a view of the past's as_of_time, of the last
 * entry in a view up to a sequence number, else of the clock's present. */
int32_t km__net_today(const km_network *net);
int km__check_writable(const km_network *net);

/* In replay, a validation failure is log corruption, not a user error. */
int km__apply_fail(const km__apply *ap, int rc);

/* Normalises what a storage method returned: 0 stays 0, a positive value
 * becomes KM_ESTORAGE, and a negative code is returned with the thread's
 * last error set (naming `method` unless the backend set it itself). */
int km__storage_rc(int rc, const char *method);

#endif
