/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/summary.h
 * @brief A descriptive overview of a network per wave and layer group.
 */
#ifndef FIRMNET_SUMMARY_H
#define FIRMNET_SUMMARY_H

#include "common.h"
#include "network.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Describe @p net per wave and layer group.
 *
 * Layer groups are `all`, every parent of a dotted layer name ("service" for
 * "service.finance"), and every layer, in byte order after `all`; waves in wave order. Each
 * row is one directed view of that wave and layer group (parallel ties summed) with columns:
 * - `wave`, `layer`;
 * - `actors`: actors with at least one tie in the view; `firm`, `university`, `research`,
 *   `support`, `government`, `service`, `other`: those actors by type (`other`: any other or
 *   blank type);
 * - `ties`: edges of the view; `weight`: their total weight;
 * - `density`: ties / (n (n - 1)) over all n actors of the network;
 * - `reciprocity`: share of ties whose reverse tie exists (igraph_reciprocity, default mode);
 * - `components`: weakly connected components among the actors with ties; `isolates`: actors
 *   of the network without a tie in the view;
 * - `mean_degree`: mean number of ties (in + out) per actor with ties (2 ties / actors);
 * - `cluster_share`: of the ties whose source has a `cluster` and whose target has a known
 *   location (a cluster or a region), the share whose target is in the source's cluster
 *   (NaN when there are none).
 *
 * @param out receives the table (caller frees with firmnet_table_free()).
 * @return 0, ::FIRMNET_EINVAL (NULL argument), ::FIRMNET_EDATA (a merged weight overflows),
 *         ::FIRMNET_ENOMEM, ::FIRMNET_EIGRAPH.
 * Complexity: O(W G (n + m)) for W waves and G layer groups.
 */
FIRMNET_API int firmnet_summary(firmnet_table **out, const firmnet_network *net);

#ifdef __cplusplus
}
#endif

#endif
