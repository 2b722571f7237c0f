/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/graph.h
 * @brief Graph views: one weighted graph built from a selection of a network's ties.
 *
 * A view selects layers (a selector, see firmnet_layer_selected()), one wave or all waves, and
 * directed or undirected ties. Ties that fall on the same vertex pair inside the selection
 * (the same pair in several layers or waves, or both directions of an undirected view) become
 * one edge whose weight follows the merge rule (sum by default; max, mean, count).
 *
 * Vertices are all actors of the network in actor order, isolates included, so vertex i is
 * actor i and per-actor results of different views line up row for row. Edges are ordered by
 * (source, target) vertex index; in undirected views source < target.
 *
 * A view refers to its network for actor ids and attributes: keep the network alive, and do
 * not add actors to it, while the view is in use. Adding ties does not change an existing view.
 */
#ifndef FIRMNET_GRAPH_H
#define FIRMNET_GRAPH_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque graph view. */
typedef struct firmnet_graph firmnet_graph;

/** What a graph view selects. Zero-initialised fields mean defaults. */
typedef struct firmnet_graph_options {
    unsigned int version; /**< FIRMNET_GRAPH_OPTIONS_VERSION */
    const char *layers;   /**< layer selector; NULL, "" or "all": every layer */
    const char *wave;     /**< one wave by name; NULL: all waves */
    int undirected;       /**< non-zero: ignore tie direction */
    firmnet_merge merge;  /**< SUM (default), MAX, MEAN or COUNT */
} firmnet_graph_options;

#define FIRMNET_GRAPH_OPTIONS_VERSION 1
#define FIRMNET_GRAPH_OPTIONS_INIT {FIRMNET_GRAPH_OPTIONS_VERSION, NULL, NULL, 0, FIRMNET_MERGE_SUM}

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL (NULL
 * @p opts, unknown version). */
FIRMNET_API int firmnet_graph_options_init(firmnet_graph_options *opts, unsigned int version);

/**
 * Build a graph view of @p net.
 * @param out  receives the view; the caller releases it with firmnet_graph_free().
 * @param net  the network; it must outlive the view.
 * @param opts NULL for defaults (all layers, all waves, directed, sum).
 * @return 0, ::FIRMNET_ENOTFOUND (a wave or selector name that matches nothing),
 *         ::FIRMNET_EINVAL (NULL @p out or @p net, unknown options version, merge rule FIRST,
 *         ERROR or out of range), ::FIRMNET_EDATA (a merged edge weight overflows to
 *         infinity), ::FIRMNET_ENOMEM, ::FIRMNET_EIGRAPH.
 * Complexity: O(n + m) time and memory for n actors and m ties.
 */
FIRMNET_API int firmnet_graph_new(firmnet_graph **out, const firmnet_network *net,
                                  const firmnet_graph_options *opts);

/** Release a view. Accepts NULL. */
FIRMNET_API void firmnet_graph_free(firmnet_graph *graph);

/** The network a view was built from (NULL for NULL). */
FIRMNET_API const firmnet_network *firmnet_graph_network(const firmnet_graph *graph);

/** Number of vertices (= actors of the network when the view was built; 0 for NULL). O(1). */
FIRMNET_API size_t firmnet_graph_vertex_count(const firmnet_graph *graph);
/** Number of edges after merging (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_graph_edge_count(const firmnet_graph *graph);
/** 1 for a directed view, 0 for an undirected one (and for NULL). */
FIRMNET_API int firmnet_graph_is_directed(const firmnet_graph *graph);

/** The actor id of vertex @p v (owned by the network), or NULL when out of range or
 * @p graph is NULL. */
FIRMNET_API const char *firmnet_graph_vertex_id(const firmnet_graph *graph, size_t v);

/**
 * Copy the edges: @p from, @p to and @p weight (each may be NULL) must hold @p len >= edge
 * count entries. @return 0, ::FIRMNET_ERANGE (@p len too small) or ::FIRMNET_EINVAL (NULL
 * @p graph). Complexity: O(edges).
 */
FIRMNET_API int firmnet_graph_edges(const firmnet_graph *graph, int64_t *from, int64_t *to,
                                    double *weight, size_t len);

#ifdef __cplusplus
}
#endif

#endif
