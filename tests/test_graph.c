/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graph views: layer and wave selection, merge rules, undirected collapsing, isolates. */
#include <firmnet/igraph.h>

#include "test.h"

static const char actors[] = "id,type\nA,firm\nB,firm\nC,university\nD,research\nE,firm\n";
static const char ties[] = "wave,layer,source,target,weight\n"
                           "2005,trade,A,B,2\n"
                           "2005,rnd,A,B,4\n"
                           "2005,service.finance,B,A,1\n"
                           "2005,service.legal,C,A,3\n"
                           "2007,trade,A,B,10\n"
                           "2007,service.training,D,C,5\n";

typedef struct edge {
    int64_t s, t;
    double w;
} edge;

/* The view's igraph_t (whose index firmnet builds from its sorted edges) equals, array by
 * array, the graph igraph_create() makes from the same edge list, and igraph agrees that it
 * is consistent. */
static void check_index(const firmnet_graph *g)
{
    const igraph_t *ig = firmnet_graph_igraph(g);
    igraph_t ref;
    igraph_vector_int_t el;
    igraph_bool_t same = 0;
    firmnet_igraph_lock();
    CHECK_INT(igraph_vector_int_init(&el, 0), 0);
    CHECK_INT(igraph_get_edgelist(ig, &el, 0), 0);
    CHECK_INT(igraph_create(&ref, &el, igraph_vcount(ig), igraph_is_directed(ig)), 0);
    const igraph_vector_int_t *a[] = {&ig->from, &ig->to, &ig->oi, &ig->ii, &ig->os, &ig->is};
    const igraph_vector_int_t *b[] = {&ref.from, &ref.to, &ref.oi, &ref.ii, &ref.os, &ref.is};
    for (int k = 0; k < 6; k++) {
        CHECK(igraph_vector_int_all_e(a[k], b[k]));
    }
    CHECK_INT(igraph_is_same_graph(ig, &ref, &same), 0);
    CHECK(same);
    /* queries that go through the index */
    igraph_vector_int_t d1, d2;
    CHECK_INT(igraph_vector_int_init(&d1, 0), 0);
    CHECK_INT(igraph_vector_int_init(&d2, 0), 0);
    CHECK_INT(igraph_degree(ig, &d1, igraph_vss_all(), IGRAPH_IN, 1), 0);
    CHECK_INT(igraph_degree(&ref, &d2, igraph_vss_all(), IGRAPH_IN, 1), 0);
    CHECK(igraph_vector_int_all_e(&d1, &d2));
    igraph_vector_int_destroy(&d1);
    igraph_vector_int_destroy(&d2);
    igraph_destroy(&ref);
    igraph_vector_int_destroy(&el);
    firmnet_igraph_unlock();
}

/* Build a view and copy out its edges; returns the edge count (or -1 on failure). */
static long view(const firmnet_network *net, const char *layers, const char *wave, int undirected,
                 firmnet_merge merge, edge *out)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    int64_t s[16], t[16];
    double w[16];
    o.layers = layers;
    o.wave = wave;
    o.undirected = undirected;
    o.merge = merge;
    if (firmnet_graph_new(&g, net, &o) < 0) {
        return -1;
    }
    long m = (long)firmnet_graph_edge_count(g);
    CHECK_INT(firmnet_graph_vertex_count(g), 5); /* every actor, isolates included */
    CHECK_INT(firmnet_graph_is_directed(g), !undirected);
    CHECK_INT(firmnet_graph_edges(g, s, t, w, 16), 0);
    check_index(g);
    CHECK_INT(igraph_ecount(firmnet_graph_igraph(g)), m);
    CHECK_INT(igraph_vector_size(firmnet_graph_weights(g)), m);
    for (long e = 0; e < m; e++) {
        out[e].s = s[e];
        out[e].t = t[e];
        out[e].w = w[e];
    }
    firmnet_graph_free(g);
    return m;
}

#define EDGE(e, S, T, W)                                                                     \
    do {                                                                                     \
        CHECK_INT((e).s, S);                                                                 \
        CHECK_INT((e).t, T);                                                                 \
        CHECK_NEAR((e).w, W, 1e-15);                                                         \
    } while (0)

int main(void)
{
    firmnet_network *net = NULL;
    edge e[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors, sizeof actors - 1, "a", NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);

    /* all layers, all waves, directed, summed: A->B = 2+4+10, B->A 1, C->A 3, D->C 5 */
    CHECK_INT(view(net, NULL, NULL, 0, FIRMNET_MERGE_SUM, e), 4);
    EDGE(e[0], 0, 1, 16);
    EDGE(e[1], 1, 0, 1);
    EDGE(e[2], 2, 0, 3);
    EDGE(e[3], 3, 2, 5);
    /* merge rules over the three A->B ties */
    CHECK_INT(view(net, NULL, NULL, 0, FIRMNET_MERGE_MAX, e), 4);
    EDGE(e[0], 0, 1, 10);
    CHECK_INT(view(net, NULL, NULL, 0, FIRMNET_MERGE_MEAN, e), 4);
    EDGE(e[0], 0, 1, 16.0 / 3);
    CHECK_INT(view(net, NULL, NULL, 0, FIRMNET_MERGE_COUNT, e), 4);
    EDGE(e[0], 0, 1, 3);
    EDGE(e[3], 3, 2, 1);
    /* one wave */
    CHECK_INT(view(net, "all", "2005", 0, FIRMNET_MERGE_SUM, e), 3);
    EDGE(e[0], 0, 1, 6);
    EDGE(e[1], 1, 0, 1);
    EDGE(e[2], 2, 0, 3);
    /* a parent layer selects its children */
    CHECK_INT(view(net, "service", "2005", 0, FIRMNET_MERGE_SUM, e), 2);
    EDGE(e[0], 1, 0, 1);
    EDGE(e[1], 2, 0, 3);
    CHECK_INT(view(net, "service.legal,trade", NULL, 0, FIRMNET_MERGE_SUM, e), 2);
    EDGE(e[0], 0, 1, 12);
    EDGE(e[1], 2, 0, 3);
    /* undirected: both directions collapse into one edge with source < target */
    CHECK_INT(view(net, NULL, "2005", 1, FIRMNET_MERGE_SUM, e), 2);
    EDGE(e[0], 0, 1, 7);
    EDGE(e[1], 0, 2, 3);
    CHECK_INT(view(net, NULL, "2005", 1, FIRMNET_MERGE_COUNT, e), 2);
    EDGE(e[0], 0, 1, 3);
    CHECK_INT(view(net, NULL, "2005", 1, FIRMNET_MERGE_MAX, e), 2);
    EDGE(e[0], 0, 1, 4);
    /* an empty selection is a graph of isolates */
    CHECK_INT(view(net, "service.training", "2005", 0, FIRMNET_MERGE_SUM, e), 0);

    /* errors */
    CHECK_INT(view(net, NULL, "2006", 0, FIRMNET_MERGE_SUM, e), -1);
    CHECK_INT(firmnet_last_error_code(), FIRMNET_ENOTFOUND);
    CHECK_ERR("no wave '2006' (waves: '2005', '2007')");
    CHECK_INT(view(net, "finance", NULL, 0, FIRMNET_MERGE_SUM, e), -1);
    CHECK_ERR("'finance' selects no layer");
    CHECK_INT(view(net, NULL, NULL, 0, FIRMNET_MERGE_FIRST, e), -1);
    CHECK_INT(firmnet_last_error_code(), FIRMNET_EINVAL);
    firmnet_graph_options bad = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    bad.version = 0;
    CHECK_INT(firmnet_graph_new(&g, net, &bad), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_new(NULL, net, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_options_init(&bad, 1), 0);
    CHECK_INT(bad.merge, FIRMNET_MERGE_SUM);

    /* vertex ids and an igraph call on the exposed graph */
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    CHECK_STR(firmnet_graph_vertex_id(g, 3), "D");
    CHECK(firmnet_graph_vertex_id(g, 5) == NULL);
    CHECK(firmnet_graph_network(g) == net);
    int64_t small[2];
    CHECK_INT(firmnet_graph_edges(g, small, NULL, NULL, 2), FIRMNET_ERANGE);
    igraph_vector_int_t deg;
    firmnet_igraph_lock();
    igraph_vector_int_init(&deg, 0);
    igraph_degree(firmnet_graph_igraph(g), &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS);
    CHECK_INT(VECTOR(deg)[0], 3);
    CHECK_INT(VECTOR(deg)[4], 0);
    igraph_vector_int_destroy(&deg);
    firmnet_igraph_unlock();
    firmnet_graph_free(g);
    firmnet_graph_free(NULL);

    /* the demo data: an all-wave view has as many vertices as actors */
    firmnet_network *demo = NULL;
    CHECK_INT(firmnet_network_new(&demo), 0);
    CHECK_INT(firmnet_network_read_actors(demo, test_path("examples/data/actors.csv"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(demo, test_path("examples/data/ties.csv.gz"), NULL, NULL), 0);
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    o.wave = "2005";
    CHECK_INT(firmnet_graph_new(&g, demo, &o), 0);
    CHECK_INT(firmnet_graph_vertex_count(g), 351);
    /* per-wave ties are distinct per layer; across layers pairs may repeat, so edges <= ties */
    CHECK(firmnet_graph_edge_count(g) <= 2951);
    CHECK(firmnet_graph_edge_count(g) > 2500);
    check_index(g);
    firmnet_graph_free(g);
    /* every kind of view of the demo: directed and undirected, one layer, all waves */
    const char *layers[] = {"all", "trade", "service", "rnd"};
    for (int u = 0; u < 2; u++) {
        for (int k = 0; k < 4; k++) {
            o.wave = k == 1 ? "2007" : NULL;
            o.layers = layers[k];
            o.undirected = u;
            CHECK_INT(firmnet_graph_new(&g, demo, &o), 0);
            CHECK(firmnet_graph_edge_count(g) > 0);
            check_index(g);
            firmnet_graph_free(g);
        }
    }
    firmnet_network_free(demo);
    firmnet_network_free(net);
    return test_done();
}
