/* Internal allocation helpers. Every allocation of the library goes through
 * a km_allocator so tests can fail the N-th one; these wrappers give the
 * libc fallback and overflow-checked array sizes in one place. */
#ifndef KM_CORE_ALLOC_H
#define KM_CORE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include "kemitraan/common.h"

/* The process-wide default: libc malloc/realloc/free. */
extern const km_allocator km__default_allocator;

void *km__malloc(const km_allocator *a, size_t size);
/* 1 when a is libc's malloc/realloc/free (the default), which any thread
 * may call; a host's allocator is only ever called on the calling thread. */
int km__alloc_is_libc(const km_allocator *a);
/* n*size with overflow check; memory is zeroed. */
void *km__calloc(const km_allocator *a, size_t n, size_t size);
/* Returns NULL (keeping p valid) on failure. */
void *km__realloc(const km_allocator *a, void *p, size_t size);
/* Grows *p (an array of elem_size elements with capacity *cap) so that it can
 * hold at least need elements. Geometric growth. 0 or KM_ENOMEM (with the
 * thread's last error set); *p and *cap untouched on failure. */
int km__grow(const km_allocator *a, void **p, size_t *cap, size_t need, size_t elem_size);
/* km__grow for a table whose every entry up to *cap is in use (a page
 * table): the entries it adds are zeroed. */
int km__grow_zeroed(const km_allocator *a, void **p, size_t *cap, size_t need, size_t elem_size);
void km__free(const km_allocator *a, void *p);
/* Installs fresh (an allocation of a) at *where, which is NULL or already
 * installed, unless another thread did first: then frees fresh. Returns
 * what *where holds afterwards. For tables whose entries any thread may
 * make on first use (vocabulary day pages, agreement extras pages). */
void *km__install(const km_allocator *a, void **where, void *fresh);
/* Validates a host allocator (NULL or all-NULL = libc) and copies it. */
int km__allocator_check(const km_allocator *a, km_allocator *out);
/* Copies len bytes and appends a NUL. NULL on failure. */
char *km__strndup(const km_allocator *a, const char *s, size_t len);
char *km__strdup(const km_allocator *a, const char *s);

#endif
