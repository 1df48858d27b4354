/* Fuzz target: the kemitraan tool's strict JSON reader (tools/kemitraan/
 * jsonread.c), which reads data files given to `kemitraan load`. Any input
 * must parse or fail cleanly; a parsed tree is walked and freed. */
#include "../tools/kemitraan/jsonread.c"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const jr_value *v, int depth)
{
    size_t i, n = 1;
    if (depth > JR_MAX_DEPTH) __builtin_trap(); /* the limit holds */
    if (v->type == JR_STRING && strlen(v->s) != v->len) __builtin_trap(); /* no NUL inside */
    for (i = 0; i < v->n; i++) {
        n += walk(&v->items[i], depth + 1);
        if (v->type == JR_OBJECT && jr_get(v, v->keys[i]) != &v->items[i]) __builtin_trap(); /* keys unique */
    }
    (void)jr_type_name(v->type);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jr_value *v = NULL;
    jr_error e;
    if (jr_parse((const char *)data, size, &v, &e) == 0) {
        (void)walk(v, 0);
        jr_free(v);
    } else if (v != NULL || e.line < 1 || e.col < 1) {
        __builtin_trap();
    }
    return 0;
}
