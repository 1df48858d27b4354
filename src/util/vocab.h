/* A vocabulary: strings interned once and named by a 32-bit number, so
 * that records holding the same short strings over and over (a partner's
 * sector, capability and need tags: a few dozen distinct values in a
 * registry of a million partners) keep a 4-byte number each instead of
 * the bytes. A partner of the benchmark with three sectors is then 128
 * bytes, two cache lines, instead of up to 160 (docs/performance.md,
 * "Partner tags by number").
 *
 * Threads: one thread at a time interns (the network's, or the thread
 * loading a snapshot's partners); any thread may read the string of a
 * number it got from a record, concurrently with interning. An interned
 * string never moves and is never freed before the vocabulary; the table
 * that finds it is replaced, not reallocated in place, when it grows, and
 * the tables replaced are kept until the vocabulary is freed, so a reader
 * holding an old table still reads valid memory. A reader only asks for
 * numbers that existed when its record was built, which the host's
 * passing of the handle orders before the read.
 *
 * Allocation: a failed intern returns KM_ENOMEM and leaves the
 * vocabulary's strings and numbers as they were. */
#ifndef KM_UTIL_VOCAB_H
#define KM_UTIL_VOCAB_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"
#include "util/date.h"
#include "util/strmap.h"

#define KM__VOCAB_SHIFT 10u
#define KM__VOCAB_PAGE (1u << KM__VOCAB_SHIFT) /* strings per page of the table */
#define KM__VOCAB_RECENT_BITS 8u

/* A slot of the cache of recent strings (vocab.c). */
typedef struct km__vocab_recent {
    uint64_t head, tail;
    uint32_t len; /* UINT32_MAX: empty */
    uint32_t id;
} km__vocab_recent;

struct km__vocab_chunk;

/* Visible for km__vocab_str() below; the fields are vocab.c's. */
typedef struct km__vocab {
    /* Strings 0..KM__VOCAB_PAGE-1, the page a registry's few dozen tags
     * fill: a reader finds them in one step from here. */
    const char *first[KM__VOCAB_PAGE];
    /* The later pages: top[p] is page p (top[0] unused). Read with an
     * atomic load by any thread; replaced, never changed in place but for
     * a new page's entry, by the interning thread. Each table is allocated
     * one pointer early: that word links the tables replaced, freed with
     * the vocabulary. */
    const char ***top;
    size_t n_top;       /* pages the current table holds */
    void **retired;     /* the first word of the newest replaced table, or NULL */
    uint32_t n;         /* strings */
    km_allocator a;
    km__strmap map;     /* string (its bytes in the arena) -> number */
    struct km__vocab_chunk *chunks; /* the arena, newest first */
    /* The strings interned or found last: a registry's partners repeat a
     * few dozen tags, and a hit here costs a fraction of the map's hash,
     * probe and compare. The interning thread's only. */
    km__vocab_recent recent[1u << KM__VOCAB_RECENT_BITS];
    /* The text of civil days ("YYYY-MM-DD"), KM__VOCAB_PAGE days a page:
     * days[p] holds days KM__DATE_MIN + p * KM__VOCAB_PAGE onwards,
     * KM__DATE_BUF bytes each. The table (KM__VOCAB_DAY_PAGES pointers)
     * and each page are made on first use and installed by a
     * compare-and-swap, so any thread may ensure a day (the two threads
     * loading a snapshot's agreements do) and any thread read one ensured
     * before. NULL until the first day. (void * for the compare-and-swap
     * of vocab.c: a table of void *, each a page of chars.) */
    void *days;
} km__vocab;

/* Pages of day strings that cover KM__DATE_MIN..KM__DATE_MAX. */
#define KM__VOCAB_DAY_PAGES ((size_t)(KM__DATE_MAX - KM__DATE_MIN) / KM__VOCAB_PAGE + 1)

/* An empty vocabulary using a's functions (copied; NULL: libc). NULL when
 * out of memory. */
km__vocab *km__vocab_new(const km_allocator *a);
/* Frees the strings, the tables and v (NULL-safe). Nothing may read its
 * strings afterwards. */
void km__vocab_free(km__vocab *v);
/* The number of the n bytes at s (no NUL among them), interning them if
 * new. 0 with *id set, or KM_ENOMEM (nothing changed; also past
 * UINT32_MAX strings, some 8 GB of them). Only on the interning thread. */
int km__vocab_intern(km__vocab *v, const char *s, size_t n, uint32_t *id);
/* The NUL-terminated string of number id (an id km__vocab_intern gave).
 * Any thread. */
static inline const char *km__vocab_str(const km__vocab *v, uint32_t id)
{
    const char *const *const *top;
    if (id < KM__VOCAB_PAGE) return v->first[id];
    top = (const char *const *const *)__atomic_load_n(&v->top, __ATOMIC_ACQUIRE);
    return top[id >> KM__VOCAB_SHIFT][id & (KM__VOCAB_PAGE - 1)];
}
/* Makes the text of day (KM__DATE_MIN..KM__DATE_MAX) readable through
 * km__vocab_day(): a record keeps the day, 4 bytes, and its readers find
 * the text here instead of 11 bytes in every record. Any thread, also
 * two at once. 0, or KM_ENOMEM (every day readable before still is). */
int km__vocab_day_ensure(km__vocab *v, int32_t day);
/* The NUL-terminated "YYYY-MM-DD" of a day km__vocab_day_ensure() made
 * readable. Any thread. */
static inline const char *km__vocab_day(const km__vocab *v, int32_t day)
{
    size_t i = (size_t)((int64_t)day - KM__DATE_MIN);
    void *const *days = (void *const *)__atomic_load_n(&v->days, __ATOMIC_ACQUIRE);
    const char *page = (const char *)__atomic_load_n(&days[i / KM__VOCAB_PAGE], __ATOMIC_ACQUIRE);
    return page + (i % KM__VOCAB_PAGE) * KM__DATE_BUF;
}
/* Strings interned so far. */
uint32_t km__vocab_count(const km__vocab *v);

#endif
