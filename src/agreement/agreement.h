/* Internal pieces shared by the agreement files: payload tags, the decoded
 * input ("ain") that every operation validates, and the helpers that swap
 * one version of a record for the next with undo. */
#ifndef KM_AGREEMENT_AGREEMENT_H
#define KM_AGREEMENT_AGREEMENT_H

#include "network/internal.h"
#include "util/validate.h"
#include "util/vocab.h"

/* The start date's text ("YYYY-MM-DD"), NULL without one: the day
 * strings of the network's vocabulary, which the record's builder made
 * readable (the header keeps the day alone, see agreement_internal.h).
 * Any thread, for as long as the record lives. */
static inline const char *km__ag_start_s(const struct km_agreement *a)
{
    return km__ag_has_start(a) ? km__vocab_day(a->ctx->vocab, a->start) : NULL;
}

/* Payload tags (docs/format.md, "Agreements and frameworks"). */
enum {
    KM__AT_TITLE = 1, KM__AT_REFERENCE = 2, KM__AT_TYPE = 3, KM__AT_PURPOSE = 4, KM__AT_SECTORS = 5,
    KM__AT_REGION = 6, KM__AT_START = 7, KM__AT_END = 8, KM__AT_VALUE = 9, KM__AT_CURRENCY = 10,
    KM__AT_FRAMEWORK = 11, KM__AT_DIMENSIONS = 12, KM__AT_PARTIES = 13, KM__AT_DOCUMENTS = 14,
    KM__AT_MASK = 15, KM__AT_RATIONALE = 16, KM__AT_STATUS = 17, KM__AT_REASON = 18, KM__AT_OVERRIDE = 19,
    KM__AT_AS_OF = 20, KM__AT_PARTNER = 21, KM__AT_NUMBER = 22, KM__AT_MS_TYPE = 23, KM__AT_MS_TITLE = 24,
    KM__AT_DUE = 25, KM__AT_MS_STATUS = 26, KM__AT_DATE_MET = 27, KM__AT_RISK_CATEGORY = 28,
    KM__AT_RISK_ALLOCATION = 29, KM__AT_MITIGATION = 30
};

typedef struct km__ain {
    km__sl title, reference, purpose, region, currency, reason, override, rationale;
    uint64_t type, status, framework, dimensions, amend_mask;
    uint32_t fw_version;
    int has_start, has_end;
    int32_t start, end;
    int64_t value;
    size_t n_sectors, n_parties, n_docs;
    km__sl sectors[KM_TAGS_MAX];
    km__agr_party_in parties[KM_AGREEMENT_PARTIES_MAX];
    km__sl doc_uri[KM_AGREEMENT_DOCUMENTS_MAX], doc_sha[KM_AGREEMENT_DOCUMENTS_MAX];
} km__ain;

extern const km__fdesc km__agr_schema[];
extern const size_t km__agr_schema_count;

/* agreement.c. Builds a record (refs = 1) from validated input: in
 * agreement id's cell when `cell` is given and it fits there (flagged
 * KM__CELL_PLACED, its size counted in *cell; the caller marks it current
 * once it is its slot's), else carved from slab when loading in bulk, else
 * (slab NULL) an allocation of its own (km__cells_alloc). NULL on ENOMEM. */
km_agreement *km__agr_build(km_network *net, km__slab *slab, km__cell_sizes *cell, const km__ain *in, uint64_t id,
                            uint32_t version, int64_t created, int64_t updated, int64_t version_time);
void km__ain_from_record(km__ain *in, const km_agreement *a);
int km__agr_not_found(uint64_t id);
km_agreement *km__agr_current(km_network *net, uint64_t id);
int km__agr_ended(int status);

/* agreement_ops.c */
int km__agr_get_str(const km__fields *f, uint16_t tag, km__sl *out);
int km__agr_get_u64(const km__fields *f, uint16_t tag, const char *field, uint64_t *out, int required);
/* Reads the fields in mask of a change's payload. */
int km__agr_decode(const km__fields *f, uint32_t mask, km__ain *in);
int km__agr_validate(km_network *net, const km__ain *in, uint64_t self);
/* The slot of ap->ev.id, or NULL with *rc set. */
km__agr_slot *km__agr_find(km_network *net, km__apply *ap, int *rc);
/* Replaces the current record by one built from in: same version, or
 * version + 1 (an amendment keeps the old record readable). The strings
 * of *in that point into the current record may be moved to its copy
 * (the new version then takes the record's cell). */
int km__agr_replace(km_network *net, km__apply *ap, km__agr_slot *slot, km__ain *in, int new_version);
/* Which fields differ between a and the input. */
uint32_t km__agr_diff(const km_agreement *a, const km__ain *in);
int km__agr_apply_amend(km_network *net, km__apply *ap);

/* agreement_index.c */
/* Moves an agreement from old's index entries to nw's (parties included
 * unless defer_party; both must be flushed, see km__agr_party_flush). */
int km__agr_index_replace(km__agreements *s, const km_agreement *old, const km_agreement *nw);
/* Indexes a new agreement, all but its parties, which wait for the flush;
 * and takes that back (its parties too if they were flushed). */
int km__agr_index_create(km__agreements *s, const km_agreement *a);
void km__agr_index_uncreate(km__agreements *s, const km_agreement *a);
/* Builds by_party in bulk (snapshot load, with defer_party set while the
 * records were indexed) from every (partner, agreement) pair of the
 * current records, each packed as partner << 32 | agreement id, in
 * agreement order; every partner's set must exist (reserved when its
 * records were indexed). */
int km__agr_party_index_build(km__agreements *s, const uint64_t *pairs, size_t n_pairs);
int km__agr_totals_prepare(km__agreements *s, const km_agreement *old, const km_agreement *nw);
void km__agr_totals_move(km__agreements *s, const km_agreement *old, const km_agreement *nw);

/* agreement_lifecycle.c */
int km__agr_apply_transition(km_network *net, km__apply *ap);
int km__agr_apply_sign(km_network *net, km__apply *ap);

/* milestone.c, risk.c */
int km__agr_apply_milestone_add(km_network *net, km__apply *ap);
int km__agr_apply_milestone_status(km_network *net, km__apply *ap);
int km__agr_apply_risk_add(km_network *net, km__apply *ap);
int km__agr_apply_risk_update(km_network *net, km__apply *ap);
/* Agreement id's extra part (earlier versions, milestones, risks),
 * allocated on first use, into *out: 0 or KM_ENOMEM. Left in place if the
 * change then fails (it is empty, and freed with the agreements). Two
 * threads may ask at once for agreements of the same page when the table
 * already covers id (km__agr_x_reserve); otherwise one thread only. */
int km__agr_extra_get(km_network *net, uint64_t id, km__agr_extra **out);
/* Makes the table of extras' pages cover agreements 1..n (the pages
 * themselves come on first use). 0 or KM_ENOMEM, the table as it was. */
int km__agr_x_reserve(km__agreements *s, size_t n);
/* Frees agreement id's extras, if any (a creation taken back). */
void km__agr_x_drop(km__agreements *s, uint64_t id);
void km__agr_extra_free(const km_allocator *a, km__agr_extra *x);
km__milestone *km__milestone_new(const km_allocator *a, uint32_t number, uint8_t type, uint8_t status, int32_t due,
                                 int has_met, int32_t met, const char *title, size_t title_len);
km__risk *km__risk_new(const km_allocator *a, uint32_t number, uint8_t category, uint8_t allocation,
                       const char *mitigation, size_t len);

/* framework_check.c: calls violation() for every rule broken and incentive()
 * for every incentive offered that the agreement qualifies for. No
 * allocation. Returns the number of violations. */
typedef struct km__check_sink {
    void (*violation)(void *payload, int rule, const char *field, const char *en, const char *id);
    void (*incentive)(void *payload, int incentive);
    void *payload;
} km__check_sink;
size_t km__check_run(km_network *net, const km_agreement *a, const km_framework *fw, const km__check_sink *sink);

#endif
