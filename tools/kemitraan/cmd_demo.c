/* cmd_demo.c: `kemitraan demo [PATH]`: builds the partnership network of a
 * fictional Indonesian province (Provinsi Parahyangan Raya; kode wilayah
 * 32 and its regencies/cities) in a fresh store through the public API,
 * then prints a guided tour: the report, a few queries, the brokers and a
 * verification of the audit chain.
 *
 * Everything is deterministic: the clock is the story's calendar (one
 * step per month, 2023-01 .. 2025-12), "random" choices come from a fixed
 * linear congruential generator, so two runs give byte-identical stores. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "enums.h"
#include "report.h"
#include "util.h"
#include "values.h"

#define DAY_US ((int64_t)86400 * 1000000)

/* ---- the cast ---------------------------------------------------------------- */

typedef struct demo_partner {
    const char *name;
    const char *ext;
    int kind;
    const char *region;
    const char *sector;
} demo_partner;

#define RG KM_PARTNER_REGIONAL_GOVERNMENT
#define SE KM_PARTNER_STATE_ENTERPRISE
#define PB KM_PARTNER_PRIVATE_BUSINESS
#define NG KM_PARTNER_NGO
#define AC KM_PARTNER_ACADEMIC
#define IN KM_PARTNER_INTERNATIONAL
#define CO KM_PARTNER_COMMUNITY
#define FO KM_PARTNER_FOUNDATION
#define MI KM_PARTNER_MINISTRY

static const demo_partner cast[] = {
    /* dinas and local governments (1..12) */
    { "Dinas Kesehatan Provinsi Parahyangan Raya", "ID-KEMENDAGRI-32-DINKES", RG, "32", "health" },
    { "Dinas Pendidikan Provinsi Parahyangan Raya", "ID-KEMENDAGRI-32-DISDIK", RG, "32", "education" },
    { "Dinas Pekerjaan Umum dan Penataan Ruang", "ID-KEMENDAGRI-32-DPUPR", RG, "32", "water" },
    { "Badan Perencanaan Pembangunan Daerah", "ID-KEMENDAGRI-32-BAPPEDA", RG, "32", "planning" },
    { "Dinas Tanaman Pangan dan Hortikultura", "ID-KEMENDAGRI-32-DISTAN", RG, "32", "agriculture" },
    { "Dinas Lingkungan Hidup", "ID-KEMENDAGRI-32-DLH", RG, "32", "environment" },
    { "Dinas Koperasi dan Usaha Kecil", "ID-KEMENDAGRI-32-DISKOP", RG, "32", "msme" },
    { "Dinas Sosial", "ID-KEMENDAGRI-32-DINSOS", RG, "32", "social" },
    { "Pemerintah Kabupaten Sukamaju", "ID-KEMENDAGRI-32.04", RG, "32.04", "planning" },
    { "Pemerintah Kota Batu Hijau", "ID-KEMENDAGRI-32.73", RG, "32.73", "planning" },
    { "Pemerintah Kabupaten Cisarua Raya", "ID-KEMENDAGRI-32.01", RG, "32.01", "planning" },
    { "Dinas Kesehatan Kota Batu Hijau", "ID-KEMENDAGRI-32.73-DINKES", RG, "32.73", "health" },
    /* BUMD (13..17) */
    { "Perumda Air Minum Tirta Parahyangan", "ID-KEMENDAGRI-32-PDAM", SE, "32.73", "water" },
    { "PT Jasa Sarana Parahyangan (Perseroda)", "ID-AHU-AHU0031221.AH.01.01", SE, "32", "infrastructure" },
    { "PT Bank Pembangunan Parahyangan", "ID-AHU-AHU0004410.AH.01.01", SE, "32", "finance" },
    { "PT Agro Lestari Parahyangan (Perseroda)", "ID-AHU-AHU0052010.AH.01.01", SE, "32.04", "agriculture" },
    { "PT Energi Parahyangan Mandiri", "ID-AHU-AHU0060133.AH.01.01", SE, "32", "energy" },
    /* universities (18..23) */
    { "Universitas Negeri Parahyangan Raya", "ID-PDDIKTI-001099", AC, "32.73", "education" },
    { "Institut Teknologi Batu Hijau", "ID-PDDIKTI-001100", AC, "32.73", "water" },
    { "Politeknik Pertanian Sukamaju", "ID-PDDIKTI-005201", AC, "32.04", "agriculture" },
    { "Universitas Kesehatan Cisarua", "ID-PDDIKTI-043112", AC, "32.01", "health" },
    { "Sekolah Tinggi Ekonomi Koperasi", "ID-PDDIKTI-043310", AC, "32.73", "msme" },
    { "Pusat Riset Iklim Parahyangan", "ID-PDDIKTI-100233", AC, "32", "environment" },
    /* NGOs (24..31) */
    { "Lembaga Advokasi Gizi Masyarakat", "ID-AHU-AHU0012311.AH.01.07", NG, "32.73", "health" },
    { "Yayasan Air untuk Desa", "ID-AHU-AHU0014402.AH.01.04", NG, "32.04", "water" },
    { "Perkumpulan Guru Penggerak", "ID-AHU-AHU0019001.AH.01.07", NG, "32", "education" },
    { "Lembaga Kajian Tata Kelola Daerah", "ID-AHU-AHU0021121.AH.01.07", NG, "32.73", "governance" },
    { "Wahana Hijau Parahyangan", "ID-AHU-AHU0023344.AH.01.07", NG, "32.01", "environment" },
    { "Pusat Pemberdayaan Perempuan Desa", "ID-AHU-AHU0025512.AH.01.07", NG, "32.04", "social" },
    { "Inisiatif Data Terbuka Parahyangan", "ID-AHU-AHU0027830.AH.01.07", NG, "32.73", "governance" },
    { "Lembaga Bantuan Hukum Rakyat", "ID-AHU-AHU0029007.AH.01.07", NG, "32", "governance" },
    /* community groups (32..41) */
    { "Kelompok Tani Sri Rejeki", "ID-SIMLUHTAN-3204010001", CO, "32.04.01", "agriculture" },
    { "Kelompok Tani Harapan Jaya", "ID-SIMLUHTAN-3204020014", CO, "32.04.02", "agriculture" },
    { "Gapoktan Mekar Sari", "ID-SIMLUHTAN-3201050003", CO, "32.01.05", "agriculture" },
    { "Koperasi Wanita Sejahtera", "ID-NIK-KOP-3273011101", CO, "32.73.01", "msme" },
    { "Posyandu Melati RW 05", "ID-KEMENKES-P3273010005", CO, "32.73.01", "health" },
    { "Karang Taruna Tunas Muda", "ID-KEMENSOS-KT3204030002", CO, "32.04.03", "social" },
    { "BUMDes Cisarua Makmur", "ID-KEMENDESA-3201052003", CO, "32.01.05", "msme" },
    { "Kelompok Pengelola Air Minum Sumber Waras", "ID-KEMENDESA-3204012006", CO, "32.04.01", "water" },
    { "Bank Sampah Berseri", "ID-KLHK-BS3273020004", CO, "32.73.02", "environment" },
    { "Forum Warga Peduli Sungai", "ID-KLHK-FW3201060001", CO, "32.01.06", "environment" },
    /* businesses (42..53) */
    { "PT Tirta Nusantara Konstruksi", "ID-NIB-8120001234501", PB, "32.73", "water" },
    { "PT Surya Daya Terbarukan", "ID-NIB-8120001234502", PB, "32", "energy" },
    { "PT Medika Sehat Sentosa", "ID-NIB-8120001234503", PB, "32.73", "health" },
    { "PT Agrindo Pangan Utama", "ID-NIB-8120001234504", PB, "32.04", "agriculture" },
    { "PT Data Cerdas Indonesia", "ID-NIB-8120001234505", PB, "32.73", "governance" },
    { "CV Karya Mandiri Teknik", "ID-NIB-8120001234506", PB, "32.01", "infrastructure" },
    { "PT Jalan Tol Parahyangan Selatan", "ID-NIB-8120001234507", PB, "32", "infrastructure" },
    { "PT Pengolahan Limbah Bersih", "ID-NIB-8120001234508", PB, "32.01", "environment" },
    { "PT Edukasi Digital Nusantara", "ID-NIB-8120001234509", PB, "32.73", "education" },
    { "PT Kopi Gunung Parahyangan", "ID-NIB-8120001234510", PB, "32.04", "agriculture" },
    { "PT Logistik Dingin Sejuk", "ID-NIB-8120001234511", PB, "32.04", "agriculture" },
    { "PT Wisata Alam Lestari", "ID-NIB-8120001234512", PB, "32.01", "tourism" },
    /* international, foundations, national (54..60) */
    { "Nusantara-Nordic Development Agency", "XM-DAC-99-1", IN, NULL, "water" },
    { "Asia Green Cities Facility", "XM-DAC-99-2", IN, NULL, "environment" },
    { "Yayasan Filantropi Cahaya Bangsa", "ID-AHU-AHU0033001.AH.01.04", FO, "32", "education" },
    { "Yayasan Kesehatan Ibu dan Anak", "ID-AHU-AHU0033002.AH.01.04", FO, "32.73", "health" },
    { "Yayasan Petani Muda", "ID-AHU-AHU0033003.AH.01.04", FO, "32.04", "agriculture" },
    { "Kementerian Keuangan, Direktorat Pengelolaan Dukungan Pemerintah", "ID-KEMENKEU-DJPPR", MI, NULL, "finance" },
    /* registered, never in an agreement: the isolated partner */
    { "Sanggar Seni Cipta Rasa", "ID-AHU-AHU0040777.AH.01.07", CO, "32.01.07", "culture" },
};
#define NCAST (sizeof cast / sizeof cast[0])

/* ---- the agreements -------------------------------------------------------------- */

typedef struct demo_agreement {
    const char *title;
    const char *ref;
    int type;
    int framework;          /* 1 KPBU, 2 hibah, 3 luar negeri, 4 kerja sama daerah, 0 none */
    int start;              /* month index: 0 = 2023-01 */
    int months;             /* duration */
    const char *value;      /* IDR, or NULL */
    int parties[5];         /* cast numbers (1-based); the first is accountable */
    int commit;             /* 0 none, 1 grant, 2 loan, 3 in-kind, 4 VGF */
    int fate;               /* 0 active/natural, 1 completed, 2 terminated, 3 suspended, 4 proposed, 5 draft, 6 cancelled */
    int dim;                /* main dimension */
} demo_agreement;

static const demo_agreement deals[] = {
    { "KPBU SPAM Regional Batu Hijau", "KPBU/SPAM/001/2023", KM_AGREEMENT_PPP, 1, 2, 300, "850000000000.00", { 3, 42, 13, 59, 0 }, 4, 0, KM_DIMENSION_SUSTAINABILITY },
    { "KPBU Penerangan Jalan Umum Hemat Energi", "KPBU/PJU/002/2023", KM_AGREEMENT_PPP, 1, 5, 180, "210000000000.00", { 10, 43, 17, 0, 0 }, 0, 0, KM_DIMENSION_EFFICIENCY },
    { "KPBU Jalan Lingkar Selatan", "KPBU/JLS/003/2024", KM_AGREEMENT_PPP, 1, 14, 360, "1250000000000.00", { 3, 48, 14, 59, 0 }, 0, 4, KM_DIMENSION_IMPACT },
    { "KPBU Pengolahan Sampah Regional", "KPBU/TPPAS/004/2024", KM_AGREEMENT_PPP, 1, 16, 240, "640000000000.00", { 6, 49, 14, 0, 0 }, 0, 0, KM_DIMENSION_SUSTAINABILITY },
    { "Hibah Gizi Balita Kota Batu Hijau", "HIBAH/DINKES/010/2023", KM_AGREEMENT_GRANT, 2, 1, 24, "1500000000.00", { 1, 24, 36, 12, 0 }, 1, 1, KM_DIMENSION_IMPACT },
    { "Hibah Sanitasi Desa Sukamaju", "HIBAH/DPUPR/011/2023", KM_AGREEMENT_GRANT, 2, 3, 30, "2400000000.00", { 3, 25, 39, 9, 0 }, 1, 0, KM_DIMENSION_IMPACT },
    { "Hibah Guru Penggerak Daerah Terpencil", "HIBAH/DISDIK/012/2023", KM_AGREEMENT_GRANT, 2, 6, 24, "900000000.00", { 2, 26, 56, 0, 0 }, 1, 0, KM_DIMENSION_INNOVATION },
    { "Hibah Pemberdayaan Perempuan Desa", "HIBAH/DINSOS/013/2023", KM_AGREEMENT_GRANT, 2, 8, 18, "650000000.00", { 8, 29, 35, 0, 0 }, 1, 1, KM_DIMENSION_PUBLIC_TRUST },
    { "Hibah Bank Sampah Kota", "HIBAH/DLH/014/2024", KM_AGREEMENT_GRANT, 2, 13, 24, "480000000.00", { 6, 40, 28, 0, 0 }, 1, 0, KM_DIMENSION_SUSTAINABILITY },
    { "Hibah Data Terbuka Anggaran", "HIBAH/BAPPEDA/015/2024", KM_AGREEMENT_GRANT, 2, 15, 18, "750000000.00", { 4, 30, 27, 0, 0 }, 1, 2, KM_DIMENSION_PUBLIC_TRUST },
    { "Swakelola Tipe III Posyandu Prima", "SWA3/DINKES/020/2023", KM_AGREEMENT_SERVICE, 2, 4, 24, "1200000000.00", { 12, 57, 36, 21, 0 }, 1, 0, KM_DIMENSION_IMPACT },
    { "Swakelola Bantuan Hukum Warga Miskin", "SWA3/DINSOS/021/2024", KM_AGREEMENT_SERVICE, 2, 12, 24, "560000000.00", { 8, 31, 0, 0, 0 }, 1, 3, KM_DIMENSION_PUBLIC_TRUST },
    { "Kemitraan Kelompok Tani Padi Organik", "KOM/DISTAN/030/2023", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 2, 36, "350000000.00", { 5, 32, 33, 20, 0 }, 3, 0, KM_DIMENSION_SUSTAINABILITY },
    { "Kemitraan Gapoktan Hortikultura Cisarua", "KOM/DISTAN/031/2023", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 7, 30, "280000000.00", { 5, 34, 38, 0, 0 }, 3, 0, KM_DIMENSION_EFFICIENCY },
    { "Pengelolaan Air Minum Berbasis Masyarakat", "KOM/DPUPR/032/2023", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 9, 36, "420000000.00", { 3, 39, 25, 0, 0 }, 1, 0, KM_DIMENSION_IMPACT },
    { "Karang Taruna Wirausaha Muda", "KOM/DISKOP/033/2024", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 12, 24, "150000000.00", { 7, 37, 22, 0, 0 }, 1, 0, KM_DIMENSION_INNOVATION },
    { "Koperasi Wanita Naik Kelas", "KOM/DISKOP/034/2024", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 14, 24, "300000000.00", { 7, 35, 15, 0, 0 }, 2, 0, KM_DIMENSION_EFFICIENCY },
    { "Forum Warga Sungai Bersih", "KOM/DLH/035/2024", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 18, 24, NULL, { 6, 41, 28, 0, 0 }, 0, 0, KM_DIMENSION_PUBLIC_TRUST },
    { "BUMDes Wisata Desa Cisarua", "KOM/BAPPEDA/036/2025", KM_AGREEMENT_COMMUNITY_PARTNERSHIP, 2, 26, 24, "200000000.00", { 11, 38, 53, 0, 0 }, 3, 0, KM_DIMENSION_INNOVATION },
    { "Program Air Bersih Perdesaan (NNDA)", "KLN/BAPPEDA/040/2023", KM_AGREEMENT_INTERNATIONAL_COOPERATION, 3, 3, 48, "45000000000.00", { 4, 54, 3, 13, 25 }, 1, 0, KM_DIMENSION_IMPACT },
    { "Kota Hijau Tahan Iklim", "KLN/DLH/041/2024", KM_AGREEMENT_INTERNATIONAL_COOPERATION, 3, 13, 36, "18000000000.00", { 6, 55, 23, 10, 0 }, 1, 0, KM_DIMENSION_SUSTAINABILITY },
    { "Riset Varietas Padi Tahan Kekeringan", "RISET/DISTAN/042/2023", KM_AGREEMENT_RESEARCH_COLLABORATION, 3, 5, 24, "1800000000.00", { 5, 20, 23, 44, 0 }, 1, 1, KM_DIMENSION_INNOVATION },
    { "Riset Kualitas Air Sungai Citarum Hulu", "RISET/DLH/043/2024", KM_AGREEMENT_RESEARCH_COLLABORATION, 3, 15, 24, "950000000.00", { 6, 19, 41, 0, 0 }, 1, 0, KM_DIMENSION_INNOVATION },
    { "Nota Kesepahaman Kampus Merdeka Daerah", "MOU/DISDIK/044/2023", KM_AGREEMENT_MOU, 4, 1, 36, NULL, { 2, 18, 22, 50, 0 }, 0, 0, KM_DIMENSION_INNOVATION },
    { "Nota Kesepahaman Satu Data Kesehatan", "MOU/DINKES/045/2024", KM_AGREEMENT_MOU, 4, 12, 24, NULL, { 1, 46, 21, 30, 0 }, 0, 0, KM_DIMENSION_EFFICIENCY },
    { "Kerja Sama Antar Daerah Pengelolaan Sampah", "KSD/BAPPEDA/046/2023", KM_AGREEMENT_COOPERATION, 4, 4, 60, NULL, { 4, 9, 10, 11, 0 }, 0, 0, KM_DIMENSION_EFFICIENCY },
    { "Kerja Sama Rujukan Kesehatan Regional", "KSD/DINKES/047/2024", KM_AGREEMENT_COOPERATION, 4, 17, 36, NULL, { 1, 12, 44, 0, 0 }, 0, 0, KM_DIMENSION_IMPACT },
    { "Kerja Sama Pemasaran Kopi Parahyangan", "KSB/DISKOP/048/2024", KM_AGREEMENT_COOPERATION, 4, 16, 24, NULL, { 7, 51, 32, 16, 0 }, 0, 0, KM_DIMENSION_EFFICIENCY },
    { "Rantai Dingin Hortikultura", "KSB/DISTAN/049/2025", KM_AGREEMENT_COOPERATION, 4, 25, 36, NULL, { 5, 52, 34, 45, 0 }, 0, 0, KM_DIMENSION_EFFICIENCY },
    { "Pengadaan Sistem Informasi Puskesmas", "PBJ/DINKES/050/2023", KM_AGREEMENT_PROCUREMENT_CONTRACT, 0, 6, 12, "3200000000.00", { 1, 46, 0, 0, 0 }, 0, 1, KM_DIMENSION_EFFICIENCY },
    { "Pengadaan Alat Kesehatan Puskesmas", "PBJ/DINKES/051/2024", KM_AGREEMENT_PROCUREMENT_CONTRACT, 0, 14, 10, "5400000000.00", { 12, 44, 0, 0, 0 }, 0, 1, KM_DIMENSION_EFFICIENCY },
    { "Pembangunan Embung Desa", "PBJ/DPUPR/052/2024", KM_AGREEMENT_PROCUREMENT_CONTRACT, 0, 19, 14, "7800000000.00", { 3, 47, 0, 0, 0 }, 0, 2, KM_DIMENSION_IMPACT },
    { "Platform Belajar Digital Sekolah", "PBJ/DISDIK/053/2025", KM_AGREEMENT_PROCUREMENT_CONTRACT, 0, 24, 12, "2100000000.00", { 2, 50, 0, 0, 0 }, 0, 0, KM_DIMENSION_INNOVATION },
    { "Pinjaman Daerah Pasar Rakyat", "PINJ/BPKAD/060/2023", KM_AGREEMENT_LOAN, 0, 6, 60, "25000000000.00", { 15, 9, 0, 0, 0 }, 2, 0, KM_DIMENSION_EFFICIENCY },
    { "Penyertaan Modal BUMD Agro", "JV/DISTAN/061/2024", KM_AGREEMENT_JOINT_VENTURE, 0, 13, 60, "12000000000.00", { 16, 45, 5, 0, 0 }, 0, 0, KM_DIMENSION_SUSTAINABILITY },
    { "Usaha Patungan Energi Surya Atap", "JV/ESDM/062/2025", KM_AGREEMENT_JOINT_VENTURE, 0, 28, 120, "60000000000.00", { 17, 43, 0, 0, 0 }, 0, 5, KM_DIMENSION_SUSTAINABILITY },
    { "Beasiswa Petani Muda", "HIBAH/YPM/063/2024", KM_AGREEMENT_GRANT, 2, 13, 24, "600000000.00", { 5, 58, 20, 33, 0 }, 1, 0, KM_DIMENSION_INNOVATION },
    { "Klinik Ibu dan Anak Keliling", "HIBAH/YKIA/064/2025", KM_AGREEMENT_GRANT, 2, 24, 24, "900000000.00", { 12, 57, 36, 0, 0 }, 1, 0, KM_DIMENSION_IMPACT },
    { "Sekolah Adiwiyata Parahyangan", "HIBAH/DLH/065/2025", KM_AGREEMENT_GRANT, 2, 27, 18, "350000000.00", { 6, 26, 56, 0, 0 }, 0, 6, KM_DIMENSION_SUSTAINABILITY },
    { "Ekowisata Hutan Kota", "KSB/DISPAR/066/2025", KM_AGREEMENT_COOPERATION, 4, 30, 36, NULL, { 10, 53, 28, 0, 0 }, 0, 4, KM_DIMENSION_PUBLIC_TRUST },
};
#define NDEALS (sizeof deals / sizeof deals[0])
#define MONTHS 36 /* 2023-01 .. 2025-12 */

/* ---- helpers ------------------------------------------------------------------- */

typedef struct demo {
    cli_ctx *ctx;
    km_network *net;
    uint64_t fw[5];
    uint64_t agreement[NDEALS];
    uint64_t commitment[NDEALS];
    uint64_t indicator[NDEALS];
    int ntranches[NDEALS];
    const char *where;
} demo;

static void month_date(char out[11], int month, int day)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", 2023 + month / 12, month % 12 + 1, day);
    memcpy(out, tmp, 10);
    out[10] = 0;
}

static int month_days(int month)
{
    static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int m = month % 12, y = 2023 + month / 12;
    return md[m] + (m == 1 && y % 4 == 0);
}

/* The story's clock: 09:00 WIB on day `day` of `month`. */
static void set_clock(demo *d, int month, int day)
{
    int64_t t = 0;
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02dT09:00", 2023 + month / 12, month % 12 + 1, day);
    cli_parse_time(buf, 0, &t);
    d->ctx->test_clock = t;
}

static int fail(demo *d, int rc)
{
    fprintf(stderr, "kemitraan: demo: %s\n", d->where);
    return cli_fail(d->ctx, rc);
}
#define TRY(what, expr)                          \
    do {                                         \
        int rc_ = (expr);                        \
        d->where = (what);                       \
        if (rc_) return fail(d, rc_);            \
    } while (0)

static int64_t idr(const char *s)
{
    int64_t v = 0;
    cli_parse_money(s, 2, &v);
    return v;
}

/* ---- building ------------------------------------------------------------------ */

static int build_partners(demo *d)
{
    size_t i;
    for (i = 0; i < NCAST; i++) {
        km_partner_fields f = KM_PARTNER_FIELDS_INIT;
        const char *sectors[1];
        uint64_t id;
        sectors[0] = cast[i].sector;
        f.name = cast[i].name;
        f.external_id = cast[i].ext;
        f.kind = cast[i].kind;
        f.region = cast[i].region;
        f.sectors = sectors;
        f.sectors_count = 1;
        TRY(cast[i].name, km_partner_create(&id, d->net, &f));
    }
    return 0;
}

static int build_frameworks(demo *d)
{
    km_framework_spec *s = NULL;
    /* 1: KPBU */
    TRY("framework", km_framework_spec_new(&s, "Kerangka KPBU Provinsi Parahyangan Raya",
                                           "Perpres 38/2015 tentang Kerja Sama Pemerintah dengan Badan Usaha dalam Penyediaan Infrastruktur"));
    km_framework_spec_allow_type(s, KM_AGREEMENT_PPP);
    km_framework_spec_require_role(s, KM_ROLE_PUBLIC_AUTHORITY, KM_PARTNER_KIND_BIT(RG));
    km_framework_spec_require_role(s, KM_ROLE_PRIVATE_PARTY, KM_PARTNER_KIND_BIT(PB) | KM_PARTNER_KIND_BIT(SE));
    km_framework_spec_set_duration(s, 365, 365 * 50);
    km_framework_spec_require_dimension(s, KM_DIMENSION_SUSTAINABILITY);
    km_framework_spec_add_incentive(s, KM_INCENTIVE_VIABILITY_GAP_FUNDING, KM_PARTNER_KIND_BIT(PB), "water", NULL, 0);
    km_framework_spec_add_incentive(s, KM_INCENTIVE_GOVERNMENT_GUARANTEE, KM_PARTNER_KIND_BIT(PB), NULL, NULL, 0);
    km_framework_spec_add_incentive(s, KM_INCENTIVE_AVAILABILITY_PAYMENT, KM_PARTNER_KIND_BIT(PB), NULL, NULL, 0);
    TRY("framework KPBU", km_framework_create(&d->fw[1], d->net, s));
    km_framework_spec_free(s);
    /* 2: hibah and swakelola */
    TRY("framework", km_framework_spec_new(&s, "Hibah dan Swakelola Tipe III",
                                           "Permendagri 77/2020; Perpres 12/2021 tentang Pengadaan Barang/Jasa Pemerintah"));
    km_framework_spec_allow_type(s, KM_AGREEMENT_GRANT);
    km_framework_spec_allow_type(s, KM_AGREEMENT_SERVICE);
    km_framework_spec_allow_type(s, KM_AGREEMENT_COMMUNITY_PARTNERSHIP);
    km_framework_spec_set_duration(s, 90, 365 * 3 + 1);
    km_framework_spec_set_max_value(s, "IDR", idr("5000000000.00"));
    km_framework_spec_add_incentive(s, KM_INCENTIVE_GRANT, KM_PARTNER_KIND_BIT(NG) | KM_PARTNER_KIND_BIT(CO), NULL, "32", 0);
    TRY("framework hibah", km_framework_create(&d->fw[2], d->net, s));
    km_framework_spec_free(s);
    /* 3: foreign cooperation and research */
    TRY("framework", km_framework_spec_new(&s, "Kerja Sama Luar Negeri dan Riset",
                                           "PP 28/2018 tentang Kerja Sama Daerah; Permendagri 25/2020"));
    km_framework_spec_allow_type(s, KM_AGREEMENT_INTERNATIONAL_COOPERATION);
    km_framework_spec_allow_type(s, KM_AGREEMENT_RESEARCH_COLLABORATION);
    km_framework_spec_set_duration(s, 180, 365 * 5 + 1);
    TRY("framework KLN", km_framework_create(&d->fw[3], d->net, s));
    km_framework_spec_free(s);
    /* 4: regional and business cooperation */
    TRY("framework", km_framework_spec_new(&s, "Kerja Sama Daerah", "PP 28/2018 tentang Kerja Sama Daerah"));
    km_framework_spec_allow_type(s, KM_AGREEMENT_MOU);
    km_framework_spec_allow_type(s, KM_AGREEMENT_COOPERATION);
    TRY("framework KSD", km_framework_create(&d->fw[4], d->net, s));
    km_framework_spec_free(s);
    return 0;
}

static uint32_t roles_for(const demo_agreement *a, int i)
{
    int kind = cast[a->parties[i] - 1].kind;
    if (a->type == KM_AGREEMENT_PPP) {
        if (i == 0) return KM_ROLE_PUBLIC_AUTHORITY | KM_ROLE_ACCOUNTABLE;
        if (kind == PB) return KM_ROLE_PRIVATE_PARTY | KM_ROLE_IMPLEMENTING;
        if (kind == MI) return KM_ROLE_GUARANTOR;
        return KM_ROLE_FACILITATOR;
    }
    if (a->type == KM_AGREEMENT_LOAN) return i == 0 ? KM_ROLE_FUNDING : KM_ROLE_ACCOUNTABLE | KM_ROLE_IMPLEMENTING;
    if (i == 0) return a->commit == 1 || a->commit == 3 ? KM_ROLE_FUNDING | KM_ROLE_ACCOUNTABLE : KM_ROLE_ACCOUNTABLE;
    if (kind == IN || kind == FO) return KM_ROLE_FUNDING;
    if (kind == CO) return KM_ROLE_BENEFICIARY | KM_ROLE_IMPLEMENTING;
    if (i == 1) return KM_ROLE_IMPLEMENTING;
    return KM_ROLE_FACILITATOR;
}

static void add_months(char out[11], int month, int day, int months)
{
    month_date(out, month + months, day);
}

/* Creation, proposal and signatures in the month before the start. */
static int open_agreement(demo *d, size_t k)
{
    const demo_agreement *a = &deals[k];
    km_agreement_fields f = KM_AGREEMENT_FIELDS_INIT;
    uint64_t pids[5];
    uint32_t roles[5];
    const char *sectors[1];
    char start[11], end[11], due[11];
    size_t n = 0, i;
    uint32_t num;
    while (n < 5 && a->parties[n]) {
        pids[n] = (uint64_t)a->parties[n];
        roles[n] = roles_for(a, (int)n);
        n++;
    }
    month_date(start, a->start, 1);
    add_months(end, a->start - 1, a->start + a->months - 1 >= 0 ? month_days(a->start + a->months - 1) : 28, a->months);
    month_date(end, a->start + a->months - 1, month_days(a->start + a->months - 1));
    sectors[0] = cast[a->parties[0] - 1].sector;
    f.title = a->title;
    f.reference = a->ref;
    f.type = a->type;
    f.purpose = a->title;
    f.sectors = sectors;
    f.sectors_count = 1;
    f.region = cast[a->parties[0] - 1].region ? cast[a->parties[0] - 1].region : "32";
    f.start_date = start;
    f.end_date = end;
    if (a->value) {
        f.value = idr(a->value);
        f.currency = "IDR";
    }
    f.framework_id = a->framework ? d->fw[a->framework] : 0;
    f.dimensions = KM_DIMENSION_BIT(a->dim) | KM_DIMENSION_BIT(KM_DIMENSION_PUBLIC_TRUST);
    if (a->type == KM_AGREEMENT_PPP) f.dimensions |= KM_DIMENSION_BIT(KM_DIMENSION_SUSTAINABILITY);
    f.party_ids = pids;
    f.party_roles = roles;
    f.parties_count = n;
    TRY(a->ref, km_agreement_create(&d->agreement[k], d->net, &f));
    if (a->fate == 5) return 0; /* stays a draft */
    /* milestones: a mid-term report and the completion */
    {
        km_milestone_fields m = KM_MILESTONE_FIELDS_INIT;
        int mid = a->start + (a->months < 24 ? a->months / 2 : 12);
        month_date(due, mid, 15);
        m.type = KM_MILESTONE_REPORTING;
        m.title = "Laporan kemajuan tengah periode";
        m.due_date = due;
        TRY(a->ref, km_milestone_add(&num, d->net, d->agreement[k], &m));
        m.type = KM_MILESTONE_COMPLETION;
        m.title = "Serah terima hasil";
        m.due_date = end;
        TRY(a->ref, km_milestone_add(&num, d->net, d->agreement[k], &m));
    }
    if (a->type == KM_AGREEMENT_PPP) {
        TRY(a->ref, km_risk_add(&num, d->net, d->agreement[k], KM_RISK_CONSTRUCTION, KM_RISK_PRIVATE,
                                "Kontrak rancang bangun harga tetap"));
        TRY(a->ref, km_risk_add(&num, d->net, d->agreement[k], KM_RISK_LAND, KM_RISK_PUBLIC,
                                "Pengadaan tanah oleh PJPK sebelum financial close"));
        TRY(a->ref, km_risk_add(&num, d->net, d->agreement[k], KM_RISK_DEMAND_REVENUE, KM_RISK_SHARED,
                                "Tarif ditinjau tiap dua tahun; pembayaran ketersediaan layanan"));
    }
    TRY(a->ref, km_agreement_propose(d->net, d->agreement[k], NULL));
    if (a->fate == 4) {
        /* proposed, one signature collected */
        TRY(a->ref, km_agreement_sign(d->net, d->agreement[k], pids[0]));
        return 0;
    }
    if (a->fate == 6) {
        TRY(a->ref, km_agreement_cancel(d->net, d->agreement[k], "Anggaran dialihkan untuk penanganan bencana"));
        return 0;
    }
    for (i = 0; i < n; i++) TRY(a->ref, km_agreement_sign(d->net, d->agreement[k], pids[i]));
    return 0;
}

/* The commitment of an agreement, with its tranches (in the start month). */
static int open_commitment(demo *d, size_t k)
{
    const demo_agreement *a = &deals[k];
    km_commitment_fields f = KM_COMMITMENT_FIELDS_INIT;
    char date[11];
    int t, nt;
    if (!a->commit || a->fate >= 4) return 0;
    f.agreement_id = d->agreement[k];
    f.provider_id = (uint64_t)a->parties[0];
    f.recipient_id = (uint64_t)a->parties[1];
    f.title = a->title;
    if (a->commit == 1) {
        f.kind = KM_COMMITMENT_GRANT;
        f.amount = idr(a->value);
        f.currency = "IDR";
        /* international programmes: the agency funds the province */
        if (cast[a->parties[1] - 1].kind == IN || cast[a->parties[1] - 1].kind == FO) {
            f.provider_id = (uint64_t)a->parties[1];
            f.recipient_id = (uint64_t)a->parties[0];
        }
    } else if (a->commit == 2) {
        f.kind = KM_COMMITMENT_LOAN;
        f.amount = a->type == KM_AGREEMENT_LOAN ? idr(a->value) : idr("300000000.00");
        f.currency = "IDR";
        f.loan_rate_bp = a->type == KM_AGREEMENT_LOAN ? 650 : 300;
        f.loan_term_months = a->type == KM_AGREEMENT_LOAN ? 60 : 24;
        f.loan_grace_months = a->type == KM_AGREEMENT_LOAN ? 12 : 6;
        f.loan_method = KM_LOAN_ANNUITY;
        month_date(date, a->start, 1);
        f.loan_start_date = date;
    } else if (a->commit == 3) {
        f.kind = KM_COMMITMENT_IN_KIND;
        f.amount = 400; /* person-days of extension workers */
        f.unit = "person-days";
        f.valuation = a->value ? idr(a->value) : 0;
        f.valuation_currency = a->value ? "IDR" : NULL;
    } else {
        f.kind = KM_COMMITMENT_VIABILITY_GAP_FUNDING;
        f.provider_id = 59; /* the ministry */
        f.recipient_id = (uint64_t)a->parties[1];
        f.amount = idr("255000000000.00");
        f.currency = "IDR";
    }
    TRY(a->ref, km_commitment_create(&d->commitment[k], d->net, &f));
    month_date(date, a->start, 1);
    TRY(a->ref, km_commitment_commit(d->net, d->commitment[k], date, NULL));
    if (a->commit == 2) return 0; /* a loan disburses in one go, below */
    nt = a->commit == 4 ? 3 : a->months >= 24 ? 4 : 2;
    for (t = 0; t < nt; t++) {
        km_tranche_fields tf = KM_TRANCHE_FIELDS_INIT;
        uint32_t num;
        int m = a->start + 1 + t * (a->commit == 4 ? 12 : a->months / nt);
        month_date(date, m, 10);
        tf.planned_date = date;
        tf.amount = f.amount / nt + (t == nt - 1 ? f.amount % nt : 0);
        tf.note = t == 0 ? "Termin I setelah penandatanganan" : "Termin berikutnya setelah laporan kemajuan";
        TRY(a->ref, km_tranche_add(&num, d->net, d->commitment[k], &tf));
    }
    d->ntranches[k] = nt;
    return 0;
}

static int open_indicator(demo *d, size_t k)
{
    const demo_agreement *a = &deals[k];
    km_indicator_fields f = KM_INDICATOR_FIELDS_INIT;
    char base[11], tdate[2][11];
    const char *tdates[2];
    int64_t tvals[2];
    char code[32];
    if (a->fate >= 4) return 0;
    snprintf(code, sizeof code, "IND-%02u", (unsigned)(k + 1));
    month_date(base, a->start, 1);
    month_date(tdate[0], a->start + 11, month_days(a->start + 11));
    month_date(tdate[1], a->start + 23, month_days(a->start + 23));
    tdates[0] = tdate[0];
    tdates[1] = tdate[1];
    tvals[0] = 100 + (int64_t)(k % 5) * 20;
    tvals[1] = 2 * tvals[0];
    f.code = code;
    f.title = a->dim == KM_DIMENSION_IMPACT ? "Penerima manfaat terlayani"
            : a->dim == KM_DIMENSION_EFFICIENCY ? "Layanan selesai tepat waktu"
            : a->dim == KM_DIMENSION_INNOVATION ? "Inovasi diterapkan"
            : a->dim == KM_DIMENSION_SUSTAINABILITY ? "Rumah tangga dengan layanan berkelanjutan"
                                                    : "Warga yang terlibat dalam forum";
    f.unit_label = "orang";
    f.dimension = a->dim;
    f.result_level = KM_RESULT_OUTPUT;
    f.measure = KM_MEASURE_UNIT;
    f.baseline_value = 0;
    f.baseline_date = base;
    f.target_dates = tdates;
    f.target_values = tvals;
    f.targets_count = 2;
    f.frequency = KM_FREQUENCY_QUARTERLY;
    f.time_aggregation = KM_TIME_AGG_LAST;
    f.reporter_id = (uint64_t)a->parties[1];
    f.grace_days = 30;
    TRY(a->ref, km_indicator_create(&d->indicator[k], d->net, d->agreement[k], &f));
    return 0;
}

/* One quarter's report: cumulative progress, not always on plan. */
static int report_quarter(demo *d, size_t k, int qstart_month)
{
    const demo_agreement *a = &deals[k];
    km_measurement_fields f = KM_MEASUREMENT_FIELDS_INIT;
    char ps[11], pe[11];
    uint64_t mid;
    int64_t elapsed = qstart_month + 3 - a->start;
    int64_t target = 100 + (int64_t)(k % 5) * 20;
    int64_t pace = 60 + (int64_t)((k * 37) % 60); /* 60..119 % of plan */
    month_date(ps, qstart_month, 1);
    month_date(pe, qstart_month + 2, month_days(qstart_month + 2));
    f.partner_id = (uint64_t)a->parties[1];
    f.period_start = ps;
    f.period_end = pe;
    f.value = target * elapsed / 12 * pace / 100;
    f.comment = "Laporan triwulan";
    TRY(a->ref, km_measurement_create(&mid, d->net, d->indicator[k], &f));
    TRY(a->ref, km_measurement_submit(d->net, mid));
    TRY(a->ref, km_measurement_approve(d->net, mid, "Diverifikasi petugas pemantauan"));
    return 0;
}

static int dispute_step(demo *d, int month);

static int build_story(demo *d)
{
    int month;
    size_t k;
    for (month = -1; month < MONTHS; month++) {
        int mo = month < 0 ? 0 : month;
        /* the month before the start: drafting and signatures */
        set_clock(d, mo, month < 0 ? 3 : 5);
        for (k = 0; k < NDEALS; k++)
            if (deals[k].start - 1 == month || (month < 0 && deals[k].start == 0)) {
                int rc = open_agreement(d, k);
                if (rc) return rc;
            }
        if (month < 0) continue;
        /* the first of the month: entry into force, commitments, indicators */
        set_clock(d, month, 8);
        for (k = 0; k < NDEALS; k++) {
            const demo_agreement *a = &deals[k];
            if (a->start != month || a->fate >= 4) continue;
            if (km_agreement_activate(d->net, d->agreement[k], NULL) != 0)
                TRY(a->ref, km_agreement_activate(d->net, d->agreement[k],
                                                  "Disetujui Sekda: pengecualian tercatat dalam nota dinas"));
            if (open_commitment(d, k) || open_indicator(d, k)) return CLI_EXIT_INVALID;
        }
        /* disbursements on the 12th (the last tranche of some is late) */
        set_clock(d, month, 12);
        for (k = 0; k < NDEALS; k++) {
            const demo_agreement *a = &deals[k];
            char date[11];
            int t;
            if (!d->commitment[k] || (a->fate == 2 && month >= a->start + 12)) continue;
            month_date(date, month, 12);
            if (a->commit == 2 && month == a->start) {
                km_ledger_fields lf = KM_LEDGER_FIELDS_INIT;
                uint64_t tx;
                lf.type = KM_LEDGER_DISBURSEMENT;
                lf.amount = a->type == KM_AGREEMENT_LOAN ? idr(a->value) : idr("300000000.00");
                lf.currency = "IDR";
                lf.value_date = date;
                lf.note = "Pencairan pinjaman";
                TRY(a->ref, km_ledger_record(&tx, d->net, d->commitment[k], &lf));
            }
            for (t = 0; t < d->ntranches[k]; t++) {
                int m = a->start + 1 + t * (a->commit == 4 ? 12 : a->months / d->ntranches[k]);
                km_ledger_fields lf = KM_LEDGER_FIELDS_INIT;
                uint64_t tx;
                if (m != month || m >= MONTHS) continue;
                if (t == d->ntranches[k] - 1 && k % 3 == 1) continue; /* late: not paid yet */
                lf.type = KM_LEDGER_DISBURSEMENT;
                lf.amount = (a->commit == 4 ? idr("255000000000.00") : idr(a->value)) / d->ntranches[k];
                if (t == d->ntranches[k] - 1)
                    lf.amount += (a->commit == 4 ? idr("255000000000.00") : idr(a->value)) % d->ntranches[k];
                lf.currency = "IDR";
                lf.value_date = date;
                lf.tranche = (uint32_t)(t + 1);
                lf.note = "SP2D";
                if (a->commit == 3) { /* in-kind: person-days delivered */
                    lf.amount = 400 / d->ntranches[k];
                    lf.currency = "person-days";
                    lf.note = "Berita acara penyuluhan";
                }
                TRY(a->ref, km_ledger_record(&tx, d->net, d->commitment[k], &lf));
            }
        }
        /* quarterly reports on the 20th of the month after each quarter */
        set_clock(d, month, 20);
        for (k = 0; k < NDEALS; k++) {
            const demo_agreement *a = &deals[k];
            int q = month - 3; /* the quarter that just ended starts here */
            if (!d->indicator[k] || month % 3 != 0 || q < a->start) continue;
            if (q + 2 > a->start + a->months - 1) continue;
            if (a->fate == 2 && month > a->start + 12) continue;
            if (k % 7 == 3 && month >= 30) continue; /* a partner stopped reporting */
            if (report_quarter(d, k, q)) return CLI_EXIT_INVALID;
        }
        /* the story's turns */
        set_clock(d, month, 25);
        for (k = 0; k < NDEALS; k++) {
            const demo_agreement *a = &deals[k];
            int end = a->start + a->months;
            int mid = a->start + (a->months < 24 ? a->months / 2 : 12);
            if (a->fate < 4 && month == mid && k % 4 != 1 && !(a->fate == 2 && month > a->start + 12)) {
                char met[11];
                month_date(met, month, 14);
                TRY(a->ref, km_milestone_set_status(d->net, d->agreement[k], 1, k % 5 == 2 ? KM_MILESTONE_PARTIALLY_MET : KM_MILESTONE_MET, met));
            }
            if (a->fate == 1 && month == end && end < MONTHS) {
                char met[11];
                month_date(met, end - 1, month_days(end - 1));
                TRY(a->ref, km_milestone_set_status(d->net, d->agreement[k], 2, KM_MILESTONE_MET, met));
            }
            if (a->fate == 1 && month == end && end < MONTHS)
                TRY(a->ref, km_agreement_complete(d->net, d->agreement[k], "Seluruh keluaran diserahterimakan"));
            if (a->fate == 2 && month == a->start + 13)
                TRY(a->ref, km_agreement_terminate(d->net, d->agreement[k], "Wanprestasi: pekerjaan terhenti lebih dari 90 hari"));
            if (a->fate == 3 && month == 30)
                TRY(a->ref, km_agreement_suspend(d->net, d->agreement[k], "Pemeriksaan Inspektorat atas laporan keuangan"));
        }
        if (dispute_step(d, month)) return CLI_EXIT_INVALID;
    }
    return 0;
}

/* Two disputes: one settled in mediation, one open. Run at the end of
 * every month of the story (days 26..28), so their dates fall in place. */
static int dispute_step(demo *d, int month)
{
    km_dispute_fields f = KM_DISPUTE_FIELDS_INIT;
    km_dispute_settlement s = KM_DISPUTE_SETTLEMENT_INIT;
    uint64_t resp[1], id;
    /* 1: the sanitation grant: the NGO says tranche II is late */
    if (month == 20) {
        set_clock(d, 20, 26);
        resp[0] = (uint64_t)deals[5].parties[0];
        f.agreement_id = d->agreement[5];
        f.claimant = (uint64_t)deals[5].parties[1];
        f.respondents = resp;
        f.respondents_count = 1;
        f.category = KM_DISPUTE_PAYMENT;
        f.severity = KM_DISPUTE_SEVERITY_MEDIUM;
        f.description = "Termin II belum dicairkan padahal laporan kemajuan telah diterima";
        f.relief = "Pencairan termin II dan jadwal ulang";
        TRY("dispute 1", km_dispute_file(&id, d->net, &f));
        set_clock(d, 20, 27);
        TRY("dispute 1", km_dispute_acknowledge(d->net, id, resp[0], "Diterima, diverifikasi BPKAD"));
        set_clock(d, 20, 28);
        TRY("dispute 1", km_dispute_negotiate(d->net, id, "Rapat klarifikasi"));
    }
    if (month == 21) {
        set_clock(d, 21, 26);
        TRY("dispute 1", km_dispute_assign_mediator(d->net, 1, 27, NULL));
        TRY("dispute 1", km_dispute_mediate(d->net, 1, "Mediasi oleh Lembaga Kajian Tata Kelola Daerah"));
    }
    if (month == 22) {
        set_clock(d, 22, 26);
        s.terms = "Termin II dicairkan paling lambat 30 hari; laporan keuangan triwulan dilampirkan bukti SP2D";
        TRY("dispute 1", km_dispute_settle(d->net, 1, &s));
    }
    if (month == 23) {
        set_clock(d, 23, 26);
        TRY("dispute 1", km_dispute_close(d->net, 1, "Termin II telah dicairkan sesuai kesepakatan"));
    }
    /* 2: the waste plant is late; the province files, the operator is silent */
    if (month == 33) {
        set_clock(d, 33, 26);
        resp[0] = (uint64_t)deals[3].parties[1];
        f.agreement_id = d->agreement[3];
        f.claimant = (uint64_t)deals[3].parties[0];
        f.respondents = resp;
        f.respondents_count = 1;
        f.category = KM_DISPUTE_PERFORMANCE;
        f.severity = KM_DISPUTE_SEVERITY_HIGH;
        f.description = "Keterlambatan konstruksi fasilitas pengolahan lebih dari enam bulan";
        f.relief = "Rencana percepatan dan denda keterlambatan sesuai perjanjian";
        TRY("dispute 2", km_dispute_file(&id, d->net, &f));
    }
    return 0;
}

/* ---- the tour -------------------------------------------------------------------- */

static void heading(cli_ctx *ctx, const char *id, const char *en)
{
    if (!ctx->json) fprintf(ctx->out, "\n== %s ==\n\n", ctx->lang == KM_LANG_EN ? en : id);
}

int cli_cmd_demo(cli_ctx *ctx, const cli_args *args);
int cli_cmd_demo(cli_ctx *ctx, const cli_args *args)
{
    const char *path = args->npos ? args->pos[0] : "kemitraan-demo.km";
    km_file_options fo = KM_FILE_OPTIONS_INIT;
    km_network_options o;
    km_verify_report vr;
    demo dd, *d = &dd;
    struct stat st;
    char snap[4096];
    out_row *row = NULL, *doc = NULL;
    int rc;
    memset(d, 0, sizeof *d);
    d->ctx = ctx;
    snprintf(snap, sizeof snap, "%s-snap", path);
    if (stat(path, &st) == 0 || stat(snap, &st) == 0) return cli_error(ctx, CLI_EXIT_CONFLICT, M_STORE_EXISTS, path);
    fo.sync = KM_SYNC_OFF;
    ctx->has_test_clock = 1;
    set_clock(d, 0, 2);
    if ((rc = km_storage_file_open(&ctx->storage, path, &fo))) return cli_fail_open(ctx, rc);
    cli_network_options(ctx, &o, 0);
    /* The demo acts for every partner (it signs for each): an administrator. */
    o.actor = "admin:demo@parahyangan.go.id";
    if ((rc = km_network_open(&d->net, ctx->storage, &o))) {
        km_storage_free(ctx->storage);
        ctx->storage = NULL;
        return cli_fail_open(ctx, rc);
    }
    ctx->net = d->net;
    rc = build_partners(d);
    if (!rc) rc = build_frameworks(d);
    if (!rc) rc = build_story(d);
    if (!rc) {
        uint64_t n = 0;
        set_clock(d, 35, 31);
        d->where = "expire";
        if ((rc = km_agreement_expire_due(&n, d->net, "2025-12-31"))) rc = fail(d, rc);
    }
    if (!rc && (rc = km_network_snapshot(d->net))) rc = fail(d, rc);
    if (rc) {
        cli_close(ctx);
        return rc;
    }
    /* the tour */
    if (ctx->json) doc = out_row_new();
    else
        fprintf(ctx->out,
                ctx->lang == KM_LANG_EN
                    ? "A partnership network of the fictional Provinsi Parahyangan Raya (kode wilayah 32), "
                      "2023-2025,\nwritten to %s. Explore it with: kemitraan --store %s COMMAND\n"
                    : "Jaringan kemitraan Provinsi Parahyangan Raya (fiktif; kode wilayah 32), 2023-2025,\n"
                      "tersimpan di %s. Jelajahi dengan: kemitraan --store %s PERINTAH\n",
                path, path);
    heading(ctx, "Laporan pemantauan per 31 Desember 2025 (kemitraan report --as-of 2025-12-31)",
            "Monitoring report as of 31 December 2025 (kemitraan report --as-of 2025-12-31)");
    if ((rc = cli_report_build(ctx, "2025-12-31", &row))) {
        out_row_free(doc);
        cli_close(ctx);
        return cli_fail(ctx, rc);
    }
    if (doc) {
        out_str(doc, "store", path);
        out_object(doc, "report", row, 0);
    } else if ((rc = cli_emit(ctx, row))) {
        cli_close(ctx);
        return rc;
    }
    {
        km_agreement_query q = KM_AGREEMENT_QUERY_INIT;
        km_agreement_page *page = NULL;
        out_row *r = out_row_new();
        size_t i, cell;
        heading(ctx, "Perjanjian yang berlaku di sektor air (kemitraan agreement list --status active --sector water)",
                "Agreements in force in the water sector (kemitraan agreement list --status active --sector water)");
        q.status = KM_AGREEMENT_ACTIVE;
        q.sector = "water";
        q.limit = 50;
        if ((rc = km_agreement_list(&page, d->net, &q)) == 0) {
            cell = out_rows(r, "water_agreements", "reference,title,type,start_date,end_date", 0);
            for (i = 0; i < km_agreement_page_count(page); i++) {
                const km_agreement *a = km_agreement_page_get(page, i);
                out_row *x = out_row_new();
                out_str(x, "reference", km_agreement_reference(a));
                out_str(x, "title", km_agreement_title(a));
                cli_enum_out(x, "type", &cli_enum_agreement_type, km_agreement_type_of(a), ctx->lang);
                out_str(x, "start_date", km_agreement_start_date(a));
                out_str(x, "end_date", km_agreement_end_date(a));
                out_rows_add(r, cell, x);
            }
            km_agreement_page_free(page);
        }
        if (doc) out_rows_add(doc, out_rows(doc, "queries", NULL, 0), r);
        else cli_emit(ctx, r);
    }
    {
        cli_graph g;
        cli_measures m;
        heading(ctx, "Perantara jaringan (kemitraan network --measure betweenness --top 8)",
                "The network's brokers (kemitraan network --measure betweenness --top 8)");
        if (cli_graph_build(&g, d->net, "2025-12-31") == 0) {
            if (cli_graph_measures(&g, &m) == 0) {
                out_row *r = out_row_new();
                size_t cell = out_rows(r, "brokers", "name,kind,degree,betweenness,constraint,broker_liaison", 0), i, j;
                size_t *ord = (size_t *)cli_xmalloc((g.n + 1) * sizeof *ord);
                for (i = 0; i < g.n; i++) ord[i] = i;
                for (i = 0; i < g.n; i++) /* selection of the top 8 by betweenness */
                    for (j = i + 1; j < g.n; j++)
                        if (m.betweenness[ord[j]] > m.betweenness[ord[i]]) {
                            size_t t = ord[i];
                            ord[i] = ord[j];
                            ord[j] = t;
                        }
                for (i = 0; i < g.n && i < 8; i++) {
                    out_row *x = out_row_new();
                    size_t v = ord[i];
                    out_str(x, "name", g.names[v]);
                    cli_enum_out(x, "kind", &cli_enum_partner_kind, g.kinds[v], ctx->lang);
                    out_u64(x, "degree", m.degree[v]);
                    cli_num_out(x, "betweenness", m.betweenness[v]);
                    cli_num_out(x, "constraint", m.constraint[v]);
                    out_u64(x, "broker_liaison", m.brokerage[v * KM_BROKER__COUNT + KM_BROKER_LIAISON]);
                    out_rows_add(r, cell, x);
                }
                free(ord);
                if (doc) out_rows_add(doc, out_rows(doc, "brokers", NULL, 0), r);
                else cli_emit(ctx, r);
            }
            cli_measures_free(&m);
            cli_graph_free(&g);
        }
    }
    heading(ctx, "Rantai audit (kemitraan verify)", "The audit chain (kemitraan verify)");
    {
        static const km_verify_report vinit = KM_VERIFY_REPORT_INIT;
        vr = vinit;
    }
    rc = km_network_verify(&vr, d->net);
    {
        out_row *r = out_row_new();
        out_str(r, "store", path);
        out_bool(r, "intact", rc == 0);
        out_u64(r, "entries_checked", vr.entries);
        out_str(r, "head_hash", vr.head_hash);
        if (doc) {
            out_rows_add(doc, out_rows(doc, "verify", NULL, 0), r);
            cli_emit(ctx, doc);
        } else {
            cli_emit(ctx, r);
        }
    }
    if (rc) {
        cli_close(ctx);
        return CLI_EXIT_VERIFY;
    }
    return cli_close(ctx);
}
