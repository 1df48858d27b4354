/* enums.h: machine names for the library's enums, so the command line can
 * take `--kind regional_government` and JSON can give stable names.
 *
 * The library translates enum values into labels (km_*_label); the names
 * below are the tool's own, snake_case, and never change once released.
 * Every enum listed in cli_enums is printed by `kemitraan labels`. A new
 * library enum gets a cli_enum here and a line in cli_enums.
 */
#ifndef KM_CLI_ENUMS_H
#define KM_CLI_ENUMS_H

#include "cli.h"

typedef struct cli_enum {
    const char *key;                           /* "partner_kind": JSON key and `labels` argument */
    const char *const *names;                  /* machine names, indexed by value - first */
    int nnames;                                /* entries in names */
    int first;                                 /* the lowest value (error codes are negative) */
    int count;                                 /* number of values: the library's __COUNT, so a
                                                  value newer than names shows (as its number) */
    int bits;                                  /* values are the bits 1 << i (role masks) */
    const char *(*label)(int value, int lang); /* the library's label function */
    void (*extra)(out_row *row, int value);    /* more fields for `labels`, or NULL */
} cli_enum;

extern const cli_enum cli_enum_entity;
extern const cli_enum cli_enum_partner_kind;
extern const cli_enum cli_enum_partner_status;
extern const cli_enum cli_enum_partner_order;
extern const cli_enum cli_enum_sync_mode;
extern const cli_enum cli_enum_dimension;
extern const cli_enum cli_enum_family;
extern const cli_enum cli_enum_agreement_type;
extern const cli_enum cli_enum_agreement_status;
extern const cli_enum cli_enum_role;
extern const cli_enum cli_enum_milestone_type;
extern const cli_enum cli_enum_milestone_status;
extern const cli_enum cli_enum_risk_category;
extern const cli_enum cli_enum_risk_allocation;
extern const cli_enum cli_enum_incentive;
extern const cli_enum cli_enum_rule;
extern const cli_enum cli_enum_commitment_kind;
extern const cli_enum cli_enum_commitment_status;
extern const cli_enum cli_enum_ledger_type;
extern const cli_enum cli_enum_loan_method;
extern const cli_enum cli_enum_tranche_status;
extern const cli_enum cli_enum_figure;
extern const cli_enum cli_enum_totals_group;
extern const cli_enum cli_enum_result_level;
extern const cli_enum cli_enum_measure;
extern const cli_enum cli_enum_frequency;
extern const cli_enum cli_enum_indicator_status;
extern const cli_enum cli_enum_measurement_status;
extern const cli_enum cli_enum_scope;
extern const cli_enum cli_enum_direction;
extern const cli_enum cli_enum_time_aggregation;
extern const cli_enum cli_enum_cross_aggregation;
extern const cli_enum cli_enum_progress_status;
extern const cli_enum cli_enum_health_component;
extern const cli_enum cli_enum_report_kind;
extern const cli_enum cli_enum_dispute_category;
extern const cli_enum cli_enum_dispute_severity;
extern const cli_enum cli_enum_dispute_status;
extern const cli_enum cli_enum_dispute_forum;
extern const cli_enum cli_enum_opportunity_status;
extern const cli_enum cli_enum_award_mode;
extern const cli_enum cli_enum_interest_status;
extern const cli_enum cli_enum_eligibility_rule;
extern const cli_enum cli_enum_dispute_role;
extern const cli_enum cli_enum_conflict;

extern const cli_enum cli_enum_error;

/* Every enum, for `kemitraan labels`; NULL-terminated. */
extern const cli_enum *const cli_enums[];

/* The value of the i-th member (first + i, or 1 << i for bits). */
int cli_enum_value(const cli_enum *e, int i);
/* The machine name of value, or NULL when it has none. */
const char *cli_enum_name(const cli_enum *e, int value);
/* Adds value to row as an enum cell (name and label in lang). */
void cli_enum_out(out_row *row, const char *key, const cli_enum *e, int value, int lang);
/* Adds a mask as a list: the machine names (JSON) or the labels in lang
 * (people). Bit b is the value 1 << b of a bits enum (role masks), else
 * the value first + b (KM_PARTNER_KIND_BIT() masks). */
void cli_enum_mask_out(out_row *row, const char *key, const cli_enum *e, uint32_t mask, int json, int lang);
/* Parses a name (case-insensitive, '-' = '_') or a decimal number (passed
 * on unchecked: the library validates it and names the field). Prints a
 * usage error listing the names and returns CLI_EXIT_USAGE otherwise. */
int cli_value_enum(cli_ctx *ctx, const cli_optval *o, const cli_enum *e, int *out);
/* Same for a positional argument; what names it in the message. */
int cli_value_enum_str(cli_ctx *ctx, const char *what, const char *s, const cli_enum *e, int *out);

#endif /* KM_CLI_ENUMS_H */
