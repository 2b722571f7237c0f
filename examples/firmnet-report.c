/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-report: one self-contained HTML page with the overview, top actors, embeddedness by
 * cluster, the MC vs non-MC comparison and network drawings. */
#include <firmnet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_option options[] = {
    {"title", "TEXT", "page title (default: Network report)"},
    {"wave", "LIST",
     "waves to report, comma list (default: all); the comparison takes the "
     "first and the last"},
    {"layer", "LIST",
     "layer groups, comma list; '+' joins layers into one group (default: "
     "every top-level layer, then all)"},
    {"top", "N", "actors per ranking (default 10)"},
    {"permutations", "N", "MC comparison: relabellings for p-values (default 999)"},
    {"bootstrap", "N", "MC comparison: bootstrap replicates (default 1000)"},
    {"seed", "N", "seed of the comparison and the drawing layouts (default 1)"},
    {"measure", "M", "change measure charted and tabled (default partners)"},
    {"output", "FILE", "the HTML file (-o; required; '-' for standard output)"},
    {"undirected", NULL, "not used: each section sets its own view"},
    {"merge", "RULE", "not used: each section sets its own view"},
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

typedef struct args {
    firmnet_report_options o;
    int have_output;
} args;

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    firmnet_report_options *o = &a->o;
    unsigned long long v;
    if (strcmp(name, "title") == 0) {
        o->title = value;
    } else if (strcmp(name, "wave") == 0) {
        o->waves = value;
    } else if (strcmp(name, "layer") == 0) {
        o->layers = value;
    } else if (strcmp(name, "measure") == 0) {
        o->measure = value;
    } else if (strcmp(name, "output") == 0) {
        c->output = value;
        a->have_output = 1;
    } else if (strcmp(name, "top") == 0) {
        if (parse_count(value, 1000, &v) < 0 || v == 0) {
            fprintf(stderr, "%s: --top takes a count from 1 to 1000, not '%s'\n", c->prog, value);
            return 1;
        }
        o->top = (unsigned int)v;
    } else if (strcmp(name, "permutations") == 0 || strcmp(name, "bootstrap") == 0) {
        if (parse_count(value, 100000000, &v) < 0) {
            fprintf(stderr, "%s: --%s takes a count up to 100000000, not '%s'\n", c->prog, name,
                    value);
            return 1;
        }
        *(name[0] == 'p' ? &o->permutations : &o->bootstrap) = (unsigned int)v;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_count(value, UINT64_MAX, &v) < 0) {
            fprintf(stderr, "%s: --seed takes a non-negative integer, not '%s'\n", c->prog, value);
            return 1;
        }
        o->seed = v;
    } else {
        fprintf(stderr, "%s: --%s does not apply here: each section chooses its view\n", c->prog,
                name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {FIRMNET_REPORT_OPTIONS_INIT, 0};
    int rc =
        cli_parse(&c, argc, argv,
                  "Write one self-contained HTML report: overview, top actors by PageRank and\n"
                  "betweenness, embeddedness by cluster, MC participants vs non-participants\n"
                  "between two waves, and network drawings.",
                  options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (!a.have_output) {
        fprintf(stderr, "%s: give -o FILE.html\n", c.prog);
        return 2;
    }
    rc = cli_load(&c);
    if (rc == 0) {
        a.o.progress = cli_progress(&c, "report");
        a.o.progress_payload = &c;
        rc = firmnet_report_write(c.net, c.output, &a.o) < 0 ? cli_fail(&c) : 0;
        cli_progress_end(&c);
    }
    if (rc == 0 && !c.quiet && strcmp(c.output, "-") != 0) {
        fprintf(stderr, "%s: wrote %s\n", c.prog, c.output);
    }
    cli_done(&c);
    return rc;
}
