/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-change: did the networks of MC participants change more than the others'? */
#include <firmnet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
    firmnet_change_options o;
    const char *groups_out, *ties_out;
} args;

static const cli_option options[] = {
    {"from", "W", "earlier wave (default: the first)"},
    {"to", "W", "later wave (default: the last)"},
    {"layer", "LIST", "layer groups, each reported on its own; '+' joins layers into one group "
                      "(default: every top-level layer, then all)"},
    {"group", "ATTR", "group attribute: blank/0/no = non-participant (default mc)"},
    {"strata", "ATTR", "compare within the strata of ATTR; 'none' for no strata (default size)"},
    {"panel", "P", "respondents (source of a tie in both waves; default) or all"},
    {"attributes", "FILE", "numeric attributes per wave: columns wave,id,<numbers>"},
    {"permutations", "N", "relabellings for the permutation p-value (default 9999; 0 = none)"},
    {"bootstrap", "N", "bootstrap replicates for the 95% interval (default 2000; 0 = none)"},
    {"seed", "N", "random seed (default 1)"},
    {"groups", "FILE", "write the group comparison table to FILE (default: stdout)"},
    {"ties-table", "FILE", "write the tie change table to FILE (default: stdout)"},
    {"wave", "W", "not used: see --from and --to"},
    {"undirected", NULL, "not used: change is measured on directed ties"},
    {NULL, NULL, NULL},
};

static int parse_count(const char *value, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(value, &end, 10);
    if (value[0] == '-' || value[0] == '\0' || *end != '\0' || errno != 0 || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    unsigned long long v;
    if (strcmp(name, "from") == 0) {
        a->o.from = value;
    } else if (strcmp(name, "to") == 0) {
        a->o.to = value;
    } else if (strcmp(name, "layer") == 0) {
        a->o.layers = value;
    } else if (strcmp(name, "group") == 0) {
        a->o.group = value;
    } else if (strcmp(name, "strata") == 0) {
        a->o.strata = strcmp(value, "none") == 0 ? "" : value;
    } else if (strcmp(name, "panel") == 0) {
        if (strcmp(value, "respondents") == 0) {
            a->o.panel = FIRMNET_CHANGE_PANEL_RESPONDENTS;
        } else if (strcmp(value, "all") == 0) {
            a->o.panel = FIRMNET_CHANGE_PANEL_ALL;
        } else {
            fprintf(stderr, "%s: --panel takes respondents or all, not '%s'\n", c->prog, value);
            return 1;
        }
    } else if (strcmp(name, "attributes") == 0) {
        a->o.attributes = value;
    } else if (strcmp(name, "permutations") == 0 || strcmp(name, "bootstrap") == 0) {
        if (parse_count(value, 100000000, &v) < 0) {
            fprintf(stderr, "%s: --%s takes a count up to 100000000, not '%s'\n", c->prog, name,
                    value);
            return 1;
        }
        *(name[0] == 'p' ? &a->o.permutations : &a->o.bootstrap) = (unsigned int)v;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_count(value, UINT64_MAX, &v) < 0) {
            fprintf(stderr, "%s: --seed takes a non-negative integer, not '%s'\n", c->prog, value);
            return 1;
        }
        a->o.seed = v;
    } else if (strcmp(name, "groups") == 0) {
        a->groups_out = value;
    } else if (strcmp(name, "ties-table") == 0) {
        a->ties_out = value;
    } else if (strcmp(name, "wave") == 0) {
        fprintf(stderr, "%s: --wave does not apply here; use --from and --to\n", c->prog);
        return 1;
    } else {
        fprintf(stderr, "%s: --%s does not apply here: change is measured on directed ties\n",
                c->prog, name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {FIRMNET_CHANGE_OPTIONS_INIT, NULL, NULL};
    firmnet_change_result *res = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Compare the network change between two waves of MC participants and "
                       "non-participants,\nper layer group and stratum, with Welch, permutation "
                       "and bootstrap statistics.",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    a.o.merge = c.merge;
    rc = cli_load(&c);
    if (rc == 0 && firmnet_change(&res, c.net, &a.o) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0) {
        /* the sentences first, then the tables that do not go to a file */
        fputs(firmnet_change_summary_text(res), stdout);
        if (a.ties_out == NULL) {
            printf("\n");
            fflush(stdout);
        }
        rc = cli_write(&c, firmnet_change_ties(res), a.ties_out ? a.ties_out : "-");
    }
    if (rc == 0) {
        if (a.groups_out == NULL) {
            printf("\n");
            fflush(stdout);
        }
        rc = cli_write(&c, firmnet_change_groups(res), a.groups_out ? a.groups_out : "-");
    }
    if (rc == 0 && strcmp(c.output, "-") != 0) {
        rc = cli_write(&c, firmnet_change_actors(res), NULL);
    }
    firmnet_change_result_free(res);
    cli_done(&c);
    return rc;
}
