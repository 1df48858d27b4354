/* Agreement state: immutable refcounted records (the public km_agreement
 * handle) per agreement and version, milestones and risk registers, and the
 * secondary indexes and running totals. */
#ifndef KM_AGREEMENT_INTERNAL_H
#define KM_AGREEMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/agreement.h"
#include "kemitraan/partner.h"
#include "util/idset.h"
#include "util/idsets.h"
#include "util/keyidx.h"
#include "util/idmap.h"
#include "network/cells.h"

struct km__ctx;

/* A party as decoded from a change or a snapshot, before validation. */
typedef struct km__agr_party_in {
    uint64_t partner;
    uint32_t roles;
    int64_t signed_at;
} km__agr_party_in;

typedef struct km__agr_doc {
    const char *uri;
    const char *sha256;
} km__agr_doc;

/* The strings of an agreement record, by their place in its offset table. */
enum {
    KM__AS_TITLE = 0, KM__AS_REFERENCE, KM__AS_PURPOSE, KM__AS_REGION, KM__AS_REASON, KM__AS_OVERRIDE,
    KM__AS_RATIONALE, KM__AS_END, KM__AS__COUNT,
    KM__AS_HEAD = KM__AS_PURPOSE /* the strings whose offsets the header keeps: the title and the reference */
};

/* One version of an agreement in a single allocation: this header, the
 * arrays (parties, the rare fields, documents, sector pointers), the
 * strings of the offset table, then the sector and document strings. The
 * header is 64 bytes, so that an agreement of four parties and two
 * 10-byte strings (the benchmark's, 110 bytes) fits a 112-byte cell (128
 * with the header of 80 bytes before `start_s` and `dimensions` left it:
 * at two million agreements 32 MB more). The start date's text is the network's (its
 * vocabulary's day strings, km__ag_start_s), not 11 bytes of each record.
 * The single strings are found by 16-bit offsets from the start of the
 * record rather than by pointers; they come before the sector and
 * document strings, so their offsets stay below KM__AGREEMENT_STRINGS_END
 * however long those are. Read them through km__ag_str() and friends
 * below, and the rare fields through km__ag_version_time() and friends. */
struct km_agreement {
    /* The first 32 bytes: what a listing reads. At a stride of 112 bytes
     * a cell starts 0, 16, 32 or 48 bytes into a cache line, so these
     * straddle two lines in one cell of four (the first 36 did in two). */
    uint32_t refs;
    uint32_t id;             /* 1..UINT32_MAX: the reference index holds 32-bit ids */
    int64_t value;
    struct km__ctx *ctx;     /* also the way to the start date's text (km__ag_start_s) */
    int32_t start;           /* days since 1970-01-01, or KM__AG_NO_START */
    uint8_t type, status;
    uint8_t cell;            /* KM__CELL_* bits: whether it sits in its agreement's cell (network/cells.h) */
    uint8_t flags;           /* KM__AG_SIGNED, KM__AG_RARE, the dimensions (km__ag_dimensions) */
    /* The rest. */
    uint32_t version;        /* amendment version */
    char currency[4];        /* "" = no value */
    uint8_t n_parties;       /* at most KM_AGREEMENT_PARTIES_MAX (64) */
    uint8_t n_sectors;       /* at most KM_TAGS_MAX (64) */
    uint8_t n_docs;          /* at most KM_AGREEMENT_DOCUMENTS_MAX (32) */
    uint8_t reference_len;   /* at most KM_AGREEMENT_REFERENCE_MAX (100) */
    uint16_t off[KM__AS_HEAD]; /* byte offsets of the title and the reference (the rest: km__agr_rare); 0 = unset */
    int64_t created;
    int64_t updated;
    /* Then, allocated with the record: n_parties uint32_t partner ids and
     * n_parties uint16_t role masks; from the next multiple of 8, when a
     * party has signed (KM__AG_SIGNED), n_parties int64_t signing times (0:
     * not signed); when a rare field is set (KM__AG_RARE), a km__agr_rare;
     * n_docs km__agr_doc and n_sectors string pointers (km__ag_party(),
     * km__ag_roles(), km__ag_signed_at(), km__ag_docs(), km__ag_sectors());
     * then the strings. */
};

/* The start of an agreement without a start date (below any civil day). */
#define KM__AG_NO_START INT32_MIN

/* Bits of a record's flags. */
#define KM__AG_SIGNED 1u /* the parties' signing times follow them (km__ag_signed_at) */
#define KM__AG_RARE 2u   /* a km__agr_rare follows them (and the signing times) */
#define KM__AG_DIM_SHIFT 2u /* bits 2 to 6: the KM_DIMENSION_BIT() mask */

/* What a version has only once it was amended, tied to a framework or
 * given an end date or one of the optional texts: outside the header, so
 * that an agreement with none of it (the benchmark's, a draft with a
 * title and a reference) does not pay 40 bytes for it. An update that
 * changes none of it keeps the record's size (the cell it sits in, see
 * network/cells.h). Absent, every field reads as at creation: the version
 * time the creation time, the rest 0. */
typedef struct km__agr_rare {
    int64_t version_time;
    uint32_t framework_id;      /* 0 = none; frameworks are 1..UINT32_MAX */
    uint32_t framework_version; /* pinned at signing; 0 before */
    uint32_t amend_mask;
    int32_t end;                /* days since 1970-01-01; meaningful with km__ag_has_end */
    uint16_t off[KM__AS__COUNT - KM__AS_HEAD]; /* byte offsets of strings KM__AS_HEAD..; 0 = unset */
} km__agr_rare;

/* A bound on a region's length for the layout below (a kode wilayah is at
 * most 13 bytes; validation is stricter). */
#define KM__AGREEMENT_REGION_MAX 64

/* Where the strings of the offset table end at the latest: the header, the
 * largest arrays, and each string at its limit. agreement.c checks at
 * compile time that this fits 16 bits; the snapshot loader holds every
 * record, history included, to these limits. */
#define KM__AGREEMENT_STRINGS_END                                                                          \
    (sizeof(struct km_agreement) + KM_AGREEMENT_PARTIES_MAX * (sizeof(uint32_t) + sizeof(uint16_t)) + 8 +   \
     KM_AGREEMENT_PARTIES_MAX * sizeof(int64_t) + sizeof(km__agr_rare) +                                     \
     KM_AGREEMENT_DOCUMENTS_MAX * sizeof(km__agr_doc) + KM_TAGS_MAX * sizeof(char *) +                       \
     KM_AGREEMENT_TITLE_MAX + KM_AGREEMENT_REFERENCE_MAX + KM_AGREEMENT_PURPOSE_MAX +                       \
     KM__AGREEMENT_REGION_MAX + 3 * KM_AGREEMENT_REASON_MAX + 10 + KM__AS__COUNT)

/* The arrays that follow the header, found from the counts and flags (no
 * pointers: 24 bytes less per record). The header's size is a multiple
 * of 8. */
/* A record's partner ids are 32-bit, as partner ids are at most UINT32_MAX
 * (creating a partner past that is refused, see partner_ops.c): every
 * record's parties passed validation (existing partners) or the snapshot
 * check of their range before being narrowed. */
static inline const uint32_t *km__ag_party_ids(const struct km_agreement *a)
{
    return (const uint32_t *)(const void *)(a + 1);
}
/* Partner id of party i (i < n_parties). */
static inline uint32_t km__ag_party(const struct km_agreement *a, size_t i) { return km__ag_party_ids(a)[i]; }
/* Role mask of party i (KM_ROLE_*, nine bits). */
static inline uint32_t km__ag_roles(const struct km_agreement *a, size_t i)
{
    return ((const uint16_t *)(const void *)(km__ag_party_ids(a) + a->n_parties))[i];
}
/* Where the arrays after the parties start: the next multiple of 8 after
 * their ids and roles (the signing times and pointers need it). */
static inline size_t km__ag_after_parties(size_t n_parties)
{
    return (sizeof(struct km_agreement) + n_parties * (sizeof(uint32_t) + sizeof(uint16_t)) + 7) & ~(size_t)7;
}
/* When party i signed (microseconds since 1970), 0 if it has not. */
static inline int64_t km__ag_signed_at(const struct km_agreement *a, size_t i)
{
    return (a->flags & KM__AG_SIGNED)
               ? ((const int64_t *)(const void *)((const char *)a + km__ag_after_parties(a->n_parties)))[i]
               : 0;
}
/* Where the rare fields are (when flags has KM__AG_RARE), after the
 * signing times when flags has KM__AG_SIGNED: the builder's layout and
 * the readers' alike. */
static inline size_t km__ag_rare_at(size_t n_parties, unsigned flags)
{
    return km__ag_after_parties(n_parties) + ((flags & KM__AG_SIGNED) ? n_parties * sizeof(int64_t) : 0);
}
/* Where the documents start, after the signing times and rare fields. */
static inline size_t km__ag_docs_at(size_t n_parties, unsigned flags)
{
    return km__ag_rare_at(n_parties, flags) + ((flags & KM__AG_RARE) ? sizeof(km__agr_rare) : 0);
}
static inline const km__agr_doc *km__ag_docs(const struct km_agreement *a)
{
    return (const km__agr_doc *)(const void *)((const char *)a + km__ag_docs_at(a->n_parties, a->flags));
}
static inline const char *const *km__ag_sectors(const struct km_agreement *a)
{
    return (const char *const *)(const void *)(km__ag_docs(a) + a->n_docs);
}
/* The record's rare fields, NULL when it has none (all at their defaults). */
static inline const km__agr_rare *km__ag_rare(const struct km_agreement *a)
{
    return (a->flags & KM__AG_RARE)
               ? (const km__agr_rare *)(const void *)((const char *)a + km__ag_rare_at(a->n_parties, a->flags))
               : (const km__agr_rare *)0;
}
/* When this version was made (microseconds since 1970): its creation
 * unless the rare fields say. */
static inline int64_t km__ag_version_time(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r ? r->version_time : a->created;
}
/* Framework id (0: none), the framework version pinned at signing (0
 * before), the amended-fields mask (KM_AGREEMENT_F_*), the end day. */
static inline uint32_t km__ag_framework(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r ? r->framework_id : 0;
}
static inline uint32_t km__ag_fw_version(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r ? r->framework_version : 0;
}
static inline uint32_t km__ag_amend_mask(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r ? r->amend_mask : 0;
}
static inline int km__ag_has_start(const struct km_agreement *a) { return a->start != KM__AG_NO_START; }
/* The KM_DIMENSION_BIT() mask (five bits). */
static inline uint32_t km__ag_dimensions(const struct km_agreement *a) { return (uint32_t)a->flags >> KM__AG_DIM_SHIFT; }
static inline int km__ag_has_end(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r && r->off[KM__AS_END - KM__AS_HEAD] != 0;
}
/* The end day (days since 1970-01-01); meaningful with km__ag_has_end. */
static inline int32_t km__ag_end(const struct km_agreement *a)
{
    const km__agr_rare *r = km__ag_rare(a);
    return r ? r->end : 0;
}

/* String k (KM__AS_*) of a record, NULL when unset. */
static inline const char *km__ag_str(const struct km_agreement *a, int k)
{
    uint16_t off;
    if (k < KM__AS_HEAD) {
        off = a->off[k];
    } else {
        const km__agr_rare *r = km__ag_rare(a);
        off = r ? r->off[k - KM__AS_HEAD] : 0;
    }
    return off ? (const char *)a + off : (const char *)0;
}
static inline const char *km__ag_title(const struct km_agreement *a) { return km__ag_str(a, KM__AS_TITLE); }
static inline const char *km__ag_reference(const struct km_agreement *a) { return km__ag_str(a, KM__AS_REFERENCE); }
static inline const char *km__ag_region(const struct km_agreement *a) { return km__ag_str(a, KM__AS_REGION); }
/* The end date as "YYYY-MM-DD", NULL when there is none. */
static inline const char *km__ag_end_s(const struct km_agreement *a) { return km__ag_str(a, KM__AS_END); }

typedef struct km__milestone {
    uint32_t number;
    uint8_t type, status, has_met;
    int32_t due, met;
    char title[1];           /* NUL-terminated, allocated with the struct */
} km__milestone;

typedef struct km__risk {
    uint32_t number;
    uint8_t category, allocation;
    char mitigation[1];
} km__risk;

/* What few agreements have: earlier versions, milestones, risks. Kept out
 * of the slots, in pages of their own (km__agreements.xp), so that a slot
 * is the current version's pointer alone: 8 bytes an agreement, 16 MB at
 * two million, where a pointer to this beside it took 16 more. */
typedef struct km__agr_extra {
    km_agreement **old;      /* old[v - 1]: version v as it stood when amended */
    size_t cap_old;
    km__milestone **ms;
    size_t n_ms, cap_ms;
    km__risk **risks;
    size_t n_risks, cap_risks;
} km__agr_extra;

typedef struct km__agr_slot {
    km_agreement *cur;
} km__agr_slot;

/* Agreements a page of extras' pointers covers. */
#define KM__AGR_XPAGE 1024u

/* Running totals of one (type, currency): per status and overall. */
typedef struct km__agr_total {
    char currency[4];
    int64_t all;
    int64_t sum[KM_AGREEMENT_STATUS__COUNT];
    uint64_t count[KM_AGREEMENT_STATUS__COUNT];
} km__agr_total;

typedef struct km__agr_totals {
    km__agr_total *items;
    size_t n, cap;
} km__agr_totals;

typedef struct km__agreements {
    km__agr_slot *items;     /* items[id - 1] */
    size_t n, cap;
    /* The extras of agreement id: xp[(id - 1) / KM__AGR_XPAGE][(id - 1) %
     * KM__AGR_XPAGE], NULL until its first amendment, milestone or risk;
     * a page NULL until one of its agreements has extras (km__agr_x,
     * km__agr_extra_get). The table has n_xp entries; the snapshot loader
     * sizes it for every agreement before its two threads start, and they
     * install pages by compare-and-swap. */
    void **xp;               /* each page a km__agr_extra *[KM__AGR_XPAGE] (void *: km__install) */
    size_t n_xp;
    km__idmap by_ref;        /* reference -> id (keys read from the current record) */
    /* The current versions in cells (network/cells.h): a listing reads the
     * cell when the record there is current, items[id - 1].cur otherwise.
     * Records that fit their page's stride are built there when created,
     * changed with no handle on the current version (agreement_ops.c,
     * vacate) or loaded from a snapshot. */
    km__cells cells;
    km__idset by_type[KM_AGREEMENT_TYPE__COUNT];
    km__idset by_family[KM_FAMILY__COUNT];
    km__idset by_status[KM_AGREEMENT_STATUS__COUNT];
    /* by_party, keyed by partner id: the agreements 1..party_indexed a partner
     * is a party to. Those above were created since; their parties are
     * added by km__agr_party_flush() at their transaction's commit or
     * before anything reads or changes by_party, whichever comes first
     * (adding four ids to four cold sets was a third of a creation at a
     * million partners; in bulk their misses overlap). Read it through
     * km__agr_party_set() after a flush. */
    km__idsets by_party;
    size_t party_indexed;
    int defer_party;         /* snapshot load: by_party is built in bulk at the end */
    int defer_ref;           /* snapshot load: by_ref too (validation skips its probe) */
    km__idsets by_framework; /* keyed by framework id */
    km__keyidx sectors, regions;
    km__agr_totals totals[KM_AGREEMENT_TYPE__COUNT];
    const km_allocator *a;
} km__agreements;

void km__agreements_init(km__agreements *s, const km_allocator *a);
/* The reference of agreement id's current record (the key function of by_ref). */
const char *km__agreement_ref_of(const void *ctx, uint64_t id, size_t *len);
void km__agreements_free(km__agreements *s);
void km__agreement_ref(km_agreement *a);
void km__agreement_unref(km_agreement *a);
km__agr_slot *km__agreement_slot(const km__agreements *s, uint64_t id);
/* The current record of agreement id (1..n): from its cell when it is
 * there and current (one cache miss), else from its slot (two). */
static inline km_agreement *km__agreement_current(const km__agreements *s, uint64_t id)
{
    km_agreement *c = (km_agreement *)km__cells_current(&s->cells, id);
    return c ? c : s->items[id - 1].cur;
}

/* The extras of agreement id (1..n), NULL when it has none. */
static inline km__agr_extra *km__agr_x(const km__agreements *s, uint64_t id)
{
    size_t i = (size_t)(id - 1), p = i / KM__AGR_XPAGE;
    km__agr_extra *const *page = p < s->n_xp ? (km__agr_extra *const *)s->xp[p] : NULL;
    return page ? page[i % KM__AGR_XPAGE] : NULL;
}

/* The set of agreements partner is a party to, NULL when there is none.
 * It misses the agreements created since the last km__agr_party_flush();
 * those are all drafts (a change to any agreement flushes first), so a
 * reader that skips drafts (agreements in force, completed, evaluated)
 * can use it as it is; any other must flush first (listings do). */
static inline const km__idset *km__agr_party_set(const km__agreements *s, uint64_t partner)
{
    return km__idsets_get(&s->by_party, partner);
}
/* Adds the parties of agreements party_indexed + 1..n to by_party. 0 with
 * party_indexed = n, or KM_ENOMEM with by_party as it was. */
int km__agr_party_flush(km__agreements *s);

enum {
    KM__OP_AGREEMENT_CREATE = 1,
    KM__OP_AGREEMENT_UPDATE = 2,
    KM__OP_AGREEMENT_AMEND = 3,
    KM__OP_AGREEMENT_TRANSITION = 4,
    KM__OP_AGREEMENT_SIGN = 5,
    KM__OP_MILESTONE_ADD = 6,
    KM__OP_MILESTONE_STATUS = 7,
    KM__OP_RISK_ADD = 8,
    KM__OP_RISK_UPDATE = 9
};

#endif
