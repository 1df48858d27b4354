/* Unit tests for the partners' deferred index flush (network/txn.c
 * commit_flush, partner_index.c km__partner_index_flush): a commit leaves
 * its partners out of the filter sets until ps->flush_batch of them wait,
 * and every reader (km_partner_list, km_partner_count) and every change of a
 * partner flushes first. Checked: what is committed unindexed is found by
 * every filter; a read inside a transaction indexes the committed partners
 * and the transaction's own, and a rollback takes back only its own; an
 * update of a partner still waiting; a commit that reaches the batch
 * flushes, also in big flushes in a row (whose scratch is given back
 * after each); a commit whose flush cannot get memory still commits, and the
 * next reader indexes; out of memory at every allocation of such a commit
 * and of the read that follows. The counts come from a reference computed
 * from the partners' fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kemitraan/kemitraan.h"
#include "network/internal.h" /* net->partners: indexed, flush_batch */
#include "support/failalloc.h"
#include "support/expect.h"

static const char *const REGIONS[3] = { "32.73", "32.04", "31.71" };
static const char *const SECTORS[4] = { "kesehatan", "pendidikan", "air-bersih", "pangan" };

/* Partner i's fields, a function of i: the reference below recomputes them. */
static int kind_of(uint64_t i) { return (int)(i % KM_PARTNER_KIND__COUNT); }
static const char *region_of(uint64_t i) { return REGIONS[i % 3]; }
static const char *sector_of(uint64_t i) { return SECTORS[i % 4]; }

static int create(km_network *net, uint64_t i, uint64_t *id)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    const char *sectors[1];
    char name[32], ext[32];
    snprintf(name, sizeof name, "Mitra Tunda %llu", (unsigned long long)i);
    snprintf(ext, sizeof ext, "ID-NIB-%llu", (unsigned long long)i);
    sectors[0] = sector_of(i);
    f.name = name;
    f.external_id = ext;
    f.kind = kind_of(i);
    f.region = region_of(i);
    f.sectors = sectors;
    f.sectors_count = 1;
    return km_partner_create(id, net, &f);
}

static void add(km_network *net, uint64_t i)
{
    uint64_t id = 0;
    EXPECT_OK(create(net, i, &id));
    assert_int_equal(id, i);
}

/* Partners first..last in one transaction, committed. */
static void add_committed(km_network *net, uint64_t first, uint64_t last)
{
    uint64_t i;
    EXPECT_OK(km_network_begin(net));
    for (i = first; i <= last; i++) add(net, i);
    EXPECT_OK(km_network_commit(net));
}

/* Every filter the partners use, and pairs of them, counted against the
 * partners 1..n, whose fields are kind_of(i) and so on; `kind_override`
 * gives partner `moved` the kind `to` (an update), or is 0. */
static void check_counts(km_network *net, uint64_t n, uint64_t moved, int to)
{
    int k, r, s;
    for (k = -1; k < KM_PARTNER_KIND__COUNT; k++)
        for (r = -1; r < 3; r++)
            for (s = -1; s < 4; s++) {
                km_partner_query q = KM_PARTNER_QUERY_INIT;
                uint64_t got = 0, want = 0, i;
                q.kind = k;
                q.region_prefix = r < 0 ? NULL : REGIONS[r];
                q.sector = s < 0 ? NULL : SECTORS[s];
                for (i = 1; i <= n; i++) {
                    int kind = i == moved ? to : kind_of(i);
                    want += (k < 0 || kind == k) && (r < 0 || region_of(i) == REGIONS[r]) &&
                            (s < 0 || sector_of(i) == SECTORS[s]);
                }
                EXPECT_OK(km_partner_count(&got, net, &q));
                assert_int_equal(got, want);
            }
}

static void test_commit_leaves_partners_unindexed(void **state)
{
    km_network *net;
    (void)state;
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    assert_int_equal(net->partners.flush_batch, KM__PARTNER_FLUSH_BATCH);
    add_committed(net, 1, 100);
    add_committed(net, 101, 130);
    assert_int_equal(net->partners.indexed, 0); /* waiting */
    check_counts(net, 130, 0, 0);               /* the first count indexed them */
    assert_int_equal(net->partners.indexed, 130);
    /* A list reads the sets too. */
    add_committed(net, 131, 140);
    assert_int_equal(net->partners.indexed, 130);
    {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        km_partner_page *page = NULL;
        q.kind = kind_of(140);
        q.region_prefix = region_of(140);
        q.limit = 1000;
        EXPECT_OK(km_partner_list(&page, net, &q));
        assert_int_equal(net->partners.indexed, 140);
        assert_true(km_partner_page_count(page) > 0);
        assert_int_equal(km_partner_id(km_partner_page_get(page, km_partner_page_count(page) - 1)), 140);
        km_partner_page_free(page);
    }
    km_network_close(net);
}

/* A read inside a transaction indexes the committed partners still
 * waiting and the transaction's own; the rollback takes back only these. */
static void test_read_in_transaction_then_rollback(void **state)
{
    km_network *net;
    uint64_t i;
    (void)state;
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    add_committed(net, 1, 100);
    EXPECT_OK(km_network_begin(net));
    for (i = 101; i <= 150; i++) add(net, i);
    check_counts(net, 150, 0, 0);
    assert_int_equal(net->partners.indexed, 150);
    EXPECT_OK(km_network_rollback(net));
    assert_int_equal(net->partners.indexed, 100);
    check_counts(net, 100, 0, 0);
    add_committed(net, 101, 120); /* the ids come again */
    check_counts(net, 120, 0, 0);
    km_network_close(net);
}

/* An update of a partner that waits flushes first (its memberships move),
 * also when the update is taken back. */
static void test_update_of_a_waiting_partner(void **state)
{
    km_network *net;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    int to = (kind_of(7) + 1) % KM_PARTNER_KIND__COUNT;
    (void)state;
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    add_committed(net, 1, 40);
    assert_int_equal(net->partners.indexed, 0);
    f.kind = to;
    EXPECT_OK(km_network_begin(net));
    EXPECT_OK(km_partner_update(net, 7, &f, KM_PARTNER_F_KIND));
    assert_int_equal(net->partners.indexed, 40);
    EXPECT_OK(km_network_rollback(net));
    check_counts(net, 40, 0, 0);
    EXPECT_OK(km_partner_update(net, 7, &f, KM_PARTNER_F_KIND));
    check_counts(net, 40, 7, to);
    km_network_close(net);
}

/* A commit with flush_batch partners waiting indexes them; one with fewer
 * does not. */
static void test_commit_flushes_a_batch(void **state)
{
    km_network *net;
    (void)state;
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    net->partners.flush_batch = 32;
    add_committed(net, 1, 20);
    assert_int_equal(net->partners.indexed, 0);
    add_committed(net, 21, 40); /* 40 wait: flushed */
    assert_int_equal(net->partners.indexed, 40);
    add_committed(net, 41, 50);
    assert_int_equal(net->partners.indexed, 40);
    check_counts(net, 50, 0, 0);
    km_network_close(net);
}

/* Flushes big enough that their scratch arrays pass KM__BULK_KEEP, which
 * gives them back after each flush: the next big flush allocates them
 * again and indexes as right as the first. */
static void test_big_flushes_in_a_row(void **state)
{
    km_network *net;
    (void)state;
    EXPECT_OK(km_network_open(&net, NULL, NULL));
    net->partners.flush_batch = 4000;
    add_committed(net, 1, 4000); /* some 30,000 memberships: 120 KB of ids */
    assert_int_equal(net->partners.indexed, 4000);
    add_committed(net, 4001, 8000);
    assert_int_equal(net->partners.indexed, 8000);
    add_committed(net, 8001, 8010); /* and a small one after them */
    check_counts(net, 8010, 0, 0);
    km_network_close(net);
}

/* A network on the test allocator whose commits flush at 32 waiting
 * partners, with a transaction of partners 1..40 open. */
static km_network *open_forty_waiting(const km_network_options *o)
{
    km_network *net;
    uint64_t i;
    EXPECT_OK(km_network_open(&net, NULL, o));
    net->partners.flush_batch = 32;
    EXPECT_OK(km_network_begin(net));
    for (i = 1; i <= 40; i++) add(net, i);
    return net;
}

/* The commit of open_forty_waiting failed with KM_ENOMEM: nothing of it
 * is there, and the counts agree. */
static void check_commit_refused(km_network *net, int rc)
{
    assert_int_equal(rc, KM_ENOMEM);
    assert_int_equal(km_network_seq(net), 0);
    assert_int_equal(net->partners.n, 0);
    check_counts(net, 0, 0, 0);
}

/* Closes net and checks that the test allocator holds no block. */
static void close_clean(km_network *net, const km_test_alloc *ta)
{
    km_network_close(net);
    assert_int_equal(ta->live, 0);
}

/* The commit's flush refused memory at each of its allocations in turn,
 * the rest of the commit given what it asks: the commit succeeds with the
 * partners unindexed, and the next count indexes them. */
static void test_commit_goes_on_without_its_flush(void **state)
{
    km_test_alloc ta;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net;
    long n;
    int unindexed_commits = 0;
    (void)state;
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    for (n = 1;; n++) {
        long refused;
        int rc;
        net = open_forty_waiting(&o);
        km_test_alloc_fail_span(&ta, n, 1);
        rc = km_network_commit(net);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc == 0) {
            assert_int_equal(km_network_seq(net), 1);
            if (net->partners.indexed == 0) unindexed_commits++;
            else assert_int_equal(net->partners.indexed, 40);
            check_counts(net, 40, 0, 0);
        } else { /* the refusal fell outside the flush: the commit failed whole */
            check_commit_refused(net, rc);
        }
        close_clean(net, &ta);
        if (refused == 0) break;
    }
    assert_true(unindexed_commits > 0);
}

/* Out of memory from every allocation on, for a commit that reaches the
 * batch and then for the count that follows a commit left unindexed: each
 * fails with KM_ENOMEM and changes nothing, or succeeds whole. */
static void test_out_of_memory(void **state)
{
    km_test_alloc ta;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    o.allocator = km_test_alloc_get(&ta);
    for (n = 1;; n++) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        uint64_t got = 0;
        long refused;
        int rc;
        EXPECT_OK(km_network_open(&net, NULL, &o));
        add_committed(net, 1, 40); /* waiting: the default batch is far */
        q.kind = kind_of(5);
        q.region_prefix = region_of(5);
        km_test_alloc_fail_at(&ta, n);
        rc = km_partner_count(&got, net, &q);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc != 0) {
            assert_int_equal(rc, KM_ENOMEM);
            assert_int_equal(net->partners.indexed, 0);
        } else {
            assert_int_equal(net->partners.indexed, 40);
        }
        check_counts(net, 40, 0, 0);
        close_clean(net, &ta);
        if (refused == 0) break;
    }
    assert_true(n > 3);
    for (n = 1;; n++) { /* a commit whose batch is reached */
        long refused;
        int rc;
        net = open_forty_waiting(&o);
        km_test_alloc_fail_at(&ta, n);
        rc = km_network_commit(net);
        refused = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        if (rc != 0) {
            check_commit_refused(net, rc);
        } else {
            assert_int_equal(km_network_seq(net), 1);
            check_counts(net, 40, 0, 0);
        }
        close_clean(net, &ta);
        if (refused == 0) break;
    }
    assert_true(n > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_leaves_partners_unindexed),
        cmocka_unit_test(test_read_in_transaction_then_rollback),
        cmocka_unit_test(test_update_of_a_waiting_partner),
        cmocka_unit_test(test_commit_flushes_a_batch),
        cmocka_unit_test(test_big_flushes_in_a_row),
        cmocka_unit_test(test_commit_goes_on_without_its_flush),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
