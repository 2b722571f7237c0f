/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Progress reports for long operations: rate-limited calls of the caller's callback. */
#include <string.h>
#include <time.h>

#include "internal.h"

/* The last call that went through, per thread. */
static _Thread_local struct {
    firmnet_progress_fn fn;
    void *payload;
    const char *what;
    double when;
} last;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int firmnet_i_progress(firmnet_progress_fn fn, void *payload, const char *what, double done,
                       double total)
{
    double t;
    if (fn == NULL) {
        return 0;
    }
    t = now_seconds();
    /* Go through at the start and the end of an operation, at a change of phase, and
     * otherwise at most every FIRMNET_I_PROGRESS_INTERVAL seconds. */
    if (!(done <= 0 || (total > 0 && done >= total) || fn != last.fn || payload != last.payload ||
          last.what == NULL || strcmp(what, last.what) != 0 ||
          t - last.when >= FIRMNET_I_PROGRESS_INTERVAL)) {
        return 0;
    }
    last.fn = fn;
    last.payload = payload;
    last.what = what;
    last.when = t;
    if (fn(what, done, total, payload) != 0) {
        return firmnet_i_error(FIRMNET_ECANCEL, "%s: cancelled by the progress callback", what);
    }
    return 0;
}
