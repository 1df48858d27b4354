/* A hint that the memory at p will be read soon, so that the cache misses
 * of independent lookups (a hash slot, a record, an index set) overlap
 * instead of following one another. It changes no result; compilers
 * without the builtin (or KM_NO_BUILTINS) get a no-op. */
#ifndef KM_UTIL_PREFETCH_H
#define KM_UTIL_PREFETCH_H

#if (defined(__GNUC__) || defined(__clang__)) && !defined(KM_NO_BUILTINS)
#define KM__PREFETCH(p) __builtin_prefetch(p)
#else
#define KM__PREFETCH(p) ((void)(p))
#endif

#endif
