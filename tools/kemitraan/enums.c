/* enums.c: machine names of the library's enums (enums.h). */
#include "enums.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const entity_names[] = { "network", "partner" };
const cli_enum cli_enum_entity = { "entity", entity_names, 0, COUNT(entity_names), km_entity_label, NULL };

static const char *const partner_kind_names[] = {
    "ministry",      "government_agency", "regional_government", "state_enterprise",
    "private_business", "ngo",            "academic",            "international",
    "community",     "individual",        "foundation",
};

static void partner_kind_extra(out_row *row, int value)
{
    out_i64(row, "iati_org_type", km_partner_kind_iati(value));
}

const cli_enum cli_enum_partner_kind = { "partner_kind", partner_kind_names, 0, COUNT(partner_kind_names),
                                         km_partner_kind_label, partner_kind_extra };

static const char *const partner_status_names[] = { "active", "suspended", "archived" };
const cli_enum cli_enum_partner_status = { "partner_status", partner_status_names, 0, COUNT(partner_status_names),
                                           km_partner_status_label, NULL };

/* The library has no labels for km_sync_mode: the tool's own. */
static const char *const sync_mode_names[] = { "full", "normal", "off" };
static const char *sync_mode_label(int value, int lang)
{
    static const char *const labels[3][2] = {
        { "penuh: disinkronkan ke disk sebelum setiap commit selesai",
          "full: synced to disk before every commit returns" },
        { "normal: sinkronisasi berkelompok (paling lama 100 ms)", "normal: group sync (at most 100 ms)" },
        { "mati: tidak pernah sinkron (uji, impor yang bisa diulang)", "off: never synced (tests, redoable imports)" },
    };
    if (value < 0 || value > 2) return "?";
    return labels[value][lang == KM_LANG_EN ? 1 : 0];
}
const cli_enum cli_enum_sync_mode = { "sync_mode", sync_mode_names, 0, COUNT(sync_mode_names), sync_mode_label,
                                      NULL };

/* Error codes, from KM_ITEROVER (-15) up to KM_OK (0). */
static const char *const error_names[] = {
    "KM_ITEROVER", "KM_EVERSION", "KM_EBUSY",     "KM_EREADONLY", "KM_ERANGE",  "KM_EDENIED",
    "KM_ENOMEM",   "KM_ECORRUPT", "KM_ESTORAGE", "KM_ECONFLICT", "KM_ESTATE",  "KM_EEXISTS",
    "KM_ENOTFOUND", "KM_EINVAL",  "KM_ERROR",    "KM_OK",
};

static void error_extra(out_row *row, int value) { out_i64(row, "exit_code", cli_exit_code(value)); }

const cli_enum cli_enum_error = { "error_code", error_names, KM_ITEROVER, COUNT(error_names), km_strerror_lang,
                                  error_extra };

#ifdef KEMITRAAN_DIMENSION_H
/* Appears by itself once the umbrella header includes dimension.h. */
static const char *const dimension_names[] = { "innovation", "efficiency", "impact", "sustainability",
                                               "public_trust" };
static const cli_enum cli_enum_dimension = { "dimension", dimension_names, 0, COUNT(dimension_names),
                                             km_dimension_label, NULL };
#endif

const cli_enum *const cli_enums[] = {
    &cli_enum_entity,
    &cli_enum_partner_kind,
    &cli_enum_partner_status,
#ifdef KEMITRAAN_DIMENSION_H
    &cli_enum_dimension,
#endif
    &cli_enum_sync_mode,
    &cli_enum_error,
    NULL,
};

const char *cli_enum_name(const cli_enum *e, int value)
{
    if (value < e->first || value - e->first >= e->count) return NULL;
    return e->names[value - e->first];
}

void cli_enum_out(out_row *row, const char *key, const cli_enum *e, int value, int lang)
{
    char num[16];
    const char *name = cli_enum_name(e, value);
    if (!name) { /* a value newer than this tool: show the number */
        snprintf(num, sizeof num, "%d", value);
        name = num;
    }
    out_enum(row, key, name, e->label(value, lang));
}

/* "a, b, c" */
static char *choices(const cli_enum *e)
{
    size_t len = 1, i;
    char *s;
    for (i = 0; i < (size_t)e->count; i++) len += strlen(e->names[i]) + 2;
    s = (char *)cli_xmalloc(len);
    s[0] = '\0';
    for (i = 0; i < (size_t)e->count; i++) {
        if (i) strcat(s, ", ");
        strcat(s, e->names[i]);
    }
    return s;
}

int cli_value_enum_str(cli_ctx *ctx, const char *what, const char *s, const cli_enum *e, int *out)
{
    char *list;
    int i, rc;
    for (i = 0; i < e->count; i++) {
        if (cli_name_eq(s, e->names[i])) {
            *out = e->first + i;
            return 0;
        }
    }
    if (cli_parse_int(s, out) == 0) return 0;
    list = choices(e);
    rc = cli_usage(ctx, M_BAD_CHOICE, what, s, list);
    free(list);
    return rc;
}

int cli_value_enum(cli_ctx *ctx, const cli_optval *o, const cli_enum *e, int *out)
{
    return cli_value_enum_str(ctx, o->name, o->value, e, out);
}
