/* Measurement records and handles, the public functions that turn a
 * request into an event payload, and the reads (get, versions, pages).
 * Validation, the workflow and undo are in measurement_ops.c. */
#include "evaluation/evaluation.h"
#include "network/page.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

KM__DEFINE_REFCOUNT(km__measurement, km_measurement)

void km__mspec_from(km__mspec *s, const km_measurement *m)
{
    s->id = m->id;
    s->indicator = m->indicator_id;
    s->agreement = m->agreement_id;
    s->partner = m->partner_id;
    s->num = m->num;
    s->den = m->den;
    s->created = m->created;
    s->submitted = m->submitted;
    s->decided = m->decided;
    s->start = m->start;
    s->end = m->end;
    s->version = m->version;
    s->status = m->status;
    s->text = km__sl_of(m->text);
    s->evidence = km__sl_of(m->evidence);
    s->comment = km__sl_of(m->comment);
    s->note = km__sl_of(m->note);
    s->rationale = km__sl_of(m->rationale);
}

km_measurement *km__meas_build(km_network *net, const km__mspec *s)
{
    size_t size = sizeof(km_measurement) + km__sl_size(&s->text) + km__sl_size(&s->evidence) + km__sl_size(&s->comment) +
                  km__sl_size(&s->note) + km__sl_size(&s->rationale);
    km_measurement *m = (km_measurement *)km__malloc(net->a, size);
    char *p;
    if (!m) return NULL;
    memset(m, 0, sizeof *m);
    m->refs = 1;
    m->ctx = net->ctx;
    m->version = s->version;
    m->id = s->id;
    m->indicator_id = s->indicator;
    m->agreement_id = s->agreement;
    m->partner_id = s->partner;
    m->num = s->num;
    m->den = s->den;
    m->created = s->created;
    m->submitted = s->submitted;
    m->decided = s->decided;
    m->start = s->start;
    m->end = s->end;
    m->status = (uint8_t)s->status;
    km__date_format(m->start_s, s->start);
    km__date_format(m->end_s, s->end);
    p = (char *)(m + 1);
    m->text = km__sl_copy(&p, &s->text);
    m->evidence = km__sl_copy(&p, &s->evidence);
    m->comment = km__sl_copy(&p, &s->comment);
    m->note = km__sl_copy(&p, &s->note);
    m->rationale = km__sl_copy(&p, &s->rationale);
    km__ctx_ref(net->ctx);
    return m;
}

km__meas_slot *km__meas_slot_of(const km_network *net, uint64_t id)
{
    km__meas_slot *slot;
    if (id == 0 || id > net->measurements.n) return NULL;
    slot = &net->measurements.items[id - 1];
    return slot->lock ? NULL : slot;
}

const km_measurement *km__meas_counting(const km__meas_slot *slot, int32_t known_by)
{
    size_t k;
    for (k = slot->n; k > 0; k--) {
        const km_measurement *m = slot->v[k - 1];
        if (known_by == KM__NO_DAY) {
            if (m->status == KM_MEASUREMENT_APPROVED) return m;
        } else if ((m->status == KM_MEASUREMENT_APPROVED || m->status == KM_MEASUREMENT_SUPERSEDED) &&
                   km__day_at(m->decided, KM__WIB_MINUTES) <= known_by) {
            return m;
        }
    }
    return NULL;
}

const km_measurement *km__meas_reported(const km__meas_slot *slot)
{
    const km_measurement *latest = slot->v[slot->n - 1];
    if (latest->status == KM_MEASUREMENT_SUBMITTED || latest->status == KM_MEASUREMENT_APPROVED) return latest;
    return km__meas_counting(slot, KM__NO_DAY);
}

/* ---- public: changes ---- */

static int check_fields(const km_measurement_fields *f)
{
    if (!f) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (f->version == 0 || f->version > KM_MEASUREMENT_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", f->version);
    return 0;
}

static int put_opt(km__buf *b, uint16_t tag, const char *s) { return s && *s ? km__fw_str(b, tag, s) : 0; }

static int encode_fields(km__buf *b, const km_measurement_fields *f)
{
    int rc = 0;
    if (f->partner_id) rc = km__fw_u64(b, KM__MT_PARTNER, f->partner_id);
    if (!rc && f->period_start) rc = km__fw_str(b, KM__MT_START, f->period_start);
    if (!rc && f->period_end) rc = km__fw_str(b, KM__MT_END, f->period_end);
    if (!rc) rc = km__fw_i64(b, KM__MT_VALUE, f->value);
    if (!rc && f->denominator) rc = km__fw_i64(b, KM__MT_DEN, f->denominator);
    if (!rc) rc = put_opt(b, KM__MT_TEXT, f->text);
    if (!rc) rc = put_opt(b, KM__MT_EVIDENCE, f->evidence_uri);
    if (!rc) rc = put_opt(b, KM__MT_COMMENT, f->comment);
    return rc;
}

int km_measurement_create(uint64_t *out_id, km_network *net, uint64_t indicator_id, const km_measurement_fields *fields)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if ((rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__MT_INDICATOR, indicator_id);
    if (rc == 0) rc = encode_fields(&net->scratch, fields);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_MEASUREMENT, KM__OP_MEASUREMENT_CREATE, 0, net->scratch.data, net->scratch.len,
                      out_id);
}

static int change(km_network *net, uint64_t id, uint16_t op, const km_measurement_fields *fields, uint16_t text_tag,
                  const char *text)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (fields && (rc = check_fields(fields)) != 0) return rc;
    km__buf_reset(&net->scratch);
    if (fields && (rc = encode_fields(&net->scratch, fields)) != 0) return rc;
    if (text_tag && (rc = put_opt(&net->scratch, text_tag, text)) != 0) return rc;
    return km__change(net, KM_ENTITY_MEASUREMENT, op, id, net->scratch.data, net->scratch.len, NULL);
}

int km_measurement_update(km_network *net, uint64_t id, const km_measurement_fields *fields)
{
    if (!fields) {
        km__err_clear();
        if (!net) return km__check_net(net);
        return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    }
    return change(net, id, KM__OP_MEASUREMENT_UPDATE, fields, 0, NULL);
}

int km_measurement_submit(km_network *net, uint64_t id) { return change(net, id, KM__OP_MEASUREMENT_SUBMIT, NULL, 0, NULL); }

int km_measurement_approve(km_network *net, uint64_t id, const char *note)
{
    return change(net, id, KM__OP_MEASUREMENT_APPROVE, NULL, KM__MT_NOTE, note);
}

int km_measurement_return(km_network *net, uint64_t id, const char *reason)
{
    return change(net, id, KM__OP_MEASUREMENT_RETURN, NULL, KM__MT_NOTE, reason);
}

int km_measurement_revise(km_network *net, uint64_t id, const km_measurement_fields *fields, const char *rationale)
{
    if (!fields) {
        km__err_clear();
        if (!net) return km__check_net(net);
        return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    }
    return change(net, id, KM__OP_MEASUREMENT_REVISE, fields, KM__MT_RATIONALE, rationale);
}

/* ---- public: reads ---- */

static int not_found(uint64_t id)
{
    return km__err(KM_ENOTFOUND, "measurement.id", "no measurement with id %llu", "tidak ada pengukuran dengan id %llu",
                   (unsigned long long)id);
}

int km_measurement_get(km_measurement **out, km_network *net, uint64_t id)
{
    km__meas_slot *slot;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((slot = km__meas_slot_of(net, id)) == NULL) return not_found(id);
    km__measurement_ref(slot->v[slot->n - 1]);
    *out = slot->v[slot->n - 1];
    return 0;
}

int km_measurement_get_version(km_measurement **out, km_network *net, uint64_t id, uint32_t version)
{
    km__meas_slot *slot;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((slot = km__meas_slot_of(net, id)) == NULL) return not_found(id);
    if (version == 0 || version > slot->n)
        return km__err(KM_ENOTFOUND, "version", "measurement %llu has no version %u (it has %zu)",
                       "pengukuran %llu tidak memiliki versi %u (ada %zu)", (unsigned long long)id, version, slot->n);
    km__measurement_ref(slot->v[version - 1]);
    *out = slot->v[version - 1];
    return 0;
}

int km_measurement_version_count(uint32_t *out, km_network *net, uint64_t id)
{
    km__meas_slot *slot;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = 0;
    if ((rc = km__check_net(net)) != 0) return rc;
    if ((slot = km__meas_slot_of(net, id)) == NULL) return not_found(id);
    *out = (uint32_t)slot->n;
    return 0;
}

void km_measurement_free(km_measurement *m) { km__measurement_unref(m); }

uint64_t km_measurement_id(const km_measurement *m) { return m ? m->id : 0; }
uint32_t km_measurement_version(const km_measurement *m) { return m ? m->version : 0; }
uint64_t km_measurement_indicator_id(const km_measurement *m) { return m ? m->indicator_id : 0; }
uint64_t km_measurement_agreement_id(const km_measurement *m) { return m ? m->agreement_id : 0; }
uint64_t km_measurement_partner_id(const km_measurement *m) { return m ? m->partner_id : 0; }
const char *km_measurement_period_start(const km_measurement *m) { return m ? m->start_s : NULL; }
const char *km_measurement_period_end(const km_measurement *m) { return m ? m->end_s : NULL; }
int64_t km_measurement_value(int64_t *out_denominator, const km_measurement *m)
{
    if (out_denominator) *out_denominator = m ? m->den : 0;
    return m ? m->num : 0;
}
const char *km_measurement_text(const km_measurement *m) { return m ? m->text : NULL; }
const char *km_measurement_evidence_uri(const km_measurement *m) { return m ? m->evidence : NULL; }
const char *km_measurement_comment(const km_measurement *m) { return m ? m->comment : NULL; }
int km_measurement_status_of(const km_measurement *m) { return m ? m->status : -1; }
const char *km_measurement_note(const km_measurement *m) { return m ? m->note : NULL; }
const char *km_measurement_rationale(const km_measurement *m) { return m ? m->rationale : NULL; }
int64_t km_measurement_created(const km_measurement *m) { return m ? m->created : 0; }
int64_t km_measurement_submitted(const km_measurement *m) { return m ? m->submitted : 0; }
int64_t km_measurement_decided(const km_measurement *m) { return m ? m->decided : 0; }

/* ---- pages ---- */

struct km_measurement_page {
    km__page base;
};

typedef struct mplan {
    const km__idset *sets[4];
    size_t n;
    int empty;
} mplan;

static void use_set(mplan *pl, const km__idset *s)
{
    if (!s) pl->empty = 1;
    else pl->sets[pl->n++] = s;
}

static int make_plan(mplan *pl, km_network *net, const km_measurement_query *q)
{
    const km__measurements *s = &net->measurements;
    memset(pl, 0, sizeof *pl);
    if (q->version == 0 || q->version > KM_MEASUREMENT_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", q->version);
    if (q->status != -1) {
        if (q->status < 0 || q->status >= KM_MEASUREMENT_STATUS__COUNT)
            return km__err(KM_EINVAL, "query.status", "%d is not a measurement status or -1",
                           "%d bukan status pengukuran atau -1", q->status);
        use_set(pl, &s->by_status[q->status]);
    }
    if (q->indicator_id) use_set(pl, km__idsets_get(&s->by_indicator, q->indicator_id));
    if (q->agreement_id) use_set(pl, km__idsets_get(&s->by_agreement, q->agreement_id));
    if (q->partner_id) use_set(pl, km__idsets_get(&s->by_partner, q->partner_id));
    return 0;
}

static int plan_next(const mplan *pl, km_network *net, uint64_t from, uint64_t *out)
{
    uint64_t id = from ? from : 1;
    if (pl->empty) return 0;
    for (;;) {
        if (pl->n) {
            if (!km__idset_next_all(pl->sets, pl->n, id, &id)) return 0;
        } else if (id > net->measurements.n) {
            return 0;
        }
        if (!net->measurements.items[id - 1].lock) {
            *out = id;
            return 1;
        }
        id++;
    }
}

/* The record a listing shows: the slot's latest version. */
static void *latest(km_network *net, uint64_t id)
{
    km__meas_slot *slot = &net->measurements.items[id - 1];
    return slot->v[slot->n - 1];
}

static int src_next(void *pl, km_network *net, uint64_t from, uint64_t *next)
{
    return plan_next((const mplan *)pl, net, from, next);
}
static const void *src_slot(km_network *net, uint64_t id) { return &net->measurements.items[id - 1]; }
static void *src_get(km_network *net, uint64_t id) { return latest(net, id); }
static void src_ref(void *r) { km__measurement_ref((km_measurement *)r); }
static void src_unref(void *r) { km__measurement_unref((km_measurement *)r); }

static const km__page_src page_src = { "m1:", "km_measurement_page_cursor", src_next, src_slot, src_get, src_ref, src_unref, NULL };

int km_measurement_list(km_measurement_page **out, km_network *net, const km_measurement_query *query)
{
    km_measurement_query dq = KM_MEASUREMENT_QUERY_INIT;
    mplan pl;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if ((rc = make_plan(&pl, net, query)) != 0) return rc;
    return km__page_list((km__page **)(void *)out, sizeof(km_measurement_page), net, &page_src, &pl, query->cursor, query->limit, SIZE_MAX);
}

void km_measurement_page_free(km_measurement_page *page) { km__page_free((km__page *)page); }
size_t km_measurement_page_count(const km_measurement_page *page) { return km__page_count((const km__page *)page); }
const km_measurement *km_measurement_page_get(const km_measurement_page *page, size_t i)
{
    return (const km_measurement *)km__page_get((const km__page *)page, i);
}
const char *km_measurement_page_cursor(const km_measurement_page *page) { return km__page_cursor((const km__page *)page); }
