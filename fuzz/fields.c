/* Fuzz target: the TLV payload parser and its JSON rendering (the audit
 * trail renders any payload it finds in a log). The first byte picks the
 * encoding (odd: 1, even: 2; log/fields.h), the rest is the payload. */
#include "core/alloc.h"
#include "log/fields.h"

#include <kemitraan/common.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const km__fdesc schema[] = { { 1, KM__T_STR, "a" }, { 2, KM__T_U64, "b" }, { 3, KM__T_I64, "d" }, { 4, KM__T_STRS, "c" } };
    km__fields f;
    unsigned fmt;
    if (size == 0) return 0;
    fmt = data[0] & 1u ? KM__FIELDS_V1 : KM__FIELDS_V2;
    if (km__fields_parse(&f, data + 1, size - 1, fmt) == 0) {
        km__buf b;
        km__strs s;
        const char *str;
        size_t n;
        uint64_t v;
        int64_t i;
        km__buf_init(&b, &km__default_allocator);
        (void)km__fields_json(&b, schema, 4, &f);
        (void)km__fields_str(&f, 1, &str, &n);
        (void)km__fields_u64(&f, 2, &v);
        (void)km__fields_i64(&f, 3, &i);
        if (km__fields_strs(&f, 4, &s) == 1) {
            size_t pos = 0, len;
            while (km__strs_next(&s, &pos, &len)) {}
        }
        (void)km__fields_check_known(&f, schema, 4);
        km__buf_free(&b);
    }
    return 0;
}
