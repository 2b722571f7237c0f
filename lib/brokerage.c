/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Gould-Fernandez brokerage roles, with the expectations and variances R's sna reports. */
#include <math.h>
#include <string.h>

#include "internal.h"

int firmnet_brokerage_options_init(firmnet_brokerage_options *opts, unsigned int version)
{
    static const firmnet_brokerage_options defaults = FIRMNET_BROKERAGE_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_BROKERAGE_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "firmnet_brokerage_options_init: unsupported version %u", version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

/* Roles in output order. sna's columns are w_I, w_O, b_IO, b_OI, b_O, t. */
enum { COORDINATOR, ITINERANT, GATEKEEPER, REPRESENTATIVE, LIAISON, TOTAL, NROLES };
static const char *const role_names[NROLES] = {
    "coordinator", "itinerant", "gatekeeper", "representative", "liaison", "total",
};

/* The directed graph among the included actors as out-neighbour lists (CSR). */
typedef struct digraph {
    size_t n, m; /* m: directed ties among included actors */
    size_t *ptr;
    uint32_t *nbr;
} digraph;

static void digraph_free(digraph *d)
{
    firmnet_i_free(d->ptr);
    firmnet_i_free(d->nbr);
    memset(d, 0, sizeof *d);
}

static int digraph_init(digraph *d, const firmnet_graph *g, const firmnet_i_groups *gr)
{
    size_t n = g->n, *fill = NULL;
    memset(d, 0, sizeof *d);
    d->n = n;
    d->ptr = firmnet_i_calloc(n + 1, sizeof *d->ptr);
    d->nbr = firmnet_i_malloc((g->m ? 2 * g->m : 1) * sizeof *d->nbr);
    fill = firmnet_i_calloc(n ? n : 1, sizeof *fill);
    if (d->ptr == NULL || d->nbr == NULL || fill == NULL) {
        firmnet_i_free(fill);
        digraph_free(d);
        return firmnet_i_nomem();
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t e = 0; e < g->m; e++) {
            size_t s = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
            size_t t = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
            if (gr->of[s] < 0 || gr->of[t] < 0) {
                continue;
            }
            /* an undirected tie is a tie in both directions */
            for (int k = 0; k < (g->directed ? 1 : 2); k++) {
                size_t a = k ? t : s, b = k ? s : t;
                if (pass == 0) {
                    d->ptr[a + 1]++;
                    d->m++;
                } else {
                    d->nbr[d->ptr[a] + fill[a]++] = (uint32_t)b;
                }
            }
        }
        if (pass == 0) {
            for (size_t i = 0; i < n; i++) {
                d->ptr[i + 1] += d->ptr[i];
            }
        }
    }
    firmnet_i_free(fill);
    return 0;
}

/* Observed role counts per actor: col[role * n + j]. */
static int count_roles(const digraph *d, const ptrdiff_t *cl, double *col)
{
    size_t n = d->n;
    size_t *mark = firmnet_i_calloc(n ? n : 1, sizeof *mark);
    if (mark == NULL) {
        return firmnet_i_nomem();
    }
    memset(col, 0, n * NROLES * sizeof *col);
    for (size_t i = 0; i < n; i++) {
        /* mark[k] == i + 1: i -> k exists */
        for (size_t a = d->ptr[i]; a < d->ptr[i + 1]; a++) {
            mark[d->nbr[a]] = i + 1;
        }
        for (size_t a = d->ptr[i]; a < d->ptr[i + 1]; a++) {
            size_t j = d->nbr[a];
            for (size_t b = d->ptr[j]; b < d->ptr[j + 1]; b++) {
                size_t k = d->nbr[b];
                if (k == i || k == j || mark[k] == i + 1) {
                    continue;
                }
                int role = cl[j] == cl[i]   ? (cl[j] == cl[k] ? COORDINATOR : REPRESENTATIVE)
                           : cl[j] == cl[k] ? GATEKEEPER
                           : cl[i] == cl[k] ? ITINERANT
                                            : LIAISON;
                col[role * n + j]++;
                col[TOTAL * n + j]++;
            }
        }
    }
    firmnet_i_free(mark);
    return 0;
}

static double choose2(double x)
{
    return x * (x - 1) / 2;
}

/*
 * Expected counts and variances per group (Gould and Fernandez 1989, as sna::brokerage()):
 * ex[g * NROLES + role], var[...], from the density d and the group sizes.
 */
static void group_moments(const firmnet_i_groups *gr, double d, double *ex, double *var)
{
    double N = (double)gr->included;
    double c = d * d * (1 - d), c3 = pow(d, 3) * pow(1 - d, 3);
    for (size_t g = 0; g < gr->count; g++) {
        double ni = (double)gr->size[g];
        double pairs_other = 0, triples_other = 0, sum_other = 0, sq_other = 0, liaison_var = 0;
        double *e = ex + g * NROLES, *v = var + g * NROLES;
        for (size_t h = 0; h < gr->count; h++) {
            double nk = (double)gr->size[h];
            if (h == g) {
                continue;
            }
            pairs_other += nk * (nk - 1);
            triples_other += nk * (nk - 1) * (nk - 2);
            sum_other += nk;
            sq_other += nk * nk;
            liaison_var += nk * choose2(N - nk - ni);
        }
        e[COORDINATOR] = c * (ni - 1) * (ni - 2);
        v[COORDINATOR] = e[COORDINATOR] * (1 - c) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * c3;
        e[ITINERANT] = c * pairs_other;
        v[ITINERANT] = e[ITINERANT] * (1 - c) + 2 * triples_other * c3;
        e[REPRESENTATIVE] = c * (N - ni) * (ni - 1);
        v[REPRESENTATIVE] = e[REPRESENTATIVE] * (1 - c) +
                            2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * c3;
        e[GATEKEEPER] = e[REPRESENTATIVE];
        v[GATEKEEPER] = v[REPRESENTATIVE];
        e[LIAISON] = c * (sum_other * sum_other - sq_other);
        v[LIAISON] = e[LIAISON] * (1 - c) + 4 * liaison_var * c3;
        e[TOTAL] = c * (N - 1) * (N - 2);
        v[TOTAL] = e[TOTAL] * (1 - c) + 2 * (N - 1) * (N - 2) * (N - 3) * c3;
    }
}

/* Network-level expectations and variances (sna's exp.gli and the square of sd.gli). */
static void global_moments(const firmnet_i_groups *gr, double d, double *e, double *v)
{
    double N = (double)gr->included;
    double c = d * d * (1 - d), c3 = pow(d, 3) * pow(1 - d, 3);
    double c4 = pow(d, 4) * pow(1 - d, 2), c5 = pow(d, 5) * (1 - d);
    double s_coord = 0, s_coord_v = 0, s_itin = 0, s_itin_v = 0, s_rep_v = 0, s_liaison = 0;
    double s_liaison_v = 0;
    size_t G = gr->count;
    for (size_t a = 0; a < G; a++) {
        double x = (double)gr->size[a];
        s_coord += x * (x - 1) * (x - 2);
        s_coord_v += x * (x - 1) * (x - 2) * ((4 * x - 10) * c3 - 4 * (x - 3) * c4 + (x - 3) * c5);
        s_itin += x * (N - x) * (x - 1);
        s_rep_v += x * (N - x) * (x - 1) * ((N - 3) * c3 + (x - 2) * c5);
        s_itin_v -= x * x * (x - 1) * ((4 * x - 6) * c3 + (N - x - 1) * c5);
        s_liaison -= x * x * (N - 2 * x);
        for (size_t b = 0; b < G; b++) {
            double y = (double)gr->size[b];
            s_itin_v += x * y * (x - 1) * ((2 * x + 2 * y - 6) * c3 + (N - x - 1) * c5);
            s_liaison += x * y * (N - x - y);
            for (size_t k = 0; k < G; k++) {
                double z = (double)gr->size[k];
                if (a == b || b == k || a == k) {
                    continue;
                }
                s_liaison_v += x * y * z *
                               ((4 * (N - y) - 2 * (x + z + 1)) * c3 -
                                (4 * (N - z) - 2 * (x + y + 1)) * c4 + (N - (x + z + 1)) * c5);
            }
        }
    }
    e[COORDINATOR] = c * s_coord;
    v[COORDINATOR] = e[COORDINATOR] * (1 - c) + s_coord_v;
    e[ITINERANT] = c * s_itin;
    v[ITINERANT] = e[ITINERANT] * (1 - c) + s_itin_v;
    e[REPRESENTATIVE] = c * s_itin;
    v[REPRESENTATIVE] = e[REPRESENTATIVE] * (1 - c) + s_rep_v;
    e[GATEKEEPER] = e[REPRESENTATIVE];
    v[GATEKEEPER] = v[REPRESENTATIVE];
    e[LIAISON] = c * s_liaison;
    v[LIAISON] = e[LIAISON] * (1 - c) + s_liaison_v;
    e[TOTAL] = c * N * (N - 1) * (N - 2);
    v[TOTAL] = e[TOTAL] * (1 - c) +
               N * (N - 1) * (N - 2) * ((4 * N - 10) * c3 - 4 * (N - 3) * c4 + (N - 3) * c5);
}

/* Shared set-up: options, groups, the directed graph, observed counts and the density. */
typedef struct brokerage_run {
    firmnet_i_groups gr;
    digraph d;
    double *obs; /* NROLES columns of n */
    double density;
} brokerage_run;

static void run_free(brokerage_run *b)
{
    firmnet_i_groups_free(&b->gr);
    digraph_free(&b->d);
    firmnet_i_free(b->obs);
    memset(b, 0, sizeof *b);
}

static int run_init(brokerage_run *b, const firmnet_graph *graph, const char *attribute,
                    const firmnet_brokerage_options *opts)
{
    static const firmnet_brokerage_options defaults = FIRMNET_BROKERAGE_OPTIONS_INIT;
    size_t n = graph->n;
    double N;
    int rc;

    memset(b, 0, sizeof *b);
    if (opts == NULL) {
        opts = &defaults;
    }
    if (opts->version == 0 || opts->version > FIRMNET_BROKERAGE_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "brokerage options: unsupported version %u (initialise with "
                               "FIRMNET_BROKERAGE_OPTIONS_INIT)",
                               opts->version);
    }
    rc = firmnet_i_groups_init(&b->gr, graph->net, n, attribute, opts->blank);
    if (rc == 0) {
        rc = digraph_init(&b->d, graph, &b->gr);
    }
    if (rc == 0) {
        b->obs = firmnet_i_malloc((n ? n : 1) * NROLES * sizeof *b->obs);
        rc = b->obs ? count_roles(&b->d, b->gr.of, b->obs) : firmnet_i_nomem();
    }
    if (rc < 0) {
        run_free(b);
        return rc;
    }
    N = (double)b->gr.included;
    b->density = N > 1 ? (double)b->d.m / (N * (N - 1)) : NAN;
    return 0;
}

int firmnet_brokerage(firmnet_table **out, const firmnet_graph *graph, const char *attribute,
                      const firmnet_brokerage_options *opts)
{
    brokerage_run b;
    firmnet_table *t = NULL;
    double *ex = NULL, *var = NULL, *col = NULL;
    const char **ids = NULL, **groups = NULL;
    size_t n;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_brokerage: NULL argument");
    }
    rc = run_init(&b, graph, attribute, opts);
    if (rc < 0) {
        return rc;
    }
    n = graph->n;
    ex = firmnet_i_malloc((b.gr.count ? b.gr.count : 1) * NROLES * sizeof *ex);
    var = firmnet_i_malloc((b.gr.count ? b.gr.count : 1) * NROLES * sizeof *var);
    col = firmnet_i_malloc((n ? n : 1) * 3 * NROLES * sizeof *col);
    ids = firmnet_i_malloc((n ? n : 1) * sizeof *ids);
    groups = firmnet_i_malloc((n ? n : 1) * sizeof *groups);
    if (ex == NULL || var == NULL || col == NULL || ids == NULL || groups == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    group_moments(&b.gr, b.density, ex, var);
    for (size_t i = 0; i < n; i++) {
        ptrdiff_t g = b.gr.of[i];
        ids[i] = firmnet_network_actor_id(graph->net, i);
        groups[i] = g >= 0 ? b.gr.names[g] : "";
        for (size_t r = 0; r < NROLES; r++) {
            double o = b.obs[r * n + i];
            double e = g >= 0 ? ex[(size_t)g * NROLES + r] : NAN;
            double sd = g >= 0 ? sqrt(var[(size_t)g * NROLES + r]) : NAN;
            col[r * n + i] = g >= 0 ? o : NAN;
            col[(NROLES + r) * n + i] = e;
            col[(2 * NROLES + r) * n + i] = (o - e) / sd;
        }
    }
    rc = firmnet_table_new(&t, n);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "id", ids);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "group", groups);
    }
    for (size_t c = 0; rc == 0 && c < 3 * NROLES; c++) {
        char name[64];
        snprintf(name, sizeof name, "%s%s",
                 c < NROLES       ? ""
                 : c < 2 * NROLES ? "expected_"
                                  : "z_",
                 role_names[c % NROLES]);
        rc = firmnet_table_add_double(t, name, col + c * n);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    run_free(&b);
    firmnet_i_free(ex);
    firmnet_i_free(var);
    firmnet_i_free(col);
    firmnet_i_free(ids);
    firmnet_i_free(groups);
    return rc;
}

int firmnet_brokerage_global(firmnet_table **out, const firmnet_graph *graph, const char *attribute,
                             const firmnet_brokerage_options *opts)
{
    enum { G_OBSERVED, G_EXPECTED, G_SD, G_Z, NG };
    static const char *const names[NG] = {"observed", "expected", "sd", "z"};
    brokerage_run b;
    firmnet_table *t = NULL;
    double e[NROLES], v[NROLES], col[NG * NROLES];
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_brokerage_global: NULL argument");
    }
    rc = run_init(&b, graph, attribute, opts);
    if (rc < 0) {
        return rc;
    }
    global_moments(&b.gr, b.density, e, v);
    for (size_t r = 0; r < NROLES; r++) {
        double o = 0;
        for (size_t i = 0; i < graph->n; i++) {
            o += b.obs[r * graph->n + i];
        }
        col[G_OBSERVED * NROLES + r] = o;
        col[G_EXPECTED * NROLES + r] = e[r];
        col[G_SD * NROLES + r] = sqrt(v[r]);
        col[G_Z * NROLES + r] = (o - e[r]) / sqrt(v[r]);
    }
    rc = firmnet_table_new(&t, NROLES);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "role", role_names);
    }
    for (size_t c = 0; rc == 0 && c < NG; c++) {
        rc = firmnet_table_add_double(t, names[c], col + c * NROLES);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
    firmnet_table_free(t);
    run_free(&b);
    return rc;
}
