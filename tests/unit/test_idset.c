/* Unit tests for the compressed id sets (src/util/idset.c): random operations
 * checked against a plain reference bitmap over a few id regions chosen to
 * straddle chunk boundaries (2^16 multiples, 2^32, 2^40, the top of the
 * uint64 range), array <-> bitmap conversion, multi-set intersection, the
 * no-allocation guarantee of remove/re-add and out-of-memory behaviour. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util/idset.h"
#include "support/failalloc.h"
#include "support/rng.h"

/* ---- deterministic PRNG ----------------------------------------------------- */

/* ---- reference: one plain bitmap per region -------------------------------- */

#define NREG 5
#define REG_BITS 17
#define REG_SIZE (UINT64_C(1) << REG_BITS) /* two chunks and their boundary */
#define REG_WORDS (REG_SIZE / 64)

/* Sorted ascending and non-overlapping. */
static const uint64_t reg_base[NREG] = {
    0,                                       /* chunks 0,1: ids 65535/65536 */
    UINT64_C(7) * 65536 + 12345,             /* unaligned, spans chunks 7..9 */
    (UINT64_C(1) << 32) - 65536,             /* chunks 2^16-1, 2^16 */
    (UINT64_C(1) << 40) - 65536,             /* huge ids */
    UINT64_MAX - REG_SIZE + 1                /* last two chunks */
};

typedef struct ref_set {
    uint64_t bits[NREG][REG_WORDS];
} ref_set;

static ref_set *ref_new(void)
{
    ref_set *r = (ref_set *)test_calloc(1, sizeof(ref_set));
    assert_non_null(r);
    return r;
}

static int ref_region(uint64_t id, uint64_t *off)
{
    int i;
    for (i = 0; i < NREG; i++) {
        if (id >= reg_base[i] && id - reg_base[i] < REG_SIZE) {
            *off = id - reg_base[i];
            return i;
        }
    }
    return -1;
}

static void ref_put(ref_set *r, uint64_t id, int on)
{
    uint64_t off = 0;
    int g = ref_region(id, &off);
    assert_true(g >= 0);
    if (on) r->bits[g][off >> 6] |= UINT64_C(1) << (off & 63);
    else r->bits[g][off >> 6] &= ~(UINT64_C(1) << (off & 63));
}

static int ref_has(const ref_set *r, uint64_t id)
{
    uint64_t off = 0;
    int g = ref_region(id, &off);
    if (g < 0) return 0;
    return (int)((r->bits[g][off >> 6] >> (off & 63)) & 1u);
}

static uint64_t ref_count(const ref_set *r)
{
    uint64_t n = 0;
    int g;
    size_t w;
    for (g = 0; g < NREG; g++)
        for (w = 0; w < REG_WORDS; w++) {
            uint64_t x = r->bits[g][w];
            while (x) {
                x &= x - 1;
                n++;
            }
        }
    return n;
}

/* Straightforward scans: one word at a time, then bit by bit inside it. */
static int ref_next(const ref_set *r, uint64_t from, uint64_t *out)
{
    int g;
    for (g = 0; g < NREG; g++) {
        uint64_t off = 0;
        if (reg_base[g] + (REG_SIZE - 1) < from) continue;
        off = from > reg_base[g] ? from - reg_base[g] : 0;
        while (off < REG_SIZE) {
            uint64_t word = r->bits[g][off >> 6];
            if ((word >> (off & 63)) == 0) {
                off = (off | 63) + 1;
                continue;
            }
            if ((word >> (off & 63)) & 1u) {
                *out = reg_base[g] + off;
                return 1;
            }
            off++;
        }
    }
    return 0;
}

static int ref_prev(const ref_set *r, uint64_t from, uint64_t *out)
{
    int g;
    for (g = NREG - 1; g >= 0; g--) {
        uint64_t off = 0;
        if (reg_base[g] > from) continue;
        off = from - reg_base[g] >= REG_SIZE ? REG_SIZE - 1 : from - reg_base[g];
        for (;;) {
            uint64_t word = r->bits[g][off >> 6];
            unsigned b = (unsigned)(off & 63);
            uint64_t below = b == 63 ? word : word & ((UINT64_C(1) << (b + 1)) - 1);
            if (below == 0) {
                if (off < 64) break;
                off = (off & ~UINT64_C(63)) - 1;
                continue;
            }
            if ((word >> b) & 1u) {
                *out = reg_base[g] + off;
                return 1;
            }
            off--;
        }
    }
    return 0;
}

/* Random id inside the reference universe, biased towards chunk edges and
 * towards a hot window so that some chunks become dense bitmaps. */
static uint64_t window_lo, window_len;

static uint64_t rand_id(void)
{
    int g = (int)rng_below(NREG);
    uint64_t off, k = rng_below(10);
    if (k < 3) {
        /* near a multiple of 2^16 inside the region */
        uint64_t edge = ((reg_base[g] + REG_SIZE / 2) & ~UINT64_C(0xFFFF)) - reg_base[g];
        uint64_t d = rng_below(16);
        off = rng_below(2) ? edge + d : edge - 1 - d;
    } else if (k < 8) {
        off = window_lo + rng_below(window_len);
    } else {
        off = rng_below(REG_SIZE);
    }
    return reg_base[g] + (off & (REG_SIZE - 1));
}

static uint64_t rand_query(void)
{
    uint64_t k = rng_below(20);
    if (k == 0) return 0;
    if (k == 1) return UINT64_MAX;
    if (k == 2) return rng(); /* usually outside every region */
    return rand_id();
}

/* Full comparison: walk both in order, forwards and backwards. */
static void check_equal(const km__idset *s, const ref_set *r)
{
    uint64_t a, b, from = 0, n = 0;
    int fa, fb;
    for (;;) {
        fa = km__idset_next(s, from, &a);
        fb = ref_next(r, from, &b);
        assert_int_equal(fa, fb);
        if (!fa) break;
        assert_int_equal(a, b);
        assert_true(km__idset_contains(s, a));
        n++;
        if (a == UINT64_MAX) break;
        from = a + 1;
    }
    assert_int_equal(n, km__idset_count(s));
    assert_int_equal(n, ref_count(r));
    from = UINT64_MAX;
    for (;;) {
        fa = km__idset_prev(s, from, &a);
        fb = ref_prev(r, from, &b);
        assert_int_equal(fa, fb);
        if (!fa) break;
        assert_int_equal(a, b);
        if (a == 0) break;
        from = a - 1;
    }
}

static int chunk_is_bitmap(const km__idset *s, uint64_t id)
{
    size_t i;
    if (!s->chunks) return -1; /* still in the small form */
    for (i = 0; i < s->n; i++)
        if (s->chunks[i].key == id >> 16) return s->chunks[i].bitmap;
    return -1;
}

/* ---- tests -------------------------------------------------------------------- */

static void test_empty(void **state)
{
    km__idset s;
    uint64_t v = 42;
    const km__idset *sets[2];
    (void)state;
    km__idset_init(&s, NULL);
    assert_int_equal(km__idset_count(&s), 0);
    assert_false(km__idset_contains(&s, 0));
    assert_false(km__idset_next(&s, 0, &v));
    assert_false(km__idset_prev(&s, UINT64_MAX, &v));
    sets[0] = &s;
    sets[1] = &s;
    assert_false(km__idset_next_all(sets, 2, 0, &v));
    assert_false(km__idset_next_all(sets, 0, 0, &v));
    assert_int_equal(km__idset_count_all(sets, 2), 0);
    assert_int_equal(km__idset_count_all(sets, 0), 0);
    km__idset_remove(&s, 7); /* absent: no-op */
    km__idset_free(&s);
}

static void test_edges(void **state)
{
    static const uint64_t ids[] = {
        0, 1, 65534, 65535, 65536, 65537, 131071, 131072,
        (UINT64_C(1) << 32) - 1, UINT64_C(1) << 32,
        UINT64_C(1) << 40, (UINT64_C(1) << 40) + 65535,
        UINT64_MAX - 65536, UINT64_MAX - 65535, UINT64_MAX - 1, UINT64_MAX
    };
    const size_t n = sizeof ids / sizeof ids[0];
    km__idset s;
    size_t i;
    uint64_t v;
    (void)state;
    km__idset_init(&s, NULL);
    for (i = n; i-- > 0;) assert_int_equal(km__idset_add(&s, ids[i]), 0);
    assert_int_equal(km__idset_add(&s, ids[3]), 0); /* duplicate */
    assert_int_equal(km__idset_count(&s), n);
    for (i = 0; i < n; i++) {
        assert_true(km__idset_contains(&s, ids[i]));
        assert_true(km__idset_next(&s, ids[i], &v));
        assert_int_equal(v, ids[i]);
        assert_true(km__idset_prev(&s, ids[i], &v));
        assert_int_equal(v, ids[i]);
        if (i + 1 < n && ids[i] + 1 < ids[i + 1]) {
            assert_true(km__idset_next(&s, ids[i] + 1, &v));
            assert_int_equal(v, ids[i + 1]);
        }
        if (i > 0 && ids[i] - 1 > ids[i - 1]) {
            assert_true(km__idset_prev(&s, ids[i] - 1, &v));
            assert_int_equal(v, ids[i - 1]);
        }
    }
    assert_false(km__idset_contains(&s, 2));
    assert_false(km__idset_contains(&s, UINT64_C(1) << 41));
    km__idset_remove(&s, UINT64_MAX);
    assert_false(km__idset_next(&s, UINT64_MAX, &v));
    assert_true(km__idset_next(&s, UINT64_MAX - 1, &v));
    assert_int_equal(v, UINT64_MAX - 1);
    km__idset_remove(&s, 0);
    assert_false(km__idset_prev(&s, 0, &v));
    assert_true(km__idset_prev(&s, 1, &v));
    assert_int_equal(v, 1);
    km__idset_free(&s);
}

static void test_array_bitmap_conversion(void **state)
{
    km__idset s;
    ref_set *r = ref_new();
    uint64_t base = UINT64_C(1) << 40, i, v; /* a whole chunk of reference region 3 */
    (void)state;
    km__idset_init(&s, NULL);
    /* 4096 ids, every 16th low value, plus both chunk ends. */
    for (i = 0; i < 4094; i++) {
        assert_int_equal(km__idset_add(&s, base + 16 * i + 5), 0);
        ref_put(r, base + 16 * i + 5, 1);
    }
    assert_int_equal(km__idset_add(&s, base), 0);
    ref_put(r, base, 1);
    assert_int_equal(km__idset_add(&s, base + 65535), 0);
    ref_put(r, base + 65535, 1);
    assert_int_equal(km__idset_count(&s), 4096);
    assert_int_equal(chunk_is_bitmap(&s, base), 0);
    check_equal(&s, r);
    /* Adding a present id to a full array must not convert. */
    assert_int_equal(km__idset_add(&s, base + 5), 0);
    assert_int_equal(chunk_is_bitmap(&s, base), 0);
    /* The 4097th converts. */
    assert_int_equal(km__idset_add(&s, base + 6), 0);
    ref_put(r, base + 6, 1);
    assert_int_equal(chunk_is_bitmap(&s, base), 1);
    assert_int_equal(km__idset_count(&s), 4097);
    check_equal(&s, r);
    /* Removing back below 4096 keeps the bitmap (no allocation on remove). */
    km__idset_remove(&s, base + 6);
    ref_put(r, base + 6, 0);
    km__idset_remove(&s, base + 5);
    ref_put(r, base + 5, 0);
    assert_int_equal(chunk_is_bitmap(&s, base), 1);
    check_equal(&s, r);
    /* Bitmap scanning across words and at both ends. */
    assert_true(km__idset_next(&s, base + 1, &v));
    assert_int_equal(v, base + 16 + 5);
    assert_true(km__idset_prev(&s, base + 65534, &v));
    assert_int_equal(v, base + 16 * 4093 + 5);
    assert_true(km__idset_prev(&s, base + 4, &v));
    assert_int_equal(v, base);
    /* Empty the bitmap chunk completely: it must be skipped by searches. */
    for (i = 0; i < 65536; i++) {
        km__idset_remove(&s, base + i);
        ref_put(r, base + i, 0);
    }
    assert_int_equal(km__idset_count(&s), 0);
    assert_false(km__idset_next(&s, 0, &v));
    assert_false(km__idset_prev(&s, UINT64_MAX, &v));
    assert_int_equal(km__idset_add(&s, base + 77), 0);
    assert_true(km__idset_next(&s, 0, &v));
    assert_int_equal(v, base + 77);
    /* Full bitmap chunk. */
    for (i = 0; i < 65536; i++) assert_int_equal(km__idset_add(&s, base + i), 0);
    assert_int_equal(km__idset_count(&s), 65536);
    assert_true(km__idset_prev(&s, base + 65535, &v));
    assert_int_equal(v, base + 65535);
    assert_true(km__idset_next(&s, base + 65535, &v));
    assert_int_equal(v, base + 65535);
    km__idset_free(&s);
    test_free(r);
}

static void test_random_vs_reference(void **state)
{
    static const uint64_t windows[] = { 16, 300, 5000, 9000, REG_SIZE };
    km__idset s;
    ref_set *r = ref_new();
    long op;
    (void)state;
    rng_seed(0x1d5e7);
    km__idset_init(&s, NULL);
    for (op = 0; op < 400000; op++) {
        uint64_t id, a, b;
        int fa, fb;
        if (op % 40000 == 0) {
            window_len = windows[rng_below(sizeof windows / sizeof windows[0])];
            window_lo = rng_below(REG_SIZE - window_len + 1);
        }
        switch (rng_below(10)) {
        case 0: case 1: case 2: case 3:
            id = rand_id();
            assert_int_equal(km__idset_add(&s, id), 0);
            ref_put(r, id, 1);
            break;
        case 4: case 5: case 6:
            id = rand_id();
            km__idset_remove(&s, id);
            ref_put(r, id, 0);
            break;
        case 7:
            id = rand_query();
            assert_int_equal(km__idset_contains(&s, id), ref_has(r, id));
            break;
        case 8:
            id = rand_query();
            fa = km__idset_next(&s, id, &a);
            fb = ref_next(r, id, &b);
            assert_int_equal(fa, fb);
            if (fa) assert_int_equal(a, b);
            break;
        default:
            id = rand_query();
            fa = km__idset_prev(&s, id, &a);
            fb = ref_prev(r, id, &b);
            assert_int_equal(fa, fb);
            if (fa) assert_int_equal(a, b);
            break;
        }
        if (op % 1000 == 999) assert_int_equal(km__idset_count(&s), ref_count(r));
        if (op % 50000 == 49999) check_equal(&s, r);
    }
    check_equal(&s, r);
    km__idset_free(&s);
    test_free(r);
}

/* Fills a set chunk by chunk with varied densities, so that intersections
 * meet absent chunks, empty chunks, arrays and bitmaps. */
static void fill_varied(km__idset *s, ref_set *r, const ref_set *common)
{
    int g;
    for (g = 0; g < NREG; g++) {
        uint64_t part;
        for (part = 0; part < 4; part++) {
            uint64_t lo = part * (REG_SIZE / 4), len = REG_SIZE / 4, k, cnt = 0, id;
            switch (rng_below(6)) {
            case 0: cnt = 0; break;
            case 1: cnt = 1 + rng_below(40); break;
            case 2: cnt = 500 + rng_below(3000); break;
            case 3: cnt = 4000 + rng_below(200); break;
            default: cnt = 10000 + rng_below(30000); break;
            }
            for (k = 0; k < cnt; k++) {
                id = reg_base[g] + lo + rng_below(len);
                assert_int_equal(km__idset_add(s, id), 0);
                ref_put(r, id, 1);
            }
            /* Shared ids so that sparse intersections are not always empty. */
            for (k = 0; k < REG_WORDS / 4; k++) {
                size_t w = (size_t)(lo / 64 + k);
                uint64_t bits = common->bits[g][w];
                while (bits && rng_below(3) != 0) {
                    unsigned b = 0;
                    while (!((bits >> b) & 1u)) b++;
                    bits &= bits - 1;
                    id = reg_base[g] + (uint64_t)w * 64 + b;
                    assert_int_equal(km__idset_add(s, id), 0);
                    ref_put(r, id, 1);
                }
            }
            if (rng_below(8) == 0) {
                /* Empty this quarter again: leaves empty chunks behind. */
                for (k = 0; k < len; k++) {
                    km__idset_remove(s, reg_base[g] + lo + k);
                    ref_put(r, reg_base[g] + lo + k, 0);
                }
            }
        }
    }
}

static void check_intersection(const km__idset *const *sets, const ref_set *const *refs, size_t n, ref_set *inter)
{
    size_t j, w;
    int g;
    uint64_t from = 0, a, b, cnt = 0;
    long q;
    for (g = 0; g < NREG; g++)
        for (w = 0; w < REG_WORDS; w++) {
            uint64_t x = ~UINT64_C(0);
            for (j = 0; j < n; j++) x &= refs[j]->bits[g][w];
            inter->bits[g][w] = x;
        }
    assert_int_equal(km__idset_count_all(sets, n), ref_count(inter));
    /* Walk the whole intersection. */
    for (;;) {
        int fa = km__idset_next_all(sets, n, from, &a);
        int fb = ref_next(inter, from, &b);
        assert_int_equal(fa, fb);
        if (!fa) break;
        assert_int_equal(a, b);
        cnt++;
        if (a == UINT64_MAX) break;
        from = a + 1;
    }
    assert_int_equal(cnt, ref_count(inter));
    /* Random starting points. */
    for (q = 0; q < 300; q++) {
        uint64_t id = rand_query();
        int fa = km__idset_next_all(sets, n, id, &a);
        int fb = ref_next(inter, id, &b);
        assert_int_equal(fa, fb);
        if (fa) assert_int_equal(a, b);
    }
}

static void test_next_all(void **state)
{
    km__idset s[4];
    ref_set *r[4], *common = ref_new(), *inter = ref_new();
    const km__idset *sets[20];
    const ref_set *refs[20];
    int round;
    size_t j, k;
    (void)state;
    rng_seed(0xa11);
    window_lo = 0;
    window_len = REG_SIZE;
    for (j = 0; j < 4; j++) r[j] = ref_new();
    for (round = 0; round < 12; round++) {
        size_t n = 2 + (size_t)(round % 3);
        memset(common, 0, sizeof *common);
        for (k = 0; k < 3000; k++) ref_put(common, rand_id(), 1);
        for (j = 0; j < n; j++) {
            km__idset_init(&s[j], NULL);
            memset(r[j], 0, sizeof *r[j]);
            fill_varied(&s[j], r[j], common);
            sets[j] = &s[j];
            refs[j] = r[j];
        }
        check_intersection(sets, refs, n, inter);
        /* n == 1 degenerates to next/count. */
        check_intersection(sets, refs, 1, inter);
        /* More sets than the fast path keeps on its stack (repeats allowed:
         * the intersection is the same). */
        for (k = 0; k < 20; k++) {
            sets[k] = &s[k % n];
            refs[k] = r[k % n];
        }
        check_intersection(sets, refs, 20, inter);
        for (j = 0; j < n; j++) km__idset_free(&s[j]);
    }
    for (j = 0; j < 4; j++) test_free(r[j]);
    test_free(common);
    test_free(inter);
}

static void test_next_all_dense_bitmaps(void **state)
{
    /* Two full-ish bitmaps whose intersection is a single id per chunk:
     * exercises the word-AND path across words and chunks. */
    km__idset a, b;
    const km__idset *sets[2];
    uint64_t i, v, c;
    (void)state;
    km__idset_init(&a, NULL);
    km__idset_init(&b, NULL);
    for (c = 0; c < 3; c++) {
        for (i = 0; i < 65536; i++) {
            uint64_t id = ((c * 2) << 16) + i;
            if (i % 2 == 0 || i == 40001) assert_int_equal(km__idset_add(&a, id), 0);
            if (i % 2 == 1) assert_int_equal(km__idset_add(&b, id), 0);
        }
    }
    sets[0] = &a;
    sets[1] = &b;
    assert_int_equal(km__idset_count_all(sets, 2), 3);
    assert_true(km__idset_next_all(sets, 2, 0, &v));
    assert_int_equal(v, 40001);
    assert_true(km__idset_next_all(sets, 2, 40002, &v));
    assert_int_equal(v, (UINT64_C(2) << 16) + 40001);
    assert_true(km__idset_next_all(sets, 2, (UINT64_C(4) << 16) + 40001, &v));
    assert_int_equal(v, (UINT64_C(4) << 16) + 40001);
    assert_false(km__idset_next_all(sets, 2, (UINT64_C(4) << 16) + 40002, &v));
    km__idset_free(&a);
    km__idset_free(&b);
}

/* Removing and re-adding must not allocate, whatever the chunk shape. */
static void test_remove_readd_no_alloc(void **state)
{
    static const uint64_t sizes[] = { 1, 3, 4, 5, 8, 100, 4095, 4096, 4097, 30000 };
    km_test_alloc ta;
    km__idset s;
    size_t k;
    (void)state;
    km_test_alloc_init(&ta);
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        uint64_t i, base = (UINT64_C(1) << 40) + (k << 16), victim;
        km__idset_init(&s, km_test_alloc_get(&ta));
        for (i = 0; i < sizes[k]; i++) assert_int_equal(km__idset_add(&s, base + i * 2), 0);
        victim = base + (sizes[k] / 2) * 2;
        km__idset_remove(&s, victim);
        km_test_alloc_fail_at(&ta, 1);
        assert_int_equal(km__idset_add(&s, victim), 0);
        assert_int_equal(ta.failures, 0);
        assert_true(km__idset_contains(&s, victim));
        assert_int_equal(km__idset_count(&s), sizes[k]);
        /* A never-seen id in a full array chunk would need memory. */
        if (sizes[k] == 4 || sizes[k] == 4096) {
            assert_int_equal(km__idset_add(&s, base + 1), KM_ENOMEM);
            assert_false(km__idset_contains(&s, base + 1));
            assert_int_equal(km__idset_count(&s), sizes[k]);
        }
        km_test_alloc_fail_at(&ta, -1);
        km__idset_free(&s);
    }
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.live_bytes, 0);
}

/* Undoing a random history in reverse order never allocates. */
static void test_reverse_undo_no_alloc(void **state)
{
    enum { NOPS = 20000 };
    km_test_alloc ta;
    km__idset s;
    ref_set *r = ref_new();
    uint64_t *log_id = (uint64_t *)test_malloc(NOPS * sizeof(uint64_t));
    int *log_added = (int *)test_malloc(NOPS * sizeof(int));
    size_t nlog = 0, i;
    int round;
    (void)state;
    rng_seed(0xdead);
    km_test_alloc_init(&ta);
    km__idset_init(&s, km_test_alloc_get(&ta));
    for (round = 0; round < 4; round++) {
        window_len = round == 0 ? 5000 : 600;
        window_lo = rng_below(REG_SIZE - window_len);
        /* Committed history. */
        for (i = 0; i < 20000; i++) {
            uint64_t id = rand_id();
            if (rng_below(3)) {
                assert_int_equal(km__idset_add(&s, id), 0);
                ref_put(r, id, 1);
            } else {
                km__idset_remove(&s, id);
                ref_put(r, id, 0);
            }
        }
        /* A "transaction": log effective changes, then roll back. */
        nlog = 0;
        for (i = 0; i < NOPS; i++) {
            uint64_t id = rand_id();
            int present = km__idset_contains(&s, id);
            if (rng_below(2)) {
                assert_int_equal(km__idset_add(&s, id), 0);
                if (!present) {
                    log_id[nlog] = id;
                    log_added[nlog++] = 1;
                }
            } else {
                km__idset_remove(&s, id);
                if (present) {
                    log_id[nlog] = id;
                    log_added[nlog++] = 0;
                }
            }
        }
        km_test_alloc_fail_at(&ta, 1);
        while (nlog-- > 0) {
            if (log_added[nlog]) km__idset_remove(&s, log_id[nlog]);
            else assert_int_equal(km__idset_add(&s, log_id[nlog]), 0);
        }
        assert_int_equal(ta.failures, 0);
        km_test_alloc_fail_at(&ta, -1);
        check_equal(&s, r);
    }
    km__idset_free(&s);
    assert_int_equal(ta.live, 0);
    test_free(log_id);
    test_free(log_added);
    test_free(r);
}

/* The small form across its conversion to chunks: sets of a few ids spread
 * over the whole range (the agreements of one partner) go through random
 * "transactions" that remove ids (tombstones) and add enough new ones to
 * convert; undoing them in reverse order must never allocate, and every
 * step must match the reference. */
static void test_small_form_undo_across_conversion(void **state)
{
    enum { TXN = 200 };
    km_test_alloc ta;
    ref_set *r = ref_new();
    uint64_t log_id[TXN];
    int log_added[TXN];
    int round;
    (void)state;
    rng_seed(0x5a11);
    km_test_alloc_init(&ta);
    for (round = 0; round < 300; round++) {
        km__idset s;
        size_t nlog = 0, i, start = rng_below(KM__IDSET_SMALL_MAX + 2);
        memset(r, 0, sizeof *r);
        km__idset_init(&s, km_test_alloc_get(&ta));
        for (i = 0; i < start; i++) {
            uint64_t id = reg_base[rng_below(NREG)] + rng_below(REG_SIZE);
            assert_int_equal(km__idset_add(&s, id), 0);
            ref_put(r, id, 1);
        }
        check_equal(&s, r);
        for (i = 0; i < TXN; i++) {
            uint64_t id = nlog && rng_below(4) == 0 ? log_id[rng_below(nlog)]
                                                    : reg_base[rng_below(NREG)] + rng_below(REG_SIZE);
            int present = km__idset_contains(&s, id);
            if (rng_below(3)) {
                assert_int_equal(km__idset_add(&s, id), 0);
                ref_put(r, id, 1);
                if (!present) {
                    log_id[nlog] = id;
                    log_added[nlog++] = 1;
                }
            } else {
                km__idset_remove(&s, id);
                ref_put(r, id, 0);
                if (present) {
                    log_id[nlog] = id;
                    log_added[nlog++] = 0;
                }
            }
            if (i % 37 == 0) check_equal(&s, r);
        }
        check_equal(&s, r);
        km_test_alloc_fail_at(&ta, 1);
        while (nlog-- > 0) {
            if (log_added[nlog]) {
                km__idset_remove(&s, log_id[nlog]);
                ref_put(r, log_id[nlog], 0);
            } else {
                assert_int_equal(km__idset_add(&s, log_id[nlog]), 0);
                ref_put(r, log_id[nlog], 1);
            }
        }
        assert_int_equal(ta.failures, 0);
        km_test_alloc_fail_at(&ta, -1);
        check_equal(&s, r);
        km__idset_free(&s);
        assert_int_equal(ta.live, 0);
    }
    test_free(r);
}

typedef struct each_ctx {
    const km__idset *s;
    uint64_t expect; /* next id expected */
    int have;        /* expect is valid */
    size_t seen, stop_after;
} each_ctx;

static int each_check(void *payload, uint64_t id)
{
    each_ctx *c = (each_ctx *)payload;
    uint64_t v = 0;
    assert_true(c->have);
    assert_int_equal(id, c->expect);
    c->seen++;
    if (c->seen == c->stop_after) return 7;
    c->have = id < UINT64_MAX && km__idset_next(c->s, id + 1, &v);
    c->expect = v;
    return 0;
}

/* km__idset_fill(s, from, out, max) gives the first max of what
 * km__idset_next finds from `from`, and fewer only when there are no more. */
static void check_fill(const km__idset *s, uint64_t from, size_t max)
{
    uint64_t out[41], v = 0, at = from;
    size_t got = km__idset_fill(s, from, out, max), i;
    assert_true(got <= max);
    for (i = 0; i < got; i++) {
        assert_true(km__idset_next(s, at, &v));
        assert_int_equal(out[i], v);
        at = v + 1;
    }
    if (got < max) assert_false(km__idset_next(s, at, &v));
}

/* km__idset_each visits exactly what km__idset_next finds, in order, from
 * any start, in every form (small, arrays, bitmaps, emptied chunks), and
 * stops at the first non-zero return. */
static void test_each(void **state)
{
    km__idset s;
    size_t round, k;
    (void)state;
    rng_seed(0xeac4);
    for (round = 0; round < 12; round++) {
        size_t n = round < 4 ? 1 + round * 20 : round < 8 ? 3000 : 40000;
        km__idset_init(&s, NULL);
        for (k = 0; k < n; k++) {
            uint64_t id = round % 2 ? reg_base[rng_below(NREG)] + rng_below(REG_SIZE)
                                    : reg_base[1] + rng_below(n * 3);
            assert_int_equal(km__idset_add(&s, id), 0);
            if (rng_below(5) == 0) km__idset_remove(&s, id);
        }
        for (k = 0; k < 20; k++) {
            each_ctx c;
            uint64_t from = k == 0 ? 0 : reg_base[rng_below(NREG)] + rng_below(REG_SIZE), v = 0;
            int rc;
            memset(&c, 0, sizeof c);
            c.s = &s;
            c.have = km__idset_next(&s, from, &v);
            c.expect = v;
            c.stop_after = k % 3 == 1 ? 1 + rng_below(50) : (size_t)-1;
            rc = km__idset_each(&s, from, each_check, &c);
            if (c.seen == c.stop_after) assert_int_equal(rc, 7);
            else {
                assert_int_equal(rc, 0);
                assert_false(c.have);
            }
            check_fill(&s, from, k % 4 == 0 ? 0 : 1 + rng_below(40));
        }
        km__idset_free(&s);
    }
}

typedef struct each_all_ctx {
    const km__idset *const *sets;
    size_t n;
    uint64_t expect;
    int have;
    size_t seen, stop_after;
} each_all_ctx;

static int each_all_check(void *payload, uint64_t id)
{
    each_all_ctx *c = (each_all_ctx *)payload;
    uint64_t v = 0;
    assert_true(c->have);
    assert_int_equal(id, c->expect);
    c->seen++;
    if (c->seen == c->stop_after) return 9;
    c->have = id < UINT64_MAX && km__idset_next_all(c->sets, c->n, id + 1, &v);
    c->expect = v;
    return 0;
}

/* km__idset_each_all visits exactly what km__idset_next_all finds, for
 * intersections of 2 and 3 sets mixing small sets, arrays and bitmaps. */
static void test_each_all(void **state)
{
    km__idset s[3];
    const km__idset *sets[3];
    size_t round, k, j;
    (void)state;
    rng_seed(0xa11e);
    for (round = 0; round < 24; round++) {
        for (j = 0; j < 3; j++) {
            size_t n = (round + j) % 4 == 0 ? 30 : (round + j) % 4 == 1 ? 3000 : (round + j) % 4 == 2 ? 60000 : 500;
            km__idset_init(&s[j], NULL);
            for (k = 0; k < n; k++) {
                uint64_t id = round % 3 ? reg_base[1] + rng_below(131072) : reg_base[rng_below(NREG)] + rng_below(REG_SIZE);
                assert_int_equal(km__idset_add(&s[j], id), 0);
            }
            sets[j] = &s[j];
        }
        for (k = 0; k < 12; k++) {
            each_all_ctx c;
            uint64_t from = k == 0 ? 0 : reg_base[1] + rng_below(131072), v = 0;
            int rc;
            memset(&c, 0, sizeof c);
            c.sets = sets;
            c.n = 2 + k % 2;
            c.have = km__idset_next_all(sets, c.n, from, &v);
            c.expect = v;
            c.stop_after = k % 4 == 3 ? 1 + rng_below(5) : (size_t)-1;
            rc = km__idset_each_all(sets, c.n, from, each_all_check, &c);
            if (c.seen == c.stop_after) assert_int_equal(rc, 9);
            else {
                assert_int_equal(rc, 0);
                assert_false(c.have);
            }
            if (from == 0 && c.stop_after == (size_t)-1) assert_int_equal(c.seen, km__idset_count_all(sets, c.n));
        }
        for (j = 0; j < 3; j++) km__idset_free(&s[j]);
    }
}

/* km__idset_build gives the same set as adding the ids one by one, in
 * every form, and the set then behaves like any other; a failed build
 * leaves it empty and leaks nothing. */
static void test_build(void **state)
{
    static const size_t sizes[] = { 0, 1, 2, 4, 5, 63, 64, 65, 4096, 4097, 9000, 70000 };
    km_test_alloc ta;
    uint32_t *ids = (uint32_t *)test_malloc(70000 * sizeof *ids);
    size_t z, i;
    (void)state;
    km_test_alloc_init(&ta);
    for (z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        ref_set *r = ref_new();
        km__idset s;
        uint64_t id = reg_base[1], v;
        long n;
        /* Dense runs (bitmaps), sparse stretches (arrays) and chunk gaps. */
        for (i = 0; i < sizes[z]; i++) {
            id += i % 1000 < 900 ? 1 + rng_below(3) : 1 + rng_below(200);
            if (id >= reg_base[1] + REG_SIZE) break;
            ids[i] = (uint32_t)id;
            ref_put(r, id, 1);
        }
        for (n = 1;; n++) {
            long refused;
            int rc;
            km__idset_init(&s, km_test_alloc_get(&ta));
            km_test_alloc_fail_at(&ta, n);
            rc = km__idset_build(&s, ids, i);
            refused = ta.failures;
            km_test_alloc_fail_at(&ta, -1);
            if (rc == 0) break;
            assert_int_equal(rc, KM_ENOMEM);
            assert_int_equal(km__idset_count(&s), 0);
            assert_false(km__idset_next(&s, 0, &v));
            km__idset_free(&s);
            assert_int_equal(ta.live, 0);
            assert_true(refused > 0);
        }
        check_equal(&s, r);
        for (n = 0; n < 3000; n++) {
            uint64_t x = reg_base[1] + rng_below(REG_SIZE);
            if (rng_below(2)) {
                assert_int_equal(km__idset_add(&s, x), 0);
                ref_put(r, x, 1);
            } else {
                km__idset_remove(&s, x);
                ref_put(r, x, 0);
            }
        }
        check_equal(&s, r);
        km__idset_free(&s);
        assert_int_equal(ta.live, 0);
        test_free(r);
    }
    test_free(ids);
}

/* Intersections and counts mixing small and chunked sets. */
static void test_small_mixed_intersections(void **state)
{
    km__idset a, b, c;
    const km__idset *sets[3];
    uint64_t i, v, n = 0, from;
    (void)state;
    km__idset_init(&a, NULL);
    km__idset_init(&b, NULL);
    km__idset_init(&c, NULL);
    for (i = 0; i < 200000; i += 3) assert_int_equal(km__idset_add(&a, i), 0); /* chunks */
    for (i = 0; i < 40; i++) assert_int_equal(km__idset_add(&b, i * 4999), 0); /* small */
    for (i = 0; i < 30; i++) assert_int_equal(km__idset_add(&c, i * 2 * 4999), 0); /* small */
    km__idset_remove(&b, 3 * 4999);                                               /* a tombstone */
    assert_null(b.chunks);
    assert_non_null(a.chunks);
    sets[0] = &a;
    sets[1] = &b;
    sets[2] = &c;
    for (from = 0; km__idset_next_all(sets, 3, from, &v); from = v + 1) {
        assert_int_equal(v % 3, 0);
        assert_int_equal(v % (2 * 4999), 0);
        assert_true(v != 3 * 4999);
        n++;
    }
    assert_int_equal(km__idset_count_all(sets, 3), n);
    assert_int_equal(n, 7); /* j * 4999 for j = 0, 6, ..., 36 */
    assert_int_equal(km__idset_count_all(sets, 2), 13);
    assert_int_equal(km__idset_count(&b), 39);
    assert_true(km__idset_prev(&b, 4 * 4999 - 1, &v));
    assert_int_equal(v, 2 * 4999);
    km__idset_free(&a);
    km__idset_free(&b);
    km__idset_free(&c);
}

/* The first KM__IDSET_INLINE entries live in the set itself: adding them,
 * a tombstone among them, and building a set that small never allocate;
 * the entry that needs room moves them to an allocation, or fails leaving
 * the set as it was; freeing goes back to the inline form. */
static void test_inline_form(void **state)
{
    km_test_alloc ta;
    km__idset s;
    uint64_t v, ids[KM__IDSET_INLINE + 1];
    uint32_t few[KM__IDSET_INLINE];
    size_t i;
    long calls;
    (void)state;
    if (sizeof(void *) == 8) assert_int_equal(sizeof(km__idset), 64); /* one cache line */
    km_test_alloc_init(&ta);
    km__idset_init(&s, km_test_alloc_get(&ta));
    assert_true(km__idset_pristine(&s));
    for (i = 0; i <= KM__IDSET_INLINE; i++) ids[i] = (UINT64_C(5) << 29) + 1000 * (KM__IDSET_INLINE - i);
    km_test_alloc_fail_at(&ta, 1); /* every allocation refused */
    for (i = 0; i < KM__IDSET_INLINE; i++) assert_int_equal(km__idset_add(&s, ids[i]), 0); /* descending */
    assert_false(km__idset_pristine(&s));
    km__idset_remove(&s, ids[1]); /* a tombstone, inline */
    assert_int_equal(km__idset_count(&s), KM__IDSET_INLINE - 1);
    /* No room: the next entry (the smallest, in front of the tombstone)
     * needs an allocation, which is refused. */
    assert_int_equal(km__idset_add(&s, ids[KM__IDSET_INLINE]), KM_ENOMEM);
    assert_int_equal(km__idset_reserve(&s, ids[KM__IDSET_INLINE]), KM_ENOMEM);
    assert_int_equal(km__idset_count(&s), KM__IDSET_INLINE - 1);
    assert_false(km__idset_contains(&s, ids[KM__IDSET_INLINE]));
    assert_false(km__idset_contains(&s, ids[1]));
    assert_int_equal(km__idset_add(&s, ids[1]), 0); /* a tombstone revived: no room needed */
    km__idset_remove(&s, ids[1]);
    assert_int_equal(ta.calls, 2); /* only the two refused above */
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(km__idset_add(&s, ids[KM__IDSET_INLINE]), 0);
    assert_int_equal(ta.live, 1);
    /* Entries and the tombstone moved together: ids[1] is still out. */
    assert_int_equal(km__idset_count(&s), KM__IDSET_INLINE);
    assert_false(km__idset_contains(&s, ids[1]));
    assert_true(km__idset_next(&s, 0, &v));
    assert_int_equal(v, ids[KM__IDSET_INLINE]);
    assert_true(km__idset_next(&s, ids[2] + 1, &v));
    assert_int_equal(v, ids[0]);
    assert_true(km__idset_prev(&s, ids[0] - 1, &v));
    assert_int_equal(v, ids[2]);
    km__idset_free(&s);
    assert_int_equal(ta.live, 0);
    assert_true(km__idset_pristine(&s));
    assert_int_equal(km__idset_count(&s), 0);
    /* A build of that many never allocates; one more does. */
    for (i = 0; i < KM__IDSET_INLINE; i++) few[i] = (uint32_t)(7 + 3 * i);
    calls = ta.calls;
    km_test_alloc_fail_at(&ta, 1);
    assert_int_equal(km__idset_build(&s, few, KM__IDSET_INLINE), 0);
    assert_int_equal(km__idset_count(&s), KM__IDSET_INLINE);
    assert_true(km__idset_contains(&s, 7 + 3 * (KM__IDSET_INLINE - 1)));
    km__idset_free(&s);
    assert_int_equal(ta.calls, calls);
    km_test_alloc_fail_at(&ta, -1);
    assert_int_equal(ta.live, 0);
}

/* The small form keeps ids below 2^32 in 4 bytes each: an id beyond
 * turns the set into chunks (every entry, tombstones included, with room
 * kept for them), or fails leaving the small form as it was; afterwards
 * reviving the tombstone allocates nothing. Inline and heap forms both. */
static void test_large_id_leaves_small_form(void **state)
{
    static const size_t sizes[] = { 3, KM__IDSET_INLINE, KM__IDSET_INLINE + 5, KM__IDSET_SMALL_MAX };
    size_t k;
    (void)state;
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        km_test_alloc ta;
        km__idset s;
        uint64_t v, big = UINT64_C(1) << 32, dead = 0;
        size_t i, n = sizes[k];
        long calls;
        km_test_alloc_init(&ta);
        km__idset_init(&s, km_test_alloc_get(&ta));
        for (i = 0; i < n; i++) assert_int_equal(km__idset_add(&s, UINT32_MAX - 70000 * (uint64_t)i), 0);
        dead = UINT32_MAX - 70000 * (uint64_t)(n / 2);
        km__idset_remove(&s, dead);
        km_test_alloc_fail_at(&ta, 1);
        assert_int_equal(km__idset_add(&s, big), KM_ENOMEM);
        assert_int_equal(km__idset_reserve(&s, big + 5), KM_ENOMEM);
        km_test_alloc_fail_at(&ta, -1);
        assert_int_equal(km__idset_count(&s), n - 1);
        assert_false(km__idset_contains(&s, big));
        assert_false(km__idset_contains(&s, dead));
        assert_int_equal(km__idset_add(&s, big), 0);
        assert_int_equal(km__idset_count(&s), n);
        assert_true(km__idset_contains(&s, big));
        assert_true(km__idset_contains(&s, UINT32_MAX));
        assert_false(km__idset_contains(&s, dead));
        assert_true(km__idset_next(&s, UINT32_MAX, &v));
        assert_int_equal(v, UINT32_MAX);
        assert_true(km__idset_next(&s, (uint64_t)UINT32_MAX + 1, &v));
        assert_int_equal(v, big);
        assert_true(km__idset_prev(&s, big - 1, &v));
        assert_int_equal(v, UINT32_MAX);
        calls = ta.calls;
        km_test_alloc_fail_at(&ta, 1);
        assert_int_equal(km__idset_add(&s, dead), 0); /* its chunk kept room for it */
        assert_int_equal(ta.calls, calls);
        km_test_alloc_fail_at(&ta, -1);
        assert_int_equal(km__idset_count(&s), n + 1);
        km__idset_free(&s);
        assert_int_equal(ta.live, 0);
    }
}

/* SQLite-style OOM loop: fail the N-th allocation (and all after it) for
 * N = 1, 2, ... until a run completes without any failure. */
static void test_oom_add(void **state)
{
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        km__idset s;
        ref_set *r = ref_new();
        long failures;
        uint64_t i;
        rng_seed(0x00f);
        km__idset_init(&s, km_test_alloc_get(&ta));
        km_test_alloc_fail_at(&ta, n);
        for (i = 0; i < 6000; i++) {
            /* Mostly one chunk (array growth, conversion to bitmap), plus
             * many distinct chunks (chunk array growth). */
            uint64_t id = (i % 7 == 0) ? reg_base[rng_below(NREG)] + rng_below(REG_SIZE)
                                       : (UINT64_C(1) << 40) + rng_below(65536);
            uint64_t before = km__idset_count(&s);
            int had = km__idset_contains(&s, id);
            int rc = km__idset_add(&s, id);
            if (rc == 0) {
                ref_put(r, id, 1);
                assert_true(km__idset_contains(&s, id));
            } else {
                assert_int_equal(rc, KM_ENOMEM);
                assert_false(had);
                assert_false(km__idset_contains(&s, id));
                assert_int_equal(km__idset_count(&s), before);
            }
            if (i % 1000 == 0) {
                /* reserve must also fail cleanly */
                uint64_t rid = reg_base[3] + i / 1000;
                rc = km__idset_reserve(&s, rid);
                if (rc == 0) {
                    long calls = ta.calls;
                    assert_int_equal(km__idset_add(&s, rid), 0);
                    assert_int_equal(ta.calls, calls);
                    ref_put(r, rid, 1);
                } else {
                    assert_int_equal(rc, KM_ENOMEM);
                }
                assert_int_equal(km__idset_count(&s), ref_count(r));
            }
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        check_equal(&s, r);
        km__idset_free(&s);
        assert_int_equal(ta.live, 0);
        assert_int_equal(ta.live_bytes, 0);
        test_free(r);
        if (failures == 0) break;
    }
    assert_true(n > 10);
}

/* Whether a and b hold the same ids, walked in order. */
static void check_same(const km__idset *a, const km__idset *b)
{
    uint64_t x, y, from = 0;
    int fa, fb;
    for (;;) {
        fa = km__idset_next(a, from, &x);
        fb = km__idset_next(b, from, &y);
        assert_int_equal(fa, fb);
        if (!fa) break;
        assert_int_equal(x, y);
        from = x + 1;
    }
    assert_int_equal(km__idset_count(a), km__idset_count(b));
}

/* A random ascending run of up to 6,000 ids: dense or sparse, from any
 * point (below the set's largest id too, so that not every run appends),
 * sometimes across a 2^16 boundary or near the top of uint32. */
static size_t rand_run(uint32_t *ids, uint32_t base)
{
    size_t n = (size_t)rng_below(6001), i;
    uint32_t id = base + (uint32_t)rng_below(70000), step = 1 + (uint32_t)rng_below(rng_below(2) ? 3 : 40);
    if (rng_below(8) == 0) id = UINT32_MAX - (uint32_t)rng_below(20000);
    for (i = 0; i < n; i++) {
        ids[i] = id;
        if (id > UINT32_MAX - step) return i + 1;
        id += step;
    }
    return n;
}

/* km__idset_add_run against one km__idset_add per id: small form, inline
 * form, conversion to chunks, array growth, arrays turning into bitmaps,
 * appends to the last chunk and runs that fall inside or below it. */
static void test_add_run(void **state)
{
    static uint32_t ids[6000];
    int round, trial;
    (void)state;
    rng_seed(0x5a17);
    for (trial = 0; trial < 40; trial++) {
        km__idset a, b;
        uint32_t base = (uint32_t)rng_below(4) * 65536u * 3u;
        km__idset_init(&a, NULL);
        km__idset_init(&b, NULL);
        for (round = 0; round < 12; round++) {
            size_t n = rand_run(ids, base), done = 99, i;
            if (trial % 4 == 0) n = n < 3 ? n : 3; /* stays small or inline */
            assert_int_equal(km__idset_add_run(&a, ids, n, &done), 0);
            assert_int_equal(done, n);
            for (i = 0; i < n; i++) assert_int_equal(km__idset_add(&b, ids[i]), 0);
            check_same(&a, &b);
            if (trial % 2) base += 1000; /* the next run mostly appends */
        }
        km__idset_free(&a);
        km__idset_free(&b);
    }
}

/* Out of memory at every allocation of a sequence of runs: *done ids went
 * in, the rest did not, and nothing leaks. */
static void test_add_run_oom(void **state)
{
    static uint32_t ids[6000];
    km_test_alloc ta;
    long n;
    (void)state;
    km_test_alloc_init(&ta);
    for (n = 1;; n++) {
        km__idset a, b;
        long failures;
        int round;
        rng_seed(0x0a11);
        km__idset_init(&a, km_test_alloc_get(&ta));
        km__idset_init(&b, NULL);
        km_test_alloc_fail_at(&ta, n);
        for (round = 0; round < 8; round++) {
            size_t len = rand_run(ids, (uint32_t)round * 9000u), done = 0, i;
            int rc = km__idset_add_run(&a, ids, len, &done);
            if (rc == 0) assert_int_equal(done, len);
            else assert_int_equal(rc, KM_ENOMEM);
            assert_true(done <= len);
            for (i = 0; i < done; i++) assert_int_equal(km__idset_add(&b, ids[i]), 0);
            for (i = done; i < len; i++) assert_false(km__idset_contains(&a, ids[i]) && !km__idset_contains(&b, ids[i]));
            check_same(&a, &b);
        }
        failures = ta.failures;
        km_test_alloc_fail_at(&ta, -1);
        km__idset_free(&a);
        km__idset_free(&b);
        assert_int_equal(ta.live, 0);
        if (failures == 0) break;
    }
    assert_true(n > 5);
}

static void test_reserve(void **state)
{
    km_test_alloc ta;
    km__idset s;
    uint64_t i, base = UINT64_C(9) << 16;
    (void)state;
    km_test_alloc_init(&ta);
    km__idset_init(&s, km_test_alloc_get(&ta));
    /* Into a fresh chunk, a growing array and a full array. */
    for (i = 0; i < 5000; i++) {
        assert_int_equal(km__idset_reserve(&s, base + i), 0);
        km_test_alloc_fail_at(&ta, 1);
        assert_int_equal(km__idset_add(&s, base + i), 0);
        assert_int_equal(ta.failures, 0);
        km_test_alloc_fail_at(&ta, -1);
    }
    assert_int_equal(km__idset_reserve(&s, base + 3), 0); /* present */
    assert_int_equal(km__idset_count(&s), 5000);
    /* A reserved but never added id leaves an empty chunk behind, which
     * searches must skip. */
    assert_int_equal(km__idset_reserve(&s, UINT64_C(1) << 50), 0);
    assert_int_equal(km__idset_count(&s), 5000);
    {
        uint64_t v;
        assert_false(km__idset_next(&s, base + 5000, &v));
        assert_false(km__idset_contains(&s, UINT64_C(1) << 50));
    }
    km__idset_free(&s);
    assert_int_equal(ta.live, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_array_bitmap_conversion),
        cmocka_unit_test(test_random_vs_reference),
        cmocka_unit_test(test_next_all),
        cmocka_unit_test(test_next_all_dense_bitmaps),
        cmocka_unit_test(test_remove_readd_no_alloc),
        cmocka_unit_test(test_reverse_undo_no_alloc),
        cmocka_unit_test(test_small_form_undo_across_conversion),
        cmocka_unit_test(test_small_mixed_intersections),
        cmocka_unit_test(test_each),
        cmocka_unit_test(test_each_all),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_oom_add),
        cmocka_unit_test(test_reserve),
        cmocka_unit_test(test_add_run),
        cmocka_unit_test(test_add_run_oom),
        cmocka_unit_test(test_inline_form),
        cmocka_unit_test(test_large_id_leaves_small_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
