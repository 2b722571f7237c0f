/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the tie reader, plain and gzip. The first input byte chooses:
 *   bit 0    gzip-compress the rest before reading (bit 7: as two gzip members)
 *   bit 1    strict mode (the network knows actors A, B, C)
 *   bits 2-4 the duplicate rule (sum, max, mean, count, first, error)
 *   bit 5    also build undirected views
 *   bit 6    also run firmnet_summary() (when the network is small)
 * the rest is the file. Raw input that starts with the gzip magic exercises the inflate
 * error paths directly. Invariants: a known code; on failure a message naming the input and
 * an unchanged network; on success finite positive weights, a report that adds up, views
 * whose total weight equals the ties' (or a clean overflow error), and a summary table.
 */
#include <math.h>
#include <zlib.h>

#include "fuzz.h"

/* gzip @p n bytes at @p p into a new buffer as one or two members. */
static unsigned char *gzip(const uint8_t *p, size_t n, int two, size_t *outlen)
{
    size_t cap = 2 * compressBound((uLong)n) + 128, len = 0;
    unsigned char *out = malloc(cap);
    size_t half = two ? n / 2 : n;
    for (int m = 0; m < (two ? 2 : 1); m++) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        FUZZ_ASSERT(deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
        zs.next_in = (unsigned char *)(m == 0 ? p : p + half);
        zs.avail_in = (uInt)(m == 0 ? half : n - half);
        zs.next_out = out + len;
        zs.avail_out = (uInt)(cap - len);
        FUZZ_ASSERT(deflate(&zs, Z_FINISH) == Z_STREAM_END);
        len += zs.total_out;
        deflateEnd(&zs);
    }
    *outlen = len;
    return out;
}

static void check_views(const firmnet_network *net, int undirected, double total)
{
    for (int merge = FIRMNET_MERGE_SUM; merge <= FIRMNET_MERGE_COUNT; merge++) {
        firmnet_graph_options o = FIRMNET_GRAPH_OPTIONS_INIT;
        firmnet_graph *g = NULL;
        o.undirected = undirected;
        o.merge = (firmnet_merge)merge;
        int rc = firmnet_graph_new(&g, net, &o);
        FUZZ_ASSERT(rc == 0 || rc == FIRMNET_ENOMEM ||
                    (rc == FIRMNET_EDATA && merge == FIRMNET_MERGE_SUM));
        if (rc < 0) {
            continue;
        }
        size_t m = firmnet_graph_edge_count(g);
        FUZZ_ASSERT(m <= firmnet_network_tie_count(net));
        FUZZ_ASSERT(firmnet_graph_vertex_count(g) == firmnet_network_actor_count(net));
        double *w = malloc((m ? m : 1) * sizeof *w);
        int64_t *from = malloc((m ? m : 1) * sizeof *from);
        int64_t *to = malloc((m ? m : 1) * sizeof *to);
        FUZZ_ASSERT(firmnet_graph_edges(g, from, to, w, m) == 0);
        double sum = 0;
        for (size_t e = 0; e < m; e++) {
            FUZZ_ASSERT(isfinite(w[e]) && w[e] > 0);
            FUZZ_ASSERT(from[e] != to[e]);
            FUZZ_ASSERT(undirected ? from[e] < to[e] : 1);
            FUZZ_ASSERT(e == 0 || from[e - 1] < from[e] ||
                        (from[e - 1] == from[e] && to[e - 1] < to[e]));
            sum += w[e];
        }
        if (merge == FIRMNET_MERGE_SUM && isfinite(total)) {
            FUZZ_ASSERT(fabs(sum - total) <= 1e-9 * fmax(1.0, fabs(total)));
        }
        free(w);
        free(from);
        free(to);
        firmnet_graph_free(g);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    firmnet_network *net = NULL;
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_load_report rep;
    fuzz_shape before, after;
    unsigned char *packed = NULL;
    const uint8_t *file;
    size_t len;
    int rc;

    if (size == 0) {
        return 0;
    }
    uint8_t flags = data[0];
    file = data + 1;
    len = size - 1;
    if (flags & 1) {
        packed = gzip(file, len, flags & 0x80, &len);
        file = packed;
    }
    ro.strict = (flags >> 1) & 1;
    ro.duplicates = (firmnet_merge)(((flags >> 2) & 7) % 6);

    FUZZ_ASSERT(firmnet_network_new(&net) == 0);
    FUZZ_ASSERT(firmnet_network_add_actor(net, "A", 0, NULL, NULL) == 0);
    FUZZ_ASSERT(firmnet_network_add_tie(net, "2005", "trade", "B", "C", 2, NULL, NULL) == 0);
    before = fuzz_shape_of(net);
    rc = firmnet_network_read_ties_buffer(net, file, len, "fuzz.csv", &ro, &rep);
    FUZZ_ASSERT(fuzz_known_code(rc));
    if (rc < 0) {
        FUZZ_ASSERT(fuzz_message_ok(rc, "fuzz.csv"));
        after = fuzz_shape_of(net);
        FUZZ_ASSERT(fuzz_same_shape(before, after));
        goto done;
    }
    size_t m = firmnet_network_tie_count(net);
    FUZZ_ASSERT(m == before.ties + rep.ties_added);
    FUZZ_ASSERT(rep.rows == rep.ties_added + rep.duplicates_merged + rep.self_ties_dropped);
    FUZZ_ASSERT(firmnet_network_actor_count(net) == before.actors + rep.actors_added);
    FUZZ_ASSERT(rep.actors_implicit == rep.actors_added);
    FUZZ_ASSERT(!ro.strict || rep.actors_added == 0);
    FUZZ_ASSERT(ro.duplicates != FIRMNET_MERGE_ERROR || rep.duplicates_merged == 0);
    double total = 0;
    for (size_t k = 0; k < m; k++) {
        size_t s, t;
        const char *w, *l;
        double x;
        FUZZ_ASSERT(firmnet_network_tie(net, k, &s, &t, &w, &l, &x) == 0);
        FUZZ_ASSERT(s != t && s < firmnet_network_actor_count(net));
        FUZZ_ASSERT(isfinite(x) && x > 0 && l[0] != '\0');
        total += x;
    }
    for (size_t k = 0; k < firmnet_network_wave_count(net); k++) {
        FUZZ_ASSERT(firmnet_network_wave_name(net, k) != NULL);
    }
    check_views(net, 0, total);
    if (flags & 0x20) {
        check_views(net, 1, total);
    }
    /* the summary has a row per wave and layer group: keep it to small networks */
    if ((flags & 0x40) && firmnet_network_wave_count(net) * firmnet_network_layer_count(net) <= 64) {
        firmnet_table *t = NULL;
        rc = firmnet_summary(&t, net);
        FUZZ_ASSERT(rc == 0 || rc == FIRMNET_ENOMEM || rc == FIRMNET_EDATA);
        FUZZ_ASSERT(rc < 0 || firmnet_table_nrows(t) >= firmnet_network_wave_count(net));
        firmnet_table_free(t);
    }
done:
    firmnet_network_free(net);
    free(packed);
    return 0;
}
