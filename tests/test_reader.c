/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The actor and tie readers: formats, policies, and every malformed case with file:line:col. */
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

#include "test.h"
#include "test_data.h"

static const char actors_csv[] = "id,name,type,size,cluster,region,mc,sales\n"
                                 "A,Alpha,Firm,LARGE,C1,R1,MC1,10.5\n"
                                 "B,\"Beta, Inc\",university,,C1,R1,,\n"
                                 "C,\"Gamma \"\"G\"\"\",firm,sme,C2,R2,MC1,3\n";

static firmnet_network *load(const char *actors, const char *ties, int expect_actors,
                             int expect_ties)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    if (actors != NULL) {
        CHECK_INT(firmnet_network_read_actors_buffer(net, actors, strlen(actors), "a.csv", NULL,
                                                     NULL),
                  expect_actors);
    }
    if (ties != NULL) {
        CHECK_INT(firmnet_network_read_ties_buffer(net, ties, strlen(ties), "t.csv", NULL, NULL),
                  expect_ties);
    }
    return net;
}

/* Expect reading @p ties to fail with @p code and a message containing @p where and @p what. */
static void tie_error(const char *ties, int code, const char *where, const char *what)
{
    firmnet_network *net = load(actors_csv, NULL, 0, 0);
    size_t before = firmnet_network_tie_count(net), nactors = firmnet_network_actor_count(net);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, strlen(ties), "t.csv", NULL, NULL), code);
    CHECK_ERR(where);
    CHECK_ERR(what);
    /* nothing half-loaded */
    CHECK_INT(firmnet_network_tie_count(net), before);
    CHECK_INT(firmnet_network_actor_count(net), nactors);
    firmnet_network_free(net);
}

static void actor_error(const char *actors, int code, const char *where, const char *what)
{
    firmnet_network *net = load(NULL, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors, strlen(actors), "a.csv", NULL, NULL),
              code);
    CHECK_ERR(where);
    CHECK_ERR(what);
    CHECK_INT(firmnet_network_actor_count(net), 0);
    firmnet_network_free(net);
}

static void test_actors(void)
{
    firmnet_network *net = load(actors_csv, NULL, 0, 0);
    size_t i;
    CHECK_INT(firmnet_network_actor_count(net), 3);
    CHECK_STR(firmnet_network_actor_id(net, 1), "B");
    CHECK_INT(firmnet_network_actor_index(&i, net, "C"), 0);
    CHECK_INT(i, 2);
    CHECK_INT(firmnet_network_actor_index(&i, net, "Z"), FIRMNET_ENOTFOUND);
    CHECK_STR(firmnet_network_actor_attribute(net, 1, "name"), "Beta, Inc");
    CHECK_STR(firmnet_network_actor_attribute(net, 2, "name"), "Gamma \"G\"");
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "type"), "firm"); /* normalised */
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "size"), "large");
    CHECK_STR(firmnet_network_actor_attribute(net, 1, "mc"), "");
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "SALES"), "10.5");
    CHECK(firmnet_network_actor_attribute(net, 0, "nope") == NULL);
    CHECK_INT(firmnet_network_attribute_is_numeric(net, "sales"), 1);
    CHECK_INT(firmnet_network_attribute_is_numeric(net, "cluster"), 0);
    CHECK_INT(firmnet_network_attribute_is_numeric(net, "tech"), 0); /* all blank */
    CHECK_INT(firmnet_network_attribute_is_numeric(net, "nope"), FIRMNET_ENOTFOUND);
    /* the eight known attributes come first, then extra columns */
    CHECK_INT(firmnet_network_attribute_count(net), 9);
    CHECK_STR(firmnet_network_attribute_name(net, 7), "tech");
    CHECK_STR(firmnet_network_attribute_name(net, 8), "sales");
    firmnet_network_free(net);
}

static void test_formats(void)
{
    /* tab-delimited, BOM, CRLF, header case and spaces, columns in any order, blank lines */
    const char *tsv = "\xEF\xBB\xBF Target \tWEIGHT\tsource\tLayer\r\n"
                      "B\t2.5\tA\ttrade\r\n"
                      "\r\n"
                      "\t\t\t\r\n"
                      "C\t1\tA\trnd\r\n";
    firmnet_load_report rep;
    firmnet_network *net = load(actors_csv, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, tsv, strlen(tsv), "t.tsv", NULL, &rep), 0);
    CHECK_INT(firmnet_network_tie_count(net), 2);
    CHECK_INT(rep.rows, 2);
    CHECK_INT(rep.blank_lines, 2);
    CHECK_INT(firmnet_network_wave_count(net), 1);
    CHECK_STR(firmnet_network_wave_name(net, 0), "");
    size_t s, t;
    const char *layer;
    double w;
    CHECK_INT(firmnet_network_tie(net, 0, &s, &t, NULL, &layer, &w), 0);
    CHECK_INT(s, 0);
    CHECK_INT(t, 1);
    CHECK_STR(layer, "trade");
    CHECK_NEAR(w, 2.5, 0);
    CHECK_INT(firmnet_network_tie(net, 2, NULL, NULL, NULL, NULL, NULL), FIRMNET_ERANGE);
    firmnet_network_free(net);

    /* semicolon, quoted delimiter and newline inside quotes; later line numbers stay right */
    const char *semi = "source;target;layer;weight\n"
                       "A;B;\"trade;x\";1\n"
                       "\"A\";\"B\nB\";trade;1\n"
                       "A;C;trade;-1\n";
    net = load(actors_csv, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, semi, strlen(semi), "t.csv", NULL, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("t.csv:5:4 (column 'weight')");
    CHECK_ERR("not a finite number > 0");
    firmnet_network_free(net);

    /* default layer "tie", default weight 1, unnamed wave */
    const char *minimal = "source,target\nA,B\nB,C\n";
    net = load(actors_csv, minimal, 0, 0);
    CHECK_INT(firmnet_network_layer_count(net), 1);
    CHECK_STR(firmnet_network_layer_name(net, 0), "tie");
    CHECK_INT(firmnet_network_tie(net, 1, NULL, NULL, NULL, NULL, &w), 0);
    CHECK_NEAR(w, 1, 0);
    firmnet_network_free(net);
}

static void test_waves_layers(void)
{
    const char *ties = "wave,layer,source,target\n"
                       "2007,trade,A,B\n10,rnd,A,B\n2005,service.finance,B,C\n2005,trade,C,A\n";
    firmnet_network *net = load(actors_csv, ties, 0, 0);
    /* numeric wave names sort numerically, layers by bytes */
    CHECK_INT(firmnet_network_wave_count(net), 3);
    CHECK_STR(firmnet_network_wave_name(net, 0), "10");
    CHECK_STR(firmnet_network_wave_name(net, 1), "2005");
    CHECK_STR(firmnet_network_wave_name(net, 2), "2007");
    CHECK(firmnet_network_wave_name(net, 3) == NULL);
    CHECK_STR(firmnet_network_layer_name(net, 0), "rnd");
    CHECK_STR(firmnet_network_layer_name(net, 1), "service.finance");
    CHECK_STR(firmnet_network_layer_name(net, 2), "trade");
    CHECK_INT(firmnet_network_check_selector(net, "service, trade"), 0);
    CHECK_INT(firmnet_network_check_selector(net, "all"), 0);
    CHECK_INT(firmnet_network_check_selector(net, "servic"), FIRMNET_ENOTFOUND);
    CHECK_ERR("'servic' selects no layer");
    CHECK_ERR("rnd, service.finance, trade");
    firmnet_network_free(net);

    CHECK_INT(firmnet_layer_selected("service", "service.finance"), 1);
    CHECK_INT(firmnet_layer_selected("service", "service"), 1);
    CHECK_INT(firmnet_layer_selected("service", "services"), 0);
    CHECK_INT(firmnet_layer_selected("service.finance", "service"), 0);
    CHECK_INT(firmnet_layer_selected("trade, rnd", "rnd"), 1);
    CHECK_INT(firmnet_layer_selected(" trade ,rnd", "trade"), 1);
    CHECK_INT(firmnet_layer_selected("trade", "rnd"), 0);
    CHECK_INT(firmnet_layer_selected("all", "anything.at.all"), 1);
    CHECK_INT(firmnet_layer_selected(NULL, "x"), 1);
    CHECK_INT(firmnet_layer_selected("", "x"), 1);
    CHECK_INT(firmnet_layer_selected("a.b", "a.b.c"), 1);
}

static void test_policies(void)
{
    const char *dups = "source,target,weight\nA,B,2\nA,B,6\nA,B,1\nA,A,5\nB,A,1\n";
    const struct {
        firmnet_merge rule;
        double w;
    } cases[] = {{FIRMNET_MERGE_SUM, 9},   {FIRMNET_MERGE_MAX, 6},   {FIRMNET_MERGE_MEAN, 3},
                 {FIRMNET_MERGE_COUNT, 3}, {FIRMNET_MERGE_FIRST, 2}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
        firmnet_load_report rep;
        firmnet_network *net = load(actors_csv, NULL, 0, 0);
        double w;
        o.duplicates = cases[k].rule;
        CHECK_INT(firmnet_network_read_ties_buffer(net, dups, strlen(dups), "d.csv", &o, &rep), 0);
        CHECK_INT(firmnet_network_tie_count(net), 2);
        CHECK_INT(rep.duplicates_merged, 2);
        CHECK_INT(rep.self_ties_dropped, 1);
        CHECK_INT(rep.ties_added, 2);
        CHECK_INT(rep.rows, 5);
        CHECK_INT(firmnet_network_tie(net, 0, NULL, NULL, NULL, NULL, &w), 0);
        CHECK_NEAR(w, cases[k].w, 1e-15);
        firmnet_network_free(net);
    }
    /* duplicates as an error: names both ends and the line */
    firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
    firmnet_network *net = load(actors_csv, NULL, 0, 0);
    o.duplicates = FIRMNET_MERGE_ERROR;
    CHECK_INT(firmnet_network_read_ties_buffer(net, dups, strlen(dups), "d.csv", &o, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("d.csv:3:");
    CHECK_ERR("duplicate tie A -> B");
    CHECK_INT(firmnet_network_tie_count(net), 0);
    firmnet_network_free(net);

    /* missing actors: added with blank attributes by default, an error in strict mode */
    const char *unknown = "source,target\nA,X\nY,B\n";
    firmnet_load_report rep;
    net = load(actors_csv, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, unknown, strlen(unknown), "u.csv", NULL, &rep), 0);
    CHECK_INT(rep.actors_implicit, 2);
    CHECK_INT(firmnet_network_actor_count(net), 5);
    CHECK_STR(firmnet_network_actor_attribute(net, 3, "type"), "");
    firmnet_network_free(net);
    o.duplicates = FIRMNET_MERGE_SUM;
    o.strict = 1;
    net = load(actors_csv, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, unknown, strlen(unknown), "u.csv", &o, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("u.csv:2:2 (column 'target'): unknown actor 'X'");
    CHECK_INT(firmnet_network_actor_count(net), 3);
    firmnet_network_free(net);

    /* ties first, then actors: the actor row fills the implicit actor */
    net = load(NULL, unknown, 0, 0);
    CHECK_INT(firmnet_network_actor_count(net), 4);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors_csv, strlen(actors_csv), "a.csv", NULL,
                                                 &rep), 0);
    CHECK_INT(rep.actors_added, 1); /* A and B were implicit: filled, not added; C is new */
    CHECK_INT(firmnet_network_actor_count(net), 5);
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "type"), "firm");
    /* a failing actor file restores the implicit actors it had filled */
    const char *bad = "id,type\nX,firm\nA,firm\n";
    CHECK_INT(firmnet_network_read_actors_buffer(net, bad, strlen(bad), "b.csv", NULL, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("b.csv:3:1 (column 'id'): duplicate actor id 'A'");
    CHECK_STR(firmnet_network_actor_attribute(net, 1, "type"), "");
    firmnet_network_free(net);

    /* invalid options */
    o.version = 99;
    net = load(NULL, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, unknown, strlen(unknown), "u.csv", &o, NULL),
              FIRMNET_EINVAL);
    firmnet_network_free(net);
    CHECK_INT(firmnet_read_options_init(&o, 1), 0);
    CHECK_INT(o.duplicates, FIRMNET_MERGE_SUM);
    firmnet_merge rule;
    CHECK_INT(firmnet_merge_parse(&rule, "MEAN"), 0);
    CHECK_INT(rule, FIRMNET_MERGE_MEAN);
    CHECK_INT(firmnet_merge_parse(&rule, "median"), FIRMNET_EINVAL);
    CHECK_STR(firmnet_merge_name(FIRMNET_MERGE_COUNT), "count");
}

static void test_errors(void)
{
    tie_error("from,to\nA,B\n", FIRMNET_EPARSE, "t.csv:1:", "missing required column 'source'");
    tie_error("source,target\nA,B\nA,B,C\n", FIRMNET_EPARSE, "t.csv:3:",
              "wrong number of fields: 3, the header has 2");
    tie_error("source,target\nA,B\nA,\"B\n", FIRMNET_EPARSE, "t.csv:3:2", "unterminated quoted field");
    tie_error("source,target\nA,B\"x\n", FIRMNET_EPARSE, "t.csv:2:2", "stray quote");
    tie_error("source,target\nA,\"B\"x\n", FIRMNET_EPARSE, "t.csv:2:2",
              "unexpected character after a closing quote");
    tie_error("source,target,weight\nA,B,abc\n", FIRMNET_EDATA, "t.csv:2:3 (column 'weight')",
              "weight 'abc' is not a number");
    tie_error("source,target,weight\nA,B,0\n", FIRMNET_EDATA, "t.csv:2:3", "finite number > 0");
    tie_error("source,target,weight\nA,B,nan\n", FIRMNET_EDATA, "t.csv:2:3", "finite number > 0");
    tie_error("source,target,weight\nA,B,inf\n", FIRMNET_EDATA, "t.csv:2:3", "finite number > 0");
    tie_error("source,target,weight\nA,B,1e999\n", FIRMNET_EDATA, "t.csv:2:3", "finite number > 0");
    tie_error("source,target,weight\nA,B,\n", FIRMNET_EDATA, "t.csv:2:3", "is not a number");
    tie_error("source,target\nA,\n", FIRMNET_EDATA, "t.csv:2:2 (column 'target')", "blank target");
    tie_error("wave,source,target\n,A,B\n", FIRMNET_EDATA, "t.csv:2:1 (column 'wave')", "blank wave");
    tie_error("source,target\nA,B\xff\n", FIRMNET_EPARSE, "t.csv:2:2", "invalid UTF-8");
    tie_error("source,target\nA,\xc0\xaf\n", FIRMNET_EPARSE, "t.csv:2:2", "invalid UTF-8");
    tie_error("source,Source\nA,B\n", FIRMNET_EPARSE, "t.csv:1:2", "duplicate column 'Source'");
    tie_error("", FIRMNET_EDATA, "t.csv", "empty file");
    tie_error("\n\n", FIRMNET_EDATA, "t.csv", "empty file");
    /* a NUL byte: the literal cannot hold it, so build the buffer */
    {
        const char bin[] = "source,target\nA,B\0x\n";
        firmnet_network *net = load(actors_csv, NULL, 0, 0);
        CHECK_INT(firmnet_network_read_ties_buffer(net, bin, sizeof bin - 1, "t.csv", NULL, NULL),
                  FIRMNET_EPARSE);
        CHECK_ERR("t.csv:2:2: NUL byte");
        firmnet_network_free(net);
    }
    /* header only: no rows, no error */
    {
        firmnet_load_report rep;
        firmnet_network *net = load(actors_csv, NULL, 0, 0);
        CHECK_INT(firmnet_network_read_ties_buffer(net, "source,target\n", 14, "t.csv", NULL, &rep),
                  0);
        CHECK_INT(rep.rows, 0);
        firmnet_network_free(net);
    }
    actor_error("name,type\nA,firm\n", FIRMNET_EPARSE, "a.csv:1", "missing required column 'id'");
    actor_error("id,type\nA,firm\n ,firm\n", FIRMNET_EDATA, "a.csv:3:1 (column 'id')", "blank actor id");
    actor_error("id,type\nA,firm\nB,x\n A ,y\n", FIRMNET_EDATA, "a.csv:4:1", "duplicate actor id 'A'");
    actor_error("id,,type\nA,1,firm\n", FIRMNET_EPARSE, "a.csv:1:2", "empty column name");

    /* files */
    firmnet_network *net = load(NULL, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties(net, "/nonexistent/ties.csv", NULL, NULL), FIRMNET_EIO);
    CHECK_ERR("/nonexistent/ties.csv: cannot open: No such file");
    CHECK_INT(firmnet_network_read_ties(net, "/tmp", NULL, NULL), FIRMNET_EIO);
    CHECK_ERR("is a directory");
    CHECK_INT(firmnet_network_read_ties(NULL, "x", NULL, NULL), FIRMNET_EINVAL);
    firmnet_network_free(net);
    firmnet_network_free(NULL);
}

static void test_gzip(void)
{
    const char *part1 = "wave,layer,source,target,weight\n2005,trade,A,B,1\n";
    const char *part2 = "2005,trade,B,C,2\n";
    size_t n1, n2;
    unsigned char *g1 = gzip_text(part1, strlen(part1), &n1);
    unsigned char *g2 = gzip_text(part2, strlen(part2), &n2);
    unsigned char *both = malloc(n1 + n2);
    memcpy(both, g1, n1);
    memcpy(both + n1, g2, n2);
    firmnet_network *net = load(actors_csv, NULL, 0, 0);
    /* multi-member gzip, recognised by content whatever the name */
    CHECK_INT(firmnet_network_read_ties_buffer(net, both, n1 + n2, "ties.txt", NULL, NULL), 0);
    CHECK_INT(firmnet_network_tie_count(net), 2);
    /* truncated */
    CHECK_INT(firmnet_network_read_ties_buffer(net, g1, n1 - 6, "cut.gz", NULL, NULL), FIRMNET_EIO);
    CHECK_ERR("cut.gz:3: truncated gzip file");
    /* corrupt */
    g1[n1 / 2] ^= 0x55;
    g1[n1 / 2 + 1] ^= 0xAA;
    CHECK(firmnet_network_read_ties_buffer(net, g1, n1, "bad.gz", NULL, NULL) < 0);
    CHECK_ERR("bad.gz:");
    CHECK_INT(firmnet_network_tie_count(net), 2);
    firmnet_network_free(net);
    free(g1);
    free(g2);
    free(both);

    /* the shipped demo data: gzip file on disk, streamed */
    firmnet_load_report rep;
    net = load(NULL, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), NULL, &rep), 0);
    CHECK_INT(rep.actors_added, 351);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), NULL, &rep), 0);
    CHECK_INT(rep.rows, 6269);
    CHECK_INT(rep.ties_added, 6269);
    CHECK_INT(rep.actors_implicit, 0);
    CHECK_INT(firmnet_network_wave_count(net), 2);
    CHECK_INT(firmnet_network_layer_count(net), 6);
    CHECK_INT(firmnet_network_attribute_is_numeric(net, "sales"), 1);
    firmnet_load_report total;
    CHECK_INT(firmnet_network_load_report(net, &total), 0);
    CHECK_INT(total.rows, 351 + 6269);
    firmnet_network_free(net);
}

/* Read @p gz (@p n bytes) from a file, where a second thread inflates it, and from memory, where
 * the parsing thread does: result @p want both ways (@p rows rows read when 0), and the same
 * message, line and ties; or, when not @p exact, both messages naming the gzip problem, and no
 * tie added. (Corrupt deflate data can inflate to garbage that is parsed before the checksum
 * at the end fails: the reader then names the corruption, whichever came first.) */
static void same_from_file(const unsigned char *gz, size_t n, const char *path, bool exact,
                           int want, size_t rows)
{
    write_file(path, gz, n);
    firmnet_network *a = load(NULL, NULL, 0, 0), *b = load(NULL, NULL, 0, 0);
    firmnet_load_report rep = {0};
    int ra = firmnet_network_read_ties(a, path, NULL, &rep);
    char ea[600];
    snprintf(ea, sizeof ea, "%s", ra < 0 ? firmnet_last_error() : "");
    int rb = firmnet_network_read_ties_buffer(b, gz, n, path, NULL, NULL);
    const char *eb = rb < 0 ? firmnet_last_error() : "";
    CHECK_INT(ra, want);
    if (want == 0) {
        CHECK_INT(rep.rows, rows);
    }
    if (exact) {
        CHECK_INT(ra, rb);
        CHECK_STR(ea, eb);
    } else {
        CHECK_INT(ra, FIRMNET_EIO);
        CHECK_INT(rb, FIRMNET_EIO);
        CHECK(strncmp(ea, path, strlen(path)) == 0 && strncmp(eb, path, strlen(path)) == 0);
        CHECK(strstr(ea, "corrupt gzip data") != NULL && strstr(eb, "corrupt gzip data") != NULL);
    }
    CHECK_INT(firmnet_network_tie_count(a), firmnet_network_tie_count(b));
    firmnet_network_free(a);
    firmnet_network_free(b);
    remove(path);
}

static void test_gzip_threaded(void)
{
    /* a small file (inflated by the second thread in blocks its own size) and one larger than
     * the first read (in 1 MiB blocks); intact, cut short and corrupted half-way */
    static const size_t rows[] = {3000, 60000};
    char path[64];
    snprintf(path, sizeof path, "/tmp/firmnet-test-%ld.csv.gz", (long)getpid());
    for (int r = 0; r < 2; r++) {
        size_t len, n;
        char *text = tie_text(rows[r], 7, 900000, &len);
        unsigned char *gz = gzip_text(text, len, &n);
        CHECK(n >= (r == 0 ? 16 * 1024 : 300 * 1024));
        CHECK(r == 1 || n < 256 * 1024);
        same_from_file(gz, n, path, true, 0, rows[r]);
        same_from_file(gz, n - n / 3, path, true, FIRMNET_EIO, 0); /* truncated */
        gz[n / 2] ^= 0x55;
        gz[n / 2 + 1] ^= 0xAA;
        same_from_file(gz, n, path, false, FIRMNET_EIO, 0); /* corrupt */
        free(gz);
        free(text);
    }
}

static int cancel_at_first(const char *what, double done, double total, void *payload)
{
    (void)what;
    (void)done;
    (void)total;
    ++*(int *)payload;
    return 1;
}

static void test_add_api(void)
{
    firmnet_network *net = load(NULL, NULL, 0, 0);
    const char *names[] = {"type", "Employees"};
    const char *values[] = {"Research", "120"};
    CHECK_INT(firmnet_network_add_actor(net, "KIMM", 2, names, values), 0);
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "type"), "research");
    CHECK_STR(firmnet_network_actor_attribute(net, 0, "employees"), "120");
    CHECK_INT(firmnet_network_add_actor(net, "KIMM", 0, NULL, NULL), FIRMNET_EDATA);
    CHECK_ERR("duplicate actor id 'KIMM'");
    CHECK_INT(firmnet_network_add_actor(net, "", 0, NULL, NULL), FIRMNET_EDATA);
    CHECK_INT(firmnet_network_add_actor(net, "\xe6\x88\xff", 0, NULL, NULL), FIRMNET_EDATA);
    CHECK_INT(firmnet_network_add_actor(net, "창원정밀", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, "2005", "rnd", "KIMM", "창원정밀", 3, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "KIMM", "X", 1, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_tie(net, "2005", "rnd", "KIMM", "창원정밀", -1, NULL, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("tie KIMM -> 창원정밀: weight -1 is not a finite number > 0");
    CHECK_INT(firmnet_network_tie_count(net), 2);
    CHECK_INT(firmnet_network_wave_count(net), 2);
    CHECK_INT(firmnet_network_actor_count(net), 3);
    firmnet_network_free(net);

    /* cancellation through the progress callback */
    firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
    int calls = 0;
    o.progress = cancel_at_first;
    o.progress_payload = &calls;
    net = load(NULL, NULL, 0, 0);
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), &o, NULL),
              FIRMNET_ECANCEL);
    CHECK_INT(calls, 1);
    CHECK_INT(firmnet_network_tie_count(net), 0);
    firmnet_network_free(net);
}

int main(void)
{
    test_actors();
    test_formats();
    test_waves_layers();
    test_policies();
    test_errors();
    test_gzip();
    test_gzip_threaded();
    test_add_api();
    CHECK_STR(firmnet_version(), FIRMNET_VERSION_STRING);
    CHECK_STR(firmnet_strerror(FIRMNET_EPARSE), "malformed input");
    return test_done();
}
