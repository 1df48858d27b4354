/* cmd_measurement.c: measurements (indicator.h): report, show, update,
 * submit, approve, return, revise, versions, list; period locks (lock,
 * unlock, locks); the reporting schedule's missing and late reports (due,
 * km_reporting_list of scorecard.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "evaluation.h"
#include "rows.h"
#include "util.h"
#include "values.h"

enum { E_AGREEMENT = 1, E_INDICATOR, E_PARTNER, E_FROM, E_TO, E_VALUE, E_DENOM, E_TEXT, E_EVIDENCE, E_COMMENT,
       E_NOTE, E_REASON, E_STATUS, E_VERSION, E_RATIONALE, E_DATE, E_LATE, E_LIMIT, E_CURSOR, E_ALL };

#define M_FIELD_OPTS                                                                                                 \
    { "partner", E_PARTNER, 1, "ID", { "mitra pelapor", "reporting partner" } },                                     \
    { "from", E_FROM, 1, "DATE", { "awal periode", "period start" } },                                               \
    { "to", E_TO, 1, "DATE", { "akhir periode", "period end" } },                                                    \
    { "value", E_VALUE, 1, "N", { "nilai (bilangan bulat dalam satuan skala)", "value (integer in scale units)" } }, \
    { "denominator", E_DENOM, 1, "N", { "penyebut (persentase, rasio)", "denominator (percentage, ratio)" } },       \
    { "text", E_TEXT, 1, "TEXT", { "nilai kualitatif", "qualitative value" } },                                      \
    { "evidence", E_EVIDENCE, 1, "URI", { "tautan bukti", "evidence link" } },                                       \
    { "comment", E_COMMENT, 1, "TEXT", { "komentar", "comment" } }

static const cli_opt m_report_opts[] = {
    { "indicator", E_INDICATOR, 1, "ID", { "indikator (wajib)", "indicator (required)" } }, M_FIELD_OPTS, EVAL_NO_OPTS,
};
static const cli_opt m_update_opts[] = { M_FIELD_OPTS, EVAL_NO_OPTS };
static const cli_opt m_revise_opts[] = {
    { "rationale", E_RATIONALE, 1, "TEXT", { "alasan koreksi (wajib)", "why the correction (required)" } }, M_FIELD_OPTS,
    EVAL_NO_OPTS,
};
static const cli_opt m_note_opts[] = {
    { "note", E_NOTE, 1, "TEXT", { "catatan (approve) atau alasan (return)", "note (approve) or reason (return)" } },
    EVAL_NO_OPTS,
};
static const cli_opt m_show_opts[] = {
    { "version", E_VERSION, 1, "N", { "versi ini (bawaan: terkini)", "this version (default: the latest)" } },
    EVAL_NO_OPTS,
};
static const cli_opt m_lock_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } },
    { "from", E_FROM, 1, "DATE", { "awal periode (wajib)", "period start (required)" } },
    { "to", E_TO, 1, "DATE", { "akhir periode (wajib)", "period end (required)" } },
    { "reason", E_REASON, 1, "TEXT", { "alasan", "reason" } },
    EVAL_NO_OPTS,
};
static const cli_opt m_unlock_opts[] = {
    { "reason", E_REASON, 1, "TEXT", { "alasan membuka kunci (wajib)", "why the lock is lifted (required)" } },
    EVAL_NO_OPTS,
};
static const cli_opt m_locks_opts[] = {
    { "agreement", E_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } },
    EVAL_NO_OPTS,
};
static const cli_opt m_list_opts[] = {
    { "indicator", E_INDICATOR, 1, "ID", { "hanya indikator ini", "only this indicator" } },
    { "agreement", E_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "partner", E_PARTNER, 1, "ID", { "hanya mitra ini", "only this partner" } },
    { "status", E_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } },
    CLI_PAGE_OPTS,
    EVAL_NO_OPTS,
};
static const cli_opt m_due_opts[] = {
    { "date", E_DATE, 1, "DATE", { "per tanggal (bawaan: --as-of atau hari ini)", "as of (default: --as-of or today)" } },
    { "agreement", E_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "partner", E_PARTNER, 1, "ID", { "hanya indikator yang dilaporkan mitra ini", "only indicators this partner reports" } },
    { "late", E_LATE, 0, NULL, { "juga laporan yang terlambat masuk", "also reports made late" } },
    EVAL_NO_OPTS,
};

/* ---- output ------------------------------------------------------------------------ */

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

static void time_or_null(out_row *r, const char *key, int64_t us)
{
    if (us) out_time(r, key, us);
    else out_null(r, key);
}

/* One version with every field. */
static out_row *measurement_full(cli_ctx *ctx, const km_measurement *m, uint32_t versions)
{
    out_row *r = cli_measurement_row(ctx, m);
    out_u64(r, "version", km_measurement_version(m));
    out_u64(r, "version_count", versions);
    out_str(r, "text", km_measurement_text(m));
    out_str(r, "evidence_uri", km_measurement_evidence_uri(m));
    out_str(r, "comment", km_measurement_comment(m));
    out_str(r, "note", km_measurement_note(m));
    out_str(r, "rationale", km_measurement_rationale(m));
    out_time(r, "created", km_measurement_created(m));
    time_or_null(r, "submitted", km_measurement_submitted(m));
    time_or_null(r, "decided", km_measurement_decided(m));
    return r;
}

static int print_version(cli_ctx *ctx, uint64_t id, uint32_t version)
{
    km_measurement *m = NULL;
    uint32_t n = 0;
    out_row *row;
    int rc = km_measurement_version_count(&n, ctx->net, id);
    if (!rc) rc = version ? km_measurement_get_version(&m, ctx->net, id, version) : km_measurement_get(&m, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = measurement_full(ctx, m, n);
    km_measurement_free(m);
    return cli_emit(ctx, row);
}
static int print_measurement(cli_ctx *ctx, uint64_t id) { return print_version(ctx, id, 0); }

/* ---- commands ---------------------------------------------------------------------- */

/* Applies the field options to f; returns 0 or CLI_EXIT_USAGE. */
static int read_fields(cli_ctx *ctx, const cli_args *args, km_measurement_fields *f, int *given)
{
    size_t i;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case E_PARTNER: rc = cli_value_u64(ctx, o, &f->partner_id); break;
        case E_FROM: rc = cli_value_date(ctx, o); f->period_start = o->value; break;
        case E_TO: rc = cli_value_date(ctx, o); f->period_end = o->value; break;
        case E_VALUE: rc = cli_value_i64(ctx, o, &f->value); break;
        case E_DENOM: rc = cli_value_i64(ctx, o, &f->denominator); break;
        case E_TEXT: f->text = o->value; break;
        case E_EVIDENCE: f->evidence_uri = o->value; break;
        case E_COMMENT: f->comment = o->value; break;
        default: continue;
        }
        ++*given;
    }
    return rc ? CLI_EXIT_USAGE : 0;
}

static int cmd_report(cli_ctx *ctx, const cli_args *args)
{
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    const cli_optval *ind = cli_opt_last(args, E_INDICATOR);
    uint64_t iid = 0, id = 0;
    int rc, given = 0;
    if (ind && cli_value_u64(ctx, ind, &iid)) return CLI_EXIT_USAGE;
    if (read_fields(ctx, args, &f, &given)) return CLI_EXIT_USAGE;
    if (!ind) return cli_usage(ctx, M_MISSING_ARGUMENT, "--indicator", ctx->path);
    if ((rc = km_measurement_create(&id, ctx->net, iid, &f))) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}

/* update and revise: every field starts as the latest version has it. */
static int change(cli_ctx *ctx, const cli_args *args, int revise)
{
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    km_measurement *cur = NULL;
    uint64_t id;
    int rc, given = 0;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if ((rc = km_measurement_get(&cur, ctx->net, id))) return cli_fail(ctx, rc);
    f.partner_id = km_measurement_partner_id(cur);
    f.period_start = km_measurement_period_start(cur);
    f.period_end = km_measurement_period_end(cur);
    f.value = km_measurement_value(&f.denominator, cur);
    f.text = km_measurement_text(cur);
    f.evidence_uri = km_measurement_evidence_uri(cur);
    f.comment = km_measurement_comment(cur);
    rc = read_fields(ctx, args, &f, &given);
    if (!rc && !given && !revise) rc = cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if (!rc) {
        rc = revise ? km_measurement_revise(ctx->net, id, &f, cli_opt_value(args, E_RATIONALE))
                    : km_measurement_update(ctx->net, id, &f);
        if (rc) rc = cli_fail(ctx, rc);
    }
    km_measurement_free(cur);
    return rc ? rc : print_measurement(ctx, id);
}
static int cmd_update(cli_ctx *ctx, const cli_args *args) { return change(ctx, args, 0); }
static int cmd_revise(cli_ctx *ctx, const cli_args *args) { return change(ctx, args, 1); }

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *v = cli_opt_last(args, E_VERSION);
    uint32_t version = 0;
    uint64_t id;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if (v && cli_value_u32(ctx, v, &version)) return CLI_EXIT_USAGE;
    if (v && version == 0) return cli_usage(ctx, M_BAD_NUMBER, v->name, v->value);
    return print_version(ctx, id, version);
}

/* submit, approve, return: one function per command name. */
static int move(cli_ctx *ctx, const cli_args *args, int which)
{
    uint64_t id;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if (which == 0) rc = km_measurement_submit(ctx->net, id);
    else if (which == 1) rc = km_measurement_approve(ctx->net, id, cli_opt_value(args, E_NOTE));
    else rc = km_measurement_return(ctx->net, id, cli_opt_value(args, E_NOTE));
    if (rc) return cli_fail(ctx, rc);
    return print_measurement(ctx, id);
}
static int cmd_submit(cli_ctx *ctx, const cli_args *args) { return move(ctx, args, 0); }
static int cmd_approve(cli_ctx *ctx, const cli_args *args) { return move(ctx, args, 1); }
static int cmd_return(cli_ctx *ctx, const cli_args *args) { return move(ctx, args, 2); }

static int cmd_versions(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    uint32_t n = 0, v;
    out_row *row;
    size_t cell;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) return rc;
    if ((rc = km_measurement_version_count(&n, ctx->net, id))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "id", id);
    out_u64(row, "version_count", n);
    cell = out_rows(row, "versions", "version,status,period_start,period_end,value,denominator,created,rationale,note", 1);
    for (v = 1; v <= n; v++) {
        km_measurement *m = NULL;
        if ((rc = km_measurement_get_version(&m, ctx->net, id, v))) {
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        out_rows_add(row, cell, measurement_full(ctx, m, n));
        km_measurement_free(m);
    }
    return cli_emit(ctx, row);
}

CLI_LIST_PAGE_FN(measurement, cli_measurement_row(ctx, item))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_measurement_query q = KM_MEASUREMENT_QUERY_INIT;
    size_t i;
    int rc = 0, all = 1;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == E_INDICATOR) rc = cli_value_u64(ctx, o, &q.indicator_id);
        if (o->id == E_AGREEMENT) rc = cli_value_u64(ctx, o, &q.agreement_id);
        if (o->id == E_PARTNER) rc = cli_value_u64(ctx, o, &q.partner_id);
        if (o->id == E_STATUS) rc = cli_value_enum(ctx, o, &cli_enum_measurement_status, &q.status);
        if (!rc) rc = cli_page_opt(ctx, o, &q.limit, &q.cursor, &all);
    }
    if (rc) return CLI_EXIT_USAGE;
    return cli_list_emit(ctx, "measurements", "id,indicator_id,partner_id,period_start,period_end,value,denominator,status",
                         list_page, &q, q.cursor, all);
}

/* ---- period locks -------------------------------------------------------------------- */

static int print_locks(cli_ctx *ctx, uint64_t aid)
{
    km_period_locks *l = NULL;
    out_row *row;
    size_t i, cell;
    int rc = km_period_lock_list(&l, ctx->net, aid);
    if (rc) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "agreement_id", aid);
    cell = out_rows(row, "locks", "lock_id,period_start,period_end,active,time,reason,unlock_reason", 0);
    for (i = 0; i < km_period_locks_count(l); i++) {
        out_row *r = out_row_new();
        out_u64(r, "lock_id", km_period_locks_id(l, i));
        out_str(r, "period_start", km_period_locks_start(l, i));
        out_str(r, "period_end", km_period_locks_end(l, i));
        out_bool(r, "active", km_period_locks_active(l, i));
        out_time(r, "time", km_period_locks_time(l, i));
        out_str(r, "reason", km_period_locks_reason(l, i));
        out_str(r, "unlock_reason", km_period_locks_unlock_reason(l, i));
        out_rows_add(row, cell, r);
    }
    km_period_locks_free(l);
    return cli_emit(ctx, row);
}

static int cmd_lock(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = cli_opt_last(args, E_AGREEMENT), *f = cli_opt_last(args, E_FROM), *t = cli_opt_last(args, E_TO);
    uint64_t aid = 0, id = 0;
    out_row *row;
    int rc;
    if (!a || !f || !t) return cli_usage(ctx, M_MISSING_ARGUMENT, "--agreement, --from, --to", ctx->path);
    if (cli_value_u64(ctx, a, &aid) || cli_value_date(ctx, f) || cli_value_date(ctx, t)) return CLI_EXIT_USAGE;
    if ((rc = km_period_lock(&id, ctx->net, aid, f->value, t->value, cli_opt_value(args, E_REASON)))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "lock_id", id);
    out_u64(row, "agreement_id", aid);
    out_str(row, "period_start", f->value);
    out_str(row, "period_end", t->value);
    return cli_emit(ctx, row);
}

/* The library reads locks per agreement only (km_period_lock_list), and
 * unlock names the lock alone: the result is the lock's new state. */
static int cmd_unlock(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    out_row *row;
    if ((rc = cli_pos_id(ctx, args, 0, "LOCK", &id))) return rc;
    if ((rc = km_period_unlock(ctx->net, id, cli_opt_value(args, E_REASON)))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "lock_id", id);
    out_bool(row, "active", 0);
    out_str(row, "unlock_reason", cli_opt_value(args, E_REASON));
    return cli_emit(ctx, row);
}

static int cmd_locks(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = cli_opt_last(args, E_AGREEMENT);
    uint64_t aid = 0;
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--agreement", ctx->path);
    if (cli_value_u64(ctx, a, &aid)) return CLI_EXIT_USAGE;
    return print_locks(ctx, aid);
}

/* ---- missing and late reports ---------------------------------------------------------- */

static int cmd_due(cli_ctx *ctx, const cli_args *args)
{
    km_reporting_query q = KM_REPORTING_QUERY_INIT;
    const cli_optval *a = cli_opt_last(args, E_AGREEMENT), *p = cli_opt_last(args, E_PARTNER);
    km_reporting *r = NULL;
    uint64_t due = 0, missing = 0, late = 0;
    char date[11];
    out_row *row;
    size_t i, cell;
    int rc;
    if (a && cli_value_u64(ctx, a, &q.agreement_id)) return CLI_EXIT_USAGE;
    if (p && cli_value_u64(ctx, p, &q.partner_id)) return CLI_EXIT_USAGE;
    if (cli_eval_date(ctx, cli_opt_last(args, E_DATE), date)) return CLI_EXIT_USAGE;
    q.as_of = date;
    q.include_late = cli_opt_last(args, E_LATE) != NULL;
    if ((rc = km_reporting_list(&r, ctx->net, &q))) return cli_fail(ctx, rc);
    km_reporting_totals(&due, &missing, &late, r);
    row = out_row_new();
    out_str(row, "as_of", date);
    out_u64(row, "reports_due", due);
    out_u64(row, "reports_missing", missing);
    out_u64(row, "reports_late", late);
    cell = out_rows(row, "reports", "partner_id,agreement_id,indicator_id,kind,period_start,period_end,due_date,submitted_on", 0);
    for (i = 0; i < km_reporting_count(r); i++) {
        out_row *x = out_row_new();
        if (km_reporting_partner(r, i)) out_u64(x, "partner_id", km_reporting_partner(r, i));
        else out_null(x, "partner_id");
        out_u64(x, "agreement_id", km_reporting_agreement(r, i));
        out_u64(x, "indicator_id", km_reporting_indicator(r, i));
        cli_enum_out(x, "kind", &cli_enum_report_kind, km_reporting_kind(r, i), ctx->lang);
        out_str(x, "period_start", km_reporting_period_start(r, i));
        out_str(x, "period_end", km_reporting_period_end(r, i));
        out_str(x, "due_date", km_reporting_due_date(r, i));
        out_str(x, "submitted_on", km_reporting_submitted_on(r, i));
        out_rows_add(row, cell, x);
    }
    out_u64(row, "count", km_reporting_count(r));
    km_reporting_free(r);
    return cli_emit(ctx, row);
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_measurement_commands[] = {
    { "report", "--indicator ID --partner ID --from DATE --to DATE --value N", { "mencatat pengukuran (draf)", "record a measurement (draft)" }, m_report_opts,
      "kemitraan measurement report --indicator 1 --partner 3 --from 2025-01-01 --to 2025-03-31 --value 120", WR, 0, cmd_report },
    { "show", "ID [--version N]", { "menampilkan pengukuran (setiap kolom)", "show a measurement (every field)" }, m_show_opts,
      "kemitraan measurement show 1 --version 1", RD, 1, cmd_show },
    { "update", "ID [field options]", { "mengubah draf", "change a draft" }, m_update_opts,
      "kemitraan measurement update 1 --value 125 --evidence https://example.org/laporan-q1.pdf", WR, 1, cmd_update },
    { "submit", "ID", { "mengajukan", "submit" }, NULL, "kemitraan measurement submit 1", WR, 1, cmd_submit },
    { "approve", "ID [--note T]", { "menyetujui", "approve" }, m_note_opts, "kemitraan measurement approve 1", WR, 1, cmd_approve },
    { "return", "ID --note REASON", { "mengembalikan untuk revisi", "return for revision" }, m_note_opts, "kemitraan measurement return 1 --note \"bukti kurang\"", WR, 1, cmd_return },
    { "revise", "ID --rationale T [field options]", { "mengoreksi (versi baru, draf)", "correct (a new draft version)" }, m_revise_opts,
      "kemitraan measurement revise 1 --value 118 --rationale \"salah hitung\"", WR, 1, cmd_revise },
    { "versions", "ID", { "setiap versi pengukuran", "every version of a measurement" }, NULL, "kemitraan measurement versions 1", RD, 1, cmd_versions },
    { "list", "[filters]", { "daftar pengukuran", "list measurements" }, m_list_opts, "kemitraan measurement list --agreement 1", RD, 0, cmd_list },
    { "lock", "--agreement ID --from DATE --to DATE [--reason T]", { "mengunci periode", "lock a period" }, m_lock_opts, "kemitraan measurement lock --agreement 1 --from 2025-01-01 --to 2025-03-31", WR, 0, cmd_lock },
    { "unlock", "LOCK --reason T", { "membuka kunci periode", "lift a period lock" }, m_unlock_opts,
      "kemitraan measurement unlock 7 --reason \"koreksi temuan audit\"", WR, 1, cmd_unlock },
    { "locks", "--agreement ID", { "kunci periode sebuah perjanjian", "an agreement's period locks" }, m_locks_opts,
      "kemitraan measurement locks --agreement 1", RD, 0, cmd_locks },
    { "due", "[--date DATE] [--agreement ID] [--partner ID] [--late]", { "laporan belum masuk dan terlambat", "missing and late reports" }, m_due_opts,
      "kemitraan measurement due --date 2025-12-31 --late", RD, 0, cmd_due },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
