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

typedef struct sink {
    FILE *fp;
    gzFile gz;
    firmnet_i_buf buf;
    const char *path;
    int err; /* errno of the first failure */
} sink;

static int sink_flush(sink *s)
{
    if (s->buf.len == 0) {
        return 0;
    }
    if (s->gz != NULL) {
        if (gzwrite(s->gz, s->buf.data, (unsigned)s->buf.len) != (int)s->buf.len) {
            int zerr;
            const char *m = gzerror(s->gz, &zerr);
            s->buf.len = 0;
            return firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", s->path,
                                   zerr == Z_ERRNO ? strerror(errno) : m);
        }
    } else if (fwrite(s->buf.data, 1, s->buf.len, s->fp) != s->buf.len) {
        s->buf.len = 0;
        return firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", s->path, strerror(errno));
    }
    s->buf.len = 0;
    return 0;
}

static int sink_put(sink *s, const char *p, size_t n)
{
    int rc = firmnet_i_buf_put(&s->buf, p, n);
    if (rc == 0 && s->buf.len >= 1 << 16) {
        rc = sink_flush(s);
    }
    return rc;
}

static int sink_str(sink *s, const char *p)
{
    return sink_put(s, p, strlen(p));
}

/* A CSV/TSV cell: quoted when it holds the delimiter, a quote, a line end or edge spaces. */
static int put_text_cell(sink *s, const char *v, char delim)
{
    size_t n = strlen(v);
    bool quote = n > 0 && (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t');
    for (const char *p = v; *p && !quote; p++) {
        quote = *p == delim || *p == '"' || *p == '\n' || *p == '\r';
    }
    if (!quote) {
        return sink_put(s, v, n);
    }
    int rc = sink_put(s, "\"", 1);
    for (const char *p = v; rc == 0 && *p; p++) {
        rc = *p == '"' ? sink_put(s, "\"\"", 2) : sink_put(s, p, 1);
    }
    return rc == 0 ? sink_put(s, "\"", 1) : rc;
}

static int put_json_string(sink *s, const char *v)
{
    int rc = sink_put(s, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)v; rc == 0 && *p; p++) {
        char esc[8];
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            rc = sink_put(s, esc, 2);
        } else if (*p < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *p);
            rc = sink_str(s, esc);
        } else {
            rc = sink_put(s, (const char *)p, 1);
        }
    }
    return rc == 0 ? sink_put(s, "\"", 1) : rc;
}

static int write_rows(const firmnet_table *t, sink *s, firmnet_format fmt)
{
    char num[40];
    int rc = 0;
    if (fmt == FIRMNET_FORMAT_JSON) {
        rc = sink_str(s, "[");
        for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
            rc = sink_str(s, r ? ",\n{" : "\n{");
            for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
                const column *col = &t->cols[c];
                rc = c ? sink_str(s, ", ") : 0;
                if (rc == 0) {
                    rc = put_json_string(s, col->name);
                }
                if (rc == 0) {
                    rc = sink_str(s, ": ");
                }
                if (rc == 0 && col->type == FIRMNET_COLUMN_STRING) {
                    rc = put_json_string(s, col->s[r] ? col->s[r] : "");
                } else if (rc == 0) {
                    if (isfinite(col->d[r])) {
                        firmnet_i_format_double(num, sizeof num, col->d[r]);
                        rc = sink_str(s, num);
                    } else {
                        rc = sink_str(s, "null");
                    }
                }
            }
            if (rc == 0) {
                rc = sink_str(s, "}");
            }
        }
        return rc == 0 ? sink_str(s, "\n]\n") : rc;
    }
    char delim = fmt == FIRMNET_FORMAT_TSV ? '\t' : ',';
    for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
        rc = c ? sink_put(s, &delim, 1) : 0;
        if (rc == 0) {
            rc = put_text_cell(s, t->cols[c].name, delim);
        }
    }
    rc = rc == 0 ? sink_str(s, "\n") : rc;
    for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
        for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
            const column *col = &t->cols[c];
            rc = c ? sink_put(s, &delim, 1) : 0;
            if (rc == 0 && col->type == FIRMNET_COLUMN_STRING) {
                rc = put_text_cell(s, col->s[r] ? col->s[r] : "", delim);
            } else if (rc == 0) {
                firmnet_i_format_double(num, sizeof num, col->d[r]);
                rc = sink_str(s, num);
            }
        }
        rc = rc == 0 ? sink_str(s, "\n") : rc;
    }
    return rc;
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

/* ---- atomic output files ------------------------------------------------------------------ */

/* Create a new file next to @p target with a random name; 0666 before the umask, like
 * fopen(path, "w") would, where mkstemp() would give 0600. */
static int create_temp(firmnet_i_out *o)
{
    static unsigned long counter;
    const char *slash = strrchr(o->target, '/');
    size_t dirlen = slash ? (size_t)(slash - o->target) + 1 : 0;
    size_t n = strlen(o->target) + 40;
    o->tmp = firmnet_i_malloc(n);
    if (o->tmp == NULL) {
        return firmnet_i_nomem();
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        unsigned long k = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long r = (unsigned long)firmnet_i_hash_bytes(&ts, sizeof ts) ^
                          ((unsigned long)getpid() << 20) ^ k;
        /* hidden (leading dot) so that a killed run leaves no look-alike of the result */
        snprintf(o->tmp, n, "%.*s.%s.%06lx.tmp", (int)dirlen, o->target, o->target + dirlen,
                 r & 0xffffff);
        o->fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (o->fd >= 0) {
            return 0;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    int rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot create a temporary file beside it: %s",
                             o->path, strerror(errno));
    firmnet_i_free(o->tmp);
    o->tmp = NULL;
    return rc;
}

int firmnet_i_out_open(firmnet_i_out *o, const char *path)
{
    struct stat st;
    memset(o, 0, sizeof *o);
    o->fd = -1;
    o->path = path;
    if (strcmp(path, "-") == 0) {
        o->path = "<stdout>";
        return 0;
    }
    if (path[0] == '\0') {
        return firmnet_i_error(FIRMNET_EIO, "cannot write to an empty file name");
    }
    /* Write where a symbolic link points, so that the rename replaces the file, not the link. */
    o->target = realpath(path, NULL);
    if (o->target == NULL) {
        o->target = firmnet_i_strdup(path);
        if (o->target == NULL) {
            return firmnet_i_nomem();
        }
    } else {
        /* realpath() allocates with malloc(); keep every library allocation on one allocator */
        char *copy = firmnet_i_strdup(o->target);
        free(o->target);
        o->target = copy;
        if (o->target == NULL) {
            return firmnet_i_nomem();
        }
    }
    if (stat(o->target, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device, pipe or directory: written in place (renaming a temporary file over
         * /dev/stdout or a FIFO would replace the special file); a directory fails here. */
        o->fd = open(o->target, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (o->fd < 0) {
            int rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot write: %s", path, strerror(errno));
            firmnet_i_free(o->target);
            o->target = NULL;
            return rc;
        }
        o->direct = true;
        return 0;
    }
    int rc = create_temp(o);
    if (rc < 0) {
        firmnet_i_free(o->target);
        o->target = NULL;
        return rc;
    }
    if (stat(o->target, &st) == 0) {
        /* replacing a file: keep its permissions */
        (void)fchmod(o->fd, st.st_mode & 07777);
    }
    return 0;
}

FILE *firmnet_i_out_fdopen(firmnet_i_out *o)
{
    int fd;
    FILE *fp;
    if (o->fd < 0) {
        return stdout;
    }
    fd = dup(o->fd);
    if (fd < 0) {
        firmnet_i_error(FIRMNET_EIO, "%s: cannot write: %s", o->path, strerror(errno));
        return NULL;
    }
    fp = fdopen(fd, "wb");
    if (fp == NULL) {
        close(fd);
        firmnet_i_error(FIRMNET_EIO, "%s: cannot write: %s", o->path, strerror(errno));
    }
    return fp;
}

static void out_release(firmnet_i_out *o)
{
    if (o->fd >= 0) {
        close(o->fd);
        o->fd = -1;
    }
    firmnet_i_free(o->tmp);
    firmnet_i_free(o->target);
    o->tmp = o->target = NULL;
}

void firmnet_i_out_abort(firmnet_i_out *o)
{
    if (o->tmp != NULL) {
        unlink(o->tmp);
    }
    out_release(o);
}

int firmnet_i_out_commit(firmnet_i_out *o)
{
    int rc = 0;
    if (o->fd < 0) {
        if (fflush(stdout) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "<stdout>: write failed: %s", strerror(errno));
        }
        return rc;
    }
    if (o->tmp != NULL) {
        /* The data must be on disk before the name points to it, or a crash right after the
         * rename could leave an empty file where the old result was. */
        if (fsync(o->fd) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", o->path, strerror(errno));
        }
        if (close(o->fd) != 0 && rc == 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", o->path, strerror(errno));
        }
        o->fd = -1;
        if (rc == 0 && rename(o->tmp, o->target) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot rename into place: %s", o->path,
                                 strerror(errno));
        }
        if (rc < 0) {
            firmnet_i_out_abort(o);
            return rc;
        }
    }
    out_release(o);
    return rc;
}

/* ---- writing tables ------------------------------------------------------------------------ */

int firmnet_table_write(const firmnet_table *t, const char *path, firmnet_format fmt)
{
    sink s = {0};
    firmnet_i_out out;
    int rc, zr;
    bool gz;

    firmnet_i_clear_error();
    if (t == NULL || path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_write: NULL argument");
    }
    if ((int)fmt < FIRMNET_FORMAT_AUTO || fmt > FIRMNET_FORMAT_JSON) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_table_write: invalid format %d", (int)fmt);
    }
    rc = firmnet_i_out_open(&out, path);
    if (rc < 0) {
        return rc;
    }
    gz = out.fd >= 0 && ends_with(path, ".gz");
    if (fmt == FIRMNET_FORMAT_AUTO) {
        fmt = out.fd < 0 ? FIRMNET_FORMAT_CSV : format_from_name(path);
    }
    s.path = out.path;
    if (gz) {
        int fd = dup(out.fd);
        s.gz = fd < 0 ? NULL : gzdopen(fd, "wb6");
        if (s.gz == NULL) {
            if (fd >= 0) {
                close(fd);
            }
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot start gzip output", path);
            goto fail;
        }
    } else {
        s.fp = firmnet_i_out_fdopen(&out);
        if (s.fp == NULL) {
            rc = firmnet_last_error_code();
            goto fail;
        }
    }
    rc = write_rows(t, &s, fmt);
    if (rc == 0) {
        rc = sink_flush(&s);
    }
    firmnet_i_buf_free(&s.buf);
    if (s.gz != NULL) {
        zr = gzclose(s.gz);
        if (rc == 0 && zr != Z_OK) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed (gzip close: %s)", path,
                                 zr == Z_ERRNO ? strerror(errno) : "zlib error");
        }
    } else if (s.fp != stdout) {
        if (fclose(s.fp) != 0 && rc == 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", path, strerror(errno));
        }
    }
    if (rc == 0) {
        return firmnet_i_out_commit(&out);
    }
fail:
    firmnet_i_buf_free(&s.buf);
    firmnet_i_out_abort(&out);
    return rc;
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
