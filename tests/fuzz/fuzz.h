/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the fuzz targets. Each target defines LLVMFuzzerTestOneInput() (and may
 * define LLVMFuzzerInitialize()); it is linked either with libFuzzer (-Dfuzz=true, clang) or
 * with driver.c, which replays the seed corpus and the regression inputs in every build.
 *
 * A broken invariant is a crash: FUZZ_ASSERT prints to file descriptor 2 (targets may point
 * the stdio streams elsewhere) and aborts, which libFuzzer records as a crashing input.
 */
#ifndef FIRMNET_FUZZ_H
#define FIRMNET_FUZZ_H

#include <firmnet.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(cond)                                                                    \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            dprintf(2, "%s:%d: fuzz invariant failed: %s (last error: %s)\n", __FILE__,      \
                    __LINE__, #cond, firmnet_last_error());                                  \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Every code a function may return. */
static inline int fuzz_known_code(int rc)
{
    return rc == 0 || (rc >= FIRMNET_ERANGE && rc <= FIRMNET_ENOMEM);
}

/* A failure left a message that names the input (or is out of memory). */
static inline int fuzz_message_ok(int rc, const char *name)
{
    const char *m = firmnet_last_error();
    return firmnet_last_error_code() == rc && m[0] != '\0' &&
           (rc == FIRMNET_ENOMEM || strstr(m, name) != NULL);
}

/* Counts and weights of a network, to check that a failed read changed nothing. */
typedef struct fuzz_shape {
    size_t actors, ties, waves, layers, attrs, rows;
    double weight;
} fuzz_shape;

static inline fuzz_shape fuzz_shape_of(const firmnet_network *net)
{
    fuzz_shape s;
    firmnet_load_report r;
    s.actors = firmnet_network_actor_count(net);
    s.ties = firmnet_network_tie_count(net);
    s.waves = firmnet_network_wave_count(net);
    s.layers = firmnet_network_layer_count(net);
    s.attrs = firmnet_network_attribute_count(net);
    firmnet_network_load_report(net, &r);
    s.rows = r.rows;
    s.weight = 0;
    for (size_t k = 0; k < s.ties; k++) {
        double w = 0;
        firmnet_network_tie(net, k, NULL, NULL, NULL, NULL, &w);
        s.weight += w;
    }
    return s;
}

static inline int fuzz_same_shape(fuzz_shape a, fuzz_shape b)
{
    return a.actors == b.actors && a.ties == b.ties && a.waves == b.waves &&
           a.layers == b.layers && a.attrs == b.attrs && a.rows == b.rows && a.weight == b.weight;
}

#endif
