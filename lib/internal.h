/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal declarations shared between the library's source files. Not installed. */
#ifndef FIRMNET_INTERNAL_H
#define FIRMNET_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <igraph.h>

#include "firmnet.h"
#include "firmnet/igraph.h"

#if defined(__GNUC__)
#define FIRMNET_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FIRMNET_PRINTF(a, b)
#endif

/* ---- errors (error.c) ---------------------------------------------------------------- */

/* Set the thread's message and code; returns @p code so callers can `return firmnet_i_error()`. */
int firmnet_i_error(int code, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
/* Prefix the current message with "prefix: " (keeps the code); returns the code. */
int firmnet_i_error_prefix(int code, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
void firmnet_i_clear_error(void);
int firmnet_i_nomem(void);

/*
 * Entering igraph or GSL. firmnet_i_enter() takes the process-wide recursive lock and, at the
 * outermost level, installs firmnet's error and warning handlers; firmnet_i_leave() undoes it.
 * Between them, firmnet_i_igraph(rc, what) turns an igraph return code into a firmnet error
 * carrying the first non-empty igraph reason.
 */
void firmnet_i_enter(void);
void firmnet_i_leave(void);
int firmnet_i_igraph(igraph_error_t rc, const char *what);
/* A GSL status (non-zero) as a firmnet error with GSL's reason. */
int firmnet_i_gsl(int status, const char *what);

/* ---- memory (error.c) ------------------------------------------------------------------ */
/* Every library allocation goes through these, so tests can make the Nth one fail. */
void *firmnet_i_malloc(size_t n);
void *firmnet_i_calloc(size_t n, size_t size);
void *firmnet_i_realloc(void *p, size_t n);
/* realloc for an array of @p n elements of @p size, with overflow check. */
void *firmnet_i_reallocarray(void *p, size_t n, size_t size);
char *firmnet_i_strdup(const char *s);
void firmnet_i_free(void *p);
/* Test hook: make the @p n-th allocation of this thread from now fail (0 = never). */
void firmnet_i_fail_alloc_at(long n);
long firmnet_i_alloc_count(void);

/* ---- text helpers (text.c) -------------------------------------------------------------- */
/* Parse a whole string (surrounding spaces allowed) as a double in the C locale. */
bool firmnet_i_parse_double(const char *s, double *out);
/* Shortest "%.15g".."%.17g" form that reads back exactly; "Inf", "-Inf", "" for NaN. */
void firmnet_i_format_double(char *buf, size_t size, double v);
/* Length of the valid UTF-8 prefix; equals strlen(s) when the whole string is valid. */
size_t firmnet_i_utf8_valid_prefix(const char *s, size_t len);
int firmnet_i_strcasecmp(const char *a, const char *b);
uint64_t firmnet_i_hash_bytes(const void *p, size_t n);

/* A growable byte buffer. */
typedef struct firmnet_i_buf {
    char *data;
    size_t len, cap;
} firmnet_i_buf;
int firmnet_i_buf_reserve(firmnet_i_buf *b, size_t extra);
int firmnet_i_buf_put(firmnet_i_buf *b, const void *p, size_t n);
int firmnet_i_buf_printf(firmnet_i_buf *b, const char *fmt, ...) FIRMNET_PRINTF(2, 3);
void firmnet_i_buf_free(firmnet_i_buf *b);

/* String interning: a hash from strings to dense indices 0..count-1, strings kept in order. */
typedef struct firmnet_i_strset {
    char **strs;       /* count strings, owned */
    size_t count, cap; /* strs capacity */
    uint32_t *slots;   /* open addressing: index + 1, 0 = empty */
    size_t nslots;     /* power of two */
} firmnet_i_strset;
/* Index of @p s (length @p len), or -1. */
ptrdiff_t firmnet_i_strset_find(const firmnet_i_strset *set, const char *s, size_t len);
/* Index of @p s, added when absent; *added tells which. -1 on out of memory. */
ptrdiff_t firmnet_i_strset_add(firmnet_i_strset *set, const char *s, size_t len, bool *added);
/* Remove the strings added after the first @p count (rollback). */
void firmnet_i_strset_truncate(firmnet_i_strset *set, size_t count);
void firmnet_i_strset_free(firmnet_i_strset *set);

/* ---- delimited text reading (reader.c) ------------------------------------------------ */

typedef struct firmnet_i_csv firmnet_i_csv;

/* Reader limits (see reader.c); the _TEXT forms go into messages. */
#define FIRMNET_I_MAX_FIELD 65536
#define FIRMNET_I_MAX_FIELD_TEXT "65536"
#define FIRMNET_I_MAX_FIELDS 16384
#define FIRMNET_I_MAX_RECORD (16 * 1024 * 1024)
#define FIRMNET_I_MAX_RECORD_TEXT "16 MiB"

/* Open a file ("-" = stdin) or a memory buffer, plain or gzip. */
int firmnet_i_csv_open(firmnet_i_csv **out, const char *path, firmnet_progress_fn progress,
                       void *payload);
int firmnet_i_csv_open_buffer(firmnet_i_csv **out, const void *data, size_t len,
                              const char *name);
void firmnet_i_csv_close(firmnet_i_csv *csv);
/* Read the header; the delimiter is detected from it. Errors on an empty input. */
int firmnet_i_csv_header(firmnet_i_csv *csv);
/* Next data record: 1 when one was read, 0 at end of input, < 0 on error. Records whose
 * fields are all empty are skipped and counted. Wrong field counts are errors. */
int firmnet_i_csv_next(firmnet_i_csv *csv);
size_t firmnet_i_csv_nfields(const firmnet_i_csv *csv);
const char *firmnet_i_csv_field(const firmnet_i_csv *csv, size_t i);
size_t firmnet_i_csv_field_len(const firmnet_i_csv *csv, size_t i);
const char *firmnet_i_csv_header_name(const firmnet_i_csv *csv, size_t i);
/* Column index of a header name (case-insensitive), or -1. */
ptrdiff_t firmnet_i_csv_column(const firmnet_i_csv *csv, const char *name);
const char *firmnet_i_csv_name(const firmnet_i_csv *csv);
/* Line where field i of the current record starts. */
long firmnet_i_csv_line(const firmnet_i_csv *csv, size_t i);
size_t firmnet_i_csv_blank_lines(const firmnet_i_csv *csv);
/* Set an EDATA/EPARSE error "file:line:col (column): message" about field @p i. */
int firmnet_i_csv_error(const firmnet_i_csv *csv, int code, size_t i, const char *fmt, ...)
    FIRMNET_PRINTF(4, 5);

/* ---- network internals (network.c) ------------------------------------------------------- */

/* Known actor attributes, always present as the first columns. */
enum {
    FIRMNET_I_ATTR_NAME,
    FIRMNET_I_ATTR_TYPE,
    FIRMNET_I_ATTR_SIZE,
    FIRMNET_I_ATTR_SECTOR,
    FIRMNET_I_ATTR_CLUSTER,
    FIRMNET_I_ATTR_REGION,
    FIRMNET_I_ATTR_MC,
    FIRMNET_I_ATTR_TECH,
    FIRMNET_I_NKNOWN
};

typedef struct firmnet_i_attr {
    char *name;
    char **values;       /* one per actor; NULL = blank */
    size_t non_numeric;  /* non-blank values that are not numbers */
    size_t non_blank;
} firmnet_i_attr;

struct firmnet_network {
    firmnet_i_strset ids; /* actor ids, index = actor index */
    firmnet_i_strset id_keys; /* near-duplicate keys of the ids (network.c: note_id_key) */
    unsigned char *implicit;  /* per actor: created by a tie, no actor row yet */
    size_t actors_cap;
    firmnet_i_attr *attrs;
    size_t nattrs, attrs_cap;

    firmnet_i_strset waves, layers; /* in order of first appearance */
    uint32_t *wave_order;           /* sorted rank -> wave index */
    uint32_t *layer_order;

    /* ties, struct of arrays */
    uint32_t *src, *tgt;
    uint16_t *wave, *layer;
    double *weight;
    uint32_t *nmerged; /* rows merged into each tie */
    size_t nties, ties_cap;
    uint32_t *tie_slots; /* open addressing on (wave, layer, src, tgt): index + 1 */
    size_t tie_nslots;

    firmnet_load_report total;
};

/* Attribute index by name (case-insensitive), or -1. */
ptrdiff_t firmnet_i_attr_find(const firmnet_network *net, const char *name);
/* Value of attribute @p a for actor @p i; "" when blank. */
const char *firmnet_i_attr_value(const firmnet_network *net, size_t a, size_t i);
/* Selected layers as a 0/1 mask over layer indices (first appearance order). */
int firmnet_i_layer_mask(const firmnet_network *net, const char *selector, unsigned char **out);
/* Wave index of a name, or -1. */
ptrdiff_t firmnet_i_wave_find(const firmnet_network *net, const char *name);

/* ---- graph internals (graph.c) ------------------------------------------------------------ */
struct firmnet_graph {
    igraph_t g;
    igraph_vector_t w;
    const firmnet_network *net;
    size_t n, m;
    int directed;
};

/* ---- atomic output files (table.c) --------------------------------------------------------- */
/*
 * Every file the library writes goes through these: the data goes to a new temporary file
 * beside the target (same folder, hence same file system), which is fsync()ed and renamed
 * over the target only when everything was written. A failed, cancelled or killed run never
 * leaves a partial result or truncates an existing one (a killed run can leave the hidden
 * temporary ".<name>.XXXXXX.tmp"). "-" is standard output; an existing device or FIFO is
 * written in place; a symbolic link is followed, so the file it points to is replaced.
 *
 *     firmnet_i_out out;
 *     int rc = firmnet_i_out_open(&out, path);      // error set on failure
 *     FILE *fp = firmnet_i_out_fdopen(&out);         // or gzdopen(dup(out.fd), ...)
 *     ... write, then fclose(fp) (never for stdout) and check both ...
 *     rc == 0 ? firmnet_i_out_commit(&out) : (firmnet_i_out_abort(&out), rc);
 */
typedef struct firmnet_i_out {
    const char *path; /* as given (or "<stdout>"), for messages */
    char *target;     /* the file replaced (symbolic links resolved); NULL for stdout */
    char *tmp;        /* the temporary file; NULL for stdout and in-place writes */
    int fd;           /* where to write; -1 for standard output */
    bool direct;      /* an existing special file, written in place */
} firmnet_i_out;
int firmnet_i_out_open(firmnet_i_out *o, const char *path);
/* A stdio stream on a duplicate of o->fd, or stdout; NULL with the error set. */
FILE *firmnet_i_out_fdopen(firmnet_i_out *o);
/* Flush to disk and rename into place; on failure removes the temporary file. */
int firmnet_i_out_commit(firmnet_i_out *o);
/* Remove the temporary file and release @p o. */
void firmnet_i_out_abort(firmnet_i_out *o);

/* ---- tables (table.c) --------------------------------------------------------------------- */
/* Take ownership of an array of nrows malloc'ed strings as a new string column (frees them
 * on failure too). */
int firmnet_i_table_add_string_owned(firmnet_table *t, const char *name, char **values);

#endif
