/* cli.c: the session shared by every command: store access, error
 * reporting, the exit code table and option values (cli.h). */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "progress.h"
#include "util.h"

/* ---- exit codes: the one table ----------------------------------------- */

static const struct {
    int km_code;
    int exit_code;
} exit_table[] = {
    { KM_OK, CLI_EXIT_OK },
    { KM_ERROR, CLI_EXIT_INTERNAL },
    { KM_EINVAL, CLI_EXIT_INVALID },
    { KM_ENOTFOUND, CLI_EXIT_NOT_FOUND },
    { KM_EEXISTS, CLI_EXIT_CONFLICT },
    { KM_ESTATE, CLI_EXIT_CONFLICT },
    { KM_ECONFLICT, CLI_EXIT_CONFLICT },
    { KM_ESTORAGE, CLI_EXIT_STORE },
    { KM_ECORRUPT, CLI_EXIT_STORE },
    { KM_ENOMEM, CLI_EXIT_INTERNAL },
    { KM_EDENIED, CLI_EXIT_DENIED },
    { KM_ERANGE, CLI_EXIT_INVALID },
    { KM_EREADONLY, CLI_EXIT_STORE },
    { KM_EBUSY, CLI_EXIT_CONFLICT },
    { KM_EVERSION, CLI_EXIT_STORE },
    { KM_ITEROVER, CLI_EXIT_INTERNAL },
};

int cli_exit_code(int km_code)
{
    size_t i;
    for (i = 0; i < sizeof exit_table / sizeof exit_table[0]; i++)
        if (exit_table[i].km_code == km_code) return exit_table[i].exit_code;
    return CLI_EXIT_INTERNAL;
}

/* ---- messages ---------------------------------------------------------- */

static void vreport(cli_ctx *ctx, cli_msg msg, va_list ap)
{
    fputs("kemitraan: ", stderr);
    if (ctx->where) fprintf(stderr, "%s: ", ctx->where);
    vfprintf(stderr, cli_msg_text(msg, ctx->lang), ap);
    fputc('\n', stderr);
}

int cli_usage(cli_ctx *ctx, cli_msg msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    vreport(ctx, msg, ap);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

int cli_error(cli_ctx *ctx, int code, cli_msg msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    vreport(ctx, msg, ap);
    va_end(ap);
    return code;
}

/* One line, whatever the library's message holds. */
static void print_library_error(cli_ctx *ctx, int rc)
{
    const char *m = km_error_last_message(ctx->lang);
    const char *p;
    if (!m || !*m || km_error_last() != rc) m = km_strerror_lang(rc, ctx->lang);
    fputs("kemitraan: ", stderr);
    if (ctx->where) fprintf(stderr, "%s: ", ctx->where);
    for (p = m; *p; p++) fputc(*p == '\n' || *p == '\r' ? ' ' : *p, stderr);
    fputc('\n', stderr);
}

int cli_fail(cli_ctx *ctx, int rc)
{
    print_library_error(ctx, rc);
    return cli_exit_code(rc);
}

int cli_fail_open(cli_ctx *ctx, int rc)
{
    print_library_error(ctx, rc);
    switch (rc) {
    case KM_ENOTFOUND:
    case KM_ECORRUPT:
    case KM_ESTORAGE:
    case KM_EVERSION:
    case KM_EREADONLY:
        return CLI_EXIT_STORE;
    default:
        return cli_exit_code(rc);
    }
}

int cli_emit(cli_ctx *ctx, out_row *row)
{
    int rc = out_emit(ctx->out, row, ctx->json, ctx->lang);
    out_row_free(row);
    if (rc == 0 && fflush(ctx->out) == 0) return 0;
    return cli_error(ctx, CLI_EXIT_INTERNAL, M_OUTPUT_FAILED, strerror(errno));
}

/* ---- the store --------------------------------------------------------- */

static int64_t fixed_clock(void *payload) { return *(const int64_t *)payload; }

void cli_network_options(const cli_ctx *ctx, km_network_options *o, int read_only)
{
    static const km_network_options init = KM_NETWORK_OPTIONS_INIT;
    *o = init;
    o->actor = ctx->actor;
    o->read_only = read_only;
    o->as_of_seq = ctx->as_of_seq;
    o->as_of_time = ctx->as_of_time;
    /* A single change that meets another writer's append is revalidated
     * against the fresh state and retried, as a person would. */
    o->retry_on_conflict = 1;
    if (ctx->has_test_clock) {
        o->clock = fixed_clock;
        o->clock_payload = (void *)&ctx->test_clock;
    }
}

int cli_open_storage(cli_ctx *ctx, km_storage **out, int read_only)
{
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_storage *st = NULL;
    int rc;
    *out = NULL;
    fo.sync = ctx->sync;
    fo.read_only = read_only;
    fo.no_create = 1;
    rc = km_storage_file_open(&st, ctx->store, &fo);
    if (rc) return rc;
    return cli_progress_wrap(out, st, ctx->lang, ctx->progress);
}

int cli_open(cli_ctx *ctx, unsigned flags)
{
    km_network_options o;
    int read_only = !(flags & CLI_WRITE) || ctx->read_only || ctx->as_of_seq || ctx->as_of_time;
    int rc;
    if (!ctx->store || !*ctx->store) return cli_usage(ctx, M_NO_STORE);
    rc = cli_open_storage(ctx, &ctx->storage, read_only);
    if (rc) return cli_fail_open(ctx, rc);
    /* --read-only on a command that writes: open the store read-only but
     * let the change reach the library, which refuses it and says why. */
    cli_network_options(ctx, &o, (flags & CLI_WRITE) ? ctx->read_only : 1);
    rc = km_network_open(&ctx->net, ctx->storage, &o);
    cli_progress_end(ctx->storage);
    if (rc) {
        rc = cli_fail_open(ctx, rc);
        km_storage_free(ctx->storage);
        ctx->storage = NULL;
        return rc;
    }
    return 0;
}

int cli_close(cli_ctx *ctx)
{
    int rc = 0;
    if (ctx->net && ctx->storage && ctx->storage->sync) {
        /* Close syncs too, but cannot report a failure: sync first. */
        int s = km_network_sync(ctx->net);
        if (s) rc = cli_fail(ctx, s);
    }
    km_network_close(ctx->net);
    ctx->net = NULL;
    km_storage_free(ctx->storage);
    ctx->storage = NULL;
    return rc;
}

/* ---- option values ----------------------------------------------------- */

int cli_value_u64(cli_ctx *ctx, const cli_optval *o, uint64_t *out)
{
    if (cli_parse_u64(o->value, out) == 0) return 0;
    return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
}

int cli_value_u32(cli_ctx *ctx, const cli_optval *o, uint32_t *out)
{
    if (cli_parse_u32(o->value, out) == 0) return 0;
    return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
}

int cli_value_time(cli_ctx *ctx, const cli_optval *o, int end_of_day, int64_t *out)
{
    if (cli_parse_time(o->value, end_of_day, out) == 0 && *out > 0) return 0;
    return cli_usage(ctx, M_BAD_TIME, o->name, o->value);
}

int cli_value_id(cli_ctx *ctx, const char *s, uint64_t *out)
{
    if (cli_parse_u64(s, out) == 0) return 0;
    return cli_usage(ctx, M_BAD_NUMBER, "ID", s);
}
