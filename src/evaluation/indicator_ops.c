/* Indicator and template events: decode, validate, apply with undo, and the
 * network's evaluation settings. The same functions run for live changes
 * and for log replay. Indicators and templates share one id sequence. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"
#include "util/num.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

const km__fdesc km__ind_schema[] = {
    { KM__IT_AGREEMENT, KM__T_U64, "agreement_id" },
    { KM__IT_FRAMEWORK, KM__T_U64, "framework_id" },
    { KM__IT_TEMPLATE, KM__T_U64, "template_id" },
    { KM__IT_CODE, KM__T_STR, "code" },
    { KM__IT_TITLE, KM__T_STR, "title" },
    { KM__IT_DESCRIPTION, KM__T_STR, "description" },
    { KM__IT_RESULT_LEVEL, KM__T_U64, "result_level" },
    { KM__IT_MEASURE, KM__T_U64, "measure" },
    { KM__IT_UNIT_LABEL, KM__T_STR, "unit_label" },
    { KM__IT_DIMENSION, KM__T_U64, "dimension" },
    { KM__IT_DIRECTION, KM__T_U64, "direction" },
    { KM__IT_SCALE, KM__T_U64, "scale" },
    { KM__IT_SCALE_MAX, KM__T_U64, "scale_max" },
    { KM__IT_ALLOW_OVER, KM__T_U64, "allow_over_100" },
    { KM__IT_BASE_VALUE, KM__T_I64, "baseline_value" },
    { KM__IT_BASE_DEN, KM__T_I64, "baseline_denominator" },
    { KM__IT_BASE_DATE, KM__T_STR, "baseline_date" },
    { KM__IT_TARGETS, KM__T_STRS, "targets" },
    { KM__IT_WEIGHT, KM__T_U64, "weight" },
    { KM__IT_FREQUENCY, KM__T_U64, "frequency" },
    { KM__IT_TIME_AGG, KM__T_U64, "time_aggregation" },
    { KM__IT_CROSS_AGG, KM__T_U64, "cross_aggregation" },
    { KM__IT_REPORTER, KM__T_U64, "reporter_id" },
    { KM__IT_GRACE, KM__T_I64, "grace_days" },
    { KM__IT_MASK, KM__T_U64, "fields" },
    { KM__IT_REASON, KM__T_STR, "reason" },
    { KM__IT_ON_TRACK, KM__T_U64, "on_track_permille" },
    { KM__IT_AT_RISK, KM__T_U64, "at_risk_permille" },
    { KM__IT_DEFAULT_GRACE, KM__T_U64, "grace_days_default" },
    { KM__IT_DAY_OFFSET, KM__T_I64, "day_offset_minutes" },
};
const size_t km__ind_schema_count = sizeof km__ind_schema / sizeof km__ind_schema[0];

/* ---- decoding ---- */

static int get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int get_u64(const km__fields *f, uint16_t tag, uint64_t *out, uint64_t dflt)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) *out = dflt;
    return rc < 0 ? rc : 0;
}

static int get_i64(const km__fields *f, uint16_t tag, int64_t *out, int64_t dflt)
{
    int rc = km__fields_i64(f, tag, out);
    if (rc == 0) *out = dflt;
    return rc < 0 ? rc : 0;
}

static int bad_target(size_t i)
{
    return km__err(KM_EINVAL, "indicator.targets", "target %zu is not \"date:value:denominator\"",
                   "target %zu bukan \"tanggal:nilai:penyebut\"", i);
}

static int decode_targets(const km__fields *f, km__iin *in)
{
    km__strs list;
    size_t pos = 0, i;
    int rc = km__fields_strs(f, KM__IT_TARGETS, &list);
    in->n_targets = 0;
    if (rc < 0) return rc;
    if (rc == 0) return 0;
    if (list.count > KM_INDICATOR_TARGETS_MAX)
        return km__err(KM_EINVAL, "indicator.targets", "has more than %d targets", "lebih dari %d target",
                       KM_INDICATOR_TARGETS_MAX);
    for (i = 0; i < list.count; i++) {
        size_t n;
        const char *e = km__strs_next(&list, &pos, &n);
        const char *c1 = memchr(e, ':', n), *c2;
        km__target *t = &in->targets[i];
        if (!c1) return bad_target(i);
        c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - e));
        if (!c2) return bad_target(i);
        memset(t, 0, sizeof *t);
        if (c1 > e) {
            if (!km__date_parse(e, (size_t)(c1 - e), &t->date))
                return km__err(KM_EINVAL, "indicator.targets", "target %zu: \"%.*s\" is not a date YYYY-MM-DD",
                               "target %zu: \"%.*s\" bukan tanggal YYYY-MM-DD", i, (int)(c1 - e > 40 ? 40 : c1 - e), e);
            t->has_date = 1;
        }
        if (!km__parse_i64(c1 + 1, (size_t)(c2 - c1 - 1), &t->num) || !km__parse_i64(c2 + 1, n - (size_t)(c2 + 1 - e), &t->den))
            return bad_target(i);
    }
    in->n_targets = list.count;
    return 0;
}

int km__ind_decode(const km__fields *f, uint32_t mask, km__iin *in, int snapshot)
{
    int rc = 0;
    if (mask & KM_INDICATOR_F_CODE) rc = get_str(f, KM__IT_CODE, &in->code);
    if (!rc && mask & KM_INDICATOR_F_TITLE) rc = get_str(f, KM__IT_TITLE, &in->title);
    if (!rc && mask & KM_INDICATOR_F_DESCRIPTION) rc = get_str(f, KM__IT_DESCRIPTION, &in->description);
    if (!rc && mask & KM_INDICATOR_F_RESULT_LEVEL) rc = get_u64(f, KM__IT_RESULT_LEVEL, &in->result_level, 0);
    if (!rc && mask & KM_INDICATOR_F_MEASURE) {
        rc = get_u64(f, KM__IT_MEASURE, &in->measure, 0);
        if (!rc) rc = get_u64(f, KM__IT_SCALE, &in->scale, 0);
        if (!rc) rc = get_u64(f, KM__IT_SCALE_MAX, &in->scale_max, 0);
        if (!rc) rc = get_u64(f, KM__IT_ALLOW_OVER, &in->allow_over, 0);
    }
    if (!rc && mask & KM_INDICATOR_F_UNIT_LABEL) rc = get_str(f, KM__IT_UNIT_LABEL, &in->unit_label);
    if (!rc && mask & KM_INDICATOR_F_DIMENSION) rc = get_u64(f, KM__IT_DIMENSION, &in->dimension, 0);
    if (!rc && mask & KM_INDICATOR_F_DIRECTION) rc = get_u64(f, KM__IT_DIRECTION, &in->direction, 0);
    if (!rc && mask & KM_INDICATOR_F_BASELINE) {
        km__sl d;
        rc = get_i64(f, KM__IT_BASE_VALUE, &in->base_num, 0);
        if (!rc) rc = get_i64(f, KM__IT_BASE_DEN, &in->base_den, 0);
        if (!rc) rc = get_str(f, KM__IT_BASE_DATE, &d);
        in->has_base_date = 0;
        in->base_date = 0;
        if (!rc && d.p) {
            if ((rc = km__v_date("indicator.baseline_date", d.p, d.n, &in->base_date)) == 0) in->has_base_date = 1;
        }
    }
    if (!rc && mask & KM_INDICATOR_F_TARGETS) rc = decode_targets(f, in);
    if (!rc && mask & KM_INDICATOR_F_WEIGHT) rc = get_u64(f, KM__IT_WEIGHT, &in->weight, 0);
    if (!rc && mask & KM_INDICATOR_F_FREQUENCY) {
        rc = get_u64(f, KM__IT_FREQUENCY, &in->frequency, 0);
        if (!rc) rc = get_i64(f, KM__IT_GRACE, &in->grace, -1);
    }
    if (!rc && mask & KM_INDICATOR_F_AGGREGATION) {
        rc = get_u64(f, KM__IT_TIME_AGG, &in->time_agg, 0);
        if (!rc) rc = get_u64(f, KM__IT_CROSS_AGG, &in->cross_agg, 0);
    }
    if (!rc && mask & KM_INDICATOR_F_REPORTER) rc = get_u64(f, KM__IT_REPORTER, &in->reporter, 0);
    if (!rc && snapshot) {
        int64_t day = 0;
        rc = get_u64(f, KM__IT_AGREEMENT, &in->agreement, 0);
        if (!rc) rc = get_u64(f, KM__IT_FRAMEWORK, &in->framework, 0);
        if (!rc) rc = get_u64(f, KM__IT_TEMPLATE, &in->template_id, 0);
        if (!rc) rc = get_str(f, KM__IT_REASON, &in->reason);
        if (!rc) rc = get_u64(f, KM__IT_S_STATUS, &in->status, 0);
        if (!rc) rc = get_i64(f, KM__IT_S_RETIRED_ON, &day, 0);
        if (!rc && (day < KM__DATE_MIN || day > KM__DATE_MAX))
            rc = km__err(KM_EINVAL, "indicator.retired_on", "out of range", "di luar rentang");
        in->retired_on = (int32_t)day;
        in->is_template = in->framework != 0;
    }
    return rc;
}

/* ---- validation ---- */

static int v_code(const km__sl *c)
{
    size_t i;
    if (!c->p || c->n == 0) return km__err(KM_EINVAL, "indicator.code", "is required", "wajib diisi");
    if (c->n > KM_INDICATOR_CODE_MAX)
        return km__err(KM_EINVAL, "indicator.code", "is longer than %d bytes", "lebih dari %d byte",
                       KM_INDICATOR_CODE_MAX);
    for (i = 0; i < c->n; i++) {
        char ch = c->p[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '.' ||
              ch == '_' || ch == '-'))
            return km__err(KM_EINVAL, "indicator.code", "\"%.*s\" may contain only letters, digits and ._-",
                           "\"%.*s\" hanya boleh berisi huruf, angka dan ._-", (int)c->n, c->p);
    }
    return 0;
}

int km__ev_value_check(const char *field, const km__dom *d, int64_t num, int64_t den, int nominal_zero)
{
    switch (d->measure) {
    case KM_MEASURE_UNIT:
        if (den != 1) break;
        return 0;
    case KM_MEASURE_PERCENTAGE:
        if (den <= 0)
            return km__err(KM_EINVAL, field, "a percentage needs a denominator > 0 (got %lld)",
                           "persentase memerlukan penyebut > 0 (diberikan %lld)", (long long)den);
        if (num < 0 || (!d->allow_over && num > den))
            return km__err(KM_EINVAL, field, "%lld/%lld is not a percentage in 0..100%s%.0s",
                           "%lld/%lld bukan persentase dalam 0..100%.0s%s", (long long)num, (long long)den,
                           d->allow_over ? " (or above)" : "", d->allow_over ? " (atau lebih)" : "");
        return 0;
    case KM_MEASURE_RATIO:
        if (den <= 0)
            return km__err(KM_EINVAL, field, "a ratio needs a denominator > 0 (got %lld)",
                           "rasio memerlukan penyebut > 0 (diberikan %lld)", (long long)den);
        return 0;
    case KM_MEASURE_ORDINAL:
    case KM_MEASURE_NOMINAL: {
        int64_t lo = d->measure == KM_MEASURE_NOMINAL && nominal_zero ? 0 : 1;
        if (den != 1) break;
        if (num < lo || num > (int64_t)d->scale_max)
            return km__err(KM_EINVAL, field, "%lld is outside the scale %lld..%u", "%lld di luar skala %lld..%u",
                           (long long)num, (long long)lo, d->scale_max);
        return 0;
    }
    case KM_MEASURE_QUALITATIVE:
        if (num != 0 || den != 1)
            return km__err(KM_EINVAL, field, "a qualitative indicator has a text, not a number",
                           "indikator kualitatif berisi teks, bukan angka");
        return 0;
    default: break;
    }
    return km__err(KM_EINVAL, field, "the denominator must be 1 for this measure (got %lld)",
                   "penyebut harus 1 untuk ukuran ini (diberikan %lld)", (long long)den);
}

int km__ev_aggregation_check(int measure, int time_agg, int cross_agg)
{
    static const char *const names[KM_MEASURE__COUNT] = { "unit", "percentage", "nominal", "ordinal", "qualitative",
                                                          "ratio" };
    static const char *const names_id[KM_MEASURE__COUNT] = { "satuan", "persentase", "nominal", "ordinal",
                                                             "kualitatif", "rasio" };
    int time_ok = 1, cross_ok = 1;
    switch (measure) {
    case KM_MEASURE_PERCENTAGE:
    case KM_MEASURE_RATIO:
        /* Pooled: never an average of percentages. */
        time_ok = time_agg != KM_TIME_AGG_AVERAGE;
        cross_ok = cross_agg == KM_CROSS_AGG_SUM;
        break;
    case KM_MEASURE_ORDINAL:
        time_ok = time_agg != KM_TIME_AGG_SUM;
        cross_ok = cross_agg != KM_CROSS_AGG_SUM;
        break;
    case KM_MEASURE_NOMINAL:
    case KM_MEASURE_QUALITATIVE: time_ok = time_agg == KM_TIME_AGG_LAST; break;
    default: break;
    }
    if (!time_ok)
        return km__err(KM_EINVAL, "indicator.time_aggregation", "%s%.0s does not suit a %s%.0s indicator%s%.0s",
                       "%.0s%s tidak cocok untuk indikator %.0s%s%.0s%s",
                       km_time_aggregation_label(time_agg, KM_LANG_EN), km_time_aggregation_label(time_agg, KM_LANG_ID),
                       names[measure], names_id[measure],
                       measure == KM_MEASURE_PERCENTAGE || measure == KM_MEASURE_RATIO
                           ? " (percentages and ratios pool: use sum)" : "",
                       measure == KM_MEASURE_PERCENTAGE || measure == KM_MEASURE_RATIO
                           ? " (persentase dan rasio digabung: gunakan jumlah)" : "");
    if (!cross_ok)
        return km__err(KM_EINVAL, "indicator.cross_aggregation", "%s%.0s does not suit a %s%.0s indicator",
                       "%.0s%s tidak cocok untuk indikator %.0s%s", km_cross_aggregation_label(cross_agg, KM_LANG_EN),
                       km_cross_aggregation_label(cross_agg, KM_LANG_ID), names[measure], names_id[measure]);
    return 0;
}

static int scored_measure(int m) { return m != KM_MEASURE_QUALITATIVE; }
static int ordered_measure(int m) { return m != KM_MEASURE_QUALITATIVE && m != KM_MEASURE_NOMINAL; }

/* Denominators left 0 mean 1 except for percentages and ratios. */
static void normalize(km__iin *in)
{
    size_t i;
    int pooled = in->measure == KM_MEASURE_PERCENTAGE || in->measure == KM_MEASURE_RATIO;
    if (pooled) return;
    if (in->base_den == 0) in->base_den = 1;
    for (i = 0; i < in->n_targets; i++)
        if (in->targets[i].den == 0) in->targets[i].den = 1;
}

static int code_taken(km_network *net, const km__iin *in, uint64_t self)
{
    const km__indicators *s = &net->indicators;
    const km__idset *set = in->is_template ? km__idsets_get(&s->by_framework, in->framework)
                                           : km__idsets_get(&s->by_agreement, in->agreement);
    uint64_t id = 1, next;
    while (set && km__idset_next(set, id, &next)) {
        const km_indicator *r = s->items[next - 1].cur;
        if (next != self && strlen(r->code) == in->code.n && memcmp(r->code, in->code.p, in->code.n) == 0)
            return km__err(KM_EEXISTS, "indicator.code", "\"%.*s\" is already used by %s%.0s %llu",
                           "\"%.*s\" sudah dipakai %.0s%s %llu", (int)in->code.n, in->code.p,
                           in->is_template ? "template" : "indicator", in->is_template ? "templat" : "indikator",
                           (unsigned long long)next);
        id = next + 1;
    }
    return 0;
}

int km__ind_validate(km_network *net, const km__iin *in, uint64_t self)
{
    km__dom dom;
    size_t i;
    int rc;
    if ((rc = v_code(&in->code)) != 0) return rc;
    if (!in->title.p) return km__err(KM_EINVAL, "indicator.title", "is required", "wajib diisi");
    if ((rc = km__v_text("indicator.title", in->title.p, in->title.n, 1, KM_INDICATOR_TITLE_MAX, 0)) != 0) return rc;
    if (in->description.p && (rc = km__v_text("indicator.description", in->description.p, in->description.n, 0,
                                              KM_INDICATOR_DESCRIPTION_MAX, 1)) != 0)
        return rc;
    if (in->unit_label.p &&
        (rc = km__v_text("indicator.unit_label", in->unit_label.p, in->unit_label.n, 0, KM_INDICATOR_UNIT_MAX, 0)) != 0)
        return rc;
    if (in->reason.p &&
        (rc = km__v_text("indicator.reason", in->reason.p, in->reason.n, 1, KM_MEASUREMENT_TEXT_MAX, 1)) != 0)
        return rc;
    if ((rc = km__v_enum("indicator.result_level", in->result_level, KM_RESULT_LEVEL__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.measure", in->measure, KM_MEASURE__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.dimension", in->dimension, KM_DIMENSION__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.direction", in->direction, KM_DIRECTION__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.frequency", in->frequency, KM_FREQUENCY__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.time_aggregation", in->time_agg, KM_TIME_AGG__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.cross_aggregation", in->cross_agg, KM_CROSS_AGG__COUNT)) != 0) return rc;
    if ((rc = km__v_enum("indicator.status", in->status, KM_INDICATOR_STATUS__COUNT)) != 0) return rc;
    if (in->scale > KM_INDICATOR_DECIMALS_MAX)
        return km__err(KM_EINVAL, "indicator.scale", "%llu decimal places; at most %d",
                       "%llu angka desimal; paling banyak %d", (unsigned long long)in->scale, KM_INDICATOR_DECIMALS_MAX);
    if ((in->measure == KM_MEASURE_ORDINAL || in->measure == KM_MEASURE_NOMINAL)) {
        if (in->scale != 0)
            return km__err(KM_EINVAL, "indicator.scale", "ordinal and nominal values are whole numbers (scale 0)",
                           "nilai ordinal dan nominal adalah bilangan bulat (skala 0)");
        if (in->scale_max < 2 || in->scale_max > KM_INDICATOR_CATEGORIES_MAX)
            return km__err(KM_EINVAL, "indicator.scale_max", "must be 2..%d for an ordinal or nominal indicator",
                           "harus 2..%d untuk indikator ordinal atau nominal", KM_INDICATOR_CATEGORIES_MAX);
    } else if (in->scale_max != 0) {
        return km__err(KM_EINVAL, "indicator.scale_max", "is only for ordinal and nominal indicators",
                       "hanya untuk indikator ordinal dan nominal");
    }
    if (in->allow_over > 1 || (in->allow_over && in->measure != KM_MEASURE_PERCENTAGE))
        return km__err(KM_EINVAL, "indicator.allow_over_100", "is only for percentages",
                       "hanya untuk persentase");
    if ((rc = km__ev_aggregation_check((int)in->measure, (int)in->time_agg, (int)in->cross_agg)) != 0) return rc;
    if (in->weight > KM_INDICATOR_WEIGHT_MAX)
        return km__err(KM_EINVAL, "indicator.weight", "%llu is more than %d", "%llu lebih dari %d",
                       (unsigned long long)in->weight, KM_INDICATOR_WEIGHT_MAX);
    if (in->grace < -1 || in->grace > KM_INDICATOR_GRACE_MAX)
        return km__err(KM_EINVAL, "indicator.grace_days", "must be -1 or 0..%d", "harus -1 atau 0..%d",
                       KM_INDICATOR_GRACE_MAX);
    if (in->is_template) {
        if (in->has_base_date)
            return km__err(KM_EINVAL, "indicator.baseline_date", "a template takes the agreement's start date",
                           "templat memakai tanggal mulai perjanjian");
        if (in->reporter)
            return km__err(KM_EINVAL, "indicator.reporter_id", "a template has no reporter", "templat tidak memiliki pelapor");
    } else if (!in->has_base_date) {
        return km__err(KM_EINVAL, "indicator.baseline_date", "is required", "wajib diisi");
    }
    dom.measure = (int)in->measure;
    dom.scale_max = (uint32_t)in->scale_max;
    dom.allow_over = (int)in->allow_over;
    if ((rc = km__ev_value_check("indicator.baseline_value", &dom, in->base_num, in->base_den, 1)) != 0) return rc;
    if (!scored_measure((int)in->measure)) {
        if (in->n_targets)
            return km__err(KM_EINVAL, "indicator.targets", "a qualitative indicator has no targets",
                           "indikator kualitatif tidak memiliki target");
    } else if (in->is_template ? in->n_targets != 1 : in->n_targets == 0) {
        return km__err(KM_EINVAL, "indicator.targets", in->is_template ? "a template has exactly one target"
                                                                       : "at least one target is required",
                       in->is_template ? "templat memiliki tepat satu target" : "sedikitnya satu target wajib diisi");
    }
    for (i = 0; i < in->n_targets; i++) {
        const km__target *t = &in->targets[i];
        char field[40];
        snprintf(field, sizeof field, "indicator.targets[%zu]", i);
        if (in->is_template != !t->has_date) {
            return km__err(KM_EINVAL, field, in->is_template ? "a template's target has no date (the agreement's end date is used)"
                                                             : "needs a date",
                           in->is_template ? "target templat tidak bertanggal (dipakai tanggal berakhir perjanjian)"
                                           : "memerlukan tanggal");
        }
        if (t->has_date && t->date <= (i ? in->targets[i - 1].date : in->base_date)) {
            char ds[KM__DATE_BUF];
            km__date_format(ds, t->date);
            return km__err(KM_EINVAL, field, "%s is not after the %s%.0s", "%s tidak setelah %.0s%s", ds,
                           i ? "previous target" : "baseline date", i ? "target sebelumnya" : "tanggal dasar");
        }
        if ((rc = km__ev_value_check(field, &dom, t->num, t->den, 0)) != 0) return rc;
        if (ordered_measure((int)in->measure)) {
            int c = km__q_cmp(t->num, t->den, in->base_num, in->base_den);
            if (in->direction == KM_DIRECTION_ASCENDING ? c < 0 : c > 0)
                return km__err(KM_EINVAL, field, "is on the wrong side of the baseline for a%s%.0s indicator",
                               "berada di sisi yang salah dari nilai dasar untuk indikator %.0s%s",
                               in->direction == KM_DIRECTION_ASCENDING ? "n ascending" : " descending",
                               in->direction == KM_DIRECTION_ASCENDING ? "naik" : "turun");
        }
    }
    return code_taken(net, in, self);
}

/* ---- records in snapshots ---- */

int km__ind_encode_record(km__buf *b, const km_indicator *r)
{
    km__buf tmp;
    const char *ptrs[KM_INDICATOR_TARGETS_MAX];
    size_t offs[KM_INDICATOR_TARGETS_MAX], i;
    int rc;
    rc = km__fw_u64(b, r->is_template ? KM__IT_FRAMEWORK : KM__IT_AGREEMENT,
                    r->is_template ? r->framework_id : r->agreement_id);
    if (!rc && r->template_id) rc = km__fw_u64(b, KM__IT_TEMPLATE, r->template_id);
    if (!rc) rc = km__fw_str(b, KM__IT_CODE, r->code);
    if (!rc) rc = km__fw_str(b, KM__IT_TITLE, r->title);
    if (!rc && r->description) rc = km__fw_str(b, KM__IT_DESCRIPTION, r->description);
    if (!rc) rc = km__fw_u64(b, KM__IT_RESULT_LEVEL, r->result_level);
    if (!rc) rc = km__fw_u64(b, KM__IT_MEASURE, r->measure);
    if (!rc) rc = km__fw_u64(b, KM__IT_SCALE, r->scale);
    if (!rc) rc = km__fw_u64(b, KM__IT_SCALE_MAX, r->scale_max);
    if (!rc) rc = km__fw_u64(b, KM__IT_ALLOW_OVER, r->allow_over);
    if (!rc && r->unit_label) rc = km__fw_str(b, KM__IT_UNIT_LABEL, r->unit_label);
    if (!rc) rc = km__fw_u64(b, KM__IT_DIMENSION, r->dimension);
    if (!rc) rc = km__fw_u64(b, KM__IT_DIRECTION, r->direction);
    if (!rc) rc = km__fw_i64(b, KM__IT_BASE_VALUE, r->base_num);
    if (!rc) rc = km__fw_i64(b, KM__IT_BASE_DEN, r->base_den);
    if (!rc && r->has_base_date) rc = km__fw_str(b, KM__IT_BASE_DATE, r->base_date_s);
    if (!rc && r->n_targets) {
        km__buf_init(&tmp, b->a);
        for (i = 0; !rc && i < r->n_targets; i++) {
            char item[80];
            snprintf(item, sizeof item, "%s:%lld:%lld", r->targets[i].date_s, (long long)r->targets[i].num,
                     (long long)r->targets[i].den);
            offs[i] = tmp.len;
            rc = km__buf_put(&tmp, item, strlen(item) + 1);
        }
        for (i = 0; !rc && i < r->n_targets; i++) ptrs[i] = (const char *)tmp.data + offs[i];
        if (!rc) rc = km__fw_strs(b, KM__IT_TARGETS, ptrs, r->n_targets, "targets");
        km__buf_free(&tmp);
    }
    if (!rc) rc = km__fw_u64(b, KM__IT_WEIGHT, r->weight);
    if (!rc) rc = km__fw_u64(b, KM__IT_FREQUENCY, r->frequency);
    if (!rc) rc = km__fw_i64(b, KM__IT_GRACE, r->grace);
    if (!rc) rc = km__fw_u64(b, KM__IT_TIME_AGG, r->time_agg);
    if (!rc) rc = km__fw_u64(b, KM__IT_CROSS_AGG, r->cross_agg);
    if (!rc && r->reporter) rc = km__fw_u64(b, KM__IT_REPORTER, r->reporter);
    if (!rc && r->reason) rc = km__fw_str(b, KM__IT_REASON, r->reason);
    if (!rc) rc = km__fw_u64(b, KM__IT_S_VERSION, r->version);
    if (!rc) rc = km__fw_i64(b, KM__IT_S_CREATED, r->created);
    if (!rc) rc = km__fw_i64(b, KM__IT_S_UPDATED, r->updated);
    if (!rc) rc = km__fw_u64(b, KM__IT_S_STATUS, r->status);
    if (!rc && r->status == KM_INDICATOR_RETIRED) rc = km__fw_i64(b, KM__IT_S_RETIRED_ON, r->retired_on);
    return rc;
}

/* ---- apply ---- */

static int kind_error(const km_indicator *r, int want_template)
{
    return want_template
               ? km__err(KM_ESTATE, "indicator.id", "%llu is an indicator, not a template",
                         "%llu adalah indikator, bukan templat", (unsigned long long)r->id)
               : km__err(KM_ESTATE, "indicator.id", "%llu is a template: use the km_indicator_template_* functions",
                         "%llu adalah templat: gunakan fungsi km_indicator_template_*", (unsigned long long)r->id);
}

static int agreement_open(km__apply *ap, const km_agreement *a)
{
    if (!km__agr_ended(a->status)) return 0;
    return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s%.0s: its indicators cannot change",
                                      "perjanjian %llu %.0s%s: indikatornya tidak dapat diubah", (unsigned long long)a->id,
                                      km_agreement_status_label(a->status, KM_LANG_EN),
                                      km_agreement_status_label(a->status, KM_LANG_ID)));
}

static int reporter_check(km__apply *ap, const km_agreement *a, uint64_t reporter)
{
    if (!reporter || km__ev_is_party(a, reporter)) return 0;
    return km__apply_fail(ap, km__err(KM_ENOTFOUND, "indicator.reporter_id", "partner %llu is not a party of agreement %llu",
                                      "mitra %llu bukan pihak perjanjian %llu", (unsigned long long)reporter,
                                      (unsigned long long)a->id));
}

static void undo_create(km_network *net, km__undo *u)
{
    km__indicators *s = &net->indicators;
    km_indicator *r = (km_indicator *)u->ptr;
    (void)km__ind_index_replace(s, r, NULL);
    s->n--;
    memset(&s->items[s->n], 0, sizeof s->items[s->n]);
    if (r->is_template) s->n_templates--;
    else s->n_indicators--;
    km__indicator_unref(r);
}

static int add_record(km_network *net, km__apply *ap, const km__iin *in)
{
    km__indicators *s = &net->indicators;
    km_indicator *r;
    uint64_t id = s->n + 1;
    int rc;
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "indicator.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items)) != 0) return rc;
    r = km__ind_build(net, in, id, 1, ap->time, ap->time);
    if (!r) return km__nomem();
    if ((rc = km__ind_index_replace(s, NULL, r)) != 0) {
        km__indicator_unref(r);
        return rc;
    }
    memset(&s->items[s->n], 0, sizeof s->items[s->n]);
    s->items[s->n++].cur = r;
    if (r->is_template) s->n_templates++;
    else s->n_indicators++;
    km__undo_push(net, undo_create, NULL, id, r);
    ap->id = id;
    return 0;
}

static void init_in(km__iin *in)
{
    memset(in, 0, offsetof(km__iin, targets));
    in->grace = -1;
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__iin in;
    const km_agreement *a;
    uint64_t agreement = 0, tmpl = 0;
    const km__idset *set;
    int rc;
    init_in(&in);
    if ((rc = km__fields_u64(&ap->f, KM__IT_AGREEMENT, &agreement)) < 0) return km__apply_fail(ap, rc);
    if ((rc = km__fields_u64(&ap->f, KM__IT_TEMPLATE, &tmpl)) < 0) return km__apply_fail(ap, rc);
    if ((rc = km__ind_decode(&ap->f, KM_INDICATOR_F_ALL, &in, 0)) != 0) return km__apply_fail(ap, rc);
    if ((a = km__agr_current(net, agreement)) == NULL) return km__apply_fail(ap, km__agr_not_found(agreement));
    if ((rc = agreement_open(ap, a)) != 0) return rc;
    set = km__idsets_get(&net->indicators.by_agreement, agreement);
    if (set && km__idset_count(set) >= KM_INDICATORS_PER_AGREEMENT_MAX)
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.indicators", "agreement %llu already has %d indicators",
                                          "perjanjian %llu sudah memiliki %d indikator", (unsigned long long)agreement,
                                          KM_INDICATORS_PER_AGREEMENT_MAX));
    if (tmpl) {
        const km_indicator *t = km__ind_lookup(net, tmpl);
        if (!t || !t->is_template)
            return km__apply_fail(ap, km__err(KM_ENOTFOUND, "indicator.template_id", "no template with id %llu",
                                              "tidak ada templat dengan id %llu", (unsigned long long)tmpl));
        if (t->framework_id != km__ag_framework(a))
            return km__apply_fail(ap, km__err(KM_EINVAL, "indicator.template_id",
                                              "template %llu belongs to framework %llu, agreement %llu to %llu",
                                              "templat %llu milik kerangka %llu, perjanjian %llu milik %llu",
                                              (unsigned long long)tmpl, (unsigned long long)t->framework_id,
                                              (unsigned long long)agreement, (unsigned long long)km__ag_framework(a)));
    }
    in.agreement = agreement;
    in.template_id = tmpl;
    if ((rc = reporter_check(ap, a, in.reporter)) != 0) return rc;
    normalize(&in);
    if ((rc = km__ind_validate(net, &in, 0)) != 0) return km__apply_fail(ap, rc);
    return add_record(net, ap, &in);
}

static int apply_template_create(km_network *net, km__apply *ap)
{
    km__iin in;
    uint64_t fw = 0;
    const km__idset *set;
    int rc;
    init_in(&in);
    in.is_template = 1;
    if ((rc = km__fields_u64(&ap->f, KM__IT_FRAMEWORK, &fw)) < 0) return km__apply_fail(ap, rc);
    if (km__fields_has(&ap->f, KM__IT_AGREEMENT) || km__fields_has(&ap->f, KM__IT_TEMPLATE))
        return km__apply_fail(ap, km__err(KM_EINVAL, "indicator.template", "a template has no agreement or template",
                                          "templat tidak memiliki perjanjian atau templat"));
    if ((rc = km__ind_decode(&ap->f, KM_INDICATOR_F_ALL, &in, 0)) != 0) return km__apply_fail(ap, rc);
    if (!km__framework_current(&net->frameworks, fw))
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "indicator.framework_id", "no framework with id %llu",
                                          "tidak ada kerangka dengan id %llu", (unsigned long long)fw));
    set = km__idsets_get(&net->indicators.by_framework, fw);
    if (set && km__idset_count(set) >= KM_INDICATORS_PER_AGREEMENT_MAX)
        return km__apply_fail(ap, km__err(KM_ESTATE, "framework.templates", "framework %llu already has %d templates",
                                          "kerangka %llu sudah memiliki %d templat", (unsigned long long)fw,
                                          KM_INDICATORS_PER_AGREEMENT_MAX));
    in.framework = fw;
    normalize(&in);
    if ((rc = km__ind_validate(net, &in, 0)) != 0) return km__apply_fail(ap, rc);
    return add_record(net, ap, &in);
}

/* The current record swapped for a new one of the same version (release
 * drops the old one on commit) or of the next version (the old one moves to
 * old[] and stays readable). */
static void undo_swap(km_network *net, km__undo *u)
{
    km__ind_slot *slot = &net->indicators.items[u->id - 1];
    km_indicator *old = (km_indicator *)u->ptr, *cur = slot->cur;
    (void)km__ind_index_replace(&net->indicators, cur, old); /* re-adds what was removed: cannot allocate */
    slot->cur = old;
    km__indicator_unref(cur);
}

static void release_swap(km_network *net, km__undo *u)
{
    (void)net;
    km__indicator_unref((km_indicator *)u->ptr);
}

static int replace(km_network *net, km__apply *ap, km__ind_slot *slot, const km__iin *in, int new_version)
{
    km_indicator *old = slot->cur, *r;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if (new_version &&
        (rc = km__grow(net->a, (void **)&slot->old, &slot->cap_old, old->version, sizeof *slot->old)) != 0)
        return rc;
    r = km__ind_build(net, in, old->id, old->version + (new_version ? 1 : 0), old->created, ap->time);
    if (!r) return km__nomem();
    if ((rc = km__ind_index_replace(&net->indicators, old, r)) != 0) {
        km__indicator_unref(r);
        return rc;
    }
    slot->cur = r;
    if (new_version) {
        slot->old[old->version - 1] = old;
        km__undo_push(net, undo_swap, NULL, old->id, old);
    } else {
        km__undo_push(net, undo_swap, release_swap, old->id, old);
    }
    ap->id = old->id;
    return 0;
}

static km__ind_slot *find(km_network *net, km__apply *ap, int want_template, int *rc)
{
    km__ind_slot *slot;
    *rc = 0;
    if (ap->ev.id == 0 || ap->ev.id > net->indicators.n) {
        *rc = km__apply_fail(ap, km__ind_not_found(ap->ev.id));
        return NULL;
    }
    slot = &net->indicators.items[ap->ev.id - 1];
    if (slot->cur->is_template != want_template) {
        *rc = km__apply_fail(ap, kind_error(slot->cur, want_template));
        return NULL;
    }
    return slot;
}

static int apply_update_any(km_network *net, km__apply *ap, int want_template)
{
    km__ind_slot *slot;
    const km_indicator *cur;
    const km_agreement *a = NULL;
    km__iin in;
    uint64_t mask = 0;
    int rc;
    if ((slot = find(net, ap, want_template, &rc)) == NULL) return rc;
    cur = slot->cur;
    if ((rc = km__fields_u64(&ap->f, KM__IT_MASK, &mask)) < 0) return km__apply_fail(ap, rc);
    if (mask == 0 || (mask & ~(uint64_t)KM_INDICATOR_F_ALL))
        return km__apply_fail(ap, km__err(KM_EINVAL, "mask", "0x%llx is not a non-empty set of KM_INDICATOR_F_* bits",
                                          "0x%llx bukan himpunan bit KM_INDICATOR_F_* yang tidak kosong",
                                          (unsigned long long)mask));
    if (cur->status != KM_INDICATOR_ACTIVE)
        return km__apply_fail(ap, km__err(KM_ESTATE, "indicator.status", "%llu is retired and cannot change",
                                          "%llu sudah dihentikan dan tidak dapat diubah", (unsigned long long)cur->id));
    if (!want_template) {
        a = km__agr_current(net, cur->agreement_id);
        if (a && (rc = agreement_open(ap, a)) != 0) return rc;
    }
    km__iin_from_record(&in, cur);
    if ((rc = km__ind_decode(&ap->f, (uint32_t)mask, &in, 0)) != 0) return km__apply_fail(ap, rc);
    if ((mask & KM_INDICATOR_F_MEASURE) && !want_template &&
        (in.measure != cur->measure || in.scale != cur->scale || in.scale_max != cur->scale_max ||
         (in.allow_over != 0) != cur->allow_over)) {
        const km__idset *ms = km__idsets_get(&net->measurements.by_indicator, cur->id);
        if (ms && km__idset_count(ms) > 0)
            return km__apply_fail(ap, km__err(KM_ESTATE, "indicator.measure",
                                              "indicator %llu has measurements: its measure, scale and domain are fixed",
                                              "indikator %llu sudah memiliki pengukuran: ukuran, skala dan domainnya tetap",
                                              (unsigned long long)cur->id));
    }
    if (a && (mask & KM_INDICATOR_F_REPORTER) && (rc = reporter_check(ap, a, in.reporter)) != 0) return rc;
    normalize(&in);
    if ((rc = km__ind_validate(net, &in, cur->id)) != 0) return km__apply_fail(ap, rc);
    return replace(net, ap, slot, &in, 1);
}

static int apply_update(km_network *net, km__apply *ap) { return apply_update_any(net, ap, 0); }
static int apply_template_update(km_network *net, km__apply *ap) { return apply_update_any(net, ap, 1); }

static int apply_retire_any(km_network *net, km__apply *ap, int want_template)
{
    km__ind_slot *slot;
    km__iin in;
    km__sl reason;
    int32_t offset;
    int rc, has_offset;
    if ((slot = find(net, ap, want_template, &rc)) == NULL) return rc;
    if ((rc = get_str(&ap->f, KM__IT_REASON, &reason)) != 0) return km__apply_fail(ap, rc);
    /* The zone of the retirement day (UTC in records without it). */
    if ((rc = km__fields_day_offset(&ap->f, KM__IT_DAY_OFFSET, "indicator.day_offset_minutes", &has_offset, &offset)) != 0)
        return km__apply_fail(ap, rc);
    if (!reason.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "indicator.reason", "a reason is required to retire",
                                          "alasan wajib diisi untuk menghentikan"));
    if (slot->cur->status != KM_INDICATOR_ACTIVE)
        return km__apply_fail(ap, km__err(KM_ESTATE, "indicator.status", "%llu is already retired",
                                          "%llu sudah dihentikan", (unsigned long long)slot->cur->id));
    km__iin_from_record(&in, slot->cur);
    in.status = KM_INDICATOR_RETIRED;
    in.retired_on = km__day_at(ap->time, offset);
    in.reason = reason;
    if ((rc = km__ind_validate(net, &in, slot->cur->id)) != 0) return km__apply_fail(ap, rc);
    return replace(net, ap, slot, &in, 0);
}

static int apply_retire(km_network *net, km__apply *ap) { return apply_retire_any(net, ap, 0); }
static int apply_template_retire(km_network *net, km__apply *ap) { return apply_retire_any(net, ap, 1); }

/* Settings are packed into the undo id: 11 bits each. */
static void undo_settings(km_network *net, km__undo *u)
{
    net->indicators.on_track = (uint32_t)(u->id & 0x7FF);
    net->indicators.at_risk = (uint32_t)((u->id >> 11) & 0x7FF);
    net->indicators.grace = (uint32_t)((u->id >> 22) & 0x7FF);
}

static int apply_settings(km_network *net, km__apply *ap)
{
    km__indicators *s = &net->indicators;
    uint64_t on = 0, risk = 0, grace = 0;
    int rc;
    if (ap->ev.id != 0)
        return km__apply_fail(ap, km__err(KM_EINVAL, "evaluation.settings", "settings belong to id 0, not %llu",
                                          "pengaturan milik id 0, bukan %llu", (unsigned long long)ap->ev.id));
    if ((rc = km__fields_u64(&ap->f, KM__IT_ON_TRACK, &on)) <= 0 ||
        (rc = km__fields_u64(&ap->f, KM__IT_AT_RISK, &risk)) <= 0 ||
        (rc = km__fields_u64(&ap->f, KM__IT_DEFAULT_GRACE, &grace)) <= 0)
        return km__apply_fail(ap, rc < 0 ? rc : km__err(KM_EINVAL, "evaluation.settings", "every threshold is required",
                                                        "setiap ambang wajib diisi"));
    if (on > 1000)
        return km__apply_fail(ap, km__err(KM_EINVAL, "on_track_permille", "%llu is more than 1000",
                                          "%llu lebih dari 1000", (unsigned long long)on));
    if (risk > on)
        return km__apply_fail(ap, km__err(KM_EINVAL, "at_risk_permille", "%llu is more than the on-track threshold %llu",
                                          "%llu lebih dari ambang sesuai rencana %llu", (unsigned long long)risk,
                                          (unsigned long long)on));
    if (grace > KM_INDICATOR_GRACE_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "grace_days", "%llu is more than %d", "%llu lebih dari %d",
                                          (unsigned long long)grace, KM_INDICATOR_GRACE_MAX));
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    km__undo_push(net, undo_settings, NULL,
                  (uint64_t)s->on_track | ((uint64_t)s->at_risk << 11) | ((uint64_t)s->grace << 22), NULL);
    s->on_track = (uint32_t)on;
    s->at_risk = (uint32_t)risk;
    s->grace = (uint32_t)grace;
    ap->id = 0;
    return 0;
}

const km__opdef km__indicator_ops[] = {
    { KM_ENTITY_INDICATOR, KM__OP_INDICATOR_CREATE, "indicator.create", apply_create, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_INDICATOR_UPDATE, "indicator.update", apply_update, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_INDICATOR_RETIRE, "indicator.retire", apply_retire, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_TEMPLATE_CREATE, "indicator.template_create", apply_template_create, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_TEMPLATE_UPDATE, "indicator.template_update", apply_template_update, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_TEMPLATE_RETIRE, "indicator.template_retire", apply_template_retire, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
    { KM_ENTITY_INDICATOR, KM__OP_EVALUATION_SETTINGS, "evaluation.settings", apply_settings, km__ind_schema,
      sizeof km__ind_schema / sizeof km__ind_schema[0] },
};
const size_t km__indicator_ops_count = sizeof km__indicator_ops / sizeof km__indicator_ops[0];
