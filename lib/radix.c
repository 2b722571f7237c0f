/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A stable radix sort of 64-bit keys, with or without a 32-bit payload, for grouping ties by
 * (source, target) in the bulk dedupe of a read.
 *
 * A counting sort by target and then by source (the obvious way to group ties) scatters each
 * tie to one of n places: on a network of a million actors most writes miss the caches and the
 * TLB. Here the first pass scatters by the key's top bits to at most 2^10 buckets, small
 * enough that most fit in the cache, and each bucket is then sorted by the remaining bits with
 * least-significant-digit passes inside it. Every pass is stable, so the order is that of any
 * stable sort by key.
 *
 * On the benchmark's L network (1M actors, 10M ties) the dedupe took 0.68-0.76 s against
 * 0.96-1.08 s with the two counting sorts; with the tie's index packed into the key's low bits
 * (no payload to carry) the read's peak is lower than with the counting sorts. The graph
 * view's selection (graph.c) was tried with it too and did not gain: it moves 8-byte weights
 * along, and the heavy-tailed ties' hubs give its counting sort locality of its own.
 */
#include <string.h>

#include "internal.h"

#define DIGIT 10
#define NB ((size_t)1 << DIGIT)

/* One stable counting-sort pass by digit (key >> shift) & mask, from (k, v) into (k2, v2),
 * given the digit's bucket starts; v and v2 are NULL without payloads. */
static void pass(const uint64_t *k, const uint32_t *v, uint64_t *k2, uint32_t *v2, size_t m,
                 unsigned shift, uint64_t mask, size_t *pos)
{
    if (v == NULL) {
        for (size_t i = 0; i < m; i++) {
            k2[pos[(k[i] >> shift) & mask]++] = k[i];
        }
        return;
    }
    for (size_t i = 0; i < m; i++) {
        size_t at = pos[(k[i] >> shift) & mask]++;
        k2[at] = k[i];
        v2[at] = v[i];
    }
}

/* Counts of digit (key >> shift) & mask turned into bucket starts; false when all keys share
 * one digit (a pass would not move anything). */
static bool starts(const uint64_t *k, size_t m, unsigned shift, uint64_t mask, size_t *pos)
{
    size_t sum = 0;
    memset(pos, 0, (mask + 1) * sizeof *pos);
    for (size_t i = 0; i < m; i++) {
        pos[(k[i] >> shift) & mask]++;
    }
    if (pos[(k[0] >> shift) & mask] == m) {
        return false;
    }
    for (size_t d = 0; d <= mask; d++) {
        size_t x = pos[d];
        pos[d] = sum;
        sum += x;
    }
    return true;
}

/* Sort (k, v) by bits [lo, hi) of the keys with LSD passes, through (t, tv), leaving the
 * result in (k, v). */
static void lsd(uint64_t *k, uint32_t *v, uint64_t *t, uint32_t *tv, size_t m, unsigned lo,
                unsigned hi, size_t *pos)
{
    unsigned bits = hi - lo, passes = (bits + DIGIT - 1) / DIGIT;
    unsigned digit = passes ? (bits + passes - 1) / passes : 0;
    uint64_t *from = k, *to = t;
    uint32_t *vfrom = v, *vto = tv;
    for (unsigned p = 0; p < passes; p++) {
        unsigned shift = lo + p * digit, width = hi - shift < digit ? hi - shift : digit;
        uint64_t mask = ((uint64_t)1 << width) - 1;
        if (!starts(from, m, shift, mask, pos)) {
            continue;
        }
        pass(from, vfrom, to, vto, m, shift, mask, pos);
        uint64_t *x = from;
        uint32_t *vx = vfrom;
        from = to;
        vfrom = vto;
        to = x;
        vto = vx;
    }
    if (from != k) {
        memcpy(k, from, m * sizeof *k);
        if (v != NULL) {
            memcpy(v, vfrom, m * sizeof *v);
        }
    }
}

int firmnet_i_radix_sort(uint64_t **keys, uint32_t **values, size_t m, unsigned lo,
                         unsigned hi)
{
    uint64_t *k = *keys, *k2 = NULL, *t = NULL;
    uint32_t *v = values ? *values : NULL, *v2 = NULL, *tv = NULL;
    size_t *pos = NULL, *first = NULL, longest = 0;
    unsigned top, shift;
    int rc = 0;

    if (lo > hi || hi > 64) {
        return firmnet_i_error(FIRMNET_EINVAL, "radix sort: bits %u..%u", lo, hi);
    }
    if (m < 2 || lo == hi) {
        return 0;
    }
    top = hi - lo < DIGIT ? hi - lo : DIGIT;
    shift = hi - top;
    pos = firmnet_i_malloc(NB * sizeof *pos);
    first = firmnet_i_malloc((NB + 1) * sizeof *first);
    k2 = firmnet_i_malloc(m * sizeof *k2);
    v2 = v ? firmnet_i_malloc(m * sizeof *v2) : NULL;
    if (pos == NULL || first == NULL || k2 == NULL || (v && v2 == NULL)) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    /* the one pass through all memory: buckets by the top digit */
    uint64_t mask = ((uint64_t)1 << top) - 1;
    if (!starts(k, m, shift, mask, pos)) {
        memcpy(k2, k, m * sizeof *k);
        if (v != NULL) {
            memcpy(v2, v, m * sizeof *v);
        }
        first[0] = 0;
        first[1] = m;
        mask = 0;
    } else {
        memcpy(first, pos, (mask + 1) * sizeof *pos);
        first[mask + 1] = m;
        pass(k, v, k2, v2, m, shift, mask, pos);
    }
    for (size_t b = 0; b <= mask; b++) {
        longest = first[b + 1] - first[b] > longest ? first[b + 1] - first[b] : longest;
    }
    /* then each bucket by the rest, in a scratch pair of the largest bucket's size */
    if (shift > lo && longest > 1) {
        t = firmnet_i_malloc(longest * sizeof *t);
        tv = v ? firmnet_i_malloc(longest * sizeof *tv) : NULL;
        if (t == NULL || (v && tv == NULL)) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        for (size_t b = 0; b <= mask; b++) {
            size_t n = first[b + 1] - first[b];
            if (n > 1) {
                lsd(k2 + first[b], v2 ? v2 + first[b] : NULL, t, tv, n, lo, shift, pos);
            }
        }
    }
    *keys = k2;
    if (values != NULL) {
        *values = v2;
    }
    k2 = k;
    v2 = v;
cleanup:
    firmnet_i_free(k2);
    firmnet_i_free(v2);
    firmnet_i_free(t);
    firmnet_i_free(tv);
    firmnet_i_free(pos);
    firmnet_i_free(first);
    return rc;
}
