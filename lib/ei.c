/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The E-I index of Krackhardt and Stern, with a permutation test by random relabelling. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "internal.h"

/* E-I values closer than this are taken as equal when counting permutations "as extreme". */
#define EI_EPS 1e-12
/* Call the progress callback after this many permutations. */
#define PROGRESS_STEP 100

int firmnet_ei_options_init(firmnet_ei_options *opts, unsigned int version)
{
    static const firmnet_ei_options defaults = FIRMNET_EI_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_EI_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_ei_options_init: unsupported version %u",
                               version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static int check_options(const firmnet_ei_options *opts)
{
    if (opts->version == 0 || opts->version > FIRMNET_EI_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "E-I options: unsupported version %u (initialise with "
                               "FIRMNET_EI_OPTIONS_INIT)",
                               opts->version);
    }
    return 0;
}

/* The ties of a view between included actors. */
typedef struct ei_edges {
    size_t m;
    uint32_t *s, *t;
    double *w;
} ei_edges;

static void edges_free(ei_edges *E)
{
    firmnet_i_free(E->s);
    firmnet_i_free(E->t);
    firmnet_i_free(E->w);
    memset(E, 0, sizeof *E);
}

static int edges_init(ei_edges *E, const firmnet_graph *g, const firmnet_i_groups *gr)
{
    size_t cap = g->m ? g->m : 1;
    memset(E, 0, sizeof *E);
    E->s = firmnet_i_malloc(cap * sizeof *E->s);
    E->t = firmnet_i_malloc(cap * sizeof *E->t);
    E->w = firmnet_i_malloc(cap * sizeof *E->w);
    if (E->s == NULL || E->t == NULL || E->w == NULL) {
        edges_free(E);
        return firmnet_i_nomem();
    }
    for (size_t e = 0; e < g->m; e++) {
        size_t s = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
        size_t t = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
        if (gr->of[s] < 0 || gr->of[t] < 0) {
            continue;
        }
        E->s[E->m] = (uint32_t)s;
        E->t[E->m] = (uint32_t)t;
        E->w[E->m] = VECTOR(g->w)[e];
        E->m++;
    }
    return 0;
}

/* Counts and weights of one row: row 0 is the network, row g + 1 group g. */
typedef struct tally {
    double in, xo, xi;    /* internal, external sent, external received */
    double win, wxo, wxi; /* the same, weighted */
} tally;

static void count(const ei_edges *E, const ptrdiff_t *lab, bool directed, size_t rows, tally *t)
{
    memset(t, 0, rows * sizeof *t);
    for (size_t e = 0; e < E->m; e++) {
        size_t a = (size_t)lab[E->s[e]] + 1, b = (size_t)lab[E->t[e]] + 1;
        double w = E->w[e];
        if (a == b) {
            t[a].in++;
            t[a].win += w;
            t[0].in++;
            t[0].win += w;
            continue;
        }
        t[0].xo++;
        t[0].wxo += w;
        t[a].xo++;
        t[a].wxo += w;
        /* an undirected tie is external to both ends' groups in the same way */
        if (directed) {
            t[b].xi++;
            t[b].wxi += w;
        } else {
            t[b].xo++;
            t[b].wxo += w;
        }
    }
}

/* E-I of row @p r: external ties are those sent and received by a group (directed views), or
 * the network's external ties (network row, undirected views). */
static double ei_value(const tally *t, size_t r, bool directed, bool weighted)
{
    double in = weighted ? t[r].win : t[r].in;
    double x = weighted ? t[r].wxo : t[r].xo;
    if (r > 0 && directed) {
        x += weighted ? t[r].wxi : t[r].xi;
    }
    return x + in > 0 ? (x - in) / (x + in) : NAN;
}

static double ei_out_value(const tally *t, size_t r)
{
    return t[r].xo + t[r].in > 0 ? (t[r].xo - t[r].in) / (t[r].xo + t[r].in) : NAN;
}

/* Expected E-I under random relabelling: from the expected numbers of external and internal
 * ties, 2 n_g (n - n_g) and n_g (n_g - 1) per n (n - 1) ties; the network row is exact. */
static double expected(const firmnet_i_groups *gr, size_t r)
{
    double n = (double)gr->included;
    if (gr->included < 2) {
        return NAN;
    }
    if (r == 0) {
        double same = 0;
        for (size_t k = 0; k < gr->count; k++) {
            double ng = (double)gr->size[k];
            same += ng * (ng - 1);
        }
        return 1 - 2 * same / (n * (n - 1));
    }
    double ng = (double)gr->size[r - 1];
    double x = 2 * (n - ng), in = ng - 1;
    return (x - in) / (x + in);
}

/* Running permutation statistics of one row. */
typedef struct perm_stats {
    double defined, ge, le, two, mean, m2; /* Welford's mean and sum of squares */
    double defined_w, two_w;
} perm_stats;

static int permute(const ei_edges *E, const firmnet_i_groups *gr, bool directed,
                   const firmnet_ei_options *opts, const double *obs, const double *obs_w,
                   const double *expect, perm_stats *ps)
{
    size_t rows = gr->count + 1, k = 0;
    ptrdiff_t *lab = NULL, *pool = NULL;
    size_t *idx = NULL;
    tally *t = NULL;
    gsl_rng *rng = NULL;
    int rc = 0;

    lab = firmnet_i_malloc((gr->n ? gr->n : 1) * sizeof *lab);
    pool = firmnet_i_malloc((gr->included ? gr->included : 1) * sizeof *pool);
    idx = firmnet_i_malloc((gr->included ? gr->included : 1) * sizeof *idx);
    t = firmnet_i_malloc(rows * sizeof *t);
    if (lab == NULL || pool == NULL || idx == NULL || t == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    memcpy(lab, gr->of, gr->n * sizeof *lab);
    for (size_t i = 0; i < gr->n; i++) {
        if (gr->of[i] >= 0) {
            idx[k] = i;
            pool[k++] = gr->of[i];
        }
    }
    memset(ps, 0, rows * sizeof *ps);
    firmnet_i_enter();
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng == NULL) {
        firmnet_i_leave();
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    gsl_rng_set(rng, opts->seed);
    for (size_t p = 0; p < opts->permutations; p++) {
        if (gr->included > 1) { /* GSL's shuffle wraps around for n == 0 */
            gsl_ran_shuffle(rng, pool, gr->included, sizeof *pool);
        }
        for (size_t j = 0; j < gr->included; j++) {
            lab[idx[j]] = pool[j];
        }
        count(E, lab, directed, rows, t);
        for (size_t r = 0; r < rows; r++) {
            double v = ei_value(t, r, directed, false);
            double vw = ei_value(t, r, directed, true);
            perm_stats *s = &ps[r];
            if (!isnan(v)) {
                double delta = v - s->mean;
                s->defined++;
                s->mean += delta / s->defined;
                s->m2 += delta * (v - s->mean);
                s->ge += v >= obs[r] - EI_EPS;
                s->le += v <= obs[r] + EI_EPS;
                s->two += fabs(v - expect[r]) >= fabs(obs[r] - expect[r]) - EI_EPS;
            }
            if (!isnan(vw)) {
                ps[r].defined_w++;
                ps[r].two_w += fabs(vw - expect[r]) >= fabs(obs_w[r] - expect[r]) - EI_EPS;
            }
        }
        if (opts->progress != NULL &&
            ((p + 1) % PROGRESS_STEP == 0 || p + 1 == opts->permutations) &&
            opts->progress("permutations", (double)(p + 1), (double)opts->permutations,
                           opts->progress_payload) != 0) {
            rc = firmnet_i_error(FIRMNET_ECANCEL, "E-I permutations cancelled after %zu of %zu",
                                 p + 1, opts->permutations);
            break;
        }
    }
    gsl_rng_free(rng);
    firmnet_i_leave();
cleanup:
    firmnet_i_free(lab);
    firmnet_i_free(pool);
    firmnet_i_free(idx);
    firmnet_i_free(t);
    return rc;
}

enum {
    C_N_ACTORS,
    C_INTERNAL,
    C_EXTERNAL_OUT,
    C_EXTERNAL_IN,
    C_EI,
    C_EI_OUT,
    C_EI_WEIGHTED,
    C_EI_EXPECTED,
    C_P_PERM,
    C_P_GE,
    C_P_LE,
    C_P_PERM_WEIGHTED,
    C_PERM_MEAN,
    C_PERM_SD,
    NCOLS
};
static const char *const col_names[NCOLS] = {
    "n_actors", "internal",        "external_out", "external_in", "ei",
    "ei_out",   "ei_weighted",     "ei_expected",  "p_perm",      "p_ge",
    "p_le",     "p_perm_weighted", "perm_mean",    "perm_sd",
};

static int ei_setup(const firmnet_graph *graph, const char *attribute,
                    const firmnet_ei_options **opts, firmnet_i_groups *gr, ei_edges *E)
{
    static const firmnet_ei_options defaults = FIRMNET_EI_OPTIONS_INIT;
    int rc;
    if (*opts == NULL) {
        *opts = &defaults;
    }
    rc = check_options(*opts);
    if (rc == 0) {
        rc = firmnet_i_groups_init(gr, graph->net, graph->n, attribute, (*opts)->blank);
    }
    if (rc == 0) {
        rc = edges_init(E, graph, gr);
    }
    return rc;
}

int firmnet_ei(firmnet_table **out, const firmnet_graph *graph, const char *attribute,
               const firmnet_ei_options *opts)
{
    firmnet_i_groups gr = {0};
    ei_edges E = {0};
    firmnet_table *t = NULL;
    tally *obs = NULL;
    perm_stats *ps = NULL;
    double *col = NULL, *ei = NULL, *ei_w = NULL, *expect = NULL;
    const char **names = NULL;
    size_t rows = 0;
    bool directed;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_ei: NULL argument");
    }
    rc = ei_setup(graph, attribute, &opts, &gr, &E);
    if (rc < 0) {
        goto cleanup;
    }
    directed = graph->directed != 0;
    rows = gr.count + 1;
    obs = firmnet_i_malloc(rows * sizeof *obs);
    ps = firmnet_i_calloc(rows, sizeof *ps);
    col = firmnet_i_malloc(rows * NCOLS * sizeof *col);
    ei = firmnet_i_malloc(rows * sizeof *ei);
    ei_w = firmnet_i_malloc(rows * sizeof *ei_w);
    expect = firmnet_i_malloc(rows * sizeof *expect);
    names = firmnet_i_malloc(rows * sizeof *names);
    if (obs == NULL || ps == NULL || col == NULL || ei == NULL || ei_w == NULL || expect == NULL ||
        names == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    count(&E, gr.of, directed, rows, obs);
    for (size_t r = 0; r < rows; r++) {
        ei[r] = ei_value(obs, r, directed, false);
        ei_w[r] = ei_value(obs, r, directed, true);
        expect[r] = expected(&gr, r);
    }
    if (opts->permutations > 0) {
        rc = permute(&E, &gr, directed, opts, ei, ei_w, expect, ps);
        if (rc < 0) {
            goto cleanup;
        }
    }
    for (size_t r = 0; r < rows; r++) {
        const perm_stats *s = &ps[r];
        bool perm = opts->permutations > 0;
        double *c = col + r;
        names[r] = r == 0 ? "*" : gr.names[r - 1];
        c[C_N_ACTORS * rows] = (double)(r == 0 ? gr.included : gr.size[r - 1]);
        c[C_INTERNAL * rows] = obs[r].in;
        c[C_EXTERNAL_OUT * rows] = obs[r].xo;
        c[C_EXTERNAL_IN * rows] = !directed ? NAN : r == 0 ? obs[0].xo : obs[r].xi;
        c[C_EI * rows] = ei[r];
        c[C_EI_OUT * rows] = r == 0 ? ei[0] : ei_out_value(obs, r);
        c[C_EI_WEIGHTED * rows] = ei_w[r];
        c[C_EI_EXPECTED * rows] = expect[r];
        c[C_P_PERM * rows] = perm && s->defined > 0 && !isnan(ei[r]) ? s->two / s->defined : NAN;
        c[C_P_GE * rows] = perm && s->defined > 0 && !isnan(ei[r]) ? s->ge / s->defined : NAN;
        c[C_P_LE * rows] = perm && s->defined > 0 && !isnan(ei[r]) ? s->le / s->defined : NAN;
        c[C_P_PERM_WEIGHTED * rows] =
            perm && s->defined_w > 0 && !isnan(ei_w[r]) ? s->two_w / s->defined_w : NAN;
        c[C_PERM_MEAN * rows] = perm && s->defined > 0 ? s->mean : NAN;
        c[C_PERM_SD * rows] = perm && s->defined > 1 ? sqrt(s->m2 / (s->defined - 1)) : NAN;
    }
    rc = firmnet_table_new(&t, rows);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "group", names);
    }
    for (size_t c = 0; rc == 0 && c < NCOLS; c++) {
        rc = firmnet_table_add_double(t, col_names[c], col + c * rows);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    firmnet_i_groups_free(&gr);
    edges_free(&E);
    firmnet_i_free(obs);
    firmnet_i_free(ps);
    firmnet_i_free(col);
    firmnet_i_free(ei);
    firmnet_i_free(ei_w);
    firmnet_i_free(expect);
    firmnet_i_free(names);
    return rc;
}

enum { A_INTERNAL, A_EXTERNAL, A_EI, A_EI_WEIGHTED, A_EI_EXPECTED, NACOLS };
static const char *const actor_col_names[NACOLS] = {
    "internal", "external", "ei", "ei_weighted", "ei_expected",
};

int firmnet_ei_actors(firmnet_table **out, const firmnet_graph *graph, const char *attribute,
                      const firmnet_ei_options *opts)
{
    firmnet_i_groups gr = {0};
    ei_edges E = {0};
    firmnet_table *t = NULL;
    double *col = NULL, *win = NULL, *wx = NULL;
    const char **ids = NULL, **groups = NULL;
    size_t n = 0;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_ei_actors: NULL argument");
    }
    rc = ei_setup(graph, attribute, &opts, &gr, &E);
    if (rc < 0) {
        goto cleanup;
    }
    n = graph->n;
    col = firmnet_i_calloc((n ? n : 1) * NACOLS, sizeof *col);
    win = firmnet_i_calloc(n ? n : 1, sizeof *win);
    wx = firmnet_i_calloc(n ? n : 1, sizeof *wx);
    ids = firmnet_i_malloc((n ? n : 1) * sizeof *ids);
    groups = firmnet_i_malloc((n ? n : 1) * sizeof *groups);
    if (col == NULL || win == NULL || wx == NULL || ids == NULL || groups == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t e = 0; e < E.m; e++) {
        size_t ends[2] = {E.s[e], E.t[e]};
        bool same = gr.of[ends[0]] == gr.of[ends[1]];
        for (int k = 0; k < 2; k++) {
            col[(same ? A_INTERNAL : A_EXTERNAL) * n + ends[k]]++;
            (same ? win : wx)[ends[k]] += E.w[e];
        }
    }
    for (size_t i = 0; i < n; i++) {
        double in = col[A_INTERNAL * n + i], x = col[A_EXTERNAL * n + i];
        double nn = (double)gr.included;
        ids[i] = firmnet_network_actor_id(graph->net, i);
        if (gr.of[i] < 0) {
            groups[i] = "";
            for (size_t c = 0; c < NACOLS; c++) {
                col[c * n + i] = NAN;
            }
            continue;
        }
        groups[i] = gr.names[gr.of[i]];
        col[A_EI * n + i] = x + in > 0 ? (x - in) / (x + in) : NAN;
        col[A_EI_WEIGHTED * n + i] = wx[i] + win[i] > 0 ? (wx[i] - win[i]) / (wx[i] + win[i]) : NAN;
        col[A_EI_EXPECTED * n + i] =
            gr.included > 1 ? 1 - 2 * ((double)gr.size[gr.of[i]] - 1) / (nn - 1) : NAN;
    }
    rc = firmnet_table_new(&t, n);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "id", ids);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "group", groups);
    }
    for (size_t c = 0; rc == 0 && c < NACOLS; c++) {
        rc = firmnet_table_add_double(t, actor_col_names[c], col + c * n);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    firmnet_i_groups_free(&gr);
    edges_free(&E);
    firmnet_i_free(col);
    firmnet_i_free(win);
    firmnet_i_free(wx);
    firmnet_i_free(ids);
    firmnet_i_free(groups);
    return rc;
}
