/* Shared fixture for the dispute and mediation tests: a network with a
 * clock that can be set to a civil date, the agreement fixture's four
 * partners plus three outsiders who can mediate, an active agreement
 * between the government, the business and the NGO, and helpers that file
 * a dispute and drive it to any state. Header-only with static functions
 * so each test executable stays self-contained. */
#ifndef KM_TESTS_DISPUTE_FIXTURE_H
#define KM_TESTS_DISPUTE_FIXTURE_H

#include "agreement_fixture.h"

/* Partner ids created by dx_open(), after the agreement fixture's 1..4. */
enum { DX_OMBUDSMAN = 5, DX_LBH = 6, DX_UNIV = 7 };

FX_UNUSED static const char *const dx_ext[] = { "", "ID-KEMENDAGRI-3273", "ID-NIB-8120000000001", "ID-AHU-0001",
                                      "ID-DESA-0001", "ID-ORI-0001", "ID-AHU-0002", "ID-DIKTI-0001" };

/* Microseconds since the epoch; dx_clock returns it and moves one second. */
FX_UNUSED static int64_t dx_now = 1577836800000000LL; /* 2020-01-01 00:00 UTC */

FX_UNUSED static int64_t dx_clock(void *payload)
{
    (void)payload;
    return dx_now += 1000000;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
FX_UNUSED static int64_t dx_days(int y, int m, int d)
{
    int64_t yy = m <= 2 ? y - 1 : y;
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Sets the clock to hh:00 UTC of a "YYYY-MM-DD" date. */
FX_UNUSED static void dx_set(const char *date, int hour_utc)
{
    int y, m, d;
    if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3) abort();
    dx_now = (dx_days(y, m, d) * 86400 + (int64_t)hour_utc * 3600) * 1000000;
}

FX_UNUSED static void dx_actor(km_network *net, const char *actor)
{
    if (km_network_set_actor(net, actor) != 0) abort();
}

/* Acts as partner id (its external id). */
FX_UNUSED static void dx_as(km_network *net, uint64_t partner) { dx_actor(net, dx_ext[partner]); }

FX_UNUSED static void dx_outsiders(km_network *net)
{
    static const char *const names[] = { "Ombudsman Republik Indonesia", "LBH Bandung", "Universitas Padjadjaran" };
    static const int kinds[] = { KM_PARTNER_GOVERNMENT_AGENCY, KM_PARTNER_NGO, KM_PARTNER_ACADEMIC };
    int i;
    for (i = 0; i < 3; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        uint64_t id = 0;
        f.name = names[i];
        f.external_id = dx_ext[5 + i];
        f.kind = kinds[i];
        if (km_partner_create(&id, net, &f) != 0 || id != (uint64_t)(5 + i)) {
            fprintf(stderr, "fixture: partner %d: %s\n", 5 + i, km_error_last_message(KM_LANG_EN));
            abort();
        }
    }
}

/* An active three-party agreement (government, business, NGO) with two
 * milestones. */
FX_UNUSED static uint64_t dx_agreement(km_network *net, const char *reference)
{
    km_milestone_fields mf = KM_MILESTONE_FIELDS_INIT;
    uint64_t id = fx_create(net, reference);
    if (km_agreement_add_party(net, id, FX_NGO, KM_ROLE_BENEFICIARY, NULL) != 0) abort();
    if (km_agreement_propose(net, id, NULL) != 0 || km_agreement_sign(net, id, FX_GOV) != 0 ||
        km_agreement_sign(net, id, FX_BIZ) != 0 || km_agreement_sign(net, id, FX_NGO) != 0 ||
        km_agreement_activate(net, id, NULL) != 0) {
        fprintf(stderr, "fixture: agreement: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    mf.type = KM_MILESTONE_PAYMENT;
    mf.title = "Termin 1";
    mf.due_date = "2024-03-01";
    if (km_milestone_add(NULL, net, id, &mf) != 0) abort();
    mf.title = "Termin 2";
    mf.due_date = "2024-09-01";
    if (km_milestone_add(NULL, net, id, &mf) != 0) abort();
    return id;
}

/* A grant of the government to the business under agreement; its id. */
FX_UNUSED static uint64_t dx_commitment(km_network *net, uint64_t agreement)
{
    km_commitment_fields f = KM_COMMITMENT_FIELDS_INIT;
    uint64_t id = 0;
    f.agreement_id = agreement;
    f.provider_id = FX_GOV;
    f.recipient_id = FX_BIZ;
    f.title = "Dukungan kelayakan tahap 1";
    f.amount = 50000000;
    f.currency = "IDR";
    if (km_commitment_create(&id, net, &f) != 0) {
        fprintf(stderr, "fixture: commitment: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

/* Network with partners 1..7, agreement 1 (active) and its commitments 1
 * and 2; actor admin:test. */
FX_UNUSED static km_network *dx_open(const km_allocator *alloc)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    o.clock = dx_clock;
    o.allocator = alloc;
    o.actor = "admin:test";
    dx_set("2020-01-01", 2); /* early, so that tests can move the clock to any later date */
    if (km_network_open(&net, NULL, &o) != 0) return NULL;
    fx_partners(net);
    dx_outsiders(net);
    if (dx_agreement(net, "PKS/D/1") != 1) abort();
    if (dx_commitment(net, 1) != 1 || dx_commitment(net, 1) != 2) abort();
    return net;
}

/* Files a dispute of the business against the government about
 * agreement (payment, high). Returns its id; aborts on failure. */
FX_UNUSED static uint64_t dx_file(km_network *net, uint64_t agreement)
{
    km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
    uint64_t resp[1] = { FX_GOV }, id = 0;
    f.agreement_id = agreement;
    f.claimant = FX_BIZ;
    f.respondents = resp;
    f.respondents_count = 1;
    f.category = KM_DISPUTE_PAYMENT;
    f.severity = KM_DISPUTE_SEVERITY_HIGH;
    f.description = "Pembayaran termin 1 terlambat 60 hari";
    f.relief = "Pembayaran termin 1 dan denda keterlambatan";
    if (km_dispute_file(&id, net, &f) != 0) {
        fprintf(stderr, "fixture: file: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

FX_UNUSED static int dx_status(km_network *net, uint64_t id)
{
    km_dispute *d = NULL;
    int s;
    if (km_dispute_get(&d, net, id) != 0) return -1;
    s = km_dispute_status_of(d);
    km_dispute_free(d);
    return s;
}

FX_UNUSED static int dx_settle(km_network *net, uint64_t id, const char *terms)
{
    km_dispute_settlement s = KM_DISPUTE_SETTLEMENT_INIT;
    s.terms = terms;
    return km_dispute_settle(net, id, &s);
}

/* Drives a filed dispute (business vs government) to status as an
 * administrator, with DX_OMBUDSMAN as mediator; 0 or the failing code. */
FX_UNUSED static int dx_drive(km_network *net, uint64_t id, int status)
{
    int rc;
    switch (status) {
    case KM_DISPUTE_FILED: return 0;
    case KM_DISPUTE_WITHDRAWN: return km_dispute_withdraw(net, id, "sudah dibayar");
    case KM_DISPUTE_DISMISSED: return km_dispute_dismiss(net, id, "bukan kewenangan");
    default: break;
    }
    if ((rc = km_dispute_acknowledge(net, id, FX_GOV, NULL)) != 0 || status == KM_DISPUTE_ACKNOWLEDGED) return rc;
    if ((rc = km_dispute_negotiate(net, id, NULL)) != 0 || status == KM_DISPUTE_NEGOTIATION) return rc;
    if ((rc = km_dispute_assign_mediator(net, id, DX_OMBUDSMAN, NULL)) != 0) return rc;
    if ((rc = km_dispute_mediate(net, id, NULL)) != 0 || status == KM_DISPUTE_MEDIATION) return rc;
    if (status == KM_DISPUTE_ESCALATED) return km_dispute_escalate(net, id, KM_DISPUTE_FORUM_COURT, "PN Bandung");
    if ((rc = dx_settle(net, id, "Dibayar dalam 14 hari")) != 0 || status == KM_DISPUTE_SETTLED) return rc;
    if (status == KM_DISPUTE_CLOSED) return km_dispute_close(net, id, "kesepakatan dilaksanakan");
    return -100;
}

#endif
