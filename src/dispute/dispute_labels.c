/* Labels of the dispute enums in Bahasa Indonesia and English. One table
 * per enum, indexed by value: {id, en}. */
#include "kemitraan/dispute.h"

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* anything but ID is English */
}

static const label status_labels[] = {
    { { "diajukan", "filed" } },
    { { "dikonfirmasi", "acknowledged" } },
    { { "negosiasi", "negotiation" } },
    { { "mediasi", "mediation" } },
    { { "tercapai kesepakatan", "settled" } },
    { { "dieskalasi", "escalated" } },
    { { "ditutup", "closed" } },
    { { "dicabut", "withdrawn" } },
    { { "ditolak", "dismissed" } },
};

const char *km_dispute_status_label(int status, int lang)
{
    return pick(status_labels, KM_DISPUTE_STATUS__COUNT, status, lang);
}

static const label category_labels[] = {
    { { "pembayaran", "payment" } },
    { { "kinerja atau penyerahan", "performance or delivery" } },
    { { "ruang lingkup", "scope" } },
    { { "tata kelola dan komunikasi", "governance and communication" } },
    { { "hukum atau kepatuhan", "legal or compliance" } },
    { { "lainnya", "other" } },
};

const char *km_dispute_category_label(int category, int lang)
{
    return pick(category_labels, KM_DISPUTE_CATEGORY__COUNT, category, lang);
}

static const label severity_labels[] = {
    { { "rendah", "low" } },
    { { "sedang", "medium" } },
    { { "tinggi", "high" } },
    { { "kritis", "critical" } },
};

const char *km_dispute_severity_label(int severity, int lang)
{
    return pick(severity_labels, KM_DISPUTE_SEVERITY__COUNT, severity, lang);
}

static const label forum_labels[] = {
    { { "arbitrase", "arbitration" } },
    { { "pengadilan", "court" } },
};

const char *km_dispute_forum_label(int forum, int lang) { return pick(forum_labels, KM_DISPUTE_FORUM__COUNT, forum, lang); }

static const label role_labels[] = {
    { { "pemohon", "claimant" } },
    { { "termohon", "respondent" } },
    { { "mediator", "mediator" } },
    { { "administrator (admin:)", "administrator (admin:)" } },
};

const char *km_dispute_role_label(uint32_t role, int lang)
{
    int i = role == KM_DISPUTE_ROLE_CLAIMANT ? 0 : role == KM_DISPUTE_ROLE_RESPONDENT ? 1
          : role == KM_DISPUTE_ROLE_MEDIATOR ? 2 : role == KM_DISPUTE_ROLE_ADMIN ? 3 : -1;
    return pick(role_labels, 4, i, lang);
}

static const label conflict_labels[] = {
    { { "pihak dalam sengketa", "party to the dispute" } },
    { { "mitra tidak aktif", "partner not active" } },
    { { "jenis mitra tidak diizinkan", "partner kind not allowed" } },
    { { "pihak dalam perjanjian", "party to the agreement" } },
    { { "memiliki perjanjian yang berlaku dengan salah satu pihak", "has an agreement in force with a party" } },
};

const char *km_conflict_label(int conflict, int lang) { return pick(conflict_labels, KM_CONFLICT__COUNT, conflict, lang); }
