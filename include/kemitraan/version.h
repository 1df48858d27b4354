/**
 * @file version.h
 * @brief Compile-time and run-time version of the kemitraan library.
 *
 * The macros describe the headers a program was compiled against; the
 * functions describe the library actually loaded at run time. A program can
 * compare the two to detect a mismatched shared library:
 *
 * @code
 * if (km_version() / 10000 != KM_VERSION_MAJOR) {
 *     fprintf(stderr, "kemitraan %s is not compatible\n", km_version_string());
 * }
 * @endcode
 *
 * The version follows Semantic Versioning: the major number (and the shared
 * object's SONAME) changes only on an ABI break.
 */
#ifndef KEMITRAAN_VERSION_H
#define KEMITRAAN_VERSION_H

#include "kemitraan/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Major version: changes on an incompatible ABI or API change. */
#define KM_VERSION_MAJOR 0
/** @brief Minor version: changes when functionality is added compatibly. */
#define KM_VERSION_MINOR 1
/** @brief Patch version: changes for compatible bug fixes. */
#define KM_VERSION_PATCH 0
/** @brief The version as a string, `"MAJOR.MINOR.PATCH"`. */
#define KM_VERSION_STRING "0.1.0"
/**
 * @brief The version as one number, `MAJOR * 10000 + MINOR * 100 + PATCH`
 *        (0.1.0 is 100), suitable for `#if` comparisons.
 */
#define KM_VERSION_NUMBER \
    (KM_VERSION_MAJOR * 10000 + KM_VERSION_MINOR * 100 + KM_VERSION_PATCH)

/**
 * @brief Version of the library loaded at run time.
 *
 * Never fails and needs no network handle.
 * @return the #KM_VERSION_NUMBER the library was built with
 *         (`MAJOR * 10000 + MINOR * 100 + PATCH`).
 */
KM_EXTERN int km_version(void);

/**
 * @brief Version string of the library loaded at run time.
 *
 * Never fails and needs no network handle.
 * @return a static NUL-terminated string such as `"0.1.0"` (the
 *         #KM_VERSION_STRING the library was built with); never NULL and
 *         never to be freed.
 */
KM_EXTERN const char *km_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_VERSION_H */
