/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A seeded generator of small two-wave cluster surveys for the change tests, with or without a
 * planted effect: MC firms add `effect` extra trade partners on average between the waves.
 *
 * Firms F000..: every third one is large (stratum "large", else "sme"); firms with index
 * i % 5 in {0, 2} take part in mini-cluster "MC1" (40%). Wave 2005: each firm reports 2-5
 * trade ties to random other firms. Wave 2007: each tie survives with probability 0.8, each firm
 * adds 1-2 new ties, MC firms `effect` more (the whole part, plus one more with the fraction's
 * probability). Every firm reports a tie in both waves, so the respondents panel is every firm.
 * Without an effect, MC and non-MC firms are exchangeable: the null hypothesis holds exactly.
 */
#ifndef FIRMNET_TEST_SURVEY_GEN_H
#define FIRMNET_TEST_SURVEY_GEN_H

#include <firmnet.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t gen_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double gen_unif(uint64_t *s)
{
    return (double)(gen_next(s) >> 11) * (1.0 / 9007199254740992.0);
}

static int gen_below(uint64_t *s, int n)
{
    return (int)(gen_unif(s) * n);
}

/* Add a tie to a random firm other than i (duplicates merge into one tie). */
static void gen_tie(firmnet_network *net, uint64_t *s, const char *wave, int i, int nfirms)
{
    char a[16], b[16];
    int j = gen_below(s, nfirms - 1);
    j += j >= i;
    snprintf(a, sizeof a, "F%03d", i);
    snprintf(b, sizeof b, "F%03d", j);
    firmnet_network_add_tie(net, wave, "trade", a, b, 1 + gen_below(s, 5), NULL, NULL);
}

static firmnet_network *gen_survey(uint64_t seed, int nfirms, double effect)
{
    static const char *const names[] = {"type", "size", "mc", "cluster"};
    firmnet_network *net = NULL;
    uint64_t s = seed * 0x2545f4914f6cdd1dULL + 1;
    if (firmnet_network_new(&net) < 0) {
        return NULL;
    }
    for (int i = 0; i < nfirms; i++) {
        char id[16];
        const char *values[] = {"firm", i % 3 == 0 ? "large" : "sme",
                                i % 5 == 0 || i % 5 == 2 ? "MC1" : "", "Gen"};
        snprintf(id, sizeof id, "F%03d", i);
        firmnet_network_add_actor(net, id, 4, names, values);
    }
    for (int i = 0; i < nfirms; i++) {
        int k = 2 + gen_below(&s, 4);
        for (int t = 0; t < k; t++) {
            gen_tie(net, &s, "2005", i, nfirms);
        }
    }
    /* 2007: survivors of 2005 (in 2005's order), then new ties per firm */
    size_t m0 = firmnet_network_tie_count(net);
    for (size_t k = 0; k < m0; k++) {
        size_t a, b;
        double w;
        firmnet_network_tie(net, k, &a, &b, NULL, NULL, &w);
        if (gen_unif(&s) < 0.8) {
            firmnet_network_add_tie(net, "2007", "trade", firmnet_network_actor_id(net, a),
                                    firmnet_network_actor_id(net, b), w, NULL, NULL);
        }
    }
    for (int i = 0; i < nfirms; i++) {
        int mc = i % 5 == 0 || i % 5 == 2;
        /* at least one new tie, so that every firm responds in 2007 */
        int k = 1 + gen_below(&s, 2);
        if (mc && effect > 0) {
            k += (int)floor(effect) + (gen_unif(&s) < effect - floor(effect));
        }
        for (int t = 0; t < k; t++) {
            gen_tie(net, &s, "2007", i, nfirms);
        }
    }
    return net;
}

#endif
