/* One index membership of a record, and moving a record between two sets
 * of memberships: what every module's secondary indexes do on a change
 * (partners, agreements, opportunities, expressions of interest). A
 * membership is either a fixed id set (by kind, by status...) or a key in
 * a key index (a tag, a region prefix). */
#ifndef KM_UTIL_IENTRY_H
#define KM_UTIL_IENTRY_H

#include <stddef.h>
#include <stdint.h>
#include "util/idset.h"
#include "util/keyidx.h"

typedef struct km__ientry {
    km__idset *fixed; /* a fixed set, or NULL */
    km__keyidx *post; /* else a key index, with the key below */
    const char *key;
    size_t len;
} km__ientry;

/* Moves id from the memberships old[0..no) to nw[0..nn): adds those only
 * nw has, then removes those only old has (removal never allocates). A
 * failed add takes back the adds before it: KM_ENOMEM with every index as
 * it was. */
int km__ientry_move(const km__ientry *old, size_t no, const km__ientry *nw, size_t nn, uint64_t id);

#endif
