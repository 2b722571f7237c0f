/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Streaming reader for delimited text (RFC 4180), plain or gzip, from a file, standard input
 * or memory. Bytes flow: raw source -> (inflate when the first bytes are the gzip magic) ->
 * decoded buffer -> record parser. Nothing holds the whole file.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "internal.h"

bool firmnet_i_read_fast = true;

#define CHUNK (256 * 1024)
#define NBLOCKS 4               /* inflated blocks in flight between the two threads */
#define BLOCK (1024 * 1024)
#define THREAD_MIN (16 * 1024) /* smaller gzip files are inflated by the parsing thread */

/*
 * Limits that keep a malformed or hostile file from exhausting memory: a field longer than
 * FIRMNET_I_MAX_FIELD bytes (usually an unbalanced quote), a record with more than
 * FIRMNET_I_MAX_FIELDS fields (Excel's column limit) or longer than FIRMNET_I_MAX_RECORD
 * bytes is an error. They are in internal.h so that tests can build inputs just past them.
 *
 * Errors about reading (I/O, gzip) are made without the file name and get "name:line: " in
 * fill_append(), on the parsing thread: the inflating thread cannot know the line.
 */

/*
 * A gzip file is inflated by a second thread into a ring of blocks while this thread parses:
 * inflating is about a third of reading a large tie list. The parser sees the same bytes in
 * the same order as when it inflates itself (memory buffers still do that), so results are
 * identical either way. A file smaller than CHUNK, read whole at the start, is inflated in
 * blocks as large as it is (a quarter of its text, about), so that parsing starts early.
 */
typedef struct inflater {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned char *data[NBLOCKS];
    size_t len[NBLOCKS];
    size_t block;       /* the blocks' size */
    size_t head, count; /* ring: next block to consume, blocks filled */
    bool done, stop;    /* producer finished (end or error); consumer wants it to stop */
    int err;            /* producer's error code, message in msg */
    char msg[512];
    uint64_t raw_done;  /* compressed bytes consumed, for progress */
} inflater;

struct firmnet_i_csv {
    char *name;
    FILE *fp;
    bool close_fp;
    const unsigned char *mem; /* memory source */
    size_t memlen, mempos;
    unsigned char *raw; /* raw chunk read from fp (files only) */
    bool raw_eof;
    bool gz;
    bool gz_end; /* the last gzip member ended cleanly */
    z_stream zs;
    inflater *inf; /* the inflating thread, for gzip files */
    unsigned char *buf; /* decoded bytes */
    size_t buflen, bufpos, bufcap;
    bool eof;
    long line;      /* physical line of buf[bufpos] */
    int delim;
    firmnet_i_buf rec;           /* the current record's fields, NUL-separated */
    size_t *offs, *lens;         /* per field: offset in rec (slow path), length */
    const char **fstart;         /* per field: start (in buf or rec), NUL-terminated */
    long *lines;                 /* per field: line where it starts */
    size_t nf, fcap;
    char **header;
    size_t nheader;
    size_t blank;
    uint64_t raw_total, raw_done; /* raw_done belongs to the inflating thread while it runs */
    uint64_t inf_done;            /* its copy for the parsing thread, taken under the lock */
    uint64_t text_in;             /* decoded bytes appended to buf so far */
    uint64_t text_total;          /* expected decoded bytes; 0 when unknown */
    firmnet_progress_fn progress;
    void *payload;
};

static int io_error(const char *what)
{
    return firmnet_i_error(FIRMNET_EIO, "%s: %s", what, strerror(errno));
}

/* Put "name:line: " before a reading error (not before out-of-memory or a cancellation, whose
 * messages are complete). */
static int where(const firmnet_i_csv *c, int rc)
{
    if (rc == FIRMNET_EIO) {
        return firmnet_i_error_prefix(rc, "%s:%ld", c->name, c->line);
    }
    return rc;
}

/* zlib allocates through the library's allocator, so allocation-failure tests reach it. */
static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    return firmnet_i_calloc(items, size);
}

static void z_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    firmnet_i_free(p);
}

/* Read the next raw chunk into c->raw (files) or expose the memory (buffers). */
static int read_raw(firmnet_i_csv *c, const unsigned char **p, size_t *n)
{
    if (c->mem != NULL || c->fp == NULL) {
        *p = c->mem + c->mempos;
        *n = c->memlen - c->mempos;
        c->mempos = c->memlen;
        c->raw_eof = true;
    } else {
        size_t got = fread(c->raw, 1, CHUNK, c->fp);
        if (got < CHUNK) {
            if (ferror(c->fp)) {
                return io_error("read error");
            }
            c->raw_eof = true;
        }
        *p = c->raw;
        *n = got;
    }
    c->raw_done += *n;
    return 0;
}

/* Inflate up to @p cap bytes into @p out; *got = 0 means the end of the data. */
static int gz_inflate(firmnet_i_csv *c, unsigned char *out, size_t cap, size_t *got)
{
    c->zs.next_out = out;
    c->zs.avail_out = (uInt)cap;
    *got = 0;
    while (c->zs.avail_out == cap) {
        if (c->zs.avail_in == 0) {
            if (c->raw_eof) {
                if (!c->gz_end) {
                    return firmnet_i_error(FIRMNET_EIO, "truncated gzip file (unexpected end "
                                                        "of compressed data)");
                }
                return 0;
            }
            const unsigned char *p = NULL;
            size_t n = 0;
            int rc = read_raw(c, &p, &n);
            if (rc < 0) {
                return rc;
            }
            c->zs.next_in = (unsigned char *)p;
            c->zs.avail_in = (uInt)n;
            if (n == 0) {
                continue;
            }
        }
        if (c->gz_end) {
            /* another gzip member follows (concatenated .gz files are valid gzip) */
            if (inflateReset2(&c->zs, 15 + 16) != Z_OK) {
                return firmnet_i_error(FIRMNET_EIO, "cannot restart gzip stream");
            }
            c->gz_end = false;
        }
        int zr = inflate(&c->zs, Z_NO_FLUSH);
        if (zr == Z_STREAM_END) {
            c->gz_end = true;
        } else if (zr == Z_MEM_ERROR) {
            return firmnet_i_nomem();
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            return firmnet_i_error(FIRMNET_EIO, "corrupt gzip data (%s) near compressed byte %llu",
                                   c->zs.msg ? c->zs.msg : "inflate failed",
                                   (unsigned long long)c->zs.total_in);
        }
    }
    *got = cap - c->zs.avail_out;
    return 0;
}

static void *inflate_main(void *arg)
{
    firmnet_i_csv *c = arg;
    inflater *f = c->inf;
    for (;;) {
        size_t slot, got = 0;
        pthread_mutex_lock(&f->mu);
        while (f->count == NBLOCKS && !f->stop) {
            pthread_cond_wait(&f->cv, &f->mu);
        }
        if (f->stop) {
            pthread_mutex_unlock(&f->mu);
            return NULL;
        }
        slot = (f->head + f->count) % NBLOCKS;
        pthread_mutex_unlock(&f->mu);

        int rc = gz_inflate(c, f->data[slot], f->block, &got);

        pthread_mutex_lock(&f->mu);
        f->raw_done = c->raw_done;
        if (rc < 0) {
            /* the message is this thread's; hand it over to the parsing thread */
            f->err = rc;
            snprintf(f->msg, sizeof f->msg, "%s", firmnet_last_error());
            f->done = true;
        } else if (got == 0) {
            f->done = true;
        } else {
            f->len[slot] = got;
            f->count++;
        }
        bool done = f->done;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        if (done) {
            return NULL;
        }
    }
}

static int inflater_start(firmnet_i_csv *c, size_t block)
{
    inflater *f = firmnet_i_calloc(1, sizeof *f);
    if (f == NULL) {
        return firmnet_i_nomem();
    }
    f->block = block;
    for (int k = 0; k < NBLOCKS; k++) {
        f->data[k] = firmnet_i_malloc(block);
        if (f->data[k] == NULL) {
            for (int j = 0; j < k; j++) {
                firmnet_i_free(f->data[j]);
            }
            firmnet_i_free(f);
            return firmnet_i_nomem();
        }
    }
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    c->inf = f;
    if (pthread_create(&f->thread, NULL, inflate_main, c) != 0) {
        /* no thread: inflate in this one */
        c->inf = NULL;
        pthread_mutex_destroy(&f->mu);
        pthread_cond_destroy(&f->cv);
        for (int k = 0; k < NBLOCKS; k++) {
            firmnet_i_free(f->data[k]);
        }
        firmnet_i_free(f);
    }
    return 0;
}

static void inflater_stop(firmnet_i_csv *c)
{
    inflater *f = c->inf;
    if (f == NULL) {
        return;
    }
    pthread_mutex_lock(&f->mu);
    f->stop = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->thread, NULL);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    for (int k = 0; k < NBLOCKS; k++) {
        firmnet_i_free(f->data[k]);
    }
    firmnet_i_free(f);
    c->inf = NULL;
}

/* Take the next inflated block from the other thread and append it to buf. */
static int take_block(firmnet_i_csv *c)
{
    inflater *f = c->inf;
    int rc = 0;
    pthread_mutex_lock(&f->mu);
    while (f->count == 0 && !f->done) {
        pthread_cond_wait(&f->cv, &f->mu);
    }
    if (f->count > 0) {
        size_t n = f->len[f->head];
        memcpy(c->buf + c->buflen, f->data[f->head], n);
        c->buflen += n;
        f->head = (f->head + 1) % NBLOCKS;
        f->count--;
        pthread_cond_broadcast(&f->cv);
    } else if (f->err < 0) {
        rc = firmnet_i_error(f->err, "%s", f->msg);
    } else {
        c->eof = true;
    }
    c->inf_done = f->raw_done;
    pthread_mutex_unlock(&f->mu);
    return rc;
}

/* Tell the caller's progress callback how many bytes of the file were read (rate-limited). */
static int report_progress(firmnet_i_csv *c)
{
    int rc = firmnet_i_progress(c->progress, c->payload, "read",
                                (double)(c->inf != NULL ? c->inf_done : c->raw_done),
                                (double)c->raw_total);
    return rc < 0 ? firmnet_i_error_prefix(rc, "%s", c->name) : 0;
}

/* Append decoded bytes to buf. Sets c->eof when nothing is left. */
static int fill_append(firmnet_i_csv *c)
{
    size_t want = c->inf != NULL ? c->inf->block : CHUNK, had;
    int rc = 0;
    if (c->bufcap - c->buflen < want + 1) { /* + 1: the fast path's NUL after the data */
        size_t cap = c->bufcap * 2 > c->buflen + want + 1 ? c->bufcap * 2 : c->buflen + want + 1;
        unsigned char *b = firmnet_i_realloc(c->buf, cap);
        if (b == NULL) {
            return firmnet_i_nomem();
        }
        c->buf = b;
        c->bufcap = cap;
    }
    had = c->buflen;
    if (c->inf != NULL) {
        rc = where(c, take_block(c));
    } else if (c->gz) {
        size_t got;
        rc = where(c, gz_inflate(c, c->buf + c->buflen, CHUNK, &got));
        c->buflen += got;
        if (rc == 0 && got == 0) {
            c->eof = true;
        }
    } else if (c->mem != NULL) {
        /* plain memory: copy in chunks so the parser's path is the same */
        size_t n = c->memlen - c->mempos < CHUNK ? c->memlen - c->mempos : CHUNK;
        memcpy(c->buf + c->buflen, c->mem + c->mempos, n);
        c->mempos += n;
        c->raw_done += n;
        c->buflen += n;
        c->eof = n == 0;
    } else {
        size_t got = c->fp ? fread(c->buf + c->buflen, 1, CHUNK, c->fp) : 0;
        if (c->fp && got < CHUNK && ferror(c->fp)) {
            return where(c, io_error("read error"));
        }
        c->raw_done += got;
        c->buflen += got;
        c->eof = got == 0;
    }
    c->text_in += c->buflen - had;
    if (rc == 0 && !c->eof) {
        rc = report_progress(c);
    }
    return rc;
}

#define GZIP_CHECK_MAX ((size_t)64 << 20)

int firmnet_i_csv_failed(firmnet_i_csv *c, int rc)
{
    char first[700];
    int gz = 0;
    if ((rc != FIRMNET_EPARSE && rc != FIRMNET_EDATA) || !c->gz) {
        return rc;
    }
    snprintf(first, sizeof first, "%s", firmnet_last_error());
    /* inflate on, dropping the text (the read has failed): at the end the checksum is checked */
    for (size_t seen = 0; gz == 0 && !c->eof && seen < GZIP_CHECK_MAX; seen += c->buflen) {
        c->bufpos = c->buflen = 0;
        gz = fill_append(c);
    }
    if (gz == FIRMNET_EIO) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s", firmnet_last_error());
        return firmnet_i_error(FIRMNET_EIO, "%s; the text inflated before that did not parse: %s",
                               msg, first);
    }
    if (gz < 0) {
        firmnet_i_error(rc, "%s", first); /* could not look further: the first error stands */
    }
    return rc;
}

/* Make buf[bufpos] available; returns 1, 0 at end, < 0 on error. */
static int ensure(firmnet_i_csv *c)
{
    while (c->bufpos == c->buflen) {
        if (c->eof) {
            return 0;
        }
        c->bufpos = c->buflen = 0;
        int rc = fill_append(c);
        if (rc < 0) {
            return rc;
        }
    }
    return 1;
}

/*
 * The text size a gzip input announces: its last four bytes (ISIZE) hold the length of the
 * last member's text modulo 2^32. That is the whole text for the usual single-member file under
 * 4 GiB; a value under half the compressed size means it is not (several members, or wrapped),
 * and c->text_total stays 0, unknown. A file is looked at only when it can seek, and the
 * position is restored. @p p, @p n: the bytes read so far (all of them when raw_eof).
 */
static int gzip_text_size(firmnet_i_csv *c, const unsigned char *p, size_t n)
{
    unsigned char t[4];
    uint64_t size;
    if (c->mem != NULL || c->raw_eof) {
        if (n < 18) {
            return 0;
        }
        memcpy(t, p + n - 4, 4);
    } else {
        off_t at = c->raw_total >= 18 ? ftello(c->fp) : -1;
        if (at < 0 || fseeko(c->fp, -4, SEEK_END) != 0) {
            clearerr(c->fp);
            return 0;
        }
        size_t got = fread(t, 1, 4, c->fp);
        if (fseeko(c->fp, at, SEEK_SET) != 0) {
            return io_error("cannot seek back after reading the gzip trailer");
        }
        if (got != 4) {
            clearerr(c->fp);
            return 0;
        }
    }
    size = (uint64_t)t[0] | (uint64_t)t[1] << 8 | (uint64_t)t[2] << 16 | (uint64_t)t[3] << 24;
    c->text_total = size >= c->raw_total / 2 ? size : 0;
    return 0;
}

static int open_common(firmnet_i_csv *c)
{
    /* Look at the first bytes: the gzip magic switches on inflate. */
    const unsigned char *p = NULL;
    size_t n = 0;
    int rc;
    if (c->mem != NULL) {
        p = c->mem;
        n = c->memlen;
    } else {
        c->raw = firmnet_i_malloc(CHUNK);
        if (c->raw == NULL) {
            return firmnet_i_nomem();
        }
        rc = where(c, read_raw(c, &p, &n));
        if (rc == 0 && n > 0) {
            rc = report_progress(c); /* a small file is read whole here */
        }
        if (rc < 0) {
            return rc;
        }
    }
    c->line = 1;
    c->text_total = c->raw_total; /* a gzip input's is read from its trailer below */
    if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
        rc = where(c, gzip_text_size(c, p, n));
        if (rc < 0) {
            return rc;
        }
        c->gz = true;
        c->zs.zalloc = z_alloc;
        c->zs.zfree = z_free;
        if (inflateInit2(&c->zs, 15 + 16) != Z_OK) {
            c->gz = false;
            return firmnet_i_nomem();
        }
        c->zs.next_in = (unsigned char *)p;
        c->zs.avail_in = (uInt)n;
        if (c->mem != NULL) {
            c->mempos = c->memlen;
            c->raw_eof = true;
        } else if (!c->raw_eof) {
            return inflater_start(c, BLOCK);
        } else if (n >= THREAD_MIN) {
            return inflater_start(c, n);
        }
    } else if (c->mem == NULL) {
        /* plain file: the bytes already read become the first decoded ones */
        c->buf = firmnet_i_malloc(CHUNK * 2);
        if (c->buf == NULL) {
            return firmnet_i_nomem();
        }
        c->bufcap = CHUNK * 2;
        memcpy(c->buf, p, n);
        c->buflen = n;
        c->text_in = n;
        if (c->raw_eof && n == 0) {
            c->eof = true;
        }
    }
    return 0;
}

static firmnet_i_csv *csv_alloc(const char *name)
{
    firmnet_i_csv *c = firmnet_i_calloc(1, sizeof *c);
    if (c == NULL) {
        return NULL;
    }
    c->name = firmnet_i_strdup(name);
    if (c->name == NULL) {
        firmnet_i_free(c);
        return NULL;
    }
    c->delim = ',';
    c->line = 1;
    return c;
}

int firmnet_i_csv_open(firmnet_i_csv **out, const char *path, firmnet_progress_fn progress,
                       void *payload)
{
    firmnet_i_csv *c;
    int rc;
    if (path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "no file name given");
    }
    c = csv_alloc(strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (c == NULL) {
        return firmnet_i_nomem();
    }
    c->progress = progress;
    c->payload = payload;
    if (strcmp(path, "-") == 0) {
        c->fp = stdin;
    } else {
        struct stat st;
        c->fp = fopen(path, "rb");
        if (c->fp == NULL) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot open: %s", path, strerror(errno));
            firmnet_i_csv_close(c);
            return rc;
        }
        c->close_fp = true;
        if (fstat(fileno(c->fp), &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot read: is a directory", path);
                firmnet_i_csv_close(c);
                return rc;
            }
            c->raw_total = (uint64_t)st.st_size;
        }
    }
    rc = open_common(c);
    if (rc < 0) {
        firmnet_i_csv_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

int firmnet_i_csv_open_buffer(firmnet_i_csv **out, const void *data, size_t len,
                              const char *name)
{
    firmnet_i_csv *c;
    int rc;
    if (data == NULL && len > 0) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL buffer");
    }
    c = csv_alloc(name ? name : "<buffer>");
    if (c == NULL) {
        return firmnet_i_nomem();
    }
    c->mem = data ? data : (const unsigned char *)"";
    c->memlen = len;
    c->raw_total = len;
    rc = open_common(c);
    if (rc < 0) {
        firmnet_i_csv_close(c);
        return rc;
    }
    *out = c;
    return 0;
}

void firmnet_i_csv_close(firmnet_i_csv *c)
{
    if (c == NULL) {
        return;
    }
    inflater_stop(c);
    if (c->close_fp) {
        fclose(c->fp);
    }
    if (c->gz) {
        inflateEnd(&c->zs);
    }
    for (size_t i = 0; i < c->nheader; i++) {
        firmnet_i_free(c->header[i]);
    }
    firmnet_i_free(c->header);
    firmnet_i_free(c->raw);
    firmnet_i_free(c->buf);
    firmnet_i_buf_free(&c->rec);
    firmnet_i_free(c->offs);
    firmnet_i_free(c->fstart);
    firmnet_i_free(c->lens);
    firmnet_i_free(c->lines);
    firmnet_i_free(c->name);
    firmnet_i_free(c);
}

bool firmnet_i_csv_text_read(const firmnet_i_csv *c, uint64_t *done, uint64_t *total)
{
    *done = c->text_in - (c->buflen - c->bufpos);
    *total = c->text_total;
    return c->text_total > 0 && *done > 0 && *done <= c->text_total;
}

int firmnet_i_csv_error(const firmnet_i_csv *c, int code, size_t i, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (i < c->nheader) {
        return firmnet_i_error(code, "%s:%ld:%zu (column '%s'): %s", c->name, c->lines[i], i + 1,
                               c->header[i], what);
    }
    return firmnet_i_error(code, "%s:%ld:%zu: %s", c->name, i < c->nf ? c->lines[i] : c->line,
                           i + 1, what);
}

static int fields_reserve(firmnet_i_csv *c, size_t n)
{
    if (n <= c->fcap) {
        return 0;
    }
    size_t cap = c->fcap ? c->fcap * 2 : 16;
    while (cap < n) {
        cap *= 2;
    }
    size_t *o = firmnet_i_reallocarray(c->offs, cap, sizeof *o);
    if (o == NULL) {
        return firmnet_i_nomem();
    }
    c->offs = o;
    size_t *l = firmnet_i_reallocarray(c->lens, cap, sizeof *l);
    if (l == NULL) {
        return firmnet_i_nomem();
    }
    c->lens = l;
    long *ln = firmnet_i_reallocarray(c->lines, cap, sizeof *ln);
    if (ln == NULL) {
        return firmnet_i_nomem();
    }
    c->lines = ln;
    const char **fp = firmnet_i_reallocarray(c->fstart, cap, sizeof *fp);
    if (fp == NULL) {
        return firmnet_i_nomem();
    }
    c->fstart = fp;
    c->fcap = cap;
    return 0;
}

static bool is_space(const firmnet_i_csv *c, char ch)
{
    return ch == ' ' || (ch == '\t' && c->delim != '\t');
}

static int parse_error(firmnet_i_csv *c, long line, size_t field, const char *what);

static int field_too_long(firmnet_i_csv *c, long line, bool quoted)
{
    return parse_error(c, line, c->nf,
                       quoted ? "quoted field longer than " FIRMNET_I_MAX_FIELD_TEXT
                                " bytes (a quote opened here is not closed?)"
                              : "field longer than " FIRMNET_I_MAX_FIELD_TEXT " bytes");
}

static int push_field(firmnet_i_csv *c, size_t start, long line, bool quoted)
{
    /* Trim spaces (and tabs unless tab is the delimiter) around unquoted values. */
    if (!quoted) {
        size_t end = c->rec.len;
        while (end > start && is_space(c, c->rec.data[end - 1])) {
            end--;
        }
        c->rec.len = end;
    }
    if (c->rec.len - start > FIRMNET_I_MAX_FIELD) {
        return field_too_long(c, line, quoted);
    }
    if (c->nf == FIRMNET_I_MAX_FIELDS) {
        return firmnet_i_error(FIRMNET_EPARSE, "%s:%ld: more than %d fields in a record",
                               c->name, c->lines[0], FIRMNET_I_MAX_FIELDS);
    }
    int rc = fields_reserve(c, c->nf + 1);
    if (rc < 0) {
        return rc;
    }
    c->offs[c->nf] = start;
    c->lens[c->nf] = c->rec.len - start;
    c->lines[c->nf] = line;
    c->nf++;
    return firmnet_i_buf_put(&c->rec, "", 1); /* NUL separator, counted in rec.len */
}

/* Move the unread bytes to the front of buf and read more after them. */
static int refill(firmnet_i_csv *c)
{
    if (c->bufpos > 0) {
        memmove(c->buf, c->buf + c->bufpos, c->buflen - c->bufpos);
        c->buflen -= c->bufpos;
        c->bufpos = 0;
    }
    return fill_append(c);
}

/* The bytes of @p w equal to @p ch: 0x80 in each, 0 elsewhere (exact, no false positives). */
static inline uint64_t byte_mask(uint64_t w, unsigned char ch)
{
    const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fULL;
    uint64_t x = w ^ (0x0101010101010101ULL * ch);
    return ~(((x & lo7) + lo7) | x | lo7);
}

/* The first byte @p ch in [p, e), or e. */
static inline char *find_byte(char *p, char *e, unsigned char ch)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    for (; p + 8 <= e; p += 8) {
        uint64_t w, m;
        memcpy(&w, p, 8);
        m = byte_mask(w, ch);
        if (m != 0) {
            return p + __builtin_ctzll(m) / 8;
        }
    }
#endif
    while (p < e && (unsigned char)*p != ch) {
        p++;
    }
    return p;
}

/* Narrow the field [*fs, *fe) to its text without the blanks around it. */
static inline void trim_field(const firmnet_i_csv *c, char **fs, char **fe)
{
    while (*fs < *fe && is_space(c, **fs)) {
        (*fs)++;
    }
    while (*fe > *fs && is_space(c, (*fe)[-1])) {
        (*fe)--;
    }
}

_Static_assert(FIRMNET_I_MAX_FIELDS <= FIRMNET_I_MAX_FIELD &&
                   FIRMNET_I_MAX_FIELDS <= FIRMNET_I_MAX_RECORD,
               "a line shorter than FIRMNET_I_MAX_FIELDS passes every limit");

/*
 * The fast path for the common record: one physical line without quotes, carriage returns
 * (other than a final CRLF) or NUL bytes. Fields are split in place in buf. Returns 1 when it
 * parsed the record, 0 when the slow path must, 2 at end of input, < 0 on error.
 */
static int parse_line_fast(firmnet_i_csv *c, bool *all_empty)
{
    char *p, *e, *nl;
    for (;;) {
        p = (char *)c->buf + c->bufpos;
        nl = memchr(p, '\n', c->buflen - c->bufpos);
        if (nl != NULL || c->eof) {
            break;
        }
        if (c->buflen - c->bufpos > FIRMNET_I_MAX_RECORD) {
            return 0; /* no line end in sight: the slow path reports the overlong record */
        }
        int rc = refill(c);
        if (rc < 0) {
            return rc;
        }
    }
    p = (char *)c->buf + c->bufpos;
    e = nl ? nl : (char *)c->buf + c->buflen;
    if (nl == NULL && p == e) {
        return 2;
    }
    char *end = e;
    if (end > p && end[-1] == '\r') {
        end--;
    }
    /* quotes, CRs, NULs and records past the limits go to the slow path, before anything in
     * buf is changed */
    if ((size_t)(end - p) < FIRMNET_I_MAX_FIELDS) {
        /* too short to pass a limit: only look for the bytes, eight at a time */
        char *q = p;
        for (; q + 8 <= end; q += 8) {
            uint64_t w;
            memcpy(&w, q, 8);
            if ((byte_mask(w, '"') | byte_mask(w, '\r') | byte_mask(w, '\0')) != 0) {
                return 0;
            }
        }
        for (; q < end; q++) {
            if (*q == '"' || *q == '\r' || *q == '\0') {
                return 0;
            }
        }
    } else {
        size_t ndelim = 0, flen = 0, longest = 0;
        for (char *q = p; q < end; q++) {
            if (*q == '"' || *q == '\r' || *q == '\0') {
                return 0;
            }
            if (*q == c->delim) {
                ndelim++;
                longest = flen > longest ? flen : longest;
                flen = 0;
            } else {
                flen++;
            }
        }
        longest = flen > longest ? flen : longest;
        if (longest > FIRMNET_I_MAX_FIELD || ndelim >= FIRMNET_I_MAX_FIELDS ||
            (size_t)(end - p) > FIRMNET_I_MAX_RECORD) {
            return 0;
        }
    }
    c->nf = 0;
    *all_empty = true;
    char *start = p;
    for (;;) {
        char *q = find_byte(start, end, (unsigned char)c->delim);
        char *fs = start, *fe = q;
        trim_field(c, &fs, &fe);
        if (c->nf == c->fcap) {
            int rc = fields_reserve(c, c->nf + 1);
            if (rc < 0) {
                return rc;
            }
        }
        *fe = '\0'; /* buf always keeps a spare byte after buflen */
        c->fstart[c->nf] = fs;
        c->lens[c->nf] = (size_t)(fe - fs);
        c->lines[c->nf] = c->line;
        c->nf++;
        if (fe > fs) {
            *all_empty = false;
        }
        if (q == end) {
            break;
        }
        start = q + 1;
    }
    c->bufpos = nl ? (size_t)(nl + 1 - (char *)c->buf) : c->buflen;
    c->line++;
    return 1;
}

static int parse_error(firmnet_i_csv *c, long line, size_t field, const char *what)
{
    return firmnet_i_error(FIRMNET_EPARSE, "%s:%ld:%zu: %s", c->name, line, field + 1, what);
}

/*
 * Parse one record into rec/offs/lens. Returns 1 for a record, 0 at the end of input.
 * *all_empty tells whether every field is empty and unquoted.
 */
static int parse_record_slow(firmnet_i_csv *c, bool *all_empty)
{
    enum { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE } st = FIELD_START;
    size_t start = 0;
    long fline = c->line, qline = c->line;
    bool quoted = false;
    int rc;

    c->nf = 0;
    c->rec.len = 0;
    *all_empty = true;
    rc = ensure(c);
    if (rc <= 0) {
        return rc;
    }
    for (;;) {
        rc = ensure(c);
        if (rc < 0) {
            return rc;
        }
        if (rc == 0) { /* end of input ends the record */
            if (st == QUOTED) {
                return parse_error(c, qline, c->nf, "unterminated quoted field (quote opened here)");
            }
            if (st == FIELD_START) {
                /* the input ends right after a delimiter: the last field is empty (start and
                 * fline still describe the previous field) */
                start = c->rec.len;
                fline = c->line;
                quoted = false;
            }
            rc = push_field(c, start, fline, quoted);
            return rc < 0 ? rc : 1;
        }
        int ch = c->buf[c->bufpos++];
        if (ch == 0) {
            return parse_error(c, c->line, c->nf, "NUL byte in text (binary file?)");
        }
        if (st == FIELD_START) {
            start = c->rec.len;
            fline = c->line;
            quoted = false;
            st = UNQUOTED;
            if (ch == ' ' || (ch == '\t' && c->delim != '\t')) {
                st = FIELD_START; /* skip leading white space */
                continue;
            }
            if (ch == '"') {
                st = QUOTED;
                quoted = true;
                qline = c->line;
                *all_empty = false;
                continue;
            }
        }
        if (st != FIELD_START && c->rec.len - start > FIRMNET_I_MAX_FIELD) {
            return field_too_long(c, quoted ? qline : fline, quoted);
        }
        if (c->rec.len > FIRMNET_I_MAX_RECORD) {
            return parse_error(c, c->nf ? c->lines[0] : fline, 0,
                               "record longer than " FIRMNET_I_MAX_RECORD_TEXT);
        }
        if (st == QUOTED) {
            if (ch == '"') {
                rc = ensure(c);
                if (rc < 0) {
                    return rc;
                }
                if (rc > 0 && c->buf[c->bufpos] == '"') {
                    c->bufpos++;
                    rc = firmnet_i_buf_put(&c->rec, "\"", 1);
                } else {
                    st = AFTER_QUOTE;
                    rc = 0;
                }
            } else {
                if (ch == '\n') {
                    c->line++;
                }
                unsigned char b = (unsigned char)ch;
                rc = firmnet_i_buf_put(&c->rec, &b, 1);
            }
            if (rc < 0) {
                return rc;
            }
            continue;
        }
        if (ch == c->delim || ch == '\n' || ch == '\r') {
            rc = push_field(c, start, fline, quoted);
            if (rc < 0) {
                return rc;
            }
            if (ch == c->delim) {
                st = FIELD_START;
                continue;
            }
            if (ch == '\r') {
                rc = ensure(c);
                if (rc < 0) {
                    return rc;
                }
                if (rc > 0 && c->buf[c->bufpos] == '\n') {
                    c->bufpos++;
                }
            }
            c->line++;
            return 1;
        }
        if (st == AFTER_QUOTE) {
            if (ch == ' ' || ch == '\t') {
                continue;
            }
            return parse_error(c, c->line, c->nf,
                               "unexpected character after a closing quote (a quote inside a "
                               "quoted field must be doubled)");
        }
        if (ch == '"') {
            return parse_error(c, c->line, c->nf,
                               "stray quote inside an unquoted field (quote the whole field and "
                               "double the quote)");
        }
        unsigned char b = (unsigned char)ch;
        rc = firmnet_i_buf_put(&c->rec, &b, 1);
        if (rc < 0) {
            return rc;
        }
        *all_empty = false;
    }
}

static int parse_record(firmnet_i_csv *c, bool *all_empty)
{
    int rc = firmnet_i_read_fast ? parse_line_fast(c, all_empty) : 0;
    if (rc != 0) {
        return rc == 2 ? 0 : rc;
    }
    rc = parse_record_slow(c, all_empty);
    if (rc > 0) {
        for (size_t i = 0; i < c->nf; i++) {
            c->fstart[i] = c->rec.data + c->offs[i];
        }
    }
    return rc;
}

#define UTF8_HINT "(is the file in EUC-KR/CP949 or Latin-1? save it as UTF-8)"
#define BOM_MESSAGE                                                                        \
    "byte-order mark (U+FEFF) inside the file, not at its start (were files concatenated?)"

/* Whether a value holds U+FEFF, which only belongs at the very start of a file. */
static bool has_bom(const char *f, size_t len)
{
    return len >= 3 && memmem(f, len, "\xEF\xBB\xBF", 3) != NULL;
}

/*
 * Whether every field of the current record is ASCII, so that the per-field UTF-8 and
 * byte-order-mark checks cannot fail. Both parse paths leave the fields in one buffer in
 * increasing order (the fast path in buf, the slow path in rec), with only ASCII bytes between
 * them (NUL terminators, trimmed spaces, delimiters), so one scan of the span from the first
 * field's start to the last field's end covers them all, eight bytes at a time. False when
 * some byte is not ASCII (or the span is not as expected): the caller then checks field by
 * field, and its errors name the field exactly as before.
 */
static bool record_is_ascii(const firmnet_i_csv *c)
{
    const unsigned char *p = (const unsigned char *)c->fstart[0];
    const unsigned char *e = (const unsigned char *)c->fstart[c->nf - 1] + c->lens[c->nf - 1];
    uint64_t any = 0;
    if (e < p) {
        return false;
    }
    size_t n = (size_t)(e - p), i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        any |= w;
    }
    for (; i < n; i++) {
        any |= p[i];
    }
    return (any & 0x8080808080808080ULL) == 0;
}

/* Choose the delimiter from the first line: the most frequent of , \t ; outside quotes. */
static int detect_delimiter(firmnet_i_csv *c)
{
    size_t i = c->bufpos, counts[3] = {0, 0, 0};
    bool inq = false;
    for (;;) {
        if (i - c->bufpos >= FIRMNET_I_MAX_RECORD) {
            break; /* decide from what was seen; the parser reports the overlong record */
        }
        if (i == c->buflen) {
            if (c->eof) {
                break;
            }
            int rc = fill_append(c);
            if (rc < 0) {
                return rc;
            }
            if (i == c->buflen) {
                break;
            }
        }
        unsigned char ch = c->buf[i++];
        if (ch == '"') {
            inq = !inq;
        } else if (!inq && (ch == '\n' || ch == '\r')) {
            if (counts[0] + counts[1] + counts[2] > 0) {
                break;
            }
            /* leading blank lines: keep looking */
        } else if (!inq) {
            counts[0] += ch == ',';
            counts[1] += ch == '\t';
            counts[2] += ch == ';';
        }
    }
    c->delim = ',';
    if (counts[1] > counts[0] && counts[1] >= counts[2]) {
        c->delim = '\t';
    } else if (counts[2] > counts[0] && counts[2] > counts[1]) {
        c->delim = ';';
    }
    return 0;
}

int firmnet_i_csv_header(firmnet_i_csv *c)
{
    bool empty;
    int rc = ensure(c);
    if (rc < 0) {
        return rc;
    }
    if (rc == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "%s:1: empty file (no header line)", c->name);
    }
    /* UTF-8 byte-order mark */
    if (c->buflen - c->bufpos < 3 && !c->eof) {
        rc = fill_append(c);
        if (rc < 0) {
            return rc;
        }
    }
    if (c->buflen - c->bufpos >= 3 && memcmp(c->buf + c->bufpos, "\xEF\xBB\xBF", 3) == 0) {
        c->bufpos += 3;
    } else if (c->buflen - c->bufpos >= 2 &&
               (memcmp(c->buf + c->bufpos, "\xFF\xFE", 2) == 0 ||
                memcmp(c->buf + c->bufpos, "\xFE\xFF", 2) == 0)) {
        return firmnet_i_error(FIRMNET_EPARSE,
                               "%s:1: the file is UTF-16 text (byte-order mark %02X %02X); save "
                               "it as UTF-8",
                               c->name, c->buf[c->bufpos], c->buf[c->bufpos + 1]);
    }
    rc = detect_delimiter(c);
    if (rc < 0) {
        return rc;
    }
    do {
        rc = parse_record(c, &empty);
        if (rc < 0) {
            return rc;
        }
        if (rc == 0) {
            return firmnet_i_error(FIRMNET_EDATA, "%s:%ld: empty file (no header line)", c->name,
                                   c->line > 1 ? c->line - 1 : 1);
        }
    } while (empty);
    c->header = firmnet_i_calloc(c->nf, sizeof *c->header);
    if (c->header == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < c->nf; i++) {
        const char *f = c->fstart[i];
        size_t len = c->lens[i];
        if (firmnet_i_utf8_valid_prefix(f, len) != len) {
            return parse_error(c, c->lines[i], i, "invalid UTF-8 in the header " UTF8_HINT);
        }
        if (has_bom(f, len)) {
            return parse_error(c, c->lines[i], i, BOM_MESSAGE);
        }
        /* trim also quoted header names */
        while (len > 0 && (*f == ' ' || *f == '\t')) {
            f++;
            len--;
        }
        while (len > 0 && (f[len - 1] == ' ' || f[len - 1] == '\t')) {
            len--;
        }
        if (len == 0) {
            return parse_error(c, c->lines[i], i, "empty column name in the header");
        }
        c->header[i] = firmnet_i_malloc(len + 1);
        if (c->header[i] == NULL) {
            return firmnet_i_nomem();
        }
        memcpy(c->header[i], f, len);
        c->header[i][len] = '\0';
        c->nheader = i + 1;
        for (size_t j = 0; j < i; j++) {
            if (firmnet_i_strcasecmp(c->header[j], c->header[i]) == 0) {
                return firmnet_i_error(FIRMNET_EPARSE,
                                       "%s:%ld:%zu: duplicate column '%s' (also column %zu)",
                                       c->name, c->lines[i], i + 1, c->header[i], j + 1);
            }
        }
    }
    return 0;
}

int firmnet_i_csv_next(firmnet_i_csv *c)
{
    bool empty;
    for (;;) {
        int rc = parse_record(c, &empty);
        if (rc <= 0) {
            return rc;
        }
        if (empty) {
            c->blank++;
            continue;
        }
        if (c->nf != c->nheader) {
            return firmnet_i_error(FIRMNET_EPARSE,
                                   "%s:%ld: wrong number of fields: %zu, the header has %zu",
                                   c->name, c->lines[0], c->nf, c->nheader);
        }
        if (firmnet_i_read_fast && record_is_ascii(c)) {
            return 1; /* valid UTF-8 and no byte-order mark in any field */
        }
        for (size_t i = 0; i < c->nf; i++) {
            const char *f = c->fstart[i];
            size_t ok = firmnet_i_utf8_valid_prefix(f, c->lens[i]);
            if (ok != c->lens[i]) {
                return firmnet_i_csv_error(c, FIRMNET_EPARSE, i,
                                           "invalid UTF-8 (byte 0x%02X at offset %zu of the "
                                           "value) " UTF8_HINT,
                                           (unsigned char)f[ok], ok);
            }
            if (has_bom(f, c->lens[i])) {
                return firmnet_i_csv_error(c, FIRMNET_EPARSE, i, BOM_MESSAGE);
            }
        }
        return 1;
    }
}

bool firmnet_i_csv_peek(const firmnet_i_csv *c, size_t a, size_t b, const char **fa, size_t *la,
                        const char **fb, size_t *lb)
{
    char *p, *e, *nl;
    size_t last = a > b ? a : b;
    *fa = *fb = NULL;
    if (c->buf == NULL) {
        return false;
    }
    p = (char *)c->buf + c->bufpos;
    e = (char *)c->buf + c->buflen;
    nl = memchr(p, '\n', (size_t)(e - p));
    if (nl == NULL) {
        return false;
    }
    /* split as the fast path does; quotes and CRs only make the guess wrong */
    for (size_t k = 0; k <= last; k++) {
        char *q = find_byte(p, nl, (unsigned char)c->delim), *fs = p, *fe = q;
        trim_field(c, &fs, &fe);
        if (k == a) {
            *fa = fs;
            *la = (size_t)(fe - fs);
        }
        if (k == b) {
            *fb = fs;
            *lb = (size_t)(fe - fs);
        }
        if (q == nl) {
            return k == last;
        }
        p = q + 1;
    }
    return true;
}

size_t firmnet_i_csv_nfields(const firmnet_i_csv *c)
{
    return c->nf;
}

const char *firmnet_i_csv_field(const firmnet_i_csv *c, size_t i)
{
    return c->fstart[i];
}

size_t firmnet_i_csv_field_len(const firmnet_i_csv *c, size_t i)
{
    return c->lens[i];
}

const char *firmnet_i_csv_header_name(const firmnet_i_csv *c, size_t i)
{
    return i < c->nheader ? c->header[i] : NULL;
}

ptrdiff_t firmnet_i_csv_column(const firmnet_i_csv *c, const char *name)
{
    for (size_t i = 0; i < c->nheader; i++) {
        if (firmnet_i_strcasecmp(c->header[i], name) == 0) {
            return (ptrdiff_t)i;
        }
    }
    return -1;
}

const char *firmnet_i_csv_name(const firmnet_i_csv *c)
{
    return c->name;
}

long firmnet_i_csv_line(const firmnet_i_csv *c, size_t i)
{
    return i < c->nf ? c->lines[i] : c->line;
}

size_t firmnet_i_csv_blank_lines(const firmnet_i_csv *c)
{
    return c->blank;
}
