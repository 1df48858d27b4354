/* Minimal JSON writer helpers shared by the audit trail and exporters. */
#ifndef KM_UTIL_JSON_H
#define KM_UTIL_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "util/buf.h"

/* Appends s (n bytes, assumed valid UTF-8) as a quoted JSON string. */
int km__json_str(km__buf *b, const char *s, size_t n);
int km__json_cstr(km__buf *b, const char *s); /* NULL -> null */
int km__json_u64(km__buf *b, uint64_t v);
int km__json_i64(km__buf *b, int64_t v);
int km__json_raw(km__buf *b, const char *s);

#endif
