/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/change.h
 * @brief Network change between two survey waves: did the networks of group members (e.g.
 * mini-cluster participants) change more than those of the others?
 *
 * firmnet_change() compares two waves of a network, per layer group, at three levels:
 *
 * - **ties**: the tie change table over ordered pairs (n00, n01, n10, n11, Jaccard, Hamming,
 *   ties and density at both waves), for the whole network and within/between the groups;
 * - **actors**: degree, strength, distinct partners and local share at both waves and their
 *   change; partners gained and lost, gained by partner type; per-wave numeric attributes;
 * - **groups**: per layer group x stratum x measure, the mean change of participants and
 *   non-participants, their difference (a difference-in-differences), Welch's t-test, a
 *   permutation p-value from relabelling participants within strata, a percentile bootstrap
 *   interval and Cohen's d.
 *
 * It also writes a few plain-language sentences about the distinct-partner comparison, so
 * that every front end (CLI, Python) prints the same summary. The library never prints.
 * doc/change.md gives every definition.
 */
#ifndef FIRMNET_CHANGE_H
#define FIRMNET_CHANGE_H

#include "common.h"
#include "network.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque result of firmnet_change(). */
typedef struct firmnet_change_result firmnet_change_result;

/** Which actors are compared. */
typedef enum firmnet_change_panel {
    /** Actors that are the source of at least one tie (any layer) in both waves: the
     * respondents of a survey in which only respondents report ties (default). */
    FIRMNET_CHANGE_PANEL_RESPONDENTS = 0,
    /** Every actor of the network; an actor without ties has zero degree. */
    FIRMNET_CHANGE_PANEL_ALL = 1,
} firmnet_change_panel;

/** Options of firmnet_change(). Initialise with FIRMNET_CHANGE_OPTIONS_INIT or
 * firmnet_change_options_init(): zero is a valid, non-default value for some fields. */
typedef struct firmnet_change_options {
    unsigned int version; /**< FIRMNET_CHANGE_OPTIONS_VERSION */
    const char *from;     /**< earlier wave; NULL: the first wave */
    const char *to;       /**< later wave; NULL: the last wave */
    /** Layer groups, comma-separated, each reported on its own; a group is a layer selector
     * name ("service" = service.*) or several joined by '+' ("trade+rnd"); "all" = every
     * layer. NULL or "": every top-level layer name in byte order, then "all". */
    const char *layers;
    /** Group attribute; NULL: "mc". Blank, "0", "no" and "false" (any case) mean
     * non-participant, any other value participant. */
    const char *group;
    /** Strata attribute; NULL: "size"; "": no strata. Actors whose value is blank are left out
     * of the group comparison (not of the actor table). */
    const char *strata;
    firmnet_change_panel panel; /**< default FIRMNET_CHANGE_PANEL_RESPONDENTS */
    unsigned int permutations;  /**< relabellings for p_perm; default 9999; 0: no p_perm */
    unsigned int bootstrap;     /**< bootstrap replicates; default 2000; 0: no interval */
    uint64_t seed;              /**< seed of the permutations and the bootstrap; default 1 */
    /** Optional file of numeric attributes per wave: columns `wave`, `id` and any numeric
     * columns (blank = missing), e.g. sales, rnd_spend, patents. NULL: none. */
    const char *attributes;
    firmnet_merge merge; /**< parallel ties of a layer group: SUM (default), MAX, MEAN, COUNT */
    firmnet_progress_fn progress; /**< optional; called per comparison ("permutations") */
    void *progress_payload;       /**< passed to @ref progress */
} firmnet_change_options;

#define FIRMNET_CHANGE_OPTIONS_VERSION 1
#define FIRMNET_CHANGE_OPTIONS_INIT                                                            \
    {FIRMNET_CHANGE_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL,                            \
     FIRMNET_CHANGE_PANEL_RESPONDENTS, 9999, 2000, 1, NULL, FIRMNET_MERGE_SUM, NULL, NULL}

/** Fill @p opts with the defaults of @p version. @return 0 or ::FIRMNET_EINVAL. */
FIRMNET_API int firmnet_change_options_init(firmnet_change_options *opts, unsigned int version);

/**
 * Compare two waves of @p net.
 *
 * @param out  receives the result; the caller releases it with firmnet_change_result_free().
 * @param net  a network with at least two waves; it is not retained.
 * @param opts NULL for defaults.
 * @return 0; ::FIRMNET_EINVAL (bad options, e.g. from = to, merge FIRST/ERROR);
 *         ::FIRMNET_EDATA (fewer than two waves, a bad attribute file value);
 *         ::FIRMNET_ENOTFOUND (a wave, layer, attribute or attribute-file actor that does not
 *         exist); ::FIRMNET_EIO, ::FIRMNET_EPARSE (attribute file, with file:line:column);
 *         ::FIRMNET_ECANCEL (the progress callback asked to stop); ::FIRMNET_ENOMEM;
 *         ::FIRMNET_EIGRAPH.
 *
 * Complexity: O(L (n + m) log n + L S M (P + B) n) for L layer groups, S strata, M measures,
 * n actors, m ties, P permutations and B bootstrap replicates.
 * Thread-safety: holds firmnet's process-wide igraph/GSL lock while it computes.
 */
FIRMNET_API int firmnet_change(firmnet_change_result **out, const firmnet_network *net,
                               const firmnet_change_options *opts);

/** Release a result and its tables and text. Accepts NULL. */
FIRMNET_API void firmnet_change_result_free(firmnet_change_result *res);

/**
 * The actor table: one row per panel actor and layer group, with columns `id`, `layer`,
 * `participant` (1/0), `stratum`, then `<m>_w0`, `<m>_w1`, `<m>_change` for m in degree_out,
 * degree_in, degree, strength_out, strength_in, strength, partners, local_share; then
 * partners_gained, partners_lost, gained_firm, gained_university, gained_research,
 * gained_support, gained_government, gained_service, gained_other; then `<a>_w0`, `<a>_w1`,
 * `<a>_change` for each attribute of the per-wave file.
 * @return a table owned by @p res (do not free it; valid until the result is freed), or NULL
 *         when @p res is NULL. Complexity: O(1).
 */
FIRMNET_API const firmnet_table *firmnet_change_actors(const firmnet_change_result *res);

/**
 * The group comparison table: columns `layer`, `stratum`, `measure`, `n_mc`, `n_non`,
 * `mean_change_mc`, `mean_change_non`, `sd_change_mc`, `sd_change_non`, `diff`, `t`, `df`,
 * `p_welch`, `p_perm`, `ci_low`, `ci_high`, `cohen_d`. Rows: per layer group, per stratum (in
 * byte order) and then `*` (all strata together), per measure; per-wave attributes follow
 * once with layer `*`. Owned by @p res as for firmnet_change_actors().
 */
FIRMNET_API const firmnet_table *firmnet_change_groups(const firmnet_change_result *res);

/**
 * The tie change table: columns `layer`, `block` (`*`, `within_mc`, `between`,
 * `within_non`), `n00`, `n01`, `n10`, `n11`, `jaccard`, `hamming`, `pairs`, `ties_w0`,
 * `ties_w1`, `density_w0`, `density_w1`. Owned by @p res as for firmnet_change_actors().
 */
FIRMNET_API const firmnet_table *firmnet_change_ties(const firmnet_change_result *res);

/**
 * A few plain-language sentences about the comparison, one per line, each ending in '\n'.
 * Owned by @p res; "" when @p res is NULL. Complexity: O(1).
 */
FIRMNET_API const char *firmnet_change_summary_text(const firmnet_change_result *res);

/** The names of the two waves compared (owned by @p res), or NULL when @p res is NULL. */
FIRMNET_API const char *firmnet_change_from(const firmnet_change_result *res);
/** See firmnet_change_from(). */
FIRMNET_API const char *firmnet_change_to(const firmnet_change_result *res);

/** Number of actors in the panel. O(1). */
FIRMNET_API size_t firmnet_change_panel_size(const firmnet_change_result *res);

#ifdef __cplusplus
}
#endif

#endif
