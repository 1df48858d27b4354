#include "util/cursor.h"
#include "core/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int km__cursor_parse(const char *c, const char *prefix, const char *fn, uint64_t *after)
{
    size_t pl = strlen(prefix);
    unsigned long long v;
    char *end;
    if (!c) {
        *after = 0;
        return 0;
    }
    if (strncmp(c, prefix, pl) != 0 || c[pl] < '0' || c[pl] > '9') goto bad;
    errno = 0;
    v = strtoull(c + pl, &end, 10);
    if (*end != '\0' || errno == ERANGE || v >= UINT64_MAX) goto bad;
    *after = v;
    return 0;
bad:
    return km__err(KM_EINVAL, "query.cursor", "\"%.40s\" is not a cursor returned by %s",
                   "\"%.40s\" bukan kursor dari %s", c, fn);
}
