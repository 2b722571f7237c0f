/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Option parsing and loading shared by the example programs. */
#ifndef FIRMNET_EXAMPLES_CLI_H
#define FIRMNET_EXAMPLES_CLI_H

#include <firmnet.h>

#define CLI_MAX_TIES 64

/* An option a program adds to the common ones. */
typedef struct cli_option {
    const char *name; /* long name without dashes */
    const char *arg;  /* argument name shown in --help, or NULL for a flag */
    const char *help;
} cli_option;

typedef struct cli {
    const char *prog;
    const char *actors;
    const char *ties[CLI_MAX_TIES];
    size_t nties;
    const char *layer; /* NULL = all */
    const char *wave;  /* NULL = all */
    const char *output; /* "-" = stdout */
    int undirected, strict, quiet;
    firmnet_merge merge;      /* graph views */
    firmnet_merge duplicates; /* duplicate rows at load */
    firmnet_network *net;
    /* progress bar (cli_progress) */
    const char *progress_label;
    int progress_shown;
} cli;

/* Called for each program option; return 0, or non-zero for a usage error. */
typedef int (*cli_handler)(cli *c, const char *name, const char *value, void *payload);

/*
 * Parse argv. Returns -1 to continue, or an exit code (0 after --help/--version, 2 for a usage
 * error, with a message on stderr).
 */
int cli_parse(cli *c, int argc, char **argv, const char *summary, const cli_option *extra,
              cli_handler handler, void *payload);

/* Read --actors and every --ties file into c->net. Returns 0, or 1 after printing the error;
 * a file with a header and no data rows is an error here (the library accepts it). Warns on
 * stderr (unless --quiet) about ids that differ only in case or spacing. */
int cli_load(cli *c);

/* cli_load(), then the graph view the common options select into *out. Returns 0, or 1 after
 * printing the error. */
int cli_load_view(cli *c, firmnet_graph **out);

/* A graph-view option struct from the common options. */
firmnet_graph_options cli_graph_options(const cli *c);

/* Write @p t to -o (default stdout). Returns 0 or 1 after printing the error. */
int cli_write(cli *c, const firmnet_table *t, const char *path);

/* Print "prog: <firmnet_last_error()>" and return 1. */
int cli_fail(const cli *c);

/*
 * A progress callback that draws a bar on stderr, to pass with @p c as its payload; NULL (no
 * callback) when stderr is not a terminal or --quiet was given. @p label names the work.
 */
firmnet_progress_fn cli_progress(cli *c, const char *label);

/* Clear the progress bar's line if one was drawn. */
void cli_progress_end(cli *c);

/* Release what cli_load() made. */
void cli_done(cli *c);

#endif
