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
/* The CRC of a || b from crc_a = km__crc32c(0, a, n), crc_b =
 * km__crc32c(0, b, len_b) and len_b alone, in O(log len_b). */
uint32_t km__crc32c_combine(uint32_t crc_a, uint32_t crc_b, uint64_t len_b);
/* km__crc32c() of a large buffer on two threads: the second half's CRC on a
 * new thread while this one does the first, then combined. The same result
 * as km__crc32c(); one thread when len is under min_split (pass
 * KM__CRC32C_SPLIT) or no thread can be made. Allocates nothing. */
uint32_t km__crc32c_split(uint32_t crc, const void *data, size_t len, size_t min_split);
/* Where a second thread starts to pay: 16 MiB is about 2 ms of CRC, a
 * thread's start and join tens of microseconds. */
#define KM__CRC32C_SPLIT ((size_t)16 << 20)

#endif
