/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Centrality and centralization against references: networkx, exact rational betweenness,
 * python-igraph and R igraph (tests/fixtures/make_centrality.py and .R write
 * tests/data/centrality/), hand-checked values of the Krackhardt kite and Zachary's karate
 * club, the documented conversions to networkx's conventions, and the sampled betweenness
 * bound on a graph of 3000 actors.
 */
#include <firmnet.h>
#include <firmnet/igraph.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "test.h"

#define REL 1e-9

/* ---- building networks ------------------------------------------------------------------ */

static firmnet_network *load(const char *actors, const char *ties)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path(actors), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path(ties), NULL, NULL), 0);
    return net;
}

/* An igraph famous graph as a network: actor "v<i>" is vertex i, every tie weight 1. */
static firmnet_network *famous(const char *name)
{
    firmnet_network *net = NULL;
    igraph_t g;
    char a[16], b[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    firmnet_igraph_lock();
    CHECK_INT(igraph_famous(&g, name), IGRAPH_SUCCESS);
    firmnet_igraph_unlock();
    for (igraph_integer_t v = 0; v < igraph_vcount(&g); v++) {
        snprintf(a, sizeof a, "v%d", (int)v);
        CHECK_INT(firmnet_network_add_actor(net, a, 0, NULL, NULL), 0);
    }
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        snprintf(a, sizeof a, "v%d", (int)IGRAPH_FROM(&g, e));
        snprintf(b, sizeof b, "v%d", (int)IGRAPH_TO(&g, e));
        CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, a, b, 1, NULL, NULL), 0);
    }
    firmnet_igraph_lock();
    igraph_destroy(&g);
    firmnet_igraph_unlock();
    return net;
}

static firmnet_graph *view(const firmnet_network *net, const char *layers, const char *wave,
                           int undirected)
{
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    go.layers = layers;
    go.wave = wave;
    go.undirected = undirected;
    CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
    return g;
}

static size_t col(const firmnet_table *t, const char *name)
{
    size_t c = (size_t)-1;
    if (firmnet_table_column_index(&c, t, name) < 0) {
        test_failed++;
        fprintf(stderr, "column '%s' missing\n", name);
    }
    return c;
}

static double get(const firmnet_table *t, const char *name, size_t row)
{
    return firmnet_table_get_double(t, col(t, name), row);
}

/* ---- fixtures (the list in make_centrality.py) ------------------------------------------ */

typedef struct fixture_view {
    const char *name, *source, *layers, *wave;
    int undirected;
    firmnet_weights weights;
    int normalized;
    double damping;
    firmnet_mode closeness_mode, coreness_mode;
    int network; /* a network_<name>.csv from make_centrality.R exists */
} fixture_view;

#define INV FIRMNET_WEIGHTS_INVERSE
#define UNW FIRMNET_WEIGHTS_UNWEIGHTED
#define DIS FIRMNET_WEIGHTS_DISTANCE
#define OUT FIRMNET_MODE_OUT
#define IN FIRMNET_MODE_IN
#define ALL FIRMNET_MODE_ALL

static const fixture_view views[] = {
    {"all_directed", "demo", NULL, NULL, 0, INV, 0, 0.85, OUT, ALL, 1},
    {"all_directed_normalized", "demo", NULL, NULL, 0, INV, 1, 0.85, OUT, ALL, 0},
    {"all_directed_unweighted", "demo", NULL, NULL, 0, UNW, 0, 0.85, OUT, ALL, 0},
    {"trade_2005", "demo", "trade", "2005", 0, INV, 0, 0.85, OUT, ALL, 0},
    {"trade_2005_distance", "demo", "trade", "2005", 0, DIS, 1, 0.7, IN, OUT, 1},
    {"service_2007_all", "demo", "service", "2007", 0, INV, 0, 0.85, ALL, IN, 1},
    {"rnd_undirected", "demo", "rnd", NULL, 1, INV, 0, 0.85, OUT, ALL, 1},
    {"rnd_undirected_normalized", "demo", "rnd", NULL, 1, UNW, 1, 0.85, OUT, ALL, 0},
    {"kite", "Krackhardt_Kite", NULL, NULL, 1, INV, 0, 0.85, OUT, ALL, 1},
    {"kite_normalized", "Krackhardt_Kite", NULL, NULL, 1, INV, 1, 0.85, OUT, ALL, 0},
    {"karate", "Zachary", NULL, NULL, 1, INV, 0, 0.85, OUT, ALL, 1},
    {"wdigraph", "wdigraph", NULL, NULL, 0, INV, 0, 0.85, OUT, ALL, 1},
    {"wdigraph_distance", "wdigraph", NULL, NULL, 0, DIS, 1, 0.85, IN, ALL, 0},
    {"wdigraph_undirected", "wdigraph", NULL, NULL, 1, INV, 0, 0.85, OUT, ALL, 1},
};

static firmnet_network *source_network(const char *source)
{
    if (strcmp(source, "demo") == 0) {
        return load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    }
    if (strcmp(source, "wdigraph") == 0) {
        return load("tests/data/centrality/wdigraph_actors.csv",
                    "tests/data/centrality/wdigraph_ties.csv");
    }
    return famous(source);
}

static void test_fixtures(void)
{
    char path[256];
    for (size_t k = 0; k < sizeof views / sizeof *views; k++) {
        const fixture_view *v = &views[k];
        firmnet_network *net = source_network(v->source);
        firmnet_graph *g = view(net, v->layers, v->wave, v->undirected);
        firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
        firmnet_table *t = NULL;
        o.weights = v->weights;
        o.normalized = v->normalized;
        o.damping = v->damping;
        o.closeness_mode = v->closeness_mode;
        o.coreness_mode = v->coreness_mode;
        CHECK_INT(firmnet_centrality(&t, g, &o), 0);
        snprintf(path, sizeof path, "tests/data/centrality/%s.csv", v->name);
        size_t n = test_compare_fixture(t, test_path(path), "id", REL);
        CHECK_INT(n, firmnet_graph_vertex_count(g) * 16);
        firmnet_table_free(t);
        if (v->network) {
            t = NULL;
            CHECK_INT(firmnet_centralization(&t, g, &o), 0);
            snprintf(path, sizeof path, "tests/data/centrality/network_%s.csv", v->name);
            CHECK_INT(test_compare_fixture(t, test_path(path), "measure", REL), 6 * 3);
            firmnet_table_free(t);
        }
        firmnet_graph_free(g);
        firmnet_network_free(net);
    }
}

/* ---- literature values -------------------------------------------------------------------- */

static void test_kite(void)
{
    /* Krackhardt (1990): Andre, Beverly, Carol, Diane, Ed, Fernando, Garth, Heather, Ike,
     * Jane. Heather is the broker, Diane has the most ties, Fernando and Garth are closest. */
    static const double btw[10] = {5.0 / 6, 5.0 / 6, 0, 11.0 / 3, 0, 25.0 / 3, 25.0 / 3, 14, 8, 0};
    static const double deg[10] = {4, 4, 3, 6, 3, 5, 5, 3, 2, 1};
    static const double core[10] = {3, 3, 3, 3, 3, 3, 3, 2, 1, 1};
    firmnet_network *net = famous("Krackhardt_Kite");
    firmnet_graph *g = view(net, NULL, NULL, 1);
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.normalized = 1;
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    for (size_t i = 0; i < 10; i++) {
        CHECK_NEAR(get(t, "betweenness", i), btw[i] / 36, REL); /* (n-1)(n-2)/2 = 36 */
        CHECK_NEAR(get(t, "degree", i), deg[i] / 9, REL);
        CHECK_NEAR(get(t, "coreness", i), core[i], REL);
    }
    CHECK_NEAR(get(t, "closeness", 5), 9.0 / 14, REL);  /* Fernando: distances sum to 14 */
    CHECK_NEAR(get(t, "closeness", 3), 9.0 / 15, REL);  /* Diane */
    CHECK_NEAR(get(t, "closeness", 9), 9.0 / 29, REL);  /* Jane */
    CHECK_NEAR(get(t, "clustering", 3), 8.0 / 15, REL); /* Diane: 8 of 15 neighbour pairs */
    CHECK_NEAR(get(t, "clustering", 8), 0, REL);        /* Ike */
    CHECK(isnan(get(t, "clustering", 9)));              /* Jane: one tie */
    CHECK_NEAR(get(t, "eigenvector", 3), 1, REL);
    CHECK_NEAR(get(t, "harmonic", 7), (3 + 6 * 0.5) / 9, REL); /* Heather */
    CHECK_STR(firmnet_table_get_string(t, col(t, "betweenness_method"), 0), "exact");
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

static void test_karate(void)
{
    firmnet_network *net = famous("Zachary");
    firmnet_graph *g = view(net, NULL, NULL, 1);
    firmnet_table *t = NULL;
    CHECK_INT(firmnet_centrality(&t, g, NULL), 0);
    /* Well-known values: the instructor (0) and the administrator (33). */
    CHECK_NEAR(get(t, "betweenness", 0), 231.07142857142858, REL);
    CHECK_NEAR(get(t, "betweenness", 33), 160.55158730158729, REL);
    CHECK_NEAR(get(t, "degree", 33), 17, REL);
    CHECK_NEAR(get(t, "eigenvector", 33), 1, REL);
    CHECK_NEAR(get(t, "coreness", 0), 4, REL);
    CHECK_NEAR(get(t, "clustering", 0), 0.15, REL);
    double sum = 0;
    for (size_t i = 0; i < 34; i++) {
        sum += get(t, "pagerank", i);
    }
    CHECK_NEAR(sum, 1, REL);
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* ---- networkx's conventions --------------------------------------------------------------- */

/*
 * networkx scales eigenvector centrality to unit Euclidean norm and HITS to sum 1, gives
 * clustering 0 (not NaN) below degree 2, and computes closeness on in-distances with the
 * Wasserman-Faust factor r / (n - 1) (0 for isolates). Convert firmnet's output and compare.
 */
static void check_networkx(const char *name, const firmnet_network *net, int undirected)
{
    char path[256];
    firmnet_graph *g = view(net, NULL, NULL, undirected);
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t = NULL, *tn = NULL, *conv = NULL;
    size_t n = firmnet_graph_vertex_count(g);
    double *ev = calloc(n, sizeof *ev), *hub = calloc(n, sizeof *hub),
           *auth = calloc(n, sizeof *auth), *cl = calloc(n, sizeof *cl),
           *clo = calloc(n, sizeof *clo);
    const char **ids = calloc(n, sizeof *ids);
    double norm = 0, hsum = 0, asum = 0;

    o.closeness_mode = FIRMNET_MODE_IN;
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    o.normalized = 1;
    CHECK_INT(firmnet_centrality(&tn, g, &o), 0);
    for (size_t i = 0; i < n; i++) {
        ids[i] = firmnet_graph_vertex_id(g, i);
        norm += get(t, "eigenvector", i) * get(t, "eigenvector", i);
        hsum += get(t, "hub", i);
        asum += get(t, "authority", i);
    }
    for (size_t i = 0; i < n; i++) {
        double c = get(t, "clustering", i), raw = get(t, "closeness", i);
        double mean = get(tn, "closeness", i); /* r / sum of distances */
        double r = mean / raw;                 /* actors that reach i */
        ev[i] = get(t, "eigenvector", i) / sqrt(norm);
        hub[i] = get(t, "hub", i) / hsum;
        auth[i] = get(t, "authority", i) / asum;
        cl[i] = isnan(c) ? 0 : c;
        clo[i] = isnan(mean) ? 0 : mean * r / (double)(n - 1);
    }
    CHECK_INT(firmnet_table_new(&conv, n), 0);
    CHECK_INT(firmnet_table_add_string(conv, "id", ids), 0);
    CHECK_INT(firmnet_table_add_double(conv, "eigenvector", ev), 0);
    CHECK_INT(firmnet_table_add_double(conv, "hub", hub), 0);
    CHECK_INT(firmnet_table_add_double(conv, "authority", auth), 0);
    CHECK_INT(firmnet_table_add_double(conv, "clustering", cl), 0);
    CHECK_INT(firmnet_table_add_double(conv, "closeness", clo), 0);
    snprintf(path, sizeof path, "tests/data/centrality/%s_networkx.csv", name);
    CHECK_INT(test_compare_fixture(conv, test_path(path), "id", REL), n * 5);
    firmnet_table_free(conv);
    firmnet_table_free(t);
    firmnet_table_free(tn);
    firmnet_graph_free(g);
    free(ev);
    free(hub);
    free(auth);
    free(cl);
    free(clo);
    free(ids);
}

static void test_networkx_conventions(void)
{
    firmnet_network *net = famous("Zachary");
    check_networkx("karate", net, 1);
    firmnet_network_free(net);
    net = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    check_networkx("all_directed", net, 0);
    firmnet_network_free(net);
}

/* ---- weight semantics, columns, options ------------------------------------------------- */

static void test_weights(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g;
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *inv = NULL, *dis = NULL, *unw = NULL;

    /* a -> b -> c with weights 4 and 4, a -> c with weight 1: as strengths the detour is
     * closer (distance 1/4 + 1/4 < 1), as distances the direct tie is shorter (1 < 8). */
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "a", "b", 4, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "b", "c", 4, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "a", "c", 1, NULL, NULL), 0);
    g = view(net, NULL, NULL, 0);
    o.measures = "strength_out, betweenness, closeness, pagerank, degree_out";
    CHECK_INT(firmnet_centrality(&inv, g, &o), 0);
    o.weights = FIRMNET_WEIGHTS_DISTANCE;
    CHECK_INT(firmnet_centrality(&dis, g, &o), 0);
    o.weights = FIRMNET_WEIGHTS_UNWEIGHTED;
    CHECK_INT(firmnet_centrality(&unw, g, &o), 0);
    CHECK_NEAR(get(inv, "betweenness", 1), 1, REL); /* b brokers a -> c */
    CHECK_NEAR(get(dis, "betweenness", 1), 0, REL);
    CHECK_NEAR(get(unw, "betweenness", 1), 0, REL);
    CHECK_NEAR(get(inv, "closeness", 0), 1 / (0.25 + 0.5), REL);
    CHECK_NEAR(get(dis, "closeness", 0), 1 / (4.0 + 1), REL);
    CHECK_NEAR(get(unw, "closeness", 0), 1 / 2.0, REL);
    CHECK_NEAR(get(inv, "strength_out", 0), 5, REL); /* strengths whatever the distances */
    CHECK_NEAR(get(dis, "strength_out", 0), 5, REL);
    CHECK_NEAR(get(unw, "strength_out", 0), 2, REL); /* unweighted: strength = degree */
    CHECK_NEAR(get(unw, "degree_out", 0), 2, REL);
    CHECK(get(inv, "pagerank", 1) > get(unw, "pagerank", 1)); /* a sends b 4/5, not 1/2 */
    CHECK(isnan(get(inv, "closeness", 2)));                   /* c reaches nobody */
    /* column order: id, convenience columns, measures in canonical order, method */
    /* clang-format off */
    static const char *const names[] = {"id", "type", "size", "cluster", "mc", "degree_out",
                                        "strength_out", "betweenness", "closeness", "pagerank",
                                        "betweenness_method"};
    /* clang-format on */
    CHECK_INT(firmnet_table_ncols(inv), 11);
    for (size_t c = 0; c < 11; c++) {
        CHECK_STR(firmnet_table_column_name(inv, c), names[c]);
    }
    firmnet_table_free(inv);
    firmnet_table_free(dis);
    firmnet_table_free(unw);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* In- and out-strength of directed views, summed by firmnet from igraph's edge index, are the
 * bits igraph_strength() gives; undirected views and total strength go to igraph itself. */
static void test_strength_bits(void)
{
    firmnet_network *net = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    const char *layers[] = {"all", "trade", "service"};
    for (int k = 0; k < 3; k++) {
        for (int u = 0; u < 2; u++) {
            firmnet_graph *g = view(net, layers[k], k == 1 ? "2007" : NULL, u);
            firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
            firmnet_table *t = NULL;
            const char *names[] = {"strength_in", "strength_out", "strength"};
            const igraph_neimode_t modes[] = {IGRAPH_IN, IGRAPH_OUT, IGRAPH_ALL};
            o.measures = "strength_in,strength_out,strength";
            CHECK_INT(firmnet_centrality(&t, g, &o), 0);
            size_t n = firmnet_graph_vertex_count(g);
            for (int m = 0; m < 3; m++) {
                igraph_vector_t ref;
                firmnet_igraph_lock();
                CHECK_INT(igraph_vector_init(&ref, 0), 0);
                CHECK_INT(igraph_strength(firmnet_graph_igraph(g), &ref, igraph_vss_all(),
                                          modes[m], true, firmnet_graph_weights(g)),
                          0);
                firmnet_igraph_unlock();
                for (size_t i = 0; i < n; i++) {
                    double x = get(t, names[m], i), y = VECTOR(ref)[i];
                    CHECK(memcmp(&x, &y, sizeof x) == 0);
                }
                igraph_vector_destroy(&ref);
            }
            firmnet_table_free(t);
            firmnet_graph_free(g);
        }
    }
    firmnet_network_free(net);
}

static void test_demo_columns(void)
{
    firmnet_network *net = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_graph *g = view(net, "rnd", "2007", 0);
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t = NULL;
    size_t row;
    o.measures = "pagerank";
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    CHECK_INT(firmnet_table_nrows(t), firmnet_network_actor_count(net));
    CHECK_INT(firmnet_table_ncols(t), 6);
    CHECK_INT(firmnet_network_actor_index(&row, net, "CW003"), 0);
    CHECK_STR(firmnet_table_get_string(t, col(t, "id"), row), "CW003");
    CHECK_STR(firmnet_table_get_string(t, col(t, "type"), row), "firm");
    CHECK_STR(firmnet_table_get_string(t, col(t, "size"), row), "sme");
    CHECK_STR(firmnet_table_get_string(t, col(t, "cluster"), row), "Changwon");
    CHECK_STR(firmnet_table_get_string(t, col(t, "mc"), row), "Changwon-Automotive");
    firmnet_table_free(t);
    /* the network table keeps only the selected rows (density always) */
    o.measures = "degree,closeness";
    CHECK_INT(firmnet_centralization(&t, g, &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 3);
    CHECK_STR(firmnet_table_get_string(t, col(t, "measure"), 0), "density");
    CHECK_STR(firmnet_table_get_string(t, col(t, "measure"), 1), "degree");
    CHECK_STR(firmnet_table_get_string(t, col(t, "measure"), 2), "closeness");
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* Eigenvector, hub and authority do not depend on the state of igraph's default RNG, and
 * leave that state as they found it. */
static void test_reproducible(void)
{
    firmnet_network *net = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t[2] = {NULL, NULL};
    const char *cols[] = {"eigenvector", "hub", "authority"};
    double before, after, expect;

    o.measures = "eigenvector,hub,authority";
    for (int undirected = 0; undirected < 2; undirected++) {
        firmnet_graph *g = view(net, NULL, NULL, undirected);
        for (int k = 0; k < 2; k++) {
            /* a different host RNG state before each call */
            firmnet_igraph_lock();
            igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)(1000 + k));
            before = igraph_rng_get_unif01(igraph_rng_default());
            firmnet_igraph_unlock();
            CHECK_INT(firmnet_centrality(&t[k], g, &o), 0);
            firmnet_igraph_lock();
            after = igraph_rng_get_unif01(igraph_rng_default());
            igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)(1000 + k));
            (void)igraph_rng_get_unif01(igraph_rng_default());
            expect = igraph_rng_get_unif01(igraph_rng_default());
            firmnet_igraph_unlock();
            CHECK(after == expect); /* the host's sequence went on where it was */
            (void)before;
        }
        for (size_t c = 0; c < 3; c++) {
            size_t n = firmnet_table_nrows(t[0]), same = 0;
            for (size_t row = 0; row < n; row++) {
                same += get(t[0], cols[c], row) == get(t[1], cols[c], row);
            }
            CHECK_INT(same, n); /* bit for bit */
        }
        firmnet_table_free(t[0]);
        firmnet_table_free(t[1]);
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);
}

static void test_edge_cases(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g;
    firmnet_table *t = NULL;
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;

    /* no actors */
    CHECK_INT(firmnet_network_new(&net), 0);
    g = view(net, NULL, NULL, 0);
    CHECK_INT(firmnet_centrality(&t, g, NULL), 0);
    CHECK_INT(firmnet_table_nrows(t), 0);
    CHECK_INT(firmnet_table_ncols(t), 5 + 16 + 1);
    firmnet_table_free(t);
    t = NULL;
    CHECK_INT(firmnet_centralization(&t, g, NULL), 0);
    CHECK_INT(firmnet_table_nrows(t), 6);
    firmnet_table_free(t);
    t = NULL;
    firmnet_graph_free(g);

    /* actors without ties: igraph's conventions (eigenvector 1, closeness NaN) */
    CHECK_INT(firmnet_network_add_actor(net, "x", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_actor(net, "y", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_actor(net, "z", 0, NULL, NULL), 0);
    g = view(net, NULL, NULL, 0);
    o.normalized = 1;
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    CHECK_NEAR(get(t, "eigenvector", 0), 1, REL);
    CHECK_NEAR(get(t, "pagerank", 0), 1.0 / 3, REL);
    CHECK(isnan(get(t, "closeness", 0)));
    CHECK_NEAR(get(t, "harmonic", 0), 0, REL);
    CHECK_NEAR(get(t, "betweenness", 0), 0, REL);
    CHECK(isnan(get(t, "clustering", 0)));
    firmnet_table_free(t);
    t = NULL;
    firmnet_graph_free(g);
    firmnet_network_free(net);

    /* a directed acyclic view: eigenvector centrality is all zeros */
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "a", "b", 2, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "b", "c", 3, NULL, NULL), 0);
    g = view(net, NULL, NULL, 0);
    CHECK_INT(firmnet_centrality(&t, g, NULL), 0);
    for (size_t i = 0; i < 3; i++) {
        CHECK_NEAR(get(t, "eigenvector", i), 0, REL);
    }
    /* A A^T = diag(4, 9, 0) and A^T A = diag(0, 4, 9): b is the hub, c the authority */
    CHECK_NEAR(get(t, "hub", 1), 1, REL);
    CHECK_NEAR(get(t, "hub", 0), 0, REL);
    CHECK_NEAR(get(t, "hub", 2), 0, REL);
    CHECK_NEAR(get(t, "authority", 2), 1, REL);
    CHECK_NEAR(get(t, "authority", 0), 0, REL);
    /* Barrat in a directed view: the mutual pair a <-> b is one tie of weight 2 + 5 */
    firmnet_table_free(t);
    t = NULL;
    firmnet_graph_free(g);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "b", "a", 5, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "c", "a", 1, NULL, NULL), 0);
    g = view(net, NULL, NULL, 0);
    CHECK_INT(firmnet_centrality(&t, g, NULL), 0);
    /* undirected: a-b 7, b-c 3, a-c 1; triangle; Barrat of a: (7 + 1) / 2 * 2 / (8 * 1) */
    CHECK_NEAR(get(t, "clustering", 0), 1, REL);
    CHECK_NEAR(get(t, "clustering_weighted", 0), 1, REL);
    CHECK_NEAR(get(t, "strength", 0), 8, REL);
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

static void test_options(void)
{
    firmnet_network *net = famous("Krackhardt_Kite");
    firmnet_graph *g = view(net, NULL, NULL, 1);
    firmnet_centrality_options o;
    firmnet_table *t = NULL;
    firmnet_weights w;
    firmnet_mode m;
    firmnet_betweenness_method b;

    CHECK_INT(firmnet_centrality_options_init(&o, FIRMNET_CENTRALITY_OPTIONS_VERSION), 0);
    CHECK_NEAR(o.damping, 0.85, 0);
    CHECK_INT(o.closeness_mode, FIRMNET_MODE_OUT);
    CHECK_INT(o.sample_above, 10000);
    CHECK_INT(o.threads, 0);
    CHECK_INT(firmnet_centrality_options_init(&o, 99), FIRMNET_EINVAL);
    CHECK_INT(firmnet_centrality_options_init(&o, 1), 0);
    {
        /* A version 1 struct ends before `threads`: init writes no further, and firmnet_centrality
         * reads no further (the bytes after it may be anything). */
        union {
            firmnet_centrality_options o;
            unsigned char bytes[sizeof(firmnet_centrality_options)];
        } v1;
        size_t end = offsetof(firmnet_centrality_options, threads);
        memset(&v1, 0xAB, sizeof v1);
        CHECK_INT(firmnet_centrality_options_init(&v1.o, 1), 0);
        CHECK_INT(v1.o.version, 1);
        CHECK_INT(v1.o.sample_above, 10000);
        for (size_t i = end; i < sizeof v1; i++) {
            CHECK_INT(v1.bytes[i], 0xAB);
        }
        v1.o.measures = "pagerank,betweenness";
        CHECK_INT(firmnet_centrality(&t, g, &v1.o), 0);
        firmnet_table_free(t);
        t = NULL;
    }
    o.threads = FIRMNET_CENTRALITY_THREADS_MAX + 1; /* ignored in a version 1 struct */
    o.measures = "degree";
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    firmnet_table_free(t);
    t = NULL;
    o.measures = NULL;
    o.version = FIRMNET_CENTRALITY_OPTIONS_VERSION;
    CHECK_INT(firmnet_centrality(&t, g, &o), FIRMNET_EINVAL);
    CHECK_ERR("threads 257");
    CHECK(t == NULL);
    o.threads = 0;

    o.measures = "degree, pagerankk";
    CHECK_INT(firmnet_centrality(&t, g, &o), FIRMNET_EINVAL);
    CHECK_ERR("unknown measure 'pagerankk'");
    CHECK_ERR("clustering_weighted");
    CHECK(t == NULL);
    CHECK_INT(firmnet_centrality_measures_check(" ,, "), FIRMNET_EINVAL);
    CHECK_INT(firmnet_centrality_measures_check("all"), 0);
    CHECK_INT(firmnet_centrality_measures_check(""), 0);
    CHECK_INT(firmnet_centrality_measures_check(NULL), 0);
    CHECK_INT(firmnet_centrality_measures_check("Degree_In ,HUB"), 0);
    CHECK_INT(firmnet_centrality_measures_check("pagerank,ALL"), 0);
    CHECK_INT(firmnet_centrality_measures_check("clustering_weighted_and_then_some_more"),
              FIRMNET_EINVAL);
    CHECK_ERR("'clustering_weighted_and_then_some_more'");
    CHECK_INT(firmnet_centrality_measure_count(), 16);
    CHECK_STR(firmnet_centrality_measure_name(0), "degree_in");
    CHECK_STR(firmnet_centrality_measure_name(15), "clustering_weighted");
    CHECK(firmnet_centrality_measure_name(16) == NULL);
    o.measures = NULL;
    o.damping = 1.5;
    CHECK_INT(firmnet_centrality(&t, g, &o), FIRMNET_EINVAL);
    CHECK_ERR("damping");
    o.damping = 0.85;
    o.version = 0;
    CHECK_INT(firmnet_centralization(&t, g, &o), FIRMNET_EINVAL);
    o.version = 1;
    o.weights = (firmnet_weights)7;
    CHECK_INT(firmnet_centrality(&t, g, &o), FIRMNET_EINVAL);
    o.weights = FIRMNET_WEIGHTS_INVERSE;
    o.delta = 0;
    CHECK_INT(firmnet_centrality(&t, g, &o), FIRMNET_EINVAL);
    o.delta = 0.1;
    CHECK_INT(firmnet_centrality(NULL, g, &o), FIRMNET_EINVAL);
    CHECK_INT(firmnet_centrality(&t, NULL, &o), FIRMNET_EINVAL);
    CHECK_INT(firmnet_centralization(&t, NULL, &o), FIRMNET_EINVAL);

    CHECK_INT(firmnet_weights_parse(&w, "Distance"), 0);
    CHECK_INT(w, FIRMNET_WEIGHTS_DISTANCE);
    CHECK_INT(firmnet_weights_parse(&w, "strength"), FIRMNET_EINVAL);
    CHECK_ERR("inverse, unweighted or distance");
    CHECK_STR(firmnet_weights_name(FIRMNET_WEIGHTS_UNWEIGHTED), "unweighted");
    CHECK(firmnet_weights_name((firmnet_weights)3) == NULL);
    CHECK_INT(firmnet_mode_parse(&m, "in"), 0);
    CHECK_INT(m, FIRMNET_MODE_IN);
    CHECK_INT(firmnet_mode_parse(&m, "both"), FIRMNET_EINVAL);
    CHECK_STR(firmnet_mode_name(FIRMNET_MODE_ALL), "all");
    CHECK_INT(firmnet_betweenness_method_parse(&b, "SAMPLED"), 0);
    CHECK_INT(b, FIRMNET_BETWEENNESS_SAMPLED);
    CHECK_INT(firmnet_betweenness_method_parse(&b, NULL), FIRMNET_EINVAL);
    CHECK_STR(firmnet_betweenness_method_name(FIRMNET_BETWEENNESS_AUTO), "auto");
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* ---- sampled betweenness ------------------------------------------------------------------ */

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

/* 3000 actors, each with about 4 outgoing ties, mostly to nearby actors, weights 1..5. */
static firmnet_network *random_network(size_t n)
{
    firmnet_network *net = NULL;
    uint64_t s = 2024;
    char a[16], b[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t i = 0; i < n; i++) {
        snprintf(a, sizeof a, "a%zu", i);
        CHECK_INT(firmnet_network_add_actor(net, a, 0, NULL, NULL), 0);
    }
    for (size_t i = 0; i < n; i++) {
        for (int k = 0; k < 4; k++) {
            size_t j = lcg(&s) % 8 == 0 ? lcg(&s) % n : (i + 1 + lcg(&s) % 40) % n;
            if (j == i) {
                continue;
            }
            snprintf(a, sizeof a, "a%zu", i);
            snprintf(b, sizeof b, "a%zu", j);
            CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, a, b, (double)(1 + lcg(&s) % 5),
                                              NULL, NULL),
                      0);
        }
    }
    return net;
}

static void test_sampled(void)
{
    const size_t n = 3000;
    firmnet_network *net = random_network(n);
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *exact = NULL, *est = NULL, *again = NULL, *other = NULL, *net_t = NULL;
    double bound, maxerr = 0, sum_exact = 0, sum_est = 0;
    size_t differ = 0;

    for (int undirected = 0; undirected < 2; undirected++) {
        firmnet_graph *g = view(net, NULL, NULL, undirected);
        o.measures = "betweenness";
        o.normalized = 1;
        o.betweenness = FIRMNET_BETWEENNESS_EXACT;
        CHECK_INT(firmnet_centrality(&exact, g, &o), 0);
        o.betweenness = FIRMNET_BETWEENNESS_SAMPLED;
        o.samples = 300;
        o.seed = 42;
        CHECK_INT(firmnet_centrality(&est, g, &o), 0);
        CHECK_INT(firmnet_centrality(&again, g, &o), 0);
        o.seed = 43;
        CHECK_INT(firmnet_centrality(&other, g, &o), 0);
        bound = firmnet_betweenness_error_bound(n, 300, o.delta);
        maxerr = sum_exact = sum_est = 0;
        differ = 0;
        for (size_t i = 0; i < n; i++) {
            double x = get(exact, "betweenness", i), y = get(est, "betweenness", i);
            maxerr = fmax(maxerr, fabs(x - y));
            sum_exact += x;
            sum_est += y;
            CHECK(get(again, "betweenness", i) == y); /* same seed, same estimate */
            differ += get(other, "betweenness", i) != y;
        }
        CHECK(maxerr <= bound);
        CHECK(maxerr > 0);
        CHECK(differ > 0);
        /* the estimate is unbiased: totals agree far better than the per-actor bound */
        CHECK(fabs(sum_est - sum_exact) / sum_exact < 0.05);
        printf("sampled betweenness (%s, k=300): max error %.3g, bound %.3g, totals %.6g/%.6g\n",
               undirected ? "undirected" : "directed", maxerr, bound, sum_est, sum_exact);
        CHECK_STR(firmnet_table_get_string(exact, col(exact, "betweenness_method"), 0), "exact");
        char want[128];
        snprintf(want, sizeof want, "sampled k=300 seed=42 bound=%.4g delta=0.1", bound);
        CHECK_STR(firmnet_table_get_string(est, col(est, "betweenness_method"), 0), want);
        firmnet_table_free(exact);
        firmnet_table_free(est);
        firmnet_table_free(again);
        firmnet_table_free(other);
        exact = est = again = other = NULL;

        /* AUTO switches above sample_above and derives k from epsilon */
        o.betweenness = FIRMNET_BETWEENNESS_AUTO;
        o.samples = 0;
        o.epsilon = 0.2;
        o.sample_above = 1000;
        CHECK_INT(firmnet_centralization(&net_t, g, &o), 0);
        size_t k = firmnet_betweenness_sample_size(n, 0.2, 0.1);
        snprintf(want, sizeof want, "sampled k=%zu seed=43 bound=%.4g delta=0.1", k,
                 firmnet_betweenness_error_bound(n, k, 0.1));
        CHECK_STR(firmnet_table_get_string(net_t, col(net_t, "method"), 1), want);
        CHECK_STR(firmnet_table_get_string(net_t, col(net_t, "measure"), 1), "betweenness");
        firmnet_table_free(net_t);
        net_t = NULL;
        o.sample_above = n;
        CHECK_INT(firmnet_centralization(&net_t, g, &o), 0);
        CHECK_STR(firmnet_table_get_string(net_t, col(net_t, "method"), 1), "exact");
        firmnet_table_free(net_t);
        net_t = NULL;
        o.sample_above = 10000;
        /* k >= n is exact */
        o.betweenness = FIRMNET_BETWEENNESS_SAMPLED;
        o.samples = n;
        o.measures = "betweenness";
        CHECK_INT(firmnet_centrality(&est, g, &o), 0);
        CHECK_STR(firmnet_table_get_string(est, col(est, "betweenness_method"), 0), "exact");
        firmnet_table_free(est);
        est = NULL;
        o.samples = 0;
        o.epsilon = 0.05;
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);

    /* the bound and the sample size are inverse to each other */
    CHECK_NEAR(firmnet_betweenness_error_bound(3000, 300, 0.1),
               3000.0 / 2999 * sqrt(log(60000.0) / 600), 1e-12);
    CHECK(firmnet_betweenness_error_bound(3000, 3000, 0.1) == 0);
    CHECK(isnan(firmnet_betweenness_error_bound(2, 1, 0.1)));
    CHECK(isnan(firmnet_betweenness_error_bound(3000, 0, 0.1)));
    size_t k = firmnet_betweenness_sample_size(100000, 0.05, 0.1);
    CHECK(firmnet_betweenness_error_bound(100000, k, 0.1) <= 0.05);
    CHECK(firmnet_betweenness_error_bound(100000, k - 1, 0.1) > 0.05);
    CHECK_INT(firmnet_betweenness_sample_size(100, 0.01, 0.1), 100);
    CHECK_INT(firmnet_betweenness_sample_size(100, 0, 0.1), 0);
}

int main(void)
{
    test_fixtures();
    test_kite();
    test_karate();
    test_networkx_conventions();
    test_weights();
    test_demo_columns();
    test_strength_bits();
    test_reproducible();
    test_edge_cases();
    test_options();
    test_sampled();
    return test_done();
}
