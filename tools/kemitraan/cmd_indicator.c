/* cmd_indicator.c: indicators and framework templates (indicator.h): add,
 * template, instantiate, list, show, update, retire, template-update,
 * template-retire; progress and aggregate (scorecard.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "evaluation.h"
#include "rows.h"
#include "util.h"
#include "values.h"

enum { E_AGREEMENT = 1, E_FRAMEWORK, E_CODE, E_TITLE, E_MEASURE, E_DIMENSION, E_LEVEL, E_UNIT, E_BASELINE,
       E_BASELINE_DATE, E_TARGET, E_FREQUENCY, E_REPORTER, E_WEIGHT, E_SCALE, E_GRACE, E_DESCRIPTION, E_DIRECTION,
       E_SCALE_MAX, E_OVER_100, E_TIME_AGG, E_CROSS_AGG, E_VERSION, E_REASON, E_STATUS, E_TEMPLATE, E_DATE,
       E_KNOWLEDGE, E_LIMIT, E_CURSOR, E_ALL };

#define IND_OPTS                                                                                                     \
    { "code", E_CODE, 1, "CODE", { "kode indikator (wajib saat menambah)", "indicator code (required to add)" } },   \
    { "title", E_TITLE, 1, "TEXT", { "judul (wajib saat menambah)", "title (required to add)" } },                   \
    { "description", E_DESCRIPTION, 1, "TEXT", { "definisi dan metode", "definition and method" } },                 \
    { "measure", E_MEASURE, 1, "M", { "unit, percentage, ratio, ordinal, nominal, qualitative", "unit, percentage, ratio, ordinal, nominal, qualitative" } }, \
    { "dimension", E_DIMENSION, 1, "DIM", { "dimensi manfaat", "benefit dimension" } },                              \
    { "level", E_LEVEL, 1, "LEVEL", { "output, outcome, impact, other", "output, outcome, impact, other" } },        \
    { "direction", E_DIRECTION, 1, "DIR", { "ascending (makin tinggi makin baik) atau descending", "ascending (higher is better) or descending" } }, \
    { "unit-label", E_UNIT, 1, "TEXT", { "satuan, mis. orang", "unit label, e.g. people" } },                       \
    { "scale", E_SCALE, 1, "N", { "jumlah desimal nilai", "decimal places of values" } },                            \
    { "scale-max", E_SCALE_MAX, 1, "N", { "puncak skala ordinal atau jumlah kategori nominal", "top of an ordinal scale or number of nominal categories" } }, \
    { "allow-over-100", E_OVER_100, 0, NULL, { "persentase boleh di atas 100", "a percentage may exceed 100" } },    \
    { "baseline", E_BASELINE, 1, "N[/D]", { "nilai dasar (bilangan bulat dalam satuan skala; /D penyebut)", "baseline (integer in scale units; /D a denominator)" } }, \
    { "baseline-date", E_BASELINE_DATE, 1, "DATE", { "tanggal nilai dasar", "baseline date" } },                    \
    { "target", E_TARGET, 1, "DATE=N[/D]", { "target pada tanggal (templat: N saja); boleh berulang, menggantikan semua target", "target on a date (templates: N alone); repeatable, replaces every target" } }, \
    { "frequency", E_FREQUENCY, 1, "F", { "monthly, quarterly, semiannual, annual", "monthly, quarterly, semiannual, annual" } }, \
    { "time-aggregation", E_TIME_AGG, 1, "RULE", { "sum, last, average, max, min", "sum, last, average, max, min" } }, \
    { "cross-aggregation", E_CROSS_AGG, 1, "RULE", { "sum, average, weighted_average", "sum, average, weighted_average" } }, \
    { "reporter", E_REPORTER, 1, "ID", { "mitra pelapor (0: belum ditentukan)", "reporting partner (0: unassigned)" } }, \
    { "weight", E_WEIGHT, 1, "N", { "bobot dalam perjanjian", "weight within the agreement" } },                     \
    { "grace-days", E_GRACE, 1, "N", { "hari tenggang laporan, atau default (bawaan jaringan)", "reporting grace days, or default (the network's)" } }

static const cli_opt ind_add_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } }, IND_OPTS, EVAL_NO_OPTS,
};
static const cli_opt ind_tpl_opts[] = {
    { "framework", E_FRAMEWORK, 1, "ID", { "kerangka (wajib)", "framework (required)" } }, IND_OPTS, EVAL_NO_OPTS,
};
static const cli_opt ind_update_opts[] = { IND_OPTS, EVAL_NO_OPTS };
static const cli_opt ind_list_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "framework", E_FRAMEWORK, 1, "ID", { "hanya kerangka ini (templat)", "only this framework (templates)" } },
    { "template", E_TEMPLATE, 1, "ID", { "hanya indikator dari templat ini", "only indicators made from this template" } },
    { "dimension", E_DIMENSION, 1, "DIM", { "hanya dimensi ini", "only this dimension" } },
    { "status", E_STATUS, 1, "STATUS", { "active atau retired", "active or retired" } },
    CLI_PAGE_OPTS,
    EVAL_NO_OPTS,
};
static const cli_opt ind_show_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (dengan --code)", "agreement (with --code)" } },
    { "code", E_CODE, 1, "CODE", { "kode indikator pada perjanjian itu", "the indicator's code on that agreement" } },
    { "version", E_VERSION, 1, "N", { "versi ini (bawaan: terkini)", "this version (default: the current one)" } },
    EVAL_NO_OPTS,
};
static const cli_opt ind_retire_opts[] = {
    { "reason", E_REASON, 1, "TEXT", { "alasan (wajib)", "reason (required)" } },
    EVAL_NO_OPTS,
};
#define KNOWLEDGE_OPT                                                                                                \
    { "knowledge-as-of", E_KNOWLEDGE, 0, NULL, { "hanya persetujuan sampai tanggal itu yang dihitung", "only approvals made by the date count" } }
static const cli_opt ind_progress_opts[] = {
    { "date", E_DATE, 1, "DATE", { "per tanggal (bawaan: --as-of atau hari ini)", "as of (default: --as-of or today)" } },
    KNOWLEDGE_OPT,
    EVAL_NO_OPTS,
};
static const cli_opt ind_aggregate_opts[] = {
    { "template", E_TEMPLATE, 1, "ID", { "indikator dari templat ini", "indicators made from this template" } },
    { "code", E_CODE, 1, "CODE", { "atau: indikator dengan kode ini", "or: indicators with this code" } },
    { "framework", E_FRAMEWORK, 1, "ID", { "hanya perjanjian di bawah kerangka ini", "only agreements under this framework" } },
    { "date", E_DATE, 1, "DATE", { "per tanggal (bawaan: --as-of atau hari ini)", "as of (default: --as-of or today)" } },
    KNOWLEDGE_OPT,
    EVAL_NO_OPTS,
};

/* ---- reading the field options ------------------------------------------------ */

typedef struct ind_in {
    km_indicator_fields f;
    const char **dates;
    int64_t *vals, *dens;
    char *buf;      /* copies of target dates */
    uint32_t mask;  /* KM_INDICATOR_F_* of the options given */
} ind_in;

static void ind_free(ind_in *in)
{
    free((void *)in->dates);
    free(in->vals);
    free(in->dens);
    free(in->buf);
}

/* "N" or "N/D" (what names the option in messages). */
static int read_fraction(cli_ctx *ctx, const cli_optval *o, const char *s, int64_t *num, int64_t *den)
{
    const char *slash = strchr(s, '/');
    cli_optval part = *o;
    char head[32];
    if (!slash) {
        part.value = s;
        return cli_value_i64(ctx, &part, num);
    }
    if ((size_t)(slash - s) >= sizeof head) return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
    memcpy(head, s, (size_t)(slash - s));
    head[slash - s] = '\0';
    part.value = head;
    if (cli_value_i64(ctx, &part, num)) return CLI_EXIT_USAGE;
    part.value = slash + 1;
    return cli_value_i64(ctx, &part, den);
}

/* Sets up in, from cur (an update: every field starts as it is) or from the
 * defaults, with room for the targets of the options and of cur. */
static void ind_init(ind_in *in, const cli_args *args, const km_indicator *cur)
{
    static const km_indicator_fields init = KM_INDICATOR_FIELDS_INIT;
    size_t i, n = args->nopts + (cur ? km_indicator_target_count(cur) : 0) + 1;
    in->f = init;
    in->mask = 0;
    in->dates = (const char **)cli_xmalloc(n * sizeof *in->dates);
    in->vals = (int64_t *)cli_xmalloc(n * sizeof *in->vals);
    in->dens = (int64_t *)cli_xmalloc(n * sizeof *in->dens);
    in->buf = (char *)cli_xmalloc(args->nopts * 11 + 1);
    in->f.target_dates = in->dates;
    in->f.target_values = in->vals;
    in->f.target_denominators = in->dens;
    if (!cur) return;
    in->f.code = km_indicator_code(cur);
    in->f.title = km_indicator_title(cur);
    in->f.description = km_indicator_description(cur);
    in->f.result_level = km_indicator_result_level(cur);
    in->f.measure = km_indicator_measure(cur);
    in->f.unit_label = km_indicator_unit_label(cur);
    in->f.dimension = km_indicator_dimension(cur);
    in->f.direction = km_indicator_direction(cur);
    in->f.scale = km_indicator_scale(cur);
    in->f.scale_max = km_indicator_scale_max(cur);
    in->f.allow_over_100 = km_indicator_allow_over_100(cur);
    in->f.baseline_value = km_indicator_baseline(&in->f.baseline_denominator, cur);
    in->f.baseline_date = km_indicator_baseline_date(cur);
    in->f.weight = km_indicator_weight(cur);
    in->f.frequency = km_indicator_frequency(cur);
    in->f.time_aggregation = km_indicator_time_aggregation(cur);
    in->f.cross_aggregation = km_indicator_cross_aggregation(cur);
    in->f.reporter_id = km_indicator_reporter(cur);
    in->f.grace_days = km_indicator_grace_days(cur);
    for (i = 0; i < km_indicator_target_count(cur); i++) {
        const char *d = km_indicator_target(&in->vals[i], &in->dens[i], cur, i);
        in->dates[i] = d && *d ? d : NULL;
    }
    in->f.targets_count = km_indicator_target_count(cur);
}

static int read_target(cli_ctx *ctx, const cli_optval *o, ind_in *in, size_t *off)
{
    const char *eq = strchr(o->value, '=');
    size_t k = in->f.targets_count;
    cli_optval part;
    char *date = in->buf + *off;
    in->dens[k] = 1;
    if (!eq) { /* a template's target: no date (the agreement's end) */
        if (read_fraction(ctx, o, o->value, &in->vals[k], &in->dens[k])) return CLI_EXIT_USAGE;
        in->dates[in->f.targets_count++] = NULL;
        return 0;
    }
    if (eq - o->value != 10) return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "YYYY-MM-DD=N[/D]");
    memcpy(date, o->value, 10);
    date[10] = 0;
    *off += 11;
    part = *o;
    part.value = date;
    if (cli_value_date(ctx, &part)) return CLI_EXIT_USAGE;
    if (read_fraction(ctx, o, eq + 1, &in->vals[k], &in->dens[k])) return CLI_EXIT_USAGE;
    in->dates[in->f.targets_count++] = date;
    return 0;
}

/* Applies the field options to in; returns 0 or CLI_EXIT_USAGE. */
static int read_indicator(cli_ctx *ctx, const cli_args *args, ind_in *in)
{
    size_t i, off = 0;
    int rc = 0, targets_seen = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        uint32_t u;
        switch (o->id) {
        case E_CODE: in->f.code = o->value; in->mask |= KM_INDICATOR_F_CODE; break;
        case E_TITLE: in->f.title = o->value; in->mask |= KM_INDICATOR_F_TITLE; break;
        case E_DESCRIPTION: in->f.description = o->value; in->mask |= KM_INDICATOR_F_DESCRIPTION; break;
        case E_MEASURE:
            rc = cli_value_enum(ctx, o, &cli_enum_measure, &in->f.measure);
            in->mask |= KM_INDICATOR_F_MEASURE;
            break;
        case E_SCALE: rc = cli_value_u32(ctx, o, &in->f.scale); in->mask |= KM_INDICATOR_F_MEASURE; break;
        case E_SCALE_MAX: rc = cli_value_u32(ctx, o, &in->f.scale_max); in->mask |= KM_INDICATOR_F_MEASURE; break;
        case E_OVER_100: in->f.allow_over_100 = 1; in->mask |= KM_INDICATOR_F_MEASURE; break;
        case E_DIMENSION:
            rc = cli_value_enum(ctx, o, &cli_enum_dimension, &in->f.dimension);
            in->mask |= KM_INDICATOR_F_DIMENSION;
            break;
        case E_LEVEL:
            rc = cli_value_enum(ctx, o, &cli_enum_result_level, &in->f.result_level);
            in->mask |= KM_INDICATOR_F_RESULT_LEVEL;
            break;
        case E_DIRECTION:
            rc = cli_value_enum(ctx, o, &cli_enum_direction, &in->f.direction);
            in->mask |= KM_INDICATOR_F_DIRECTION;
            break;
        case E_UNIT: in->f.unit_label = o->value; in->mask |= KM_INDICATOR_F_UNIT_LABEL; break;
        case E_BASELINE:
            in->f.baseline_denominator = 0;
            rc = read_fraction(ctx, o, o->value, &in->f.baseline_value, &in->f.baseline_denominator);
            in->mask |= KM_INDICATOR_F_BASELINE;
            break;
        case E_BASELINE_DATE:
            rc = cli_value_date(ctx, o);
            in->f.baseline_date = o->value;
            in->mask |= KM_INDICATOR_F_BASELINE;
            break;
        case E_TARGET:
            if (!targets_seen++) in->f.targets_count = 0; /* the options replace the list */
            rc = read_target(ctx, o, in, &off);
            in->mask |= KM_INDICATOR_F_TARGETS;
            break;
        case E_FREQUENCY:
            rc = cli_value_enum(ctx, o, &cli_enum_frequency, &in->f.frequency);
            in->mask |= KM_INDICATOR_F_FREQUENCY;
            break;
        case E_GRACE:
            if (cli_name_eq(o->value, "default")) in->f.grace_days = -1;
            else if (!(rc = cli_value_u32(ctx, o, &u))) in->f.grace_days = u > 100000 ? 100000 : (int32_t)u;
            in->mask |= KM_INDICATOR_F_FREQUENCY;
            break;
        case E_TIME_AGG:
            rc = cli_value_enum(ctx, o, &cli_enum_time_aggregation, &in->f.time_aggregation);
            in->mask |= KM_INDICATOR_F_AGGREGATION;
            break;
        case E_CROSS_AGG:
            rc = cli_value_enum(ctx, o, &cli_enum_cross_aggregation, &in->f.cross_aggregation);
            in->mask |= KM_INDICATOR_F_AGGREGATION;
            break;
        case E_REPORTER: rc = cli_value_u64(ctx, o, &in->f.reporter_id); in->mask |= KM_INDICATOR_F_REPORTER; break;
        case E_WEIGHT: rc = cli_value_u32(ctx, o, &in->f.weight); in->mask |= KM_INDICATOR_F_WEIGHT; break;
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

/* ---- output ------------------------------------------------------------------------ */

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

static void id_or_null(out_row *r, const char *key, uint64_t id)
{
    if (id) out_u64(r, key, id);
    else out_null(r, key);
}
static void code_or_null(out_row *r, const char *key, int code)
{
    if (code >= 0) out_i64(r, key, code);
    else out_null(r, key);
}

/* Every field of one version (show and the write commands). */
static out_row *indicator_full(cli_ctx *ctx, const km_indicator *ind)
{
    out_row *r = cli_indicator_row(ctx, ind);
    int64_t den = 0, base = km_indicator_baseline(&den, ind);
    size_t i, cell;
    out_u64(r, "version", km_indicator_version(ind));
    id_or_null(r, "template_id", km_indicator_template_id(ind));
    code_or_null(r, "iati_result_type", km_result_level_iati(km_indicator_result_level(ind)));
    code_or_null(r, "iati_measure", km_measure_iati(km_indicator_measure(ind)));
    out_str(r, "description", km_indicator_description(ind));
    out_str(r, "unit_label", km_indicator_unit_label(ind));
    cli_enum_out(r, "direction", &cli_enum_direction, km_indicator_direction(ind), ctx->lang);
    out_u64(r, "scale", km_indicator_scale(ind));
    out_u64(r, "scale_max", km_indicator_scale_max(ind));
    out_bool(r, "allow_over_100", km_indicator_allow_over_100(ind));
    out_i64(r, "baseline", base);
    out_i64(r, "baseline_denominator", den);
    out_str(r, "baseline_date", km_indicator_baseline_date(ind));
    out_u64(r, "weight", km_indicator_weight(ind));
    if (km_indicator_grace_days(ind) >= 0) out_i64(r, "grace_days", km_indicator_grace_days(ind));
    else out_null(r, "grace_days"); /* the network's default */
    cli_enum_out(r, "time_aggregation", &cli_enum_time_aggregation, km_indicator_time_aggregation(ind), ctx->lang);
    cli_enum_out(r, "cross_aggregation", &cli_enum_cross_aggregation, km_indicator_cross_aggregation(ind), ctx->lang);
    id_or_null(r, "reporter_id", km_indicator_reporter(ind));
    out_str(r, "status_reason", km_indicator_status_reason(ind));
    out_str(r, "retired_on", km_indicator_retired_on(ind));
    out_time(r, "created", km_indicator_created(ind));
    out_time(r, "updated", km_indicator_updated(ind));
    cell = out_rows(r, "targets", "target_date,target,target_denominator", 1);
    for (i = 0; i < km_indicator_target_count(ind); i++) {
        out_row *t = out_row_new();
        int64_t v = 0, d = 0;
        const char *date = km_indicator_target(&v, &d, ind, i);
        out_str(t, "target_date", date && *date ? date : NULL);
        out_i64(t, "target", v);
        out_i64(t, "target_denominator", d);
        out_rows_add(r, cell, t);
    }
    return r;
}

static int print_indicator(cli_ctx *ctx, uint64_t id)
{
    km_indicator *ind = NULL;
    out_row *row;
    int rc = km_indicator_get(&ind, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = indicator_full(ctx, ind);
    km_indicator_free(ind);
    return cli_emit(ctx, row);
}

/* ---- commands ---------------------------------------------------------------------- */

static int create(cli_ctx *ctx, const cli_args *args, int tpl)
{
    const cli_optval *a = cli_opt_last(args, tpl ? E_FRAMEWORK : E_AGREEMENT);
    uint64_t owner = 0, id = 0;
    ind_in in;
    int rc;
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, tpl ? "--framework" : "--agreement", ctx->path);
    if (cli_value_u64(ctx, a, &owner)) return CLI_EXIT_USAGE;
    ind_init(&in, args, NULL);
    rc = read_indicator(ctx, args, &in);
    if (!rc) {
        rc = tpl ? km_indicator_template_create(&id, ctx->net, owner, &in.f)
                 : km_indicator_create(&id, ctx->net, owner, &in.f);
        if (rc) rc = cli_fail(ctx, rc);
    }
    ind_free(&in);
    return rc ? rc : print_indicator(ctx, id);
}
static int cmd_add(cli_ctx *ctx, const cli_args *args) { return create(ctx, args, 0); }
static int cmd_template(cli_ctx *ctx, const cli_args *args) { return create(ctx, args, 1); }

static int update(cli_ctx *ctx, const cli_args *args, int tpl)
{
    km_indicator *cur = NULL;
    uint64_t id;
    ind_in in;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if ((rc = km_indicator_get(&cur, ctx->net, id))) return cli_fail(ctx, rc);
    ind_init(&in, args, cur);
    rc = read_indicator(ctx, args, &in);
    if (!rc && !in.mask) rc = cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if (!rc) {
        rc = tpl ? km_indicator_template_update(ctx->net, id, &in.f, in.mask)
                 : km_indicator_update(ctx->net, id, &in.f, in.mask);
        if (rc) rc = cli_fail(ctx, rc);
    }
    ind_free(&in);
    km_indicator_free(cur);
    return rc ? rc : print_indicator(ctx, id);
}
static int cmd_update(cli_ctx *ctx, const cli_args *args) { return update(ctx, args, 0); }
static int cmd_template_update(cli_ctx *ctx, const cli_args *args) { return update(ctx, args, 1); }

static int retire(cli_ctx *ctx, const cli_args *args, int tpl)
{
    const char *reason = cli_opt_value(args, E_REASON);
    uint64_t id;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    rc = tpl ? km_indicator_template_retire(ctx->net, id, reason) : km_indicator_retire(ctx->net, id, reason);
    if (rc) return cli_fail(ctx, rc);
    return print_indicator(ctx, id);
}
static int cmd_retire(cli_ctx *ctx, const cli_args *args) { return retire(ctx, args, 0); }
static int cmd_template_retire(cli_ctx *ctx, const cli_args *args) { return retire(ctx, args, 1); }

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *code = cli_opt_last(args, E_CODE), *ag = cli_opt_last(args, E_AGREEMENT),
                     *ver = cli_opt_last(args, E_VERSION);
    km_indicator *ind = NULL;
    uint64_t id = 0, aid = 0;
    uint32_t v = 0;
    out_row *row;
    int rc;
    if (ver && cli_value_u32(ctx, ver, &v)) return CLI_EXIT_USAGE;
    if (code || ag) {
        if (args->npos) return cli_usage(ctx, M_EXTRA_ARGUMENT, args->pos[0], ctx->path);
        if (!code || !ag) return cli_usage(ctx, M_MISSING_ARGUMENT, code ? "--agreement" : "--code", ctx->path);
        if (cli_value_u64(ctx, ag, &aid)) return CLI_EXIT_USAGE;
        if ((rc = km_indicator_get_by_code(&ind, ctx->net, aid, code->value))) return cli_fail(ctx, rc);
        id = km_indicator_id(ind);
        if (ver) {
            km_indicator_free(ind);
            ind = NULL;
        }
    } else if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) {
        return rc;
    }
    if (!ind) {
        rc = ver ? km_indicator_get_version(&ind, ctx->net, id, v) : km_indicator_get(&ind, ctx->net, id);
        if (rc) return cli_fail(ctx, rc);
    }
    row = indicator_full(ctx, ind);
    km_indicator_free(ind);
    return cli_emit(ctx, row);
}

static int cmd_versions(cli_ctx *ctx, const cli_args *args)
{
    km_indicator *cur = NULL;
    uint64_t id;
    uint32_t v, n;
    out_row *row;
    size_t cell;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if ((rc = km_indicator_get(&cur, ctx->net, id))) return cli_fail(ctx, rc);
    n = km_indicator_version(cur);
    km_indicator_free(cur);
    row = out_row_new();
    out_u64(row, "id", id);
    out_u64(row, "version_count", n);
    cell = out_rows(row, "versions", "version,code,title,weight,baseline,status,updated", 1);
    for (v = 1; v <= n; v++) {
        km_indicator *ind = NULL;
        if ((rc = km_indicator_get_version(&ind, ctx->net, id, v))) {
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        out_rows_add(row, cell, indicator_full(ctx, ind));
        km_indicator_free(ind);
    }
    return cli_emit(ctx, row);
}

static int cmd_instantiate(cli_ctx *ctx, const cli_args *args)
{
    uint64_t aid, n = 0;
    out_row *row;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "AGREEMENT", &aid))) return rc;
    if ((rc = km_indicator_instantiate_templates(&n, ctx->net, aid))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "agreement_id", aid);
    out_u64(row, "created", n);
    return cli_emit(ctx, row);
}

CLI_LIST_PAGE_FN(indicator, cli_indicator_row(ctx, item))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_indicator_query q = KM_INDICATOR_QUERY_INIT;
    size_t i;
    int rc = 0, all = 1;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == E_AGREEMENT) rc = cli_value_u64(ctx, o, &q.agreement_id);
        if (o->id == E_FRAMEWORK) {
            rc = cli_value_u64(ctx, o, &q.framework_id);
            q.templates = 1;
        }
        if (o->id == E_TEMPLATE) rc = cli_value_u64(ctx, o, &q.template_id);
        if (o->id == E_DIMENSION) rc = cli_value_enum(ctx, o, &cli_enum_dimension, &q.dimension);
        if (o->id == E_STATUS) rc = cli_value_enum(ctx, o, &cli_enum_indicator_status, &q.status);
        if (!rc) rc = cli_page_opt(ctx, o, &q.limit, &q.cursor, &all);
    }
    if (rc) return CLI_EXIT_USAGE;
    return cli_list_emit(ctx, "indicators", "id,agreement_id,code,title,measure,dimension,frequency,status",
                         list_page, &q, q.cursor, all);
}

static int cmd_progress(cli_ctx *ctx, const cli_args *args)
{
    km_progress *p = NULL;
    char date[11];
    uint64_t id;
    out_row *row;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if (cli_eval_date(ctx, cli_opt_last(args, E_DATE), date)) return CLI_EXIT_USAGE;
    rc = km_indicator_progress(&p, ctx->net, id, date,
                               cli_opt_last(args, E_KNOWLEDGE) ? KM_KNOWLEDGE_AS_OF : KM_KNOWLEDGE_CURRENT);
    if (rc) return cli_fail(ctx, rc);
    row = cli_progress_row(ctx, p);
    km_progress_free(p);
    return cli_emit(ctx, row);
}

static int cmd_aggregate(cli_ctx *ctx, const cli_args *args)
{
    km_aggregate_query q = KM_AGGREGATE_QUERY_INIT;
    const cli_optval *t = cli_opt_last(args, E_TEMPLATE), *f = cli_opt_last(args, E_FRAMEWORK);
    km_aggregate *a = NULL;
    int64_t num = 0, den = 0;
    char date[11];
    out_row *row;
    size_t i, cell;
    int rc, exact;
    if (t && cli_value_u64(ctx, t, &q.template_id)) return CLI_EXIT_USAGE;
    if (f && cli_value_u64(ctx, f, &q.framework_id)) return CLI_EXIT_USAGE;
    q.code = cli_opt_value(args, E_CODE);
    if (!t && !q.code) return cli_usage(ctx, M_MISSING_ARGUMENT, "--template, --code", ctx->path);
    if (cli_eval_date(ctx, cli_opt_last(args, E_DATE), date)) return CLI_EXIT_USAGE;
    q.as_of = date;
    q.knowledge = cli_opt_last(args, E_KNOWLEDGE) ? KM_KNOWLEDGE_AS_OF : KM_KNOWLEDGE_CURRENT;
    if ((rc = km_indicator_aggregate(&a, ctx->net, &q))) return cli_fail(ctx, rc);
    row = out_row_new();
    id_or_null(row, "template_id", q.template_id);
    out_str(row, "code", q.code);
    id_or_null(row, "framework_id", q.framework_id);
    out_str(row, "as_of", date);
    if (km_aggregate_rule(a) >= 0) /* none when nothing matched */
        cli_enum_out(row, "cross_aggregation", &cli_enum_cross_aggregation, km_aggregate_rule(a), ctx->lang);
    else
        out_null(row, "cross_aggregation");
    if (km_aggregate_measure(a) >= 0) cli_enum_out(row, "measure", &cli_enum_measure, km_aggregate_measure(a), ctx->lang);
    else out_null(row, "measure");
    out_bool(row, "has_value", km_aggregate_has_value(a));
    if (km_aggregate_has_value(a)) out_real(row, "value", km_aggregate_value(a));
    else out_null(row, "value");
    exact = km_aggregate_exact(&num, &den, a);
    out_bool(row, "exact", exact);
    if (exact) {
        out_i64(row, "numerator", num);
        out_i64(row, "denominator", den);
    } else {
        out_null(row, "numerator");
        out_null(row, "denominator");
    }
    out_u64(row, "count", km_aggregate_count(a));
    cell = out_rows(row, "rows", "indicator_id,code,agreement_id,weight,progress_status,actual_value,value_count,last_period_end", 1);
    for (i = 0; i < km_aggregate_count(a); i++) out_rows_add(row, cell, cli_progress_row(ctx, km_aggregate_row(a, i)));
    km_aggregate_free(a);
    return cli_emit(ctx, row);
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_indicator_commands[] = {
    { "add", "--agreement ID --code C --title T [options]", { "menambah indikator", "add an indicator" }, ind_add_opts,
      "kemitraan indicator add --agreement 1 --code IND-01 --title \"Balita terlayani\" --dimension impact --baseline 0 --baseline-date 2025-01-01 --target 2025-12-31=500 --reporter 3", WR, 0, cmd_add },
    { "show", "ID [--version N] | --agreement ID --code CODE", { "menampilkan indikator (setiap kolom)", "show an indicator (every field)" }, ind_show_opts,
      "kemitraan indicator show --agreement 1 --code IND-01", RD, 1, cmd_show },
    { "update", "ID [field options]", { "mengubah indikator (versi baru)", "change an indicator (a new version)" }, ind_update_opts,
      "kemitraan indicator update 1 --target 2025-12-31=600 --weight 2", WR, 1, cmd_update },
    { "versions", "ID", { "setiap versi indikator", "every version of an indicator" }, NULL,
      "kemitraan indicator versions 1", RD, 1, cmd_versions },
    { "retire", "ID --reason T", { "menghentikan indikator", "retire an indicator" }, ind_retire_opts,
      "kemitraan indicator retire 1 --reason \"diganti IND-02\"", WR, 1, cmd_retire },
    { "template", "--framework ID --code C --title T [options]", { "templat indikator kerangka", "a framework's indicator template" }, ind_tpl_opts,
      "kemitraan indicator template --framework 1 --code TPL-01 --title \"Rumah tangga terlayani\"", WR, 0, cmd_template },
    { "template-update", "ID [field options]", { "mengubah templat (versi baru)", "change a template (a new version)" }, ind_update_opts,
      "kemitraan indicator template-update 2 --target 150", WR, 1, cmd_template_update },
    { "template-retire", "ID --reason T", { "menghentikan templat", "retire a template" }, ind_retire_opts,
      "kemitraan indicator template-retire 2 --reason \"kerangka direvisi\"", WR, 1, cmd_template_retire },
    { "instantiate", "AGREEMENT", { "membuat indikator dari templat", "create indicators from templates" }, NULL, "kemitraan indicator instantiate 1", WR, 1, cmd_instantiate },
    { "list", "[filters]", { "daftar indikator", "list indicators" }, ind_list_opts, "kemitraan indicator list --agreement 1", RD, 0, cmd_list },
    { "progress", "ID [--date DATE] [--knowledge-as-of]", { "kemajuan indikator per tanggal", "an indicator's progress as of a date" }, ind_progress_opts,
      "kemitraan indicator progress 1 --date 2025-12-31", RD, 1, cmd_progress },
    { "aggregate", "--template ID | --code CODE [--framework ID] [--date DATE]", { "satu indikator lintas perjanjian", "one indicator across agreements" }, ind_aggregate_opts,
      "kemitraan indicator aggregate --code AVAIL-01 --date 2025-12-31", RD, 0, cmd_aggregate },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
