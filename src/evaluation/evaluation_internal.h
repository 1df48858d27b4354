/* Evaluation state: indicators and templates (one id sequence), measurements
 * and period locks (another id sequence), the network's evaluation
 * settings, and their indexes. Records are immutable and refcounted (the
 * public km_indicator and km_measurement handles); a change swaps in a new
 * record with undo. Included by network/internal.h. */
#ifndef KM_EVALUATION_INTERNAL_H
#define KM_EVALUATION_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/indicator.h"
#include "kemitraan/scorecard.h"
#include "util/idset.h"
#include "util/idsets.h"
#include "util/keyidx.h"

struct km__ctx;

/* One target: the level to reach by a date (templates: no date). */
typedef struct km__target {
    int64_t num, den;
    int32_t date;
    uint8_t has_date;
    char date_s[11];
} km__target;

/* One version of an indicator or template, in a single allocation (struct,
 * targets, then the strings). */
struct km_indicator {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    uint64_t id;
    uint64_t agreement_id;   /* 0 for a template */
    uint64_t framework_id;   /* templates only */
    uint64_t template_id;    /* indicators made from a template */
    uint64_t reporter;
    int64_t created, updated;
    int64_t base_num, base_den;
    int32_t base_date;       /* valid when has_base_date */
    int32_t retired_on;      /* valid when status == retired */
    int32_t grace;           /* -1 = network default */
    uint32_t scale_max, weight, n_targets;
    uint8_t is_template, result_level, measure, dimension, direction, scale;
    uint8_t frequency, time_agg, cross_agg, status, allow_over, has_base_date;
    char base_date_s[11], retired_s[11];
    const char *code, *title, *description, *unit_label, *reason; /* NULL when unset */
    km__target *targets;
};

typedef struct km__ind_slot {
    km_indicator *cur;
    km_indicator **old;      /* old[v - 1]: version v as it stood when replaced */
    size_t cap_old;
} km__ind_slot;

typedef struct km__indicators {
    km__ind_slot *items;     /* items[id - 1]: indicators and templates */
    size_t n, cap;
    km__idsets by_agreement; /* agreement -> its indicators */
    km__idsets by_framework; /* framework -> its templates */
    km__idsets by_template;  /* template -> indicators made from it */
    km__keyidx by_code;      /* code -> indicators (not templates) */
    uint64_t n_indicators, n_templates;
    uint32_t on_track, at_risk, grace; /* settings, per mille and days */
    const km_allocator *a;
} km__indicators;

/* One version of a measurement, in a single allocation. */
struct km_measurement {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    uint64_t id, indicator_id, agreement_id, partner_id;
    int64_t num, den;
    int64_t created;         /* this version made */
    int64_t submitted;       /* 0 = not submitted */
    int64_t decided;         /* approved or returned; 0 = undecided */
    int32_t start, end;
    uint8_t status;
    char start_s[11], end_s[11];
    const char *text, *evidence, *comment, *note, *rationale; /* NULL when unset */
};

/* A period lock (immutable; lifting swaps in a new record). */
typedef struct km__lock {
    uint64_t id, agreement_id;
    int64_t time, unlocked_at;
    int32_t start, end;
    uint8_t active;
    char start_s[11], end_s[11];
    const char *reason, *unlock_reason;
} km__lock;

typedef struct km__meas_slot {
    km_measurement **v;      /* v[k] = version k + 1, as it stands now */
    size_t n, cap;
    km__lock *lock;          /* non-NULL: this id is a period lock */
} km__meas_slot;

typedef struct km__measurements {
    km__meas_slot *items;    /* items[id - 1]: measurements and locks */
    size_t n, cap;
    km__idsets by_indicator, by_agreement, by_partner; /* latest versions */
    km__idset by_status[KM_MEASUREMENT_STATUS__COUNT];  /* status of the latest version */
    km__idsets locks;        /* agreement -> its locks */
    uint64_t n_measurements, n_versions, n_locks;
    const km_allocator *a;
} km__measurements;

void km__indicators_init(km__indicators *s, const km_allocator *a);
void km__indicators_free(km__indicators *s);
void km__measurements_init(km__measurements *s, const km_allocator *a);
void km__measurements_free(km__measurements *s);

void km__indicator_ref(km_indicator *r);
void km__indicator_unref(km_indicator *r);
void km__measurement_ref(km_measurement *m);
void km__measurement_unref(km_measurement *m);

/* Operation numbers (part of the record format). */
enum {
    KM__OP_INDICATOR_CREATE = 1,
    KM__OP_INDICATOR_UPDATE = 2,
    KM__OP_INDICATOR_RETIRE = 3,
    KM__OP_TEMPLATE_CREATE = 4,
    KM__OP_TEMPLATE_UPDATE = 5,
    KM__OP_TEMPLATE_RETIRE = 6,
    KM__OP_EVALUATION_SETTINGS = 7
};

enum {
    KM__OP_MEASUREMENT_CREATE = 1,
    KM__OP_MEASUREMENT_UPDATE = 2,
    KM__OP_MEASUREMENT_SUBMIT = 3,
    KM__OP_MEASUREMENT_APPROVE = 4,
    KM__OP_MEASUREMENT_RETURN = 5,
    KM__OP_MEASUREMENT_REVISE = 6,
    KM__OP_PERIOD_LOCK = 7,
    KM__OP_PERIOD_UNLOCK = 8
};

#endif
