/* Loading a snapshot whose partner section is big enough to load on its own
 * thread (network/snapshot.c): the state it gives is the one the network
 * had, and the same as the one-thread load that a host allocator gets; a
 * bad partner section or a bad agreement section (the two that load at the
 * same time) is refused whichever thread meets it, and the network falls
 * back to its log with nothing of the half-loaded state left behind
 * (valgrind runs this file). The agreement section is big enough too for
 * its reference map to be built on a thread of its own beside the party
 * index (a duplicate reference is found there), and for its agreements to
 * be read by two threads, a chunk at a time: a bad agreement in either
 * thread's chunk, or chunk marks that do not match the agreements, are
 * refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kemitraan/kemitraan.h>
#include <kemitraan/sys/storage.h>
#include "util/buf.h"
#include "support/fnv.h"
#include "support/partner_hash.h"

#define N_PARTNERS 10050 /* above the threshold of the partner thread */
/* Above the threshold of the threads that read the agreements and build
 * their reference map: three chunks of 4,096 (agreement_snapshot.c). */
#define N_AGREEMENTS 10020

static int64_t clock_now = 1767225600000000LL; /* 2026-01-01 */
static int64_t test_clock(void *payload)
{
    (void)payload;
    return clock_now += 1000;
}

static km_network_options opts(const km_allocator *a)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.clock = test_clock;
    o.actor = "admin:test";
    o.allocator = a;
    return o;
}

/* Every partner and agreement field a reader sees, plus what the indexes
 * answer (agreements per party, partners per kind and region). */
static uint64_t digest(km_network *net)
{
    uint64_t h = UINT64_C(14695981039346656037), id, c;
    char head[65];
    int k;
    assert_int_equal(km_network_head_hash(head, net), 0);
    h = fnv_str(h, head);
    for (id = 1; id <= N_PARTNERS; id++) {
        km_partner *p = NULL;
        assert_int_equal(km_partner_get(&p, net, id), 0);
        h = km_test_partner_hash(h, p);
        km_partner_free(p);
    }
    for (id = 1; id <= N_AGREEMENTS; id++) {
        km_agreement *a = NULL;
        size_t i;
        assert_int_equal(km_agreement_get(&a, net, id), 0);
        h = fnv_str(h, km_agreement_reference(a));
        h = fnv_str(h, km_agreement_start_date(a) ? km_agreement_start_date(a) : "-");
        h = fnv_u64(h, (uint64_t)km_agreement_value(a));
        for (i = 0; i < km_agreement_party_count(a); i++) h = fnv_u64(h, km_agreement_party(a, i));
        km_agreement_free(a);
    }
    /* The extras (milestones, risks) of every agreement. */
    for (id = 1; id <= N_AGREEMENTS; id++) {
        km_milestones *ms = NULL;
        km_risks *rk = NULL;
        size_t i;
        assert_int_equal(km_milestone_list(&ms, net, id), 0);
        assert_int_equal(km_risk_list(&rk, net, id), 0);
        h = fnv_u64(h, km_milestones_count(ms) * 131 + km_risks_count(rk));
        for (i = 0; i < km_milestones_count(ms); i++) h = fnv_str(h, km_milestones_title(ms, i));
        for (i = 0; i < km_risks_count(rk); i++) h = fnv_str(h, km_risks_mitigation(rk, i));
        km_milestones_free(ms);
        km_risks_free(rk);
    }
    for (id = 1; id <= N_PARTNERS; id += 97) {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        q.party = id;
        assert_int_equal(km_agreement_count(&c, net, &q), 0);
        h = fnv_u64(h, c);
    }
    for (k = 0; k < KM_PARTNER_KIND__COUNT; k++) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        q.kind = k;
        q.region_prefix = "32";
        assert_int_equal(km_partner_count(&c, net, &q), 0);
        h = fnv_u64(h, c);
    }
    return h;
}

static void build(km_network *net)
{
    static const char *const sectors[] = { "health", "water", "education" };
    uint64_t i, got;
    assert_int_equal(km_network_begin(net), 0);
    for (i = 1; i <= N_PARTNERS; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[32], ext[32], region[8];
        snprintf(name, sizeof name, "Mitra %llu", (unsigned long long)(i * 7919 % N_PARTNERS));
        snprintf(ext, sizeof ext, "ID-EXT-%06llu", (unsigned long long)i);
        snprintf(region, sizeof region, "%02u.%02u", (unsigned)(11 + i % 20), (unsigned)(1 + i % 9));
        f.name = name;
        f.external_id = ext;
        f.kind = (int)(i % KM_PARTNER_KIND__COUNT);
        f.region = region;
        f.sectors = sectors;
        f.sectors_count = (size_t)(i % 4);
        if (km_partner_create(&got, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
        assert_int_equal(got, i);
    }
    for (i = 1; i <= N_AGREEMENTS; i++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        uint64_t parties[3];
        uint32_t roles[3] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING, KM_ROLE_EXTENDING };
        char ref[32];
        snprintf(ref, sizeof ref, "AGR-%05llu", (unsigned long long)i);
        parties[0] = 1 + i * 13 % N_PARTNERS;
        parties[1] = 1 + (i * 13 + 1 + i % 50) % N_PARTNERS;
        parties[2] = 1 + (i * 13 + 2 + i % 50) % N_PARTNERS;
        f.title = ref;
        f.reference = ref;
        f.type = (int)(i % 8);
        f.value = (int64_t)(i * 100000);
        f.currency = "IDR";
        f.party_ids = parties;
        f.party_roles = roles;
        f.parties_count = 2 + (size_t)(i % 2);
        /* Start dates past the first 200 (the pokes below read the bytes
         * of agreement 5 without one). */
        f.start_date = i <= 200 || i % 3 == 0 ? NULL : i % 3 == 1 ? "2025-07-01" : "2026-02-28";
        if (km_agreement_create(&got, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    }
    assert_int_equal(km_network_commit(net), 0);
    /* Milestones and risks of agreements spread over every chunk of the
     * load: their extras' pages are made by both threads. */
    for (i = 1; i <= N_AGREEMENTS; i += 331) {
        km_milestone_fields m = KM_MILESTONE_FIELDS_INIT;
        char title[32];
        snprintf(title, sizeof title, "Tonggak %llu", (unsigned long long)i);
        m.title = title;
        m.due_date = "2026-06-30";
        if (km_milestone_add(NULL, net, i, &m) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
        if (i % 8 == KM_AGREEMENT_PPP && km_risk_add(NULL, net, i, 0, 0, "mitigasi bersama") != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    }
    /* Later versions of some partners. */
    for (i = 1; i <= N_PARTNERS; i += 500) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        f.email = "kantor@mitra.example.id";
        assert_int_equal(km_partner_update(net, i, &f, KM_PARTNER_F_EMAIL), 0);
    }
}

/* libc behind a host allocator's hooks: the one-thread load. Counts the
 * blocks it holds. */
static long h_live;
static void *h_malloc(void *p, size_t n)
{
    void *q = malloc(n);
    (void)p;
    if (q) h_live++;
    return q;
}
static void *h_realloc(void *p, void *q, size_t n)
{
    void *r = realloc(q, n);
    (void)p;
    if (r && !q) h_live++;
    return r;
}
static void h_free(void *p, void *q)
{
    (void)p;
    if (q) h_live--;
    free(q);
}
static km_allocator host_allocator(void)
{
    km_allocator host = KM_ALLOCATOR_INIT;
    host.malloc_fn = h_malloc;
    host.realloc_fn = h_realloc;
    host.free_fn = h_free;
    return host;
}

/* One byte set at a distance from the first place a string occurs. */
typedef struct poke {
    const char *mark; /* NULL = none */
    long delta;
    unsigned char value;
} poke;

/* A storage passing everything to the memory backend, except that the
 * snapshot it reads can have byte sequences replaced and single bytes
 * set (corruptions the snapshot's checksum, which is the file store's,
 * would not see here). */
typedef struct wrap {
    km_storage base;
    km_storage *inner;
    const char *find[2], *put[2]; /* pairs of the same length; NULL = none */
    poke pokes[2];
    km_storage_record_cb cb;
    void *payload;
    uint64_t first_scan; /* the lowest sequence a scan started from */
} wrap;

static int w_append(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    return ((wrap *)s)->inner->append(((wrap *)s)->inner, seq, d, n);
}
static int w_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    wrap *w = (wrap *)s;
    if (from < w->first_scan) w->first_scan = from;
    return w->inner->scan(w->inner, from, cb, payload);
}
static int w_last_seq(km_storage *s, uint64_t *out) { return ((wrap *)s)->inner->last_seq(((wrap *)s)->inner, out); }
static int w_snapshot_write(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    return ((wrap *)s)->inner->snapshot_write(((wrap *)s)->inner, seq, d, n);
}
static int w_patch(void *payload, uint64_t seq, const void *data, size_t len)
{
    wrap *w = (wrap *)payload;
    char *copy = (char *)malloc(len);
    int rc, k;
    assert_non_null(copy);
    memcpy(copy, data, len);
    for (k = 0; k < 2 && w->find[k]; k++) {
        size_t n = strlen(w->find[k]), i;
        int hit = 0;
        for (i = 0; i + n <= len && !hit; i++)
            if (memcmp(copy + i, w->find[k], n) == 0) {
                memcpy(copy + i, w->put[k], n);
                hit = 1;
            }
        assert_true(hit);
    }
    for (k = 0; k < 2 && w->pokes[k].mark; k++) {
        size_t n = strlen(w->pokes[k].mark), i;
        for (i = 0; i + n <= len && memcmp(copy + i, w->pokes[k].mark, n) != 0; i++) continue;
        assert_true(i + n <= len && (long)i + w->pokes[k].delta >= 0 && (size_t)((long)i + w->pokes[k].delta) < len);
        copy[(long)i + w->pokes[k].delta] = (char)w->pokes[k].value;
    }
    rc = w->cb(w->payload, seq, copy, len);
    free(copy);
    return rc;
}
static int w_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    wrap *w = (wrap *)s;
    if (!w->find[0] && !w->pokes[0].mark) return w->inner->snapshot_read(w->inner, max_seq, cb, payload);
    w->cb = cb;
    w->payload = payload;
    return w->inner->snapshot_read(w->inner, max_seq, w_patch, w);
}

static void wrap_init(wrap *w, km_storage *inner, const char *const find[2], const char *const put[2],
                      const poke *pokes)
{
    km_storage init = KM_STORAGE_INIT;
    memset(w, 0, sizeof *w);
    w->base = init;
    w->base.append = w_append;
    w->base.scan = w_scan;
    w->base.last_seq = w_last_seq;
    w->base.snapshot_write = w_snapshot_write;
    w->base.snapshot_read = w_snapshot_read;
    w->inner = inner;
    w->first_scan = UINT64_MAX;
    w->find[0] = find[0];
    w->find[1] = find[1];
    w->put[0] = put[0];
    w->put[1] = put[1];
    if (pokes) {
        w->pokes[0] = pokes[0];
        w->pokes[1] = pokes[1];
    }
}

/* A memory store holding build()'s network and its snapshot; *want is the
 * network's digest. */
static km_storage *built_store(uint64_t *want)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts(NULL);
    assert_int_equal(km_storage_memory_new(&mem, NULL), 0);
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    build(net);
    *want = digest(net);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    return mem;
}

static void test_parallel_and_serial_loads_agree(void **state)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts(NULL);
    km_allocator host = host_allocator();
    uint64_t want;
    (void)state;
    mem = built_store(&want);
    /* libc: the partner section on its own thread. */
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    assert_true(digest(net) == want);
    km_network_close(net);
    /* A host allocator: everything on the calling thread. */
    o = opts(&host);
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    assert_true(digest(net) == want);
    km_network_close(net);
    km_storage_free(mem);
}

/* Records loaded from a snapshot share blocks (network/slab.c): handles
 * taken from them outlive the network, the store and the replacement of
 * their record, and every block goes once its last record does (the host
 * allocator holds nothing at the end; valgrind runs this file). */
static void test_loaded_records_outlive_the_network(void **state)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_allocator host = host_allocator();
    km_network_options o;
    km_partner *p1 = NULL, *p_last = NULL, *p1_new = NULL;
    km_agreement *a5 = NULL, *a_last = NULL;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    uint64_t want;
    long before;
    (void)state;
    mem = built_store(&want);
    before = h_live;
    o = opts(&host);
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    assert_true(digest(net) == want);
    assert_int_equal(km_partner_get(&p1, net, 1), 0);
    assert_int_equal(km_partner_get(&p_last, net, N_PARTNERS), 0);
    assert_int_equal(km_agreement_get(&a5, net, 5), 0);
    assert_int_equal(km_agreement_get(&a_last, net, N_AGREEMENTS), 0);
    f.email = "baru@mitra.example.id";
    assert_int_equal(km_partner_update(net, 1, &f, KM_PARTNER_F_EMAIL), 0);
    assert_int_equal(km_partner_get(&p1_new, net, 1), 0);
    km_network_close(net);
    km_storage_free(mem);
    assert_string_equal(km_partner_external_id(p1), "ID-EXT-000001");
    assert_string_equal(km_partner_email(p1), "kantor@mitra.example.id"); /* the version replaced */
    assert_string_equal(km_partner_email(p1_new), "baru@mitra.example.id");
    assert_string_equal(km_partner_external_id(p_last), "ID-EXT-010050");
    assert_string_equal(km_agreement_reference(a5), "AGR-00005");
    assert_string_equal(km_agreement_reference(a_last), "AGR-10020");
    assert_true(h_live > before); /* the blocks of the four records, and the context */
    km_partner_free(p1);
    km_partner_free(p_last);
    km_partner_free(p1_new);
    km_agreement_free(a5);
    assert_true(h_live > before);
    km_agreement_free(a_last);
    assert_int_equal(h_live, before);
}

/* Opens through a wrap patching the snapshot: 1 when the snapshot was
 * used, 0 when it was refused and the log replayed from its first entry
 * (what a network does with a snapshot it cannot trust). Either way the
 * state must be the network's. */
static int open_patched(km_storage *mem, const char *const find[2], const char *const put[2], const poke *pokes,
                        uint64_t want)
{
    wrap w;
    km_network *net = NULL;
    km_network_options o = opts(NULL);
    wrap_init(&w, mem, find, put, pokes);
    assert_int_equal(km_network_open(&net, &w.base, &o), 0);
    assert_true(digest(net) == want);
    km_network_close(net);
    return w.first_scan > 1;
}

/* Bad records in the two sections that load at the same time: the load
 * fails whichever thread meets them (and waits for the other), the
 * half-built state goes, and the log gives the state back. */
static void test_bad_sections(void **state)
{
    /* Same lengths: a control character replaces one digit. */
    static const char *const none[2] = { NULL, NULL };
    static const char *const ext[2] = { "ID-EXT-000777", NULL }, *const ext_bad[2] = { "ID-EXT-\001" "00777", NULL };
    static const char *const ref[2] = { "AGR-00123", NULL }, *const ref_bad[2] = { "AGR-\002" "0123", NULL };
    static const char *const both[2] = { "ID-EXT-000777", "AGR-00123" };
    static const char *const both_bad[2] = { "ID-EXT-\001" "00777", "AGR-\002" "0123" };
    /* Agreement 123's title, then its reference (the same text), become 124's. */
    static const char *const last[2] = { "AGR-10019", NULL }, *const last_bad[2] = { "AGR-\002" "0019", NULL };
    static const char *const ref2[2] = { "AGR-00123", "AGR-00123" }, *const dup[2] = { "AGR-00124", "AGR-00124" };
    uint64_t want;
    km_storage *mem = built_store(&want);
    (void)state;
    assert_true(open_patched(mem, none, none, NULL, want));     /* the snapshot is used */
    assert_false(open_patched(mem, ext, ext_bad, NULL, want));  /* the partner thread fails */
    assert_false(open_patched(mem, ref, ref_bad, NULL, want));  /* this thread fails meanwhile */
    assert_false(open_patched(mem, both, both_bad, NULL, want)); /* both */
    assert_false(open_patched(mem, ref2, dup, NULL, want));     /* the reference map's thread fails */
    assert_false(open_patched(mem, last, last_bad, NULL, want)); /* in the last chunk, read by the helper */
    assert_true(open_patched(mem, none, none, NULL, want));     /* the stored snapshot was never touched */
    km_storage_free(mem);
}

/* A copy of the store's snapshot. */
typedef struct blob {
    uint8_t *p;
    size_t n;
    uint64_t seq;
} blob;

static int copy_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    blob *b = (blob *)payload;
    b->p = (uint8_t *)malloc(len);
    assert_non_null(b->p);
    memcpy(b->p, data, len);
    b->n = len;
    b->seq = seq;
    return 0;
}

/* Where the agreement section's chunk marks are in a snapshot: *marks is
 * the offset of the first mark; the count and the agreements per chunk
 * follow the marks. */
static size_t agreement_marks(const blob *b, size_t *n_marks)
{
    size_t n_sec = km__get_u32_at(b->p + b->n - 8), tab = b->n - 8 - 18 * n_sec, i;
    for (i = 0; i < n_sec; i++) {
        const uint8_t *e = b->p + tab + 18 * i;
        if ((e[0] | e[1] << 8) == KM_ENTITY_AGREEMENT) {
            size_t end = (size_t)(km__get_u64_at(e + 2) + km__get_u64_at(e + 10));
            *n_marks = km__get_u32_at(b->p + end - 8);
            return end - 8 - 8 * *n_marks;
        }
    }
    fail_msg("no agreement section");
    return 0;
}

/* Chunk marks that do not describe the agreements make the snapshot
 * unusable, whichever way they are wrong: the store replays its log. */
static void test_bad_chunk_marks(void **state)
{
    static const char *const none[2] = { NULL, NULL };
    uint64_t want;
    km_storage *mem = built_store(&want);
    blob good = { NULL, 0, 0 }, bad;
    size_t at, n_marks = 0, k;
    (void)state;
    assert_int_equal(mem->snapshot_read(mem, UINT64_MAX, copy_cb, &good), 0);
    at = agreement_marks(&good, &n_marks);
    assert_int_equal(n_marks, 3); /* 10,020 agreements in chunks of 4,096 */
    assert_int_equal(km__get_u32_at(good.p + at + 8 * n_marks + 4), 4096);
    assert_int_equal(km__get_u64_at(good.p + at), 8);
    bad.p = (uint8_t *)malloc(good.n);
    assert_non_null(bad.p);
    bad.n = good.n;
    for (k = 0; k < 7; k++) {
        memcpy(bad.p, good.p, good.n);
        switch (k) {
        case 0: break; /* unchanged: loads */
        case 1: km__put_u64_at(bad.p + at + 8, km__get_u64_at(good.p + at + 8) + 1); break; /* a byte late */
        case 2: km__put_u64_at(bad.p + at + 8, km__get_u64_at(good.p + at + 8) - 1); break; /* a byte early */
        case 3: km__put_u64_at(bad.p + at, 9); break; /* the first chunk not after the count */
        case 4: /* the second and third swapped */
            km__put_u64_at(bad.p + at + 8, km__get_u64_at(good.p + at + 16));
            km__put_u64_at(bad.p + at + 16, km__get_u64_at(good.p + at + 8));
            break;
        case 5: bad.p[at + 8 * n_marks + 4] = 0xFF; break; /* 4,095 agreements a chunk: still three chunks */
        case 6: bad.p[at + 8 * n_marks] = 2; break; /* two marks for three chunks */
        }
        assert_int_equal(mem->snapshot_write(mem, good.seq, bad.p, bad.n), 0);
        if (open_patched(mem, none, none, NULL, want) != (k == 0)) fail_msg("case %u", (unsigned)k);
    }
    free(bad.p);
    free(good.p);
    km_storage_free(mem);
}

/* Asserts that the store's snapshot holds the n bytes want at delta from
 * the first place mark occurs: what a poke below assumes of the layout
 * (docs/format.md), checked, so that a changed layout fails here rather
 * than poking the wrong byte. */
static void expect_bytes(km_storage *mem, const char *mark, long delta, const char *want, size_t n)
{
    blob b = { NULL, 0, 0 };
    size_t m = strlen(mark), i;
    assert_int_equal(mem->snapshot_read(mem, UINT64_MAX, copy_cb, &b), 0);
    for (i = 0; i + m <= b.n && memcmp(b.p + i, mark, m) != 0; i++) continue;
    assert_true(i + m <= b.n && (long)i + delta >= 0 && (size_t)((long)i + delta) + n <= b.n);
    assert_memory_equal(b.p + (long)i + delta, want, n);
    free(b.p);
}

/* An agreement version's fields that a change's validation does not look
 * at are held to what a record can hold: a type out of range and an
 * unknown bit in the byte of optional fields are refused, while another
 * valid type at the same byte loads (the offset is right). Agreement 5
 * has three unsigned parties of one-byte ids and roles, no optional field,
 * the value 500,000 and a title equal to its reference, so in format 6 its
 * type is 19 bytes before the first "AGR-00005": type, status, the byte of
 * optional fields (0), the value's three-byte varint, the party count,
 * 3 x 2 bytes of parties, the strings' presence bits, the currency "IDR"
 * (1 + 3) and the title's length (1). */
static void test_bad_agreement_fields(void **state)
{
    static const char *const none[2] = { NULL, NULL };
    enum { TYPE = -19, OPT = -17 };
    const poke other_type[2] = { { "AGR-00005", TYPE, KM_AGREEMENT_MOU }, { NULL, 0, 0 } };
    const poke bad_type[2] = { { "AGR-00005", TYPE, 200 }, { NULL, 0, 0 } };
    const poke bad_flags[2] = { { "AGR-00005", OPT, 0x80 }, { NULL, 0, 0 } };
    uint64_t want;
    km_storage *mem = built_store(&want);
    (void)state;
    /* Type 5, status draft, no optional field, then 500,000 zigzagged (1,000,000). */
    expect_bytes(mem, "AGR-00005", TYPE, "\005\000\000\300\204\075", 6);
    assert_true(open_patched(mem, none, none, other_type, want));
    assert_false(open_patched(mem, none, none, bad_type, want));
    assert_false(open_patched(mem, none, none, bad_flags, want));
    km_storage_free(mem);
}

/* A version's optional field whose presence bit is set must not be 0:
 * each version has one encoding. Agreement 5 (see above) gets the bit of
 * its dimensions and a dimensions byte right after its value, the bytes
 * after moved one on and its title one byte shorter to make room (the
 * reference, which the network's digest reads, is untouched): with the
 * byte 0 the snapshot is refused, with 1 (a real dimension) it loads. */
static void test_present_but_zero(void **state)
{
    static const char *const none[2] = { NULL, NULL };
    enum { OPT = -17, AFTER_VALUE = -13 };
    uint64_t want;
    km_storage *mem = built_store(&want);
    blob good = { NULL, 0, 0 }, bad;
    size_t at;
    int dims;
    (void)state;
    assert_int_equal(mem->snapshot_read(mem, UINT64_MAX, copy_cb, &good), 0);
    for (at = 0; at + 9 <= good.n && memcmp(good.p + at, "AGR-00005", 9) != 0; at++) continue;
    assert_true(at + 9 <= good.n);
    assert_int_equal(good.p[at + OPT], 0);
    assert_int_equal(good.p[at - 1], 9); /* the title's length */
    bad.p = (uint8_t *)malloc(good.n);
    assert_non_null(bad.p);
    bad.n = good.n;
    for (dims = 0; dims <= 1; dims++) {
        memcpy(bad.p, good.p, good.n);
        bad.p[at + OPT] = 8; /* O_DIMENSIONS */
        memmove(bad.p + at + AFTER_VALUE + 1, good.p + at + AFTER_VALUE, (size_t)-AFTER_VALUE);
        bad.p[at + AFTER_VALUE] = (uint8_t)dims;
        bad.p[at] = 8; /* the title's length, now one byte later: "AGR-0000" */
        memcpy(bad.p + at + 1, "AGR-0000", 8);
        assert_int_equal(mem->snapshot_write(mem, good.seq, bad.p, bad.n), 0);
        if (open_patched(mem, none, none, NULL, want) != (dims == 1)) fail_msg("dimensions byte %d", dims);
    }
    free(bad.p);
    free(good.p);
    km_storage_free(mem);
}

/* One agreement, signed, active and amended twice: versions 1 and 2 are
 * history. */
static km_storage *history_store(void)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts(NULL);
    km_partner_fields p = KM_PARTNER_FIELDS_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    uint64_t ids[2], id = 0;
    uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
    assert_int_equal(km_storage_memory_new(&mem, NULL), 0);
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    p.name = "Dinas Kesehatan";
    p.external_id = "ID-EXT-000001";
    assert_int_equal(km_partner_create(&ids[0], net, &p), 0);
    p.name = "Yayasan Sehat";
    p.external_id = "ID-EXT-000002";
    assert_int_equal(km_partner_create(&ids[1], net, &p), 0);
    f.title = "Versi satu";
    f.reference = "PKS/7";
    f.type = 0;
    f.start_date = "2026-01-01";
    f.party_ids = ids;
    f.party_roles = roles;
    f.parties_count = 2;
    assert_int_equal(km_agreement_create(&id, net, &f), 0);
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[0]), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[1]), 0);
    assert_int_equal(km_agreement_activate(net, id, NULL), 0);
    f.title = "Versi dua";
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "adendum I"), 0);
    f.title = "Versi tiga";
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "adendum II"), 0);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    return mem;
}

/* A bad second earlier version: the first, already read, is released with
 * the refused snapshot (valgrind and ASan see a leak otherwise), and the
 * log gives every version back. In format 6, version 2's byte of optional
 * fields is 17 bytes before its title: that byte (0x11: a start date and
 * an amendment mask), the start day's three-byte varint (20,454
 * zigzagged: CC BF 02), the value (0), the mask (title), the party count,
 * two signed parties of four bytes (id, roles and the signed bit, the
 * signing time's two-byte gap from the creation), the strings' presence
 * bits and the title's length. The control moves its start date a day on
 * through the varint's low byte, and that loads; an unknown bit in the
 * byte is refused, and so is a start day far before year 1 (in version 1,
 * whose start is the first place the three bytes occur). */
static void test_bad_history_version(void **state)
{
    static const char *const none[2] = { NULL, NULL };
    static const char *const day[2] = { "\314\277\002", NULL }, *const far[2] = { "\315\377\177", NULL };
    enum { OPT = -17, START = -16 };
    const poke real[2] = { { "Versi dua", START, 0xCE }, { NULL, 0, 0 } };
    const poke flag4[2] = { { "Versi dua", OPT, 0x91 }, { NULL, 0, 0 } };
    const poke *cases[3] = { real, flag4, NULL };
    km_storage *mem = history_store();
    int k;
    (void)state;
    expect_bytes(mem, "Versi dua", OPT, "\021\314\277\002", 4);
    for (k = 0; k < 3; k++) {
        wrap w;
        km_network *net = NULL;
        km_network_options o = opts(NULL);
        km_agreement *a = NULL;
        wrap_init(&w, mem, cases[k] ? none : day, cases[k] ? none : far, cases[k]);
        assert_int_equal(km_network_open(&net, &w.base, &o), 0);
        assert_int_equal(w.first_scan > 1, k == 0); /* the control's snapshot is used */
        assert_int_equal(km_agreement_get_version(&a, net, 1, 2), 0);
        assert_string_equal(km_agreement_title(a), "Versi dua");
        assert_string_equal(km_agreement_start_date(a), k == 0 ? "2026-01-02" : "2026-01-01");
        km_agreement_free(a);
        assert_int_equal(km_agreement_get_version(&a, net, 1, 1), 0);
        assert_string_equal(km_agreement_title(a), "Versi satu");
        km_agreement_free(a);
        km_network_close(net);
    }
    km_storage_free(mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_and_serial_loads_agree),
        cmocka_unit_test(test_loaded_records_outlive_the_network),
        cmocka_unit_test(test_bad_sections),
        cmocka_unit_test(test_bad_chunk_marks),
        cmocka_unit_test(test_bad_agreement_fields),
        cmocka_unit_test(test_present_but_zero),
        cmocka_unit_test(test_bad_history_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
