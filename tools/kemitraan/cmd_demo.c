/* cmd_demo.c: `kemitraan demo [PATH]`: builds the partnership network of a
 * fictional Indonesian province (Provinsi Parahyangan Raya; kode wilayah
 * 32 and its regencies/cities) in a fresh store by loading the demo's data
 * file, examples/demo-network.json (format kemitraan-script-1, compiled
 * into the tool; `kemitraan load` runs the same file), then prints a guided
 * tour: the report, a few queries, the brokers and a verification of the
 * audit chain.
 *
 * The story runs from 2023-01 to 2025-12: every step of the file carries
 * its time, so two runs give byte-identical stores. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "enums.h"
#include "load.h"
#include "report.h"
#include "util.h"
#include "values.h"

/* The clock when the story ends: 31 December 2025, 09:00 WIB (the snapshot
 * and anything else written after the last step). */
#define DEMO_END "2025-12-31T09:00"

/* ---- the tour -------------------------------------------------------------------- */

static void heading(cli_ctx *ctx, const char *id, const char *en)
{
    if (!ctx->json) fprintf(ctx->out, "\n== %s ==\n\n", ctx->lang == KM_LANG_EN ? en : id);
}

int cli_cmd_demo(cli_ctx *ctx, const cli_args *args);
int cli_cmd_demo(cli_ctx *ctx, const cli_args *args)
{
    const char *path = args->npos ? args->pos[0] : "kemitraan-demo.km";
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network_options o;
    km_verify_report vr;
    struct stat st;
    char snap[4096];
    out_row *row = NULL, *doc = NULL;
    int rc;
    snprintf(snap, sizeof snap, "%s-snap", path);
    if (stat(path, &st) == 0 || stat(snap, &st) == 0) return cli_error(ctx, CLI_EXIT_CONFLICT, M_STORE_EXISTS, path);
    fo.sync = KM_SYNC_OFF;
    ctx->has_test_clock = 1;
    cli_parse_time(DEMO_END, 0, &ctx->test_clock);
    if ((rc = km_storage_file_open(&ctx->storage, path, &fo))) return cli_fail_open(ctx, rc);
    cli_network_options(ctx, &o, 0);
    /* The demo acts for every partner (it signs for each): an administrator. */
    o.actor = "admin:demo@parahyangan.go.id";
    if ((rc = km_network_open(&ctx->net, ctx->storage, &o))) {
        km_storage_free(ctx->storage);
        ctx->storage = NULL;
        return cli_fail_open(ctx, rc);
    }
    /* A fresh store: nothing to protect, so no rehearsal. */
    rc = cli_load_text(ctx, "examples/demo-network.json", (const char *)cli_demo_script, cli_demo_script_len, 0, 0, 0, &row);
    out_row_free(row);
    row = NULL;
    strcpy(ctx->path, "kemitraan demo");
    if (!rc && (rc = km_network_snapshot(ctx->net))) rc = cli_fail(ctx, rc);
    if (rc) {
        cli_close(ctx);
        return rc;
    }
    /* the tour */
    if (ctx->json) doc = out_row_new();
    else
        fprintf(ctx->out,
                ctx->lang == KM_LANG_EN
                    ? "A partnership network of the fictional Provinsi Parahyangan Raya (kode wilayah 32), "
                      "2023-2025,\nwritten to %s. Explore it with: kemitraan --store %s COMMAND\n"
                    : "Jaringan kemitraan Provinsi Parahyangan Raya (fiktif; kode wilayah 32), 2023-2025,\n"
                      "tersimpan di %s. Jelajahi dengan: kemitraan --store %s PERINTAH\n",
                path, path);
    heading(ctx, "Laporan pemantauan per 31 Desember 2025 (kemitraan report --as-of 2025-12-31)",
            "Monitoring report as of 31 December 2025 (kemitraan report --as-of 2025-12-31)");
    if ((rc = cli_report_build(ctx, "2025-12-31", &row))) {
        out_row_free(doc);
        cli_close(ctx);
        return cli_fail(ctx, rc);
    }
    if (doc) {
        out_str(doc, "store", path);
        out_object(doc, "report", row, 0);
    } else if ((rc = cli_emit(ctx, row))) {
        cli_close(ctx);
        return rc;
    }
    {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        km_agreement_page *page = NULL;
        out_row *r = doc ? doc : out_row_new(); /* JSON: a member of the one document */
        size_t i, cell;
        heading(ctx, "Perjanjian yang berlaku di sektor air (kemitraan agreement list --status active --sector water)",
                "Agreements in force in the water sector (kemitraan agreement list --status active --sector water)");
        q.status = KM_AGREEMENT_ACTIVE;
        q.sector = "water";
        q.limit = 50;
        if ((rc = km_agreement_list(&page, ctx->net, &q)) == 0) {
            cell = out_rows(r, "water_agreements", "reference,title,type,start_date,end_date", 0);
            for (i = 0; i < km_agreement_page_count(page); i++) {
                const km_agreement *a = km_agreement_page_get(page, i);
                out_row *x = out_row_new();
                out_str(x, "reference", km_agreement_reference(a));
                out_str(x, "title", km_agreement_title(a));
                cli_enum_out(x, "type", &cli_enum_agreement_type, km_agreement_type_of(a), ctx->lang);
                out_str(x, "start_date", km_agreement_start_date(a));
                out_str(x, "end_date", km_agreement_end_date(a));
                out_rows_add(r, cell, x);
            }
            km_agreement_page_free(page);
        }
        if (!doc) cli_emit(ctx, r);
    }
    {
        cli_graph g;
        cli_measures m;
        heading(ctx, "Perantara jaringan (kemitraan network --measure betweenness --top 8)",
                "The network's brokers (kemitraan network --measure betweenness --top 8)");
        if (cli_graph_build(&g, ctx->net, "2025-12-31") == 0) {
            if (cli_graph_measures(&g, &m) == 0) {
                out_row *r = doc ? doc : out_row_new();
                size_t cell = out_rows(r, "brokers", "name,kind,degree,betweenness,constraint,broker_liaison", 0), i, j;
                size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord);
                for (i = 0; i < g.n; i++) ord[i] = i;
                for (i = 0; i < g.n; i++) /* selection of the top 8 by betweenness */
                    for (j = i + 1; j < g.n; j++)
                        if (m.betweenness[ord[j]] > m.betweenness[ord[i]]) {
                            size_t t = ord[i];
                            ord[i] = ord[j];
                            ord[j] = t;
                        }
                for (i = 0; i < g.n && i < 8; i++) {
                    out_row *x = out_row_new();
                    size_t v = ord[i];
                    out_str(x, "name", g.names[v]);
                    cli_enum_out(x, "kind", &cli_enum_partner_kind, g.kinds[v], ctx->lang);
                    out_u64(x, "degree", m.degree[v]);
                    cli_num_out(x, "betweenness", m.betweenness[v]);
                    cli_num_out(x, "constraint", m.constraint[v]);
                    out_u64(x, "broker_liaison", m.brokerage[v * KM_BROKER__COUNT + KM_BROKER_LIAISON]);
                    out_rows_add(r, cell, x);
                }
                free(ord);
                if (!doc) cli_emit(ctx, r);
            }
            cli_measures_free(&m);
            cli_graph_free(&g);
        }
    }
    heading(ctx, "Rantai audit (kemitraan verify)", "The audit chain (kemitraan verify)");
    {
        static const km_verify_report vinit = KM_VERIFY_REPORT_INIT;
        vr = vinit;
    }
    rc = km_network_verify(&vr, ctx->net);
    {
        out_row *r = out_row_new();
        out_str(r, "store", path);
        out_bool(r, "intact", rc == 0);
        out_u64(r, "entries_checked", vr.entries);
        out_str(r, "head_hash", vr.head_hash);
        if (doc) {
            out_object(doc, "verify", r, 0);
            cli_emit(ctx, doc);
        } else {
            cli_emit(ctx, r);
        }
    }
    if (rc) {
        cli_close(ctx);
        return CLI_EXIT_VERIFY;
    }
    return cli_close(ctx);
}
