/* Milestones of an agreement (OCDS-style): type, title, due date, status
 * and date met, numbered 1, 2, ... within the agreement. Records are
 * immutable; a status change swaps in a new record, with undo. */
#include "agreement/agreement.h"
#include "util/date.h"

#include <string.h>

km__milestone *km__milestone_new(const km_allocator *a, uint32_t number, uint8_t type, uint8_t status, int32_t due,
                                 int has_met, int32_t met, const char *title, size_t title_len)
{
    km__milestone *m = (km__milestone *)km__malloc(a, sizeof *m + title_len);
    if (!m) return NULL;
    m->number = number;
    m->type = type;
    m->status = status;
    m->due = due;
    m->has_met = (uint8_t)has_met;
    m->met = met;
    memcpy(m->title, title, title_len);
    m->title[title_len] = '\0';
    return m;
}

static int not_ended(km__apply *ap, const km_agreement *a)
{
    if (!km__agr_ended(a->status)) return 0;
    return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s and cannot change",
                                      "perjanjian %llu %s dan tidak dapat diubah", (unsigned long long)a->id,
                                      km_agreement_status_label(a->status, KM_LANG_EN)));
}

static void undo_add(km_network *net, km__undo *u)
{
    km__agr_extra *x = km__agr_x(&net->agreements, u->id);
    km__free(net->a, x->ms[--x->n_ms]);
}

int km__agr_apply_milestone_add(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    km__agr_extra *x;
    km__milestone *m;
    km__sl title, due;
    uint64_t type = 0;
    int32_t d;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = not_ended(ap, slot->cur)) != 0) return rc;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_MS_TYPE, "milestone.type", &type, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("milestone.type", type, KM_MILESTONE_TYPE__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_MS_TITLE, &title)) != 0) return km__apply_fail(ap, rc);
    if (!title.p) return km__apply_fail(ap, km__err(KM_EINVAL, "milestone.title", "is required", "wajib diisi"));
    if ((rc = km__v_text("milestone.title", title.p, title.n, 1, KM_AGREEMENT_TITLE_MAX, 0)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_DUE, &due)) != 0) return km__apply_fail(ap, rc);
    if (!due.p) return km__apply_fail(ap, km__err(KM_EINVAL, "milestone.due_date", "is required", "wajib diisi"));
    if ((rc = km__v_date("milestone.due_date", due.p, due.n, &d)) != 0) return km__apply_fail(ap, rc);
    x = km__agr_x(&net->agreements, ap->ev.id);
    if (x && x->n_ms >= KM_AGREEMENT_MILESTONES_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "milestone", "agreement %llu already has %d milestones",
                                          "perjanjian %llu sudah memiliki %d tonggak", (unsigned long long)ap->ev.id,
                                          KM_AGREEMENT_MILESTONES_MAX));
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__agr_extra_get(net, ap->ev.id, &x)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&x->ms, &x->cap_ms, x->n_ms + 1, sizeof *x->ms)) != 0) return rc;
    m = km__milestone_new(net->a, (uint32_t)x->n_ms + 1, (uint8_t)type, KM_MILESTONE_SCHEDULED, d, 0, 0, title.p,
                          title.n);
    if (!m) return km__nomem();
    x->ms[x->n_ms++] = m;
    km__undo_push(net, undo_add, NULL, ap->ev.id, m);
    ap->id = ap->ev.id;
    return 0;
}

static void undo_swap(km_network *net, km__undo *u)
{
    km__agr_extra *x = km__agr_x(&net->agreements, u->id);
    km__milestone *old = (km__milestone *)u->ptr;
    km__free(net->a, x->ms[old->number - 1]);
    x->ms[old->number - 1] = old;
}

static void release_swap(km_network *net, km__undo *u) { km__free(net->a, u->ptr); }

int km__agr_apply_milestone_status(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    km__agr_extra *x;
    km__milestone *old, *m;
    km__sl met;
    uint64_t number = 0, status = 0;
    int32_t d = 0;
    int rc, needs;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = not_ended(ap, slot->cur)) != 0) return rc;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_NUMBER, "milestone.number", &number, 1)) != 0)
        return km__apply_fail(ap, rc);
    x = km__agr_x(&net->agreements, ap->ev.id);
    if (!x || number == 0 || number > x->n_ms)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "milestone.number", "agreement %llu has no milestone %llu",
                                          "perjanjian %llu tidak memiliki tonggak %llu", (unsigned long long)ap->ev.id,
                                          (unsigned long long)number));
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_MS_STATUS, "milestone.status", &status, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("milestone.status", status, KM_MILESTONE_STATUS__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_DATE_MET, &met)) != 0) return km__apply_fail(ap, rc);
    needs = status == KM_MILESTONE_MET || status == KM_MILESTONE_PARTIALLY_MET;
    if (needs && !met.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "milestone.date_met", "is required when the milestone is (partially) met",
                                          "wajib diisi bila tonggak tercapai (sebagian)"));
    if (!needs && met.p)
        return km__apply_fail(ap, km__err(KM_EINVAL, "milestone.date_met", "is only for met or partially met milestones",
                                          "hanya untuk tonggak yang tercapai atau tercapai sebagian"));
    if (met.p && (rc = km__v_date("milestone.date_met", met.p, met.n, &d)) != 0) return km__apply_fail(ap, rc);
    old = x->ms[number - 1];
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    m = km__milestone_new(net->a, old->number, old->type, (uint8_t)status, old->due, needs, d, old->title,
                          strlen(old->title));
    if (!m) return km__nomem();
    x->ms[number - 1] = m;
    km__undo_push(net, undo_swap, release_swap, ap->ev.id, old);
    ap->id = ap->ev.id;
    return 0;
}

/* ---- public ---- */

int km_milestone_add(uint32_t *out_number, km_network *net, uint64_t agreement_id, const km_milestone_fields *fields)
{
    int rc;
    km__err_clear();
    if (out_number) *out_number = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    if (!fields) return km__err(KM_EINVAL, "fields", "must not be NULL", "tidak boleh NULL");
    if (fields->version == 0 || fields->version > KM_MILESTONE_FIELDS_VERSION)
        return km__err(KM_EVERSION, "fields.version", "unknown version %u", "versi %u tidak dikenal", fields->version);
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_MS_TYPE, (uint64_t)(int64_t)fields->type);
    if (rc == 0 && fields->title) rc = km__fw_str(&net->scratch, KM__AT_MS_TITLE, fields->title);
    if (rc == 0 && fields->due_date) rc = km__fw_str(&net->scratch, KM__AT_DUE, fields->due_date);
    if (rc == 0)
        rc = km__change(net, KM_ENTITY_AGREEMENT, KM__OP_MILESTONE_ADD, agreement_id, net->scratch.data,
                        net->scratch.len, NULL);
    if (rc == 0 && out_number) *out_number = (uint32_t)km__agr_x(&net->agreements, agreement_id)->n_ms;
    return rc;
}

int km_milestone_set_status(km_network *net, uint64_t agreement_id, uint32_t number, int status, const char *date_met)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_NUMBER, number);
    if (rc == 0) rc = km__fw_u64(&net->scratch, KM__AT_MS_STATUS, (uint64_t)(int64_t)status);
    if (rc == 0 && date_met && *date_met) rc = km__fw_str(&net->scratch, KM__AT_DATE_MET, date_met);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, KM__OP_MILESTONE_STATUS, agreement_id, net->scratch.data,
                      net->scratch.len, NULL);
}

typedef struct mrow {
    uint64_t agreement;
    uint32_t number;
    int type, status, has_met;
    char due[KM__DATE_BUF], met[KM__DATE_BUF];
    size_t title_off;
} mrow;

struct km_milestones {
    km__ctx *ctx;
    mrow *rows;
    size_t n, cap;
    char *text;
};

void km_milestones_free(km_milestones *m)
{
    km__ctx *ctx;
    if (!m) return;
    ctx = m->ctx;
    km__free(&ctx->alloc, m->rows);
    km__free(&ctx->alloc, m->text);
    km__free(&ctx->alloc, m);
    km__ctx_unref(ctx);
}

static int push_row(km_network *net, km_milestones *l, km__buf *text, uint64_t agreement, const km__milestone *ms)
{
    mrow *r;
    int rc;
    if ((rc = km__grow(net->a, (void **)&l->rows, &l->cap, l->n + 1, sizeof *l->rows)) != 0) return rc;
    r = &l->rows[l->n];
    r->agreement = agreement;
    r->number = ms->number;
    r->type = ms->type;
    r->status = ms->status;
    r->has_met = ms->has_met;
    km__date_format(r->due, ms->due);
    if (ms->has_met) km__date_format(r->met, ms->met);
    r->title_off = text->len;
    rc = km__buf_put(text, ms->title, strlen(ms->title) + 1);
    if (rc == 0) l->n++;
    return rc;
}

static int new_list(km_milestones **out, km_network *net)
{
    km_milestones *l = (km_milestones *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    *out = l;
    return 0;
}

static int finish(km_milestones **out, km_milestones *l, km__buf *text, int rc)
{
    if (rc == 0 && text->len == 0) rc = km__buf_put_u8(text, 0);
    if (rc) {
        km__buf_free(text);
        km_milestones_free(l);
        return rc;
    }
    l->text = (char *)text->data;
    *out = l;
    return 0;
}

int km_milestone_list(km_milestones **out, km_network *net, uint64_t agreement_id)
{
    const km__agr_slot *slot;
    const km__agr_extra *x;
    km_milestones *l = NULL;
    km__buf text;
    size_t i;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__agreement_slot(&net->agreements, agreement_id);
    if (!slot) return km__agr_not_found(agreement_id);
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    x = km__agr_x(&net->agreements, agreement_id);
    for (i = 0; rc == 0 && x && i < x->n_ms; i++) rc = push_row(net, l, &text, agreement_id, x->ms[i]);
    return finish(out, l, &text, rc);
}

int km_milestone_overdue(km_milestones **out, km_network *net, const char *as_of_date)
{
    km_milestones *l = NULL;
    km__buf text;
    int32_t as_of;
    size_t i, k;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!as_of_date) return km__err(KM_EINVAL, "as_of_date", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__v_date("as_of_date", as_of_date, strlen(as_of_date), &as_of)) != 0) return rc;
    if ((rc = new_list(&l, net)) != 0) return rc;
    km__buf_init(&text, net->a);
    /* Only agreements with milestones have an extra block; a full scan
     * is a pointer test each (a page's test for a page without any). */
    for (i = 0; rc == 0 && i < net->agreements.n; i++) {
        const km__agr_extra *x = km__agr_x(&net->agreements, i + 1);
        int st = net->agreements.items[i].cur->status;
        if (!x || !(st == KM_AGREEMENT_SIGNED || st == KM_AGREEMENT_ACTIVE || st == KM_AGREEMENT_SUSPENDED))
            continue;
        for (k = 0; rc == 0 && k < x->n_ms; k++) {
            const km__milestone *ms = x->ms[k];
            if (ms->status == KM_MILESTONE_SCHEDULED && ms->due < as_of) rc = push_row(net, l, &text, i + 1, ms);
        }
    }
    return finish(out, l, &text, rc);
}

size_t km_milestones_count(const km_milestones *m) { return m ? m->n : 0; }
uint64_t km_milestones_agreement(const km_milestones *m, size_t i) { return m && i < m->n ? m->rows[i].agreement : 0; }
uint32_t km_milestones_number(const km_milestones *m, size_t i) { return m && i < m->n ? m->rows[i].number : 0; }
int km_milestones_type(const km_milestones *m, size_t i) { return m && i < m->n ? m->rows[i].type : -1; }
const char *km_milestones_title(const km_milestones *m, size_t i)
{
    return m && i < m->n ? m->text + m->rows[i].title_off : NULL;
}
const char *km_milestones_due_date(const km_milestones *m, size_t i) { return m && i < m->n ? m->rows[i].due : NULL; }
int km_milestones_status(const km_milestones *m, size_t i) { return m && i < m->n ? m->rows[i].status : -1; }
const char *km_milestones_date_met(const km_milestones *m, size_t i)
{
    return m && i < m->n && m->rows[i].has_met ? m->rows[i].met : NULL;
}
