/* cmd_load.c: `kemitraan load FILE|-`: runs a data file of tool commands
 * (format "kemitraan-script-1", docs/cli.md "## load") against the store.
 *
 * A script is one JSON object:
 *   {"format": "kemitraan-script-1", "title": "...",
 *    "steps": [{"at": "2023-01-02T09:00:00+07:00", "as": "dinkes",
 *               "cmd": ["partner", "add", "--name", "...", ...]}, ...]}
 * Each step is one command line of this tool, without "kemitraan" and
 * without global options; only commands that change the store. "at" sets
 * the clock from that step on (times never go back); "as" names the id the
 * step's command prints, and an argument "@name" (or "@name:rest") stands
 * for that id in later steps ("@@..." is a literal "@...").
 *
 * The file is checked completely first (JSON, format, keys, every command
 * and option, every time and reference). Then every step runs, through the
 * same command table and run functions as the command line, against an
 * in-memory copy of the store (the rehearsal): a step the library refuses
 * stops the load there and the store is untouched. Only then do the steps
 * run against the store itself, each one its own log entry stamped with its
 * "at" time, so the audit trail and --as-of show the story as it happened
 * (one transaction would stamp every change with one time). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kemitraan/sys/storage.h>

#include "cli.h"
#include "jsonread.h"
#include "load.h"
#include "util.h"

#define LOAD_FORMAT "kemitraan-script-1"
#define LOAD_MAX_BYTES ((size_t)64 << 20)
#define LOAD_MAX_NAME 64

/* ---- messages (the tool's words, {Indonesian, English}) ----------------- */

enum {
    LM_READ, LM_TOO_BIG, LM_JSON, LM_ROOT, LM_FORMAT, LM_UNKNOWN_KEY, LM_TYPE, LM_EMPTY_CMD, LM_BAD_AT,
    LM_AT_BACK, LM_BAD_NAME, LM_DUP_NAME, LM_UNDEF_REF, LM_READ_CMD, LM_OWN_CMD, LM_NO_ID, LM_CHANGED,
    LM_MISSING_KEY, LM_STEP, LM_NUL, LM_COUNT
};

static const char *const lmsg[LM_COUNT][2] = {
    [LM_READ] = { "tidak dapat membaca %s: %s", "cannot read %s: %s" },
    [LM_TOO_BIG] = { "%s lebih besar dari 64 MiB", "%s is larger than 64 MiB" },
    [LM_JSON] = { "%s:%d:%d: JSON tidak sah: %s", "%s:%d:%d: invalid JSON: %s" },
    [LM_ROOT] = { "%s: harus berupa objek JSON", "%s: must be a JSON object" },
    [LM_FORMAT] = { "%s: \"format\" harus \"" LOAD_FORMAT "\"", "%s: \"format\" must be \"" LOAD_FORMAT "\"" },
    [LM_UNKNOWN_KEY] = { "%s:%d:%d: kolom \"%s\" tidak dikenal", "%s:%d:%d: unknown field \"%s\"" },
    [LM_TYPE] = { "%s:%d:%d: \"%s\" harus %s", "%s:%d:%d: \"%s\" must be %s" },
    [LM_EMPTY_CMD] = { "%s:%d:%d: \"cmd\" tidak boleh kosong", "%s:%d:%d: \"cmd\" must not be empty" },
    [LM_BAD_AT] = { "%s:%d:%d: \"at\" bukan waktu ISO 8601: %s", "%s:%d:%d: \"at\" is not an ISO 8601 time: %s" },
    [LM_AT_BACK] = { "%s:%d:%d: \"at\" lebih awal dari langkah sebelumnya: %s",
                     "%s:%d:%d: \"at\" is earlier than the step before: %s" },
    [LM_BAD_NAME] = { "%s:%d:%d: nama \"as\" harus 1-64 huruf, angka, '_', '-' atau '.': %s",
                      "%s:%d:%d: an \"as\" name must be 1-64 letters, digits, '_', '-' or '.': %s" },
    [LM_DUP_NAME] = { "%s:%d:%d: nama \"%s\" sudah dipakai langkah sebelumnya",
                      "%s:%d:%d: the name \"%s\" is already taken by an earlier step" },
    [LM_UNDEF_REF] = { "%s:%d:%d: \"@%s\" belum dinamai oleh langkah sebelumnya (\"as\")",
                       "%s:%d:%d: \"@%s\" is not named by an earlier step (\"as\")" },
    [LM_READ_CMD] = { "%s hanya membaca; berkas data memuat perubahan saja", "%s only reads; a data file holds changes only" },
    [LM_OWN_CMD] = { "%s tidak dapat dijalankan dari berkas data", "%s cannot run from a data file" },
    [LM_NO_ID] = { "%s tidak mencetak id untuk \"as\"", "%s prints no id for \"as\"" },
    [LM_CHANGED] = { "penyimpanan diubah pihak lain selama gladi (entri %llu, kini %llu); jalankan load lagi",
                     "the store was changed by another writer during the rehearsal (entry %llu, now %llu); run load again" },
    [LM_MISSING_KEY] = { "%s: kolom \"%s\" wajib ada", "%s: the field \"%s\" is required" },
    [LM_STEP] = { "%s: langkah %zu", "%s: step %zu" },
    [LM_NUL] = { "%s: berkas memuat bita NUL", "%s: the file contains a NUL byte" },
};

static int lerr(cli_ctx *ctx, int code, int m, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, m);
    vsnprintf(buf, sizeof buf, lmsg[m][ctx->lang == KM_LANG_EN ? 1 : 0], ap);
    va_end(ap);
    return cli_error(ctx, code, M_LOAD, buf);
}

/* ---- the script --------------------------------------------------------- */

typedef struct load_step {
    size_t argc;
    char **argv;  /* borrowed from the document */
    int has_at;
    int64_t at;   /* the clock for this step (the last "at" so far) */
    size_t as;    /* 1 + index into names, or 0 */
} load_step;

typedef struct load_script {
    jr_value *doc;
    const char *file;
    const char *title;
    load_step *steps;
    size_t n;
    const char **names; /* "as" names, in order of definition */
    uint64_t *ids;      /* their ids */
    size_t nnames;
} load_script;

static void script_free(load_script *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) free(s->steps[i].argv);
    free(s->steps);
    free(s->names);
    free(s->ids);
    jr_free(s->doc);
    memset(s, 0, sizeof *s);
}

static int name_ok(const char *s, size_t len)
{
    size_t i;
    if (len < 1 || len > LOAD_MAX_NAME) return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              c == '.'))
            return 0;
    }
    return 1;
}

static size_t find_name(const load_script *s, const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < s->nnames; i++)
        if (strlen(s->names[i]) == len && memcmp(s->names[i], name, len) == 0) return i + 1;
    return 0;
}

/* The name of a reference argument ("@name" or "@name:rest"): its length,
 * or 0 when arg is not a reference ("@@..." and no '@' are literal). */
static size_t ref_len(const char *arg)
{
    const char *colon;
    if (arg[0] != '@' || arg[1] == '@') return 0;
    colon = strchr(arg + 1, ':');
    return colon ? (size_t)(colon - arg - 1) : strlen(arg + 1);
}

static int type_err(cli_ctx *ctx, const load_script *s, const jr_value *v, const char *key, int what)
{
    static const char *const words[][2] = {
        { "string", "a string" },
        { "larik string", "an array of strings" },
        { "larik objek", "an array of objects" },
        { "objek", "an object" },
    };
    return lerr(ctx, CLI_EXIT_INVALID, LM_TYPE, s->file, v->line, v->col, key, words[what][ctx->lang == KM_LANG_EN]);
}

/* Checks everything that can be checked without running a command. */
static int script_check(cli_ctx *ctx, load_script *s)
{
    const jr_value *root = s->doc, *steps = NULL, *fmt;
    int64_t last_at = 0;
    int has_at = 0;
    char where[512];
    size_t i, k;
    int rc = 0;
    if (root->type != JR_OBJECT) return lerr(ctx, CLI_EXIT_INVALID, LM_ROOT, s->file);
    for (i = 0; i < root->n; i++) {
        const char *key = root->keys[i];
        const jr_value *v = &root->items[i];
        if (strcmp(key, "format") == 0 || strcmp(key, "title") == 0 || strcmp(key, "description") == 0) {
            if (v->type != JR_STRING) return type_err(ctx, s, v, key, 0);
            if (strcmp(key, "title") == 0) s->title = v->s;
        } else if (strcmp(key, "steps") == 0) {
            if (v->type != JR_ARRAY) return type_err(ctx, s, v, key, 2);
            steps = v;
        } else {
            return lerr(ctx, CLI_EXIT_INVALID, LM_UNKNOWN_KEY, s->file, v->line, v->col, key);
        }
    }
    fmt = jr_get(root, "format");
    if (!fmt || strcmp(fmt->s, LOAD_FORMAT) != 0) return lerr(ctx, CLI_EXIT_INVALID, LM_FORMAT, s->file);
    if (!steps) return lerr(ctx, CLI_EXIT_INVALID, LM_MISSING_KEY, s->file, "steps");
    s->steps = (load_step *)cli_xmalloc((steps->n ? steps->n : 1) * sizeof *s->steps);
    s->names = (const char **)cli_xmalloc((steps->n ? steps->n : 1) * sizeof *s->names);
    s->ids = (uint64_t *)cli_xmalloc((steps->n ? steps->n : 1) * sizeof *s->ids);
    for (i = 0; i < steps->n; i++) {
        const jr_value *st = &steps->items[i], *cmd = NULL, *at = NULL, *as = NULL;
        load_step *ls = &s->steps[s->n];
        cli_step parsed;
        if (st->type != JR_OBJECT) return type_err(ctx, s, st, "steps", 2);
        for (k = 0; k < st->n; k++) {
            const char *key = st->keys[k];
            const jr_value *v = &st->items[k];
            if (strcmp(key, "cmd") == 0) cmd = v;
            else if (strcmp(key, "at") == 0) at = v;
            else if (strcmp(key, "as") == 0) as = v;
            else if (strcmp(key, "note") != 0)
                return lerr(ctx, CLI_EXIT_INVALID, LM_UNKNOWN_KEY, s->file, v->line, v->col, key);
            if (v->type != (strcmp(key, "cmd") == 0 ? JR_ARRAY : JR_STRING))
                return type_err(ctx, s, v, key, strcmp(key, "cmd") == 0 ? 1 : 0);
        }
        snprintf(where, sizeof where, lmsg[LM_STEP][ctx->lang == KM_LANG_EN], s->file, i + 1);
        if (!cmd) return lerr(ctx, CLI_EXIT_INVALID, LM_MISSING_KEY, where, "cmd");
        if (cmd->n == 0) return lerr(ctx, CLI_EXIT_INVALID, LM_EMPTY_CMD, s->file, cmd->line, cmd->col);
        ls->argv = (char **)cli_xmalloc(cmd->n * sizeof *ls->argv);
        ls->argc = cmd->n;
        ls->as = 0;
        s->n++;
        for (k = 0; k < cmd->n; k++) {
            const jr_value *a = &cmd->items[k];
            size_t rl;
            if (a->type != JR_STRING) return type_err(ctx, s, a, "cmd", 1);
            ls->argv[k] = a->s;
            if ((rl = ref_len(a->s)) != 0 || (a->s[0] == '@' && a->s[1] != '@')) {
                if (!rl || !name_ok(a->s + 1, rl) || !find_name(s, a->s + 1, rl)) {
                    char nm[LOAD_MAX_NAME + 1];
                    snprintf(nm, sizeof nm, "%.*s", (int)(rl < LOAD_MAX_NAME ? rl : LOAD_MAX_NAME), a->s + 1);
                    return lerr(ctx, CLI_EXIT_INVALID, LM_UNDEF_REF, s->file, a->line, a->col, nm);
                }
            }
        }
        if (at) {
            int64_t t;
            if (cli_parse_time(at->s, 0, &t) != 0 || t <= 0)
                return lerr(ctx, CLI_EXIT_INVALID, LM_BAD_AT, s->file, at->line, at->col, at->s);
            if (has_at && t < last_at)
                return lerr(ctx, CLI_EXIT_INVALID, LM_AT_BACK, s->file, at->line, at->col, at->s);
            has_at = 1;
            last_at = t;
        }
        ls->has_at = has_at;
        ls->at = last_at;
        /* The command and its options, as the command line would parse them. */
        ctx->where = where;
        rc = cli_step_parse(ctx, (int)ls->argc, ls->argv, &parsed);
        /* Commands that open a store themselves (init, demo...) or none
         * (labels) have no place in a file; nor has load itself. */
        if (rc == 0 && ((parsed.cmd->flags & CLI_OWN) || !(parsed.cmd->flags & (CLI_READ | CLI_WRITE)) ||
                        parsed.cmd == &cli_load_commands[0]))
            rc = lerr(ctx, CLI_EXIT_USAGE, LM_OWN_CMD, ctx->path);
        else if (rc == 0 && !(parsed.cmd->flags & CLI_WRITE))
            rc = lerr(ctx, CLI_EXIT_USAGE, LM_READ_CMD, ctx->path);
        cli_step_free(&parsed);
        ctx->where = NULL;
        if (rc) return rc;
        if (as) {
            if (!name_ok(as->s, as->len)) return lerr(ctx, CLI_EXIT_INVALID, LM_BAD_NAME, s->file, as->line, as->col, as->s);
            if (find_name(s, as->s, as->len))
                return lerr(ctx, CLI_EXIT_INVALID, LM_DUP_NAME, s->file, as->line, as->col, as->s);
            s->names[s->nnames] = as->s;
            s->ids[s->nnames] = 0;
            ls->as = ++s->nnames;
        }
    }
    return 0;
}

/* ---- running ------------------------------------------------------------ */

typedef struct load_clock {
    const cli_ctx *ctx;
    const load_step *step; /* the step running */
} load_clock;

/* The step's "at"; before the first "at", KEMITRAAN_TEST_CLOCK or now. */
static int64_t clock_fn(void *payload)
{
    const load_clock *c = (const load_clock *)payload;
    struct timespec ts;
    if (c->step && c->step->has_at) return c->step->at;
    if (c->ctx->has_test_clock) return c->ctx->test_clock;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Runs step i against net. rehearsed: the ids were found by the rehearsal
 * and must come out the same. */
static int run_step(cli_ctx *ctx, load_script *s, size_t i, km_network *net, load_clock *clk, int rehearsed)
{
    load_step *ls = &s->steps[i];
    char **argv = (char **)cli_xmalloc(ls->argc * sizeof *argv);
    char where[512], *out = NULL;
    size_t k, outlen = 0;
    FILE *saved_out = ctx->out, *mem;
    int saved_json = ctx->json, rc;
    cli_step st;
    for (k = 0; k < ls->argc; k++) {
        const char *a = ls->argv[k];
        size_t rl = ref_len(a);
        if (rl) {
            char buf[32];
            snprintf(buf, sizeof buf, "%llu", (unsigned long long)s->ids[find_name(s, a + 1, rl) - 1]);
            argv[k] = (char *)cli_xmalloc(strlen(buf) + strlen(a + 1 + rl) + 1);
            strcpy(argv[k], buf);
            strcat(argv[k], a + 1 + rl);
        } else {
            argv[k] = cli_xstrdup(a[0] == '@' ? a + 1 : a);
        }
    }
    snprintf(where, sizeof where, lmsg[LM_STEP][ctx->lang == KM_LANG_EN], s->file, i + 1);
    ctx->where = where;
    clk->step = ls;
    rc = cli_step_parse(ctx, (int)ls->argc, argv, &st);
    if (rc == 0) {
        mem = open_memstream(&out, &outlen);
        if (!mem) {
            rc = cli_error(ctx, CLI_EXIT_INTERNAL, M_OUTPUT_FAILED, strerror(errno));
        } else {
            ctx->out = mem;
            ctx->json = 1;
            ctx->net = net;
            rc = st.cmd->run(ctx, &st.args);
            fclose(mem);
            ctx->out = saved_out;
            ctx->json = saved_json;
        }
    }
    if (rc == 0 && ls->as) {
        jr_value *doc = NULL;
        jr_error je;
        const jr_value *id = NULL;
        if (jr_parse(out, outlen, &doc, &je) == 0) id = jr_get(doc, "id");
        if (!id || id->type != JR_INT || id->i <= 0) {
            rc = lerr(ctx, CLI_EXIT_INVALID, LM_NO_ID, ctx->path);
        } else if (rehearsed && s->ids[ls->as - 1] != (uint64_t)id->i) {
            rc = lerr(ctx, CLI_EXIT_CONFLICT, LM_CHANGED, (unsigned long long)s->ids[ls->as - 1],
                      (unsigned long long)id->i);
        } else {
            s->ids[ls->as - 1] = (uint64_t)id->i;
        }
        jr_free(doc);
    }
    free(out);
    cli_step_free(&st);
    for (k = 0; k < ls->argc; k++) free(argv[k]);
    free(argv);
    ctx->where = NULL;
    return rc;
}

/* one_entry: every step inside one transaction (one log entry, stamped
 * with the first step's time; rolled back on any failure). */
static int run_all(cli_ctx *ctx, load_script *s, km_network *net, int rehearsed, int one_entry)
{
    km_network_options o;
    load_clock clk;
    size_t i;
    int rc = 0;
    clk.ctx = ctx;
    clk.step = s->n ? &s->steps[0] : NULL;
    km_network_set_clock(net, clock_fn, &clk);
    if (one_entry && (rc = km_network_begin(net))) rc = cli_fail(ctx, rc);
    for (i = 0; i < s->n && !rc; i++) rc = run_step(ctx, s, i, net, &clk, rehearsed);
    if (one_entry && !rc && (rc = km_network_commit(net))) rc = cli_fail(ctx, rc);
    else if (one_entry && rc) (void)km_network_rollback(net);
    /* Back to the clock the session opened the network with. */
    cli_network_options(ctx, &o, 0);
    km_network_set_clock(net, o.clock, o.clock_payload);
    return rc;
}

/* ---- the rehearsal: an in-memory copy of the store ---------------------- */

typedef struct copy_ctx {
    km_storage *to;
    uint64_t last;
} copy_ctx;

static int copy_entry(void *payload, uint64_t seq, const void *data, size_t len)
{
    copy_ctx *c = (copy_ctx *)payload;
    c->last = seq;
    return c->to->append(c->to, seq, data, len);
}

/* Runs the script on a copy; *seq_out: the last entry copied; when after is
 * not NULL, the copy's counts and head hash at the end (a dry run). */
static int rehearse(cli_ctx *ctx, load_script *s, uint64_t *seq_out, km_network_stats *after, char *head)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o;
    km_network *real = ctx->net;
    copy_ctx cc;
    int rc;
    if ((rc = km_storage_memory_new(&mem, NULL))) return cli_fail(ctx, rc);
    cc.to = mem;
    cc.last = 0;
    if ((rc = ctx->storage->scan(ctx->storage, 1, copy_entry, &cc))) {
        km_storage_free(mem);
        return cli_fail(ctx, rc < 0 ? rc : KM_ESTORAGE);
    }
    *seq_out = cc.last;
    cli_network_options(ctx, &o, ctx->read_only);
    if ((rc = km_network_open(&net, mem, &o))) {
        km_storage_free(mem);
        return cli_fail(ctx, rc);
    }
    rc = run_all(ctx, s, net, 0, 0);
    if (!rc && after && (rc = km_network_stats_get(after, net))) rc = cli_fail(ctx, rc);
    if (!rc && head) km_network_head_hash(head, net);
    ctx->net = real;
    km_network_close(net);
    km_storage_free(mem);
    return rc;
}

/* ---- the command -------------------------------------------------------- */

static int read_input(cli_ctx *ctx, const char *path, char **text, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;
    if (!f) return lerr(ctx, errno == ENOENT ? CLI_EXIT_NOT_FOUND : CLI_EXIT_STORE, LM_READ, path, strerror(errno));
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = (char *)cli_xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > LOAD_MAX_BYTES) {
            if (f != stdin) fclose(f);
            free(buf);
            return lerr(ctx, CLI_EXIT_INVALID, LM_TOO_BIG, path);
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        int e = errno;
        if (f != stdin) fclose(f);
        free(buf);
        return lerr(ctx, CLI_EXIT_STORE, LM_READ, path, strerror(e));
    }
    if (f != stdin) fclose(f);
    *text = buf;
    *len = n;
    return 0;
}

int cli_load_text(cli_ctx *ctx, const char *file, const char *text, size_t len, int rehearse_first, int dry_run,
                  int one_entry, out_row **summary)
{
    static const km_network_stats sinit = KM_NETWORK_STATS_INIT;
    km_network_stats before = sinit, after = sinit;
    load_script s;
    jr_error je;
    uint64_t seq = 0;
    char head[65];
    int rc;
    memset(&s, 0, sizeof s);
    *summary = NULL;
    s.file = file;
    if (memchr(text, '\0', len)) return lerr(ctx, CLI_EXIT_INVALID, LM_NUL, file);
    if (jr_parse(text, len, &s.doc, &je))
        return lerr(ctx, CLI_EXIT_INVALID, LM_JSON, file, je.line, je.col, je.msg);
    if ((rc = script_check(ctx, &s)) != 0) {
        script_free(&s);
        return rc;
    }
    if ((rc = km_network_stats_get(&before, ctx->net))) {
        script_free(&s);
        return cli_fail(ctx, rc);
    }
    head[0] = '\0';
    if ((rehearse_first && !one_entry) || dry_run) rc = rehearse(ctx, &s, &seq, dry_run ? &after : NULL, dry_run ? head : NULL);
    if (!rc && !dry_run) {
        /* Nobody may have written since the copy: the rehearsal's ids and
         * outcomes hold only for the state it copied. */
        if (rehearse_first && !one_entry && (rc = km_network_refresh(ctx->net))) rc = cli_fail(ctx, rc);
        else if (rehearse_first && !one_entry && km_network_seq(ctx->net) != seq)
            rc = lerr(ctx, CLI_EXIT_CONFLICT, LM_CHANGED, (unsigned long long)seq,
                      (unsigned long long)km_network_seq(ctx->net));
        else rc = run_all(ctx, &s, ctx->net, rehearse_first && !one_entry, one_entry);
    }
    if (!rc && !dry_run && (rc = km_network_stats_get(&after, ctx->net))) rc = cli_fail(ctx, rc);
    if (!rc && !dry_run) km_network_head_hash(head, ctx->net);
    if (!rc) {
        out_row *r = out_row_new();
        out_str(r, "file", file);
        out_str(r, "title", s.title);
        out_bool(r, "dry_run", dry_run);
        out_u64(r, "steps", s.n);
        out_u64(r, "log_entries", after.log_entries - before.log_entries);
        out_u64(r, "partners", after.partners - before.partners);
        out_u64(r, "frameworks", after.frameworks - before.frameworks);
        out_u64(r, "agreements", after.agreements - before.agreements);
        out_u64(r, "commitments", after.commitments - before.commitments);
        out_u64(r, "indicators", after.indicators - before.indicators);
        out_u64(r, "measurements", after.measurements - before.measurements);
        out_u64(r, "disputes", after.disputes - before.disputes);
        out_u64(r, "opportunities", after.opportunities - before.opportunities);
        out_u64(r, "interests", after.interests - before.interests);
        out_str(r, "head_hash", head);
        *summary = r;
    }
    script_free(&s);
    return rc;
}

enum { L_DRY_RUN = 1, L_ONE_ENTRY };

static const cli_opt load_opts[] = {
    { "dry-run", L_DRY_RUN, 0, NULL,
      { "hanya gladi pada salinan di memori: periksa berkas tanpa mengubah penyimpanan",
        "rehearse on an in-memory copy only: check the file without changing the store" } },
    { "one-entry", L_ONE_ENTRY, 0, NULL,
      { "semua langkah sebagai satu entri log (satu transaksi), semuanya bertanggal waktu langkah pertama",
        "every step as one log entry (one transaction), all stamped with the first step's time" } },
    { NULL, 0, 0, NULL, { NULL, NULL } },
};

static int cmd_load(cli_ctx *ctx, const cli_args *args)
{
    char *text = NULL;
    size_t len = 0, i;
    out_row *summary = NULL;
    int dry = 0, one = 0, rc;
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "FILE", ctx->path);
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == L_DRY_RUN) dry = 1;
        else if (args->opts[i].id == L_ONE_ENTRY) one = 1;
    if ((rc = read_input(ctx, args->pos[0], &text, &len))) return rc;
    rc = cli_load_text(ctx, args->pos[0], text, len, 1, dry, one, &summary);
    free(text);
    strcpy(ctx->path, "kemitraan load");
    return rc ? rc : cli_emit(ctx, summary);
}

const cli_command cli_load_commands[] = {
    { "load", "FILE|- [--dry-run | --one-entry]",
      { "menjalankan berkas data perintah (kemitraan-script-1), semua atau tidak sama sekali",
        "run a data file of commands (kemitraan-script-1), all or nothing" },
      load_opts, "kemitraan --store jabar.km --actor admin:budi load examples/demo-network.json", CLI_WRITE, 1, cmd_load },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
