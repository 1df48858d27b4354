/* Writes the seed input of the snapshot fuzz target (fuzz/snapshot.c) to
 * the file named by its argument: a small network's log records, framed as
 * that target reads them, followed by the network's snapshot. The network
 * has a record of every kind an agreement section holds (earlier versions,
 * documents, sectors, signed parties, milestones, risks), so mutations
 * start from a snapshot that loads. Run it again whenever the snapshot
 * format changes:
 *   cmake --build build-fuzz --target fuzz_snapshot_seed
 *   build-fuzz/fuzz/snapshot_seed fuzz/corpus/snapshot/seed-snap
 * With --log it writes the log records alone, framed as the log target
 * (fuzz/log.c) reads them, for fuzz/corpus/log/seed-network when the
 * record format changes. */
#include <kemitraan/kemitraan.h>
#include <kemitraan/sys/storage.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t now_us = 1735689600000000LL; /* 2025-01-01 */
static int64_t seed_clock(void *payload)
{
    (void)payload;
    return now_us += 1000000;
}

static void check(int rc, const char *what)
{
    if (rc == 0) return;
    fprintf(stderr, "snapshot_seed: %s: %s\n", what, km_error_last_message(KM_LANG_EN));
    exit(1);
}

typedef struct out {
    FILE *f;
    unsigned n;
} out;

static int put_record(void *payload, uint64_t seq, const void *data, size_t len)
{
    out *o = (out *)payload;
    unsigned char hdr[2];
    (void)seq;
    if (len > 0xFFFF) {
        fprintf(stderr, "snapshot_seed: record %llu is too long for the target's framing\n", (unsigned long long)seq);
        exit(1);
    }
    hdr[0] = (unsigned char)(len & 0xFF);
    hdr[1] = (unsigned char)(len >> 8);
    fwrite(hdr, 1, 2, o->f);
    fwrite(data, 1, len, o->f);
    o->n++;
    return 0;
}

static int put_snapshot(void *payload, uint64_t seq, const void *data, size_t len)
{
    (void)seq;
    fwrite(data, 1, len, ((out *)payload)->f);
    return 0;
}

static void populate(km_network *net)
{
    static const char *const sectors[] = { "water", "infrastructure" };
    const char *uri[1] = { "https://jdih.example.go.id/pks-1.pdf" };
    const char *sha[1] = { "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
    km_partner_fields p = KM_PARTNER_FIELDS_INIT;
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    km_milestone_fields m = KM_MILESTONE_FIELDS_INIT;
    uint64_t ids[2], id = 0;
    uint32_t roles[2] = { KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_FUNDING, KM_ROLE_PRIVATE_PARTY };
    check(km_network_begin(net), "begin");
    p.name = "Dinas PUPR Kota Bandung";
    p.external_id = "ID-KL-3273-PUPR";
    p.kind = KM_PARTNER_REGIONAL_GOVERNMENT;
    p.region = "32.73";
    p.sectors = sectors;
    p.sectors_count = 2;
    check(km_partner_create(&ids[0], net, &p), "partner");
    p.name = "PT Air Bersih";
    p.kind = KM_PARTNER_PRIVATE_BUSINESS;
    p.external_id = "ID-NIB-8120000123456";
    check(km_partner_create(&ids[1], net, &p), "partner");
    f.title = "SPAM Regional";
    f.reference = "PKS/1";
    f.type = KM_AGREEMENT_PPP;
    f.purpose = "Penyediaan air minum";
    f.sectors = sectors;
    f.sectors_count = 2;
    f.region = "32.73";
    f.start_date = "2025-01-01";
    f.end_date = "2027-12-31";
    f.value = 100000000;
    f.currency = "IDR";
    f.party_ids = ids;
    f.party_roles = roles;
    f.parties_count = 2;
    f.document_uris = uri;
    f.document_sha256 = sha;
    f.documents_count = 1;
    f.dimensions = KM_DIMENSION_BIT(KM_DIMENSION_IMPACT);
    check(km_agreement_create(&id, net, &f), "agreement");
    check(km_network_commit(net), "commit");
    check(km_network_begin(net), "begin");
    check(km_agreement_propose(net, id, NULL), "propose");
    check(km_agreement_sign(net, id, ids[0]), "sign");
    check(km_agreement_sign(net, id, ids[1]), "sign");
    check(km_agreement_activate(net, id, NULL), "activate");
    f.title = "SPAM Regional (adendum)";
    check(km_agreement_amend(net, id, &f, KM_AGREEMENT_F_TITLE, "adendum I"), "amend");
    m.type = KM_MILESTONE_FINANCIAL_CLOSE;
    m.title = "Financial close";
    m.due_date = "2025-06-30";
    check(km_milestone_add(NULL, net, id, &m), "milestone");
    check(km_risk_add(NULL, net, id, KM_RISK_LAND, KM_RISK_PUBLIC, "Pengadaan lahan"), "risk");
    f.reference = "PKS/2";
    f.title = "Draf";
    f.documents_count = 0;
    check(km_agreement_create(NULL, net, &f), "agreement");
    check(km_network_commit(net), "commit");
}

int main(int argc, char **argv)
{
    km_storage *mem = NULL;
    km_network *net = NULL;
    km_network_options o = KM_NETWORK_OPTIONS_INIT;
    out w;
    unsigned char n;
    int log_only = argc == 3 && strcmp(argv[2], "--log") == 0;
    if (argc != 2 && !log_only) {
        fprintf(stderr, "usage: snapshot_seed OUTPUT [--log]\n");
        return 2;
    }
    o.clock = seed_clock;
    o.actor = "admin:seed";
    check(km_storage_memory_new(&mem, NULL), "memory store");
    check(km_network_open(&net, mem, &o), "open");
    populate(net);
    check(km_network_snapshot(net), "snapshot");
    km_network_close(net);
    w.f = fopen(argv[1], "wb");
    if (!w.f) {
        perror(argv[1]);
        return 1;
    }
    w.n = 0;
    if (log_only) {
        check(mem->scan(mem, 1, put_record, &w), "scan");
        km_storage_free(mem);
        return fclose(w.f) == 0 ? 0 : 1;
    }
    n = 0;
    fwrite(&n, 1, 1, w.f); /* the record count, written again below */
    check(mem->scan(mem, 1, put_record, &w), "scan");
    check(mem->snapshot_read(mem, UINT64_MAX, put_snapshot, &w), "snapshot read");
    if (w.n > 7) {
        fprintf(stderr, "snapshot_seed: %u records; the target frames at most 7\n", w.n);
        return 1;
    }
    n = (unsigned char)w.n;
    fseek(w.f, 0, SEEK_SET);
    fwrite(&n, 1, 1, w.f);
    km_storage_free(mem);
    return fclose(w.f) == 0 ? 0 : 1;
}
