/* output.h: one row model, two renderings.
 *
 * A command builds its result as an out_row: an ordered list of named
 * cells. Keys are the stable snake_case field names of the JSON output and
 * are looked up in i18n.c for the people's rendering, so the two never
 * drift apart:
 *
 *   --json   one JSON object on stdout (pretty-printed, UTF-8). Enum cells
 *            give two members: KEY (the stable machine name) and KEY_label
 *            (in the chosen language). Times are ISO 8601 UTC strings.
 *            Absent values are null; lists are arrays.
 *   people   scalar cells as aligned "label : value" lines; a cell holding
 *            rows (out_rows) as an aligned table whose column widths are
 *            counted in code points. Times in WIB per language, enums by
 *            label, lists comma-separated, null as "-". A document with a
 *            single scalar cell prints just the value (`partner count`).
 */
#ifndef KM_CLI_OUTPUT_H
#define KM_CLI_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct out_row out_row;

out_row *out_row_new(void);
void out_row_free(out_row *row);

/* Cells. Keys must be string literals (they are not copied); values are
 * copied. A NULL string is stored as null. */
void out_null(out_row *row, const char *key);
void out_str(out_row *row, const char *key, const char *value);
void out_u64(out_row *row, const char *key, uint64_t value);
void out_i64(out_row *row, const char *key, int64_t value);
void out_bool(out_row *row, const char *key, int value);
/* Microseconds since the epoch. */
void out_time(out_row *row, const char *key, int64_t us);
/* An enum value: its machine name (JSON) and its label (people). */
void out_enum(out_row *row, const char *key, const char *name, const char *label);
/* A list of strings: out_strs() opens an empty list, out_strs_add()
 * appends to the list opened last. */
void out_strs(out_row *row, const char *key);
void out_strs_add(out_row *row, const char *value);
/* A list of whole numbers (ids): out_nums() opens an empty list,
 * out_nums_add() appends to the list opened last. JSON gives numbers,
 * people the comma-separated values. */
void out_nums(out_row *row, const char *key);
void out_nums_add(out_row *row, uint64_t value);
/* A JSON value produced elsewhere (the audit trail's data), inserted as is. */
void out_json(out_row *row, const char *key, const char *json);
/* A real number (derived values: scores, progress) as a JSON number with 4
 * decimals, sign kept ("-0.2500"); NaN and infinities are null. */
void out_real(out_row *row, const char *key, double v);
/* A list of rows, rendered as a table. columns: comma-separated keys shown
 * to people (NULL: every key of the first row); JSON always has every key.
 * titled: print the key's label above the table. Returns the cell's index
 * for out_rows_add(). */
size_t out_rows(out_row *row, const char *key, const char *columns, int titled);
/* A row nested under key (taking ownership): one JSON object; people see
 * its cells in place (titled: under the key's label). */
void out_object(out_row *row, const char *key, out_row *item, int titled);
/* Adds a row (taking ownership) to the row list at cell index. */
void out_rows_add(out_row *row, size_t cell, out_row *item);

/* Renders row on f: JSON when json is non-zero, else for people in lang.
 * Returns 0, or -1 when writing failed. */
int out_emit(FILE *f, const out_row *row, int json, int lang);

#endif /* KM_CLI_OUTPUT_H */
