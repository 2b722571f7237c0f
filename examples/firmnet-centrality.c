/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-centrality: centrality of every actor in one view, or the view's centralization. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <firmnet.h>

#include "cli.h"

typedef struct args {
    firmnet_centrality_options o;
    int network;
} args;

static const cli_option options[] = {
    {"measures", "LIST",
     "comma list of columns (degree_in, ..., clustering_weighted); default all"},
    {"weights", "W", "inverse (default: distance = 1/weight), distance, unweighted"},
    {"normalized", NULL, "normalize degree, betweenness, closeness and harmonic"},
    {"damping", "D", "PageRank damping factor (default 0.85)"},
    {"closeness-mode", "M", "closeness and harmonic in directed views: out (default), in, all"},
    {"coreness-mode", "M", "coreness in directed views: all (default), out, in"},
    {"betweenness", "HOW", "auto (default), exact or sampled"},
    {"samples", "K", "sampled betweenness: number of source actors"},
    {"epsilon", "E", "sampled betweenness: target error bound when --samples is not given (0.05)"},
    {"delta", "P", "sampled betweenness: the bound holds with probability 1 - P (0.1)"},
    {"seed", "S", "seed of the betweenness sampler (default 1)"},
    {"sample-above", "N", "auto samples betweenness in views of more than N actors (10000)"},
    {"threads", "N", "threads for PageRank and betweenness; 0 (default): by the view's size"},
    {"network", NULL, "write the network-level table (density, centralization) instead"},
    {NULL, NULL, NULL},
};

static int bad_value(const cli *c, const char *name, const char *value, const char *why)
{
    fprintf(stderr, "%s: --%s '%s': %s\nTry '%s --help'.\n", c->prog, name, value, why, c->prog);
    return 2;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

static int parse_size(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (s[0] == '-') {
        return -1;
    }
    *out = strtoull(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' ? 0 : -1;
}

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    firmnet_centrality_options *o = &a->o;
    unsigned long long u;
    double d;

    if (strcmp(name, "measures") == 0) {
        if (firmnet_centrality_measures_check(value) < 0) {
            return bad_value(c, name, value, firmnet_last_error());
        }
        o->measures = value;
    } else if (strcmp(name, "weights") == 0) {
        if (firmnet_weights_parse(&o->weights, value) < 0) {
            return bad_value(c, name, value, firmnet_last_error());
        }
    } else if (strcmp(name, "normalized") == 0) {
        o->normalized = 1;
    } else if (strcmp(name, "network") == 0) {
        a->network = 1;
    } else if (strcmp(name, "damping") == 0) {
        if (parse_double(value, &d) < 0 || !(d >= 0 && d <= 1)) {
            return bad_value(c, name, value, "expected a number in [0, 1]");
        }
        o->damping = d;
    } else if (strcmp(name, "closeness-mode") == 0 || strcmp(name, "coreness-mode") == 0) {
        if (firmnet_mode_parse(name[1] == 'l' ? &o->closeness_mode : &o->coreness_mode, value) <
            0) {
            return bad_value(c, name, value, firmnet_last_error());
        }
    } else if (strcmp(name, "betweenness") == 0) {
        if (firmnet_betweenness_method_parse(&o->betweenness, value) < 0) {
            return bad_value(c, name, value, firmnet_last_error());
        }
    } else if (strcmp(name, "epsilon") == 0 || strcmp(name, "delta") == 0) {
        if (parse_double(value, &d) < 0 || !(d > 0 && d < 1)) {
            return bad_value(c, name, value, "expected a number in (0, 1)");
        }
        *(name[0] == 'e' ? &o->epsilon : &o->delta) = d;
    } else if (strcmp(name, "samples") == 0 || strcmp(name, "sample-above") == 0) {
        bool samples = strcmp(name, "samples") == 0;
        if (parse_size(value, &u) < 0 || (samples && u == 0)) {
            return bad_value(c, name, value, "expected a positive whole number");
        }
        *(samples ? &o->samples : &o->sample_above) = (size_t)u;
    } else if (strcmp(name, "threads") == 0) {
        if (parse_size(value, &u) < 0 || u > FIRMNET_CENTRALITY_THREADS_MAX) {
            return bad_value(c, name, value, "expected a whole number from 0 to 256");
        }
        o->threads = (unsigned int)u;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_size(value, &u) < 0) {
            return bad_value(c, name, value, "expected a whole number >= 0");
        }
        o->seed = u;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {FIRMNET_CENTRALITY_OPTIONS_INIT, 0};
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Centrality of every actor in one view (layers, wave, direction), or with "
                       "--network its density and Freeman centralization.",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    rc = cli_load(&c);
    if (rc == 0) {
        firmnet_graph_options go = cli_graph_options(&c);
        if (firmnet_graph_new(&g, c.net, &go) < 0) {
            rc = cli_fail(&c);
        }
    }
    if (rc == 0) {
        int r = a.network ? firmnet_centralization(&t, g, &a.o) : firmnet_centrality(&t, g, &a.o);
        rc = r < 0 ? cli_fail(&c) : 0;
    }
    if (rc == 0 && !c.quiet) {
        /* The table says how betweenness was computed; say it on stderr too when sampled. */
        size_t col;
        if (firmnet_table_column_index(&col, t, a.network ? "method" : "betweenness_method") == 0) {
            for (size_t row = 0; row < firmnet_table_nrows(t); row++) {
                const char *m = firmnet_table_get_string(t, col, row);
                if (strncmp(m, "sampled", 7) == 0) {
                    fprintf(stderr, "%s: note: betweenness %s\n", c.prog, m);
                    break;
                }
            }
        }
    }
    if (rc == 0) {
        rc = cli_write(&c, t, NULL);
    }
    firmnet_table_free(t);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
