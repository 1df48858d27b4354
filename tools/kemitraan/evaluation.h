/* evaluation.h: what cmd_indicator.c, cmd_measurement.c and
 * cmd_scorecard.c (monitoring and evaluation) share. */
#ifndef KM_CLI_EVALUATION_H
#define KM_CLI_EVALUATION_H

#include "cli.h"

/* Options every evaluation file uses with the same meaning. */
#define EVAL_NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

/* Paging options of the list commands; their ids must be E_LIMIT,
 * E_CURSOR and E_ALL in the including file. Without --limit or --cursor a
 * list gives every page (as it always has); with them one page and its
 * next_cursor, unless --all. */
#define EVAL_LIST_OPTS                                                                                               \
    { "limit", E_LIMIT, 1, "N", { "ukuran halaman, 1..1000 (bawaan: semua halaman)", "page size, 1..1000 (default: every page)" } }, \
    { "cursor", E_CURSOR, 1, "CURSOR", { "lanjutkan dari next_cursor halaman sebelumnya", "continue from the previous page's next_cursor" } }, \
    { "all", E_ALL, 0, NULL, { "dengan --limit: ikuti kursor sampai habis", "with --limit: follow the cursor to the end" } }
/* Reads o when it is one of EVAL_LIST_OPTS (known by its name) into the
 * query's limit and cursor and *all (start it at 1); other options are
 * left alone. Returns 0 or CLI_EXIT_USAGE. */
int cli_eval_page_opt(cli_ctx *ctx, const cli_optval *o, uint32_t *limit, const char **cursor, int *all);

/* The date of a computation into out: the option o when given (checked
 * YYYY-MM-DD), else --as-of, KEMITRAAN_TEST_CLOCK or today (WIB). Returns 0
 * or CLI_EXIT_USAGE (message printed). */
int cli_eval_date(cli_ctx *ctx, const cli_optval *o, char out[11]);

/* An indicator's progress (km_indicator_progress, a scorecard row or an
 * aggregate row) as a row: indicator_id, code, title, unit_label (read
 * from the indicator), agreement_id, as_of, dimension,
 * measure, weight, status, value_count, actual, actual_denominator,
 * actual_value, baseline_value, target_value, target_date,
 * last_period_end, raw, score, expected, text. */
out_row *cli_progress_row(cli_ctx *ctx, const km_progress *p);

#endif
