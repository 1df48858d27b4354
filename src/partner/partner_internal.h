/* Partner registry state: immutable refcounted records indexed by id, by
 * external identifier and by compressed id sets per filterable value. */
#ifndef KM_PARTNER_INTERNAL_H
#define KM_PARTNER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "kemitraan/partner.h"
#include "util/idset.h"
#include "util/keyidx.h"
#include "util/idmap.h"
#include "util/u64map.h"
#include "network/cells.h"

struct km__ctx;
struct km_network;

/* The strings of a partner record, by their place in its offset table. */
enum {
    KM__PS_NAME = 0, KM__PS_EXTERNAL_ID, KM__PS_REGION, KM__PS_EMAIL, KM__PS_PHONE, KM__PS_WEBSITE, KM__PS_REASON,
    KM__PS__COUNT
};

/* One version of a partner, in a single allocation: this header (48 bytes),
 * the numbers of its tags, then its strings in KM__PS_* order, each
 * NUL-terminated, the unset ones absent. Tags are numbers in the
 * network's vocabulary (util/vocab.h: a registry has few distinct tags,
 * and a number is 4 bytes where a tag is 5 to 20). The strings a lookup
 * reads are found from lengths the header keeps: the name right after
 * the tags, the external id after the name, the region after that; the
 * rarer ones (email, phone, website, reason) by walking from there. So a
 * record of a partner like the benchmark's is 104 to 112 bytes, a
 * 112-byte cell (120 to 128 in 128-byte cells with a 64-byte header of
 * seven 16-bit string offsets and a 64-bit id; 210 with pointers). It is
 * also the public km_partner handle: the registry holds one reference,
 * each handle given out another. Read the strings through the km__pt_*
 * functions below. */
struct km_partner {
    uint32_t refs;
    uint32_t version;
    struct km__ctx *ctx;
    int64_t created;
    int64_t updated;
    uint32_t id;              /* 1..UINT32_MAX: creating a partner past that is refused (partner_ops.c) */
    uint8_t kind;
    uint8_t status;
    uint8_t n_sectors;        /* at most KM_TAGS_MAX each */
    uint8_t n_caps;
    uint8_t n_needs;
    uint8_t name_len;         /* at most KM_PARTNER_NAME_MAX (200) */
    uint8_t external_id_len;  /* at most KM_PARTNER_EXTERNAL_ID_MAX (100) */
    uint8_t region_len;       /* a kode wilayah, at most 13 (km__v_region); 0 when unset */
    uint8_t strs;             /* bit k: string k (KM__PS_*) is set; the name and external id always are */
    uint8_t cell;             /* KM__CELL_* bits: whether it sits in its partner's cell (network/cells.h) */
    uint32_t tag_id[1];       /* sectors, then capabilities, then needs: vocabulary numbers (allocated with the record) */
};

/* Where the record's strings start: after its tag numbers (a record
 * without tags keeps the one slot of the struct). */
static inline size_t km__pt_strings_at(const struct km_partner *p)
{
    size_t n = (size_t)p->n_sectors + p->n_caps + p->n_needs;
    return offsetof(struct km_partner, tag_id) + (n ? n : 1) * sizeof(uint32_t);
}
static inline const char *km__pt_name(const struct km_partner *p) { return (const char *)p + km__pt_strings_at(p); }
static inline const char *km__pt_external_id(const struct km_partner *p)
{
    return km__pt_name(p) + p->name_len + 1;
}
static inline const char *km__pt_region(const struct km_partner *p)
{
    return (p->strs & (1u << KM__PS_REGION)) ? km__pt_external_id(p) + p->external_id_len + 1 : (const char *)0;
}
/* String k (KM__PS_*) of a record, NULL when unset. The rarer strings
 * (after the region) are found by walking the ones set before them. */
static inline const char *km__pt_str(const struct km_partner *p, int k)
{
    const char *s;
    int j;
    if (k == KM__PS_NAME) return km__pt_name(p);
    if (k == KM__PS_EXTERNAL_ID) return km__pt_external_id(p);
    if (!(p->strs & (1u << k))) return (const char *)0;
    s = km__pt_external_id(p) + p->external_id_len + 1;
    if (k == KM__PS_REGION) return s;
    if (p->strs & (1u << KM__PS_REGION)) s += p->region_len + 1;
    for (j = KM__PS_EMAIL; j < k; j++)
        if (p->strs & (1u << j)) s += strlen(s) + 1;
    return s;
}
/* Tag i of the record's tag list (sectors, then capabilities, then needs):
 * km__pt_tag() in partner.h, which sees the record's context. */

/* Every partner id sorted by (name bytes, id): the index a name-ordered
 * listing walks when its filters leave many candidates. A cache built on
 * first use (partner_index.c), never by a change: partners added since
 * the build (ids above n) are merged in by the next listing that needs it,
 * and a change of a name already covered marks it stale (rebuilt on next
 * use). So creating partners costs nothing here, and undo never touches
 * it beyond the flag. */
typedef struct km__name_order {
    uint32_t *ids;         /* ids[0..n) sorted; covers partners 1..n */
    size_t n, cap;
    int stale;             /* a covered name changed: rebuild before use */
} km__name_order;

/* The first four bytes of a name, big-endian, zero-padded (names hold no
 * NUL): comparing two keys orders two names like memcmp-then-length does,
 * unless the keys are equal. */
static inline uint32_t km__name_key(const char *name, size_t len)
{
    uint32_t k = 0;
    size_t i;
    for (i = 0; i < 4; i++) k = (k << 8) | (i < len ? (uint8_t)name[i] : 0u);
    return k;
}

/* A name-ordered copy of one filter set (the partners of a kind in a
 * region, of a sector, ...), made by the first name-ordered listing whose
 * only filter is that set and reused while nothing about partners changed
 * (epoch): a page then reads the 50 entries it returns, where ranking
 * the whole set reads every member's name key. Any change of membership or
 * name moves the registry's epoch, and each copy is re-sorted on its next
 * use; so a read-mostly registry (a portal's pages) pays the ranking once
 * per set, and a changing one pays what it paid without the copy. */
typedef struct km__set_order {
    uint64_t epoch;        /* ps->epoch when sorted; UINT64_MAX: not sorted */
    uint32_t *ids;         /* the set's ids by (name, id) */
    size_t n, cap;
} km__set_order;

typedef struct km__partners {
    km_partner **by_id;    /* by_id[id - 1], the authority (cells below are a faster way to it) */
    size_t n, cap;
    /* The records in cells (network/cells.h): a lookup by id reads the cell
     * when the record there is current, by_id otherwise. Records that fit
     * their page's stride are built there when created, changed with no
     * handle on the current version (partner_ops.c, vacate) or loaded from
     * a snapshot. */
    km__cells cells;
    /* While a snapshot's partner section loads on another thread (see
     * network/snapshot.c), the number of partners it holds: existence
     * checks of the sections loading meanwhile answer from it, never from
     * n, which that thread is writing. 0 otherwise. Beside n, as
     * km__partner_exists reads both on every party it checks. */
    uint64_t n_loading;
    /* name_key[id - 1] = km__name_key() of the partner's name: a name-ordered
     * page compares candidates through this dense array and touches the
     * records (cache misses at a million partners) only for ties and for
     * the partners it returns. */
    uint32_t *name_key;
    size_t cap_key;
    km__idmap by_ext;      /* external id -> id (keys read from the current record) */
    /* The filter indexes below hold the partners by_id[0..indexed); those
     * above were created since and are added in bulk, set by set, by
     * km__partner_index_flush(): at a commit once 65,536 wait (see
     * network/txn.c), or before anything reads or changes the indexes,
     * whichever comes first. A bulk load then touches each set once per
     * flush instead of once per partner (index maintenance was more than
     * half of a creation at a million partners). */
    size_t indexed;
    /* Partners a commit leaves unindexed before it flushes them
     * (KM__PARTNER_FLUSH_BATCH; tests lower it to see the commit's flush). */
    size_t flush_batch;
    struct km__pbulk *bulk;  /* the flush's scratch (partner_index.c), NULL until one goes set by set */
    km__idset by_kind[KM_PARTNER_KIND__COUNT];
    km__idset by_status[KM_PARTNER_STATUS__COUNT];
    km__keyidx sectors, caps, needs, regions; /* tag or region prefix -> ids */
    /* Partners of one kind under one region prefix (every prefix level),
     * keyed by the kind as a byte then the prefix: "NGOs in 32.73" is the
     * registry's commonest filter, answered by one set instead of
     * intersecting a whole kind with a region. */
    km__keyidx kind_regions;
    uint64_t count_status[KM_PARTNER_STATUS__COUNT];
    km__name_order by_name;
    /* Moves on every change of a partner's index entries or name (creation,
     * update, status, their undo, a bulk build): see km__set_order. */
    uint64_t epoch;
    km__u64map set_orders;    /* set address -> index in orders */
    km__set_order *orders;
    size_t n_orders, cap_orders;
    size_t order_ids;         /* ids held by all orders (bounded, see partner_index.c) */
    const km_allocator *a;
} km__partners;

void km__partners_init(km__partners *p, const km_allocator *a);
/* The external id of partner id's current record (the key function of by_ext). */
const char *km__partner_ext_of(const void *ctx, uint64_t id, size_t *len);
void km__partners_free(km__partners *p);

void km__partner_ref(km_partner *p);
void km__partner_unref(km_partner *p);

enum {
    KM__OP_PARTNER_CREATE = 1,
    KM__OP_PARTNER_UPDATE = 2,
    KM__OP_PARTNER_STATUS = 3
};

/* Index maintenance (partner_index.c). Adding can fail with KM_ENOMEM and
 * then leaves the indexes as they were; removal never allocates. Both
 * apply to indexed partners (id <= indexed) only. */
void km__partner_index_remove(km__partners *ps, const km_partner *p);
/* Moves id from old's values to new's: adds first, then removes, so that a
 * failure leaves old in place. */
int km__partner_index_replace(km__partners *ps, const km_partner *old, const km_partner *nw);
/* Partners whose filter sets a commit leaves for later. The sets are read
 * only through km_partner_list and km_partner_count, and changed by a
 * partner's update and its undo, which all flush first; so partners can
 * wait past their commit, and a bulk load's flush then meets each set with
 * dozens of new ids instead of one or two: at a million partners most of
 * the 6,000 sets of kinds in regions are cold, and a flush per thousand
 * creations spent most of its time fetching them. */
#define KM__PARTNER_FLUSH_BATCH 65536u

/* Adds the partners by_id[indexed..n) to the indexes (all of them after a
 * snapshot load, which reads records unindexed): one by one when they are
 * few, else grouped by set. 0 with indexed = n, or KM_ENOMEM with the
 * indexes as they were. */
int km__partner_index_flush(km__partners *ps);
/* Tells the name-order cache that the name of partner id changed, or that
 * the partner was removed (undo of its creation). Never allocates. */
void km__partner_name_changed(km__partners *ps, uint64_t id);

#endif
