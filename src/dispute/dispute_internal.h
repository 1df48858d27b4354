/* Dispute state: immutable refcounted records (the public km_dispute
 * handle), each dispute's sessions, the dispute policies of the network and
 * of frameworks, and the secondary indexes. Embedded in struct km_network. */
#ifndef KM_DISPUTE_INTERNAL_H
#define KM_DISPUTE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/dispute.h"
#include "util/idset.h"
#include "util/idsets.h"

struct km__ctx;

/* parties[0] is the claimant, parties[1..] the respondents. */
typedef struct km__dsp_party {
    uint64_t partner;
    int64_t acked;   /* respondents: when acknowledged; 0 = not yet (unused for the claimant) */
    int64_t consent; /* when it consented to skip negotiation; 0 = not */
} km__dsp_party;

/* One state of a dispute in a single allocation (struct, arrays, strings). */
struct km_dispute {
    uint32_t refs;
    struct km__ctx *ctx;
    uint64_t id, agreement, mediator;
    int64_t filed, updated, status_time;
    int64_t entered[KM_DISPUTE_STATUS__COUNT];
    uint8_t category, severity, status, holds, has_due, has_resolved;
    int8_t forum, outcome, settled_in; /* -1 = none */
    int32_t filed_day, stage_day, due_day, resolved_day;
    char filed_s[11], stage_s[11], due_s[11], resolved_s[11];
    uint16_t n_parties, n_commit, n_ms, n_scommit, n_sms;
    km__dsp_party *parties;
    uint64_t *commit, *scommit;
    uint32_t *ms, *sms;
    const char *description, *relief, *note, *override, *terms; /* NULL when unset */
};

typedef struct km__dsp_session {
    uint32_t number;
    int32_t day;
    uint8_t stage;
    uint16_t n_att;
    uint64_t *att;    /* points into the same allocation */
    char *outcome;
} km__dsp_session;

typedef struct km__dsp_slot {
    km_dispute *cur;
    km__dsp_session **sessions;
    size_t n_sessions, cap_sessions;
} km__dsp_slot;

/* A dispute policy as applied (km_dispute_policy without the ABI frills). */
typedef struct km__dsp_pol {
    uint32_t kinds;
    uint8_t allow_party, allow_related, suspend;
    uint32_t limit[4]; /* filed, acknowledged, negotiation, mediation */
    int32_t utc_offset; /* minutes */
} km__dsp_pol;

typedef struct km__dsp_polslot {
    uint64_t framework; /* 0 = the network */
    km__dsp_pol *pol;
} km__dsp_polslot;

typedef struct km__disputes {
    km__dsp_slot *items;     /* items[id - 1] */
    size_t n, cap;
    km__dsp_polslot *pols;   /* in the order first set */
    size_t n_pols, cap_pols;
    km__idset by_status[KM_DISPUTE_STATUS__COUNT];
    km__idset by_category[KM_DISPUTE_CATEGORY__COUNT];
    km__idset by_severity[KM_DISPUTE_SEVERITY__COUNT];
    km__idsets by_agreement; /* keyed by agreement id */
    km__idsets by_party;     /* keyed by partner id: claimant or respondent */
    km__idsets by_mediator;  /* keyed by partner id */
    const km_allocator *a;
} km__disputes;

void km__disputes_init(km__disputes *s, const km_allocator *a);
void km__disputes_free(km__disputes *s);
void km__dispute_ref(km_dispute *d);
void km__dispute_unref(km_dispute *d);
/* Disputes not closed, withdrawn or dismissed (network statistics). */
uint64_t km__disputes_open(const km__disputes *s);

/* Operation numbers of entity KM_ENTITY_DISPUTE (part of the record format). */
enum {
    KM__OP_DISPUTE_FILE = 1,
    KM__OP_DISPUTE_ACKNOWLEDGE = 2,
    KM__OP_DISPUTE_TRANSITION = 3,
    KM__OP_DISPUTE_CONSENT = 4,
    KM__OP_DISPUTE_MEDIATOR = 5,
    KM__OP_DISPUTE_SESSION = 6,
    KM__OP_DISPUTE_HOLD = 7,
    KM__OP_DISPUTE_EXTEND = 8,
    KM__OP_DISPUTE_POLICY = 9
};

#endif
