/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Allocation failure injection: for every N, make the N-th allocation of a load-and-analyse
 * path fail. Each run must return FIRMNET_ENOMEM (or succeed when N is past the last
 * allocation), leave the network consistent, and leak nothing (run under ASan/LSan in CI).
 */
#include "internal.h"
#include "test.h"

static const char actors[] = "id,type,cluster,region,sales\nA,firm,C1,R1,1\nB,firm,C1,R1,2\n"
                             "C,research,C2,R2,\n";
static const char ties[] = "wave,layer,source,target,weight\n2005,trade,A,B,2\n"
                           "2005,rnd,A,C,1\n2005,trade,A,B,1\n2007,service.x,C,D,1\n";

/* One pass; returns the first failing code or 0. */
static int pass(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL, *a = NULL;
    int rc = firmnet_network_new(&net);
    if (rc == 0) {
        rc = firmnet_network_read_actors_buffer(net, actors, sizeof actors - 1, "a", NULL, NULL);
    }
    if (rc == 0) {
        rc = firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL);
    }
    if (rc == 0) {
        rc = firmnet_graph_new(&g, net, NULL);
    }
    if (rc == 0) {
        rc = firmnet_summary(&t, net);
    }
    if (rc == 0) {
        rc = firmnet_network_actors_table(&a, net);
    }
    if (rc < 0 && net != NULL) {
        /* a failed call leaves a usable network: counts stay within what was read */
        CHECK(firmnet_network_tie_count(net) <= 3);
        CHECK(firmnet_network_actor_count(net) <= 4);
    }
    firmnet_table_free(a);
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
    return rc;
}

int main(void)
{
    long total;
    firmnet_i_fail_alloc_at(0);
    CHECK_INT(pass(), 0);
    total = firmnet_i_alloc_count();
    CHECK(total > 50);
    for (long n = 1; n <= total + 1; n++) {
        firmnet_i_fail_alloc_at(n);
        int rc = pass();
        if (n <= total) {
            /* igraph allocates on its own; only our allocations are injected */
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
    return test_done();
}
