/* cmd_report.c: the monitoring officer's page (report): agreements by
 * family and status, money per currency, what is overdue (milestones,
 * tranches, reports, disputes), scores by benefit dimension, and the most
 * central and most isolated partners of the co-agreement graph (the
 * library's view, km_view_build, as of the report's date; cmd_network.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "rows.h"
#include "util.h"
#include "values.h"

void cli_num_out(out_row *row, const char *key, double v)
{
    if (v < 0) out_null(row, key); /* the library's "no data" is negative */
    else out_real(row, key, v);    /* NaN and infinities are null there */
}

/* ---- report --------------------------------------------------------------- */

/* Adds the top k vertices by key as a table. */
static void top_rows(cli_ctx *ctx, out_row *row, const char *key, const cli_graph *g, const cli_measures *m,
                     const double *by, size_t k)
{
    size_t *ord = (size_t *)cli_xmalloc((g->n + 1) * sizeof *ord), i;
    size_t cell = out_rows(row, key, "partner_id,name,kind,degree,betweenness,pagerank", 1);
    cli_order_desc(ord, by, g->n);
    for (i = 0; i < g->n && i < k; i++) out_rows_add(row, cell, cli_vertex_row(ctx, g, m, ord[i]));
    free(ord);
}

/* The date of a time in WIB, YYYY-MM-DD. */
static void wib_date(char out[11], int64_t us)
{
    int64_t days = (us + CLI_WIB_OFFSET_US) / ((int64_t)86400 * 1000000);
    int64_t z, era, doe, yoe, y, doy, mp, d, mo;
    if ((us + CLI_WIB_OFFSET_US) < 0) days--;
    z = days + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    mo = mp < 10 ? mp + 3 : mp - 9;
    if (mo <= 2) y++;
    {
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)y, (int)mo, (int)d);
        memcpy(out, tmp, 10);
        out[10] = 0;
    }
}

static int64_t now_us(void) { return (int64_t)time(NULL) * 1000000; }

void cli_report_date(const cli_ctx *ctx, char out[11])
{
    if (ctx->as_of_time) wib_date(out, ctx->as_of_time);
    else if (ctx->has_test_clock) wib_date(out, ctx->test_clock);
    else wib_date(out, now_us());
}

int cli_totals_rows(cli_ctx *ctx, out_row *row, const km_totals_query *q0);

int cli_report_build(cli_ctx *ctx, const char *date, out_row **out)
{
    km_agreement_query aq = KM_AGREEMENT_QUERY_INIT;
    km_totals_query tq = KM_TOTALS_QUERY_INIT;
    km_reporting_query rq = KM_REPORTING_QUERY_INIT;
    km_dispute_query dq = KM_DISPUTE_QUERY_INIT;
    km_agreement_page *ap = NULL;
    km_milestones *ms = NULL;
    km_tranches *tr = NULL;
    km_reporting *rp = NULL;
    km_dispute_overdue_list *dov = NULL;
    uint64_t counts[KM_FAMILY__COUNT][KM_AGREEMENT_STATUS__COUNT];
    uint64_t due = 0, missing = 0, late = 0, open = 0;
    char *cursor = NULL;
    cli_graph g;
    cli_measures m;
    out_row *row = out_row_new();
    size_t i, cell;
    int f, s, rc = 0;
    memset(counts, 0, sizeof counts);
    memset(&g, 0, sizeof g);
    memset(&m, 0, sizeof m);
    out_str(row, "as_of", date);
    /* counts by family and status */
    for (;;) {
        aq.cursor = cursor;
        aq.limit = 200;
        if ((rc = km_agreement_list(&ap, ctx->net, &aq))) goto fail;
        for (i = 0; i < km_agreement_page_count(ap); i++) {
            const km_agreement *a = km_agreement_page_get(ap, i);
            f = km_agreement_family_of(a);
            s = km_agreement_status_of(a);
            if (f >= 0 && f < KM_FAMILY__COUNT && s >= 0 && s < KM_AGREEMENT_STATUS__COUNT) counts[f][s]++;
        }
        free(cursor);
        cursor = km_agreement_page_cursor(ap) ? cli_xstrdup(km_agreement_page_cursor(ap)) : NULL;
        km_agreement_page_free(ap);
        if (!cursor) break;
    }
    cell = out_rows(row, "agreements_by_family", "family,draft,proposed,signed,active,suspended,completed,terminated,expired,cancelled,total", 1);
    for (f = 0; f < KM_FAMILY__COUNT; f++) {
        static const char *const keys[KM_AGREEMENT_STATUS__COUNT] = { "draft", "proposed", "signed", "active", "suspended",
                                                                     "completed", "terminated", "expired", "cancelled" };
        out_row *r = out_row_new();
        uint64_t total = 0;
        cli_enum_out(r, "family", &cli_enum_family, f, ctx->lang);
        for (s = 0; s < KM_AGREEMENT_STATUS__COUNT; s++) {
            out_u64(r, keys[s], counts[f][s]);
            total += counts[f][s];
        }
        out_u64(r, "total", total);
        out_rows_add(row, cell, r);
    }
    /* money */
    tq.as_of_date = date;
    if ((rc = cli_totals_rows(ctx, row, &tq))) goto fail;
    /* overdue milestones, tranches, reports */
    if ((rc = km_milestone_overdue(&ms, ctx->net, date))) goto fail;
    cell = out_rows(row, "overdue_milestones", "agreement_id,number,title,due_date", 1);
    for (i = 0; i < km_milestones_count(ms); i++) {
        out_row *r = out_row_new();
        out_u64(r, "agreement_id", km_milestones_agreement(ms, i));
        out_u64(r, "number", km_milestones_number(ms, i));
        out_str(r, "title", km_milestones_title(ms, i));
        out_str(r, "due_date", km_milestones_due_date(ms, i));
        out_rows_add(row, cell, r);
    }
    km_milestones_free(ms);
    if ((rc = km_tranche_overdue(&tr, ctx->net, 0, date))) goto fail;
    cell = out_rows(row, "overdue_tranches", "commitment_id,number,planned_date,days_overdue", 1);
    for (i = 0; i < km_tranches_count(tr); i++) {
        out_row *r = out_row_new();
        out_u64(r, "commitment_id", km_tranches_commitment(tr, i));
        out_u64(r, "number", km_tranches_number(tr, i));
        out_str(r, "planned_date", km_tranches_planned_date(tr, i));
        out_i64(r, "days_overdue", km_tranches_days_overdue(tr, i));
        out_rows_add(row, cell, r);
    }
    km_tranches_free(tr);
    rq.as_of = date;
    rq.include_late = 1;
    if ((rc = km_reporting_list(&rp, ctx->net, &rq))) goto fail;
    km_reporting_totals(&due, &missing, &late, rp);
    out_u64(row, "reports_due", due);
    out_u64(row, "reports_missing", missing);
    out_u64(row, "reports_late", late);
    /* the missing and late reports by responsible partner (rows come
     * ordered by partner) */
    cell = out_rows(row, "overdue_reports", "partner_id,name,reports_missing,reports_late,oldest_due_date", 1);
    for (i = 0; i < km_reporting_count(rp);) {
        uint64_t pid = km_reporting_partner(rp, i), nmiss = 0, nlate = 0;
        const char *oldest = NULL;
        out_row *r = out_row_new();
        for (; i < km_reporting_count(rp) && km_reporting_partner(rp, i) == pid; i++) {
            const char *d = km_reporting_due_date(rp, i);
            if (km_reporting_kind(rp, i) == KM_REPORT_MISSING) {
                nmiss++;
                if (d && (!oldest || strcmp(d, oldest) < 0)) oldest = d;
            } else {
                nlate++;
            }
        }
        if (pid) {
            km_partner *p = NULL;
            out_u64(r, "partner_id", pid);
            if (km_partner_get(&p, ctx->net, pid) == 0) {
                out_str(r, "name", km_partner_name(p));
                km_partner_free(p);
            } else {
                out_null(r, "name");
            }
        } else { /* no reporter assigned */
            out_null(r, "partner_id");
            out_str(r, "name", cli_msg_text(L_NONE, ctx->lang));
        }
        out_u64(r, "reports_missing", nmiss);
        out_u64(r, "reports_late", nlate);
        out_str(r, "oldest_due_date", oldest);
        out_rows_add(row, cell, r);
    }
    km_reporting_free(rp);
    /* disputes */
    dq.open_only = 1;
    if ((rc = km_dispute_count(&open, ctx->net, &dq))) goto fail;
    out_u64(row, "disputes_open", open);
    if ((rc = km_dispute_overdue(&dov, ctx->net, date, NULL))) goto fail;
    out_u64(row, "disputes_overdue", km_dispute_overdue_count(dov));
    cell = out_rows(row, "overdue_disputes", "id,status,due_date,days_overdue,owed_by", 1);
    for (i = 0; i < km_dispute_overdue_count(dov); i++) out_rows_add(row, cell, cli_dispute_overdue_row(ctx, dov, i));
    km_dispute_overdue_free(dov);
    /* scorecards */
    {
        km_scorecard_query sq = KM_SCORECARD_QUERY_INIT;
        km_scorecard *sc = NULL;
        int d;
        sq.as_of = date;
        if ((rc = km_scorecard_compute(&sc, ctx->net, &sq))) goto fail;
        cli_num_out(row, "network_score", km_scorecard_score(sc));
        cli_num_out(row, "health_index", km_scorecard_health_index(sc));
        km_scorecard_free(sc);
        cell = out_rows(row, "scores_by_dimension", "dimension,score", 1);
        for (d = 0; d < KM_DIMENSION__COUNT; d++) {
            out_row *r = out_row_new();
            sq.scope = KM_SCOPE_DIMENSION;
            sq.subject = (uint64_t)d;
            sc = NULL;
            if ((rc = km_scorecard_compute(&sc, ctx->net, &sq))) {
                out_row_free(r);
                goto fail;
            }
            cli_enum_out(r, "dimension", &cli_enum_dimension, d, ctx->lang);
            cli_num_out(r, "score", km_scorecard_score(sc));
            km_scorecard_free(sc);
            out_rows_add(row, cell, r);
        }
    }
    /* the network */
    if ((rc = cli_graph_build(&g, ctx->net, date))) goto fail;
    {
        /* only what the page shows: a large network skips the rest */
        cli_measure_opts mo = { 0, 0, 0, NULL, CLI_M_BETWEENNESS | CLI_M_PAGERANK };
        if ((rc = cli_graph_measures_with(&g, &m, &mo))) goto fail;
    }
    top_rows(ctx, row, "most_central_betweenness", &g, &m, m.betweenness, 5);
    top_rows(ctx, row, "most_central_pagerank", &g, &m, m.pagerank, 5);
    {
        double *iso = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
        size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord);
        cell = out_rows(row, "most_isolated", "partner_id,name,kind,degree,component_size", 1);
        for (i = 0; i < g.n; i++) iso[i] = -(double)m.comp_size[m.component[i]] * 1e6 - (double)m.degree[i];
        cli_order_desc(ord, iso, g.n);
        for (i = 0; i < g.n && i < 5; i++) out_rows_add(row, cell, cli_vertex_row(ctx, &g, &m, ord[i]));
        free(iso);
        free(ord);
    }
    cli_graph_free(&g);
    cli_measures_free(&m);
    *out = row;
    return 0;
fail:
    free(cursor);
    cli_graph_free(&g);
    cli_measures_free(&m);
    out_row_free(row);
    return rc;
}

static int cmd_report(cli_ctx *ctx, const cli_args *args)
{
    char date[11];
    out_row *row = NULL;
    int rc;
    (void)args;
    cli_report_date(ctx, date);
    if ((rc = cli_report_build(ctx, date, &row))) return cli_fail(ctx, rc);
    return cli_emit(ctx, row);
}

extern int cli_cmd_demo(cli_ctx *ctx, const cli_args *args);

const cli_command cli_report_commands[] = {
    { "report", "[--as-of DATE]", { "halaman petugas pemantauan", "the monitoring officer's page" }, NULL,
      "kemitraan report --as-of 2025-12-31", CLI_READ, 0, cmd_report },
    { "demo", "[PATH]", { "membangun jaringan contoh sebuah provinsi dan tur singkat", "build a sample province network and a short tour" }, NULL,
      "kemitraan demo /tmp/jabar-demo.km", CLI_NO_STORE, 1, cli_cmd_demo },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
