/* The workload on kemitraan, through the public API only: the memory store,
 * or the file store under one sync policy. Each op is timed on its own and
 * computes the checksum of ../shared/bench/workload.md section 6 from what
 * the library returns (not from the generator), so a wrong answer shows. */
#include <kemitraan/kemitraan.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmbench.h"
#include "../workload.h"

static void check(wl_result *r, int rc, const char *what)
{
    if (rc != 0) wl_fail(r, "kemitraan: %s: %s (%s)", what, km_strerror(rc), km_error_last_message(KM_LANG_EN));
}

static uint32_t mask_of(const km_partner *p)
{
    size_t i, n = km_partner_sector_count(p);
    uint32_t m = 0;
    for (i = 0; i < n; i++) m |= wl_sector_bit(km_partner_sector(p, i));
    return m;
}

/* Reads every field of a handle, as a caller showing the record would. */
static uint64_t touch(const km_partner *p)
{
    const char *name = km_partner_name(p), *ext = km_partner_external_id(p), *region = km_partner_region(p);
    return (uint64_t)(unsigned char)name[0] + (uint64_t)(unsigned char)ext[0] + (uint64_t)(region ? region[0] : 0);
}

static void create_partner(wl_result *r, km_network *net, wl_rng *g, uint64_t id, uint64_t n, uint64_t *sum)
{
    wl_partner p;
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    const char *sectors[3];
    uint64_t got;
    int i;
    wl_partner_next(g, id, n, &p);
    for (i = 0; i < p.n_sectors; i++) sectors[i] = wl_sector_names[p.sectors[i]];
    f.name = p.name;
    f.external_id = p.ext;
    f.kind = p.type;
    f.region = p.region;
    f.sectors = sectors;
    f.sectors_count = (size_t)p.n_sectors;
    check(r, km_partner_create(&got, net, &f), "partner create");
    if (got != id) wl_fail(r, "kemitraan: partner %llu got id %llu", (unsigned long long)id, (unsigned long long)got);
    *sum += p.mask;
}

/* Brings the partners' filter sets up to date, inside the timing of the op
 * that created them. The library indexes a commit's partners at a later
 * commit (once 65,536 wait) or at the first listing or count, which op d
 * would then pay; SQLite's inserts pay for their index at once. A count by
 * kind is such a reader, and costs nothing else measurable. */
static void index_now(wl_result *r, km_network *net)
{
    km_partner_query q = KM_PARTNER_QUERY_INIT;
    uint64_t count = 0;
    q.kind = 0;
    check(r, km_partner_count(&count, net, &q), "partner count");
}

static void op_a1(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t id, sum = 0;
    double t0;
    wl_init(&g, WL_PARTNERS);
    t0 = wl_now();
    for (id = 1; id <= n; id++) {
        if ((id - 1) % 1000 == 0) check(r, km_network_begin(net), "begin");
        create_partner(r, net, &g, id, n, &sum);
        if (id % 1000 == 0 || id == n) check(r, km_network_commit(net), "commit");
    }
    index_now(r, net);
    r->seconds[WOP_A1] = wl_now() - t0;
    r->count[WOP_A1] = n;
    r->checksum[WOP_A1] = sum;
}

/* "WL-" and the id in decimal: the shortest unique reference (see op_a2).
 * Written by hand: snprintf took about 47 ns a call on the benchmark
 * machine and this 8, some 3% of an agreement's creation, spent on the
 * client's side only (SQLite's rows have no reference). */
static void agreement_ref(char out[32], uint64_t id)
{
    char digits[20];
    int n = 0;
    do {
        digits[n++] = (char)('0' + id % 10);
        id /= 10;
    } while (id);
    memcpy(out, "WL-", 3);
    for (out += 3; n > 0; n--) *out++ = digits[n - 1];
    *out = '\0';
}

void wl_agreement_fields(km_agreement_fields *f, const wl_agreement *a, char ref[32], char start[11])
{
    static const uint32_t roles[4] = { KM_ROLE_FUNDING, KM_ROLE_ACCOUNTABLE, KM_ROLE_EXTENDING, KM_ROLE_IMPLEMENTING };
    wl_date(start, a->start_day);
    /* kemitraan requires a title and a unique reference, which the
     * SQLite schema does not have: the shortest honest ones. */
    agreement_ref(ref, a->id);
    f->title = ref;
    f->reference = ref;
    f->type = a->type;
    f->start_date = start;
    f->value = a->value;
    f->currency = "IDR";
    f->party_ids = a->parties;
    f->party_roles = roles; /* position 0..3 -> IATI role 1..4 */
    f->parties_count = (size_t)a->n_parties;
}

static void op_a2(wl_result *r, km_network *net, uint64_t n)
{
    uint64_t id, m = 2 * n, sum = 0, got;
    wl_rng g;
    double t0;
    wl_init(&g, WL_AGREEMENTS);
    t0 = wl_now();
    for (id = 1; id <= m; id++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        wl_agreement a;
        char ref[32], start[11];
        if ((id - 1) % 1000 == 0) check(r, km_network_begin(net), "begin");
        wl_agreement_next(&g, id, n, &a);
        wl_agreement_fields(&f, &a, ref, start);
        check(r, km_agreement_create(&got, net, &f), "agreement create");
        if (got != id) wl_fail(r, "kemitraan: agreement %llu got id %llu", (unsigned long long)id, (unsigned long long)got);
        sum += (uint64_t)a.value;
        if (id % 1000 == 0 || id == m) check(r, km_network_commit(net), "commit");
    }
    r->seconds[WOP_A2] = wl_now() - t0;
    r->count[WOP_A2] = m;
    r->checksum[WOP_A2] = sum;
}

static double op_b(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_ID);
    t0 = wl_now();
    for (i = 0; i < 1000000; i++) {
        km_partner *p;
        check(r, km_partner_get(&p, net, 1 + wl_below(&g, n)), "partner get");
        sum += (uint64_t)km_partner_kind_of(p) + mask_of(p);
        touched += touch(p);
        km_partner_free(p);
    }
    t0 = wl_now() - t0;
    if (touched == 0) wl_fail(r, "kemitraan: empty records");
    r->count[WOP_B] = 1000000;
    r->checksum[WOP_B] = sum;
    return t0;
}

static double op_c(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_EXT);
    t0 = wl_now();
    for (i = 0; i < 1000000; i++) {
        km_partner *p;
        char ext[21];
        wl_ext_id(ext, 1 + wl_below(&g, n));
        check(r, km_partner_get_by_external_id(&p, net, ext), "partner get by external id");
        sum += km_partner_id(p);
        touched += touch(p) + mask_of(p);
        km_partner_free(p);
    }
    t0 = wl_now() - t0;
    if (touched == 0) wl_fail(r, "kemitraan: empty records");
    r->count[WOP_C] = 1000000;
    r->checksum[WOP_C] = sum;
    return t0;
}

static double op_d(wl_result *r, km_network *net)
{
    wl_rng g;
    uint64_t i, sum = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_FILTER);
    t0 = wl_now();
    for (i = 0; i < 10000; i++) {
        km_partner_query q = KM_PARTNER_QUERY_INIT;
        km_partner_page *page;
        char region[6];
        uint64_t count;
        size_t k;
        q.kind = (int)wl_below(&g, 10);
        wl_region_code(region, (unsigned)wl_below(&g, 514));
        q.region_prefix = region;
        q.order = KM_PARTNER_ORDER_NAME;
        q.limit = 50;
        check(r, km_partner_count(&count, net, &q), "partner count");
        check(r, km_partner_list(&page, net, &q), "partner list");
        sum += count;
        for (k = 0; k < km_partner_page_count(page); k++) {
            const km_partner *p = km_partner_page_get(page, k);
            sum += km_partner_id(p);
            touched += touch(p) + mask_of(p);
        }
        km_partner_page_free(page);
    }
    t0 = wl_now() - t0;
    (void)touched;
    r->count[WOP_D] = 10000;
    r->checksum[WOP_D] = sum;
    return t0;
}

static double op_e(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t i, sum = 0, rows = 0, touched = 0;
    double t0;
    wl_init(&g, WL_Q_AGR);
    t0 = wl_now();
    for (i = 0; i < 100000; i++) {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        km_agreement_page *page = NULL;
        char cursor[64];
        q.party = 1 + wl_below(&g, n);
        q.limit = 1000;
        for (;;) {
            size_t k, cnt;
            check(r, km_agreement_list(&page, net, &q), "agreement list");
            cnt = km_agreement_page_count(page);
            for (k = 0; k < cnt; k++) {
                const km_agreement *a = km_agreement_page_get(page, k);
                const char *start = km_agreement_start_date(a);
                sum += km_agreement_id(a) + (uint64_t)km_agreement_value(a);
                touched += (uint64_t)km_agreement_type_of(a) + (uint64_t)(unsigned char)start[9];
            }
            rows += cnt;
            if (!km_agreement_page_cursor(page)) break;
            /* The next page starts after this one; the cursor lives in
             * the page, so it is copied before the page goes. */
            snprintf(cursor, sizeof cursor, "%s", km_agreement_page_cursor(page));
            q.cursor = cursor;
            km_agreement_page_free(page);
        }
        km_agreement_page_free(page);
    }
    t0 = wl_now() - t0;
    (void)touched;
    r->count[WOP_E] = 100000;
    r->checksum[WOP_E] = sum;
    r->e_rows = rows;
    return t0;
}

static double op_f(wl_result *r, km_network *net)
{
    uint64_t sum = 0;
    double t0;
    int type;
    t0 = wl_now();
    for (type = 0; type < 8; type++) {
        int64_t value;
        uint64_t count;
        check(r, km_agreement_totals(&value, &count, net, type, "IDR", 0), "agreement totals");
        sum += (uint64_t)(type + 1) * (uint64_t)value;
    }
    t0 = wl_now() - t0;
    r->count[WOP_F] = 1;
    if (r->checksum[WOP_F] && r->checksum[WOP_F] != sum) wl_fail(r, "kemitraan: op f differs between repeats");
    r->checksum[WOP_F] = sum;
    return t0;
}

static void op_g(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t id, sum = 0;
    double t0;
    /* The PARTNERS stream continues after partner n. */
    wl_init(&g, WL_PARTNERS);
    for (id = 1; id <= n; id++) {
        wl_partner skip;
        wl_partner_next(&g, id, n, &skip);
    }
    t0 = wl_now();
    for (id = n + 1; id <= n + 1000; id++) create_partner(r, net, &g, id, n, &sum);
    index_now(r, net);
    r->seconds[WOP_G] = wl_now() - t0;
    r->count[WOP_G] = 1000;
    r->checksum[WOP_G] = sum;
}

typedef double (*query_op)(wl_result *, km_network *, uint64_t);

static double op_d_adapter(wl_result *r, km_network *net, uint64_t n)
{
    (void)n;
    return op_d(r, net);
}

static void repeat_op(wl_result *r, km_network *net, const wl_opts *o, int op, query_op fn)
{
    double t[64];
    uint64_t sum = 0;
    int i, reps = o->repeat < 1 ? 1 : o->repeat > 64 ? 64 : o->repeat;
    for (i = 0; i < reps; i++) {
        t[i] = fn(r, net, o->n);
        if (i > 0 && r->checksum[op] != sum) wl_fail(r, "kemitraan: op %d differs between repeats", op);
        sum = r->checksum[op];
    }
    r->seconds[op] = wl_median(t, reps);
}

static void remove_store(const char *path)
{
    char snap[4200];
    snprintf(snap, sizeof snap, "%s-snap", path);
    unlink(path);
    unlink(snap);
}

/* Opens the file store, answers the first query (partner 1, checked
 * against the golden record), and returns the time both took. */
static double reopen(wl_result *r, const char *path, int use_snapshot)
{
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network *net;
    km_partner *p;
    double t0;
    o.no_snapshot = !use_snapshot;
    fo.sync = KM_SYNC_NORMAL;
    t0 = wl_now();
    check(r, km_network_open_file(&net, path, &fo, &o), "reopen");
    check(r, km_partner_get(&p, net, 1), "first query");
    t0 = wl_now() - t0;
    if (strcmp(km_partner_name(p), "Mgieset Myrocwk Garmyiif") != 0)
        wl_fail(r, "kemitraan: partner 1 after reopen is \"%s\"", km_partner_name(p));
    km_partner_free(p);
    km_network_close(net);
    return t0;
}

/* Reads partners 1..n+1000 (ops a1 and g) back and compares every field
 * with the generator byte for byte, after the timed operations: the timed
 * reads map sector names to bits by two letters (wl_sector_bit), so the
 * rest of each name, and every name, external id and region, are checked
 * here. A difference fails the run. */
static void verify_partners(wl_result *r, km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t id;
    wl_init(&g, WL_PARTNERS);
    for (id = 1; id <= n + 1000; id++) {
        wl_partner w;
        km_partner *p;
        const char *region;
        int i, same;
        wl_partner_next(&g, id, n, &w);
        check(r, km_partner_get(&p, net, id), "partner read back");
        region = km_partner_region(p);
        same = km_partner_kind_of(p) == w.type && strcmp(km_partner_name(p), w.name) == 0 &&
               strcmp(km_partner_external_id(p), w.ext) == 0 && region && strcmp(region, w.region) == 0 &&
               km_partner_sector_count(p) == (size_t)w.n_sectors;
        for (i = 0; same && i < w.n_sectors; i++)
            same = strcmp(km_partner_sector(p, (size_t)i), wl_sector_names[w.sectors[i]]) == 0;
        km_partner_free(p);
        if (!same) wl_fail(r, "kemitraan: partner %llu read back differs from what was written", (unsigned long long)id);
    }
}

void wl_run_kemitraan(const wl_opts *o, int mode, wl_result *r)
{
    char path[4096];
    km_network *net;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    double tf[WL_F_REPEATS];
    int i;

    snprintf(path, sizeof path, "%s/kmbench-workload-%ld.km", o->dir, (long)getpid());
    if (mode == KMM_MEMORY) {
        check(r, km_network_open(&net, NULL, NULL), "open");
    } else {
        km_file_options fo = KM_FILE_OPTIONS_INIT;
        fo.sync = mode == KMM_FULL ? KM_SYNC_FULL : mode == KMM_NORMAL ? KM_SYNC_NORMAL : KM_SYNC_OFF;
        remove_store(path);
        check(r, km_network_open_file(&net, path, &fo, NULL), "open");
    }

    op_a1(r, net, o->n);
    op_a2(r, net, o->n);
    repeat_op(r, net, o, WOP_B, op_b);
    repeat_op(r, net, o, WOP_C, op_c);
    repeat_op(r, net, o, WOP_D, op_d_adapter);
    repeat_op(r, net, o, WOP_E, op_e);
    for (i = 0; i < WL_F_REPEATS; i++) tf[i] = op_f(r, net);
    r->seconds[WOP_F] = wl_median(tf, WL_F_REPEATS);
    op_g(r, net, o->n);
    r->peak_rss_kb = wl_peak_rss_kb();
    verify_partners(r, net, o->n);

    check(r, km_network_stats_get(&st, net), "stats");
    r->store_bytes = st.log_bytes;
    km_network_close(net);
    if (mode != KMM_MEMORY) {
        km_file_options fo = KM_FILE_OPTIONS_INIT;
        char snap[4200];
        double t0;
        r->store_bytes = wl_file_bytes(path);
        r->has_reopen = 1;
        r->reopen_replay_s = reopen(r, path, 0);
        fo.sync = KM_SYNC_NORMAL;
        check(r, km_network_open_file(&net, path, &fo, NULL), "open");
        /* What the write adds to the memory of a process holding the
         * state: the peak during it against the RSS just before. */
        if (wl_reset_peak_rss() == 0) {
            uint64_t before = wl_status_kb("VmRSS");
            t0 = wl_now();
            check(r, km_network_snapshot(net), "snapshot");
            r->snapshot_write_s = wl_now() - t0;
            r->snapshot_rss_added_kb = wl_status_kb("VmHWM") - before;
            r->has_snapshot_rss = before > 0 && wl_status_kb("VmHWM") >= before;
        } else {
            t0 = wl_now();
            check(r, km_network_snapshot(net), "snapshot");
            r->snapshot_write_s = wl_now() - t0;
        }
        km_network_close(net);
        snprintf(snap, sizeof snap, "%s-snap", path);
        r->snapshot_bytes = wl_file_bytes(snap);
        r->reopen_snapshot_s = reopen(r, path, 1);
        if (o->keep)
            fprintf(stderr, "kmbench: kept %s and its snapshot\n", path);
        else
            remove_store(path);
    }
    r->ok = 1;
}
