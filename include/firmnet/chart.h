/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/chart.h
 * @brief Charts of result tables as SVG: grouped dot or bar charts with interval whiskers,
 * and histograms.
 *
 * firmnet_chart_grouped() draws one value per row of a ::firmnet_table with optional
 * interval whiskers, grouped along the x axis by one or more columns and coloured by a
 * series column (e.g. the mean change of MC and non-MC actors with 95% intervals per layer
 * and stratum). firmnet_chart_histogram() draws the distribution of a numeric column (e.g.
 * a centrality). Files are written as firmnet_graph_draw() writes them: standalone SVG 1.1,
 * byte-identical for the same input, atomically replaced, ".gz" compressed, "-" standard
 * output.
 */
#ifndef FIRMNET_CHART_H
#define FIRMNET_CHART_H

#include "common.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Chart styles for firmnet_chart_grouped(). */
typedef enum firmnet_chart_style {
    FIRMNET_CHART_DOTS = 0, /**< a dot per value (with whiskers: a dot-and-interval plot) */
    FIRMNET_CHART_BARS,     /**< a bar from zero per value */
} firmnet_chart_style;

/** Options for charts. Zero-initialised fields mean defaults. */
typedef struct firmnet_chart_options {
    unsigned int version;      /**< FIRMNET_CHART_OPTIONS_VERSION */
    const char *title;         /**< NULL: none */
    const char *x_label;       /**< NULL: the group (histogram: value) column's name */
    const char *y_label;       /**< NULL: the value column's name (histogram: "count") */
    int width, height;         /**< in pixels; 0: 760 x 480 */
    firmnet_chart_style style; /**< grouped charts: DOTS (default) or BARS */
    int bins;                  /**< histograms: number of bins; 0: Sturges' rule */
} firmnet_chart_options;

#define FIRMNET_CHART_OPTIONS_VERSION 1
#define FIRMNET_CHART_OPTIONS_INIT                                                                 \
    {                                                                                              \
        FIRMNET_CHART_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, FIRMNET_CHART_DOTS, 0               \
    }

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_chart_options_init(firmnet_chart_options *opts, unsigned int version);

/**
 * A grouped dot or bar chart with interval whiskers, from the rows of @p table.
 *
 * Each row with a finite @p value becomes one mark (`<circle class="mark">` or
 * `<rect class="mark">`) and, when @p low and @p high are given and finite, one whisker
 * (`<path class="whisker">`). Marks are grouped along the x axis by the @p group columns
 * (a comma-separated list of column names, string or numeric; a group is labelled with its
 * values joined by " / "), in order of first appearance, and placed side by side within a
 * group by the @p series column (NULL: one series), coloured with a legend. A dashed line
 * marks zero when the axis spans it.
 *
 * @param table the data; it is not changed.
 * @param path  the output file; "-" for standard output.
 * @param group column list for the x axis.
 * @param series column for colours, or NULL.
 * @param value numeric column to draw.
 * @param low, high numeric columns with interval bounds, or both NULL.
 * @param opts NULL for defaults.
 * @return 0, ::FIRMNET_ENOTFOUND (a missing column), ::FIRMNET_EINVAL (a string value, low
 *         or high column; only one of low and high), ::FIRMNET_EDATA (no finite value),
 *         ::FIRMNET_EIO, ::FIRMNET_ENOMEM.
 * Complexity: O(r g) for r rows and g groups.
 */
FIRMNET_API int firmnet_chart_grouped(const firmnet_table *table, const char *path,
                                      const char *group, const char *series, const char *value,
                                      const char *low, const char *high,
                                      const firmnet_chart_options *opts);

/**
 * A histogram of the finite values of numeric column @p value of @p table: equal-width bins
 * from the smallest to the largest value (the last bin includes its upper edge), one
 * `<rect class="bar">` per bin, with the number of values (and of missing values) noted.
 *
 * @return 0, ::FIRMNET_ENOTFOUND, ::FIRMNET_EINVAL (a string column, bins < 0),
 *         ::FIRMNET_EDATA (no finite value), ::FIRMNET_EIO, ::FIRMNET_ENOMEM.
 * Complexity: O(r + bins).
 */
FIRMNET_API int firmnet_chart_histogram(const firmnet_table *table, const char *path,
                                        const char *value, const firmnet_chart_options *opts);

#ifdef __cplusplus
}
#endif

#endif
