/* Internal pieces shared by the evaluation files: payload tags, the decoded
 * inputs that every operation validates, exact value arithmetic, calendar
 * periods, and the computation structs behind the public result handles. */
#ifndef KM_EVALUATION_EVALUATION_H
#define KM_EVALUATION_EVALUATION_H

#include "network/internal.h"
#include "util/date.h"
#include "util/validate.h"

/* Indicator entity payload tags (docs/format.md, "Evaluation"). */
enum {
    KM__IT_AGREEMENT = 1, KM__IT_FRAMEWORK = 2, KM__IT_TEMPLATE = 3, KM__IT_CODE = 4, KM__IT_TITLE = 5,
    KM__IT_DESCRIPTION = 6, KM__IT_RESULT_LEVEL = 7, KM__IT_MEASURE = 8, KM__IT_UNIT_LABEL = 9, KM__IT_DIMENSION = 10,
    KM__IT_DIRECTION = 11, KM__IT_SCALE = 12, KM__IT_SCALE_MAX = 13, KM__IT_ALLOW_OVER = 14, KM__IT_BASE_VALUE = 15,
    KM__IT_BASE_DEN = 16, KM__IT_BASE_DATE = 17, KM__IT_TARGETS = 18, KM__IT_WEIGHT = 19, KM__IT_FREQUENCY = 20,
    KM__IT_TIME_AGG = 21, KM__IT_CROSS_AGG = 22, KM__IT_REPORTER = 23, KM__IT_GRACE = 24, KM__IT_MASK = 25,
    KM__IT_REASON = 26, KM__IT_ON_TRACK = 27, KM__IT_AT_RISK = 28, KM__IT_DEFAULT_GRACE = 29, KM__IT_DAY_OFFSET = 30,
    /* Snapshot-only tags (never in a log event). */
    KM__IT_S_VERSION = 40, KM__IT_S_CREATED = 41, KM__IT_S_UPDATED = 42, KM__IT_S_STATUS = 43,
    KM__IT_S_RETIRED_ON = 44
};

/* Measurement entity payload tags. */
enum {
    KM__MT_INDICATOR = 1, KM__MT_PARTNER = 2, KM__MT_START = 3, KM__MT_END = 4, KM__MT_VALUE = 5, KM__MT_DEN = 6,
    KM__MT_TEXT = 7, KM__MT_EVIDENCE = 8, KM__MT_COMMENT = 9, KM__MT_NOTE = 10, KM__MT_RATIONALE = 11,
    KM__MT_AGREEMENT = 12, KM__MT_REASON = 13,
    /* Snapshot-only tags. */
    KM__MT_S_VERSION = 40, KM__MT_S_STATUS = 41, KM__MT_S_CREATED = 42, KM__MT_S_SUBMITTED = 43,
    KM__MT_S_DECIDED = 44, KM__MT_S_ACTIVE = 45, KM__MT_S_UNLOCK_REASON = 46, KM__MT_S_TIME = 47,
    KM__MT_S_UNLOCKED_AT = 48
};

/* A day that is no date (before any real one). */
#define KM__NO_DAY INT32_MIN

/* Decoded indicator or template (every field; updates start from the
 * current record and overlay the fields of their mask). */
typedef struct km__iin {
    km__sl code, title, description, unit_label, reason;
    uint64_t agreement, framework, template_id, reporter;
    uint64_t result_level, measure, dimension, direction, scale, scale_max, allow_over, weight;
    uint64_t frequency, time_agg, cross_agg, status;
    int64_t base_num, base_den, grace;
    int has_base_date, is_template;
    int32_t base_date, retired_on;
    size_t n_targets;
    km__target targets[KM_INDICATOR_TARGETS_MAX];
} km__iin;

/* Decoded measurement fields. */
typedef struct km__min {
    uint64_t indicator, partner;
    km__sl text, evidence, comment;
    int32_t start, end;
    int64_t num, den;
} km__min;

/* The value domain of an indicator. */
typedef struct km__dom {
    int measure;
    uint32_t scale_max;
    int allow_over;
} km__dom;

/* ---- evaluation_index.c ---- */
/* Moves an indicator's index entries from old to nw (either may be NULL):
 * adds first, so a failure leaves the indexes as they were; re-adding what
 * was removed never allocates (undo relies on it). */
int km__ind_index_replace(km__indicators *s, const km_indicator *old, const km_indicator *nw);
/* Same for the latest version of a measurement. */
int km__meas_index_replace(km__measurements *s, const km_measurement *old, const km_measurement *nw);

/* ---- indicator.c ---- */
km_indicator *km__ind_build(km_network *net, const km__iin *in, uint64_t id, uint32_t version, int64_t created,
                            int64_t updated);
void km__iin_from_record(km__iin *in, const km_indicator *r);
/* Current record of an indicator or template id, or NULL. */
km_indicator *km__ind_lookup(const km_network *net, uint64_t id);
int km__ind_not_found(uint64_t id);
void km__ind_dom(km__dom *d, const km_indicator *r);

/* Public-side helpers shared with template.c: an update or a retirement
 * of an indicator or template (op tells which). */
int km__ind_edit(km_network *net, uint64_t id, const km_indicator_fields *fields, uint32_t mask, uint16_t op);
int km__ind_retire(km_network *net, uint64_t id, const char *reason, uint16_t op);
/* Encodes public fields under mask (indicator.c). */
int km__ind_encode_fields(km__buf *b, const km_indicator_fields *f, uint32_t mask);

/* ---- indicator_ops.c ---- */
extern const km__fdesc km__ind_schema[];
extern const size_t km__ind_schema_count;
int km__ind_decode(const km__fields *f, uint32_t mask, km__iin *in, int snapshot);
/* Field rules and code uniqueness (self = the record's own id or 0). */
int km__ind_validate(km_network *net, const km__iin *in, uint64_t self);
/* TLV of a whole record (snapshots). */
int km__ind_encode_record(km__buf *b, const km_indicator *r);
/* Checks a value against a domain; nominal_zero allows category 0 (a
 * baseline of "none"). KM_EINVAL naming field. */
int km__ev_value_check(const char *field, const km__dom *d, int64_t num, int64_t den, int nominal_zero);
/* Whether an aggregation rule suits a measure (0 or KM_EINVAL). */
int km__ev_aggregation_check(int measure, int time_agg, int cross_agg);

/* ---- measurement.c, measurement_ops.c ---- */
extern const km__fdesc km__meas_schema[];
extern const size_t km__meas_schema_count;
/* The slot of a measurement id (NULL for a lock or an unknown id). */
km__meas_slot *km__meas_slot_of(const km_network *net, uint64_t id);
/* The version that counts: with known_by == KM__NO_DAY the latest approved
 * version; otherwise the latest version approved on or before that day
 * (approved now or since superseded). NULL when none. */
const km_measurement *km__meas_counting(const km__meas_slot *slot, int32_t known_by);
/* Whether the measurement counts as reported (submitted, approved, or with
 * an approved version), and the version whose period it reports. */
const km_measurement *km__meas_reported(const km__meas_slot *slot);
/* Everything a measurement version record holds. */
typedef struct km__mspec {
    uint64_t id, indicator, agreement, partner;
    int64_t num, den, created, submitted, decided;
    int32_t start, end;
    uint32_t version;
    int status;
    km__sl text, evidence, comment, note, rationale;
} km__mspec;
void km__mspec_from(km__mspec *s, const km_measurement *m);
km_measurement *km__meas_build(km_network *net, const km__mspec *s);
int km__meas_encode_record(km__buf *b, const km_measurement *m);
int km__lock_encode_record(km__buf *b, const km__lock *l);
km__lock *km__lock_build(const km_allocator *a, uint64_t id, uint64_t agreement, int32_t start, int32_t end,
                         int64_t time, int active, int64_t unlocked_at, const km__sl *reason,
                         const km__sl *unlock_reason);
int km__meas_decode(const km__fields *f, km__min *in, int with_indicator);
/* Domain, period and text rules of a measurement against its indicator and
 * agreement (no state of other measurements). */
int km__meas_validate(km_network *net, const km_indicator *ind, const km__min *in);

/* ---- period.c ---- */
/* KM_ESTATE naming the lock when an active lock of agreement overlaps
 * start..end. */
int km__lock_check(km_network *net, uint64_t agreement, int32_t start, int32_t end);
int km__ev_apply_lock(km_network *net, km__apply *ap);
int km__ev_apply_unlock(km_network *net, km__apply *ap);

/* The calendar period of frequency containing day. */
void km__ev_period_of(int32_t day, int frequency, int32_t *start, int32_t *end);
/* Agreement states that are evaluated (signed or later, not cancelled). */
int km__ev_evaluated(const km_agreement *a);
int km__ev_is_party(const km_agreement *a, uint64_t partner);
/* Live-only actor rules. */
int km__ev_actor_admin(const km_network *net);
int km__ev_actor_is(const km_network *net, uint64_t partner);
/* Last day of an agreement's reporting window as of a date. */
int32_t km__ev_window_end(const km_agreement *a, int32_t as_of);
/* A required YYYY-MM-DD argument (NULL is KM_EINVAL naming field). */
int km__ev_parse_date(const char *field, const char *s, int32_t *out);

/* ---- progress.c: exact values and progress ---- */
/* a/b <=> c/d for b, d > 0, exactly: -1, 0 or 1. */
int km__q_cmp(int64_t a, int64_t b, int64_t c, int64_t d);
/* The real value of num/den in an indicator's units (derived). */
double km__ev_real(int measure, uint32_t scale, int64_t num, int64_t den);

struct km_progress {
    struct km__ctx *ctx;      /* set only when owned (km_indicator_progress) */
    uint64_t indicator, agreement;
    int dimension, measure, status;
    uint32_t weight, n_values;
    int has_target, has_last;
    int64_t num, den;
    double actual, baseline, target, raw, score, expected;
    char as_of_s[11], target_s[11], last_s[11];
    size_t text_off;          /* into the owner's text, (size_t)-1 for none */
    const char *text;
};

/* Fills out for ind as of a day; qualitative texts go to text (may be NULL:
 * then no text is kept). */
int km__progress_fill(km_network *net, const km_indicator *ind, int32_t as_of, int knowledge, km_progress *out,
                      km__buf *text);

/* ---- reporting.c ---- */
typedef struct km__rep_row {
    uint64_t partner, agreement, indicator;
    int32_t start, end, due, submitted;
    int kind;
} km__rep_row;

typedef struct km__rep_iv {
    int32_t start, end, submitted;
    uint64_t partner;
} km__rep_iv;

typedef struct km__rep_ctx {
    const km_allocator *a;
    km__rep_iv *iv;
    size_t n_iv, cap_iv;
    km__rep_row *rows;        /* NULL: count only */
    size_t n_rows, cap_rows;
    int want_rows, include_late;
    uint64_t partner_filter;
    uint64_t due, missing, late;
} km__rep_ctx;

int km__reporting_scan(km_network *net, km__rep_ctx *c, const km_agreement *a, const km_indicator *ind,
                       int32_t as_of);
void km__rep_ctx_free(km__rep_ctx *c);

/* ---- scorecard.c ---- */
/* Query checks (scope, subject, knowledge; not the date). */
int km__scorecard_check(km_network *net, const km_scorecard_query *q);
int km__scorecard_build(km_scorecard **out, km_network *net, const km_scorecard_query *q, int32_t as_of);
double km__scorecard_dim(const km_scorecard *sc, int d);

#endif
