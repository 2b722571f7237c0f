/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graph views as GraphML, GEXF 1.3 and Pajek files. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int firmnet_export_options_init(firmnet_export_options *opts, unsigned int version)
{
    static const firmnet_export_options defaults = FIRMNET_EXPORT_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_EXPORT_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "firmnet_export_options_init: unsupported version %u", version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static const char *const format_names[] = {"auto", "graphml", "gexf", "pajek"};

int firmnet_export_format_parse(firmnet_export_format *out, const char *name)
{
    if (out == NULL || name == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_export_format_parse: NULL argument");
    }
    for (int f = FIRMNET_EXPORT_AUTO; f <= FIRMNET_EXPORT_PAJEK; f++) {
        if (firmnet_i_strcasecmp(name, format_names[f]) == 0) {
            *out = (firmnet_export_format)f;
            return 0;
        }
    }
    if (firmnet_i_strcasecmp(name, "net") == 0) {
        *out = FIRMNET_EXPORT_PAJEK;
        return 0;
    }
    return firmnet_i_error(FIRMNET_EINVAL,
                           "unknown export format '%s' (formats: graphml, gexf, pajek)", name);
}

const char *firmnet_export_format_name(firmnet_export_format format)
{
    return (int)format >= FIRMNET_EXPORT_AUTO && format <= FIRMNET_EXPORT_PAJEK
               ? format_names[format]
               : NULL;
}

int firmnet_export_format_from_name(firmnet_export_format *out, const char *path)
{
    static const struct {
        const char *ext;
        firmnet_export_format format;
    } exts[] = {
        {".graphml", FIRMNET_EXPORT_GRAPHML}, {".xml", FIRMNET_EXPORT_GRAPHML},
        {".gexf", FIRMNET_EXPORT_GEXF},       {".net", FIRMNET_EXPORT_PAJEK},
        {".paj", FIRMNET_EXPORT_PAJEK},
    };
    char base[32];
    size_t n;
    if (out == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_export_format_from_name: NULL argument");
    }
    n = strlen(path);
    if (firmnet_i_ends_with(path, ".gz")) {
        n -= 3;
    }
    /* the last few characters before any .gz are enough for every extension */
    size_t start = n > sizeof base - 1 ? n - (sizeof base - 1) : 0;
    memcpy(base, path + start, n - start);
    base[n - start] = '\0';
    for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
        if (firmnet_i_ends_with(base, exts[k].ext)) {
            *out = exts[k].format;
            return 0;
        }
    }
    return firmnet_i_error(FIRMNET_EINVAL,
                           "%s: cannot tell the export format from the name (use .graphml, "
                           ".gexf or .net, optionally with .gz, or give the format)",
                           path);
}

/* ---- what to write ------------------------------------------------------------------------ */

typedef struct ctx {
    const firmnet_graph *g;
    const firmnet_network *net;
    const firmnet_export_options *opts;
    size_t *attrs; /* attribute indices to write */
    bool *numeric; /* per written attribute */
    size_t nattrs;
    ptrdiff_t label;     /* label attribute, or -1 */
    unsigned char *keep; /* per vertex */
    size_t nkept;
    size_t *offs; /* ties of edge e: ties[offs[e] .. offs[e + 1]) */
    uint32_t *ties;
    uint32_t *layer_rank, *wave_rank; /* index in first-appearance order -> sorted rank */
    uint32_t *scratch;                /* room for the ties of one edge */
    double *wave_weight;              /* per wave rank, for one edge */
    size_t *wave_count;               /* per wave rank, for one edge: ties merged */
} ctx;

static void ctx_free(ctx *c)
{
    firmnet_i_free(c->attrs);
    firmnet_i_free(c->numeric);
    firmnet_i_free(c->keep);
    firmnet_i_free(c->offs);
    firmnet_i_free(c->ties);
    firmnet_i_free(c->layer_rank);
    firmnet_i_free(c->wave_rank);
    firmnet_i_free(c->scratch);
    firmnet_i_free(c->wave_weight);
    firmnet_i_free(c->wave_count);
}

static int attribute_missing(const firmnet_network *net, const char *name, size_t len)
{
    firmnet_i_buf have = {0};
    for (size_t a = 0; a < net->nattrs; a++) {
        firmnet_i_buf_printf(&have, "%s%s", a ? ", " : "", net->attrs[a].name);
    }
    firmnet_i_error(FIRMNET_ENOTFOUND, "no actor attribute '%.*s' (attributes: %s)", (int)len, name,
                    have.data ? have.data : "none");
    firmnet_i_buf_free(&have);
    return FIRMNET_ENOTFOUND;
}

/* Find attribute @p name of length @p len (case-insensitive). */
static ptrdiff_t find_attr(const firmnet_network *net, const char *name, size_t len)
{
    for (size_t a = 0; a < net->nattrs; a++) {
        if (strlen(net->attrs[a].name) == len && strncasecmp(net->attrs[a].name, name, len) == 0) {
            return (ptrdiff_t)a;
        }
    }
    return -1;
}

static int select_attributes(ctx *c)
{
    const firmnet_network *net = c->net;
    const char *sel = c->opts->attributes;
    c->attrs = firmnet_i_malloc((net->nattrs ? net->nattrs : 1) * sizeof *c->attrs);
    c->numeric = firmnet_i_malloc((net->nattrs ? net->nattrs : 1) * sizeof *c->numeric);
    if (c->attrs == NULL || c->numeric == NULL) {
        return firmnet_i_nomem();
    }
    if (sel == NULL || firmnet_i_strcasecmp(sel, "all") == 0) {
        for (size_t a = 0; a < net->nattrs; a++) {
            c->attrs[c->nattrs++] = a;
        }
    } else if (firmnet_i_strcasecmp(sel, "none") != 0) {
        const char *p = sel;
        while (*p != '\0') {
            const char *end = strchr(p, ',');
            const char *stop = end ? end : p + strlen(p);
            const char *b = p, *e = stop;
            while (b < e && (*b == ' ' || *b == '\t')) {
                b++;
            }
            while (e > b && (e[-1] == ' ' || e[-1] == '\t')) {
                e--;
            }
            if (e > b) {
                ptrdiff_t a = find_attr(net, b, (size_t)(e - b));
                bool dup = false;
                if (a < 0) {
                    return attribute_missing(net, b, (size_t)(e - b));
                }
                for (size_t k = 0; k < c->nattrs; k++) {
                    dup = dup || c->attrs[k] == (size_t)a;
                }
                if (!dup) {
                    c->attrs[c->nattrs++] = (size_t)a;
                }
            }
            p = end ? end + 1 : stop;
        }
    }
    for (size_t k = 0; k < c->nattrs; k++) {
        const firmnet_i_attr *at = &net->attrs[c->attrs[k]];
        c->numeric[k] = at->non_blank > 0 && at->non_numeric == 0;
    }
    return 0;
}

static int ctx_init(ctx *c, const firmnet_graph *g, const firmnet_export_options *opts)
{
    const firmnet_network *net = g->net;
    size_t maxties = 0;
    int rc;

    memset(c, 0, sizeof *c);
    c->g = g;
    c->net = net;
    c->opts = opts;
    c->label = -1;
    rc = select_attributes(c);
    if (rc < 0) {
        return rc;
    }
    if (opts->label != NULL) {
        c->label = find_attr(net, opts->label, strlen(opts->label));
        if (c->label < 0) {
            return attribute_missing(net, opts->label, strlen(opts->label));
        }
    }
    rc = firmnet_i_graph_edge_ties(g, &c->offs, &c->ties);
    if (rc < 0) {
        return rc;
    }
    c->keep = firmnet_i_malloc(g->n ? g->n : 1);
    c->layer_rank =
        firmnet_i_malloc((net->layers.count ? net->layers.count : 1) * sizeof *c->layer_rank);
    c->wave_rank =
        firmnet_i_malloc((net->waves.count ? net->waves.count : 1) * sizeof *c->wave_rank);
    c->wave_weight =
        firmnet_i_calloc(net->waves.count ? net->waves.count : 1, sizeof *c->wave_weight);
    c->wave_count =
        firmnet_i_calloc(net->waves.count ? net->waves.count : 1, sizeof *c->wave_count);
    for (size_t e = 0; e < g->m; e++) {
        size_t k = c->offs[e + 1] - c->offs[e];
        maxties = k > maxties ? k : maxties;
    }
    c->scratch = firmnet_i_malloc((maxties ? maxties : 1) * sizeof *c->scratch);
    if (c->keep == NULL || c->layer_rank == NULL || c->wave_rank == NULL ||
        c->wave_weight == NULL || c->wave_count == NULL || c->scratch == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t k = 0; k < net->layers.count; k++) {
        c->layer_rank[net->layer_order[k]] = (uint32_t)k;
    }
    for (size_t k = 0; k < net->waves.count; k++) {
        c->wave_rank[net->wave_order[k]] = (uint32_t)k;
    }
    memset(c->keep, !opts->drop_isolates, g->n ? g->n : 1);
    if (opts->drop_isolates) {
        for (size_t e = 0; e < g->m; e++) {
            c->keep[IGRAPH_FROM(&g->g, (igraph_integer_t)e)] = 1;
            c->keep[IGRAPH_TO(&g->g, (igraph_integer_t)e)] = 1;
        }
    }
    for (size_t v = 0; v < g->n; v++) {
        c->nkept += c->keep[v];
    }
    return 0;
}

/* The ends of edge e; in undirected views the smaller vertex first (igraph stores the larger
 * one as "from"). */
static void edge_ends(const firmnet_graph *g, size_t e, size_t *s, size_t *t)
{
    size_t a = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
    size_t b = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
    *s = !g->directed && b < a ? b : a;
    *t = !g->directed && b < a ? a : b;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The sorted distinct layer ranks (or wave ranks) of edge e's ties in c->scratch. */
static size_t edge_ranks(ctx *c, size_t e, bool waves)
{
    size_t n = 0, u = 0;
    for (size_t i = c->offs[e]; i < c->offs[e + 1]; i++) {
        uint32_t k = c->ties[i];
        c->scratch[n++] = waves ? c->wave_rank[c->net->wave[k]] : c->layer_rank[c->net->layer[k]];
    }
    qsort(c->scratch, n, sizeof *c->scratch, cmp_u32);
    for (size_t i = 0; i < n; i++) {
        if (u == 0 || c->scratch[u - 1] != c->scratch[i]) {
            c->scratch[u++] = c->scratch[i];
        }
    }
    return u;
}

/* "rnd;trade" or "2005;2007": edge e's layers or waves. */
static void put_edge_names(firmnet_i_out *o, ctx *c, size_t e, bool waves, bool xml)
{
    size_t n = edge_ranks(c, e, waves);
    for (size_t i = 0; i < n; i++) {
        const char *name = waves ? firmnet_network_wave_name(c->net, c->scratch[i])
                                 : firmnet_network_layer_name(c->net, c->scratch[i]);
        if (i > 0) {
            firmnet_i_out_str(o, ";");
        }
        if (xml) {
            firmnet_i_out_xml(o, name);
        } else {
            firmnet_i_out_str(o, name);
        }
    }
}

/* Per-wave weights of edge e (the view's merge rule within each wave) into c->wave_weight,
 * with c->wave_count[w] > 0 marking the waves present. */
static void edge_wave_weights(ctx *c, size_t e)
{
    const firmnet_network *net = c->net;
    size_t nw = net->waves.count;
    memset(c->wave_count, 0, nw * sizeof *c->wave_count);
    for (size_t i = c->offs[e]; i < c->offs[e + 1]; i++) {
        uint32_t k = c->ties[i], w = c->wave_rank[net->wave[k]];
        double x = net->weight[k];
        if (c->wave_count[w]++ == 0) {
            c->wave_weight[w] = x;
        } else if (c->g->merge == FIRMNET_MERGE_MAX) {
            c->wave_weight[w] = fmax(c->wave_weight[w], x);
        } else {
            c->wave_weight[w] += x;
        }
    }
    for (size_t w = 0; w < nw; w++) {
        if (c->wave_count[w] > 0 && c->g->merge == FIRMNET_MERGE_MEAN) {
            c->wave_weight[w] /= (double)c->wave_count[w];
        } else if (c->wave_count[w] > 0 && c->g->merge == FIRMNET_MERGE_COUNT) {
            c->wave_weight[w] = (double)c->wave_count[w];
        }
    }
}

/* Attribute value of actor v for written attribute k ("" when blank). */
static const char *attr_value(const ctx *c, size_t k, size_t v)
{
    return firmnet_i_attr_value(c->net, c->attrs[k], v);
}

static void put_attr_value(firmnet_i_out *o, const ctx *c, size_t k, const char *value)
{
    double x;
    if (c->numeric[k] && firmnet_i_parse_double(value, &x)) {
        firmnet_i_out_num(o, x);
    } else {
        firmnet_i_out_xml(o, value);
    }
}

static void put_description(firmnet_i_out *o, const ctx *c)
{
    const firmnet_network *net = c->net;
    bool first = true;
    if (c->opts->description != NULL) {
        firmnet_i_out_xml(o, c->opts->description);
        return;
    }
    firmnet_i_out_str(o, "firmnet graph view; layers: ");
    for (size_t k = 0; k < net->layers.count; k++) {
        if (k < c->g->nlayers && c->g->layer_mask[net->layer_order[k]]) {
            firmnet_i_out_str(o, first ? "" : ", ");
            firmnet_i_out_xml(o, firmnet_network_layer_name(net, k));
            first = false;
        }
    }
    firmnet_i_out_str(o, "; waves: ");
    if (c->g->wave >= 0) {
        firmnet_i_out_xml(o, net->waves.strs[c->g->wave]);
    } else {
        for (size_t k = 0; k < net->waves.count; k++) {
            firmnet_i_out_str(o, k ? ", " : "");
            firmnet_i_out_xml(o, firmnet_network_wave_name(net, k));
        }
    }
    firmnet_i_out_printf(o, "; %s; parallel ties merged by %s",
                         c->g->directed ? "directed" : "undirected",
                         firmnet_merge_name(c->g->merge));
}

/* ---- GraphML ------------------------------------------------------------------------------- */

static void write_graphml(firmnet_i_out *o, ctx *c)
{
    const firmnet_graph *g = c->g;
    const firmnet_network *net = c->net;
    firmnet_i_out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (size_t k = 0; k < c->nattrs; k++) {
        firmnet_i_out_printf(o, "  <key id=\"v%zu\" for=\"node\" attr.name=\"", k);
        firmnet_i_out_xml(o, net->attrs[c->attrs[k]].name);
        firmnet_i_out_printf(o, "\" attr.type=\"%s\"/>\n", c->numeric[k] ? "double" : "string");
    }
    firmnet_i_out_str(o, "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" "
                         "attr.type=\"double\"/>\n"
                         "  <key id=\"layer\" for=\"edge\" attr.name=\"layer\" "
                         "attr.type=\"string\"/>\n"
                         "  <key id=\"wave\" for=\"edge\" attr.name=\"wave\" "
                         "attr.type=\"string\"/>\n");
    firmnet_i_out_printf(o, "  <graph id=\"G\" edgedefault=\"%s\">\n    <desc>",
                         g->directed ? "directed" : "undirected");
    put_description(o, c);
    firmnet_i_out_str(o, "</desc>\n");
    for (size_t v = 0; v < g->n; v++) {
        if (!c->keep[v]) {
            continue;
        }
        firmnet_i_out_str(o, "    <node id=\"");
        firmnet_i_out_xml(o, net->ids.strs[v]);
        firmnet_i_out_str(o, "\">");
        for (size_t k = 0; k < c->nattrs; k++) {
            const char *value = attr_value(c, k, v);
            if (value[0] == '\0') {
                continue;
            }
            firmnet_i_out_printf(o, "<data key=\"v%zu\">", k);
            put_attr_value(o, c, k, value);
            firmnet_i_out_str(o, "</data>");
        }
        firmnet_i_out_str(o, "</node>\n");
    }
    for (size_t e = 0; e < g->m; e++) {
        size_t s, t;
        edge_ends(g, e, &s, &t);
        firmnet_i_out_str(o, "    <edge source=\"");
        firmnet_i_out_xml(o, net->ids.strs[s]);
        firmnet_i_out_str(o, "\" target=\"");
        firmnet_i_out_xml(o, net->ids.strs[t]);
        firmnet_i_out_str(o, "\"><data key=\"weight\">");
        firmnet_i_out_num(o, VECTOR(g->w)[e]);
        firmnet_i_out_str(o, "</data><data key=\"layer\">");
        put_edge_names(o, c, e, false, true);
        firmnet_i_out_str(o, "</data><data key=\"wave\">");
        put_edge_names(o, c, e, true, true);
        firmnet_i_out_str(o, "</data></edge>\n");
    }
    firmnet_i_out_str(o, "  </graph>\n</graphml>\n");
}

/* ---- GEXF ----------------------------------------------------------------------------------- */

/* Whether every wave name is an integer (timeformat "integer") or a number ("double"). */
static const char *wave_timeformat(const firmnet_network *net, bool *ordinal)
{
    bool integers = true, numbers = true;
    for (size_t k = 0; k < net->waves.count; k++) {
        const char *s = net->waves.strs[k];
        double x;
        if (!firmnet_i_parse_double(s, &x) || !isfinite(x)) {
            numbers = integers = false;
            break;
        }
        const char *p = s + (*s == '-' || *s == '+');
        if (*p == '\0') {
            integers = false;
        }
        for (; *p; p++) {
            integers = integers && *p >= '0' && *p <= '9';
        }
        integers = integers && fabs(x) < 1e15;
    }
    *ordinal = !numbers;
    return integers ? "integer" : "double";
}

/* The time of wave rank k. */
static void put_wave_time(firmnet_i_out *o, const firmnet_network *net, size_t k, bool ordinal)
{
    double x;
    if (ordinal || !firmnet_i_parse_double(firmnet_network_wave_name(net, k), &x)) {
        firmnet_i_out_printf(o, "%zu", k + 1);
    } else {
        firmnet_i_out_num(o, x);
    }
}

static void put_node_label(firmnet_i_out *o, const ctx *c, size_t v)
{
    const char *label = "";
    if (c->label >= 0) {
        label = firmnet_i_attr_value(c->net, (size_t)c->label, v);
    } else if (c->opts->label == NULL) {
        label = firmnet_i_attr_value(c->net, FIRMNET_I_ATTR_NAME, v);
    }
    firmnet_i_out_xml(o, label[0] ? label : c->net->ids.strs[v]);
}

static void write_gexf(firmnet_i_out *o, ctx *c)
{
    const firmnet_graph *g = c->g;
    const firmnet_network *net = c->net;
    bool dynamic = g->wave < 0 && net->waves.count > 1, ordinal = false;
    const char *timeformat = wave_timeformat(net, &ordinal);

    firmnet_i_out_str(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<gexf xmlns=\"http://gexf.net/1.3\" "
                         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                         "xsi:schemaLocation=\"http://gexf.net/1.3 "
                         "http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    firmnet_i_out_printf(o, "  <meta>\n    <creator>firmnet %s</creator>\n    <description>",
                         firmnet_version());
    put_description(o, c);
    if (dynamic && ordinal) {
        firmnet_i_out_str(o, "; times are wave positions:");
        for (size_t k = 0; k < net->waves.count; k++) {
            firmnet_i_out_printf(o, " %zu = ", k + 1);
            firmnet_i_out_xml(o, firmnet_network_wave_name(net, k));
        }
    }
    firmnet_i_out_str(o, "</description>\n  </meta>\n");
    firmnet_i_out_printf(o, "  <graph defaultedgetype=\"%s\"",
                         g->directed ? "directed" : "undirected");
    if (dynamic) {
        firmnet_i_out_printf(o,
                             " mode=\"dynamic\" timeformat=\"%s\" "
                             "timerepresentation=\"interval\"",
                             ordinal ? "integer" : timeformat);
    } else {
        firmnet_i_out_str(o, " mode=\"static\"");
    }
    firmnet_i_out_str(o, ">\n    <attributes class=\"node\" mode=\"static\">\n");
    for (size_t k = 0; k < c->nattrs; k++) {
        firmnet_i_out_printf(o, "      <attribute id=\"v%zu\" title=\"", k);
        firmnet_i_out_xml(o, net->attrs[c->attrs[k]].name);
        firmnet_i_out_printf(o, "\" type=\"%s\"/>\n", c->numeric[k] ? "double" : "string");
    }
    firmnet_i_out_str(o, "    </attributes>\n"
                         "    <attributes class=\"edge\" mode=\"static\">\n"
                         "      <attribute id=\"layer\" title=\"layer\" type=\"string\"/>\n"
                         "      <attribute id=\"wave\" title=\"wave\" type=\"string\"/>\n"
                         "    </attributes>\n");
    if (dynamic) {
        firmnet_i_out_str(o, "    <attributes class=\"edge\" mode=\"dynamic\">\n"
                             "      <attribute id=\"wave_weight\" title=\"wave_weight\" "
                             "type=\"double\"/>\n"
                             "    </attributes>\n");
    }
    firmnet_i_out_printf(o, "    <nodes count=\"%zu\">\n", c->nkept);
    for (size_t v = 0; v < g->n; v++) {
        bool any = false;
        if (!c->keep[v]) {
            continue;
        }
        firmnet_i_out_str(o, "      <node id=\"");
        firmnet_i_out_xml(o, net->ids.strs[v]);
        firmnet_i_out_str(o, "\" label=\"");
        put_node_label(o, c, v);
        firmnet_i_out_str(o, "\">");
        for (size_t k = 0; k < c->nattrs; k++) {
            const char *value = attr_value(c, k, v);
            if (value[0] == '\0') {
                continue;
            }
            firmnet_i_out_str(o, any ? "" : "<attvalues>");
            any = true;
            firmnet_i_out_printf(o, "<attvalue for=\"v%zu\" value=\"", k);
            put_attr_value(o, c, k, value);
            firmnet_i_out_str(o, "\"/>");
        }
        firmnet_i_out_str(o, any ? "</attvalues></node>\n" : "</node>\n");
    }
    firmnet_i_out_printf(o, "    </nodes>\n    <edges count=\"%zu\">\n", g->m);
    for (size_t e = 0; e < g->m; e++) {
        size_t s, t;
        edge_ends(g, e, &s, &t);
        firmnet_i_out_printf(o, "      <edge id=\"e%zu\" source=\"", e);
        firmnet_i_out_xml(o, net->ids.strs[s]);
        firmnet_i_out_str(o, "\" target=\"");
        firmnet_i_out_xml(o, net->ids.strs[t]);
        firmnet_i_out_str(o, "\" weight=\"");
        firmnet_i_out_num(o, VECTOR(g->w)[e]);
        firmnet_i_out_str(o, "\"><attvalues><attvalue for=\"layer\" value=\"");
        put_edge_names(o, c, e, false, true);
        firmnet_i_out_str(o, "\"/><attvalue for=\"wave\" value=\"");
        put_edge_names(o, c, e, true, true);
        firmnet_i_out_str(o, "\"/>");
        if (!dynamic) {
            firmnet_i_out_str(o, "</attvalues></edge>\n");
            continue;
        }
        edge_wave_weights(c, e);
        for (size_t w = 0; w < net->waves.count; w++) {
            if (c->wave_count[w] == 0) {
                continue;
            }
            firmnet_i_out_str(o, "<attvalue for=\"wave_weight\" value=\"");
            firmnet_i_out_num(o, c->wave_weight[w]);
            firmnet_i_out_str(o, "\" start=\"");
            put_wave_time(o, net, w, ordinal);
            firmnet_i_out_str(o, "\" end=\"");
            put_wave_time(o, net, w, ordinal);
            firmnet_i_out_str(o, "\"/>");
        }
        firmnet_i_out_str(o, "</attvalues><spells>");
        for (size_t w = 0; w < net->waves.count; w++) {
            if (c->wave_count[w] == 0) {
                continue;
            }
            firmnet_i_out_str(o, "<spell start=\"");
            put_wave_time(o, net, w, ordinal);
            firmnet_i_out_str(o, "\" end=\"");
            put_wave_time(o, net, w, ordinal);
            firmnet_i_out_str(o, "\"/>");
        }
        firmnet_i_out_str(o, "</spells></edge>\n");
    }
    firmnet_i_out_str(o, "    </edges>\n  </graph>\n</gexf>\n");
}

/* ---- Pajek ---------------------------------------------------------------------------------- */

/* The Pajek label of vertex v: the label attribute (or the id), quotes replaced by '. */
static const char *pajek_label(const ctx *c, size_t v)
{
    const char *label = c->label >= 0 ? firmnet_i_attr_value(c->net, (size_t)c->label, v) : "";
    return label[0] ? label : c->net->ids.strs[v];
}

static void put_pajek_label(firmnet_i_out *o, const char *label)
{
    const char *run = label;
    firmnet_i_out_str(o, "\"");
    for (const char *p = label;; p++) {
        if (*p == '"' || *p == '\n' || *p == '\r' || *p == '\0') {
            firmnet_i_out_put(o, run, (size_t)(p - run));
            if (*p == '\0') {
                break;
            }
            firmnet_i_out_str(o, *p == '"' ? "'" : " ");
            run = p + 1;
        }
    }
    firmnet_i_out_str(o, "\"");
}

/* Pajek vertex numbers (1-based, kept vertices only) into num[]. */
static void pajek_numbers(const ctx *c, size_t *num)
{
    size_t next = 1;
    for (size_t v = 0; v < c->g->n; v++) {
        num[v] = c->keep[v] ? next++ : 0;
    }
}

static void write_pajek(firmnet_i_out *o, ctx *c, size_t *num)
{
    const firmnet_graph *g = c->g;
    bool ascii = true;
    for (size_t v = 0; v < g->n && ascii; v++) {
        for (const unsigned char *p = (const unsigned char *)pajek_label(c, v); *p; p++) {
            ascii = ascii && *p < 0x80;
        }
    }
    if (!ascii && !c->opts->no_bom) {
        firmnet_i_out_str(o, "\xEF\xBB\xBF"); /* Pajek reads UTF-8 only after a BOM */
    }
    pajek_numbers(c, num);
    firmnet_i_out_printf(o, "*Vertices %zu\n", c->nkept);
    for (size_t v = 0; v < g->n; v++) {
        if (c->keep[v]) {
            firmnet_i_out_printf(o, "%zu ", num[v]);
            put_pajek_label(o, pajek_label(c, v));
            firmnet_i_out_str(o, "\n");
        }
    }
    firmnet_i_out_str(o, g->directed ? "*Arcs\n" : "*Edges\n");
    for (size_t e = 0; e < g->m; e++) {
        size_t s, t;
        edge_ends(g, e, &s, &t);
        firmnet_i_out_printf(o, "%zu %zu ", num[s], num[t]);
        firmnet_i_out_num(o, VECTOR(g->w)[e]);
        firmnet_i_out_str(o, "\n");
    }
}

/* ---- entry points ---------------------------------------------------------------------------- */

static int check_args(const firmnet_graph *graph, const char *path,
                      const firmnet_export_options **opts)
{
    static const firmnet_export_options defaults = FIRMNET_EXPORT_OPTIONS_INIT;
    if (graph == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "export: NULL argument");
    }
    if (*opts == NULL) {
        *opts = &defaults;
    }
    if ((*opts)->version == 0 || (*opts)->version > FIRMNET_EXPORT_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "export options: unsupported version %u (initialise with "
                               "FIRMNET_EXPORT_OPTIONS_INIT)",
                               (*opts)->version);
    }
    return 0;
}

int firmnet_graph_export(const firmnet_graph *graph, const char *path, firmnet_export_format format,
                         const firmnet_export_options *opts)
{
    firmnet_i_out o;
    size_t *num = NULL;
    ctx c;
    int rc;

    firmnet_i_clear_error();
    rc = check_args(graph, path, &opts);
    if (rc < 0) {
        return rc;
    }
    if ((int)format < FIRMNET_EXPORT_AUTO || format > FIRMNET_EXPORT_PAJEK) {
        return firmnet_i_error(FIRMNET_EINVAL, "export: invalid format %d", (int)format);
    }
    if (format == FIRMNET_EXPORT_AUTO) {
        if (strcmp(path, "-") == 0) {
            return firmnet_i_error(FIRMNET_EINVAL,
                                   "export to standard output needs a format (graphml, gexf, "
                                   "pajek)");
        }
        rc = firmnet_export_format_from_name(&format, path);
        if (rc < 0) {
            return rc;
        }
    }
    rc = ctx_init(&c, graph, opts);
    if (rc == 0 && format == FIRMNET_EXPORT_PAJEK) {
        num = firmnet_i_malloc((graph->n ? graph->n : 1) * sizeof *num);
        rc = num == NULL ? firmnet_i_nomem() : 0;
    }
    if (rc == 0) {
        rc = firmnet_i_out_open(&o, path);
    }
    if (rc == 0) {
        switch (format) {
        case FIRMNET_EXPORT_GRAPHML:
            write_graphml(&o, &c);
            break;
        case FIRMNET_EXPORT_GEXF:
            write_gexf(&o, &c);
            break;
        default:
            write_pajek(&o, &c, num);
            break;
        }
        rc = firmnet_i_out_close(&o, 0);
    }
    firmnet_i_free(num);
    ctx_free(&c);
    return rc;
}

/* ---- Pajek partitions ------------------------------------------------------------------------ */

typedef struct code_entry {
    const char *value;
    double number; /* for numeric attributes */
} code_entry;

static int cmp_code_str(const void *a, const void *b)
{
    return strcmp(((const code_entry *)a)->value, ((const code_entry *)b)->value);
}

static int cmp_code_num(const void *a, const void *b)
{
    double x = ((const code_entry *)a)->number, y = ((const code_entry *)b)->number;
    return (x > y) - (x < y);
}

/* One line of comment text: line ends become spaces. */
static void put_line_text(firmnet_i_out *o, const char *s)
{
    for (const char *p = s; *p; p++) {
        firmnet_i_out_put(o, *p == '\n' || *p == '\r' ? " " : p, 1);
    }
}

int firmnet_graph_export_partition(const firmnet_graph *graph, const char *path,
                                   const char *attribute, const firmnet_export_options *opts)
{
    code_entry *codes = NULL;
    size_t ncodes = 0, *num = NULL;
    firmnet_i_out o;
    bool numeric, integers = true;
    int (*cmp)(const void *, const void *);
    ptrdiff_t a;
    ctx c;
    int rc;

    firmnet_i_clear_error();
    rc = check_args(graph, path, &opts);
    if (rc < 0) {
        return rc;
    }
    if (attribute == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "partition: no attribute given");
    }
    a = find_attr(graph->net, attribute, strlen(attribute));
    if (a < 0) {
        return attribute_missing(graph->net, attribute, strlen(attribute));
    }
    {
        /* the partition needs only the vertices kept, not the attributes */
        firmnet_export_options o2 = *opts;
        o2.attributes = "none";
        o2.label = NULL;
        rc = ctx_init(&c, graph, &o2);
    }
    const firmnet_i_attr *at = &graph->net->attrs[a];
    numeric = at->non_blank > 0 && at->non_numeric == 0;
    if (rc == 0) {
        num = firmnet_i_malloc((graph->n ? graph->n : 1) * sizeof *num);
        codes = firmnet_i_malloc((graph->n ? graph->n : 1) * sizeof *codes);
        rc = num == NULL || codes == NULL ? firmnet_i_nomem() : 0;
    }
    if (rc < 0) {
        goto cleanup;
    }
    pajek_numbers(&c, num);
    for (size_t v = 0; v < graph->n; v++) {
        const char *value = firmnet_i_attr_value(graph->net, (size_t)a, v);
        double x = 0;
        if (!c.keep[v] || value[0] == '\0') {
            continue;
        }
        if (numeric) {
            firmnet_i_parse_double(value, &x);
            integers = integers && x == floor(x) && fabs(x) < 1e9;
        }
        codes[ncodes].value = value;
        codes[ncodes].number = x;
        ncodes++;
    }
    integers = integers && numeric;
    cmp = numeric ? cmp_code_num : cmp_code_str;
    qsort(codes, ncodes, sizeof *codes, cmp);
    {
        size_t u = 0;
        for (size_t i = 0; i < ncodes; i++) {
            if (u == 0 || cmp(&codes[u - 1], &codes[i]) != 0) {
                codes[u++] = codes[i];
            }
        }
        ncodes = u;
    }
    rc = firmnet_i_out_open(&o, path);
    if (rc < 0) {
        goto cleanup;
    }
    firmnet_i_out_str(&o, "% partition by ");
    put_line_text(&o, at->name);
    firmnet_i_out_str(&o, integers ? " (values as is; blank = 9999998)\n" : "; blank = 0\n");
    if (!integers) {
        for (size_t i = 0; i < ncodes; i++) {
            firmnet_i_out_printf(&o, "%% %zu = ", i + 1);
            put_line_text(&o, codes[i].value);
            firmnet_i_out_str(&o, "\n");
        }
    }
    firmnet_i_out_printf(&o, "*Vertices %zu\n", c.nkept);
    for (size_t v = 0; v < graph->n; v++) {
        const char *value = firmnet_i_attr_value(graph->net, (size_t)a, v);
        if (!c.keep[v]) {
            continue;
        }
        if (value[0] == '\0') {
            firmnet_i_out_str(&o, integers ? "9999998\n" : "0\n");
        } else if (integers) {
            double x = 0;
            firmnet_i_parse_double(value, &x);
            firmnet_i_out_printf(&o, "%lld\n", (long long)x);
        } else {
            code_entry key = {value, 0};
            size_t lo = 0, hi = ncodes;
            if (numeric) {
                firmnet_i_parse_double(value, &key.number);
            }
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (cmp(&codes[mid], &key) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            firmnet_i_out_printf(&o, "%zu\n", lo + 1);
        }
    }
    rc = firmnet_i_out_close(&o, 0);
cleanup:
    firmnet_i_free(num);
    firmnet_i_free(codes);
    ctx_free(&c);
    return rc;
}
