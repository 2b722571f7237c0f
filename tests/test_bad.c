/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The malformed-input corpus tests/data/bad/ (made by tests/fixtures/make_bad.py): every file
 * listed in EXPECTED.tsv is read from its path and from memory, and must give the expected
 * code and a message naming file:line, leave the network exactly as it was, and (for files
 * the reader accepts) the expected load report. Then the policies around it: the reader's
 * limits at their exact boundaries, ids that differ in white space or case, and weights that
 * overflow when merged.
 */
#include <zlib.h>

#include "test.h"

static const struct {
    const char *name;
    int code;
} codes[] = {
    {"FIRMNET_OK", FIRMNET_OK},       {"FIRMNET_ENOMEM", FIRMNET_ENOMEM},
    {"FIRMNET_EINVAL", FIRMNET_EINVAL}, {"FIRMNET_EIO", FIRMNET_EIO},
    {"FIRMNET_EPARSE", FIRMNET_EPARSE}, {"FIRMNET_EDATA", FIRMNET_EDATA},
    {"FIRMNET_ENOTFOUND", FIRMNET_ENOTFOUND}, {"FIRMNET_ERANGE", FIRMNET_ERANGE},
};

static int code_of(const char *name)
{
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++) {
        if (strcmp(codes[k].name, name) == 0) {
            return codes[k].code;
        }
    }
    fprintf(stderr, "EXPECTED.tsv: unknown code %s\n", name);
    test_failed++;
    return 1;
}

/* A network with content, so that a failed read can be seen to leave it as it was. */
static firmnet_network *base_network(void)
{
    firmnet_network *net = NULL;
    const char *names[2] = {"type", "cluster"}, *values[2] = {"firm", "Changwon"};
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_add_actor(net, "BASE-1", 2, names, values), 0);
    CHECK_INT(firmnet_network_add_tie(net, "1999", "base", "BASE-1", "BASE-2", 2, NULL, NULL),
              0);
    CHECK_INT(firmnet_network_add_tie(net, "1999", "base", "BASE-3", "BASE-2", 1, NULL, NULL),
              0);
    return net;
}

/* Everything observable about a network, as text, to compare before and after. */
static void fingerprint(const firmnet_network *net, char *buf, size_t size)
{
    firmnet_load_report r;
    size_t n = 0;
    firmnet_network_load_report(net, &r);
    n += (size_t)snprintf(buf + n, size - n, "%zu %zu %zu %zu %zu|%zu %zu %zu %zu %zu %zu %zu %zu|",
                          firmnet_network_actor_count(net), firmnet_network_tie_count(net),
                          firmnet_network_wave_count(net), firmnet_network_layer_count(net),
                          firmnet_network_attribute_count(net), r.rows, r.blank_lines,
                          r.actors_added, r.actors_implicit, r.ties_added, r.duplicates_merged,
                          r.self_ties_dropped, r.near_duplicate_ids);
    for (size_t i = 0; i < firmnet_network_actor_count(net) && n < size; i++) {
        n += (size_t)snprintf(buf + n, size - n, "%s/%s/%s ", firmnet_network_actor_id(net, i),
                              firmnet_network_actor_attribute(net, i, "type"),
                              firmnet_network_actor_attribute(net, i, "cluster"));
    }
    for (size_t k = 0; k < firmnet_network_tie_count(net) && n < size; k++) {
        size_t s, t;
        const char *w, *l;
        double x;
        firmnet_network_tie(net, k, &s, &t, &w, &l, &x);
        n += (size_t)snprintf(buf + n, size - n, "%zu>%zu@%s/%s=%.17g ", s, t, w, l, x);
    }
}

/* Check "field=value,field=value" against a load report. */
static void check_report(const char *file, const char *spec, const firmnet_load_report *r)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", spec);
    for (char *tok = strtok(copy, ","); tok != NULL; tok = strtok(NULL, ",")) {
        char *eq = strchr(tok, '=');
        size_t want, got;
        if (eq == NULL) {
            continue;
        }
        *eq = '\0';
        want = (size_t)strtoul(eq + 1, NULL, 10);
        if (strcmp(tok, "rows") == 0) {
            got = r->rows;
        } else if (strcmp(tok, "actors_added") == 0) {
            got = r->actors_added;
        } else if (strcmp(tok, "ties_added") == 0) {
            got = r->ties_added;
        } else if (strcmp(tok, "near_duplicate_ids") == 0) {
            got = r->near_duplicate_ids;
        } else {
            fprintf(stderr, "%s: unknown report field %s\n", file, tok);
            test_failed++;
            continue;
        }
        if (got == want) {
            test_passed++;
        } else {
            test_failed++;
            fprintf(stderr, "%s: report %s = %zu, expected %zu\n", file, tok, got, want);
        }
    }
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    if (f == NULL) {
        return NULL;
    }
    for (;;) {
        if (*len == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    return buf;
}

/* Read one corpus file from its path and from memory; check code, message and rollback. */
static void check_case(const char *file, const char *reader, int code, const char *report,
                       const char *message)
{
    static char before[1 << 16], after[1 << 16];
    const char *path = test_path(file);
    int actors = strcmp(reader, "actors") == 0;
    size_t len;
    unsigned char *data = slurp(path, &len);
    CHECK(data != NULL || len == 0);
    for (int from_memory = 0; from_memory < 2; from_memory++) {
        firmnet_network *net = base_network();
        firmnet_load_report rep;
        int rc;
        memset(&rep, 0xAB, sizeof rep);
        fingerprint(net, before, sizeof before);
        if (from_memory) {
            const char *base = strrchr(file, '/') + 1;
            rc = actors ? firmnet_network_read_actors_buffer(net, data, len, base, NULL, &rep)
                        : firmnet_network_read_ties_buffer(net, data, len, base, NULL, &rep);
        } else {
            rc = actors ? firmnet_network_read_actors(net, path, NULL, &rep)
                        : firmnet_network_read_ties(net, path, NULL, &rep);
        }
        if (rc != code) {
            fprintf(stderr, "%s (%s): rc %d, expected %d: %s\n", file,
                    from_memory ? "memory" : "path", rc, code, firmnet_last_error());
        }
        CHECK_INT(rc, code);
        if (code < 0) {
            CHECK_INT(firmnet_last_error_code(), code);
            CHECK_ERR(message);
            fingerprint(net, after, sizeof after);
            CHECK_STR(after, before);
        } else {
            check_report(file, report, &rep);
        }
        firmnet_network_free(net);
    }
    free(data);
}

static void test_corpus(void)
{
    char line[4096];
    int n = 0;
    FILE *f = fopen(test_path("tests/data/bad/EXPECTED.tsv"), "r");
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    if (fgets(line, sizeof line, f) == NULL) { /* header */
        test_failed++;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *field[6], *p = line;
        line[strcspn(line, "\n")] = '\0';
        for (int k = 0; k < 6; k++) {
            field[k] = p;
            p = strchr(p, '\t');
            if (p == NULL && k < 5) {
                fprintf(stderr, "EXPECTED.tsv: short line %s\n", line);
                test_failed++;
                goto next;
            }
            if (p != NULL) {
                *p++ = '\0';
            }
        }
        char file[600];
        snprintf(file, sizeof file, "tests/data/bad/%s", field[0]);
        check_case(file, field[1], code_of(field[2]), field[3], field[5]);
        n++;
    next:;
    }
    fclose(f);
    printf("%d corpus files\n", n);
    CHECK(n >= 60);
}

/* A tie file with one row whose source field is @p n bytes of 'x' (then more rows or not). */
static int read_field_of(size_t n, int last, int quoted)
{
    size_t cap = n + 200, len = 0;
    char *buf = malloc(cap);
    firmnet_network *net = NULL;
    len += (size_t)snprintf(buf, cap, "source,target\nA,B\n%s", quoted ? "\"" : "");
    memset(buf + len, 'x', n);
    len += n;
    len += (size_t)snprintf(buf + len, cap - len, "%s,B", quoted ? "\"" : "");
    if (!last) {
        len += (size_t)snprintf(buf + len, cap - len, "\nC,D\n");
    }
    firmnet_network_new(&net);
    int rc = firmnet_network_read_ties_buffer(net, buf, len, "f.csv", NULL, NULL);
    firmnet_network_free(net);
    free(buf);
    return rc;
}

/* A tie file whose header and one row have @p n fields. */
static int read_fields_of(size_t n)
{
    size_t cap = n * 12 + 64, len = 0;
    char *buf = malloc(cap);
    firmnet_network *net = NULL;
    len += (size_t)snprintf(buf, cap, "source,target");
    for (size_t k = 2; k < n; k++) {
        len += (size_t)snprintf(buf + len, cap - len, ",c%zu", k);
    }
    len += (size_t)snprintf(buf + len, cap - len, "\nA,B");
    for (size_t k = 2; k < n; k++) {
        len += (size_t)snprintf(buf + len, cap - len, ",1");
    }
    len += (size_t)snprintf(buf + len, cap - len, "\n");
    firmnet_network_new(&net);
    int rc = firmnet_network_read_ties_buffer(net, buf, len, "f.csv", NULL, NULL);
    firmnet_network_free(net);
    free(buf);
    return rc;
}

static void test_limits(void)
{
    for (int last = 0; last < 2; last++) {
        for (int quoted = 0; quoted < 2; quoted++) {
            CHECK_INT(read_field_of(65536, last, quoted), 0);
            CHECK_INT(read_field_of(65537, last, quoted), FIRMNET_EPARSE);
            CHECK_ERR("f.csv:3:1: ");
            CHECK_ERR("field longer than 65536 bytes");
        }
    }
    CHECK_INT(read_fields_of(16384), 0);
    CHECK_INT(read_fields_of(16385), FIRMNET_EPARSE);
    CHECK_ERR("f.csv:1: more than 16384 fields in a record");
}

static void test_ids(void)
{
    firmnet_network *net = NULL;
    firmnet_load_report rep;
    size_t i, j;
    const char actors[] = "id,type\nKIMM,research\n\" CW001\",firm\n";
    const char ties[] = "source,target\n\"KIMM \",CW001\n\tkimm,\"CW001\"\nKIMM,\"cw 001\"\n"
                        "\"C W\",x\n\"c  w\",X\n";
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors, sizeof actors - 1, "a", NULL, &rep),
              0);
    CHECK_INT(rep.near_duplicate_ids, 0);
    /* quoted white space is trimmed: "KIMM " is KIMM, " CW001" is CW001 */
    CHECK_STR(firmnet_network_actor_id(net, 1), "CW001");
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, &rep), 0);
    CHECK_INT(rep.rows, 5);
    CHECK_INT(rep.ties_added, 5);
    /* new actors: kimm, cw 001, C W, x, c  w, X; of those kimm, c  w and X are near duplicates
     * of earlier ids ("cw 001" is not: the space is inside) */
    CHECK_INT(rep.actors_added, 6);
    CHECK_INT(rep.near_duplicate_ids, 3);
    CHECK_INT(firmnet_network_actor_index(&i, net, "KIMM"), 0);
    CHECK_INT(firmnet_network_actor_index(&j, net, "kimm"), 0);
    CHECK(i != j);
    CHECK_INT(firmnet_network_tie(net, 0, &i, &j, NULL, NULL, NULL), 0);
    CHECK_STR(firmnet_network_actor_id(net, i), "KIMM");
    CHECK_STR(firmnet_network_actor_id(net, j), "CW001");
    /* the API trims the same way; a self-tie after trimming is dropped */
    CHECK_INT(firmnet_network_add_tie(net, " 2005 ", "trade\t", "  KIMM", "CW001 ", 1, NULL, &rep),
              0);
    CHECK_INT(rep.actors_added, 0);
    CHECK_STR(firmnet_network_wave_name(net, 1), "2005");
    CHECK_INT(firmnet_network_add_tie(net, NULL, NULL, "KIMM", " KIMM", 1, NULL, &rep), 0);
    CHECK_INT(rep.self_ties_dropped, 1);
    CHECK_INT(firmnet_network_add_actor(net, " kimm ", 0, NULL, NULL), 0); /* fills the implicit */
    CHECK_INT(firmnet_network_add_actor(net, "KIMM\t", 0, NULL, NULL), FIRMNET_EDATA);
    CHECK_ERR("duplicate actor id 'KIMM'");
    CHECK_INT(firmnet_network_load_report(net, &rep), 0);
    CHECK_INT(rep.near_duplicate_ids, 3);
    firmnet_network_free(net);

    /* a failed read takes its near-duplicate keys back: reading the same ids again counts */
    const char bad[] = "source,target\nX1,Y1\nx1,Y1\nA,B,C\n";
    const char good[] = "source,target\nX1,Y1\nx1,Y1\n";
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, bad, sizeof bad - 1, "t", NULL, &rep),
              FIRMNET_EPARSE);
    CHECK_INT(firmnet_network_read_ties_buffer(net, good, sizeof good - 1, "t", NULL, &rep), 0);
    CHECK_INT(rep.near_duplicate_ids, 1);
    CHECK_INT(firmnet_network_actor_count(net), 3);
    firmnet_network_free(net);
}

/* Found by fuzzing: a last line that ends with a delimiter and no line end got a copy of the
 * record's first field (with its NUL separator) as its empty last field. */
static void test_trailing_delimiter(void)
{
    firmnet_network *net = NULL;
    firmnet_load_report rep;
    size_t i;
    const char actors[] = "id,name\nA,x\nB,";
    const char ties[] = "source,target,layer\nA,B,";
    const char ties2[] = "source,target,layer\nA,B,trade\nB,A,";
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_actors_buffer(net, actors, sizeof actors - 1, "a", NULL, &rep),
              0);
    CHECK_INT(rep.rows, 2);
    CHECK_STR(firmnet_network_actor_attribute(net, 1, "name"), "");
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("t:2:3 (column 'layer'): blank layer");
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties2, sizeof ties2 - 1, "t", NULL, NULL),
              FIRMNET_EDATA);
    CHECK_ERR("t:3:3 (column 'layer'): blank layer");
    const char swapped[] = "name,id\nx,A2\ny,";
    CHECK_INT(firmnet_network_read_actors_buffer(net, swapped, sizeof swapped - 1, "s", NULL,
                                                 NULL),
              FIRMNET_EDATA);
    CHECK_ERR("s:3:2 (column 'id'): blank actor id");
    CHECK_INT(firmnet_network_actor_index(&i, net, "A2"), FIRMNET_ENOTFOUND);
    firmnet_network_free(net);
}

static void test_overflow(void)
{
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_table *t = NULL;
    double w[2] = {0, 0};
    const char ties[] = "layer,source,target,weight\na,A,B,1e308\nb,A,B,1.5e308\nb,B,C,1\n";
    CHECK_INT(firmnet_network_new(&net), 0);
    CHECK_INT(firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "t", NULL, NULL), 0);
    /* sum over layers overflows: an error, not an infinite weight */
    CHECK_INT(firmnet_graph_new(&g, net, &o), FIRMNET_EDATA);
    CHECK_ERR("the weights of the ties A -> B sum to more than the largest number");
    CHECK_INT(firmnet_summary(&t, net), FIRMNET_EDATA);
    CHECK(g == NULL && t == NULL);
    o.merge = FIRMNET_MERGE_MEAN;
    CHECK_INT(firmnet_graph_new(&g, net, &o), 0);
    CHECK_INT(firmnet_graph_edges(g, NULL, NULL, w, 2), 0);
    CHECK_NEAR(w[0], 1.25e308, 1e-15);
    firmnet_graph_free(g);
    o.merge = FIRMNET_MERGE_MAX;
    CHECK_INT(firmnet_graph_new(&g, net, &o), 0);
    CHECK_INT(firmnet_graph_edges(g, NULL, NULL, w, 2), 0);
    CHECK_NEAR(w[0], 1.5e308, 1e-15);
    firmnet_graph_free(g);
    o.merge = FIRMNET_MERGE_SUM;
    o.layers = "b";
    CHECK_INT(firmnet_graph_new(&g, net, &o), 0);
    firmnet_graph_free(g);
    firmnet_network_free(net);
}

int main(void)
{
    test_corpus();
    test_limits();
    test_ids();
    test_trailing_delimiter();
    test_overflow();
    return test_done();
}
