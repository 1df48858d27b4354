/* cmd_opportunity.c: partnership opportunities (calls for partners):
 * create, show, list, count, update, open, close, close-due, cancel, award,
 * transition, eligibility, discover, suggest (opportunity.h). Expressions
 * of interest are in cmd_interest.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "rows.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum {
    O_PUBLISHER = 1, O_TITLE, O_DESCRIPTION, O_TYPE, O_FRAMEWORK, O_SECTOR, O_CAPABILITY, O_REGION, O_GRANT,
    O_CURRENCY, O_ASSISTANCE, O_ASSIST_QTY, O_ASSIST_UNIT, O_ELIG_KIND, O_ELIG_REGION, O_MIN_COMPLETED,
    O_NO_DISPUTES, O_ALLOW_DISPUTES, O_SOUGHT, O_OPENING, O_CLOSING, O_PARTNER_ROLES, O_PUBLISHER_ROLES,
    O_AWARD_MODE, O_STATUS, O_STATUS_ON, O_OPEN_ON, O_LIMIT, O_CURSOR, O_ALL, O_ON, O_AGREEMENT, O_REASON,
    O_DATE, O_CO, O_WEIGHT, O_KIND, O_MIN_SCORE, O_INCLUDE_SUSPENDED, O_EXCLUDE_EXISTING, O_NO_EVALUATION
};

/* The fields of km_opportunity_fields, for create and update. */
#define FIELD_OPTS                                                                                                   \
    { "title", O_TITLE, 1, "TEXT", { "judul, satu baris (wajib saat create)", "title, one line (required to create)" } }, \
    { "description", O_DESCRIPTION, 1, "TEXT", { "uraian (\"\" menghapus)", "description (\"\" clears)" } },      \
    { "type", O_TYPE, 1, "TYPE",                                                                                     \
      { "jenis perjanjian yang dihasilkan (bawaan mou); lihat kemitraan labels agreement_type",                     \
        "type of the resulting agreement (default mou); see kemitraan labels agreement_type" } },                   \
    { "framework", O_FRAMEWORK, 1, "ID", { "kerangka kebijakan (0 menghapus)", "policy framework (0 clears)" } }, \
    { "sector", O_SECTOR, 1, "TAG",                                                                                  \
      { "tag sektor; boleh berulang; saat update menggantikan daftar (\"\" mengosongkan)",                           \
        "sector tag; repeatable; on update replaces the list (\"\" empties it)" } },                                 \
    { "capability", O_CAPABILITY, 1, "TAG",                                                                          \
      { "kapabilitas yang dicari; boleh berulang (seperti --sector)", "capability sought; repeatable (as --sector)" } }, \
    { "region", O_REGION, 1, "CODE", { "kode wilayah peluang (\"\" menghapus)", "kode wilayah of the opportunity (\"\" clears)" } }, \
    { "grant-ceiling", O_GRANT, 1, "AMOUNT",                                                                         \
      { "pagu hibah, desimal dalam --currency (--currency \"\" saja: tanpa hibah)",                                 \
        "grant ceiling, a decimal in --currency (--currency \"\" alone: no grant)" } },                             \
    { "currency", O_CURRENCY, 1, "CUR", { "mata uang ISO 4217 pagu hibah", "ISO 4217 currency of the grant ceiling" } }, \
    { "assistance", O_ASSISTANCE, 1, "TEXT", { "bantuan teknis yang ditawarkan (\"\" menghapus)", "technical assistance offered (\"\" clears)" } }, \
    { "assistance-quantity", O_ASSIST_QTY, 1, "N", { "jumlah bantuan, bilangan bulat", "quantity of assistance, a whole number" } }, \
    { "assistance-unit", O_ASSIST_UNIT, 1, "UNIT", { "satuan jumlah bantuan, mis. person-day", "unit of the quantity, e.g. person-day" } }, \
    { "eligible-kind", O_ELIG_KIND, 1, "KIND",                                                                       \
      { "jenis mitra yang boleh mengajukan; boleh berulang (\"\": semua jenis)",                                     \
        "partner kind that may apply; repeatable (\"\": any kind)" } },                                              \
    { "eligible-region", O_ELIG_REGION, 1, "CODE",                                                                   \
      { "awalan kode wilayah pengaju (\"\": semua wilayah)", "kode wilayah prefix of applicants (\"\": any region)" } }, \
    { "min-completed", O_MIN_COMPLETED, 1, "N",                                                                      \
      { "perjanjian selesai yang harus dimiliki pengaju", "completed agreements an applicant must be party of" } },  \
    { "no-open-disputes", O_NO_DISPUTES, 0, NULL,                                                                    \
      { "tolak pengaju yang menjadi termohon sengketa terbuka", "refuse applicants that are respondents in an open dispute" } }, \
    { "allow-open-disputes", O_ALLOW_DISPUTES, 0, NULL,                                                              \
      { "cabut aturan --no-open-disputes (update)", "drop the --no-open-disputes rule (update)" } },                 \
    { "partners-sought", O_SOUGHT, 1, "N", { "jumlah pernyataan yang boleh dipilih (bawaan 1)", "expressions that may be selected (default 1)" } }, \
    { "opening", O_OPENING, 1, "DATE", { "hari pertama minat diterima (wajib)", "first day interest is accepted (required)" } }, \
    { "closing", O_CLOSING, 1, "DATE", { "hari terakhir minat diterima (wajib)", "last day interest is accepted (required)" } }, \
    { "partner-roles", O_PARTNER_ROLES, 1, "ROLES",                                                                  \
      { "peran mitra terpilih di perjanjian (bawaan implementing)", "roles of each selected partner (default implementing)" } }, \
    { "publisher-roles", O_PUBLISHER_ROLES, 1, "ROLES",                                                              \
      { "peran penerbit di perjanjian (bawaan accountable)", "roles of the publisher (default accountable)" } },   \
    { "award-mode", O_AWARD_MODE, 1, "MODE",                                                                         \
      { "separate (satu perjanjian per pilihan, bawaan) atau joint (satu perjanjian bersama)",                       \
        "separate (one agreement per selection, default) or joint (one shared agreement)" } }

/* The filters of km_opportunity_query, for list and count. */
#define FILTER_OPTS                                                                                                  \
    { "publisher", O_PUBLISHER, 1, "ID", { "hanya penerbit ini", "only this publisher" } },                         \
    { "status", O_STATUS, 1, "STATUS", { "hanya status ini: draft, open, closed, awarded, cancelled", "only this status: draft, open, closed, awarded, cancelled" } }, \
    { "status-on", O_STATUS_ON, 1, "DATE",                                                                           \
      { "cocokkan --status dengan status pada tanggal itu (tanggal tutup dihitung)",                                 \
        "match --status against the status on that date (the closing date counts)" } },                             \
    { "type", O_TYPE, 1, "TYPE", { "hanya jenis perjanjian ini", "only this agreement type" } },                    \
    { "framework", O_FRAMEWORK, 1, "ID", { "hanya kerangka ini", "only this framework" } },                         \
    { "sector", O_SECTOR, 1, "TAG", { "hanya dengan tag sektor ini", "only with this sector tag" } },               \
    { "capability", O_CAPABILITY, 1, "TAG", { "hanya yang mencari kapabilitas ini", "only those seeking this capability" } }, \
    { "region", O_REGION, 1, "CODE", { "hanya wilayah ini dan di bawahnya", "only this region and below" } },       \
    { "open-on", O_OPEN_ON, 1, "DATE", { "hanya yang menerima minat pada tanggal itu", "only those accepting interest on that date" } }

static const cli_opt create_opts[] = {
    { "publisher", O_PUBLISHER, 1, "ID", { "mitra penerbit (wajib)", "publishing partner (required)" } },
    FIELD_OPTS,
    NO_OPTS,
};
static const cli_opt update_opts[] = { FIELD_OPTS, NO_OPTS };
static const cli_opt show_opts[] = {
    { "agreement", O_AGREEMENT, 1, "ID",
      { "peluang yang pemilihannya menghasilkan perjanjian ini, bukan ID", "the opportunity whose selection made this agreement, instead of ID" } },
    { "on", O_ON, 1, "DATE", { "tanggal status_on dan accepting_on (bawaan hari ini, WIB)", "date of status_on and accepting_on (default today, WIB)" } },
    NO_OPTS,
};
static const cli_opt list_opts[] = {
    FILTER_OPTS,
    { "limit", O_LIMIT, 1, "N", { "ukuran halaman, 1..1000 (bawaan 50)", "page size, 1..1000 (default 50)" } },
    { "cursor", O_CURSOR, 1, "CURSOR", { "lanjutkan dari next_cursor halaman sebelumnya", "continue from the previous page's next_cursor" } },
    { "all", O_ALL, 0, NULL, { "ikuti kursor sampai habis: semua halaman", "follow the cursor to the end: every page" } },
    NO_OPTS,
};
static const cli_opt count_opts[] = { FILTER_OPTS, NO_OPTS };
static const cli_opt reason_opts[] = {
    { "reason", O_REASON, 1, "TEXT", { "alasan (wajib untuk cancel)", "reason (required to cancel)" } },
    NO_OPTS,
};
static const cli_opt due_opts[] = {
    { "date", O_DATE, 1, "DATE", { "tanggal acuan (bawaan hari ini, WIB)", "reference date (default today, WIB)" } },
    NO_OPTS,
};
static const cli_opt elig_opts[] = {
    { "co-applicant", O_CO, 1, "ID", { "mitra anggota konsorsium; boleh berulang", "consortium member; repeatable" } },
    NO_OPTS,
};
static const cli_opt discover_opts[] = {
    { "on", O_ON, 1, "DATE", { "tanggal peluang harus menerima minat (bawaan hari ini)", "date the opportunities must accept interest (default today)" } },
    { "limit", O_LIMIT, 1, "N", { "paling banyak N hasil, 1..1000 (bawaan 50)", "at most N results, 1..1000 (default 50)" } },
    { "weight", O_WEIGHT, 1, "NAME=W",
      { "bobot capability, sector atau region (bawaan 0.5, 0.3, 0.2); boleh berulang",
        "weight of capability, sector or region (defaults 0.5, 0.3, 0.2); repeatable" } },
    NO_OPTS,
};
static const cli_opt suggest_opts[] = {
    { "kind", O_KIND, 1, "KIND", { "hanya calon dari jenis ini", "only candidates of this kind" } },
    { "limit", O_LIMIT, 1, "N", { "paling banyak N usulan (bawaan 20, 0 = semua)", "at most N suggestions (default 20, 0 = all)" } },
    { "min-score", O_MIN_SCORE, 1, "S", { "hanya skor di atas S (bawaan 0)", "only scores above S (default 0)" } },
    { "include-suspended", O_INCLUDE_SUSPENDED, 0, NULL, { "sertakan mitra ditangguhkan (dengan penalti)", "include suspended partners (with the penalty)" } },
    { "exclude-existing", O_EXCLUDE_EXISTING, 0, NULL, { "abaikan mitra yang sudah bermitra dengan penerbit", "leave out partners already working with the publisher" } },
    { "no-evaluation", O_NO_EVALUATION, 0, NULL, { "rekam jejak tanpa skor evaluasi", "track record without the evaluation score" } },
    { "on", O_ON, 1, "DATE", { "tanggal jaringan dan rekam jejak (bawaan hari jaringan)", "date of the network and track record reads (default the network's day)" } },
    { "weight", O_WEIGHT, 1, "NAME=W",
      { "bobot komponen: capability, sector, region, network, track_record, disputes, suspended; boleh berulang",
        "weight of a component: capability, sector, region, network, track_record, disputes, suspended; repeatable" } },
    NO_OPTS,
};

/* The matchmaking components, in km_match_component order (as `match`). */
static const char *const component_keys[KM_MATCH_COMPONENT__COUNT] = { "capability", "sector", "region", "network",
                                                                       "track_record", "disputes", "suspended" };

/* A date option checked, or the report's day (--as-of, test clock, today). */
static int date_or_today(cli_ctx *ctx, const cli_optval *o, char buf[11], const char **out)
{
    if (o) {
        if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
        *out = o->value;
        return 0;
    }
    cli_report_date(ctx, buf);
    *out = buf;
    return 0;
}

/* ---- one opportunity as a row ------------------------------------------- */

out_row *cli_opportunity_row(cli_ctx *ctx, const km_opportunity *o, const char *on, int full)
{
    out_row *r = out_row_new();
    size_t i;
    out_u64(r, "id", km_opportunity_id(o));
    out_u64(r, "publisher_id", km_opportunity_publisher(o));
    out_str(r, "title", km_opportunity_title(o));
    cli_enum_out(r, "status", &cli_enum_opportunity_status, km_opportunity_status_of(o), ctx->lang);
    if (on) {
        out_str(r, "as_of_date", on);
        cli_enum_out(r, "status_on", &cli_enum_opportunity_status, km_opportunity_status_on(o, on), ctx->lang);
        out_bool(r, "accepting_on", km_opportunity_accepting_on(o, on) == 1);
    }
    out_str(r, "opening_date", km_opportunity_opening_date(o));
    out_str(r, "closing_date", km_opportunity_closing_date(o));
    cli_enum_out(r, "type", &cli_enum_agreement_type, km_opportunity_agreement_type(o), ctx->lang);
    if (km_opportunity_framework_id(o)) out_u64(r, "framework_id", km_opportunity_framework_id(o));
    else out_null(r, "framework_id");
    out_str(r, "description", km_opportunity_description(o));
    out_strs(r, "sectors");
    for (i = 0; i < km_opportunity_sector_count(o); i++) out_strs_add(r, km_opportunity_sector(o, i));
    out_str(r, "region", km_opportunity_region(o));
    out_strs(r, "capabilities");
    for (i = 0; i < km_opportunity_capability_count(o); i++) out_strs_add(r, km_opportunity_capability(o, i));
    cli_money_out(r, "grant_ceiling", km_opportunity_grant_ceiling(o), km_opportunity_currency(o), ctx->json, ctx->lang);
    out_str(r, "currency", km_opportunity_currency(o));
    out_str(r, "assistance", km_opportunity_assistance(o));
    out_i64(r, "assistance_quantity", km_opportunity_assistance_quantity(o));
    out_str(r, "assistance_unit", km_opportunity_assistance_unit(o));
    cli_enum_mask_out(r, "eligible_kinds", &cli_enum_partner_kind, km_opportunity_eligible_kinds(o), ctx->json, ctx->lang);
    out_str(r, "eligible_region", km_opportunity_eligible_region(o));
    out_u64(r, "min_completed", km_opportunity_min_completed(o));
    out_bool(r, "no_open_disputes", km_opportunity_no_open_disputes(o));
    out_u64(r, "partners_sought", km_opportunity_partners_sought(o));
    cli_enum_mask_out(r, "partner_roles", &cli_enum_role, km_opportunity_partner_roles(o), ctx->json, ctx->lang);
    cli_enum_mask_out(r, "publisher_roles", &cli_enum_role, km_opportunity_publisher_roles(o), ctx->json, ctx->lang);
    cli_enum_out(r, "award_mode", &cli_enum_award_mode, km_opportunity_award_mode(o), ctx->lang);
    out_str(r, "status_reason", km_opportunity_status_reason(o));
    out_str(r, "closed_as_of", km_opportunity_closed_as_of(o));
    out_u64(r, "selected_count", km_opportunity_selected_count(o));
    out_u64(r, "agreement_count", km_opportunity_agreement_count(o));
    out_u64(r, "version", km_opportunity_version(o));
    out_time(r, "created", km_opportunity_created(o));
    out_time(r, "updated", km_opportunity_updated(o));
    if (full) {
        /* The agreements its selections made, in creation order. */
        size_t cell = out_rows(r, "agreements", "agreement_id,reference,status", 1);
        for (i = 0; i < km_opportunity_agreement_count(o); i++) {
            out_row *x = out_row_new();
            km_agreement *a = NULL;
            uint64_t aid = km_opportunity_agreement(o, i);
            out_u64(x, "agreement_id", aid);
            if (km_agreement_get(&a, ctx->net, aid) == 0) {
                out_str(x, "reference", km_agreement_reference(a));
                cli_enum_out(x, "status", &cli_enum_agreement_status, km_agreement_status_of(a), ctx->lang);
                km_agreement_free(a);
            } else {
                out_null(x, "reference");
                out_null(x, "status");
            }
            out_rows_add(r, cell, x);
        }
    }
    return r;
}

static int print_opportunity(cli_ctx *ctx, uint64_t id, const char *on)
{
    km_opportunity *o = NULL;
    out_row *row;
    int rc = km_opportunity_get(&o, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_opportunity_row(ctx, o, on, 1);
    km_opportunity_free(o);
    return cli_emit(ctx, row);
}

/* ---- create, update ----------------------------------------------------- */

typedef struct fields_input {
    km_opportunity_fields f;
    uint32_t mask;
    const char **tags; /* storage for the two tag lists */
    const cli_optval *grant;
    int kinds_given;
} fields_input;

static const char *or_null(const char *s) { return s && *s ? s : NULL; }

static int read_fields(cli_ctx *ctx, const cli_args *args, fields_input *in)
{
    const char **sectors, **caps;
    size_t i;
    int rc = 0;
    in->tags = (const char **)cli_xmalloc(2 * (args->nopts + 1) * sizeof *in->tags);
    sectors = in->tags;
    caps = sectors + args->nopts + 1;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case O_PUBLISHER: rc = cli_value_u64(ctx, o, &in->f.publisher_id); break;
        case O_TITLE: in->f.title = o->value; in->mask |= KM_OPPORTUNITY_F_TITLE; break;
        case O_DESCRIPTION: in->f.description = or_null(o->value); in->mask |= KM_OPPORTUNITY_F_DESCRIPTION; break;
        case O_TYPE:
            rc = cli_value_enum(ctx, o, &cli_enum_agreement_type, &in->f.agreement_type);
            in->mask |= KM_OPPORTUNITY_F_TYPE;
            break;
        case O_FRAMEWORK: rc = cli_value_u64(ctx, o, &in->f.framework_id); in->mask |= KM_OPPORTUNITY_F_FRAMEWORK; break;
        case O_SECTOR:
            if (!(in->mask & KM_OPPORTUNITY_F_SECTORS)) in->f.sectors_count = 0;
            if (*o->value) sectors[in->f.sectors_count++] = o->value;
            in->f.sectors = sectors;
            in->mask |= KM_OPPORTUNITY_F_SECTORS;
            break;
        case O_CAPABILITY:
            if (!(in->mask & KM_OPPORTUNITY_F_CAPABILITIES)) in->f.capabilities_count = 0;
            if (*o->value) caps[in->f.capabilities_count++] = o->value;
            in->f.capabilities = caps;
            in->mask |= KM_OPPORTUNITY_F_CAPABILITIES;
            break;
        case O_REGION: in->f.region = or_null(o->value); in->mask |= KM_OPPORTUNITY_F_REGION; break;
        case O_GRANT: in->grant = o; in->mask |= KM_OPPORTUNITY_F_GRANT; break;
        case O_CURRENCY: in->f.currency = or_null(o->value); in->mask |= KM_OPPORTUNITY_F_GRANT; break;
        case O_ASSISTANCE: in->f.assistance = or_null(o->value); in->mask |= KM_OPPORTUNITY_F_ASSISTANCE; break;
        case O_ASSIST_QTY:
            rc = cli_value_i64(ctx, o, &in->f.assistance_quantity);
            in->mask |= KM_OPPORTUNITY_F_ASSISTANCE;
            break;
        case O_ASSIST_UNIT: in->f.assistance_unit = or_null(o->value); in->mask |= KM_OPPORTUNITY_F_ASSISTANCE; break;
        case O_ELIG_KIND: {
            int k;
            if (!in->kinds_given) in->f.eligible_kinds = 0;
            in->kinds_given = 1;
            in->mask |= KM_OPPORTUNITY_F_ELIGIBLE_KINDS;
            if (!*o->value) break;
            rc = cli_value_enum(ctx, o, &cli_enum_partner_kind, &k);
            if (!rc && (k < 0 || k >= 32)) rc = cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
            if (!rc) in->f.eligible_kinds |= KM_PARTNER_KIND_BIT(k);
            break;
        }
        case O_ELIG_REGION:
            in->f.eligible_region = or_null(o->value);
            in->mask |= KM_OPPORTUNITY_F_ELIGIBLE_REGION;
            break;
        case O_MIN_COMPLETED:
            rc = cli_value_u32(ctx, o, &in->f.min_completed);
            in->mask |= KM_OPPORTUNITY_F_MIN_COMPLETED;
            break;
        case O_NO_DISPUTES: in->f.no_open_disputes = 1; in->mask |= KM_OPPORTUNITY_F_NO_OPEN_DISPUTES; break;
        case O_ALLOW_DISPUTES: in->f.no_open_disputes = 0; in->mask |= KM_OPPORTUNITY_F_NO_OPEN_DISPUTES; break;
        case O_SOUGHT: rc = cli_value_u32(ctx, o, &in->f.partners_sought); in->mask |= KM_OPPORTUNITY_F_PARTNERS_SOUGHT; break;
        case O_OPENING:
            rc = cli_value_date(ctx, o);
            in->f.opening_date = o->value;
            in->mask |= KM_OPPORTUNITY_F_OPENING;
            break;
        case O_CLOSING:
            rc = cli_value_date(ctx, o);
            in->f.closing_date = o->value;
            in->mask |= KM_OPPORTUNITY_F_CLOSING;
            break;
        case O_PARTNER_ROLES: rc = cli_value_roles(ctx, o->name, o->value, &in->f.partner_roles); in->mask |= KM_OPPORTUNITY_F_ROLES; break;
        case O_PUBLISHER_ROLES: rc = cli_value_roles(ctx, o->name, o->value, &in->f.publisher_roles); in->mask |= KM_OPPORTUNITY_F_ROLES; break;
        case O_AWARD_MODE: rc = cli_value_enum(ctx, o, &cli_enum_award_mode, &in->f.award_mode); in->mask |= KM_OPPORTUNITY_F_AWARD_MODE; break;
        default: break;
        }
    }
    /* The amount is in minor units of its currency: a new currency needs its
     * amount; no currency ("") means no grant. */
    if (!rc && cli_opt_last(args, O_CURRENCY) && !in->grant) {
        if (in->f.currency) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--grant-ceiling", ctx->path);
        else in->f.grant_ceiling = 0;
    }
    if (!rc && in->grant) rc = cli_value_money(ctx, in->grant, in->f.currency, &in->f.grant_ceiling);
    return rc ? CLI_EXIT_USAGE : 0;
}

static int cmd_create(cli_ctx *ctx, const cli_args *args)
{
    static const km_opportunity_fields init = KM_OPPORTUNITY_FIELDS_INIT;
    fields_input in;
    uint64_t id = 0;
    int rc;
    memset(&in, 0, sizeof in);
    in.f = init;
    rc = read_fields(ctx, args, &in);
    if (!rc && !cli_opt_last(args, O_PUBLISHER)) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--publisher", ctx->path);
    if (!rc && (rc = km_opportunity_create(&id, ctx->net, &in.f)) != 0) rc = cli_fail(ctx, rc);
    free((void *)in.tags);
    return rc ? rc : print_opportunity(ctx, id, NULL);
}

/* Update starts from the current values, so that changing one member of a
 * group (the grant's amount, the assistance's unit, one of the two role
 * masks) keeps the others. */
static int cmd_update(cli_ctx *ctx, const cli_args *args)
{
    static const km_opportunity_fields init = KM_OPPORTUNITY_FIELDS_INIT;
    km_opportunity *cur = NULL;
    fields_input in;
    uint64_t id = 0;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    if ((rc = km_opportunity_get(&cur, ctx->net, id))) return cli_fail(ctx, rc);
    memset(&in, 0, sizeof in);
    in.f = init;
    in.f.title = km_opportunity_title(cur);
    in.f.description = km_opportunity_description(cur);
    in.f.agreement_type = km_opportunity_agreement_type(cur);
    in.f.framework_id = km_opportunity_framework_id(cur);
    in.f.region = km_opportunity_region(cur);
    in.f.grant_ceiling = km_opportunity_grant_ceiling(cur);
    in.f.currency = km_opportunity_currency(cur);
    in.f.assistance = km_opportunity_assistance(cur);
    in.f.assistance_quantity = km_opportunity_assistance_quantity(cur);
    in.f.assistance_unit = km_opportunity_assistance_unit(cur);
    in.f.eligible_kinds = km_opportunity_eligible_kinds(cur);
    in.f.eligible_region = km_opportunity_eligible_region(cur);
    in.f.min_completed = km_opportunity_min_completed(cur);
    in.f.no_open_disputes = km_opportunity_no_open_disputes(cur);
    in.f.partners_sought = km_opportunity_partners_sought(cur);
    in.f.opening_date = km_opportunity_opening_date(cur);
    in.f.closing_date = km_opportunity_closing_date(cur);
    in.f.partner_roles = km_opportunity_partner_roles(cur);
    in.f.publisher_roles = km_opportunity_publisher_roles(cur);
    in.f.award_mode = km_opportunity_award_mode(cur);
    rc = read_fields(ctx, args, &in);
    if (!rc && in.mask == 0) rc = cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if (!rc && (rc = km_opportunity_update(ctx->net, id, &in.f, in.mask)) != 0) rc = cli_fail(ctx, rc);
    free((void *)in.tags);
    km_opportunity_free(cur);
    return rc ? rc : print_opportunity(ctx, id, NULL);
}

/* ---- show --------------------------------------------------------------- */

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *ag = cli_opt_last(args, O_AGREEMENT);
    const char *on = NULL;
    char today[11];
    uint64_t id = 0;
    int rc;
    if (ag && args->npos) return cli_usage(ctx, M_EXTRA_ARGUMENT, args->pos[0], ctx->path);
    if ((rc = date_or_today(ctx, cli_opt_last(args, O_ON), today, &on))) return rc;
    if (ag) {
        uint64_t aid;
        if (cli_value_u64(ctx, ag, &aid)) return CLI_EXIT_USAGE;
        if ((rc = km_opportunity_of_agreement(&id, ctx->net, aid))) return cli_fail(ctx, rc);
    } else if ((rc = cli_pos_id(ctx, args, 0, "ID", &id))) {
        return rc;
    }
    return print_opportunity(ctx, id, on);
}

/* ---- list, count -------------------------------------------------------- */

typedef struct list_input {
    km_opportunity_query q;
    int all;
} list_input;

static int read_filters(cli_ctx *ctx, const cli_args *args, list_input *in)
{
    static const km_opportunity_query init = KM_OPPORTUNITY_QUERY_INIT;
    size_t i;
    int rc = 0;
    in->q = init;
    in->all = 0;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case O_PUBLISHER: rc = cli_value_u64(ctx, o, &in->q.publisher_id); break;
        case O_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_opportunity_status, &in->q.status); break;
        case O_STATUS_ON: rc = cli_value_date(ctx, o); in->q.status_as_of = o->value; break;
        case O_TYPE: rc = cli_value_enum(ctx, o, &cli_enum_agreement_type, &in->q.agreement_type); break;
        case O_FRAMEWORK: rc = cli_value_u64(ctx, o, &in->q.framework_id); break;
        case O_SECTOR: in->q.sector = o->value; break;
        case O_CAPABILITY: in->q.capability = o->value; break;
        case O_REGION: in->q.region_prefix = o->value; break;
        case O_OPEN_ON: rc = cli_value_date(ctx, o); in->q.open_on = o->value; break;
        default: rc = cli_page_opt(ctx, o, &in->q.limit, &in->q.cursor, &in->all); break;
        }
    }
    return rc ? CLI_EXIT_USAGE : 0;
}

CLI_LIST_PAGE_FN(opportunity, cli_opportunity_row(ctx, item, NULL, 0))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    return cli_list_emit(ctx, "opportunities", "id,title,status,publisher_id,opening_date,closing_date,selected_count",
                         list_page, &in.q, in.q.cursor, in.all);
}

static int cmd_count(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    uint64_t n = 0;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    rc = km_opportunity_count(&n, ctx->net, &in.q);
    return cli_count_emit(ctx, rc, n);
}

/* ---- the lifecycle ------------------------------------------------------ */

static int move(cli_ctx *ctx, const cli_args *args, int which)
{
    const char *reason = cli_opt_value(args, O_REASON);
    uint64_t id;
    int rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    switch (which) {
    case 0: rc = km_opportunity_open(ctx->net, id); break;
    case 1: rc = km_opportunity_close(ctx->net, id, reason); break;
    case 2: rc = km_opportunity_cancel(ctx->net, id, reason); break;
    case 3: rc = km_opportunity_award(ctx->net, id, reason); break;
    default: {
        int status = 0;
        if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "STATUS", ctx->path);
        if ((rc = cli_value_enum_str(ctx, "STATUS", args->pos[1], &cli_enum_opportunity_status, &status))) return rc;
        rc = km_opportunity_transition(ctx->net, id, status, reason);
        break;
    }
    }
    if (rc) return cli_fail(ctx, rc);
    return print_opportunity(ctx, id, NULL);
}
static int cmd_open(cli_ctx *c, const cli_args *a) { return move(c, a, 0); }
static int cmd_close(cli_ctx *c, const cli_args *a) { return move(c, a, 1); }
static int cmd_cancel(cli_ctx *c, const cli_args *a) { return move(c, a, 2); }
static int cmd_award(cli_ctx *c, const cli_args *a) { return move(c, a, 3); }
static int cmd_transition(cli_ctx *c, const cli_args *a) { return move(c, a, 4); }

static int cmd_close_due(cli_ctx *ctx, const cli_args *args)
{
    const char *date = NULL;
    char today[11];
    uint64_t n = 0;
    out_row *row;
    int rc = date_or_today(ctx, cli_opt_last(args, O_DATE), today, &date);
    if (rc) return rc;
    if ((rc = km_opportunity_close_due(&n, ctx->net, date))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_str(row, "as_of_date", date);
    out_u64(row, "closed_count", n);
    return cli_emit(ctx, row);
}

/* ---- eligibility, discover, suggest ------------------------------------- */

static int cmd_eligibility(cli_ctx *ctx, const cli_args *args)
{
    km_eligibility *e = NULL;
    uint64_t id, pid, *co;
    size_t i, n = 0, cell;
    out_row *row;
    int rc;
    if ((rc = cli_pos_id(ctx, args, 0, "ID", &id)) || (rc = cli_pos_id(ctx, args, 1, "PARTNER", &pid))) return rc;
    co = (uint64_t *)cli_xmalloc((args->nopts + 1) * sizeof *co);
    for (i = 0; i < args->nopts && !rc; i++)
        if (args->opts[i].id == O_CO) rc = cli_value_u64(ctx, &args->opts[i], &co[n++]);
    if (!rc && (rc = km_opportunity_check_eligibility(&e, ctx->net, id, pid, co, n))) rc = cli_fail(ctx, rc);
    if (rc) {
        free(co);
        return rc;
    }
    row = out_row_new();
    out_u64(row, "opportunity_id", id);
    out_u64(row, "partner_id", pid);
    out_strs(row, "co_applicant_ids");
    for (i = 0; i < n; i++) {
        char buf[24];
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)co[i]);
        out_strs_add(row, buf);
    }
    free(co);
    out_bool(row, "eligible", km_eligibility_count(e) == 0);
    out_u64(row, "count", km_eligibility_count(e));
    cell = out_rows(row, "failures", "partner_id,failed_rule,message", 1);
    for (i = 0; i < km_eligibility_count(e); i++) {
        out_row *x = out_row_new();
        int rule = km_eligibility_rule_of(e, i);
        out_u64(x, "partner_id", km_eligibility_partner(e, i));
        cli_enum_out(x, "failed_rule", &cli_enum_eligibility_rule, rule, ctx->lang);
        out_str(x, "code", km_eligibility_rule_code(rule));
        out_str(x, "message", km_eligibility_message(e, i, ctx->lang));
        out_rows_add(row, cell, x);
    }
    km_eligibility_free(e);
    return cli_emit(ctx, row);
}

/* --weight NAME=W: the index of NAME among the first ncomp components. */
static int read_weight(cli_ctx *ctx, const cli_optval *o, int ncomp, int *comp, double *w)
{
    const char *eq = strchr(o->value, '=');
    int c;
    if (eq) {
        for (c = 0; c < ncomp; c++) {
            if (strlen(component_keys[c]) == (size_t)(eq - o->value) &&
                strncmp(component_keys[c], o->value, (size_t)(eq - o->value)) == 0) {
                if (cli_parse_double(eq + 1, w) || *w < 0) return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
                *comp = c;
                return 0;
            }
        }
    }
    {
        char list[160] = "";
        for (c = 0; c < ncomp; c++) {
            if (c) strcat(list, ", ");
            strcat(list, component_keys[c]);
            strcat(list, "=W");
        }
        return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, list);
    }
}

static void partner_name(cli_ctx *ctx, out_row *r, uint64_t pid)
{
    km_partner *p = NULL;
    if (km_partner_get(&p, ctx->net, pid) == 0) {
        out_str(r, "name", km_partner_name(p));
        km_partner_free(p);
    } else {
        out_null(r, "name");
    }
}

static int cmd_discover(cli_ctx *ctx, const cli_args *args)
{
    km_discovery_options opt = KM_DISCOVERY_OPTIONS_INIT;
    km_discovery *d = NULL;
    uint64_t pid;
    out_row *row;
    size_t i, cell;
    int rc = cli_pos_id(ctx, args, 0, "PARTNER", &pid);
    if (rc) return rc;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        int c = 0;
        double w = 0;
        if (o->id == O_ON) {
            rc = cli_value_date(ctx, o);
            opt.as_of_date = o->value;
        }
        if (o->id == O_LIMIT) rc = cli_value_u32(ctx, o, &opt.limit);
        if (o->id == O_WEIGHT && !(rc = read_weight(ctx, o, 3, &c, &w))) {
            if (c == KM_MATCH_CAPABILITY) opt.capability_weight = w;
            else if (c == KM_MATCH_SECTOR) opt.sector_weight = w;
            else opt.region_weight = w;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if ((rc = km_opportunity_discover(&d, ctx->net, pid, &opt))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "partner_id", pid);
    out_str(row, "as_of_date", opt.as_of_date);
    cell = out_rows(row, "results", "opportunity_id,title,closing_date,score,capability,sector,region", 0);
    for (i = 0; i < km_discovery_count(d); i++) {
        out_row *x = out_row_new();
        km_opportunity *o = NULL;
        uint64_t oid = km_discovery_opportunity(d, i);
        out_u64(x, "opportunity_id", oid);
        if (km_opportunity_get(&o, ctx->net, oid) == 0) {
            out_str(x, "title", km_opportunity_title(o));
            out_str(x, "closing_date", km_opportunity_closing_date(o));
            km_opportunity_free(o);
        } else {
            out_null(x, "title");
            out_null(x, "closing_date");
        }
        cli_num_out(x, "score", km_discovery_score(d, i));
        cli_num_out(x, "capability", km_discovery_capability_score(d, i));
        cli_num_out(x, "sector", km_discovery_sector_score(d, i));
        cli_num_out(x, "region", km_discovery_region_score(d, i));
        out_rows_add(row, cell, x);
    }
    out_u64(row, "count", km_discovery_count(d));
    km_discovery_free(d);
    return cli_emit(ctx, row);
}

static int cmd_suggest(cli_ctx *ctx, const cli_args *args)
{
    km_match_options opt = KM_MATCH_OPTIONS_INIT;
    km_discovery *d = NULL;
    uint64_t id;
    out_row *row;
    size_t i, cell;
    int c, rc = cli_pos_id(ctx, args, 0, "ID", &id);
    if (rc) return rc;
    opt.exclude_existing = 0; /* the library's default for suggestions (NULL options) */
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        double w = 0;
        switch (o->id) {
        case O_KIND: rc = cli_value_enum(ctx, o, &cli_enum_partner_kind, &opt.kind); break;
        case O_LIMIT: rc = cli_value_u32(ctx, o, &opt.limit); break;
        case O_MIN_SCORE:
            if (cli_parse_double(o->value, &opt.min_score)) rc = cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
            break;
        case O_INCLUDE_SUSPENDED: opt.include_suspended = 1; break;
        case O_EXCLUDE_EXISTING: opt.exclude_existing = 1; break;
        case O_NO_EVALUATION: opt.use_evaluation = 0; break;
        case O_ON: rc = cli_value_date(ctx, o); opt.as_of = o->value; break;
        case O_WEIGHT:
            if ((rc = read_weight(ctx, o, KM_MATCH_COMPONENT__COUNT, &c, &w))) break;
            switch (c) {
            case KM_MATCH_CAPABILITY: opt.w_capability = w; break;
            case KM_MATCH_SECTOR: opt.w_sector = w; break;
            case KM_MATCH_REGION: opt.w_region = w; break;
            case KM_MATCH_NETWORK: opt.w_network = w; break;
            case KM_MATCH_TRACK_RECORD: opt.w_track_record = w; break;
            case KM_MATCH_DISPUTES: opt.w_disputes = w; break;
            default: opt.w_suspended = w; break;
            }
            break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if ((rc = km_opportunity_suggest_partners(&d, ctx->net, id, &opt))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "opportunity_id", id);
    cell = out_rows(row, "suggestions", "candidate_id,name,score,capability,sector,region,network,track_record", 0);
    for (i = 0; i < km_discovery_count(d); i++) {
        out_row *x = out_row_new();
        out_u64(x, "candidate_id", km_discovery_partner(d, i));
        partner_name(ctx, x, km_discovery_partner(d, i));
        cli_num_out(x, "score", km_discovery_score(d, i));
        for (c = 0; c < KM_MATCH_COMPONENT__COUNT; c++) cli_num_out(x, component_keys[c], km_discovery_component(d, i, c));
        out_rows_add(row, cell, x);
    }
    out_u64(row, "count", km_discovery_count(d));
    km_discovery_free(d);
    return cli_emit(ctx, row);
}

/* ---- the table ---------------------------------------------------------- */

#define RD CLI_READ
#define WR CLI_WRITE
#define S(a, b) { a, b }
const cli_command cli_opportunity_commands[] = {
    { "create", "--publisher ID --title T --opening DATE --closing DATE [options]",
      S("membuat peluang kemitraan (draf) dan menampilkannya", "create a partnership opportunity (draft) and show it"), create_opts,
      "kemitraan opportunity create --publisher 1 --title \"Penjajakan minat SPAM Regional\" --type ppp --sector water "
      "--capability engineering --opening 2025-02-01 --closing 2025-02-28 --grant-ceiling 500000000 --currency IDR",
      WR, 0, cmd_create },
    { "show", "ID | --agreement ID [--on DATE]", S("menampilkan peluang dengan semua kolomnya", "show an opportunity with every field"),
      show_opts, "kemitraan opportunity show 1 --on 2025-03-01", RD, 1, cmd_show },
    { "list", "[filters] [--limit N] [--cursor CURSOR | --all]",
      S("mencari peluang (halaman demi halaman, urut id)", "search opportunities (page by page, by id)"), list_opts,
      "kemitraan opportunity list --status open --status-on 2025-02-10 --sector water", RD, 0, cmd_list },
    { "count", "[filters]", S("menghitung peluang yang cocok", "count the matching opportunities"), count_opts,
      "kemitraan opportunity count --open-on 2025-02-10", RD, 0, cmd_count },
    { "update", "ID [field options]",
      S("mengubah kolom yang diberikan (draf: semua; dibuka: uraian dan perpanjangan tanggal tutup)",
        "change the fields given (draft: any; open: description and a later closing date)"),
      update_opts, "kemitraan opportunity update 1 --closing 2025-03-15", WR, 1, cmd_update },
    { "open", "ID", S("membuka peluang (draf -> dibuka)", "publish an opportunity (draft -> open)"), NULL,
      "kemitraan opportunity open 1", WR, 1, cmd_open },
    { "close", "ID [--reason T]", S("menutup peluang (dibuka -> ditutup)", "close an opportunity (open -> closed)"), reason_opts,
      "kemitraan opportunity close 1", WR, 1, cmd_close },
    { "close-due", "[--date DATE]",
      S("menutup setiap peluang yang tanggal tutupnya sudah lewat", "close every opportunity whose closing date has passed"),
      due_opts, "kemitraan opportunity close-due --date 2025-03-01", WR, 0, cmd_close_due },
    { "cancel", "ID --reason T", S("membatalkan peluang", "cancel an opportunity"), reason_opts,
      "kemitraan opportunity cancel 1 --reason \"anggaran dialihkan\"", WR, 1, cmd_cancel },
    { "award", "ID [--reason T]",
      S("menetapkan peluang (ditutup -> ditetapkan) dan menampilkan perjanjiannya", "award an opportunity (closed -> awarded) and show its agreements"),
      reason_opts, "kemitraan opportunity award 1", WR, 1, cmd_award },
    { "transition", "ID STATUS [--reason T]",
      S("memindahkan peluang ke status apa pun yang diizinkan", "move an opportunity to any allowed status"), reason_opts,
      "kemitraan opportunity transition 1 cancelled --reason \"digabung dengan peluang 2\"", WR, 2, cmd_transition },
    { "eligibility", "ID PARTNER [--co-applicant ID]...",
      S("memeriksa kelayakan mitra (dan konsorsiumnya) tanpa mengajukan", "check a partner's (and its consortium's) eligibility without submitting"),
      elig_opts, "kemitraan opportunity eligibility 1 5 --co-applicant 6", RD, 2, cmd_eligibility },
    { "discover", "PARTNER [--on DATE] [--limit N] [--weight NAME=W]...",
      S("peluang yang dapat dijawab seorang mitra, berperingkat", "opportunities a partner could answer, ranked"), discover_opts,
      "kemitraan opportunity discover 5 --on 2025-02-10 --weight capability=1", RD, 1, cmd_discover },
    { "suggest", "ID [--kind KIND] [--limit N] [options]",
      S("mitra layak yang belum menyatakan minat, berperingkat", "eligible partners that have not expressed interest, ranked"),
      suggest_opts, "kemitraan opportunity suggest 1 --kind academic --limit 5", RD, 1, cmd_suggest },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
