/* rows.h: one entity as an out_row, shared by its command file and by
 * `export` (the JSON field names are the same everywhere). */
#ifndef KM_CLI_ROWS_H
#define KM_CLI_ROWS_H

#include "cli.h"

out_row *cli_partner_row(const km_partner *p, int lang);
out_row *cli_agreement_row(cli_ctx *ctx, const km_agreement *a, int full);
out_row *cli_framework_row(cli_ctx *ctx, const km_framework *f, int full);
out_row *cli_commitment_row(cli_ctx *ctx, const km_commitment *c, int full);
out_row *cli_indicator_row(cli_ctx *ctx, const km_indicator *ind);
out_row *cli_measurement_row(cli_ctx *ctx, const km_measurement *m);
out_row *cli_dispute_row(cli_ctx *ctx, const km_dispute *d, int full);
/* on: a YYYY-MM-DD date for status_on and accepting_on, or NULL to leave
 * them out; full: with the agreements its selections made. */
out_row *cli_opportunity_row(cli_ctx *ctx, const km_opportunity *o, const char *on, int full);
/* full: with the co-applicants and their consents. */
out_row *cli_interest_row(cli_ctx *ctx, const km_interest *e, int full);
/* The i-th overdue dispute: id, status, due_date, days_overdue, owed_by
 * (dispute roles), owing (partner ids). */
out_row *cli_dispute_overdue_row(cli_ctx *ctx, const km_dispute_overdue_list *l, size_t i);

/* cmd_commitment.c: emits km_commitment_totals() for q (grouped, converted
 * into q->currency with the rates given as "CODE=RATE" strings), with the
 * absorption and the rates used. Returns an exit code. */
int cli_totals_emit(cli_ctx *ctx, km_totals_query *q, const char *const *rates, size_t nrates);

#endif
