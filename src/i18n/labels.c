/* Labels of every public enum in Bahasa Indonesia and English. One table
 * per enum, indexed by value: {id, en}. */
#include "kemitraan/network.h"
#include "kemitraan/partner.h"
#include "kemitraan/agreement.h"
#include "kemitraan/dimension.h"
#include "kemitraan/framework.h"

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* like km_strerror_lang: anything but ID is English */
}

static const label entity_labels[] = {
    { { "jaringan", "network" } },
    { { "mitra", "partner" } },
    { { "perjanjian", "agreement" } },
    { { "kerangka kebijakan", "policy framework" } },
    { { "komitmen sumber daya", "resource commitment" } },
    { { "sengketa", "dispute" } },
    { { "indikator", "indicator" } },
    { { "pengukuran", "measurement" } },
    { { "peluang kemitraan", "partnership opportunity" } },
    { { "pernyataan minat", "expression of interest" } },
};

const char *km_entity_label(int entity, int lang)
{
    return pick(entity_labels, KM_ENTITY__COUNT, entity, lang);
}

static const label kind_labels[] = {
    { { "Kementerian/lembaga", "Ministry or national institution" } },
    { { "Instansi pemerintah pusat", "National government agency" } },
    { { "Pemerintah daerah", "Regional government" } },
    { { "BUMN/BUMD", "State- or region-owned enterprise" } },
    { { "Badan usaha swasta", "Private business" } },
    { { "LSM/organisasi nirlaba", "Nonprofit / NGO" } },
    { { "Perguruan tinggi/lembaga riset", "Academic or research institution" } },
    { { "Organisasi internasional", "International organisation" } },
    { { "Organisasi masyarakat", "Community organisation" } },
    { { "Perorangan", "Individual" } },
    { { "Yayasan/filantropi", "Foundation or philanthropy" } },
};

/* IATI OrganisationType codes (codelist 2.03). */
static const int kind_iati[] = { 10, 10, 11, 15, 70, 22, 80, 40, 24, 90, 60 };

const char *km_partner_kind_label(int kind, int lang)
{
    return pick(kind_labels, KM_PARTNER_KIND__COUNT, kind, lang);
}

int km_partner_kind_iati(int kind)
{
    if (kind < 0 || kind >= KM_PARTNER_KIND__COUNT) return -1;
    return kind_iati[kind];
}

static const label status_labels[] = {
    { { "aktif", "active" } },
    { { "ditangguhkan", "suspended" } },
    { { "diarsipkan", "archived" } },
};

const char *km_partner_status_label(int status, int lang)
{
    return pick(status_labels, KM_PARTNER_STATUS__COUNT, status, lang);
}

/* ---- agreements and frameworks ---- */

static const label agreement_type_labels[] = {
    { { "Nota kesepahaman", "Memorandum of understanding" } },
    { { "Perjanjian kerja sama", "Cooperation agreement" } },
    { { "Perjanjian hibah", "Grant agreement" } },
    { { "Kontrak pengadaan", "Procurement contract" } },
    { { "Usaha patungan", "Joint venture" } },
    { { "Perjanjian layanan", "Service agreement" } },
    { { "Kolaborasi riset", "Research collaboration" } },
    { { "Perjanjian pinjaman", "Loan agreement" } },
    { { "Kerja sama pemerintah dan badan usaha (KPBU)", "Public-private partnership (KPBU)" } },
    { { "Kemitraan masyarakat", "Community partnership" } },
    { { "Kerja sama internasional", "International cooperation" } },
};

/* The family of each type, in type order (documented in agreement.h). */
static const int agreement_type_family[] = {
    KM_FAMILY_NONPROFIT_GOVERNMENT, /* mou */
    KM_FAMILY_PUBLIC_PRIVATE,       /* cooperation */
    KM_FAMILY_NONPROFIT_GOVERNMENT, /* grant */
    KM_FAMILY_PUBLIC_PRIVATE,       /* procurement contract */
    KM_FAMILY_PUBLIC_PRIVATE,       /* joint venture */
    KM_FAMILY_NONPROFIT_GOVERNMENT, /* service */
    KM_FAMILY_NONPROFIT_GOVERNMENT, /* research collaboration */
    KM_FAMILY_PUBLIC_PRIVATE,       /* loan */
    KM_FAMILY_PUBLIC_PRIVATE,       /* ppp */
    KM_FAMILY_COMMUNITY_GOVERNMENT, /* community partnership */
    KM_FAMILY_INTERNATIONAL,        /* international cooperation */
};

const char *km_agreement_type_label(int type, int lang)
{
    return pick(agreement_type_labels, KM_AGREEMENT_TYPE__COUNT, type, lang);
}

int km_agreement_type_family(int type)
{
    if (type < 0 || type >= KM_AGREEMENT_TYPE__COUNT) return -1;
    return agreement_type_family[type];
}

static const label family_labels[] = {
    { { "Pemerintah-badan usaha", "Public-private" } },
    { { "Pemerintah-lembaga nirlaba", "Nonprofit-government" } },
    { { "Pemerintah-masyarakat", "Community-government" } },
    { { "Internasional", "International" } },
};

const char *km_family_label(int family, int lang) { return pick(family_labels, KM_FAMILY__COUNT, family, lang); }

static const label agreement_status_labels[] = {
    { { "draf", "draft" } },
    { { "diusulkan", "proposed" } },
    { { "ditandatangani", "signed" } },
    { { "berlaku", "active" } },
    { { "ditangguhkan", "suspended" } },
    { { "selesai", "completed" } },
    { { "diakhiri", "terminated" } },
    { { "kedaluwarsa", "expired" } },
    { { "dibatalkan", "cancelled" } },
};

const char *km_agreement_status_label(int status, int lang)
{
    return pick(agreement_status_labels, KM_AGREEMENT_STATUS__COUNT, status, lang);
}

static const label role_labels[] = {
    { { "pendana", "funding" } },
    { { "penanggung jawab", "accountable" } },
    { { "penyalur", "extending" } },
    { { "pelaksana", "implementing" } },
    { { "penanggung jawab proyek kerja sama (PJPK)", "public authority (PJPK)" } },
    { { "badan usaha pelaksana", "private party" } },
    { { "penerima manfaat", "beneficiary" } },
    { { "fasilitator", "facilitator" } },
    { { "penjamin", "guarantor" } },
};

/* Index of a single role bit, or -1. */
static int role_index(uint32_t role)
{
    int i;
    if (role == 0 || (role & (role - 1)) || (role & ~KM_ROLE_ALL)) return -1;
    for (i = 0; !(role & 1u); i++) role >>= 1;
    return i;
}

const char *km_role_label(uint32_t role, int lang) { return pick(role_labels, 9, role_index(role), lang); }

int km_role_iati(uint32_t role)
{
    int i = role_index(role);
    return i >= 0 && i < 4 ? i + 1 : -1;
}

static const label milestone_type_labels[] = {
    { { "persetujuan", "approval" } },
    { { "pembiayaan", "financing" } },
    { { "penyerahan", "delivery" } },
    { { "pelaporan", "reporting" } },
    { { "pembayaran", "payment" } },
    { { "penandatanganan perjanjian KPBU (commercial close)", "commercial close" } },
    { { "pemenuhan pembiayaan (financial close)", "financial close" } },
    { { "penyelesaian", "completion" } },
    { { "lainnya", "other" } },
};

static const char *const milestone_type_codes[] = {
    "approval", "financing", "delivery", "reporting", "payment", "commercialClose", "financialClose", "completion",
    "other",
};

const char *km_milestone_type_label(int type, int lang)
{
    return pick(milestone_type_labels, KM_MILESTONE_TYPE__COUNT, type, lang);
}

const char *km_milestone_type_code(int type)
{
    if (type < 0 || type >= KM_MILESTONE_TYPE__COUNT) return "?";
    return milestone_type_codes[type];
}

static const label milestone_status_labels[] = {
    { { "dijadwalkan", "scheduled" } },
    { { "tercapai", "met" } },
    { { "tidak tercapai", "not met" } },
    { { "tercapai sebagian", "partially met" } },
};

const char *km_milestone_status_label(int status, int lang)
{
    return pick(milestone_status_labels, KM_MILESTONE_STATUS__COUNT, status, lang);
}

static const label risk_category_labels[] = {
    { { "lahan", "land" } },
    { { "lingkungan", "environmental" } },
    { { "desain", "design" } },
    { { "konstruksi", "construction" } },
    { { "permintaan dan pendapatan", "demand and revenue" } },
    { { "inflasi dan nilai tukar", "inflation and exchange rate" } },
    { { "pembiayaan", "finance" } },
    { { "perubahan regulasi", "change in law" } },
    { { "keadaan kahar", "force majeure" } },
    { { "operasional", "operational" } },
    { { "politik", "political" } },
    { { "lainnya", "other" } },
};

const char *km_risk_category_label(int category, int lang)
{
    return pick(risk_category_labels, KM_RISK_CATEGORY__COUNT, category, lang);
}

static const label risk_allocation_labels[] = {
    { { "pemerintah", "public" } },
    { { "badan usaha", "private" } },
    { { "bersama", "shared" } },
};

const char *km_risk_allocation_label(int allocation, int lang)
{
    return pick(risk_allocation_labels, KM_RISK_ALLOCATION__COUNT, allocation, lang);
}

static const label dimension_labels[] = {
    { { "inovasi", "innovation" } },
    { { "efisiensi", "efficiency" } },
    { { "dampak", "impact" } },
    { { "keberlanjutan", "sustainability" } },
    { { "kepercayaan publik", "public trust" } },
};

const char *km_dimension_label(int dimension, int lang)
{
    return pick(dimension_labels, KM_DIMENSION__COUNT, dimension, lang);
}

static const label incentive_labels[] = {
    { { "insentif pajak", "tax incentive" } },
    { { "dukungan kelayakan (VGF)", "viability gap funding" } },
    { { "pembayaran ketersediaan layanan", "availability payment" } },
    { { "penjaminan pemerintah", "government guarantee" } },
    { { "hibah", "grant" } },
};

const char *km_incentive_label(int incentive, int lang)
{
    return pick(incentive_labels, KM_INCENTIVE__COUNT, incentive, lang);
}

static const label rule_labels[] = {
    { { "jenis perjanjian tidak diizinkan", "agreement type not allowed" } },
    { { "peran wajib tidak terisi", "required role missing" } },
    { { "jenis mitra tidak diizinkan dalam peran", "partner kind not allowed in role" } },
    { { "tanggal tidak lengkap", "dates missing" } },
    { { "jangka waktu terlalu pendek", "duration below minimum" } },
    { { "jangka waktu terlalu panjang", "duration above maximum" } },
    { { "nilai melebihi batas", "value above maximum" } },
    { { "dimensi evaluasi tidak lengkap", "evaluation dimensions missing" } },
};

const char *km_rule_label(int rule, int lang) { return pick(rule_labels, KM_RULE__COUNT, rule, lang); }
