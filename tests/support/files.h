/* Whole-file helpers for tests that look at a store's bytes on disk (the
 * log, a snapshot): read a file, write one, its size, remove a file store
 * with its snapshot so that no run leaves files behind. Include after
 * <cmocka.h>: a failure is a failed assertion, not an error to handle.
 * Inline, so that a test using only some of them compiles without
 * warnings. */
#ifndef KM_TESTS_FILES_H
#define KM_TESTS_FILES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file's size; (size_t)-1 when it does not exist. */
static inline size_t fsize(const char *p)
{
    struct stat st;
    if (stat(p, &st) != 0) return (size_t)-1;
    return (size_t)st.st_size;
}

/* The whole file in a malloc'd buffer (free it), its length in *len. */
static inline uint8_t *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    struct stat st;
    uint8_t *buf;
    size_t n;
    assert_non_null(f);
    assert_int_equal(fstat(fileno(f), &st), 0); /* the size of what was opened */
    n = (size_t)st.st_size;
    buf = (uint8_t *)malloc(n ? n : 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, n, f), n);
    fclose(f);
    *len = n;
    return buf;
}

/* Writes (mode "wb") or appends ("ab") len bytes to the file. */
static inline void spit(const char *p, const void *data, size_t len, const char *mode)
{
    FILE *f = fopen(p, mode);
    assert_non_null(f);
    if (len) assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* A file store's path for this process: KM_TEST_TMPDIR (else /tmp), then
 * "/<name>-<pid>.km", so parallel test runs never share a store. */
static inline void store_path(char *out, size_t size, const char *name)
{
    const char *tmp = getenv("KM_TEST_TMPDIR");
    snprintf(out, size, "%s/%s-%ld.km", tmp && *tmp ? tmp : "/tmp", name, (long)getpid());
}

/* Removes a file store: its log and the snapshot beside it ("<path>-snap",
 * written by km_network_snapshot()). Missing files are not an error. */
static inline void remove_store(const char *p)
{
    char s[4400];
    (void)unlink(p);
    snprintf(s, sizeof s, "%s-snap", p);
    (void)unlink(s);
}
#endif
