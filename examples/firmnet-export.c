/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-export: a graph view as GraphML, GEXF 1.3 or Pajek, for Gephi, Pajek, networkx, R. */
#include <firmnet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
    firmnet_export_format format;
    firmnet_export_options opts;
    const char *partition;
} args;

static const cli_option options[] = {
    {"format", "FMT", "graphml, gexf or pajek (default: from the -o name)"},
    {"partition", "ATTR", "Pajek: also write a partition .clu by this actor attribute"},
    {"attributes", "LIST", "actor attributes to write: comma list, 'all' (default), 'none'"},
    {"label", "ATTR", "node label attribute (default GEXF: name, Pajek: id)"},
    {"drop-isolates", NULL, "leave out actors without ties in the view"},
    {"no-bom", NULL, "Pajek: no byte-order mark before non-ASCII labels (for igraph, networkx)"},
    {NULL, NULL, NULL},
};

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    if (strcmp(name, "format") == 0) {
        if (firmnet_export_format_parse(&a->format, value) < 0) {
            fprintf(stderr, "%s: %s\n", c->prog, firmnet_last_error());
            return 1;
        }
    } else if (strcmp(name, "partition") == 0) {
        a->partition = value;
    } else if (strcmp(name, "attributes") == 0) {
        a->opts.attributes = value;
    } else if (strcmp(name, "label") == 0) {
        a->opts.label = value;
    } else if (strcmp(name, "drop-isolates") == 0) {
        a->opts.drop_isolates = 1;
    } else if (strcmp(name, "no-bom") == 0) {
        a->opts.no_bom = 1;
    }
    return 0;
}

/* "net.net" -> "net.clu", "net.net.gz" -> "net.clu.gz", anything else -> name + ".clu". */
static char *partition_path(const char *out)
{
    size_t n = strlen(out);
    int gz = n > 3 && strcmp(out + n - 3, ".gz") == 0;
    size_t stem = gz ? n - 3 : n;
    char *p = malloc(n + 8);
    if (p == NULL) {
        return NULL;
    }
    if (stem > 4 && strncmp(out + stem - 4, ".net", 4) == 0) {
        stem -= 4;
    }
    snprintf(p, n + 8, "%.*s.clu%s", (int)stem, out, gz ? ".gz" : "");
    return p;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {FIRMNET_EXPORT_AUTO, FIRMNET_EXPORT_OPTIONS_INIT, NULL};
    firmnet_graph *g = NULL;
    firmnet_export_format format;
    char *clu = NULL;
    int rc =
        cli_parse(&c, argc, argv,
                  "Write a graph view as GraphML (.graphml), GEXF 1.3 (.gexf) or Pajek (.net)\n"
                  "with actor attributes on nodes and weight, layer and wave on edges.",
                  options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    format = a.format;
    if (format == FIRMNET_EXPORT_AUTO) {
        if (strcmp(c.output, "-") == 0) {
            fprintf(stderr, "%s: give -o FILE (.graphml, .gexf, .net) or --format\n", c.prog);
            return 2;
        }
        if (firmnet_export_format_from_name(&format, c.output) < 0) {
            fprintf(stderr, "%s: %s\n", c.prog, firmnet_last_error());
            return 2;
        }
    }
    if (a.partition != NULL && (format != FIRMNET_EXPORT_PAJEK || strcmp(c.output, "-") == 0)) {
        fprintf(stderr, "%s: --partition needs Pajek output to a file (-o net.net)\n", c.prog);
        return 2;
    }
    rc = cli_load(&c);
    /* check the partition attribute first, so that a typo leaves no .net behind */
    if (rc == 0 && a.partition != NULL &&
        firmnet_network_attribute_is_numeric(c.net, a.partition) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0) {
        firmnet_graph_options go = cli_graph_options(&c);
        if (firmnet_graph_new(&g, c.net, &go) < 0 ||
            firmnet_graph_export(g, c.output, format, &a.opts) < 0) {
            rc = cli_fail(&c);
        }
    }
    if (rc == 0 && a.partition != NULL) {
        clu = partition_path(c.output);
        if (clu == NULL || firmnet_graph_export_partition(g, clu, a.partition, &a.opts) < 0) {
            rc = cli_fail(&c);
        }
    }
    if (rc == 0 && !c.quiet && strcmp(c.output, "-") != 0) {
        fprintf(stderr, "%s: wrote %s (%s; view of %zu actors, %zu edges)%s%s\n", c.prog, c.output,
                firmnet_export_format_name(format), firmnet_graph_vertex_count(g),
                firmnet_graph_edge_count(g), clu ? " and " : "", clu ? clu : "");
    }
    free(clu);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
