/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A small assertion harness for the C tests. Each test program ends with test_done(), which
 * prints "N passed, N failed" and returns the exit status.
 */
#ifndef FIRMNET_TEST_H
#define FIRMNET_TEST_H

#include <firmnet.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_passed, test_failed;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        if (cond) {                                                                          \
            test_passed++;                                                                   \
        } else {                                                                             \
            test_failed++;                                                                   \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);         \
        }                                                                                    \
    } while (0)

#define CHECK_INT(a, b)                                                                      \
    do {                                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                                  \
        if (a_ == b_) {                                                                      \
            test_passed++;                                                                   \
        } else {                                                                             \
            test_failed++;                                                                   \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld (last error: %s)\n",     \
                    __FILE__, __LINE__, #a, a_, #b, b_, firmnet_last_error());               \
        }                                                                                    \
    } while (0)

/* Equal within @p rel relative tolerance (absolute below 1); NaN equals NaN. */
#define CHECK_NEAR(a, b, rel)                                                                \
    do {                                                                                     \
        double a_ = (a), b_ = (b);                                                           \
        if (test_near(a_, b_, rel)) {                                                        \
            test_passed++;                                                                   \
        } else {                                                                             \
            test_failed++;                                                                   \
            fprintf(stderr, "%s:%d: %s == %.17g, expected %.17g\n", __FILE__, __LINE__, #a,  \
                    a_, b_);                                                                 \
        }                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                      \
    do {                                                                                     \
        const char *a_ = (a), *b_ = (b);                                                     \
        if (a_ != NULL && b_ != NULL && strcmp(a_, b_) == 0) {                               \
            test_passed++;                                                                   \
        } else {                                                                             \
            test_failed++;                                                                   \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                 \
        }                                                                                    \
    } while (0)

/* The last error message contains @p sub. */
#define CHECK_ERR(sub)                                                                       \
    do {                                                                                     \
        if (strstr(firmnet_last_error(), (sub)) != NULL) {                                   \
            test_passed++;                                                                   \
        } else {                                                                             \
            test_failed++;                                                                   \
            fprintf(stderr, "%s:%d: error message \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, \
                    firmnet_last_error(), (sub));                                            \
        }                                                                                    \
    } while (0)

static inline int test_near(double a, double b, double rel)
{
    if (isnan(a) || isnan(b)) {
        return isnan(a) && isnan(b);
    }
    if (isinf(a) || isinf(b)) {
        return a == b;
    }
    double scale = fabs(b) > 1 ? fabs(b) : 1;
    return fabs(a - b) <= rel * scale;
}

static inline int test_done(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed > 0 ? 1 : 0;
}

/* Path of a file in tests/data or examples/data (TEST_SRCDIR is set by meson). */
static inline const char *test_path(const char *rel)
{
    static char buf[8][4096];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", TEST_SRCDIR, rel);
    return buf[k];
}

/*
 * Compare @p t with a reference CSV: rows are matched by the string column @p key, and every
 * numeric column of the reference that @p t also has is compared within @p rel. Reports each
 * mismatch; returns the number of values compared.
 */
static inline size_t test_compare_fixture(const firmnet_table *t, const char *fixture,
                                          const char *key, double rel)
{
    firmnet_table *ref = NULL;
    size_t kt, kr, compared = 0;
    if (firmnet_table_read(&ref, fixture) < 0) {
        test_failed++;
        fprintf(stderr, "cannot read fixture: %s\n", firmnet_last_error());
        return 0;
    }
    if (firmnet_table_column_index(&kt, t, key) < 0 ||
        firmnet_table_column_index(&kr, ref, key) < 0) {
        test_failed++;
        fprintf(stderr, "%s: key column '%s' missing\n", fixture, key);
        firmnet_table_free(ref);
        return 0;
    }
    if (firmnet_table_column_type(ref, kr) != FIRMNET_COLUMN_STRING) {
        test_failed++;
        fprintf(stderr, "%s: key column '%s' must hold strings (it reads back as numbers)\n",
                fixture, key);
        firmnet_table_free(ref);
        return 0;
    }
    for (size_t rr = 0; rr < firmnet_table_nrows(ref); rr++) {
        const char *k = firmnet_table_get_string(ref, kr, rr);
        size_t rt = 0;
        while (rt < firmnet_table_nrows(t) && strcmp(firmnet_table_get_string(t, kt, rt), k)) {
            rt++;
        }
        if (rt == firmnet_table_nrows(t)) {
            test_failed++;
            fprintf(stderr, "%s: row '%s' missing from the result\n", fixture, k);
            continue;
        }
        for (size_t cr = 0; cr < firmnet_table_ncols(ref); cr++) {
            size_t ct;
            const char *name = firmnet_table_column_name(ref, cr);
            if (firmnet_table_column_type(ref, cr) != FIRMNET_COLUMN_DOUBLE ||
                firmnet_table_column_index(&ct, t, name) < 0) {
                continue;
            }
            double want = firmnet_table_get_double(ref, cr, rr);
            double got = firmnet_table_get_double(t, ct, rt);
            compared++;
            if (test_near(got, want, rel)) {
                test_passed++;
            } else {
                test_failed++;
                fprintf(stderr, "%s: row '%s' column '%s': got %.17g, expected %.17g\n",
                        fixture, k, name, got, want);
            }
        }
    }
    firmnet_table_free(ref);
    return compared;
}

/* "dir/name" in one of four rotating static buffers. */
static inline const char *test_join(const char *dir, const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* The whole file as a NUL-terminated string the caller frees, or NULL. */
static inline char *test_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    char *s;
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    if (s != NULL && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s != NULL) {
        s[n] = '\0';
    }
    fclose(f);
    return s;
}

/* Non-overlapping occurrences of @p needle in @p hay (0 for a NULL hay). */
static inline size_t test_count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; hay && (p = strstr(p, needle)) != NULL; p += strlen(needle)) {
        k++;
    }
    return k;
}

#endif
