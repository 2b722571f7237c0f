/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-ei: the E-I index of Krackhardt and Stern per group and for the whole network. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <firmnet.h>

#include "cli.h"

typedef struct args {
    const char *by;
    const char *per_actor;
    firmnet_ei_options opts;
} args;

static const cli_option options[] = {
    {"by", "ATTR", "grouping attribute (type, size, mc, mc?, cluster, ...); required"},
    {"permutations", "N", "random relabellings for the p-values (default 5000; 0: none)"},
    {"seed", "S", "seed of the random number generator (default 1)"},
    {"per-actor", "FILE", "also write the E-I index of every actor to FILE"},
    {"exclude-blank", NULL, "leave out actors with a blank ATTR value (default: a group \"\")"},
    {NULL, NULL, NULL},
};

static int parse_ulong(unsigned long *out, const char *s)
{
    char *end;
    errno = 0;
    *out = strtoul(s, &end, 10);
    return s[0] >= '0' && s[0] <= '9' && *end == '\0' && errno == 0 ? 0 : -1;
}

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    unsigned long v;
    if (strcmp(name, "by") == 0) {
        a->by = value;
    } else if (strcmp(name, "per-actor") == 0) {
        a->per_actor = value;
    } else if (strcmp(name, "exclude-blank") == 0) {
        a->opts.blank = FIRMNET_BLANK_EXCLUDE;
    } else if (parse_ulong(&v, value) < 0) {
        fprintf(stderr, "%s: --%s takes a whole number >= 0, not '%s'\nTry '%s --help'.\n", c->prog,
                name, value, c->prog);
        return 1;
    } else if (strcmp(name, "permutations") == 0) {
        a->opts.permutations = (size_t)v;
    } else {
        a->opts.seed = v;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {NULL, NULL, FIRMNET_EI_OPTIONS_INIT};
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL, *actors = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "E-I index (E - I) / (E + I) of every group of ATTR and of the whole\n"
                       "network (group '*'), with its expected value and permutation p-values.",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (a.by == NULL) {
        fprintf(stderr, "%s: no attribute given (--by ATTR)\nTry '%s --help'.\n", c.prog, c.prog);
        return 2;
    }
    rc = cli_load_view(&c, &g);
    if (rc == 0 && firmnet_ei(&t, g, a.by, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0 && a.per_actor != NULL && firmnet_ei_actors(&actors, g, a.by, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0) {
        rc = cli_write(&c, t, NULL);
    }
    if (rc == 0 && actors != NULL) {
        rc = cli_write(&c, actors, a.per_actor);
    }
    firmnet_table_free(t);
    firmnet_table_free(actors);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
