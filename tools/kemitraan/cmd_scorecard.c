/* cmd_scorecard.c: scorecards (scorecard.h): the scorecard with its
 * components, its trend, and the network's evaluation thresholds; the
 * progress row shared by the evaluation commands (evaluation.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "evaluation.h"
#include "report.h"
#include "util.h"
#include "values.h"

enum { E_SCOPE = 1, E_SUBJECT, E_DATE, E_KNOWLEDGE, E_RUNNING, E_FROM, E_TO, E_FREQUENCY, E_ON_TRACK, E_AT_RISK,
       E_GRACE };

#define SCOPE_OPTS                                                                                                   \
    { "scope", E_SCOPE, 1, "SCOPE", { "network (bawaan), agreement, partner, framework, family, dimension", "network (default), agreement, partner, framework, family, dimension" } }, \
    { "subject", E_SUBJECT, 1, "ID", { "id atau nilai lingkup", "the scope's id or value" } },                        \
    { "knowledge-as-of", E_KNOWLEDGE, 0, NULL, { "hanya persetujuan sampai tanggal itu yang dihitung", "only approvals made by the date count" } }, \
    { "running-only", E_RUNNING, 0, NULL, { "hanya perjanjian yang berjalan pada tanggal itu", "only agreements running on the date" } }

static const cli_opt sc_opts[] = {
    SCOPE_OPTS,
    { "date", E_DATE, 1, "DATE", { "per tanggal (bawaan: --as-of atau hari ini)", "as of (default: --as-of or today)" } },
    EVAL_NO_OPTS,
};
static const cli_opt trend_opts[] = {
    SCOPE_OPTS,
    { "from", E_FROM, 1, "DATE", { "hari pertama (wajib)", "first day (required)" } },
    { "to", E_TO, 1, "DATE", { "hari terakhir (bawaan: --as-of atau hari ini)", "last day (default: --as-of or today)" } },
    { "frequency", E_FREQUENCY, 1, "F", { "monthly, quarterly (bawaan), semiannual, annual", "monthly, quarterly (default), semiannual, annual" } },
    EVAL_NO_OPTS,
};
static const cli_opt set_opts[] = {
    { "on-track", E_ON_TRACK, 1, "PERMILLE", { "sesuai rencana pada >= bagian ini dari kemajuan yang diharapkan (0..1000)", "on track at >= this share of the expected progress (0..1000)" } },
    { "at-risk", E_AT_RISK, 1, "PERMILLE", { "berisiko pada >= bagian ini (0..on-track)", "at risk at >= this share (0..on-track)" } },
    { "grace-days", E_GRACE, 1, "N", { "hari tenggang laporan bawaan", "default reporting grace days" } },
    EVAL_NO_OPTS,
};

int cli_eval_date(cli_ctx *ctx, const cli_optval *o, char out[11])
{
    cli_report_date(ctx, out);
    if (!o) return 0;
    if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
    memcpy(out, o->value, 11);
    return 0;
}

out_row *cli_progress_row(cli_ctx *ctx, const km_progress *p)
{
    out_row *r = out_row_new();
    int64_t den = 0, num = km_progress_actual(&den, p);
    int status = km_progress_status_of(p), scored = status != KM_PROGRESS_NOT_SCORED;
    km_indicator *ind = NULL;
    out_u64(r, "indicator_id", km_progress_indicator_id(p));
    /* what people recognise the indicator by (nothing when unreadable) */
    if (km_indicator_get(&ind, ctx->net, km_progress_indicator_id(p)) != 0) ind = NULL;
    out_str(r, "code", km_indicator_code(ind));
    out_str(r, "title", km_indicator_title(ind));
    out_str(r, "unit_label", km_indicator_unit_label(ind));
    km_indicator_free(ind);
    out_u64(r, "agreement_id", km_progress_agreement_id(p));
    out_str(r, "as_of", km_progress_as_of(p));
    cli_enum_out(r, "dimension", &cli_enum_dimension, km_progress_dimension(p), ctx->lang);
    cli_enum_out(r, "measure", &cli_enum_measure, km_progress_measure(p), ctx->lang);
    out_u64(r, "weight", km_progress_weight(p));
    cli_enum_out(r, "progress_status", &cli_enum_progress_status, status, ctx->lang);
    out_u64(r, "value_count", km_progress_value_count(p));
    if (km_progress_value_count(p)) {
        out_i64(r, "actual", num);
        out_i64(r, "actual_denominator", den);
        out_real(r, "actual_value", km_progress_actual_value(p));
    } else {
        out_null(r, "actual");
        out_null(r, "actual_denominator");
        out_null(r, "actual_value");
    }
    if (scored) {
        out_real(r, "baseline_value", km_progress_baseline_value(p));
        out_real(r, "target_value", km_progress_target_value(p));
    } else {
        out_null(r, "baseline_value");
        out_null(r, "target_value");
    }
    out_str(r, "target_date", km_progress_target_date(p));
    out_str(r, "last_period_end", km_progress_last_period_end(p));
    if (scored && km_progress_value_count(p)) {
        out_real(r, "raw", km_progress_raw(p));
        out_real(r, "score", km_progress_score(p));
    } else {
        out_null(r, "raw");
        out_null(r, "score");
    }
    if (scored) out_real(r, "expected", km_progress_expected(p));
    else out_null(r, "expected");
    out_str(r, "text", km_progress_text(p));
    return r;
}

/* ---- the scorecard ---------------------------------------------------------------------- */

/* The scope options into q; returns 0 or CLI_EXIT_USAGE. */
static int read_scope(cli_ctx *ctx, const cli_args *args, km_scorecard_query *q)
{
    const cli_optval *s = cli_opt_last(args, E_SCOPE), *sub = cli_opt_last(args, E_SUBJECT);
    if (s && cli_value_enum(ctx, s, &cli_enum_scope, &q->scope)) return CLI_EXIT_USAGE;
    if (sub) {
        int v;
        if (q->scope == KM_SCOPE_FAMILY) {
            if (cli_value_enum(ctx, sub, &cli_enum_family, &v)) return CLI_EXIT_USAGE;
            q->subject = (uint64_t)v;
        } else if (q->scope == KM_SCOPE_DIMENSION) {
            if (cli_value_enum(ctx, sub, &cli_enum_dimension, &v)) return CLI_EXIT_USAGE;
            q->subject = (uint64_t)v;
        } else if (cli_value_u64(ctx, sub, &q->subject)) {
            return CLI_EXIT_USAGE;
        }
    }
    q->knowledge = cli_opt_last(args, E_KNOWLEDGE) ? KM_KNOWLEDGE_AS_OF : KM_KNOWLEDGE_CURRENT;
    q->running_only = cli_opt_last(args, E_RUNNING) != NULL;
    return 0;
}

/* The subject as given to people and programs: the family or dimension's
 * name, an id, or null for the network. */
static void subject_out(cli_ctx *ctx, out_row *row, int scope, uint64_t subject)
{
    if (scope == KM_SCOPE_FAMILY) cli_enum_out(row, "subject", &cli_enum_family, (int)subject, ctx->lang);
    else if (scope == KM_SCOPE_DIMENSION) cli_enum_out(row, "subject", &cli_enum_dimension, (int)subject, ctx->lang);
    else if (scope == KM_SCOPE_NETWORK) out_null(row, "subject");
    else out_u64(row, "subject", subject);
}

/* One cell per dimension, named by the dimension's machine name. */
static void dimension_cells(out_row *r, const void *src, size_t i, double (*get)(const void *, size_t, int))
{
    int k;
    for (k = 0; k < KM_DIMENSION__COUNT; k++) {
        const char *key = cli_enum_name(&cli_enum_dimension, k);
        if (key) cli_num_out(r, key, get(src, i, k));
    }
}
static double agreement_dim(const void *sc, size_t i, int k)
{
    return km_scorecard_agreement_dimension_score((const km_scorecard *)sc, i, k);
}
static double trend_dim(const void *t, size_t i, int k) { return km_trend_dimension_score((const km_trend *)t, i, k); }

static const struct counter {
    int counter;
    const char *key;
} counters[] = {
    { KM_SCORECARD_AGREEMENTS, "agreements_in_scope" },     { KM_SCORECARD_INDICATORS, "indicators_in_scope" },
    { KM_SCORECARD_SCOREABLE, "indicators_scoreable" },     { KM_SCORECARD_SCORED, "indicators_scored" },
    { KM_SCORECARD_NO_DATA, "indicators_no_data" },         { KM_SCORECARD_ON_TRACK, "indicators_on_track" },
    { KM_SCORECARD_AT_RISK, "indicators_at_risk" },         { KM_SCORECARD_OFF_TRACK, "indicators_off_track" },
    { KM_SCORECARD_NOT_SCORED, "indicators_not_scored" },   { KM_SCORECARD_REPORTS_DUE, "reports_due" },
    { KM_SCORECARD_REPORTS_MISSING, "reports_missing" },    { KM_SCORECARD_REPORTS_LATE, "reports_late" },
    { KM_SCORECARD_DIMENSIONS_WITH_DATA, "dimensions_with_data" },
};

static int cmd_scorecard(cli_ctx *ctx, const cli_args *args)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    km_scorecard *sc = NULL;
    char date[11];
    out_row *row;
    size_t i, cell;
    int k, rc;
    if (cli_eval_date(ctx, cli_opt_last(args, E_DATE), date) || read_scope(ctx, args, &q)) return CLI_EXIT_USAGE;
    q.as_of = date;
    if ((rc = km_scorecard_compute(&sc, ctx->net, &q))) return cli_fail(ctx, rc);
    row = out_row_new();
    cli_enum_out(row, "scope", &cli_enum_scope, km_scorecard_scope_of(sc), ctx->lang);
    subject_out(ctx, row, km_scorecard_scope_of(sc), km_scorecard_subject(sc));
    out_str(row, "as_of", km_scorecard_as_of(sc));
    out_bool(row, "knowledge_as_of", q.knowledge == KM_KNOWLEDGE_AS_OF);
    out_bool(row, "running_only", q.running_only);
    cli_num_out(row, "score", km_scorecard_score(sc));
    cli_num_out(row, "health_index", km_scorecard_health_index(sc));
    for (i = 0; i < sizeof counters / sizeof counters[0]; i++)
        out_u64(row, counters[i].key, km_scorecard_count(sc, counters[i].counter));
    cell = out_rows(row, "health", "health_component,value,weight", 1);
    for (k = 0; k < KM_HEALTH__COUNT; k++) {
        out_row *r = out_row_new();
        cli_enum_out(r, "health_component", &cli_enum_health_component, k, ctx->lang);
        cli_num_out(r, "value", km_scorecard_health_component(sc, k));
        out_real(r, "weight", km_health_weight(k));
        out_rows_add(row, cell, r);
    }
    cell = out_rows(row, "dimensions", "dimension,score", 1);
    for (k = 0; k < KM_DIMENSION__COUNT; k++) {
        out_row *r = out_row_new();
        cli_enum_out(r, "dimension", &cli_enum_dimension, k, ctx->lang);
        cli_num_out(r, "score", km_scorecard_dimension_score(sc, k));
        out_rows_add(row, cell, r);
    }
    cell = out_rows(row, "agreements", NULL, 1);
    for (i = 0; i < km_scorecard_agreement_count(sc); i++) {
        out_row *r = out_row_new();
        out_u64(r, "agreement_id", km_scorecard_agreement_id(sc, i));
        cli_num_out(r, "score", km_scorecard_agreement_score(sc, i));
        out_u64(r, "weight", km_scorecard_agreement_weight(sc, i));
        dimension_cells(r, sc, i, agreement_dim);
        out_rows_add(row, cell, r);
    }
    cell = out_rows(row, "indicators",
                    "indicator_id,code,agreement_id,dimension,weight,progress_status,actual_value,target_value,score,expected", 1);
    for (i = 0; i < km_scorecard_indicator_count(sc); i++)
        out_rows_add(row, cell, cli_progress_row(ctx, km_scorecard_indicator(sc, i)));
    km_scorecard_free(sc);
    return cli_emit(ctx, row);
}

static int cmd_trend(cli_ctx *ctx, const cli_args *args)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    const cli_optval *from = cli_opt_last(args, E_FROM), *fr = cli_opt_last(args, E_FREQUENCY);
    int freq = KM_FREQUENCY_QUARTERLY, rc;
    km_trend *t = NULL;
    char to[11];
    out_row *row;
    size_t i, cell;
    if (read_scope(ctx, args, &q)) return CLI_EXIT_USAGE;
    if (!from) return cli_usage(ctx, M_MISSING_ARGUMENT, "--from", ctx->path);
    if (cli_value_date(ctx, from) || cli_eval_date(ctx, cli_opt_last(args, E_TO), to)) return CLI_EXIT_USAGE;
    if (fr && cli_value_enum(ctx, fr, &cli_enum_frequency, &freq)) return CLI_EXIT_USAGE;
    if ((rc = km_scorecard_trend(&t, ctx->net, &q, from->value, to, freq))) return cli_fail(ctx, rc);
    row = out_row_new();
    cli_enum_out(row, "scope", &cli_enum_scope, q.scope, ctx->lang);
    subject_out(ctx, row, q.scope, q.subject);
    out_str(row, "from", from->value);
    out_str(row, "to", to);
    cli_enum_out(row, "frequency", &cli_enum_frequency, freq, ctx->lang);
    out_bool(row, "knowledge_as_of", q.knowledge == KM_KNOWLEDGE_AS_OF);
    cell = out_rows(row, "points", NULL, 1);
    for (i = 0; i < km_trend_count(t); i++) {
        out_row *r = out_row_new();
        out_str(r, "date", km_trend_date(t, i));
        cli_num_out(r, "score", km_trend_score(t, i));
        cli_num_out(r, "health_index", km_trend_health_index(t, i));
        dimension_cells(r, t, i, trend_dim);
        out_rows_add(row, cell, r);
    }
    out_u64(row, "count", km_trend_count(t));
    km_trend_free(t);
    return cli_emit(ctx, row);
}

/* ---- thresholds --------------------------------------------------------------------------- */

static int print_thresholds(cli_ctx *ctx)
{
    uint32_t on = 0, risk = 0, grace = 0;
    out_row *row;
    int rc = km_evaluation_thresholds(&on, &risk, &grace, ctx->net);
    if (rc) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "on_track_permille", on);
    out_u64(row, "at_risk_permille", risk);
    out_u64(row, "grace_days", grace);
    return cli_emit(ctx, row);
}
static int cmd_thresholds(cli_ctx *ctx, const cli_args *args)
{
    (void)args;
    return print_thresholds(ctx);
}

static int cmd_thresholds_set(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *on = cli_opt_last(args, E_ON_TRACK), *risk = cli_opt_last(args, E_AT_RISK),
                     *grace = cli_opt_last(args, E_GRACE);
    uint32_t v_on = 0, v_risk = 0, v_grace = 0;
    int rc;
    if (!on && !risk && !grace) return cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if ((rc = km_evaluation_thresholds(&v_on, &v_risk, &v_grace, ctx->net))) return cli_fail(ctx, rc);
    if ((on && cli_value_u32(ctx, on, &v_on)) || (risk && cli_value_u32(ctx, risk, &v_risk)) ||
        (grace && cli_value_u32(ctx, grace, &v_grace)))
        return CLI_EXIT_USAGE;
    if ((rc = km_evaluation_set_thresholds(ctx->net, v_on, v_risk, v_grace))) return cli_fail(ctx, rc);
    return print_thresholds(ctx);
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_scorecard_commands[] = {
    /* "": the group's default (`kemitraan scorecard --scope ...`, main.c). */
    { "", "[--scope S] [--subject X] [--date DATE] [--knowledge-as-of] [--running-only]\n"
          "       kemitraan scorecard trend|thresholds|thresholds-set [options]",
      { "kartu skor per tanggal: skor, indeks kesehatan dan komponennya, dimensi, perjanjian, indikator",
        "a scorecard as of a date: score, health index and its components, dimensions, agreements, indicators" }, sc_opts,
      "kemitraan scorecard --scope dimension --subject impact --date 2025-12-31", RD, 0, cmd_scorecard },
    { "trend", "--from DATE [--to DATE] [--frequency F] [--scope S] [--subject X]",
      { "tren kartu skor di akhir setiap periode", "the scorecard at the end of every period" }, trend_opts,
      "kemitraan scorecard trend --scope agreement --subject 1 --from 2025-01-01 --to 2025-12-31", RD, 0, cmd_trend },
    { "thresholds", "", { "ambang status dan hari tenggang jaringan", "the network's status thresholds and grace days" }, NULL,
      "kemitraan scorecard thresholds", RD, 0, cmd_thresholds },
    { "thresholds-set", "[--on-track N] [--at-risk N] [--grace-days N]",
      { "mengubah ambang status (dicatat di log audit)", "change the status thresholds (recorded in the audit log)" }, set_opts,
      "kemitraan scorecard thresholds-set --on-track 850 --at-risk 500 --grace-days 45", WR, 0, cmd_thresholds_set },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
