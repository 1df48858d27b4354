/* The risk allocation register of PPP (KPBU) agreements: category, who
 * bears it, and the mitigation, numbered 1, 2, ... within the agreement. */
#include "agreement/agreement.h"

#include <string.h>

km__risk *km__risk_new(const km_allocator *a, uint32_t number, uint8_t category, uint8_t allocation,
                       const char *mitigation, size_t len)
{
    km__risk *r = (km__risk *)km__malloc(a, sizeof *r + len);
    if (!r) return NULL;
    r->number = number;
    r->category = category;
    r->allocation = allocation;
    memcpy(r->mitigation, mitigation, len);
    r->mitigation[len] = '\0';
    return r;
}

/* Shared checks: a PPP agreement that has not ended, a known allocation and
 * a mitigation text. */
static int check(km__apply *ap, const km_agreement *a, uint64_t allocation, const km__sl *mitigation)
{
    int rc;
    if (a->type != KM_AGREEMENT_PPP)
        return km__apply_fail(ap, km__err(KM_EINVAL, "agreement.type",
                                          "agreement %llu is a %s; a risk register is kept for PPP (KPBU) agreements only",
                                          "perjanjian %llu berjenis %s; register risiko hanya untuk perjanjian KPBU",
                                          (unsigned long long)a->id, km_agreement_type_label(a->type, KM_LANG_EN)));
    if (km__agr_ended(a->status))
        return km__apply_fail(ap, km__err(KM_ESTATE, "agreement.status", "agreement %llu is %s and cannot change",
                                          "perjanjian %llu %s dan tidak dapat diubah", (unsigned long long)a->id,
                                          km_agreement_status_label(a->status, KM_LANG_EN)));
    if ((rc = km__v_enum("risk.allocation", allocation, KM_RISK_ALLOCATION__COUNT)) != 0) return km__apply_fail(ap, rc);
    if (!mitigation->p) return km__apply_fail(ap, km__err(KM_EINVAL, "risk.mitigation", "is required", "wajib diisi"));
    if ((rc = km__v_text("risk.mitigation", mitigation->p, mitigation->n, 1, KM_AGREEMENT_REASON_MAX, 1)) != 0)
        return km__apply_fail(ap, rc);
    return 0;
}

static void undo_add(km_network *net, km__undo *u)
{
    km__agr_extra *x = km__agr_x(&net->agreements, u->id);
    km__free(net->a, x->risks[--x->n_risks]);
}

int km__agr_apply_risk_add(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    km__agr_extra *x;
    km__risk *r;
    km__sl mit;
    uint64_t cat = 0, alloc = 0;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_RISK_CATEGORY, "risk.category", &cat, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__v_enum("risk.category", cat, KM_RISK_CATEGORY__COUNT)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_RISK_ALLOCATION, "risk.allocation", &alloc, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_MITIGATION, &mit)) != 0) return km__apply_fail(ap, rc);
    if ((rc = check(ap, slot->cur, alloc, &mit)) != 0) return rc;
    x = km__agr_x(&net->agreements, ap->ev.id);
    if (x && x->n_risks >= KM_AGREEMENT_RISKS_MAX)
        return km__apply_fail(ap, km__err(KM_EINVAL, "risk", "agreement %llu already has %d risks",
                                          "perjanjian %llu sudah memiliki %d risiko", (unsigned long long)ap->ev.id,
                                          KM_AGREEMENT_RISKS_MAX));
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    if ((rc = km__agr_extra_get(net, ap->ev.id, &x)) != 0) return rc;
    if ((rc = km__grow(net->a, (void **)&x->risks, &x->cap_risks, x->n_risks + 1, sizeof *x->risks)) != 0) return rc;
    r = km__risk_new(net->a, (uint32_t)x->n_risks + 1, (uint8_t)cat, (uint8_t)alloc, mit.p, mit.n);
    if (!r) return km__nomem();
    x->risks[x->n_risks++] = r;
    km__undo_push(net, undo_add, NULL, ap->ev.id, r);
    ap->id = ap->ev.id;
    return 0;
}

static void undo_swap(km_network *net, km__undo *u)
{
    km__agr_extra *x = km__agr_x(&net->agreements, u->id);
    km__risk *old = (km__risk *)u->ptr;
    km__free(net->a, x->risks[old->number - 1]);
    x->risks[old->number - 1] = old;
}

static void release_swap(km_network *net, km__undo *u) { km__free(net->a, u->ptr); }

int km__agr_apply_risk_update(km_network *net, km__apply *ap)
{
    km__agr_slot *slot;
    km__agr_extra *x;
    km__risk *old, *r;
    km__sl mit;
    uint64_t number = 0, alloc = 0;
    int rc;
    if ((slot = km__agr_find(net, ap, &rc)) == NULL) return rc;
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_NUMBER, "risk.number", &number, 1)) != 0) return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_u64(&ap->f, KM__AT_RISK_ALLOCATION, "risk.allocation", &alloc, 1)) != 0)
        return km__apply_fail(ap, rc);
    if ((rc = km__agr_get_str(&ap->f, KM__AT_MITIGATION, &mit)) != 0) return km__apply_fail(ap, rc);
    if ((rc = check(ap, slot->cur, alloc, &mit)) != 0) return rc;
    x = km__agr_x(&net->agreements, ap->ev.id);
    if (!x || number == 0 || number > x->n_risks)
        return km__apply_fail(ap, km__err(KM_ENOTFOUND, "risk.number", "agreement %llu has no risk %llu",
                                          "perjanjian %llu tidak memiliki risiko %llu", (unsigned long long)ap->ev.id,
                                          (unsigned long long)number));
    old = x->risks[number - 1];
    if ((rc = km__undo_reserve(net, 1)) != 0) return rc;
    r = km__risk_new(net->a, old->number, old->category, (uint8_t)alloc, mit.p, mit.n);
    if (!r) return km__nomem();
    x->risks[number - 1] = r;
    km__undo_push(net, undo_swap, release_swap, ap->ev.id, old);
    ap->id = ap->ev.id;
    return 0;
}

int km_risk_add(uint32_t *out_number, km_network *net, uint64_t agreement_id, int category, int allocation,
                const char *mitigation)
{
    int rc;
    km__err_clear();
    if (out_number) *out_number = 0;
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_RISK_CATEGORY, (uint64_t)(int64_t)category);
    if (rc == 0) rc = km__fw_u64(&net->scratch, KM__AT_RISK_ALLOCATION, (uint64_t)(int64_t)allocation);
    if (rc == 0 && mitigation) rc = km__fw_str(&net->scratch, KM__AT_MITIGATION, mitigation);
    if (rc == 0)
        rc = km__change(net, KM_ENTITY_AGREEMENT, KM__OP_RISK_ADD, agreement_id, net->scratch.data, net->scratch.len,
                        NULL);
    if (rc == 0 && out_number) *out_number = (uint32_t)km__agr_x(&net->agreements, agreement_id)->n_risks;
    return rc;
}

int km_risk_update(km_network *net, uint64_t agreement_id, uint32_t number, int allocation, const char *mitigation)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_writable(net)) != 0) return rc;
    km__buf_reset(&net->scratch);
    rc = km__fw_u64(&net->scratch, KM__AT_NUMBER, number);
    if (rc == 0) rc = km__fw_u64(&net->scratch, KM__AT_RISK_ALLOCATION, (uint64_t)(int64_t)allocation);
    if (rc == 0 && mitigation) rc = km__fw_str(&net->scratch, KM__AT_MITIGATION, mitigation);
    if (rc) return rc;
    return km__change(net, KM_ENTITY_AGREEMENT, KM__OP_RISK_UPDATE, agreement_id, net->scratch.data, net->scratch.len,
                      NULL);
}

typedef struct rrow {
    uint32_t number;
    int category, allocation;
    size_t off;
} rrow;

struct km_risks {
    km__ctx *ctx;
    rrow *rows;
    size_t n;
    char *text;
};

void km_risks_free(km_risks *r)
{
    km__ctx *ctx;
    if (!r) return;
    ctx = r->ctx;
    km__free(&ctx->alloc, r->rows);
    km__free(&ctx->alloc, r->text);
    km__free(&ctx->alloc, r);
    km__ctx_unref(ctx);
}

int km_risk_list(km_risks **out, km_network *net, uint64_t agreement_id)
{
    const km__agr_slot *slot;
    const km__agr_extra *x;
    km_risks *l;
    km__buf text;
    size_t i, n;
    int rc = 0;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    slot = km__agreement_slot(&net->agreements, agreement_id);
    if (!slot) return km__agr_not_found(agreement_id);
    x = km__agr_x(&net->agreements, agreement_id);
    n = x ? x->n_risks : 0;
    l = (km_risks *)km__calloc(net->a, 1, sizeof *l);
    if (!l) return km__nomem();
    l->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    km__buf_init(&text, net->a);
    if (n && !(l->rows = (rrow *)km__calloc(net->a, n, sizeof *l->rows))) rc = km__nomem();
    for (i = 0; rc == 0 && i < n; i++) {
        const km__risk *r = x->risks[i];
        l->rows[i].number = r->number;
        l->rows[i].category = r->category;
        l->rows[i].allocation = r->allocation;
        l->rows[i].off = text.len;
        rc = km__buf_put(&text, r->mitigation, strlen(r->mitigation) + 1);
        if (rc == 0) l->n++;
    }
    if (rc == 0 && text.len == 0) rc = km__buf_put_u8(&text, 0);
    if (rc) {
        km__buf_free(&text);
        km_risks_free(l);
        return rc;
    }
    l->text = (char *)text.data;
    *out = l;
    return 0;
}

size_t km_risks_count(const km_risks *r) { return r ? r->n : 0; }
uint32_t km_risks_number(const km_risks *r, size_t i) { return r && i < r->n ? r->rows[i].number : 0; }
int km_risks_category(const km_risks *r, size_t i) { return r && i < r->n ? r->rows[i].category : -1; }
int km_risks_allocation(const km_risks *r, size_t i) { return r && i < r->n ? r->rows[i].allocation : -1; }
const char *km_risks_mitigation(const km_risks *r, size_t i) { return r && i < r->n ? r->text + r->rows[i].off : NULL; }
