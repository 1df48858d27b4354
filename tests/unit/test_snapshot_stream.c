/* Writing a snapshot as a stream (storage version 2) or whole (version 1):
 * the bytes are the same either way; a network big enough for several
 * pieces hands the backend about a mebibyte at a time, never the whole
 * snapshot; a backend failing at any call of the stream leaves the
 * previous snapshot in place (file store: the same bytes on disk and no
 * temporary file left) and the network as it was; a snapshot of format 2
 * (sections framed inline instead of the table at the end) still loads;
 * running out of memory at any allocation of a streamed write leaks
 * nothing and leaves the previous snapshot current.
 * A snapshot's bytes stand for the state here: a network loaded from one
 * writes the same bytes again only if it holds the same state. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <dirent.h>
#include <unistd.h>

#include <kemitraan/kemitraan.h>
#include <kemitraan/sys/storage.h>
#include "support/failalloc.h"
#include "support/files.h"
#include "util/buf.h"

#define N_PARTNERS 30000 /* a snapshot of about 2.7 MB: three pieces or more */
#define PIECE_MAX ((size_t)2 << 20)

static char dir[4096];

#define CLOCK_START 1767225600000000LL /* 2026-01-01 */
static int64_t clock_now = CLOCK_START;
static int64_t test_clock(void *payload)
{
    (void)payload;
    return clock_now += 1000;
}

static km_network_options opts(void)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.clock = test_clock;
    o.actor = "admin:test";
    return o;
}

static void build_n(km_network *net, uint64_t n_partners, uint64_t n_agreements)
{
    static const char *const sectors[] = { "health", "water", "education" };
    uint64_t i, got;
    assert_int_equal(km_network_begin(net), 0);
    for (i = 1; i <= n_partners; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char name[64], ext[32], region[8];
        snprintf(name, sizeof name, "Yayasan Mitra Pembangunan Daerah %llu", (unsigned long long)i);
        snprintf(ext, sizeof ext, "ID-EXT-%06llu", (unsigned long long)i);
        snprintf(region, sizeof region, "%02u.%02u", (unsigned)(11 + i % 20), (unsigned)(1 + i % 9));
        f.name = name;
        f.external_id = ext;
        f.kind = (int)(i % KM_PARTNER_KIND__COUNT);
        f.region = region;
        f.sectors = sectors;
        f.sectors_count = (size_t)(i % 4);
        if (km_partner_create(&got, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    }
    /* Two entries, so that a snapshot's sequence (2) tells its load from a
     * replay of the log (which scans from 1). */
    assert_int_equal(km_network_commit(net), 0);
    assert_int_equal(km_network_begin(net), 0);
    for (i = 1; i <= n_agreements; i++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        uint64_t parties[2];
        uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
        char ref[32];
        snprintf(ref, sizeof ref, "AGR-%05llu", (unsigned long long)i);
        parties[0] = 1 + i * 13 % n_partners;
        parties[1] = 1 + (i * 13 + 1) % n_partners;
        f.title = ref;
        f.reference = ref;
        f.type = (int)(i % 8);
        f.value = (int64_t)(i * 100000);
        f.currency = "IDR";
        f.party_ids = parties;
        f.party_roles = roles;
        f.parties_count = 2;
        if (km_agreement_create(&got, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    }
    assert_int_equal(km_network_commit(net), 0);
}

static void build(km_network *net) { build_n(net, N_PARTNERS, 500); }

/* What the compact records of format 6 write beyond build_n's fields:
 * partners with every string and tag kind and a status reason; an
 * agreement with an end date, a purpose, a region, sectors, documents,
 * the PPP type, three parties that signed, two amendments (history), a
 * milestone met before 1970 (a negative day) and one scheduled, and a
 * risk entry; an agreement that one party of two signed. */
static void enrich(km_network *net)
{
    static const char *const caps[] = { "survey", "training" }, *const needs[] = { "funding" };
    static const char *const sectors[] = { "infrastructure", "water" };
    static const char *const uris[] = { "https://example.go.id/pks-1.pdf" };
    static const char *const shas[] = { "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
    km_partner_fields p = KM_PARTNER_FIELDS_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    km_milestone_fields m = KM_MILESTONE_FIELDS_INIT;
    uint64_t ids[3], id = 0;
    uint32_t roles[3] = { KM_ROLE_FUNDING | KM_ROLE_ACCOUNTABLE, KM_ROLE_IMPLEMENTING, KM_ROLE_EXTENDING };
    uint32_t number = 0;
    int k;
    for (k = 0; k < 3; k++) {
        char ext[32];
        snprintf(ext, sizeof ext, "ID-RICH-%d", k);
        p.name = k == 0 ? "Pemerintah Kota Bandung" : k == 1 ? "PT Air Bersih Nusantara" : "Koperasi Warga";
        p.external_id = ext;
        p.kind = k == 0 ? KM_PARTNER_REGIONAL_GOVERNMENT : k == 1 ? KM_PARTNER_PRIVATE_BUSINESS : KM_PARTNER_COMMUNITY;
        p.region = "32.73";
        p.email = "kontak@example.go.id";
        p.phone = "+62-22-1234567";
        p.website = "https://example.go.id";
        p.sectors = sectors;
        p.sectors_count = 2;
        p.capabilities = caps;
        p.capabilities_count = 2;
        p.needs = needs;
        p.needs_count = 1;
        if (km_partner_create(&ids[k], net, &p) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    }
    f.title = "KPBU Air Minum";
    f.reference = "PKS/RICH/1";
    f.type = KM_AGREEMENT_PPP;
    f.purpose = "Penyediaan air minum";
    f.sectors = sectors;
    f.sectors_count = 2;
    f.region = "32.73";
    f.start_date = "2026-01-01";
    f.end_date = "2030-12-31";
    f.value = 7500000000LL;
    f.currency = "IDR";
    f.dimensions = KM_DIMENSION_BIT(KM_DIMENSION_IMPACT) | KM_DIMENSION_BIT(KM_DIMENSION_PUBLIC_TRUST);
    f.party_ids = ids;
    f.party_roles = roles;
    f.parties_count = 3;
    f.document_uris = uris;
    f.document_sha256 = shas;
    f.documents_count = 1;
    if (km_agreement_create(&id, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    m.type = KM_MILESTONE_FINANCING;
    m.title = "Financial close";
    m.due_date = "2026-06-30";
    if (km_milestone_add(&number, net, id, &m) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    assert_int_equal(km_milestone_set_status(net, id, number, KM_MILESTONE_MET, "1969-12-30"), 0);
    m.type = KM_MILESTONE_DELIVERY;
    m.title = "Commercial operation";
    m.due_date = "2028-01-01";
    if (km_milestone_add(&number, net, id, &m) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    if (km_risk_add(&number, net, id, KM_RISK_DESIGN, 1, "Desain ditinjau pihak ketiga") != 0)
        fail_msg("%s", km_error_last_message(KM_LANG_EN));
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[0]), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[1]), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[2]), 0);
    assert_int_equal(km_agreement_activate(net, id, NULL), 0);
    f.title = "KPBU Air Minum (adendum I)";
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "adendum I"), 0);
    f.end_date = NULL;
    assert_int_equal(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_END, "adendum II"), 0);
    assert_int_equal(km_partner_set_status(net, ids[2], KM_PARTNER_SUSPENDED, "audit pending"), 0);
    /* An agreement proposed, one party of two signed. */
    f.title = "Setengah ditandatangani";
    f.reference = "PKS/RICH/2";
    f.type = KM_AGREEMENT_COOPERATION;
    f.parties_count = 2;
    f.documents_count = 0;
    if (km_agreement_create(&id, net, &f) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    assert_int_equal(km_agreement_propose(net, id, NULL), 0);
    assert_int_equal(km_agreement_sign(net, id, ids[1]), 0);
}

/* The network of tests/data/compat/stream5.snap: build_n's at a small
 * size, then enrich's, from the clock's start (the log's times, and so
 * its hashes, are the file's). */
static void build_small(km_network *net)
{
    clock_now = CLOCK_START;
    build_n(net, 300, 100);
    enrich(net);
}

/* ---- a backend wrapper that records what it is given ---------------------------------- */

typedef struct rec {
    km_storage base;
    km_storage *inner;
    int forward;            /* hand snapshots on to inner */
    uint8_t *bytes;         /* the last snapshot, streamed or whole */
    size_t len, cap;
    size_t pieces, max_piece;
    long calls, fail_at;    /* snapshot calls; the fail_at-th fails (-1: none) */
    int injected;
    void *inner_stream;
    uint64_t min_scan;      /* the lowest sequence a scan started from */
} rec;

static int fault(rec *r, const char *method)
{
    r->calls++;
    if (r->calls != r->fail_at) return 0;
    r->injected = 1;
    return km_error_set(KM_ESTORAGE, method, "injected I/O error");
}

static void keep(rec *r, const void *d, size_t n)
{
    if (r->len + n > r->cap) {
        r->cap = (r->len + n) * 2;
        r->bytes = (uint8_t *)realloc(r->bytes, r->cap);
        assert_non_null(r->bytes);
    }
    memcpy(r->bytes + r->len, d, n);
    r->len += n;
}

static int r_append(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    return ((rec *)s)->inner->append(((rec *)s)->inner, seq, d, n);
}
static int r_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    rec *r = (rec *)s;
    if (from < r->min_scan) r->min_scan = from;
    return r->inner->scan(r->inner, from, cb, payload);
}
static int r_last_seq(km_storage *s, uint64_t *out) { return ((rec *)s)->inner->last_seq(((rec *)s)->inner, out); }
static int r_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    return ((rec *)s)->inner->snapshot_read(((rec *)s)->inner, max_seq, cb, payload);
}
static int r_snapshot_write(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    rec *r = (rec *)s;
    int rc = fault(r, "snapshot_write");
    if (rc) return rc;
    r->len = 0;
    keep(r, d, n);
    r->pieces = 1;
    r->max_piece = n;
    return r->forward ? r->inner->snapshot_write(r->inner, seq, d, n) : 0;
}
static int r_snapshot_begin(km_storage *s, uint64_t seq, void **stream)
{
    rec *r = (rec *)s;
    int rc = fault(r, "snapshot_begin");
    if (rc) return rc;
    r->len = r->pieces = r->max_piece = 0;
    r->inner_stream = NULL;
    if (r->forward && (rc = r->inner->snapshot_begin(r->inner, seq, &r->inner_stream)) != 0) return rc;
    *stream = r;
    return 0;
}
static int r_snapshot_append(km_storage *s, void *stream, const void *d, size_t n)
{
    rec *r = (rec *)s;
    int rc = fault(r, "snapshot_append");
    assert_ptr_equal(stream, r);
    assert_true(n > 0);
    if (rc) return rc;
    keep(r, d, n);
    r->pieces++;
    if (n > r->max_piece) r->max_piece = n;
    return r->forward ? r->inner->snapshot_append(r->inner, r->inner_stream, d, n) : 0;
}
static int r_snapshot_end(km_storage *s, void *stream, int commit)
{
    rec *r = (rec *)s;
    int rc = fault(r, "snapshot_end");
    assert_ptr_equal(stream, r);
    if (rc) commit = 0; /* the contract: the stream is released whatever happens */
    if (r->forward) {
        int irc = r->inner->snapshot_end(r->inner, r->inner_stream, commit);
        if (!rc) rc = irc;
    }
    return rc;
}

static void rec_init(rec *r, km_storage *inner, int forward)
{
    km_storage init = KM_STORAGE_INIT;
    memset(r, 0, sizeof *r);
    r->base = init;
    r->base.append = r_append;
    r->base.scan = r_scan;
    r->base.last_seq = r_last_seq;
    r->base.snapshot_read = r_snapshot_read;
    r->base.snapshot_write = r_snapshot_write;
    r->base.snapshot_begin = r_snapshot_begin;
    r->base.snapshot_append = r_snapshot_append;
    r->base.snapshot_end = r_snapshot_end;
    r->inner = inner;
    r->forward = forward;
    r->fail_at = -1;
    r->min_scan = UINT64_MAX;
}

/* The snapshot net would write now (through a recorder that keeps it). */
static uint8_t *snapshot_of(km_storage *inner, size_t *len)
{
    rec r;
    km_network *net = NULL;
    km_network_options o = opts();
    uint8_t *copy;
    rec_init(&r, inner, 0);
    assert_int_equal(km_network_open(&net, &r.base, &o), 0);
    assert_true(r.min_scan > 1); /* it loaded a snapshot rather than replaying the log */
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    copy = r.bytes;
    *len = r.len;
    return copy;
}

/* ---- tests ------------------------------------------------------------------------------- */

/* Streamed and whole, the same bytes; the stream in pieces of about a
 * mebibyte; the result loads back to the same state. */
static void test_stream_equals_blob(void **state)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts();
    rec r;
    uint8_t *streamed, *again;
    size_t n_streamed, n_again;
    (void)state;
    assert_int_equal(km_storage_memory_new(&mem, NULL), 0);
    rec_init(&r, mem, 1);
    assert_int_equal(km_network_open(&net, &r.base, &o), 0);
    build(net);

    assert_int_equal(km_network_snapshot(net), 0);
    print_message("snapshot of %zu bytes in %zu pieces, the largest %zu bytes\n", r.len, r.pieces, r.max_piece);
    assert_true(r.pieces >= 3);
    assert_true(r.max_piece <= PIECE_MAX);
    assert_memory_equal(r.bytes + r.len - 4, "KMSE", 4);
    streamed = (uint8_t *)malloc(r.len);
    assert_non_null(streamed);
    memcpy(streamed, r.bytes, r.len);
    n_streamed = r.len;

    r.base.version = 1; /* a backend that takes snapshots whole */
    assert_int_equal(km_network_snapshot(net), 0);
    assert_int_equal(r.pieces, 1);
    assert_int_equal(r.len, n_streamed);
    assert_memory_equal(r.bytes, streamed, n_streamed);
    km_network_close(net);

    again = snapshot_of(mem, &n_again);
    assert_int_equal(n_again, n_streamed);
    assert_memory_equal(again, streamed, n_streamed);
    free(again);
    free(streamed);
    free(r.bytes);
    km_storage_free(mem);
}

/* A format 4 snapshot rewritten as format 3: the agreement section loses
 * its chunk marks (its last 8 + 8m bytes: m u64 offsets, u32 m, u32
 * agreements per chunk) and the section table follows. */
static uint8_t *as_format_3(const uint8_t *v4, size_t n4, size_t *n3)
{
    size_t n_sec = km__get_u32_at(v4 + n4 - 8), tab = n4 - 8 - 18 * n_sec, out = 72, i, stripped = 0;
    uint8_t *v3 = (uint8_t *)malloc(n4), table[18 * 16];
    assert_non_null(v3);
    assert_true(n_sec <= 16);
    memcpy(v3, v4, 72);
    v3[4] = 3; /* u32 version */
    for (i = 0; i < n_sec; i++) {
        const uint8_t *e = v4 + tab + 18 * i;
        uint64_t off = km__get_u64_at(e + 2), len = km__get_u64_at(e + 10), keep = len;
        if ((e[0] | e[1] << 8) == KM_ENTITY_AGREEMENT) {
            keep = len - 8 - 8 * (uint64_t)km__get_u32_at(v4 + off + len - 8);
            stripped++;
        }
        memcpy(v3 + out, v4 + off, (size_t)keep);
        memcpy(table + 18 * i, e, 2);
        km__put_u64_at(table + 18 * i + 2, out);
        km__put_u64_at(table + 18 * i + 10, keep);
        out += (size_t)keep;
    }
    assert_int_equal(stripped, 1);
    memcpy(v3 + out, table, 18 * n_sec);
    out += 18 * n_sec;
    memcpy(v3 + out, v4 + n4 - 8, 8); /* n, "KMSE" */
    *n3 = out + 8;
    return v3;
}

/* Format 3 as format 2, which framed each section as u16 entity | u64
 * length before its bytes and ended with 0xFFFF (the table of format 3
 * says the same). */
static uint8_t *as_format_2(const uint8_t *v3, size_t n3, size_t *n2)
{
    size_t n_sec = km__get_u32_at(v3 + n3 - 8), at = n3 - 8 - 18 * n_sec, i, out = 72;
    uint8_t *v2 = (uint8_t *)malloc(n3 + 16);
    assert_non_null(v2);
    memcpy(v2, v3, 72);
    v2[4] = 2; /* u32 version */
    for (i = 0; i < n_sec; i++, at += 18) {
        uint64_t off = km__get_u64_at(v3 + at + 2), len = km__get_u64_at(v3 + at + 10);
        v2[out++] = v3[at];
        v2[out++] = v3[at + 1];
        km__put_u64_at(v2 + out, len);
        out += 8;
        memcpy(v2 + out, v3 + off, (size_t)len);
        out += (size_t)len;
    }
    v2[out++] = 0xFF;
    v2[out++] = 0xFF;
    assert_int_equal(out, n3 - 8 * n_sec - 6); /* 10 bytes of frame a section instead of 18; 2 at the end, not 8 */
    *n2 = out;
    return v2;
}

/* The format 5 snapshot of build_small's network, written by the library
 * of commit 1ecb17a (tests/data/compat/README.md says how); NULL when the
 * file cannot be read. */
static uint8_t *read_stream5(size_t *len)
{
    FILE *f = fopen(KM_TEST_DATA_DIR "/compat/stream5.snap", "rb");
    uint8_t *d = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (d = (uint8_t *)malloc((size_t)n)) != NULL && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d) *len = (size_t)n;
    return d;
}

/* A store whose newest snapshot is of an older format opens from it, and
 * writes the current format again, byte for byte what the current library
 * writes for the same log: format 5 (written by the library before
 * format 6's compact partner and agreement records), format 4 (fields of
 * encoding 1), format 3 (agreements without chunk marks) and format 2
 * (sections framed in place). Formats 4 to 2 are derived from the format 5
 * bytes. */
static void test_older_formats_still_load(void **state)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts();
    rec r;
    uint8_t *v6, *v5, *v4, *v3, *v2, *again;
    size_t n6, n5 = 0, n4, n3 = 0, n2 = 0, n_again;
    uint64_t seq;
    (void)state;
    assert_int_equal(km_storage_memory_new(&mem, NULL), 0);
    rec_init(&r, mem, 0);
    assert_int_equal(km_network_open(&net, &r.base, &o), 0);
    build_small(net);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    v6 = r.bytes;
    n6 = r.len;
    assert_int_equal(km__get_u32_at(v6 + 4), 6);
    seq = km__get_u64_at(v6 + 8);
    assert_int_equal(mem->snapshot_write(mem, seq, v6, n6), 0);
    again = snapshot_of(mem, &n_again); /* format 6 loads to the state that writes it */
    assert_int_equal(n_again, n6);
    assert_memory_equal(again, v6, n6);
    free(again);

    v5 = read_stream5(&n5);
    assert_non_null(v5);
    assert_int_equal(km__get_u32_at(v5 + 4), 5);
    assert_int_equal(km__get_u64_at(v5 + 8), seq); /* the same log: the same head hash is checked on load */
    print_message("format 5: %zu bytes; format 6: %zu bytes\n", n5, n6);
    assert_true(n6 * 3 < n5 * 2); /* 33,897 bytes against 56,949 */
    assert_int_equal(mem->snapshot_write(mem, seq, v5, n5), 0);
    again = snapshot_of(mem, &n_again); /* loaded from format 5, written as format 6 */
    assert_int_equal(n_again, n6);
    assert_memory_equal(again, v6, n6);
    free(again);

    /* Format 4 differs from 5 only in the encoding of the fields of the
     * sections after agreements (log/fields.h), which this store leaves
     * empty: its bytes are format 5's with the version changed. (The
     * committed stores of tests/data/compat hold format 4 snapshots with
     * every section, written by the library before format 5.) */
    n4 = n5;
    v4 = (uint8_t *)malloc(n4);
    assert_non_null(v4);
    memcpy(v4, v5, n4);
    v4[4] = 4;
    assert_int_equal(mem->snapshot_write(mem, seq, v4, n4), 0);
    again = snapshot_of(mem, &n_again);
    assert_int_equal(n_again, n6);
    assert_memory_equal(again, v6, n6);
    free(again);

    v3 = as_format_3(v4, n4, &n3);
    assert_true(n3 < n4);
    assert_int_equal(mem->snapshot_write(mem, seq, v3, n3), 0);
    again = snapshot_of(mem, &n_again);
    assert_int_equal(n_again, n6);
    assert_memory_equal(again, v6, n6);
    free(again);

    v2 = as_format_2(v3, n3, &n2);
    assert_int_equal(mem->snapshot_write(mem, seq, v2, n2), 0);
    again = snapshot_of(mem, &n_again);
    assert_int_equal(n_again, n6);
    assert_memory_equal(again, v6, n6);
    free(again);
    free(v2);
    free(v3);
    free(v4);
    free(v5);
    free(v6);
    km_storage_free(mem);
}

static int temporary_files(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp.")) n++;
    closedir(d);
    return n;
}

/* The file store, failing at each call of the stream in turn: the error
 * reaches the caller, the old snapshot stays byte for byte, nothing is
 * left behind, the network is unchanged; then the write succeeds and a
 * new handle opens from the new snapshot. */
static void test_stream_faults_file(void **state)
{
    char path[4200], snap[4300];
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *fs = NULL, *fs2 = NULL;
    km_network *net = NULL;
    km_network_options o = opts();
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    rec r;
    uint8_t *old, *now, *written, *again;
    size_t n_old, n_now, n_written, n_again;
    uint64_t id, seq;
    long k, faults = 0;
    (void)state;
    snprintf(path, sizeof path, "%s/stream.km", dir);
    snprintf(snap, sizeof snap, "%s-snap", path);
    fo.sync = KM_SYNC_OFF;
    assert_int_equal(km_storage_file_open(&fs, path, &fo), 0);
    rec_init(&r, fs, 1);
    assert_int_equal(km_network_open(&net, &r.base, &o), 0);
    build(net);
    assert_int_equal(km_network_snapshot(net), 0);
    old = slurp(snap, &n_old);
    assert_true(n_old > 0);
    f.name = "Koperasi Baru";
    f.external_id = "ID-EXT-NEW";
    f.kind = KM_PARTNER_COMMUNITY;
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    seq = km_network_seq(net);

    for (k = 1;; k++) {
        int rc;
        r.calls = 0;
        r.injected = 0;
        r.fail_at = k;
        rc = km_network_snapshot(net);
        if (!r.injected) {
            assert_int_equal(rc, 0);
            break;
        }
        faults++;
        assert_int_equal(rc, KM_ESTORAGE);
        now = slurp(snap, &n_now);
        assert_int_equal(n_now, n_old);
        assert_memory_equal(now, old, n_old);
        free(now);
        assert_int_equal(temporary_files(), 0);
        assert_int_equal(km_network_seq(net), seq);
    }
    print_message("%ld snapshot calls failed in turn\n", faults);
    assert_true(faults >= 5); /* begin, three appends or more, end */
    written = (uint8_t *)malloc(r.len);
    assert_non_null(written);
    memcpy(written, r.bytes, r.len);
    n_written = r.len;
    km_network_close(net);
    km_storage_free(fs);

    now = slurp(snap, &n_now);
    assert_true(n_now > 0);
    assert_true(n_now != n_old || memcmp(now, old, n_old) != 0);
    free(now);
    assert_int_equal(km_storage_file_open(&fs2, path, &fo), 0);
    again = snapshot_of(fs2, &n_again);
    assert_int_equal(n_again, n_written);
    assert_memory_equal(again, written, n_written);
    free(again);
    free(written);
    free(old);
    free(r.bytes);
    km_storage_free(fs2);
    (void)unlink(path);
    (void)unlink(snap);
}

static int seq_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    (void)data;
    (void)len;
    *(uint64_t *)payload = seq;
    return 0;
}

/* The memory store and the network on an allocator that fails from its
 * n-th allocation on, for every n until the write gets through. */
static void test_stream_out_of_memory(void **state)
{
    km_test_alloc ta;
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts();
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    uint64_t id, old_seq, got;
    long n, live, failed = 0;
    (void)state;
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    assert_int_equal(km_storage_memory_new(&mem, km_test_alloc_get(&ta)), 0);
    assert_int_equal(km_network_open(&net, mem, &o), 0);
    build(net);
    assert_int_equal(km_network_snapshot(net), 0);
    old_seq = km_network_seq(net);
    f.name = "Koperasi Baru";
    f.external_id = "ID-EXT-NEW";
    f.kind = KM_PARTNER_COMMUNITY;
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    for (n = 1;; n++) {
        long refused;
        int rc;
        live = ta.live;
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_snapshot(net);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (refused == 0) {
            assert_int_equal(rc, 0);
            break;
        }
        failed++;
        assert_int_equal(rc, KM_ENOMEM);
        assert_int_equal(ta.live, live);
        got = UINT64_MAX;
        assert_int_equal(mem->snapshot_read(mem, UINT64_MAX, seq_cb, &got), 0);
        assert_int_equal(got, old_seq);
    }
    print_message("%ld allocations of the write failed in turn\n", failed);
    assert_true(failed >= 5);
    got = 0;
    assert_int_equal(mem->snapshot_read(mem, UINT64_MAX, seq_cb, &got), 0);
    assert_int_equal(got, km_network_seq(net));
    km_network_close(net);
    km_storage_free(mem);
    assert_int_equal(ta.live, 0);
}

static int group_setup(void **state)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    (void)state;
    if (!base || !*base) base = "/tmp";
    snprintf(dir, sizeof dir, "%s/km-test-stream-XXXXXX", base);
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return rmdir(dir);
}

#ifdef KM_WRITE_STREAM5
/* Writes the snapshot of build_small's network to argv[1]: how
 * tests/data/compat/stream5.snap was made (its README). */
int main(int argc, char **argv)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = opts();
    rec r;
    FILE *f;
    if (argc != 2) return 2;
    if (km_storage_memory_new(&mem, NULL) != 0) return 1;
    rec_init(&r, mem, 0);
    if (km_network_open(&net, &r.base, &o) != 0) return 1;
    build_small(net);
    if (km_network_snapshot(net) != 0) return 1;
    km_network_close(net);
    f = fopen(argv[1], "wb");
    if (!f || fwrite(r.bytes, 1, r.len, f) != r.len || fclose(f) != 0) return 1;
    free(r.bytes);
    km_storage_free(mem);
    return 0;
}
#else
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_equals_blob),
        cmocka_unit_test(test_older_formats_still_load),
        cmocka_unit_test(test_stream_faults_file),
        cmocka_unit_test(test_stream_out_of_memory),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
#endif
