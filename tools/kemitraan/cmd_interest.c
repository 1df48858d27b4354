/* cmd_interest.c: expressions of interest in partnership opportunities:
 * submit, show, list, count, consent, shortlist, reject, withdraw, select,
 * transition (opportunity.h). The opportunities are in cmd_opportunity.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "rows.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum {
    I_OPPORTUNITY = 1, I_PARTNER, I_STATEMENT, I_CAPABILITY, I_AMOUNT, I_CURRENCY, I_QUANTITY, I_UNIT, I_CO,
    I_MEMBER, I_STATUS, I_AGREEMENT, I_LIMIT, I_CURSOR, I_ALL, I_REASON, I_REFERENCE, I_TITLE, I_START, I_END
};

static const cli_opt submit_opts[] = {
    { "opportunity", I_OPPORTUNITY, 1, "ID", { "peluang yang dijawab (wajib)", "the opportunity answered (required)" } },
    { "partner", I_PARTNER, 1, "ID", { "mitra pengaju utama (wajib)", "the submitting (lead) partner (required)" } },
    { "statement", I_STATEMENT, 1, "TEXT", { "pernyataan minat (wajib)", "statement of interest (required)" } },
    { "capability", I_CAPABILITY, 1, "TAG", { "kapabilitas yang dibawa; boleh berulang", "capability brought; repeatable" } },
    { "contribution", I_AMOUNT, 1, "AMOUNT", { "uang yang diusulkan, desimal dalam --currency", "money proposed, a decimal in --currency" } },
    { "currency", I_CURRENCY, 1, "CUR", { "mata uang ISO 4217 kontribusi", "ISO 4217 currency of the contribution" } },
    { "quantity", I_QUANTITY, 1, "N", { "jumlah yang diusulkan, bilangan bulat", "quantity proposed, a whole number" } },
    { "unit", I_UNIT, 1, "UNIT", { "satuan --quantity, mis. hectare", "unit of --quantity, e.g. hectare" } },
    { "co-applicant", I_CO, 1, "ID", { "anggota konsorsium; boleh berulang (paling banyak 16)", "consortium member; repeatable (at most 16)" } },
    NO_OPTS,
};
#define FILTER_OPTS                                                                                                  \
    { "opportunity", I_OPPORTUNITY, 1, "ID", { "hanya peluang ini", "only this opportunity" } },                    \
    { "partner", I_PARTNER, 1, "ID", { "hanya pengaju utama ini", "only this lead partner" } },                     \
    { "member", I_MEMBER, 1, "ID", { "hanya yang beranggotakan mitra ini (utama atau konsorsium)", "only those with this partner as lead or co-applicant" } }, \
    { "status", I_STATUS, 1, "STATUS",                                                                               \
      { "hanya status ini: submitted, shortlisted, selected, rejected, withdrawn", "only this status: submitted, shortlisted, selected, rejected, withdrawn" } }, \
    { "agreement", I_AGREEMENT, 1, "ID", { "hanya yang pemilihannya membuat perjanjian ini", "only those whose selection made this agreement" } }
static const cli_opt list_opts[] = {
    FILTER_OPTS,
    { "limit", I_LIMIT, 1, "N", { "ukuran halaman, 1..1000 (bawaan 50)", "page size, 1..1000 (default 50)" } },
    { "cursor", I_CURSOR, 1, "CURSOR", { "lanjutkan dari next_cursor halaman sebelumnya", "continue from the previous page's next_cursor" } },
    { "all", I_ALL, 0, NULL, { "ikuti kursor sampai habis: semua halaman", "follow the cursor to the end: every page" } },
    NO_OPTS,
};
static const cli_opt count_opts[] = { FILTER_OPTS, NO_OPTS };
static const cli_opt consent_opts[] = {
    { "partner", I_PARTNER, 1, "ID", { "anggota konsorsium yang menyetujui (wajib)", "the co-applicant that consents (required)" } },
    NO_OPTS,
};
static const cli_opt reason_opts[] = {
    { "reason", I_REASON, 1, "TEXT", { "alasan (wajib untuk reject)", "reason (required to reject)" } },
    NO_OPTS,
};
static const cli_opt select_opts[] = {
    { "reference", I_REFERENCE, 1, "REF", { "nomor perjanjian baru (bawaan OPP-<id>/EOI-<id>)", "reference of the new agreement (default OPP-<id>/EOI-<id>)" } },
    { "title", I_TITLE, 1, "TEXT", { "judul perjanjian (bawaan judul peluang)", "agreement title (default the opportunity's title)" } },
    { "start", I_START, 1, "DATE", { "tanggal mulai perjanjian", "agreement start date" } },
    { "end", I_END, 1, "DATE", { "tanggal berakhir perjanjian", "agreement end date" } },
    NO_OPTS,
};

/* ---- one expression as a row -------------------------------------------- */

out_row *cli_interest_row(cli_ctx *ctx, const km_interest *e, int full)
{
    out_row *r = out_row_new();
    size_t i;
    out_u64(r, "id", km_interest_id(e));
    out_u64(r, "opportunity_id", km_interest_opportunity(e));
    out_u64(r, "partner_id", km_interest_partner(e));
    cli_enum_out(r, "status", &cli_enum_interest_status, km_interest_status_of(e), ctx->lang);
    out_u64(r, "co_applicant_count", km_interest_co_applicant_count(e));
    if (km_interest_agreement(e)) out_u64(r, "agreement_id", km_interest_agreement(e));
    else out_null(r, "agreement_id");
    out_str(r, "status_reason", km_interest_status_reason(e));
    out_str(r, "statement", km_interest_statement(e));
    out_strs(r, "capabilities");
    for (i = 0; i < km_interest_capability_count(e); i++) out_strs_add(r, km_interest_capability(e, i));
    cli_money_out(r, "contribution_amount", km_interest_contribution_amount(e), km_interest_contribution_currency(e),
                  ctx->json, ctx->lang);
    out_str(r, "contribution_currency", km_interest_contribution_currency(e));
    out_i64(r, "contribution_quantity", km_interest_contribution_quantity(e));
    out_str(r, "contribution_unit", km_interest_contribution_unit(e));
    out_u64(r, "version", km_interest_version(e));
    out_time(r, "created", km_interest_created(e));
    out_time(r, "updated", km_interest_updated(e));
    if (full) {
        size_t cell = out_rows(r, "co_applicants", "partner_id,consented", 1);
        for (i = 0; i < km_interest_co_applicant_count(e); i++) {
            out_row *x = out_row_new();
            int64_t t = km_interest_co_applicant_consented(e, i);
            out_u64(x, "partner_id", km_interest_co_applicant(e, i));
            if (t) out_time(x, "consented", t);
            else out_null(x, "consented");
            out_rows_add(r, cell, x);
        }
    }
    return r;
}

static int print_interest(cli_ctx *ctx, uint64_t id)
{
    km_interest *e = NULL;
    out_row *row;
    int rc = km_interest_get(&e, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_interest_row(ctx, e, 1);
    km_interest_free(e);
    return cli_emit(ctx, row);
}

/* ---- submit ------------------------------------------------------------- */

static int cmd_submit(cli_ctx *ctx, const cli_args *args)
{
    km_interest_fields f = KM_INTEREST_FIELDS_INIT;
    const char **caps = (const char **)cli_xmalloc((args->nopts + 1) * sizeof *caps);
    uint64_t *co = (uint64_t *)cli_xmalloc((args->nopts + 1) * sizeof *co), id = 0;
    const cli_optval *amount = NULL;
    size_t i;
    int rc = 0;
    f.capabilities = caps;
    f.co_applicants = co;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case I_OPPORTUNITY: rc = cli_value_u64(ctx, o, &f.opportunity_id); break;
        case I_PARTNER: rc = cli_value_u64(ctx, o, &f.partner_id); break;
        case I_STATEMENT: f.statement = o->value; break;
        case I_CAPABILITY:
            if (*o->value) caps[f.capabilities_count++] = o->value;
            break;
        case I_AMOUNT: amount = o; break;
        case I_CURRENCY: f.contribution_currency = *o->value ? o->value : NULL; break;
        case I_QUANTITY: rc = cli_value_i64(ctx, o, &f.contribution_quantity); break;
        case I_UNIT: f.contribution_unit = *o->value ? o->value : NULL; break;
        case I_CO: rc = cli_value_u64(ctx, o, &co[f.co_applicants_count++]); break;
        default: break;
        }
    }
    if (!rc && amount) rc = cli_value_money(ctx, amount, f.contribution_currency, &f.contribution_amount);
    if (!rc && !cli_opt_last(args, I_OPPORTUNITY)) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--opportunity", ctx->path);
    if (!rc && !cli_opt_last(args, I_PARTNER)) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--partner", ctx->path);
    if (!rc && (rc = km_interest_submit(&id, ctx->net, &f)) != 0) rc = cli_fail(ctx, rc);
    free((void *)caps);
    free(co);
    return rc ? rc : print_interest(ctx, id);
}

/* ---- show, list, count -------------------------------------------------- */

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    return rc ? rc : print_interest(ctx, id);
}

typedef struct list_input {
    km_interest_query q;
    int all;
} list_input;

static int read_filters(cli_ctx *ctx, const cli_args *args, list_input *in)
{
    static const km_interest_query init = KM_INTEREST_QUERY_INIT;
    size_t i;
    int rc = 0;
    in->q = init;
    in->all = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case I_OPPORTUNITY: rc = cli_value_u64(ctx, o, &in->q.opportunity_id); break;
        case I_PARTNER: rc = cli_value_u64(ctx, o, &in->q.partner_id); break;
        case I_MEMBER: rc = cli_value_u64(ctx, o, &in->q.member_id); break;
        case I_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_interest_status, &in->q.status); break;
        case I_AGREEMENT: rc = cli_value_u64(ctx, o, &in->q.agreement_id); break;
        default: rc = cli_page_opt(ctx, o, &in->q.limit, &in->q.cursor, &in->all); break;
        }
    }
    return rc ? CLI_EXIT_USAGE : 0;
}

CLI_LIST_PAGE_FN(interest, cli_interest_row(ctx, item, 0))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    return cli_list_emit(ctx, "interests", "id,opportunity_id,partner_id,status,co_applicant_count,agreement_id",
                         list_page, &in.q, in.q.cursor, in.all);
}

static int cmd_count(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    uint64_t n = 0;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    rc = km_interest_count(&n, ctx->net, &in.q);
    return cli_count_emit(ctx, rc, n);
}

/* ---- consent and the moves ---------------------------------------------- */

static int cmd_consent(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *p = cli_opt_last(args, I_PARTNER);
    uint64_t id, pid;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    if (!p) return cli_usage(ctx, M_MISSING_ARGUMENT, "--partner", ctx->path);
    if (cli_value_u64(ctx, p, &pid)) return CLI_EXIT_USAGE;
    if ((rc = km_interest_consent(ctx->net, id, pid))) return cli_fail(ctx, rc);
    return print_interest(ctx, id);
}

static int move(cli_ctx *ctx, const cli_args *args, int which)
{
    const char *reason = cli_opt_value(args, I_REASON);
    uint64_t id;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    switch (which) {
    case 0: rc = km_interest_shortlist(ctx->net, id, reason); break;
    case 1: rc = km_interest_reject(ctx->net, id, reason); break;
    case 2: rc = km_interest_withdraw(ctx->net, id, reason); break;
    default: {
        int status = 0;
        if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "STATUS", ctx->path);
        if ((rc = cli_value_enum_str(ctx, "STATUS", args->pos[1], &cli_enum_interest_status, &status))) return rc;
        rc = km_interest_transition(ctx->net, id, status, reason);
        break;
    }
    }
    if (rc) return cli_fail(ctx, rc);
    return print_interest(ctx, id);
}
static int cmd_shortlist(cli_ctx *c, const cli_args *a) { return move(c, a, 0); }
static int cmd_reject(cli_ctx *c, const cli_args *a) { return move(c, a, 1); }
static int cmd_withdraw(cli_ctx *c, const cli_args *a) { return move(c, a, 2); }
static int cmd_transition(cli_ctx *c, const cli_args *a) { return move(c, a, 3); }

/* select prints the agreement drafted (or, joint, extended). */
static int cmd_select(cli_ctx *ctx, const cli_args *args)
{
    km_selection_options so = KM_SELECTION_OPTIONS_INIT;
    km_agreement *a = NULL;
    uint64_t id, aid = 0;
    size_t i;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case I_REFERENCE: so.reference = o->value; break;
        case I_TITLE: so.title = o->value; break;
        case I_START: rc = cli_value_date(ctx, o); so.start_date = o->value; break;
        case I_END: rc = cli_value_date(ctx, o); so.end_date = o->value; break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if ((rc = km_interest_select(&aid, ctx->net, id, &so))) return cli_fail(ctx, rc);
    if ((rc = km_agreement_get(&a, ctx->net, aid))) return cli_fail(ctx, rc);
    {
        out_row *row = cli_agreement_row(ctx, a, 1);
        km_agreement_free(a);
        return cli_emit(ctx, row);
    }
}

/* ---- the table ---------------------------------------------------------- */

#define RD CLI_READ
#define WR CLI_WRITE
#define S(a, b) { a, b }
const cli_command cli_interest_commands[] = {
    { "submit", "--opportunity ID --partner ID --statement T [options]",
      S("mengajukan pernyataan minat dan menampilkannya", "submit an expression of interest and show it"), submit_opts,
      "kemitraan interest submit --opportunity 1 --partner 5 --statement \"Kami siap membangun IPA\" --capability engineering "
      "--contribution 2500000000 --currency IDR --co-applicant 6",
      WR, 0, cmd_submit },
    { "show", "ID", S("menampilkan pernyataan minat", "show an expression of interest"), NULL,
      "kemitraan interest show 1", RD, 1, cmd_show },
    { "list", "[filters] [--limit N] [--cursor CURSOR | --all]",
      S("mencari pernyataan minat (halaman demi halaman, urut id)", "search expressions of interest (page by page, by id)"),
      list_opts, "kemitraan interest list --opportunity 1 --status shortlisted", RD, 0, cmd_list },
    { "count", "[filters]", S("menghitung pernyataan minat yang cocok", "count the matching expressions of interest"),
      count_opts, "kemitraan interest count --opportunity 1", RD, 0, cmd_count },
    { "consent", "ID --partner ID", S("anggota konsorsium menyetujui keikutsertaannya", "a co-applicant consents to join"),
      consent_opts, "kemitraan interest consent 1 --partner 6", WR, 1, cmd_consent },
    { "shortlist", "ID [--reason T]", S("memasukkan ke daftar pendek", "put on the shortlist"), reason_opts,
      "kemitraan interest shortlist 1", WR, 1, cmd_shortlist },
    { "reject", "ID --reason T", S("menolak pernyataan minat", "reject an expression of interest"), reason_opts,
      "kemitraan interest reject 2 --reason \"tidak memenuhi kapasitas\"", WR, 1, cmd_reject },
    { "withdraw", "ID [--reason T]", S("mitra menarik pernyataan minatnya", "the partner withdraws its expression"),
      reason_opts, "kemitraan interest withdraw 3", WR, 1, cmd_withdraw },
    { "select", "ID [--reference REF] [--title T] [--start DATE] [--end DATE]",
      S("memilih pernyataan minat dan menampilkan perjanjian yang dirancang", "select an expression and show the agreement drafted"),
      select_opts, "kemitraan interest select 1 --start 2025-04-01 --end 2030-03-31", WR, 1, cmd_select },
    { "transition", "ID STATUS [--reason T]",
      S("memindahkan pernyataan minat ke status yang diizinkan (bukan selected)", "move an expression to an allowed status (not selected)"),
      reason_opts, "kemitraan interest transition 2 rejected --reason \"di luar wilayah\"", WR, 2, cmd_transition },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
