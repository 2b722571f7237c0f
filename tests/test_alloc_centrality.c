/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Allocation failure injection for centrality: for every N, make the N-th allocation of
 * firmnet_centrality() (all measures, sampled betweenness, a directed view with a mutual tie)
 * and firmnet_centralization() fail. Each run must return FIRMNET_ENOMEM, or succeed when N is
 * past the last allocation, and leak nothing (run under ASan/LSan in CI).
 */
#include "internal.h"
#include "test.h"

static const char ties[] = "source,target,weight\nA,B,2\nB,A,1\nB,C,3\nC,A,1\nC,D,2\nD,E,1\n";

static int pass(const firmnet_graph *g)
{
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t = NULL, *c = NULL;
    o.betweenness = FIRMNET_BETWEENNESS_SAMPLED;
    o.samples = 3;
    int rc = firmnet_centrality(&t, g, &o);
    if (rc == 0) {
        rc = firmnet_centralization(&c, g, &o);
    }
    if (rc < 0) {
        CHECK(t == NULL || c == NULL);
    }
    firmnet_table_free(t);
    firmnet_table_free(c);
    return rc;
}

int main(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    long total;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);

    firmnet_i_fail_alloc_at(0);
    CHECK_INT(pass(g), 0);
    total = firmnet_i_alloc_count();
    CHECK(total > 20);
    for (long n = 1; n <= total + 1; n++) {
        firmnet_i_fail_alloc_at(n);
        int rc = pass(g);
        if (n <= total) {
            if (rc != FIRMNET_ENOMEM) {
                fprintf(stderr, "allocation %ld of %ld: rc %d (%s)\n", n, total, rc,
                        firmnet_last_error());
            }
            CHECK_INT(rc, FIRMNET_ENOMEM);
        } else {
            CHECK_INT(rc, 0);
        }
    }
    firmnet_i_fail_alloc_at(0);
    printf("injected failures at each of %ld allocations\n", total);
    firmnet_graph_free(g);
    firmnet_network_free(net);
    return test_done();
}
