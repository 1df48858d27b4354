/* Index memberships (see ientry.h). */
#include "util/ientry.h"

#include <string.h>

static int same(const km__ientry *a, const km__ientry *b)
{
    if (a->fixed || b->fixed) return a->fixed == b->fixed;
    return a->post == b->post && a->len == b->len && memcmp(a->key, b->key, a->len) == 0;
}

static int contains(const km__ientry *set, size_t n, const km__ientry *e)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (same(&set[i], e)) return 1;
    return 0;
}

static int add(const km__ientry *e, uint64_t id)
{
    return e->fixed ? km__idset_add(e->fixed, id) : km__keyidx_add(e->post, e->key, e->len, id);
}

static void remove_id(const km__ientry *e, uint64_t id)
{
    if (e->fixed) km__idset_remove(e->fixed, id);
    else km__keyidx_remove(e->post, e->key, e->len, id);
}

int km__ientry_move(const km__ientry *old, size_t no, const km__ientry *nw, size_t nn, uint64_t id)
{
    size_t i, j;
    int rc;
    for (i = 0; i < nn; i++) {
        if (contains(old, no, &nw[i])) continue;
        if ((rc = add(&nw[i], id)) != 0) {
            for (j = 0; j < i; j++)
                if (!contains(old, no, &nw[j])) remove_id(&nw[j], id);
            return rc;
        }
    }
    for (i = 0; i < no; i++)
        if (!contains(nw, nn, &old[i])) remove_id(&old[i], id);
    return 0;
}
