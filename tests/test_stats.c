/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lib/stats.c: Welch's t-test, Cohen's d and quantiles against R (tests/data/change/welch*.csv,
 * made by tests/fixtures/make_change.R); the permutation p-value against exact enumeration of
 * every relabelling on tiny cases; the bootstrap interval on cases with a known answer.
 */
#include "internal.h"
#include "test.h"

/* ---- R fixtures --------------------------------------------------------------------------- */

static void test_welch_fixture(void)
{
    firmnet_table *s = NULL, *ref = NULL;
    size_t cc, cg, cv, ck;
    CHECK_INT(firmnet_table_read(&s, test_path("tests/data/change/welch_samples.csv")), 0);
    CHECK_INT(firmnet_table_read(&ref, test_path("tests/data/change/welch.csv")), 0);
    if (s == NULL || ref == NULL) {
        return;
    }
    firmnet_table_column_index(&cc, s, "case");
    firmnet_table_column_index(&cg, s, "group");
    firmnet_table_column_index(&cv, s, "value");
    firmnet_table_column_index(&ck, ref, "case");
    for (size_t r = 0; r < firmnet_table_nrows(ref); r++) {
        double x[400], y[400], mx, sx, my, sy, t, df, p, v;
        size_t nx = 0, ny = 0, col;
        int k = atoi(firmnet_table_get_string(ref, ck, r) + 4);
        for (size_t i = 0; i < firmnet_table_nrows(s); i++) {
            if ((int)firmnet_table_get_double(s, cc, i) != k) {
                continue;
            }
            v = firmnet_table_get_double(s, cv, i);
            if (strcmp(firmnet_table_get_string(s, cg, i), "x") == 0) {
                x[nx++] = v;
            } else {
                y[ny++] = v;
            }
        }
#define REF(name)                                                                            \
    (firmnet_table_column_index(&col, ref, name), firmnet_table_get_double(ref, col, r))
        CHECK_INT(nx, REF("n_x"));
        CHECK_INT(ny, REF("n_y"));
        firmnet_i_mean_sd(x, nx, &mx, &sx);
        firmnet_i_mean_sd(y, ny, &my, &sy);
        CHECK_NEAR(mx, REF("mean_x"), 1e-12);
        CHECK_NEAR(sx, REF("sd_x"), 1e-9);
        CHECK_NEAR(my, REF("mean_y"), 1e-12);
        CHECK_NEAR(sy, REF("sd_y"), 1e-9);
        firmnet_i_enter();
        firmnet_i_welch(x, nx, y, ny, &t, &df, &p);
        firmnet_i_leave();
        CHECK_NEAR(t, REF("t"), 1e-9);
        CHECK_NEAR(df, REF("df"), 1e-9);
        /* p relative to its own size: it spans 1e-17 .. 0.6 */
        CHECK_NEAR(p / REF("p"), 1.0, 1e-8);
        CHECK_NEAR(firmnet_i_cohen_d(x, nx, y, ny), REF("cohen_d"), 1e-9);
        /* type-7 quantiles of x */
        for (size_t i = 1; i < nx; i++) {
            for (size_t j = i; j > 0 && x[j - 1] > x[j]; j--) {
                double z = x[j];
                x[j] = x[j - 1];
                x[j - 1] = z;
            }
        }
        CHECK_NEAR(firmnet_i_quantile_sorted(x, nx, 0.025), REF("q025"), 1e-12);
        CHECK_NEAR(firmnet_i_quantile_sorted(x, nx, 0.975), REF("q975"), 1e-12);
#undef REF
    }
    firmnet_table_free(s);
    firmnet_table_free(ref);
}

static void test_welch_edges(void)
{
    double a[] = {1, 1, 1}, b[] = {2, 2}, c[] = {5}, t, df, p;
    firmnet_i_enter();
    firmnet_i_welch(a, 3, b, 2, &t, &df, &p); /* both constant: undefined, as in R */
    CHECK(isnan(t) && isnan(df) && isnan(p));
    firmnet_i_welch(a, 3, c, 1, &t, &df, &p); /* a group of one */
    CHECK(isnan(t) && isnan(p));
    firmnet_i_leave();
    CHECK(isnan(firmnet_i_cohen_d(a, 3, b, 2)));
    /* one group of one: pooled SD from the other group alone */
    double d[] = {1, 2, 3};
    CHECK_NEAR(firmnet_i_cohen_d(d, 3, c, 1), (2.0 - 5.0) / sqrt(2.0 / 2.0), 1e-15);
    CHECK(isnan(firmnet_i_quantile_sorted(a, 0, 0.5)));
    CHECK_NEAR(firmnet_i_quantile_sorted(d, 3, 0.25), 1.5, 1e-15);
    CHECK_NEAR(firmnet_i_quantile_sorted(d, 3, 1.0), 3.0, 1e-15);
}

/* ---- permutations against exact enumeration ------------------------------------------------ */

/* Exact two-sided p: the share of all relabellings (keeping the A count of every stratum)
 * whose |diff| >= the observed one. Units of stratum s are contiguous. */
static double exact_p(const double *x, const unsigned char *in, const uint32_t *st, size_t n)
{
    size_t na = 0, total = 0, hits = 0;
    double sum = 0, sa = 0;
    for (size_t i = 0; i < n; i++) {
        na += in[i];
        sum += x[i];
        sa += in[i] ? x[i] : 0;
    }
    double obs = fabs(sa / (double)na - (sum - sa) / (double)(n - na));
    for (unsigned long mask = 0; mask < (1UL << n); mask++) {
        size_t cnt_s[8] = {0}, want_s[8] = {0};
        double s = 0;
        for (size_t i = 0; i < n; i++) {
            size_t k = st ? st[i] : 0;
            want_s[k] += in[i];
            if (mask >> i & 1) {
                cnt_s[k]++;
                s += x[i];
            }
        }
        if (memcmp(cnt_s, want_s, sizeof cnt_s) != 0) {
            continue;
        }
        total++;
        hits += fabs(s / (double)na - (sum - s) / (double)(n - na)) >= obs - 1e-12;
    }
    return (double)hits / (double)total;
}

static double perm_p(const firmnet_i_twogroup *tg, size_t nperm, unsigned long seed)
{
    double p = NAN;
    firmnet_i_enter();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    CHECK_INT(firmnet_i_perm_pvalues(&p, tg, nperm, r), 0);
    gsl_rng_free(r);
    firmnet_i_leave();
    return p;
}

static void test_permutation_exact(void)
{
    /* 5 vs 5, no strata: C(10,5) = 252 relabellings */
    double x[] = {3, 5, 4, 6, 7, 1, 2, 0, 3, 1};
    unsigned char in[] = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    firmnet_i_twogroup tg = {10, 1, x, in, NULL, 0};
    double ex = exact_p(x, in, NULL, 10);
    /* by hand: |diff| >= 3.6 iff the A sum is >= 25 ({3,4,5,6,7}, with either 3) or <= 7 (the
     * two complements) */
    CHECK_NEAR(ex, 4.0 / 252.0, 1e-12);
    double p = perm_p(&tg, 200000, 7);
    /* binomial SD of the estimate is sqrt(ex (1 - ex) / N) < 0.0004 */
    CHECK(fabs(p - ex) < 0.002);
    /* reproducible for a seed, different for another */
    CHECK(perm_p(&tg, 999, 11) == perm_p(&tg, 999, 11));

    /* two strata: A counts 2 of 5 and 3 of 5 stay fixed; C(5,2) C(5,3) = 100 relabellings */
    double y[] = {9, 8, 1, 2, 3, 0, 1, 7, 6, 5};
    unsigned char in2[] = {1, 1, 0, 0, 0, 0, 0, 1, 1, 1};
    uint32_t st[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    firmnet_i_twogroup tg2 = {10, 1, y, in2, st, 2};
    double ex2 = exact_p(y, in2, st, 10);
    CHECK_NEAR(ex2, 1.0 / 100.0, 1e-12); /* the observed labelling is the single most extreme */
    double p2 = perm_p(&tg2, 200000, 3);
    CHECK(fabs(p2 - ex2) < 0.001);
    /* ignoring strata gives a different (larger) reference set */
    firmnet_i_twogroup tg3 = {10, 1, y, in2, NULL, 0};
    CHECK_NEAR(exact_p(y, in2, NULL, 10), 2.0 / 252.0, 1e-12); /* top five and bottom five */
    CHECK(fabs(perm_p(&tg3, 200000, 3) - exact_p(y, in2, NULL, 10)) < 0.002);

    /* several measures share the relabellings: each p equals its single-measure run */
    double xy[20];
    memcpy(xy, x, sizeof x);
    memcpy(xy + 10, y, sizeof y);
    unsigned char in3[] = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    firmnet_i_twogroup both = {10, 2, xy, in3, NULL, 0}, one = {10, 1, xy + 10, in3, NULL, 0};
    double pb[2];
    firmnet_i_enter();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 5);
    CHECK_INT(firmnet_i_perm_pvalues(pb, &both, 4999, r), 0);
    gsl_rng_free(r);
    firmnet_i_leave();
    CHECK(pb[0] == perm_p(&(firmnet_i_twogroup){10, 1, xy, in3, NULL, 0}, 4999, 5));
    CHECK(pb[1] == perm_p(&one, 4999, 5));

    /* convention: (1 + hits) / (1 + N); constant data tie every relabelling: p = 1 */
    double z[] = {2, 2, 2, 2};
    unsigned char inz[] = {1, 0, 1, 0};
    CHECK_NEAR(perm_p(&(firmnet_i_twogroup){4, 1, z, inz, NULL, 0}, 99, 1), 1.0, 0);
    /* the most extreme labelling of many: p is near the floor 1 / (1 + N) */
    double w[40];
    unsigned char inw[40];
    for (int i = 0; i < 40; i++) {
        w[i] = i;
        inw[i] = i >= 20;
    }
    CHECK_NEAR(perm_p(&(firmnet_i_twogroup){40, 1, w, inw, NULL, 0}, 999, 1), 1.0 / 1000, 0);
    /* an empty group or no permutations: NaN */
    unsigned char none[4] = {0, 0, 0, 0};
    CHECK(isnan(perm_p(&(firmnet_i_twogroup){4, 1, z, none, NULL, 0}, 99, 1)));
    CHECK(isnan(perm_p(&(firmnet_i_twogroup){4, 1, z, inz, NULL, 0}, 0, 1)));
}

/* Continuous data under the null, two strata with different levels: the permutation p-value is
 * uniform (mean 1/2, 5% below 0.05) within binomial noise. */
static void test_permutation_uniform(void)
{
    enum { R = 1000, N = 30 };
    double x[N], sum = 0;
    unsigned char in[N];
    uint32_t st[N];
    int below05 = 0, below50 = 0;
    firmnet_i_enter();
    gsl_rng *data = gsl_rng_alloc(gsl_rng_mt19937), *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(data, 99);
    for (int k = 0; k < R; k++) {
        double p;
        for (int i = 0; i < N; i++) {
            st[i] = i % 3 == 0;
            x[i] = gsl_rng_uniform(data) + (st[i] ? 5 : 0);
            in[i] = i % 5 < 2;
        }
        gsl_rng_set(r, (unsigned long)k + 1);
        firmnet_i_perm_pvalues(&p, &(firmnet_i_twogroup){N, 1, x, in, st, 2}, 199, r);
        sum += p;
        below05 += p < 0.05;
        below50 += p < 0.5;
    }
    gsl_rng_free(data);
    gsl_rng_free(r);
    firmnet_i_leave();
    CHECK(fabs(sum / R - 0.5) < 3.5 * sqrt(1.0 / 12 / R));
    CHECK(fabs(below05 - 0.05 * R) < 3.5 * sqrt(R * 0.05 * 0.95));
    CHECK(fabs(below50 - 0.5 * R) < 3.5 * sqrt(R * 0.25));
}

/* ---- bootstrap ------------------------------------------------------------------------------ */

static void boot(const firmnet_i_twogroup *tg, size_t nboot, unsigned long seed, double *lo,
                 double *hi)
{
    firmnet_i_enter();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    CHECK_INT(firmnet_i_bootstrap_ci(lo, hi, tg, nboot, 0.95, r), 0);
    gsl_rng_free(r);
    firmnet_i_leave();
}

static void test_bootstrap(void)
{
    double lo, hi, lo2, hi2;
    /* constant within groups: every replicate has the same difference */
    double c[] = {3, 3, 3, 1, 1};
    unsigned char inc[] = {1, 1, 1, 0, 0};
    boot(&(firmnet_i_twogroup){5, 1, c, inc, NULL, 0}, 500, 1, &lo, &hi);
    CHECK_NEAR(lo, 2.0, 1e-15);
    CHECK_NEAR(hi, 2.0, 1e-15);
    /* a clear difference: the interval holds the observed 10 and excludes 0; reproducible */
    double x[40];
    unsigned char in[40];
    for (int i = 0; i < 40; i++) {
        in[i] = i < 20;
        x[i] = (in[i] ? 10 : 0) + (double)(i % 5) - 2;
    }
    firmnet_i_twogroup tg = {40, 1, x, in, NULL, 0};
    boot(&tg, 2000, 9, &lo, &hi);
    CHECK(lo > 8.5 && lo < 10 && hi > 10 && hi < 11.5);
    boot(&tg, 2000, 9, &lo2, &hi2);
    CHECK(lo == lo2 && hi == hi2);
    /* resampling within strata keeps each stratum's mix: with a stratum of constant values
     * and a difference only there, the interval is degenerate */
    double y[] = {5, 5, 1, 1, 7, 7, 7, 7};
    unsigned char iny[] = {1, 1, 0, 0, 1, 0, 1, 0};
    uint32_t st[] = {0, 0, 0, 0, 1, 1, 1, 1};
    boot(&(firmnet_i_twogroup){8, 1, y, iny, st, 2}, 300, 2, &lo, &hi);
    CHECK_NEAR(lo, 2.0, 1e-15); /* (5+5+7+7)/4 - (1+1+7+7)/4 */
    CHECK_NEAR(hi, 2.0, 1e-15);
    /* no replicates or an empty group: NaN */
    boot(&(firmnet_i_twogroup){8, 1, y, iny, st, 2}, 0, 2, &lo, &hi);
    CHECK(isnan(lo) && isnan(hi));
}

static void test_seed_mix(void)
{
    uint32_t a = firmnet_i_seed_mix(1, "trade", "large", "p");
    CHECK(a == firmnet_i_seed_mix(1, "trade", "large", "p"));
    CHECK(a != firmnet_i_seed_mix(2, "trade", "large", "p"));
    CHECK(a != firmnet_i_seed_mix(1, "trade", "sme", "p"));
    /* keys are separated: ("ab", "c") differs from ("a", "bc") */
    CHECK(firmnet_i_seed_mix(1, "ab", "c", NULL) != firmnet_i_seed_mix(1, "a", "bc", NULL));
}

int main(void)
{
    test_welch_fixture();
    test_welch_edges();
    test_permutation_exact();
    test_permutation_uniform();
    test_bootstrap();
    test_seed_mix();
    return test_done();
}
