/* Conformance driver for the example SQLite backend of
 * examples/storage_sqlite.c, compiled here without its main(). Each store
 * is the database file DIR/<name>.db in a fresh scratch directory under
 * $KM_TEST_TMPDIR (else /tmp); closing a store deletes the file and its
 * WAL and shared-memory files. */
#include <sqlite3.h> /* named here too: CMake links SQLite to drivers that include it */

#define KM_STORAGE_SQLITE_NO_MAIN
#include "../../examples/storage_sqlite.c"

#include "conformance.h"

#include <unistd.h>

const char conf_backend_name[] = "sqlite";

static char scratch[4096];

int conf_global_setup(void)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    if (!base || !*base) base = "/tmp";
    snprintf(scratch, sizeof scratch, "%s/km-conf-sqlite-XXXXXX", base);
    return mkdtemp(scratch) ? 0 : -1;
}

void conf_global_teardown(void)
{
    if (scratch[0]) (void)rmdir(scratch); /* fails (and leaves the evidence) if a test left files */
}

static void store_path(const char *name, const char *suffix, char *out, size_t size)
{
    snprintf(out, size, "%s/%s.db%s", scratch, name, suffix);
}

km_storage *conf_open(const char *name)
{
    char path[4200];
    km_storage *st = NULL;
    store_path(name, "", path, sizeof path);
    if (sqlite_storage_open(&st, path, NULL) != 0) {
        fprintf(stderr, "conf_open(%s): %s\n", path, km_error_last_message(KM_LANG_EN));
        return NULL;
    }
    return st;
}

km_storage *conf_reopen(km_storage *st, const char *name)
{
    km_storage_free(st);
    return conf_open(name);
}

/* A second connection to the same file, as another process would open. */
km_storage *conf_attach(km_storage *first, const char *name)
{
    (void)first;
    return conf_open(name);
}

void conf_detach(km_storage *second, km_storage *first)
{
    if (second != first) km_storage_free(second);
}

void conf_close(km_storage *st, const char *name)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    size_t i;
    km_storage_free(st);
    for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char path[4200];
        store_path(name, suffixes[i], path, sizeof path);
        (void)unlink(path);
    }
}
