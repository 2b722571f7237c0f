/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fast paths give the same bits as the straightforward ones: Burt's measures with hubs looked
 * up from the small side (firmnet_i_hub_ratio) against the plain scan, on a network with
 * heavy-tailed degrees, directed and undirected, weighted and unweighted; firmnet's coreness
 * against igraph_coreness() in every mode. (Betweenness on any number of threads:
 * tests/test_betweenness.c.)
 */
#include <stdint.h>

#include "internal.h"
#include "test.h"

/* 600 actors; a few hubs with hundreds of contacts, most actors with a handful. */
static firmnet_network *hub_network(void)
{
    firmnet_network *net = NULL;
    uint64_t s = 5;
    char a[16], b[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < 6000; k++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t x = (s >> 33) % 600, r = (s >> 20) % 100;
        /* a quarter of the ties go to one of five hubs, many others to a close neighbour */
        size_t y = r < 25 ? r % 5 : r < 70 ? (x + 1 + r % 9) % 600 : (s >> 45) % 600;
        if (x == y) {
            continue;
        }
        snprintf(a, sizeof a, "a%zu", x);
        snprintf(b, sizeof b, "a%zu", y);
        CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, a, b, 0.5 + (double)((s >> 50) % 9),
                                          NULL, NULL),
                  0);
    }
    return net;
}

static firmnet_table *burt(const firmnet_graph *g, int unweighted, size_t ratio)
{
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.measures = FIRMNET_EMBEDDEDNESS_STRUCTURAL;
    o.unweighted = unweighted;
    firmnet_i_hub_ratio = ratio;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    firmnet_i_hub_ratio = 8;
    return t;
}

static void same_bits(const firmnet_table *x, const firmnet_table *y)
{
    size_t n = firmnet_table_nrows(x);
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    CHECK_INT(firmnet_table_ncols(x), firmnet_table_ncols(y));
    for (size_t c = 0; c < firmnet_table_ncols(x); c++) {
        if (firmnet_table_column_type(x, c) != FIRMNET_COLUMN_DOUBLE) {
            continue;
        }
        CHECK_INT(firmnet_table_get_doubles(x, c, a, n), 0);
        CHECK_INT(firmnet_table_get_doubles(y, c, b, n), 0);
        if (memcmp(a, b, n * sizeof *a) != 0) {
            fprintf(stderr, "column %s differs\n", firmnet_table_column_name(x, c));
        }
        CHECK(memcmp(a, b, n * sizeof *a) == 0);
    }
    free(a);
    free(b);
}

/* Random graphs with hubs, reciprocated and repeated ties, loops and isolates. */
static void test_coreness(void)
{
    uint64_t s = 99;
    for (int directed = 0; directed <= 1; directed++) {
        for (size_t n = 1; n <= 2001; n += 500) {
            igraph_vector_int_t edges;
            igraph_vector_int_t ref;
            igraph_t g;
            size_t m = 3 * n;
            double *mine = malloc(n * sizeof *mine);
            igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
            for (size_t e = 0; e < m; e++) {
                s = s * 6364136223846793005ULL + 1442695040888963407ULL;
                size_t a = (s >> 33) % n, r = (s >> 20) % 10;
                size_t b = r < 3 ? (s >> 45) % 7 % n : r < 8 ? (a + 1 + r) % n : (s >> 40) % n;
                if (e % 50 == 7 && e > 0) { /* the reverse of the previous tie */
                    a = (size_t)VECTOR(edges)[2 * e - 1];
                    b = (size_t)VECTOR(edges)[2 * e - 2];
                }
                VECTOR(edges)[2 * e] = (igraph_integer_t)a;
                VECTOR(edges)[2 * e + 1] = (igraph_integer_t)b;
            }
            igraph_create(&g, &edges, (igraph_integer_t)n, directed);
            igraph_vector_int_init(&ref, 0);
            const igraph_neimode_t modes[] = {IGRAPH_ALL, IGRAPH_OUT, IGRAPH_IN};
            for (int k = 0; k < 3; k++) {
                CHECK_INT(igraph_coreness(&g, &ref, modes[k]), 0);
                CHECK_INT(firmnet_i_coreness(mine, &g, modes[k]), 0);
                size_t bad = 0;
                for (size_t v = 0; v < n; v++) {
                    bad += mine[v] != (double)VECTOR(ref)[v];
                }
                if (bad) {
                    fprintf(stderr, "coreness n=%zu directed=%d mode %d: %zu differ\n", n,
                            directed, k, bad);
                }
                CHECK(bad == 0);
            }
            igraph_vector_int_destroy(&ref);
            igraph_vector_int_destroy(&edges);
            igraph_destroy(&g);
            free(mine);
        }
    }
}

int main(void)
{
    test_coreness();
    firmnet_network *net = hub_network();
    for (int undirected = 0; undirected <= 1; undirected++) {
        firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
        firmnet_graph *g = NULL;
        go.undirected = undirected;
        CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
        for (int unweighted = 0; unweighted <= 1; unweighted++) {
            firmnet_table *scan = burt(g, unweighted, SIZE_MAX);
            firmnet_table *lookup = burt(g, unweighted, 0);
            firmnet_table *mixed = burt(g, unweighted, 8);
            same_bits(scan, lookup);
            same_bits(scan, mixed);
            firmnet_table_free(scan);
            firmnet_table_free(lookup);
            firmnet_table_free(mixed);
        }
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);
    return test_done();
}
