/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Slow test (meson test --suite slow): on 1000 generated surveys without an effect, the
 * permutation and Welch p-values of firmnet_change() spread as under the null hypothesis and
 * the bootstrap intervals cover the true difference 0 about 95% of the time.
 *
 * Strength (sums of weights 1..5) takes many values, so its permutation p-value is close to
 * uniform. Partner counts are small integers with many tied differences; their permutation
 * p-values are valid but conservative (P(p < a) <= a), so only the upper side is checked.
 */
#include "test.h"

#include "survey_gen.h"

#define RUNS 1000

static double cell(const firmnet_change_result *res, const char *stratum, const char *measure,
                   const char *col)
{
    const firmnet_table *t = firmnet_change_groups(res);
    size_t cl, cs, cm, cv;
    firmnet_table_column_index(&cl, t, "layer");
    firmnet_table_column_index(&cs, t, "stratum");
    firmnet_table_column_index(&cm, t, "measure");
    firmnet_table_column_index(&cv, t, col);
    for (size_t r = 0; r < firmnet_table_nrows(t); r++) {
        if (strcmp(firmnet_table_get_string(t, cl, r), "trade") == 0 &&
            strcmp(firmnet_table_get_string(t, cs, r), stratum) == 0 &&
            strcmp(firmnet_table_get_string(t, cm, r), measure) == 0) {
            return firmnet_table_get_double(t, cv, r);
        }
    }
    return NAN;
}

/* A Binomial(RUNS, q) count within 3.5 SD of its mean (@p lower_too = 0: only not above). */
static int in_band(int count, double q, int lower_too)
{
    double mean = RUNS * q, sd = sqrt(RUNS * q * (1 - q));
    int ok = count - mean <= 3.5 * sd && (!lower_too || mean - count <= 3.5 * sd);
    if (!ok) {
        fprintf(stderr, "count %d outside %g +- %g\n", count, mean, 3.5 * sd);
    }
    return ok;
}

int main(void)
{
    static const char *const measures[] = {"strength", "partners", "partners_gained"};
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    int below05[3] = {0}, below50[3] = {0}, welch05 = 0, covered = 0, strat05 = 0;
    double psum = 0;
    o.permutations = 999;
    o.bootstrap = 499;
    o.layers = "trade";
    for (uint64_t seed = 1; seed <= RUNS; seed++) {
        firmnet_network *net = gen_survey(1000 + seed, 60, 0.0);
        firmnet_change_result *res = NULL;
        o.seed = seed;
        CHECK_INT(firmnet_change(&res, net, &o), 0);
        for (int m = 0; m < 3; m++) {
            double p = cell(res, "*", measures[m], "p_perm");
            below05[m] += p < 0.05;
            below50[m] += p < 0.5;
            if (m == 0) {
                psum += p;
            }
        }
        welch05 += cell(res, "*", "partners", "p_welch") < 0.05;
        strat05 += cell(res, "sme", "strength", "p_perm") < 0.05;
        covered += cell(res, "*", "partners", "ci_low") <= 0 &&
                   cell(res, "*", "partners", "ci_high") >= 0;
        firmnet_change_result_free(res);
        firmnet_network_free(net);
    }
    printf("p_perm < 0.05: %d %d %d of %d; < 0.5: %d %d %d; mean p %.3f; Welch < 0.05: %d; "
           "sme < 0.05: %d; CI covers 0: %d\n",
           below05[0], below05[1], below05[2], RUNS, below50[0], below50[1], below50[2],
           psum / RUNS, welch05, strat05, covered);
    CHECK(in_band(below05[0], 0.05, 1));
    CHECK(in_band(below50[0], 0.5, 1));
    CHECK(fabs(psum / RUNS - 0.5) < 3.5 * sqrt(1.0 / 12 / RUNS));
    for (int m = 1; m < 3; m++) {
        CHECK(in_band(below05[m], 0.05, 0));
        CHECK(below05[m] > RUNS * 0.05 / 3); /* conservative, not deaf */
        CHECK(in_band(below50[m], 0.5, 0));
    }
    CHECK(in_band(welch05, 0.05, 1));
    CHECK(in_band(strat05, 0.05, 1));
    /* percentile intervals of small samples run a little narrow: allow 90% and up */
    CHECK(covered >= (int)(0.90 * RUNS));
    return test_done();
}
