/* Shared fixture for the view and matchmaking tests: a hand-built network
 * of six partners and five agreements with known dates, values and
 * statuses. Header-only with static functions. */
#ifndef KM_TESTS_VIEW_FIXTURE_H
#define KM_TESTS_VIEW_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kemitraan/kemitraan.h"
#include "kemitraan/sys/storage.h"
#include "kemitraan/commitment.h"
#include "kemitraan/dispute.h"
#include "kemitraan/graph.h"
#include "kemitraan/view.h"
#include "kemitraan/match.h"

#if defined(__GNUC__)
#define VF_UNUSED __attribute__((unused))
#else
#define VF_UNUSED
#endif

VF_UNUSED static int64_t vf_now = 1700000000000000LL;

VF_UNUSED static int64_t vf_clock(void *payload)
{
    (void)payload;
    return vf_now += 1000000;
}

VF_UNUSED static void vf_die(const char *what)
{
    fprintf(stderr, "fixture: %s: %s\n", what, km_error_last_message(KM_LANG_EN));
    abort();
}

VF_UNUSED static km_network *vf_open(const km_allocator *alloc)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    o.clock = vf_clock;
    o.allocator = alloc;
    o.actor = "admin:test";
    if (km_network_open(&net, NULL, &o) != 0) return NULL;
    return net;
}

/* Partner ids 1..6. */
enum { VF_GOV = 1, VF_BIZ = 2, VF_NGO = 3, VF_COM = 4, VF_UNI = 5, VF_INT = 6 };

VF_UNUSED static uint64_t vf_partner(km_network *net, const char *name, int kind, const char *region,
                                     const char *const *sectors, size_t ns, const char *const *caps, size_t nc,
                                     const char *const *needs, size_t nn)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    uint64_t id = 0;
    char ext[64];
    snprintf(ext, sizeof ext, "ID-TEST-%u", (unsigned)name[0] * 1000u + (unsigned)strlen(name));
    f.name = name;
    f.external_id = ext;
    f.kind = kind;
    f.region = region;
    f.sectors = sectors;
    f.sectors_count = ns;
    f.capabilities = caps;
    f.capabilities_count = nc;
    f.needs = needs;
    f.needs_count = nn;
    if (km_partner_create(&id, net, &f) != 0) vf_die(name);
    return id;
}

/* An agreement among the given parties; driven to active when activate. */
VF_UNUSED static uint64_t vf_agreement(km_network *net, const char *ref, int type, const char *region,
                                       const char *start, const char *end, int64_t value, const char *ccy,
                                       const uint64_t *parties, size_t np, int activate)
{
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    uint32_t roles[8];
    uint64_t id = 0;
    size_t i;
    for (i = 0; i < np; i++) roles[i] = i == 0 ? KM_ROLE_FUNDING : KM_ROLE_IMPLEMENTING;
    f.title = ref;
    f.reference = ref;
    f.type = type;
    f.region = region;
    f.start_date = start;
    f.end_date = end;
    f.value = value;
    f.currency = ccy;
    f.party_ids = parties;
    f.party_roles = roles;
    f.parties_count = np;
    if (km_agreement_create(&id, net, &f) != 0) vf_die(ref);
    if (!activate) return id;
    if (km_agreement_propose(net, id, NULL) != 0) vf_die("propose");
    for (i = 0; i < np; i++)
        if (km_agreement_sign(net, id, parties[i]) != 0) vf_die("sign");
    if (km_agreement_activate(net, id, NULL) != 0) vf_die("activate");
    return id;
}

/* Agreement ids made by vf_build(). */
typedef struct vf_ids {
    uint64_t a1, a2, a3, a4, a5;
} vf_ids;

/*
 * Partners (id kind region sectors / capabilities / needs):
 *  1 regional government 32.73     water / - / water-treatment, training
 *  2 private business    32.73.01  water / water-treatment / -
 *  3 NGO                 32.04     health, water / training / -
 *  4 community           33.01     - / - / -
 *  5 academic            32.73.02  water / water-treatment, training / -
 *  6 international       (none)    - / training / -
 * Agreements:
 *  a1 PPP 1,2            32.73 2024-01-01..2026-12-31 100 IDR active
 *  a2 cooperation 2,3,4  32.04 2025-01-01..2025-12-31  50 IDR active
 *  a3 grant 1,3          32.73 2023-01-01..2023-12-31  10 IDR draft
 *  a4 intl coop 4,5       33.01 2024-01-01..(open)       7 USD active
 *  a5 cooperation 1,2    32.73 2025-01-01..2025-12-31  30 IDR active
 */
VF_UNUSED static vf_ids vf_build(km_network *net)
{
    static const char *const s_water[] = { "water" };
    static const char *const s_hw[] = { "health", "water" };
    static const char *const needs1[] = { "water-treatment", "training" };
    static const char *const c_wt[] = { "water-treatment" };
    static const char *const c_tr[] = { "training" };
    static const char *const c_both[] = { "water-treatment", "training" };
    uint64_t p12[2] = { 1, 2 }, p234[3] = { 2, 3, 4 }, p13[2] = { 1, 3 }, p45[2] = { 4, 5 };
    vf_ids ids;
    vf_partner(net, "Pemerintah Kota Bandung", KM_PARTNER_REGIONAL_GOVERNMENT, "32.73", s_water, 1, NULL, 0, needs1, 2);
    vf_partner(net, "PT Air Bersih", KM_PARTNER_PRIVATE_BUSINESS, "32.73.01", s_water, 1, c_wt, 1, NULL, 0);
    vf_partner(net, "Yayasan Sehat", KM_PARTNER_NGO, "32.04", s_hw, 2, c_tr, 1, NULL, 0);
    vf_partner(net, "Kelompok Tani", KM_PARTNER_COMMUNITY, "33.01", NULL, 0, NULL, 0, NULL, 0);
    vf_partner(net, "Institut Teknologi", KM_PARTNER_ACADEMIC, "32.73.02", s_water, 1, c_both, 2, NULL, 0);
    vf_partner(net, "Lembaga Internasional", KM_PARTNER_INTERNATIONAL, NULL, NULL, 0, c_tr, 1, NULL, 0);
    ids.a1 = vf_agreement(net, "A1", KM_AGREEMENT_PPP, "32.73", "2024-01-01", "2026-12-31", 100, "IDR", p12, 2, 1);
    ids.a2 = vf_agreement(net, "A2", KM_AGREEMENT_COOPERATION, "32.04", "2025-01-01", "2025-12-31", 50, "IDR", p234, 3,
                          1);
    ids.a3 = vf_agreement(net, "A3", KM_AGREEMENT_GRANT, "32.73", "2023-01-01", "2023-12-31", 10, "IDR", p13, 2, 0);
    ids.a4 = vf_agreement(net, "A4", KM_AGREEMENT_INTERNATIONAL_COOPERATION, "33.01", "2024-01-01", NULL, 7, "USD",
                          p45, 2, 1);
    ids.a5 = vf_agreement(net, "A5", KM_AGREEMENT_COOPERATION, "32.73", "2025-01-01", "2025-12-31", 30, "IDR", p12, 2,
                          1);
    return ids;
}

#endif
