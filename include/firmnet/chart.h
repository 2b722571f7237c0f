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
 *
 * Two charts read analysis results directly: firmnet_chart_change() (MC vs non-MC mean
 * change per layer group and stratum, with 95% intervals) and firmnet_chart_embeddedness()
 * (local shares per group, e.g. per cluster). A centrality distribution is
 * firmnet_chart_histogram() of a column of firmnet_centrality()'s table.
 */
#ifndef FIRMNET_CHART_H
#define FIRMNET_CHART_H

#include "change.h"
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

/** What firmnet_chart_change() draws. */
typedef enum firmnet_change_chart {
    /** The mean change of participants and of non-participants side by side, each with the
     * normal-approximation 95% interval mean +- 1.96 sd / sqrt(n) (no whisker below n = 2). */
    FIRMNET_CHANGE_CHART_MEANS = 0,
    /** Their difference (participants minus non-participants: the difference-in-differences)
     * with the percentile bootstrap 95% interval of the comparison (`ci_low`, `ci_high`; no
     * whisker when it ran with no bootstrap replicates). */
    FIRMNET_CHANGE_CHART_DIFF = 1,
} firmnet_change_chart;

/**
 * Chart the group comparison of a wave comparison for one measure: one x-axis group per
 * layer group and stratum of firmnet_change_groups() (in the table's order, labelled
 * "Trade / large", "All layers / all" for stratum `*`; by layer group alone when there is
 * only the stratum `*`, by stratum alone when all rows have one layer group), and per group
 * either the two means (series "MC participants", "non-participants") or their difference,
 * as @p kind says, each with its 95% interval as a whisker (see ::firmnet_change_chart).
 * Marks and whiskers are those of firmnet_chart_grouped(); each tooltip gives the value and
 * the interval.
 *
 * Defaults for NULL fields of @p opts: title "Change in <measure>, <from> to <to>: MC
 * participants vs non-participants" (or "... difference MC - non-MC"), y label "mean change
 * in <measure>" (or "difference in mean change"), x label "layer group / stratum".
 *
 * @param res     a result of firmnet_change().
 * @param path    the output file; "-" for standard output.
 * @param measure a value of the table's `measure` column (e.g. "partners", "degree",
 *                "local_share", a per-wave attribute); NULL: "partners".
 * @param kind    ::FIRMNET_CHANGE_CHART_MEANS or ::FIRMNET_CHANGE_CHART_DIFF.
 * @param opts    NULL for defaults.
 * @return 0, ::FIRMNET_ENOTFOUND (no such measure; the message lists them), ::FIRMNET_EINVAL
 *         (NULL argument, bad kind or options), ::FIRMNET_EDATA (no finite value),
 *         ::FIRMNET_EIO, ::FIRMNET_ENOMEM.
 * Complexity: O(r) for r rows of the group table.
 */
FIRMNET_API int firmnet_chart_change(const firmnet_change_result *res, const char *path,
                                     const char *measure, firmnet_change_chart kind,
                                     const firmnet_chart_options *opts);

/**
 * Chart local embeddedness per group: from a table of firmnet_embeddedness_groups() (e.g. by
 * `cluster`), per group the shares of tie weight within the actor's own value of @p scope,
 * for ties sent (`<scope>_share_out`), received (`_in`) and all ties (`_all`) as three
 * series; when the three agree in every row (undirected views) only "all ties" is drawn.
 * Groups are labelled with their value and size ("Changwon (n = 120)"; `*` is "all actors",
 * a blank value "(blank)"); groups whose shares are all missing are left out.
 *
 * Defaults for NULL fields of @p opts: title "Local embeddedness: share of tie weight within
 * the own <scope>", y label "<scope> share", x label "group". The style is that of @p opts
 * (bars suit shares: the CLI draws bars by default).
 *
 * @param groups a table with a string column `group`, an optional numeric `n_actors` and the
 *               three share columns of @p scope.
 * @param path   the output file; "-" for standard output.
 * @param scope  "cluster", "region" or "mc" (any prefix of `_share_out` columns); NULL:
 *               "cluster".
 * @param opts   NULL for defaults.
 * @return 0, ::FIRMNET_ENOTFOUND (a missing column), ::FIRMNET_EINVAL, ::FIRMNET_EDATA (no
 *         finite share), ::FIRMNET_EIO, ::FIRMNET_ENOMEM.
 * Complexity: O(r) for r rows.
 */
FIRMNET_API int firmnet_chart_embeddedness(const firmnet_table *groups, const char *path,
                                           const char *scope, const firmnet_chart_options *opts);

#ifdef __cplusplus
}
#endif

#endif
