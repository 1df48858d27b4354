/* `kmbench workload`: operations a1..g of ../shared/bench/workload.md on
 * kemitraan and on the SQLite baseline, side by side in one run.
 *
 *   kmbench workload [--n N] [--modes LIST] [--repeat R] [--dir DIR]
 *                    [--json | --markdown]
 *
 * Every engine and mode runs in a child process of its own (fork), one after
 * the other, so peak RSS is per side and no run warms another's heap. The
 * parent first checks the data generator against the golden values of
 * section 7 (N = 10,000, 100,000, 1,000,000), then checks every op checksum
 * against the golden ones (N = 100,000 and 1,000,000) and, at any N,
 * that all runs agree op by op. Any mismatch names the op and both values
 * and makes the exit status 1. Times are never pass/fail. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kmbench.h"
#include "../workload.h"

/* ---- helpers shared by the runners ---- */

static int g_result_fd = -1;
static clockid_t g_clock = CLOCK_MONOTONIC;

double wl_now(void)
{
    struct timespec ts;
    clock_gettime(g_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Progress messages always use the wall clock. */
static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint64_t wl_peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (uint64_t)ru.ru_maxrss;
}

int wl_reset_peak_rss(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    int ok;
    if (!f) return -1;
    ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

uint64_t wl_status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    size_t n = strlen(field);
    unsigned long long v = 0;
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':' && sscanf(line + n + 1, "%llu", &v) == 1) break;
    fclose(f);
    return (uint64_t)v;
}

uint64_t wl_file_bytes(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double wl_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

uint32_t wl_sector_bit(const char *name)
{
    /* (third letter + 4 x fourth letter) mod 128 differs between the 20
     * sector names, so those two letters name the sector: one table read.
     * This runs once per sector of every record read by ops (b), (c) and
     * (d), on the client's side only (SQLite keeps the mask as an
     * integer). Comparing the whole name here (a strcmp, or strlen and
     * memcmp) took ops (b) and (d) from about 0.2 us to 0.4 us a lookup at
     * N = 1,000,000: the longer loop body keeps the processor from
     * starting the next lookup while one waits for memory (see "The
     * memory floor of a lookup" in docs/performance.md). The rest of every
     * name is checked where it is not timed: wl_kemitraan.c reads every
     * partner back after the operations and compares each field byte for
     * byte with the generator, and the checksums of (b)-(d) check the two
     * letters read here. */
    static int8_t slot[128];
    static int ready;
    int i;
    if (!ready) {
        memset(slot, -1, sizeof slot);
        for (i = 0; i < 20; i++) {
            const unsigned char *s = (const unsigned char *)wl_sector_names[i];
            unsigned k = (s[2] + 4u * s[3]) & 127u;
            if (slot[k] >= 0) abort(); /* two names share a slot: the map above is wrong */
            slot[k] = (int8_t)i;
        }
        ready = 1;
    }
    if (!name[0] || !name[1] || !name[2]) return 0;
    i = slot[((unsigned char)name[2] + 4u * (unsigned char)name[3]) & 127u];
    return i >= 0 ? 1u << i : 0;
}

static void write_all(int fd, const void *p, size_t n)
{
    const char *c = (const char *)p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        c += w;
        n -= (size_t)w;
    }
}

void wl_fail(wl_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->ok = 0;
    if (g_result_fd >= 0) write_all(g_result_fd, r, sizeof *r);
    _exit(1);
}

/* ---- the data generator against section 7 ---- */

static const char *const golden_data[] = {
    /* N >= 3,000 */
    "partner id=1 type=1 region=25.71 sectors=5 mask=32 name=\"Mgieset Myrocwk Garmyiif\" ext=ID-NIB-5859874482048",
    "partner id=2 type=0 region=31.73 sectors=16,11 mask=67584 name=\"Mnpdrvr Tmhqvot Lydulpfc\" ext=ID-NIB-9001467135637",
    "partner id=3 type=0 region=26.05 sectors=9,18,2 mask=262660 name=\"Ceibujp Kwxaozt Tjjfuszx\" ext=ID-NIB-2143059789226",
};

typedef struct golden_size {
    uint64_t n;
    const char *lines[6];
    uint64_t ops[WOP__COUNT]; /* 0: none */
} golden_size;

static const golden_size golden_sizes[] = {
    { 10000,
      { "agreement id=1 parties=90,9892,154,4471 type=2 start=2016-08-22 value=177873000",
        "partners: sum(type)=44828 sum(mask)=1019966160 namehash31=4375679890433228961",
        "agreements: party_rows=59730 sum(party_id)=150640006 sum(value)=2183088944359100 agreements_of_partner1=2631",
        NULL },
      { 0 } },
    { 100000,
      { "partner id=100000 type=4 region=12.01 sectors=2,11,13 mask=10244 name=\"Tommywk Ccyacij Vpsoquxy\" ext=ID-NIB-1983640728459",
        "agreement id=1 parties=898,98911,1534,44707 type=2 start=2016-08-22 value=177873000",
        "agreement id=200000 parties=6426,5164,17016,96994 type=1 start=2020-11-22 value=83900000",
        "partners: sum(type)=448835 sum(mask)=10367079111 namehash31=9354273135465720334",
        "agreements: party_rows=599651 sum(party_id)=14972601714 sum(value)=22226027321331200 agreements_of_partner1=12731 partners_without_agreement=5083",
        NULL },
      { 10367079111ULL, 22226027321331200ULL, 103871919910ULL, 50025357619ULL, 9712824123ULL,
        64763483384530666ULL, 100028254695975800ULL, 96341296ULL } },
    { 1000000,
      { "partner id=1000000 type=6 region=16.74 sectors=13 mask=8192 name=\"Lmlytmg Ffhxqvd Sigldbnn\" ext=ID-NIB-5371870828459",
        "agreement id=1 parties=8978,989108,15332,447063 type=2 start=2016-08-22 value=177873000",
        "agreement id=2000000 parties=891211,36634,617652 type=5 start=2018-09-13 value=554092000000",
        "partners: sum(type)=4501105 sum(mask)=104892008204 namehash31=17388593863839559662",
        "agreements: party_rows=5997974 sum(party_id)=1498536599296 sum(value)=222699945531528100 agreements_of_partner1=59246 partners_without_agreement=50579",
        NULL },
      { 104892008204ULL, 222699945531528100ULL, 104978873572ULL, 500374157619ULL, 250280744030ULL,
        65457916636883026ULL, 1003039083003137200ULL, 105478527ULL } },
};

static const golden_size *golden_for(uint64_t n)
{
    size_t i;
    for (i = 0; i < sizeof golden_sizes / sizeof golden_sizes[0]; i++)
        if (golden_sizes[i].n == n) return &golden_sizes[i];
    return NULL;
}

typedef struct lines {
    char (*v)[256];
    size_t n, cap;
} lines;

static void add_line(lines *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = (char (*)[256])realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) abort();
    }
    snprintf(l->v[l->n++], 256, "%s", s);
}

static void partner_line(lines *l, const wl_partner *p)
{
    char buf[256], sec[64];
    int i, k = 0;
    for (i = 0; i < p->n_sectors; i++) k += snprintf(sec + k, sizeof sec - (size_t)k, "%s%d", i ? "," : "", p->sectors[i]);
    snprintf(buf, sizeof buf, "partner id=%llu type=%d region=%s sectors=%s mask=%u name=\"%s\" ext=%s",
             (unsigned long long)p->id, p->type, p->region, sec, p->mask, p->name, p->ext);
    add_line(l, buf);
}

static void agreement_line(lines *l, const wl_agreement *a)
{
    char buf[256], par[96], date[11];
    int i, k = 0;
    for (i = 0; i < a->n_parties; i++)
        k += snprintf(par + k, sizeof par - (size_t)k, "%s%llu", i ? "," : "", (unsigned long long)a->parties[i]);
    wl_date(date, a->start_day);
    snprintf(buf, sizeof buf, "agreement id=%llu parties=%s type=%d start=%s value=%lld", (unsigned long long)a->id,
             par, a->type, date, (long long)a->value);
    add_line(l, buf);
}

/* Length of the key of a line: "partner id=12", "agreements:", ... */
static size_t key_len(const char *s)
{
    const char *sp = strchr(s, ' ');
    if (sp && strncmp(s, "partner ", 8) != 0 && strncmp(s, "agreement ", 10) != 0) return (size_t)(sp - s);
    if (sp) sp = strchr(sp + 1, ' ');
    return sp ? (size_t)(sp - s) : strlen(s);
}

static int check_line(const lines *l, const char *want)
{
    size_t i, k = key_len(want);
    const char *near = NULL;
    for (i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], want) == 0) return 0;
        if (strncmp(l->v[i], want, k) == 0) near = l->v[i];
    }
    fprintf(stderr, "kmbench: data mismatch\n  expected: %s\n  got:      %s\n", want, near ? near : "(nothing)");
    return 1;
}

/* Generates the whole data set and checks it against every golden value
 * that exists for n. Returns the number of mismatches; *checked = lines. */
static int check_data(uint64_t n, int *checked)
{
    const golden_size *gs = golden_for(n);
    uint64_t id, m = 2 * n, sum_type = 0, sum_mask = 0, hash = 0, rows = 0, sum_party = 0, sum_value = 0, p1 = 0,
                  without = 0;
    unsigned char *has = (unsigned char *)calloc((size_t)n + 1, 1);
    lines l = { NULL, 0, 0 };
    char buf[256];
    wl_rng g;
    int bad = 0, i;
    if (!has) abort();
    wl_init(&g, WL_PARTNERS);
    for (id = 1; id <= n; id++) {
        wl_partner p;
        const char *c;
        wl_partner_next(&g, id, n, &p);
        sum_type += (uint64_t)p.type;
        sum_mask += p.mask;
        for (c = p.name; *c; c++) hash = hash * 31 + (unsigned char)*c;
        if (id <= 3 || id == n) partner_line(&l, &p);
    }
    wl_init(&g, WL_AGREEMENTS);
    for (id = 1; id <= m; id++) {
        wl_agreement a;
        wl_agreement_next(&g, id, n, &a);
        for (i = 0; i < a.n_parties; i++) {
            rows++;
            sum_party += a.parties[i];
            p1 += a.parties[i] == 1;
            has[a.parties[i]] = 1;
        }
        sum_value += (uint64_t)a.value;
        if (id == 1 || id == m) agreement_line(&l, &a);
    }
    for (id = 1; id <= n; id++) without += !has[id];
    free(has);
    snprintf(buf, sizeof buf, "partners: sum(type)=%llu sum(mask)=%llu namehash31=%llu", (unsigned long long)sum_type,
             (unsigned long long)sum_mask, (unsigned long long)hash);
    add_line(&l, buf);
    snprintf(buf, sizeof buf, "agreements: party_rows=%llu sum(party_id)=%llu sum(value)=%llu agreements_of_partner1=%llu",
             (unsigned long long)rows, (unsigned long long)sum_party, (unsigned long long)sum_value,
             (unsigned long long)p1);
    add_line(&l, buf);
    snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " partners_without_agreement=%llu", (unsigned long long)without);
    add_line(&l, buf);
    *checked = 0;
    if (n >= 3000) {
        for (i = 0; i < 3; i++) bad += check_line(&l, golden_data[i]);
        *checked += 3;
    }
    if (gs) {
        for (i = 0; gs->lines[i]; i++) {
            bad += check_line(&l, gs->lines[i]);
            ++*checked;
        }
    }
    free(l.v);
    return bad;
}

/* ---- runs ---- */

typedef struct run_def {
    const char *name;   /* km-memory, sql-full, ... */
    const char *title;  /* column heading */
    int sqlite;
    int mode;
} run_def;

static const run_def runs[] = {
    { "km-memory", "kemitraan memory", 0, KMM_MEMORY },
    { "sql-memory", "SQLite :memory:", 1, SQLM_MEMORY },
    { "km-normal", "kemitraan file normal", 0, KMM_NORMAL },
    { "sql-normal", "SQLite WAL NORMAL", 1, SQLM_NORMAL },
    { "km-full", "kemitraan file full", 0, KMM_FULL },
    { "sql-full", "SQLite WAL FULL", 1, SQLM_FULL },
    { "km-off", "kemitraan file off", 0, KMM_OFF },
};
#define N_RUNS (sizeof runs / sizeof runs[0])

/* Column groups of the table: kemitraan run vs SQLite run (-1: none). */
typedef struct pairing {
    const char *name;
    int km, sql;
} pairing;

static const pairing pairings[] = {
    { "memory", 0, 1 },
    { "normal", 2, 3 },
    { "full", 4, 5 },
    { "off", 6, -1 },
};
#define N_PAIRINGS (sizeof pairings / sizeof pairings[0])

static const char *const op_names[WOP__COUNT] = { "a1", "a2", "b", "c", "d", "e", "f", "g" };

static int select_modes(const char *list, int *want)
{
    char buf[512], *tok, *save = NULL;
    size_t i;
    snprintf(buf, sizeof buf, "%s", list);
    memset(want, 0, N_RUNS * sizeof *want);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int found = 0;
        for (i = 0; i < N_RUNS; i++) {
            const char *suffix = runs[i].name + (runs[i].sqlite ? 4 : 3);
            if (strcmp(tok, "all") == 0 || strcmp(tok, runs[i].name) == 0 || strcmp(tok, suffix) == 0) {
                want[i] = 1;
                found = 1;
            }
        }
        if (!found) {
            fprintf(stderr, "kmbench: unknown mode \"%s\" (all, memory, normal, full, off, km-*, sql-*)\n", tok);
            return -1;
        }
    }
    return 0;
}

static int run_child(const wl_opts *o, const run_def *d, wl_result *r)
{
    int fds[2], status = 0;
    pid_t pid;
    size_t got = 0;
    memset(r, 0, sizeof *r);
    if (pipe(fds) != 0) {
        snprintf(r->error, sizeof r->error, "pipe: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        snprintf(r->error, sizeof r->error, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        g_result_fd = fds[1];
        if (d->sqlite) wl_run_sqlite(o, d->mode, r);
        else wl_run_kemitraan(o, d->mode, r);
        write_all(fds[1], r, sizeof *r);
        _exit(0);
    }
    close(fds[1]);
    while (got < sizeof *r) {
        ssize_t n = read(fds[0], (char *)r + got, sizeof *r - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (got != sizeof *r) {
        memset(r, 0, sizeof *r);
        snprintf(r->error, sizeof r->error, "child died (%s %d)", WIFSIGNALED(status) ? "signal" : "exit",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
        return -1;
    }
    return r->ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- figures ---- */

enum { FIG_RATE, FIG_TIME, FIG_BYTES };

typedef struct row_def {
    const char *label;
    int kind;
    int op;        /* WOP_* for op rows, else -1 */
    int field;     /* for other rows: which value */
    int km_has;    /* the kemitraan side has the figure */
    int sql_has;
} row_def;

enum { FLD_RSS, FLD_STORE, FLD_WAL, FLD_SNAPFILE, FLD_SNAPWRITE, FLD_SNAPRSS, FLD_REPLAY, FLD_SNAPOPEN };

static const row_def rows_def[] = {
    { "a1 insert partners (1,000/txn)", FIG_RATE, WOP_A1, 0, 1, 1 },
    { "a2 insert agreements (1,000/txn)", FIG_RATE, WOP_A2, 0, 1, 1 },
    { "b  lookup by id", FIG_RATE, WOP_B, 0, 1, 1 },
    { "c  lookup by external id", FIG_RATE, WOP_C, 0, 1, 1 },
    { "d  count + page of 50 by name", FIG_RATE, WOP_D, 0, 1, 1 },
    { "e  agreements of a partner", FIG_RATE, WOP_E, 0, 1, 1 },
    { "f  value per type (1 query)", FIG_TIME, WOP_F, 0, 1, 1 },
    { "g  single-row durable commits", FIG_RATE, WOP_G, 0, 1, 1 },
    { "peak RSS", FIG_BYTES, -1, FLD_RSS, 1, 1 },
    { "store size (log; pages)", FIG_BYTES, -1, FLD_STORE, 1, 1 },
    { "WAL after the load", FIG_BYTES, -1, FLD_WAL, 0, 1 },
    { "snapshot; db after checkpoint", FIG_BYTES, -1, FLD_SNAPFILE, 1, 1 },
    { "snapshot write", FIG_TIME, -1, FLD_SNAPWRITE, 1, 0 },
    { "RSS added by the snapshot write", FIG_BYTES, -1, FLD_SNAPRSS, 1, 0 },
    { "reopen + 1st query, replay log", FIG_TIME, -1, FLD_REPLAY, 1, 1 },
    { "reopen + 1st query, snapshot", FIG_TIME, -1, FLD_SNAPOPEN, 1, 1 },
};
#define N_ROWS (sizeof rows_def / sizeof rows_def[0])

/* The figure of a row for a result: 1 and *v, or 0 when it does not apply. */
static int figure(const row_def *rd, const wl_result *r, int is_sql, int memory_mode, double *v)
{
    if (!r || !r->ok) return 0;
    if (is_sql ? !rd->sql_has : !rd->km_has) return 0;
    if (rd->op >= 0) {
        if (rd->kind == FIG_TIME) *v = r->seconds[rd->op];
        else *v = r->seconds[rd->op] > 0 ? (double)r->count[rd->op] / r->seconds[rd->op] : 0;
        return 1;
    }
    switch (rd->field) {
    case FLD_RSS: *v = (double)r->peak_rss_kb * 1024.0; return 1;
    case FLD_STORE: *v = (double)r->store_bytes; return 1;
    case FLD_WAL: *v = (double)r->wal_bytes; return !memory_mode;
    case FLD_SNAPFILE: *v = (double)(is_sql ? r->checkpointed_bytes : r->snapshot_bytes); return r->has_reopen;
    case FLD_SNAPWRITE: *v = r->snapshot_write_s; return r->has_reopen;
    case FLD_SNAPRSS: *v = (double)r->snapshot_rss_added_kb * 1024.0; return r->has_reopen && r->has_snapshot_rss;
    case FLD_REPLAY: *v = r->reopen_replay_s; return r->has_reopen;
    case FLD_SNAPOPEN: *v = r->reopen_snapshot_s; return r->has_reopen;
    }
    return 0;
}

static void fmt(char *out, size_t size, int kind, double v)
{
    if (kind == FIG_RATE) {
        if (v >= 1e6) snprintf(out, size, "%.2fM/s", v / 1e6);
        else if (v >= 1e4) snprintf(out, size, "%.1fk/s", v / 1e3);
        else snprintf(out, size, "%.0f/s", v);
    } else if (kind == FIG_TIME) {
        if (v >= 1) snprintf(out, size, "%.2f s", v);
        else if (v >= 1e-3) snprintf(out, size, "%.2f ms", v * 1e3);
        else snprintf(out, size, "%.1f us", v * 1e6);
    } else {
        snprintf(out, size, "%.1f MB", v / 1e6);
    }
}

/* kemitraan's advantage: > 1 means kemitraan is faster or smaller. */
static double ratio(int kind, double km, double sql)
{
    if (kind == FIG_RATE) return sql > 0 ? km / sql : 0;
    return km > 0 ? sql / km : 0;
}

static void print_table(const wl_opts *o, const wl_result *res, const int *ran, int markdown)
{
    size_t p, i;
    int first = 1;
    char a[32], b[32], c[32];
    if (markdown) {
        printf("| operation |");
        for (p = 0; p < N_PAIRINGS; p++) {
            if (!ran[pairings[p].km] && (pairings[p].sql < 0 || !ran[pairings[p].sql])) continue;
            printf(" %s | %s | ratio |", runs[pairings[p].km].title,
                   pairings[p].sql >= 0 ? runs[pairings[p].sql].title : "(no SQLite pair)");
        }
        printf("\n|---|");
        for (p = 0; p < N_PAIRINGS; p++) {
            if (!ran[pairings[p].km] && (pairings[p].sql < 0 || !ran[pairings[p].sql])) continue;
            printf("---:|---:|---:|");
        }
        printf("\n");
    } else {
        printf("kmbench workload: N=%llu partners, M=%llu agreements, repeat=%d, %s clock (ratio > 1: kemitraan faster or smaller)\n\n",
               (unsigned long long)o->n, (unsigned long long)(2 * o->n), o->repeat,
               g_clock == CLOCK_MONOTONIC ? "wall" : "CPU");
        printf("%-32s", "operation");
        for (p = 0; p < N_PAIRINGS; p++) {
            char head[64];
            if (!ran[pairings[p].km] && (pairings[p].sql < 0 || !ran[pairings[p].sql])) continue;
            snprintf(head, sizeof head, "%s vs %s", runs[pairings[p].km].name,
                     pairings[p].sql >= 0 ? runs[pairings[p].sql].name : "-");
            printf(" | %-30s", head);
        }
        printf("\n");
    }
    for (i = 0; i < N_ROWS; i++) {
        const row_def *rd = &rows_def[i];
        printf(markdown ? "| %s |" : "%-32s", rd->label);
        for (p = 0; p < N_PAIRINGS; p++) {
            const pairing *pp = &pairings[p];
            const wl_result *k = ran[pp->km] ? &res[pp->km] : NULL;
            const wl_result *s = pp->sql >= 0 && ran[pp->sql] ? &res[pp->sql] : NULL;
            int memory_mode = runs[pp->km].mode == KMM_MEMORY;
            double kv = 0, sv = 0;
            int hk, hs;
            if (!ran[pp->km] && (pp->sql < 0 || !ran[pp->sql])) continue;
            hk = figure(rd, k, 0, memory_mode, &kv);
            hs = figure(rd, s, 1, memory_mode, &sv);
            if (hk) fmt(a, sizeof a, rd->kind, kv);
            else snprintf(a, sizeof a, "-");
            if (hs) fmt(b, sizeof b, rd->kind, sv);
            else snprintf(b, sizeof b, "-");
            if (hk && hs && ratio(rd->kind, kv, sv) > 0) snprintf(c, sizeof c, "%.2fx", ratio(rd->kind, kv, sv));
            else snprintf(c, sizeof c, "-");
            if (markdown) printf(" %s | %s | %s |", a, b, c);
            else printf(" | %10s %10s %8s", a, b, c);
        }
        printf("\n");
        (void)first;
    }
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20) fprintf(f, "\\u%04x", *s);
        else fputc(*s, f);
    }
    fputc('"', f);
}

static void machine_info(char *cpu, size_t cpu_size, char *load, size_t load_size)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    snprintf(cpu, cpu_size, "?");
    snprintf(load, load_size, "?");
    if (f) {
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "model name", 10) == 0) {
                char *c = strchr(line, ':');
                if (c) {
                    c += 2;
                    c[strcspn(c, "\n")] = '\0';
                    if (strlen(c) >= cpu_size) c[cpu_size - 1] = '\0';
                    memcpy(cpu, c, strlen(c) + 1);
                }
                break;
            }
        }
        fclose(f);
    }
    f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            line[load_size - 1] = '\0';
            memcpy(load, line, strlen(line) + 1);
        }
        fclose(f);
    }
}

static void print_json(FILE *f, const wl_opts *o, const wl_result *res, const int *ran, int data_checked, int ops_golden,
                       int ok)
{
    char cpu[256], load[128];
    size_t i, p, k;
    int first = 1;
    machine_info(cpu, sizeof cpu, load, sizeof load);
    fprintf(f, "{\"workload\":\"v1\",\"n\":%llu,\"m\":%llu,\"repeat\":%d,\"clock\":\"%s\",", (unsigned long long)o->n,
           (unsigned long long)(2 * o->n), o->repeat, g_clock == CLOCK_MONOTONIC ? "wall" : "cpu");
    fprintf(f, "\"machine\":{\"nproc\":%ld,\"cpu\":", sysconf(_SC_NPROCESSORS_ONLN));
    json_str(f, cpu);
    fprintf(f, ",\"loadavg_before\":");
    json_str(f, load);
    fprintf(f, "},\"checks\":{\"ok\":%s,\"data_golden_lines\":%d,\"ops\":\"%s\"},\"runs\":{", ok ? "true" : "false",
           data_checked, ops_golden ? "golden" : "consistency");
    for (i = 0; i < N_RUNS; i++) {
        const wl_result *r = &res[i];
        if (!ran[i]) continue;
        fprintf(f, "%s\"%s\":{\"ok\":%s", first ? "" : ",", runs[i].name, r->ok ? "true" : "false");
        first = 0;
        if (!r->ok) {
            fprintf(f, ",\"error\":");
            json_str(f, r->error);
            fprintf(f, "}");
            continue;
        }
        fprintf(f, ",\"ops\":{");
        for (k = 0; k < WOP__COUNT; k++)
            fprintf(f, "%s\"%s\":{\"seconds\":%.9g,\"count\":%llu,\"per_s\":%.6g,\"checksum\":%llu}", k ? "," : "",
                   op_names[k], r->seconds[k], (unsigned long long)r->count[k],
                   r->seconds[k] > 0 ? (double)r->count[k] / r->seconds[k] : 0.0, (unsigned long long)r->checksum[k]);
        fprintf(f, "},\"e_rows\":%llu,\"peak_rss_kb\":%llu,\"store_bytes\":%llu", (unsigned long long)r->e_rows,
               (unsigned long long)r->peak_rss_kb, (unsigned long long)r->store_bytes);
        if (runs[i].sqlite && runs[i].mode != SQLM_MEMORY)
            fprintf(f, ",\"wal_bytes_after_load\":%llu,\"db_bytes_after_checkpoint\":%llu,\"reopen_s\":%.9g",
                   (unsigned long long)r->wal_bytes, (unsigned long long)r->checkpointed_bytes, r->reopen_replay_s);
        if (!runs[i].sqlite && r->has_reopen)
            fprintf(f, ",\"snapshot_bytes\":%llu,\"snapshot_write_s\":%.9g,\"reopen_replay_s\":%.9g,\"reopen_snapshot_s\":%.9g",
                   (unsigned long long)r->snapshot_bytes, r->snapshot_write_s, r->reopen_replay_s,
                   r->reopen_snapshot_s);
        if (!runs[i].sqlite && r->has_reopen && r->has_snapshot_rss)
            fprintf(f, ",\"snapshot_rss_added_kb\":%llu", (unsigned long long)r->snapshot_rss_added_kb);
        fprintf(f, "}");
    }
    fprintf(f, "},\"ratios\":{");
    first = 1;
    for (p = 0; p < N_PAIRINGS; p++) {
        const pairing *pp = &pairings[p];
        int f2 = 1;
        if (pp->sql < 0 || !ran[pp->km] || !ran[pp->sql] || !res[pp->km].ok || !res[pp->sql].ok) continue;
        fprintf(f, "%s\"%s\":{", first ? "" : ",", pp->name);
        first = 0;
        for (i = 0; i < N_ROWS; i++) {
            const row_def *rd = &rows_def[i];
            double kv, sv;
            int memory_mode = runs[pp->km].mode == KMM_MEMORY;
            if (!figure(rd, &res[pp->km], 0, memory_mode, &kv) || !figure(rd, &res[pp->sql], 1, memory_mode, &sv))
                continue;
            if (rd->op >= 0) fprintf(f, "%s\"%s\":%.4g", f2 ? "" : ",", op_names[rd->op], ratio(rd->kind, kv, sv));
            else if (rd->field == FLD_RSS) fprintf(f, "%s\"peak_rss\":%.4g", f2 ? "" : ",", ratio(rd->kind, kv, sv));
            else if (rd->field == FLD_STORE) fprintf(f, "%s\"store_size\":%.4g", f2 ? "" : ",", ratio(rd->kind, kv, sv));
            else if (rd->field == FLD_REPLAY) fprintf(f, "%s\"reopen_replay\":%.4g", f2 ? "" : ",", ratio(rd->kind, kv, sv));
            else if (rd->field == FLD_SNAPOPEN) fprintf(f, "%s\"reopen_snapshot\":%.4g", f2 ? "" : ",", ratio(rd->kind, kv, sv));
            else continue;
            f2 = 0;
        }
        fprintf(f, "}");
    }
    fprintf(f, "}}\n");
}

static void usage(void)
{
    fprintf(stderr,
            "usage: kmbench workload [--n N] [--modes LIST] [--repeat R] [--dir DIR] [--keep] [--cpu-time]\n"
            "                        [--json | --markdown] [--json-out FILE]\n"
            "  --n N        partners (agreements: 2N); default 100000. Golden checksums exist for\n"
            "               100000 and 1000000, golden data for 10000 too; any other N checks that\n"
            "               every run agrees op by op\n"
            "  --modes LIST comma-separated: all (default), memory, normal, full, off, or one run:\n"
            "               km-memory, km-normal, km-full, km-off, sql-memory, sql-normal, sql-full\n"
            "  --repeat R   run each of b, c, d, e R times and report the median (default 1)\n"
            "  --dir DIR    where the file modes keep their stores (default /tmp)\n"
            "  --keep       leave the kemitraan file stores there (for kmbench reopen)\n"
            "  --cpu-time   time with the process CPU clock instead of the wall clock: a\n"
            "               diagnostic for a loaded machine (waits for the disk do not count)\n"
            "  --json       print one JSON object instead of the table\n"
            "  --markdown   print the table as Markdown\n"
            "  --json-out F also write the JSON object to file F\n");
}

int kmbench_workload_main(int argc, char **argv)
{
    wl_opts o;
    wl_result res[N_RUNS];
    int want[N_RUNS], ran[N_RUNS], json = 0, markdown = 0, i, data_checked = 0, bad = 0, failed = 0;
    const char *modes = "all", *json_out = NULL;
    const golden_size *gs;
    size_t r, k;
    double t0;

    o.n = 100000;
    o.repeat = 1;
    o.dir = "/tmp";
    o.keep = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc) o.n = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--modes") == 0 && i + 1 < argc) modes = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) o.repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) o.dir = argv[++i];
        else if (strcmp(argv[i], "--keep") == 0) o.keep = 1;
        else if (strcmp(argv[i], "--json") == 0) json = 1;
        else if (strcmp(argv[i], "--markdown") == 0) markdown = 1;
        else if (strcmp(argv[i], "--json-out") == 0 && i + 1 < argc) json_out = argv[++i];
        else if (strcmp(argv[i], "--cpu-time") == 0) g_clock = CLOCK_PROCESS_CPUTIME_ID;
        else {
            usage();
            return 2;
        }
    }
    if (o.n < 3 || o.n > 100000000 || o.repeat < 1 || o.repeat > 64 || select_modes(modes, want) != 0) {
        usage();
        return 2;
    }

    t0 = wall_now();
    bad = check_data(o.n, &data_checked);
    fprintf(stderr, "kmbench: data generator: %d golden line%s checked, %d mismatch%s (%.2f s)\n", data_checked,
            data_checked == 1 ? "" : "s", bad, bad == 1 ? "" : "es", wall_now() - t0);

    memset(ran, 0, sizeof ran);
    for (r = 0; r < N_RUNS; r++) {
        if (!want[r]) continue;
        fprintf(stderr, "kmbench: running %s ...\n", runs[r].name);
        t0 = wall_now();
        ran[r] = 1;
        if (run_child(&o, &runs[r], &res[r]) != 0) {
            fprintf(stderr, "kmbench: %s failed: %s\n", runs[r].name, res[r].error[0] ? res[r].error : "?");
            failed++;
            continue;
        }
        fprintf(stderr, "kmbench: %s done in %.1f s\n", runs[r].name, wall_now() - t0);
    }

    /* Checksums: golden values where they exist, and every run agrees. */
    gs = golden_for(o.n);
    for (k = 0; k < WOP__COUNT; k++) {
        int ref = -1;
        for (r = 0; r < N_RUNS; r++) {
            if (!ran[r] || !res[r].ok) continue;
            if (gs && gs->ops[k] && res[r].checksum[k] != gs->ops[k]) {
                fprintf(stderr, "kmbench: CHECKSUM MISMATCH op %s, %s: got %llu, golden %llu\n", op_names[k],
                        runs[r].name, (unsigned long long)res[r].checksum[k], (unsigned long long)gs->ops[k]);
                bad++;
            }
            if (ref < 0) {
                ref = (int)r;
            } else if (res[r].checksum[k] != res[ref].checksum[k] ||
                       (k == WOP_E && res[r].e_rows != res[ref].e_rows)) {
                fprintf(stderr, "kmbench: CHECKSUM MISMATCH op %s: %s got %llu (%llu rows), %s got %llu (%llu rows)\n",
                        op_names[k], runs[r].name, (unsigned long long)res[r].checksum[k],
                        (unsigned long long)res[r].e_rows, runs[ref].name, (unsigned long long)res[ref].checksum[k],
                        (unsigned long long)res[ref].e_rows);
                bad++;
            }
        }
    }
    fprintf(stderr, "kmbench: checksums: %s, %d mismatch%s, %d run%s failed\n",
            gs && gs->ops[0] ? "golden values and agreement between runs" : "agreement between runs (no golden values for this N)",
            bad, bad == 1 ? "" : "es", failed, failed == 1 ? "" : "s");

    if (json) print_json(stdout, &o, res, ran, data_checked, gs && gs->ops[0], bad == 0 && failed == 0);
    else print_table(&o, res, ran, markdown);
    if (json_out) {
        FILE *f = fopen(json_out, "w");
        if (!f) {
            fprintf(stderr, "kmbench: cannot write %s: %s\n", json_out, strerror(errno));
            return 1;
        }
        print_json(f, &o, res, ran, data_checked, gs && gs->ops[0], bad == 0 && failed == 0);
        fclose(f);
    }
    return bad == 0 && failed == 0 ? 0 : 1;
}
