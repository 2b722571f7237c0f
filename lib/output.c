/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files written atomically (optionally gzip), with XML escaping and number printing. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "internal.h"

#define FLUSH_AT (1u << 16)

bool firmnet_i_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && firmnet_i_strcasecmp(s + n - k, suffix) == 0;
}

static void fail(firmnet_i_out *o, int rc)
{
    if (o->rc == 0) {
        o->rc = rc;
    }
}

/* Create "<path>.tmp.<pid>.<k>" with mode 0666 so that the umask applies, as for any new file
 * (mkstemp would make it 0600). */
static int create_temp(firmnet_i_out *o, int *fd_out)
{
    static _Atomic unsigned counter;
    size_t n = strlen(o->target) + 48;
    o->tmp = firmnet_i_malloc(n);
    if (o->tmp == NULL) {
        return firmnet_i_nomem();
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(o->tmp, n, "%s.tmp.%ld.%u", o->target, (long)getpid(), counter++);
        int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *fd_out = fd;
            return 0;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    int rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot create: %s", o->path, strerror(errno));
    firmnet_i_free(o->tmp);
    o->tmp = NULL;
    return rc;
}

int firmnet_i_out_open(firmnet_i_out *o, const char *path)
{
    struct stat st;
    int fd = -1, rc;
    memset(o, 0, sizeof *o);
    if (path == NULL || path[0] == '\0') {
        return o->rc = firmnet_i_error(FIRMNET_EINVAL, "no output file name given");
    }
    if (strcmp(path, "-") == 0) {
        o->to_stdout = true;
        o->fp = stdout;
        return 0;
    }
    o->path = firmnet_i_strdup(path);
    if (o->path == NULL) {
        return o->rc = firmnet_i_nomem();
    }
    /* Replace the file a symbolic link points to, not the link. */
    char *real = realpath(path, NULL);
    o->target = firmnet_i_strdup(real != NULL ? real : path);
    free(real); /* realpath() allocates with malloc() */
    if (o->target == NULL) {
        rc = firmnet_i_nomem();
        goto fail;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* Devices and FIFOs are written in place: a rename would replace the special file. */
        if (S_ISDIR(st.st_mode)) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot write: is a directory", path);
            goto fail;
        }
        fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot write: %s", path, strerror(errno));
            goto fail;
        }
    } else {
        rc = create_temp(o, &fd);
        if (rc < 0) {
            goto fail;
        }
        if (stat(o->target, &st) == 0) {
            (void)fchmod(fd, st.st_mode & 07777); /* replacing a file: keep its permissions */
        }
        int sync_fd = dup(fd); /* the stream below owns fd; this one is for fsync() */
        o->sync_fd1 = sync_fd >= 0 ? sync_fd + 1 : 0;
    }
    if (firmnet_i_ends_with(path, ".gz")) {
        o->gz = gzdopen(fd, "wb6");
        if (o->gz == NULL) {
            close(fd);
            rc = firmnet_i_nomem();
            goto fail;
        }
    } else {
        o->fp = fdopen(fd, "wb");
        if (o->fp == NULL) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot write: %s", path, strerror(errno));
            close(fd);
            goto fail;
        }
    }
    return 0;
fail:
    if (o->tmp != NULL) {
        unlink(o->tmp);
    }
    if (o->sync_fd1 > 0) {
        close(o->sync_fd1 - 1);
        o->sync_fd1 = 0;
    }
    firmnet_i_free(o->tmp);
    firmnet_i_free(o->path);
    firmnet_i_free(o->target);
    o->tmp = o->path = o->target = NULL;
    return o->rc = rc;
}

void firmnet_i_out_memory(firmnet_i_out *o)
{
    memset(o, 0, sizeof *o);
}

static const char *display_path(const firmnet_i_out *o)
{
    return o->to_stdout ? "<stdout>" : o->path;
}

static void flush(firmnet_i_out *o)
{
    if (o->rc != 0 || o->buf.len == 0 || (o->fp == NULL && o->gz == NULL)) {
        return; /* failed, nothing to write, or memory mode */
    }
    if (o->gz != NULL) {
        if (gzwrite(o->gz, o->buf.data, (unsigned)o->buf.len) != (int)o->buf.len) {
            int zerr;
            const char *m = gzerror(o->gz, &zerr);
            fail(o, firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", display_path(o),
                                    zerr == Z_ERRNO ? strerror(errno) : m));
        }
    } else if (fwrite(o->buf.data, 1, o->buf.len, o->fp) != o->buf.len) {
        fail(o, firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", display_path(o),
                                strerror(errno)));
    }
    o->buf.len = 0;
}

void firmnet_i_out_put(firmnet_i_out *o, const char *p, size_t n)
{
    if (o->rc != 0) {
        return;
    }
    int rc = firmnet_i_buf_put(&o->buf, p, n);
    if (rc < 0) {
        fail(o, rc);
    } else if (o->buf.len >= FLUSH_AT && (o->fp != NULL || o->gz != NULL)) {
        flush(o);
    }
}

void firmnet_i_out_str(firmnet_i_out *o, const char *s)
{
    firmnet_i_out_put(o, s, strlen(s));
}

void firmnet_i_out_printf(firmnet_i_out *o, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    if (o->rc != 0) {
        return;
    }
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        fail(o, firmnet_i_error(FIRMNET_EINVAL, "cannot format text"));
        return;
    }
    if ((size_t)n < sizeof small) {
        firmnet_i_out_put(o, small, (size_t)n);
        return;
    }
    char *big = firmnet_i_malloc((size_t)n + 1);
    if (big == NULL) {
        fail(o, firmnet_i_nomem());
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    firmnet_i_out_put(o, big, (size_t)n);
    firmnet_i_free(big);
}

void firmnet_i_out_xml(firmnet_i_out *o, const char *s)
{
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        const char *esc = NULL;
        switch (c) {
        case '&':
            esc = "&amp;";
            break;
        case '<':
            esc = "&lt;";
            break;
        case '>':
            esc = "&gt;";
            break;
        case '"':
            esc = "&quot;";
            break;
        case '\'':
            esc = "&apos;";
            break;
        case '\t':
            esc = "&#9;";
            break;
        case '\n':
            esc = "&#10;";
            break;
        case '\r':
            esc = "&#13;";
            break;
        default:
            if (c != 0 && (c < 0x20 || c == 0x7F)) {
                esc = "\xEF\xBF\xBD"; /* U+FFFD: C0 controls cannot appear in XML 1.0 */
            }
            break;
        }
        if (esc != NULL || c == 0) {
            firmnet_i_out_put(o, run, (size_t)(p - run));
            if (c == 0) {
                return;
            }
            firmnet_i_out_str(o, esc);
            run = p + 1;
        }
    }
}

void firmnet_i_out_num(firmnet_i_out *o, double v)
{
    char num[40];
    if (isnan(v)) {
        firmnet_i_out_str(o, "NaN");
    } else if (isinf(v)) {
        firmnet_i_out_str(o, v > 0 ? "INF" : "-INF");
    } else {
        firmnet_i_format_double(num, sizeof num, v);
        firmnet_i_out_str(o, num);
    }
}

static void put_fixed(firmnet_i_out *o, double v, int decimals, bool trim)
{
    static const long long scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (decimals < 0) {
        decimals = 0;
    } else if (decimals > 6) {
        decimals = 6;
    }
    if (!isfinite(v) || fabs(v) > 1e12) {
        firmnet_i_out_num(o, v);
        return;
    }
    /* Integer arithmetic: the digits do not depend on the locale or on printf's rounding. */
    long long k = llround(v * (double)scale[decimals]);
    unsigned long long a = k < 0 ? (unsigned long long)(-k) : (unsigned long long)k;
    unsigned long long ip = a / (unsigned long long)scale[decimals];
    unsigned long long fp = a % (unsigned long long)scale[decimals];
    if (decimals == 0 || (trim && fp == 0)) {
        firmnet_i_out_printf(o, "%s%llu", k < 0 ? "-" : "", ip);
    } else {
        char frac[24];
        int len = decimals;
        snprintf(frac, sizeof frac, "%0*llu", decimals, fp);
        while (trim && len > 0 && frac[len - 1] == '0') {
            len--;
        }
        firmnet_i_out_printf(o, "%s%llu.%.*s", k < 0 ? "-" : "", ip, len, frac);
    }
}

void firmnet_i_out_fixed(firmnet_i_out *o, double v, int decimals)
{
    put_fixed(o, v, decimals, true);
}

void firmnet_i_out_decimals(firmnet_i_out *o, double v, int decimals)
{
    put_fixed(o, v, decimals, false);
}

int firmnet_i_out_close(firmnet_i_out *o, int rc)
{
    if (rc == 0) {
        flush(o);
        rc = o->rc;
    }
    if (o->to_stdout) {
        if (rc == 0 && fflush(stdout) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "<stdout>: write failed: %s", strerror(errno));
        }
    } else if (o->gz != NULL) {
        int zr = gzclose(o->gz);
        if (rc == 0 && zr != Z_OK) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed (gzip close %d)", o->path, zr);
        }
    } else if (o->fp != NULL) {
        if (rc == 0 && fflush(o->fp) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", o->path, strerror(errno));
        }
        if (fclose(o->fp) != 0 && rc == 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", o->path, strerror(errno));
        }
    }
    if (o->sync_fd1 > 0) {
        /* The data must be on disk before the name points to it, or a crash right after the
         * rename could leave an empty file where the old result was. */
        if (rc == 0 && fsync(o->sync_fd1 - 1) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: write failed: %s", o->path, strerror(errno));
        }
        close(o->sync_fd1 - 1);
    }
    if (o->tmp != NULL) {
        if (rc == 0 && rename(o->tmp, o->target) != 0) {
            rc = firmnet_i_error(FIRMNET_EIO, "%s: cannot rename into place: %s", o->path,
                                 strerror(errno));
        }
        if (rc != 0) {
            unlink(o->tmp);
        }
    }
    firmnet_i_free(o->tmp);
    firmnet_i_free(o->path);
    firmnet_i_free(o->target);
    firmnet_i_buf_free(&o->buf);
    memset(o, 0, sizeof *o);
    return rc;
}

int firmnet_i_out_take(firmnet_i_out *o, char **data, size_t *len)
{
    int rc = o->rc;
    if (rc == 0 && o->buf.data == NULL) {
        rc = firmnet_i_buf_reserve(&o->buf, 0);
        if (rc == 0) {
            o->buf.data[0] = '\0';
        }
    }
    if (rc == 0) {
        *data = o->buf.data;
        *len = o->buf.len;
        o->buf.data = NULL;
    }
    firmnet_i_buf_free(&o->buf);
    memset(o, 0, sizeof *o);
    return rc;
}

int firmnet_i_out_save(firmnet_i_out *mem, const char *path)
{
    firmnet_i_out file;
    int rc = mem->rc;
    if (rc == 0) {
        rc = firmnet_i_out_open(&file, path);
        if (rc == 0) {
            firmnet_i_out_put(&file, mem->buf.data, mem->buf.len);
            rc = firmnet_i_out_close(&file, 0);
        }
    }
    firmnet_i_out_close(mem, rc);
    return rc;
}
