/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/draw.h
 * @brief Network drawings of graph views as SVG (charts of tables: firmnet/chart.h).
 *
 * Every picture (here and in firmnet/chart.h) is a standalone SVG 1.1 file (UTF-8, with
 * fonts that carry Hangul listed first) that browsers, Inkscape and word processors open.
 * Output is deterministic: the same input and seed give a byte-identical file, with
 * coordinates printed at fixed precision in the C locale. Files are written atomically like
 * firmnet_table_write() (a temporary file renamed into place; ".gz" names are gzip-compressed, "-"
 * is standard output).
 *
 * ## Network drawings
 * firmnet_graph_draw() lays a view out with igraph (Fruchterman-Reingold, or DrL for large
 * graphs), then draws:
 * - nodes as circles (`<circle class="node">`, one per drawn actor, with a tooltip naming
 *   the actor) filled by actor `type` (firm, university, research, support, government,
 *   service, other; Okabe-Ito colours);
 * - a dark ring (`<circle class="mc">`) around actors that take part in a mini-cluster
 *   (non-blank `mc`);
 * - node area proportional to a measure the caller gives (e.g. PageRank) or to a numeric
 *   actor attribute; all nodes the same size otherwise;
 * - edges (`<path class="edge">`, one per drawn edge) coloured by layer (a neutral grey for
 *   an edge that merges ties of several layers), wider for larger weights; curved with an
 *   arrowhead in directed views, so that reciprocal ties stay apart;
 * - isolates (actors without edges in the view) in rows below the rest, since force-directed
 *   layouts would push them to the edges of the picture;
 * - labels for the largest nodes (by the size measure, else by degree) that do not cover
 *   each other, a legend (types, the MC ring, layers, the size measure),
 *   a title and a line describing the view.
 */
#ifndef FIRMNET_DRAW_H
#define FIRMNET_DRAW_H

#include "common.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Layout algorithms (both from igraph). */
typedef enum firmnet_layout_algorithm {
    FIRMNET_LAYOUT_AUTO = 0, /**< FR up to 1000 vertices, DrL above */
    FIRMNET_LAYOUT_FR,       /**< Fruchterman-Reingold, 500 iterations (igraph defaults) */
    FIRMNET_LAYOUT_DRL,      /**< DrL (OpenOrd), igraph's default parameters */
} firmnet_layout_algorithm;

/** Parse "auto", "fr" (or "fruchterman-reingold"), "drl". @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_layout_parse(firmnet_layout_algorithm *out, const char *name);

/** Options for network drawings. Zero-initialised fields mean defaults. */
typedef struct firmnet_draw_options {
    unsigned int version;            /**< FIRMNET_DRAW_OPTIONS_VERSION */
    uint64_t seed;                   /**< layout seed: the same seed gives the same picture */
    firmnet_layout_algorithm layout; /**< AUTO by default */
    const char *title;               /**< picture title; NULL: none */
    const double *size_values;       /**< node sizes by this measure, one value per vertex of
                                          the view (e.g. a centrality column); NaN: smallest */
    size_t size_len;                 /**< entries in @ref size_values (the vertex count) */
    const char *size_attribute;      /**< or by this numeric actor attribute (when
                                          size_values is NULL) */
    const char *size_label;          /**< name of the size measure in the legend; NULL: the
                                          attribute's name, or "size" */
    const char *label_attribute;     /**< node labels; NULL: `name`, else the id */
    int labels;                      /**< label the k largest nodes (by size, else degree);
                                          0: all when at most 50 are drawn, else the 20
                                          largest; negative: no labels */
    int width, height;               /**< in pixels; 0: 1000 x 760 */
    int drop_isolates;               /**< non-zero: leave out actors without edges */
} firmnet_draw_options;

#define FIRMNET_DRAW_OPTIONS_VERSION 1
#define FIRMNET_DRAW_OPTIONS_INIT                                                                  \
    {                                                                                              \
        FIRMNET_DRAW_OPTIONS_VERSION, 0, FIRMNET_LAYOUT_AUTO, NULL, NULL, 0, NULL, NULL, NULL, 0,  \
            0, 0, 0                                                                                \
    }

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_draw_options_init(firmnet_draw_options *opts, unsigned int version);

/**
 * Compute the layout a drawing uses: vertex v at (@p xy[2v], @p xy[2v + 1]) in the
 * algorithm's own coordinates (not yet fitted to a picture).
 *
 * Randomness comes from an igraph generator of firmnet's own (MT19937) seeded with
 * @p opts->seed and made igraph's default only during the call; the host's igraph RNG is
 * left as it was. The layout ignores edge weights and directions. Vertices with edges are
 * laid out together; isolates are set in rows below them, spaced like neighbouring nodes.
 *
 * @param xy  receives 2 n numbers; @p len is its length (>= 2 n).
 * @param opts NULL for defaults; only seed and layout are used.
 * @return 0, ::FIRMNET_ERANGE (buffer too small), ::FIRMNET_EINVAL, ::FIRMNET_EIGRAPH,
 *         ::FIRMNET_ENOMEM.
 * Complexity: FR O(500 n^2) (a grid variant, O(500 (n + m)) expected, above 1000
 * vertices); DrL about O(n log n + m).
 */
FIRMNET_API int firmnet_graph_layout(const firmnet_graph *graph, double *xy, size_t len,
                                     const firmnet_draw_options *opts);

/**
 * Draw a graph view as an SVG file (see the file header).
 *
 * @param graph the view; actor attributes (type, mc, name) come from its network.
 * @param path  the output file; "-" for standard output.
 * @param opts  NULL for defaults.
 * @return 0, ::FIRMNET_EINVAL (bad options, size_len not the vertex count),
 *         ::FIRMNET_ENOTFOUND (an unknown attribute), ::FIRMNET_EDATA (a size attribute that
 *         is not numeric), ::FIRMNET_EIO, ::FIRMNET_EIGRAPH, ::FIRMNET_ENOMEM.
 * Complexity: the layout's, plus O(n log n + m) for the drawing.
 */
FIRMNET_API int firmnet_graph_draw(const firmnet_graph *graph, const char *path,
                                   const firmnet_draw_options *opts);

#ifdef __cplusplus
}
#endif

#endif
