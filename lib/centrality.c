/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Per-actor centrality and network-level centralization of a graph view. */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "internal.h"

enum {
    M_DEGREE_IN,
    M_DEGREE_OUT,
    M_DEGREE,
    M_STRENGTH_IN,
    M_STRENGTH_OUT,
    M_STRENGTH,
    M_BETWEENNESS,
    M_CLOSENESS,
    M_HARMONIC,
    M_EIGENVECTOR,
    M_PAGERANK,
    M_HUB,
    M_AUTHORITY,
    M_CORENESS,
    M_CLUSTERING,
    M_CLUSTERING_WEIGHTED,
    NMEASURES
};

static const char *const measure_names[NMEASURES] = {
    "degree_in",   "degree_out", "degree",     "strength_in",         "strength_out", "strength",
    "betweenness", "closeness",  "harmonic",   "eigenvector",         "pagerank",     "hub",
    "authority",   "coreness",   "clustering", "clustering_weighted",
};

static const char *const weights_names[] = {"inverse", "unweighted", "distance"};
static const char *const mode_names[] = {"all", "out", "in"};
static const char *const method_names[] = {"auto", "exact", "sampled"};
#define COUNT(a) (sizeof(a) / sizeof *(a))

/* ---- options and names ------------------------------------------------------------------ */

/* The size of a caller's options struct of @p version (1..current). */
static size_t options_size(unsigned int version)
{
    return version == 1 ? offsetof(firmnet_centrality_options, threads)
                        : sizeof(firmnet_centrality_options);
}

int firmnet_centrality_options_init(firmnet_centrality_options *opts, unsigned int version)
{
    static const firmnet_centrality_options defaults = FIRMNET_CENTRALITY_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_CENTRALITY_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "firmnet_centrality_options_init: unsupported version %u", version);
    }
    /* A version 1 struct ends before `threads`: write only what the caller has. */
    memcpy(opts, &defaults, options_size(version));
    opts->version = version;
    return 0;
}

static int parse_name(int *out, const char *name, const char *const *names, size_t count,
                      const char *what, const char *valid)
{
    for (size_t i = 0; name != NULL && i < count; i++) {
        if (firmnet_i_strcasecmp(name, names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    return firmnet_i_error(FIRMNET_EINVAL, "unknown %s '%s' (use %s)", what, name ? name : "(null)",
                           valid);
}

int firmnet_weights_parse(firmnet_weights *out, const char *name)
{
    int v = 0;
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_weights_parse: NULL argument");
    }
    int rc = parse_name(&v, name, weights_names, COUNT(weights_names), "weights",
                        "inverse, unweighted or distance");
    if (rc == 0) {
        *out = (firmnet_weights)v;
    }
    return rc;
}

const char *firmnet_weights_name(firmnet_weights weights)
{
    return (int)weights >= 0 && (size_t)weights < COUNT(weights_names) ? weights_names[weights]
                                                                       : NULL;
}

int firmnet_mode_parse(firmnet_mode *out, const char *name)
{
    int v = 0;
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_mode_parse: NULL argument");
    }
    int rc = parse_name(&v, name, mode_names, COUNT(mode_names), "mode", "all, out or in");
    if (rc == 0) {
        *out = (firmnet_mode)v;
    }
    return rc;
}

const char *firmnet_mode_name(firmnet_mode mode)
{
    return (int)mode >= 0 && (size_t)mode < COUNT(mode_names) ? mode_names[mode] : NULL;
}

int firmnet_betweenness_method_parse(firmnet_betweenness_method *out, const char *name)
{
    int v = 0;
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_betweenness_method_parse: NULL argument");
    }
    int rc = parse_name(&v, name, method_names, COUNT(method_names), "betweenness method",
                        "auto, exact or sampled");
    if (rc == 0) {
        *out = (firmnet_betweenness_method)v;
    }
    return rc;
}

const char *firmnet_betweenness_method_name(firmnet_betweenness_method method)
{
    return (int)method >= 0 && (size_t)method < COUNT(method_names) ? method_names[method] : NULL;
}

size_t firmnet_centrality_measure_count(void)
{
    return NMEASURES;
}

const char *firmnet_centrality_measure_name(size_t k)
{
    return k < NMEASURES ? measure_names[k] : NULL;
}

static bool is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    return *s == '\0';
}

/* Index of the measure called @p name (@p len bytes, any case), NMEASURES for "all", or -1. */
static ptrdiff_t measure_index(const char *name, size_t len)
{
    char buf[32];
    if (len >= sizeof buf) {
        return -1;
    }
    memcpy(buf, name, len);
    buf[len] = '\0';
    if (firmnet_i_strcasecmp(buf, "all") == 0) {
        return NMEASURES;
    }
    for (size_t k = 0; k < NMEASURES; k++) {
        if (firmnet_i_strcasecmp(buf, measure_names[k]) == 0) {
            return (ptrdiff_t)k;
        }
    }
    return -1;
}

/* Mark the measures named in @p list (see firmnet_centrality_options::measures). */
static int parse_measures(const char *list, bool sel[NMEASURES])
{
    bool any = false;
    for (size_t k = 0; k < NMEASURES; k++) {
        sel[k] = list == NULL || is_blank(list);
    }
    if (sel[0]) {
        return 0;
    }
    for (const char *p = list; *p != '\0';) {
        size_t len = strcspn(p, ",");
        const char *a = p, *b = p + len;
        while (a < b && (*a == ' ' || *a == '\t')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (b > a) {
            ptrdiff_t k = measure_index(a, (size_t)(b - a));
            if (k < 0) {
                firmnet_i_buf valid = {0};
                for (size_t j = 0; j < NMEASURES; j++) {
                    firmnet_i_buf_printf(&valid, "%s%s", j ? ", " : "", measure_names[j]);
                }
                firmnet_i_error(FIRMNET_EINVAL, "unknown measure '%.*s' (measures: all, %s)",
                                (int)(b - a), a, valid.data ? valid.data : "");
                firmnet_i_buf_free(&valid);
                return FIRMNET_EINVAL;
            }
            for (size_t j = 0; j < NMEASURES; j++) {
                sel[j] = sel[j] || k == NMEASURES || (size_t)k == j;
            }
            any = true;
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    if (!any) {
        return firmnet_i_error(FIRMNET_EINVAL, "empty measure list '%s'", list);
    }
    return 0;
}

int firmnet_centrality_measures_check(const char *list)
{
    bool sel[NMEASURES];
    firmnet_i_clear_error();
    return parse_measures(list, sel);
}

static int check_options(const firmnet_centrality_options *o)
{
    if (o->version == 0 || o->version > FIRMNET_CENTRALITY_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "centrality options: unsupported version %u "
                               "(initialise with FIRMNET_CENTRALITY_OPTIONS_INIT)",
                               o->version);
    }
    if (firmnet_weights_name(o->weights) == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: invalid weights %d",
                               (int)o->weights);
    }
    if (firmnet_mode_name(o->closeness_mode) == NULL ||
        firmnet_mode_name(o->coreness_mode) == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: invalid mode");
    }
    if (firmnet_betweenness_method_name(o->betweenness) == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: invalid betweenness method %d",
                               (int)o->betweenness);
    }
    if (!(o->damping >= 0 && o->damping <= 1)) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: damping %g is not in [0, 1]",
                               o->damping);
    }
    if (o->samples == 0 && !(o->epsilon > 0 && o->epsilon < 1)) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: epsilon %g is not in (0, 1)",
                               o->epsilon);
    }
    if (!(o->delta > 0 && o->delta < 1)) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: delta %g is not in (0, 1)",
                               o->delta);
    }
    if (o->threads > FIRMNET_CENTRALITY_THREADS_MAX) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality options: threads %u is more than %d",
                               o->threads, FIRMNET_CENTRALITY_THREADS_MAX);
    }
    return 0;
}

static igraph_neimode_t neimode(firmnet_mode m)
{
    return m == FIRMNET_MODE_OUT ? IGRAPH_OUT : m == FIRMNET_MODE_IN ? IGRAPH_IN : IGRAPH_ALL;
}

/* ---- sampled betweenness ------------------------------------------------------------------ */

double firmnet_betweenness_error_bound(size_t n, size_t samples, double delta)
{
    if (n < 3 || samples == 0 || !(delta > 0 && delta < 1)) {
        return NAN;
    }
    if (samples >= n) {
        return 0;
    }
    double nn = (double)n;
    return nn / (nn - 1) * sqrt(log(2 * nn / delta) / (2 * (double)samples));
}

size_t firmnet_betweenness_sample_size(size_t n, double epsilon, double delta)
{
    if (!(epsilon > 0 && epsilon < 1) || !(delta > 0 && delta < 1)) {
        return 0;
    }
    if (n < 3) {
        return n;
    }
    double nn = (double)n, scale = nn / (nn - 1);
    double k = ceil(log(2 * nn / delta) * scale * scale / (2 * epsilon * epsilon));
    /* The ceiling can land one short through rounding: step up until the bound holds. */
    while (k < nn && firmnet_betweenness_error_bound(n, (size_t)k, delta) > epsilon) {
        k++;
    }
    return k >= nn ? n : (size_t)k;
}

/* Number of sources to sample for a view of @p n actors, or 0 for exact betweenness. */
static size_t sample_count(const firmnet_centrality_options *o, size_t n)
{
    size_t k;
    if (o->betweenness == FIRMNET_BETWEENNESS_EXACT ||
        (o->betweenness == FIRMNET_BETWEENNESS_AUTO && n <= o->sample_above)) {
        return 0;
    }
    k = o->samples > 0 ? o->samples : firmnet_betweenness_sample_size(n, o->epsilon, o->delta);
    return k >= n ? 0 : k;
}

static void method_text(char *buf, size_t size, const firmnet_centrality_options *o, size_t n,
                        size_t k)
{
    if (k == 0) {
        snprintf(buf, size, "exact");
    } else {
        snprintf(buf, size, "sampled k=%zu seed=%" PRIu64 " bound=%.4g delta=%g", k, o->seed,
                 firmnet_betweenness_error_bound(n, k, o->delta), o->delta);
    }
}

/*
 * Betweenness of every vertex into res (n entries): exact when k == 0, otherwise estimated
 * from k distinct sources drawn uniformly (gsl_ran_choose, so in ascending order) and scaled
 * by n / k (firmnet_i_betweenness() counts each unordered pair once in undirected graphs, as
 * igraph_betweenness does, so the scale is the same either way). @p threads as the option.
 */
static int betweenness(const igraph_t *g, const igraph_vector_t *dist, size_t k, uint64_t seed,
                       unsigned int threads, double *res)
{
    size_t n = (size_t)igraph_vcount(g), m = (size_t)igraph_ecount(g);
    uint32_t *all = NULL, *src = NULL;
    gsl_rng *rng = NULL;
    int rc;

    threads = firmnet_i_threads(threads, (double)(k ? k : n) * (double)m,
                                FIRMNET_CENTRALITY_THREADS_WORK);
    if (k == 0) {
        return firmnet_i_betweenness(res, g, dist ? VECTOR(*dist) : NULL, NULL, 0, threads);
    }
    all = firmnet_i_malloc(n * sizeof *all);
    src = firmnet_i_malloc(k * sizeof *src);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (all == NULL || src == NULL || rng == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        all[i] = (uint32_t)i;
    }
    gsl_rng_set(rng, (unsigned long)seed);
    gsl_ran_choose(rng, src, k, all, n, sizeof *src);
    rc = firmnet_i_betweenness(res, g, dist ? VECTOR(*dist) : NULL, src, k, threads);
    if (rc == 0) {
        for (size_t i = 0; i < n; i++) {
            res[i] *= (double)n / (double)k;
        }
    }
cleanup:
    gsl_rng_free(rng);
    firmnet_i_free(all);
    firmnet_i_free(src);
    return rc;
}

/* ---- the undirected graph behind the clustering coefficients ------------------------------ */

typedef struct pair {
    igraph_integer_t a, b;
    double w;
} pair;

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return p->b < q->b ? -1 : p->b > q->b;
}

/* The undirected graph of a directed view: ties in both directions merge, weights summed. */
static int collapse(const firmnet_graph *view, igraph_t *u, igraph_vector_t *uw)
{
    size_t m = view->m, mu = 0;
    pair *p = firmnet_i_malloc((m ? m : 1) * sizeof *p);
    igraph_vector_int_t edges;
    int rc;

    if (p == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t e = 0; e < m; e++) {
        igraph_integer_t s = IGRAPH_FROM(&view->g, (igraph_integer_t)e);
        igraph_integer_t t = IGRAPH_TO(&view->g, (igraph_integer_t)e);
        p[e].a = s < t ? s : t;
        p[e].b = s < t ? t : s;
        p[e].w = VECTOR(view->w)[e];
    }
    qsort(p, m, sizeof *p, cmp_pair);
    for (size_t e = 0; e < m; e++) {
        if (mu > 0 && p[mu - 1].a == p[e].a && p[mu - 1].b == p[e].b) {
            p[mu - 1].w += p[e].w;
        } else {
            p[mu++] = p[e];
        }
    }
    rc = firmnet_i_igraph(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * mu)), "clustering");
    if (rc < 0) {
        firmnet_i_free(p);
        return rc;
    }
    rc = firmnet_i_igraph(igraph_vector_init(uw, (igraph_integer_t)mu), "clustering");
    if (rc == 0) {
        for (size_t e = 0; e < mu; e++) {
            VECTOR(edges)[2 * e] = p[e].a;
            VECTOR(edges)[2 * e + 1] = p[e].b;
            VECTOR(*uw)[e] = p[e].w;
        }
        rc = firmnet_i_igraph(
            igraph_create(u, &edges, (igraph_integer_t)view->n, IGRAPH_UNDIRECTED), "clustering");
        if (rc < 0) {
            igraph_vector_destroy(uw);
        }
    }
    igraph_vector_int_destroy(&edges);
    firmnet_i_free(p);
    return rc;
}

/* ---- per-actor measures ------------------------------------------------------------------- */

typedef struct work {
    const firmnet_graph *view;
    const firmnet_centrality_options *o;
    double **col; /* per measure: n values, or NULL when not selected */
    size_t k;     /* betweenness sources; 0 = exact */
    igraph_vector_t v, v2, dist;
    igraph_vector_int_t iv, indeg, outdeg;
} work;

static void copy_vector(double *dst, const igraph_vector_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = VECTOR(*v)[i];
    }
}

static void scale(double *x, size_t n, double by)
{
    for (size_t i = 0; i < n; i++) {
        x[i] /= by;
    }
}

/* In- or out-strength in a directed view, straight from igraph's edge index: each vertex's
 * weights are added in the order igraph_incident() lists its edges, as igraph_strength() does
 * (which asks for that list vertex by vertex), so the sums are the same bits
 * (test_centrality compares). */
static void strength_directed(const igraph_t *g, const igraph_vector_t *weights,
                              igraph_neimode_t mode, double *out)
{
    const igraph_vector_int_t *start = mode == IGRAPH_OUT ? &g->os : &g->is;
    const igraph_vector_int_t *index = mode == IGRAPH_OUT ? &g->oi : &g->ii;
    igraph_integer_t n = igraph_vcount(g);
    for (igraph_integer_t v = 0; v < n; v++) {
        double sum = 0;
        for (igraph_integer_t p = VECTOR(*start)[v]; p < VECTOR(*start)[v + 1]; p++) {
            sum += VECTOR(*weights)[VECTOR(*index)[p]];
        }
        out[v] = sum;
    }
}

static int degrees(work *w)
{
    static const igraph_neimode_t modes[3] = {IGRAPH_IN, IGRAPH_OUT, IGRAPH_ALL};
    const igraph_t *g = &w->view->g;
    const igraph_vector_t *sw = w->o->weights == FIRMNET_WEIGHTS_UNWEIGHTED ? NULL : &w->view->w;
    size_t n = w->view->n;
    int rc;
    for (int k = 0; k < 3; k++) {
        double *d = w->col[M_DEGREE_IN + k], *s = w->col[M_STRENGTH_IN + k];
        if (d != NULL) {
            rc = firmnet_i_igraph(igraph_degree(g, &w->iv, igraph_vss_all(), modes[k], true),
                                  "degree");
            if (rc < 0) {
                return rc;
            }
            for (size_t i = 0; i < n; i++) {
                d[i] = (double)VECTOR(w->iv)[i];
            }
            if (w->o->normalized) {
                scale(d, n, n > 1 ? (double)(n - 1) : NAN);
            }
        }
        if (s != NULL && sw != NULL && igraph_is_directed(g) && modes[k] != IGRAPH_ALL) {
            strength_directed(g, sw, modes[k], s);
        } else if (s != NULL) {
            rc = firmnet_i_igraph(igraph_strength(g, &w->v, igraph_vss_all(), modes[k], true, sw),
                                  "strength");
            if (rc < 0) {
                return rc;
            }
            copy_vector(s, &w->v, n);
        }
    }
    return 0;
}

/* The distances of path-based measures, or NULL for unweighted paths. */
static int distances(work *w, const igraph_vector_t **out)
{
    switch (w->o->weights) {
    case FIRMNET_WEIGHTS_UNWEIGHTED:
        *out = NULL;
        return 0;
    case FIRMNET_WEIGHTS_DISTANCE:
        *out = &w->view->w;
        return 0;
    default:
        break;
    }
    int rc = firmnet_i_igraph(igraph_vector_update(&w->dist, &w->view->w), "distances");
    if (rc < 0) {
        return rc;
    }
    for (size_t e = 0; e < w->view->m; e++) {
        VECTOR(w->dist)[e] = 1 / VECTOR(w->dist)[e];
    }
    *out = &w->dist;
    return 0;
}

static int paths(work *w)
{
    const igraph_t *g = &w->view->g;
    const igraph_vector_t *dist;
    igraph_neimode_t mode = neimode(w->o->closeness_mode);
    size_t n = w->view->n;
    int rc = distances(w, &dist);
    if (rc < 0) {
        return rc;
    }
    if (w->col[M_BETWEENNESS] != NULL) {
        rc = betweenness(g, dist, w->k, w->o->seed, w->o->threads, w->col[M_BETWEENNESS]);
        if (rc < 0) {
            return rc;
        }
        if (w->o->normalized) {
            double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) : NAN;
            scale(w->col[M_BETWEENNESS], n, w->view->directed ? pairs : pairs / 2);
        }
    }
    if (w->col[M_CLOSENESS] != NULL) {
        rc = firmnet_i_igraph(igraph_closeness(g, &w->v, NULL, NULL, igraph_vss_all(), mode, dist,
                                               w->o->normalized != 0),
                              "closeness");
        if (rc < 0) {
            return rc;
        }
        copy_vector(w->col[M_CLOSENESS], &w->v, n);
    }
    if (w->col[M_HARMONIC] != NULL) {
        rc = firmnet_i_igraph(igraph_harmonic_centrality(g, &w->v, igraph_vss_all(), mode, dist,
                                                         w->o->normalized != 0),
                              "harmonic centrality");
        if (rc < 0) {
            return rc;
        }
        copy_vector(w->col[M_HARMONIC], &w->v, n);
    }
    return 0;
}

/* Set x[i] = 0 where deg[i] == 0: exact for eigenvector-type scores of a graph with ties,
 * where igraph 0.10.2 leaves rounding noise. */
static void zero_where(double *x, const igraph_vector_int_t *deg, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (VECTOR(*deg)[i] == 0) {
            x[i] = 0;
        }
    }
}

static int spectral_measures(work *w)
{
    const igraph_t *g = &w->view->g;
    const igraph_vector_t *sw = w->o->weights == FIRMNET_WEIGHTS_UNWEIGHTED ? NULL : &w->view->w;
    size_t n = w->view->n;
    bool ties = w->view->m > 0;
    igraph_arpack_options_t arpack;
    int rc;

    if (w->col[M_EIGENVECTOR] != NULL) {
        igraph_arpack_options_init(&arpack);
        rc =
            firmnet_i_igraph(igraph_eigenvector_centrality(g, &w->v, NULL, true, true, sw, &arpack),
                             "eigenvector centrality");
        if (rc < 0) {
            return rc;
        }
        copy_vector(w->col[M_EIGENVECTOR], &w->v, n);
        if (ties) {
            zero_where(w->col[M_EIGENVECTOR], &w->indeg, n);
        }
    }
    if (w->col[M_PAGERANK] != NULL) {
        rc = firmnet_i_igraph(igraph_pagerank(g, IGRAPH_PAGERANK_ALGO_PRPACK, &w->v, NULL,
                                              igraph_vss_all(), true, w->o->damping, sw, NULL),
                              "pagerank");
        if (rc < 0) {
            return rc;
        }
        copy_vector(w->col[M_PAGERANK], &w->v, n);
    }
    if (w->col[M_HUB] != NULL || w->col[M_AUTHORITY] != NULL) {
        igraph_arpack_options_init(&arpack);
        rc = firmnet_i_igraph(
            igraph_hub_and_authority_scores(g, &w->v, &w->v2, NULL, true, sw, &arpack),
            "hub and authority scores");
        if (rc < 0) {
            return rc;
        }
        if (w->col[M_HUB] != NULL) {
            copy_vector(w->col[M_HUB], &w->v, n);
            if (ties) {
                zero_where(w->col[M_HUB], &w->outdeg, n);
            }
        }
        if (w->col[M_AUTHORITY] != NULL) {
            copy_vector(w->col[M_AUTHORITY], &w->v2, n);
            if (ties) {
                zero_where(w->col[M_AUTHORITY], &w->indeg, n);
            }
        }
    }
    return 0;
}

/*
 * igraph 0.10 perturbs ARPACK's start vector for eigenvector, hub and authority scores with
 * numbers from its default RNG, whose state depends on everything the process did before: the
 * last digits of these columns changed from one call to the next (the CLI's single call and a
 * Python session's third call disagreed). So igraph gets a private generator with a fixed seed
 * for these calls, and the host's default RNG is given back untouched (never reseeded).
 */
static int spectral(work *w)
{
    firmnet_i_rng_loan loan;
    int rc;

    if (w->col[M_EIGENVECTOR] == NULL && w->col[M_HUB] == NULL && w->col[M_AUTHORITY] == NULL) {
        return spectral_measures(w);
    }
    rc = firmnet_i_rng_lend(&loan, 1);
    if (rc < 0) {
        return rc;
    }
    rc = spectral_measures(w);
    firmnet_i_rng_return(&loan);
    return rc;
}

static int cohesion(work *w)
{
    const firmnet_graph *view = w->view;
    size_t n = view->n;
    igraph_t u;
    igraph_vector_t uw;
    const igraph_t *ug = &view->g;
    const igraph_vector_t *uwp = &view->w;
    bool own = false;
    int rc = 0;

    if (w->col[M_CORENESS] != NULL) {
        rc = firmnet_i_coreness(w->col[M_CORENESS], &view->g, neimode(w->o->coreness_mode));
        if (rc < 0) {
            return rc;
        }
    }
    if (w->col[M_CLUSTERING] == NULL && w->col[M_CLUSTERING_WEIGHTED] == NULL) {
        return 0;
    }
    if (view->directed) {
        rc = collapse(view, &u, &uw);
        if (rc < 0) {
            return rc;
        }
        own = true;
        ug = &u;
        uwp = &uw;
    }
    if (w->col[M_CLUSTERING] != NULL) {
        rc = firmnet_i_igraph(igraph_transitivity_local_undirected(ug, &w->v, igraph_vss_all(),
                                                                   IGRAPH_TRANSITIVITY_NAN),
                              "clustering");
        if (rc == 0) {
            copy_vector(w->col[M_CLUSTERING], &w->v, n);
        }
    }
    if (rc == 0 && w->col[M_CLUSTERING_WEIGHTED] != NULL) {
        if (w->o->weights == FIRMNET_WEIGHTS_UNWEIGHTED) {
            uwp = NULL;
        }
        rc = firmnet_i_igraph(
            igraph_transitivity_barrat(ug, &w->v, igraph_vss_all(), uwp, IGRAPH_TRANSITIVITY_NAN),
            "weighted clustering");
        if (rc == 0) {
            copy_vector(w->col[M_CLUSTERING_WEIGHTED], &w->v, n);
        }
    }
    if (own) {
        igraph_destroy(&u);
        igraph_vector_destroy(&uw);
    }
    return rc;
}

/* Fill the selected columns; called between firmnet_i_enter() and firmnet_i_leave(). */
static int compute(work *w)
{
    igraph_vector_t *vecs[] = {&w->v, &w->v2, &w->dist};
    igraph_vector_int_t *ivecs[] = {&w->iv, &w->indeg, &w->outdeg};
    size_t nv = 0, niv = 0;
    int rc = 0;

    while (rc == 0 && nv < COUNT(vecs)) {
        rc = firmnet_i_igraph(igraph_vector_init(vecs[nv], 0), "centrality");
        nv += rc == 0;
    }
    while (rc == 0 && niv < COUNT(ivecs)) {
        rc = firmnet_i_igraph(igraph_vector_int_init(ivecs[niv], 0), "centrality");
        niv += rc == 0;
    }
    if (rc == 0) {
        rc = firmnet_i_igraph(
            igraph_degree(&w->view->g, &w->indeg, igraph_vss_all(), IGRAPH_IN, true), "degree");
    }
    if (rc == 0) {
        rc = firmnet_i_igraph(
            igraph_degree(&w->view->g, &w->outdeg, igraph_vss_all(), IGRAPH_OUT, true), "degree");
    }
    if (rc == 0) {
        rc = degrees(w);
    }
    if (rc == 0) {
        rc = paths(w);
    }
    if (rc == 0) {
        rc = spectral(w);
    }
    if (rc == 0) {
        rc = cohesion(w);
    }
    while (nv > 0) {
        igraph_vector_destroy(vecs[--nv]);
    }
    while (niv > 0) {
        igraph_vector_int_destroy(ivecs[--niv]);
    }
    return rc;
}

/* `id`, `type`, `size`, `cluster`, `mc` of every vertex. */
static int add_actor_columns(firmnet_table *t, const firmnet_graph *view)
{
    static const struct {
        const char *name;
        size_t attr;
    } cols[] = {{"type", FIRMNET_I_ATTR_TYPE},
                {"size", FIRMNET_I_ATTR_SIZE},
                {"cluster", FIRMNET_I_ATTR_CLUSTER},
                {"mc", FIRMNET_I_ATTR_MC}};
    size_t n = view->n;
    const char **s = firmnet_i_malloc((n ? n : 1) * sizeof *s);
    int rc;
    if (s == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < n; i++) {
        s[i] = firmnet_network_actor_id(view->net, i);
    }
    rc = firmnet_table_add_string(t, "id", s);
    for (size_t c = 0; rc == 0 && c < COUNT(cols); c++) {
        for (size_t i = 0; i < n; i++) {
            s[i] = firmnet_i_attr_value(view->net, cols[c].attr, i);
        }
        rc = firmnet_table_add_string(t, cols[c].name, s);
    }
    firmnet_i_free(s);
    return rc;
}

/* Check the arguments and copy the caller's options (NULL: defaults) into @p o, the fields a
 * version 1 struct lacks at their defaults. */
static int prepare(const firmnet_graph *graph, const firmnet_centrality_options *opts,
                   firmnet_centrality_options *o, bool sel[NMEASURES])
{
    static const firmnet_centrality_options defaults = FIRMNET_CENTRALITY_OPTIONS_INIT;
    if (graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "centrality: NULL graph");
    }
    *o = defaults;
    if (opts != NULL) {
        if (opts->version == 0 || opts->version > FIRMNET_CENTRALITY_OPTIONS_VERSION) {
            return firmnet_i_error(FIRMNET_EINVAL,
                                   "centrality options: unsupported version %u "
                                   "(initialise with FIRMNET_CENTRALITY_OPTIONS_INIT)",
                                   opts->version);
        }
        memcpy(o, opts, options_size(opts->version));
    }
    int rc = check_options(o);
    return rc < 0 ? rc : parse_measures(o->measures, sel);
}

int firmnet_centrality(firmnet_table **out, const firmnet_graph *graph,
                       const firmnet_centrality_options *opts)
{
    bool sel[NMEASURES];
    double *col[NMEASURES] = {0};
    firmnet_table *t = NULL;
    firmnet_centrality_options o;
    work w;
    size_t n;
    char method[128];
    int rc;

    firmnet_i_clear_error();
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_centrality: NULL argument");
    }
    rc = prepare(graph, opts, &o, sel);
    opts = &o;
    if (rc < 0) {
        return rc;
    }
    n = graph->n;
    for (size_t k = 0; k < NMEASURES; k++) {
        if (sel[k] && (col[k] = firmnet_i_calloc(n ? n : 1, sizeof **col)) == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
    }
    memset(&w, 0, sizeof w);
    w.view = graph;
    w.o = opts;
    w.col = col;
    w.k = sample_count(opts, n);
    if (n > 0) {
        firmnet_i_enter();
        int omp = firmnet_i_omp_set(
            firmnet_i_threads(opts->threads, (double)graph->m, FIRMNET_CENTRALITY_THREADS_EDGES));
        rc = compute(&w);
        firmnet_i_omp_restore(omp);
        firmnet_i_leave();
        if (rc < 0) {
            goto cleanup;
        }
    }
    rc = firmnet_table_new(&t, n);
    if (rc == 0) {
        rc = add_actor_columns(t, graph);
    }
    for (size_t k = 0; rc == 0 && k < NMEASURES; k++) {
        if (sel[k]) {
            rc = firmnet_table_add_double(t, measure_names[k], col[k]);
        }
    }
    if (rc == 0 && sel[M_BETWEENNESS]) {
        const char **m = firmnet_i_malloc((n ? n : 1) * sizeof *m);
        if (m == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        method_text(method, sizeof method, opts, n, w.k);
        for (size_t i = 0; i < n; i++) {
            m[i] = method;
        }
        rc = firmnet_table_add_string(t, "betweenness_method", m);
        firmnet_i_free(m);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    for (size_t k = 0; k < NMEASURES; k++) {
        firmnet_i_free(col[k]);
    }
    return rc;
}

/* ---- network level ------------------------------------------------------------------------ */

enum { R_DENSITY, R_DEGREE_IN, R_DEGREE_OUT, R_DEGREE, R_BETWEENNESS, R_CLOSENESS, NROWS };

static const char *const row_names[NROWS] = {"density", "degree_in",   "degree_out",
                                             "degree",  "betweenness", "closeness"};

/* raw[r] and tmax[r] for every wanted row; between enter and leave. */
static int centralize(const firmnet_graph *view, const firmnet_centrality_options *o,
                      const bool *want, size_t k, double *raw, double *tmax)
{
    static const igraph_neimode_t modes[3] = {IGRAPH_IN, IGRAPH_OUT, IGRAPH_ALL};
    const igraph_t *g = &view->g;
    double n = (double)view->n;
    igraph_real_t c, t;
    int rc;

    raw[R_DENSITY] = (double)view->m;
    tmax[R_DENSITY] = view->directed ? n * (n - 1) : n * (n - 1) / 2;
    for (int d = 0; d < 3; d++) {
        if (want[R_DEGREE_IN + d]) {
            rc = firmnet_i_igraph(
                igraph_centralization_degree(g, NULL, modes[d], false, &c, &t, false),
                "degree centralization");
            if (rc < 0) {
                return rc;
            }
            raw[R_DEGREE_IN + d] = c;
            tmax[R_DEGREE_IN + d] = t;
        }
    }
    if (want[R_BETWEENNESS]) {
        igraph_vector_t v;
        rc = firmnet_i_igraph(igraph_vector_init(&v, (igraph_integer_t)view->n),
                              "betweenness centralization");
        if (rc == 0) {
            rc = betweenness(g, NULL, k, o->seed, o->threads, VECTOR(v));
            if (rc == 0) {
                rc = firmnet_i_igraph(igraph_centralization_betweenness_tmax(g, 0, true, &t),
                                      "betweenness centralization");
            }
            if (rc == 0) {
                c = igraph_centralization(&v, t, false);
            }
            igraph_vector_destroy(&v);
        }
        if (rc < 0) {
            return rc;
        }
        raw[R_BETWEENNESS] = c;
        tmax[R_BETWEENNESS] = t;
    }
    if (want[R_CLOSENESS]) {
        rc = firmnet_i_igraph(
            igraph_centralization_closeness(g, NULL, neimode(o->closeness_mode), &c, &t, false),
            "closeness centralization");
        if (rc < 0) {
            return rc;
        }
        raw[R_CLOSENESS] = c;
        tmax[R_CLOSENESS] = t;
    }
    return 0;
}

int firmnet_centralization(firmnet_table **out, const firmnet_graph *graph,
                           const firmnet_centrality_options *opts)
{
    bool sel[NMEASURES], want[NROWS];
    double raw[NROWS], tmax[NROWS], value[NROWS];
    const char *name[NROWS], *meth[NROWS];
    firmnet_centrality_options o;
    char method[128];
    firmnet_table *t = NULL;
    size_t nrows = 0, k;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_centralization: NULL argument");
    }
    rc = prepare(graph, opts, &o, sel);
    opts = &o;
    if (rc < 0) {
        return rc;
    }
    want[R_DENSITY] = true;
    want[R_DEGREE_IN] = sel[M_DEGREE_IN];
    want[R_DEGREE_OUT] = sel[M_DEGREE_OUT];
    want[R_DEGREE] = sel[M_DEGREE];
    want[R_BETWEENNESS] = sel[M_BETWEENNESS];
    want[R_CLOSENESS] = sel[M_CLOSENESS];
    for (size_t r = 0; r < NROWS; r++) {
        raw[r] = tmax[r] = NAN;
    }
    k = sample_count(opts, graph->n);
    if (graph->n > 0) {
        firmnet_i_enter();
        rc = centralize(graph, opts, want, k, raw, tmax);
        firmnet_i_leave();
        if (rc < 0) {
            return rc;
        }
    }
    method_text(method, sizeof method, opts, graph->n, k);
    for (size_t r = 0; r < NROWS; r++) {
        if (want[r]) {
            name[nrows] = row_names[r];
            meth[nrows] = r == R_BETWEENNESS ? method : "";
            raw[nrows] = raw[r];
            tmax[nrows] = tmax[r];
            value[nrows] = tmax[r] > 0 ? raw[r] / tmax[r] : NAN;
            nrows++;
        }
    }
    rc = firmnet_table_new(&t, nrows);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "measure", name);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "value", value);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "raw", raw);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "theoretical_max", tmax);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "method", meth);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
    firmnet_table_free(t);
    return rc;
}
