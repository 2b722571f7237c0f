/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/table.h
 * @brief Result tables: named columns of numbers or strings, written as CSV, TSV or JSON.
 *
 * Every analysis returns a ::firmnet_table whose rows are actors or groups. Numbers are
 * written in the shortest form that reads back to the same double ("%.15g" to "%.17g");
 * missing numbers (NaN) are written as an empty cell in CSV/TSV and as null in JSON, which R,
 * pandas and Stata read as missing. Infinity is written as "Inf"/"-Inf" (JSON: null).
 */
#ifndef FIRMNET_TABLE_H
#define FIRMNET_TABLE_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque result table. */
typedef struct firmnet_table firmnet_table;

/** Column types. */
typedef enum firmnet_column_type {
    FIRMNET_COLUMN_DOUBLE = 0,
    FIRMNET_COLUMN_STRING = 1,
} firmnet_column_type;

/** Output formats. AUTO takes the format from the file name (.csv, .tsv, .json, each with an
 * optional .gz); unknown names and standard output ("-") get CSV. */
typedef enum firmnet_format {
    FIRMNET_FORMAT_AUTO = 0,
    FIRMNET_FORMAT_CSV,
    FIRMNET_FORMAT_TSV,
    FIRMNET_FORMAT_JSON,
} firmnet_format;

/**
 * Create a table with @p nrows rows and no columns.
 * @param out receives the table; the caller releases it with firmnet_table_free().
 * @return 0, ::FIRMNET_EINVAL (NULL @p out) or ::FIRMNET_ENOMEM. Columns are allocated when
 *         added, so a huge @p nrows fails there with ::FIRMNET_ENOMEM.
 */
FIRMNET_API int firmnet_table_new(firmnet_table **out, size_t nrows);

/** Release a table. Accepts NULL. */
FIRMNET_API void firmnet_table_free(firmnet_table *table);

/** Number of rows (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_table_nrows(const firmnet_table *table);
/** Number of columns (0 for NULL). O(1). */
FIRMNET_API size_t firmnet_table_ncols(const firmnet_table *table);

/** Name of column @p col (owned by the table), or NULL when out of range or @p table is
 * NULL. */
FIRMNET_API const char *firmnet_table_column_name(const firmnet_table *table, size_t col);

/** Type of column @p col as a ::firmnet_column_type, ::FIRMNET_ERANGE (@p col out of range)
 * or ::FIRMNET_EINVAL (NULL @p table). */
FIRMNET_API int firmnet_table_column_type(const firmnet_table *table, size_t col);

/** Find a column by exact name. @return 0, ::FIRMNET_ENOTFOUND, or ::FIRMNET_EINVAL for a
 * NULL argument. O(columns). */
FIRMNET_API int firmnet_table_column_index(size_t *out, const firmnet_table *table,
                                           const char *name);

/**
 * Append a numeric column; @p values holds nrows numbers (copied), or is NULL for all-NaN.
 * @return 0, ::FIRMNET_EINVAL (NULL @p table, NULL, empty or duplicate name),
 *         ::FIRMNET_ENOMEM. On failure the table is unchanged.
 */
FIRMNET_API int firmnet_table_add_double(firmnet_table *table, const char *name,
                                         const double *values);

/**
 * Append a string column; @p values holds nrows strings (copied; NULL entries are blank), or
 * is NULL for an all-blank column. @return as firmnet_table_add_double().
 */
FIRMNET_API int firmnet_table_add_string(firmnet_table *table, const char *name,
                                         const char *const *values);

/** The number at (@p col, @p row); NaN for a string column, out of range or NULL. O(1). */
FIRMNET_API double firmnet_table_get_double(const firmnet_table *table, size_t col, size_t row);

/** The string at (@p col, @p row) of a string column (owned by the table; "" when blank);
 * NULL for a numeric column, out of range or a NULL @p table. O(1). */
FIRMNET_API const char *firmnet_table_get_string(const firmnet_table *table, size_t col,
                                                 size_t row);

/** Copy numeric column @p col into @p out (@p len >= nrows). @return 0, ::FIRMNET_ERANGE
 * (@p col out of range, NULL @p out or @p len too small) or ::FIRMNET_EINVAL (a string
 * column, NULL @p table). */
FIRMNET_API int firmnet_table_get_doubles(const firmnet_table *table, size_t col, double *out,
                                          size_t len);

/** Set one cell of a numeric column. @return 0, ::FIRMNET_ERANGE (cell out of range),
 * ::FIRMNET_EINVAL (a string column, NULL @p table). */
FIRMNET_API int firmnet_table_set_double(firmnet_table *table, size_t col, size_t row,
                                         double value);

/** Set one cell of a string column (copied; NULL = blank). @return 0, ::FIRMNET_ERANGE (cell
 * out of range), ::FIRMNET_EINVAL (a numeric column, NULL @p table), ::FIRMNET_ENOMEM. */
FIRMNET_API int firmnet_table_set_string(firmnet_table *table, size_t col, size_t row,
                                         const char *value);

/**
 * Write the table to @p path ("-" = standard output) in @p format; a name ending in ".gz" is
 * gzip-compressed. Files are written to a temporary name in the same folder and renamed into
 * place, so a failed write never leaves a partial file or truncates an existing one.
 * Numbers are formatted in the C locale whatever the host program's locale.
 * @return 0, ::FIRMNET_EIO (naming the path and the system's reason; also for an empty
 *         @p path or a directory), ::FIRMNET_EINVAL (NULL argument, invalid @p format),
 *         ::FIRMNET_ENOMEM.
 */
FIRMNET_API int firmnet_table_write(const firmnet_table *table, const char *path,
                                    firmnet_format format);

/**
 * Read a CSV/TSV table (plain or gzip, delimiter detected as for the readers), as written by
 * firmnet_table_write(). A column whose non-blank cells all parse as numbers becomes numeric;
 * blank cells of numeric columns become NaN.
 * @return 0, ::FIRMNET_EINVAL (NULL argument), or the reader's errors (file, line and column
 *         in the message).
 */
FIRMNET_API int firmnet_table_read(firmnet_table **out, const char *path);

/**
 * The actors of @p net as a table: `id` and every attribute column (numeric attributes as
 * numbers), one row per actor in index order.
 * @return 0, ::FIRMNET_EINVAL (NULL argument) or ::FIRMNET_ENOMEM. O(actors x attributes).
 */
FIRMNET_API int firmnet_network_actors_table(firmnet_table **out, const firmnet_network *net);

/** The ties of @p net as a table with columns wave, layer, source, target, weight.
 * @return 0, ::FIRMNET_EINVAL (NULL argument) or ::FIRMNET_ENOMEM. O(ties). */
FIRMNET_API int firmnet_network_ties_table(firmnet_table **out, const firmnet_network *net);

#ifdef __cplusplus
}
#endif

#endif
