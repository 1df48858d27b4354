/* Framework events: decode, validate, apply with undo. A framework is never
 * edited in place: each amendment appends version N+1. */
#include "framework/framework.h"
#include "framework/framework_internal.h"
#include "util/money.h"

#include <stdio.h>
#include <string.h>

const km__fdesc km__fw_schema[] = {
    { KM__FT_NAME, KM__T_STR, "name" },
    { KM__FT_LEGAL_REF, KM__T_STR, "legal_reference" },
    { KM__FT_TYPES, KM__T_U64, "allowed_types" },
    { KM__FT_ROLES, KM__T_STRS, "required_roles" },
    { KM__FT_MIN_DAYS, KM__T_U64, "min_days" },
    { KM__FT_MAX_DAYS, KM__T_U64, "max_days" },
    { KM__FT_MAX_VALUES, KM__T_STRS, "max_values" },
    { KM__FT_DIMENSIONS, KM__T_U64, "dimensions" },
    { KM__FT_INCENTIVES, KM__T_STRS, "incentives" },
    { KM__FT_RATIONALE, KM__T_STR, "rationale" },
};
const size_t km__fw_schema_count = sizeof km__fw_schema / sizeof km__fw_schema[0];

static int get_str(const km__fields *f, uint16_t tag, km__sl *out)
{
    int rc = km__fields_str(f, tag, &out->p, &out->n);
    if (rc == 0) { out->p = NULL; out->n = 0; }
    return rc < 0 ? rc : 0;
}

static int get_u64(const km__fields *f, uint16_t tag, uint64_t *out)
{
    int rc = km__fields_u64(f, tag, out);
    if (rc == 0) *out = 0;
    return rc < 0 ? rc : 0;
}

/* Splits s at ':' into parts (at most max kept); returns how many parts
 * there are, so a caller can insist on an exact count. */
static size_t split(const char *s, size_t n, km__sl *parts, size_t max)
{
    size_t k = 0, start = 0, i;
    for (i = 0; i <= n; i++) {
        if (i == n || s[i] == ':') {
            if (k < max) {
                parts[k].p = s + start;
                parts[k].n = i - start;
            }
            k++;
            start = i + 1;
        }
    }
    return k;
}

static int num(const km__sl *s, uint64_t *out, int allow_minus, int *neg)
{
    size_t i = 0;
    uint64_t v = 0;
    if (neg) *neg = 0;
    if (allow_minus && s->n && s->p[0] == '-') { *neg = 1; i = 1; }
    if (i == s->n || s->n - i > 19) return 0;
    for (; i < s->n; i++) {
        if (s->p[i] < '0' || s->p[i] > '9') return 0;
        v = v * 10 + (uint64_t)(s->p[i] - '0');
    }
    *out = v;
    return 1;
}

static int bad_item(const char *field, size_t i)
{
    return km__err(KM_EINVAL, field, "item %zu is malformed", "butir %zu rusak", i);
}

static int list(const km__fields *f, uint16_t tag, const char *field, km__strs *s)
{
    int rc = km__fields_strs(f, tag, s);
    if (rc < 0) return rc;
    if (rc == 0) s->count = 0;
    if (s->count > KM_FRAMEWORK_RULES_MAX)
        return km__err(KM_EINVAL, field, "more than %d rules", "lebih dari %d aturan", KM_FRAMEWORK_RULES_MAX);
    return 0;
}

int km__fw_decode(const km__fields *f, km__fin *in)
{
    km__strs s;
    km__sl parts[6];
    size_t pos, i, n;
    int rc;
    memset(in, 0, sizeof *in);
    if ((rc = get_str(f, KM__FT_NAME, &in->name)) != 0) return rc;
    if ((rc = get_str(f, KM__FT_LEGAL_REF, &in->legal_ref)) != 0) return rc;
    if ((rc = get_str(f, KM__FT_RATIONALE, &in->rationale)) != 0) return rc;
    if ((rc = get_u64(f, KM__FT_TYPES, &in->types)) != 0) return rc;
    if ((rc = get_u64(f, KM__FT_MIN_DAYS, &in->min_days)) != 0) return rc;
    if ((rc = get_u64(f, KM__FT_MAX_DAYS, &in->max_days)) != 0) return rc;
    if ((rc = get_u64(f, KM__FT_DIMENSIONS, &in->dimensions)) != 0) return rc;
    if ((rc = list(f, KM__FT_ROLES, "framework.roles", &s)) != 0) return rc;
    for (i = 0, pos = 0; i < s.count; i++) {
        const char *e = km__strs_next(&s, &pos, &n);
        uint64_t r, k;
        if (split(e, n, parts, 2) != 2 || !num(&parts[0], &r, 0, NULL) || !num(&parts[1], &k, 0, NULL) ||
            r > UINT32_MAX || k > UINT32_MAX)
            return bad_item("framework.roles", i);
        in->roles[i].role = (uint32_t)r;
        in->roles[i].kinds = (uint32_t)k;
    }
    in->n_roles = s.count;
    if ((rc = list(f, KM__FT_MAX_VALUES, "framework.max_values", &s)) != 0) return rc;
    for (i = 0, pos = 0; i < s.count; i++) {
        const char *e = km__strs_next(&s, &pos, &n);
        uint64_t v;
        int neg;
        if (split(e, n, parts, 2) != 2 || !num(&parts[1], &v, 1, &neg) || v > INT64_MAX)
            return bad_item("framework.max_values", i);
        in->value_cur[i] = parts[0];
        in->value_max[i] = neg ? -(int64_t)v : (int64_t)v;
    }
    in->n_values = s.count;
    if ((rc = list(f, KM__FT_INCENTIVES, "framework.incentives", &s)) != 0) return rc;
    for (i = 0, pos = 0; i < s.count; i++) {
        const char *e = km__strs_next(&s, &pos, &n);
        uint64_t t, k, d;
        if (split(e, n, parts, 5) != 5 || !num(&parts[0], &t, 0, NULL) || !num(&parts[1], &k, 0, NULL) ||
            !num(&parts[2], &d, 0, NULL) || t > UINT32_MAX || k > UINT32_MAX || d > UINT32_MAX)
            return bad_item("framework.incentives", i);
        in->inc_type[i] = (uint32_t)t;
        in->inc_kinds[i] = (uint32_t)k;
        in->inc_days[i] = (uint32_t)d;
        in->inc_sector[i] = parts[3];
        in->inc_region[i] = parts[4];
        if (!parts[3].n) in->inc_sector[i].p = NULL;
        if (!parts[4].n) in->inc_region[i].p = NULL;
    }
    in->n_incentives = s.count;
    return 0;
}

int km__fw_validate(const km__fin *in)
{
    uint32_t kinds_all = (1u << KM_PARTNER_KIND__COUNT) - 1;
    size_t i, j;
    int rc;
    if (!in->name.p) return km__err(KM_EINVAL, "framework.name", "is required", "wajib diisi");
    if ((rc = km__v_text("framework.name", in->name.p, in->name.n, 1, KM_FRAMEWORK_NAME_MAX, 0)) != 0) return rc;
    if (in->legal_ref.p &&
        (rc = km__v_text("framework.legal_reference", in->legal_ref.p, in->legal_ref.n, 0, KM_FRAMEWORK_LEGAL_REF_MAX, 1)) != 0)
        return rc;
    if (in->rationale.p &&
        (rc = km__v_text("framework.rationale", in->rationale.p, in->rationale.n, 1, KM_AGREEMENT_REASON_MAX, 1)) != 0)
        return rc;
    if (in->types & ~(uint64_t)((1u << KM_AGREEMENT_TYPE__COUNT) - 1))
        return km__err(KM_EINVAL, "framework.allowed_types", "unknown agreement type bits",
                       "bit jenis perjanjian tidak dikenal");
    if (in->min_days > UINT32_MAX || in->max_days > UINT32_MAX || (in->max_days && in->max_days < in->min_days))
        return km__err(KM_EINVAL, "framework.max_days", "must be 0 or at least min_days",
                       "harus 0 atau sedikitnya min_days");
    if (in->dimensions & ~(uint64_t)KM_DIMENSION_ALL)
        return km__err(KM_EINVAL, "framework.dimensions", "unknown dimension bits", "bit dimensi tidak dikenal");
    for (i = 0; i < in->n_roles; i++) {
        uint32_t r = in->roles[i].role;
        if (r == 0 || (r & (r - 1)) || (r & ~KM_ROLE_ALL) || (in->roles[i].kinds & ~kinds_all))
            return km__err(KM_EINVAL, "framework.roles", "rule %zu: bad role or kind mask",
                           "aturan %zu: peran atau jenis mitra salah", i);
        for (j = 0; j < i; j++)
            if (in->roles[j].role == r)
                return km__err(KM_EINVAL, "framework.roles", "rule %zu repeats a role", "aturan %zu mengulang peran", i);
    }
    for (i = 0; i < in->n_values; i++) {
        if ((rc = km__v_currency("framework.max_values", in->value_cur[i].p, in->value_cur[i].n)) != 0) return rc;
        if (in->value_max[i] < 0)
            return km__err(KM_EINVAL, "framework.max_values", "limit %zu is negative", "batas %zu negatif", i);
        for (j = 0; j < i; j++)
            if (memcmp(in->value_cur[j].p, in->value_cur[i].p, 3) == 0)
                return km__err(KM_EINVAL, "framework.max_values", "currency %.3s is limited twice",
                               "mata uang %.3s dibatasi dua kali", in->value_cur[i].p);
    }
    for (i = 0; i < in->n_incentives; i++) {
        if (in->inc_type[i] >= KM_INCENTIVE__COUNT || (in->inc_kinds[i] & ~kinds_all))
            return km__err(KM_EINVAL, "framework.incentives", "incentive %zu: bad type or kind mask",
                           "insentif %zu: jenis atau jenis mitra salah", i);
        if (in->inc_sector[i].p &&
            (rc = km__v_tag("framework.incentives", in->inc_sector[i].p, in->inc_sector[i].n)) != 0)
            return rc;
        if (in->inc_region[i].p &&
            (rc = km__v_region("framework.incentives", in->inc_region[i].p, in->inc_region[i].n)) != 0)
            return rc;
    }
    return 0;
}

int km__fw_encode(km__buf *b, const km_framework *f)
{
    char items[KM_FRAMEWORK_RULES_MAX][160];
    const char *ptrs[KM_FRAMEWORK_RULES_MAX];
    size_t i;
    int rc = km__fw_str(b, KM__FT_NAME, f->name);
    if (!rc && f->legal_ref) rc = km__fw_str(b, KM__FT_LEGAL_REF, f->legal_ref);
    if (!rc && f->rationale) rc = km__fw_str(b, KM__FT_RATIONALE, f->rationale);
    if (!rc) rc = km__fw_u64(b, KM__FT_TYPES, f->allowed_types);
    if (!rc) rc = km__fw_u64(b, KM__FT_MIN_DAYS, f->min_days);
    if (!rc) rc = km__fw_u64(b, KM__FT_MAX_DAYS, f->max_days);
    if (!rc) rc = km__fw_u64(b, KM__FT_DIMENSIONS, f->dimensions);
    if (!rc && f->n_roles) {
        for (i = 0; i < f->n_roles; i++) {
            snprintf(items[i], sizeof items[i], "%lu:%lu", (unsigned long)f->roles[i].role,
                     (unsigned long)f->roles[i].kinds);
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_ROLES, ptrs, f->n_roles, "framework.roles");
    }
    if (!rc && f->n_values) {
        for (i = 0; i < f->n_values; i++) {
            snprintf(items[i], sizeof items[i], "%s:%lld", f->values[i].currency, (long long)f->values[i].max);
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_MAX_VALUES, ptrs, f->n_values, "framework.max_values");
    }
    if (!rc && f->n_incentives) {
        for (i = 0; i < f->n_incentives; i++) {
            const km__fw_incentive *e = &f->incentives[i];
            snprintf(items[i], sizeof items[i], "%lu:%lu:%lu:%s:%s", (unsigned long)e->type, (unsigned long)e->kinds,
                     (unsigned long)e->min_days, e->sector ? e->sector : "", e->region ? e->region : "");
            ptrs[i] = items[i];
        }
        rc = km__fw_strs(b, KM__FT_INCENTIVES, ptrs, f->n_incentives, "framework.incentives");
    }
    if (!rc) rc = km__fw_u64(b, KM__FT_S_VERSION, f->version);
    if (!rc) rc = km__fw_i64(b, KM__FT_S_TIME, f->time);
    return rc;
}

static void undo_version(km_network *net, km__undo *u)
{
    km__frameworks *fs = &net->frameworks;
    km__fw_slot *slot = &fs->items[u->id - 1];
    km__framework_unref(slot->versions[--slot->n]);
    if (slot->n == 0) {
        /* Undoing a create: the slot itself goes. */
        km__free(net->a, slot->versions);
        slot->versions = NULL;
        slot->cap = 0;
        fs->n--;
    }
}

static int add_version(km_network *net, km__apply *ap, uint64_t id, const km__fin *in)
{
    km__frameworks *fs = &net->frameworks;
    km__fw_slot *slot;
    km_framework *f;
    int rc;
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if (id > fs->n) {
        if ((rc = km__grow(net->a, (void **)&fs->items, &fs->cap, fs->n + 1, sizeof *fs->items)) != 0) return rc;
        memset(&fs->items[fs->n], 0, sizeof fs->items[fs->n]);
    }
    slot = &fs->items[id - 1];
    if ((rc = km__grow(net->a, (void **)&slot->versions, &slot->cap, slot->n + 1, sizeof *slot->versions)) != 0) {
        if (id > fs->n) {
            km__free(net->a, slot->versions);
            memset(slot, 0, sizeof *slot);
        }
        return rc;
    }
    f = km__fw_build(net, in, id, (uint32_t)slot->n + 1, ap->time);
    if (!f) {
        if (id > fs->n) {
            km__free(net->a, slot->versions);
            memset(slot, 0, sizeof *slot);
        }
        return km__nomem();
    }
    if (id > fs->n) fs->n++;
    slot->versions[slot->n++] = f;
    km__undo_push(net, undo_version, NULL, id, f);
    ap->id = id;
    return 0;
}

static int apply_create(km_network *net, km__apply *ap)
{
    km__fin in;
    uint64_t id = net->frameworks.n + 1;
    int rc;
    if ((rc = km__fw_decode(&ap->f, &in)) != 0) return km__apply_fail(ap, rc);
    if (in.rationale.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "framework.rationale", "is only for amendments",
                                          "hanya untuk perubahan"));
    if ((rc = km__fw_validate(&in)) != 0) return km__apply_fail(ap, rc);
    if (ap->replay && ap->ev.id != id)
        return km__err(KM_ECORRUPT, "framework.id", "logged id %llu, expected %llu", "id tercatat %llu, seharusnya %llu",
                       (unsigned long long)ap->ev.id, (unsigned long long)id);
    return add_version(net, ap, id, &in);
}

static int apply_amend(km_network *net, km__apply *ap)
{
    km__fin in;
    int rc;
    if (!km__framework_current(&net->frameworks, ap->ev.id))
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "framework.id", "no framework with id %llu",
                                          "tidak ada kerangka dengan id %llu", (unsigned long long)ap->ev.id));
    if ((rc = km__fw_decode(&ap->f, &in)) != 0) return km__apply_fail(ap, rc);
    if (!in.rationale.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "framework.rationale", "a new version needs a rationale",
                                          "versi baru memerlukan alasan"));
    if ((rc = km__fw_validate(&in)) != 0) return km__apply_fail(ap, rc);
    return add_version(net, ap, ap->ev.id, &in);
}

const km__opdef km__framework_ops[] = {
    { KM_ENTITY_FRAMEWORK, KM__OP_FRAMEWORK_CREATE, "framework.create", apply_create, km__fw_schema,
      sizeof km__fw_schema / sizeof km__fw_schema[0] },
    { KM_ENTITY_FRAMEWORK, KM__OP_FRAMEWORK_AMEND, "framework.amend", apply_amend, km__fw_schema,
      sizeof km__fw_schema / sizeof km__fw_schema[0] },
};
const size_t km__framework_ops_count = sizeof km__framework_ops / sizeof km__framework_ops[0];
