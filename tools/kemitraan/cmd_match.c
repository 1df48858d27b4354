/* cmd_match.c: matchmaking (match): partners suggested for a partner
 * (km_match_for_partner) or for a stated need (km_match_for_need), each
 * with its score, the components of the score and the facts behind them
 * (km_matches_detail). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "util.h"

#define NO_OPTS { NULL, 0, 0, NULL, { NULL, NULL } }

enum { MT_KIND = 1, MT_LIMIT, MT_NEED, MT_SECTOR, MT_REGION, MT_MIN_SCORE, MT_SUSPENDED, MT_EXISTING };
static const cli_opt match_opts[] = {
    { "need", MT_NEED, 1, "TAG[,TAG...]",
      { "kemampuan yang dibutuhkan, dapat diulang (tanpa MITRA: siapa yang dapat memenuhinya)",
        "capabilities needed, repeatable (without PARTNER: who can meet the need)" } },
    { "sector", MT_SECTOR, 1, "S[,S...]", { "sektor yang dicari (dapat diulang)", "sectors wanted (repeatable)" } },
    { "region", MT_REGION, 1, "KODE", { "kode wilayah tempat kebutuhan", "kode wilayah of the need" } },
    { "kind", MT_KIND, 1, "KIND", { "hanya calon dari jenis ini", "only candidates of this kind" } },
    { "limit", MT_LIMIT, 1, "N", { "paling banyak N usulan (bawaan 20; 0 = semua)", "at most N suggestions (default 20; 0 = all)" } },
    { "min-score", MT_MIN_SCORE, 1, "X", { "hanya calon dengan skor di atas X", "only candidates scoring above X" } },
    { "include-suspended", MT_SUSPENDED, 0, NULL,
      { "mitra yang ditangguhkan ikut dicalonkan (dengan penalti)", "suspended partners are candidates too (with the penalty)" } },
    { "include-existing", MT_EXISTING, 0, NULL,
      { "termasuk mitra yang sudah berperjanjian dengan MITRA", "include partners already in an agreement with PARTNER" } },
    NO_OPTS,
};

/* Appends the comma-separated items of s (modified in place) to items
 * (count n, at most KM_TAGS_MAX); returns -1 when there are too many or an
 * item is empty. */
static int add_items(char *s, const char **items, size_t *n)
{
    for (;;) {
        char *e = strchr(s, ',');
        if (e) *e = '\0';
        if (!*s || *n == KM_TAGS_MAX) return -1;
        items[(*n)++] = s;
        if (!e) return 0;
        s = e + 1;
    }
}

/* The facts behind a suggestion, in words ("2 kemampuan cocok, ..."). */
static void reasons(char *buf, size_t cap, const km_matches *m, size_t i, int lang)
{
    static const char *const words[KM_MATCH_DETAIL__COUNT][2] = {
        { "kemampuan cocok: %lld", "capabilities matched: %lld" },
        { "sektor cocok: %lld", "sectors matched: %lld" },
        { "segmen wilayah sama: %lld", "region segments in common: %lld" },
        { "mitra bersama: %lld", "partners in common: %lld" },
        { "jarak jaringan: %lld", "network distance: %lld" },
        { "perjanjian selesai: %lld", "agreements completed: %lld" },
        { "sengketa terbuka: %lld", "open disputes: %lld" },
        { "evaluasi: %lld/1000", "evaluation: %lld/1000" },
    };
    size_t len = 0;
    int d, l = lang == KM_LANG_EN ? 1 : 0;
    buf[0] = '\0';
    for (d = 0; d < KM_MATCH_DETAIL__COUNT; d++) {
        long long v = (long long)km_matches_detail(m, i, d);
        if (v == 0 || (d == KM_MATCH_EVALUATION_PERMILLE && v < 0)) continue;
        if (len && len + 2 < cap) len += (size_t)snprintf(buf + len, cap - len, "; ");
        if (len < cap) len += (size_t)snprintf(buf + len, cap - len, words[d][l], v);
        if (len >= cap) break;
    }
    if (!buf[0]) snprintf(buf, cap, "-");
}

static int cmd_match(cli_ctx *ctx, const cli_args *args)
{
    static const char *const keys[KM_MATCH_COMPONENT__COUNT] = { "capability", "sector", "region", "network",
                                                                 "track_record", "disputes", "suspended" };
    static const char *const detail_keys[KM_MATCH_DETAIL__COUNT] = {
        "tags_matched", "sectors_matched", "region_segments", "common_neighbours",
        "distance", "completed_agreements", "open_disputes", "evaluation_permille"
    };
    km_match_options o = KM_MATCH_OPTIONS_INIT;
    km_match_need need = KM_MATCH_NEED_INIT;
    const char *tags[KM_TAGS_MAX], *sectors[KM_TAGS_MAX];
    char **copies;
    size_t ncopies = 0;
    km_matches *m = NULL;
    uint64_t pid = 0;
    int has_need = 0;
    out_row *row;
    size_t i, cell;
    int c, rc = 0;
    if (args->npos >= 1 && (rc = cli_value_id(ctx, args->pos[0], &pid))) return rc;
    copies = (char **)cli_xmalloc((args->nopts + 1) * sizeof *copies);
    for (i = 0; i < args->nopts && !rc; i++) {
        const cli_optval *x = &args->opts[i];
        switch (x->id) {
        case MT_KIND:
            if (cli_value_enum(ctx, x, &cli_enum_partner_kind, &o.kind)) rc = CLI_EXIT_USAGE;
            break;
        case MT_LIMIT:
            if (cli_value_u32(ctx, x, &o.limit)) rc = CLI_EXIT_USAGE;
            break;
        case MT_MIN_SCORE: {
            char *end;
            o.min_score = strtod(x->value, &end);
            if (!*x->value || *end) rc = cli_usage(ctx, M_BAD_NUMBER, x->name, x->value);
            break;
        }
        case MT_SUSPENDED: o.include_suspended = 1; break;
        case MT_EXISTING: o.exclude_existing = 0; break;
        case MT_NEED:
        case MT_SECTOR:
            copies[ncopies] = cli_xstrdup(x->value);
            if (add_items(copies[ncopies++], x->id == MT_NEED ? tags : sectors,
                          x->id == MT_NEED ? &need.tags_count : &need.sectors_count))
                rc = cli_usage(ctx, M_BAD_CHOICE, x->name, x->value, "TAG[,TAG...]");
            has_need = 1;
            break;
        case MT_REGION:
            need.region = x->value;
            has_need = 1;
            break;
        default: break;
        }
    }
    if (!rc && !has_need && args->npos < 1) rc = cli_usage(ctx, M_MISSING_ARGUMENT, "PARTNER / --need", ctx->path);
    if (!rc) {
        if (has_need) {
            need.tags = tags;
            need.sectors = sectors;
            need.partner_id = pid;
            rc = km_match_for_need(&m, ctx->net, &need, &o);
        } else {
            rc = km_match_for_partner(&m, ctx->net, pid, &o);
        }
        if (rc) rc = cli_fail(ctx, rc);
    }
    if (rc) {
        while (ncopies) free(copies[--ncopies]);
        free(copies);
        return rc;
    }
    row = out_row_new();
    if (pid) out_u64(row, "partner_id", pid);
    else out_null(row, "partner_id");
    if (has_need) {
        out_strs(row, "needs");
        for (i = 0; i < need.tags_count; i++) out_strs_add(row, tags[i]);
        out_strs(row, "sectors");
        for (i = 0; i < need.sectors_count; i++) out_strs_add(row, sectors[i]);
        out_str(row, "region", need.region);
    }
    cell = out_rows(row, "suggestions", "candidate_id,name,score,capability,sector,region,network,track_record,reasons", 0);
    for (i = 0; i < km_matches_count(m); i++) {
        out_row *r = out_row_new();
        km_partner *p = NULL;
        char why[512];
        int64_t ev;
        out_u64(r, "candidate_id", km_matches_partner(m, i));
        if (km_partner_get(&p, ctx->net, km_matches_partner(m, i)) == 0) {
            out_str(r, "name", km_partner_name(p));
            cli_enum_out(r, "kind", &cli_enum_partner_kind, km_partner_kind_of(p), ctx->lang);
            km_partner_free(p);
        } else {
            out_null(r, "name");
            out_null(r, "kind");
        }
        cli_num_out(r, "score", km_matches_score(m, i));
        for (c = 0; c < KM_MATCH_COMPONENT__COUNT; c++) cli_num_out(r, keys[c], km_matches_component(m, i, c));
        for (c = 0; c < KM_MATCH_DETAIL__COUNT; c++) {
            ev = km_matches_detail(m, i, c);
            if (c == KM_MATCH_EVALUATION_PERMILLE && ev < 0) out_null(r, detail_keys[c]);
            else out_i64(r, detail_keys[c], ev);
        }
        reasons(why, sizeof why, m, i, ctx->lang);
        out_str(r, "reasons", why);
        out_rows_add(row, cell, r);
    }
    km_matches_free(m);
    while (ncopies) free(copies[--ncopies]);
    free(copies);
    return cli_emit(ctx, row);
}

const cli_command cli_match_commands[] = {
    { "match", "PARTNER [--kind KIND] [--limit N] | [PARTNER] --need TAG[,TAG...] [--sector S] [--region KODE]",
      { "usulan mitra untuk seorang mitra atau untuk sebuah kebutuhan (pencocokan)",
        "suggested partners for a partner or for a need (matchmaking)" },
      match_opts, "kemitraan match --need water-treatment,community-outreach --region 32.73 --limit 5", CLI_READ, 1,
      cmd_match },
    { NULL, NULL, { NULL, NULL }, NULL, NULL, 0, 0, NULL },
};
