/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/export.h
 * @brief Writing graph views for other network programs: GraphML, GEXF 1.3 and Pajek.
 *
 * Every format carries the vertices of a view (all actors, isolates included, unless
 * ::firmnet_export_options.drop_isolates is set) with their actor attributes, and the edges
 * of the view with three edge attributes:
 * - `weight`: the view's edge weight (after its merge rule);
 * - `layer`: the layers of the ties the edge merges, in byte order, joined with ";"
 *   ("rnd;trade");
 * - `wave`: the waves of those ties, in wave order, joined with ";" ("2005;2007").
 *
 * Formats:
 * - **GraphML** (`.graphml`): numeric actor attributes (see
 *   firmnet_network_attribute_is_numeric()) are declared `double`, the others `string`;
 *   blank values are left out. Node ids are actor ids. networkx (read_graphml), igraph
 *   (Graph.Read_GraphML) and Gephi read it back with the same nodes, edges and attributes.
 * - **GEXF 1.3** (`.gexf`): the same attributes, node labels (`name`, or the id when the name
 *   is blank, or the attribute ::firmnet_export_options.label names). When the view spans
 *   several waves the graph is dynamic: each edge has one spell per wave it occurs in
 *   (`<spell start="2005" end="2005"/>`) and a dynamic `wave_weight` attribute with its
 *   weight in that wave (the ties of that wave merged by the view's rule), so Gephi's
 *   timeline plays the change. Wave names that are all integers (years) are the times, with
 *   timeformat "integer"; otherwise numbers with timeformat "double"; otherwise the wave's
 *   position 1, 2, ... in wave order (the `wave` attribute keeps the names).
 * - **Pajek** (`.net`): `*Vertices n`, one line `k "label"` per vertex (the actor id unless
 *   ::firmnet_export_options.label names an attribute), then `*Arcs` (directed views) or
 *   `*Edges` (undirected) with `source target weight`. Pajek has no escape for `"`, so a
 *   double quote in a label is written as `'`. Files whose labels are not all ASCII start with
 *   a UTF-8 byte-order mark, which Pajek needs to read UTF-8 labels but igraph's and
 *   networkx's Pajek readers reject (see ::firmnet_export_options.no_bom); with the default
 *   labels (actor ids) this happens only for non-ASCII ids. Attributes other than the label
 *   go to a partition file with firmnet_graph_export_partition().
 *
 * Text is UTF-8; XML-special characters are escaped, and control characters that XML 1.0
 * cannot carry (other than tab and line ends) become U+FFFD. Numbers are written in the
 * shortest form that reads back to the same double, whatever the host's locale.
 */
#ifndef FIRMNET_EXPORT_H
#define FIRMNET_EXPORT_H

#include "common.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Export formats. */
typedef enum firmnet_export_format {
    FIRMNET_EXPORT_AUTO = 0, /**< from the file name: .graphml, .gexf, .net (each maybe .gz) */
    FIRMNET_EXPORT_GRAPHML,
    FIRMNET_EXPORT_GEXF,
    FIRMNET_EXPORT_PAJEK,
} firmnet_export_format;

/**
 * Parse a format name: "graphml", "gexf", "pajek" or "net" (case-insensitive); "auto".
 * @return 0, or ::FIRMNET_EINVAL naming the formats.
 */
FIRMNET_API int firmnet_export_format_parse(firmnet_export_format *out, const char *name);

/** The lower-case name of a format ("graphml", "gexf", "pajek", "auto"), or NULL. */
FIRMNET_API const char *firmnet_export_format_name(firmnet_export_format format);

/**
 * The format a file name asks for: .graphml (also .xml), .gexf, .net (also .paj), each
 * optionally followed by .gz; case-insensitive.
 * @return 0, or ::FIRMNET_EINVAL when the name ends otherwise (the message lists the
 *         extensions).
 */
FIRMNET_API int firmnet_export_format_from_name(firmnet_export_format *out, const char *path);

/** Export options. Zero-initialised fields mean defaults. */
typedef struct firmnet_export_options {
    unsigned int version;    /**< FIRMNET_EXPORT_OPTIONS_VERSION */
    const char *attributes;  /**< comma-separated actor attributes to write; NULL or "all":
                                  every attribute; "none": no attribute */
    const char *label;       /**< attribute used as node label (GEXF, Pajek); NULL: see the
                                  file header. Blank values fall back to the actor id. */
    int drop_isolates;       /**< non-zero: leave out vertices without edges in the view */
    const char *description; /**< GEXF meta description and GraphML graph description;
                                  NULL: one naming the view's layers and waves */
    int no_bom;              /**< Pajek: never write a byte-order mark, even for non-ASCII
                                  labels (igraph and networkx cannot read one; Pajek then
                                  shows such labels garbled) */
} firmnet_export_options;

#define FIRMNET_EXPORT_OPTIONS_VERSION 1
#define FIRMNET_EXPORT_OPTIONS_INIT                                                                \
    {                                                                                              \
        FIRMNET_EXPORT_OPTIONS_VERSION, NULL, NULL, 0, NULL, 0                                     \
    }

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_export_options_init(firmnet_export_options *opts, unsigned int version);

/**
 * Write a graph view to a file.
 *
 * The file is written under a temporary name in the same folder and renamed into place, so a
 * failure never leaves a partial file; a name ending in ".gz" is gzip-compressed; "-" writes
 * to standard output (then @p format cannot be AUTO).
 *
 * @param graph  the view; its network supplies actor ids and attributes.
 * @param path   the output file.
 * @param format a format, or ::FIRMNET_EXPORT_AUTO to take it from @p path.
 * @param opts   NULL for defaults.
 * @return 0, ::FIRMNET_EINVAL (no format for the name, bad options), ::FIRMNET_ENOTFOUND (an
 *         attribute in @p opts that the network lacks), ::FIRMNET_EIO (naming the path and
 *         the system's reason), ::FIRMNET_ENOMEM.
 * Complexity: O(n a + M log m) time for n actors with a attributes, M ties of the network and
 * m edges of the view; O(n + M) memory besides the output buffer.
 */
FIRMNET_API int firmnet_graph_export(const firmnet_graph *graph, const char *path,
                                     firmnet_export_format format,
                                     const firmnet_export_options *opts);

/**
 * Write a Pajek partition (`.clu`) of the vertices of @p graph by actor attribute
 * @p attribute, numbered as firmnet_graph_export() numbers them in a `.net` file with the
 * same @p opts (drop_isolates).
 *
 * A numeric attribute whose values are all integers is written as is. Any other attribute
 * is coded 1, 2, ... in byte order of its distinct values (numerically for numbers), and
 * the file starts with `%` comment lines giving the codes ("% 1 = firm"). Blank values are 0.
 *
 * @return as firmnet_graph_export(), ::FIRMNET_ENOTFOUND for an unknown attribute.
 * Complexity: O(n log n).
 */
FIRMNET_API int firmnet_graph_export_partition(const firmnet_graph *graph, const char *path,
                                               const char *attribute,
                                               const firmnet_export_options *opts);

#ifdef __cplusplus
}
#endif

#endif
