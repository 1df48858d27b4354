/* The table of every operation the log can hold. A module adds its ops
 * array here; (entity, op) pairs are part of the record format and never
 * change meaning. */
#include "network/internal.h"

typedef struct op_module {
    const km__opdef *ops;
    const size_t *count;
} op_module;

static const op_module modules[] = {
    { km__partner_ops, &km__partner_ops_count },
    { km__agreement_ops, &km__agreement_ops_count },
    { km__framework_ops, &km__framework_ops_count },
    { km__opportunity_ops, &km__opportunity_ops_count },
    { km__interest_ops, &km__interest_ops_count },
    { km__indicator_ops, &km__indicator_ops_count },
    { km__measurement_ops, &km__measurement_ops_count },
    { km__commitment_ops, &km__commitment_ops_count },
    { km__dispute_ops, &km__dispute_ops_count },
};

const km__opdef *km__op_find(uint16_t entity, uint16_t op)
{
    size_t m, i;
    for (m = 0; m < sizeof modules / sizeof modules[0]; m++)
        for (i = 0; i < *modules[m].count; i++)
            if (modules[m].ops[i].entity == entity && modules[m].ops[i].op == op) return &modules[m].ops[i];
    return NULL;
}
