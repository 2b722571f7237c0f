/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/report.h
 * @brief One self-contained HTML report of a network: overview, top actors, embeddedness by
 * cluster, the MC vs non-MC comparison between two waves, and network drawings.
 *
 * firmnet_report_write() runs the analyses and writes a single HTML file with inline CSS and
 * inline SVG pictures: no external resource, no script. Its sections have fixed ids, so that
 * links and tests can find them:
 *
 * - `overview`: firmnet_summary() for the selected waves (every layer group it lists);
 * - `top-actors`: per layer group and wave, the top actors by PageRank and by normalized
 *   betweenness (firmnet_centrality() with default weights: distance = 1 / weight), with
 *   their type, cluster and mini-cluster; histograms of PageRank for the last layer group;
 * - `embeddedness`: per wave, firmnet_embeddedness_groups() by `cluster` on the selected
 *   layers, as a table and a chart (firmnet_chart_embeddedness());
 * - `change`: firmnet_change() between the first and the last selected wave: its
 *   plain-language sentences, the charts of firmnet_chart_change() (both means, and the
 *   difference), the group comparison of the chart measure and the tie change table;
 * - `drawings`: firmnet_graph_draw() of every layer group in every wave (actors without ties
 *   left out, node size by PageRank).
 *
 * The page states the options it was made with (waves, layer groups, permutations, bootstrap
 * replicates, seed). All text is HTML-escaped. The file is also well-formed XML (XHTML
 * syntax: every element closed, attributes quoted, numeric character references only), so XML
 * tools can read it. The same network and options give a byte-identical file (no date or
 * host name is written).
 */
#ifndef FIRMNET_REPORT_H
#define FIRMNET_REPORT_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of firmnet_report_write(). Initialise with FIRMNET_REPORT_OPTIONS_INIT or
 * firmnet_report_options_init(): zero is a valid, non-default value for some fields. */
typedef struct firmnet_report_options {
    unsigned int version; /**< FIRMNET_REPORT_OPTIONS_VERSION */
    const char *title;    /**< page title; NULL: "Network report" */
    /** Waves, comma-separated, reported in wave order; NULL or "": every wave. The change
     * section compares the first and the last of them (it needs two). */
    const char *waves;
    /** Layer groups as firmnet_change_options::layers: comma-separated selectors, '+' joins
     * layers into one group; NULL or "": every top-level layer name, then "all". */
    const char *layers;
    unsigned int top;             /**< actors listed per ranking; default 10 (at most 1000) */
    unsigned int permutations;    /**< change: relabellings for p-values; default 999 (the
                                       firmnet-change default is 9999) */
    unsigned int bootstrap;       /**< change: bootstrap replicates; default 1000 */
    uint64_t seed;                /**< change permutations and bootstrap, drawing layouts;
                                       default 1 */
    const char *measure;          /**< change measure charted and tabled; NULL: "partners" */
    firmnet_progress_fn progress; /**< optional; called per step ("report") */
    void *progress_payload;       /**< passed to @ref progress */
} firmnet_report_options;

#define FIRMNET_REPORT_OPTIONS_VERSION 1
#define FIRMNET_REPORT_OPTIONS_INIT                                                                \
    {                                                                                              \
        FIRMNET_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, 10, 999, 1000, 1, NULL, NULL, NULL       \
    }

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_report_options_init(firmnet_report_options *opts, unsigned int version);

/**
 * Write the HTML report of @p net to @p path (see the file header).
 *
 * The page is built in memory and then written like a result table: to a temporary file
 * renamed into place (a failure leaves no file), ".gz" compressed, "-" standard output.
 *
 * @param net  the network; it is not changed or retained.
 * @param path the output file.
 * @param opts NULL for defaults.
 * @return 0; ::FIRMNET_EINVAL (NULL argument, bad options); ::FIRMNET_ENOTFOUND (a wave or
 *         layer that does not exist); ::FIRMNET_EDATA (a network without ties);
 *         ::FIRMNET_ECANCEL (the progress callback asked to stop); ::FIRMNET_EIO;
 *         ::FIRMNET_EIGRAPH; ::FIRMNET_ENOMEM.
 * Complexity: that of the analyses it runs: for W waves and G layer groups, W G centralities
 * (O(n m) betweenness) and layouts (O(500 n^2)), W embeddedness tables, and one
 * firmnet_change() with the given permutations and bootstrap replicates.
 * Thread-safety: as the analyses (firmnet's igraph/GSL lock is held while they compute).
 */
FIRMNET_API int firmnet_report_write(const firmnet_network *net, const char *path,
                                     const firmnet_report_options *opts);

#ifdef __cplusplus
}
#endif

#endif
