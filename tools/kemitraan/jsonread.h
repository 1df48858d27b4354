/* jsonread.h: a small, strict JSON reader for the kemitraan tool (data
 * files for `kemitraan load`, and the JSON the tool's own commands print).
 *
 * Strict RFC 8259 with these limits, so any input is safe to read:
 *   - UTF-8 is checked (no overlong forms, no surrogates, nothing above
 *     U+10FFFF); \u escapes must pair surrogates; \u0000 is refused (strings
 *     are C strings); control characters must be escaped;
 *   - nesting deeper than JR_MAX_DEPTH arrays/objects is refused;
 *   - integers are exact int64 (a larger one is an error, never rounded);
 *     a number with a fraction or an exponent is kept as its text;
 *   - an object may not repeat a key; nothing may follow the value (but
 *     white space); no byte order mark.
 * An error names the line and column (1-based; the column counts bytes).
 * Self-contained (libc only), so the fuzz target can build it alone. */
#ifndef KM_CLI_JSONREAD_H
#define KM_CLI_JSONREAD_H

#include <stddef.h>
#include <stdint.h>

#define JR_MAX_DEPTH 64

typedef enum jr_type { JR_NULL, JR_BOOL, JR_INT, JR_NUMBER, JR_STRING, JR_ARRAY, JR_OBJECT } jr_type;

typedef struct jr_value jr_value;
struct jr_value {
    jr_type type;
    int line, col;  /* where the value starts */
    int b;          /* JR_BOOL */
    int64_t i;      /* JR_INT */
    char *s;        /* JR_STRING: the text (UTF-8, NUL-terminated); JR_NUMBER: the number as written */
    size_t len;     /* strlen(s) */
    jr_value *items; /* JR_ARRAY: the elements; JR_OBJECT: the member values */
    char **keys;     /* JR_OBJECT: the member names, in order */
    size_t n;        /* number of elements or members */
};

/* Why a parse failed: the message is English; the position is where. */
typedef struct jr_error {
    int line, col;
    char msg[128];
} jr_error;

/* Parses text[0..len) into *out (free with jr_free). Returns 0, or -1 with
 * *err filled (and *out NULL). Memory exhaustion is reported as an error. */
int jr_parse(const char *text, size_t len, jr_value **out, jr_error *err);

void jr_free(jr_value *v);

/* The member `key` of an object, or NULL (not an object, or no such key). */
const jr_value *jr_get(const jr_value *obj, const char *key);

/* "string", "array"...: for messages. */
const char *jr_type_name(jr_type t);

#endif /* KM_CLI_JSONREAD_H */
