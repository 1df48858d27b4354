/* cmd_evaluation.c: indicators (add, template, instantiate, list),
 * measurements (report, submit, approve, return, lock, list) and
 * scorecards. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "report.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum { E_AGREEMENT = 1, E_FRAMEWORK, E_CODE, E_TITLE, E_MEASURE, E_DIMENSION, E_LEVEL, E_UNIT, E_BASELINE,
       E_BASELINE_DATE, E_TARGET, E_FREQUENCY, E_REPORTER, E_WEIGHT, E_PARTNER, E_FROM, E_TO, E_VALUE, E_DENOM,
       E_TEXT, E_EVIDENCE, E_COMMENT, E_NOTE, E_REASON, E_INDICATOR, E_STATUS, E_SCOPE, E_SUBJECT, E_DATE, E_SCALE,
       E_GRACE };

#define IND_OPTS                                                                                                     \
    { "code", E_CODE, 1, "CODE", { "kode indikator (wajib)", "indicator code (required)" } },                       \
    { "title", E_TITLE, 1, "TEXT", { "judul (wajib)", "title (required)" } },                                        \
    { "measure", E_MEASURE, 1, "M", { "unit, percentage, ratio, ordinal, nominal, qualitative", "unit, percentage, ratio, ordinal, nominal, qualitative" } }, \
    { "dimension", E_DIMENSION, 1, "DIM", { "dimensi manfaat", "benefit dimension" } },                              \
    { "level", E_LEVEL, 1, "LEVEL", { "output, outcome, impact, other", "output, outcome, impact, other" } },        \
    { "unit-label", E_UNIT, 1, "TEXT", { "satuan, mis. orang", "unit label, e.g. people" } },                       \
    { "scale", E_SCALE, 1, "N", { "jumlah desimal nilai", "decimal places of values" } },                            \
    { "baseline", E_BASELINE, 1, "N", { "nilai dasar (bilangan bulat dalam satuan skala)", "baseline (integer in scale units)" } }, \
    { "baseline-date", E_BASELINE_DATE, 1, "DATE", { "tanggal nilai dasar", "baseline date" } },                    \
    { "target", E_TARGET, 1, "DATE=N", { "target pada tanggal (templat: N saja); boleh berulang", "target on a date (templates: N alone); repeatable" } },  \
    { "frequency", E_FREQUENCY, 1, "F", { "monthly, quarterly, semiannual, annual", "monthly, quarterly, semiannual, annual" } }, \
    { "reporter", E_REPORTER, 1, "ID", { "mitra pelapor", "reporting partner" } },                                   \
    { "weight", E_WEIGHT, 1, "N", { "bobot", "weight" } },                                                          \
    { "grace-days", E_GRACE, 1, "N", { "hari tenggang laporan", "reporting grace days" } }

static const cli_opt ind_add_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } }, IND_OPTS, NO_OPTS,
};
static const cli_opt ind_tpl_opts[] = {
    { "framework", E_FRAMEWORK, 1, "ID", { "kerangka (wajib)", "framework (required)" } }, IND_OPTS, NO_OPTS,
};
static const cli_opt ind_list_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "framework", E_FRAMEWORK, 1, "ID", { "hanya kerangka ini (templat)", "only this framework (templates)" } },
    { "dimension", E_DIMENSION, 1, "DIM", { "hanya dimensi ini", "only this dimension" } },
    NO_OPTS,
};
static const cli_opt m_report_opts[] = {
    { "indicator", E_INDICATOR, 1, "ID", { "indikator (wajib)", "indicator (required)" } },
    { "partner", E_PARTNER, 1, "ID", { "mitra pelapor (wajib)", "reporting partner (required)" } },
    { "from", E_FROM, 1, "DATE", { "awal periode (wajib)", "period start (required)" } },
    { "to", E_TO, 1, "DATE", { "akhir periode (wajib)", "period end (required)" } },
    { "value", E_VALUE, 1, "N", { "nilai (bilangan bulat dalam satuan skala)", "value (integer in scale units)" } },
    { "denominator", E_DENOM, 1, "N", { "penyebut (persentase, rasio)", "denominator (percentage, ratio)" } },
    { "text", E_TEXT, 1, "TEXT", { "nilai kualitatif", "qualitative value" } },
    { "evidence", E_EVIDENCE, 1, "URI", { "tautan bukti", "evidence link" } },
    { "comment", E_COMMENT, 1, "TEXT", { "komentar", "comment" } },
    NO_OPTS,
};
static const cli_opt m_note_opts[] = {
    { "note", E_NOTE, 1, "TEXT", { "catatan (approve) atau alasan (return)", "note (approve) or reason (return)" } },
    NO_OPTS,
};
static const cli_opt m_lock_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } },
    { "from", E_FROM, 1, "DATE", { "awal periode (wajib)", "period start (required)" } },
    { "to", E_TO, 1, "DATE", { "akhir periode (wajib)", "period end (required)" } },
    { "reason", E_REASON, 1, "TEXT", { "alasan", "reason" } },
    NO_OPTS,
};
static const cli_opt m_list_opts[] = {
    { "indicator", E_INDICATOR, 1, "ID", { "hanya indikator ini", "only this indicator" } },
    { "agreement", E_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "partner", E_PARTNER, 1, "ID", { "hanya mitra ini", "only this partner" } },
    { "status", E_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } },
    NO_OPTS,
};
static const cli_opt sc_opts[] = {
    { "scope", E_SCOPE, 1, "SCOPE", { "network (bawaan), agreement, partner, framework, family, dimension", "network (default), agreement, partner, framework, family, dimension" } },
    { "subject", E_SUBJECT, 1, "ID", { "id atau nilai lingkup", "the scope's id or value" } },
    { "date", E_DATE, 1, "DATE", { "per tanggal (bawaan: --as-of atau hari ini)", "as of (default: --as-of or today)" } },
    NO_OPTS,
};

static const cli_optval *opt_get(const cli_args *args, int id)
{
    size_t i;
    const cli_optval *v = NULL;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == id) v = &args->opts[i];
    return v;
}
static const char *opt_str(const cli_args *args, int id)
{
    const cli_optval *o = opt_get(args, id);
    return o ? o->value : NULL;
}
static int opt_i64(cli_ctx *ctx, const cli_optval *o, int64_t *out)
{
    char *end;
    long long v;
    errno = 0;
    v = strtoll(o->value, &end, 10);
    if (!*o->value || *end || errno) return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
    *out = (int64_t)v;
    return 0;
}

/* ---- indicators ------------------------------------------------------------ */

typedef struct ind_in {
    km_indicator_fields f;
    const char **dates;
    int64_t *vals;
    char *buf;
} ind_in;

static void ind_free(ind_in *in)
{
    free((void *)in->dates);
    free(in->vals);
    free(in->buf);
}

static int read_indicator(cli_ctx *ctx, const cli_args *args, ind_in *in)
{
    static const km_indicator_fields init = KM_INDICATOR_FIELDS_INIT;
    size_t i, off = 0, total = 1;
    int rc = 0;
    in->f = init;
    for (i = 0; i < args->nopts; i++) total += strlen(args->opts[i].value ? args->opts[i].value : "") + 1;
    in->dates = (const char **)cli_xmalloc((args->nopts + 1) * sizeof *in->dates);
    in->vals = (int64_t *)cli_xmalloc((args->nopts + 1) * sizeof *in->vals);
    in->buf = (char *)cli_xmalloc(total);
    in->f.target_dates = in->dates;
    in->f.target_values = in->vals;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        uint32_t u;
        switch (o->id) {
        case E_CODE: in->f.code = o->value; break;
        case E_TITLE: in->f.title = o->value; break;
        case E_MEASURE: rc = cli_value_enum(ctx, o, &cli_enum_measure, &in->f.measure); break;
        case E_DIMENSION: rc = cli_value_enum(ctx, o, &cli_enum_dimension, &in->f.dimension); break;
        case E_LEVEL: rc = cli_value_enum(ctx, o, &cli_enum_result_level, &in->f.result_level); break;
        case E_UNIT: in->f.unit_label = o->value; break;
        case E_SCALE: rc = cli_value_u32(ctx, o, &in->f.scale); break;
        case E_BASELINE: rc = opt_i64(ctx, o, &in->f.baseline_value); break;
        case E_BASELINE_DATE: rc = cli_value_date(ctx, o); in->f.baseline_date = o->value; break;
        case E_FREQUENCY: rc = cli_value_enum(ctx, o, &cli_enum_frequency, &in->f.frequency); break;
        case E_REPORTER: rc = cli_value_u64(ctx, o, &in->f.reporter_id); break;
        case E_WEIGHT: rc = cli_value_u32(ctx, o, &in->f.weight); break;
        case E_GRACE: rc = cli_value_u32(ctx, o, &u); in->f.grace_days = (int32_t)u; break;
        case E_TARGET: {
            const char *eq = strchr(o->value, '=');
            cli_optval part;
            char *date = in->buf + off;
            if (!eq) { /* a template's target: no date (the agreement's end) */
                if ((rc = opt_i64(ctx, o, &in->vals[in->f.targets_count]))) break;
                in->dates[in->f.targets_count++] = NULL;
                break;
            }
            if (eq - o->value != 10) {
                rc = cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "YYYY-MM-DD=N");
                break;
            }
            memcpy(date, o->value, 10);
            date[10] = 0;
            off += 11;
            part.id = o->id;
            part.name = o->name;
            part.value = date;
            if ((rc = cli_value_date(ctx, &part))) break;
            part.value = eq + 1;
            if ((rc = opt_i64(ctx, &part, &in->vals[in->f.targets_count]))) break;
            in->dates[in->f.targets_count++] = date;
            break;
        }
        default: break;
        }
    }
    if (!rc && in->f.targets_count) { /* templates: dateless targets, no date array */
        size_t j, dated = 0;
        for (j = 0; j < in->f.targets_count; j++) dated += in->dates[j] != NULL;
        if (!dated) in->f.target_dates = NULL;
    }
    return rc ? CLI_EXIT_USAGE : 0;
}

out_row *cli_indicator_row(cli_ctx *ctx, const km_indicator *ind)
{
    out_row *r = out_row_new();
    out_u64(r, "id", km_indicator_id(ind));
    if (km_indicator_agreement_id(ind)) out_u64(r, "agreement_id", km_indicator_agreement_id(ind));
    else out_null(r, "agreement_id");
    if (km_indicator_framework_id(ind)) out_u64(r, "framework_id", km_indicator_framework_id(ind));
    else out_null(r, "framework_id");
    out_bool(r, "template", km_indicator_is_template(ind));
    out_str(r, "code", km_indicator_code(ind));
    out_str(r, "title", km_indicator_title(ind));
    cli_enum_out(r, "measure", &cli_enum_measure, km_indicator_measure(ind), ctx->lang);
    cli_enum_out(r, "dimension", &cli_enum_dimension, km_indicator_dimension(ind), ctx->lang);
    cli_enum_out(r, "level", &cli_enum_result_level, km_indicator_result_level(ind), ctx->lang);
    cli_enum_out(r, "frequency", &cli_enum_frequency, km_indicator_frequency(ind), ctx->lang);
    cli_enum_out(r, "status", &cli_enum_indicator_status, km_indicator_status_of(ind), ctx->lang);
    return r;
}

static int print_indicator(cli_ctx *ctx, uint64_t id)
{
    km_indicator *ind = NULL;
    out_row *row;
    int rc = km_indicator_get(&ind, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_indicator_row(ctx, ind);
    km_indicator_free(ind);
    return cli_emit(ctx, row);
}

static int cmd_ind_add(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = opt_get(args, E_AGREEMENT);
    uint64_t aid = 0, id = 0;
    ind_in in;
    int rc;
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--agreement", ctx->path);
    if (cli_value_u64(ctx, a, &aid)) return CLI_EXIT_USAGE;
    rc = read_indicator(ctx, args, &in);
    if (!rc && (rc = km_indicator_create(&id, ctx->net, aid, &in.f))) rc = cli_fail(ctx, rc);
    ind_free(&in);
    return rc ? rc : print_indicator(ctx, id);
}

static int cmd_ind_template(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = opt_get(args, E_FRAMEWORK);
    uint64_t fid = 0, id = 0;
    ind_in in;
    int rc;
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--framework", ctx->path);
    if (cli_value_u64(ctx, a, &fid)) return CLI_EXIT_USAGE;
    rc = read_indicator(ctx, args, &in);
    if (!rc && (rc = km_indicator_template_create(&id, ctx->net, fid, &in.f))) rc = cli_fail(ctx, rc);
    ind_free(&in);
    return rc ? rc : print_indicator(ctx, id);
}

static int cmd_ind_instantiate(cli_ctx *ctx, const cli_args *args)
{
    uint64_t aid, n = 0;
    out_row *row;
    int rc;
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "AGREEMENT", ctx->path);
    if ((rc = cli_value_id(ctx, args->pos[0], &aid))) return rc;
    if ((rc = km_indicator_instantiate_templates(&n, ctx->net, aid))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "agreement_id", aid);
    out_u64(row, "created", n);
    return cli_emit(ctx, row);
}

static int cmd_ind_list(cli_ctx *ctx, const cli_args *args)
{
    km_indicator_query q = KM_INDICATOR_QUERY_INIT;
    km_indicator_page *page = NULL;
    char *cursor = NULL;
    out_row *row;
    size_t i, cell;
    uint64_t n = 0;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == E_AGREEMENT) rc = cli_value_u64(ctx, o, &q.agreement_id);
        if (o->id == E_FRAMEWORK) {
            rc = cli_value_u64(ctx, o, &q.framework_id);
            q.templates = 1;
        }
        if (o->id == E_DIMENSION) rc = cli_value_enum(ctx, o, &cli_enum_dimension, &q.dimension);
    }
    if (rc) return CLI_EXIT_USAGE;
    row = out_row_new();
    cell = out_rows(row, "indicators", "id,agreement_id,code,title,measure,dimension,frequency,status", 0);
    for (;;) {
        q.cursor = cursor;
        q.limit = 200;
        if ((rc = km_indicator_list(&page, ctx->net, &q))) break;
        for (i = 0; i < km_indicator_page_count(page); i++, n++)
            out_rows_add(row, cell, cli_indicator_row(ctx, km_indicator_page_get(page, i)));
        free(cursor);
        cursor = km_indicator_page_cursor(page) ? cli_xstrdup(km_indicator_page_cursor(page)) : NULL;
        km_indicator_page_free(page);
        if (!cursor) break;
    }
    free(cursor);
    if (rc) {
        out_row_free(row);
        return cli_fail(ctx, rc);
    }
    out_u64(row, "count", n);
    return cli_emit(ctx, row);
}

/* ---- measurements ------------------------------------------------------------ */

out_row *cli_measurement_row(cli_ctx *ctx, const km_measurement *m)
{
    out_row *r = out_row_new();
    int64_t den = 0, v = km_measurement_value(&den, m);
    out_u64(r, "id", km_measurement_id(m));
    out_u64(r, "indicator_id", km_measurement_indicator_id(m));
    out_u64(r, "agreement_id", km_measurement_agreement_id(m));
    out_u64(r, "partner_id", km_measurement_partner_id(m));
    out_str(r, "period_start", km_measurement_period_start(m));
    out_str(r, "period_end", km_measurement_period_end(m));
    out_i64(r, "value", v);
    out_i64(r, "denominator", den);
    cli_enum_out(r, "status", &cli_enum_measurement_status, km_measurement_status_of(m), ctx->lang);
    return r;
}

static int print_measurement(cli_ctx *ctx, uint64_t id)
{
    km_measurement *m = NULL;
    out_row *row;
    int rc = km_measurement_get(&m, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_measurement_row(ctx, m);
    km_measurement_free(m);
    return cli_emit(ctx, row);
}

static int cmd_m_report(cli_ctx *ctx, const cli_args *args)
{
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    uint64_t ind = 0, id = 0;
    size_t i;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case E_INDICATOR: rc = cli_value_u64(ctx, o, &ind); break;
        case E_PARTNER: rc = cli_value_u64(ctx, o, &f.partner_id); break;
        case E_FROM: rc = cli_value_date(ctx, o); f.period_start = o->value; break;
        case E_TO: rc = cli_value_date(ctx, o); f.period_end = o->value; break;
        case E_VALUE: rc = opt_i64(ctx, o, &f.value); break;
        case E_DENOM: rc = opt_i64(ctx, o, &f.denominator); break;
        case E_TEXT: f.text = o->value; break;
        case E_EVIDENCE: f.evidence_uri = o->value; break;
        case E_COMMENT: f.comment = o->value; break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if (!ind) return cli_usage(ctx, M_MISSING_ARGUMENT, "--indicator", ctx->path);
    if ((rc = km_measurement_create(&id, ctx->net, ind, &f))) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}

static int need_id(cli_ctx *ctx, const cli_args *args, uint64_t *out)
{
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    return cli_value_id(ctx, args->pos[0], out);
}
static int cmd_m_submit(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, &id))) return rc;
    if ((rc = km_measurement_submit(ctx->net, id))) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}
static int cmd_m_approve(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, &id))) return rc;
    if ((rc = km_measurement_approve(ctx->net, id, opt_str(args, E_NOTE)))) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}
static int cmd_m_return(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, &id))) return rc;
    if ((rc = km_measurement_return(ctx->net, id, opt_str(args, E_NOTE)))) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}

static int cmd_m_lock(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = opt_get(args, E_AGREEMENT), *f = opt_get(args, E_FROM), *t = opt_get(args, E_TO);
    uint64_t aid = 0, id = 0;
    out_row *row;
    int rc;
    if (!a || !f || !t) return cli_usage(ctx, M_MISSING_ARGUMENT, "--agreement, --from, --to", ctx->path);
    if (cli_value_u64(ctx, a, &aid) || cli_value_date(ctx, f) || cli_value_date(ctx, t)) return CLI_EXIT_USAGE;
    if ((rc = km_period_lock(&id, ctx->net, aid, f->value, t->value, opt_str(args, E_REASON)))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "lock_id", id);
    out_u64(row, "agreement_id", aid);
    out_str(row, "period_start", f->value);
    out_str(row, "period_end", t->value);
    return cli_emit(ctx, row);
}

static int cmd_m_list(cli_ctx *ctx, const cli_args *args)
{
    km_measurement_query q = KM_MEASUREMENT_QUERY_INIT;
    km_measurement_page *page = NULL;
    char *cursor = NULL;
    out_row *row;
    size_t i, cell;
    uint64_t n = 0;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == E_INDICATOR) rc = cli_value_u64(ctx, o, &q.indicator_id);
        if (o->id == E_AGREEMENT) rc = cli_value_u64(ctx, o, &q.agreement_id);
        if (o->id == E_PARTNER) rc = cli_value_u64(ctx, o, &q.partner_id);
        if (o->id == E_STATUS) rc = cli_value_enum(ctx, o, &cli_enum_measurement_status, &q.status);
    }
    if (rc) return CLI_EXIT_USAGE;
    row = out_row_new();
    cell = out_rows(row, "measurements", "id,indicator_id,partner_id,period_start,period_end,value,denominator,status", 0);
    for (;;) {
        q.cursor = cursor;
        q.limit = 500;
        if ((rc = km_measurement_list(&page, ctx->net, &q))) break;
        for (i = 0; i < km_measurement_page_count(page); i++, n++)
            out_rows_add(row, cell, cli_measurement_row(ctx, km_measurement_page_get(page, i)));
        free(cursor);
        cursor = km_measurement_page_cursor(page) ? cli_xstrdup(km_measurement_page_cursor(page)) : NULL;
        km_measurement_page_free(page);
        if (!cursor) break;
    }
    free(cursor);
    if (rc) {
        out_row_free(row);
        return cli_fail(ctx, rc);
    }
    out_u64(row, "count", n);
    return cli_emit(ctx, row);
}

/* ---- scorecards ------------------------------------------------------------------ */

static int cmd_scorecard(cli_ctx *ctx, const cli_args *args)
{
    km_scorecard_query q = KM_SCORECARD_QUERY_INIT;
    km_scorecard *sc = NULL;
    const cli_optval *s = opt_get(args, E_SCOPE), *sub = opt_get(args, E_SUBJECT), *d = opt_get(args, E_DATE);
    char date[11];
    out_row *row;
    size_t i, cell;
    int k, rc;
    cli_report_date(ctx, date);
    if (d) {
        if (cli_value_date(ctx, d)) return CLI_EXIT_USAGE;
        memcpy(date, d->value, 11);
    }
    if (s && cli_value_enum(ctx, s, &cli_enum_scope, &q.scope)) return CLI_EXIT_USAGE;
    if (sub) {
        int v;
        if (q.scope == KM_SCOPE_FAMILY) {
            if (cli_value_enum(ctx, sub, &cli_enum_family, &v)) return CLI_EXIT_USAGE;
            q.subject = (uint64_t)v;
        } else if (q.scope == KM_SCOPE_DIMENSION) {
            if (cli_value_enum(ctx, sub, &cli_enum_dimension, &v)) return CLI_EXIT_USAGE;
            q.subject = (uint64_t)v;
        } else if (cli_value_u64(ctx, sub, &q.subject)) {
            return CLI_EXIT_USAGE;
        }
    }
    q.as_of = date;
    if ((rc = km_scorecard_compute(&sc, ctx->net, &q))) return cli_fail(ctx, rc);
    row = out_row_new();
    cli_enum_out(row, "scope", &cli_enum_scope, q.scope, ctx->lang);
    out_u64(row, "subject", q.subject);
    out_str(row, "as_of", date);
    cli_num_out(row, "score", km_scorecard_score(sc));
    cli_num_out(row, "health_index", km_scorecard_health_index(sc));
    cell = out_rows(row, "dimensions", "dimension,score", 1);
    for (k = 0; k < KM_DIMENSION__COUNT; k++) {
        out_row *r = out_row_new();
        cli_enum_out(r, "dimension", &cli_enum_dimension, k, ctx->lang);
        cli_num_out(r, "score", km_scorecard_dimension_score(sc, k));
        out_rows_add(row, cell, r);
    }
    cell = out_rows(row, "agreements", "agreement_id,score,weight", 1);
    for (i = 0; i < km_scorecard_agreement_count(sc); i++) {
        out_row *r = out_row_new();
        out_u64(r, "agreement_id", km_scorecard_agreement_id(sc, i));
        cli_num_out(r, "score", km_scorecard_agreement_score(sc, i));
        out_u64(r, "weight", km_scorecard_agreement_weight(sc, i));
        out_rows_add(row, cell, r);
    }
    km_scorecard_free(sc);
    return cli_emit(ctx, row);
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_indicator_commands[] = {
    { "add", "--agreement ID --code C --title T [options]", { "menambah indikator", "add an indicator" }, ind_add_opts,
      "kemitraan indicator add --agreement 1 --code IND-01 --title \"Balita terlayani\" --dimension impact --baseline 0 --baseline-date 2025-01-01 --target 2025-12-31=500 --reporter 3", WR, 0, cmd_ind_add },
    { "template", "--framework ID --code C --title T [options]", { "templat indikator kerangka", "a framework's indicator template" }, ind_tpl_opts,
      "kemitraan indicator template --framework 1 --code TPL-01 --title \"Rumah tangga terlayani\"", WR, 0, cmd_ind_template },
    { "instantiate", "AGREEMENT", { "membuat indikator dari templat", "create indicators from templates" }, NULL, "kemitraan indicator instantiate 1", WR, 1, cmd_ind_instantiate },
    { "list", "[filters]", { "daftar indikator", "list indicators" }, ind_list_opts, "kemitraan indicator list --agreement 1", RD, 0, cmd_ind_list },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
const cli_command cli_measurement_commands[] = {
    { "report", "--indicator ID --partner ID --from DATE --to DATE --value N", { "mencatat pengukuran (draf)", "record a measurement (draft)" }, m_report_opts,
      "kemitraan measurement report --indicator 1 --partner 3 --from 2025-01-01 --to 2025-03-31 --value 120", WR, 0, cmd_m_report },
    { "submit", "ID", { "mengajukan", "submit" }, NULL, "kemitraan measurement submit 1", WR, 1, cmd_m_submit },
    { "approve", "ID [--note T]", { "menyetujui", "approve" }, m_note_opts, "kemitraan measurement approve 1", WR, 1, cmd_m_approve },
    { "return", "ID --note REASON", { "mengembalikan untuk revisi", "return for revision" }, m_note_opts, "kemitraan measurement return 1 --note \"bukti kurang\"", WR, 1, cmd_m_return },
    { "lock", "--agreement ID --from DATE --to DATE [--reason T]", { "mengunci periode", "lock a period" }, m_lock_opts, "kemitraan measurement lock --agreement 1 --from 2025-01-01 --to 2025-03-31", WR, 0, cmd_m_lock },
    { "list", "[filters]", { "daftar pengukuran", "list measurements" }, m_list_opts, "kemitraan measurement list --agreement 1", RD, 0, cmd_m_list },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
const cli_command cli_scorecard_commands[] = {
    { "scorecard", "[--scope S] [--subject X] [--date DATE]", { "kartu skor dan indeks kesehatan", "scorecard and health index" }, sc_opts,
      "kemitraan scorecard --scope dimension --subject impact --date 2025-12-31", RD, 0, cmd_scorecard },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
