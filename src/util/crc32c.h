/* CRC-32C (Castagnoli) checksum of storage records. */
#ifndef KM_UTIL_CRC32C_H
#define KM_UTIL_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Returns the CRC-32C of data[0..len) continuing from crc: pass 0 to start,
 * and the previous result to extend, so that
 * km__crc32c(km__crc32c(0, a, n), b, m) is the CRC of a || b.
 * km__crc32c(0, "123456789", 9) == 0xE3069283. data may be NULL if len is 0. */
uint32_t km__crc32c(uint32_t crc, const void *data, size_t len);

#endif
