/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz layer selectors against an independent implementation of their rule. Input: the
 * selector up to the first newline, then one layer name per line (at most 64). Each layer
 * gets one tie of weight 1 on its own vertex pair, so a view's edge count is the number of
 * selected ties. Invariants: firmnet_layer_selected() agrees with the reference for every
 * layer; firmnet_network_check_selector() succeeds exactly when every name selects a layer;
 * a view built with the selector has one edge per selected layer, or fails with
 * FIRMNET_ENOTFOUND exactly when the check does.
 */
#include "fuzz.h"

static int is_blank(const char *sel)
{
    for (; *sel; sel++) {
        if (*sel != ' ' && *sel != '\t' && *sel != ',') {
            return 0;
        }
    }
    return 1;
}

/* The documented rule, written out again: comma-separated names, trimmed of spaces and tabs;
 * a name selects itself and every layer below it in dot notation; "all" selects everything. */
static int ref_name_selects(const char *name, size_t len, const char *layer)
{
    if (len == 3 && memcmp(name, "all", 3) == 0) {
        return 1;
    }
    size_t n = strlen(layer);
    return n >= len && memcmp(layer, name, len) == 0 && (n == len || layer[len] == '.');
}

/* Apply @p fn to each name; returns the OR (mode 0) or the AND (mode 1) of the results. */
static int ref_each(const char *sel, int mode, int (*fn)(const char *, size_t, const void *),
                    const void *ctx)
{
    int acc = mode;
    const char *p = sel;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *s = p;
        while (len > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            len--;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t')) {
            len--;
        }
        if (len > 0) {
            int r = fn(s, len, ctx);
            acc = mode ? (acc && r) : (acc || r);
        }
        if (end == NULL) {
            return acc;
        }
        p = end + 1;
    }
}

static int selects_layer(const char *name, size_t len, const void *layer)
{
    return ref_name_selects(name, len, layer);
}

static int ref_selected(const char *sel, const char *layer)
{
    return is_blank(sel) || ref_each(sel, 0, selects_layer, layer);
}

static int selects_some(const char *name, size_t len, const void *ctx)
{
    const firmnet_network *net = ctx;
    if (len == 3 && memcmp(name, "all", 3) == 0) {
        return 1;
    }
    for (size_t k = 0; k < firmnet_network_layer_count(net); k++) {
        if (ref_name_selects(name, len, firmnet_network_layer_name(net, k))) {
            return 1;
        }
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *line, *save = NULL;
    firmnet_network *net = NULL;
    firmnet_graph *g = NULL;
    firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
    size_t nl;
    memcpy(text, data, size);
    text[size] = '\0';
    nl = strcspn(text, "\n");
    char *sel = text;
    char *rest = text[nl] ? text + nl + 1 : text + nl;
    text[nl] = '\0';

    FUZZ_ASSERT(firmnet_network_new(&net) == 0);
    int k = 0;
    for (line = strtok_r(rest, "\n", &save); line != NULL && k < 64;
         line = strtok_r(NULL, "\n", &save), k++) {
        char target[16];
        snprintf(target, sizeof target, "t%d", k);
        int rc = firmnet_network_add_tie(net, NULL, line, "s", target, 1, NULL, NULL);
        FUZZ_ASSERT(rc == 0 || rc == FIRMNET_EDATA); /* blank or invalid UTF-8 layer names */
    }
    size_t selected = 0;
    for (size_t t = 0; t < firmnet_network_tie_count(net); t++) {
        const char *layer;
        firmnet_network_tie(net, t, NULL, NULL, NULL, &layer, NULL);
        int want = ref_selected(sel, layer);
        FUZZ_ASSERT(firmnet_layer_selected(sel, layer) == want);
        selected += (size_t)want;
    }
    FUZZ_ASSERT(firmnet_layer_selected(sel, NULL) == 0);
    int ok = is_blank(sel) || ref_each(sel, 1, selects_some, net);
    int rc = firmnet_network_check_selector(net, sel);
    FUZZ_ASSERT(ok ? rc == 0 : rc == FIRMNET_ENOTFOUND);
    o.layers = sel;
    rc = firmnet_graph_new(&g, net, &o);
    FUZZ_ASSERT(ok ? rc == 0 : rc == FIRMNET_ENOTFOUND);
    if (rc == 0) {
        FUZZ_ASSERT(firmnet_graph_edge_count(g) == selected);
    }
    firmnet_graph_free(g);
    firmnet_network_free(net);
    free(text);
    return 0;
}
