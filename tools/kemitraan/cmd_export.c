/* cmd_export.c: `kemitraan export`: the whole network as one JSON document
 * (partners, frameworks, agreements with parties and milestones,
 * commitments with tranches and ledger, indicators, measurements,
 * disputes, opportunities, expressions of interest), with the same field
 * names as the read commands. The demo's
 * data is kept in examples/demo-network.json in this form, for the Python
 * and Ruby examples. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "rows.h"
#include "util.h"
#include "values.h"

/* Pages through a listing: LIST(page, query) fills page; COUNT, GET,
 * CURSOR, FREE are the page accessors; ROW makes the row of one item. */
#define EACH_PAGE(qtype, qinit, list, count, get, cursor_of, page_free, ptype, body)         \
    do {                                                                                    \
        qtype q_ = qinit;                                                                   \
        char *cur_ = NULL;                                                                  \
        for (;;) {                                                                          \
            ptype *page_ = NULL;                                                            \
            size_t i_;                                                                      \
            q_.cursor = cur_;                                                               \
            q_.limit = 200;                                                                 \
            if ((rc = list(&page_, ctx->net, &q_))) break;                                  \
            for (i_ = 0; i_ < count(page_); i_++) {                                         \
                body(get(page_, i_));                                                       \
            }                                                                               \
            free(cur_);                                                                     \
            cur_ = cursor_of(page_) ? cli_xstrdup(cursor_of(page_)) : NULL;                 \
            page_free(page_);                                                               \
            if (!cur_) break;                                                               \
        }                                                                                   \
        free(cur_);                                                                         \
    } while (0)

static int cmd_export(cli_ctx *ctx, const cli_args *args)
{
    static const km_partner_query pinit = KM_PARTNER_QUERY_INIT;
    static const km_agreement_query ainit = KM_AGREEMENT_QUERY_INIT;
    static const km_commitment_query cinit = KM_COMMITMENT_QUERY_INIT;
    static const km_indicator_query iinit = KM_INDICATOR_QUERY_INIT;
    static const km_measurement_query minit = KM_MEASUREMENT_QUERY_INIT;
    static const km_dispute_query dinit = KM_DISPUTE_QUERY_INIT;
    static const km_opportunity_query oinit = KM_OPPORTUNITY_QUERY_INIT;
    static const km_interest_query einit = KM_INTEREST_QUERY_INIT;
    km_network_stats st = KM_NETWORK_STATS_INIT;
    out_row *doc = out_row_new();
    size_t cp, cf, ca, cc, ci, cm, cd, co, ce;
    uint64_t id;
    int rc = 0;
    (void)args;
    ctx->json = 1; /* a data file: always JSON */
    out_str(doc, "format", "kemitraan-export-1");
    cp = out_rows(doc, "partners", NULL, 0);
    cf = out_rows(doc, "frameworks", NULL, 0);
    ca = out_rows(doc, "agreements", NULL, 0);
    cc = out_rows(doc, "commitments", NULL, 0);
    ci = out_rows(doc, "indicators", NULL, 0);
    cm = out_rows(doc, "measurements", NULL, 0);
    cd = out_rows(doc, "disputes", NULL, 0);
    co = out_rows(doc, "opportunities", NULL, 0);
    ce = out_rows(doc, "interests", NULL, 0);
#define PARTNER(p) out_rows_add(doc, cp, cli_partner_row((p), ctx->lang))
    EACH_PAGE(km_partner_query, pinit, km_partner_list, km_partner_page_count, km_partner_page_get,
              km_partner_page_cursor, km_partner_page_free, km_partner_page, PARTNER);
    if (!rc) rc = km_network_stats_get(&st, ctx->net);
    for (id = 1; !rc && id <= st.frameworks; id++) {
        km_framework *f = NULL;
        if (km_framework_get(&f, ctx->net, id)) continue;
        out_rows_add(doc, cf, cli_framework_row(ctx, f, 1));
        km_framework_free(f);
    }
#define AGREEMENT(a)                                                                              \
    do {                                                                                          \
        out_row *r_ = cli_agreement_row(ctx, (a), 1);                                             \
        km_milestones *m_ = NULL;                                                                 \
        if (km_milestone_list(&m_, ctx->net, km_agreement_id(a)) == 0) {                         \
            size_t k_, c_ = out_rows(r_, "milestones", NULL, 0);                                  \
            for (k_ = 0; k_ < km_milestones_count(m_); k_++) {                                    \
                out_row *x_ = out_row_new();                                                      \
                out_u64(x_, "number", km_milestones_number(m_, k_));                              \
                cli_enum_out(x_, "type", &cli_enum_milestone_type, km_milestones_type(m_, k_), ctx->lang); \
                out_str(x_, "title", km_milestones_title(m_, k_));                                \
                out_str(x_, "due_date", km_milestones_due_date(m_, k_));                          \
                cli_enum_out(x_, "status", &cli_enum_milestone_status, km_milestones_status(m_, k_), ctx->lang); \
                out_str(x_, "date_met", km_milestones_date_met(m_, k_));                          \
                out_rows_add(r_, c_, x_);                                                         \
            }                                                                                     \
            km_milestones_free(m_);                                                               \
        }                                                                                         \
        out_rows_add(doc, ca, r_);                                                                \
    } while (0)
    if (!rc)
        EACH_PAGE(km_agreement_query, ainit, km_agreement_list, km_agreement_page_count, km_agreement_page_get,
                  km_agreement_page_cursor, km_agreement_page_free, km_agreement_page, AGREEMENT);
#define COMMITMENT(c)                                                                             \
    do {                                                                                          \
        out_row *r_ = cli_commitment_row(ctx, (c), 1);                                            \
        km_tranches *t_ = NULL;                                                                   \
        km_ledger *l_ = NULL;                                                                     \
        const char *mc_ = km_commitment_is_money(c) ? km_commitment_currency(c) : NULL;         \
        size_t k_, c_;                                                                            \
        if (km_tranche_list(&t_, ctx->net, km_commitment_id(c), NULL) == 0) {                     \
            c_ = out_rows(r_, "tranches", NULL, 0);                                               \
            for (k_ = 0; k_ < km_tranches_count(t_); k_++) {                                      \
                out_row *x_ = out_row_new();                                                      \
                out_u64(x_, "number", km_tranches_number(t_, k_));                                \
                out_str(x_, "planned_date", km_tranches_planned_date(t_, k_));                    \
                if (mc_) cli_money_out(x_, "amount", km_tranches_amount(t_, k_), mc_, 1, ctx->lang); \
                else out_i64(x_, "amount", km_tranches_amount(t_, k_));                           \
                cli_enum_out(x_, "status", &cli_enum_tranche_status, km_tranches_status(t_, k_), ctx->lang); \
                out_str(x_, "note", km_tranches_note(t_, k_));                                    \
                out_rows_add(r_, c_, x_);                                                         \
            }                                                                                     \
            km_tranches_free(t_);                                                                 \
        }                                                                                         \
        if (km_ledger_list(&l_, ctx->net, km_commitment_id(c)) == 0) {                            \
            c_ = out_rows(r_, "ledger", NULL, 0);                                                 \
            for (k_ = 0; k_ < km_ledger_count(l_); k_++) {                                        \
                out_row *x_ = out_row_new();                                                      \
                out_u64(x_, "id", km_ledger_id(l_, k_));                                          \
                cli_enum_out(x_, "type", &cli_enum_ledger_type, km_ledger_type_of(l_, k_), ctx->lang); \
                out_str(x_, "value_date", km_ledger_value_date(l_, k_));                          \
                if (mc_) cli_money_out(x_, "amount", km_ledger_amount(l_, k_), mc_, 1, ctx->lang); \
                else out_i64(x_, "amount", km_ledger_amount(l_, k_));                             \
                out_str(x_, "unit", km_ledger_unit(l_, k_));                                      \
                if (km_ledger_tranche(l_, k_)) out_u64(x_, "tranche", km_ledger_tranche(l_, k_)); \
                else out_null(x_, "tranche");                                                     \
                out_str(x_, "note", km_ledger_note(l_, k_));                                      \
                out_rows_add(r_, c_, x_);                                                         \
            }                                                                                     \
            km_ledger_free(l_);                                                                   \
        }                                                                                         \
        out_rows_add(doc, cc, r_);                                                                \
    } while (0)
    if (!rc)
        EACH_PAGE(km_commitment_query, cinit, km_commitment_list, km_commitment_page_count, km_commitment_page_get,
                  km_commitment_page_cursor, km_commitment_page_free, km_commitment_page, COMMITMENT);
#define INDICATOR(x) out_rows_add(doc, ci, cli_indicator_row(ctx, (x)))
    if (!rc)
        EACH_PAGE(km_indicator_query, iinit, km_indicator_list, km_indicator_page_count, km_indicator_page_get,
                  km_indicator_page_cursor, km_indicator_page_free, km_indicator_page, INDICATOR);
#define MEASUREMENT(x) out_rows_add(doc, cm, cli_measurement_row(ctx, (x)))
    if (!rc)
        EACH_PAGE(km_measurement_query, minit, km_measurement_list, km_measurement_page_count,
                  km_measurement_page_get, km_measurement_page_cursor, km_measurement_page_free,
                  km_measurement_page, MEASUREMENT);
#define DISPUTE(x) out_rows_add(doc, cd, cli_dispute_row(ctx, (x), 1))
    if (!rc)
        EACH_PAGE(km_dispute_query, dinit, km_dispute_list, km_dispute_page_count, km_dispute_page_get,
                  km_dispute_page_cursor, km_dispute_page_free, km_dispute_page, DISPUTE);
#define OPPORTUNITY(x) out_rows_add(doc, co, cli_opportunity_row(ctx, (x), NULL, 1))
    if (!rc)
        EACH_PAGE(km_opportunity_query, oinit, km_opportunity_list, km_opportunity_page_count,
                  km_opportunity_page_get, km_opportunity_page_cursor, km_opportunity_page_free,
                  km_opportunity_page, OPPORTUNITY);
#define INTEREST(x) out_rows_add(doc, ce, cli_interest_row(ctx, (x), 1))
    if (!rc)
        EACH_PAGE(km_interest_query, einit, km_interest_list, km_interest_page_count, km_interest_page_get,
                  km_interest_page_cursor, km_interest_page_free, km_interest_page, INTEREST);
    if (rc) {
        out_row_free(doc);
        return cli_fail(ctx, rc);
    }
    return cli_emit(ctx, doc);
}

const cli_command cli_export_commands[] = {
    { "export", "", { "seluruh jaringan sebagai satu dokumen JSON", "the whole network as one JSON document" }, NULL,
      "kemitraan export > network.json", CLI_READ, 0, cmd_export },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
