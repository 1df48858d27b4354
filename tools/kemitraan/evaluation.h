/* evaluation.h: what cmd_indicator.c, cmd_measurement.c and
 * cmd_scorecard.c (monitoring and evaluation) share. */
#ifndef KM_CLI_EVALUATION_H
#define KM_CLI_EVALUATION_H

#include "cli.h"

/* Options every evaluation file uses with the same meaning. */
#define EVAL_NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }


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
