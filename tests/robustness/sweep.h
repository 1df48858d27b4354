/* What the two sweep programs (snapshot_sweep.c, log_sweep.c) share: a
 * read-only storage over the file store, the random stream, the damage
 * done to a blob, and the command line. */
#ifndef KM_TESTS_ROBUSTNESS_SWEEP_H
#define KM_TESTS_ROBUSTNESS_SWEEP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <kemitraan/kemitraan.h>
#include <kemitraan/sys/storage.h>

/* The head of each program's storage: the vtable, then the store it
 * reads through. */
typedef struct sw_store {
    km_storage base;
    km_storage *inner;
} sw_store;

static int sw_append(km_storage *s, uint64_t seq, const void *d, size_t n)
{
    (void)s; (void)seq; (void)d; (void)n;
    return KM_EREADONLY;
}

static int sw_last_seq(km_storage *s, uint64_t *out)
{
    km_storage *inner = ((sw_store *)s)->inner;
    return inner->last_seq(inner, out);
}

/* append refused, last_seq passed on; the program sets scan and
 * snapshot_read. */
static void sw_store_init(sw_store *w, km_storage *inner)
{
    km_storage init = KM_STORAGE_INIT;
    w->base = init;
    w->base.append = sw_append;
    w->base.last_seq = sw_last_seq;
    w->inner = inner;
}

/* One kind of damage at one place. */
typedef struct sw_damage {
    uint64_t pos;  /* where (modulo the blob's length) */
    int mode;      /* 0 set a byte, 1 flip a bit, 2 cut the blob there, 3 set eight bytes */
    uint8_t val;
} sw_damage;

/* xorshift64: the same damage for the same seed on every machine. */
static uint64_t sw_next(uint64_t *rng)
{
    *rng ^= *rng << 13;
    *rng ^= *rng >> 7;
    *rng ^= *rng << 17;
    return *rng;
}

/* The next damage: one cut and three eight-byte sets in sixteen, the rest
 * single bytes set or bits flipped. */
static sw_damage sw_draw(uint64_t *rng)
{
    uint64_t r = sw_next(rng);
    sw_damage d;
    int m = (int)((r >> 40) % 16);
    d.pos = r >> 16;
    d.val = (uint8_t)(r >> 32);
    d.mode = m == 0 ? 2 : m < 4 ? 3 : m & 1;
    return d;
}

/* Damages buf (len bytes, len > 0) in place; a cut shortens *len. */
static void sw_apply(const sw_damage *d, uint8_t *buf, size_t *len)
{
    size_t pos = (size_t)(d->pos % *len), k;
    if (d->mode == 0) buf[pos] = d->val;
    else if (d->mode == 1) buf[pos] ^= (uint8_t)(1u << (d->val & 7));
    else if (d->mode == 2) *len = pos;
    else for (k = 0; k < 8 && pos + k < *len; k++) buf[pos + k] = (uint8_t)(d->val * (k + 1));
}

/* STORE TRIES SEED: the tries and the random stream's start. */
static int sw_args(int argc, char **argv, const char *name, unsigned long *tries, uint64_t *rng)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s STORE TRIES SEED\n", name);
        return 0;
    }
    *tries = strtoul(argv[2], NULL, 10);
    *rng = 0x9E3779B97F4A7C15ull * (strtoull(argv[3], NULL, 10) + 1);
    return 1;
}

#endif
