/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fast paths give bit-identical results to the straightforward ones. */
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "test.h"

static void test_parse_double(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    char buf[64];
    size_t differ = 0, n = 200000;
    gsl_rng_set(rng, 42);
    for (size_t k = 0; k < n; k++) {
        /* decimals of every shape the fast path takes and some it declines */
        int intd = (int)gsl_rng_uniform_int(rng, 12), fracd = (int)gsl_rng_uniform_int(rng, 25);
        char *p = buf;
        if (gsl_rng_uniform(rng) < 0.2) {
            *p++ = '-';
        }
        for (int i = 0; i <= intd; i++) {
            *p++ = (char)('0' + gsl_rng_uniform_int(rng, 10));
        }
        if (fracd > 0) {
            *p++ = '.';
            for (int i = 0; i < fracd; i++) {
                *p++ = (char)('0' + gsl_rng_uniform_int(rng, 10));
            }
        }
        *p = '\0';
        double fast, slow = strtod(buf, NULL);
        if (!firmnet_i_parse_double(buf, &fast) || memcmp(&fast, &slow, sizeof fast) != 0) {
            if (differ++ < 5) {
                fprintf(stderr, "'%s': %.17g vs strtod %.17g\n", buf, fast, slow);
            }
        }
    }
    CHECK_INT(differ, 0);
    double v;
    CHECK(firmnet_i_parse_double(" 12.5 ", &v) && v == 12.5);
    CHECK(firmnet_i_parse_double("1e3", &v) && v == 1000);
    CHECK(firmnet_i_parse_double("-0.0", &v) && v == 0 && signbit(v));
    CHECK(!firmnet_i_parse_double("1.2.3", &v));
    CHECK(!firmnet_i_parse_double("12a", &v));
    CHECK(!firmnet_i_parse_double("", &v));
    CHECK(!firmnet_i_parse_double(".", &v));
    gsl_rng_free(rng);
}

static void test_format_double(void)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    char buf[40];
    size_t bad = 0;
    gsl_rng_set(rng, 7);
    for (int k = 0; k < 100000; k++) {
        uint64_t bits = ((uint64_t)gsl_rng_get(rng) << 32) ^ gsl_rng_get(rng);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (!isfinite(v)) {
            continue;
        }
        firmnet_i_format_double(buf, sizeof buf, v);
        double back = strtod(buf, NULL);
        bad += back != v && !(v == 0 && back == 0);
    }
    CHECK_INT(bad, 0);
    firmnet_i_format_double(buf, sizeof buf, 0.1);
    CHECK_STR(buf, "0.1");
    firmnet_i_format_double(buf, sizeof buf, 5e-324);
    CHECK_STR(buf, "5e-324");
    gsl_rng_free(rng);
}

static void test_strset(void)
{
    firmnet_i_strset set = {0};
    char key[64];
    bool added;
    /* short ids live in the slots, long ones behind them: both must work across rehashes */
    for (int k = 0; k < 5000; k++) {
        snprintf(key, sizeof key, k % 3 ? "F%07d" : "a-rather-long-actor-identifier-%d", k);
        CHECK(firmnet_i_strset_add(&set, key, strlen(key), &added) == k && added);
    }
    for (int k = 0; k < 5000; k++) {
        snprintf(key, sizeof key, k % 3 ? "F%07d" : "a-rather-long-actor-identifier-%d", k);
        if (firmnet_i_strset_find(&set, key, strlen(key)) != k) {
            CHECK(0);
        }
    }
    CHECK(firmnet_i_strset_find(&set, "F000000", 7) == -1); /* prefix of an id */
    CHECK(firmnet_i_strset_find(&set, "F00000011", 9) == -1);
    firmnet_i_strset_truncate(&set, 100);
    CHECK(firmnet_i_strset_find(&set, "F0000101", 8) == -1);
    CHECK(firmnet_i_strset_find(&set, "F0000099", 8) == -1); /* 99 % 3 == 0: long form */
    CHECK(firmnet_i_strset_find(&set, "F0000098", 8) == 98);
    firmnet_i_strset_free(&set);
}

static void test_threaded_inflate(void)
{
    /* a gzip file (inflated by a second thread) and the same bytes from memory (inflated in
     * this thread) give identical networks */
    const char *path = test_path("examples/data/ties.csv.gz");
    FILE *f = fopen(path, "rb");
    static unsigned char data[1 << 20];
    size_t n = f ? fread(data, 1, sizeof data, f) : 0;
    if (f) {
        fclose(f);
    }
    firmnet_network *a = NULL, *b = NULL;
    CHECK_INT(firmnet_network_new(&a), 0);
    CHECK_INT(firmnet_network_new(&b), 0);
    CHECK_INT(firmnet_network_read_ties(a, path, NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(b, data, n, "mem", NULL, NULL), 0);
    CHECK_INT(firmnet_network_tie_count(a), firmnet_network_tie_count(b));
    CHECK_INT(firmnet_network_tie_count(a), 6269);
    size_t same = 0;
    for (size_t k = 0; k < firmnet_network_tie_count(a); k++) {
        size_t s1, t1, s2, t2;
        double w1, w2;
        firmnet_network_tie(a, k, &s1, &t1, NULL, NULL, &w1);
        firmnet_network_tie(b, k, &s2, &t2, NULL, NULL, &w2);
        same += s1 == s2 && t1 == t2 && memcmp(&w1, &w2, sizeof w1) == 0;
    }
    CHECK_INT(same, 6269);
    firmnet_network_free(a);
    firmnet_network_free(b);
}

int main(void)
{
    test_parse_double();
    test_format_double();
    test_strset();
    test_threaded_inflate();
    return test_done();
}
