/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The error bound of sampled betweenness (firmnet_betweenness_error_bound()) on a generated
 * transaction network of 20,000 actors (gen-transactions, heavy-tailed degrees): for several
 * seeds and sample sizes, every actor's normalized estimate lies within the bound of the
 * exact value; estimates are the same to the bit on one thread and on two. Suite 'slow'.
 *
 *   test_betweenness_bound TIES.csv.gz
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <firmnet.h>

#include "../test.h"

static double *column(const firmnet_table *t, const char *name)
{
    size_t n = firmnet_table_nrows(t), c = 0;
    double *x = malloc(n * sizeof *x);
    while (strcmp(firmnet_table_column_name(t, c), name) != 0) {
        c++;
    }
    for (size_t i = 0; i < n; i++) {
        x[i] = firmnet_table_get_double(t, c, i);
    }
    return x;
}

static double *betweenness(const firmnet_graph *g, size_t samples, uint64_t seed,
                           unsigned int threads)
{
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.measures = "betweenness";
    o.normalized = 1;
    o.betweenness = samples ? FIRMNET_BETWEENNESS_SAMPLED : FIRMNET_BETWEENNESS_EXACT;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    CHECK_INT(firmnet_centrality(&t, g, &o), 0);
    double *x = column(t, "betweenness");
    firmnet_table_free(t);
    return x;
}

int main(int argc, char **argv)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s TIES.csv.gz\n", argv[0]);
        return 2;
    }
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties(net, argv[1], NULL, NULL), 0);
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    size_t n = firmnet_graph_vertex_count(g);
    CHECK(n > 19000);
    double *exact = betweenness(g, 0, 1, 0);
    /* k = 100, 1000 and the default (epsilon 0.05, delta 0.1); under the sanitizers, which
     * slow the searches down tenfold, the first two only. */
    const size_t sizes[] = {100, 1000, firmnet_betweenness_sample_size(n, 0.05, 0.1)};
#if defined(__SANITIZE_ADDRESS__)
    const size_t nsizes = 2;
#else
    const size_t nsizes = 3;
#endif
    for (size_t s = 0; s < nsizes; s++) {
        for (uint64_t seed = 1; seed <= 2; seed++) {
            double *est = betweenness(g, sizes[s], seed, 2);
            double bound = firmnet_betweenness_error_bound(n, sizes[s], 0.1), worst = 0;
            for (size_t i = 0; i < n; i++) {
                worst = fmax(worst, fabs(est[i] - exact[i]));
            }
            printf("n=%zu k=%zu seed=%llu: max error %.3g, bound %.3g\n", n, sizes[s],
                   (unsigned long long)seed, worst, bound);
            CHECK(worst <= bound);
            CHECK(worst > 0);
            if (seed == 1 && s == 1) {
                double *one = betweenness(g, sizes[s], seed, 1);
                CHECK(memcmp(one, est, n * sizeof *one) == 0);
                free(one);
            }
            free(est);
        }
    }
    free(exact);
    firmnet_graph_free(g);
    firmnet_network_free(net);
    return test_done();
}
