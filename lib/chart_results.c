/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts of analysis results: the MC vs non-MC comparison of a wave comparison, and local
 * embeddedness per group. Each reshapes its result into a long table for the grouped chart. */
#include <math.h>
#include <string.h>

#include "internal.h"

/* A long table being built: string and numeric columns of nrows rows. */
typedef struct long_table {
    size_t nrows;
    char **label[2]; /* group label columns (owned strings) */
    const char **series;
    double *value, *low, *high;
} long_table;

static void long_free(long_table *t)
{
    for (size_t c = 0; c < 2; c++) {
        if (t->label[c] != NULL) {
            for (size_t r = 0; r < t->nrows; r++) {
                firmnet_i_free(t->label[c][r]);
            }
        }
        firmnet_i_free(t->label[c]);
    }
    firmnet_i_free(t->series);
    firmnet_i_free(t->value);
    firmnet_i_free(t->low);
    firmnet_i_free(t->high);
}

static int long_alloc(long_table *t, size_t nrows)
{
    memset(t, 0, sizeof *t);
    t->nrows = nrows;
    t->label[0] = firmnet_i_calloc(nrows + 1, sizeof(char *));
    t->label[1] = firmnet_i_calloc(nrows + 1, sizeof(char *));
    t->series = firmnet_i_calloc(nrows + 1, sizeof(char *));
    t->value = firmnet_i_calloc(nrows + 1, sizeof(double));
    t->low = firmnet_i_calloc(nrows + 1, sizeof(double));
    t->high = firmnet_i_calloc(nrows + 1, sizeof(double));
    if (t->label[0] == NULL || t->label[1] == NULL || t->series == NULL || t->value == NULL ||
        t->low == NULL || t->high == NULL) {
        return firmnet_i_nomem();
    }
    return 0;
}

/* The firmnet_table of @p t: columns named @p names[0..nlabels) for the labels, then the
 * series column @p series (when not NULL; its name titles the legend), "value", "low",
 * "high". */
static int long_table_make(firmnet_table **out, const long_table *t, const char *const *names,
                           size_t nlabels, const char *series)
{
    firmnet_table *tab = NULL;
    int rc = firmnet_table_new(&tab, t->nrows);
    for (size_t c = 0; c < nlabels && rc == 0; c++) {
        rc = firmnet_table_add_string(tab, names[c], (const char *const *)t->label[c]);
    }
    if (rc == 0 && series != NULL) {
        rc = firmnet_table_add_string(tab, series, t->series);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(tab, "value", t->value);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(tab, "low", t->low);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(tab, "high", t->high);
    }
    if (rc < 0) {
        firmnet_table_free(tab);
        return rc;
    }
    *out = tab;
    return 0;
}

/* @p a followed by @p b, newly allocated. */
static char *concat(const char *a, const char *b)
{
    firmnet_i_buf buf = {0};
    if (firmnet_i_buf_printf(&buf, "%s%s", a, b) < 0) {
        firmnet_i_buf_free(&buf);
        return NULL;
    }
    return buf.data;
}

/* Column @p name of @p t, which must exist and be of @p type. */
static int need_column(size_t *out, const firmnet_table *t, const char *name, int type,
                       const char *what)
{
    if (firmnet_table_column_index(out, t, name) < 0) {
        return firmnet_i_error(FIRMNET_ENOTFOUND, "%s: the table has no column '%s'", what, name);
    }
    if (firmnet_table_column_type(t, *out) != type) {
        return firmnet_i_error(FIRMNET_EINVAL, "%s: column '%s' is not %s", what, name,
                               type == FIRMNET_COLUMN_DOUBLE ? "numeric" : "text");
    }
    return 0;
}

/* ---- MC vs non-MC ------------------------------------------------------------------------- */

enum {
    C_LAYER,
    C_STRATUM,
    C_MEASURE,
    C_NMC,
    C_NNON,
    C_MMC,
    C_MNON,
    C_SMC,
    C_SNON,
    C_DIFF,
    C_LO,
    C_HI,
    C_COUNT
};

static int change_columns(size_t *col, const firmnet_table *t)
{
    static const char *const names[C_COUNT] = {
        "layer",           "stratum",      "measure",       "n_mc", "n_non",  "mean_change_mc",
        "mean_change_non", "sd_change_mc", "sd_change_non", "diff", "ci_low", "ci_high"};
    for (size_t c = 0; c < C_COUNT; c++) {
        int rc = need_column(&col[c], t, names[c],
                             c <= C_MEASURE ? FIRMNET_COLUMN_STRING : FIRMNET_COLUMN_DOUBLE,
                             "change chart");
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

/* mean +- 1.96 sd / sqrt(n); NaN below two values */
static void normal_interval(double mean, double sd, double n, double *lo, double *hi)
{
    if (n >= 2 && isfinite(sd) && isfinite(mean)) {
        double half = 1.96 * sd / sqrt(n);
        *lo = mean - half;
        *hi = mean + half;
    } else {
        *lo = *hi = NAN;
    }
}

static int unknown_measure(const firmnet_table *t, size_t mcol, const char *measure)
{
    firmnet_i_strset seen = {0};
    firmnet_i_buf list = {0};
    for (size_t r = 0; r < firmnet_table_nrows(t); r++) {
        const char *m = firmnet_table_get_string(t, mcol, r);
        bool added;
        if (firmnet_i_strset_add(&seen, m, strlen(m), &added) < 0) {
            break;
        }
        if (added) {
            firmnet_i_buf_printf(&list, "%s%s", seen.count > 1 ? ", " : "", m);
        }
    }
    firmnet_i_error(FIRMNET_ENOTFOUND,
                    "change chart: no measure '%s' in the comparison (measures: %s)", measure,
                    list.data ? list.data : "none");
    firmnet_i_buf_free(&list);
    firmnet_i_strset_free(&seen);
    return FIRMNET_ENOTFOUND;
}

int firmnet_i_chart_change(firmnet_i_out *o, const firmnet_change_result *res, const char *measure,
                           firmnet_change_chart kind, const firmnet_chart_options *opts)
{
    const firmnet_table *g;
    size_t col[C_COUNT], nrows, k = 0, first = 0;
    bool one_layer = true, one_stratum = true, diff = kind == FIRMNET_CHANGE_CHART_DIFF;
    const char *names[2];
    size_t nlabels = 0;
    long_table lt;
    firmnet_table *tab = NULL;
    firmnet_chart_options copy = FIRMNET_CHART_OPTIONS_INIT;
    firmnet_i_buf title = {0}, ylabel = {0};
    int rc;

    if (res == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_change: NULL argument");
    }
    if ((int)kind < FIRMNET_CHANGE_CHART_MEANS || kind > FIRMNET_CHANGE_CHART_DIFF) {
        return firmnet_i_error(FIRMNET_EINVAL, "change chart: invalid kind %d", (int)kind);
    }
    if (opts != NULL) {
        if (opts->version == 0 || opts->version > FIRMNET_CHART_OPTIONS_VERSION) {
            return firmnet_i_error(FIRMNET_EINVAL,
                                   "chart options: unsupported version %u "
                                   "(initialise with FIRMNET_CHART_OPTIONS_INIT)",
                                   opts->version);
        }
        copy = *opts;
    }
    measure = measure != NULL ? measure : "partners";
    g = firmnet_change_groups(res);
    rc = change_columns(col, g);
    if (rc < 0) {
        return rc;
    }
    nrows = firmnet_table_nrows(g);
    for (size_t r = 0; r < nrows; r++) {
        if (strcmp(firmnet_table_get_string(g, col[C_MEASURE], r), measure) != 0) {
            continue;
        }
        if (k == 0) {
            first = r;
        } else {
            one_layer = one_layer && strcmp(firmnet_table_get_string(g, col[C_LAYER], r),
                                            firmnet_table_get_string(g, col[C_LAYER], first)) == 0;
        }
        one_stratum =
            one_stratum && strcmp(firmnet_table_get_string(g, col[C_STRATUM], r), "*") == 0;
        k++;
    }
    if (k == 0) {
        return unknown_measure(g, col[C_MEASURE], measure);
    }
    if (!one_layer || one_stratum) {
        names[nlabels++] = "layer group";
    }
    if (!one_stratum) {
        names[nlabels++] = "stratum";
    }
    rc = long_alloc(&lt, diff ? k : 2 * k);
    for (size_t r = 0, i = 0; r < nrows && rc == 0; r++) {
        char label[256];
        const char *layer = firmnet_table_get_string(g, col[C_LAYER], r);
        const char *stratum = firmnet_table_get_string(g, col[C_STRATUM], r);
        if (strcmp(firmnet_table_get_string(g, col[C_MEASURE], r), measure) != 0) {
            continue;
        }
        firmnet_i_layer_label(label, sizeof label, layer);
        for (size_t s = 0; s < (diff ? 1u : 2u); s++, i++) {
            size_t c = 0;
            if (!one_layer || one_stratum) {
                lt.label[c++][i] = firmnet_i_strdup(label);
            }
            if (!one_stratum) {
                lt.label[c++][i] = firmnet_i_strdup(strcmp(stratum, "*") == 0 ? "all" : stratum);
            }
            for (size_t j = 0; j < c; j++) {
                if (lt.label[j][i] == NULL) {
                    rc = firmnet_i_nomem();
                }
            }
            if (diff) {
                lt.value[i] = firmnet_table_get_double(g, col[C_DIFF], r);
                lt.low[i] = firmnet_table_get_double(g, col[C_LO], r);
                lt.high[i] = firmnet_table_get_double(g, col[C_HI], r);
            } else {
                double mean = firmnet_table_get_double(g, col[s ? C_MNON : C_MMC], r);
                normal_interval(mean, firmnet_table_get_double(g, col[s ? C_SNON : C_SMC], r),
                                firmnet_table_get_double(g, col[s ? C_NNON : C_NMC], r), &lt.low[i],
                                &lt.high[i]);
                lt.value[i] = mean;
                lt.series[i] = s ? "non-participants" : "MC participants";
            }
        }
    }
    if (rc == 0) {
        rc = long_table_make(&tab, &lt, names, nlabels, diff ? NULL : "actors");
    }
    if (rc == 0 && copy.title == NULL) {
        rc = firmnet_i_buf_printf(&title, "Change in %s, %s to %s: %s", measure,
                                  firmnet_change_from(res), firmnet_change_to(res),
                                  diff ? "MC minus non-MC (95% bootstrap CI)"
                                       : "MC vs non-MC (95% intervals)");
        copy.title = title.data;
    }
    if (rc == 0 && copy.y_label == NULL) {
        rc = diff ? firmnet_i_buf_printf(&ylabel, "difference in mean change of %s", measure)
                  : firmnet_i_buf_printf(&ylabel, "mean change of %s", measure);
        copy.y_label = ylabel.data;
    }
    if (rc == 0) {
        rc = firmnet_i_chart_grouped(o, tab, nlabels == 2 ? "layer group,stratum" : names[0],
                                     diff ? NULL : "actors", "value", "low", "high", &copy);
    }
    firmnet_i_buf_free(&title);
    firmnet_i_buf_free(&ylabel);
    firmnet_table_free(tab);
    long_free(&lt);
    return rc;
}

int firmnet_chart_change(const firmnet_change_result *res, const char *path, const char *measure,
                         firmnet_change_chart kind, const firmnet_chart_options *opts)
{
    firmnet_i_out mem;
    firmnet_i_clear_error();
    if (path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_change: NULL argument");
    }
    firmnet_i_svg_file_begin(&mem);
    return firmnet_i_svg_file_end(&mem, firmnet_i_chart_change(&mem, res, measure, kind, opts),
                                  path);
}

/* ---- local embeddedness per group --------------------------------------------------------- */

int firmnet_i_chart_embeddedness(firmnet_i_out *o, const firmnet_table *groups, const char *scope,
                                 const firmnet_chart_options *opts)
{
    static const char *const dirs[3] = {"out", "in", "all"};
    static const char *const series[3] = {"sent (out)", "received (in)", "all"};
    size_t gcol, ncol = 0, scol[3], nrows, kept = 0;
    bool have_n, same = true;
    long_table lt;
    firmnet_table *tab = NULL;
    firmnet_chart_options copy = FIRMNET_CHART_OPTIONS_INIT;
    firmnet_i_buf title = {0}, ylabel = {0};
    const char *label_name = "group";
    int rc;

    if (groups == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_embeddedness: NULL argument");
    }
    if (opts != NULL) {
        if (opts->version == 0 || opts->version > FIRMNET_CHART_OPTIONS_VERSION) {
            return firmnet_i_error(FIRMNET_EINVAL,
                                   "chart options: unsupported version %u "
                                   "(initialise with FIRMNET_CHART_OPTIONS_INIT)",
                                   opts->version);
        }
        copy = *opts;
    }
    scope = scope != NULL ? scope : "cluster";
    rc = need_column(&gcol, groups, "group", FIRMNET_COLUMN_STRING, "embeddedness chart");
    for (size_t d = 0; d < 3 && rc == 0; d++) {
        char name[160];
        snprintf(name, sizeof name, "%.100s_share_%s", scope, dirs[d]);
        rc = need_column(&scol[d], groups, name, FIRMNET_COLUMN_DOUBLE, "embeddedness chart");
    }
    if (rc < 0) {
        return rc;
    }
    have_n = firmnet_table_column_index(&ncol, groups, "n_actors") == 0 &&
             firmnet_table_column_type(groups, ncol) == FIRMNET_COLUMN_DOUBLE;
    nrows = firmnet_table_nrows(groups);
    for (size_t r = 0; r < nrows; r++) {
        double v[3];
        bool any = false;
        for (size_t d = 0; d < 3; d++) {
            v[d] = firmnet_table_get_double(groups, scol[d], r);
            any = any || isfinite(v[d]);
        }
        kept += any;
        for (size_t d = 0; d < 2; d++) {
            same = same && (v[d] == v[2] || (isnan(v[d]) && isnan(v[2])));
        }
    }
    if (kept == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "embeddedness chart: no finite %s share", scope);
    }
    rc = long_alloc(&lt, same ? kept : 3 * kept);
    for (size_t r = 0, i = 0; r < nrows && rc == 0; r++) {
        const char *gname = firmnet_table_get_string(groups, gcol, r);
        double v[3];
        bool any = false;
        char n[40] = "";
        for (size_t d = 0; d < 3; d++) {
            v[d] = firmnet_table_get_double(groups, scol[d], r);
            any = any || isfinite(v[d]);
        }
        if (!any) {
            continue;
        }
        if (have_n && isfinite(firmnet_table_get_double(groups, ncol, r))) {
            snprintf(n, sizeof n, " (n = %.0f)", firmnet_table_get_double(groups, ncol, r));
        }
        for (size_t d = same ? 2 : 0; d < 3; d++, i++) {
            lt.label[0][i] = concat(strcmp(gname, "*") == 0 ? "all actors"
                                    : gname[0] == '\0'      ? "(blank)"
                                                            : gname,
                                    n);
            if (lt.label[0][i] == NULL) {
                rc = firmnet_i_nomem();
            }
            lt.series[i] = series[d];
            lt.value[i] = v[d];
            lt.low[i] = lt.high[i] = NAN;
        }
    }
    if (rc == 0) {
        rc = long_table_make(&tab, &lt, &label_name, 1, "ties");
    }
    if (rc == 0 && copy.title == NULL) {
        rc = firmnet_i_buf_printf(
            &title, "Local embeddedness: share of tie weight within the own %s", scope);
        copy.title = title.data;
    }
    if (rc == 0 && copy.y_label == NULL) {
        rc = firmnet_i_buf_printf(&ylabel, "%s share", scope);
        copy.y_label = ylabel.data;
    }
    if (rc == 0) {
        rc = firmnet_i_chart_grouped(o, tab, "group", same ? NULL : "ties", "value", NULL, NULL,
                                     &copy);
    }
    firmnet_i_buf_free(&title);
    firmnet_i_buf_free(&ylabel);
    firmnet_table_free(tab);
    long_free(&lt);
    return rc;
}

int firmnet_chart_embeddedness(const firmnet_table *groups, const char *path, const char *scope,
                               const firmnet_chart_options *opts)
{
    firmnet_i_out mem;
    firmnet_i_clear_error();
    if (path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_embeddedness: NULL argument");
    }
    firmnet_i_svg_file_begin(&mem);
    return firmnet_i_svg_file_end(&mem, firmnet_i_chart_embeddedness(&mem, groups, scope, opts),
                                  path);
}
