/* Fuzz target: the TLV payload parser and its JSON rendering (the audit
 * trail renders any payload it finds in a log). */
#include "core/alloc.h"
#include "log/fields.h"

#include <kemitraan/common.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const km__fdesc schema[] = { { 1, KM__T_STR, "a" }, { 2, KM__T_U64, "b" }, { 4, KM__T_STRS, "c" } };
    km__fields f;
    if (km__fields_parse(&f, data, size) == 0) {
        km__buf b;
        km__strs s;
        const char *str;
        size_t n;
        uint64_t v;
        km__buf_init(&b, &km__default_allocator);
        (void)km__fields_json(&b, schema, 3, &f);
        (void)km__fields_str(&f, 1, &str, &n);
        (void)km__fields_u64(&f, 2, &v);
        if (km__fields_strs(&f, 4, &s) == 1) {
            size_t pos = 0, len;
            while (km__strs_next(&s, &pos, &len)) {}
        }
        (void)km__fields_check_known(&f, schema, 3);
        km__buf_free(&b);
    }
    return 0;
}
