/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the option parser of the example programs (examples/cli.c): the input, split at NUL
 * bytes, is argv[1..] (at most 64 arguments). The program options are a typical set (a
 * number, a flag, a name). Invariants: cli_parse() returns -1 (go on), 0 (--help/--version)
 * or 2 (usage error) and never exits; on -1 at least one and at most CLI_MAX_TIES tie files,
 * pointers into argv, merge rules in range; the graph options it yields build a view of a
 * small network or fail with a clean error; the selector check agrees with the view.
 * The parser's messages go to /dev/null.
 */
#include "../../examples/cli.h"
#include "fuzz.h"

static firmnet_network *net;

typedef struct extra {
    long seed;
    int normalize;
    const char *name;
} extra;

static const cli_option options[] = {
    {"seed", "N", "random seed"},
    {"normalize", NULL, "a flag"},
    {"name", "TEXT", "a string"},
    {NULL, NULL, NULL},
};

static int handler(cli *c, const char *name, const char *value, void *payload)
{
    extra *x = payload;
    (void)c;
    if (strcmp(name, "seed") == 0) {
        char *end;
        x->seed = strtol(value, &end, 10);
        return *value == '\0' || *end != '\0';
    }
    if (strcmp(name, "normalize") == 0) {
        FUZZ_ASSERT(value == NULL);
        x->normalize = 1;
        return 0;
    }
    FUZZ_ASSERT(strcmp(name, "name") == 0 && value != NULL);
    x->name = value;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char ties[] = "wave,layer,source,target\n2005,trade,A,B\n2007,rnd,B,C\n"
                        "2007,service.legal,C,A\n";
    (void)argc;
    (void)argv;
    /* usage messages are expected: keep them out of the fuzzer's log (fd 2 stays open for
     * sanitizer reports and FUZZ_ASSERT) */
    stdout = fopen("/dev/null", "w");
    stderr = stdout;
    if (firmnet_network_new(&net) < 0 ||
        firmnet_network_read_ties_buffer(net, ties, sizeof ties - 1, "init", NULL, NULL) < 0) {
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1), *argv[66];
    int argc = 0;
    cli c;
    extra x = {0, 0, NULL};
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = (char *)"fuzz/firmnet-fuzz";
    for (size_t i = 0; i <= size && argc < 65;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    memset(&c, 0, sizeof c);
    int rc = cli_parse(&c, argc, argv, "fuzzing", options, handler, &x);
    FUZZ_ASSERT(rc == -1 || rc == 0 || rc == 2);
    FUZZ_ASSERT(c.prog != NULL && strcmp(c.prog, "firmnet-fuzz") == 0);
    if (rc == -1) {
        firmnet_graph_options o = cli_graph_options(&c);
        firmnet_graph *g = NULL;
        FUZZ_ASSERT(c.nties >= 1 && c.nties <= CLI_MAX_TIES);
        for (size_t k = 0; k < c.nties; k++) {
            FUZZ_ASSERT(c.ties[k] >= buf && c.ties[k] <= buf + size);
        }
        FUZZ_ASSERT(c.output != NULL);
        FUZZ_ASSERT(firmnet_merge_name(c.merge) != NULL && c.merge <= FIRMNET_MERGE_COUNT);
        FUZZ_ASSERT(firmnet_merge_name(c.duplicates) != NULL);
        int check = firmnet_network_check_selector(net, c.layer);
        FUZZ_ASSERT(check == 0 || check == FIRMNET_ENOTFOUND);
        int view = firmnet_graph_new(&g, net, &o);
        FUZZ_ASSERT(view == 0 || view == FIRMNET_ENOTFOUND);
        FUZZ_ASSERT(check == 0 || view == FIRMNET_ENOTFOUND);
        firmnet_graph_free(g);
    }
    free(buf);
    return 0;
}
