/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gould-Fernandez brokerage against R's sna::brokerage() (tests/fixtures/make_brokerage.R)
 * and a path counted by hand. */
#include "test.h"

static firmnet_network *load(const char *actors, const char *ties)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path(actors), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path(ties), NULL, NULL), 0);
    return net;
}

static firmnet_graph *view(const firmnet_network *net, const char *wave, const char *layers,
                           int undirected)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    o.wave = wave;
    o.layers = layers;
    o.undirected = undirected;
    CHECK_INT(firmnet_graph_new(&g, net, &o), 0);
    return g;
}

/* Compare the actor and global tables with brokerage_<name>.csv and brokerage_<name>_global.csv. */
static void check_case(const firmnet_graph *g, const char *attribute, firmnet_blank blank,
                       const char *name, size_t want_actor_values)
{
    firmnet_brokerage_options o = FIRMNET_BROKERAGE_OPTIONS_INIT;
    firmnet_table *t = NULL, *gt = NULL;
    char path[256];
    o.blank = blank;
    CHECK_INT(firmnet_brokerage(&t, g, attribute, &o), 0);
    CHECK_INT(firmnet_brokerage_global(&gt, g, attribute, &o), 0);
    if (t == NULL || gt == NULL) {
        firmnet_table_free(t);
        firmnet_table_free(gt);
        return;
    }
    snprintf(path, sizeof path, "tests/data/embeddedness/brokerage_%s.csv", name);
    size_t k = test_compare_fixture(t, test_path(path), "id", 1e-9);
    CHECK(k >= want_actor_values);
    snprintf(path, sizeof path, "tests/data/embeddedness/brokerage_%s_global.csv", name);
    CHECK_INT(test_compare_fixture(gt, test_path(path), "role", 1e-9), 24);
    firmnet_table_free(t);
    firmnet_table_free(gt);
}

static double cell(const firmnet_table *t, const char *col, size_t row)
{
    size_t c;
    if (firmnet_table_column_index(&c, t, col) < 0) {
        return NAN;
    }
    return firmnet_table_get_double(t, c, row);
}

static const char *scell(const firmnet_table *t, const char *col, size_t row)
{
    size_t c;
    if (firmnet_table_column_index(&c, t, col) < 0) {
        return NULL;
    }
    return firmnet_table_get_string(t, c, row);
}

/* A path i -> j -> k of each kind, counted by hand. */
static void test_by_hand(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL;
    const char *names[] = {"type"};
    /* groups: a1 a2 a3 in x; b1 b2 in y; c1 in z */
    const char *ids[] = {"a1", "a2", "a3", "b1", "b2", "c1"};
    const char *grp[] = {"x", "x", "x", "y", "y", "z"};
    CHECK_INT(firmnet_network_new(&net), 0);
    for (int i = 0; i < 6; i++) {
        CHECK_INT(firmnet_network_add_actor(net, ids[i], 1, names, &grp[i]), 0);
    }
    const char *ties[][2] = {{"a1", "a2"}, {"a2", "a3"}, {"a2", "b1"}, {"a3", "b1"},
                             {"b1", "a1"}, {"b1", "b2"}, {"b1", "c1"}};
    for (int k = 0; k < 7; k++) {
        CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, ties[k][0], ties[k][1], 1, NULL, NULL),
                  0);
    }
    g = view(net, NULL, NULL, 0);
    CHECK_INT(firmnet_brokerage(&t, g, "type", NULL), 0);
    /* a1 (row 0): b1 -> a1 -> a2, a gatekeeper (a1 is in a2's group, b1 is not) */
    CHECK_NEAR(cell(t, "gatekeeper", 0), 1, 0);
    CHECK_NEAR(cell(t, "total", 0), 1, 0);
    /* a2 (row 1): a1 -> a2 -> a3 coordinator, a1 -> a2 -> b1 representative */
    CHECK_NEAR(cell(t, "coordinator", 1), 1, 0);
    CHECK_NEAR(cell(t, "representative", 1), 1, 0);
    CHECK_NEAR(cell(t, "total", 1), 2, 0);
    /* b1 (row 3): from a2 and a3 (neither tied to a1, b2, c1) to a1 itinerant, to b2
     * gatekeeper, to c1 liaison */
    CHECK_NEAR(cell(t, "itinerant", 3), 2, 0);
    CHECK_NEAR(cell(t, "gatekeeper", 3), 2, 0);
    CHECK_NEAR(cell(t, "liaison", 3), 2, 0);
    CHECK_NEAR(cell(t, "coordinator", 3), 0, 0);
    CHECK_NEAR(cell(t, "total", 3), 6, 0);
    /* a3 (row 2): a2 -> a3 -> b1 closed by a2 -> b1: not brokered */
    CHECK_NEAR(cell(t, "total", 2), 0, 0);
    CHECK_STR(scell(t, "group", 4), "y");
    {
        /* Gould and Fernandez's expectations from the density 7 / (6 * 5) */
        double d = 7.0 / 30, c = d * d * (1 - d);
        CHECK_NEAR(cell(t, "expected_coordinator", 0), c * 2 * 1, 1e-12);
        CHECK_NEAR(cell(t, "expected_itinerant", 0), c * (2 * 1 + 0), 1e-12);
        CHECK_NEAR(cell(t, "expected_representative", 3), c * (6 - 2) * 1, 1e-12);
        CHECK_NEAR(cell(t, "expected_liaison", 5), c * (5 * 5 - (9 + 4)), 1e-12);
        CHECK_NEAR(cell(t, "expected_total", 5), c * 5 * 4, 1e-12);
    }
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

static void test_errors(const firmnet_graph *g)
{
    firmnet_table *t = NULL;
    firmnet_brokerage_options o;
    CHECK_INT(firmnet_brokerage(&t, g, "nonesuch", NULL), FIRMNET_ENOTFOUND);
    CHECK_ERR("nonesuch");
    CHECK_ERR("type");
    CHECK_INT(firmnet_brokerage(&t, g, NULL, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_brokerage(NULL, g, "type", NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_brokerage_options_init(&o, 0), FIRMNET_EINVAL);
    CHECK_INT(firmnet_brokerage_options_init(&o, FIRMNET_BROKERAGE_OPTIONS_VERSION), 0);
    o.version = 99;
    CHECK_INT(firmnet_brokerage(&t, g, "type", &o), FIRMNET_EINVAL);
    o.version = FIRMNET_BROKERAGE_OPTIONS_VERSION;
    o.blank = (firmnet_blank)7;
    CHECK_INT(firmnet_brokerage_global(&t, g, "type", &o), FIRMNET_EINVAL);
    CHECK(t == NULL);
}

int main(void)
{
    firmnet_network *demo = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_network *small =
        load("tests/data/embeddedness/small_actors.csv", "tests/data/embeddedness/small_ties.csv");
    firmnet_graph *g;

    g = view(demo, "2005", "trade", 0);
    check_case(g, "type", FIRMNET_BLANK_GROUP, "demo_trade_2005_type", 351 * 12);
    check_case(g, "mc", FIRMNET_BLANK_GROUP, "demo_trade_2005_mc", 351 * 18);
    check_case(g, "mc", FIRMNET_BLANK_EXCLUDE, "demo_trade_2005_mc_excl", 100);
    check_case(g, "mc?", FIRMNET_BLANK_GROUP, "demo_trade_2005_mcq", 351 * 18);
    {
        /* excluded actors (no MC) have NaN rows and a blank group */
        firmnet_brokerage_options o = FIRMNET_BROKERAGE_OPTIONS_INIT;
        firmnet_table *t = NULL;
        o.blank = FIRMNET_BLANK_EXCLUDE;
        CHECK_INT(firmnet_brokerage(&t, g, "mc", &o), 0);
        CHECK_STR(scell(t, "id", 0), "CW001");
        CHECK_STR(scell(t, "group", 0), "");
        CHECK(isnan(cell(t, "total", 0)));
        CHECK(isnan(cell(t, "z_total", 0)));
        CHECK_STR(scell(t, "group", 2), "Changwon-Automotive");
        CHECK(!isnan(cell(t, "total", 2)));
        firmnet_table_free(t);
    }
    test_errors(g);
    firmnet_graph_free(g);

    g = view(demo, "2005", NULL, 0);
    check_case(g, "type", FIRMNET_BLANK_GROUP, "demo_2005_type", 351 * 12);
    firmnet_graph_free(g);

    g = view(small, "w1", NULL, 0);
    check_case(g, "type", FIRMNET_BLANK_GROUP, "small_w1_type", 9 * 12);
    {
        /* nobody has a tech value: every row is empty, the global counts are 0 */
        firmnet_brokerage_options o = FIRMNET_BROKERAGE_OPTIONS_INIT;
        firmnet_table *t = NULL;
        o.blank = FIRMNET_BLANK_EXCLUDE;
        CHECK_INT(firmnet_brokerage(&t, g, "tech", &o), 0);
        CHECK(isnan(cell(t, "total", 0)) && isnan(cell(t, "z_total", 8)));
        firmnet_table_free(t);
        CHECK_INT(firmnet_brokerage_global(&t, g, "tech", &o), 0);
        CHECK_NEAR(cell(t, "observed", 5), 0, 0);
        firmnet_table_free(t);
    }
    firmnet_graph_free(g);
    g = view(small, NULL, NULL, 1);
    check_case(g, "type", FIRMNET_BLANK_GROUP, "small_all_undirected_type", 9 * 12);
    firmnet_graph_free(g);

    test_by_hand();
    firmnet_network_free(demo);
    firmnet_network_free(small);
    return test_done();
}
