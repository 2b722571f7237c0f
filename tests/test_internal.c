/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fast paths give bit-identical results to the straightforward ones. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "test.h"
#include "test_data.h"

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

/* What firmnet_i_format_double() writes, the straightforward way: the shortest of
 * "%.15g".."%.17g" that strtod() reads back as @p v (subnormals from "%.1g"). */
static void format_loop(char *out, size_t size, double v)
{
    for (int prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(out, size, "%.*g", prec, v);
        if (strtod(out, NULL) == v) {
            break;
        }
    }
}

/* A double of each shape the formatter meets: random bit patterns, integers, short decimals
 * (weights), values whose 17-digit form ends in a half ("..5", "..50") or carries ("99..9"),
 * and the ends of the fixed and exponent notations. */
static double format_case(gsl_rng *rng, int k)
{
    char s[64];
    double v;
    switch (k % 6) {
    case 0: {
        uint64_t bits = ((uint64_t)gsl_rng_get(rng) << 32) ^ gsl_rng_get(rng);
        memcpy(&v, &bits, sizeof v);
        return isfinite(v) ? v : 1.0;
    }
    case 1:
        return trunc(ldexp(gsl_rng_uniform(rng), (int)gsl_rng_uniform_int(rng, 56)));
    case 2: /* a few digits over a power of ten */
        return (double)gsl_rng_uniform_int(rng, 1000000) /
               pow(10, (double)gsl_rng_uniform_int(rng, 12)) *
               pow(10, (double)gsl_rng_uniform_int(rng, 40) - 20.0);
    case 3:
    case 4: { /* 17 digits ending in 5 or 50, or 15 and 16 nines then more */
        int n = 0;
        n += snprintf(s + n, sizeof s - (size_t)n, "%d.", 1 + (int)gsl_rng_uniform_int(rng, 9));
        for (int i = 1; i < 17; i++) {
            int digit = (int)gsl_rng_uniform_int(rng, 10);
            if (k % 6 == 4) {
                digit = i < 15 ? 9 : digit;
            } else if (i >= 14) {
                digit = i == 14 || i == 15 ? (gsl_rng_uniform(rng) < 0.5 ? 5 : 0) : 0;
            }
            s[n++] = (char)('0' + digit);
        }
        snprintf(s + n, sizeof s - (size_t)n, "e%d", (int)gsl_rng_uniform_int(rng, 60) - 30);
        return strtod(s, NULL);
    }
    default: /* just below and above 10^e, where the notation changes */
        v = pow(10, (double)gsl_rng_uniform_int(rng, 50) - 25.0);
        return gsl_rng_uniform(rng) < 0.5 ? nextafter(v, 0) : nextafter(v, 1e300);
    }
}

static void test_format_double(void)
{
    static const double edges[] = {1, 9, 10, 123456789, 1e14, 999999999999999.0, 1e15,
                                   1e15 + 2, 9007199254740992.0, 1e16, 1e17, 1e22, 0.5, 2.5,
                                   0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-4, 1e-5, 0.00012345,
                                   9.5, 0.95, 1279.2, 14.200000000000001, 5.222266264860772e-06,
                                   DBL_MAX, DBL_MIN, 2.2250738585072019e-308, 1.7976931348623155e308,
                                   5e-324, 4.9406564584124654e-320, DBL_EPSILON, M_PI, M_E};
    const int nedges = (int)(sizeof edges / sizeof *edges), nrandom = 600000;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    char buf[40], want[40];
    size_t bad = 0, unread = 0;
    gsl_rng_set(rng, 7);
    for (int k = 0; k < nrandom + 2 * nedges; k++) {
        double v = k < nrandom ? format_case(rng, k) : edges[(k - nrandom) / 2];
        v = k % 2 ? -v : v;
        if (v == 0) {
            continue;
        }
        format_loop(want, sizeof want, v);
        firmnet_i_format_double(buf, sizeof buf, v);
        if (strcmp(buf, want) != 0 && bad++ < 5) {
            fprintf(stderr, "%.17g: '%s', printf loop '%s'\n", v, buf, want);
        }
        unread += strtod(buf, NULL) != v; /* and it reads back */
    }
    CHECK_INT(bad, 0);
    CHECK_INT(unread, 0);
    firmnet_i_format_double(buf, sizeof buf, 0.1);
    CHECK_STR(buf, "0.1");
    firmnet_i_format_double(buf, sizeof buf, 5e-324);
    CHECK_STR(buf, "5e-324");
    firmnet_i_format_double(buf, sizeof buf, -0.0);
    CHECK_STR(buf, "0");
    firmnet_i_format_double(buf, sizeof buf, 1e300 * 1e300);
    CHECK_STR(buf, "Inf");
    firmnet_i_format_double(buf, sizeof buf, NAN);
    CHECK_STR(buf, "");
    /* a short buffer takes the printf path and still gets what fits */
    char small[12];
    firmnet_i_format_double(small, sizeof small, 1.0 / 3);
    CHECK_STR(small, "0.333333333");
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

/* The reference for firmnet_i_radix_sort(): qsort by (masked key, original position). */
typedef struct keyed {
    uint64_t key;
    size_t at;
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return a->at < b->at ? -1 : a->at > b->at;
}

/* Sort m random keys (of @p distinct values at most when not 0, below 2^span) by bits lo ..
 * lo + bits - 1, with their positions as payloads, or without (@p payload false: the position
 * is then kept in the key's low bits, below lo); compare with the reference and return the
 * number of mismatches. */
static size_t radix_case(gsl_rng *r, size_t m, unsigned lo, unsigned bits, unsigned span,
                         size_t distinct, bool payload)
{
    uint64_t mask = bits >= 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
    uint64_t *key = firmnet_i_malloc((m ? m : 1) * sizeof *key), *orig = NULL;
    uint32_t *val = payload ? firmnet_i_malloc((m ? m : 1) * sizeof *val) : NULL;
    keyed *ref = malloc((m ? m : 1) * sizeof *ref);
    size_t bad = 0;
    orig = malloc((m ? m : 1) * sizeof *orig);
    for (size_t i = 0; i < m; i++) {
        uint64_t x = (uint64_t)gsl_rng_get(r) << 32 ^ gsl_rng_get(r);
        if (distinct) {
            x = (x % distinct) * 0x9E3779B97F4A7C15ULL;
        }
        if (span < 64) {
            x &= ((uint64_t)1 << span) - 1;
        }
        /* bits above lo + bits must be ignored: set some */
        x = (x & mask) | (bits < 64 && i % 3 == 0 ? ~mask & 0xF0F0F0F0F0F0F0F0ULL : 0);
        key[i] = orig[i] = payload ? x : x << lo | i;
        ref[i] = (keyed){x & mask, i};
        if (payload) {
            val[i] = (uint32_t)i;
        }
    }
    qsort(ref, m, sizeof *ref, cmp_keyed);
    if (firmnet_i_radix_sort(&key, payload ? &val : NULL, m, payload ? 0 : lo,
                             (payload ? 0 : lo) + bits) != 0) {
        bad = m + 1;
    }
    for (size_t i = 0; bad == 0 && i < m; i++) {
        size_t at = payload ? val[i] : (size_t)(key[i] & (((uint64_t)1 << lo) - 1));
        bad += at != ref[i].at || key[i] != orig[ref[i].at];
    }
    firmnet_i_free(key);
    firmnet_i_free(val);
    free(ref);
    free(orig);
    return bad;
}

static void test_radix_sort(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    static const size_t sizes[] = {0, 1, 2, 3, 100, 5000, 300000};
    static const unsigned bits[] = {1, 7, 10, 11, 20, 21, 33, 40, 63, 64};
    size_t cases = 0, bad = 0;
    gsl_rng_set(r, 11);
    for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++) {
        for (size_t b = 0; b < sizeof bits / sizeof *bits; b++) {
            for (int payload = 0; payload < 2; payload++) {
                size_t m = sizes[a];
                /* without a payload the positions take the low 19 bits */
                unsigned w = !payload && bits[b] > 45 ? 45 : bits[b], lo = 19;
                if (m > 5000 && w != 40 && w != 21) {
                    continue;
                }
                /* all bits random; few distinct keys (long runs); keys below 2^(w - 12), so
                 * the top digit is the same for all; and 2^w distinct values at most */
                bad += radix_case(r, m, lo, w, 64, 0, payload);
                bad += radix_case(r, m, lo, w, 64, 3, payload);
                bad += radix_case(r, m, lo, w, w > 12 ? w - 12 : 0, 0, payload);
                bad += radix_case(r, m, lo, w, w, 0, payload);
                cases += 4;
            }
        }
    }
    CHECK_INT(bad, 0);
    CHECK(cases > 200);
    /* bit ranges outside a key */
    uint64_t *k = firmnet_i_malloc(2 * sizeof *k);
    uint32_t *v = firmnet_i_malloc(2 * sizeof *v);
    CHECK_INT(firmnet_i_radix_sort(&k, &v, 2, 0, 65), FIRMNET_EINVAL);
    CHECK_INT(firmnet_i_radix_sort(&k, &v, 2, 9, 8), FIRMNET_EINVAL);
    CHECK_INT(firmnet_i_radix_sort(&k, NULL, 2, 60, 70), FIRMNET_EINVAL);
    firmnet_i_free(k);
    firmnet_i_free(v);
    gsl_rng_free(r);
}

/* Parse all of @p csv; the text size it reports at the end must be (@p len, @p len), or
 * unknown when @p len is 0. */
/* Parse all of @p csv, whose text is @p len bytes and whose header and first data line take
 * @p first: after that line and at the end, *done counts the bytes parsed; *total is @p len
 * when the reader can know it (@p known), else 0 (and the call returns false). */
static void check_text_read(firmnet_i_csv *csv, size_t len, size_t first, bool known)
{
    uint64_t done, total;
    CHECK(!firmnet_i_csv_text_read(csv, &done, &total)); /* nothing parsed yet */
    CHECK_INT(firmnet_i_csv_header(csv), 0);
    CHECK_INT(firmnet_i_csv_next(csv), 1);
    CHECK(firmnet_i_csv_text_read(csv, &done, &total) == known);
    CHECK_INT(done, first);
    while (firmnet_i_csv_next(csv) > 0) {
    }
    CHECK(firmnet_i_csv_text_read(csv, &done, &total) == known);
    CHECK_INT(done, len);
    CHECK_INT(total, known ? len : 0);
    firmnet_i_csv_close(csv);
}

static size_t max_cap;

static int watch_cap(const char *what, double done, double total, void *payload)
{
    const firmnet_network *net = payload;
    (void)what;
    (void)done;
    (void)total;
    max_cap = net->ties_cap > max_cap ? net->ties_cap : max_cap;
    return 0;
}

static void test_text_size(void)
{
    /* the reader knows how long the text is: a file's size, a gzip member's ISIZE trailer
     * (read by seeking when the file is larger than the first read), a buffer's length; not
     * for several gzip members, where the trailer tells the last one's length only */
    size_t len, nz, nz2;
    char *text = tie_text(60000, 5, 50000, &len);
    unsigned char *gz = gzip_text(text, len, &nz);
    const char *row1 = strchr(text, '\n') + 1, *row3 = strchr(strchr(row1, '\n') + 1, '\n') + 1;
    unsigned char *tail = gzip_text(row1, (size_t)(row3 - row1), &nz2);
    char path[64];
    firmnet_i_csv *csv;
    snprintf(path, sizeof path, "/tmp/firmnet-internal-%ld.csv", (long)getpid());
    CHECK(nz > 600 * 1024); /* larger than the first read: the inflating thread runs */
    size_t first = (size_t)(strchr(row1, '\n') + 1 - text);

    write_file(path, text, len);
    CHECK_INT(firmnet_i_csv_open(&csv, path, NULL, NULL), 0);
    check_text_read(csv, len, first, true);
    write_file(path, gz, nz);
    CHECK_INT(firmnet_i_csv_open(&csv, path, NULL, NULL), 0);
    check_text_read(csv, len, first, true);
    CHECK_INT(firmnet_i_csv_open_buffer(&csv, gz, nz, "mem.gz"), 0);
    check_text_read(csv, len, first, true);
    CHECK_INT(firmnet_i_csv_open_buffer(&csv, text, len, "mem.csv"), 0);
    check_text_read(csv, len, first, true);
    /* a gzip file read whole by the first read: the trailer is in the bytes read */
    size_t small_len = (size_t)(strchr(text + len / 10, '\n') + 1 - text), nsmall;
    unsigned char *small = gzip_text(text, small_len, &nsmall);
    CHECK(nsmall < 256 * 1024);
    write_file(path, small, nsmall);
    CHECK_INT(firmnet_i_csv_open(&csv, path, NULL, NULL), 0);
    check_text_read(csv, small_len, first, true);
    free(small);
    unsigned char *two = malloc(nz + nz2);
    memcpy(two, gz, nz);
    memcpy(two + nz, tail, nz2);
    write_file(path, two, nz + nz2);
    CHECK_INT(firmnet_i_csv_open(&csv, path, NULL, NULL), 0);
    check_text_read(csv, len + (size_t)(row3 - row1), first, false);
    CHECK_INT(firmnet_i_csv_open_buffer(&csv, two, nz + nz2, "two.gz"), 0);
    check_text_read(csv, len + (size_t)(row3 - row1), first, false);

    /* a plain file: the tie arrays are sized for every row once the first 4096 are read, so
     * the last progress report, a few hundred KiB before the end, already sees room for all
     * (grown by half each time instead they would hold 59,049 then) */
    write_file(path, text, len);
    firmnet_network *net = NULL;
    firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
    o.progress = watch_cap;
    CHECK_INT(firmnet_network_new(&net), 0);
    o.progress_payload = net;
    CHECK_INT(firmnet_network_read_ties(net, path, &o, NULL), 0);
    CHECK_INT(firmnet_network_tie_count(net), 60000);
    CHECK(max_cap >= 60000 && max_cap <= 60000 * 105 / 100 + 1024);
    CHECK(net->ties_cap >= 60000 && net->ties_cap <= 60000 + 60000 / 16);
    firmnet_network_free(net);
    remove(path);
    free(two);
    free(tail);
    free(gz);
    free(text);
}

/* Whether the mapping holding @p p has the huge page advice ("hg" in VmFlags of
 * /proc/self/smaps): 1, 0, or -1 when that cannot be told. */
static int advised_huge(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int in = 0, found = -1;
    if (f == NULL) {
        return -1;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        } else if (in && strncmp(line, "VmFlags:", 8) == 0) {
            found = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

static void test_huge_advice(void)
{
    /* blocks of 2 MiB and more from the allocator wrappers carry the advice (after a realloc
     * too), smaller ones do not; the aligned middle of the block is what is advised */
    if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) != 0) {
        fprintf(stderr, "no transparent huge pages here: advice not checked\n");
        return;
    }
    size_t big = (size_t)6 << 20;
    char *a = firmnet_i_malloc(big), *b = firmnet_i_calloc(big, 1), *c = firmnet_i_malloc(4096);
    CHECK(a != NULL && b != NULL && c != NULL);
    CHECK_INT(advised_huge(a + big / 2), 1);
    CHECK_INT(advised_huge(b + big / 2), 1);
    a = firmnet_i_realloc(a, 2 * big);
    CHECK_INT(advised_huge(a + big), 1);
    CHECK_INT(advised_huge(c), 0);
    firmnet_i_free(a);
    firmnet_i_free(b);
    firmnet_i_free(c);
}

int main(void)
{
    test_parse_double();
    test_format_double();
    test_strset();
    test_threaded_inflate();
    test_radix_sort();
    test_text_size();
    test_huge_advice();
    return test_done();
}
