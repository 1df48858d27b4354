/* Labels of every public enum in Bahasa Indonesia and English. One table
 * per enum, indexed by value: {id, en}. */
#include "kemitraan/network.h"
#include "kemitraan/partner.h"

typedef struct label { const char *text[2]; } label;

static const char *pick(const label *t, int count, int v, int lang)
{
    if (v < 0 || v >= count) return "?";
    return t[v].text[lang == KM_LANG_ID ? 0 : 1]; /* like km_strerror_lang: anything but ID is English */
}

static const label entity_labels[] = {
    { { "jaringan", "network" } },
    { { "mitra", "partner" } },
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
