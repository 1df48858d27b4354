/**
 * @file money.h
 * @brief Exact money: ISO 4217 currencies, their minor units, and display
 *        formatting in Bahasa Indonesia and English.
 *
 * The library never uses floating point for money. An amount is an
 * `int64_t` count of the currency's minor unit (sen, cents, ...) together
 * with its ISO 4217 alphabetic code: `123456789` `"IDR"` is Rp1.234.567,89.
 * The number of minor-unit digits follows ISO 4217: 2 for most currencies
 * (IDR included: ISO 4217 lists IDR with 2 digits even though sen are not in
 * use), 0 for BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF
 * XPF, 3 for BHD IQD JOD KWD LYD OMR TND and 4 for CLF UYW. The library's
 * table covers every active code of the IATI 2.03 Currency codelist.
 */
#ifndef KEMITRAAN_MONEY_H
#define KEMITRAAN_MONEY_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A buffer of this many bytes holds any km_money_format() result. */
#define KM_MONEY_FORMAT_MAX 48

/**
 * @brief Number of minor-unit digits of an ISO 4217 currency.
 * @param code a three-letter upper-case ISO 4217 code such as `"IDR"`.
 * @return 0..4, or #KM_EINVAL when @p code is NULL or not a known code.
 */
KM_EXTERN int km_currency_digits(const char *code);

/**
 * @brief Formats an amount for display.
 *
 * Indonesian (#KM_LANG_ID) groups thousands with `.` and separates decimals
 * with `,`; English (#KM_LANG_EN) uses `,` and `.`. IDR is prefixed with the
 * symbol `Rp` and no space in both languages (`Rp1.234.567,89`,
 * `Rp1,234,567.89`); every other currency with its ISO code and a space
 * (`USD 1.234,56`, `USD 1,234.56`). Negative amounts start with `-`
 * (`-Rp5.000,00`). Currencies with 0 minor digits have no decimal part.
 * @param[out] out receives the NUL-terminated UTF-8 text.
 * @param cap size of @p out in bytes (#KM_MONEY_FORMAT_MAX is always enough).
 * @param minor the amount in minor units.
 * @param currency the ISO 4217 code.
 * @param lang #KM_LANG_ID or #KM_LANG_EN (anything else is English).
 * @return 0; #KM_EINVAL (NULL @p out, unknown currency); #KM_ERANGE
 *         (@p cap too small: @p out then holds an empty string).
 */
KM_EXTERN int km_money_format(char *out, size_t cap, int64_t minor, const char *currency, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_MONEY_H */
