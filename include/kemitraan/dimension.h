/**
 * @file dimension.h
 * @brief The five benefit dimensions a partnership is evaluated on.
 *
 * Frameworks require agreements to be evaluated on some of them, agreements
 * declare which ones they will be evaluated on, and the evaluation module
 * scores them. Values are stable: they are stored in the log.
 */
#ifndef KEMITRAAN_DIMENSION_H
#define KEMITRAAN_DIMENSION_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Evaluation (benefit) dimensions. */
typedef enum km_dimension {
    KM_DIMENSION_INNOVATION = 0,     /**< Innovation (inovasi). */
    KM_DIMENSION_EFFICIENCY = 1,     /**< Efficiency (efisiensi). */
    KM_DIMENSION_IMPACT = 2,         /**< Impact (dampak). */
    KM_DIMENSION_SUSTAINABILITY = 3, /**< Sustainability (keberlanjutan). */
    KM_DIMENSION_PUBLIC_TRUST = 4,   /**< Public trust (kepercayaan publik). */
    KM_DIMENSION__COUNT = 5          /**< Number of dimensions (not a dimension). */
} km_dimension;

/** @brief Bit of dimension @p d in a dimension mask (`uint32_t`). */
#define KM_DIMENSION_BIT(d) (1u << (d))
/** @brief Mask with every dimension. */
#define KM_DIMENSION_ALL 0x1Fu

/**
 * @brief Label of a dimension.
 * @param dimension a ::km_dimension.
 * @param lang #KM_LANG_ID or #KM_LANG_EN.
 * @return a static string; "?" for an unknown value.
 */
KM_EXTERN const char *km_dimension_label(int dimension, int lang);

#ifdef __cplusplus
}
#endif

#endif /* KEMITRAAN_DIMENSION_H */
