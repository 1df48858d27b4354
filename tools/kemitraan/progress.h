/* progress.h: a progress display for long scans of a store.
 *
 * The library has no progress callback, but every read of the log goes
 * through the storage vtable (kemitraan/sys/storage.h). The wrapper made
 * here forwards every method to the real store and, in its scan, counts
 * the entries handed to the library: opening a large store (replay) and
 * verifying its chain show "verifying 40000/100000 (40%) 1.2 s" on stderr.
 *
 * mode: 1 always (even when stderr is not a terminal: tests), 0 when
 * stderr is a terminal and the scan has taken more than half a second,
 * -1 never. The line is erased when the scan ends (mode 0) or ended with a
 * newline (mode 1).
 */
#ifndef KM_CLI_PROGRESS_H
#define KM_CLI_PROGRESS_H

#include <kemitraan/kemitraan.h>

#include "i18n.h"

/* Wraps inner (which the wrapper then owns: km_storage_free() on the
 * wrapper frees both). Returns 0 or KM_ENOMEM (inner is then freed). */
int cli_progress_wrap(km_storage **out, km_storage *inner, int lang, int mode);
/* Names what the next scans are for (L_PHASE_OPEN, L_PHASE_VERIFY). */
void cli_progress_phase(km_storage *wrapper, cli_msg phase);
/* Ends the display: erases or terminates the line if one was shown. */
void cli_progress_end(km_storage *wrapper);

#endif /* KM_CLI_PROGRESS_H */
