/* Conformance driver for the built-in memory backend. There is no
 * persistence: "reopening" returns the same object, and a second handle is
 * the same object too (the memory backend is shared by every network that
 * uses it). */
#include "conformance.h"

#include <stddef.h>

const char conf_backend_name[] = "memory";

int conf_global_setup(void) { return 0; }

void conf_global_teardown(void) {}

km_storage *conf_open(const char *name)
{
    km_storage *st = NULL;
    (void)name;
    if (km_storage_memory_new(&st, NULL) != 0) return NULL;
    return st;
}

km_storage *conf_reopen(km_storage *st, const char *name)
{
    (void)name;
    return st;
}

km_storage *conf_attach(km_storage *first, const char *name)
{
    (void)name;
    return first;
}

void conf_detach(km_storage *second, km_storage *first)
{
    (void)second;
    (void)first;
}

void conf_close(km_storage *st, const char *name)
{
    (void)name;
    km_storage_free(st);
}
