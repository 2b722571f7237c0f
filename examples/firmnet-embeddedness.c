/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-embeddedness: local, structural and relational embeddedness per actor or per group. */
#include <stdio.h>
#include <string.h>

#include <firmnet.h>

#include "cli.h"

typedef struct args {
    const char *groups;     /* --groups ATTR */
    const char *groups_out; /* --groups-out FILE */
    firmnet_embeddedness_options opts;
} args;

static const cli_option options[] = {
    {"groups", "ATTR", "group table by a categorical attribute (type, mc, mc?, cluster, ...)"},
    {"groups-out", "FILE", "write the group table here and the actor table to -o"},
    {"measures", "LIST", "comma list of local, structural, relational (default all)"},
    {"unweighted", NULL, "Burt's measures count ties instead of using weights"},
    {"exclude-blank", NULL, "leave actors with a blank ATTR value out of the group table"},
    {NULL, NULL, NULL},
};

static int parse_measures(unsigned int *out, const char *list)
{
    static const char *const names[] = {"local", "structural", "relational"};
    *out = 0;
    while (*list != '\0') {
        size_t len = strcspn(list, ",");
        int found = 0;
        for (unsigned int k = 0; k < 3; k++) {
            if (strlen(names[k]) == len && strncmp(names[k], list, len) == 0) {
                *out |= 1u << k;
                found = 1;
            }
        }
        if (!found) {
            return -1;
        }
        list += len + (list[len] == ',');
    }
    return *out ? 0 : -1;
}

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    if (strcmp(name, "groups") == 0) {
        a->groups = value;
    } else if (strcmp(name, "groups-out") == 0) {
        a->groups_out = value;
    } else if (strcmp(name, "unweighted") == 0) {
        a->opts.unweighted = 1;
    } else if (strcmp(name, "exclude-blank") == 0) {
        a->opts.blank = FIRMNET_BLANK_EXCLUDE;
    } else if (strcmp(name, "measures") == 0 && parse_measures(&a->opts.measures, value) < 0) {
        fprintf(stderr,
                "%s: --measures takes a comma list of local, structural, relational, "
                "not '%s'\nTry '%s --help'.\n",
                c->prog, value, c->prog);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {NULL, NULL, FIRMNET_EMBEDDEDNESS_OPTIONS_INIT};
    firmnet_graph *g = NULL;
    firmnet_table *actors = NULL, *groups = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Local, structural (Burt) and relational embeddedness of every actor;\n"
                       "with --groups ATTR the local shares per group instead (or as well, with\n"
                       "--groups-out FILE).",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (a.groups_out != NULL && a.groups == NULL) {
        fprintf(stderr, "%s: --groups-out needs --groups ATTR\nTry '%s --help'.\n", c.prog, c.prog);
        return 2;
    }
    rc = cli_load_view(&c, &g);
    if (rc == 0 && a.groups != NULL &&
        firmnet_embeddedness_groups(&groups, g, a.groups, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0 && (a.groups == NULL || a.groups_out != NULL) &&
        firmnet_embeddedness(&actors, g, &a.opts) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0 && actors != NULL) {
        rc = cli_write(&c, actors, NULL);
    }
    if (rc == 0 && groups != NULL) {
        rc = cli_write(&c, groups, a.groups_out);
    }
    firmnet_table_free(actors);
    firmnet_table_free(groups);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
