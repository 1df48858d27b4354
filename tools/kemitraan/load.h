/* load.h: running a data file of tool commands (cmd_load.c), shared with
 * the demo, which loads the embedded examples/demo-network.json. */
#ifndef KM_CLI_LOAD_H
#define KM_CLI_LOAD_H

#include <stddef.h>

#include "cli.h"

/* Checks and runs the script text[0..len) (named file in messages) against
 * ctx->net, which must be open for writing (ctx->storage too when
 * rehearse_first). rehearse_first: run it first on an in-memory copy of the
 * store, so a step the library refuses leaves the store untouched; dry_run:
 * only that; one_entry: all steps in one transaction instead (one log
 * entry, no rehearsal needed: a failure rolls it back). On success *summary
 * is the row `load` prints (steps, entries and entities added, head hash).
 * Returns 0 or an exit code (printed). */
int cli_load_text(cli_ctx *ctx, const char *file, const char *text, size_t len, int rehearse_first, int dry_run,
                  int one_entry, out_row **summary);

/* The demo's script (examples/demo-network.json), compiled in by CMake. */
extern const unsigned char cli_demo_script[];
extern const size_t cli_demo_script_len;

#endif /* KM_CLI_LOAD_H */
