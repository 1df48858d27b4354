/* The agreement section of a snapshot: for each agreement, its superseded
 * versions, its current version, its milestones and its risk register.
 * Agreements are most of a large store (two of every three records in the
 * benchmark's), so a version is written as varints, bytes and
 * length-prefixed strings (format 6, docs/format.md) that load without the
 * event decoder's parsing of tags and decimal text, and that take less
 * than half the bytes of format 5's fixed-width fields (still read). The current version is
 * validated like a change would be (a snapshot is a cache; the log stays
 * the authority); every version, history included, is held to the limits
 * a record's layout assumes. */
#include "agreement/agreement.h"
#include "network/snapshot.h"
#include "core/alloc.h"
#include "util/job.h"
#include "util/date.h"

#include <pthread.h>
#include <stddef.h>
#include <string.h>

/* Byte offsets of a version's fixed fields and of a party's in formats 3
 * to 5 (docs/format.md), which are still read. */
enum {
    F_VERSION = 0, F_CREATED = 4, F_UPDATED = 12, F_VTIME = 20, F_TYPE = 28, F_STATUS = 29, F_HAS_START = 30,
    F_HAS_END = 31, F_START = 32, F_END = 36, F_VALUE = 40, F_FRAMEWORK = 48, F_FW_VERSION = 56,
    F_DIMENSIONS = 60, F_MASK = 64, F_N_SECTORS = 68, F_N_PARTIES = 70, F_N_DOCS = 72, FIXED_BYTES = 74
};
enum { P_PARTNER = 0, P_ROLES = 4, P_SIGNED = 8, PARTY_BYTES = 16 };
/* The most bytes of a format 6 version's fixed fields (below, put_record)
 * and of one party's. */
#define COMPACT_MAX (8 + 3 * KM__VARINT_MAX + 3 + 2 * KM__VARINT_MAX + KM__VARINT_MAX + 4 * KM__VARINT_MAX + 3 * KM__VARINT_MAX)
#define PARTY_MAX (3 * KM__VARINT_MAX)

/* Agreements per chunk of a format 4 section: 489 chunks and a table of
 * 4 KB at two million, so two threads share the reading evenly (the last
 * chunk either takes is about a millisecond of work). */
#define KM__AGR_CHUNK 4096u

/* Bits of a format 6 version's byte of optional fields (docs/format.md). */
enum {
    O_START = 1, O_END = 2, O_FRAMEWORK = 4, O_DIMENSIONS = 8, O_MASK = 16, O_SECTORS = 32, O_DOCS = 64, O_ALL = 127
};
enum { N_STRINGS = 8 };

/* One version in format 6 (docs/format.md): the creation time in 8
 * bytes (a varint of a time in microseconds takes as many, and decodes
 * slower); varints for the numbers (zigzag for the signed ones, the other
 * times as gaps from the creation); type and status as bytes; a byte of
 * presence bits for the fields most versions leave unset or zero (dates,
 * framework, dimensions, amendment mask, sector and document counts),
 * which are then not written; a party as its partner id, its roles
 * shifted left once with the low bit saying it signed, and then the
 * signing time's gap; the strings that are set after a byte of presence
 * bits. Each field decoded is an instruction cost at a reopen, so what is
 * usually absent costs one bit. A workload agreement of three parties
 * takes about 60 bytes where format 5 took 189. */
static int put_record(km__buf *b, const km_agreement *a)
{
    uint8_t f[COMPACT_MAX > PARTY_MAX ? COMPACT_MAX : PARTY_MAX];
    const char *strs[N_STRINGS];
    unsigned opt = (km__ag_has_start(a) ? O_START : 0u) | (km__ag_has_end(a) ? O_END : 0u) |
                   (km__ag_framework(a) || km__ag_fw_version(a) ? O_FRAMEWORK : 0u) |
                   (km__ag_dimensions(a) ? O_DIMENSIONS : 0u) | (km__ag_amend_mask(a) ? O_MASK : 0u) |
                   (a->n_sectors ? O_SECTORS : 0u) | (a->n_docs ? O_DOCS : 0u);
    size_t i, at = 0;
    int rc;
    at += km__put_varint_at(f + at, a->version);
    km__put_u64_at(f + at, (uint64_t)a->created);
    at += 8;
    at += km__snap_put_gap(f + at, a->created, a->updated);
    at += km__snap_put_gap(f + at, a->created, km__ag_version_time(a));
    f[at++] = a->type;
    f[at++] = a->status;
    f[at++] = (uint8_t)opt;
    if (opt & O_START) at += km__put_varint_at(f + at, km__zigzag(a->start));
    if (opt & O_END) at += km__put_varint_at(f + at, km__zigzag(km__ag_end(a)));
    at += km__put_varint_at(f + at, km__zigzag(a->value));
    if (opt & O_FRAMEWORK) {
        at += km__put_varint_at(f + at, km__ag_framework(a));
        at += km__put_varint_at(f + at, km__ag_fw_version(a));
    }
    if (opt & O_DIMENSIONS) at += km__put_varint_at(f + at, km__ag_dimensions(a));
    if (opt & O_MASK) at += km__put_varint_at(f + at, km__ag_amend_mask(a));
    at += km__put_varint_at(f + at, a->n_parties);
    if (opt & O_SECTORS) at += km__put_varint_at(f + at, a->n_sectors);
    if (opt & O_DOCS) at += km__put_varint_at(f + at, a->n_docs);
    rc = km__buf_put(b, f, at);
    for (i = 0; rc == 0 && i < a->n_parties; i++) {
        int64_t signed_at = km__ag_signed_at(a, i);
        at = km__put_varint_at(f, km__ag_party(a, i));
        at += km__put_varint_at(f + at, (uint64_t)km__ag_roles(a, i) << 1 | (signed_at != 0));
        if (signed_at) at += km__snap_put_gap(f + at, a->created, signed_at);
        rc = km__buf_put(b, f, at);
    }
    strs[0] = a->currency[0] ? a->currency : NULL;
    strs[1] = km__ag_title(a);
    strs[2] = km__ag_reference(a);
    strs[3] = km__ag_str(a, KM__AS_PURPOSE);
    strs[4] = km__ag_region(a);
    strs[5] = km__ag_str(a, KM__AS_REASON);
    strs[6] = km__ag_str(a, KM__AS_OVERRIDE);
    strs[7] = km__ag_str(a, KM__AS_RATIONALE);
    if (rc == 0) rc = km__snap_put_strs(b, strs, N_STRINGS);
    for (i = 0; rc == 0 && i < a->n_sectors; i++) rc = km__buf_put_vstr(b, km__ag_sectors(a)[i]);
    for (i = 0; rc == 0 && i < a->n_docs; i++) {
        rc = km__buf_put_vstr(b, km__ag_docs(a)[i].sha256);
        if (rc == 0) rc = km__buf_put_vstr(b, km__ag_docs(a)[i].uri);
    }
    return rc;
}

int km__agreement_snapshot_put(km_network *net, km__buf *b)
{
    const km__agreements *as = &net->agreements;
    const uint64_t start = km__buf_pos(b);
    size_t n_marks = (as->n + KM__AGR_CHUNK - 1) / KM__AGR_CHUNK, i, k;
    uint64_t *marks = (uint64_t *)km__malloc(net->a, (n_marks ? n_marks : 1) * sizeof *marks);
    int rc;
    if (!marks) return km__nomem();
    rc = km__buf_put_u64(b, as->n);
    for (i = 0; rc == 0 && i < as->n; i++) {
        const km__agr_slot *slot = &as->items[i];
        const km__agr_extra *x = km__agr_x(as, i + 1);
        if ((rc = km__buf_spill(b)) != 0) break;
        if (i % KM__AGR_CHUNK == 0) marks[i / KM__AGR_CHUNK] = km__buf_pos(b) - start;
        rc = km__buf_put_varint(b, slot->cur->version - 1);
        for (k = 0; rc == 0 && k + 1 < slot->cur->version; k++) rc = put_record(b, x->old[k]);
        if (rc == 0) rc = put_record(b, slot->cur);
        if (rc == 0) rc = km__buf_put_varint(b, x ? x->n_ms : 0);
        for (k = 0; rc == 0 && x && k < x->n_ms; k++) {
            const km__milestone *m = x->ms[k];
            uint8_t f[3 + 2 * KM__VARINT_MAX];
            size_t at = 3;
            f[0] = m->type;
            f[1] = m->status;
            f[2] = m->has_met;
            at += km__put_varint_at(f + at, km__zigzag(m->due));
            at += km__put_varint_at(f + at, km__zigzag(m->met));
            rc = km__buf_put(b, f, at);
            if (rc == 0) rc = km__buf_put_vstr(b, m->title);
        }
        if (rc == 0) rc = km__buf_put_varint(b, x ? x->n_risks : 0);
        for (k = 0; rc == 0 && x && k < x->n_risks; k++) {
            const km__risk *r = x->risks[k];
            const uint8_t f[2] = { r->category, r->allocation };
            rc = km__buf_put(b, f, 2);
            if (rc == 0) rc = km__buf_put_vstr(b, r->mitigation);
        }
    }
    /* Format 4: where each chunk of KM__AGR_CHUNK agreements starts, so
     * that two threads can load the section. */
    for (i = 0; rc == 0 && i < n_marks; i++) rc = km__buf_put_u64(b, marks[i]);
    if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)n_marks);
    if (rc == 0) rc = km__buf_put_u32(b, KM__AGR_CHUNK);
    km__free(net->a, marks);
    return rc;
}

static int date_ok(int has, int32_t d)
{
    return has == 0 || (has == 1 && d >= KM__DATE_MIN && d <= KM__DATE_MAX);
}

/* Whether the version read into in fits what km__agr_build and the readers
 * of a record assume, whatever its validation: enums in range, real dates,
 * a currency of three letters, a title and a reference, parties with ids
 * and known roles (a record keeps them in 16 bits), a framework id and
 * dimensions that fit the record's 32 and 8 bits, sector and document
 * strings present, the offset-table strings within their limits (their
 * 16-bit offsets, KM__AGREEMENT_STRINGS_END). */
static int shape_ok(const km__ain *in, uint32_t version)
{
    size_t i;
    if (version == 0 || !in->title.p || !in->reference.p || in->type >= KM_AGREEMENT_TYPE__COUNT ||
        in->status >= KM_AGREEMENT_STATUS__COUNT ||
        !date_ok(in->has_start, in->start) || !date_ok(in->has_end, in->end) ||
        (in->currency.p && in->currency.n != 3) || in->title.n > KM_AGREEMENT_TITLE_MAX ||
        in->reference.n > KM_AGREEMENT_REFERENCE_MAX || in->purpose.n > KM_AGREEMENT_PURPOSE_MAX ||
        in->region.n > KM__AGREEMENT_REGION_MAX || in->reason.n > KM_AGREEMENT_REASON_MAX ||
        in->override.n > KM_AGREEMENT_REASON_MAX || in->rationale.n > KM_AGREEMENT_REASON_MAX ||
        in->framework > UINT32_MAX || (in->dimensions & ~(uint64_t)KM_DIMENSION_ALL) != 0)
        return 0;
    for (i = 0; i < in->n_parties; i++)
        if (in->parties[i].partner == 0 || (in->parties[i].roles & ~(uint32_t)KM_ROLE_ALL) != 0) return 0;
    for (i = 0; i < in->n_sectors; i++)
        if (!in->sectors[i].p) return 0;
    for (i = 0; i < in->n_docs; i++)
        if (!in->doc_sha[i].p || !in->doc_uri[i].p) return 0;
    return 1;
}

/* The offset-table strings of a version, in the order both layouts write
 * them. */
static void strings_of(km__ain *in, km__sl *s[N_STRINGS])
{
    s[0] = &in->currency;
    s[1] = &in->title;
    s[2] = &in->reference;
    s[3] = &in->purpose;
    s[4] = &in->region;
    s[5] = &in->reason;
    s[6] = &in->override;
    s[7] = &in->rationale;
}

/* A version of formats 3 to 5: the fixed fields and the parties after one
 * bounds check each, then the strings. 0, or the snapshot refused. */
static int read_fixed(km__rd *r, km__ain *in, uint32_t *version, int64_t *created, int64_t *updated, int64_t *vtime)
{
    const uint8_t *q;
    km__sl *strs[N_STRINGS];
    size_t i;
    if ((q = km__rd_bytes(r, FIXED_BYTES)) == NULL) return km__snapshot_bad("truncated agreement");
    *version = km__get_u32_at(q + F_VERSION);
    *created = (int64_t)km__get_u64_at(q + F_CREATED);
    *updated = (int64_t)km__get_u64_at(q + F_UPDATED);
    *vtime = (int64_t)km__get_u64_at(q + F_VTIME);
    in->type = q[F_TYPE];
    in->status = q[F_STATUS];
    in->has_start = q[F_HAS_START];
    in->has_end = q[F_HAS_END];
    in->start = (int32_t)km__get_u32_at(q + F_START);
    in->end = (int32_t)km__get_u32_at(q + F_END);
    in->value = (int64_t)km__get_u64_at(q + F_VALUE);
    in->framework = km__get_u64_at(q + F_FRAMEWORK);
    in->fw_version = km__get_u32_at(q + F_FW_VERSION);
    in->dimensions = km__get_u32_at(q + F_DIMENSIONS);
    in->amend_mask = km__get_u32_at(q + F_MASK);
    in->n_sectors = km__get_u16_at(q + F_N_SECTORS);
    in->n_parties = km__get_u16_at(q + F_N_PARTIES);
    in->n_docs = km__get_u16_at(q + F_N_DOCS);
    if (in->n_sectors > KM_TAGS_MAX || in->n_parties > KM_AGREEMENT_PARTIES_MAX ||
        in->n_docs > KM_AGREEMENT_DOCUMENTS_MAX)
        return km__snapshot_bad("agreement counts");
    if ((q = km__rd_bytes(r, in->n_parties * PARTY_BYTES)) == NULL) return km__snapshot_bad("truncated agreement");
    for (i = 0; i < in->n_parties; i++, q += PARTY_BYTES) {
        in->parties[i].partner = km__get_u32_at(q + P_PARTNER);
        in->parties[i].roles = km__get_u32_at(q + P_ROLES);
        in->parties[i].signed_at = (int64_t)km__get_u64_at(q + P_SIGNED);
    }
    strings_of(in, strs);
    for (i = 0; i < N_STRINGS; i++) km__rd_sl(r, strs[i]);
    for (i = 0; i < in->n_sectors; i++) km__rd_sl(r, &in->sectors[i]);
    for (i = 0; i < in->n_docs; i++) {
        km__rd_sl(r, &in->doc_sha[i]);
        km__rd_sl(r, &in->doc_uri[i]);
    }
    return r->err ? km__snapshot_bad("truncated agreement") : 0;
}

/* A date of a format 6 version: a zigzag varint, which must fit 32 bits
 * (else *has becomes 2, which shape_ok refuses). */
static int32_t read_day(km__vc *c, int *has)
{
    int64_t d = km__vc_zigzag(c);
    if (d < INT32_MIN || d > INT32_MAX) {
        *has = 2;
        return 0;
    }
    return (int32_t)d;
}

/* A version of format 6 (put_record's layout), through a cursor. */
static int read_compact(km__rd *r, km__ain *in, uint32_t *version, int64_t *created, int64_t *updated, int64_t *vtime)
{
    km__vc c = km__vc_begin(r);
    km__sl *strs[N_STRINGS];
    unsigned opt;
    size_t i;
    *version = (uint32_t)km__vc_varint(&c, UINT32_MAX);
    *created = (int64_t)km__vc_u64(&c);
    *updated = km__vc_gap(&c, *created);
    *vtime = km__vc_gap(&c, *created);
    in->type = km__vc_u8(&c);
    in->status = km__vc_u8(&c);
    opt = km__vc_u8(&c);
    if (opt & ~(unsigned)O_ALL) return km__snapshot_bad("agreement field bits");
    in->has_start = (opt & O_START) != 0;
    in->has_end = (opt & O_END) != 0;
    if (opt & O_START) in->start = read_day(&c, &in->has_start);
    if (opt & O_END) in->end = read_day(&c, &in->has_end);
    in->value = km__vc_zigzag(&c);
    if (opt & O_FRAMEWORK) {
        in->framework = km__vc_varint(&c, UINT64_MAX);
        in->fw_version = (uint32_t)km__vc_varint(&c, UINT32_MAX);
    }
    if (opt & O_DIMENSIONS) in->dimensions = km__vc_varint(&c, UINT32_MAX);
    if (opt & O_MASK) in->amend_mask = km__vc_varint(&c, UINT32_MAX);
    in->n_parties = (size_t)km__vc_varint(&c, KM_AGREEMENT_PARTIES_MAX);
    if (opt & O_SECTORS) in->n_sectors = (size_t)km__vc_varint(&c, KM_TAGS_MAX);
    if (opt & O_DOCS) in->n_docs = (size_t)km__vc_varint(&c, KM_AGREEMENT_DOCUMENTS_MAX);
    /* One form per value: a field said present is not 0 (the writer sets
     * the bit only then), so no version has two encodings. */
    if (((opt & O_FRAMEWORK) && !in->framework && !in->fw_version) || ((opt & O_DIMENSIONS) && !in->dimensions) ||
        ((opt & O_MASK) && !in->amend_mask) || ((opt & O_SECTORS) && !in->n_sectors) ||
        ((opt & O_DOCS) && !in->n_docs))
        return c.bad ? km__snapshot_bad("truncated agreement") : km__snapshot_bad("agreement field present but 0");
    for (i = 0; i < in->n_parties; i++) {
        uint64_t rs;
        in->parties[i].partner = km__vc_varint(&c, UINT32_MAX);
        rs = km__vc_varint(&c, (uint64_t)UINT32_MAX << 1 | 1u);
        in->parties[i].roles = (uint32_t)(rs >> 1);
        in->parties[i].signed_at = (rs & 1u) ? km__vc_gap(&c, *created) : 0;
        /* One form per value: a party that signed has a time. */
        if ((rs & 1u) && in->parties[i].signed_at == 0 && !c.bad) return km__snapshot_bad("agreement party");
    }
    strings_of(in, strs);
    km__vc_strs(&c, strs, N_STRINGS);
    for (i = 0; i < in->n_sectors; i++) km__vc_sl(&c, &in->sectors[i]);
    for (i = 0; i < in->n_docs; i++) {
        km__vc_sl(&c, &in->doc_sha[i]);
        km__vc_sl(&c, &in->doc_uri[i]);
    }
    km__vc_end(r, &c);
    return r->err ? km__snapshot_bad("truncated agreement") : 0;
}

/* Reads one version (the layout of put_record, or of formats 3 to 5 when
 * not compact); validates it when it is the current one. */
static int load_record(km_network *net, km__slab *slab, km__cell_sizes *cell, km__rd *r, uint64_t id, int current,
                       int compact, km_agreement **out)
{
    km__ain in;
    uint32_t version = 0;
    int64_t created = 0, updated = 0, vtime = 0;
    int rc;
    *out = NULL;
    memset(&in, 0, offsetof(km__ain, sectors));
    rc = compact ? read_compact(r, &in, &version, &created, &updated, &vtime)
                 : read_fixed(r, &in, &version, &created, &updated, &vtime);
    if (rc) return rc;
    if (!shape_ok(&in, version)) return km__snapshot_bad("agreement record");
    if (current && (rc = km__agr_validate(net, &in, id)) != 0)
        return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
    *out = km__agr_build(net, slab, current ? cell : NULL, &in, id, version, created, updated, vtime);
    return *out ? 0 : km__nomem();
}

/* A count of an agreement's versions, milestones or risks: a varint in
 * format 6, a u32 before. */
static uint32_t read_count(km__rd *r, int compact)
{
    return compact ? (uint32_t)km__rd_varint(r, UINT32_MAX) : km__rd_u32(r);
}

/* The (partner, agreement) pairs of the current versions, for the party
 * index built at the end (km__agr_party_index_build). */
typedef struct party_pairs {
    uint64_t *v;
    size_t n, cap;
} party_pairs;

/* Reads agreement i (0-based) into its slot: its versions, the current one
 * validated (and built in its cell when `cell` is given, its size counted
 * there), its milestones and its risks. Touches nothing shared but the
 * allocator, the network's reference count and the cells' pages of its
 * own chunk, so two threads can read agreements of different chunks at
 * once. */
static int load_one(km_network *net, km__slab *slab, km__cell_sizes *cell, km__rd *r, size_t i, int compact)
{
    km__agr_slot *slot = &net->agreements.items[i];
    km__agr_extra *x = NULL;
    uint32_t n_old = read_count(r, compact), k, n_ms, n_risks;
    km_agreement *a;
    int rc;
    if (r->err || n_old > km__rd_left(r)) return km__snapshot_bad("version count");
    if (n_old && ((rc = km__agr_extra_get(net, (uint64_t)i + 1, &x)) != 0 ||
                  (rc = km__grow(net->a, (void **)&x->old, &x->cap_old, n_old, sizeof *x->old)) != 0))
        return rc;
    /* The earlier versions, then the current one (k == n_old, the one
     * validated). Until the current version is in place the slot does not
     * own the earlier ones (km__agreements_free counts them from it): a
     * failure releases those read so far. */
    for (k = 0; k <= n_old; k++) {
        rc = load_record(net, slab, cell, r, (uint64_t)i + 1, k == n_old, compact, &a);
        if (rc == 0 && a->version != k + 1) {
            km__agreement_unref(a);
            rc = km__snapshot_bad(k < n_old ? "version numbers" : "version count");
        }
        if (rc) {
            while (k-- > 0) km__agreement_unref(x->old[k]);
            return rc;
        }
        if (k < n_old) x->old[k] = a;
    }
    slot->cur = a;
    km__cells_mark(&a->cell, 1);
    n_ms = read_count(r, compact);
    if (r->err || n_ms > KM_AGREEMENT_MILESTONES_MAX) return km__snapshot_bad("milestone count");
    if (n_ms) {
        if ((rc = km__agr_extra_get(net, (uint64_t)i + 1, &x)) != 0) return rc;
        if ((rc = km__grow(net->a, (void **)&x->ms, &x->cap_ms, n_ms, sizeof *x->ms)) != 0)
            return rc;
    }
    for (k = 0; k < n_ms; k++) {
        uint8_t type = km__rd_u8(r), status = km__rd_u8(r), has_met = km__rd_u8(r);
        int64_t due = compact ? km__rd_zigzag(r) : (int32_t)km__rd_u32(r);
        int64_t met = compact ? km__rd_zigzag(r) : (int32_t)km__rd_u32(r);
        size_t tl;
        int present = 1; /* format 6: always set (a string without presence bits) */
        const char *title = compact ? km__rd_vstr(r, &tl) : km__rd_str(r, &tl, &present);
        km__milestone *m;
        if (r->err || !present || due < INT32_MIN || due > INT32_MAX || met < INT32_MIN || met > INT32_MAX ||
            type >= KM_MILESTONE_TYPE__COUNT || status >= KM_MILESTONE_STATUS__COUNT ||
            km__v_text("milestone.title", title, tl, 1, KM_AGREEMENT_TITLE_MAX, 0) != 0)
            return km__snapshot_bad("milestone");
        m = km__milestone_new(net->a, k + 1, type, status, (int32_t)due, has_met, (int32_t)met, title, tl);
        if (!m) return km__nomem();
        x->ms[x->n_ms++] = m;
    }
    n_risks = read_count(r, compact);
    if (r->err || n_risks > KM_AGREEMENT_RISKS_MAX) return km__snapshot_bad("risk count");
    if (n_risks) {
        if ((rc = km__agr_extra_get(net, (uint64_t)i + 1, &x)) != 0) return rc;
        if ((rc = km__grow(net->a, (void **)&x->risks, &x->cap_risks, n_risks, sizeof *x->risks)) != 0)
            return rc;
    }
    for (k = 0; k < n_risks; k++) {
        uint8_t cat = km__rd_u8(r), alloc = km__rd_u8(r);
        size_t ml;
        int present = 1;
        const char *mit = compact ? km__rd_vstr(r, &ml) : km__rd_str(r, &ml, &present);
        km__risk *rk;
        if (r->err || !present || cat >= KM_RISK_CATEGORY__COUNT || alloc >= KM_RISK_ALLOCATION__COUNT ||
            km__v_text("risk.mitigation", mit, ml, 1, KM_AGREEMENT_REASON_MAX, 1) != 0)
            return km__snapshot_bad("risk");
        rk = km__risk_new(net->a, k + 1, cat, alloc, mit, ml);
        if (!rk) return km__nomem();
        x->risks[x->n_risks++] = rk;
    }
    return 0;
}

/* What the shared state gets from agreement i, read into its slot: the
 * running totals, the indexes (the party index and the references come at
 * the end, in bulk) and the agreement's party pairs. Only one thread does
 * this, in id order. */
static int index_one(km_network *net, size_t i, party_pairs *pp)
{
    km__agreements *as = &net->agreements;
    const km_agreement *a = as->items[i].cur;
    size_t k;
    int rc;
    if ((rc = km__agr_totals_prepare(as, NULL, a)) != 0 || (rc = km__agr_index_replace(as, NULL, a)) != 0)
        return rc == KM_ERANGE ? km__snapshot_bad("totals overflow") : rc;
    km__agr_totals_move(as, NULL, a);
    if ((rc = km__grow(net->a, (void **)&pp->v, &pp->cap, pp->n + a->n_parties, sizeof *pp->v)) != 0) return rc;
    for (k = 0; k < a->n_parties; k++) pp->v[pp->n++] = (uint64_t)km__ag_party(a, k) << 32 | a->id;
    return 0;
}

/* The agreement section as chunks of `every` agreements that start at
 * known offsets (format 4's marks; a format 3 section is one chunk), and
 * who reads each chunk when two threads share the work. */
enum { CH_FREE, CH_MAIN, CH_HELPER, CH_DONE, CH_FAILED };
typedef struct agr_chunks {
    km_network *net;
    const uint8_t *base; /* the section */
    const uint8_t *marks; /* n_chunks little-endian u64 offsets into base, or NULL: one chunk at 8 */
    size_t end;          /* where the agreements end */
    uint64_t n, every;
    size_t n_chunks;
    int compact;         /* format 6's records (put_record) */
    /* Whether the current versions go into cells: always on one thread;
     * on two, only when a chunk is whole pages of cells, so that no page
     * is made by both (the page table is made first). The helper counts
     * the sizes it meets in its own table, added after it is joined. */
    int cells;
    km__cell_sizes helper_sizes;
    /* The two-thread load: the state of each chunk (CH_*), under mu. */
    unsigned char *state;
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} agr_chunks;

static size_t chunk_at(const agr_chunks *c, size_t k)
{
    return c->marks ? (size_t)km__get_u64_at(c->marks + 8 * k) : 8;
}

/* Reads chunk k (records carved from slab): its agreements must use
 * exactly its bytes. */
static int load_chunk(const agr_chunks *c, km__slab *slab, km__cell_sizes *cell, size_t k)
{
    size_t from = chunk_at(c, k), to = k + 1 < c->n_chunks ? chunk_at(c, k + 1) : c->end, i, last;
    km__rd r;
    int rc = 0;
    km__rd_init(&r, c->base + from, to - from);
    last = (size_t)(k + 1 < c->n_chunks ? (k + 1) * c->every : c->n);
    for (i = (size_t)(k * c->every); rc == 0 && i < last; i++)
        rc = load_one(c->net, slab, c->cells ? cell : NULL, &r, i, c->compact);
    if (rc == 0 && km__rd_left(&r) != 0) rc = km__snapshot_bad("agreement chunk length");
    return rc;
}

/* The helper: chunks from the last one down, until it meets the calling
 * thread's (which goes up from the first) or a failure stops it. */
static int helper_main(void *arg)
{
    agr_chunks *c = (agr_chunks *)arg;
    size_t k = c->n_chunks;
    km__slab slab;
    int rc = 0;
    km__slab_init(&slab, c->net->ctx);
    while (rc == 0 && k-- > 0) {
        pthread_mutex_lock(&c->mu);
        if (c->stop || c->state[k] != CH_FREE) {
            pthread_mutex_unlock(&c->mu);
            break;
        }
        c->state[k] = CH_HELPER;
        pthread_mutex_unlock(&c->mu);
        rc = load_chunk(c, &slab, &c->helper_sizes, k);
        pthread_mutex_lock(&c->mu);
        c->state[k] = rc ? CH_FAILED : CH_DONE;
        pthread_cond_broadcast(&c->cv);
        pthread_mutex_unlock(&c->mu);
    }
    km__slab_done(&slab);
    return rc;
}

/* The calling thread's turn at chunk k: reads it when it is still free;
 * else waits for the helper's reading of it (1 when that failed). */
static int take_chunk(agr_chunks *c, km__slab *slab, size_t k, int *helper_failed)
{
    km__cell_sizes *cell = &c->net->agreements.cells.sizes;
    int st;
    if (!c->state) return load_chunk(c, slab, cell, k);
    pthread_mutex_lock(&c->mu);
    if (c->state[k] == CH_FREE) {
        c->state[k] = CH_MAIN;
        pthread_mutex_unlock(&c->mu);
        return load_chunk(c, slab, cell, k);
    }
    while (c->state[k] == CH_HELPER) pthread_cond_wait(&c->cv, &c->mu);
    st = c->state[k];
    pthread_mutex_unlock(&c->mu);
    *helper_failed = st == CH_FAILED;
    return 0;
}

/* Checks the marks of a format 4 section (u64 offsets, u32 count, u32
 * agreements per chunk, at its end) and sets c up to read it. */
static int read_marks(agr_chunks *c, const km__rd *sec)
{
    size_t len = sec->len, tpos, k;
    uint64_t n_marks, every;
    if (len < 16) return km__snapshot_bad("agreement marks");
    n_marks = km__get_u32_at(sec->p + len - 8);
    every = km__get_u32_at(sec->p + len - 4);
    if (every == 0 || n_marks != (c->n + every - 1) / every || n_marks > (len - 16) / 8)
        return km__snapshot_bad("agreement marks");
    tpos = len - 8 - (size_t)n_marks * 8;
    c->marks = sec->p + tpos;
    c->end = tpos;
    c->every = every;
    c->n_chunks = (size_t)n_marks;
    /* The first chunk starts after the count; each next one later; the
     * last before the marks. */
    for (k = 0; k < c->n_chunks; k++) {
        size_t at = chunk_at(c, k);
        if ((k == 0 && at != 8) || (k > 0 && at <= chunk_at(c, k - 1)) || at > tpos)
            return km__snapshot_bad("agreement marks");
    }
    if (c->n_chunks == 0 && tpos != 8) return km__snapshot_bad("agreement marks");
    return 0;
}

/* Reads every agreement (two threads for a large format 4 section, when
 * the allocator may be called from one) and indexes them in id order. */
static int load_agreements(km_network *net, km__rd *r, int marked, int compact, party_pairs *pp)
{
    km__agreements *as = &net->agreements;
    agr_chunks c;
    km__job job;
    km__slab slab;
    size_t k, i;
    int rc = 0, threaded = 0, helper_failed = 0;
    memset(&c, 0, sizeof c);
    c.net = net;
    c.compact = compact;
    c.base = r->p;
    c.n = km__rd_u64(r);
    /* Ids above UINT32_MAX are refused on creation (the reference index). */
    if (r->err || c.n > km__rd_left(r) || c.n > UINT32_MAX) return km__snapshot_bad("agreement count");
    if (marked) {
        if ((rc = read_marks(&c, r)) != 0) return rc;
    } else {
        c.end = r->len;
        c.every = c.n ? c.n : 1;
        c.n_chunks = c.n ? 1 : 0;
    }
    if ((rc = km__grow(net->a, (void **)&as->items, &as->cap, (size_t)c.n, sizeof *as->items)) != 0 ||
        (rc = km__agr_x_reserve(as, (size_t)c.n)) != 0) /* before the threads: they only fill pages */
        return rc;
    /* Every slot empty and counted, so that a failure anywhere frees what
     * each holds; the agreements of each partner and the references are
     * indexed at the end, in bulk. */
    if (c.n) memset(as->items, 0, (size_t)c.n * sizeof *as->items);
    as->n = (size_t)c.n;
    as->defer_party = 1;
    as->defer_ref = 1;
    c.cells = c.n_chunks < 2 || c.every % KM__CELLS_PER_PAGE == 0;
    if (c.cells && km__cells_reserve(&as->cells, c.n) != 0) {
        km__err_clear(); /* not an error: no cells then */
        c.cells = 0;
    }
    if (c.n_chunks >= 2 && c.n >= 10000 && km__alloc_is_libc(net->a)) {
        c.state = (unsigned char *)km__calloc(net->a, c.n_chunks, 1);
        if (!c.state) return km__nomem();
        if (pthread_mutex_init(&c.mu, NULL) == 0) {
            if (pthread_cond_init(&c.cv, NULL) == 0) {
                threaded = km__job_start(&job, helper_main, &c);
                if (!threaded) pthread_cond_destroy(&c.cv);
            }
            if (!threaded) pthread_mutex_destroy(&c.mu);
        }
        if (!threaded) {
            km__free(net->a, c.state);
            c.state = NULL;
        }
    }
    km__slab_init(&slab, net->ctx);
    for (k = 0; rc == 0 && k < c.n_chunks; k++) {
        size_t last = (size_t)(k + 1 < c.n_chunks ? (k + 1) * c.every : c.n);
        if ((rc = take_chunk(&c, &slab, k, &helper_failed)) != 0 || helper_failed) break;
        for (i = (size_t)(k * c.every); rc == 0 && i < last; i++) rc = index_one(net, i, pp);
    }
    km__slab_done(&slab);
    if (threaded) {
        pthread_mutex_lock(&c.mu);
        c.stop = 1;
        pthread_mutex_unlock(&c.mu);
        /* This thread's error if it failed, else the helper's (which is
         * what stopped this thread when helper_failed is set). */
        rc = km__job_finish(&job, rc);
        km__cells_add_sizes(&as->cells, &c.helper_sizes);
        pthread_cond_destroy(&c.cv);
        pthread_mutex_destroy(&c.mu);
        km__free(net->a, c.state);
    }
    as->defer_party = 0;
    as->defer_ref = 0;
    /* The chunk readers used the agreements' bytes (each chunk exactly
     * its own); what is left of the section is the marks' table. */
    if (rc == 0) km__rd_bytes(r, c.end - r->pos);
    if (rc == 0 && marked) km__rd_bytes(r, 8 * c.n_chunks + 8);
    return rc;
}

/* The references, their slots fetched ahead (the map is large and cold); a
 * duplicate fails the load, which is thrown away then. */
static int build_refs(void *arg)
{
    km__agreements *as = (km__agreements *)arg;
    size_t dups;
    int rc;
    if (as->n == 0) return 0;
    if ((rc = km__idmap_put_range(&as->by_ref, 1, as->n, &dups)) != 0) return rc;
    return dups ? km__snapshot_bad("duplicate reference") : 0;
}

int km__agreement_snapshot_load(km_network *net, km__rd *r, int marked, int compact)
{
    km__agreements *as = &net->agreements;
    party_pairs pp;
    km__job job;
    int rc, threaded = 0;
    memset(&pp, 0, sizeof pp);
    rc = load_agreements(net, r, marked, compact, &pp);
    if (rc == 0) {
        /* The reference map and the party index share nothing but the
         * records, which both only read: in a large section (a tenth of a
         * second each at two million) the map is built on a second thread
         * meanwhile, when the allocator may be called from one. */
        if (as->n >= 10000 && km__alloc_is_libc(net->a)) threaded = km__job_start(&job, build_refs, as);
        if (!threaded) rc = build_refs(as);
        if (rc == 0) rc = km__agr_party_index_build(as, pp.v, pp.n);
        if (threaded) rc = km__job_finish(&job, rc);
        if (rc == 0) as->party_indexed = as->n;
    }
    km__free(net->a, pp.v);
    return rc;
}
