/* progress.c: a storage wrapper that shows scan progress (progress.h). */
#include "progress.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

#define SHOW_AFTER_NS 500000000  /* auto mode: only scans slower than this */
#define REFRESH_NS 100000000     /* at most ten updates a second */

typedef struct progress_store {
    km_storage base; /* first: the library sees a km_storage */
    km_storage *inner;
    int lang;
    int mode;        /* -1 never, 0 auto, 1 always */
    cli_msg phase;
    int64_t start_ns, last_ns;
    uint64_t total;  /* last sequence when the scan began */
    int shown;       /* a line is on the screen */
} progress_store;

/* Passed through the inner scan to reach the caller's callback. */
typedef struct scan_ctx {
    progress_store *ps;
    km_storage_record_cb cb;
    void *payload;
} scan_ctx;

static void show(progress_store *ps, uint64_t seq, int64_t now)
{
    double secs = (double)(now - ps->start_ns) / 1e9;
    unsigned pct = ps->total ? (unsigned)(seq * 100 / ps->total) : 100;
    fprintf(stderr, "\rkemitraan: %s %" PRIu64 "/%" PRIu64 " (%u%%) %.1f s", cli_msg_text(ps->phase, ps->lang), seq,
            ps->total, pct, secs);
    if (ps->mode == 0) fputs("\033[K", stderr);
    fflush(stderr);
    ps->shown = 1;
    ps->last_ns = now;
}

static int on_record(void *payload, uint64_t seq, const void *data, size_t len)
{
    scan_ctx *sc = (scan_ctx *)payload;
    progress_store *ps = sc->ps;
    /* Cheap test first: the clock is read every 16 entries. */
    if (ps->mode >= 0 && ((seq & 0xF) == 0 || (ps->mode == 1 && !ps->shown))) {
        int64_t now = cli_mono_ns();
        if ((ps->mode == 1 || now - ps->start_ns >= SHOW_AFTER_NS) &&
            (!ps->shown || now - ps->last_ns >= REFRESH_NS))
            show(ps, seq, now);
    }
    return sc->cb(sc->payload, seq, data, len);
}

static progress_store *self(km_storage *s) { return (progress_store *)s; }

static int w_scan(km_storage *s, uint64_t from_seq, km_storage_record_cb cb, void *payload)
{
    progress_store *ps = self(s);
    scan_ctx sc;
    int rc;
    sc.ps = ps;
    sc.cb = cb;
    sc.payload = payload;
    if (ps->mode >= 0 && ps->inner->last_seq(ps->inner, &ps->total) != 0) ps->total = 0;
    rc = ps->inner->scan(ps->inner, from_seq, on_record, &sc);
    if (ps->shown && ps->mode == 1) show(ps, ps->total, cli_mono_ns());
    return rc;
}

static int w_append(km_storage *s, uint64_t seq, const void *data, size_t len)
{
    return self(s)->inner->append(self(s)->inner, seq, data, len);
}

static int w_last_seq(km_storage *s, uint64_t *out) { return self(s)->inner->last_seq(self(s)->inner, out); }

static int w_snapshot_write(km_storage *s, uint64_t seq, const void *data, size_t len)
{
    return self(s)->inner->snapshot_write(self(s)->inner, seq, data, len);
}

static int w_snapshot_read(km_storage *s, uint64_t max_seq, km_storage_record_cb cb, void *payload)
{
    return self(s)->inner->snapshot_read(self(s)->inner, max_seq, cb, payload);
}

static int w_snapshot_begin(km_storage *s, uint64_t seq, void **stream)
{
    return self(s)->inner->snapshot_begin(self(s)->inner, seq, stream);
}

static int w_snapshot_append(km_storage *s, void *stream, const void *data, size_t len)
{
    return self(s)->inner->snapshot_append(self(s)->inner, stream, data, len);
}

static int w_snapshot_end(km_storage *s, void *stream, int commit)
{
    return self(s)->inner->snapshot_end(self(s)->inner, stream, commit);
}

static int w_sync(km_storage *s) { return self(s)->inner->sync(self(s)->inner); }

static void w_free(km_storage *s)
{
    progress_store *ps = self(s);
    km_storage_free(ps->inner);
    free(ps);
}

int cli_progress_wrap(km_storage **out, km_storage *inner, int lang, int mode)
{
    static const km_storage init = KM_STORAGE_INIT;
    progress_store *ps = (progress_store *)malloc(sizeof *ps);
    *out = NULL;
    if (!ps) {
        km_storage_free(inner);
        return KM_ENOMEM;
    }
    ps->base = init;
    ps->base.append = w_append;
    ps->base.scan = w_scan;
    ps->base.last_seq = w_last_seq;
    /* Optional methods exist on the wrapper only if the store has them. */
    ps->base.snapshot_write = inner->snapshot_write ? w_snapshot_write : NULL;
    ps->base.snapshot_read = inner->snapshot_read ? w_snapshot_read : NULL;
    ps->base.sync = inner->sync ? w_sync : NULL;
    if (inner->version >= 2 && inner->snapshot_begin) { /* a stream spares the CLI a copy of the state */
        ps->base.snapshot_begin = w_snapshot_begin;
        ps->base.snapshot_append = w_snapshot_append;
        ps->base.snapshot_end = w_snapshot_end;
    }
    ps->base.free = w_free;
    ps->inner = inner;
    ps->lang = lang;
    ps->mode = mode == 0 && !isatty(STDERR_FILENO) ? -1 : mode;
    ps->phase = L_PHASE_OPEN;
    ps->start_ns = cli_mono_ns();
    ps->last_ns = 0;
    ps->total = 0;
    ps->shown = 0;
    *out = &ps->base;
    return 0;
}

void cli_progress_phase(km_storage *wrapper, cli_msg phase)
{
    progress_store *ps = self(wrapper);
    cli_progress_end(wrapper);
    ps->phase = phase;
    ps->start_ns = cli_mono_ns();
}

void cli_progress_end(km_storage *wrapper)
{
    progress_store *ps = self(wrapper);
    if (!ps->shown) return;
    if (ps->mode == 1) fputc('\n', stderr);
    else fputs("\r\033[K", stderr);
    fflush(stderr);
    ps->shown = 0;
}
