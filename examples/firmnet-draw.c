/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-draw: an SVG drawing of a graph view, coloured by actor type, MC members ringed. */
#include <firmnet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct args {
    firmnet_draw_options opts;
    const char *size_by; /* attribute name, or a table file with id and a column */
    const char *size_column;
} args;

static const cli_option options[] = {
    {"size-by", "ATTR",
     "node size by a numeric actor attribute, or by a column of a result "
     "table: FILE.csv:COLUMN (rows matched by id)"},
    {"seed", "N", "layout seed (default 0); the same seed gives the same picture"},
    {"layout", "ALG", "fr, drl or auto (default: fr up to 1000 actors, drl above)"},
    {"title", "TEXT", "picture title"},
    {"labels", "K", "label the K largest nodes (default: all up to 50, else 20; 0 none)"},
    {"label", "ATTR", "label attribute (default: name)"},
    {"size", "WxH", "picture size in pixels (default 1000x760)"},
    {"drop-isolates", NULL, "leave out actors without ties in the view"},
    {NULL, NULL, NULL},
};

static int usage(const cli *c, const char *what, const char *value)
{
    fprintf(stderr, "%s: invalid %s '%s'\n", c->prog, what, value);
    return 1;
}

static int handle(cli *c, const char *name, const char *value, void *payload)
{
    args *a = payload;
    char *end;
    if (strcmp(name, "size-by") == 0) {
        a->size_by = value;
    } else if (strcmp(name, "seed") == 0) {
        errno = 0;
        a->opts.seed = strtoull(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || value[0] == '-') {
            return usage(c, "seed", value);
        }
    } else if (strcmp(name, "layout") == 0) {
        if (firmnet_layout_parse(&a->opts.layout, value) < 0) {
            fprintf(stderr, "%s: %s\n", c->prog, firmnet_last_error());
            return 1;
        }
    } else if (strcmp(name, "title") == 0) {
        a->opts.title = value;
    } else if (strcmp(name, "labels") == 0) {
        long k = strtol(value, &end, 10);
        if (end == value || *end != '\0' || k < 0 || k > 1000000) {
            return usage(c, "label count", value);
        }
        a->opts.labels = k == 0 ? -1 : (int)k;
    } else if (strcmp(name, "label") == 0) {
        a->opts.label_attribute = value;
    } else if (strcmp(name, "size") == 0) {
        long w = strtol(value, &end, 10), h = 0;
        if (end != value && *end == 'x') {
            const char *hs = end + 1;
            h = strtol(hs, &end, 10);
            if (end == hs) {
                h = 0;
            }
        }
        if (*end != '\0' || w < 100 || h < 100 || w > 20000 || h > 20000) {
            return usage(c, "size (use e.g. 1200x900)", value);
        }
        a->opts.width = (int)w;
        a->opts.height = (int)h;
    } else if (strcmp(name, "drop-isolates") == 0) {
        a->opts.drop_isolates = 1;
    }
    return 0;
}

/* Sizes from column COLUMN of table FILE, matched to actors by the table's id column.
 * Returns 0, or 1 after printing the error. */
static int sizes_from_table(cli *c, const char *spec, double **out)
{
    char *file = strdup(spec), *colon = file ? strrchr(file, ':') : NULL;
    firmnet_table *t = NULL;
    size_t idcol, col, n = firmnet_network_actor_count(c->net);
    double *sizes = NULL;
    int rc = 1;
    if (file == NULL || colon == NULL) {
        fprintf(stderr, "%s: --size-by FILE:COLUMN expected, got '%s'\n", c->prog, spec);
        goto done;
    }
    *colon = '\0';
    if (firmnet_table_read(&t, file) < 0) {
        cli_fail(c);
        goto done;
    }
    if (firmnet_table_column_index(&idcol, t, "id") < 0 ||
        firmnet_table_column_index(&col, t, colon + 1) < 0 ||
        firmnet_table_column_type(t, col) != FIRMNET_COLUMN_DOUBLE) {
        fprintf(stderr, "%s: %s needs an 'id' column and a numeric column '%s'\n", c->prog, file,
                colon + 1);
        goto done;
    }
    sizes = malloc((n ? n : 1) * sizeof *sizes);
    if (sizes == NULL) {
        fprintf(stderr, "%s: out of memory\n", c->prog);
        goto done;
    }
    for (size_t v = 0; v < n; v++) {
        sizes[v] = 0.0 / 0.0;
    }
    for (size_t r = 0; r < firmnet_table_nrows(t); r++) {
        size_t v;
        if (firmnet_network_actor_index(&v, c->net, firmnet_table_get_string(t, idcol, r)) == 0) {
            sizes[v] = firmnet_table_get_double(t, col, r);
        }
    }
    *out = sizes;
    sizes = NULL;
    rc = 0;
done:
    free(sizes);
    firmnet_table_free(t);
    free(file);
    return rc;
}

int main(int argc, char **argv)
{
    cli c = {0};
    args a = {FIRMNET_DRAW_OPTIONS_INIT, NULL, NULL};
    firmnet_graph *g = NULL;
    double *sizes = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Draw a graph view as SVG: nodes coloured by actor type, mini-cluster\n"
                       "members ringed, edges coloured by layer.",
                       options, handle, &a);
    if (rc >= 0) {
        return rc;
    }
    if (strcmp(c.output, "-") != 0) {
        size_t n = strlen(c.output);
        if (n < 4 || (strcmp(c.output + n - 4, ".svg") != 0 &&
                      (n < 7 || strcmp(c.output + n - 7, ".svg.gz") != 0))) {
            fprintf(stderr, "%s: the output name should end in .svg\n", c.prog);
            return 2;
        }
    }
    rc = cli_load(&c);
    if (rc == 0 && a.size_by != NULL) {
        if (strchr(a.size_by, ':') != NULL) {
            rc = sizes_from_table(&c, a.size_by, &sizes);
            a.opts.size_values = sizes;
            a.opts.size_len = firmnet_network_actor_count(c.net);
            a.opts.size_label = strrchr(a.size_by, ':') + 1;
        } else {
            a.opts.size_attribute = a.size_by;
        }
    }
    if (rc == 0) {
        firmnet_graph_options go = cli_graph_options(&c);
        if (firmnet_graph_new(&g, c.net, &go) < 0 || firmnet_graph_draw(g, c.output, &a.opts) < 0) {
            rc = cli_fail(&c);
        }
    }
    if (rc == 0 && !c.quiet && strcmp(c.output, "-") != 0) {
        fprintf(stderr, "%s: wrote %s (view of %zu actors, %zu edges)\n", c.prog, c.output,
                firmnet_graph_vertex_count(g), firmnet_graph_edge_count(g));
    }
    free(sizes);
    firmnet_graph_free(g);
    cli_done(&c);
    return rc;
}
