/* kmbench edits: what changing records costs the lookups that follow. The
 * workload (workload.c) creates and reads but never changes a record; a
 * portal edits partners and moves every agreement through its lifecycle.
 * A change builds a new version of the record: in the record's cell when
 * nothing else holds the old one (docs/architecture.md, cells), so that a
 * lookup of an edited record stays one cache miss, and the memory of the
 * old one is not left behind.
 *
 * With the workload's data (the memory store, a thousand changes to a
 * transaction):
 *  - N partners, op b's lookup loop (a million km_partner_get calls), then
 *    every partner renamed (its name's second letter changes case: the same
 *    size), then b's and c's loops again;
 *  - M agreements (`--agreements`, default N) between them, a million
 *    km_agreement_get calls, every agreement retitled ("WL-" becomes "WX-"),
 *    and the lookups again;
 * each loop timed with the wall clock, and the process's peak RSS at the
 * end of each part. Prints one line per figure. */
#include <kemitraan/kemitraan.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmbench.h"
#include "../workload.h"

#define LOOKUPS 1000000u
#define PER_TXN 1000u

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "kmbench edits: %s: %s (%s)\n", what, km_strerror(rc), km_error_last_message(KM_LANG_EN));
        exit(1);
    }
}

/* Opens a transaction before change i (1-based) and commits after it, a
 * thousand to one. */
static void txn_before(km_network *net, uint64_t i)
{
    if ((i - 1) % PER_TXN == 0) check(km_network_begin(net), "begin");
}
static void txn_after(km_network *net, uint64_t i, uint64_t n)
{
    if (i % PER_TXN == 0 || i == n) check(km_network_commit(net), "commit");
}

enum { BY_ID, BY_EXTERNAL_ID, AGREEMENT_BY_ID };

/* A million lookups of random ids 1..n (op b's stream, or op c's by
 * external id), each handle read and freed: lookups per second; *sum
 * folds what was read. */
static double lookups(km_network *net, int what, uint64_t n, uint64_t *sum)
{
    wl_rng g;
    uint32_t i;
    double t0;
    wl_init(&g, what == BY_EXTERNAL_ID ? WL_Q_EXT : WL_Q_ID);
    t0 = wl_now();
    for (i = 0; i < LOOKUPS; i++) {
        uint64_t id = 1 + wl_below(&g, n);
        if (what == AGREEMENT_BY_ID) {
            km_agreement *a;
            check(km_agreement_get(&a, net, id), "agreement get");
            *sum += (uint64_t)km_agreement_value(a) + (unsigned char)km_agreement_title(a)[1];
            km_agreement_free(a);
        } else {
            km_partner *p;
            char ext[21];
            if (what == BY_EXTERNAL_ID) {
                wl_ext_id(ext, id);
                check(km_partner_get_by_external_id(&p, net, ext), "partner get by external id");
            } else {
                check(km_partner_get(&p, net, id), "partner get");
            }
            *sum += km_partner_id(p) + (unsigned char)km_partner_name(p)[1];
            km_partner_free(p);
        }
    }
    return LOOKUPS / (wl_now() - t0);
}

static void partners(km_network *net, uint64_t n)
{
    wl_rng g;
    uint64_t id, sum = 0, got;
    double t0, b0, b1, c1;
    wl_init(&g, WL_PARTNERS);
    for (id = 1; id <= n; id++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        wl_partner p;
        txn_before(net, id);
        wl_partner_next(&g, id, n, &p);
        f.name = p.name;
        f.external_id = p.ext;
        f.kind = p.type;
        f.region = p.region;
        check(km_partner_create(&got, net, &f), "partner create");
        txn_after(net, id, n);
    }
    b0 = lookups(net, BY_ID, n, &sum);
    wl_init(&g, WL_PARTNERS);
    t0 = wl_now();
    for (id = 1; id <= n; id++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        wl_partner p;
        txn_before(net, id);
        wl_partner_next(&g, id, n, &p);
        p.name[1] ^= 0x20; /* a lower-case letter becomes upper-case */
        f.name = p.name;
        check(km_partner_update(net, id, &f, KM_PARTNER_F_NAME), "partner update");
        txn_after(net, id, n);
    }
    t0 = wl_now() - t0;
    b1 = lookups(net, BY_ID, n, &sum);
    c1 = lookups(net, BY_EXTERNAL_ID, n, &sum);
    printf("partners %llu\n", (unsigned long long)n);
    printf("  lookups by id, before the edits   %10.0f /s\n", b0);
    printf("  renames                          %10.0f /s\n", (double)n / t0);
    printf("  lookups by id, after              %10.0f /s\n", b1);
    printf("  lookups by external id, after     %10.0f /s\n", c1);
    printf("  peak RSS                          %10.1f MB   (checksum %llu)\n", (double)wl_peak_rss_kb() / 1024.0,
           (unsigned long long)sum);
}

static void agreements(km_network *net, uint64_t n, uint64_t m)
{
    wl_rng g;
    uint64_t id, sum = 0, got;
    double t0, e0, e1;
    char ref[32], start[11];
    wl_init(&g, WL_AGREEMENTS);
    for (id = 1; id <= m; id++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        wl_agreement a;
        txn_before(net, id);
        wl_agreement_next(&g, id, n, &a);
        wl_agreement_fields(&f, &a, ref, start);
        check(km_agreement_create(&got, net, &f), "agreement create");
        txn_after(net, id, m);
    }
    e0 = lookups(net, AGREEMENT_BY_ID, m, &sum);
    t0 = wl_now();
    for (id = 1; id <= m; id++) {
        km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
        txn_before(net, id);
        snprintf(ref, sizeof ref, "WX-%llu", (unsigned long long)id);
        f.title = ref;
        check(km_agreement_update(net, id, &f, KM_AGREEMENT_F_TITLE), "agreement update");
        txn_after(net, id, m);
    }
    t0 = wl_now() - t0;
    e1 = lookups(net, AGREEMENT_BY_ID, m, &sum);
    printf("agreements %llu\n", (unsigned long long)m);
    printf("  lookups by id, before the edits   %10.0f /s\n", e0);
    printf("  retitles                         %10.0f /s\n", (double)m / t0);
    printf("  lookups by id, after              %10.0f /s\n", e1);
    printf("  peak RSS                          %10.1f MB   (checksum %llu)\n", (double)wl_peak_rss_kb() / 1024.0,
           (unsigned long long)sum);
}

int kmbench_edits_main(int argc, char **argv)
{
    uint64_t n = 100000, m = 0;
    km_network *net;
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc) n = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--agreements") == 0 && i + 1 < argc) m = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: kmbench edits [--n PARTNERS] [--agreements M]\n");
            return 2;
        }
    }
    if (n < 1 || n > 100000000) {
        fprintf(stderr, "kmbench edits: --n must be 1..100000000\n");
        return 2;
    }
    if (m == 0) m = n;
    check(km_network_open(&net, NULL, NULL), "open");
    partners(net, n);
    agreements(net, n, m);
    km_network_close(net);
    return 0;
}
