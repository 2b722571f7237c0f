/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One self-contained HTML report: the analyses' tables, charts and drawings on one page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int firmnet_report_options_init(firmnet_report_options *opts, unsigned int version)
{
    static const firmnet_report_options defaults = FIRMNET_REPORT_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_REPORT_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "firmnet_report_options_init: unsupported version %u", version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

/* Everything the sections share. */
typedef struct report {
    const firmnet_network *net;
    const firmnet_report_options *opts;
    firmnet_i_out *o;
    const char **waves; /* selected waves in wave order (owned by the network) */
    size_t nwaves;
    char **groups;    /* layer group names as given ("trade+rnd") */
    char **selectors; /* their layer selectors ("trade,rnd") */
    size_t ngroups;
    char *all_layers;     /* the union of the selectors; NULL: every layer */
    firmnet_table **cent; /* centrality per group and wave: cent[g * nwaves + w] */
    double done, total;   /* progress steps */
    unsigned drawings;    /* pictures drawn so far, for their id prefixes */
} report;

static void report_free(report *r)
{
    for (size_t g = 0; g < r->ngroups; g++) {
        firmnet_i_free(r->groups[g]);
        firmnet_i_free(r->selectors[g]);
    }
    if (r->cent != NULL) {
        for (size_t k = 0; k < r->ngroups * r->nwaves; k++) {
            firmnet_table_free(r->cent[k]);
        }
    }
    firmnet_i_free(r->cent);
    firmnet_i_free(r->groups);
    firmnet_i_free(r->selectors);
    firmnet_i_free(r->waves);
    firmnet_i_free(r->all_layers);
}

static int step(report *r)
{
    r->done += 1;
    return firmnet_i_progress(r->opts->progress, r->opts->progress_payload, "report", r->done,
                              r->total);
}

/* ---- options ------------------------------------------------------------------------------ */

static char *dup_range(const char *a, const char *b)
{
    char *s = firmnet_i_malloc((size_t)(b - a) + 1);
    if (s != NULL) {
        memcpy(s, a, (size_t)(b - a));
        s[b - a] = '\0';
    }
    return s;
}

/* Call @p fn for every comma-separated, trimmed, non-empty item of @p list. */
static int each_item(const char *list, int (*fn)(report *, const char *, const char *), report *r)
{
    for (const char *p = list; *p;) {
        const char *e = strchr(p, ','), *a = p, *b = e ? e : p + strlen(p);
        while (a < b && (*a == ' ' || *a == '\t')) {
            a++;
        }
        while (b > a && (b[-1] == ' ' || b[-1] == '\t')) {
            b--;
        }
        if (a < b) {
            int rc = fn(r, a, b);
            if (rc < 0) {
                return rc;
            }
        }
        p = e ? e + 1 : b + strlen(b);
    }
    return 0;
}

static int select_wave(report *r, const char *a, const char *b)
{
    char *name = dup_range(a, b);
    int rc;
    if (name == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t w = 0; w < firmnet_network_wave_count(r->net); w++) {
        if (strcmp(firmnet_network_wave_name(r->net, w), name) == 0) {
            r->waves[w] = firmnet_network_wave_name(r->net, w); /* marked; compacted later */
            firmnet_i_free(name);
            return 0;
        }
    }
    rc = firmnet_i_error(FIRMNET_ENOTFOUND, "report: no wave '%s'", name);
    firmnet_i_free(name);
    return rc;
}

static int parse_waves(report *r)
{
    size_t nw = firmnet_network_wave_count(r->net), k = 0;
    int rc = 0;
    r->waves = firmnet_i_calloc(nw + 1, sizeof *r->waves);
    if (r->waves == NULL) {
        return firmnet_i_nomem();
    }
    if (r->opts->waves != NULL && r->opts->waves[0] != '\0') {
        rc = each_item(r->opts->waves, select_wave, r);
    } else {
        for (size_t w = 0; w < nw; w++) {
            r->waves[w] = firmnet_network_wave_name(r->net, w);
        }
    }
    for (size_t w = 0; w < nw; w++) {
        if (r->waves[w] != NULL) {
            r->waves[k++] = r->waves[w];
        }
    }
    r->nwaves = k;
    if (rc == 0 && k == 0) {
        rc = firmnet_i_error(FIRMNET_EINVAL, "report: no wave selected");
    }
    return rc;
}

static int add_group(report *r, const char *a, const char *b)
{
    char *name = dup_range(a, b), *sel = name ? firmnet_i_strdup(name) : NULL;
    int rc;
    if (sel == NULL) {
        firmnet_i_free(name);
        return firmnet_i_nomem();
    }
    for (char *q = sel; *q; q++) {
        *q = *q == '+' ? ',' : *q;
    }
    r->groups[r->ngroups] = name;
    r->selectors[r->ngroups++] = sel;
    rc = firmnet_network_check_selector(r->net, sel);
    return rc < 0 ? firmnet_i_error_prefix(rc, "report: layer group '%s'", name) : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The groups of firmnet_change(): the given list, or every top-level layer then "all". */
static int parse_groups(report *r)
{
    const firmnet_network *net = r->net;
    size_t nl = firmnet_network_layer_count(net), cap = nl + 2;
    firmnet_i_buf all = {0};
    int rc = 0;
    if (r->opts->layers != NULL) {
        for (const char *p = r->opts->layers; *p; p++) {
            cap += *p == ',';
        }
    }
    r->groups = firmnet_i_calloc(cap, sizeof *r->groups);
    r->selectors = firmnet_i_calloc(cap, sizeof *r->selectors);
    if (r->groups == NULL || r->selectors == NULL) {
        return firmnet_i_nomem();
    }
    if (r->opts->layers != NULL && r->opts->layers[0] != '\0') {
        rc = each_item(r->opts->layers, add_group, r);
        if (rc == 0 && r->ngroups == 0) {
            rc = firmnet_i_error(FIRMNET_EINVAL, "report: empty list of layer groups '%s'",
                                 r->opts->layers);
        }
        /* the union of the groups, for the whole-selection views */
        for (size_t g = 0; g < r->ngroups && rc == 0; g++) {
            rc = firmnet_i_buf_printf(&all, "%s%s", g ? "," : "", r->selectors[g]);
        }
        if (rc == 0) {
            r->all_layers = all.data;
            all.data = NULL;
        }
        firmnet_i_buf_free(&all);
        return rc;
    }
    for (size_t k = 0; k < nl; k++) {
        const char *l = firmnet_network_layer_name(net, k), *dot = strchr(l, '.');
        r->groups[r->ngroups] = dup_range(l, dot ? dot : l + strlen(l));
        if (r->groups[r->ngroups++] == NULL) {
            return firmnet_i_nomem();
        }
    }
    qsort(r->groups, r->ngroups, sizeof *r->groups, cmp_str);
    {
        size_t u = 0;
        for (size_t k = 0; k < r->ngroups; k++) {
            char *name = r->groups[k];
            r->groups[k] = NULL;
            if (u > 0 && strcmp(r->groups[u - 1], name) == 0) {
                firmnet_i_free(name);
            } else {
                r->groups[u++] = name;
            }
        }
        r->ngroups = u;
    }
    r->groups[r->ngroups++] = firmnet_i_strdup("all");
    for (size_t g = 0; g < r->ngroups; g++) {
        if (r->groups[g] == NULL) {
            return firmnet_i_nomem();
        }
        r->selectors[g] = firmnet_i_strdup(r->groups[g]);
        if (r->selectors[g] == NULL) {
            return firmnet_i_nomem();
        }
    }
    return 0;
}

/* ---- HTML pieces -------------------------------------------------------------------------- */

static void text(report *r, const char *s)
{
    firmnet_i_out_xml(r->o, s != NULL ? s : "");
}

static void raw(report *r, const char *s)
{
    firmnet_i_out_str(r->o, s);
}

/* A number with @p decimals places; an en dash when missing. */
static void num(report *r, double v, int decimals)
{
    if (!isfinite(v)) {
        raw(r, "\xe2\x80\x93");
    } else {
        firmnet_i_out_decimals(r->o, v, decimals);
    }
}

/* A count with thousands separators: 2,565. */
static void count(report *r, double v)
{
    char digits[64], out[96];
    size_t n, k = 0;
    if (!isfinite(v)) {
        raw(r, "\xe2\x80\x93");
        return;
    }
    snprintf(digits, sizeof digits, "%.0f", fabs(v));
    n = strlen(digits);
    if (v <= -0.5) {
        out[k++] = '-';
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            out[k++] = ',';
        }
        out[k++] = digits[i];
    }
    out[k] = '\0';
    raw(r, out);
}

/* A p-value: two significant digits down to 0.0001. */
static void pvalue(report *r, double p)
{
    if (!isfinite(p)) {
        raw(r, "\xe2\x80\x93");
    } else if (p < 0.0001) {
        raw(r, "&lt; 0.0001");
    } else {
        num(r, p, p >= 0.1 ? 2 : p >= 0.01 ? 3 : p >= 0.001 ? 4 : 5);
    }
}

static void td_num(report *r, double v, int decimals)
{
    raw(r, "<td class=\"num\">");
    num(r, v, decimals);
    raw(r, "</td>");
}

static void td_count(report *r, double v)
{
    raw(r, "<td class=\"num\">");
    count(r, v);
    raw(r, "</td>");
}

static void td_text(report *r, const char *s)
{
    raw(r, "<td>");
    text(r, s);
    raw(r, "</td>");
}

/* A header row; names starting with '#' are numeric columns (the '#' is not shown). */
static void thead(report *r, const char *const *names, size_t n)
{
    raw(r, "<thead><tr>");
    for (size_t k = 0; k < n; k++) {
        bool numeric = names[k][0] == '#';
        raw(r, numeric ? "<th class=\"num\">" : "<th>");
        text(r, names[k] + numeric);
        raw(r, "</th>");
    }
    raw(r, "</tr></thead>\n<tbody>\n");
}

static void layer_label(report *r, const char *group)
{
    char label[256];
    text(r, firmnet_i_layer_label(label, sizeof label, group));
}

static const char *wave_label(const char *w)
{
    return w[0] != '\0' ? w : "(unnamed wave)";
}

static int column(const firmnet_table *t, const char *name)
{
    size_t c;
    return firmnet_table_column_index(&c, t, name) == 0 ? (int)c : -1;
}

static double cell(const firmnet_table *t, const char *name, size_t row)
{
    int c = column(t, name);
    return c < 0 ? NAN : firmnet_table_get_double(t, (size_t)c, row);
}

static const char *cell_str(const firmnet_table *t, const char *name, size_t row)
{
    int c = column(t, name);
    const char *s = c < 0 ? NULL : firmnet_table_get_string(t, (size_t)c, row);
    return s != NULL ? s : "";
}

/* Open a figure for a picture; the caller renders the <svg> and calls figure_end(). */
static void figure_begin(report *r, const char *cls)
{
    firmnet_i_out_printf(r->o, "<figure class=\"%s\">\n", cls);
}

static void figure_end(report *r, const char *caption)
{
    if (caption != NULL) {
        raw(r, "<figcaption>");
        text(r, caption);
        raw(r, "</figcaption>\n");
    }
    raw(r, "</figure>\n");
}

/* ---- head ---------------------------------------------------------------------------------- */

static const char style[] =
    ":root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--band:#f3f5f8;--accent:#0072B2;"
    "--head:#12355b}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;color:var(--ink);background:#fff;font-size:15px;line-height:1.5;"
    "font-family:'Noto Sans CJK KR','Noto Sans KR','Malgun Gothic','Apple SD Gothic Neo',"
    "'NanumGothic','DejaVu Sans',system-ui,sans-serif}\n"
    ".wrap{max-width:1240px;margin:0 auto;padding:0 28px}\n"
    "header.top{background:var(--head);color:#fff;padding:26px 0 18px}\n"
    "header.top h1{margin:0 0 4px;font-size:28px;font-weight:700}\n"
    "header.top p{margin:0;color:#d3deeb}\n"
    "nav ol{list-style:none;display:flex;flex-wrap:wrap;gap:6px 22px;padding:0;margin:14px 0 0}\n"
    "nav a{color:#fff;text-decoration:none;border-bottom:1px solid rgba(255,255,255,.45)}\n"
    ".settings{background:var(--band);border:1px solid var(--line);border-radius:6px;"
    "padding:10px 16px;margin:20px 0 0;font-size:13.5px}\n"
    ".settings dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}\n"
    ".settings dt{color:var(--muted)}\n.settings dd{margin:0}\n"
    "section{padding:28px 0 12px;border-bottom:1px solid var(--line)}\n"
    "h2{font-size:22px;margin:0 0 8px;color:var(--head)}\n"
    "h3{font-size:17px;margin:22px 0 6px}\n"
    "p.lead{margin:0 0 12px;max-width:60em}\n"
    "p.note{color:var(--muted);font-size:13px;max-width:60em}\n"
    ".scroll{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:12.5px;margin:4px 0 16px}\n"
    "caption{text-align:left;font-weight:600;padding:2px 0 6px;font-size:14px}\n"
    "th,td{padding:4px 7px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top;white-space:nowrap}\n"
    "th{background:var(--band);font-weight:600}\n"
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody tr:nth-child(even) td{background:#fafbfc}\n"
    "td.actor{white-space:normal;min-width:10em}\n"
    ".id{color:var(--muted);font-size:11px;margin-left:5px}\n"
    ".grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(540px,1fr));gap:0 30px;"
    "align-items:start}\n"
    ".tabchart{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0 36px;"
    "align-items:start}\n"
    "@media (max-width:900px){.tabchart{grid-template-columns:minmax(0,1fr)}}\n"
    "figure{margin:8px 0 20px}\n"
    "figure svg{display:block;width:100%;height:auto;border:1px solid var(--line);"
    "border-radius:4px}\n"
    "figcaption{color:var(--muted);font-size:13px;margin-top:4px}\n"
    ".sentences{background:#eef5fb;border-left:4px solid var(--accent);padding:10px 18px;"
    "margin:8px 0 18px}\n"
    ".sentences p{margin:4px 0}\n.sentences ul{margin:2px 0 6px;padding-left:22px}\n"
    "footer{color:var(--muted);font-size:12px;padding:18px 0 32px}\n"
    "@media print{header.top{background:none;color:#000}header.top p{color:#333}nav{display:none}"
    "figure,table{break-inside:avoid}}\n";

static void put_list(report *r, size_t n, const char *(*name)(const report *, size_t))
{
    for (size_t k = 0; k < n; k++) {
        if (k > 0) {
            raw(r, ", ");
        }
        text(r, name(r, k));
    }
}

static const char *wave_at(const report *r, size_t k)
{
    return wave_label(r->waves[k]);
}

static const char *group_at(const report *r, size_t k)
{
    return r->groups[k];
}

static const char *layer_at(const report *r, size_t k)
{
    return firmnet_network_layer_name(r->net, k);
}

static const char *const section_ids[] = {"overview", "top-actors", "embeddedness", "change",
                                          "drawings"};
static const char *const section_titles[] = {"Overview", "Top actors", "Embeddedness by cluster",
                                             "MC participants vs non-participants",
                                             "Network drawings"};

static void section_begin(report *r, size_t k)
{
    firmnet_i_out_printf(r->o, "<section id=\"%s\">\n<h2>%zu. ", section_ids[k], k + 1);
    text(r, section_titles[k]);
    raw(r, "</h2>\n");
}

static void head(report *r)
{
    const firmnet_report_options *o = r->opts;
    const char *title = o->title != NULL ? o->title : "Network report";
    raw(r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    firmnet_i_out_printf(r->o, "<meta name=\"generator\" content=\"firmnet %s\"/>\n<title>",
                         firmnet_version());
    text(r, title);
    raw(r, "</title>\n<style>\n");
    raw(r, style);
    raw(r, "</style>\n</head>\n<body>\n<header class=\"top\" id=\"top\">\n<div class=\"wrap\">\n"
           "<h1>");
    text(r, title);
    raw(r, "</h1>\n<p>");
    count(r, (double)firmnet_network_actor_count(r->net));
    raw(r, " actors, ");
    count(r, (double)firmnet_network_tie_count(r->net));
    raw(r, " ties; waves ");
    put_list(r, r->nwaves, wave_at);
    raw(r, "</p>\n<nav><ol>\n");
    for (size_t k = 0; k < sizeof section_ids / sizeof *section_ids; k++) {
        firmnet_i_out_printf(r->o, "<li><a href=\"#%s\">%zu. ", section_ids[k], k + 1);
        text(r, section_titles[k]);
        raw(r, "</a></li>\n");
    }
    raw(r, "</ol></nav>\n</div>\n</header>\n<main class=\"wrap\">\n"
           "<div class=\"settings\" id=\"settings\"><dl>\n<dt>Waves</dt><dd>");
    put_list(r, r->nwaves, wave_at);
    raw(r, "</dd>\n<dt>Layers in the network</dt><dd>");
    put_list(r, firmnet_network_layer_count(r->net), layer_at);
    raw(r, "</dd>\n<dt>Layer groups</dt><dd>");
    put_list(r, r->ngroups, group_at);
    raw(r, " (a group selects its layers and every layer below them: service = service.*; "
           "+ joins layers)</dd>\n<dt>Top actors</dt><dd>");
    firmnet_i_out_printf(r->o, "%u per ranking", o->top);
    raw(r, "</dd>\n<dt>MC comparison</dt><dd>");
    count(r, o->permutations);
    raw(r, " permutations, ");
    count(r, o->bootstrap);
    firmnet_i_out_printf(r->o,
                         " bootstrap replicates, seed %llu (firmnet-change uses 9,999 "
                         "permutations and 2,000 replicates by default); measure ",
                         (unsigned long long)o->seed);
    text(r, o->measure != NULL ? o->measure : "partners");
    raw(r, "</dd>\n<dt>Drawings</dt><dd>");
    firmnet_i_out_printf(r->o, "layout seed %llu</dd>\n</dl></div>\n", (unsigned long long)o->seed);
}

/* ---- 1. overview -------------------------------------------------------------------------- */

static int overview(report *r)
{
    static const char *const cols[] = {
        "wave",     "layer",    "#actors",   "#firm",        "#univ.",     "#research",
        "#support", "#gov.",    "#service",  "#other",       "#ties",      "#density",
        "#recipr.", "#compon.", "#isolates", "#mean degree", "#in cluster"};
    static const char *const keys[] = {"actors",     "firm",    "university", "research", "support",
                                       "government", "service", "other",      "ties"};
    firmnet_table *t = NULL;
    int rc = firmnet_summary(&t, r->net);
    if (rc < 0) {
        return rc;
    }
    section_begin(r, 0);
    raw(r, "<p class=\"lead\">One row per wave and layer group: the actors with ties in it (by "
           "type), the ties (parallel ties summed), density over all actors of the network, "
           "reciprocity, weakly connected components, isolates, mean degree, and the share of "
           "located ties that stay within the source's cluster.</p>\n"
           "<div class=\"scroll\"><table class=\"summary\">\n");
    thead(r, cols, sizeof cols / sizeof *cols);
    for (size_t w = 0; w < r->nwaves; w++) {
        for (size_t row = 0; row < firmnet_table_nrows(t); row++) {
            if (strcmp(cell_str(t, "wave", row), r->waves[w]) != 0) {
                continue;
            }
            raw(r, "<tr>");
            td_text(r, wave_label(r->waves[w]));
            td_text(r, cell_str(t, "layer", row));
            for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
                td_count(r, cell(t, keys[k], row));
            }
            td_num(r, cell(t, "density", row), 4);
            td_num(r, cell(t, "reciprocity", row), 3);
            td_count(r, cell(t, "components", row));
            td_count(r, cell(t, "isolates", row));
            td_num(r, cell(t, "mean_degree", row), 2);
            td_num(r, cell(t, "cluster_share", row), 3);
            raw(r, "</tr>\n");
        }
    }
    raw(r, "</tbody></table></div>\n</section>\n");
    firmnet_table_free(t);
    return step(r);
}

/* ---- 2. top actors ----------------------------------------------------------------------- */

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int by_value(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v) {
        return x->v > y->v ? -1 : 1;
    }
    return x->i < y->i ? -1 : x->i > y->i;
}

static int graph_of(report *r, firmnet_graph **g, const char *selector, const char *wave)
{
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    go.layers = selector;
    go.wave = wave;
    return firmnet_graph_new(g, r->net, &go);
}

static void actor_cell(report *r, size_t i)
{
    const char *name = firmnet_network_actor_attribute(r->net, i, "name");
    const char *id = firmnet_network_actor_id(r->net, i);
    raw(r, "<td class=\"actor\">");
    text(r, name != NULL && name[0] != '\0' ? name : id);
    if (name != NULL && name[0] != '\0') {
        raw(r, "<span class=\"id\">");
        text(r, id);
        raw(r, "</span>");
    }
    raw(r, "</td>");
}

/* The top actors of @p t by @p measure (positive values only), as a table. */
static int top_table(report *r, const firmnet_table *t, const char *measure, const char *title,
                     const char *wave, int decimals)
{
    static const char *const cols[] = {"##", "actor", "type", "cluster", "MC", "#value"};
    size_t n = firmnet_table_nrows(t), kept = 0, shown;
    int c = column(t, measure);
    ranked *rk = firmnet_i_calloc(n + 1, sizeof *rk);
    const char *heads[6];
    if (rk == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < n && c >= 0; i++) {
        double v = firmnet_table_get_double(t, (size_t)c, i);
        if (isfinite(v) && v > 0) {
            rk[kept].v = v;
            rk[kept++].i = i;
        }
    }
    qsort(rk, kept, sizeof *rk, by_value);
    shown = kept < r->opts->top ? kept : r->opts->top;
    memcpy(heads, cols, sizeof heads);
    heads[5] = title[0] == 'P' ? "#PageRank" : "#betweenness";
    raw(r, "<table class=\"top\">\n<caption>");
    text(r, wave_label(wave));
    if (shown > 0) {
        firmnet_i_out_printf(r->o, ": top %zu by ", shown);
    } else {
        raw(r, ": ");
    }
    text(r, title);
    raw(r, "</caption>\n");
    thead(r, heads, 6);
    for (size_t k = 0; k < shown; k++) {
        size_t i = rk[k].i;
        firmnet_i_out_printf(r->o, "<tr><td class=\"num\">%zu</td>", k + 1);
        actor_cell(r, i);
        td_text(r, firmnet_network_actor_attribute(r->net, i, "type"));
        td_text(r, firmnet_network_actor_attribute(r->net, i, "cluster"));
        td_text(r, firmnet_network_actor_attribute(r->net, i, "mc"));
        td_num(r, rk[k].v, decimals);
        raw(r, "</tr>\n");
    }
    if (shown == 0) {
        raw(r, "<tr><td colspan=\"6\">every actor scores 0</td></tr>\n");
    }
    raw(r, "</tbody></table>\n");
    firmnet_i_free(rk);
    return 0;
}

static int top_actors(report *r)
{
    firmnet_centrality_options co = FIRMNET_CENTRALITY_OPTIONS_INIT;
    int rc = 0;
    co.measures = "pagerank,betweenness";
    co.normalized = 1;
    section_begin(r, 1);
    raw(r, "<p class=\"lead\">Per layer group and wave, the actors with the highest PageRank "
           "(damping 0.85; a tie passes weight to its target) and the highest normalized "
           "betweenness (the share of shortest paths between other actors that pass through "
           "the actor, with distance 1 / weight). MC names the actor's mini-cluster.</p>\n");
    for (size_t g = 0; g < r->ngroups && rc == 0; g++) {
        raw(r, "<h3>");
        layer_label(r, r->groups[g]);
        if (strcmp(r->groups[g], "all") != 0) {
            raw(r, " <span class=\"id\">");
            text(r, r->selectors[g]);
            raw(r, "</span>");
        }
        raw(r, "</h3>\n");
        for (size_t w = 0; w < r->nwaves && rc == 0; w++) {
            firmnet_graph *view = NULL;
            firmnet_table **t = &r->cent[g * r->nwaves + w];
            rc = graph_of(r, &view, r->selectors[g], r->waves[w]);
            if (rc == 0) {
                rc = firmnet_centrality(t, view, &co);
            }
            firmnet_graph_free(view);
            if (rc == 0) {
                raw(r, "<div class=\"grid2\">\n<div class=\"scroll\">");
                rc = top_table(r, *t, "pagerank", "PageRank", r->waves[w], 4);
                raw(r, "</div>\n<div class=\"scroll\">");
            }
            if (rc == 0) {
                rc = top_table(r, *t, "betweenness", "betweenness", r->waves[w], 4);
                raw(r, "</div>\n</div>\n");
            }
            if (rc == 0) {
                rc = step(r);
            }
        }
    }
    /* the distribution behind the rankings, for the last group (by default all layers) */
    if (rc == 0) {
        size_t g = r->ngroups - 1;
        raw(r, "<h3>Distribution of PageRank: ");
        layer_label(r, r->groups[g]);
        raw(r, "</h3>\n<div class=\"grid2\">\n");
        for (size_t w = 0; w < r->nwaves && rc == 0; w++) {
            firmnet_chart_options o = FIRMNET_CHART_OPTIONS_INIT;
            char title[128];
            snprintf(title, sizeof title, "PageRank, %s", wave_label(r->waves[w]));
            o.title = title;
            o.width = 560;
            o.height = 320;
            o.y_label = "actors";
            figure_begin(r, "chart histogram");
            rc = firmnet_i_chart_histogram(r->o, r->cent[g * r->nwaves + w], "pagerank", &o);
            figure_end(r, NULL);
        }
        raw(r, "</div>\n");
    }
    raw(r, "</section>\n");
    return rc;
}

/* ---- 3. embeddedness ----------------------------------------------------------------------- */

static int embeddedness(report *r)
{
    static const char *const cols[] = {"cluster", "#actors", "#ties sent (out)",
                                       "#ties received (in)", "#all ties"};
    int rc = 0;
    section_begin(r, 2);
    raw(r, "<p class=\"lead\">Local embeddedness on the layers of all groups: per cluster, the "
           "share of the members' tie weight whose partner is in the member's own cluster, for "
           "ties sent (local sales), received (local sourcing) and all ties. Partners without a "
           "known location are left out; the group figures add weights up over the members "
           "(they are not averages of the actors' shares).</p>\n");
    for (size_t w = 0; w < r->nwaves && rc == 0; w++) {
        firmnet_graph *view = NULL;
        firmnet_table *t = NULL;
        rc = graph_of(r, &view, r->all_layers, r->waves[w]);
        if (rc == 0) {
            rc = firmnet_embeddedness_groups(&t, view, "cluster", NULL);
        }
        if (rc == 0) {
            firmnet_chart_options o = FIRMNET_CHART_OPTIONS_INIT;
            char title[160];
            raw(r, "<h3>");
            text(r, wave_label(r->waves[w]));
            raw(r,
                "</h3>\n<div class=\"tabchart\">\n<div class=\"scroll\"><table class=\"emb\">\n");
            thead(r, cols, sizeof cols / sizeof *cols);
            for (size_t row = 0; row < firmnet_table_nrows(t); row++) {
                const char *gname = cell_str(t, "group", row);
                raw(r, "<tr>");
                td_text(r, strcmp(gname, "*") == 0 ? "all actors"
                           : gname[0] == '\0'      ? "(no cluster)"
                                                   : gname);
                td_count(r, cell(t, "n_actors", row));
                td_num(r, cell(t, "cluster_share_out", row), 3);
                td_num(r, cell(t, "cluster_share_in", row), 3);
                td_num(r, cell(t, "cluster_share_all", row), 3);
                raw(r, "</tr>\n");
            }
            raw(r, "</tbody></table></div>\n");
            snprintf(title, sizeof title, "Share of tie weight within the own cluster, %s",
                     wave_label(r->waves[w]));
            o.title = title;
            o.style = FIRMNET_CHART_BARS;
            o.width = 620;
            o.height = 380;
            o.x_label = "cluster";
            o.y_label = "share within the own cluster";
            figure_begin(r, "chart embeddedness");
            rc = firmnet_i_chart_embeddedness(r->o, t, "cluster", &o);
            figure_end(r, NULL);
            raw(r, "</div>\n");
        }
        firmnet_table_free(t);
        firmnet_graph_free(view);
        if (rc == 0) {
            rc = step(r);
        }
    }
    raw(r, "</section>\n");
    return rc;
}

/* ---- 4. change ----------------------------------------------------------------------------- */

/* The summary sentences: indented lines become list items under the line before them. */
static int sentences(report *r, const char *s)
{
    bool in_list = false;
    raw(r, "<div class=\"sentences\">\n");
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        bool item = len > 2 && s[0] == ' ' && s[1] == ' ';
        char *line = dup_range(s + (item ? 2 : 0), s + len);
        if (line == NULL) {
            return firmnet_i_nomem();
        }
        if (item && !in_list) {
            raw(r, "<ul>\n");
        } else if (!item && in_list) {
            raw(r, "</ul>\n");
        }
        in_list = item;
        raw(r, item ? "<li>" : "<p>");
        text(r, line);
        raw(r, item ? "</li>\n" : "</p>\n");
        firmnet_i_free(line);
        s += len + (e != NULL);
    }
    raw(r, in_list ? "</ul>\n</div>\n" : "</div>\n");
    return 0;
}

static void group_table(report *r, const firmnet_table *t, const char *measure)
{
    static const char *const cols[] = {"layer group", "stratum",         "#n MC",
                                       "#n non-MC",   "#mean change MC", "#mean change non-MC",
                                       "#difference", "#95% CI",         "#p (permutation)",
                                       "#p (Welch)",  "#Cohen's d"};
    raw(r, "<div class=\"scroll\"><table class=\"groups\">\n<caption>Mean change of ");
    text(r, measure);
    raw(r, ": MC participants vs non-participants</caption>\n");
    thead(r, cols, sizeof cols / sizeof *cols);
    for (size_t row = 0; row < firmnet_table_nrows(t); row++) {
        const char *stratum = cell_str(t, "stratum", row);
        if (strcmp(cell_str(t, "measure", row), measure) != 0) {
            continue;
        }
        raw(r, "<tr><td>");
        layer_label(r, cell_str(t, "layer", row));
        raw(r, "</td>");
        td_text(r, strcmp(stratum, "*") == 0 ? "all" : stratum);
        td_count(r, cell(t, "n_mc", row));
        td_count(r, cell(t, "n_non", row));
        td_num(r, cell(t, "mean_change_mc", row), 2);
        td_num(r, cell(t, "mean_change_non", row), 2);
        td_num(r, cell(t, "diff", row), 2);
        raw(r, "<td class=\"num\">");
        if (isfinite(cell(t, "ci_low", row))) {
            raw(r, "[");
            num(r, cell(t, "ci_low", row), 2);
            raw(r, ", ");
            num(r, cell(t, "ci_high", row), 2);
            raw(r, "]");
        } else {
            num(r, NAN, 0);
        }
        raw(r, "</td><td class=\"num\">");
        pvalue(r, cell(t, "p_perm", row));
        raw(r, "</td><td class=\"num\">");
        pvalue(r, cell(t, "p_welch", row));
        raw(r, "</td>");
        td_num(r, cell(t, "cohen_d", row), 2);
        raw(r, "</tr>\n");
    }
    raw(r, "</tbody></table></div>\n");
}

static void tie_table(report *r, const firmnet_table *t, const char *from, const char *to)
{
    static const char *const blocks[][2] = {{"*", "all pairs"},
                                            {"within_mc", "within MC"},
                                            {"between", "MC and non-MC"},
                                            {"within_non", "within non-MC"}};
    char w0[96], w1[96];
    const char *cols[] = {"layer group", "pairs",    w0,       w1,
                          "#kept",       "#dropped", "#added", "#Jaccard"};
    snprintf(w0, sizeof w0, "#ties %s", from);
    snprintf(w1, sizeof w1, "#ties %s", to);
    raw(r, "<div class=\"scroll\"><table class=\"ties\">\n<caption>Ties reported by the panel: "
           "kept, dropped and added</caption>\n");
    thead(r, cols, sizeof cols / sizeof *cols);
    for (size_t row = 0; row < firmnet_table_nrows(t); row++) {
        const char *b = cell_str(t, "block", row), *label = b;
        for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++) {
            label = strcmp(b, blocks[k][0]) == 0 ? blocks[k][1] : label;
        }
        raw(r, "<tr><td>");
        layer_label(r, cell_str(t, "layer", row));
        raw(r, "</td>");
        td_text(r, label);
        td_count(r, cell(t, "ties_w0", row));
        td_count(r, cell(t, "ties_w1", row));
        td_count(r, cell(t, "n11", row));
        td_count(r, cell(t, "n10", row));
        td_count(r, cell(t, "n01", row));
        td_num(r, cell(t, "jaccard", row), 3);
        raw(r, "</tr>\n");
    }
    raw(r, "</tbody></table></div>\n");
}

static int change(report *r)
{
    const firmnet_report_options *o = r->opts;
    const char *measure = o->measure != NULL ? o->measure : "partners";
    firmnet_change_options co = FIRMNET_CHANGE_OPTIONS_INIT;
    firmnet_change_result *res = NULL;
    int rc = 0;
    section_begin(r, 3);
    if (r->nwaves < 2) {
        raw(r, "<p class=\"lead\">The comparison needs two waves; this report covers only ");
        text(r, wave_label(r->waves[0]));
        raw(r, ".</p>\n</section>\n");
        return step(r);
    }
    co.from = r->waves[0];
    co.to = r->waves[r->nwaves - 1];
    co.layers = o->layers;
    co.permutations = o->permutations;
    co.bootstrap = o->bootstrap;
    co.seed = o->seed;
    co.progress = o->progress;
    co.progress_payload = o->progress_payload;
    rc = firmnet_change(&res, r->net, &co);
    if (rc < 0) {
        return rc;
    }
    raw(r, "<p class=\"lead\">Did the networks of mini-cluster (MC) participants change more "
           "between ");
    text(r, co.from);
    raw(r, " and ");
    text(r, co.to);
    raw(r, " than those of the other actors? The panel is the actors that reported ties in "
           "both waves, compared within firm size. The difference of the two mean changes is a "
           "difference-in-differences; p-values come from ");
    count(r, o->permutations);
    raw(r, " relabellings of participants within strata and from Welch's t-test, the interval "
           "of the difference from ");
    count(r, o->bootstrap);
    raw(r, " bootstrap replicates.</p>\n");
    rc = sentences(r, firmnet_change_summary_text(res));
    for (int k = 0; k < 2 && rc == 0; k++) {
        firmnet_chart_options ch = FIRMNET_CHART_OPTIONS_INIT;
        ch.width = 900;
        ch.height = 440;
        figure_begin(r, "chart change");
        rc = firmnet_i_chart_change(
            r->o, res, measure, k ? FIRMNET_CHANGE_CHART_DIFF : FIRMNET_CHANGE_CHART_MEANS, &ch);
        figure_end(r, k ? "The difference MC minus non-MC, with the percentile bootstrap 95% "
                          "interval; an interval that does not cross the dashed zero line "
                          "marks a difference unlikely under no effect."
                        : "Mean change per group with the normal 95% interval mean \xc2\xb1 1.96 "
                          "SD / \xe2\x88\x9an.");
    }
    if (rc == 0) {
        group_table(r, firmnet_change_groups(res), measure);
        tie_table(r, firmnet_change_ties(res), co.from, co.to);
    }
    raw(r, "</section>\n");
    firmnet_change_result_free(res);
    return rc < 0 ? rc : step(r);
}

/* ---- 5. drawings --------------------------------------------------------------------------- */

static int actors_with_ties(const firmnet_graph *g, size_t *out)
{
    size_t n = firmnet_graph_vertex_count(g), m = firmnet_graph_edge_count(g), k = 0;
    unsigned char *has = firmnet_i_calloc(n + 1, 1);
    if (has == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t e = 0; e < m; e++) {
        has[IGRAPH_FROM(&g->g, (igraph_integer_t)e)] = 1;
        has[IGRAPH_TO(&g->g, (igraph_integer_t)e)] = 1;
    }
    for (size_t v = 0; v < n; v++) {
        k += has[v];
    }
    firmnet_i_free(has);
    *out = k;
    return 0;
}

static int drawings(report *r)
{
    int rc = 0;
    section_begin(r, 4);
    raw(r, "<p class=\"lead\">Every layer group in every wave, actors without ties left out. "
           "Nodes are coloured by actor type and sized by PageRank; a dark ring marks a "
           "mini-cluster participant; edges are coloured by layer (grey: several layers) and "
           "curve to the left of their direction. Hover over a node for its name.</p>\n");
    for (size_t g = 0; g < r->ngroups && rc == 0; g++) {
        raw(r, "<h3>");
        layer_label(r, r->groups[g]);
        raw(r, "</h3>\n<div class=\"drawings\">\n");
        for (size_t w = 0; w < r->nwaves && rc == 0; w++) {
            firmnet_graph *view = NULL;
            firmnet_draw_options d = FIRMNET_DRAW_OPTIONS_INIT;
            const firmnet_table *t = r->cent[g * r->nwaves + w];
            size_t n = firmnet_table_nrows(t), pc = (size_t)column(t, "pagerank");
            double *pr = firmnet_i_calloc(n + 1, sizeof *pr);
            char title[300], label[256], prefix[32], caption[160];
            rc = pr == NULL ? firmnet_i_nomem() : graph_of(r, &view, r->selectors[g], r->waves[w]);
            size_t drawn = 0;
            if (rc == 0) {
                rc = actors_with_ties(view, &drawn);
            }
            if (rc == 0) {
                for (size_t i = 0; i < n; i++) {
                    pr[i] = firmnet_table_get_double(t, pc, i);
                }
                snprintf(title, sizeof title, "%s, %s",
                         firmnet_i_layer_label(label, sizeof label, r->groups[g]),
                         wave_label(r->waves[w]));
                snprintf(prefix, sizeof prefix, "d%u-", ++r->drawings);
                snprintf(caption, sizeof caption,
                         "%zu of %zu actors drawn; %zu without ties in this view left out", drawn,
                         n, n - drawn);
                d.seed = r->opts->seed;
                d.title = title;
                d.size_values = pr;
                d.size_len = n;
                d.size_label = "PageRank";
                d.drop_isolates = 1;
                figure_begin(r, "drawing");
                rc = firmnet_i_graph_svg(r->o, view, &d, prefix);
                figure_end(r, caption);
            }
            firmnet_graph_free(view);
            firmnet_i_free(pr);
            if (rc == 0) {
                rc = step(r);
            }
        }
        raw(r, "</div>\n");
    }
    raw(r, "</section>\n");
    return rc;
}

/* ---- the page ----------------------------------------------------------------------------- */

int firmnet_report_write(const firmnet_network *net, const char *path,
                         const firmnet_report_options *opts)
{
    static const firmnet_report_options defaults = FIRMNET_REPORT_OPTIONS_INIT;
    report r;
    firmnet_i_out mem;
    int rc;

    firmnet_i_clear_error();
    if (net == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_report_write: NULL argument");
    }
    if (opts == NULL) {
        opts = &defaults;
    } else if (opts->version == 0 || opts->version > FIRMNET_REPORT_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "report options: unsupported version %u "
                               "(initialise with FIRMNET_REPORT_OPTIONS_INIT)",
                               opts->version);
    } else if (opts->top == 0 || opts->top > 1000) {
        return firmnet_i_error(FIRMNET_EINVAL, "report options: top %u is not in 1..1000",
                               opts->top);
    }
    if (firmnet_network_tie_count(net) == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "report: the network has no ties");
    }
    memset(&r, 0, sizeof r);
    r.net = net;
    r.opts = opts;
    r.o = &mem;
    firmnet_i_out_memory(&mem);
    rc = parse_waves(&r);
    if (rc == 0) {
        rc = parse_groups(&r);
    }
    if (rc == 0) {
        r.cent = firmnet_i_calloc(r.ngroups * r.nwaves + 1, sizeof *r.cent);
        rc = r.cent == NULL ? firmnet_i_nomem() : 0;
    }
    if (rc == 0) {
        r.total = 2.0 + (double)r.nwaves + 2.0 * (double)(r.ngroups * r.nwaves);
        rc = firmnet_i_progress(opts->progress, opts->progress_payload, "report", 0, r.total);
    }
    if (rc == 0) {
        head(&r);
        rc = overview(&r);
    }
    if (rc == 0) {
        rc = top_actors(&r);
    }
    if (rc == 0) {
        rc = embeddedness(&r);
    }
    if (rc == 0) {
        rc = change(&r);
    }
    if (rc == 0) {
        rc = drawings(&r);
    }
    if (rc == 0) {
        firmnet_i_out_printf(&mem,
                             "</main>\n<footer class=\"wrap\">Made with firmnet %s. "
                             "<a href=\"#top\">Back to the top</a></footer>\n</body>\n</html>\n",
                             firmnet_version());
        rc = mem.rc;
    }
    report_free(&r);
    if (rc < 0) {
        firmnet_i_out_close(&mem, rc);
        return rc;
    }
    return firmnet_i_out_save(&mem, path);
}
