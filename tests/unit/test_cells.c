/* Unit tests for cells (src/network/cells.c): a partner's or an
 * agreement's record at an address computed from its id, so that a lookup
 * by id is one cache miss. The handle is the record, so a test can see
 * where it lives (partner_internal.h, agreement_internal.h). Partners: created and snapshot-loaded records that fit are in
 * their cells, each page on a cache line, its cells `stride` apart, the
 * stride following the records' sizes (short cells for short records,
 * long ones for long records, none past KM__CELLS_MAX); records that do
 * not fit live elsewhere and are still found; an edit builds the new
 * version in the cell unless a handle holds the old one (then it lives
 * elsewhere), also when replayed and under refused allocations; an
 * update, its undo, a creation taken back (with and without a handle
 * still held on it, and after edits of it) and a refused page allocation
 * each leave every lookup answering the current version, and handles in
 * cells outlive the network. Agreements: the same for creation, edits, amendments (versions
 * outside the cells), listings, a creation taken back, and a snapshot's
 * two-thread load. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "network/internal.h" /* net->partners, and partner_internal.h */
#include "support/failalloc.h"
#include "support/files.h"

#define IN_CELL (KM__CELL_PLACED | KM__CELL_CURRENT)

static uint64_t add(km_network *net, uint64_t i, const char *website)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    const char *sectors[2] = { "health", "education" };
    char name[32], ext[32];
    uint64_t id = 0;
    snprintf(name, sizeof name, "Mitra %llu", (unsigned long long)i);
    snprintf(ext, sizeof ext, "ID-NIB-%llu", (unsigned long long)i);
    f.name = name;
    f.external_id = ext;
    f.kind = KM_PARTNER_NGO;
    f.region = "32.73";
    f.website = website;
    f.sectors = sectors;
    f.sectors_count = 2;
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    return id;
}

/* make(net, i) for i = 1..n, a thousand to a transaction; each returns
 * the id it made, which must be i. */
static void in_batches(km_network *net, uint64_t n, uint64_t (*make)(km_network *, uint64_t))
{
    uint64_t i;
    for (i = 1; i <= n; i++) {
        if (i % 1000 == 1) assert_int_equal(km_network_begin(net), 0);
        assert_int_equal(make(net, i), i);
        if (i % 1000 == 0 || i == n) assert_int_equal(km_network_commit(net), 0);
    }
}

static uint64_t add_short(km_network *net, uint64_t i) { return add(net, i, NULL); }

/* Partners 1..n. */
static void add_many(km_network *net, uint64_t n) { in_batches(net, n, add_short); }

/* "https://" then n times c then ".example.id" in out (n + 20 bytes). */
static const char *long_url(char *out, size_t n, char c)
{
    memcpy(out, "https://", 8);
    memset(out + 8, c, n);
    memcpy(out + 8 + n, ".example.id", 12);
    return out;
}

static km_partner *get(km_network *net, uint64_t id)
{
    km_partner *p = NULL;
    assert_int_equal(km_partner_get(&p, net, id), 0);
    return p;
}

static void check_name(const km_partner *p, uint64_t i)
{
    char name[32];
    snprintf(name, sizeof name, "Mitra %llu", (unsigned long long)i);
    assert_string_equal(km_partner_name(p), name);
}

/* The stride of partner id's page (0: no page). */
static size_t stride_of(km_network *net, uint64_t id) { return km__cells_stride(&net->partners.cells, id); }

/* Record id (rec; prev: record id - 1's, or NULL) sits in its cell of c:
 * its page is made, with a stride that is a multiple of the grain, at
 * most KM__CELLS_MAX; the page's first cell is on a cache line and each
 * next id's a stride on. */
static void check_placement(const km__cells *c, uint64_t id, const void *rec, const void *prev)
{
    size_t pg = (size_t)((id - 1) / KM__CELLS_PER_PAGE);
    assert_true(pg < c->n_pages && c->pages[pg].blk != NULL);
    assert_ptr_equal(km__cells_at(c, id), rec);
    assert_int_equal(c->pages[pg].stride % KM__CELLS_GRAIN, 0);
    assert_true(c->pages[pg].stride <= KM__CELLS_MAX);
    if ((id - 1) % KM__CELLS_PER_PAGE == 0)
        assert_int_equal((uintptr_t)rec % 64, 0);
    else
        assert_int_equal((const char *)rec - (const char *)prev, (ptrdiff_t)c->pages[pg].stride);
}

/* Every partner 1..n is in its cell (check_placement), flagged, found by
 * the lookup's fast path, the stride holding its website. */
static void check_cells(km_network *net, uint64_t n)
{
    uint64_t id;
    km_partner *prev = NULL;
    for (id = 1; id <= n; id++) {
        km_partner *p = get(net, id);
        check_placement(&net->partners.cells, id, p, prev);
        assert_int_equal(p->cell, IN_CELL);
        assert_ptr_equal(km__cells_current(&net->partners.cells, id), p); /* the lookup's fast path */
        assert_true(km_partner_website(p) == NULL || strlen(km_partner_website(p)) < stride_of(net, id));
        check_name(p, id);
        km_partner_free(prev);
        prev = p;
    }
    km_partner_free(prev);
}

static void test_created_partners_live_in_cells(void **state)
{
    km_network *net;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_many(net, 2 * KM__CELLS_PER_PAGE + 5); /* three pages */
    check_cells(net, 2 * KM__CELLS_PER_PAGE + 5);
    km_network_close(net);
}

static void test_large_record_lives_elsewhere(void **state)
{
    km_network *net;
    char site[200];
    km_partner *p;
    (void)state;
    long_url(site, 150, 'a');
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    assert_int_equal(add(net, 1, NULL), 1);
    assert_int_equal(add(net, 2, site), 2); /* longer than the cells partner 1 set */
    assert_int_equal(add(net, 3, NULL), 3);
    p = get(net, 2);
    assert_int_equal(p->cell, 0);
    assert_null(km__cells_current(&net->partners.cells, 2));
    assert_string_equal(km_partner_website(p), site);
    check_name(p, 2);
    km_partner_free(p);
    p = get(net, 3);
    assert_int_equal(p->cell, IN_CELL);
    km_partner_free(p);
    km_network_close(net);
}

/* A registry of long records gets long cells, one of short records short
 * ones (the benchmark's: 192 bytes or less), and records past
 * KM__CELLS_MAX none. */
static void test_strides_follow_the_records(void **state)
{
    km_network *net;
    char site[1200];
    uint64_t i;
    km_partner *p;
    (void)state;
    /* Records of 289 to 295 bytes: all in one grain, so the second page's
     * stride (from the sizes seen) holds those of ids past 1,000 too. */
    long_url(site, 190, 'b');
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    assert_int_equal(km_network_begin(net), 0);
    for (i = 1; i <= 2 * KM__CELLS_PER_PAGE; i++) assert_int_equal(add(net, i, site), i);
    assert_int_equal(km_network_commit(net), 0);
    check_cells(net, 2 * KM__CELLS_PER_PAGE);
    assert_in_range(stride_of(net, 1), 289 + KM__CELLS_ROOM, 295 + KM__CELLS_GRAIN + KM__CELLS_ROOM);
    /* The first page's stride is its first record's size and
     * KM__CELLS_ROOM bytes of room; the second's is what 15 in 16 records
     * need, no more. */
    assert_int_equal(stride_of(net, KM__CELLS_PER_PAGE + 1) + KM__CELLS_ROOM, stride_of(net, 1));
    km_network_close(net);

    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_many(net, 2 * KM__CELLS_PER_PAGE);
    check_cells(net, 2 * KM__CELLS_PER_PAGE);
    assert_in_range(stride_of(net, KM__CELLS_PER_PAGE + 1), 96, 192);
    km_network_close(net);

    long_url(site, 1000, 'c');
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    assert_int_equal(km_network_begin(net), 0);
    for (i = 1; i <= 100; i++) assert_int_equal(add(net, i, site), i);
    assert_int_equal(km_network_commit(net), 0);
    for (i = 1; i <= 100; i++) {
        p = get(net, i);
        assert_int_equal(p->cell, 0);
        assert_null(km__cells_current(&net->partners.cells, i));
        assert_string_equal(km_partner_website(p), site);
        km_partner_free(p);
    }
    assert_int_equal(stride_of(net, 1), 0);
    km_network_close(net);
}

static void test_update_and_its_undo(void **state)
{
    km_network *net;
    km_partner *old, *p;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_many(net, 3);
    old = get(net, 2);
    assert_int_equal(old->cell, IN_CELL);

    /* Taken back: the cell answers again, the same record. */
    f.name = "Nama Baru";
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_partner_update(net, 2, &f, KM_PARTNER_F_NAME), 0);
    p = get(net, 2);
    assert_ptr_not_equal(p, old);
    assert_string_equal(km_partner_name(p), "Nama Baru");
    assert_int_equal(old->cell, KM__CELL_PLACED);
    km_partner_free(p);
    assert_int_equal(km_network_rollback(net), 0);
    p = get(net, 2);
    assert_ptr_equal(p, old);
    assert_int_equal(old->cell, IN_CELL);
    km_partner_free(p);

    /* Committed: the new version, outside the cell; the old handle keeps
     * the old record, still in its cell but no longer current. */
    assert_int_equal(km_partner_update(net, 2, &f, KM_PARTNER_F_NAME), 0);
    p = get(net, 2);
    assert_ptr_not_equal(p, old);
    assert_int_equal(p->cell, 0);
    assert_null(km__cells_current(&net->partners.cells, 2));
    assert_string_equal(km_partner_name(p), "Nama Baru");
    assert_int_equal(old->cell, KM__CELL_PLACED);
    check_name(old, 2);
    km_partner_free(p);
    km_partner_free(old);
    p = get(net, 3);
    assert_int_equal(p->cell, IN_CELL);
    km_partner_free(p);
    km_network_close(net);
}

/* Options whose allocator is ta, set up to refuse nothing yet. */
static km_network_options failing_options(km_test_alloc *ta)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_test_alloc_init(ta);
    o.allocator = km_test_alloc_get(ta);
    return o;
}

/* Partner id's current version: in its cell, found there by the lookup's
 * fast path and by its external id, named `name`. */
static void check_edited_in_cell(km_network *net, uint64_t id, const char *name, const char *ext)
{
    km_partner *p = get(net, id), *q = NULL;
    assert_int_equal(p->cell, IN_CELL);
    assert_ptr_equal(km__cells_at(&net->partners.cells, id), p);
    assert_ptr_equal(km__cells_current(&net->partners.cells, id), p);
    assert_string_equal(km_partner_name(p), name);
    assert_string_equal(km_partner_region(p), "32.73"); /* the strings an edit kept */
    assert_int_equal(km_partner_sector_count(p), 2);
    assert_string_equal(km_partner_sector(p, 0), "health");
    assert_string_equal(km_partner_sector(p, 1), "education");
    assert_int_equal(km_partner_get_by_external_id(&q, net, ext), 0);
    assert_ptr_equal(q, p);
    /* One external-id slot per partner: none left pointing into the cell. */
    assert_int_equal(km__idmap_count(&net->partners.by_ext), net->partners.n);
    km_partner_free(q);
    km_partner_free(p);
}

static void rename_partner(km_network *net, uint64_t id, const char *name)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    f.name = name;
    assert_int_equal(km_partner_update(net, id, &f, KM_PARTNER_F_NAME), 0);
}

/* Partners named `name` (a listing by the name index). */
static uint64_t count_named(km_network *net, const char *name)
{
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    uint64_t n = 0;
    q.name_contains = name;
    assert_int_equal(km_partner_count(&n, net, &q), 0);
    return n;
}

/* With no handle on the current version, an edit moves it to a copy of its
 * own (the undo step's) and builds the new version in the cell: an edited
 * partner is still read in one miss. Rolled back, the copy is current
 * (outside the cell, which is free again for the next edit); a creation
 * edited and taken back in one transaction leaves nothing; edits replayed
 * from the log end in the cells too. */
static void test_edits_keep_the_cell(void **state)
{
    km_storage *store;
    km_network *net;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    km_partner *p;
    uint64_t n = 0;
    (void)state;
    assert_int_equal(km_storage_memory_new(&store, NULL), 0);
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    add_many(net, 3);

    rename_partner(net, 2, "Nama Baru");
    check_edited_in_cell(net, 2, "Nama Baru", "ID-NIB-2");
    assert_int_equal(count_named(net, "Nama Baru"), 1);
    assert_int_equal(count_named(net, "Mitra 2"), 0);

    /* A new external id, taken back: the copy answers, by both ids. */
    f.external_id = "ID-NIB-2b";
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_partner_update(net, 2, &f, KM_PARTNER_F_EXTERNAL_ID), 0);
    check_edited_in_cell(net, 2, "Nama Baru", "ID-NIB-2b");
    assert_int_equal(km_partner_get_by_external_id(&p, net, "ID-NIB-2"), KM_ENOTFOUND);
    assert_int_equal(km_network_rollback(net), 0);
    p = get(net, 2);
    assert_int_equal(p->cell, 0);
    assert_null(km__cells_current(&net->partners.cells, 2));
    assert_string_equal(km_partner_name(p), "Nama Baru");
    assert_string_equal(km_partner_external_id(p), "ID-NIB-2");
    assert_int_equal(p->version, 2);
    km_partner_free(p);
    assert_int_equal(km_partner_get_by_external_id(&p, net, "ID-NIB-2b"), KM_ENOTFOUND);
    assert_int_equal(count_named(net, "Nama Baru"), 1);

    /* The cell was freed by the rollback: the next edit takes it. */
    assert_int_equal(km_partner_set_status(net, 2, KM_PARTNER_SUSPENDED, "audit"), 0);
    check_edited_in_cell(net, 2, "Nama Baru", "ID-NIB-2");
    p = get(net, 2);
    assert_int_equal(km_partner_status_of(p), KM_PARTNER_SUSPENDED);
    assert_int_equal(p->version, 3);
    km_partner_free(p);

    /* Created, edited twice and taken back in one transaction. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add(net, 40, NULL), 4);
    rename_partner(net, 4, "Sementara");
    rename_partner(net, 4, "Sementara Lagi");
    check_edited_in_cell(net, 4, "Sementara Lagi", "ID-NIB-40");
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(km_partner_get(&p, net, 4), KM_ENOTFOUND);
    assert_int_equal(km_partner_get_by_external_id(&p, net, "ID-NIB-40"), KM_ENOTFOUND);
    assert_int_equal(km_partner_count(&n, net, NULL), 0);
    assert_int_equal(n, 3);
    assert_int_equal(count_named(net, "Sementara"), 0);
    assert_int_equal(add(net, 4, NULL), 4);
    check_edited_in_cell(net, 4, "Mitra 4", "ID-NIB-4");

    /* The same, committed. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add(net, 5, NULL), 5);
    rename_partner(net, 5, "Lima");
    rename_partner(net, 5, "Lima Lagi");
    assert_int_equal(km_network_commit(net), 0);
    check_edited_in_cell(net, 5, "Lima Lagi", "ID-NIB-5");
    km_network_close(net);

    /* Replayed: every edit above again, each current version in its cell. */
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    check_edited_in_cell(net, 2, "Nama Baru", "ID-NIB-2");
    check_edited_in_cell(net, 4, "Mitra 4", "ID-NIB-4");
    check_edited_in_cell(net, 5, "Lima Lagi", "ID-NIB-5");
    assert_int_equal(count_named(net, "Lima Lagi"), 1);
    km_network_close(net);
    km_storage_free(store);
}

/* Every allocation of an edit refused in turn (and all after it), the
 * copy's included: the edit fails with KM_ENOMEM and the partner reads as
 * before, or succeeds with the new version in its cell; nothing leaks. */
static void test_edit_out_of_memory(void **state)
{
    km_test_alloc ta;
    km_network_options o = failing_options(&ta);
    km_network *net;
    long n;
    (void)state;
    for (n = 1;; n++) {
        km_partner *p;
        long refused;
        int rc;
        assert_int_equal(km_network_open(&net, NULL, &o), 0);
        add_many(net, 3);
        km_test_alloc_fail_at(&ta, n);
        {
            km_partner_fields f = KM_PARTNER_FIELDS_INIT;
            f.name = "Nama Baru";
            rc = km_partner_update(net, 2, &f, KM_PARTNER_F_NAME);
        }
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc != 0) {
            assert_int_equal(rc, KM_ENOMEM);
            p = get(net, 2);
            check_name(p, 2);
            assert_int_equal(p->version, 1);
            km_partner_free(p);
            assert_int_equal(count_named(net, "Mitra 2"), 1);
        } else {
            check_edited_in_cell(net, 2, "Nama Baru", "ID-NIB-2");
        }
        km_network_close(net);
        assert_int_equal(ta.live, 0);
        if (rc == 0 && refused == 0) break;
    }
}

static void test_creation_taken_back(void **state)
{
    km_network *net;
    km_partner *held, *p;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_many(net, 2);

    /* Nothing holds the record taken back: partner 3 takes the cell again. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add(net, 30, NULL), 3);
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(km_partner_get(&p, net, 3), KM_ENOTFOUND);
    assert_int_equal(add(net, 3, NULL), 3);
    p = get(net, 3);
    assert_int_equal(p->cell, IN_CELL);
    check_name(p, 3);
    km_partner_free(p);

    /* A handle read inside the transaction keeps the record taken back:
     * the next partner 4 must not overwrite it. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add(net, 40, NULL), 4);
    held = get(net, 4);
    assert_int_equal(held->cell, IN_CELL);
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(held->cell, KM__CELL_PLACED);
    assert_int_equal(add(net, 4, NULL), 4);
    p = get(net, 4);
    assert_ptr_not_equal(p, held);
    assert_int_equal(p->cell, 0);
    check_name(p, 4);
    check_name(held, 40);
    km_partner_free(p);
    km_partner_free(held);
    km_network_close(net);
}

static void test_handles_outlive_the_network(void **state)
{
    km_network *net;
    km_partner *p;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_many(net, KM__CELLS_PER_PAGE + 1);
    p = get(net, KM__CELLS_PER_PAGE + 1);
    assert_int_equal(p->cell, IN_CELL);
    km_network_close(net);
    check_name(p, KM__CELLS_PER_PAGE + 1); /* ASan: the page is still there */
    km_partner_free(p);
}

/* From a snapshot (12,000 partners: the partner section loads on a thread
 * of its own) and by replaying the log, every record lands in its cell. */
static void test_reopened_records_in_cells(void **state)
{
    char path[4096];
    km_network *net;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    (void)state;
    store_path(path, sizeof path, "kmtest-pcell");
    remove_store(path);
    fo.sync = KM_SYNC_OFF;
    assert_int_equal(km_network_open_file(&net, path, &fo, NULL), 0);
    add_many(net, 12000);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);

    assert_int_equal(km_network_open_file(&net, path, &fo, NULL), 0);
    check_cells(net, 12000);
    km_network_close(net);

    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&net, path, &fo, &o), 0);
    check_cells(net, 12000);
    km_network_close(net);
    remove_store(path);
}

/* Every allocation of a creation refused in turn (and all after it), the
 * page's included: the creation fails with KM_ENOMEM and nothing changed,
 * or succeeds with the record in its cell; nothing leaks. */
static void test_out_of_memory(void **state)
{
    km_test_alloc ta;
    km_network_options o = failing_options(&ta);
    km_network *net;
    long n;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, &o), 0);
    for (n = 1;; n++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        km_partner *p;
        uint64_t id = 0, count = 0;
        long refused;
        int rc;
        f.name = "Mitra OOM";
        f.external_id = "ID-NIB-1";
        km_test_alloc_fail_at(&ta, n);
        rc = km_partner_create(&id, net, &f);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        assert_int_equal(km_partner_count(&count, net, NULL), 0);
        if (rc != 0) {
            assert_int_equal(rc, KM_ENOMEM);
            assert_int_equal(count, 0);
            assert_int_equal(km_partner_get(&p, net, 1), KM_ENOTFOUND);
            continue;
        }
        assert_int_equal(id, 1);
        assert_int_equal(count, 1);
        p = get(net, 1);
        assert_string_equal(km_partner_name(p), "Mitra OOM");
        assert_int_equal(p->cell, IN_CELL);
        km_partner_free(p);
        if (refused == 0) break;
        /* Start over from an empty registry for the next fault. */
        km_network_close(net);
        assert_int_equal(ta.live, 0);
        assert_int_equal(km_network_open(&net, NULL, &o), 0);
    }
    km_network_close(net);
    assert_int_equal(ta.live, 0);
}

/* ---- agreements ---- */

/* Agreement "WL-<i>" between partners 1 and 2, titled title (NULL: its
 * reference). */
static uint64_t add_titled(km_network *net, uint64_t i, const char *title)
{
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    uint64_t parties[2] = { 1, 2 }, id = 0;
    uint32_t roles[2] = { KM_ROLE_FUNDING, KM_ROLE_IMPLEMENTING };
    char ref[32];
    snprintf(ref, sizeof ref, "WL-%llu", (unsigned long long)i);
    f.title = title ? title : ref;
    f.reference = ref;
    f.type = KM_AGREEMENT_MOU;
    f.start_date = "2026-01-05";
    f.value = 150000000; /* IDR 1,500,000.00 */
    f.currency = "IDR";
    f.party_ids = parties;
    f.party_roles = roles;
    f.parties_count = 2;
    assert_int_equal(km_agreement_create(&id, net, &f), 0);
    return id;
}

static uint64_t add_agreement(km_network *net, uint64_t i) { return add_titled(net, i, NULL); }

/* Agreement i titled "Perjanjian <i>" to five digits: records whose size
 * stays within one grain from "WL-1" to "WL-99999" (a title as long as
 * the reference would cross from 96 to 98 bytes at "WL-10000", and the
 * records past the strides chosen from the shorter ones would live on
 * their own). */
static uint64_t add_padded(km_network *net, uint64_t i)
{
    char title[32];
    snprintf(title, sizeof title, "Perjanjian %05llu", (unsigned long long)i);
    return add_titled(net, i, title);
}

/* Partners 1 and 2, then agreements 1..n between them. */
static void add_agreements(km_network *net, uint64_t n)
{
    add_many(net, 2);
    in_batches(net, n, add_agreement);
}

static km_agreement *get_agreement(km_network *net, uint64_t id)
{
    km_agreement *a = NULL;
    assert_int_equal(km_agreement_get(&a, net, id), 0);
    return a;
}

static void check_reference(const km_agreement *a, uint64_t i)
{
    char ref[32];
    snprintf(ref, sizeof ref, "WL-%llu", (unsigned long long)i);
    assert_string_equal(km_agreement_reference(a), ref);
}

/* Every agreement 1..n is in its cell (check_placement), flagged, found
 * there by the lookup. */
static void check_agreement_cells(km_network *net, uint64_t n)
{
    uint64_t id;
    km_agreement *prev = NULL;
    for (id = 1; id <= n; id++) {
        km_agreement *a = get_agreement(net, id);
        check_placement(&net->agreements.cells, id, a, prev);
        assert_int_equal(a->cell, IN_CELL);
        assert_ptr_equal(km__agreement_current(&net->agreements, id), a);
        check_reference(a, id);
        km_agreement_free(prev);
        prev = a;
    }
    km_agreement_free(prev);
}

static void test_agreements_live_in_cells(void **state)
{
    km_network *net;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_agreements(net, 2 * KM__CELLS_PER_PAGE + 5);
    check_agreement_cells(net, 2 * KM__CELLS_PER_PAGE + 5);
    km_network_close(net);
}

/* With a handle held on the current version, an edit moves the agreement
 * out of its cell; taking the edit back moves it in again; a listing of a
 * party returns the current versions either way. */
static void test_agreement_versions(void **state)
{
    km_network *net;
    km_agreement *old, *a;
    km_agreement_page *page;
    km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_agreements(net, 3);
    old = get_agreement(net, 2);
    assert_int_equal(old->cell, IN_CELL);

    f.title = "Judul Baru";
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_agreement_update(net, 2, &f, KM_AGREEMENT_F_TITLE), 0);
    a = get_agreement(net, 2);
    assert_ptr_not_equal(a, old);
    assert_int_equal(a->cell, 0);
    assert_int_equal(old->cell, KM__CELL_PLACED);
    km_agreement_free(a);
    assert_int_equal(km_network_rollback(net), 0);
    a = get_agreement(net, 2);
    assert_ptr_equal(a, old);
    assert_int_equal(old->cell, IN_CELL);
    km_agreement_free(a);

    assert_int_equal(km_agreement_update(net, 2, &f, KM_AGREEMENT_F_TITLE), 0);
    q.party = 1;
    assert_int_equal(km_agreement_list(&page, net, &q), 0);
    assert_int_equal(km_agreement_page_count(page), 3);
    assert_string_equal(km_agreement_title(km_agreement_page_get(page, 1)), "Judul Baru");
    assert_ptr_equal(km_agreement_page_get(page, 0), km__cells_at(&net->agreements.cells, 1));
    assert_ptr_not_equal(km_agreement_page_get(page, 1), old);
    km_agreement_page_free(page);
    assert_int_equal(old->cell, KM__CELL_PLACED);
    check_reference(old, 2);
    km_agreement_free(old);
    km_network_close(net);
}

/* Agreement id's current version: in its cell, found there by id and by
 * reference, titled `title`, at `version`. */
static void check_agreement_in_cell(km_network *net, uint64_t id, const char *title, uint32_t version)
{
    km_agreement *a = get_agreement(net, id), *b = NULL;
    char ref[32];
    assert_int_equal(a->cell, IN_CELL);
    assert_ptr_equal(km__cells_at(&net->agreements.cells, id), a);
    assert_ptr_equal(km__agreement_current(&net->agreements, id), a);
    assert_string_equal(km_agreement_title(a), title);
    assert_int_equal(km_agreement_version(a), version);
    assert_string_equal(km_agreement_start_date(a), "2026-01-05"); /* fields an edit kept */
    assert_int_equal(km_agreement_party_count(a), 2);
    assert_string_equal(km_agreement_currency(a), "IDR");
    assert_int_equal(km_agreement_value(a), 150000000);
    snprintf(ref, sizeof ref, "WL-%llu", (unsigned long long)id);
    assert_int_equal(km_agreement_get_by_reference(&b, net, ref), 0);
    assert_ptr_equal(b, a);
    assert_int_equal(km__idmap_count(&net->agreements.by_ref), net->agreements.n);
    km_agreement_free(b);
    km_agreement_free(a);
}

static void retitle(km_network *net, uint64_t id, const char *title)
{
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    f.title = title;
    assert_int_equal(km_agreement_update(net, id, &f, KM_AGREEMENT_F_TITLE), 0);
}

/* With no handle on the current version, edits, status changes and
 * amendments build the new version in the cell (the old one copied out:
 * to the undo step, or to the history); taken back, the copy is current
 * and the cell free for the next change; a creation edited and taken back
 * leaves nothing; replayed, the same. */
static void test_agreement_edits_keep_the_cell(void **state)
{
    km_storage *store;
    km_network *net;
    km_agreement *a;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    (void)state;
    assert_int_equal(km_storage_memory_new(&store, NULL), 0);
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    add_agreements(net, 3);
    assert_int_equal(km_network_set_actor(net, "admin:uji"), 0); /* signs for both parties */

    retitle(net, 2, "Judul Baru");
    check_agreement_in_cell(net, 2, "Judul Baru", 1);

    /* A new reference, taken back: the copy answers, by both keys. */
    f.reference = "WL-2b";
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_agreement_update(net, 2, &f, KM_AGREEMENT_F_REFERENCE), 0);
    assert_int_equal(km_agreement_get_by_reference(&a, net, "WL-2"), KM_ENOTFOUND);
    assert_int_equal(km_network_rollback(net), 0);
    a = get_agreement(net, 2);
    assert_int_equal(a->cell, 0);
    assert_ptr_equal(km__agreement_current(&net->agreements, 2), a); /* the slot's record */
    assert_null(km__cells_current(&net->agreements.cells, 2));
    assert_string_equal(km_agreement_title(a), "Judul Baru");
    check_reference(a, 2);
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_by_reference(&a, net, "WL-2b"), KM_ENOTFOUND);

    /* The cell was freed by the rollback: the lifecycle takes it again. */
    assert_int_equal(km_agreement_propose(net, 2, NULL), 0);
    check_agreement_in_cell(net, 2, "Judul Baru", 1);
    assert_int_equal(km_agreement_sign(net, 2, 1), 0);
    assert_int_equal(km_agreement_sign(net, 2, 2), 0);
    a = get_agreement(net, 2);
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_SIGNED);
    km_agreement_free(a);
    check_agreement_in_cell(net, 2, "Judul Baru", 1);
    f.reference = NULL;
    f.title = "Versi Dua";
    assert_int_equal(km_agreement_amend(net, 2, &f, KM_AGREEMENT_F_TITLE, "judul diperbaiki"), 0);
    check_agreement_in_cell(net, 2, "Versi Dua", 2);
    assert_int_equal(km_agreement_get_version(&a, net, 2, 1), 0);
    assert_int_equal(a->cell, 0);
    assert_string_equal(km_agreement_title(a), "Judul Baru");
    assert_int_equal(km_agreement_status_of(a), KM_AGREEMENT_SIGNED);
    km_agreement_free(a);

    /* Created, edited twice and taken back in one transaction. */
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add_agreement(net, 40), 4);
    retitle(net, 4, "Sementara");
    retitle(net, 4, "Sementara Lagi");
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(km_agreement_get(&a, net, 4), KM_ENOTFOUND);
    assert_int_equal(km_agreement_get_by_reference(&a, net, "WL-40"), KM_ENOTFOUND);
    assert_int_equal(add_agreement(net, 4), 4);
    check_agreement_in_cell(net, 4, "WL-4", 1);
    km_network_close(net);

    /* Replayed: each current version in its cell, the history outside. */
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    check_agreement_in_cell(net, 2, "Versi Dua", 2);
    check_agreement_in_cell(net, 4, "WL-4", 1);
    assert_int_equal(km_agreement_get_version(&a, net, 2, 1), 0);
    assert_string_equal(km_agreement_title(a), "Judul Baru");
    km_agreement_free(a);
    km_network_close(net);
    km_storage_free(store);
}

/* Every allocation of an agreement's edit refused in turn: it fails with
 * KM_ENOMEM and the agreement reads as before, or succeeds in the cell;
 * nothing leaks. */
static void test_agreement_edit_out_of_memory(void **state)
{
    km_test_alloc ta;
    km_network_options o = failing_options(&ta);
    km_network *net;
    long n, refused;
    int rc;
    (void)state;
    for (n = 1;; n++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        km_agreement *a;
        assert_int_equal(km_network_open(&net, NULL, &o), 0);
        add_agreements(net, 3);
        f.title = "Judul Baru";
        km_test_alloc_fail_at(&ta, n);
        rc = km_agreement_update(net, 2, &f, KM_AGREEMENT_F_TITLE);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc != 0) {
            assert_int_equal(rc, KM_ENOMEM);
            a = get_agreement(net, 2);
            check_reference(a, 2);
            assert_string_equal(km_agreement_title(a), "WL-2");
            km_agreement_free(a);
        } else {
            check_agreement_in_cell(net, 2, "Judul Baru", 1);
        }
        km_network_close(net);
        assert_int_equal(ta.live, 0);
        if (rc == 0 && refused == 0) break;
    }
}

/* A handle read inside a transaction keeps the agreement taken back: the
 * next agreement with that id does not overwrite it. */
static void test_agreement_creation_taken_back(void **state)
{
    km_network *net;
    km_agreement *held, *a;
    (void)state;
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    add_agreements(net, 1);
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(add_agreement(net, 20), 2);
    held = get_agreement(net, 2);
    assert_int_equal(held->cell, IN_CELL);
    assert_int_equal(km_network_rollback(net), 0);
    assert_int_equal(held->cell, KM__CELL_PLACED);
    assert_int_equal(add_agreement(net, 2), 2);
    a = get_agreement(net, 2);
    assert_ptr_not_equal(a, held);
    assert_int_equal(a->cell, 0);
    check_reference(a, 2);
    check_reference(held, 20);
    km_agreement_free(a);
    km_agreement_free(held);
    km_network_close(net);
}

/* From a snapshot of 12,000 agreements (three chunks: two threads) and by
 * replaying the log, every current version lands in its cell. */
static void test_reopened_agreements_in_cells(void **state)
{
    char path[4096];
    km_network *net;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    km_agreement *a;
    (void)state;
    store_path(path, sizeof path, "kmtest-acell");
    remove_store(path);
    fo.sync = KM_SYNC_OFF;
    assert_int_equal(km_network_open_file(&net, path, &fo, NULL), 0);
    add_many(net, 2);
    in_batches(net, 12000, add_padded);
    f.title = "Judul Baru"; /* agreement 7's current version is its second record */
    assert_int_equal(km_agreement_update(net, 7, &f, KM_AGREEMENT_F_TITLE), 0);
    /* Agreement 9 has two versions: the snapshot holds both, and only the
     * current one may take the cell. */
    assert_int_equal(km_agreement_propose(net, 9, NULL), 0);
    assert_int_equal(km_network_set_actor(net, "admin:uji"), 0); /* signs for both parties */
    assert_int_equal(km_agreement_sign(net, 9, 1), 0);
    assert_int_equal(km_agreement_sign(net, 9, 2), 0);
    f.title = "Versi Dua";
    assert_int_equal(km_agreement_amend(net, 9, &f, KM_AGREEMENT_F_TITLE, "judul diperbaiki"), 0);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);

    assert_int_equal(km_network_open_file(&net, path, &fo, NULL), 0);
    check_agreement_cells(net, 12000);
    a = get_agreement(net, 7);
    assert_string_equal(km_agreement_title(a), "Judul Baru");
    km_agreement_free(a);
    a = get_agreement(net, 9);
    assert_int_equal(km_agreement_version(a), 2);
    assert_string_equal(km_agreement_title(a), "Versi Dua");
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_version(&a, net, 9, 1), 0);
    assert_int_equal(a->cell, 0);
    check_reference(a, 9);
    km_agreement_free(a);
    km_network_close(net);

    o.no_snapshot = 1;
    assert_int_equal(km_network_open_file(&net, path, &fo, &o), 0);
    a = get_agreement(net, 7); /* replayed: the edit took the cell over */
    assert_int_equal(a->cell, IN_CELL);
    assert_string_equal(km_agreement_title(a), "Judul Baru");
    km_agreement_free(a);
    a = get_agreement(net, 9); /* and the amendment, its first version in the history */
    assert_int_equal(a->cell, IN_CELL);
    assert_string_equal(km_agreement_title(a), "Versi Dua");
    km_agreement_free(a);
    assert_int_equal(km_agreement_get_version(&a, net, 9, 1), 0);
    assert_int_equal(a->cell, 0);
    check_reference(a, 9);
    km_agreement_free(a);
    a = get_agreement(net, 8);
    assert_int_equal(a->cell, IN_CELL);
    km_agreement_free(a);
    km_network_close(net);
    remove_store(path);
}

/* Partner tags are numbers into the network's vocabulary: a tag that two
 * partners share is one string, read at the same address through both;
 * a handle reads its tags after the network is closed; a tag first seen
 * by a creation taken back is still usable; replayed and loaded from a
 * snapshot, every tag reads as written. */
static void test_tags_by_number(void **state)
{
    static const char *const s1[] = { "health", "education" };
    static const char *const s2[] = { "water", "health" };
    static const char *const caps[] = { "training", "logistics" };
    static const char *const needs[] = { "funding" };
    km_storage *store;
    km_network *net;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    km_partner *a, *b;
    uint64_t id = 0;
    int pass;
    (void)state;
    assert_int_equal(km_storage_memory_new(&store, NULL), 0);
    assert_int_equal(km_network_open(&net, store, NULL), 0);
    f.name = "Dinas Kesehatan";
    f.external_id = "ID-NIB-1";
    f.kind = KM_PARTNER_NGO;
    f.sectors = s1;
    f.sectors_count = 2;
    f.capabilities = caps;
    f.capabilities_count = 2;
    f.needs = needs;
    f.needs_count = 1;
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    f.name = "Yayasan Air";
    f.external_id = "ID-NIB-2";
    f.sectors = s2;
    f.capabilities_count = 0;
    f.needs_count = 0;
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    a = get(net, 1);
    b = get(net, 2);
    assert_string_equal(km_partner_sector(a, 0), "health");
    assert_ptr_equal(km_partner_sector(a, 0), km_partner_sector(b, 1)); /* one string */
    assert_int_equal(a->tag_id[0], b->tag_id[1]);
    assert_string_equal(km_partner_capability(a, 1), "logistics");
    assert_string_equal(km_partner_need(a, 0), "funding");
    assert_null(km_partner_need(b, 0));

    /* A creation with a new tag, taken back; the tag serves the next. */
    f.name = "Koperasi";
    f.external_id = "ID-NIB-3";
    f.sectors = needs; /* "funding" as a sector now */
    f.sectors_count = 1;
    assert_int_equal(km_network_begin(net), 0);
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    assert_int_equal(km_network_rollback(net), 0);
    f.sectors = caps + 1; /* "logistics" */
    assert_int_equal(km_partner_create(&id, net, &f), 0);
    assert_int_equal(id, 3);
    km_network_close(net);
    /* The handles read their tags after the close. */
    assert_string_equal(km_partner_sector(a, 1), "education");
    assert_string_equal(km_partner_sector(b, 0), "water");
    km_partner_free(a);
    km_partner_free(b);

    for (pass = 0; pass < 2; pass++) { /* replay, then a snapshot */
        assert_int_equal(km_network_open(&net, store, NULL), 0);
        a = get(net, 1);
        b = get(net, 3);
        assert_string_equal(km_partner_sector(a, 1), "education");
        assert_string_equal(km_partner_capability(a, 0), "training");
        assert_string_equal(km_partner_need(a, 0), "funding");
        assert_string_equal(km_partner_sector(b, 0), "logistics");
        assert_int_equal(km_partner_sector_count(b), 1);
        km_partner_free(a);
        km_partner_free(b);
        if (pass == 0) assert_int_equal(km_network_snapshot(net), 0);
        km_network_close(net);
    }
    km_storage_free(store);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_created_partners_live_in_cells),
        cmocka_unit_test(test_large_record_lives_elsewhere),
        cmocka_unit_test(test_strides_follow_the_records),
        cmocka_unit_test(test_update_and_its_undo),
        cmocka_unit_test(test_edits_keep_the_cell),
        cmocka_unit_test(test_edit_out_of_memory),
        cmocka_unit_test(test_creation_taken_back),
        cmocka_unit_test(test_handles_outlive_the_network),
        cmocka_unit_test(test_reopened_records_in_cells),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_agreements_live_in_cells),
        cmocka_unit_test(test_agreement_versions),
        cmocka_unit_test(test_agreement_edits_keep_the_cell),
        cmocka_unit_test(test_agreement_edit_out_of_memory),
        cmocka_unit_test(test_agreement_creation_taken_back),
        cmocka_unit_test(test_reopened_agreements_in_cells),
        cmocka_unit_test(test_tags_by_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
