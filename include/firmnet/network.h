/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/network.h
 * @brief The actor/tie model and the survey readers.
 *
 * A ::firmnet_network holds actors (a unique id plus attributes) and directed, weighted ties
 * `source -> target`, each tagged with a wave (survey round, e.g. "2005") and a layer
 * (e.g. "trade", "rnd", "service.finance"). Ties are unique per (wave, layer, source, target):
 * duplicates are merged when they are added.
 *
 * Actor indices run 0..n-1 in the order actors were added; they are also the vertex indices of
 * every ::firmnet_graph built from the network, so per-actor results line up row for row.
 *
 * ## File formats (read by firmnet_network_read_actors() and firmnet_network_read_ties())
 * Delimited text: the delimiter (comma, tab or semicolon) is the one that occurs most often
 * outside quotes in the header line. RFC 4180 quoting (quoted delimiters, doubled quotes,
 * newlines inside quotes), CRLF or LF line ends, an optional UTF-8 byte-order mark. Header
 * names are trimmed and case-insensitive; columns may come in any order. Spaces around
 * unquoted values are trimmed. Lines that are empty (or hold only delimiters) are skipped.
 * A gzip-compressed file (possibly multi-member) is recognised by its magic bytes, whatever
 * its name. The path "-" reads standard input. Files are streamed, never held whole.
 *
 * Errors (see doc/hardening.md for the whole list): a field longer than 65536 bytes, a
 * record with more than 16384 fields or longer than 16 MiB, invalid UTF-8 (the message
 * suggests EUC-KR/CP949 or Latin-1), a NUL byte, a UTF-16 file, and a byte-order mark
 * anywhere but at the very start are ::FIRMNET_EPARSE. A file with a header and no data rows
 * is not an error: the report says rows = 0 (the example programs reject it).
 *
 * Ids (actor ids, sources, targets), waves and layers are trimmed of surrounding ASCII
 * white space even when quoted, so " A" and "A" are the same actor. Ids that differ only in
 * ASCII letter case or inner spacing ("KIMM", "kimm") are distinct actors; each such id is
 * counted in firmnet_load_report::near_duplicate_ids as a warning.
 *
 * - Actor file: required column `id`; known columns `name`, `type`, `size`, `sector`,
 *   `cluster`, `region`, `mc`, `tech`; every other column is kept as an attribute too.
 *   `type` values firm, university, research, support, government, service and `size` values
 *   large, sme are matched case-insensitively and stored in lower case; other values are kept
 *   as written. A blank `mc` means the actor takes part in no mini-cluster.
 * - Tie file: required `source`, `target`; optional `wave` (default: one unnamed wave ""),
 *   `layer` (default "tie"; a layer name must be usable in a selector: no comma, no empty
 *   part between dots, no white space around a part, and "all" is neither a layer nor the
 *   first part of one) and `weight` (default 1; must be a finite number > 0). Other columns
 *   are ignored.
 */
#ifndef FIRMNET_NETWORK_H
#define FIRMNET_NETWORK_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque network of actors and ties. */
typedef struct firmnet_network firmnet_network;

/**
 * How ties with the same key are combined. At load time (duplicate rows with the same wave,
 * layer, source and target) every rule applies; in graph views (parallel ties from several
 * layers or waves, or both directions of an undirected view) FIRST and ERROR are invalid.
 */
typedef enum firmnet_merge {
    FIRMNET_MERGE_SUM = 0, /**< add the weights (default) */
    FIRMNET_MERGE_MAX,     /**< keep the largest weight */
    FIRMNET_MERGE_MEAN,    /**< arithmetic mean of the weights */
    FIRMNET_MERGE_COUNT,   /**< the number of ties merged (weights ignored) */
    FIRMNET_MERGE_FIRST,   /**< keep the first weight (load time only) */
    FIRMNET_MERGE_ERROR,   /**< a duplicate is an error (load time only) */
} firmnet_merge;

/**
 * Parse a merge rule name ("sum", "max", "mean", "count", "first", "error"; case-insensitive).
 * @return 0, or ::FIRMNET_EINVAL for an unknown name or a NULL argument.
 */
FIRMNET_API int firmnet_merge_parse(firmnet_merge *out, const char *name);

/** The lower-case name of a merge rule, or NULL for an invalid value. Static storage. */
FIRMNET_API const char *firmnet_merge_name(firmnet_merge rule);

/** Options for reading and adding ties and actors. Zero-initialised fields mean defaults. */
typedef struct firmnet_read_options {
    unsigned int version;     /**< FIRMNET_READ_OPTIONS_VERSION */
    int strict;               /**< non-zero: a tie naming an unknown actor is an error
                                   (default: the actor is added with blank attributes) */
    firmnet_merge duplicates; /**< rule for duplicate ties (default FIRMNET_MERGE_SUM) */
    firmnet_progress_fn progress; /**< optional, called as bytes are read ("read") */
    void *progress_payload;       /**< passed to @ref progress */
} firmnet_read_options;

#define FIRMNET_READ_OPTIONS_VERSION 1
#define FIRMNET_READ_OPTIONS_INIT {FIRMNET_READ_OPTIONS_VERSION, 0, FIRMNET_MERGE_SUM, NULL, NULL}

/**
 * Fill @p opts with the defaults of @p version (for bindings that cannot use the macro).
 * @return 0, or ::FIRMNET_EINVAL for a NULL @p opts or an unknown version.
 */
FIRMNET_API int firmnet_read_options_init(firmnet_read_options *opts, unsigned int version);

/** What one read or add call did. Every field counts rows or actors of that call only. */
typedef struct firmnet_load_report {
    size_t rows;              /**< data rows read (skipped blank lines excluded) */
    size_t blank_lines;       /**< empty lines skipped */
    size_t actors_added;      /**< actors created */
    size_t actors_implicit;   /**< of those, created because a tie named an unknown actor */
    size_t ties_added;        /**< new distinct ties stored */
    size_t duplicates_merged; /**< rows merged into an existing tie */
    size_t self_ties_dropped; /**< rows with source == target, dropped */
    size_t near_duplicate_ids; /**< actors added whose id equals an earlier actor's id when
                                    ASCII letter case and runs of white space are ignored
                                    ("KIMM" and "kimm"): distinct actors, but probably a
                                    typing error worth a warning */
} firmnet_load_report;

/**
 * Create an empty network.
 * @param out receives the network; the caller owns it and releases it with
 *            firmnet_network_free().
 * @return 0, ::FIRMNET_EINVAL (NULL @p out) or ::FIRMNET_ENOMEM.
 */
FIRMNET_API int firmnet_network_new(firmnet_network **out);

/** Release a network and everything it owns. Accepts NULL. */
FIRMNET_API void firmnet_network_free(firmnet_network *net);

/**
 * Read an actor file (see the file header for the format) and add its actors.
 *
 * An actor already created implicitly by a tie gets the file's attributes; any other repeated
 * id is an error. On error the network is left as it was before the call.
 *
 * @param net     the network to add to.
 * @param path    file name, or "-" for standard input; gzip is detected by content.
 * @param opts    NULL for defaults.
 * @param report  NULL, or receives what the call did.
 * @return 0, ::FIRMNET_EINVAL (NULL @p net or @p path, invalid @p opts), ::FIRMNET_EIO
 *         (cannot open/read, corrupt or truncated gzip), ::FIRMNET_EPARSE (quoting, field
 *         count, invalid UTF-8, NUL byte, missing or duplicate column),
 *         ::FIRMNET_EDATA (blank or duplicate id, empty file), ::FIRMNET_ENOMEM.
 *         The message names the file, line and column.
 * Complexity: O(bytes) expected (hashed id lookups).
 */
FIRMNET_API int firmnet_network_read_actors(firmnet_network *net, const char *path,
                                            const firmnet_read_options *opts,
                                            firmnet_load_report *report);

/**
 * Read a tie file and add its ties. Rows are checked and added one by one; on error the
 * network is left as it was before the call.
 * @return as firmnet_network_read_actors(), plus ::FIRMNET_EDATA for a weight that is not a
 *         finite number > 0, a blank source/target/wave/layer, an unknown actor in strict
 *         mode, or a duplicate under ::FIRMNET_MERGE_ERROR.
 * Complexity: O(bytes) expected.
 */
FIRMNET_API int firmnet_network_read_ties(firmnet_network *net, const char *path,
                                          const firmnet_read_options *opts,
                                          firmnet_load_report *report);

/**
 * As firmnet_network_read_actors(), reading @p len bytes at @p data (plain or gzip);
 * @p name is used in messages (NULL: "<buffer>"). The bytes are not retained.
 * @return as firmnet_network_read_actors(); ::FIRMNET_EINVAL also for NULL @p data with
 *         @p len > 0 (NULL with length 0 is an empty input: ::FIRMNET_EDATA).
 */
FIRMNET_API int firmnet_network_read_actors_buffer(firmnet_network *net, const void *data,
                                                   size_t len, const char *name,
                                                   const firmnet_read_options *opts,
                                                   firmnet_load_report *report);

/** As firmnet_network_read_ties(), reading from memory; arguments and errors as for
 * firmnet_network_read_actors_buffer(). */
FIRMNET_API int firmnet_network_read_ties_buffer(firmnet_network *net, const void *data,
                                                 size_t len, const char *name,
                                                 const firmnet_read_options *opts,
                                                 firmnet_load_report *report);

/**
 * Add one actor with @p nattr attributes given as parallel arrays of column names and values
 * (names as in an actor file header; NULL values mean blank). Values are copied.
 * @return 0, ::FIRMNET_EDATA for a blank or duplicate id or invalid UTF-8 in the id or a
 *         value, ::FIRMNET_EINVAL (NULL @p net or @p id, NULL @p names or @p values with
 *         @p nattr > 0, an attribute name that is NULL, empty or "id"), ::FIRMNET_ENOMEM.
 */
FIRMNET_API int firmnet_network_add_actor(firmnet_network *net, const char *id, size_t nattr,
                                          const char *const *names, const char *const *values);

/**
 * Add one tie; @p wave NULL means the unnamed wave "", @p layer NULL means "tie". Unknown
 * actors and duplicates are handled as @p opts says. Strings are copied.
 * @return 0, ::FIRMNET_EINVAL (NULL @p net, @p source or @p target, invalid @p opts), or a
 *         data error as for firmnet_network_read_ties() (::FIRMNET_EDATA for a blank or
 *         invalid UTF-8 string or a weight that is not a finite number > 0).
 */
FIRMNET_API int firmnet_network_add_tie(firmnet_network *net, const char *wave,
                                        const char *layer, const char *source,
                                        const char *target, double weight,
                                        const firmnet_read_options *opts,
                                        firmnet_load_report *report);

/** Number of actors (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_network_actor_count(const firmnet_network *net);
/** Number of distinct ties after merging duplicates (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_network_tie_count(const firmnet_network *net);
/** Number of distinct waves (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_network_wave_count(const firmnet_network *net);
/** Number of distinct layers (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_network_layer_count(const firmnet_network *net);

/**
 * The id of actor @p index, owned by the network and valid until it is freed; NULL when the
 * index is out of range or @p net is NULL. O(1).
 */
FIRMNET_API const char *firmnet_network_actor_id(const firmnet_network *net, size_t index);

/**
 * Look up an actor by id (exact bytes). @return 0 and the index in @p out,
 * ::FIRMNET_ENOTFOUND, or ::FIRMNET_EINVAL for a NULL argument. O(1) expected.
 */
FIRMNET_API int firmnet_network_actor_index(size_t *out, const firmnet_network *net,
                                            const char *id);

/**
 * Wave @p k in sorted order: numerically when every wave name is a number, otherwise by
 * byte order. Owned by the network; NULL when out of range or @p net is NULL. O(1).
 */
FIRMNET_API const char *firmnet_network_wave_name(const firmnet_network *net, size_t k);

/** Layer @p k in byte order of the names. Owned by the network; NULL when out of range or
 * @p net is NULL. O(1). */
FIRMNET_API const char *firmnet_network_layer_name(const firmnet_network *net, size_t k);

/**
 * Number of actor attributes: the eight known ones (name, type, size, sector, cluster, region,
 * mc, tech, always present) followed by extra columns in the order first seen. 0 for NULL.
 */
FIRMNET_API size_t firmnet_network_attribute_count(const firmnet_network *net);

/** Name of attribute @p k; NULL when out of range or @p net is NULL. Owned by the network. */
FIRMNET_API const char *firmnet_network_attribute_name(const firmnet_network *net, size_t k);

/**
 * Whether attribute @p name is numeric: every non-blank value parses as a finite number and
 * at least one value is not blank. @return 1, 0, ::FIRMNET_ENOTFOUND, or ::FIRMNET_EINVAL
 * for a NULL argument. O(attributes).
 */
FIRMNET_API int firmnet_network_attribute_is_numeric(const firmnet_network *net,
                                                     const char *name);

/**
 * The value of attribute @p name (case-insensitive) of actor @p index: "" when blank, NULL
 * when there is no such attribute or actor, or an argument is NULL. Owned by the network.
 */
FIRMNET_API const char *firmnet_network_actor_attribute(const firmnet_network *net, size_t index,
                                                        const char *name);

/**
 * Read tie @p k (0 <= k < tie count, in insertion order). Any output may be NULL. Strings are
 * owned by the network. @return 0, ::FIRMNET_ERANGE (@p k out of range) or ::FIRMNET_EINVAL
 * (NULL @p net); nothing is written on failure. O(1).
 */
FIRMNET_API int firmnet_network_tie(const firmnet_network *net, size_t k, size_t *source,
                                    size_t *target, const char **wave, const char **layer,
                                    double *weight);

/**
 * Whether layer @p layer is selected by @p selector: a comma-separated list of names, each
 * selecting that layer and every layer below it in dot notation ("service" selects "service",
 * "service.finance", ...), or "all" (also NULL or "") for every layer. Spaces around names are
 * ignored. @return 1 or 0 (0 when @p layer is NULL). Complexity: O(length of selector).
 */
FIRMNET_API int firmnet_layer_selected(const char *selector, const char *layer);

/**
 * Check that every name in @p selector selects at least one layer of @p net.
 * @return 0, ::FIRMNET_ENOTFOUND naming the first name that selects nothing and the layers
 *         that exist, or ::FIRMNET_EINVAL for a NULL @p net. A NULL or blank @p selector
 *         (all layers) is valid.
 */
FIRMNET_API int firmnet_network_check_selector(const firmnet_network *net, const char *selector);

/** Cumulative counts over all read and add calls on @p net since it was created.
 * @return 0 or ::FIRMNET_EINVAL for a NULL argument. */
FIRMNET_API int firmnet_network_load_report(const firmnet_network *net,
                                            firmnet_load_report *out);

#ifdef __cplusplus
}
#endif

#endif
