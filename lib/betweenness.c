/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Brandes' betweenness on a compressed copy of a graph, from all sources or a sample, on
 * several threads with results that do not depend on their number.
 *
 * igraph's own betweenness is not thread-safe (its error handling is global) and, in Debian's
 * build, calls a function per comparison and per vector access. This file follows igraph
 * 0.10's algorithm step for step (distances stored plus one, path lengths compared with
 * igraph_cmp_epsilon's rule and IGRAPH_SHORTEST_PATH_EPSILON, parents reset on a shorter path
 * and appended on an equal one, dependencies accumulated in reverse order of settling) on
 * flat arrays, so its results agree with igraph_betweenness() and igraph_betweenness_subset()
 * up to the order of floating-point additions (tests/test_betweenness.c checks 1e-12).
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include <omp.h>

#include "internal.h"

/* Sources go to FIRMNET_I_LANES batches by their position in the list (i mod LANES); each
 * batch sums its sources in list order into its own array, and the arrays are added in batch
 * order. Threads take whole batches, so the sums are the same for any thread count. */
#define LANES 8

/* Path lengths that agree to this relative tolerance are equal (IGRAPH_SHORTEST_PATH_EPSILON). */
#define EPS 1e-10

/* igraph 0.10's igraph_cmp_epsilon(a, b, EPS), inlined. */
static inline int cmp_eps(double a, double b)
{
    double diff, abs_diff, sum;
    if (a == b) {
        return 0;
    }
    diff = a - b;
    abs_diff = fabs(diff);
    sum = fabs(a) + fabs(b);
    if (a == 0 || b == 0 || sum < DBL_MIN) {
        return abs_diff < EPS * DBL_MIN ? 0 : (diff < 0 ? -1 : 1);
    }
    if (!isfinite(sum)) {
        return abs_diff < EPS * fabs(a) + EPS * fabs(b) ? 0 : (diff < 0 ? -1 : 1);
    }
    return abs_diff / sum < EPS ? 0 : (diff < 0 ? -1 : 1);
}

/* The ties a search follows (out-ties, or both directions when undirected) as compressed
 * rows, and where each vertex's parents go (one slot per tie that can reach it). Vertices are
 * numbered afresh, hubs first (see csr_build()): new_of maps a graph vertex to its number. */
typedef struct csr {
    size_t n;
    size_t *off; /* n + 1: ties of u are adj[off[u] .. off[u + 1]) */
    uint32_t *adj;
    double *len;  /* NULL: unweighted */
    size_t *poff; /* n + 1: parent slots of v are par[poff[v] .. poff[v + 1]) */
    uint32_t *new_of;
} csr;

bool firmnet_i_hubs_first = true;

/* One vertex's state in a search, kept together so that touching a vertex costs one cache
 * line; between searches all is 0. Distances and heap positions live in arrays of their own
 * (workspace.dist, .hpos): every tie a search follows reads its head's distance and every heap
 * move writes a position, while the rest is touched only when a path is found, so the
 * distances stay in cache longer. */
typedef struct vstate {
    double sigma;   /* number of shortest paths */
    double delta;   /* dependency */
    uint32_t npar;  /* parents in par[pbase ..] */
    uint32_t pbase; /* csr.poff[v], kept here (in what would be padding) so that finding a
                     * path touches one line; set once per workspace, never reset */
} vstate;

/* One thread's search state. */
typedef struct workspace {
    vstate *st;
    double *dist;   /* distance + 1 (igraph's convention), 0 = not reached; 0 between searches */
    uint32_t *hpos; /* position in the heap of a queued vertex */
    uint32_t *order, *par;
    struct heap_item {
        double key;
        uint32_t v;
    } *heap;        /* inside heap_mem, placed so that each set of siblings fills a line */
    void *heap_mem;
} workspace;

static void csr_free(csr *c)
{
    firmnet_i_free(c->off);
    firmnet_i_free(c->adj);
    firmnet_i_free(c->len);
    firmnet_i_free(c->poff);
    firmnet_i_free(c->new_of);
}

/*
 * Copy @p g into @p c. Vertices are renumbered by falling in-degree (ties by number), when
 * firmnet_i_hubs_first is set: in heavy-tailed networks most ties lead to a few hubs, whose
 * state then shares a few cache lines. Each vertex keeps its ties in igraph's edge order, and
 * the heap compares distances only, so a search does the same steps in the same order under
 * any numbering and the results are the same bits (tests/test_betweenness.c checks).
 */
static int csr_build(csr *c, const igraph_t *g, const double *len)
{
    size_t n = (size_t)igraph_vcount(g), m = (size_t)igraph_ecount(g), maxd = 0;
    bool undirected = !igraph_is_directed(g);
    size_t slots = undirected ? 2 * m : m, *outd = NULL, *ind = NULL, *rank = NULL;
    int rc = 0;

    memset(c, 0, sizeof *c);
    if (slots > UINT32_MAX) { /* parent slots are 32-bit (vstate.pbase) */
        return firmnet_i_error(FIRMNET_ERANGE, "betweenness: more than 2^32 tie ends");
    }
    c->n = n;
    c->off = firmnet_i_calloc(n + 1, sizeof *c->off);
    c->poff = firmnet_i_calloc(n + 1, sizeof *c->poff);
    c->new_of = firmnet_i_malloc((n ? n : 1) * sizeof *c->new_of);
    c->adj = firmnet_i_malloc((slots ? slots : 1) * sizeof *c->adj);
    c->len = len ? firmnet_i_malloc((slots ? slots : 1) * sizeof *c->len) : NULL;
    outd = firmnet_i_calloc(n + 1, sizeof *outd);
    ind = firmnet_i_calloc(n + 1, sizeof *ind);
    if (c->off == NULL || c->poff == NULL || c->new_of == NULL || c->adj == NULL ||
        (len && c->len == NULL) || outd == NULL || ind == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t e = 0; e < m; e++) {
        size_t a = (size_t)IGRAPH_FROM(g, (igraph_integer_t)e);
        size_t b = (size_t)IGRAPH_TO(g, (igraph_integer_t)e);
        if (a == b) {
            continue; /* loops never lie on a shortest path (igraph: IGRAPH_NO_LOOPS) */
        }
        outd[a]++;
        ind[b]++;
        if (undirected) {
            outd[b]++;
            ind[a]++;
        }
    }
    /* the new numbering: a stable counting sort by falling in-degree */
    for (size_t v = 0; v < n; v++) {
        maxd = ind[v] > maxd ? ind[v] : maxd;
    }
    rank = firmnet_i_calloc(maxd + 2, sizeof *rank);
    if (rank == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t v = 0; v < n; v++) {
        rank[maxd - ind[v] + 1]++;
    }
    for (size_t d = 0; d <= maxd; d++) {
        rank[d + 1] += rank[d];
    }
    for (size_t v = 0; v < n; v++) {
        c->new_of[v] = firmnet_i_hubs_first ? (uint32_t)rank[maxd - ind[v]]++ : (uint32_t)v;
    }
    for (size_t v = 0; v < n; v++) {
        c->off[c->new_of[v] + 1] = outd[v];
        c->poff[c->new_of[v] + 1] = ind[v];
    }
    for (size_t v = 0; v < n; v++) {
        c->off[v + 1] += c->off[v];
        c->poff[v + 1] += c->poff[v];
        outd[v] = c->off[v]; /* now: where new vertex v's next tie goes */
    }
    for (size_t e = 0; e < m; e++) {
        size_t a = (size_t)IGRAPH_FROM(g, (igraph_integer_t)e);
        size_t b = (size_t)IGRAPH_TO(g, (igraph_integer_t)e);
        if (a == b) {
            continue;
        }
        uint32_t na = c->new_of[a], nb = c->new_of[b];
        c->adj[outd[na]] = nb;
        if (len) {
            c->len[outd[na]] = len[e];
        }
        outd[na]++;
        if (undirected) {
            c->adj[outd[nb]] = na;
            if (len) {
                c->len[outd[nb]] = len[e];
            }
            outd[nb]++;
        }
    }
cleanup:
    firmnet_i_free(outd);
    firmnet_i_free(ind);
    firmnet_i_free(rank);
    if (rc < 0) {
        csr_free(c);
    }
    return rc;
}

static void workspace_free(workspace *w)
{
    firmnet_i_free(w->st);
    firmnet_i_free(w->dist);
    firmnet_i_free(w->hpos);
    firmnet_i_free(w->order);
    firmnet_i_free(w->par);
    firmnet_i_free(w->heap_mem);
}

static int workspace_init(workspace *w, const csr *c)
{
    size_t n = c->n ? c->n : 1, slots = c->poff[c->n] ? c->poff[c->n] : 1;
    memset(w, 0, sizeof *w);
    w->st = firmnet_i_calloc(n, sizeof *w->st);
    w->dist = firmnet_i_calloc(n, sizeof *w->dist);
    w->order = firmnet_i_malloc(n * sizeof *w->order);
    w->par = firmnet_i_malloc(slots * sizeof *w->par);
    /* 64 bytes more than the heap: the children of item i, 4i + 1 .. 4i + 4, are 64 bytes
     * that start on a cache line when item 1 does, so a level of heap_pop() reads one line */
    w->heap_mem = c->len ? firmnet_i_malloc(n * sizeof *w->heap + 64) : NULL;
    w->hpos = c->len ? firmnet_i_malloc(n * sizeof *w->hpos) : NULL;
    if (w->st == NULL || w->dist == NULL || w->order == NULL || w->par == NULL ||
        (c->len && (w->heap_mem == NULL || w->hpos == NULL))) {
        workspace_free(w);
        return firmnet_i_nomem();
    }
    if (w->heap_mem != NULL) {
        uintptr_t item1 = (uintptr_t)w->heap_mem + sizeof *w->heap;
        w->heap = (struct heap_item *)((uintptr_t)w->heap_mem + (64 - item1 % 64) % 64);
    }
    for (size_t v = 0; v < c->n; v++) {
        w->st[v].pbase = (uint32_t)c->poff[v];
    }
    return 0;
}

/* ---- a 4-ary min-heap of vertices by distance, with decrease-key ----------------------- */

#define ARITY 4

static inline void heap_up(workspace *w, size_t i, struct heap_item x)
{
    struct heap_item *h = w->heap;
    while (i > 0) {
        size_t p = (i - 1) / ARITY;
        if (!(x.key < h[p].key)) {
            break;
        }
        h[i] = h[p];
        w->hpos[h[i].v] = (uint32_t)i;
        i = p;
    }
    h[i] = x;
    w->hpos[x.v] = (uint32_t)i;
}

static inline uint32_t heap_pop(workspace *w, size_t *size)
{
    struct heap_item *h = w->heap;
    uint32_t top = h[0].v;
    size_t hn = --*size, i = 0;
    struct heap_item x = h[hn];
    if (hn == 0) {
        return top;
    }
    for (;;) {
        size_t first = ARITY * i + 1, last = first + ARITY, s = first;
        if (first >= hn) {
            break;
        }
        if (last <= hn) {
            /* all four children: the first smallest, without branches to mispredict */
            size_t a = first + (h[first + 1].key < h[first].key);
            size_t b = first + 2 + (h[first + 3].key < h[first + 2].key);
            s = a + (b - a) * (h[b].key < h[a].key);
        } else {
            for (size_t j = first + 1; j < hn; j++) {
                s = h[j].key < h[s].key ? j : s;
            }
        }
        if (!(h[s].key < x.key)) {
            break;
        }
        h[i] = h[s];
        w->hpos[h[i].v] = (uint32_t)i;
        i = s;
    }
    h[i] = x;
    w->hpos[x.v] = (uint32_t)i;
    return top;
}

/* ---- one source ------------------------------------------------------------------------ */

/* How many ties ahead a search asks for the distance of a tie's head: in a large network
 * each is a cache miss, and several in flight overlap. */
#define PREFETCH 6

/* Shortest paths from @p s; returns the number of vertices settled, in w->order. */
static size_t search_weighted(const csr *c, workspace *w, uint32_t s)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj;
    const double *len = c->len;
    vstate *st = w->st;
    double *dist = w->dist;
    uint32_t *par = w->par;
    size_t settled = 0, hn = 0;

    dist[s] = 1.0;
    st[s].sigma = 1;
    heap_up(w, hn++, (struct heap_item){1.0, s});
    while (hn > 0) {
        uint32_t u = heap_pop(w, &hn);
        double du = dist[u], su = st[u].sigma;
        size_t j = off[u], end = off[u + 1];
        w->order[settled++] = u;
        if (hn > 0) { /* the next vertex out, unless this one's ties change the top */
            size_t next = off[w->heap[0].v];
            __builtin_prefetch(&adj[next]);
            __builtin_prefetch(&len[next]);
        }
        for (size_t a = j; a < j + PREFETCH && a < end; a++) {
            __builtin_prefetch(&dist[adj[a]]);
        }
        for (; j < end; j++) {
            uint32_t v = adj[j];
            double alt = du + len[j], cur;
            if (j + PREFETCH < end) {
                __builtin_prefetch(&dist[adj[j + PREFETCH]]);
            }
            cur = dist[v];
            if (cur == 0) {
                vstate *sv = &st[v];
                par[sv->pbase] = u;
                sv->npar = 1;
                sv->sigma = su;
                dist[v] = alt;
                heap_up(w, hn++, (struct heap_item){alt, v});
                continue;
            }
            int cmp = cmp_eps(alt, cur);
            vstate *sv = &st[v];
            if (cmp < 0) {
                par[sv->pbase] = u;
                sv->npar = 1;
                sv->sigma = su;
                dist[v] = alt;
                heap_up(w, w->hpos[v], (struct heap_item){alt, v});
            } else if (cmp == 0) {
                par[sv->pbase + sv->npar++] = u;
                sv->sigma += su;
            }
        }
    }
    return settled;
}

static size_t search_unweighted(const csr *c, workspace *w, uint32_t s)
{
    const size_t *off = c->off;
    const uint32_t *adj = c->adj;
    vstate *st = w->st;
    double *dist = w->dist;
    uint32_t *par = w->par, *queue = w->order;
    size_t head = 0, tail = 0;

    dist[s] = 1.0;
    st[s].sigma = 1;
    queue[tail++] = s;
    while (head < tail) {
        uint32_t u = queue[head++];
        double next = dist[u] + 1, su = st[u].sigma;
        for (size_t j = off[u]; j < off[u + 1]; j++) {
            uint32_t v = adj[j];
            if (dist[v] == 0) {
                dist[v] = next;
                queue[tail++] = v;
            }
            if (dist[v] == next) {
                vstate *sv = &st[v];
                par[sv->pbase + sv->npar++] = u;
                sv->sigma += su;
            }
        }
    }
    return tail;
}

/* Add source @p s's dependencies to acc and leave the workspace clean. */
static void single_source(const csr *c, workspace *w, uint32_t s, double *acc)
{
    size_t settled = c->len ? search_weighted(c, w, s) : search_unweighted(c, w, s);
    const uint32_t *par = w->par;
    vstate *st = w->st;

    while (settled > 0) {
        uint32_t v = w->order[--settled];
        vstate *sv = &st[v];
        double coeff = (1 + sv->delta) / sv->sigma;
        const uint32_t *p = par + sv->pbase;
        for (uint32_t j = 0; j < sv->npar; j++) {
            st[p[j]].delta += st[p[j]].sigma * coeff;
        }
        if (v != s) {
            acc[v] += sv->delta;
        }
        w->dist[v] = 0;
        sv->sigma = 0;
        sv->delta = 0;
        sv->npar = 0;
    }
}

/* ---- the whole computation ------------------------------------------------------------- */

int firmnet_i_betweenness(double *res, const igraph_t *g, const double *len,
                          const uint32_t *sources, size_t k, unsigned int threads)
{
    size_t n = (size_t)igraph_vcount(g), m = (size_t)igraph_ecount(g);
    double *lane[LANES] = {0};
    workspace *ws = NULL;
    unsigned int nws = 0;
    csr c;
    int rc;

    for (size_t e = 0; len != NULL && e < m; e++) {
        if (!(len[e] > 0)) {
            return firmnet_i_error(FIRMNET_EDATA,
                                   "betweenness: path lengths must be positive, not %g "
                                   "(a tie weight of 0 or below, or NaN)",
                                   len[e]);
        }
    }
    if (sources == NULL) {
        k = n;
    }
    memset(res, 0, (n ? n : 1) * sizeof *res);
    if (n == 0 || k == 0) {
        return 0;
    }
    rc = csr_build(&c, g, len);
    if (rc < 0) {
        return rc;
    }
    threads = threads < 1 ? 1 : threads > LANES ? LANES : threads;
    if (threads > k) {
        threads = (unsigned int)k;
    }
    for (size_t j = 0; j < LANES && j < k; j++) {
        if ((lane[j] = firmnet_i_calloc(n, sizeof *lane[j])) == NULL) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
    }
    ws = firmnet_i_calloc(threads, sizeof *ws);
    if (ws == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (; nws < threads; nws++) {
        if ((rc = workspace_init(&ws[nws], &c)) < 0) {
            goto cleanup;
        }
    }
    /* Nothing below allocates or fails, so no error crosses a thread. */
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (size_t j = 0; j < LANES; j++) {
        workspace *w = &ws[omp_get_thread_num()];
        for (size_t i = j; i < k; i += LANES) {
            single_source(&c, w, c.new_of[sources ? sources[i] : i], lane[j]);
        }
    }
    for (size_t v = 0; v < n; v++) {
        size_t nv = c.new_of[v];
        res[v] = lane[0][nv];
        for (size_t j = 1; j < LANES && j < k; j++) {
            res[v] += lane[j][nv];
        }
    }
    if (!igraph_is_directed(g)) {
        for (size_t v = 0; v < n; v++) {
            res[v] *= 0.5;
        }
    }
cleanup:
    for (size_t j = 0; j < LANES; j++) {
        firmnet_i_free(lane[j]);
    }
    while (nws > 0) {
        workspace_free(&ws[--nws]);
    }
    firmnet_i_free(ws);
    csr_free(&c);
    return rc;
}
