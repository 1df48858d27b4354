/* Conformance driver for the example PostgreSQL backend of
 * examples/storage_postgres.c, compiled here without its main().
 *
 * The server is $KM_PG_CONNINFO (default: the scratch server scripts/test.sh
 * starts, "host=127.0.0.1 port=54329 user=postgres dbname=postgres"). Each
 * store is a pair of tables named kmconf_<pid>_<name>_log and ..._snapshot,
 * so runs (the normal and the sanitizer build, other tests) never share a
 * store; closing a store drops its tables.
 *
 * Without a reachable server the program prints why and exits 77, which
 * CMake declares the skip code of conformance.postgres: developers without
 * PostgreSQL still pass. scripts/test.sh sets KM_PG_REQUIRED=1 once it has
 * started a server, and then an unreachable server is a failure. */
#include <libpq-fe.h> /* named here too: CMake links libpq to drivers that include it */

#define KM_STORAGE_POSTGRES_NO_MAIN
#include "../../examples/storage_postgres.c"

#include "conformance.h"

#include <unistd.h>

const char conf_backend_name[] = "postgres";

#define SKIP_CODE 77

int conf_global_setup(void)
{
    const char *conninfo = pg_conninfo_from_env();
    const char *required = getenv("KM_PG_REQUIRED");
    PGconn *c = PQconnectdb(conninfo);
    int ok = c && PQstatus(c) == CONNECTION_OK;
    if (!ok) {
        int must = required && *required && strcmp(required, "0") != 0;
        fprintf(stderr, "conformance.postgres: no PostgreSQL server at \"%s\": %s", conninfo,
                c ? PQerrorMessage(c) : "out of memory\n");
        PQfinish(c);
        if (must) {
            fprintf(stderr, "conformance.postgres: KM_PG_REQUIRED is set: failing\n");
            return -1;
        }
        fprintf(stderr, "conformance.postgres: SKIPPED (set KM_PG_CONNINFO to a server to run it)\n");
        fflush(NULL);
        exit(SKIP_CODE);
    }
    PQfinish(c);
    return 0;
}

void conf_global_teardown(void) {}

static void prefix_of(const char *name, char *out, size_t size)
{
    snprintf(out, size, "kmconf_%ld_%s_", (long)getpid(), name);
}

km_storage *conf_open(const char *name)
{
    char prefix[64];
    km_storage *st = NULL;
    prefix_of(name, prefix, sizeof prefix);
    if (pg_storage_open(&st, pg_conninfo_from_env(), prefix) != 0) {
        fprintf(stderr, "conf_open(%s): %s\n", prefix, km_error_last_message(KM_LANG_EN));
        return NULL;
    }
    return st;
}

km_storage *conf_reopen(km_storage *st, const char *name)
{
    km_storage_free(st);
    return conf_open(name);
}

/* A second connection to the same tables, as another machine would hold. */
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
    char prefix[64];
    km_storage_free(st);
    prefix_of(name, prefix, sizeof prefix);
    if (pg_storage_drop(pg_conninfo_from_env(), prefix) != 0)
        fprintf(stderr, "conf_close(%s): %s\n", prefix, km_error_last_message(KM_LANG_EN));
}
