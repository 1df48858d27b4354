/* The built-in file store: an append-only log of CRC-32C framed records plus
 * a snapshot side file. Layout (docs/format.md, "File store"):
 *
 *   log file   : 32-byte header, then frames
 *     header   : "KMSTORE\0" | u32 format (1) | u32 flags (0) | 12 zero bytes | u32 crc32c(bytes 0..27)
 *     frame    : u32 magic "KMF1" | u32 len | u64 seq | u32 crc32c(len, seq, payload) | payload
 *   PATH-snap  : "KMSNAP1\0" | u64 seq | u64 frame_off | u64 len | u32 crc32c(seq..data) | data
 *                (frame_off: offset of the log frame of entry seq, 0 when seq is 0)
 *
 * Appends from several handles and processes are serialised by an exclusive
 * flock on the log held only for the append itself; each append first reads
 * any frames others added and fails with KM_ECONFLICT if its sequence is
 * taken. Only the last frame can be torn by a crash (frames are written in
 * order and a commit returns after its write), so a bad frame that reaches
 * the end of the file is a torn tail, cut off under the lock; a bad frame
 * with valid data after it is corruption. */
#include "kemitraan/file.h"
#include "core/alloc.h"
#include "core/error.h"
#include "storage/whole.h"
#include "util/buf.h"
#include "util/crc32c.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG_HEADER 32
#define FRAME_HEADER 20
#define FRAME_MAGIC 0x31464D4Bu /* "KMF1" little-endian */
#define SNAP_HEADER 36
#define WINDOW (1u << 20)
#define NORMAL_SYNC_COMMITS 64
#define NORMAL_SYNC_NS 100000000LL

static const char log_magic[8] = { 'K', 'M', 'S', 'T', 'O', 'R', 'E', 0 };
static const char snap_magic[8] = { 'K', 'M', 'S', 'N', 'A', 'P', '1', 0 };

typedef struct file_storage {
    km_storage base;
    km_allocator alloc;
    pthread_mutex_t lock;
    int fd;
    char *path;
    char *snap_path;
    int read_only;
    int sync;
    uint64_t *offs;        /* offs[s - 1] = offset of the frame of sequence s, for s >= known_from */
    size_t cap_offs;
    uint64_t known_from;   /* offsets below this sequence are not indexed yet */
    uint64_t last;         /* last sequence */
    uint64_t end;          /* offset just past the last frame */
    unsigned pending;      /* commits since the last sync (normal mode) */
    int64_t last_sync_ns;
    km__buf wbuf;
} file_storage;

static int sys_err(const char *field, const char *what, const char *path)
{
    int e = errno;
    return km__err(KM_ESTORAGE, field, "%s %s: %s", "%s %s: %s", what, path, strerror(e));
}

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    uint8_t *p = (uint8_t *)buf;
    while (n) {
        ssize_t r = pread(fd, p, n, (off_t)off);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) return 1; /* short file */
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

static int pwrite_all(int fd, const void *buf, size_t n, uint64_t off)
{
    const uint8_t *p = (const uint8_t *)buf;
    while (n) {
        ssize_t r = pwrite(fd, p, n, (off_t)off);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

static uint64_t file_size(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return 0;
    return (uint64_t)st.st_size;
}

/* ---- a read window over the log, one per scan, so concurrent scans on
 * different threads do not share buffers ---- */

typedef struct reader {
    file_storage *fs;
    uint8_t *buf;
    size_t cap;
    uint64_t off;   /* file offset of buf[0] */
    size_t len;     /* valid bytes in buf */
    uint64_t size;  /* file size when the reader started */
} reader;

static int reader_init(reader *r, file_storage *fs)
{
    r->fs = fs;
    r->cap = WINDOW;
    r->buf = (uint8_t *)km__malloc(&fs->alloc, r->cap);
    r->off = 0;
    r->len = 0;
    r->size = file_size(fs->fd);
    return r->buf ? 0 : km__nomem();
}

static void reader_free(reader *r) { km__free(&r->fs->alloc, r->buf); }

/* Points *out at n bytes at offset off. 0 ok, 1 past the end of the file,
 * <0 error. */
static int reader_get(reader *r, uint64_t off, size_t n, const uint8_t **out)
{
    if (off >= r->off && off + n <= r->off + r->len) {
        *out = r->buf + (off - r->off);
        return 0;
    }
    if (off + n > r->size) return 1;
    if (n > r->cap) {
        uint8_t *nb = (uint8_t *)km__realloc(&r->fs->alloc, r->buf, n);
        if (!nb) return km__nomem();
        r->buf = nb;
        r->cap = n;
    }
    r->off = off;
    r->len = r->size - off < r->cap ? (size_t)(r->size - off) : r->cap;
    if (pread_all(r->fs->fd, r->buf, r->len, off) != 0) {
        r->len = 0;
        return sys_err("storage.read", "cannot read", r->fs->path);
    }
    *out = r->buf + (off - r->off);
    return 0;
}

/* Reads the frame at off. Returns 0 with *seq, *data, *len set; 1 when the
 * frame is bad or incomplete (caller decides torn tail vs corruption); <0
 * on I/O error. */
static int read_frame(reader *r, uint64_t off, uint64_t *seq, const uint8_t **data, uint32_t *len)
{
    const uint8_t *h = NULL, *p = NULL;
    uint32_t magic, crc;
    int rc = reader_get(r, off, FRAME_HEADER, &h);
    if (rc) return rc;
    magic = km__get_u32_at(h);
    *len = km__get_u32_at(h + 4);
    *seq = km__get_u64_at(h + 8);
    crc = km__get_u32_at(h + 16);
    if (magic != FRAME_MAGIC) return 1;
    rc = reader_get(r, off, FRAME_HEADER + (size_t)*len, &p);
    if (rc) return rc;
    if (km__crc32c(km__crc32c(0, p + 4, 12), p + FRAME_HEADER, *len) != crc) return 1;
    *data = p + FRAME_HEADER;
    return 0;
}

/* A bad frame at off: torn tail if nothing but zeros or the frame's own
 * declared bytes follow it, corruption otherwise. 1 torn, 0 corrupt, <0
 * error. */
static int is_torn_tail(reader *r, uint64_t off)
{
    const uint8_t *h = NULL;
    uint64_t declared_end = r->size, pos;
    if (reader_get(r, off, FRAME_HEADER, &h) == 0 && km__get_u32_at(h) == FRAME_MAGIC)
        declared_end = off + FRAME_HEADER + km__get_u32_at(h + 4);
    /* A damaged magic or length makes the frame seem to run to the end of
     * the file; a crash never leaves a whole valid frame after a torn one,
     * so any valid frame further on means this one is corrupt. */
    for (pos = off + 1; pos + FRAME_HEADER <= r->size; pos++) {
        uint64_t seq;
        const uint8_t *p, *data;
        uint32_t len;
        int rc = reader_get(r, pos, 4, &p);
        if (rc) return rc < 0 ? rc : 1;
        if (km__get_u32_at(p) != FRAME_MAGIC) continue;
        rc = read_frame(r, pos, &seq, &data, &len);
        if (rc <= 0) return rc;
    }
    if (declared_end >= r->size) return 1;
    /* Bytes after the declared frame must be zeros (file extended, data
     * never written) for this to be a crash artefact. */
    for (pos = declared_end; pos < r->size;) {
        const uint8_t *p;
        size_t n = r->size - pos < 4096 ? (size_t)(r->size - pos) : 4096, i;
        if (reader_get(r, pos, n, &p) != 0) return 0;
        for (i = 0; i < n; i++)
            if (p[i]) return 0;
        pos += n;
    }
    return 1;
}

static int corrupt_at(file_storage *fs, uint64_t off, uint64_t seq)
{
    return km__err(KM_ECORRUPT, "storage.file",
                   "%s: frame of entry %llu at offset %llu fails its checksum and is not the torn tail",
                   "%s: bingkai entri %llu pada ofset %llu gagal checksum dan bukan ekor yang robek", fs->path,
                   (unsigned long long)seq, (unsigned long long)off);
}

static int index_put(file_storage *fs, uint64_t seq, uint64_t off)
{
    int rc = km__grow(&fs->alloc, (void **)&fs->offs, &fs->cap_offs, (size_t)seq, sizeof *fs->offs);
    if (rc) return rc;
    fs->offs[seq - 1] = off;
    return 0;
}

/* Reads frames from fs->end to the end of the file, indexing them. A torn
 * tail is truncated when allowed (writer holding the flock), otherwise
 * treated as the end. Call with the mutex held. */
static int walk_tail(file_storage *fs, int may_truncate)
{
    reader r;
    uint64_t off = fs->end;
    int rc;
    /* The common case, nobody else appended: one fstat, no buffer. */
    if (file_size(fs->fd) == fs->end) return 0;
    if ((rc = reader_init(&r, fs)) != 0) return rc;
    for (;;) {
        uint64_t seq = 0;
        const uint8_t *data;
        uint32_t len = 0;
        if (off >= r.size) break;
        rc = read_frame(&r, off, &seq, &data, &len);
        if (rc < 0) break;
        if (rc == 0 && seq != fs->last + 1) {
            rc = km__err(KM_ECORRUPT, "storage.file", "%s: offset %llu holds entry %llu, expected %llu",
                         "%s: ofset %llu berisi entri %llu, seharusnya %llu", fs->path, (unsigned long long)off,
                         (unsigned long long)seq, (unsigned long long)(fs->last + 1));
            break;
        }
        if (rc == 1) {
            if ((rc = is_torn_tail(&r, off)) <= 0) {
                if (rc == 0) rc = corrupt_at(fs, off, fs->last + 1);
                break;
            }
            rc = 0;
            if (may_truncate && ftruncate(fs->fd, (off_t)off) != 0)
                rc = sys_err("storage.file", "cannot cut the torn tail of", fs->path);
            break;
        }
        if ((rc = index_put(fs, seq, off)) != 0) break;
        fs->last = seq;
        off += FRAME_HEADER + (uint64_t)len;
        fs->end = off;
    }
    reader_free(&r);
    return rc;
}

/* Indexes frames 1..known_from-1 by walking from the start (needed when the
 * store was opened from a snapshot and an old entry is read). On a bad
 * frame the ones before it stay indexed and *bad (when not NULL) is its
 * sequence, so that a scan can still hand over the entries before it. */
static int index_prefix(file_storage *fs, uint64_t *bad)
{
    reader r;
    uint64_t off = LOG_HEADER, seq_expect = 1;
    int rc;
    if (fs->known_from <= 1) return 0;
    if ((rc = reader_init(&r, fs)) != 0) return rc;
    while (seq_expect < fs->known_from) {
        uint64_t seq = 0;
        const uint8_t *data;
        uint32_t len = 0;
        rc = read_frame(&r, off, &seq, &data, &len);
        if (rc < 0) break;
        if (rc == 1 || seq != seq_expect) {
            rc = corrupt_at(fs, off, seq_expect);
            if (bad) *bad = seq_expect;
            break;
        }
        fs->offs[seq - 1] = off; /* capacity exists: last >= known_from */
        off += FRAME_HEADER + (uint64_t)len;
        seq_expect++;
    }
    if (rc == 0) fs->known_from = 1;
    reader_free(&r);
    return rc;
}

static int do_sync(file_storage *fs)
{
    if (fdatasync(fs->fd) != 0) return sys_err("storage.sync", "cannot sync", fs->path);
    fs->pending = 0;
    fs->last_sync_ns = mono_ns();
    return 0;
}

static int fs_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    file_storage *fs = (file_storage *)self;
    uint64_t at;
    int rc, wrote = 0;
    if (fs->read_only)
        return km__err(KM_EREADONLY, "storage.append", "%s is open read-only", "%s dibuka hanya baca", fs->path);
    if (len > 0xFFFFFFFFu - FRAME_HEADER)
        return km__err(KM_ERANGE, "storage.append", "record of %zu bytes is too large", "rekaman %zu byte terlalu besar",
                       len);
    pthread_mutex_lock(&fs->lock);
    if (flock(fs->fd, LOCK_EX) != 0) {
        rc = sys_err("storage.append", "cannot lock", fs->path);
        pthread_mutex_unlock(&fs->lock);
        return rc;
    }
    rc = walk_tail(fs, 1);
    if (rc == 0 && seq <= fs->last)
        rc = km__err(KM_ECONFLICT, "storage.append", "entry %llu was already written by another handle (last is %llu)",
                     "entri %llu sudah ditulis oleh penangan lain (terakhir %llu)", (unsigned long long)seq,
                     (unsigned long long)fs->last);
    else if (rc == 0 && seq != fs->last + 1)
        rc = km__err(KM_EINVAL, "storage.append", "entry %llu would leave a gap after %llu",
                     "entri %llu akan meninggalkan celah setelah %llu", (unsigned long long)seq,
                     (unsigned long long)fs->last);
    if (rc == 0) rc = km__grow(&fs->alloc, (void **)&fs->offs, &fs->cap_offs, (size_t)seq, sizeof *fs->offs);
    if (rc == 0) {
        uint8_t h[FRAME_HEADER];
        km__put_u32_at(h, FRAME_MAGIC);
        km__put_u32_at(h + 4, (uint32_t)len);
        km__put_u64_at(h + 8, seq);
        km__put_u32_at(h + 16, km__crc32c(km__crc32c(0, h + 4, 12), data, len));
        km__buf_reset(&fs->wbuf);
        rc = km__buf_put(&fs->wbuf, h, FRAME_HEADER);
        if (rc == 0) rc = km__buf_put(&fs->wbuf, data, len);
    }
    at = fs->end;
    if (rc == 0 && (wrote = 1, pwrite_all(fs->fd, fs->wbuf.data, fs->wbuf.len, at) != 0))
        rc = sys_err("storage.append", "cannot write", fs->path);
    if (rc == 0) {
        fs->pending++;
        if (fs->sync == KM_SYNC_FULL ||
            (fs->sync == KM_SYNC_NORMAL &&
             (fs->pending >= NORMAL_SYNC_COMMITS || mono_ns() - fs->last_sync_ns >= NORMAL_SYNC_NS)))
            rc = do_sync(fs);
    }
    if (rc == 0) {
        fs->offs[seq - 1] = at;
        fs->last = seq;
        fs->end = at + fs->wbuf.len;
    } else if (wrote && file_size(fs->fd) > at) {
        /* The frame may be partly or wholly on disk without being durable:
         * take it back so a failed append stores nothing. (Only a frame of
         * ours: a failure before the write, e.g. in reading what others
         * appended, must not cut their frames off.) */
        if (ftruncate(fs->fd, (off_t)at) != 0) { /* the next open cuts it as a torn tail */ }
    }
    if (fs->wbuf.cap > ((size_t)1 << 22)) km__buf_free(&fs->wbuf);
    flock(fs->fd, LOCK_UN);
    pthread_mutex_unlock(&fs->lock);
    return rc;
}

static int fs_scan(km_storage *self, uint64_t from, km_storage_record_cb cb, void *payload)
{
    file_storage *fs = (file_storage *)self;
    reader r;
    uint64_t seq = from ? from : 1, last, off, bad = 0;
    km__errsave bad_err;
    int rc;
    pthread_mutex_lock(&fs->lock);
    rc = walk_tail(fs, 0); /* see appends by other processes */
    if (rc == 0 && seq < fs->known_from) rc = index_prefix(fs, &bad);
    last = fs->last;
    if (rc == KM_ECORRUPT && bad > seq) {
        /* A bad frame before the snapshot point, met the first time those
         * frames are read: the entries before it are handed over first,
         * so the caller (verification) learns which entry is bad. */
        km__err_save(&bad_err);
        last = bad - 1;
        rc = 0;
    }
    off = seq <= last ? fs->offs[seq - 1] : 0;
    pthread_mutex_unlock(&fs->lock);
    if (rc) return rc;
    if (seq > last) return 0; /* a bad frame was met only after seq (bad > seq) */
    if ((rc = reader_init(&r, fs)) != 0) return rc;
    for (; seq <= last; seq++) {
        uint64_t got;
        const uint8_t *data;
        uint32_t len = 0;
        rc = read_frame(&r, off, &got, &data, &len);
        if (rc == 1 || (rc == 0 && got != seq)) rc = corrupt_at(fs, off, seq);
        if (rc) break;
        rc = cb(payload, seq, data, len);
        if (rc) break;
        off += FRAME_HEADER + (uint64_t)len;
    }
    reader_free(&r);
    if (rc == 0 && bad) rc = km__err_restore(&bad_err);
    return rc;
}

static int fs_last_seq(km_storage *self, uint64_t *out)
{
    file_storage *fs = (file_storage *)self;
    int rc;
    pthread_mutex_lock(&fs->lock);
    rc = walk_tail(fs, 0);
    *out = fs->last;
    pthread_mutex_unlock(&fs->lock);
    return rc;
}

static int fsync_dir(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    int fd, rc = 0;
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    fd = open(dir, O_RDONLY);
    if (fd < 0) return 0; /* best effort: some systems cannot open directories */
    if (fsync(fd) != 0 && errno != EINVAL) rc = -1;
    close(fd);
    return rc;
}

/* A snapshot is written aside as "<path>-snap.tmp.<pid>.<handle>" and
 * renamed into place; a process killed in between leaves that file behind,
 * as big as the state. A writable open removes the ones whose process is
 * gone (kill(pid, 0) says ESRCH). Files of this process or of a live one
 * stay: another handle may be writing its snapshot right now. Best effort:
 * nothing here can fail the open. (Process ids are per host: on a store
 * shared over a network file system a live writer elsewhere looks dead,
 * but flock does not serialise across hosts either; see file.h.) */
static void sweep_stale_snapshots(file_storage *fs)
{
    const char *slash = strrchr(fs->snap_path, '/');
    const char *base = slash ? slash + 1 : fs->snap_path;
    size_t blen = strlen(base), dlen = slash ? (size_t)(slash - fs->snap_path) : 0;
    char *dirpath;
    DIR *d;
    struct dirent *e;
    dirpath = (char *)km__malloc(&fs->alloc, dlen + 2);
    if (!dirpath) return;
    if (slash) {
        memcpy(dirpath, fs->snap_path, dlen ? dlen : 1); /* "/x": the root */
        dirpath[dlen ? dlen : 1] = '\0';
    } else {
        memcpy(dirpath, ".", 2);
    }
    d = opendir(dirpath);
    if (d) {
        while ((e = readdir(d)) != NULL) {
            const char *n = e->d_name, *p;
            char *end;
            long pid;
            if (strncmp(n, base, blen) != 0 || strncmp(n + blen, ".tmp.", 5) != 0) continue;
            p = n + blen + 5;
            if (*p < '1' || *p > '9') continue;
            errno = 0;
            pid = strtol(p, &end, 10);
            if (errno || *end != '.' || pid <= 0 || (pid_t)pid != pid || (pid_t)pid == getpid()) continue;
            if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
            (void)unlinkat(dirfd(d), n, 0);
        }
        closedir(d);
    }
    km__free(&fs->alloc, dirpath);
}

/* A snapshot being written: the data goes to a temporary file after room
 * for the header; the header (with the length and the CRC, known only at
 * the end) is written last, then the file is synced and renamed over the
 * old snapshot, so a crash leaves either the old or the new one, never
 * half of one. */
typedef struct fs_snap {
    int fd;
    char *tmp;
    uint64_t seq, frame_off;
    uint64_t len;  /* data bytes so far */
    uint32_t crc;  /* CRC-32C of those bytes */
} fs_snap;

static int fs_snapshot_begin(km_storage *self, uint64_t seq, void **stream)
{
    file_storage *fs = (file_storage *)self;
    fs_snap *s;
    size_t plen;
    uint64_t frame_off;
    int rc = 0;
    *stream = NULL;
    if (fs->read_only)
        return km__err(KM_EREADONLY, "storage.snapshot_write", "%s is open read-only", "%s dibuka hanya baca", fs->path);
    pthread_mutex_lock(&fs->lock);
    if (seq > fs->last || seq < fs->known_from) {
        /* seq < known_from only happens for an old sequence in a store opened
         * from a newer snapshot: index the prefix so the offset is known. */
        if (seq <= fs->last) rc = index_prefix(fs, NULL);
        else rc = km__err(KM_EINVAL, "storage.snapshot_write", "snapshot at %llu is past the log end %llu",
                          "snapshot pada %llu melewati ujung log %llu", (unsigned long long)seq,
                          (unsigned long long)fs->last);
    }
    frame_off = rc == 0 && seq > 0 ? fs->offs[seq - 1] : 0;
    pthread_mutex_unlock(&fs->lock);
    if (rc) return rc;

    plen = strlen(fs->snap_path);
    s = (fs_snap *)km__calloc(&fs->alloc, 1, sizeof *s);
    if (s) s->tmp = (char *)km__malloc(&fs->alloc, plen + 32);
    if (!s || !s->tmp) {
        if (s) km__free(&fs->alloc, s);
        return km__nomem();
    }
    /* A name of its own per writer, so two snapshots written at once by two
     * processes cannot interleave in one temporary file. */
    snprintf(s->tmp, plen + 32, "%s.tmp.%ld.%p", fs->snap_path, (long)getpid(), (void *)s);
    s->seq = seq;
    s->frame_off = frame_off;
    s->fd = open(s->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (s->fd < 0) {
        rc = sys_err("storage.snapshot_write", "cannot create", s->tmp);
        km__free(&fs->alloc, s->tmp);
        km__free(&fs->alloc, s);
        return rc;
    }
    *stream = s;
    return 0;
}

static int fs_snapshot_append(km_storage *self, void *stream, const void *data, size_t len)
{
    fs_snap *s = (fs_snap *)stream;
    (void)self;
    if (pwrite_all(s->fd, data, len, SNAP_HEADER + s->len) != 0)
        return sys_err("storage.snapshot_write", "cannot write", s->tmp);
    s->crc = km__crc32c(s->crc, data, len);
    s->len += len;
    return 0;
}

static int fs_snapshot_end(km_storage *self, void *stream, int commit)
{
    file_storage *fs = (file_storage *)self;
    fs_snap *s = (fs_snap *)stream;
    uint8_t h[SNAP_HEADER];
    int rc = 0;
    if (commit) {
        memcpy(h, snap_magic, 8);
        km__put_u64_at(h + 8, s->seq);
        km__put_u64_at(h + 16, s->frame_off);
        km__put_u64_at(h + 24, s->len);
        /* The CRC covers the header's fields, then the data. */
        km__put_u32_at(h + 32, km__crc32c_combine(km__crc32c(0, h + 8, 24), s->crc, s->len));
        if (pwrite_all(s->fd, h, SNAP_HEADER, 0) != 0) rc = sys_err("storage.snapshot_write", "cannot write", s->tmp);
        else if (fs->sync != KM_SYNC_OFF && fsync(s->fd) != 0)
            rc = sys_err("storage.snapshot_write", "cannot sync", s->tmp);
    }
    close(s->fd);
    if (commit && rc == 0 && rename(s->tmp, fs->snap_path) != 0)
        rc = sys_err("storage.snapshot_write", "cannot rename", s->tmp);
    if (commit && rc == 0 && fs->sync != KM_SYNC_OFF && fsync_dir(fs->snap_path) != 0)
        rc = sys_err("storage.snapshot_write", "cannot sync the directory of", fs->snap_path);
    if (!commit || rc) unlink(s->tmp);
    km__free(&fs->alloc, s->tmp);
    km__free(&fs->alloc, s);
    return rc;
}

/* Reads and checks the snapshot header; *found = 0 when there is none. */
static int snap_header(file_storage *fs, int fd, uint64_t *seq, uint64_t *frame_off, uint64_t *len, uint32_t *crc)
{
    uint8_t h[SNAP_HEADER];
    int r = pread_all(fd, h, SNAP_HEADER, 0);
    if (r < 0) return sys_err("storage.snapshot_read", "cannot read", fs->snap_path);
    if (r > 0 || memcmp(h, snap_magic, 8) != 0)
        return km__err(KM_ECORRUPT, "storage.snapshot", "%s is not a snapshot file", "%s bukan berkas snapshot",
                       fs->snap_path);
    *seq = km__get_u64_at(h + 8);
    *frame_off = km__get_u64_at(h + 16);
    *len = km__get_u64_at(h + 24);
    *crc = km__get_u32_at(h + 32);
    return 0;
}

static int fs_snapshot_read(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    file_storage *fs = (file_storage *)self;
    uint64_t seq, frame_off, len;
    uint32_t crc;
    uint8_t hb[24];
    const uint8_t *data;
    void *map;
    int fd, rc;
    fd = open(fs->snap_path, O_RDONLY);
    if (fd < 0) {
        if (errno == ENOENT) return KM_ENOTFOUND;
        return sys_err("storage.snapshot_read", "cannot open", fs->snap_path);
    }
    rc = snap_header(fs, fd, &seq, &frame_off, &len, &crc);
    if (rc == 0 && seq > max_seq) rc = KM_ENOTFOUND;
    if (rc == 0 && len > file_size(fd) - SNAP_HEADER)
        rc = km__err(KM_ECORRUPT, "storage.snapshot", "%s is truncated", "%s terpotong", fs->snap_path);
    if (rc) {
        close(fd);
        return rc;
    }
    /* Map the file rather than copy it: a snapshot of a million partners
     * is over 100 MB, and copying it costs page clearing and a memcpy. */
    map = mmap(NULL, (size_t)len + SNAP_HEADER, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return sys_err("storage.snapshot_read", "cannot map", fs->snap_path);
    data = (const uint8_t *)map + SNAP_HEADER;
    km__put_u64_at(hb, seq);
    km__put_u64_at(hb + 8, frame_off);
    km__put_u64_at(hb + 16, len);
    /* On two threads: at 500 MB this check is on the open's critical
     * path, before the sections can load. */
    if (km__crc32c_split(km__crc32c(0, hb, 24), data, (size_t)len, KM__CRC32C_SPLIT) != crc)
        rc = km__err(KM_ECORRUPT, "storage.snapshot", "%s fails its checksum", "%s gagal checksum", fs->snap_path);
    if (rc == 0) rc = cb(payload, seq, data, (size_t)len);
    munmap(map, (size_t)len + SNAP_HEADER);
    return rc;
}

static int fs_sync(km_storage *self)
{
    file_storage *fs = (file_storage *)self;
    int rc = 0;
    pthread_mutex_lock(&fs->lock);
    if (!fs->read_only && fs->pending) rc = do_sync(fs);
    pthread_mutex_unlock(&fs->lock);
    return rc;
}

static void fs_free(km_storage *self)
{
    file_storage *fs = (file_storage *)self;
    km_allocator a = fs->alloc;
    if (fs->fd >= 0) {
        if (!fs->read_only && fs->pending && fs->sync != KM_SYNC_OFF) (void)fdatasync(fs->fd);
        close(fs->fd);
    }
    km__buf_free(&fs->wbuf);
    km__free(&a, fs->offs);
    km__free(&a, fs->path);
    km__free(&a, fs->snap_path);
    pthread_mutex_destroy(&fs->lock);
    km__free(&a, fs);
}

/* Creates the header of a new, empty log (under the flock). */
static int init_header(file_storage *fs)
{
    uint8_t h[LOG_HEADER];
    memset(h, 0, sizeof h);
    memcpy(h, log_magic, 8);
    km__put_u32_at(h + 8, 1);
    km__put_u32_at(h + 28, km__crc32c(0, h, 28));
    if (pwrite_all(fs->fd, h, LOG_HEADER, 0) != 0 || fdatasync(fs->fd) != 0)
        return sys_err("storage.file", "cannot initialise", fs->path);
    if (fsync_dir(fs->path) != 0) return sys_err("storage.file", "cannot sync the directory of", fs->path);
    return 0;
}

static int check_header(file_storage *fs)
{
    uint8_t h[LOG_HEADER];
    int r = pread_all(fs->fd, h, LOG_HEADER, 0);
    if (r < 0) return sys_err("storage.file", "cannot read", fs->path);
    if (r > 0 || memcmp(h, log_magic, 8) != 0 || km__crc32c(0, h, 28) != km__get_u32_at(h + 28))
        return km__err(KM_ECORRUPT, "storage.file", "%s is not a kemitraan store (bad header)",
                       "%s bukan penyimpanan kemitraan (kepala rusak)", fs->path);
    if (km__get_u32_at(h + 8) != 1 || km__get_u32_at(h + 12) != 0)
        return km__err(KM_EVERSION, "storage.file", "%s has store format %u; this library reads format 1",
                       "%s memakai format penyimpanan %u; pustaka ini membaca format 1", fs->path,
                       km__get_u32_at(h + 8));
    return 0;
}

/* Starts the tail walk after the snapshot's entry when the log frame the
 * snapshot names checks out (magic, sequence, checksum), so opening a large
 * store does not read the whole log. Any doubt: walk from the start. */
static void start_from_snapshot(file_storage *fs)
{
    uint64_t seq, frame_off, len, fseq;
    uint32_t crc, flen;
    const uint8_t *data;
    reader r;
    int fd = open(fs->snap_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    if (snap_header(fs, fd, &seq, &frame_off, &len, &crc) == 0 && seq > 0 && frame_off >= LOG_HEADER &&
        reader_init(&r, fs) == 0) {
        if (read_frame(&r, frame_off, &fseq, &data, &flen) == 0 && fseq == seq &&
            km__grow(&fs->alloc, (void **)&fs->offs, &fs->cap_offs, (size_t)seq, sizeof *fs->offs) == 0) {
            fs->offs[seq - 1] = frame_off;
            fs->last = seq;
            fs->end = frame_off + FRAME_HEADER + flen;
            fs->known_from = seq;
        }
        reader_free(&r);
    }
    km__err_clear();
    close(fd);
}

int km_storage_file_open(km_storage **out, const char *path, const km_file_options *options)
{
    km_file_options o = KM_FILE_OPTIONS_INIT;
    km_allocator a;
    file_storage *fs;
    size_t plen;
    int rc, flags;
    km__err_clear();
    if (!out) return km__err(KM_EINVAL, "out", "must not be NULL", "tidak boleh NULL");
    *out = NULL;
    if (!path || !*path) return km__err(KM_EINVAL, "path", "must not be empty", "tidak boleh kosong");
    if (options) {
        if (options->version == 0 || options->version > KM_FILE_OPTIONS_VERSION)
            return km__err(KM_EVERSION, "options.version", "unknown version %u", "versi %u tidak dikenal",
                           options->version);
        o = *options;
    }
    if (o.sync < KM_SYNC_FULL || o.sync > KM_SYNC_OFF)
        return km__err(KM_EINVAL, "options.sync", "%d is not a km_sync_mode", "%d bukan km_sync_mode", o.sync);
    if ((rc = km__allocator_check(o.allocator, &a)) != 0) return rc;
    fs = (file_storage *)km__calloc(&a, 1, sizeof *fs);
    if (!fs) return km__nomem();
    fs->alloc = a;
    fs->fd = -1;
    fs->read_only = o.read_only;
    fs->sync = o.sync;
    fs->known_from = 1;
    fs->end = LOG_HEADER;
    fs->last_sync_ns = mono_ns();
    km__buf_init(&fs->wbuf, &fs->alloc);
    if (pthread_mutex_init(&fs->lock, NULL) != 0) {
        km__free(&a, fs);
        return km__nomem();
    }
    fs->base.version = KM_STORAGE_VERSION;
    fs->base.append = fs_append;
    fs->base.scan = fs_scan;
    fs->base.last_seq = fs_last_seq;
    fs->base.snapshot_write = km__storage_snapshot_whole;
    fs->base.snapshot_begin = fs_snapshot_begin;
    fs->base.snapshot_append = fs_snapshot_append;
    fs->base.snapshot_end = fs_snapshot_end;
    fs->base.snapshot_read = fs_snapshot_read;
    fs->base.sync = fs_sync;
    fs->base.free = fs_free;
    plen = strlen(path);
    fs->path = km__strdup(&a, path);
    fs->snap_path = (char *)km__malloc(&a, plen + 6);
    if (!fs->path || !fs->snap_path) {
        fs_free(&fs->base);
        return km__nomem();
    }
    memcpy(fs->snap_path, path, plen);
    memcpy(fs->snap_path + plen, "-snap", 6);

    flags = o.read_only ? O_RDONLY : O_RDWR | (o.no_create ? 0 : O_CREAT);
    fs->fd = open(path, flags | O_CLOEXEC, 0644);
    if (fs->fd < 0) {
        rc = errno == ENOENT ? km__err(KM_ENOTFOUND, "path", "%s does not exist", "%s tidak ada", path)
                             : sys_err("path", "cannot open", path);
        fs_free(&fs->base);
        return rc;
    }
    rc = 0;
    if (!o.read_only) {
        /* Creating the header and cutting a torn tail are writes: do them
         * under the same lock as appends. */
        if (flock(fs->fd, LOCK_EX) != 0) rc = sys_err("path", "cannot lock", path);
        if (rc == 0 && file_size(fs->fd) == 0) rc = init_header(fs);
        if (rc == 0) sweep_stale_snapshots(fs);
    }
    if (rc == 0) rc = check_header(fs);
    /* With a usable snapshot the frames before its entry are neither read
     * nor checked now: the state comes from the snapshot (checked whole
     * when it is read) and the frames after it. They are checked the first
     * time anything reads them (history, a view of the past, verification),
     * as a page of SQLite's is when it is read: a tenth of a second less
     * at open per 400 MB of log. */
    if (rc == 0) start_from_snapshot(fs);
    if (rc == 0) rc = walk_tail(fs, !o.read_only);
    if (!o.read_only) flock(fs->fd, LOCK_UN);
    if (rc) {
        fs_free(&fs->base);
        return rc;
    }
    *out = &fs->base;
    return 0;
}
