/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Thread counts: igraph's OpenMP code and firmnet's own parallel loops. */
#include <omp.h>

#include "internal.h"

unsigned int firmnet_i_threads(unsigned int requested, double work, double threshold)
{
    if (requested > 0) {
        return requested;
    }
    return work >= threshold && omp_get_num_procs() >= 2 ? 2 : 1;
}

int firmnet_i_omp_set(unsigned int threads)
{
    int previous = omp_get_max_threads();
    omp_set_num_threads(threads > 0 ? (int)threads : 1);
    return previous;
}

void firmnet_i_omp_restore(int previous)
{
    omp_set_num_threads(previous);
}
