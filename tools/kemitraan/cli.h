/* cli.h: what every command file of the kemitraan tool shares.
 *
 * Layout of the tool (docs/cli.md, "Source layout"):
 *   main.c         global options, the command registry, argument parsing,
 *                  help, dispatch
 *   cli.c          the session: opening and closing the store, error
 *                  reporting, the KM_E* -> exit code table, option values
 *   cmd_store.c    init, stats, verify, audit, snapshot
 *   cmd_partner.c  partner add/show/list/update/status/archive/count
 *   cmd_labels.c   labels
 *   enums.c        machine names of the library's enums (partner_kind...)
 *   output.c       one row model, rendered as JSON or as aligned text
 *   progress.c     progress display for long scans (a storage wrapper)
 *   i18n.c         the tool's own words in Indonesian and English
 *   util.c         numbers, dates and times, UTF-8 width
 *
 * A command is a cli_command: its options (cli_opt), its help and a run
 * function that receives the parsed arguments with the store already open
 * as its flags ask. A new entity gets its own cmd_<entity>.c exporting a
 * NULL-terminated cli_command array, declared below and listed once in
 * main.c's group table.
 */
#ifndef KM_CLI_H
#define KM_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <kemitraan/kemitraan.h>

#include "i18n.h"
#include "output.h"

/* Exit codes (docs/cli.md). */
#define CLI_EXIT_OK 0
#define CLI_EXIT_USAGE 1
#define CLI_EXIT_NOT_FOUND 2
#define CLI_EXIT_INVALID 3
#define CLI_EXIT_CONFLICT 4
#define CLI_EXIT_STORE 5
#define CLI_EXIT_VERIFY 6
#define CLI_EXIT_DENIED 7
#define CLI_EXIT_INTERNAL 70

/* An option of a command. Ids are positive and unique within the command;
 * the global options use ids from CLI_GLOBAL_ID up. */
typedef struct cli_opt {
    const char *name;    /* long name without "--"; NULL ends a table */
    int id;
    int takes_value;     /* 0: a flag; 1: needs a value */
    const char *metavar; /* "NAME" in the help */
    const char *help[2]; /* {Indonesian, English} */
} cli_opt;

#define CLI_GLOBAL_ID 1000

/* One option as given on the command line, in order. */
typedef struct cli_optval {
    int id;
    const char *name;  /* "--kind", for messages */
    const char *value; /* NULL for a flag */
} cli_optval;

typedef struct cli_args {
    cli_optval *opts;
    size_t nopts;
    char **pos; /* positional arguments */
    size_t npos;
} cli_args;

/* What a command needs before it runs. */
#define CLI_NO_STORE 0u /* nothing (labels) */
#define CLI_READ 1u     /* the store opened read-only; time travel allowed */
#define CLI_WRITE 2u    /* the store opened for writing */
#define CLI_OWN 4u      /* the command opens the store itself (init, verify) */

typedef struct cli_ctx cli_ctx;

typedef struct cli_command {
    const char *name;       /* NULL ends a table */
    const char *synopsis;   /* after the command path, e.g. "ID [options]" */
    const char *summary[2]; /* one line: {Indonesian, English} */
    const cli_opt *opts;    /* the command's own options, or NULL */
    const char *example;    /* one complete command line */
    unsigned flags;         /* CLI_READ, CLI_WRITE, CLI_OWN, CLI_NO_STORE */
    size_t max_pos;         /* most positional arguments accepted */
    int (*run)(cli_ctx *ctx, const cli_args *args); /* returns an exit code */
} cli_command;

/* The session, built by main.c from the global options and environment. */
struct cli_ctx {
    int lang;              /* KM_LANG_ID or KM_LANG_EN */
    int json;              /* --json */
    const char *store;     /* --store or KEMITRAAN_STORE; NULL if neither */
    const char *actor;     /* --actor, KEMITRAAN_ACTOR or the login name */
    int sync;              /* a km_sync_mode */
    int read_only;         /* --read-only */
    uint64_t as_of_seq;    /* --as-of-seq, 0 if not given */
    int64_t as_of_time;    /* --as-of, 0 if not given */
    int has_test_clock;    /* KEMITRAAN_TEST_CLOCK given */
    int64_t test_clock;    /* ... its time */
    int progress;          /* KEMITRAAN_PROGRESS: -1 never, 0 auto, 1 always */
    char path[64];         /* "kemitraan partner add", for messages */
    km_network *net;       /* open while a CLI_READ/CLI_WRITE command runs */
    km_storage *storage;   /* the file store behind net (progress wrapper) */
    FILE *out;             /* stdout */
    const char *where;     /* when set, messages start "kemitraan: <where>: " (load: the file and step) */
};

/* The commands of each file (NULL-terminated arrays). */
extern const cli_command cli_store_commands[];
extern const cli_command cli_labels_commands[];
extern const cli_command cli_partner_commands[];
extern const cli_command cli_agreement_commands[];
extern const cli_command cli_framework_commands[];
extern const cli_command cli_commitment_commands[];
extern const cli_command cli_report_commands[];
extern const cli_command cli_network_commands[];
extern const cli_command cli_match_commands[];
extern const cli_command cli_indicator_commands[];
extern const cli_command cli_measurement_commands[];
extern const cli_command cli_scorecard_commands[];
extern const cli_command cli_dispute_commands[];
extern const cli_command cli_opportunity_commands[];
extern const cli_command cli_interest_commands[];
extern const cli_command cli_export_commands[];
extern const cli_command cli_load_commands[];

/* ---- cli.c: reporting ------------------------------------------------ */

/* Prints "kemitraan: <message>" for a usage error (a cli_msg format and its
 * arguments) and returns CLI_EXIT_USAGE. */
int cli_usage(cli_ctx *ctx, cli_msg msg, ...);
/* Prints "kemitraan: <message>" for any other tool error; returns code. */
int cli_error(cli_ctx *ctx, int code, cli_msg msg, ...);
/* Prints the library's last error message in ctx->lang (fetch nothing from
 * the library in between) and returns the exit code for rc. */
int cli_fail(cli_ctx *ctx, int rc);
/* Same for a failure to open the store: a missing store is a store error
 * (5), not "not found" (2). */
int cli_fail_open(cli_ctx *ctx, int rc);
/* The exit code for a KM_E* code (the one table, in cli.c). */
int cli_exit_code(int km_code);
/* Renders row (JSON or people), frees it, returns 0 or an exit code. */
int cli_emit(cli_ctx *ctx, out_row *row);

/* ---- cli.c: the store ------------------------------------------------ */

/* Opens ctx->store for reading or writing (CLI_READ/CLI_WRITE) into
 * ctx->net. Returns 0 or an exit code (the message is printed). */
int cli_open(cli_ctx *ctx, unsigned flags);
/* Opens only the file storage (wrapped for progress) into *out, read-only
 * when read_only. Returns 0 or a KM_E* code (nothing printed). */
int cli_open_storage(cli_ctx *ctx, km_storage **out, int read_only);
/* Network options for ctx (actor, clock, time travel). */
void cli_network_options(const cli_ctx *ctx, km_network_options *o, int read_only);
/* Closes ctx->net and ctx->storage. Returns 0 or an exit code. */
int cli_close(cli_ctx *ctx);

/* ---- cli.c: option values -------------------------------------------- */

/* Each parses o->value, or prints a usage error naming the option and
 * returns CLI_EXIT_USAGE. */
int cli_value_u64(cli_ctx *ctx, const cli_optval *o, uint64_t *out);
int cli_value_u32(cli_ctx *ctx, const cli_optval *o, uint32_t *out);
int cli_value_time(cli_ctx *ctx, const cli_optval *o, int end_of_day, int64_t *out);
/* A positional id ("ID"). */
int cli_value_id(cli_ctx *ctx, const char *s, uint64_t *out);

/* ---- main.c: one command line inside an open session (load) ---------- */

/* A command found and its arguments parsed, as main.c would for the tool's
 * own command line, but without global options and without opening the
 * store: `kemitraan load` runs each step of a data file this way. */
typedef struct cli_step {
    const cli_command *cmd;
    cli_args args;
    char **names; /* "--name" strings the args point to */
    size_t nnames;
} cli_step;

/* argv[0] is the command (or entity) word. Sets ctx->path. Returns 0 or an
 * exit code (the message printed); free *out with cli_step_free either way. */
int cli_step_parse(cli_ctx *ctx, int argc, char **argv, cli_step *out);
void cli_step_free(cli_step *s);

#endif /* KM_CLI_H */
