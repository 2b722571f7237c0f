/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * firmnet_change(): network change between two waves, participants vs non-participants.
 *
 * Per layer group, two directed views (one per wave) give every actor-level measure; the tie
 * change table walks the two views' sorted edge lists side by side; the group comparison
 * hands the panel's changes to stats.c.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct firmnet_change_result {
    firmnet_table *actors, *groups, *ties;
    char *summary, *from, *to;
    size_t panel;
};

/* Measures with a value at each wave: columns <name>_w0, <name>_w1, <name>_change. */
enum { L_DEG_OUT, L_DEG_IN, L_DEG, L_STR_OUT, L_STR_IN, L_STR, L_PARTNERS, L_LOCAL, NLEVEL };
static const char *const level_names[NLEVEL] = {
    "degree_out", "degree_in", "degree", "strength_out",
    "strength_in", "strength", "partners", "local_share",
};

/* Partner types counted in gained_<type>; anything else is "other". */
static const char *const partner_types[] = {"firm",    "university", "research",
                                            "support", "government", "service"};
#define NTYPES 6

/* Measures that are changes by themselves. */
enum { K_GAINED, K_LOST, K_GAINED_TYPE, NCOUNT = K_GAINED_TYPE + NTYPES + 1 };
static const char *const count_names[NCOUNT] = {
    "partners_gained", "partners_lost",   "gained_firm",       "gained_university",
    "gained_research", "gained_support",  "gained_government", "gained_service",
    "gained_other",
};

/* Numeric actor-table columns per layer group: 3 per level measure, then the counts. */
#define NNET (3 * NLEVEL + NCOUNT)
/* Measures compared per layer group: the change of each level measure, then the counts. */
#define NMEAS (NLEVEL + NCOUNT)

enum { B_ALL, B_WITHIN_MC, B_BETWEEN, B_WITHIN_NON, NBLOCKS };
static const char *const block_names[NBLOCKS] = {"*", "within_mc", "between", "within_non"};

/* Group-table numeric columns. */
enum {
    G_N_MC, G_N_NON, G_MEAN_MC, G_MEAN_NON, G_SD_MC, G_SD_NON, G_DIFF, G_T, G_DF, G_P_WELCH,
    G_P_PERM, G_CI_LOW, G_CI_HIGH, G_COHEN_D, NGCOLS
};
static const char *const gcol_names[NGCOLS] = {
    "n_mc", "n_non", "mean_change_mc", "mean_change_non", "sd_change_mc", "sd_change_non",
    "diff", "t", "df", "p_welch", "p_perm", "ci_low", "ci_high", "cohen_d",
};

/* Tie-table numeric columns. */
enum {
    T_N00, T_N01, T_N10, T_N11, T_JACCARD, T_HAMMING, T_PAIRS, T_TIES0, T_TIES1, T_DENS0,
    T_DENS1, NTCOLS
};
static const char *const tcol_names[NTCOLS] = {
    "n00", "n01", "n10", "n11", "jaccard", "hamming", "pairs", "ties_w0", "ties_w1",
    "density_w0", "density_w1",
};

#define NO_STRATUM UINT32_MAX

typedef struct ctx {
    const firmnet_network *net;
    const firmnet_change_options *o;
    size_t n;
    const char *wave[2];      /* names, owned by the network */
    char **groups, **selectors; /* layer groups: display names and selectors */
    size_t ngroups;
    const char *group_attr, *strata_attr; /* strata_attr NULL: no strata */
    unsigned char *part;      /* per actor: participant */
    char **strata;            /* distinct non-blank strata values of the panel, sorted */
    size_t nstrata;
    uint32_t *stratum_of;     /* per actor: index into strata, or NO_STRATUM */
    size_t *panel, npanel;
    unsigned char *in_panel;
    char **anames;            /* per-wave attribute names */
    size_t nattr;
    double *avals;            /* avals[(a * 2 + w) * n + i], NaN = missing */
    size_t ncols;             /* numeric actor columns: NNET + 3 nattr */
    double *acol;             /* acol[c * nrows + g * npanel + p] */
    size_t nrows;             /* actor rows: ngroups * npanel */
    /* group table, filled row by row */
    char **g_layer, **g_stratum, **g_measure;
    double *g_vals; /* g_vals[c * g_nrows + r] */
    size_t g_nrows, g_r;
    double *t_vals; /* t_vals[(g * NBLOCKS + block) * NTCOLS + col] */
    ptrdiff_t strata_index; /* attribute index of the strata, or -1 */
} ctx;

int firmnet_change_options_init(firmnet_change_options *opts, unsigned int version)
{
    static const firmnet_change_options defaults = FIRMNET_CHANGE_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_CHANGE_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "firmnet_change_options_init: unsupported version %u", version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static void free_strings(char **s, size_t n)
{
    if (s == NULL) {
        return;
    }
    for (size_t k = 0; k < n; k++) {
        firmnet_i_free(s[k]);
    }
    firmnet_i_free(s);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *strndup_i(const char *s, size_t len)
{
    char *d = firmnet_i_malloc(len + 1);
    if (d != NULL) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

/* ---- layer groups ------------------------------------------------------------------------- */

/* Default groups: every top-level layer name (before the first dot), sorted, then "all". */
static int default_groups(ctx *c)
{
    const firmnet_network *net = c->net;
    size_t nl = net->layers.count, u = 0;
    c->groups = firmnet_i_calloc(nl + 1, sizeof *c->groups);
    c->selectors = firmnet_i_calloc(nl + 1, sizeof *c->selectors);
    if (c->groups == NULL || c->selectors == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t k = 0; k < nl; k++) {
        const char *l = net->layers.strs[k], *dot = strchr(l, '.');
        c->groups[c->ngroups] = strndup_i(l, dot ? (size_t)(dot - l) : strlen(l));
        if (c->groups[c->ngroups] == NULL) {
            return firmnet_i_nomem();
        }
        c->ngroups++;
    }
    qsort(c->groups, c->ngroups, sizeof *c->groups, cmp_str);
    for (size_t k = 0; k < c->ngroups; k++) {
        if (u > 0 && strcmp(c->groups[u - 1], c->groups[k]) == 0) {
            firmnet_i_free(c->groups[k]);
        } else {
            c->groups[u++] = c->groups[k];
        }
    }
    c->ngroups = u;
    c->groups[c->ngroups] = firmnet_i_strdup("all");
    if (c->groups[c->ngroups] == NULL) {
        return firmnet_i_nomem();
    }
    c->ngroups++;
    for (size_t k = 0; k < c->ngroups; k++) {
        c->selectors[k] = firmnet_i_strdup(c->groups[k]);
        if (c->selectors[k] == NULL) {
            return firmnet_i_nomem();
        }
    }
    return 0;
}

/* "trade, rnd+service" -> groups "trade", "rnd+service" with selectors "trade", "rnd,service". */
static int parse_groups(ctx *c, const char *list)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++) {
        cap += *p == ',';
    }
    c->groups = firmnet_i_calloc(cap, sizeof *c->groups);
    c->selectors = firmnet_i_calloc(cap, sizeof *c->selectors);
    if (c->groups == NULL || c->selectors == NULL) {
        return firmnet_i_nomem();
    }
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        const char *a = p, *b = p + len;
        while (a < b && (*a == ' ' || *a == '\t')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (a < b) {
            char *name = strndup_i(a, (size_t)(b - a)), *sel;
            if (name == NULL) {
                return firmnet_i_nomem();
            }
            c->groups[c->ngroups] = name;
            sel = firmnet_i_strdup(name);
            c->selectors[c->ngroups++] = sel;
            if (sel == NULL) {
                return firmnet_i_nomem();
            }
            for (char *q = sel; *q; q++) {
                if (*q == '+') {
                    *q = ',';
                }
            }
            int rc = firmnet_network_check_selector(c->net, sel);
            if (rc < 0) {
                return firmnet_i_error_prefix(rc, "layer group '%s'", name);
            }
        }
        p += len + (e != NULL);
    }
    if (c->ngroups == 0) {
        return firmnet_i_error(FIRMNET_EINVAL, "change: empty list of layer groups '%s'", list);
    }
    return 0;
}

/* ---- actors: groups, strata, panel --------------------------------------------------------- */

static int find_attr(const ctx *c, const char *name, const char *what, ptrdiff_t *out)
{
    ptrdiff_t a = firmnet_i_attr_find(c->net, name);
    if (a < 0) {
        firmnet_i_buf have = {0};
        for (size_t k = 0; k < c->net->nattrs; k++) {
            firmnet_i_buf_printf(&have, "%s%s", k ? ", " : "", c->net->attrs[k].name);
        }
        firmnet_i_error(FIRMNET_ENOTFOUND, "change: no %s attribute '%s' (attributes: %s)", what,
                        name, have.data ? have.data : "none");
        firmnet_i_buf_free(&have);
        return FIRMNET_ENOTFOUND;
    }
    *out = a;
    return 0;
}

static bool is_participant(const char *v)
{
    return v[0] != '\0' && strcmp(v, "0") != 0 && firmnet_i_strcasecmp(v, "no") != 0 &&
           firmnet_i_strcasecmp(v, "false") != 0;
}

static int setup_actors(ctx *c)
{
    const firmnet_network *net = c->net;
    size_t n = c->n;
    ptrdiff_t ga = -1, sa = -1;
    unsigned char *src0 = NULL, *src1 = NULL;
    int rc = find_attr(c, c->group_attr, "group", &ga);
    if (rc < 0) {
        return rc;
    }
    if (c->strata_attr != NULL) {
        rc = find_attr(c, c->strata_attr, "strata", &sa);
        if (rc < 0) {
            return rc;
        }
        c->strata_index = sa;
    }
    c->part = firmnet_i_calloc(n ? n : 1, 1);
    c->in_panel = firmnet_i_calloc(n ? n : 1, 1);
    c->panel = firmnet_i_malloc((n ? n : 1) * sizeof *c->panel);
    c->stratum_of = firmnet_i_malloc((n ? n : 1) * sizeof *c->stratum_of);
    src0 = firmnet_i_calloc(n ? n : 1, 1);
    src1 = firmnet_i_calloc(n ? n : 1, 1);
    if (c->part == NULL || c->in_panel == NULL || c->panel == NULL || c->stratum_of == NULL ||
        src0 == NULL || src1 == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    ptrdiff_t w0 = firmnet_i_wave_find(net, c->wave[0]), w1 = firmnet_i_wave_find(net, c->wave[1]);
    for (size_t k = 0; k < net->nties; k++) {
        if (net->wave[k] == (uint16_t)w0) {
            src0[net->src[k]] = 1;
        } else if (net->wave[k] == (uint16_t)w1) {
            src1[net->src[k]] = 1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        c->part[i] = is_participant(firmnet_i_attr_value(net, (size_t)ga, i));
        c->in_panel[i] = c->o->panel == FIRMNET_CHANGE_PANEL_ALL || (src0[i] && src1[i]);
        if (c->in_panel[i]) {
            c->panel[c->npanel++] = i;
        }
        c->stratum_of[i] = NO_STRATUM;
    }
    if (sa >= 0) {
        /* distinct non-blank values among the panel; none at all means no strata */
        c->strata = firmnet_i_calloc(c->npanel ? c->npanel : 1, sizeof *c->strata);
        if (c->strata == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        for (size_t p = 0; p < c->npanel; p++) {
            const char *v = firmnet_i_attr_value(net, (size_t)sa, c->panel[p]);
            size_t k = 0;
            if (v[0] == '\0') {
                continue;
            }
            while (k < c->nstrata && strcmp(c->strata[k], v) != 0) {
                k++;
            }
            if (k == c->nstrata) {
                c->strata[k] = firmnet_i_strdup(v);
                if (c->strata[k] == NULL) {
                    rc = firmnet_i_nomem();
                    goto cleanup;
                }
                c->nstrata++;
            }
        }
        qsort(c->strata, c->nstrata, sizeof *c->strata, cmp_str);
        if (c->nstrata == 0) {
            c->strata_attr = NULL;
        }
        for (size_t p = 0; p < c->npanel && c->nstrata > 0; p++) {
            const char *v = firmnet_i_attr_value(net, (size_t)sa, c->panel[p]);
            for (size_t k = 0; v[0] != '\0' && k < c->nstrata; k++) {
                if (strcmp(c->strata[k], v) == 0) {
                    c->stratum_of[c->panel[p]] = (uint32_t)k;
                }
            }
        }
    }
cleanup:
    firmnet_i_free(src0);
    firmnet_i_free(src1);
    return rc;
}

/* ---- per-wave attributes --------------------------------------------------------------------- */

static int read_attributes(ctx *c, const char *path)
{
    firmnet_i_csv *csv = NULL;
    ptrdiff_t wcol, icol;
    size_t nf, rows[2] = {0, 0}, n = c->n;
    size_t *col_of = NULL;
    unsigned char *seen = NULL;
    int rc = firmnet_i_csv_open(&csv, path, NULL, NULL);
    if (rc < 0) {
        return rc;
    }
    rc = firmnet_i_csv_header(csv);
    if (rc < 0) {
        goto cleanup;
    }
    wcol = firmnet_i_csv_column(csv, "wave");
    icol = firmnet_i_csv_column(csv, "id");
    if (wcol < 0 || icol < 0) {
        rc = firmnet_i_error(FIRMNET_EPARSE, "%s:1: missing required column '%s'",
                             firmnet_i_csv_name(csv), wcol < 0 ? "wave" : "id");
        goto cleanup;
    }
    nf = firmnet_i_csv_nfields(csv);
    c->anames = firmnet_i_calloc(nf, sizeof *c->anames);
    col_of = firmnet_i_calloc(nf, sizeof *col_of);
    seen = firmnet_i_calloc(2 * (n ? n : 1), 1);
    if (c->anames == NULL || col_of == NULL || seen == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t j = 0; j < nf; j++) {
        if ((ptrdiff_t)j == wcol || (ptrdiff_t)j == icol) {
            continue;
        }
        c->anames[c->nattr] = firmnet_i_strdup(firmnet_i_csv_header_name(csv, j));
        if (c->anames[c->nattr] == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        col_of[c->nattr++] = j;
    }
    c->avals = firmnet_i_malloc((c->nattr * 2 * n > 0 ? c->nattr * 2 * n : 1) * sizeof *c->avals);
    if (c->avals == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t k = 0; k < c->nattr * 2 * n; k++) {
        c->avals[k] = NAN;
    }
    while ((rc = firmnet_i_csv_next(csv)) > 0) {
        const char *wv = firmnet_i_csv_field(csv, (size_t)wcol);
        const char *id = firmnet_i_csv_field(csv, (size_t)icol);
        size_t w, i;
        if (strcmp(wv, c->wave[0]) == 0) {
            w = 0;
        } else if (strcmp(wv, c->wave[1]) == 0) {
            w = 1;
        } else {
            continue; /* other waves are not compared */
        }
        if (firmnet_network_actor_index(&i, c->net, id) < 0) {
            rc = firmnet_i_csv_error(csv, FIRMNET_ENOTFOUND, (size_t)icol,
                                     "unknown actor '%s'", id);
            goto cleanup;
        }
        if (seen[w * n + i]) {
            rc = firmnet_i_csv_error(csv, FIRMNET_EDATA, (size_t)icol,
                                     "a second row for actor '%s' in wave '%s'", id, wv);
            goto cleanup;
        }
        seen[w * n + i] = 1;
        rows[w]++;
        for (size_t a = 0; a < c->nattr; a++) {
            const char *v = firmnet_i_csv_field(csv, col_of[a]);
            double d;
            if (v[0] == '\0') {
                continue;
            }
            if (!firmnet_i_parse_double(v, &d) || !isfinite(d)) {
                rc = firmnet_i_csv_error(csv, FIRMNET_EDATA, col_of[a], "not a number: '%s'", v);
                goto cleanup;
            }
            c->avals[(a * 2 + w) * n + i] = d;
        }
    }
    if (rc < 0) {
        goto cleanup;
    }
    for (size_t w = 0; w < 2; w++) {
        if (rows[w] == 0) {
            rc = firmnet_i_error(FIRMNET_ENOTFOUND, "%s: no rows for wave '%s'",
                                 firmnet_i_csv_name(csv), c->wave[w]);
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    firmnet_i_csv_close(csv);
    firmnet_i_free(col_of);
    firmnet_i_free(seen);
    return rc;
}

/* ---- actor measures ------------------------------------------------------------------------ */

/* The level measures of every actor in one view: lv[L * n + i]; adj: partner lists. */
static int view_measures(const firmnet_graph *view, double *lv, igraph_adjlist_t *adj)
{
    static const igraph_neimode_t modes[3] = {IGRAPH_OUT, IGRAPH_IN, IGRAPH_ALL};
    size_t n = view->n;
    igraph_vector_int_t deg;
    igraph_vector_t str;
    int rc;
    rc = firmnet_i_igraph(igraph_vector_int_init(&deg, (igraph_integer_t)n), "change: degree");
    if (rc < 0) {
        return rc;
    }
    rc = firmnet_i_igraph(igraph_vector_init(&str, (igraph_integer_t)n), "change: strength");
    if (rc < 0) {
        igraph_vector_int_destroy(&deg);
        return rc;
    }
    for (int k = 0; k < 3 && rc == 0; k++) {
        rc = firmnet_i_igraph(igraph_degree(&view->g, &deg, igraph_vss_all(), modes[k],
                                            IGRAPH_LOOPS),
                              "change: degree");
        if (rc == 0) {
            rc = firmnet_i_igraph(igraph_strength(&view->g, &str, igraph_vss_all(), modes[k],
                                                  IGRAPH_LOOPS, &view->w),
                                  "change: strength");
        }
        for (size_t i = 0; rc == 0 && i < n; i++) {
            lv[(L_DEG_OUT + k) * n + i] = (double)VECTOR(deg)[i];
            lv[(L_STR_OUT + k) * n + i] = VECTOR(str)[i];
        }
    }
    igraph_vector_int_destroy(&deg);
    igraph_vector_destroy(&str);
    if (rc < 0) {
        return rc;
    }
    /* distinct partners: in and out neighbours merged, sorted, without repeats */
    rc = firmnet_i_igraph(igraph_adjlist_init(&view->g, adj, IGRAPH_ALL, IGRAPH_NO_LOOPS,
                                              IGRAPH_NO_MULTIPLE),
                          "change: partners");
    if (rc < 0) {
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        lv[L_PARTNERS * n + i] = (double)igraph_vector_int_size(
            igraph_adjlist_get(adj, (igraph_integer_t)i));
    }
    /* local share: of the weight of i's ties (either direction) to partners with a known
     * location, the share inside i's cluster (the embeddedness column cluster_share_all) */
    rc = firmnet_i_local_share(view, FIRMNET_I_ATTR_CLUSTER, FIRMNET_I_DIR_ALL, false,
                               lv + L_LOCAL * n, NULL, NULL, NULL);
    if (rc < 0) {
        igraph_adjlist_destroy(adj);
    }
    return rc;
}

static size_t type_index(const firmnet_network *net, size_t j)
{
    const char *t = firmnet_i_attr_value(net, FIRMNET_I_ATTR_TYPE, j);
    for (size_t k = 0; k < NTYPES; k++) {
        if (strcmp(t, partner_types[k]) == 0) {
            return k;
        }
    }
    return NTYPES;
}

/* ---- tie change --------------------------------------------------------------------------- */

static size_t block_of(const ctx *c, size_t i, size_t j)
{
    if (c->part[i] && c->part[j]) {
        return B_WITHIN_MC;
    }
    if (!c->part[i] && !c->part[j]) {
        return B_WITHIN_NON;
    }
    return B_BETWEEN;
}

/*
 * The tie change table of one layer group over the ordered pairs (i, j), i != j, whose source
 * i is in the panel: a non-respondent's outgoing ties are not observed, like RSiena's missing
 * tie variables. t[block * NTCOLS + col].
 */
static void tie_change(const ctx *c, const firmnet_graph *v0, const firmnet_graph *v1,
                       double *t)
{
    size_t nmc = 0, n = c->n;
    double pairs[NBLOCKS] = {0}, cnt[NBLOCKS][3] = {{0}}; /* n01, n10, n11 */
    size_t e0 = 0, e1 = 0;
    for (size_t i = 0; i < n; i++) {
        nmc += c->part[i];
    }
    for (size_t p = 0; p < c->npanel; p++) {
        size_t i = c->panel[p];
        double mc = (double)nmc - c->part[i], non = (double)(n - nmc) - !c->part[i];
        pairs[c->part[i] ? B_WITHIN_MC : B_WITHIN_NON] += c->part[i] ? mc : non;
        pairs[B_BETWEEN] += c->part[i] ? (double)(n - nmc) : (double)nmc;
    }
    pairs[B_ALL] = pairs[B_WITHIN_MC] + pairs[B_BETWEEN] + pairs[B_WITHIN_NON];
    /* both edge lists are sorted by (source, target): walk them as a merge */
    while (e0 < v0->m || e1 < v1->m) {
        int64_t s0 = e0 < v0->m ? IGRAPH_FROM(&v0->g, (igraph_integer_t)e0) : INT64_MAX;
        int64_t t0 = e0 < v0->m ? IGRAPH_TO(&v0->g, (igraph_integer_t)e0) : INT64_MAX;
        int64_t s1 = e1 < v1->m ? IGRAPH_FROM(&v1->g, (igraph_integer_t)e1) : INT64_MAX;
        int64_t t1 = e1 < v1->m ? IGRAPH_TO(&v1->g, (igraph_integer_t)e1) : INT64_MAX;
        int k;
        size_t i, j;
        if (s0 < s1 || (s0 == s1 && t0 < t1)) {
            k = 1; /* n10: tie at W0 only */
            i = (size_t)s0;
            j = (size_t)t0;
            e0++;
        } else if (s1 < s0 || (s0 == s1 && t1 < t0)) {
            k = 0; /* n01 */
            i = (size_t)s1;
            j = (size_t)t1;
            e1++;
        } else {
            k = 2; /* n11 */
            i = (size_t)s0;
            j = (size_t)t0;
            e0++;
            e1++;
        }
        if (c->in_panel[i]) {
            cnt[B_ALL][k]++;
            cnt[block_of(c, i, j)][k]++;
        }
    }
    for (size_t b = 0; b < NBLOCKS; b++) {
        double *r = t + b * NTCOLS, n01 = cnt[b][0], n10 = cnt[b][1], n11 = cnt[b][2];
        r[T_N01] = n01;
        r[T_N10] = n10;
        r[T_N11] = n11;
        r[T_N00] = pairs[b] - n01 - n10 - n11;
        r[T_JACCARD] = n01 + n10 + n11 > 0 ? n11 / (n01 + n10 + n11) : NAN;
        r[T_HAMMING] = n01 + n10;
        r[T_PAIRS] = pairs[b];
        r[T_TIES0] = n10 + n11;
        r[T_TIES1] = n01 + n11;
        r[T_DENS0] = pairs[b] > 0 ? (n10 + n11) / pairs[b] : NAN;
        r[T_DENS1] = pairs[b] > 0 ? (n01 + n11) / pairs[b] : NAN;
    }
}

/* ---- one layer group ------------------------------------------------------------------------ */

static int layer_group(ctx *c, size_t g, double *t)
{
    firmnet_graph *view[2] = {NULL, NULL};
    igraph_adjlist_t adj[2];
    bool adj_init[2] = {false, false};
    double *lv = NULL;
    size_t n = c->n;
    int rc = 0;

    lv = firmnet_i_malloc(2 * NLEVEL * (n ? n : 1) * sizeof *lv);
    if (lv == NULL) {
        return firmnet_i_nomem();
    }
    for (int w = 0; w < 2; w++) {
        firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
        go.wave = c->wave[w];
        go.layers = c->selectors[g];
        go.merge = c->o->merge;
        rc = firmnet_graph_new(&view[w], c->net, &go);
        if (rc < 0) {
            goto cleanup;
        }
        rc = view_measures(view[w], lv + (size_t)w * NLEVEL * n, &adj[w]);
        if (rc < 0) {
            goto cleanup;
        }
        adj_init[w] = true;
    }
    for (size_t p = 0; p < c->npanel; p++) {
        size_t i = c->panel[p], row = g * c->npanel + p;
        for (size_t l = 0; l < NLEVEL; l++) {
            double a = lv[l * n + i], b = lv[(NLEVEL + l) * n + i];
            c->acol[(3 * l) * c->nrows + row] = a;
            c->acol[(3 * l + 1) * c->nrows + row] = b;
            c->acol[(3 * l + 2) * c->nrows + row] = b - a;
        }
        /* partners gained and lost: a merge of the two sorted partner lists */
        igraph_vector_int_t *a0 = igraph_adjlist_get(&adj[0], (igraph_integer_t)i);
        igraph_vector_int_t *a1 = igraph_adjlist_get(&adj[1], (igraph_integer_t)i);
        size_t k0 = 0, k1 = 0, n0 = (size_t)igraph_vector_int_size(a0);
        size_t n1 = (size_t)igraph_vector_int_size(a1);
        double cnt[NCOUNT] = {0};
        while (k0 < n0 || k1 < n1) {
            igraph_integer_t x0 = k0 < n0 ? VECTOR(*a0)[k0] : IGRAPH_INTEGER_MAX;
            igraph_integer_t x1 = k1 < n1 ? VECTOR(*a1)[k1] : IGRAPH_INTEGER_MAX;
            if (x0 < x1) {
                cnt[K_LOST]++;
                k0++;
            } else if (x1 < x0) {
                cnt[K_GAINED]++;
                cnt[K_GAINED_TYPE + type_index(c->net, (size_t)x1)]++;
                k1++;
            } else {
                k0++;
                k1++;
            }
        }
        for (size_t k = 0; k < NCOUNT; k++) {
            c->acol[(3 * NLEVEL + k) * c->nrows + row] = cnt[k];
        }
    }
    tie_change(c, view[0], view[1], t);
cleanup:
    for (int w = 0; w < 2; w++) {
        if (adj_init[w]) {
            igraph_adjlist_destroy(&adj[w]);
        }
        firmnet_graph_free(view[w]);
    }
    firmnet_i_free(lv);
    return rc;
}

/* ---- group comparison -------------------------------------------------------------------- */

/*
 * Compare participants with the others on @p nm measures for one layer group and stratum row
 * (@p stratum: an index, or NO_STRATUM for `*`). Measure k of panel actor p is
 * c->acol[cols[k] * c->nrows + base + p]. Measures whose missing values fall on the same actors
 * share one sequence of permutations and bootstrap replicates.
 */
static int compare(ctx *c, const char *layer, uint32_t stratum, const char *const *names,
                   const size_t *cols, size_t nm, size_t base)
{
    const char *sname = stratum == NO_STRATUM ? "*" : c->strata[stratum];
    size_t np = c->npanel;
    unsigned char *cand = NULL, *done = NULL, *in = NULL;
    uint32_t *st = NULL;
    size_t *batch = NULL;
    double *x = NULL, *a = NULL, *b = NULL, *p = NULL, *lo = NULL, *hi = NULL;
    gsl_rng *rng = NULL;
    int rc = 0;

    cand = firmnet_i_calloc(np ? np : 1, 1);
    done = firmnet_i_calloc(nm, 1);
    in = firmnet_i_malloc((np ? np : 1));
    st = firmnet_i_malloc((np ? np : 1) * sizeof *st);
    batch = firmnet_i_malloc(nm * sizeof *batch);
    x = firmnet_i_malloc(nm * (np ? np : 1) * sizeof *x);
    a = firmnet_i_malloc((np ? np : 1) * sizeof *a);
    b = firmnet_i_malloc((np ? np : 1) * sizeof *b);
    p = firmnet_i_malloc(nm * sizeof *p);
    lo = firmnet_i_malloc(nm * sizeof *lo);
    hi = firmnet_i_malloc(nm * sizeof *hi);
    rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (cand == NULL || done == NULL || in == NULL || st == NULL || batch == NULL || x == NULL ||
        a == NULL || b == NULL || p == NULL || lo == NULL || hi == NULL || rng == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t q = 0; q < np; q++) {
        uint32_t s = c->stratum_of[c->panel[q]];
        cand[q] = c->strata_attr == NULL || (s != NO_STRATUM && (stratum == NO_STRATUM ||
                                                                s == stratum));
    }
    for (size_t k0 = 0; k0 < nm; k0++) {
        size_t nb = 0, nu = 0;
        if (done[k0]) {
            continue;
        }
        /* the batch: k0 and every later measure missing on exactly the same actors */
        for (size_t k = k0; k < nm; k++) {
            bool same = true;
            for (size_t q = 0; same && q < np; q++) {
                if (cand[q]) {
                    same = isnan(c->acol[cols[k] * c->nrows + base + q]) ==
                           isnan(c->acol[cols[k0] * c->nrows + base + q]);
                }
            }
            if (same && !done[k]) {
                done[k] = 1;
                batch[nb++] = k;
            }
        }
        for (size_t q = 0; q < np; q++) {
            if (cand[q] && !isnan(c->acol[cols[k0] * c->nrows + base + q])) {
                size_t i = c->panel[q];
                in[nu] = c->part[i];
                st[nu] = stratum == NO_STRATUM && c->strata_attr ? c->stratum_of[i] : 0;
                for (size_t j = 0; j < nb; j++) {
                    x[j * np + nu] = c->acol[cols[batch[j]] * c->nrows + base + q];
                }
                nu++;
            }
        }
        /* the batch's values as a dense nb x nu matrix for stats.c */
        for (size_t j = 1; j < nb; j++) {
            memmove(x + j * nu, x + j * np, nu * sizeof *x);
        }
        firmnet_i_twogroup tg = {nu, nb, x, in, stratum == NO_STRATUM && c->strata_attr ? st : NULL,
                                 c->nstrata};
        gsl_rng_set(rng, firmnet_i_seed_mix(c->o->seed, layer, sname, "permutations"));
        rc = firmnet_i_perm_pvalues(p, &tg, c->o->permutations, rng);
        if (rc == 0) {
            gsl_rng_set(rng, firmnet_i_seed_mix(c->o->seed, layer, sname, "bootstrap"));
            rc = firmnet_i_bootstrap_ci(lo, hi, &tg, c->o->bootstrap, 0.95, rng);
        }
        if (rc < 0) {
            goto cleanup;
        }
        for (size_t j = 0; j < nb; j++) {
            size_t k = batch[j], r = c->g_r + k, na = 0, nn = 0;
            double *v = c->g_vals, sd;
            const size_t R = c->g_nrows;
            for (size_t u = 0; u < nu; u++) {
                if (in[u]) {
                    a[na++] = x[j * nu + u];
                } else {
                    b[nn++] = x[j * nu + u];
                }
            }
            v[G_N_MC * R + r] = (double)na;
            v[G_N_NON * R + r] = (double)nn;
            firmnet_i_mean_sd(a, na, &v[G_MEAN_MC * R + r], &sd);
            v[G_SD_MC * R + r] = sd;
            firmnet_i_mean_sd(b, nn, &v[G_MEAN_NON * R + r], &sd);
            v[G_SD_NON * R + r] = sd;
            v[G_DIFF * R + r] = v[G_MEAN_MC * R + r] - v[G_MEAN_NON * R + r];
            firmnet_i_welch(a, na, b, nn, &v[G_T * R + r], &v[G_DF * R + r],
                            &v[G_P_WELCH * R + r]);
            v[G_P_PERM * R + r] = p[j];
            v[G_CI_LOW * R + r] = lo[j];
            v[G_CI_HIGH * R + r] = hi[j];
            v[G_COHEN_D * R + r] = firmnet_i_cohen_d(a, na, b, nn);
        }
    }
    for (size_t k = 0; k < nm; k++) {
        size_t r = c->g_r + k;
        c->g_layer[r] = firmnet_i_strdup(layer);
        c->g_stratum[r] = firmnet_i_strdup(sname);
        c->g_measure[r] = firmnet_i_strdup(names[k]);
        if (c->g_layer[r] == NULL || c->g_stratum[r] == NULL || c->g_measure[r] == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
    }
    c->g_r += nm;
cleanup:
    if (rng != NULL) {
        gsl_rng_free(rng);
    }
    firmnet_i_free(cand);
    firmnet_i_free(done);
    firmnet_i_free(in);
    firmnet_i_free(st);
    firmnet_i_free(batch);
    firmnet_i_free(x);
    firmnet_i_free(a);
    firmnet_i_free(b);
    firmnet_i_free(p);
    firmnet_i_free(lo);
    firmnet_i_free(hi);
    return rc;
}

/* ---- plain-language summary ------------------------------------------------------------- */

/* A text buffer whose first failure sticks, so the sentences can be written without checks. */
typedef struct text {
    firmnet_i_buf buf;
    int rc;
} text;

static void say(text *b, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
static void say(text *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (b->rc < 0) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (b->rc = firmnet_i_buf_reserve(&b->buf, (size_t)n)) < 0) {
        b->rc = b->rc < 0 ? b->rc : firmnet_i_error(FIRMNET_EINVAL, "cannot format text");
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->buf.data + b->buf.len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->buf.len += (size_t)n;
}

static void put_layer_label(text *b, const char *g)
{
    static const char *const known[][2] = {
        {"all", "All layers"}, {"trade", "Trade"}, {"rnd", "R&D"}, {"service", "Services"}};
    for (size_t k = 0; k < sizeof known / sizeof *known; k++) {
        if (strcmp(g, known[k][0]) == 0) {
            say(b, "%s", known[k][1]);
            return;
        }
    }
    say(b, "%c%s", g[0] >= 'a' && g[0] <= 'z' ? g[0] - 'a' + 'A' : g[0], g + 1);
}

static void put_stratum_label(text *b, const ctx *c, const char *v)
{
    if (c->strata_attr == NULL) {
        return;
    }
    if (firmnet_i_strcasecmp(c->strata_attr, "size") == 0) {
        say(b, ", %s", strcmp(v, "large") == 0 ? "large firms"
                                        : strcmp(v, "sme") == 0 ? "SMEs"
                                        : strcmp(v, "*") == 0   ? "all sizes"
                                                                : v);
    } else if (strcmp(v, "*") == 0) {
        say(b, ", all %s", c->strata_attr);
    } else {
        say(b, ", %s %s", c->strata_attr, v);
    }
}

/* p-values with two significant digits, never in exponent form above 1e-4 */
static void put_p(text *b, double p)
{
    if (p >= 0.01) {
        say(b, "%.2f", p);
    } else if (p >= 0.001) {
        say(b, "%.3f", p);
    } else if (p >= 0.0001) {
        say(b, "%.4f", p);
    } else {
        say(b, "%.1e", p);
    }
}

/* 9999 -> "9,999" */
static void put_count(text *b, unsigned long long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    for (int k = 0; k < len; k++) {
        say(b, "%c", digits[k]);
        if ((len - k - 1) % 3 == 0 && k < len - 1) {
            say(b, ",");
        }
    }
}

static void put_share(text *b, double v)
{
    if (isnan(v)) {
        say(b, "n/a");
    } else {
        say(b, "%.2f", v);
    }
}

static int make_summary(const ctx *c, char **out)
{
    text b = {{0}, 0};
    bool mc = firmnet_i_strcasecmp(c->group_attr, "mc") == 0;
    char yes[96], no[96];
    size_t nsr = c->strata_attr ? c->nstrata + 1 : 1, npart = 0;
    const size_t R = c->g_nrows;

    if (mc) {
        snprintf(yes, sizeof yes, "MC participants");
        snprintf(no, sizeof no, "non-participants");
    } else {
        snprintf(yes, sizeof yes, "actors with %s", c->group_attr);
        snprintf(no, sizeof no, "actors without");
    }
    for (size_t p = 0; p < c->npanel; p++) {
        npart += c->part[c->panel[p]];
    }
    say(&b, "Change from %s to %s: ", c->wave[0], c->wave[1]);
    if (c->o->panel == FIRMNET_CHANGE_PANEL_ALL) {
        say(&b, "all %zu actors", c->npanel);
    } else {
        say(&b, "%zu actors reported ties in both waves", c->npanel);
    }
    say(&b, " (%zu %s, %zu %s).\n", npart, yes, c->npanel - npart,
                         mc ? "non-participants" : "without");
    say(&b, "Distinct partners (ties in or out), mean change of %s minus %s%s%s:\n",
                         yes, mc ? "non-participants" : "the others",
                         c->strata_attr ? ", within " : "", c->strata_attr ? c->strata_attr : "");
    for (size_t g = 0; g < c->ngroups; g++) {
        for (size_t sr = 0; sr < nsr; sr++) {
            const char *sv = sr < c->nstrata ? c->strata[sr] : "*";
            size_t r = (g * nsr + sr) * NMEAS + L_PARTNERS;
            double na = c->g_vals[G_N_MC * R + r], nn = c->g_vals[G_N_NON * R + r];
            double ma = c->g_vals[G_MEAN_MC * R + r], mn = c->g_vals[G_MEAN_NON * R + r];
            double d = c->g_vals[G_DIFF * R + r], pp = c->g_vals[G_P_PERM * R + r];
            double pw = c->g_vals[G_P_WELCH * R + r];
            if (c->strata_attr != NULL && sr == nsr - 1) {
                continue; /* the per-stratum lines say it; the table has the pooled row */
            }
            say(&b, "  ");
            put_layer_label(&b, c->groups[g]);
            put_stratum_label(&b, c, sv);
            say(&b, ": ");
            if (na == 0 || nn == 0) {
                say(&b, "no comparison (%.0f %s, %.0f %s)\n", na, yes, nn,
                                     mc ? "non-participants" : "without");
                continue;
            }
            if (fabs(d) < 0.05) {
                say(&b, "%s gained about as many partners as %s", yes,
                                     mc ? "non-participants" : "the others");
            } else {
                say(&b, "%s gained %.1f %s partners than %s", yes, fabs(d),
                                     d > 0 ? "more" : "fewer",
                                     mc ? "non-participants" : "the others");
            }
            say(&b, " (%+.2f vs %+.2f, n = %.0f vs %.0f; ", ma, mn, na, nn);
            if (!isnan(pp)) {
                say(&b, "p = ");
                put_p(&b, pp);
                say(&b, ", ");
                put_count(&b, c->o->permutations);
                say(&b, " permutations)\n");
            } else if (!isnan(pw)) {
                say(&b, "Welch p = ");
                put_p(&b, pw);
                say(&b, ")\n");
            } else {
                say(&b, "no test)\n");
            }
        }
    }
    /* tie stability of the "all" group, or of the first one */
    size_t ga = 0;
    for (size_t g = 0; g < c->ngroups; g++) {
        if (strcmp(c->groups[g], "all") == 0) {
            ga = g;
        }
    }
    const double *t = c->t_vals + ga * NBLOCKS * NTCOLS;
    say(&b, "Ties (");
    put_layer_label(&b, c->groups[ga]);
    say(&b, ") reported by the panel: ");
    put_count(&b, (unsigned long long)t[T_TIES0]);
    say(&b, " in %s, ", c->wave[0]);
    put_count(&b, (unsigned long long)t[T_TIES1]);
    say(&b, " in %s, ", c->wave[1]);
    put_count(&b, (unsigned long long)t[T_N11]);
    say(&b, " kept; Jaccard ");
    put_share(&b, t[T_JACCARD]);
    say(&b, " (within %s ", mc ? "MC" : "group");
    put_share(&b, t[B_WITHIN_MC * NTCOLS + T_JACCARD]);
    say(&b, ", between ");
    put_share(&b, t[B_BETWEEN * NTCOLS + T_JACCARD]);
    say(&b, ", within %s ", mc ? "non-MC" : "others");
    put_share(&b, t[B_WITHIN_NON * NTCOLS + T_JACCARD]);
    say(&b, ").\n");
    if (b.rc < 0) {
        firmnet_i_buf_free(&b.buf);
        return b.rc;
    }
    *out = b.buf.data;
    return 0;
}

/* ---- tables ------------------------------------------------------------------------------- */

static int add_num(firmnet_table *t, const char *name, const char *suffix, const double *v)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s", name, suffix);
    return firmnet_table_add_double(t, buf, v);
}

static int actor_table(const ctx *c, firmnet_table **out)
{
    firmnet_table *t = NULL;
    const char **ids = NULL, **layers = NULL, **strata = NULL;
    double *part = NULL;
    size_t R = c->nrows;
    int rc;
    ids = firmnet_i_calloc(R ? R : 1, sizeof *ids);
    layers = firmnet_i_calloc(R ? R : 1, sizeof *layers);
    strata = firmnet_i_calloc(R ? R : 1, sizeof *strata);
    part = firmnet_i_calloc(R ? R : 1, sizeof *part);
    if (ids == NULL || layers == NULL || strata == NULL || part == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t g = 0; g < c->ngroups; g++) {
        for (size_t p = 0; p < c->npanel; p++) {
            size_t i = c->panel[p], r = g * c->npanel + p;
            ids[r] = firmnet_network_actor_id(c->net, i);
            layers[r] = c->groups[g];
            part[r] = c->part[i];
            strata[r] = c->strata_index >= 0
                            ? firmnet_i_attr_value(c->net, (size_t)c->strata_index, i)
                            : "";
        }
    }
    rc = firmnet_table_new(&t, R);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "id", ids);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "layer", layers);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "participant", part);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "stratum", strata);
    }
    for (size_t l = 0; rc == 0 && l < NLEVEL; l++) {
        rc = add_num(t, level_names[l], "_w0", c->acol + (3 * l) * R);
        if (rc == 0) {
            rc = add_num(t, level_names[l], "_w1", c->acol + (3 * l + 1) * R);
        }
        if (rc == 0) {
            rc = add_num(t, level_names[l], "_change", c->acol + (3 * l + 2) * R);
        }
    }
    for (size_t k = 0; rc == 0 && k < NCOUNT; k++) {
        rc = add_num(t, count_names[k], "", c->acol + (3 * NLEVEL + k) * R);
    }
    for (size_t a = 0; rc == 0 && a < c->nattr; a++) {
        rc = add_num(t, c->anames[a], "_w0", c->acol + (NNET + 3 * a) * R);
        if (rc == 0) {
            rc = add_num(t, c->anames[a], "_w1", c->acol + (NNET + 3 * a + 1) * R);
        }
        if (rc == 0) {
            rc = add_num(t, c->anames[a], "_change", c->acol + (NNET + 3 * a + 2) * R);
        }
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    firmnet_i_free(ids);
    firmnet_i_free(layers);
    firmnet_i_free(strata);
    firmnet_i_free(part);
    return rc;
}

static int group_table(const ctx *c, firmnet_table **out)
{
    firmnet_table *t = NULL;
    int rc = firmnet_table_new(&t, c->g_nrows);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "layer", (const char *const *)c->g_layer);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "stratum", (const char *const *)c->g_stratum);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "measure", (const char *const *)c->g_measure);
    }
    for (size_t k = 0; rc == 0 && k < NGCOLS; k++) {
        rc = firmnet_table_add_double(t, gcol_names[k], c->g_vals + k * c->g_nrows);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
    firmnet_table_free(t);
    return rc;
}

static int tie_table(const ctx *c, firmnet_table **out)
{
    size_t R = c->ngroups * NBLOCKS;
    firmnet_table *t = NULL;
    const char **layer = firmnet_i_calloc(R, sizeof *layer);
    const char **block = firmnet_i_calloc(R, sizeof *block);
    double *col = firmnet_i_malloc(R * sizeof *col);
    int rc = 0;
    if (layer == NULL || block == NULL || col == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t r = 0; r < R; r++) {
        layer[r] = c->groups[r / NBLOCKS];
        block[r] = block_names[r % NBLOCKS];
    }
    rc = firmnet_table_new(&t, R);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "layer", layer);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "block", block);
    }
    for (size_t k = 0; rc == 0 && k < NTCOLS; k++) {
        for (size_t r = 0; r < R; r++) {
            col[r] = c->t_vals[r * NTCOLS + k];
        }
        rc = firmnet_table_add_double(t, tcol_names[k], col);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    firmnet_i_free(layer);
    firmnet_i_free(block);
    firmnet_i_free(col);
    return rc;
}

/* ---- entry point ---------------------------------------------------------------------------- */

static int wave_arg(const firmnet_network *net, const char *name, const char *which,
                    const char **out)
{
    if (firmnet_i_wave_find(net, name) < 0) {
        firmnet_i_buf have = {0};
        for (size_t k = 0; k < net->waves.count; k++) {
            firmnet_i_buf_printf(&have, "%s'%s'", k ? ", " : "",
                                 firmnet_network_wave_name(net, k));
        }
        firmnet_i_error(FIRMNET_ENOTFOUND, "change: no %s wave '%s' (waves: %s)", which, name,
                        have.data ? have.data : "none");
        firmnet_i_buf_free(&have);
        return FIRMNET_ENOTFOUND;
    }
    /* the network's own copy, which outlives this call's arguments */
    *out = net->waves.strs[firmnet_i_wave_find(net, name)];
    return 0;
}

static int check_options(const firmnet_change_options *o)
{
    if (o->version == 0 || o->version > FIRMNET_CHANGE_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "change options: unsupported version %u "
                               "(initialise with FIRMNET_CHANGE_OPTIONS_INIT)", o->version);
    }
    if ((int)o->panel < FIRMNET_CHANGE_PANEL_RESPONDENTS || o->panel > FIRMNET_CHANGE_PANEL_ALL) {
        return firmnet_i_error(FIRMNET_EINVAL, "change options: invalid panel %d", (int)o->panel);
    }
    if ((int)o->merge < FIRMNET_MERGE_SUM || o->merge > FIRMNET_MERGE_COUNT) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "change options: merge rule must be sum, max, mean or count");
    }
    return 0;
}

static int report(const ctx *c, size_t done, size_t total)
{
    if (c->o->progress != NULL &&
        c->o->progress("permutations", (double)done, (double)total, c->o->progress_payload)) {
        return firmnet_i_error(FIRMNET_ECANCEL, "change: cancelled by the progress callback");
    }
    return 0;
}

static int compute(ctx *c)
{
    size_t nsr = c->strata_attr ? c->nstrata + 1 : 1, done = 0;
    size_t total = c->ngroups * nsr + (c->nattr ? nsr : 0);
    size_t cols[NMEAS];
    const char *names[NMEAS];
    int rc = 0;

    for (size_t l = 0; l < NLEVEL; l++) {
        cols[l] = 3 * l + 2;
        names[l] = level_names[l];
    }
    for (size_t k = 0; k < NCOUNT; k++) {
        cols[NLEVEL + k] = 3 * NLEVEL + k;
        names[NLEVEL + k] = count_names[k];
    }
    for (size_t g = 0; g < c->ngroups; g++) {
        rc = layer_group(c, g, c->t_vals + g * NBLOCKS * NTCOLS);
        if (rc < 0) {
            return rc;
        }
    }
    for (size_t g = 0; g < c->ngroups; g++) {
        for (size_t sr = 0; sr < nsr; sr++) {
            uint32_t s = sr < c->nstrata && c->strata_attr ? (uint32_t)sr : NO_STRATUM;
            rc = compare(c, c->groups[g], s, names, cols, NMEAS, g * c->npanel);
            if (rc == 0) {
                rc = report(c, ++done, total);
            }
            if (rc < 0) {
                return rc;
            }
        }
    }
    /* per-wave attributes do not depend on the layer group: once, with layer "*" */
    if (c->nattr > 0) {
        size_t *acols = firmnet_i_malloc(c->nattr * sizeof *acols);
        if (acols == NULL) {
            return firmnet_i_nomem();
        }
        for (size_t a = 0; a < c->nattr; a++) {
            acols[a] = NNET + 3 * a + 2;
        }
        for (size_t sr = 0; rc == 0 && sr < nsr; sr++) {
            uint32_t s = sr < c->nstrata && c->strata_attr ? (uint32_t)sr : NO_STRATUM;
            rc = compare(c, "*", s, (const char *const *)c->anames, acols, c->nattr, 0);
            if (rc == 0) {
                rc = report(c, ++done, total);
            }
        }
        firmnet_i_free(acols);
    }
    return rc;
}

static void ctx_free(ctx *c)
{
    free_strings(c->groups, c->ngroups);
    free_strings(c->selectors, c->ngroups);
    firmnet_i_free(c->part);
    free_strings(c->strata, c->nstrata);
    firmnet_i_free(c->stratum_of);
    firmnet_i_free(c->panel);
    firmnet_i_free(c->in_panel);
    free_strings(c->anames, c->nattr);
    firmnet_i_free(c->avals);
    firmnet_i_free(c->acol);
    free_strings(c->g_layer, c->g_nrows);
    free_strings(c->g_stratum, c->g_nrows);
    free_strings(c->g_measure, c->g_nrows);
    firmnet_i_free(c->g_vals);
    firmnet_i_free(c->t_vals);
}

int firmnet_change(firmnet_change_result **out, const firmnet_network *net,
                   const firmnet_change_options *opts)
{
    static const firmnet_change_options defaults = FIRMNET_CHANGE_OPTIONS_INIT;
    firmnet_change_result *res = NULL;
    ctx c;
    size_t nsr;
    int rc;

    firmnet_i_clear_error();
    memset(&c, 0, sizeof c);
    c.strata_index = -1;
    if (out == NULL || net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_change: NULL argument");
    }
    if (opts == NULL) {
        opts = &defaults;
    }
    rc = check_options(opts);
    if (rc < 0) {
        return rc;
    }
    if (net->waves.count < 2) {
        return firmnet_i_error(FIRMNET_EDATA, "change: the network has %zu wave%s; two are needed",
                               net->waves.count, net->waves.count == 1 ? "" : "s");
    }
    c.net = net;
    c.o = opts;
    c.n = net->ids.count;
    rc = wave_arg(net, opts->from ? opts->from : firmnet_network_wave_name(net, 0), "from",
                  &c.wave[0]);
    if (rc == 0) {
        const char *last = firmnet_network_wave_name(net, net->waves.count - 1);
        rc = wave_arg(net, opts->to ? opts->to : last, "to", &c.wave[1]);
    }
    if (rc < 0) {
        return rc;
    }
    if (strcmp(c.wave[0], c.wave[1]) == 0) {
        return firmnet_i_error(FIRMNET_EINVAL, "change: from and to are the same wave '%s'",
                               c.wave[0]);
    }
    c.group_attr = opts->group ? opts->group : "mc";
    c.strata_attr = opts->strata == NULL ? "size" : opts->strata[0] ? opts->strata : NULL;
    rc = opts->layers == NULL || opts->layers[0] == '\0' ? default_groups(&c)
                                                           : parse_groups(&c, opts->layers);
    if (rc == 0) {
        rc = setup_actors(&c);
    }
    if (rc == 0 && opts->attributes != NULL) {
        rc = read_attributes(&c, opts->attributes);
    }
    if (rc < 0) {
        goto cleanup;
    }
    c.nrows = c.ngroups * c.npanel;
    c.ncols = NNET + 3 * c.nattr;
    nsr = c.strata_attr ? c.nstrata + 1 : 1;
    c.g_nrows = c.ngroups * nsr * NMEAS + nsr * c.nattr;
    c.acol = firmnet_i_calloc(c.ncols * (c.nrows ? c.nrows : 1), sizeof *c.acol);
    c.t_vals = firmnet_i_calloc(c.ngroups * NBLOCKS * NTCOLS, sizeof *c.t_vals);
    c.g_vals = firmnet_i_calloc(NGCOLS * c.g_nrows, sizeof *c.g_vals);
    c.g_layer = firmnet_i_calloc(c.g_nrows, sizeof *c.g_layer);
    c.g_stratum = firmnet_i_calloc(c.g_nrows, sizeof *c.g_stratum);
    c.g_measure = firmnet_i_calloc(c.g_nrows, sizeof *c.g_measure);
    res = firmnet_i_calloc(1, sizeof *res);
    if (c.acol == NULL || c.t_vals == NULL || c.g_vals == NULL || c.g_layer == NULL ||
        c.g_stratum == NULL || c.g_measure == NULL || res == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t a = 0; a < c.nattr; a++) {
        for (size_t g = 0; g < c.ngroups; g++) {
            for (size_t p = 0; p < c.npanel; p++) {
                size_t i = c.panel[p], r = g * c.npanel + p;
                double v0 = c.avals[(a * 2) * c.n + i], v1 = c.avals[(a * 2 + 1) * c.n + i];
                c.acol[(NNET + 3 * a) * c.nrows + r] = v0;
                c.acol[(NNET + 3 * a + 1) * c.nrows + r] = v1;
                c.acol[(NNET + 3 * a + 2) * c.nrows + r] = v1 - v0;
            }
        }
    }
    firmnet_i_enter();
    rc = compute(&c);
    firmnet_i_leave();
    if (rc == 0) {
        rc = actor_table(&c, &res->actors);
    }
    if (rc == 0) {
        rc = group_table(&c, &res->groups);
    }
    if (rc == 0) {
        rc = tie_table(&c, &res->ties);
    }
    if (rc == 0) {
        rc = make_summary(&c, &res->summary);
    }
    if (rc == 0) {
        res->from = firmnet_i_strdup(c.wave[0]);
        res->to = firmnet_i_strdup(c.wave[1]);
        if (res->from == NULL || res->to == NULL) {
            rc = firmnet_i_nomem();
        }
    }
    if (rc == 0) {
        res->panel = c.npanel;
        *out = res;
        res = NULL;
    }
cleanup:
    firmnet_change_result_free(res);
    ctx_free(&c);
    return rc;
}

void firmnet_change_result_free(firmnet_change_result *res)
{
    if (res == NULL) {
        return;
    }
    firmnet_table_free(res->actors);
    firmnet_table_free(res->groups);
    firmnet_table_free(res->ties);
    firmnet_i_free(res->summary);
    firmnet_i_free(res->from);
    firmnet_i_free(res->to);
    firmnet_i_free(res);
}

const firmnet_table *firmnet_change_actors(const firmnet_change_result *res)
{
    return res ? res->actors : NULL;
}

const firmnet_table *firmnet_change_groups(const firmnet_change_result *res)
{
    return res ? res->groups : NULL;
}

const firmnet_table *firmnet_change_ties(const firmnet_change_result *res)
{
    return res ? res->ties : NULL;
}

const char *firmnet_change_summary_text(const firmnet_change_result *res)
{
    return res && res->summary ? res->summary : "";
}

const char *firmnet_change_from(const firmnet_change_result *res)
{
    return res ? res->from : NULL;
}

const char *firmnet_change_to(const firmnet_change_result *res)
{
    return res ? res->to : NULL;
}

size_t firmnet_change_panel_size(const firmnet_change_result *res)
{
    return res ? res->panel : 0;
}
