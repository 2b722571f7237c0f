/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Result tables and their CSV/TSV/JSON writers (atomic, optionally gzip) and CSV reader. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "internal.h"

typedef struct column {
    char *name;
    firmnet_column_type type;
    double *d;
    char **s;
} column;

struct firmnet_table {
    size_t nrows, ncols, cap;
    column *cols;
};

int firmnet_table_new(firmnet_table **out, size_t nrows)
{
    firmnet_table *t;
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_new: NULL out");
    }
    t = firmnet_i_calloc(1, sizeof *t);
    if (t == NULL) {
        return firmnet_i_nomem();
    }
    t->nrows = nrows;
    *out = t;
    return 0;
}

static void column_free(column *c, size_t nrows)
{
    if (c->s != NULL) {
        for (size_t r = 0; r < nrows; r++) {
            firmnet_i_free(c->s[r]);
        }
    }
    firmnet_i_free(c->s);
    firmnet_i_free(c->d);
    firmnet_i_free(c->name);
}

void firmnet_table_free(firmnet_table *t)
{
    if (t == NULL) {
        return;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        column_free(&t->cols[c], t->nrows);
    }
    firmnet_i_free(t->cols);
    firmnet_i_free(t);
}

size_t firmnet_table_nrows(const firmnet_table *t)
{
    return t ? t->nrows : 0;
}

size_t firmnet_table_ncols(const firmnet_table *t)
{
    return t ? t->ncols : 0;
}

const char *firmnet_table_column_name(const firmnet_table *t, size_t col)
{
    return t && col < t->ncols ? t->cols[col].name : NULL;
}

int firmnet_table_column_type(const firmnet_table *t, size_t col)
{
    firmnet_i_clear_error();
    if (t == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_column_type: NULL table");
    }
    if (col >= t->ncols) {
        return firmnet_i_error(FIRMNET_ERANGE, "column %zu out of range", col);
    }
    return (int)t->cols[col].type;
}

int firmnet_table_column_index(size_t *out, const firmnet_table *t, const char *name)
{
    if (out == NULL || t == NULL || name == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_column_index: NULL argument");
    }
    for (size_t c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, name) == 0) {
            *out = c;
            return 0;
        }
    }
    return firmnet_i_error(FIRMNET_ENOTFOUND, "no column '%s' in the table", name);
}

/* Reserve a new column slot with a checked name; returns it or NULL (error set). */
static column *new_column(firmnet_table *t, const char *name)
{
    size_t dummy;
    column *c;
    if (t == NULL || name == NULL || name[0] == '\0') {
        firmnet_i_error(FIRMNET_EINVAL, "table column needs a name");
        return NULL;
    }
    for (size_t k = 0; k < t->ncols; k++) {
        if (strcmp(t->cols[k].name, name) == 0) {
            firmnet_i_error(FIRMNET_EINVAL, "duplicate table column '%s'", name);
            return NULL;
        }
    }
    (void)dummy;
    if (t->ncols == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        column *cols = firmnet_i_reallocarray(t->cols, cap, sizeof *cols);
        if (cols == NULL) {
            firmnet_i_nomem();
            return NULL;
        }
        t->cols = cols;
        t->cap = cap;
    }
    c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->name = firmnet_i_strdup(name);
    if (c->name == NULL) {
        firmnet_i_nomem();
        return NULL;
    }
    return c;
}

int firmnet_table_add_double(firmnet_table *t, const char *name, const double *values)
{
    column *c = new_column(t, name);
    if (c == NULL) {
        return firmnet_last_error_code();
    }
    c->type = FIRMNET_COLUMN_DOUBLE;
    c->d = firmnet_i_reallocarray(NULL, t->nrows ? t->nrows : 1, sizeof *c->d);
    if (c->d == NULL) {
        firmnet_i_free(c->name);
        return firmnet_i_nomem();
    }
    for (size_t r = 0; r < t->nrows; r++) {
        c->d[r] = values ? values[r] : NAN;
    }
    t->ncols++;
    return 0;
}

int firmnet_i_table_add_string_owned(firmnet_table *t, const char *name, char **values)
{
    column *c = new_column(t, name);
    if (c == NULL) {
        if (values != NULL) {
            for (size_t r = 0; r < t->nrows; r++) {
                firmnet_i_free(values[r]);
            }
        }
        firmnet_i_free(values);
        return firmnet_last_error_code();
    }
    c->type = FIRMNET_COLUMN_STRING;
    c->s = values;
    if (c->s == NULL) {
        c->s = firmnet_i_calloc(t->nrows ? t->nrows : 1, sizeof *c->s);
        if (c->s == NULL) {
            firmnet_i_free(c->name);
            return firmnet_i_nomem();
        }
    }
    t->ncols++;
    return 0;
}

int firmnet_table_add_string(firmnet_table *t, const char *name, const char *const *values)
{
    char **copy;
    if (t == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL table");
    }
    copy = firmnet_i_calloc(t->nrows ? t->nrows : 1, sizeof *copy);
    if (copy == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t r = 0; values != NULL && r < t->nrows; r++) {
        if (values[r] != NULL && values[r][0] != '\0') {
            copy[r] = firmnet_i_strdup(values[r]);
            if (copy[r] == NULL) {
                for (size_t k = 0; k < r; k++) {
                    firmnet_i_free(copy[k]);
                }
                firmnet_i_free(copy);
                return firmnet_i_nomem();
            }
        }
    }
    return firmnet_i_table_add_string_owned(t, name, copy);
}

double firmnet_table_get_double(const firmnet_table *t, size_t col, size_t row)
{
    if (t == NULL || col >= t->ncols || row >= t->nrows || t->cols[col].type != FIRMNET_COLUMN_DOUBLE) {
        return NAN;
    }
    return t->cols[col].d[row];
}

const char *firmnet_table_get_string(const firmnet_table *t, size_t col, size_t row)
{
    if (t == NULL || col >= t->ncols || row >= t->nrows || t->cols[col].type != FIRMNET_COLUMN_STRING) {
        return NULL;
    }
    return t->cols[col].s[row] ? t->cols[col].s[row] : "";
}

static int check_cell(const firmnet_table *t, size_t col, size_t row, firmnet_column_type type)
{
    if (t == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL table");
    }
    if (col >= t->ncols || row >= t->nrows) {
        return firmnet_i_error(FIRMNET_ERANGE, "cell (%zu, %zu) out of range", col, row);
    }
    if (t->cols[col].type != type) {
        return firmnet_i_error(FIRMNET_EINVAL, "column '%s' is not %s", t->cols[col].name,
                               type == FIRMNET_COLUMN_DOUBLE ? "numeric" : "a string column");
    }
    return 0;
}

int firmnet_table_get_doubles(const firmnet_table *t, size_t col, double *out, size_t len)
{
    int rc = check_cell(t, col, 0, FIRMNET_COLUMN_DOUBLE);
    if (rc < 0 && !(rc == FIRMNET_ERANGE && t != NULL && col < t->ncols && t->nrows == 0)) {
        return rc;
    }
    if (out == NULL || len < t->nrows) {
        return firmnet_i_error(FIRMNET_ERANGE, "buffer too small for %zu rows", t->nrows);
    }
    if (t->nrows > 0) {
        memcpy(out, t->cols[col].d, t->nrows * sizeof *out);
    }
    return 0;
}

int firmnet_table_set_double(firmnet_table *t, size_t col, size_t row, double value)
{
    int rc = check_cell(t, col, row, FIRMNET_COLUMN_DOUBLE);
    if (rc < 0) {
        return rc;
    }
    t->cols[col].d[row] = value;
    return 0;
}

int firmnet_table_set_string(firmnet_table *t, size_t col, size_t row, const char *value)
{
    char *copy = NULL;
    int rc = check_cell(t, col, row, FIRMNET_COLUMN_STRING);
    if (rc < 0) {
        return rc;
    }
    if (value != NULL && value[0] != '\0') {
        copy = firmnet_i_strdup(value);
        if (copy == NULL) {
            return firmnet_i_nomem();
        }
    }
    firmnet_i_free(t->cols[col].s[row]);
    t->cols[col].s[row] = copy;
    return 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

/* A CSV/TSV cell: quoted when it holds the delimiter, a quote, a line end or edge spaces. */
static void put_text_cell(firmnet_i_out *o, const char *v, char delim)
{
    size_t n = strlen(v);
    bool quote = n > 0 && (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t');
    for (const char *p = v; *p && !quote; p++) {
        quote = *p == delim || *p == '"' || *p == '\n' || *p == '\r';
    }
    if (!quote) {
        firmnet_i_out_put(o, v, n);
        return;
    }
    firmnet_i_out_put(o, "\"", 1);
    for (const char *p = v; *p; p++) {
        if (*p == '"') {
            firmnet_i_out_put(o, "\"\"", 2);
        } else {
            firmnet_i_out_put(o, p, 1);
        }
    }
    firmnet_i_out_put(o, "\"", 1);
}

static void put_json_string(firmnet_i_out *o, const char *v)
{
    firmnet_i_out_put(o, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            firmnet_i_out_put(o, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            firmnet_i_out_str(o, esc);
        } else {
            firmnet_i_out_put(o, (const char *)p, 1);
        }
    }
    firmnet_i_out_put(o, "\"", 1);
}

/* Write the table; the first failure is kept in o (see firmnet_i_out). */
static void write_rows(const firmnet_table *t, firmnet_i_out *o, firmnet_format fmt)
{
    char num[40];
    if (fmt == FIRMNET_FORMAT_JSON) {
        firmnet_i_out_str(o, "[");
        for (size_t r = 0; o->rc == 0 && r < t->nrows; r++) {
            firmnet_i_out_str(o, r ? ",\n{" : "\n{");
            for (size_t c = 0; c < t->ncols; c++) {
                const column *col = &t->cols[c];
                if (c) {
                    firmnet_i_out_str(o, ", ");
                }
                put_json_string(o, col->name);
                firmnet_i_out_str(o, ": ");
                if (col->type == FIRMNET_COLUMN_STRING) {
                    put_json_string(o, col->s[r] ? col->s[r] : "");
                } else if (isfinite(col->d[r])) {
                    firmnet_i_format_double(num, sizeof num, col->d[r]);
                    firmnet_i_out_str(o, num);
                } else {
                    firmnet_i_out_str(o, "null");
                }
            }
            firmnet_i_out_str(o, "}");
        }
        firmnet_i_out_str(o, "\n]\n");
        return;
    }
    char delim = fmt == FIRMNET_FORMAT_TSV ? '\t' : ',';
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) {
            firmnet_i_out_put(o, &delim, 1);
        }
        put_text_cell(o, t->cols[c].name, delim);
    }
    firmnet_i_out_str(o, "\n");
    for (size_t r = 0; o->rc == 0 && r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const column *col = &t->cols[c];
            if (c) {
                firmnet_i_out_put(o, &delim, 1);
            }
            if (col->type == FIRMNET_COLUMN_STRING) {
                put_text_cell(o, col->s[r] ? col->s[r] : "", delim);
            } else {
                firmnet_i_format_double(num, sizeof num, col->d[r]);
                firmnet_i_out_str(o, num);
            }
        }
        firmnet_i_out_str(o, "\n");
    }
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && firmnet_i_strcasecmp(s + n - k, suffix) == 0;
}

static firmnet_format format_from_name(const char *path)
{
    char base[64];
    size_t n = strlen(path);
    if (ends_with(path, ".gz")) {
        n -= 3;
    }
    size_t start = n > 5 ? n - 5 : 0;
    snprintf(base, sizeof base, "%.*s", (int)(n - start), path + start);
    if (ends_with(base, ".tsv") || ends_with(base, ".tab")) {
        return FIRMNET_FORMAT_TSV;
    }
    if (ends_with(base, ".json")) {
        return FIRMNET_FORMAT_JSON;
    }
    return FIRMNET_FORMAT_CSV;
}

/* ---- writing tables ------------------------------------------------------------------------ */

int firmnet_table_write(const firmnet_table *t, const char *path, firmnet_format fmt)
{
    firmnet_i_out out;
    int rc;

    firmnet_i_clear_error();
    if (t == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_write: NULL argument");
    }
    if ((int)fmt < FIRMNET_FORMAT_AUTO || fmt > FIRMNET_FORMAT_JSON) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_write: invalid format %d", (int)fmt);
    }
    if (path[0] == '\0') {
        return firmnet_i_error(FIRMNET_EIO, "cannot write to an empty file name");
    }
    /* the file is written to a temporary name beside it and renamed into place (output.c) */
    rc = firmnet_i_out_open(&out, path);
    if (rc < 0) {
        return rc;
    }
    if (fmt == FIRMNET_FORMAT_AUTO) {
        fmt = out.to_stdout ? FIRMNET_FORMAT_CSV : format_from_name(path);
    }
    write_rows(t, &out, fmt);
    return firmnet_i_out_close(&out, 0);
}

/* ---- reading back --------------------------------------------------------------------------- */

int firmnet_table_read(firmnet_table **out, const char *path)
{
    firmnet_i_csv *csv = NULL;
    firmnet_table *t = NULL;
    char ***cells = NULL; /* per column, per row */
    size_t ncols = 0, nrows = 0, cap = 0;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_read: NULL argument");
    }
    rc = firmnet_i_csv_open(&csv, path, NULL, NULL);
    if (rc < 0) {
        return rc;
    }
    rc = firmnet_i_csv_header(csv);
    if (rc < 0) {
        goto cleanup;
    }
    ncols = firmnet_i_csv_nfields(csv);
    cells = firmnet_i_calloc(ncols, sizeof *cells);
    if (cells == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    while ((rc = firmnet_i_csv_next(csv)) > 0) {
        if (nrows == cap) {
            cap = cap ? cap * 2 : 64;
            for (size_t c = 0; c < ncols; c++) {
                char **p = firmnet_i_reallocarray(cells[c], cap, sizeof *p);
                if (p == NULL) {
                    rc = firmnet_i_nomem();
                    goto cleanup;
                }
                cells[c] = p;
            }
        }
        for (size_t c = 0; c < ncols; c++) {
            cells[c][nrows] = firmnet_i_strdup(firmnet_i_csv_field(csv, c));
            if (cells[c][nrows] == NULL) {
                for (size_t k = 0; k < c; k++) {
                    firmnet_i_free(cells[k][nrows]);
                }
                rc = firmnet_i_nomem();
                goto cleanup;
            }
        }
        nrows++;
    }
    if (rc < 0) {
        goto cleanup;
    }
    rc = firmnet_table_new(&t, nrows);
    for (size_t c = 0; rc == 0 && c < ncols; c++) {
        bool numeric = true;
        double *d = firmnet_i_malloc((nrows ? nrows : 1) * sizeof *d);
        if (d == NULL) {
            rc = firmnet_i_nomem();
            break;
        }
        for (size_t r = 0; r < nrows && numeric; r++) {
            if (cells[c][r][0] == '\0') {
                d[r] = NAN;
            } else if (!firmnet_i_parse_double(cells[c][r], &d[r])) {
                numeric = false;
            }
        }
        if (numeric) {
            rc = firmnet_table_add_double(t, firmnet_i_csv_header_name(csv, c), d);
        } else {
            rc = firmnet_table_add_string(t, firmnet_i_csv_header_name(csv, c),
                                          (const char *const *)cells[c]);
        }
        firmnet_i_free(d);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    for (size_t c = 0; cells != NULL && c < ncols; c++) {
        for (size_t r = 0; cells[c] != NULL && r < nrows; r++) {
            firmnet_i_free(cells[c][r]);
        }
        firmnet_i_free(cells[c]);
    }
    firmnet_i_free(cells);
    firmnet_table_free(t);
    firmnet_i_csv_close(csv);
    return rc < 0 ? rc : 0;
}

/* ---- network tables -------------------------------------------------------------------------- */

int firmnet_network_actors_table(firmnet_table **out, const firmnet_network *net)
{
    firmnet_table *t = NULL;
    size_t n;
    int rc;
    if (out == NULL || net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_actors_table: NULL argument");
    }
    n = net->ids.count;
    rc = firmnet_table_new(&t, n);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "id", (const char *const *)net->ids.strs);
    }
    for (size_t a = 0; rc == 0 && a < net->nattrs; a++) {
        const firmnet_i_attr *at = &net->attrs[a];
        if (at->non_blank > 0 && at->non_numeric == 0) {
            double *d = firmnet_i_malloc((n ? n : 1) * sizeof *d);
            if (d == NULL) {
                rc = firmnet_i_nomem();
                break;
            }
            for (size_t i = 0; i < n; i++) {
                if (!firmnet_i_parse_double(firmnet_i_attr_value(net, a, i), &d[i])) {
                    d[i] = NAN;
                }
            }
            rc = firmnet_table_add_double(t, at->name, d);
            firmnet_i_free(d);
        } else {
            rc = firmnet_table_add_string(t, at->name, (const char *const *)at->values);
        }
    }
    if (rc < 0) {
        firmnet_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

int firmnet_network_ties_table(firmnet_table **out, const firmnet_network *net)
{
    firmnet_table *t = NULL;
    const char **cols[4] = {NULL, NULL, NULL, NULL};
    static const char *const names[4] = {"wave", "layer", "source", "target"};
    size_t m;
    int rc;
    if (out == NULL || net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_ties_table: NULL argument");
    }
    m = net->nties;
    rc = firmnet_table_new(&t, m);
    for (int c = 0; rc == 0 && c < 4; c++) {
        cols[c] = firmnet_i_malloc((m ? m : 1) * sizeof *cols[c]);
        if (cols[c] == NULL) {
            rc = firmnet_i_nomem();
        }
    }
    if (rc == 0) {
        for (size_t k = 0; k < m; k++) {
            cols[0][k] = net->waves.strs[net->wave[k]];
            cols[1][k] = net->layers.strs[net->layer[k]];
            cols[2][k] = net->ids.strs[net->src[k]];
            cols[3][k] = net->ids.strs[net->tgt[k]];
        }
    }
    for (int c = 0; rc == 0 && c < 4; c++) {
        rc = firmnet_table_add_string(t, names[c], cols[c]);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "weight", net->weight);
    }
    for (int c = 0; c < 4; c++) {
        firmnet_i_free(cols[c]);
    }
    if (rc < 0) {
        firmnet_table_free(t);
        return rc;
    }
    *out = t;
    return 0;
}
