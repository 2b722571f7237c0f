/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-chart: SVG charts of analysis results (MC vs non-MC change, a centrality
 * distribution, local embeddedness per cluster). */
#include <firmnet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef enum kind { KIND_NONE, KIND_CHANGE, KIND_CENTRALITY, KIND_EMBEDDEDNESS } kind;

typedef struct args {
    kind kind;
    firmnet_chart_options chart;
    firmnet_change_options change;
    firmnet_change_chart change_kind;
    firmnet_centrality_options centrality;
    firmnet_embeddedness_options embeddedness;
    const char *layer, *measure, *by, *scope;
    int style_given;
} args;

static const cli_option options[] = {
    {"kind", "K", "change, centrality or embeddedness (required)"},
    {"measure", "M",
     "change: the measure compared (default partners); centrality: the "
     "measure whose distribution is drawn (default pagerank)"},
    {"difference", NULL,
     "change: draw MC minus non-MC with its bootstrap 95% interval "
     "(default: both means, each +- 1.96 SE)"},
    {"from", "W", "change: earlier wave (default: the first)"},
    {"to", "W", "change: later wave (default: the last)"},
    {"layer", "SEL", "layer selector; change: layer groups, each on its own ('+' joins)"},
    {"group", "ATTR", "change: group attribute (default mc)"},
    {"strata", "ATTR", "change: strata attribute, 'none' for none (default size)"},
    {"panel", "P", "change: respondents (default) or all"},
    {"bootstrap", "N", "change: bootstrap replicates for --difference (default 2000)"},
    {"seed", "N", "change: random seed (default 1)"},
    {"weights", "W", "centrality: inverse (default), unweighted or distance"},
    {"normalized", NULL, "centrality: normalized degree, betweenness, closeness, harmonic"},
    {"by", "ATTR", "embeddedness: group attribute (default cluster)"},
    {"scope", "S", "embeddedness: cluster (default), region or mc"},
    {"exclude-blank", NULL, "embeddedness: leave out actors with a blank --by value"},
    {"title", "TEXT", "chart title (default: one naming what is drawn; histograms: none)"},
    {"xlabel", "TEXT", "x axis title"},
    {"ylabel", "TEXT", "y axis title"},
    {"style", "S", "dots or bars (default: dots for change, bars for embeddedness)"},
    {"bins", "N", "centrality: histogram bins (default: Sturges' rule)"},
    {"size", "WxH", "chart size in pixels (default 760x480)"},
    {NULL, NULL, NULL},
};

static int bad(const cli *c, const char *name, const char *value)
{
    fprintf(stderr, "%s: invalid --%s '%s'\n", c->prog, name, value);
    return 1;
}

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
    if (strcmp(name, "kind") == 0) {
        a->kind = strcmp(value, "change") == 0         ? KIND_CHANGE
                  : strcmp(value, "centrality") == 0   ? KIND_CENTRALITY
                  : strcmp(value, "embeddedness") == 0 ? KIND_EMBEDDEDNESS
                                                       : KIND_NONE;
        if (a->kind == KIND_NONE) {
            return bad(c, name, value);
        }
    } else if (strcmp(name, "measure") == 0) {
        a->measure = value;
    } else if (strcmp(name, "difference") == 0) {
        a->change_kind = FIRMNET_CHANGE_CHART_DIFF;
    } else if (strcmp(name, "from") == 0) {
        a->change.from = value;
    } else if (strcmp(name, "to") == 0) {
        a->change.to = value;
    } else if (strcmp(name, "layer") == 0) {
        a->layer = value;
    } else if (strcmp(name, "group") == 0) {
        a->change.group = value;
    } else if (strcmp(name, "strata") == 0) {
        a->change.strata = strcmp(value, "none") == 0 ? "" : value;
    } else if (strcmp(name, "panel") == 0) {
        if (strcmp(value, "respondents") != 0 && strcmp(value, "all") != 0) {
            return bad(c, name, value);
        }
        a->change.panel =
            value[0] == 'a' ? FIRMNET_CHANGE_PANEL_ALL : FIRMNET_CHANGE_PANEL_RESPONDENTS;
    } else if (strcmp(name, "bootstrap") == 0) {
        if (parse_count(value, 100000000, &v) < 0) {
            return bad(c, name, value);
        }
        a->change.bootstrap = (unsigned int)v;
    } else if (strcmp(name, "seed") == 0) {
        if (parse_count(value, UINT64_MAX, &v) < 0) {
            return bad(c, name, value);
        }
        a->change.seed = v;
    } else if (strcmp(name, "weights") == 0) {
        if (firmnet_weights_parse(&a->centrality.weights, value) < 0) {
            fprintf(stderr, "%s: %s\n", c->prog, firmnet_last_error());
            return 1;
        }
    } else if (strcmp(name, "normalized") == 0) {
        a->centrality.normalized = 1;
    } else if (strcmp(name, "by") == 0) {
        a->by = value;
    } else if (strcmp(name, "scope") == 0) {
        a->scope = value;
    } else if (strcmp(name, "exclude-blank") == 0) {
        a->embeddedness.blank = FIRMNET_BLANK_EXCLUDE;
    } else if (strcmp(name, "title") == 0) {
        a->chart.title = value;
    } else if (strcmp(name, "xlabel") == 0) {
        a->chart.x_label = value;
    } else if (strcmp(name, "ylabel") == 0) {
        a->chart.y_label = value;
    } else if (strcmp(name, "style") == 0) {
        if (strcmp(value, "dots") != 0 && strcmp(value, "bars") != 0) {
            return bad(c, name, value);
        }
        a->chart.style = value[0] == 'b' ? FIRMNET_CHART_BARS : FIRMNET_CHART_DOTS;
        a->style_given = 1;
    } else if (strcmp(name, "bins") == 0) {
        if (parse_count(value, 10000, &v) < 0 || v == 0) {
            return bad(c, name, value);
        }
        a->chart.bins = (int)v;
    } else if (strcmp(name, "size") == 0) {
        char *end;
        long w = strtol(value, &end, 10), h = -1;
        if (*end == 'x') {
            h = strtol(end + 1, &end, 10);
        }
        if (*end != '\0' || w < 200 || h < 150 || w > 10000 || h > 10000) {
            return bad(c, name, value);
        }
        a->chart.width = (int)w;
        a->chart.height = (int)h;
    }
    return 0;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {0};
    firmnet_graph *g = NULL;
    firmnet_table *t = NULL;
    firmnet_change_result *res = NULL;
    int rc;

    firmnet_chart_options_init(&a.chart, FIRMNET_CHART_OPTIONS_VERSION);
    firmnet_change_options_init(&a.change, FIRMNET_CHANGE_OPTIONS_VERSION);
    firmnet_centrality_options_init(&a.centrality, FIRMNET_CENTRALITY_OPTIONS_VERSION);
    firmnet_embeddedness_options_init(&a.embeddedness, FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION);
    rc = cli_parse(&c, argc, argv,
                   "Chart analysis results as SVG: --kind change (MC vs non-MC mean change per\n"
                   "layer group and stratum, 95% intervals), centrality (a histogram of one\n"
                   "measure) or embeddedness (local shares per group, e.g. per cluster).",
                   options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (a.kind == KIND_NONE) {
        fprintf(stderr, "%s: give --kind change, centrality or embeddedness\n", c.prog);
        return 2;
    }
    if (a.kind == KIND_CHANGE) {
        if (c.wave != NULL || c.undirected) {
            fprintf(stderr,
                    "%s: --wave and --undirected do not apply to --kind change "
                    "(use --from and --to)\n",
                    c.prog);
            return 2;
        }
        a.change.layers = a.layer;
        a.change.merge = c.merge;
        a.change.permutations = 0; /* the chart shows no p-value */
        if (a.change_kind != FIRMNET_CHANGE_CHART_DIFF) {
            a.change.bootstrap = 0; /* nor, for the means, the bootstrap interval */
        }
    } else {
        c.layer = a.layer;
    }
    if (a.kind == KIND_EMBEDDEDNESS && !a.style_given) {
        a.chart.style = FIRMNET_CHART_BARS;
    }
    rc = cli_load(&c);
    if (rc == 0 && a.kind == KIND_CHANGE) {
        if (firmnet_change(&res, c.net, &a.change) < 0 ||
            firmnet_chart_change(res, c.output, a.measure, a.change_kind, &a.chart) < 0) {
            rc = cli_fail(&c);
        }
    } else if (rc == 0) {
        firmnet_graph_options go = cli_graph_options(&c);
        if (firmnet_graph_new(&g, c.net, &go) < 0) {
            rc = cli_fail(&c);
        } else if (a.kind == KIND_CENTRALITY) {
            const char *m = a.measure ? a.measure : "pagerank";
            a.centrality.measures = m;
            if (firmnet_centrality(&t, g, &a.centrality) < 0 ||
                firmnet_chart_histogram(t, c.output, m, &a.chart) < 0) {
                rc = cli_fail(&c);
            }
        } else if (firmnet_embeddedness_groups(&t, g, a.by ? a.by : "cluster", &a.embeddedness) <
                       0 ||
                   firmnet_chart_embeddedness(t, c.output, a.scope, &a.chart) < 0) {
            rc = cli_fail(&c);
        }
    }
    if (rc == 0 && !c.quiet && strcmp(c.output, "-") != 0) {
        fprintf(stderr, "%s: wrote %s\n", c.prog, c.output);
    }
    firmnet_table_free(t);
    firmnet_graph_free(g);
    firmnet_change_result_free(res);
    cli_done(&c);
    return rc;
}
