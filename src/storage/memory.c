/* The built-in memory backend. It goes through the same vtable as any host
 * backend, so the library has one code path for storage. A mutex makes it
 * shareable by handles on different threads; records never move once
 * appended, so a scan can call back without holding the lock. */
#include "kemitraan/sys/storage.h"
#include "core/alloc.h"
#include "core/error.h"
#include "storage/whole.h"

#include <pthread.h>
#include <string.h>

typedef struct mem_rec {
    size_t len;
    uint64_t seq; /* used by snapshots only */
    uint8_t data[1];
} mem_rec;

typedef struct mem_storage {
    km_storage base; /* first, so a km_storage* is a mem_storage* */
    km_allocator alloc;
    pthread_mutex_t lock;
    mem_rec **recs;   /* recs[i] is sequence i+1 */
    size_t n, cap;
    mem_rec *snap;    /* newest snapshot only */
    mem_rec *snap_prev; /* and the one before, so time travel has a choice */
} mem_storage;

static mem_rec *rec_new(mem_storage *m, uint64_t seq, const void *data, size_t len)
{
    mem_rec *r;
    if (len > SIZE_MAX - sizeof(mem_rec)) return NULL;
    r = (mem_rec *)km__malloc(&m->alloc, sizeof(mem_rec) + len);
    if (!r) return NULL;
    r->len = len;
    r->seq = seq;
    if (len) memcpy(r->data, data, len);
    return r;
}

static int mem_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    mem_storage *m = (mem_storage *)self;
    mem_rec *r;
    int rc = 0;
    pthread_mutex_lock(&m->lock);
    if (seq <= m->n) {
        rc = km__err(KM_ECONFLICT, "storage.append", "sequence %llu already exists (last is %llu)",
                     "urutan %llu sudah ada (terakhir %llu)", (unsigned long long)seq, (unsigned long long)m->n);
    } else if (seq != m->n + 1) {
        rc = km__err(KM_EINVAL, "storage.append", "sequence %llu would leave a gap after %llu",
                     "urutan %llu akan meninggalkan celah setelah %llu", (unsigned long long)seq,
                     (unsigned long long)m->n);
    } else if ((rc = km__grow(&m->alloc, (void **)&m->recs, &m->cap, m->n + 1, sizeof *m->recs)) == 0) {
        r = rec_new(m, seq, data, len);
        if (!r) rc = km__nomem();
        else m->recs[m->n++] = r;
    }
    pthread_mutex_unlock(&m->lock);
    return rc;
}

static int mem_scan(km_storage *self, uint64_t from, km_storage_record_cb cb, void *payload)
{
    mem_storage *m = (mem_storage *)self;
    uint64_t seq = from ? from : 1;
    for (;; seq++) {
        mem_rec *r = NULL;
        int rc;
        pthread_mutex_lock(&m->lock);
        if (seq <= m->n) r = m->recs[seq - 1];
        pthread_mutex_unlock(&m->lock);
        if (!r) return 0;
        rc = cb(payload, seq, r->data, r->len);
        if (rc) return rc;
    }
}

static int mem_last_seq(km_storage *self, uint64_t *out)
{
    mem_storage *m = (mem_storage *)self;
    pthread_mutex_lock(&m->lock);
    *out = m->n;
    pthread_mutex_unlock(&m->lock);
    return 0;
}

/* A snapshot being written: one record grown as the pieces arrive (the
 * record's header first, then the data), made current at the end. */
typedef struct mem_snap {
    uint8_t *raw; /* a mem_rec and its data */
    size_t cap;   /* bytes allocated at raw */
    uint64_t seq;
    size_t len;   /* data bytes so far */
} mem_snap;

static int past_end(uint64_t seq, uint64_t n)
{
    return km__err(KM_EINVAL, "storage.snapshot_write", "snapshot at %llu is past the log end %llu",
                   "snapshot pada %llu melewati ujung log %llu", (unsigned long long)seq, (unsigned long long)n);
}

static int mem_snapshot_begin(km_storage *self, uint64_t seq, void **stream)
{
    mem_storage *m = (mem_storage *)self;
    mem_snap *s;
    uint64_t n;
    *stream = NULL;
    pthread_mutex_lock(&m->lock);
    n = m->n;
    pthread_mutex_unlock(&m->lock);
    if (seq > n) return past_end(seq, n);
    s = (mem_snap *)km__calloc(&m->alloc, 1, sizeof *s);
    if (!s) return km__nomem();
    s->seq = seq;
    if (km__grow(&m->alloc, (void **)&s->raw, &s->cap, sizeof(mem_rec), 1) != 0) {
        km__free(&m->alloc, s);
        return km__nomem();
    }
    *stream = s;
    return 0;
}

static int mem_snapshot_append(km_storage *self, void *stream, const void *data, size_t len)
{
    mem_storage *m = (mem_storage *)self;
    mem_snap *s = (mem_snap *)stream;
    size_t need = sizeof(mem_rec) + s->len;
    if (len > SIZE_MAX - need) return km__nomem();
    if (km__grow(&m->alloc, (void **)&s->raw, &s->cap, need + len, 1) != 0) return km__nomem();
    memcpy(((mem_rec *)(void *)s->raw)->data + s->len, data, len);
    s->len += len;
    return 0;
}

static int mem_snapshot_end(km_storage *self, void *stream, int commit)
{
    mem_storage *m = (mem_storage *)self;
    mem_snap *s = (mem_snap *)stream;
    mem_rec *r = (mem_rec *)(void *)s->raw, *old = r;
    int rc = 0;
    r->len = s->len;
    r->seq = s->seq;
    if (commit) {
        pthread_mutex_lock(&m->lock);
        if (s->seq > m->n) {
            rc = past_end(s->seq, m->n);
        } else {
            old = m->snap_prev;
            m->snap_prev = m->snap;
            m->snap = r;
        }
        pthread_mutex_unlock(&m->lock);
    }
    km__free(&m->alloc, old); /* the abandoned record, or the one replaced two writes ago */
    km__free(&m->alloc, s);
    return rc;
}

static int mem_snapshot_read(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    mem_storage *m = (mem_storage *)self;
    mem_rec *r = NULL;
    pthread_mutex_lock(&m->lock);
    if (m->snap && m->snap->seq <= max_seq) r = m->snap;
    else if (m->snap_prev && m->snap_prev->seq <= max_seq) r = m->snap_prev;
    pthread_mutex_unlock(&m->lock);
    /* Snapshots are replaced only by snapshot_write on the same store; the
     * contract says a store is not written while being freed, and a
     * replaced snapshot survives one more write, which covers a concurrent
     * reader. */
    if (!r) return KM_ENOTFOUND;
    return cb(payload, r->seq, r->data, r->len);
}

static void mem_free(km_storage *self)
{
    mem_storage *m = (mem_storage *)self;
    km_allocator a = m->alloc;
    size_t i;
    for (i = 0; i < m->n; i++) km__free(&a, m->recs[i]);
    km__free(&a, m->recs);
    km__free(&a, m->snap);
    km__free(&a, m->snap_prev);
    pthread_mutex_destroy(&m->lock);
    km__free(&a, m);
}


int km_storage_memory_new(km_storage **out, const km_allocator *allocator)
{
    km_allocator a;
    mem_storage *m;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    rc = km__allocator_check(allocator, &a);
    if (rc) return rc;
    m = (mem_storage *)km__calloc(&a, 1, sizeof *m);
    if (!m) return km__nomem();
    if (pthread_mutex_init(&m->lock, NULL) != 0) {
        km__free(&a, m);
        return km__nomem();
    }
    m->alloc = a;
    m->base.version = KM_STORAGE_VERSION;
    m->base.append = mem_append;
    m->base.scan = mem_scan;
    m->base.last_seq = mem_last_seq;
    m->base.snapshot_write = km__storage_snapshot_whole;
    m->base.snapshot_read = mem_snapshot_read;
    m->base.snapshot_begin = mem_snapshot_begin;
    m->base.snapshot_append = mem_snapshot_append;
    m->base.snapshot_end = mem_snapshot_end;
    m->base.free = mem_free;
    *out = &m->base;
    return 0;
}

void km_storage_free(km_storage *storage)
{
    if (storage && storage->free) storage->free(storage);
}
