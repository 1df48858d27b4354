/* Unit tests for the file store (src/storage/file.c) and the network
 * conveniences on it (km_network_open_file, km_network_snapshot,
 * km_network_sync): create/reopen, no_create and read_only, bad headers and
 * format versions, torn tails of several shapes against corruption before
 * the tail, snapshots (loaded, corrupted, from another store), time travel
 * with and without snapshots, sync modes, two handles in one process and
 * two processes writing concurrently. Files are crafted and damaged by hand
 * from the layout in docs/format.md ("File store"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kemitraan/kemitraan.h"
#include "util/crc32c.h"
#include "support/counting_store.h"
#include "support/files.h"
#include "support/fnv.h"
#include "support/partner_hash.h"

#define LOG_HEADER 32
#define FRAME_HEADER 20
#define SNAP_HEADER 36
#define DIGEST_MAX 512

/* ---- scratch directory ------------------------------------------------------- */

static char dir[4096];
static char path[4200];      /* the current test's store */
static char snap_path[4300]; /* path + "-snap" */
static unsigned test_no;

static int group_setup(void **state)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    (void)state;
    if (!base || !*base) base = "/tmp";
    snprintf(dir, sizeof dir, "%s/km-test-file-XXXXXX", base);
    return mkdtemp(dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    (void)rmdir(dir);
    return 0;
}

static int test_setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "%s/store%u.km", dir, ++test_no);
    snprintf(snap_path, sizeof snap_path, "%s-snap", path);
    remove_store(path);
    return 0;
}

static int test_teardown(void **state)
{
    (void)state;
    remove_store(path);
    return 0;
}

/* ---- raw file helpers ------------------------------------------------------------ */

static int exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void flip_byte(const char *p, size_t off)
{
    uint8_t b;
    int fd = open(p, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(pread(fd, &b, 1, (off_t)off), 1);
    b ^= 0x5A;
    assert_int_equal(pwrite(fd, &b, 1, (off_t)off), 1);
    close(fd);
}

static void copy_file(const char *from, const char *to)
{
    size_t n;
    uint8_t *b = slurp(from, &n);
    spit(to, b, n, "wb");
    free(b);
}

static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* Offsets of the frames of a well-formed log (frames[i] = entry i + 1) and
 * the offset just past the last one. */
static size_t frames_of(const char *p, uint64_t *offs, size_t max, uint64_t *end)
{
    size_t len, n = 0;
    uint8_t *b = slurp(p, &len);
    uint64_t off = LOG_HEADER;
    while (off + FRAME_HEADER <= len && n < max) {
        uint32_t flen = get32(b + off + 4);
        if (get32(b + off) != 0x31464D4Bu || off + FRAME_HEADER + flen > len) break;
        offs[n++] = off;
        off += FRAME_HEADER + flen;
    }
    free(b);
    if (end) *end = off;
    return n;
}

/* A frame as the store writes it, with a correct or a wrong checksum. */
static size_t make_frame(uint8_t *out, uint64_t seq, const uint8_t *payload, uint32_t len, int bad_crc)
{
    uint32_t crc;
    put32(out, 0x31464D4Bu);
    put32(out + 4, len);
    put64(out + 8, seq);
    crc = km__crc32c(km__crc32c(0, out + 4, 12), payload, len);
    put32(out + 16, bad_crc ? crc ^ 0x80u : crc);
    memcpy(out + FRAME_HEADER, payload, len);
    return FRAME_HEADER + (size_t)len;
}

/* ---- the network side --------------------------------------------------------------- */

static int64_t clock_now;

static int64_t test_clock(void *payload)
{
    (void)payload;
    return clock_now;
}

#define T0 INT64_C(1740963600000000) /* 2025-03-03T01:00:00Z */

static km_network_options net_opts(void)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    o.clock = test_clock;
    o.actor = "test_file";
    return o;
}

static km_network *open_file(const char *p, const km_file_options *fo, const km_network_options *o)
{
    km_network *net = NULL;
    km_network_options d = net_opts();
    int rc = km_network_open_file(&net, p, fo, o ? o : &d);
    if (rc != 0) fail_msg("km_network_open_file(%s): %d %s", p, rc, km_error_last_message(KM_LANG_EN));
    return net;
}

static int create_partner(km_network *net, const char *prefix, unsigned i, uint64_t *id)
{
    static const char *const sectors[] = { "pendidikan", "kesehatan", "air-bersih" };
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    char name[64], ext[64];
    snprintf(name, sizeof name, "Mitra %s %u", prefix, i);
    snprintf(ext, sizeof ext, "ID-%s-%05u", prefix, i);
    f.name = name;
    f.external_id = ext;
    f.kind = (int)(i % KM_PARTNER_KIND__COUNT);
    f.region = i % 2 ? "32.73" : "31";
    f.sectors = sectors;
    f.sectors_count = i % 4;
    return km_partner_create(id, net, &f);
}

/* Everything visible about the network, as one string: sequence, head
 * hash, statistics and every field of every partner. */
static void digest(km_network *net, char *out)
{
    km_network_stats s = KM_NETWORK_STATS_INIT;
    char head[65];
    uint64_t h = UINT64_C(14695981039346656037), id;
    km_partner *p = NULL;
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (id = 1; id <= s.partners; id++) {
        assert_int_equal(km_partner_get(&p, net, id), 0);
        h = km_test_partner_hash(h, p);
        km_partner_free(p);
    }
    assert_int_equal(km_partner_get(&p, net, s.partners + 1), KM_ENOTFOUND);
    snprintf(out, DIGEST_MAX, "seq=%llu head=%s entries=%llu events=%llu bytes=%llu partners=%llu/%llu/%llu/%llu h=%016llx",
             (unsigned long long)km_network_seq(net), head, (unsigned long long)s.log_entries,
             (unsigned long long)s.log_events, (unsigned long long)s.log_bytes, (unsigned long long)s.partners,
             (unsigned long long)s.partners_active, (unsigned long long)s.partners_suspended,
             (unsigned long long)s.partners_archived, (unsigned long long)h);
}

static void expect_verified(km_network *net)
{
    km_verify_report r = KM_VERIFY_REPORT_INIT;
    char head[65];
    assert_int_equal(km_network_verify(&r, net), 0);
    assert_int_equal(r.first_bad_seq, 0);
    assert_int_equal(r.entries, km_network_seq(net));
    assert_int_equal(km_network_head_hash(head, net), 0);
    assert_string_equal(r.head_hash, head);
}

/* Writes n single-partner commits to the store at p (one per second from
 * T0) and, when digests is not NULL, records the digest after each:
 * digests[k] is the state at sequence k (digests[0] the empty one). */
static void make_store(const char *p, unsigned n, const km_file_options *fo, char (*digests)[DIGEST_MAX])
{
    km_network *net = open_file(p, fo, NULL);
    unsigned i;
    if (digests) digest(net, digests[0]);
    for (i = 1; i <= n; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        assert_int_equal(create_partner(net, "T", i, NULL), 0);
        if (digests) digest(net, digests[i]);
    }
    km_network_close(net);
}

/* Opens p and returns its digest (writable or read-only, with or without
 * snapshots). */
static void digest_of(const char *p, int read_only, int no_snapshot, char *out)
{
    km_network_options o = net_opts();
    km_network *net;
    o.read_only = read_only;
    o.no_snapshot = no_snapshot;
    net = open_file(p, NULL, &o);
    digest(net, out);
    expect_verified(net);
    km_network_close(net);
}

/* Opens a network on p through the counting wrapper and returns how many
 * log records its open read; the digest goes to out. */
static unsigned long records_read_by_open(const char *p, int no_snapshot, uint64_t as_of_seq, char *out)
{
    km_test_counting c;
    km_storage *inner = NULL;
    km_network *net = NULL;
    km_network_options o = net_opts();
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&inner, p, &fo), 0);
    km_test_counting_init(&c, inner);
    o.no_snapshot = no_snapshot;
    o.as_of_seq = as_of_seq;
    assert_int_equal(km_network_open(&net, &c.base, &o), 0);
    digest(net, out);
    km_network_close(net);
    km_storage_free(inner);
    if (no_snapshot) assert_int_equal(c.snap_reads, 0);
    return c.scanned;
}

/* ---- create, reopen, no_create, read_only -------------------------------------------------- */

static void test_create_and_reopen(void **state)
{
    char d[4][DIGEST_MAX], again[DIGEST_MAX];
    km_storage *st = NULL;
    uint64_t last = 99;
    size_t n;
    uint8_t *b;
    (void)state;
    assert_false(exists(path));
    make_store(path, 3, NULL, d);
    /* A header of 32 bytes: magic, format 1, no flags, CRC. */
    b = slurp(path, &n);
    assert_true(n > LOG_HEADER);
    assert_memory_equal(b, "KMSTORE\0", 8);
    assert_int_equal(get32(b + 8), 1);
    assert_int_equal(get32(b + 12), 0);
    assert_int_equal(get32(b + 28), km__crc32c(0, b, 28));
    free(b);
    digest_of(path, 0, 0, again);
    assert_string_equal(again, d[3]);
    digest_of(path, 1, 1, again);
    assert_string_equal(again, d[3]);
    /* The storage on its own. */
    assert_int_equal(km_storage_file_open(&st, path, NULL), 0);
    assert_int_equal(st->last_seq(st, &last), 0);
    assert_int_equal(last, 3);
    km_storage_free(st);
    /* A new store is empty, and reopening an empty store works. */
    remove_store(path);
    make_store(path, 0, NULL, d);
    assert_int_equal(fsize(path), LOG_HEADER);
    digest_of(path, 0, 0, again);
    assert_string_equal(again, d[0]);
    assert_int_equal(fsize(path), LOG_HEADER);
}

static void test_open_arguments(void **state)
{
    km_storage *st = (km_storage *)&st;
    km_network *net = (km_network *)&net;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    (void)state;
    assert_int_equal(km_storage_file_open(NULL, path, NULL), KM_EINVAL);
    assert_int_equal(km_storage_file_open(&st, NULL, NULL), KM_EINVAL);
    assert_null(st);
    assert_int_equal(km_storage_file_open(&st, "", NULL), KM_EINVAL);
    fo.version = 0;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_EVERSION);
    fo.version = KM_FILE_OPTIONS_VERSION + 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_EVERSION);
    fo.version = KM_FILE_OPTIONS_VERSION;
    fo.sync = 3;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_EINVAL);
    fo.sync = -1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_EINVAL);
    assert_false(exists(path));
    /* A directory is not a store. */
    assert_int_equal(km_storage_file_open(&st, dir, NULL), KM_ESTORAGE);
    assert_null(st);
    assert_int_equal(km_network_open_file(&net, NULL, NULL, NULL), KM_EINVAL);
    assert_null(net);
    assert_int_equal(km_network_open_file(NULL, path, NULL, NULL), KM_EINVAL);
    assert_int_equal(km_network_snapshot(NULL), KM_EINVAL);
    assert_int_equal(km_network_sync(NULL), KM_EINVAL);
}

static void test_no_create_missing(void **state)
{
    km_storage *st = NULL;
    km_network *net = NULL;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network_options o = net_opts();
    char d[2][DIGEST_MAX];
    (void)state;
    fo.no_create = 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_ENOTFOUND);
    assert_null(st);
    assert_false(exists(path));
    assert_int_equal(km_network_open_file(&net, path, &fo, NULL), KM_ENOTFOUND);
    assert_null(net);
    assert_false(exists(path));
    /* read_only implies no_create. */
    fo.no_create = 0;
    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_ENOTFOUND);
    o.read_only = 1;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), KM_ENOTFOUND);
    o.read_only = 0;
    o.as_of_seq = 1;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), KM_ENOTFOUND);
    assert_false(exists(path));
    /* Once the store exists, no_create opens it. */
    make_store(path, 1, NULL, d);
    fo.read_only = 0;
    fo.no_create = 1;
    net = open_file(path, &fo, NULL);
    assert_int_equal(create_partner(net, "T", 2, NULL), 0);
    km_network_close(net);
}

static void test_read_only(void **state)
{
    char d[4][DIGEST_MAX], now[DIGEST_MAX];
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network_options o = net_opts();
    km_storage *st = NULL;
    km_network *net;
    km_partner *p = NULL;
    uint64_t last = 0;
    size_t n0, n1, sn0, sn1;
    uint8_t *b0, *b1, *s0, *s1;
    (void)state;
    make_store(path, 3, NULL, d);
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    b0 = slurp(path, &n0);
    s0 = slurp(snap_path, &sn0);

    /* The storage: reads work, writes fail with KM_EREADONLY. */
    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), 0);
    assert_int_equal(st->last_seq(st, &last), 0);
    assert_int_equal(last, 3);
    assert_int_equal(st->append(st, 4, "x", 1), KM_EREADONLY);
    assert_int_equal(st->snapshot_write(st, 3, "x", 1), KM_EREADONLY);
    assert_int_equal(st->sync(st), 0);
    km_storage_free(st);

    /* A network on a read-only store: reading works, changes fail and
     * leave the state as it was. */
    net = open_file(path, &fo, NULL);
    digest(net, now);
    assert_string_equal(now, d[3]);
    assert_int_equal(km_partner_get(&p, net, 2), 0);
    assert_string_equal(km_partner_external_id(p), "ID-T-00002");
    km_partner_free(p);
    assert_int_equal(create_partner(net, "T", 4, NULL), KM_EREADONLY);
    assert_int_equal(km_partner_archive(net, 1, "tutup"), KM_EREADONLY);
    assert_int_equal(km_network_snapshot(net), KM_EREADONLY);
    assert_int_equal(km_network_refresh(net), 0);
    assert_int_equal(km_network_sync(net), 0);
    digest(net, now);
    assert_string_equal(now, d[3]);
    expect_verified(net);
    km_network_close(net);

    /* A read-only network implies a read-only store. */
    o.read_only = 1;
    net = open_file(path, NULL, &o);
    assert_int_equal(create_partner(net, "T", 4, NULL), KM_EREADONLY);
    assert_int_equal(km_network_begin(net), KM_EREADONLY);
    digest(net, now);
    assert_string_equal(now, d[3]);
    km_network_close(net);

    /* Nothing was written. */
    b1 = slurp(path, &n1);
    s1 = slurp(snap_path, &sn1);
    assert_int_equal(n1, n0);
    assert_memory_equal(b1, b0, n0);
    assert_int_equal(sn1, sn0);
    assert_memory_equal(s1, s0, sn0);
    free(b0);
    free(b1);
    free(s0);
    free(s1);
}

/* ---- bad files ------------------------------------------------------------------------- */

/* Opening must fail with `want`, writable or not, and leave the file
 * exactly as it was. */
static void expect_open_fails(const char *p, int want)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st = NULL;
    km_network *net = NULL;
    size_t n0, n1;
    uint8_t *b0 = slurp(p, &n0), *b1;
    int ro;
    for (ro = 0; ro <= 1; ro++) {
        fo.read_only = ro;
        assert_int_equal(km_storage_file_open(&st, p, &fo), want);
        assert_null(st);
        assert_int_equal(km_error_last(), want);
        assert_int_equal(km_network_open_file(&net, p, &fo, NULL), want);
        assert_null(net);
    }
    b1 = slurp(p, &n1);
    assert_int_equal(n1, n0);
    if (n0) assert_memory_equal(b1, b0, n0);
    free(b0);
    free(b1);
}

static void valid_header(uint8_t *h, uint32_t format, uint32_t flags)
{
    memset(h, 0, LOG_HEADER);
    memcpy(h, "KMSTORE\0", 8);
    put32(h + 8, format);
    put32(h + 12, flags);
    put32(h + 28, km__crc32c(0, h, 28));
}

static void test_bad_header(void **state)
{
    static const char garbage[] = "PK\003\004 this is a zip file, not a kemitraan store at all........";
    uint8_t h[LOG_HEADER];
    char d[3][DIGEST_MAX];
    (void)state;
    spit(path, garbage, sizeof garbage, "wb");
    expect_open_fails(path, KM_ECORRUPT);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "bad header"));

    /* A header cut short. */
    valid_header(h, 1, 0);
    spit(path, h, 20, "wb");
    expect_open_fails(path, KM_ECORRUPT);

    /* A header whose checksum fails (one reserved byte changed). */
    valid_header(h, 1, 0);
    h[20] = 1;
    spit(path, h, LOG_HEADER, "wb");
    expect_open_fails(path, KM_ECORRUPT);

    /* Right magic and CRC, wrong magic case. */
    valid_header(h, 1, 0);
    h[0] = 'k';
    put32(h + 28, km__crc32c(0, h, 28));
    spit(path, h, LOG_HEADER, "wb");
    expect_open_fails(path, KM_ECORRUPT);

    /* A real store whose header was damaged. */
    remove_store(path);
    make_store(path, 2, NULL, d);
    flip_byte(path, 3);
    expect_open_fails(path, KM_ECORRUPT);
}

static void test_newer_format(void **state)
{
    uint8_t h[LOG_HEADER];
    char d[3][DIGEST_MAX];
    size_t n;
    uint8_t *b;
    (void)state;
    valid_header(h, 2, 0);
    spit(path, h, LOG_HEADER, "wb");
    expect_open_fails(path, KM_EVERSION);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "format 2"));
    /* Unknown flags are a newer format too. */
    valid_header(h, 1, 1);
    spit(path, h, LOG_HEADER, "wb");
    expect_open_fails(path, KM_EVERSION);
    /* A format-2 header in front of real frames. */
    remove_store(path);
    make_store(path, 2, NULL, d);
    b = slurp(path, &n);
    valid_header(b, 2, 0);
    spit(path, b, n, "wb");
    free(b);
    expect_open_fails(path, KM_EVERSION);
}

/* An empty file (created by touch) becomes a new store when opened for
 * writing and is not a store when opened read-only. */
static void test_empty_file(void **state)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st = NULL;
    (void)state;
    spit(path, "", 0, "wb");
    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), KM_ECORRUPT);
    assert_int_equal(fsize(path), 0);
    assert_int_equal(km_storage_file_open(&st, path, NULL), 0);
    km_storage_free(st);
    assert_int_equal(fsize(path), LOG_HEADER);
}

/* ---- torn tails ---------------------------------------------------------------------------- */

typedef enum tail_shape {
    TAIL_HEADER_1,       /* 1 byte of a frame header */
    TAIL_HEADER_PART,    /* 10 bytes of a frame header */
    TAIL_PAYLOAD_PART,   /* a full header, half of its payload */
    TAIL_PAYLOAD_ZEROS,  /* a full header, half of its payload, then zeros (file extended, data lost) */
    TAIL_ZEROS,          /* only zeros */
    TAIL_BAD_CRC_NEW,    /* a complete frame 11 whose checksum fails */
    TAIL_BAD_CRC_LAST,   /* the real last frame (entry 10) damaged */
    TAIL_SHAPES
} tail_shape;

static const char *const tail_names[] = { "1 header byte", "partial header", "partial payload",
                                          "partial payload + zeros", "zeros", "bad crc (new frame)",
                                          "bad crc (last frame)" };

static void add_tail(tail_shape shape, uint64_t last_off)
{
    uint8_t payload[200], frame[FRAME_HEADER + 200], zeros[4096];
    size_t i;
    for (i = 0; i < sizeof payload; i++) payload[i] = (uint8_t)(i * 7 + 1);
    memset(zeros, 0, sizeof zeros);
    make_frame(frame, 11, payload, sizeof payload, 0);
    switch (shape) {
    case TAIL_HEADER_1: spit(path, frame, 1, "ab"); break;
    case TAIL_HEADER_PART: spit(path, frame, 10, "ab"); break;
    case TAIL_PAYLOAD_PART: spit(path, frame, FRAME_HEADER + 100, "ab"); break;
    case TAIL_PAYLOAD_ZEROS:
        spit(path, frame, FRAME_HEADER + 100, "ab");
        spit(path, zeros, sizeof zeros, "ab");
        break;
    case TAIL_ZEROS: spit(path, zeros, sizeof zeros, "ab"); break;
    case TAIL_BAD_CRC_NEW:
        make_frame(frame, 11, payload, sizeof payload, 1);
        spit(path, frame, sizeof frame, "ab");
        break;
    case TAIL_BAD_CRC_LAST: flip_byte(path, (size_t)last_off + FRAME_HEADER + 5); break;
    default: fail();
    }
}

static void test_torn_tails(void **state)
{
    char d[12][DIGEST_MAX], now[DIGEST_MAX];
    uint64_t offs[16], end;
    int shape;
    (void)state;
    for (shape = 0; shape < TAIL_SHAPES; shape++) {
        const char *want = shape == TAIL_BAD_CRC_LAST ? d[9] : d[10];
        km_network *net;
        size_t n0, n1;
        uint8_t *b0, *b1;
        print_message("torn tail: %s\n", tail_names[shape]);
        remove_store(path);
        make_store(path, 10, NULL, d);
        assert_int_equal(frames_of(path, offs, 16, &end), 10);
        assert_int_equal(end, fsize(path));
        add_tail((tail_shape)shape, offs[9]);
        assert_true(fsize(path) > end || shape == TAIL_BAD_CRC_LAST);

        /* Read-only: the torn tail is the end; the file is left alone. */
        b0 = slurp(path, &n0);
        digest_of(path, 1, 0, now);
        assert_string_equal(now, want);
        b1 = slurp(path, &n1);
        assert_int_equal(n1, n0);
        assert_memory_equal(b1, b0, n0);
        free(b0);
        free(b1);

        /* Writable: the tail is cut off, every earlier commit is there. */
        net = open_file(path, NULL, NULL);
        digest(net, now);
        assert_string_equal(now, want);
        expect_verified(net);
        assert_int_equal(fsize(path), shape == TAIL_BAD_CRC_LAST ? offs[9] : end);
        /* And the store goes on. */
        clock_now = T0 + 100 * INT64_C(1000000);
        assert_int_equal(create_partner(net, "U", 1, NULL), 0);
        assert_int_equal(km_network_seq(net), shape == TAIL_BAD_CRC_LAST ? 10 : 11);
        digest(net, d[11]);
        km_network_close(net);
        digest_of(path, 0, 1, now);
        assert_string_equal(now, d[11]);
    }
}

/* A bad frame with valid frames after it is not a torn tail: the open
 * fails, names the offset, and the file is left alone for inspection. */
/* The last error names the frame's file offset and its entry. */
static void expect_names_frame(uint64_t frame_off, uint64_t entry)
{
    char msg[100];
    snprintf(msg, sizeof msg, "offset %llu", (unsigned long long)frame_off);
    if (!strstr(km_error_last_message(KM_LANG_EN), msg))
        fail_msg("message \"%s\" does not name %s", km_error_last_message(KM_LANG_EN), msg);
    snprintf(msg, sizeof msg, "entry %llu", (unsigned long long)entry);
    if (!strstr(km_error_last_message(KM_LANG_EN), msg))
        fail_msg("message \"%s\" does not name %s", km_error_last_message(KM_LANG_EN), msg);
}

static void check_corrupt_middle(const char *what, size_t flip_at, uint64_t frame_off, uint64_t entry)
{
    print_message("corrupt middle frame: %s\n", what);
    flip_byte(path, flip_at);
    expect_open_fails(path, KM_ECORRUPT);
    expect_names_frame(frame_off, entry);
    flip_byte(path, flip_at); /* undo */
}

static void test_bad_crc_before_tail(void **state)
{
    char d[11][DIGEST_MAX], now[DIGEST_MAX];
    uint64_t offs[16];
    km_verify_report rep = KM_VERIFY_REPORT_INIT;
    km_network_options o = net_opts();
    km_network *net;
    (void)state;
    make_store(path, 10, NULL, d);
    assert_int_equal(frames_of(path, offs, 16, NULL), 10);
    check_corrupt_middle("payload byte of entry 4", (size_t)offs[3] + FRAME_HEADER + 3, offs[3], 4);
    check_corrupt_middle("crc of entry 4", (size_t)offs[3] + 16, offs[3], 4);
    check_corrupt_middle("sequence of entry 4", (size_t)offs[3] + 8, offs[3], 4);
    check_corrupt_middle("magic of entry 4", (size_t)offs[3], offs[3], 4);
    check_corrupt_middle("high byte of the length of entry 4", (size_t)offs[3] + 7, offs[3], 4);
    check_corrupt_middle("low byte of the length of entry 4", (size_t)offs[3] + 4, offs[3], 4);
    check_corrupt_middle("payload of entry 1", (size_t)offs[0] + FRAME_HEADER, offs[0], 1);
    check_corrupt_middle("payload of entry 9", (size_t)offs[8] + FRAME_HEADER + 1, offs[8], 9);
    /* With a snapshot after the damaged entry the store opens from the
     * snapshot without reading the frames before it, to the same state;
     * the damage is found the first time they are read: verification of
     * the chain, and a view of the past replayed from the log. */
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    flip_byte(path, (size_t)offs[3] + FRAME_HEADER + 3);
    net = open_file(path, NULL, NULL);
    digest(net, now);
    assert_string_equal(now, d[10]);
    assert_int_equal(km_network_verify(&rep, net), KM_ECORRUPT);
    expect_names_frame(offs[3], 4);
    assert_int_equal(rep.first_bad_seq, 4);
    assert_int_equal(rep.error, KM_ECORRUPT);
    assert_int_equal(rep.entries, 3);
    km_network_close(net);
    o.read_only = 1;
    o.as_of_seq = 5;
    assert_int_equal(km_network_open_file(&net, path, NULL, &o), KM_ECORRUPT);
    assert_null(net);
    expect_names_frame(offs[3], 4);
    flip_byte(path, (size_t)offs[3] + FRAME_HEADER + 3); /* undo */
    /* Undamaged again: opens and verifies. */
    digest_of(path, 0, 0, now);
    assert_string_equal(now, d[10]);
}

/* ---- snapshots ---------------------------------------------------------------------------- */

#define SNAP_N 50

static void test_snapshot_loaded(void **state)
{
    char d[SNAP_N + 6][DIGEST_MAX], a[DIGEST_MAX], b[DIGEST_MAX];
    km_network_stats s1 = KM_NETWORK_STATS_INIT, s2 = KM_NETWORK_STATS_INIT;
    km_network *net;
    km_network_options o = net_opts();
    unsigned i;
    (void)state;
    make_store(path, SNAP_N, NULL, d);
    assert_false(exists(snap_path));
    /* Without a snapshot every record is read. */
    assert_int_equal(records_read_by_open(path, 0, 0, a), SNAP_N);
    assert_string_equal(a, d[SNAP_N]);

    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    assert_true(exists(snap_path));
    assert_true(fsize(snap_path) > SNAP_HEADER);
    for (i = 1; i <= 5; i++) {
        clock_now = T0 + (int64_t)(SNAP_N + i) * 1000000;
        assert_int_equal(create_partner(net, "T", SNAP_N + i, NULL), 0);
        digest(net, d[SNAP_N + i]);
    }
    assert_int_equal(km_network_stats_get(&s1, net), 0);
    km_network_close(net);

    /* With it: one record to check that the snapshot belongs to the log,
     * then the five after it. */
    assert_int_equal(records_read_by_open(path, 0, 0, a), 6);
    assert_string_equal(a, d[SNAP_N + 5]);
    assert_int_equal(records_read_by_open(path, 1, 0, b), SNAP_N + 5);
    assert_string_equal(b, a);

    /* Through km_network_open_file: same stats, same head, same partners. */
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_stats_get(&s2, net), 0);
    assert_memory_equal(&s1, &s2, sizeof s1);
    digest(net, a);
    expect_verified(net);
    km_network_close(net);
    o.no_snapshot = 1;
    net = open_file(path, NULL, &o);
    digest(net, b);
    km_network_close(net);
    assert_string_equal(a, b);

    /* A newer snapshot replaces the old one. */
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    assert_int_equal(records_read_by_open(path, 0, 0, a), 1);
    assert_string_equal(a, d[SNAP_N + 5]);
}

typedef enum snap_damage {
    SNAP_FLIP_DATA,
    SNAP_FLIP_SEQ,
    SNAP_FLIP_MAGIC,
    SNAP_TRUNCATED,
    SNAP_EMPTY,
    SNAP_GARBAGE,
    SNAP_HUGE_LEN,
    SNAP_DAMAGES
} snap_damage;

static void damage_snapshot(snap_damage how)
{
    size_t n;
    uint8_t *b = slurp(snap_path, &n);
    switch (how) {
    case SNAP_FLIP_DATA: b[n / 2] ^= 0x10; break;
    case SNAP_FLIP_SEQ: b[8] ^= 0x01; break;
    case SNAP_FLIP_MAGIC: b[2] ^= 0x01; break;
    case SNAP_TRUNCATED: n = n - 7; break;
    case SNAP_EMPTY: n = 0; break;
    case SNAP_GARBAGE: memset(b, 0xAB, n); break;
    case SNAP_HUGE_LEN: b[24 + 6] = 0x7F; break;
    default: fail();
    }
    spit(snap_path, b, n, "wb");
    free(b);
}

static void test_snapshot_corrupted_ignored(void **state)
{
    char d[31][DIGEST_MAX], a[DIGEST_MAX];
    km_network *net;
    size_t n;
    uint8_t *good;
    int how;
    (void)state;
    make_store(path, 20, NULL, d);
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    for (how = 21; how <= 30; how++) {
        clock_now = T0 + (int64_t)how * 1000000;
        assert_int_equal(create_partner(net, "T", (unsigned)how, NULL), 0);
    }
    digest(net, d[30]);
    km_network_close(net);
    assert_int_equal(records_read_by_open(path, 0, 0, a), 11);
    good = slurp(snap_path, &n);
    for (how = 0; how < SNAP_DAMAGES; how++) {
        print_message("snapshot damage %d\n", how);
        spit(snap_path, good, n, "wb");
        damage_snapshot((snap_damage)how);
        /* Ignored: the whole log is replayed, same result as no_snapshot. */
        assert_int_equal(records_read_by_open(path, 0, 0, a), 30);
        assert_string_equal(a, d[30]);
        digest_of(path, 0, 0, a);
        assert_string_equal(a, d[30]);
        /* And a writable handle can replace it with a good one. */
        net = open_file(path, NULL, NULL);
        assert_int_equal(km_network_snapshot(net), 0);
        km_network_close(net);
        assert_int_equal(records_read_by_open(path, 0, 0, a), 1);
        assert_string_equal(a, d[30]);
    }
    free(good);
}

/* A snapshot copied from another store: its state must not be loaded.
 * Store B has frames of the same sizes as A (names of the same length), so
 * the frame offset the snapshot names is a real frame in B too. */
static void test_snapshot_from_other_store(void **state)
{
    char da[21][DIGEST_MAX], db[21][DIGEST_MAX], a[DIGEST_MAX];
    char path_b[4300], snap_b[4400];
    km_network *net;
    unsigned i;
    (void)state;
    snprintf(path_b, sizeof path_b, "%s.b", path);
    snprintf(snap_b, sizeof snap_b, "%s-snap", path_b);
    remove_store(path_b);
    make_store(path, 20, NULL, da);
    net = open_file(path_b, NULL, NULL);
    digest(net, db[0]);
    for (i = 1; i <= 20; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        assert_int_equal(create_partner(net, "B", i, NULL), 0);
        digest(net, db[i]);
    }
    km_network_close(net);
    assert_string_not_equal(da[20], db[20]);
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    {
        uint64_t oa[32], ob[32];
        assert_int_equal(frames_of(path, oa, 32, NULL), 20);
        assert_int_equal(frames_of(path_b, ob, 32, NULL), 20);
        assert_memory_equal(oa, ob, sizeof oa[0] * 20);
    }

    /* B with A's snapshot: rejected after one record (the entry whose
     * hash it names), then the whole log is replayed. */
    copy_file(snap_path, snap_b);
    assert_int_equal(records_read_by_open(path_b, 0, 0, a), 1 + 20);
    assert_string_equal(a, db[20]);
    digest_of(path_b, 0, 0, a);
    assert_string_equal(a, db[20]);
    /* B grows: still its own state. */
    net = open_file(path_b, NULL, NULL);
    clock_now = T0 + 21 * INT64_C(1000000);
    assert_int_equal(create_partner(net, "B", 21, NULL), 0);
    digest(net, db[0]);
    km_network_close(net);
    digest_of(path_b, 0, 0, a);
    assert_string_equal(a, db[0]);
    /* A snapshot of A taken later than B's end. */
    net = open_file(path, NULL, NULL);
    for (i = 21; i <= 25; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        assert_int_equal(create_partner(net, "T", i, NULL), 0);
    }
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    copy_file(snap_path, snap_b);
    assert_int_equal(records_read_by_open(path_b, 0, 0, a), 21); /* past B's end: nothing to check */
    assert_string_equal(a, db[0]);
    remove_store(path_b);
}

/* ---- time travel ------------------------------------------------------------------------------ */

#define TT_N 12
#define TT_SNAP 7

static void expect_view(int no_snapshot, uint64_t as_of_seq, int64_t as_of_time, const char *want)
{
    km_network_options o = net_opts();
    km_network *net;
    char now[DIGEST_MAX];
    size_t n0 = fsize(path), s0 = exists(snap_path) ? fsize(snap_path) : 0;
    o.no_snapshot = no_snapshot;
    o.as_of_seq = as_of_seq;
    o.as_of_time = as_of_time;
    net = open_file(path, NULL, &o);
    digest(net, now);
    if (strcmp(now, want) != 0)
        fail_msg("as of seq %llu time %lld (no_snapshot %d):\n  got  %s\n  want %s", (unsigned long long)as_of_seq,
                 (long long)as_of_time, no_snapshot, now, want);
    /* A view of the past is read-only. */
    assert_int_equal(create_partner(net, "X", 1, NULL), KM_EREADONLY);
    assert_int_equal(km_network_refresh(net), KM_EREADONLY);
    assert_int_equal(km_network_snapshot(net), KM_EREADONLY);
    km_network_close(net);
    assert_int_equal(fsize(path), n0);
    assert_int_equal(exists(snap_path) ? fsize(snap_path) : 0, s0);
}

/* Every view of a log of n entries (entry k stamped T0 + k seconds). */
static void check_views(char (*d)[DIGEST_MAX], uint64_t n, int no_snapshot)
{
    uint64_t k;
    for (k = 1; k <= n; k++) {
        int64_t tk = T0 + (int64_t)k * 1000000;
        expect_view(no_snapshot, k, 0, d[k]);
        expect_view(no_snapshot, 0, tk, d[k]);
        expect_view(no_snapshot, 0, tk + 999999, d[k]); /* between entries k and k + 1 */
        expect_view(no_snapshot, k, tk + 5000000, d[k]); /* both: the earlier point wins */
        expect_view(no_snapshot, k + 3 <= n ? k + 3 : n, tk, d[k]);
    }
    expect_view(no_snapshot, n + 5, 0, d[n]);
    expect_view(no_snapshot, 0, T0 + 1000 * INT64_C(1000000), d[n]);
    expect_view(no_snapshot, 0, T0, d[0]); /* before the first entry */
    expect_view(no_snapshot, 0, 1, d[0]);
}

static void test_time_travel(void **state)
{
    char d[TT_N + 1][DIGEST_MAX], now[DIGEST_MAX];
    km_network *net;
    unsigned i;
    (void)state;
    make_store(path, TT_SNAP, NULL, d);
    check_views(d, TT_SNAP, 0);

    /* Entries up to TT_N; some change partners so views differ in more
     * than the count. */
    net = open_file(path, NULL, NULL);
    digest(net, now);
    assert_string_equal(now, d[TT_SNAP]);
    for (i = TT_SNAP + 1; i <= TT_N; i++) {
        clock_now = T0 + (int64_t)i * 1000000;
        if (i % 2) assert_int_equal(km_partner_set_status(net, i - TT_SNAP, KM_PARTNER_SUSPENDED, "uji"), 0);
        else assert_int_equal(create_partner(net, "T", i, NULL), 0);
        digest(net, d[i]);
        if (i == TT_SNAP + 2) assert_int_equal(km_network_snapshot(net), 0); /* snapshot at TT_SNAP + 2 */
    }
    km_network_close(net);
    /* Views before, at and after the snapshot, with and without it. */
    check_views(d, TT_N, 0);
    check_views(d, TT_N, 1);
    /* The newest snapshot at the end of the log. */
    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_snapshot(net), 0);
    km_network_close(net);
    check_views(d, TT_N, 0);
}

/* ---- sync modes ---------------------------------------------------------------------------------- */

static void test_sync_modes(void **state)
{
    static const int modes[] = { KM_SYNC_FULL, KM_SYNC_NORMAL, KM_SYNC_OFF };
    char d[71][DIGEST_MAX], now[DIGEST_MAX];
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network *net;
    size_t m;
    (void)state;
    for (m = 0; m < 3; m++) {
        unsigned i;
        remove_store(path);
        fo.sync = modes[m];
        /* 70 commits: more than the 64 that trigger a sync in normal mode. */
        make_store(path, 70, &fo, d);
        net = open_file(path, &fo, NULL);
        digest(net, now);
        assert_string_equal(now, d[70]);
        for (i = 71; i <= 75; i++) {
            clock_now = T0 + (int64_t)i * 1000000;
            assert_int_equal(create_partner(net, "T", i, NULL), 0);
        }
        assert_int_equal(km_network_sync(net), 0);
        assert_int_equal(km_network_sync(net), 0);
        assert_int_equal(km_network_snapshot(net), 0);
        digest(net, d[0]);
        km_network_close(net);
        /* Reopened in another mode, with and without the snapshot. */
        fo.sync = modes[(m + 1) % 3];
        net = open_file(path, &fo, NULL);
        digest(net, now);
        assert_string_equal(now, d[0]);
        expect_verified(net);
        km_network_close(net);
        digest_of(path, 1, 1, now);
        assert_string_equal(now, d[0]);
    }
    /* km_network_sync on a backend without a sync method is a no-op. */
    assert_int_equal(km_network_open(&net, NULL, NULL), 0);
    assert_int_equal(km_network_sync(net), 0);
    km_network_close(net);
}

/* ---- two handles in one process ------------------------------------------------------------------ */

static km_network *open_on(km_storage **st, int retry)
{
    km_network_options o = net_opts();
    km_network *net = NULL;
    assert_int_equal(km_storage_file_open(st, path, NULL), 0);
    o.retry_on_conflict = retry;
    assert_int_equal(km_network_open(&net, *st, &o), 0);
    return net;
}

static void test_two_handles(void **state)
{
    km_storage *sa = NULL, *sb = NULL, *sc = NULL;
    km_network *a, *b, *c;
    char da[DIGEST_MAX], db[DIGEST_MAX], dc[DIGEST_MAX];
    uint64_t id = 0;
    km_partner *p = NULL;
    (void)state;
    clock_now = T0;
    a = open_on(&sa, 0);
    b = open_on(&sb, 0);
    c = open_on(&sc, 1);
    assert_int_equal(create_partner(a, "A", 1, &id), 0);
    assert_int_equal(id, 1);

    /* b did not see it: its commit conflicts and changes nothing. */
    digest(b, db);
    assert_int_equal(create_partner(b, "B", 1, &id), KM_ECONFLICT);
    digest(b, dc);
    assert_string_equal(dc, db);
    assert_int_equal(km_network_seq(b), 0);
    assert_int_equal(km_partner_get(&p, b, 1), KM_ENOTFOUND);
    /* After a refresh b sees a's change, and its own commit works. */
    assert_int_equal(km_network_refresh(b), 0);
    digest(a, da);
    digest(b, db);
    assert_string_equal(db, da);
    assert_int_equal(create_partner(b, "B", 1, &id), 0);
    assert_int_equal(id, 2);
    assert_int_equal(km_network_refresh(a), 0);
    digest(a, da);
    digest(b, db);
    assert_string_equal(da, db);

    /* c retries on conflict: refreshes, revalidates and commits after. */
    assert_int_equal(km_network_seq(c), 0);
    assert_int_equal(create_partner(c, "C", 1, &id), 0);
    assert_int_equal(id, 3);
    assert_int_equal(km_network_seq(c), 3);
    assert_int_equal(km_partner_get(&p, c, 1), 0);
    assert_string_equal(km_partner_external_id(p), "ID-A-00001");
    km_partner_free(p);
    /* Revalidation against the new state: a takes an id, c (stale) asks
     * for the same one and gets KM_EEXISTS, not a duplicate. */
    assert_int_equal(km_network_refresh(a), 0);
    assert_int_equal(create_partner(a, "D", 1, NULL), 0);
    assert_int_equal(create_partner(c, "D", 1, NULL), KM_EEXISTS);
    assert_int_equal(km_network_seq(c), 4);
    /* An explicit transaction is not retried: it conflicts and is undone. */
    assert_int_equal(create_partner(a, "A", 2, NULL), 0);
    digest(c, dc);
    assert_int_equal(km_network_begin(c), 0);
    assert_int_equal(create_partner(c, "C", 2, NULL), 0);
    assert_int_equal(create_partner(c, "C", 3, NULL), 0);
    assert_int_equal(km_network_commit(c), KM_ECONFLICT);
    digest(c, db);
    assert_string_equal(db, dc);
    assert_int_equal(km_network_refresh(c), 0);
    assert_int_equal(km_network_seq(c), 5);

    /* Everyone agrees after a refresh. */
    assert_int_equal(km_network_refresh(a), 0);
    assert_int_equal(km_network_refresh(b), 0);
    digest(a, da);
    digest(b, db);
    digest(c, dc);
    assert_string_equal(da, db);
    assert_string_equal(da, dc);
    expect_verified(b);
    km_network_close(a);
    km_network_close(b);
    km_network_close(c);
    km_storage_free(sa);
    km_storage_free(sb);
    km_storage_free(sc);
    digest_of(path, 0, 1, db);
    assert_string_equal(db, da);
}

/* A handle that meets a damaged frame among other handles' appends fails
 * with KM_ECORRUPT and leaves the file alone: it must not cut off frames
 * that are not its own. */
static void test_stale_writer_meets_corruption(void **state)
{
    km_storage *sa = NULL, *sb = NULL;
    km_network *a, *b;
    char d[3][DIGEST_MAX], now[DIGEST_MAX], msg[64];
    uint64_t offs[16];
    unsigned i;
    size_t n0, n1;
    uint8_t *b0, *b1;
    (void)state;
    make_store(path, 2, NULL, d);
    b = open_on(&sb, 0);
    a = open_on(&sa, 0);
    for (i = 3; i <= 6; i++) assert_int_equal(create_partner(a, "A", i, NULL), 0);
    digest(a, now);
    km_network_close(a);
    km_storage_free(sa);
    assert_int_equal(frames_of(path, offs, 16, NULL), 6);
    flip_byte(path, (size_t)offs[3] + FRAME_HEADER + 2);
    b0 = slurp(path, &n0);

    assert_int_equal(create_partner(b, "B", 1, NULL), KM_ECORRUPT);
    snprintf(msg, sizeof msg, "offset %llu", (unsigned long long)offs[3]);
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), msg));
    assert_int_equal(km_network_refresh(b), KM_ECORRUPT);
    assert_int_equal(km_network_seq(b), 2);
    digest(b, d[0]);
    assert_string_equal(d[0], d[2]);
    km_network_close(b);
    km_storage_free(sb);
    b1 = slurp(path, &n1);
    assert_int_equal(n1, n0);
    assert_memory_equal(b1, b0, n0);
    free(b0);
    free(b1);
    /* Repaired, the store holds all six entries. */
    flip_byte(path, (size_t)offs[3] + FRAME_HEADER + 2);
    digest_of(path, 0, 1, d[0]);
    assert_string_equal(d[0], now);
}

/* ---- two processes ----------------------------------------------------------------------------------- */

#define PROC_COMMITS 200

typedef struct child_report {
    int failures;      /* changes that did not end in 0 */
    int first_rc;      /* the first failure's code */
    int gave_up;       /* KM_ECONFLICT after the library's own retries */
    uint64_t seq;      /* after the final refresh */
    char head[65];
} child_report;

/* Child: 200 single-partner commits with retry_on_conflict, then wait for
 * the go signal, refresh and report. Uses no cmocka assertion.
 *
 * The library retries a conflicting change up to 8 times (network.h);
 * when two processes do nothing but commit, one can lose all 8 races, and
 * the change fails with KM_ECONFLICT having stored nothing. The child then
 * does what a host does and tries again: the change must then succeed, and
 * must not find its own external id taken (which would mean the
 * "failed" commit was stored after all). */
static void child(const char *prefix, int report_fd, int go_fd)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_network *net = NULL;
    child_report r;
    char c;
    unsigned i;
    int rc;
    memset(&r, 0, sizeof r);
    o.retry_on_conflict = 1;
    o.actor = prefix;
    rc = km_network_open_file(&net, path, NULL, &o);
    if (rc != 0) {
        r.failures = -1;
        r.first_rc = rc;
    } else {
        for (i = 1; i <= PROC_COMMITS; i++) {
            int host_tries = 0;
            while ((rc = create_partner(net, prefix, i, NULL)) == KM_ECONFLICT && host_tries++ < 100) r.gave_up++;
            if (rc != 0 && r.failures++ == 0) r.first_rc = rc;
        }
    }
    /* Done writing; the parent says when the other one is done too. */
    if (write(report_fd, "d", 1) != 1) _exit(3);
    if (read(go_fd, &c, 1) != 1) _exit(4);
    if (net) {
        rc = km_network_refresh(net);
        if (rc != 0 && r.failures++ == 0) r.first_rc = rc;
        r.seq = km_network_seq(net);
        (void)km_network_head_hash(r.head, net);
        km_network_close(net);
    }
    if (write(report_fd, &r, sizeof r) != (ssize_t)sizeof r) _exit(5);
    _exit(0);
}

static void read_full(int fd, void *buf, size_t n)
{
    uint8_t *p = (uint8_t *)buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        assert_true(r > 0);
        p += r;
        n -= (size_t)r;
    }
}

static uint64_t count_prefix(km_network *net, const char *prefix)
{
    km_partner_page *page = NULL;
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    char cursor[64] = "";
    uint64_t n = 0;
    size_t plen = strlen(prefix);
    q.limit = 1000;
    for (;;) {
        size_t i;
        const char *next;
        q.cursor = cursor[0] ? cursor : NULL;
        assert_int_equal(km_partner_list(&page, net, &q), 0);
        for (i = 0; i < km_partner_page_count(page); i++)
            if (strncmp(km_partner_external_id(km_partner_page_get(page, i)), prefix, plen) == 0) n++;
        next = km_partner_page_cursor(page);
        if (next) snprintf(cursor, sizeof cursor, "%s", next);
        km_partner_page_free(page);
        if (!next) break;
    }
    return n;
}

/* A snapshot written aside by a process that died before the rename is
 * removed by the next writable open; a read-only open leaves it, and so is
 * a file of a live process (this one) or a name that only looks similar. */
static void test_stale_snapshot_tmp_swept(void **state)
{
    char dead[4400], mine[4400], other[4400];
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st = NULL;
    struct stat sb;
    pid_t child;
    int status;
    (void)state;
    make_store(path, 2, NULL, NULL);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) _exit(0);
    assert_int_equal(waitpid(child, &status, 0), child);
    snprintf(dead, sizeof dead, "%s.tmp.%ld.0x1234", snap_path, (long)child);
    snprintf(mine, sizeof mine, "%s.tmp.%ld.0x5678", snap_path, (long)getpid());
    snprintf(other, sizeof other, "%s.tmpx.%ld.0x1", snap_path, (long)child);
    spit(dead, "half a snapshot", 15, "wb");
    spit(mine, "being written", 13, "wb");
    spit(other, "not ours", 8, "wb");

    fo.read_only = 1;
    assert_int_equal(km_storage_file_open(&st, path, &fo), 0);
    km_storage_free(st);
    assert_int_equal(stat(dead, &sb), 0);

    assert_int_equal(km_storage_file_open(&st, path, NULL), 0);
    km_storage_free(st);
    assert_int_equal(stat(dead, &sb), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(stat(mine, &sb), 0);
    assert_int_equal(stat(other, &sb), 0);
    (void)unlink(mine);
    (void)unlink(other);
}

static void test_two_processes(void **state)
{
    static const char *const prefixes[2] = { "PA", "PB" };
    int report[2][2], go[2][2], status, k;
    pid_t pid[2];
    child_report r[2];
    km_network *net;
    km_network_stats s = KM_NETWORK_STATS_INIT;
    km_audit *audit = NULL;
    char head[65];
    (void)state;
    make_store(path, 0, NULL, NULL);
    for (k = 0; k < 2; k++) {
        assert_int_equal(pipe(report[k]), 0);
        assert_int_equal(pipe(go[k]), 0);
    }
    fflush(NULL);
    for (k = 0; k < 2; k++) {
        pid[k] = fork();
        assert_true(pid[k] >= 0);
        if (pid[k] == 0) {
            close(report[k][0]);
            close(go[k][1]);
            child(prefixes[k], report[k][1], go[k][0]);
        }
        close(report[k][1]);
        close(go[k][0]);
    }
    for (k = 0; k < 2; k++) {
        char c;
        read_full(report[k][0], &c, 1);
    }
    for (k = 0; k < 2; k++) assert_int_equal(write(go[k][1], "g", 1), 1);
    for (k = 0; k < 2; k++) {
        read_full(report[k][0], &r[k], sizeof r[k]);
        assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
        close(report[k][0]);
        close(go[k][1]);
        if (r[k].failures) fail_msg("child %s: %d commits failed, first with %d", prefixes[k], r[k].failures, r[k].first_rc);
        print_message("child %s: %d changes gave up after 8 library retries and were redone\n", prefixes[k],
                      r[k].gave_up);
    }

    net = open_file(path, NULL, NULL);
    assert_int_equal(km_network_stats_get(&s, net), 0);
    assert_int_equal(s.log_entries, 2 * PROC_COMMITS);
    assert_int_equal(s.log_events, 2 * PROC_COMMITS);
    assert_int_equal(s.partners, 2 * PROC_COMMITS);
    assert_int_equal(count_prefix(net, "ID-PA-"), PROC_COMMITS);
    assert_int_equal(count_prefix(net, "ID-PB-"), PROC_COMMITS);
    for (k = 0; k < 2; k++) {
        unsigned i;
        for (i = 1; i <= PROC_COMMITS; i++) {
            char ext[32];
            km_partner *p = NULL;
            snprintf(ext, sizeof ext, "ID-%s-%05u", prefixes[k], i);
            assert_int_equal(km_partner_get_by_external_id(&p, net, ext), 0);
            km_partner_free(p);
        }
    }
    /* Each entry is one create, written by the actor of its partner. */
    {
        km_audit_query q = KM_AUDIT_QUERY_INIT;
        size_t i;
        uint64_t seen = 0;
        q.limit = 1000;
        assert_int_equal(km_audit_list(&audit, net, &q), 0);
        for (i = 0; i < km_audit_count(audit); i++) {
            uint64_t id = km_audit_entity_id(audit, i);
            km_partner *p = NULL;
            assert_string_equal(km_audit_operation(audit, i), "partner.create");
            assert_int_equal(km_partner_get(&p, net, id), 0);
            assert_memory_equal(km_partner_external_id(p) + 3, km_audit_actor(audit, i), 2);
            km_partner_free(p);
            seen++;
        }
        assert_int_equal(seen, 2 * PROC_COMMITS);
        km_audit_free(audit);
    }
    /* Both children's views after refresh agree with each other and with
     * a fresh open. */
    assert_int_equal(km_network_head_hash(head, net), 0);
    for (k = 0; k < 2; k++) {
        assert_int_equal(r[k].seq, 2 * PROC_COMMITS);
        assert_string_equal(r[k].head, head);
    }
    expect_verified(net);
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_and_reopen, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_open_arguments, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_no_create_missing, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_read_only, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_bad_header, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_newer_format, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_empty_file, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_torn_tails, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_bad_crc_before_tail, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_loaded, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_corrupted_ignored, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_from_other_store, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_time_travel, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_sync_modes, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_two_handles, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_stale_writer_meets_corruption, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_stale_snapshot_tmp_swept, test_setup, test_teardown),
        cmocka_unit_test_setup_teardown(test_two_processes, test_setup, test_teardown),
    };
    return cmocka_run_group_tests_name("file", tests, group_setup, group_teardown);
}
