/* kmbench latency: what this machine's memory allows a point lookup, so the
 * lookups of the workload (ops b, c, e) can be read against a floor rather
 * than only against SQLite.
 *
 * Three figures, each over records spread across more memory than any
 * cache holds:
 *  - the latency of one dependent cache miss (a pointer chase along a
 *    random cycle of 64-byte lines);
 *  - lookups shaped like kemitraan's by id, a slot array read then the
 *    record it points to (two dependent misses), and lookups of records at
 *    an address computed from the id (one miss), each followed by `work`
 *    dependent additions standing for what the library and the caller do
 *    with the record. Successive lookups are independent, so the processor
 *    overlaps them while a lookup plus its work fits its reorder window;
 *    past that, each lookup pays its misses in full. The table shows where. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmbench.h"
#include "../workload.h"

#define LINE 64
#define RECORD 192 /* about a partner record of the workload, three lines */

/* `steps` additions that depend on each other and on v (the compiler
 * may not fold them: the empty asm hides the value). */
static uint64_t work(uint64_t v, int steps)
{
    int k;
    for (k = 0; k < steps; k++) {
#if defined(__GNUC__)
        __asm__ volatile("" : "+r"(v));
#endif
        v += (uint64_t)k;
    }
    return v;
}

/* ns per hop of a chase along a random cycle through n lines. */
static double chase(size_t n, uint64_t hops)
{
    size_t *next = (size_t *)malloc(n * LINE), *order = (size_t *)malloc(n * sizeof *order), i, at = 0;
    wl_rng g;
    uint64_t h;
    double t0;
    if (!next || !order) {
        free(next);
        free(order);
        return -1;
    }
    wl_init(&g, 0);
    for (i = 0; i < n; i++) order[i] = i;
    for (i = n - 1; i > 0; i--) { /* Fisher-Yates */
        size_t j = (size_t)wl_below(&g, i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (i = 0; i < n; i++) next[order[i] * (LINE / sizeof *next)] = order[(i + 1) % n];
    t0 = wl_now();
    for (h = 0; h < hops; h++) at = next[at * (LINE / sizeof *next)];
    t0 = wl_now() - t0;
    if (at == (size_t)-1) puts(""); /* keeps the chase */
    free(next);
    free(order);
    return t0 / (double)hops * 1e9;
}

int kmbench_latency_main(int argc, char **argv)
{
    static const int steps[] = { 0, 25, 50, 100, 200 };
    size_t n = 1000000, i;
    uint64_t lookups = 1000000, q, sum = 0;
    wl_rng g;
    char **slot, *dense;
    int k, a;
    for (a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--n") == 0 && a + 1 < argc) n = (size_t)strtoull(argv[++a], NULL, 10);
        else {
            fprintf(stderr, "usage: kmbench latency [--n RECORDS]   (default 1000000)\n");
            return 2;
        }
    }
    if (n < 1000) n = 1000;
    slot = (char **)malloc(n * sizeof *slot);
    dense = (char *)malloc(n * RECORD);
    if (!slot || !dense) {
        fprintf(stderr, "kmbench latency: out of memory\n");
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (!(slot[i] = (char *)malloc(RECORD))) {
            fprintf(stderr, "kmbench latency: out of memory\n");
            return 1;
        }
        memset(slot[i], (int)(i & 0x7f) | 1, RECORD);
    }
    memset(dense, 1, n * RECORD);
    printf("kmbench latency: %zu records of %d bytes (%.0f MB), %llu lookups each\n\n", n, RECORD,
           (double)n * RECORD / 1e6, (unsigned long long)lookups);
    printf("dependent cache miss (pointer chase over %.0f MB): %.0f ns\n\n", (double)n * RECORD / 1e6,
           chase(n * RECORD / LINE, lookups));
    printf("%-26s %14s %22s %20s\n", "work after each lookup", "work alone", "slot -> record (2)", "computed address (1)");
    for (k = 0; k < (int)(sizeof steps / sizeof steps[0]); k++) {
        double t_work, t_slot, t_dense, t0;
        wl_init(&g, 0);
        t0 = wl_now();
        for (q = 0; q < lookups; q++) sum += work(wl_below(&g, n), steps[k]);
        t_work = wl_now() - t0;
        wl_init(&g, 0);
        t0 = wl_now();
        for (q = 0; q < lookups; q++) {
            const char *r = slot[wl_below(&g, n)];
            sum += work((uint64_t)(r[0] + r[70] + r[140]), steps[k]);
        }
        t_slot = wl_now() - t0;
        wl_init(&g, 0);
        t0 = wl_now();
        for (q = 0; q < lookups; q++) {
            const char *r = dense + RECORD * wl_below(&g, n);
            sum += work((uint64_t)(r[0] + r[70] + r[140]), steps[k]);
        }
        t_dense = wl_now() - t0;
        printf("%3d dependent additions    %11.0f ns %19.0f ns %17.0f ns\n", steps[k], t_work / (double)lookups * 1e9,
               t_slot / (double)lookups * 1e9, t_dense / (double)lookups * 1e9);
    }
    printf("\n(ns per lookup; lookups are independent, so they overlap while one lookup and its work fit the\n"
           "processor's reorder window. checksum %llu)\n", (unsigned long long)(sum & 0xffff));
    for (i = 0; i < n; i++) free(slot[i]);
    free(slot);
    free(dense);
    return 0;
}
