/* The check a host makes of a snapshot it does not trust: the network
 * opened from it and the one that replayed the whole log must have the
 * same state hash (km_network_state_hash). Include after <cmocka.h>. */
#ifndef KM_TESTS_STATE_HASH_H
#define KM_TESTS_STATE_HASH_H

#include "kemitraan/kemitraan.h"

/* snap was opened from a snapshot, full with no_snapshot set, on the same
 * store: both say so, and their states hash the same. */
static inline void km_test_expect_same_state(km_network *snap, km_network *full)
{
    char a[65], b[65];
    assert_true(km_network_snapshot_seq(snap) > 0);
    assert_true(km_network_snapshot_seq(snap) <= km_network_seq(snap));
    assert_int_equal(km_network_snapshot_seq(full), 0);
    assert_int_equal(km_network_state_hash(a, snap), 0);
    assert_int_equal(km_network_state_hash(b, full), 0);
    assert_int_equal(strlen(a), 64);
    assert_string_equal(a, b);
}

#endif
