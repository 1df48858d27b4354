/* cmd_framework.c: policy frameworks: add (with rules), show, list, amend. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum { F_NAME = 1, F_LEGAL, F_ALLOW, F_ROLE, F_MIN_DAYS, F_MAX_DAYS, F_MAX_VALUE, F_CURRENCY, F_DIMENSION, F_INCENTIVE,
       F_RATIONALE, F_VERSION };

#define SPEC_OPTS                                                                                                   \
    { "name", F_NAME, 1, "NAME", { "nama kerangka (wajib)", "framework name (required)" } },                         \
    { "legal-reference", F_LEGAL, 1, "TEXT", { "dasar hukum, mis. Perpres 38/2015", "legal basis, e.g. Perpres 38/2015" } }, \
    { "allow-type", F_ALLOW, 1, "TYPE", { "jenis perjanjian yang diizinkan; boleh berulang", "agreement type allowed; repeatable" } }, \
    { "require-role", F_ROLE, 1, "ROLE[:KIND,...]", { "peran wajib, opsional dengan jenis mitra; boleh berulang", "required role, optionally with partner kinds; repeatable" } }, \
    { "min-days", F_MIN_DAYS, 1, "N", { "durasi minimum (hari)", "minimum duration (days)" } },                      \
    { "max-days", F_MAX_DAYS, 1, "N", { "durasi maksimum (hari)", "maximum duration (days)" } },                      \
    { "max-value", F_MAX_VALUE, 1, "AMOUNT", { "nilai maksimum (perlu --currency)", "maximum value (needs --currency)" } }, \
    { "currency", F_CURRENCY, 1, "CODE", { "mata uang nilai maksimum", "currency of the maximum value" } },          \
    { "require-dimension", F_DIMENSION, 1, "DIM", { "dimensi evaluasi wajib; boleh berulang", "required evaluation dimension; repeatable" } }, \
    { "incentive", F_INCENTIVE, 1, "INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]", { "insentif yang ditawarkan, dengan syarat jenis mitra, sektor, wilayah, durasi; boleh berulang", "incentive offered, with conditions on partner kind, sector, region, duration; repeatable" } }

static const cli_opt add_opts[] = { SPEC_OPTS, NO_OPTS };
static const cli_opt amend_opts[] = {
    SPEC_OPTS,
    { "rationale", F_RATIONALE, 1, "TEXT", { "alasan perubahan (wajib)", "rationale (required)" } },
    NO_OPTS,
};
static const cli_opt show_opts[] = {
    { "version", F_VERSION, 1, "N", { "versi tertentu", "a given version" } },
    NO_OPTS,
};

/* "role:kind,kind" -> value and kinds mask. */
static int split_kinds(cli_ctx *ctx, const cli_optval *o, const cli_enum *e, int *value, uint32_t *kinds)
{
    char buf[256], *colon, *tok, *save = NULL;
    if (strlen(o->value) >= sizeof buf) return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "...");
    strcpy(buf, o->value);
    *kinds = 0;
    colon = strchr(buf, ':');
    if (colon) *colon = 0;
    if (cli_value_enum_str(ctx, o->name, buf, e, value)) return CLI_EXIT_USAGE;
    if (colon)
        for (tok = strtok_r(colon + 1, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            int k;
            if (cli_value_enum_str(ctx, o->name, tok, &cli_enum_partner_kind, &k)) return CLI_EXIT_USAGE;
            if (k >= 0 && k < 32) *kinds |= 1u << k;
        }
    return 0;
}

/* "INCENTIVE[:KIND,...];sector=TAG;region=CODE;min_days=N": the part before
 * the first ';' (for split_kinds) and the conditions after it. */
typedef struct incentive_cond {
    cli_optval head;
    char buf[256];
    const char *sector, *region;
    uint32_t min_days;
} incentive_cond;

static int incentive_split(cli_ctx *ctx, const cli_optval *o, incentive_cond *c)
{
    char *tok, *save = NULL, *semi;
    static const char *const forms = "INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]";
    memset(c, 0, sizeof *c);
    c->head = *o;
    if (strlen(o->value) >= sizeof c->buf) return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, forms);
    strcpy(c->buf, o->value);
    c->head.value = c->buf;
    if (!(semi = strchr(c->buf, ';'))) return 0;
    *semi = 0;
    for (tok = strtok_r(semi + 1, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
        if (strncmp(tok, "sector=", 7) == 0 && tok[7]) c->sector = tok + 7;
        else if (strncmp(tok, "region=", 7) == 0 && tok[7]) c->region = tok + 7;
        else if (strncmp(tok, "min_days=", 9) == 0 && cli_parse_u32(tok + 9, &c->min_days) == 0) continue;
        else return cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, forms);
    }
    return 0;
}

static int build_spec(cli_ctx *ctx, const cli_args *args, km_framework_spec **out)
{
    const char *name = NULL, *legal = NULL, *currency = NULL;
    const cli_optval *maxv = NULL;
    uint32_t min_days = 0, max_days = 0;
    int has_days = 0;
    km_framework_spec *spec = NULL;
    size_t i;
    int rc;
    for (i = 0; i < args->nopts; i++) {
        if (args->opts[i].id == F_NAME) name = args->opts[i].value;
        if (args->opts[i].id == F_LEGAL) legal = args->opts[i].value;
        if (args->opts[i].id == F_CURRENCY) currency = args->opts[i].value;
    }
    if ((rc = km_framework_spec_new(&spec, name, legal))) return cli_fail(ctx, rc);
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        int v;
        uint32_t kinds;
        switch (o->id) {
        case F_ALLOW:
            if (cli_value_enum(ctx, o, &cli_enum_agreement_type, &v)) rc = CLI_EXIT_USAGE;
            else if ((rc = km_framework_spec_allow_type(spec, v))) rc = cli_fail(ctx, rc);
            break;
        case F_ROLE:
            if (split_kinds(ctx, o, &cli_enum_role, &v, &kinds)) rc = CLI_EXIT_USAGE;
            else if ((rc = km_framework_spec_require_role(spec, (uint32_t)v, kinds))) rc = cli_fail(ctx, rc);
            break;
        case F_INCENTIVE: {
            incentive_cond c;
            if (incentive_split(ctx, o, &c) || split_kinds(ctx, &c.head, &cli_enum_incentive, &v, &kinds)) rc = CLI_EXIT_USAGE;
            else if ((rc = km_framework_spec_add_incentive(spec, v, kinds, c.sector, c.region, c.min_days)))
                rc = cli_fail(ctx, rc);
            break;
        }
        case F_DIMENSION:
            if (cli_value_enum(ctx, o, &cli_enum_dimension, &v)) rc = CLI_EXIT_USAGE;
            else if ((rc = km_framework_spec_require_dimension(spec, v))) rc = cli_fail(ctx, rc);
            break;
        case F_MIN_DAYS: has_days = 1; rc = cli_value_u32(ctx, o, &min_days); break;
        case F_MAX_DAYS: has_days = 1; rc = cli_value_u32(ctx, o, &max_days); break;
        case F_MAX_VALUE: maxv = o; break;
        default: break;
        }
    }
    if (!rc && has_days && (rc = km_framework_spec_set_duration(spec, min_days, max_days))) rc = cli_fail(ctx, rc);
    if (!rc && maxv) {
        int64_t m;
        if (!currency) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--currency", ctx->path);
        else if (cli_value_money(ctx, maxv, currency, &m)) rc = CLI_EXIT_USAGE;
        else if ((rc = km_framework_spec_set_max_value(spec, currency, m))) rc = cli_fail(ctx, rc);
    }
    if (rc) {
        km_framework_spec_free(spec);
        return rc;
    }
    *out = spec;
    return 0;
}

out_row *cli_framework_row(cli_ctx *ctx, const km_framework *f, int full)
{
    out_row *r = out_row_new();
    size_t i, cell;
    int b;
    out_u64(r, "id", km_framework_id(f));
    out_u64(r, "version", km_framework_version(f));
    out_str(r, "name", km_framework_name(f));
    out_str(r, "legal_reference", km_framework_legal_reference(f));
    if (!full) return r;
    out_str(r, "rationale", km_framework_rationale(f));
    out_time(r, "time", km_framework_time(f));
    out_strs(r, "allowed_types");
    for (b = 0; b < KM_AGREEMENT_TYPE__COUNT; b++)
        if (km_framework_allowed_types(f) & (1u << b)) out_strs_add(r, cli_enum_name(&cli_enum_agreement_type, b));
    if (km_framework_min_days(f)) out_u64(r, "min_days", km_framework_min_days(f));
    else out_null(r, "min_days");
    if (km_framework_max_days(f)) out_u64(r, "max_days", km_framework_max_days(f));
    else out_null(r, "max_days");
    out_strs(r, "required_dimensions");
    for (b = 0; b < KM_DIMENSION__COUNT; b++)
        if (km_framework_dimensions(f) & (1u << b)) out_strs_add(r, cli_enum_name(&cli_enum_dimension, b));
    cell = out_rows(r, "max_values", "currency,max_value", 1);
    for (i = 0; i < km_framework_max_value_count(f); i++) {
        out_row *m = out_row_new();
        int64_t v = 0;
        const char *cur = km_framework_max_value(&v, f, i);
        out_str(m, "currency", cur);
        cli_money_out(m, "max_value", v, cur, ctx->json, ctx->lang);
        out_rows_add(r, cell, m);
    }
    cell = out_rows(r, "role_rules", "role,kinds", 1);
    for (i = 0; i < km_framework_role_rule_count(f); i++) {
        out_row *m = out_row_new();
        uint32_t role = 0, kinds = 0;
        km_framework_role_rule(&role, &kinds, f, i);
        cli_enum_out(m, "role", &cli_enum_role, (int)role, ctx->lang);
        out_strs(m, "kinds");
        for (b = 0; b < KM_PARTNER_KIND__COUNT; b++)
            if (kinds & (1u << b)) out_strs_add(m, cli_enum_name(&cli_enum_partner_kind, b));
        out_rows_add(r, cell, m);
    }
    cell = out_rows(r, "incentives", "incentive,kinds,sector,region,min_days", 1);
    for (i = 0; i < km_framework_incentive_count(f); i++) {
        out_row *m = out_row_new();
        int inc = 0;
        uint32_t kinds = 0, min = 0;
        const char *sector = NULL, *region = NULL;
        km_framework_incentive(&inc, &kinds, &sector, &region, &min, f, i);
        cli_enum_out(m, "incentive", &cli_enum_incentive, inc, ctx->lang);
        out_strs(m, "kinds");
        for (b = 0; b < KM_PARTNER_KIND__COUNT; b++)
            if (kinds & (1u << b)) out_strs_add(m, cli_enum_name(&cli_enum_partner_kind, b));
        out_str(m, "sector", sector);
        out_str(m, "region", region);
        if (min) out_u64(m, "min_days", min);
        else out_null(m, "min_days");
        out_rows_add(r, cell, m);
    }
    return r;
}

static int print_framework(cli_ctx *ctx, uint64_t id, uint32_t version)
{
    km_framework *f = NULL;
    out_row *row;
    int rc = version ? km_framework_get_version(&f, ctx->net, id, version) : km_framework_get(&f, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_framework_row(ctx, f, 1);
    km_framework_free(f);
    return cli_emit(ctx, row);
}

static int cmd_add(cli_ctx *ctx, const cli_args *args)
{
    km_framework_spec *spec = NULL;
    uint64_t id = 0;
    int rc = build_spec(ctx, args, &spec);
    if (rc) return rc;
    rc = km_framework_create(&id, ctx->net, spec);
    km_framework_spec_free(spec);
    if (rc) return cli_fail(ctx, rc);
    return print_framework(ctx, id, 0);
}

static int cmd_amend(cli_ctx *ctx, const cli_args *args)
{
    km_framework_spec *spec = NULL;
    const char *rationale = NULL;
    uint64_t id;
    size_t i;
    int rc;
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    if ((rc = cli_value_id(ctx, args->pos[0], &id))) return rc;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == F_RATIONALE) rationale = args->opts[i].value;
    if ((rc = build_spec(ctx, args, &spec))) return rc;
    rc = km_framework_amend(ctx->net, id, spec, rationale);
    km_framework_spec_free(spec);
    if (rc) return cli_fail(ctx, rc);
    return print_framework(ctx, id, 0);
}

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    uint32_t v = 0;
    size_t i;
    int rc;
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    if ((rc = cli_value_id(ctx, args->pos[0], &id))) return rc;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == F_VERSION && cli_value_u32(ctx, &args->opts[i], &v)) return CLI_EXIT_USAGE;
    return print_framework(ctx, id, v);
}

/* The library has no framework listing: ids are dense from 1 (frameworks
 * are never deleted), so the tool reads them in order up to the count. */
static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_network_stats st;
    out_row *row;
    size_t cell;
    uint64_t id;
    int rc;
    (void)args;
    memset(&st, 0, sizeof st);
    st.version = KM_NETWORK_STATS_VERSION;
    if ((rc = km_network_stats_get(&st, ctx->net))) return cli_fail(ctx, rc);
    row = out_row_new();
    cell = out_rows(row, "frameworks", "id,version,name,legal_reference", 0);
    for (id = 1; id <= st.frameworks; id++) {
        km_framework *f = NULL;
        if (km_framework_get(&f, ctx->net, id)) continue;
        out_rows_add(row, cell, cli_framework_row(ctx, f, 0));
        km_framework_free(f);
    }
    out_u64(row, "count", st.frameworks);
    return cli_emit(ctx, row);
}

const cli_command cli_framework_commands[] = {
    { "add", "--name NAME [rules]", { "mencatat kerangka kebijakan", "record a policy framework" }, add_opts,
      "kemitraan framework add --name \"KPBU Air Minum\" --legal-reference \"Perpres 38/2015 tentang KPBU\" --allow-type ppp --require-role public_authority:regional_government --require-role private_party:private_business,state_enterprise --incentive viability_gap_funding",
      CLI_WRITE, 0, cmd_add },
    { "show", "ID [--version N]", { "menampilkan kerangka", "show a framework" }, show_opts, "kemitraan framework show 1", CLI_READ, 1, cmd_show },
    { "list", "", { "daftar kerangka", "list frameworks" }, NULL, "kemitraan framework list", CLI_READ, 0, cmd_list },
    { "amend", "ID --name NAME [rules] --rationale TEXT", { "mengubah kerangka (versi baru)", "amend a framework (new version)" }, amend_opts,
      "kemitraan framework amend 1 --name \"KPBU Air Minum\" --allow-type ppp --rationale \"Permen PUPR baru\"", CLI_WRITE, 1, cmd_amend },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
