/* demo.c: a tour of kemitraan on a small, fictional partnership network of
 * Jawa Barat (kode wilayah 32). Run it with scripts/demo.sh.
 *
 * It registers eight partners, changes two of them, shows a change the
 * library refuses, searches the registry, prints the audit trail, verifies
 * the hash chain and looks at the registry as it was earlier. The clock is
 * a hook, so every run prints exactly the same thing.
 *
 * Every call returns 0 (KM_OK) or a negative KM_E... code; check() stops
 * the demo on any unexpected error with the library's own message. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <kemitraan/kemitraan.h>

/* ---- helpers ---------------------------------------------------------- */

static void check(int rc, const char *what)
{
    if (rc == KM_OK) return;
    /* Fetch the message first: it lives until the next library call. */
    fprintf(stderr, "demo: %s: %s (kode %d)\n", what, km_error_last_message(KM_LANG_EN), rc);
    exit(1);
}

/* For calls that are meant to fail: anything but the expected code stops. */
static void expect(int rc, int want, const char *what)
{
    if (rc == want) return;
    fprintf(stderr, "demo: %s: expected %d, got %d: %s\n", what, want, rc,
            rc ? km_error_last_message(KM_LANG_EN) : "success");
    exit(1);
}

/* The clock hook: 2025-03-03 08:00 WIB (01:00 UTC), then 15 minutes later
 * at every call. The library reads it once per transaction. */
static int64_t demo_clock(void *payload)
{
    int64_t *now = (int64_t *)payload;
    int64_t t = *now;
    *now += (int64_t)15 * 60 * 1000000;
    return t;
}

/* Microseconds since the epoch -> "2025-03-03T01:00:00Z". */
static const char *iso_utc(int64_t us, char *buf, size_t size)
{
    time_t secs = (time_t)(us / 1000000);
    struct tm *tm = gmtime(&secs);
    if (!tm || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", tm) == 0) return "?";
    return buf;
}

static void heading(const char *id, const char *en)
{
    printf("\n== %s / %s ==\n", id, en);
}

/* One partner per line. Labels come from the library, in Bahasa Indonesia. */
static void print_table(km_network *net, const km_partner_query *query)
{
    km_partner_page *page = NULL;
    size_t i;
    check(km_partner_list(&page, net, query), "km_partner_list");
    printf("%-3s %-30s %-9s %-12s %s\n", "id", "jenis", "wilayah", "status", "nama");
    for (i = 0; i < km_partner_page_count(page); i++) {
        const km_partner *p = km_partner_page_get(page, i);
        const char *region = km_partner_region(p);
        printf("%-3llu %-30s %-9s %-12s %s\n", (unsigned long long)km_partner_id(p),
               km_partner_kind_label(km_partner_kind_of(p), KM_LANG_ID), region ? region : "-",
               km_partner_status_label(km_partner_status_of(p), KM_LANG_ID), km_partner_name(p));
    }
    printf("(%zu mitra / partners)\n", km_partner_page_count(page));
    km_partner_page_free(page);
}

/* ---- the partners ----------------------------------------------------- */

typedef struct demo_partner {
    const char *name;
    const char *external_id; /* scheme-prefixed: country-SCHEME-value */
    int kind;
    const char *region;      /* kode wilayah, NULL for none */
    const char *email;
    const char *const *sectors;
    size_t n_sectors;
    const char *const *capabilities;
    size_t n_capabilities;
    const char *const *needs;
    size_t n_needs;
} demo_partner;

#define TAGS(a) a, sizeof a / sizeof a[0]
#define NO_TAGS NULL, 0

static const char *const health[] = { "health" };
static const char *const health_ict[] = { "health", "ict" };
static const char *const health_nutrition[] = { "health", "nutrition" };
static const char *const health_education[] = { "health", "education" };
static const char *const health_water[] = { "health", "water-sanitation" };
static const char *const agriculture[] = { "agriculture", "nutrition" };
static const char *const need_data[] = { "data-analytics", "community-outreach" };
static const char *const need_market[] = { "irrigation", "market-access" };
static const char *const cap_clinics[] = { "clinic-operations", "procurement" };
static const char *const cap_software[] = { "software" };
static const char *const cap_research[] = { "research", "data-analytics" };
static const char *const cap_outreach[] = { "community-outreach" };
static const char *const cap_funding[] = { "grant-funding", "technical-assistance" };
static const char *const cap_expert[] = { "public-health-expertise", "training" };

static const demo_partner partners[] = {
    { "Dinas Kesehatan Kota Bandung", "ID-KEMENDAGRI-32.73-DINKES", KM_PARTNER_REGIONAL_GOVERNMENT,
      "32.73", "dinkes@bandung.go.id", TAGS(health), NO_TAGS, TAGS(need_data) },
    { "PT Jasa Sarana Medika Jabar (Perseroda)", "ID-AHU-AHU-0034567.AH.01.01", KM_PARTNER_STATE_ENTERPRISE,
      "32", "sekretariat@jsmjabar.co.id", TAGS(health), TAGS(cap_clinics), NO_TAGS },
    { "PT Sehat Digital Nusantara", "ID-NIB-8120000123456", KM_PARTNER_PRIVATE_BUSINESS,
      "32.73.01", "halo@sehatdigital.co.id", TAGS(health_ict), TAGS(cap_software), NO_TAGS },
    { "Institut Teknologi Parahyangan", "ID-PDDIKTI-041234", KM_PARTNER_ACADEMIC,
      "32.73", "lppm@itparahyangan.ac.id", TAGS(health_education), TAGS(cap_research), NO_TAGS },
    { "Lembaga Advokasi Gizi Masyarakat", "ID-AHU-AHU-0098765.AH.01.07", KM_PARTNER_NGO,
      "32.04", "info@lagima.or.id", TAGS(health_nutrition), TAGS(cap_outreach), NO_TAGS },
    { "Kelompok Tani Mekar Sari Lembang", "ID-DESA-32.17.09.2001-KT01", KM_PARTNER_COMMUNITY,
      "32.17.09", "mekarsari.lembang@gmail.com", TAGS(agriculture), NO_TAGS, TAGS(need_market) },
    /* The last two join together, in one transaction. */
    { "Agence Méditerranée-Asie pour le Développement", "FR-RCS-775665599", KM_PARTNER_INTERNATIONAL,
      NULL, "jakarta@amad-dev.org", TAGS(health_water), TAGS(cap_funding), NO_TAGS },
    { "Dr. Rina Kusumawardhani, M.Kes.", "ID-SINTA-6012345", KM_PARTNER_INDIVIDUAL,
      "32.73.01", "rina.kusumawardhani@gmail.com", TAGS(health), TAGS(cap_expert), NO_TAGS },
};

static uint64_t create(km_network *net, const demo_partner *d)
{
    km_partner_fields f = KM_PARTNER_FIELDS_INIT;
    uint64_t id = 0;
    f.name = d->name;
    f.external_id = d->external_id;
    f.kind = d->kind;
    f.region = d->region;
    f.email = d->email;
    f.sectors = d->sectors;
    f.sectors_count = d->n_sectors;
    f.capabilities = d->capabilities;
    f.capabilities_count = d->n_capabilities;
    f.needs = d->needs;
    f.needs_count = d->n_needs;
    check(km_partner_create(&id, net, &f), d->name);
    return id;
}

/* ---- the tour --------------------------------------------------------- */

int main(void)
{
    int64_t clock_now = INT64_C(1740963600000000); /* 2025-03-03T01:00:00Z */
    km_network_options opts = KM_NETWORK_OPTIONS_INIT;
    km_network_options past_opts = KM_NETWORK_OPTIONS_INIT;
    km_partner_query query = KM_PARTNER_QUERY_INIT;
    km_verify_report report = KM_VERIFY_REPORT_INIT;
    km_partner_fields change = KM_PARTNER_FIELDS_INIT;
    static const char *const new_caps[] = { "software", "telemedicine" };
    km_storage *store = NULL;
    km_network *net = NULL, *past = NULL;
    km_partner *p = NULL;
    km_audit *audit = NULL;
    uint64_t ids[sizeof partners / sizeof partners[0]];
    uint64_t id_digital, seq_singles, seq_now;
    char head[65], when[32];
    size_t i;
    int rc;

    printf("kemitraan %s: jaringan kemitraan Jawa Barat / a West Java partnership network\n",
           km_version_string());

    /* A memory store we own, so that a second handle can open it later. */
    check(km_storage_memory_new(&store, NULL), "km_storage_memory_new");
    opts.clock = demo_clock;
    opts.clock_payload = &clock_now;
    opts.actor = "admin@jabarprov.go.id"; /* recorded in every log entry */
    check(km_network_open(&net, store, &opts), "km_network_open");

    heading("Mendaftarkan mitra", "Registering partners");
    for (i = 0; i < 6; i++) ids[i] = create(net, &partners[i]); /* one log entry each */
    seq_singles = km_network_seq(net); /* 6: remembered for the time travel below */
    /* Two partners in one explicit transaction: one log entry, all or nothing. */
    check(km_network_begin(net), "km_network_begin");
    ids[6] = create(net, &partners[6]);
    ids[7] = create(net, &partners[7]);
    check(km_network_commit(net), "km_network_commit");
    seq_now = km_network_seq(net);
    printf("%zu mitra terdaftar dalam %llu entri log / %zu partners registered in %llu log entries\n",
           sizeof partners / sizeof partners[0], (unsigned long long)seq_now,
           sizeof partners / sizeof partners[0], (unsigned long long)seq_now);

    heading("Mengubah dan menangguhkan", "Updating and suspending");
    check(km_partner_get_by_external_id(&p, net, "ID-NIB-8120000123456"), "km_partner_get_by_external_id");
    id_digital = km_partner_id(p);
    km_partner_free(p); /* a handle is an immutable snapshot: take a fresh one after a change */
    change.email = "kemitraan@sehatdigital.co.id";
    change.capabilities = new_caps;
    change.capabilities_count = sizeof new_caps / sizeof new_caps[0];
    check(km_partner_update(net, id_digital, &change, KM_PARTNER_F_EMAIL | KM_PARTNER_F_CAPABILITIES),
          "km_partner_update");
    check(km_partner_get(&p, net, id_digital), "km_partner_get");
    printf("mitra %llu, versi %u: e-mail %s, kemampuan %s + %s\n", (unsigned long long)id_digital,
           (unsigned)km_partner_version(p), km_partner_email(p), km_partner_capability(p, 0),
           km_partner_capability(p, 1));
    km_partner_free(p);

    check(km_partner_set_status(net, ids[5], KM_PARTNER_SUSPENDED,
                                "Kepengurusan kelompok sedang diganti; kontak belum diverifikasi ulang"),
          "km_partner_set_status");
    check(km_partner_get(&p, net, ids[5]), "km_partner_get");
    printf("mitra %llu: %s (alasan: %s)\n", (unsigned long long)ids[5],
           km_partner_status_label(km_partner_status_of(p), KM_LANG_ID), km_partner_status_reason(p));
    km_partner_free(p);

    heading("Perubahan yang ditolak", "A rejected change");
    seq_now = km_network_seq(net);
    change = (km_partner_fields)KM_PARTNER_FIELDS_INIT;
    change.email = "dinkes@bandung"; /* no top-level domain */
    rc = km_partner_update(net, ids[0], &change, KM_PARTNER_F_EMAIL);
    expect(rc, KM_EINVAL, "km_partner_update with a bad e-mail");
    printf("kode   : %d (%s / %s)\n", rc, km_strerror_lang(rc, KM_LANG_ID), km_strerror_lang(rc, KM_LANG_EN));
    printf("kolom  : %s\n", km_error_last_field());
    printf("pesan  : %s\n", km_error_last_message(KM_LANG_ID));
    printf("message: %s\n", km_error_last_message(KM_LANG_EN));
    if (km_network_seq(net) != seq_now) {
        fprintf(stderr, "demo: a rejected change reached the log\n");
        return 1;
    }
    printf("tidak ada yang berubah; log tetap %llu entri / nothing changed; the log still has %llu entries\n",
           (unsigned long long)seq_now, (unsigned long long)seq_now);

    heading("Semua mitra", "All partners");
    print_table(net, NULL);

    heading("Wilayah 32 (Jawa Barat), sektor kesehatan", "Region 32 (West Java), health sector");
    query.region_prefix = "32";   /* whole segments: matches 32, 32.73, 32.73.01 ... */
    query.sector = "health";
    print_table(net, &query);

    heading("Cari nama \"developpement\" (tanpa aksen)", "Name search \"developpement\" (no accents)");
    query = (km_partner_query)KM_PARTNER_QUERY_INIT;
    query.name_contains = "developpement"; /* case- and accent-insensitive */
    print_table(net, &query);

    heading("Jejak audit", "Audit trail");
    check(km_audit_list(&audit, net, NULL), "km_audit_list");
    for (i = 0; i < km_audit_count(audit); i++) {
        printf("%2llu %s %s %-14s %s %llu %s\n", (unsigned long long)km_audit_seq(audit, i),
               iso_utc(km_audit_time(audit, i), when, sizeof when), km_audit_actor(audit, i),
               km_audit_operation(audit, i), km_entity_label(km_audit_entity(audit, i), KM_LANG_ID),
               (unsigned long long)km_audit_entity_id(audit, i), km_audit_data_json(audit, i));
    }
    km_audit_free(audit);

    heading("Verifikasi rantai hash", "Hash chain verification");
    check(km_network_verify(&report, net), "km_network_verify");
    check(km_network_head_hash(head, net), "km_network_head_hash");
    printf("%llu entri utuh / %llu entries intact\n", (unsigned long long)report.entries,
           (unsigned long long)report.entries);
    printf("hash kepala / head hash: %s\n", report.head_hash);
    /* Anyone with a copy of the store and the published head hash can check
     * it, the last entry included, without opening a network. */
    check(km_storage_verify(NULL, store, head, 0), "km_storage_verify");
    printf("cocok dengan hash yang diumumkan / matches the published hash\n");

    printf("\n== Perjalanan waktu: registri pada entri log %llu / Time travel: the registry as of log entry %llu ==\n",
           (unsigned long long)seq_singles, (unsigned long long)seq_singles);
    past_opts.as_of_seq = seq_singles; /* a read-only view of the past, on the same store */
    check(km_network_open(&past, store, &past_opts), "km_network_open(as_of_seq)");
    print_table(past, NULL);
    rc = km_partner_set_status(past, ids[0], KM_PARTNER_SUSPENDED, "uji");
    expect(rc, KM_EREADONLY, "a change in a view of the past");
    printf("mengubah masa lalu / changing the past: %s\n", km_error_last_message(KM_LANG_ID));

    km_network_close(past);
    km_network_close(net);
    km_storage_free(store); /* after every network using it is closed */
    return 0;
}
