/* Shared fixture for the agreement, framework and milestone tests: a
 * network with a fixed clock, a few partners, and helpers that drive an
 * agreement to any lifecycle state. Header-only with static functions so
 * each test executable stays self-contained. */
#ifndef KM_TESTS_AGREEMENT_FIXTURE_H
#define KM_TESTS_AGREEMENT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kemitraan/kemitraan.h"

#if defined(__GNUC__)
#define FX_UNUSED __attribute__((unused))
#else
#define FX_UNUSED
#endif

/* Partner ids created by fx_partners(), in this order. */
enum { FX_GOV = 1, FX_BIZ = 2, FX_NGO = 3, FX_COMMUNITY = 4 };

FX_UNUSED static int64_t fx_now = 1700000000000000LL;

FX_UNUSED static int64_t fx_clock(void *payload)
{
    (void)payload;
    return fx_now += 1000000; /* one second per call: times are distinct */
}

/* Creates the four fixture partners (needs an admin actor or none). */
FX_UNUSED static void fx_partners(km_network *net)
{
    static const char *const names[] = { "Pemerintah Kota Bandung", "PT Air Bersih", "Yayasan Sehat", "Kelompok Tani" };
    static const char *const ext[] = { "ID-KEMENDAGRI-3273", "ID-NIB-8120000000001", "ID-AHU-0001", "ID-DESA-0001" };
    static const int kinds[] = { KM_PARTNER_REGIONAL_GOVERNMENT, KM_PARTNER_PRIVATE_BUSINESS, KM_PARTNER_NGO,
                                 KM_PARTNER_COMMUNITY };
    int i;
    for (i = 0; i < 4; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        uint64_t id = 0;
        f.name = names[i];
        f.external_id = ext[i];
        f.kind = kinds[i];
        if (km_partner_create(&id, net, &f) != 0 || id != (uint64_t)(i + 1)) {
            fprintf(stderr, "fixture: partner %d: %s\n", i, km_error_last_message(KM_LANG_EN));
            abort();
        }
    }
}

FX_UNUSED static km_network *fx_open(const km_allocator *alloc)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    o.clock = fx_clock;
    o.allocator = alloc;
    o.actor = "admin:test";
    if (km_network_open(&net, NULL, &o) != 0) return NULL;
    return net;
}

/* A PPP agreement between the government (public authority) and the
 * business (private party), 2024-01-01..2026-12-31, 1,000,000.00 IDR. */
FX_UNUSED static void fx_fields(km_agreement_fields *f, const char *reference, uint64_t *ids, uint32_t *roles)
{
    km_agreement_fields init = KM_AGREEMENT_FIELDS_INIT;
    static const char *const sectors[] = { "water", "infrastructure" };
    *f = init;
    ids[0] = FX_GOV;
    ids[1] = FX_BIZ;
    roles[0] = KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_FUNDING;
    roles[1] = KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING;
    f->title = "SPAM Regional Bandung Raya";
    f->reference = reference;
    f->type = KM_AGREEMENT_PPP;
    f->purpose = "Penyediaan air minum";
    f->sectors = sectors;
    f->sectors_count = 2;
    f->region = "32.73";
    f->start_date = "2024-01-01";
    f->end_date = "2026-12-31";
    f->value = 100000000;
    f->currency = "IDR";
    f->party_ids = ids;
    f->party_roles = roles;
    f->parties_count = 2;
}

FX_UNUSED static uint64_t fx_create(km_network *net, const char *reference)
{
    km_agreement_fields f;
    uint64_t ids[2], id = 0;
    uint32_t roles[2];
    fx_fields(&f, reference, ids, roles);
    if (km_agreement_create(&id, net, &f) != 0) {
        fprintf(stderr, "fixture: create: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

FX_UNUSED static int fx_status(km_network *net, uint64_t id)
{
    km_agreement *a = NULL;
    int s;
    if (km_agreement_get(&a, net, id) != 0) return -1;
    s = km_agreement_status_of(a);
    km_agreement_free(a);
    return s;
}

/* Drives agreement id (a draft) to status; returns 0 or the failing code. */
FX_UNUSED static int fx_drive(km_network *net, uint64_t id, int status)
{
    int rc = 0;
    if (status == KM_AGREEMENT_DRAFT) return 0;
    if (status == KM_AGREEMENT_CANCELLED) return km_agreement_cancel(net, id, "tidak jadi");
    if ((rc = km_agreement_propose(net, id, NULL)) != 0 || status == KM_AGREEMENT_PROPOSED) return rc;
    if ((rc = km_agreement_sign(net, id, FX_GOV)) != 0) return rc;
    if ((rc = km_agreement_sign(net, id, FX_BIZ)) != 0 || status == KM_AGREEMENT_SIGNED) return rc;
    if ((rc = km_agreement_activate(net, id, NULL)) != 0 || status == KM_AGREEMENT_ACTIVE) return rc;
    switch (status) {
    case KM_AGREEMENT_SUSPENDED: return km_agreement_suspend(net, id, "audit");
    case KM_AGREEMENT_COMPLETED: return km_agreement_complete(net, id, NULL);
    case KM_AGREEMENT_TERMINATED: return km_agreement_terminate(net, id, "wanprestasi");
    case KM_AGREEMENT_EXPIRED: {
        uint64_t n = 0;
        rc = km_agreement_expire_due(&n, net, "2027-01-01");
        return rc ? rc : n >= 1 ? 0 : -100;
    }
    default: return -101;
    }
}

#endif
