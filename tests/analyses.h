/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The analyses that the hardening tests run on a loaded network:
 * - test_alloc.c makes every allocation of loading plus each analysis fail in turn;
 * - test_threads.c runs them in several threads at once (also under ThreadSanitizer) and
 *   compares with a serial run;
 * - valgrind (tests/valgrind.py) covers the example programs instead.
 *
 * Covering a new analysis by all of them is one line in FIRMNET_TEST_ANALYSES:
 *
 *     X(name, flags, call)
 *
 * where `call` is an expression of type int (0 or a firmnet_error) that fills a table and may
 * use these names:
 *     firmnet_table **out           where the result table goes (the caller frees it)
 *     const firmnet_network *net    the loaded network
 *     const firmnet_graph *view     a directed view of all layers and waves (sum)
 *     const firmnet_graph *uview    an undirected view of layers "trade,rnd" in the first
 *                                   wave, parallel ties merged by max
 * An analysis with options passes a compound literal or a static options struct, e.g.
 *     X(betweenness, 0, firmnet_centrality(out, view, &(firmnet_centrality_options){...}))
 * and one that returns something other than a table wraps it in a small static function
 * above the list.
 *
 * flags: 0, or ANALYSIS_OPENMP for an analysis that reaches igraph code parallelised with
 * OpenMP (PageRank through PRPACK): Debian's igraph links libgomp, whose threads
 * ThreadSanitizer cannot see, so the TSan build skips those (see doc/hardening.md).
 */
#ifndef FIRMNET_TEST_ANALYSES_H
#define FIRMNET_TEST_ANALYSES_H

#include <firmnet.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ANALYSIS_OPENMP 1

/* Centrality options with a measure list (one per thread: the tests run in threads). */
static inline const firmnet_centrality_options *centrality_options(const char *measures)
{
    static _Thread_local firmnet_centrality_options o;
    firmnet_centrality_options_init(&o, FIRMNET_CENTRALITY_OPTIONS_VERSION);
    o.measures = measures;
    return &o;
}

/* Every centrality measure except PageRank (PRPACK runs on OpenMP threads). */
#define NO_PAGERANK                                                                           \
    "degree_in,degree_out,degree,strength_in,strength_out,strength,betweenness,closeness,"     \
    "harmonic,eigenvector,hub,authority,coreness,clustering,clustering_weighted"

/* firmnet_change() has its own allocation test (test_change_alloc.c) and needs two waves and
 * many permutations; export and drawing write files and have theirs (test_export_alloc.c). */
#define FIRMNET_TEST_ANALYSES(X)                                                             \
    X(summary, 0, firmnet_summary(out, net))                                                 \
    X(actors_table, 0, firmnet_network_actors_table(out, net))                               \
    X(ties_table, 0, firmnet_network_ties_table(out, net))                                   \
    X(centrality, 0, firmnet_centrality(out, view, centrality_options(NO_PAGERANK)))         \
    X(centrality_undirected, 0,                                                              \
      firmnet_centrality(out, uview, centrality_options(NO_PAGERANK)))                       \
    X(pagerank, ANALYSIS_OPENMP, firmnet_centrality(out, view, centrality_options("pagerank"))) \
    X(centralization, 0, firmnet_centralization(out, view, NULL))                            \
    X(embeddedness, 0, firmnet_embeddedness(out, view, NULL))                                \
    X(embeddedness_groups, 0, firmnet_embeddedness_groups(out, view, "type", NULL))          \
    X(ei, 0, firmnet_ei(out, view, "cluster", NULL))                                         \
    X(ei_actors, 0, firmnet_ei_actors(out, uview, "cluster", NULL))                          \
    X(brokerage, 0, firmnet_brokerage(out, view, "cluster", NULL))                           \
    X(brokerage_global, 0, firmnet_brokerage_global(out, view, "cluster", NULL))

/* One analysis: a name, flags, and a function that runs it on a loaded network. */
typedef struct test_analysis {
    const char *name;
    int flags;
    int (*run)(firmnet_table **out, const firmnet_network *net, const firmnet_graph *view,
               const firmnet_graph *uview);
} test_analysis;

#define TEST_ANALYSIS_FN(name, flags, call)                                                  \
    static int analysis_##name(firmnet_table **out, const firmnet_network *net,               \
                               const firmnet_graph *view, const firmnet_graph *uview)        \
    {                                                                                        \
        (void)net;                                                                           \
        (void)view;                                                                          \
        (void)uview;                                                                         \
        return (call);                                                                       \
    }
FIRMNET_TEST_ANALYSES(TEST_ANALYSIS_FN)
#undef TEST_ANALYSIS_FN

#define TEST_ANALYSIS_ENTRY(name, flags, call) {#name, flags, analysis_##name},
static const test_analysis test_analyses[] = {FIRMNET_TEST_ANALYSES(TEST_ANALYSIS_ENTRY)};
#undef TEST_ANALYSIS_ENTRY
#define TEST_NANALYSES (sizeof test_analyses / sizeof *test_analyses)

/* The views the analyses get, built from @p net. Returns 0 or the error of the first view. */
static inline int test_analysis_views(const firmnet_network *net, firmnet_graph **view,
                                      firmnet_graph **uview)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    int rc;
    *view = *uview = NULL;
    rc = firmnet_graph_new(view, net, &o);
    if (rc < 0) {
        return rc;
    }
    o.layers = "trade,rnd";
    o.wave = firmnet_network_wave_name(net, 0);
    o.undirected = 1;
    o.merge = FIRMNET_MERGE_MAX;
    rc = firmnet_graph_new(uview, net, &o);
    if (rc < 0) {
        firmnet_graph_free(*view);
        *view = NULL;
    }
    return rc;
}

/* Whether two tables are identical: same columns, types, strings, and numbers bit for bit
 * (NaN equals NaN). On a difference, describes it in @p why. */
static inline int test_tables_equal(const firmnet_table *a, const firmnet_table *b, char *why,
                                    size_t size)
{
    if (firmnet_table_nrows(a) != firmnet_table_nrows(b) ||
        firmnet_table_ncols(a) != firmnet_table_ncols(b)) {
        snprintf(why, size, "shape %zux%zu vs %zux%zu", firmnet_table_nrows(a),
                 firmnet_table_ncols(a), firmnet_table_nrows(b), firmnet_table_ncols(b));
        return 0;
    }
    for (size_t c = 0; c < firmnet_table_ncols(a); c++) {
        if (strcmp(firmnet_table_column_name(a, c), firmnet_table_column_name(b, c)) != 0 ||
            firmnet_table_column_type(a, c) != firmnet_table_column_type(b, c)) {
            snprintf(why, size, "column %zu", c);
            return 0;
        }
        for (size_t r = 0; r < firmnet_table_nrows(a); r++) {
            if (firmnet_table_column_type(a, c) == FIRMNET_COLUMN_STRING) {
                if (strcmp(firmnet_table_get_string(a, c, r), firmnet_table_get_string(b, c, r))) {
                    snprintf(why, size, "column %s row %zu: '%s' vs '%s'",
                             firmnet_table_column_name(a, c), r,
                             firmnet_table_get_string(a, c, r), firmnet_table_get_string(b, c, r));
                    return 0;
                }
            } else {
                double x = firmnet_table_get_double(a, c, r), y = firmnet_table_get_double(b, c, r);
                if (!(x == y || (isnan(x) && isnan(y)))) {
                    snprintf(why, size, "column %s row %zu: %.17g vs %.17g",
                             firmnet_table_column_name(a, c), r, x, y);
                    return 0;
                }
            }
        }
    }
    return 1;
}

#endif
