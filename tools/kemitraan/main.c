/* main.c: the kemitraan command-line tool: global options, the command
 * registry, argument parsing, help and dispatch. docs/cli.md is its manual.
 *
 *   kemitraan [global options] COMMAND [options] [arguments]
 *   kemitraan [global options] ENTITY COMMAND [options] [arguments]
 *
 * Global options may also come after the command. Options are long only
 * (`--name VALUE` or `--name=VALUE`); `--` ends the options.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

/* ---- the registry ------------------------------------------------------ */

typedef struct cli_group {
    const char *name;       /* "partner"; NULL for top-level commands */
    const char *summary[2];
    const cli_command *commands;
} cli_group;

/* One line per file of commands. Later entities (agreement, commitment,
 * dispute, indicator...) add their cmd_<entity>.c and a line here. */
static const cli_group groups[] = {
    { NULL, { NULL, NULL }, cli_store_commands },
    { NULL, { NULL, NULL }, cli_labels_commands },
    { "partner",
      { "mitra: mendaftarkan, mencari, mengubah dan mengarsipkan mitra",
        "partners: register, search, change and archive partners" },
      cli_partner_commands },
    { "agreement",
      { "perjanjian: mencatat, menandatangani, memberlakukan, tonggak dan risiko",
        "agreements: record, sign, bring into force, milestones and risks" },
      cli_agreement_commands },
    { "framework",
      { "kerangka kebijakan: aturan yang harus dipenuhi perjanjian", "policy frameworks: rules agreements must meet" },
      cli_framework_commands },
    { "commitment",
      { "komitmen sumber daya: termin, buku besar, pinjaman, total",
        "resource commitments: tranches, ledger, loans, totals" },
      cli_commitment_commands },
    { "indicator",
      { "indikator: manfaat yang diukur, templat kerangka", "indicators: benefits measured, framework templates" },
      cli_indicator_commands },
    { "measurement",
      { "pengukuran: laporan berkala, persetujuan, kunci periode", "measurements: periodic reports, approval, period locks" },
      cli_measurement_commands },
    { "dispute",
      { "sengketa: pengajuan, negosiasi, mediasi, kesepakatan", "disputes: filing, negotiation, mediation, settlement" },
      cli_dispute_commands },
    { "opportunity",
      { "peluang kemitraan: panggilan mitra, kelayakan, penemuan, penetapan",
        "partnership opportunities: calls for partners, eligibility, discovery, award" },
      cli_opportunity_commands },
    { "interest",
      { "pernyataan minat: pengajuan, konsorsium, daftar pendek, pemilihan",
        "expressions of interest: submission, consortium, shortlist, selection" },
      cli_interest_commands },
    { "scorecard",
      { "kartu skor: skor, indeks kesehatan, tren, ambang status",
        "scorecards: scores, health index, trends, status thresholds" },
      cli_scorecard_commands },
    { NULL, { NULL, NULL }, cli_report_commands },
    { NULL, { NULL, NULL }, cli_network_commands },
    { NULL, { NULL, NULL }, cli_match_commands },
    { NULL, { NULL, NULL }, cli_export_commands },
    { NULL, { NULL, NULL }, cli_load_commands },
};
#define NGROUPS (sizeof groups / sizeof groups[0])

/* ---- global options ---------------------------------------------------- */

enum {
    G_STORE = CLI_GLOBAL_ID,
    G_JSON,
    G_LANG,
    G_ACTOR,
    G_SYNC,
    G_READ_ONLY,
    G_AS_OF_SEQ,
    G_AS_OF,
    G_HELP,
    G_VERSION
};

static const cli_opt global_opts[] = {
    { "store", G_STORE, 1, "PATH",
      { "berkas penyimpanan (atau variabel KEMITRAAN_STORE)", "the store file (or the KEMITRAAN_STORE variable)" } },
    { "json", G_JSON, 0, NULL,
      { "satu dokumen JSON di stdout, dengan nama kolom yang stabil",
        "one JSON document on stdout, with stable field names" } },
    { "lang", G_LANG, 1, "id|en",
      { "bahasa; bawaan: id bila LC_ALL/LC_MESSAGES/LANG diawali \"id\", selain itu en",
        "language; default: id when LC_ALL/LC_MESSAGES/LANG starts with \"id\", else en" } },
    { "actor", G_ACTOR, 1, "NAME",
      { "siapa yang membuat perubahan, dicatat di log audit (atau KEMITRAAN_ACTOR, lalu USER)",
        "who makes the change, recorded in the audit log (or KEMITRAAN_ACTOR, then USER)" } },
    { "sync", G_SYNC, 1, "full|normal|off",
      { "kapan perubahan dipaksa ke disk (bawaan: full)", "when changes are forced to disk (default: full)" } },
    { "read-only", G_READ_ONLY, 0, NULL,
      { "buka penyimpanan hanya-baca: setiap perubahan ditolak",
        "open the store read-only: every change is refused" } },
    { "as-of-seq", G_AS_OF_SEQ, 1, "N",
      { "tampilkan keadaan setelah entri log N (hanya baca)", "show the state after log entry N (read-only)" } },
    { "as-of", G_AS_OF, 1, "DATE|TIME",
      { "tampilkan keadaan pada akhir tanggal itu (WIB, UTC+7) atau pada waktu ISO 8601 itu",
        "show the state at the end of that day (WIB, UTC+7) or at that ISO 8601 time" } },
    { "help", G_HELP, 0, NULL, { "bantuan ini", "this help" } },
    { "version", G_VERSION, 0, NULL, { "versi alat dan pustaka", "tool and library version" } },
    { NULL, 0, 0, NULL, { NULL, NULL } },
};

/* ---- help -------------------------------------------------------------- */

static void print_opts(FILE *f, const cli_opt *opts, int lang)
{
    size_t w = 0, i;
    char buf[96];
    if (!opts) return;
    for (i = 0; opts[i].name; i++) {
        size_t n = strlen(opts[i].name) + 2 + (opts[i].metavar ? strlen(opts[i].metavar) + 1 : 0);
        if (n > w) w = n;
    }
    for (i = 0; opts[i].name; i++) {
        snprintf(buf, sizeof buf, "--%s%s%s", opts[i].name, opts[i].metavar ? " " : "",
                 opts[i].metavar ? opts[i].metavar : "");
        fprintf(f, "  %-*s  %s\n", (int)w, buf, opts[i].help[lang == KM_LANG_EN ? 1 : 0]);
    }
}

static void print_command_list(FILE *f, const cli_group *only, int lang)
{
    size_t g, c, w = 0;
    char buf[64];
    int l = lang == KM_LANG_EN ? 1 : 0;
    for (g = 0; g < NGROUPS; g++) {
        if (only && &groups[g] != only) continue;
        for (c = 0; groups[g].commands[c].name; c++) {
            size_t n = strlen(groups[g].commands[c].name) + (groups[g].name ? strlen(groups[g].name) + 1 : 0);
            if (n > w) w = n;
        }
    }
    for (g = 0; g < NGROUPS; g++) {
        if (only && &groups[g] != only) continue;
        for (c = 0; groups[g].commands[c].name; c++) {
            snprintf(buf, sizeof buf, "%s%s%s", groups[g].name ? groups[g].name : "", groups[g].name ? " " : "",
                     groups[g].commands[c].name);
            fprintf(f, "  %-*s  %s\n", (int)w, buf, groups[g].commands[c].summary[l]);
        }
    }
}

static void print_top_help(FILE *f, int lang)
{
    fprintf(f, "%s\n\n", cli_msg_text(L_TOOL_SUMMARY, lang));
    fprintf(f, "%s: kemitraan [--store PATH] [--json] [--lang id|en] COMMAND [options]\n\n",
            cli_msg_text(L_USAGE, lang));
    fprintf(f, "%s:\n", cli_msg_text(L_COMMANDS, lang));
    print_command_list(f, NULL, lang);
    fprintf(f, "\n%s:\n", cli_msg_text(L_GLOBAL_OPTIONS, lang));
    print_opts(f, global_opts, lang);
    fprintf(f, "\n%s:\n  kemitraan init --store jabar.km\n  kemitraan --store jabar.km partner list --kind ngo\n",
            cli_msg_text(L_EXAMPLE, lang));
    fprintf(f, "\n%s\n", cli_msg_text(L_MORE_HELP, lang));
}

static void print_group_help(FILE *f, const cli_group *g, int lang)
{
    fprintf(f, "%s\n\n", g->summary[lang == KM_LANG_EN ? 1 : 0]);
    fprintf(f, "%s: kemitraan %s COMMAND [options]\n\n", cli_msg_text(L_USAGE, lang), g->name);
    fprintf(f, "%s:\n", cli_msg_text(L_COMMANDS, lang));
    print_command_list(f, g, lang);
    fprintf(f, "\n%s:\n  %s\n", cli_msg_text(L_EXAMPLE, lang), g->commands[0].example);
    fprintf(f, "\n%s\n", cli_msg_text(L_MORE_HELP, lang));
}

static void print_command_help(FILE *f, const cli_ctx *ctx, const cli_command *cmd)
{
    int lang = ctx->lang;
    fprintf(f, "%s: %s %s\n\n", cli_msg_text(L_USAGE, lang), ctx->path, cmd->synopsis);
    fprintf(f, "%s\n", cmd->summary[lang == KM_LANG_EN ? 1 : 0]);
    if (cmd->opts && cmd->opts[0].name) {
        fprintf(f, "\n%s:\n", cli_msg_text(L_OPTIONS, lang));
        print_opts(f, cmd->opts, lang);
    }
    fprintf(f, "\n%s:\n", cli_msg_text(L_GLOBAL_OPTIONS, lang));
    print_opts(f, global_opts, lang);
    fprintf(f, "\n%s:\n  %s\n", cli_msg_text(L_EXAMPLE, lang), cmd->example);
}

/* ---- parsing ----------------------------------------------------------- */

static int env_lang(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    size_t i;
    for (i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) return strncmp(v, "id", 2) == 0 ? KM_LANG_ID : KM_LANG_EN;
    }
    return KM_LANG_EN;
}

static int parse_lang(const char *s, int *out)
{
    if (strcmp(s, "id") == 0) *out = KM_LANG_ID;
    else if (strcmp(s, "en") == 0) *out = KM_LANG_EN;
    else return -1;
    return 0;
}

/* The language is needed before anything can be reported: take the last
 * valid --lang given anywhere before "--". */
static void prescan_lang(cli_ctx *ctx, int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) break;
        if (strcmp(a, "--lang") == 0 && i + 1 < argc) (void)parse_lang(argv[++i], &ctx->lang);
        else if (strncmp(a, "--lang=", 7) == 0) (void)parse_lang(a + 7, &ctx->lang);
    }
}

static const cli_opt *find_opt(const cli_opt *opts, const char *name, size_t len)
{
    size_t i;
    if (!opts) return NULL;
    for (i = 0; opts[i].name; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) return &opts[i];
    return NULL;
}

typedef struct parser {
    cli_ctx *ctx;
    int argc;
    char **argv;
    int i;           /* next argument */
    int help;        /* --help seen */
    int version;     /* --version seen */
    char **names;    /* "--name" strings made for messages */
    size_t nnames;
} parser;

/* Reads the option at argv[p->i] from cmd_opts or the global options.
 * Returns 0 and fills *ov, or an exit code (message printed). */
static int read_option(parser *p, const cli_opt *cmd_opts, cli_optval *ov)
{
    const char *a = p->argv[p->i++];
    const char *eq, *name;
    const cli_opt *opt;
    size_t len;
    char *dashed;
    if (strcmp(a, "-h") == 0) a = "--help";
    if (a[0] != '-' || a[1] != '-' || a[2] == '\0') return cli_usage(p->ctx, M_UNKNOWN_OPTION, a, p->ctx->path);
    name = a + 2;
    eq = strchr(name, '=');
    len = eq ? (size_t)(eq - name) : strlen(name);
    opt = find_opt(cmd_opts, name, len);
    if (!opt) opt = find_opt(global_opts, name, len);
    if (!opt) {
        char shown[80];
        snprintf(shown, sizeof shown, "%.*s", (int)(eq ? (size_t)(eq - a) : strlen(a)), a);
        return cli_usage(p->ctx, M_UNKNOWN_OPTION, shown, p->ctx->path);
    }
    dashed = (char *)cli_xmalloc(strlen(opt->name) + 3);
    strcpy(dashed, "--");
    strcat(dashed, opt->name);
    p->names[p->nnames++] = dashed;
    ov->id = opt->id;
    ov->name = dashed;
    ov->value = NULL;
    if (opt->takes_value) {
        if (eq) ov->value = eq + 1;
        else if (p->i < p->argc) ov->value = p->argv[p->i++];
        else return cli_usage(p->ctx, M_OPTION_NEEDS_VALUE, dashed, p->ctx->path);
    } else if (eq) {
        return cli_usage(p->ctx, M_OPTION_NO_VALUE, dashed);
    }
    return 0;
}

/* Applies a global option to the session. */
static int apply_global(parser *p, const cli_optval *ov)
{
    cli_ctx *ctx = p->ctx;
    int v;
    switch (ov->id) {
    case G_STORE: ctx->store = ov->value; break;
    case G_JSON: ctx->json = 1; break;
    case G_LANG:
        if (parse_lang(ov->value, &ctx->lang) != 0) return cli_usage(ctx, M_BAD_CHOICE, ov->name, ov->value, "id, en");
        break;
    case G_ACTOR: ctx->actor = ov->value; break;
    case G_SYNC:
        if (strcmp(ov->value, "full") == 0) v = KM_SYNC_FULL;
        else if (strcmp(ov->value, "normal") == 0) v = KM_SYNC_NORMAL;
        else if (strcmp(ov->value, "off") == 0) v = KM_SYNC_OFF;
        else return cli_usage(ctx, M_BAD_CHOICE, ov->name, ov->value, "full, normal, off");
        ctx->sync = v;
        break;
    case G_READ_ONLY: ctx->read_only = 1; break;
    case G_AS_OF_SEQ:
        if (cli_value_u64(ctx, ov, &ctx->as_of_seq) != 0) return CLI_EXIT_USAGE;
        if (ctx->as_of_seq == 0) return cli_usage(ctx, M_AS_OF_SEQ_ZERO);
        break;
    case G_AS_OF:
        /* A date means the end of that day in WIB. */
        if (cli_value_time(ctx, ov, 1, &ctx->as_of_time) != 0) return CLI_EXIT_USAGE;
        break;
    case G_HELP: p->help = 1; break;
    case G_VERSION: p->version = 1; break;
    default: break;
    }
    return 0;
}

/* Global options up to the next word. */
static int global_prefix(parser *p)
{
    while (p->i < p->argc && p->argv[p->i][0] == '-' && p->argv[p->i][1] != '\0' &&
           strcmp(p->argv[p->i], "--") != 0) {
        cli_optval ov;
        int rc = read_option(p, NULL, &ov);
        if (rc == 0) rc = apply_global(p, &ov);
        if (rc) return rc;
    }
    return 0;
}

/* The index of the first argument from p->i that is not a global option
 * or its value; nothing is consumed or reported. */
static size_t after_globals(const parser *p)
{
    size_t i = (size_t)p->i;
    while (i < (size_t)p->argc && p->argv[i][0] == '-' && p->argv[i][1] == '-' && p->argv[i][2] != '\0') {
        const char *name = p->argv[i] + 2, *eq = strchr(name, '=');
        const cli_opt *opt = find_opt(global_opts, name, eq ? (size_t)(eq - name) : strlen(name));
        if (!opt) break;
        i += opt->takes_value && !eq ? 2 : 1;
    }
    return i;
}

static const cli_command *find_command(const cli_command *list, const char *name)
{
    size_t i;
    for (i = 0; list[i].name; i++)
        if (strcmp(list[i].name, name) == 0) return &list[i];
    return NULL;
}

/* The rest of the command line: the command's options (and, when
 * globals, the global ones), in any order, and its positional arguments. */
static int command_args(parser *p, const cli_command *cmd, cli_args *args, int globals)
{
    int rc;
    while (p->i < p->argc) {
        const char *a = p->argv[p->i];
        if (strcmp(a, "--") == 0) {
            for (p->i++; p->i < p->argc; p->i++) args->pos[args->npos++] = p->argv[p->i];
            break;
        }
        if (a[0] == '-' && a[1] != '\0') {
            cli_optval ov;
            if ((rc = read_option(p, cmd->opts, &ov)) != 0) return rc;
            if (ov.id < CLI_GLOBAL_ID) args->opts[args->nopts++] = ov;
            else if (!globals) return cli_usage(p->ctx, M_UNKNOWN_OPTION, ov.name, p->ctx->path);
            else if ((rc = apply_global(p, &ov)) != 0) return rc;
            continue;
        }
        args->pos[args->npos++] = p->argv[p->i++];
    }
    return 0;
}

static void path_append(cli_ctx *ctx, const char *word);

/* ---- one command line inside an open session (kemitraan load) ---------- */

int cli_step_parse(cli_ctx *ctx, int argc, char **argv, cli_step *out)
{
    const cli_group *group = NULL;
    const cli_command *cmd = NULL;
    parser p;
    size_t g;
    int rc;
    memset(out, 0, sizeof *out);
    memset(&p, 0, sizeof p);
    strcpy(ctx->path, "kemitraan");
    if (argc < 1) return cli_usage(ctx, M_MISSING_COMMAND);
    p.ctx = ctx;
    p.argc = argc;
    p.argv = argv;
    p.names = out->names = (char **)cli_xmalloc((size_t)argc * sizeof *p.names);
    out->args.opts = (cli_optval *)cli_xmalloc((size_t)argc * sizeof *out->args.opts);
    out->args.pos = (char **)cli_xmalloc((size_t)argc * sizeof *out->args.pos);
    for (g = 0; g < NGROUPS && !cmd && !group; g++) {
        if (!groups[g].name) cmd = find_command(groups[g].commands, argv[0]);
        else if (strcmp(groups[g].name, argv[0]) == 0) group = &groups[g];
    }
    if (!cmd && !group) return cli_usage(ctx, M_UNKNOWN_COMMAND, argv[0]);
    path_append(ctx, argv[0]);
    p.i = 1;
    if (group && group->commands[0].name[0] == '\0' && (argc < 2 || argv[1][0] == '-')) {
        cmd = &group->commands[0];
    } else if (group) {
        if (argc < 2) return cli_usage(ctx, M_MISSING_SUBCOMMAND, ctx->path, group->name);
        cmd = find_command(group->commands, argv[1]);
        if (!cmd) return cli_usage(ctx, M_UNKNOWN_SUBCOMMAND, group->name, argv[1], group->name);
        path_append(ctx, argv[1]);
        p.i = 2;
    }
    rc = command_args(&p, cmd, &out->args, 0);
    out->nnames = p.nnames;
    if (rc) return rc;
    if (out->args.npos > cmd->max_pos) return cli_usage(ctx, M_EXTRA_ARGUMENT, out->args.pos[cmd->max_pos], ctx->path);
    out->cmd = cmd;
    return 0;
}

void cli_step_free(cli_step *s)
{
    size_t i;
    for (i = 0; i < s->nnames; i++) free(s->names[i]);
    free(s->names);
    free(s->args.opts);
    free(s->args.pos);
    memset(s, 0, sizeof *s);
}

/* ---- the session -------------------------------------------------------- */

static void init_ctx(cli_ctx *ctx)
{
    const char *v;
    memset(ctx, 0, sizeof *ctx);
    ctx->lang = env_lang();
    ctx->sync = KM_SYNC_FULL;
    ctx->out = stdout;
    ctx->store = getenv("KEMITRAAN_STORE");
    ctx->actor = getenv("KEMITRAAN_ACTOR");
    if (!ctx->actor || !*ctx->actor) ctx->actor = getenv("USER");
    if (!ctx->actor || !*ctx->actor) {
        const struct passwd *pw = getpwuid(geteuid());
        ctx->actor = pw && pw->pw_name ? pw->pw_name : "";
    }
    v = getenv("KEMITRAAN_PROGRESS");
    if (v && strcmp(v, "always") == 0) ctx->progress = 1;
    else if (v && strcmp(v, "never") == 0) ctx->progress = -1;
    strcpy(ctx->path, "kemitraan");
}

/* KEMITRAAN_TEST_CLOCK: every change is stamped with this time (tests and
 * reproducible demos). */
static int test_clock(cli_ctx *ctx)
{
    cli_optval ov;
    const char *v = getenv("KEMITRAAN_TEST_CLOCK");
    if (!v || !*v) return 0;
    ov.id = 0;
    ov.name = "KEMITRAAN_TEST_CLOCK";
    ov.value = v;
    if (cli_value_time(ctx, &ov, 0, &ctx->test_clock) != 0) return CLI_EXIT_USAGE;
    ctx->has_test_clock = 1;
    return 0;
}

/* The tool is built with the library's headers; the library loaded may be
 * another (compatible) version. */
static int print_version(void)
{
    printf("kemitraan %s (libkemitraan %s)\n", KM_VERSION_STRING, km_version_string());
    return 0;
}

static void path_append(cli_ctx *ctx, const char *word)
{
    size_t n = strlen(ctx->path);
    snprintf(ctx->path + n, sizeof ctx->path - n, " %s", word);
}

static int run(parser *p, cli_args *args)
{
    cli_ctx *ctx = p->ctx;
    const cli_group *group = NULL;
    const cli_command *cmd = NULL;
    const char *word;
    size_t g;
    int rc, help_word = 0;

    if ((rc = global_prefix(p)) != 0) return rc;
    if (p->i < p->argc && strcmp(p->argv[p->i], "help") == 0) {
        help_word = 1;
        p->i++;
    }
    if (p->i >= p->argc || strcmp(p->argv[p->i], "--") == 0) {
        if (p->version && !help_word && !p->help) return print_version();
        if (p->help || help_word) {
            print_top_help(stdout, ctx->lang);
            return 0;
        }
        return cli_usage(ctx, M_MISSING_COMMAND);
    }
    word = p->argv[p->i++];
    for (g = 0; g < NGROUPS && !cmd && !group; g++) {
        if (!groups[g].name) cmd = find_command(groups[g].commands, word);
        else if (strcmp(groups[g].name, word) == 0) group = &groups[g];
    }
    if (!cmd && !group) return cli_usage(ctx, M_UNKNOWN_COMMAND, word);
    path_append(ctx, word);
    /* A group's command named "" is its default: it runs when no command
     * word follows the group (`scorecard --scope agreement --subject 1`);
     * global options may stand before the word (`scorecard --json trend`). */
    if (group && group->commands[0].name[0] == '\0') {
        size_t w = after_globals(p);
        if (w >= (size_t)p->argc || (p->argv[w][0] == '-' && strcmp(p->argv[w], "--") != 0)) {
            cmd = &group->commands[0];
            group = NULL;
        }
    }
    if (group) {
        if ((rc = global_prefix(p)) != 0) return rc;
        if (p->i >= p->argc || strcmp(p->argv[p->i], "--") == 0) {
            if (p->help || help_word) {
                print_group_help(stdout, group, ctx->lang);
                return 0;
            }
            return cli_usage(ctx, M_MISSING_SUBCOMMAND, ctx->path, group->name);
        }
        word = p->argv[p->i++];
        cmd = find_command(group->commands, word);
        if (!cmd) return cli_usage(ctx, M_UNKNOWN_SUBCOMMAND, group->name, word, group->name);
        path_append(ctx, word);
    }

    /* The command's options and the global ones, in any order. */
    if ((rc = command_args(p, cmd, args, 1)) != 0) return rc;
    if (p->help || help_word) {
        print_command_help(stdout, ctx, cmd);
        return 0;
    }
    if (p->version) return print_version();
    if (args->npos > cmd->max_pos) return cli_usage(ctx, M_EXTRA_ARGUMENT, args->pos[cmd->max_pos], ctx->path);
    if (ctx->as_of_seq && ctx->as_of_time) return cli_usage(ctx, M_AS_OF_BOTH);
    if ((ctx->as_of_seq || ctx->as_of_time) && !(cmd->flags & CLI_READ)) return cli_usage(ctx, M_TIME_TRAVEL_WRITE);
    if ((rc = test_clock(ctx)) != 0) return rc;

    /* CLI_OWN: the command opens the store itself (or needs none). */
    if ((cmd->flags & (CLI_READ | CLI_WRITE)) && !(cmd->flags & CLI_OWN)) {
        int closed;
        if ((rc = cli_open(ctx, cmd->flags)) != 0) return rc;
        rc = cmd->run(ctx, args);
        closed = cli_close(ctx);
        return rc ? rc : closed;
    }
    return cmd->run(ctx, args);
}

int main(int argc, char **argv)
{
    cli_ctx ctx;
    cli_args args;
    parser p;
    size_t i;
    int rc;

    init_ctx(&ctx);
    prescan_lang(&ctx, argc, argv);
    memset(&p, 0, sizeof p);
    p.ctx = &ctx;
    p.argc = argc;
    p.argv = argv;
    p.i = 1;
    p.names = (char **)cli_xmalloc((size_t)argc * sizeof *p.names);
    args.opts = (cli_optval *)cli_xmalloc((size_t)argc * sizeof *args.opts);
    args.pos = (char **)cli_xmalloc((size_t)argc * sizeof *args.pos);
    args.nopts = 0;
    args.npos = 0;

    rc = run(&p, &args);

    for (i = 0; i < p.nnames; i++) free(p.names[i]);
    free(p.names);
    free(args.opts);
    free(args.pos);
    if (fflush(stdout) != 0 && rc == 0) rc = CLI_EXIT_INTERNAL;
    return rc;
}
