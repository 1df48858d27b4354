/* Out-of-memory loops in the style of SQLite's malloc tests: for each
 * operation, fail the N-th allocation (and every later one) for N = 1, 2,
 * 3, ... until the operation succeeds. Every failing run must return
 * KM_ENOMEM with km_error_last() agreeing, hand back no half-built output
 * and leave the observable state exactly as before (sequence, head hash,
 * statistics, every partner's fields, list and count results, the audit
 * trail); when everything is closed the allocator must hold no block. The
 * allocator (tests/support/failalloc.h) is given to the network and to the
 * memory store, so storage appends fail too. Refresh is the exception the
 * API documents: it applies entries one at a time, so a failure leaves an
 * exact prefix of the log applied (checked against time-travel views). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "support/failalloc.h"
#include "support/expect.h"

#define T0 INT64_C(1767225600000000)
#define SEC INT64_C(1000000)

/* ---- fixture ------------------------------------------------------------------- */

typedef struct env {
    km_test_alloc ta;
    km_storage *store;
    km_network *net;
    int64_t now;
    int last_err;     /* km_error_last() right after the failing call */
    long loops[128];   /* N values each loop went through, for the summary */
    const char *names[128];
    size_t nloops;
} env;

static env g_env;

static int64_t env_clock(void *payload) { return ((env *)payload)->now; }

static km_network_options env_options(env *e)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.allocator = km_test_alloc_get(&e->ta);
    o.clock = env_clock;
    o.clock_payload = e;
    o.actor = "petugas";
    return o;
}

static int group_setup(void **state)
{
    memset(&g_env, 0, sizeof g_env);
    *state = &g_env;
    return 0;
}

static int group_teardown(void **state)
{
    env *e = (env *)*state;
    size_t i;
    print_message("out-of-memory loops (N values tried, the last one succeeding):\n");
    for (i = 0; i < e->nloops; i++) print_message("  %-36s %ld\n", e->names[i], e->loops[i]);
    return 0;
}

static int env_setup(void **state)
{
    env *e = &g_env;
    km_network_options o;
    *state = e;
    km_test_alloc_init(&e->ta);
    e->now = T0;
    e->store = NULL;
    e->net = NULL;
    if (km_storage_memory_new(&e->store, km_test_alloc_get(&e->ta)) != 0) return -1;
    o = env_options(e);
    return km_network_open(&e->net, e->store, &o) == 0 ? 0 : -1;
}

static int env_teardown(void **state)
{
    env *e = (env *)*state;
    km_network_close(e->net);
    km_storage_free(e->store);
    e->net = NULL;
    e->store = NULL;
    /* Nothing leaked, whatever failed along the way. */
    if (e->ta.live != 0 || e->ta.live_bytes != 0) {
        print_error("leak: %ld blocks, %lu bytes\n", e->ta.live, (unsigned long)e->ta.live_bytes);
        return -1;
    }
    return 0;
}

/* ---- state digest ---------------------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int w;
    for (;;) {
        size_t room = b->cap - b->n;
        va_start(ap, fmt);
        w = vsnprintf(b->p ? b->p + b->n : NULL, room, fmt, ap);
        va_end(ap);
        assert_true(w >= 0);
        if ((size_t)w < room) {
            b->n += (size_t)w;
            return;
        }
        b->cap = (b->cap + (size_t)w + 1) * 2;
        b->p = (char *)realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
}

static void sb_str(sbuf *b, const char *s) { sb_printf(b, "%s|", s ? s : "<null>"); }

static const char *const QUERY_SECTORS[] = { NULL, "pangan", "energi", "digital" };
static const char *const QUERY_REGIONS[] = { NULL, "32", "32.73", "34", "34.02" };
static const char *const QUERY_NAMES[] = { NULL, "desa", "BANDUNG", "baru" };

static void digest_query(sbuf *b, km_network *net, const km_partner_query *q0)
{
    km_partner_query q = *q0;
    char cursor[64];
    uint64_t count = 0;
    q.limit = 2;
    sb_printf(b, "[");
    for (;;) {
        km_partner_page *page = NULL;
        size_t i;
        EXPECT_OK(km_partner_list(&page, net, &q));
        for (i = 0; i < km_partner_page_count(page); i++)
            sb_printf(b, "%llu,", (unsigned long long)km_partner_id(km_partner_page_get(page, i)));
        if (!km_partner_page_cursor(page)) {
            km_partner_page_free(page);
            break;
        }
        snprintf(cursor, sizeof cursor, "%s", km_partner_page_cursor(page));
        km_partner_page_free(page);
        q.cursor = cursor;
    }
    EXPECT_OK(km_partner_count(&count, net, q0));
    sb_printf(b, "]#%llu\n", (unsigned long long)count);
}

/* Everything a host can observe through the API, as text. */
static char *digest(env *e, km_network *net)
{
    sbuf b = { NULL, 0, 0 };
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_audit *a = NULL;
    char head[65];
    uint64_t id;
    size_t i, s, r, nm;
    long saved = e->ta.fail_at;
    assert_int_equal(saved, -1); /* never digest with faults armed */

    EXPECT_OK(km_network_head_hash(head, net));
    EXPECT_OK(km_network_stats_get(&st, net));
    sb_printf(&b, "seq=%llu head=%s actor=%s\n", (unsigned long long)km_network_seq(net), head, km_network_actor(net));
    sb_printf(&b, "stats %llu %llu %llu %llu %llu %llu %llu\n", (unsigned long long)st.log_entries,
              (unsigned long long)st.log_events, (unsigned long long)st.log_bytes, (unsigned long long)st.partners,
              (unsigned long long)st.partners_active, (unsigned long long)st.partners_suspended,
              (unsigned long long)st.partners_archived);
    for (id = 1; id <= st.partners; id++) {
        km_partner *p = NULL, *q = NULL;
        EXPECT_OK(km_partner_get(&p, net, id));
        EXPECT_OK(km_partner_get_by_external_id(&q, net, km_partner_external_id(p)));
        assert_int_equal(km_partner_id(q), id);
        km_partner_free(q);
        sb_printf(&b, "p%llu|", (unsigned long long)id);
        sb_str(&b, km_partner_name(p));
        sb_str(&b, km_partner_external_id(p));
        sb_printf(&b, "%d|", km_partner_kind_of(p));
        sb_str(&b, km_partner_region(p));
        sb_str(&b, km_partner_email(p));
        sb_str(&b, km_partner_phone(p));
        sb_str(&b, km_partner_website(p));
        sb_printf(&b, "%d|", km_partner_status_of(p));
        sb_str(&b, km_partner_status_reason(p));
        sb_printf(&b, "%lld|%lld|%u|", (long long)km_partner_created(p), (long long)km_partner_updated(p),
                  (unsigned)km_partner_version(p));
        for (i = 0; i < km_partner_sector_count(p); i++) sb_printf(&b, "s:%s,", km_partner_sector(p, i));
        for (i = 0; i < km_partner_capability_count(p); i++) sb_printf(&b, "c:%s,", km_partner_capability(p, i));
        for (i = 0; i < km_partner_need_count(p); i++) sb_printf(&b, "n:%s,", km_partner_need(p, i));
        sb_printf(&b, "\n");
        km_partner_free(p);
    }
    for (s = 0; s < sizeof QUERY_SECTORS / sizeof QUERY_SECTORS[0]; s++)
        for (r = 0; r < sizeof QUERY_REGIONS / sizeof QUERY_REGIONS[0]; r++)
            for (nm = 0; nm < sizeof QUERY_NAMES / sizeof QUERY_NAMES[0]; nm++) {
                km_partner_query q = KM_PARTNER_QUERY_INIT;
                q.sector = QUERY_SECTORS[s];
                q.region_prefix = QUERY_REGIONS[r];
                q.name_contains = QUERY_NAMES[nm];
                digest_query(&b, net, &q);
            }
    {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        q.status = KM_PARTNER_SUSPENDED;
        digest_query(&b, net, &q);
        q.status = KM_PARTNER_ACTIVE;
        q.kind = KM_PARTNER_COMMUNITY;
        digest_query(&b, net, &q);
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        q.capability = "pendanaan";
        digest_query(&b, net, &q);
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        q.need = "modal";
        digest_query(&b, net, &q);
    }
    EXPECT_OK(km_audit_list(&a, net, NULL));
    for (i = 0; i < km_audit_count(a); i++)
        sb_printf(&b, "a%llu %s %s %s\n", (unsigned long long)km_audit_seq(a, i), km_audit_actor(a, i),
                  km_audit_operation(a, i), km_audit_data_json(a, i));
    km_audit_free(a);
    return b.p;
}

/* ---- the loop ----------------------------------------------------------------------- */

typedef int (*op_fn)(env *e, void *arg);

/* Runs op with the N-th allocation failing for N = 1, 2, ... until it
 * succeeds; checks every failure. Returns the number of N values tried. */
static long oom_loop(env *e, const char *name, op_fn op, void *arg)
{
    char *before = digest(e, e->net);
    long n;
    for (n = 1;; n++) {
        long failures;
        int rc;
        e->last_err = 0;
        km_test_alloc_fail_at(&e->ta, n);
        rc = op(e, arg);
        failures = e->ta.failures;
        km_test_alloc_fail_at(&e->ta, -1);
        if (rc == 0) {
            /* Success must not hide a refused allocation. */
            if (failures != 0) fail_msg("%s: N=%ld succeeded after %ld refused allocations", name, n, failures);
            break;
        }
        if (rc != KM_ENOMEM || e->last_err != KM_ENOMEM)
            fail_msg("%s: N=%ld returned %d (last error %d): %s", name, n, rc, e->last_err,
                     km_error_last_message(KM_LANG_EN));
        assert_true(failures > 0);
        {
            char *after = digest(e, e->net);
            if (strcmp(before, after) != 0) {
                print_error("%s: N=%ld changed the state\n--- before\n%s--- after\n%s", name, n, before, after);
                fail();
            }
            free(after);
        }
        if (n > 100000) fail_msg("%s: no end", name);
    }
    free(before);
    assert_true(e->nloops < sizeof e->loops / sizeof e->loops[0]);
    e->names[e->nloops] = name;
    e->loops[e->nloops++] = n;
    return n;
}

/* Records the error right after the failing call, before any clean-up call
 * clears it. */
static int note(env *e, int rc)
{
    if (rc) e->last_err = km_error_last();
    return rc;
}

/* ---- base state ------------------------------------------------------------------------ */

static const char *const S_PANGAN_AIR[] = { "pangan", "air" };
static const char *const S_PANGAN[] = { "pangan" };
static const char *const S_KOTA[] = { "tata-kota" };
static const char *const C_PELATIHAN[] = { "pelatihan" };
static const char *const C_DANA[] = { "pendanaan" };
static const char *const N_MODAL[] = { "modal" };
static const char *const N_PASAR[] = { "pasar" };

static void populate(env *e)
{
    km_network *net = e->net;
    km_partner_fields f;
    km_network_stats st = KM_NETWORK_STATS_INIT;

    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "Koperasi Désa Maju";
    f.external_id = "ID-NIB-1";
    f.kind = KM_PARTNER_COMMUNITY;
    f.region = "32.73.01";
    f.email = "info@desa.id";
    f.sectors = S_PANGAN_AIR;
    f.sectors_count = 2;
    f.capabilities = C_PELATIHAN;
    f.capabilities_count = 1;
    f.needs = N_MODAL;
    f.needs_count = 1;
    e->now = T0 + 1 * SEC;
    EXPECT_OK(km_partner_create(NULL, net, &f));

    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "Pemkot Bandung";
    f.external_id = "ID-KEMENDAGRI-3273";
    f.kind = KM_PARTNER_REGIONAL_GOVERNMENT;
    f.region = "32.73";
    f.website = "https://bandung.go.id";
    f.sectors = S_KOTA;
    f.sectors_count = 1;
    e->now = T0 + 2 * SEC;
    EXPECT_OK(km_partner_create(NULL, net, &f));

    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "Desa Wangi";
    f.external_id = "ID-NIB-3";
    f.kind = KM_PARTNER_COMMUNITY;
    f.region = "32.04";
    f.sectors = S_PANGAN;
    f.sectors_count = 1;
    f.needs = N_PASAR;
    f.needs_count = 1;
    EXPECT_OK(km_partner_create(NULL, net, &f));

    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "Yayasan Cahaya";
    f.external_id = "ID-AHU-4";
    f.kind = KM_PARTNER_FOUNDATION;
    f.region = "31.71";
    f.capabilities = C_DANA;
    f.capabilities_count = 1;
    EXPECT_OK(km_partner_create(NULL, net, &f));

    e->now = T0 + 3 * SEC;
    EXPECT_OK(km_network_begin(net));
    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "PT Tani Bandung";
    f.external_id = "ID-NIB-5";
    f.kind = KM_PARTNER_PRIVATE_BUSINESS;
    f.region = "33";
    f.phone = "+62 22 1234567";
    f.sectors = S_PANGAN;
    f.sectors_count = 1;
    f.capabilities = C_DANA;
    f.capabilities_count = 1;
    f.needs = N_MODAL;
    f.needs_count = 1;
    EXPECT_OK(km_partner_create(NULL, net, &f));
    f = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    f.name = "Koperasi Désa Maju Bersama";
    EXPECT_OK(km_partner_update(net, 1, &f, KM_PARTNER_F_NAME));
    EXPECT_OK(km_network_commit(net));
    e->now = T0 + 4 * SEC;
    EXPECT_OK(km_partner_set_status(net, 4, KM_PARTNER_SUSPENDED, "verifikasi"));
    EXPECT_OK(km_network_stats_get(&st, net));
    assert_int_equal(st.partners, 5);
    e->now = T0 + 10 * SEC;
}

static void append_n(km_network *net, env *e, int n, int first)
{
    int i;
    for (i = 0; i < n; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        static const char *const sect[] = { "digital", "pangan" };
        char name[32], ext[32];
        snprintf(name, sizeof name, "Mitra Desa %d", first + i);
        snprintf(ext, sizeof ext, "ID-GEN-%d", first + i);
        f.name = name;
        f.external_id = ext;
        f.kind = (first + i) % KM_PARTNER_KIND__COUNT;
        f.region = (i % 2) ? "34.02" : "32.73.01.1001";
        f.sectors = sect;
        f.sectors_count = (size_t)(i % 3);
        e->now += SEC;
        EXPECT_OK(km_partner_create(NULL, net, &f));
        if (i % 4 == 3) {
            km_partner_fields up = KM_PARTNER_FIELDS_INIT;
            up.name = "Mitra Baru";
            e->now += SEC;
            EXPECT_OK(km_partner_update(net, 1, &up, KM_PARTNER_F_NAME));
        }
    }
}

/* ---- operations ---------------------------------------------------------------------------- */

static const char *const NEW_SECT[] = { "energi", "digital", "pangan" };
static const char *const NEW_CAPS[] = { "riset-terapan" };
static const char *const NEW_NEEDS[] = { "lahan", "modal" };

static int op_create(env *e, void *arg)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    uint64_t id = 0;
    int rc;
    (void)arg;
    f.name = "Koperasi Energi Baru";
    f.external_id = "ID-NIB-600";
    f.kind = KM_PARTNER_COMMUNITY;
    f.region = "34.02.03.2001";
    f.email = "energi@baru.id";
    f.phone = "0812345678";
    f.website = "https://energi.baru.id";
    f.sectors = NEW_SECT;
    f.sectors_count = 3;
    f.capabilities = NEW_CAPS;
    f.capabilities_count = 1;
    f.needs = NEW_NEEDS;
    f.needs_count = 2;
    rc = note(e, km_partner_create(&id, e->net, &f));
    if (rc) assert_int_equal(id, 0);
    else assert_int_equal(id, 6);
    return rc;
}

static void test_oom_create(void **state)
{
    env *e = (env *)*state;
    km_partner *p = NULL;
    populate(e);
    oom_loop(e, "partner create", op_create, NULL);
    EXPECT_OK(km_partner_get(&p, e->net, 6));
    assert_string_equal(km_partner_region(p), "34.02.03.2001");
    assert_int_equal(km_partner_sector_count(p), 3);
    assert_string_equal(km_partner_need(p, 1), "modal");
    km_partner_free(p);
    assert_int_equal(km_network_seq(e->net), 7);
}

static int op_update(env *e, void *arg)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    (void)arg;
    f.sectors = NEW_SECT;
    f.sectors_count = 3;
    f.capabilities = NEW_CAPS;
    f.capabilities_count = 1;
    f.needs = NEW_NEEDS;
    f.needs_count = 2;
    f.region = "34.02";
    f.name = "Koperasi Energi Bandung";
    return note(e, km_partner_update(e->net, 1, &f,
                                     KM_PARTNER_F_SECTORS | KM_PARTNER_F_CAPABILITIES | KM_PARTNER_F_NEEDS |
                                         KM_PARTNER_F_REGION | KM_PARTNER_F_NAME));
}

static void test_oom_update(void **state)
{
    env *e = (env *)*state;
    km_partner *p = NULL;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    uint64_t n = 0;
    populate(e);
    oom_loop(e, "partner update (tags, region)", op_update, NULL);
    EXPECT_OK(km_partner_get(&p, e->net, 1));
    assert_string_equal(km_partner_region(p), "34.02");
    assert_string_equal(km_partner_sector(p, 0), "energi");
    assert_int_equal(km_partner_version(p), 3);
    km_partner_free(p);
    q.region_prefix = "32.73";
    EXPECT_OK(km_partner_count(&n, e->net, &q));
    assert_int_equal(n, 1); /* only Pemkot Bandung is left there */
}

static int op_status(env *e, void *arg)
{
    (void)arg;
    return note(e, km_partner_set_status(e->net, 2, KM_PARTNER_ARCHIVED, "dilebur"));
}

static int op_reactivate(env *e, void *arg)
{
    (void)arg;
    return note(e, km_partner_set_status(e->net, 4, KM_PARTNER_ACTIVE, NULL));
}

static void test_oom_status(void **state)
{
    env *e = (env *)*state;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    populate(e);
    oom_loop(e, "partner status (archive)", op_status, NULL);
    oom_loop(e, "partner status (reactivate)", op_reactivate, NULL);
    EXPECT_OK(km_network_stats_get(&st, e->net));
    assert_int_equal(st.partners_archived, 1);
    assert_int_equal(st.partners_suspended, 0);
    assert_int_equal(st.partners_active, 4);
}

typedef struct txn_arg {
    uint64_t base;
} txn_arg;

static int op_txn(env *e, void *arg)
{
    txn_arg *t = (txn_arg *)arg;
    int i, rc;
    rc = note(e, km_network_begin(e->net));
    if (rc) return rc;
    for (i = 0; i < 3; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        km_network_stats st = KM_NETWORK_STATS_INIT;
        static const char *const names[] = { "Satu Transaksi", "Dua Transaksi", "Tiga Transaksi" };
        static const char *const exts[] = { "ID-TX-1", "ID-TX-2", "ID-TX-3" };
        static const char *const regions[] = { "35.01", "35.02.01", "32.73" };
        f.name = names[i];
        f.external_id = exts[i];
        f.kind = KM_PARTNER_NGO;
        f.region = regions[i];
        f.sectors = NEW_SECT + i;
        f.sectors_count = 1;
        rc = note(e, km_partner_create(NULL, e->net, &f));
        if (rc) {
            /* The earlier changes of the transaction are still there. */
            EXPECT_OK(km_network_stats_get(&st, e->net));
            assert_int_equal(st.partners, t->base + (uint64_t)i);
            EXPECT_OK(km_network_rollback(e->net));
            return rc;
        }
    }
    /* A failed commit rolls back and closes the transaction itself. */
    rc = note(e, km_network_commit(e->net));
    if (rc) assert_int_equal(km_network_rollback(e->net), KM_ESTATE);
    return rc;
}

static void test_oom_transaction(void **state)
{
    env *e = (env *)*state;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_audit *a = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    txn_arg t;
    populate(e);
    t.base = 5;
    oom_loop(e, "transaction: 3 creates + commit", op_txn, &t);
    EXPECT_OK(km_network_stats_get(&st, e->net));
    assert_int_equal(st.partners, 8);
    assert_int_equal(st.log_entries, 7);
    assert_int_equal(st.log_events, 8 + 1 + 1);
    q.from_seq = 7;
    EXPECT_OK(km_audit_list(&a, e->net, &q));
    assert_int_equal(km_audit_count(a), 3);
    assert_int_equal(km_audit_seq(a, 0), 7);
    assert_int_equal(km_audit_seq(a, 2), 7);
    km_audit_free(a);
}

/* A bulk transaction: 50 creations, whose index memberships wait for the
 * commit or for the first use of the indexes (km__partner_index_flush):
 * an update of one of them indexes the 20 before it in bulk, a count
 * inside the transaction the next 10 one by one, and the commit the last
 * 20 in bulk again. Half of them bring region keys never seen before. */
static int op_bulk_txn(env *e, void *arg)
{
    int i, rc;
    (void)arg;
    if ((rc = note(e, km_network_begin(e->net))) != 0) return rc;
    for (i = 0; i < 50; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[32], ext[32], region[32];
        snprintf(name, sizeof name, "Mitra Impor %d", i);
        snprintf(ext, sizeof ext, "ID-IMPOR-%d", i);
        snprintf(region, sizeof region, (i % 2) ? "36.%02d" : "32.73", i);
        f.name = name;
        f.external_id = ext;
        f.kind = (km_partner_kind)(i % 3);
        f.region = region;
        f.sectors = NEW_SECT + i % 3;
        f.sectors_count = 1;
        rc = note(e, km_partner_create(NULL, e->net, &f));
        if (rc == 0 && i == 19) {
            km_partner_fields up = KM_PARTNER_FIELDS_INIT;
            const char *const moved[] = { "energi" };
            up.region = "36.99";
            up.sectors = moved;
            up.sectors_count = 1;
            rc = note(e, km_partner_update(e->net, 8, &up, KM_PARTNER_F_REGION | KM_PARTNER_F_SECTORS));
        }
        if (rc == 0 && i == 29) {
            km_partner_query q = KM_PARTNER_QUERY_INIT;
            uint64_t n = 0;
            q.region_prefix = "36";
            rc = note(e, km_partner_count(&n, e->net, &q));
            if (rc == 0) assert_int_equal(n, 15 + 1); /* 15 odd ones so far, and partner 8 moved there */
        }
        if (rc) {
            EXPECT_OK(km_network_rollback(e->net));
            return rc;
        }
    }
    rc = note(e, km_network_commit(e->net));
    if (rc) assert_int_equal(km_network_rollback(e->net), KM_ESTATE);
    return rc;
}

static void test_oom_bulk_transaction(void **state)
{
    env *e = (env *)*state;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    uint64_t n = 0;
    populate(e);
    oom_loop(e, "bulk transaction: 50 creates, an update, a count, commit", op_bulk_txn, NULL);
    q.region_prefix = "36";
    EXPECT_OK(km_partner_count(&n, e->net, &q));
    assert_int_equal(n, 25 + 1);
    q.region_prefix = "32.73";
    q.sector = "energi";
    EXPECT_OK(km_partner_count(&n, e->net, &q));
    assert_int_equal(n, 9); /* i = 0, 6, ..., 48 */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.region_prefix = "36.99";
    EXPECT_OK(km_partner_count(&n, e->net, &q));
    assert_int_equal(n, 1);
}

typedef struct list_arg {
    km_partner_query q;
    char expect[2048];
} list_arg;

static void page_text(const km_partner_page *page, char *out, size_t cap)
{
    size_t i, o = 0;
    out[0] = '\0';
    for (i = 0; i < km_partner_page_count(page); i++) {
        o += (size_t)snprintf(out + o, cap - o, "%llu:%s,", (unsigned long long)km_partner_id(km_partner_page_get(page, i)),
                              km_partner_name(km_partner_page_get(page, i)));
        assert_true(o < cap);
    }
    o += (size_t)snprintf(out + o, cap - o, "cursor=%s", km_partner_page_cursor(page) ? km_partner_page_cursor(page) : "-");
    assert_true(o < cap);
}

static int op_list(env *e, void *arg)
{
    list_arg *l = (list_arg *)arg;
    km_partner_page *page = (km_partner_page *)l;
    char got[2048];
    int rc = note(e, km_partner_list(&page, e->net, &l->q));
    if (rc) {
        assert_null(page);
        return rc;
    }
    page_text(page, got, sizeof got);
    assert_string_equal(got, l->expect);
    km_partner_page_free(page);
    return 0;
}

typedef struct count_arg {
    km_partner_query q;
    uint64_t expect;
} count_arg;

static int op_count(env *e, void *arg)
{
    count_arg *c = (count_arg *)arg;
    uint64_t n = 77;
    int rc = note(e, km_partner_count(&n, e->net, &c->q));
    if (rc) {
        assert_int_equal(n, 0);
        return rc;
    }
    assert_int_equal(n, c->expect);
    return 0;
}

static void test_oom_list_count(void **state)
{
    env *e = (env *)*state;
    list_arg l;
    count_arg c;
    populate(e);
    append_n(e->net, e, 12, 100);

    memset(&l, 0, sizeof l);
    l.q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    l.q.sector = "pangan";
    l.q.region_prefix = "32";
    l.q.name_contains = "DESA";
    l.q.limit = 2;
    /* Partner 1 was renamed "Mitra Baru" by append_n; generated partners
     * 8, 11, 14 and 17 have "pangan", of which 8 and 14 lie in 32.73.01.1001. */
    snprintf(l.expect, sizeof l.expect, "%s", "3:Desa Wangi,8:Mitra Desa 102,cursor=p1:8");
    oom_loop(e, "list (sector+region+name, page 1)", op_list, &l);
    /* The next page, through the cursor. */
    l.q.cursor = "p1:8";
    snprintf(l.expect, sizeof l.expect, "%s", "14:Mitra Desa 108,cursor=-");
    oom_loop(e, "list (page 2 by cursor)", op_list, &l);
    l.q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    l.q.limit = 1000;
    {
        km_partner_page *page = NULL;
        EXPECT_OK(km_partner_list(&page, e->net, &l.q));
        page_text(page, l.expect, sizeof l.expect);
        assert_int_equal(km_partner_page_count(page), 17);
        km_partner_page_free(page);
    }
    oom_loop(e, "list (everything, limit 1000)", op_list, &l);

    memset(&c, 0, sizeof c);
    c.q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    c.q.name_contains = "désa";
    EXPECT_OK(km_partner_count(&c.expect, e->net, &c.q));
    assert_true(c.expect >= 10);
    oom_loop(e, "count (name filter)", op_count, &c);
    c.q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    c.q.sector = "pangan";
    c.q.region_prefix = "32.73";
    EXPECT_OK(km_partner_count(&c.expect, e->net, &c.q));
    assert_true(c.expect >= 2);
    oom_loop(e, "count (index filters only)", op_count, &c);
}

static int op_get(env *e, void *arg)
{
    km_partner *p = (km_partner *)arg, *q = (km_partner *)arg;
    int rc = note(e, km_partner_get(&p, e->net, 3));
    if (rc) {
        assert_null(p);
        return rc;
    }
    rc = note(e, km_partner_get_by_external_id(&q, e->net, "ID-AHU-4"));
    if (rc) {
        km_partner_free(p);
        assert_null(q);
        return rc;
    }
    assert_string_equal(km_partner_name(p), "Desa Wangi");
    assert_string_equal(km_partner_name(q), "Yayasan Cahaya");
    km_partner_free(p);
    km_partner_free(q);
    return 0;
}

typedef struct audit_arg {
    km_audit_query q;
    size_t count;
    char first[512];
} audit_arg;

static int op_audit(env *e, void *arg)
{
    audit_arg *a = (audit_arg *)arg;
    km_audit *l = (km_audit *)arg;
    int rc = note(e, km_audit_list(&l, e->net, &a->q));
    if (rc) {
        assert_null(l);
        return rc;
    }
    assert_int_equal(km_audit_count(l), a->count);
    assert_string_equal(km_audit_data_json(l, 0), a->first);
    km_audit_free(l);
    return 0;
}

static int op_verify(env *e, void *arg)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    char head[65];
    int rc;
    (void)arg;
    rc = note(e, km_network_verify(&r, e->net));
    if (rc) return rc;
    assert_int_equal(r.entries, km_network_seq(e->net));
    EXPECT_OK(km_network_head_hash(head, e->net));
    rc = note(e, km_storage_verify(&r, e->store, head, 0));
    if (rc) return rc;
    assert_string_equal(r.head_hash, head);
    return 0;
}

static void test_oom_reads(void **state)
{
    env *e = (env *)*state;
    audit_arg a;
    populate(e);
    append_n(e->net, e, 6, 200);

    oom_loop(e, "get + get_by_external_id", op_get, NULL);

    memset(&a, 0, sizeof a);
    a.q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    a.q.entity = KM_ENTITY_PARTNER;
    a.q.entity_id = 1;
    a.count = 3; /* create, rename in the transaction, rename by append_n */
    snprintf(a.first, sizeof a.first, "%s",
             "{\"name\":\"Koperasi D\xC3\xA9sa Maju\",\"external_id\":\"ID-NIB-1\",\"kind\":8,"
             "\"region\":\"32.73.01\",\"email\":\"info@desa.id\",\"sectors\":[\"pangan\",\"air\"],"
             "\"capabilities\":[\"pelatihan\"],\"needs\":[\"modal\"]}");
    oom_loop(e, "audit list (entity filter)", op_audit, &a);
    a.q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    a.q.actor = "petugas";
    a.q.since = T0 + 3 * SEC;
    a.q.limit = 2;
    a.count = 2;
    snprintf(a.first, sizeof a.first, "%s",
             "{\"name\":\"PT Tani Bandung\",\"external_id\":\"ID-NIB-5\",\"kind\":4,\"region\":\"33\","
             "\"phone\":\"+62 22 1234567\",\"sectors\":[\"pangan\"],\"capabilities\":[\"pendanaan\"],"
             "\"needs\":[\"modal\"]}");
    oom_loop(e, "audit list (actor, since, limit)", op_audit, &a);

    oom_loop(e, "verify (network and storage)", op_verify, NULL);
}

/* Many creates and updates in a row, each under its own fault loop, so
 * that every growth step of the id array, the external-id map, the id sets
 * and the postings meets a failing allocation somewhere. */
static const char *const GROW_TAGS[] = { "t-a", "t-b", "t-c", "t-d", "t-e", "t-f", "t-g", "t-h", "t-i", "t-j" };
static const char *const GROW_REGIONS[] = { "11", "12.01", "13.02.03", "14.04.05.1234", "32.73.01.1001" };

static int op_create_k(env *e, void *arg)
{
    unsigned k = *(const unsigned *)arg;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[32], ext[32];
    uint64_t id = 0;
    int rc;
    snprintf(name, sizeof name, "Tumbuh %u", k);
    snprintf(ext, sizeof ext, "ID-GROW-%u", k);
    f.name = name;
    f.external_id = ext;
    f.kind = (int)(k % KM_PARTNER_KIND__COUNT);
    f.region = GROW_REGIONS[k % 5];
    f.sectors = GROW_TAGS + (k % 7);
    f.sectors_count = 1 + k % 3;
    f.capabilities = GROW_TAGS + (k * 3 % 8);
    f.capabilities_count = 2;
    f.needs = GROW_TAGS + (k % 10);
    f.needs_count = k % 2;
    rc = note(e, km_partner_create(&id, e->net, &f));
    if (rc == 0) assert_int_equal(id, 5 + k + 1);
    return rc;
}

static int op_update_k(env *e, void *arg)
{
    unsigned k = *(const unsigned *)arg;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char ext[32];
    snprintf(ext, sizeof ext, "ID-REGROW-%u", k);
    f.external_id = ext;
    f.region = GROW_REGIONS[(k + 2) % 5];
    f.sectors = GROW_TAGS + ((k + 3) % 8);
    f.sectors_count = 2;
    f.needs = GROW_TAGS;
    f.needs_count = 1 + k % 9;
    f.kind = (int)((k + 5) % KM_PARTNER_KIND__COUNT);
    return note(e, km_partner_update(e->net, 6 + k, &f,
                                     KM_PARTNER_F_EXTERNAL_ID | KM_PARTNER_F_REGION | KM_PARTNER_F_SECTORS |
                                         KM_PARTNER_F_NEEDS | KM_PARTNER_F_KIND));
}

static void test_oom_growth(void **state)
{
    env *e = (env *)*state;
    long total;
    unsigned k;
    size_t mark;
    populate(e);
    mark = e->nloops;
    for (k = 0; k < 40; k++) oom_loop(e, "create #k", op_create_k, &k);
    for (total = 0; e->nloops > mark; ) total += e->loops[--e->nloops];
    e->names[e->nloops] = "40 creates in a row (sum)";
    e->loops[e->nloops++] = total;
    mark = e->nloops;
    for (k = 0; k < 40; k++) oom_loop(e, "update #k", op_update_k, &k);
    for (total = 0; e->nloops > mark; ) total += e->loops[--e->nloops];
    e->names[e->nloops] = "40 updates in a row (sum)";
    e->loops[e->nloops++] = total;
    {
        km_partner *p = NULL;
        km_network_stats st = KM_NETWORK_STATS_INIT;
        EXPECT_OK(km_network_stats_get(&st, e->net));
        assert_int_equal(st.partners, 45);
        assert_int_equal(st.log_entries, 6 + 80);
        EXPECT_OK(km_partner_get_by_external_id(&p, e->net, "ID-REGROW-39"));
        assert_int_equal(km_partner_id(p), 45);
        km_partner_free(p);
    }
}

/* ---- open with replay, refresh ------------------------------------------------------------- */

typedef struct open_arg {
    const char *want; /* digest of the writer */
} open_arg;

static int op_open(env *e, void *arg)
{
    open_arg *o = (open_arg *)arg;
    km_network_options opt = env_options(e);
    km_network *net = (km_network *)arg;
    long live = e->ta.live;
    int rc = note(e, km_network_open(&net, e->store, &opt));
    if (rc) {
        assert_null(net);
        /* A failed open gives every block back. */
        assert_int_equal(e->ta.live, live);
        return rc;
    }
    km_test_alloc_fail_at(&e->ta, -1); /* the checks below allocate */
    {
        char *got = digest(e, net);
        assert_string_equal(got, o->want);
        free(got);
    }
    km_network_close(net);
    assert_int_equal(e->ta.live, live);
    return 0;
}

static void test_oom_open_replay(void **state)
{
    env *e = (env *)*state;
    open_arg o;
    char *want;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    populate(e);                  /* 6 entries */
    append_n(e->net, e, 11, 300); /* 11 creates + 2 renames */
    EXPECT_OK(km_network_stats_get(&st, e->net));
    assert_int_equal(st.log_entries, 19);
    e->now += SEC;
    EXPECT_OK(km_partner_archive(e->net, 7, "selesai")); /* entry 20 */
    EXPECT_OK(km_network_stats_get(&st, e->net));
    assert_int_equal(st.log_entries, 20);
    want = digest(e, e->net);
    o.want = want;
    /* oom_loop checks that e->net (a handle on the same store) is unchanged,
     * i.e. that failed opens never wrote to the store. */
    oom_loop(e, "open + replay of a 20-entry log", op_open, &o);
    free(want);
}

static int op_open_private(env *e, void *arg)
{
    km_network_options opt = env_options(e);
    km_network *net = (km_network *)arg;
    long live = e->ta.live;
    int rc = note(e, km_network_open(&net, NULL, &opt));
    if (rc) {
        assert_null(net);
        assert_int_equal(e->ta.live, live);
        return rc;
    }
    km_test_alloc_fail_at(&e->ta, -1);
    {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        f.name = "Satu";
        f.external_id = "ID-NIB-1";
        EXPECT_OK(km_partner_create(NULL, net, &f));
    }
    km_network_close(net);
    assert_int_equal(e->ta.live, live);
    return 0;
}

static int op_memory_new(env *e, void *arg)
{
    km_storage *s = (km_storage *)arg;
    long live = e->ta.live;
    int rc = note(e, km_storage_memory_new(&s, km_test_alloc_get(&e->ta)));
    if (rc) {
        assert_null(s);
        return rc;
    }
    km_storage_free(s);
    assert_int_equal(e->ta.live, live);
    return 0;
}

static int op_set_actor(env *e, void *arg)
{
    int rc;
    (void)arg;
    rc = note(e, km_network_set_actor(e->net, "pengawas@kemitraan.id"));
    if (rc) assert_string_equal(km_network_actor(e->net), "petugas");
    return rc;
}

static void test_oom_misc(void **state)
{
    env *e = (env *)*state;
    populate(e);
    oom_loop(e, "open with a private memory store", op_open_private, NULL);
    oom_loop(e, "km_storage_memory_new", op_memory_new, NULL);
    oom_loop(e, "set_actor", op_set_actor, NULL);
    assert_string_equal(km_network_actor(e->net), "pengawas@kemitraan.id");
}

/* A storage wrapper that hides the entries after `visible`, so a handle
 * can be opened at an older sequence and later refreshed from there. */
typedef struct window {
    km_storage base;
    km_storage *inner;
    uint64_t visible;
} window;

typedef struct window_scan {
    km_storage_record_cb cb;
    void *payload;
    uint64_t visible;
    int stopped;
} window_scan;

static int win_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    window *w = (window *)self;
    return w->inner->append(w->inner, seq, data, len);
}

static int win_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    window_scan *ws = (window_scan *)payload;
    if (seq > ws->visible) {
        ws->stopped = 1;
        return 1;
    }
    return ws->cb(ws->payload, seq, data, len);
}

static int win_scan(km_storage *self, uint64_t from, km_storage_record_cb cb, void *payload)
{
    window *w = (window *)self;
    window_scan ws;
    int rc;
    ws.cb = cb;
    ws.payload = payload;
    ws.visible = w->visible;
    ws.stopped = 0;
    rc = w->inner->scan(w->inner, from, win_cb, &ws);
    return ws.stopped ? 0 : rc;
}

static int win_last_seq(km_storage *self, uint64_t *out)
{
    window *w = (window *)self;
    int rc = w->inner->last_seq(w->inner, out);
    if (rc == 0 && *out > w->visible) *out = w->visible;
    return rc;
}

/* km_network_refresh() is documented to apply entries one at a time, each
 * atomically: a failure leaves the entries before the failing one applied,
 * so the state is the log's prefix up to km_network_seq(), never half an
 * entry. Each failing run is therefore compared with a time-travel view
 * of that prefix, then a second refresh must catch up completely. */
static void test_oom_refresh(void **state)
{
    env *e = (env *)*state;
    static const km_storage init = KM_STORAGE_INIT;
    km_network_options opt = env_options(e);
    km_network *w = NULL, *b = NULL;
    window win;
    char *want, *prefix[6], *before;
    uint64_t base, k;
    unsigned at_prefix[6] = { 0, 0, 0, 0, 0, 0 };
    long n;

    populate(e);
    base = km_network_seq(e->net);
    assert_int_equal(base, 6);
    EXPECT_OK(km_network_open(&w, e->store, &opt));
    /* Five new entries by another handle: creates, an update with new tags
     * and region, a status change, and a transaction. */
    append_n(w, e, 2, 400);
    {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        f.sectors = NEW_SECT;
        f.sectors_count = 3;
        f.region = "34.09";
        e->now += SEC;
        EXPECT_OK(km_partner_update(w, 3, &f, KM_PARTNER_F_SECTORS | KM_PARTNER_F_REGION));
    }
    EXPECT_OK(km_partner_set_status(w, 5, KM_PARTNER_ARCHIVED, "tutup"));
    EXPECT_OK(km_network_begin(w));
    append_n(w, e, 2, 500);
    EXPECT_OK(km_partner_set_status(w, 4, KM_PARTNER_ACTIVE, NULL));
    EXPECT_OK(km_network_commit(w));
    assert_int_equal(km_network_seq(w), base + 5);
    want = digest(e, w);

    /* The state at every prefix the refresh may stop at. */
    for (k = 0; k < 5; k++) {
        km_network_options ov = env_options(e);
        km_network *view = NULL;
        ov.as_of_seq = base + k;
        EXPECT_OK(km_network_open(&view, e->store, &ov));
        prefix[k] = digest(e, view);
        km_network_close(view);
    }
    before = prefix[0];

    win.base = init;
    win.base.append = win_append;
    win.base.scan = win_scan;
    win.base.last_seq = win_last_seq;
    win.inner = e->store;
    for (n = 1;; n++) {
        long failures, live;
        uint64_t seq;
        char *got;
        int rc;
        win.visible = base;
        live = e->ta.live;
        EXPECT_OK(km_network_open(&b, &win.base, &opt));
        got = digest(e, b);
        assert_string_equal(got, before);
        free(got);
        win.visible = UINT64_MAX;
        e->last_err = 0;
        km_test_alloc_fail_at(&e->ta, n);
        rc = note(e, km_network_refresh(b));
        failures = e->ta.failures;
        km_test_alloc_fail_at(&e->ta, -1);
        seq = km_network_seq(b);
        if (rc == 0) {
            assert_int_equal(failures, 0);
            assert_int_equal(seq, base + 5);
        } else {
            if (rc != KM_ENOMEM || e->last_err != KM_ENOMEM)
                fail_msg("refresh: N=%ld returned %d (last error %d): %s", n, rc, e->last_err,
                         km_error_last_message(KM_LANG_EN));
            assert_true(failures > 0);
            assert_in_range(seq, base, base + 4);
            at_prefix[seq - base]++;
            got = digest(e, b);
            if (strcmp(got, prefix[seq - base]) != 0) {
                print_error("refresh: N=%ld stopped at %llu with a state that is not that prefix\n--- want\n%s--- got\n%s",
                            n, (unsigned long long)seq, prefix[seq - base], got);
                fail();
            }
            free(got);
            /* Catching up from there works. */
            EXPECT_OK(km_network_refresh(b));
        }
        got = digest(e, b);
        assert_string_equal(got, want);
        free(got);
        km_network_close(b);
        b = NULL;
        assert_int_equal(e->ta.live, live);
        if (rc == 0) break;
        if (n > 100000) fail_msg("refresh: no end");
    }
    /* Faults hit during several entries, not only the first. */
    for (k = 1; k < 5 && at_prefix[k] == 0; k++) {}
    assert_true(k < 5);
    print_message("refresh: failing runs stopped after %u/%u/%u/%u/%u of the 5 entries\n", at_prefix[0], at_prefix[1],
                  at_prefix[2], at_prefix[3], at_prefix[4]);
    e->names[e->nloops] = "refresh of 5 new entries";
    e->loops[e->nloops++] = n;

    /* The fixture's own handle catches up too. */
    EXPECT_OK(km_network_refresh(e->net));
    {
        char *got = digest(e, e->net);
        assert_string_equal(got, want);
        free(got);
    }
    for (k = 0; k < 5; k++) free(prefix[k]);
    free(want);
    km_network_close(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_oom_create, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_update, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_status, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_transaction, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_bulk_transaction, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_list_count, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_reads, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_open_replay, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_misc, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_refresh, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_oom_growth, env_setup, env_teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
