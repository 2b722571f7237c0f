/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Local, structural and relational embeddedness: Burt's measures against networkx and igraph
 * (tests/fixtures/make_embeddedness.py), local and relational measures on the small graph of
 * tests/data/embeddedness/small_*.csv worked by hand. */
#include <firmnet/igraph.h>
#include <stdint.h>

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

static double cell(const firmnet_table *t, const char *col, size_t row)
{
    size_t c;
    if (firmnet_table_column_index(&c, t, col) < 0) {
        fprintf(stderr, "no column %s\n", col);
        return -12345;
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

/* Burt's measures, clustering and coreness against burt_<name>_<weighting>.csv. */
static void check_burt(const firmnet_graph *g, const char *name, size_t nactors)
{
    for (int unweighted = 0; unweighted <= 1; unweighted++) {
        firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
        firmnet_table *t = NULL;
        char path[256];
        o.measures = FIRMNET_EMBEDDEDNESS_STRUCTURAL;
        o.unweighted = unweighted;
        CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
        if (t == NULL) {
            continue;
        }
        CHECK_INT(firmnet_table_ncols(t), 7);
        snprintf(path, sizeof path, "tests/data/embeddedness/burt_%s_%s.csv", name,
                 unweighted ? "unweighted" : "weighted");
        CHECK_INT(test_compare_fixture(t, test_path(path), "id", 1e-9), nactors * 6);
        firmnet_table_free(t);
    }
}

enum { A, B, C, D, E, F, G, H, I };

/* Local shares on the small graph, wave w1, directed (worked out in doc comments below). */
static void test_local_small(const firmnet_network *small)
{
    firmnet_graph *g = view(small, "w1", NULL, 0);
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.measures = FIRMNET_EMBEDDEDNESS_LOCAL;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_INT(firmnet_table_ncols(t), 1 + 24);
    CHECK_STR(firmnet_table_column_name(t, 1), "cluster_share_out");
    CHECK_STR(firmnet_table_column_name(t, 4), "cluster_share_out_n");
    CHECK_STR(firmnet_table_column_name(t, 13), "mc_share_out");
    CHECK_STR(firmnet_table_column_name(t, 19), "unknown_out");
    CHECK_STR(firmnet_table_column_name(t, 24), "unknown_all_n");
    /* A sends 3 to B (C1 R1 M1), 3 to C (C1 R1, no MC), 1 to G (location unknown) and
     * receives 1 from B, 1 from C, 2 from E (C2 R2 M2) */
    CHECK_NEAR(cell(t, "cluster_share_out", A), 1, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_out_n", A), 1, 1e-15);
    CHECK_NEAR(cell(t, "unknown_out", A), 1, 1e-15);
    CHECK_NEAR(cell(t, "unknown_out_n", A), 1, 1e-15);
    CHECK_NEAR(cell(t, "unknown_in", A), 0, 1e-15);
    CHECK_NEAR(cell(t, "unknown_all", A), 1, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_in", A), 0.5, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_in_n", A), 2.0 / 3, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all", A), 0.8, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all_n", A), 0.8, 1e-15);
    CHECK_NEAR(cell(t, "region_share_in", A), 0.5, 1e-15);
    /* the MC scope counts every partner, G included */
    CHECK_NEAR(cell(t, "mc_share_out", A), 3.0 / 7, 1e-15);
    CHECK_NEAR(cell(t, "mc_share_out_n", A), 1.0 / 3, 1e-15);
    CHECK_NEAR(cell(t, "mc_share_in", A), 1.0 / 4, 1e-15);
    CHECK_NEAR(cell(t, "mc_share_all", A), 4.0 / 11, 1e-15);
    CHECK_NEAR(cell(t, "mc_share_all_n", A), 1.0 / 3, 1e-15);
    /* B sends 1 to A, 5 to F (no cluster, region R3); receives 3 from A, 2 from G */
    CHECK_NEAR(cell(t, "cluster_share_out", B), 1.0 / 6, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_out_n", B), 0.5, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_in", B), 1, 1e-15);
    CHECK_NEAR(cell(t, "unknown_in", B), 2, 1e-15);
    CHECK_NEAR(cell(t, "unknown_in_n", B), 1, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all", B), 4.0 / 9, 1e-15);
    CHECK_NEAR(cell(t, "mc_share_in", B), 3.0 / 5, 1e-15);
    /* D receives from C (C1), E (C2), F (no cluster) */
    CHECK_NEAR(cell(t, "cluster_share_in", D), 1.0 / 3, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all", D), 7.0 / 9, 1e-15);
    /* F has no cluster but a region; G has no location; H sends only; I is isolated */
    CHECK(isnan(cell(t, "cluster_share_out", F)));
    CHECK_NEAR(cell(t, "region_share_out", F), 0, 0);
    CHECK_NEAR(cell(t, "region_share_all", F), 0, 0);
    CHECK(isnan(cell(t, "cluster_share_all", G)));
    CHECK(isnan(cell(t, "region_share_all", G)));
    CHECK(isnan(cell(t, "mc_share_all", G)));
    CHECK_NEAR(cell(t, "cluster_share_out", H), 1, 0);
    CHECK(isnan(cell(t, "cluster_share_in", H)));
    CHECK(isnan(cell(t, "mc_share_out", H)));
    CHECK(isnan(cell(t, "cluster_share_all", I)));
    CHECK_NEAR(cell(t, "unknown_all", I), 0, 0);
    firmnet_table_free(t);
    firmnet_graph_free(g);

    /* undirected, all waves: every tie counts in every direction */
    g = view(small, NULL, NULL, 1);
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_NEAR(cell(t, "cluster_share_out", A), 11.0 / 13, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_in", A), 11.0 / 13, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all", A), 11.0 / 13, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_all_n", A), 2.0 / 3, 1e-15);
    CHECK_NEAR(cell(t, "unknown_in", A), 1, 0);
    firmnet_table_free(t);
    firmnet_graph_free(g);
}

static void test_relational_small(const firmnet_network *small)
{
    firmnet_graph *g = view(small, "w1", NULL, 0);
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.measures = FIRMNET_EMBEDDEDNESS_RELATIONAL;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_INT(firmnet_table_ncols(t), 1 + 7);
    /* A: ties A->B 3, B->A 1, A->C 3, C->A 1, E->A 2, A->G 1; A-B in trade and rnd, A-C in
     * trade (A->C) and rnd (C->A) */
    CHECK_NEAR(cell(t, "partners", A), 4, 0);
    CHECK_NEAR(cell(t, "strength_mean", A), 11.0 / 6, 1e-15);
    CHECK_NEAR(cell(t, "strength_max", A), 3, 0);
    CHECK_NEAR(cell(t, "multiplex_partners", A), 2, 0);
    CHECK_NEAR(cell(t, "multiplex_share", A), 0.5, 0);
    CHECK_NEAR(cell(t, "layers_per_dyad", A), 1.5, 0);
    CHECK_NEAR(cell(t, "reciprocity", A), 4.0 / 6, 1e-15);
    /* D: C->D 1, D->E 6 (trade 4 + rnd 2), E->D 1, F->D 1 */
    CHECK_NEAR(cell(t, "partners", D), 3, 0);
    CHECK_NEAR(cell(t, "strength_mean", D), 9.0 / 4, 1e-15);
    CHECK_NEAR(cell(t, "strength_max", D), 6, 0);
    CHECK_NEAR(cell(t, "multiplex_partners", D), 1, 0);
    CHECK_NEAR(cell(t, "layers_per_dyad", D), 4.0 / 3, 1e-15);
    CHECK_NEAR(cell(t, "reciprocity", D), 0.5, 0);
    CHECK_NEAR(cell(t, "partners", I), 0, 0);
    CHECK(isnan(cell(t, "strength_mean", I)));
    CHECK(isnan(cell(t, "strength_max", I)));
    CHECK(isnan(cell(t, "multiplex_share", I)));
    CHECK(isnan(cell(t, "reciprocity", I)));
    firmnet_table_free(t);
    firmnet_graph_free(g);

    /* all waves: A-B also in w2 trade (still two layers), B-C in w2 trade only */
    g = view(small, NULL, NULL, 0);
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_NEAR(cell(t, "partners", B), 4, 0);
    CHECK_NEAR(cell(t, "multiplex_partners", B), 1, 0);
    CHECK_NEAR(cell(t, "layers_per_dyad", B), 5.0 / 4, 0);
    firmnet_table_free(t);
    firmnet_graph_free(g);

    /* one layer: nothing is multiplex; undirected: no reciprocity */
    g = view(small, "w1", "trade", 1);
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_NEAR(cell(t, "multiplex_partners", A), 0, 0);
    CHECK_NEAR(cell(t, "layers_per_dyad", A), 1, 0);
    CHECK(isnan(cell(t, "reciprocity", A)));
    /* A-B trade 2 + 1 merged into one undirected tie of 3 */
    CHECK_NEAR(cell(t, "strength_max", A), 3, 0);
    CHECK_NEAR(cell(t, "strength_mean", A), (3.0 + 3 + 2 + 1) / 4, 1e-15);
    firmnet_table_free(t);
    firmnet_graph_free(g);
}

static size_t row_of(const firmnet_table *t, const char *group)
{
    for (size_t r = 0; r < firmnet_table_nrows(t); r++) {
        if (strcmp(scell(t, "group", r), group) == 0) {
            return r;
        }
    }
    fprintf(stderr, "no group '%s'\n", group);
    return 0;
}

static void test_groups_small(const firmnet_network *small)
{
    firmnet_graph *g = view(small, "w1", NULL, 0);
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL;
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "type", NULL), 0);
    CHECK_INT(firmnet_table_nrows(t), 5);
    CHECK_INT(firmnet_table_ncols(t), 2 + 24);
    CHECK_STR(scell(t, "group", 0), "*");
    CHECK_STR(scell(t, "group", 1), "firm");
    CHECK_STR(scell(t, "group", 4), "university");
    CHECK_NEAR(cell(t, "n_actors", 0), 9, 0);
    CHECK_NEAR(cell(t, "n_actors", 1), 6, 0);
    /* firms with a cluster (A, B, D, I) receive 2 + 3 + 1 local of 4 + 3 + 3 located:
     * 0.6, not the mean of their shares (0.611) */
    CHECK_NEAR(cell(t, "cluster_share_in", 1), 0.6, 1e-15);
    CHECK_NEAR(cell(t, "cluster_share_out", 1), 13.0 / 18, 1e-15);
    CHECK_NEAR(cell(t, "unknown_in", 1), 2, 0);
    CHECK_NEAR(cell(t, "unknown_out", 1), 1, 0);
    CHECK_NEAR(cell(t, "cluster_share_in", 0), 0.8, 1e-15);
    firmnet_table_free(t);

    /* MC members vs the rest: the non-members have no MC to be local to */
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "mc?", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 3);
    CHECK_NEAR(cell(t, "mc_share_out", row_of(t, "yes")), 0.5, 1e-15);
    CHECK(isnan(cell(t, "mc_share_out", row_of(t, "no"))));
    CHECK_NEAR(cell(t, "n_actors", row_of(t, "no")), 5, 0);
    firmnet_table_free(t);

    /* blank clusters: a group "" by default, left out on request */
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "cluster", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 4);
    CHECK_STR(scell(t, "group", 1), "");
    CHECK_NEAR(cell(t, "n_actors", 1), 2, 0);
    CHECK(isnan(cell(t, "cluster_share_out", 1)));
    CHECK_NEAR(cell(t, "region_share_out", 1), 0, 0);
    firmnet_table_free(t);
    o.blank = FIRMNET_BLANK_EXCLUDE;
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "cluster", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 3);
    CHECK_STR(scell(t, "group", 1), "C1");
    CHECK_NEAR(cell(t, "n_actors", 0), 7, 0);
    firmnet_table_free(t);
    t = NULL;

    /* nobody has a tech value: only the row of all (no) actors */
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "tech", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 1);
    CHECK_NEAR(cell(t, "n_actors", 0), 0, 0);
    CHECK(isnan(cell(t, "cluster_share_all", 0)));
    firmnet_table_free(t);
    t = NULL;

    CHECK_INT(firmnet_embeddedness_groups(&t, g, "colour", NULL), FIRMNET_ENOTFOUND);
    CHECK_ERR("colour");
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "colour?", NULL), FIRMNET_ENOTFOUND);
    CHECK_INT(firmnet_embeddedness_groups(&t, g, NULL, NULL), FIRMNET_EINVAL);
    CHECK(t == NULL);
    firmnet_graph_free(g);
}

/* Group figures are sums over actors: check them against the actor table on the demo data. */
static void test_groups_demo(const firmnet_network *demo)
{
    firmnet_graph *g = view(demo, "2005", NULL, 0);
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL, *gt = NULL;
    o.measures = FIRMNET_EMBEDDEDNESS_LOCAL;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_INT(firmnet_embeddedness_groups(&gt, g, "mc?", &o), 0);
    /* unknown weights add up over the groups */
    double sum = 0;
    for (size_t i = 0; i < firmnet_table_nrows(t); i++) {
        sum += cell(t, "unknown_all", i);
    }
    CHECK_NEAR(cell(gt, "unknown_all", 0), sum, 1e-12);
    CHECK_NEAR(cell(gt, "unknown_all", 1) + cell(gt, "unknown_all", 2), sum, 1e-12);
    /* a share of the whole network lies between its groups' shares */
    double all = cell(gt, "cluster_share_out", 0), x = cell(gt, "cluster_share_out", 1),
           y = cell(gt, "cluster_share_out", 2);
    CHECK((all >= x && all <= y) || (all >= y && all <= x));
    firmnet_table_free(t);
    firmnet_table_free(gt);
    firmnet_graph_free(g);
}

static void test_options(const firmnet_network *small)
{
    firmnet_graph *g = view(small, NULL, NULL, 0);
    firmnet_embeddedness_options o;
    firmnet_table *t = NULL;
    CHECK_INT(firmnet_embeddedness_options_init(&o, 0), FIRMNET_EINVAL);
    CHECK_INT(firmnet_embeddedness_options_init(&o, FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION), 0);
    CHECK_INT(o.measures, FIRMNET_EMBEDDEDNESS_ALL);
    CHECK_INT(firmnet_embeddedness(&t, g, NULL), 0);
    CHECK_INT(firmnet_table_ncols(t), 1 + 24 + 6 + 7);
    CHECK_INT(firmnet_table_nrows(t), 9);
    CHECK_STR(firmnet_table_column_name(t, 0), "id");
    CHECK_STR(firmnet_table_column_name(t, 25), "constraint");
    CHECK_STR(firmnet_table_column_name(t, 31), "partners");
    firmnet_table_free(t);
    t = NULL;
    o.measures = 0; /* all */
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    CHECK_INT(firmnet_table_ncols(t), 1 + 24 + 6 + 7);
    firmnet_table_free(t);
    t = NULL;
    o.measures = 8;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), FIRMNET_EINVAL);
    o.measures = FIRMNET_EMBEDDEDNESS_ALL;
    o.version = 2;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), FIRMNET_EINVAL);
    CHECK_ERR("version");
    CHECK_INT(firmnet_embeddedness(NULL, g, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_embeddedness(&t, NULL, NULL), FIRMNET_EINVAL);
    CHECK(t == NULL);
    firmnet_graph_free(g);
}

/* A network without ties: every actor is an isolate. */
static void test_empty(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL;
    const char *names[] = {"cluster"}, *values[] = {"X"};
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_add_actor(net, "a", 1, names, values), 0);
    CHECK_INT(firmnet_network_add_actor(net, "b", 1, names, values), 0);
    g = view(net, NULL, NULL, 0);
    CHECK_INT(firmnet_embeddedness(&t, g, NULL), 0);
    CHECK(isnan(cell(t, "constraint", 0)));
    CHECK(isnan(cell(t, "effective_size", 1)));
    CHECK(isnan(cell(t, "cluster_share_all", 0)));
    CHECK_NEAR(cell(t, "coreness", 0), 0, 0);
    CHECK_NEAR(cell(t, "partners", 1), 0, 0);
    firmnet_table_free(t);
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "cluster", NULL), 0);
    CHECK_INT(firmnet_table_nrows(t), 2);
    CHECK(isnan(cell(t, "cluster_share_out", 1)));
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* Burt's constraint, computed by firmnet in O(sum of squared degrees), against
 * igraph_constraint() on a random directed network with reciprocated ties and isolates, and
 * on its undirected view, weighted and unweighted. */
static void test_constraint_igraph(void)
{
    firmnet_network *net = NULL;
    uint64_t s = 77;
    char a[16], b[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t i = 0; i < 400; i++) {
        snprintf(a, sizeof a, "a%zu", i);
        CHECK_INT(firmnet_network_add_actor(net, a, 0, NULL, NULL), 0);
    }
    for (size_t k = 0; k < 2000; k++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t i = (s >> 33) % 380, j = (i + 1 + (s >> 20) % 15) % 380; /* 380..399 isolates */
        snprintf(a, sizeof a, "a%zu", i);
        snprintf(b, sizeof b, "a%zu", j);
        CHECK_INT(firmnet_network_add_tie(net, NULL, k % 3 ? "x" : "y", k % 5 ? a : b, k % 5 ? b : a,
                                          (double)(1 + (s >> 40) % 7), NULL, NULL),
                  0);
    }
    for (int undirected = 0; undirected <= 1; undirected++) {
        firmnet_graph *g = view(net, NULL, NULL, undirected);
        for (int unweighted = 0; unweighted <= 1; unweighted++) {
            firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
            firmnet_table *t = NULL;
            igraph_vector_t ref;
            o.measures = FIRMNET_EMBEDDEDNESS_STRUCTURAL;
            o.unweighted = unweighted;
            CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
            igraph_vector_init(&ref, 0);
            CHECK_INT(igraph_constraint(firmnet_graph_igraph(g), &ref, igraph_vss_all(),
                                        unweighted ? NULL : firmnet_graph_weights(g)),
                      0);
            double worst = 0;
            for (size_t i = 0; i < 400; i++) {
                double x = cell(t, "constraint", i), r = VECTOR(ref)[i];
                if (i >= 380) {
                    CHECK(isnan(x) && isnan(r));
                    continue;
                }
                worst = fmax(worst, fabs(x - r) / fmax(1, fabs(r)));
            }
            CHECK(worst <= 1e-12);
            igraph_vector_destroy(&ref);
            firmnet_table_free(t);
        }
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);
}

int main(void)
{
    firmnet_network *demo = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_network *small =
        load("tests/data/embeddedness/small_actors.csv", "tests/data/embeddedness/small_ties.csv");
    firmnet_graph *g;

    g = view(small, "w1", NULL, 0);
    check_burt(g, "small_w1_directed", 9);
    firmnet_graph_free(g);
    g = view(small, NULL, NULL, 1);
    check_burt(g, "small_all_undirected", 9);
    firmnet_graph_free(g);
    g = view(demo, "2005", NULL, 0);
    check_burt(g, "demo_2005_directed", 351);
    firmnet_graph_free(g);
    g = view(demo, "2007", "trade", 1);
    check_burt(g, "demo_trade_2007_undirected", 351);
    firmnet_graph_free(g);

    test_local_small(small);
    test_relational_small(small);
    test_groups_small(small);
    test_groups_demo(demo);
    test_options(small);
    test_empty();
    test_constraint_igraph();
    firmnet_network_free(demo);
    firmnet_network_free(small);
    return test_done();
}
