/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report and the charts of results when an allocation fails: every failure point gives
 * FIRMNET_ENOMEM, no file and (under ASan) no leak. */
#include "test.h"

#include <unistd.h>

#include "internal.h"

static char dir[] = "/tmp/firmnet-report-alloc-XXXXXX";
static char out[600];

typedef int (*job)(void *);

/* Run @p fn with the n-th allocation failing, for n = 1, 2, ... until it succeeds. */
static void sweep(const char *name, job fn, void *arg)
{
    long n;
    int bad = 0;
    for (n = 1; n < 200000; n++) {
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
    printf("%s: %ld allocation points\n", name, n - 1);
    CHECK_INT(bad, 0);
    CHECK(n > 1 && n < 200000);
    CHECK(unlink(out) == 0);
}

static firmnet_network *net;
static firmnet_change_result *result;
static firmnet_table *groups;

static int report(void *arg)
{
    firmnet_report_options o = FIRMNET_REPORT_OPTIONS_INIT;
    (void)arg;
    o.permutations = 19;
    o.bootstrap = 19;
    o.title = "a & b";
    return firmnet_report_write(net, out, &o);
}

static int chart_change(void *arg)
{
    return firmnet_chart_change(result, out, NULL, *(firmnet_change_chart *)arg, NULL);
}

static int chart_embeddedness(void *arg)
{
    (void)arg;
    return firmnet_chart_embeddedness(groups, out, NULL, NULL);
}

int main(void)
{
    static const char *const names[] = {"type", "size", "cluster", "mc"};
    static const char *const actors[][5] = {
        {"A1", "firm", "sme", "X", "M"},  {"A2", "firm", "large", "X", "M"},
        {"A3", "firm", "sme", "X", ""},   {"B1", "firm", "sme", "Y", "N"},
        {"B2", "firm", "large", "Y", ""}, {"B3", "university", "", "Y", ""},
    };
    static const char *const ties[][4] = {
        {"1", "t", "A1", "A2"}, {"1", "t", "A2", "A3"}, {"1", "u", "A3", "B1"},
        {"1", "t", "B1", "B2"}, {"1", "t", "B2", "B3"}, {"1", "u", "B3", "A1"},
        {"2", "t", "A1", "A3"}, {"2", "t", "A2", "B1"}, {"2", "u", "A3", "B1"},
        {"2", "t", "B1", "A1"}, {"2", "t", "B2", "B3"}, {"2", "u", "B3", "A2"},
    };
    firmnet_change_options co = FIRMNET_CHANGE_OPTIONS_INIT;
    firmnet_change_chart means = FIRMNET_CHANGE_CHART_MEANS, diff = FIRMNET_CHANGE_CHART_DIFF;
    firmnet_graph *g = NULL;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < sizeof actors / sizeof actors[0]; k++) {
        CHECK_INT(firmnet_network_add_actor(net, actors[k][0], 4, names, actors[k] + 1), 0);
    }
    for (size_t k = 0; k < sizeof ties / sizeof ties[0]; k++) {
        CHECK_INT(firmnet_network_add_tie(net, ties[k][0], ties[k][1], ties[k][2], ties[k][3], 1,
                                          NULL, NULL),
                  0);
    }
    co.permutations = 9;
    co.bootstrap = 9;
    CHECK_INT(firmnet_change(&result, net, &co), 0);
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    CHECK_INT(firmnet_embeddedness_groups(&groups, g, "cluster", NULL), 0);

    snprintf(out, sizeof out, "%s/chart.svg", dir);
    sweep("chart_change means", chart_change, &means);
    sweep("chart_change diff", chart_change, &diff);
    sweep("chart_embeddedness", chart_embeddedness, NULL);
    snprintf(out, sizeof out, "%s/report.html", dir);
    sweep("report", report, NULL);

    firmnet_table_free(groups);
    firmnet_graph_free(g);
    firmnet_change_result_free(result);
    firmnet_network_free(net);
    CHECK(rmdir(dir) == 0);
    return test_done();
}
