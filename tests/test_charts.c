/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Charts of analysis results: the MC vs non-MC change chart (means +- 1.96 SE worked by hand,
 * the bootstrap interval from the group table) and local embeddedness per group. */
#include "test.h"

#include <stdbool.h>
#include <unistd.h>

static char dir[] = "/tmp/firmnet-charts-XXXXXX";

/* Path of @p name in this test's temporary folder (several may be in use at once). */
static const char *in_dir(const char *name)
{
    return test_join(dir, name);
}

#define slurp test_slurp
#define count test_count

/* The tooltips of the marks, in order: "label: value [low, high]". */
typedef struct mark {
    char label[128];
    double value, low, high;
    bool interval;
} mark;

static size_t marks(const char *svg, mark *out, size_t max)
{
    size_t k = 0;
    for (const char *p = svg; p && (p = strstr(p, "class=\"mark\"")) != NULL && k < max; k++) {
        const char *t = strstr(p, "<title>") + 7, *colon = strstr(t, ": ");
        char *end;
        snprintf(out[k].label, sizeof out[k].label, "%.*s", (int)(colon - t), t);
        out[k].value = strtod(colon + 2, &end);
        out[k].interval = strncmp(end, " [", 2) == 0;
        out[k].low = out[k].high = NAN;
        if (out[k].interval) {
            out[k].low = strtod(end + 2, &end);
            out[k].high = strtod(end + 2, &end);
        }
        p = t;
    }
    return k;
}

/* Four actors in one layer: A and B take part in a mini-cluster. Partners (ties either way)
 * change A +2, B +1, C 0, D +1, so MC 1.5 (sd 0.7071), non-MC 0.5 (sd 0.7071), and the
 * interval half-width is 1.96 * 0.7071 / sqrt(2) = 0.98. */
static firmnet_network *small_panel(void)
{
    static const char *const ties[][3] = {
        {"1", "A", "C"}, {"1", "B", "D"}, {"1", "C", "A"}, {"1", "D", "B"}, {"2", "A", "C"},
        {"2", "A", "D"}, {"2", "A", "B"}, {"2", "B", "D"}, {"2", "C", "A"}, {"2", "D", "B"},
    };
    static const char *const names[] = {"mc", "cluster"};
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    const char *a[] = {"M1", "X"}, *b[] = {"M1", "X"}, *c[] = {"", "Y"}, *d[] = {"", "Y"};
    CHECK_INT(firmnet_network_add_actor(net, "A", 2, names, a), 0);
    CHECK_INT(firmnet_network_add_actor(net, "B", 2, names, b), 0);
    CHECK_INT(firmnet_network_add_actor(net, "C", 2, names, c), 0);
    CHECK_INT(firmnet_network_add_actor(net, "D", 2, names, d), 0);
    for (size_t k = 0; k < sizeof ties / sizeof ties[0]; k++) {
        CHECK_INT(firmnet_network_add_tie(net, ties[k][0], "trade", ties[k][1], ties[k][2], 1, NULL,
                                          NULL),
                  0);
    }
    return net;
}

static void test_change_means(void)
{
    firmnet_network *net = small_panel();
    firmnet_change_options co = FIRMNET_CHANGE_OPTIONS_INIT;
    firmnet_change_result *res = NULL;
    mark m[16];
    char *svg;
    co.strata = "";
    co.permutations = 0;
    co.bootstrap = 0;
    CHECK_INT(firmnet_change(&res, net, &co), 0);
    CHECK_INT(
        firmnet_chart_change(res, in_dir("means.svg"), NULL, FIRMNET_CHANGE_CHART_MEANS, NULL), 0);
    svg = slurp(in_dir("means.svg"));
    CHECK(svg != NULL);
    /* layer groups "trade" and "all", no strata: two x groups of two marks */
    CHECK_INT(marks(svg, m, 16), 4);
    CHECK_INT(count(svg, "class=\"whisker\""), 4);
    CHECK_STR(m[0].label, "Trade, MC participants");
    CHECK_STR(m[1].label, "Trade, non-participants");
    CHECK_STR(m[2].label, "All layers, MC participants");
    CHECK_NEAR(m[0].value, 1.5, 1e-12);
    CHECK_NEAR(m[0].low, 0.52, 1e-12);
    CHECK_NEAR(m[0].high, 2.48, 1e-12);
    CHECK_NEAR(m[1].value, 0.5, 1e-12);
    CHECK_NEAR(m[1].low, -0.48, 1e-12);
    CHECK_NEAR(m[1].high, 1.48, 1e-12);
    CHECK(strstr(svg, "Change in partners, 1 to 2: MC vs non-MC (95% intervals)") != NULL);
    CHECK(strstr(svg, ">mean change of partners</text>") != NULL);
    CHECK(strstr(svg, ">layer group</text>") != NULL);
    CHECK(strstr(svg, ">MC participants</text>") != NULL); /* the legend */
    free(svg);

    /* any measure by name; degree_out: A +2 (sd with B 0: 1.414), C, D 0 */
    CHECK_INT(firmnet_chart_change(res, in_dir("deg.svg"), "degree_out", FIRMNET_CHANGE_CHART_MEANS,
                                   NULL),
              0);
    svg = slurp(in_dir("deg.svg"));
    CHECK_INT(marks(svg, m, 16), 4);
    CHECK_NEAR(m[0].value, 1, 1e-12);
    CHECK_NEAR(m[0].high, 1 + 1.96, 1e-12);
    CHECK_NEAR(m[1].value, 0, 1e-12);
    CHECK_NEAR(m[1].low, 0, 1e-12); /* sd 0: a whisker of length 0 */
    free(svg);

    /* unknown measure: the message lists the measures */
    CHECK_INT(firmnet_chart_change(res, in_dir("x.svg"), "sales", FIRMNET_CHANGE_CHART_MEANS, NULL),
              FIRMNET_ENOTFOUND);
    CHECK_ERR("no measure 'sales'");
    CHECK_ERR("partners_gained");
    CHECK(access(in_dir("x.svg"), F_OK) != 0);
    CHECK_INT(firmnet_chart_change(res, in_dir("x.svg"), NULL, (firmnet_change_chart)7, NULL),
              FIRMNET_EINVAL);
    CHECK_INT(firmnet_chart_change(NULL, in_dir("x.svg"), NULL, FIRMNET_CHANGE_CHART_MEANS, NULL),
              FIRMNET_EINVAL);
    CHECK_INT(firmnet_chart_change(res, NULL, NULL, FIRMNET_CHANGE_CHART_MEANS, NULL),
              FIRMNET_EINVAL);
    {
        firmnet_chart_options bad = FIRMNET_CHART_OPTIONS_INIT;
        bad.version = 99;
        CHECK_INT(
            firmnet_chart_change(res, in_dir("x.svg"), NULL, FIRMNET_CHANGE_CHART_MEANS, &bad),
            FIRMNET_EINVAL);
    }
    CHECK(access(in_dir("x.svg"), F_OK) != 0);
    firmnet_change_result_free(res);
    firmnet_network_free(net);
}

/* The demo data with strata: marks per layer group and stratum, intervals against the group
 * table (means +- 1.96 SE and the bootstrap interval of the difference). */
static void test_change_demo(void)
{
    firmnet_network *net = NULL;
    firmnet_change_options co = FIRMNET_CHANGE_OPTIONS_INIT;
    firmnet_change_result *res = NULL;
    firmnet_chart_options o = FIRMNET_CHART_OPTIONS_INIT;
    const firmnet_table *g;
    size_t cm, cn, cmean, csd, cdiff, clo, chi, k = 0;
    static mark m[64], d[64];
    char *svg, *svg2;

    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, NULL),
              0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, NULL),
              0);
    co.permutations = 0;
    co.bootstrap = 300;
    co.seed = 5;
    CHECK_INT(firmnet_change(&res, net, &co), 0);
    o.title = "Partners <MC> & \"non\"";
    o.style = FIRMNET_CHART_BARS;
    CHECK_INT(
        firmnet_chart_change(res, in_dir("demo.svg"), "partners", FIRMNET_CHANGE_CHART_MEANS, &o),
        0);
    CHECK_INT(
        firmnet_chart_change(res, in_dir("diff.svg"), "partners", FIRMNET_CHANGE_CHART_DIFF, NULL),
        0);
    svg = slurp(in_dir("demo.svg"));
    svg2 = slurp(in_dir("diff.svg"));
    CHECK(strstr(svg, "Partners &lt;MC&gt; &amp; &quot;non&quot;") != NULL);
    CHECK(strstr(svg, "<rect class=\"mark\"") != NULL);
    g = firmnet_change_groups(res);
    firmnet_table_column_index(&cm, g, "measure");
    firmnet_table_column_index(&cn, g, "n_mc");
    firmnet_table_column_index(&cmean, g, "mean_change_mc");
    firmnet_table_column_index(&csd, g, "sd_change_mc");
    firmnet_table_column_index(&cdiff, g, "diff");
    firmnet_table_column_index(&clo, g, "ci_low");
    firmnet_table_column_index(&chi, g, "ci_high");
    CHECK_INT(marks(svg, m, 64), 24); /* 4 layer groups x 3 strata x 2 */
    CHECK_INT(marks(svg2, d, 64), 12);
    CHECK_INT(count(svg2, "class=\"whisker\""), 12);
    CHECK_STR(m[0].label, "R&amp;D / large, MC participants");
    CHECK_STR(m[4].label, "R&amp;D / all, MC participants");
    CHECK_STR(d[11].label, "All layers / all");
    for (size_t r = 0; r < firmnet_table_nrows(g); r++) {
        double n, mean, sd;
        if (strcmp(firmnet_table_get_string(g, cm, r), "partners") != 0) {
            continue;
        }
        n = firmnet_table_get_double(g, cn, r);
        mean = firmnet_table_get_double(g, cmean, r);
        sd = firmnet_table_get_double(g, csd, r);
        /* the tooltip's numbers read back exactly */
        CHECK(m[2 * k].value == mean);
        CHECK(m[2 * k].low == mean - 1.96 * sd / sqrt(n));
        CHECK(m[2 * k].high == mean + 1.96 * sd / sqrt(n));
        CHECK(d[k].value == firmnet_table_get_double(g, cdiff, r));
        CHECK(d[k].low == firmnet_table_get_double(g, clo, r));
        CHECK(d[k].high == firmnet_table_get_double(g, chi, r));
        CHECK(d[k].low < d[k].value && d[k].value < d[k].high);
        k++;
    }
    CHECK_INT(k, 12);
    /* the same result and seed give the same bytes */
    {
        firmnet_change_result *again = NULL;
        char *svg3;
        CHECK_INT(firmnet_change(&again, net, &co), 0);
        CHECK_INT(firmnet_chart_change(again, in_dir("diff2.svg"), "partners",
                                       FIRMNET_CHANGE_CHART_DIFF, NULL),
                  0);
        svg3 = slurp(in_dir("diff2.svg"));
        CHECK(svg3 != NULL && strcmp(svg2, svg3) == 0);
        free(svg3);
        firmnet_change_result_free(again);
    }
    /* without bootstrap the difference has no whiskers */
    {
        firmnet_change_result *nob = NULL;
        char *svg3;
        co.bootstrap = 0;
        CHECK_INT(firmnet_change(&nob, net, &co), 0);
        CHECK_INT(
            firmnet_chart_change(nob, in_dir("nob.svg"), NULL, FIRMNET_CHANGE_CHART_DIFF, NULL), 0);
        svg3 = slurp(in_dir("nob.svg"));
        CHECK_INT(count(svg3, "class=\"mark\""), 12);
        CHECK_INT(count(svg3, "class=\"whisker\""), 0);
        free(svg3);
        firmnet_change_result_free(nob);
    }
    free(svg);
    free(svg2);
    firmnet_change_result_free(res);
    firmnet_network_free(net);
}

static void test_embeddedness(void)
{
    firmnet_network *net = small_panel();
    firmnet_graph *g = NULL, *u = NULL;
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_table *t = NULL, *tu = NULL;
    size_t col[3];
    mark m[16];
    char *svg;
    static const char *const names[] = {"cluster"};
    const char *z[] = {"Z & <Co>"};

    /* an actor without ties: its group has no share and is left out */
    CHECK_INT(firmnet_network_add_actor(net, "E", 1, names, z), 0);
    go.wave = "2";
    CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
    CHECK_INT(firmnet_embeddedness_groups(&t, g, "cluster", NULL), 0);
    CHECK_INT(firmnet_chart_embeddedness(t, in_dir("emb.svg"), NULL, NULL), 0);
    svg = slurp(in_dir("emb.svg"));
    CHECK_INT(marks(svg, m, 16), 9);
    CHECK_STR(m[0].label, "all actors (n = 5), sent (out)");
    CHECK_STR(m[4].label, "X (n = 2), received (in)");
    CHECK_STR(m[8].label, "Y (n = 2), all");
    CHECK(strstr(svg, "Z &amp;") == NULL);
    CHECK(strstr(svg, "Local embeddedness: share of tie weight within the own cluster") != NULL);
    firmnet_table_column_index(&col[0], t, "cluster_share_out");
    firmnet_table_column_index(&col[1], t, "cluster_share_in");
    firmnet_table_column_index(&col[2], t, "cluster_share_all");
    for (size_t r = 0; r < 3; r++) {
        for (size_t d = 0; d < 3; d++) {
            CHECK(m[3 * r + d].value == firmnet_table_get_double(t, col[d], r));
        }
    }
    /* X sends A->B (same), A->C, A->D, B->D: 1 of 4 */
    CHECK_NEAR(m[3].value, 0.25, 1e-12);
    free(svg);

    /* undirected: the three shares agree, one series */
    go.undirected = 1;
    CHECK_INT(firmnet_graph_new(&u, net, &go), 0);
    CHECK_INT(firmnet_embeddedness_groups(&tu, u, "cluster", NULL), 0);
    CHECK_INT(firmnet_chart_embeddedness(tu, in_dir("embu.svg"), "cluster", NULL), 0);
    svg = slurp(in_dir("embu.svg"));
    CHECK_INT(marks(svg, m, 16), 3);
    CHECK_STR(m[1].label, "X (n = 2)");
    CHECK(strstr(svg, "class=\"legend\"") == NULL);
    free(svg);

    /* errors */
    CHECK_INT(firmnet_chart_embeddedness(t, in_dir("x.svg"), "sector", NULL), FIRMNET_ENOTFOUND);
    CHECK_ERR("no column 'sector_share_out'");
    CHECK_INT(firmnet_chart_embeddedness(NULL, in_dir("x.svg"), NULL, NULL), FIRMNET_EINVAL);
    {
        firmnet_table *c = NULL;
        CHECK_INT(firmnet_centrality(&c, g, NULL), 0);
        CHECK_INT(firmnet_chart_embeddedness(c, in_dir("x.svg"), NULL, NULL), FIRMNET_ENOTFOUND);
        CHECK_ERR("no column 'group'");
        firmnet_table_free(c);
    }
    /* no actor has a region: every region share is missing */
    CHECK_INT(firmnet_chart_embeddedness(t, in_dir("x.svg"), "region", NULL), FIRMNET_EDATA);
    CHECK_ERR("no finite region share");
    CHECK(access(in_dir("x.svg"), F_OK) != 0);
    firmnet_table_free(t);
    firmnet_table_free(tu);
    firmnet_graph_free(g);
    firmnet_graph_free(u);
    firmnet_network_free(net);
}

int main(void)
{
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_change_means();
    test_change_demo();
    test_embeddedness();
    static const char *const files[] = {"means.svg", "deg.svg", "demo.svg", "diff.svg",
                                        "diff2.svg", "nob.svg", "emb.svg",  "embu.svg"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        unlink(in_dir(files[k]));
    }
    CHECK(rmdir(dir) == 0);
    return test_done();
}
