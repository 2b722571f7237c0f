/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/centrality.h
 * @brief Centrality of every actor in a graph view, and network-level centralization.
 *
 * ## Weight semantics
 * Tie weights are strengths: a bigger weight means a closer tie. ::firmnet_weights says how
 * they enter the measures:
 * - ::FIRMNET_WEIGHTS_INVERSE (default): path-based measures (betweenness, closeness,
 *   harmonic) use the distance 1 / weight; strength, PageRank, eigenvector, hub, authority
 *   and Barrat clustering use the weight as a strength.
 * - ::FIRMNET_WEIGHTS_DISTANCE: the weight already is a distance; path-based measures use it
 *   as it is. Strength-type measures still read it as a strength.
 * - ::FIRMNET_WEIGHTS_UNWEIGHTED: every tie counts 1 in every measure (strength then equals
 *   degree and Barrat clustering equals plain clustering).
 *
 * Degree, coreness and plain clustering never use weights.
 *
 * ## Measures (the column names of firmnet_centrality())
 * With n actors in the view, d(i,j) the shortest-path distance, sigma_st the number of
 * shortest s-t paths and sigma_st(i) those through i:
 * - `degree_in`, `degree_out`, `degree`: number of ties in, out, in + out. Undirected views:
 *   all three are the degree. Normalized: divided by n - 1 (also `degree`, as igraph and
 *   networkx do).
 * - `strength_in`, `strength_out`, `strength`: the sums of the tie weights; never normalized.
 * - `betweenness`: sum over pairs s != i != t of sigma_st(i) / sigma_st (each unordered pair
 *   once in undirected views). Normalized: divided by (n-1)(n-2) in directed views and by
 *   (n-1)(n-2)/2 in undirected ones. Path lengths that agree to a relative 1e-10 are treated
 *   as equal (igraph's rule), so 1/2 + 1/2 and 1/3 + 2/3 tie. See "Sampled betweenness".
 * - `closeness`: 1 / sum of d(i,j) over the r_i actors j that i reaches (mode
 *   firmnet_centrality_options::closeness_mode, default out-distances), NaN when i reaches
 *   nobody. Normalized: multiplied by r_i, i.e. 1 / mean distance (igraph 0.10's convention).
 * - `harmonic`: sum over j != i of 1 / d(i,j) (0 for unreachable j), same mode as closeness.
 *   Normalized: divided by n - 1.
 * - `eigenvector`: x with A^T x = lambda x for the largest eigenvalue (a tie i -> j adds to
 *   j), scaled so that max x = 1 (igraph's scale = true; networkx scales to unit Euclidean
 *   norm). All zeros in a directed acyclic view; all ones in a view without ties.
 * - `pagerank`: PageRank with damping firmnet_centrality_options::damping (default 0.85),
 *   dangling actors teleporting uniformly (igraph's PRPACK and networkx agree); sums to 1.
 * - `hub`, `authority`: Kleinberg's HITS, principal eigenvectors of A A^T and A^T A, each
 *   scaled to max 1 (networkx scales to sum 1). In undirected views both equal the
 *   eigenvector of A^2.
 * - `coreness`: the largest k such that i belongs to the k-core (firmnet_centrality_options::
 *   coreness_mode, default in + out degree).
 * - `clustering`: local clustering coefficient t_i / (k_i (k_i - 1) / 2), ties taken as
 *   undirected; NaN when k_i < 2 (igraph's default; networkx gives 0).
 * - `clustering_weighted`: Barrat's coefficient
 *   sum_{j,h} (w_ij + w_ih) / 2 a_ij a_ih a_jh / (s_i (k_i - 1)); NaN when k_i < 2.
 *
 * Both clustering columns ignore direction: in a directed view they are computed on the
 * undirected graph in which a pair tied in both directions becomes one tie whose weight is the
 * sum of the two (so s_i is the directed view's `strength`).
 *
 * In the actor table the vertices that provably score 0 (eigenvector and authority with no
 * incoming tie, hub with no outgoing tie) are set to exactly 0; igraph 0.10.2 returns noise
 * of the order of 1e-17 for them.
 *
 * ## Sampled betweenness
 * Exact betweenness (Brandes) costs O(n m) time (O(n m + n^2 log n) weighted). The sampled
 * estimate (Brandes & Pich 2007) draws k distinct source actors uniformly at random with a
 * seeded Mersenne Twister, runs the single-source stage from each, and scales the summed
 * dependencies by n / k. It is unbiased, and by Hoeffding's inequality (which also holds for
 * sampling without replacement) and a union bound over the n actors, with probability at
 * least 1 - delta every actor's normalized betweenness is off by at most
 *
 *     eps = n / (n - 1) * sqrt(ln(2 n / delta) / (2 k)),
 *
 * see firmnet_betweenness_error_bound(). The bound is worst-case: observed errors are usually
 * much smaller. The method actually used is reported in the `betweenness_method` column.
 *
 * ## Threads
 * firmnet_centrality_options::threads sets how many threads work on one call; the host's
 * OpenMP settings (OMP_NUM_THREADS, omp_set_num_threads()) are not inherited, and the
 * calling thread's OpenMP thread count is restored on return. 0 (the default) chooses by size:
 * - igraph's OpenMP code (PageRank's PRPACK) runs on one thread in views with fewer than
 *   #FIRMNET_CENTRALITY_THREADS_EDGES (one million) edges, where starting threads costs more
 *   than it saves and makes run times jittery, and on two threads in larger views;
 * - betweenness (firmnet's own Brandes code) runs on one thread when (sources x edges) is
 *   below #FIRMNET_CENTRALITY_THREADS_WORK, on two above;
 * never on more threads than the machine has processors. Betweenness is the same to the last
 * bit whatever the number of threads (it sums the sources' dependencies in fixed batches, in
 * a fixed order). PRPACK's parallel sums round differently with one thread and with two:
 * PageRank can differ in the last digit or two (relative 1e-15) between thread counts, so
 * set `threads` explicitly where bit-for-bit reproducibility across machines matters.
 */
#ifndef FIRMNET_CENTRALITY_H
#define FIRMNET_CENTRALITY_H

#include "common.h"
#include "graph.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How tie weights enter the measures (see the file documentation). */
typedef enum firmnet_weights {
    FIRMNET_WEIGHTS_INVERSE = 0,    /**< distance = 1 / weight (default) */
    FIRMNET_WEIGHTS_UNWEIGHTED = 1, /**< every tie counts 1 */
    FIRMNET_WEIGHTS_DISTANCE = 2,   /**< distance = weight */
} firmnet_weights;

/** Which ties of a directed view a measure follows. Ignored in undirected views. */
typedef enum firmnet_mode {
    FIRMNET_MODE_ALL = 0, /**< both directions */
    FIRMNET_MODE_OUT = 1, /**< outgoing ties (distances from the actor) */
    FIRMNET_MODE_IN = 2,  /**< incoming ties (distances to the actor) */
} firmnet_mode;

/** How betweenness is computed. */
typedef enum firmnet_betweenness_method {
    FIRMNET_BETWEENNESS_AUTO = 0,    /**< exact up to sample_above actors, sampled above */
    FIRMNET_BETWEENNESS_EXACT = 1,   /**< Brandes' exact algorithm */
    FIRMNET_BETWEENNESS_SAMPLED = 2, /**< Brandes-Pich source sampling */
} firmnet_betweenness_method;

/**
 * Options of firmnet_centrality() and firmnet_centralization(). Initialise with
 * FIRMNET_CENTRALITY_OPTIONS_INIT or firmnet_centrality_options_init(): a zero-filled struct
 * has damping 0, which is valid but not the default.
 */
typedef struct firmnet_centrality_options {
    unsigned int version; /**< FIRMNET_CENTRALITY_OPTIONS_VERSION */
    /** Comma-separated measure (column) names, e.g. "degree,betweenness,pagerank";
     * NULL, "" or "all": every measure. Case-insensitive; spaces around names are ignored. */
    const char *measures;
    firmnet_weights weights; /**< default ::FIRMNET_WEIGHTS_INVERSE */
    int normalized;          /**< non-zero: normalize degree, betweenness, closeness, harmonic */
    double damping;          /**< PageRank damping factor in [0, 1]; default 0.85 */
    firmnet_mode closeness_mode; /**< closeness and harmonic; default ::FIRMNET_MODE_OUT */
    firmnet_mode coreness_mode;  /**< default ::FIRMNET_MODE_ALL */
    firmnet_betweenness_method betweenness; /**< default ::FIRMNET_BETWEENNESS_AUTO */
    size_t samples;      /**< source samples k; 0: the smallest k whose bound is epsilon */
    double epsilon;      /**< target bound on the normalized error, in (0, 1); default 0.05 */
    double delta;        /**< the bound may fail with probability delta, in (0, 1); 0.1 */
    uint64_t seed;       /**< seed of the sampling RNG (GSL mt19937; 0 acts as 4357); default 1 */
    size_t sample_above; /**< AUTO samples when the view has more actors; default 10000 */
    /** Threads (version 2): 0 (default) chooses by the size of the work, see "Threads" in the
     * file documentation; N > 0 uses N threads. Results do not depend on it. */
    unsigned int threads;
} firmnet_centrality_options;

/** Version 2 added firmnet_centrality_options::threads; version 1 structs are still accepted
 * (they end before it and mean threads = 0). */
#define FIRMNET_CENTRALITY_OPTIONS_VERSION 2
/* clang-format off */
#define FIRMNET_CENTRALITY_OPTIONS_INIT                                                         \
    {FIRMNET_CENTRALITY_OPTIONS_VERSION, NULL, FIRMNET_WEIGHTS_INVERSE, 0, 0.85,                \
     FIRMNET_MODE_OUT, FIRMNET_MODE_ALL, FIRMNET_BETWEENNESS_AUTO, 0, 0.05, 0.1, 1, 10000, 0}
/* clang-format on */

/** With firmnet_centrality_options::threads = 0, igraph's OpenMP code (PageRank) runs on one
 * thread in views with fewer edges than this, on two at or above it. */
#define FIRMNET_CENTRALITY_THREADS_EDGES 1000000
/** With firmnet_centrality_options::threads = 0, betweenness runs on one thread when
 * sources x edges is below this (about 50 ms of work), on two at or above it. */
#define FIRMNET_CENTRALITY_THREADS_WORK 2000000
/** The largest accepted firmnet_centrality_options::threads. */
#define FIRMNET_CENTRALITY_THREADS_MAX 256

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_centrality_options_init(firmnet_centrality_options *opts,
                                                unsigned int version);

/**
 * Centrality of every actor of a view.
 *
 * Columns: `id`, `type`, `size`, `cluster`, `mc` (strings from the actor table; blank when
 * unknown), then the selected measures in this order: `degree_in`, `degree_out`, `degree`,
 * `strength_in`, `strength_out`, `strength`, `betweenness`, `closeness`, `harmonic`,
 * `eigenvector`, `pagerank`, `hub`, `authority`, `coreness`, `clustering`,
 * `clustering_weighted`; and, when betweenness is selected, the string column
 * `betweenness_method`: "exact", or "sampled k=K seed=S bound=B delta=D" with the number of
 * sources, the seed and the bound of firmnet_betweenness_error_bound(). One row per actor in
 * actor order (isolates included).
 *
 * @param out   receives the table; the caller releases it with firmnet_table_free().
 * @param graph the view; its network must still be alive.
 * @param opts  NULL for defaults.
 * @return 0, ::FIRMNET_EINVAL (NULL argument, bad option, unknown measure name),
 *         ::FIRMNET_ENOMEM, ::FIRMNET_EIGRAPH (igraph failed, e.g. ARPACK did not converge).
 * Complexity: O(n m) for exact betweenness, closeness and harmonic (O(n m + n^2 log n)
 * weighted), O(k m) sampled; eigenvector, hub and authority O(m) per ARPACK iteration;
 * PageRank O(m) per iteration; degree, strength and coreness O(n + m); clustering
 * O(sum of squared degrees). Memory O(n + m).
 * Thread-safety: holds firmnet's igraph lock while it computes.
 */
FIRMNET_API int firmnet_centrality(firmnet_table **out, const firmnet_graph *graph,
                                   const firmnet_centrality_options *opts);

/**
 * Network-level indices of a view: density and Freeman centralization.
 *
 * One row per index, with columns `measure`, `value`, `raw`, `theoretical_max`, `method`:
 * - `density`: raw = ties, theoretical_max = n (n - 1) (directed) or n (n - 1) / 2;
 * - `degree_in`, `degree_out`, `degree`: raw = sum_i (max_j c_j - c_i) of the degrees,
 *   theoretical_max = the same sum for the most centralized graph of n actors without self-ties
 *   (igraph_centralization_degree_tmax with loops = false);
 * - `betweenness`: as above for betweenness (method "exact" or "sampled ...", as in
 *   firmnet_centrality());
 * - `closeness`: as above for normalized closeness with closeness_mode; NaN when some actor
 *   reaches nobody (closeness undefined), as in igraph.
 * `value` = raw / theoretical_max is Freeman's centralization (density for `density`).
 *
 * Freeman centralization is defined on the binary graph, and the theoretical maxima are those
 * of binary graphs, so every index here ignores tie weights whatever @p opts says (as igraph's
 * centralization functions and R's centr_degree, centr_betw, centr_clo do). A degree, betweenness
 * or closeness row is present when the measure of that name is selected in @p opts.
 *
 * @param out   receives the table; the caller releases it with firmnet_table_free().
 * @return as firmnet_centrality().
 * Complexity: O(n m) for betweenness and closeness (O(k m) sampled), O(n + m) for the rest.
 */
FIRMNET_API int firmnet_centralization(firmnet_table **out, const firmnet_graph *graph,
                                       const firmnet_centrality_options *opts);

/**
 * Check a measure list as firmnet_centrality_options::measures takes it.
 * @return 0, or ::FIRMNET_EINVAL naming the first unknown name and listing the valid ones.
 * Complexity: O(length of @p list).
 */
FIRMNET_API int firmnet_centrality_measures_check(const char *list);

/** Number of measures (16). */
FIRMNET_API size_t firmnet_centrality_measure_count(void);

/** Name of measure @p k in column order, or NULL when out of range. Static storage. */
FIRMNET_API const char *firmnet_centrality_measure_name(size_t k);

/**
 * Parse "inverse", "unweighted" or "distance" (case-insensitive).
 * @return 0, or ::FIRMNET_EINVAL for another name.
 */
FIRMNET_API int firmnet_weights_parse(firmnet_weights *out, const char *name);

/** The name of a ::firmnet_weights value, or NULL when invalid. Static storage. */
FIRMNET_API const char *firmnet_weights_name(firmnet_weights weights);

/** Parse "all", "out" or "in" (case-insensitive). @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_mode_parse(firmnet_mode *out, const char *name);

/** The name of a ::firmnet_mode value, or NULL when invalid. Static storage. */
FIRMNET_API const char *firmnet_mode_name(firmnet_mode mode);

/** Parse "auto", "exact" or "sampled" (case-insensitive). @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_betweenness_method_parse(firmnet_betweenness_method *out, const char *name);

/** The name of a ::firmnet_betweenness_method value, or NULL when invalid. Static storage. */
FIRMNET_API const char *firmnet_betweenness_method_name(firmnet_betweenness_method method);

/**
 * The bound on the error of sampled normalized betweenness: with probability at least
 * 1 - @p delta, every actor's estimate is within n / (n - 1) sqrt(ln(2 n / delta) / (2 k))
 * of the exact value (k = @p samples). 0 when k >= n (the computation is then exact); NaN for
 * n < 3, k = 0 or delta outside (0, 1). Complexity: O(1).
 */
FIRMNET_API double firmnet_betweenness_error_bound(size_t n, size_t samples, double delta);

/**
 * The smallest number of source samples whose bound (firmnet_betweenness_error_bound()) is at
 * most @p epsilon with probability 1 - @p delta; at most n. 0 for invalid arguments
 * (epsilon or delta outside (0, 1)). Complexity: O(1).
 */
FIRMNET_API size_t firmnet_betweenness_sample_size(size_t n, double epsilon, double delta);

#ifdef __cplusplus
}
#endif

#endif
