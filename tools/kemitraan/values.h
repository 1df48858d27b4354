/* values.h: option values that need the library: money as a decimal string
 * with a currency (converted exactly to minor units with
 * km_currency_digits), civil dates (YYYY-MM-DD), role masks, and the
 * formatting of money for people. */
#ifndef KM_CLI_VALUES_H
#define KM_CLI_VALUES_H

#include "cli.h"

/* Parses "1500000000.00" in currency into minor units: digits, optionally
 * a '.' and at most km_currency_digits(currency) decimals; no sign; no
 * overflow of int64. An unknown currency is left to the library (the value
 * is then read with 0 decimals allowed only if it has none). Prints a usage
 * error and returns CLI_EXIT_USAGE otherwise. */
int cli_value_money(cli_ctx *ctx, const cli_optval *o, const char *currency, int64_t *out);
/* Pure parser behind cli_value_money: 0 ok, -1 malformed, -2 too many
 * decimals, -3 overflow. */
int cli_parse_money(const char *s, int digits, int64_t *out);
/* The last value given for option id (options may repeat), or NULL. */
const cli_optval *cli_opt_last(const cli_args *args, int id);
/* Its value string, or NULL when the option was not given. */
const char *cli_opt_value(const cli_args *args, int id);
/* A signed whole number ("-5", "120") that fits int64. */
int cli_value_i64(cli_ctx *ctx, const cli_optval *o, int64_t *out);
/* The index-th positional argument as an id; what names it when missing
 * ("ID", "AGREEMENT"). */
int cli_pos_id(cli_ctx *ctx, const cli_args *args, size_t index, const char *what, uint64_t *out);
/* Checks a YYYY-MM-DD date (a real day, 1970..9999). */
int cli_value_date(cli_ctx *ctx, const cli_optval *o);
/* A role mask: comma-separated role names (funding,implementing). */
int cli_value_roles(cli_ctx *ctx, const char *what, const char *s, uint32_t *out);
/* Minor units as a plain decimal string in currency ("1500000000.00"). */
const char *cli_money_plain(char *buf, size_t cap, int64_t minor, const char *currency);
/* Adds a money cell: JSON gets the decimal string (exact), people the
 * library's formatting in lang. */
void cli_money_out(out_row *row, const char *key, int64_t minor, const char *currency, int json, int lang);
/* One page of a listing for cli_list_emit: lists the page of query after
 * cursor (NULL: the first page), adds its rows to cell of row, adds their
 * number to *n and sets *next to a copy of the page's next cursor (NULL on
 * the last page). Returns 0 or a KM_E* code. */
typedef int (*cli_page_fn)(cli_ctx *ctx, void *query, const char *cursor, out_row *row, size_t cell, size_t *n,
                           char **next);
/* A paged listing (`list` commands): a row whose table key holds the rows
 * (columns: the columns people see) of the page from cursor, or with all
 * of every page to the end; then the cells count and next_cursor; emitted.
 * Returns an exit code (the library's message printed on failure). */
int cli_list_emit(cli_ctx *ctx, const char *key, const char *columns, cli_page_fn fetch, void *query,
                  const char *cursor, int all);
/* A `count` command's answer: rc from the library's count function (its
 * message printed on failure), else a row with the cell count = n. Call the
 * count function first: rc and n are read here. Returns an exit code. */
int cli_count_emit(cli_ctx *ctx, int rc, uint64_t n);
/* Defines `static int list_page(...)`, the cli_page_fn of entity ENT
 * (km_ENT_list() and its page functions): ROW is the row of `item`, a
 * `const km_ENT *` of the page (ctx is in scope). */
#define CLI_LIST_PAGE_FN(ENT, ROW)                                                                                \
    static int list_page(cli_ctx *ctx, void *query, const char *cursor, out_row *row, size_t cell, size_t *n,     \
                         char **next)                                                                             \
    {                                                                                                             \
        km_##ENT##_query *q = (km_##ENT##_query *)query;                                                          \
        km_##ENT##_page *page = NULL;                                                                             \
        size_t i;                                                                                                 \
        int rc;                                                                                                   \
        q->cursor = cursor;                                                                                       \
        if ((rc = km_##ENT##_list(&page, ctx->net, q))) return rc;                                                \
        for (i = 0; i < km_##ENT##_page_count(page); i++) {                                                       \
            const km_##ENT *item = km_##ENT##_page_get(page, i);                                                  \
            out_rows_add(row, cell, ROW);                                                                         \
        }                                                                                                         \
        *n += km_##ENT##_page_count(page);                                                                        \
        *next = km_##ENT##_page_cursor(page) ? cli_xstrdup(km_##ENT##_page_cursor(page)) : NULL;                  \
        km_##ENT##_page_free(page);                                                                               \
        return 0;                                                                                                 \
    }
/* Adds a ratio in basis points (10000 = 100%): JSON gets the integer,
 * people "45,50%" (id) or "45.50%" (en); a negative bp (none) is null. */
void cli_bp_out(out_row *row, const char *key, int64_t bp, int json, int lang);

/* Paging options of the list commands that give every page unless asked
 * for one (indicator, measurement, dispute, commitment lists); their ids
 * must be E_LIMIT, E_CURSOR and E_ALL in the including file. Without
 * --limit or --cursor a list gives every page; with them one page and its
 * next_cursor, unless --all. */
#define CLI_PAGE_OPTS                                                                                               \
    { "limit", E_LIMIT, 1, "N", { "ukuran halaman, 1..1000 (bawaan: semua halaman)", "page size, 1..1000 (default: every page)" } }, \
    { "cursor", E_CURSOR, 1, "CURSOR", { "lanjutkan dari next_cursor halaman sebelumnya", "continue from the previous page's next_cursor" } }, \
    { "all", E_ALL, 0, NULL, { "dengan --limit: ikuti kursor sampai habis", "with --limit: follow the cursor to the end" } }
/* Reads o when it is one of CLI_PAGE_OPTS (known by its name) into the
 * query's limit and cursor and *all (start it at 1); other options are
 * left alone. Returns 0 or CLI_EXIT_USAGE. */
int cli_page_opt(cli_ctx *ctx, const cli_optval *o, uint32_t *limit, const char **cursor, int *all);

#endif
