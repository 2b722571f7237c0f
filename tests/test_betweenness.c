/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * firmnet's own Brandes betweenness (lib/betweenness.c) against igraph_betweenness() and
 * igraph_betweenness_subset() on random graphs (directed and undirected, weighted with many
 * equal-length paths and unweighted, with loops and multiple ties), to 1e-12 relative; and
 * bit-identical results for every thread count.
 */
#include <math.h>
#include <string.h>

#include "internal.h"
#include "test.h"

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

/* n vertices, about deg ties per vertex, partners mostly nearby; a few loops and repeated
 * ties; lengths 1/w for w in 1..4, so many paths tie exactly or to within rounding
 * (1/2 + 1/2 = 1, 1/3 + 2/3 ...). */
static void random_graph(igraph_t *g, igraph_vector_t *len, size_t n, size_t deg, bool directed,
                         uint64_t seed)
{
    igraph_vector_int_t edges;
    size_t m = n * deg;
    igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
    igraph_vector_init(len, (igraph_integer_t)m);
    for (size_t e = 0; e < m; e++) {
        size_t a = lcg(&seed) % n;
        size_t b = lcg(&seed) % 10 == 0 ? lcg(&seed) % n : (a + 1 + lcg(&seed) % 20) % n;
        if (e % 97 == 0) {
            b = a; /* a loop */
        }
        if (e % 89 == 1) {
            a = (size_t)VECTOR(edges)[2 * (e - 1)]; /* the previous tie again */
            b = (size_t)VECTOR(edges)[2 * (e - 1) + 1];
        }
        VECTOR(edges)[2 * e] = (igraph_integer_t)a;
        VECTOR(edges)[2 * e + 1] = (igraph_integer_t)b;
        VECTOR(*len)[e] = 1.0 / (double)(1 + lcg(&seed) % 4);
    }
    igraph_create(g, &edges, (igraph_integer_t)n, directed);
    igraph_vector_int_destroy(&edges);
}

static void check_close(const double *mine, const igraph_vector_t *ref, size_t n, const char *what)
{
    double worst = 0;
    for (size_t i = 0; i < n; i++) {
        double r = VECTOR(*ref)[i];
        double err = fabs(mine[i] - r) / fmax(1.0, fabs(r));
        worst = fmax(worst, err);
    }
    if (worst > 1e-12) {
        fprintf(stderr, "%s: relative difference %g from igraph\n", what, worst);
    }
    CHECK(worst <= 1e-12);
}

static void one_case(size_t n, size_t deg, bool directed, bool weighted, uint64_t seed)
{
    igraph_t g;
    igraph_vector_t len, ref;
    igraph_vector_int_t src;
    size_t k = n / 7 + 1;
    uint32_t *sources = malloc(k * sizeof *sources);
    double *res = malloc(n * sizeof *res), *again = malloc(n * sizeof *again);
    char what[160];

    random_graph(&g, &len, n, deg, directed, seed);
    const double *l = weighted ? VECTOR(len) : NULL;
    igraph_vector_init(&ref, 0);
    snprintf(what, sizeof what, "n=%zu %s %s seed=%llu", n, directed ? "directed" : "undirected",
             weighted ? "weighted" : "unweighted", (unsigned long long)seed);

    /* exact: every thread count gives the same bits */
    CHECK_INT(igraph_betweenness(&g, &ref, igraph_vss_all(), true, weighted ? &len : NULL), 0);
    CHECK_INT(firmnet_i_betweenness(res, &g, l, NULL, 0, 1), 0);
    check_close(res, &ref, n, what);
    for (unsigned int t = 2; t <= 9; t += 3) {
        CHECK_INT(firmnet_i_betweenness(again, &g, l, NULL, 0, t), 0);
        CHECK(memcmp(res, again, n * sizeof *res) == 0);
    }
    /* the hubs-first numbering changes where the state lives, not the steps or their order */
    firmnet_i_hubs_first = false;
    CHECK_INT(firmnet_i_betweenness(again, &g, l, NULL, 0, 2), 0);
    firmnet_i_hubs_first = true;
    CHECK(memcmp(res, again, n * sizeof *res) == 0);

    /* a subset of sources, in no particular order, some repeated */
    igraph_vector_int_init(&src, (igraph_integer_t)k);
    for (size_t i = 0; i < k; i++) {
        sources[i] = (uint32_t)(lcg(&seed) % n);
        VECTOR(src)[i] = sources[i];
    }
    CHECK_INT(igraph_betweenness_subset(&g, &ref, igraph_vss_all(), true, igraph_vss_vector(&src),
                                        igraph_vss_all(), weighted ? &len : NULL),
              0);
    CHECK_INT(firmnet_i_betweenness(res, &g, l, sources, k, 1), 0);
    strcat(what, " subset");
    check_close(res, &ref, n, what);
    for (unsigned int t = 2; t <= 4; t++) {
        CHECK_INT(firmnet_i_betweenness(again, &g, l, sources, k, t), 0);
        CHECK(memcmp(res, again, n * sizeof *res) == 0);
    }
    firmnet_i_hubs_first = false;
    CHECK_INT(firmnet_i_betweenness(again, &g, l, sources, k, 3), 0);
    firmnet_i_hubs_first = true;
    CHECK(memcmp(res, again, n * sizeof *res) == 0);

    igraph_vector_int_destroy(&src);
    igraph_vector_destroy(&ref);
    igraph_vector_destroy(&len);
    igraph_destroy(&g);
    free(sources);
    free(res);
    free(again);
}

static void test_against_igraph(void)
{
    for (int directed = 0; directed <= 1; directed++) {
        for (int weighted = 0; weighted <= 1; weighted++) {
            one_case(300, 3, directed, weighted, 1);
            one_case(500, 2, directed, weighted, 2); /* sparse: many unreachable pairs */
            one_case(40, 8, directed, weighted, 3);  /* dense: many tied shortest paths */
        }
    }
}

/* Hand-worked: a path a - b - c and a diamond s -> {x, y} -> t with equal lengths
 * 1/2 + 1/2 and 1/3 + 2/3: b lies on the one a-c path, x and y on half of the s-t paths. */
static void test_small(void)
{
    igraph_t g;
    igraph_vector_int_t edges = {0};
    double res[4];
    double len[4] = {0.5, 1.0 / 3, 0.5, 2.0 / 3};
    igraph_integer_t path[] = {0, 1, 1, 2};
    igraph_integer_t diamond[] = {0, 1, 0, 2, 1, 3, 2, 3};

    igraph_vector_int_view(&edges, path, 4);
    igraph_create(&g, &edges, 3, IGRAPH_UNDIRECTED);
    CHECK_INT(firmnet_i_betweenness(res, &g, NULL, NULL, 0, 2), 0);
    CHECK_NEAR(res[0], 0, 0);
    CHECK_NEAR(res[1], 1, 0);
    CHECK_NEAR(res[2], 0, 0);
    igraph_destroy(&g);

    igraph_vector_int_view(&edges, diamond, 8);
    igraph_create(&g, &edges, 4, IGRAPH_DIRECTED);
    CHECK_INT(firmnet_i_betweenness(res, &g, len, NULL, 0, 1), 0);
    CHECK_NEAR(res[1], 0.5, 0);
    CHECK_NEAR(res[2], 0.5, 0);
    CHECK_NEAR(res[0] + res[3], 0, 0);
    len[3] = 0.75; /* now only via x */
    CHECK_INT(firmnet_i_betweenness(res, &g, len, NULL, 0, 1), 0);
    CHECK_NEAR(res[1], 1, 0);
    CHECK_NEAR(res[2], 0, 0);
    len[3] = 0;
    CHECK_INT(firmnet_i_betweenness(res, &g, len, NULL, 0, 1), FIRMNET_EDATA);
    CHECK_ERR("path lengths must be positive");
    len[3] = NAN;
    CHECK_INT(firmnet_i_betweenness(res, &g, len, NULL, 0, 1), FIRMNET_EDATA);
    igraph_destroy(&g);

    igraph_empty(&g, 0, IGRAPH_DIRECTED);
    CHECK_INT(firmnet_i_betweenness(res, &g, NULL, NULL, 0, 2), 0);
    igraph_destroy(&g);
    igraph_empty(&g, 3, IGRAPH_DIRECTED);
    res[0] = res[1] = res[2] = 7;
    CHECK_INT(firmnet_i_betweenness(res, &g, NULL, NULL, 0, 2), 0);
    CHECK_NEAR(res[0] + res[1] + res[2], 0, 0);
    igraph_destroy(&g);
}

/* Every allocation can fail, cleanly. */
static void test_alloc(void)
{
    igraph_t g;
    igraph_vector_t len;
    double res[60];
    uint32_t src[] = {3, 5, 7};
    long total;
    random_graph(&g, &len, 60, 3, true, 9);
    firmnet_i_fail_alloc_at(0);
    CHECK_INT(firmnet_i_betweenness(res, &g, VECTOR(len), src, 3, 2), 0);
    total = firmnet_i_alloc_count();
    CHECK(total > 5);
    for (long i = 1; i <= total; i++) {
        firmnet_i_fail_alloc_at(i);
        CHECK_INT(firmnet_i_betweenness(res, &g, VECTOR(len), src, 3, 2), FIRMNET_ENOMEM);
    }
    firmnet_i_fail_alloc_at(0);
    igraph_vector_destroy(&len);
    igraph_destroy(&g);
}

int main(void)
{
    test_small();
    test_against_igraph();
    test_alloc();
    return test_done();
}
