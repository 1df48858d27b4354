/* Conformance driver for the built-in file store. Each run gets a fresh
 * scratch directory (mkdtemp under $KM_TEST_TMPDIR, else /tmp); store
 * `name` is the log file DIR/name (its snapshot is DIR/name-snap).
 * KM_CONF_FILE_SYNC=full|normal|off picks the sync mode (default full). */
#include "conformance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char conf_backend_name[] = "file";

static char dir[4096];
static km_file_options fopts = KM_FILE_OPTIONS_INIT;

int conf_global_setup(void)
{
    const char *base = getenv("KM_TEST_TMPDIR");
    const char *sync = getenv("KM_CONF_FILE_SYNC");
    if (!base || !*base) base = "/tmp";
    if (snprintf(dir, sizeof dir, "%s/km-conf-file-XXXXXX", base) >= (int)sizeof dir) return -1;
    if (!mkdtemp(dir)) {
        perror(dir);
        return -1;
    }
    fopts.sync = KM_SYNC_FULL;
    if (sync && strcmp(sync, "normal") == 0) fopts.sync = KM_SYNC_NORMAL;
    if (sync && strcmp(sync, "off") == 0) fopts.sync = KM_SYNC_OFF;
    return 0;
}

void conf_global_teardown(void)
{
    if (dir[0]) (void)rmdir(dir); /* fails (and leaves the evidence) if a test left files */
}

static void path_of(char *out, size_t size, const char *name, const char *suffix)
{
    snprintf(out, size, "%s/%s%s", dir, name, suffix);
}

km_storage *conf_open(const char *name)
{
    char path[4200];
    km_storage *st = NULL;
    int rc;
    path_of(path, sizeof path, name, "");
    rc = km_storage_file_open(&st, path, &fopts);
    if (rc != 0) {
        fprintf(stderr, "conf_open(%s): %d %s\n", path, rc, km_error_last_message(KM_LANG_EN));
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
    char path[4200];
    km_storage_free(st);
    path_of(path, sizeof path, name, "");
    (void)unlink(path);
    path_of(path, sizeof path, name, "-snap");
    (void)unlink(path);
    path_of(path, sizeof path, name, "-snap.tmp");
    (void)unlink(path);
}
