/* Id cursors of paged listings ("<prefix><last id>", e.g. "p1:42"): one
 * parser for every module, so the rules (digits only, no overflow, not the
 * largest id, after which id + 1 would wrap and restart the listing) are
 * written once. */
#ifndef KM_UTIL_CURSOR_H
#define KM_UTIL_CURSOR_H

#include <stdint.h>

/* c NULL -> *after = 0. Otherwise c must be prefix + decimal id; fn names the
 * function whose cursors are expected, for the KM_EINVAL message. */
int km__cursor_parse(const char *c, const char *prefix, const char *fn, uint64_t *after);

#endif
