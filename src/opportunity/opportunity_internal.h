/* Opportunity state: immutable refcounted records (the public
 * km_opportunity and km_interest handles) and their secondary indexes.
 * Included by network/internal.h. */
#ifndef KM_OPPORTUNITY_INTERNAL_H
#define KM_OPPORTUNITY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/opportunity.h"
#include "util/idset.h"
#include "util/idsets.h"
#include "util/keyidx.h"
#include "util/u64map.h"

struct km__ctx;

/* One version of an opportunity in a single allocation (struct, arrays,
 * then the strings). */
struct km_opportunity {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    uint64_t id, publisher, framework_id;
    int64_t created, updated;
    int64_t ceiling;              /* 0 when currency[0] == 0 */
    int64_t assist_qty;
    uint32_t eligible_kinds, min_completed, sought, partner_roles, publisher_roles, n_selected;
    int32_t opening, closing, as_of; /* days since 1970-01-01; as_of valid when has_as_of */
    uint8_t type, status, award_mode, has_as_of, no_disputes;
    char currency[4];
    char opening_s[11], closing_s[11], as_of_s[11];
    uint16_t n_sectors, n_caps;
    uint32_t n_agreements;
    const char *title;
    const char *description, *region, *assistance, *assist_unit, *eligible_region, *reason; /* NULL when unset */
    const char **sectors;
    const char **caps;
    uint64_t *agreements;         /* created by selections, in order */
};

typedef struct km__coapp {
    uint64_t partner;
    int64_t consented;            /* 0 = not yet */
} km__coapp;

/* One version of an expression of interest in a single allocation. */
struct km_interest {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    uint64_t id, opportunity, partner, agreement;
    int64_t created, updated;
    int64_t amount;               /* 0 when currency[0] == 0 */
    int64_t quantity;
    uint8_t status;
    char currency[4];
    uint16_t n_caps, n_co;
    const char *statement;
    const char *unit, *reason;    /* NULL when unset */
    const char **caps;
    km__coapp *co;
};

typedef struct km__opportunities {
    km_opportunity **opp;         /* opp[id - 1] */
    size_t n_opp, cap_opp;
    km__idset opp_status[KM_OPPORTUNITY_STATUS__COUNT];
    km__idset opp_type[KM_AGREEMENT_TYPE__COUNT];
    km__idsets opp_publisher, opp_framework; /* keyed by partner, framework id */
    km__keyidx opp_sectors, opp_caps, opp_regions;
    km__u64map opp_of_agreement;  /* agreement id -> opportunity id */

    km_interest **eoi;            /* eoi[id - 1] */
    size_t n_eoi, cap_eoi;
    km__idset eoi_status[KM_INTEREST_STATUS__COUNT];
    km__idsets eoi_opportunity, eoi_partner, eoi_member, eoi_agreement;
    const km_allocator *a;
} km__opportunities;

void km__opportunities_init(km__opportunities *s, const km_allocator *a);
void km__opportunities_free(km__opportunities *s);

/* Operation numbers (part of the record format, docs/format.md). */
enum {
    KM__OP_OPPORTUNITY_CREATE = 1,
    KM__OP_OPPORTUNITY_UPDATE = 2,
    KM__OP_OPPORTUNITY_TRANSITION = 3
};

enum {
    KM__OP_INTEREST_SUBMIT = 1,
    KM__OP_INTEREST_CONSENT = 2,
    KM__OP_INTEREST_TRANSITION = 3,
    KM__OP_INTEREST_SELECT = 4
};

#endif
