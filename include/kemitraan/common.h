/**
 * @file common.h
 * @brief Export macro, error codes, languages and the allocator hook shared by
 *        every kemitraan header.
 *
 * Every fallible function of the library returns an `int`: 0 (#KM_OK) on
 * success or one of the negative `KM_E*` codes below. The code says what kind
 * of failure happened; km_error_last_message() says which argument, field or
 * rule was at fault, in Bahasa Indonesia or English.
 */
#ifndef KEMITRAAN_COMMON_H
#define KEMITRAAN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @def KM_EXTERN
 * @brief Marks a declaration as part of the public ABI.
 *
 * The library is built with hidden visibility; only declarations carrying
 * this macro leave the shared object.
 */
#if defined(_WIN32) && defined(KM_BUILDING_SHARED)
#define KM_EXTERN __declspec(dllexport)
#elif defined(_WIN32) && !defined(KM_STATIC)
#define KM_EXTERN __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define KM_EXTERN __attribute__((visibility("default")))
#else
#define KM_EXTERN
#endif

/** @brief Error codes returned by every fallible function (0 is success). */
typedef enum km_error_code {
    KM_OK = 0,          /**< Success. */
    KM_ERROR = -1,      /**< Unclassified internal error. */
    KM_EINVAL = -2,     /**< An argument or field is invalid (NULL, bad format, out of range). */
    KM_ENOTFOUND = -3,  /**< The requested entity or entry does not exist. */
    KM_EEXISTS = -4,    /**< A unique value (identifier, reference) is already taken. */
    KM_ESTATE = -5,     /**< The operation is not allowed in the entity's current state. */
    KM_ECONFLICT = -6,  /**< The store was changed by another handle; refresh and retry. */
    KM_ESTORAGE = -7,   /**< The storage backend failed (I/O error, disk full, ...). */
    KM_ECORRUPT = -8,   /**< Stored data is malformed or fails its checksum or hash chain. */
    KM_ENOMEM = -9,     /**< An allocation failed. Nothing was changed. */
    KM_EDENIED = -10,   /**< The host's authorizer refused the action. Nothing was changed. */
    KM_ERANGE = -11,    /**< Arithmetic overflow or a value outside its domain. */
    KM_EREADONLY = -12, /**< The handle is read-only (time travel view or read-only store). */
    KM_EBUSY = -13,     /**< The store is locked by another writer. */
    KM_EVERSION = -14,  /**< Unsupported structure, record or backend version. */
    KM_ITEROVER = -15   /**< No more items (end of an iteration; not an error as such). */
} km_error_code;

/** @brief Languages for labels and messages. Any other value means English. */
typedef enum km_lang {
    KM_LANG_ID = 0, /**< Bahasa Indonesia. */
    KM_LANG_EN = 1  /**< English. */
} km_lang;

/**
 * @brief Returns a short, static description of an error code.
 * @param code a `KM_E*` value (any int is accepted).
 * @param lang #KM_LANG_ID or #KM_LANG_EN (anything else is English).
 * @return a static NUL-terminated UTF-8 string; never NULL.
 */
KM_EXTERN const char *km_strerror_lang(int code, int lang);

/**
 * @brief English description of an error code; same as
 *        `km_strerror_lang(code, KM_LANG_EN)`.
 * @param code a `KM_E*` value (any int is accepted).
 * @return a static string; never NULL.
 */
KM_EXTERN const char *km_strerror(int code);

/**
 * @brief Code of the last error raised on the calling thread.
 * @return the last `KM_E*` code, or #KM_OK if none was raised since the last
 *         km_error_clear().
 */
KM_EXTERN int km_error_last(void);

/**
 * @brief Message of the last error raised on the calling thread.
 *
 * The message names the argument, field or rule at fault, e.g.
 * `partner.email: "x@" is not a valid e-mail address`.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a thread-local string valid until the next library call on this
 *         thread; never NULL (empty when there is no error).
 */
KM_EXTERN const char *km_error_last_message(int lang);

/**
 * @brief Name of the argument, field or rule at fault in the last error
 *        (e.g. `partner.email`), or an empty string when not applicable.
 * @return a thread-local string valid until the next library call on this
 *         thread; never NULL.
 */
KM_EXTERN const char *km_error_last_field(void);

/**
 * @brief Forgets the calling thread's last error.
 */
KM_EXTERN void km_error_clear(void);

/** @brief Current version of ::km_allocator. */
#define KM_ALLOCATOR_VERSION 1

/**
 * @brief Memory allocator hook.
 *
 * All memory the library uses for a network goes through this allocator.
 * Tests use it to fail the N-th allocation. A host allocator's callbacks
 * are only ever called on the thread that called the library; with libc
 * (all callbacks NULL), opening a store from a big snapshot (10,000
 * partners or agreements or more) may load parts of it on other threads,
 * joined before the open returns (docs/threading.md). Sizes are in bytes. Either all
 * three callbacks are set or all are NULL (libc); a partial set is rejected
 * with #KM_EINVAL when the network is opened.
 */
typedef struct km_allocator {
    unsigned int version; /**< Must be #KM_ALLOCATOR_VERSION. */
    /** Allocate @p size bytes; NULL on failure. */
    void *(*malloc_fn)(void *payload, size_t size);
    /** Resize @p ptr (NULL means allocate); NULL on failure, leaving @p ptr intact. Required. */
    void *(*realloc_fn)(void *payload, void *ptr, size_t size);
    /** Release @p ptr (may be NULL). */
    void (*free_fn)(void *payload, void *ptr);
    /** Passed back to every callback. */
    void *payload;
} km_allocator;

/** @brief Static initializer for ::km_allocator (all callbacks NULL = libc). */
#define KM_ALLOCATOR_INIT { KM_ALLOCATOR_VERSION, NULL, NULL, NULL, NULL }

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_COMMON_H */
