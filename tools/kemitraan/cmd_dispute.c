/* cmd_dispute.c: disputes and mediation: file, show, list, acknowledge,
 * consent, negotiate, assign-mediator, mediate, settle, escalate, close,
 * withdraw, dismiss, overdue. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum { D_AGREEMENT = 1, D_CLAIMANT, D_RESPONDENT, D_CATEGORY, D_SEVERITY, D_DESCRIPTION, D_RELIEF, D_PARTNER,
       D_NOTE, D_OVERRIDE, D_TERMS, D_FORUM, D_STATUS, D_OPEN, D_DATE };

static const cli_opt file_opts[] = {
    { "agreement", D_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } },
    { "claimant", D_CLAIMANT, 1, "ID", { "pihak pengaju (wajib)", "claimant party (required)" } },
    { "respondent", D_RESPONDENT, 1, "ID", { "pihak termohon; boleh berulang", "respondent party; repeatable" } },
    { "category", D_CATEGORY, 1, "CAT", { "payment, performance, scope, governance, legal, other", "payment, performance, scope, governance, legal, other" } },
    { "severity", D_SEVERITY, 1, "SEV", { "low, medium, high, critical", "low, medium, high, critical" } },
    { "description", D_DESCRIPTION, 1, "TEXT", { "uraian (wajib)", "description (required)" } },
    { "relief", D_RELIEF, 1, "TEXT", { "tuntutan", "relief sought" } },
    NO_OPTS,
};
static const cli_opt note_opts[] = {
    { "note", D_NOTE, 1, "TEXT", { "catatan atau alasan", "note or reason" } },
    { "partner", D_PARTNER, 1, "ID", { "mitra (acknowledge, consent, assign-mediator)", "partner (acknowledge, consent, assign-mediator)" } },
    { "override-justification", D_OVERRIDE, 1, "TEXT", { "alasan menunjuk mediator walau ada konflik kepentingan", "why a mediator with a conflict of interest is assigned" } },
    { "terms", D_TERMS, 1, "TEXT", { "isi kesepakatan (settle)", "settlement terms (settle)" } },
    { "forum", D_FORUM, 1, "FORUM", { "arbitration atau court (escalate)", "arbitration or court (escalate)" } },
    NO_OPTS,
};
static const cli_opt list_opts[] = {
    { "agreement", D_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "partner", D_PARTNER, 1, "ID", { "hanya pihak ini", "only this party" } },
    { "status", D_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } },
    { "open", D_OPEN, 0, NULL, { "hanya yang masih terbuka", "only open disputes" } },
    NO_OPTS,
};
static const cli_opt overdue_opts[] = {
    { "date", D_DATE, 1, "DATE", { "tanggal acuan (wajib)", "reference date (required)" } },
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

out_row *cli_dispute_row(cli_ctx *ctx, const km_dispute *d, int full)
{
    out_row *r = out_row_new();
    size_t i;
    out_u64(r, "id", km_dispute_id(d));
    out_u64(r, "agreement_id", km_dispute_agreement(d));
    out_u64(r, "claimant", km_dispute_claimant(d));
    cli_enum_out(r, "category", &cli_enum_dispute_category, km_dispute_category_of(d), ctx->lang);
    cli_enum_out(r, "severity", &cli_enum_dispute_severity, km_dispute_severity_of(d), ctx->lang);
    cli_enum_out(r, "status", &cli_enum_dispute_status, km_dispute_status_of(d), ctx->lang);
    out_str(r, "filed_date", km_dispute_filed_date(d));
    out_str(r, "due_date", km_dispute_due_date(d));
    if (!full) return r;
    out_strs(r, "respondents");
    for (i = 0; i < km_dispute_respondent_count(d); i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)km_dispute_respondent(d, i));
        out_strs_add(r, buf);
    }
    out_str(r, "description", km_dispute_description(d));
    if (km_dispute_mediator(d)) out_u64(r, "mediator", km_dispute_mediator(d));
    else out_null(r, "mediator");
    out_str(r, "status_note", km_dispute_status_note(d));
    out_str(r, "settlement_terms", km_dispute_settlement_terms(d));
    out_time(r, "filed", km_dispute_filed(d));
    out_time(r, "updated", km_dispute_updated(d));
    return r;
}

static int print_dispute(cli_ctx *ctx, uint64_t id)
{
    km_dispute *d = NULL;
    out_row *row;
    int rc = km_dispute_get(&d, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_dispute_row(ctx, d, 1);
    km_dispute_free(d);
    return cli_emit(ctx, row);
}

static int cmd_file(cli_ctx *ctx, const cli_args *args)
{
    km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
    uint64_t *resp = (uint64_t *)cli_xmalloc((args->nopts + 1) * sizeof *resp), id = 0;
    size_t i;
    int rc = 0;
    f.respondents = resp;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case D_AGREEMENT: rc = cli_value_u64(ctx, o, &f.agreement_id); break;
        case D_CLAIMANT: rc = cli_value_u64(ctx, o, &f.claimant); break;
        case D_RESPONDENT: rc = cli_value_u64(ctx, o, &resp[f.respondents_count++]); break;
        case D_CATEGORY: rc = cli_value_enum(ctx, o, &cli_enum_dispute_category, &f.category); break;
        case D_SEVERITY: rc = cli_value_enum(ctx, o, &cli_enum_dispute_severity, &f.severity); break;
        case D_DESCRIPTION: f.description = o->value; break;
        case D_RELIEF: f.relief = o->value; break;
        default: break;
        }
    }
    if (rc) {
        free(resp);
        return CLI_EXIT_USAGE;
    }
    rc = km_dispute_file(&id, ctx->net, &f);
    free(resp);
    if (rc) return cli_fail(ctx, rc);
    return print_dispute(ctx, id);
}

static int need(cli_ctx *ctx, const cli_args *args, uint64_t *id)
{
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    return cli_value_id(ctx, args->pos[0], id);
}
static int need_partner(cli_ctx *ctx, const cli_args *args, uint64_t *pid)
{
    const cli_optval *o = opt_get(args, D_PARTNER);
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, "--partner", ctx->path);
    return cli_value_u64(ctx, o, pid);
}

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc = need(ctx, args, &id);
    return rc ? rc : print_dispute(ctx, id);
}

/* The moves: one function per command name. */
static int move(cli_ctx *ctx, const cli_args *args, int which)
{
    const char *note = opt_str(args, D_NOTE);
    uint64_t id, pid = 0;
    int rc = need(ctx, args, &id);
    if (rc) return rc;
    switch (which) {
    case 0:
        if ((rc = need_partner(ctx, args, &pid))) return rc;
        rc = km_dispute_acknowledge(ctx->net, id, pid, note);
        break;
    case 1:
        if ((rc = need_partner(ctx, args, &pid))) return rc;
        rc = km_dispute_consent(ctx->net, id, pid, note);
        break;
    case 2: rc = km_dispute_negotiate(ctx->net, id, note); break;
    case 3:
        if ((rc = need_partner(ctx, args, &pid))) return rc;
        rc = km_dispute_assign_mediator(ctx->net, id, pid, opt_str(args, D_OVERRIDE));
        break;
    case 4: rc = km_dispute_mediate(ctx->net, id, note); break;
    case 5: {
        km_dispute_settlement s = KM_DISPUTE_SETTLEMENT_INIT;
        s.terms = opt_str(args, D_TERMS);
        rc = km_dispute_settle(ctx->net, id, &s);
        break;
    }
    case 6: {
        const cli_optval *o = opt_get(args, D_FORUM);
        int forum = 0;
        if (o && cli_value_enum(ctx, o, &cli_enum_dispute_forum, &forum)) return CLI_EXIT_USAGE;
        rc = km_dispute_escalate(ctx->net, id, forum, note);
        break;
    }
    case 7: rc = km_dispute_close(ctx->net, id, note); break;
    case 8: rc = km_dispute_withdraw(ctx->net, id, note); break;
    default: rc = km_dispute_dismiss(ctx->net, id, note); break;
    }
    if (rc) return cli_fail(ctx, rc);
    return print_dispute(ctx, id);
}
static int cmd_ack(cli_ctx *c, const cli_args *a) { return move(c, a, 0); }
static int cmd_consent(cli_ctx *c, const cli_args *a) { return move(c, a, 1); }
static int cmd_negotiate(cli_ctx *c, const cli_args *a) { return move(c, a, 2); }
static int cmd_assign(cli_ctx *c, const cli_args *a) { return move(c, a, 3); }
static int cmd_mediate(cli_ctx *c, const cli_args *a) { return move(c, a, 4); }
static int cmd_settle(cli_ctx *c, const cli_args *a) { return move(c, a, 5); }
static int cmd_escalate(cli_ctx *c, const cli_args *a) { return move(c, a, 6); }
static int cmd_close(cli_ctx *c, const cli_args *a) { return move(c, a, 7); }
static int cmd_withdraw(cli_ctx *c, const cli_args *a) { return move(c, a, 8); }
static int cmd_dismiss(cli_ctx *c, const cli_args *a) { return move(c, a, 9); }

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_dispute_query q = KM_DISPUTE_QUERY_INIT;
    km_dispute_page *page = NULL;
    char *cursor = NULL;
    out_row *row;
    size_t i, cell;
    uint64_t n = 0;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == D_AGREEMENT) rc = cli_value_u64(ctx, o, &q.agreement_id);
        if (o->id == D_PARTNER) rc = cli_value_u64(ctx, o, &q.party);
        if (o->id == D_STATUS) rc = cli_value_enum(ctx, o, &cli_enum_dispute_status, &q.status);
        if (o->id == D_OPEN) q.open_only = 1;
    }
    if (rc) return CLI_EXIT_USAGE;
    row = out_row_new();
    cell = out_rows(row, "disputes", "id,agreement_id,claimant,category,severity,status,filed_date,due_date", 0);
    for (;;) {
        q.cursor = cursor;
        q.limit = 200;
        if ((rc = km_dispute_list(&page, ctx->net, &q))) break;
        for (i = 0; i < km_dispute_page_count(page); i++, n++)
            out_rows_add(row, cell, cli_dispute_row(ctx, km_dispute_page_get(page, i), 0));
        free(cursor);
        cursor = km_dispute_page_cursor(page) ? cli_xstrdup(km_dispute_page_cursor(page)) : NULL;
        km_dispute_page_free(page);
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

static int cmd_overdue(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *d = opt_get(args, D_DATE);
    km_dispute_overdue_list *l = NULL;
    out_row *row;
    size_t i, cell;
    int rc;
    if (!d) return cli_usage(ctx, M_MISSING_ARGUMENT, "--date", ctx->path);
    if (cli_value_date(ctx, d)) return CLI_EXIT_USAGE;
    if ((rc = km_dispute_overdue(&l, ctx->net, d->value, NULL))) return cli_fail(ctx, rc);
    row = out_row_new();
    cell = out_rows(row, "overdue", "id,status,due_date,days_overdue", 0);
    for (i = 0; i < km_dispute_overdue_count(l); i++) {
        out_row *r = out_row_new();
        out_u64(r, "id", km_dispute_overdue_id(l, i));
        cli_enum_out(r, "status", &cli_enum_dispute_status, km_dispute_overdue_status(l, i), ctx->lang);
        out_str(r, "due_date", km_dispute_overdue_due_date(l, i));
        out_u64(r, "days_overdue", km_dispute_overdue_days(l, i));
        out_rows_add(row, cell, r);
    }
    out_u64(row, "count", km_dispute_overdue_count(l));
    km_dispute_overdue_free(l);
    return cli_emit(ctx, row);
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_dispute_commands[] = {
    { "file", "--agreement ID --claimant ID --respondent ID --description T [options]", { "mengajukan sengketa", "file a dispute" }, file_opts,
      "kemitraan dispute file --agreement 1 --claimant 3 --respondent 1 --category payment --description \"Termin II terlambat\"", WR, 0, cmd_file },
    { "show", "ID", { "menampilkan sengketa", "show a dispute" }, NULL, "kemitraan dispute show 1", RD, 1, cmd_show },
    { "list", "[filters]", { "daftar sengketa", "list disputes" }, list_opts, "kemitraan dispute list --open", RD, 0, cmd_list },
    { "overdue", "--date DATE", { "sengketa lewat tenggat", "disputes past their deadline" }, overdue_opts, "kemitraan dispute overdue --date 2025-12-31", RD, 0, cmd_overdue },
    { "acknowledge", "ID --partner ID [--note T]", { "termohon menerima", "a respondent acknowledges" }, note_opts, "kemitraan dispute acknowledge 1 --partner 1", WR, 1, cmd_ack },
    { "consent", "ID --partner ID", { "setuju langsung ke mediasi", "consent to go straight to mediation" }, note_opts, "kemitraan dispute consent 1 --partner 3", WR, 1, cmd_consent },
    { "negotiate", "ID [--note T]", { "ke negosiasi", "to negotiation" }, note_opts, "kemitraan dispute negotiate 1", WR, 1, cmd_negotiate },
    { "assign-mediator", "ID --partner ID [--override-justification T]", { "menunjuk mediator", "assign a mediator" }, note_opts, "kemitraan dispute assign-mediator 1 --partner 7", WR, 1, cmd_assign },
    { "mediate", "ID [--note T]", { "ke mediasi", "to mediation" }, note_opts, "kemitraan dispute mediate 1", WR, 1, cmd_mediate },
    { "settle", "ID --terms T", { "mencatat kesepakatan", "record a settlement" }, note_opts, "kemitraan dispute settle 1 --terms \"Termin II dicairkan\"", WR, 1, cmd_settle },
    { "escalate", "ID --forum F [--note T]", { "ke arbitrase atau pengadilan", "to arbitration or court" }, note_opts, "kemitraan dispute escalate 1 --forum arbitration", WR, 1, cmd_escalate },
    { "close", "ID [--note T]", { "menutup", "close" }, note_opts, "kemitraan dispute close 1", WR, 1, cmd_close },
    { "withdraw", "ID [--note T]", { "mencabut", "withdraw" }, note_opts, "kemitraan dispute withdraw 1", WR, 1, cmd_withdraw },
    { "dismiss", "ID --note REASON", { "menolak", "dismiss" }, note_opts, "kemitraan dispute dismiss 1 --note \"bukan sengketa\"", WR, 1, cmd_dismiss },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
