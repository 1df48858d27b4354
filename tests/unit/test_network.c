/* Unit tests for the network handle, the log and the hooks: open/close and
 * option checks, explicit transactions, the authorizer and the actor,
 * read-only handles, two handles on one store (conflicts, refresh, retry),
 * time travel, hash-chain verification against a host storage backend
 * written here (which also corrupts records on purpose: flipped bytes,
 * missing, truncated and future-format entries, re-chained entries whose
 * events no longer validate, and a sweep over every byte of the log),
 * storage failures, the audit trail and the error API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "support/fnv.h"
#include "support/failalloc.h"
#include "support/counting_store.h"
#include "util/sha256.h"
#include "util/buf.h"
#include "support/expect.h"

#define T0 INT64_C(1767225600000000) /* 2026-01-01 00:00:00 UTC */
#define SEC INT64_C(1000000)

#define EXPECT_ERR(expr, code, field)                                                   \
    do {                                                                                \
        int rc_ = (expr);                                                               \
        if (rc_ != (code)) print_error("got %d: %s\n", rc_, km_error_last_message(KM_LANG_EN)); \
        assert_int_equal(rc_, (code));                                                  \
        assert_int_equal(km_error_last(), (code));                                      \
        assert_string_equal(km_error_last_field(), (field));                            \
        assert_non_null(strstr(km_error_last_message(KM_LANG_EN), (field)));            \
        assert_non_null(strstr(km_error_last_message(KM_LANG_ID), (field)));            \
    } while (0)

#define MSG_HAS(lang, text) assert_non_null(strstr(km_error_last_message(lang), (text)))

/* ---- fixture ---------------------------------------------------------------- */

typedef struct fx {
    km_network *net;
    int64_t now;
} fx;

static fx g_fx;

static int64_t fx_clock(void *payload) { return ((fx *)payload)->now; }

static km_network_options fx_options(fx *f)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.clock = fx_clock;
    o.clock_payload = f;
    return o;
}

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
    km_network_options o = fx_options(&g_fx);
    *state = &g_fx;
    g_fx.now = T0;
    o.actor = "tester";
    return km_network_open(&g_fx.net, NULL, &o) == 0 ? 0 : -1;
}

static int net_teardown(void **state)
{
    fx *f = (fx *)*state;
    km_network_close(f->net);
    f->net = NULL;
    return 0;
}

static int plain_setup(void **state)
{
    *state = &g_fx;
    g_fx.now = T0;
    return 0;
}

/* ---- helpers ---------------------------------------------------------------- */

static km_partner_fields plain(const char *name, const char *ext, int kind)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = name;
    f.external_id = ext;
    f.kind = kind;
    return f;
}

static uint64_t create(km_network *net, const char *name, const char *ext)
{
    km_partner_fields f = plain(name, ext, KM_PARTNER_NGO);
    uint64_t id = 0;
    EXPECT_OK(km_partner_create(&id, net, &f));
    return id;
}

static void rename_partner(km_network *net, uint64_t id, const char *name)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = name;
    EXPECT_OK(km_partner_update(net, id, &f, KM_PARTNER_F_NAME));
}

typedef struct snap {
    uint64_t seq;
    char head[65];
    km_network_stats st;
    uint64_t digest;
    size_t audit_n;
} snap;

static void take_snap(km_network *net, snap *s)
{
    km_partner_page *page = NULL;
    km_audit *a = NULL;
    uint64_t id, count = 0;
    size_t i;
    memset(s, 0, sizeof *s);
    s->st.version = KM_NETWORK_STATS_VERSION;
    s->seq = km_network_seq(net);
    EXPECT_OK(km_network_head_hash(s->head, net));
    EXPECT_OK(km_network_stats_get(&s->st, net));
    s->digest = UINT64_C(14695981039346656037);
    for (id = 1; id <= s->st.partners; id++) {
        km_partner *p = NULL, *q = NULL;
        EXPECT_OK(km_partner_get(&p, net, id));
        EXPECT_OK(km_partner_get_by_external_id(&q, net, km_partner_external_id(p)));
        assert_int_equal(km_partner_id(q), id);
        s->digest = fnv_u64(s->digest, id);
        s->digest = fnv_str(s->digest, km_partner_name(p));
        s->digest = fnv_str(s->digest, km_partner_external_id(p));
        s->digest = fnv_u64(s->digest, (uint64_t)km_partner_kind_of(p));
        s->digest = fnv_u64(s->digest, (uint64_t)km_partner_status_of(p));
        s->digest = fnv_str(s->digest, km_partner_status_reason(p));
        s->digest = fnv_u64(s->digest, km_partner_version(p));
        s->digest = fnv_u64(s->digest, (uint64_t)km_partner_updated(p));
        km_partner_free(p);
        km_partner_free(q);
    }
    EXPECT_OK(km_partner_list(&page, net, NULL));
    for (i = 0; i < km_partner_page_count(page); i++)
        s->digest = fnv_u64(s->digest, km_partner_id(km_partner_page_get(page, i)));
    km_partner_page_free(page);
    EXPECT_OK(km_partner_count(&count, net, NULL));
    assert_int_equal(count, s->st.partners);
    EXPECT_OK(km_audit_list(&a, net, NULL));
    s->audit_n = km_audit_count(a);
    km_audit_free(a);
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
    assert_int_equal(a->digest, b->digest);
    assert_int_equal(a->audit_n, b->audit_n);
}

static int64_t audit_time_of(km_network *net, uint64_t seq)
{
    km_audit *a = NULL;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    int64_t t;
    q.from_seq = seq;
    EXPECT_OK(km_audit_list(&a, net, &q));
    assert_true(km_audit_count(a) > 0);
    assert_int_equal(km_audit_seq(a, 0), seq);
    t = km_audit_time(a, 0);
    km_audit_free(a);
    return t;
}

/* ---- a host storage backend: records in an array ------------------------------ */

typedef struct vrec {
    uint64_t seq;
    uint8_t *data;
    size_t len;
} vrec;

typedef struct vstore {
    km_storage base; /* first */
    vrec *recs;
    size_t n, cap;
    int fail_append;     /* code the next appends return (0 = work) */
    int fail_appends;    /* how many appends fail; -1 = all */
    int use_error_set;   /* report through km_error_set() */
    int fail_scan;
    int fail_last_seq;
    unsigned appends, scans;
} vstore;

static int vs_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    vstore *v = (vstore *)self;
    uint64_t last = v->n ? v->recs[v->n - 1].seq : 0;
    vrec *r;
    v->appends++;
    if (v->fail_append && v->fail_appends != 0) {
        if (v->fail_appends > 0) v->fail_appends--;
        if (v->use_error_set) return km_error_set(v->fail_append, "vstore", "disk full (simulated)");
        return v->fail_append;
    }
    if (seq <= last) return KM_ECONFLICT;
    if (seq != last + 1) return KM_EINVAL;
    if (v->n == v->cap) {
        size_t ncap = v->cap ? 2 * v->cap : 8;
        vrec *nr = (vrec *)realloc(v->recs, ncap * sizeof *nr);
        if (!nr) return KM_ENOMEM;
        v->recs = nr;
        v->cap = ncap;
    }
    r = &v->recs[v->n];
    r->data = (uint8_t *)malloc(len ? len : 1);
    if (!r->data) return KM_ENOMEM;
    memcpy(r->data, data, len);
    r->len = len;
    r->seq = seq;
    v->n++;
    return 0;
}

static int vs_scan(km_storage *self, uint64_t from, km_storage_record_cb cb, void *payload)
{
    vstore *v = (vstore *)self;
    size_t i;
    v->scans++;
    if (v->fail_scan) return v->fail_scan;
    for (i = 0; i < v->n; i++) {
        int rc;
        if (v->recs[i].seq < from) continue;
        rc = cb(payload, v->recs[i].seq, v->recs[i].data, v->recs[i].len);
        if (rc) return rc;
    }
    return 0;
}

static int vs_last_seq(km_storage *self, uint64_t *out)
{
    vstore *v = (vstore *)self;
    if (v->fail_last_seq) return v->fail_last_seq;
    *out = v->n ? v->recs[v->n - 1].seq : 0;
    return 0;
}

static void vs_free(km_storage *self)
{
    vstore *v = (vstore *)self;
    size_t i;
    for (i = 0; i < v->n; i++) free(v->recs[i].data);
    free(v->recs);
    free(v);
}

static vstore *vs_new(void)
{
    static const km_storage init = KM_STORAGE_INIT;
    vstore *v = (vstore *)calloc(1, sizeof *v);
    assert_non_null(v);
    v->base = init;
    v->base.append = vs_append;
    v->base.scan = vs_scan;
    v->base.last_seq = vs_last_seq;
    v->base.free = vs_free;
    return v;
}

static vstore *vs_clone(const vstore *src)
{
    vstore *v = vs_new();
    size_t i;
    for (i = 0; i < src->n; i++) assert_int_equal(vs_append(&v->base, src->recs[i].seq, src->recs[i].data, src->recs[i].len), 0);
    v->appends = 0;
    return v;
}

static vrec *vs_rec(vstore *v, uint64_t seq)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (v->recs[i].seq == seq) return &v->recs[i];
    fail_msg("no record %llu", (unsigned long long)seq);
    return NULL;
}

static void vs_delete(vstore *v, uint64_t seq)
{
    vrec *r = vs_rec(v, seq);
    size_t i = (size_t)(r - v->recs);
    free(r->data);
    memmove(&v->recs[i], &v->recs[i + 1], (v->n - i - 1) * sizeof *r);
    v->n--;
}

static uint32_t le32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static void put_le64(uint8_t *p, uint64_t v)
{
    int i;
    for (i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Record layout (src/log/record.h, format 2): 52 fixed header bytes, actor
 * (u32 len + bytes), u32 event count, events {varint entity, varint op,
 * varint id, varint len, payload}; payload fields {u8 tag | (type - 1) << 6,
 * varint len, bytes}, integers as their short little-endian bytes. */
static size_t rec_event_off(const vrec *r)
{
    return 52 + 4 + le32(r->data + 52) + 4;
}

/* The first event of a record: its head's values, and where its payload is. */
typedef struct ev_view {
    uint64_t entity, op, id, len;
    size_t head, payload; /* offsets in the record */
} ev_view;

static ev_view rec_first_event(const vrec *r)
{
    ev_view e;
    const uint8_t *q, *end = r->data + r->len;
    e.head = rec_event_off(r);
    q = r->data + e.head;
    assert_int_equal(km__get_varint(&q, end, UINT64_MAX, &e.entity), 0);
    assert_int_equal(km__get_varint(&q, end, UINT64_MAX, &e.op), 0);
    assert_int_equal(km__get_varint(&q, end, UINT64_MAX, &e.id), 0);
    assert_int_equal(km__get_varint(&q, end, UINT64_MAX, &e.len), 0);
    e.payload = (size_t)(q - r->data);
    return e;
}

/* Offset of the value of payload field `tag` in the first event, its
 * length, and (head != NULL) the offset of the field's first byte. */
static size_t rec_field_at(const vrec *r, unsigned tag, size_t *len, size_t *head)
{
    ev_view e = rec_first_event(r);
    const uint8_t *q = r->data + e.payload, *end = q + e.len;
    while (q < end) {
        const uint8_t *h = q++;
        uint64_t l = 0;
        assert_int_equal(km__get_varint(&q, end, UINT64_MAX, &l), 0);
        if ((*h & 0x3Fu) == tag) {
            *len = (size_t)l;
            if (head) *head = (size_t)(h - r->data);
            return (size_t)(q - r->data);
        }
        q += l;
    }
    fail_msg("tag %u not found", tag);
    return 0;
}

static size_t rec_field(const vrec *r, unsigned tag, size_t *len) { return rec_field_at(r, tag, len, NULL); }

/* Replaces the first event of a record by (entity, op, id, payload); the
 * record's other bytes stay as they were. */
static void rec_set_event(vrec *r, uint64_t entity, uint64_t op, uint64_t id, const uint8_t *payload, size_t plen)
{
    ev_view e = rec_first_event(r);
    size_t rest = e.payload + (size_t)e.len, h = e.head;
    uint8_t *d = (uint8_t *)malloc(e.head + 4 * KM__VARINT_MAX + plen + (r->len - rest));
    assert_non_null(d);
    memcpy(d, r->data, e.head);
    h += km__put_varint_at(d + h, entity);
    h += km__put_varint_at(d + h, op);
    h += km__put_varint_at(d + h, id);
    h += km__put_varint_at(d + h, plen);
    memcpy(d + h, payload, plen);
    memcpy(d + h + plen, r->data + rest, r->len - rest);
    free(r->data);
    r->len = h + plen + (r->len - rest);
    r->data = d;
}

/* Sets integer field `tag` of the first event to the bits v (its bytes
 * re-encoded, the event's length adjusted). */
static void rec_set_uint(vrec *r, unsigned tag, uint64_t v)
{
    ev_view e = rec_first_event(r);
    size_t len, head, off = rec_field_at(r, tag, &len, &head), n = head - e.payload;
    uint8_t p[512];
    assert_true(e.len + 16 <= sizeof p);
    memcpy(p, r->data + e.payload, n);
    p[n] = r->data[head];
    n++;
    n += km__put_varint_at(p + n, km__short_size(v));
    km__put_short_at(p + n, v);
    n += km__short_size(v);
    memcpy(p + n, r->data + off + len, e.payload + e.len - (off + len));
    n += e.payload + e.len - (off + len);
    rec_set_event(r, e.entity, e.op, e.id, p, n);
}

/* Sets the first event's entity, op and id, keeping its payload. */
static void rec_set_head(vrec *r, uint64_t entity, uint64_t op, uint64_t id)
{
    ev_view e = rec_first_event(r);
    uint8_t p[512];
    assert_true(e.len <= sizeof p);
    memcpy(p, r->data + e.payload, e.len);
    rec_set_event(r, entity, op, id, p, e.len);
}

/* Recomputes the prev links of every record after `seq`, as a buggy (or
 * malicious but careful) writer would, so that only validation can notice. */
static void vs_rechain(vstore *v, uint64_t seq)
{
    size_t i;
    for (i = 0; i + 1 < v->n; i++) {
        if (v->recs[i + 1].seq <= seq) continue;
        km__sha256(v->recs[i].data, v->recs[i].len, v->recs[i + 1].data + 20);
    }
}

/* The log the corruption tests start from: six entries, the fifth holding
 * two changes. */
static void build_six(fx *f, vstore *v, char head[65])
{
    km_network_options o = fx_options(f);
    km_network *net = NULL;
    f->now = T0;
    o.actor = "alice";
    EXPECT_OK(km_network_open(&net, &v->base, &o));
    create(net, "Koperasi Satu", "ID-NIB-1");                         /* 1 */
    f->now += SEC;
    create(net, "Yayasan Dua", "ID-NIB-2");                           /* 2 */
    f->now += SEC;
    EXPECT_OK(km_network_set_actor(net, "bob"));
    {
        km_partner_fields in = plain("Universitas Tiga", "ID-NIB-3", KM_PARTNER_ACADEMIC);
        EXPECT_OK(km_partner_create(NULL, net, &in));                 /* 3 */
    }
    f->now += SEC;
    rename_partner(net, 1, "Koperasi Satu Baru");                     /* 4 */
    f->now += SEC;
    EXPECT_OK(km_network_set_actor(net, "carol"));
    EXPECT_OK(km_network_begin(net));
    EXPECT_OK(km_partner_set_status(net, 2, KM_PARTNER_SUSPENDED, "audit"));
    create(net, "Dinas Empat", "ID-NIB-4");
    EXPECT_OK(km_network_commit(net));                                /* 5 */
    f->now += SEC;
    create(net, "Lima", "ID-NIB-5");                                  /* 6 */
    assert_int_equal(km_network_seq(net), 6);
    if (head) EXPECT_OK(km_network_head_hash(head, net));
    km_network_close(net);
    assert_int_equal(v->n, 6);
}

/* ---- open / close --------------------------------------------------------------- */

static void test_open_close(void **state)
{
    km_network *net = (km_network *)state; /* must be reset on failure */
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_storage *mem = NULL;
    km_test_alloc ta;
    char head[65];
    int64_t now;

    /* NULL storage and NULL options: a private memory store. */
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    assert_non_null(net);
    assert_int_equal(km_network_seq(net), 0);
    EXPECT_OK(km_network_head_hash(head, net));
    assert_string_equal(head, "0000000000000000000000000000000000000000000000000000000000000000");
    EXPECT_OK(km_network_stats_get(&st, net));
    assert_int_equal(st.log_entries, 0);
    assert_int_equal(st.log_events, 0);
    assert_int_equal(st.log_bytes, 0);
    assert_int_equal(st.partners, 0);
    assert_string_equal(km_network_actor(net), "");
    /* Default clock is the system clock: after 2024, and not far ahead. */
    now = km_network_now(net);
    assert_true(now > INT64_C(1704067200000000));
    create(net, "Satu", "ID-NIB-1");
    EXPECT_OK(km_network_head_hash(head, net));
    assert_string_not_equal(head, "0000000000000000000000000000000000000000000000000000000000000000");
    assert_int_equal(strlen(head), 64);
    assert_int_equal(strspn(head, "0123456789abcdef"), 64);
    km_network_close(net);
    km_network_close(NULL);

    /* Options with everything default. */
    net = NULL;
    EXPECT_OK(km_network_open(&net, NULL, &o));
    km_network_close(net);

    /* A counting allocator sees every block returned. */
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    EXPECT_OK(km_network_open(&net, NULL, &o));
    create(net, "Dua", "ID-NIB-2");
    assert_true(ta.live > 0);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.live_bytes, 0);

    /* A shared memory store, with its own allocator. */
    EXPECT_OK(km_storage_memory_new(&mem, km_test_alloc_get(&ta)));
    o.allocator = NULL;
    EXPECT_OK(km_network_open(&net, mem, &o));
    create(net, "Tiga", "ID-NIB-3");
    km_network_close(net);
    EXPECT_OK(km_network_open(&net, mem, NULL));
    assert_int_equal(km_network_seq(net), 1);
    km_network_close(net);
    km_storage_free(mem);
    km_storage_free(NULL);
    assert_int_equal(ta.live, 0);

    /* Argument errors. */
    EXPECT_ERR(km_network_open(NULL, NULL, NULL), KM_EINVAL, "out");
    EXPECT_ERR(km_storage_memory_new(NULL, NULL), KM_EINVAL, "out");
    {
        km_allocator partial = KM_ALLOCATOR_INIT;
        partial.malloc_fn = km_test_alloc_get(&ta)->malloc_fn;
        partial.payload = &ta;
        mem = (km_storage *)state;
        EXPECT_ERR(km_storage_memory_new(&mem, &partial), KM_EINVAL, "allocator");
        assert_null(mem);
    }
}

static void test_open_option_errors(void **state)
{
    km_network *net;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_test_alloc ta;
    km_allocator partial;
    vstore *v = vs_new();
    (void)state;

    km_test_alloc_init(&ta);
    net = (km_network *)&o;
    o.version = 0;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EVERSION, "options.version");
    assert_null(net);
    o.version = KM_NETWORK_OPTIONS_VERSION + 1;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EVERSION, "options.version");
    o = (km_network_options)KM_NETWORK_OPTIONS_INIT;

    /* Each partial allocator is refused, whichever callback is missing. */
    partial = *km_test_alloc_get(&ta);
    partial.realloc_fn = NULL;
    o.allocator = &partial;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EINVAL, "allocator");
    partial = *km_test_alloc_get(&ta);
    partial.free_fn = NULL;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EINVAL, "allocator");
    partial = *km_test_alloc_get(&ta);
    partial.malloc_fn = NULL;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EINVAL, "allocator");
    assert_null(net);
    partial = *km_test_alloc_get(&ta);
    partial.version = KM_ALLOCATOR_VERSION + 1;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EVERSION, "allocator.version");
    assert_int_equal(ta.calls, 0);
    o.allocator = NULL;

    o.as_of_time = -1;
    EXPECT_ERR(km_network_open(&net, NULL, &o), KM_EINVAL, "options.as_of_time");
    o.as_of_time = 0;

    /* Backends: version and required methods. */
    v->base.version = 0;
    EXPECT_ERR(km_network_open(&net, &v->base, NULL), KM_EVERSION, "storage.version");
    v->base.version = KM_STORAGE_VERSION + 1;
    EXPECT_ERR(km_network_open(&net, &v->base, NULL), KM_EVERSION, "storage.version");
    v->base.version = KM_STORAGE_VERSION;
    v->base.scan = NULL;
    EXPECT_ERR(km_network_open(&net, &v->base, NULL), KM_EINVAL, "storage");
    v->base.scan = vs_scan;
    v->base.append = NULL;
    EXPECT_ERR(km_network_open(&net, &v->base, NULL), KM_EINVAL, "storage");
    v->base.append = vs_append;
    v->base.last_seq = NULL;
    EXPECT_ERR(km_network_open(&net, &v->base, NULL), KM_EINVAL, "storage");
    v->base.last_seq = vs_last_seq;
    assert_null(net);
    EXPECT_OK(km_network_open(&net, &v->base, NULL));
    km_network_close(net);
    km_storage_free(&v->base);

    /* NULL handles everywhere. */
    {
        km_network_stats st = KM_NETWORK_STATS_INIT;
        char head[65];
        EXPECT_ERR(km_network_stats_get(&st, NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_head_hash(head, NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_set_actor(NULL, "x"), KM_EINVAL, "net");
        EXPECT_ERR(km_network_set_clock(NULL, NULL, NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_set_authorizer(NULL, NULL, NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_begin(NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_commit(NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_rollback(NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_refresh(NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_network_verify(NULL, NULL), KM_EINVAL, "net");
        EXPECT_ERR(km_partner_set_status(NULL, 1, 1, "x"), KM_EINVAL, "net");
        assert_int_equal(km_network_seq(NULL), 0);
        assert_int_equal(km_network_now(NULL), 0);
        assert_string_equal(km_network_actor(NULL), "");
    }
}

static void test_stats_and_hooks(void **state)
{
    fx *f = (fx *)*state;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    char head[65];
    EXPECT_ERR(km_network_stats_get(NULL, f->net), KM_EINVAL, "out");
    EXPECT_ERR(km_network_head_hash(NULL, f->net), KM_EINVAL, "out");
    st.version = 0;
    EXPECT_ERR(km_network_stats_get(&st, f->net), KM_EVERSION, "out.version");
    st.version = KM_NETWORK_STATS_VERSION + 1;
    EXPECT_ERR(km_network_stats_get(&st, f->net), KM_EVERSION, "out.version");

    /* The clock hook and its replacement. */
    f->now = T0 + 42;
    assert_int_equal(km_network_now(f->net), T0 + 42);
    create(f->net, "Satu", "ID-NIB-1");
    assert_int_equal(audit_time_of(f->net, 1), T0 + 42);
    EXPECT_OK(km_network_set_clock(f->net, NULL, NULL));
    assert_true(km_network_now(f->net) > INT64_C(1704067200000000));
    assert_true(km_network_now(f->net) != T0 + 42);
    EXPECT_OK(km_network_set_clock(f->net, fx_clock, f));
    f->now = T0 + 100 * SEC;
    create(f->net, "Dua", "ID-NIB-2");
    assert_int_equal(audit_time_of(f->net, 2), T0 + 100 * SEC);

    st.version = KM_NETWORK_STATS_VERSION;
    EXPECT_OK(km_network_stats_get(&st, f->net));
    assert_int_equal(st.log_entries, 2);
    assert_int_equal(st.log_events, 2);
    assert_true(st.log_bytes > 2 * 52);
    EXPECT_OK(km_network_head_hash(head, f->net));
}

/* Entry times never go backwards, even if the clock does. */
static void test_clock_monotonic(void **state)
{
    fx *f = (fx *)*state;
    km_partner *p = NULL;
    f->now = T0 + 10 * SEC;
    create(f->net, "Satu", "ID-NIB-1");
    f->now = T0 + 5 * SEC; /* clock steps back */
    create(f->net, "Dua", "ID-NIB-2");
    assert_int_equal(audit_time_of(f->net, 2), T0 + 10 * SEC);
    EXPECT_OK(km_partner_get(&p, f->net, 2));
    assert_int_equal(km_partner_created(p), T0 + 10 * SEC);
    km_partner_free(p);
    f->now = T0 + 20 * SEC;
    create(f->net, "Tiga", "ID-NIB-3");
    assert_int_equal(audit_time_of(f->net, 3), T0 + 20 * SEC);
}

/* ---- transactions ---------------------------------------------------------------- */

static void test_transactions(void **state)
{
    fx *f = (fx *)*state;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    km_audit *a = NULL;
    km_partner *p = NULL;
    snap before, after;
    uint64_t id;
    size_t i;

    create(f->net, "Awal", "ID-NIB-0");
    f->now = T0 + 7 * SEC;
    EXPECT_OK(km_network_begin(f->net));
    EXPECT_ERR(km_network_begin(f->net), KM_ESTATE, "transaction");
    EXPECT_ERR(km_network_refresh(f->net), KM_ESTATE, "transaction");
    assert_int_equal(create(f->net, "Satu", "ID-NIB-1"), 2);
    f->now = T0 + 8 * SEC; /* one entry, one time: the time of begin */
    assert_int_equal(create(f->net, "Dua", "ID-NIB-2"), 3);
    assert_int_equal(create(f->net, "Tiga", "ID-NIB-3"), 4);
    /* Changes are visible to the handle before the commit ... */
    EXPECT_OK(km_partner_get_by_external_id(&p, f->net, "ID-NIB-3"));
    assert_int_equal(km_partner_id(p), 4);
    assert_int_equal(km_partner_created(p), T0 + 7 * SEC);
    km_partner_free(p);
    /* ... but not yet logged. */
    assert_int_equal(km_network_seq(f->net), 1);
    EXPECT_OK(km_network_commit(f->net));
    assert_int_equal(km_network_seq(f->net), 2);
    EXPECT_OK(km_network_stats_get(&st, f->net));
    assert_int_equal(st.log_entries, 2);
    assert_int_equal(st.log_events, 4);
    assert_int_equal(st.partners, 4);
    {
        km_audit_query q = KM_AUDIT_QUERY_INIT;
        q.from_seq = 2;
        EXPECT_OK(km_audit_list(&a, f->net, &q));
    }
    assert_int_equal(km_audit_count(a), 3);
    for (i = 0; i < 3; i++) {
        assert_int_equal(km_audit_seq(a, i), 2);
        assert_int_equal(km_audit_time(a, i), T0 + 7 * SEC);
        assert_int_equal(km_audit_entity_id(a, i), i + 2);
        assert_string_equal(km_audit_operation(a, i), "partner.create");
    }
    km_audit_free(a);
    EXPECT_ERR(km_network_commit(f->net), KM_ESTATE, "transaction");
    EXPECT_ERR(km_network_rollback(f->net), KM_ESTATE, "transaction");

    /* Rollback restores everything: creates, updates, status changes. */
    take_snap(f->net, &before);
    EXPECT_OK(km_network_begin(f->net));
    assert_int_equal(create(f->net, "Empat", "ID-NIB-4"), 5);
    assert_int_equal(create(f->net, "Lima", "ID-NIB-5"), 6);
    rename_partner(f->net, 1, "Awal Baru");
    rename_partner(f->net, 5, "Empat Baru");
    EXPECT_OK(km_partner_set_status(f->net, 2, KM_PARTNER_ARCHIVED, "bubar"));
    EXPECT_OK(km_partner_set_status(f->net, 2, KM_PARTNER_ACTIVE, NULL));
    EXPECT_OK(km_partner_set_status(f->net, 3, KM_PARTNER_SUSPENDED, "cek"));
    {
        km_partner_fields up = KM_PARTNER_FIELDS_INIT;
        up.external_id = "ID-NIB-99";
        EXPECT_OK(km_partner_update(f->net, 4, &up, KM_PARTNER_F_EXTERNAL_ID));
    }
    EXPECT_OK(km_network_rollback(f->net));
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);
    p = NULL;
    EXPECT_ERR(km_partner_get_by_external_id(&p, f->net, "ID-NIB-99"), KM_ENOTFOUND, "partner.external_id");
    EXPECT_OK(km_partner_get_by_external_id(&p, f->net, "ID-NIB-3"));
    assert_int_equal(km_partner_id(p), 4);
    km_partner_free(p);
    /* Ids and external ids are free again. */
    assert_int_equal(create(f->net, "Empat lagi", "ID-NIB-4"), 5);
    assert_int_equal(create(f->net, "Lima lagi", "ID-NIB-5"), 6);
    assert_int_equal(km_network_seq(f->net), 4);

    /* An empty transaction commits nothing. */
    take_snap(f->net, &before);
    EXPECT_OK(km_network_begin(f->net));
    EXPECT_OK(km_network_commit(f->net));
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);

    /* A transaction may touch one partner several times. */
    EXPECT_OK(km_network_begin(f->net));
    id = create(f->net, "Tujuh", "ID-NIB-7");
    rename_partner(f->net, id, "Tujuh Baru");
    EXPECT_OK(km_partner_set_status(f->net, id, KM_PARTNER_SUSPENDED, "x"));
    EXPECT_OK(km_network_commit(f->net));
    EXPECT_OK(km_partner_get(&p, f->net, id));
    assert_int_equal(km_partner_version(p), 3);
    assert_string_equal(km_partner_name(p), "Tujuh Baru");
    km_partner_free(p);
    EXPECT_OK(km_network_stats_get(&st, f->net));
    assert_int_equal(st.log_entries, 5);
    assert_int_equal(st.log_events, 4 + 2 + 3);
}

static void test_txn_failing_change(void **state)
{
    fx *f = (fx *)*state;
    km_partner_fields bad = plain("Buruk", "ID-NIB-2", KM_PARTNER_NGO);
    km_partner *p = NULL;
    km_audit *a = NULL;

    EXPECT_OK(km_network_begin(f->net));
    assert_int_equal(create(f->net, "Satu", "ID-NIB-1"), 1);
    bad.email = "bukan-email";
    EXPECT_ERR(km_partner_create(NULL, f->net, &bad), KM_EINVAL, "partner.email");
    /* The earlier change of the transaction stays. */
    EXPECT_OK(km_partner_get(&p, f->net, 1));
    km_partner_free(p);
    EXPECT_ERR(km_partner_create(NULL, f->net, &bad), KM_EINVAL, "partner.email");
    bad.email = NULL;
    bad.external_id = "ID-NIB-1";
    EXPECT_ERR(km_partner_create(NULL, f->net, &bad), KM_EEXISTS, "partner.external_id");
    EXPECT_ERR(km_partner_set_status(f->net, 1, KM_PARTNER_ACTIVE, NULL), KM_ESTATE, "partner.status");
    /* The failed creates used no id. */
    assert_int_equal(create(f->net, "Dua", "ID-NIB-2"), 2);
    EXPECT_OK(km_network_commit(f->net));
    assert_int_equal(km_network_seq(f->net), 1);
    EXPECT_OK(km_audit_list(&a, f->net, NULL));
    assert_int_equal(km_audit_count(a), 2);
    assert_int_equal(km_audit_seq(a, 1), 1);
    assert_int_equal(km_audit_entity_id(a, 1), 2);
    km_audit_free(a);
}

/* Closing with an open transaction rolls it back: nothing reaches the store. */
static void test_close_rolls_back(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_partner *p = NULL;
    km_test_alloc ta;
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    EXPECT_OK(km_storage_memory_new(&mem, o.allocator));
    EXPECT_OK(km_network_open(&net, mem, &o));
    create(net, "Satu", "ID-NIB-1");
    EXPECT_OK(km_network_begin(net));
    create(net, "Dua", "ID-NIB-2");
    rename_partner(net, 1, "Satu Baru");
    EXPECT_OK(km_partner_get(&p, net, 2));
    km_network_close(net);
    assert_string_equal(km_partner_name(p), "Dua"); /* the handle outlives both */
    km_partner_free(p);
    EXPECT_OK(km_network_open(&net, mem, &o));
    assert_int_equal(km_network_seq(net), 1);
    EXPECT_OK(km_partner_get(&p, net, 1));
    assert_string_equal(km_partner_name(p), "Satu");
    km_partner_free(p);
    km_network_close(net);
    km_storage_free(mem);
    assert_int_equal(ta.live, 0);
}

/* ---- authorizer and actor ------------------------------------------------------- */

typedef struct authlog {
    int calls;
    unsigned version;
    int entity;
    uint64_t entity_id;
    char op[64];
    char actor[300];
    const char *deny_actor; /* deny this actor ... */
    const char *deny_op;    /* ... for this operation (NULL: any) */
    const char *reason;
    int fill_reason;        /* write reason_size bytes without a NUL */
} authlog;

static int authorizer(void *payload, const km_auth_request *r, char *reason, size_t size)
{
    authlog *a = (authlog *)payload;
    a->calls++;
    a->version = r->version;
    a->entity = r->entity;
    a->entity_id = r->entity_id;
    assert_non_null(r->operation);
    assert_non_null(r->actor);
    snprintf(a->op, sizeof a->op, "%s", r->operation);
    snprintf(a->actor, sizeof a->actor, "%s", r->actor);
    assert_true(size >= 64);
    if (a->deny_actor && strcmp(r->actor, a->deny_actor) == 0 && (!a->deny_op || strcmp(r->operation, a->deny_op) == 0)) {
        if (a->fill_reason) memset(reason, 'z', size);
        else if (a->reason) snprintf(reason, size, "%s", a->reason);
        return 1;
    }
    return 0;
}

static void test_authorizer(void **state)
{
    fx *f = (fx *)*state;
    authlog log;
    snap before, after;
    km_partner_fields in = plain("Satu", "ID-NIB-1", KM_PARTNER_NGO);
    km_audit *a = NULL;
    km_partner *p = NULL;
    uint64_t id;

    memset(&log, 0, sizeof log);
    log.deny_actor = "mallory";
    log.deny_op = "partner.create";
    log.reason = "bukan petugas registrasi";
    EXPECT_OK(km_network_set_authorizer(f->net, authorizer, &log));

    EXPECT_OK(km_network_set_actor(f->net, "alice"));
    id = create(f->net, "Nol", "ID-NIB-0");
    assert_int_equal(log.calls, 1);
    assert_int_equal(log.version, KM_AUTH_REQUEST_VERSION);
    assert_int_equal(log.entity, KM_ENTITY_PARTNER);
    assert_int_equal(log.entity_id, 0);
    assert_string_equal(log.op, "partner.create");
    assert_string_equal(log.actor, "alice");

    EXPECT_OK(km_network_set_actor(f->net, "mallory"));
    take_snap(f->net, &before);
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EDENIED, "partner.create");
    MSG_HAS(KM_LANG_EN, "bukan petugas registrasi");
    MSG_HAS(KM_LANG_ID, "bukan petugas registrasi");
    MSG_HAS(KM_LANG_EN, "mallory");
    assert_string_equal(log.actor, "mallory");
    /* Denial comes before validation: even an invalid create is denied. */
    in.email = "x@";
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EDENIED, "partner.create");
    in.email = NULL;
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);

    /* Other operations stay allowed for mallory; the request names them. */
    rename_partner(f->net, id, "Nol Baru");
    assert_string_equal(log.op, "partner.update");
    assert_int_equal(log.entity_id, id);
    EXPECT_OK(km_partner_set_status(f->net, id, KM_PARTNER_SUSPENDED, "x"));
    assert_string_equal(log.op, "partner.status");
    assert_int_equal(log.entity_id, id);
    assert_int_equal(log.entity, KM_ENTITY_PARTNER);

    /* Deny everything mallory does, without a reason. */
    log.deny_op = NULL;
    log.reason = NULL;
    take_snap(f->net, &before);
    EXPECT_ERR(km_partner_set_status(f->net, id, KM_PARTNER_ACTIVE, NULL), KM_EDENIED, "partner.status");
    assert_null(strstr(km_error_last_message(KM_LANG_EN), "\": "));
    EXPECT_ERR(km_partner_update(f->net, id, &in, KM_PARTNER_F_NAME), KM_EDENIED, "partner.update");
    /* Inside a transaction too, and the earlier changes stay. */
    EXPECT_OK(km_network_set_actor(f->net, "alice"));
    EXPECT_OK(km_network_begin(f->net));
    create(f->net, "Dalam", "ID-NIB-50");
    EXPECT_OK(km_network_set_actor(f->net, "mallory"));
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EDENIED, "partner.create");
    EXPECT_OK(km_network_rollback(f->net));
    take_snap(f->net, &after);
    assert_snap_equal(&before, &after);

    /* A reason that fills the buffer without a terminator is cut safely. */
    log.fill_reason = 1;
    EXPECT_ERR(km_partner_create(NULL, f->net, &in), KM_EDENIED, "partner.create");
    MSG_HAS(KM_LANG_EN, "zzzz");
    log.fill_reason = 0;

    /* Reads never ask the authorizer. */
    log.calls = 0;
    EXPECT_OK(km_partner_get(&p, f->net, id));
    km_partner_free(p);
    EXPECT_OK(km_audit_list(&a, f->net, NULL));
    km_audit_free(a);
    assert_int_equal(log.calls, 0);

    /* Removing the hook allows everything again. */
    EXPECT_OK(km_network_set_authorizer(f->net, NULL, NULL));
    assert_int_equal(create(f->net, "Satu", "ID-NIB-1"), id + 1);
    assert_int_equal(log.calls, 0);

    /* The actor is recorded in the log. */
    EXPECT_OK(km_audit_list(&a, f->net, NULL));
    assert_int_equal(km_audit_count(a), 4);
    assert_string_equal(km_audit_actor(a, 0), "alice");
    assert_string_equal(km_audit_actor(a, 1), "mallory");
    assert_string_equal(km_audit_actor(a, 2), "mallory");
    assert_string_equal(km_audit_actor(a, 3), "mallory");
    km_audit_free(a);
}

static void test_actor(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_network *net = NULL;
    km_audit *a = NULL;
    char buf[300];
    char *max = NULL;

    /* The actor from the options is copied. */
    snprintf(buf, sizeof buf, "%s", "budi@desa.id");
    o.actor = buf;
    EXPECT_OK(km_network_open(&net, NULL, &o));
    memset(buf, 0, sizeof buf);
    assert_string_equal(km_network_actor(net), "budi@desa.id");
    create(net, "Satu", "ID-NIB-1");

    /* Limits: 256 bytes fit, 257 do not; UTF-8 only, no control characters. */
    max = (char *)malloc(258);
    assert_non_null(max);
    memset(max, 'a', 257);
    max[257] = '\0';
    EXPECT_ERR(km_network_set_actor(net, max), KM_EINVAL, "actor");
    assert_string_equal(km_network_actor(net), "budi@desa.id");
    max[256] = '\0';
    EXPECT_OK(km_network_set_actor(net, max));
    assert_string_equal(km_network_actor(net), max);
    EXPECT_ERR(km_network_set_actor(net, "\xC0\x80"), KM_EINVAL, "actor");
    EXPECT_ERR(km_network_set_actor(net, "a\nb"), KM_EINVAL, "actor");
    EXPECT_ERR(km_network_set_actor(net, "a\x7f"), KM_EINVAL, "actor");
    assert_string_equal(km_network_actor(net), max);
    create(net, "Dua", "ID-NIB-2");
    EXPECT_OK(km_network_set_actor(net, "Désa Ñ"));
    assert_string_equal(km_network_actor(net), "Désa Ñ");
    create(net, "Tiga", "ID-NIB-3");
    EXPECT_OK(km_network_set_actor(net, NULL));
    assert_string_equal(km_network_actor(net), "");
    create(net, "Empat", "ID-NIB-4");
    EXPECT_OK(km_network_set_actor(net, "x"));
    EXPECT_OK(km_network_set_actor(net, ""));
    assert_string_equal(km_network_actor(net), "");

    /* Invalid options actor fails the open. */
    {
        km_network *n2 = (km_network *)&o;
        km_network_options o2 = fx_options(f);
        o2.actor = max;
        max[256] = 'a';
        EXPECT_ERR(km_network_open(&n2, NULL, &o2), KM_EINVAL, "actor");
        assert_null(n2);
    }

    /* The actor changes inside a transaction: the entry carries the one
     * at commit, whose header is another size than the room left for it
     * at the start (the commit then copies the events behind it). Longer,
     * then shorter; then a transaction that keeps its actor. */
    EXPECT_OK(km_network_begin(net));
    create(net, "Lima", "ID-NIB-5");
    EXPECT_OK(km_network_set_actor(net, "petugas-verifikasi@kota.go.id"));
    create(net, "Enam", "ID-NIB-6");
    EXPECT_OK(km_network_commit(net));
    EXPECT_OK(km_network_begin(net));
    create(net, "Tujuh", "ID-NIB-7");
    EXPECT_OK(km_network_set_actor(net, "ops"));
    EXPECT_OK(km_network_commit(net));
    EXPECT_OK(km_network_begin(net));
    create(net, "Delapan", "ID-NIB-8");
    EXPECT_OK(km_network_commit(net));
    {
        km_verify_report r = KM_VERIFY_REPORT_INIT;
        EXPECT_OK(km_network_verify(&r, net)); /* every entry's hash, chained */
        assert_int_equal(r.entries, 7);
        assert_int_equal(r.first_bad_seq, 0);
    }

    EXPECT_OK(km_audit_list(&a, net, NULL));
    assert_int_equal(km_audit_count(a), 4 + 2 + 1 + 1);
    assert_string_equal(km_audit_actor(a, 0), "budi@desa.id");
    max[256] = '\0';
    assert_string_equal(km_audit_actor(a, 1), max);
    assert_string_equal(km_audit_actor(a, 2), "Désa Ñ");
    assert_string_equal(km_audit_actor(a, 3), "");
    assert_string_equal(km_audit_actor(a, 4), "petugas-verifikasi@kota.go.id");
    assert_string_equal(km_audit_actor(a, 5), "petugas-verifikasi@kota.go.id");
    assert_string_equal(km_audit_actor(a, 6), "ops");
    assert_string_equal(km_audit_actor(a, 7), "ops");
    assert_int_equal(km_audit_seq(a, 5), 5);
    assert_int_equal(km_audit_seq(a, 6), 6);
    assert_int_equal(km_audit_seq(a, 7), 7);
    km_audit_free(a);
    free(max);
    km_network_close(net);
}

/* ---- read-only ------------------------------------------------------------------ */

static void test_read_only(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_partner_fields in = plain("Dua", "ID-NIB-2", KM_PARTNER_NGO);
    km_network *rw = NULL, *ro = NULL;
    km_storage *mem = NULL;
    km_partner *p = NULL;
    snap before, after;

    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    EXPECT_OK(km_network_open(&rw, mem, &o));
    create(rw, "Satu", "ID-NIB-1");
    o.read_only = 1;
    EXPECT_OK(km_network_open(&ro, mem, &o));
    EXPECT_OK(km_partner_get(&p, ro, 1));
    km_partner_free(p);

    take_snap(ro, &before);
    EXPECT_ERR(km_partner_create(NULL, ro, &in), KM_EREADONLY, "net");
    MSG_HAS(KM_LANG_EN, "read-only");
    EXPECT_ERR(km_partner_update(ro, 1, &in, KM_PARTNER_F_NAME), KM_EREADONLY, "net");
    EXPECT_ERR(km_partner_set_status(ro, 1, KM_PARTNER_SUSPENDED, "x"), KM_EREADONLY, "net");
    EXPECT_ERR(km_partner_archive(ro, 1, "x"), KM_EREADONLY, "net");
    EXPECT_ERR(km_network_begin(ro), KM_EREADONLY, "net");
    take_snap(ro, &after);
    assert_snap_equal(&before, &after);
    assert_int_equal(km_network_seq(rw), 1);

    /* A read-only handle still follows the store. */
    create(rw, "Dua", "ID-NIB-2");
    EXPECT_OK(km_network_refresh(ro));
    assert_int_equal(km_network_seq(ro), 2);
    EXPECT_OK(km_partner_get_by_external_id(&p, ro, "ID-NIB-2"));
    km_partner_free(p);
    km_network_close(ro);
    km_network_close(rw);
    km_storage_free(mem);
}

/* ---- two handles on one store ----------------------------------------------------- */

static void test_two_handles_conflict(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_network *a = NULL, *b = NULL;
    km_storage *mem = NULL;
    km_partner_fields in = plain("Dari B", "ID-NIB-B", KM_PARTNER_NGO);
    km_partner *p = NULL;
    snap sb, sb2, sa;
    char ha[65], hb[65];

    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    EXPECT_OK(km_network_open(&a, mem, &o));
    EXPECT_OK(km_network_open(&b, mem, &o));
    assert_int_equal(create(a, "Dari A", "ID-NIB-A"), 1);

    take_snap(b, &sb);
    EXPECT_ERR(km_partner_create(NULL, b, &in), KM_ECONFLICT, "storage.append");
    take_snap(b, &sb2);
    assert_snap_equal(&sb, &sb2);
    assert_int_equal(km_network_seq(b), 0);
    EXPECT_ERR(km_partner_get(&p, b, 1), KM_ENOTFOUND, "partner.id");

    /* Refresh shows A's change, then B's change goes through. */
    EXPECT_OK(km_network_refresh(b));
    assert_int_equal(km_network_seq(b), 1);
    EXPECT_OK(km_partner_get_by_external_id(&p, b, "ID-NIB-A"));
    assert_int_equal(km_partner_id(p), 1);
    km_partner_free(p);
    assert_int_equal(create(b, "Dari B", "ID-NIB-B"), 2);

    /* A stale update conflicts too, and so does a stale transaction. */
    EXPECT_OK(km_network_refresh(a));
    rename_partner(a, 1, "A lagi"); /* seq 3: now B is stale */
    in.name = "B ubah";
    take_snap(b, &sb);
    EXPECT_ERR(km_partner_update(b, 2, &in, KM_PARTNER_F_NAME), KM_ECONFLICT, "storage.append");
    take_snap(b, &sb2);
    assert_snap_equal(&sb, &sb2);
    EXPECT_OK(km_network_begin(b));
    create(b, "B tx", "ID-NIB-BT");
    rename_partner(b, 1, "B tx ubah");
    EXPECT_ERR(km_network_commit(b), KM_ECONFLICT, "storage.append");
    take_snap(b, &sb2);
    assert_snap_equal(&sb, &sb2);
    EXPECT_ERR(km_network_commit(b), KM_ESTATE, "transaction"); /* the transaction is closed */

    EXPECT_OK(km_network_refresh(b));
    EXPECT_OK(km_network_refresh(a));
    take_snap(a, &sa);
    take_snap(b, &sb);
    assert_snap_equal(&sa, &sb);
    EXPECT_OK(km_network_head_hash(ha, a));
    EXPECT_OK(km_network_head_hash(hb, b));
    assert_string_equal(ha, hb);
    /* Refreshing with nothing new is a no-op. */
    EXPECT_OK(km_network_refresh(b));
    take_snap(b, &sb2);
    assert_snap_equal(&sb, &sb2);

    km_network_close(a);
    km_network_close(b);
    km_storage_free(mem);
}

static void test_retry_on_conflict(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_network *a = NULL, *c = NULL;
    km_storage *mem = NULL;
    km_partner_fields in = plain("Dari C", "ID-NIB-X", KM_PARTNER_NGO);
    km_partner *p = NULL;
    snap sa, sc;
    char ha[65], hc[65];
    uint64_t id = 0;

    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    EXPECT_OK(km_network_open(&a, mem, &o));
    o.retry_on_conflict = 1;
    EXPECT_OK(km_network_open(&c, mem, &o));
    create(a, "A1", "ID-NIB-1");
    create(a, "A2", "ID-NIB-2");

    /* C is two entries behind: its create is retried after a refresh. */
    EXPECT_OK(km_partner_create(&id, c, &in));
    assert_int_equal(id, 3);
    assert_int_equal(km_network_seq(c), 3);
    EXPECT_OK(km_partner_get_by_external_id(&p, c, "ID-NIB-2"));
    km_partner_free(p);
    EXPECT_OK(km_network_refresh(a));
    EXPECT_OK(km_network_head_hash(ha, a));
    EXPECT_OK(km_network_head_hash(hc, c));
    assert_string_equal(ha, hc);
    take_snap(a, &sa);
    take_snap(c, &sc);
    assert_snap_equal(&sa, &sc);

    /* The retry revalidates against the new state. */
    create(a, "A3", "ID-NIB-Y");
    in.external_id = "ID-NIB-Y";
    EXPECT_ERR(km_partner_create(NULL, c, &in), KM_EEXISTS, "partner.external_id");
    assert_int_equal(km_network_seq(c), 4); /* caught up while retrying */
    rename_partner(a, 4, "A3 baru");
    rename_partner(c, 4, "C menang"); /* retried on top of A's rename */
    EXPECT_OK(km_network_refresh(a));
    EXPECT_OK(km_partner_get(&p, a, 4));
    assert_string_equal(km_partner_name(p), "C menang");
    assert_int_equal(km_partner_version(p), 3);
    km_partner_free(p);

    /* Explicit transactions are never retried. */
    create(a, "A4", "ID-NIB-4");
    take_snap(c, &sc);
    EXPECT_OK(km_network_begin(c));
    create(c, "C tx", "ID-NIB-CT");
    EXPECT_ERR(km_network_commit(c), KM_ECONFLICT, "storage.append");
    take_snap(c, &sa);
    assert_snap_equal(&sa, &sc);

    EXPECT_OK(km_network_refresh(c));
    EXPECT_OK(km_network_refresh(a));
    take_snap(a, &sa);
    take_snap(c, &sc);
    assert_snap_equal(&sa, &sc);
    km_network_close(a);
    km_network_close(c);
    km_storage_free(mem);
}

/* ---- time travel ---------------------------------------------------------------- */

static void test_time_travel(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_network *w = NULL, *v = NULL;
    km_storage *mem = NULL;
    km_partner *p = NULL;
    km_partner_fields in = plain("Baru", "ID-NIB-9", KM_PARTNER_NGO);
    km_network_stats st = KM_NETWORK_STATS_INIT;
    char heads[6][65], h[65];
    uint64_t k;

    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    EXPECT_OK(km_network_open(&w, mem, &o));
    EXPECT_OK(km_network_head_hash(heads[0], w));
    f->now = T0 + 10 * SEC;
    create(w, "Satu", "ID-NIB-1");
    EXPECT_OK(km_network_head_hash(heads[1], w));
    f->now = T0 + 20 * SEC;
    create(w, "Dua", "ID-NIB-2");
    EXPECT_OK(km_network_head_hash(heads[2], w));
    f->now = T0 + 30 * SEC;
    rename_partner(w, 1, "Satu Baru");
    EXPECT_OK(km_network_head_hash(heads[3], w));
    f->now = T0 + 40 * SEC;
    EXPECT_OK(km_partner_set_status(w, 2, KM_PARTNER_ARCHIVED, "tutup"));
    EXPECT_OK(km_network_head_hash(heads[4], w));
    f->now = T0 + 50 * SEC;
    create(w, "Tiga", "ID-NIB-3");
    EXPECT_OK(km_network_head_hash(heads[5], w));

    for (k = 1; k <= 5; k++) {
        km_network_options ov = fx_options(f);
        ov.as_of_seq = k;
        EXPECT_OK(km_network_open(&v, mem, &ov));
        assert_int_equal(km_network_seq(v), k);
        EXPECT_OK(km_network_head_hash(h, v));
        assert_string_equal(h, heads[k]);
        EXPECT_OK(km_network_stats_get(&st, v));
        assert_int_equal(st.partners, k >= 5 ? 3 : k >= 2 ? 2 : 1);
        assert_int_equal(st.partners_archived, k >= 4 ? 1 : 0);
        EXPECT_OK(km_partner_get(&p, v, 1));
        assert_string_equal(km_partner_name(p), k >= 3 ? "Satu Baru" : "Satu");
        km_partner_free(p);
        /* Same view by time: exactly at the entry and just before the next. */
        km_network_close(v);
        ov.as_of_seq = 0;
        ov.as_of_time = T0 + (int64_t)k * 10 * SEC;
        EXPECT_OK(km_network_open(&v, mem, &ov));
        assert_int_equal(km_network_seq(v), k);
        km_network_close(v);
        ov.as_of_time = T0 + (int64_t)k * 10 * SEC + 10 * SEC - 1;
        EXPECT_OK(km_network_open(&v, mem, &ov));
        assert_int_equal(km_network_seq(v), k);
        EXPECT_OK(km_network_head_hash(h, v));
        assert_string_equal(h, heads[k]);
        km_network_close(v);
    }
    {
        km_network_options ov = fx_options(f);
        km_audit *a = NULL;
        snap s1, s2;
        ov.as_of_time = T0 + 10 * SEC - 1; /* before the first entry */
        EXPECT_OK(km_network_open(&v, mem, &ov));
        assert_int_equal(km_network_seq(v), 0);
        km_network_close(v);
        ov.as_of_time = 0;
        ov.as_of_seq = 100; /* past the end: everything */
        EXPECT_OK(km_network_open(&v, mem, &ov));
        assert_int_equal(km_network_seq(v), 5);
        km_network_close(v);

        /* Views are read-only and cannot be refreshed. */
        ov.as_of_seq = 2;
        EXPECT_OK(km_network_open(&v, mem, &ov));
        take_snap(v, &s1);
        EXPECT_ERR(km_partner_create(NULL, v, &in), KM_EREADONLY, "net");
        MSG_HAS(KM_LANG_EN, "past");
        EXPECT_ERR(km_partner_update(v, 1, &in, KM_PARTNER_F_NAME), KM_EREADONLY, "net");
        EXPECT_ERR(km_partner_set_status(v, 1, KM_PARTNER_SUSPENDED, "x"), KM_EREADONLY, "net");
        EXPECT_ERR(km_network_begin(v), KM_EREADONLY, "net");
        EXPECT_ERR(km_network_refresh(v), KM_EREADONLY, "net");
        take_snap(v, &s2);
        assert_snap_equal(&s1, &s2);
        /* The audit trail of a view stops at its point. */
        EXPECT_OK(km_audit_list(&a, v, NULL));
        assert_int_equal(km_audit_count(a), 2);
        km_audit_free(a);
        km_network_close(v);
        ov.as_of_seq = 0;
        ov.as_of_time = T0 + 35 * SEC;
        EXPECT_OK(km_network_open(&v, mem, &ov));
        EXPECT_ERR(km_network_refresh(v), KM_EREADONLY, "net");
        EXPECT_ERR(km_partner_create(NULL, v, &in), KM_EREADONLY, "net");
        km_network_close(v);
    }
    km_network_close(w);
    km_storage_free(mem);
}

/* ---- a host backend, verification and corruption ------------------------------------- */

static void test_host_backend(void **state)
{
    fx *f = (fx *)*state;
    vstore *v = vs_new();
    km_network_options o = fx_options(f);
    km_network *net = NULL;
    km_partner *p = NULL;
    char head[65], head2[65];
    snap s1, s2;

    build_six(f, v, head);
    /* The records are the library's format. */
    assert_memory_equal(v->recs[0].data, "KM\x02\x00", 4);
    assert_int_equal(v->recs[0].data[4], 1);
    assert_int_equal(v->appends, 5 + 1);
    /* Reopening replays the host's records. */
    EXPECT_OK(km_network_open(&net, &v->base, &o));
    assert_int_equal(km_network_seq(net), 6);
    EXPECT_OK(km_network_head_hash(head2, net));
    assert_string_equal(head, head2);
    EXPECT_OK(km_partner_get(&p, net, 1));
    assert_string_equal(km_partner_name(p), "Koperasi Satu Baru");
    km_partner_free(p);
    EXPECT_OK(km_partner_get(&p, net, 2));
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_SUSPENDED);
    km_partner_free(p);
    take_snap(net, &s1);
    assert_int_equal(s1.st.partners, 5);
    assert_int_equal(s1.st.log_events, 7);
    create(net, "Enam", "ID-NIB-6");
    assert_int_equal(v->n, 7);
    km_network_close(net);
    /* Twice the same replay gives the same state. */
    EXPECT_OK(km_network_open(&net, &v->base, &o));
    take_snap(net, &s2);
    assert_int_equal(s2.seq, 7);
    km_network_close(net);
    km_storage_free(&v->base);
}

static void test_verify_intact(void **state)
{
    fx *f = (fx *)*state;
    vstore *v = vs_new();
    km_network_options o = fx_options(f);
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    km_network *net = NULL, *old = NULL;
    char head[65], head3[65];

    /* An empty store. */
    EXPECT_OK(km_storage_verify(&r, &v->base, NULL, 0));
    assert_int_equal(r.entries, 0);
    assert_int_equal(r.first_bad_seq, 0);
    assert_int_equal(r.error, 0);
    assert_string_equal(r.head_hash, "0000000000000000000000000000000000000000000000000000000000000000");

    build_six(f, v, head);
    EXPECT_OK(km_network_open(&net, &v->base, &o));
    memset(&r, 0x55, sizeof r);
    r.version = KM_VERIFY_REPORT_VERSION;
    EXPECT_OK(km_network_verify(&r, net));
    assert_int_equal(r.entries, 6);
    assert_int_equal(r.entries, km_network_seq(net));
    assert_int_equal(r.first_bad_seq, 0);
    assert_int_equal(r.error, 0);
    assert_string_equal(r.head_hash, head);
    EXPECT_OK(km_network_verify(NULL, net));
    EXPECT_OK(km_storage_verify(&r, &v->base, NULL, 0));
    assert_int_equal(r.entries, 6);
    assert_string_equal(r.head_hash, head);
    EXPECT_OK(km_storage_verify(&r, &v->base, head, 0));
    EXPECT_OK(km_storage_verify(&r, &v->base, head, 6));
    /* Upper-case hex is the same hash. */
    {
        char up[65];
        size_t i;
        for (i = 0; i < 65; i++) up[i] = (char)(head[i] >= 'a' && head[i] <= 'f' ? head[i] - 32 : head[i]);
        EXPECT_OK(km_storage_verify(NULL, &v->base, up, 0));
    }
    /* A hash published at entry 3 (taken from a view of that time). */
    o.as_of_seq = 3;
    EXPECT_OK(km_network_open(&old, &v->base, &o));
    EXPECT_OK(km_network_head_hash(head3, old));
    EXPECT_OK(km_storage_verify(&r, &v->base, head3, 3));
    assert_int_equal(r.entries, 6);
    /* A view verifies the store up to its own point. */
    EXPECT_OK(km_network_verify(&r, old));
    km_network_close(old);
    /* The wrong hash for an entry. */
    EXPECT_ERR(km_storage_verify(&r, &v->base, head3, 4), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 4);
    assert_int_equal(r.error, KM_ECORRUPT);
    MSG_HAS(KM_LANG_EN, "entry 4");
    /* A hash published for an entry the store does not have. */
    EXPECT_ERR(km_storage_verify(&r, &v->base, head, 9), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 9);
    MSG_HAS(KM_LANG_EN, "entry 9");

    /* Argument errors. */
    EXPECT_ERR(km_storage_verify(&r, NULL, NULL, 0), KM_EINVAL, "storage");
    EXPECT_ERR(km_storage_verify(&r, &v->base, "xyz", 0), KM_EINVAL, "expected_head");
    head3[10] = 'g';
    EXPECT_ERR(km_storage_verify(&r, &v->base, head3, 0), KM_EINVAL, "expected_head");
    r.version = 0;
    EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_EVERSION, "out.version");
    EXPECT_ERR(km_network_verify(&r, net), KM_EVERSION, "out.version");
    r.version = KM_VERIFY_REPORT_VERSION + 1;
    EXPECT_ERR(km_network_verify(&r, net), KM_EVERSION, "out.version");
    km_network_close(net);
    km_storage_free(&v->base);
}

static void expect_open_fails(fx *f, vstore *v, int code, const char *text)
{
    km_network_options o = fx_options(f);
    km_network *net = (km_network *)v;
    EXPECT_ERR(km_network_open(&net, &v->base, &o), code, "log");
    if (text) MSG_HAS(KM_LANG_EN, text);
    assert_null(net);
}

static void test_corrupt_payload(void **state)
{
    fx *f = (fx *)*state;
    vstore *pristine = vs_new(), *v;
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    char head[65];
    vrec *e3;

    build_six(f, pristine, head);

    /* Flip one byte in the payload of entry 3 (inside the partner's name). */
    v = vs_clone(pristine);
    e3 = vs_rec(v, 3);
    {
        size_t len, off = rec_field(e3, 1 /* name */, &len);
        assert_int_equal(len, strlen("Universitas Tiga"));
        e3->data[off + 3] ^= 0x01; /* "Univ" -> "Unjv": still valid */
    }
    EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 3);
    assert_int_equal(r.error, KM_ECORRUPT);
    assert_int_equal(r.entries, 3);
    MSG_HAS(KM_LANG_EN, "entry 3 was altered");
    MSG_HAS(KM_LANG_ID, "entri 3");
    /* verify(NULL report) still returns the code */
    EXPECT_ERR(km_storage_verify(NULL, &v->base, NULL, 0), KM_ECORRUPT, "log");
    expect_open_fails(f, v, KM_ECORRUPT, "entry 3");
    km_storage_free(&v->base);

    /* A flip that breaks the UTF-8 of the name fails validation on replay. */
    v = vs_clone(pristine);
    e3 = vs_rec(v, 3);
    {
        size_t len, off = rec_field(e3, 1, &len);
        e3->data[off] = 0xC0;
        e3->data[off + 1] = 0x80;
    }
    EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 3);
    expect_open_fails(f, v, KM_ECORRUPT, "entry 3");
    km_storage_free(&v->base);
    km_storage_free(&pristine->base);
}

static void test_corrupt_last_entry(void **state)
{
    fx *f = (fx *)*state;
    vstore *v = vs_new();
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    km_network_options o = fx_options(f);
    km_network *net = NULL, *fresh = NULL;
    char head[65], h2[65];
    size_t off6;
    vrec *e6;

    build_six(f, v, head);
    EXPECT_OK(km_network_open(&net, &v->base, &o));
    e6 = vs_rec(v, 6);
    {
        size_t len;
        off6 = rec_field(e6, 2 /* external_id */, &len);
        off6 += len - 1;
    }
    e6->data[off6] ^= 0x02; /* last character of "ID-NIB-5" -> "ID-NIB-7" */

    /* The chain alone cannot see it ... */
    EXPECT_OK(km_storage_verify(&r, &v->base, NULL, 0));
    assert_int_equal(r.entries, 6);
    assert_string_not_equal(r.head_hash, head);
    /* ... the handle that applied entry 6 can, and so can the published hash. */
    EXPECT_ERR(km_network_verify(&r, net), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 6);
    assert_int_equal(r.error, KM_ECORRUPT);
    MSG_HAS(KM_LANG_EN, "entry 6");
    EXPECT_ERR(km_storage_verify(&r, &v->base, head, 0), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 6);
    EXPECT_ERR(km_storage_verify(&r, &v->base, head, 6), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 6);
    /* A new handle opens (the alteration is consistent) but its head differs. */
    EXPECT_OK(km_network_open(&fresh, &v->base, &o));
    EXPECT_OK(km_network_head_hash(h2, fresh));
    assert_string_not_equal(h2, head);
    km_network_close(fresh);

    /* Deleting the last entry: the store looks intact on its own, the handle
     * that saw entry 6 reports it missing. */
    e6->data[off6] ^= 0x02;
    EXPECT_OK(km_network_verify(&r, net));
    vs_delete(v, 6);
    EXPECT_OK(km_storage_verify(&r, &v->base, NULL, 0));
    assert_int_equal(r.entries, 5);
    EXPECT_ERR(km_network_verify(&r, net), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 6);
    MSG_HAS(KM_LANG_EN, "entry 6");
    EXPECT_ERR(km_storage_verify(&r, &v->base, head, 6), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 6);
    km_network_close(net);
    km_storage_free(&v->base);
}

static void test_corrupt_missing_entry(void **state)
{
    fx *f = (fx *)*state;
    vstore *v = vs_new();
    km_verify_report r = KM_VERIFY_REPORT_INIT;

    build_six(f, v, NULL);
    vs_delete(v, 3);
    EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 3);
    assert_int_equal(r.error, KM_ECORRUPT);
    assert_int_equal(r.entries, 2);
    MSG_HAS(KM_LANG_EN, "entry 3 is missing");
    expect_open_fails(f, v, KM_ECORRUPT, "entry 3");
    km_storage_free(&v->base);

    /* The first entry missing. */
    v = vs_new();
    build_six(f, v, NULL);
    vs_delete(v, 1);
    EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ECORRUPT, "log");
    assert_int_equal(r.first_bad_seq, 1);
    expect_open_fails(f, v, KM_ECORRUPT, "entry 1");
    km_storage_free(&v->base);
}

typedef struct framing_case {
    const char *what;
    int code;
    const char *text;
} framing_case;

static void test_corrupt_framing(void **state)
{
    fx *f = (fx *)*state;
    vstore *pristine = vs_new();
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    static const framing_case cases[] = {
        { "truncated header", KM_ECORRUPT, "entry 3: truncated header" },
        { "truncated event", KM_ECORRUPT, "entry 3: truncated event" },
        { "empty record", KM_ECORRUPT, "entry 3: bad magic" },
        { "bad magic", KM_ECORRUPT, "entry 3: bad magic" },
        { "future format", KM_EVERSION, "entry 3 has record format 3" },
        { "reserved flags", KM_EVERSION, "entry 3 has record format 2 (flags 1)" },
        { "format 0", KM_ECORRUPT, "entry 3: format 0" },
        { "trailing bytes", KM_ECORRUPT, "entry 3: trailing bytes" },
        { "wrong sequence", KM_ECORRUPT, "entry 3 carries sequence 4" },
        { "event count too high", KM_ECORRUPT, "entry 3: truncated event" },
        { "event count too low", KM_ECORRUPT, "entry 3: trailing bytes" },
        { "actor length", KM_ECORRUPT, "entry 3" },
    };
    size_t i;

    build_six(f, pristine, NULL);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vstore *v = vs_clone(pristine);
        vrec *e = vs_rec(v, 3);
        size_t ev = rec_event_off(e);
        switch (i) {
        case 0: e->len = 30; break;
        case 1: e->len -= 3; break;
        case 2: e->len = 0; break;
        case 3: e->data[0] = 'X'; break;
        case 4: e->data[2] = 3; break;
        case 5: e->data[3] = 1; break;
        case 6: e->data[2] = 0; break;
        case 7: {
            uint8_t *d = (uint8_t *)realloc(e->data, e->len + 1);
            assert_non_null(d);
            e->data = d;
            e->data[e->len++] = 0;
            break;
        }
        case 8: put_le64(e->data + 4, 4); break;
        case 9: e->data[ev - 4] = 2; break;
        case 10: e->data[ev - 4] = 0; break;
        default: e->data[52] = 0xF0; break;
        }
        EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), cases[i].code, "log");
        if (!strstr(km_error_last_message(KM_LANG_EN), cases[i].text))
            print_error("%s: %s\n", cases[i].what, km_error_last_message(KM_LANG_EN));
        MSG_HAS(KM_LANG_EN, cases[i].text);
        assert_int_equal(r.first_bad_seq, 3);
        assert_int_equal(r.error, cases[i].code);
        assert_int_equal(r.entries, 2);
        expect_open_fails(f, v, cases[i].code, cases[i].text);
        km_storage_free(&v->base);
    }
    km_storage_free(&pristine->base);
}

/* Records whose framing and chain are intact (re-chained after the edit)
 * but whose events no longer validate: only replay can notice, and it must
 * say which entry and which rule. */
static void test_corrupt_rechained(void **state)
{
    fx *f = (fx *)*state;
    vstore *pristine = vs_new();
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    size_t i;

    build_six(f, pristine, NULL);
    for (i = 0; i < 10; i++) {
        vstore *v = vs_clone(pristine);
        vrec *e3 = vs_rec(v, 3), *e4 = vs_rec(v, 4);
        size_t len, off;
        int code = KM_ECORRUPT;
        const char *t1 = "entry 3", *t2 = NULL, *t2id = NULL;
        uint64_t rechain = 3;
        switch (i) {
        case 0: /* kind out of range */
            off = rec_field(e3, 3, &len);
            assert_int_equal(len, 1);
            assert_int_equal(e3->data[off], KM_PARTNER_ACADEMIC);
            rec_set_uint(e3, 3, 99);
            t2 = "partner.kind";
            break;
        case 1: /* external id of partner 1 again */
            off = rec_field(e3, 2, &len);
            assert_memory_equal(e3->data + off, "ID-NIB-3", 8);
            e3->data[off + 7] = '1';
            t2 = "partner.external_id";
            break;
        case 2: /* an operation this library does not know */
            rec_set_head(e3, 1, 99, 3);
            code = KM_EVERSION;
            t2 = "unknown operation 1/99";
            t2id = "operasi tak dikenal 1/99";
            break;
        case 3: /* an entity this library does not know (beyond the reserved kinds) */
            rec_set_head(e3, 99, 1, 3);
            code = KM_EVERSION;
            t2 = "unknown operation 99/1";
            t2id = "operasi tak dikenal 99/1";
            break;
        case 4: /* the logged id is not the next one */
            rec_set_head(e3, 1, 1, 7);
            t2 = "logged id 7, expected 3";
            break;
        case 5: /* a field running past the payload's end */
            e3->data[rec_first_event(e3).payload + 1] = 0x7F;
            t2 = "malformed payload";
            break;
        case 6: /* an update with an empty field mask */
            rec_set_uint(e4, 11, 0);
            t1 = "entry 4";
            t2 = "mask";
            rechain = 4;
            break;
        case 7: /* an update of a partner that does not exist */
            {
                ev_view e = rec_first_event(e4);
                rec_set_head(e4, e.entity, e.op, 42);
            }
            t1 = "entry 4";
            t2 = "no partner with id 42";
            rechain = 4;
            break;
        case 9: /* a payload field (tag 40) from a newer library */
            {
                size_t at = rec_first_event(e3).payload;
                e3->data[at] = (uint8_t)((e3->data[at] & 0xC0u) | 40u);
            }
            code = KM_EVERSION;
            t2 = "field tag 40 is unknown";
            break;
        default: /* time going backwards */
            put_le64(e3->data + 12, (uint64_t)(T0 - SEC));
            t2 = "older";
            t2id = "lebih tua";
            break;
        }
        vs_rechain(v, rechain);
        if (i == 8) {
            EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ECORRUPT, "log");
            assert_int_equal(r.first_bad_seq, 3);
        } else {
            /* The chain is intact: verify cannot tell. */
            EXPECT_OK(km_storage_verify(&r, &v->base, NULL, 0));
            assert_int_equal(r.entries, 6);
        }
        {
            km_network_options o = fx_options(f);
            km_network *net = (km_network *)v;
            int rc = km_network_open(&net, &v->base, &o);
            if (rc != code || !strstr(km_error_last_message(KM_LANG_EN), t2))
                print_error("case %u: %d %s\n", (unsigned)i, rc, km_error_last_message(KM_LANG_EN));
            assert_int_equal(rc, code);
            assert_null(net);
            assert_string_equal(km_error_last_field(), "log");
            MSG_HAS(KM_LANG_EN, t1);
            MSG_HAS(KM_LANG_EN, t2);
            MSG_HAS(KM_LANG_ID, t2id ? t2id : t2);
            /* A view up to the entry before the bad one still opens. */
            o.as_of_seq = rechain - 1;
            EXPECT_OK(km_network_open(&net, &v->base, &o));
            assert_int_equal(km_network_seq(net), rechain - 1);
            km_network_close(net);
        }
        km_storage_free(&v->base);
    }
    km_storage_free(&pristine->base);
}

/* Flip every byte of every entry, one at a time: verification names the
 * entry (or, for a flip inside the link to the previous entry, that one),
 * opening fails cleanly for every entry but the last, and nothing crashes. */
static void test_corrupt_byte_sweep(void **state)
{
    fx *f = (fx *)*state;
    vstore *pristine = vs_new();
    char head[65];
    uint64_t k;
    unsigned flips = 0, last_ok = 0;

    build_six(f, pristine, head);
    for (k = 1; k <= 6; k++) {
        size_t off, len = vs_rec(pristine, k)->len;
        for (off = 0; off < len; off++) {
            vstore *v = vs_clone(pristine);
            vrec *e = vs_rec(v, k);
            km_verify_report r = KM_VERIFY_REPORT_INIT;
            km_network_options o = fx_options(f);
            km_network *net = NULL;
            int in_prev = off >= 20 && off < 52;
            int rc;
            e->data[off] ^= 0xA5;
            flips++;
            /* With the published head hash every alteration is found. */
            rc = km_storage_verify(&r, &v->base, head, 0);
            if (rc == 0) fail_msg("entry %u byte %u: verify passed", (unsigned)k, (unsigned)off);
            assert_true(rc == KM_ECORRUPT || rc == KM_EVERSION);
            assert_int_equal(r.error, rc);
            assert_string_equal(km_error_last_field(), "log");
            if (!(r.first_bad_seq == k || (in_prev && k > 1 && r.first_bad_seq == k - 1)))
                fail_msg("entry %u byte %u: first_bad_seq %u", (unsigned)k, (unsigned)off, (unsigned)r.first_bad_seq);
            /* Without it, all but an alteration of the last entry. */
            rc = km_storage_verify(&r, &v->base, NULL, 0);
            if (k < 6) assert_true(rc == KM_ECORRUPT || rc == KM_EVERSION);
            rc = km_network_open(&net, &v->base, &o);
            if (k < 6 || rc != 0) {
                if (rc != KM_ECORRUPT && rc != KM_EVERSION)
                    fail_msg("entry %u byte %u: open returned %d (%s)", (unsigned)k, (unsigned)off, rc,
                             km_error_last_message(KM_LANG_EN));
                assert_null(net);
                assert_string_equal(km_error_last_field(), "log");
                assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "entr"));
            } else {
                km_verify_report r2 = KM_VERIFY_REPORT_INIT;
                char h[65];
                last_ok++;
                assert_int_equal(km_network_seq(net), 6);
                EXPECT_OK(km_network_head_hash(h, net));
                assert_string_not_equal(h, head);
                EXPECT_OK(km_network_verify(&r2, net));
                km_network_close(net);
            }
            km_storage_free(&v->base);
        }
    }
    assert_true(flips > 6 * 60);
    assert_true(last_ok > 0);
    km_storage_free(&pristine->base);
}

/* ---- the state hash ------------------------------------------------------------------- */

/* The hash of the state follows the state, and only the state: the same
 * history gives the same hash, a change another, a change taken back the
 * first again; inside a transaction there is none; out of memory it fails
 * cleanly. */
static void test_state_hash(void **state)
{
    km_network_options o = fx_options(&g_fx);
    km_network *net = NULL, *twin = NULL;
    km_test_alloc ta;
    char h0[65], h1[65], h[65];
    long n;
    (void)state;
    o.actor = "tester";
    EXPECT_OK(km_network_open(&net, NULL, &o));
    EXPECT_OK(km_network_state_hash(h0, net));
    assert_int_equal(strlen(h0), 64);
    assert_int_equal(strspn(h0, "0123456789abcdef"), 64);
    create(net, "Yayasan Sagu Lestari", "ID-NIB-1");
    EXPECT_OK(km_network_state_hash(h1, net));
    assert_string_not_equal(h0, h1);
    EXPECT_OK(km_network_state_hash(h, net));
    assert_string_equal(h, h1);

    /* The same history in another store: the same hash. */
    EXPECT_OK(km_network_open(&twin, NULL, &o));
    EXPECT_OK(km_network_state_hash(h, twin));
    assert_string_equal(h, h0);
    create(twin, "Yayasan Sagu Lestari", "ID-NIB-1");
    EXPECT_OK(km_network_state_hash(h, twin));
    assert_string_equal(h, h1);
    /* A field changed: another hash. */
    rename_partner(twin, 1, "Yayasan Sagu Lestari Papua");
    EXPECT_OK(km_network_state_hash(h, twin));
    assert_string_not_equal(h, h1);
    km_network_close(twin);

    /* Inside a transaction: refused, out untouched; taken back: as before. */
    EXPECT_OK(km_network_begin(net));
    create(net, "Koperasi Nelayan Biak", "ID-NIB-2");
    memset(h, 'x', sizeof h);
    EXPECT_ERR(km_network_state_hash(h, net), KM_ESTATE, "transaction");
    assert_true(h[0] == 'x' && h[64] == 'x');
    EXPECT_OK(km_network_rollback(net));
    EXPECT_OK(km_network_state_hash(h, net));
    assert_string_equal(h, h1);

    EXPECT_ERR(km_network_state_hash(NULL, net), KM_EINVAL, "out");
    assert_int_equal(km_network_state_hash(h, NULL), KM_EINVAL);
    assert_int_equal(km_network_snapshot_seq(NULL), 0);
    assert_int_equal(km_network_snapshot_seq(net), 0); /* a store without snapshots */
    km_network_close(net);

    /* A view of the past has the state the store had then. */
    {
        km_storage *mem = NULL;
        km_network *view = NULL;
        EXPECT_OK(km_storage_memory_new(&mem, NULL));
        EXPECT_OK(km_network_open(&net, mem, &o));
        create(net, "Yayasan Sagu Lestari", "ID-NIB-1");
        create(net, "Koperasi Nelayan Biak", "ID-NIB-2");
        o.as_of_seq = 1;
        EXPECT_OK(km_network_open(&view, mem, &o));
        o.as_of_seq = 0;
        EXPECT_OK(km_network_state_hash(h, view));
        assert_string_equal(h, h1);
        EXPECT_OK(km_network_state_hash(h, net));
        assert_string_not_equal(h, h1);
        km_network_close(view);
        km_network_close(net);
        km_storage_free(mem);
    }

    /* Every allocation refused in turn: KM_ENOMEM, nothing written,
     * nothing leaked, and the hash the same once it goes through. */
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    EXPECT_OK(km_network_open(&net, NULL, &o));
    create(net, "Yayasan Sagu Lestari", "ID-NIB-1");
    for (n = 1; n < 1000; n++) {
        long refused;
        int rc;
        memset(h, 'x', sizeof h);
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_state_hash(h, net);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc == 0 && refused == 0) break;
        assert_int_equal(rc, KM_ENOMEM);
        assert_true(h[0] == 'x');
    }
    assert_true(n > 1 && n < 1000);
    assert_string_equal(h, h1);
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* A backend whose snapshots are altered on their way in (find replaced by
 * put, of the same length, everywhere in the bytes): what someone able to
 * rewrite a store's snapshot could do. */
typedef struct tamper {
    km_test_counting c; /* first: the library calls through c.base */
    const char *find, *put;
} tamper;

static int tamper_snapshot_write(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    tamper *t = (tamper *)s;
    uint8_t *copy = (uint8_t *)malloc(n ? n : 1);
    size_t i, k = t->find ? strlen(t->find) : 0;
    int rc;
    assert_non_null(copy);
    memcpy(copy, d, n);
    for (i = 0; k && i + k <= n; i++)
        if (memcmp(copy + i, t->find, k) == 0) memcpy(copy + i, t->put, k);
    rc = t->c.inner->snapshot_write(t->c.inner, seq, copy, n);
    free(copy);
    return rc;
}

static const char *name_of(km_network *net, uint64_t id, char *out, size_t cap)
{
    km_partner *p = NULL;
    EXPECT_OK(km_partner_get(&p, net, id));
    snprintf(out, cap, "%s", km_partner_name(p));
    km_partner_free(p);
    return out;
}

/* An open checks that a snapshot belongs to its log, and that its records
 * are valid, but a snapshot whose content was altered within those rules
 * is taken: the state hash against a replay of the whole log finds it. */
static void test_state_hash_finds_an_altered_snapshot(void **state)
{
    km_network_options o = fx_options(&g_fx);
    km_storage *mem = NULL;
    km_network *net = NULL, *fromsnap = NULL, *full = NULL;
    tamper t;
    char a[65], b[65], name[64];
    uint64_t at;
    (void)state;
    o.actor = "tester";
    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    km_test_counting_init(&t.c, mem);
    t.c.base.snapshot_write = tamper_snapshot_write;
    t.find = "Sagu";
    t.put = "Sagi";
    EXPECT_OK(km_network_open(&net, &t.c.base, &o));
    create(net, "Yayasan Sagu Lestari", "ID-NIB-1");
    create(net, "Koperasi Nelayan Biak", "ID-NIB-2");
    EXPECT_OK(km_network_snapshot(net));
    at = km_network_seq(net);
    create(net, "Universitas Cenderawasih", "ID-NIB-3"); /* replayed on top */
    km_network_close(net);

    EXPECT_OK(km_network_open(&fromsnap, &t.c.base, &o));
    assert_int_equal(km_network_snapshot_seq(fromsnap), at);
    assert_string_equal(name_of(fromsnap, 1, name, sizeof name), "Yayasan Sagi Lestari"); /* taken */
    o.no_snapshot = 1;
    EXPECT_OK(km_network_open(&full, &t.c.base, &o));
    assert_int_equal(km_network_snapshot_seq(full), 0);
    assert_string_equal(name_of(full, 1, name, sizeof name), "Yayasan Sagu Lestari");
    assert_int_equal(km_network_seq(fromsnap), km_network_seq(full));
    EXPECT_OK(km_network_state_hash(a, fromsnap));
    EXPECT_OK(km_network_state_hash(b, full));
    assert_string_not_equal(a, b);
    km_network_close(fromsnap);

    /* An honest snapshot, written from the replayed state: the same hash. */
    t.find = NULL;
    EXPECT_OK(km_network_snapshot(full));
    km_network_close(full);
    o.no_snapshot = 0;
    EXPECT_OK(km_network_open(&fromsnap, &t.c.base, &o));
    assert_int_equal(km_network_snapshot_seq(fromsnap), at + 1);
    EXPECT_OK(km_network_state_hash(a, fromsnap));
    assert_string_equal(a, b);
    km_network_close(fromsnap);

    /* A damaged one is ignored (the whole log replayed): no snapshot seq. */
    t.find = "KMSS";
    t.put = "KMSX";
    EXPECT_OK(km_network_open(&net, &t.c.base, &o));
    EXPECT_OK(km_network_snapshot(net));
    km_network_close(net);
    EXPECT_OK(km_network_open(&fromsnap, &t.c.base, &o));
    assert_int_equal(km_network_snapshot_seq(fromsnap), 0);
    EXPECT_OK(km_network_state_hash(a, fromsnap));
    assert_string_equal(a, b);
    km_network_close(fromsnap);
    km_storage_free(mem);
}

/* ---- storage failures -------------------------------------------------------------- */

static void test_storage_failure(void **state)
{
    fx *f = (fx *)*state;
    vstore *v = vs_new();
    km_network_options o = fx_options(f);
    km_network *net = NULL;
    km_partner_fields in = plain("Dua", "ID-NIB-2", KM_PARTNER_NGO);
    km_partner *p = NULL;
    snap before, after;
    uint64_t id = 0;

    EXPECT_OK(km_network_open(&net, &v->base, &o));
    create(net, "Satu", "ID-NIB-1");

    take_snap(net, &before);
    v->fail_append = KM_ESTORAGE;
    v->fail_appends = -1;
    EXPECT_ERR(km_partner_create(&id, net, &in), KM_ESTORAGE, "storage.append");
    assert_int_equal(id, 0);
    EXPECT_ERR(km_partner_get_by_external_id(&p, net, "ID-NIB-2"), KM_ENOTFOUND, "partner.external_id");
    EXPECT_ERR(km_partner_update(net, 1, &in, KM_PARTNER_F_NAME | KM_PARTNER_F_EXTERNAL_ID), KM_ESTORAGE,
               "storage.append");
    EXPECT_ERR(km_partner_set_status(net, 1, KM_PARTNER_ARCHIVED, "x"), KM_ESTORAGE, "storage.append");
    EXPECT_OK(km_network_begin(net));
    create(net, "Tx1", "ID-NIB-T1");
    rename_partner(net, 1, "Tx ubah");
    EXPECT_ERR(km_network_commit(net), KM_ESTORAGE, "storage.append");
    EXPECT_ERR(km_network_rollback(net), KM_ESTATE, "transaction");
    take_snap(net, &after);
    assert_snap_equal(&before, &after);
    assert_int_equal(v->n, 1);

    /* The backend explains itself through km_error_set(). */
    v->use_error_set = 1;
    EXPECT_ERR(km_partner_create(NULL, net, &in), KM_ESTORAGE, "vstore");
    MSG_HAS(KM_LANG_EN, "disk full (simulated)");
    MSG_HAS(KM_LANG_ID, "disk full (simulated)");
    v->use_error_set = 0;
    /* A positive return from a backend is a storage error too. */
    v->fail_append = 5;
    EXPECT_ERR(km_partner_create(NULL, net, &in), KM_ESTORAGE, "storage.append");
    MSG_HAS(KM_LANG_EN, "backend returned 5");
    take_snap(net, &after);
    assert_snap_equal(&before, &after);

    /* Once the backend works again the change goes through with the same id. */
    v->fail_append = KM_ESTORAGE;
    v->fail_appends = 1;
    EXPECT_ERR(km_partner_create(NULL, net, &in), KM_ESTORAGE, "storage.append");
    EXPECT_OK(km_partner_create(&id, net, &in));
    assert_int_equal(id, 2);
    assert_int_equal(km_network_seq(net), 2);
    assert_int_equal(v->n, 2);
    EXPECT_OK(km_network_verify(NULL, net));
    km_network_close(net);

    /* Scan and last_seq failures. */
    {
        km_network *n2 = (km_network *)v;
        km_audit *a = NULL;
        km_verify_report r = KM_VERIFY_REPORT_INIT;
        EXPECT_OK(km_network_open(&net, &v->base, &o));
        take_snap(net, &before); /* the audit part needs a scan: before failing */
        v->fail_scan = KM_ESTORAGE;
        EXPECT_ERR(km_network_open(&n2, &v->base, &o), KM_ESTORAGE, "storage.scan");
        assert_null(n2);
        v->fail_scan = 3;
        EXPECT_ERR(km_network_open(&n2, &v->base, &o), KM_ESTORAGE, "storage.scan");
        MSG_HAS(KM_LANG_EN, "backend returned 3");
        EXPECT_ERR(km_network_refresh(net), KM_ESTORAGE, "storage.scan");
        EXPECT_ERR(km_audit_list(&a, net, NULL), KM_ESTORAGE, "storage.scan");
        assert_null(a);
        EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ESTORAGE, "storage.scan");
        v->fail_scan = 0;
        v->fail_last_seq = KM_ESTORAGE;
        EXPECT_ERR(km_storage_verify(&r, &v->base, NULL, 0), KM_ESTORAGE, "storage.last_seq");
        v->fail_last_seq = 9;
        EXPECT_ERR(km_network_verify(&r, net), KM_ESTORAGE, "storage.last_seq");
        MSG_HAS(KM_LANG_EN, "backend returned 9");
        v->fail_last_seq = 0;
        take_snap(net, &after);
        assert_snap_equal(&before, &after);
        km_network_close(net);
    }
    km_storage_free(&v->base);
}

/* ---- audit ------------------------------------------------------------------------- */

static void build_audit_log(fx *f)
{
    static const char *const sectors[] = { "pangan", "air" };
    km_partner_fields in = plain("Koperasi \"Maju\" \\ Jaya", "ID-NIB-1", KM_PARTNER_COMMUNITY);
    in.region = "32.73";
    in.email = "a@b.id";
    in.sectors = sectors;
    in.sectors_count = 2;
    f->now = T0 + 1 * SEC;
    EXPECT_OK(km_network_set_actor(f->net, "alice"));
    EXPECT_OK(km_partner_create(NULL, f->net, &in));                        /* seq 1: P1 */
    f->now = T0 + 2 * SEC;
    EXPECT_OK(km_network_set_actor(f->net, "bob"));
    create(f->net, "Désa Dua", "ID-NIB-2");                                 /* seq 2: P2 */
    f->now = T0 + 3 * SEC;
    EXPECT_OK(km_network_set_actor(f->net, "alice"));
    rename_partner(f->net, 1, "Baru");                                      /* seq 3 */
    f->now = T0 + 4 * SEC;
    EXPECT_OK(km_network_set_actor(f->net, "bob"));
    EXPECT_OK(km_partner_set_status(f->net, 2, KM_PARTNER_SUSPENDED, "audit\nbaris"));  /* seq 4 */
    f->now = T0 + 5 * SEC;
    EXPECT_OK(km_network_set_actor(f->net, "carol"));
    EXPECT_OK(km_network_begin(f->net));
    create(f->net, "Tiga", "ID-NIB-3");
    rename_partner(f->net, 3, "Tiga Baru");
    EXPECT_OK(km_partner_set_status(f->net, 2, KM_PARTNER_ACTIVE, NULL));
    EXPECT_OK(km_network_commit(f->net));                                   /* seq 5: 3 changes */
}

typedef struct arow_want {
    uint64_t seq;
    int64_t time;
    const char *actor;
    uint64_t id;
    const char *op;
    const char *json;
} arow_want;

static const arow_want AUDIT_ALL[] = {
    { 1, T0 + 1 * SEC, "alice", 1, "partner.create",
      "{\"name\":\"Koperasi \\\"Maju\\\" \\\\ Jaya\",\"external_id\":\"ID-NIB-1\",\"kind\":8,\"region\":\"32.73\","
      "\"email\":\"a@b.id\",\"sectors\":[\"pangan\",\"air\"]}" },
    { 2, T0 + 2 * SEC, "bob", 2, "partner.create", "{\"name\":\"Désa Dua\",\"external_id\":\"ID-NIB-2\",\"kind\":5}" },
    { 3, T0 + 3 * SEC, "alice", 1, "partner.update", "{\"name\":\"Baru\",\"fields\":1}" },
    { 4, T0 + 4 * SEC, "bob", 2, "partner.status", "{\"status\":1,\"reason\":\"audit\\nbaris\"}" },
    { 5, T0 + 5 * SEC, "carol", 3, "partner.create", "{\"name\":\"Tiga\",\"external_id\":\"ID-NIB-3\",\"kind\":5}" },
    { 5, T0 + 5 * SEC, "carol", 3, "partner.update", "{\"name\":\"Tiga Baru\",\"fields\":1}" },
    { 5, T0 + 5 * SEC, "carol", 2, "partner.status", "{\"status\":0}" },
};

/* Lists with q and checks the rows are exactly AUDIT_ALL[idx[0..n)]. */
static void expect_audit(km_network *net, const km_audit_query *q, const size_t *idx, size_t n, uint64_t next)
{
    km_audit *a = NULL;
    size_t i;
    EXPECT_OK(km_audit_list(&a, net, q));
    assert_int_equal(km_audit_count(a), n);
    for (i = 0; i < n; i++) {
        const arow_want *w = &AUDIT_ALL[idx[i]];
        assert_int_equal(km_audit_seq(a, i), w->seq);
        assert_int_equal(km_audit_time(a, i), w->time);
        assert_string_equal(km_audit_actor(a, i), w->actor);
        assert_int_equal(km_audit_entity(a, i), KM_ENTITY_PARTNER);
        assert_int_equal(km_audit_entity_id(a, i), w->id);
        assert_string_equal(km_audit_operation(a, i), w->op);
        assert_string_equal(km_audit_data_json(a, i), w->json);
    }
    assert_int_equal(km_audit_next_seq(a), next);
    km_audit_free(a);
}

#define IDX(...) ((const size_t[]){ __VA_ARGS__ })
#define EXPECT_AUDIT(net, q, next, ...) \
    expect_audit((net), (q), IDX(__VA_ARGS__), sizeof(IDX(__VA_ARGS__)) / sizeof(size_t), (next))

static void test_audit_content(void **state)
{
    fx *f = (fx *)*state;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    km_audit *a = NULL;
    build_audit_log(f);

    EXPECT_AUDIT(f->net, NULL, 0, 0, 1, 2, 3, 4, 5, 6);
    EXPECT_AUDIT(f->net, &q, 0, 0, 1, 2, 3, 4, 5, 6);

    /* Out of range accessors. */
    EXPECT_OK(km_audit_list(&a, f->net, NULL));
    assert_int_equal(km_audit_seq(a, 7), 0);
    assert_int_equal(km_audit_time(a, 7), 0);
    assert_null(km_audit_actor(a, 7));
    assert_int_equal(km_audit_entity(a, 7), -1);
    assert_int_equal(km_audit_entity_id(a, 7), 0);
    assert_null(km_audit_operation(a, 7));
    assert_null(km_audit_data_json(a, 7));
    km_audit_free(a);
    assert_int_equal(km_audit_count(NULL), 0);
    assert_int_equal(km_audit_next_seq(NULL), 0);
    assert_null(km_audit_actor(NULL, 0));
    assert_int_equal(km_audit_entity(NULL, 0), -1);
    km_audit_free(NULL);

    /* Errors. */
    a = (km_audit *)f;
    EXPECT_ERR(km_audit_list(&a, NULL, NULL), KM_EINVAL, "net");
    assert_null(a);
    EXPECT_ERR(km_audit_list(NULL, f->net, NULL), KM_EINVAL, "out");
    q.entity = KM_ENTITY__COUNT;
    EXPECT_ERR(km_audit_list(&a, f->net, &q), KM_EINVAL, "query.entity");
    q.entity = -2;
    EXPECT_ERR(km_audit_list(&a, f->net, &q), KM_EINVAL, "query.entity");
    q.entity = -1;
    q.entity_id = 1;
    EXPECT_ERR(km_audit_list(&a, f->net, &q), KM_EINVAL, "query.entity_id");
    q.entity_id = 0;
    q.version = 0;
    EXPECT_ERR(km_audit_list(&a, f->net, &q), KM_EVERSION, "query.version");
    q.version = KM_AUDIT_QUERY_VERSION + 1;
    EXPECT_ERR(km_audit_list(&a, f->net, &q), KM_EVERSION, "query.version");
    assert_null(a);
}

static void test_audit_filters(void **state)
{
    fx *f = (fx *)*state;
    km_audit_query q = KM_AUDIT_QUERY_INIT;
    build_audit_log(f);

    q.entity = KM_ENTITY_PARTNER;
    EXPECT_AUDIT(f->net, &q, 0, 0, 1, 2, 3, 4, 5, 6);
    q.entity = KM_ENTITY_NETWORK;
    expect_audit(f->net, &q, NULL, 0, 0);
    q.entity = KM_ENTITY_PARTNER;
    q.entity_id = 1;
    EXPECT_AUDIT(f->net, &q, 0, 0, 2);
    q.entity_id = 2;
    EXPECT_AUDIT(f->net, &q, 0, 1, 3, 6);
    q.entity_id = 3;
    EXPECT_AUDIT(f->net, &q, 0, 4, 5);
    q.entity_id = 4;
    expect_audit(f->net, &q, NULL, 0, 0);

    q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    q.actor = "bob";
    EXPECT_AUDIT(f->net, &q, 0, 1, 3);
    q.actor = "carol";
    EXPECT_AUDIT(f->net, &q, 0, 4, 5, 6);
    q.actor = "Bob";
    expect_audit(f->net, &q, NULL, 0, 0);
    q.actor = "bo";
    expect_audit(f->net, &q, NULL, 0, 0);
    q.actor = "";
    expect_audit(f->net, &q, NULL, 0, 0);
    q.actor = "alice";
    q.entity = KM_ENTITY_PARTNER;
    q.entity_id = 1;
    EXPECT_AUDIT(f->net, &q, 0, 0, 2);

    q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    q.since = T0 + 3 * SEC;
    EXPECT_AUDIT(f->net, &q, 0, 2, 3, 4, 5, 6);
    q.since = T0 + 3 * SEC + 1;
    EXPECT_AUDIT(f->net, &q, 0, 3, 4, 5, 6);
    q.since = 0;
    q.until = T0 + 2 * SEC;
    EXPECT_AUDIT(f->net, &q, 0, 0, 1);
    q.until = T0 + 2 * SEC - 1;
    EXPECT_AUDIT(f->net, &q, 0, 0);
    q.since = T0 + 2 * SEC;
    q.until = T0 + 3 * SEC;
    EXPECT_AUDIT(f->net, &q, 0, 1, 2);
    q.since = T0 + 9 * SEC;
    q.until = 0;
    expect_audit(f->net, &q, NULL, 0, 0);

    q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    q.from_seq = 3;
    EXPECT_AUDIT(f->net, &q, 0, 2, 3, 4, 5, 6);
    q.from_seq = 5;
    EXPECT_AUDIT(f->net, &q, 0, 4, 5, 6);
    q.from_seq = 6;
    expect_audit(f->net, &q, NULL, 0, 0);
    q.from_seq = 1000;
    expect_audit(f->net, &q, NULL, 0, 0);

    /* Limits stop after the entry that reaches them; next_seq continues. */
    q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    q.limit = 1;
    EXPECT_AUDIT(f->net, &q, 2, 0);
    q.limit = 2;
    EXPECT_AUDIT(f->net, &q, 3, 0, 1);
    q.limit = 5;
    EXPECT_AUDIT(f->net, &q, 0, 0, 1, 2, 3, 4, 5, 6); /* entry 5 is taken whole */
    q.limit = 4;
    EXPECT_AUDIT(f->net, &q, 5, 0, 1, 2, 3);
    q.from_seq = 5;
    q.limit = 1;
    EXPECT_AUDIT(f->net, &q, 0, 4, 5, 6);
    q.limit = 100;
    q.from_seq = 0;
    EXPECT_AUDIT(f->net, &q, 0, 0, 1, 2, 3, 4, 5, 6);
    /* With filters the limit counts matching changes only. */
    q = (km_audit_query)KM_AUDIT_QUERY_INIT;
    q.actor = "bob";
    q.limit = 1;
    EXPECT_AUDIT(f->net, &q, 3, 1);
    q.from_seq = 3;
    EXPECT_AUDIT(f->net, &q, 5, 3);
    q.from_seq = 5;
    expect_audit(f->net, &q, NULL, 0, 0);

    /* Continuation with every limit reads every change exactly once. */
    {
        uint32_t limit;
        for (limit = 1; limit <= 8; limit++) {
            size_t total = 0, pages = 0;
            q = (km_audit_query)KM_AUDIT_QUERY_INIT;
            q.limit = limit;
            for (;;) {
                km_audit *a = NULL;
                size_t i;
                EXPECT_OK(km_audit_list(&a, f->net, &q));
                for (i = 0; i < km_audit_count(a); i++, total++) {
                    assert_int_equal(km_audit_seq(a, i), AUDIT_ALL[total].seq);
                    assert_string_equal(km_audit_operation(a, i), AUDIT_ALL[total].op);
                    assert_string_equal(km_audit_data_json(a, i), AUDIT_ALL[total].json);
                }
                pages++;
                q.from_seq = km_audit_next_seq(a);
                km_audit_free(a);
                if (q.from_seq == 0) break;
                assert_true(pages < 10);
            }
            assert_int_equal(total, 7);
        }
    }
}

/* Another handle's entries appear in the audit only after a refresh. */
static void test_audit_only_applied(void **state)
{
    fx *f = (fx *)*state;
    km_network_options o = fx_options(f);
    km_network *a = NULL, *b = NULL;
    km_storage *mem = NULL;
    km_audit *l = NULL;
    EXPECT_OK(km_storage_memory_new(&mem, NULL));
    EXPECT_OK(km_network_open(&a, mem, &o));
    EXPECT_OK(km_network_open(&b, mem, &o));
    create(a, "Satu", "ID-NIB-1");
    EXPECT_OK(km_audit_list(&l, b, NULL));
    assert_int_equal(km_audit_count(l), 0);
    km_audit_free(l);
    EXPECT_OK(km_network_refresh(b));
    EXPECT_OK(km_audit_list(&l, b, NULL));
    assert_int_equal(km_audit_count(l), 1);
    km_network_close(a);
    km_network_close(b);
    km_storage_free(mem);
    /* The list outlives its network and store. */
    assert_string_equal(km_audit_operation(l, 0), "partner.create");
    assert_non_null(strstr(km_audit_data_json(l, 0), "\"ID-NIB-1\""));
    km_audit_free(l);
}

/* ---- errors ------------------------------------------------------------------------- */

static void test_strerror(void **state)
{
    static const struct { int code; const char *id, *en; } table[] = {
        { KM_OK, "berhasil", "success" },
        { KM_ERROR, "kesalahan internal", "internal error" },
        { KM_EINVAL, "argumen tidak valid", "invalid argument" },
        { KM_ENOTFOUND, "tidak ditemukan", "not found" },
        { KM_EEXISTS, "sudah ada", "already exists" },
        { KM_ESTATE, "tidak diizinkan dalam status saat ini", "not allowed in the current state" },
        { KM_ECONFLICT, "konflik: penyimpanan diubah oleh pihak lain", "conflict: the store was changed by another handle" },
        { KM_ESTORAGE, "kesalahan penyimpanan", "storage error" },
        { KM_ECORRUPT, "data rusak", "corrupt data" },
        { KM_ENOMEM, "memori tidak cukup", "out of memory" },
        { KM_EDENIED, "ditolak oleh otorisasi", "denied by the authorizer" },
        { KM_ERANGE, "di luar rentang atau melimpah", "out of range or overflow" },
        { KM_EREADONLY, "hanya baca", "read-only" },
        { KM_EBUSY, "penyimpanan sedang dikunci penulis lain", "store is locked by another writer" },
        { KM_EVERSION, "versi tidak didukung", "unsupported version" },
        { KM_ITEROVER, "tidak ada item lagi", "no more items" },
    };
    static const int unknown[] = { 1, 100, KM_ITEROVER - 1, -1000, INT_MIN, INT_MAX };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof table / sizeof table[0]; i++) {
        assert_string_equal(km_strerror_lang(table[i].code, KM_LANG_ID), table[i].id);
        assert_string_equal(km_strerror_lang(table[i].code, KM_LANG_EN), table[i].en);
        assert_string_equal(km_strerror(table[i].code), table[i].en);
        assert_string_equal(km_strerror_lang(table[i].code, 7), table[i].en); /* anything else: English */
        assert_string_equal(km_strerror_lang(table[i].code, -1), table[i].en);
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        assert_string_equal(km_strerror_lang(unknown[i], KM_LANG_ID), "kode kesalahan tidak dikenal");
        assert_string_equal(km_strerror_lang(unknown[i], KM_LANG_EN), "unknown error code");
        assert_string_equal(km_strerror(unknown[i]), "unknown error code");
    }
}

static void test_error_state(void **state)
{
    fx *f = (fx *)*state;
    km_partner *p = NULL;
    km_error_clear();
    assert_int_equal(km_error_last(), KM_OK);
    assert_string_equal(km_error_last_field(), "");
    assert_string_equal(km_error_last_message(KM_LANG_EN), "");
    assert_string_equal(km_error_last_message(KM_LANG_ID), "");

    EXPECT_ERR(km_partner_get(&p, f->net, 5), KM_ENOTFOUND, "partner.id");
    MSG_HAS(KM_LANG_EN, "no partner with id 5");
    MSG_HAS(KM_LANG_ID, "tidak ada mitra dengan id 5");
    /* A successful call clears it. */
    create(f->net, "Satu", "ID-NIB-1");
    assert_int_equal(km_error_last(), KM_OK);
    assert_string_equal(km_error_last_field(), "");
    EXPECT_ERR(km_partner_get(&p, f->net, 5), KM_ENOTFOUND, "partner.id");
    km_error_clear();
    assert_int_equal(km_error_last(), KM_OK);
    assert_string_equal(km_error_last_field(), "");
    assert_string_equal(km_error_last_message(KM_LANG_EN), "");
    assert_string_equal(km_error_last_message(KM_LANG_ID), "");

    /* km_error_set, for backends. */
    assert_int_equal(km_error_set(KM_ESTORAGE, "sqlite.step", "database is locked"), KM_ESTORAGE);
    assert_int_equal(km_error_last(), KM_ESTORAGE);
    assert_string_equal(km_error_last_field(), "sqlite.step");
    assert_string_equal(km_error_last_message(KM_LANG_EN), "sqlite.step: database is locked");
    assert_string_equal(km_error_last_message(KM_LANG_ID), "sqlite.step: database is locked");
    assert_int_equal(km_error_set(KM_EBUSY, NULL, NULL), KM_EBUSY);
    assert_string_equal(km_error_last_field(), "");
    assert_string_equal(km_error_last_message(KM_LANG_EN), "store is locked by another writer");
    assert_string_equal(km_error_last_message(KM_LANG_ID), "penyimpanan sedang dikunci penulis lain");
    /* Messages with printf directives are taken literally. */
    assert_int_equal(km_error_set(KM_ESTORAGE, "x", "%s %n %d"), KM_ESTORAGE);
    assert_string_equal(km_error_last_message(KM_LANG_EN), "x: %s %n %d");
    km_error_clear();
}

static void *other_thread(void *arg)
{
    int *seen = (int *)arg;
    seen[0] = km_error_last();
    seen[1] = (int)strlen(km_error_last_field());
    km_error_set(KM_EINVAL, "thread", "other");
    seen[2] = km_error_last();
    return NULL;
}

static void test_error_per_thread(void **state)
{
    pthread_t t;
    int seen[3] = { 99, 99, 99 };
    (void)state;
    km_error_set(KM_ECORRUPT, "main", "here");
    assert_int_equal(pthread_create(&t, NULL, other_thread, seen), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(seen[0], KM_OK);
    assert_int_equal(seen[1], 0);
    assert_int_equal(seen[2], KM_EINVAL);
    assert_int_equal(km_error_last(), KM_ECORRUPT);
    assert_string_equal(km_error_last_field(), "main");
    km_error_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_open_close, plain_setup),
        cmocka_unit_test_setup(test_open_option_errors, plain_setup),
        cmocka_unit_test_setup_teardown(test_stats_and_hooks, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_clock_monotonic, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_transactions, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_txn_failing_change, net_setup, net_teardown),
        cmocka_unit_test_setup(test_close_rolls_back, plain_setup),
        cmocka_unit_test_setup_teardown(test_authorizer, net_setup, net_teardown),
        cmocka_unit_test_setup(test_actor, plain_setup),
        cmocka_unit_test_setup(test_read_only, plain_setup),
        cmocka_unit_test_setup(test_two_handles_conflict, plain_setup),
        cmocka_unit_test_setup(test_retry_on_conflict, plain_setup),
        cmocka_unit_test_setup(test_time_travel, plain_setup),
        cmocka_unit_test_setup(test_host_backend, plain_setup),
        cmocka_unit_test_setup(test_verify_intact, plain_setup),
        cmocka_unit_test_setup(test_corrupt_payload, plain_setup),
        cmocka_unit_test_setup(test_corrupt_last_entry, plain_setup),
        cmocka_unit_test_setup(test_corrupt_missing_entry, plain_setup),
        cmocka_unit_test_setup(test_corrupt_framing, plain_setup),
        cmocka_unit_test_setup(test_corrupt_rechained, plain_setup),
        cmocka_unit_test_setup(test_corrupt_byte_sweep, plain_setup),
        cmocka_unit_test_setup(test_storage_failure, plain_setup),
        cmocka_unit_test_setup_teardown(test_audit_content, net_setup, net_teardown),
        cmocka_unit_test_setup_teardown(test_audit_filters, net_setup, net_teardown),
        cmocka_unit_test_setup(test_audit_only_applied, plain_setup),
        cmocka_unit_test_setup(test_state_hash, plain_setup),
        cmocka_unit_test_setup(test_state_hash_finds_an_altered_snapshot, plain_setup),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test_setup_teardown(test_error_state, net_setup, net_teardown),
        cmocka_unit_test(test_error_per_thread),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
