/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graph views: select ties, merge parallel ones, hand the result to igraph. */
#include <math.h>
#include <string.h>

#include "internal.h"

int firmnet_graph_options_init(firmnet_graph_options *opts, unsigned int version)
{
    static const firmnet_graph_options defaults = FIRMNET_GRAPH_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_GRAPH_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_graph_options_init: unsupported version %u",
                               version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static int wave_error(const firmnet_network *net, const char *wave)
{
    firmnet_i_buf have = {0};
    for (size_t k = 0; k < net->waves.count; k++) {
        firmnet_i_buf_printf(&have, "%s'%s'", k ? ", " : "", firmnet_network_wave_name(net, k));
    }
    firmnet_i_error(FIRMNET_ENOTFOUND, "no wave '%s' (waves: %s)", wave,
                    have.data ? have.data : "none");
    firmnet_i_buf_free(&have);
    return FIRMNET_ENOTFOUND;
}

/* The (source, target) pair of network tie @p k as view @p undirected orders it. */
static inline void tie_pair(const firmnet_network *net, size_t k, bool undirected, uint32_t *s,
                            uint32_t *t)
{
    uint32_t a = net->src[k], b = net->tgt[k];
    if (undirected && a > b) {
        uint32_t x = a;
        a = b;
        b = x;
    }
    *s = a;
    *t = b;
}

/*
 * The selected ties of @p net in (source, target) order: a stable counting sort on the target,
 * then one on the source. Each pass carries the tie's other end and weight along, so both read
 * their input in sequence (a tie's weight looked up by index would be a cache miss on large
 * networks). *targets and *weights get the m0 ties' targets and weights in that order, *first
 * the n + 1 offsets of each source's run. Ties of one pair stay in tie order (both sorts are
 * stable). The caller frees the three. O(M + n) time.
 */
static int sorted_selection(const firmnet_network *net, const unsigned char *mask, ptrdiff_t wave,
                            bool undirected, uint32_t **targets, double **weights, uint32_t **first,
                            size_t *m0_out)
{
    size_t n = net->ids.count, m0 = 0;
    /* 32-bit counts (a network has fewer than 2^32 ties): half the cache lines of size_t */
    uint32_t *count = firmnet_i_calloc(n + 1, sizeof *count);
    uint32_t *start = firmnet_i_calloc(n + 1, sizeof *start);
    uint32_t *cursor = firmnet_i_malloc((n + 1) * sizeof *cursor);
    uint32_t *s1 = NULL, *tt = NULL, s, t;
    double *w1 = NULL, *ww = NULL;
    int rc = 0;

    if (count == NULL || start == NULL || cursor == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t k = 0; k < net->nties; k++) {
        if (mask[net->layer[k]] && (wave < 0 || net->wave[k] == (uint16_t)wave)) {
            tie_pair(net, k, undirected, &s, &t);
            count[t + 1]++;
            start[s + 1]++;
            m0++;
        }
    }
    s1 = firmnet_i_malloc((m0 ? m0 : 1) * sizeof *s1);
    w1 = firmnet_i_malloc((m0 ? m0 : 1) * sizeof *w1);
    if (s1 == NULL || w1 == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++) {
        count[v + 1] += count[v];
        start[v + 1] += start[v];
    }
    /* by target, in tie order; cursor[t] walks target t's run */
    memcpy(cursor, count, (n + 1) * sizeof *cursor);
    for (size_t k = 0; k < net->nties; k++) {
        if (mask[net->layer[k]] && (wave < 0 || net->wave[k] == (uint16_t)wave)) {
            tie_pair(net, k, undirected, &s, &t);
            size_t at = cursor[t]++;
            s1[at] = s;
            w1[at] = net->weight[k];
        }
    }
    tt = firmnet_i_malloc((m0 ? m0 : 1) * sizeof *tt);
    ww = firmnet_i_malloc((m0 ? m0 : 1) * sizeof *ww);
    if (tt == NULL || ww == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    /* then by source, stable: target t's run is count[t] .. count[t + 1] */
    memcpy(cursor, start, (n + 1) * sizeof *cursor);
    for (size_t v = 0; v < n; v++) {
        for (size_t i = count[v]; i < count[v + 1]; i++) {
            size_t at = cursor[s1[i]]++;
            tt[at] = (uint32_t)v;
            ww[at] = w1[i];
        }
    }
    *targets = tt;
    *weights = ww;
    *first = start;
    *m0_out = m0;
    tt = NULL;
    ww = NULL;
    start = NULL;
cleanup:
    firmnet_i_free(count);
    firmnet_i_free(start);
    firmnet_i_free(cursor);
    firmnet_i_free(s1);
    firmnet_i_free(w1);
    firmnet_i_free(tt);
    firmnet_i_free(ww);
    return rc;
}

/* Counting sort of the edges 0..m-1 by key (values < n), stable: order gets the edges,
 * start the n + 1 offsets of each key's run in it. */
static void order_by(const igraph_integer_t *key, size_t m, size_t n, igraph_integer_t *order,
                     igraph_integer_t *start)
{
    memset(start, 0, (n + 1) * sizeof *start);
    for (size_t e = 0; e < m; e++) {
        start[key[e] + 1]++;
    }
    for (size_t v = 0; v < n; v++) {
        start[v + 1] += start[v];
    }
    for (size_t e = 0; e < m; e++) {
        order[start[key[e]]++] = (igraph_integer_t)e;
    }
    /* start[v] now ends key v's run, which is where key v + 1's starts */
    memmove(start + 1, start, n * sizeof *start);
    start[0] = 0;
}

/*
 * Complete the indexed edge list of @p ig (made by igraph_empty() with n vertices, then given
 * m edges in from/to) whose edges are sorted: by (from, to) when directed, by (to, from) when
 * undirected (igraph keeps the larger end in `from`). That is what igraph_create() computes
 * with two general radix sorts -- oi orders the edges by (from, to), ii by (to, from), os and
 * is hold where each vertex's run starts -- but one of the two orders is the identity here and
 * the other is a single stable counting sort. There are no multiple edges, so both orders
 * are unique; test_graph checks the arrays equal igraph_create()'s.
 */
static int index_sorted_edges(igraph_t *ig, size_t n, size_t m, bool undirected)
{
    igraph_vector_int_t *ident = undirected ? &ig->ii : &ig->oi;
    igraph_vector_int_t *sorted = undirected ? &ig->oi : &ig->ii;
    igraph_vector_int_t *ident_start = undirected ? &ig->is : &ig->os;
    igraph_vector_int_t *sorted_start = undirected ? &ig->os : &ig->is;
    const igraph_vector_int_t *ident_key = undirected ? &ig->to : &ig->from;
    const igraph_vector_int_t *sorted_key = undirected ? &ig->from : &ig->to;
    int rc = firmnet_i_igraph(igraph_vector_int_resize(&ig->oi, (igraph_integer_t)m), "graph view");
    if (rc == 0) {
        rc = firmnet_i_igraph(igraph_vector_int_resize(&ig->ii, (igraph_integer_t)m), "graph view");
    }
    if (rc < 0) {
        return rc;
    }
    firmnet_i_advise_huge(VECTOR(ig->oi), m * sizeof *VECTOR(ig->oi));
    firmnet_i_advise_huge(VECTOR(ig->ii), m * sizeof *VECTOR(ig->ii));
    /* igraph_empty() sized os and is to n + 1 */
    order_by(VECTOR(*sorted_key), m, n, VECTOR(*sorted), VECTOR(*sorted_start));
    order_by(VECTOR(*ident_key), m, n, VECTOR(*ident), VECTOR(*ident_start));
    igraph_invalidate_cache(ig);
    return 0;
}

int firmnet_graph_new(firmnet_graph **out, const firmnet_network *net,
                      const firmnet_graph_options *opts)
{
    static const firmnet_graph_options defaults = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_graph *g = NULL;
    unsigned char *mask = NULL;
    uint32_t *targets = NULL;
    double *weights = NULL;
    uint32_t *first = NULL; /* a network has fewer than 2^32 ties */
    igraph_vector_int_t edges;
    bool edges_init = false, w_init = false, g_init = false, entered = false, fast, undirected;
    ptrdiff_t wave = -1;
    size_t n, m0 = 0, m = 0;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_graph_new: NULL argument");
    }
    if (opts == NULL) {
        opts = &defaults;
    }
    if (opts->version == 0 || opts->version > FIRMNET_GRAPH_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "graph options: unsupported version %u "
                               "(initialise with FIRMNET_GRAPH_OPTIONS_INIT)", opts->version);
    }
    if ((int)opts->merge < FIRMNET_MERGE_SUM || opts->merge > FIRMNET_MERGE_COUNT) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "graph options: merge rule must be sum, max, mean or count");
    }
    if (opts->wave != NULL) {
        wave = firmnet_i_wave_find(net, opts->wave);
        if (wave < 0) {
            return wave_error(net, opts->wave);
        }
    }
    rc = firmnet_i_layer_mask(net, opts->layers, &mask);
    if (rc < 0) {
        return rc;
    }
    n = net->ids.count;
    undirected = opts->undirected != 0;
    if (n > (size_t)INT32_MAX) {
        rc = firmnet_i_error(FIRMNET_ERANGE, "too many actors for a graph view");
        goto cleanup;
    }
    g = firmnet_i_calloc(1, sizeof *g);
    if (g == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    rc = sorted_selection(net, mask, wave, undirected, &targets, &weights, &first, &m0);
    if (rc < 0) {
        goto cleanup;
    }
    /* count the distinct pairs, so that igraph's vectors are allocated once, to size */
    for (size_t v = 0; v < n; v++) {
        for (size_t i = first[v]; i < first[v + 1]; i++) {
            m += i == first[v] || targets[i] != targets[i - 1];
        }
    }
    firmnet_i_enter();
    entered = true;
    /* A host's attribute handler would expect attributes made along with the edges: leave
     * such graphs to igraph_create. */
    fast = !igraph_has_attribute_table();
    if (fast) {
        rc = firmnet_i_igraph(igraph_empty(&g->g, (igraph_integer_t)n,
                                           undirected ? IGRAPH_UNDIRECTED : IGRAPH_DIRECTED),
                              "graph view");
        if (rc < 0) {
            goto cleanup;
        }
        g_init = true;
        rc = firmnet_i_igraph(igraph_vector_int_resize(&g->g.from, (igraph_integer_t)m),
                              "graph view");
        if (rc == 0) {
            rc = firmnet_i_igraph(igraph_vector_int_resize(&g->g.to, (igraph_integer_t)m),
                                  "graph view");
        }
    } else {
        rc = firmnet_i_igraph(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)),
                              "graph view");
        edges_init = rc == 0;
    }
    if (rc < 0) {
        goto cleanup;
    }
    rc = firmnet_i_igraph(igraph_vector_init(&g->w, (igraph_integer_t)m), "graph view");
    if (rc < 0) {
        goto cleanup;
    }
    w_init = true;
    /* igraph's vectors do not come from firmnet_i_malloc: hint them here */
    firmnet_i_advise_huge(VECTOR(g->w), m * sizeof *VECTOR(g->w));
    if (fast) {
        firmnet_i_advise_huge(VECTOR(g->g.from), m * sizeof *VECTOR(g->g.from));
        firmnet_i_advise_huge(VECTOR(g->g.to), m * sizeof *VECTOR(g->g.to));
    }
    /* merge runs of equal pairs; weights are combined in tie order (the sorts are stable) */
    for (size_t v = 0, e = 0; v < n; v++) {
        for (size_t i = first[v]; i < first[v + 1]; e++) {
            uint32_t t = targets[i];
            double sum = 0, max = -INFINITY;
            size_t j = i;
            for (; j < first[v + 1] && targets[j] == t; j++) {
                double x = weights[j];
                sum += x;
                max = fmax(max, x);
            }
            double cnt = (double)(j - i);
            if (!isfinite(sum) && opts->merge == FIRMNET_MERGE_MEAN) {
                /* the sum overflows but the mean need not: divide before adding */
                sum = 0;
                for (size_t k = i; k < j; k++) {
                    sum += weights[k] / cnt;
                }
                cnt = 1;
            }
            double weight = opts->merge == FIRMNET_MERGE_SUM    ? sum
                            : opts->merge == FIRMNET_MERGE_MAX  ? max
                            : opts->merge == FIRMNET_MERGE_MEAN ? sum / cnt
                                                                : cnt;
            if (!isfinite(weight)) {
                rc = firmnet_i_error(FIRMNET_EDATA,
                                     "graph view: the weights of the ties %s -> %s sum to more "
                                     "than the largest number; use merge max, mean or count",
                                     net->ids.strs[v], net->ids.strs[t]);
                goto cleanup;
            }
            if (!fast) {
                VECTOR(edges)[2 * e] = (igraph_integer_t)v;
                VECTOR(edges)[2 * e + 1] = t;
            } else if (undirected) { /* igraph keeps the larger end in `from` */
                VECTOR(g->g.from)[e] = t;
                VECTOR(g->g.to)[e] = (igraph_integer_t)v;
            } else {
                VECTOR(g->g.from)[e] = (igraph_integer_t)v;
                VECTOR(g->g.to)[e] = t;
            }
            VECTOR(g->w)[e] = weight;
            i = j;
        }
    }
    /* the index needs as much again as the edge list: give back what is no longer used */
    firmnet_i_free(weights);
    firmnet_i_free(targets);
    firmnet_i_free(first);
    weights = NULL;
    targets = NULL;
    first = NULL;
    if (fast) {
        rc = index_sorted_edges(&g->g, n, m, undirected);
    } else {
        rc = firmnet_i_igraph(igraph_create(&g->g, &edges, (igraph_integer_t)n,
                                            undirected ? IGRAPH_UNDIRECTED : IGRAPH_DIRECTED),
                              "graph view");
        g_init = rc == 0;
    }
    if (rc < 0) {
        goto cleanup;
    }
    g->n = n;
    g->m = m;
    g->directed = !undirected;
    g->net = net;
    g->layer_mask = mask;
    g->nlayers = net->layers.count;
    g->nties = net->nties;
    g->wave = wave;
    g->merge = opts->merge;
    mask = NULL;
    *out = g;
    g = NULL;
cleanup:
    if (edges_init) {
        igraph_vector_int_destroy(&edges);
    }
    if (g != NULL && w_init) {
        igraph_vector_destroy(&g->w);
    }
    if (g != NULL && g_init) {
        igraph_destroy(&g->g);
    }
    if (entered) {
        firmnet_i_leave();
    }
    firmnet_i_free(g);
    firmnet_i_free(mask);
    firmnet_i_free(weights);
    firmnet_i_free(targets);
    firmnet_i_free(first);
    return rc;
}

void firmnet_graph_free(firmnet_graph *g)
{
    if (g == NULL) {
        return;
    }
    firmnet_i_enter();
    igraph_destroy(&g->g);
    igraph_vector_destroy(&g->w);
    firmnet_i_leave();
    firmnet_i_free(g->layer_mask);
    firmnet_i_free(g);
}

bool firmnet_i_graph_selects(const firmnet_graph *g, size_t k)
{
    const firmnet_network *net = g->net;
    return k < g->nties && net->layer[k] < g->nlayers && g->layer_mask[net->layer[k]] &&
           (g->wave < 0 || net->wave[k] == (uint16_t)g->wave);
}

/* Whether tie k is in view g, and its vertex pair as the view orders it. */
static bool tie_in_view(const firmnet_graph *g, size_t k, uint32_t *s, uint32_t *t)
{
    const firmnet_network *net = g->net;
    if (!firmnet_i_graph_selects(g, k)) {
        return false;
    }
    *s = net->src[k];
    *t = net->tgt[k];
    if (!g->directed && *s > *t) {
        uint32_t x = *s;
        *s = *t;
        *t = x;
    }
    return true;
}

/* Edge e's pair as the view built it (igraph stores undirected edges larger end first). */
static void edge_pair(const firmnet_graph *g, size_t e, uint32_t *s, uint32_t *t)
{
    uint32_t a = (uint32_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
    uint32_t b = (uint32_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
    if (!g->directed && a > b) {
        uint32_t x = a;
        a = b;
        b = x;
    }
    *s = a;
    *t = b;
}

int firmnet_i_graph_edge_ties(const firmnet_graph *g, size_t **offs_out, uint32_t **ties_out)
{
    size_t *offs = NULL, *fill = NULL, total = 0;
    uint32_t *ties = NULL, *edge_of = NULL;
    int rc = 0;

    offs = firmnet_i_calloc(g->m + 1, sizeof *offs);
    fill = firmnet_i_calloc(g->m + 1, sizeof *fill);
    edge_of = firmnet_i_malloc((g->nties ? g->nties : 1) * sizeof *edge_of);
    if (offs == NULL || fill == NULL || edge_of == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    /* Edges are ordered by (source, target): find each selected tie's edge by bisection. */
    for (size_t k = 0; k < g->nties; k++) {
        uint32_t s, t;
        size_t lo = 0, hi = g->m;
        edge_of[k] = UINT32_MAX;
        if (!tie_in_view(g, k, &s, &t)) {
            continue;
        }
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            uint32_t ms, mt;
            edge_pair(g, mid, &ms, &mt);
            if (ms < s || (ms == s && mt < t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        /* every selected tie made an edge; a miss would mean the network changed under us */
        if (lo < g->m) {
            uint32_t ms, mt;
            edge_pair(g, lo, &ms, &mt);
            if (ms == s && mt == t) {
                edge_of[k] = (uint32_t)lo;
                offs[lo + 1]++;
                total++;
            }
        }
    }
    for (size_t e = 0; e < g->m; e++) {
        offs[e + 1] += offs[e];
        fill[e] = offs[e];
    }
    ties = firmnet_i_malloc((total ? total : 1) * sizeof *ties);
    if (ties == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t k = 0; k < g->nties; k++) {
        if (edge_of[k] != UINT32_MAX) {
            ties[fill[edge_of[k]]++] = (uint32_t)k;
        }
    }
    *offs_out = offs;
    *ties_out = ties;
    offs = NULL;
    ties = NULL;
cleanup:
    firmnet_i_free(offs);
    firmnet_i_free(fill);
    firmnet_i_free(edge_of);
    firmnet_i_free(ties);
    return rc;
}

const firmnet_network *firmnet_graph_network(const firmnet_graph *g)
{
    return g ? g->net : NULL;
}

size_t firmnet_graph_vertex_count(const firmnet_graph *g)
{
    return g ? g->n : 0;
}

size_t firmnet_graph_edge_count(const firmnet_graph *g)
{
    return g ? g->m : 0;
}

int firmnet_graph_is_directed(const firmnet_graph *g)
{
    return g ? g->directed : 0;
}

const char *firmnet_graph_vertex_id(const firmnet_graph *g, size_t v)
{
    return g && v < g->n ? firmnet_network_actor_id(g->net, v) : NULL;
}

int firmnet_graph_edges(const firmnet_graph *g, int64_t *from, int64_t *to, double *weight,
                        size_t len)
{
    if (g == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL graph");
    }
    if (len < g->m) {
        return firmnet_i_error(FIRMNET_ERANGE, "buffer of %zu entries too small for %zu edges",
                               len, g->m);
    }
    for (size_t e = 0; e < g->m; e++) {
        int64_t s = IGRAPH_FROM(&g->g, (igraph_integer_t)e);
        int64_t t = IGRAPH_TO(&g->g, (igraph_integer_t)e);
        if (!g->directed && s > t) { /* igraph stores undirected edges larger end first */
            int64_t x = s;
            s = t;
            t = x;
        }
        if (from) {
            from[e] = s;
        }
        if (to) {
            to[e] = t;
        }
        if (weight) {
            weight[e] = VECTOR(g->w)[e];
        }
    }
    return 0;
}

const igraph_t *firmnet_graph_igraph(const firmnet_graph *g)
{
    return g ? &g->g : NULL;
}

const igraph_vector_t *firmnet_graph_weights(const firmnet_graph *g)
{
    return g ? &g->w : NULL;
}
