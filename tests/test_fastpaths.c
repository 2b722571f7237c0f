/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fast paths give the same bits as the straightforward ones: Burt's measures with hubs looked
 * up from the small side (firmnet_i_hub_ratio) against the plain scan, on a network with
 * heavy-tailed degrees, directed and undirected, weighted and unweighted; firmnet's coreness
 * against igraph_coreness() in every mode; duplicate ties merged in bulk at the end of a read
 * against the same rows added one at a time; the tie reader's fast paths (firmnet_i_read_fast)
 * against checking every field of every row, on valid and malformed files: same network, same
 * report, same error message with the same line and column; near-duplicate ids counted by the
 * string-free key set against a plain list of keys. (Betweenness on any number of
 * threads: tests/test_betweenness.c.)
 */
#include <ctype.h>
#include <stdint.h>

#include "internal.h"
#include "test.h"

/* 600 actors; a few hubs with hundreds of contacts, most actors with a handful. */
static firmnet_network *hub_network(void)
{
    firmnet_network *net = NULL;
    uint64_t s = 5;
    char a[16], b[16];
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < 6000; k++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t x = (s >> 33) % 600, r = (s >> 20) % 100;
        /* a quarter of the ties go to one of five hubs, many others to a close neighbour */
        size_t y = r < 25 ? r % 5 : r < 70 ? (x + 1 + r % 9) % 600 : (s >> 45) % 600;
        if (x == y) {
            continue;
        }
        snprintf(a, sizeof a, "a%zu", x);
        snprintf(b, sizeof b, "a%zu", y);
        CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, a, b, 0.5 + (double)((s >> 50) % 9),
                                          NULL, NULL),
                  0);
    }
    return net;
}

static firmnet_table *burt(const firmnet_graph *g, int unweighted, size_t ratio)
{
    firmnet_embeddedness_options o = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_table *t = NULL;
    o.measures = FIRMNET_EMBEDDEDNESS_STRUCTURAL;
    o.unweighted = unweighted;
    firmnet_i_hub_ratio = ratio;
    CHECK_INT(firmnet_embeddedness(&t, g, &o), 0);
    firmnet_i_hub_ratio = 8;
    return t;
}

static void same_bits(const firmnet_table *x, const firmnet_table *y)
{
    size_t n = firmnet_table_nrows(x);
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    CHECK_INT(firmnet_table_ncols(x), firmnet_table_ncols(y));
    for (size_t c = 0; c < firmnet_table_ncols(x); c++) {
        if (firmnet_table_column_type(x, c) != FIRMNET_COLUMN_DOUBLE) {
            continue;
        }
        CHECK_INT(firmnet_table_get_doubles(x, c, a, n), 0);
        CHECK_INT(firmnet_table_get_doubles(y, c, b, n), 0);
        if (memcmp(a, b, n * sizeof *a) != 0) {
            fprintf(stderr, "column %s differs\n", firmnet_table_column_name(x, c));
        }
        CHECK(memcmp(a, b, n * sizeof *a) == 0);
    }
    free(a);
    free(b);
}

/* Random graphs with hubs, reciprocated and repeated ties, loops and isolates. */
static void test_coreness(void)
{
    uint64_t s = 99;
    for (int directed = 0; directed <= 1; directed++) {
        for (size_t n = 1; n <= 2001; n += 500) {
            igraph_vector_int_t edges;
            igraph_vector_int_t ref;
            igraph_t g;
            size_t m = 3 * n;
            double *mine = malloc(n * sizeof *mine);
            igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
            for (size_t e = 0; e < m; e++) {
                s = s * 6364136223846793005ULL + 1442695040888963407ULL;
                size_t a = (s >> 33) % n, r = (s >> 20) % 10;
                size_t b = r < 3 ? (s >> 45) % 7 % n : r < 8 ? (a + 1 + r) % n : (s >> 40) % n;
                if (e % 50 == 7 && e > 0) { /* the reverse of the previous tie */
                    a = (size_t)VECTOR(edges)[2 * e - 1];
                    b = (size_t)VECTOR(edges)[2 * e - 2];
                }
                VECTOR(edges)[2 * e] = (igraph_integer_t)a;
                VECTOR(edges)[2 * e + 1] = (igraph_integer_t)b;
            }
            igraph_create(&g, &edges, (igraph_integer_t)n, directed);
            igraph_vector_int_init(&ref, 0);
            const igraph_neimode_t modes[] = {IGRAPH_ALL, IGRAPH_OUT, IGRAPH_IN};
            for (int k = 0; k < 3; k++) {
                CHECK_INT(igraph_coreness(&g, &ref, modes[k]), 0);
                CHECK_INT(firmnet_i_coreness(mine, &g, modes[k]), 0);
                size_t bad = 0;
                for (size_t v = 0; v < n; v++) {
                    bad += mine[v] != (double)VECTOR(ref)[v];
                }
                if (bad) {
                    fprintf(stderr, "coreness n=%zu directed=%d mode %d: %zu differ\n", n,
                            directed, k, bad);
                }
                CHECK(bad == 0);
            }
            igraph_vector_int_destroy(&ref);
            igraph_vector_int_destroy(&edges);
            igraph_destroy(&g);
            free(mine);
        }
    }
}

/*
 * A bulk read merges duplicates with counting sorts at the end (dedupe_bulk); adding the same
 * rows one at a time merges them through the tie hash. Both give the same ties in the same
 * order with the same weights, bit for bit, under every merge rule: on rows with many
 * repeats, one pair repeated 200 times across layers and waves (a run longer than the
 * insertion sort's), and a second read merging into the ties of the first.
 */
static void test_dedupe(void)
{
    static const char *layers[] = {"trade", "rnd", "service.legal"};
    static const char *waves[] = {"2005", "2007"};
    static const firmnet_merge rules[] = {FIRMNET_MERGE_SUM, FIRMNET_MERGE_MAX, FIRMNET_MERGE_MEAN,
                                          FIRMNET_MERGE_COUNT, FIRMNET_MERGE_FIRST};
    enum { ROWS = 20000 };
    firmnet_i_buf csv[2] = {{0}, {0}};
    char (*row_s)[8] = calloc(ROWS, sizeof *row_s), (*row_t)[8] = calloc(ROWS, sizeof *row_t);
    const char **row_w = calloc(ROWS, sizeof *row_w), **row_l = calloc(ROWS, sizeof *row_l);
    double *row_x = calloc(ROWS, sizeof *row_x);
    uint64_t z = 11;
    CHECK(row_s != NULL && row_t != NULL && row_w != NULL && row_l != NULL && row_x != NULL);
    for (int h = 0; h < 2; h++) {
        CHECK_INT(firmnet_i_buf_printf(&csv[h], "wave,layer,source,target,weight\n"), 0);
    }
    for (size_t k = 0; k < ROWS; k++) {
        z = z * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t a = (z >> 33) % 40, b = (z >> 13) % 40;
        if (k % 100 == 7) { /* the long run */
            a = 3;
            b = 4;
        }
        if (a == b) {
            b = (b + 1) % 40;
        }
        snprintf(row_s[k], sizeof row_s[k], "a%zu", a);
        snprintf(row_t[k], sizeof row_t[k], "a%zu", b);
        row_w[k] = waves[(z >> 50) % 2];
        row_l[k] = layers[(z >> 52) % 3];
        row_x[k] = (double)((z >> 40) % 1000 + 1) / 7.0;
        CHECK_INT(firmnet_i_buf_printf(&csv[k >= ROWS / 2], "%s,%s,%s,%s,%.17g\n", row_w[k],
                                       row_l[k], row_s[k], row_t[k], row_x[k]),
                  0);
    }
    /* with the tie index packed into the sort key (this size fits) and carried beside it */
    for (size_t r = 0; r < 2 * sizeof rules / sizeof *rules; r++) {
        firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
        firmnet_load_report rep = {0};
        firmnet_network *bulk = NULL, *one = NULL;
        o.duplicates = rules[r / 2];
        firmnet_i_dedupe_packed = r % 2 == 0;
        CHECK_INT(firmnet_network_new(&bulk), 0);
        CHECK_INT(firmnet_network_new(&one), 0);
        for (int h = 0; h < 2; h++) {
            CHECK_INT(firmnet_network_read_ties_buffer(bulk, csv[h].data, csv[h].len, "dedupe.csv",
                                                       &o, h ? &rep : NULL),
                      0);
        }
        CHECK(rep.duplicates_merged > ROWS / 4);
        for (size_t k = 0; k < ROWS; k++) {
            CHECK_INT(firmnet_network_add_tie(one, row_w[k], row_l[k], row_s[k], row_t[k],
                                              row_x[k], &o, NULL),
                      0);
        }
        CHECK_INT(firmnet_network_tie_count(bulk), firmnet_network_tie_count(one));
        CHECK(firmnet_network_tie_count(bulk) < ROWS / 2);
        for (size_t k = 0; k < firmnet_network_tie_count(one); k++) {
            size_t s1, t1, s2, t2;
            const char *w1, *w2, *l1, *l2;
            double x1, x2;
            CHECK_INT(firmnet_network_tie(bulk, k, &s1, &t1, &w1, &l1, &x1), 0);
            CHECK_INT(firmnet_network_tie(one, k, &s2, &t2, &w2, &l2, &x2), 0);
            CHECK_STR(firmnet_network_actor_id(bulk, s1), firmnet_network_actor_id(one, s2));
            CHECK_STR(firmnet_network_actor_id(bulk, t1), firmnet_network_actor_id(one, t2));
            CHECK_STR(w1, w2);
            CHECK_STR(l1, l2);
            CHECK(memcmp(&x1, &x2, sizeof x1) == 0);
            CHECK_INT(bulk->nmerged[k], one->nmerged[k]);
        }
        firmnet_network_free(bulk);
        firmnet_network_free(one);
    }
    firmnet_i_dedupe_packed = true;
    for (int h = 0; h < 2; h++) {
        firmnet_i_buf_free(&csv[h]);
    }
    free(row_s);
    free(row_t);
    free(row_w);
    free(row_l);
    free(row_x);
}

/* ---- the tie reader --------------------------------------------------------------------- */

typedef struct read_result {
    firmnet_network *net;
    int rc;
    char err[700];
    firmnet_load_report rep;
} read_result;

/* Read @p text (after @p first, when not NULL, into the same network) with the fast paths on
 * or off. */
static read_result read_with_fast(const char *first, const char *text, size_t len, bool fast)
{
    read_result r;
    memset(&r, 0, sizeof r);
    firmnet_i_read_fast = fast;
    CHECK_INT(firmnet_network_new(&r.net), 0);
    if (first != NULL) {
        CHECK_INT(firmnet_network_read_ties_buffer(r.net, first, strlen(first), "f.csv", NULL,
                                                   NULL),
                  0);
    }
    r.rc = firmnet_network_read_ties_buffer(r.net, text, len, "t.csv", NULL, &r.rep);
    snprintf(r.err, sizeof r.err, "%s", r.rc < 0 ? firmnet_last_error() : "");
    firmnet_i_read_fast = true;
    return r;
}

static bool same_strset(const firmnet_i_strset *a, const firmnet_i_strset *b)
{
    if (a->count != b->count) {
        return false;
    }
    for (size_t k = 0; k < a->count; k++) {
        if (strcmp(a->strs[k], b->strs[k]) != 0) {
            return false;
        }
    }
    return true;
}

static bool same_network(const firmnet_network *a, const firmnet_network *b)
{
    size_t m = a->nties;
    return same_strset(&a->ids, &b->ids) && same_strset(&a->waves, &b->waves) &&
           same_strset(&a->layers, &b->layers) && m == b->nties &&
           (m == 0 || (memcmp(a->src, b->src, m * sizeof *a->src) == 0 &&
                       memcmp(a->tgt, b->tgt, m * sizeof *a->tgt) == 0 &&
                       memcmp(a->wave, b->wave, m * sizeof *a->wave) == 0 &&
                       memcmp(a->layer, b->layer, m * sizeof *a->layer) == 0 &&
                       memcmp(a->weight, b->weight, m * sizeof *a->weight) == 0));
}

/* Read @p text both ways and compare everything; returns the fast read's error message (or
 * "" on success) in @p err when not NULL. */
static int same_read(const char *first, const char *text, size_t len, char *err, size_t errsize)
{
    read_result fast = read_with_fast(first, text, len, true);
    read_result slow = read_with_fast(first, text, len, false);
    bool same = fast.rc == slow.rc && strcmp(fast.err, slow.err) == 0 &&
                memcmp(&fast.rep, &slow.rep, sizeof fast.rep) == 0 &&
                same_network(fast.net, slow.net);
    if (!same) {
        fprintf(stderr, "fast and checked reads differ on:\n%.*s\nfast: %d %s\nslow: %d %s\n",
                (int)len, text, fast.rc, fast.err, slow.rc, slow.err);
    }
    CHECK(same);
    if (err != NULL) {
        snprintf(err, errsize, "%s", fast.err);
    }
    firmnet_network_free(fast.net);
    firmnet_network_free(slow.net);
    return fast.rc;
}

/* Expect the read of @p text to end with @p rc and a message containing @p what, both ways. */
static void read_case(const char *first, const char *text, int rc, const char *what)
{
    char err[700];
    CHECK_INT(same_read(first, text, strlen(text), err, sizeof err), rc);
    if (strstr(err, what) == NULL) {
        fprintf(stderr, "expected '%s' in '%s' for:\n%s\n", what, err, text);
    }
    CHECK(strstr(err, what) != NULL);
}

#define H "wave,layer,source,target,weight\n"
#define BOM "\xEF\xBB\xBF"

static void test_read_cases(void)
{
    /* valid non-ASCII text, unquoted (fast parse) and quoted (slow parse) */
    read_case(NULL, H "2005,trade,\xC3\x84rger,\xEA\xB8\xB0\xEC\x97\x85,1\n"
                      "2005,\"\xEB\xAC\xB4\xEC\x97\xAD\",\" \xC3\x84rger \",B,2\n",
              0, "");
    /* a byte-order mark inside a field, in each column, with a non-ASCII field before it */
    read_case(NULL, H BOM "2005,trade,A,B,1\n", FIRMNET_EPARSE,
              "t.csv:2:1 (column 'wave'): byte-order mark");
    read_case(NULL, H "2005,trade,\xC3\x84,B" BOM ",1\n", FIRMNET_EPARSE,
              "t.csv:2:4 (column 'target'): byte-order mark");
    read_case(NULL, H "2005,trade,\xC3\x84,B,1" BOM "\n", FIRMNET_EPARSE,
              "t.csv:2:5 (column 'weight'): byte-order mark");
    read_case(NULL, H "2005,trade,A,B,1\n2005,\"tr\nade\",A,\"x" BOM "\",1\n", FIRMNET_EPARSE,
              "t.csv:4:4 (column 'target'): byte-order mark"); /* the field starts on line 4 */
    read_case(NULL, H "2005,trade,A,B,1\r\n2005,trade, \xC3\x84 ,  " BOM "B ,1\r\n",
              FIRMNET_EPARSE, "t.csv:3:4 (column 'target'): byte-order mark");
    /* invalid UTF-8: the first bad field, at its offset */
    read_case(NULL, H "2005,trade,A,B\xff,1\n", FIRMNET_EPARSE,
              "t.csv:2:4 (column 'target'): invalid UTF-8 (byte 0xFF at offset 1");
    read_case(NULL, H "2005,tr\xC3\xA4" "de,A\xC3,B\xff,1\n", FIRMNET_EPARSE,
              "t.csv:2:3 (column 'source'): invalid UTF-8 (byte 0xC3 at offset 1");
    read_case(NULL, H "2005,trade,\"A\",\"B\xED\xA0\x80\",1\n", FIRMNET_EPARSE,
              "t.csv:2:4 (column 'target'): invalid UTF-8 (byte 0xED at offset 1");
    read_case(NULL, "wave\tlayer\tsource\ttarget\n2005\ttrade\tA\tB \xC0\xAF\n", FIRMNET_EPARSE,
              "t.csv:2:4 (column 'target'): invalid UTF-8");
    /* layer names: checked when new, whether or not an earlier row had a valid layer */
    read_case(NULL, H "2005,trade,A,B,1\n2005,trade,B,C,1\n2005,all,A,C,1\n", FIRMNET_EDATA,
              "t.csv:4:2 (column 'layer'): layer 'all': 'all' is reserved");
    read_case(NULL, H "2005,trade,A,B,1\n2005,trade.x,B,C,1\n2005,trade..x,A,C,1\n",
              FIRMNET_EDATA, "t.csv:4:2 (column 'layer'): layer 'trade..x'");
    read_case(NULL, H "2005,trade,A,B,1\n2005,\"a,b\",A,A,1\n", FIRMNET_EDATA,
              "t.csv:3:2 (column 'layer'): layer 'a,b': a layer name cannot contain a comma");
    read_case(NULL, H "2005,trade,A,B,1\n2006,trade,A,B,1\n2005,trade,A,B,1\n2005,x. y,B,A,1\n",
              FIRMNET_EDATA, "t.csv:5:2 (column 'layer'): layer 'x. y'");
    /* layers interned by an earlier read of the same network */
    read_case(H "2004,trade,A,B,1\n2004,rnd,A,B,1\n",
              H "2005,rnd,A,B,1\n2005,trade,A,C,1\n2005,rnd,C,B,1\n", 0, "");
    read_case(H "2004,trade,A,B,1\n", H "2005,trade,A,B,1\n2005,.trade,A,C,1\n", FIRMNET_EDATA,
              "t.csv:3:2 (column 'layer'): layer '.trade'");
    /* more waves and layers than a read keeps at hand, in turns and repeated */
    {
        firmnet_i_buf b = {0};
        CHECK_INT(firmnet_i_buf_printf(&b, H), 0);
        for (int k = 0; k < 200; k++) {
            CHECK_INT(firmnet_i_buf_printf(&b, "%d,%s%d,a%d,a%d,%d\n", 2000 + k % 7,
                                           k % 3 ? "trade.x" : "rnd", k % 11 % 6, k % 13,
                                           k % 17 + 1, k % 5 + 1),
                      0);
        }
        CHECK_INT(same_read(NULL, b.data, b.len, NULL, 0), 0);
        CHECK_INT(firmnet_i_buf_printf(&b, "2003,trade.x..,a1,a2,1\n"), 0);
        CHECK_INT(same_read(NULL, b.data, b.len, NULL, 0), FIRMNET_EDATA);
        firmnet_i_buf_free(&b);
    }
    /* without wave and layer columns */
    read_case(NULL, "source,target\nA,B\n\xC3\x84,B\n\xC3\x84,\xC3\x84\n", 0, "");
}

/* Random small tie files from pieces that exercise both parse paths and every check. */
static void test_read_random(void)
{
    static const char *const pieces[] = {
        "A", "B", "C", " A ", "\"A\"", "\"B \"", "\xC3\x84", "\xEA\xB8\xB0", "\"\xC3\x84\"",
        BOM, "x" BOM "y", "\"" BOM "\"", "\xff", "\xC3", "\xC0\xAF", "\xED\xA0\x80",
        "\"a\nb\"", "\"a\"\"b\"", "trade", "rnd", "trade.x", "all", "x..y", ".x", "\"a,b\"",
        "tr\xC3\xA4" "de", "", "1", "2.5", "1e3", "-1", "2005", "2006", "\t"};
    const size_t npieces = sizeof pieces / sizeof *pieces;
    uint64_t s = 2005;
    char text[2048];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", H);
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t rows = 1 + (s >> 60) % 6;
        for (size_t row = 0; row < rows; row++) {
            for (int f = 0; f < 5; f++) {
                s = s * 6364136223846793005ULL + 1442695040888963407ULL;
                /* mostly well-formed values so that rows get past the first column */
                size_t k = (s >> 33) % 8 < 5 ? (f == 4 ? 27 : f == 1 ? 18 + (s >> 40) % 2
                                                           : f == 0 ? 31 : (s >> 40) % 3)
                                             : (s >> 40) % npieces;
                n += (size_t)snprintf(text + n, sizeof text - n, "%s%s", f ? "," : "",
                                      pieces[k]);
            }
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", (s >> 62) == 0 ? "\r\n" : "\n");
        }
        same_read(NULL, text, n, NULL, 0);
    }
}

/* firmnet_network_add_tie() checks its strings itself, whatever the reader's fast paths. */
static void test_add_tie_checks(void)
{
    firmnet_network *net = NULL;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_add_tie(net, "2005", "trade", "A", "B", 1, NULL, NULL), 0);
    static const struct {
        const char *wave, *layer, *source, *target, *error;
    } bad[] = {
        {"2005", "trade", "A", "B\xff", "tie A -> B\xff: invalid UTF-8 in actor id"},
        {"2005", "trade", "A\xC3", "B", "tie A\xC3 -> B: invalid UTF-8 in actor id"},
        {"20\xff", "trade", "A", "B", "tie A -> B: invalid UTF-8 in wave"},
        {"2005", "tr\xff", "A", "B", "tie A -> B: invalid UTF-8 in layer"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        CHECK_INT(firmnet_network_add_tie(net, bad[k].wave, bad[k].layer, bad[k].source,
                                          bad[k].target, 1, NULL, NULL),
                  FIRMNET_EDATA);
        CHECK_STR(firmnet_last_error(), bad[k].error);
    }
    CHECK_INT(firmnet_network_add_tie(net, "2005", "all", "A", "B", 1, NULL, NULL), FIRMNET_EDATA);
    CHECK(strstr(firmnet_last_error(), "'all' is reserved") != NULL);
    CHECK_INT(firmnet_network_add_tie(net, "2005", "trade", "A", "C", 1, NULL, NULL), 0);
    CHECK_INT(firmnet_network_tie_count(net), 2);
    CHECK_INT(firmnet_network_actor_count(net), 3);
    firmnet_network_free(net);
}

/* The near-duplicate key of an id, the plain way: letters in lower case, blank runs as one. */
static void plain_key(const char *id, char *key)
{
    size_t n = 0;
    for (; *id != '\0'; id++) {
        char ch = *id;
        if (ch == ' ' || ch == '\t') {
            if (n > 0 && key[n - 1] == ' ') {
                continue;
            }
            ch = ' ';
        }
        key[n++] = (char)tolower((unsigned char)ch);
    }
    key[n] = '\0';
}

/* Whether @p s is among the first @p n strings of @p list. */
static bool in_list(char (*list)[24], size_t n, const char *s)
{
    for (size_t k = 0; k < n; k++) {
        if (strcmp(list[k], s) == 0) {
            return true;
        }
    }
    return false;
}

/*
 * Near-duplicate ids counted by the string-free key set (network.c: note_id_key) against a
 * list of keys searched one by one: thousands of ids from a few stems varied in case and
 * spacing (many collisions, the set grows past its first 1,024 slots), read as ties; a read
 * that fails at its last row takes its actors and keys back, and reading the good rows again
 * counts the same as on a fresh network.
 */
static void test_near_duplicates(void)
{
    enum { NROWS = 3000 };
    static char ids[2 * NROWS][24], keys[2 * NROWS][24];
    size_t nids = 0, nkeys = 0, want = 0;
    char *text = malloc(NROWS * 60), *p = text;
    uint64_t x = 12345;
    p += sprintf(p, "source,target\n");
    for (int r = 0; r < NROWS; r++) {
        char end[2][24];
        for (int e = 0; e < 2; e++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            unsigned stem = (unsigned)(x >> 33) % 1500, v = (unsigned)(x >> 20) % 8;
            snprintf(end[e], sizeof end[e], "%s%s%u%s", v & 1 ? "Ab" : "ab", v & 2 ? " c" : "c",
                     stem, v & 4 ? "  x" : " X");
        }
        p += sprintf(p, "%s,%s\n", end[0], end[1]);
        for (int e = 0; e < 2; e++) {
            char key[24];
            if (in_list(ids, nids, end[e])) { /* also the second end of an A,A row */
                continue;
            }
            strcpy(ids[nids++], end[e]);
            plain_key(end[e], key);
            if (in_list(keys, nkeys, key)) {
                want++;
            } else {
                strcpy(keys[nkeys++], key);
            }
        }
    }
    size_t good = (size_t)(p - text);
    p += sprintf(p, "A,B,C\n"); /* one field too many: the read fails there */
    firmnet_network *net = NULL, *fresh = NULL;
    firmnet_load_report rep;
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, text, (size_t)(p - text), "t", NULL, &rep),
              FIRMNET_EPARSE);
    CHECK_INT(firmnet_network_actor_count(net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, text, good, "t", NULL, &rep), 0);
    CHECK_INT(rep.actors_added, nids);
    CHECK(want > 100 && nkeys > 1024);
    CHECK_INT(rep.near_duplicate_ids, want);
    CHECK_INT(firmnet_network_new(&fresh), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(fresh, text, good, "t", NULL, &rep), 0);
    CHECK_INT(rep.near_duplicate_ids, want);
    /* one more actor by hand: a near duplicate of the first id, then a new key */
    char variant[24];
    strcpy(variant, ids[0]);
    variant[0] = variant[0] == 'a' ? 'A' : 'a';
    CHECK_INT(firmnet_network_add_actor(net, variant, 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_actor(net, "zz  Top", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_add_actor(net, "ZZ\tTOP", 0, NULL, NULL), 0);
    CHECK_INT(firmnet_network_load_report(net, &rep), 0);
    CHECK_INT(rep.near_duplicate_ids, want + 2);
    firmnet_network_free(fresh);
    firmnet_network_free(net);
    free(text);
}

int main(void)
{
    test_near_duplicates();
    test_dedupe();
    test_read_cases();
    test_read_random();
    test_add_tie_checks();
    test_coreness();
    firmnet_network *net = hub_network();
    for (int undirected = 0; undirected <= 1; undirected++) {
        firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
        firmnet_graph *g = NULL;
        go.undirected = undirected;
        CHECK_INT(firmnet_graph_new(&g, net, &go), 0);
        for (int unweighted = 0; unweighted <= 1; unweighted++) {
            firmnet_table *scan = burt(g, unweighted, SIZE_MAX);
            firmnet_table *lookup = burt(g, unweighted, 0);
            firmnet_table *mixed = burt(g, unweighted, 8);
            same_bits(scan, lookup);
            same_bits(scan, mixed);
            firmnet_table_free(scan);
            firmnet_table_free(lookup);
            firmnet_table_free(mixed);
        }
        firmnet_graph_free(g);
    }
    firmnet_network_free(net);
    return test_done();
}
