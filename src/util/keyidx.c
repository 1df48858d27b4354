#include "util/keyidx.h"
#include "core/alloc.h"
#include "core/error.h"

#include <string.h>

void km__keyidx_init(km__keyidx *k, const km_allocator *a)
{
    km__strmap_init(&k->map, a);
    k->items = NULL;
    k->n = k->cap = 0;
    k->a = a;
}

void km__keyidx_free(km__keyidx *k)
{
    size_t i;
    for (i = 0; i < k->n; i++) {
        km__idset_free(&k->items[i]->ids);
        km__free(k->a, k->items[i]);
    }
    km__free(k->a, k->items);
    km__strmap_free(&k->map);
    k->items = NULL;
    k->n = k->cap = 0;
}

km__idset *km__keyidx_find(const km__keyidx *k, const char *key, size_t len)
{
    uint64_t i;
    if (!km__strmap_get(&k->map, key, len, &i)) return NULL;
    return &k->items[i]->ids;
}

int km__keyidx_add(km__keyidx *k, const char *key, size_t len, uint64_t id)
{
    km__keyidx_entry *e;
    km__idset *s = km__keyidx_find(k, key, len);
    int rc;
    if (s) return km__idset_add(s, id);
    if ((rc = km__grow(k->a, (void **)&k->items, &k->cap, k->n + 1, sizeof *k->items)) != 0) return rc;
    if ((rc = km__strmap_reserve(&k->map, 1)) != 0) return rc;
    e = (km__keyidx_entry *)km__malloc(k->a, sizeof *e + len + 1);
    if (!e) return km__nomem();
    e->key = (char *)(e + 1);
    memcpy(e->key, key, len);
    e->key[len] = '\0';
    e->len = len;
    km__idset_init(&e->ids, k->a);
    if ((rc = km__idset_add(&e->ids, id)) != 0) {
        km__free(k->a, e);
        return rc;
    }
    k->items[k->n] = e;
    km__strmap_put(&k->map, e->key, len, k->n); /* reserved */
    k->n++;
    return 0;
}

void km__keyidx_remove(km__keyidx *k, const char *key, size_t len, uint64_t id)
{
    km__idset *s = km__keyidx_find(k, key, len);
    if (s) km__idset_remove(s, id);
}

long km__keyidx_intern(km__keyidx *k, const char *key, size_t len)
{
    km__keyidx_entry *e;
    uint64_t i;
    if (km__strmap_get(&k->map, key, len, &i)) return (long)i;
    if (km__grow(k->a, (void **)&k->items, &k->cap, k->n + 1, sizeof *k->items) != 0) return -1;
    if (km__strmap_reserve(&k->map, 1) != 0) return -1;
    e = (km__keyidx_entry *)km__malloc(k->a, sizeof *e + len + 1);
    if (!e) {
        km__nomem();
        return -1;
    }
    e->key = (char *)(e + 1);
    memcpy(e->key, key, len);
    e->key[len] = '\0';
    e->len = len;
    km__idset_init(&e->ids, k->a);
    k->items[k->n] = e;
    km__strmap_put(&k->map, e->key, len, k->n); /* reserved */
    return (long)k->n++;
}
