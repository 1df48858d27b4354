/* Every field a partner handle reads back, hashed into h (support/fnv.h):
 * with the counts, so that a tag moved from one list to the next changes
 * the hash. Tests compare whole networks with it (before and after a
 * reopen, a failed change, a crash, a snapshot load). */
#ifndef KM_TESTS_PARTNER_HASH_H
#define KM_TESTS_PARTNER_HASH_H

#include "kemitraan/kemitraan.h"
#include "support/fnv.h"

static inline uint64_t km_test_partner_hash(uint64_t h, const km_partner *p)
{
    size_t i;
    h = fnv_u64(h, km_partner_id(p));
    h = fnv_str(h, km_partner_name(p));
    h = fnv_str(h, km_partner_external_id(p));
    h = fnv_u64(h, (uint64_t)km_partner_kind_of(p));
    h = fnv_str(h, km_partner_region(p));
    h = fnv_str(h, km_partner_email(p));
    h = fnv_str(h, km_partner_phone(p));
    h = fnv_str(h, km_partner_website(p));
    h = fnv_u64(h, (uint64_t)km_partner_status_of(p));
    h = fnv_str(h, km_partner_status_reason(p));
    h = fnv_u64(h, (uint64_t)km_partner_created(p));
    h = fnv_u64(h, (uint64_t)km_partner_updated(p));
    h = fnv_u64(h, km_partner_version(p));
    h = fnv_u64(h, km_partner_sector_count(p));
    for (i = 0; i < km_partner_sector_count(p); i++) h = fnv_str(h, km_partner_sector(p, i));
    h = fnv_u64(h, km_partner_capability_count(p));
    for (i = 0; i < km_partner_capability_count(p); i++) h = fnv_str(h, km_partner_capability(p, i));
    h = fnv_u64(h, km_partner_need_count(p));
    for (i = 0; i < km_partner_need_count(p); i++) h = fnv_str(h, km_partner_need(p, i));
    return h;
}

#endif
