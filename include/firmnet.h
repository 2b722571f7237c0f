/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet.h
 * @brief Umbrella header of firmnet, a library for the networks between the actors of
 * industrial innovation clusters. Include this one header.
 */
#ifndef FIRMNET_H
#define FIRMNET_H

#include "firmnet/common.h"
#include "firmnet/network.h"
#include "firmnet/table.h"
#include "firmnet/graph.h"
#include "firmnet/summary.h"
#include "firmnet/change.h"
#include "firmnet/embeddedness.h"
#include "firmnet/centrality.h"
#include "firmnet/export.h"
#include "firmnet/draw.h"
#include "firmnet/chart.h"

#endif
