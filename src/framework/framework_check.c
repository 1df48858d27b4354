/* Checking an agreement against a framework version: every rule broken (a
 * code, the agreement field at fault and a message in both languages) and
 * every incentive it qualifies for. The same routine runs when an
 * agreement is activated (refused while there are violations, unless
 * overridden) and for km_agreement_check(). */
#include "agreement/agreement.h"
#include "framework/framework_internal.h"
#include "partner/partner.h"
#include "util/date.h"

#include <stdio.h>
#include <string.h>

static int kind_of(km_network *net, uint64_t partner)
{
    const km_partner *p = km__partner_lookup(&net->partners, partner);
    return p ? p->kind : -1;
}

static int region_in(const char *region, const char *prefix)
{
    size_t n = strlen(prefix);
    if (!region || strncmp(region, prefix, n) != 0) return 0;
    return region[n] == '\0' || region[n] == '.';
}

static int has_sector(const km_agreement *a, const char *sector)
{
    size_t i;
    for (i = 0; i < a->n_sectors; i++)
        if (strcmp(km__ag_sectors(a)[i], sector) == 0) return 1;
    return 0;
}

size_t km__check_run(km_network *net, const km_agreement *a, const km_framework *fw, const km__check_sink *sink)
{
    char en[300], id[300];
    size_t n = 0, i, k;
    int64_t days = 0;
    int have_days = km__ag_has_start(a) && km__ag_has_end(a);
    if (have_days) days = km__date_diff(a->start, km__ag_end(a));

#define VIOLATION(rule, field)                                                         \
    do {                                                                               \
        sink->violation(sink->payload, (rule), (field), en, id);                       \
        n++;                                                                           \
    } while (0)

    if (fw->allowed_types && !(fw->allowed_types & (1u << a->type))) {
        snprintf(en, sizeof en, "type %s is not allowed by %s", km_agreement_type_label(a->type, KM_LANG_EN), fw->name);
        snprintf(id, sizeof id, "jenis %s tidak diizinkan oleh %s", km_agreement_type_label(a->type, KM_LANG_ID),
                 fw->name);
        VIOLATION(KM_RULE_TYPE, "agreement.type");
    }
    for (i = 0; i < fw->n_roles; i++) {
        const km__fw_role *r = &fw->roles[i];
        size_t holders = 0;
        for (k = 0; k < a->n_parties; k++) {
            int kind;
            if (!(km__ag_roles(a, k) & r->role)) continue;
            holders++;
            kind = kind_of(net, km__ag_party(a, k));
            if (r->kinds && (kind < 0 || !(r->kinds & (1u << kind)))) {
                snprintf(en, sizeof en, "partner %llu (%s) may not be %s", (unsigned long long)km__ag_party(a, k),
                         km_partner_kind_label(kind, KM_LANG_EN), km_role_label(r->role, KM_LANG_EN));
                snprintf(id, sizeof id, "mitra %llu (%s) tidak boleh menjadi %s",
                         (unsigned long long)km__ag_party(a, k), km_partner_kind_label(kind, KM_LANG_ID),
                         km_role_label(r->role, KM_LANG_ID));
                VIOLATION(KM_RULE_ROLE_KIND, "agreement.parties");
            }
        }
        if (!holders) {
            snprintf(en, sizeof en, "no party is %s", km_role_label(r->role, KM_LANG_EN));
            snprintf(id, sizeof id, "tidak ada pihak sebagai %s", km_role_label(r->role, KM_LANG_ID));
            VIOLATION(KM_RULE_ROLE_MISSING, "agreement.parties");
        }
    }
    if ((fw->min_days || fw->max_days) && !km__ag_has_start(a)) {
        snprintf(en, sizeof en, "a start date is needed to check the duration");
        snprintf(id, sizeof id, "tanggal mulai diperlukan untuk memeriksa jangka waktu");
        VIOLATION(KM_RULE_DATES, "agreement.start_date");
    } else {
        if (fw->min_days && have_days && days < (int64_t)fw->min_days) {
            snprintf(en, sizeof en, "runs %lld days, less than the minimum %lu", (long long)days,
                     (unsigned long)fw->min_days);
            snprintf(id, sizeof id, "berjangka %lld hari, kurang dari minimum %lu", (long long)days,
                     (unsigned long)fw->min_days);
            VIOLATION(KM_RULE_MIN_DURATION, "agreement.end_date");
        }
        if (fw->max_days && (!km__ag_has_end(a) || days > (int64_t)fw->max_days)) {
            if (km__ag_has_end(a)) {
                snprintf(en, sizeof en, "runs %lld days, more than the maximum %lu", (long long)days,
                         (unsigned long)fw->max_days);
                snprintf(id, sizeof id, "berjangka %lld hari, lebih dari maksimum %lu", (long long)days,
                         (unsigned long)fw->max_days);
            } else {
                snprintf(en, sizeof en, "has no end date but may run at most %lu days", (unsigned long)fw->max_days);
                snprintf(id, sizeof id, "tidak bertanggal akhir padahal paling lama %lu hari",
                         (unsigned long)fw->max_days);
            }
            VIOLATION(KM_RULE_MAX_DURATION, "agreement.end_date");
        }
    }
    if (a->currency[0]) {
        for (i = 0; i < fw->n_values; i++) {
            if (memcmp(fw->values[i].currency, a->currency, 3) != 0 || a->value <= fw->values[i].max) continue;
            snprintf(en, sizeof en, "value %lld %s is above the maximum %lld", (long long)a->value, a->currency,
                     (long long)fw->values[i].max);
            snprintf(id, sizeof id, "nilai %lld %s melebihi maksimum %lld", (long long)a->value, a->currency,
                     (long long)fw->values[i].max);
            VIOLATION(KM_RULE_MAX_VALUE, "agreement.value");
        }
    }
    if ((fw->dimensions & km__ag_dimensions(a)) != fw->dimensions) {
        uint32_t missing = fw->dimensions & ~km__ag_dimensions(a);
        int d;
        size_t pe = 0, pi = 0;
        pe += (size_t)snprintf(en, sizeof en, "does not declare the evaluation dimension(s):");
        pi += (size_t)snprintf(id, sizeof id, "tidak menyatakan dimensi evaluasi:");
        for (d = 0; d < KM_DIMENSION__COUNT; d++) {
            if (!(missing & KM_DIMENSION_BIT(d))) continue;
            if (pe < sizeof en) pe += (size_t)snprintf(en + pe, sizeof en - pe, " %s", km_dimension_label(d, KM_LANG_EN));
            if (pi < sizeof id) pi += (size_t)snprintf(id + pi, sizeof id - pi, " %s", km_dimension_label(d, KM_LANG_ID));
        }
        VIOLATION(KM_RULE_DIMENSIONS, "agreement.dimensions");
    }
#undef VIOLATION

    /* Incentives: each type reported once, in the framework's order. */
    for (i = 0; i < fw->n_incentives; i++) {
        const km__fw_incentive *e = &fw->incentives[i];
        int ok = 1;
        if (e->kinds) {
            ok = 0;
            for (k = 0; k < a->n_parties && !ok; k++) {
                int kind = kind_of(net, km__ag_party(a, k));
                ok = kind >= 0 && (e->kinds & (1u << kind));
            }
        }
        if (ok && e->sector) ok = has_sector(a, e->sector);
        if (ok && e->region) ok = region_in(km__ag_region(a), e->region);
        if (ok && e->min_days) ok = km__ag_has_start(a) && (!km__ag_has_end(a) || days >= (int64_t)e->min_days);
        if (!ok) continue;
        sink->incentive(sink->payload, (int)e->type);
    }
    return n;
}

/* ---- the public check result ---- */

typedef struct vrow {
    int rule;
    size_t field, en, id;
} vrow;

struct km_check {
    km__ctx *ctx;
    uint64_t fw_id;
    uint32_t fw_version;
    vrow *rows;
    size_t n, cap;
    int incentives[KM_INCENTIVE__COUNT];
    size_t n_incentives;
    char *text;
};

typedef struct cctx {
    km_check *c;
    km__buf text;
    const km_allocator *a;
    int rc;
} cctx;

static void on_violation(void *payload, int rule, const char *field, const char *en, const char *id)
{
    cctx *x = (cctx *)payload;
    vrow *r;
    if (x->rc) return;
    if ((x->rc = km__grow(x->a, (void **)&x->c->rows, &x->c->cap, x->c->n + 1, sizeof *x->c->rows)) != 0) return;
    r = &x->c->rows[x->c->n];
    r->rule = rule;
    r->field = x->text.len;
    x->rc = km__buf_put(&x->text, field, strlen(field) + 1);
    r->en = x->text.len;
    if (!x->rc) x->rc = km__buf_put(&x->text, en, strlen(en) + 1);
    r->id = x->text.len;
    if (!x->rc) x->rc = km__buf_put(&x->text, id, strlen(id) + 1);
    if (!x->rc) x->c->n++;
}

static void on_incentive(void *payload, int incentive)
{
    cctx *x = (cctx *)payload;
    size_t i;
    for (i = 0; i < x->c->n_incentives; i++)
        if (x->c->incentives[i] == incentive) return;
    if (x->c->n_incentives < KM_INCENTIVE__COUNT) x->c->incentives[x->c->n_incentives++] = incentive;
}

void km_check_free(km_check *c)
{
    km__ctx *ctx;
    if (!c) return;
    ctx = c->ctx;
    km__free(&ctx->alloc, c->rows);
    km__free(&ctx->alloc, c->text);
    km__free(&ctx->alloc, c);
    km__ctx_unref(ctx);
}

int km_agreement_check(km_check **out, km_network *net, uint64_t agreement_id)
{
    const km_agreement *a;
    const km_framework *fw = NULL;
    km__check_sink sink;
    km_check *c;
    cctx x;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    a = km__agr_current(net, agreement_id);
    if (!a) return km__agr_not_found(agreement_id);
    c = (km_check *)km__calloc(net->a, 1, sizeof *c);
    if (!c) return km__nomem();
    c->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    memset(&x, 0, sizeof x);
    x.c = c;
    x.a = net->a;
    km__buf_init(&x.text, net->a);
    if (km__ag_framework(a)) {
        fw = km__ag_fw_version(a) ? km__framework_version(&net->frameworks, km__ag_framework(a), km__ag_fw_version(a))
                                  : km__framework_current(&net->frameworks, km__ag_framework(a));
    }
    if (fw) {
        c->fw_id = fw->id;
        c->fw_version = fw->version;
        sink.violation = on_violation;
        sink.incentive = on_incentive;
        sink.payload = &x;
        (void)km__check_run(net, a, fw, &sink);
    }
    rc = x.rc;
    if (rc == 0 && x.text.len == 0) rc = km__buf_put_u8(&x.text, 0);
    if (rc) {
        km__buf_free(&x.text);
        km_check_free(c);
        return rc;
    }
    c->text = (char *)x.text.data;
    *out = c;
    return 0;
}

uint64_t km_check_framework_id(const km_check *c) { return c ? c->fw_id : 0; }
uint32_t km_check_framework_version(const km_check *c) { return c ? c->fw_version : 0; }
size_t km_check_violation_count(const km_check *c) { return c ? c->n : 0; }
int km_check_violation_rule(const km_check *c, size_t i) { return c && i < c->n ? c->rows[i].rule : -1; }
const char *km_check_violation_field(const km_check *c, size_t i) { return c && i < c->n ? c->text + c->rows[i].field : NULL; }
const char *km_check_violation_message(const km_check *c, size_t i, int lang)
{
    if (!c || i >= c->n) return NULL;
    return c->text + (lang == KM_LANG_ID ? c->rows[i].id : c->rows[i].en);
}
size_t km_check_incentive_count(const km_check *c) { return c ? c->n_incentives : 0; }
int km_check_incentive(const km_check *c, size_t i) { return c && i < c->n_incentives ? c->incentives[i] : -1; }
