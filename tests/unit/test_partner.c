/* Unit tests for the partner registry, through the public API only: the
 * create/get round trip of every field, every validation rule (each
 * rejection names its field and changes nothing: sequence, statistics,
 * audit trail and every partner stay as they were), updates with field
 * masks, status transitions, immutable handles, listing with every filter,
 * cursor pagination, a randomized comparison of list/count against a
 * brute-force filter, and the labels of every enum value. A fixed clock
 * makes every time stamp predictable. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "support/fnv.h"
#include "support/partner_hash.h"
#include "support/expect.h"

#define T0 INT64_C(1767225600000000) /* 2026-01-01 00:00:00 UTC in microseconds */
#define SEC INT64_C(1000000)

/* ---- fixture ---------------------------------------------------------------- */

typedef struct fx {
    km_network *net;
    int64_t now;
} fx;

static fx g_fx;

static int64_t fx_clock(void *payload) { return ((fx *)payload)->now; }

static int group_setup(void **state)
{
    memset(&g_fx, 0, sizeof g_fx);
    *state = &g_fx;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    km_network_close(g_fx.net);
    g_fx.net = NULL;
    return 0;
}

static int net_setup(void **state)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    fx *f = &g_fx;
    *state = f;
    f->now = T0;
    o.clock = fx_clock;
    o.clock_payload = f;
    o.actor = "tester";
    return km_network_open(&f->net, NULL, &o) == 0 ? 0 : -1;
}

static int net_teardown(void **state)
{
    fx *f = (fx *)*state;
    km_network_close(f->net);
    f->net = NULL;
    return 0;
}

/* ---- helpers ---------------------------------------------------------------- */

/* The code, km_error_last(), the field and both messages must all name the
 * failure. */
#define EXPECT_ERR(expr, code, field)                                                   \
    do {                                                                                \
        int rc_ = (expr);                                                               \
        assert_int_equal(rc_, (code));                                                  \
        assert_int_equal(km_error_last(), (code));                                      \
        assert_string_equal(km_error_last_field(), (field));                            \
        assert_non_null(strstr(km_error_last_message(KM_LANG_EN), (field)));            \
        assert_non_null(strstr(km_error_last_message(KM_LANG_ID), (field)));            \
    } while (0)

/* Everything observable about a network: log position, statistics, the
 * audit trail and every partner (also found again by external id). */
typedef struct snap {
    uint64_t seq;
    char head[65];
    km_network_stats st;
    size_t audit_n;
    uint64_t audit_digest;
    uint64_t digest;
} snap;

static void take_snap(km_network *net, snap *s)
{
    km_audit *a = NULL;
    uint64_t id;
    size_t i;
    memset(s, 0, sizeof *s);
    s->st.version = KM_NETWORK_STATS_VERSION;
    s->seq = km_network_seq(net);
    assert_int_equal(km_network_head_hash(s->head, net), 0);
    assert_int_equal(km_network_stats_get(&s->st, net), 0);
    assert_int_equal(km_audit_list(&a, net, NULL), 0);
    s->audit_n = km_audit_count(a);
    s->audit_digest = UINT64_C(14695981039346656037);
    for (i = 0; i < s->audit_n; i++) {
        s->audit_digest = fnv_u64(s->audit_digest, km_audit_seq(a, i));
        s->audit_digest = fnv_str(s->audit_digest, km_audit_operation(a, i));
        s->audit_digest = fnv_str(s->audit_digest, km_audit_data_json(a, i));
    }
    km_audit_free(a);
    s->digest = UINT64_C(14695981039346656037);
    for (id = 1; id <= s->st.partners; id++) {
        km_partner *p = NULL, *q = NULL;
        assert_int_equal(km_partner_get(&p, net, id), 0);
        assert_int_equal(km_partner_get_by_external_id(&q, net, km_partner_external_id(p)), 0);
        assert_int_equal(km_partner_id(q), id);
        s->digest = km_test_partner_hash(s->digest, p);
        km_partner_free(p);
        km_partner_free(q);
    }
    /* Nothing past the last id. */
    {
        km_partner *p = (km_partner *)&s; /* must be reset to NULL */
        assert_int_equal(km_partner_get(&p, net, s->st.partners + 1), KM_ENOTFOUND);
        assert_null(p);
    }
}

static void assert_snap_equal(const snap *a, const snap *b)
{
    assert_int_equal(a->seq, b->seq);
    assert_string_equal(a->head, b->head);
    assert_int_equal(a->st.log_entries, b->st.log_entries);
    assert_int_equal(a->st.log_events, b->st.log_events);
    assert_int_equal(a->st.log_bytes, b->st.log_bytes);
    assert_int_equal(a->st.partners, b->st.partners);
    assert_int_equal(a->st.partners_active, b->st.partners_active);
    assert_int_equal(a->st.partners_suspended, b->st.partners_suspended);
    assert_int_equal(a->st.partners_archived, b->st.partners_archived);
    assert_int_equal(a->audit_n, b->audit_n);
    assert_int_equal(a->audit_digest, b->audit_digest);
    assert_int_equal(a->digest, b->digest);
}

static km_partner_fields plain(const char *name, const char *ext, int kind)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = name;
    f.external_id = ext;
    f.kind = kind;
    return f;
}

static uint64_t create_ok(km_network *net, const km_partner_fields *f)
{
    uint64_t id = 0;
    EXPECT_OK(km_partner_create(&id, net, f));
    assert_true(id > 0);
    return id;
}

static km_partner *get_ok(km_network *net, uint64_t id)
{
    km_partner *p = NULL;
    EXPECT_OK(km_partner_get(&p, net, id));
    assert_non_null(p);
    return p;
}

static char *repeat(char c, size_t n)
{
    char *s = (char *)malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

/* ---- create / get ------------------------------------------------------------- */

static const char *const SECTORS[] = { "pertanian", "air-bersih", "umkm_digital" };
static const char *const CAPS[] = { "pelatihan", "pendanaan" };
static const char *const NEEDS[] = { "lahan" };

static void assert_full_partner(const km_partner *p, uint64_t id, int64_t created, int64_t updated, uint32_t version)
{
    assert_int_equal(km_partner_id(p), id);
    assert_string_equal(km_partner_name(p), "Koperasi Désa Maju \"Sejahtera\"");
    assert_string_equal(km_partner_external_id(p), "ID-NIB-8120000123456");
    assert_int_equal(km_partner_kind_of(p), KM_PARTNER_COMMUNITY);
    assert_string_equal(km_partner_region(p), "32.73.01.1001");
    assert_string_equal(km_partner_email(p), "info@desa-maju.id");
    assert_string_equal(km_partner_phone(p), "+62 22 1234567");
    assert_string_equal(km_partner_website(p), "https://desa-maju.id/profil");
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_ACTIVE);
    assert_null(km_partner_status_reason(p));
    assert_int_equal(km_partner_created(p), created);
    assert_int_equal(km_partner_updated(p), updated);
    assert_int_equal(km_partner_version(p), version);
    assert_int_equal(km_partner_sector_count(p), 3);
    assert_string_equal(km_partner_sector(p, 0), "pertanian");
    assert_string_equal(km_partner_sector(p, 1), "air-bersih");
    assert_string_equal(km_partner_sector(p, 2), "umkm_digital");
    assert_null(km_partner_sector(p, 3));
    assert_int_equal(km_partner_capability_count(p), 2);
    assert_string_equal(km_partner_capability(p, 0), "pelatihan");
    assert_string_equal(km_partner_capability(p, 1), "pendanaan");
    assert_null(km_partner_capability(p, 2));
    assert_int_equal(km_partner_need_count(p), 1);
    assert_string_equal(km_partner_need(p, 0), "lahan");
    assert_null(km_partner_need(p, 1));
    assert_null(km_partner_need(p, (size_t)-1));
}

static km_partner_fields full_fields(void)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = "Koperasi Désa Maju \"Sejahtera\"";
    f.external_id = "ID-NIB-8120000123456";
    f.kind = KM_PARTNER_COMMUNITY;
    f.region = "32.73.01.1001";
    f.email = "info@desa-maju.id";
    f.phone = "+62 22 1234567";
    f.website = "https://desa-maju.id/profil";
    f.sectors = SECTORS;
    f.sectors_count = 3;
    f.capabilities = CAPS;
    f.capabilities_count = 2;
    f.needs = NEEDS;
    f.needs_count = 1;
    return f;
}

static void test_create_get_roundtrip(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields in = full_fields();
    km_partner_fields mini = plain("Dinas Kesehatan", "ID-KEMENDAGRI-3273", KM_PARTNER_REGIONAL_GOVERNMENT);
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_partner *p, *q;
    uint64_t id;
    char buf[64];

    assert_int_equal(km_network_seq(f->net), 0);
    f->now = T0 + 5 * SEC;
    id = create_ok(f->net, &in);
    assert_int_equal(id, 1);
    assert_int_equal(km_network_seq(f->net), 1);

    /* The input buffers are only borrowed: scribbling over them later must
     * not change the stored partner. */
    snprintf(buf, sizeof buf, "%s", "ID-NIB-8120000123456");
    in.external_id = buf;

    p = get_ok(f->net, 1);
    assert_full_partner(p, 1, T0 + 5 * SEC, T0 + 5 * SEC, 1);
    q = NULL;
    EXPECT_OK(km_partner_get_by_external_id(&q, f->net, buf));
    memset(buf, 'x', 20);
    assert_full_partner(q, 1, T0 + 5 * SEC, T0 + 5 * SEC, 1);
    km_partner_free(q);
    km_partner_free(p);

    /* Minimal partner: every optional field unset; "" means unset too. */
    mini.email = "";
    mini.phone = "";
    mini.website = "";
    mini.region = "";
    f->now = T0 + 9 * SEC;
    id = 0;
    EXPECT_OK(km_partner_create(&id, f->net, &mini));
    assert_int_equal(id, 2);
    p = get_ok(f->net, 2);
    assert_int_equal(km_partner_id(p), 2);
    assert_string_equal(km_partner_name(p), "Dinas Kesehatan");
    assert_string_equal(km_partner_external_id(p), "ID-KEMENDAGRI-3273");
    assert_int_equal(km_partner_kind_of(p), KM_PARTNER_REGIONAL_GOVERNMENT);
    assert_null(km_partner_region(p));
    assert_null(km_partner_email(p));
    assert_null(km_partner_phone(p));
    assert_null(km_partner_website(p));
    assert_null(km_partner_status_reason(p));
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_ACTIVE);
    assert_int_equal(km_partner_sector_count(p), 0);
    assert_int_equal(km_partner_capability_count(p), 0);
    assert_int_equal(km_partner_need_count(p), 0);
    assert_null(km_partner_sector(p, 0));
    assert_null(km_partner_capability(p, 0));
    assert_null(km_partner_need(p, 0));
    assert_int_equal(km_partner_created(p), T0 + 9 * SEC);
    assert_int_equal(km_partner_updated(p), T0 + 9 * SEC);
    assert_int_equal(km_partner_version(p), 1);
    km_partner_free(p);

    /* out_id may be NULL. */
    {
        km_partner_fields third = plain("Yayasan Tiga", "ID-AHU-3", KM_PARTNER_FOUNDATION);
        EXPECT_OK(km_partner_create(NULL, f->net, &third));
        p = get_ok(f->net, 3);
        assert_string_equal(km_partner_name(p), "Yayasan Tiga");
        km_partner_free(p);
    }
    assert_int_equal(km_network_seq(f->net), 3);
    EXPECT_OK(km_network_stats_get(&st, f->net));
    assert_int_equal(st.partners, 3);
    assert_int_equal(st.partners_active, 3);
    assert_int_equal(st.partners_suspended, 0);
    assert_int_equal(st.partners_archived, 0);
    assert_int_equal(st.log_entries, 3);
    assert_int_equal(st.log_events, 3);
    assert_true(st.log_bytes > 0);

    /* Accessors on NULL. */
    assert_int_equal(km_partner_id(NULL), 0);
    assert_null(km_partner_name(NULL));
    assert_null(km_partner_external_id(NULL));
    assert_int_equal(km_partner_kind_of(NULL), -1);
    assert_int_equal(km_partner_status_of(NULL), -1);
    assert_null(km_partner_region(NULL));
    assert_null(km_partner_email(NULL));
    assert_null(km_partner_phone(NULL));
    assert_null(km_partner_website(NULL));
    assert_null(km_partner_status_reason(NULL));
    assert_int_equal(km_partner_created(NULL), 0);
    assert_int_equal(km_partner_updated(NULL), 0);
    assert_int_equal(km_partner_version(NULL), 0);
    assert_int_equal(km_partner_sector_count(NULL), 0);
    assert_int_equal(km_partner_capability_count(NULL), 0);
    assert_int_equal(km_partner_need_count(NULL), 0);
    assert_null(km_partner_sector(NULL, 0));
    assert_null(km_partner_capability(NULL, 0));
    assert_null(km_partner_need(NULL, 0));
    km_partner_free(NULL);
}

static void test_get_errors(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields in = plain("Satu", "ID-NIB-1", KM_PARTNER_NGO);
    km_partner *p;
    create_ok(f->net, &in);

    EXPECT_ERR(km_partner_get(NULL, f->net, 1), KM_EINVAL, "out");
    p = (km_partner *)f; /* must be reset */
    EXPECT_ERR(km_partner_get(&p, NULL, 1), KM_EINVAL, "net");
    assert_null(p);
    p = (km_partner *)f;
    EXPECT_ERR(km_partner_get(&p, f->net, 0), KM_ENOTFOUND, "partner.id");
    assert_null(p);
    EXPECT_ERR(km_partner_get(&p, f->net, 2), KM_ENOTFOUND, "partner.id");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "2"));
    EXPECT_ERR(km_partner_get(&p, f->net, UINT64_MAX), KM_ENOTFOUND, "partner.id");
    EXPECT_ERR(km_partner_get_by_external_id(NULL, f->net, "ID-NIB-1"), KM_EINVAL, "out");
    EXPECT_ERR(km_partner_get_by_external_id(&p, NULL, "ID-NIB-1"), KM_EINVAL, "net");
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, NULL), KM_EINVAL, "external_id");
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, "ID-NIB-2"), KM_ENOTFOUND, "partner.external_id");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "ID-NIB-2"));
    /* Exact match only: no case folding, no prefix match. */
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, "id-nib-1"), KM_ENOTFOUND, "partner.external_id");
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, "ID-NIB-"), KM_ENOTFOUND, "partner.external_id");
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, "ID-NIB-10"), KM_ENOTFOUND, "partner.external_id");
    assert_null(p);

    /* Bad fields structs. */
    EXPECT_ERR(km_partner_create(NULL, f->net, NULL), KM_EINVAL, "fields");
    EXPECT_ERR(km_partner_create(NULL, NULL, &in), KM_EINVAL, "net");
    in.version = 0;
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EVERSION, "fields.version");
    in.version = KM_PARTNER_FIELDS_VERSION + 1;
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EVERSION, "fields.version");
    EXPECT_ERR(km_partner_update(f->net, 1, &in, KM_PARTNER_F_NAME), KM_EVERSION, "fields.version");
    EXPECT_ERR(km_partner_update(f->net, 1, NULL, KM_PARTNER_F_NAME), KM_EINVAL, "fields");
    assert_int_equal(km_network_seq(f->net), 1);
}

/* ---- validation --------------------------------------------------------------- */

enum { V_NAME, V_EXT, V_REGION, V_EMAIL, V_PHONE, V_WEBSITE };

static const char *const VFIELD[] = {
    "partner.name", "partner.external_id", "partner.region", "partner.email", "partner.phone", "partner.website"
};
static const uint32_t VMASK[] = {
    KM_PARTNER_F_NAME, KM_PARTNER_F_EXTERNAL_ID, KM_PARTNER_F_REGION, KM_PARTNER_F_EMAIL, KM_PARTNER_F_PHONE,
    KM_PARTNER_F_WEBSITE
};

typedef struct vcase {
    int which;
    const char *value;
} vcase;

static const vcase BAD[] = {
    { V_NAME, NULL }, { V_NAME, "" }, { V_NAME, " " }, { V_NAME, "   " }, { V_NAME, "\xC0\x80" },
    { V_NAME, "Koperasi\xC0\x80" }, { V_NAME, "a\x01" "b" }, { V_NAME, "tab\there" }, { V_NAME, "line\nbreak" },
    { V_NAME, "del\x7f" }, { V_NAME, "\xED\xA0\x80" }, { V_NAME, "\xF4\x90\x80\x80" }, { V_NAME, "abc\xE2\x82" },
    { V_NAME, "\xFF" }, { V_NAME, "\x80" "abc" },
    { V_EXT, NULL }, { V_EXT, "" }, { V_EXT, "ID-NIB-" }, { V_EXT, "id-nib-1" }, { V_EXT, "IDNIB1" },
    { V_EXT, "ID-NIB-12 3" }, { V_EXT, " ID-NIB-1" }, { V_EXT, "ID-NIB-1 " }, { V_EXT, "ID--1" },
    { V_EXT, "ID-nib-1" }, { V_EXT, "I-NIB-1" }, { V_EXT, "ID-NIB" }, { V_EXT, "ID-NIB-1#" },
    { V_EXT, "ID-NIB-\xC3\xA9" }, { V_EXT, "IDN-NIB-1" }, { V_EXT, "1D-NIB-1" }, { V_EXT, "ID_NIB_1" },
    { V_REGION, "3" }, { V_REGION, "10" }, { V_REGION, "09.01" }, { V_REGION, "32.7" }, { V_REGION, "32.73.1" },
    { V_REGION, "32.73.01.101" }, { V_REGION, "32-73" }, { V_REGION, "32." }, { V_REGION, "32.73.01.1001.1" },
    { V_REGION, "3a" }, { V_REGION, "32.73.01.10011" }, { V_REGION, " 32" }, { V_REGION, "00" },
    { V_REGION, "32.73." }, { V_REGION, ".32" }, { V_REGION, "327" }, { V_REGION, "32..73" },
    { V_EMAIL, "x@" }, { V_EMAIL, "@desa.id" }, { V_EMAIL, "x@desa" }, { V_EMAIL, "x@.id" }, { V_EMAIL, "x@desa." },
    { V_EMAIL, "a..b@desa.id" }, { V_EMAIL, ".a@desa.id" }, { V_EMAIL, "a.@desa.id" }, { V_EMAIL, "a@b@desa.id" },
    { V_EMAIL, "a b@desa.id" }, { V_EMAIL, "a@de_sa.id" }, { V_EMAIL, "a@desa..id" }, { V_EMAIL, "plain" },
    { V_EMAIL, "a@d\xC3\xA9sa.id" },
    { V_PHONE, "12345" }, { V_PHONE, "1234567890123456" }, { V_PHONE, "abc" }, { V_PHONE, "+62--1234567" },
    { V_PHONE, "62+1234567" }, { V_PHONE, " 0812345" }, { V_PHONE, "0812-3456-7890 ext" }, { V_PHONE, "+" },
    { V_PHONE, "1234567890 1234567890 1234567890 1" }, { V_PHONE, "-0812345678" }, { V_PHONE, "0812/345678" },
    { V_WEBSITE, "ftp://desa.id" }, { V_WEBSITE, "https://" }, { V_WEBSITE, "http://" },
    { V_WEBSITE, "https:// desa.id" }, { V_WEBSITE, "https://desa .id" }, { V_WEBSITE, "www.desa.id" },
    { V_WEBSITE, "https://-desa.id" }, { V_WEBSITE, "https://desa.id/\"x\"" }, { V_WEBSITE, "https://d\xC3\xA9sa.id" },
    { V_WEBSITE, "HTTPS://desa.id" }, { V_WEBSITE, "https://desa.id/<script>" }, { V_WEBSITE, "https://desa.id\\x" },
};

static const vcase GOOD[] = {
    { V_NAME, "A" }, { V_NAME, "Koperasi Désa Maju" }, { V_NAME, "\xE6\x97\xA5\xE6\x9C\xAC organisation" },
    { V_NAME, " leading space" }, { V_NAME, "\xF0\x9F\x8C\xBE Tani" },
    { V_EXT, "ID-NIB-8120000123456" }, { V_EXT, "XM-DAC-41114" }, { V_EXT, "ID-KEMENKEU-1.2/3:x_y-z" },
    { V_EXT, "GB-COH-01234567" }, { V_EXT, "ID-1-a" }, { V_EXT, "ID-NPWP-01.234.567.8-901.000" },
    { V_REGION, "32" }, { V_REGION, "32.73" }, { V_REGION, "32.73.01" }, { V_REGION, "32.73.01.1001" },
    { V_REGION, "11" }, { V_REGION, "99.99.99.9999" }, { V_REGION, "91.01.00.0000" },
    { V_EMAIL, "info@desa.id" }, { V_EMAIL, "a.b+c@sub.example.co.id" }, { V_EMAIL, "x_y-z@a-b.id" },
    { V_EMAIL, "o'brien@x.ie" }, { V_EMAIL, "A.B@Desa.ID" },
    { V_PHONE, "+62 22 1234567" }, { V_PHONE, "(022) 123-4567" }, { V_PHONE, "081234567890" },
    { V_PHONE, "0812.3456.7890" }, { V_PHONE, "123456" }, { V_PHONE, "+123456789012345" },
    { V_PHONE, "+62 (22) 123-4567" }, { V_PHONE, "(022)1234567" },
    { V_WEBSITE, "https://desa.id" }, { V_WEBSITE, "http://example.com/path?q=1&r=2#f" }, { V_WEBSITE, "https://a" },
    { V_WEBSITE, "http://10.0.0.1:8080/x" },
};

static void set_field(km_partner_fields *f, int which, const char *v)
{
    switch (which) {
    case V_NAME: f->name = v; break;
    case V_EXT: f->external_id = v; break;
    case V_REGION: f->region = v; break;
    case V_EMAIL: f->email = v; break;
    case V_PHONE: f->phone = v; break;
    default: f->website = v; break;
    }
}

static void expect_rejected(fx *f, const km_partner_fields *in, uint64_t update_id, uint32_t mask, int code,
                            const char *field)
{
    snap before, after;
    take_snap(f->net, &before);
    f->now += SEC; /* a change that slipped through would get a new time */
    if (update_id)
        EXPECT_ERR(km_partner_update(f->net, update_id, in, mask), code, field);
    else
        EXPECT_ERR(km_partner_create(NULL, f->net, in), code, field);
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);
}

static void test_validation_fields(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields base = full_fields();
    size_t i;
    char *s;
    uint64_t target;

    /* A partner to aim updates at, and one to make names/ids collide with. */
    target = create_ok(f->net, &base);

    for (i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        km_partner_fields in = full_fields();
        in.external_id = "ID-NIB-999";
        set_field(&in, BAD[i].which, BAD[i].value);
        expect_rejected(f, &in, 0, 0, KM_EINVAL, VFIELD[BAD[i].which]);
        /* The same value through an update of just that field. */
        expect_rejected(f, &in, target, VMASK[BAD[i].which], KM_EINVAL, VFIELD[BAD[i].which]);
    }

    /* Length limits, built at run time. */
    s = repeat('n', KM_PARTNER_NAME_MAX + 1);
    {
        km_partner_fields in = plain(s, "ID-NIB-999", 0);
        expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.name");
        s[KM_PARTNER_NAME_MAX] = '\0';
        create_ok(f->net, &in);
    }
    free(s);
    s = repeat('7', KM_PARTNER_EXTERNAL_ID_MAX + 1);
    memcpy(s, "ID-NIB-", 7);
    {
        km_partner_fields in = plain("Panjang", s, 0);
        expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.external_id");
        s[KM_PARTNER_EXTERNAL_ID_MAX] = '\0';
        create_ok(f->net, &in);
    }
    free(s);
    s = repeat('a', KM_PARTNER_EMAIL_MAX + 1);
    memcpy(s + KM_PARTNER_EMAIL_MAX + 1 - 8, "@desa.id", 8);
    {
        km_partner_fields in = plain("Surel", "ID-NIB-998", 0);
        in.email = s;
        expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.email");
    }
    free(s);
    /* A local part of 64 bytes is fine, 65 is not. */
    s = repeat('l', 64 + 8);
    memcpy(s + 64, "@desa.id", 8);
    {
        km_partner_fields in = plain("Surel", "ID-NIB-998", 0);
        in.email = s;
        create_ok(f->net, &in);
    }
    free(s);
    s = repeat('l', 65 + 8);
    memcpy(s + 65, "@desa.id", 8);
    {
        km_partner_fields in = plain("Surel2", "ID-NIB-997", 0);
        in.email = s;
        expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.email");
    }
    free(s);
    s = repeat('p', KM_PARTNER_WEBSITE_MAX + 1);
    memcpy(s, "https://", 8);
    {
        km_partner_fields in = plain("Situs", "ID-NIB-997", 0);
        in.website = s;
        expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.website");
        s[KM_PARTNER_WEBSITE_MAX] = '\0';
        create_ok(f->net, &in);
    }
    free(s);

    /* Kinds out of range. */
    {
        static const int bad_kinds[] = { -1, KM_PARTNER_KIND__COUNT, 1000, INT_MIN, INT_MAX };
        for (i = 0; i < sizeof bad_kinds / sizeof bad_kinds[0]; i++) {
            km_partner_fields in = plain("Jenis", "ID-NIB-996", bad_kinds[i]);
            expect_rejected(f, &in, 0, 0, KM_EINVAL, "partner.kind");
            expect_rejected(f, &in, target, KM_PARTNER_F_KIND, KM_EINVAL, "partner.kind");
        }
    }
}

static void test_validation_good_values(void **state)
{
    fx *f = (fx *)*state;
    size_t i;
    int k;
    char ext[32];
    for (i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
        km_partner_fields in = plain("Baik", NULL, KM_PARTNER_NGO);
        km_partner *p;
        uint64_t id;
        const char *got;
        snprintf(ext, sizeof ext, "ID-GOOD-%u", (unsigned)i);
        in.external_id = ext;
        set_field(&in, GOOD[i].which, GOOD[i].value);
        id = create_ok(f->net, &in);
        p = get_ok(f->net, id);
        switch (GOOD[i].which) {
        case V_NAME: got = km_partner_name(p); break;
        case V_EXT: got = km_partner_external_id(p); break;
        case V_REGION: got = km_partner_region(p); break;
        case V_EMAIL: got = km_partner_email(p); break;
        case V_PHONE: got = km_partner_phone(p); break;
        default: got = km_partner_website(p); break;
        }
        assert_string_equal(got, GOOD[i].value);
        km_partner_free(p);
    }
    for (k = 0; k < KM_PARTNER_KIND__COUNT; k++) {
        km_partner_fields in = plain("Jenis", NULL, k);
        km_partner *p;
        snprintf(ext, sizeof ext, "ID-KIND-%d", k);
        in.external_id = ext;
        p = get_ok(f->net, create_ok(f->net, &in));
        assert_int_equal(km_partner_kind_of(p), k);
        km_partner_free(p);
    }
}

typedef struct tcase {
    const char *const *tags;
    size_t n;
} tcase;

static void test_validation_tags(void **state)
{
    fx *f = (fx *)*state;
    static const char *const upper[] = { "Pangan" };
    static const char *const space[] = { "air bersih" };
    static const char *const dup[] = { "air", "tanah", "air" };
    static const char *const with_null[] = { "ok", NULL };
    static const char *const empty[] = { "" };
    static const char *const accent[] = { "\xC3\xA9" };
    static const char *const dot[] = { "a.b" };
    static const char *const good3[] = { "air-bersih", "umkm_digital", "5g" };
    static const char *const one[] = { "a" };
    static const char *fields[3] = { "partner.sectors", "partner.capabilities", "partner.needs" };
    static const uint32_t masks[3] = { KM_PARTNER_F_SECTORS, KM_PARTNER_F_CAPABILITIES, KM_PARTNER_F_NEEDS };
    char *longtag = repeat('t', KM_TAG_MAX + 1);
    char *maxtag = repeat('t', KM_TAG_MAX);
    const char *longv[1], *maxv[1];
    char names[KM_TAGS_MAX + 1][8];
    const char *many[KM_TAGS_MAX + 1];
    tcase bad[10], good[5];
    size_t nb = 0, ng = 0, i, l;
    uint64_t target;
    km_partner_fields base = plain("Sasaran", "ID-NIB-1", KM_PARTNER_ACADEMIC);

    longv[0] = longtag;
    maxv[0] = maxtag;
    for (i = 0; i <= KM_TAGS_MAX; i++) {
        snprintf(names[i], sizeof names[i], "t%02u", (unsigned)i);
        many[i] = names[i];
    }
    bad[nb].tags = upper; bad[nb++].n = 1;
    bad[nb].tags = space; bad[nb++].n = 1;
    bad[nb].tags = longv; bad[nb++].n = 1;
    bad[nb].tags = dup; bad[nb++].n = 3;
    bad[nb].tags = many; bad[nb++].n = KM_TAGS_MAX + 1;
    bad[nb].tags = with_null; bad[nb++].n = 2;
    bad[nb].tags = empty; bad[nb++].n = 1;
    bad[nb].tags = accent; bad[nb++].n = 1;
    bad[nb].tags = dot; bad[nb++].n = 1;
    bad[nb].tags = NULL; bad[nb++].n = 2; /* NULL array with a count */
    good[ng].tags = one; good[ng++].n = 1;
    good[ng].tags = maxv; good[ng++].n = 1;
    good[ng].tags = many; good[ng++].n = KM_TAGS_MAX;
    good[ng].tags = good3; good[ng++].n = 3;
    good[ng].tags = NULL; good[ng++].n = 0;

    target = create_ok(f->net, &base);
    for (l = 0; l < 3; l++) {
        for (i = 0; i < nb; i++) {
            km_partner_fields in = plain("Tag", "ID-NIB-2", KM_PARTNER_ACADEMIC);
            const char *const **lists[3];
            size_t *counts[3];
            lists[0] = &in.sectors; lists[1] = &in.capabilities; lists[2] = &in.needs;
            counts[0] = &in.sectors_count; counts[1] = &in.capabilities_count; counts[2] = &in.needs_count;
            *lists[l] = bad[i].tags;
            *counts[l] = bad[i].n;
            expect_rejected(f, &in, 0, 0, KM_EINVAL, fields[l]);
            expect_rejected(f, &in, target, masks[l], KM_EINVAL, fields[l]);
        }
        for (i = 0; i < ng; i++) {
            km_partner_fields in = plain("Tag", NULL, KM_PARTNER_ACADEMIC);
            const char *const **lists[3];
            size_t *counts[3];
            km_partner *p;
            char ext[32];
            size_t k;
            snprintf(ext, sizeof ext, "ID-TAG-%u-%u", (unsigned)l, (unsigned)i);
            in.external_id = ext;
            lists[0] = &in.sectors; lists[1] = &in.capabilities; lists[2] = &in.needs;
            counts[0] = &in.sectors_count; counts[1] = &in.capabilities_count; counts[2] = &in.needs_count;
            *lists[l] = good[i].tags;
            *counts[l] = good[i].n;
            p = get_ok(f->net, create_ok(f->net, &in));
            for (k = 0; k < good[i].n; k++) {
                const char *got = l == 0 ? km_partner_sector(p, k) : l == 1 ? km_partner_capability(p, k)
                                                                           : km_partner_need(p, k);
                assert_string_equal(got, good[i].tags[k]);
            }
            assert_int_equal(l == 0 ? km_partner_sector_count(p) : l == 1 ? km_partner_capability_count(p)
                                                                          : km_partner_need_count(p),
                             good[i].n);
            km_partner_free(p);
        }
    }
    free(longtag);
    free(maxtag);
}

static void test_duplicate_external_id(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields a = plain("Pertama", "ID-NIB-100", KM_PARTNER_NGO);
    km_partner_fields b = plain("Kedua", "ID-NIB-100", KM_PARTNER_ACADEMIC);
    uint64_t id = create_ok(f->net, &a);
    snap before, after;
    expect_rejected(f, &b, 0, 0, KM_EEXISTS, "partner.external_id");
    take_snap(f->net, &before);
    EXPECT_ERR(km_partner_create(NULL, f->net, &b), KM_EEXISTS, "partner.external_id");
    /* The message names the identifier and the partner holding it. */
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "\"ID-NIB-100\" is already used by partner 1"));
    assert_non_null(strstr(km_error_last_message(KM_LANG_ID), "ID-NIB-100"));
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);
    /* A longer identifier is a different one. */
    b.external_id = "ID-NIB-100a";
    assert_int_equal(create_ok(f->net, &b), id + 1);
}

/* ---- update ------------------------------------------------------------------- */

static void test_update_masks(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields in = full_fields();
    km_partner_fields other = plain("Lain", "ID-NIB-200", KM_PARTNER_NGO);
    km_partner_fields up = KM_PARTNER_FIELDS_INIT;
    static const char *const new_sectors[] = { "kesehatan" };
    km_partner *p, *q;
    uint64_t id, id2;

    f->now = T0 + 1 * SEC;
    id = create_ok(f->net, &in);
    id2 = create_ok(f->net, &other);

    /* A single field; everything else (including the junk the mask does not
     * select) stays. */
    up.name = "Koperasi Baru";
    up.email = "not-an-email";
    up.kind = 99;
    f->now = T0 + 2 * SEC;
    EXPECT_OK(km_partner_update(f->net, id, &up, KM_PARTNER_F_NAME));
    p = get_ok(f->net, id);
    assert_string_equal(km_partner_name(p), "Koperasi Baru");
    assert_string_equal(km_partner_external_id(p), "ID-NIB-8120000123456");
    assert_string_equal(km_partner_email(p), "info@desa-maju.id");
    assert_int_equal(km_partner_kind_of(p), KM_PARTNER_COMMUNITY);
    assert_int_equal(km_partner_sector_count(p), 3);
    assert_int_equal(km_partner_version(p), 2);
    assert_int_equal(km_partner_created(p), T0 + 1 * SEC);
    assert_int_equal(km_partner_updated(p), T0 + 2 * SEC);
    km_partner_free(p);

    /* Several fields. */
    up = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    up.email = "kontak@baru.id";
    up.phone = "0811111111";
    up.sectors = new_sectors;
    up.sectors_count = 1;
    up.kind = KM_PARTNER_PRIVATE_BUSINESS;
    f->now = T0 + 3 * SEC;
    EXPECT_OK(km_partner_update(f->net, id, &up,
                                KM_PARTNER_F_EMAIL | KM_PARTNER_F_PHONE | KM_PARTNER_F_SECTORS | KM_PARTNER_F_KIND));
    p = get_ok(f->net, id);
    assert_string_equal(km_partner_email(p), "kontak@baru.id");
    assert_string_equal(km_partner_phone(p), "0811111111");
    assert_int_equal(km_partner_kind_of(p), KM_PARTNER_PRIVATE_BUSINESS);
    assert_int_equal(km_partner_sector_count(p), 1);
    assert_string_equal(km_partner_sector(p, 0), "kesehatan");
    assert_int_equal(km_partner_capability_count(p), 2);
    assert_string_equal(km_partner_website(p), "https://desa-maju.id/profil");
    assert_string_equal(km_partner_name(p), "Koperasi Baru");
    assert_int_equal(km_partner_version(p), 3);
    assert_int_equal(km_partner_updated(p), T0 + 3 * SEC);
    km_partner_free(p);

    /* Clearing optional fields with NULL and with "". */
    up = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    up.region = NULL;
    up.email = "";
    up.phone = NULL;
    up.website = "";
    EXPECT_OK(km_partner_update(f->net, id, &up,
                                KM_PARTNER_F_REGION | KM_PARTNER_F_EMAIL | KM_PARTNER_F_PHONE | KM_PARTNER_F_WEBSITE |
                                    KM_PARTNER_F_SECTORS | KM_PARTNER_F_CAPABILITIES | KM_PARTNER_F_NEEDS));
    p = get_ok(f->net, id);
    assert_null(km_partner_region(p));
    assert_null(km_partner_email(p));
    assert_null(km_partner_phone(p));
    assert_null(km_partner_website(p));
    assert_int_equal(km_partner_sector_count(p), 0);
    assert_int_equal(km_partner_capability_count(p), 0);
    assert_int_equal(km_partner_need_count(p), 0);
    assert_string_equal(km_partner_name(p), "Koperasi Baru");
    assert_int_equal(km_partner_version(p), 4);
    km_partner_free(p);

    /* Everything at once. */
    in = full_fields();
    in.external_id = "ID-NIB-8120000123456";
    f->now = T0 + 4 * SEC;
    EXPECT_OK(km_partner_update(f->net, id, &in, KM_PARTNER_F_ALL));
    p = get_ok(f->net, id);
    assert_full_partner(p, id, T0 + 1 * SEC, T0 + 4 * SEC, 5);
    km_partner_free(p);

    /* Name is required even in an update. */
    up = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    expect_rejected(f, &up, id, KM_PARTNER_F_NAME, KM_EINVAL, "partner.name");
    expect_rejected(f, &up, id, KM_PARTNER_F_EXTERNAL_ID, KM_EINVAL, "partner.external_id");

    /* External id change: the old one is free, the new one found. */
    up.external_id = "ID-NIB-300";
    EXPECT_OK(km_partner_update(f->net, id, &up, KM_PARTNER_F_EXTERNAL_ID));
    q = (km_partner *)f;
    EXPECT_ERR(km_partner_get_by_external_id(&q, f->net, "ID-NIB-8120000123456"), KM_ENOTFOUND,
               "partner.external_id");
    assert_null(q);
    EXPECT_OK(km_partner_get_by_external_id(&q, f->net, "ID-NIB-300"));
    assert_int_equal(km_partner_id(q), id);
    km_partner_free(q);
    /* ... and the old one can be taken by someone else. */
    up.external_id = "ID-NIB-8120000123456";
    EXPECT_OK(km_partner_update(f->net, id2, &up, KM_PARTNER_F_EXTERNAL_ID));
    EXPECT_OK(km_partner_get_by_external_id(&q, f->net, "ID-NIB-8120000123456"));
    assert_int_equal(km_partner_id(q), id2);
    km_partner_free(q);
    /* Setting one's own external id again is not a collision. */
    up.external_id = "ID-NIB-300";
    EXPECT_OK(km_partner_update(f->net, id, &up, KM_PARTNER_F_EXTERNAL_ID));

    /* Taking another partner's external id. */
    up.external_id = "ID-NIB-8120000123456";
    expect_rejected(f, &up, id, KM_PARTNER_F_EXTERNAL_ID, KM_EEXISTS, "partner.external_id");
    EXPECT_OK(km_partner_get_by_external_id(&q, f->net, "ID-NIB-300"));
    assert_int_equal(km_partner_id(q), id);
    km_partner_free(q);

    /* Masks. */
    up = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    up.name = "X";
    expect_rejected(f, &up, id, 0, KM_EINVAL, "mask");
    expect_rejected(f, &up, id, 0x0400u, KM_EINVAL, "mask");
    expect_rejected(f, &up, id, KM_PARTNER_F_NAME | 0x8000u, KM_EINVAL, "mask");
    expect_rejected(f, &up, id, 0x80000000u, KM_EINVAL, "mask");
    /* Unknown partner. */
    expect_rejected(f, &up, 99, KM_PARTNER_F_NAME, KM_ENOTFOUND, "partner.id");
    {
        snap before, after;
        take_snap(f->net, &before);
        EXPECT_ERR(km_partner_update(f->net, 0, &up, KM_PARTNER_F_NAME), KM_ENOTFOUND, "partner.id");
        EXPECT_ERR(km_partner_update(NULL, id, &up, KM_PARTNER_F_NAME), KM_EINVAL, "net");
        take_snap(f->net, &after);
        assert_snap_equal(&before, &after);
    }

    /* Archived partners cannot be edited, until reactivated. */
    EXPECT_OK(km_partner_archive(f->net, id2, "bubar"));
    expect_rejected(f, &up, id2, KM_PARTNER_F_NAME, KM_ESTATE, "partner.status");
    EXPECT_OK(km_partner_set_status(f->net, id2, KM_PARTNER_ACTIVE, NULL));
    EXPECT_OK(km_partner_update(f->net, id2, &up, KM_PARTNER_F_NAME));
    p = get_ok(f->net, id2);
    assert_string_equal(km_partner_name(p), "X");
    km_partner_free(p);
}

/* ---- status --------------------------------------------------------------------- */

static void expect_counts(km_network *net, uint64_t total, uint64_t active, uint64_t suspended, uint64_t archived)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    uint64_t n = 0;
    EXPECT_OK(km_network_stats_get(&st, net));
    assert_int_equal(st.partners, total);
    assert_int_equal(st.partners_active, active);
    assert_int_equal(st.partners_suspended, suspended);
    assert_int_equal(st.partners_archived, archived);
    q.status = KM_PARTNER_ACTIVE;
    EXPECT_OK(km_partner_count(&n, net, &q));
    assert_int_equal(n, active);
    q.status = KM_PARTNER_SUSPENDED;
    EXPECT_OK(km_partner_count(&n, net, &q));
    assert_int_equal(n, suspended);
    q.status = KM_PARTNER_ARCHIVED;
    EXPECT_OK(km_partner_count(&n, net, &q));
    assert_int_equal(n, archived);
}

static void expect_status_rejected(fx *f, uint64_t id, int status, const char *reason, int code, const char *field)
{
    snap before, after;
    take_snap(f->net, &before);
    f->now += SEC;
    EXPECT_ERR(km_partner_set_status(f->net, id, status, reason), code, field);
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);
}

static void test_status_transitions(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields a = plain("Satu", "ID-NIB-1", KM_PARTNER_NGO);
    km_partner_fields b = plain("Dua", "ID-NIB-2", KM_PARTNER_NGO);
    km_partner *p;
    char *longreason;
    uint64_t id1, id2;

    id1 = create_ok(f->net, &a);
    id2 = create_ok(f->net, &b);
    expect_counts(f->net, 2, 2, 0, 0);

    /* Reasons are required to suspend or archive. */
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, NULL, KM_EINVAL, "partner.reason");
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, "", KM_EINVAL, "partner.reason");
    expect_status_rejected(f, id1, KM_PARTNER_ARCHIVED, NULL, KM_EINVAL, "partner.reason");
    {
        snap before, after;
        take_snap(f->net, &before);
        EXPECT_ERR(km_partner_archive(f->net, id1, NULL), KM_EINVAL, "partner.reason");
        take_snap(f->net, &after);
        assert_snap_equal(&before, &after);
    }
    longreason = repeat('r', KM_PARTNER_REASON_MAX + 1);
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, longreason, KM_EINVAL, "partner.reason");
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, "bad\x01reason", KM_EINVAL, "partner.reason");
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, "bad \xC0\x80", KM_EINVAL, "partner.reason");
    /* Same status, bad status values, unknown partner. */
    expect_status_rejected(f, id1, KM_PARTNER_ACTIVE, NULL, KM_ESTATE, "partner.status");
    expect_status_rejected(f, id1, KM_PARTNER_ACTIVE, "again", KM_ESTATE, "partner.status");
    expect_status_rejected(f, id1, -1, "x", KM_EINVAL, "partner.status");
    expect_status_rejected(f, id1, KM_PARTNER_STATUS__COUNT, "x", KM_EINVAL, "partner.status");
    expect_status_rejected(f, id1, INT_MAX, "x", KM_EINVAL, "partner.status");
    expect_status_rejected(f, 77, KM_PARTNER_SUSPENDED, "x", KM_ENOTFOUND, "partner.id");
    expect_status_rejected(f, 0, KM_PARTNER_SUSPENDED, "x", KM_ENOTFOUND, "partner.id");
    expect_counts(f->net, 2, 2, 0, 0);

    /* Suspend, with a multi-line reason of the maximum length. */
    longreason[KM_PARTNER_REASON_MAX] = '\0';
    longreason[10] = '\n';
    longreason[11] = '\t';
    f->now = T0 + 50 * SEC;
    EXPECT_OK(km_partner_set_status(f->net, id1, KM_PARTNER_SUSPENDED, longreason));
    p = get_ok(f->net, id1);
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_SUSPENDED);
    assert_string_equal(km_partner_status_reason(p), longreason);
    assert_int_equal(km_partner_version(p), 2);
    assert_int_equal(km_partner_updated(p), T0 + 50 * SEC);
    km_partner_free(p);
    expect_counts(f->net, 2, 1, 1, 0);
    expect_status_rejected(f, id1, KM_PARTNER_SUSPENDED, "lagi", KM_ESTATE, "partner.status");

    /* Suspended partners can still be edited. */
    {
        km_partner_fields up = KM_PARTNER_FIELDS_INIT;
        up.phone = "0221234567";
        EXPECT_OK(km_partner_update(f->net, id1, &up, KM_PARTNER_F_PHONE));
        p = get_ok(f->net, id1);
        assert_int_equal(km_partner_status_of(p), KM_PARTNER_SUSPENDED);
        assert_string_equal(km_partner_status_reason(p), longreason);
        km_partner_free(p);
    }

    /* Archive from suspended, and archive from active. */
    EXPECT_OK(km_partner_archive(f->net, id1, "ditutup"));
    expect_counts(f->net, 2, 1, 0, 1);
    EXPECT_OK(km_partner_set_status(f->net, id2, KM_PARTNER_ARCHIVED, "pindah"));
    expect_counts(f->net, 2, 0, 0, 2);
    expect_status_rejected(f, id2, KM_PARTNER_ARCHIVED, "lagi", KM_ESTATE, "partner.status");
    p = get_ok(f->net, id2);
    assert_string_equal(km_partner_status_reason(p), "pindah");
    km_partner_free(p);

    /* Reactivation: a reason is optional and replaces the old one. */
    EXPECT_OK(km_partner_set_status(f->net, id1, KM_PARTNER_ACTIVE, NULL));
    p = get_ok(f->net, id1);
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_ACTIVE);
    assert_null(km_partner_status_reason(p));
    assert_int_equal(km_partner_version(p), 5);
    km_partner_free(p);
    EXPECT_OK(km_partner_set_status(f->net, id2, KM_PARTNER_SUSPENDED, "diperiksa"));
    EXPECT_OK(km_partner_set_status(f->net, id2, KM_PARTNER_ACTIVE, "beres"));
    p = get_ok(f->net, id2);
    assert_string_equal(km_partner_status_reason(p), "beres");
    km_partner_free(p);
    expect_counts(f->net, 2, 2, 0, 0);
    free(longreason);
}

/* ---- immutable handles ---------------------------------------------------------- */

static void test_handles_immutable(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields in = full_fields();
    km_partner_fields up = plain("Nama Baru", "ID-NIB-777", KM_PARTNER_NGO);
    km_partner_page *page = NULL;
    km_partner *h1, *h2, *h3;
    km_audit *a = NULL;
    uint64_t id;

    f->now = T0;
    id = create_ok(f->net, &in);
    h1 = get_ok(f->net, id);
    EXPECT_OK(km_partner_list(&page, f->net, NULL));
    assert_int_equal(km_partner_page_count(page), 1);

    f->now = T0 + SEC;
    EXPECT_OK(km_partner_update(f->net, id, &up, KM_PARTNER_F_ALL));
    EXPECT_OK(km_partner_set_status(f->net, id, KM_PARTNER_SUSPENDED, "audit"));
    h2 = get_ok(f->net, id);
    assert_ptr_not_equal(h1, h2);
    /* The old handle and the page still show version 1 in full. */
    assert_full_partner(h1, id, T0, T0, 1);
    assert_full_partner(km_partner_page_get(page, 0), id, T0, T0, 1);
    assert_string_equal(km_partner_name(h2), "Nama Baru");
    assert_int_equal(km_partner_version(h2), 3);
    assert_int_equal(km_partner_sector_count(h2), 0);

    EXPECT_OK(km_audit_list(&a, f->net, NULL));
    h3 = NULL;
    EXPECT_OK(km_partner_get_by_external_id(&h3, f->net, "ID-NIB-777"));

    /* After close everything handed out stays readable. */
    km_network_close(f->net);
    f->net = NULL;
    assert_full_partner(h1, id, T0, T0, 1);
    assert_full_partner(km_partner_page_get(page, 0), id, T0, T0, 1);
    assert_null(km_partner_page_get(page, 1));
    assert_null(km_partner_page_cursor(page));
    assert_string_equal(km_partner_name(h2), "Nama Baru");
    assert_int_equal(km_partner_status_of(h2), KM_PARTNER_SUSPENDED);
    assert_string_equal(km_partner_status_reason(h2), "audit");
    assert_int_equal(km_partner_id(h3), id);
    assert_int_equal(km_partner_version(h3), 3);
    assert_int_equal(km_audit_count(a), 3);
    assert_string_equal(km_audit_operation(a, 2), "partner.status");
    km_partner_free(h1);
    km_partner_page_free(page);
    km_audit_free(a);
    assert_string_equal(km_partner_external_id(h2), "ID-NIB-777");
    km_partner_free(h2);
    km_partner_free(h3);
}

/* ---- listing -------------------------------------------------------------------- */

/* Reads every page of a query with the given page size, checking the page
 * contract as it goes; returns the ids in order. */
static size_t list_all(km_network *net, const km_partner_query *q0, uint32_t limit, uint64_t *ids, size_t max)
{
    km_partner_query q = *q0;
    char cursor[64];
    size_t n = 0, pages = 0;
    q.limit = limit;
    q.cursor = NULL;
    for (;;) {
        km_partner_page *page = NULL;
        const char *c;
        size_t i, k;
        EXPECT_OK(km_partner_list(&page, net, &q));
        assert_non_null(page);
        k = km_partner_page_count(page);
        assert_true(k <= (limit ? limit : 50));
        c = km_partner_page_cursor(page);
        /* Only the first page of an empty result may be empty. */
        if (k == 0) assert_true(pages == 0 && c == NULL);
        /* A page with a cursor is full. */
        if (c) assert_int_equal(k, limit ? limit : 50);
        for (i = 0; i < k; i++) {
            const km_partner *p = km_partner_page_get(page, i);
            assert_non_null(p);
            assert_true(n < max);
            if (n) assert_true(km_partner_id(p) > ids[n - 1]);
            ids[n++] = km_partner_id(p);
        }
        assert_null(km_partner_page_get(page, k));
        pages++;
        if (!c) {
            km_partner_page_free(page);
            break;
        }
        assert_true(strlen(c) < sizeof cursor);
        strcpy(cursor, c);
        km_partner_page_free(page);
        q.cursor = cursor;
    }
    return n;
}

static void expect_ids(km_network *net, const km_partner_query *q, const uint64_t *want, size_t nwant)
{
    uint64_t got[512];
    uint64_t count = 0;
    uint32_t limit;
    size_t i, n;
    for (limit = 1; limit <= 7; limit++) {
        n = list_all(net, q, limit, got, 512);
        assert_int_equal(n, nwant);
        for (i = 0; i < n; i++) assert_int_equal(got[i], want[i]);
    }
    n = list_all(net, q, 0, got, 512);
    assert_int_equal(n, nwant);
    n = list_all(net, q, 1000, got, 512);
    assert_int_equal(n, nwant);
    EXPECT_OK(km_partner_count(&count, net, q));
    assert_int_equal(count, nwant);
}

#define IDS(...) ((const uint64_t[]){ __VA_ARGS__ })
#define EXPECT_IDS(net, q, ...) \
    expect_ids((net), (q), IDS(__VA_ARGS__), sizeof(IDS(__VA_ARGS__)) / sizeof(uint64_t))
#define EXPECT_NONE(net, q) expect_ids((net), (q), NULL, 0)

typedef struct seed {
    const char *name;
    int kind;
    const char *region;
    const char *sector;
    const char *cap;
    const char *need;
} seed;

/* ids 1..10 */
static const seed SEEDS[] = {
    { "Koperasi Désa Maju", KM_PARTNER_COMMUNITY, "32.73.01.1001", "pertanian", "pelatihan", "modal" },
    { "Pemkot Bandung", KM_PARTNER_REGIONAL_GOVERNMENT, "32.73", "tata-kota", "perizinan", NULL },
    { "BUMDes Desa Sukamaju", KM_PARTNER_STATE_ENTERPRISE, "32.04.05", "pertanian", NULL, "pasar" },
    { "Universitas Padjadjaran", KM_PARTNER_ACADEMIC, "32.11", "pendidikan", "riset", NULL },
    { "Yayasan Cahaya", KM_PARTNER_FOUNDATION, "31.71", "pendidikan", "pendanaan", "relawan" },
    { "PT Tani Makmur", KM_PARTNER_PRIVATE_BUSINESS, "33", "pertanian", "pendanaan", "lahan" },
    { "LSM Air Bersih", KM_PARTNER_NGO, "32.73.02", "air-bersih", "pelatihan", "modal" },
    { "Kelompok Tani DÉSA Wangi", KM_PARTNER_COMMUNITY, NULL, "pertanian", NULL, "modal" },
    { "UNDP Indonesia", KM_PARTNER_INTERNATIONAL, "31", "air-bersih", "pendanaan", NULL },
    { "Bandung Creative Hub", KM_PARTNER_PRIVATE_BUSINESS, "32.73.01", "ekonomi-kreatif", "pelatihan", NULL },
};

static void load_seeds(fx *f)
{
    size_t i;
    for (i = 0; i < sizeof SEEDS / sizeof SEEDS[0]; i++) {
        km_partner_fields in = plain(SEEDS[i].name, NULL, SEEDS[i].kind);
        const char *s[1], *c[1], *n[1];
        char ext[32];
        snprintf(ext, sizeof ext, "ID-SEED-%u", (unsigned)(i + 1));
        in.external_id = ext;
        in.region = SEEDS[i].region;
        if (SEEDS[i].sector) { s[0] = SEEDS[i].sector; in.sectors = s; in.sectors_count = 1; }
        if (SEEDS[i].cap) { c[0] = SEEDS[i].cap; in.capabilities = c; in.capabilities_count = 1; }
        if (SEEDS[i].need) { n[0] = SEEDS[i].need; in.needs = n; in.needs_count = 1; }
        assert_int_equal(create_ok(f->net, &in), i + 1);
    }
}

static void test_list_filters(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q;
    load_seeds(f);

    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    EXPECT_IDS(f->net, &q, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    /* kind */
    q.kind = KM_PARTNER_COMMUNITY;
    EXPECT_IDS(f->net, &q, 1, 8);
    q.kind = KM_PARTNER_PRIVATE_BUSINESS;
    EXPECT_IDS(f->net, &q, 6, 10);
    q.kind = KM_PARTNER_INDIVIDUAL;
    EXPECT_NONE(f->net, &q);
    /* sector, capability, need */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "pertanian";
    EXPECT_IDS(f->net, &q, 1, 3, 6, 8);
    q.sector = "tidak-ada";
    EXPECT_NONE(f->net, &q);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.capability = "pendanaan";
    EXPECT_IDS(f->net, &q, 5, 6, 9);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.need = "modal";
    EXPECT_IDS(f->net, &q, 1, 7, 8);
    /* A capability is not a sector. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "pelatihan";
    EXPECT_NONE(f->net, &q);
    /* region prefix by whole segments */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.region_prefix = "32";
    EXPECT_IDS(f->net, &q, 1, 2, 3, 4, 7, 10);
    q.region_prefix = "32.73";
    EXPECT_IDS(f->net, &q, 1, 2, 7, 10);
    q.region_prefix = "32.73.01";
    EXPECT_IDS(f->net, &q, 1, 10);
    q.region_prefix = "32.73.01.1001";
    EXPECT_IDS(f->net, &q, 1);
    q.region_prefix = "31";
    EXPECT_IDS(f->net, &q, 5, 9);
    q.region_prefix = "33";
    EXPECT_IDS(f->net, &q, 6);
    q.region_prefix = "34";
    EXPECT_NONE(f->net, &q);
    q.region_prefix = "32.73.03";
    EXPECT_NONE(f->net, &q);
    /* name_contains: case- and accent-insensitive both ways */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.name_contains = "desa";
    EXPECT_IDS(f->net, &q, 1, 3, 8);
    q.name_contains = "DÉSA";
    EXPECT_IDS(f->net, &q, 1, 3, 8);
    q.name_contains = "De\xCC\x81sa"; /* decomposed e + combining acute */
    EXPECT_IDS(f->net, &q, 1, 3, 8);
    q.name_contains = "BANDUNG";
    EXPECT_IDS(f->net, &q, 2, 10);
    q.name_contains = "tani ";
    EXPECT_IDS(f->net, &q, 6, 8);
    q.name_contains = "";
    EXPECT_IDS(f->net, &q, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    q.name_contains = "zzz";
    EXPECT_NONE(f->net, &q);
    q.name_contains = "Koperasi Désa Maju!";
    EXPECT_NONE(f->net, &q);
    /* combinations */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "pertanian";
    q.need = "modal";
    EXPECT_IDS(f->net, &q, 1, 8);
    q.kind = KM_PARTNER_COMMUNITY;
    q.region_prefix = "32";
    EXPECT_IDS(f->net, &q, 1);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.region_prefix = "32.73";
    q.name_contains = "bandung";
    EXPECT_IDS(f->net, &q, 2, 10);
    q.capability = "pelatihan";
    EXPECT_IDS(f->net, &q, 10);
    q.kind = KM_PARTNER_NGO;
    EXPECT_NONE(f->net, &q);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.name_contains = "desa";
    q.sector = "pertanian";
    q.capability = "pelatihan";
    q.need = "modal";
    q.kind = KM_PARTNER_COMMUNITY;
    q.status = KM_PARTNER_ACTIVE;
    q.region_prefix = "32.73.01";
    EXPECT_IDS(f->net, &q, 1);

    /* status */
    EXPECT_OK(km_partner_set_status(f->net, 3, KM_PARTNER_SUSPENDED, "audit"));
    EXPECT_OK(km_partner_archive(f->net, 6, "tutup"));
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.status = KM_PARTNER_ACTIVE;
    EXPECT_IDS(f->net, &q, 1, 2, 4, 5, 7, 8, 9, 10);
    q.status = KM_PARTNER_SUSPENDED;
    EXPECT_IDS(f->net, &q, 3);
    q.status = KM_PARTNER_ARCHIVED;
    EXPECT_IDS(f->net, &q, 6);
    q.sector = "pertanian";
    EXPECT_IDS(f->net, &q, 6);
    q.status = -1;
    EXPECT_IDS(f->net, &q, 1, 3, 6, 8);

    /* Filters follow updates: partner 1 moves from pertanian to perikanan,
     * from 32.73.01.1001 to 33.01, and is renamed. */
    {
        static const char *const s[] = { "perikanan" };
        km_partner_fields up = KM_PARTNER_FIELDS_INIT;
        up.sectors = s;
        up.sectors_count = 1;
        up.region = "33.01";
        up.name = "Koperasi Nelayan";
        EXPECT_OK(km_partner_update(f->net, 1, &up, KM_PARTNER_F_SECTORS | KM_PARTNER_F_REGION | KM_PARTNER_F_NAME));
    }
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "pertanian";
    EXPECT_IDS(f->net, &q, 3, 6, 8);
    q.sector = "perikanan";
    EXPECT_IDS(f->net, &q, 1);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.region_prefix = "32.73.01";
    EXPECT_IDS(f->net, &q, 10);
    q.region_prefix = "32";
    EXPECT_IDS(f->net, &q, 2, 3, 4, 7, 10);
    q.region_prefix = "33";
    EXPECT_IDS(f->net, &q, 1, 6);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.name_contains = "desa";
    EXPECT_IDS(f->net, &q, 3, 8);
    q.name_contains = "nelayan";
    EXPECT_IDS(f->net, &q, 1);
    /* Capabilities and needs were outside the mask: unchanged. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.need = "modal";
    EXPECT_IDS(f->net, &q, 1, 7, 8);
    /* A kind change moves it between kind sets. */
    {
        km_partner_fields up = KM_PARTNER_FIELDS_INIT;
        up.kind = KM_PARTNER_NGO;
        EXPECT_OK(km_partner_update(f->net, 8, &up, KM_PARTNER_F_KIND));
    }
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.kind = KM_PARTNER_COMMUNITY;
    EXPECT_IDS(f->net, &q, 1);
    q.kind = KM_PARTNER_NGO;
    EXPECT_IDS(f->net, &q, 7, 8);
}

static void expect_query_rejected(km_network *net, const km_partner_query *q, int code, const char *field)
{
    km_partner_page *page = (km_partner_page *)q; /* must be reset to NULL */
    uint64_t n = 77;
    EXPECT_ERR(km_partner_list(&page, net, q), code, field);
    assert_null(page);
    if (q->cursor == NULL && q->limit <= 1000) {
        EXPECT_ERR(km_partner_count(&n, net, q), code, field);
        assert_int_equal(n, 0);
    }
}

static void test_list_errors(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q;
    km_partner_page *page = NULL;
    uint64_t n = 0;
    static const char *const bad_cursors[] = {
        "", "x", "p1:", "p1:abc", "p1:5x", "p2:5", "P1:5", "p1:-5", "p1: 5", "p1:+5", "5", "p1:5 "
    };
    static const char *const bad_regions[] = { "32.7", "3", "10", "32-73", "32.73.1", "", "32." };
    size_t i;

    load_seeds(f);
    for (i = 0; i < sizeof bad_cursors / sizeof bad_cursors[0]; i++) {
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        q.cursor = bad_cursors[i];
        expect_query_rejected(f->net, &q, KM_EINVAL, "query.cursor");
    }
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.limit = 1001;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.limit");
    q.limit = UINT32_MAX;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.limit");
    /* count ignores the limit and cursor */
    EXPECT_OK(km_partner_count(&n, f->net, &q));
    assert_int_equal(n, 10);
    q.limit = 0;
    q.cursor = "garbage";
    EXPECT_OK(km_partner_count(&n, f->net, &q));
    assert_int_equal(n, 10);
    q.cursor = NULL;

    q.kind = -2;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.kind");
    q.kind = KM_PARTNER_KIND__COUNT;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.kind");
    q.kind = INT_MIN;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.kind");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.status = -2;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.status");
    q.status = KM_PARTNER_STATUS__COUNT;
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.status");
    for (i = 0; i < sizeof bad_regions / sizeof bad_regions[0]; i++) {
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        q.region_prefix = bad_regions[i];
        expect_query_rejected(f->net, &q, KM_EINVAL, "query.region_prefix");
    }
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "Pertanian";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.sector");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.sector");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.capability = "dua kata";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.capability");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.need = "x.y";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.need");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.name_contains = "\xC0\x80";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.name_contains");
    q.name_contains = "a\x01";
    expect_query_rejected(f->net, &q, KM_EINVAL, "query.name_contains");
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.version = 0;
    expect_query_rejected(f->net, &q, KM_EVERSION, "query.version");
    q.version = KM_PARTNER_QUERY_VERSION + 1;
    expect_query_rejected(f->net, &q, KM_EVERSION, "query.version");

    EXPECT_ERR(km_partner_list(NULL, f->net, NULL), KM_EINVAL, "out");
    EXPECT_ERR(km_partner_list(&page, NULL, NULL), KM_EINVAL, "net");
    assert_null(page);
    EXPECT_ERR(km_partner_count(NULL, f->net, NULL), KM_EINVAL, "out");
    EXPECT_ERR(km_partner_count(&n, NULL, NULL), KM_EINVAL, "net");
    EXPECT_OK(km_partner_count(&n, f->net, NULL));
    assert_int_equal(n, 10);
    assert_int_equal(km_partner_page_count(NULL), 0);
    assert_null(km_partner_page_get(NULL, 0));
    assert_null(km_partner_page_cursor(NULL));
    km_partner_page_free(NULL);
    assert_int_equal(km_network_seq(f->net), 10);
}

static void test_list_pagination(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_partner_page *page = NULL;
    uint64_t want[120], got[120];
    size_t i, n, nw = 0;
    uint32_t limit;
    char cursor[64];

    EXPECT_OK(km_network_begin(f->net));
    for (i = 1; i <= 120; i++) {
        static const char *const even[] = { "genap" };
        km_partner_fields in = plain("Mitra", NULL, (int)(i % KM_PARTNER_KIND__COUNT));
        char ext[32];
        snprintf(ext, sizeof ext, "ID-PG-%u", (unsigned)i);
        in.external_id = ext;
        if (i % 2 == 0) { in.sectors = even; in.sectors_count = 1; }
        if (i % 3 == 0) in.name = "Mitra Tiga";
        create_ok(f->net, &in);
    }
    EXPECT_OK(km_network_commit(f->net));

    /* An empty result is one empty page without a cursor. */
    q.sector = "ganjil";
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 0);
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);

    /* Default page size is 50. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 50);
    assert_non_null(km_partner_page_cursor(page));
    km_partner_page_free(page);
    q.limit = 120;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 120);
    assert_null(km_partner_page_cursor(page)); /* exactly full: still the last page */
    km_partner_page_free(page);
    q.limit = 119;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 119);
    assert_non_null(km_partner_page_cursor(page));
    strcpy(cursor, km_partner_page_cursor(page));
    km_partner_page_free(page);
    q.cursor = cursor;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 1);
    assert_int_equal(km_partner_id(km_partner_page_get(page, 0)), 120);
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);

    for (i = 1; i <= 120; i++) want[i - 1] = i;
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    expect_ids(f->net, &q, want, 120);
    q.sector = "genap";
    for (i = 2, nw = 0; i <= 120; i += 2) want[nw++] = i;
    expect_ids(f->net, &q, want, nw);
    q.name_contains = "tiga";
    for (i = 6, nw = 0; i <= 120; i += 6) want[nw++] = i;
    expect_ids(f->net, &q, want, nw);
    q.sector = NULL;
    q.kind = 3;
    for (i = 1, nw = 0; i <= 120; i++)
        if (i % 3 == 0 && i % KM_PARTNER_KIND__COUNT == 3) want[nw++] = i;
    expect_ids(f->net, &q, want, nw);

    /* A cursor stays valid while the registry changes: a page continues
     * after the last id it returned, and sees later additions. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.sector = "genap";
    q.limit = 7;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    strcpy(cursor, km_partner_page_cursor(page));
    assert_int_equal(km_partner_id(km_partner_page_get(page, 6)), 14);
    km_partner_page_free(page);
    {
        km_partner_fields up = KM_PARTNER_FIELDS_INIT;
        EXPECT_OK(km_partner_update(f->net, 16, &up, KM_PARTNER_F_SECTORS)); /* drops "genap" */
    }
    q.cursor = cursor;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_id(km_partner_page_get(page, 0)), 18);
    km_partner_page_free(page);

    /* Cursors beyond the end give an empty last page. */
    q.cursor = "p1:120";
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 0);
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);
    q.cursor = "p1:0";
    q.sector = NULL;
    q.limit = 3;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_id(km_partner_page_get(page, 0)), 1);
    km_partner_page_free(page);
    q.cursor = "p1:18446744073709551614";
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 0);
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);
    /* Values no page can produce: id + 1 would wrap around (and restart the
     * listing from the first partner, looping a client forever), or the
     * number overflows. */
    q.cursor = "p1:18446744073709551615";
    page = NULL;
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.cursor");
    assert_null(page);
    q.cursor = "p1:99999999999999999999999";
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.cursor");
    assert_null(page);

    /* Pagination with every limit gives each match once. */
    for (limit = 1; limit <= 7; limit++) {
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        q.kind = 5;
        n = list_all(f->net, &q, limit, got, 120);
        for (i = 0; i < n; i++) assert_int_equal(got[i] % KM_PARTNER_KIND__COUNT, 5);
        assert_int_equal(n, 120 / 11 + (120 % 11 >= 5 ? 1 : 0));
    }
}

/* ---- randomized list/count against a brute-force filter --------------------------- */

static uint64_t rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static size_t rnd(size_t n) { return (size_t)(rng() % n); }

static const char *const NAME_PARTS[] = {
    "Koperasi", "Désa", "DESA", "Bandung", "BANDUNG", "Tani", "Łódź", "Straße", "Café", "Nelayan", "Maju", "Ümit",
    "Jaya", "Sejahtera", "Ñandú", "Kota"
};
static const char *const TAG_POOL[] = { "pangan", "air", "energi", "kesehatan", "pendidikan", "umkm", "digital", "iklim" };
static const char *const REGION_POOL[] = {
    NULL, "32", "32.73", "32.73.01", "32.73.01.1001", "32.73.02", "32.04", "31", "31.71.01", "33", "33.01.02.2002"
};
static const char *const NEEDLES[] = {
    "desa", "DÉSA", "bandung", "tani", "lodz", "ŁÓDŹ", "strasse", "cafe", "nelayan maju", "a", "umit", "xyz",
    "ñandu", "kota", "jaya s", "ss", "é"
};
static const char *const PREFIXES[] = { "32", "32.73", "32.73.01", "32.73.01.1001", "31", "33", "33.01", "34", "32.04" };

/* Reference folding for the characters the name pool uses. */
static void ref_fold(const char *s, char *out, size_t cap)
{
    static const struct { const char *from, *to; } map[] = {
        { "\xC3\xA9", "e" }, { "\xC3\x89", "e" }, { "\xC5\x81", "l" }, { "\xC5\x82", "l" }, { "\xC3\xB3", "o" },
        { "\xC3\x93", "o" }, { "\xC5\xBA", "z" }, { "\xC5\xB9", "z" }, { "\xC3\x9F", "ss" }, { "\xC3\x9C", "u" },
        { "\xC3\xBC", "u" }, { "\xC3\x91", "n" }, { "\xC3\xB1", "n" }, { "\xC3\xBA", "u" }, { "\xC3\x9A", "u" },
    };
    size_t o = 0, i;
    while (*s) {
        int done = 0;
        for (i = 0; i < sizeof map / sizeof map[0]; i++) {
            size_t l = strlen(map[i].from);
            if (strncmp(s, map[i].from, l) == 0) {
                size_t t = strlen(map[i].to);
                assert_true(o + t < cap);
                memcpy(out + o, map[i].to, t);
                o += t;
                s += l;
                done = 1;
                break;
            }
        }
        if (done) continue;
        assert_true((unsigned char)*s < 0x80); /* the pool has no other non-ASCII */
        assert_true(o + 1 < cap);
        out[o++] = (char)((*s >= 'A' && *s <= 'Z') ? *s + 32 : *s);
        s++;
    }
    out[o] = '\0';
}

static int has_tag(const km_partner *p, int list, const char *tag)
{
    size_t i, n = list == 0 ? km_partner_sector_count(p) : list == 1 ? km_partner_capability_count(p)
                                                                     : km_partner_need_count(p);
    for (i = 0; i < n; i++) {
        const char *t = list == 0 ? km_partner_sector(p, i) : list == 1 ? km_partner_capability(p, i)
                                                                        : km_partner_need(p, i);
        if (strcmp(t, tag) == 0) return 1;
    }
    return 0;
}

static int brute_match(const km_partner *p, const km_partner_query *q)
{
    if (q->kind != -1 && km_partner_kind_of(p) != q->kind) return 0;
    if (q->status != -1 && km_partner_status_of(p) != q->status) return 0;
    if (q->sector && !has_tag(p, 0, q->sector)) return 0;
    if (q->capability && !has_tag(p, 1, q->capability)) return 0;
    if (q->need && !has_tag(p, 2, q->need)) return 0;
    if (q->region_prefix) {
        const char *r = km_partner_region(p);
        size_t l = strlen(q->region_prefix);
        if (!r || strncmp(r, q->region_prefix, l) != 0 || (r[l] != '\0' && r[l] != '.')) return 0;
    }
    if (q->name_contains) {
        char hay[512], needle[128];
        ref_fold(km_partner_name(p), hay, sizeof hay);
        ref_fold(q->name_contains, needle, sizeof needle);
        if (!strstr(hay, needle)) return 0;
    }
    return 1;
}

static void random_tags(const char **out, size_t *n)
{
    size_t k = rnd(4), i, j;
    *n = 0;
    for (i = 0; i < k; i++) {
        const char *t = TAG_POOL[rnd(sizeof TAG_POOL / sizeof TAG_POOL[0])];
        for (j = 0; j < *n && strcmp(out[j], t) != 0; j++) {}
        if (j == *n) out[(*n)++] = t;
    }
}

static void random_name(char *buf, size_t cap)
{
    size_t parts = 1 + rnd(3), i;
    buf[0] = '\0';
    for (i = 0; i < parts; i++) {
        if (i) strncat(buf, " ", cap - strlen(buf) - 1);
        strncat(buf, NAME_PARTS[rnd(sizeof NAME_PARTS / sizeof NAME_PARTS[0])], cap - strlen(buf) - 1);
    }
}

#define RAND_PARTNERS 300

/* A random name (in name[96]), kind, region and tags (in s, c, n). */
static void random_fields(km_partner_fields *f, char *name, const char **s, const char **c, const char **n)
{
    random_name(name, 96);
    f->name = name;
    f->kind = (int)rnd(KM_PARTNER_KIND__COUNT);
    f->region = REGION_POOL[rnd(sizeof REGION_POOL / sizeof REGION_POOL[0])];
    random_tags(s, &f->sectors_count);
    random_tags(c, &f->capabilities_count);
    random_tags(n, &f->needs_count);
    f->sectors = s;
    f->capabilities = c;
    f->needs = n;
}

/* Creates a partner with random fields; its id. */
static uint64_t create_random(km_network *net, const char *ext)
{
    km_partner_fields in = KM_PARTNER_FIELDS_INIT;
    const char *s[4], *c[4], *n[4];
    char name[96];
    random_fields(&in, name, s, c, n);
    in.external_id = ext;
    return create_ok(net, &in);
}

#define CHECK_MAX 800

/* nq random queries against partners 1..n, each compared with the brute
 * force answer (list pages of random size, then count). */
static void check_queries(km_network *net, uint64_t n_partners, size_t nq, uint64_t *got)
{
    size_t qi;
    for (qi = 0; qi < nq; qi++) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        uint64_t want[CHECK_MAX], count = 0, id;
        size_t nw = 0, n, k;
        if (rnd(3) == 0) q.kind = (int)rnd(KM_PARTNER_KIND__COUNT);
        if (rnd(3) == 0) q.status = (int)rnd(KM_PARTNER_STATUS__COUNT);
        if (rnd(3) == 0) q.sector = TAG_POOL[rnd(sizeof TAG_POOL / sizeof TAG_POOL[0])];
        if (rnd(4) == 0) q.capability = TAG_POOL[rnd(sizeof TAG_POOL / sizeof TAG_POOL[0])];
        if (rnd(4) == 0) q.need = TAG_POOL[rnd(sizeof TAG_POOL / sizeof TAG_POOL[0])];
        if (rnd(3) == 0) q.region_prefix = PREFIXES[rnd(sizeof PREFIXES / sizeof PREFIXES[0])];
        if (rnd(3) == 0) q.name_contains = NEEDLES[rnd(sizeof NEEDLES / sizeof NEEDLES[0])];
        assert_true(n_partners <= CHECK_MAX);
        for (id = 1; id <= n_partners; id++) {
            km_partner *p = get_ok(net, id);
            if (brute_match(p, &q)) want[nw++] = id;
            km_partner_free(p);
        }
        n = list_all(net, &q, (uint32_t)(1 + rnd(60)), got, CHECK_MAX);
        if (n != nw) print_error("query %u: list %u, brute force %u\n", (unsigned)qi, (unsigned)n, (unsigned)nw);
        assert_int_equal(n, nw);
        for (k = 0; k < n; k++) assert_int_equal(got[k], want[k]);
        EXPECT_OK(km_partner_count(&count, net, &q));
        assert_int_equal(count, nw);
    }
}

static void test_list_randomized(void **state)
{
    fx *f = (fx *)*state;
    static uint64_t got[CHECK_MAX + 1];
    size_t i, round;
    rng_state = UINT64_C(0x5EED0FCAFE);

    for (i = 1; i <= RAND_PARTNERS; i++) {
        char ext[32];
        snprintf(ext, sizeof ext, "ID-RND-%u", (unsigned)i);
        /* Some in transactions, so entries hold several events. */
        if (i % 50 == 1) EXPECT_OK(km_network_begin(f->net));
        assert_int_equal(create_random(f->net, ext), i);
        if (i % 50 == 25) EXPECT_OK(km_network_commit(f->net));
    }

    for (round = 0; round < 6; round++) {
        /* Random changes. */
        for (i = 0; i < 100; i++) {
            uint64_t id = 1 + rnd(RAND_PARTNERS);
            km_partner *p = get_ok(f->net, id);
            int st = km_partner_status_of(p);
            km_partner_free(p);
            if (rnd(4) == 0) {
                int to = (int)rnd(KM_PARTNER_STATUS__COUNT);
                if (to == st) continue;
                EXPECT_OK(km_partner_set_status(f->net, id, to, to == KM_PARTNER_ACTIVE ? NULL : "acak"));
            } else if (st != KM_PARTNER_ARCHIVED) {
                km_partner_fields up = KM_PARTNER_FIELDS_INIT;
                const char *s[4], *c[4], *n[4];
                char name[96];
                uint32_t mask;
                random_fields(&up, name, s, c, n);
                mask = (uint32_t)(1 + rnd(KM_PARTNER_F_ALL)) & ~KM_PARTNER_F_EXTERNAL_ID;
                if (!mask) mask = KM_PARTNER_F_NAME;
                EXPECT_OK(km_partner_update(f->net, id, &up, mask));
            }
        }
        check_queries(f->net, RAND_PARTNERS, 60, got);
    }
}

/* Random creations, updates and queries inside transactions that commit or
 * roll back: a creation's index memberships wait for the commit or for the
 * first query (km__partner_index_flush), and every query must still agree
 * with the brute-force answer, before and after each rollback. Rounds of
 * 20 to 60 creations cross the point where a flush goes set by set. */
static void test_list_in_transactions(void **state)
{
    fx *f = (fx *)*state;
    static uint64_t got[CHECK_MAX + 1];
    uint64_t n = 0;
    size_t round;
    rng_state = UINT64_C(0x7A5AC51);
    for (round = 0; round < 12; round++) {
        uint64_t k, made = rnd(41) + 20;
        EXPECT_OK(km_network_begin(f->net));
        for (k = 1; k <= made; k++) {
            char ext[32];
            snprintf(ext, sizeof ext, "ID-TXN-%u-%u", (unsigned)round, (unsigned)k);
            assert_int_equal(create_random(f->net, ext), n + k);
            if (rnd(8) == 0) { /* often one created in this transaction */
                km_partner_fields up = KM_PARTNER_FIELDS_INIT;
                const char *s[4];
                up.region = REGION_POOL[rnd(sizeof REGION_POOL / sizeof REGION_POOL[0])];
                random_tags(s, &up.sectors_count);
                up.sectors = s;
                uint64_t id = rnd(2) ? n + k : 1 + rnd(n + k);
                EXPECT_OK(km_partner_update(f->net, id, &up, KM_PARTNER_F_REGION | KM_PARTNER_F_SECTORS));
            }
            if (rnd(25) == 0) check_queries(f->net, n + k, 3, got);
        }
        if (rnd(2) == 0) { /* often with partners still waiting for their flush */
            EXPECT_OK(km_network_rollback(f->net));
        } else {
            check_queries(f->net, n + made, 10, got);
            EXPECT_OK(km_network_commit(f->net));
            n += made;
        }
        check_queries(f->net, n, 10, got);
    }
    assert_true(n > 0);
}

/* Keys of 1 to 20 bytes that differ from one another in a single byte, at
 * every position, all created in one transaction (a bulk flush): the
 * flush's memo names a key of up to 16 bytes by two words and its length,
 * which must tell every one of them apart. Each key's set holds exactly
 * its partner. */
static void test_bulk_short_keys(void **state)
{
    fx *f = (fx *)*state;
    char key[24];
    size_t len, at;
    uint64_t id = 0, n;
    EXPECT_OK(km_network_begin(f->net));
    for (len = 1; len <= 20; len++)
        for (at = 0; at <= len; at++) { /* at == len: the key of all 'a' */
            km_partner_fields in = KM_PARTNER_FIELDS_INIT;
            const char *c[1];
            char name[48], ext[48];
            memset(key, 'a', len);
            key[len] = '\0';
            if (at < len) key[at] = 'b';
            id++;
            snprintf(name, sizeof name, "Mitra Kunci Pendek %llu", (unsigned long long)id);
            snprintf(ext, sizeof ext, "ID-SHORT-%llu", (unsigned long long)id);
            c[0] = key;
            in.name = name;
            in.external_id = ext;
            in.capabilities = c;
            in.capabilities_count = 1;
            assert_int_equal(create_ok(f->net, &in), id);
        }
    EXPECT_OK(km_network_commit(f->net));
    for (len = 1; len <= 20; len++)
        for (at = 0; at <= len; at++) {
            km_partner_query q = KM_PARTNER_QUERY_INIT;
            memset(key, 'a', len);
            key[len] = '\0';
            if (at < len) key[at] = 'b';
            q.capability = key;
            EXPECT_OK(km_partner_count(&n, f->net, &q));
            assert_int_equal(n, 1);
        }
}

/* One transaction of 7,000 partners, each with a capability and a need of
 * its own: 14,000 new keys in one flush, more than its memo of keys keeps
 * (the rest found through the key index), half of them longer than the
 * memo copies (read through the index entry). A second transaction reuses
 * some of them, found in the memo kept from the first. Every key's set
 * must hold exactly its partners. */
static void test_bulk_many_keys(void **state)
{
    fx *f = (fx *)*state;
    uint64_t i, n;
    char cap[32], need[80];
    EXPECT_OK(km_network_begin(f->net));
    for (i = 1; i <= 7000; i++) {
        km_partner_fields in = KM_PARTNER_FIELDS_INIT;
        const char *c[1], *nd[1];
        char name[32], ext[32];
        snprintf(name, sizeof name, "Mitra Kunci %llu", (unsigned long long)i);
        snprintf(ext, sizeof ext, "ID-KEY-%llu", (unsigned long long)i);
        snprintf(cap, sizeof cap, "c%llu", (unsigned long long)i);
        snprintf(need, sizeof need, "kebutuhan-khusus-nomor-%05llu", (unsigned long long)i);
        c[0] = cap;
        nd[0] = need;
        in.name = name;
        in.external_id = ext;
        in.kind = (int)(i % KM_PARTNER_KIND__COUNT);
        in.region = REGION_POOL[1 + i % 10];
        in.capabilities = c;
        in.capabilities_count = 1;
        in.needs = nd;
        in.needs_count = 1;
        assert_int_equal(create_ok(f->net, &in), i);
    }
    EXPECT_OK(km_network_commit(f->net));
    EXPECT_OK(km_network_begin(f->net));
    for (i = 1; i <= 20; i++) { /* partner 7000 + i shares the keys of partner 350 * i */
        km_partner_fields in = KM_PARTNER_FIELDS_INIT;
        const char *c[1], *nd[1];
        char name[32], ext[32];
        snprintf(name, sizeof name, "Mitra Ulang %llu", (unsigned long long)i);
        snprintf(ext, sizeof ext, "ID-KEY-ULANG-%llu", (unsigned long long)i);
        snprintf(cap, sizeof cap, "c%llu", (unsigned long long)(350 * i));
        snprintf(need, sizeof need, "kebutuhan-khusus-nomor-%05llu", (unsigned long long)(350 * i));
        c[0] = cap;
        nd[0] = need;
        in.name = name;
        in.external_id = ext;
        in.capabilities = c;
        in.capabilities_count = 1;
        in.needs = nd;
        in.needs_count = 1;
        assert_int_equal(create_ok(f->net, &in), 7000 + i);
    }
    EXPECT_OK(km_network_commit(f->net));
    for (i = 1; i <= 7000; i += 7) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        uint64_t want = i % 350 == 0 ? 2 : 1;
        snprintf(cap, sizeof cap, "c%llu", (unsigned long long)i);
        q.capability = cap;
        EXPECT_OK(km_partner_count(&n, f->net, &q));
        assert_int_equal(n, want);
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        snprintf(need, sizeof need, "kebutuhan-khusus-nomor-%05llu", (unsigned long long)i);
        q.need = need;
        EXPECT_OK(km_partner_count(&n, f->net, &q));
        assert_int_equal(n, want);
        q.region_prefix = REGION_POOL[1 + i % 10];
        EXPECT_OK(km_partner_count(&n, f->net, &q));
        assert_int_equal(n, 1); /* the reuse has no region */
    }
    {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        q.region_prefix = "32";
        EXPECT_OK(km_partner_count(&n, f->net, &q)); /* REGION_POOL[1..6]: "32", "32.73", ... "32.04" */
        assert_int_equal(n, 700 * 6);
    }
}

/* ---- labels ----------------------------------------------------------------------- */

static void test_labels(void **state)
{
    static const char *const kind_id[] = {
        "Kementerian/lembaga", "Instansi pemerintah pusat", "Pemerintah daerah", "BUMN/BUMD", "Badan usaha swasta",
        "LSM/organisasi nirlaba", "Perguruan tinggi/lembaga riset", "Organisasi internasional",
        "Organisasi masyarakat", "Perorangan", "Yayasan/filantropi"
    };
    static const char *const kind_en[] = {
        "Ministry or national institution", "National government agency", "Regional government",
        "State- or region-owned enterprise", "Private business", "Nonprofit / NGO",
        "Academic or research institution", "International organisation", "Community organisation", "Individual",
        "Foundation or philanthropy"
    };
    static const int iati[] = { 10, 10, 11, 15, 70, 22, 80, 40, 24, 90, 60 };
    static const char *const status_id[] = { "aktif", "ditangguhkan", "diarsipkan" };
    static const char *const status_en[] = { "active", "suspended", "archived" };
    static const int bad[] = { -1, INT_MIN, INT_MAX, 1000 };
    int k;
    size_t i;
    (void)state;
    assert_int_equal(sizeof kind_id / sizeof kind_id[0], KM_PARTNER_KIND__COUNT);
    for (k = 0; k < KM_PARTNER_KIND__COUNT; k++) {
        assert_string_equal(km_partner_kind_label(k, KM_LANG_ID), kind_id[k]);
        assert_string_equal(km_partner_kind_label(k, KM_LANG_EN), kind_en[k]);
        assert_int_equal(km_partner_kind_iati(k), iati[k]);
    }
    assert_string_equal(km_partner_kind_label(KM_PARTNER_KIND__COUNT, KM_LANG_ID), "?");
    assert_string_equal(km_partner_kind_label(KM_PARTNER_KIND__COUNT, KM_LANG_EN), "?");
    assert_int_equal(km_partner_kind_iati(KM_PARTNER_KIND__COUNT), -1);
    for (k = 0; k < KM_PARTNER_STATUS__COUNT; k++) {
        assert_string_equal(km_partner_status_label(k, KM_LANG_ID), status_id[k]);
        assert_string_equal(km_partner_status_label(k, KM_LANG_EN), status_en[k]);
    }
    assert_string_equal(km_partner_status_label(KM_PARTNER_STATUS__COUNT, KM_LANG_ID), "?");
    assert_string_equal(km_partner_status_label(KM_PARTNER_STATUS__COUNT, KM_LANG_EN), "?");
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_string_equal(km_partner_kind_label(bad[i], KM_LANG_ID), "?");
        assert_string_equal(km_partner_kind_label(bad[i], KM_LANG_EN), "?");
        assert_int_equal(km_partner_kind_iati(bad[i]), -1);
        assert_string_equal(km_partner_status_label(bad[i], KM_LANG_ID), "?");
        assert_string_equal(km_partner_status_label(bad[i], KM_LANG_EN), "?");
        assert_string_equal(km_entity_label(bad[i], KM_LANG_EN), "?");
    }
    assert_string_equal(km_entity_label(KM_ENTITY_NETWORK, KM_LANG_ID), "jaringan");
    assert_string_equal(km_entity_label(KM_ENTITY_NETWORK, KM_LANG_EN), "network");
    assert_string_equal(km_entity_label(KM_ENTITY_PARTNER, KM_LANG_ID), "mitra");
    assert_string_equal(km_entity_label(KM_ENTITY_PARTNER, KM_LANG_EN), "partner");
    assert_string_equal(km_entity_label(KM_ENTITY__COUNT, KM_LANG_EN), "?");
}

/* ---- strings found by walking --------------------------------------------- */

/* Partner i of test_strings_alone: optional string k (region, email,
 * phone, website) set when bit k of i is, tags when bit 4 is. */
static km_partner_fields strings_of(unsigned i, char *name, char *ext)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    sprintf(name, "Mitra %u", i);
    sprintf(ext, "ID-NIB-%013u", i);
    f.name = name;
    f.external_id = ext;
    f.kind = KM_PARTNER_PRIVATE_BUSINESS;
    if (i & 1) f.region = "32.73";
    if (i & 2) f.email = "info@mitra.example.id";
    if (i & 4) f.phone = "+62 22 1234567";
    if (i & 8) f.website = "https://mitra.example.id";
    if (i & 16) {
        f.sectors = SECTORS;
        f.sectors_count = 3;
        f.needs = NEEDS;
        f.needs_count = 1;
    }
    return f;
}

static void expect_str(const char *got, const char *want)
{
    if (want) assert_string_equal(got, want);
    else assert_null(got);
}

/* Partner id (made by strings_of(id - 1)) reads back every string as set
 * or unset, the reason too (set on the odd ids, see below). */
static void check_strings(km_network *net, uint64_t id)
{
    char name[32], ext[32];
    unsigned i = (unsigned)id - 1;
    km_partner_fields f = strings_of(i, name, ext);
    km_partner *p = get_ok(net, id);
    expect_str(km_partner_name(p), f.name);
    expect_str(km_partner_external_id(p), f.external_id);
    expect_str(km_partner_region(p), f.region);
    expect_str(km_partner_email(p), f.email);
    expect_str(km_partner_phone(p), f.phone);
    expect_str(km_partner_website(p), f.website);
    expect_str(km_partner_status_reason(p), id % 2 ? "audit berkala" : NULL);
    assert_int_equal(km_partner_sector_count(p), f.sectors_count);
    if (f.sectors_count) assert_string_equal(km_partner_sector(p, 2), SECTORS[2]);
    km_partner_free(p);
}

/* The record keeps no offsets: the name follows the tag numbers, the
 * external id and the region follow by their lengths, and the rarer
 * strings by walking the ones set before them. Every combination of the
 * optional strings, with and without tags, with and without a status
 * reason, reads back right; after replaying the log and after a snapshot
 * load too. */
static void test_strings_alone(void **state)
{
    km_storage *store = NULL;
    km_network *net = NULL;
    unsigned i;
    int pass;
    (void)state;
    assert_int_equal(km_storage_memory_new(&store, NULL), 0);
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    for (i = 0; i < 32; i++) {
        char name[32], ext[32];
        km_partner_fields f = strings_of(i, name, ext);
        assert_int_equal(create_ok(net, &f), i + 1);
        if ((i + 1) % 2) EXPECT_OK(km_partner_set_status(net, i + 1, KM_PARTNER_SUSPENDED, "audit berkala"));
    }
    for (i = 0; i < 32; i++) check_strings(net, i + 1);
    for (pass = 0; pass < 2; pass++) { /* replay the log, then load a snapshot */
        if (pass == 1) EXPECT_OK(km_network_snapshot(net));
        km_network_close(net);
        assert_int_equal(km_network_open(&net, store, NULL), 0);
        for (i = 0; i < 32; i++) check_strings(net, i + 1);
    }
    km_network_close(net);
    km_storage_free(store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_get_roundtrip, net_setup, net_teardown),
        cmocka_unit_test(test_strings_alone),
        cmocka_unit_test_setup_teardown(test_get_errors, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_validation_fields, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_validation_good_values, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_validation_tags, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_external_id, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_update_masks, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_status_transitions, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_handles_immutable, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_list_filters, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_list_errors, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_list_pagination, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_list_randomized, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_list_in_transactions, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_bulk_many_keys, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_bulk_short_keys, net_setup, net_teardown),
        cmocka_unit_test(test_labels),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
