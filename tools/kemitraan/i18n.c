/* i18n.c: the tool's messages and output-field labels, {Indonesian, English}. */
#include "i18n.h"

#include <string.h>

#include <kemitraan/kemitraan.h>

static const char *const messages[M__COUNT][2] = {
    [M_MISSING_COMMAND] = { "perintah belum diberikan (lihat kemitraan --help)",
                            "a command is needed (see kemitraan --help)" },
    [M_UNKNOWN_COMMAND] = { "perintah \"%s\" tidak dikenal (lihat kemitraan --help)",
                            "unknown command \"%s\" (see kemitraan --help)" },
    [M_UNKNOWN_SUBCOMMAND] = { "perintah %s \"%s\" tidak dikenal (lihat kemitraan %s --help)",
                               "unknown %s command \"%s\" (see kemitraan %s --help)" },
    [M_MISSING_SUBCOMMAND] = { "%s memerlukan perintah (lihat kemitraan %s --help)",
                               "%s needs a command (see kemitraan %s --help)" },
    [M_UNKNOWN_OPTION] = { "opsi %s tidak dikenal (lihat %s --help)", "unknown option %s (see %s --help)" },
    [M_OPTION_NEEDS_VALUE] = { "opsi %s memerlukan nilai (lihat %s --help)",
                               "option %s needs a value (see %s --help)" },
    [M_OPTION_NO_VALUE] = { "opsi %s tidak menerima nilai", "option %s takes no value" },
    [M_BAD_NUMBER] = { "%s: \"%s\" bukan bilangan bulat tak bertanda", "%s: \"%s\" is not a whole number" },
    [M_BAD_TIME] = { "%s: \"%s\" bukan tanggal (YYYY-MM-DD) atau waktu ISO 8601 (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]) "
                     "sejak 1970",
                     "%s: \"%s\" is not a date (YYYY-MM-DD) or an ISO 8601 time (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]) "
                     "since 1970" },
    [M_BAD_CHOICE] = { "%s: \"%s\" bukan salah satu dari: %s", "%s: \"%s\" is not one of: %s" },
    [M_BAD_HASH] = { "%s: harus 64 digit heksadesimal", "%s: must be 64 hexadecimal digits" },
    [M_EXTRA_ARGUMENT] = { "argumen \"%s\" tidak diharapkan (lihat %s --help)",
                           "unexpected argument \"%s\" (see %s --help)" },
    [M_MISSING_ARGUMENT] = { "%s belum diberikan (lihat %s --help)", "missing %s (see %s --help)" },
    [M_NO_STORE] = { "penyimpanan belum diberikan: pakai --store PATH atau atur KEMITRAAN_STORE",
                     "no store given: use --store PATH or set KEMITRAAN_STORE" },
    [M_TIME_TRAVEL_WRITE] = { "--as-of dan --as-of-seq hanya berlaku untuk perintah yang membaca jaringan "
                              "(stats, audit, partner show/list/count)",
                              "--as-of and --as-of-seq only apply to commands that read the network "
                              "(stats, audit, partner show/list/count)" },
    [M_AS_OF_BOTH] = { "--as-of dan --as-of-seq tidak bisa dipakai bersamaan",
                       "--as-of and --as-of-seq cannot be used together" },
    [M_AS_OF_SEQ_ZERO] = { "--as-of-seq: harus 1 atau lebih", "--as-of-seq: must be 1 or more" },
    [M_NOTHING_TO_UPDATE] = { "tidak ada yang diubah: berikan setidaknya satu opsi kolom (lihat %s --help)",
                              "nothing to update: give at least one field option (see %s --help)" },
    [M_ID_OR_EXTERNAL_ID] = { "berikan id mitra atau --external-id, tidak keduanya",
                              "give a partner id or --external-id, not both" },
    [M_STORE_EXISTS] = { "%s sudah ada: init tidak pernah menimpa penyimpanan",
                         "%s already exists: init never overwrites a store" },
    [M_CANNOT_CREATE] = { "tidak dapat membuat %s: %s", "cannot create %s: %s" },
    [M_OUTPUT_FAILED] = { "tidak dapat menulis keluaran: %s", "cannot write the output: %s" },
    [L_YES] = { "ya", "yes" },
    [L_NO] = { "tidak", "no" },
    [L_NONE] = { "(tidak ada)", "(none)" },
    [L_USAGE] = { "Pemakaian", "Usage" },
    [L_COMMANDS] = { "Perintah", "Commands" },
    [L_OPTIONS] = { "Opsi", "Options" },
    [L_GLOBAL_OPTIONS] = { "Opsi umum (berlaku untuk setiap perintah)", "Global options (every command)" },
    [L_EXAMPLE] = { "Contoh", "Example" },
    [L_MORE_HELP] = { "Jalankan 'kemitraan PERINTAH --help' untuk opsi sebuah perintah. Kode keluar: docs/cli.md.",
                      "Run 'kemitraan COMMAND --help' for a command's options. Exit codes: docs/cli.md." },
    [L_TOOL_SUMMARY] = { "kemitraan: mengelola jaringan kerja kemitraan dalam berkas penyimpanan.",
                         "kemitraan: run a partnership network kept in a store file." },
    [L_PHASE_OPEN] = { "membuka", "opening" },
    [L_PHASE_VERIFY] = { "memverifikasi", "verifying" },
    [L_INTACT] = { "utuh", "intact" },
    [L_BROKEN] = { "rusak", "broken" },
    [L_STORE_CREATED] = { "penyimpanan dibuat", "store created" },
};

const char *cli_msg_text(cli_msg m, int lang)
{
    const char *t;
    if ((int)m < 0 || m >= M__COUNT) return "?";
    t = messages[m][lang == KM_LANG_EN ? 1 : 0];
    return t ? t : "?";
}

/* Output-field labels, in alphabetical order of key. */
static const struct field_label {
    const char *key;
    const char *text[2];
} fields[] = {
    { "actor", { "pelaku", "actor" } },
    { "agreement_status", { "status perjanjian", "agreement statuses" } },
    { "agreement_type", { "jenis perjanjian", "agreement types" } },
    { "agreements", { "perjanjian", "agreements" } },
    { "agreements_active", { "perjanjian berlaku", "active agreements" } },
    { "as_of", { "per waktu", "as of" } },
    { "as_of_seq", { "per entri", "as of entry" } },
    { "capabilities", { "kapabilitas", "capabilities" } },
    { "commitments", { "komitmen sumber daya", "commitments" } },
    { "count", { "jumlah", "count" } },
    { "created", { "dibuat", "created" } },
    { "data", { "data", "data" } },
    { "dimension", { "dimensi evaluasi", "evaluation dimensions" } },
    { "disputes", { "sengketa", "disputes" } },
    { "disputes_open", { "sengketa terbuka", "open disputes" } },
    { "email", { "surel", "e-mail" } },
    { "entity", { "entitas", "entity" } },
    { "entity_id", { "id entitas", "entity id" } },
    { "entries", { "entri", "entries" } },
    { "entries_checked", { "entri diperiksa", "entries checked" } },
    { "error", { "kesalahan", "error" } },
    { "error_code", { "kode kesalahan", "error codes" } },
    { "exit_code", { "kode keluar", "exit code" } },
    { "expected_head", { "hash kepala diharapkan", "expected head hash" } },
    { "external_id", { "id eksternal", "external id" } },
    { "family", { "keluarga kemitraan", "partnership families" } },
    { "first_bad_seq", { "entri rusak pertama", "first bad entry" } },
    { "frameworks", { "kerangka kebijakan", "frameworks" } },
    { "head_hash", { "hash kepala", "head hash" } },
    { "iati_org_type", { "jenis organisasi IATI", "IATI organisation type" } },
    { "iati_role", { "peran IATI", "IATI role" } },
    { "id", { "id", "id" } },
    { "incentive", { "insentif", "incentives" } },
    { "indicators", { "indikator", "indicators" } },
    { "intact", { "utuh", "intact" } },
    { "interests", { "pernyataan minat", "expressions of interest" } },
    { "kind", { "jenis", "kind" } },
    { "label", { "label", "label" } },
    { "log_bytes", { "ukuran log (bita)", "log size (bytes)" } },
    { "log_entries", { "entri log", "log entries" } },
    { "log_events", { "perubahan tercatat", "changes recorded" } },
    { "measurements", { "pengukuran", "measurements" } },
    { "milestone_status", { "status tonggak", "milestone statuses" } },
    { "milestone_type", { "jenis tonggak", "milestone types" } },
    { "name", { "nama", "name" } },
    { "needs", { "kebutuhan", "needs" } },
    { "next_cursor", { "kursor berikutnya", "next cursor" } },
    { "next_seq", { "lanjut dari entri", "continue from entry" } },
    { "opens", { "dapat dibuka", "opens" } },
    { "operation", { "operasi", "operation" } },
    { "opportunities", { "peluang kemitraan", "opportunities" } },
    { "partner_kind", { "jenis mitra", "partner kinds" } },
    { "partner_order", { "urutan daftar mitra", "partner list orders" } },
    { "partner_status", { "status mitra", "partner statuses" } },
    { "partners", { "mitra", "partners" } },
    { "partners_active", { "mitra aktif", "active partners" } },
    { "partners_archived", { "mitra diarsipkan", "archived partners" } },
    { "partners_by_kind", { "mitra menurut jenis", "partners by kind" } },
    { "partners_suspended", { "mitra ditangguhkan", "suspended partners" } },
    { "phone", { "telepon", "phone" } },
    { "read_only", { "hanya baca", "read-only" } },
    { "region", { "wilayah", "region" } },
    { "risk_allocation", { "alokasi risiko", "risk allocations" } },
    { "risk_category", { "kategori risiko", "risk categories" } },
    { "role", { "peran pihak", "party roles" } },
    { "rule", { "aturan kerangka", "framework rules" } },
    { "sectors", { "sektor", "sectors" } },
    { "seq", { "entri", "entry" } },
    { "status", { "status", "status" } },
    { "status_reason", { "alasan status", "status reason" } },
    { "store", { "penyimpanan", "store" } },
    { "sync_mode", { "mode sinkronisasi", "sync modes" } },
    { "time", { "waktu", "time" } },
    { "updated", { "diubah", "updated" } },
    { "value", { "nilai", "value" } },
    { "version", { "versi", "version" } },
    { "website", { "situs web", "website" } },
};

const char *cli_field_label(const char *key, int lang)
{
    size_t i;
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(key, fields[i].key) == 0) return fields[i].text[lang == KM_LANG_EN ? 1 : 0];
    return key;
}
