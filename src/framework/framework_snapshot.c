/* The framework section of a snapshot: every version of every framework,
 * each as a TLV record decoded and validated like an event. Written before
 * the agreement section, since agreements refer to frameworks. */
#include "framework/framework.h"
#include "framework/framework_internal.h"
#include "network/snapshot.h"

#include <string.h>

static int enc_fw(km__buf *b, const void *x) { return km__fw_encode(b, (const km_framework *)x); }

int km__framework_snapshot_put(km_network *net, km__buf *b)
{
    const km__frameworks *fs = &net->frameworks;
    size_t i, v;
    int rc = km__buf_put_u64(b, fs->n);
    for (i = 0; rc == 0 && i < fs->n; i++) {
        if ((rc = km__buf_spill(b)) != 0) break;
        rc = km__buf_put_u32(b, (uint32_t)fs->items[i].n);
        for (v = 0; rc == 0 && v < fs->items[i].n; v++) rc = km__snap_put_tlv(b, enc_fw, fs->items[i].versions[v]);
    }
    return rc;
}

int km__framework_snapshot_load(km_network *net, km__rd *r)
{
    km__frameworks *fs = &net->frameworks;
    uint64_t n = km__rd_u64(r), i;
    int rc;
    if (r->err || n > km__rd_left(r)) return km__snapshot_bad("framework count");
    if ((rc = km__grow(net->a, (void **)&fs->items, &fs->cap, (size_t)n, sizeof *fs->items)) != 0) return rc;
    for (i = 0; i < n; i++) {
        km__fw_slot *slot = &fs->items[i];
        uint32_t nv = km__rd_u32(r), v;
        memset(slot, 0, sizeof *slot);
        fs->n = (size_t)i + 1;
        if (r->err || nv == 0 || nv > km__rd_left(r)) return km__snapshot_bad("framework versions");
        if ((rc = km__grow(net->a, (void **)&slot->versions, &slot->cap, nv, sizeof *slot->versions)) != 0) return rc;
        for (v = 0; v < nv; v++) {
            km__fields f;
            km__fin in;
            uint64_t version = 0;
            int64_t time = 0;
            km_framework *fw;
            if ((rc = km__snap_next_tlv(net, r, &f, "framework record")) != 0) return rc;
            if (km__fw_decode(&f, &in) != 0 || km__fw_validate(&in) != 0)
                return km__snapshot_bad(km_error_last_message(KM_LANG_EN));
            if (km__fields_u64(&f, KM__FT_S_VERSION, &version) != 1 || version != v + 1 ||
                km__fields_i64(&f, KM__FT_S_TIME, &time) != 1)
                return km__snapshot_bad("framework version");
            fw = km__fw_build(net, &in, i + 1, v + 1, time);
            if (!fw) return km__nomem();
            slot->versions[slot->n++] = fw;
        }
    }
    return 0;
}
