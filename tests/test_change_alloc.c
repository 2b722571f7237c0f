/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * firmnet_change() under allocation failure: make every allocation fail in turn; each run must
 * fail cleanly with FIRMNET_ENOMEM (no result, no leak under ASan) until one succeeds, and the
 * successful run must equal a run without injection.
 */
#include <unistd.h>

#include "internal.h"
#include "test.h"

int main(void)
{
    static const char *const names[] = {"type", "size", "mc", "cluster"};
    static const char *const actors[][5] = {
        {"A", "firm", "large", "M1", "X"}, {"B", "firm", "sme", "M1", "X"},
        {"C", "firm", "sme", "", "X"},     {"D", "firm", "large", "", "Y"},
        {"U", "university", "", "M1", "X"},
    };
    static const char *const ties[][4] = {
        {"2005", "trade", "A", "B"}, {"2005", "trade", "C", "A"}, {"2005", "rnd", "D", "U"},
        {"2005", "trade", "B", "D"}, {"2005", "rnd", "U", "C"},   {"2007", "trade", "A", "D"},
        {"2007", "trade", "B", "C"}, {"2007", "rnd", "C", "U"},   {"2007", "trade", "D", "A"},
        {"2007", "rnd", "U", "B"},
    };
    char path[512];
    firmnet_network *net = NULL;
    firmnet_change_result *ref = NULL;
    firmnet_change_options o = FIRMNET_CHANGE_OPTIONS_INIT;
    long n;
    FILE *f;

    snprintf(path, sizeof path, "%s/firmnet_test_change_alloc_%ld.csv",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    f = fopen(path, "w");
    fputs("wave,id,sales\n2005,A,1\n2007,A,3\n2005,C,2\n2007,C,2\n", f);
    fclose(f);
    CHECK_INT(firmnet_network_new(&net), 0);
    for (size_t k = 0; k < sizeof actors / sizeof *actors; k++) {
        CHECK_INT(firmnet_network_add_actor(net, actors[k][0], 4, names, actors[k] + 1), 0);
    }
    for (size_t k = 0; k < sizeof ties / sizeof *ties; k++) {
        CHECK_INT(firmnet_network_add_tie(net, ties[k][0], ties[k][1], ties[k][2], ties[k][3], 1,
                                          NULL, NULL),
                  0);
    }
    o.permutations = 99;
    o.bootstrap = 50;
    o.attributes = path;
    CHECK_INT(firmnet_change(&ref, net, &o), 0);
    for (n = 1; n < 100000; n++) {
        firmnet_change_result *res = NULL;
        firmnet_i_fail_alloc_at(n);
        int rc = firmnet_change(&res, net, &o);
        firmnet_i_fail_alloc_at(0);
        if (rc == 0) {
            CHECK_STR(firmnet_change_summary_text(res), firmnet_change_summary_text(ref));
            firmnet_change_result_free(res);
            break;
        }
        if (rc != FIRMNET_ENOMEM || res != NULL) {
            CHECK_INT(rc, FIRMNET_ENOMEM);
            CHECK(res == NULL);
            break;
        }
    }
    CHECK(n > 50 && n < 100000);
    printf("%ld allocation points\n", n - 1);
    firmnet_change_result_free(ref);
    firmnet_network_free(net);
    unlink(path);
    return test_done();
}
