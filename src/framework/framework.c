/* Framework records and handles, the rule-set builder, and the public
 * functions that turn a spec into an event payload. */
#include "framework/framework.h"
#include "framework/framework_internal.h"
#include "util/money.h"

#include <stdio.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__framework, km_framework)

void km__frameworks_init(km__frameworks *f, const km_allocator *a)
{
    memset(f, 0, sizeof *f);
    f->a = a;
}

void km__frameworks_free(km__frameworks *f)
{
    size_t i, v;
    for (i = 0; i < f->n; i++) {
        for (v = 0; v < f->items[i].n; v++) km__framework_unref(f->items[i].versions[v]);
        km__free(f->a, f->items[i].versions);
    }
    km__free(f->a, f->items);
    memset(f, 0, sizeof *f);
}

km_framework *km__framework_current(const km__frameworks *f, uint64_t id)
{
    if (id == 0 || id > f->n || f->items[id - 1].n == 0) return NULL;
    return f->items[id - 1].versions[f->items[id - 1].n - 1];
}

km_framework *km__framework_version(const km__frameworks *f, uint64_t id, uint32_t v)
{
    if (id == 0 || id > f->n || v == 0 || v > f->items[id - 1].n) return NULL;
    return f->items[id - 1].versions[v - 1];
}

km_framework *km__fw_build(km_network *net, const km__fin *in, uint64_t id, uint32_t version, int64_t time)
{
    size_t size = sizeof(km_framework), i;
    km_framework *f;
    char *s;
    size += in->n_roles * sizeof(km__fw_role) + in->n_values * sizeof(km__fw_value) +
            in->n_incentives * sizeof(km__fw_incentive);
    size += km__sl_size(&in->name) + km__sl_size(&in->legal_ref) + km__sl_size(&in->rationale);
    for (i = 0; i < in->n_incentives; i++) size += km__sl_size(&in->inc_sector[i]) + km__sl_size(&in->inc_region[i]);
    f = (km_framework *)km__malloc(net->a, size);
    if (!f) return NULL;
    memset(f, 0, sizeof *f);
    f->refs = 1;
    f->version = version;
    f->ctx = net->ctx;
    f->id = id;
    f->time = time;
    f->allowed_types = (uint32_t)in->types;
    f->min_days = (uint32_t)in->min_days;
    f->max_days = (uint32_t)in->max_days;
    f->dimensions = (uint32_t)in->dimensions;
    f->n_roles = (uint16_t)in->n_roles;
    f->n_values = (uint16_t)in->n_values;
    f->n_incentives = (uint16_t)in->n_incentives;
    f->incentives = (km__fw_incentive *)(void *)(f + 1);
    f->values = (km__fw_value *)(void *)(f->incentives + in->n_incentives);
    f->roles = (km__fw_role *)(void *)(f->values + in->n_values);
    s = (char *)(f->roles + in->n_roles);
    for (i = 0; i < in->n_roles; i++) f->roles[i] = in->roles[i];
    for (i = 0; i < in->n_values; i++) {
        memset(f->values[i].currency, 0, 4);
        memcpy(f->values[i].currency, in->value_cur[i].p, 3);
        f->values[i].max = in->value_max[i];
    }
    f->name = km__sl_copy(&s, &in->name);
    f->legal_ref = km__sl_copy(&s, &in->legal_ref);
    f->rationale = km__sl_copy(&s, &in->rationale);
    for (i = 0; i < in->n_incentives; i++) {
        f->incentives[i].type = in->inc_type[i];
        f->incentives[i].kinds = in->inc_kinds[i];
        f->incentives[i].min_days = in->inc_days[i];
        f->incentives[i].sector = km__sl_copy(&s, &in->inc_sector[i]);
        f->incentives[i].region = km__sl_copy(&s, &in->inc_region[i]);
    }
    km__ctx_ref(net->ctx);
    return f;
}

/* ---- the spec builder ---- */

typedef struct spec_incentive {
    int type;
    uint32_t kinds, min_days;
    char *sector, *region;
} spec_incentive;

struct km_framework_spec {
    char *name, *legal_ref;
    uint32_t types, min_days, max_days, dimensions;
    size_t n_roles, n_values, n_incentives;
    km__fw_role roles[KM_FRAMEWORK_RULES_MAX];
    km__fw_value values[KM_FRAMEWORK_RULES_MAX];
    spec_incentive incentives[KM_FRAMEWORK_RULES_MAX];
};

static const km_allocator *spec_alloc(void) { return &km__default_allocator; }

int km_framework_spec_new(km_framework_spec **out, const char *name, const char *legal_reference)
{
    km_framework_spec *s;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    s = (km_framework_spec *)km__calloc(spec_alloc(), 1, sizeof *s);
    if (!s) return km__nomem();
    if ((name && !(s->name = km__strdup(spec_alloc(), name))) ||
        (legal_reference && !(s->legal_ref = km__strdup(spec_alloc(), legal_reference)))) {
        km_framework_spec_free(s);
        return km__nomem();
    }
    *out = s;
    return 0;
}

void km_framework_spec_free(km_framework_spec *spec)
{
    size_t i;
    if (!spec) return;
    for (i = 0; i < spec->n_incentives; i++) {
        km__free(spec_alloc(), spec->incentives[i].sector);
        km__free(spec_alloc(), spec->incentives[i].region);
    }
    km__free(spec_alloc(), spec->name);
    km__free(spec_alloc(), spec->legal_ref);
    km__free(spec_alloc(), spec);
}

static int null_spec(void) { return km__err(KM_EINVAL, "spec", "must not be NULL", "tidak boleh NULL"); }

static int too_many(const char *what)
{
    return km__err(KM_EINVAL, what, "more than %d rules", "lebih dari %d aturan", KM_FRAMEWORK_RULES_MAX);
}

static int check_kinds(uint32_t kinds)
{
    if (kinds & ~((1u << KM_PARTNER_KIND__COUNT) - 1))
        return km__err(KM_EINVAL, "kinds_mask", "0x%x has unknown partner kind bits",
                       "0x%x memuat bit jenis mitra yang tidak dikenal", kinds);
    return 0;
}

int km_framework_spec_allow_type(km_framework_spec *spec, int type)
{
    km__err_clear();
    if (!spec) return null_spec();
    if (type < 0 || type >= KM_AGREEMENT_TYPE__COUNT)
        return km__err(KM_EINVAL, "type", "%d is not an agreement type", "%d bukan jenis perjanjian", type);
    spec->types |= KM_AGREEMENT_TYPE_BIT(type);
    return 0;
}

int km_framework_spec_require_role(km_framework_spec *spec, uint32_t role, uint32_t kinds_mask)
{
    size_t i;
    int rc;
    km__err_clear();
    if (!spec) return null_spec();
    if (role == 0 || (role & (role - 1)) || (role & ~KM_ROLE_ALL))
        return km__err(KM_EINVAL, "role", "0x%x is not exactly one KM_ROLE_* bit", "0x%x bukan tepat satu bit KM_ROLE_*",
                       role);
    if ((rc = check_kinds(kinds_mask)) != 0) return rc;
    for (i = 0; i < spec->n_roles; i++)
        if (spec->roles[i].role == role)
            return km__err(KM_EINVAL, "role", "role %s is already required", "peran %s sudah diwajibkan",
                           km_role_label(role, KM_LANG_EN));
    if (spec->n_roles >= KM_FRAMEWORK_RULES_MAX) return too_many("roles");
    spec->roles[spec->n_roles].role = role;
    spec->roles[spec->n_roles++].kinds = kinds_mask;
    return 0;
}

int km_framework_spec_set_duration(km_framework_spec *spec, uint32_t min_days, uint32_t max_days)
{
    km__err_clear();
    if (!spec) return null_spec();
    if (max_days && max_days < min_days)
        return km__err(KM_EINVAL, "max_days", "%u is less than the minimum %u", "%u kurang dari minimum %u", max_days,
                       min_days);
    spec->min_days = min_days;
    spec->max_days = max_days;
    return 0;
}

int km_framework_spec_set_max_value(km_framework_spec *spec, const char *currency, int64_t max_minor)
{
    size_t i;
    int rc;
    km__err_clear();
    if (!spec) return null_spec();
    if (!currency) return km__err(KM_EINVAL, "currency", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_currency("currency", currency, strlen(currency))) != 0) return rc;
    if (max_minor < 0) return km__err(KM_EINVAL, "max_minor", "must not be negative", "tidak boleh negatif");
    for (i = 0; i < spec->n_values; i++)
        if (memcmp(spec->values[i].currency, currency, 3) == 0)
            return km__err(KM_EINVAL, "currency", "%s already has a limit", "%s sudah memiliki batas", currency);
    if (spec->n_values >= KM_FRAMEWORK_RULES_MAX) return too_many("max_values");
    memcpy(spec->values[spec->n_values].currency, currency, 4);
    spec->values[spec->n_values++].max = max_minor;
    return 0;
}

int km_framework_spec_require_dimension(km_framework_spec *spec, int dimension)
{
    km__err_clear();
    if (!spec) return null_spec();
    if (dimension < 0 || dimension >= KM_DIMENSION__COUNT)
        return km__err(KM_EINVAL, "dimension", "%d is not a dimension", "%d bukan dimensi", dimension);
    spec->dimensions |= KM_DIMENSION_BIT(dimension);
    return 0;
}

int km_framework_spec_add_incentive(km_framework_spec *spec, int incentive, uint32_t kinds_mask, const char *sector,
                                    const char *region_prefix, uint32_t min_days)
{
    spec_incentive *e;
    int rc;
    km__err_clear();
    if (!spec) return null_spec();
    if (incentive < 0 || incentive >= KM_INCENTIVE__COUNT)
        return km__err(KM_EINVAL, "incentive", "%d is not an incentive", "%d bukan insentif", incentive);
    if ((rc = check_kinds(kinds_mask)) != 0) return rc;
    if (sector && (rc = km__v_tag("sector", sector, strlen(sector))) != 0) return rc;
    if (region_prefix && (rc = km__v_region("region_prefix", region_prefix, strlen(region_prefix))) != 0) return rc;
    if (spec->n_incentives >= KM_FRAMEWORK_RULES_MAX) return too_many("incentives");
    e = &spec->incentives[spec->n_incentives];
    memset(e, 0, sizeof *e);
    e->type = incentive;
    e->kinds = kinds_mask;
    e->min_days = min_days;
    if ((sector && !(e->sector = km__strdup(spec_alloc(), sector))) ||
        (region_prefix && !(e->region = km__strdup(spec_alloc(), region_prefix)))) {
        km__free(spec_alloc(), e->sector);
        return km__nomem();
    }
    spec->n_incentives++;
    return 0;
}

/* ---- public: changes ---- */

static int encode_spec(km__buf *b, const km_framework_spec *s)
{
    char items[KM_FRAMEWORK_RULES_MAX][160];
    const char *ptrs[KM_FRAMEWORK_RULES_MAX];
    size_t i;
    int rc = 0;
    if (s->name) rc = km__fw_str(b, KM__FT_NAME, s->name);
    if (!rc && s->legal_ref && *s->legal_ref) rc = km__fw_str(b, KM__FT_LEGAL_REF, s->legal_ref);
    if (!rc && s->types) rc = km__fw_u64(b, KM__FT_TYPES, s->types);
    if (!rc && s->n_roles) {
        for (i = 0; i < s->n_roles; i++) {
            snprintf(items[i], sizeof items[i], "%lu:%lu", (unsigned long)s->roles[i].role,
                     (unsigned long)s->roles[i].kinds);
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_ROLES, ptrs, s->n_roles, "framework.roles");
    }
    if (!rc && s->min_days) rc = km__fw_u64(b, KM__FT_MIN_DAYS, s->min_days);
    if (!rc && s->max_days) rc = km__fw_u64(b, KM__FT_MAX_DAYS, s->max_days);
    if (!rc && s->n_values) {
        for (i = 0; i < s->n_values; i++) {
            snprintf(items[i], sizeof items[i], "%s:%lld", s->values[i].currency, (long long)s->values[i].max);
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_MAX_VALUES, ptrs, s->n_values, "framework.max_values");
    }
    if (!rc && s->dimensions) rc = km__fw_u64(b, KM__FT_DIMENSIONS, s->dimensions);
    if (!rc && s->n_incentives) {
        /* "type:kinds:min_days:sector:region" (sector and region may be empty). */
        for (i = 0; i < s->n_incentives; i++) {
            const spec_incentive *e = &s->incentives[i];
            snprintf(items[i], sizeof items[i], "%d:%lu:%lu:%s:%s", e->type, (unsigned long)e->kinds,
                     (unsigned long)e->min_days, e->sector ? e->sector : "", e->region ? e->region : "");
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_INCENTIVES, ptrs, s->n_incentives, "framework.incentives");
    }
    return rc;
}

int km_framework_create(uint64_t *out_id, km_network *net, const km_framework_spec *spec)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!spec) return null_spec();
    km__buf_reset(&net->scratch);
    if ((rc = encode_spec(&net->scratch, spec)) != 0) return rc;
    return km__change(net, KM_ENTITY_FRAMEWORK, KM__OP_FRAMEWORK_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

int km_framework_amend(km_network *net, uint64_t id, const km_framework_spec *spec, const char *rationale)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!spec) return null_spec();
    km__buf_reset(&net->scratch);
    rc = encode_spec(&net->scratch, spec);
    if (rc == 0 && rationale && *rationale) rc = km__fw_str(&net->scratch, KM__FT_RATIONALE, rationale);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_FRAMEWORK, KM__OP_FRAMEWORK_AMEND, id, net->scratch.data, net->scratch.len, NULL);
}

/* ---- public: reads ---- */

int km_framework_get_version(km_framework **out, km_network *net, uint64_t id, uint32_t version)
{
    km_framework *f;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    f = version ? km__framework_version(&net->frameworks, id, version) : km__framework_current(&net->frameworks, id);
    if (!f)
        return km__err(KM_ENOTFOUND, "framework.id", "no framework %llu version %u", "tidak ada kerangka %llu versi %u",
                       (unsigned long long)id, version);
    km__framework_ref(f);
    *out = f;
    return 0;
}

int km_framework_get(km_framework **out, km_network *net, uint64_t id)
{
    return km_framework_get_version(out, net, id, 0);
}

void km_framework_free(km_framework *f) { km__framework_unref(f); }

uint64_t km_framework_id(const km_framework *f) { return f ? f->id : 0; }
uint32_t km_framework_version(const km_framework *f) { return f ? f->version : 0; }
const char *km_framework_name(const km_framework *f) { return f ? f->name : NULL; }
const char *km_framework_legal_reference(const km_framework *f) { return f ? f->legal_ref : NULL; }
const char *km_framework_rationale(const km_framework *f) { return f ? f->rationale : NULL; }
int64_t km_framework_time(const km_framework *f) { return f ? f->time : 0; }
uint32_t km_framework_allowed_types(const km_framework *f) { return f ? f->allowed_types : 0; }
size_t km_framework_role_rule_count(const km_framework *f) { return f ? f->n_roles : 0; }
uint32_t km_framework_min_days(const km_framework *f) { return f ? f->min_days : 0; }
uint32_t km_framework_max_days(const km_framework *f) { return f ? f->max_days : 0; }
size_t km_framework_max_value_count(const km_framework *f) { return f ? f->n_values : 0; }
uint32_t km_framework_dimensions(const km_framework *f) { return f ? f->dimensions : 0; }
size_t km_framework_incentive_count(const km_framework *f) { return f ? f->n_incentives : 0; }

static int out_of_range(void)
{
    return km__err(KM_EINVAL, "i", "out of range or NULL handle", "di luar rentang atau handle NULL");
}

int km_framework_role_rule(uint32_t *out_role, uint32_t *out_kinds, const km_framework *f, size_t i)
{
    if (!f || i >= f->n_roles) return out_of_range();
    if (out_role) *out_role = f->roles[i].role;
    if (out_kinds) *out_kinds = f->roles[i].kinds;
    return 0;
}

const char *km_framework_max_value(int64_t *out_value, const km_framework *f, size_t i)
{
    if (!f || i >= f->n_values) return NULL;
    if (out_value) *out_value = f->values[i].max;
    return f->values[i].currency;
}

int km_framework_incentive(int *out_incentive, uint32_t *out_kinds, const char **out_sector, const char **out_region,
                           uint32_t *out_min_days, const km_framework *f, size_t i)
{
    const km__fw_incentive *e;
    if (!f || i >= f->n_incentives) return out_of_range();
    e = &f->incentives[i];
    if (out_incentive) *out_incentive = (int)e->type;
    if (out_kinds) *out_kinds = e->kinds;
    if (out_sector) *out_sector = e->sector;
    if (out_region) *out_region = e->region;
    if (out_min_days) *out_min_days = e->min_days;
    return 0;
}
