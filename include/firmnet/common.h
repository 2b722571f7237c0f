/* SPDX-License-Identifier: GPL-3.0-or-later */
/**
 * @file firmnet/common.h
 * @brief Error codes, error messages, version and export macros shared by every firmnet header.
 *
 * Conventions used throughout the API:
 * - Functions that can fail return an `int`: 0 on success or a negative ::firmnet_error code.
 *   Output parameters come first and are written only on success.
 * - After a failure, firmnet_last_error() returns a message for the calling thread that names
 *   what failed (file, line, column and value for bad data).
 * - Handles are opaque, created through a `**out` argument and released by a `_free()` function
 *   that accepts NULL. The caller never calls free() on memory owned by the library.
 * - The library never prints, never calls abort() or exit().
 *
 * Thread safety: the Debian igraph (0.10) the library uses keeps its error state and random
 * number generator in globals, so every firmnet function that calls into igraph or GSL holds
 * one process-wide lock while it does. Different threads may use different handles at the
 * same time (their igraph work is serialised); one handle must not be modified by one thread
 * while another thread uses it. Read-only use of one handle from several threads is safe.
 */
#ifndef FIRMNET_COMMON_H
#define FIRMNET_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(FIRMNET_BUILDING) && defined(__GNUC__)
#define FIRMNET_API __attribute__((visibility("default")))
#else
#define FIRMNET_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define FIRMNET_VERSION_MAJOR 0
#define FIRMNET_VERSION_MINOR 1
#define FIRMNET_VERSION_PATCH 0
#define FIRMNET_VERSION_STRING "0.1.0"

/** Error codes. Every failing function returns one of these (always negative). */
typedef enum firmnet_error {
    FIRMNET_OK = 0,
    FIRMNET_ENOMEM = -1,    /**< out of memory */
    FIRMNET_EINVAL = -2,    /**< invalid argument (NULL handle, bad option value) */
    FIRMNET_EIO = -3,       /**< file cannot be opened, read or written */
    FIRMNET_EPARSE = -4,    /**< malformed input: quoting, field count, invalid UTF-8 */
    FIRMNET_EDATA = -5,     /**< well-formed input with invalid content: bad weight, duplicate id */
    FIRMNET_ENOTFOUND = -6, /**< a name (actor, column, layer, wave) that does not exist */
    FIRMNET_EIGRAPH = -7,   /**< igraph or GSL reported an error */
    FIRMNET_ECANCEL = -8,   /**< a progress callback asked to stop */
    FIRMNET_ERANGE = -9,    /**< index or size out of range, or a caller buffer too small */
} firmnet_error;

/**
 * The message describing the last failure in the calling thread.
 *
 * @return a NUL-terminated string owned by the library, valid until the next firmnet call in
 *         this thread; never NULL ("" when nothing has failed). Never allocated, so it can
 *         report out-of-memory.
 * Complexity: O(1). Thread-safety: the message is thread-local.
 */
FIRMNET_API const char *firmnet_last_error(void);

/**
 * The code of the last failure in the calling thread (0 when nothing has failed).
 * Complexity: O(1). Thread-safety: thread-local.
 */
FIRMNET_API int firmnet_last_error_code(void);

/** A static, human-readable name for an error code ("out of memory", ...). Never NULL. */
FIRMNET_API const char *firmnet_strerror(int code);

/** The library's version string, e.g. "0.1.0"; static storage. */
FIRMNET_API const char *firmnet_version(void);

/**
 * Progress callback for long operations. @p done of @p total units of work are finished;
 * @p what names the phase ("read", "betweenness", "permutations", ...).
 * Return 0 to continue, non-zero to cancel: the operation then fails with ::FIRMNET_ECANCEL.
 */
typedef int (*firmnet_progress_fn)(const char *what, double done, double total, void *payload);

#ifdef __cplusplus
}
#endif

#endif
