/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GraphML, GEXF and Pajek export: contents worked out by hand for tests/data/export, escapes,
 * Korean names, formats from names, options and failures; counts on the demo data. */
#include "test.h"

#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

static char dir[] = "/tmp/firmnet-export-XXXXXX";

static const char *in_dir(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* The whole file (gunzipped when compressed), NUL-terminated; caller frees. */
static char *slurp(const char *path)
{
    gzFile f = gzopen(path, "rb");
    size_t cap = 1 << 16, len = 0;
    char *s = malloc(cap + 1);
    int n;
    if (f == NULL || s == NULL) {
        if (f) {
            gzclose(f);
        }
        free(s);
        return NULL;
    }
    while ((n = gzread(f, s + len, (unsigned)(cap - len))) > 0) {
        len += (size_t)n;
        if (len == cap) {
            cap *= 2;
            s = realloc(s, cap + 1);
        }
    }
    gzclose(f);
    s[len] = '\0';
    return s;
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; hay && (p = strstr(p, needle)) != NULL; p += strlen(needle)) {
        k++;
    }
    return k;
}

#define CHECK_HAS(text, needle)                                                                    \
    do {                                                                                           \
        if ((text) != NULL && strstr((text), (needle)) != NULL) {                                  \
            test_passed++;                                                                         \
        } else {                                                                                   \
            test_failed++;                                                                         \
            fprintf(stderr, "%s:%d: output lacks \"%s\"\n", __FILE__, __LINE__, (needle));         \
        }                                                                                          \
    } while (0)

#define CHECK_LACKS(text, needle)                                                                  \
    do {                                                                                           \
        if ((text) != NULL && strstr((text), (needle)) == NULL) {                                  \
            test_passed++;                                                                         \
        } else {                                                                                   \
            test_failed++;                                                                         \
            fprintf(stderr, "%s:%d: output has \"%s\"\n", __FILE__, __LINE__, (needle));           \
        }                                                                                          \
    } while (0)

static firmnet_network *small_network(void)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(
        firmnet_network_read_actors(net, test_path("tests/data/export/actors.csv"), NULL, NULL), 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("tests/data/export/ties.csv"), NULL, NULL),
              0);
    return net;
}

static firmnet_graph *view(const firmnet_network *net, const char *layers, const char *wave,
                           int undirected)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    o.layers = layers;
    o.wave = wave;
    o.undirected = undirected;
    CHECK_INT(firmnet_graph_new(&g, net, &o), 0);
    return g;
}

static void test_formats(void)
{
    firmnet_export_format f = FIRMNET_EXPORT_AUTO;
    CHECK_INT(firmnet_export_format_from_name(&f, "a/net.graphml"), 0);
    CHECK_INT(f, FIRMNET_EXPORT_GRAPHML);
    CHECK_INT(firmnet_export_format_from_name(&f, "NET.GEXF.gz"), 0);
    CHECK_INT(f, FIRMNET_EXPORT_GEXF);
    CHECK_INT(firmnet_export_format_from_name(&f, "x.net"), 0);
    CHECK_INT(f, FIRMNET_EXPORT_PAJEK);
    CHECK_INT(firmnet_export_format_from_name(&f, "x.csv"), FIRMNET_EINVAL);
    CHECK_ERR("x.csv: cannot tell the export format");
    CHECK_INT(firmnet_export_format_from_name(&f, "gz"), FIRMNET_EINVAL);
    CHECK_INT(firmnet_export_format_parse(&f, "Pajek"), 0);
    CHECK_INT(f, FIRMNET_EXPORT_PAJEK);
    CHECK_INT(firmnet_export_format_parse(&f, "net"), 0);
    CHECK_INT(f, FIRMNET_EXPORT_PAJEK);
    CHECK_INT(firmnet_export_format_parse(&f, "dot"), FIRMNET_EINVAL);
    CHECK_ERR("formats: graphml, gexf, pajek");
    CHECK_STR(firmnet_export_format_name(FIRMNET_EXPORT_GEXF), "gexf");
    CHECK(firmnet_export_format_name((firmnet_export_format)99) == NULL);

    firmnet_export_options o;
    CHECK_INT(firmnet_export_options_init(&o, FIRMNET_EXPORT_OPTIONS_VERSION), 0);
    CHECK(o.attributes == NULL && o.label == NULL && o.drop_isolates == 0 && o.no_bom == 0);
    CHECK_INT(firmnet_export_options_init(&o, 0), FIRMNET_EINVAL);
}

static void test_graphml(const firmnet_network *net)
{
    firmnet_graph *g = view(net, NULL, NULL, 0);
    char *s;
    CHECK_INT(firmnet_graph_export(g, in_dir("small.graphml"), FIRMNET_EXPORT_AUTO, NULL), 0);
    s = slurp(in_dir("small.graphml"));
    CHECK(s != NULL);
    CHECK_INT(count(s, "<node "), 4);
    CHECK_INT(count(s, "<edge "), 4);
    CHECK_HAS(s, "<graph id=\"G\" edgedefault=\"directed\">");
    /* attribute keys: numeric ones double, the others string */
    CHECK_HAS(s, "<key id=\"v0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>");
    CHECK_HAS(s, "attr.name=\"employees\" attr.type=\"double\"/>");
    CHECK_HAS(s, "attr.name=\"note\" attr.type=\"string\"/>");
    /* escapes and Korean text */
    CHECK_HAS(s, "<node id=\"X&amp;&lt;1&gt;\">");
    CHECK_HAS(s, "창원중공업(주) &quot;본사&quot;");
    CHECK_HAS(s, "Quote &amp; &lt;Co&gt; &apos;Ltd&apos;&#10;second line");
    CHECK_HAS(s, "tab&#9;here");
    CHECK_HAS(s, "a &amp; b &lt;c&gt;");
    CHECK_HAS(s, "<data key=\"v8\">3500</data>");
    CHECK_HAS(s, "<data key=\"v8\">12.5</data>");
    /* blank values are left out: U1 has no size */
    CHECK_HAS(s, "<node id=\"U1\"><data key=\"v0\">경남대학교</data><data key=\"v1\">"
                 "university</data><data key=\"v6\">Changwon-Mechatronics</data></node>");
    /* the isolate is there */
    CHECK_HAS(s, "<node id=\"G1\">");
    /* edges, in (source, target) order, with merged weight, layers and waves */
    CHECK_HAS(s, "<edge source=\"F1\" target=\"U1\"><data key=\"weight\">7.5</data>"
                 "<data key=\"layer\">rnd;trade</data><data key=\"wave\">2005;2007</data></edge>");
    CHECK_HAS(s, "<edge source=\"U1\" target=\"F1\"><data key=\"weight\">3</data>"
                 "<data key=\"layer\">trade</data><data key=\"wave\">2007</data></edge>");
    CHECK_HAS(s, "<edge source=\"U1\" target=\"X&amp;&lt;1&gt;\"><data key=\"weight\">0.001"
                 "</data><data key=\"layer\">rnd</data><data key=\"wave\">2007</data></edge>");
    CHECK_HAS(s, "<edge source=\"X&amp;&lt;1&gt;\" target=\"F1\"><data key=\"weight\">0.5"
                 "</data><data key=\"layer\">service.finance</data>");
    CHECK(strstr(s, "source=\"F1\" target=\"U1\"") < strstr(s, "source=\"U1\" target=\"F1\""));
    CHECK_HAS(s, "<desc>firmnet graph view; layers: rnd, service.finance, trade; waves: 2005, "
                 "2007; directed; parallel ties merged by sum</desc>");
    free(s);
    firmnet_graph_free(g);

    /* undirected, one wave, a layer selection, chosen attributes, no isolates, gzip */
    firmnet_export_options o = FIRMNET_EXPORT_OPTIONS_INIT;
    o.attributes = " type , employees";
    o.drop_isolates = 1;
    o.description = "a <test>";
    g = view(net, "trade,rnd", "2007", 1);
    CHECK_INT(firmnet_graph_export(g, in_dir("u.graphml.gz"), FIRMNET_EXPORT_AUTO, &o), 0);
    s = slurp(in_dir("u.graphml.gz"));
    CHECK_HAS(s, "edgedefault=\"undirected\"");
    CHECK_INT(count(s, "<key "), 5);
    CHECK_INT(count(s, "<node "), 3);
    CHECK_LACKS(s, "G1");
    CHECK_INT(count(s, "<edge "), 2);
    /* F1-U1 merges F1->U1 (trade 4) and U1->F1 (trade 3) of 2007 */
    CHECK_HAS(s, "<edge source=\"F1\" target=\"U1\"><data key=\"weight\">7</data>"
                 "<data key=\"layer\">trade</data><data key=\"wave\">2007</data></edge>");
    CHECK_HAS(s, "<desc>a &lt;test&gt;</desc>");
    free(s);
    {
        /* the file really is gzip */
        FILE *f = fopen(in_dir("u.graphml.gz"), "rb");
        unsigned char magic[2] = {0, 0};
        CHECK(f != NULL && fread(magic, 1, 2, f) == 2);
        CHECK(magic[0] == 0x1f && magic[1] == 0x8b);
        if (f) {
            fclose(f);
        }
    }
    o.attributes = "none";
    CHECK_INT(firmnet_graph_export(g, in_dir("none.graphml"), FIRMNET_EXPORT_GRAPHML, &o), 0);
    s = slurp(in_dir("none.graphml"));
    CHECK_INT(count(s, "<key "), 3);
    free(s);
    firmnet_graph_free(g);
}

static void test_gexf(const firmnet_network *net)
{
    firmnet_graph *g = view(net, NULL, NULL, 0);
    char *s;
    CHECK_INT(firmnet_graph_export(g, in_dir("small.gexf"), FIRMNET_EXPORT_AUTO, NULL), 0);
    s = slurp(in_dir("small.gexf"));
    CHECK_HAS(s, "<gexf xmlns=\"http://gexf.net/1.3\"");
    CHECK_HAS(s, "version=\"1.3\">");
    CHECK_HAS(s, "<graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"integer\" "
                 "timerepresentation=\"interval\">");
    CHECK_HAS(s, "<nodes count=\"4\">");
    CHECK_HAS(s, "<edges count=\"4\">");
    CHECK_INT(count(s, "<node "), 4);
    CHECK_INT(count(s, "<edge "), 4);
    /* labels: the name, escaped; attribute values */
    CHECK_HAS(s, "<node id=\"F1\" label=\"창원중공업(주) &quot;본사&quot;\">");
    CHECK_HAS(s, "<node id=\"X&amp;&lt;1&gt;\" label=\"Quote &amp; &lt;Co&gt; &apos;Ltd&apos;&#10;"
                 "second line\">");
    CHECK_HAS(s, "<attvalue for=\"v8\" value=\"3500\"/>");
    /* the pair with two layers and two waves: one spell per wave, per-wave weight */
    CHECK_HAS(s, "<edge id=\"e0\" source=\"F1\" target=\"U1\" weight=\"7.5\"><attvalues>"
                 "<attvalue for=\"layer\" value=\"rnd;trade\"/>"
                 "<attvalue for=\"wave\" value=\"2005;2007\"/>"
                 "<attvalue for=\"wave_weight\" value=\"3.5\" start=\"2005\" end=\"2005\"/>"
                 "<attvalue for=\"wave_weight\" value=\"4\" start=\"2007\" end=\"2007\"/>"
                 "</attvalues><spells><spell start=\"2005\" end=\"2005\"/>"
                 "<spell start=\"2007\" end=\"2007\"/></spells></edge>");
    CHECK_HAS(s, "<edge id=\"e3\" source=\"X&amp;&lt;1&gt;\" target=\"F1\" weight=\"0.5\">");
    CHECK_INT(count(s, "<spell "), 5);
    free(s);
    firmnet_graph_free(g);

    /* one wave: static, no spells; the label attribute and merge rule count */
    firmnet_export_options o = FIRMNET_EXPORT_OPTIONS_INIT;
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    o.label = "MC";
    go.wave = "2005";
    go.merge = FIRMNET_MERGE_COUNT;
    CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
    CHECK_INT(firmnet_graph_export(g, in_dir("w.gexf"), FIRMNET_EXPORT_GEXF, &o), 0);
    s = slurp(in_dir("w.gexf"));
    CHECK_HAS(s, "mode=\"static\"");
    CHECK_LACKS(s, "<spell");
    CHECK_LACKS(s, "wave_weight");
    CHECK_HAS(s, "<node id=\"F1\" label=\"Changwon-Mechatronics\">");
    CHECK_HAS(s, "<node id=\"G1\" label=\"G1\">"); /* blank label: the id */
    CHECK_HAS(s, "source=\"F1\" target=\"U1\" weight=\"2\">");
    CHECK_HAS(s, "parallel ties merged by count");
    free(s);
    firmnet_graph_free(g);

    /* non-numeric wave names: times are positions 1, 2, ... */
    firmnet_network *n2 = NULL;
    CHECK_INT(firmnet_network_new(&n2), 0);
    CHECK_INT(firmnet_network_add_tie(n2, "first", "a", "A", "B", 1, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(n2, "second", "a", "A", "B", 2, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(n2, "second", "a", "B", "A", 2, NULL, NULL), 0);
    g = view(n2, NULL, NULL, 0);
    CHECK_INT(firmnet_graph_export(g, in_dir("ord.gexf"), FIRMNET_EXPORT_GEXF, NULL), 0);
    s = slurp(in_dir("ord.gexf"));
    CHECK_HAS(s, "timeformat=\"integer\"");
    CHECK_HAS(s, "times are wave positions: 1 = first 2 = second");
    CHECK_HAS(s, "<spell start=\"1\" end=\"1\"/><spell start=\"2\" end=\"2\"/>");
    CHECK_HAS(s, "<attvalue for=\"wave\" value=\"first;second\"/>");
    free(s);
    firmnet_graph_free(g);
    firmnet_network_free(n2);

    /* decimal wave names: timeformat double */
    CHECK_INT(firmnet_network_new(&n2), 0);
    CHECK_INT(firmnet_network_add_tie(n2, "2005.5", "a", "A", "B", 1, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(n2, "2007", "a", "A", "B", 1, NULL, NULL), 0);
    g = view(n2, NULL, NULL, 0);
    CHECK_INT(firmnet_graph_export(g, in_dir("dbl.gexf"), FIRMNET_EXPORT_GEXF, NULL), 0);
    s = slurp(in_dir("dbl.gexf"));
    CHECK_HAS(s, "timeformat=\"double\"");
    CHECK_HAS(s, "<spell start=\"2005.5\" end=\"2005.5\"/><spell start=\"2007\" end=\"2007\"/>");
    free(s);
    firmnet_graph_free(g);
    firmnet_network_free(n2);
}

static void test_pajek(const firmnet_network *net)
{
    firmnet_graph *g = view(net, NULL, NULL, 0);
    firmnet_export_options o = FIRMNET_EXPORT_OPTIONS_INIT;
    char *s;
    CHECK_INT(firmnet_graph_export(g, in_dir("small.net"), FIRMNET_EXPORT_AUTO, NULL), 0);
    s = slurp(in_dir("small.net"));
    CHECK_STR(s, "*Vertices 4\n1 \"F1\"\n2 \"U1\"\n3 \"X&<1>\"\n4 \"G1\"\n"
                 "*Arcs\n1 2 7.5\n2 1 3\n2 3 0.001\n3 1 0.5\n");
    free(s);

    /* names as labels: a byte-order mark for Pajek, quotes and line ends replaced */
    o.label = "name";
    CHECK_INT(firmnet_graph_export(g, in_dir("names.net"), FIRMNET_EXPORT_PAJEK, &o), 0);
    s = slurp(in_dir("names.net"));
    CHECK(s != NULL && strncmp(s, "\xEF\xBB\xBF*Vertices 4\n", 15) == 0);
    CHECK_HAS(s, "1 \"창원중공업(주) '본사'\"\n");
    CHECK_HAS(s, "3 \"Quote & <Co> 'Ltd' second line\"\n");
    CHECK_HAS(s, "4 \"산업통상자원부\"\n");
    free(s);
    o.no_bom = 1;
    CHECK_INT(firmnet_graph_export(g, in_dir("names.net"), FIRMNET_EXPORT_PAJEK, &o), 0);
    s = slurp(in_dir("names.net"));
    CHECK(s != NULL && strncmp(s, "*Vertices 4\n", 12) == 0);
    free(s);

    /* partitions: coded categories, integers as they are, blanks */
    CHECK_INT(firmnet_graph_export_partition(g, in_dir("type.clu"), "TYPE", NULL), 0);
    s = slurp(in_dir("type.clu"));
    CHECK_STR(s, "% partition by type; blank = 0\n% 1 = firm\n% 2 = government\n"
                 "% 3 = service\n% 4 = university\n*Vertices 4\n1\n4\n3\n2\n");
    free(s);
    CHECK_INT(firmnet_graph_export_partition(g, in_dir("emp.clu"), "employees", NULL), 0);
    s = slurp(in_dir("emp.clu"));
    CHECK_STR(s, "% partition by employees; blank = 0\n% 1 = 12.5\n% 2 = 3500\n"
                 "*Vertices 4\n2\n0\n1\n0\n");
    free(s);
    CHECK_INT(firmnet_graph_export_partition(g, in_dir("x.clu"), "nope", NULL), FIRMNET_ENOTFOUND);
    CHECK_ERR("no actor attribute 'nope'");
    firmnet_graph_free(g);

    /* undirected, isolates dropped: numbering follows the kept vertices, in .net and .clu */
    o = (firmnet_export_options)FIRMNET_EXPORT_OPTIONS_INIT;
    o.drop_isolates = 1;
    g = view(net, "rnd", NULL, 1);
    CHECK_INT(firmnet_graph_export(g, in_dir("rnd.net"), FIRMNET_EXPORT_PAJEK, &o), 0);
    s = slurp(in_dir("rnd.net"));
    CHECK_STR(s, "*Vertices 3\n1 \"F1\"\n2 \"U1\"\n3 \"X&<1>\"\n*Edges\n1 2 1\n2 3 0.001\n");
    free(s);
    CHECK_INT(firmnet_graph_export_partition(g, in_dir("rnd.clu"), "mc", &o), 0);
    s = slurp(in_dir("rnd.clu"));
    CHECK_STR(s,
              "% partition by mc; blank = 0\n% 1 = Changwon-Mechatronics\n*Vertices 3\n1\n1\n0\n");
    free(s);
    firmnet_graph_free(g);

    /* an integer attribute is written as is, blanks as Pajek's missing value */
    firmnet_network *n2 = NULL;
    const char *names[] = {"rank"};
    const char *v1[] = {"3"}, *v2[] = {"-1"}, *v3[] = {""};
    CHECK_INT(firmnet_network_new(&n2), 0);
    CHECK_INT(firmnet_network_add_actor(n2, "a", 1, names, v1), 0);
    CHECK_INT(firmnet_network_add_actor(n2, "b", 1, names, v2), 0);
    CHECK_INT(firmnet_network_add_actor(n2, "c", 1, names, v3), 0);
    g = view(n2, NULL, NULL, 0);
    CHECK_INT(firmnet_graph_export_partition(g, in_dir("rank.clu"), "rank", NULL), 0);
    s = slurp(in_dir("rank.clu"));
    CHECK_STR(s, "% partition by rank (values as is; blank = 9999998)\n*Vertices 3\n3\n-1\n"
                 "9999998\n");
    free(s);
    firmnet_graph_free(g);
    firmnet_network_free(n2);
}

static void test_errors(const firmnet_network *net)
{
    firmnet_graph *g = view(net, NULL, NULL, 0);
    firmnet_export_options o = FIRMNET_EXPORT_OPTIONS_INIT;
    struct stat st;
    FILE *f;
    char *s;

    CHECK_INT(firmnet_graph_export(NULL, "x.gexf", FIRMNET_EXPORT_AUTO, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_export(g, NULL, FIRMNET_EXPORT_AUTO, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_export(g, in_dir("x.txt"), FIRMNET_EXPORT_AUTO, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_graph_export(g, "-", FIRMNET_EXPORT_AUTO, NULL), FIRMNET_EINVAL);
    CHECK_ERR("standard output needs a format");
    CHECK_INT(firmnet_graph_export(g, in_dir("x.gexf"), (firmnet_export_format)9, NULL),
              FIRMNET_EINVAL);
    o.version = 0;
    CHECK_INT(firmnet_graph_export(g, in_dir("x.gexf"), FIRMNET_EXPORT_AUTO, &o), FIRMNET_EINVAL);
    CHECK_ERR("unsupported version");
    CHECK_INT(firmnet_graph_export(g, in_dir("no/such/dir/x.gexf"), FIRMNET_EXPORT_AUTO, NULL),
              FIRMNET_EIO);
    CHECK_ERR("no/such/dir/x.gexf: cannot create");
    CHECK_INT(firmnet_graph_export(g, dir, FIRMNET_EXPORT_GEXF, NULL), FIRMNET_EIO);
    CHECK_ERR("is a directory");

    /* a failing export leaves an existing file as it was, and no temporary file behind */
    f = fopen(in_dir("keep.graphml"), "w");
    CHECK(f != NULL);
    if (f) {
        fputs("old", f);
        fclose(f);
    }
    o = (firmnet_export_options)FIRMNET_EXPORT_OPTIONS_INIT;
    o.attributes = "type,nosuch";
    CHECK_INT(firmnet_graph_export(g, in_dir("keep.graphml"), FIRMNET_EXPORT_AUTO, &o),
              FIRMNET_ENOTFOUND);
    CHECK_ERR("no actor attribute 'nosuch' (attributes: name, type, size");
    o.attributes = NULL;
    o.label = "nosuch";
    CHECK_INT(firmnet_graph_export(g, in_dir("keep.graphml"), FIRMNET_EXPORT_AUTO, &o),
              FIRMNET_ENOTFOUND);
    s = slurp(in_dir("keep.graphml"));
    CHECK_STR(s, "old");
    free(s);
    /* new files get the usual permissions (the umask), not mkstemp's 0600 */
    mode_t mask = umask(022);
    CHECK_INT(firmnet_graph_export(g, in_dir("perm.net"), FIRMNET_EXPORT_AUTO, NULL), 0);
    CHECK(stat(in_dir("perm.net"), &st) == 0 && (st.st_mode & 0777) == 0644);
    umask(mask);
    firmnet_graph_free(g);
}

/* The ties of a view's edges add up to the view's weights: a check of the edge tracing on
 * the demo data, through the GraphML layer/wave attributes and the Pajek weights. */
static void test_demo(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    char *s;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, NULL),
              0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, NULL),
              0);
    const char *formats[] = {"demo.graphml", "demo.gexf", "demo.net"};
    for (int k = 0; k < 3; k++) {
        firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
        go.undirected = k == 1;
        CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
        CHECK_INT(firmnet_graph_export(g, in_dir(formats[k]), FIRMNET_EXPORT_AUTO, NULL), 0);
        s = slurp(in_dir(formats[k]));
        if (k == 2) {
            CHECK_INT(count(s, "\n") - 2,
                      firmnet_graph_vertex_count(g) + firmnet_graph_edge_count(g));
        } else {
            CHECK_INT(count(s, "<node "), 351);
            CHECK_INT(count(s, "<edge "), firmnet_graph_edge_count(g));
        }
        /* every edge carries a layer and a wave */
        if (k == 0) {
            CHECK_INT(count(s, "<data key=\"layer\">"), firmnet_graph_edge_count(g));
            CHECK_INT(count(s, "<data key=\"layer\"></data>"), 0);
            CHECK_INT(count(s, "<data key=\"wave\"></data>"), 0);
        }
        if (k == 1) {
            CHECK_HAS(s, "defaultedgetype=\"undirected\" mode=\"dynamic\"");
            CHECK(count(s, "<spell ") >= firmnet_graph_edge_count(g));
        }
        free(s);
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);
}

int main(void)
{
    firmnet_network *net;
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_formats();
    net = small_network();
    test_graphml(net);
    test_gexf(net);
    test_pajek(net);
    test_errors(net);
    firmnet_network_free(net);
    test_demo();
    /* clean up: every file we made, then the folder (a leftover temporary file fails it) */
    const char *files[] = {"small.graphml", "u.graphml.gz", "none.graphml", "small.gexf",
                           "w.gexf",        "ord.gexf",     "dbl.gexf",     "small.net",
                           "names.net",     "type.clu",     "emp.clu",      "rnd.net",
                           "rnd.clu",       "rank.clu",     "keep.graphml", "perm.net",
                           "demo.graphml",  "demo.gexf",    "demo.net"};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        CHECK(unlink(in_dir(files[k])) == 0);
    }
    CHECK(rmdir(dir) == 0);
    return test_done();
}
