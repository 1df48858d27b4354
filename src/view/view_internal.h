/* Internals of the network views (src/view) shared with matchmaking. */
#ifndef KM_VIEW_VIEW_INTERNAL_H
#define KM_VIEW_VIEW_INTERNAL_H

#include "network/internal.h"
#include "util/date.h"
#include "kemitraan/view.h"

struct km_view {
    km__ctx *ctx;
    int kind;
    char as_of[KM__DATE_BUF];
    km_graph *g;
    uint32_t np, na;  /* partner vertices, selected agreements */
    uint64_t *pid;    /* np partner ids, ascending */
    int *pkind;       /* np partner kinds */
    char **preg;      /* np kode wilayah (NULL: none) */
    uint64_t *aid;    /* na agreement ids, ascending */
};

/* Resolves the date of a read: as_of when given (validated, KM_EINVAL
 * naming field), else the day (UTC+7) of the network's point in time. */
int km__view_date(char out[KM__DATE_BUF], const km_network *net, const char *as_of, const char *field);
/* Length of the first segs dot-separated segments of r; 0 when r is
 * NULL, empty or has fewer segments. */
size_t km__region_prefix_len(const char *r, uint32_t segs);

#endif
