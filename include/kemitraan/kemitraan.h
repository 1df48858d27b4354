/**
 * @file kemitraan.h
 * @brief Umbrella header: include this to get the whole public API.
 *
 * kemitraan is an embeddable library for partnership networks (jaringan
 * kerja kemitraan). See README.md and docs/architecture.md.
 */
#ifndef KEMITRAAN_H
#define KEMITRAAN_H

#include "common.h"
#include "version.h"
#include "sys/storage.h"
#include "network.h"
#include "file.h"
#include "partner.h"
#include "audit.h"
#include "graph.h"
#include "view.h"
#include "match.h"
#include "money.h"
#include "dimension.h"
#include "agreement.h"
#include "framework.h"
#include "opportunity.h"
#include "indicator.h"
#include "scorecard.h"
#include "commitment.h"
#include "dispute.h"

#endif /* KEMITRAAN_H */
