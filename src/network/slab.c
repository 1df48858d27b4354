/* Blocks of records loaded in bulk (see km__slab in internal.h). */
#include "network/internal.h"

#include <string.h>

/* About a mebibyte with the allocator's own header: libc serves it with
 * one mapping, outside the arenas. Every record fits (their string offsets
 * are 16 bits). */
#define KM__SLAB_BLOCK (((size_t)1 << 20) - 64)
#define KM__SLAB_ALIGN 8
/* The records start after the block's header, at an 8-byte boundary on
 * every platform. */
#define KM__SLAB_HEAD ((sizeof(km__ctx) + KM__SLAB_ALIGN - 1) & ~(size_t)(KM__SLAB_ALIGN - 1))

void km__slab_init(km__slab *s, km__ctx *owner)
{
    memset(s, 0, sizeof *s);
    s->owner = owner;
}

void km__slab_done(km__slab *s)
{
    km__ctx_unref(s->blk); /* the filling reference */
    s->blk = NULL;
    s->cur = NULL;
    s->left = 0;
}

void *km__rec_alloc(km__ctx *owner, km__slab *s, size_t size, km__ctx **ctx)
{
    void *p;
    if (s) size = (size + KM__SLAB_ALIGN - 1) & ~(size_t)(KM__SLAB_ALIGN - 1);
    if (!s || size > KM__SLAB_BLOCK - KM__SLAB_HEAD) {
        p = km__malloc(&owner->alloc, size);
        if (!p) return NULL;
        km__ctx_ref(owner);
        *ctx = owner;
        return p;
    }
    if (size > s->left) {
        km__ctx *b = (km__ctx *)km__malloc(&owner->alloc, KM__SLAB_BLOCK);
        if (!b) return NULL;
        b->alloc = owner->alloc;
        b->refs = 1; /* while it is being filled */
        b->parent = owner;
        b->vocab = owner->vocab;
        km__ctx_ref(owner);
        km__slab_done(s);
        s->blk = b;
        s->cur = (char *)b + KM__SLAB_HEAD;
        s->left = KM__SLAB_BLOCK - KM__SLAB_HEAD;
    }
    p = s->cur;
    s->cur += size;
    s->left -= size;
    km__ctx_ref(s->blk);
    *ctx = s->blk;
    return p;
}
