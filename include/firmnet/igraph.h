/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/igraph.h
 * @brief Direct access to the igraph objects behind a graph view, for C programs that call
 * igraph themselves. Not included by firmnet.h: include it explicitly (it needs igraph's
 * headers, which `pkg-config --cflags firmnet` provides).
 *
 * ## Using igraph next to firmnet
 * Debian's igraph 0.10 keeps its error handler, warning handler and RNG in process globals.
 * Every firmnet function that calls igraph (or GSL) takes a process-wide lock, installs
 * firmnet's own handlers (which record the message instead of aborting or printing) and
 * restores the host's handlers before it returns; firmnet never changes the host's igraph
 * RNG or attribute table. A host that calls igraph from several threads while firmnet runs
 * must hold the same lock around its own igraph calls: firmnet_igraph_lock() and
 * firmnet_igraph_unlock(). The lock is recursive.
 */
#ifndef FIRMNET_IGRAPH_H
#define FIRMNET_IGRAPH_H

#include <igraph.h>

#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The igraph graph of a view: vertex i is actor i. Owned by the view and read-only; valid
 * until firmnet_graph_free(). NULL for a NULL @p graph.
 */
FIRMNET_API const igraph_t *firmnet_graph_igraph(const firmnet_graph *graph);

/** The edge weights of a view, in igraph edge order. Owned by the view and read-only; NULL for
 * a NULL @p graph. */
FIRMNET_API const igraph_vector_t *firmnet_graph_weights(const firmnet_graph *graph);

/** Take firmnet's process-wide igraph lock (recursive). */
FIRMNET_API void firmnet_igraph_lock(void);

/** Release the lock taken by firmnet_igraph_lock(). A call without a matching
 * firmnet_igraph_lock() in the same thread is ignored. */
FIRMNET_API void firmnet_igraph_unlock(void);

#ifdef __cplusplus
}
#endif

#endif
