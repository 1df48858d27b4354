/* Thread-local last error, in the style of git_error_last(): the code, the
 * field at fault and the message in both languages. Formatting both
 * languages at raise time keeps km_error_last_message() allocation-free and
 * lets a host show either language after the fact. */
#include "core/error.h"
#include "kemitraan/sys/storage.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define KM__MSG_MAX 512
#define KM__FIELD_MAX 96

typedef struct km__errstate {
    int code;
    char field[KM__FIELD_MAX];
    char msg[2][KM__MSG_MAX];
} km__errstate;

#if defined(__GNUC__) || defined(__clang__)
#define KM__TLS __thread
#else
#error "kemitraan needs a compiler with thread-local storage (__thread)"
#endif

static KM__TLS km__errstate tls_err;

/* km__errsave (error.h) mirrors km__errstate: the sizes must agree. */
typedef char km__errsave_field_size[sizeof(((km__errsave *)0)->field) == KM__FIELD_MAX ? 1 : -1];
typedef char km__errsave_msg_size[sizeof(((km__errsave *)0)->msg[0]) == KM__MSG_MAX ? 1 : -1];

static const char *const err_text[][2] = {
    /* index = -code */
    { "berhasil", "success" },
    { "kesalahan internal", "internal error" },
    { "argumen tidak valid", "invalid argument" },
    { "tidak ditemukan", "not found" },
    { "sudah ada", "already exists" },
    { "tidak diizinkan dalam status saat ini", "not allowed in the current state" },
    { "konflik: penyimpanan diubah oleh pihak lain", "conflict: the store was changed by another handle" },
    { "kesalahan penyimpanan", "storage error" },
    { "data rusak", "corrupt data" },
    { "memori tidak cukup", "out of memory" },
    { "ditolak oleh otorisasi", "denied by the authorizer" },
    { "di luar rentang atau melimpah", "out of range or overflow" },
    { "hanya baca", "read-only" },
    { "penyimpanan sedang dikunci penulis lain", "store is locked by another writer" },
    { "versi tidak didukung", "unsupported version" },
    { "tidak ada item lagi", "no more items" },
};

const char *km_strerror_lang(int code, int lang)
{
    int l = lang == KM_LANG_ID ? 0 : 1;
    /* Range-check before negating: -INT_MIN overflows. */
    if (code > 0 || code <= -(int)(sizeof err_text / sizeof err_text[0]))
        return l == 0 ? "kode kesalahan tidak dikenal" : "unknown error code";
    return err_text[-code][l];
}

const char *km_strerror(int code) { return km_strerror_lang(code, KM_LANG_EN); }

int km_error_last(void) { return tls_err.code; }

const char *km_error_last_message(int lang)
{
    return tls_err.msg[lang == KM_LANG_ID ? 0 : 1];
}

const char *km_error_last_field(void) { return tls_err.field; }

void km_error_clear(void) { km__err_clear(); }

void km__err_save(km__errsave *s)
{
    s->code = tls_err.code;
    memcpy(s->field, tls_err.field, sizeof s->field);
    memcpy(s->msg, tls_err.msg, sizeof s->msg);
}

int km__err_restore(const km__errsave *s)
{
    tls_err.code = s->code;
    memcpy(tls_err.field, s->field, sizeof tls_err.field);
    memcpy(tls_err.msg, s->msg, sizeof tls_err.msg);
    return s->code;
}

void km__err_clear(void)
{
    tls_err.code = 0;
    tls_err.field[0] = '\0';
    tls_err.msg[0][0] = '\0';
    tls_err.msg[1][0] = '\0';
}

static void put_msg(char *dst, int code, const char *field, const char *fmt, va_list ap)
{
    size_t n = 0;
    /* Messages start with the field so a reader finds the culprit first. */
    if (field && *field) {
        int w = snprintf(dst, KM__MSG_MAX, "%s: ", field);
        n = w < 0 ? 0 : (size_t)w < KM__MSG_MAX ? (size_t)w : KM__MSG_MAX - 1;
    }
    if (fmt) vsnprintf(dst + n, KM__MSG_MAX - n, fmt, ap);
    else snprintf(dst + n, KM__MSG_MAX - n, "%s", km_strerror_lang(code, dst == tls_err.msg[0] ? KM_LANG_ID : KM_LANG_EN));
}

int km__err(int code, const char *field, const char *fmt_en, const char *fmt_id, ...)
{
    va_list ap;
    tls_err.code = code;
    snprintf(tls_err.field, sizeof tls_err.field, "%s", field ? field : "");
    va_start(ap, fmt_id);
    put_msg(tls_err.msg[1], code, field, fmt_en, ap);
    va_end(ap);
    va_start(ap, fmt_id);
    put_msg(tls_err.msg[0], code, field, fmt_id ? fmt_id : fmt_en, ap);
    va_end(ap);
    return code;
}

int km__nomem(void)
{
    return km__err(KM_ENOMEM, NULL, "out of memory", "memori tidak cukup");
}

int km_error_set(int code, const char *field, const char *message)
{
    if (message) return km__err(code, field, "%s", "%s", message);
    return km__err(code, field, NULL, NULL);
}
