/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Two-group comparisons: Welch's t-test, Cohen's d, a permutation test that relabels units
 * within strata and a percentile bootstrap. Callers hold firmnet_i_enter() around these (they
 * call GSL) and own the gsl_rng, so results are bit-identical for a seed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "internal.h"

void firmnet_i_mean_sd(const double *x, size_t n, double *mean, double *sd)
{
    double sum = 0, ss = 0, m;
    if (n == 0) {
        *mean = NAN;
        *sd = NAN;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
    }
    m = sum / (double)n;
    /* two passes: the textbook one-pass formula loses digits on large, close values */
    for (size_t i = 0; i < n; i++) {
        ss += (x[i] - m) * (x[i] - m);
    }
    *mean = m;
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : NAN;
}

void firmnet_i_welch(const double *x, size_t nx, const double *y, size_t ny, double *t,
                     double *df, double *p)
{
    double mx, sx, my, sy, vx, vy, se2;
    *t = *df = *p = NAN;
    if (nx < 2 || ny < 2) {
        return;
    }
    firmnet_i_mean_sd(x, nx, &mx, &sx);
    firmnet_i_mean_sd(y, ny, &my, &sy);
    vx = sx * sx / (double)nx;
    vy = sy * sy / (double)ny;
    se2 = vx + vy;
    if (!(se2 > 0)) {
        return; /* both groups constant: R's t.test() refuses ("data are essentially constant") */
    }
    *t = (mx - my) / sqrt(se2);
    *df = se2 * se2 / (vx * vx / (double)(nx - 1) + vy * vy / (double)(ny - 1));
    /* Q of |t| rather than 1 - P: no cancellation for large |t| */
    *p = fmin(1.0, 2.0 * gsl_cdf_tdist_Q(fabs(*t), *df));
}

double firmnet_i_cohen_d(const double *x, size_t nx, const double *y, size_t ny)
{
    double mx, sx, my, sy, pooled;
    if (nx < 1 || ny < 1 || nx + ny < 3) {
        return NAN;
    }
    firmnet_i_mean_sd(x, nx, &mx, &sx);
    firmnet_i_mean_sd(y, ny, &my, &sy);
    /* a group of one has no spread of its own but still counts with weight n - 1 = 0 */
    pooled = ((nx > 1 ? (double)(nx - 1) * sx * sx : 0) +
              (ny > 1 ? (double)(ny - 1) * sy * sy : 0)) /
             (double)(nx + ny - 2);
    if (!(pooled > 0)) {
        return NAN;
    }
    return (mx - my) / sqrt(pooled);
}

double firmnet_i_quantile_sorted(const double *x, size_t n, double q)
{
    double h, frac;
    size_t lo;
    if (n == 0 || !(q >= 0 && q <= 1)) {
        return NAN;
    }
    h = (double)(n - 1) * q;
    lo = (size_t)floor(h);
    if (lo >= n - 1) {
        return x[n - 1];
    }
    frac = h - (double)lo;
    return x[lo] + frac * (x[lo + 1] - x[lo]);
}

uint32_t firmnet_i_seed_mix(uint64_t seed, const char *a, const char *b, const char *c)
{
    /* FNV-1a over the keys (with separators), then splitmix64's finaliser with the seed */
    const char *keys[3] = {a, b, c};
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = 0; k < 3; k++) {
        for (const char *s = keys[k] ? keys[k] : ""; *s; s++) {
            h = (h ^ (unsigned char)*s) * 1099511628211ULL;
        }
        h = (h ^ 0x1f) * 1099511628211ULL;
    }
    uint64_t z = h ^ (seed + 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (uint32_t)(z ^ (z >> 32));
}

/* Units ordered by stratum: idx[start[s] .. start[s + 1]) are the units of stratum s. */
typedef struct strata_index {
    size_t *idx, *start, *na; /* na[s]: units of group A in stratum s */
    size_t nstrata;
} strata_index;

static void strata_free(strata_index *si)
{
    firmnet_i_free(si->idx);
    firmnet_i_free(si->start);
    firmnet_i_free(si->na);
}

static int strata_build(strata_index *si, const firmnet_i_twogroup *s)
{
    size_t ns = s->stratum != NULL && s->nstrata > 0 ? s->nstrata : 1;
    size_t *fill;
    memset(si, 0, sizeof *si);
    si->nstrata = ns;
    si->idx = firmnet_i_malloc((s->n ? s->n : 1) * sizeof *si->idx);
    si->start = firmnet_i_calloc(ns + 1, sizeof *si->start);
    si->na = firmnet_i_calloc(ns, sizeof *si->na);
    fill = firmnet_i_calloc(ns, sizeof *fill);
    if (si->idx == NULL || si->start == NULL || si->na == NULL || fill == NULL) {
        firmnet_i_free(fill);
        strata_free(si);
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < s->n; i++) {
        size_t k = s->stratum ? s->stratum[i] : 0;
        si->start[k + 1]++;
        si->na[k] += s->in[i] != 0;
    }
    for (size_t k = 0; k < ns; k++) {
        si->start[k + 1] += si->start[k];
    }
    for (size_t i = 0; i < s->n; i++) {
        size_t k = s->stratum ? s->stratum[i] : 0;
        si->idx[si->start[k] + fill[k]++] = i;
    }
    firmnet_i_free(fill);
    return 0;
}

int firmnet_i_perm_pvalues(double *p, const firmnet_i_twogroup *s, size_t nperm, gsl_rng *rng)
{
    const size_t nm = s->nmeasures, n = s->n;
    strata_index si;
    double *block = NULL, *total = NULL, *obs = NULL, *tol = NULL, *sum = NULL;
    size_t *hits = NULL, na = 0, nb;
    int rc;

    for (size_t m = 0; m < nm; m++) {
        p[m] = NAN;
    }
    for (size_t i = 0; i < n; i++) {
        na += s->in[i] != 0;
    }
    nb = n - na;
    if (nperm == 0 || na == 0 || nb == 0) {
        return 0;
    }
    rc = strata_build(&si, s);
    if (rc < 0) {
        return rc;
    }
    block = firmnet_i_calloc(si.nstrata * nm, sizeof *block);
    total = firmnet_i_calloc(nm, sizeof *total);
    obs = firmnet_i_calloc(nm, sizeof *obs);
    tol = firmnet_i_calloc(nm, sizeof *tol);
    sum = firmnet_i_calloc(nm, sizeof *sum);
    hits = firmnet_i_calloc(nm, sizeof *hits);
    if (block == NULL || total == NULL || obs == NULL || tol == NULL || sum == NULL ||
        hits == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t m = 0; m < nm; m++) {
        const double *x = s->x + m * n;
        double sa = 0, abs = 0;
        for (size_t k = 0; k < si.nstrata; k++) {
            for (size_t j = si.start[k]; j < si.start[k + 1]; j++) {
                block[k * nm + m] += x[si.idx[j]];
            }
            total[m] += block[k * nm + m];
        }
        for (size_t i = 0; i < n; i++) {
            sa += s->in[i] ? x[i] : 0;
            abs += fabs(x[i]);
        }
        obs[m] = sa / (double)na - (total[m] - sa) / (double)nb;
        /* Relabellings that reproduce |diff| up to rounding count as "at least as extreme". */
        tol[m] = 1e-10 * (fabs(obs[m]) + abs / (double)n);
    }
    for (size_t r = 0; r < nperm; r++) {
        memset(sum, 0, nm * sizeof *sum);
        for (size_t k = 0; k < si.nstrata; k++) {
            size_t b = si.start[k], ns = si.start[k + 1] - b, ka = si.na[k];
            /* draw the smaller of the two label sets by a partial Fisher-Yates shuffle */
            bool draw_a = ka <= ns - ka;
            size_t kd = draw_a ? ka : ns - ka;
            if (kd == 0) {
                if (!draw_a) {
                    for (size_t m = 0; m < nm; m++) {
                        sum[m] += block[k * nm + m];
                    }
                }
                continue;
            }
            size_t *idx = si.idx + b;
            for (size_t j = 0; j < kd; j++) {
                size_t pick = j + (size_t)gsl_rng_uniform_int(rng, (unsigned long)(ns - j));
                size_t x = idx[j];
                idx[j] = idx[pick];
                idx[pick] = x;
            }
            for (size_t m = 0; m < nm; m++) {
                const double *x = s->x + m * n;
                double part = 0;
                for (size_t j = 0; j < kd; j++) {
                    part += x[idx[j]];
                }
                sum[m] += draw_a ? part : block[k * nm + m] - part;
            }
        }
        for (size_t m = 0; m < nm; m++) {
            double d = sum[m] / (double)na - (total[m] - sum[m]) / (double)nb;
            hits[m] += fabs(d) >= fabs(obs[m]) - tol[m];
        }
    }
    for (size_t m = 0; m < nm; m++) {
        p[m] = (double)(1 + hits[m]) / (double)(1 + nperm);
    }
cleanup:
    strata_free(&si);
    firmnet_i_free(block);
    firmnet_i_free(total);
    firmnet_i_free(obs);
    firmnet_i_free(tol);
    firmnet_i_free(sum);
    firmnet_i_free(hits);
    return rc;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int firmnet_i_bootstrap_ci(double *lo, double *hi, const firmnet_i_twogroup *s, size_t nboot,
                           double level, gsl_rng *rng)
{
    const size_t nm = s->nmeasures, n = s->n;
    size_t ns = s->stratum != NULL && s->nstrata > 0 ? s->nstrata : 1, ncells = 2 * ns;
    size_t *cell_start = NULL, *cell_idx = NULL, *fill = NULL, na = 0, nb;
    double *reps = NULL, *sa = NULL, *sb = NULL;
    int rc = 0;

    for (size_t m = 0; m < nm; m++) {
        lo[m] = hi[m] = NAN;
    }
    for (size_t i = 0; i < n; i++) {
        na += s->in[i] != 0;
    }
    nb = n - na;
    if (nboot == 0 || na == 0 || nb == 0 || !(level > 0 && level < 1)) {
        return 0;
    }
    /* cells: (stratum, group); resampling keeps every cell's size */
    cell_start = firmnet_i_calloc(ncells + 1, sizeof *cell_start);
    cell_idx = firmnet_i_malloc(n * sizeof *cell_idx);
    fill = firmnet_i_calloc(ncells, sizeof *fill);
    reps = firmnet_i_malloc(nm * nboot * sizeof *reps);
    sa = firmnet_i_malloc(nm * sizeof *sa);
    sb = firmnet_i_malloc(nm * sizeof *sb);
    if (cell_start == NULL || cell_idx == NULL || fill == NULL || reps == NULL || sa == NULL ||
        sb == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = 2 * (s->stratum ? s->stratum[i] : 0) + (s->in[i] != 0);
        cell_start[c + 1]++;
    }
    for (size_t c = 0; c < ncells; c++) {
        cell_start[c + 1] += cell_start[c];
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = 2 * (s->stratum ? s->stratum[i] : 0) + (s->in[i] != 0);
        cell_idx[cell_start[c] + fill[c]++] = i;
    }
    for (size_t r = 0; r < nboot; r++) {
        memset(sa, 0, nm * sizeof *sa);
        memset(sb, 0, nm * sizeof *sb);
        for (size_t c = 0; c < ncells; c++) {
            size_t b = cell_start[c], size = cell_start[c + 1] - b;
            double *acc = (c & 1) ? sa : sb;
            for (size_t j = 0; j < size; j++) {
                size_t i = cell_idx[b + (size_t)gsl_rng_uniform_int(rng, (unsigned long)size)];
                for (size_t m = 0; m < nm; m++) {
                    acc[m] += s->x[m * n + i];
                }
            }
        }
        for (size_t m = 0; m < nm; m++) {
            reps[m * nboot + r] = sa[m] / (double)na - sb[m] / (double)nb;
        }
    }
    for (size_t m = 0; m < nm; m++) {
        double *v = reps + m * nboot;
        qsort(v, nboot, sizeof *v, cmp_double);
        lo[m] = firmnet_i_quantile_sorted(v, nboot, (1 - level) / 2);
        hi[m] = firmnet_i_quantile_sorted(v, nboot, 1 - (1 - level) / 2);
    }
cleanup:
    firmnet_i_free(cell_start);
    firmnet_i_free(cell_idx);
    firmnet_i_free(fill);
    firmnet_i_free(reps);
    firmnet_i_free(sa);
    firmnet_i_free(sb);
    return rc;
}
