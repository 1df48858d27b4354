/* Shared fixture for the commitment, ledger and loan tests, on top of the
 * agreement fixture: an active agreement between the government (provider)
 * and the business (recipient), and short helpers for commitments and
 * ledger entries. Header-only with static functions. */
#ifndef KM_TESTS_COMMITMENT_FIXTURE_H
#define KM_TESTS_COMMITMENT_FIXTURE_H

#include "agreement_fixture.h"

/* An active PPP agreement between FX_GOV and FX_BIZ, plus FX_NGO as a
 * beneficiary party (so three partners can provide or receive). */
FX_UNUSED static uint64_t cf_agreement(km_network *net, const char *reference)
{
    uint64_t id = fx_create(net, reference);
    if (km_agreement_add_party(net, id, FX_NGO, KM_ROLE_BENEFICIARY, NULL) != 0 ||
        km_agreement_propose(net, id, NULL) != 0 || km_agreement_sign(net, id, FX_GOV) != 0 ||
        km_agreement_sign(net, id, FX_BIZ) != 0 || km_agreement_sign(net, id, FX_NGO) != 0 ||
        km_agreement_activate(net, id, NULL) != 0) {
        fprintf(stderr, "fixture: agreement: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

FX_UNUSED static void cf_fields(km_commitment_fields *f, uint64_t agreement, int kind, int64_t amount,
                                const char *currency)
{
    km_commitment_fields init = KM_COMMITMENT_FIELDS_INIT;
    *f = init;
    f->agreement_id = agreement;
    f->provider_id = FX_GOV;
    f->recipient_id = FX_BIZ;
    f->kind = kind;
    f->title = "Hibah pembangunan SPAM";
    f->amount = amount;
    f->currency = currency;
}

/* A money commitment from FX_GOV to FX_BIZ; aborts on failure. */
FX_UNUSED static uint64_t cf_money(km_network *net, uint64_t agreement, int kind, int64_t amount,
                                   const char *currency)
{
    km_commitment_fields f;
    uint64_t id = 0;
    cf_fields(&f, agreement, kind, amount, currency);
    if (km_commitment_create(&id, net, &f) != 0) {
        fprintf(stderr, "fixture: commitment: %s\n", km_error_last_message(KM_LANG_EN));
        abort();
    }
    return id;
}

/* Records a ledger entry in the commitment's currency (or unit when
 * currency is NULL); returns the code, *tx the id (tx may be NULL). */
FX_UNUSED static int cf_tx(km_network *net, uint64_t id, int type, int64_t amount, const char *currency,
                           const char *date, uint32_t tranche, uint64_t *tx)
{
    km_ledger_fields f = KM_LEDGER_FIELDS_INIT;
    f.type = type;
    f.amount = amount;
    f.currency = currency;
    f.value_date = date;
    f.tranche = tranche;
    return km_ledger_record(tx, net, id, &f);
}

FX_UNUSED static int cf_status(km_network *net, uint64_t id)
{
    km_commitment *c = NULL;
    int s;
    if (km_commitment_get(&c, net, id) != 0) return -1;
    s = km_commitment_status_of(c);
    km_commitment_free(c);
    return s;
}

FX_UNUSED static int64_t cf_figure(km_network *net, uint64_t id, int figure)
{
    km_commitment *c = NULL;
    int64_t v;
    if (km_commitment_get(&c, net, id) != 0) return -1;
    v = km_commitment_figure(c, figure);
    km_commitment_free(c);
    return v;
}

FX_UNUSED static int cf_tranche(km_network *net, uint64_t id, const char *date, int64_t amount, uint32_t *number)
{
    km_tranche_fields f = KM_TRANCHE_FIELDS_INIT;
    f.planned_date = date;
    f.amount = amount;
    return km_tranche_add(number, net, id, &f);
}

#endif
