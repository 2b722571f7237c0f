/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Threads: several threads each load the demo network from its files, build the views and
 * run every analysis of tests/analyses.h, at the same time, several rounds each; every result
 * must equal (bit for bit) the serial run's. Meanwhile each thread provokes errors and checks
 * that firmnet_last_error() is its own, and one more thread calls igraph directly under
 * firmnet_igraph_lock(), as a host program would. Each thread also reads a large gzip tie
 * file (made here, over 256 KiB compressed), which the reader inflates on a thread of its own.
 * CI also runs this test built with
 * ThreadSanitizer (-Db_sanitize=thread), which must report nothing.
 *
 * Analyses flagged ANALYSIS_OPENMP are skipped under ThreadSanitizer: Debian's igraph runs
 * parts of them on libgomp threads, which TSan cannot see, so it would report false races.
 */
#include <firmnet/igraph.h>

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <sched.h>
#include <stdatomic.h>

#include "test.h"
#include "analyses.h"

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

#define NTHREADS 4
#define ROUNDS 3

typedef struct results {
    firmnet_table *t[TEST_NANALYSES];
    firmnet_table *big; /* the ties of the large gzip file */
} results;

static results reference;
static char actors_path[4096], ties_path[4096], big_path[4096]; /* set before the threads */

/* A tie file large enough that its gzip form exceeds the reader's first read (256 KiB), so
 * the reader inflates it on a second thread. Deterministic. */
static int make_big(void)
{
    uint64_t x = 88172645463325252ULL;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(big_path, sizeof big_path, "%s/firmnet-threads-%ld.csv.gz", tmp, (long)getpid());
    gzFile gz = gzopen(big_path, "wb1");
    if (gz == NULL) {
        return -1;
    }
    gzputs(gz, "wave,layer,source,target,weight\n");
    for (int k = 0; k < 150000; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        gzprintf(gz, "%d,l%d,a%u,a%u,%u.%02u\n", 2005 + (int)(x % 3), (int)(x >> 8) % 5,
                 (unsigned)(x >> 16) % 5000, (unsigned)(x >> 32) % 5000,
                 1 + (unsigned)(x >> 48) % 90, (unsigned)(x >> 40) % 100);
    }
    if (gzclose(gz) != Z_OK) {
        return -1;
    }
    struct stat st;
    return stat(big_path, &st) == 0 && st.st_size > 512 * 1024 ? 0 : -2;
}

static int skipped(size_t k)
{
    return UNDER_TSAN && (test_analyses[k].flags & ANALYSIS_OPENMP);
}

/* Load the demo data and run every analysis. Returns 0 or the first error. */
static int run_all(results *res, char *why, size_t size)
{
    firmnet_network *net = NULL;
    firmnet_graph *view = NULL, *uview = NULL;
    int rc = firmnet_network_new(&net);
    memset(res, 0, sizeof *res);
    if (rc == 0) {
        rc = firmnet_network_read_actors(net, actors_path, NULL, NULL);
    }
    if (rc == 0) {
        rc = firmnet_network_read_ties(net, ties_path, NULL, NULL);
    }
    if (rc == 0) {
        rc = test_analysis_views(net, &view, &uview);
    }
    for (size_t k = 0; rc == 0 && k < TEST_NANALYSES; k++) {
        if (!skipped(k)) {
            rc = test_analyses[k].run(&res->t[k], net, view, uview);
            if (rc < 0) {
                snprintf(why, size, "%s: %s", test_analyses[k].name, firmnet_last_error());
            }
        }
    }
    if (rc < 0 && why[0] == '\0') {
        snprintf(why, size, "%s", firmnet_last_error());
    }
    firmnet_graph_free(uview);
    firmnet_graph_free(view);
    firmnet_network_free(net);
    net = NULL;
    if (rc == 0) {
        rc = firmnet_network_new(&net);
    }
    if (rc == 0) {
        rc = firmnet_network_read_ties(net, big_path, NULL, NULL);
    }
    if (rc == 0) {
        rc = firmnet_network_ties_table(&res->big, net);
    }
    if (rc < 0 && why[0] == '\0') {
        snprintf(why, size, "large gzip file: %s", firmnet_last_error());
    }
    firmnet_network_free(net);
    return rc;
}

static void free_results(results *res)
{
    for (size_t k = 0; k < TEST_NANALYSES; k++) {
        firmnet_table_free(res->t[k]);
        res->t[k] = NULL;
    }
    firmnet_table_free(res->big);
    res->big = NULL;
}

typedef struct worker {
    int id;
    int failures; /* counted here, reported by the main thread (test.h's counters are not
                     thread-safe) */
    char why[512];
} worker;

/* An error whose message names this thread; it must still be there after other threads ran. */
static int own_error(const worker *w)
{
    char path[64], want[128];
    snprintf(path, sizeof path, "/nonexistent/thread-%d.csv", w->id);
    snprintf(want, sizeof want, "%s: cannot open", path);
    firmnet_network *net = NULL;
    firmnet_network_new(&net);
    int rc = firmnet_network_read_ties(net, path, NULL, NULL);
    sched_yield();
    int ok = rc == FIRMNET_EIO && strstr(firmnet_last_error(), want) != NULL &&
             firmnet_last_error_code() == FIRMNET_EIO;
    firmnet_network_free(net);
    return ok;
}

static void *work(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        results res;
        char why[512] = "";
        if (!own_error(w)) {
            w->failures++;
            snprintf(w->why, sizeof w->why, "thread %d: error message not its own: %s", w->id,
                     firmnet_last_error());
        }
        if (run_all(&res, why, sizeof why) < 0) {
            w->failures++;
            snprintf(w->why, sizeof w->why, "thread %d: %s", w->id, why);
        }
        if (res.big != NULL && !test_tables_equal(res.big, reference.big, why, sizeof why)) {
            w->failures++;
            snprintf(w->why, sizeof w->why, "thread %d round %d, the large gzip file differs "
                     "from the serial read: %s", w->id, round, why);
        }
        for (size_t k = 0; k < TEST_NANALYSES; k++) {
            if (skipped(k) || res.t[k] == NULL) {
                continue;
            }
            if (!test_tables_equal(res.t[k], reference.t[k], why, sizeof why)) {
                w->failures++;
                snprintf(w->why, sizeof w->why, "thread %d round %d, %s differs from the serial "
                         "run: %s", w->id, round, test_analyses[k].name, why);
            }
        }
        free_results(&res);
    }
    return NULL;
}

static atomic_int host_stop;

/* A host thread using igraph itself, under firmnet's lock, while the workers run. */
static void *host(void *arg)
{
    long *calls = arg;
    while (!atomic_load(&host_stop)) {
        igraph_t g;
        igraph_integer_t n = 0;
        firmnet_igraph_lock();
        if (igraph_ring(&g, 50, IGRAPH_UNDIRECTED, 0, 1) == IGRAPH_SUCCESS) {
            igraph_connected_components(&g, NULL, NULL, &n, IGRAPH_WEAK);
            igraph_destroy(&g);
        }
        firmnet_igraph_unlock();
        if (n == 1) {
            ++*calls;
        }
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    char why[512] = "";
    pthread_t threads[NTHREADS], host_thread;
    worker workers[NTHREADS];
    long host_calls = 0;

    snprintf(actors_path, sizeof actors_path, "%s", test_path("examples/data/actors.csv"));
    snprintf(ties_path, sizeof ties_path, "%s", test_path("examples/data/ties.csv.gz"));
    CHECK_INT(make_big(), 0);
    CHECK_INT(run_all(&reference, why, sizeof why), 0);
    if (why[0]) {
        fprintf(stderr, "serial run: %s\n", why);
    }
    CHECK_INT(pthread_create(&host_thread, NULL, host, &host_calls), 0);
    for (int k = 0; k < NTHREADS; k++) {
        memset(&workers[k], 0, sizeof workers[k]);
        workers[k].id = k;
        CHECK_INT(pthread_create(&threads[k], NULL, work, &workers[k]), 0);
    }
    for (int k = 0; k < NTHREADS; k++) {
        pthread_join(threads[k], NULL);
        CHECK_INT(workers[k].failures, 0);
        if (workers[k].failures) {
            fprintf(stderr, "%s\n", workers[k].why);
        }
    }
    atomic_store(&host_stop, 1);
    pthread_join(host_thread, NULL);
    CHECK(host_calls > 0);
    for (size_t k = 0; k < TEST_NANALYSES; k++) {
        CHECK(skipped(k) || reference.t[k] != NULL);
    }
    CHECK(reference.big != NULL && firmnet_table_nrows(reference.big) > 100000);
    free_results(&reference);
    unlink(big_path);
    printf("%d threads x %d rounds x %zu analyses%s; host igraph calls meanwhile: %ld\n",
           NTHREADS, ROUNDS, TEST_NANALYSES, UNDER_TSAN ? " (ThreadSanitizer build)" : "",
           host_calls);
    return test_done();
}
