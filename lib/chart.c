/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts of result tables as SVG: grouped dots or bars with whiskers, and histograms. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int firmnet_chart_options_init(firmnet_chart_options *opts, unsigned int version)
{
    static const firmnet_chart_options defaults = FIRMNET_CHART_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_CHART_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_options_init: unsupported version %u",
                               version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static const firmnet_chart_options *chart_options(const firmnet_chart_options *opts, int *rc)
{
    static const firmnet_chart_options defaults = FIRMNET_CHART_OPTIONS_INIT;
    *rc = 0;
    if (opts == NULL) {
        return &defaults;
    }
    if (opts->version == 0 || opts->version > FIRMNET_CHART_OPTIONS_VERSION) {
        *rc = firmnet_i_error(FIRMNET_EINVAL,
                              "chart options: unsupported version %u "
                              "(initialise with FIRMNET_CHART_OPTIONS_INIT)",
                              opts->version);
    } else if ((int)opts->style < FIRMNET_CHART_DOTS || opts->style > FIRMNET_CHART_BARS) {
        *rc = firmnet_i_error(FIRMNET_EINVAL, "chart options: invalid style %d", (int)opts->style);
    } else if (opts->width < 0 || opts->height < 0 || opts->bins < 0) {
        *rc = firmnet_i_error(FIRMNET_EINVAL, "chart options: negative size or bin count");
    }
    return opts;
}

/* Column @p name of @p t; numeric when @p numeric. */
static int column(size_t *out, const firmnet_table *t, const char *name, size_t len, bool numeric)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%.*s", (int)len, name);
    if (firmnet_table_column_index(out, t, buf) < 0) {
        firmnet_i_buf have = {0};
        for (size_t c = 0; c < firmnet_table_ncols(t); c++) {
            firmnet_i_buf_printf(&have, "%s%s", c ? ", " : "", firmnet_table_column_name(t, c));
        }
        firmnet_i_error(FIRMNET_ENOTFOUND, "chart: no column '%s' in the table (columns: %s)", buf,
                        have.data ? have.data : "none");
        firmnet_i_buf_free(&have);
        return FIRMNET_ENOTFOUND;
    }
    if (numeric && firmnet_table_column_type(t, *out) != FIRMNET_COLUMN_DOUBLE) {
        return firmnet_i_error(FIRMNET_EINVAL, "chart: column '%s' is not numeric", buf);
    }
    return 0;
}

/* A table cell as text: strings as they are, numbers in the shortest exact form. */
static void put_cell(firmnet_i_buf *b, const firmnet_table *t, size_t col, size_t row)
{
    if (firmnet_table_column_type(t, col) == FIRMNET_COLUMN_STRING) {
        firmnet_i_buf_printf(b, "%s", firmnet_table_get_string(t, col, row));
    } else {
        char num[40];
        firmnet_i_format_double(num, sizeof num, firmnet_table_get_double(t, col, row));
        firmnet_i_buf_printf(b, "%s", num);
    }
}

/* Decimals that show ticks @p step apart without noise. */
static int tick_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6 * step * pow(10, d)) {
        d++;
    }
    return d;
}

static void put_tick_label(firmnet_i_out *o, double x, double y, const char *anchor, double v,
                           int decimals)
{
    firmnet_i_out_str(o, "<text x=\"");
    firmnet_i_out_fixed(o, x, 2);
    firmnet_i_out_str(o, "\" y=\"");
    firmnet_i_out_fixed(o, y, 2);
    firmnet_i_out_printf(o, "\" font-size=\"11\" text-anchor=\"%s\" fill=\"#444444\">", anchor);
    firmnet_i_out_fixed(o, fabs(v) < 1e-12 ? 0 : v, decimals);
    firmnet_i_out_str(o, "</text>\n");
}

typedef struct frame {
    double x0, y0, x1, y1; /* plot area */
    double lo, hi;         /* y range */
} frame;

static double fy(const frame *f, double v)
{
    return f->y1 - (v - f->lo) / (f->hi - f->lo) * (f->y1 - f->y0);
}

/* Widen [lo, hi] to nice ticks and draw the y axis, its grid and its label. */
static void y_axis(firmnet_i_out *o, frame *f, const char *label)
{
    double first, step;
    int count, decimals;
    firmnet_i_nice_ticks(f->lo, f->hi, 6, &first, &step, &count);
    if (first > f->lo + 1e-12 * fabs(step)) {
        first -= step;
        count++;
    }
    f->lo = first;
    while (first + (count - 1) * step < f->hi - 1e-12 * fabs(step)) {
        count++;
    }
    f->hi = first + (count - 1) * step;
    if (!(f->hi > f->lo)) {
        f->hi = f->lo + 1;
    }
    decimals = tick_decimals(step);
    firmnet_i_out_str(o, "<g class=\"y-axis\">\n");
    for (int k = 0; k < count; k++) {
        double v = first + k * step, y = fy(f, v);
        firmnet_i_out_str(o, "<path d=\"M");
        firmnet_i_out_fixed(o, f->x0, 2);
        firmnet_i_out_str(o, " ");
        firmnet_i_out_fixed(o, y, 2);
        firmnet_i_out_str(o, "H");
        firmnet_i_out_fixed(o, f->x1, 2);
        firmnet_i_out_str(o, "\" stroke=\"#e4e4e4\"/>\n");
        put_tick_label(o, f->x0 - 6, y + 4, "end", v, decimals);
    }
    firmnet_i_out_str(o, "</g>\n");
    if (label != NULL) {
        double cy = (f->y0 + f->y1) / 2;
        char rot[96];
        snprintf(rot, sizeof rot, "transform=\"rotate(-90 %d %d)\"", 18, (int)lround(cy));
        firmnet_i_svg_text(o, 18, cy, "middle", 12, false, rot, label);
    }
}

static void axis_lines(firmnet_i_out *o, const frame *f)
{
    firmnet_i_out_str(o, "<path class=\"axis\" d=\"M");
    firmnet_i_out_fixed(o, f->x0, 2);
    firmnet_i_out_str(o, " ");
    firmnet_i_out_fixed(o, f->y0, 2);
    firmnet_i_out_str(o, "V");
    firmnet_i_out_fixed(o, f->y1, 2);
    firmnet_i_out_str(o, "H");
    firmnet_i_out_fixed(o, f->x1, 2);
    firmnet_i_out_str(o, "\" fill=\"none\" stroke=\"#444444\"/>\n");
    if (f->lo < 0 && f->hi > 0) {
        firmnet_i_out_str(o, "<path class=\"zero\" d=\"M");
        firmnet_i_out_fixed(o, f->x0, 2);
        firmnet_i_out_str(o, " ");
        firmnet_i_out_fixed(o, fy(f, 0), 2);
        firmnet_i_out_str(o, "H");
        firmnet_i_out_fixed(o, f->x1, 2);
        firmnet_i_out_str(o, "\" stroke=\"#444444\" stroke-dasharray=\"4 3\"/>\n");
    }
}

static void begin_chart(firmnet_i_out *o, double w, double h, const firmnet_chart_options *opts)
{
    firmnet_i_svg_begin(o, w, h, opts->title);
    if (opts->title != NULL) {
        firmnet_i_svg_text(o, 20, 28, "start", 16, true, "class=\"title\"", opts->title);
    }
}

/* ---- grouped dot / bar charts ----------------------------------------------------------- */

/* Distinct strings in order of first appearance; index of each row's string in idx. */
typedef struct levels {
    char **names;
    size_t count;
    size_t *idx; /* per row */
} levels;

static void levels_free(levels *l)
{
    for (size_t k = 0; k < l->count; k++) {
        firmnet_i_free(l->names[k]);
    }
    firmnet_i_free(l->names);
    firmnet_i_free(l->idx);
}

/* Levels of the row keys made from the columns in @p cols (ncols of them). */
static int make_levels(levels *l, const firmnet_table *t, const size_t *cols, size_t ncols)
{
    size_t nrows = firmnet_table_nrows(t);
    firmnet_i_strset set = {0};
    firmnet_i_buf key = {0};
    int rc = 0;
    memset(l, 0, sizeof *l);
    l->idx = firmnet_i_calloc(nrows + 1, sizeof *l->idx);
    if (l->idx == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t r = 0; r < nrows && rc == 0; r++) {
        bool added;
        key.len = 0;
        if (key.data != NULL) {
            key.data[0] = '\0';
        }
        for (size_t c = 0; c < ncols; c++) {
            if (c > 0) {
                firmnet_i_buf_printf(&key, " / ");
            }
            put_cell(&key, t, cols[c], r);
        }
        if (key.data == NULL && firmnet_i_buf_reserve(&key, 1) == 0) {
            key.data[0] = '\0';
        }
        ptrdiff_t k = key.data ? firmnet_i_strset_add(&set, key.data, key.len, &added) : -1;
        if (k < 0) {
            rc = firmnet_i_nomem();
        } else {
            l->idx[r] = (size_t)k;
        }
    }
    firmnet_i_buf_free(&key);
    if (rc == 0) {
        /* take the strings over from the set */
        l->names = set.strs;
        l->count = set.count;
        set.strs = NULL;
        set.count = 0;
    }
    firmnet_i_strset_free(&set);
    return rc;
}

static void put_value_text(firmnet_i_out *o, double v)
{
    firmnet_i_out_num(o, v);
}

int firmnet_chart_grouped(const firmnet_table *table, const char *path, const char *group,
                          const char *series, const char *value, const char *low, const char *high,
                          const firmnet_chart_options *opts)
{
    size_t gcols[16], ngcols = 0, scol = 0, vcol, lcol = 0, hcol = 0, nrows, nmarks = 0;
    levels groups = {0}, ser = {0};
    bool have_series = series != NULL, have_interval = low != NULL;
    firmnet_i_out mem;
    double lo = INFINITY, hi = -INFINITY;
    int rc;

    firmnet_i_clear_error();
    if (table == NULL || path == NULL || group == NULL || value == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_grouped: NULL argument");
    }
    opts = chart_options(opts, &rc);
    if (rc < 0) {
        return rc;
    }
    if ((low == NULL) != (high == NULL)) {
        return firmnet_i_error(FIRMNET_EINVAL, "chart: give both interval columns or neither");
    }
    for (const char *p = group; *p != '\0';) {
        const char *end = strchr(p, ','), *stop = end ? end : p + strlen(p);
        const char *b = p, *e = stop;
        while (b < e && *b == ' ') {
            b++;
        }
        while (e > b && e[-1] == ' ') {
            e--;
        }
        if (e > b) {
            if (ngcols == sizeof gcols / sizeof gcols[0]) {
                return firmnet_i_error(FIRMNET_EINVAL, "chart: too many group columns");
            }
            rc = column(&gcols[ngcols++], table, b, (size_t)(e - b), false);
            if (rc < 0) {
                return rc;
            }
        }
        p = end ? end + 1 : stop;
    }
    if (ngcols == 0) {
        return firmnet_i_error(FIRMNET_EINVAL, "chart: no group column given");
    }
    rc = column(&vcol, table, value, strlen(value), true);
    if (rc == 0 && have_series) {
        rc = column(&scol, table, series, strlen(series), false);
    }
    if (rc == 0 && have_interval) {
        rc = column(&lcol, table, low, strlen(low), true);
        if (rc == 0) {
            rc = column(&hcol, table, high, strlen(high), true);
        }
    }
    if (rc < 0) {
        return rc;
    }
    nrows = firmnet_table_nrows(table);
    for (size_t r = 0; r < nrows; r++) {
        double v = firmnet_table_get_double(table, vcol, r);
        if (!isfinite(v)) {
            continue;
        }
        nmarks++;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
        if (have_interval) {
            double a = firmnet_table_get_double(table, lcol, r);
            double b = firmnet_table_get_double(table, hcol, r);
            if (isfinite(a) && isfinite(b)) {
                lo = fmin(lo, fmin(a, b));
                hi = fmax(hi, fmax(a, b));
            }
        }
    }
    if (nmarks == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "chart: column '%s' has no finite value", value);
    }
    rc = make_levels(&groups, table, gcols, ngcols);
    if (rc == 0 && have_series) {
        rc = make_levels(&ser, table, &scol, 1);
    }
    if (rc < 0) {
        goto cleanup;
    }

    {
        double w = opts->width > 0 ? opts->width : 760, h = opts->height > 0 ? opts->height : 480;
        size_t ns = have_series ? ser.count : 1;
        double legend_w = have_series ? 150 : 0, maxlabel = 0;
        frame f = {70, opts->title ? 48 : 20, w - 20 - legend_w, h - 50, lo, hi};
        double bw;
        bool rotate;

        if (opts->style == FIRMNET_CHART_BARS) {
            f.lo = fmin(f.lo, 0);
            f.hi = fmax(f.hi, 0);
        }
        if (f.hi == f.lo) {
            f.lo -= 1;
            f.hi += 1;
        }
        for (size_t g = 0; g < groups.count; g++) {
            double tw = 0;
            for (const unsigned char *p = (const unsigned char *)groups.names[g]; *p; p++) {
                tw += *p < 0x80 ? 6.6 : *p >= 0xE0 ? 11 : *p >= 0xC0 ? 7.7 : 0;
            }
            maxlabel = fmax(maxlabel, tw);
        }
        bw = (f.x1 - f.x0) / (double)groups.count;
        rotate = maxlabel > bw * 0.95;
        if (rotate) {
            f.y1 -= fmin(maxlabel * 0.6, h * 0.35);
        }
        firmnet_i_out_memory(&mem);
        firmnet_i_out_str(&mem, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        begin_chart(&mem, w, h, opts);
        y_axis(&mem, &f, opts->y_label ? opts->y_label : value);
        axis_lines(&mem, &f);
        /* group labels */
        firmnet_i_out_str(&mem, "<g class=\"x-axis\">\n");
        for (size_t g = 0; g < groups.count; g++) {
            double cx = f.x0 + bw * ((double)g + 0.5);
            if (rotate) {
                char rot[96];
                snprintf(rot, sizeof rot, "transform=\"rotate(-35 %ld %ld)\"", lround(cx),
                         lround(f.y1 + 14));
                firmnet_i_svg_text(&mem, cx, f.y1 + 14, "end", 11, false, rot, groups.names[g]);
            } else {
                firmnet_i_svg_text(&mem, cx, f.y1 + 16, "middle", 11, false, NULL, groups.names[g]);
            }
        }
        firmnet_i_out_str(&mem, "</g>\n");
        {
            /* default axis title: the group columns as their labels join them */
            firmnet_i_buf xl = {0};
            for (size_t c = 0; c < ngcols; c++) {
                firmnet_i_buf_printf(&xl, "%s%s", c ? " / " : "",
                                     firmnet_table_column_name(table, gcols[c]));
            }
            firmnet_i_svg_text(&mem, (f.x0 + f.x1) / 2, h - 10, "middle", 12, false, NULL,
                               opts->x_label ? opts->x_label
                               : xl.data     ? xl.data
                                             : "");
            firmnet_i_buf_free(&xl);
        }
        /* marks and whiskers */
        double slot = bw * 0.8 / (double)ns;
        firmnet_i_out_str(&mem, "<g class=\"marks\">\n");
        for (size_t r = 0; r < nrows; r++) {
            double v = firmnet_table_get_double(table, vcol, r);
            size_t s = have_series ? ser.idx[r] : 0;
            const char *color = have_series ? firmnet_i_palette(s) : firmnet_i_palette(0);
            double x = f.x0 + bw * ((double)groups.idx[r] + 0.1) + slot * ((double)s + 0.5);
            if (!isfinite(v)) {
                continue;
            }
            if (have_interval) {
                double a = firmnet_table_get_double(table, lcol, r);
                double b = firmnet_table_get_double(table, hcol, r);
                if (isfinite(a) && isfinite(b)) {
                    double cap = fmin(5, slot * 0.3);
                    firmnet_i_out_str(&mem, "<path class=\"whisker\" d=\"M");
                    firmnet_i_out_fixed(&mem, x, 2);
                    firmnet_i_out_str(&mem, " ");
                    firmnet_i_out_fixed(&mem, fy(&f, a), 2);
                    firmnet_i_out_str(&mem, "V");
                    firmnet_i_out_fixed(&mem, fy(&f, b), 2);
                    firmnet_i_out_str(&mem, "M");
                    firmnet_i_out_fixed(&mem, x - cap, 2);
                    firmnet_i_out_str(&mem, " ");
                    firmnet_i_out_fixed(&mem, fy(&f, a), 2);
                    firmnet_i_out_str(&mem, "H");
                    firmnet_i_out_fixed(&mem, x + cap, 2);
                    firmnet_i_out_str(&mem, "M");
                    firmnet_i_out_fixed(&mem, x - cap, 2);
                    firmnet_i_out_str(&mem, " ");
                    firmnet_i_out_fixed(&mem, fy(&f, b), 2);
                    firmnet_i_out_str(&mem, "H");
                    firmnet_i_out_fixed(&mem, x + cap, 2);
                    firmnet_i_out_printf(&mem,
                                         "\" stroke=\"%s\" stroke-width=\"1.5\" "
                                         "fill=\"none\"/>\n",
                                         opts->style == FIRMNET_CHART_BARS ? "#333333" : color);
                }
            }
            if (opts->style == FIRMNET_CHART_BARS) {
                double y0 = fy(&f, fmax(v, 0)), y1 = fy(&f, fmin(v, 0));
                firmnet_i_out_str(&mem, "<rect class=\"mark\" x=\"");
                firmnet_i_out_fixed(&mem, x - slot * 0.4, 2);
                firmnet_i_out_str(&mem, "\" y=\"");
                firmnet_i_out_fixed(&mem, y0, 2);
                firmnet_i_out_str(&mem, "\" width=\"");
                firmnet_i_out_fixed(&mem, slot * 0.8, 2);
                firmnet_i_out_str(&mem, "\" height=\"");
                firmnet_i_out_fixed(&mem, y1 - y0, 2);
                firmnet_i_out_printf(&mem, "\" fill=\"%s\"><title>", color);
            } else {
                firmnet_i_out_str(&mem, "<circle class=\"mark\" cx=\"");
                firmnet_i_out_fixed(&mem, x, 2);
                firmnet_i_out_str(&mem, "\" cy=\"");
                firmnet_i_out_fixed(&mem, fy(&f, v), 2);
                firmnet_i_out_printf(&mem, "\" r=\"4\" fill=\"%s\"><title>", color);
            }
            firmnet_i_out_xml(&mem, groups.names[groups.idx[r]]);
            if (have_series) {
                firmnet_i_out_str(&mem, ", ");
                firmnet_i_out_xml(&mem, ser.names[s]);
            }
            firmnet_i_out_str(&mem, ": ");
            put_value_text(&mem, v);
            if (have_interval) {
                firmnet_i_out_str(&mem, " [");
                put_value_text(&mem, firmnet_table_get_double(table, lcol, r));
                firmnet_i_out_str(&mem, ", ");
                put_value_text(&mem, firmnet_table_get_double(table, hcol, r));
                firmnet_i_out_str(&mem, "]");
            }
            firmnet_i_out_str(&mem, opts->style == FIRMNET_CHART_BARS ? "</title></rect>\n"
                                                                      : "</title></circle>\n");
        }
        firmnet_i_out_str(&mem, "</g>\n");
        if (have_series) {
            double lx = w - legend_w, ly = f.y0 + 12;
            firmnet_i_out_str(&mem, "<g class=\"legend\">\n");
            firmnet_i_svg_text(&mem, lx, ly, "start", 12, true, NULL, series);
            for (size_t s = 0; s < ser.count; s++) {
                ly += 18;
                firmnet_i_out_str(&mem, "<rect x=\"");
                firmnet_i_out_fixed(&mem, lx, 2);
                firmnet_i_out_str(&mem, "\" y=\"");
                firmnet_i_out_fixed(&mem, ly - 10, 2);
                firmnet_i_out_printf(&mem, "\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                                     firmnet_i_palette(s));
                firmnet_i_svg_text(&mem, lx + 18, ly, "start", 11, false, NULL, ser.names[s]);
            }
            firmnet_i_out_str(&mem, "</g>\n");
        }
        firmnet_i_out_str(&mem, "</svg>\n");
    }
    rc = firmnet_i_out_save(&mem, path);
cleanup:
    levels_free(&groups);
    levels_free(&ser);
    return rc;
}

/* ---- histograms --------------------------------------------------------------------------- */

int firmnet_chart_histogram(const firmnet_table *table, const char *path, const char *value,
                            const firmnet_chart_options *opts)
{
    size_t vcol, nrows, n = 0, missing = 0, k, *count = NULL, maxcount = 0;
    double lo = INFINITY, hi = -INFINITY, width;
    firmnet_i_out mem;
    int rc;

    firmnet_i_clear_error();
    if (table == NULL || path == NULL || value == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_chart_histogram: NULL argument");
    }
    opts = chart_options(opts, &rc);
    if (rc == 0) {
        rc = column(&vcol, table, value, strlen(value), true);
    }
    if (rc < 0) {
        return rc;
    }
    nrows = firmnet_table_nrows(table);
    for (size_t r = 0; r < nrows; r++) {
        double v = firmnet_table_get_double(table, vcol, r);
        if (!isfinite(v)) {
            missing++;
            continue;
        }
        n++;
        lo = fmin(lo, v);
        hi = fmax(hi, v);
    }
    if (n == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "histogram: column '%s' has no finite value", value);
    }
    /* Sturges: ceil(log2 n) + 1 bins */
    k = opts->bins > 0 ? (size_t)opts->bins : (size_t)ceil(log2((double)n)) + 1;
    if (hi == lo) {
        lo -= 0.5;
        hi += 0.5;
    }
    width = (hi - lo) / (double)k;
    count = firmnet_i_calloc(k, sizeof *count);
    if (count == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t r = 0; r < nrows; r++) {
        double v = firmnet_table_get_double(table, vcol, r);
        if (isfinite(v)) {
            size_t b = (size_t)floor((v - lo) / width);
            b = b >= k ? k - 1 : b; /* the maximum belongs to the last bin */
            count[b]++;
            maxcount = count[b] > maxcount ? count[b] : maxcount;
        }
    }
    {
        double w = opts->width > 0 ? opts->width : 760, h = opts->height > 0 ? opts->height : 480;
        frame f = {70, opts->title ? 48 : 20, w - 20, h - 50, 0, (double)maxcount};
        double first, step, sx;
        int nt, decimals;
        char note[96];

        firmnet_i_out_memory(&mem);
        firmnet_i_out_str(&mem, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        begin_chart(&mem, w, h, opts);
        y_axis(&mem, &f, opts->y_label ? opts->y_label : "count");
        sx = (f.x1 - f.x0) / (hi - lo);
        firmnet_i_out_str(&mem, "<g class=\"bars\" fill=\"#4E79A7\" stroke=\"#ffffff\" "
                                "stroke-width=\"0.5\">\n");
        for (size_t b = 0; b < k; b++) {
            double x0 = f.x0 + (double)b * width * sx, y0 = fy(&f, (double)count[b]);
            firmnet_i_out_str(&mem, "<rect class=\"bar\" x=\"");
            firmnet_i_out_fixed(&mem, x0, 2);
            firmnet_i_out_str(&mem, "\" y=\"");
            firmnet_i_out_fixed(&mem, y0, 2);
            firmnet_i_out_str(&mem, "\" width=\"");
            firmnet_i_out_fixed(&mem, width * sx, 2);
            firmnet_i_out_str(&mem, "\" height=\"");
            firmnet_i_out_fixed(&mem, f.y1 - y0, 2);
            firmnet_i_out_str(&mem, "\"><title>[");
            firmnet_i_out_num(&mem, lo + (double)b * width);
            firmnet_i_out_str(&mem, ", ");
            firmnet_i_out_num(&mem, lo + (double)(b + 1) * width);
            firmnet_i_out_printf(&mem, "%s: %zu</title></rect>\n", b + 1 == k ? "]" : ")",
                                 count[b]);
        }
        firmnet_i_out_str(&mem, "</g>\n");
        axis_lines(&mem, &f);
        firmnet_i_nice_ticks(lo, hi, 6, &first, &step, &nt);
        decimals = tick_decimals(step);
        firmnet_i_out_str(&mem, "<g class=\"x-axis\">\n");
        for (int t = 0; t < nt; t++) {
            double v = first + t * step, x = f.x0 + (v - lo) * sx;
            if (v < lo - 1e-9 * step || v > hi + 1e-9 * step) {
                continue;
            }
            firmnet_i_out_str(&mem, "<path d=\"M");
            firmnet_i_out_fixed(&mem, x, 2);
            firmnet_i_out_str(&mem, " ");
            firmnet_i_out_fixed(&mem, f.y1, 2);
            firmnet_i_out_str(&mem, "v5\" stroke=\"#444444\"/>\n");
            put_tick_label(&mem, x, f.y1 + 18, "middle", v, decimals);
        }
        firmnet_i_out_str(&mem, "</g>\n");
        firmnet_i_svg_text(&mem, (f.x0 + f.x1) / 2, h - 10, "middle", 12, false, NULL,
                           opts->x_label ? opts->x_label : value);
        if (missing > 0) {
            snprintf(note, sizeof note, "n = %zu (%zu missing)", n, missing);
        } else {
            snprintf(note, sizeof note, "n = %zu", n);
        }
        firmnet_i_svg_text(&mem, f.x1, f.y0 + 12, "end", 11, false, "fill=\"#555555\"", note);
        firmnet_i_out_str(&mem, "</svg>\n");
    }
    rc = firmnet_i_out_save(&mem, path);
    firmnet_i_free(count);
    return rc;
}
