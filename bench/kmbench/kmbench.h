/* kmbench internals: the `workload` mode (the files of bench/kmbench/), which runs
 * operations a1..g of ../shared/bench/workload.md against kemitraan and the
 * SQLite baseline of its section 8, one child process per engine and mode. */
#ifndef KMBENCH_KMBENCH_H
#define KMBENCH_KMBENCH_H

#include <stdint.h>

/* Operations of the workload, in the order they run. */
enum { WOP_A1, WOP_A2, WOP_B, WOP_C, WOP_D, WOP_E, WOP_F, WOP_G, WOP__COUNT };

/* Modes of each engine. */
enum { KMM_MEMORY, KMM_NORMAL, KMM_FULL, KMM_OFF };  /* kemitraan: memory store, file store per sync policy */
enum { SQLM_MEMORY, SQLM_NORMAL, SQLM_FULL };        /* SQLite: :memory:, WAL + synchronous NORMAL / FULL */

#define WL_F_REPEATS 5 /* op (f) runs this many times; the median is reported */

typedef struct wl_opts {
    uint64_t n;      /* partners; agreements = 2n */
    int repeat;      /* runs of each of b, c, d, e; the median time is reported */
    const char *dir; /* where the file modes keep their stores */
    int keep;        /* leave the file store and its snapshot in dir (kmbench reopen times them) */
} wl_opts;

/* What one child reports (written to a pipe as raw bytes: same program). */
typedef struct wl_result {
    int ok;
    char error[512];
    double seconds[WOP__COUNT];    /* a1, a2, g: the whole op; b..e: median run; f: median single query */
    uint64_t count[WOP__COUNT];    /* operations per run */
    uint64_t checksum[WOP__COUNT];
    uint64_t e_rows;               /* rows op (e) returned */
    uint64_t peak_rss_kb;          /* ru_maxrss after op (g) */
    uint64_t store_bytes;          /* kemitraan: log (file, or memory store); SQLite: page_count x page_size */
    uint64_t wal_bytes;            /* SQLite file modes: the WAL after the load (a1, a2) */
    uint64_t checkpointed_bytes;   /* SQLite file modes: the db file after wal_checkpoint(TRUNCATE) */
    uint64_t snapshot_bytes;       /* kemitraan file modes: the snapshot file */
    int has_reopen;
    double snapshot_write_s;       /* kemitraan: km_network_snapshot() of the whole store */
    int has_snapshot_rss;          /* the two below were measured (Linux: /proc/self) */
    uint64_t snapshot_rss_added_kb; /* peak RSS during that write minus RSS before it */
    double reopen_replay_s;        /* kemitraan: open replaying the log + first query; SQLite: reopen + first query */
    double reopen_snapshot_s;      /* kemitraan: open from the snapshot + first query; SQLite: same as above */
} wl_result;

/* Runs the whole workload in the calling process and fills r (r->ok = 1).
 * On failure they call wl_fail(). */
void wl_run_kemitraan(const wl_opts *o, int mode, wl_result *r);
void wl_run_sqlite(const wl_opts *o, int mode, wl_result *r);

/* Reports r as failed with the message and ends the child process. */
void wl_fail(wl_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;

double wl_now(void);
uint64_t wl_peak_rss_kb(void);
/* Resets the process's peak RSS to its current RSS (Linux: clear_refs).
 * 0 on success, -1 where that cannot be done. */
int wl_reset_peak_rss(void);
/* VmRSS (current) or VmHWM (peak since the last reset) in KiB; 0 if unknown. */
uint64_t wl_status_kb(const char *field);
uint64_t wl_file_bytes(const char *path);
/* Median of v[0..n) (sorts v). */
double wl_median(double *v, int n);
/* The bit of a sector name (workload.h's names) in the 20-bit mask, found
 * from its third and fourth letters only (see workload.c); 0 when those
 * match no sector. */
uint32_t wl_sector_bit(const char *name);

/* The fields of kemitraan's agreement for the workload's agreement a:
 * title and reference "WL-<id>" written into ref, the start date into
 * start (both must outlive the create), roles 1..4 by position, IDR
 * (wl_kemitraan.c). */
struct km_agreement_fields;
struct wl_agreement;
void wl_agreement_fields(struct km_agreement_fields *f, const struct wl_agreement *a, char ref[32], char start[11]);

/* `kmbench workload ...`: argv[0] is "workload". */
int kmbench_workload_main(int argc, char **argv);
/* `kmbench latency [--n RECORDS]`: the memory floor of a point lookup on
 * this machine (latency.c); argv[0] is "latency". */
int kmbench_latency_main(int argc, char **argv);
/* `kmbench edits [--n PARTNERS] [--agreements M]`: lookups before and
 * after every record is changed once (edits.c); argv[0] is "edits". */
int kmbench_edits_main(int argc, char **argv);

#endif
