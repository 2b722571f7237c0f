/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export, drawing and charts when an allocation fails: every failure point gives
 * FIRMNET_ENOMEM, no partial file and (under ASan) no leak. */
#include "test.h"

#include <unistd.h>

#include "internal.h"

static char dir[] = "/tmp/firmnet-export-alloc-XXXXXX";
static char out[600];

typedef int (*job)(void *);

/* Run @p fn with the n-th allocation failing, for n = 1, 2, ... until it succeeds. */
static void sweep(const char *name, job fn, void *arg)
{
    long n;
    int bad = 0;
    for (n = 1; n < 100000; n++) {
        firmnet_i_fail_alloc_at(n);
        int rc = fn(arg);
        firmnet_i_fail_alloc_at(0);
        if (rc == 0) {
            break;
        }
        if (rc != FIRMNET_ENOMEM || access(out, F_OK) == 0) {
            fprintf(stderr, "%s: allocation %ld: %d %s\n", name, n, rc, firmnet_last_error());
            bad++;
        }
    }
    CHECK_INT(bad, 0);
    CHECK(n > 1 && n < 100000);
    CHECK(unlink(out) == 0);
}

static firmnet_graph *graph;
static int export_as(firmnet_export_format f)
{
    return firmnet_graph_export(graph, out, f, NULL);
}

static int export_graphml(void *arg)
{
    (void)arg;
    return export_as(FIRMNET_EXPORT_GRAPHML);
}

static int export_gexf(void *arg)
{
    (void)arg;
    return export_as(FIRMNET_EXPORT_GEXF);
}

static int export_pajek(void *arg)
{
    (void)arg;
    return export_as(FIRMNET_EXPORT_PAJEK);
}

static int export_clu(void *arg)
{
    (void)arg;
    return firmnet_graph_export_partition(graph, out, "type", NULL);
}

static int draw(void *arg)
{
    firmnet_draw_options o = FIRMNET_DRAW_OPTIONS_INIT;
    (void)arg;
    o.size_attribute = "employees";
    o.title = "t";
    return firmnet_graph_draw(graph, out, &o);
}

static int grouped(void *arg)
{
    return firmnet_chart_grouped(arg, out, "g,h", "s", "v", "lo", "hi", NULL);
}

static int histogram(void *arg)
{
    return firmnet_chart_histogram(arg, out, "v", NULL);
}

int main(void)
{
    firmnet_network *net = NULL;
    firmnet_table *t = NULL;
    const char *g[] = {"a", "a", "b"}, *h[] = {"x", "y", "x"}, *s[] = {"p", "q", "p"};
    double v[] = {1, -2, 3}, lo[] = {0, -3, 2}, hi[] = {2, -1, 4};

    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(
        firmnet_network_read_actors(net, test_path("tests/data/export/actors.csv"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("tests/data/export/ties.csv"), NULL, NULL),
              0);
    CHECK_INT(firmnet_graph_new(&graph, net, NULL), 0);
    snprintf(out, sizeof out, "%s/out.graphml", dir);
    sweep("graphml", export_graphml, NULL);
    snprintf(out, sizeof out, "%s/out.gexf", dir);
    sweep("gexf", export_gexf, NULL);
    snprintf(out, sizeof out, "%s/out.net", dir);
    sweep("pajek", export_pajek, NULL);
    snprintf(out, sizeof out, "%s/out.clu", dir);
    sweep("partition", export_clu, NULL);
    snprintf(out, sizeof out, "%s/out.svg", dir);
    sweep("draw", draw, NULL);
    CHECK_INT(firmnet_table_new(&t, 3), 0);
    CHECK_INT(firmnet_table_add_string(t, "g", g), 0);
    CHECK_INT(firmnet_table_add_string(t, "h", h), 0);
    CHECK_INT(firmnet_table_add_string(t, "s", s), 0);
    CHECK_INT(firmnet_table_add_double(t, "v", v), 0);
    CHECK_INT(firmnet_table_add_double(t, "lo", lo), 0);
    CHECK_INT(firmnet_table_add_double(t, "hi", hi), 0);
    sweep("grouped", grouped, t);
    sweep("histogram", histogram, t);
    firmnet_table_free(t);
    firmnet_graph_free(graph);
    firmnet_network_free(net);
    CHECK(rmdir(dir) == 0);
    return test_done();
}
