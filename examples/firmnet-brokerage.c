/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-brokerage: Gould-Fernandez brokerage roles of every actor. */
#include <stdio.h>
#include <string.h>

#include <firmnet.h>

#include "cli.h"

typedef struct args {
    const char *by;
    const char *global;
    firmnet_brokerage_options opts;
} args;

static const cli_option options[] = {
    {"by", "ATTR", "grouping attribute (type, size, mc, mc?, cluster, ...); required"},
    {"global", "FILE", "also write the network-level counts, expectations and z-scores"},
    {"exclude-blank", NULL, "leave out actors with a blank ATTR value (default: a group \"\")"},
    {NULL, NULL, NULL},
};

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    (void)c;
    if (strcmp(name, "by") == 0) {
        a->by = value;
    } else if (strcmp(name, "global") == 0) {
        a->global = value;
    } else if (strcmp(name, "exclude-blank") == 0) {
        a->opts.blank = FIRMNET_BLANK_EXCLUDE;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {NULL, NULL, FIRMNET_BROKERAGE_OPTIONS_INIT};
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL, *global = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Gould-Fernandez brokerage roles (coordinator, itinerant, gatekeeper,\n"
                       "representative, liaison) of every actor by the groups of ATTR, with\n"
                       "expected counts and z-scores as R's sna::brokerage().",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (a.by == NULL) {
        fprintf(stderr, "%s: no attribute given (--by ATTR)\nTry '%s --help'.\n", c.prog, c.prog);
        return 2;
    }
    rc = cli_load_view(&c, &g);
    if (rc == 0 && firmnet_brokerage(&t, g, a.by, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0 && a.global != NULL && firmnet_brokerage_global(&global, g, a.by, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0) {
        rc = cli_write(&c, t, NULL);
    }
    if (rc == 0 && global != NULL) {
        rc = cli_write(&c, global, a.global);
    }
    firmnet_table_free(t);
    firmnet_table_free(global);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
