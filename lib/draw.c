/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network drawings: igraph layouts under a seeded generator of our own, drawn as SVG. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int firmnet_draw_options_init(firmnet_draw_options *opts, unsigned int version)
{
    static const firmnet_draw_options defaults = FIRMNET_DRAW_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_DRAW_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_draw_options_init: unsupported version %u",
                               version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

int firmnet_layout_parse(firmnet_layout_algorithm *out, const char *name)
{
    if (out == NULL || name == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_layout_parse: NULL argument");
    }
    if (firmnet_i_strcasecmp(name, "auto") == 0) {
        *out = FIRMNET_LAYOUT_AUTO;
    } else if (firmnet_i_strcasecmp(name, "fr") == 0 ||
               firmnet_i_strcasecmp(name, "fruchterman-reingold") == 0) {
        *out = FIRMNET_LAYOUT_FR;
    } else if (firmnet_i_strcasecmp(name, "drl") == 0) {
        *out = FIRMNET_LAYOUT_DRL;
    } else {
        return firmnet_i_error(FIRMNET_EINVAL, "unknown layout '%s' (layouts: auto, fr, drl)",
                               name);
    }
    return 0;
}

static const firmnet_draw_options *draw_options(const firmnet_draw_options *opts, int *rc)
{
    static const firmnet_draw_options defaults = FIRMNET_DRAW_OPTIONS_INIT;
    *rc = 0;
    if (opts == NULL) {
        return &defaults;
    }
    if (opts->version == 0 || opts->version > FIRMNET_DRAW_OPTIONS_VERSION) {
        *rc = firmnet_i_error(FIRMNET_EINVAL,
                              "draw options: unsupported version %u "
                              "(initialise with FIRMNET_DRAW_OPTIONS_INIT)",
                              opts->version);
    } else if ((int)opts->layout < FIRMNET_LAYOUT_AUTO || opts->layout > FIRMNET_LAYOUT_DRL) {
        *rc = firmnet_i_error(FIRMNET_EINVAL, "draw options: invalid layout %d", (int)opts->layout);
    } else if (opts->width < 0 || opts->height < 0) {
        *rc = firmnet_i_error(FIRMNET_EINVAL, "draw options: negative picture size");
    }
    return opts;
}

static firmnet_layout_algorithm resolve_layout(firmnet_layout_algorithm a, size_t n)
{
    return a != FIRMNET_LAYOUT_AUTO ? a : n <= 1000 ? FIRMNET_LAYOUT_FR : FIRMNET_LAYOUT_DRL;
}

/* Lay out @p graph (igraph) into res with a generator seeded by @p seed lent to igraph (its
 * layouts draw from its default generator, which belongs to the host). */
static int run_layout(const igraph_t *graph, igraph_matrix_t *res, firmnet_layout_algorithm algo,
                      uint64_t seed)
{
    firmnet_i_rng_loan loan;
    igraph_integer_t n = igraph_vcount(graph);
    int rc = firmnet_i_rng_lend(&loan, seed);
    if (rc < 0) {
        return rc;
    }
    if (resolve_layout(algo, (size_t)n) == FIRMNET_LAYOUT_DRL) {
        igraph_layout_drl_options_t dopts;
        rc = firmnet_i_igraph(igraph_layout_drl_options_init(&dopts, IGRAPH_LAYOUT_DRL_DEFAULT),
                              "DrL layout");
        if (rc == 0) {
            rc = firmnet_i_igraph(igraph_layout_drl(graph, res, 0, &dopts, NULL), "DrL layout");
        }
    } else {
        rc = firmnet_i_igraph(igraph_layout_fruchterman_reingold(
                                  graph, res, 0, 500, sqrt((double)n) / 10, IGRAPH_LAYOUT_AUTOGRID,
                                  NULL, NULL, NULL, NULL, NULL),
                              "Fruchterman-Reingold layout");
    }
    firmnet_i_rng_return(&loan);
    return rc;
}

/*
 * The layout into xy[2v], xy[2v + 1]. Force-directed layouts push isolated vertices far out,
 * which shrinks everything else to a corner of the picture; so the vertices with edges are
 * laid out on their own and the isolates set in rows below them.
 */
static int compute_layout(const firmnet_graph *g, double *xy, firmnet_layout_algorithm algo,
                          uint64_t seed)
{
    igraph_matrix_t res;
    igraph_vector_int_t edges;
    igraph_t core;
    bool res_init = false, edges_init = false, core_init = false;
    size_t n = g->n, ncore = 0, niso;
    int64_t *idx = NULL;
    int rc = 0;

    if (n == 0) {
        return 0;
    }
    idx = firmnet_i_malloc(n * sizeof *idx);
    if (idx == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t v = 0; v < n; v++) {
        idx[v] = -1;
    }
    for (size_t e = 0; e < g->m; e++) {
        idx[IGRAPH_FROM(&g->g, (igraph_integer_t)e)] = 0;
        idx[IGRAPH_TO(&g->g, (igraph_integer_t)e)] = 0;
    }
    for (size_t v = 0; v < n; v++) {
        if (idx[v] == 0) {
            idx[v] = (int64_t)ncore++;
        }
    }
    niso = n - ncore;
    firmnet_i_enter();
    if (ncore > 0) {
        rc = firmnet_i_igraph(igraph_matrix_init(&res, 0, 0), "layout");
        res_init = rc == 0;
        if (rc == 0) {
            rc = firmnet_i_igraph(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * g->m)),
                                  "layout");
            edges_init = rc == 0;
        }
        if (rc < 0) {
            goto cleanup;
        }
        for (size_t e = 0; e < g->m; e++) {
            VECTOR(edges)[2 * e] = idx[IGRAPH_FROM(&g->g, (igraph_integer_t)e)];
            VECTOR(edges)[2 * e + 1] = idx[IGRAPH_TO(&g->g, (igraph_integer_t)e)];
        }
        rc = firmnet_i_igraph(igraph_create(&core, &edges, (igraph_integer_t)ncore,
                                            g->directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED),
                              "layout");
        core_init = rc == 0;
        if (rc == 0) {
            rc = run_layout(&core, &res, algo, seed);
        }
        if (rc < 0) {
            goto cleanup;
        }
    }
    {
        double minx = 0, maxx = 0, miny = 0, maxy = 0, step;
        size_t perrow;
        for (size_t v = 0; v < n; v++) {
            if (idx[v] < 0) {
                continue;
            }
            double x = MATRIX(res, idx[v], 0), y = MATRIX(res, idx[v], 1);
            xy[2 * v] = x;
            xy[2 * v + 1] = y;
            if (idx[v] == 0) {
                minx = maxx = x;
                miny = maxy = y;
            }
            minx = fmin(minx, x);
            maxx = fmax(maxx, x);
            miny = fmin(miny, y);
            maxy = fmax(maxy, y);
        }
        /* isolates: rows below, spaced like the typical distance between neighbours */
        step = ncore > 1 ? fmax(maxx - minx, maxy - miny) / sqrt((double)ncore) : 1;
        if (!(step > 0)) {
            step = 1;
        }
        perrow = ncore > 1 ? (size_t)((maxx - minx) / step) + 1 : (size_t)ceil(sqrt((double)niso));
        if (perrow < 1) {
            perrow = 1;
        }
        for (size_t v = 0, k = 0; v < n; v++) {
            if (idx[v] < 0) {
                xy[2 * v] = minx + (double)(k % perrow) * step;
                xy[2 * v + 1] = maxy + (ncore > 0 ? 2 * step : 0) + (double)(k / perrow) * step;
                k++;
            }
        }
    }
cleanup:
    if (core_init) {
        igraph_destroy(&core);
    }
    if (edges_init) {
        igraph_vector_int_destroy(&edges);
    }
    if (res_init) {
        igraph_matrix_destroy(&res);
    }
    firmnet_i_leave();
    firmnet_i_free(idx);
    return rc;
}

int firmnet_graph_layout(const firmnet_graph *graph, double *xy, size_t len,
                         const firmnet_draw_options *opts)
{
    int rc;
    firmnet_i_clear_error();
    if (graph == NULL || (xy == NULL && graph->n > 0)) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_graph_layout: NULL argument");
    }
    opts = draw_options(opts, &rc);
    if (rc < 0) {
        return rc;
    }
    if (len < 2 * graph->n) {
        return firmnet_i_error(FIRMNET_ERANGE,
                               "layout buffer of %zu numbers too small for %zu vertices", len,
                               graph->n);
    }
    return compute_layout(graph, xy, opts->layout, opts->seed);
}

/* ---- drawing ----------------------------------------------------------------------------- */

typedef struct drawing {
    const firmnet_graph *g;
    const firmnet_network *net;
    const firmnet_draw_options *opts;
    double width, height;
    double *xy;   /* layout, then picture coordinates */
    double *size; /* size measure per vertex (NaN: none) */
    double *radius;
    unsigned char *drawn;
    int *edge_layer; /* layer rank of each edge, or -1 for several */
    size_t ndrawn, nsized;
    double size_min, size_max;
    const char *size_label;
} drawing;

static void drawing_free(drawing *d)
{
    firmnet_i_free(d->xy);
    firmnet_i_free(d->size);
    firmnet_i_free(d->radius);
    firmnet_i_free(d->drawn);
    firmnet_i_free(d->edge_layer);
}

/* v rounded to 3 significant digits, for legends. */
static double round3(double v)
{
    if (v == 0 || !isfinite(v)) {
        return v;
    }
    double scale = pow(10, floor(log10(fabs(v))) - 2);
    return round(v / scale) * scale;
}

static int read_sizes(drawing *d)
{
    const firmnet_draw_options *o = d->opts;
    const firmnet_network *net = d->net;
    size_t n = d->g->n;
    for (size_t v = 0; v < n; v++) {
        d->size[v] = NAN;
    }
    if (o->size_values != NULL) {
        if (o->size_len != n) {
            return firmnet_i_error(
                FIRMNET_EINVAL, "draw: %zu size values for a view of %zu vertices", o->size_len, n);
        }
        memcpy(d->size, o->size_values, n * sizeof *d->size);
        d->size_label = o->size_label ? o->size_label : "size";
    } else if (o->size_attribute != NULL) {
        ptrdiff_t a = firmnet_i_attr_find(net, o->size_attribute);
        if (a < 0) {
            return firmnet_i_error(FIRMNET_ENOTFOUND, "draw: no actor attribute '%s'",
                                   o->size_attribute);
        }
        if (net->attrs[a].non_numeric > 0) {
            return firmnet_i_error(FIRMNET_EDATA,
                                   "draw: actor attribute '%s' is not numeric (%zu values "
                                   "are not numbers)",
                                   net->attrs[a].name, net->attrs[a].non_numeric);
        }
        for (size_t v = 0; v < n; v++) {
            double x;
            if (firmnet_i_parse_double(firmnet_i_attr_value(net, (size_t)a, v), &x)) {
                d->size[v] = x;
            }
        }
        d->size_label = o->size_label ? o->size_label : net->attrs[a].name;
    }
    d->size_min = INFINITY;
    d->size_max = -INFINITY;
    for (size_t v = 0; v < n; v++) {
        if (d->drawn[v] && isfinite(d->size[v])) {
            d->size_min = fmin(d->size_min, d->size[v]);
            d->size_max = fmax(d->size_max, d->size[v]);
            d->nsized++;
        }
    }
    return 0;
}

static void set_radii(drawing *d)
{
    size_t n = d->g->n;
    size_t k = d->ndrawn;
    double base = k <= 100 ? 6 : k <= 300 ? 5 : k <= 1000 ? 4 : 2.5;
    double rmin = k <= 1000 ? 3 : 1.5, rmax = k <= 100 ? 16 : k <= 400 ? 12 : k <= 1000 ? 9 : 6;
    for (size_t v = 0; v < n; v++) {
        if (d->size_label == NULL) {
            d->radius[v] = base;
        } else if (!isfinite(d->size[v])) {
            d->radius[v] = rmin;
        } else if (d->size_max > d->size_min) {
            /* area grows linearly with the measure above its minimum */
            d->radius[v] = rmin + (rmax - rmin) * sqrt((d->size[v] - d->size_min) /
                                                       (d->size_max - d->size_min));
        } else {
            d->radius[v] = (rmin + rmax) / 2;
        }
    }
}

/* Fit the drawn vertices into the plot area, keeping the aspect ratio. */
static void fit(drawing *d, double x0, double y0, double x1, double y1)
{
    double minx = INFINITY, maxx = -INFINITY, miny = INFINITY, maxy = -INFINITY, pad = 0;
    size_t n = d->g->n;
    for (size_t v = 0; v < n; v++) {
        if (d->drawn[v]) {
            minx = fmin(minx, d->xy[2 * v]);
            maxx = fmax(maxx, d->xy[2 * v]);
            miny = fmin(miny, d->xy[2 * v + 1]);
            maxy = fmax(maxy, d->xy[2 * v + 1]);
            pad = fmax(pad, d->radius[v]);
        }
    }
    x0 += pad + 2;
    x1 -= pad + 2;
    y0 += pad + 2;
    y1 -= pad + 2;
    double sx = maxx > minx ? (x1 - x0) / (maxx - minx) : INFINITY;
    double sy = maxy > miny ? (y1 - y0) / (maxy - miny) : INFINITY;
    double s = fmin(sx, sy);
    if (!isfinite(s)) {
        s = 0; /* one point, or all on one spot */
    }
    double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    double mx = (minx + maxx) / 2, my = (miny + maxy) / 2;
    for (size_t v = 0; v < n; v++) {
        d->xy[2 * v] = cx + (d->xy[2 * v] - mx) * s;
        d->xy[2 * v + 1] = cy + (d->xy[2 * v + 1] - my) * s;
    }
}

static int edge_layers(drawing *d)
{
    size_t *offs = NULL;
    uint32_t *ties = NULL;
    const firmnet_network *net = d->net;
    uint32_t *rank = firmnet_i_malloc((net->layers.count ? net->layers.count : 1) * sizeof *rank);
    int rc = rank == NULL ? firmnet_i_nomem() : firmnet_i_graph_edge_ties(d->g, &offs, &ties);
    if (rc == 0) {
        for (size_t k = 0; k < net->layers.count; k++) {
            rank[net->layer_order[k]] = (uint32_t)k;
        }
        for (size_t e = 0; e < d->g->m; e++) {
            int layer = -2;
            for (size_t i = offs[e]; i < offs[e + 1]; i++) {
                int l = (int)rank[net->layer[ties[i]]];
                layer = layer == -2 || layer == l ? l : -1;
            }
            d->edge_layer[e] = layer < 0 ? -1 : layer;
        }
    }
    firmnet_i_free(rank);
    firmnet_i_free(offs);
    firmnet_i_free(ties);
    return rc;
}

static const char *edge_color(int layer)
{
    return layer < 0 ? "#666666" : firmnet_i_palette((size_t)layer);
}

static void put_point(firmnet_i_out *o, double x, double y)
{
    firmnet_i_out_fixed(o, x, 2);
    firmnet_i_out_str(o, " ");
    firmnet_i_out_fixed(o, y, 2);
}

static void draw_edges(firmnet_i_out *o, drawing *d)
{
    const firmnet_graph *g = d->g;
    const firmnet_network *net = d->net;
    double wmax = 0;
    for (size_t e = 0; e < g->m; e++) {
        wmax = fmax(wmax, VECTOR(g->w)[e]);
    }
    if (g->directed) {
        /* one arrowhead per colour: SVG 1.1 markers cannot take the line's colour */
        int arrow = g->m > 1000 ? 5 : 7;
        firmnet_i_out_str(o, "<defs>\n");
        for (int l = -1; l < (int)net->layers.count; l++) {
            firmnet_i_out_printf(o,
                                 "<marker id=\"arrow%d\" viewBox=\"0 0 10 10\" refX=\"9\" "
                                 "refY=\"5\" markerWidth=\"%d\" markerHeight=\"%d\" "
                                 "markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                                 "<path d=\"M0 0L10 5L0 10z\" fill=\"%s\"/></marker>\n",
                                 l + 1, arrow, arrow, edge_color(l));
        }
        firmnet_i_out_str(o, "</defs>\n");
    }
    firmnet_i_out_printf(o,
                         "<g class=\"edges\" fill=\"none\" stroke-opacity=\"%s\" "
                         "stroke-linecap=\"round\">\n",
                         g->m > 2000 ? "0.35" : "0.55");
    for (size_t e = 0; e < g->m; e++) {
        size_t s = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
        size_t t = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
        double x1 = d->xy[2 * s], y1 = d->xy[2 * s + 1], x2 = d->xy[2 * t], y2 = d->xy[2 * t + 1];
        double dx = x2 - x1, dy = y2 - y1, len = hypot(dx, dy);
        double width = wmax > 0 ? 0.5 + 2.5 * sqrt(VECTOR(g->w)[e] / wmax) : 1;
        if (!d->drawn[s] || !d->drawn[t]) {
            continue;
        }
        firmnet_i_out_str(o, "<path class=\"edge\" d=\"M");
        put_point(o, x1, y1);
        if (g->directed && len > 1e-9) {
            /* bend to the left of the direction, so a reciprocal tie bends the other way */
            double cx = (x1 + x2) / 2 - dy * 0.12, cy = (y1 + y2) / 2 + dx * 0.12;
            double ux = x2 - cx, uy = y2 - cy, ul = hypot(ux, uy), back = d->radius[t] + 1.5;
            if (ul > back) {
                x2 -= ux / ul * back;
                y2 -= uy / ul * back;
            }
            firmnet_i_out_str(o, "Q");
            put_point(o, cx, cy);
            firmnet_i_out_str(o, " ");
        } else {
            firmnet_i_out_str(o, "L");
        }
        put_point(o, x2, y2);
        firmnet_i_out_printf(o, "\" stroke=\"%s\" stroke-width=\"", edge_color(d->edge_layer[e]));
        firmnet_i_out_fixed(o, width, 2);
        firmnet_i_out_str(o, "\"");
        if (g->directed) {
            firmnet_i_out_printf(o, " marker-end=\"url(#arrow%d)\"", d->edge_layer[e] + 1);
        }
        firmnet_i_out_str(o, "/>\n");
    }
    firmnet_i_out_str(o, "</g>\n");
}

static const char *label_of(const drawing *d, size_t v)
{
    const char *s = "";
    if (d->opts->label_attribute != NULL) {
        s = firmnet_network_actor_attribute(d->net, v, d->opts->label_attribute);
    } else {
        s = firmnet_i_attr_value(d->net, FIRMNET_I_ATTR_NAME, v);
    }
    return s != NULL && s[0] ? s : d->net->ids.strs[v];
}

typedef struct ranked {
    double radius;
    size_t v;
} ranked;

/* Drawing order: small nodes first, so that large ones stay visible on top (ties by index). */
static int by_radius(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    return x->radius < y->radius ? -1 : x->radius > y->radius ? 1 : (x->v > y->v) - (x->v < y->v);
}

static void draw_nodes(firmnet_i_out *o, drawing *d, const size_t *order)
{
    const firmnet_network *net = d->net;
    firmnet_i_out_str(o, "<g class=\"nodes\" stroke=\"#ffffff\" stroke-width=\"0.8\">\n");
    for (size_t i = 0; i < d->g->n; i++) {
        size_t v = order[i];
        const char *type = firmnet_i_attr_value(net, FIRMNET_I_ATTR_TYPE, v);
        const char *mc = firmnet_i_attr_value(net, FIRMNET_I_ATTR_MC, v);
        const char *name = firmnet_i_attr_value(net, FIRMNET_I_ATTR_NAME, v);
        if (!d->drawn[v]) {
            continue;
        }
        firmnet_i_out_str(o, "<circle class=\"node\" cx=\"");
        firmnet_i_out_fixed(o, d->xy[2 * v], 2);
        firmnet_i_out_str(o, "\" cy=\"");
        firmnet_i_out_fixed(o, d->xy[2 * v + 1], 2);
        firmnet_i_out_str(o, "\" r=\"");
        firmnet_i_out_fixed(o, d->radius[v], 2);
        firmnet_i_out_printf(o, "\" fill=\"%s\"><title>", firmnet_i_type_color(type));
        firmnet_i_out_xml(o, net->ids.strs[v]);
        if (name[0]) {
            firmnet_i_out_str(o, " ");
            firmnet_i_out_xml(o, name);
        }
        firmnet_i_out_str(o, " (");
        firmnet_i_out_xml(o, type[0] ? type : "type unknown");
        if (mc[0]) {
            firmnet_i_out_str(o, "; MC ");
            firmnet_i_out_xml(o, mc);
        }
        if (d->size_label != NULL && isfinite(d->size[v])) {
            firmnet_i_out_str(o, "; ");
            firmnet_i_out_xml(o, d->size_label);
            firmnet_i_out_str(o, " ");
            firmnet_i_out_num(o, d->size[v]);
        }
        firmnet_i_out_str(o, ")</title></circle>\n");
        if (mc[0]) {
            firmnet_i_out_str(o, "<circle class=\"mc\" cx=\"");
            firmnet_i_out_fixed(o, d->xy[2 * v], 2);
            firmnet_i_out_str(o, "\" cy=\"");
            firmnet_i_out_fixed(o, d->xy[2 * v + 1], 2);
            firmnet_i_out_str(o, "\" r=\"");
            firmnet_i_out_fixed(o, d->radius[v] + 2, 2);
            firmnet_i_out_str(o, "\" fill=\"none\" stroke=\"#222222\" stroke-width=\"1.4\"/>\n");
        }
    }
    firmnet_i_out_str(o, "</g>\n");
}

/* Rough width of @p text at font size @p fs: wide (CJK) characters about 1 em, others 0.6. */
static double text_width(const char *text, double fs)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x80) {
            w += 0.6 * fs;
        } else if (*p >= 0xE0) {
            w += 1.0 * fs;
        } else if (*p >= 0xC0) {
            w += 0.7 * fs;
        }
    }
    return w;
}

typedef struct box {
    double x0, y0, x1, y1;
} box;

/* Vertices from the least to the most important for labels: by size measure, else degree. */
static int label_order(const drawing *d, size_t *order)
{
    size_t n = d->g->n;
    ranked *rank = firmnet_i_calloc(n + 1, sizeof *rank);
    if (rank == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t v = 0; v < n; v++) {
        rank[v].v = v;
        if (d->size_label != NULL) {
            rank[v].radius = isfinite(d->size[v]) ? d->size[v] : -INFINITY;
        }
    }
    if (d->size_label == NULL) {
        for (size_t e = 0; e < d->g->m; e++) {
            rank[IGRAPH_FROM(&d->g->g, (igraph_integer_t)e)].radius += 1;
            rank[IGRAPH_TO(&d->g->g, (igraph_integer_t)e)].radius += 1;
        }
    }
    qsort(rank, n, sizeof *rank, by_radius);
    for (size_t v = 0; v < n; v++) {
        order[v] = rank[v].v;
    }
    firmnet_i_free(rank);
    return 0;
}

static void draw_labels(firmnet_i_out *o, drawing *d, size_t *order, double right)
{
    const double fs = 11;
    size_t want = d->opts->labels < 0   ? 0
                  : d->opts->labels > 0 ? (size_t)d->opts->labels
                  : d->ndrawn <= 50     ? d->ndrawn
                                        : 20;
    size_t placed = 0, tried = 0;
    box *boxes;
    if (want == 0 || o->rc != 0) {
        return;
    }
    if (label_order(d, order) < 0) {
        o->rc = FIRMNET_ENOMEM;
        return;
    }
    boxes = firmnet_i_malloc(want * sizeof *boxes);
    if (boxes == NULL) {
        o->rc = o->rc ? o->rc : firmnet_i_nomem();
        return;
    }
    firmnet_i_out_str(o, "<g class=\"labels\" fill=\"#222222\" stroke=\"#ffffff\" "
                         "stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n");
    /* order runs from least to most important: the most important get their labels first,
     * and a label that would cover one already placed is left out */
    for (size_t i = d->g->n; i-- > 0 && tried < want;) {
        size_t v = order[i];
        if (!d->drawn[v]) {
            continue;
        }
        tried++;
        const char *text = label_of(d, v);
        double w = text_width(text, fs), r = d->radius[v];
        double x = d->xy[2 * v] + r + 2, y = d->xy[2 * v + 1] + 0.35 * fs;
        bool end = x + w > right;
        box b = {end ? d->xy[2 * v] - r - 2 - w : x, y - fs, end ? d->xy[2 * v] - r - 2 : x + w,
                 y + 0.25 * fs};
        bool clash = false;
        for (size_t k = 0; k < placed && !clash; k++) {
            clash = b.x0 < boxes[k].x1 && boxes[k].x0 < b.x1 && b.y0 < boxes[k].y1 &&
                    boxes[k].y0 < b.y1;
        }
        if (clash) {
            continue;
        }
        boxes[placed++] = b;
        firmnet_i_svg_text(o, end ? b.x1 : b.x0, y, end ? "end" : "start", fs, false,
                           "class=\"label\"", text);
    }
    firmnet_i_out_str(o, "</g>\n");
    firmnet_i_free(boxes);
}

static void legend_circle(firmnet_i_out *o, double x, double y, double r, const char *fill,
                          const char *stroke)
{
    firmnet_i_out_str(o, "<circle class=\"legend\" cx=\"");
    firmnet_i_out_fixed(o, x, 2);
    firmnet_i_out_str(o, "\" cy=\"");
    firmnet_i_out_fixed(o, y, 2);
    firmnet_i_out_str(o, "\" r=\"");
    firmnet_i_out_fixed(o, r, 2);
    firmnet_i_out_printf(o, "\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.4\"/>\n", fill, stroke);
}

static void draw_legend(firmnet_i_out *o, drawing *d, double x, double y)
{
    const firmnet_network *net = d->net;
    size_t n = d->g->n;
    bool type_seen[FIRMNET_I_NTYPES + 1] = {false}, any_mc = false, multi = false;
    bool *layer_seen = firmnet_i_calloc(net->layers.count + 1, sizeof *layer_seen);
    char num[40];
    if (layer_seen == NULL) {
        o->rc = o->rc ? o->rc : firmnet_i_nomem();
        return;
    }

    for (size_t v = 0; v < n; v++) {
        if (!d->drawn[v]) {
            continue;
        }
        const char *type = firmnet_i_attr_value(net, FIRMNET_I_ATTR_TYPE, v);
        size_t k = 0;
        while (k < FIRMNET_I_NTYPES && strcmp(type, firmnet_i_type_names[k]) != 0) {
            k++;
        }
        type_seen[k] = true;
        any_mc = any_mc || firmnet_i_attr_value(net, FIRMNET_I_ATTR_MC, v)[0] != '\0';
    }
    for (size_t e = 0; e < d->g->m; e++) {
        if (d->edge_layer[e] < 0) {
            multi = true;
        } else {
            layer_seen[d->edge_layer[e]] = true;
        }
    }
    firmnet_i_out_str(o, "<g class=\"legend\">\n");
    firmnet_i_svg_text(o, x, y, "start", 12, true, NULL, "Actor type");
    y += 18;
    for (size_t k = 0; k <= FIRMNET_I_NTYPES; k++) {
        if (!type_seen[k]) {
            continue;
        }
        const char *name = k < FIRMNET_I_NTYPES ? firmnet_i_type_names[k] : "other";
        legend_circle(o, x + 6, y - 4, 5, firmnet_i_type_color(name), "#ffffff");
        firmnet_i_svg_text(o, x + 18, y, "start", 11, false, NULL, name);
        y += 16;
    }
    if (any_mc) {
        y += 4;
        legend_circle(o, x + 6, y - 4, 7, "none", "#222222");
        firmnet_i_svg_text(o, x + 18, y, "start", 11, false, NULL, "mini-cluster member");
        y += 16;
    }
    if (d->g->m > 0) {
        y += 8;
        firmnet_i_svg_text(o, x, y, "start", 12, true, NULL, "Layer");
        y += 18;
        for (size_t l = 0; l <= net->layers.count; l++) {
            bool is_multi = l == net->layers.count;
            if (is_multi ? !multi : !layer_seen[l]) {
                continue;
            }
            firmnet_i_out_str(o, "<path class=\"legend\" d=\"M");
            put_point(o, x, y - 4);
            firmnet_i_out_str(o, "H");
            firmnet_i_out_fixed(o, x + 14, 2);
            firmnet_i_out_printf(o, "\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
                                 edge_color(is_multi ? -1 : (int)l));
            firmnet_i_svg_text(o, x + 18, y, "start", 11, false, NULL,
                               is_multi ? "several layers" : firmnet_network_layer_name(net, l));
            y += 16;
        }
    }
    if (d->size_label != NULL && d->nsized > 0) {
        double rmin = INFINITY, rmax = 0;
        for (size_t v = 0; v < n; v++) {
            if (d->drawn[v] && isfinite(d->size[v])) {
                rmin = fmin(rmin, d->radius[v]);
                rmax = fmax(rmax, d->radius[v]);
            }
        }
        y += 8;
        firmnet_i_out_str(o, "<text x=\"");
        firmnet_i_out_fixed(o, x, 2);
        firmnet_i_out_str(o, "\" y=\"");
        firmnet_i_out_fixed(o, y, 2);
        firmnet_i_out_str(o, "\" font-size=\"12\" font-weight=\"bold\">Node size: ");
        firmnet_i_out_xml(o, d->size_label);
        firmnet_i_out_str(o, "</text>\n");
        y += 8 + rmax;
        legend_circle(o, x + rmax, y, rmin, "#bbbbbb", "#ffffff");
        firmnet_i_format_double(num, sizeof num, round3(d->size_min));
        firmnet_i_svg_text(o, x + 2 * rmax + 8, y + 4, "start", 11, false, NULL, num);
        y += rmax + rmax + 6;
        legend_circle(o, x + rmax, y, rmax, "#bbbbbb", "#ffffff");
        firmnet_i_format_double(num, sizeof num, round3(d->size_max));
        firmnet_i_svg_text(o, x + 2 * rmax + 8, y + 4, "start", 11, false, NULL, num);
    }
    firmnet_i_out_str(o, "</g>\n");
    firmnet_i_free(layer_seen);
}

/* "directed; layers: trade, rnd; waves: 2005, 2007; 351 actors, 3690 ties; FR layout, seed 1" */
static void draw_subtitle(firmnet_i_out *o, drawing *d, double x, double y)
{
    const firmnet_graph *g = d->g;
    const firmnet_network *net = d->net;
    size_t nsel = 0;
    firmnet_i_buf b = {0};
    for (size_t k = 0; k < net->layers.count; k++) {
        nsel += k < g->nlayers && g->layer_mask[net->layer_order[k]];
    }
    firmnet_i_buf_printf(&b, "%s; layers: ", g->directed ? "directed" : "undirected");
    if (nsel == net->layers.count) {
        firmnet_i_buf_printf(&b, "all");
    } else {
        bool first = true;
        for (size_t k = 0; k < net->layers.count; k++) {
            if (k < g->nlayers && g->layer_mask[net->layer_order[k]]) {
                firmnet_i_buf_printf(&b, "%s%s", first ? "" : ", ",
                                     firmnet_network_layer_name(net, k));
                first = false;
            }
        }
    }
    if (g->wave >= 0) {
        firmnet_i_buf_printf(&b, "; wave %s", net->waves.strs[g->wave]);
    } else {
        firmnet_i_buf_printf(&b, "; waves: ");
        for (size_t k = 0; k < net->waves.count; k++) {
            firmnet_i_buf_printf(&b, "%s%s", k ? ", " : "", firmnet_network_wave_name(net, k));
        }
    }
    firmnet_i_buf_printf(&b, "; %zu actors, %zu ties; %s layout, seed %llu", d->ndrawn, g->m,
                         resolve_layout(d->opts->layout, g->n) == FIRMNET_LAYOUT_DRL ? "DrL" : "FR",
                         (unsigned long long)d->opts->seed);
    if (b.data != NULL) {
        firmnet_i_svg_text(o, x, y, "start", 12, false, "fill=\"#555555\"", b.data);
    } else if (o->rc == 0) {
        o->rc = firmnet_i_nomem();
    }
    firmnet_i_buf_free(&b);
}

/* The SVG element of a network drawing (no XML declaration), into @p o. */
static int graph_svg(firmnet_i_out *o, const firmnet_graph *g, const firmnet_draw_options *opts)
{
    drawing d;
    size_t *order = NULL;
    ranked *rank = NULL;
    size_t n = g->n;
    int rc;

    memset(&d, 0, sizeof d);
    d.g = g;
    d.net = g->net;
    d.opts = opts;
    d.width = opts->width > 0 ? opts->width : 1000;
    d.height = opts->height > 0 ? opts->height : 760;
    if (opts->label_attribute != NULL && firmnet_i_attr_find(d.net, opts->label_attribute) < 0) {
        return firmnet_i_error(FIRMNET_ENOTFOUND, "draw: no actor attribute '%s'",
                               opts->label_attribute);
    }
    d.xy = firmnet_i_calloc(2 * n + 1, sizeof *d.xy);
    d.size = firmnet_i_calloc(n + 1, sizeof *d.size);
    d.radius = firmnet_i_calloc(n + 1, sizeof *d.radius);
    d.drawn = firmnet_i_calloc(n + 1, 1);
    d.edge_layer = firmnet_i_calloc(g->m + 1, sizeof *d.edge_layer);
    order = firmnet_i_calloc(n + 1, sizeof *order);
    rank = firmnet_i_calloc(n + 1, sizeof *rank);
    if (d.xy == NULL || d.size == NULL || d.radius == NULL || d.drawn == NULL ||
        d.edge_layer == NULL || order == NULL || rank == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    memset(d.drawn, !opts->drop_isolates, n);
    for (size_t e = 0; e < g->m; e++) {
        d.drawn[IGRAPH_FROM(&g->g, (igraph_integer_t)e)] = 1;
        d.drawn[IGRAPH_TO(&g->g, (igraph_integer_t)e)] = 1;
    }
    for (size_t v = 0; v < n; v++) {
        d.ndrawn += d.drawn[v];
    }
    rc = read_sizes(&d);
    if (rc == 0) {
        rc = edge_layers(&d);
    }
    if (rc == 0) {
        rc = compute_layout(g, d.xy, opts->layout, opts->seed);
    }
    if (rc < 0) {
        goto cleanup;
    }
    set_radii(&d);
    fit(&d, 20, 70, d.width - 230, d.height - 20);
    for (size_t v = 0; v < n; v++) {
        rank[v].radius = d.radius[v];
        rank[v].v = v;
    }
    qsort(rank, n, sizeof *rank, by_radius);
    for (size_t v = 0; v < n; v++) {
        order[v] = rank[v].v;
    }

    firmnet_i_svg_begin(o, d.width, d.height, opts->title);
    if (opts->title != NULL) {
        firmnet_i_svg_text(o, 20, 30, "start", 18, true, "class=\"title\"", opts->title);
    }
    draw_subtitle(o, &d, 20, opts->title != NULL ? 50 : 30);
    draw_edges(o, &d);
    draw_nodes(o, &d, order);
    draw_labels(o, &d, order, d.width - 215);
    draw_legend(o, &d, d.width - 200, 80);
    firmnet_i_out_str(o, "</svg>\n");
    rc = o->rc;
cleanup:
    drawing_free(&d);
    firmnet_i_free(order);
    firmnet_i_free(rank);
    return rc;
}

int firmnet_graph_draw(const firmnet_graph *graph, const char *path,
                       const firmnet_draw_options *opts)
{
    firmnet_i_out o;
    int rc;
    firmnet_i_clear_error();
    if (graph == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_graph_draw: NULL argument");
    }
    opts = draw_options(opts, &rc);
    if (rc < 0) {
        return rc;
    }
    /* draw into memory first: the layout may fail, and then no file is touched */
    firmnet_i_out_memory(&o);
    firmnet_i_out_str(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    rc = graph_svg(&o, graph, opts);
    if (rc < 0) {
        firmnet_i_out_close(&o, rc);
        return rc;
    }
    return firmnet_i_out_save(&o, path);
}
