/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Public API misuse: every public function of the foundation headers (common.h, network.h,
 * graph.h, table.h, summary.h, igraph.h) called with NULL handles, NULL pointers, invalid
 * enum values, bad option versions and out-of-range indices. Each call must return the
 * documented error (or NULL / 0 / NaN for accessors), set a message, write no output and
 * not crash; run under ASan/UBSan in CI.
 */
#include <firmnet.h>
#include <firmnet/igraph.h>

#include <math.h>
#include <stdint.h>
#include <unistd.h>

#include "test.h"

static const char ties[] = "wave,layer,source,target,weight\n2005,trade,A,B,2\n2005,rnd,B,C,1\n";

/* The call failed with @p code, left a message, and did not touch the sentinel output. */
#define CHECK_FAILS(call, code)                                                              \
    do {                                                                                     \
        CHECK_INT((call), (code));                                                           \
        CHECK_INT(firmnet_last_error_code(), (code));                                        \
        CHECK(firmnet_last_error()[0] != '\0');                                              \
    } while (0)

static void marker_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)reason;
    (void)file;
    (void)line;
    (void)err;
}

static void test_common(void)
{
    CHECK_STR(firmnet_strerror(FIRMNET_ENOMEM), "out of memory");
    CHECK_STR(firmnet_strerror(12345), "unknown error");
    CHECK_STR(firmnet_strerror(INT32_MIN), "unknown error");
    CHECK_STR(firmnet_version(), FIRMNET_VERSION_STRING);
    CHECK(firmnet_last_error() != NULL);
    /* an unbalanced unlock is ignored: the lock still installs firmnet's igraph handler */
    firmnet_igraph_unlock();
    firmnet_igraph_lock();
    firmnet_igraph_lock();
    firmnet_igraph_unlock();
    firmnet_igraph_unlock();
    firmnet_igraph_unlock();
    igraph_error_handler_t *host = igraph_set_error_handler(marker_handler), *h;
    firmnet_igraph_lock();
    h = igraph_set_error_handler(igraph_error_handler_abort);
    CHECK(h != marker_handler && h != igraph_error_handler_abort);
    igraph_set_error_handler(h);
    firmnet_igraph_unlock();
    CHECK(igraph_set_error_handler(host) == marker_handler);
}

static void test_network_api(void)
{
    firmnet_network *net = NULL;
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_load_report rep;
    firmnet_merge rule = FIRMNET_MERGE_MAX;
    size_t idx = 777, s = 7, t = 7;
    const char *names[1] = {"type"}, *values[1] = {"firm"};
    const char *bad_names[1] = {NULL};

    /* options and merge rules */
    CHECK_FAILS(firmnet_read_options_init(NULL, FIRMNET_READ_OPTIONS_VERSION), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_read_options_init(&ro, 0), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_read_options_init(&ro, FIRMNET_READ_OPTIONS_VERSION + 1), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_merge_parse(NULL, "sum"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_merge_parse(&rule, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_merge_parse(&rule, ""), FIRMNET_EINVAL);
    CHECK_INT(rule, FIRMNET_MERGE_MAX);
    CHECK(firmnet_merge_name((firmnet_merge)-1) == NULL);
    CHECK(firmnet_merge_name((firmnet_merge)6) == NULL);

    CHECK_FAILS(firmnet_network_new(NULL), FIRMNET_EINVAL);
    firmnet_network_free(NULL);

    /* NULL network */
    CHECK_FAILS(firmnet_network_read_actors(NULL, "x.csv", NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_ties(NULL, "x.csv", NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_actors_buffer(NULL, "id\nA\n", 5, NULL, NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_ties_buffer(NULL, ties, sizeof ties - 1, NULL, NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_actor(NULL, "A", 0, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_tie(NULL, NULL, NULL, "A", "B", 1, NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_INT(firmnet_network_actor_count(NULL), 0);
    CHECK_INT(firmnet_network_tie_count(NULL), 0);
    CHECK_INT(firmnet_network_wave_count(NULL), 0);
    CHECK_INT(firmnet_network_layer_count(NULL), 0);
    CHECK(firmnet_network_actor_id(NULL, 0) == NULL);
    CHECK_FAILS(firmnet_network_actor_index(&idx, NULL, "A"), FIRMNET_EINVAL);
    CHECK(firmnet_network_wave_name(NULL, 0) == NULL);
    CHECK(firmnet_network_layer_name(NULL, 0) == NULL);
    CHECK_INT(firmnet_network_attribute_count(NULL), 0);
    CHECK(firmnet_network_attribute_name(NULL, 0) == NULL);
    CHECK_FAILS(firmnet_network_attribute_is_numeric(NULL, "type"), FIRMNET_EINVAL);
    CHECK(firmnet_network_actor_attribute(NULL, 0, "type") == NULL);
    CHECK_FAILS(firmnet_network_tie(NULL, 0, &s, &t, NULL, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_check_selector(NULL, "trade"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_load_report(NULL, &rep), FIRMNET_EINVAL);
    CHECK_INT(firmnet_layer_selected("trade", NULL), 0);
    CHECK_INT(firmnet_layer_selected(NULL, "trade"), 1);

    CHECK_INT(firmnet_network_new(&net), 0);
    /* NULL paths, buffers and strings */
    CHECK_FAILS(firmnet_network_read_actors(net, NULL, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_ties(net, NULL, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_ties_buffer(net, NULL, 10, "t", NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_read_actors_buffer(net, NULL, 10, "a", NULL, NULL),
                FIRMNET_EINVAL);
    /* NULL with length 0 is an empty input */
    CHECK_FAILS(firmnet_network_read_ties_buffer(net, NULL, 0, "t", NULL, NULL), FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_actor(net, NULL, 0, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_actor(net, "A", 1, NULL, values), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_actor(net, "A", 1, names, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_actor(net, "A", 1, bad_names, values), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_actor(net, "", 0, NULL, NULL), FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_actor(net, "A\xff", 0, NULL, NULL), FIRMNET_EDATA);
    values[0] = "\xc3(";
    CHECK_FAILS(firmnet_network_add_actor(net, "A", 1, names, values), FIRMNET_EDATA);
    values[0] = "firm";
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, NULL, "B", 1, NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, "A", NULL, 1, NULL, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_tie(net, "", NULL, "A", "B", 1, NULL, NULL), FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, "", "A", "B", 1, NULL, NULL), FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, "w\xff", NULL, "A", "B", 1, NULL, NULL),
                FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, "l\xff", "A", "B", 1, NULL, NULL),
                FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, "A", "B", NAN, NULL, NULL),
                FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, "A", "B", -INFINITY, NULL, NULL),
                FIRMNET_EDATA);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, "A", "B", 0, NULL, NULL),
                FIRMNET_EDATA);
    /* invalid options */
    ro.version = 0;
    CHECK_FAILS(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", &ro, NULL),
                FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_add_tie(net, NULL, NULL, "A", "B", 1, &ro, NULL), FIRMNET_EINVAL);
    ro.version = FIRMNET_READ_OPTIONS_VERSION;
    ro.duplicates = (firmnet_merge)42;
    CHECK_FAILS(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", &ro, NULL),
                FIRMNET_EINVAL);
    ro.duplicates = (firmnet_merge)-1;
    CHECK_FAILS(firmnet_network_read_ties(net, "x.csv", &ro, NULL), FIRMNET_EINVAL);
    /* nothing of the above was added */
    CHECK_INT(firmnet_network_actor_count(net), 0);
    CHECK_INT(firmnet_network_tie_count(net), 0);

    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    /* NULL and out-of-range arguments to accessors */
    CHECK(firmnet_network_actor_id(net, 3) == NULL);
    CHECK(firmnet_network_actor_id(net, SIZE_MAX) == NULL);
    CHECK_FAILS(firmnet_network_actor_index(NULL, net, "A"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_actor_index(&idx, net, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_actor_index(&idx, net, "Z"), FIRMNET_ENOTFOUND);
    CHECK_INT(idx, 777);
    CHECK(firmnet_network_wave_name(net, 1) == NULL);
    CHECK(firmnet_network_layer_name(net, 2) == NULL);
    CHECK(firmnet_network_layer_name(net, SIZE_MAX) == NULL);
    CHECK(firmnet_network_attribute_name(net, 8) == NULL);
    CHECK_FAILS(firmnet_network_attribute_is_numeric(net, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_attribute_is_numeric(net, "nope"), FIRMNET_ENOTFOUND);
    CHECK(firmnet_network_actor_attribute(net, 3, "type") == NULL);
    CHECK(firmnet_network_actor_attribute(net, 0, NULL) == NULL);
    CHECK(firmnet_network_actor_attribute(net, 0, "nope") == NULL);
    CHECK_FAILS(firmnet_network_tie(net, 2, &s, &t, NULL, NULL, NULL), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_network_tie(net, SIZE_MAX, &s, &t, NULL, NULL, NULL), FIRMNET_ERANGE);
    CHECK_INT(s, 7);
    CHECK_INT(firmnet_network_tie(net, 1, NULL, NULL, NULL, NULL, NULL), 0);
    CHECK_FAILS(firmnet_network_load_report(net, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_check_selector(net, "nope"), FIRMNET_ENOTFOUND);
    CHECK_INT(firmnet_network_check_selector(net, NULL), 0);
    CHECK_INT(firmnet_network_check_selector(net, " , ,"), 0);
    CHECK_INT(firmnet_network_tie_count(net), 2);
    firmnet_network_free(net);
}

static void test_graph_api(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = (firmnet_graph *)&g; /* a sentinel that must not be overwritten */
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    int64_t from[2], to[2];
    double w[2];

    CHECK_FAILS(firmnet_graph_options_init(NULL, FIRMNET_GRAPH_OPTIONS_VERSION), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_graph_options_init(&go, 0), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_graph_options_init(&go, 99), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_options_init(&go, FIRMNET_GRAPH_OPTIONS_VERSION), 0);
    CHECK_FAILS(firmnet_graph_new(NULL, NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_graph_new(&g, NULL, NULL), FIRMNET_EINVAL);
    firmnet_graph_free(NULL);
    CHECK(firmnet_graph_network(NULL) == NULL);
    CHECK_INT(firmnet_graph_vertex_count(NULL), 0);
    CHECK_INT(firmnet_graph_edge_count(NULL), 0);
    CHECK_INT(firmnet_graph_is_directed(NULL), 0);
    CHECK(firmnet_graph_vertex_id(NULL, 0) == NULL);
    CHECK_FAILS(firmnet_graph_edges(NULL, from, to, w, 2), FIRMNET_EINVAL);
    CHECK(firmnet_graph_igraph(NULL) == NULL);
    CHECK(firmnet_graph_weights(NULL) == NULL);

    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    CHECK_FAILS(firmnet_graph_new(NULL, net, NULL), FIRMNET_EINVAL);
    go.version = 0;
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_EINVAL);
    go.version = 2;
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_EINVAL);
    go.version = FIRMNET_GRAPH_OPTIONS_VERSION;
    go.merge = FIRMNET_MERGE_FIRST;
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_EINVAL);
    go.merge = (firmnet_merge)-3;
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_EINVAL);
    go.merge = FIRMNET_MERGE_SUM;
    go.wave = "1999";
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_ENOTFOUND);
    go.wave = NULL;
    go.layers = "trade,nope";
    CHECK_FAILS(firmnet_graph_new(&g, net, &go), FIRMNET_ENOTFOUND);
    CHECK(g == (firmnet_graph *)&g);
    go.layers = NULL;
    CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
    CHECK(firmnet_graph_vertex_id(g, 3) == NULL);
    CHECK(firmnet_graph_vertex_id(g, SIZE_MAX) == NULL);
    CHECK_FAILS(firmnet_graph_edges(g, from, to, w, 1), FIRMNET_ERANGE);
    CHECK_INT(firmnet_graph_edges(g, NULL, NULL, NULL, 2), 0);
    CHECK_INT(firmnet_graph_edges(g, from, NULL, w, 2), 0);
    CHECK(firmnet_graph_igraph(g) != NULL);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

static void test_table_api(void)
{
    firmnet_table *t = (firmnet_table *)&t;
    size_t col = 99;
    double d[3] = {1, 2, 3}, out[3];
    const char *s[3] = {"a", NULL, "c"};
    char path[4096];

    CHECK_FAILS(firmnet_table_new(NULL, 3), FIRMNET_EINVAL);
    firmnet_table_free(NULL);
    CHECK_INT(firmnet_table_nrows(NULL), 0);
    CHECK_INT(firmnet_table_ncols(NULL), 0);
    CHECK(firmnet_table_column_name(NULL, 0) == NULL);
    CHECK_FAILS(firmnet_table_column_type(NULL, 0), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_column_index(&col, NULL, "x"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_add_double(NULL, "x", d), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_add_string(NULL, "x", s), FIRMNET_EINVAL);
    CHECK(isnan(firmnet_table_get_double(NULL, 0, 0)));
    CHECK(firmnet_table_get_string(NULL, 0, 0) == NULL);
    CHECK_FAILS(firmnet_table_get_doubles(NULL, 0, out, 3), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_set_double(NULL, 0, 0, 1), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_set_string(NULL, 0, 0, "x"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_write(NULL, "-", FIRMNET_FORMAT_CSV), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_read(NULL, "x.csv"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_read(&t, NULL), FIRMNET_EINVAL);
    CHECK(t == (firmnet_table *)&t);
    CHECK_FAILS(firmnet_network_actors_table(NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_actors_table(&t, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_network_ties_table(&t, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_summary(NULL, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_summary(&t, NULL), FIRMNET_EINVAL);
    CHECK(t == (firmnet_table *)&t);

    /* a table with more rows than memory can hold: columns fail with ENOMEM, no overflow */
    CHECK_INT(firmnet_table_new(&t, SIZE_MAX / 2), 0);
    CHECK_FAILS(firmnet_table_add_double(t, "x", NULL), FIRMNET_ENOMEM);
    CHECK_FAILS(firmnet_table_add_string(t, "s", NULL), FIRMNET_ENOMEM);
    CHECK_INT(firmnet_table_ncols(t), 0);
    firmnet_table_free(t);

    CHECK_INT(firmnet_table_new(&t, 3), 0);
    CHECK_FAILS(firmnet_table_add_double(t, NULL, d), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_add_double(t, "", d), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_add_string(t, NULL, s), FIRMNET_EINVAL);
    CHECK_INT(firmnet_table_add_double(t, "x", d), 0);
    CHECK_INT(firmnet_table_add_string(t, "s", s), 0);
    CHECK_FAILS(firmnet_table_add_double(t, "x", d), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_add_string(t, "s", NULL), FIRMNET_EINVAL);
    CHECK(firmnet_table_column_name(t, 2) == NULL);
    CHECK(firmnet_table_column_name(t, SIZE_MAX) == NULL);
    CHECK_FAILS(firmnet_table_column_type(t, 2), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_column_index(NULL, t, "x"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_column_index(&col, t, NULL), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_column_index(&col, t, "y"), FIRMNET_ENOTFOUND);
    CHECK_INT(col, 99);
    CHECK(isnan(firmnet_table_get_double(t, 0, 3)));
    CHECK(isnan(firmnet_table_get_double(t, 1, 0)));
    CHECK(isnan(firmnet_table_get_double(t, SIZE_MAX, SIZE_MAX)));
    CHECK(firmnet_table_get_string(t, 1, 3) == NULL);
    CHECK(firmnet_table_get_string(t, 0, 0) == NULL);
    CHECK_STR(firmnet_table_get_string(t, 1, 1), "");
    CHECK_FAILS(firmnet_table_get_doubles(t, 0, out, 2), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_get_doubles(t, 0, NULL, 3), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_get_doubles(t, 1, out, 3), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_get_doubles(t, 2, out, 3), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_set_double(t, 0, 3, 1), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_set_double(t, 2, 0, 1), FIRMNET_ERANGE);
    CHECK_FAILS(firmnet_table_set_double(t, 1, 0, 1), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_set_string(t, 0, 0, "x"), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_set_string(t, 1, SIZE_MAX, "x"), FIRMNET_ERANGE);
    CHECK_INT(firmnet_table_set_string(t, 1, 0, NULL), 0);
    CHECK_STR(firmnet_table_get_string(t, 1, 0), "");
    CHECK_FAILS(firmnet_table_write(t, NULL, FIRMNET_FORMAT_CSV), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_write(t, "-", (firmnet_format)17), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_write(t, "-", (firmnet_format)-1), FIRMNET_EINVAL);
    CHECK_FAILS(firmnet_table_write(t, "", FIRMNET_FORMAT_CSV), FIRMNET_EIO);
    snprintf(path, sizeof path, "%s/tests", TEST_SRCDIR);
    CHECK_FAILS(firmnet_table_write(t, path, FIRMNET_FORMAT_CSV), FIRMNET_EIO);
    CHECK_FAILS(firmnet_table_read(&t, path), FIRMNET_EIO);
    CHECK_FAILS(firmnet_table_read(&t, ""), FIRMNET_EIO);
    CHECK_INT(firmnet_table_nrows(t), 3);
    firmnet_table_free(t);
}

/* The call fails cleanly: a negative code that is also the last error, and a message. */
#define CHECK_REJECTS(call)                                                                  \
    do {                                                                                     \
        int rc_ = (call);                                                                    \
        CHECK(rc_ < 0);                                                                      \
        CHECK_INT(firmnet_last_error_code(), rc_);                                           \
        CHECK(firmnet_last_error()[0] != '\0');                                              \
    } while (0)

/*
 * The analysis headers merged after the foundation (centrality, embeddedness, change, export,
 * draw, chart): NULL handles, NULL outputs, NULL or unknown names, out-of-range enums. Only
 * "fails cleanly" is checked here; each function's codes are in its own header and tests.
 */
static void test_analysis_api(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_table *t = (firmnet_table *)&t;
    firmnet_change_result *res = (firmnet_change_result *)&res;
    double xy[8];
    char path[4200];

    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    snprintf(path, sizeof path, "%s/tests/no-such-dir/x.svg", TEST_SRCDIR);

    CHECK_REJECTS(firmnet_centrality_options_init(NULL, FIRMNET_CENTRALITY_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_centrality(NULL, g, NULL));
    CHECK_REJECTS(firmnet_centrality(&t, NULL, NULL));
    CHECK_REJECTS(firmnet_centralization(NULL, g, NULL));
    CHECK_REJECTS(firmnet_centralization(&t, NULL, NULL));
    CHECK_REJECTS(firmnet_centrality_measures_check("nope"));
    CHECK(firmnet_centrality_measure_name(firmnet_centrality_measure_count()) == NULL);
    CHECK_REJECTS(firmnet_weights_parse(NULL, "inverse"));
    CHECK_REJECTS(firmnet_weights_parse((firmnet_weights *)xy, NULL));
    CHECK(firmnet_weights_name((firmnet_weights)77) == NULL);
    CHECK_REJECTS(firmnet_mode_parse(NULL, "out"));
    CHECK(firmnet_mode_name((firmnet_mode)-1) == NULL);
    CHECK_REJECTS(firmnet_betweenness_method_parse(NULL, "exact"));
    CHECK(firmnet_betweenness_method_name((firmnet_betweenness_method)9) == NULL);

    CHECK_REJECTS(firmnet_embeddedness_options_init(NULL, FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_embeddedness(NULL, g, NULL));
    CHECK_REJECTS(firmnet_embeddedness(&t, NULL, NULL));
    CHECK_REJECTS(firmnet_embeddedness_groups(&t, g, NULL, NULL));
    CHECK_REJECTS(firmnet_embeddedness_groups(&t, g, "nope", NULL));
    CHECK_REJECTS(firmnet_embeddedness_groups(NULL, g, "type", NULL));
    CHECK_REJECTS(firmnet_ei_options_init(NULL, FIRMNET_EI_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_ei(&t, g, NULL, NULL));
    CHECK_REJECTS(firmnet_ei(&t, NULL, "type", NULL));
    CHECK_REJECTS(firmnet_ei(NULL, g, "type", NULL));
    CHECK_REJECTS(firmnet_ei_actors(&t, g, NULL, NULL));
    CHECK_REJECTS(firmnet_ei_actors(&t, g, "nope", NULL));
    CHECK_REJECTS(firmnet_brokerage_options_init(NULL, FIRMNET_BROKERAGE_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_brokerage(&t, g, NULL, NULL));
    CHECK_REJECTS(firmnet_brokerage(&t, NULL, "type", NULL));
    CHECK_REJECTS(firmnet_brokerage_global(&t, g, "nope", NULL));
    CHECK_REJECTS(firmnet_brokerage_global(NULL, g, "type", NULL));
    CHECK(t == (firmnet_table *)&t);

    CHECK_REJECTS(firmnet_change_options_init(NULL, FIRMNET_CHANGE_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_change(NULL, net, NULL));
    CHECK_REJECTS(firmnet_change(&res, NULL, NULL));
    CHECK_REJECTS(firmnet_change(&res, net, NULL)); /* one wave */
    CHECK(res == (firmnet_change_result *)&res);
    firmnet_change_result_free(NULL);
    CHECK(firmnet_change_actors(NULL) == NULL);
    CHECK(firmnet_change_groups(NULL) == NULL);
    CHECK(firmnet_change_ties(NULL) == NULL);
    (void)firmnet_change_summary_text(NULL);
    (void)firmnet_change_from(NULL);
    (void)firmnet_change_to(NULL);
    CHECK_INT(firmnet_change_panel_size(NULL), 0);

    CHECK_REJECTS(firmnet_export_format_parse(NULL, "graphml"));
    CHECK_REJECTS(firmnet_export_format_parse((firmnet_export_format *)xy, NULL));
    CHECK(firmnet_export_format_name((firmnet_export_format)99) == NULL);
    CHECK_REJECTS(firmnet_export_format_from_name(NULL, "x.graphml"));
    CHECK_REJECTS(firmnet_export_format_from_name((firmnet_export_format *)xy, NULL));
    CHECK_REJECTS(firmnet_export_options_init(NULL, FIRMNET_EXPORT_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_graph_export(NULL, "-", FIRMNET_EXPORT_GRAPHML, NULL));
    CHECK_REJECTS(firmnet_graph_export(g, NULL, FIRMNET_EXPORT_GRAPHML, NULL));
    CHECK_REJECTS(firmnet_graph_export(g, "-", (firmnet_export_format)99, NULL));
    CHECK_REJECTS(firmnet_graph_export_partition(NULL, "x.clu", "type", NULL));
    CHECK_REJECTS(firmnet_graph_export_partition(g, NULL, "type", NULL));
    CHECK_REJECTS(firmnet_graph_export_partition(g, "-", NULL, NULL));
    CHECK_REJECTS(firmnet_layout_parse(NULL, "fr"));
    CHECK_REJECTS(firmnet_draw_options_init(NULL, FIRMNET_DRAW_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_graph_layout(NULL, xy, 8, NULL));
    CHECK_REJECTS(firmnet_graph_layout(g, NULL, 8, NULL));
    CHECK_REJECTS(firmnet_graph_layout(g, xy, 1, NULL));
    CHECK_REJECTS(firmnet_graph_draw(NULL, "-", NULL));
    CHECK_REJECTS(firmnet_graph_draw(g, NULL, NULL));
    CHECK_REJECTS(firmnet_graph_draw(g, path, NULL));
    CHECK_REJECTS(firmnet_chart_options_init(NULL, FIRMNET_CHART_OPTIONS_VERSION));
    CHECK_REJECTS(firmnet_chart_grouped(NULL, "-", "g", NULL, "v", NULL, NULL, NULL));
    CHECK_REJECTS(firmnet_chart_histogram(NULL, "-", "v", NULL));
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

int main(void)
{
    test_common();
    test_analysis_api();
    test_network_api();
    test_graph_api();
    test_table_api();
    return test_done();
}
