/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Coreness (k-core index) of every vertex by Batagelj and Zaversnik's bucket algorithm, on
 * flat arrays built straight from the graph's edge list. igraph_coreness() computes the same
 * numbers (the k-cores are unique) but asks igraph_neighbors() for every vertex, which in
 * mode ALL on a directed graph merges and sorts the in- and out-lists: on ten million ties that
 * cost more than the rest of the pipeline.
 */
#include <string.h>

#include "internal.h"

int firmnet_i_coreness(double *res, const igraph_t *g, igraph_neimode_t mode)
{
    size_t n = (size_t)igraph_vcount(g), m = (size_t)igraph_ecount(g);
    bool directed = igraph_is_directed(g);
    size_t maxdeg = 0;
    /* 32-bit offsets, degrees and positions: 2m < 2^32 (checked), half the cache lines */
    uint32_t *off = NULL, *fill = NULL, *bin = NULL;
    uint32_t *adj = NULL, *deg = NULL, *vert = NULL, *pos = NULL;
    int rc = 0;

    if (!directed) {
        mode = IGRAPH_ALL;
    }
    if (n == 0) {
        return 0;
    }
    if (m > UINT32_MAX / 2) {
        return firmnet_i_error(FIRMNET_ERANGE, "coreness: too many ties (%zu)", m);
    }
    /* deg[v]: the degree that counts (in, out or both); adj: the vertices whose degree drops
     * when v is removed (the other end of v's ties in the reverse direction) */
    off = firmnet_i_calloc(n + 1, sizeof *off);
    fill = firmnet_i_malloc(n * sizeof *fill);
    deg = firmnet_i_calloc(n, sizeof *deg);
    vert = firmnet_i_malloc(n * sizeof *vert);
    pos = firmnet_i_malloc(n * sizeof *pos);
    adj = firmnet_i_malloc((m ? 2 * m : 1) * sizeof *adj);
    if (off == NULL || fill == NULL || deg == NULL || vert == NULL || pos == NULL || adj == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t e = 0; e < m; e++) {
        size_t a = (size_t)IGRAPH_FROM(g, (igraph_integer_t)e);
        size_t b = (size_t)IGRAPH_TO(g, (igraph_integer_t)e);
        if (mode != IGRAPH_IN) { /* counts in a's out-degree; b's removal lowers it */
            deg[a]++;
            off[b + 1]++;
        }
        if (mode != IGRAPH_OUT) { /* counts in b's in-degree; a's removal lowers it */
            deg[b]++;
            off[a + 1]++;
        }
    }
    for (size_t v = 0; v < n; v++) {
        off[v + 1] += off[v];
        fill[v] = off[v];
        maxdeg = deg[v] > maxdeg ? deg[v] : maxdeg;
    }
    for (size_t e = 0; e < m; e++) {
        uint32_t a = (uint32_t)IGRAPH_FROM(g, (igraph_integer_t)e);
        uint32_t b = (uint32_t)IGRAPH_TO(g, (igraph_integer_t)e);
        if (mode != IGRAPH_IN) {
            adj[fill[b]++] = a;
        }
        if (mode != IGRAPH_OUT) {
            adj[fill[a]++] = b;
        }
    }
    /* vertices in order of degree, bin[d] = first position of degree d */
    /* maxdeg can exceed n with repeated ties: fill gets room for a slot per degree */
    firmnet_i_free(fill);
    bin = firmnet_i_calloc(maxdeg + 2, sizeof *bin);
    fill = firmnet_i_malloc((maxdeg + 1) * sizeof *fill);
    if (bin == NULL || fill == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++) {
        bin[deg[v] + 1]++;
    }
    for (size_t d = 0; d <= maxdeg; d++) {
        bin[d + 1] += bin[d];
    }
    memcpy(fill, bin, (maxdeg + 1) * sizeof *fill);
    for (size_t v = 0; v < n; v++) {
        pos[v] = fill[deg[v]]++;
        vert[pos[v]] = (uint32_t)v;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t v = vert[i];
        for (size_t j = off[v]; j < off[v + 1]; j++) {
            uint32_t u = adj[j];
            if (deg[u] > deg[v]) {
                /* move u to the front of its bin, then shrink the bin by one */
                uint32_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
                if (u != w) {
                    pos[u] = pw;
                    vert[pu] = w;
                    pos[w] = pu;
                    vert[pw] = u;
                }
                bin[du]++;
                deg[u]--;
            }
        }
    }
    for (size_t v = 0; v < n; v++) {
        res[v] = (double)deg[v];
    }
cleanup:
    firmnet_i_free(off);
    firmnet_i_free(fill);
    firmnet_i_free(deg);
    firmnet_i_free(vert);
    firmnet_i_free(pos);
    firmnet_i_free(adj);
    firmnet_i_free(bin);
    return rc;
}
