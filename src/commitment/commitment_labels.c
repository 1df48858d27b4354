/* Labels of the commitment enums in Bahasa Indonesia and English, and their
 * IATI 2.03 codes (FinanceType, AidType, TransactionType; see
 * ../shared/standards/iati-2.03/codelists/). One table per enum, indexed by
 * value: {id, en}. */
#include "kemitraan/commitment.h"

#include <stddef.h>

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* anything but ID is English */
}

static const label kind_labels[] = {
    { { "hibah", "grant" } },
    { { "pinjaman", "loan" } },
    { { "bantuan teknis", "technical assistance" } },
    { { "dukungan administratif", "administrative support" } },
    { { "kontribusi natura", "in-kind contribution" } },
    { { "penyertaan modal", "equity" } },
    { { "penjaminan", "guarantee" } },
    { { "dukungan kelayakan", "viability gap funding" } },
    { { "insentif pajak", "tax incentive" } },
};

/* FinanceType: 110 standard grant, 421 standard loan, 510 common equity,
 * 1100 guarantees/insurance, 111 subsidies to national private investors.
 * Technical assistance, administrative support and in-kind contributions
 * are non-repayable: grants in kind (110). Revenue forgone has no code. */
static const int kind_finance_type[] = { 110, 421, 110, 110, 110, 510, 1100, 111, -1 };

const char *km_commitment_kind_label(int kind, int lang)
{
    return pick(kind_labels, KM_COMMITMENT_KIND__COUNT, kind, lang);
}

int km_commitment_kind_iati_finance_type(int kind)
{
    if (kind < 0 || kind >= KM_COMMITMENT_KIND__COUNT) return -1;
    return kind_finance_type[kind];
}

const char *km_commitment_kind_iati_aid_type(int kind)
{
    return kind == KM_COMMITMENT_TECHNICAL_ASSISTANCE ? "D02" : NULL;
}

static const label status_labels[] = {
    { { "dijanjikan", "pledged" } },
    { { "dikomitmenkan", "committed" } },
    { { "sedang dicairkan", "disbursing" } },
    { { "telah dicairkan penuh", "fully disbursed" } },
    { { "ditutup", "closed" } },
    { { "dibatalkan", "cancelled" } },
};

const char *km_commitment_status_label(int status, int lang)
{
    return pick(status_labels, KM_COMMITMENT_STATUS__COUNT, status, lang);
}

static const label type_labels[] = {
    { { "janji", "pledge" } },
    { { "komitmen", "commitment" } },
    { { "pencairan", "disbursement" } },
    { { "belanja", "expenditure" } },
    { { "pembayaran pokok pinjaman", "loan repayment" } },
    { { "pembayaran bunga", "interest payment" } },
    { { "penggantian", "reimbursement" } },
};

/* TransactionType codes, provider's and recipient's side. */
static const int type_iati[] = { 12, 2, 3, 4, 6, 5, 7 };
static const int type_iati_incoming[] = { 13, 11, 1, 4, 6, 5, 1 };

const char *km_ledger_type_label(int type, int lang) { return pick(type_labels, KM_LEDGER_TYPE__COUNT, type, lang); }

int km_ledger_type_iati(int type)
{
    if (type < 0 || type >= KM_LEDGER_TYPE__COUNT) return -1;
    return type_iati[type];
}

int km_ledger_type_iati_incoming(int type)
{
    if (type < 0 || type >= KM_LEDGER_TYPE__COUNT) return -1;
    return type_iati_incoming[type];
}

static const label method_labels[] = {
    { { "anuitas", "annuity" } },
    { { "pokok tetap", "straight line" } },
};

const char *km_loan_method_label(int method, int lang)
{
    return pick(method_labels, KM_LOAN_METHOD__COUNT, method, lang);
}

static const label tranche_labels[] = {
    { { "direncanakan", "planned" } },
    { { "dibatalkan", "cancelled" } },
};

const char *km_tranche_status_label(int status, int lang)
{
    return pick(tranche_labels, KM_TRANCHE_STATUS__COUNT, status, lang);
}

static const label figure_labels[] = {
    { { "dijanjikan", "pledged" } },
    { { "dikomitmenkan", "committed" } },
    { { "dicairkan", "disbursed" } },
    { { "diganti", "reimbursed" } },
    { { "belanja", "expenditure" } },
    { { "pokok dibayar", "principal repaid" } },
    { { "bunga dibayar", "interest paid" } },
    { { "sisa belum dicairkan", "remaining (undisbursed)" } },
    { { "pokok terutang", "outstanding principal" } },
};

const char *km_figure_label(int figure, int lang) { return pick(figure_labels, KM_FIGURE__COUNT, figure, lang); }

static const label group_labels[] = {
    { { "tanpa kelompok", "no grouping" } },
    { { "per komitmen", "per commitment" } },
    { { "per perjanjian", "per agreement" } },
    { { "per pemberi", "per provider" } },
    { { "per penerima", "per recipient" } },
    { { "per jenis komitmen", "per commitment kind" } },
    { { "per kerangka kebijakan", "per framework" } },
    { { "per status komitmen", "per commitment status" } },
};

const char *km_group_label(int group, int lang) { return pick(group_labels, KM_GROUP__COUNT, group, lang); }
