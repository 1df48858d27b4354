/* enums.c: machine names of the library's enums (enums.h). */
#include "enums.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
/* key, names, library count, label function, extra fields */
#define ENUM(key, names, count, label, extra) { key, names, COUNT(names), 0, count, 0, label, extra }

/* ---- network and partners ------------------------------------------------ */

static const char *const entity_names[] = {
    "network", "partner", "agreement", "framework", "commitment",
    "dispute", "indicator", "measurement", "opportunity", "interest",
};
const cli_enum cli_enum_entity = ENUM("entity", entity_names, KM_ENTITY__COUNT, km_entity_label, NULL);

static const char *const partner_kind_names[] = {
    "ministry",      "government_agency", "regional_government", "state_enterprise",
    "private_business", "ngo",            "academic",            "international",
    "community",     "individual",        "foundation",
};

static void partner_kind_extra(out_row *row, int value)
{
    out_i64(row, "iati_org_type", km_partner_kind_iati(value));
}

const cli_enum cli_enum_partner_kind =
    ENUM("partner_kind", partner_kind_names, KM_PARTNER_KIND__COUNT, km_partner_kind_label, partner_kind_extra);

static const char *const partner_status_names[] = { "active", "suspended", "archived" };
const cli_enum cli_enum_partner_status =
    ENUM("partner_status", partner_status_names, KM_PARTNER_STATUS__COUNT, km_partner_status_label, NULL);

static const char *const dimension_names[] = { "innovation", "efficiency", "impact", "sustainability",
                                               "public_trust" };
const cli_enum cli_enum_dimension =
    ENUM("dimension", dimension_names, KM_DIMENSION__COUNT, km_dimension_label, NULL);

/* ---- agreements (agreement.h) -------------------------------------------- */

static const char *const agreement_type_names[] = {
    "mou",  "cooperation", "grant",  "procurement_contract", "joint_venture",
    "service", "research_collaboration", "loan", "ppp", "community_partnership",
    "international_cooperation",
};

static const char *const family_names[] = { "public_private", "nonprofit_government", "community_government",
                                            "international" };
const cli_enum cli_enum_family = ENUM("family", family_names, KM_FAMILY__COUNT, km_family_label, NULL);

static void agreement_type_extra(out_row *row, int value)
{
    int family = km_agreement_type_family(value);
    out_str(row, "family", family >= 0 && family < COUNT(family_names) ? family_names[family] : NULL);
}

const cli_enum cli_enum_agreement_type = ENUM("agreement_type", agreement_type_names, KM_AGREEMENT_TYPE__COUNT,
                                                     km_agreement_type_label, agreement_type_extra);

static const char *const agreement_status_names[] = { "draft",     "proposed",   "signed",  "active",   "suspended",
                                                      "completed", "terminated", "expired", "cancelled" };
const cli_enum cli_enum_agreement_status = ENUM("agreement_status", agreement_status_names,
                                                       KM_AGREEMENT_STATUS__COUNT, km_agreement_status_label, NULL);

/* Party roles are bits of a mask. */
static const char *const role_names[] = { "funding",       "accountable", "extending",   "implementing", "public_authority",
                                          "private_party", "beneficiary", "facilitator", "guarantor" };
static const char *role_label(int value, int lang) { return km_role_label((uint32_t)value, lang); }
static void role_extra(out_row *row, int value)
{
    int code = km_role_iati((uint32_t)value);
    if (code >= 0) out_i64(row, "iati_role", code);
    else out_null(row, "iati_role");
}
const cli_enum cli_enum_role = { "role", role_names, COUNT(role_names), 0, COUNT(role_names), 1,
                                        role_label, role_extra };

static const char *const milestone_type_names[] = { "approval", "financing",       "delivery",   "reporting", "payment",
                                                    "commercial_close", "financial_close", "completion", "other" };
static void milestone_type_extra(out_row *row, int value) { out_str(row, "code", km_milestone_type_code(value)); }
const cli_enum cli_enum_milestone_type = ENUM("milestone_type", milestone_type_names, KM_MILESTONE_TYPE__COUNT,
                                                     km_milestone_type_label, milestone_type_extra);

static const char *const milestone_status_names[] = { "scheduled", "met", "not_met", "partially_met" };
const cli_enum cli_enum_milestone_status = ENUM("milestone_status", milestone_status_names,
                                                       KM_MILESTONE_STATUS__COUNT, km_milestone_status_label, NULL);

static const char *const risk_category_names[] = {
    "land",    "environmental", "design",        "construction",  "demand_revenue", "inflation_exchange",
    "finance", "change_in_law", "force_majeure", "operational",   "political",      "other",
};
const cli_enum cli_enum_risk_category = ENUM("risk_category", risk_category_names, KM_RISK_CATEGORY__COUNT,
                                                    km_risk_category_label, NULL);

static const char *const risk_allocation_names[] = { "public", "private", "shared" };
const cli_enum cli_enum_risk_allocation = ENUM("risk_allocation", risk_allocation_names,
                                                      KM_RISK_ALLOCATION__COUNT, km_risk_allocation_label, NULL);

/* ---- frameworks (framework.h) -------------------------------------------- */

static const char *const incentive_names[] = { "tax", "viability_gap_funding", "availability_payment",
                                               "government_guarantee", "grant" };
const cli_enum cli_enum_incentive =
    ENUM("incentive", incentive_names, KM_INCENTIVE__COUNT, km_incentive_label, NULL);

static const char *const rule_names[] = { "type",         "role_missing", "role_kind", "dates",
                                          "min_duration", "max_duration", "max_value", "dimensions" };
const cli_enum cli_enum_rule = ENUM("rule", rule_names, KM_RULE__COUNT, km_rule_label, NULL);

/* ---- the tool's own ------------------------------------------------------- */

/* km_partner_order has no labels in the library. */
static const char *const partner_order_names[] = { "id", "name" };
static const char *partner_order_label(int value, int lang)
{
    static const char *const labels[2][2] = {
        { "urut id (urutan pendaftaran)", "by id (registration order)" },
        { "urut nama (bita UTF-8, peka huruf besar)", "by name (UTF-8 bytes, case-sensitive)" },
    };
    if (value < 0 || value > 1) return "?";
    return labels[value][lang == KM_LANG_EN ? 1 : 0];
}
const cli_enum cli_enum_partner_order = ENUM("partner_order", partner_order_names, 2, partner_order_label, NULL);

/* The library has no labels for km_sync_mode: the tool's own. */
static const char *const sync_mode_names[] = { "full", "normal", "off" };
static const char *sync_mode_label(int value, int lang)
{
    static const char *const labels[3][2] = {
        { "penuh: disinkronkan ke disk sebelum setiap commit selesai",
          "full: synced to disk before every commit returns" },
        { "normal: sinkronisasi berkelompok (paling lama 100 ms)", "normal: group sync (at most 100 ms)" },
        { "mati: tidak pernah sinkron (uji, impor yang bisa diulang)", "off: never synced (tests, redoable imports)" },
    };
    if (value < 0 || value > 2) return "?";
    return labels[value][lang == KM_LANG_EN ? 1 : 0];
}
const cli_enum cli_enum_sync_mode = ENUM("sync_mode", sync_mode_names, 3, sync_mode_label, NULL);

/* Error codes, from KM_ITEROVER (-15) up to KM_OK (0). */
static const char *const error_names[] = {
    "KM_ITEROVER", "KM_EVERSION", "KM_EBUSY",     "KM_EREADONLY", "KM_ERANGE",  "KM_EDENIED",
    "KM_ENOMEM",   "KM_ECORRUPT", "KM_ESTORAGE", "KM_ECONFLICT", "KM_ESTATE",  "KM_EEXISTS",
    "KM_ENOTFOUND", "KM_EINVAL",  "KM_ERROR",    "KM_OK",
};

static void error_extra(out_row *row, int value) { out_i64(row, "exit_code", cli_exit_code(value)); }

const cli_enum cli_enum_error = { "error_code", error_names, COUNT(error_names), KM_ITEROVER, COUNT(error_names), 0,
                                  km_strerror_lang, error_extra };

/* Commitments (commitment.h). */
static const char *const commitment_kind_names[] = { "grant", "loan", "technical_assistance", "administrative_support",
                                                     "in_kind", "equity", "guarantee", "viability_gap_funding",
                                                     "tax_incentive" };
static void commitment_kind_extra(out_row *row, int value)
{
    int ft = km_commitment_kind_iati_finance_type(value);
    if (ft >= 0) out_i64(row, "iati_finance_type", ft);
    else out_null(row, "iati_finance_type");
    out_str(row, "iati_aid_type", km_commitment_kind_iati_aid_type(value));
}
const cli_enum cli_enum_commitment_kind = ENUM("commitment_kind", commitment_kind_names, KM_COMMITMENT_KIND__COUNT,
                                               km_commitment_kind_label, commitment_kind_extra);
static const char *const commitment_status_names[] = { "pledged", "committed", "disbursing", "fully_disbursed",
                                                       "closed", "cancelled" };
const cli_enum cli_enum_commitment_status = ENUM("commitment_status", commitment_status_names,
                                                 KM_COMMITMENT_STATUS__COUNT, km_commitment_status_label, NULL);
static const char *const ledger_type_names[] = { "pledge", "commitment", "disbursement", "expenditure",
                                                 "loan_repayment", "interest_payment", "reimbursement" };
static void ledger_type_extra(out_row *row, int value)
{
    out_i64(row, "iati_transaction_type", km_ledger_type_iati(value));
    out_i64(row, "iati_transaction_type_incoming", km_ledger_type_iati_incoming(value));
}
const cli_enum cli_enum_ledger_type = ENUM("ledger_type", ledger_type_names, KM_LEDGER_TYPE__COUNT,
                                           km_ledger_type_label, ledger_type_extra);
static const char *const loan_method_names[] = { "annuity", "straight_line" };
const cli_enum cli_enum_loan_method = ENUM("loan_method", loan_method_names, KM_LOAN_METHOD__COUNT,
                                           km_loan_method_label, NULL);
static const char *const tranche_status_names[] = { "planned", "cancelled" };
const cli_enum cli_enum_tranche_status = ENUM("tranche_status", tranche_status_names, KM_TRANCHE_STATUS__COUNT,
                                              km_tranche_status_label, NULL);
static const char *const figure_names[] = { "pledged",     "committed", "disbursed", "reimbursed", "expenditure",
                                            "repaid",      "interest",  "remaining", "outstanding" };
const cli_enum cli_enum_figure = ENUM("figure", figure_names, KM_FIGURE__COUNT, km_figure_label, NULL);
static const char *const totals_group_names[] = { "none", "commitment", "agreement", "provider",
                                                  "recipient", "kind", "framework", "status" };
const cli_enum cli_enum_totals_group = ENUM("totals_group", totals_group_names, KM_GROUP__COUNT, km_group_label, NULL);

/* Evaluation (indicator.h, scorecard.h) and disputes (dispute.h). */
static const char *const result_level_names[] = { "output", "outcome", "impact", "other" };
static void iati_code_out(out_row *row, const char *key, int code)
{
    if (code >= 0) out_i64(row, key, code);
    else out_null(row, key);
}
static void result_level_extra(out_row *row, int value) { iati_code_out(row, "iati_result_type", km_result_level_iati(value)); }
const cli_enum cli_enum_result_level = ENUM("result_level", result_level_names, KM_RESULT_LEVEL__COUNT,
                                            km_result_level_label, result_level_extra);
static const char *const measure_names[] = { "unit", "percentage", "nominal", "ordinal", "qualitative", "ratio" };
static void measure_extra(out_row *row, int value) { iati_code_out(row, "iati_measure", km_measure_iati(value)); }
const cli_enum cli_enum_measure = ENUM("measure", measure_names, KM_MEASURE__COUNT, km_measure_label, measure_extra);
static const char *const frequency_names[] = { "monthly", "quarterly", "semiannual", "annual" };
const cli_enum cli_enum_frequency = ENUM("frequency", frequency_names, KM_FREQUENCY__COUNT, km_frequency_label, NULL);
static const char *const indicator_status_names[] = { "active", "retired" };
const cli_enum cli_enum_indicator_status = ENUM("indicator_status", indicator_status_names, KM_INDICATOR_STATUS__COUNT,
                                                km_indicator_status_label, NULL);
static const char *const measurement_status_names[] = { "draft", "submitted", "approved", "returned", "superseded" };
const cli_enum cli_enum_measurement_status = ENUM("measurement_status", measurement_status_names,
                                                  KM_MEASUREMENT_STATUS__COUNT, km_measurement_status_label, NULL);
static const char *const scope_names[] = { "agreement", "partner", "framework", "family", "dimension", "network" };
const cli_enum cli_enum_scope = ENUM("scope", scope_names, KM_SCOPE__COUNT, km_scorecard_scope_label, NULL);
static const char *const direction_names[] = { "ascending", "descending" };
const cli_enum cli_enum_direction = ENUM("direction", direction_names, KM_DIRECTION__COUNT, km_direction_label, NULL);
static const char *const time_aggregation_names[] = { "sum", "last", "average", "max", "min" };
const cli_enum cli_enum_time_aggregation = ENUM("time_aggregation", time_aggregation_names, KM_TIME_AGG__COUNT,
                                                km_time_aggregation_label, NULL);
static const char *const cross_aggregation_names[] = { "sum", "average", "weighted_average" };
const cli_enum cli_enum_cross_aggregation = ENUM("cross_aggregation", cross_aggregation_names, KM_CROSS_AGG__COUNT,
                                                 km_cross_aggregation_label, NULL);
static const char *const progress_status_names[] = { "no_data", "on_track", "at_risk", "off_track", "not_scored" };
const cli_enum cli_enum_progress_status = ENUM("progress_status", progress_status_names, KM_PROGRESS_STATUS__COUNT,
                                               km_progress_status_label, NULL);
static const char *const health_component_names[] = { "performance", "compliance", "coverage" };
static void health_component_extra(out_row *row, int value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", km_health_weight(value));
    out_json(row, "weight", buf);
}
const cli_enum cli_enum_health_component = ENUM("health_component", health_component_names, KM_HEALTH__COUNT,
                                                km_health_component_label, health_component_extra);
static const char *const report_kind_names[] = { "missing", "late" };
const cli_enum cli_enum_report_kind = ENUM("report_kind", report_kind_names, KM_REPORT_KIND__COUNT,
                                           km_report_kind_label, NULL);
static const char *const dispute_category_names[] = { "payment", "performance", "scope", "governance", "legal", "other" };
const cli_enum cli_enum_dispute_category = ENUM("dispute_category", dispute_category_names, KM_DISPUTE_CATEGORY__COUNT,
                                                km_dispute_category_label, NULL);
static const char *const dispute_severity_names[] = { "low", "medium", "high", "critical" };
const cli_enum cli_enum_dispute_severity = ENUM("dispute_severity", dispute_severity_names, KM_DISPUTE_SEVERITY__COUNT,
                                                km_dispute_severity_label, NULL);
static const char *const dispute_status_names[] = { "filed", "acknowledged", "negotiation", "mediation", "settled",
                                                    "escalated", "closed", "withdrawn", "dismissed" };
const cli_enum cli_enum_dispute_status = ENUM("dispute_status", dispute_status_names, KM_DISPUTE_STATUS__COUNT,
                                              km_dispute_status_label, NULL);
static const char *const dispute_forum_names[] = { "arbitration", "court" };
const cli_enum cli_enum_dispute_forum = ENUM("dispute_forum", dispute_forum_names, KM_DISPUTE_FORUM__COUNT,
                                             km_dispute_forum_label, NULL);

/* Opportunities and expressions of interest (opportunity.h). */
static const char *const opportunity_status_names[] = { "draft", "open", "closed", "awarded", "cancelled" };
const cli_enum cli_enum_opportunity_status = ENUM("opportunity_status", opportunity_status_names,
                                                  KM_OPPORTUNITY_STATUS__COUNT, km_opportunity_status_label, NULL);
static const char *const award_mode_names[] = { "separate", "joint" };
const cli_enum cli_enum_award_mode = ENUM("award_mode", award_mode_names, KM_AWARD_MODE__COUNT, km_award_mode_label, NULL);
static const char *const interest_status_names[] = { "submitted", "shortlisted", "selected", "rejected", "withdrawn" };
const cli_enum cli_enum_interest_status = ENUM("interest_status", interest_status_names, KM_INTEREST_STATUS__COUNT,
                                               km_interest_status_label, NULL);
/* The names are the library's codes (km_eligibility_rule_code). */
static const char *const eligibility_rule_names[] = { "active", "not_publisher", "kind", "region", "track_record",
                                                      "no_open_disputes" };
const cli_enum cli_enum_eligibility_rule = ENUM("eligibility_rule", eligibility_rule_names, KM_ELIGIBILITY_RULE__COUNT,
                                                km_eligibility_rule_label, NULL);
/* Dispute roles are bits of a mask (KM_DISPUTE_ROLE_*). */
static const char *const dispute_role_names[] = { "claimant", "respondent", "mediator", "admin" };
static const char *dispute_role_label(int value, int lang) { return km_dispute_role_label((uint32_t)value, lang); }
const cli_enum cli_enum_dispute_role = { "dispute_role", dispute_role_names, COUNT(dispute_role_names), 0,
                                         COUNT(dispute_role_names), 1, dispute_role_label, NULL };
static const char *const conflict_names[] = { "party_to_dispute", "inactive", "kind", "party_to_agreement",
                                              "related_agreement" };
const cli_enum cli_enum_conflict = ENUM("conflict", conflict_names, KM_CONFLICT__COUNT, km_conflict_label, NULL);

const cli_enum *const cli_enums[] = {
    &cli_enum_entity,
    &cli_enum_partner_kind,
    &cli_enum_partner_status,
    &cli_enum_partner_order,
    &cli_enum_dimension,
    &cli_enum_family,
    &cli_enum_agreement_type,
    &cli_enum_agreement_status,
    &cli_enum_role,
    &cli_enum_milestone_type,
    &cli_enum_milestone_status,
    &cli_enum_risk_category,
    &cli_enum_risk_allocation,
    &cli_enum_incentive,
    &cli_enum_rule,
    &cli_enum_commitment_kind,
    &cli_enum_commitment_status,
    &cli_enum_ledger_type,
    &cli_enum_loan_method,
    &cli_enum_tranche_status,
    &cli_enum_figure,
    &cli_enum_totals_group,
    &cli_enum_result_level,
    &cli_enum_measure,
    &cli_enum_frequency,
    &cli_enum_indicator_status,
    &cli_enum_measurement_status,
    &cli_enum_scope,
    &cli_enum_direction,
    &cli_enum_time_aggregation,
    &cli_enum_cross_aggregation,
    &cli_enum_progress_status,
    &cli_enum_health_component,
    &cli_enum_report_kind,
    &cli_enum_dispute_category,
    &cli_enum_dispute_severity,
    &cli_enum_dispute_status,
    &cli_enum_dispute_forum,
    &cli_enum_opportunity_status,
    &cli_enum_award_mode,
    &cli_enum_interest_status,
    &cli_enum_eligibility_rule,
    &cli_enum_dispute_role,
    &cli_enum_conflict,
    &cli_enum_sync_mode,
    &cli_enum_error,
    NULL,
};

/* ---- lookups -------------------------------------------------------------- */

int cli_enum_value(const cli_enum *e, int i)
{
    return e->bits ? (int)(1u << i) : e->first + i;
}

static int index_of(const cli_enum *e, int value)
{
    int i;
    if (!e->bits) return value - e->first;
    for (i = 0; i < e->nnames && i < 31; i++)
        if (value == (int)(1u << i)) return i;
    return -1;
}

const char *cli_enum_name(const cli_enum *e, int value)
{
    int i = index_of(e, value);
    if (i < 0 || i >= e->nnames) return NULL;
    return e->names[i];
}

void cli_enum_out(out_row *row, const char *key, const cli_enum *e, int value, int lang)
{
    char num[16];
    const char *name = cli_enum_name(e, value);
    if (!name) { /* a value newer than this tool: show the number */
        snprintf(num, sizeof num, "%d", value);
        name = num;
    }
    out_enum(row, key, name, e->label(value, lang));
}

void cli_enum_mask_out(out_row *row, const char *key, const cli_enum *e, uint32_t mask, int json, int lang)
{
    int b;
    out_strs(row, key);
    for (b = 0; b < 32; b++) {
        int v = e->bits ? (int)(1u << b) : e->first + b;
        const char *name;
        char num[16];
        if (!(mask & (1u << b))) continue;
        name = cli_enum_name(e, v);
        if (!name) { /* a value newer than this tool: its number */
            snprintf(num, sizeof num, "%d", v);
            name = num;
        }
        out_strs_add(row, json ? name : e->label(v, lang));
    }
}

/* "a, b, c" */
static char *choices(const cli_enum *e)
{
    size_t len = 1, i;
    char *s;
    for (i = 0; i < (size_t)e->nnames; i++) len += strlen(e->names[i]) + 2;
    s = (char *)cli_xmalloc(len);
    s[0] = '\0';
    for (i = 0; i < (size_t)e->nnames; i++) {
        if (i) strcat(s, ", ");
        strcat(s, e->names[i]);
    }
    return s;
}

int cli_value_enum_str(cli_ctx *ctx, const char *what, const char *s, const cli_enum *e, int *out)
{
    char *list;
    int i, rc;
    for (i = 0; i < e->nnames; i++) {
        if (cli_name_eq(s, e->names[i])) {
            *out = cli_enum_value(e, i);
            return 0;
        }
    }
    if (cli_parse_int(s, out) == 0) return 0;
    list = choices(e);
    rc = cli_usage(ctx, M_BAD_CHOICE, what, s, list);
    free(list);
    return rc;
}

int cli_value_enum(cli_ctx *ctx, const cli_optval *o, const cli_enum *e, int *out)
{
    return cli_value_enum_str(ctx, o->name, o->value, e, out);
}
