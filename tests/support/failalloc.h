/* Test allocator for out-of-memory loops, in the style of SQLite's malloc
 * fault injection: fail the N-th allocation from now and every one after it
 * ("persistent" mode), and count live blocks and bytes so a test can assert
 * that nothing leaked. Typical loop:
 *
 *     for (n = 1;; n++) {
 *         long refused;
 *         km_test_alloc_fail_at(&ta, n);
 *         rc = operation(...);          // must succeed or fail cleanly
 *         refused = ta.failures;        // read it before disarming:
 *         km_test_alloc_fail_at(&ta, -1); // this resets the counter
 *         ... check state ...
 *         if (refused == 0) break;      // ran to completion without a fault
 *     }
 */
#ifndef KM_TESTS_FAILALLOC_H
#define KM_TESTS_FAILALLOC_H

#include <stddef.h>
#include "kemitraan/common.h"

typedef struct km_test_alloc {
    km_allocator base; /* callbacks; payload points back to this struct */
    long fail_at;      /* absolute value of `calls` from which allocations fail; -1 = never */
    long calls;        /* malloc and realloc calls so far (realloc(NULL, n) included) */
    long live;         /* outstanding blocks */
    size_t live_bytes; /* outstanding bytes (as requested) */
    long failures;     /* allocations refused so far */
    long fail_for;     /* allocations refused from fail_at on; -1 = all of them */
} km_test_alloc;

/* Fills base with the callbacks and zeroes the counters; never fails. */
void km_test_alloc_init(km_test_alloc *t);
/* The n-th allocation from now (1-based, counting malloc and realloc calls)
 * fails, and every one after it too; n < 0 (use -1) stops failing. Resets
 * `failures` so a loop can tell whether the fault was reached. */
void km_test_alloc_fail_at(km_test_alloc *t, long n);
/* Like km_test_alloc_fail_at, but only `count` allocations fail (from the
 * n-th on), and the ones after them succeed again: for code that must go
 * on when one step cannot get memory. */
void km_test_alloc_fail_span(km_test_alloc *t, long n, long count);
/* The allocator to hand to the code under test. */
km_allocator *km_test_alloc_get(km_test_alloc *t);

#endif
