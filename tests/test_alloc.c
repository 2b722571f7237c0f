/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Allocation failure injection: for every N, make the N-th allocation of a load-and-analyse
 * path fail. The path reads a plain actor file and a gzip tie file from disk and a tie
 * buffer from memory, adds an actor and a tie, checks a selector, builds graph views, runs
 * every analysis of tests/analyses.h, writes a result (gzip CSV and JSON) and reads it back.
 * Each run must fail with FIRMNET_ENOMEM at the step that hit the failure (or succeed when N
 * is past the last allocation), leave the network exactly as it was before that step, leave
 * no temporary file, and leak nothing (CI runs this under ASan/LSan).
 *
 * The injection covers the library's own allocations and zlib's while reading
 * (firmnet_i_malloc and friends); igraph and GSL allocate with the C library directly and are
 * not injected (their out-of-memory returns are mapped to FIRMNET_ENOMEM at one place,
 * firmnet_i_igraph()).
 */
#include <dirent.h>
#include <unistd.h>
#include <zlib.h>

#include "internal.h"
#include "test.h"
#include "analyses.h"

static const char actors[] = "id,type,cluster,region,sales\nA,firm,C1,R1,1\nB,firm,C1,R1,2\n"
                             "C,research,C2,R2,\n\"D \",university,C2,,7\n";
static const char ties[] = "wave,layer,source,target,weight\n2005,trade,A,B,2\n"
                           "2005,rnd,A,C,1\n2005,trade,A,B,1\n2007,service.x,C,D,1\n"
                           "2005,trade,B,a,1\n";
static const char more_ties[] = "wave;layer;source;target\n2007;rnd;B;C\n2007;trade;D;A\n";

static char dir[4096], actors_path[4200], ties_path[4200], out_csv[4200], out_json[4200];

typedef struct state {
    firmnet_network *net;
    firmnet_graph *view, *uview;
    firmnet_table *result[TEST_NANALYSES];
    firmnet_table *back;
} state;

static int step_new(state *s)
{
    return firmnet_network_new(&s->net);
}

static int step_read_actors(state *s)
{
    return firmnet_network_read_actors(s->net, actors_path, NULL, NULL);
}

static int step_read_ties(state *s)
{
    firmnet_read_options o = FIRMNET_READ_OPTIONS_INIT;
    o.duplicates = FIRMNET_MERGE_MEAN;
    return firmnet_network_read_ties(s->net, ties_path, &o, NULL);
}

static int step_read_buffer(state *s)
{
    return firmnet_network_read_ties_buffer(s->net, more_ties, sizeof more_ties - 1, "more", NULL,
                                            NULL);
}

static int step_add_actor(state *s)
{
    const char *names[2] = {"type", "employees"}, *values[2] = {"service", "12"};
    return firmnet_network_add_actor(s->net, "E", 2, names, values);
}

static int step_add_tie(state *s)
{
    return firmnet_network_add_tie(s->net, "2007", "service.legal", "E", "new", 1, NULL, NULL);
}

static int step_selector(state *s)
{
    return firmnet_network_check_selector(s->net, "trade, service");
}

static int step_views(state *s)
{
    return test_analysis_views(s->net, &s->view, &s->uview);
}

static int step_analyses(state *s)
{
    for (size_t k = 0; k < TEST_NANALYSES; k++) {
        int rc = test_analyses[k].run(&s->result[k], s->net, s->view, s->uview);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int step_write(state *s)
{
    int rc = firmnet_table_write(s->result[0], out_csv, FIRMNET_FORMAT_AUTO);
    if (rc == 0) {
        rc = firmnet_table_write(s->result[0], out_json, FIRMNET_FORMAT_AUTO);
    }
    return rc;
}

static int step_read_back(state *s)
{
    return firmnet_table_read(&s->back, out_csv);
}

static const struct {
    const char *name;
    int (*fn)(state *);
} steps[] = {
    {"new", step_new},           {"read actors", step_read_actors},
    {"read ties", step_read_ties}, {"read buffer", step_read_buffer},
    {"add actor", step_add_actor}, {"add tie", step_add_tie},
    {"selector", step_selector},
    {"views", step_views},       {"analyses", step_analyses},
    {"write", step_write},       {"read back", step_read_back},
};
#define NSTEPS (sizeof steps / sizeof *steps)

/* A text snapshot of a network, to compare before and after a failed step. */
static void fingerprint(const firmnet_network *net, char *buf, size_t size)
{
    firmnet_load_report r = {0};
    size_t n = 0;
    if (net == NULL) {
        snprintf(buf, size, "(none)");
        return;
    }
    firmnet_network_load_report(net, &r);
    n += (size_t)snprintf(buf, size, "%zu %zu %zu %zu %zu %zu %zu|",
                          firmnet_network_actor_count(net), firmnet_network_tie_count(net),
                          firmnet_network_wave_count(net), firmnet_network_layer_count(net),
                          firmnet_network_attribute_count(net), r.rows, r.near_duplicate_ids);
    for (size_t i = 0; i < firmnet_network_actor_count(net) && n < size; i++) {
        n += (size_t)snprintf(buf + n, size - n, "%s/%s ", firmnet_network_actor_id(net, i),
                              firmnet_network_actor_attribute(net, i, "type"));
    }
    for (size_t k = 0; k < firmnet_network_tie_count(net) && n < size; k++) {
        size_t a, b;
        const char *w, *l;
        double x;
        firmnet_network_tie(net, k, &a, &b, &w, &l, &x);
        n += (size_t)snprintf(buf + n, size - n, "%zu>%zu@%s/%s=%.17g ", a, b, w, l, x);
    }
}

static int count_files(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    closedir(d);
    return n;
}

static char message[1024]; /* the failing step's message */

/* One pass; returns the code of the first failing step (and its index in *failed) or 0. */
static int pass(size_t *failed, int *consistent)
{
    static char before[8192], after[8192];
    state s = {0};
    int rc = 0;
    *failed = NSTEPS;
    *consistent = 1;
    for (size_t k = 0; k < NSTEPS && rc == 0; k++) {
        fingerprint(s.net, before, sizeof before);
        rc = steps[k].fn(&s);
        if (rc < 0) {
            *failed = k;
            snprintf(message, sizeof message, "%s", firmnet_last_error());
            fingerprint(s.net, after, sizeof after);
            if (strcmp(before, after) != 0) {
                fprintf(stderr, "step '%s' changed the network although it failed\n",
                        steps[k].name);
                *consistent = 0;
            }
        }
    }
    firmnet_table_free(s.back);
    for (size_t k = 0; k < TEST_NANALYSES; k++) {
        firmnet_table_free(s.result[k]);
    }
    firmnet_graph_free(s.uview);
    firmnet_graph_free(s.view);
    firmnet_network_free(s.net);
    return rc;
}

static void setup_files(void)
{
    FILE *f;
    gzFile gz;
    snprintf(dir, sizeof dir, "%s/firmnet-alloc-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        exit(1);
    }
    snprintf(actors_path, sizeof actors_path, "%s/actors.csv", dir);
    snprintf(ties_path, sizeof ties_path, "%s/ties.csv.gz", dir);
    snprintf(out_csv, sizeof out_csv, "%s/summary.csv.gz", dir);
    snprintf(out_json, sizeof out_json, "%s/summary.json", dir);
    f = fopen(actors_path, "w");
    fputs(actors, f);
    fclose(f);
    gz = gzopen(ties_path, "wb");
    gzputs(gz, ties);
    gzclose(gz);
}

static void remove_files(void)
{
    unlink(actors_path);
    unlink(ties_path);
    unlink(out_csv);
    unlink(out_json);
    rmdir(dir);
}

int main(void)
{
    long total;
    size_t failed, hits[NSTEPS] = {0};
    int consistent;
    setup_files();
    firmnet_i_fail_alloc_at(0);
    CHECK_INT(pass(&failed, &consistent), 0);
    total = firmnet_i_alloc_count();
    CHECK(total > 100);
    for (long n = 1; n <= total + 1; n++) {
        /* the output files exist from the previous pass: a failed write must keep them */
        int files = count_files();
        firmnet_i_fail_alloc_at(n);
        int rc = pass(&failed, &consistent);
        firmnet_i_fail_alloc_at(0);
        CHECK(consistent);
        CHECK_INT(count_files(), files);
        if (n <= total) {
            if (rc != FIRMNET_ENOMEM || strstr(message, "out of memory") == NULL) {
                fprintf(stderr, "allocation %ld of %ld: rc %d (%s)\n", n, total, rc, message);
            }
            CHECK_INT(rc, FIRMNET_ENOMEM);
            CHECK(strstr(message, "out of memory") != NULL);
            if (failed < NSTEPS) {
                hits[failed]++;
            }
        } else {
            CHECK_INT(rc, 0);
        }
    }
    printf("injected failures at each of %ld allocations:", total);
    for (size_t k = 0; k < NSTEPS; k++) {
        printf(" %s %zu%s", steps[k].name, hits[k], k + 1 < NSTEPS ? "," : "\n");
        CHECK(hits[k] > 0 || steps[k].fn == step_selector); /* a selector check need not */
    }
    remove_files();
    return test_done();
}
