/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet_summary(): a hand-worked network and the demo data against networkx
 * (tests/fixtures/make_summary.py -> tests/data/summary/demo.csv). */
#include "test.h"

static firmnet_table *summarise(firmnet_network *net)
{
    firmnet_table *t = NULL;
    CHECK_INT(firmnet_summary(&t, net), 0);
    return t;
}

static double cell(const firmnet_table *t, const char *col, size_t row)
{
    size_t c;
    if (firmnet_table_column_index(&c, t, col) < 0) {
        return NAN;
    }
    return firmnet_table_get_double(t, c, row);
}

int main(void)
{
    /* hand-worked: 2005 all = A->B (2), B->A (1), A->C (1); C in another cluster; D unknown */
    static const char actors[] = "id,type,cluster,region\nA,firm,C1,R1\nB,university,C1,R1\n"
                                 "C,firm,C2,R2\nD,,,\n";
    static const char ties[] = "wave,layer,source,target,weight\n2005,trade,A,B,2\n"
                               "2005,trade,B,A,1\n2005,rnd,A,C,1\n2007,service.finance,C,D,1.5\n"
                               "2007,service.training,C,D,2\n";
    firmnet_network *net = NULL;
    firmnet_table *t;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors, sizeof actors - 1, "a", NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    t = summarise(net);
    /* rows: waves 2005, 2007 x groups all, rnd, service, service.finance, service.training, trade */
    CHECK_INT(firmnet_table_nrows(t), 12);
    CHECK_STR(firmnet_table_get_string(t, 0, 0), "2005");
    CHECK_STR(firmnet_table_get_string(t, 1, 0), "all");
    CHECK_STR(firmnet_table_get_string(t, 1, 2), "service");
    CHECK_STR(firmnet_table_get_string(t, 1, 11), "trade");
    CHECK_NEAR(cell(t, "actors", 0), 3, 0);
    CHECK_NEAR(cell(t, "firm", 0), 2, 0);
    CHECK_NEAR(cell(t, "university", 0), 1, 0);
    CHECK_NEAR(cell(t, "ties", 0), 3, 0);
    CHECK_NEAR(cell(t, "weight", 0), 4, 0);
    CHECK_NEAR(cell(t, "density", 0), 3.0 / 12.0, 1e-15);
    CHECK_NEAR(cell(t, "reciprocity", 0), 2.0 / 3.0, 1e-15);
    CHECK_NEAR(cell(t, "components", 0), 1, 0);
    CHECK_NEAR(cell(t, "isolates", 0), 1, 0);
    CHECK_NEAR(cell(t, "mean_degree", 0), 2, 0);
    CHECK_NEAR(cell(t, "cluster_share", 0), 2.0 / 3.0, 1e-15);
    /* 2005 service: nothing */
    CHECK_NEAR(cell(t, "ties", 2), 0, 0);
    CHECK(isnan(cell(t, "reciprocity", 2)));
    CHECK(isnan(cell(t, "mean_degree", 2)));
    /* 2007 service: C->D merged over two layers, D's location unknown */
    CHECK_NEAR(cell(t, "ties", 8), 1, 0);
    CHECK_NEAR(cell(t, "weight", 8), 3.5, 0);
    CHECK_NEAR(cell(t, "other", 8), 1, 0);
    CHECK(isnan(cell(t, "cluster_share", 8)));
    firmnet_table_free(t);
    firmnet_network_free(net);

    /* demo data against networkx */
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, NULL), 0);
    t = summarise(net);
    CHECK_INT(firmnet_table_nrows(t), 16);
    const char *keys[16];
    char buf[16][64];
    for (size_t r = 0; r < 16; r++) {
        snprintf(buf[r], sizeof buf[r], "%s/%s", firmnet_table_get_string(t, 0, r),
                 firmnet_table_get_string(t, 1, r));
        keys[r] = buf[r];
    }
    CHECK_INT(firmnet_table_add_string(t, "key", keys), 0);
    size_t compared = test_compare_fixture(t, test_path("tests/data/summary/demo.csv"), "key", 1e-12);
    CHECK_INT(compared, 16 * 16); /* 16 rows x 16 numeric columns */
    firmnet_table_free(t);
    CHECK_INT(firmnet_summary(NULL, net), FIRMNET_EINVAL);
    firmnet_network_free(net);
    return test_done();
}
