/* Shared fixture for the opportunity and interest tests: a network with a
 * clock that can be set to a day, seven partners with sectors, capabilities
 * and regions, a standard call for partners, and helpers that submit
 * expressions and give a partner a track record. Header-only with static
 * functions so each test executable stays self-contained. */
#ifndef KM_TESTS_OPPORTUNITY_FIXTURE_H
#define KM_TESTS_OPPORTUNITY_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kemitraan/kemitraan.h"
#include "util/date.h"

#if defined(__GNUC__)
#define OX_UNUSED __attribute__((unused))
#else
#define OX_UNUSED
#endif

/* Partner ids created by ox_partners(), in this order. */
enum { OX_GOV = 1, OX_BIZ = 2, OX_NGO = 3, OX_UNI = 4, OX_FAR = 5, OX_COM = 6, OX_BUMD = 7, OX_N = 7 };

OX_UNUSED static const char *const ox_ext[] = { "", "ID-KEMENDAGRI-32", "ID-NIB-8120000000001", "ID-AHU-0001",
                                                "ID-KEMDIKBUD-001", "ID-NIB-8120000000002", "ID-DESA-0001",
                                                "ID-NIB-8120000000003" };

OX_UNUSED static int64_t ox_now;

OX_UNUSED static int64_t ox_clock(void *payload)
{
    (void)payload;
    return ox_now += 1000000; /* one second per call: times are distinct */
}

/* Sets the clock to 09:00 WIB (02:00 UTC) of a day. */
OX_UNUSED static void ox_day(const char *ymd)
{
    int32_t d = 0;
    if (!km__date_parse(ymd, strlen(ymd), &d)) abort();
    ox_now = (int64_t)d * 86400 * 1000000 + (int64_t)2 * 3600 * 1000000;
}

OX_UNUSED static void ox_partners(km_network *net)
{
    static const char *const names[] = { "Pemerintah Provinsi Jawa Barat", "PT Air Bersih Bandung", "Yayasan Air Sehat",
                                         "Institut Teknologi Bandung", "PT Tirta Jakarta", "Kelompok Tani Sukamaju",
                                         "PDAM Tirtawening" };
    static const int kinds[] = { KM_PARTNER_REGIONAL_GOVERNMENT, KM_PARTNER_PRIVATE_BUSINESS, KM_PARTNER_NGO,
                                 KM_PARTNER_ACADEMIC, KM_PARTNER_PRIVATE_BUSINESS, KM_PARTNER_COMMUNITY,
                                 KM_PARTNER_STATE_ENTERPRISE };
    static const char *const regions[] = { "32", "32.73", "32.73.01", "32.73", "31.71", NULL, "32.73" };
    static const char *const sec[][2] = { { "water", NULL }, { "water", "infrastructure" }, { "water", "health" },
                                          { "water", "research" }, { "water", NULL }, { "agriculture", NULL },
                                          { "water", NULL } };
    static const size_t n_sec[] = { 1, 2, 2, 2, 1, 1, 1 };
    static const char *const caps[][3] = { { "facilitation", NULL, NULL },
                                           { "engineering", "financing", "operations" },
                                           { "community-outreach", NULL, NULL },
                                           { "engineering", "research", NULL },
                                           { "engineering", "operations", NULL },
                                           { NULL, NULL, NULL },
                                           { "operations", NULL, NULL } };
    static const size_t n_caps[] = { 1, 3, 1, 2, 2, 0, 1 };
    int i;
    for (i = 0; i < OX_N; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        uint64_t id = 0;
        f.name = names[i];
        f.external_id = ox_ext[i + 1];
        f.kind = kinds[i];
        f.region = regions[i];
        f.sectors = sec[i];
        f.sectors_count = n_sec[i];
        f.capabilities = caps[i];
        f.capabilities_count = n_caps[i];
        if (km_partner_create(&id, net, &f) != 0 || id != (uint64_t)(i + 1)) {
            fprintf(stderr, "fixture: partner %d: %s\n", i, km_error_last_message(KM_LANG_EN));
            abort();
        }
    }
}

/* A network on st (NULL: private memory store) with the fixture clock set
 * to 2024-03-10 and an admin actor. */
OX_UNUSED static km_network *ox_net(const km_allocator *alloc, km_storage *st)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    ox_day("2024-03-10");
    o.clock = ox_clock;
    o.allocator = alloc;
    o.actor = "admin:test";
    if (km_network_open(&net, st, &o) != 0) return NULL;
    return net;
}

/* The standard call: market sounding for a PPP water project by the
 * province, seeking engineering, financing and operations in 32.73, open
 * 2024-03-01..2024-03-31 for one partner. */
OX_UNUSED static void ox_fields(km_opportunity_fields *f)
{
    km_opportunity_fields init = KM_OPPORTUNITY_FIELDS_INIT;
    static const char *const sectors[] = { "water", "infrastructure" };
    static const char *const caps[] = { "engineering", "financing", "operations" };
    *f = init;
    f->publisher_id = OX_GOV;
    f->title = "Penjajakan minat SPAM Regional Bandung Raya";
    f->description = "Pemerintah Provinsi Jawa Barat mencari badan usaha untuk SPAM regional.";
    f->agreement_type = KM_AGREEMENT_PPP;
    f->sectors = sectors;
    f->sectors_count = 2;
    f->region = "32.73";
    f->capabilities = caps;
    f->capabilities_count = 3;
    f->assistance = "Pendampingan penyiapan proyek";
    f->assistance_quantity = 40;
    f->assistance_unit = "person-day";
    f->opening_date = "2024-03-01";
    f->closing_date = "2024-03-31";
    f->partner_roles = KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING;
    f->publisher_roles = KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_ACCOUNTABLE;
}

OX_UNUSED static uint64_t ox_create(km_network *net, const km_opportunity_fields *f)
{
    km_opportunity_fields std;
    uint64_t id = 0;
    if (!f) {
        ox_fields(&std);
        f = &std;
    }
    if (km_opportunity_create(&id, net, f) != 0) {
        fprintf(stderr, "fixture: opportunity: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

/* Created and opened. */
OX_UNUSED static uint64_t ox_open_call(km_network *net, const km_opportunity_fields *f)
{
    uint64_t id = ox_create(net, f);
    if (km_opportunity_open(net, id) != 0) {
        fprintf(stderr, "fixture: open: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

OX_UNUSED static void ox_interest_fields(km_interest_fields *f, uint64_t opp, uint64_t partner)
{
    km_interest_fields init = KM_INTEREST_FIELDS_INIT;
    static const char *const caps[] = { "engineering", "operations" };
    *f = init;
    f->opportunity_id = opp;
    f->partner_id = partner;
    f->statement = "Kami berminat dan berpengalaman membangun SPAM.";
    f->capabilities = caps;
    f->capabilities_count = 2;
    f->contribution_amount = 500000000000LL; /* IDR 5 000 000 000,00 */
    f->contribution_currency = "IDR";
}

OX_UNUSED static uint64_t ox_submit(km_network *net, uint64_t opp, uint64_t partner)
{
    km_interest_fields f;
    uint64_t id = 0;
    ox_interest_fields(&f, opp, partner);
    if (km_interest_submit(&id, net, &f) != 0) {
        fprintf(stderr, "fixture: submit: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

/* Gives partner `count` completed agreements with the province. */
OX_UNUSED static void ox_track_record(km_network *net, uint64_t partner, int count)
{
    static int serial;
    int i;
    for (i = 0; i < count; i++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        uint64_t ids[2], id = 0;
        uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
        char ref[32];
        ids[0] = OX_GOV;
        ids[1] = partner;
        snprintf(ref, sizeof ref, "TR/%d", ++serial);
        f.title = "Kerja sama sebelumnya";
        f.reference = ref;
        f.type = KM_AGREEMENT_COOPERATION;
        f.start_date = "2020-01-01";
        f.end_date = "2020-12-31"; /* over: not in force on the fixture's dates */
        f.party_ids = ids;
        f.party_roles = roles;
        f.parties_count = 2;
        if (km_agreement_create(&id, net, &f) != 0 || km_agreement_propose(net, id, NULL) != 0 ||
            km_agreement_sign(net, id, OX_GOV) != 0 || km_agreement_sign(net, id, partner) != 0 ||
            km_agreement_activate(net, id, NULL) != 0 || km_agreement_complete(net, id, NULL) != 0) {
            fprintf(stderr, "fixture: track record: %s\n", km_error_last_message(KM_LANG_EN));
            abort();
        }
    }
}

OX_UNUSED static int ox_opp_status(km_network *net, uint64_t id)
{
    km_opportunity *o = NULL;
    int s;
    if (km_opportunity_get(&o, net, id) != 0) return -1;
    s = km_opportunity_status_of(o);
    km_opportunity_free(o);
    return s;
}

OX_UNUSED static int ox_eoi_status(km_network *net, uint64_t id)
{
    km_interest *e = NULL;
    int s;
    if (km_interest_get(&e, net, id) != 0) return -1;
    s = km_interest_status_of(e);
    km_interest_free(e);
    return s;
}

/* A cheap fingerprint of the opportunity state: counts, and the version
 * and state of every opportunity and expression. */
OX_UNUSED static uint64_t ox_fingerprint(km_network *net)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    uint64_t h = 1469598103934665603ULL, i;
    if (km_network_stats_get(&st, net) != 0) return 0;
#define OX_MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ULL)
    OX_MIX(st.log_entries);
    OX_MIX(st.partners);
    OX_MIX(st.agreements);
    OX_MIX(st.opportunities);
    OX_MIX(st.interests);
    for (i = 1; i <= st.opportunities; i++) {
        km_opportunity *o = NULL;
        if (km_opportunity_get(&o, net, i) != 0) return 0;
        OX_MIX(km_opportunity_version(o));
        OX_MIX(km_opportunity_status_of(o));
        OX_MIX(km_opportunity_agreement_count(o));
        km_opportunity_free(o);
    }
    for (i = 1; i <= st.interests; i++) {
        km_interest *e = NULL;
        if (km_interest_get(&e, net, i) != 0) return 0;
        OX_MIX(km_interest_version(e));
        OX_MIX(km_interest_status_of(e));
        OX_MIX(km_interest_agreement(e));
        km_interest_free(e);
    }
    for (i = 1; i <= st.agreements; i++) {
        km_agreement *a = NULL;
        if (km_agreement_get(&a, net, i) != 0) return 0;
        OX_MIX(km_agreement_party_count(a));
        OX_MIX(km_agreement_status_of(a));
        km_agreement_free(a);
    }
#undef OX_MIX
    return h;
}

#endif
