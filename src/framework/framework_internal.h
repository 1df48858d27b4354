/* Framework state: every version of every framework, as immutable
 * refcounted records (the public km_framework handle). */
#ifndef KM_FRAMEWORK_INTERNAL_H
#define KM_FRAMEWORK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/framework.h"

struct km__ctx;

typedef struct km__fw_role { uint32_t role, kinds; } km__fw_role;
typedef struct km__fw_value { char currency[4]; int64_t max; } km__fw_value;
typedef struct km__fw_incentive {
    uint32_t type, kinds, min_days;
    const char *sector; /* NULL = any */
    const char *region; /* NULL = any */
} km__fw_incentive;

/* One version of a framework in a single allocation. */
struct km_framework {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    uint64_t id;
    int64_t time;
    const char *name;
    const char *legal_ref;   /* NULL when unset */
    const char *rationale;   /* NULL for version 1 */
    uint32_t allowed_types;  /* 0 = all */
    uint32_t min_days, max_days, dimensions;
    uint16_t n_roles, n_values, n_incentives;
    km__fw_role *roles;
    km__fw_value *values;
    km__fw_incentive *incentives;
};

typedef struct km__fw_slot {
    km_framework **versions; /* versions[v - 1] */
    size_t n, cap;
} km__fw_slot;

typedef struct km__frameworks {
    km__fw_slot *items;      /* items[id - 1] */
    size_t n, cap;
    const km_allocator *a;
} km__frameworks;

void km__frameworks_init(km__frameworks *f, const km_allocator *a);
void km__frameworks_free(km__frameworks *f);
void km__framework_ref(km_framework *f);
void km__framework_unref(km_framework *f);
/* Current version of framework id, or NULL. */
km_framework *km__framework_current(const km__frameworks *f, uint64_t id);
/* Version v of framework id, or NULL. */
km_framework *km__framework_version(const km__frameworks *f, uint64_t id, uint32_t v);

enum { KM__OP_FRAMEWORK_CREATE = 1, KM__OP_FRAMEWORK_AMEND = 2 };

#endif
