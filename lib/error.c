/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Error messages, the process-wide igraph/GSL lock and handlers, and allocation wrappers. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "internal.h"

#define MSG_SIZE 1024

static _Thread_local char tls_msg[MSG_SIZE];
static _Thread_local int tls_code;

const char *firmnet_last_error(void)
{
    return tls_msg;
}

int firmnet_last_error_code(void)
{
    return tls_code;
}

const char *firmnet_strerror(int code)
{
    switch (code) {
    case FIRMNET_OK: return "success";
    case FIRMNET_ENOMEM: return "out of memory";
    case FIRMNET_EINVAL: return "invalid argument";
    case FIRMNET_EIO: return "input/output error";
    case FIRMNET_EPARSE: return "malformed input";
    case FIRMNET_EDATA: return "invalid data";
    case FIRMNET_ENOTFOUND: return "not found";
    case FIRMNET_EIGRAPH: return "igraph or GSL error";
    case FIRMNET_ECANCEL: return "cancelled";
    case FIRMNET_ERANGE: return "out of range";
    default: return "unknown error";
    }
}

const char *firmnet_version(void)
{
    return FIRMNET_VERSION_STRING;
}

int firmnet_i_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tls_msg, sizeof tls_msg, fmt, ap);
    va_end(ap);
    tls_code = code;
    return code;
}

int firmnet_i_error_prefix(int code, const char *fmt, ...)
{
    char old[MSG_SIZE];
    size_t n;
    va_list ap;
    memcpy(old, tls_msg, sizeof old);
    va_start(ap, fmt);
    vsnprintf(tls_msg, sizeof tls_msg, fmt, ap);
    va_end(ap);
    n = strlen(tls_msg);
    if (n + 2 < sizeof tls_msg) {
        memcpy(tls_msg + n, ": ", 3);
        n += 2;
        size_t rest = strlen(old);
        if (rest > sizeof tls_msg - 1 - n) {
            rest = sizeof tls_msg - 1 - n;
        }
        memcpy(tls_msg + n, old, rest);
        tls_msg[n + rest] = '\0';
    }
    tls_code = code;
    return code;
}

void firmnet_i_clear_error(void)
{
    tls_msg[0] = '\0';
    tls_code = 0;
}

int firmnet_i_nomem(void)
{
    /* No allocation here: the message is static text copied into the thread's buffer. */
    return firmnet_i_error(FIRMNET_ENOMEM, "out of memory");
}

/* ---- the igraph/GSL lock ----------------------------------------------------------------- */

static pthread_mutex_t lock;
static pthread_once_t lock_once = PTHREAD_ONCE_INIT;
static int depth; /* nesting of firmnet_i_enter() in the thread holding the lock */
static _Thread_local int held; /* this thread's nesting, so that an unbalanced unlock is ignored */
static igraph_error_handler_t *prev_error;
static igraph_warning_handler_t *prev_warning;
static gsl_error_handler_t *prev_gsl;
static char igraph_reason[512]; /* first non-empty reason since the outermost enter */
static int gsl_status;

static void lock_init(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&lock, &attr);
    pthread_mutexattr_destroy(&attr);
}

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    /* igraph calls the handler again at every stack level, often with an empty reason;
     * the first non-empty one is the useful one. */
    if (igraph_reason[0] == '\0' && reason != NULL && reason[0] != '\0') {
        snprintf(igraph_reason, sizeof igraph_reason, "%s (%s, igraph %s:%d)", reason,
                 igraph_strerror(code), file ? file : "?", line);
    }
    /* As igraph_error_handler_ignore does: free what igraph registered for cleanup. */
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line; /* library code never prints */
}

static void on_gsl_error(const char *reason, const char *file, int line, int gsl_errno)
{
    if (igraph_reason[0] == '\0' && reason != NULL) {
        snprintf(igraph_reason, sizeof igraph_reason, "%s (GSL %s:%d)", reason,
                 file ? file : "?", line);
    }
    gsl_status = gsl_errno;
}

void firmnet_igraph_lock(void)
{
    firmnet_i_enter();
}

void firmnet_igraph_unlock(void)
{
    firmnet_i_leave();
}

void firmnet_i_enter(void)
{
    pthread_once(&lock_once, lock_init);
    pthread_mutex_lock(&lock);
    held++;
    if (depth++ == 0) {
        prev_error = igraph_set_error_handler(on_igraph_error);
        prev_warning = igraph_set_warning_handler(on_igraph_warning);
        prev_gsl = gsl_set_error_handler(on_gsl_error);
        igraph_reason[0] = '\0';
        gsl_status = 0;
    }
}

void firmnet_i_leave(void)
{
    if (held == 0) {
        return; /* firmnet_igraph_unlock() without a matching lock in this thread */
    }
    held--;
    if (--depth == 0) {
        igraph_set_error_handler(prev_error);
        igraph_set_warning_handler(prev_warning);
        gsl_set_error_handler(prev_gsl);
    }
    pthread_mutex_unlock(&lock);
}

int firmnet_i_igraph(igraph_error_t rc, const char *what)
{
    int code;
    if (rc == IGRAPH_SUCCESS) {
        return 0;
    }
    code = rc == IGRAPH_ENOMEM ? FIRMNET_ENOMEM
           : rc == IGRAPH_INTERRUPTED ? FIRMNET_ECANCEL
                                      : FIRMNET_EIGRAPH;
    firmnet_i_error(code, "%s: %s", what,
                    igraph_reason[0] ? igraph_reason : igraph_strerror(rc));
    igraph_reason[0] = '\0';
    return code;
}

int firmnet_i_gsl(int status, const char *what)
{
    if (status == 0) {
        return 0;
    }
    firmnet_i_error(status == GSL_ENOMEM ? FIRMNET_ENOMEM : FIRMNET_EIGRAPH, "%s: %s", what,
                    igraph_reason[0] ? igraph_reason : gsl_strerror(status));
    igraph_reason[0] = '\0';
    return firmnet_last_error_code();
}

int firmnet_i_rng_lend(firmnet_i_rng_loan *loan, uint64_t seed)
{
    int rc = firmnet_i_igraph(igraph_rng_init(&loan->rng, &igraph_rngtype_mt19937),
                              "random numbers");
    if (rc < 0) {
        return rc;
    }
    rc = firmnet_i_igraph(igraph_rng_seed(&loan->rng, (igraph_uint_t)seed), "random numbers");
    if (rc < 0) {
        igraph_rng_destroy(&loan->rng);
        return rc;
    }
    loan->host = igraph_rng_default();
    loan->saved = *loan->host;
    igraph_rng_set_default(&loan->rng);
    loan->by_pointer = igraph_rng_default() == &loan->rng;
    return 0;
}

void firmnet_i_rng_return(firmnet_i_rng_loan *loan)
{
    igraph_rng_set_default(loan->by_pointer ? loan->host : &loan->saved);
    igraph_rng_destroy(&loan->rng);
}

/* ---- allocation --------------------------------------------------------------------------- */

/* Allocation-failure injection for tests: when > 0, the allocation that brings the count to
 * this number fails. Set by firmnet_i_fail_alloc_at(). */
static _Thread_local long fail_at;
static _Thread_local long alloc_count;

void firmnet_i_fail_alloc_at(long n)
{
    fail_at = n;
    alloc_count = 0;
}

long firmnet_i_alloc_count(void)
{
    return alloc_count;
}

static bool should_fail(void)
{
    ++alloc_count;
    return fail_at > 0 && alloc_count == fail_at;
}

/*
 * Blocks of 2 MiB and more get the transparent huge page hint whatever their use: a first
 * touch of a 4 KiB page costs a fault (5 to 10 microseconds under virtualisation: a fifth of a
 * million-tie P1 run went to them), a 2 MiB page one fault for 512 of them.
 */
static void *advised(void *p, size_t n)
{
    firmnet_i_advise_huge(p, n); /* ignores NULL and blocks under 2 MiB */
    return p;
}

void *firmnet_i_malloc(size_t n)
{
    return should_fail() ? NULL : advised(malloc(n ? n : 1), n);
}

void *firmnet_i_calloc(size_t n, size_t size)
{
    /* Check the product here: sanitizers treat an overflowing calloc() as a fatal error. */
    if (should_fail() || (size != 0 && n > SIZE_MAX / size)) {
        return NULL;
    }
    return advised(calloc(n ? n : 1, size ? size : 1), n * size);
}

void *firmnet_i_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : advised(realloc(p, n ? n : 1), n);
}

void *firmnet_i_reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        return NULL;
    }
    return firmnet_i_realloc(p, n * size);
}

char *firmnet_i_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = firmnet_i_malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

void firmnet_i_free(void *p)
{
    free(p);
}
