/* output.c: the row model and its JSON and people renderings (output.h). */
#include "output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <kemitraan/kemitraan.h>

#include "i18n.h"
#include "util.h"

enum cell_type { C_NULL, C_STR, C_U64, C_I64, C_BOOL, C_TIME, C_ENUM, C_STRS, C_JSON, C_ROWS };

typedef struct cell {
    const char *key;
    int type;
    char *s;           /* STR, ENUM name, JSON */
    char *label;       /* ENUM label */
    uint64_t u;        /* U64, BOOL */
    int64_t i;         /* I64, TIME */
    char **list;       /* STRS */
    size_t n, cap;
    out_row **rows;    /* ROWS */
    int object;        /* ROWS holding one row shown as a JSON object (out_object) */
    size_t nrows, caprows;
    const char *columns;
    int titled;
    int numeric;       /* STRS of numbers (out_nums) */
} cell;

struct out_row {
    cell *cells;
    size_t n, cap;
};

out_row *out_row_new(void)
{
    out_row *r = (out_row *)cli_xmalloc(sizeof *r);
    memset(r, 0, sizeof *r);
    return r;
}

void out_row_free(out_row *row)
{
    size_t i, j;
    if (!row) return;
    for (i = 0; i < row->n; i++) {
        cell *c = &row->cells[i];
        free(c->s);
        free(c->label);
        for (j = 0; j < c->n; j++) free(c->list[j]);
        free(c->list);
        for (j = 0; j < c->nrows; j++) out_row_free(c->rows[j]);
        free(c->rows);
    }
    free(row->cells);
    free(row);
}

static cell *add(out_row *row, const char *key, int type)
{
    cell *c;
    if (row->n == row->cap) {
        row->cap = row->cap ? row->cap * 2 : 8;
        row->cells = (cell *)cli_xrealloc(row->cells, row->cap * sizeof *row->cells);
    }
    c = &row->cells[row->n++];
    memset(c, 0, sizeof *c);
    c->key = key;
    c->type = type;
    return c;
}

void out_null(out_row *row, const char *key) { add(row, key, C_NULL); }

void out_str(out_row *row, const char *key, const char *value)
{
    if (!value) {
        out_null(row, key);
        return;
    }
    add(row, key, C_STR)->s = cli_xstrdup(value);
}

void out_u64(out_row *row, const char *key, uint64_t value) { add(row, key, C_U64)->u = value; }
void out_i64(out_row *row, const char *key, int64_t value) { add(row, key, C_I64)->i = value; }
void out_bool(out_row *row, const char *key, int value) { add(row, key, C_BOOL)->u = value != 0; }
void out_time(out_row *row, const char *key, int64_t us) { add(row, key, C_TIME)->i = us; }

void out_enum(out_row *row, const char *key, const char *name, const char *label)
{
    cell *c = add(row, key, C_ENUM);
    c->s = cli_xstrdup(name ? name : "?");
    c->label = cli_xstrdup(label ? label : "?");
}

void out_strs(out_row *row, const char *key) { add(row, key, C_STRS); }

void out_strs_add(out_row *row, const char *value)
{
    cell *c;
    size_t i = row->n;
    while (i > 0 && row->cells[i - 1].type != C_STRS) i--;
    if (i == 0 || !value) return; /* programming error: no list open */
    c = &row->cells[i - 1];
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        c->list = (char **)cli_xrealloc(c->list, c->cap * sizeof *c->list);
    }
    c->list[c->n++] = cli_xstrdup(value);
}

void out_nums(out_row *row, const char *key) { add(row, key, C_STRS)->numeric = 1; }

void out_nums_add(out_row *row, uint64_t value)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%" PRIu64, value);
    out_strs_add(row, buf);
}

void out_json(out_row *row, const char *key, const char *json)
{
    if (!json || !*json) {
        out_null(row, key);
        return;
    }
    add(row, key, C_JSON)->s = cli_xstrdup(json);
}

void out_real(out_row *row, const char *key, double v)
{
    char buf[48];
    if (v != v || v > 1e300 || v < -1e300) { /* NaN or infinite */
        out_null(row, key);
        return;
    }
    snprintf(buf, sizeof buf, "%.4f", v);
    if (strcmp(buf, "-0.0000") == 0) strcpy(buf, "0.0000");
    out_json(row, key, buf);
}

void out_object(out_row *row, const char *key, out_row *item, int titled)
{
    cell *c = add(row, key, C_ROWS);
    c->object = 1;
    c->titled = titled;
    out_rows_add(row, row->n - 1, item);
}

size_t out_rows(out_row *row, const char *key, const char *columns, int titled)
{
    cell *c = add(row, key, C_ROWS);
    c->columns = columns;
    c->titled = titled;
    return row->n - 1;
}

void out_rows_add(out_row *row, size_t index, out_row *item)
{
    cell *c;
    if (index >= row->n || row->cells[index].type != C_ROWS) {
        out_row_free(item);
        return;
    }
    c = &row->cells[index];
    if (c->nrows == c->caprows) {
        c->caprows = c->caprows ? c->caprows * 2 : 16;
        c->rows = (out_row **)cli_xrealloc(c->rows, c->caprows * sizeof *c->rows);
    }
    c->rows[c->nrows++] = item;
}

/* ---- JSON -------------------------------------------------------------- */

static void json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f) fprintf(f, "\\u%04x", *p);
            else fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void indent(FILE *f, int level)
{
    int i;
    for (i = 0; i < level; i++) fputs("  ", f);
}

static void json_row(FILE *f, const out_row *row, int level);

static void json_key(FILE *f, const char *key, const char *suffix, int level, int *first)
{
    fputs(*first ? "\n" : ",\n", f);
    *first = 0;
    indent(f, level);
    fputc('"', f);
    fputs(key, f);
    if (suffix) fputs(suffix, f);
    fputs("\": ", f);
}

static void json_cell(FILE *f, const cell *c, int level)
{
    char buf[CLI_TIME_MAX];
    size_t j;
    switch (c->type) {
    case C_STR: json_string(f, c->s); break;
    case C_U64: fprintf(f, "%" PRIu64, c->u); break;
    case C_I64: fprintf(f, "%" PRId64, c->i); break;
    case C_BOOL: fputs(c->u ? "true" : "false", f); break;
    case C_TIME: json_string(f, cli_format_iso_utc(buf, c->i)); break;
    case C_ENUM: json_string(f, c->s); break;
    case C_JSON: fputs(c->s, f); break;
    case C_STRS:
        fputc('[', f);
        for (j = 0; j < c->n; j++) {
            if (j) fputs(", ", f);
            if (c->numeric) fputs(c->list[j], f);
            else json_string(f, c->list[j]);
        }
        fputc(']', f);
        break;
    case C_ROWS:
        if (c->object && c->nrows == 1) {
            json_row(f, c->rows[0], level);
            break;
        }
        if (c->nrows == 0) {
            fputs("[]", f);
            break;
        }
        fputc('[', f);
        for (j = 0; j < c->nrows; j++) {
            fputs(j ? ",\n" : "\n", f);
            indent(f, level + 1);
            json_row(f, c->rows[j], level + 1);
        }
        fputc('\n', f);
        indent(f, level);
        fputc(']', f);
        break;
    default: fputs("null", f); break;
    }
}

static void json_row(FILE *f, const out_row *row, int level)
{
    int first = 1;
    size_t i;
    fputc('{', f);
    for (i = 0; i < row->n; i++) {
        const cell *c = &row->cells[i];
        json_key(f, c->key, NULL, level + 1, &first);
        json_cell(f, c, level + 1);
        if (c->type == C_ENUM) {
            json_key(f, c->key, "_label", level + 1, &first);
            json_string(f, c->label);
        }
    }
    if (!first) {
        fputc('\n', f);
        indent(f, level);
    }
    fputc('}', f);
}

/* ---- people ------------------------------------------------------------ */

/* Appends s to a growing string. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s)
{
    size_t len = strlen(s);
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = (char *)cli_xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, len + 1);
    b->n += len;
}

/* The text of a cell for people, newly allocated. Control characters are
 * shown as '?' so that stored data cannot drive the terminal. */
static char *cell_text(const cell *c, int lang)
{
    char buf[64];
    sbuf b = { NULL, 0, 0 };
    size_t j;
    sb_put(&b, "");
    switch (c->type) {
    case C_STR: sb_put(&b, c->s); break;
    case C_U64: snprintf(buf, sizeof buf, "%" PRIu64, c->u); sb_put(&b, buf); break;
    case C_I64: snprintf(buf, sizeof buf, "%" PRId64, c->i); sb_put(&b, buf); break;
    case C_BOOL: sb_put(&b, cli_msg_text(c->u ? L_YES : L_NO, lang)); break;
    case C_TIME: sb_put(&b, cli_format_human_time(buf, c->i, lang)); break;
    case C_ENUM: sb_put(&b, c->label); break;
    case C_JSON: sb_put(&b, c->s); break;
    case C_STRS:
        for (j = 0; j < c->n; j++) {
            if (j) sb_put(&b, ", ");
            sb_put(&b, c->list[j]);
        }
        if (c->n == 0) sb_put(&b, "-");
        break;
    case C_ROWS: snprintf(buf, sizeof buf, "%zu", c->nrows); sb_put(&b, buf); break;
    default: sb_put(&b, "-"); break;
    }
    for (j = 0; j < b.n; j++)
        if ((unsigned char)b.p[j] < 0x20 || b.p[j] == 0x7f) b.p[j] = '?';
    return b.p;
}

static void pad(FILE *f, size_t n)
{
    while (n--) fputc(' ', f);
}

static const cell *find(const out_row *row, const char *key, size_t klen)
{
    size_t i;
    for (i = 0; i < row->n; i++)
        if (strlen(row->cells[i].key) == klen && memcmp(row->cells[i].key, key, klen) == 0) return &row->cells[i];
    return NULL;
}

#define MAX_COLUMNS 32

static void people_table(FILE *f, const cell *c, int lang)
{
    const char *keys[MAX_COLUMNS];
    size_t klen[MAX_COLUMNS], width[MAX_COLUMNS], ncol = 0, r, k;
    char **text;
    if (c->titled) fprintf(f, "%s:\n", cli_field_label(c->key, lang));
    if (c->nrows == 0) {
        fprintf(f, "%s\n", cli_msg_text(L_NONE, lang));
        return;
    }
    if (c->columns) {
        const char *p = c->columns;
        while (*p && ncol < MAX_COLUMNS) {
            const char *e = strchr(p, ',');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            keys[ncol] = p;
            klen[ncol++] = len;
            p += len + (e ? 1 : 0);
        }
    } else {
        const out_row *first = c->rows[0];
        for (k = 0; k < first->n && ncol < MAX_COLUMNS; k++) {
            keys[ncol] = first->cells[k].key;
            klen[ncol++] = strlen(first->cells[k].key);
        }
    }
    /* Header labels, then every cell's text; widths in code points. */
    text = (char **)cli_xmalloc((c->nrows + 1) * ncol * sizeof *text);
    for (k = 0; k < ncol; k++) {
        char key[64];
        size_t n = klen[k] < sizeof key - 1 ? klen[k] : sizeof key - 1;
        memcpy(key, keys[k], n);
        key[n] = '\0';
        text[k] = cli_xstrdup(cli_field_label(key, lang));
        width[k] = cli_display_width(text[k]);
    }
    for (r = 0; r < c->nrows; r++) {
        for (k = 0; k < ncol; k++) {
            const cell *v = find(c->rows[r], keys[k], klen[k]);
            char *t = v ? cell_text(v, lang) : cli_xstrdup("");
            size_t w = cli_display_width(t);
            text[(r + 1) * ncol + k] = t;
            if (w > width[k]) width[k] = w;
        }
    }
    for (r = 0; r <= c->nrows; r++) {
        for (k = 0; k < ncol; k++) {
            const char *t = text[r * ncol + k];
            fputs(t, f);
            if (k + 1 < ncol) pad(f, width[k] - cli_display_width(t) + 2);
        }
        fputc('\n', f);
    }
    for (r = 0; r < (c->nrows + 1) * ncol; r++) free(text[r]);
    free(text);
}

/* Scalar cells [from, to) as aligned "label : value" lines. */
static void people_block(FILE *f, const out_row *row, size_t from, size_t to, int lang)
{
    size_t i, w = 0;
    for (i = from; i < to; i++) {
        size_t lw = cli_display_width(cli_field_label(row->cells[i].key, lang));
        if (lw > w) w = lw;
    }
    for (i = from; i < to; i++) {
        const char *label = cli_field_label(row->cells[i].key, lang);
        char *t = cell_text(&row->cells[i], lang);
        fputs(label, f);
        pad(f, w - cli_display_width(label));
        fprintf(f, " : %s\n", t);
        free(t);
    }
}

static void people_row(FILE *f, const out_row *row, int lang)
{
    size_t i = 0, blocks = 0;
    if (row->n == 1 && row->cells[0].type != C_ROWS) {
        char *t = cell_text(&row->cells[0], lang);
        fprintf(f, "%s\n", t);
        free(t);
        return;
    }
    while (i < row->n) {
        if (blocks++) fputc('\n', f);
        if (row->cells[i].type == C_ROWS && row->cells[i].object && row->cells[i].nrows == 1) {
            if (row->cells[i].titled) fprintf(f, "%s:\n", cli_field_label(row->cells[i].key, lang));
            people_row(f, row->cells[i].rows[0], lang);
            i++;
        } else if (row->cells[i].type == C_ROWS) {
            people_table(f, &row->cells[i], lang);
            i++;
        } else {
            size_t j = i;
            while (j < row->n && row->cells[j].type != C_ROWS) j++;
            people_block(f, row, i, j, lang);
            i = j;
        }
    }
}

int out_emit(FILE *f, const out_row *row, int json, int lang)
{
    if (json) {
        json_row(f, row, 0);
        fputc('\n', f);
    } else {
        people_row(f, row, lang);
    }
    return ferror(f) ? -1 : 0;
}
