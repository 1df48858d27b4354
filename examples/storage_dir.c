/* storage_dir.c: a complete storage backend, written the way a host would
 * write its own (docs/storage.md), and a program that uses it.
 *
 * The store is a directory with one file per log record:
 *
 *   DIR/00000000000000000001.rec   record 1 (the record's bytes, nothing else)
 *   DIR/00000000000000000002.rec   record 2 ...
 *   DIR/snapshot                   "KMDSNAP1" | u64 seq | u64 length | bytes
 *   DIR/lock                       an empty file that appends lock
 *
 * How it meets the contract of include/kemitraan/sys/storage.h:
 * - conditional append: under an exclusive lock on DIR/lock (so threads
 *   and processes take turns), record N is written only when N - 1 exists
 *   and N does not; otherwise KM_EINVAL (gap) or KM_ECONFLICT;
 * - atomic and durable: the record is written to a temporary file, synced,
 *   renamed to its final name and the directory synced, so a crash leaves
 *   the record whole or absent; if syncing fails the record is removed
 *   again before the lock is released, so a failed append stores nothing;
 * - scan reads the files in order until one is missing; last_seq finds the
 *   last record by a galloping search on the names (records are never
 *   removed, so "record N exists" is true for 1..last and false after);
 * - one snapshot, taken as a stream (storage version 2) into a temporary
 *   file and replaced atomically by rename.
 * The object holds no state besides the directory's name, so one object can
 * be used from several threads, and several objects (in several processes)
 * can share one directory.
 *
 * Run: storage_dir [DIR]. Without DIR it works in a temporary directory and
 * removes it at the end; with DIR, run it twice and watch the log grow.
 *
 * tests/conformance/backend_dir.c compiles this file without main() and
 * runs the backend conformance suite on it (ctest -R conformance.dir). */
#include <kemitraan/kemitraan.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the backend ----------------------------------------------------------- */

typedef struct dir_storage {
    km_storage base; /* first member: a km_storage * is a dir_storage * */
    char *dir;
} dir_storage;

#define SNAP_MAGIC "KMDSNAP1"
#define SNAP_HEADER 24

/* Every failure goes through here: the library shows the message to the
 * host (km_error_last_message) and the code says what kind of failure. */
static int io_error(const char *method, const char *what, const char *path)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%.40s %.300s: %.120s", what, path, strerror(errno));
    return km_error_set(KM_ESTORAGE, method, msg);
}

static void record_path(const dir_storage *ds, uint64_t seq, char *out, size_t size)
{
    snprintf(out, size, "%s/%020llu.rec", ds->dir, (unsigned long long)seq);
}

static int record_exists(const dir_storage *ds, uint64_t seq)
{
    char path[4096];
    struct stat st;
    if (seq == 0) return 1;
    record_path(ds, seq, path, sizeof path);
    return stat(path, &st) == 0;
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = (const char *)data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY), rc;
    if (fd < 0) return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Writes `head` then `data` to a new temporary file in the directory,
 * synced; its name goes to tmp. */
static int write_temp(const dir_storage *ds, const char *method, const void *head, size_t head_len, const void *data,
                      size_t len, char *tmp, size_t tmp_size)
{
    int fd, rc = 0;
    snprintf(tmp, tmp_size, "%s/.tmp-XXXXXX", ds->dir);
    fd = mkstemp(tmp);
    if (fd < 0) return io_error(method, "cannot create a file in", ds->dir);
    if ((head_len && write_all(fd, head, head_len) != 0) || (len && write_all(fd, data, len) != 0))
        rc = io_error(method, "cannot write", tmp);
    else if (fsync(fd) != 0)
        rc = io_error(method, "cannot sync", tmp);
    close(fd);
    if (rc) unlink(tmp);
    return rc;
}

static int dir_append(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    dir_storage *ds = (dir_storage *)self;
    char lock_path[4096], final[4096], tmp[4096];
    int lock_fd, rc = 0;
    if (seq == 0) return km_error_set(KM_EINVAL, "storage.append", "sequences start at 1");
    /* One lock file, opened per call: flock() excludes other open file
     * descriptions, so this serialises threads and processes alike. */
    snprintf(lock_path, sizeof lock_path, "%s/lock", ds->dir);
    lock_fd = open(lock_path, O_RDWR | O_CREAT, 0644);
    if (lock_fd < 0) return io_error("storage.append", "cannot open", lock_path);
    if (flock(lock_fd, LOCK_EX) != 0) {
        rc = io_error("storage.append", "cannot lock", lock_path);
        close(lock_fd);
        return rc;
    }
    if (record_exists(ds, seq))
        rc = km_error_set(KM_ECONFLICT, "storage.append", "that sequence was appended by another handle");
    else if (!record_exists(ds, seq - 1))
        rc = km_error_set(KM_EINVAL, "storage.append", "that sequence would leave a gap");
    if (rc == 0) rc = write_temp(ds, "storage.append", NULL, 0, data, len, tmp, sizeof tmp);
    if (rc == 0) {
        record_path(ds, seq, final, sizeof final);
        if (rename(tmp, final) != 0) {
            rc = io_error("storage.append", "cannot rename", tmp);
            unlink(tmp);
        } else if (sync_dir(ds->dir) != 0) {
            /* Not durable: take it back while still holding the lock, so
             * nobody has appended after it. */
            rc = io_error("storage.append", "cannot sync", ds->dir);
            unlink(final);
        }
    }
    flock(lock_fd, LOCK_UN);
    close(lock_fd);
    return rc;
}

/* Reads a whole file into a malloc'd buffer (at least 1 byte, so that an
 * empty record still has a valid pointer). 1 when the file is missing. */
static int read_file(const char *method, const char *path, uint8_t **out, size_t *len)
{
    struct stat st;
    uint8_t *buf;
    size_t got = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return errno == ENOENT ? 1 : io_error(method, "cannot open", path);
    if (fstat(fd, &st) != 0) {
        int rc = io_error(method, "cannot stat", path);
        close(fd);
        return rc;
    }
    buf = (uint8_t *)malloc((size_t)st.st_size + 1);
    if (!buf) {
        close(fd);
        return km_error_set(KM_ENOMEM, method, "out of memory");
    }
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int rc = n < 0 ? io_error(method, "cannot read", path)
                           : km_error_set(KM_ESTORAGE, method, "file shrank while being read");
            free(buf);
            close(fd);
            return rc;
        }
        got += (size_t)n;
    }
    close(fd);
    *out = buf;
    *len = got;
    return 0;
}

static int dir_scan(km_storage *self, uint64_t from, km_storage_record_cb cb, void *payload)
{
    dir_storage *ds = (dir_storage *)self;
    uint64_t seq;
    for (seq = from ? from : 1; seq != 0; seq++) {
        char path[4096];
        uint8_t *data;
        size_t len;
        int rc;
        record_path(ds, seq, path, sizeof path);
        rc = read_file("storage.scan", path, &data, &len);
        if (rc == 1) return 0; /* past the last record */
        if (rc) return rc;
        rc = cb(payload, seq, data, len); /* data is borrowed for the call only */
        free(data);
        if (rc) return rc; /* the callback stopped the scan: pass its value on */
    }
    return 0;
}

static int dir_last_seq(km_storage *self, uint64_t *out)
{
    dir_storage *ds = (dir_storage *)self;
    uint64_t lo = 0, hi = 1; /* record lo exists (0 always does); find the first missing one */
    while (record_exists(ds, hi)) {
        lo = hi;
        if (hi > UINT64_MAX / 2) break;
        hi *= 2;
    }
    while (hi - lo > 1) { /* lo exists, hi does not */
        uint64_t mid = lo + (hi - lo) / 2;
        if (record_exists(ds, mid)) lo = mid;
        else hi = mid;
    }
    *out = lo;
    return 0;
}

static void put_u64(uint8_t *p, uint64_t v)
{
    int i;
    for (i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;
    for (i = 7; i >= 0; i--) v = v << 8 | p[i];
    return v;
}

/* A snapshot arrives as a stream (storage version 2: begin, the pieces,
 * end), so the library never has to hold all of it in memory. The pieces
 * go to a temporary file after the header; the header's length is filled
 * in at the end, then the file is synced and renamed over the old
 * snapshot: a crash leaves the old one or the new one. */
typedef struct dir_snap {
    int fd;
    char tmp[4096];
    uint64_t len; /* bytes so far */
} dir_snap;

static int dir_snapshot_begin(km_storage *self, uint64_t seq, void **stream)
{
    dir_storage *ds = (dir_storage *)self;
    uint8_t head[SNAP_HEADER];
    dir_snap *s = (dir_snap *)calloc(1, sizeof *s);
    int rc;
    if (!s) return km_error_set(KM_ENOMEM, "storage.snapshot_begin", "out of memory");
    snprintf(s->tmp, sizeof s->tmp, "%s/.tmp-XXXXXX", ds->dir);
    s->fd = mkstemp(s->tmp);
    if (s->fd < 0) {
        free(s);
        return io_error("storage.snapshot_begin", "cannot create a file in", ds->dir);
    }
    memcpy(head, SNAP_MAGIC, 8);
    put_u64(head + 8, seq);
    put_u64(head + 16, 0); /* the length, written at the end */
    if (write_all(s->fd, head, sizeof head) != 0) {
        rc = io_error("storage.snapshot_begin", "cannot write", s->tmp);
        close(s->fd);
        unlink(s->tmp);
        free(s);
        return rc;
    }
    *stream = s;
    return 0;
}

static int dir_snapshot_append(km_storage *self, void *stream, const void *data, size_t len)
{
    dir_snap *s = (dir_snap *)stream;
    (void)self;
    if (write_all(s->fd, data, len) != 0) return io_error("storage.snapshot_append", "cannot write", s->tmp);
    s->len += len;
    return 0;
}

/* Releases the stream whatever happens; commits it when asked to. */
static int dir_snapshot_end(km_storage *self, void *stream, int commit)
{
    dir_storage *ds = (dir_storage *)self;
    dir_snap *s = (dir_snap *)stream;
    uint8_t len[8];
    char final[4096];
    int rc = 0;
    if (commit) {
        put_u64(len, s->len);
        if (pwrite(s->fd, len, 8, 16) != 8) rc = io_error("storage.snapshot_end", "cannot write", s->tmp);
        else if (fsync(s->fd) != 0) rc = io_error("storage.snapshot_end", "cannot sync", s->tmp);
    }
    close(s->fd);
    if (commit && rc == 0) {
        snprintf(final, sizeof final, "%s/snapshot", ds->dir);
        if (rename(s->tmp, final) != 0) rc = io_error("storage.snapshot_end", "cannot rename", s->tmp);
        else if (sync_dir(ds->dir) != 0) rc = io_error("storage.snapshot_end", "cannot sync", ds->dir);
        else {
            free(s);
            return 0;
        }
    }
    unlink(s->tmp);
    free(s);
    return rc;
}

/* A whole snapshot at once (callers of the version 1 interface): the
 * stream above in one piece. */
static int dir_snapshot_write(km_storage *self, uint64_t seq, const void *data, size_t len)
{
    void *stream;
    int rc = dir_snapshot_begin(self, seq, &stream);
    if (rc) return rc;
    if (len && (rc = dir_snapshot_append(self, stream, data, len)) != 0) {
        dir_snapshot_end(self, stream, 0);
        return rc;
    }
    return dir_snapshot_end(self, stream, 1);
}

static int dir_snapshot_read(km_storage *self, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    dir_storage *ds = (dir_storage *)self;
    char path[4096];
    uint8_t *buf;
    size_t len;
    uint64_t seq;
    int rc;
    snprintf(path, sizeof path, "%s/snapshot", ds->dir);
    rc = read_file("storage.snapshot_read", path, &buf, &len);
    if (rc == 1) return KM_ENOTFOUND; /* no snapshot: not an error worth a message */
    if (rc) return rc;
    if (len < SNAP_HEADER || memcmp(buf, SNAP_MAGIC, 8) != 0 || get_u64(buf + 16) != len - SNAP_HEADER) {
        free(buf);
        /* The library ignores a damaged snapshot and replays the log. */
        return km_error_set(KM_ECORRUPT, "storage.snapshot_read", "the snapshot file is damaged");
    }
    seq = get_u64(buf + 8);
    /* Only the newest snapshot is kept: one newer than asked is "none". */
    rc = seq <= max_seq ? cb(payload, seq, buf + SNAP_HEADER, len - SNAP_HEADER) : KM_ENOTFOUND;
    free(buf);
    return rc;
}

static void dir_free(km_storage *self)
{
    dir_storage *ds = (dir_storage *)self;
    free(ds->dir);
    free(ds);
}

/* Opens (creating it when missing) the store in directory `dir`. */
static int dir_storage_open(km_storage **out, const char *dir)
{
    static const km_storage init = KM_STORAGE_INIT;
    dir_storage *ds;
    *out = NULL;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) return io_error("storage", "cannot create", dir);
    ds = (dir_storage *)calloc(1, sizeof *ds);
    if (!ds) return km_error_set(KM_ENOMEM, "storage", "out of memory");
    ds->dir = (char *)malloc(strlen(dir) + 1);
    if (!ds->dir) {
        free(ds);
        return km_error_set(KM_ENOMEM, "storage", "out of memory");
    }
    strcpy(ds->dir, dir);
    ds->base = init;
    ds->base.append = dir_append;
    ds->base.scan = dir_scan;
    ds->base.last_seq = dir_last_seq;
    ds->base.snapshot_write = dir_snapshot_write;
    ds->base.snapshot_read = dir_snapshot_read;
    ds->base.snapshot_begin = dir_snapshot_begin;
    ds->base.snapshot_append = dir_snapshot_append;
    ds->base.snapshot_end = dir_snapshot_end;
    ds->base.free = dir_free;
    /* No sync method: every append is durable when it returns. */
    *out = &ds->base;
    return 0;
}

#ifndef KM_STORAGE_DIR_NO_MAIN

/* ---- the program ----------------------------------------------------------- */

static void check(int rc, const char *what)
{
    if (rc == KM_OK) return;
    fprintf(stderr, "storage_dir: %s: %s (%d)\n", what, km_error_last_message(KM_LANG_EN), rc);
    exit(1);
}

/* Removes the files this program put in a temporary directory, then it. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) return;
    while ((e = readdir(d)) != NULL) {
        char path[4400];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void show(km_network *net, const char *when)
{
    km_partner_page *page = NULL;
    km_verify_report report = KM_VERIFY_REPORT_INIT;
    char head[65];
    size_t i;
    check(km_partner_list(&page, net, NULL), "km_partner_list");
    check(km_network_head_hash(head, net), "km_network_head_hash");
    check(km_network_verify(&report, net), "km_network_verify");
    printf("%s: %llu log entries, %zu partners, head %.16s..., chain verified\n", when,
           (unsigned long long)km_network_seq(net), km_partner_page_count(page), head);
    for (i = 0; i < km_partner_page_count(page); i++) {
        const km_partner *p = km_partner_page_get(page, i);
        printf("  %llu  %-24s %s\n", (unsigned long long)km_partner_id(p), km_partner_external_id(p),
               km_partner_name(p));
    }
    km_partner_page_free(page);
}

int main(int argc, char **argv)
{
    static const char *const names[] = { "Dinas Pendidikan Kota Bandung", "Yayasan Air Bersih Nusantara",
                                         "Universitas Padjadjaran" };
    static const int kinds[] = { KM_PARTNER_REGIONAL_GOVERNMENT, KM_PARTNER_FOUNDATION, KM_PARTNER_ACADEMIC };
    char tmpl[4096];
    const char *dir;
    int temporary = argc < 2;
    km_storage *st = NULL;
    km_network *net = NULL;
    size_t i;

    if (temporary) {
        const char *base = getenv("TMPDIR");
        snprintf(tmpl, sizeof tmpl, "%s/kemitraan-dir-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(tmpl)) {
            perror(tmpl);
            return 1;
        }
        dir = tmpl;
    } else {
        dir = argv[1];
    }

    /* Open the host's backend and a network on it, and register partners. */
    check(dir_storage_open(&st, dir), "dir_storage_open");
    check(km_network_open(&net, st, NULL), "km_network_open");
    show(net, "opened");
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        char ext[64];
        uint64_t id = 0;
        snprintf(ext, sizeof ext, "ID-DIR-%llu", (unsigned long long)(km_network_seq(net) + 1));
        f.name = names[i];
        f.external_id = ext;
        f.kind = kinds[i];
        f.region = "32.73";
        check(km_partner_create(&id, net, &f), "km_partner_create");
    }
    check(km_network_snapshot(net), "km_network_snapshot");
    km_network_close(net);
    km_storage_free(st);

    /* Reopen: the snapshot is loaded, the records after it replayed. */
    check(dir_storage_open(&st, dir), "dir_storage_open");
    check(km_network_open(&net, st, NULL), "km_network_open");
    show(net, "reopened");
    km_network_close(net);
    km_storage_free(st);
    printf("store: %s%s\n", dir, temporary ? " (temporary, removed)" : "");
    if (temporary) remove_dir(dir);
    return 0;
}

#endif /* KM_STORAGE_DIR_NO_MAIN */
