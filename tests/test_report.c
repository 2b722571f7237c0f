/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTML report: sections, escaping of every kind of text, determinism for a seed, options
 * and failures. (Its rendering in a browser: tests/test_report_html.py.) */
#include "test.h"

#include <stdbool.h>
#include <unistd.h>

static char dir[] = "/tmp/firmnet-report-XXXXXX";

/* Path of @p name in this test's temporary folder (several may be in use at once). */
static const char *in_dir(const char *name)
{
    return test_join(dir, name);
}

#define slurp test_slurp
#define count test_count

/* Eight actors in two clusters with text that needs escaping everywhere: names, clusters,
 * mini-clusters and a layer name. */
static firmnet_network *tricky(void)
{
    static const char *const names[] = {"name", "type", "size", "cluster", "mc"};
    static const char *const actors[][6] = {
        {"A1", "한국 \"R&D\" <Lab>", "firm", "sme", "Chang&won", "M<1>"},
        {"A2", "Beta 'Co'", "firm", "large", "Chang&won", "M<1>"},
        {"A3", "감마", "firm", "sme", "Chang&won", ""},
        {"A4", "Delta", "university", "", "Chang&won", ""},
        {"B1", "Epsilon", "firm", "sme", "Gumi", "M>2"},
        {"B2", "Zeta", "firm", "large", "Gumi", ""},
        {"B3", "Eta", "firm", "sme", "Gumi", ""},
        {"B4", "Theta", "research", "", "Gumi", ""},
    };
    static const char *const ties[][4] = {
        {"2005", "trade", "A1", "A2"},  {"2005", "trade", "A2", "A3"},
        {"2005", "trade", "A3", "B1"},  {"2005", "co<op>", "A1", "A4"},
        {"2005", "trade", "B1", "B2"},  {"2005", "trade", "B2", "B3"},
        {"2005", "co<op>", "B3", "B4"}, {"2005", "trade", "A4", "B4"},
        {"2005", "trade", "B4", "A1"},  {"2007", "trade", "A1", "A2"},
        {"2007", "trade", "A1", "A3"},  {"2007", "trade", "A2", "B1"},
        {"2007", "co<op>", "A1", "B2"}, {"2007", "trade", "B1", "B2"},
        {"2007", "trade", "B2", "B3"},  {"2007", "co<op>", "B3", "A4"},
        {"2007", "trade", "A4", "B4"},  {"2007", "trade", "B4", "A1"},
        {"2007", "co<op>", "A3", "A2"}, {"2007", "trade", "B1", "A1"},
        {"2007", "trade", "B3", "B1"},
    };
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < sizeof actors / sizeof actors[0]; k++) {
        CHECK_INT(firmnet_network_add_actor(net, actors[k][0], 5, names, actors[k] + 1), 0);
    }
    for (size_t k = 0; k < sizeof ties / sizeof ties[0]; k++) {
        CHECK_INT(firmnet_network_add_tie(net, ties[k][0], ties[k][1], ties[k][2], ties[k][3],
                                          (double)(k % 3 + 1), NULL, NULL),
                  0);
    }
    return net;
}

static int calls;
static int count_progress(const char *what, double done, double total, void *payload)
{
    (void)done;
    (void)total;
    (void)payload;
    calls += strcmp(what, "report") == 0;
    return 0;
}

static int cancel_progress(const char *what, double done, double total, void *payload)
{
    (void)what;
    (void)total;
    (void)payload;
    return done >= 3;
}

static void test_content(void)
{
    firmnet_network *net = tricky();
    firmnet_report_options o = FIRMNET_REPORT_OPTIONS_INIT;
    char *html, *again;
    o.title = "<script>alert(\"x\")</script> & 보고서";
    o.permutations = 99;
    o.bootstrap = 50;
    o.top = 3;
    o.progress = count_progress;
    CHECK_INT(firmnet_report_write(net, in_dir("r.html"), &o), 0);
    CHECK(calls >= 2); /* rate-limited: at least the start and the end */
    html = slurp(in_dir("r.html"));
    CHECK(html != NULL);
    CHECK(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
    CHECK(strstr(html, "</body>\n</html>\n") != NULL);
    /* the sections, by id, in order */
    {
        static const char *const ids[] = {"overview", "top-actors", "embeddedness", "change",
                                          "drawings"};
        const char *p = html;
        for (size_t k = 0; k < 5; k++) {
            char tag[64];
            snprintf(tag, sizeof tag, "<section id=\"%s\">", ids[k]);
            const char *q = strstr(html, tag);
            CHECK(q != NULL && q > p);
            p = q ? q : p;
            snprintf(tag, sizeof tag, "href=\"#%s\"", ids[k]);
            CHECK(strstr(html, tag) != NULL);
        }
        CHECK_INT(count(html, "<section "), 5);
    }
    /* every text escaped */
    CHECK(strstr(html, "<script") == NULL);
    CHECK(strstr(html, "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                       "보고서</title>") != NULL);
    CHECK(strstr(html, "한국 &quot;R&amp;D&quot; &lt;Lab&gt;") != NULL);
    CHECK(strstr(html, "한국 \"R&D\"") == NULL);
    CHECK(strstr(html, "Beta &apos;Co&apos;") != NULL);
    CHECK(strstr(html, ">Chang&amp;won<") != NULL);
    CHECK(strstr(html, "M&lt;1&gt;") != NULL && strstr(html, "M<1>") == NULL);
    CHECK(strstr(html, "co&lt;op&gt;") != NULL && strstr(html, "co<op>") == NULL);
    /* self-contained: the only URL is the SVG namespace; no script, no external file */
    CHECK_INT(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    CHECK_INT(count(html, " src="), 0);
    CHECK_INT(count(html, "<link"), 0);
    CHECK_INT(count(html, "<?xml"), 0);
    /* pictures: 2 histograms, 2 embeddedness charts, 2 change charts, 3 groups x 2 waves
     * drawings; marker ids differ between drawings */
    CHECK_INT(count(html, "<svg xmlns"), 2 + 2 + 2 + 6);
    CHECK_INT(count(html, "<figure class=\"drawing\">"), 6);
    CHECK_INT(count(html, "id=\"d1-arrow0\""), 1);
    CHECK_INT(count(html, "id=\"d6-arrow0\""), 1);
    CHECK_INT(count(html, "id=\"arrow"), 0);
    CHECK(count(html, "url(#d1-arrow") > 0);
    CHECK_INT(count(html, "url(#arrow"), 0);
    /* top tables: 2 rankings x 3 groups (co<op>, trade, all) x 2 waves, at most 3 rows each */
    CHECK_INT(count(html, "<table class=\"top\">"), 12);
    CHECK(strstr(html, ": top 3 by PageRank</caption>") != NULL);
    CHECK(strstr(html, ": top 4 by") == NULL);
    /* the options are stated */
    CHECK(strstr(html, "99 permutations, 50 bootstrap replicates, seed 1") != NULL);
    CHECK(strstr(html, "<dd>co&lt;op&gt;, trade, all (") != NULL);
    /* the change section has the sentences and the group table of partners */
    CHECK(strstr(html, "<div class=\"sentences\">\n<p>Change from 2005 to 2007:") != NULL);
    CHECK(strstr(html, "<caption>Mean change of partners:") != NULL);

    /* the same network and options: the same bytes; another seed: other drawings */
    CHECK_INT(firmnet_report_write(net, in_dir("r2.html"), &o), 0);
    again = slurp(in_dir("r2.html"));
    CHECK(again != NULL && strcmp(html, again) == 0);
    free(again);
    o.seed = 2;
    CHECK_INT(firmnet_report_write(net, in_dir("r2.html"), &o), 0);
    again = slurp(in_dir("r2.html"));
    CHECK(again != NULL && strcmp(html, again) != 0);
    CHECK(strstr(again, "seed 2") != NULL);
    free(again);
    free(html);

    /* one wave: no comparison; chosen layer groups; another measure */
    o = (firmnet_report_options)FIRMNET_REPORT_OPTIONS_INIT;
    o.waves = " 2007 ";
    o.layers = "trade+co<op>";
    o.permutations = 0;
    o.bootstrap = 0;
    CHECK_INT(firmnet_report_write(net, in_dir("r2.html"), &o), 0);
    html = slurp(in_dir("r2.html"));
    CHECK(strstr(html, "The comparison needs two waves; this report covers only 2007.") != NULL);
    CHECK_INT(count(html, "<figure class=\"drawing\">"), 1);
    CHECK(strstr(html, "<td>2005</td>") == NULL);
    CHECK(strstr(html, "<dd>trade+co&lt;op&gt; (") != NULL);
    free(html);
    o.waves = "2005,2007";
    o.layers = NULL;
    o.measure = "degree";
    CHECK_INT(firmnet_report_write(net, in_dir("r2.html"), &o), 0);
    html = slurp(in_dir("r2.html"));
    CHECK(strstr(html, "<caption>Mean change of degree:") != NULL);
    CHECK(strstr(html, "Change in degree, 2005 to 2007") != NULL);
    free(html);
    CHECK(unlink(in_dir("r2.html")) == 0);
    CHECK(unlink(in_dir("r.html")) == 0);
    firmnet_network_free(net);
}

static void test_errors(void)
{
    firmnet_network *net = tricky(), *empty = NULL;
    firmnet_report_options o = FIRMNET_REPORT_OPTIONS_INIT, init;
    const char *x = in_dir("x.html");

    CHECK_INT(firmnet_report_options_init(&init, FIRMNET_REPORT_OPTIONS_VERSION), 0);
    CHECK(init.version == o.version && init.title == NULL && init.waves == NULL &&
          init.layers == NULL && init.measure == NULL && init.progress == NULL);
    CHECK(init.top == 10 && init.permutations == 999 && init.bootstrap == 1000 && init.seed == 1);
    CHECK_INT(firmnet_report_options_init(&init, 2), FIRMNET_EINVAL);
    CHECK_INT(firmnet_report_options_init(NULL, 1), FIRMNET_EINVAL);

    CHECK_INT(firmnet_report_write(NULL, x, NULL), FIRMNET_EINVAL);
    CHECK_INT(firmnet_report_write(net, NULL, NULL), FIRMNET_EINVAL);
    o.waves = "2005,1999";
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no wave '1999'");
    o.waves = " , ";
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_EINVAL);
    o.waves = NULL;
    o.layers = "trade,nosuch";
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("layer group 'nosuch'");
    o.layers = ",";
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_EINVAL);
    o.layers = NULL;
    o.measure = "nosuch";
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_ENOTFOUND);
    CHECK_ERR("no measure 'nosuch'");
    o.measure = NULL;
    o.top = 0;
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_EINVAL);
    o.top = 1001;
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_EINVAL);
    o.top = 10;
    o.version = 7;
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_EINVAL);
    o.version = FIRMNET_REPORT_OPTIONS_VERSION;
    o.progress = cancel_progress;
    CHECK_INT(firmnet_report_write(net, x, &o), FIRMNET_ECANCEL);
    o.progress = NULL;
    CHECK_INT(firmnet_report_write(net, in_dir("no/such/dir.html"), &o), FIRMNET_EIO);
    CHECK_INT(firmnet_network_new(&empty), 0);
    CHECK_INT(firmnet_report_write(empty, x, NULL), FIRMNET_EDATA);
    CHECK(access(x, F_OK) != 0);
    firmnet_network_free(empty);
    firmnet_network_free(net);
}

int main(void)
{
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_content();
    test_errors();
    CHECK(rmdir(dir) == 0);
    return test_done();
}
