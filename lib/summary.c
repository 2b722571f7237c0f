/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet_summary(): a descriptive table per wave and layer group. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const type_cols[] = {"firm",    "university", "research",
                                        "support", "government", "service"};
#define NTYPES 6

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "all", then every layer and every parent of a dotted layer name, sorted, without repeats. */
static int layer_groups(const firmnet_network *net, char ***out, size_t *count)
{
    size_t cap = 1, n = 0;
    char **g;
    for (size_t k = 0; k < net->layers.count; k++) {
        cap += 1 + (size_t)(strchr(net->layers.strs[k], '.') ? strlen(net->layers.strs[k]) : 0);
    }
    g = firmnet_i_calloc(cap, sizeof *g);
    if (g == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t k = 0; k < net->layers.count; k++) {
        const char *l = net->layers.strs[k];
        for (const char *dot = strchr(l, '.'); dot != NULL; dot = strchr(dot + 1, '.')) {
            g[n] = firmnet_i_malloc((size_t)(dot - l) + 1);
            if (g[n] == NULL) {
                goto nomem;
            }
            memcpy(g[n], l, (size_t)(dot - l));
            g[n][dot - l] = '\0';
            n++;
        }
        g[n] = firmnet_i_strdup(l);
        if (g[n++] == NULL) {
            goto nomem;
        }
    }
    qsort(g, n, sizeof *g, cmp_str);
    size_t u = 0;
    for (size_t k = 0; k < n; k++) {
        if (u > 0 && strcmp(g[u - 1], g[k]) == 0) {
            firmnet_i_free(g[k]);
        } else {
            g[u++] = g[k];
        }
    }
    memmove(g + 1, g, u * sizeof *g);
    g[0] = firmnet_i_strdup("all");
    if (g[0] == NULL) {
        n = u + 1;
        goto nomem;
    }
    *out = g;
    *count = u + 1;
    return 0;
nomem:
    for (size_t k = 0; k < n; k++) {
        firmnet_i_free(g[k]);
    }
    firmnet_i_free(g);
    return firmnet_i_nomem();
}

enum {
    C_ACTORS,
    C_TYPES, /* NTYPES columns, then other */
    C_OTHER = C_TYPES + NTYPES,
    C_TIES,
    C_WEIGHT,
    C_DENSITY,
    C_RECIPROCITY,
    C_COMPONENTS,
    C_ISOLATES,
    C_MEAN_DEGREE,
    C_CLUSTER_SHARE,
    NCOLS
};

static const char *const col_names[NCOLS] = {
    "actors",  "firm",       "university", "research",   "support",    "government",
    "service", "other",      "ties",       "weight",     "density",    "reciprocity",
    "components", "isolates", "mean_degree", "cluster_share",
};

/* Fill one row of numbers for a graph view. */
static int describe(const firmnet_network *net, const firmnet_graph *view, double *row,
                    unsigned char *active)
{
    const igraph_t *g = &view->g;
    size_t n = view->n, m = view->m, nactive = 0;
    igraph_real_t recip = NAN;
    igraph_integer_t ncomp = 0;
    double weight = 0, inside = 0, known = 0;
    int rc;

    memset(active, 0, n ? n : 1);
    for (size_t e = 0; e < m; e++) {
        size_t s = (size_t)IGRAPH_FROM(g, (igraph_integer_t)e);
        size_t t = (size_t)IGRAPH_TO(g, (igraph_integer_t)e);
        active[s] = active[t] = 1;
        weight += VECTOR(view->w)[e];
        const char *cs = firmnet_i_attr_value(net, FIRMNET_I_ATTR_CLUSTER, s);
        const char *ct = firmnet_i_attr_value(net, FIRMNET_I_ATTR_CLUSTER, t);
        const char *rt = firmnet_i_attr_value(net, FIRMNET_I_ATTR_REGION, t);
        if (cs[0] != '\0' && (ct[0] != '\0' || rt[0] != '\0')) {
            known++;
            inside += strcmp(cs, ct) == 0;
        }
    }
    for (size_t c = C_TYPES; c <= C_OTHER; c++) {
        row[c] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        if (!active[i]) {
            continue;
        }
        nactive++;
        const char *type = firmnet_i_attr_value(net, FIRMNET_I_ATTR_TYPE, i);
        size_t c = C_OTHER;
        for (size_t k = 0; k < NTYPES; k++) {
            if (strcmp(type, type_cols[k]) == 0) {
                c = C_TYPES + k;
            }
        }
        row[c]++;
    }
    if (m > 0) {
        rc = firmnet_i_igraph(igraph_reciprocity(g, &recip, 1, IGRAPH_RECIPROCITY_DEFAULT),
                              "summary: reciprocity");
        if (rc < 0) {
            return rc;
        }
    }
    rc = firmnet_i_igraph(igraph_connected_components(g, NULL, NULL, &ncomp, IGRAPH_WEAK),
                          "summary: components");
    if (rc < 0) {
        return rc;
    }
    row[C_ACTORS] = (double)nactive;
    row[C_TIES] = (double)m;
    row[C_WEIGHT] = weight;
    row[C_DENSITY] = n > 1 ? (double)m / ((double)n * (double)(n - 1)) : NAN;
    row[C_RECIPROCITY] = recip;
    row[C_ISOLATES] = (double)(n - nactive);
    row[C_COMPONENTS] = (double)ncomp - (double)(n - nactive);
    row[C_MEAN_DEGREE] = nactive > 0 ? 2.0 * (double)m / (double)nactive : NAN;
    row[C_CLUSTER_SHARE] = known > 0 ? inside / known : NAN;
    return 0;
}

int firmnet_summary(firmnet_table **out, const firmnet_network *net)
{
    char **groups = NULL, **wave_col = NULL, **layer_col = NULL;
    double *vals = NULL, *row = NULL;
    unsigned char *active = NULL;
    firmnet_table *t = NULL;
    size_t ngroups = 0, nwaves, nrows, r = 0;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_summary: NULL argument");
    }
    rc = layer_groups(net, &groups, &ngroups);
    if (rc < 0) {
        return rc;
    }
    nwaves = net->waves.count;
    nrows = nwaves * ngroups;
    wave_col = firmnet_i_calloc(nrows ? nrows : 1, sizeof *wave_col);
    layer_col = firmnet_i_calloc(nrows ? nrows : 1, sizeof *layer_col);
    vals = firmnet_i_calloc((nrows ? nrows : 1) * NCOLS, sizeof *vals);
    row = firmnet_i_malloc(NCOLS * sizeof *row);
    active = firmnet_i_malloc(net->ids.count ? net->ids.count : 1);
    if (wave_col == NULL || layer_col == NULL || vals == NULL || row == NULL || active == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t wk = 0; wk < nwaves; wk++) {
        for (size_t gk = 0; gk < ngroups; gk++, r++) {
            firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
            firmnet_graph *view = NULL;
            o.wave = firmnet_network_wave_name(net, wk);
            o.layers = groups[gk];
            rc = firmnet_graph_new(&view, net, &o);
            if (rc < 0) {
                goto cleanup;
            }
            firmnet_i_enter();
            rc = describe(net, view, row, active);
            firmnet_i_leave();
            firmnet_graph_free(view);
            if (rc < 0) {
                goto cleanup;
            }
            wave_col[r] = (char *)o.wave;
            layer_col[r] = groups[gk];
            for (size_t c = 0; c < NCOLS; c++) {
                vals[c * nrows + r] = row[c];
            }
        }
    }
    rc = firmnet_table_new(&t, nrows);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "wave", (const char *const *)wave_col);
    }
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "layer", (const char *const *)layer_col);
    }
    for (size_t c = 0; rc == 0 && c < NCOLS; c++) {
        rc = firmnet_table_add_double(t, col_names[c], vals + c * nrows);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    for (size_t k = 0; k < ngroups; k++) {
        firmnet_i_free(groups[k]);
    }
    firmnet_i_free(groups);
    firmnet_i_free(wave_col);
    firmnet_i_free(layer_col);
    firmnet_i_free(vals);
    firmnet_i_free(row);
    firmnet_i_free(active);
    return rc;
}
