/* Conformance driver for the example backend of examples/storage_dir.c (a
 * directory with one file per record), compiled here without its main().
 * This is also the model for a host's own driver: include or link the
 * backend, implement the six functions of conformance.h, and CMake builds
 * test_conformance_<name> and registers conformance.<name>
 * (docs/storage.md). Each store is a subdirectory of a fresh scratch
 * directory under $KM_TEST_TMPDIR (else /tmp). */
#define KM_STORAGE_DIR_NO_MAIN
#include "../../examples/storage_dir.c"

#include "conformance.h"

const char conf_backend_name[] = "dir";

static char scratch[4096];

int conf_global_setup(void)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    if (!base || !*base) base = "/tmp";
    snprintf(scratch, sizeof scratch, "%s/km-conf-dir-XXXXXX", base);
    return mkdtemp(scratch) ? 0 : -1;
}

void conf_global_teardown(void)
{
    if (scratch[0]) (void)rmdir(scratch);
}

static void store_dir(const char *name, char *out, size_t size) { snprintf(out, size, "%s/%s", scratch, name); }

km_storage *conf_open(const char *name)
{
    char dir[4200];
    km_storage *st = NULL;
    store_dir(name, dir, sizeof dir);
    if (dir_storage_open(&st, dir) != 0) {
        fprintf(stderr, "conf_open(%s): %s\n", dir, km_error_last_message(KM_LANG_EN));
        return NULL;
    }
    return st;
}

km_storage *conf_reopen(km_storage *st, const char *name)
{
    km_storage_free(st);
    return conf_open(name);
}

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
    char dir[4200];
    DIR *d;
    struct dirent *e;
    km_storage_free(st);
    store_dir(name, dir, sizeof dir);
    d = opendir(dir);
    if (!d) return;
    while ((e = readdir(d)) != NULL) {
        char path[4600];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        (void)unlink(path);
    }
    closedir(d);
    (void)rmdir(dir);
}
