/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * firmnet_change(): a hand-worked pair of waves (tie change table with RSiena's definitions,
 * actor measures, gained/lost partners, the panel, strata, per-wave attributes), the demo data
 * against tests/data/change/demo_*.csv (networkx, Python sets and scipy; made by
 * tests/fixtures/make_change.py), reproducibility for a seed, a generated survey with a planted
 * effect, and errors.
 */
#include "test.h"

#include <unistd.h>

#include "survey_gen.h"

/* ---- helpers ------------------------------------------------------------------------------ */

/* The row whose first @p nkeys string columns (named in keys) equal vals, or SIZE_MAX. */
static size_t find_row(const firmnet_table *t, size_t nkeys, const char *const *keys,
                       const char *const *vals)
{
    size_t col[4];
    for (size_t k = 0; k < nkeys; k++) {
        if (firmnet_table_column_index(&col[k], t, keys[k]) < 0) {
            return SIZE_MAX;
        }
    }
    for (size_t r = 0; r < firmnet_table_nrows(t); r++) {
        size_t k = 0;
        while (k < nkeys && strcmp(firmnet_table_get_string(t, col[k], r), vals[k]) == 0) {
            k++;
        }
        if (k == nkeys) {
            return r;
        }
    }
    return SIZE_MAX;
}

static double get(const firmnet_table *t, size_t row, const char *name)
{
    size_t col;
    if (row == SIZE_MAX || firmnet_table_column_index(&col, t, name) < 0) {
        fprintf(stderr, "no cell (%zu, %s)\n", row, name);
        return -12345;
    }
    return firmnet_table_get_double(t, col, row);
}

/* actor table cell */
static double A(const firmnet_change_result *res, const char *id, const char *layer,
                const char *col)
{
    const char *keys[] = {"id", "layer"}, *vals[] = {id, layer};
    const firmnet_table *t = firmnet_change_actors(res);
    return get(t, find_row(t, 2, keys, vals), col);
}

/* group table cell */
static double G(const firmnet_change_result *res, const char *layer, const char *stratum,
                const char *measure, const char *col)
{
    const char *keys[] = {"layer", "stratum", "measure"}, *vals[] = {layer, stratum, measure};
    const firmnet_table *t = firmnet_change_groups(res);
    return get(t, find_row(t, 3, keys, vals), col);
}

/* tie table cell */
static double T(const firmnet_change_result *res, const char *layer, const char *block,
                const char *col)
{
    const char *keys[] = {"layer", "block"}, *vals[] = {layer, block};
    const firmnet_table *t = firmnet_change_ties(res);
    return get(t, find_row(t, 2, keys, vals), col);
}

/* A copy of @p t with a first column `key` joining the string columns keys[] with '|'. */
static firmnet_table *keyed(const firmnet_table *t, size_t nkeys, const char *const *keys)
{
    size_t n = firmnet_table_nrows(t), col[4];
    firmnet_table *out = NULL;
    char **k = calloc(n ? n : 1, sizeof *k);
    double *v = malloc((n ? n : 1) * sizeof *v);
    firmnet_table_new(&out, n);
    for (size_t j = 0; j < nkeys; j++) {
        firmnet_table_column_index(&col[j], t, keys[j]);
    }
    for (size_t r = 0; r < n; r++) {
        char buf[512] = "";
        for (size_t j = 0; j < nkeys; j++) {
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", j ? "|" : "",
                     firmnet_table_get_string(t, col[j], r));
        }
        k[r] = strdup(buf);
    }
    firmnet_table_add_string(out, "key", (const char *const *)k);
    for (size_t c = 0; c < firmnet_table_ncols(t); c++) {
        if (firmnet_table_column_type(t, c) == FIRMNET_COLUMN_DOUBLE) {
            firmnet_table_get_doubles(t, c, v, n);
            firmnet_table_add_double(out, firmnet_table_column_name(t, c), v);
        }
    }
    for (size_t r = 0; r < n; r++) {
        free(k[r]);
    }
    free(k);
    free(v);
    return out;
}

/* ---- the hand-worked network ---------------------------------------------------------------- */

/*
 * Actors (in this order): A large MC firm, B SME MC firm, C SME firm, D large firm in cluster
 * Y, E SME firm that answers in 2005 only, U MC university, S a Seoul service provider.
 *
 *   2005 trade  A->B 2, A->C 1, B->D 3, C->A 1, D->A 1, E->A 1
 *   2007 trade  A->B 2, A->D 4, B->D 1, C->A 2, D->C 1, B->E 1
 *   2005 rnd    A->U 1, U->B 1          2007 rnd      A->U 2, B->U 1, U->B 1
 *   2005 service.finance S->C 1         2007 service.finance S->B 1, S->C 1
 */
static firmnet_network *hand_network(void)
{
    static const char *const names[] = {"type", "size", "mc", "cluster", "region"};
    static const char *const actors[][6] = {
        {"A", "firm", "large", "M1", "X", "R"},     {"B", "firm", "sme", "M1", "X", "R"},
        {"C", "firm", "sme", "", "X", "R"},         {"D", "firm", "large", "no", "Y", "R"},
        {"E", "firm", "sme", "", "X", "R"},         {"U", "university", "", "M1", "X", "R"},
        {"S", "service", "", "", "", "Seoul"},
    };
    static const struct {
        const char *wave, *layer, *s, *t;
        double w;
    } ties[] = {
        {"2005", "trade", "A", "B", 2}, {"2005", "trade", "A", "C", 1},
        {"2005", "trade", "B", "D", 3}, {"2005", "trade", "C", "A", 1},
        {"2005", "trade", "D", "A", 1}, {"2005", "trade", "E", "A", 1},
        {"2007", "trade", "A", "B", 2}, {"2007", "trade", "A", "D", 4},
        {"2007", "trade", "B", "D", 1}, {"2007", "trade", "C", "A", 2},
        {"2007", "trade", "D", "C", 1}, {"2007", "trade", "B", "E", 1},
        {"2005", "rnd", "A", "U", 1},   {"2005", "rnd", "U", "B", 1},
        {"2007", "rnd", "A", "U", 2},   {"2007", "rnd", "B", "U", 1},
        {"2007", "rnd", "U", "B", 1},   {"2005", "service.finance", "S", "C", 1},
        {"2007", "service.finance", "S", "B", 1}, {"2007", "service.finance", "S", "C", 1},
    };
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < sizeof actors / sizeof *actors; k++) {
        CHECK_INT(firmnet_network_add_actor(net, actors[k][0], 5, names, actors[k] + 1), 0);
    }
    for (size_t k = 0; k < sizeof ties / sizeof *ties; k++) {
        CHECK_INT(firmnet_network_add_tie(net, ties[k].wave, ties[k].layer, ties[k].s, ties[k].t,
                                          ties[k].w, NULL, NULL),
                  0);
    }
    return net;
}

static void test_hand_ties(void)
{
    firmnet_network *net = hand_network();
    firmnet_change_result *res = NULL;
    CHECK_INT(firmnet_change(&res, net, NULL), 0);
    if (res == NULL) {
        firmnet_network_free(net);
        return;
    }
    CHECK_STR(firmnet_change_from(res), "2005");
    CHECK_STR(firmnet_change_to(res), "2007");
    /* E reports no tie in 2007: the panel is A, B, C, D, U, S */
    CHECK_INT(firmnet_change_panel_size(res), 6);
    /* default layer groups: top-level names in byte order, then all */
    const firmnet_table *tt = firmnet_change_ties(res);
    CHECK_INT(firmnet_table_nrows(tt), 4 * 4);
    size_t lc;
    firmnet_table_column_index(&lc, tt, "layer");
    CHECK_STR(firmnet_table_get_string(tt, lc, 0), "rnd");
    CHECK_STR(firmnet_table_get_string(tt, lc, 4), "service");
    CHECK_STR(firmnet_table_get_string(tt, lc, 8), "trade");
    CHECK_STR(firmnet_table_get_string(tt, lc, 12), "all");

    /* trade, over the 6 x 6 ordered pairs whose source is in the panel (E -> A is not):
     * kept A->B, B->D, C->A; dropped A->C, D->A; new A->D, D->C, B->E */
    CHECK_INT(T(res, "trade", "*", "pairs"), 36);
    CHECK_INT(T(res, "trade", "*", "n11"), 3);
    CHECK_INT(T(res, "trade", "*", "n10"), 2);
    CHECK_INT(T(res, "trade", "*", "n01"), 3);
    CHECK_INT(T(res, "trade", "*", "n00"), 28);
    CHECK_NEAR(T(res, "trade", "*", "jaccard"), 3.0 / 8.0, 1e-15); /* N11 / (N01 + N10 + N11) */
    CHECK_INT(T(res, "trade", "*", "hamming"), 5);                  /* N01 + N10 */
    CHECK_INT(T(res, "trade", "*", "ties_w0"), 5);
    CHECK_INT(T(res, "trade", "*", "ties_w1"), 6);
    CHECK_NEAR(T(res, "trade", "*", "density_w0"), 5.0 / 36.0, 1e-15);
    CHECK_NEAR(T(res, "trade", "*", "density_w1"), 6.0 / 36.0, 1e-15);
    /* blocks: MC = A, B, U ("no" for D counts as non-participant). Sources A, B, U each have
     * 2 MC and 4 non-MC targets; C, D, S each 3 MC and 3 non-MC targets */
    CHECK_INT(T(res, "trade", "within_mc", "pairs"), 6);
    CHECK_INT(T(res, "trade", "between", "pairs"), 21);
    CHECK_INT(T(res, "trade", "within_non", "pairs"), 9);
    CHECK_INT(T(res, "trade", "within_mc", "n11"), 1); /* A->B */
    CHECK_INT(T(res, "trade", "within_mc", "n00"), 5);
    CHECK_NEAR(T(res, "trade", "within_mc", "jaccard"), 1.0, 0);
    CHECK_INT(T(res, "trade", "between", "n11"), 2); /* B->D, C->A */
    CHECK_INT(T(res, "trade", "between", "n10"), 2); /* A->C, D->A */
    CHECK_INT(T(res, "trade", "between", "n01"), 2); /* A->D, B->E */
    CHECK_INT(T(res, "trade", "between", "n00"), 15);
    CHECK_NEAR(T(res, "trade", "between", "jaccard"), 2.0 / 6.0, 1e-15);
    CHECK_INT(T(res, "trade", "within_non", "n01"), 1); /* D->C */
    CHECK_INT(T(res, "trade", "within_non", "n00"), 8);
    CHECK_NEAR(T(res, "trade", "within_non", "jaccard"), 0.0, 0);
    CHECK_INT(T(res, "trade", "within_non", "hamming"), 1);
    /* rnd: A->U and U->B kept, B->U new */
    CHECK_INT(T(res, "rnd", "*", "n11"), 2);
    CHECK_INT(T(res, "rnd", "*", "n01"), 1);
    CHECK_INT(T(res, "rnd", "*", "n10"), 0);
    CHECK_NEAR(T(res, "rnd", "*", "jaccard"), 2.0 / 3.0, 1e-15);
    /* all layers: a pair is tied when it is tied in any layer */
    CHECK_INT(T(res, "all", "*", "n11"), 3 + 2 + 1);
    CHECK_INT(T(res, "all", "*", "n01"), 3 + 1 + 1);
    CHECK_INT(T(res, "all", "*", "n10"), 2);
    firmnet_change_result_free(res);

    /* panel all: E's 2005 tie E->A is now observed (dropped by 2007); 7 x 6 pairs */
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    o.panel = FIRMNET_CHANGE_PANEL_ALL;
    o.layers = "trade";
    CHECK_INT(firmnet_change(&res, net, &o), 0);
    CHECK_INT(firmnet_change_panel_size(res), 7);
    CHECK_INT(T(res, "trade", "*", "pairs"), 42);
    CHECK_INT(T(res, "trade", "*", "n10"), 3);
    CHECK_INT(T(res, "trade", "*", "n00"), 42 - 3 - 3 - 3);
    CHECK_NEAR(T(res, "trade", "*", "jaccard"), 3.0 / 9.0, 1e-15);
    CHECK_INT(firmnet_table_nrows(firmnet_change_ties(res)), 4); /* only the group asked for */
    CHECK_NEAR(A(res, "E", "trade", "partners_gained"), 1, 0); /* B */
    CHECK_NEAR(A(res, "E", "trade", "partners_lost"), 1, 0);   /* A */
    firmnet_change_result_free(res);
    firmnet_network_free(net);
}

static void test_hand_actors(void)
{
    firmnet_network *net = hand_network();
    firmnet_change_result *res = NULL;
    CHECK_INT(firmnet_change(&res, net, NULL), 0);
    if (res == NULL) {
        firmnet_network_free(net);
        return;
    }
    const firmnet_table *at = firmnet_change_actors(res);
    CHECK_INT(firmnet_table_nrows(at), 6 * 4);
    CHECK_STR(firmnet_table_column_name(at, 0), "id");
    CHECK_STR(firmnet_table_column_name(at, 1), "layer");
    CHECK_STR(firmnet_table_column_name(at, 2), "participant");
    CHECK_STR(firmnet_table_column_name(at, 3), "stratum");
    CHECK_STR(firmnet_table_column_name(at, 4), "degree_out_w0");
    CHECK_NEAR(A(res, "A", "trade", "participant"), 1, 0);
    CHECK_NEAR(A(res, "D", "trade", "participant"), 0, 0);

    /* A in trade. 2005: out B(2), C(1); in C(1), D(1), E(1). 2007: out B(2), D(4); in C(2) */
    CHECK_NEAR(A(res, "A", "trade", "degree_out_w0"), 2, 0);
    CHECK_NEAR(A(res, "A", "trade", "degree_in_w0"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "degree_w0"), 5, 0);
    CHECK_NEAR(A(res, "A", "trade", "strength_out_w0"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "strength_in_w0"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "strength_w0"), 6, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_w0"), 4, 0); /* B, C (both ways), D, E */
    CHECK_NEAR(A(res, "A", "trade", "degree_w1"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "strength_w1"), 8, 0);
    CHECK_NEAR(A(res, "A", "trade", "strength_out_change"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_w1"), 3, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_change"), -1, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_gained"), 0, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_lost"), 1, 0); /* E */
    /* local share by weight: 2005 inside X = B 2 + C 1 + C 1 + E 1 of 6; 2007 B 2 + C 2 of 8 */
    CHECK_NEAR(A(res, "A", "trade", "local_share_w0"), 5.0 / 6.0, 1e-15);
    CHECK_NEAR(A(res, "A", "trade", "local_share_w1"), 0.5, 1e-15);
    CHECK_NEAR(A(res, "A", "trade", "local_share_change"), 0.5 - 5.0 / 6.0, 1e-15);
    CHECK_NEAR(A(res, "D", "trade", "local_share_w0"), 0, 0); /* cluster Y, partners in X */
    CHECK(isnan(A(res, "S", "trade", "local_share_w0")));    /* no cluster, no ties */
    CHECK(isnan(A(res, "S", "service", "local_share_w0")));  /* no cluster */
    /* B gains E in trade; C and D gain each other */
    CHECK_NEAR(A(res, "B", "trade", "partners_gained"), 1, 0);
    CHECK_NEAR(A(res, "B", "trade", "gained_firm"), 1, 0);
    CHECK_NEAR(A(res, "C", "trade", "gained_firm"), 1, 0);
    CHECK_NEAR(A(res, "D", "trade", "partners_change"), 1, 0);
    /* U in rnd: B -> U and U -> B are one partner but two degrees */
    CHECK_NEAR(A(res, "U", "rnd", "partners_w1"), 2, 0);
    CHECK_NEAR(A(res, "U", "rnd", "degree_w1"), 3, 0);
    CHECK_NEAR(A(res, "U", "rnd", "degree_in_w1"), 2, 0);
    CHECK_NEAR(A(res, "U", "rnd", "strength_in_w1"), 3, 0);
    CHECK_NEAR(A(res, "U", "rnd", "partners_change"), 0, 0);
    /* B over all layers: 2005 {A, D, U}; 2007 {A, D, E, U, S}: gains a firm and a service */
    CHECK_NEAR(A(res, "B", "all", "partners_w0"), 3, 0);
    CHECK_NEAR(A(res, "B", "all", "partners_w1"), 5, 0);
    CHECK_NEAR(A(res, "B", "all", "degree_w1"), 6, 0);
    CHECK_NEAR(A(res, "B", "all", "gained_firm"), 1, 0);
    CHECK_NEAR(A(res, "B", "all", "gained_service"), 1, 0);
    CHECK_NEAR(A(res, "B", "all", "gained_university"), 0, 0);
    CHECK_NEAR(A(res, "B", "all", "partners_gained"), 2, 0);
    /* service: the parent selects service.finance */
    CHECK_NEAR(A(res, "B", "service", "partners_gained"), 1, 0);
    CHECK_NEAR(A(res, "B", "service", "gained_service"), 1, 0);

    /* groups in trade within size: U and S have no size and are left out.
     * partners change: A -1 (large MC), D +1 (large), B +1 (SME MC), C +1 (SME) */
    CHECK_NEAR(G(res, "trade", "large", "partners", "n_mc"), 1, 0);
    CHECK_NEAR(G(res, "trade", "large", "partners", "diff"), -2, 0);
    CHECK(isnan(G(res, "trade", "large", "partners", "t"))); /* groups of one */
    CHECK_NEAR(G(res, "trade", "*", "partners", "n_mc"), 2, 0);
    CHECK_NEAR(G(res, "trade", "*", "partners", "n_non"), 2, 0);
    CHECK_NEAR(G(res, "trade", "*", "partners", "mean_change_mc"), 0, 0);
    CHECK_NEAR(G(res, "trade", "*", "partners", "mean_change_non"), 1, 0);
    CHECK_NEAR(G(res, "trade", "*", "partners", "diff"), -1, 0);
    /* Welch by hand: x = {-1, 1}, y = {1, 1}: se^2 = 2/2 + 0 = 1, t = -1, df = 1,
     * p = 2 P(T_1 > 1) = 0.5; Cohen's d: s_pooled^2 = (1 * 2 + 1 * 0) / 2 = 1, d = -1 */
    CHECK_NEAR(G(res, "trade", "*", "partners", "t"), -1, 1e-15);
    CHECK_NEAR(G(res, "trade", "*", "partners", "df"), 1, 1e-15);
    CHECK_NEAR(G(res, "trade", "*", "partners", "p_welch"), 0.5, 1e-12);
    CHECK_NEAR(G(res, "trade", "*", "partners", "cohen_d"), -1, 1e-15);
    /* within strata only 4 relabellings exist and all give |diff| = 1: p = 1 exactly */
    CHECK_NEAR(G(res, "trade", "*", "partners", "p_perm"), 1, 0);
    CHECK(G(res, "trade", "*", "partners", "ci_low") <= -1);
    CHECK(G(res, "trade", "*", "partners", "ci_high") >= -1);
    firmnet_change_result_free(res);

    /* no strata: U and S come in, one row per measure with stratum "*" */
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    o.strata = "";
    o.layers = "trade, rnd+service";
    CHECK_INT(firmnet_change(&res, net, &o), 0);
    CHECK_INT(firmnet_table_nrows(firmnet_change_groups(res)), 2 * 17);
    CHECK_NEAR(G(res, "trade", "*", "partners", "n_mc"), 3, 0);
    CHECK_NEAR(G(res, "trade", "*", "partners", "n_non"), 3, 0);
    /* "rnd+service" is one group: B has U (rnd) in both waves and gains S (service) */
    CHECK_NEAR(A(res, "B", "rnd+service", "partners_w0"), 1, 0);
    CHECK_NEAR(A(res, "B", "rnd+service", "partners_gained"), 1, 0);
    CHECK_NEAR(A(res, "B", "rnd+service", "gained_service"), 1, 0);
    firmnet_change_result_free(res);

    /* waves the other way round: every change flips sign */
    o.from = "2007";
    o.to = "2005";
    CHECK_INT(firmnet_change(&res, net, &o), 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_change"), 1, 0);
    CHECK_NEAR(A(res, "A", "trade", "partners_gained"), 1, 0);
    CHECK_INT(T(res, "trade", "*", "n01"), 2);
    firmnet_change_result_free(res);
    firmnet_network_free(net);
}

/* ---- per-wave attributes ------------------------------------------------------------------ */

static const char *write_tmp(const char *name, const char *text)
{
    static char path[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(path[k], sizeof path[k], "%s/firmnet_test_change_%ld_%s",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid(), name);
    FILE *f = fopen(path[k], "w");
    fputs(text, f);
    fclose(f);
    return path[k];
}

static void test_attributes(void)
{
    firmnet_network *net = hand_network();
    firmnet_change_result *res = NULL;
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    o.layers = "trade";
    o.attributes = write_tmp("ok.csv", "wave,id,sales,patents\n"
                                       "2005,A,10,1\n2007,A,15,\n2005,B,5,0\n2007,B,4,2\n"
                                       "2009,A,1,1\n2005,C,1,1\n2007,C,3,1\n"
                                       "2005,D,2,0\n2007,D,2,1\n");
    CHECK_INT(firmnet_change(&res, net, &o), 0);
    if (res != NULL) {
        CHECK_NEAR(A(res, "A", "trade", "sales_w0"), 10, 0);
        CHECK_NEAR(A(res, "A", "trade", "sales_w1"), 15, 0);
        CHECK_NEAR(A(res, "A", "trade", "sales_change"), 5, 0);
        CHECK(isnan(A(res, "A", "trade", "patents_change"))); /* blank in 2007 */
        CHECK(isnan(A(res, "U", "trade", "sales_change")));   /* no rows */
        /* attributes are compared once, with layer "*": MC A +5, B -1; non C +2, D 0 */
        CHECK_NEAR(G(res, "*", "*", "sales", "mean_change_mc"), 2, 0);
        CHECK_NEAR(G(res, "*", "*", "sales", "mean_change_non"), 1, 0);
        CHECK_NEAR(G(res, "*", "*", "sales", "n_mc"), 2, 0);
        /* patents: A is missing, so only B is left among MC */
        CHECK_NEAR(G(res, "*", "*", "patents", "n_mc"), 1, 0);
        CHECK_NEAR(G(res, "*", "*", "patents", "mean_change_mc"), 2, 0);
        CHECK_INT(firmnet_table_nrows(firmnet_change_groups(res)), 3 * 17 + 3 * 2);
    }
    firmnet_change_result_free(res);
    res = NULL;

    o.attributes = write_tmp("unknown.csv", "wave,id,sales\n2005,A,1\n2007,Z,2\n");
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("unknown.csv:3:2 (column 'id'): unknown actor 'Z'");
    o.attributes = write_tmp("nan.csv", "wave,id,sales\n2005,A,1\n2007,A,lots\n");
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EDATA);
    CHECK_ERR("nan.csv:3:3 (column 'sales'): not a number: 'lots'");
    o.attributes = write_tmp("dup.csv", "wave,id,sales\n2005,A,1\n2005,A,2\n2007,A,1\n");
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EDATA);
    CHECK_ERR("dup.csv:3:2");
    CHECK_ERR("a second row for actor 'A' in wave '2005'");
    o.attributes = write_tmp("nowave.csv", "id,sales\nA,1\n");
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EPARSE);
    CHECK_ERR("missing required column 'wave'");
    o.attributes = write_tmp("onewave.csv", "wave,id,sales\n2005,A,1\n");
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no rows for wave '2007'");
    o.attributes = "/nonexistent/attributes.csv";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EIO);
    CHECK(res == NULL);
    const char *names[] = {"ok.csv", "unknown.csv", "nan.csv", "dup.csv", "nowave.csv",
                           "onewave.csv"};
    for (size_t k = 0; k < 6; k++) {
        unlink(write_tmp(names[k], ""));
    }
    firmnet_network_free(net);
}

/* ---- errors ------------------------------------------------------------------------------ */

static void test_errors(void)
{
    firmnet_network *net = hand_network(), *one = NULL;
    firmnet_change_result *res = NULL;
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    CHECK_INT(firmnet_change(NULL, net, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_change(&res, NULL, NULL), FIRMNET_EINVAL);
    o.from = "2006";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no from wave '2006' (waves: '2005', '2007')");
    o.from = "2007";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EINVAL);
    CHECK_ERR("same wave");
    o.from = NULL;
    o.group = "membership";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no group attribute 'membership'");
    o.group = NULL;
    o.strata = "sector_x";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no strata attribute 'sector_x'");
    o.strata = NULL;
    o.layers = "trade,legal";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("layer group 'legal'");
    o.layers = " , ";
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EINVAL);
    o.layers = NULL;
    o.merge = FIRMNET_MERGE_FIRST;
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EINVAL);
    o.merge = FIRMNET_MERGE_SUM;
    o.version = 99;
    CHECK_INT(firmnet_change(&res, net, &o), FIRMNET_EINVAL);
    CHECK(res == NULL);
    CHECK_INT(firmnet_change_options_init(&o, 0), FIRMNET_EINVAL);
    CHECK_INT(firmnet_change_options_init(&o, FIRMNET_CHANGE_OPTIONS_VERSION), 0);
    CHECK_INT(o.permutations, 9999);
    CHECK_INT(o.bootstrap, 2000);
    /* one wave only */
    CHECK_INT(firmnet_network_new(&one), 0);
    firmnet_network_add_tie(one, "2005", "trade", "a", "b", 1, NULL, NULL);
    CHECK_INT(firmnet_change(&res, one, NULL), FIRMNET_EDATA);
    CHECK_ERR("two are needed");
    /* NULL-safe accessors */
    CHECK(firmnet_change_actors(NULL) == NULL);
    CHECK_STR(firmnet_change_summary_text(NULL), "");
    CHECK_INT(firmnet_change_panel_size(NULL), 0);
    firmnet_change_result_free(NULL);
    firmnet_network_free(one);
    firmnet_network_free(net);
}

/* ---- the demo data -------------------------------------------------------------------------- */

static int cancel_at_3(const char *what, double done, double total, void *payload)
{
    (void)total;
    *(int *)payload += strcmp(what, "permutations") == 0;
    return done >= 3;
}

static void test_demo(void)
{
    firmnet_network *net = NULL;
    firmnet_change_result *res = NULL, *again = NULL;
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, NULL),
              0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, NULL),
              0);
    o.attributes = test_path("examples/data/attributes.csv");
    CHECK_INT(firmnet_change(&res, net, &o), 0);
    if (res == NULL) {
        firmnet_network_free(net);
        return;
    }
    /* against networkx / sets / scipy (tests/fixtures/make_change.py) */
    static const char *const akeys[] = {"id", "layer"}, *gkeys[] = {"layer", "stratum", "measure"},
                             *tkeys[] = {"layer", "block"};
    firmnet_table *ka = keyed(firmnet_change_actors(res), 2, akeys);
    firmnet_table *kg = keyed(firmnet_change_groups(res), 3, gkeys);
    firmnet_table *kt = keyed(firmnet_change_ties(res), 2, tkeys);
    CHECK(test_compare_fixture(ka, test_path("tests/data/change/demo_actors.csv"), "key", 1e-9) >
          30000);
    CHECK(test_compare_fixture(kg, test_path("tests/data/change/demo_groups.csv"), "key", 1e-9) >
          2000);
    CHECK(test_compare_fixture(kt, test_path("tests/data/change/demo_ties.csv"), "key", 1e-12) ==
          16 * 11);
    firmnet_table_free(ka);
    firmnet_table_free(kg);
    firmnet_table_free(kt);

    /* the planted effect (examples/data/README.md): large MC firms gain trade and R&D
     * partners, SME MC firms service partners; large firms' services do not differ */
    CHECK(G(res, "trade", "large", "partners", "p_perm") < 0.01);
    CHECK(G(res, "rnd", "large", "partners", "p_perm") < 0.01);
    CHECK(G(res, "service", "sme", "partners", "p_perm") < 0.001);
    CHECK(G(res, "service", "large", "partners", "p_perm") > 0.1);
    CHECK(G(res, "trade", "large", "partners", "ci_low") > 0);
    CHECK(G(res, "service", "large", "partners", "ci_low") < 0);
    const char *text = firmnet_change_summary_text(res);
    CHECK(strstr(text, "Trade, large firms: MC participants gained 3.7 more partners than "
                       "non-participants (+3.69 vs +0.00, n = 13 vs 18; p = ") != NULL);
    CHECK(strstr(text, "Services, SMEs: MC participants gained 2.5 more partners") != NULL);
    CHECK(strstr(text, "9,999 permutations)\n") != NULL);
    CHECK(strstr(text, "Change from 2005 to 2007: 268 actors reported ties in both waves") != NULL);

    /* bit-identical for a seed, whatever else is computed */
    CHECK_INT(firmnet_change(&again, net, &o), 0);
    const firmnet_table *g1 = firmnet_change_groups(res), *g2 = firmnet_change_groups(again);
    size_t pc, lo;
    firmnet_table_column_index(&pc, g1, "p_perm");
    firmnet_table_column_index(&lo, g1, "ci_low");
    int same = 1;
    for (size_t r = 0; r < firmnet_table_nrows(g1); r++) {
        double a = firmnet_table_get_double(g1, pc, r), b = firmnet_table_get_double(g2, pc, r);
        same &= (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
        a = firmnet_table_get_double(g1, lo, r);
        b = firmnet_table_get_double(g2, lo, r);
        same &= (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
    }
    CHECK(same);
    CHECK_STR(firmnet_change_summary_text(again), text);
    firmnet_change_result_free(again);
    again = NULL;
    firmnet_change_options o2 = o;
    o2.layers = "trade";
    o2.attributes = NULL;
    CHECK_INT(firmnet_change(&again, net, &o2), 0);
    CHECK(G(again, "trade", "large", "partners", "p_perm") ==
          G(res, "trade", "large", "partners", "p_perm"));
    CHECK(G(again, "trade", "*", "degree_in", "ci_high") ==
          G(res, "trade", "*", "degree_in", "ci_high"));
    firmnet_change_result_free(again);
    again = NULL;
    o2.seed = 2;
    CHECK_INT(firmnet_change(&again, net, &o2), 0);
    CHECK(G(again, "trade", "*", "degree_in", "p_perm") !=
          G(res, "trade", "*", "degree_in", "p_perm"));
    firmnet_change_result_free(again);
    again = NULL;

    /* no permutations, no bootstrap: NaN, and the summary falls back to Welch */
    o2.permutations = 0;
    o2.bootstrap = 0;
    CHECK_INT(firmnet_change(&again, net, &o2), 0);
    CHECK(isnan(G(again, "trade", "large", "partners", "p_perm")));
    CHECK(isnan(G(again, "trade", "large", "partners", "ci_low")));
    CHECK(strstr(firmnet_change_summary_text(again), "(+3.69 vs +0.00, n = 13 vs 18; Welch p = "
                                                     "0.0007)") != NULL);
    firmnet_change_result_free(again);
    again = NULL;

    /* cancelling through the progress callback */
    int calls = 0;
    o2.progress = cancel_at_3;
    o2.progress_payload = &calls;
    o2.layers = NULL;
    CHECK_INT(firmnet_change(&again, net, &o2), FIRMNET_ECANCEL);
    CHECK_INT(calls, 3);
    CHECK(again == NULL);

    firmnet_change_result_free(res);
    firmnet_network_free(net);
}

/* ---- generated surveys -------------------------------------------------------------------- */

static void test_planted_effect(void)
{
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    o.permutations = 1999;
    o.bootstrap = 500;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        firmnet_network *net = gen_survey(seed, 120, 2.0);
        firmnet_change_result *res = NULL;
        CHECK_INT(firmnet_change(&res, net, &o), 0);
        CHECK_INT(firmnet_change_panel_size(res), 120);
        double d = G(res, "trade", "*", "partners_gained", "diff");
        CHECK(d > 1.0 && d < 3.0); /* 2 planted, less repeats of old partners, plus noise */
        CHECK(G(res, "trade", "*", "partners", "p_perm") < 0.01);
        CHECK(G(res, "trade", "*", "partners", "p_welch") < 0.01);
        CHECK(G(res, "trade", "*", "partners", "ci_low") > 0);
        /* out-ties carry the effect; lost partners do not */
        CHECK(G(res, "trade", "*", "degree_out", "p_perm") < 0.01);
        CHECK(G(res, "trade", "*", "partners_lost", "p_perm") > 0.001);
        firmnet_change_result_free(res);
        firmnet_network_free(net);
    }
}

int main(void)
{
    test_hand_ties();
    test_hand_actors();
    test_attributes();
    test_errors();
    test_demo();
    test_planted_effect();
    return test_done();
}
