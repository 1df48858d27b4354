/* Writing and loading snapshots, and the file-store conveniences that go
 * with them (km_network_open_file, km_network_sync). */
#include "kemitraan/file.h"
#include "network/snapshot.h"
#include "core/alloc.h"
#include "util/job.h"
#include "util/sha256.h"

#include <string.h>

#define SNAP_VERSION 6
#define SNAP_V5 5         /* partner and agreement records of fixed-width fields; still read */
#define SNAP_V4 4         /* payload fields of encoding 1 (log/fields.h); still read */
#define SNAP_V3 3         /* agreements without chunk marks; still read */
#define SNAP_V2 2         /* sections framed inline, agreements as format 3; still read */
#define SECTION_END 0xFFFFu /* format 2: after the last section */
#define TABLE_ENTRY 18    /* u16 entity, u64 offset, u64 length */
#define TABLE_MAX 64      /* more sections than any library writes */

int km__snapshot_bad(const char *what)
{
    char copy[256];
    /* what may point at the thread's message buffer, which km__err rewrites. */
    strncpy(copy, what, sizeof copy - 1);
    copy[sizeof copy - 1] = '\0';
    return km__err(KM_ECORRUPT, "snapshot", "unusable snapshot: %s", "snapshot tidak dapat dipakai: %s", copy);
}

int km__snap_put_tlv(km__buf *b, int (*enc)(km__buf *, const void *), const void *rec)
{
    size_t at;
    int rc = km__buf_put_u32(b, 0);
    at = b->len;
    if (rc == 0) rc = enc(b, rec);
    /* The length is patched in place: writers spill only between records. */
    if (rc == 0) km__put_u32_at(b->data + at - 4, (uint32_t)(b->len - at));
    return rc;
}

int km__snap_next_tlv(km_network *net, km__rd *r, km__fields *f, const char *what)
{
    uint32_t len = km__rd_u32(r);
    const uint8_t *p = km__rd_bytes(r, len);
    if (r->err || km__snapshot_fields(net, f, p, len) != 0) return km__snapshot_bad(what);
    return 0;
}

int km__snap_put_strs(km__buf *b, const char *const *s, size_t n)
{
    uint8_t bits = 0;
    size_t i;
    int rc;
    for (i = 0; i < n; i++)
        if (s[i]) bits |= (uint8_t)(1u << i);
    rc = km__buf_put_u8(b, bits);
    for (i = 0; rc == 0 && i < n; i++)
        if (s[i]) rc = km__buf_put_vstr(b, s[i]);
    return rc;
}

/* The sections in the order they are written and loaded: frameworks before
 * agreements, which refer to them, and so on down. */
static const struct {
    uint16_t entity;
    int (*put)(km_network *, km__buf *);
} sections[] = {
    { KM_ENTITY_PARTNER, km__partner_snapshot_put },
    { KM_ENTITY_FRAMEWORK, km__framework_snapshot_put },
    { KM_ENTITY_AGREEMENT, km__agreement_snapshot_put },
    { KM_ENTITY_INDICATOR, km__indicator_snapshot_put },
    { KM_ENTITY_MEASUREMENT, km__measurement_snapshot_put },
    { KM_ENTITY_COMMITMENT, km__commitment_snapshot_put },
    { KM_ENTITY_DISPUTE, km__dispute_snapshot_put },
    { KM_ENTITY_OPPORTUNITY, km__opportunity_snapshot_put },
    { KM_ENTITY_INTEREST, km__interest_snapshot_put },
};
#define N_SECTIONS (sizeof sections / sizeof sections[0])

/* Writes the whole snapshot into b, which may spill to a sink on the way. */
static int put_snapshot(km_network *net, km__buf *b)
{
    uint64_t off[N_SECTIONS + 1];
    size_t i;
    int rc = km__buf_put(b, "KMSS", 4);
    if (rc == 0) rc = km__buf_put_u32(b, SNAP_VERSION);
    if (rc == 0) rc = km__buf_put_u64(b, net->seq);
    if (rc == 0) rc = km__buf_put(b, net->head, 32);
    if (rc == 0) rc = km__buf_put_i64(b, net->last_time);
    if (rc == 0) rc = km__buf_put_u64(b, net->n_events);
    if (rc == 0) rc = km__buf_put_u64(b, net->n_bytes);
    for (i = 0; rc == 0 && i < N_SECTIONS; i++) {
        off[i] = km__buf_pos(b);
        rc = sections[i].put(net, b);
        if (rc == 0) rc = km__buf_spill(b);
    }
    off[N_SECTIONS] = km__buf_pos(b);
    for (i = 0; rc == 0 && i < N_SECTIONS; i++) {
        rc = km__buf_put_u16(b, sections[i].entity);
        if (rc == 0) rc = km__buf_put_u64(b, off[i]);
        if (rc == 0) rc = km__buf_put_u64(b, off[i + 1] - off[i]);
    }
    if (rc == 0) rc = km__buf_put_u32(b, (uint32_t)N_SECTIONS);
    if (rc == 0) rc = km__buf_put(b, "KMSE", 4);
    return rc;
}

/* Writes the whole snapshot to sink through a buffer of about
 * KM__BUF_SPILL bytes (a backend's stream, or the state hash). */
static int put_snapshot_to(km_network *net, km__buf_sink *sink)
{
    km__buf b;
    int rc;
    km__buf_init(&b, net->a);
    b.sink = sink;
    rc = put_snapshot(net, &b);
    if (rc == 0) rc = km__buf_flush(&b);
    km__buf_free(&b);
    return rc;
}

/* A snapshot on its way to a backend that takes it as a stream. */
typedef struct snap_stream {
    km__buf_sink sink; /* first: the buffer calls back with its address */
    km_storage *st;
    void *stream;
} snap_stream;

static int stream_write(km__buf_sink *self, const void *data, size_t len)
{
    snap_stream *s = (snap_stream *)(void *)self;
    return km__storage_rc(s->st->snapshot_append(s->st, s->stream, data, len), "storage.snapshot_append");
}

static int has_stream(const km_storage *st)
{
    return st->version >= 2 && st->snapshot_begin && st->snapshot_append && st->snapshot_end;
}

/* Streams the snapshot to a backend that takes it in pieces. */
static int write_stream(km_network *net)
{
    km_storage *st = net->storage;
    snap_stream s;
    int rc, erc;
    memset(&s, 0, sizeof s);
    s.sink.write = stream_write;
    s.st = st;
    if ((rc = km__storage_rc(st->snapshot_begin(st, net->seq, &s.stream), "storage.snapshot_begin")) != 0) return rc;
    if ((rc = put_snapshot_to(net, &s.sink)) != 0) {
        /* Abandoning cannot fail in a way the caller could act on; the
         * error to report is the one that stopped the write. */
        km__errsave err;
        km__err_save(&err);
        (void)st->snapshot_end(st, s.stream, 0);
        return km__err_restore(&err);
    }
    erc = st->snapshot_end(st, s.stream, 1);
    return km__storage_rc(erc, "storage.snapshot_end");
}

/* A backend that takes the snapshot whole (storage version 1, or no
 * stream methods): built in memory, then handed over. */
static int write_blob(km_network *net)
{
    km__buf b;
    int rc;
    km__buf_init(&b, net->a);
    rc = put_snapshot(net, &b);
    if (rc == 0)
        rc = km__storage_rc(net->storage->snapshot_write(net->storage, net->seq, b.data, b.len),
                            "storage.snapshot_write");
    km__buf_free(&b);
    return rc;
}

int km_network_snapshot(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (net->txn_open)
        return km__err(KM_ESTATE, "transaction", "cannot snapshot inside a transaction",
                       "tidak dapat membuat snapshot di dalam transaksi");
    if (net->as_of_seq || net->as_of_time)
        return km__err(KM_EREADONLY, "net", "a view of the past cannot be snapshotted",
                       "tampilan masa lalu tidak dapat dibuat snapshot");
    if (has_stream(net->storage)) return write_stream(net);
    if (!net->storage->snapshot_write)
        return km__err(KM_ENOTFOUND, "storage.snapshot_write", "this backend keeps no snapshots",
                       "backend ini tidak menyimpan snapshot");
    return write_blob(net);
}

typedef struct lctx {
    km_network *net;
    uint64_t seq;
    uint8_t head[32];
    int hash_ok;
} lctx;

/* The partner section of a snapshot loading on a second thread while this
 * one loads the frameworks and the agreements: the two biggest sections
 * share no state but the partner count, which the agreements' party
 * checks take from the section's header (km__partners.n_loading). Only
 * with libc's allocator: a host's allocator is promised the calling
 * thread. On two cores the reopen takes the longer of the two sections
 * (the agreements, in the benchmark's store) instead of their sum. */
typedef struct part_job {
    km_network *net;
    km__rd sec;
    uint32_t version; /* of the snapshot */
    km__job job;
    uint64_t seen;    /* bit e: a section of entity e was met */
} part_job;

/* Loads one section of a snapshot of format `version`, which must use all
 * of its bytes. */
static int load_section(km_network *net, uint16_t entity, km__rd *sec, uint32_t version)
{
    int rc;
    switch (entity) {
    case KM_ENTITY_PARTNER: rc = km__partner_snapshot_load(net, sec, version >= SNAP_VERSION); break;
    case KM_ENTITY_FRAMEWORK: rc = km__framework_snapshot_load(net, sec); break;
    case KM_ENTITY_AGREEMENT:
        rc = km__agreement_snapshot_load(net, sec, version >= SNAP_V4, version >= SNAP_VERSION);
        break;
    case KM_ENTITY_INDICATOR: rc = km__indicator_snapshot_load(net, sec); break;
    case KM_ENTITY_MEASUREMENT: rc = km__measurement_snapshot_load(net, sec); break;
    case KM_ENTITY_COMMITMENT: rc = km__commitment_snapshot_load(net, sec); break;
    case KM_ENTITY_DISPUTE: rc = km__dispute_snapshot_load(net, sec); break;
    case KM_ENTITY_OPPORTUNITY: rc = km__opportunity_snapshot_load(net, sec); break;
    case KM_ENTITY_INTEREST: rc = km__interest_snapshot_load(net, sec); break;
    default: return km__err(KM_EVERSION, "snapshot", "unknown section %u (written by a newer library?)",
                            "bagian %u tidak dikenal (ditulis pustaka yang lebih baru?)", entity);
    }
    if (rc == 0 && km__rd_left(sec) != 0) rc = km__snapshot_bad("section has trailing bytes");
    return rc;
}

static int part_job_main(void *arg)
{
    part_job *j = (part_job *)arg;
    return load_section(j->net, KM_ENTITY_PARTNER, &j->sec, j->version);
}

/* Starts the partner section on a thread; 0 when it is not worth it or
 * not allowed (the caller then loads it itself). */
static int part_start(part_job *j, km_network *net, const km__rd *sec, uint32_t version)
{
    km__rd peek = *sec;
    uint64_t n = km__rd_u64(&peek); /* the section starts with its count */
    /* The agreements check their parties against this count while the
     * partners load, and size the party index by the largest: a count the
     * section's bytes cannot hold (a crafted snapshot; its load fails
     * later) would have them take a party id in the hundreds of millions
     * as existing, and allocate gigabytes for it first. Then the section
     * loads here first, and its real count is the one checked. */
    if (peek.err || n < 10000 || n > UINT32_MAX || n > km__rd_left(&peek) / KM__SNAP_PARTNER_MIN ||
        !km__alloc_is_libc(net->a))
        return 0;
    j->net = net;
    j->sec = *sec;
    j->version = version;
    net->partners.n_loading = n;
    if (!km__job_start(&j->job, part_job_main, j)) {
        net->partners.n_loading = 0;
        return 0;
    }
    return 1;
}

/* Waits for the partner section when this thread's own work ended with rc:
 * this thread's failure is the one reported, else the section's. */
static int part_join(part_job *j, int rc)
{
    if (!j->job.running) return rc;
    rc = km__job_finish(&j->job, rc);
    j->net->partners.n_loading = 0;
    return rc;
}

/* Loads one section found by any format. */
static int load_next(km_network *net, uint16_t entity, km__rd *sec, part_job *job, uint32_t version)
{
    int rc;
    /* A section loads into an empty registry: a second one of the same
     * entity would overwrite (and leak) what the first loaded. Our writer
     * never repeats one; a crafted or damaged snapshot may. */
    if (entity < 64) {
        if (job->seen & ((uint64_t)1 << entity)) return km__snapshot_bad("a section appears twice");
        job->seen |= (uint64_t)1 << entity;
    }
    /* Every later section may read partners: the thread finishes first. */
    if (entity != KM_ENTITY_FRAMEWORK && entity != KM_ENTITY_AGREEMENT && (rc = part_join(job, 0)) != 0) return rc;
    if (entity == KM_ENTITY_PARTNER && part_start(job, net, sec, version)) return 0;
    return load_section(net, entity, sec, version);
}

/* Format 2: u16 entity | u64 length before each section, 0xFFFF after. */
static int load_sections_v2(km_network *net, km__rd *r, part_job *job)
{
    int rc = 0;
    for (;;) {
        uint16_t entity = km__rd_u16(r);
        uint64_t slen;
        km__rd sec;
        if (r->err) return km__snapshot_bad("truncated section");
        if (entity == SECTION_END) break;
        slen = km__rd_u64(r);
        if (r->err || slen > km__rd_left(r)) return km__snapshot_bad("section length");
        km__rd_init(&sec, r->p + r->pos, (size_t)slen);
        km__rd_bytes(r, (size_t)slen);
        if ((rc = load_next(net, entity, &sec, job, SNAP_V2)) != 0) return rc;
    }
    if (km__rd_left(r) != 0) return km__snapshot_bad("trailing bytes");
    return part_join(job, 0);
}

/* Formats 3 and 4: the sections back to back from r's position, then their table,
 * its count and "KMSE" at the very end. The table must describe exactly
 * those bytes, in order, with nothing between or after them. */
static int load_sections_v3(km_network *net, km__rd *r, part_job *job, uint32_t version)
{
    size_t len = r->len, start = r->pos, tpos, i, n;
    uint64_t at = start;
    km__rd t;
    int rc;
    if (len - start < 8 || memcmp(r->p + len - 4, "KMSE", 4) != 0) return km__snapshot_bad("no section table");
    n = km__get_u32_at(r->p + len - 8);
    if (n > TABLE_MAX || (len - start - 8) / TABLE_ENTRY < n) return km__snapshot_bad("section table size");
    tpos = len - 8 - n * TABLE_ENTRY;
    km__rd_init(&t, r->p + tpos, n * TABLE_ENTRY);
    for (i = 0; i < n; i++) {
        uint16_t entity = km__rd_u16(&t);
        uint64_t off = km__rd_u64(&t), slen = km__rd_u64(&t);
        km__rd sec;
        if (off != at || slen > tpos - at) return km__snapshot_bad("section table");
        km__rd_init(&sec, r->p + at, (size_t)slen);
        at += slen;
        if ((rc = load_next(net, entity, &sec, job, version)) != 0) return rc;
    }
    if (at != tpos) return km__snapshot_bad("bytes outside the sections");
    return part_join(job, 0);
}

static int load_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    lctx *c = (lctx *)payload;
    km_network *net = c->net;
    km__rd r;
    const uint8_t *magic, *head;
    int64_t time;
    part_job job;
    uint32_t version;
    int rc;
    km__rd_init(&r, data, len);
    magic = km__rd_bytes(&r, 4);
    if (!magic || memcmp(magic, "KMSS", 4) != 0) return km__snapshot_bad("bad magic");
    version = km__rd_u32(&r);
    if (version < SNAP_V2 || version > SNAP_VERSION) return km__snapshot_bad("unknown version");
    net->snap_fields = version >= SNAP_V5 ? KM__FIELDS_V2 : KM__FIELDS_V1;
    if (km__rd_u64(&r) != seq) return km__snapshot_bad("sequence mismatch");
    head = km__rd_bytes(&r, 32);
    time = km__rd_i64(&r);
    net->n_events = km__rd_u64(&r);
    net->n_bytes = km__rd_u64(&r);
    if (r.err) return km__snapshot_bad("truncated header");
    if (net->as_of_time && time > net->as_of_time) return KM_ENOTFOUND; /* newer than the view asked for */
    memset(&job, 0, sizeof job);
    rc = version == SNAP_V2 ? load_sections_v2(net, &r, &job) : load_sections_v3(net, &r, &job, version);
    /* On failure the partner thread, if still running, is waited for
     * before the state is reset; this thread's error is the one reported. */
    if (rc) return part_join(&job, rc);
    c->seq = seq;
    memcpy(c->head, head, 32);
    net->seq = seq;
    memcpy(net->head, head, 32);
    net->last_time = time;
    return 0;
}

/* The snapshot must belong to this log: entry seq must hash to the head the
 * snapshot recorded. */
static int check_entry_cb(void *payload, uint64_t seq, const void *data, size_t len)
{
    lctx *c = (lctx *)payload;
    uint8_t h[32];
    (void)seq;
    km__sha256(data, len, h);
    c->hash_ok = memcmp(h, c->head, 32) == 0;
    return 1; /* one entry is enough */
}

static void reset_state(km_network *net)
{
    km__disputes_free(&net->disputes);
    km__disputes_init(&net->disputes, net->a);
    km__partners_free(&net->partners);
    km__partners_init(&net->partners, net->a);
    km__agreements_free(&net->agreements);
    km__agreements_init(&net->agreements, net->a);
    km__frameworks_free(&net->frameworks);
    km__frameworks_init(&net->frameworks, net->a);
    km__measurements_free(&net->measurements);
    km__measurements_init(&net->measurements, net->a);
    km__indicators_free(&net->indicators);
    km__indicators_init(&net->indicators, net->a);
    km__commitments_free(&net->commitments);
    km__commitments_init(&net->commitments, net->a);
    km__opportunities_free(&net->opportunities);
    km__opportunities_init(&net->opportunities, net->a);
    net->seq = 0;
    memset(net->head, 0, 32);
    net->last_time = 0;
    net->n_events = 0;
    net->n_bytes = 0;
}

int km__snapshot_load(km_network *net)
{
    lctx c;
    int rc;
    if (!net->storage->snapshot_read) return KM_ENOTFOUND;
    memset(&c, 0, sizeof c);
    c.net = net;
    rc = net->storage->snapshot_read(net->storage, net->as_of_seq ? net->as_of_seq : UINT64_MAX, load_cb, &c);
    if (rc > 0) /* a host backend's own non-zero code: treat as a storage failure */
        rc = km__err(KM_ESTORAGE, "storage.snapshot_read", "backend returned %d", "backend mengembalikan %d", rc);
    if (rc == 0 && c.seq > 0) {
        int src = net->storage->scan(net->storage, c.seq, check_entry_cb, &c);
        if (src < 0) rc = src;
        else if (!c.hash_ok) rc = km__snapshot_bad("it does not match the log (entry hash differs)");
    }
    if (rc) reset_state(net);
    net->snap_seq = rc == 0 ? c.seq : 0;
    return rc;
}

uint64_t km_network_snapshot_seq(const km_network *net) { return net ? net->snap_seq : 0; }

/* The snapshot's bytes on their way into a SHA-256 instead of a backend. */
typedef struct hash_sink {
    km__buf_sink sink; /* first: the buffer calls back with its address */
    km__sha256_ctx sha;
} hash_sink;

static int hash_write(km__buf_sink *self, const void *data, size_t len)
{
    km__sha256_update(&((hash_sink *)(void *)self)->sha, data, len);
    return 0;
}

int km_network_state_hash(char *out, km_network *net)
{
    hash_sink h;
    uint8_t digest[32];
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    if ((rc = km__check_net(net)) != 0) return rc;
    if (net->txn_open)
        return km__err(KM_ESTATE, "transaction", "the state inside a transaction has no hash",
                       "keadaan di dalam transaksi tidak memiliki hash");
    /* The bytes km_network_snapshot() would write, streamed through the
     * hash a spill at a time: a large network is not held twice. */
    memset(&h, 0, sizeof h);
    h.sink.write = hash_write;
    km__sha256_init(&h.sha);
    if ((rc = put_snapshot_to(net, &h.sink)) != 0) return rc;
    km__sha256_final(&h.sha, digest);
    km__hex_encode(out, digest, 32);
    return 0;
}

int km_network_sync(km_network *net)
{
    int rc;
    km__err_clear();
    if ((rc = km__check_net(net)) != 0) return rc;
    if (!net->storage->sync) return 0;
    rc = net->storage->sync(net->storage);
    if (rc > 0) rc = km__err(KM_ESTORAGE, "storage.sync", "backend returned %d", "backend mengembalikan %d", rc);
    return rc;
}

int km_network_open_file(km_network **out, const char *path, const km_file_options *file_options,
                         const km_network_options *options)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st;
    int rc;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if (file_options) {
        if (file_options->version == 0 || file_options->version > KM_FILE_OPTIONS_VERSION)
            return km__err(KM_EVERSION, "file_options.version", "unknown version %u", "versi %u tidak dikenal",
                           file_options->version);
        fo = *file_options;
    }
    if (options && options->version >= 1 &&
        (options->read_only || options->as_of_seq || options->as_of_time)) {
        fo.read_only = 1;
    }
    if (options && options->allocator && !fo.allocator) fo.allocator = options->allocator;
    if ((rc = km_storage_file_open(&st, path, &fo)) != 0) return rc;
    rc = km_network_open(out, st, options);
    if (rc) {
        km_storage_free(st);
        return rc;
    }
    km__network_own_storage(*out);
    return 0;
}
