/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Local, structural and relational embeddedness per actor, local embeddedness per group. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int firmnet_embeddedness_options_init(firmnet_embeddedness_options *opts, unsigned int version)
{
    static const firmnet_embeddedness_options defaults = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION) {
        return firmnet_i_error(
            FIRMNET_EINVAL, "firmnet_embeddedness_options_init: unsupported version %u", version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static int check_options(const firmnet_embeddedness_options *opts)
{
    if (opts->version == 0 || opts->version > FIRMNET_EMBEDDEDNESS_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL,
                               "embeddedness options: unsupported version %u (initialise with "
                               "FIRMNET_EMBEDDEDNESS_OPTIONS_INIT)",
                               opts->version);
    }
    if (opts->measures > FIRMNET_EMBEDDEDNESS_ALL) {
        return firmnet_i_error(FIRMNET_EINVAL, "embeddedness options: unknown measures 0x%x",
                               opts->measures);
    }
    if ((int)opts->blank != FIRMNET_BLANK_GROUP && (int)opts->blank != FIRMNET_BLANK_EXCLUDE) {
        return firmnet_i_error(FIRMNET_EINVAL, "embeddedness options: bad blank rule");
    }
    return 0;
}

/* ---- local embeddedness ------------------------------------------------------------------- */

/* A partner's location is known when it has a cluster or a region. */
static bool location_known(const firmnet_network *net, size_t i)
{
    return firmnet_i_attr_value(net, FIRMNET_I_ATTR_CLUSTER, i)[0] != '\0' ||
           firmnet_i_attr_value(net, FIRMNET_I_ATTR_REGION, i)[0] != '\0';
}

static void tally(const firmnet_network *net, size_t attr, bool by_location, size_t ego,
                  size_t partner, double w, double *same, double *known, double *unknown)
{
    if (by_location && !location_known(net, partner)) {
        if (unknown != NULL) {
            unknown[ego] += w;
        }
        return;
    }
    known[ego] += w;
    const char *v = firmnet_i_attr_value(net, attr, ego);
    if (v[0] != '\0' && strcmp(v, firmnet_i_attr_value(net, attr, partner)) == 0) {
        same[ego] += w;
    }
}

int firmnet_i_local_share(const firmnet_graph *g, size_t attr, firmnet_i_dir dir, bool by_count,
                          double *share, double *same, double *known, double *unknown)
{
    const firmnet_network *net = g->net;
    bool by_location = attr == FIRMNET_I_ATTR_CLUSTER || attr == FIRMNET_I_ATTR_REGION;
    double *tmp = NULL;
    size_t n = g->n;

    if (same == NULL || known == NULL) {
        tmp = firmnet_i_malloc(2 * (n ? n : 1) * sizeof *tmp);
        if (tmp == NULL) {
            return firmnet_i_nomem();
        }
        same = same ? same : tmp;
        known = known ? known : tmp + n;
    }
    for (size_t i = 0; i < n; i++) {
        same[i] = known[i] = 0;
        if (unknown != NULL) {
            unknown[i] = 0;
        }
    }
    for (size_t e = 0; e < g->m; e++) {
        size_t s = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
        size_t t = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
        double w = by_count ? 1.0 : VECTOR(g->w)[e];
        /* an undirected tie is both sent and received by each end */
        if (!g->directed || (dir & FIRMNET_I_DIR_OUT)) {
            tally(net, attr, by_location, s, t, w, same, known, unknown);
        }
        if (!g->directed || (dir & FIRMNET_I_DIR_IN)) {
            tally(net, attr, by_location, t, s, w, same, known, unknown);
        }
    }
    for (size_t i = 0; share != NULL && i < n; i++) {
        bool has_value = firmnet_i_attr_value(net, attr, i)[0] != '\0';
        share[i] = has_value && known[i] > 0 ? same[i] / known[i] : NAN;
    }
    firmnet_i_free(tmp);
    return 0;
}

static const char *const scope_names[] = {"cluster", "region", "mc"};
static const size_t scope_attrs[] = {FIRMNET_I_ATTR_CLUSTER, FIRMNET_I_ATTR_REGION,
                                     FIRMNET_I_ATTR_MC};
static const char *const dir_names[] = {"out", "in", "all"};
static const firmnet_i_dir dir_values[] = {FIRMNET_I_DIR_OUT, FIRMNET_I_DIR_IN, FIRMNET_I_DIR_ALL};
#define NSCOPES 3
#define NDIRS 3
/* 3 scopes x 3 directions x (weight, count), then unknown x 3 directions x (weight, count) */
#define NLOCAL (NSCOPES * NDIRS * 2 + NDIRS * 2)

/* Name of local column @p c, in the order documented in the header. */
static void local_name(char *buf, size_t size, size_t c)
{
    if (c < NSCOPES * NDIRS * 2) {
        size_t scope = c / (NDIRS * 2), k = c % (NDIRS * 2);
        snprintf(buf, size, "%s_share_%s%s", scope_names[scope], dir_names[k % NDIRS],
                 k >= NDIRS ? "_n" : "");
    } else {
        size_t k = c - NSCOPES * NDIRS * 2;
        snprintf(buf, size, "unknown_%s%s", dir_names[k % NDIRS], k >= NDIRS ? "_n" : "");
    }
}

/* ---- contacts: distinct neighbours with mutual weights ------------------------------------ */

typedef struct contact {
    uint32_t v;
    double w;   /* sum of the weights of the ties between the two, either direction */
    double cnt; /* number of those ties (1 or 2 in a directed view, 1 in an undirected one) */
} contact;

typedef struct contacts {
    size_t n;
    size_t *ptr; /* n + 1 offsets into c */
    contact *c;  /* per vertex, sorted by neighbour */
} contacts;

static int cmp_contact(const void *a, const void *b)
{
    const contact *x = a, *y = b;
    return (x->v > y->v) - (x->v < y->v);
}

static void contacts_free(contacts *cs)
{
    firmnet_i_free(cs->ptr);
    firmnet_i_free(cs->c);
    memset(cs, 0, sizeof *cs);
}

static int contacts_build(contacts *cs, const firmnet_graph *g)
{
    size_t n = g->n, m = g->m, *fill = NULL;
    memset(cs, 0, sizeof *cs);
    cs->n = n;
    cs->ptr = firmnet_i_calloc(n + 1, sizeof *cs->ptr);
    cs->c = firmnet_i_malloc((m ? 2 * m : 1) * sizeof *cs->c);
    fill = firmnet_i_calloc(n ? n : 1, sizeof *fill);
    if (cs->ptr == NULL || cs->c == NULL || fill == NULL) {
        firmnet_i_free(fill);
        contacts_free(cs);
        return firmnet_i_nomem();
    }
    for (size_t e = 0; e < m; e++) {
        cs->ptr[IGRAPH_FROM(&g->g, (igraph_integer_t)e) + 1]++;
        cs->ptr[IGRAPH_TO(&g->g, (igraph_integer_t)e) + 1]++;
    }
    for (size_t i = 0; i < n; i++) {
        cs->ptr[i + 1] += cs->ptr[i];
    }
    for (size_t e = 0; e < m; e++) {
        size_t s = (size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e);
        size_t t = (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e);
        double w = VECTOR(g->w)[e];
        cs->c[cs->ptr[s] + fill[s]++] = (contact){(uint32_t)t, w, 1};
        cs->c[cs->ptr[t] + fill[t]++] = (contact){(uint32_t)s, w, 1};
    }
    /* sort each list and merge the two directions of a reciprocated pair, compacting */
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = cs->ptr[i], hi = cs->ptr[i + 1];
        qsort(cs->c + lo, hi - lo, sizeof *cs->c, cmp_contact);
        cs->ptr[i] = out;
        for (size_t k = lo; k < hi; k++) {
            if (out > cs->ptr[i] && cs->c[out - 1].v == cs->c[k].v) {
                cs->c[out - 1].w += cs->c[k].w;
                cs->c[out - 1].cnt += cs->c[k].cnt;
            } else {
                cs->c[out++] = cs->c[k];
            }
        }
    }
    cs->ptr[n] = out;
    firmnet_i_free(fill);
    return 0;
}

/* ---- structural embeddedness -------------------------------------------------------------- */

enum {
    S_CONSTRAINT,
    S_EFFECTIVE_SIZE,
    S_EFFICIENCY,
    S_HIERARCHY,
    S_CLUSTERING,
    S_CORENESS,
    NSTRUCT
};
static const char *const struct_names[NSTRUCT] = {
    "constraint", "effective_size", "efficiency", "hierarchy", "clustering", "coreness",
};

/* Mutual weight of a contact: the summed weights, or the number of ties when unweighted. */
static double mutual(const contact *c, bool unweighted)
{
    return unweighted ? c->cnt : c->w;
}

/* A contact j with more than this many times the contacts of i is looked up from i's side. */
size_t firmnet_i_hub_ratio = 8;

/* Contact l of j (in cs->c), seen from i: when it is a contact q of i too, add its share to
 * j's redundancy *r and to q's constraint contribution, and count the link j - q. */
static inline void shared_contact(const contacts *cs, size_t i, size_t j, size_t l,
                                  const double *p, double *contrib, const double *maxw,
                                  const double *total, bool unweighted, double *r, double *links)
{
    size_t q = cs->c[l].v;
    if (q == i || p[q] == 0) {
        return;
    }
    double w = mutual(&cs->c[l], unweighted);
    *r += p[q] * w / maxw[j];
    contrib[q] += p[j] * w / total[j];
    (*links)++;
}

/*
 * Burt's measures from the proportional tie strengths p_ij = mutual(i, j) / sum_k mutual(i, k):
 * constraint sum_j c_ij of the contributions c_ij = (p_ij + sum_q p_iq p_qj)^2 (igraph_constraint()'s
 * definition, computed here in O(sum of squared degrees): igraph's own takes minutes on a
 * million ties; tests/test_embeddedness.c checks the two agree),
 * effective size sum_j (1 - sum_q p_iq mutual(j, q) / max_k mutual(j, k)) (as networkx),
 * hierarchy, and the local clustering coefficient. @p col holds NSTRUCT columns of n values.
 */
static int structural(const firmnet_graph *g, const contacts *cs, bool unweighted, double *col)
{
    size_t n = g->n;
    double *total = NULL, *maxw = NULL, *p = NULL, *contrib = NULL;
    int rc = 0;

    total = firmnet_i_calloc(n ? n : 1, sizeof *total);
    maxw = firmnet_i_calloc(n ? n : 1, sizeof *maxw);
    p = firmnet_i_calloc(n ? n : 1, sizeof *p);
    contrib = firmnet_i_calloc(n ? n : 1, sizeof *contrib);
    if (total == NULL || maxw == NULL || p == NULL || contrib == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = cs->ptr[i]; k < cs->ptr[i + 1]; k++) {
            double w = mutual(&cs->c[k], unweighted);
            total[i] += w;
            maxw[i] = fmax(maxw[i], w);
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t lo = cs->ptr[i], hi = cs->ptr[i + 1], N = hi - lo;
        double esize = 0, c_sum = 0, h = 0, links = 0;
        if (N == 0) {
            for (size_t s = 0; s < S_CORENESS; s++) {
                col[s * n + i] = NAN;
            }
            continue;
        }
        for (size_t k = lo; k < hi; k++) {
            p[cs->c[k].v] = mutual(&cs->c[k], unweighted) / total[i];
        }
        for (size_t k = lo; k < hi; k++) {
            contrib[cs->c[k].v] = p[cs->c[k].v];
        }
        /* p[q] > 0 exactly when q is a contact of i. The contacts q shared by i and j are
         * visited in ascending order either way: by scanning j's list, or, when j has many
         * more contacts than i (a hub), by looking each of i's contacts up in j's sorted list;
         * so the sums are the same to the bit, and a hub no longer costs its degree for each
         * of its contacts. */
        for (size_t k = lo; k < hi; k++) {
            size_t j = cs->c[k].v, jlo = cs->ptr[j], jhi = cs->ptr[j + 1];
            double r = 0;
            if (firmnet_i_hub_ratio != 0 && (jhi - jlo) / firmnet_i_hub_ratio <= N) {
                for (size_t l = jlo; l < jhi; l++) {
                    shared_contact(cs, i, j, l, p, contrib, maxw, total, unweighted, &r, &links);
                }
            } else {
                for (size_t kq = lo; kq < hi && jlo < jhi; kq++) {
                    size_t q = cs->c[kq].v, a = jlo, b = jhi;
                    while (a < b) {
                        size_t mid = a + (b - a) / 2;
                        if (cs->c[mid].v < q) {
                            a = mid + 1;
                        } else {
                            b = mid;
                        }
                    }
                    jlo = a;
                    if (a < jhi && cs->c[a].v == q) {
                        shared_contact(cs, i, j, a, p, contrib, maxw, total, unweighted, &r,
                                       &links);
                    }
                }
            }
            esize += 1 - r;
        }
        for (size_t k = lo; k < hi; k++) {
            double c = contrib[cs->c[k].v];
            c_sum += c * c;
        }
        if (N > 1) {
            for (size_t k = lo; k < hi; k++) {
                double c = contrib[cs->c[k].v];
                double ratio = c * c / (c_sum / (double)N);
                h += ratio * log(ratio);
            }
            h /= (double)N * log((double)N);
        } else {
            h = NAN;
        }
        for (size_t k = lo; k < hi; k++) {
            p[cs->c[k].v] = 0;
            contrib[cs->c[k].v] = 0;
        }
        col[S_CONSTRAINT * n + i] = c_sum;
        col[S_EFFECTIVE_SIZE * n + i] = esize;
        col[S_EFFICIENCY * n + i] = esize / (double)N;
        col[S_HIERARCHY * n + i] = h;
        /* every link among contacts was seen from both of its ends */
        col[S_CLUSTERING * n + i] = N > 1 ? (links / 2) / ((double)N * (double)(N - 1) / 2) : NAN;
    }
    rc = firmnet_i_coreness(col + S_CORENESS * n, &g->g, IGRAPH_ALL);
cleanup:
    firmnet_i_free(total);
    firmnet_i_free(maxw);
    firmnet_i_free(p);
    firmnet_i_free(contrib);
    return rc;
}

/* ---- relational embeddedness -------------------------------------------------------------- */

enum {
    R_PARTNERS,
    R_STRENGTH_MEAN,
    R_STRENGTH_MAX,
    R_MULTIPLEX_PARTNERS,
    R_MULTIPLEX_SHARE,
    R_LAYERS_PER_DYAD,
    R_RECIPROCITY,
    NREL
};
static const char *const rel_names[NREL] = {
    "partners",        "strength_mean",   "strength_max", "multiplex_partners",
    "multiplex_share", "layers_per_dyad", "reciprocity",
};

typedef struct dyad_layer {
    uint32_t lo, hi;
    uint32_t layer;
} dyad_layer;

static int cmp_dyad_layer(const void *a, const void *b)
{
    const dyad_layer *x = a, *y = b;
    if (x->lo != y->lo) {
        return x->lo < y->lo ? -1 : 1;
    }
    if (x->hi != y->hi) {
        return x->hi < y->hi ? -1 : 1;
    }
    return (x->layer > y->layer) - (x->layer < y->layer);
}

static int relational(const firmnet_graph *g, const contacts *cs, double *col)
{
    const firmnet_network *net = g->net;
    size_t n = g->n, nsel = 0;
    dyad_layer *dl = NULL;
    double *sum = NULL, *cnt = NULL, *layers = NULL, *multi = NULL;

    sum = firmnet_i_calloc(n ? n : 1, sizeof *sum);
    cnt = firmnet_i_calloc(n ? n : 1, sizeof *cnt);
    layers = firmnet_i_calloc(n ? n : 1, sizeof *layers);
    multi = firmnet_i_calloc(n ? n : 1, sizeof *multi);
    dl = firmnet_i_malloc((g->nties ? g->nties : 1) * sizeof *dl);
    if (sum == NULL || cnt == NULL || layers == NULL || multi == NULL || dl == NULL) {
        firmnet_i_free(sum);
        firmnet_i_free(cnt);
        firmnet_i_free(layers);
        firmnet_i_free(multi);
        firmnet_i_free(dl);
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < n; i++) {
        col[R_STRENGTH_MAX * n + i] = NAN;
    }
    for (size_t e = 0; e < g->m; e++) {
        size_t ends[2] = {(size_t)IGRAPH_FROM(&g->g, (igraph_integer_t)e),
                          (size_t)IGRAPH_TO(&g->g, (igraph_integer_t)e)};
        double w = VECTOR(g->w)[e];
        for (int k = 0; k < 2; k++) {
            size_t v = ends[k];
            sum[v] += w;
            cnt[v]++;
            col[R_STRENGTH_MAX * n + v] =
                isnan(col[R_STRENGTH_MAX * n + v]) ? w : fmax(col[R_STRENGTH_MAX * n + v], w);
        }
    }
    /* layers per dyad, from the network's ties inside the view's selection */
    for (size_t k = 0; k < g->nties; k++) {
        if (!firmnet_i_graph_selects(g, k)) {
            continue;
        }
        uint32_t s = net->src[k], t = net->tgt[k];
        dl[nsel++] = (dyad_layer){s < t ? s : t, s < t ? t : s, net->layer[k]};
    }
    qsort(dl, nsel, sizeof *dl, cmp_dyad_layer);
    for (size_t k = 0; k < nsel;) {
        size_t j = k, distinct = 0;
        for (; j < nsel && dl[j].lo == dl[k].lo && dl[j].hi == dl[k].hi; j++) {
            distinct += j == k || dl[j].layer != dl[j - 1].layer;
        }
        layers[dl[k].lo] += (double)distinct;
        layers[dl[k].hi] += (double)distinct;
        if (distinct >= 2) {
            multi[dl[k].lo]++;
            multi[dl[k].hi]++;
        }
        k = j;
    }
    for (size_t i = 0; i < n; i++) {
        size_t lo = cs->ptr[i], hi = cs->ptr[i + 1];
        double N = (double)(hi - lo), mutual_ties = 0, ties = 0;
        for (size_t k = lo; k < hi; k++) {
            ties += cs->c[k].cnt;
            mutual_ties += cs->c[k].cnt >= 2 ? cs->c[k].cnt : 0;
        }
        col[R_PARTNERS * n + i] = N;
        col[R_STRENGTH_MEAN * n + i] = cnt[i] > 0 ? sum[i] / cnt[i] : NAN;
        col[R_MULTIPLEX_PARTNERS * n + i] = multi[i];
        col[R_MULTIPLEX_SHARE * n + i] = N > 0 ? multi[i] / N : NAN;
        col[R_LAYERS_PER_DYAD * n + i] = N > 0 ? layers[i] / N : NAN;
        col[R_RECIPROCITY * n + i] = g->directed && ties > 0 ? mutual_ties / ties : NAN;
    }
    firmnet_i_free(sum);
    firmnet_i_free(cnt);
    firmnet_i_free(layers);
    firmnet_i_free(multi);
    firmnet_i_free(dl);
    return 0;
}

/* ---- the actor table ---------------------------------------------------------------------- */

/* Local columns: for each scope, direction and (weight, count) the actors' shares. */
static int local_columns(const firmnet_graph *g, double *col)
{
    size_t n = g->n;
    int rc = 0;
    for (size_t scope = 0; scope < NSCOPES && rc == 0; scope++) {
        for (size_t k = 0; k < NDIRS * 2 && rc == 0; k++) {
            double *share = col + (scope * NDIRS * 2 + k) * n;
            /* the unknown columns do not depend on the scope: take them from the cluster pass */
            double *unknown = scope == 0 ? col + (NSCOPES * NDIRS * 2 + k) * n : NULL;
            rc = firmnet_i_local_share(g, scope_attrs[scope], dir_values[k % NDIRS], k >= NDIRS,
                                       share, NULL, NULL, unknown);
        }
    }
    return rc;
}

static int add_id_column(firmnet_table *t, const firmnet_graph *g)
{
    const char **ids = firmnet_i_malloc((g->n ? g->n : 1) * sizeof *ids);
    int rc;
    if (ids == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t i = 0; i < g->n; i++) {
        ids[i] = firmnet_network_actor_id(g->net, i);
    }
    rc = firmnet_table_add_string(t, "id", ids);
    firmnet_i_free(ids);
    return rc;
}

int firmnet_embeddedness(firmnet_table **out, const firmnet_graph *graph,
                         const firmnet_embeddedness_options *opts)
{
    static const firmnet_embeddedness_options defaults = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    contacts cs = {0};
    firmnet_table *t = NULL;
    double *local = NULL, *strc = NULL, *rel = NULL;
    unsigned int measures;
    size_t n;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_embeddedness: NULL argument");
    }
    if (opts == NULL) {
        opts = &defaults;
    }
    rc = check_options(opts);
    if (rc < 0) {
        return rc;
    }
    measures = opts->measures ? opts->measures : FIRMNET_EMBEDDEDNESS_ALL;
    n = graph->n;
    rc = contacts_build(&cs, graph);
    if (rc < 0) {
        return rc;
    }
    if (measures & FIRMNET_EMBEDDEDNESS_LOCAL) {
        local = firmnet_i_malloc((n ? n : 1) * NLOCAL * sizeof *local);
        rc = local ? local_columns(graph, local) : firmnet_i_nomem();
    }
    if (rc == 0 && (measures & FIRMNET_EMBEDDEDNESS_STRUCTURAL)) {
        strc = firmnet_i_malloc((n ? n : 1) * NSTRUCT * sizeof *strc);
        rc = strc ? structural(graph, &cs, opts->unweighted != 0, strc) : firmnet_i_nomem();
    }
    if (rc == 0 && (measures & FIRMNET_EMBEDDEDNESS_RELATIONAL)) {
        rel = firmnet_i_malloc((n ? n : 1) * NREL * sizeof *rel);
        rc = rel ? relational(graph, &cs, rel) : firmnet_i_nomem();
    }
    if (rc == 0) {
        rc = firmnet_table_new(&t, n);
    }
    if (rc == 0) {
        rc = add_id_column(t, graph);
    }
    for (size_t c = 0; rc == 0 && local != NULL && c < NLOCAL; c++) {
        char name[64];
        local_name(name, sizeof name, c);
        rc = firmnet_table_add_double(t, name, local + c * n);
    }
    for (size_t c = 0; rc == 0 && strc != NULL && c < NSTRUCT; c++) {
        rc = firmnet_table_add_double(t, struct_names[c], strc + c * n);
    }
    for (size_t c = 0; rc == 0 && rel != NULL && c < NREL; c++) {
        rc = firmnet_table_add_double(t, rel_names[c], rel + c * n);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
    firmnet_table_free(t);
    contacts_free(&cs);
    firmnet_i_free(local);
    firmnet_i_free(strc);
    firmnet_i_free(rel);
    return rc;
}

/* ---- the group table ---------------------------------------------------------------------- */

int firmnet_embeddedness_groups(firmnet_table **out, const firmnet_graph *graph,
                                const char *attribute, const firmnet_embeddedness_options *opts)
{
    static const firmnet_embeddedness_options defaults = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_i_groups gr = {0};
    firmnet_table *t = NULL;
    double *same = NULL, *known = NULL, *unknown = NULL, *col = NULL, *num = NULL, *den = NULL;
    const char **names = NULL;
    size_t n, rows;
    int rc;

    firmnet_i_clear_error();
    if (out == NULL || graph == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_embeddedness_groups: NULL argument");
    }
    if (opts == NULL) {
        opts = &defaults;
    }
    rc = check_options(opts);
    if (rc < 0) {
        return rc;
    }
    n = graph->n;
    rc = firmnet_i_groups_init(&gr, graph->net, n, attribute, opts->blank);
    if (rc < 0) {
        return rc;
    }
    rows = gr.count + 1; /* row 0: every included actor */
    same = firmnet_i_malloc((n ? n : 1) * sizeof *same);
    known = firmnet_i_malloc((n ? n : 1) * sizeof *known);
    unknown = firmnet_i_malloc((n ? n : 1) * sizeof *unknown);
    col = firmnet_i_malloc(rows * (NLOCAL + 1) * sizeof *col);
    num = firmnet_i_malloc(rows * sizeof *num);
    den = firmnet_i_malloc(rows * sizeof *den);
    names = firmnet_i_malloc(rows * sizeof *names);
    if (same == NULL || known == NULL || unknown == NULL || col == NULL || num == NULL ||
        den == NULL || names == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    names[0] = "*";
    col[0] = (double)gr.included;
    for (size_t k = 0; k < gr.count; k++) {
        names[k + 1] = gr.names[k];
        col[k + 1] = (double)gr.size[k];
    }
    for (size_t scope = 0; scope < NSCOPES; scope++) {
        for (size_t k = 0; k < NDIRS * 2; k++) {
            double *share = col + (1 + scope * NDIRS * 2 + k) * rows;
            double *unk = col + (1 + NSCOPES * NDIRS * 2 + k) * rows;
            rc = firmnet_i_local_share(graph, scope_attrs[scope], dir_values[k % NDIRS], k >= NDIRS,
                                       NULL, same, known, unknown);
            if (rc < 0) {
                goto cleanup;
            }
            for (size_t r = 0; r < rows; r++) {
                num[r] = den[r] = 0;
                if (scope == 0) {
                    unk[r] = 0;
                }
            }
            for (size_t i = 0; i < n; i++) {
                if (gr.of[i] < 0) {
                    continue;
                }
                size_t r = (size_t)gr.of[i] + 1;
                if (scope == 0) {
                    unk[0] += unknown[i];
                    unk[r] += unknown[i];
                }
                /* members without a value of the scope have no local share to add to */
                if (firmnet_i_attr_value(graph->net, scope_attrs[scope], i)[0] == '\0') {
                    continue;
                }
                num[0] += same[i];
                den[0] += known[i];
                num[r] += same[i];
                den[r] += known[i];
            }
            for (size_t r = 0; r < rows; r++) {
                share[r] = den[r] > 0 ? num[r] / den[r] : NAN;
            }
        }
    }
    rc = firmnet_table_new(&t, rows);
    if (rc == 0) {
        rc = firmnet_table_add_string(t, "group", names);
    }
    if (rc == 0) {
        rc = firmnet_table_add_double(t, "n_actors", col);
    }
    for (size_t c = 0; rc == 0 && c < NLOCAL; c++) {
        char name[64];
        local_name(name, sizeof name, c);
        rc = firmnet_table_add_double(t, name, col + (1 + c) * rows);
    }
    if (rc == 0) {
        *out = t;
        t = NULL;
    }
cleanup:
    firmnet_table_free(t);
    firmnet_i_groups_free(&gr);
    firmnet_i_free(same);
    firmnet_i_free(known);
    firmnet_i_free(unknown);
    firmnet_i_free(col);
    firmnet_i_free(num);
    firmnet_i_free(den);
    firmnet_i_free(names);
    return rc;
}
