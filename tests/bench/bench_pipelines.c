/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The benchmark pipelines through firmnet's public API (issue 8):
 *   P1  read gzip ties, all-layer weighted directed view (parallel ties summed), in/out
 *       strength, weighted PageRank
 *   P2  P1 + coreness
 *   P3  exact weighted betweenness
 *   P4  sampled betweenness (--samples K sources)
 *   P5  MC comparison with 9,999 stratified permutations (--actors FILE with mc and size)
 *   P6  Burt's constraint (structural embeddedness)
 *
 *   bench-pipelines P1 ties.csv.gz [--samples K] [--actors FILE] [--threads N]
 * prints "seconds=<wall time>" for the whole pipeline, reading included, and on stderr the
 * time of each phase (read, view, analysis).
 */
#include <firmnet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Peak resident memory so far, MiB. */
static double peak_mib(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

static int fail(const char *what)
{
    fprintf(stderr, "bench-pipelines: %s: %s\n", what, firmnet_last_error());
    return 1;
}

int main(int argc, char **argv)
{
    const char *pipeline, *ties, *actors = NULL;
    size_t samples = 0;
    unsigned int threads = 0;
    firmnet_network *net = NULL;
    firmnet_graph *view = NULL;
    firmnet_table *t = NULL;
    int rc = 0;
    if (argc < 3) {
        fprintf(stderr, "usage: %s P1..P6 TIES [--samples K] [--actors FILE] [--threads N]\n", argv[0]);
        return 2;
    }
    pipeline = argv[1];
    ties = argv[2];
    for (int i = 3; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--samples") == 0) {
            samples = strtoull(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--actors") == 0) {
            actors = argv[i + 1];
        } else if (strcmp(argv[i], "--threads") == 0) {
            threads = (unsigned int)strtoul(argv[i + 1], NULL, 10);
        }
    }

    double t0 = now(), t1 = t0, t2 = t0, peak_read = 0, peak_view = 0;
    if (firmnet_network_new(&net) < 0) {
        return fail("network");
    }
    if (actors != NULL && firmnet_network_read_actors(net, actors, NULL, NULL) < 0) {
        rc = fail(actors);
        goto done;
    }
    if (firmnet_network_read_ties(net, ties, NULL, NULL) < 0) {
        rc = fail(ties);
        goto done;
    }
    t1 = t2 = now();
    peak_read = peak_view = peak_mib();
    if (strcmp(pipeline, "P5") == 0) {
        firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
        firmnet_change_result *res = NULL;
        o.layers = "all";
        o.permutations = 9999;
        o.bootstrap = 0;
        if (firmnet_change(&res, net, &o) < 0) {
            rc = fail("change");
        }
        firmnet_change_result_free(res);
        goto done;
    }
    if (firmnet_graph_new(&view, net, NULL) < 0) {
        rc = fail("view");
        goto done;
    }
    t2 = now();
    peak_view = peak_mib();
    if (strcmp(pipeline, "P6") == 0) {
        firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
        o.measures = FIRMNET_EMBEDDEDNESS_STRUCTURAL;
        if (firmnet_embeddedness(&t, view, &o) < 0) {
            rc = fail("embeddedness");
        }
        goto done;
    }
    firmnet_centrality_options o = FIRMNET_CENTRALITY_OPTIONS_INIT;
    o.threads = threads;
    if (strcmp(pipeline, "P1") == 0) {
        o.measures = "strength_in,strength_out,pagerank";
    } else if (strcmp(pipeline, "P2") == 0) {
        o.measures = "strength_in,strength_out,pagerank,coreness";
    } else if (strcmp(pipeline, "P3") == 0) {
        o.measures = "betweenness";
        o.betweenness = FIRMNET_BETWEENNESS_EXACT;
    } else if (strcmp(pipeline, "P4") == 0) {
        o.measures = "betweenness";
        o.betweenness = FIRMNET_BETWEENNESS_SAMPLED;
        o.samples = samples;
        o.seed = 1;
    } else {
        fprintf(stderr, "bench-pipelines: unknown pipeline '%s'\n", pipeline);
        rc = 2;
        goto done;
    }
    if (firmnet_centrality(&t, view, &o) < 0) {
        rc = fail("centrality");
    }
done:
    if (rc == 0) {
        double t3 = now();
        printf("seconds=%.4f\n", t3 - t0);
        fprintf(stderr, "read=%.3f view=%.3f analysis=%.3f s; peak after read %.0f, view %.0f, "
                "analysis %.0f MiB\n", t1 - t0, t2 - t1, t3 - t2, peak_read, peak_view, peak_mib());
    }
    firmnet_table_free(t);
    firmnet_graph_free(view);
    firmnet_network_free(net);
    return rc;
}
