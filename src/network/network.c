/* Opening and closing a network, its hooks and its statistics. */
#include "network/internal.h"
#include "network/snapshot.h"
#include "util/date.h"
#include "util/sha256.h"
#include "util/utf8.h"
#include "util/validate.h"
#include "util/vocab.h"

#include <string.h>
#include <time.h>

#define KM__ACTOR_MAX 256

km__ctx *km__ctx_new(const km_allocator *a)
{
    km__ctx *c = (km__ctx *)km__malloc(a, sizeof *c);
    if (!c) return NULL;
    c->alloc = *a;
    c->refs = 1;
    c->parent = NULL;
    c->vocab = NULL;
    return c;
}

void km__ctx_ref(km__ctx *c) { __atomic_add_fetch(&c->refs, 1, __ATOMIC_RELAXED); }

void km__ctx_unref(km__ctx *c)
{
    if (c && __atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        km_allocator a = c->alloc; /* the block holds its own allocator */
        km__ctx *parent = c->parent;
        if (!parent) km__vocab_free(c->vocab); /* the owner's; a block's is borrowed */
        km__free(&a, c);
        km__ctx_unref(parent);
    }
}

int km__check_net(const km_network *net)
{
    if (!net) return km__err(KM_EINVAL, "net", "must not be NULL", "tidak boleh NULL");
    return 0;
}

int km__check_writable(const km_network *net)
{
    int rc = km__check_net(net);
    if (rc) return rc;
    if (net->read_only)
        return km__err(KM_EREADONLY, "net",
                       net->as_of_seq || net->as_of_time ? "this is a read-only view of the past"
                                                         : "the network was opened read-only",
                       net->as_of_seq || net->as_of_time ? "ini tampilan masa lalu yang hanya baca"
                                                         : "jaringan dibuka hanya baca");
    return 0;
}

static int64_t system_clock(void *payload)
{
    struct timespec ts;
    (void)payload;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int32_t km__net_today(const km_network *net)
{
    int64_t t = net->as_of_time ? net->as_of_time : net->as_of_seq ? net->last_time : net->clock(net->clock_payload);
    return km__day_at(t, KM__WIB_MINUTES);
}

int64_t km_network_now(const km_network *net)
{
    if (!net) return 0;
    return net->clock(net->clock_payload);
}

static int set_actor(km_network *net, const char *actor)
{
    size_t n = actor ? strlen(actor) : 0;
    char *copy;
    int rc = km__v_text("actor", actor ? actor : "", n, 0, KM__ACTOR_MAX, 0);
    if (rc) return rc;
    copy = km__strndup(net->a, actor ? actor : "", n);
    if (!copy) return km__nomem();
    km__free(net->a, net->actor);
    net->actor = copy;
    return 0;
}

static void net_free(km_network *net)
{
    km__opportunities_free(&net->opportunities);
    km__measurements_free(&net->measurements);
    km__indicators_free(&net->indicators);
    km__commitments_free(&net->commitments);
    km__disputes_free(&net->disputes);
    km__agreements_free(&net->agreements);
    km__frameworks_free(&net->frameworks);
    km__partners_free(&net->partners);
    km__buf_free(&net->txn_events);
    km__buf_free(&net->scratch);
    km__buf_free(&net->entry);
    km__buf_free(&net->fold);
    km__free(net->a, net->undo);
    km__free(net->a, net->actor);
    if (net->owns_storage) km_storage_free(net->storage);
    {
        km__ctx *ctx = net->ctx;
        km__free(net->a, net);
        km__ctx_unref(ctx);
    }
}

int km_network_open(km_network **out, km_storage *storage, const km_network_options *options)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_allocator alloc;
    km__ctx *ctx;
    km_network *net;
    int rc;

    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if (options) {
        if (options->version == 0 || options->version > KM_NETWORK_OPTIONS_VERSION)
            return km__err(KM_EVERSION, "options.version", "unknown version %u", "versi %u tidak dikenal",
                           options->version);
        o = *options;
    }
    if (storage) {
        if (storage->version == 0 || storage->version > KM_STORAGE_VERSION)
            return km__err(KM_EVERSION, "storage.version", "unknown backend version %u",
                           "versi backend %u tidak dikenal", storage->version);
        if (!storage->append || !storage->scan || !storage->last_seq)
            return km__err(KM_EINVAL, "storage", "append, scan and last_seq are required",
                           "append, scan dan last_seq wajib ada");
        if (storage->version >= 2 &&
            (!storage->snapshot_begin != !storage->snapshot_append || !storage->snapshot_begin != !storage->snapshot_end))
            return km__err(KM_EINVAL, "storage.snapshot_begin",
                           "snapshot_begin, snapshot_append and snapshot_end go together: all three or none",
                           "snapshot_begin, snapshot_append dan snapshot_end satu paket: ketiganya atau tidak sama sekali");
    }
    if (o.as_of_time < 0)
        return km__err(KM_EINVAL, "options.as_of_time", "must not be negative", "tidak boleh negatif");
    rc = km__allocator_check(o.allocator, &alloc);
    if (rc) return rc;

    ctx = km__ctx_new(&alloc);
    if (!ctx) return km__nomem();
    ctx->vocab = km__vocab_new(&ctx->alloc);
    net = ctx->vocab ? (km_network *)km__calloc(&ctx->alloc, 1, sizeof *net) : NULL;
    if (!net) {
        km__ctx_unref(ctx);
        return km__nomem();
    }
    net->ctx = ctx;
    net->a = &ctx->alloc;
    net->clock = o.clock ? o.clock : system_clock;
    net->clock_payload = o.clock ? o.clock_payload : NULL;
    net->auth = o.authorizer;
    net->auth_payload = o.authorizer_payload;
    net->as_of_seq = o.as_of_seq;
    net->as_of_time = o.as_of_time;
    net->read_only = o.read_only || o.as_of_seq || o.as_of_time;
    net->retry = o.retry_on_conflict;
    km__buf_init(&net->txn_events, net->a);
    km__buf_init(&net->scratch, net->a);
    km__buf_init(&net->entry, net->a);
    km__buf_init(&net->fold, net->a);
    km__partners_init(&net->partners, net->a);
    km__agreements_init(&net->agreements, net->a);
    km__frameworks_init(&net->frameworks, net->a);
    km__opportunities_init(&net->opportunities, net->a);
    km__indicators_init(&net->indicators, net->a);
    km__measurements_init(&net->measurements, net->a);
    km__commitments_init(&net->commitments, net->a);
    km__disputes_init(&net->disputes, net->a);

    rc = set_actor(net, o.actor);
    if (rc == 0 && !storage) {
        rc = km_storage_memory_new(&net->storage, net->a);
        net->owns_storage = rc == 0;
    } else {
        net->storage = storage;
    }
    if (rc == 0 && !o.no_snapshot) {
        rc = km__snapshot_load(net);
        /* No snapshot, or one that cannot be trusted: the log alone is
         * enough, so fall back to replaying it from the start. */
        if (rc == KM_ENOTFOUND || rc == KM_ECORRUPT || rc == KM_EVERSION) rc = 0;
        km__err_clear();
    }
    if (rc == 0) rc = km__replay(net);
    if (rc) {
        net_free(net);
        return rc;
    }
    *out = net;
    return 0;
}

void km_network_close(km_network *net)
{
    if (!net) return;
    if (net->txn_open) km_network_rollback(net);
    /* Deferred syncs (normal mode) are flushed on close; a failure here
     * cannot be reported, which is why km_network_sync() exists. */
    if (!net->read_only && net->storage->sync) (void)net->storage->sync(net->storage);
    net_free(net);
}

void km__network_own_storage(km_network *net) { net->owns_storage = 1; }

int km_network_set_actor(km_network *net, const char *actor)
{
    int rc;
    km__err_clear();
    rc = km__check_net(net);
    return rc ? rc : set_actor(net, actor);
}

const char *km_network_actor(const km_network *net) { return net && net->actor ? net->actor : ""; }

int km_network_set_authorizer(km_network *net, km_authorizer_fn fn, void *payload)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    net->auth = fn;
    net->auth_payload = payload;
    return 0;
}

int km_network_set_clock(km_network *net, km_clock_fn fn, void *payload)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    net->clock = fn ? fn : system_clock;
    net->clock_payload = fn ? payload : NULL;
    return 0;
}

int km_network_stats_get(km_network_stats *out, const km_network *net)
{
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (out->version == 0 || out->version > KM_NETWORK_STATS_VERSION)
        return km__err(KM_EVERSION, "out.version", "unknown version %u", "versi %u tidak dikenal", out->version);
    out->log_entries = net->seq;
    out->log_events = net->n_events;
    out->log_bytes = net->n_bytes;
    out->partners = net->partners.n;
    out->partners_active = net->partners.count_status[KM_PARTNER_ACTIVE];
    out->partners_suspended = net->partners.count_status[KM_PARTNER_SUSPENDED];
    out->partners_archived = net->partners.count_status[KM_PARTNER_ARCHIVED];
    if (out->version >= 2) {
        /* Fields added in version 2; a version 1 caller's struct ends before them. */
        out->agreements = net->agreements.n;
        out->agreements_active = km__idset_count(&net->agreements.by_status[KM_AGREEMENT_ACTIVE]);
        out->frameworks = net->frameworks.n;
    }
    if (out->version >= 3) {
        /* Version 3: each module fills its own counts below as it lands. */
        out->commitments = net->commitments.n;
        out->disputes = net->disputes.n;
        out->disputes_open = km__disputes_open(&net->disputes);
        out->indicators = net->indicators.n_indicators;
        out->measurements = net->measurements.n_versions;
        out->opportunities = net->opportunities.n_opp;
        out->interests = net->opportunities.n_eoi;
    }
    return 0;
}

uint64_t km_network_seq(const km_network *net) { return net ? net->seq : 0; }

int km_network_head_hash(char *out, const km_network *net)
{
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    km__hex_encode(out, net->head, 32);
    return 0;
}
