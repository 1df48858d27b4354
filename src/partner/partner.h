/* Internal pieces shared by the partner files: the decoded input ("pin")
 * that both create and update validate, and payload tags. */
#ifndef KM_PARTNER_PARTNER_H
#define KM_PARTNER_PARTNER_H

#include "network/internal.h"
#include "util/validate.h"
#include "util/vocab.h"

/* Tag i of the record's tag list (sectors, then capabilities, then needs):
 * its string in the vocabulary of the record's network, found through the
 * record's context (network/internal.h). Any thread, for as long as the
 * record lives. */
static inline const char *km__pt_tag(const km_partner *p, size_t i)
{
    return km__vocab_str(p->ctx->vocab, p->tag_id[i]);
}

enum {
    KM__PT_NAME = 1, KM__PT_EXTERNAL_ID = 2, KM__PT_KIND = 3, KM__PT_REGION = 4,
    KM__PT_EMAIL = 5, KM__PT_PHONE = 6, KM__PT_WEBSITE = 7, KM__PT_SECTORS = 8,
    KM__PT_CAPABILITIES = 9, KM__PT_NEEDS = 10, KM__PT_MASK = 11, KM__PT_STATUS = 12,
    KM__PT_REASON = 13
};

enum { KM__TAGS_SECTORS = 0, KM__TAGS_CAPS = 1, KM__TAGS_NEEDS = 2 };

typedef struct km__pin {
    km__sl name, external_id, region, email, phone, website, reason;
    uint64_t kind, status;
    size_t ntags[3];
    km__sl tags[3][KM_TAGS_MAX];
} km__pin;

/* Builds a record (refs = 1) from validated input: in partner id's cell
 * when `cell` is given and it fits there (flagged KM__CELL_PLACED, its size
 * counted in *cell; the caller marks it current once it is by_id's), else
 * carved from slab when loading in bulk, else (slab NULL) an allocation of
 * its own (km__cells_alloc). NULL on ENOMEM. */
km_partner *km__partner_build(km_network *net, km__slab *slab, km__cell_sizes *cell, const km__pin *in, uint64_t id,
                              uint32_t version, int64_t created, int64_t updated);
/* Fills in from an existing record (for updates). */
void km__pin_from_record(km__pin *in, const km_partner *p);
km_partner *km__partner_lookup(const km__partners *ps, uint64_t id);
/* Whether partner id exists, without touching the record table: partners
 * are never removed (archived at most), so ids are dense, 1..n. A check
 * made per party when a million agreements load, where reading by_id
 * would be a cache miss each. */
static inline int km__partner_exists(const km__partners *ps, uint64_t id)
{
    return id != 0 && id <= (ps->n_loading ? ps->n_loading : (uint64_t)ps->n);
}
/* Every field rule; KM_EINVAL naming the field. */
int km__partner_validate(const km__pin *in);

#endif
