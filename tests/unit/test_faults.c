/* Fault injection in SQLite's way.
 *
 * Storage faults: a wrapper backend fails the N-th storage call (append,
 * scan, last_seq, snapshot_begin/append/end or snapshot_write (a wrapper of
 * version 1, which takes snapshots whole), snapshot_read, sync; and, as the N-th
 * call too, the delivery of each record of a scan) with KM_ESTORAGE,
 * for N = 1, 2, 3, ... until a scripted workload (open with a snapshot,
 * creates, updates, status changes, an explicit transaction, a snapshot, a
 * refresh after another handle's commit, sync, verify, audit) runs without
 * a fault. After each injected failure: the operation returned
 * KM_ESTORAGE, the handle's state equals the last committed state (a digest
 * of every partner, the sequence and the head hash, taken after each
 * successful step; for a refresh, which applies entries one at a time, the
 * state at the sequence where it stopped), and the store opened without the
 * wrapper holds exactly
 * what was committed. The failed step is then redone without faults and the
 * workload must end in the same state as a run without any fault. Run on
 * the file store and on the memory store, streaming snapshots, and on the
 * file store behind a wrapper of version 1.
 *
 * Out of memory: the N-th allocation fails (and every one after it) for
 * every N, for opening a file store (replaying the log, or loading a
 * snapshot), for refreshing and for committing on a stale handle. Each
 * failure returns KM_ENOMEM, leaves the handle as it was (a refresh: at a
 * prefix of the new entries, as network.h documents), leaks nothing
 * (failalloc live == 0 after close) and the store reopens intact. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "kemitraan/kemitraan.h"
#include "support/files.h"
#include "support/fnv.h"
#include "support/partner_hash.h"
#include "support/failalloc.h"

#define DIGEST_MAX 512
#define MAX_N 2000

/* ---- scratch directory ------------------------------------------------------- */

static char dir[4096];
static char path[4200];
static unsigned test_no;

static int group_setup(void **state)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    (void)state;
    if (!base || !*base) base = "/tmp";
    snprintf(dir, sizeof dir, "%s/km-test-faults-XXXXXX", base);
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    (void)rmdir(dir);
    return 0;
}

static int test_setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "%s/store%u.km", dir, ++test_no);
    remove_store(path);
    return 0;
}

static int test_teardown(void **state)
{
    (void)state;
    remove_store(path);
    return 0;
}

/* ---- network helpers ------------------------------------------------------------ */

#define T0 INT64_C(1740963600000000) /* 2025-03-03T01:00:00Z */

static int64_t clock_now = T0;

static int64_t test_clock(void *payload)
{
    (void)payload;
    return clock_now;
}

static km_network_options net_opts(const km_allocator *a)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.clock = test_clock;
    o.actor = "test_faults";
    o.allocator = a;
    return o;
}

static int create_partner(km_network *net, const char *prefix, unsigned i, uint64_t *id)
{
    static const char *const sectors[] = { "pendidikan", "kesehatan", "air-bersih" };
    static const char *const needs[] = { "pendanaan", "relawan" };
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[64], ext[64];
    snprintf(name, sizeof name, "Mitra %s %u", prefix, i);
    snprintf(ext, sizeof ext, "ID-%s-%05u", prefix, i);
    f.name = name;
    f.external_id = ext;
    f.kind = (int)(i % KM_PARTNER_KIND__COUNT);
    f.region = i % 2 ? "32.73" : "31";
    f.email = i % 3 ? "kontak@mitra.example.id" : NULL;
    f.sectors = sectors;
    f.sectors_count = i % 4;
    f.needs = needs;
    f.needs_count = i % 3;
    return km_partner_create(id, net, &f);
}

/* Everything visible about the network: sequence, head hash, statistics
 * and every field of every partner. Reads allocate, so call it with the
 * allocator not failing. */
static void digest(km_network *net, char *out)
{
    km_network_stats s = KM_NETWORK_STATS_INIT;
    char head[65];
    uint64_t h = UINT64_C(14695981039346656037), id;
    km_partner *p = NULL;
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (id = 1; id <= s.partners; id++) {
        assert_int_equal(km_partner_get(&p, net, id), 0);
        h = km_test_partner_hash(h, p);
        km_partner_free(p);
    }
    assert_int_equal(km_partner_get(&p, net, s.partners + 1), KM_ENOTFOUND);
    snprintf(out, DIGEST_MAX, "seq=%llu head=%s entries=%llu events=%llu bytes=%llu partners=%llu/%llu/%llu/%llu h=%016llx",
             (unsigned long long)km_network_seq(net), head, (unsigned long long)s.log_entries,
             (unsigned long long)s.log_events, (unsigned long long)s.log_bytes, (unsigned long long)s.partners,
             (unsigned long long)s.partners_active, (unsigned long long)s.partners_suspended,
             (unsigned long long)s.partners_archived, (unsigned long long)h);
}

static void expect_verified_storage(km_storage *st, const char *digest_str)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    assert_int_equal(km_storage_verify(&r, st, NULL, 0), 0);
    assert_int_equal(r.first_bad_seq, 0);
    /* digest strings start "seq=N head=H ": the verified head must be H. */
    assert_non_null(strstr(digest_str, r.head_hash));
}

/* ---- the fault-injecting backend ---------------------------------------------------- */

/* Fault points: every call of a method, and every record a scan delivers
 * (an I/O error part way through a scan). */
enum {
    M_APPEND, M_SCAN, M_SCAN_RECORD, M_LAST_SEQ, M_SNAP_WRITE, M_SNAP_READ, M_SYNC, M_SNAP_BEGIN, M_SNAP_APPEND,
    M_SNAP_END, M__COUNT
};
static const char *const method_names[M__COUNT] = { "append",         "scan",           "scan (mid-way)",
                                                    "last_seq",       "snapshot_write", "snapshot_read",
                                                    "sync",           "snapshot_begin", "snapshot_append",
                                                    "snapshot_end" };

typedef struct faulty {
    km_storage base;
    km_storage *inner;
    long calls;                 /* storage calls so far */
    long fail_at;               /* the call number that fails; -1 = none */
    long injected;              /* faults injected so far */
    int injected_method;        /* method of the last fault */
    long per_method[M__COUNT];  /* faults injected, by method (over a whole test) */
} faulty;

static int fault(faulty *f, int method)
{
    f->calls++;
    if (f->fail_at < 0 || f->calls != f->fail_at) return 0;
    f->injected++;
    f->injected_method = method;
    f->per_method[method]++;
    return km_error_set(KM_ESTORAGE, method_names[method], "injected I/O error");
}

static int fw_append(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_APPEND);
    return rc ? rc : f->inner->append(f->inner, seq, d, n);
}

typedef struct relay {
    faulty *f;
    km_storage_record_cb cb;
    void *payload;
} relay;

static int relay_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    relay *r = (relay *)payload;
    int rc = fault(r->f, M_SCAN_RECORD);
    return rc ? rc : r->cb(r->payload, seq, data, len);
}

static int fw_scan(km_storage *s, uint64_t from, km_storage_record_cb cb, void *payload)
{
    faulty *f = (faulty *)s;
    relay r;
    int rc = fault(f, M_SCAN);
    if (rc) return rc;
    r.f = f;
    r.cb = cb;
    r.payload = payload;
    return f->inner->scan(f->inner, from, relay_cb, &r);
}

static int fw_last_seq(km_storage *s, uint64_t *out)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_LAST_SEQ);
    return rc ? rc : f->inner->last_seq(f->inner, out);
}

static int fw_snapshot_write(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SNAP_WRITE);
    return rc ? rc : f->inner->snapshot_write(f->inner, seq, d, n);
}

static int fw_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SNAP_READ);
    return rc ? rc : f->inner->snapshot_read(f->inner, max_seq, cb, payload);
}

static int fw_sync(km_storage *s)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SYNC);
    return rc ? rc : f->inner->sync(f->inner);
}

static int fw_snapshot_begin(km_storage *s, uint64_t seq, void **stream)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SNAP_BEGIN);
    return rc ? rc : f->inner->snapshot_begin(f->inner, seq, stream);
}

static int fw_snapshot_append(km_storage *s, void *stream, const void *d, size_t n)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SNAP_APPEND);
    return rc ? rc : f->inner->snapshot_append(f->inner, stream, d, n);
}

/* A failed end still releases the stream (the contract): the inner store
 * abandons it. */
static int fw_snapshot_end(km_storage *s, void *stream, int commit)
{
    faulty *f = (faulty *)s;
    int rc = fault(f, M_SNAP_END);
    if (rc) {
        (void)f->inner->snapshot_end(f->inner, stream, 0);
        return rc;
    }
    return f->inner->snapshot_end(f->inner, stream, commit);
}

/* blob: a wrapper of storage version 1, which takes snapshots whole. */
static void faulty_init(faulty *f, km_storage *inner, int blob)
{
    long keep[M__COUNT];
    memcpy(keep, f->per_method, sizeof keep);
    memset(f, 0, sizeof *f);
    memcpy(f->per_method, keep, sizeof keep);
    f->base.version = KM_STORAGE_VERSION;
    f->base.append = fw_append;
    f->base.scan = fw_scan;
    f->base.last_seq = fw_last_seq;
    f->base.snapshot_write = inner->snapshot_write ? fw_snapshot_write : NULL;
    f->base.snapshot_read = inner->snapshot_read ? fw_snapshot_read : NULL;
    f->base.sync = inner->sync ? fw_sync : NULL;
    if (blob) {
        f->base.version = 1;
    } else if (inner->snapshot_begin) {
        f->base.snapshot_begin = fw_snapshot_begin;
        f->base.snapshot_append = fw_snapshot_append;
        f->base.snapshot_end = fw_snapshot_end;
    }
    f->inner = inner;
    f->fail_at = -1;
}

/* ---- the scripted workload ----------------------------------------------------------------- */

typedef struct world {
    int file;               /* file store (else memory) */
    int blob;               /* the wrapper is of storage version 1 (snapshots whole) */
    km_storage *inner;      /* the store behind the wrapper */
    km_storage *other_st;   /* another handle's storage on the same store */
    km_network *other;      /* another writer, not faulted */
    faulty fw;
    km_network *net;        /* the handle under test, on the wrapper */
    char ref_net[DIGEST_MAX];   /* what net must show */
    uint64_t ref_seq;           /* ... at this sequence */
    int refresh_prefixes;       /* failed refreshes that kept a prefix of the new entries */
    char ref_store[DIGEST_MAX]; /* what a fresh open of the store must show */
} world;

typedef enum step_kind {
    S_OPEN,   /* opens net */
    S_COMMIT, /* changes net and the store */
    S_OTHER,  /* another handle changes the store */
    S_READ,   /* reads only (refresh counts here: it changes net, not the store) */
    S_CLOSE
} step_kind;

typedef struct step {
    const char *name;
    step_kind kind;
    int (*run)(world *w);
} step;

static int st_open(world *w)
{
    km_network_options o = net_opts(NULL);
    w->net = NULL;
    return km_network_open(&w->net, &w->fw.base, &o);
}

static int st_create_a(world *w) { return create_partner(w->net, "W", 6, NULL); }
static int st_create_b(world *w) { return create_partner(w->net, "W", 7, NULL); }

static int st_update(world *w)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = "Mitra Berganti Nama";
    f.website = "https://mitra.example.id/";
    return km_partner_update(w->net, 2, &f, KM_PARTNER_F_NAME | KM_PARTNER_F_WEBSITE);
}

static int st_suspend(world *w) { return km_partner_set_status(w->net, 3, KM_PARTNER_SUSPENDED, "audit berjalan"); }
static int st_archive(world *w) { return km_partner_archive(w->net, 4, "kemitraan selesai"); }

static int st_transaction(world *w)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    int rc = km_network_begin(w->net);
    if (rc) return rc;
    f.phone = "+62 21 5550123";
    if ((rc = create_partner(w->net, "W", 8, NULL)) != 0 || (rc = km_partner_update(w->net, 6, &f, KM_PARTNER_F_PHONE)) != 0 ||
        (rc = km_partner_set_status(w->net, 7, KM_PARTNER_SUSPENDED, "dalam transaksi")) != 0 ||
        (rc = km_partner_set_status(w->net, 3, KM_PARTNER_ACTIVE, NULL)) != 0) {
        km_network_rollback(w->net);
        return rc;
    }
    return km_network_commit(w->net);
}

static int st_snapshot(world *w) { return km_network_snapshot(w->net); }

static int st_other_commits(world *w)
{
    int rc = km_network_refresh(w->other);
    if (rc == 0) rc = create_partner(w->other, "O", 1, NULL);
    if (rc == 0) rc = km_partner_set_status(w->other, 1, KM_PARTNER_SUSPENDED, "oleh penangan lain");
    return rc;
}

static int st_refresh(world *w) { return km_network_refresh(w->net); }
static int st_create_c(world *w) { return create_partner(w->net, "W", 10, NULL); }
static int st_sync(world *w) { return km_network_sync(w->net); }

static int st_verify(world *w)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    return km_network_verify(&r, w->net);
}

static int st_audit(world *w)
{
    km_audit *a = NULL;
    int rc = km_audit_list(&a, w->net, NULL);
    if (rc == 0 && km_audit_count(a) == 0) rc = KM_ERROR;
    km_audit_free(a);
    return rc;
}

static int st_close(world *w)
{
    km_network_close(w->net);
    w->net = NULL;
    return 0;
}

static const step steps[] = {
    { "open (snapshot + replay)", S_OPEN, st_open },
    { "create", S_COMMIT, st_create_a },
    { "create", S_COMMIT, st_create_b },
    { "update", S_COMMIT, st_update },
    { "suspend", S_COMMIT, st_suspend },
    { "archive", S_COMMIT, st_archive },
    { "transaction", S_COMMIT, st_transaction },
    { "snapshot", S_READ, st_snapshot },
    { "other handle commits", S_OTHER, st_other_commits },
    { "refresh", S_READ, st_refresh },
    { "create after refresh", S_COMMIT, st_create_c },
    { "sync", S_READ, st_sync },
    { "verify", S_READ, st_verify },
    { "audit", S_READ, st_audit },
    { "snapshot again", S_READ, st_snapshot },
    { "close", S_CLOSE, st_close },
};
#define N_STEPS (sizeof steps / sizeof steps[0])

/* Opens the store without the wrapper, on a handle of its own, and
 * returns its digest: the whole store, or (as_of_seq non-zero) its state
 * at that sequence. */
static void store_digest_at(world *w, uint64_t as_of_seq, char *out)
{
    km_network_options o = net_opts(NULL);
    km_storage *st = w->inner;
    km_network *net = NULL;
    int rc;
    o.as_of_seq = as_of_seq;
    if (w->file) assert_int_equal(km_storage_file_open(&st, path, NULL), 0);
    rc = km_network_open(&net, st, &o);
    if (rc) fail_msg("reopening the store: %d %s", rc, km_error_last_message(KM_LANG_EN));
    digest(net, out);
    if (!as_of_seq) expect_verified_storage(st, out);
    km_network_close(net);
    if (st != w->inner) km_storage_free(st);
}

static void store_digest(world *w, char *out) { store_digest_at(w, 0, out); }

/* A fresh store: five partners, a snapshot after the third. */
static void world_init(world *w, int file)
{
    km_network_options o = net_opts(NULL);
    km_network *seed = NULL;
    unsigned i;
    memset(w, 0, sizeof *w);
    w->file = file;
    remove_store(path);
    if (file) {
        assert_int_equal(km_storage_file_open(&w->inner, path, NULL), 0);
        assert_int_equal(km_storage_file_open(&w->other_st, path, NULL), 0);
    } else {
        assert_int_equal(km_storage_memory_new(&w->inner, NULL), 0);
        w->other_st = w->inner;
    }
    clock_now = T0;
    assert_int_equal(km_network_open(&seed, w->inner, &o), 0);
    for (i = 1; i <= 5; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        assert_int_equal(create_partner(seed, "W", i, NULL), 0);
        if (i == 3) assert_int_equal(km_network_snapshot(seed), 0);
    }
    digest(seed, w->ref_store);
    km_network_close(seed);
    assert_int_equal(km_network_open(&w->other, w->other_st, &o), 0);
}

static void world_free(world *w)
{
    km_network_close(w->net);
    km_network_close(w->other);
    if (w->other_st != w->inner) km_storage_free(w->other_st);
    km_storage_free(w->inner);
    w->net = NULL;
}

/* Runs the workload with the fail_at-th storage call failing (-1: none).
 * Returns the number of storage calls and puts the final digest in out. */
static long run_workload(world *w, long fail_at, char *out, int *swallowed)
{
    size_t i;
    long calls;
    faulty_init(&w->fw, w->inner, w->blob);
    w->fw.fail_at = fail_at;
    for (i = 0; i < N_STEPS; i++) {
        const step *s = &steps[i];
        long before = w->fw.injected;
        int rc;
        clock_now = T0 + (int64_t)(100 + i) * 1000000; /* the same time if the step is redone */
        rc = s->run(w);
        if (rc == 0) {
            if (w->fw.injected != before) {
                /* A fault the library may ignore: only close's sync, whose
                 * error close cannot report. */
                if (s->kind != S_CLOSE || w->fw.injected_method != M_SYNC)
                    fail_msg("step %zu (%s) succeeded although %s failed", i, s->name,
                             method_names[w->fw.injected_method]);
                ++*swallowed;
            }
            if (s->kind == S_OTHER) {
                digest(w->other, w->ref_store);
            } else if (w->net) {
                digest(w->net, w->ref_net);
                w->ref_seq = km_network_seq(w->net);
            }
            if (s->kind == S_COMMIT) strcpy(w->ref_store, w->ref_net);
            if (s->kind == S_OPEN) assert_string_equal(w->ref_net, w->ref_store);
            continue;
        }
        /* The step failed: only because of the injected fault, with the
         * backend's code, and nothing changed that was not committed. */
        if (w->fw.injected == before)
            fail_msg("step %zu (%s) failed with %d without an injected fault: %s", i, s->name, rc,
                     km_error_last_message(KM_LANG_EN));
        if (rc != KM_ESTORAGE)
            fail_msg("step %zu (%s), fault in %s: returned %d, expected KM_ESTORAGE", i, s->name,
                     method_names[w->fw.injected_method], rc);
        if (s->kind == S_OPEN) {
            assert_null(w->net);
        } else {
            char now[DIGEST_MAX];
            digest(w->net, now);
            if (s->run == st_refresh && strcmp(now, w->ref_net) != 0) {
                /* network.h: a refresh applies entries one at a time, each
                 * atomically; after an error the state is the log's prefix
                 * up to km_network_seq(), never half an entry. */
                char view[DIGEST_MAX];
                uint64_t seq = km_network_seq(w->net);
                assert_true(seq > w->ref_seq);
                store_digest_at(w, seq, view);
                if (strcmp(now, view) != 0)
                    fail_msg("step %zu (%s), fault in %s: stopped at %llu in a state that is not that prefix\n  got  %s\n  want %s",
                             i, s->name, method_names[w->fw.injected_method], (unsigned long long)seq, now, view);
                w->refresh_prefixes++;
            } else if (strcmp(now, w->ref_net) != 0) {
                fail_msg("step %zu (%s), fault in %s: state changed\n  got  %s\n  want %s", i, s->name,
                         method_names[w->fw.injected_method], now, w->ref_net);
            }
        }
        {
            char now[DIGEST_MAX];
            store_digest(w, now);
            if (strcmp(now, w->ref_store) != 0)
                fail_msg("step %zu (%s), fault in %s: the store holds\n  %s\n  expected\n  %s", i, s->name,
                         method_names[w->fw.injected_method], now, w->ref_store);
        }
        /* Redo the step with the fault gone: the handle is still usable. */
        i--;
    }
    calls = w->fw.calls;
    store_digest(w, out);
    return calls;
}

static void storage_fault_loop(int file, int blob)
{
    char reference[DIGEST_MAX], got[DIGEST_MAX];
    world w;
    long n, total, faults = 0;
    int swallowed = 0, m;
    faulty counts;
    int prefixes = 0;

    world_init(&w, file);
    w.blob = blob;
    total = run_workload(&w, -1, reference, &swallowed);
    world_free(&w);
    assert_true(total >= 15);
    assert_int_equal(swallowed, 0);
    memset(&counts, 0, sizeof counts);
    for (n = 1; n <= MAX_N; n++) {
        world_init(&w, file);
        w.blob = blob;
        memcpy(w.fw.per_method, counts.per_method, sizeof counts.per_method);
        run_workload(&w, n, got, &swallowed);
        memcpy(counts.per_method, w.fw.per_method, sizeof counts.per_method);
        prefixes += w.refresh_prefixes;
        world_free(&w);
        if (strcmp(got, reference) != 0) fail_msg("fault at call %ld: final state\n  %s\nexpected\n  %s", n, got, reference);
        if (w.fw.injected == 0) break;
        faults++;
    }
    assert_true(n <= MAX_N);
    assert_int_equal(faults, total);
    print_message("%s store%s: %ld storage calls, each failed once:", file ? "file" : "memory",
                  blob ? " (version 1 wrapper)" : "", total);
    for (m = 0; m < M__COUNT; m++) print_message(" %s %ld", method_names[m], counts.per_method[m]);
    print_message("; ignored by the library: %d; refreshes stopped after a prefix: %d\n", swallowed, prefixes);
    /* Every method the workload uses was failed at least once. */
    assert_true(counts.per_method[M_APPEND] > 0);
    assert_true(counts.per_method[M_SCAN] > 0);
    assert_true(counts.per_method[M_SCAN_RECORD] > 0);
    assert_true(counts.per_method[M_LAST_SEQ] > 0);
    if (blob) {
        assert_true(counts.per_method[M_SNAP_WRITE] > 0);
        assert_int_equal(counts.per_method[M_SNAP_BEGIN], 0);
    } else {
        /* Both stores stream: snapshot_write is never called. */
        assert_int_equal(counts.per_method[M_SNAP_WRITE], 0);
        assert_true(counts.per_method[M_SNAP_BEGIN] > 0);
        assert_true(counts.per_method[M_SNAP_APPEND] > 0);
        assert_true(counts.per_method[M_SNAP_END] > 0);
    }
    assert_true(counts.per_method[M_SNAP_READ] > 0);
    if (file) assert_true(counts.per_method[M_SYNC] > 0);
}

static void test_storage_faults_file(void **state)
{
    (void)state;
    storage_fault_loop(1, 0);
}

static void test_storage_faults_memory(void **state)
{
    (void)state;
    storage_fault_loop(0, 0);
}

static void test_storage_faults_file_blob(void **state)
{
    (void)state;
    storage_fault_loop(1, 1);
}

/* ---- out of memory ------------------------------------------------------------------------- */

/* A store of 30 entries: creates, updates and status changes; with a
 * snapshot after entry 20 when asked. ref gets the final digest. */
static void make_oom_store(int with_snapshot, char *ref)
{
    km_network_options o = net_opts(NULL);
    km_network *net = NULL;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    unsigned i;
    remove_store(path);
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    for (i = 1; i <= 30; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        if (i % 5 == 0) {
            f.name = i % 2 ? "Nama Baru Ganjil" : "Nama Baru Genap";
            assert_int_equal(km_partner_update(net, i / 5, &f, KM_PARTNER_F_NAME), 0);
        } else if (i % 7 == 0) {
            assert_int_equal(km_partner_set_status(net, i / 7, KM_PARTNER_SUSPENDED, "uji"), 0);
        } else {
            assert_int_equal(create_partner(net, "M", i, NULL), 0);
        }
        if (with_snapshot && i == 20) assert_int_equal(km_network_snapshot(net), 0);
    }
    digest(net, ref);
    km_network_close(net);
}

static void file_digest(char *out)
{
    km_network_options o = net_opts(NULL);
    km_network *net = NULL;
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
    digest(net, out);
    assert_int_equal(km_network_verify(&r, net), 0);
    km_network_close(net);
}

static void oom_open(int with_snapshot, int read_only)
{
    char ref[DIGEST_MAX], now[DIGEST_MAX];
    km_test_alloc ta;
    long n;
    size_t size0;
    make_oom_store(with_snapshot, ref);
    size0 = fsize(path);
    for (n = 1; n <= MAX_N; n++) {
        km_network_options o;
        km_network *net = NULL;
        long failed;
        int rc;
        km_test_alloc_init(&ta);
        o = net_opts(km_test_alloc_get(&ta));
        o.read_only = read_only;
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_open_file(&net, path, NULL, &o);
        failed = ta.failures;
        km_test_alloc_fail_at(&ta, -1); /* resets ta.failures */
        if (rc == 0) {
            assert_non_null(net);
            digest(net, now);
            assert_string_equal(now, ref);
            km_network_close(net);
            assert_int_equal(ta.live, 0);
            if (failed == 0) break;
            continue;
        }
        if (rc != KM_ENOMEM)
            fail_msg("open with allocation %ld failing: %d (%s), expected KM_ENOMEM", n, rc,
                     km_error_last_message(KM_LANG_EN));
        assert_true(failed > 0);
        assert_null(net);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
        assert_int_equal(fsize(path), size0);
    }
    assert_true(n > 1 && n <= MAX_N);
    print_message("open (%s, %s): %ld allocations\n", with_snapshot ? "snapshot" : "replay",
                  read_only ? "read-only" : "writable", n - 1);
    file_digest(now);
    assert_string_equal(now, ref);
    assert_int_equal(fsize(path), size0);
}

static void test_oom_open_replay(void **state)
{
    (void)state;
    oom_open(0, 0);
    oom_open(0, 1);
}

static void test_oom_open_snapshot(void **state)
{
    (void)state;
    oom_open(1, 0);
    oom_open(1, 1);
}

/* The handle under test (B, failing allocator) is opened on a store of a
 * few entries; another handle (A) then appends `extra` entries. */
static void stale_pair(km_test_alloc *ta, km_network **b, km_network **a, int retry, unsigned extra, char *ref_b,
                       char *ref_a)
{
    km_network_options o = net_opts(NULL);
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    unsigned i;
    remove_store(path);
    assert_int_equal(km_network_open_file(a, path, NULL, &o), 0);
    for (i = 1; i <= 4; i++) assert_int_equal(create_partner(*a, "S", i, NULL), 0);
    assert_int_equal(km_network_snapshot(*a), 0);
    o = net_opts(km_test_alloc_get(ta));
    o.retry_on_conflict = retry;
    assert_int_equal(km_network_open_file(b, path, NULL, &o), 0);
    digest(*b, ref_b);
    f.email = "baru@mitra.example.id";
    for (i = 1; i <= extra; i++) {
        clock_now += 1000000;
        if (i % 3 == 0) assert_int_equal(km_partner_update(*a, i / 3, &f, KM_PARTNER_F_EMAIL), 0);
        else assert_int_equal(create_partner(*a, "A", i, NULL), 0);
    }
    digest(*a, ref_a);
}

static void test_oom_refresh(void **state)
{
    char ref_b[DIGEST_MAX], ref_a[DIGEST_MAX], now[DIGEST_MAX];
    long n, prefixes = 0;
    (void)state;
    for (n = 1; n <= MAX_N; n++) {
        km_test_alloc ta;
        km_network *a = NULL, *b = NULL;
        size_t size0;
        long failed;
        int rc;
        km_test_alloc_init(&ta);
        clock_now = T0;
        stale_pair(&ta, &b, &a, 0, 12, ref_b, ref_a);
        size0 = fsize(path);
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_refresh(b);
        failed = ta.failures;
        km_test_alloc_fail_at(&ta, -1); /* resets ta.failures */
        if (rc != 0) {
            uint64_t seq = km_network_seq(b);
            if (rc != KM_ENOMEM)
                fail_msg("refresh with allocation %ld failing: %d (%s)", n, rc, km_error_last_message(KM_LANG_EN));
            /* network.h: entries are applied one at a time, each
             * atomically; after an error the state is the log's prefix up
             * to km_network_seq(), never half an entry. */
            digest(b, now);
            if (seq == 4) {
                if (strcmp(now, ref_b) != 0)
                    fail_msg("refresh with allocation %ld failing changed the state:\n  got  %s\n  want %s", n, now, ref_b);
            } else {
                km_network_options o = net_opts(NULL);
                km_network *view = NULL;
                char want[DIGEST_MAX];
                assert_true(seq > 4 && seq < 4 + 12);
                o.as_of_seq = seq;
                assert_int_equal(km_network_open_file(&view, path, NULL, &o), 0);
                digest(view, want);
                km_network_close(view);
                if (strcmp(now, want) != 0)
                    fail_msg("refresh with allocation %ld failing stopped at %llu in a state that is not that prefix:\n  got  %s\n  want %s",
                             n, (unsigned long long)seq, now, want);
                prefixes++;
            }
            assert_int_equal(km_network_refresh(b), 0);
        }
        digest(b, now);
        assert_string_equal(now, ref_a);
        km_network_close(b);
        km_network_close(a);
        assert_int_equal(ta.live, 0);
        assert_int_equal(fsize(path), size0);
        file_digest(now);
        assert_string_equal(now, ref_a);
        if (rc == 0 && failed == 0) break;
    }
    assert_true(n > 1 && n <= MAX_N);
    print_message("refresh of 12 entries: %ld allocations; %ld failures kept a prefix\n", n - 1, prefixes);
}

/* A commit on a stale handle reads the others' frames first (file store)
 * and, with retry_on_conflict, refreshes and retries: every allocation on
 * that path may fail, and must never cost the others' entries. */
static void oom_stale_commit(int retry)
{
    char ref_b[DIGEST_MAX], ref_a[DIGEST_MAX], now[DIGEST_MAX];
    long n;
    for (n = 1; n <= MAX_N; n++) {
        km_test_alloc ta;
        km_network *a = NULL, *b = NULL;
        size_t size0;
        long failed;
        int rc;
        km_test_alloc_init(&ta);
        clock_now = T0;
        stale_pair(&ta, &b, &a, retry, 5, ref_b, ref_a);
        size0 = fsize(path);
        km_test_alloc_fail_at(&ta, n);
        rc = create_partner(b, "B", 1, NULL);
        failed = ta.failures;
        km_test_alloc_fail_at(&ta, -1); /* resets ta.failures */
        if (rc == KM_ENOMEM) {
            /* Nothing of b's was stored, and nothing of a's was lost. */
            assert_int_equal(fsize(path), size0);
            file_digest(now);
            assert_string_equal(now, ref_a);
            if (!retry) {
                digest(b, now);
                assert_string_equal(now, ref_b);
            }
        } else if (rc == KM_ECONFLICT) {
            assert_false(retry);
            assert_int_equal(fsize(path), size0);
            digest(b, now);
            assert_string_equal(now, ref_b);
        } else if (rc != 0) {
            fail_msg("commit with allocation %ld failing: %d (%s)", n, rc, km_error_last_message(KM_LANG_EN));
        }
        if (rc != 0) {
            assert_int_equal(km_network_refresh(b), 0);
            assert_int_equal(create_partner(b, "B", 1, NULL), 0);
        }
        assert_int_equal(km_network_refresh(a), 0);
        digest(a, ref_a);
        digest(b, now);
        assert_string_equal(now, ref_a);
        km_network_close(b);
        km_network_close(a);
        assert_int_equal(ta.live, 0);
        file_digest(now);
        assert_string_equal(now, ref_a);
        if (rc != KM_ENOMEM && failed == 0) break;
    }
    assert_true(n > 1 && n <= MAX_N);
    print_message("commit on a stale handle (retry %d): %ld allocations\n", retry, n - 1);
}

static void test_oom_stale_commit(void **state)
{
    (void)state;
    oom_stale_commit(0);
    oom_stale_commit(1);
}

/* A commit, a transaction and a snapshot on an up-to-date file handle. */
static void test_oom_commit(void **state)
{
    char ref[DIGEST_MAX], now[DIGEST_MAX];
    long n;
    (void)state;
    for (n = 1; n <= MAX_N; n++) {
        km_test_alloc ta;
        km_network_options o;
        km_network *net = NULL;
        size_t size0;
        long failed;
        int rc, stage = 0;
        km_test_alloc_init(&ta);
        o = net_opts(km_test_alloc_get(&ta));
        make_oom_store(0, ref);
        size0 = fsize(path);
        assert_int_equal(km_network_open_file(&net, path, NULL, &o), 0);
        clock_now = T0 + 1000 * INT64_C(1000000);
        km_test_alloc_fail_at(&ta, n);
        rc = create_partner(net, "C", 1, NULL);
        if (rc == 0) {
            stage = 1;
            rc = km_network_begin(net);
            if (rc == 0) rc = create_partner(net, "C", 2, NULL);
            if (rc == 0) rc = km_partner_set_status(net, 1, KM_PARTNER_ARCHIVED, "ditutup");
            if (rc == 0) rc = km_network_commit(net);
            else km_network_rollback(net);
        }
        if (rc == 0) {
            stage = 2;
            rc = km_network_snapshot(net);
        }
        failed = ta.failures;
        km_test_alloc_fail_at(&ta, -1); /* resets ta.failures */
        if (rc != 0 && rc != KM_ENOMEM)
            fail_msg("stage %d with allocation %ld failing: %d (%s)", stage, n, rc, km_error_last_message(KM_LANG_EN));
        digest(net, now);
        km_network_close(net);
        assert_int_equal(ta.live, 0);
        /* The store holds what the handle holds: the stages that succeeded. */
        file_digest(ref);
        assert_string_equal(now, ref);
        if (stage == 0 && rc) assert_int_equal(fsize(path), size0);
        if (rc == 0 && failed == 0) break;
    }
    assert_true(n > 1 && n <= MAX_N);
    print_message("commit, transaction, snapshot: %ld allocations\n", n - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_storage_faults_file, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_storage_faults_memory, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_storage_faults_file_blob, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_oom_open_replay, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_oom_open_snapshot, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_oom_refresh, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_oom_stale_commit, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_oom_commit, test_setup, test_teardown),
    };
    return cmocka_run_group_tests_name("faults", tests, group_setup, group_teardown);
}
