/* Indicator templates at the framework level (every KPBU under a framework
 * reports availability and user satisfaction) and their instantiation on
 * an agreement. The library never instantiates by itself: the host calls
 * km_indicator_instantiate_templates() when it wants the copies, e.g. right
 * after creating or signing an agreement. */
#include "evaluation/evaluation.h"
#include "agreement/agreement.h"

#include <stdio.h>
#include <string.h>

int km_indicator_template_create(uint64_t *out_id, km_network *net, uint64_t framework_id,
                                 const km_indicator_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!fields) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (fields->version == 0 || fields->version > KM_INDICATOR_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", fields->version);
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__IT_FRAMEWORK, framework_id);
    if (rc == 0) rc = km__ind_encode_fields(&net->scratch, fields, KM_INDICATOR_F_ALL);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_INDICATOR, KM__OP_TEMPLATE_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

int km_indicator_template_update(km_network *net, uint64_t id, const km_indicator_fields *fields, uint32_t mask)
{
    return km__ind_edit(net, id, fields, mask, KM__OP_TEMPLATE_UPDATE);
}

int km_indicator_template_retire(km_network *net, uint64_t id, const char *reason)
{
    return km__ind_retire(net, id, reason, KM__OP_TEMPLATE_RETIRE);
}

static int code_used(km_network *net, uint64_t agreement, const char *code)
{
    const km__idset *set = km__idsets_get(&net->indicators.by_agreement, agreement);
    uint64_t id = 1, next;
    while (set && km__idset_next(set, id, &next)) {
        if (strcmp(net->indicators.items[next - 1].cur->code, code) == 0) return 1;
        id = next + 1;
    }
    return 0;
}

/* The payload of an indicator copied from template t onto agreement a. */
static int encode_copy(km__buf *b, const km_indicator *t, const km_agreement *a, uint64_t reporter)
{
    km_indicator_fields f = KM_INDICATOR_FIELDS_INIT;
    const char *date = km__ag_end_s(a);
    int rc;
    f.code = t->code;
    f.title = t->title;
    f.description = t->description;
    f.result_level = t->result_level;
    f.measure = t->measure;
    f.unit_label = t->unit_label;
    f.dimension = t->dimension;
    f.direction = t->direction;
    f.scale = t->scale;
    f.scale_max = t->scale_max;
    f.allow_over_100 = t->allow_over;
    f.baseline_value = t->base_num;
    f.baseline_denominator = t->base_den;
    f.baseline_date = km__ag_start_s(a);
    if (t->n_targets) {
        f.target_dates = &date;
        f.target_values = &t->targets[0].num;
        f.target_denominators = &t->targets[0].den;
        f.targets_count = 1;
    }
    f.weight = t->weight;
    f.frequency = t->frequency;
    f.time_aggregation = t->time_agg;
    f.cross_aggregation = t->cross_agg;
    f.reporter_id = reporter;
    f.grace_days = t->grace;
    rc = km__fw_u64(b, KM__IT_AGREEMENT, a->id);
    if (rc == 0) rc = km__fw_u64(b, KM__IT_TEMPLATE, t->id);
    if (rc == 0) rc = km__ind_encode_fields(b, &f, KM_INDICATOR_F_ALL);
    return rc;
}

int km_indicator_instantiate_templates(uint64_t *out_count, km_network *net, uint64_t agreement_id)
{
    const km_agreement *a;
    const km__idset *set;
    uint64_t id = 1, next, *ids = NULL, reporter = 0;
    size_t n = 0, cap = 0, i;
    int rc = 0, needs_end = 0;
    km__batch batch;
    km__err_clear();
    if (out_count) *out_count = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((a = km__agr_current(net, agreement_id)) == NULL) return km__agr_not_found(agreement_id);
    if (!km__ag_framework(a)) return 0;
    if (km__agr_ended(a->status))
        return km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s%.0s: its indicators cannot change",
                       "perjanjian %llu %.0s%s: indikatornya tidak dapat diubah", (unsigned long long)a->id,
                       km_agreement_status_label(a->status, KM_LANG_EN), km_agreement_status_label(a->status, KM_LANG_ID));
    set = km__idsets_get(&net->indicators.by_framework, km__ag_framework(a));
    while (set && km__idset_next(set, id, &next)) {
        const km_indicator *t = net->indicators.items[next - 1].cur;
        id = next + 1;
        if (t->status != KM_INDICATOR_ACTIVE || code_used(net, agreement_id, t->code)) continue;
        if ((rc = km__grow(net->a, (void **)&ids, &cap, n + 1, sizeof *ids)) != 0) {
            km__free(net->a, ids);
            return rc;
        }
        ids[n++] = next;
        if (t->n_targets) needs_end = 1;
    }
    if (n == 0) return 0;
    if (!km__ag_has_start(a) || (needs_end && !km__ag_has_end(a))) {
        km__free(net->a, ids);
        return km__err(KM_ESTATE, km__ag_has_start(a) ? "agreement.end_date" : "agreement.start_date",
                       "agreement %llu needs a %s%.0s date: templates take the baseline date from the start and the target date from the end",
                       "perjanjian %llu memerlukan tanggal %.0s%s: templat memakai tanggal mulai sebagai tanggal dasar dan tanggal berakhir sebagai tanggal target",
                       (unsigned long long)a->id, km__ag_has_start(a) ? "end" : "start", km__ag_has_start(a) ? "berakhir" : "mulai");
    }
    for (i = 0; i < a->n_parties && !reporter; i++)
        if (km__ag_roles(a, i) & (KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING)) reporter = km__ag_party(a, i);
    if ((rc = km__batch_begin(net, &batch)) != 0) {
        km__free(net->a, ids);
        return rc;
    }
    for (i = 0; i < n; i++) {
        km__buf_reset(&net->scratch);
        rc = encode_copy(&net->scratch, net->indicators.items[ids[i] - 1].cur, a, reporter);
        if (rc == 0)
            rc = km__change(net, KM_ENTITY_INDICATOR, KM__OP_INDICATOR_CREATE, 0, net->scratch.data, net->scratch.len,
                            NULL);
        if (rc) break;
    }
    km__free(net->a, ids);
    rc = km__batch_end(net, &batch, rc);
    if (rc == 0 && out_count) *out_count = n;
    return rc;
}
