/* cmd_partner.c: the partner registry: partner add, show, list, update,
 * status, archive, count. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum {
    P_NAME = 1,
    P_EXTERNAL_ID,
    P_KIND,
    P_REGION,
    P_EMAIL,
    P_PHONE,
    P_WEBSITE,
    P_SECTOR,
    P_CAPABILITY,
    P_NEED,
    P_STATUS,
    P_NAME_CONTAINS,
    P_LIMIT,
    P_CURSOR,
    P_ALL,
    P_ORDER,
    P_REASON
};

/* The fields of km_partner_fields, for add and update. */
#define FIELD_OPTS                                                                                                   \
    { "name", P_NAME, 1, "NAME", { "nama (wajib saat add), paling banyak 200 bita", "name (required to add), up to 200 bytes" } }, \
    { "external-id", P_EXTERNAL_ID, 1, "ID",                                                                         \
      { "id eksternal unik berawalan skema, mis. ID-NIB-8120000123456 (wajib saat add)",                             \
        "unique scheme-prefixed id, e.g. ID-NIB-8120000123456 (required to add)" } },                                \
    { "kind", P_KIND, 1, "KIND",                                                                                     \
      { "jenis mitra: nama (regional_government, ngo, ...) atau angka; lihat kemitraan labels partner_kind",         \
        "partner kind: a name (regional_government, ngo, ...) or number; see kemitraan labels partner_kind" } },     \
    { "region", P_REGION, 1, "CODE", { "kode wilayah, mis. 32.73 (\"\" menghapus)", "kode wilayah, e.g. 32.73 (\"\" clears)" } }, \
    { "email", P_EMAIL, 1, "ADDR", { "surel kontak (\"\" menghapus)", "contact e-mail (\"\" clears)" } },           \
    { "phone", P_PHONE, 1, "PHONE", { "telepon kontak (\"\" menghapus)", "contact phone (\"\" clears)" } },         \
    { "website", P_WEBSITE, 1, "URL", { "situs web http(s) (\"\" menghapus)", "http(s) website (\"\" clears)" } }, \
    { "sector", P_SECTOR, 1, "TAG",                                                                                  \
      { "tag sektor; boleh berulang; saat update menggantikan daftar (--sector \"\" mengosongkan)",                  \
        "sector tag; repeatable; on update replaces the list (--sector \"\" empties it)" } },                        \
    { "capability", P_CAPABILITY, 1, "TAG",                                                                          \
      { "kapabilitas yang ditawarkan; boleh berulang (seperti --sector)", "capability offered; repeatable (as --sector)" } }, \
    { "need", P_NEED, 1, "TAG", { "kebutuhan; boleh berulang (seperti --sector)", "need; repeatable (as --sector)" } }

/* The filters of km_partner_query, for list and count. */
#define FILTER_OPTS                                                                                                  \
    { "kind", P_KIND, 1, "KIND", { "hanya jenis ini (nama atau angka)", "only this kind (name or number)" } },      \
    { "status", P_STATUS, 1, "STATUS",                                                                               \
      { "hanya status ini: active, suspended, archived", "only this status: active, suspended, archived" } },       \
    { "sector", P_SECTOR, 1, "TAG", { "hanya mitra dengan tag sektor ini", "only partners with this sector tag" } },  \
    { "capability", P_CAPABILITY, 1, "TAG", { "hanya mitra yang menawarkan ini", "only partners offering this" } },  \
    { "need", P_NEED, 1, "TAG", { "hanya mitra yang membutuhkan ini", "only partners needing this" } },              \
    { "region", P_REGION, 1, "CODE",                                                                                 \
      { "hanya wilayah ini dan di bawahnya (32 mencakup 32.73.01)", "only this region and below (32 matches 32.73.01)" } }, \
    { "name", P_NAME_CONTAINS, 1, "TEXT",                                                                            \
      { "nama mengandung teks ini (tanpa beda huruf besar/aksen)", "name contains this text (case and accent blind)" } }

static const cli_opt add_opts[] = { FIELD_OPTS, NO_OPTS };
static const cli_opt update_opts[] = { FIELD_OPTS, NO_OPTS };
static const cli_opt show_opts[] = {
    { "external-id", P_EXTERNAL_ID, 1, "ID",
      { "cari dengan id eksternal, bukan id", "look up by external id instead of id" } },
    NO_OPTS,
};
static const cli_opt list_opts[] = {
    FILTER_OPTS,
    { "limit", P_LIMIT, 1, "N", { "ukuran halaman, 1..1000 (bawaan 50)", "page size, 1..1000 (default 50)" } },
    { "cursor", P_CURSOR, 1, "CURSOR",
      { "lanjutkan dari next_cursor halaman sebelumnya", "continue from the previous page's next_cursor" } },
    { "all", P_ALL, 0, NULL, { "ikuti kursor sampai habis: semua halaman", "follow the cursor to the end: every page" } },
    { "order", P_ORDER, 1, "id|name",
      { "urutan: id (bawaan) atau name (nama, bita UTF-8)", "order: id (default) or name (UTF-8 bytes)" } },
    NO_OPTS,
};
static const cli_opt count_opts[] = { FILTER_OPTS, NO_OPTS };
static const cli_opt status_opts[] = {
    { "reason", P_REASON, 1, "TEXT",
      { "alasan (wajib untuk suspended dan archived)", "reason (required for suspended and archived)" } },
    NO_OPTS,
};
static const cli_opt archive_opts[] = {
    { "reason", P_REASON, 1, "TEXT", { "alasan pengarsipan (wajib)", "why the partner is archived (required)" } },
    NO_OPTS,
};

/* ---- one partner as a row ---------------------------------------------- */

out_row *cli_partner_row(const km_partner *p, int lang)
{
    out_row *r = out_row_new();
    size_t i;
    int kind = km_partner_kind_of(p);
    out_u64(r, "id", km_partner_id(p));
    out_str(r, "name", km_partner_name(p));
    out_str(r, "external_id", km_partner_external_id(p));
    cli_enum_out(r, "kind", &cli_enum_partner_kind, kind, lang);
    out_i64(r, "iati_org_type", km_partner_kind_iati(kind));
    out_str(r, "region", km_partner_region(p));
    out_str(r, "email", km_partner_email(p));
    out_str(r, "phone", km_partner_phone(p));
    out_str(r, "website", km_partner_website(p));
    out_strs(r, "sectors");
    for (i = 0; i < km_partner_sector_count(p); i++) out_strs_add(r, km_partner_sector(p, i));
    out_strs(r, "capabilities");
    for (i = 0; i < km_partner_capability_count(p); i++) out_strs_add(r, km_partner_capability(p, i));
    out_strs(r, "needs");
    for (i = 0; i < km_partner_need_count(p); i++) out_strs_add(r, km_partner_need(p, i));
    cli_enum_out(r, "status", &cli_enum_partner_status, km_partner_status_of(p), lang);
    out_str(r, "status_reason", km_partner_status_reason(p));
    out_u64(r, "version", km_partner_version(p));
    out_time(r, "created", km_partner_created(p));
    out_time(r, "updated", km_partner_updated(p));
    return r;
}

/* Reads partner id back and prints it (after a change, or for show). */
static int print_partner(cli_ctx *ctx, uint64_t id)
{
    km_partner *p = NULL;
    out_row *row;
    int rc = km_partner_get(&p, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_partner_row(p, ctx->lang);
    km_partner_free(p);
    return cli_emit(ctx, row);
}

/* The positional ID of a command that needs one. */
static int need_id(cli_ctx *ctx, const cli_args *args, size_t index, uint64_t *out)
{
    if (args->npos <= index) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    return cli_value_id(ctx, args->pos[index], out);
}

/* ---- add, update ------------------------------------------------------- */

typedef struct fields_input {
    km_partner_fields f;
    uint32_t mask;
    const char **tags; /* storage for the three tag lists */
    int kind_given;
} fields_input;

static void add_tag(const char **list, size_t *count, const char *tag)
{
    if (*tag) list[(*count)++] = tag; /* "" only selects the field: clears it */
}

static int read_fields(cli_ctx *ctx, const cli_args *args, fields_input *in)
{
    static const km_partner_fields init = KM_PARTNER_FIELDS_INIT;
    const char **sectors, **caps, **needs;
    size_t i;
    in->f = init;
    in->mask = 0;
    in->kind_given = 0;
    /* One array, three slices of nopts each: no list can be longer. */
    in->tags = (const char **)cli_xmalloc(3 * (args->nopts + 1) * sizeof *in->tags);
    sectors = in->tags;
    caps = sectors + args->nopts + 1;
    needs = caps + args->nopts + 1;
    in->f.sectors = sectors;
    in->f.capabilities = caps;
    in->f.needs = needs;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case P_NAME: in->f.name = o->value; in->mask |= KM_PARTNER_F_NAME; break;
        case P_EXTERNAL_ID: in->f.external_id = o->value; in->mask |= KM_PARTNER_F_EXTERNAL_ID; break;
        case P_KIND:
            if (cli_value_enum(ctx, o, &cli_enum_partner_kind, &in->f.kind)) return CLI_EXIT_USAGE;
            in->mask |= KM_PARTNER_F_KIND;
            in->kind_given = 1;
            break;
        case P_REGION: in->f.region = o->value; in->mask |= KM_PARTNER_F_REGION; break;
        case P_EMAIL: in->f.email = o->value; in->mask |= KM_PARTNER_F_EMAIL; break;
        case P_PHONE: in->f.phone = o->value; in->mask |= KM_PARTNER_F_PHONE; break;
        case P_WEBSITE: in->f.website = o->value; in->mask |= KM_PARTNER_F_WEBSITE; break;
        case P_SECTOR:
            add_tag(sectors, &in->f.sectors_count, o->value);
            in->mask |= KM_PARTNER_F_SECTORS;
            break;
        case P_CAPABILITY:
            add_tag(caps, &in->f.capabilities_count, o->value);
            in->mask |= KM_PARTNER_F_CAPABILITIES;
            break;
        case P_NEED:
            add_tag(needs, &in->f.needs_count, o->value);
            in->mask |= KM_PARTNER_F_NEEDS;
            break;
        default: break;
        }
    }
    return 0;
}

static int cmd_add(cli_ctx *ctx, const cli_args *args)
{
    fields_input in;
    uint64_t id = 0;
    int rc = read_fields(ctx, args, &in);
    if (rc == 0 && !in.kind_given) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "--kind", ctx->path);
    if (rc == 0 && (rc = km_partner_create(&id, ctx->net, &in.f)) != 0) rc = cli_fail(ctx, rc);
    free((void *)in.tags);
    return rc ? rc : print_partner(ctx, id);
}

static int cmd_update(cli_ctx *ctx, const cli_args *args)
{
    fields_input in;
    uint64_t id = 0;
    int rc = need_id(ctx, args, 0, &id);
    if (rc) return rc;
    rc = read_fields(ctx, args, &in);
    if (rc == 0 && in.mask == 0) rc = cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if (rc == 0 && (rc = km_partner_update(ctx->net, id, &in.f, in.mask)) != 0) rc = cli_fail(ctx, rc);
    free((void *)in.tags);
    return rc ? rc : print_partner(ctx, id);
}

/* ---- status, archive --------------------------------------------------- */

static const char *reason_of(const cli_args *args)
{
    const char *reason = NULL;
    size_t i;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == P_REASON) reason = args->opts[i].value;
    return reason;
}

static int cmd_status(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id = 0;
    int status = 0, rc = need_id(ctx, args, 0, &id);
    if (rc) return rc;
    if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "STATUS", ctx->path);
    if ((rc = cli_value_enum_str(ctx, "STATUS", args->pos[1], &cli_enum_partner_status, &status)) != 0) return rc;
    if ((rc = km_partner_set_status(ctx->net, id, status, reason_of(args))) != 0) return cli_fail(ctx, rc);
    return print_partner(ctx, id);
}

static int cmd_archive(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id = 0;
    int rc = need_id(ctx, args, 0, &id);
    if (rc) return rc;
    if ((rc = km_partner_archive(ctx->net, id, reason_of(args))) != 0) return cli_fail(ctx, rc);
    return print_partner(ctx, id);
}

/* ---- show -------------------------------------------------------------- */

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    const char *external_id = NULL;
    km_partner *p = NULL;
    out_row *row;
    uint64_t id = 0;
    size_t i;
    int rc;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == P_EXTERNAL_ID) external_id = args->opts[i].value;
    if (external_id && args->npos) return cli_usage(ctx, M_ID_OR_EXTERNAL_ID);
    if (external_id) {
        rc = km_partner_get_by_external_id(&p, ctx->net, external_id);
    } else {
        if ((rc = need_id(ctx, args, 0, &id)) != 0) return rc;
        rc = km_partner_get(&p, ctx->net, id);
    }
    if (rc) return cli_fail(ctx, rc);
    row = cli_partner_row(p, ctx->lang);
    km_partner_free(p);
    return cli_emit(ctx, row);
}

/* ---- list, count ------------------------------------------------------- */

typedef struct list_input {
    km_partner_query q;
    int all;
} list_input;

static int read_filters(cli_ctx *ctx, const cli_args *args, list_input *in)
{
    static const km_partner_query init = KM_PARTNER_QUERY_INIT;
    size_t i;
    int rc = 0;
    in->q = init;
    in->all = 0;
    for (i = 0; i < args->nopts && rc == 0; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case P_KIND: rc = cli_value_enum(ctx, o, &cli_enum_partner_kind, &in->q.kind); break;
        case P_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_partner_status, &in->q.status); break;
        case P_SECTOR: in->q.sector = o->value; break;
        case P_CAPABILITY: in->q.capability = o->value; break;
        case P_NEED: in->q.need = o->value; break;
        case P_REGION: in->q.region_prefix = o->value; break;
        case P_NAME_CONTAINS: in->q.name_contains = o->value; break;
        case P_ORDER: rc = cli_value_enum(ctx, o, &cli_enum_partner_order, &in->q.order); break;
        default: rc = cli_page_opt(ctx, o, &in->q.limit, &in->q.cursor, &in->all); break;
        }
    }
    return rc;
}

CLI_LIST_PAGE_FN(partner, cli_partner_row(item, ctx->lang))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    return cli_list_emit(ctx, "partners", "id,name,kind,region,status", list_page, &in.q, in.q.cursor, in.all);
}

static int cmd_count(cli_ctx *ctx, const cli_args *args)
{
    list_input in;
    uint64_t n = 0;
    int rc = read_filters(ctx, args, &in);
    if (rc) return rc;
    rc = km_partner_count(&n, ctx->net, &in.q);
    return cli_count_emit(ctx, rc, n);
}

/* ---- the table --------------------------------------------------------- */

const cli_command cli_partner_commands[] = {
    { "add", "--name NAME --external-id ID --kind KIND [options]",
      { "mendaftarkan mitra baru dan menampilkannya", "register a new partner and show it" },
      add_opts,
      "kemitraan partner add --store jabar.km --name \"Dinas Kesehatan Kota Bandung\" "
      "--external-id ID-KEMENDAGRI-32.73-DINKES --kind regional_government --region 32.73 --sector health",
      CLI_WRITE, 0, cmd_add },
    { "show", "ID | --external-id ID",
      { "menampilkan satu mitra dengan semua kolomnya", "show one partner with every field" },
      show_opts, "kemitraan partner show --store jabar.km 3", CLI_READ, 1, cmd_show },
    { "list", "[filters] [--order id|name] [--limit N] [--cursor CURSOR | --all]",
      { "mencari mitra (halaman demi halaman, urut id atau nama)", "search partners (page by page, by id or name)" },
      list_opts, "kemitraan partner list --store jabar.km --kind ngo --region 32 --sector health", CLI_READ, 0,
      cmd_list },
    { "update", "ID [field options]",
      { "mengubah kolom yang diberikan; kolom lain tetap", "change the fields given; the others stay" },
      update_opts, "kemitraan partner update --store jabar.km 3 --email halo@contoh.id --sector health --sector ict",
      CLI_WRITE, 1, cmd_update },
    { "status", "ID STATUS [--reason TEXT]",
      { "mengubah status mitra (active, suspended, archived)", "change a partner's status (active, suspended, archived)" },
      status_opts, "kemitraan partner status --store jabar.km 3 suspended --reason \"audit keuangan\"", CLI_WRITE, 2,
      cmd_status },
    { "archive", "ID --reason TEXT",
      { "mengarsipkan mitra (tidak bisa diubah lagi)", "archive a partner (it can no longer be edited)" },
      archive_opts, "kemitraan partner archive --store jabar.km 3 --reason \"organisasi dibubarkan\"", CLI_WRITE, 1,
      cmd_archive },
    { "count", "[filters]",
      { "menghitung mitra yang cocok dengan filter", "count the partners matching the filters" },
      count_opts, "kemitraan partner count --store jabar.km --status active --kind academic", CLI_READ, 0, cmd_count },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
