/* A secondary index from a string key (a tag, a region prefix) to the
 * compressed set of ids carrying it. Keys are copied and kept for good once
 * seen (an emptied set stays), so removing an id and adding it back never
 * allocates: transaction undo relies on that. */
#ifndef KM_UTIL_KEYIDX_H
#define KM_UTIL_KEYIDX_H

#include <stddef.h>
#include <stdint.h>
#include "util/idset.h"
#include "util/strmap.h"

typedef struct km__keyidx_entry {
    char *key;
    size_t len;
    km__idset ids;
} km__keyidx_entry;

typedef struct km__keyidx {
    km__strmap map; /* key -> index into items */
    km__keyidx_entry **items;
    size_t n, cap;
    const km_allocator *a;
} km__keyidx;

void km__keyidx_init(km__keyidx *k, const km_allocator *a);
void km__keyidx_free(km__keyidx *k);
/* The set of key, or NULL when the key was never added. */
km__idset *km__keyidx_find(const km__keyidx *k, const char *key, size_t len);
/* 0 or KM_ENOMEM leaving the index unchanged. */
int km__keyidx_add(km__keyidx *k, const char *key, size_t len, uint64_t id);
/* Never allocates. */
void km__keyidx_remove(km__keyidx *k, const char *key, size_t len, uint64_t id);
/* The entry of key, created with an empty set when new: its index in
 * k->items, or -1 with KM_ENOMEM (the index unchanged). For bulk builds,
 * which fill the sets themselves. */
long km__keyidx_intern(km__keyidx *k, const char *key, size_t len);

#endif
