/* Compressed id sets (Roaring-style chunks of sorted uint16 arrays or 64 Kibit
 * bitmaps), the posting lists of the secondary indexes. See idset.h for the
 * allocation guarantees that transaction undo relies on. */
#include "util/idset.h"
#include "util/prefetch.h"
#include "core/alloc.h"
#include "core/error.h"

#include <string.h>

/* Beyond 4096 ids an array (2 bytes per id) would outgrow the 8 KiB bitmap. */
#define ARRAY_MAX 4096u
#define BITMAP_WORDS 1024u
#define ARRAY_INIT_CAP 4u
#define KEY_MAX (UINT64_MAX >> 16)
/* next_all/count_all keep one chunk pointer per set on the stack; larger
 * intersections (rare: an index filter rarely has more than a handful of
 * terms) take the slower id-level leapfrog instead of failing. */
#define FAST_SETS_MAX 16u

/* KM_NO_BUILTINS forces the portable fallbacks (used to test them). */

/* ---- bit tricks ---------------------------------------------------------- */

static unsigned ctz64(uint64_t x) /* x != 0 */
{
#if (defined(__GNUC__) || defined(__clang__)) && !defined(KM_NO_BUILTINS)
    return (unsigned)__builtin_ctzll(x);
#else
    /* De Bruijn multiplication: isolate the lowest bit, then a perfect hash
     * of the 64 possible powers of two gives its index. */
    static const unsigned char tab[64] = {
        0, 1, 2, 53, 3, 7, 54, 27, 4, 38, 41, 8, 34, 55, 48, 28,
        62, 5, 39, 46, 44, 42, 22, 9, 24, 35, 59, 56, 49, 18, 29, 11,
        63, 52, 6, 26, 37, 40, 33, 47, 61, 45, 43, 21, 23, 58, 17, 10,
        51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12
    };
    return tab[((x & (~x + 1)) * UINT64_C(0x022fdd63cc95386d)) >> 58];
#endif
}

static unsigned msb64(uint64_t x) /* x != 0; index of the highest set bit */
{
#if (defined(__GNUC__) || defined(__clang__)) && !defined(KM_NO_BUILTINS)
    return 63u - (unsigned)__builtin_clzll(x);
#else
    unsigned r = 0;
    if (x >> 32) { x >>= 32; r += 32; }
    if (x >> 16) { x >>= 16; r += 16; }
    if (x >> 8) { x >>= 8; r += 8; }
    if (x >> 4) { x >>= 4; r += 4; }
    if (x >> 2) { x >>= 2; r += 2; }
    if (x >> 1) r += 1;
    return r;
#endif
}

static unsigned popcount64(uint64_t x)
{
#if (defined(__GNUC__) || defined(__clang__)) && !defined(KM_NO_BUILTINS)
    return (unsigned)__builtin_popcountll(x);
#else
    x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
    x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
    x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
    return (unsigned)((x * UINT64_C(0x0101010101010101)) >> 56);
#endif
}

/* ---- chunk level ----------------------------------------------------------- */

/* First index in arr[0..n) whose value is >= v. Ids mostly arrive in
 * ascending order (new entities get the next id), so a value past the end
 * is answered from the last element alone. */
static uint32_t arr_lower(const uint16_t *arr, uint32_t n, uint32_t v)
{
    uint32_t lo = 0, hi = n;
    if (n == 0 || arr[n - 1] < v) return n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (arr[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int chunk_contains(const km__idchunk *c, uint32_t low)
{
    if (c->bitmap) {
        const uint64_t *bm = (const uint64_t *)c->data;
        return (int)((bm[low >> 6] >> (low & 63)) & 1u);
    } else {
        const uint16_t *arr = (const uint16_t *)c->data;
        uint32_t pos = arr_lower(arr, c->card, low);
        return pos < c->card && arr[pos] == low;
    }
}

/* Smallest value >= low in the chunk (low <= 65535). */
static int chunk_next(const km__idchunk *c, uint32_t low, uint32_t *out)
{
    if (c->bitmap) {
        const uint64_t *bm = (const uint64_t *)c->data;
        uint32_t w = low >> 6;
        uint64_t word = bm[w] & (~UINT64_C(0) << (low & 63));
        for (;;) {
            if (word) {
                *out = (w << 6) + ctz64(word);
                return 1;
            }
            if (++w == BITMAP_WORDS) return 0;
            word = bm[w];
        }
    } else {
        const uint16_t *arr = (const uint16_t *)c->data;
        uint32_t pos = arr_lower(arr, c->card, low);
        if (pos == c->card) return 0;
        *out = arr[pos];
        return 1;
    }
}

/* Largest value <= low in the chunk (low <= 65535). */
static int chunk_prev(const km__idchunk *c, uint32_t low, uint32_t *out)
{
    if (c->bitmap) {
        const uint64_t *bm = (const uint64_t *)c->data;
        uint32_t w = low >> 6;
        unsigned b = low & 63;
        uint64_t word = bm[w] & (b == 63 ? ~UINT64_C(0) : ((UINT64_C(1) << (b + 1)) - 1));
        for (;;) {
            if (word) {
                *out = (w << 6) + msb64(word);
                return 1;
            }
            if (w == 0) return 0;
            word = bm[--w];
        }
    } else {
        const uint16_t *arr = (const uint16_t *)c->data;
        uint32_t pos = arr_lower(arr, c->card, low + 1); /* first > low */
        if (pos == 0) return 0;
        *out = arr[pos - 1];
        return 1;
    }
}

/* Ensures that inserting one more (absent) value into c cannot allocate.
 * 0 or KM_ENOMEM with c untouched. */
static int chunk_make_room(const km_allocator *a, km__idchunk *c)
{
    if (c->bitmap || c->card < c->cap) return 0;
    if (c->cap >= ARRAY_MAX) {
        /* The array is full at its maximum size: the next id turns it into a
         * bitmap, which is never turned back (removal must not allocate). */
        const uint16_t *arr = (const uint16_t *)c->data;
        uint64_t *bm = (uint64_t *)km__calloc(a, BITMAP_WORDS, sizeof(uint64_t));
        uint32_t i;
        if (!bm) return km__nomem();
        for (i = 0; i < c->card; i++) bm[arr[i] >> 6] |= UINT64_C(1) << (arr[i] & 63);
        km__free(a, c->data);
        c->data = bm;
        c->bitmap = 1;
        c->cap = 0;
        return 0;
    } else {
        uint32_t ncap = c->cap ? 2u * c->cap : ARRAY_INIT_CAP;
        void *p;
        if (ncap > ARRAY_MAX) ncap = ARRAY_MAX;
        p = km__realloc(a, c->data, ncap * sizeof(uint16_t));
        if (!p) return km__nomem();
        c->data = p;
        c->cap = (uint16_t)ncap;
        return 0;
    }
}

/* Inserts an absent value; room must have been made. */
static void chunk_insert(km__idchunk *c, uint32_t low)
{
    if (c->bitmap) {
        uint64_t *bm = (uint64_t *)c->data;
        bm[low >> 6] |= UINT64_C(1) << (low & 63);
    } else {
        uint16_t *arr = (uint16_t *)c->data;
        uint32_t pos = arr_lower(arr, c->card, low);
        memmove(arr + pos + 1, arr + pos, (c->card - pos) * sizeof(uint16_t));
        arr[pos] = (uint16_t)low;
    }
    c->card++;
}

/* ---- small form -------------------------------------------------------------
 * A tombstone mask and the entries (ids below 2^32) in ascending order,
 * inside the set while cap <= KM__IDSET_INLINE (one mask word), else in
 * s->small.heap (mask_words(cap) words, then cap uint32_t). An entry is
 * an id of the set unless its mask bit is set. */

/* 64-bit words of the tombstone mask of a small form of cap entries. */
static size_t mask_words(size_t cap) { return cap <= 64 ? 1u : (cap + 63) / 64; }

/* Like strchr, const in and mutable out: the writers pass their own set. */
static uint64_t *mask_of(const km__idset *s)
{
    return s->cap <= KM__IDSET_INLINE ? (uint64_t *)(uintptr_t)&s->small.inl.mask : s->small.heap;
}

static uint32_t *entries(const km__idset *s)
{
    return s->cap <= KM__IDSET_INLINE ? (uint32_t *)(uintptr_t)s->small.inl.e
                                      : (uint32_t *)(void *)(s->small.heap + mask_words(s->cap));
}

/* Bytes of a small form's allocation of cap entries. */
static size_t small_bytes(size_t cap) { return mask_words(cap) * sizeof(uint64_t) + cap * sizeof(uint32_t); }

static int is_dead(const km__idset *s, size_t i) { return (int)((mask_of(s)[i / 64] >> (i % 64)) & 1u); }
static void set_dead(km__idset *s, size_t i) { mask_of(s)[i / 64] |= UINT64_C(1) << (i % 64); }
static void set_live(km__idset *s, size_t i) { mask_of(s)[i / 64] &= ~(UINT64_C(1) << (i % 64)); }

/* A small form's allocation of cap entries holding the n entries e, with
 * no tombstones; NULL when out of memory. */
static uint64_t *small_new(const km_allocator *a, size_t cap, const uint32_t *e, size_t n)
{
    uint64_t *p = (uint64_t *)km__malloc(a, small_bytes(cap));
    if (!p) return NULL;
    memset(p, 0, mask_words(cap) * sizeof *p);
    memcpy(p + mask_words(cap), e, n * sizeof *e);
    return p;
}

/* The empty small form: inline, no tombstones. */
static void small_reset(km__idset *s)
{
    s->chunks = NULL;
    s->n = 0;
    s->cap = KM__IDSET_INLINE;
    s->small.inl.mask = 0;
}

/* First entry index whose id is >= id. */
static size_t small_lower(const km__idset *s, uint64_t id)
{
    const uint32_t *e = entries(s);
    size_t lo = 0, hi = s->n;
    if (hi == 0 || e[hi - 1] < id) return hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static uint64_t small_count(const km__idset *s)
{
    /* Tombstones are rare: skip the popcount (a library call without
     * -mpopcnt) when there are none. */
    const uint64_t *m = mask_of(s);
    size_t w, nw = mask_words(s->cap);
    uint64_t dead = 0;
    for (w = 0; w < nw; w++)
        if (m[w]) dead += popcount64(m[w]);
    return (uint64_t)s->n - dead;
}

/* Room for one more entry (cap < KM__IDSET_SMALL_MAX): the inline words
 * move to an allocation, or the allocation grows by half (its entries
 * moving up when the mask gains words). By half rather than double: at a
 * million partners the agreements of each are such arrays, and doubling
 * left a quarter of their bytes unused on average. */
static int small_grow(km__idset *s)
{
    uint32_t ncap = (s->cap + s->cap / 2 + 3) & ~3u;
    size_t ow, nw;
    uint64_t *p;
    if (ncap > KM__IDSET_SMALL_MAX) ncap = KM__IDSET_SMALL_MAX;
    nw = mask_words(ncap);
    if (s->cap <= KM__IDSET_INLINE) {
        if (!(p = small_new(s->a, ncap, s->small.inl.e, s->n))) return km__nomem();
        p[0] = s->small.inl.mask;
    } else {
        ow = mask_words(s->cap);
        p = (uint64_t *)km__realloc(s->a, s->small.heap, small_bytes(ncap));
        if (!p) return km__nomem();
        if (nw > ow) {
            memmove(p + nw, p + ow, s->n * sizeof(uint32_t));
            memset(p + ow, 0, (nw - ow) * sizeof *p);
        }
    }
    s->small.heap = p;
    s->cap = ncap;
    return 0;
}

/* Inserts an absent entry at index i (room made): the entries and the
 * mask bits from i on move up one. */
static void small_insert(km__idset *s, size_t i, uint64_t id)
{
    uint64_t *m = mask_of(s), low;
    uint32_t *e = entries(s);
    size_t w = i / 64, k = (size_t)s->n / 64; /* the last word holding a bit (bit n goes in too) */
    for (; k > w; k--) m[k] = (m[k] << 1) | (m[k - 1] >> 63);
    low = m[w] & ((UINT64_C(1) << (i % 64)) - 1);
    m[w] = low | ((m[w] & ~low) << 1);
    memmove(e + i + 1, e + i, (s->n - i) * sizeof *e);
    e[i] = (uint32_t)id;
    s->n++;
}

/* Turns the small form into chunks: one per key of any entry, tombstones
 * included, each with room for all its entries, so that re-adding a
 * tombstone never allocates. All allocation happens first: on failure the
 * set is left as it was. */
static int small_to_chunks(km__idset *s)
{
    const uint32_t *e = entries(s);
    size_t nkeys = 0, i, j, k;
    km__idchunk *cs;
    for (i = 0; i < s->n; i++)
        if (i == 0 || e[i] >> 16 != e[i - 1] >> 16) nkeys++;
    cs = (km__idchunk *)km__calloc(s->a, nkeys ? nkeys : 1, sizeof *cs);
    if (!cs) return km__nomem();
    for (i = 0, k = 0; i < s->n; i = j, k++) {
        uint32_t cap = ARRAY_INIT_CAP;
        size_t t;
        for (j = i; j < s->n && e[j] >> 16 == e[i] >> 16; j++) {}
        while (cap < j - i) cap *= 2;
        cs[k].key = e[i] >> 16;
        cs[k].cap = (uint16_t)cap;
        cs[k].data = km__malloc(s->a, cap * sizeof(uint16_t));
        if (!cs[k].data) {
            while (k-- > 0) km__free(s->a, cs[k].data);
            km__free(s->a, cs);
            return km__nomem();
        }
        for (t = i; t < j; t++)
            if (!is_dead(s, t)) ((uint16_t *)cs[k].data)[cs[k].card++] = (uint16_t)(e[t] & 0xFFFFu);
    }
    if (s->cap > KM__IDSET_INLINE) km__free(s->a, s->small.heap);
    s->chunks = cs;
    s->n = (uint32_t)nkeys; /* at most KM__IDSET_SMALL_MAX */
    s->cap = nkeys ? (uint32_t)nkeys : 1u;
    return 0;
}

static int small_add(km__idset *s, uint64_t id, int reserve_only)
{
    size_t i = small_lower(s, id);
    int rc;
    if (i < s->n && entries(s)[i] == id) {
        if (!reserve_only) set_live(s, i); /* present, or a tombstone revived */
        return 0;
    }
    if (id > UINT32_MAX) return small_to_chunks(s); /* beyond an entry: the caller goes on with chunks */
    if (s->n == s->cap) {
        if (s->cap == KM__IDSET_SMALL_MAX) return small_to_chunks(s); /* the caller goes on with chunks */
        if ((rc = small_grow(s)) != 0) return rc;
    }
    if (!reserve_only) small_insert(s, i, id);
    return 0;
}

static int small_next(const km__idset *s, uint64_t from, uint64_t *out)
{
    size_t i;
    for (i = small_lower(s, from); i < s->n; i++) {
        if (is_dead(s, i)) continue;
        *out = entries(s)[i];
        return 1;
    }
    return 0;
}

static int small_prev(const km__idset *s, uint64_t from, uint64_t *out)
{
    size_t i = small_lower(s, from);
    if (i < s->n && entries(s)[i] == from) i++; /* i = first entry > from */
    while (i-- > 0) {
        if (is_dead(s, i)) continue;
        *out = entries(s)[i];
        return 1;
    }
    return 0;
}

/* ---- set level ------------------------------------------------------------- */

/* First chunk index whose key is >= key. */
static size_t key_lower(const km__idset *s, uint64_t key)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->chunks[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static km__idchunk *find_chunk(const km__idset *s, uint64_t key)
{
    size_t i;
    if (s->n && s->chunks[s->n - 1].key == key) return &s->chunks[s->n - 1]; /* the common append */
    i = key_lower(s, key);
    return (i < s->n && s->chunks[i].key == key) ? &s->chunks[i] : NULL;
}

/* First non-empty chunk whose key is >= key, or NULL. */
static const km__idchunk *seek_chunk(const km__idset *s, uint64_t key)
{
    size_t i = key_lower(s, key);
    while (i < s->n && s->chunks[i].card == 0) i++;
    return i < s->n ? &s->chunks[i] : NULL;
}

/* Creates an empty array chunk for key (absent) at its sorted position.
 * Both allocations happen before anything is changed so that a failure
 * leaves the set as it was. */
static int insert_chunk(km__idset *s, uint64_t key, km__idchunk **out)
{
    size_t i = key_lower(s, key), cap = s->cap;
    void *arr;
    km__idchunk *c;
    int rc;
    /* n and cap are 32-bit: 2^32 chunks would be 100 GB of headers. */
    if (s->n == UINT32_MAX) return km__nomem();
    if ((arr = km__malloc(s->a, ARRAY_INIT_CAP * sizeof(uint16_t))) == NULL) return km__nomem();
    rc = km__grow(s->a, (void **)&s->chunks, &cap, (size_t)s->n + 1, sizeof(km__idchunk));
    if (rc == 0 && cap > UINT32_MAX) cap = UINT32_MAX; /* room beyond is never used */
    if (rc) {
        km__free(s->a, arr);
        return rc;
    }
    s->cap = (uint32_t)cap;
    memmove(s->chunks + i + 1, s->chunks + i, (s->n - i) * sizeof(km__idchunk));
    s->n++;
    c = &s->chunks[i];
    c->key = key;
    c->data = arr;
    c->card = 0;
    c->cap = ARRAY_INIT_CAP;
    c->bitmap = 0;
    *out = c;
    return 0;
}

void km__idset_init(km__idset *s, const km_allocator *a)
{
    small_reset(s);
    s->a = a ? a : &km__default_allocator;
}

void km__idset_free(km__idset *s)
{
    size_t i;
    if (s->chunks) {
        for (i = 0; i < s->n; i++) km__free(s->a, s->chunks[i].data);
        km__free(s->a, s->chunks);
    } else if (s->cap > KM__IDSET_INLINE) {
        km__free(s->a, s->small.heap);
    }
    small_reset(s);
}

int km__idset_add(km__idset *s, uint64_t id)
{
    uint32_t low = (uint32_t)(id & 0xFFFFu);
    km__idchunk *c;
    int rc;
    if (!s->chunks) {
        if ((rc = small_add(s, id, 0)) != 0 || !s->chunks) return rc;
        /* The small form was full and is now chunks: add there. */
    }
    c = find_chunk(s, id >> 16);
    if (!c) {
        rc = insert_chunk(s, id >> 16, &c);
        if (rc) return rc;
        /* A fresh chunk has room for one id, so this cannot fail now. */
    } else {
        if (chunk_contains(c, low)) return 0;
        rc = chunk_make_room(s->a, c);
        if (rc) return rc;
    }
    chunk_insert(c, low);
    return 0;
}

/* How many of ids[0..n) the last chunk of s takes as an append: ids of its
 * key above its largest (all of them then, since they ascend), as far as
 * an array has room or any for a bitmap. 0 when the next id is not such an
 * append (a km__idset_add then) or the array is full. */
static size_t append_room(const km__idset *s, const uint32_t *ids, size_t n)
{
    const km__idchunk *c;
    size_t m = 0, room;
    if (!s->chunks) return 0;
    c = &s->chunks[s->n - 1];
    if (((uint64_t)ids[0] >> 16) != c->key) return 0;
    if (c->bitmap) {
        room = n;
    } else {
        if (c->card && ((const uint16_t *)c->data)[c->card - 1] >= (ids[0] & 0xFFFFu)) return 0;
        room = (size_t)c->cap - c->card;
    }
    while (m < n && m < room && ((uint64_t)ids[m] >> 16) == c->key) m++;
    return m;
}

int km__idset_add_run(km__idset *s, const uint32_t *ids, size_t n, size_t *done)
{
    size_t t = 0, m, j;
    int rc = 0;
    while (t < n) {
        if ((m = append_room(s, ids + t, n - t)) == 0) { /* the general case, one id */
            if ((rc = km__idset_add(s, ids[t])) != 0) break;
            t++;
            continue;
        }
        {
            km__idchunk *c = &s->chunks[s->n - 1];
            if (c->bitmap) {
                uint64_t *bm = (uint64_t *)c->data;
                for (j = 0; j < m; j++) {
                    uint32_t low = ids[t + j] & 0xFFFFu;
                    uint64_t bit = UINT64_C(1) << (low & 63);
                    c->card += !(bm[low >> 6] & bit);
                    bm[low >> 6] |= bit;
                }
            } else {
                uint16_t *arr = (uint16_t *)c->data + c->card;
                for (j = 0; j < m; j++) arr[j] = (uint16_t)(ids[t + j] & 0xFFFFu);
                c->card += (uint32_t)m;
            }
        }
        t += m;
    }
    *done = t;
    return rc;
}

void km__idset_prefetch_tail(const km__idset *s, int level)
{
    if (s->chunks) {
        const km__idchunk *c = &s->chunks[s->n - 1];
        if (level == 0) KM__PREFETCH(c);
        else if (!c->bitmap && c->card) KM__PREFETCH((const uint16_t *)c->data + c->card - 1);
    } else if (s->cap > KM__IDSET_INLINE && level == 0) {
        KM__PREFETCH(entries(s) + s->n);
    }
}

int km__idset_reserve(km__idset *s, uint64_t id)
{
    uint32_t low = (uint32_t)(id & 0xFFFFu);
    km__idchunk *c;
    int rc;
    if (!s->chunks) {
        if ((rc = small_add(s, id, 1)) != 0 || !s->chunks) return rc;
    }
    c = find_chunk(s, id >> 16);
    if (!c) return insert_chunk(s, id >> 16, &c); /* empty chunks are legal */
    if (chunk_contains(c, low)) return 0;
    return chunk_make_room(s->a, c);
}

void km__idset_remove(km__idset *s, uint64_t id)
{
    uint32_t low = (uint32_t)(id & 0xFFFFu);
    km__idchunk *c;
    if (!s->chunks) {
        size_t i = small_lower(s, id);
        if (i < s->n && entries(s)[i] == id) set_dead(s, i); /* a tombstone */
        return;
    }
    c = find_chunk(s, id >> 16);
    if (!c) return;
    if (c->bitmap) {
        uint64_t *bm = (uint64_t *)c->data;
        uint64_t bit = UINT64_C(1) << (low & 63);
        if (bm[low >> 6] & bit) {
            bm[low >> 6] &= ~bit;
            c->card--;
        }
    } else {
        uint16_t *arr = (uint16_t *)c->data;
        uint32_t pos = arr_lower(arr, c->card, low);
        if (pos < c->card && arr[pos] == low) {
            memmove(arr + pos, arr + pos + 1, (c->card - pos - 1) * sizeof(uint16_t));
            c->card--;
        }
    }
}

int km__idset_contains(const km__idset *s, uint64_t id)
{
    const km__idchunk *c;
    if (!s->chunks) {
        size_t i = small_lower(s, id);
        return i < s->n && entries(s)[i] == id && !is_dead(s, i);
    }
    c = find_chunk(s, id >> 16);
    return c ? chunk_contains(c, (uint32_t)(id & 0xFFFFu)) : 0;
}

uint64_t km__idset_count(const km__idset *s)
{
    uint64_t total = 0;
    size_t i;
    if (!s->chunks) return small_count(s);
    for (i = 0; i < s->n; i++) total += s->chunks[i].card;
    return total;
}

int km__idset_next(const km__idset *s, uint64_t from, uint64_t *out)
{
    uint64_t key = from >> 16;
    size_t i;
    if (!s->chunks) return small_next(s, from, out);
    for (i = key_lower(s, key); i < s->n; i++) {
        const km__idchunk *c = &s->chunks[i];
        uint32_t v;
        if (c->card == 0) continue;
        if (chunk_next(c, c->key == key ? (uint32_t)(from & 0xFFFFu) : 0u, &v)) {
            *out = (c->key << 16) | v;
            return 1;
        }
    }
    return 0;
}

int km__idset_build(km__idset *s, const uint32_t *ids, size_t n)
{
    size_t nkeys = 0, i, j, k;
    km__idchunk *cs;
    if (n == 0) return 0;
    if (n <= KM__IDSET_INLINE) {
        memcpy(s->small.inl.e, ids, n * sizeof *ids);
        s->n = (uint32_t)n;
        return 0;
    }
    if (n <= KM__IDSET_SMALL_MAX) {
        uint64_t *p = small_new(s->a, n, ids, n);
        if (!p) return km__nomem();
        s->small.heap = p;
        s->n = s->cap = (uint32_t)n;
        return 0;
    }
    for (i = 0; i < n; i++)
        if (i == 0 || ids[i] >> 16 != ids[i - 1] >> 16) nkeys++;
    /* n and cap are 32-bit (ids are 32-bit here, so nkeys <= 65536). */
    cs = (km__idchunk *)km__calloc(s->a, nkeys, sizeof *cs);
    if (!cs) return km__nomem();
    for (i = 0, k = 0; i < n; i = j, k++) {
        uint32_t card;
        for (j = i; j < n && ids[j] >> 16 == ids[i] >> 16; j++) {}
        card = (uint32_t)(j - i);
        cs[k].key = ids[i] >> 16;
        cs[k].card = card;
        if (card > ARRAY_MAX) {
            uint64_t *bm = (uint64_t *)km__calloc(s->a, BITMAP_WORDS, sizeof *bm);
            size_t t;
            cs[k].data = bm;
            cs[k].bitmap = 1;
            if (bm)
                for (t = i; t < j; t++) bm[(ids[t] & 0xFFFFu) >> 6] |= UINT64_C(1) << (ids[t] & 63);
        } else {
            uint16_t *arr = (uint16_t *)km__malloc(s->a, (card < ARRAY_INIT_CAP ? ARRAY_INIT_CAP : card) * sizeof *arr);
            size_t t;
            cs[k].data = arr;
            cs[k].cap = (uint16_t)(card < ARRAY_INIT_CAP ? ARRAY_INIT_CAP : card);
            if (arr)
                for (t = i; t < j; t++) arr[t - i] = (uint16_t)(ids[t] & 0xFFFFu);
        }
        if (!cs[k].data) {
            while (k-- > 0) km__free(s->a, cs[k].data);
            km__free(s->a, cs);
            return km__nomem();
        }
    }
    s->chunks = cs;
    s->n = s->cap = (uint32_t)nkeys;
    return 0;
}

int km__idset_each(const km__idset *s, uint64_t from, int (*fn)(void *payload, uint64_t id), void *payload)
{
    size_t i;
    int rc;
    if (!s->chunks) {
        for (i = small_lower(s, from); i < s->n; i++)
            if (!is_dead(s, i) && (rc = fn(payload, entries(s)[i])) != 0) return rc;
        return 0;
    }
    for (i = key_lower(s, from >> 16); i < s->n; i++) {
        const km__idchunk *c = &s->chunks[i];
        uint64_t base = c->key << 16;
        uint32_t low = c->key == from >> 16 ? (uint32_t)(from & 0xFFFFu) : 0u;
        if (c->bitmap) {
            const uint64_t *bm = (const uint64_t *)c->data;
            uint32_t w = low >> 6;
            uint64_t word = bm[w] & (~UINT64_C(0) << (low & 63));
            for (;;) {
                while (word) {
                    if ((rc = fn(payload, base + (w << 6) + ctz64(word))) != 0) return rc;
                    word &= word - 1;
                }
                if (++w == BITMAP_WORDS) break;
                word = bm[w];
            }
        } else {
            const uint16_t *arr = (const uint16_t *)c->data;
            uint32_t k;
            for (k = low ? arr_lower(arr, c->card, low) : 0; k < c->card; k++)
                if ((rc = fn(payload, base + arr[k])) != 0) return rc;
        }
    }
    return 0;
}

struct fill_state {
    uint64_t *out;
    size_t n, max;
};

static int fill_one(void *payload, uint64_t id)
{
    struct fill_state *f = (struct fill_state *)payload;
    f->out[f->n++] = id;
    return f->n == f->max;
}

size_t km__idset_fill(const km__idset *s, uint64_t from, uint64_t *out, size_t max)
{
    struct fill_state f;
    f.out = out;
    f.n = 0;
    f.max = max;
    if (max) (void)km__idset_each(s, from, fill_one, &f);
    return f.n;
}

int km__idset_prev(const km__idset *s, uint64_t from, uint64_t *out)
{
    uint64_t key = from >> 16;
    size_t i;
    if (!s->chunks) return small_prev(s, from, out);
    i = key_lower(s, key);
    if (i < s->n && s->chunks[i].key == key) i++; /* i = first chunk > key */
    while (i-- > 0) {
        const km__idchunk *c = &s->chunks[i];
        uint32_t v;
        if (c->card == 0) continue;
        if (chunk_prev(c, c->key == key ? (uint32_t)(from & 0xFFFFu) : 0xFFFFu, &v)) {
            *out = (c->key << 16) | v;
            return 1;
        }
    }
    return 0;
}

/* Id-level leapfrog: each set in turn is advanced to the current candidate;
 * the candidate is the answer once n consecutive sets agree on it. Seeking
 * within a set skips its missing chunks by itself. */
static int next_all_generic(const km__idset *const *sets, size_t n, uint64_t from, uint64_t *out)
{
    uint64_t cand = from, v;
    size_t agreed = 0, j = 0;
    while (agreed < n) {
        if (!km__idset_next(sets[j], cand, &v)) return 0;
        if (v == cand) agreed++;
        else {
            cand = v;
            agreed = 1;
        }
        if (++j == n) j = 0;
    }
    *out = cand;
    return 1;
}

/* Finds the smallest key >= *key for which every set has a non-empty chunk,
 * leapfrogging over chunk keys; fills cs[] with those chunks. */
static int align_chunks(const km__idset *const *sets, size_t n, uint64_t *key, const km__idchunk **cs)
{
    uint64_t k = *key;
    size_t agreed = 0, j = 0;
    while (agreed < n) {
        const km__idchunk *c = seek_chunk(sets[j], k);
        if (!c) return 0;
        if (c->key != k) {
            k = c->key;
            agreed = 0;
        }
        cs[j] = c;
        agreed++;
        if (++j == n) j = 0;
    }
    *key = k;
    return 1;
}

/* Smallest value >= low present in all n chunks. */
static int chunks_next_all(const km__idchunk *const *cs, size_t n, uint32_t low, uint32_t *out)
{
    size_t j, agreed, all_bitmaps = 1;
    uint32_t v;
    for (j = 0; j < n; j++) {
        if (!cs[j]->bitmap) {
            all_bitmaps = 0;
            break;
        }
    }
    if (all_bitmaps) {
        /* Dense case: AND 64 ids at a time. */
        uint32_t w = low >> 6;
        uint64_t mask = ~UINT64_C(0) << (low & 63);
        for (; w < BITMAP_WORDS; w++, mask = ~UINT64_C(0)) {
            uint64_t word = mask;
            for (j = 0; j < n && word; j++) word &= ((const uint64_t *)cs[j]->data)[w];
            if (word) {
                *out = (w << 6) + ctz64(word);
                return 1;
            }
        }
        return 0;
    }
    v = low;
    agreed = 0;
    j = 0;
    while (agreed < n) {
        uint32_t x;
        if (!chunk_next(cs[j], v, &x)) return 0;
        if (x == v) agreed++;
        else {
            v = x;
            agreed = 1;
        }
        if (++j == n) j = 0;
    }
    *out = v;
    return 1;
}

/* Whether any of the sets is in the small form. */
static int any_small(const km__idset *const *sets, size_t n)
{
    size_t j;
    for (j = 0; j < n; j++)
        if (!sets[j]->chunks) return 1;
    return 0;
}

int km__idset_next_all(const km__idset *const *sets, size_t n, uint64_t from, uint64_t *out)
{
    const km__idchunk *cs[FAST_SETS_MAX];
    uint64_t key, start_key = from >> 16;
    uint32_t low = (uint32_t)(from & 0xFFFFu), v;
    if (n == 0) return 0;
    if (n == 1) return km__idset_next(sets[0], from, out);
    /* A small set has at most KM__IDSET_SMALL_MAX ids: leapfrogging id by
     * id is as fast as anything there. */
    if (n > FAST_SETS_MAX || any_small(sets, n)) return next_all_generic(sets, n, from, out);
    key = start_key;
    for (;;) {
        if (!align_chunks(sets, n, &key, cs)) return 0;
        if (chunks_next_all(cs, n, key == start_key ? low : 0u, &v)) {
            *out = (key << 16) | v;
            return 1;
        }
        if (key == KEY_MAX) return 0;
        key++;
    }
}

/* |intersection| of n chunks with the same key. */
static uint64_t chunks_count_all(const km__idchunk *const *cs, size_t n)
{
    size_t j, smallest = n;
    uint64_t total = 0;
    /* Bitmaps never turn back into arrays, so a bitmap may hold fewer ids
     * than an array: pick the smallest ARRAY to drive the probing. */
    for (j = 0; j < n; j++)
        if (!cs[j]->bitmap && (smallest == n || cs[j]->card < cs[smallest]->card)) smallest = j;
    if (smallest == n) {
        /* All bitmaps: popcount of the AND. */
        uint32_t w;
        for (w = 0; w < BITMAP_WORDS; w++) {
            uint64_t word = ~UINT64_C(0);
            for (j = 0; j < n && word; j++) word &= ((const uint64_t *)cs[j]->data)[w];
            total += popcount64(word);
        }
    } else {
        /* Probe the others with each id of the smallest array. */
        const uint16_t *arr = (const uint16_t *)cs[smallest]->data;
        uint32_t i;
        for (i = 0; i < cs[smallest]->card; i++) {
            for (j = 0; j < n; j++)
                if (j != smallest && !chunk_contains(cs[j], arr[i])) break;
            if (j == n) total++;
        }
    }
    return total;
}

/* Calls fn for each id of the intersection of n chunks with the same key,
 * from low up, the way chunks_count_all() counts them. */
static int chunks_each_all(const km__idchunk *const *cs, size_t n, uint32_t low,
                           int (*fn)(void *payload, uint64_t id), void *payload)
{
    uint64_t base = cs[0]->key << 16;
    size_t j, smallest = n;
    int rc;
    for (j = 0; j < n; j++)
        if (!cs[j]->bitmap && (smallest == n || cs[j]->card < cs[smallest]->card)) smallest = j;
    if (smallest == n) {
        uint32_t w = low >> 6;
        uint64_t mask = ~UINT64_C(0) << (low & 63);
        for (; w < BITMAP_WORDS; w++, mask = ~UINT64_C(0)) {
            uint64_t word = mask;
            for (j = 0; j < n && word; j++) word &= ((const uint64_t *)cs[j]->data)[w];
            while (word) {
                if ((rc = fn(payload, base + (w << 6) + ctz64(word))) != 0) return rc;
                word &= word - 1;
            }
        }
    } else {
        const uint16_t *arr = (const uint16_t *)cs[smallest]->data;
        uint32_t i;
        for (i = low ? arr_lower(arr, cs[smallest]->card, low) : 0; i < cs[smallest]->card; i++) {
            for (j = 0; j < n; j++)
                if (j != smallest && !chunk_contains(cs[j], arr[i])) break;
            if (j == n && (rc = fn(payload, base + arr[i])) != 0) return rc;
        }
    }
    return 0;
}

typedef struct probe_ctx {
    const km__idset *const *sets;
    size_t n;
    const km__idset *driver;
    int (*fn)(void *payload, uint64_t id);
    void *payload;
} probe_ctx;

static int probe_visit(void *payload, uint64_t id)
{
    const probe_ctx *c = (const probe_ctx *)payload;
    size_t j;
    for (j = 0; j < c->n; j++)
        if (c->sets[j] != c->driver && !km__idset_contains(c->sets[j], id)) return 0;
    return c->fn(c->payload, id);
}

int km__idset_each_all(const km__idset *const *sets, size_t n, uint64_t from,
                       int (*fn)(void *payload, uint64_t id), void *payload)
{
    const km__idchunk *cs[FAST_SETS_MAX];
    uint64_t key = from >> 16, start_key = from >> 16;
    size_t j;
    int rc;
    if (n == 0) return 0;
    if (n == 1) return km__idset_each(sets[0], from, fn, payload);
    if (n > FAST_SETS_MAX || any_small(sets, n)) {
        /* Walk the smallest set, probe the others. */
        probe_ctx c;
        c.sets = sets;
        c.n = n;
        c.driver = sets[0];
        c.fn = fn;
        c.payload = payload;
        for (j = 1; j < n; j++)
            if (km__idset_count(sets[j]) < km__idset_count(c.driver)) c.driver = sets[j];
        return km__idset_each(c.driver, from, probe_visit, &c);
    }
    while (align_chunks(sets, n, &key, cs)) {
        rc = chunks_each_all(cs, n, key == start_key ? (uint32_t)(from & 0xFFFFu) : 0u, fn, payload);
        if (rc) return rc;
        if (key == KEY_MAX) break;
        key++;
    }
    return 0;
}

uint64_t km__idset_count_all(const km__idset *const *sets, size_t n)
{
    const km__idchunk *cs[FAST_SETS_MAX];
    uint64_t total = 0, key = 0, v;
    size_t j, k;
    if (n == 0) return 0;
    if (n == 1) return km__idset_count(sets[0]);
    if (any_small(sets, n)) {
        /* Probe the others with each id of the smallest small set. */
        const km__idset *small = NULL;
        for (j = 0; j < n; j++)
            if (!sets[j]->chunks && (!small || small_count(sets[j]) < small_count(small))) small = sets[j];
        for (k = 0; k < small->n; k++) {
            uint64_t id = entries(small)[k];
            if (is_dead(small, k)) continue;
            for (j = 0; j < n; j++)
                if (sets[j] != small && !km__idset_contains(sets[j], id)) break;
            if (j == n) total++;
        }
        return total;
    }
    if (n > FAST_SETS_MAX) {
        uint64_t from = 0;
        while (next_all_generic(sets, n, from, &v)) {
            total++;
            if (v == UINT64_MAX) break;
            from = v + 1;
        }
        return total;
    }
    while (align_chunks(sets, n, &key, cs)) {
        total += chunks_count_all(cs, n);
        if (key == KEY_MAX) break;
        key++;
    }
    return total;
}
