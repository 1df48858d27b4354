/* Unit tests for agreements: creation and validation, the lifecycle state
 * machine (every state x every target), signing rules, amendments and
 * versions, queries with pagination against brute force, running totals,
 * expiry, time travel, snapshots, out-of-memory and the audit trail. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "agreement_fixture.h"
#include "support/state_hash.h"
#include "support/files.h"
#include "support/failalloc.h"

static km_network *open_fx(void)
{
    km_network *net = fx_open(NULL);
    assert_non_null(net);
    fx_partners(net);
    return net;
}

static void test_create_get(void **state)
{
    km_network *net = open_fx();
    km_agreement_fields f;
    uint64_t ids[2], id = 0, seq;
    uint32_t roles[2];
    km_agreement *a = NULL;
    char ref[16];
    (void)state;
    id = fx_create(net, "PKS/001/2024");
    assert_int_equal(id, 1);
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_string_equal(km_agreement_title(a), "SPAM Regional Bandung Raya");
    assert_string_equal(km_agreement_reference(a), "PKS/001/2024");
    assert_int_equal(km_agreement_type_of(a), KM_AGREEMENT_PPP);
    assert_int_equal(km_agreement_family_of(a), KM_FAMILY_PUBLIC_PRIVATE);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_DRAFT);
    assert_string_equal(km_agreement_start_date(a), "2024-01-01");
    assert_string_equal(km_agreement_end_date(a), "2026-12-31");
    assert_string_equal(km_agreement_currency(a), "IDR");
    assert_true(km_agreement_value(a) == 100000000);
    assert_int_equal(km_agreement_party_count(a), 2);
    assert_int_equal(km_agreement_party(a, 1), FX_BIZ);
    assert_int_equal(km_agreement_party_roles(a, 0), KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_FUNDING);
    assert_int_equal(km_agreement_sector_count(a), 2);
    assert_string_equal(km_agreement_region(a), "32.73");
    assert_int_equal(km_agreement_version(a), 1);
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_by_reference(&a, net, "PKS/001/2024"), 0);
    assert_int_equal(km_agreement_id(a), 1);
    km_agreement_free(a);

    /* Bad input of every kind leaves the log as it was. */
    seq = km_network_seq(net);
    fx_fields(&f, "PKS/001/2024", ids, roles);
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EEXISTS);
    snprintf(ref, sizeof ref, "PKS/002");
    f.reference = ref;
    f.end_date = "2023-12-31";
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "agreement.end_date");
    f.end_date = "2023-02-29";
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    f.end_date = NULL;
    f.currency = "XYZ";
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    f.currency = "IDR";
    f.value = -5;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    f.value = 5;
    f.currency = NULL;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    f.currency = "IDR";
    ids[1] = 99;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_ENOTFOUND);
    /* Records keep 32-bit partner ids: an id past 2^32 must be refused as
     * unknown, never taken for the partner its low bits name. */
    ids[1] = (UINT64_C(1) << 32) + FX_BIZ;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_ENOTFOUND);
    assert_string_equal(km_error_last_field(), "agreement.parties");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "4294967298"));
    ids[1] = FX_GOV;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL); /* listed twice */
    ids[1] = FX_BIZ;
    roles[1] = 0;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    roles[1] = KM_ROLE_PRIVATE_PARTY;
    f.type = 11;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    f.type = KM_AGREEMENT_PPP;
    f.framework_id = 7;
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_ENOTFOUND);
    f.framework_id = 0;
    f.reference = "bad ref";
    assert_int_equal(km_agreement_create(NULL, net, &f), KM_EINVAL);
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_agreement_get(&a, net, 2), KM_ENOTFOUND);
    assert_null(a);
    km_network_close(net);
}

/* Which targets km_agreement_transition() accepts from each state. */
static int legal(int from, int to)
{
    switch (from) {
    case KM_AGREEMENT_DRAFT: return to == KM_AGREEMENT_PROPOSED || to == KM_AGREEMENT_CANCELLED;
    case KM_AGREEMENT_PROPOSED: return to == KM_AGREEMENT_CANCELLED; /* signed: by signatures only */
    case KM_AGREEMENT_SIGNED: return to == KM_AGREEMENT_ACTIVE;
    case KM_AGREEMENT_ACTIVE:
        return to == KM_AGREEMENT_SUSPENDED || to == KM_AGREEMENT_COMPLETED || to == KM_AGREEMENT_TERMINATED;
    case KM_AGREEMENT_SUSPENDED: return to == KM_AGREEMENT_ACTIVE || to == KM_AGREEMENT_TERMINATED;
    default: return 0;
    }
}

static void test_transition_table(void **state)
{
    int from, to;
    (void)state;
    for (from = 0; from < KM_AGREEMENT_STATUS__COUNT; from++) {
        for (to = 0; to < KM_AGREEMENT_STATUS__COUNT; to++) {
            km_network *net = open_fx();
            uint64_t id = fx_create(net, "T/1"), seq;
            int rc;
            assert_int_equal(fx_drive(net, id, from), 0);
            assert_int_equal(fx_status(net, id), from);
            seq = km_network_seq(net);
            rc = km_agreement_transition(net, id, to, "alasan", NULL);
            if (legal(from, to)) {
                if (rc != 0) fail_msg("%d -> %d: %s", from, to, km_error_last_message(KM_LANG_EN));
                assert_int_equal(fx_status(net, id), to);
                assert_int_equal(km_network_seq(net), seq + 1);
            } else {
                char want[64], en[512], id_msg[512];
                snprintf(en, sizeof en, "%s", km_error_last_message(KM_LANG_EN));
                snprintf(id_msg, sizeof id_msg, "%s", km_error_last_message(KM_LANG_ID));
                if (rc != KM_ESTATE) fail_msg("%d -> %d gave %d: %s", from, to, rc, en);
                assert_int_equal(fx_status(net, id), from);
                assert_int_equal(km_network_seq(net), seq);
                if (to != KM_AGREEMENT_SIGNED && !(from == KM_AGREEMENT_ACTIVE && to == KM_AGREEMENT_EXPIRED)) {
                    snprintf(want, sizeof want, "from %s", km_agreement_status_label(from, KM_LANG_EN));
                    if (!strstr(en, want)) fail_msg("%d -> %d: %s", from, to, en);
                    snprintf(want, sizeof want, "dari %s", km_agreement_status_label(from, KM_LANG_ID));
                    assert_non_null(strstr(id_msg, want));
                }
            }
            km_network_close(net);
        }
    }
}

static void test_transition_rules(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "R/1"), id2;
    (void)state;
    /* Proposing needs two parties and a start date. */
    assert_int_equal(km_agreement_remove_party(net, id, FX_BIZ, NULL), 0);
    assert_int_equal(km_agreement_propose(net, id, NULL), KM_ESTATE);
    assert_int_equal(km_agreement_add_party(net, id, (UINT64_C(1) << 32) + FX_BIZ, KM_ROLE_PRIVATE_PARTY, NULL),
                     KM_ENOTFOUND); /* not partner 2 by its low bits */
    assert_int_equal(km_agreement_add_party(net, id, FX_BIZ, KM_ROLE_PRIVATE_PARTY, NULL), 0);
    assert_int_equal(km_agreement_add_party(net, id, FX_BIZ, KM_ROLE_PRIVATE_PARTY, NULL), KM_EEXISTS);
    assert_int_equal(km_agreement_remove_party(net, id, FX_NGO, NULL), KM_ENOTFOUND);
    assert_int_equal(km_agreement_cancel(net, id, NULL), KM_EINVAL); /* reason required */
    assert_int_equal(km_agreement_transition(net, id, 42, NULL, NULL), KM_EINVAL);
    assert_int_equal(km_agreement_transition(net, 99, KM_AGREEMENT_PROPOSED, NULL, NULL), KM_ENOTFOUND);
    assert_int_equal(km_agreement_transition(net, id, KM_AGREEMENT_CANCELLED, "x", "override"), KM_EINVAL);
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_ACTIVE), 0);
    assert_int_equal(km_agreement_suspend(net, id, NULL), KM_EINVAL);
    assert_int_equal(km_agreement_terminate(net, id, NULL), KM_EINVAL);
    assert_int_equal(km_agreement_suspend(net, id, "audit BPK"), 0);
    assert_int_equal(km_agreement_activate(net, id, NULL), KM_ESTATE); /* resume, not activate */
    assert_int_equal(km_agreement_resume(net, id, "audit selesai"), 0);
    assert_int_equal(km_agreement_resume(net, id, NULL), KM_ESTATE);
    assert_int_equal(fx_status(net, id), KM_AGREEMENT_ACTIVE);
    /* Expiry needs the end date to have passed. */
    id2 = fx_create(net, "R/2");
    assert_int_equal(fx_drive(net, id2, KM_AGREEMENT_ACTIVE), 0);
    {
        uint64_t n = 9;
        assert_int_equal(km_agreement_expire_due(&n, net, "2026-12-31"), 0);
        assert_int_equal(n, 0);
        assert_int_equal(km_agreement_expire_due(&n, net, "2027-13-01"), KM_EINVAL);
        assert_int_equal(km_agreement_expire_due(&n, net, "2027-01-01"), 0);
        assert_int_equal(n, 2);
    }
    assert_int_equal(fx_status(net, id), KM_AGREEMENT_EXPIRED);
    assert_int_equal(fx_status(net, id2), KM_AGREEMENT_EXPIRED);
    km_network_close(net);
}

static void test_signing(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "S/1"), seq;
    km_agreement *a = NULL;
    (void)state;
    assert_int_equal(km_agreement_sign(net, id, FX_GOV), KM_ESTATE); /* still a draft */
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    assert_int_equal(km_network_set_actor(net, "ID-NIB-8120000000001"), 0); /* the business */
    seq = km_network_seq(net);
    assert_int_equal(km_agreement_sign(net, id, FX_GOV), KM_EDENIED);
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(km_agreement_sign(net, id, FX_BIZ), 0);
    assert_int_equal(km_agreement_sign(net, id, FX_BIZ), KM_ESTATE);
    assert_int_equal(km_agreement_sign(net, id, FX_NGO), KM_ENOTFOUND);
    assert_int_equal(fx_status(net, id), KM_AGREEMENT_PROPOSED);
    assert_int_equal(km_network_set_actor(net, "ID-KEMENDAGRI-3273"), 0);
    assert_int_equal(km_agreement_sign(net, id, FX_GOV), 0);
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_SIGNED);
    assert_true(km_agreement_party_signed(a, 0) > 0);
    assert_true(km_agreement_party_signed(a, 1) > 0);
    km_agreement_free(a);
    /* Editing a proposal withdraws the signatures given. */
    id = fx_create(net, "S/2");
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    assert_int_equal(km_agreement_sign(net, id, FX_GOV), 0);
    assert_int_equal(km_agreement_add_party(net, id, FX_NGO, KM_ROLE_BENEFICIARY, NULL), 0);
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_true(km_agreement_party_signed(a, 0) == 0);
    km_agreement_free(a);
    /* An archived partner cannot sign. */
    assert_int_equal(km_network_set_actor(net, "admin:x"), 0);
    assert_int_equal(km_partner_archive(net, FX_NGO, "bubar"), 0);
    assert_int_equal(km_agreement_sign(net, id, FX_NGO), KM_ESTATE);
    km_network_close(net);
}

static void test_amendments(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "A/1");
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    km_agreement *a = NULL, *v1 = NULL;
    (void)state;
    f.title = "Judul baru";
    assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_TITLE), 0);
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_ACTIVE), 0);
    assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_TITLE), KM_ESTATE);
    f.title = "Judul adendum";
    f.value = 250000000;
    f.currency = "IDR";
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE | KM_AGREEMENT_F_VALUE, NULL), KM_EINVAL);
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_FRAMEWORK, "x"), KM_EINVAL);
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE | KM_AGREEMENT_F_VALUE, "Adendum I"), 0);
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "nothing"), KM_EINVAL); /* no change */
    assert_int_equal(km_agreement_add_party(net, id, FX_NGO, KM_ROLE_BENEFICIARY, NULL), KM_EINVAL);
    assert_int_equal(km_agreement_add_party(net, id, FX_NGO, KM_ROLE_BENEFICIARY, "Adendum II"), 0);
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_int_equal(km_agreement_version(a), 3);
    assert_int_equal(km_agreement_amendment_fields(a), KM_AGREEMENT_F_PARTIES);
    assert_string_equal(km_agreement_amendment_rationale(a), "Adendum II");
    assert_int_equal(km_agreement_party_count(a), 3);
    assert_true(km_agreement_party_signed(a, 2) > 0);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_ACTIVE);
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_version(&v1, net, id, 1), 0);
    assert_string_equal(km_agreement_title(v1), "Judul baru");
    assert_true(km_agreement_value(v1) == 100000000);
    assert_null(km_agreement_amendment_rationale(v1));
    assert_int_equal(km_agreement_get_version(&a, net, id, 2), 0);
    assert_string_equal(km_agreement_title(a), "Judul adendum");
    assert_int_equal(km_agreement_amendment_fields(a), KM_AGREEMENT_F_TITLE | KM_AGREEMENT_F_VALUE);
    assert_int_equal(km_agreement_party_count(a), 2);
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_version(&a, net, id, 4), KM_ENOTFOUND);
    assert_int_equal(km_agreement_get_version(&a, net, id, 0), KM_ENOTFOUND);
    assert_int_equal(km_agreement_remove_party(net, id, FX_NGO, "Adendum III"), 0);
    assert_int_equal(km_agreement_remove_party(net, id, FX_BIZ, "too few"), KM_EINVAL);
    assert_int_equal(fx_drive(net, fx_create(net, "A/2"), KM_AGREEMENT_COMPLETED), 0);
    assert_int_equal(km_agreement_amend(net, 2, &f, KM_AGREEMENT_F_TITLE, "late"), KM_ESTATE);
    km_network_close(net);
    /* The old version handle outlives the network. */
    assert_string_equal(km_agreement_title(v1), "Judul baru");
    km_agreement_free(v1);
}

/* Deterministic pseudo-random numbers for the query test. */
static uint64_t rng = 88172645463325252ULL;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void build_many(km_network *net, int n)
{
    static const char *const regions[] = { "32.73", "32.04", "31.71", "33" };
    static const char *const sectors[] = { "water", "health", "energy" };
    static const int types[] = { KM_AGREEMENT_MOU, KM_AGREEMENT_GRANT, KM_AGREEMENT_PPP, KM_AGREEMENT_LOAN,
                                 KM_AGREEMENT_COMMUNITY_PARTNERSHIP };
    int i;
    assert_int_equal(km_network_begin(net), 0);
    for (i = 0; i < n; i++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        uint64_t ids[2];
        uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
        char ref[32], start[11], end[11];
        const char *sec[1];
        uint64_t id;
        int y = 2020 + (int)(next_rand() % 5);
        snprintf(ref, sizeof ref, "Q/%d", i);
        snprintf(start, sizeof start, "%04d-01-01", y);
        snprintf(end, sizeof end, "%04d-06-30", y + 1 + (int)(next_rand() % 3));
        ids[0] = 1 + next_rand() % 4;
        ids[1] = 1 + (ids[0] % 4);
        sec[0] = sectors[next_rand() % 3];
        f.title = "Kerja sama";
        f.reference = ref;
        f.type = types[next_rand() % 5];
        f.region = regions[next_rand() % 4];
        f.sectors = sec;
        f.sectors_count = 1;
        f.start_date = start;
        f.end_date = end;
        f.value = (int64_t)(next_rand() % 1000000);
        f.currency = next_rand() % 4 ? "IDR" : "USD";
        f.party_ids = ids;
        f.party_roles = roles;
        f.parties_count = 2;
        assert_int_equal(km_agreement_create(&id, net, &f), 0);
        switch (next_rand() % 4) {
        case 0: break;
        case 1: assert_int_equal(km_agreement_cancel(net, id, "x"), 0); break;
        default:
            assert_int_equal(km_agreement_propose(net, id, NULL), 0);
            assert_int_equal(km_agreement_sign(net, id, ids[0]), 0);
            assert_int_equal(km_agreement_sign(net, id, ids[1]), 0);
            assert_int_equal(km_agreement_activate(net, id, NULL), 0);
        }
    }
    assert_int_equal(km_network_commit(net), 0);
}

static int brute_match(const km_agreement *a, const km_agreement_query *q)
{
    size_t i;
    int found = 0;
    if (q->type >= 0 && km_agreement_type_of(a) != q->type) return 0;
    if (q->family >= 0 && km_agreement_family_of(a) != q->family) return 0;
    if (q->status >= 0 && km_agreement_status_of(a) != q->status) return 0;
    if (q->party) {
        for (i = 0; i < km_agreement_party_count(a); i++) found |= km_agreement_party(a, i) == q->party;
        if (!found) return 0;
    }
    if (q->sector) {
        found = 0;
        for (i = 0; i < km_agreement_sector_count(a); i++) found |= strcmp(km_agreement_sector(a, i), q->sector) == 0;
        if (!found) return 0;
    }
    if (q->region_prefix) {
        const char *r = km_agreement_region(a);
        size_t n = strlen(q->region_prefix);
        if (!r || strncmp(r, q->region_prefix, n) != 0 || (r[n] && r[n] != '.')) return 0;
    }
    if (q->active_on) {
        int st = km_agreement_status_of(a);
        if (st == KM_AGREEMENT_DRAFT || st == KM_AGREEMENT_PROPOSED || st == KM_AGREEMENT_CANCELLED) return 0;
        if (strcmp(km_agreement_start_date(a), q->active_on) > 0 || strcmp(km_agreement_end_date(a), q->active_on) < 0)
            return 0;
    }
    if (q->expiring_from) {
        /* the test only uses windows inside one year */
        if (km_agreement_status_of(a) != KM_AGREEMENT_ACTIVE) return 0;
        if (strcmp(km_agreement_end_date(a), q->expiring_from) < 0 || strcmp(km_agreement_end_date(a), "2023-12-31") > 0)
            return 0;
    }
    return 1;
}

static void check_query(km_network *net, km_agreement_query *q, uint64_t total)
{
    uint64_t id, expect = 0, got = 0, count = 0;
    uint64_t *want = calloc(total + 1, sizeof *want);
    const char *cursor = NULL;
    char saved[64];
    assert_non_null(want);
    for (id = 1; id <= total; id++) {
        km_agreement *a = NULL;
        assert_int_equal(km_agreement_get(&a, net, id), 0);
        if (brute_match(a, q)) want[expect++] = id;
        km_agreement_free(a);
    }
    q->limit = 7;
    for (;;) {
        km_agreement_page *page = NULL;
        size_t i;
        q->cursor = cursor;
        assert_int_equal(km_agreement_list(&page, net, q), 0);
        for (i = 0; i < km_agreement_page_count(page); i++) {
            assert_true(got < expect);
            assert_int_equal(km_agreement_id(km_agreement_page_get(page, i)), want[got]);
            got++;
        }
        cursor = km_agreement_page_cursor(page);
        if (cursor) {
            snprintf(saved, sizeof saved, "%s", cursor);
            cursor = saved;
        }
        km_agreement_page_free(page);
        if (!cursor) break;
    }
    assert_int_equal(got, expect);
    assert_int_equal(km_agreement_count(&count, net, q), 0);
    assert_int_equal(count, expect);
    q->cursor = NULL;
    free(want);
}

static void test_queries(void **state)
{
    km_network *net = open_fx();
    km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
    km_agreement_page *page = NULL;
    int t;
    (void)state;
    build_many(net, 400);
    check_query(net, &q, 400);
    for (t = 0; t < KM_AGREEMENT_TYPE__COUNT; t++) {
        km_agreement_query qt = KM_AGREEMENT_QUERY_INIT;
        qt.type = t;
        check_query(net, &qt, 400);
    }
    q.party = FX_NGO;
    check_query(net, &q, 400);
    q.status = KM_AGREEMENT_ACTIVE;
    check_query(net, &q, 400);
    q.party = 0;
    q.status = -1;
    q.family = KM_FAMILY_NONPROFIT_GOVERNMENT;
    q.region_prefix = "32";
    check_query(net, &q, 400);
    q.sector = "water";
    check_query(net, &q, 400);
    q.family = -1;
    q.region_prefix = NULL;
    q.sector = NULL;
    q.active_on = "2022-03-15";
    check_query(net, &q, 400);
    q.active_on = NULL;
    q.expiring_from = "2023-01-01";
    q.expiring_days = 364;
    check_query(net, &q, 400);
    q.expiring_from = NULL;
    q.party = 77; /* no such partner: empty, not an error */
    check_query(net, &q, 400);
    q.party = 0;
    q.region_prefix = "3";
    assert_int_equal(km_agreement_list(&page, net, &q), KM_EINVAL);
    q.region_prefix = NULL;
    q.cursor = "p1:3";
    assert_int_equal(km_agreement_list(&page, net, &q), KM_EINVAL);
    q.cursor = NULL;
    q.limit = 1001;
    assert_int_equal(km_agreement_list(&page, net, &q), KM_EINVAL);
    assert_null(page);
    km_network_close(net);
}

static void test_totals(void **state)
{
    km_network *net = open_fx();
    int t;
    uint64_t id;
    (void)state;
    build_many(net, 200);
    for (t = 0; t < KM_AGREEMENT_TYPE__COUNT; t++) {
        int64_t v = -1, want = 0, want_active = 0;
        uint64_t c = 0, want_c = 0;
        for (id = 1; id <= 200; id++) {
            km_agreement *a = NULL;
            assert_int_equal(km_agreement_get(&a, net, id), 0);
            if (km_agreement_type_of(a) == t && strcmp(km_agreement_currency(a), "IDR") == 0) {
                if (km_agreement_status_of(a) != KM_AGREEMENT_CANCELLED) {
                    want += km_agreement_value(a);
                    want_c++;
                }
                if (km_agreement_status_of(a) == KM_AGREEMENT_ACTIVE) want_active += km_agreement_value(a);
            }
            km_agreement_free(a);
        }
        assert_int_equal(km_agreement_totals(&v, &c, net, t, "IDR", 0), 0);
        assert_true(v == want);
        assert_int_equal(c, want_c);
        assert_int_equal(km_agreement_totals(&v, NULL, net, t, "IDR", KM_AGREEMENT_STATUS_BIT(KM_AGREEMENT_ACTIVE)), 0);
        assert_true(v == want_active);
    }
    assert_int_equal(km_agreement_totals(NULL, NULL, net, 11, "IDR", 0), KM_EINVAL);
    assert_int_equal(km_agreement_totals(NULL, NULL, net, 0, "XXX", 0), KM_EINVAL);
    assert_int_equal(km_agreement_totals(NULL, NULL, net, 0, "IDR", 1u << 9), KM_EINVAL);
    {
        /* Overflowing the running total is refused, leaving it intact. */
        km_agreement_fields f;
        uint64_t ids[2];
        uint32_t roles[2];
        int64_t before = 0, after = 0;
        fx_fields(&f, "BIG/1", ids, roles);
        f.value = INT64_MAX;
        assert_int_equal(km_agreement_totals(&before, NULL, net, KM_AGREEMENT_PPP, "IDR", 0), 0);
        assert_int_equal(km_agreement_create(NULL, net, &f), before > 0 ? KM_ERANGE : 0);
        assert_int_equal(km_agreement_totals(&after, NULL, net, KM_AGREEMENT_PPP, "IDR", 0), 0);
        assert_true(before == after || before == 0);
    }
    km_network_close(net);
}

static void test_time_travel(void **state)
{
    km_storage *st = NULL;
    km_network *net, *past = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    uint64_t id, seq_draft;
    km_agreement *a = NULL;
    (void)state;
    assert_int_equal(km_storage_memory_new(&st, NULL), 0);
    o.clock = fx_clock;
    o.actor = "admin:tt";
    assert_int_equal(km_network_open(&net, st, &o), 0);
    fx_partners(net);
    id = fx_create(net, "TT/1");
    seq_draft = km_network_seq(net);
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_ACTIVE), 0);
    o.as_of_seq = seq_draft;
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(km_agreement_get(&a, past, id), 0);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_DRAFT);
    km_agreement_free(a);
    assert_int_equal(km_agreement_propose(past, id, NULL), KM_EREADONLY);
    km_network_close(past);
    o.as_of_seq = seq_draft + 3; /* proposed, and both signatures */
    assert_int_equal(km_network_open(&past, st, &o), 0);
    assert_int_equal(fx_status(past, id), KM_AGREEMENT_SIGNED);
    km_network_close(past);
    km_network_close(net);
    km_storage_free(st);
}

/* Two strings that may be NULL. */
static void same_str(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

/* Every field a reader of one version sees. */
static void same_version(const km_agreement *va, const km_agreement *vb)
{
    size_t i;
    assert_true(km_agreement_id(va) == km_agreement_id(vb));
    same_str(km_agreement_title(va), km_agreement_title(vb));
    same_str(km_agreement_reference(va), km_agreement_reference(vb));
    assert_int_equal(km_agreement_type_of(va), km_agreement_type_of(vb));
    same_str(km_agreement_purpose(va), km_agreement_purpose(vb));
    assert_int_equal(km_agreement_sector_count(va), km_agreement_sector_count(vb));
    for (i = 0; i < km_agreement_sector_count(va); i++)
        same_str(km_agreement_sector(va, i), km_agreement_sector(vb, i));
    same_str(km_agreement_region(va), km_agreement_region(vb));
    same_str(km_agreement_start_date(va), km_agreement_start_date(vb));
    same_str(km_agreement_end_date(va), km_agreement_end_date(vb));
    assert_true(km_agreement_value(va) == km_agreement_value(vb));
    same_str(km_agreement_currency(va), km_agreement_currency(vb));
    assert_true(km_agreement_framework_id(va) == km_agreement_framework_id(vb));
    assert_int_equal(km_agreement_framework_version(va), km_agreement_framework_version(vb));
    assert_int_equal(km_agreement_dimensions(va), km_agreement_dimensions(vb));
    assert_int_equal(km_agreement_status_of(va), km_agreement_status_of(vb));
    same_str(km_agreement_status_reason(va), km_agreement_status_reason(vb));
    same_str(km_agreement_override(va), km_agreement_override(vb));
    assert_int_equal(km_agreement_version(va), km_agreement_version(vb));
    same_str(km_agreement_amendment_rationale(va), km_agreement_amendment_rationale(vb));
    assert_int_equal(km_agreement_amendment_fields(va), km_agreement_amendment_fields(vb));
    assert_true(km_agreement_created(va) == km_agreement_created(vb));
    assert_true(km_agreement_updated(va) == km_agreement_updated(vb));
    assert_true(km_agreement_version_time(va) == km_agreement_version_time(vb));
    assert_int_equal(km_agreement_party_count(va), km_agreement_party_count(vb));
    for (i = 0; i < km_agreement_party_count(va); i++) {
        assert_int_equal(km_agreement_party(va, i), km_agreement_party(vb, i));
        assert_int_equal(km_agreement_party_roles(va, i), km_agreement_party_roles(vb, i));
        assert_true(km_agreement_party_signed(va, i) == km_agreement_party_signed(vb, i));
    }
    assert_int_equal(km_agreement_document_count(va), km_agreement_document_count(vb));
    for (i = 0; i < km_agreement_document_count(va); i++) {
        same_str(km_agreement_document_uri(va, i), km_agreement_document_uri(vb, i));
        same_str(km_agreement_document_sha256(va, i), km_agreement_document_sha256(vb, i));
    }
}

/* Compares every agreement field of two networks, every version, and the
 * milestones and risks. */
static void same_state(km_network *x, km_network *y)
{
    km_network_stats sx = KM_NETWORK_STATS_INIT, sy = KM_NETWORK_STATS_INIT;
    uint64_t id;
    assert_int_equal(km_network_stats_get(&sx, x), 0);
    assert_int_equal(km_network_stats_get(&sy, y), 0);
    assert_int_equal(sx.agreements, sy.agreements);
    assert_int_equal(sx.frameworks, sy.frameworks);
    for (id = 1; id <= sx.agreements; id++) {
        km_agreement *a = NULL, *b = NULL;
        uint32_t v;
        size_t i;
        km_milestones *ma = NULL, *mb = NULL;
        km_risks *ra = NULL, *rb = NULL;
        assert_int_equal(km_agreement_get(&a, x, id), 0);
        assert_int_equal(km_agreement_get(&b, y, id), 0);
        same_version(a, b);
        for (v = 1; v <= km_agreement_version(a); v++) {
            km_agreement *va = NULL, *vb = NULL;
            assert_int_equal(km_agreement_get_version(&va, x, id, v), 0);
            assert_int_equal(km_agreement_get_version(&vb, y, id, v), 0);
            same_version(va, vb);
            km_agreement_free(va);
            km_agreement_free(vb);
        }
        assert_int_equal(km_milestone_list(&ma, x, id), 0);
        assert_int_equal(km_milestone_list(&mb, y, id), 0);
        assert_int_equal(km_milestones_count(ma), km_milestones_count(mb));
        for (i = 0; i < km_milestones_count(ma); i++) {
            assert_int_equal(km_milestones_number(ma, i), km_milestones_number(mb, i));
            assert_int_equal(km_milestones_type(ma, i), km_milestones_type(mb, i));
            assert_string_equal(km_milestones_title(ma, i), km_milestones_title(mb, i));
            same_str(km_milestones_due_date(ma, i), km_milestones_due_date(mb, i));
            assert_int_equal(km_milestones_status(ma, i), km_milestones_status(mb, i));
            same_str(km_milestones_date_met(ma, i), km_milestones_date_met(mb, i));
        }
        assert_int_equal(km_risk_list(&ra, x, id), 0);
        assert_int_equal(km_risk_list(&rb, y, id), 0);
        assert_int_equal(km_risks_count(ra), km_risks_count(rb));
        for (i = 0; i < km_risks_count(ra); i++) {
            assert_int_equal(km_risks_number(ra, i), km_risks_number(rb, i));
            assert_int_equal(km_risks_category(ra, i), km_risks_category(rb, i));
            assert_int_equal(km_risks_allocation(ra, i), km_risks_allocation(rb, i));
            same_str(km_risks_mitigation(ra, i), km_risks_mitigation(rb, i));
        }
        km_milestones_free(ma);
        km_milestones_free(mb);
        km_risks_free(ra);
        km_risks_free(rb);
        km_agreement_free(a);
        km_agreement_free(b);
    }
}

static void populate(km_network *net)
{
    km_framework_spec *spec = NULL;
    km_milestone_fields mf = KM_MILESTONE_FIELDS_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    const char *uri[1] = { "https://jdih.example.go.id/pks-1.pdf" };
    const char *sha[1] = { "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
    uint64_t id;
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 tentang KPBU", "LN 2015/62"), 0);
    assert_int_equal(km_framework_spec_allow_type(spec, KM_AGREEMENT_PPP), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    assert_int_equal(km_framework_amend(net, 1, spec, "revisi"), 0);
    km_framework_spec_free(spec);
    id = fx_create(net, "SN/1");
    f.framework_id = 1;
    f.document_uris = uri;
    f.document_sha256 = sha;
    f.documents_count = 1;
    f.dimensions = KM_DIMENSION_BIT(KM_DIMENSION_IMPACT) | KM_DIMENSION_BIT(KM_DIMENSION_PUBLIC_TRUST);
    assert_int_equal(km_agreement_update(net, id, &f,
                                         KM_AGREEMENT_F_FRAMEWORK | KM_AGREEMENT_F_DOCUMENTS | KM_AGREEMENT_F_DIMENSIONS),
                     0);
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_ACTIVE), 0);
    f.title = "Adendum";
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "adendum I"), 0);
    mf.type = KM_MILESTONE_FINANCIAL_CLOSE;
    mf.title = "Financial close";
    mf.due_date = "2024-06-30";
    assert_int_equal(km_milestone_add(NULL, net, id, &mf), 0);
    assert_int_equal(km_milestone_set_status(net, id, 1, KM_MILESTONE_MET, "2024-06-01"), 0);
    assert_int_equal(km_risk_add(NULL, net, id, KM_RISK_LAND, KM_RISK_PUBLIC, "Pengadaan lahan oleh pemda"), 0);
    assert_int_equal(fx_drive(net, fx_create(net, "SN/2"), KM_AGREEMENT_CANCELLED), 0);
    fx_create(net, "SN/3");
}

static void test_snapshot_roundtrip(void **state)
{
    char path[512];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL, *snap = NULL, *full = NULL;
    (void)state;
    store_path(path, sizeof path, "agreement-snap");
    remove_store(path);
    o.clock = fx_clock;
    o.actor = "admin:snap";
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    fx_partners(net);
    populate(net);
    assert_int_equal(km_network_snapshot(net), 0);
    fx_create(net, "SN/4"); /* after the snapshot: replayed on top */
    km_network_close(net);
    assert_int_equal(km_network_open_file(&snap, path, NULL, &o), 0);
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&full, path, NULL, &o), 0);
    same_state(snap, full);
    km_test_expect_same_state(snap, full);
    {
        uint64_t c = 0;
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        q.party = FX_GOV;
        assert_int_equal(km_agreement_count(&c, snap, &q), 0);
        assert_int_equal(c, 4);
        q.party = 0;
        q.framework_id = 1;
        assert_int_equal(km_agreement_count(&c, snap, &q), 0);
        assert_int_equal(c, 1);
    }
    km_network_close(snap);
    km_network_close(full);
    remove_store(path);
}

/* Runs op under an allocator that fails the N-th allocation, for every N,
 * until it succeeds: each failure is KM_ENOMEM and leaves the log as it was. */
static void oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg)
{
    long n;
    for (n = 1; n < 100000; n++) {
        uint64_t seq = km_network_seq(net);
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0) return;
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        assert_int_equal(km_network_seq(net), seq);
    }
    fail_msg("never succeeded");
}

static int op_create(km_network *net, int i)
{
    char ref[16];
    km_agreement_fields f;
    uint64_t ids[2];
    uint32_t roles[2];
    snprintf(ref, sizeof ref, "OOM/%d", i);
    fx_fields(&f, ref, ids, roles);
    f.framework_id = 1;
    return km_agreement_create(NULL, net, &f);
}
static int op_propose(km_network *net, int id) { return km_agreement_propose(net, (uint64_t)id, NULL); }
static int op_sign_gov(km_network *net, int id) { return km_agreement_sign(net, (uint64_t)id, FX_GOV); }
static int op_sign_biz(km_network *net, int id) { return km_agreement_sign(net, (uint64_t)id, FX_BIZ); }
static int op_activate(km_network *net, int id) { return km_agreement_activate(net, (uint64_t)id, "ok"); }
static int op_amend(km_network *net, int id)
{
    return km_agreement_add_party(net, (uint64_t)id, FX_NGO, KM_ROLE_BENEFICIARY, "Adendum");
}
static int op_milestone(km_network *net, int id)
{
    km_milestone_fields mf = KM_MILESTONE_FIELDS_INIT;
    mf.type = KM_MILESTONE_PAYMENT;
    mf.title = "Termin 1";
    mf.due_date = "2024-03-01";
    return km_milestone_add(NULL, net, (uint64_t)id, &mf);
}
static int op_milestone_met(km_network *net, int id)
{
    return km_milestone_set_status(net, (uint64_t)id, 1, KM_MILESTONE_MET, "2024-02-01");
}
static int op_risk(km_network *net, int id)
{
    return km_risk_add(NULL, net, (uint64_t)id, KM_RISK_CONSTRUCTION, KM_RISK_PRIVATE, "Asuransi konstruksi");
}
static int op_framework(km_network *net, int i)
{
    km_framework_spec *spec = NULL;
    int rc;
    (void)i;
    if (km_framework_spec_new(&spec, "Permendagri 22/2020", NULL) != 0) return KM_ENOMEM;
    km_framework_spec_require_role(spec, KM_ROLE_PUBLIC_AUTHORITY, 0);
    km_framework_spec_add_incentive(spec, KM_INCENTIVE_TAX, 0, "water", "32", 0);
    rc = i ? km_framework_amend(net, 1, spec, "v2") : km_framework_create(NULL, net, spec);
    km_framework_spec_free(spec);
    return rc;
}
static int op_expire(km_network *net, int i)
{
    uint64_t n = 0;
    (void)i;
    return km_agreement_expire_due(&n, net, "2030-01-01");
}
static int op_snapshot_check(km_network *net, int id)
{
    km_check *c = NULL;
    int rc = km_agreement_check(&c, net, (uint64_t)id);
    km_check_free(c);
    return rc;
}
static int op_list(km_network *net, int i)
{
    km_agreement_page *p = NULL;
    km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
    int rc;
    q.party = (uint64_t)i;
    rc = km_agreement_list(&p, net, &q);
    km_agreement_page_free(p);
    return rc;
}

/* The agreements of partners 1..n_partners, listed by pages of 3 and
 * counted: what a host sees of the party index. */
static void party_digest(km_network *net, uint64_t n_partners, char *out, size_t cap)
{
    size_t o = 0;
    uint64_t p;
    out[0] = '\0';
    for (p = FX_GOV; p <= n_partners; p++) {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        char cursor[64];
        uint64_t c = 0;
        q.party = p;
        q.limit = 3;
        o += (size_t)snprintf(out + o, cap - o, "p%llu:", (unsigned long long)p);
        for (;;) {
            km_agreement_page *page = NULL;
            size_t i;
            assert_int_equal(km_agreement_list(&page, net, &q), 0);
            for (i = 0; i < km_agreement_page_count(page); i++)
                o += (size_t)snprintf(out + o, cap - o, "%llu,",
                                      (unsigned long long)km_agreement_id(km_agreement_page_get(page, i)));
            if (!km_agreement_page_cursor(page)) {
                km_agreement_page_free(page);
                break;
            }
            snprintf(cursor, sizeof cursor, "%s", km_agreement_page_cursor(page));
            km_agreement_page_free(page);
            q.cursor = cursor;
        }
        assert_int_equal(km_agreement_count(&c, net, &q), 0);
        o += (size_t)snprintf(out + o, cap - o, "#%llu\n", (unsigned long long)c);
        assert_true(o < cap);
    }
}

/* Creates the fixture's agreement with reference PREFIX/i and second party
 * `second` (the first is the government). */
static int create_with(km_network *net, const char *prefix, int i, uint64_t second)
{
    char ref[32];
    km_agreement_fields f;
    uint64_t ids[2];
    uint32_t roles[2];
    snprintf(ref, sizeof ref, "%s/%d", prefix, i);
    fx_fields(&f, ref, ids, roles);
    ids[1] = second;
    return km_agreement_create(NULL, net, &f);
}

/* 40 creations in one transaction, whose parties wait for the commit or
 * the first use of the party index (km__agr_party_flush): a listing by
 * party at the 25th flushes the first 25, a proposal of one of them at the
 * 30th the next 5, the commit the rest. Parties rotate over the fixture's
 * four partners. */
static int op_bulk(km_network *net, int base)
{
    int i, rc;
    if ((rc = km_network_begin(net)) != 0) return rc;
    for (i = 0; i < 40; i++) {
        rc = create_with(net, "BULK", i, (uint64_t)(FX_BIZ + i % 3)); /* BIZ, NGO or COMMUNITY */
        if (rc == 0 && i == 24) {
            km_agreement_page *page = NULL;
            km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
            q.party = FX_COMMUNITY;
            q.limit = 1000;
            rc = km_agreement_list(&page, net, &q);
            if (rc == 0) assert_int_equal(km_agreement_page_count(page), 8); /* i = 2, 5, ..., 23 */
            km_agreement_page_free(page);
        }
        if (rc == 0 && i == 29) rc = km_agreement_propose(net, (uint64_t)base + 3, NULL);
        if (rc) {
            assert_int_equal(km_network_rollback(net), 0);
            return rc;
        }
    }
    rc = km_network_commit(net);
    if (rc) assert_int_equal(km_network_rollback(net), KM_ESTATE); /* a failed commit closed it */
    return rc;
}

/* Runs op under an allocator failing the N-th allocation, for every N,
 * until it succeeds: each failure is KM_ENOMEM and leaves the log and the
 * party listings of partners 1..n_partners as they were, and a success
 * hides no refused allocation. The digest after success goes to out. */
static long party_oom_loop(km_test_alloc *ta, km_network *net, int (*op)(km_network *, int), int arg,
                           uint64_t n_partners, char *out, size_t cap)
{
    static char before[16384];
    long n;
    party_digest(net, n_partners, before, sizeof before);
    for (n = 1; n < 100000; n++) {
        uint64_t seq = km_network_seq(net);
        int rc;
        km_test_alloc_fail_at(ta, n);
        rc = op(net, arg);
        if (rc == 0) assert_int_equal(ta->failures, 0);
        km_test_alloc_fail_at(ta, -1);
        if (rc == 0) break;
        if (rc != KM_ENOMEM) fail_msg("step %ld: %d %s", n, rc, km_error_last_message(KM_LANG_EN));
        assert_int_equal(km_network_seq(net), seq);
        party_digest(net, n_partners, out, cap);
        assert_string_equal(out, before);
    }
    assert_true(n < 100000);
    party_digest(net, n_partners, out, cap);
    return n - 1;
}

static void test_oom_bulk(void **state)
{
    km_test_alloc ta;
    km_network *net;
    char after[4096];
    (void)state;
    km_test_alloc_init(&ta);
    net = fx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    fx_partners(net);
    fx_create(net, "BASE/1"); /* GOV and BIZ */
    (void)party_oom_loop(&ta, net, op_bulk, 1, FX_COMMUNITY, after, sizeof after);
    assert_string_equal(after, "p1:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,"
                               "33,34,35,36,37,38,39,40,41,#41\n"
                               "p2:1,2,5,8,11,14,17,20,23,26,29,32,35,38,41,#15\n"
                               "p3:3,6,9,12,15,18,21,24,27,30,33,36,39,#13\n"
                               "p4:4,7,10,13,16,19,22,25,28,31,34,37,40,#13\n");
    assert_int_equal(fx_status(net, 4), KM_AGREEMENT_PROPOSED);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* 24 partners: the fixture's four and 20 businesses. */
static void many_partners(km_network *net)
{
    int i;
    fx_partners(net);
    for (i = 5; i <= 24; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[32], ext[32];
        snprintf(name, sizeof name, "PT Mitra %d", i);
        snprintf(ext, sizeof ext, "ID-NIB-RND-%d", i);
        f.name = name;
        f.external_id = ext;
        f.kind = KM_PARTNER_PRIVATE_BUSINESS;
        assert_int_equal(km_partner_create(NULL, net, &f), 0);
    }
}

/* Random creations (two parties out of 24 partners), proposals and
 * queries by party inside transactions that commit or roll back, every
 * listing and count compared with a scan of every agreement's parties:
 * new agreements' parties wait for a flush, and each reader must flush or
 * only want what a flush cannot change. */
static void check_parties(km_network *net, uint64_t n_partners)
{
    uint64_t p, id, n = 0;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    assert_int_equal(km_network_stats_get(&st, net), 0);
    n = st.agreements;
    for (p = 1; p <= n_partners; p++) {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        km_agreement_page *page = NULL;
        uint64_t want[256], c = 0;
        size_t nw = 0, i;
        for (id = 1; id <= n; id++) {
            km_agreement *a = NULL;
            assert_int_equal(km_agreement_get(&a, net, id), 0);
            for (i = 0; i < km_agreement_party_count(a); i++)
                if (km_agreement_party(a, i) == p) {
                    assert_true(nw < 256);
                    want[nw++] = id;
                }
            km_agreement_free(a);
        }
        q.party = p;
        q.limit = 1000;
        assert_int_equal(km_agreement_list(&page, net, &q), 0);
        assert_int_equal(km_agreement_page_count(page), nw);
        for (i = 0; i < nw; i++) assert_int_equal(km_agreement_id(km_agreement_page_get(page, i)), want[i]);
        km_agreement_page_free(page);
        assert_int_equal(km_agreement_count(&c, net, &q), 0);
        assert_int_equal(c, nw);
    }
}

static void test_party_index_in_transactions(void **state)
{
    km_network *net = fx_open(NULL);
    uint64_t made = 0, round, k;
    (void)state;
    assert_non_null(net);
    many_partners(net);
    rng = 88172645463325252ULL;
    for (round = 0; round < 10; round++) {
        uint64_t batch = 10 + next_rand() % 30;
        assert_int_equal(km_network_begin(net), 0);
        for (k = 0; k < batch; k++) {
            char ref[32];
            km_agreement_fields f;
            uint64_t ids[2];
            uint32_t roles[2];
            snprintf(ref, sizeof ref, "RND/%llu/%llu", (unsigned long long)round, (unsigned long long)k);
            fx_fields(&f, ref, ids, roles);
            ids[1] = 2 + next_rand() % 23; /* BIZ or one of 5..24, or NGO or COMMUNITY */
            assert_int_equal(km_agreement_create(NULL, net, &f), 0);
            if (next_rand() % 6 == 0) { /* a draft, often one of this transaction */
                uint64_t id = 1 + next_rand() % (made + k + 1);
                if (fx_status(net, id) == KM_AGREEMENT_DRAFT) assert_int_equal(km_agreement_propose(net, id, NULL), 0);
            }
            if (next_rand() % 5 == 0) { /* a draft's second party changes: sets move, and must move back */
                uint64_t id = next_rand() % 2 ? made + k + 1 : 1 + next_rand() % (made + k + 1);
                fx_fields(&f, ref, ids, roles);
                ids[1] = 2 + next_rand() % 23;
                if (fx_status(net, id) == KM_AGREEMENT_DRAFT)
                    assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_PARTIES), 0);
            }
            if (next_rand() % 25 == 0) check_parties(net, 24);
        }
        if (next_rand() % 2 == 0) { /* often with agreements still waiting for their flush */
            assert_int_equal(km_network_rollback(net), 0);
        } else {
            check_parties(net, 24);
            assert_int_equal(km_network_commit(net), 0);
            made += batch;
        }
        check_parties(net, 24);
    }
    assert_true(made > 0);
    km_network_close(net);
}

/* 300 creations in one transaction: 600 (party, agreement) pairs, three
 * windows of the party flush at the commit, with sets growing past their
 * first arrays along the way. */
static int op_bulk_windows(km_network *net, int unused)
{
    int i, rc;
    (void)unused;
    if ((rc = km_network_begin(net)) != 0) return rc;
    for (i = 0; i < 300; i++) {
        if ((rc = create_with(net, "WIN", i, (uint64_t)(2 + (i * 7) % 23))) != 0) {
            assert_int_equal(km_network_rollback(net), 0);
            return rc;
        }
    }
    rc = km_network_commit(net);
    if (rc) assert_int_equal(km_network_rollback(net), KM_ESTATE);
    return rc;
}

static void test_oom_bulk_windows(void **state)
{
    km_test_alloc ta;
    km_network *net, *ref;
    static char after[16384], want[16384];
    long n;
    (void)state;
    ref = fx_open(NULL); /* the same changes without a failure */
    assert_non_null(ref);
    many_partners(ref);
    assert_int_equal(op_bulk_windows(ref, 0), 0);
    party_digest(ref, 24, want, sizeof want);
    km_network_close(ref);
    km_test_alloc_init(&ta);
    net = fx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    many_partners(net);
    n = party_oom_loop(&ta, net, op_bulk_windows, 0, 24, after, sizeof after);
    /* Fewer than a first run allocates: what failed runs grew, the undo
     * keeps (capacity is never given back), as it must for undo to be
     * allocation-free. */
    print_message("300 creations in one transaction: %ld failure points\n", n);
    assert_string_equal(after, want);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

static void test_oom(void **state)
{
    km_test_alloc ta;
    km_network *net;
    (void)state;
    km_test_alloc_init(&ta);
    net = fx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    fx_partners(net);
    oom_loop(&ta, net, op_framework, 0);
    oom_loop(&ta, net, op_framework, 1);
    oom_loop(&ta, net, op_create, 1);
    oom_loop(&ta, net, op_create, 2);
    oom_loop(&ta, net, op_propose, 1);
    oom_loop(&ta, net, op_sign_gov, 1);
    oom_loop(&ta, net, op_sign_biz, 1);
    oom_loop(&ta, net, op_activate, 1);
    oom_loop(&ta, net, op_amend, 1);
    oom_loop(&ta, net, op_milestone, 1);
    oom_loop(&ta, net, op_milestone_met, 1);
    oom_loop(&ta, net, op_risk, 1);
    oom_loop(&ta, net, op_snapshot_check, 1);
    oom_loop(&ta, net, op_list, FX_GOV);
    oom_loop(&ta, net, op_expire, 0);
    assert_int_equal(fx_status(net, 1), KM_AGREEMENT_EXPIRED);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

static void test_audit_lifecycle(void **state)
{
    km_network *net = open_fx();
    uint64_t id = fx_create(net, "AU/1");
    km_audit *au = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    static const char *const ops[] = { "agreement.create", "agreement.transition", "agreement.sign", "agreement.sign",
                                       "agreement.transition", "agreement.transition", "agreement.transition" };
    size_t i;
    (void)state;
    assert_int_equal(fx_drive(net, id, KM_AGREEMENT_SUSPENDED), 0);
    assert_int_equal(km_agreement_terminate(net, id, "pelanggaran kontrak"), 0);
    q.entity = KM_ENTITY_AGREEMENT;
    q.entity_id = id;
    assert_int_equal(km_audit_list(&au, net, &q), 0);
    assert_int_equal(km_audit_count(au), 7);
    for (i = 0; i < 7; i++) {
        assert_string_equal(km_audit_operation(au, i), ops[i]);
        assert_string_equal(km_audit_actor(au, i), "admin:test");
        assert_true(km_audit_time(au, i) > 0);
    }
    assert_non_null(strstr(km_audit_data_json(au, 6), "\"reason\":\"pelanggaran kontrak\""));
    assert_non_null(strstr(km_audit_data_json(au, 6), "\"status\":6"));
    assert_non_null(strstr(km_audit_data_json(au, 2), "\"partner_id\":1"));
    km_audit_free(au);
    assert_string_equal(km_entity_label(KM_ENTITY_AGREEMENT, KM_LANG_ID), "perjanjian");
    assert_string_equal(km_entity_label(KM_ENTITY_FRAMEWORK, KM_LANG_EN), "policy framework");
    km_network_close(net);
}

static void test_labels(void **state)
{
    int i;
    (void)state;
    for (i = 0; i < KM_AGREEMENT_TYPE__COUNT; i++) {
        assert_string_not_equal(km_agreement_type_label(i, KM_LANG_ID), "?");
        assert_true(km_agreement_type_family(i) >= 0);
    }
    assert_int_equal(km_agreement_type_family(KM_AGREEMENT_PPP), KM_FAMILY_PUBLIC_PRIVATE);
    assert_int_equal(km_agreement_type_family(KM_AGREEMENT_GRANT), KM_FAMILY_NONPROFIT_GOVERNMENT);
    assert_int_equal(km_agreement_type_family(KM_AGREEMENT_COMMUNITY_PARTNERSHIP), KM_FAMILY_COMMUNITY_GOVERNMENT);
    assert_int_equal(km_agreement_type_family(KM_AGREEMENT_INTERNATIONAL_COOPERATION), KM_FAMILY_INTERNATIONAL);
    assert_int_equal(km_agreement_type_family(11), -1);
    assert_string_equal(km_agreement_status_label(KM_AGREEMENT_EXPIRED, KM_LANG_ID), "kedaluwarsa");
    assert_string_equal(km_role_label(KM_ROLE_GUARANTOR, KM_LANG_EN), "guarantor");
    assert_string_equal(km_role_label(3, KM_LANG_EN), "?");
    assert_int_equal(km_role_iati(KM_ROLE_IMPLEMENTING), 4);
    assert_int_equal(km_role_iati(KM_ROLE_FUNDING), 1);
    assert_int_equal(km_role_iati(KM_ROLE_BENEFICIARY), -1);
    assert_string_equal(km_family_label(KM_FAMILY_INTERNATIONAL, KM_LANG_EN), "International");
    assert_string_equal(km_dimension_label(KM_DIMENSION_PUBLIC_TRUST, KM_LANG_ID), "kepercayaan publik");
    assert_string_equal(km_incentive_label(KM_INCENTIVE_VIABILITY_GAP_FUNDING, KM_LANG_EN), "viability gap funding");
}

/* The record keeps parties as an array of 4-byte ids and one of 2-byte
 * role masks, then (once a party signs) the signing times from the next
 * multiple of 8, then documents and sector pointers, and the end date as a
 * string of the offset table: every count of parties up to the limit,
 * odd ones included (padding before the signing times), with every role
 * bit (the ninth, KM_ROLE_GUARANTOR, needs the second byte), documents,
 * sectors and an end date, read back before and after a signature. */
static void check_layout(km_network *net, uint64_t id, size_t n, const uint64_t *ids, const uint32_t *roles, int signed0)
{
    km_agreement *a = NULL;
    size_t i;
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_int_equal(km_agreement_party_count(a), n);
    for (i = 0; i < n; i++) {
        assert_int_equal(km_agreement_party(a, i), ids[i]);
        assert_int_equal(km_agreement_party_roles(a, i), roles[i]);
        if (i == 0 && signed0) assert_true(km_agreement_party_signed(a, i) > 0);
        else assert_int_equal(km_agreement_party_signed(a, i), 0);
    }
    assert_string_equal(km_agreement_start_date(a), "2024-02-29");
    assert_string_equal(km_agreement_end_date(a), "2031-12-31");
    assert_int_equal(km_agreement_document_count(a), 2);
    assert_string_equal(km_agreement_document_uri(a, 1), "https://example.go.id/b.pdf");
    assert_string_equal(km_agreement_document_sha256(a, 0),
                        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assert_int_equal(km_agreement_sector_count(a), 3);
    assert_string_equal(km_agreement_sector(a, 2), "water");
    assert_string_equal(km_agreement_title(a), "Layout");
    km_agreement_free(a);
}

static void test_record_layout(void **state)
{
    static const size_t counts[] = { 1, 2, 3, 5, 7, KM_AGREEMENT_PARTIES_MAX };
    static const char *const sectors[] = { "health", "education", "water" };
    static const char *const uris[] = { "https://example.go.id/a.pdf", "https://example.go.id/b.pdf" };
    static const char *const shas[] = { "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210" };
    km_network *net = open_fx();
    uint64_t ids[KM_AGREEMENT_PARTIES_MAX], id;
    uint32_t roles[KM_AGREEMENT_PARTIES_MAX];
    size_t k, i;
    char ref[32], ext[32], name[48];
    (void)state;
    for (i = 5; i <= KM_AGREEMENT_PARTIES_MAX; i++) {
        km_partner_fields pf = KM_PARTNER_FIELDS_INIT;
        snprintf(ext, sizeof ext, "ID-NIB-77%011zu", i);
        snprintf(name, sizeof name, "Mitra Tata Letak %zu", i);
        pf.name = name;
        pf.external_id = ext;
        pf.kind = KM_PARTNER_PRIVATE_BUSINESS;
        assert_int_equal(km_partner_create(&id, net, &pf), 0);
        assert_int_equal(id, i);
    }
    for (k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        size_t n = counts[k];
        for (i = 0; i < n; i++) {
            ids[i] = i == 0 ? FX_GOV : KM_AGREEMENT_PARTIES_MAX + 1 - i; /* descending after the first */
            roles[i] = i == 0 ? KM_ROLE_ALL : (uint32_t)((i * 37 + 1) & KM_ROLE_ALL) | KM_ROLE_GUARANTOR;
        }
        snprintf(ref, sizeof ref, "LAYOUT/%zu", n);
        f.title = "Layout";
        f.reference = ref;
        f.start_date = "2024-02-29";
        f.end_date = "2031-12-31";
        f.sectors = sectors;
        f.sectors_count = 3;
        f.party_ids = ids;
        f.party_roles = roles;
        f.parties_count = n;
        f.document_uris = uris;
        f.document_sha256 = shas;
        f.documents_count = 2;
        assert_int_equal(km_agreement_create(&id, net, &f), 0);
        check_layout(net, id, n, ids, roles, 0);
        if (n < 2) continue; /* a proposal needs two parties */
        assert_int_equal(km_agreement_propose(net, id, NULL), 0);
        assert_int_equal(km_network_set_actor(net, "ID-KEMENDAGRI-3273"), 0);
        assert_int_equal(km_agreement_sign(net, id, FX_GOV), 0);
        assert_int_equal(km_network_set_actor(net, NULL), 0);
        check_layout(net, id, n, ids, roles, 1);
    }
    km_network_close(net);
}

/* What a version reads for each optional field: the purpose, region,
 * end date and framework id as set (NULL or 0 when not). */
typedef struct opt_view {
    const char *purpose, *region, *end;
    uint64_t framework;
    const char *start; /* NULL: none */
    uint32_t dimensions;
} opt_view;

static void check_opts(km_network *net, uint64_t id, const opt_view *want, const char *title)
{
    km_agreement *a = NULL;
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    assert_string_equal(km_agreement_title(a), title);
    if (want->start) assert_string_equal(km_agreement_start_date(a), want->start);
    else assert_null(km_agreement_start_date(a));
    assert_int_equal(km_agreement_dimensions(a), want->dimensions);
    if (want->purpose) assert_string_equal(km_agreement_purpose(a), want->purpose);
    else assert_null(km_agreement_purpose(a));
    if (want->region) assert_string_equal(km_agreement_region(a), want->region);
    else assert_null(km_agreement_region(a));
    if (want->end) assert_string_equal(km_agreement_end_date(a), want->end);
    else assert_null(km_agreement_end_date(a));
    assert_int_equal(km_agreement_framework_id(a), want->framework);
    assert_int_equal(km_agreement_party(a, 1), FX_BIZ);
    km_agreement_free(a);
}

/* Each optional field alone, none, and all together (a record keeps the
 * rarer ones in a block of its own, present only when one is set; the
 * dimensions share a byte with the flags saying so; the start date is a
 * day whose text the network keeps): each reads back as set and the
 * others as unset, after an edit of the title, after reopening from the
 * log and from a snapshot, and from a handle after the network is
 * closed. */
static void test_optional_fields_alone(void **state)
{
    static const opt_view views[] = {
        { NULL, NULL, NULL, 0, "2024-01-01", 0 },
        { "Penyediaan air minum", NULL, NULL, 0, "2024-01-01", 0 },
        { NULL, "32.73", NULL, 0, "2024-01-01", KM_DIMENSION_BIT(KM_DIMENSION_IMPACT) },
        { NULL, NULL, "2026-12-31", 0, "2024-01-01", 0 },
        { NULL, NULL, NULL, 1, "2024-01-01", KM_DIMENSION_ALL },
        { NULL, NULL, NULL, 0, NULL, 0 },
        { NULL, NULL, NULL, 0, NULL, KM_DIMENSION_ALL },
        { "Penyediaan air minum", "32.73", "9999-12-31", 1, "0001-01-01", KM_DIMENSION_ALL },
        { "Penyediaan air minum", "32.73", "2026-12-31", 1, "2024-01-01", KM_DIMENSION_BIT(KM_DIMENSION_PUBLIC_TRUST) },
    };
    km_agreement *kept = NULL;
    const size_t n = sizeof views / sizeof views[0];
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_framework_spec *spec = NULL;
    km_storage *store = NULL;
    km_network *net = NULL;
    size_t i, pass;
    char ref[32];
    (void)state;
    o.clock = fx_clock;
    o.actor = "admin:test";
    assert_int_equal(km_storage_memory_new(&store, NULL), 0);
    assert_int_equal(km_network_open(&net, store, &o), 0);
    fx_partners(net);
    assert_int_equal(km_framework_spec_new(&spec, "Perpres 38/2015 tentang KPBU", "LN 2015/62"), 0);
    assert_int_equal(km_framework_spec_allow_type(spec, KM_AGREEMENT_PPP), 0);
    assert_int_equal(km_framework_create(NULL, net, spec), 0);
    km_framework_spec_free(spec);
    for (i = 0; i < n; i++) {
        km_agreement_fields f;
        uint64_t ids[2], id = 0;
        uint32_t roles[2];
        snprintf(ref, sizeof ref, "OPT/%zu", i);
        fx_fields(&f, ref, ids, roles);
        f.purpose = views[i].purpose;
        f.region = views[i].region;
        f.end_date = views[i].end;
        f.framework_id = views[i].framework;
        f.start_date = views[i].start;
        f.dimensions = views[i].dimensions;
        assert_int_equal(km_agreement_create(&id, net, &f), 0);
        assert_int_equal(id, i + 1);
        check_opts(net, id, &views[i], "SPAM Regional Bandung Raya");
        f = (km_agreement_fields)KM_AGREEMENT_FIELDS_INIT;
        f.title = "Judul Diperbarui";
        assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_TITLE), 0);
        check_opts(net, id, &views[i], "Judul Diperbarui");
    }
    for (pass = 0; pass < 2; pass++) { /* replay the log, then load a snapshot */
        if (pass == 1) assert_int_equal(km_network_snapshot(net), 0);
        km_network_close(net);
        assert_int_equal(km_network_open(&net, store, &o), 0);
        for (i = 0; i < n; i++) check_opts(net, i + 1, &views[i], "Judul Diperbarui");
    }
    assert_int_equal(km_agreement_get(&kept, net, n), 0);
    km_network_close(net);
    assert_string_equal(km_agreement_start_date(kept), views[n - 1].start);
    assert_int_equal(km_agreement_dimensions(kept), views[n - 1].dimensions);
    km_agreement_free(kept);
    km_storage_free(store);
}

/* A creation taken back with the milestone and the risk added to it in
 * its transaction: their extras go with it (nothing is left allocated
 * once the network closes). */
static void test_extras_of_a_creation_taken_back(void **state)
{
    km_test_alloc ta;
    km_network *net;
    km_milestone_fields m = KM_MILESTONE_FIELDS_INIT;
    km_milestones *ms = NULL;
    km_agreement_fields f;
    uint64_t ids[2], id = 0;
    uint32_t roles[2];
    (void)state;
    km_test_alloc_init(&ta);
    net = fx_open(km_test_alloc_get(&ta));
    assert_non_null(net);
    fx_partners(net);
    m.title = "Serah terima aset";
    m.due_date = "2026-06-30";
    fx_fields(&f, "TMP/1", ids, roles);
    f.type = KM_AGREEMENT_PPP;
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_agreement_create(&id, net, &f), 0);
    assert_int_equal(km_milestone_add(NULL, net, id, &m), 0);
    assert_int_equal(km_risk_add(NULL, net, id, 0, 0, "mitigasi bersama"), 0);
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(km_milestone_list(&ms, net, id), KM_ENOTFOUND);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_get),
        cmocka_unit_test(test_record_layout),
        cmocka_unit_test(test_optional_fields_alone),
        cmocka_unit_test(test_extras_of_a_creation_taken_back),
        cmocka_unit_test(test_transition_table),
        cmocka_unit_test(test_transition_rules),
        cmocka_unit_test(test_signing),
        cmocka_unit_test(test_amendments),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_totals),
        cmocka_unit_test(test_time_travel),
        cmocka_unit_test(test_snapshot_roundtrip),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_oom_bulk),
        cmocka_unit_test(test_oom_bulk_windows),
        cmocka_unit_test(test_party_index_in_transactions),
        cmocka_unit_test(test_audit_lifecycle),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
