/* Open-addressing hash map from a byte string to a uint64 value, used for
 * the unique indexes on external identifiers (references, tax numbers,
 * e-mail addresses, ...). Keys are BORROWED: the map stores only the pointer
 * and the length, so the caller must keep the bytes alive and unchanged
 * while they are in the map (typically they live inside an immutable record).
 * That keeps a slot at 24 bytes on 64-bit hosts, which matters for a million
 * identifiers.
 *
 * Layout: power-of-two table, linear probing, 32 bits of the hash stored in
 * each slot (it locates the slot on rehash and skips most memcmp calls).
 * Removal uses backward-shift deletion instead of tombstones, so the table
 * never degrades and growth depends on the live count only.
 *
 * Allocation guarantees (transaction undo relies on them):
 *  - km__strmap_remove() never allocates and never shrinks the table.
 *  - Overwriting an existing key never allocates.
 *  - Growth is decided by the live count alone and the table never shrinks,
 *    so a put of a new key never allocates when the map has already held
 *    (count + 1) entries at some earlier point. In particular a put of a key
 *    that was just removed cannot fail, and undoing a sequence of puts and
 *    removes in reverse order never allocates.
 *  - After km__strmap_reserve(m, extra) == 0, the next `extra` puts of new
 *    keys cannot fail.
 *  - A failed put leaves the map unchanged.
 * Keys longer than UINT32_MAX bytes are rejected by put (KM_EINVAL) and are
 * never found. */
#ifndef KM_UTIL_STRMAP_H
#define KM_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

typedef struct km__strmap_slot {
    const char *key; /* borrowed */
    uint64_t value;
    uint32_t len;
    uint32_t tag; /* 0 = empty slot; else 32 bits of the hash, never 0 */
} km__strmap_slot;

typedef struct km__strmap {
    km__strmap_slot *slots;
    size_t cap;   /* 0 or a power of two */
    size_t count; /* live entries */
    const km_allocator *a;
} km__strmap;

/* The hash of the string maps (the short-input path of XXH64 with its final
 * avalanche): the low 32 bits are a slot's tag, never stored elsewhere. */
uint64_t km__hash_bytes(const char *key, size_t len);

/* a may be NULL for the libc allocator. Does not allocate. */
void km__strmap_init(km__strmap *m, const km_allocator *a);
/* Releases the table (never the borrowed keys); the map is left empty and
 * reusable. */
void km__strmap_free(km__strmap *m);
/* 1 and *out set (out may be NULL) if found, 0 if not. */
int km__strmap_get(const km__strmap *m, const char *key, size_t len, uint64_t *out);
/* Insert or overwrite. An overwrite also replaces the stored key pointer,
 * since the record owning the old bytes may have been replaced by a new
 * version. 0, KM_ENOMEM or KM_EINVAL, leaving the map unchanged on error. */
int km__strmap_put(km__strmap *m, const char *key, size_t len, uint64_t value);
/* 1 removed, 0 absent. Never allocates. */
int km__strmap_remove(km__strmap *m, const char *key, size_t len);
/* Afterwards `extra` puts of new keys cannot fail. 0 or KM_ENOMEM. */
int km__strmap_reserve(km__strmap *m, size_t extra);
size_t km__strmap_count(const km__strmap *m);

#endif
