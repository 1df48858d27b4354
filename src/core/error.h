/* Internal error reporting: set the thread's last error (code, field and a
 * message in both languages) and return the code, so call sites read
 * `return km__err(KM_EINVAL, "partner.email", "...", "...", ...);`. */
#ifndef KM_CORE_ERROR_H
#define KM_CORE_ERROR_H

#include "kemitraan/common.h"

#if defined(__GNUC__)
#define KM__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define KM__PRINTF(a, b)
#endif

/* fmt_en and fmt_id take the same arguments in the same order. */
int km__err(int code, const char *field, const char *fmt_en, const char *fmt_id, ...)
    KM__PRINTF(3, 5);
/* Shorthand for an allocation failure. */
int km__nomem(void);
/* Clears the last error at the start of a public call. */
void km__err_clear(void);

/* The whole last error (code, field, both messages), kept across a call
 * that clears or replaces it, such as a rollback, and raised again as it
 * was: raising it anew with km__err() would put the field in front of a
 * message that already starts with it. */
typedef struct km__errsave {
    int code;
    char field[96];
    char msg[2][512];
} km__errsave;
void km__err_save(km__errsave *s);
/* Makes s the last error again; returns its code. */
int km__err_restore(const km__errsave *s);

#endif
