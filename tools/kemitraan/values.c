/* values.c: money, dates and roles on the command line (values.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "util.h"
#include "values.h"

int cli_parse_money(const char *s, int digits, int64_t *out)
{
    int64_t v = 0;
    int frac = -1, any = 0;
    const char *p;
    if (!s || !*s) return -1;
    for (p = s; *p; p++) {
        if (*p == '.') {
            if (frac >= 0 || !any) return -1;
            frac = 0;
            continue;
        }
        if (*p < '0' || *p > '9') return -1;
        any = 1;
        if (frac >= 0 && ++frac > digits) return -2;
        if (v > (INT64_MAX - (*p - '0')) / 10) return -3;
        v = v * 10 + (*p - '0');
    }
    if (frac == 0) return -1; /* "12." */
    if (frac < 0) frac = 0;
    for (; frac < digits; frac++) {
        if (v > INT64_MAX / 10) return -3;
        v *= 10;
    }
    *out = v;
    return 0;
}

int cli_value_money(cli_ctx *ctx, const cli_optval *o, const char *currency, int64_t *out)
{
    int digits = currency ? km_currency_digits(currency) : 0;
    int rc;
    char why[160];
    if (digits < 0) digits = 0;
    rc = cli_parse_money(o->value, digits, out);
    if (rc == 0) return 0;
    if (rc == -2)
        snprintf(why, sizeof why, ctx->lang == KM_LANG_EN ? "at most %d decimals for %s"
                                                         : "paling banyak %d desimal untuk %s",
                 digits, currency ? currency : "-");
    else if (rc == -3)
        snprintf(why, sizeof why, "%s", ctx->lang == KM_LANG_EN ? "too large" : "terlalu besar");
    else
        snprintf(why, sizeof why, "%s",
                 ctx->lang == KM_LANG_EN ? "not an amount such as 1500000.00 (no sign, '.' for decimals)"
                                         : "bukan jumlah seperti 1500000.00 (tanpa tanda, '.' untuk desimal)");
    fprintf(stderr, "kemitraan: %s: \"%s\": %s\n", o->name, o->value, why);
    return CLI_EXIT_USAGE;
}

const cli_optval *cli_opt_last(const cli_args *args, int id)
{
    size_t i;
    const cli_optval *v = NULL;
    for (i = 0; i < args->nopts; i++)
        if (args->opts[i].id == id) v = &args->opts[i];
    return v;
}

const char *cli_opt_value(const cli_args *args, int id)
{
    const cli_optval *o = cli_opt_last(args, id);
    return o ? o->value : NULL;
}

int cli_value_i64(cli_ctx *ctx, const cli_optval *o, int64_t *out)
{
    const char *s = o->value;
    uint64_t u;
    int neg = s[0] == '-';
    if (cli_parse_u64(s + neg, &u) != 0 || u > (uint64_t)INT64_MAX + (uint64_t)neg)
        return cli_usage(ctx, M_BAD_NUMBER, o->name, o->value);
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return 0;
}

int cli_pos_id(cli_ctx *ctx, const cli_args *args, size_t index, const char *what, uint64_t *out)
{
    if (args->npos <= index) return cli_usage(ctx, M_MISSING_ARGUMENT, what, ctx->path);
    return cli_value_id(ctx, args->pos[index], out);
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int cli_value_date(cli_ctx *ctx, const cli_optval *o)
{
    static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const char *s = o->value;
    int y, m, d, i;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') goto bad;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) goto bad;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1970 || m < 1 || m > 12 || d < 1) goto bad;
    if (d > mdays[m - 1] + (m == 2 && is_leap(y))) goto bad;
    return 0;
bad:
    fprintf(stderr, "kemitraan: %s: \"%s\": %s\n", o->name, s,
            ctx->lang == KM_LANG_EN ? "not a date YYYY-MM-DD" : "bukan tanggal YYYY-MM-DD");
    return CLI_EXIT_USAGE;
}

int cli_value_roles(cli_ctx *ctx, const char *what, const char *s, uint32_t *out)
{
    extern const cli_enum cli_enum_role;
    char buf[256];
    char *tok, *save = NULL;
    uint32_t mask = 0;
    if (strlen(s) >= sizeof buf || !*s) goto bad;
    strcpy(buf, s);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int v;
        if (cli_value_enum_str(ctx, what, tok, &cli_enum_role, &v)) return CLI_EXIT_USAGE;
        mask |= (uint32_t)v;
    }
    *out = mask;
    return 0;
bad:
    fprintf(stderr, "kemitraan: %s: \"%s\": %s\n", what, s,
            ctx->lang == KM_LANG_EN ? "not a list of roles" : "bukan daftar peran");
    return CLI_EXIT_USAGE;
}

const char *cli_money_plain(char *buf, size_t cap, int64_t minor, const char *currency)
{
    int digits = currency ? km_currency_digits(currency) : 0;
    uint64_t a = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
    uint64_t p = 1;
    int i;
    if (digits < 0 || digits > 4) digits = digits < 0 ? 0 : 4;
    for (i = 0; i < digits; i++) p *= 10;
    if (digits) {
        char frac[8];
        uint64_t f = a % p;
        for (i = digits - 1; i >= 0; i--) {
            frac[i] = (char)('0' + f % 10);
            f /= 10;
        }
        frac[digits] = 0;
        snprintf(buf, cap, "%s%llu.%s", minor < 0 ? "-" : "", (unsigned long long)(a / p), frac);
    }
    else
        snprintf(buf, cap, "%s%llu", minor < 0 ? "-" : "", (unsigned long long)a);
    return buf;
}

void cli_money_out(out_row *row, const char *key, int64_t minor, const char *currency, int json, int lang)
{
    char buf[96];
    if (!currency) {
        out_null(row, key);
        return;
    }
    if (json || km_money_format(buf, sizeof buf, minor, currency, lang) != 0) {
        char tmp[64];
        cli_money_plain(tmp, sizeof tmp, minor, currency);
        if (json) {
            out_str(row, key, tmp);
            return;
        }
        snprintf(buf, sizeof buf, "%s %s", currency, tmp);
    }
    out_str(row, key, buf);
}

void cli_bp_out(out_row *row, const char *key, int64_t bp, int json, int lang)
{
    char buf[48];
    if (bp < 0) {
        out_null(row, key);
        return;
    }
    if (json) {
        out_i64(row, key, bp);
        return;
    }
    snprintf(buf, sizeof buf, "%lld%c%02lld%%", (long long)(bp / 100), lang == KM_LANG_EN ? '.' : ',', (long long)(bp % 100));
    out_str(row, key, buf);
}

int cli_list_emit(cli_ctx *ctx, const char *key, const char *columns, cli_page_fn fetch, void *query,
                  const char *cursor, int all)
{
    out_row *row = out_row_new();
    size_t cell = out_rows(row, key, columns, 0);
    char *next = NULL;
    size_t n = 0;
    int rc;
    for (;;) {
        char *after = next;
        rc = fetch(ctx, query, after ? after : cursor, row, cell, &n, &next);
        free(after);
        if (rc || !all || !next) break;
    }
    if (rc) {
        free(next);
        out_row_free(row);
        return cli_fail(ctx, rc);
    }
    out_u64(row, "count", n);
    out_str(row, "next_cursor", next);
    free(next);
    return cli_emit(ctx, row);
}

int cli_count_emit(cli_ctx *ctx, int rc, uint64_t n)
{
    out_row *row;
    if (rc) return cli_fail(ctx, rc);
    row = out_row_new();
    out_u64(row, "count", n);
    return cli_emit(ctx, row);
}

int cli_page_opt(cli_ctx *ctx, const cli_optval *o, uint32_t *limit, const char **cursor, int *all)
{
    if (strcmp(o->name, "--all") == 0) {
        *all = 2; /* stays: every page even with --limit */
        return 0;
    }
    if (strcmp(o->name, "--limit") == 0) {
        if (cli_value_u32(ctx, o, limit)) return CLI_EXIT_USAGE;
    } else if (strcmp(o->name, "--cursor") == 0) {
        *cursor = o->value;
    } else {
        return 0;
    }
    if (*all != 2) *all = 0;
    return 0;
}
