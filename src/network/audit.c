/* The audit trail API: reads the log back and lists its changes with who,
 * when and what (the payload rendered as JSON through the op's schema). */
#include "kemitraan/audit.h"
#include "network/internal.h"

#include <string.h>

typedef struct arow {
    uint64_t seq;
    int64_t time;
    uint64_t entity_id;
    int entity;
    const char *op;
    size_t actor_off;
    size_t json_off;
} arow;

struct km_audit {
    km__ctx *ctx;
    arow *rows;
    size_t n, cap;
    char *text;          /* every actor and JSON string, NUL-separated */
    uint64_t next_seq;
};

typedef struct actx {
    km_network *net;
    const km_audit_query *q;
    km_audit *a;
    km__buf text;
    uint64_t upto;
    size_t actor_len;
} actx;

#define KM__AUDIT_STOP 1

static int put_cstr(km__buf *b, const char *s, size_t n, size_t *off)
{
    int rc;
    *off = b->len;
    rc = km__buf_put(b, s, n);
    return rc ? rc : km__buf_put_u8(b, 0);
}

static int collect(void *payload, uint64_t seq, const void *data, size_t len)
{
    actx *c = (actx *)payload;
    const km_audit_query *q = c->q;
    km__entry e;
    km__event ev;
    size_t pos = 0, actor_off = 0;
    int rc, have_actor = 0;
    if (seq > c->upto) return KM__AUDIT_STOP;
    if ((rc = km__entry_decode(&e, data, len, seq)) != 0) return rc;
    if (q->limit && c->a->n >= q->limit) {
        c->a->next_seq = seq;
        return KM__AUDIT_STOP;
    }
    if (q->since && e.time < q->since) return 0;
    if (q->until && e.time > q->until) return 0;
    if (q->actor && (e.actor_len != c->actor_len || memcmp(e.actor, q->actor, c->actor_len) != 0)) return 0;
    while (km__entry_next_event(&e, &pos, &ev)) {
        const km__opdef *def;
        km__fields f;
        arow *r;
        if (q->entity >= 0 && ev.entity != q->entity) continue;
        if (q->entity_id && ev.id != q->entity_id) continue;
        if (!have_actor) {
            if ((rc = put_cstr(&c->text, e.actor, e.actor_len, &actor_off)) != 0) return rc;
            have_actor = 1;
        }
        if ((rc = km__grow(c->net->a, (void **)&c->a->rows, &c->a->cap, c->a->n + 1, sizeof *c->a->rows)) != 0)
            return rc;
        r = &c->a->rows[c->a->n];
        def = km__op_find(ev.entity, ev.op);
        r->seq = seq;
        r->time = e.time;
        r->entity = ev.entity;
        r->entity_id = ev.id;
        r->op = def ? def->name : "unknown";
        r->actor_off = actor_off;
        r->json_off = c->text.len;
        if ((rc = km__fields_parse(&f, ev.payload, ev.len, ev.fmt)) != 0) return rc;
        if ((rc = km__fields_json(&c->text, def ? def->schema : NULL, def ? def->n_schema : 0, &f)) != 0) return rc;
        if ((rc = km__buf_put_u8(&c->text, 0)) != 0) return rc;
        c->a->n++;
    }
    return 0;
}

void km_audit_free(km_audit *a)
{
    km__ctx *ctx;
    if (!a) return;
    ctx = a->ctx;
    km__free(&ctx->alloc, a->rows);
    km__free(&ctx->alloc, a->text);
    km__free(&ctx->alloc, a);
    km__ctx_unref(ctx);
}

int km_audit_list(km_audit **out, km_network *net, const km_audit_query *query)
{
    km_audit_query dq = KM_AUDIT_QUERY_INIT;
    actx c;
    km_audit *a;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!query) query = &dq;
    if (query->version == 0 || query->version > KM_AUDIT_QUERY_VERSION)
        return km__err(KM_EVERSION, "query.version", "unknown version %u", "versi %u tidak dikenal", query->version);
    if (query->entity < -1 || query->entity >= KM_ENTITY__COUNT)
        return km__err(KM_EINVAL, "query.entity", "%d is not an entity kind or -1", "%d bukan jenis entitas atau -1",
                       query->entity);
    if (query->entity_id && query->entity < 0)
        return km__err(KM_EINVAL, "query.entity_id", "needs query.entity", "memerlukan query.entity");
    a = (km_audit *)km__calloc(net->a, 1, sizeof *a);
    if (!a) return km__nomem();
    a->ctx = net->ctx;
    km__ctx_ref(net->ctx);
    memset(&c, 0, sizeof c);
    c.net = net;
    c.q = query;
    c.a = a;
    c.upto = net->seq;
    c.actor_len = query->actor ? strlen(query->actor) : 0;
    km__buf_init(&c.text, net->a);
    rc = net->storage->scan(net->storage, query->from_seq ? query->from_seq : 1, collect, &c);
    if (rc == KM__AUDIT_STOP) rc = 0;
    rc = km__storage_rc(rc, "storage.scan");
    if (rc == 0 && c.text.len == 0) rc = km__buf_put_u8(&c.text, 0);
    if (rc) {
        km__buf_free(&c.text);
        km_audit_free(a);
        return rc;
    }
    a->text = (char *)c.text.data; /* ownership moves to the list */
    *out = a;
    return 0;
}

size_t km_audit_count(const km_audit *a) { return a ? a->n : 0; }
uint64_t km_audit_seq(const km_audit *a, size_t i) { return a && i < a->n ? a->rows[i].seq : 0; }
int64_t km_audit_time(const km_audit *a, size_t i) { return a && i < a->n ? a->rows[i].time : 0; }
const char *km_audit_actor(const km_audit *a, size_t i) { return a && i < a->n ? a->text + a->rows[i].actor_off : NULL; }
int km_audit_entity(const km_audit *a, size_t i) { return a && i < a->n ? a->rows[i].entity : -1; }
uint64_t km_audit_entity_id(const km_audit *a, size_t i) { return a && i < a->n ? a->rows[i].entity_id : 0; }
const char *km_audit_operation(const km_audit *a, size_t i) { return a && i < a->n ? a->rows[i].op : NULL; }
const char *km_audit_data_json(const km_audit *a, size_t i) { return a && i < a->n ? a->text + a->rows[i].json_off : NULL; }
uint64_t km_audit_next_seq(const km_audit *a) { return a ? a->next_seq : 0; }
