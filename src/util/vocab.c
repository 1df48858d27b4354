/* Interned strings named by number (see vocab.h for the threads and the
 * guarantees). The strings live in an arena of chunks; the first page of
 * their pointers sits in the vocabulary itself and a table of pages holds
 * the rest; a string map finds the number of a string, behind a cache of
 * the strings met last. */
#include "util/vocab.h"
#include "core/alloc.h"
#include "core/error.h"

#include <string.h>

/* Arena chunks of this many bytes (a longer string gets one of its own). */
#define CHUNK 4096u
#define RECENT (1u << KM__VOCAB_RECENT_BITS)

typedef struct km__vocab_chunk {
    struct km__vocab_chunk *next; /* older chunks */
    size_t used, cap;
    char data[1];
} chunk;

km__vocab *km__vocab_new(const km_allocator *a)
{
    km_allocator copy = a ? *a : km__default_allocator;
    km__vocab *v = (km__vocab *)km__calloc(&copy, 1, sizeof *v);
    size_t i;
    if (!v) return NULL;
    v->a = copy;
    km__strmap_init(&v->map, &v->a);
    for (i = 0; i < RECENT; i++) v->recent[i].len = UINT32_MAX;
    return v;
}

void km__vocab_free(km__vocab *v)
{
    size_t p;
    if (!v) return;
    for (p = 1; p < v->n_top; p++) km__free(&v->a, (void *)v->top[p]);
    if (v->top) km__free(&v->a, (void *)(v->top - 1));
    while (v->retired) {
        void **next = (void **)v->retired[0];
        km__free(&v->a, v->retired);
        v->retired = next;
    }
    while (v->chunks) {
        chunk *next = v->chunks->next;
        km__free(&v->a, v->chunks);
        v->chunks = next;
    }
    if (v->days) {
        void **days = (void **)v->days;
        for (p = 0; p < KM__VOCAB_DAY_PAGES; p++) km__free(&v->a, days[p]);
        km__free(&v->a, days);
    }
    km__strmap_free(&v->map);
    km__free(&v->a, v);
}

/* Makes page pg (>= 1) exist in the table. 0 or KM_ENOMEM; a failure
 * leaves every string readable as before. */
static int ensure_page(km__vocab *v, size_t pg)
{
    if (pg >= v->n_top) {
        size_t cap = v->n_top ? v->n_top * 2 : 4;
        const char ***mem;
        if (cap > SIZE_MAX / sizeof *mem - 1 ||
            !(mem = (const char ***)km__calloc(&v->a, cap + 1, sizeof *mem)))
            return km__nomem();
        if (v->n_top) memcpy(mem + 1, v->top, v->n_top * sizeof *mem);
        if (v->top) { /* retire the old table: a reader may hold it */
            void **old = (void **)(void *)(v->top - 1);
            old[0] = (void *)v->retired;
            v->retired = old;
        }
        __atomic_store_n(&v->top, mem + 1, __ATOMIC_RELEASE);
        v->n_top = cap;
    }
    if (!v->top[pg]) {
        const char **page = (const char **)km__calloc(&v->a, KM__VOCAB_PAGE, sizeof *page);
        if (!page) return km__nomem();
        v->top[pg] = page;
    }
    return 0;
}

/* A copy of the n bytes at s and a NUL in the arena; NULL when out of
 * memory. */
static char *arena_copy(km__vocab *v, const char *s, size_t n)
{
    chunk *c = v->chunks;
    char *d;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = n + 1 > CHUNK ? n + 1 : CHUNK;
        if (!(c = (chunk *)km__malloc(&v->a, offsetof(chunk, data) + cap))) return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = v->chunks;
        v->chunks = c;
    }
    d = c->data + c->used;
    memcpy(d, s, n);
    d[n] = '\0';
    c->used += n + 1;
    return d;
}

/* The first 8 bytes of s (its n bytes, zero-padded, when n < 8). */
static uint64_t head_of(const char *s, size_t n)
{
    uint64_t h = 0;
    if (n >= 8) {
        memcpy(&h, s, 8);
    } else {
        size_t i;
        for (i = 0; i < n; i++) h |= (uint64_t)(unsigned char)s[i] << (8 * i);
    }
    return h;
}

/* A string's first and last 8 bytes and its length name its slot in the
 * cache of recent strings, and identify a string of up to 16 bytes; a
 * longer one also compares its middle. */
static km__vocab_recent *slot_of(km__vocab *v, uint64_t head, uint64_t tail, size_t n)
{
    uint64_t x = (head ^ (tail >> 1) ^ (uint64_t)n) * 0x9E3779B97F4A7C15ull;
    return &v->recent[x >> (64 - KM__VOCAB_RECENT_BITS)];
}

static void remember(km__vocab_recent *r, uint64_t head, uint64_t tail, size_t n, uint32_t id)
{
    if (n >= UINT32_MAX) return; /* (the map holds no such string) */
    r->head = head;
    r->tail = tail;
    r->len = (uint32_t)n;
    r->id = id;
}

int km__vocab_intern(km__vocab *v, const char *s, size_t n, uint32_t *id)
{
    uint64_t found, head = head_of(s, n), tail = n > 8 ? head_of(s + n - 8, 8) : 0;
    km__vocab_recent *r = slot_of(v, head, tail, n);
    size_t pg, at;
    char *copy;
    int rc;
    if (r->len == n && r->head == head && r->tail == tail &&
        (n <= 16 || memcmp(km__vocab_str(v, r->id) + 8, s + 8, n - 16) == 0)) {
        *id = r->id;
        return 0;
    }
    if (km__strmap_get(&v->map, s, n, &found)) {
        remember(r, head, tail, n, (uint32_t)found);
        *id = (uint32_t)found;
        return 0;
    }
    if (v->n == UINT32_MAX) return km__nomem(); /* 4 billion strings: the memory ran out long before */
    pg = (size_t)(v->n >> KM__VOCAB_SHIFT);
    at = (size_t)(v->n & (KM__VOCAB_PAGE - 1));
    if ((rc = km__strmap_reserve(&v->map, 1)) != 0) return rc;
    if (pg > 0 && (rc = ensure_page(v, pg)) != 0) return rc;
    if (!(copy = arena_copy(v, s, n))) return km__nomem();
    (void)km__strmap_put(&v->map, copy, n, v->n); /* reserved: cannot fail */
    if (pg == 0) v->first[at] = copy;
    else v->top[pg][at] = copy;
    remember(r, head, tail, n, v->n);
    *id = v->n++;
    return 0;
}

uint32_t km__vocab_count(const km__vocab *v) { return v->n; }

int km__vocab_day_ensure(km__vocab *v, int32_t day)
{
    size_t i = (size_t)((int64_t)day - KM__DATE_MIN), pg = i / KM__VOCAB_PAGE, k;
    void **days = (void **)__atomic_load_n(&v->days, __ATOMIC_ACQUIRE);
    char *page;
    if (!days) {
        void **fresh = (void **)km__calloc(&v->a, KM__VOCAB_DAY_PAGES, sizeof *fresh);
        if (!fresh) return km__nomem();
        days = (void **)km__install(&v->a, &v->days, fresh);
    }
    if (__atomic_load_n(&days[pg], __ATOMIC_ACQUIRE)) return 0;
    if (!(page = (char *)km__malloc(&v->a, (size_t)KM__VOCAB_PAGE * KM__DATE_BUF))) return km__nomem();
    for (k = 0; k < KM__VOCAB_PAGE; k++) {
        int64_t d = (int64_t)(pg * KM__VOCAB_PAGE + k) + KM__DATE_MIN;
        if (d <= KM__DATE_MAX) km__date_format(page + k * KM__DATE_BUF, (int32_t)d);
        else page[k * KM__DATE_BUF] = '\0'; /* past 9999-12-31: never asked for */
    }
    km__install(&v->a, &days[pg], page);
    return 0;
}
