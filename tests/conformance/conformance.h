/* Storage backend conformance suite: the factory a backend driver provides.
 *
 * tests/conformance/conformance.c holds the tests; it is compiled once per
 * backend together with one driver, tests/conformance/backend_<name>.c,
 * which implements the functions below. CMake turns every driver into the
 * program test_conformance_<name> and the ctest check conformance.<name>
 * (see docs/storage.md, "Running the conformance suite").
 *
 * Every test works on its own store, named by a short string that is unique
 * within one run ("t1", "t2", ...). The suite only uses the public API
 * (include/kemitraan/sys/storage.h and the network API on top of it). */
#ifndef KM_TESTS_CONFORMANCE_H
#define KM_TESTS_CONFORMANCE_H

#include <kemitraan/kemitraan.h>

/* The backend's name, printed as the cmocka group name ("memory", "file"). */
extern const char conf_backend_name[];

/* Called once before the first test and once after the last. Return 0 when
 * ready (e.g. a scratch directory or database was created); any other value
 * fails the whole group. */
int conf_global_setup(void);
void conf_global_teardown(void);

/* Opens the store called `name`, creating it empty when it does not exist
 * yet. Returns NULL on failure (the suite then fails the test). */
km_storage *conf_open(const char *name);

/* Closes `st` (opened by conf_open or conf_reopen for `name`) and opens the
 * same store again: everything appended and every snapshot written before
 * must be there. A backend without persistence (memory) returns `st`
 * itself. NULL on failure. */
km_storage *conf_reopen(km_storage *st, const char *name);

/* A second, independent handle on the store `first` (opened for `name`),
 * as another thread, process or machine would hold: appends through either
 * handle are seen by the other. The memory backend returns `first` itself
 * (one object shared by every user). Release it with conf_detach(). */
km_storage *conf_attach(km_storage *first, const char *name);
void conf_detach(km_storage *second, km_storage *first);

/* Releases `st` and deletes the store's data. NULL `st` is allowed. */
void conf_close(km_storage *st, const char *name);

#endif
