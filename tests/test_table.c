/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tables: accessors, shortest round-trip numbers, CSV/TSV/JSON/gzip writers, atomic writes. */
#include <locale.h>
#include <unistd.h>
#include <zlib.h>

#include "test.h"

static char *slurp(const char *path)
{
    static char buf[1 << 16];
    gzFile f = gzopen(path, "rb");
    int n = f ? gzread(f, buf, sizeof buf - 1) : -1;
    if (f) {
        gzclose(f);
    }
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static firmnet_table *sample(void)
{
    firmnet_table *t = NULL;
    const char *ids[] = {"A", "B, Inc", "창원 \"정밀\""};
    const char *notes[] = {" lead", NULL, "line\nbreak"};
    const double x[] = {0.1, 1.0 / 3.0, NAN};
    const double y[] = {1e300, -2.5e-310, INFINITY};
    const double z[] = {3, -0.0, 123456789012345678.0};
    CHECK_INT(firmnet_table_new(&t, 3), 0);
    CHECK_INT(firmnet_table_add_string(t, "id", ids), 0);
    CHECK_INT(firmnet_table_add_double(t, "x", x), 0);
    CHECK_INT(firmnet_table_add_double(t, "y", y), 0);
    CHECK_INT(firmnet_table_add_double(t, "z", z), 0);
    CHECK_INT(firmnet_table_add_string(t, "note", notes), 0);
    return t;
}

static void check_roundtrip(const firmnet_table *t, const char *path)
{
    firmnet_table *r = NULL;
    CHECK_INT(firmnet_table_write(t, path, FIRMNET_FORMAT_AUTO), 0);
    CHECK_INT(firmnet_table_read(&r, path), 0);
    CHECK_INT(firmnet_table_nrows(r), 3);
    CHECK_INT(firmnet_table_ncols(r), 5);
    for (size_t c = 0; c < 5; c++) {
        CHECK_STR(firmnet_table_column_name(r, c), firmnet_table_column_name(t, c));
        CHECK_INT(firmnet_table_column_type(r, c), firmnet_table_column_type(t, c));
        for (size_t row = 0; row < 3; row++) {
            if (firmnet_table_column_type(t, c) == FIRMNET_COLUMN_STRING) {
                CHECK_STR(firmnet_table_get_string(r, c, row), firmnet_table_get_string(t, c, row));
            } else {
                double a = firmnet_table_get_double(r, c, row), b = firmnet_table_get_double(t, c, row);
                /* bit-exact: shortest round-trip printing */
                CHECK(memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b)) || (a == 0 && b == 0));
            }
        }
    }
    firmnet_table_free(r);
}

int main(void)
{
    firmnet_table *t = sample();
    char dir[] = "/tmp/firmnet-test-XXXXXX", path[256];
    size_t col;
    CHECK(mkdtemp(dir) != NULL);

    /* accessors */
    CHECK_INT(firmnet_table_nrows(t), 3);
    CHECK_INT(firmnet_table_ncols(t), 5);
    CHECK_INT(firmnet_table_column_index(&col, t, "y"), 0);
    CHECK_INT(col, 2);
    CHECK_INT(firmnet_table_column_index(&col, t, "Y"), FIRMNET_ENOTFOUND);
    CHECK_NEAR(firmnet_table_get_double(t, 1, 1), 1.0 / 3.0, 0);
    CHECK(isnan(firmnet_table_get_double(t, 0, 0)));
    CHECK(firmnet_table_get_string(t, 1, 0) == NULL);
    CHECK_STR(firmnet_table_get_string(t, 4, 1), "");
    CHECK(firmnet_table_get_string(t, 4, 3) == NULL);
    CHECK_INT(firmnet_table_add_double(t, "x", NULL), FIRMNET_EINVAL);
    CHECK_ERR("duplicate table column 'x'");
    CHECK_INT(firmnet_table_add_double(t, "", NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_table_set_double(t, 1, 9, 1), FIRMNET_ERANGE);
    CHECK_INT(firmnet_table_set_double(t, 0, 0, 1), FIRMNET_EINVAL);
    CHECK_INT(firmnet_table_column_type(t, 7), FIRMNET_ERANGE);
    double buf[3];
    CHECK_INT(firmnet_table_get_doubles(t, 3, buf, 3), 0);
    CHECK_NEAR(buf[2], 123456789012345678.0, 0);
    CHECK_INT(firmnet_table_get_doubles(t, 3, buf, 2), FIRMNET_ERANGE);

    /* exact CSV text: shortest numbers, blank NaN, Inf, quoting */
    snprintf(path, sizeof path, "%s/t.csv", dir);
    CHECK_INT(firmnet_table_write(t, path, FIRMNET_FORMAT_AUTO), 0);
    CHECK_STR(slurp(path), "id,x,y,z,note\n"
                           "A,0.1,1e+300,3,\" lead\"\n"
                           "\"B, Inc\",0.3333333333333333,-2.5e-310,0,\n"
                           "\"창원 \"\"정밀\"\"\",,Inf,1.2345678901234568e+17,\"line\nbreak\"\n");
    check_roundtrip(t, path);
    /* the C locale whatever the host's (a decimal comma locale, when installed) */
    if (setlocale(LC_ALL, "de_DE.UTF-8") != NULL) {
        CHECK_INT(firmnet_table_write(t, path, FIRMNET_FORMAT_AUTO), 0);
        CHECK(strstr(slurp(path), "A,0.1,") != NULL);
        check_roundtrip(t, path);
        setlocale(LC_ALL, "C");
    }

    snprintf(path, sizeof path, "%s/t.tsv.gz", dir);
    check_roundtrip(t, path);
    CHECK(strncmp(slurp(path), "id\tx\ty\tz\tnote\nA\t0.1\t", 17) == 0);
    {   /* really gzip on disk */
        FILE *f = fopen(path, "rb");
        unsigned char magic[2] = {0, 0};
        CHECK(f != NULL && fread(magic, 1, 2, f) == 2);
        CHECK(magic[0] == 0x1f && magic[1] == 0x8b);
        if (f) {
            fclose(f);
        }
    }

    snprintf(path, sizeof path, "%s/t.json", dir);
    CHECK_INT(firmnet_table_write(t, path, FIRMNET_FORMAT_AUTO), 0);
    CHECK_STR(slurp(path),
              "[\n"
              "{\"id\": \"A\", \"x\": 0.1, \"y\": 1e+300, \"z\": 3, \"note\": \" lead\"},\n"
              "{\"id\": \"B, Inc\", \"x\": 0.3333333333333333, \"y\": -2.5e-310, \"z\": 0, "
              "\"note\": \"\"},\n"
              "{\"id\": \"창원 \\\"정밀\\\"\", \"x\": null, \"y\": null, \"z\": "
              "1.2345678901234568e+17, \"note\": \"line\\u000abreak\"}\n"
              "]\n");
    /* explicit format beats the name */
    snprintf(path, sizeof path, "%s/t.txt", dir);
    CHECK_INT(firmnet_table_write(t, path, FIRMNET_FORMAT_TSV), 0);
    CHECK(strncmp(slurp(path), "id\tx", 4) == 0);

    /* atomic: a failed write leaves the old file alone and no temporary behind */
    snprintf(path, sizeof path, "%s/t.csv", dir);
    CHECK_INT(firmnet_table_write(t, "/nonexistent-dir/out.csv", FIRMNET_FORMAT_AUTO), FIRMNET_EIO);
    CHECK_ERR("/nonexistent-dir/out.csv: cannot create");
    if (access("/dev/full", W_OK) == 0) {
        CHECK_INT(firmnet_table_write(t, "/dev/full", FIRMNET_FORMAT_AUTO), FIRMNET_EIO);
    }
    CHECK_INT(firmnet_table_read(&t, "/nonexistent.csv"), FIRMNET_EIO);

    /* network tables */
    firmnet_network *net = NULL;
    firmnet_table *a = NULL, *ties = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_actors_table(&a, net), 0);
    CHECK_INT(firmnet_table_nrows(a), 351);
    CHECK_STR(firmnet_table_column_name(a, 0), "id");
    CHECK_INT(firmnet_table_column_index(&col, a, "sales"), 0);
    CHECK_INT(firmnet_table_column_type(a, col), FIRMNET_COLUMN_DOUBLE);
    CHECK_INT(firmnet_network_ties_table(&ties, net), 0);
    CHECK_INT(firmnet_table_nrows(ties), 6269);
    CHECK_STR(firmnet_table_column_name(ties, 4), "weight");
    /* a written tie table reads back into an identical network */
    snprintf(path, sizeof path, "%s/ties.csv.gz", dir);
    CHECK_INT(firmnet_table_write(ties, path, FIRMNET_FORMAT_AUTO), 0);
    firmnet_network *again = NULL;
    CHECK_INT(firmnet_network_new(&again), 0);
    CHECK_INT(firmnet_network_read_ties(again, path, NULL, NULL), 0);
    CHECK_INT(firmnet_network_tie_count(again), 6269);
    double sum1 = 0, sum2 = 0, w;
    for (size_t k = 0; k < 6269; k++) {
        firmnet_network_tie(net, k, NULL, NULL, NULL, NULL, &w);
        sum1 += w;
        firmnet_network_tie(again, k, NULL, NULL, NULL, NULL, &w);
        sum2 += w;
    }
    CHECK(sum1 == sum2);
    unlink(path);
    firmnet_network_free(again);
    firmnet_table_free(a);
    firmnet_table_free(ties);
    firmnet_network_free(net);

    snprintf(path, sizeof path, "%s/t.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.tsv.gz", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.json", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/t.txt", dir);
    unlink(path);
    CHECK_INT(rmdir(dir), 0); /* no temporary files left behind */
    firmnet_table_free(t);
    firmnet_table_free(NULL);
    return test_done();
}
