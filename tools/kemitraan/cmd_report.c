/* cmd_report.c: the monitoring officer's page (report) and the partner
 * network as a graph (network).
 *
 * The co-agreement graph is the library's view (km_view_build,
 * KM_VIEW_COAGREEMENT): one vertex per partner, an undirected edge between
 * two partners for every agreement in force on the date that both are
 * party to, weighted by the number of such agreements. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "util.h"
#include "values.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

void cli_num_out(out_row *row, const char *key, double v)
{
    char buf[48];
    if (isnan(v) || isinf(v) || v < 0) { /* the library's "no data" is negative */
        out_null(row, key);
        return;
    }
    snprintf(buf, sizeof buf, "%.4f", v);
    if (strcmp(buf, "-0.0000") == 0) strcpy(buf, "0.0000");
    out_json(row, key, buf);
}

/* ---- the co-agreement graph (km_view, view.h) -------------------------------- */

void cli_graph_free(cli_graph *g)
{
    size_t i;
    if (!g) return;
    km_view_free(g->view);
    for (i = 0; i < g->n; i++) {
        free(g->names[i]);
        free(g->regions[i]);
    }
    free(g->ids);
    free(g->names);
    free(g->regions);
    free(g->kinds);
    memset(g, 0, sizeof *g);
}

int cli_graph_build(cli_graph *g, km_network *net, const char *as_of)
{
    km_view_options o = KM_VIEW_OPTIONS_INIT;
    size_t i, n;
    int rc;
    memset(g, 0, sizeof *g);
    o.kind = KM_VIEW_COAGREEMENT;
    o.as_of = as_of;
    o.vertices = KM_VIEW_VERTICES_ALL;
    if ((rc = km_view_build(&g->view, net, &o))) return rc;
    g->g = km_view_graph(g->view);
    n = km_view_partner_count(g->view);
    g->ids = (uint64_t *)cli_xmalloc((n + 1) * sizeof *g->ids);
    g->names = (char **)cli_xmalloc((n + 1) * sizeof *g->names);
    g->regions = (char **)cli_xmalloc((n + 1) * sizeof *g->regions);
    g->kinds = (int32_t *)cli_xmalloc((n + 1) * sizeof *g->kinds);
    for (i = 0; i < n; i++) {
        km_partner *p = NULL;
        g->ids[i] = km_view_partner_id(g->view, (uint32_t)i);
        if ((rc = km_partner_get(&p, net, g->ids[i]))) {
            g->n = i;
            cli_graph_free(g);
            return rc;
        }
        g->names[i] = cli_xstrdup(km_partner_name(p));
        g->regions[i] = cli_xstrdup(km_partner_region(p) ? km_partner_region(p) : "");
        g->kinds[i] = km_partner_kind_of(p);
        km_partner_free(p);
        g->n = i + 1;
    }
    return 0;
}

int cli_graph_measures(cli_graph *g, cli_measures *m)
{
    km_betweenness_options bo = KM_BETWEENNESS_OPTIONS_INIT;
    km_pagerank_options po = KM_PAGERANK_OPTIONS_INIT;
    size_t n = g->n ? g->n : 1;
    uint32_t ncomp = 0;
    int rc;
    memset(m, 0, sizeof *m);
    m->degree = (uint32_t *)cli_xmalloc(n * sizeof *m->degree);
    m->betweenness = (double *)cli_xmalloc(n * sizeof(double));
    m->pagerank = (double *)cli_xmalloc(n * sizeof(double));
    m->constraint = (double *)cli_xmalloc(n * sizeof(double));
    m->brokerage = (uint64_t *)cli_xmalloc(n * KM_BROKER__COUNT * sizeof(uint64_t));
    m->component = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    m->comp_size = (uint32_t *)cli_xmalloc(n * sizeof(uint32_t));
    if (!g->n) return 0;
    bo.normalized = 1;
    po.weighted = 1;
    if ((rc = km_graph_degree(m->degree, n, g->g, KM_GRAPH_ALL)) || (rc = km_graph_betweenness(m->betweenness, n, g->g, &bo)) ||
        (rc = km_graph_pagerank(m->pagerank, n, g->g, &po)) || (rc = km_graph_constraint(m->constraint, n, g->g, 1)) ||
        (rc = km_graph_brokerage(m->brokerage, n * KM_BROKER__COUNT, g->g, g->kinds, g->n)) ||
        (rc = km_graph_components(m->component, n, &ncomp, g->g)) ||
        (rc = km_graph_component_sizes(m->comp_size, n, &m->ncomp, g->g)))
        return rc;
    return 0;
}

void cli_measures_free(cli_measures *m)
{
    free(m->degree);
    free(m->betweenness);
    free(m->pagerank);
    free(m->constraint);
    free(m->brokerage);
    free(m->component);
    free(m->comp_size);
    memset(m, 0, sizeof *m);
}

static const char *const broker_names[KM_BROKER__COUNT] = { "coordinator", "itinerant", "gatekeeper", "representative",
                                                            "liaison" };

static out_row *vertex_row(cli_ctx *ctx, const cli_graph *g, const cli_measures *m, size_t v)
{
    out_row *r = out_row_new();
    int b;
    out_u64(r, "partner_id", g->ids[v]);
    out_str(r, "name", g->names[v]);
    cli_enum_out(r, "kind", &cli_enum_partner_kind, g->kinds[v], ctx->lang);
    out_str(r, "region", *g->regions[v] ? g->regions[v] : NULL);
    out_u64(r, "degree", m->degree[v]);
    cli_num_out(r, "betweenness", m->betweenness[v]);
    cli_num_out(r, "pagerank", m->pagerank[v]);
    cli_num_out(r, "constraint", m->constraint[v]);
    out_u64(r, "component_size", m->comp_size[m->component[v]]);
    for (b = 0; b < KM_BROKER__COUNT; b++) {
        static const char *const keys[KM_BROKER__COUNT] = { "broker_coordinator", "broker_itinerant", "broker_gatekeeper",
                                                            "broker_representative", "broker_liaison" };
        out_u64(r, keys[b], m->brokerage[v * KM_BROKER__COUNT + (size_t)b]);
    }
    (void)broker_names;
    return r;
}

static const double *sort_key;
static int by_key_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_key[x] > sort_key[y]) return -1;
    if (sort_key[x] < sort_key[y]) return 1;
    return x < y ? -1 : x > y;
}

/* Adds the top k vertices by key as a table. */
static void top_rows(cli_ctx *ctx, out_row *row, const char *key, const cli_graph *g, const cli_measures *m,
                     const double *by, size_t k)
{
    size_t *ord = (size_t *)cli_xmalloc((g->n + 1) * sizeof *ord), i;
    size_t cell = out_rows(row, key, "partner_id,name,kind,degree,betweenness,pagerank", 1);
    for (i = 0; i < g->n; i++) ord[i] = i;
    sort_key = by;
    qsort(ord, g->n, sizeof *ord, by_key_desc);
    for (i = 0; i < g->n && i < k; i++) out_rows_add(row, cell, vertex_row(ctx, g, m, ord[i]));
    free(ord);
}

/* ---- network -------------------------------------------------------------- */

enum { N_FORMAT = 1, N_MEASURE, N_TOP };
static const cli_opt network_opts[] = {
    { "format", N_FORMAT, 1, "dot|gexf|table", { "format keluaran (bawaan table)", "output format (default table)" } },
    { "measure", N_MEASURE, 1, "M", { "urutkan tabel menurut degree, betweenness, pagerank atau constraint", "sort the table by degree, betweenness, pagerank or constraint" } },
    { "top", N_TOP, 1, "N", { "hanya N baris teratas", "only the top N rows" } },
    NO_OPTS,
};

static int write_file(void *payload, const char *bytes, size_t len)
{
    return fwrite(bytes, 1, len, (FILE *)payload) == len ? 0 : -1;
}

static int cmd_network(cli_ctx *ctx, const cli_args *args)
{
    const char *format = "table", *measure = "betweenness";
    uint32_t top = 0;
    cli_graph g;
    cli_measures m;
    size_t i;
    int rc;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *o = &args->opts[i];
        if (o->id == N_FORMAT) format = o->value;
        if (o->id == N_MEASURE) measure = o->value;
        if (o->id == N_TOP && cli_value_u32(ctx, o, &top)) return CLI_EXIT_USAGE;
    }
    if (strcmp(format, "table") && strcmp(format, "dot") && strcmp(format, "gexf"))
        return cli_usage(ctx, M_BAD_CHOICE, "--format", format, "dot, gexf, table");
    if (strcmp(measure, "degree") && strcmp(measure, "betweenness") && strcmp(measure, "pagerank") &&
        strcmp(measure, "constraint"))
        return cli_usage(ctx, M_BAD_CHOICE, "--measure", measure, "degree, betweenness, pagerank, constraint");
    if ((rc = cli_graph_build(&g, ctx->net, NULL))) return cli_fail(ctx, rc);
    if ((rc = cli_graph_measures(&g, &m))) {
        cli_graph_free(&g);
        cli_measures_free(&m);
        return cli_fail(ctx, rc);
    }
    if (strcmp(format, "table") != 0) {
        km_graph_export_options eo = KM_GRAPH_EXPORT_OPTIONS_INIT;
        const char *attr_names[4] = { "kind", "degree", "betweenness", "pagerank" };
        double *kindd = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
        double *degd = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
        const double *vals[4];
        for (i = 0; i < g.n; i++) {
            kindd[i] = g.kinds[i];
            degd[i] = m.degree[i];
        }
        vals[0] = kindd;
        vals[1] = degd;
        vals[2] = m.betweenness;
        vals[3] = m.pagerank;
        eo.name = "kemitraan";
        eo.labels = (const char *const *)g.names;
        eo.attr_names = attr_names;
        eo.attr_values = vals;
        eo.attr_count = 4;
        eo.values_len = g.n;
        rc = format[0] == 'd' ? km_graph_write_dot(g.g, &eo, write_file, ctx->out)
                              : km_graph_write_gexf(g.g, &eo, write_file, ctx->out);
        free(kindd);
        free(degd);
        cli_graph_free(&g);
        cli_measures_free(&m);
        if (rc) return cli_fail(ctx, rc);
        return fflush(ctx->out) == 0 ? 0 : CLI_EXIT_INTERNAL;
    } else {
        out_row *row = out_row_new();
        double *key = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
        size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord);
        size_t cell;
        double density = 0;
        km_graph_density(&density, g.g);
        out_u64(row, "partners", g.n);
        out_u64(row, "ties", g.n ? km_graph_edge_count(g.g) : 0);
        cli_num_out(row, "density", g.n ? density : NAN);
        out_u64(row, "components", m.ncomp);
        for (i = 0; i < g.n; i++) {
            ord[i] = i;
            key[i] = measure[0] == 'd' ? (double)m.degree[i]
                   : measure[0] == 'b' ? m.betweenness[i]
                   : measure[0] == 'p' ? m.pagerank[i]
                                       : -m.constraint[i];
            if (isnan(key[i])) key[i] = -1e300;
        }
        sort_key = key;
        qsort(ord, g.n, sizeof *ord, by_key_desc);
        cell = out_rows(row, "vertices", "partner_id,name,kind,region,degree,betweenness,pagerank,constraint,broker_liaison,broker_gatekeeper,broker_coordinator", 0);
        for (i = 0; i < g.n && (!top || i < top); i++) out_rows_add(row, cell, vertex_row(ctx, &g, &m, ord[i]));
        free(key);
        free(ord);
        cli_graph_free(&g);
        cli_measures_free(&m);
        return cli_emit(ctx, row);
    }
}

/* ---- match ------------------------------------------------------------------ */

enum { MT_KIND = 1, MT_LIMIT, MT_MIN };
static const cli_opt match_opts[] = {
    { "kind", MT_KIND, 1, "KIND", { "hanya calon dari jenis ini", "only candidates of this kind" } },
    { "limit", MT_LIMIT, 1, "N", { "paling banyak N usulan (bawaan 20)", "at most N suggestions (default 20)" } },
    NO_OPTS,
};

static int cmd_match(cli_ctx *ctx, const cli_args *args)
{
    static const char *const keys[KM_MATCH_COMPONENT__COUNT] = { "capability", "sector", "region", "network",
                                                                 "track_record", "disputes", "suspended" };
    km_match_options o = KM_MATCH_OPTIONS_INIT;
    km_matches *m = NULL;
    uint64_t pid;
    out_row *row;
    size_t i, cell;
    int c, rc;
    if (args->npos < 1) return cli_usage(ctx, M_MISSING_ARGUMENT, "PARTNER", ctx->path);
    if ((rc = cli_value_id(ctx, args->pos[0], &pid))) return rc;
    for (i = 0; i < args->nopts; i++) {
        const cli_optval *x = &args->opts[i];
        if (x->id == MT_KIND && cli_value_enum(ctx, x, &cli_enum_partner_kind, &o.kind)) return CLI_EXIT_USAGE;
        if (x->id == MT_LIMIT && cli_value_u32(ctx, x, &o.limit)) return CLI_EXIT_USAGE;
    }
    if ((rc = km_match_for_partner(&m, ctx->net, pid, &o))) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "partner_id", pid);
    cell = out_rows(row, "suggestions", "candidate_id,name,score,capability,sector,region,network,track_record", 0);
    for (i = 0; i < km_matches_count(m); i++) {
        out_row *r = out_row_new();
        km_partner *p = NULL;
        out_u64(r, "candidate_id", km_matches_partner(m, i));
        if (km_partner_get(&p, ctx->net, km_matches_partner(m, i)) == 0) {
            out_str(r, "name", km_partner_name(p));
            km_partner_free(p);
        } else {
            out_null(r, "name");
        }
        cli_num_out(r, "score", km_matches_score(m, i));
        for (c = 0; c < KM_MATCH_COMPONENT__COUNT; c++) cli_num_out(r, keys[c], km_matches_component(m, i, c));
        out_rows_add(row, cell, r);
    }
    km_matches_free(m);
    return cli_emit(ctx, row);
}

/* ---- report --------------------------------------------------------------- */

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
    km_reporting_free(rp);
    /* disputes */
    dq.open_only = 1;
    if ((rc = km_dispute_count(&open, ctx->net, &dq))) goto fail;
    out_u64(row, "disputes_open", open);
    if ((rc = km_dispute_overdue(&dov, ctx->net, date, NULL))) goto fail;
    out_u64(row, "disputes_overdue", km_dispute_overdue_count(dov));
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
    if ((rc = cli_graph_measures(&g, &m))) goto fail;
    top_rows(ctx, row, "most_central_betweenness", &g, &m, m.betweenness, 5);
    top_rows(ctx, row, "most_central_pagerank", &g, &m, m.pagerank, 5);
    {
        double *iso = (double *)cli_xmalloc((g.n + 1) * sizeof(double));
        size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord), n = 0;
        cell = out_rows(row, "most_isolated", "partner_id,name,kind,degree,component_size", 1);
        for (i = 0; i < g.n; i++) {
            ord[i] = i;
            iso[i] = -(double)m.comp_size[m.component[i]] * 1e6 - (double)m.degree[i];
        }
        sort_key = iso;
        qsort(ord, g.n, sizeof *ord, by_key_desc);
        for (i = 0; i < g.n && n < 5; i++, n++) out_rows_add(row, cell, vertex_row(ctx, &g, &m, ord[i]));
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
extern int cli_cmd_load(cli_ctx *ctx, const cli_args *args);

const cli_command cli_report_commands[] = {
    { "report", "[--as-of DATE]", { "halaman petugas pemantauan", "the monitoring officer's page" }, NULL,
      "kemitraan report --as-of 2025-12-31", CLI_READ, 0, cmd_report },
    { "network", "[--format dot|gexf|table] [--measure M] [--top N]", { "jaringan mitra sebagai graf", "the partner network as a graph" }, network_opts,
      "kemitraan network --format table --measure betweenness --top 10", CLI_READ, 0, cmd_network },
    { "match", "PARTNER [--kind KIND] [--limit N]", { "usulan mitra baru untuk seorang mitra (pencocokan)", "suggested new partners for a partner (matchmaking)" }, match_opts,
      "kemitraan match 24 --kind academic --limit 5", CLI_READ, 1, cmd_match },
    { "demo", "[PATH]", { "membangun jaringan contoh sebuah provinsi dan tur singkat", "build a sample province network and a short tour" }, NULL,
      "kemitraan demo /tmp/jabar-demo.km", CLI_NO_STORE, 1, cli_cmd_demo },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
