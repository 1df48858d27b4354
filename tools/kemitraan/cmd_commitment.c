/* cmd_commitment.c: resource commitments: add, show, list, count, commit,
 * cancel, close, transition, history, tranches (add, update, cancel, list,
 * overdue), the ledger (record, reverse, list, unscheduled), disbursement
 * delay, loan schedules and positions, the loan calculator (no store),
 * totals (grouped, converted into one currency, with absorption). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum { C_AGREEMENT = 1, C_PROVIDER, C_RECIPIENT, C_KIND, C_TITLE, C_AMOUNT, C_CURRENCY, C_UNIT, C_VALUATION,
       C_VALUATION_CURRENCY, C_RATE_BP, C_TERM, C_GRACE, C_METHOD, C_LOAN_START, C_STATUS, C_REASON, C_DATE,
       C_TYPE, C_TRANCHE, C_NOTE, C_LIMIT, C_GROUP, C_FRAMEWORK, C_COMMITMENT, C_RATE, C_VALUE_QUANTITIES,
       C_START, E_LIMIT, E_CURSOR, E_ALL };

static const cli_opt add_opts[] = {
    { "agreement", C_AGREEMENT, 1, "ID", { "perjanjian (wajib)", "agreement (required)" } },
    { "provider", C_PROVIDER, 1, "ID", { "mitra pemberi (wajib)", "providing partner (required)" } },
    { "recipient", C_RECIPIENT, 1, "ID", { "mitra penerima (wajib)", "receiving partner (required)" } },
    { "kind", C_KIND, 1, "KIND", { "jenis: grant, loan, in_kind, ... (labels commitment_kind)", "kind: grant, loan, in_kind, ... (labels commitment_kind)" } },
    { "title", C_TITLE, 1, "TEXT", { "judul (wajib)", "title (required)" } },
    { "amount", C_AMOUNT, 1, "AMOUNT", { "jumlah desimal (uang: dengan --currency)", "decimal amount (money: with --currency)" } },
    { "currency", C_CURRENCY, 1, "CODE", { "mata uang ISO 4217", "ISO 4217 currency" } },
    { "unit", C_UNIT, 1, "UNIT", { "satuan untuk komitmen non-uang, mis. person-days", "unit of a non-money commitment, e.g. person-days" } },
    { "valuation", C_VALUATION, 1, "AMOUNT", { "nilai taksiran non-uang", "valuation of a non-money commitment" } },
    { "valuation-currency", C_VALUATION_CURRENCY, 1, "CODE", { "mata uang taksiran", "valuation currency" } },
    { "rate-bp", C_RATE_BP, 1, "N", { "pinjaman: bunga per tahun (basis poin)", "loan: yearly rate (basis points)" } },
    { "term-months", C_TERM, 1, "N", { "pinjaman: jangka (bulan)", "loan: term (months)" } },
    { "grace-months", C_GRACE, 1, "N", { "pinjaman: masa tenggang (bulan)", "loan: grace period (months)" } },
    { "method", C_METHOD, 1, "METHOD", { "pinjaman: annuity atau straight_line", "loan: annuity or straight_line" } },
    { "loan-start", C_LOAN_START, 1, "DATE", { "pinjaman: tanggal mulai", "loan: start date" } },
    NO_OPTS,
};
#define FILTER_OPTS                                                                               \
    { "agreement", C_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },     \
    { "provider", C_PROVIDER, 1, "ID", { "hanya pemberi ini", "only this provider" } },          \
    { "recipient", C_RECIPIENT, 1, "ID", { "hanya penerima ini", "only this recipient" } },      \
    { "framework", C_FRAMEWORK, 1, "ID", { "hanya kerangka ini", "only this framework" } },      \
    { "kind", C_KIND, 1, "KIND", { "hanya jenis ini", "only this kind" } },                      \
    { "status", C_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } }
static const cli_opt list_opts[] = { FILTER_OPTS, CLI_PAGE_OPTS, NO_OPTS };
static const cli_opt count_opts[] = { FILTER_OPTS, NO_OPTS };
static const cli_opt reason_opts[] = {
    { "reason", C_REASON, 1, "TEXT", { "alasan", "reason" } },
    { "date", C_DATE, 1, "DATE", { "tanggal nilai (commit)", "value date (commit)" } },
    { "status", C_STATUS, 1, "STATUS", { "status tujuan (transition)", "target status (transition)" } },
    NO_OPTS,
};
static const cli_opt tranche_opts[] = {
    { "date", C_DATE, 1, "DATE", { "tanggal rencana (wajib)", "planned date (required)" } },
    { "amount", C_AMOUNT, 1, "AMOUNT", { "jumlah desimal (wajib)", "decimal amount (required)" } },
    { "note", C_NOTE, 1, "TEXT", { "catatan", "note" } },
    NO_OPTS,
};
static const cli_opt tranche_update_opts[] = {
    { "date", C_DATE, 1, "DATE", { "tanggal rencana baru (bawaan: tetap)", "new planned date (default: unchanged)" } },
    { "amount", C_AMOUNT, 1, "AMOUNT", { "jumlah baru (bawaan: tetap)", "new amount (default: unchanged)" } },
    { "note", C_NOTE, 1, "TEXT", { "catatan baru; \"\" menghapus (bawaan: tetap)", "new note; \"\" clears it (default: unchanged)" } },
    { "reason", C_REASON, 1, "TEXT", { "alasan penjadwalan ulang (wajib)", "why it is rescheduled (required)" } },
    NO_OPTS,
};
static const cli_opt tranche_cancel_opts[] = {
    { "reason", C_REASON, 1, "TEXT", { "alasan pembatalan (wajib)", "why it is cancelled (required)" } },
    NO_OPTS,
};
static const cli_opt scope_opts[] = {
    { "agreement", C_AGREEMENT, 1, "ID", { "hanya perjanjian ini (bawaan: seluruh jaringan)", "only this agreement (default: the whole network)" } },
    { "date", C_DATE, 1, "DATE", { "per tanggal nilai YYYY-MM-DD", "as of this value date YYYY-MM-DD" } },
    NO_OPTS,
};
static const cli_opt calc_opts[] = {
    { "amount", C_AMOUNT, 1, "AMOUNT", { "pokok pinjaman, desimal (wajib)", "principal, decimal (required)" } },
    { "currency", C_CURRENCY, 1, "CODE", { "mata uang ISO 4217 (wajib)", "ISO 4217 currency (required)" } },
    { "rate-bp", C_RATE_BP, 1, "N", { "bunga per tahun dalam basis poin, 0..10000 (wajib)", "yearly rate in basis points, 0..10000 (required)" } },
    { "term-months", C_TERM, 1, "N", { "jangka dalam bulan, masa tenggang termasuk (wajib)", "term in months, grace included (required)" } },
    { "grace-months", C_GRACE, 1, "N", { "bulan pertama hanya bunga (bawaan 0)", "leading interest-only months (default 0)" } },
    { "method", C_METHOD, 1, "METHOD", { "annuity (bawaan) atau straight_line", "annuity (default) or straight_line" } },
    { "start", C_START, 1, "DATE", { "tanggal mulai bunga (wajib)", "date interest runs from (required)" } },
    NO_OPTS,
};
static const cli_opt date_opts[] = {
    { "date", C_DATE, 1, "DATE", { "tanggal acuan YYYY-MM-DD", "reference date YYYY-MM-DD" } },
    { "agreement", C_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    NO_OPTS,
};
static const cli_opt ledger_opts[] = {
    { "type", C_TYPE, 1, "TYPE", { "jenis transaksi: disbursement, expenditure, ... (wajib)", "transaction type: disbursement, expenditure, ... (required)" } },
    { "amount", C_AMOUNT, 1, "AMOUNT", { "jumlah desimal (wajib)", "decimal amount (required)" } },
    { "currency", C_CURRENCY, 1, "CODE", { "mata uang (bawaan: mata uang komitmen)", "currency (default: the commitment's)" } },
    { "date", C_DATE, 1, "DATE", { "tanggal nilai (wajib)", "value date (required)" } },
    { "tranche", C_TRANCHE, 1, "N", { "nomor termin", "tranche number" } },
    { "note", C_NOTE, 1, "TEXT", { "catatan", "note" } },
    NO_OPTS,
};
static const cli_opt totals_opts[] = {
    { "agreement", C_AGREEMENT, 1, "ID", { "hanya perjanjian ini", "only this agreement" } },
    { "provider", C_PROVIDER, 1, "ID", { "hanya pemberi ini", "only this provider" } },
    { "recipient", C_RECIPIENT, 1, "ID", { "hanya penerima ini", "only this recipient" } },
    { "framework", C_FRAMEWORK, 1, "ID", { "hanya kerangka ini", "only this framework" } },
    { "commitment", C_COMMITMENT, 1, "ID", { "hanya komitmen ini", "only this commitment" } },
    { "kind", C_KIND, 1, "KIND", { "hanya jenis ini", "only this kind" } },
    { "status", C_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } },
    { "date", C_DATE, 1, "DATE", { "per tanggal (bawaan: semua)", "as of this date (default: everything)" } },
    { "group", C_GROUP, 1, "GROUP", { "kelompok: none, commitment, agreement, provider, recipient, kind, framework, status",
                                      "group by: none, commitment, agreement, provider, recipient, kind, framework, status" } },
    { "currency", C_CURRENCY, 1, "CODE", { "nyatakan semua uang dalam mata uang ini (perlu --rate untuk yang lain)",
                                           "express all money in this currency (other currencies need --rate)" } },
    { "rate", C_RATE, 1, "CODE=RATE", { "kurs: 1 CODE = RATE mata uang --currency, mis. USD=15500 atau EUR=16800.50; boleh berulang",
                                        "rate: 1 CODE = RATE of --currency, e.g. USD=15500 or EUR=16800.50; repeatable" } },
    { "value-quantities", C_VALUE_QUANTITIES, 0, NULL, { "komitmen non-uang bertaksiran dihitung dalam uang", "count valued quantities in money" } },
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
static int need_id(cli_ctx *ctx, const cli_args *args, size_t index, uint64_t *out)
{
    if (args->npos <= index) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    return cli_value_id(ctx, args->pos[index], out);
}
static int opt_date(cli_ctx *ctx, const cli_args *args, int required, const char **out)
{
    const cli_optval *o = opt_get(args, C_DATE);
    *out = NULL;
    if (!o) return required ? cli_usage(ctx, M_MISSING_ARGUMENT, "--date", ctx->path) : 0;
    if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
    *out = o->value;
    return 0;
}
/* The commitment's currency (money) for amounts given on later commands. */
static int unit_of(cli_ctx *ctx, uint64_t id, char *cur, size_t cap)
{
    km_commitment *c = NULL;
    int rc = km_commitment_get(&c, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    snprintf(cur, cap, "%s", km_commitment_is_money(c) ? km_commitment_currency(c) : "");
    km_commitment_free(c);
    return 0;
}
static void amount_out(cli_ctx *ctx, out_row *r, const char *key, int64_t v, const char *cur)
{
    if (cur && *cur) cli_money_out(r, key, v, cur, ctx->json, ctx->lang);
    else out_i64(r, key, v);
}

/* The IATI 2.03 codes a commitment kind implies (null when it has none). */
static void iati_kind_out(out_row *r, int kind)
{
    int ft = km_commitment_kind_iati_finance_type(kind);
    if (ft >= 0) out_i64(r, "iati_finance_type", ft);
    else out_null(r, "iati_finance_type");
    out_str(r, "iati_aid_type", km_commitment_kind_iati_aid_type(kind));
}

out_row *cli_commitment_row(cli_ctx *ctx, const km_commitment *c, int full)
{
    out_row *r = out_row_new();
    const char *cur = km_commitment_is_money(c) ? km_commitment_currency(c) : NULL;
    out_u64(r, "id", km_commitment_id(c));
    out_u64(r, "agreement_id", km_commitment_agreement_id(c));
    out_u64(r, "provider_id", km_commitment_provider_id(c));
    out_u64(r, "recipient_id", km_commitment_recipient_id(c));
    cli_enum_out(r, "kind", &cli_enum_commitment_kind, km_commitment_kind_of(c), ctx->lang);
    out_str(r, "title", km_commitment_title(c));
    cli_enum_out(r, "status", &cli_enum_commitment_status, km_commitment_status_of(c), ctx->lang);
    amount_out(ctx, r, "amount", km_commitment_amount(c), cur);
    out_str(r, "currency", cur);
    out_str(r, "unit", km_commitment_unit(c));
    amount_out(ctx, r, "disbursed", km_commitment_figure(c, KM_FIGURE_DISBURSED), cur);
    if (!full) return r;
    iati_kind_out(r, km_commitment_kind_of(c));
    out_str(r, "status_reason", km_commitment_status_reason(c));
    amount_out(ctx, r, "committed", km_commitment_figure(c, KM_FIGURE_COMMITTED), cur);
    amount_out(ctx, r, "remaining", km_commitment_figure(c, KM_FIGURE_REMAINING), cur);
    amount_out(ctx, r, "expenditure", km_commitment_figure(c, KM_FIGURE_EXPENDITURE), cur);
    if (km_commitment_kind_of(c) == KM_COMMITMENT_LOAN) {
        amount_out(ctx, r, "outstanding", km_commitment_figure(c, KM_FIGURE_OUTSTANDING), cur);
        out_u64(r, "loan_rate_bp", km_commitment_loan_rate_bp(c));
        out_u64(r, "loan_term_months", km_commitment_loan_term_months(c));
        out_u64(r, "loan_grace_months", km_commitment_loan_grace_months(c));
        cli_enum_out(r, "loan_method", &cli_enum_loan_method, km_commitment_loan_method(c), ctx->lang);
        out_str(r, "loan_start_date", km_commitment_loan_start_date(c));
    }
    if (km_commitment_valuation_currency(c))
        cli_money_out(r, "valuation", km_commitment_valuation(c), km_commitment_valuation_currency(c), ctx->json, ctx->lang);
    out_time(r, "created", km_commitment_created(c));
    out_time(r, "updated", km_commitment_updated(c));
    return r;
}

static int print_commitment(cli_ctx *ctx, uint64_t id)
{
    km_commitment *c = NULL;
    out_row *row;
    int rc = km_commitment_get(&c, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_commitment_row(ctx, c, 1);
    km_commitment_free(c);
    return cli_emit(ctx, row);
}

static int cmd_add(cli_ctx *ctx, const cli_args *args)
{
    km_commitment_fields f = KM_COMMITMENT_FIELDS_INIT;
    const cli_optval *amount = NULL, *valuation = NULL;
    uint64_t id = 0;
    size_t i;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case C_AGREEMENT: rc = cli_value_u64(ctx, o, &f.agreement_id); break;
        case C_PROVIDER: rc = cli_value_u64(ctx, o, &f.provider_id); break;
        case C_RECIPIENT: rc = cli_value_u64(ctx, o, &f.recipient_id); break;
        case C_KIND: rc = cli_value_enum(ctx, o, &cli_enum_commitment_kind, &f.kind); break;
        case C_TITLE: f.title = o->value; break;
        case C_AMOUNT: amount = o; break;
        case C_CURRENCY: f.currency = o->value; break;
        case C_UNIT: f.unit = o->value; break;
        case C_VALUATION: valuation = o; break;
        case C_VALUATION_CURRENCY: f.valuation_currency = o->value; break;
        case C_RATE_BP: rc = cli_value_u32(ctx, o, &f.loan_rate_bp); break;
        case C_TERM: rc = cli_value_u32(ctx, o, &f.loan_term_months); break;
        case C_GRACE: rc = cli_value_u32(ctx, o, &f.loan_grace_months); break;
        case C_METHOD: rc = cli_value_enum(ctx, o, &cli_enum_loan_method, &f.loan_method); break;
        case C_LOAN_START: rc = cli_value_date(ctx, o); f.loan_start_date = o->value; break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if (amount && cli_value_money(ctx, amount, f.currency, &f.amount)) return CLI_EXIT_USAGE;
    if (valuation && cli_value_money(ctx, valuation, f.valuation_currency, &f.valuation)) return CLI_EXIT_USAGE;
    if ((rc = km_commitment_create(&id, ctx->net, &f))) return cli_fail(ctx, rc);
    return print_commitment(ctx, id);
}

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc = need_id(ctx, args, 0, &id);
    return rc ? rc : print_commitment(ctx, id);
}

/* The filters of km_commitment_query, for list and count. */
static int read_filters(cli_ctx *ctx, const cli_args *args, km_commitment_query *q0)
{
    km_commitment_query init = KM_COMMITMENT_QUERY_INIT, q = init;
    size_t i;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case C_AGREEMENT: rc = cli_value_u64(ctx, o, &q.agreement_id); break;
        case C_PROVIDER: rc = cli_value_u64(ctx, o, &q.provider_id); break;
        case C_RECIPIENT: rc = cli_value_u64(ctx, o, &q.recipient_id); break;
        case C_FRAMEWORK: rc = cli_value_u64(ctx, o, &q.framework_id); break;
        case C_KIND: rc = cli_value_enum(ctx, o, &cli_enum_commitment_kind, &q.kind); break;
        case C_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_commitment_status, &q.status); break;
        default: break;
        }
    }
    *q0 = q;
    return rc ? CLI_EXIT_USAGE : 0;
}

static int cmd_count(cli_ctx *ctx, const cli_args *args)
{
    km_commitment_query q;
    uint64_t n = 0;
    int rc = read_filters(ctx, args, &q);
    if (rc) return rc;
    rc = km_commitment_count(&n, ctx->net, &q);
    return cli_count_emit(ctx, rc, n);
}

CLI_LIST_PAGE_FN(commitment, cli_commitment_row(ctx, item, 0))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_commitment_query q;
    size_t i;
    int all = 1, rc = read_filters(ctx, args, &q);
    for (i = 0; i < args->nopts && !rc; i++) rc = cli_page_opt(ctx, &args->opts[i], &q.limit, &q.cursor, &all);
    if (rc) return rc;
    return cli_list_emit(ctx, "commitments", "id,agreement_id,provider_id,recipient_id,kind,title,status,amount,disbursed",
                         list_page, &q, q.cursor, all);
}

static int cmd_commit(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    const char *date;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = opt_date(ctx, args, 1, &date))) return rc;
    if ((rc = km_commitment_commit(ctx->net, id, date, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    return print_commitment(ctx, id);
}
static int cmd_cancel(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_commitment_cancel(ctx->net, id, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    return print_commitment(ctx, id);
}
static int cmd_close(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_commitment_close(ctx->net, id, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    return print_commitment(ctx, id);
}
static int cmd_transition(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *o = opt_get(args, C_STATUS);
    uint64_t id;
    int st, rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, "--status", ctx->path);
    if (cli_value_enum(ctx, o, &cli_enum_commitment_status, &st)) return CLI_EXIT_USAGE;
    if ((rc = km_commitment_transition(ctx->net, id, st, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    return print_commitment(ctx, id);
}

static int cmd_history(cli_ctx *ctx, const cli_args *args)
{
    km_commitment_steps *s = NULL;
    uint64_t id;
    out_row *row;
    size_t i, cell;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_commitment_history(&s, ctx->net, id))) return cli_fail(ctx, rc);
    row = out_row_new();
    cell = out_rows(row, "transitions", "time,from,to,reason,transaction", 0);
    for (i = 0; i < km_commitment_steps_count(s); i++) {
        out_row *r = out_row_new();
        int from = km_commitment_steps_from(s, i);
        out_time(r, "time", km_commitment_steps_time(s, i));
        if (from >= 0) cli_enum_out(r, "from", &cli_enum_commitment_status, from, ctx->lang);
        else out_null(r, "from");
        cli_enum_out(r, "to", &cli_enum_commitment_status, km_commitment_steps_to(s, i), ctx->lang);
        out_str(r, "reason", km_commitment_steps_reason(s, i));
        if (km_commitment_steps_transaction(s, i)) out_u64(r, "transaction", km_commitment_steps_transaction(s, i));
        else out_null(r, "transaction");
        out_rows_add(row, cell, r);
    }
    km_commitment_steps_free(s);
    return cli_emit(ctx, row);
}

/* ---- tranches ------------------------------------------------------------- */

static int tranches_out(cli_ctx *ctx, km_tranches *t, const char *cur)
{
    out_row *row = out_row_new();
    size_t i, cell = out_rows(row, "tranches", "commitment_id,number,planned_date,amount,status,disbursed,met_date,days_overdue,note,reason", 0);
    for (i = 0; i < km_tranches_count(t); i++) {
        out_row *r = out_row_new();
        out_u64(r, "commitment_id", km_tranches_commitment(t, i));
        out_u64(r, "number", km_tranches_number(t, i));
        out_str(r, "planned_date", km_tranches_planned_date(t, i));
        amount_out(ctx, r, "amount", km_tranches_amount(t, i), cur);
        cli_enum_out(r, "status", &cli_enum_tranche_status, km_tranches_status(t, i), ctx->lang);
        amount_out(ctx, r, "disbursed", km_tranches_disbursed(t, i), cur);
        out_str(r, "met_date", km_tranches_met_date(t, i));
        out_i64(r, "days_overdue", km_tranches_days_overdue(t, i));
        out_str(r, "note", km_tranches_note(t, i));
        out_str(r, "reason", km_tranches_reason(t, i));
        out_rows_add(row, cell, r);
    }
    out_u64(row, "count", km_tranches_count(t));
    km_tranches_free(t);
    return cli_emit(ctx, row);
}

static int cmd_tranche_add(cli_ctx *ctx, const cli_args *args)
{
    km_tranche_fields f = KM_TRANCHE_FIELDS_INIT;
    const cli_optval *a = opt_get(args, C_AMOUNT);
    km_tranches *t = NULL;
    char cur[16];
    uint64_t id;
    uint32_t num;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = opt_date(ctx, args, 1, &f.planned_date))) return rc;
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--amount", ctx->path);
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    if (cli_value_money(ctx, a, *cur ? cur : NULL, &f.amount)) return CLI_EXIT_USAGE;
    f.note = opt_str(args, C_NOTE);
    if ((rc = km_tranche_add(&num, ctx->net, id, &f))) return cli_fail(ctx, rc);
    if ((rc = km_tranche_list(&t, ctx->net, id, NULL))) return cli_fail(ctx, rc);
    return tranches_out(ctx, t, cur);
}

/* The commitment id and the tranche NUMBER (positional arguments 1 and 2). */
static int need_tranche(cli_ctx *ctx, const cli_args *args, uint64_t *id, uint32_t *num)
{
    int rc = need_id(ctx, args, 0, id);
    if (rc) return rc;
    if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "NUMBER", ctx->path);
    if (cli_parse_u32(args->pos[1], num) || *num == 0) return cli_usage(ctx, M_BAD_NUMBER, "NUMBER", args->pos[1]);
    return 0;
}

static int cmd_tranche_update(cli_ctx *ctx, const cli_args *args)
{
    km_tranche_fields f = KM_TRANCHE_FIELDS_INIT;
    const cli_optval *a = opt_get(args, C_AMOUNT), *note = opt_get(args, C_NOTE);
    km_tranches *t = NULL;
    char cur[16];
    uint64_t id;
    uint32_t num;
    size_t i;
    int rc;
    if ((rc = need_tranche(ctx, args, &id, &num)) || (rc = opt_date(ctx, args, 0, &f.planned_date))) return rc;
    if (!a && !note && !f.planned_date) return cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    if (a && cli_value_money(ctx, a, *cur ? cur : NULL, &f.amount)) return CLI_EXIT_USAGE;
    /* What is not given stays as it is: read the tranche. */
    if ((rc = km_tranche_list(&t, ctx->net, id, NULL))) return cli_fail(ctx, rc);
    for (i = 0; i < km_tranches_count(t) && km_tranches_number(t, i) != num; i++) {}
    if (i < km_tranches_count(t)) {
        if (!f.planned_date) f.planned_date = km_tranches_planned_date(t, i);
        if (!a) f.amount = km_tranches_amount(t, i);
        f.note = note ? (*note->value ? note->value : NULL) : km_tranches_note(t, i);
    }
    /* an unknown number is left to the library, which names it */
    rc = km_tranche_update(ctx->net, id, num, &f, opt_str(args, C_REASON));
    km_tranches_free(t);
    t = NULL;
    if (rc) return cli_fail(ctx, rc);
    if ((rc = km_tranche_list(&t, ctx->net, id, NULL))) return cli_fail(ctx, rc);
    return tranches_out(ctx, t, cur);
}

static int cmd_tranche_cancel(cli_ctx *ctx, const cli_args *args)
{
    km_tranches *t = NULL;
    char cur[16];
    uint64_t id;
    uint32_t num;
    int rc;
    if ((rc = need_tranche(ctx, args, &id, &num))) return rc;
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    if ((rc = km_tranche_cancel(ctx->net, id, num, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    if ((rc = km_tranche_list(&t, ctx->net, id, NULL))) return cli_fail(ctx, rc);
    return tranches_out(ctx, t, cur);
}

static int cmd_tranche_list(cli_ctx *ctx, const cli_args *args)
{
    km_tranches *t = NULL;
    const char *date;
    char cur[16];
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = opt_date(ctx, args, 0, &date))) return rc;
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    if ((rc = km_tranche_list(&t, ctx->net, id, date))) return cli_fail(ctx, rc);
    return tranches_out(ctx, t, cur);
}

static int cmd_tranche_overdue(cli_ctx *ctx, const cli_args *args)
{
    km_tranches *t = NULL;
    const cli_optval *ag = opt_get(args, C_AGREEMENT);
    const char *date;
    uint64_t aid = 0;
    int rc;
    if ((rc = opt_date(ctx, args, 1, &date))) return rc;
    if (ag && cli_value_u64(ctx, ag, &aid)) return CLI_EXIT_USAGE;
    if ((rc = km_tranche_overdue(&t, ctx->net, aid, date))) return cli_fail(ctx, rc);
    return tranches_out(ctx, t, NULL);
}

/* ---- ledger ---------------------------------------------------------------- */

static int ledger_out(cli_ctx *ctx, km_ledger *l)
{
    out_row *row = out_row_new();
    size_t i, cell = out_rows(row, "transactions", "id,commitment_id,type,iati_transaction_type,value_date,amount,tranche,reverses,reversed_by,note", 0);
    for (i = 0; i < km_ledger_count(l); i++) {
        out_row *r = out_row_new();
        const char *unit = km_ledger_unit(l, i);
        out_u64(r, "id", km_ledger_id(l, i));
        out_u64(r, "commitment_id", km_ledger_commitment(l, i));
        cli_enum_out(r, "type", &cli_enum_ledger_type, km_ledger_type_of(l, i), ctx->lang);
        out_i64(r, "iati_transaction_type", km_ledger_type_iati(km_ledger_type_of(l, i)));
        out_i64(r, "iati_transaction_type_incoming", km_ledger_type_iati_incoming(km_ledger_type_of(l, i)));
        out_str(r, "value_date", km_ledger_value_date(l, i));
        amount_out(ctx, r, "amount", km_ledger_amount(l, i), unit && km_currency_digits(unit) >= 0 ? unit : NULL);
        out_str(r, "unit", unit);
        if (km_ledger_tranche(l, i)) out_u64(r, "tranche", km_ledger_tranche(l, i));
        else out_null(r, "tranche");
        if (km_ledger_reverses(l, i)) out_u64(r, "reverses", km_ledger_reverses(l, i));
        else out_null(r, "reverses");
        if (km_ledger_reversed_by(l, i)) out_u64(r, "reversed_by", km_ledger_reversed_by(l, i));
        else out_null(r, "reversed_by");
        out_str(r, "note", km_ledger_note(l, i));
        out_time(r, "time", km_ledger_time(l, i));
        out_rows_add(row, cell, r);
    }
    out_u64(row, "count", km_ledger_count(l));
    km_ledger_free(l);
    return cli_emit(ctx, row);
}

static int cmd_ledger_record(cli_ctx *ctx, const cli_args *args)
{
    km_ledger_fields f = KM_LEDGER_FIELDS_INIT;
    const cli_optval *a = opt_get(args, C_AMOUNT), *ty = opt_get(args, C_TYPE), *tr = opt_get(args, C_TRANCHE);
    km_ledger *l = NULL;
    char cur[16];
    uint64_t id, tx = 0;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = opt_date(ctx, args, 1, &f.value_date))) return rc;
    if (!ty) return cli_usage(ctx, M_MISSING_ARGUMENT, "--type", ctx->path);
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--amount", ctx->path);
    if (cli_value_enum(ctx, ty, &cli_enum_ledger_type, &f.type)) return CLI_EXIT_USAGE;
    if (tr && cli_value_u32(ctx, tr, &f.tranche)) return CLI_EXIT_USAGE;
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    f.currency = opt_str(args, C_CURRENCY);
    if (!f.currency && *cur) f.currency = cur;
    if (cli_value_money(ctx, a, f.currency, &f.amount)) return CLI_EXIT_USAGE;
    f.note = opt_str(args, C_NOTE);
    if ((rc = km_ledger_record(&tx, ctx->net, id, &f))) return cli_fail(ctx, rc);
    if ((rc = km_ledger_get(&l, ctx->net, tx))) return cli_fail(ctx, rc);
    return ledger_out(ctx, l);
}

static int cmd_ledger_reverse(cli_ctx *ctx, const cli_args *args)
{
    km_ledger *l = NULL;
    uint64_t id, tx = 0;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_ledger_reverse(&tx, ctx->net, id, opt_str(args, C_REASON)))) return cli_fail(ctx, rc);
    if ((rc = km_ledger_get(&l, ctx->net, tx))) return cli_fail(ctx, rc);
    return ledger_out(ctx, l);
}

static int cmd_ledger_list(cli_ctx *ctx, const cli_args *args)
{
    km_ledger *l = NULL;
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_ledger_list(&l, ctx->net, id))) return cli_fail(ctx, rc);
    return ledger_out(ctx, l);
}

/* The agreement (--agreement, 0 = every one) and the date (--date) of a
 * network-wide listing. */
static int read_scope(cli_ctx *ctx, const cli_args *args, int date_required, uint64_t *aid, const char **date)
{
    const cli_optval *ag = opt_get(args, C_AGREEMENT);
    int rc;
    *aid = 0;
    if ((rc = opt_date(ctx, args, date_required, date))) return rc;
    if (ag && cli_value_u64(ctx, ag, aid)) return CLI_EXIT_USAGE;
    return 0;
}

static int cmd_ledger_unscheduled(cli_ctx *ctx, const cli_args *args)
{
    km_ledger *l = NULL;
    const char *date;
    uint64_t aid;
    int rc;
    if ((rc = read_scope(ctx, args, 0, &aid, &date))) return rc;
    if ((rc = km_ledger_unscheduled(&l, ctx->net, aid, date))) return cli_fail(ctx, rc);
    return ledger_out(ctx, l);
}

static int cmd_disbursement_delay(cli_ctx *ctx, const cli_args *args)
{
    km_disbursement_delay d = KM_DISBURSEMENT_DELAY_INIT;
    const char *date;
    uint64_t aid;
    out_row *row;
    int rc;
    if ((rc = read_scope(ctx, args, 1, &aid, &date))) return rc;
    if ((rc = km_disbursement_delay_get(&d, ctx->net, aid, date))) return cli_fail(ctx, rc);
    row = out_row_new();
    if (aid) out_u64(row, "agreement_id", aid);
    else out_null(row, "agreement_id");
    out_str(row, "as_of", date);
    out_u64(row, "tranches_due", d.tranches_due);
    out_u64(row, "tranches_met", d.tranches_met);
    out_i64(row, "delay_days_total", d.delay_days_total);
    out_i64(row, "delay_days_average", d.delay_days_average);
    out_i64(row, "delay_days_max", d.delay_days_max);
    out_u64(row, "tranches_overdue", d.tranches_overdue);
    out_i64(row, "overdue_days_max", d.overdue_days_max);
    return cli_emit(ctx, row);
}

/* ---- loans ------------------------------------------------------------------ */

/* The instalments of a schedule as the table "schedule"; frees s. */
static void schedule_out(cli_ctx *ctx, out_row *row, km_schedule *s, const char *cur)
{
    size_t i, cell = out_rows(row, "schedule", "number,due_date,principal,interest,payment,balance", 1);
    for (i = 0; i < km_schedule_count(s); i++) {
        out_row *r = out_row_new();
        out_u64(r, "number", i + 1);
        out_str(r, "due_date", km_schedule_due_date(s, i));
        amount_out(ctx, r, "principal", km_schedule_principal(s, i), cur);
        amount_out(ctx, r, "interest", km_schedule_interest(s, i), cur);
        amount_out(ctx, r, "payment", km_schedule_payment(s, i), cur);
        amount_out(ctx, r, "balance", km_schedule_balance(s, i), cur);
        out_rows_add(row, cell, r);
    }
    km_schedule_free(s);
}

/* loan-schedule: the what-if calculator (no store). Every option is checked
 * here; the library then checks the terms and names the field at fault. */
static int cmd_loan_schedule(cli_ctx *ctx, const cli_args *args)
{
    km_loan_terms t = KM_LOAN_TERMS_INIT;
    km_schedule *s = NULL;
    const cli_optval *amount = NULL, *start = NULL;
    out_row *row;
    size_t i;
    int rc = 0, have_rate = 0, have_term = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case C_AMOUNT: amount = o; break;
        case C_CURRENCY: t.currency = o->value; break;
        case C_RATE_BP: rc = cli_value_u32(ctx, o, &t.rate_bp); have_rate = 1; break;
        case C_TERM: rc = cli_value_u32(ctx, o, &t.term_months); have_term = 1; break;
        case C_GRACE: rc = cli_value_u32(ctx, o, &t.grace_months); break;
        case C_METHOD: rc = cli_value_enum(ctx, o, &cli_enum_loan_method, &t.method); break;
        case C_START: rc = cli_value_date(ctx, o); start = o; break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if (!amount) return cli_usage(ctx, M_MISSING_ARGUMENT, "--amount", ctx->path);
    if (!t.currency) return cli_usage(ctx, M_MISSING_ARGUMENT, "--currency", ctx->path);
    if (!have_rate) return cli_usage(ctx, M_MISSING_ARGUMENT, "--rate-bp", ctx->path);
    if (!have_term) return cli_usage(ctx, M_MISSING_ARGUMENT, "--term-months", ctx->path);
    if (!start) return cli_usage(ctx, M_MISSING_ARGUMENT, "--start", ctx->path);
    t.start_date = start->value;
    if (cli_value_money(ctx, amount, t.currency, &t.principal)) return CLI_EXIT_USAGE;
    if ((rc = km_loan_schedule_compute(&s, &t, NULL))) return cli_fail(ctx, rc);
    row = out_row_new();
    cli_money_out(row, "principal", t.principal, t.currency, ctx->json, ctx->lang);
    out_str(row, "currency", t.currency);
    out_u64(row, "loan_rate_bp", t.rate_bp);
    out_u64(row, "loan_term_months", t.term_months);
    out_u64(row, "loan_grace_months", t.grace_months);
    cli_enum_out(row, "loan_method", &cli_enum_loan_method, t.method, ctx->lang);
    out_str(row, "loan_start_date", t.start_date);
    cli_money_out(row, "regular_payment", km_schedule_regular_payment(s), t.currency, ctx->json, ctx->lang);
    cli_money_out(row, "total_interest", km_schedule_total_interest(s), t.currency, ctx->json, ctx->lang);
    out_u64(row, "instalments", km_schedule_count(s));
    schedule_out(ctx, row, s, t.currency);
    return cli_emit(ctx, row);
}

static int cmd_loan(cli_ctx *ctx, const cli_args *args)
{
    km_schedule *s = NULL;
    km_loan_position pos = KM_LOAN_POSITION_INIT;
    const char *date;
    char cur[16];
    uint64_t id;
    out_row *row;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = opt_date(ctx, args, 0, &date))) return rc;
    if ((rc = unit_of(ctx, id, cur, sizeof cur))) return rc;
    if ((rc = km_loan_schedule(&s, ctx->net, id))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "commitment_id", id);
    amount_out(ctx, row, "regular_payment", km_schedule_regular_payment(s), cur);
    amount_out(ctx, row, "total_interest", km_schedule_total_interest(s), cur);
    if (date) {
        if ((rc = km_loan_position_get(&pos, ctx->net, id, date))) {
            km_schedule_free(s);
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        out_str(row, "as_of", date);
        amount_out(ctx, row, "outstanding", pos.outstanding, cur);
        amount_out(ctx, row, "principal_arrears", pos.principal_arrears, cur);
        amount_out(ctx, row, "interest_arrears", pos.interest_arrears, cur);
        out_u64(row, "instalments_due", pos.instalments_due);
        amount_out(ctx, row, "disbursed", pos.disbursed, cur);
        amount_out(ctx, row, "principal_repaid", pos.principal_repaid, cur);
        amount_out(ctx, row, "scheduled_balance", pos.scheduled_balance, cur);
        amount_out(ctx, row, "principal_due", pos.principal_due, cur);
        amount_out(ctx, row, "interest_due", pos.interest_due, cur);
        amount_out(ctx, row, "interest_paid", pos.interest_paid, cur);
    }
    schedule_out(ctx, row, s, cur);
    return cli_emit(ctx, row);
}

/* ---- totals ------------------------------------------------------------------ */

/* Exchange rates given as --rate CODE=RATE: one unit of CODE is worth
 * num/den units of the report's currency. */
typedef struct rate_table {
    struct {
        char from[8];
        int64_t num, den;
    } r[32];
    size_t n;
} rate_table;

/* "USD=15500", "EUR=16800.50" or "JPY=1085/10": 0, or a usage error. */
static int parse_rate(cli_ctx *ctx, const char *s, rate_table *t)
{
    const char *eq = strchr(s, '='), *p;
    uint64_t num = 0, den = 1;
    size_t i;
    int frac = -1, slash = 0, digits = 0;
    size_t n = eq ? (size_t)(eq - s) : 0;
    if (!eq || n < 1 || n >= sizeof t->r[0].from || t->n >= sizeof t->r / sizeof t->r[0]) goto bad;
    for (p = eq + 1; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            uint64_t *x = slash ? &den : &num;
            if (slash && digits == 0) den = 0;
            if (*x > (UINT64_C(1) << 62) / 10) goto bad;
            *x = *x * 10 + (uint64_t)(*p - '0');
            digits++;
            if (frac >= 0 && !slash && ++frac > 9) goto bad;
        }
        else if (*p == '.' && frac < 0 && !slash && digits) frac = 0;
        else if (*p == '/' && !slash && frac < 0 && digits) {
            slash = 1;
            digits = 0;
        }
        else goto bad;
    }
    if (!digits || frac == 0) goto bad;
    for (; frac > 0; frac--) {
        if (den > (UINT64_C(1) << 62) / 10) goto bad;
        den *= 10;
    }
    if (num == 0 || den == 0) goto bad;
    memcpy(t->r[t->n].from, s, n);
    t->r[t->n].from[n] = 0;
    for (i = 0; i < t->n; i++)
        if (strcmp(t->r[i].from, t->r[t->n].from) == 0) {
            fprintf(stderr, "kemitraan: --rate: %s: %s\n", t->r[i].from,
                    ctx->lang == KM_LANG_EN ? "given twice" : "diberikan dua kali");
            return CLI_EXIT_USAGE;
        }
    t->r[t->n].num = (int64_t)num;
    t->r[t->n].den = (int64_t)den;
    t->n++;
    return 0;
bad:
    fprintf(stderr, "kemitraan: --rate: \"%s\": %s\n", s,
            ctx->lang == KM_LANG_EN ? "expected CODE=RATE with a positive rate, e.g. USD=15500, EUR=16800.50 or JPY=1085/10"
                                    : "harus KODE=KURS dengan kurs positif, mis. USD=15500, EUR=16800.50 atau JPY=1085/10");
    return CLI_EXIT_USAGE;
}

static int rate_hook(void *payload, const char *from, const char *to, const char *date, int64_t *num, int64_t *den)
{
    const rate_table *t = (const rate_table *)payload;
    size_t i;
    (void)to;
    (void)date;
    for (i = 0; i < t->n; i++)
        if (strcmp(t->r[i].from, from) == 0) {
            *num = t->r[i].num;
            *den = t->r[i].den;
            return 0;
        }
    return -1;
}

/* num/den as "15500", "16800.5" (den a power of ten) or "1085/7". */
static void rate_text(char *buf, size_t cap, int64_t num, int64_t den)
{
    int64_t p = 1;
    int k = 0;
    while (p < den && p <= INT64_MAX / 10) {
        p *= 10;
        k++;
    }
    if (den == 1) snprintf(buf, cap, "%lld", (long long)num);
    else if (p == den) {
        char frac[24];
        int64_t f = num % den, i;
        for (i = k - 1; i >= 0; i--, f /= 10) frac[i] = (char)('0' + f % 10);
        frac[k] = 0;
        while (k > 1 && frac[k - 1] == '0') frac[--k] = 0;
        snprintf(buf, cap, "%lld.%s", (long long)(num / den), frac);
    }
    else snprintf(buf, cap, "%lld/%lld", (long long)num, (long long)den);
}

/* The group key of row i as a cell named "group". */
static void group_out(cli_ctx *ctx, out_row *r, int group_by, uint64_t key)
{
    switch (group_by) {
    case KM_GROUP_NONE: break;
    case KM_GROUP_KIND: cli_enum_out(r, "group", &cli_enum_commitment_kind, (int)key, ctx->lang); break;
    case KM_GROUP_STATUS: cli_enum_out(r, "group", &cli_enum_commitment_status, (int)key, ctx->lang); break;
    case KM_GROUP_FRAMEWORK:
        if (key) out_u64(r, "group", key);
        else out_null(r, "group");
        break;
    default: out_u64(r, "group", key); break;
    }
}

/* Per group and currency (or unit): committed, disbursed, remaining,
 * expenditure, outstanding; with full, also the group key, the other
 * figures, the absorption and the exchange rates used. */
static int totals_rows(cli_ctx *ctx, out_row *row, const km_totals_query *q0, int full)
{
    km_totals *t = NULL;
    size_t i, cell;
    int rc = km_commitment_totals(&t, ctx->net, q0);
    if (rc) return rc;
    cell = out_rows(row, "totals",
                    full ? (q0->group_by != KM_GROUP_NONE
                                ? "group,currency,commitments,committed,disbursed,remaining,outstanding,absorption_bp"
                                : "currency,commitments,committed,disbursed,remaining,outstanding,absorption_bp")
                         : "currency,commitments,committed,disbursed,remaining,expenditure,outstanding",
                    1);
    for (i = 0; i < km_totals_count(t); i++) {
        out_row *r = out_row_new();
        const char *u = km_totals_unit(t, i);
        const char *cur = km_totals_is_money(t, i) ? u : NULL;
        if (full) group_out(ctx, r, q0->group_by, km_totals_group(t, i));
        out_str(r, "currency", u);
        out_u64(r, "commitments", km_totals_commitments(t, i));
        if (full) amount_out(ctx, r, "pledged", km_totals_figure(t, i, KM_FIGURE_PLEDGED), cur);
        amount_out(ctx, r, "committed", km_totals_figure(t, i, KM_FIGURE_COMMITTED), cur);
        amount_out(ctx, r, "disbursed", km_totals_figure(t, i, KM_FIGURE_DISBURSED), cur);
        amount_out(ctx, r, "remaining", km_totals_figure(t, i, KM_FIGURE_REMAINING), cur);
        amount_out(ctx, r, "expenditure", km_totals_figure(t, i, KM_FIGURE_EXPENDITURE), cur);
        amount_out(ctx, r, "outstanding", km_totals_figure(t, i, KM_FIGURE_OUTSTANDING), cur);
        if (full) {
            amount_out(ctx, r, "reimbursed", km_totals_figure(t, i, KM_FIGURE_REIMBURSED), cur);
            amount_out(ctx, r, "repaid", km_totals_figure(t, i, KM_FIGURE_REPAID), cur);
            amount_out(ctx, r, "interest", km_totals_figure(t, i, KM_FIGURE_INTEREST), cur);
            cli_bp_out(r, "absorption_bp", km_totals_absorption(t, i, NULL, NULL), ctx->json, ctx->lang);
        }
        out_rows_add(row, cell, r);
    }
    if (full) {
        out_str(row, "rate_date", km_totals_rate_date(t));
        cell = out_rows(row, "rates", "from,to,rate", 1);
        for (i = 0; i < km_totals_rate_count(t); i++) {
            const char *from = NULL;
            int64_t num = 0, den = 0;
            char buf[64];
            out_row *r = out_row_new();
            km_totals_rate(t, i, &from, &num, &den);
            out_str(r, "from", from);
            out_str(r, "to", q0->currency);
            out_i64(r, "rate_num", num);
            out_i64(r, "rate_den", den);
            rate_text(buf, sizeof buf, num, den);
            out_str(r, "rate", buf);
            out_rows_add(row, cell, r);
        }
    }
    km_totals_free(t);
    return 0;
}

/* The short form, shared with `report`. */
int cli_totals_rows(cli_ctx *ctx, out_row *row, const km_totals_query *q0);
int cli_totals_rows(cli_ctx *ctx, out_row *row, const km_totals_query *q0) { return totals_rows(ctx, row, q0, 0); }

int cli_totals_emit(cli_ctx *ctx, km_totals_query *q, const char *const *rates, size_t nrates)
{
    rate_table rt;
    out_row *row;
    size_t i;
    int rc;
    rt.n = 0;
    for (i = 0; i < nrates; i++)
        if (parse_rate(ctx, rates[i], &rt)) return CLI_EXIT_USAGE;
    if (nrates && !q->currency) return cli_usage(ctx, M_MISSING_ARGUMENT, "--currency", ctx->path);
    if (q->currency) {
        q->rate = rate_hook;
        q->rate_payload = &rt;
    }
    row = out_row_new();
    if (q->agreement_id) out_u64(row, "agreement_id", q->agreement_id);
    out_str(row, "as_of", q->as_of_date);
    cli_enum_out(row, "group_by", &cli_enum_totals_group, q->group_by, ctx->lang);
    out_str(row, "currency", q->currency);
    if ((rc = totals_rows(ctx, row, q, 1))) {
        out_row_free(row);
        return cli_fail(ctx, rc);
    }
    return cli_emit(ctx, row);
}

static int cmd_totals(cli_ctx *ctx, const cli_args *args)
{
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    const char **rates = (const char **)cli_xmalloc((args->nopts + 1) * sizeof *rates);
    size_t i, n = 0;
    int rc = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case C_AGREEMENT: rc = cli_value_u64(ctx, o, &q.agreement_id); break;
        case C_PROVIDER: rc = cli_value_u64(ctx, o, &q.provider_id); break;
        case C_RECIPIENT: rc = cli_value_u64(ctx, o, &q.recipient_id); break;
        case C_FRAMEWORK: rc = cli_value_u64(ctx, o, &q.framework_id); break;
        case C_COMMITMENT: rc = cli_value_u64(ctx, o, &q.commitment_id); break;
        case C_KIND: rc = cli_value_enum(ctx, o, &cli_enum_commitment_kind, &q.kind); break;
        case C_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_commitment_status, &q.status); break;
        case C_GROUP: rc = cli_value_enum(ctx, o, &cli_enum_totals_group, &q.group_by); break;
        case C_CURRENCY: q.currency = o->value; break;
        case C_RATE: rates[n++] = o->value; break;
        case C_VALUE_QUANTITIES: q.value_quantities = 1; break;
        case C_DATE: rc = cli_value_date(ctx, o); q.as_of_date = o->value; break;
        default: break;
        }
    }
    rc = rc ? CLI_EXIT_USAGE : cli_totals_emit(ctx, &q, rates, n);
    free((void *)rates);
    return rc;
}

#define RD CLI_READ
#define WR CLI_WRITE
const cli_command cli_commitment_commands[] = {
    { "add", "--agreement ID --provider ID --recipient ID --kind KIND --title T --amount A --currency C", { "mencatat komitmen (dijanjikan)", "record a commitment (pledged)" }, add_opts,
      "kemitraan commitment add --agreement 1 --provider 1 --recipient 2 --kind grant --title \"Hibah air bersih\" --amount 750000000.00 --currency IDR", WR, 0, cmd_add },
    { "show", "ID", { "menampilkan komitmen", "show a commitment" }, NULL, "kemitraan commitment show 1", RD, 1, cmd_show },
    { "list", "[filters] [--limit N] [--cursor C] [--all]", { "daftar komitmen", "list commitments" }, list_opts, "kemitraan commitment list --agreement 1 --limit 20", RD, 0, cmd_list },
    { "count", "[filters]", { "menghitung komitmen yang cocok", "count the matching commitments" }, count_opts, "kemitraan commitment count --status disbursing", RD, 0, cmd_count },
    { "commit", "ID --date DATE [--reason T]", { "menjadikan mengikat", "make binding" }, reason_opts, "kemitraan commitment commit 1 --date 2025-02-01", WR, 1, cmd_commit },
    { "transition", "ID --status S [--reason T]", { "mengubah status", "change status" }, reason_opts, "kemitraan commitment transition 1 --status closed --reason selesai", WR, 1, cmd_transition },
    { "cancel", "ID --reason T", { "membatalkan", "cancel" }, reason_opts, "kemitraan commitment cancel 1 --reason \"anggaran dialihkan\"", WR, 1, cmd_cancel },
    { "close", "ID [--reason T]", { "menutup", "close" }, reason_opts, "kemitraan commitment close 1", WR, 1, cmd_close },
    { "history", "ID", { "riwayat status", "status history" }, NULL, "kemitraan commitment history 1", RD, 1, cmd_history },
    { "tranche-add", "ID --date DATE --amount A [--note T]", { "menambah termin", "add a tranche" }, tranche_opts, "kemitraan commitment tranche-add 1 --date 2025-03-01 --amount 250000000.00", WR, 1, cmd_tranche_add },
    { "tranche-update", "ID NUMBER [--date DATE] [--amount A] [--note T] --reason T", { "menjadwalkan ulang termin", "reschedule a tranche" }, tranche_update_opts,
      "kemitraan commitment tranche-update 1 2 --date 2025-09-01 --reason \"revisi DIPA\"", WR, 2, cmd_tranche_update },
    { "tranche-cancel", "ID NUMBER --reason T", { "membatalkan termin", "cancel a tranche" }, tranche_cancel_opts,
      "kemitraan commitment tranche-cancel 1 3 --reason \"anggaran dipotong\"", WR, 2, cmd_tranche_cancel },
    { "tranche-list", "ID [--date DATE]", { "termin sebuah komitmen", "a commitment's tranches" }, date_opts, "kemitraan commitment tranche-list 1", RD, 1, cmd_tranche_list },
    { "tranche-overdue", "--date DATE [--agreement ID]", { "termin terlambat", "overdue tranches" }, date_opts, "kemitraan commitment tranche-overdue --date 2025-12-31", RD, 0, cmd_tranche_overdue },
    { "ledger-record", "ID --type T --amount A --date DATE [--tranche N]", { "mencatat transaksi", "record a transaction" }, ledger_opts,
      "kemitraan commitment ledger-record 1 --type disbursement --amount 250000000.00 --date 2025-03-03 --tranche 1", WR, 1, cmd_ledger_record },
    { "ledger-reverse", "TX --reason T", { "membalik transaksi", "reverse a transaction" }, reason_opts, "kemitraan commitment ledger-reverse 4 --reason \"salah rekening\"", WR, 1, cmd_ledger_reverse },
    { "ledger-list", "ID", { "buku besar komitmen", "a commitment's ledger" }, NULL, "kemitraan commitment ledger-list 1", RD, 1, cmd_ledger_list },
    { "ledger-unscheduled", "[--agreement ID] [--date DATE]", { "pencairan tanpa termin", "disbursements against no tranche" }, scope_opts,
      "kemitraan commitment ledger-unscheduled --agreement 1 --date 2025-12-31", RD, 0, cmd_ledger_unscheduled },
    { "disbursement-delay", "--date DATE [--agreement ID]", { "keterlambatan pencairan termin", "tranche disbursement delay" }, scope_opts,
      "kemitraan commitment disbursement-delay --agreement 1 --date 2025-12-31", RD, 0, cmd_disbursement_delay },
    { "loan", "ID [--date DATE]", { "jadwal dan posisi pinjaman", "loan schedule and position" }, date_opts, "kemitraan commitment loan 3 --date 2026-06-30", RD, 1, cmd_loan },
    { "loan-schedule", "--amount A --currency C --rate-bp N --term-months N --start DATE [--grace-months N] [--method M]",
      { "simulasi jadwal angsuran tanpa penyimpanan", "what-if repayment schedule, no store" }, calc_opts,
      "kemitraan commitment loan-schedule --amount 10000000.00 --currency IDR --rate-bp 1200 --term-months 12 --start 2025-01-15", CLI_NO_STORE, 0, cmd_loan_schedule },
    { "totals", "[filters] [--date DATE] [--group G] [--currency C --rate CODE=RATE...]", { "total per mata uang, daya serap", "totals per currency, absorption" }, totals_opts,
      "kemitraan commitment totals --group agreement --currency IDR --rate USD=15500 --date 2025-12-31", RD, 0, cmd_totals },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
