/* SHA-256 (FIPS 180-4) and hex helpers. Used for the hash chain of the log:
 * every entry is hashed, so the block function is written for speed and
 * streaming input is hashed in place without copying full blocks. */
#ifndef KM_UTIL_SHA256_H
#define KM_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The typedef cannot be named km__sha256 as well: typedef names and function
 * names share one C namespace and km__sha256() is the one-shot digest. The
 * struct tag keeps the name, so `struct km__sha256` also works. */
typedef struct km__sha256 {
    uint32_t h[8];     /* chaining state */
    uint64_t total;    /* bytes hashed so far */
    uint8_t block[64]; /* pending partial block */
    size_t used;       /* bytes pending in block */
} km__sha256_ctx;

void km__sha256_init(km__sha256_ctx *c);
void km__sha256_update(km__sha256_ctx *c, const void *data, size_t len);
/* Writes the digest; the context must be re-initialised before reuse. */
void km__sha256_final(km__sha256_ctx *c, uint8_t out[32]);
/* One-shot digest of data. */
void km__sha256(const void *data, size_t len, uint8_t out[32]);

/* Whether blocks are hashed with the CPU's SHA instructions (x86 SHA
 * extensions), chosen at first use when the CPU has them. set < 0 only
 * asks; 0 forces the portable code, 1 the instructions if present (tests
 * run both). Returns the choice in effect. */
int km__sha256_hw(int set);

/* Writes 2n lowercase hex characters and a terminating NUL (out must hold
 * 2n+1 bytes). */
void km__hex_encode(char *out, const uint8_t *in, size_t n);
/* Decodes exactly 2n hex characters (either case) into n bytes. Returns 0,
 * or -1 if any character is not a hex digit (out is then unspecified). */
int km__hex_decode(uint8_t *out, const char *hex, size_t n);

#endif
