/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Seeded generator of synthetic transaction networks for the benchmarks: heavy-tailed degrees
 * (Pareto activity per actor), six layers, two waves with churn, gzip CSV with columns
 * wave,layer,source,target,weight (no actor file: actors come from the ties).
 *
 *   gen-transactions --actors N --ties M --seed S -o ties.csv.gz [--actors-out actors.csv]
 *
 * --actors-out also writes an actor table (id, type, size, mc) for the MC comparison: firms,
 * 15% large, 40% in one of ten mini-clusters.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <zlib.h>

static const char *const layers[] = {"trade", "trade", "trade", "rnd", "service.training",
                                     "service.finance"};

/* Inverse-CDF sampling of an actor by its cumulative activity. */
static size_t pick(const double *cum, size_t n, double u)
{
    size_t lo = 0, hi = n - 1;
    u *= cum[n - 1];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cum[mid] < u) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int main(int argc, char **argv)
{
    size_t n = 2000, m = 10000;
    unsigned long seed = 1;
    const char *out = NULL, *actors_out = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--actors") == 0) {
            n = strtoull(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--ties") == 0) {
            m = strtoull(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--seed") == 0) {
            seed = strtoul(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "-o") == 0) {
            out = argv[i + 1];
        } else if (strcmp(argv[i], "--actors-out") == 0) {
            actors_out = argv[i + 1];
        }
    }
    if (out == NULL || n < 2) {
        fprintf(stderr, "usage: %s --actors N --ties M --seed S -o FILE.csv.gz\n", argv[0]);
        return 2;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed);
    double *out_cum = malloc(n * sizeof *out_cum), *in_cum = malloc(n * sizeof *in_cum);
    double so = 0, si = 0;
    for (size_t i = 0; i < n; i++) {
        so += gsl_ran_pareto(rng, 1.2, 1.0); /* heavy tail: a few very active suppliers */
        si += gsl_ran_pareto(rng, 1.5, 1.0);
        out_cum[i] = so;
        in_cum[i] = si;
    }
    gzFile gz = gzopen(out, "wb1");
    if (gz == NULL) {
        perror(out);
        return 1;
    }
    gzbuffer(gz, 1 << 20);
    gzputs(gz, "wave,layer,source,target,weight\n");
    char line[160];
    for (size_t k = 0; k < m; k++) {
        size_t s = pick(out_cum, n, gsl_rng_uniform(rng));
        size_t t = pick(in_cum, n, gsl_rng_uniform(rng));
        if (s == t) {
            t = (t + 1 + gsl_rng_uniform_int(rng, n - 1)) % n;
        }
        const char *wave = k < m / 2 ? "2005" : "2007";
        const char *layer = layers[gsl_rng_uniform_int(rng, 6)];
        double w = 0.1 * (double)(long)(10 * gsl_ran_lognormal(rng, 1.0, 1.2)) + 0.1;
        int len = snprintf(line, sizeof line, "%s,%s,F%07zu,F%07zu,%.1f\n", wave, layer, s, t, w);
        gzwrite(gz, line, (unsigned)len);
    }
    gzclose(gz);
    if (actors_out != NULL) {
        FILE *f = fopen(actors_out, "w");
        if (f == NULL) {
            perror(actors_out);
            return 1;
        }
        fprintf(f, "id,type,size,mc\n");
        for (size_t i = 0; i < n; i++) {
            bool large = gsl_rng_uniform(rng) < 0.15;
            bool mc = gsl_rng_uniform(rng) < 0.4;
            fprintf(f, "F%07zu,firm,%s,", i, large ? "large" : "sme");
            if (mc) {
                fprintf(f, "MC%02lu", gsl_rng_uniform_int(rng, 10));
            }
            fprintf(f, "\n");
        }
        fclose(f);
    }
    gsl_rng_free(rng);
    free(out_cum);
    free(in_cum);
    return 0;
}
