/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/embeddedness.h
 * @brief Embeddedness and brokerage: local (regional), structural (Burt) and relational
 * embeddedness per actor and per group, the E-I index of Krackhardt and Stern, and the
 * brokerage roles of Gould and Fernandez.
 *
 * Every function takes a graph view (firmnet_graph_new()): the view decides which layers and
 * waves are used, whether ties are directed and how parallel ties are merged. Results are
 * tables; actor tables have one row per actor of the view's network, in actor order, and
 * start with the column `id`.
 *
 * ## Grouping attributes
 * The group-based measures take the name of any categorical actor attribute: `type`, `size`,
 * `mc`, `cluster`, `region`, `sector`, `tech` or a column of the user's actor file (names are
 * case-insensitive). Every distinct value is a group, compared byte for byte. A name followed
 * by `?` (for example `mc?`) groups actors by whether the attribute is filled in: groups
 * `yes` and `no` (MC members vs non-members); an attribute whose own name ends in `?` takes
 * precedence. Groups are listed in byte order of their values.
 *
 * Blank values: by default (::FIRMNET_BLANK_GROUP) actors with a blank value form a group of
 * their own, named "" (as R's sna and UCINET treat every distinct value as a group). With
 * ::FIRMNET_BLANK_EXCLUDE they take no part: they are not relabelled, their ties are left
 * out, and their rows in actor tables hold NaN.
 */
#ifndef FIRMNET_EMBEDDEDNESS_H
#define FIRMNET_EMBEDDEDNESS_H

#include "common.h"
#include "graph.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How actors with a blank value of a grouping attribute are treated. */
typedef enum firmnet_blank {
    FIRMNET_BLANK_GROUP = 0,   /**< blank is a group of its own, named "" (default) */
    FIRMNET_BLANK_EXCLUDE = 1, /**< such actors and their ties take no part */
} firmnet_blank;

/** Families of measures computed by firmnet_embeddedness() (bit flags). */
typedef enum firmnet_embeddedness_measures {
    FIRMNET_EMBEDDEDNESS_LOCAL = 1,      /**< local (regional) shares */
    FIRMNET_EMBEDDEDNESS_STRUCTURAL = 2, /**< Burt's measures, clustering, coreness */
    FIRMNET_EMBEDDEDNESS_RELATIONAL = 4, /**< tie strength, multiplexity, reciprocity */
    FIRMNET_EMBEDDEDNESS_ALL = 7,
} firmnet_embeddedness_measures;

/** Options of firmnet_embeddedness() and firmnet_embeddedness_groups(). */
typedef struct firmnet_embeddedness_options {
    unsigned int version;  /**< FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION */
    unsigned int measures; /**< OR of ::firmnet_embeddedness_measures; 0 means all */
    int unweighted;        /**< non-zero: Burt's measures count ties instead of using weights */
    firmnet_blank blank;   /**< blank values of the grouping attribute (groups table only) */
} firmnet_embeddedness_options;

#define FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION 1
#define FIRMNET_EMBEDDEDNESS_OPTIONS_INIT                                                       \
    {FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION, FIRMNET_EMBEDDEDNESS_ALL, 0, FIRMNET_BLANK_GROUP}

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_embeddedness_options_init(firmnet_embeddedness_options *opts,
                                                  unsigned int version);

/**
 * Embeddedness of every actor of a view.
 *
 * Column families, in this order after `id` (see doc/embeddedness.md for the formulas):
 *
 * - Local (::FIRMNET_EMBEDDEDNESS_LOCAL): `<scope>_share_<dir>` for scope `cluster`, `region`,
 *   `mc` and direction `out` (ties sent: local sales), `in` (ties received: local sourcing),
 *   `all`: the share of the actor's tie weight whose partner has the actor's own value of the
 *   scope attribute; with suffix `_n` the share of the number of ties. For `cluster` and
 *   `region`, partners whose location is unknown (blank cluster and blank region) are left
 *   out of the denominator; their weight is in `unknown_<dir>` and their number in
 *   `unknown_<dir>_n`. NaN when the actor has no value of the scope (no cluster, no MC) or
 *   no tie in that direction to a partner with a known location. In undirected views every
 *   tie counts as both sent and received, so the three directions agree.
 * - Structural (::FIRMNET_EMBEDDEDNESS_STRUCTURAL): `constraint` (igraph_constraint(), Burt
 *   2004), `effective_size` and `efficiency` (as networkx's effective_size(); efficiency =
 *   effective size / number of contacts), `hierarchy` (Burt 1992), `clustering` (local
 *   clustering coefficient of the undirected simple graph; NaN below two contacts) and
 *   `coreness` (k-core number, in + out degree). Tie direction is ignored: i and j are
 *   contacts when a tie joins them either way, and their mutual weight is the sum of the
 *   weights of the ties between them (both directions in a directed view), or the number of
 *   those ties when `unweighted` is set. Isolates get NaN (coreness 0).
 * - Relational (::FIRMNET_EMBEDDEDNESS_RELATIONAL): `partners` (distinct contacts),
 *   `strength_mean` and `strength_max` (weights of the view's ties sent and received),
 *   `multiplex_partners` and `multiplex_share` (contacts linked, either way, in two or more
 *   of the view's layers in the view's waves), `layers_per_dyad` (mean number of such
 *   layers per contact) and `reciprocity` (share of the actor's ties, sent or received,
 *   whose reverse tie exists; NaN in undirected views).
 *
 * @param out   receives the table (caller frees with firmnet_table_free()).
 * @param graph the view.
 * @param opts  NULL for defaults.
 * @return 0, ::FIRMNET_EINVAL (NULL argument, bad options), ::FIRMNET_ENOMEM,
 *         ::FIRMNET_EIGRAPH.
 * Complexity: O(n + m + sum over actors of the degrees of their contacts) time, O(n + m)
 * memory, for n actors and m ties of the view (the multiplexity step reads all network ties:
 * O(T log T) for T ties).
 * Thread-safety: takes firmnet's igraph lock while it calls igraph.
 */
FIRMNET_API int firmnet_embeddedness(firmnet_table **out, const firmnet_graph *graph,
                                     const firmnet_embeddedness_options *opts);

/**
 * Local embeddedness per group of actors.
 *
 * One row per group of @p attribute, after a first row for all actors (group `*`). Columns:
 * `group`, `n_actors` and the local columns of firmnet_embeddedness(). The group figures
 * aggregate weights (or numbers of ties), they are not averages of the actors' shares: for
 * each scope and direction, the weight of the group members' ties to partners of the member's
 * own scope value, divided by the weight of their ties to partners with a known location,
 * summed over the members that have a value of the scope. `unknown_*` columns are the sums
 * over all members.
 *
 * @param out       receives the table (caller frees with firmnet_table_free()).
 * @param graph     the view.
 * @param attribute a grouping attribute (see the file header), e.g. "type", "mc?".
 * @param opts      NULL for defaults; `blank` applies, `measures` and `unweighted` do not.
 * @return 0, ::FIRMNET_ENOTFOUND (no such attribute), ::FIRMNET_EINVAL, ::FIRMNET_ENOMEM.
 * Complexity: O(n log n + m).
 */
FIRMNET_API int firmnet_embeddedness_groups(firmnet_table **out, const firmnet_graph *graph,
                                            const char *attribute,
                                            const firmnet_embeddedness_options *opts);

/** Options of firmnet_ei() and firmnet_ei_actors(). */
typedef struct firmnet_ei_options {
    unsigned int version; /**< FIRMNET_EI_OPTIONS_VERSION */
    size_t permutations;  /**< random relabellings for the p-values (default 5000; 0: none) */
    unsigned long seed;   /**< seed of the gsl_rng_mt19937 generator (default 1) */
    firmnet_blank blank;  /**< actors with a blank value */
    firmnet_progress_fn progress; /**< optional, called as permutations finish */
    void *progress_payload;       /**< passed to @ref progress */
} firmnet_ei_options;

#define FIRMNET_EI_OPTIONS_VERSION 1
#define FIRMNET_EI_OPTIONS_INIT                                                                 \
    {FIRMNET_EI_OPTIONS_VERSION, 5000, 1, FIRMNET_BLANK_GROUP, NULL, NULL}

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_ei_options_init(firmnet_ei_options *opts, unsigned int version);

/**
 * The E-I index of Krackhardt and Stern (1988) for the groups of @p attribute, with the
 * expected value and permutation p-values under random relabelling of the actors.
 *
 * One row for the whole network (group `*`, first) and one per group. Each tie of the view
 * is internal (both ends in one group) or external. Columns:
 * - `group`, `n_actors`;
 * - `internal`: internal ties; `external_out`, `external_in`: external ties sent and received
 *   by the group's members (network row: both are the number of external ties);
 * - `ei` = (external_out + external_in - internal) / (external_out + external_in + internal);
 *   for the network row (E - I) / (E + I) over all ties;
 * - `ei_out` = (external_out - internal) / (external_out + internal) (network row: `ei`);
 * - `ei_weighted`: `ei` with tie weights instead of numbers of ties;
 * - `ei_expected`: the value of `ei` expected under random relabelling, (E[X] - E[I]) /
 *   (E[X] + E[I]) from the expected numbers of external and internal ties. For the network
 *   row it is the exact expectation 1 - 2 sum_g n_g (n_g - 1) / (n (n - 1)), which is also
 *   UCINET's "expected" value from the group sizes; it applies to `ei_weighted` as well;
 * - `p_perm`: two-sided permutation p-value of `ei`: the share of relabellings whose E-I is
 *   at least as far from `ei_expected` as the observed one; `p_ge` and `p_le`: UCINET's
 *   one-sided shares P(E-I >= observed) and P(E-I <= observed); `p_perm_weighted`: `p_perm`
 *   for `ei_weighted`; `perm_mean`, `perm_sd`: mean and standard deviation of the relabelled
 *   E-I. Relabelling shuffles the attribute values over the (included) actors with a
 *   gsl_rng_mt19937 seeded with `seed`; relabellings under which a group has no tie are
 *   left out of its p-values. All NaN when `permutations` is 0.
 *
 * In undirected views a tie has no direction: `external_out` holds the group's external ties,
 * `external_in` is NaN and `ei` = `ei_out` = (external_out - internal) / (external_out +
 * internal).
 *
 * @param out       receives the table (caller frees with firmnet_table_free()).
 * @param graph     the view.
 * @param attribute the grouping attribute (see the file header).
 * @param opts      NULL for defaults (5000 permutations, seed 1, blank is a group).
 * @return 0, ::FIRMNET_ENOTFOUND (no such attribute), ::FIRMNET_EINVAL, ::FIRMNET_ENOMEM,
 *         ::FIRMNET_ECANCEL (the progress callback asked to stop).
 * Complexity: O(n log n + P (n + m + G)) for P permutations and G groups.
 * Thread-safety: holds firmnet's igraph/GSL lock during the permutations; the progress
 * callback (every 100 permutations) runs under it and may call firmnet (the lock is
 * recursive).
 */
FIRMNET_API int firmnet_ei(firmnet_table **out, const firmnet_graph *graph, const char *attribute,
                           const firmnet_ei_options *opts);

/**
 * The E-I index of every actor: its ties (sent and received) to partners of another group
 * (E) and of its own group (I). Columns `id`, `group`, `internal` (I), `external` (E), `ei`
 * = (E - I) / (E + I), `ei_weighted` (with tie weights) and `ei_expected` = 1 - 2 (n_g - 1) /
 * (n - 1), the expectation when the other actors are relabelled at random (n_g: size of the
 * actor's group, n: actors included). Isolates have `ei` NaN; excluded actors have a blank
 * group and NaN everywhere.
 * @param out       receives the table (caller frees with firmnet_table_free()).
 * @param graph     the view.
 * @param attribute the grouping attribute.
 * @param opts      NULL for defaults; only `blank` is used.
 * @return as firmnet_ei(). Complexity: O(n log n + m).
 */
FIRMNET_API int firmnet_ei_actors(firmnet_table **out, const firmnet_graph *graph,
                                  const char *attribute, const firmnet_ei_options *opts);

/** Options of firmnet_brokerage() and firmnet_brokerage_global(). */
typedef struct firmnet_brokerage_options {
    unsigned int version; /**< FIRMNET_BROKERAGE_OPTIONS_VERSION */
    firmnet_blank blank;  /**< actors with a blank value */
} firmnet_brokerage_options;

#define FIRMNET_BROKERAGE_OPTIONS_VERSION 1
#define FIRMNET_BROKERAGE_OPTIONS_INIT {FIRMNET_BROKERAGE_OPTIONS_VERSION, FIRMNET_BLANK_GROUP}

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_brokerage_options_init(firmnet_brokerage_options *opts,
                                               unsigned int version);

/**
 * Gould and Fernandez (1989) brokerage roles of every actor, as R's sna::brokerage().
 *
 * Actor j brokers each two-path i -> j -> k (i, j, k distinct) with no tie i -> k. By the
 * groups of @p attribute the path is counted as `coordinator` (i, j, k in one group),
 * `itinerant` (i and k in one group, j in another), `representative` (j in i's group, k in
 * another), `gatekeeper` (j in k's group, i in another) or `liaison` (three groups); `total`
 * is their sum. `expected_<role>` and `z_<role>` are the expected counts and z-scores of
 * Gould and Fernandez, computed from the density m / (N (N - 1)) and the group sizes exactly
 * as sna does (z is NaN or +-Inf where the variance is 0). Columns: `id`, `group`, the six
 * counts, the six expectations, the six z-scores. Ties are unweighted; an undirected view
 * counts every tie in both directions. With ::FIRMNET_BLANK_EXCLUDE the actors with a blank
 * value are removed from the graph (as sna on the subgraph of the other actors).
 *
 * @param out       receives the table (caller frees with firmnet_table_free()).
 * @param graph     the view.
 * @param attribute the grouping attribute (see the file header).
 * @param opts      NULL for defaults (blank is a group).
 * @return 0, ::FIRMNET_ENOTFOUND (no such attribute), ::FIRMNET_EINVAL, ::FIRMNET_ENOMEM.
 * Complexity: O(n log n + sum over ties i -> j of the out-degree of j).
 */
FIRMNET_API int firmnet_brokerage(firmnet_table **out, const firmnet_graph *graph,
                                  const char *attribute, const firmnet_brokerage_options *opts);

/**
 * Network-level brokerage, as sna::brokerage()'s `raw.gli`, `exp.gli`, `sd.gli`, `z.gli`: one
 * row per role (`coordinator`, `itinerant`, `gatekeeper`, `representative`, `liaison`,
 * `total`) with columns `role`, `observed`, `expected`, `sd`, `z`. Parameters as
 * firmnet_brokerage(); the caller frees the table with firmnet_table_free().
 * @return as firmnet_brokerage(). Complexity: as firmnet_brokerage() plus O(G^3) for G groups.
 */
FIRMNET_API int firmnet_brokerage_global(firmnet_table **out, const firmnet_graph *graph,
                                         const char *attribute,
                                         const firmnet_brokerage_options *opts);

#ifdef __cplusplus
}
#endif

#endif
