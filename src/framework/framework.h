/* Internal pieces shared by the framework files. */
#ifndef KM_FRAMEWORK_FRAMEWORK_H
#define KM_FRAMEWORK_FRAMEWORK_H

#include "network/internal.h"
#include "util/validate.h"

enum {
    KM__FT_NAME = 1, KM__FT_LEGAL_REF = 2, KM__FT_TYPES = 3, KM__FT_ROLES = 4, KM__FT_MIN_DAYS = 5,
    KM__FT_MAX_DAYS = 6, KM__FT_MAX_VALUES = 7, KM__FT_DIMENSIONS = 8, KM__FT_INCENTIVES = 9, KM__FT_RATIONALE = 10,
    /* Snapshot-only. */
    KM__FT_S_VERSION = 40, KM__FT_S_TIME = 41
};

typedef struct km__fin {
    km__sl name, legal_ref, rationale;
    uint64_t types, min_days, max_days, dimensions;
    size_t n_roles, n_values, n_incentives;
    km__fw_role roles[KM_FRAMEWORK_RULES_MAX];
    km__sl value_cur[KM_FRAMEWORK_RULES_MAX];
    int64_t value_max[KM_FRAMEWORK_RULES_MAX];
    uint32_t inc_type[KM_FRAMEWORK_RULES_MAX], inc_kinds[KM_FRAMEWORK_RULES_MAX], inc_days[KM_FRAMEWORK_RULES_MAX];
    km__sl inc_sector[KM_FRAMEWORK_RULES_MAX], inc_region[KM_FRAMEWORK_RULES_MAX];
} km__fin;

extern const km__fdesc km__fw_schema[];
extern const size_t km__fw_schema_count;

int km__fw_decode(const km__fields *f, km__fin *in);
int km__fw_validate(const km__fin *in);
km_framework *km__fw_build(km_network *net, const km__fin *in, uint64_t id, uint32_t version, int64_t time);
/* TLV of a whole record (snapshots). */
int km__fw_encode(km__buf *b, const km_framework *f);

#endif
