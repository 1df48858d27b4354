/* Secondary indexes of the partner registry and the queries that use them.
 * Each filterable value (kind, status, sector, capability, need, each
 * region prefix) has a compressed id set; a filtered listing intersects the
 * sets, so a page costs time in proportion to what it touches. Removal
 * never allocates, which is what lets a transaction undo without failing. */
#include "partner/partner.h"
#include "util/cursor.h"
#include "util/ientry.h"
#include "util/prefetch.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *km__partner_ext_of(const void *ctx, uint64_t id, size_t *len)
{
    const km_partner *p = km__partner_lookup((const km__partners *)ctx, id); /* the cell: one miss */
    *len = p->external_id_len;
    return km__pt_external_id(p);
}

struct km__pbulk;
static void bulk_free(const km_allocator *a, struct km__pbulk *b);

void km__partners_init(km__partners *ps, const km_allocator *a)
{
    size_t i;
    memset(ps, 0, sizeof *ps);
    km__idmap_init(&ps->by_ext, a, km__partner_ext_of, ps);
    km__u64map_init(&ps->set_orders, a);
    for (i = 0; i < KM_PARTNER_KIND__COUNT; i++) km__idset_init(&ps->by_kind[i], a);
    for (i = 0; i < KM_PARTNER_STATUS__COUNT; i++) km__idset_init(&ps->by_status[i], a);
    km__keyidx_init(&ps->sectors, a);
    km__keyidx_init(&ps->caps, a);
    km__keyidx_init(&ps->needs, a);
    km__keyidx_init(&ps->regions, a);
    km__keyidx_init(&ps->kind_regions, a);
    km__cells_init(&ps->cells, a, offsetof(km_partner, cell));
    ps->flush_batch = KM__PARTNER_FLUSH_BATCH;
    ps->a = a;
}

void km__partners_free(km__partners *ps)
{
    size_t i;
    for (i = 0; i < ps->n; i++) km__partner_unref(ps->by_id[i]);
    if (ps->by_id) km__free(ps->a, ps->by_id);
    km__cells_free(&ps->cells);
    km__free(ps->a, ps->name_key);
    km__idmap_free(&ps->by_ext);
    for (i = 0; i < KM_PARTNER_KIND__COUNT; i++) km__idset_free(&ps->by_kind[i]);
    for (i = 0; i < KM_PARTNER_STATUS__COUNT; i++) km__idset_free(&ps->by_status[i]);
    km__keyidx_free(&ps->sectors);
    km__keyidx_free(&ps->caps);
    km__keyidx_free(&ps->needs);
    km__keyidx_free(&ps->regions);
    km__keyidx_free(&ps->kind_regions);
    km__free(ps->a, ps->by_name.ids);
    for (i = 0; i < ps->n_orders; i++) km__free(ps->a, ps->orders[i].ids);
    km__free(ps->a, ps->orders);
    km__u64map_free(&ps->set_orders);
    bulk_free(ps->a, ps->bulk);
}

/* ---- the values a record contributes to the indexes ---- */

/* Index slots a partner occupies: kind, status, then one per tag and per
 * region prefix. Enumerated by one function so add/remove/replace cannot
 * disagree about what a record's index entries are. */

#define KM__IENTRIES_MAX (2 + 3 * KM_TAGS_MAX + 4 + 4)

/* A partner's memberships, and room for the keys made here (kind +
 * region prefix) that they point at. */
typedef struct pentries {
    km__ientry e[KM__IENTRIES_MAX];
    char kbuf[KM__IENTRIES_MAX][24];
} pentries;

/* Key of the kind-and-region index: the kind as one byte, then the region
 * prefix (at most 13 bytes, "32.73.01.1001"). */
static size_t kind_region_key(char out[24], int kind, const char *prefix, size_t len)
{
    if (len > 22) len = 22; /* longer prefixes are not valid region codes */
    out[0] = (char)('A' + kind);
    memcpy(out + 1, prefix, len);
    return len + 1;
}

static size_t entries_of(km__partners *ps, const km_partner *p, pentries *pe)
{
    km__ientry *out = pe->e;
    size_t n = 0, i, t = 0;
    km__keyidx *lists[3];
    uint16_t counts[3];
    lists[0] = &ps->sectors; lists[1] = &ps->caps; lists[2] = &ps->needs;
    counts[0] = p->n_sectors; counts[1] = p->n_caps; counts[2] = p->n_needs;
    out[n].fixed = &ps->by_kind[p->kind]; out[n].post = NULL; n++;
    out[n].fixed = &ps->by_status[p->status]; out[n].post = NULL; n++;
    for (i = 0; i < 3; i++) {
        uint16_t k;
        for (k = 0; k < counts[i]; k++, t++) {
            out[n].fixed = NULL; out[n].post = lists[i]; out[n].key = km__pt_tag(p, t); out[n].len = strlen(km__pt_tag(p, t));
            n++;
        }
    }
    if (km__pt_region(p)) {
        /* Every whole-segment prefix: "32", "32.73", "32.73.01", ... */
        size_t len = strlen(km__pt_region(p));
        for (i = 1; i <= len; i++) {
            if (i == len || km__pt_region(p)[i] == '.') {
                out[n].fixed = NULL; out[n].post = &ps->regions; out[n].key = km__pt_region(p); out[n].len = i;
                n++;
                out[n].fixed = NULL; out[n].post = &ps->kind_regions;
                out[n].len = kind_region_key(pe->kbuf[n], p->kind, km__pt_region(p), i);
                out[n].key = pe->kbuf[n];
                n++;
            }
        }
    }
    return n;
}

int km__partner_index_replace(km__partners *ps, const km_partner *old, const km_partner *nw)
{
    pentries eo, en;
    ps->epoch++; /* every name-ordered set copy is out of date (even if this fails: harmless) */
    size_t no = old ? entries_of(ps, old, &eo) : 0;
    size_t nn = nw ? entries_of(ps, nw, &en) : 0;
    return km__ientry_move(eo.e, no, en.e, nn, nw ? nw->id : old->id);
}

/* Growable uint32 vector for the bulk build. */
typedef struct u32vec {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static int u32vec_push(const km_allocator *a, u32vec *x, uint32_t value)
{
    int rc;
    if (x->n == x->cap && (rc = km__grow(a, (void **)&x->v, &x->cap, x->n + 1, sizeof *x->v)) != 0) return rc;
    x->v[x->n++] = value;
    return 0;
}

/* A key of the filter indexes and its entry there: the memo of the bulk
 * add, which finds the sets of a batch without the key index's map (a
 * probe and a compare with a cold entry, two misses per key at a million
 * partners: a third of a bulk add's time). Entries of a key index are
 * never removed, so a slot stays true as long as the registry.
 *
 * A key of at most 16 bytes (region codes, kind-prefixed ones, most tags)
 * is held as two words with its length, which name it exactly (memo_key):
 * a lookup then hashes two words and compares three integers, where XXH64
 * and memcmp were a third of a flush's instructions. A longer key's first
 * word is its XXH64 hash and its bytes are compared where the entry keeps
 * them. */
typedef struct memo_key {
    uint64_t w0, w1;
    uint64_t meta; /* len << 8 | list: one word, written and compared whole */
} memo_key;

typedef struct memo_slot {
    memo_key k;
    const char *key;          /* a longer key's bytes (the entry's); NULL for a short key */
    uint32_t idx;             /* the entry's index in its list */
    uint8_t used;
} memo_slot;

#define MEMO_SHORT 16

/* The memo key of (list, key): for a short key its first and last bytes,
 * overlapping (with len, every byte is in one of the words). */
static void memo_key_of(memo_key *k, size_t list, const char *key, size_t len)
{
    k->meta = (uint64_t)len << 8 | (uint8_t)list;
    k->w1 = 0;
    if (len > MEMO_SHORT) {
        k->w0 = km__hash_bytes(key, len);
    } else if (len >= 8) {
        memcpy(&k->w0, key, 8);
        memcpy(&k->w1, key + len - 8, 8);
    } else if (len >= 4) {
        uint32_t a, z;
        memcpy(&a, key, 4);
        memcpy(&z, key + len - 4, 4);
        k->w0 = (uint64_t)a | (uint64_t)z << 32;
    } else {
        k->w0 = len ? (uint64_t)(unsigned char)key[0] | (uint64_t)(unsigned char)key[len / 2] << 8 |
                          (uint64_t)(unsigned char)key[len - 1] << 16
                    : 0;
    }
}

static uint64_t memo_hash(const memo_key *k)
{
    uint64_t h = k->w0 * UINT64_C(0x9E3779B97F4A7C15) ^ k->w1 * UINT64_C(0xC2B2AE3D27D4EB4F) ^ k->meta;
    h ^= h >> 29;
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    return h ^ h >> 32;
}

/* 8,192 x 40 bytes (320 KiB): room for the ~6,000 keys of a registry like
 * the benchmark's. Past 3/4 full, new keys are not kept (found the slower
 * way). */
#define MEMO_SLOTS 8192u

/* The lists of keyed sets, in a bulk add's order (regions first: a
 * partner has four region keys and two tags or so, and the list of a key
 * is found by a scan of this order). */
#define N_LISTS 5

/* Scratch of the bulk add, kept by the registry from one flush to the next
 * up to KM__BULK_KEEP bytes an array: enough for the small flushes of
 * single creations and short transactions. The arrays of a big flush (the
 * 65,536 partners a bulk load flushes at a time, a snapshot load) are
 * given back after it: kept, they held some 12 MB from the end of a load
 * to the close of the network (peak RSS of the benchmark's million
 * partners and two million agreements, file store: 506.0 MB kept, 501.8 MB
 * given back). The allocator hands the same memory to the next big flush
 * or to the records that follow, so a load does not fault it in again;
 * a1's rate did not change in alternating runs. */
struct km__pbulk {
    memo_slot *memo;          /* MEMO_SLOTS */
    size_t memo_n;
    u32vec num[N_LISTS];      /* per list: entry index -> set number + 1 in this flush (0: none) */
    km__idset **sets;         /* set number -> set */
    uint64_t *origin;         /* set number -> list << 32 | entry index (keyed sets) */
    size_t n_sets, cap_sets, cap_origin;
    u32vec memb;              /* set number of each membership, partner by partner */
    uint16_t *per;            /* memberships of each partner */
    size_t *end;              /* per set: end of its run in ids */
    uint32_t *ids;
    uint8_t *fresh;           /* per set: empty before the flush */
    size_t cap_per, cap_end, cap_ids, cap_fresh;
};

#define KM__BULK_KEEP ((size_t)1 << 16)

static void lists_of(km__partners *ps, km__keyidx *lists[N_LISTS])
{
    lists[0] = &ps->regions; lists[1] = &ps->kind_regions;
    lists[2] = &ps->sectors; lists[3] = &ps->caps; lists[4] = &ps->needs;
}

static void bulk_free(const km_allocator *a, struct km__pbulk *b)
{
    size_t l;
    if (!b) return;
    km__free(a, b->memo);
    for (l = 0; l < N_LISTS; l++) km__free(a, b->num[l].v);
    km__free(a, b->sets);
    km__free(a, b->origin);
    km__free(a, b->memb.v);
    km__free(a, b->per);
    km__free(a, b->end);
    km__free(a, b->ids);
    km__free(a, b->fresh);
    km__free(a, b);
}

/* Gives back the arrays a big batch left large. */
static void bulk_trim(const km_allocator *a, struct km__pbulk *b)
{
#define TRIM(p, cap, size)                             \
    if ((cap) * (size) > KM__BULK_KEEP) {              \
        km__free(a, p);                                \
        (p) = NULL;                                    \
        (cap) = 0;                                     \
    }
    TRIM(b->sets, b->cap_sets, sizeof *b->sets)
    TRIM(b->origin, b->cap_origin, sizeof *b->origin)
    TRIM(b->memb.v, b->memb.cap, sizeof *b->memb.v)
    TRIM(b->per, b->cap_per, sizeof *b->per)
    TRIM(b->end, b->cap_end, sizeof *b->end)
    TRIM(b->ids, b->cap_ids, sizeof *b->ids)
    TRIM(b->fresh, b->cap_fresh, sizeof *b->fresh)
#undef TRIM
}

/* The memo's slot for the key: its own, or the empty one where it goes. */
static memo_slot *memo_find(struct km__pbulk *b, const memo_key *k, const char *key)
{
    size_t i;
    for (i = (size_t)memo_hash(k) & (MEMO_SLOTS - 1);; i = (i + 1) & (MEMO_SLOTS - 1)) {
        memo_slot *m = &b->memo[i];
        if (!m->used) return m;
        if (m->k.w0 == k->w0 && m->k.w1 == k->w1 && m->k.meta == k->meta &&
            (k->meta >> 8 <= MEMO_SHORT || memcmp(m->key, key, (size_t)(k->meta >> 8)) == 0))
            return m;
    }
}

/* The number of the set of membership e of partner p in this flush,
 * numbering it when new (a keyed set's entry is created, empty, when its
 * key is new: an empty entry is what removal leaves anyway). -1 on
 * KM_ENOMEM. */
static long bulk_number(struct km__pbulk *b, km__partners *ps, km__keyidx *const lists[N_LISTS], const km_partner *p,
                        const km__ientry *e)
{
    size_t l;
    long idx;
    u32vec *num;
    memo_slot *m;
    memo_key k;
    /* The only fixed sets entries_of gives are p's kind and p's status,
     * numbered first, kinds then statuses (index_bulk). */
    if (e->fixed) return e->fixed == &ps->by_kind[p->kind] ? p->kind : KM_PARTNER_KIND__COUNT + p->status;
    for (l = 0; lists[l] != e->post; l++) {}
    memo_key_of(&k, l, e->key, e->len);
    m = memo_find(b, &k, e->key);
    if (m->used) {
        idx = (long)m->idx;
    } else {
        if ((idx = km__keyidx_intern(e->post, e->key, e->len)) < 0) return -1;
        if (b->memo_n < MEMO_SLOTS / 4 * 3 && (uint64_t)idx <= UINT32_MAX) {
            m->k = k;
            m->idx = (uint32_t)idx;
            m->key = e->len > MEMO_SHORT ? e->post->items[idx]->key : NULL; /* lives as long as the index */
            m->used = 1;
            b->memo_n++;
        }
    }
    num = &b->num[l];
    if ((size_t)idx >= num->n) {
        if (km__grow(ps->a, (void **)&num->v, &num->cap, (size_t)idx + 1, sizeof *num->v) != 0) return -1;
        memset(num->v + num->n, 0, ((size_t)idx + 1 - num->n) * sizeof *num->v);
        num->n = (size_t)idx + 1;
    }
    if (num->v[idx] == 0) {
        if (km__grow(ps->a, (void **)&b->sets, &b->cap_sets, b->n_sets + 1, sizeof *b->sets) != 0 ||
            km__grow(ps->a, (void **)&b->origin, &b->cap_origin, b->n_sets + 1, sizeof *b->origin) != 0)
            return -1;
        b->origin[b->n_sets] = (uint64_t)l << 32 | (uint64_t)idx;
        b->sets[b->n_sets++] = &e->post->items[idx]->ids;
        num->v[idx] = (uint32_t)b->n_sets;
    }
    return (long)num->v[idx] - 1;
}

/* Takes back a bulk add that failed at set k after `done` of its ids:
 * removal never allocates, and a set that was empty before is freed, which
 * is exactly how it was. */
static void bulk_undo(const struct km__pbulk *b, size_t k, size_t done)
{
    size_t j, t, begin = 0;
    for (j = 0; j <= k; begin = b->end[j], j++) {
        size_t stop = j < k ? b->end[j] : begin + done;
        if (b->fresh[j]) {
            km__idset_free(b->sets[j]);
            continue;
        }
        for (t = begin; t < stop; t++) km__idset_remove(b->sets[j], b->ids[t]);
    }
}

/* Adds partners from+1..n to the indexes grouped by set: their memberships
 * are listed partner by partner, counted per set and scattered into one
 * array where each set's ids form an ascending run; a set empty so far is
 * built from its run in one allocation per chunk (a snapshot load), any
 * other gets its run appended while its last chunk is in cache. No set is
 * touched once per partner: that is what made loading slow (millions of
 * scattered inserts), and what a bulk transaction paid at its creations.
 * 0, or KM_ENOMEM with the indexes as they were. */
static int index_bulk(km__partners *ps, size_t from)
{
    struct km__pbulk *b = ps->bulk;
    km__keyidx *lists[N_LISTS];
    size_t i, k, m, nnew = ps->n - from;
    int rc = 0;
    lists_of(ps, lists);
    if (!b) {
        if (!(b = (struct km__pbulk *)km__calloc(ps->a, 1, sizeof *b))) return km__nomem();
        if (!(b->memo = (memo_slot *)km__calloc(ps->a, MEMO_SLOTS, sizeof *b->memo))) {
            km__free(ps->a, b);
            return km__nomem();
        }
        ps->bulk = b;
    }
    b->n_sets = 0;
    b->memb.n = 0;
    rc = km__grow(ps->a, (void **)&b->sets, &b->cap_sets, KM_PARTNER_KIND__COUNT + KM_PARTNER_STATUS__COUNT, sizeof *b->sets);
    if (rc == 0) rc = km__grow(ps->a, (void **)&b->origin, &b->cap_origin, b->cap_sets, sizeof *b->origin);
    for (k = 0; rc == 0 && k < KM_PARTNER_KIND__COUNT + KM_PARTNER_STATUS__COUNT; k++) {
        b->origin[b->n_sets] = UINT64_MAX;
        b->sets[b->n_sets++] = k < KM_PARTNER_KIND__COUNT ? &ps->by_kind[k] : &ps->by_status[k - KM_PARTNER_KIND__COUNT];
    }
    if (rc == 0) rc = km__grow(ps->a, (void **)&b->per, &b->cap_per, nnew, sizeof *b->per);
    for (i = 0; rc == 0 && i < nnew; i++) {
        pentries pe;
        const km_partner *p = ps->by_id[from + i];
        size_t ne = entries_of(ps, p, &pe);
        b->per[i] = (uint16_t)ne;
        for (k = 0; rc == 0 && k < ne; k++) {
            long g = bulk_number(b, ps, lists, p, &pe.e[k]);
            rc = g < 0 ? km__nomem() : u32vec_push(ps->a, &b->memb, (uint32_t)g);
        }
    }
    if (rc == 0) rc = km__grow(ps->a, (void **)&b->end, &b->cap_end, b->n_sets + 1, sizeof *b->end);
    if (rc == 0) rc = km__grow(ps->a, (void **)&b->ids, &b->cap_ids, b->memb.n ? b->memb.n : 1, sizeof *b->ids);
    if (rc == 0) rc = km__grow(ps->a, (void **)&b->fresh, &b->cap_fresh, b->n_sets, sizeof *b->fresh);
    if (rc == 0) {
        size_t begin = 0, *end = b->end;
        memset(end, 0, (b->n_sets + 1) * sizeof *end);
        for (m = 0; m < b->memb.n; m++) end[b->memb.v[m] + 1]++;
        for (k = 1; k <= b->n_sets; k++) end[k] += end[k - 1];
        /* end[g] = first slot of set g; scatter the partner ids. */
        for (i = 0, m = 0; i < nnew; i++)
            for (k = 0; k < b->per[i]; k++, m++) b->ids[end[b->memb.v[m]]++] = (uint32_t)(from + i + 1);
        /* end[g] now ends set g's run. */
        for (k = 0; rc == 0 && k < b->n_sets; begin = end[k], k++) {
            km__idset *set = b->sets[k];
            size_t t = begin;
            /* The sets met once in the batch are cold: fetch each one's
             * header, then its last chunk, then that chunk's end a few
             * sets ahead, so that their misses overlap. */
            if (k + 8 < b->n_sets) KM__PREFETCH(b->sets[k + 8]);
            if (k + 4 < b->n_sets) km__idset_prefetch_tail(b->sets[k + 4], 0);
            if (k + 2 < b->n_sets) km__idset_prefetch_tail(b->sets[k + 2], 1);
            b->fresh[k] = km__idset_pristine(set);
            if (end[k] == begin) continue;
            if (b->fresh[k]) {
                rc = km__idset_build(set, b->ids + begin, end[k] - begin); /* failed: still empty */
            } else {
                size_t added = 0;
                rc = km__idset_add_run(set, b->ids + begin, end[k] - begin, &added);
                t = begin + added;
            }
            if (rc) bulk_undo(b, k, t - begin);
        }
    }
    /* Every key numbered in this flush goes back to unnumbered. */
    for (k = 0; k < b->n_sets; k++)
        if (b->origin[k] != UINT64_MAX) b->num[b->origin[k] >> 32].v[b->origin[k] & UINT32_MAX] = 0;
    bulk_trim(ps->a, b);
    return rc;
}

/* Below this many partners a flush adds them one by one: the bulk path's
 * bookkeeping costs more than it saves for a single creation (op g). */
#define KM__FLUSH_BULK_MIN 16

int km__partner_index_flush(km__partners *ps)
{
    size_t i, from = ps->indexed;
    int rc = 0;
    if (from >= ps->n) return 0;
    ps->epoch++; /* every name-ordered set copy is out of date (even if this fails: harmless) */
    if (ps->n - from >= KM__FLUSH_BULK_MIN && ps->n - from <= UINT32_MAX && ps->n <= UINT32_MAX) {
        rc = index_bulk(ps, from);
    } else {
        for (i = from; i < ps->n; i++)
            if ((rc = km__partner_index_replace(ps, NULL, ps->by_id[i])) != 0) {
                while (i-- > from) km__partner_index_remove(ps, ps->by_id[i]);
                break;
            }
    }
    if (rc == 0) ps->indexed = ps->n;
    return rc;
}

void km__partner_index_remove(km__partners *ps, const km_partner *p) { (void)km__partner_index_replace(ps, p, NULL); }

/* ---- name order ---- */

/* A position in name order: (name bytes, id), the BINARY collation of SQL
 * with ties broken by id. */
typedef struct name_pos {
    const char *name;
    size_t len;
    uint64_t id;
} name_pos;

static int pos_cmp(const char *an, size_t al, uint64_t aid, const name_pos *b)
{
    size_t n = al < b->len ? al : b->len;
    int c = n ? memcmp(an, b->name, n) : 0;
    if (c) return c;
    if (al != b->len) return al < b->len ? -1 : 1;
    return aid < b->id ? -1 : aid > b->id;
}

static int name_cmp(const km_partner *a, const km_partner *b)
{
    name_pos pb;
    pb.name = km__pt_name(b);
    pb.len = b->name_len;
    pb.id = b->id;
    return pos_cmp(km__pt_name(a), a->name_len, a->id, &pb);
}

/* Name order of two partners: the keys decide, or the records on a tie. */
static int name_cmp_id(const km__partners *ps, uint64_t x, uint64_t y)
{
    uint32_t kx = ps->name_key[x - 1], ky = ps->name_key[y - 1];
    if (kx != ky) return kx < ky ? -1 : 1;
    return name_cmp(ps->by_id[x - 1], ps->by_id[y - 1]);
}

/* Order of partner id relative to a position (a cursor). */
static int id_cmp_pos(const km__partners *ps, uint64_t id, uint32_t pos_key, const name_pos *pos)
{
    const km_partner *p;
    uint32_t k = ps->name_key[id - 1];
    if (k != pos_key) return k < pos_key ? -1 : 1;
    p = ps->by_id[id - 1];
    return pos_cmp(km__pt_name(p), p->name_len, p->id, pos);
}

void km__partner_name_changed(km__partners *ps, uint64_t id)
{
    if (id <= ps->by_name.n) ps->by_name.stale = 1;
}

/* Bottom-up merge sort of ids by name (tmp has room for n). */
static void sort_by_name(const km__partners *ps, uint32_t *ids, uint32_t *tmp, size_t n)
{
    uint32_t *src = ids, *dst = tmp;
    size_t width, i;
    /* Runs of 8 by insertion sort first: fewer passes over the array. */
    for (i = 0; i < n; i += 8) {
        size_t end = i + 8 < n ? i + 8 : n, j;
        for (j = i + 1; j < end; j++) {
            uint32_t v = ids[j];
            size_t k = j;
            while (k > i && name_cmp_id(ps, ids[k - 1], v) > 0) {
                ids[k] = ids[k - 1];
                k--;
            }
            ids[k] = v;
        }
    }
    for (width = 8; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t mid = i + width < n ? i + width : n, end = i + 2 * width < n ? i + 2 * width : n;
            size_t a = i, b = mid, k = i;
            while (a < mid && b < end) dst[k++] = name_cmp_id(ps, src[b], src[a]) < 0 ? src[b++] : src[a++];
            while (a < mid) dst[k++] = src[a++];
            while (b < end) dst[k++] = src[b++];
        }
        { uint32_t *t = src; src = dst; dst = t; }
    }
    if (src != ids) memcpy(ids, src, n * sizeof *ids);
}

/* Brings the name index up to date: a full build when stale (or never
 * built), else a merge of the partners added since (sorted on their own,
 * then merged from the back in place). 0 or KM_ENOMEM (index unchanged). */
static int name_order_update(km__partners *ps)
{
    km__name_order *no = &ps->by_name;
    size_t from = no->stale ? 0 : no->n, add, i;
    uint32_t *tmp;
    int rc;
    if (ps->n > UINT32_MAX) return km__err(KM_ERANGE, "query.order", "too many partners to order by name",
                                           "terlalu banyak mitra untuk diurutkan menurut nama");
    if (!no->stale && no->n == ps->n) return 0;
    add = ps->n - from;
    if ((rc = km__grow(ps->a, (void **)&no->ids, &no->cap, ps->n, sizeof *no->ids)) != 0) return rc;
    tmp = (uint32_t *)km__malloc(ps->a, (add ? add : 1) * sizeof *tmp);
    if (!tmp) return km__nomem();
    /* The new ids go at the end of the array, are sorted there, and are
     * then merged with the old run [0, from) from the back. */
    for (i = 0; i < add; i++) no->ids[from + i] = (uint32_t)(from + i + 1);
    sort_by_name(ps, no->ids + from, tmp, add);
    if (from > 0 && add > 0) {
        size_t a = from, k = ps->n, b = add;
        memcpy(tmp, no->ids + from, add * sizeof *tmp);
        while (b > 0) {
            if (a > 0 && name_cmp_id(ps, no->ids[a - 1], tmp[b - 1]) > 0) no->ids[--k] = no->ids[--a];
            else no->ids[--k] = tmp[--b];
        }
    }
    km__free(ps->a, tmp);
    no->n = ps->n;
    no->stale = 0;
    return 0;
}

/* The index of the first of ids[0..n) (sorted by name) after the cursor
 * position, by binary search. */
static size_t first_after(const km__partners *ps, const uint32_t *ids, size_t n, const name_pos *after)
{
    uint32_t key = km__name_key(after->name, after->len);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (id_cmp_pos(ps, ids[mid], key, after) <= 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* ---- name-ordered copies of single sets (km__set_order) ---- */

/* At most this many members for a set to get a copy: a larger set is
 * better served by walking the whole registry's name index. */
#define KM__SET_ORDER_MAX 65536

typedef struct order_fill {
    uint32_t *ids;
    size_t n;
} order_fill;

static int order_fill_visit(void *payload, uint64_t id)
{
    order_fill *f = (order_fill *)payload;
    f->ids[f->n++] = (uint32_t)id;
    return 0;
}

/* The name-ordered copy of set (m members), sorted now if it is missing or
 * out of date: 0 and *out, or KM_ENOMEM (the cache stays consistent: a copy
 * that could not be sorted is marked so). All copies together hold at most
 * about twice the registry; past that they are all dropped first. */
static int set_order_get(km__partners *ps, const km__idset *set, size_t m, const km__set_order **out)
{
    uint64_t idx;
    km__set_order *o;
    order_fill f;
    uint32_t *tmp;
    int rc;
    if (km__u64map_get(&ps->set_orders, (uint64_t)(uintptr_t)set, &idx)) {
        o = &ps->orders[idx];
        if (o->epoch == ps->epoch) {
            *out = o;
            return 0;
        }
    } else {
        if (ps->order_ids + m > 2 * ps->n + 4096) { /* drop every copy */
            size_t i;
            for (i = 0; i < ps->n_orders; i++) km__free(ps->a, ps->orders[i].ids);
            ps->n_orders = 0;
            ps->order_ids = 0;
            km__u64map_free(&ps->set_orders);
        }
        if ((rc = km__grow(ps->a, (void **)&ps->orders, &ps->cap_orders, ps->n_orders + 1, sizeof *ps->orders)) != 0)
            return rc;
        if ((rc = km__u64map_put(&ps->set_orders, (uint64_t)(uintptr_t)set, ps->n_orders)) != 0) return rc;
        o = &ps->orders[ps->n_orders++];
        memset(o, 0, sizeof *o);
    }
    o->epoch = UINT64_MAX;
    ps->order_ids -= o->n;
    o->n = 0;
    if ((rc = km__grow(ps->a, (void **)&o->ids, &o->cap, m ? m : 1, sizeof *o->ids)) != 0) return rc;
    tmp = (uint32_t *)km__malloc(ps->a, (m ? m : 1) * sizeof *tmp);
    if (!tmp) return km__nomem();
    f.ids = o->ids;
    f.n = 0;
    (void)km__idset_each(set, 1, order_fill_visit, &f);
    for (idx = 0; idx < f.n; idx++) KM__PREFETCH(&ps->name_key[f.ids[idx] - 1]);
    sort_by_name(ps, f.ids, tmp, f.n);
    km__free(ps->a, tmp);
    o->n = f.n;
    ps->order_ids += f.n;
    o->epoch = ps->epoch;
    *out = o;
    return 0;
}

/* ---- queries ---- */

/* Room for "n1:<id>:<name>" with the longest name. */
#define KM__CURSOR_MAX (32 + KM_PARTNER_NAME_MAX)

struct km_partner_page {
    km__ctx *ctx;
    size_t n;
    km_partner **items;
    char cursor[KM__CURSOR_MAX];
    int has_cursor;
};

#define KM__PAGE_DEFAULT 50
#define KM__PAGE_MAX 1000
#define KM__QUERY_SETS 8

typedef struct plan {
    const km__idset *sets[KM__QUERY_SETS];
    size_t n;
    int empty;           /* a filter names a value nobody has */
    const char *name;    /* folded name filter, or NULL */
    size_t name_len;
    int order;           /* a km_partner_order */
} plan;

static int tag_filter(plan *pl, const km__keyidx *p, const char *tag, const char *field)
{
    const km__idset *s;
    int rc;
    if (!tag) return 0;
    if ((rc = km__v_tag(field, tag, strlen(tag))) != 0) return rc;
    s = km__keyidx_find(p, tag, strlen(tag));
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
    return 0;
}

static int make_plan(plan *pl, km_network *net, const km_partner_query *q, km__buf *fold)
{
    km__partners *ps = &net->partners;
    int rc;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_PARTNER_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    /* Version 1 ends before `order`: never read it then. */
    if (q->version >= 2) {
        if (q->order != KM_PARTNER_ORDER_ID && q->order != KM_PARTNER_ORDER_NAME)
            return km__err(KM_EINVAL, "query.order", "%d is not a partner order", "%d bukan urutan mitra", q->order);
        pl->order = q->order;
    }
    if (q->kind != -1) {
        if (q->kind < 0 || q->kind >= KM_PARTNER_KIND__COUNT)
            return km__err(KM_EINVAL, "query.kind", "%d is not a partner kind or -1", "%d bukan jenis mitra atau -1", q->kind);
        /* With a region prefix, the kind-and-region index below answers both. */
        if (!q->region_prefix) pl->sets[pl->n++] = &ps->by_kind[q->kind];
    }
    if (q->status != -1) {
        if (q->status < 0 || q->status >= KM_PARTNER_STATUS__COUNT)
            return km__err(KM_EINVAL, "query.status", "%d is not a partner status or -1", "%d bukan status mitra atau -1",
                           q->status);
        pl->sets[pl->n++] = &ps->by_status[q->status];
    }
    if ((rc = tag_filter(pl, &ps->sectors, q->sector, "query.sector")) != 0) return rc;
    if ((rc = tag_filter(pl, &ps->caps, q->capability, "query.capability")) != 0) return rc;
    if ((rc = tag_filter(pl, &ps->needs, q->need, "query.need")) != 0) return rc;
    if (q->region_prefix) {
        const km__idset *s;
        size_t len = strlen(q->region_prefix);
        if ((rc = km__v_region("query.region_prefix", q->region_prefix, len)) != 0) return rc;
        if (q->kind != -1) {
            char key[24];
            s = km__keyidx_find(&ps->kind_regions, key, kind_region_key(key, q->kind, q->region_prefix, len));
        } else {
            s = km__keyidx_find(&ps->regions, q->region_prefix, len);
        }
        if (!s) pl->empty = 1;
        else pl->sets[pl->n++] = s;
    }
    if (q->name_contains) {
        size_t len = strlen(q->name_contains);
        if ((rc = km__v_text("query.name_contains", q->name_contains, len, 0, KM_PARTNER_NAME_MAX, 0)) != 0) return rc;
        km__buf_reset(fold);
        if ((rc = km__utf8_fold(fold, q->name_contains, len)) != 0) return rc;
        if ((rc = km__buf_put_u8(fold, 0)) != 0) return rc; /* keep the needle apart from scratch use */
        pl->name = (const char *)fold->data;
        pl->name_len = fold->len - 1;
    }
    return 0;
}

/* Next matching id >= from: 1 found, 0 none, <0 error. */
static int plan_next(const plan *pl, km_network *net, km__buf *scratch, uint64_t from, uint64_t *out)
{
    km__partners *ps = &net->partners;
    uint64_t id = from;
    if (pl->empty) return 0;
    for (;;) {
        if (pl->n) {
            if (!km__idset_next_all(pl->sets, pl->n, id, &id)) return 0;
        } else if (id > ps->n) {
            return 0;
        }
        if (id == 0) { id = 1; continue; }
        if (pl->name && pl->name_len) {
            const km_partner *p = ps->by_id[id - 1];
            int rc = km__utf8_contains_folded(km__pt_name(p), p->name_len, pl->name, pl->name_len, scratch);
            if (rc < 0) return rc;
            if (!rc) { id++; continue; }
        }
        *out = id;
        return 1;
    }
}

static int parse_cursor(const char *c, uint64_t *after)
{
    return km__cursor_parse(c, "p1:", "km_partner_page_cursor", after);
}

void km_partner_page_free(km_partner_page *page)
{
    size_t i;
    km__ctx *ctx;
    if (!page) return;
    ctx = page->ctx;
    for (i = 0; i < page->n; i++) km__partner_unref(page->items[i]);
    km__free(&ctx->alloc, page->items);
    km__free(&ctx->alloc, page);
    km__ctx_unref(ctx);
}

/* Whether id passes every filter of the plan: 1 yes, 0 no, <0 error. */
static int plan_match(const plan *pl, km_network *net, km__buf *scratch, uint64_t id)
{
    size_t i;
    if (pl->empty) return 0;
    for (i = 0; i < pl->n; i++)
        if (!km__idset_contains(pl->sets[i], id)) return 0;
    if (pl->name && pl->name_len) {
        const km_partner *p = net->partners.by_id[id - 1];
        return km__utf8_contains_folded(km__pt_name(p), p->name_len, pl->name, pl->name_len, scratch);
    }
    return 1;
}

/* "n1:<id>:<name>": the page ended at (name, id). */
static int parse_name_cursor(const char *c, name_pos *pos)
{
    char *end;
    unsigned long long v;
    if (strncmp(c, "n1:", 3) != 0 || c[3] < '0' || c[3] > '9') goto bad;
    errno = 0;
    v = strtoull(c + 3, &end, 10);
    if (*end != ':' || errno == ERANGE) goto bad;
    pos->id = v;
    pos->name = end + 1;
    pos->len = strlen(pos->name);
    if (pos->len > KM_PARTNER_NAME_MAX) goto bad;
    return 0;
bad:
    return km__err(KM_EINVAL, "query.cursor", "\"%.40s\" is not a cursor of a name-ordered page",
                   "\"%.40s\" bukan kursor halaman berurutan nama", c);
}

/* A bounded max-heap of partner ids in name order: the `limit` smallest
 * candidates seen so far. */
typedef struct select_ctx {
    km_network *net;
    const plan *pl;
    km__buf *scratch;
    const name_pos *after;   /* cursor, or NULL */
    uint32_t after_key;
    uint32_t *h;             /* ids fit 32 bits: see partner_ops.c */
    size_t n, limit;
    uint64_t seen;           /* candidates after the cursor */
    uint32_t *cand;          /* when set: candidates are collected here first */
    size_t n_cand;
} select_ctx;

static void heap_sift_down(const km__partners *ps, uint32_t *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        uint32_t t;
        if (l < n && name_cmp_id(ps, h[l], h[m]) > 0) m = l;
        if (r < n && name_cmp_id(ps, h[r], h[m]) > 0) m = r;
        if (m == i) return;
        t = h[i]; h[i] = h[m]; h[m] = t;
        i = m;
    }
}

static void select_offer(select_ctx *c, uint64_t id);

static int select_visit(void *payload, uint64_t id)
{
    select_ctx *c = (select_ctx *)payload;
    const km__partners *ps = &c->net->partners;
    int rc;
    if (c->pl->name && c->pl->name_len) {
        const km_partner *p = ps->by_id[id - 1];
        rc = km__utf8_contains_folded(km__pt_name(p), p->name_len, c->pl->name, c->pl->name_len, c->scratch);
        if (rc <= 0) return rc;
    }
    if (c->after && id_cmp_pos(ps, id, c->after_key, c->after) <= 0) return 0;
    if (c->cand) {
        c->cand[c->n_cand++] = (uint32_t)id;
        return 0;
    }
    select_offer(c, id);
    return 0;
}

/* Offers a candidate to the heap of the `limit` first. */
static void select_offer(select_ctx *c, uint64_t id)
{
    const km__partners *ps = &c->net->partners;
    size_t i;
    c->seen++;
    if (c->n < c->limit) {
        i = c->n++;
        c->h[i] = (uint32_t)id;
        while (i > 0 && name_cmp_id(ps, c->h[(i - 1) / 2], c->h[i]) < 0) { /* sift up */
            uint32_t t = c->h[i];
            c->h[i] = c->h[(i - 1) / 2];
            c->h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (name_cmp_id(ps, id, c->h[0]) < 0) {
        c->h[0] = (uint32_t)id;
        heap_sift_down(ps, c->h, c->n, 0);
    }
}

/* Puts the records of ids (n of them, in page order) on the page, borrowed. The records are cache
 * misses at a million partners: all are requested before any is read
 * (util/prefetch.h), then the strings a caller reads next (name,
 * identifiers, tags). */
static void page_fill(km_partner_page *page, const km__partners *ps, const uint32_t *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) KM__PREFETCH(&ps->by_id[ids[i] - 1]);
    for (i = 0; i < n; i++) page->items[i] = ps->by_id[ids[i] - 1];
    for (i = 0; i < n; i++) KM__PREFETCH(page->items[i]);
    /* A record's second line (its tags are numbers into the vocabulary,
     * whose few strings stay in cache). */
    for (i = 0; i < n; i++) KM__PREFETCH((const char *)page->items[i] + 64);
    page->n = n;
}

/* One set, no other filter: the page is a slice of the set's name-ordered
 * copy (km__set_order), found by binary search from the cursor. */
static int name_page_sorted(km_partner_page *page, uint32_t limit, km_network *net, const km__idset *set, size_t m,
                            const name_pos *after, int *more)
{
    km__partners *ps = &net->partners;
    const km__set_order *o = NULL;
    size_t lo, n;
    int rc;
    if ((rc = set_order_get(ps, set, m, &o)) != 0) return rc;
    lo = after ? first_after(ps, o->ids, o->n, after) : 0;
    n = o->n - lo < limit ? o->n - lo : limit;
    page_fill(page, ps, o->ids + lo, n);
    *more = lo + n < o->n;
    return 0;
}

/* Few candidates: walk the intersection of the filter sets (chunk by
 * chunk, driven by the smallest), and keep the `limit` first in name order
 * in a heap, which is then sorted. Time ~ candidates x log(limit), comparing the dense name
 * keys (records are read on ties and for the page). Fills page->items with
 * borrowed records; *more when matches remain. */
static int name_page_select(km_partner_page *page, uint32_t limit, const plan *pl, km_network *net,
                            km__buf *scratch, const name_pos *after, uint64_t bound, int *more)
{
    const km__partners *ps = &net->partners;
    uint32_t stack[64], *h = limit <= 64 ? stack : (uint32_t *)km__malloc(net->a, limit * sizeof *h);
    uint64_t id;
    select_ctx c;
    size_t i;
    int rc = 0;
    if (!h) return km__nomem();
    memset(&c, 0, sizeof c);
    c.net = net;
    c.pl = pl;
    c.scratch = scratch;
    c.after = after;
    c.after_key = after ? km__name_key(after->name, after->len) : 0;
    c.h = h;
    c.limit = limit;
    /* With a known, modest bound, the candidates are gathered first and
     * their name keys requested together (random reads in an array of 4
     * bytes per partner), then ranked. */
    if (bound <= 65536 && pl->n) {
        c.cand = (uint32_t *)km__malloc(net->a, (bound ? bound : 1) * sizeof *c.cand);
        if (!c.cand) {
            if (h != stack) km__free(net->a, h);
            return km__nomem();
        }
    }
    if (pl->n) rc = km__idset_each_all(pl->sets, pl->n, 1, select_visit, &c);
    else
        for (id = 1; rc == 0 && id <= ps->n; id++) rc = select_visit(&c, id);
    if (rc == 0 && c.cand) {
        for (i = 0; i < c.n_cand; i++) KM__PREFETCH(&ps->name_key[c.cand[i] - 1]);
        for (i = 0; i < c.n_cand; i++) select_offer(&c, c.cand[i]);
    }
    km__free(net->a, c.cand);
    if (rc == 0) {
        size_t n = c.n;
        while (n > 1) { /* heap sort: largest to the end */
            uint32_t t = h[0];
            h[0] = h[n - 1];
            h[n - 1] = t;
            heap_sift_down(ps, h, --n, 0);
        }
        page_fill(page, ps, h, c.n);
        *more = c.seen > limit;
    }
    if (h != stack) km__free(net->a, h);
    return rc;
}

/* Many candidates: walk the name index from the cursor and keep matches.
 * Returns 1 when the walk gave up after `budget` steps (the matches are
 * rarer than the counts suggested; the caller selects instead). */
static int name_page_walk(km_partner_page *page, uint32_t limit, const plan *pl, km_network *net,
                          km__buf *scratch, const name_pos *after, uint64_t budget, int *more)
{
    km__partners *ps = &net->partners;
    const km__name_order *no = &ps->by_name;
    size_t lo, i;
    uint64_t steps = 0;
    int rc;
    if ((rc = name_order_update(ps)) != 0) return rc;
    lo = after ? first_after(ps, no->ids, no->n, after) : 0;
    for (i = lo; i < no->n; i++) {
        if (++steps > budget) {
            page->n = 0;
            return 1;
        }
        rc = plan_match(pl, net, scratch, no->ids[i]);
        if (rc < 0) return rc;
        if (!rc) continue;
        if (page->n == limit) {
            *more = 1;
            break;
        }
        page->items[page->n++] = ps->by_id[no->ids[i] - 1];
    }
    return 0;
}

/* A name-ordered page. The plan is chosen by the number m of candidates
 * the indexed filters leave (from the id sets; the name filter can only
 * lower it): selecting costs ~m, walking the name index costs
 * ~limit x n / m for matches spread evenly over names, so the walk is taken
 * when m x m > (limit + 1) x n. A walk that meets far fewer matches than
 * expected (matches clustered late in name order) stops after 8m + 1024
 * steps and selects instead, so a page never costs much more than ~m. */
static int walk_pays(uint64_t m, uint32_t limit, uint64_t n)
{
    return (double)m * (double)m > ((double)limit + 1) * (double)n;
}

static int name_page(km_partner_page *page, uint32_t limit, const plan *pl, km_network *net, km__buf *scratch,
                     const char *cursor, int *more)
{
    km__partners *ps = &net->partners;
    name_pos after;
    uint64_t m;
    size_t i;
    int rc;
    if (cursor && (rc = parse_name_cursor(cursor, &after)) != 0) return rc;
    if (pl->empty) return 0;
    /* The smallest set bounds m from above at O(chunks); the exact
     * intersection count is paid only when the bound would pick the walk. */
    m = ps->n;
    for (i = 0; i < pl->n; i++) {
        uint64_t c = km__idset_count(pl->sets[i]);
        if (c < m) m = c;
    }
    if (pl->n > 1 && walk_pays(m, limit, ps->n)) m = km__idset_count_all(pl->sets, pl->n);
    if (m == 0) return 0;
    if (pl->n == 1 && !(pl->name && pl->name_len) && m <= KM__SET_ORDER_MAX)
        return name_page_sorted(page, limit, net, pl->sets[0], (size_t)m, cursor ? &after : NULL, more);
    if (walk_pays(m, limit, ps->n) && ps->n <= UINT32_MAX) {
        rc = name_page_walk(page, limit, pl, net, scratch, cursor ? &after : NULL, 8 * m + 1024, more);
        if (rc <= 0) return rc;
    }
    return name_page_select(page, limit, pl, net, scratch, cursor ? &after : NULL, m, more);
}

int km_partner_list(km_partner_page **out, km_network *net, const km_partner_query *query)
{
    km_partner_query dq = KM_PARTNER_QUERY_INIT;
    km_partner_page *page;
    km__buf scratch;
    plan pl;
    uint64_t after = 0, id, next = 0;
    uint32_t limit;
    size_t i;
    int rc, more;

    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = km__partner_index_flush(&net->partners)) != 0) return rc; /* partners created in an open transaction */
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query, &net->fold)) != 0) return rc;
    if (pl.order == KM_PARTNER_ORDER_ID && (rc = parse_cursor(query->cursor, &after)) != 0) return rc;
    limit = query->limit ? query->limit : KM__PAGE_DEFAULT;
    if (limit > KM__PAGE_MAX)
        return km__err(KM_EINVAL, "query.limit", "%u is more than %d", "%u lebih dari %d", limit, KM__PAGE_MAX);

    page = (km_partner_page *)km__calloc(net->a, 1, sizeof *page);
    if (!page) return km__nomem();
    page->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    page->items = (km_partner **)km__malloc(net->a, limit * sizeof *page->items);
    if (!page->items) {
        km_partner_page_free(page);
        return km__nomem();
    }
    km__buf_init(&scratch, net->a);
    rc = 0;
    more = 0;
    if (pl.order == KM_PARTNER_ORDER_NAME) {
        /* The page holds borrowed records until it is complete. */
        rc = name_page(page, limit, &pl, net, &scratch, query->cursor, &more);
        if (rc == 0) {
            for (i = 0; i < page->n; i++) km__partner_ref(page->items[i]);
            if (more) {
                const km_partner *last = page->items[page->n - 1];
                snprintf(page->cursor, sizeof page->cursor, "n1:%llu:%.*s", (unsigned long long)last->id,
                         (int)last->name_len, km__pt_name(last));
                page->has_cursor = 1;
            }
        } else {
            page->n = 0;
        }
        km__buf_free(&scratch);
        if (rc < 0) {
            km_partner_page_free(page);
            return rc;
        }
        *out = page;
        return 0;
    }
    id = after + 1;
    while (page->n < limit && (rc = plan_next(&pl, net, &scratch, id, &next)) == 1) {
        km_partner *p = net->partners.by_id[next - 1];
        km__partner_ref(p);
        page->items[page->n++] = p;
        id = next + 1;
    }
    /* Look one match ahead so the last page says so (no empty extra page). */
    if (rc >= 0 && page->n == limit) rc = more = plan_next(&pl, net, &scratch, id, &next);
    km__buf_free(&scratch);
    if (rc < 0) {
        km_partner_page_free(page);
        return rc;
    }
    if (more == 1) {
        snprintf(page->cursor, sizeof page->cursor, "p1:%llu", (unsigned long long)(id - 1));
        page->has_cursor = 1;
    }
    *out = page;
    return 0;
}

int km_partner_count(uint64_t *out, km_network *net, const km_partner_query *query)
{
    km_partner_query dq = KM_PARTNER_QUERY_INIT;
    km__buf scratch;
    plan pl;
    uint64_t id = 1, next, n = 0;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((rc = km__partner_index_flush(&net->partners)) != 0) return rc; /* partners created in an open transaction */
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query, &net->fold)) != 0) return rc;
    if (pl.empty) return 0;
    if (!pl.name) {
        *out = pl.n ? km__idset_count_all(pl.sets, pl.n) : net->partners.n;
        return 0;
    }
    km__buf_init(&scratch, net->a);
    while ((rc = plan_next(&pl, net, &scratch, id, &next)) == 1) {
        n++;
        id = next + 1;
    }
    km__buf_free(&scratch);
    if (rc < 0) return rc;
    *out = n;
    return 0;
}

size_t km_partner_page_count(const km_partner_page *page) { return page ? page->n : 0; }

const km_partner *km_partner_page_get(const km_partner_page *page, size_t i)
{
    return page && i < page->n ? page->items[i] : NULL;
}

const char *km_partner_page_cursor(const km_partner_page *page)
{
    return page && page->has_cursor ? page->cursor : NULL;
}
