/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every allocation of the embeddedness, E-I and brokerage functions can fail: the function
 * then returns FIRMNET_ENOMEM, writes nothing and leaks nothing (run under ASan). */
#include "internal.h"
#include "test.h"

typedef int (*analysis)(firmnet_table **out, const firmnet_graph *g);

static int embeddedness(firmnet_table **out, const firmnet_graph *g)
{
    return firmnet_embeddedness(out, g, NULL);
}

static int groups(firmnet_table **out, const firmnet_graph *g)
{
    return firmnet_embeddedness_groups(out, g, "mc?", NULL);
}

static int ei(firmnet_table **out, const firmnet_graph *g)
{
    firmnet_ei_options o = FIRMNET_EI_OPTIONS_INIT;
    o.permutations = 20;
    return firmnet_ei(out, g, "type", &o);
}

static int ei_actors(firmnet_table **out, const firmnet_graph *g)
{
    return firmnet_ei_actors(out, g, "cluster", NULL);
}

static int brokerage(firmnet_table **out, const firmnet_graph *g)
{
    firmnet_brokerage_options o = FIRMNET_BROKERAGE_OPTIONS_INIT;
    o.blank = FIRMNET_BLANK_EXCLUDE;
    return firmnet_brokerage(out, g, "mc", &o);
}

static int brokerage_global(firmnet_table **out, const firmnet_graph *g)
{
    return firmnet_brokerage_global(out, g, "type", NULL);
}

static void exhaust(const char *name, analysis f, const firmnet_graph *g)
{
    long n;
    for (n = 1; n < 100000; n++) {
        firmnet_table *t = NULL;
        firmnet_i_fail_alloc_at(n);
        int rc = f(&t, g);
        firmnet_i_fail_alloc_at(0);
        if (rc == 0) {
            CHECK(t != NULL);
            firmnet_table_free(t);
            break;
        }
        CHECK_INT(rc, FIRMNET_ENOMEM);
        CHECK(t == NULL);
    }
    fprintf(stderr, "%s: %ld allocations\n", name, n - 1);
    CHECK(n > 1 && n < 100000);
}

int main(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(
                  net, test_path("tests/data/embeddedness/small_actors.csv"), NULL, NULL),
              0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("tests/data/embeddedness/small_ties.csv"),
                                        NULL, NULL),
              0);
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    exhaust("embeddedness", embeddedness, g);
    exhaust("embeddedness_groups", groups, g);
    exhaust("ei", ei, g);
    exhaust("ei_actors", ei_actors, g);
    exhaust("brokerage", brokerage, g);
    exhaust("brokerage_global", brokerage_global, g);
    firmnet_graph_free(g);
    firmnet_network_free(net);
    return test_done();
}
