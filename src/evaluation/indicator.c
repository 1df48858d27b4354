/* Indicator and template records and handles, the public functions that
 * turn a request into an event payload, and the reads (get, by code,
 * versions, pages). Validation and state changes happen in the apply
 * functions (indicator_ops.c) on the decoded payload, so live changes and
 * log replay go through exactly the same checks. */
#include "evaluation/evaluation.h"
#include "network/page.h"
#include "agreement/agreement.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__indicator, km_indicator)

km_indicator *km__ind_build(km_network *net, const km__iin *in, uint64_t id, uint32_t version, int64_t created,
                            int64_t updated)
{
    size_t size = sizeof(km_indicator) + in->n_targets * sizeof(km__target), i;
    km_indicator *r;
    char *s;
    size += km__sl_size(&in->code) + km__sl_size(&in->title) + km__sl_size(&in->description) + km__sl_size(&in->unit_label) +
            km__sl_size(&in->reason);
    r = (km_indicator *)km__malloc(net->a, size);
    if (!r) return NULL;
    memset(r, 0, sizeof *r);
    r->refs = 1;
    r->version = version;
    r->ctx = net->ctx;
    r->id = id;
    r->agreement_id = in->is_template ? 0 : in->agreement;
    r->framework_id = in->is_template ? in->framework : 0;
    r->template_id = in->template_id;
    r->reporter = in->reporter;
    r->created = created;
    r->updated = updated;
    r->base_num = in->base_num;
    r->base_den = in->base_den;
    r->has_base_date = (uint8_t)in->has_base_date;
    r->base_date = in->base_date;
    if (in->has_base_date) km__date_format(r->base_date_s, in->base_date);
    r->status = (uint8_t)in->status;
    r->retired_on = in->retired_on;
    if (in->status == KM_INDICATOR_RETIRED) km__date_format(r->retired_s, in->retired_on);
    r->grace = (int32_t)in->grace;
    r->scale_max = (uint32_t)in->scale_max;
    r->weight = (uint32_t)in->weight;
    r->n_targets = (uint32_t)in->n_targets;
    r->is_template = (uint8_t)in->is_template;
    r->result_level = (uint8_t)in->result_level;
    r->measure = (uint8_t)in->measure;
    r->dimension = (uint8_t)in->dimension;
    r->direction = (uint8_t)in->direction;
    r->scale = (uint8_t)in->scale;
    r->frequency = (uint8_t)in->frequency;
    r->time_agg = (uint8_t)in->time_agg;
    r->cross_agg = (uint8_t)in->cross_agg;
    r->allow_over = (uint8_t)(in->allow_over != 0);
    r->targets = (km__target *)(void *)(r + 1);
    for (i = 0; i < in->n_targets; i++) {
        r->targets[i] = in->targets[i];
        if (r->targets[i].has_date) km__date_format(r->targets[i].date_s, r->targets[i].date);
        else r->targets[i].date_s[0] = '\0';
    }
    s = (char *)(r->targets + in->n_targets);
    r->code = km__sl_copy(&s, &in->code);
    r->title = km__sl_copy(&s, &in->title);
    r->description = km__sl_copy(&s, &in->description);
    r->unit_label = km__sl_copy(&s, &in->unit_label);
    r->reason = km__sl_copy(&s, &in->reason);
    km__ctx_ref(net->ctx);
    return r;
}

void km__iin_from_record(km__iin *in, const km_indicator *r)
{
    size_t i;
    memset(in, 0, offsetof(km__iin, targets));
    in->code = km__sl_of(r->code);
    in->title = km__sl_of(r->title);
    in->description = km__sl_of(r->description);
    in->unit_label = km__sl_of(r->unit_label);
    in->reason = km__sl_of(r->reason);
    in->agreement = r->agreement_id;
    in->framework = r->framework_id;
    in->template_id = r->template_id;
    in->reporter = r->reporter;
    in->result_level = r->result_level;
    in->measure = r->measure;
    in->dimension = r->dimension;
    in->direction = r->direction;
    in->scale = r->scale;
    in->scale_max = r->scale_max;
    in->allow_over = r->allow_over;
    in->weight = r->weight;
    in->frequency = r->frequency;
    in->time_agg = r->time_agg;
    in->cross_agg = r->cross_agg;
    in->status = r->status;
    in->base_num = r->base_num;
    in->base_den = r->base_den;
    in->grace = r->grace;
    in->has_base_date = r->has_base_date;
    in->is_template = r->is_template;
    in->base_date = r->base_date;
    in->retired_on = r->retired_on;
    in->n_targets = r->n_targets;
    for (i = 0; i < r->n_targets; i++) in->targets[i] = r->targets[i];
}

km_indicator *km__ind_lookup(const km_network *net, uint64_t id)
{
    if (id == 0 || id > net->indicators.n) return NULL;
    return net->indicators.items[id - 1].cur;
}

int km__ind_not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "indicator.id", "no indicator with id %llu", "tidak ada indikator dengan id %llu",
                   (unsigned long long)id);
}

void km__ind_dom(km__dom *d, const km_indicator *r)
{
    d->measure = r->measure;
    d->scale_max = r->scale_max;
    d->allow_over = r->allow_over;
}

/* ---- public: changes ---- */

static int check_fields(const km_indicator_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_INDICATOR_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

static int put_opt(km__buf *b, uint16_t tag, const char *s) { return s && *s ? km__fw_str(b, tag, s) : 0; }

static int put_int(km__buf *b, uint16_t tag, int v) { return km__fw_u64(b, tag, (uint64_t)(int64_t)v); }

/* Targets as "date:numerator:denominator" (templates: ":num:den"). */
static int encode_targets(km__buf *b, const km_indicator_fields *f)
{
    km__buf tmp;
    const char *ptrs[KM_INDICATOR_TARGETS_MAX];
    size_t offs[KM_INDICATOR_TARGETS_MAX], i;
    int rc = 0;
    if (f->targets_count > KM_INDICATOR_TARGETS_MAX)
        return km__err(KM_EINVAL, "indicator.targets", "has more than %d targets", "lebih dari %d target",
                       KM_INDICATOR_TARGETS_MAX);
    if (f->targets_count == 0) return 0;
    if (!f->target_values)
        return km__err(KM_EINVAL, "indicator.targets", "target_values must not be NULL",
                       "target_values tidak boleh NULL");
    km__buf_init(&tmp, b->a);
    for (i = 0; rc == 0 && i < f->targets_count; i++) {
        char num[64];
        const char *date = f->target_dates ? f->target_dates[i] : NULL;
        if (f->target_dates && !date) {
            rc = km__err(KM_EINVAL, "indicator.targets", "target %zu has a NULL date", "target %zu bertanggal NULL", i);
            break;
        }
        offs[i] = tmp.len;
        if (date) rc = km__buf_put(&tmp, date, strlen(date));
        snprintf(num, sizeof num, ":%lld:%lld", (long long)f->target_values[i],
                 (long long)(f->target_denominators ? f->target_denominators[i] : 1));
        if (rc == 0) rc = km__buf_put(&tmp, num, strlen(num) + 1);
    }
    if (rc == 0) {
        for (i = 0; i < f->targets_count; i++) ptrs[i] = (const char *)tmp.data + offs[i];
        rc = km__fw_strs(b, KM__IT_TARGETS, ptrs, f->targets_count, "indicator.targets");
    }
    km__buf_free(&tmp);
    return rc;
}

int km__ind_encode_fields(km__buf *b, const km_indicator_fields *f, uint32_t mask)
{
    int rc = 0;
    if (mask & KM_INDICATOR_F_CODE && f->code) rc = km__fw_str(b, KM__IT_CODE, f->code);
    if (!rc && mask & KM_INDICATOR_F_TITLE && f->title) rc = km__fw_str(b, KM__IT_TITLE, f->title);
    if (!rc && mask & KM_INDICATOR_F_DESCRIPTION) rc = put_opt(b, KM__IT_DESCRIPTION, f->description);
    if (!rc && mask & KM_INDICATOR_F_RESULT_LEVEL) rc = put_int(b, KM__IT_RESULT_LEVEL, f->result_level);
    if (!rc && mask & KM_INDICATOR_F_MEASURE) {
        rc = put_int(b, KM__IT_MEASURE, f->measure);
        if (!rc) rc = km__fw_u64(b, KM__IT_SCALE, f->scale);
        if (!rc) rc = km__fw_u64(b, KM__IT_SCALE_MAX, f->scale_max);
        if (!rc) rc = km__fw_u64(b, KM__IT_ALLOW_OVER, f->allow_over_100 ? 1 : 0);
    }
    if (!rc && mask & KM_INDICATOR_F_UNIT_LABEL) rc = put_opt(b, KM__IT_UNIT_LABEL, f->unit_label);
    if (!rc && mask & KM_INDICATOR_F_DIMENSION) rc = put_int(b, KM__IT_DIMENSION, f->dimension);
    if (!rc && mask & KM_INDICATOR_F_DIRECTION) rc = put_int(b, KM__IT_DIRECTION, f->direction);
    if (!rc && mask & KM_INDICATOR_F_BASELINE) {
        rc = km__fw_i64(b, KM__IT_BASE_VALUE, f->baseline_value);
        if (!rc && f->baseline_denominator) rc = km__fw_i64(b, KM__IT_BASE_DEN, f->baseline_denominator);
        if (!rc) rc = put_opt(b, KM__IT_BASE_DATE, f->baseline_date);
    }
    if (!rc && mask & KM_INDICATOR_F_TARGETS) rc = encode_targets(b, f);
    if (!rc && mask & KM_INDICATOR_F_WEIGHT) rc = km__fw_u64(b, KM__IT_WEIGHT, f->weight);
    if (!rc && mask & KM_INDICATOR_F_FREQUENCY) {
        rc = put_int(b, KM__IT_FREQUENCY, f->frequency);
        if (!rc) rc = km__fw_i64(b, KM__IT_GRACE, f->grace_days);
    }
    if (!rc && mask & KM_INDICATOR_F_AGGREGATION) {
        rc = put_int(b, KM__IT_TIME_AGG, f->time_aggregation);
        if (!rc) rc = put_int(b, KM__IT_CROSS_AGG, f->cross_aggregation);
    }
    if (!rc && mask & KM_INDICATOR_F_REPORTER && f->reporter_id) rc = km__fw_u64(b, KM__IT_REPORTER, f->reporter_id);
    return rc;
}

int km_indicator_create(uint64_t *out_id, km_network *net, uint64_t agreement_id, const km_indicator_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__IT_AGREEMENT, agreement_id);
    if (rc == 0) rc = km__ind_encode_fields(&net->scratch, fields, KM_INDICATOR_F_ALL);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INDICATOR, KM__OP_INDICATOR_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

int km__ind_edit(km_network *net, uint64_t id, const km_indicator_fields *fields, uint32_t mask, uint16_t op)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__IT_MASK, mask);
    if (rc == 0) rc = km__ind_encode_fields(&net->scratch, fields, mask);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INDICATOR, op, id, net->scratch.data, net->scratch.len, NULL);
}

int km_indicator_update(km_network *net, uint64_t id, const km_indicator_fields *fields, uint32_t mask)
{
    return km__ind_edit(net, id, fields, mask, KM__OP_INDICATOR_UPDATE);
}

int km__ind_retire(km_network *net, uint64_t id, const char *reason, uint16_t op)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if ((rc = put_opt(&net->scratch, KM__IT_REASON, reason)) != 0) return rc;
    /* Retired from the entry's day in WIB; the offset is written so that
     * replay derives the same day (earlier records took the UTC day). */
    if ((rc = km__fw_i64(&net->scratch, KM__IT_DAY_OFFSET, KM__WIB_MINUTES)) != 0) return rc;
    return km__change(net, KM_ENTITY_INDICATOR, op, id, net->scratch.data, net->scratch.len, NULL);
}

int km_indicator_retire(km_network *net, uint64_t id, const char *reason)
{
    return km__ind_retire(net, id, reason, KM__OP_INDICATOR_RETIRE);
}

/* ---- public: reads ---- */

int km_indicator_get(km_indicator **out, km_network *net, uint64_t id)
{
    km_indicator *r;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((r = km__ind_lookup(net, id)) == NULL) return km__ind_not_found(id);
    km__indicator_ref(r);
    *out = r;
    return 0;
}

int km_indicator_get_version(km_indicator **out, km_network *net, uint64_t id, uint32_t version)
{
    km_indicator *r;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((r = km__ind_lookup(net, id)) == NULL) return km__ind_not_found(id);
    if (version == 0 || version > r->version)
        return km__err(KM_ENOTFOUND, "version", "indicator %llu has no version %u (it has %u)",
                       "indikator %llu tidak memiliki versi %u (ada %u)", (unsigned long long)id, version, r->version);
    if (version < r->version) r = net->indicators.items[id - 1].old[version - 1];
    km__indicator_ref(r);
    *out = r;
    return 0;
}

int km_indicator_get_by_code(km_indicator **out, km_network *net, uint64_t agreement_id, const char *code)
{
    const km__idset *set;
    uint64_t id = 1, next;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!code) return km__err(KM_EINVAL, "code", "must not be NULL", "tidak boleh NULL");
    set = km__idsets_get(&net->indicators.by_agreement, agreement_id);
    while (set && km__idset_next(set, id, &next)) {
        km_indicator *r = net->indicators.items[next - 1].cur;
        if (strcmp(r->code, code) == 0) {
            km__indicator_ref(r);
            *out = r;
            return 0;
        }
        id = next + 1;
    }
    return km__err(KM_ENOTFOUND, "code", "agreement %llu has no indicator \"%s\"",
                   "perjanjian %llu tidak memiliki indikator \"%s\"", (unsigned long long)agreement_id, code);
}

void km_indicator_free(km_indicator *ind) { km__indicator_unref(ind); }

uint64_t km_indicator_id(const km_indicator *ind) { return ind ? ind->id : 0; }
int km_indicator_is_template(const km_indicator *ind) { return ind ? ind->is_template : 0; }
uint64_t km_indicator_agreement_id(const km_indicator *ind) { return ind ? ind->agreement_id : 0; }
uint64_t km_indicator_framework_id(const km_indicator *ind) { return ind ? ind->framework_id : 0; }
uint64_t km_indicator_template_id(const km_indicator *ind) { return ind ? ind->template_id : 0; }
uint32_t km_indicator_version(const km_indicator *ind) { return ind ? ind->version : 0; }
const char *km_indicator_code(const km_indicator *ind) { return ind ? ind->code : NULL; }
const char *km_indicator_title(const km_indicator *ind) { return ind ? ind->title : NULL; }
const char *km_indicator_description(const km_indicator *ind) { return ind ? ind->description : NULL; }
int km_indicator_result_level(const km_indicator *ind) { return ind ? ind->result_level : -1; }
int km_indicator_measure(const km_indicator *ind) { return ind ? ind->measure : -1; }
const char *km_indicator_unit_label(const km_indicator *ind) { return ind ? ind->unit_label : NULL; }
int km_indicator_dimension(const km_indicator *ind) { return ind ? ind->dimension : -1; }
int km_indicator_direction(const km_indicator *ind) { return ind ? ind->direction : -1; }
uint32_t km_indicator_scale(const km_indicator *ind) { return ind ? ind->scale : 0; }
uint32_t km_indicator_scale_max(const km_indicator *ind) { return ind ? ind->scale_max : 0; }
int km_indicator_allow_over_100(const km_indicator *ind) { return ind ? ind->allow_over : 0; }
int64_t km_indicator_baseline(int64_t *out_denominator, const km_indicator *ind)
{
    if (out_denominator) *out_denominator = ind ? ind->base_den : 0;
    return ind ? ind->base_num : 0;
}
const char *km_indicator_baseline_date(const km_indicator *ind)
{
    return ind && ind->has_base_date ? ind->base_date_s : NULL;
}
size_t km_indicator_target_count(const km_indicator *ind) { return ind ? ind->n_targets : 0; }
const char *km_indicator_target(int64_t *out_value, int64_t *out_denominator, const km_indicator *ind, size_t i)
{
    if (!ind || i >= ind->n_targets) {
        if (out_value) *out_value = 0;
        if (out_denominator) *out_denominator = 0;
        return NULL;
    }
    if (out_value) *out_value = ind->targets[i].num;
    if (out_denominator) *out_denominator = ind->targets[i].den;
    return ind->targets[i].date_s;
}
uint32_t km_indicator_weight(const km_indicator *ind) { return ind ? ind->weight : 0; }
int km_indicator_frequency(const km_indicator *ind) { return ind ? ind->frequency : -1; }
int km_indicator_time_aggregation(const km_indicator *ind) { return ind ? ind->time_agg : -1; }
int km_indicator_cross_aggregation(const km_indicator *ind) { return ind ? ind->cross_agg : -1; }
uint64_t km_indicator_reporter(const km_indicator *ind) { return ind ? ind->reporter : 0; }
int32_t km_indicator_grace_days(const km_indicator *ind) { return ind ? ind->grace : -1; }
int km_indicator_status_of(const km_indicator *ind) { return ind ? ind->status : -1; }
const char *km_indicator_retired_on(const km_indicator *ind)
{
    return ind && ind->status == KM_INDICATOR_RETIRED ? ind->retired_s : NULL;
}
const char *km_indicator_status_reason(const km_indicator *ind) { return ind ? ind->reason : NULL; }
int64_t km_indicator_created(const km_indicator *ind) { return ind ? ind->created : 0; }
int64_t km_indicator_updated(const km_indicator *ind) { return ind ? ind->updated : 0; }

/* ---- pages ---- */

struct km_indicator_page {
    km__page base;
};

typedef struct iplan {
    const km__idset *set;   /* candidates, or NULL to scan every slot */
    int empty, templates, dimension, status;
    uint64_t framework;     /* indicators: of agreements under it */
    const km_indicator_query *q;
} iplan;

static int make_plan(iplan *pl, km_network *net, const km_indicator_query *q)
{
    const km__indicators *s = &net->indicators;
    memset(pl, 0, sizeof *pl);
    pl->q = q;
    if (q->version == 0 || q->version > KM_INDICATOR_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->dimension != -1 && (q->dimension < 0 || q->dimension >= KM_DIMENSION__COUNT))
        return km__err(KM_EINVAL, "query.dimension", "%d is not a dimension or -1", "%d bukan dimensi atau -1",
                       q->dimension);
    if (q->status != -1 && (q->status < 0 || q->status >= KM_INDICATOR_STATUS__COUNT))
        return km__err(KM_EINVAL, "query.status", "%d is not an indicator status or -1",
                       "%d bukan status indikator atau -1", q->status);
    pl->templates = q->templates != 0;
    pl->dimension = q->dimension;
    pl->status = q->status;
    if (pl->templates) {
        if (q->agreement_id || q->template_id)
            return km__err(KM_EINVAL, "query.templates", "templates have no agreement or template filter",
                           "templat tidak memiliki penyaring perjanjian atau templat");
        if (q->framework_id) {
            pl->set = km__idsets_get(&s->by_framework, q->framework_id);
            pl->empty = pl->set == NULL;
        }
        return 0;
    }
    pl->framework = q->framework_id;
    /* One set gives the candidates; plan_match checks every filter. */
    if (q->agreement_id) pl->set = km__idsets_get(&s->by_agreement, q->agreement_id);
    else if (q->template_id) pl->set = km__idsets_get(&s->by_template, q->template_id);
    pl->empty = (q->agreement_id || q->template_id) && !pl->set;
    return 0;
}

static int plan_match(const iplan *pl, km_network *net, const km_indicator *r)
{
    const km_indicator_query *q = pl->q;
    if (r->is_template != pl->templates) return 0;
    if (pl->dimension != -1 && r->dimension != pl->dimension) return 0;
    if (pl->status != -1 && r->status != pl->status) return 0;
    if (!pl->templates) {
        if (q->agreement_id && r->agreement_id != q->agreement_id) return 0;
        if (q->template_id && r->template_id != q->template_id) return 0;
        if (pl->framework) {
            const km_agreement *a = km__agr_current(net, r->agreement_id);
            if (!a || km__ag_framework(a) != pl->framework) return 0;
        }
    }
    return 1;
}

static int plan_next(const iplan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    uint64_t id = from ? from : 1;
    if (pl->empty) return 0;
    for (;;) {
        if (pl->set) {
            if (!km__idset_next(pl->set, id, &id)) return 0;
        } else if (id > net->indicators.n) {
            return 0;
        }
        if (plan_match(pl, net, net->indicators.items[id - 1].cur)) {
            *out = id;
            return 1;
        }
        id++;
    }
}

static int src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return plan_next((const iplan *)pl, net, from, next);
}
static const void *src_slot(km_network *net, uint64_t id) { return &net->indicators.items[id - 1]; }
static void *src_get(km_network *net, uint64_t id) { return net->indicators.items[id - 1].cur; }
static void src_ref(void *r) { km__indicator_ref((km_indicator *)r); }
static void src_unref(void *r) { km__indicator_unref((km_indicator *)r); }

static const km__page_src page_src = { "i1:", "km_indicator_page_cursor", src_next, src_slot, src_get, src_ref, src_unref, NULL };

int km_indicator_list(km_indicator_page **out, km_network *net, const km_indicator_query *query)
{
    km_indicator_query dq = KM_INDICATOR_QUERY_INIT;
    iplan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_indicator_page), net, &page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

void km_indicator_page_free(km_indicator_page *page) { km__page_free((km__page *)page); }
size_t km_indicator_page_count(const km_indicator_page *page) { return km__page_count((const km__page *)page); }
const km_indicator *km_indicator_page_get(const km_indicator_page *page, size_t i)
{
    return (const km_indicator *)km__page_get((const km__page *)page, i);
}
const char *km_indicator_page_cursor(const km_indicator_page *page) { return km__page_cursor((const km__page *)page); }
