/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Progress callbacks: rate limiting of firmnet_i_progress() and cancelling a read. */
#include "test.h"

#include <time.h>

#include "internal.h"

typedef struct calls {
    int n;
    int cancel_at; /* return non-zero on this call (1-based); 0 = never */
    double last_done, last_total;
    int monotone;
    const char *what;
} calls;

static int count_calls(const char *what, double done, double total, void *payload)
{
    calls *c = payload;
    c->n++;
    if (c->n > 1 && done < c->last_done) {
        c->monotone = 0;
    }
    c->last_done = done;
    c->last_total = total;
    c->what = what;
    return c->cancel_at > 0 && c->n >= c->cancel_at;
}

static void test_rate_limit(void)
{
    calls c = {0, 0, 0, 0, 1, NULL};
    /* a million quick units: the start, the end and a few in between, not a million */
    int rc = 0;
    for (int k = 0; k <= 1000000 && rc == 0; k++) {
        rc = firmnet_i_progress(count_calls, &c, "work", k, 1000000);
    }
    CHECK_INT(rc, 0);
    CHECK(c.n >= 2 && c.n < 1000);
    CHECK(c.monotone);
    CHECK(c.last_done == 1000000 && c.last_total == 1000000);
    CHECK_STR(c.what, "work");
    /* a new phase goes through at once */
    int before = c.n;
    CHECK_INT(firmnet_i_progress(count_calls, &c, "other", 5, 10), 0);
    CHECK_INT(c.n, before + 1);
    /* unknown totals: only the time limit applies */
    CHECK_INT(firmnet_i_progress(count_calls, &c, "other", 6, 0), 0);
    CHECK_INT(c.n, before + 1);
    struct timespec pause = {0, 120 * 1000 * 1000};
    nanosleep(&pause, NULL);
    CHECK_INT(firmnet_i_progress(count_calls, &c, "other", 7, 0), 0);
    CHECK_INT(c.n, before + 2);
    /* no callback: nothing to do */
    CHECK_INT(firmnet_i_progress(NULL, NULL, "x", 1, 2), 0);
    /* cancelling */
    c.cancel_at = c.n + 1;
    CHECK_INT(firmnet_i_progress(count_calls, &c, "betweenness", 0, 10), FIRMNET_ECANCEL);
    CHECK_ERR("betweenness: cancelled by the progress callback");
}

static void test_read(void)
{
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_network *net = NULL;
    calls c = {0, 0, 0, 0, 1, NULL};
    firmnet_load_report rep;
    CHECK_INT(firmnet_network_new(&net), 0);
    ro.progress = count_calls;
    ro.progress_payload = &c;

    /* a whole read: the callback sees the file's bytes, ending at the total */
    CHECK_INT(firmnet_network_read_actors(net, test_path("examples/data/actors.csv"), &ro, &rep),
              0);
    CHECK(c.n >= 1);
    CHECK_STR(c.what, "read");
    CHECK(c.last_total > 0 && c.last_done == c.last_total);
    CHECK(c.monotone);

    /* cancelled on the first call: an error naming the file, and the network unchanged */
    c = (calls){0, 1, 0, 0, 1, NULL};
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), &ro, &rep),
              FIRMNET_ECANCEL);
    CHECK_ERR("ties.csv.gz: read: cancelled by the progress callback");
    CHECK_INT(c.n, 1);
    CHECK_INT(firmnet_network_tie_count(net), 0);
    CHECK_INT(firmnet_network_actor_count(net), 351);

    /* the same read runs through without cancelling */
    c = (calls){0, 0, 0, 0, 1, NULL};
    CHECK_INT(firmnet_network_read_ties(net, test_path("examples/data/ties.csv.gz"), &ro, &rep), 0);
    CHECK_INT(firmnet_network_tie_count(net), 6269);
    CHECK(c.n >= 1 && c.last_done == c.last_total);
    firmnet_network_free(net);
}

int main(void)
{
    test_rate_limit();
    test_read();
    return test_done();
}
