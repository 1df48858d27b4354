/* Unit tests for name-ordered partner listings (km_partner_query.order =
 * KM_PARTNER_ORDER_NAME), through the public API only: validation of the
 * order and of name cursors, version-1 queries, every page of every query
 * compared with a brute-force sort by (name bytes, id) under both plans
 * (selecting few candidates, walking the name index for many) and the
 * walk's fallback, the index kept right across new partners, renames,
 * status changes, rollbacks and snapshots, time travel, and an
 * out-of-memory loop over building and extending the index. */
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

#define T0 INT64_C(1767225600000000) /* 2026-01-01 00:00:00 UTC in microseconds */
#define MAXP 21000

typedef struct fx {
    km_network *net;
    int64_t now;
    uint64_t created;
} fx;

static fx g_fx;

static int64_t fx_clock(void *payload)
{
    fx *f = (fx *)payload;
    return f->now += 1000;
}

static int net_setup(void **state)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    memset(&g_fx, 0, sizeof g_fx);
    g_fx.now = T0;
    o.clock = fx_clock;
    o.clock_payload = &g_fx;
    *state = &g_fx;
    return km_network_open(&g_fx.net, NULL, &o) == 0 ? 0 : -1;
}

static int net_teardown(void **state)
{
    fx *f = (fx *)*state;
    km_network_close(f->net);
    f->net = NULL;
    return 0;
}

#define EXPECT_ERR(expr, code, field)                                                       \
    do {                                                                                    \
        int rc_ = (expr);                                                                   \
        assert_int_equal(rc_, (code));                                                      \
        assert_string_equal(km_error_last_field(), (field));                                \
    } while (0)

/* ---- data ---- */

static uint64_t rng_state;

static uint64_t rnd(uint64_t n)
{
    rng_state += UINT64_C(0x9E3779B97F4A7C15);
    {
        uint64_t z = rng_state;
        z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
        return (z ^ (z >> 31)) % n;
    }
}

static const char *const REGIONS[] = { "32", "32.73", "32.73.01", "31.71", "33.01", "11.01" };
static const char *const SECTORS[] = { "pertanian", "pendidikan", "kesehatan" };

static uint64_t add_partner(fx *f, const char *name, int kind, const char *region, const char *sector)
{
    km_partner_fields in = KM_PARTNER_FIELDS_INIT;
    const char *s[1];
    char ext[40];
    uint64_t id = 0;
    snprintf(ext, sizeof ext, "ID-TEST-%llu", (unsigned long long)++f->created);
    in.name = name;
    in.external_id = ext;
    in.kind = kind;
    in.region = region;
    if (sector) {
        s[0] = sector;
        in.sectors = s;
        in.sectors_count = 1;
    }
    EXPECT_OK(km_partner_create(&id, f->net, &in));
    return id;
}

/* Names from a small alphabet so that many collide (ties go by id) and
 * prefixes of one another occur ("Ab" < "Ab a" < "Aba"). */
static void random_name(char *out, int upper_first)
{
    static const char alpha[] = "aAb B";
    size_t len = 1 + rnd(5), i;
    for (i = 0; i < len; i++) out[i] = alpha[rnd(sizeof alpha - 1)];
    if (upper_first) out[0] = 'A';
    if (out[0] == ' ') out[0] = 'b';
    if (out[len - 1] == ' ') out[len - 1] = 'a';
    out[len] = '\0';
}

static void add_random(fx *f, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char name[16];
        random_name(name, 0);
        add_partner(f, name, (int)rnd(4), rnd(5) ? REGIONS[rnd(6)] : NULL, rnd(3) ? SECTORS[rnd(3)] : NULL);
    }
}

/* ---- brute force ---- */

static km_network *g_sort_net;

static int cmp_name_id(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    km_partner *p, *q;
    int c;
    assert_int_equal(km_partner_get(&p, g_sort_net, x), 0);
    assert_int_equal(km_partner_get(&q, g_sort_net, y), 0);
    c = strcmp(km_partner_name(p), km_partner_name(q)); /* byte order */
    km_partner_free(p);
    km_partner_free(q);
    if (c) return c < 0 ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int region_matches(const char *region, const char *prefix)
{
    size_t n = strlen(prefix);
    return region && strncmp(region, prefix, n) == 0 && (region[n] == '\0' || region[n] == '.');
}

static int ci_contains(const char *hay, const char *needle)
{
    size_t i, j, n = strlen(hay), m = strlen(needle);
    for (i = 0; i + m <= n; i++) {
        for (j = 0; j < m; j++) {
            char a = hay[i + j], b = needle[j];
            if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
            if (a != b) break;
        }
        if (j == m) return 1;
    }
    return m == 0;
}

static int matches(const km_partner *p, const km_partner_query *q)
{
    size_t i;
    int ok = 0;
    if (q->kind != -1 && km_partner_kind_of(p) != q->kind) return 0;
    if (q->status != -1 && km_partner_status_of(p) != q->status) return 0;
    if (q->region_prefix && !region_matches(km_partner_region(p), q->region_prefix)) return 0;
    if (q->name_contains && !ci_contains(km_partner_name(p), q->name_contains)) return 0;
    if (!q->sector) return 1;
    for (i = 0; i < km_partner_sector_count(p); i++) ok |= strcmp(km_partner_sector(p, i), q->sector) == 0;
    return ok;
}

static size_t brute(km_network *net, const km_partner_query *q, uint64_t *ids)
{
    km_network_stats st = KM_NETWORK_STATS_INIT;
    uint64_t id;
    size_t n = 0;
    EXPECT_OK(km_network_stats_get(&st, net));
    for (id = 1; id <= st.partners; id++) {
        km_partner *p;
        EXPECT_OK(km_partner_get(&p, net, id));
        if (matches(p, q)) ids[n++] = id;
        km_partner_free(p);
    }
    g_sort_net = net;
    qsort(ids, n, sizeof *ids, cmp_name_id);
    return n;
}

/* Every page in name order with the given page size, checking the page
 * contract: full pages carry a cursor, the last page none, order is
 * strictly increasing by (name, id). */
static size_t list_by_name(km_network *net, const km_partner_query *q0, uint32_t limit, uint64_t *ids, size_t max)
{
    km_partner_query q = *q0;
    char cursor[512];
    size_t n = 0, pages = 0;
    q.order = KM_PARTNER_ORDER_NAME;
    q.limit = limit;
    q.cursor = NULL;
    for (;;) {
        km_partner_page *page = NULL;
        const char *c;
        size_t i, k;
        EXPECT_OK(km_partner_list(&page, net, &q));
        k = km_partner_page_count(page);
        c = km_partner_page_cursor(page);
        if (k == 0) assert_true(pages == 0 && c == NULL);
        if (c) assert_int_equal(k, limit ? limit : 50);
        for (i = 0; i < k; i++) {
            assert_true(n < max);
            ids[n++] = km_partner_id(km_partner_page_get(page, i));
        }
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

static uint64_t want_ids[MAXP], got_ids[MAXP], kept_ids[MAXP];

static void expect_same(km_network *net, const km_partner_query *q)
{
    static const uint32_t limits[] = { 1, 2, 7, 50, 1000 };
    size_t nw = brute(net, q, want_ids), k, i;
    uint64_t count = 0;
    for (k = 0; k < sizeof limits / sizeof limits[0]; k++) {
        size_t ng = list_by_name(net, q, limits[k], got_ids, MAXP);
        assert_int_equal(ng, nw);
        for (i = 0; i < nw; i++) assert_int_equal(got_ids[i], want_ids[i]);
    }
    EXPECT_OK(km_partner_count(&count, net, q));
    if (!q->name_contains) assert_int_equal(count, nw);
}

/* ---- tests ---- */

static void test_order_validation(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_partner_page *page = NULL;
    uint64_t count;
    add_partner(f, "Zeta", 1, NULL, NULL);
    add_partner(f, "Alpha", 1, NULL, NULL);
    assert_int_equal(q.version, 2);
    assert_int_equal(q.order, KM_PARTNER_ORDER_ID);
    q.order = 2;
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.order");
    assert_null(page);
    EXPECT_ERR(km_partner_count(&count, f->net, &q), KM_EINVAL, "query.order");
    q.order = -1;
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.order");
    /* A version-1 caller's struct ends before `order`: never read. */
    q.version = 1;
    q.order = 12345;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 2);
    assert_int_equal(km_partner_id(km_partner_page_get(page, 0)), 1);
    km_partner_page_free(page);
    q.version = 3;
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EVERSION, "query.version");
    /* Name order. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.order = KM_PARTNER_ORDER_NAME;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 2);
    assert_string_equal(km_partner_name(km_partner_page_get(page, 0)), "Alpha");
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);
}

static void test_order_cursor_errors(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_partner_page *page = NULL;
    char long_cursor[300];
    static const char *const bad[] = { "p1:1", "n1:", "n1:x:A", "n1:5", "n1:-1:A", "n2:1:A",
                                       "n1:99999999999999999999999:A", "" };
    size_t i;
    add_random(f, 20);
    q.order = KM_PARTNER_ORDER_NAME;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        q.cursor = bad[i];
        EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.cursor");
        assert_null(page);
    }
    memset(long_cursor, 'a', sizeof long_cursor - 1);
    memcpy(long_cursor, "n1:1:", 5);
    long_cursor[sizeof long_cursor - 1] = '\0';
    q.cursor = long_cursor;
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.cursor");
    /* A name cursor is not an id cursor. */
    q.order = KM_PARTNER_ORDER_ID;
    q.cursor = "n1:3:Abc";
    EXPECT_ERR(km_partner_list(&page, f->net, &q), KM_EINVAL, "query.cursor");
    /* A well-formed cursor naming a position no partner has is fine: the
     * page starts after it. */
    q.order = KM_PARTNER_ORDER_NAME;
    q.cursor = "n1:0:";
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 20);
    km_partner_page_free(page);
    q.cursor = "n1:18446744073709551615:\xff";
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 0);
    assert_null(km_partner_page_cursor(page));
    km_partner_page_free(page);
}

static void test_order_matches_brute_force(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q;
    size_t k, r;
    rng_state = 7;
    add_random(f, 700);
    for (k = 0; k < 6; k++) {
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        switch (k) {
        case 0: break;                                            /* everything: walk */
        case 1: q.kind = 2; break;                                /* a quarter: walk for small pages */
        case 2: q.region_prefix = "32"; break;                    /* a prefix covering several codes */
        case 3: q.kind = 1; q.region_prefix = "32.73.01"; break;  /* few: select */
        case 4: q.sector = "kesehatan"; q.kind = 3; break;
        case 5: q.name_contains = "ab"; break;                    /* the name filter on top */
        }
        expect_same(f->net, &q);
    }
    /* Filters that match nothing. */
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.region_prefix = "99";
    expect_same(f->net, &q);
    q = (km_partner_query)KM_PARTNER_QUERY_INIT;
    q.kind = KM_PARTNER_FOUNDATION;
    expect_same(f->net, &q);
    /* Random combinations. */
    for (r = 0; r < 30; r++) {
        q = (km_partner_query)KM_PARTNER_QUERY_INIT;
        if (rnd(2)) q.kind = (int)rnd(4);
        if (rnd(2)) q.region_prefix = REGIONS[rnd(6)];
        if (rnd(3) == 0) q.sector = SECTORS[rnd(3)];
        if (rnd(4) == 0) q.status = KM_PARTNER_ACTIVE;
        expect_same(f->net, &q);
    }
}

static void test_order_index_maintenance(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query all = KM_PARTNER_QUERY_INIT, some = KM_PARTNER_QUERY_INIT;
    km_partner_fields in = KM_PARTNER_FIELDS_INIT;
    size_t i;
    rng_state = 11;
    some.kind = 0;
    add_random(f, 300);
    expect_same(f->net, &all); /* builds the index */
    /* New partners are merged in. */
    add_random(f, 1);
    expect_same(f->net, &all);
    add_random(f, 57);
    expect_same(f->net, &all);
    expect_same(f->net, &some);
    /* Renames: to the front, to the back, to a tie. */
    in.name = "AAAA first now";
    EXPECT_OK(km_partner_update(f->net, 200, &in, KM_PARTNER_F_NAME));
    expect_same(f->net, &all);
    in.name = "zzzz last now";
    EXPECT_OK(km_partner_update(f->net, 3, &in, KM_PARTNER_F_NAME));
    in.name = "A";
    EXPECT_OK(km_partner_update(f->net, 4, &in, KM_PARTNER_F_NAME));
    add_random(f, 5);
    expect_same(f->net, &all);
    expect_same(f->net, &some);
    /* Changes that keep the name keep the index. */
    EXPECT_OK(km_partner_set_status(f->net, 10, KM_PARTNER_SUSPENDED, "audit"));
    in.name = NULL;
    in.kind = 0;
    EXPECT_OK(km_partner_update(f->net, 11, &in, KM_PARTNER_F_KIND));
    expect_same(f->net, &all);
    expect_same(f->net, &some);
    /* Inside a transaction the listing sees the uncommitted partners and
     * names; a rollback takes them back out of the index too. */
    EXPECT_OK(km_network_begin(f->net));
    add_random(f, 40);
    in.name = "Aa renamed in txn";
    EXPECT_OK(km_partner_update(f->net, 5, &in, KM_PARTNER_F_NAME));
    expect_same(f->net, &all);
    EXPECT_OK(km_network_rollback(f->net));
    expect_same(f->net, &all);
    /* The same ids come back with other names. */
    for (i = 0; i < 40; i++) add_partner(f, i % 2 ? "B reborn" : "a reborn", 1, "33.01", NULL);
    expect_same(f->net, &all);
    expect_same(f->net, &some);
    /* A failed change leaves everything as it was. */
    EXPECT_OK(km_network_begin(f->net));
    in.name = "Aardvark";
    EXPECT_OK(km_partner_update(f->net, 6, &in, KM_PARTNER_F_NAME));
    expect_same(f->net, &all);
    EXPECT_OK(km_network_rollback(f->net));
    expect_same(f->net, &all);
    in.name = "";
    assert_int_equal(km_partner_update(f->net, 6, &in, KM_PARTNER_F_NAME), KM_EINVAL);
    expect_same(f->net, &all);
}

/* Matches clustered at the end of name order: the walk is chosen (many
 * candidates) but meets none for a long time, gives up and selects. Two
 * filters (kind and status), so that the page is not a slice of one set's
 * name-ordered copy. */
static void test_order_walk_fallback(void **state)
{
    fx *f = (fx *)*state;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_partner_page *page;
    char name[32];
    size_t i;
    for (i = 0; i < 20000; i++) {
        int late = i % 20 == 0;
        snprintf(name, sizeof name, "%s %06u", late ? "Zz" : "Aa", (unsigned)(20000 - i));
        add_partner(f, name, late ? KM_PARTNER_NGO : KM_PARTNER_ACADEMIC, NULL, NULL);
    }
    q.kind = KM_PARTNER_NGO;
    q.status = KM_PARTNER_ACTIVE;
    q.order = KM_PARTNER_ORDER_NAME;
    q.limit = 1;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 1);
    assert_string_equal(km_partner_name(km_partner_page_get(page, 0)), "Zz 000020");
    assert_int_equal(km_partner_id(km_partner_page_get(page, 0)), 19981);
    assert_string_equal(km_partner_page_cursor(page), "n1:19981:Zz 000020");
    km_partner_page_free(page);
    q.cursor = "n1:19981:Zz 000020";
    q.limit = 2;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_int_equal(km_partner_page_count(page), 2);
    assert_string_equal(km_partner_name(km_partner_page_get(page, 0)), "Zz 000040");
    assert_string_equal(km_partner_name(km_partner_page_get(page, 1)), "Zz 000060");
    km_partner_page_free(page);
    q.cursor = NULL;
    expect_same(f->net, &q);
    q.kind = KM_PARTNER_ACADEMIC;
    q.limit = 3;
    EXPECT_OK(km_partner_list(&page, f->net, &q));
    assert_string_equal(km_partner_name(km_partner_page_get(page, 0)), "Aa 000001");
    km_partner_page_free(page);
}

/* Single-filter pages are slices of name-ordered copies of their set: every
 * single filter of a registry of 3,000 (more set members in all than the
 * copies may hold together, so they are dropped and made again on the
 * way), each asked twice (the second time from the copy), then again after
 * a creation, a rename, a kind change, a status change and a rolled-back
 * transaction, each of which must make the copies stale. */
static void test_order_set_copies(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields in = KM_PARTNER_FIELDS_INIT;
    km_partner_query q;
    size_t r, k, round;
    rng_state = 23;
    add_random(f, 3000);
    for (round = 0; round < 6; round++) {
        for (r = 0; r < 2; r++) {
            for (k = 0; k < KM_PARTNER_KIND__COUNT; k++) {
                size_t g;
                q = (km_partner_query)KM_PARTNER_QUERY_INIT;
                q.kind = (int)k;
                expect_same(f->net, &q);
                for (g = 0; g < sizeof REGIONS / sizeof REGIONS[0]; g++) {
                    q.region_prefix = REGIONS[g];
                    expect_same(f->net, &q);
                }
            }
            for (k = 0; k < sizeof REGIONS / sizeof REGIONS[0]; k++) {
                q = (km_partner_query)KM_PARTNER_QUERY_INIT;
                q.region_prefix = REGIONS[k];
                expect_same(f->net, &q);
            }
            for (k = 0; k < sizeof SECTORS / sizeof SECTORS[0]; k++) {
                q = (km_partner_query)KM_PARTNER_QUERY_INIT;
                q.sector = SECTORS[k];
                expect_same(f->net, &q);
            }
            q = (km_partner_query)KM_PARTNER_QUERY_INIT;
            q.status = KM_PARTNER_ACTIVE;
            expect_same(f->net, &q);
        }
        switch (round) {
        case 0: add_random(f, 3); break;
        case 1:
            in = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
            in.name = "AAAA moved to the front";
            EXPECT_OK(km_partner_update(f->net, 77, &in, KM_PARTNER_F_NAME));
            break;
        case 2:
            in = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
            in.kind = KM_PARTNER_NGO;
            EXPECT_OK(km_partner_update(f->net, 78, &in, KM_PARTNER_F_KIND));
            break;
        case 3: EXPECT_OK(km_partner_set_status(f->net, 79, KM_PARTNER_SUSPENDED, "audit")); break;
        case 4:
            EXPECT_OK(km_network_begin(f->net));
            add_random(f, 5);
            q = (km_partner_query)KM_PARTNER_QUERY_INIT;
            q.kind = 1;
            expect_same(f->net, &q); /* copies made inside the transaction... */
            EXPECT_OK(km_network_rollback(f->net));
            break; /* ...are stale after the rollback */
        default: break;
        }
    }
}

static void test_order_snapshot_and_time_travel(void **state)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_storage *st = NULL;
    km_network *net = NULL, *again = NULL, *past = NULL;
    fx local;
    size_t n1, n2, i;
    uint64_t seq;
    (void)state;
    memset(&local, 0, sizeof local);
    local.now = T0;
    o.clock = fx_clock;
    o.clock_payload = &local;
    EXPECT_OK(km_storage_memory_new(&st, NULL));
    EXPECT_OK(km_network_open(&net, st, &o));
    local.net = net;
    rng_state = 3;
    add_random(&local, 200);
    seq = km_network_seq(net);
    n1 = list_by_name(net, &q, 9, kept_ids, MAXP);
    EXPECT_OK(km_network_snapshot(net));
    add_random(&local, 50);
    /* From the snapshot plus the tail of the log, and from the log alone:
     * the indexes a snapshot load builds in bulk answer like the ones built
     * change by change. */
    for (i = 0; i < 2; i++) {
        km_network_options o2 = o;
        km_partner_query f = KM_PARTNER_QUERY_INIT;
        size_t r;
        o2.no_snapshot = (int)i;
        EXPECT_OK(km_network_open(&again, st, &o2));
        expect_same(again, &q);
        for (r = 0; r < 12; r++) {
            f = (km_partner_query)KM_PARTNER_QUERY_INIT;
            if (r % 2) f.kind = (int)(r % 4);
            if (r % 3) f.region_prefix = REGIONS[r % 6];
            if (r % 4 == 3) f.sector = SECTORS[r % 3];
            if (r == 11) f.status = KM_PARTNER_ACTIVE;
            expect_same(again, &f);
        }
        n2 = list_by_name(again, &q, 9, got_ids, MAXP);
        assert_int_equal(n2, 250);
        km_network_close(again);
    }
    /* The network as it was at seq: the first 200 partners only. */
    o.as_of_seq = seq;
    EXPECT_OK(km_network_open(&past, st, &o));
    n2 = list_by_name(past, &q, 9, got_ids, MAXP);
    assert_int_equal(n2, n1);
    for (i = 0; i < n1; i++) assert_int_equal(got_ids[i], kept_ids[i]);
    km_network_close(past);
    km_network_close(net);
    km_storage_free(st);
}

/* Every allocation of a name-ordered listing fails in turn: building the
 * index, extending it, and the page. The listing fails cleanly with
 * KM_ENOMEM and the next attempt gives the right answer. */
static void test_order_oom(void **state)
{
    km_test_alloc ta;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    km_network *net = NULL;
    fx local;
    int phase;
    (void)state;
    km_test_alloc_init(&ta);
    memset(&local, 0, sizeof local);
    local.now = T0;
    o.clock = fx_clock;
    o.clock_payload = &local;
    o.allocator = km_test_alloc_get(&ta);
    EXPECT_OK(km_network_open(&net, NULL, &o));
    local.net = net;
    rng_state = 5;
    add_random(&local, 300);
    q.order = KM_PARTNER_ORDER_NAME;
    q.limit = 5;
    for (phase = 0; phase < 3; phase++) {
        long n;
        size_t nw;
        if (phase == 1) add_random(&local, 30); /* extends the index */
        if (phase == 2) {                        /* stale: rebuilds it */
            km_partner_fields in = KM_PARTNER_FIELDS_INIT;
            in.name = "AAA";
            EXPECT_OK(km_partner_update(net, 7, &in, KM_PARTNER_F_NAME));
        }
        nw = brute(net, &q, want_ids);
        assert_true(nw > 5);
        for (n = 1;; n++) {
            km_partner_page *page = NULL;
            long refused;
            int rc;
            size_t i;
            km_test_alloc_fail_at(&ta, n);
            rc = km_partner_list(&page, net, &q);
            refused = ta.failures;
            km_test_alloc_fail_at(&ta, -1);
            if (rc == KM_ENOMEM) {
                assert_null(page);
                assert_true(refused > 0);
                continue;
            }
            EXPECT_OK(rc);
            assert_int_equal(km_partner_page_count(page), 5);
            for (i = 0; i < 5; i++) assert_int_equal(km_partner_id(km_partner_page_get(page, i)), want_ids[i]);
            km_partner_page_free(page);
            if (refused == 0) break;
        }
        expect_same(net, &q);
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_validation, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_order_cursor_errors, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_order_matches_brute_force, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_order_set_copies, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_order_index_maintenance, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_order_walk_fallback, net_setup, net_teardown),
        cmocka_unit_test(test_order_snapshot_and_time_travel),
        cmocka_unit_test(test_order_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
