/* cmd_agreement.c: agreements: add, show, list, count, update, amend,
 * party-add, party-remove, the lifecycle (propose, sign, activate, suspend,
 * resume, complete, terminate, cancel, transition, expire-due), check,
 * milestones, risks, versions, totals (one agreement's money) and
 * value-totals (running totals of agreement values). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "rows.h"
#include "enums.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum {
    A_TITLE = 1, A_REFERENCE, A_TYPE, A_PURPOSE, A_SECTOR, A_REGION, A_START, A_END, A_VALUE, A_CURRENCY,
    A_FRAMEWORK, A_DIMENSION, A_PARTY, A_REASON, A_OVERRIDE, A_PARTNER, A_ROLES, A_STATUS, A_FAMILY,
    A_ACTIVE_ON, A_DATE, A_DUE, A_CATEGORY, A_ALLOCATION, A_MITIGATION, A_RATIONALE, A_VERSION, A_DOCUMENT,
    A_GROUP, A_RATE, A_VALUE_QUANTITIES, E_LIMIT, E_CURSOR, E_ALL
};

#define FIELD_OPTS                                                                                                 \
    { "title", A_TITLE, 1, "TEXT", { "judul (wajib saat add)", "title (required to add)" } },                      \
    { "reference", A_REFERENCE, 1, "REF", { "nomor perjanjian unik, mis. PKS/032/2024", "unique reference, e.g. PKS/032/2024" } }, \
    { "type", A_TYPE, 1, "TYPE", { "jenis: mou, grant, ppp, ... (kemitraan labels agreement_type)", "type: mou, grant, ppp, ... (kemitraan labels agreement_type)" } }, \
    { "purpose", A_PURPOSE, 1, "TEXT", { "maksud dan tujuan", "purpose" } },                                         \
    { "sector", A_SECTOR, 1, "TAG", { "tag sektor; boleh berulang", "sector tag; repeatable" } },                  \
    { "region", A_REGION, 1, "CODE", { "kode wilayah", "kode wilayah" } },                                          \
    { "start", A_START, 1, "DATE", { "tanggal mulai YYYY-MM-DD", "start date YYYY-MM-DD" } },                     \
    { "end", A_END, 1, "DATE", { "tanggal akhir YYYY-MM-DD", "end date YYYY-MM-DD" } },                           \
    { "value", A_VALUE, 1, "AMOUNT", { "nilai desimal, mis. 1500000000.00 (perlu --currency)", "decimal value, e.g. 1500000000.00 (needs --currency)" } }, \
    { "currency", A_CURRENCY, 1, "CODE", { "kode ISO 4217, mis. IDR", "ISO 4217 code, e.g. IDR" } },               \
    { "framework", A_FRAMEWORK, 1, "ID", { "id kerangka kebijakan", "policy framework id" } },                   \
    { "dimension", A_DIMENSION, 1, "DIM", { "dimensi evaluasi; boleh berulang", "evaluation dimension; repeatable" } }, \
    { "party", A_PARTY, 1, "ID:ROLES", { "pihak: id mitra dan peran, mis. 3:funding,accountable; boleh berulang", "party: partner id and roles, e.g. 3:funding,accountable; repeatable" } }, \
    { "document", A_DOCUMENT, 1, "URI,SHA256", { "dokumen bertanda tangan: URI http(s) dan SHA-256 (64 heksa); boleh berulang; \"\" mengosongkan daftar", \
                                                 "signed document: http(s) URI and SHA-256 (64 hex); repeatable; \"\" empties the list" } }

static const cli_opt add_opts[] = { FIELD_OPTS, NO_OPTS };
static const cli_opt amend_opts[] = {
    FIELD_OPTS,
    { "rationale", A_RATIONALE, 1, "TEXT", { "alasan perubahan (wajib setelah ditandatangani)", "rationale (required once signed)" } },
    NO_OPTS,
};
static const cli_opt show_opts[] = {
    { "reference", A_REFERENCE, 1, "REF", { "cari dengan nomor perjanjian", "look up by reference" } },
    { "version", A_VERSION, 1, "N", { "versi tertentu", "a given version" } },
    NO_OPTS,
};
/* The filters of km_agreement_query, for list and count. */
#define FILTER_OPTS                                                                                                \
    { "party", A_PARTNER, 1, "ID", { "hanya perjanjian dengan pihak ini", "only agreements with this party" } },  \
    { "type", A_TYPE, 1, "TYPE", { "hanya jenis ini", "only this type" } },                                        \
    { "family", A_FAMILY, 1, "FAMILY", { "hanya rumpun ini", "only this family" } },                               \
    { "status", A_STATUS, 1, "STATUS", { "hanya status ini", "only this status" } },                               \
    { "framework", A_FRAMEWORK, 1, "ID", { "hanya di bawah kerangka ini", "only under this framework" } },         \
    { "region", A_REGION, 1, "CODE", { "hanya wilayah ini dan di bawahnya", "only this region and below" } },      \
    { "sector", A_SECTOR, 1, "TAG", { "hanya sektor ini", "only this sector" } },                                  \
    { "active-on", A_ACTIVE_ON, 1, "DATE", { "hanya yang berlaku pada tanggal ini", "only those in force on this date" } }
static const cli_opt list_opts[] = { FILTER_OPTS, CLI_PAGE_OPTS, NO_OPTS };
static const cli_opt count_opts[] = { FILTER_OPTS, NO_OPTS };
static const cli_opt reason_opts[] = {
    { "reason", A_REASON, 1, "TEXT", { "alasan", "reason" } },
    NO_OPTS,
};
static const cli_opt transition_opts[] = {
    { "status", A_STATUS, 1, "STATUS", { "status tujuan: proposed, active, suspended, completed, terminated, cancelled (wajib)",
                                         "target status: proposed, active, suspended, completed, terminated, cancelled (required)" } },
    { "reason", A_REASON, 1, "TEXT", { "alasan (wajib untuk suspended, terminated, cancelled)", "reason (required for suspended, terminated, cancelled)" } },
    { "override-justification", A_OVERRIDE, 1, "TEXT", { "hanya untuk active: alasan tertulis walau melanggar kerangka",
                                                         "active only: written reason despite framework violations" } },
    NO_OPTS,
};
static const cli_opt totals_opts[] = {
    { "date", A_DATE, 1, "DATE", { "per tanggal nilai (bawaan: semua)", "as of this value date (default: everything)" } },
    { "group", A_GROUP, 1, "GROUP", { "kelompok: none, commitment, provider, recipient, kind, status (bawaan none)",
                                      "group by: none, commitment, provider, recipient, kind, status (default none)" } },
    { "currency", A_CURRENCY, 1, "CODE", { "nyatakan semua uang dalam mata uang ini (yang lain perlu --rate)",
                                           "express all money in this currency (others need --rate)" } },
    { "rate", A_RATE, 1, "CODE=RATE", { "kurs: 1 CODE = RATE mata uang --currency, mis. USD=15500; boleh berulang",
                                        "rate: 1 CODE = RATE of --currency, e.g. USD=15500; repeatable" } },
    { "value-quantities", A_VALUE_QUANTITIES, 0, NULL, { "komitmen non-uang bertaksiran dihitung dalam uang", "count valued quantities in money" } },
    NO_OPTS,
};
static const cli_opt value_totals_opts[] = {
    { "currency", A_CURRENCY, 1, "CODE", { "mata uang ISO 4217 (wajib)", "ISO 4217 currency (required)" } },
    { "type", A_TYPE, 1, "TYPE", { "hanya jenis ini (bawaan: setiap jenis)", "only this type (default: every type)" } },
    { "status", A_STATUS, 1, "STATUS", { "hanya status ini; boleh berulang (bawaan: semua kecuali cancelled)",
                                         "only this status; repeatable (default: all but cancelled)" } },
    NO_OPTS,
};
static const cli_opt activate_opts[] = {
    { "override-justification", A_OVERRIDE, 1, "TEXT",
      { "alasan tertulis untuk mengaktifkan walau melanggar kerangka", "written reason to activate despite framework violations" } },
    NO_OPTS,
};
static const cli_opt sign_opts[] = {
    { "partner", A_PARTNER, 1, "ID", { "mitra yang menandatangani (wajib)", "the signing partner (required)" } },
    NO_OPTS,
};
static const cli_opt party_opts[] = {
    { "partner", A_PARTNER, 1, "ID", { "id mitra (wajib)", "partner id (required)" } },
    { "roles", A_ROLES, 1, "ROLES", { "peran dipisah koma (untuk party-add)", "comma-separated roles (for party-add)" } },
    { "rationale", A_RATIONALE, 1, "TEXT", { "alasan (wajib setelah ditandatangani)", "rationale (required once signed)" } },
    NO_OPTS,
};
static const cli_opt date_opts[] = {
    { "date", A_DATE, 1, "DATE", { "tanggal acuan YYYY-MM-DD (wajib)", "reference date YYYY-MM-DD (required)" } },
    NO_OPTS,
};
static const cli_opt milestone_add_opts[] = {
    { "type", A_TYPE, 1, "TYPE", { "jenis tonggak (kemitraan labels milestone_type)", "milestone type (kemitraan labels milestone_type)" } },
    { "title", A_TITLE, 1, "TEXT", { "judul (wajib)", "title (required)" } },
    { "due", A_DUE, 1, "DATE", { "tanggal jatuh tempo (wajib)", "due date (required)" } },
    NO_OPTS,
};
static const cli_opt milestone_status_opts[] = {
    { "status", A_STATUS, 1, "STATUS", { "scheduled, met, not_met, partially_met (wajib)", "scheduled, met, not_met, partially_met (required)" } },
    { "date", A_DATE, 1, "DATE", { "tanggal tercapai (untuk met, partially_met)", "date met (for met, partially_met)" } },
    NO_OPTS,
};
static const cli_opt risk_opts[] = {
    { "category", A_CATEGORY, 1, "CAT", { "kategori risiko (untuk risk-add)", "risk category (for risk-add)" } },
    { "allocation", A_ALLOCATION, 1, "ALLOC", { "public, private, shared (wajib)", "public, private, shared (required)" } },
    { "mitigation", A_MITIGATION, 1, "TEXT", { "mitigasi", "mitigation" } },
    NO_OPTS,
};

/* ---- helpers ------------------------------------------------------------ */

static const char *opt_str(const cli_args *args, int id)
{
    size_t i;
    const char *v = NULL;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == id) v = args->opts[i].value;
    return v;
}

static const cli_optval *opt_get(const cli_args *args, int id)
{
    size_t i;
    const cli_optval *v = NULL;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == id) v = &args->opts[i];
    return v;
}

static int need_id(cli_ctx *ctx, const cli_args *args, size_t index, uint64_t *out)
{
    if (args->npos <= index) return cli_usage(ctx, M_MISSING_ARGUMENT, "ID", ctx->path);
    return cli_value_id(ctx, args->pos[index], out);
}

static int need_opt_id(cli_ctx *ctx, const cli_args *args, int id, const char *name, uint64_t *out)
{
    const cli_optval *o = opt_get(args, id);
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, name, ctx->path);
    return cli_value_u64(ctx, o, out);
}

/* The fields an amendment changed (KM_AGREEMENT_F_* bits) as the JSON keys
 * of `agreement show` (people: their labels), in bit order ("value" stands
 * for value and currency). */
static void amended_out(cli_ctx *ctx, out_row *r, uint32_t mask)
{
    static const char *const names[] = { "title",    "reference", "type",       "purpose",   "sectors",
                                         "region",   "start_date", "end_date",  "value",     "framework_id",
                                         "dimensions", "party_list", "documents" };
    size_t b;
    out_strs(r, "amended_fields");
    for (b = 0; b < sizeof names / sizeof names[0]; b++)
        if (mask & (1u << b)) out_strs_add(r, ctx->json ? names[b] : cli_field_label(names[b], ctx->lang));
}

out_row *cli_agreement_row(cli_ctx *ctx, const km_agreement *a, int full)
{
    out_row *r = out_row_new();
    size_t i, cell;
    out_u64(r, "id", km_agreement_id(a));
    out_str(r, "reference", km_agreement_reference(a));
    out_str(r, "title", km_agreement_title(a));
    cli_enum_out(r, "type", &cli_enum_agreement_type, km_agreement_type_of(a), ctx->lang);
    cli_enum_out(r, "family", &cli_enum_family, km_agreement_family_of(a), ctx->lang);
    cli_enum_out(r, "status", &cli_enum_agreement_status, km_agreement_status_of(a), ctx->lang);
    out_str(r, "start_date", km_agreement_start_date(a));
    out_str(r, "end_date", km_agreement_end_date(a));
    cli_money_out(r, "value", km_agreement_value(a), km_agreement_currency(a), ctx->json, ctx->lang);
    out_str(r, "currency", km_agreement_currency(a));
    if (km_agreement_framework_id(a)) out_u64(r, "framework_id", km_agreement_framework_id(a));
    else out_null(r, "framework_id");
    if (!full) {
        out_u64(r, "parties", km_agreement_party_count(a));
        return r;
    }
    out_str(r, "purpose", km_agreement_purpose(a));
    out_str(r, "region", km_agreement_region(a));
    out_strs(r, "sectors");
    for (i = 0; i < km_agreement_sector_count(a); i++) out_strs_add(r, km_agreement_sector(a, i));
    out_strs(r, "dimensions");
    for (i = 0; i < KM_DIMENSION__COUNT; i++)
        if (km_agreement_dimensions(a) & (1u << i)) out_strs_add(r, cli_enum_name(&cli_enum_dimension, (int)i));
    out_u64(r, "framework_version", km_agreement_framework_version(a));
    out_str(r, "status_reason", km_agreement_status_reason(a));
    out_str(r, "override_justification", km_agreement_override(a));
    out_u64(r, "version", km_agreement_version(a));
    out_str(r, "amendment_rationale", km_agreement_amendment_rationale(a));
    amended_out(ctx, r, km_agreement_amendment_fields(a));
    out_time(r, "created", km_agreement_created(a));
    out_time(r, "updated", km_agreement_updated(a));
    cell = out_rows(r, "party_list", "partner_id,roles,signed", 1);
    for (i = 0; i < km_agreement_party_count(a); i++) {
        out_row *p = out_row_new();
        out_u64(p, "partner_id", km_agreement_party(a, i));
        cli_enum_mask_out(p, "roles", &cli_enum_role, km_agreement_party_roles(a, i), ctx->json, ctx->lang);
        if (km_agreement_party_signed(a, i)) out_time(p, "signed", km_agreement_party_signed(a, i));
        else out_null(p, "signed");
        out_rows_add(r, cell, p);
    }
    cell = out_rows(r, "documents", "uri,sha256", 1);
    for (i = 0; i < km_agreement_document_count(a); i++) {
        out_row *d = out_row_new();
        out_str(d, "uri", km_agreement_document_uri(a, i));
        out_str(d, "sha256", km_agreement_document_sha256(a, i));
        out_rows_add(r, cell, d);
    }
    return r;
}

static int print_agreement(cli_ctx *ctx, uint64_t id)
{
    km_agreement *a = NULL;
    out_row *row;
    int rc = km_agreement_get(&a, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_agreement_row(ctx, a, 1);
    km_agreement_free(a);
    return cli_emit(ctx, row);
}

/* ---- add, update, amend -------------------------------------------------- */

typedef struct fin {
    km_agreement_fields f;
    uint32_t mask;
    const char **sectors;
    uint64_t *pids;
    uint32_t *proles;
    char **uris;  /* --document URI,SHA256: copies, split at the comma */
    char **shas;
} fin;

static void fin_free(fin *in)
{
    size_t i;
    for (i = 0; i < in->f.documents_count; i++) {
        free(in->uris[i]);
        free(in->shas[i]);
    }
    free((void *)in->sectors);
    free(in->pids);
    free(in->proles);
    free(in->uris);
    free(in->shas);
}

/* --document URI,SHA256: the URI is checked by the library; the hash must be
 * 64 hexadecimal digits (upper case is taken as lower case). */
static int read_document(cli_ctx *ctx, const cli_optval *o, fin *in)
{
    const char *comma = strrchr(o->value, ',');
    size_t n, i;
    char *sha;
    if (!comma || comma == o->value) {
        fprintf(stderr, "kemitraan: %s: \"%s\": %s\n", o->name, o->value,
                ctx->lang == KM_LANG_EN ? "expected URI,SHA256, e.g. https://jdih.example.go.id/pks-001.pdf,<64 hex digits>"
                                        : "harus URI,SHA256, mis. https://jdih.example.go.id/pks-001.pdf,<64 digit heksa>");
        return CLI_EXIT_USAGE;
    }
    if (strlen(comma + 1) != 64) return cli_usage(ctx, M_BAD_HASH, o->name);
    sha = cli_xstrdup(comma + 1);
    for (i = 0; i < 64; i++) {
        char c = sha[i];
        if (c >= 'A' && c <= 'F') sha[i] = (char)(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            free(sha);
            return cli_usage(ctx, M_BAD_HASH, o->name);
        }
    }
    n = (size_t)(comma - o->value);
    in->uris[in->f.documents_count] = (char *)cli_xmalloc(n + 1);
    memcpy(in->uris[in->f.documents_count], o->value, n);
    in->uris[in->f.documents_count][n] = 0;
    in->shas[in->f.documents_count++] = sha;
    return 0;
}

static int read_fields(cli_ctx *ctx, const cli_args *args, fin *in)
{
    static const km_agreement_fields init = KM_AGREEMENT_FIELDS_INIT;
    const cli_optval *value = NULL;
    size_t i;
    in->f = init;
    in->mask = 0;
    in->sectors = (const char **)cli_xmalloc((args->nopts + 1) * sizeof *in->sectors);
    in->pids = (uint64_t *)cli_xmalloc((args->nopts + 1) * sizeof *in->pids);
    in->proles = (uint32_t *)cli_xmalloc((args->nopts + 1) * sizeof *in->proles);
    in->f.sectors = in->sectors;
    in->f.party_ids = in->pids;
    in->f.party_roles = in->proles;
    in->uris = (char **)cli_xmalloc((args->nopts + 1) * sizeof *in->uris);
    in->shas = (char **)cli_xmalloc((args->nopts + 1) * sizeof *in->shas);
    in->f.document_uris = (const char *const *)in->uris;
    in->f.document_sha256 = (const char *const *)in->shas;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *o = &args->opts[i];
        int v;
        switch (o->id) {
        case A_TITLE: in->f.title = o->value; in->mask |= KM_AGREEMENT_F_TITLE; break;
        case A_REFERENCE: in->f.reference = o->value; in->mask |= KM_AGREEMENT_F_REFERENCE; break;
        case A_TYPE:
            if (cli_value_enum(ctx, o, &cli_enum_agreement_type, &in->f.type)) return CLI_EXIT_USAGE;
            in->mask |= KM_AGREEMENT_F_TYPE;
            break;
        case A_PURPOSE: in->f.purpose = o->value; in->mask |= KM_AGREEMENT_F_PURPOSE; break;
        case A_SECTOR:
            if (*o->value) in->sectors[in->f.sectors_count++] = o->value;
            in->mask |= KM_AGREEMENT_F_SECTORS;
            break;
        case A_REGION: in->f.region = o->value; in->mask |= KM_AGREEMENT_F_REGION; break;
        case A_DOCUMENT:
            if (*o->value && read_document(ctx, o, in)) return CLI_EXIT_USAGE;
            in->mask |= KM_AGREEMENT_F_DOCUMENTS;
            break;
        case A_START:
            if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
            in->f.start_date = o->value;
            in->mask |= KM_AGREEMENT_F_START;
            break;
        case A_END:
            if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
            in->f.end_date = o->value;
            in->mask |= KM_AGREEMENT_F_END;
            break;
        case A_VALUE: value = o; in->mask |= KM_AGREEMENT_F_VALUE; break;
        case A_CURRENCY: in->f.currency = o->value; in->mask |= KM_AGREEMENT_F_VALUE; break;
        case A_FRAMEWORK:
            if (cli_value_u64(ctx, o, &in->f.framework_id)) return CLI_EXIT_USAGE;
            in->mask |= KM_AGREEMENT_F_FRAMEWORK;
            break;
        case A_DIMENSION:
            if (cli_value_enum(ctx, o, &cli_enum_dimension, &v)) return CLI_EXIT_USAGE;
            if (v >= 0 && v < 32) in->f.dimensions |= 1u << v;
            in->mask |= KM_AGREEMENT_F_DIMENSIONS;
            break;
        case A_PARTY: {
            const char *colon = strchr(o->value, ':');
            char idbuf[32];
            size_t n = colon ? (size_t)(colon - o->value) : 0;
            if (!colon || n == 0 || n >= sizeof idbuf) {
                fprintf(stderr, "kemitraan: %s: \"%s\": %s\n", o->name, o->value,
                        ctx->lang == KM_LANG_EN ? "expected ID:ROLES, e.g. 3:funding,accountable"
                                                : "harus ID:PERAN, mis. 3:funding,accountable");
                return CLI_EXIT_USAGE;
            }
            memcpy(idbuf, o->value, n);
            idbuf[n] = 0;
            if (cli_value_id(ctx, idbuf, &in->pids[in->f.parties_count])) return CLI_EXIT_USAGE;
            if (cli_value_roles(ctx, o->name, colon + 1, &in->proles[in->f.parties_count])) return CLI_EXIT_USAGE;
            in->f.parties_count++;
            in->mask |= KM_AGREEMENT_F_PARTIES;
            break;
        }
        default: break;
        }
    }
    if (value && cli_value_money(ctx, value, in->f.currency, &in->f.value)) return CLI_EXIT_USAGE;
    return 0;
}

static int cmd_add(cli_ctx *ctx, const cli_args *args)
{
    fin in;
    uint64_t id = 0;
    int rc = read_fields(ctx, args, &in);
    if (!rc) {
        rc = km_agreement_create(&id, ctx->net, &in.f);
        rc = rc ? cli_fail(ctx, rc) : 0;
    }
    fin_free(&in);
    return rc ? rc : print_agreement(ctx, id);
}

static int cmd_update_or_amend(cli_ctx *ctx, const cli_args *args, int amend)
{
    fin in;
    uint64_t id;
    int rc = need_id(ctx, args, 0, &id);
    if (rc) return rc;
    rc = read_fields(ctx, args, &in);
    if (!rc && !in.mask) rc = cli_usage(ctx, M_NOTHING_TO_UPDATE, ctx->path);
    if (!rc) {
        rc = amend ? km_agreement_amend(ctx->net, id, &in.f, in.mask, opt_str(args, A_RATIONALE))
                   : km_agreement_update(ctx->net, id, &in.f, in.mask);
        rc = rc ? cli_fail(ctx, rc) : 0;
    }
    fin_free(&in);
    return rc ? rc : print_agreement(ctx, id);
}
static int cmd_update(cli_ctx *ctx, const cli_args *args) { return cmd_update_or_amend(ctx, args, 0); }
static int cmd_amend(cli_ctx *ctx, const cli_args *args) { return cmd_update_or_amend(ctx, args, 1); }

/* ---- show, list, versions ------------------------------------------------ */

static int cmd_show(cli_ctx *ctx, const cli_args *args)
{
    const char *ref = opt_str(args, A_REFERENCE);
    const cli_optval *ver = opt_get(args, A_VERSION);
    km_agreement *a = NULL;
    uint64_t id = 0;
    uint32_t v = 0;
    out_row *row;
    int rc;
    if (ref && args->npos) return cli_usage(ctx, M_ID_OR_EXTERNAL_ID);
    if (!ref && (rc = need_id(ctx, args, 0, &id))) return rc;
    if (ver && cli_value_u32(ctx, ver, &v)) return CLI_EXIT_USAGE;
    if (ref) {
        rc = km_agreement_get_by_reference(&a, ctx->net, ref);
        if (!rc && ver) {
            id = km_agreement_id(a);
            km_agreement_free(a);
            a = NULL;
        }
    }
    if (!ref || ver) rc = ver ? km_agreement_get_version(&a, ctx->net, id, v) : km_agreement_get(&a, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = cli_agreement_row(ctx, a, 1);
    km_agreement_free(a);
    return cli_emit(ctx, row);
}

/* The filters of km_agreement_query, for list and count. */
static int read_filters(cli_ctx *ctx, const cli_args *args, km_agreement_query *q0)
{
    km_agreement_query init = KM_AGREEMENT_QUERY_INIT, q = init;
    size_t i;
    int rc = 0;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case A_PARTNER: rc = cli_value_u64(ctx, o, &q.party); break;
        case A_TYPE: rc = cli_value_enum(ctx, o, &cli_enum_agreement_type, &q.type); break;
        case A_FAMILY: rc = cli_value_enum(ctx, o, &cli_enum_family, &q.family); break;
        case A_STATUS: rc = cli_value_enum(ctx, o, &cli_enum_agreement_status, &q.status); break;
        case A_FRAMEWORK: rc = cli_value_u64(ctx, o, &q.framework_id); break;
        case A_REGION: q.region_prefix = o->value; break;
        case A_SECTOR: q.sector = o->value; break;
        case A_ACTIVE_ON: rc = cli_value_date(ctx, o); q.active_on = o->value; break;
        default: break;
        }
        if (rc) return CLI_EXIT_USAGE;
    }
    *q0 = q;
    return 0;
}

static int cmd_count(cli_ctx *ctx, const cli_args *args)
{
    km_agreement_query q;
    uint64_t n = 0;
    int rc = read_filters(ctx, args, &q);
    if (rc) return rc;
    rc = km_agreement_count(&n, ctx->net, &q);
    return cli_count_emit(ctx, rc, n);
}

CLI_LIST_PAGE_FN(agreement, cli_agreement_row(ctx, item, 0))

static int cmd_list(cli_ctx *ctx, const cli_args *args)
{
    km_agreement_query q;
    size_t i;
    int all = 1, rc = read_filters(ctx, args, &q);
    for (i = 0; i < args->nopts && !rc; i++) rc = cli_page_opt(ctx, &args->opts[i], &q.limit, &q.cursor, &all);
    if (rc) return rc;
    return cli_list_emit(ctx, "agreements", "id,reference,title,type,status,start_date,end_date,value,parties",
                         list_page, &q, q.cursor, all);
}

static int cmd_versions(cli_ctx *ctx, const cli_args *args)
{
    km_agreement *a = NULL;
    uint64_t id;
    uint32_t v, last;
    out_row *row;
    size_t cell;
    int rc = need_id(ctx, args, 0, &id);
    if (rc) return rc;
    if ((rc = km_agreement_get(&a, ctx->net, id))) return cli_fail(ctx, rc);
    last = km_agreement_version(a);
    km_agreement_free(a);
    row = out_row_new();
    cell = out_rows(row, "versions", "version,time,status,title,value,amended_fields,amendment_rationale", 0);
    for (v = 1; v <= last; v++) {
        out_row *r;
        if ((rc = km_agreement_get_version(&a, ctx->net, id, v))) {
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        r = out_row_new();
        out_u64(r, "version", v);
        out_time(r, "time", km_agreement_version_time(a));
        cli_enum_out(r, "status", &cli_enum_agreement_status, km_agreement_status_of(a), ctx->lang);
        out_str(r, "title", km_agreement_title(a));
        cli_money_out(r, "value", km_agreement_value(a), km_agreement_currency(a), ctx->json, ctx->lang);
        out_str(r, "amendment_rationale", km_agreement_amendment_rationale(a));
        amended_out(ctx, r, km_agreement_amendment_fields(a));
        out_rows_add(row, cell, r);
        km_agreement_free(a);
        a = NULL;
    }
    return cli_emit(ctx, row);
}

/* ---- parties and lifecycle ----------------------------------------------- */

static int cmd_party_add(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id, pid;
    uint32_t roles = 0;
    const char *r = opt_str(args, A_ROLES);
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = need_opt_id(ctx, args, A_PARTNER, "--partner", &pid))) return rc;
    if (!r) return cli_usage(ctx, M_MISSING_ARGUMENT, "--roles", ctx->path);
    if (cli_value_roles(ctx, "--roles", r, &roles)) return CLI_EXIT_USAGE;
    if ((rc = km_agreement_add_party(ctx->net, id, pid, roles, opt_str(args, A_RATIONALE)))) return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}

static int cmd_party_remove(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id, pid;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = need_opt_id(ctx, args, A_PARTNER, "--partner", &pid))) return rc;
    if ((rc = km_agreement_remove_party(ctx->net, id, pid, opt_str(args, A_RATIONALE)))) return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}

static int cmd_sign(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id, pid;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id)) || (rc = need_opt_id(ctx, args, A_PARTNER, "--partner", &pid))) return rc;
    if ((rc = km_agreement_sign(ctx->net, id, pid))) return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}

static int cmd_activate(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_agreement_activate(ctx->net, id, opt_str(args, A_OVERRIDE)))) return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}

typedef int (*reason_fn)(km_network *, uint64_t, const char *);
static int run_reason(cli_ctx *ctx, const cli_args *args, reason_fn fn)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = fn(ctx->net, id, opt_str(args, A_REASON)))) return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}
static int cmd_propose(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_propose); }
static int cmd_suspend(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_suspend); }
static int cmd_resume(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_resume); }
static int cmd_complete(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_complete); }
static int cmd_terminate(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_terminate); }
static int cmd_cancel(cli_ctx *ctx, const cli_args *args) { return run_reason(ctx, args, km_agreement_cancel); }

/* The general form: the status by name. It adds nothing the specific
 * commands lack, but lets a script drive the lifecycle from data. */
static int cmd_transition(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *o = opt_get(args, A_STATUS);
    uint64_t id;
    int st, rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, "--status", ctx->path);
    if (cli_value_enum(ctx, o, &cli_enum_agreement_status, &st)) return CLI_EXIT_USAGE;
    if ((rc = km_agreement_transition(ctx->net, id, st, opt_str(args, A_REASON), opt_str(args, A_OVERRIDE))))
        return cli_fail(ctx, rc);
    return print_agreement(ctx, id);
}

static int need_date(cli_ctx *ctx, const cli_args *args, const char **out)
{
    const cli_optval *o = opt_get(args, A_DATE);
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, "--date", ctx->path);
    if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
    *out = o->value;
    return 0;
}

static int cmd_expire_due(cli_ctx *ctx, const cli_args *args)
{
    const char *date;
    uint64_t n = 0;
    out_row *row;
    int rc;
    if ((rc = need_date(ctx, args, &date))) return rc;
    if ((rc = km_agreement_expire_due(&n, ctx->net, date))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "expired", n);
    return cli_emit(ctx, row);
}

static int cmd_check(cli_ctx *ctx, const cli_args *args)
{
    km_check *c = NULL;
    uint64_t id;
    out_row *row;
    size_t i, cell;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_agreement_check(&c, ctx->net, id))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "agreement_id", id);
    if (km_check_framework_id(c)) out_u64(row, "framework_id", km_check_framework_id(c));
    else out_null(row, "framework_id");
    out_u64(row, "framework_version", km_check_framework_version(c));
    cell = out_rows(row, "violations", "rule,field,message", 1);
    for (i = 0; i < km_check_violation_count(c); i++) {
        out_row *r = out_row_new();
        cli_enum_out(r, "rule", &cli_enum_rule, km_check_violation_rule(c, i), ctx->lang);
        out_str(r, "field", km_check_violation_field(c, i));
        out_str(r, "message", km_check_violation_message(c, i, ctx->lang));
        out_rows_add(row, cell, r);
    }
    cell = out_rows(row, "incentives", "incentive", 1);
    for (i = 0; i < km_check_incentive_count(c); i++) {
        out_row *r = out_row_new();
        cli_enum_out(r, "incentive", &cli_enum_incentive, km_check_incentive(c, i), ctx->lang);
        out_rows_add(row, cell, r);
    }
    km_check_free(c);
    return cli_emit(ctx, row);
}

/* ---- milestones, risks ---------------------------------------------------- */

static int milestones_out(cli_ctx *ctx, km_milestones *m)
{
    out_row *row = out_row_new();
    size_t i, cell = out_rows(row, "milestones", "agreement_id,number,type,title,due_date,status,date_met", 0);
    for (i = 0; i < km_milestones_count(m); i++) {
        out_row *r = out_row_new();
        out_u64(r, "agreement_id", km_milestones_agreement(m, i));
        out_u64(r, "number", km_milestones_number(m, i));
        cli_enum_out(r, "type", &cli_enum_milestone_type, km_milestones_type(m, i), ctx->lang);
        out_str(r, "type_code", km_milestone_type_code(km_milestones_type(m, i)));
        out_str(r, "title", km_milestones_title(m, i));
        out_str(r, "due_date", km_milestones_due_date(m, i));
        cli_enum_out(r, "status", &cli_enum_milestone_status, km_milestones_status(m, i), ctx->lang);
        out_str(r, "date_met", km_milestones_date_met(m, i));
        out_rows_add(row, cell, r);
    }
    out_u64(row, "count", km_milestones_count(m));
    km_milestones_free(m);
    return cli_emit(ctx, row);
}

static int cmd_milestone_add(cli_ctx *ctx, const cli_args *args)
{
    km_milestone_fields f = KM_MILESTONE_FIELDS_INIT;
    const cli_optval *o;
    km_milestones *m = NULL;
    uint64_t id;
    uint32_t num = 0;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((o = opt_get(args, A_TYPE)) && cli_value_enum(ctx, o, &cli_enum_milestone_type, &f.type)) return CLI_EXIT_USAGE;
    f.title = opt_str(args, A_TITLE);
    if ((o = opt_get(args, A_DUE))) {
        if (cli_value_date(ctx, o)) return CLI_EXIT_USAGE;
        f.due_date = o->value;
    }
    if ((rc = km_milestone_add(&num, ctx->net, id, &f))) return cli_fail(ctx, rc);
    if ((rc = km_milestone_list(&m, ctx->net, id))) return cli_fail(ctx, rc);
    return milestones_out(ctx, m);
}

static int cmd_milestone_status(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *o = opt_get(args, A_STATUS), *d = opt_get(args, A_DATE);
    km_milestones *m = NULL;
    uint64_t id;
    uint32_t num;
    int st, rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "NUMBER", ctx->path);
    if (cli_parse_u32(args->pos[1], &num)) return cli_usage(ctx, M_BAD_NUMBER, "NUMBER", args->pos[1]);
    if (!o) return cli_usage(ctx, M_MISSING_ARGUMENT, "--status", ctx->path);
    if (cli_value_enum(ctx, o, &cli_enum_milestone_status, &st)) return CLI_EXIT_USAGE;
    if (d && cli_value_date(ctx, d)) return CLI_EXIT_USAGE;
    if ((rc = km_milestone_set_status(ctx->net, id, num, st, d ? d->value : NULL))) return cli_fail(ctx, rc);
    if ((rc = km_milestone_list(&m, ctx->net, id))) return cli_fail(ctx, rc);
    return milestones_out(ctx, m);
}

static int cmd_milestone_list(cli_ctx *ctx, const cli_args *args)
{
    km_milestones *m = NULL;
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if ((rc = km_milestone_list(&m, ctx->net, id))) return cli_fail(ctx, rc);
    return milestones_out(ctx, m);
}

static int cmd_milestone_overdue(cli_ctx *ctx, const cli_args *args)
{
    km_milestones *m = NULL;
    const char *date;
    int rc;
    if ((rc = need_date(ctx, args, &date))) return rc;
    if ((rc = km_milestone_overdue(&m, ctx->net, date))) return cli_fail(ctx, rc);
    return milestones_out(ctx, m);
}

static int risks_out(cli_ctx *ctx, uint64_t id)
{
    km_risks *k = NULL;
    out_row *row;
    size_t i, cell;
    int rc = km_risk_list(&k, ctx->net, id);
    if (rc) return cli_fail(ctx, rc);
    row = out_row_new();
    cell = out_rows(row, "risks", "number,category,allocation,mitigation", 0);
    for (i = 0; i < km_risks_count(k); i++) {
        out_row *r = out_row_new();
        out_u64(r, "number", km_risks_number(k, i));
        cli_enum_out(r, "category", &cli_enum_risk_category, km_risks_category(k, i), ctx->lang);
        cli_enum_out(r, "allocation", &cli_enum_risk_allocation, km_risks_allocation(k, i), ctx->lang);
        out_str(r, "mitigation", km_risks_mitigation(k, i));
        out_rows_add(row, cell, r);
    }
    km_risks_free(k);
    return cli_emit(ctx, row);
}

static int cmd_risk_add(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *c = opt_get(args, A_CATEGORY), *a = opt_get(args, A_ALLOCATION);
    uint64_t id;
    uint32_t num;
    int cat, alloc, rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if (!c) return cli_usage(ctx, M_MISSING_ARGUMENT, "--category", ctx->path);
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--allocation", ctx->path);
    if (cli_value_enum(ctx, c, &cli_enum_risk_category, &cat) || cli_value_enum(ctx, a, &cli_enum_risk_allocation, &alloc))
        return CLI_EXIT_USAGE;
    if ((rc = km_risk_add(&num, ctx->net, id, cat, alloc, opt_str(args, A_MITIGATION)))) return cli_fail(ctx, rc);
    return risks_out(ctx, id);
}

static int cmd_risk_update(cli_ctx *ctx, const cli_args *args)
{
    const cli_optval *a = opt_get(args, A_ALLOCATION);
    uint64_t id;
    uint32_t num;
    int alloc, rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    if (args->npos < 2) return cli_usage(ctx, M_MISSING_ARGUMENT, "NUMBER", ctx->path);
    if (cli_parse_u32(args->pos[1], &num)) return cli_usage(ctx, M_BAD_NUMBER, "NUMBER", args->pos[1]);
    if (!a) return cli_usage(ctx, M_MISSING_ARGUMENT, "--allocation", ctx->path);
    if (cli_value_enum(ctx, a, &cli_enum_risk_allocation, &alloc)) return CLI_EXIT_USAGE;
    if ((rc = km_risk_update(ctx->net, id, num, alloc, opt_str(args, A_MITIGATION)))) return cli_fail(ctx, rc);
    return risks_out(ctx, id);
}

static int cmd_risk_list(cli_ctx *ctx, const cli_args *args)
{
    uint64_t id;
    int rc;
    if ((rc = need_id(ctx, args, 0, &id))) return rc;
    return risks_out(ctx, id);
}

/* ---- money ------------------------------------------------------------------ */

/* One agreement's commitments: committed, disbursed, outstanding... per
 * currency (or in one currency), the absorption and the rates used. */
static int cmd_totals(cli_ctx *ctx, const cli_args *args)
{
    km_totals_query q = KM_TOTALS_QUERY_INIT;
    km_agreement *a = NULL;
    const char **rates;
    size_t i, n = 0;
    int rc = need_id(ctx, args, 0, &q.agreement_id);
    if (rc) return rc;
    rates = (const char **)cli_xmalloc((args->nopts + 1) * sizeof *rates);
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        switch (o->id) {
        case A_DATE: rc = cli_value_date(ctx, o); q.as_of_date = o->value; break;
        case A_GROUP:
            rc = cli_value_enum(ctx, o, &cli_enum_totals_group, &q.group_by);
            if (!rc && (q.group_by == KM_GROUP_AGREEMENT || q.group_by == KM_GROUP_FRAMEWORK))
                rc = cli_usage(ctx, M_BAD_CHOICE, o->name, o->value, "none, commitment, provider, recipient, kind, status");
            break;
        case A_CURRENCY: q.currency = o->value; break;
        case A_RATE: rates[n++] = o->value; break;
        case A_VALUE_QUANTITIES: q.value_quantities = 1; break;
        default: break;
        }
    }
    /* the library sums an unknown agreement as empty: check it exists */
    if (!rc && (rc = km_agreement_get(&a, ctx->net, q.agreement_id))) rc = cli_fail(ctx, rc);
    km_agreement_free(a);
    if (!rc) rc = cli_totals_emit(ctx, &q, rates, n);
    free((void *)rates);
    return rc;
}

/* km_agreement_totals(): the running totals of agreement values per type in
 * one currency (O(1) each). */
static int cmd_value_totals(cli_ctx *ctx, const cli_args *args)
{
    const char *currency = NULL;
    uint32_t mask = 0;
    int type = -1, t, rc = 0;
    int64_t sum = 0;
    uint64_t count = 0;
    out_row *row;
    size_t i, cell;
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *o = &args->opts[i];
        int st;
        switch (o->id) {
        case A_CURRENCY: currency = o->value; break;
        case A_TYPE: rc = cli_value_enum(ctx, o, &cli_enum_agreement_type, &type); break;
        case A_STATUS:
            rc = cli_value_enum(ctx, o, &cli_enum_agreement_status, &st);
            if (!rc) mask |= st >= 0 && st < 32 ? KM_AGREEMENT_STATUS_BIT(st) : 0x80000000u;
            break;
        default: break;
        }
    }
    if (rc) return CLI_EXIT_USAGE;
    if (!currency) return cli_usage(ctx, M_MISSING_ARGUMENT, "--currency", ctx->path);
    row = out_row_new();
    out_str(row, "currency", currency);
    out_strs(row, "statuses");
    for (i = 0; i < KM_AGREEMENT_STATUS__COUNT; i++)
        if (mask ? mask & KM_AGREEMENT_STATUS_BIT(i) : i != KM_AGREEMENT_CANCELLED)
            out_strs_add(row, ctx->json ? cli_enum_name(&cli_enum_agreement_status, (int)i)
                                        : km_agreement_status_label((int)i, ctx->lang));
    cell = out_rows(row, "by_type", "type,agreements,value", 1);
    for (t = type >= 0 ? type : 0; t < (type >= 0 ? type + 1 : KM_AGREEMENT_TYPE__COUNT); t++) {
        int64_t v = 0;
        uint64_t c = 0;
        out_row *r;
        if ((rc = km_agreement_totals(&v, &c, ctx->net, t, currency, mask))) {
            out_row_free(row);
            return cli_fail(ctx, rc);
        }
        if (type < 0 && c == 0) continue;
        r = out_row_new();
        cli_enum_out(r, "type", &cli_enum_agreement_type, t, ctx->lang);
        out_u64(r, "agreements", c);
        cli_money_out(r, "value", v, currency, ctx->json, ctx->lang);
        out_rows_add(row, cell, r);
        if (sum >= 0) sum = sum > INT64_MAX - v ? -1 : sum + v; /* -1: too large to add up */
        count += c;
    }
    out_u64(row, "agreements", count);
    if (sum >= 0) cli_money_out(row, "value", sum, currency, ctx->json, ctx->lang);
    else out_null(row, "value");
    return cli_emit(ctx, row);
}

#define RD CLI_READ
#define WR CLI_WRITE
#define S(id, en) { id, en }
const cli_command cli_agreement_commands[] = {
    { "add", "--title T --reference REF --type TYPE [--party ID:ROLES]... [options]", S("mencatat perjanjian baru (draf)", "record a new agreement (draft)"), add_opts,
      "kemitraan agreement add --title \"PKS Air Bersih\" --reference PKS/001/2025 --type cooperation --start 2025-01-01 --end 2027-12-31 --value 1500000000.00 --currency IDR --party 1:accountable --party 2:implementing", WR, 0, cmd_add },
    { "show", "ID | --reference REF [--version N]", S("menampilkan satu perjanjian", "show one agreement"), show_opts, "kemitraan agreement show 1", RD, 1, cmd_show },
    { "list", "[filters] [--limit N] [--cursor C] [--all]", S("daftar perjanjian", "list agreements"), list_opts, "kemitraan agreement list --status active --region 32 --limit 20", RD, 0, cmd_list },
    { "count", "[filters]", S("menghitung perjanjian yang cocok", "count the matching agreements"), count_opts, "kemitraan agreement count --status active --family public_private", RD, 0, cmd_count },
    { "update", "ID [field options]", S("mengubah draf", "change a draft"), add_opts, "kemitraan agreement update 1 --purpose \"Akses air minum\"", WR, 1, cmd_update },
    { "amend", "ID [field options] --rationale TEXT", S("amandemen (versi baru)", "amend (new version)"), amend_opts, "kemitraan agreement amend 1 --end 2028-12-31 --rationale \"Addendum I\"", WR, 1, cmd_amend },
    { "versions", "ID", S("riwayat versi", "version history"), NULL, "kemitraan agreement versions 1", RD, 1, cmd_versions },
    { "party-add", "ID --partner ID --roles ROLES", S("menambah pihak", "add a party"), party_opts, "kemitraan agreement party-add 1 --partner 5 --roles funding", WR, 1, cmd_party_add },
    { "party-remove", "ID --partner ID", S("mengeluarkan pihak", "remove a party"), party_opts, "kemitraan agreement party-remove 1 --partner 5", WR, 1, cmd_party_remove },
    { "propose", "ID [--reason T]", S("mengajukan kepada para pihak", "propose to the parties"), reason_opts, "kemitraan agreement propose 1", WR, 1, cmd_propose },
    { "sign", "ID --partner ID", S("pihak menandatangani", "a party signs"), sign_opts, "kemitraan agreement sign 1 --partner 2", WR, 1, cmd_sign },
    { "activate", "ID [--override-justification T]", S("memberlakukan", "bring into force"), activate_opts, "kemitraan agreement activate 1", WR, 1, cmd_activate },
    { "suspend", "ID --reason T", S("menangguhkan", "suspend"), reason_opts, "kemitraan agreement suspend 1 --reason \"audit\"", WR, 1, cmd_suspend },
    { "resume", "ID [--reason T]", S("melanjutkan", "resume"), reason_opts, "kemitraan agreement resume 1", WR, 1, cmd_resume },
    { "complete", "ID [--reason T]", S("menyelesaikan", "complete"), reason_opts, "kemitraan agreement complete 1", WR, 1, cmd_complete },
    { "terminate", "ID --reason T", S("mengakhiri lebih awal", "terminate early"), reason_opts, "kemitraan agreement terminate 1 --reason \"wanprestasi\"", WR, 1, cmd_terminate },
    { "cancel", "ID --reason T", S("membatalkan sebelum ditandatangani", "cancel before signing"), reason_opts, "kemitraan agreement cancel 1 --reason \"ditarik\"", WR, 1, cmd_cancel },
    { "transition", "ID --status S [--reason T] [--override-justification T]", S("mengubah status (bentuk umum)", "change status (general form)"), transition_opts,
      "kemitraan agreement transition 1 --status suspended --reason \"audit BPKP\"", WR, 1, cmd_transition },
    { "expire-due", "--date DATE", S("mengakhiri yang lewat tanggal akhir", "expire those past their end date"), date_opts, "kemitraan agreement expire-due --date 2026-01-01", WR, 0, cmd_expire_due },
    { "check", "ID", S("pelanggaran kerangka dan insentif", "framework violations and incentives"), NULL, "kemitraan agreement check 1", RD, 1, cmd_check },
    { "milestone-add", "ID --type T --title T --due DATE", S("menambah tonggak", "add a milestone"), milestone_add_opts, "kemitraan agreement milestone-add 1 --type reporting --title \"Laporan semester\" --due 2025-06-30", WR, 1, cmd_milestone_add },
    { "milestone-status", "ID NUMBER --status S [--date DATE]", S("status tonggak", "milestone status"), milestone_status_opts, "kemitraan agreement milestone-status 1 1 --status met --date 2025-06-28", WR, 2, cmd_milestone_status },
    { "milestone-list", "ID", S("tonggak sebuah perjanjian", "an agreement's milestones"), NULL, "kemitraan agreement milestone-list 1", RD, 1, cmd_milestone_list },
    { "milestone-overdue", "--date DATE", S("tonggak terlambat", "overdue milestones"), date_opts, "kemitraan agreement milestone-overdue --date 2025-12-31", RD, 0, cmd_milestone_overdue },
    { "risk-add", "ID --category C --allocation A [--mitigation T]", S("menambah risiko", "add a risk"), risk_opts, "kemitraan agreement risk-add 1 --category construction --allocation private", WR, 1, cmd_risk_add },
    { "risk-update", "ID NUMBER --allocation A [--mitigation T]", S("mengubah risiko", "change a risk"), risk_opts, "kemitraan agreement risk-update 1 1 --allocation shared", WR, 2, cmd_risk_update },
    { "risk-list", "ID", S("daftar risiko", "list risks"), NULL, "kemitraan agreement risk-list 1", RD, 1, cmd_risk_list },
    { "totals", "ID [--date DATE] [--group G] [--currency C --rate CODE=RATE...]", S("dana satu perjanjian: komitmen, pencairan, daya serap", "one agreement's money: committed, disbursed, absorption"), totals_opts,
      "kemitraan agreement totals 1 --currency IDR --rate USD=15500 --date 2025-12-31", RD, 1, cmd_totals },
    { "value-totals", "--currency C [--type T] [--status S]...", S("total nilai perjanjian per jenis", "agreement values per type"), value_totals_opts,
      "kemitraan agreement value-totals --currency IDR --status active --status suspended", RD, 0, cmd_value_totals },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
