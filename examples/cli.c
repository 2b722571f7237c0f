/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_option common[] = {
    {"actors", "FILE", "actor table (CSV/TSV, may be gzipped; '-' = stdin)"},
    {"ties", "FILE", "tie list (CSV/TSV, may be gzipped); repeatable"},
    {"layer", "SEL", "layer selector: comma list, 'service' selects service.*; default all"},
    {"wave", "W", "one wave (default: all waves)"},
    {"undirected", NULL, "ignore tie direction"},
    {"merge", "RULE", "parallel ties in a view: sum (default), max, mean, count"},
    {"duplicates", "RULE", "duplicate tie rows: sum (default), max, mean, count, first, error"},
    {"strict", NULL, "a tie naming an actor missing from --actors is an error"},
    {"output", "FILE", "output file (-o); .csv .tsv .json, optional .gz; default stdout"},
    {"quiet", NULL, "no progress or notes on stderr"},
    {"help", NULL, "show this help"},
    {"version", NULL, "show the version"},
    {NULL, NULL, NULL},
};

static const cli_option *find(const cli_option *list, const char *name, size_t len)
{
    for (; list != NULL && list->name != NULL; list++) {
        if (strlen(list->name) == len && strncmp(list->name, name, len) == 0) {
            return list;
        }
    }
    return NULL;
}

static void usage(const cli *c, FILE *to, const char *summary, const cli_option *extra)
{
    fprintf(to, "usage: %s --actors FILE --ties FILE [options]\n%s\n\noptions:\n", c->prog,
            summary);
    for (int pass = 0; pass < 2; pass++) {
        const cli_option *o = pass == 0 ? extra : common;
        for (; o != NULL && o->name != NULL; o++) {
            if (pass == 1 && find(extra, o->name, strlen(o->name)) != NULL) {
                continue; /* the program gives this option its own meaning */
            }
            char left[64];
            snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
            fprintf(to, "  %-24s %s\n", left, o->help);
        }
    }
    fprintf(to, "\nexit status: 0 success, 1 data error, 2 usage error\n");
}

static int usage_error(const cli *c, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", c->prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry '%s --help'.\n", c->prog);
    return 2;
}

static int set_common(cli *c, const char *name, const char *value)
{
    if (strcmp(name, "actors") == 0) {
        c->actors = value;
    } else if (strcmp(name, "ties") == 0) {
        if (c->nties == CLI_MAX_TIES) {
            return usage_error(c, "too many --ties files (at most %s)", "64");
        }
        c->ties[c->nties++] = value;
    } else if (strcmp(name, "layer") == 0) {
        c->layer = value;
    } else if (strcmp(name, "wave") == 0) {
        c->wave = value;
    } else if (strcmp(name, "undirected") == 0) {
        c->undirected = 1;
    } else if (strcmp(name, "strict") == 0) {
        c->strict = 1;
    } else if (strcmp(name, "quiet") == 0) {
        c->quiet = 1;
    } else if (strcmp(name, "output") == 0) {
        c->output = value;
    } else if (strcmp(name, "merge") == 0 || strcmp(name, "duplicates") == 0) {
        firmnet_merge rule;
        if (firmnet_merge_parse(&rule, value) < 0) {
            return usage_error(c, "%s", firmnet_last_error());
        }
        if (name[0] == 'm') {
            if (rule > FIRMNET_MERGE_COUNT) {
                return usage_error(c, "--merge takes sum, max, mean or count, not '%s'", value);
            }
            c->merge = rule;
        } else {
            c->duplicates = rule;
        }
    }
    return 0;
}

int cli_parse(cli *c, int argc, char **argv, const char *summary, const cli_option *extra,
              cli_handler handler, void *payload)
{
    const char *slash = strrchr(argv[0], '/');
    c->prog = slash ? slash + 1 : argv[0];
    c->output = "-";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL, *eq;
        const cli_option *o;
        bool is_common;
        size_t len;
        if (strcmp(a, "-o") == 0) {
            a = "--output";
        } else if (strcmp(a, "-h") == 0) {
            a = "--help";
        }
        if (strncmp(a, "--", 2) != 0) {
            return usage_error(c, "unexpected argument '%s'", a);
        }
        a += 2;
        eq = strchr(a, '=');
        len = eq ? (size_t)(eq - a) : strlen(a);
        o = find(extra, a, len);
        is_common = o == NULL;
        if (o == NULL) {
            o = find(common, a, len);
        }
        if (o == NULL) {
            return usage_error(c, "unknown option '%s'", argv[i]);
        }
        if (o->arg != NULL) {
            if (eq != NULL) {
                value = eq + 1;
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                return usage_error(c, "option '--%s' needs a value", o->name);
            }
        } else if (eq != NULL) {
            return usage_error(c, "option '--%s' takes no value", o->name);
        }
        if (strcmp(o->name, "help") == 0) {
            usage(c, stdout, summary, extra);
            return 0;
        }
        if (strcmp(o->name, "version") == 0) {
            printf("%s (firmnet) %s\n", c->prog, firmnet_version());
            return 0;
        }
        int rc = is_common ? set_common(c, o->name, value) : handler(c, o->name, value, payload);
        if (rc != 0) {
            return 2;
        }
    }
    if (c->nties == 0) {
        return usage_error(c, "%s", "no tie file given (--ties FILE)");
    }
    return -1;
}

int cli_fail(const cli *c)
{
    fprintf(stderr, "%s: %s\n", c->prog, firmnet_last_error());
    return 1;
}

/* A file that has a header and no data rows is accepted by the library (rows = 0), but in a
 * program it is almost always a failed export: stop rather than analyse an empty network. */
static int check_loaded(const cli *c, const char *path, const firmnet_load_report *rep)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    if (rep->rows == 0) {
        fprintf(stderr, "%s: %s:1: no data rows (the file has only a header)\n", c->prog, name);
        return 1;
    }
    if (!c->quiet && rep->near_duplicate_ids > 0) {
        fprintf(stderr,
                "%s: warning: %s: %zu actor ids differ from an earlier id only in letter case or "
                "spacing (kept as distinct actors)\n",
                c->prog, name, rep->near_duplicate_ids);
    }
    return 0;
}

/* Draws "label [#########           ]  45%" on stderr; the library limits the call rate. */
static int draw_progress(const char *what, double done, double total, void *payload)
{
    cli *c = payload;
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    const char *label = c->progress_label ? c->progress_label : what;
    if (total > 0) {
        double f = done >= total ? 1 : done / total;
        int fill = (int)(f * WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            bar[i] = i < fill ? '#' : ' ';
        }
        bar[WIDTH] = '\0';
        fprintf(stderr, "\r%s: %.40s [%s] %3d%%", c->prog, label, bar, (int)(f * 100));
    } else {
        fprintf(stderr, "\r%s: %.40s %.0f", c->prog, label, done);
    }
    fflush(stderr);
    c->progress_shown = 1;
    return 0;
}

firmnet_progress_fn cli_progress(cli *c, const char *label)
{
    const char *slash = label ? strrchr(label, '/') : NULL;
    c->progress_label = slash ? slash + 1 : label;
    return c->quiet || !isatty(STDERR_FILENO) ? NULL : draw_progress;
}

void cli_progress_end(cli *c)
{
    if (c->progress_shown) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
        c->progress_shown = 0;
    }
}

int cli_load(cli *c)
{
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_load_report rep;
    ro.strict = c->strict;
    ro.duplicates = c->duplicates;
    ro.progress_payload = c;
    if (firmnet_network_new(&c->net) < 0) {
        return cli_fail(c);
    }
    if (c->actors != NULL) {
        ro.progress = cli_progress(c, c->actors);
        int rc = firmnet_network_read_actors(c->net, c->actors, &ro, &rep);
        cli_progress_end(c);
        if (rc < 0) {
            return cli_fail(c);
        }
        if (check_loaded(c, c->actors, &rep) != 0) {
            return 1;
        }
    }
    for (size_t k = 0; k < c->nties; k++) {
        ro.progress = cli_progress(c, c->ties[k]);
        int rc = firmnet_network_read_ties(c->net, c->ties[k], &ro, &rep);
        cli_progress_end(c);
        if (rc < 0) {
            return cli_fail(c);
        }
        if (check_loaded(c, c->ties[k], &rep) != 0) {
            return 1;
        }
        if (!c->quiet && (rep.actors_implicit || rep.self_ties_dropped || rep.duplicates_merged)) {
            fprintf(stderr,
                    "%s: note: %s: %zu rows; %zu actors added from ties, %zu duplicate rows "
                    "merged (%s), %zu self-ties dropped\n",
                    c->prog, c->ties[k], rep.rows, rep.actors_implicit, rep.duplicates_merged,
                    firmnet_merge_name(c->duplicates), rep.self_ties_dropped);
        }
    }
    if (firmnet_network_check_selector(c->net, c->layer) < 0) {
        return cli_fail(c);
    }
    return 0;
}

int cli_load_view(cli *c, firmnet_graph **out)
{
    firmnet_graph_options go;
    int rc = cli_load(c);
    if (rc != 0) {
        return rc;
    }
    go = cli_graph_options(c);
    return firmnet_graph_new(out, c->net, &go) < 0 ? cli_fail(c) : 0;
}

firmnet_graph_options cli_graph_options(const cli *c)
{
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    o.layers = c->layer;
    o.wave = c->wave;
    o.undirected = c->undirected;
    o.merge = c->merge;
    return o;
}

int cli_write(cli *c, const firmnet_table *t, const char *path)
{
    if (firmnet_table_write(t, path ? path : c->output, FIRMNET_FORMAT_AUTO) < 0) {
        return cli_fail(c);
    }
    return 0;
}

void cli_done(cli *c)
{
    firmnet_network_free(c->net);
    c->net = NULL;
}
