/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network drawings and charts: element counts, determinism for a seed, the host's igraph RNG
 * left alone, options and failures. */
#include "test.h"

#include <stdbool.h>
#include <unistd.h>

#include <firmnet/igraph.h>

static char dir[] = "/tmp/firmnet-draw-XXXXXX";

/* Path of @p name in this test's temporary folder (several may be in use at once). */
static const char *in_dir(const char *name)
{
    return test_join(dir, name);
}

#define slurp test_slurp
#define count test_count

static bool same_file(const char *a, const char *b)
{
    char *x = slurp(a), *y = slurp(b);
    bool same = x != NULL && y != NULL && strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

static firmnet_network *load(const char *actors, const char *ties)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path(actors), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path(ties), NULL, NULL), 0);
    return net;
}

static void test_small(void)
{
    firmnet_network *net = load("tests/data/export/actors.csv", "tests/data/export/ties.csv");
    firmnet_graph *g = NULL;
    firmnet_draw_options o = FIRMNET_DRAW_OPTIONS_INIT;
    char *s;
    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    o.title = "Small <test> & 한글";
    CHECK_INT(firmnet_graph_draw(g, in_dir("small.svg"), &o), 0);
    s = slurp(in_dir("small.svg"));
    CHECK(s != NULL && strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
    CHECK_INT(count(s, "<circle class=\"node\""), 4);
    CHECK_INT(count(s, "<circle class=\"mc\""), 2); /* F1 and U1 */
    CHECK_INT(count(s, "<path class=\"edge\""), 4);
    CHECK_INT(count(s, "marker-end=\"url(#arrow"), 4);
    CHECK_INT(count(s, "<text x="), count(s, "</text>"));
    /* title escaped, tooltips with the actor, four labels (at most 50 nodes: all) */
    CHECK(strstr(s, "<title>Small &lt;test&gt; &amp; 한글</title>") != NULL);
    CHECK(strstr(s, ">Small &lt;test&gt; &amp; 한글</text>") != NULL);
    CHECK(strstr(s, "<title>X&amp;&lt;1&gt; Quote &amp; &lt;Co&gt; &apos;Ltd&apos;&#10;second "
                    "line (service)</title>") != NULL);
    CHECK(strstr(s, "<title>F1 창원중공업(주) &quot;본사&quot; (firm; MC "
                    "Changwon-Mechatronics)</title>") != NULL);
    CHECK_INT(count(s, "class=\"label\""), 4);
    /* colours: by type for nodes, by layer (or grey for several) for edges */
    CHECK(strstr(s, "fill=\"#0072B2\"><title>F1") != NULL);
    CHECK(strstr(s, "fill=\"#D55E00\"><title>G1") != NULL);
    /* F1->U1 (rnd and trade) is grey, and the heaviest edge: width 0.5 + 2.5 */
    CHECK_INT(count(s, "stroke=\"#666666\" stroke-width=\"3\" marker-end=\"url(#arrow0)\""), 1);
    /* legend: types present, the ring, layers present */
    CHECK(strstr(s, ">mini-cluster member</text>") != NULL);
    CHECK(strstr(s, ">service.finance</text>") != NULL);
    CHECK(strstr(s, ">several layers</text>") != NULL);
    CHECK(strstr(s, ">support</text>") == NULL);
    CHECK(strstr(s, "directed; layers: all; waves: 2005, 2007; 4 actors, 4 ties; FR layout, "
                    "seed 0") != NULL);
    free(s);

    /* sizes by an attribute, undirected, isolates dropped, no labels */
    firmnet_graph_free(g);
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    go.undirected = 1;
    CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
    o = (firmnet_draw_options)FIRMNET_DRAW_OPTIONS_INIT;
    o.size_attribute = "employees";
    o.drop_isolates = 1;
    o.labels = -1;
    o.width = 400;
    o.height = 300;
    CHECK_INT(firmnet_graph_draw(g, in_dir("u.svg"), &o), 0);
    s = slurp(in_dir("u.svg"));
    CHECK(strstr(s, "width=\"400\" height=\"300\" viewBox=\"0 0 400 300\"") != NULL);
    CHECK_INT(count(s, "<circle class=\"node\""), 3);
    CHECK_INT(count(s, "<path class=\"edge\""), 3); /* F1-U1, U1-X, X-F1 */
    CHECK_INT(count(s, "marker-end"), 0);
    CHECK_INT(count(s, "class=\"label\""), 0);
    CHECK(strstr(s, "Node size: employees</text>") != NULL);
    CHECK(strstr(s, ">12.5</text>") != NULL);
    CHECK(strstr(s, ">3500</text>") != NULL);
    /* the largest value has the largest radius, a blank the smallest */
    CHECK(strstr(s, "r=\"16\" fill=\"#0072B2\"><title>F1") != NULL);
    CHECK(strstr(s, "r=\"3\" fill=\"#E69F00\"><title>U1") != NULL);
    free(s);

    /* sizes from the caller */
    double sizes[4] = {0.1, 0.4, NAN, 0.2};
    o = (firmnet_draw_options)FIRMNET_DRAW_OPTIONS_INIT;
    o.size_values = sizes;
    o.size_len = 4;
    o.size_label = "pagerank";
    o.labels = 1;
    o.label_attribute = "mc";
    CHECK_INT(firmnet_graph_draw(g, in_dir("p.svg"), &o), 0);
    s = slurp(in_dir("p.svg"));
    CHECK(strstr(s, "Node size: pagerank</text>") != NULL);
    CHECK(strstr(s, "(university; MC Changwon-Mechatronics; pagerank 0.4)") != NULL);
    CHECK_INT(count(s, "class=\"label\""), 1);
    CHECK(strstr(s, "class=\"label\">Changwon-Mechatronics</text>") != NULL);
    free(s);

    /* legend values rounded to three significant digits without binary noise */
    sizes[0] = 0.0011296;
    sizes[1] = 12345.6;
    CHECK_INT(firmnet_graph_draw(g, in_dir("p.svg"), &o), 0);
    s = slurp(in_dir("p.svg"));
    CHECK(strstr(s, ">0.00113</text>") != NULL);
    CHECK(strstr(s, ">12300</text>") != NULL);
    free(s);

    /* failures leave no file */
    o.size_len = 3;
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_EINVAL);
    CHECK_ERR("3 size values for a view of 4 vertices");
    o = (firmnet_draw_options)FIRMNET_DRAW_OPTIONS_INIT;
    o.size_attribute = "type";
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_EDATA);
    CHECK_ERR("'type' is not numeric");
    o.size_attribute = "nosuch";
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_ENOTFOUND);
    o.size_attribute = NULL;
    o.label_attribute = "nosuch";
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_ENOTFOUND);
    o.label_attribute = NULL;
    o.layout = (firmnet_layout_algorithm)7;
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_EINVAL);
    o.layout = FIRMNET_LAYOUT_AUTO;
    o.version = 99;
    CHECK_INT(firmnet_graph_draw(g, in_dir("bad.svg"), &o), FIRMNET_EINVAL);
    CHECK(access(in_dir("bad.svg"), F_OK) != 0);
    CHECK_INT(firmnet_graph_draw(g, in_dir("no/such/dir.svg"), NULL), FIRMNET_EIO);
    CHECK_INT(firmnet_graph_draw(NULL, in_dir("x.svg"), NULL), FIRMNET_EINVAL);
    firmnet_graph_free(g);

    /* an empty network and one actor draw without trouble */
    firmnet_network *n2 = NULL;
    CHECK_INT(firmnet_network_new(&n2), 0);
    CHECK_INT(firmnet_graph_new(&g, n2, NULL), 0);
    CHECK_INT(firmnet_graph_draw(g, in_dir("empty.svg"), NULL), 0);
    firmnet_graph_free(g);
    CHECK_INT(firmnet_network_add_actor(n2, "solo", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_graph_new(&g, n2, NULL), 0);
    CHECK_INT(firmnet_graph_draw(g, in_dir("solo.svg"), NULL), 0);
    s = slurp(in_dir("solo.svg"));
    CHECK_INT(count(s, "<circle class=\"node\""), 1);
    CHECK(strstr(s, "nan") == NULL && strstr(s, "NaN") == NULL && strstr(s, "inf") == NULL);
    free(s);
    firmnet_graph_free(g);
    firmnet_network_free(n2);
    firmnet_network_free(net);
}

static void test_demo(void)
{
    firmnet_network *net = load("examples/data/actors.csv", "examples/data/ties.csv.gz");
    firmnet_graph *g = NULL;
    firmnet_draw_options o = FIRMNET_DRAW_OPTIONS_INIT;
    igraph_rng_t *host = NULL;
    igraph_integer_t before[3], after[3];
    double *xy1, *xy2;
    size_t n;
    char *s;

    CHECK_INT(firmnet_graph_new(&g, net, NULL), 0);
    n = firmnet_graph_vertex_count(g);
    o.seed = 42;
    o.size_attribute = "employees";

    /* the host's igraph RNG: the same numbers come out whether firmnet drew in between */
    firmnet_igraph_lock();
    host = igraph_rng_default();
    igraph_rng_seed(host, 7);
    for (int k = 0; k < 3; k++) {
        before[k] = igraph_rng_get_integer(host, 0, 1000000);
    }
    igraph_rng_seed(host, 7);
    firmnet_igraph_unlock();
    CHECK_INT(firmnet_graph_draw(g, in_dir("d1.svg"), &o), 0);
    firmnet_igraph_lock();
    CHECK(igraph_rng_default() == host);
    for (int k = 0; k < 3; k++) {
        after[k] = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
    }
    firmnet_igraph_unlock();
    CHECK(before[0] == after[0] && before[1] == after[1] && before[2] == after[2]);

    /* byte-identical for the same seed, different for another */
    CHECK_INT(firmnet_graph_draw(g, in_dir("d2.svg"), &o), 0);
    CHECK(same_file(in_dir("d1.svg"), in_dir("d2.svg")));
    o.seed = 43;
    CHECK_INT(firmnet_graph_draw(g, in_dir("d3.svg"), &o), 0);
    CHECK(!same_file(in_dir("d1.svg"), in_dir("d3.svg")));
    s = slurp(in_dir("d1.svg"));
    CHECK_INT(count(s, "<circle class=\"node\""), n);
    CHECK_INT(count(s, "<path class=\"edge\""), firmnet_graph_edge_count(g));
    /* the 20 largest get labels unless a label would cover one already placed */
    CHECK(count(s, "class=\"label\"") >= 5 && count(s, "class=\"label\"") <= 20);
    CHECK(strstr(s, "NaN") == NULL);
    free(s);

    /* the layout alone: deterministic, the buffer checked */
    xy1 = calloc(2 * n, sizeof *xy1);
    xy2 = calloc(2 * n, sizeof *xy2);
    o.seed = 42;
    CHECK_INT(firmnet_graph_layout(g, xy1, 2 * n, &o), 0);
    CHECK_INT(firmnet_graph_layout(g, xy2, 2 * n, &o), 0);
    CHECK(memcmp(xy1, xy2, 2 * n * sizeof *xy1) == 0);
    CHECK_INT(firmnet_graph_layout(g, xy2, 2 * n - 1, &o), FIRMNET_ERANGE);
    o.layout = FIRMNET_LAYOUT_DRL;
    CHECK_INT(firmnet_graph_layout(g, xy2, 2 * n, &o), 0);
    CHECK(memcmp(xy1, xy2, 2 * n * sizeof *xy1) != 0);
    for (size_t i = 0; i < 2 * n; i++) {
        if (!isfinite(xy2[i])) {
            CHECK(isfinite(xy2[i]));
            break;
        }
    }
    CHECK_INT(firmnet_graph_draw(g, in_dir("drl.svg"), &o), 0);
    s = slurp(in_dir("drl.svg"));
    CHECK(strstr(s, "DrL layout, seed 42") != NULL);
    free(s);
    free(xy1);
    free(xy2);

    firmnet_layout_algorithm a;
    CHECK_INT(firmnet_layout_parse(&a, "DRL"), 0);
    CHECK_INT(a, FIRMNET_LAYOUT_DRL);
    CHECK_INT(firmnet_layout_parse(&a, "fruchterman-reingold"), 0);
    CHECK_INT(a, FIRMNET_LAYOUT_FR);
    CHECK_INT(firmnet_layout_parse(&a, "kk"), FIRMNET_EINVAL);
    firmnet_draw_options d;
    CHECK_INT(firmnet_draw_options_init(&d, FIRMNET_DRAW_OPTIONS_VERSION), 0);
    CHECK(d.seed == 0 && d.layout == FIRMNET_LAYOUT_AUTO && d.size_values == NULL);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

static firmnet_table *change_table(void)
{
    firmnet_table *t = NULL;
    const char *layer[] = {"trade", "trade", "trade", "trade", "rnd", "rnd", "rnd", "rnd"};
    const char *stratum[] = {"large", "large", "sme", "sme", "large", "large", "sme", "sme"};
    const char *group[] = {"MC", "non-MC", "MC", "non-MC", "MC", "non-MC", "MC", "non-MC"};
    double mean[] = {1.2, 0.3, 2.1, -0.4, 0.8, NAN, 1.5, 0.2};
    double lo[] = {0.6, -0.3, 1.5, -1.0, 0.2, NAN, 0.9, NAN};
    double hi[] = {1.7, 0.8, 2.6, 0.1, 1.3, NAN, 2.0, NAN};
    CHECK_INT(firmnet_table_new(&t, 8), 0);
    CHECK_INT(firmnet_table_add_string(t, "layer", layer), 0);
    CHECK_INT(firmnet_table_add_string(t, "stratum", stratum), 0);
    CHECK_INT(firmnet_table_add_string(t, "group", group), 0);
    CHECK_INT(firmnet_table_add_double(t, "mean", mean), 0);
    CHECK_INT(firmnet_table_add_double(t, "low", lo), 0);
    CHECK_INT(firmnet_table_add_double(t, "high", hi), 0);
    return t;
}

static void test_charts(void)
{
    firmnet_table *t = change_table();
    firmnet_chart_options o = FIRMNET_CHART_OPTIONS_INIT;
    char *s;

    o.title = "Change & <CI>";
    CHECK_INT(firmnet_chart_grouped(t, in_dir("g.svg"), "layer, stratum", "group", "mean", "low",
                                    "high", &o),
              0);
    s = slurp(in_dir("g.svg"));
    CHECK_INT(count(s, "<circle class=\"mark\""), 7);  /* one value is NaN */
    CHECK_INT(count(s, "<path class=\"whisker\""), 6); /* and one interval */
    CHECK_INT(count(s, "<path class=\"zero\""), 1);
    CHECK(strstr(s, ">trade / large</text>") != NULL);
    CHECK(strstr(s, ">rnd / sme</text>") != NULL);
    CHECK(strstr(s, ">layer / stratum</text>") != NULL);
    CHECK(strstr(s, "<title>trade / sme, non-MC: -0.4 [-1, 0.1]</title>") != NULL);
    CHECK(strstr(s, ">Change &amp; &lt;CI&gt;</text>") != NULL);
    CHECK_INT(count(s, "<g class=\"legend\">"), 1);
    free(s);
    /* the same for the same input */
    CHECK_INT(firmnet_chart_grouped(t, in_dir("g2.svg"), "layer, stratum", "group", "mean", "low",
                                    "high", &o),
              0);
    CHECK(same_file(in_dir("g.svg"), in_dir("g2.svg")));

    o.style = FIRMNET_CHART_BARS;
    o.title = NULL;
    o.y_label = "mean change";
    CHECK_INT(firmnet_chart_grouped(t, in_dir("b.svg"), "layer", NULL, "mean", NULL, NULL, &o), 0);
    s = slurp(in_dir("b.svg"));
    CHECK_INT(count(s, "<rect class=\"mark\""), 7);
    CHECK_INT(count(s, "class=\"whisker\""), 0);
    CHECK_INT(count(s, "<g class=\"legend\">"), 0);
    CHECK(strstr(s, ">mean change</text>") != NULL);
    free(s);

    CHECK_INT(firmnet_chart_grouped(t, in_dir("x.svg"), "layer", NULL, "nosuch", NULL, NULL, NULL),
              FIRMNET_ENOTFOUND);
    CHECK_ERR("no column 'nosuch' in the table (columns: layer, stratum, group, mean");
    CHECK_INT(firmnet_chart_grouped(t, in_dir("x.svg"), "layer", NULL, "group", NULL, NULL, NULL),
              FIRMNET_EINVAL);
    CHECK_ERR("column 'group' is not numeric");
    CHECK_INT(firmnet_chart_grouped(t, in_dir("x.svg"), "layer", NULL, "mean", "low", NULL, NULL),
              FIRMNET_EINVAL);
    CHECK_INT(firmnet_chart_grouped(t, in_dir("x.svg"), " , ", NULL, "mean", NULL, NULL, NULL),
              FIRMNET_EINVAL);
    CHECK_INT(
        firmnet_chart_grouped(t, in_dir("x.svg"), "layer,nope", NULL, "mean", NULL, NULL, NULL),
        FIRMNET_ENOTFOUND);

    /* histogram: values 0..9 in 5 bins of width 1.8 -> 2, 2, 2, 2, 2 */
    firmnet_table *h = NULL;
    double v[12] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, NAN, NAN};
    CHECK_INT(firmnet_table_new(&h, 12), 0);
    CHECK_INT(firmnet_table_add_double(h, "x", v), 0);
    o = (firmnet_chart_options)FIRMNET_CHART_OPTIONS_INIT;
    o.bins = 5;
    CHECK_INT(firmnet_chart_histogram(h, in_dir("h.svg"), "x", &o), 0);
    s = slurp(in_dir("h.svg"));
    CHECK_INT(count(s, "<rect class=\"bar\""), 5);
    CHECK(strstr(s, "<title>[0, 1.8): 2</title>") != NULL);
    CHECK(strstr(s, "<title>[7.2, 9]: 2</title>") != NULL);
    CHECK(strstr(s, ">n = 10 (2 missing)</text>") != NULL);
    free(s);
    /* Sturges: ceil(log2 10) + 1 = 5 bins as well */
    o.bins = 0;
    CHECK_INT(firmnet_chart_histogram(h, in_dir("h2.svg"), "x", &o), 0);
    s = slurp(in_dir("h2.svg"));
    CHECK_INT(count(s, "<rect class=\"bar\""), 5);
    free(s);
    o.bins = -1;
    CHECK_INT(firmnet_chart_histogram(h, in_dir("x.svg"), "x", &o), FIRMNET_EINVAL);
    firmnet_table_free(h);

    /* all values equal: one centred range; nothing finite: an error */
    double same[3] = {2, 2, 2}, none[3] = {NAN, NAN, NAN};
    CHECK_INT(firmnet_table_new(&h, 3), 0);
    CHECK_INT(firmnet_table_add_double(h, "same", same), 0);
    CHECK_INT(firmnet_table_add_double(h, "none", none), 0);
    o.bins = 4;
    CHECK_INT(firmnet_chart_histogram(h, in_dir("h3.svg"), "same", &o), 0);
    s = slurp(in_dir("h3.svg"));
    CHECK(strstr(s, "<title>[1.5, 1.75): 0</title>") != NULL);
    CHECK(strstr(s, "<title>[2, 2.25): 3</title>") != NULL);
    CHECK(strstr(s, "<title>[2.25, 2.5]: 0</title>") != NULL);
    free(s);
    CHECK_INT(firmnet_chart_histogram(h, in_dir("x.svg"), "none", NULL), FIRMNET_EDATA);
    CHECK_ERR("column 'none' has no finite value");
    CHECK_INT(firmnet_chart_grouped(h, in_dir("x.svg"), "same", NULL, "none", NULL, NULL, NULL),
              FIRMNET_EDATA);
    CHECK(access(in_dir("x.svg"), F_OK) != 0);
    firmnet_table_free(h);

    firmnet_chart_options co;
    CHECK_INT(firmnet_chart_options_init(&co, FIRMNET_CHART_OPTIONS_VERSION), 0);
    CHECK(co.style == FIRMNET_CHART_DOTS && co.bins == 0 && co.title == NULL);
    firmnet_table_free(t);
}

int main(void)
{
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_small();
    test_demo();
    test_charts();
    const char *files[] = {"small.svg", "u.svg",  "p.svg",  "empty.svg", "solo.svg",
                           "d1.svg",    "d2.svg", "d3.svg", "drl.svg",   "g.svg",
                           "g2.svg",    "b.svg",  "h.svg",  "h2.svg",    "h3.svg"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        CHECK(unlink(in_dir(files[k])) == 0);
    }
    CHECK(rmdir(dir) == 0);
    return test_done();
}
