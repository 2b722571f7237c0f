/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The E-I index: a small graph worked by hand, the expected value against exact enumeration
 * of all relabellings of a tiny graph, reproducible permutation p-values. */
#include <stdbool.h>

#include "test.h"

static firmnet_network *load(const char *actors, const char *ties)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path(actors), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path(ties), NULL, NULL), 0);
    return net;
}

static firmnet_graph *view(const firmnet_network *net, const char *wave, int undirected)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    o.wave = wave;
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

/*
 * The small graph, wave w1, by type. Groups: firm {A B D F G I}, research {E}, service {H},
 * university {C}. Ties (weight): internal A->B 3, B->A 1, B->F 5, F->D 1, A->G 1, G->B 2;
 * external A->C 3, C->A 1, C->D 1, D->E 6, E->D 1, E->A 2, H->C 1.
 */
static void test_by_hand(const firmnet_network *small)
{
    firmnet_graph *g = view(small, "w1", 0);
    firmnet_ei_options o = FIRMNET_EI_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.permutations = 200;
    CHECK_INT(firmnet_ei(&t, g, "type", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 5);
    CHECK_STR(scell(t, "group", 0), "*");
    CHECK_STR(scell(t, "group", 1), "firm");
    CHECK_STR(scell(t, "group", 2), "research");
    CHECK_STR(firmnet_table_column_name(t, 0), "group");
    CHECK_STR(firmnet_table_column_name(t, 1), "n_actors");
    CHECK_STR(firmnet_table_column_name(t, 9), "p_perm");
    /* network */
    CHECK_NEAR(cell(t, "n_actors", 0), 9, 0);
    CHECK_NEAR(cell(t, "internal", 0), 6, 0);
    CHECK_NEAR(cell(t, "external_out", 0), 7, 0);
    CHECK_NEAR(cell(t, "external_in", 0), 7, 0);
    CHECK_NEAR(cell(t, "ei", 0), 1.0 / 13, 1e-15);
    CHECK_NEAR(cell(t, "ei_out", 0), 1.0 / 13, 1e-15);
    CHECK_NEAR(cell(t, "ei_weighted", 0), (15.0 - 13) / 28, 1e-15);
    /* 1 - 2 (6 * 5) / (9 * 8) */
    CHECK_NEAR(cell(t, "ei_expected", 0), 1.0 / 6, 1e-15);
    /* firms: 6 internal, 2 sent out (A->C, D->E), 4 received (C->A, C->D, E->D, E->A) */
    CHECK_NEAR(cell(t, "n_actors", 1), 6, 0);
    CHECK_NEAR(cell(t, "internal", 1), 6, 0);
    CHECK_NEAR(cell(t, "external_out", 1), 2, 0);
    CHECK_NEAR(cell(t, "external_in", 1), 4, 0);
    CHECK_NEAR(cell(t, "ei", 1), 0, 1e-15);
    CHECK_NEAR(cell(t, "ei_out", 1), -0.5, 1e-15);
    CHECK_NEAR(cell(t, "ei_weighted", 1), (9.0 + 5 - 13) / (9 + 5 + 13), 1e-15);
    /* (2 (9 - 6) - (6 - 1)) / (2 (9 - 6) + (6 - 1)) */
    CHECK_NEAR(cell(t, "ei_expected", 1), 1.0 / 11, 1e-15);
    /* the research institute: E->D, E->A out, D->E in; a single actor expects 1 */
    CHECK_NEAR(cell(t, "external_out", 2), 2, 0);
    CHECK_NEAR(cell(t, "external_in", 2), 1, 0);
    CHECK_NEAR(cell(t, "ei", 2), 1, 0);
    CHECK_NEAR(cell(t, "ei_expected", 2), 1, 0);
    /* p-values are shares of 200 */
    double p = cell(t, "p_perm", 0);
    CHECK(p >= 0 && p <= 1 && fabs(p * 200 - (double)(long)(p * 200 + 0.5)) < 1e-9);
    CHECK(cell(t, "p_ge", 0) + cell(t, "p_le", 0) >= 1);
    /* a singleton's E-I is 1 under every relabelling that gives it a tie */
    CHECK_NEAR(cell(t, "p_perm", 2), 1, 0);
    CHECK_NEAR(cell(t, "perm_mean", 2), 1, 0);
    firmnet_table_free(t);

    /* per actor: A has internal A->B, B->A, A->G and external A->C, C->A, E->A */
    CHECK_INT(firmnet_ei_actors(&t, g, "type", NULL), 0);
    CHECK_INT(firmnet_table_ncols(t), 7);
    CHECK_STR(scell(t, "id", 0), "A");
    CHECK_STR(scell(t, "group", 0), "firm");
    CHECK_NEAR(cell(t, "internal", 0), 3, 0);
    CHECK_NEAR(cell(t, "external", 0), 3, 0);
    CHECK_NEAR(cell(t, "ei", 0), 0, 0);
    CHECK_NEAR(cell(t, "ei_weighted", 0), (6.0 - 5) / 11, 1e-15);
    CHECK_NEAR(cell(t, "ei_expected", 0), 1 - 2 * 5.0 / 8, 1e-15);
    /* I is isolated */
    CHECK_NEAR(cell(t, "internal", 8), 0, 0);
    CHECK(isnan(cell(t, "ei", 8)));
    CHECK_NEAR(cell(t, "ei_expected", 8), -0.25, 1e-15);
    firmnet_table_free(t);
    firmnet_graph_free(g);

    /* undirected: A-B, B-F, D-F, A-G, B-G internal; A-C, C-D, D-E, A-E, C-H external */
    g = view(small, "w1", 1);
    o.permutations = 0;
    CHECK_INT(firmnet_ei(&t, g, "type", &o), 0);
    CHECK_NEAR(cell(t, "internal", 0), 5, 0);
    CHECK_NEAR(cell(t, "external_out", 0), 5, 0);
    CHECK(isnan(cell(t, "external_in", 0)));
    CHECK_NEAR(cell(t, "ei", 0), 0, 0);
    CHECK_NEAR(cell(t, "internal", 1), 5, 0);
    CHECK_NEAR(cell(t, "external_out", 1), 4, 0);
    CHECK(isnan(cell(t, "external_in", 1)));
    CHECK_NEAR(cell(t, "ei", 1), -1.0 / 9, 1e-15);
    CHECK_NEAR(cell(t, "ei_out", 1), -1.0 / 9, 1e-15);
    CHECK(isnan(cell(t, "p_perm", 0)));
    CHECK(isnan(cell(t, "perm_mean", 0)));
    firmnet_table_free(t);
    firmnet_graph_free(g);
}

/* Blank MC values: a group "" by default; with EXCLUDE only A, B (M1), D, E (M2) remain, with
 * ties A->B, B->A, D->E, E->D inside and E->A across. */
static void test_blank(const firmnet_network *small)
{
    firmnet_graph *g = view(small, "w1", 0);
    firmnet_ei_options o = FIRMNET_EI_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.permutations = 0;
    CHECK_INT(firmnet_ei(&t, g, "mc", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 4);
    CHECK_STR(scell(t, "group", 1), "");
    CHECK_NEAR(cell(t, "n_actors", 1), 5, 0);
    firmnet_table_free(t);
    o.blank = FIRMNET_BLANK_EXCLUDE;
    CHECK_INT(firmnet_ei(&t, g, "mc", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 3);
    CHECK_STR(scell(t, "group", 1), "M1");
    CHECK_NEAR(cell(t, "n_actors", 0), 4, 0);
    CHECK_NEAR(cell(t, "internal", 0), 4, 0);
    CHECK_NEAR(cell(t, "external_out", 0), 1, 0);
    CHECK_NEAR(cell(t, "ei", 0), -0.6, 1e-15);
    CHECK_NEAR(cell(t, "ei_expected", 0), 1 - 2 * 4.0 / 12, 1e-15);
    firmnet_table_free(t);
    /* nobody has a value of tech: no actor and no tie is left */
    o.permutations = 10;
    CHECK_INT(firmnet_ei(&t, g, "tech", &o), 0);
    CHECK_INT(firmnet_table_nrows(t), 1);
    CHECK_NEAR(cell(t, "n_actors", 0), 0, 0);
    CHECK(isnan(cell(t, "ei", 0)));
    CHECK(isnan(cell(t, "ei_expected", 0)));
    CHECK(isnan(cell(t, "p_perm", 0)));
    firmnet_table_free(t);
    o.permutations = 0;
    CHECK_INT(firmnet_ei_actors(&t, g, "mc", &o), 0);
    CHECK_STR(scell(t, "group", 2), ""); /* C has no MC */
    CHECK(isnan(cell(t, "internal", 2)));
    CHECK(isnan(cell(t, "ei_expected", 2)));
    CHECK_NEAR(cell(t, "internal", 0), 2, 0); /* A: A->B, B->A; E->A external */
    CHECK_NEAR(cell(t, "external", 0), 1, 0);
    firmnet_table_free(t);
    firmnet_graph_free(g);
}

/* ---- exact enumeration on a tiny graph ----------------------------------------------------- */

#define TN 6
#define TM 7
static const int tiny_from[TM] = {0, 1, 2, 3, 4, 5, 1};
static const int tiny_to[TM] = {1, 2, 0, 4, 5, 0, 3};
static const char *const tiny_group[TN] = {"x", "x", "x", "y", "y", "z"};

/* E-I of the network and of group "x" under labelling @p lab (group letters). */
static void tiny_ei(const char *const *lab, double *net, double *x_in, double *x_ext)
{
    double in = 0, ext = 0;
    *x_in = *x_ext = 0;
    for (int e = 0; e < TM; e++) {
        const char *a = lab[tiny_from[e]], *b = lab[tiny_to[e]];
        bool same = strcmp(a, b) == 0;
        in += same;
        ext += !same;
        if (same && a[0] == 'x') {
            (*x_in)++;
        } else if (!same && (a[0] == 'x' || b[0] == 'x')) {
            (*x_ext)++;
        }
    }
    *net = (ext - in) / (ext + in);
}

static bool next_permutation(int *p, int n)
{
    int i = n - 2, j = n - 1;
    while (i >= 0 && p[i] >= p[i + 1]) {
        i--;
    }
    if (i < 0) {
        return false;
    }
    while (p[j] <= p[i]) {
        j--;
    }
    int x = p[i];
    p[i] = p[j];
    p[j] = x;
    for (int a = i + 1, b = n - 1; a < b; a++, b--) {
        x = p[a];
        p[a] = p[b];
        p[b] = x;
    }
    return true;
}

static void test_enumeration(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL;
    firmnet_ei_options o = FIRMNET_EI_OPTIONS_INIT;
    const char *names[] = {"type"};
    char ids[TN][4];
    int perm[TN];
    double sum = 0, sum_in = 0, sum_ext = 0, count = 0, extreme = 0, obs, obs_in, obs_ext;

    CHECK_INT(firmnet_network_new(&net), 0);
    for (int i = 0; i < TN; i++) {
        snprintf(ids[i], sizeof ids[i], "v%d", i);
        CHECK_INT(firmnet_network_add_actor(net, ids[i], 1, names, &tiny_group[i]), 0);
        perm[i] = i;
    }
    for (int e = 0; e < TM; e++) {
        CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, ids[tiny_from[e]], ids[tiny_to[e]], 1,
                                          NULL, NULL),
                  0);
    }
    g = view(net, NULL, 0);
    tiny_ei(tiny_group, &obs, &obs_in, &obs_ext);
    /* all 720 relabellings: actor i gets the label of actor perm[i] */
    double expect = 1 - 2 * (3.0 * 2 + 2 * 1 + 0) / (6 * 5);
    do {
        const char *lab[TN];
        double v, vin, vext;
        for (int i = 0; i < TN; i++) {
            lab[i] = tiny_group[perm[i]];
        }
        tiny_ei(lab, &v, &vin, &vext);
        sum += v;
        sum_in += vin;
        sum_ext += vext;
        extreme += fabs(v - expect) >= fabs(obs - expect) - 1e-12;
        count++;
    } while (next_permutation(perm, TN));
    CHECK_NEAR(count, 720, 0);

    o.permutations = 20000;
    o.seed = 42;
    CHECK_INT(firmnet_ei(&t, g, "type", &o), 0);
    CHECK_NEAR(cell(t, "ei", 0), obs, 1e-15);
    CHECK_NEAR(cell(t, "ei_expected", 0), expect, 1e-15);
    /* the expectation is exact: the mean over every relabelling */
    CHECK_NEAR(cell(t, "ei_expected", 0), sum / count, 1e-12);
    /* group x: the ratio of the expected numbers of external and internal ties */
    double ein = sum_in / count, eext = sum_ext / count;
    CHECK_NEAR(cell(t, "ei_expected", 1), (eext - ein) / (eext + ein), 1e-12);
    /* the permutation estimates are within Monte Carlo error of the exact ones */
    double p_exact = extreme / count;
    CHECK(fabs(cell(t, "p_perm", 0) - p_exact) < 0.02);
    CHECK(fabs(cell(t, "perm_mean", 0) - sum / count) < 0.01);
    fprintf(stderr, "tiny graph: E-I %.6f, exact mean %.6f, p exact %.4f, permuted %.4f\n", obs,
            sum / count, p_exact, cell(t, "p_perm", 0));
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

/* ---- reproducibility, progress, errors ----------------------------------------------------- */

static int calls;
static int stop_at_300(const char *what, double done, double total, void *payload)
{
    (void)payload;
    calls++;
    CHECK_STR(what, "permutations");
    CHECK(total == 1000);
    return done >= 300;
}

static void test_seed(const firmnet_network *demo)
{
    firmnet_graph *g = view(demo, "2005", 0);
    firmnet_ei_options o = FIRMNET_EI_OPTIONS_INIT;
    firmnet_table *a = NULL, *b = NULL, *c = NULL;
    o.permutations = 500;
    o.seed = 7;
    CHECK_INT(firmnet_ei(&a, g, "cluster", &o), 0);
    CHECK_INT(firmnet_ei(&b, g, "cluster", &o), 0);
    o.seed = 8;
    CHECK_INT(firmnet_ei(&c, g, "cluster", &o), 0);
    size_t same = 0, differ = 0;
    for (size_t r = 0; r < firmnet_table_nrows(a); r++) {
        for (size_t col = 1; col < firmnet_table_ncols(a); col++) {
            double x = firmnet_table_get_double(a, col, r), y = firmnet_table_get_double(b, col, r);
            same += (x == y) || (isnan(x) && isnan(y));
        }
        differ += cell(a, "perm_mean", r) != cell(c, "perm_mean", r);
    }
    CHECK_INT(same, firmnet_table_nrows(a) * (firmnet_table_ncols(a) - 1));
    CHECK(differ > 0);
    /* the observed values do not depend on the seed */
    CHECK_NEAR(cell(a, "ei", 0), cell(c, "ei", 0), 0);

    /* the network row against a direct count of the view's ties */
    {
        size_t m = firmnet_graph_edge_count(g);
        int64_t *from = malloc(m * sizeof *from), *to = malloc(m * sizeof *to);
        double in = 0, ext = 0;
        CHECK_INT(firmnet_graph_edges(g, from, to, NULL, m), 0);
        for (size_t e = 0; e < m; e++) {
            const char *x = firmnet_network_actor_attribute(demo, (size_t)from[e], "cluster");
            const char *y = firmnet_network_actor_attribute(demo, (size_t)to[e], "cluster");
            in += strcmp(x, y) == 0;
            ext += strcmp(x, y) != 0;
        }
        CHECK_NEAR(cell(a, "internal", 0), in, 0);
        CHECK_NEAR(cell(a, "ei", 0), (ext - in) / (ext + in), 1e-15);
        free(from);
        free(to);
    }
    firmnet_table_free(a);
    firmnet_table_free(b);
    firmnet_table_free(c);

    /* a progress callback that stops */
    a = NULL;
    o.permutations = 1000;
    o.progress = stop_at_300;
    CHECK_INT(firmnet_ei(&a, g, "cluster", &o), FIRMNET_ECANCEL);
    CHECK_ERR("cancel");
    CHECK_INT(calls, 3);
    CHECK(a == NULL);
    firmnet_graph_free(g);
}

static void test_errors(const firmnet_network *small)
{
    firmnet_graph *g = view(small, NULL, 0);
    firmnet_ei_options o;
    firmnet_table *t = NULL;
    CHECK_INT(firmnet_ei_options_init(&o, 0), FIRMNET_EINVAL);
    CHECK_INT(firmnet_ei_options_init(&o, FIRMNET_EI_OPTIONS_VERSION), 0);
    CHECK_INT(o.permutations, 5000);
    CHECK_INT(firmnet_ei(&t, g, "nonesuch", &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("nonesuch");
    CHECK_INT(firmnet_ei_actors(&t, g, "nonesuch", &o), FIRMNET_ENOTFOUND);
    CHECK_INT(firmnet_ei(&t, g, NULL, &o), FIRMNET_EINVAL);
    CHECK_INT(firmnet_ei(NULL, g, "type", &o), FIRMNET_EINVAL);
    o.version = 0;
    CHECK_INT(firmnet_ei(&t, g, "type", &o), FIRMNET_EINVAL);
    CHECK(t == NULL);
    firmnet_graph_free(g);
}

int main(void)
{
    firmnet_network *demo = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_network *small =
        load("tests/data/embeddedness/small_actors.csv", "tests/data/embeddedness/small_ties.csv");
    test_by_hand(small);
    test_blank(small);
    test_enumeration();
    test_seed(demo);
    test_errors(small);
    firmnet_network_free(demo);
    firmnet_network_free(small);
    return test_done();
}
