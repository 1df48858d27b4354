/* cmd_labels.c: `kemitraan labels [ENUM]`: every enum's values with their
 * machine names and labels in the chosen language (for portal developers
 * who want the same words as the library). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "util.h"

static void add_enum(out_row *row, const cli_enum *e, int lang)
{
    size_t list = out_rows(row, e->key, NULL, 1);
    int i;
    for (i = 0; i < e->count; i++) {
        int value = cli_enum_value(e, i);
        const char *name = cli_enum_name(e, value);
        char num[16];
        out_row *r = out_row_new();
        if (!name) { /* the library has a value the tool has no name for yet */
            snprintf(num, sizeof num, "%d", value);
            name = num;
        }
        out_i64(r, "value", value);
        out_str(r, "name", name);
        out_str(r, "label", e->label(value, lang));
        if (e->extra) e->extra(r, value);
        out_rows_add(row, list, r);
    }
}

static int cmd_labels(cli_ctx *ctx, const cli_args *args)
{
    out_row *row = out_row_new();
    size_t i, found = 0;
    for (i = 0; cli_enums[i]; i++) {
        if (args->npos && !cli_name_eq(args->pos[0], cli_enums[i]->key)) continue;
        add_enum(row, cli_enums[i], ctx->lang);
        found++;
    }
    if (!found) {
        size_t len = 1;
        char *keys;
        int rc;
        for (i = 0; cli_enums[i]; i++) len += strlen(cli_enums[i]->key) + 2;
        keys = (char *)cli_xmalloc(len);
        keys[0] = '\0';
        for (i = 0; cli_enums[i]; i++) {
            if (i) strcat(keys, ", ");
            strcat(keys, cli_enums[i]->key);
        }
        rc = cli_usage(ctx, M_BAD_CHOICE, "ENUM", args->pos[0], keys);
        free(keys);
        out_row_free(row);
        return rc;
    }
    return cli_emit(ctx, row);
}

const cli_command cli_labels_commands[] = {
    { "labels", "[ENUM]",
      { "label setiap enum (jenis mitra, status, jenis perjanjian, peran, kode kesalahan...) dalam bahasa pilihan",
        "labels of every enum (partner kinds, statuses, agreement types, roles, error codes...) in the chosen "
        "language" },
      NULL, "kemitraan labels partner_kind --lang en --json", CLI_NO_STORE, 1, cmd_labels },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
