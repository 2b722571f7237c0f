/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The actor/tie model: interning, attributes, tie storage with duplicate merging, readers. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const known_attrs[FIRMNET_I_NKNOWN] = {
    "name", "type", "size", "sector", "cluster", "region", "mc", "tech",
};
static const char *const known_types[] = {"firm",    "university", "research",
                                          "support", "government", "service"};
static const char *const known_sizes[] = {"large", "sme"};

#define MAX_WAVES_LAYERS 65535

int firmnet_read_options_init(firmnet_read_options *opts, unsigned int version)
{
    static const firmnet_read_options defaults = FIRMNET_READ_OPTIONS_INIT;
    if (opts == NULL || version == 0 || version > FIRMNET_READ_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_read_options_init: unsupported version %u",
                               version);
    }
    *opts = defaults;
    opts->version = version;
    return 0;
}

static const char *const merge_names[] = {"sum", "max", "mean", "count", "first", "error"};

int firmnet_merge_parse(firmnet_merge *out, const char *name)
{
    firmnet_i_clear_error();
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_merge_parse: NULL out");
    }
    for (size_t i = 0; name != NULL && i < sizeof merge_names / sizeof *merge_names; i++) {
        if (firmnet_i_strcasecmp(name, merge_names[i]) == 0) {
            *out = (firmnet_merge)i;
            return 0;
        }
    }
    return firmnet_i_error(FIRMNET_EINVAL,
                           "unknown merge rule '%s' (use sum, max, mean, count, first or error)",
                           name ? name : "(null)");
}

const char *firmnet_merge_name(firmnet_merge rule)
{
    if ((int)rule < 0 || (size_t)rule >= sizeof merge_names / sizeof *merge_names) {
        return NULL;
    }
    return merge_names[rule];
}

static int check_read_options(const firmnet_read_options *opts)
{
    if (opts == NULL) {
        return 0;
    }
    if (opts->version == 0 || opts->version > FIRMNET_READ_OPTIONS_VERSION) {
        return firmnet_i_error(FIRMNET_EINVAL, "read options: unsupported version %u "
                               "(initialise with FIRMNET_READ_OPTIONS_INIT)", opts->version);
    }
    if (firmnet_merge_name(opts->duplicates) == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "read options: invalid duplicate rule %d",
                               (int)opts->duplicates);
    }
    return 0;
}

/* ---- creation ------------------------------------------------------------------------------ */

int firmnet_network_new(firmnet_network **out)
{
    firmnet_network *net;
    if (out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_new: NULL out");
    }
    net = firmnet_i_calloc(1, sizeof *net);
    if (net == NULL) {
        return firmnet_i_nomem();
    }
    net->attrs = firmnet_i_calloc(FIRMNET_I_NKNOWN, sizeof *net->attrs);
    if (net->attrs == NULL) {
        firmnet_i_free(net);
        return firmnet_i_nomem();
    }
    net->attrs_cap = FIRMNET_I_NKNOWN;
    for (size_t a = 0; a < FIRMNET_I_NKNOWN; a++) {
        net->attrs[a].name = firmnet_i_strdup(known_attrs[a]);
        net->nattrs = a + 1;
        if (net->attrs[a].name == NULL) {
            firmnet_network_free(net);
            return firmnet_i_nomem();
        }
    }
    *out = net;
    return 0;
}

void firmnet_network_free(firmnet_network *net)
{
    if (net == NULL) {
        return;
    }
    for (size_t a = 0; a < net->nattrs; a++) {
        if (net->attrs[a].values != NULL) {
            for (size_t i = 0; i < net->ids.count; i++) {
                firmnet_i_free(net->attrs[a].values[i]);
            }
        }
        firmnet_i_free(net->attrs[a].values);
        firmnet_i_free(net->attrs[a].name);
    }
    firmnet_i_free(net->attrs);
    firmnet_i_free(net->implicit);
    firmnet_i_strset_free(&net->ids);
    firmnet_i_free(net->key_slots);
    firmnet_i_strset_free(&net->waves);
    firmnet_i_strset_free(&net->layers);
    firmnet_i_free(net->wave_order);
    firmnet_i_free(net->layer_order);
    firmnet_i_free(net->src);
    firmnet_i_free(net->tgt);
    firmnet_i_free(net->wave);
    firmnet_i_free(net->layer);
    firmnet_i_free(net->weight);
    firmnet_i_free(net->nmerged);
    firmnet_i_free(net->tie_slots);
    firmnet_i_free(net);
}

/* ---- attributes ------------------------------------------------------------------------------ */

ptrdiff_t firmnet_i_attr_find(const firmnet_network *net, const char *name)
{
    for (size_t a = 0; a < net->nattrs; a++) {
        if (firmnet_i_strcasecmp(net->attrs[a].name, name) == 0) {
            return (ptrdiff_t)a;
        }
    }
    return -1;
}

const char *firmnet_i_attr_value(const firmnet_network *net, size_t a, size_t i)
{
    const char *v = net->attrs[a].values ? net->attrs[a].values[i] : NULL;
    return v ? v : "";
}

static ptrdiff_t attr_add(firmnet_network *net, const char *name)
{
    ptrdiff_t a = firmnet_i_attr_find(net, name);
    if (a >= 0) {
        return a;
    }
    if (net->nattrs == net->attrs_cap) {
        size_t cap = net->attrs_cap * 2;
        firmnet_i_attr *attrs = firmnet_i_reallocarray(net->attrs, cap, sizeof *attrs);
        if (attrs == NULL) {
            return -1;
        }
        net->attrs = attrs;
        net->attrs_cap = cap;
    }
    firmnet_i_attr *at = &net->attrs[net->nattrs];
    memset(at, 0, sizeof *at);
    at->name = firmnet_i_strdup(name);
    if (at->name == NULL) {
        return -1;
    }
    /* lower-case, as header names are matched case-insensitively */
    for (char *p = at->name; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
        }
    }
    return (ptrdiff_t)net->nattrs++;
}

/* Make every attribute's value array hold at least net->actors_cap entries. */
static int attr_values_reserve(firmnet_network *net, size_t a)
{
    firmnet_i_attr *at = &net->attrs[a];
    if (at->values == NULL && net->actors_cap > 0) {
        at->values = firmnet_i_calloc(net->actors_cap, sizeof *at->values);
        if (at->values == NULL) {
            return firmnet_i_nomem();
        }
    }
    return 0;
}

/* Store @p value (length @p len) as attribute @p a of actor @p i, normalising known values. */
static int attr_set(firmnet_network *net, size_t a, size_t i, const char *value, size_t len)
{
    firmnet_i_attr *at;
    char *copy;
    double d;
    int rc = attr_values_reserve(net, a);
    if (rc < 0) {
        return rc;
    }
    at = &net->attrs[a];
    if (at->values[i] != NULL) { /* replacing a value: undo its counts */
        at->non_blank--;
        if (!firmnet_i_parse_double(at->values[i], &d) || !isfinite(d)) {
            at->non_numeric--;
        }
        firmnet_i_free(at->values[i]);
        at->values[i] = NULL;
    }
    if (value == NULL || len == 0) {
        return 0;
    }
    copy = firmnet_i_malloc(len + 1);
    if (copy == NULL) {
        return firmnet_i_nomem();
    }
    memcpy(copy, value, len);
    copy[len] = '\0';
    if (a == FIRMNET_I_ATTR_TYPE || a == FIRMNET_I_ATTR_SIZE) {
        const char *const *known = a == FIRMNET_I_ATTR_TYPE ? known_types : known_sizes;
        size_t nknown = a == FIRMNET_I_ATTR_TYPE ? 6 : 2;
        for (size_t k = 0; k < nknown; k++) {
            if (firmnet_i_strcasecmp(copy, known[k]) == 0) {
                memcpy(copy, known[k], len);
            }
        }
    }
    at->values[i] = copy;
    at->non_blank++;
    if (!firmnet_i_parse_double(copy, &d) || !isfinite(d)) {
        at->non_numeric++;
    }
    return 0;
}

/* ---- actors ---------------------------------------------------------------------------------- */

static int actors_reserve(firmnet_network *net, size_t n)
{
    size_t cap;
    if (n <= net->actors_cap) {
        return 0;
    }
    cap = net->actors_cap ? net->actors_cap : 64;
    while (cap < n) {
        cap *= 2;
    }
    unsigned char *imp = firmnet_i_realloc(net->implicit, cap);
    if (imp == NULL) {
        return firmnet_i_nomem();
    }
    net->implicit = imp;
    for (size_t a = 0; a < net->nattrs; a++) {
        if (net->attrs[a].values == NULL) {
            continue;
        }
        char **v = firmnet_i_reallocarray(net->attrs[a].values, cap, sizeof *v);
        if (v == NULL) {
            return firmnet_i_nomem();
        }
        memset(v + net->actors_cap, 0, (cap - net->actors_cap) * sizeof *v);
        net->attrs[a].values = v;
    }
    net->actors_cap = cap;
    return 0;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

/* Trim ASCII white space around a name: ids, waves and layers are compared trimmed, also when
 * they were quoted, so " A" and "A" name the same actor. */
static void trim(const char **s, size_t *len)
{
    while (*len > 0 && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && is_space((*s)[*len - 1])) {
        (*len)--;
    }
}

/*
 * Near-duplicate ids. An id's key is the id with ASCII letters in lower case and each run of
 * white space as one space; an id whose key is already taken differs from an earlier id only
 * in case or spacing: a distinct actor, counted in the report as a warning. The key set keeps
 * no strings (net->key_slots): a key is recomputed from its actor's id when the tags match.
 */

/* The next character of the key of @p id, whose characters before *k are read; -1 at the end. */
static int key_next(const char *id, size_t len, size_t *k)
{
    char ch;
    if (*k >= len) {
        return -1;
    }
    ch = id[(*k)++];
    if (is_space(ch)) {
        while (*k < len && is_space(id[*k])) {
            (*k)++;
        }
        return ' ';
    }
    return (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
}

static uint32_t key_hash(const char *id, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL, w = 0;
    size_t k = 0, n = 0;
    int ch;
    while ((ch = key_next(id, len, &k)) >= 0) {
        w = w << 8 | (uint64_t)ch;
        if (++n % 8 == 0) {
            h = firmnet_i_mix64(h ^ w);
            w = 0;
        }
    }
    return (uint32_t)firmnet_i_mix64(h ^ w ^ (uint64_t)n << 56);
}

static bool keys_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    int x, y;
    do {
        x = key_next(a, alen, &i);
        y = key_next(b, blen, &j);
    } while (x == y && x >= 0);
    return x == y;
}

/* The slot of the key of @p id (hash @p tag): where it is (*found) or would go. */
static size_t key_slot(const firmnet_network *net, const char *id, size_t len, uint32_t tag,
                       bool *found)
{
    size_t mask = net->key_nslots - 1, i = tag & mask;
    for (;; i = (i + 1) & mask) {
        uint64_t v = net->key_slots[i];
        if (v == 0) {
            *found = false;
            return i;
        }
        if ((uint32_t)(v >> 32) == tag) {
            const char *other = net->ids.strs[(uint32_t)v - 1];
            if (keys_equal(id, len, other, strlen(other))) {
                *found = true;
                return i;
            }
        }
    }
}

/* Enter actors first .. last - 1 under their keys (those whose key is new); none may be in. */
static void keys_enter(firmnet_network *net, size_t first, size_t last, size_t *dups)
{
    for (size_t a = first; a < last; a++) {
        const char *id = net->ids.strs[a];
        size_t len = strlen(id);
        uint32_t tag = key_hash(id, len);
        bool found;
        size_t i = key_slot(net, id, len, tag, &found);
        if (found) {
            ++*dups;
        } else {
            net->key_slots[i] = (uint64_t)tag << 32 | (uint32_t)(a + 1);
            net->nkeys++;
        }
    }
}

/* Keep only the keys of actors 0 .. nactors - 1 (a read taken back): cannot fail, the slots
 * are reused. */
static void keys_truncate(firmnet_network *net, size_t nactors)
{
    size_t dups = 0;
    if (net->key_nslots == 0) {
        return;
    }
    memset(net->key_slots, 0, net->key_nslots * sizeof *net->key_slots);
    net->nkeys = 0;
    keys_enter(net, 0, nactors, &dups);
}

/* Register the new actor @p index under its key; counts a near duplicate in @p rep. */
static int note_id_key(firmnet_network *net, size_t index, firmnet_load_report *rep)
{
    if ((net->nkeys + 1) * 2 > net->key_nslots) {
        size_t nslots = net->key_nslots ? net->key_nslots * 2 : 1024;
        uint64_t *old = net->key_slots;
        uint64_t *slots = nslots <= (size_t)UINT32_MAX + 1 /* tags hold 32 bits */
                              ? firmnet_i_calloc(nslots, sizeof *slots)
                              : NULL;
        if (slots == NULL) {
            return firmnet_i_nomem();
        }
        /* the tag holds the hash's low bits, so it gives each key's home slot */
        for (size_t k = 0; k < net->key_nslots; k++) {
            if (old[k] != 0) {
                size_t i = (uint32_t)(old[k] >> 32) & (nslots - 1);
                while (slots[i] != 0) {
                    i = (i + 1) & (nslots - 1);
                }
                slots[i] = old[k];
            }
        }
        firmnet_i_free(old);
        net->key_slots = slots;
        net->key_nslots = nslots;
    }
    keys_enter(net, index, index + 1, &rep->near_duplicate_ids);
    return 0;
}

/* Find or create actor @p id, whose hash is @p h (firmnet_i_strset_hash); *created tells
 * whether it is new. Returns the index or < 0. */
static ptrdiff_t actor_get(firmnet_network *net, const char *id, size_t len, uint64_t h,
                           bool implicit, bool *created, firmnet_load_report *rep)
{
    int rc = actors_reserve(net, net->ids.count + 1);
    ptrdiff_t i;
    if (rc < 0) {
        return rc;
    }
    i = firmnet_i_strset_add_hashed(&net->ids, id, len, h, created);
    if (i < 0) {
        return firmnet_i_nomem();
    }
    if (*created) {
        rc = note_id_key(net, (size_t)i, rep);
        if (rc < 0) {
            firmnet_i_strset_truncate(&net->ids, (size_t)i);
            *created = false;
            return rc;
        }
        net->implicit[i] = implicit;
    }
    return i;
}

/* A few recently used waves or layers of a read: most rows repeat one of them, and comparing
 * with each is cheaper than a lookup. All zero is empty. */
#define NRECENT 4
typedef struct recent_names {
    size_t index1[NRECENT]; /* index in the set + 1; 0 = empty */
    size_t len[NRECENT];
    unsigned next;          /* the entry to replace next */
} recent_names;

/* The index of @p s in @p set if it is among the recent names of @p r, else -1. */
static ptrdiff_t recent_find(const recent_names *r, const firmnet_i_strset *set, const char *s,
                             size_t len)
{
    for (int k = 0; k < NRECENT; k++) {
        if (r->index1[k] != 0 && r->len[k] == len &&
            memcmp(set->strs[r->index1[k] - 1], s, len) == 0) {
            return (ptrdiff_t)r->index1[k] - 1;
        }
    }
    return -1;
}

static void recent_note(recent_names *r, ptrdiff_t index, size_t len)
{
    r->index1[r->next] = (size_t)index + 1;
    r->len[r->next] = len;
    r->next = (r->next + 1) % NRECENT;
}

/* Everything a failed read must undo. */
typedef struct undo {
    size_t nactors, nattrs, nties, nwaves, nlayers;
    firmnet_i_attr *attr_counts; /* copies of the counters of the first nattrs attributes */
    size_t *filled;              /* implicit actors that got attributes in this call */
    size_t nfilled, filled_cap;
    struct merged {
        size_t tie;
        double weight;
        uint32_t n;
    } *merged;                   /* earlier ties whose weight this call changed */
    size_t nmerged, merged_cap;
    firmnet_load_report report;
    recent_names waves, layers; /* the last rows' waves and layers, to skip most interning */
} undo;

static int undo_begin(undo *u, const firmnet_network *net)
{
    memset(u, 0, sizeof *u);
    u->nactors = net->ids.count;
    u->nattrs = net->nattrs;
    u->nties = net->nties;
    u->nwaves = net->waves.count;
    u->nlayers = net->layers.count;
    u->attr_counts = firmnet_i_malloc(net->nattrs * sizeof *u->attr_counts);
    if (u->attr_counts == NULL) {
        return firmnet_i_nomem();
    }
    memcpy(u->attr_counts, net->attrs, net->nattrs * sizeof *u->attr_counts);
    return 0;
}

static void undo_free(undo *u)
{
    firmnet_i_free(u->attr_counts);
    firmnet_i_free(u->filled);
    firmnet_i_free(u->merged);
}

static int rebuild_tie_hash(firmnet_network *net);
static void sort_orders(firmnet_network *net);

static void undo_apply(firmnet_network *net, undo *u)
{
    /* attribute values of actors that existed before and got values in this call */
    for (size_t k = 0; k < u->nfilled; k++) {
        size_t i = u->filled[k];
        for (size_t a = 0; a < net->nattrs; a++) {
            if (net->attrs[a].values != NULL) {
                firmnet_i_free(net->attrs[a].values[i]);
                net->attrs[a].values[i] = NULL;
            }
        }
        net->implicit[i] = 1;
    }
    /* actors added in this call */
    for (size_t a = 0; a < net->nattrs; a++) {
        if (net->attrs[a].values == NULL) {
            continue;
        }
        for (size_t i = u->nactors; i < net->ids.count; i++) {
            firmnet_i_free(net->attrs[a].values[i]);
            net->attrs[a].values[i] = NULL;
        }
    }
    firmnet_i_strset_truncate(&net->ids, u->nactors);
    keys_truncate(net, u->nactors);
    for (size_t a = u->nattrs; a < net->nattrs; a++) {
        firmnet_i_free(net->attrs[a].values);
        firmnet_i_free(net->attrs[a].name);
    }
    net->nattrs = u->nattrs;
    for (size_t a = 0; a < net->nattrs; a++) {
        net->attrs[a].non_blank = u->attr_counts[a].non_blank;
        net->attrs[a].non_numeric = u->attr_counts[a].non_numeric;
    }
    /* ties */
    for (size_t k = u->nmerged; k-- > 0;) {
        net->weight[u->merged[k].tie] = u->merged[k].weight;
        net->nmerged[u->merged[k].tie] = u->merged[k].n;
    }
    if (net->nties != u->nties) {
        net->nties = u->nties;
        if (net->tie_nslots > 0) {
            rebuild_tie_hash(net); /* same slot count: cannot fail */
        }
    }
    firmnet_i_strset_truncate(&net->waves, u->nwaves);
    firmnet_i_strset_truncate(&net->layers, u->nlayers);
    sort_orders(net);
}

static int undo_note_filled(undo *u, size_t i)
{
    if (u->nfilled == u->filled_cap) {
        size_t cap = u->filled_cap ? u->filled_cap * 2 : 16;
        size_t *f = firmnet_i_reallocarray(u->filled, cap, sizeof *f);
        if (f == NULL) {
            return firmnet_i_nomem();
        }
        u->filled = f;
        u->filled_cap = cap;
    }
    u->filled[u->nfilled++] = i;
    return 0;
}

static int undo_note_merged(undo *u, const firmnet_network *net, size_t tie)
{
    if (tie >= u->nties) {
        return 0; /* added in this call: truncation undoes it */
    }
    if (u->nmerged == u->merged_cap) {
        size_t cap = u->merged_cap ? u->merged_cap * 2 : 16;
        struct merged *m = firmnet_i_reallocarray(u->merged, cap, sizeof *m);
        if (m == NULL) {
            return firmnet_i_nomem();
        }
        u->merged = m;
        u->merged_cap = cap;
    }
    u->merged[u->nmerged].tie = tie;
    u->merged[u->nmerged].weight = net->weight[tie];
    u->merged[u->nmerged].n = net->nmerged[tie];
    u->nmerged++;
    return 0;
}

static void report_add(firmnet_load_report *to, const firmnet_load_report *r)
{
    to->rows += r->rows;
    to->blank_lines += r->blank_lines;
    to->actors_added += r->actors_added;
    to->actors_implicit += r->actors_implicit;
    to->ties_added += r->ties_added;
    to->duplicates_merged += r->duplicates_merged;
    to->self_ties_dropped += r->self_ties_dropped;
    to->near_duplicate_ids += r->near_duplicate_ids;
}

/* Finish a read or add call: commit or roll back, fill the report. */
static int undo_end(firmnet_network *net, undo *u, int rc, firmnet_load_report *report)
{
    if (rc < 0) {
        undo_apply(net, u);
    } else {
        sort_orders(net);
        report_add(&net->total, &u->report);
        if (report != NULL) {
            *report = u->report;
        }
    }
    undo_free(u);
    return rc;
}

/* Add or fill one actor row: @p vals are per attribute index (NULL = column absent). */
static int actor_row(firmnet_network *net, undo *u, const char *id, size_t idlen,
                     const char *const *vals, const size_t *lens, size_t nvals,
                     const size_t *attr_of)
{
    bool created;
    ptrdiff_t i;
    int rc;
    trim(&id, &idlen);
    if (idlen == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "blank actor id");
    }
    if (firmnet_i_utf8_valid_prefix(id, idlen) != idlen) {
        return firmnet_i_error(FIRMNET_EDATA, "invalid UTF-8 in actor id");
    }
    i = actor_get(net, id, idlen, firmnet_i_strset_hash(id, idlen), false, &created, &u->report);
    if (i < 0) {
        return (int)i;
    }
    if (!created) {
        if (!net->implicit[i]) {
            return firmnet_i_error(FIRMNET_EDATA, "duplicate actor id '%.*s'", (int)idlen, id);
        }
        rc = undo_note_filled(u, (size_t)i);
        if (rc < 0) {
            return rc;
        }
        net->implicit[i] = 0;
    } else {
        u->report.actors_added++;
    }
    for (size_t k = 0; k < nvals; k++) {
        rc = attr_set(net, attr_of[k], (size_t)i, vals[k], lens[k]);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

int firmnet_network_add_actor(firmnet_network *net, const char *id, size_t nattr,
                              const char *const *names, const char *const *values)
{
    undo u;
    size_t *attr_of = NULL, *lens = NULL;
    int rc;
    firmnet_i_clear_error();
    if (net == NULL || id == NULL || (nattr > 0 && (names == NULL || values == NULL))) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_add_actor: NULL argument");
    }
    rc = undo_begin(&u, net);
    if (rc < 0) {
        return rc;
    }
    attr_of = firmnet_i_calloc(nattr, sizeof *attr_of);
    lens = firmnet_i_calloc(nattr, sizeof *lens);
    if (attr_of == NULL || lens == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t k = 0; k < nattr; k++) {
        ptrdiff_t a;
        if (names[k] == NULL || names[k][0] == '\0' || firmnet_i_strcasecmp(names[k], "id") == 0) {
            rc = firmnet_i_error(FIRMNET_EINVAL, "actor '%s': attribute %zu has no valid name", id, k);
            goto cleanup;
        }
        a = attr_add(net, names[k]);
        if (a < 0) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        attr_of[k] = (size_t)a;
        lens[k] = values[k] ? strlen(values[k]) : 0;
        if (firmnet_i_utf8_valid_prefix(values[k] ? values[k] : "", lens[k]) != lens[k]) {
            rc = firmnet_i_error(FIRMNET_EDATA, "actor '%s': invalid UTF-8 in attribute '%s'", id,
                                 names[k]);
            goto cleanup;
        }
    }
    rc = actor_row(net, &u, id, strlen(id), (const char *const *)values, lens, nattr, attr_of);
    if (rc < 0) {
        firmnet_i_error_prefix(rc, "actor '%s'", id);
    }
cleanup:
    firmnet_i_free(attr_of);
    firmnet_i_free(lens);
    return undo_end(net, &u, rc, NULL);
}

static int read_actors(firmnet_network *net, firmnet_i_csv *csv, firmnet_load_report *report)
{
    undo u;
    ptrdiff_t idcol;
    size_t ncols, nvals = 0;
    size_t *attr_of = NULL, *col_of = NULL, *lens = NULL;
    const char **vals = NULL;
    int rc = firmnet_i_csv_header(csv);
    if (rc < 0) {
        return rc;
    }
    idcol = firmnet_i_csv_column(csv, "id");
    if (idcol < 0) {
        return firmnet_i_error(FIRMNET_EPARSE, "%s:1: missing required column 'id'",
                               firmnet_i_csv_name(csv));
    }
    rc = undo_begin(&u, net);
    if (rc < 0) {
        return rc;
    }
    ncols = firmnet_i_csv_nfields(csv);
    attr_of = firmnet_i_calloc(ncols, sizeof *attr_of);
    col_of = firmnet_i_calloc(ncols, sizeof *col_of);
    lens = firmnet_i_calloc(ncols, sizeof *lens);
    vals = firmnet_i_calloc(ncols, sizeof *vals);
    if (attr_of == NULL || col_of == NULL || lens == NULL || vals == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t j = 0; j < ncols; j++) {
        if ((ptrdiff_t)j == idcol) {
            continue;
        }
        ptrdiff_t a = attr_add(net, firmnet_i_csv_header_name(csv, j));
        if (a < 0) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        attr_of[nvals] = (size_t)a;
        col_of[nvals++] = j;
    }
    while ((rc = firmnet_i_csv_next(csv)) > 0) {
        u.report.rows++;
        for (size_t k = 0; k < nvals; k++) {
            vals[k] = firmnet_i_csv_field(csv, col_of[k]);
            lens[k] = firmnet_i_csv_field_len(csv, col_of[k]);
        }
        rc = actor_row(net, &u, firmnet_i_csv_field(csv, (size_t)idcol),
                       firmnet_i_csv_field_len(csv, (size_t)idcol), vals, lens, nvals, attr_of);
        if (rc < 0) {
            if (rc != FIRMNET_ENOMEM) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s", firmnet_last_error());
                rc = firmnet_i_csv_error(csv, rc, (size_t)idcol, "%s", msg);
            }
            break;
        }
    }
    u.report.blank_lines = firmnet_i_csv_blank_lines(csv);
cleanup:
    firmnet_i_free(attr_of);
    firmnet_i_free(col_of);
    firmnet_i_free(lens);
    firmnet_i_free(vals);
    return undo_end(net, &u, rc < 0 ? rc : 0, report);
}

/* ---- waves, layers and their order --------------------------------------------------------- */

static int cmp_names(const void *pa, const void *pb, void *ctx)
{
    const firmnet_i_strset *set = ctx;
    const char *a = set->strs[*(const uint32_t *)pa];
    const char *b = set->strs[*(const uint32_t *)pb];
    return strcmp(a, b);
}

static int cmp_numbers(const void *pa, const void *pb, void *ctx)
{
    const firmnet_i_strset *set = ctx;
    double x = 0, y = 0;
    firmnet_i_parse_double(set->strs[*(const uint32_t *)pa], &x);
    firmnet_i_parse_double(set->strs[*(const uint32_t *)pb], &y);
    if (x != y) {
        return x < y ? -1 : 1;
    }
    return cmp_names(pa, pb, ctx);
}

/* Fill @p order (sized by the set's capacity) with the sorted permutation of the set. */
static void sort_set_order(firmnet_i_strset *set, uint32_t *order, bool numeric_ok)
{
    bool numeric = numeric_ok;
    for (size_t k = 0; k < set->count; k++) {
        double d;
        order[k] = (uint32_t)k;
        if (!firmnet_i_parse_double(set->strs[k], &d) || !isfinite(d)) {
            numeric = false;
        }
    }
    if (set->count > 1) {
        qsort_r(order, set->count, sizeof *order, numeric ? cmp_numbers : cmp_names, set);
    }
}

static void sort_orders(firmnet_network *net)
{
    sort_set_order(&net->waves, net->wave_order, true);
    sort_set_order(&net->layers, net->layer_order, false);
}

static ptrdiff_t intern(firmnet_network *net, firmnet_i_strset *set, uint32_t **order,
                        const char *s, size_t len)
{
    bool added;
    ptrdiff_t k = firmnet_i_strset_find(set, s, len);
    if (k >= 0) {
        return k;
    }
    if (set->count >= MAX_WAVES_LAYERS) {
        return -2;
    }
    k = firmnet_i_strset_add(set, s, len, &added);
    if (k < 0) {
        return -1;
    }
    if (set->count > 0) {
        uint32_t *o = firmnet_i_reallocarray(*order, set->cap, sizeof *o);
        if (o == NULL) {
            firmnet_i_strset_truncate(set, set->count - 1);
            return -1;
        }
        *order = o;
    }
    (void)net;
    return k;
}

ptrdiff_t firmnet_i_wave_find(const firmnet_network *net, const char *name)
{
    return firmnet_i_strset_find(&net->waves, name, strlen(name));
}

/* ---- ties ---------------------------------------------------------------------------------- */

static uint64_t tie_hash(uint32_t w, uint32_t l, uint32_t s, uint32_t t)
{
    uint64_t key[2] = {((uint64_t)w << 32) | l, ((uint64_t)s << 32) | t};
    return firmnet_i_hash_bytes(key, sizeof key);
}

static size_t tie_slot(const firmnet_network *net, uint32_t w, uint32_t l, uint32_t s,
                       uint32_t t, uint64_t h, bool *found)
{
    size_t mask = net->tie_nslots - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        uint64_t v = net->tie_slots[i];
        if (v == 0) {
            *found = false;
            return i;
        }
        if (FIRMNET_I_SLOT_TAG_MATCH(v, h)) {
            size_t k = FIRMNET_I_SLOT_INDEX(v);
            if (net->src[k] == s && net->tgt[k] == t && net->wave[k] == w && net->layer[k] == l) {
                *found = true;
                return i;
            }
        }
        i = (i + 1) & mask;
    }
}

static int rebuild_tie_hash(firmnet_network *net)
{
    memset(net->tie_slots, 0, net->tie_nslots * sizeof *net->tie_slots);
    for (size_t k = 0; k < net->nties; k++) {
        bool found;
        uint64_t h = tie_hash(net->wave[k], net->layer[k], net->src[k], net->tgt[k]);
        size_t i = tie_slot(net, net->wave[k], net->layer[k], net->src[k], net->tgt[k], h, &found);
        net->tie_slots[i] = FIRMNET_I_SLOT(h, k);
    }
    return 0;
}

/* Reallocate every tie array to @p cap ties: 0, or -1 when some realloc failed (those arrays
 * keep their size, so each array still holds at least min(cap, old capacity) ties). */
static int ties_realloc(firmnet_network *net, size_t cap)
{
    int rc = 0;
    void *p;
#define RESIZE(field)                                                      \
    p = firmnet_i_reallocarray(net->field, cap, sizeof *net->field);       \
    if (p != NULL) {                                                       \
        net->field = p;                                                    \
    } else {                                                               \
        rc = -1;                                                           \
    }
    RESIZE(src)
    RESIZE(tgt)
    RESIZE(wave)
    RESIZE(layer)
    RESIZE(weight)
    RESIZE(nmerged)
#undef RESIZE
    return rc;
}

static int ties_grow(firmnet_network *net, size_t n)
{
    if (n > UINT32_MAX - 2) {
        return firmnet_i_error(FIRMNET_ERANGE, "too many ties (at most %u)", UINT32_MAX - 2);
    }
    if (n > net->ties_cap) {
        /* 1.5x growth: large networks are memory-bound */
        size_t cap = net->ties_cap ? net->ties_cap + net->ties_cap / 2 : 1024;
        if (ties_realloc(net, cap) < 0) {
            return firmnet_i_nomem(); /* the capacity stays as it was */
        }
        net->ties_cap = cap;
    }
    return 0;
}

/*
 * Size the tie arrays for the whole file once its first @p rows rows are in (the reader knows
 * how much of the text they took and how long it is): grown by reallocation instead, they are
 * copied, and their pages touched, several times over on a large file. A hint only: a wrong
 * guess leaves spare capacity (which ties_shrink gives back) or more growth, and a failed
 * reallocation is not an error (each array keeps at least its old capacity).
 */
static void ties_reserve_for_text(firmnet_network *net, const firmnet_i_csv *csv, size_t rows)
{
    uint64_t done, total;
    if (!firmnet_i_csv_text_read(csv, &done, &total)) {
        return;
    }
    double more = (double)rows * (double)(total - done) / (double)done;
    double cap = (double)net->nties + more * 1.02 + 1024;
    if (cap > (double)(UINT32_MAX - 2)) {
        cap = (double)(UINT32_MAX - 2);
    }
    if ((size_t)cap > net->ties_cap && ties_realloc(net, (size_t)cap) == 0) {
        net->ties_cap = (size_t)cap;
    }
}

/* Give back the arrays' spare capacity after a bulk read (up to a third of the ties on a large
 * file: tens of MiB at national scale). Cannot fail: an array that realloc declines to shrink
 * stays larger than the capacity recorded. */
static void ties_shrink(firmnet_network *net)
{
    size_t cap = net->nties < 1024 ? 1024 : net->nties;
    if (net->ties_cap > cap + cap / 16) {
        (void)ties_realloc(net, cap);
        net->ties_cap = cap;
    }
}

/* The tie hash serves single additions; bulk reads drop it and deduplicate by sorting. */
static int tie_hash_ensure(firmnet_network *net, size_t n)
{
    if (n * 2 > net->tie_nslots) {
        size_t nslots = net->tie_nslots ? net->tie_nslots * 2 : 2048;
        while (n * 2 > nslots) {
            nslots *= 2;
        }
        uint64_t *slots = firmnet_i_calloc(nslots, sizeof *slots);
        if (slots == NULL) {
            return firmnet_i_nomem();
        }
        firmnet_i_free(net->tie_slots);
        net->tie_slots = slots;
        net->tie_nslots = nslots;
        rebuild_tie_hash(net);
    }
    return 0;
}

static void tie_hash_drop(firmnet_network *net)
{
    firmnet_i_free(net->tie_slots);
    net->tie_slots = NULL;
    net->tie_nslots = 0;
}

/* Combine a duplicate's weight @p x into tie @p k (which now counts @p n rows). */
static void merge_weight(firmnet_network *net, size_t k, double x, firmnet_merge rule)
{
    uint32_t n = ++net->nmerged[k];
    switch (rule) {
    case FIRMNET_MERGE_SUM: net->weight[k] += x; break;
    case FIRMNET_MERGE_MAX: net->weight[k] = fmax(net->weight[k], x); break;
    case FIRMNET_MERGE_MEAN: net->weight[k] += (x - net->weight[k]) / n; break;
    case FIRMNET_MERGE_COUNT: net->weight[k] = n; break;
    default: break; /* FIRST */
    }
}

/* The error for merged weights of tie @p k that sum to more than the largest number. */
static int overflow_error(const firmnet_network *net, size_t k)
{
    return firmnet_i_error(FIRMNET_EDATA,
                           "the weights of duplicate tie %s -> %s (wave '%s', layer '%s') sum to "
                           "more than the largest number (%g)",
                           net->ids.strs[net->src[k]], net->ids.strs[net->tgt[k]],
                           net->waves.strs[net->wave[k]], net->layers.strs[net->layer[k]],
                           DBL_MAX);
}

/* Raw tie fields as they come from a row or a call. */
typedef struct tie_row {
    const char *wave, *layer, *source, *target;
    size_t wave_len, layer_len, source_len, target_len;
    double weight;
    bool utf8_checked; /* the reader has checked the fields for valid UTF-8 */
} tie_row;

/* Which field of a tie row an error is about (for the reader's column). */
enum { F_WAVE, F_LAYER, F_SOURCE, F_TARGET, F_WEIGHT };

/*
 * Every layer and every parent of a layer must be expressible in a selector (the summary
 * builds its views that way, and users type them): no comma (it separates names), no empty
 * part between dots, no white space around a part (selectors trim it), and "all" (every
 * layer) is not a layer or a top-level part. Returns why a name is not valid, or NULL.
 */
static const char *layer_name_problem(const char *name, size_t len)
{
    if (memchr(name, ',', len) != NULL) {
        return "a layer name cannot contain a comma (commas separate the names in layer "
               "selectors)";
    }
    for (size_t start = 0; start <= len;) {
        const char *dot = memchr(name + start, '.', len - start);
        size_t end = dot ? (size_t)(dot - name) : len;
        if (end == start) {
            return "a layer name cannot have an empty part between dots ('.x', 'x.', 'x..y')";
        }
        if (is_space(name[start]) || is_space(name[end - 1])) {
            return "a part of a layer name between dots cannot begin or end with white space";
        }
        if (start == 0 && end == 3 && memcmp(name, "all", 3) == 0) {
            return "'all' is reserved (the layer selector 'all' means every layer)";
        }
        start = end + 1;
    }
    return NULL;
}

/* Below this, fewer than 2^32 weights cannot sum to more than DBL_MAX: only weights at least
 * this large make a merge sum overflow (see read_ties()). */
#define HUGE_WEIGHT (DBL_MAX / 4294967296.0)

/* Add one tie. In @p bulk mode the tie is appended without a duplicate check:
 * dedupe_bulk() merges duplicates at the end of the read. */
static int tie_add(firmnet_network *net, undo *u, const tie_row *row,
                   const firmnet_read_options *opts, bool bulk, int *field)
{
    tie_row trimmed = *row;
    const tie_row *r = &trimmed;
    trim(&trimmed.source, &trimmed.source_len);
    trim(&trimmed.target, &trimmed.target_len);
    trim(&trimmed.layer, &trimmed.layer_len);
    if (trimmed.wave != NULL) {
        trim(&trimmed.wave, &trimmed.wave_len);
    }
    bool strict = opts && opts->strict;
    firmnet_merge rule = opts ? opts->duplicates : FIRMNET_MERGE_SUM;
    const char *ends[2] = {r->source, r->target};
    size_t lens[2] = {r->source_len, r->target_len};
    ptrdiff_t idx[2], w, l;
    uint64_t idh[2];
    bool found;
    size_t slot;
    uint64_t h;
    int rc;
    bool check_utf8 = !(r->utf8_checked && firmnet_i_read_fast);

    *field = F_SOURCE;
    for (int e = 0; e < 2; e++) {
        *field = e == 0 ? F_SOURCE : F_TARGET;
        if (lens[e] == 0) {
            return firmnet_i_error(FIRMNET_EDATA, "blank %s", e == 0 ? "source" : "target");
        }
        if (check_utf8 && firmnet_i_utf8_valid_prefix(ends[e], lens[e]) != lens[e]) {
            return firmnet_i_error(FIRMNET_EDATA, "invalid UTF-8 in actor id");
        }
    }
    /* start loading both ends' hash slots (cache misses on a large network) early, so that
     * they overlap with each other and with the checks below */
    for (int e = 0; e < 2; e++) {
        idh[e] = firmnet_i_strset_hash(ends[e], lens[e]);
        firmnet_i_strset_prefetch_hashed(&net->ids, idh[e]);
    }
    *field = F_WEIGHT;
    if (!isfinite(r->weight) || !(r->weight > 0)) {
        return firmnet_i_error(FIRMNET_EDATA, "weight %g is not a finite number > 0", r->weight);
    }
    *field = F_WAVE;
    if (r->wave_len == 0 && r->wave != NULL) {
        return firmnet_i_error(FIRMNET_EDATA, "blank wave");
    }
    if (check_utf8 && r->wave != NULL &&
        firmnet_i_utf8_valid_prefix(r->wave, r->wave_len) != r->wave_len) {
        return firmnet_i_error(FIRMNET_EDATA, "invalid UTF-8 in wave");
    }
    *field = F_LAYER;
    if (r->layer_len == 0) {
        return firmnet_i_error(FIRMNET_EDATA, "blank layer");
    }
    if (check_utf8 && firmnet_i_utf8_valid_prefix(r->layer, r->layer_len) != r->layer_len) {
        return firmnet_i_error(FIRMNET_EDATA, "invalid UTF-8 in layer");
    }
    /* the layer's index when it is known: a name once interned passed the check below */
    l = firmnet_i_read_fast ? recent_find(&u->layers, &net->layers, r->layer, r->layer_len) : -1;
    bool l_recent = l >= 0;
    if (!l_recent) {
        l = firmnet_i_strset_find(&net->layers, r->layer, r->layer_len);
    }
    if (l < 0 || !firmnet_i_read_fast) {
        const char *why = layer_name_problem(r->layer, r->layer_len);
        if (why != NULL) {
            return firmnet_i_error(FIRMNET_EDATA, "layer '%.*s': %s", (int)r->layer_len, r->layer,
                                   why);
        }
    }
    if (r->source_len == r->target_len && memcmp(r->source, r->target, r->source_len) == 0) {
        u->report.self_ties_dropped++;
        return 0;
    }
    for (int e = 0; e < 2; e++) {
        *field = e == 0 ? F_SOURCE : F_TARGET;
        idx[e] = firmnet_i_strset_find_hashed(&net->ids, ends[e], lens[e], idh[e]);
        if (idx[e] < 0) {
            bool created;
            if (strict) {
                return firmnet_i_error(FIRMNET_EDATA,
                                       "unknown actor '%.*s' (not in the actor table; strict mode)",
                                       (int)lens[e], ends[e]);
            }
            idx[e] = actor_get(net, ends[e], lens[e], idh[e], true, &created, &u->report);
            if (idx[e] < 0) {
                return (int)idx[e];
            }
            u->report.actors_added++;
            u->report.actors_implicit++;
        }
    }
    *field = F_WAVE;
    const char *wave = r->wave ? r->wave : "";
    size_t wave_len = r->wave ? r->wave_len : 0;
    w = firmnet_i_read_fast ? recent_find(&u->waves, &net->waves, wave, wave_len) : -1;
    bool w_recent = w >= 0;
    if (!w_recent) {
        w = intern(net, &net->waves, &net->wave_order, wave, wave_len);
    }
    *field = F_LAYER;
    if (w >= 0 && l < 0) {
        l = intern(net, &net->layers, &net->layer_order, r->layer, r->layer_len);
    }
    if (w == -2 || l == -2) {
        return firmnet_i_error(FIRMNET_ERANGE, "too many distinct waves or layers (at most %d)",
                               MAX_WAVES_LAYERS);
    }
    if (w < 0 || l < 0) {
        return firmnet_i_nomem();
    }
    if (!w_recent) {
        recent_note(&u->waves, w, wave_len);
    }
    if (!l_recent) {
        recent_note(&u->layers, l, r->layer_len);
    }
    rc = ties_grow(net, net->nties + 1);
    if (rc < 0) {
        return rc;
    }
    if (!bulk) {
        rc = tie_hash_ensure(net, net->nties + 1);
        if (rc < 0) {
            return rc;
        }
        h = tie_hash((uint32_t)w, (uint32_t)l, (uint32_t)idx[0], (uint32_t)idx[1]);
        slot = tie_slot(net, (uint32_t)w, (uint32_t)l, (uint32_t)idx[0], (uint32_t)idx[1], h,
                        &found);
        if (found) {
            size_t k = FIRMNET_I_SLOT_INDEX(net->tie_slots[slot]);
            *field = F_SOURCE;
            if (rule == FIRMNET_MERGE_ERROR) {
                return firmnet_i_error(FIRMNET_EDATA,
                                       "duplicate tie %.*s -> %.*s (wave '%s', layer '%s')",
                                       (int)lens[0], ends[0], (int)lens[1], ends[1],
                                       net->waves.strs[w], net->layers.strs[l]);
            }
            if (rule == FIRMNET_MERGE_SUM && !isfinite(net->weight[k] + r->weight)) {
                return overflow_error(net, k);
            }
            rc = undo_note_merged(u, net, k);
            if (rc < 0) {
                return rc;
            }
            merge_weight(net, k, r->weight, rule);
            u->report.duplicates_merged++;
            return 0;
        }
        net->tie_slots[slot] = FIRMNET_I_SLOT(h, net->nties);
        u->report.ties_added++;
    }
    size_t k = net->nties++;
    net->src[k] = (uint32_t)idx[0];
    net->tgt[k] = (uint32_t)idx[1];
    net->wave[k] = (uint16_t)w;
    net->layer[k] = (uint16_t)l;
    net->weight[k] = rule == FIRMNET_MERGE_COUNT ? 1.0 : r->weight;
    net->nmerged[k] = 1;
    return 0;
}

/* A tie of a run of equal (source, target) in dedupe_bulk(). */
typedef struct run_tie {
    uint16_t layer, wave;
    uint32_t k;
} run_tie;

static int cmp_run_tie(const void *pa, const void *pb)
{
    const run_tie *a = pa, *b = pb;
    if (a->layer != b->layer) {
        return a->layer < b->layer ? -1 : 1;
    }
    if (a->wave != b->wave) {
        return a->wave < b->wave ? -1 : 1;
    }
    return a->k < b->k ? -1 : a->k > b->k;
}

/*
 * Merge the ties of one run of equal (source, target), given in index order in @p scratch,
 * that also share layer and wave: each group into its lowest index, the others in the order
 * they were read. dead[k] becomes 1 for a merged tie. See dedupe_bulk() for *dup and *overflow.
 */
static int merge_run(firmnet_network *net, undo *u, firmnet_merge rule, run_tie *scratch,
                     size_t r, unsigned char *dead, size_t *dup, size_t *overflow)
{
    if (r <= 32) { /* insertion sort: short runs are the rule, and it is stable */
        for (size_t a = 1; a < r; a++) {
            run_tie x = scratch[a];
            size_t b = a;
            for (; b > 0 && cmp_run_tie(&scratch[b - 1], &x) > 0; b--) {
                scratch[b] = scratch[b - 1];
            }
            scratch[b] = x;
        }
    } else {
        qsort(scratch, r, sizeof *scratch, cmp_run_tie); /* the index breaks ties */
    }
    for (size_t a = 0; a < r;) {
        size_t f = scratch[a].k, b = a + 1;
        for (; b < r && scratch[b].layer == scratch[a].layer && scratch[b].wave == scratch[a].wave;
             b++) {
            size_t k = scratch[b].k;
            if (rule == FIRMNET_MERGE_ERROR) {
                *dup = k < *dup ? k : *dup;
                continue;
            }
            if (rule == FIRMNET_MERGE_SUM && !isfinite(net->weight[f] + net->weight[k])) {
                *overflow = k < *overflow ? k : *overflow;
                continue;
            }
            int rc = undo_note_merged(u, net, f);
            if (rc < 0) {
                return rc;
            }
            merge_weight(net, f, net->weight[k], rule);
            dead[k] = 1;
            u->report.duplicates_merged++;
        }
        a = b;
    }
    return 0;
}

/*
 * Merge the ties a bulk read appended (indices from u->nties on) with each other and with the
 * ties already there, in file order, then compact. A stable radix sort of the ties' indices by
 * (source, target) brings ties of equal ends together in index order; within such
 * a run, those of equal layer and wave merge into the lowest index, the others following in
 * the order they were read. For FIRMNET_MERGE_ERROR, *dup receives the index of the duplicate
 * read first (else SIZE_MAX); *overflow likewise the first tie whose weight would make a sum
 * overflow.
 */
bool firmnet_i_dedupe_packed = true;

static int dedupe_bulk(firmnet_network *net, undo *u, firmnet_merge rule, size_t *dup,
                       size_t *overflow)
{
    size_t m = net->nties, first_new = u->nties, n = net->ids.count, w, longest = 0;
    /* kbits <= 32: ties < 2^32 (ties_grow), so lo below is too */
    unsigned bits = firmnet_i_bit_width(n ? n - 1 : 0), kbits = firmnet_i_bit_width(m ? m - 1 : 0);
    /* the tie index fits below the ends in the key (L: 2 x 20 + 24 bits): then the sort moves
     * 8 bytes a tie, else 12 */
    bool packed = firmnet_i_dedupe_packed && 2 * bits + kbits <= 64;
    unsigned lo = packed ? kbits : 0;
    uint64_t kmask = ((uint64_t)1 << lo) - 1; /* the tie's bits of a packed key */
    uint64_t *key = NULL; /* ((source << bits) | target) << lo, | the tie when packed */
    uint32_t *ks = NULL;  /* the ties in key order, when not packed; ties < 2^32 (ties_grow) */
    unsigned char *dead = NULL;
    run_tie *scratch = NULL;
    int rc = 0;

    *dup = *overflow = SIZE_MAX;
    if (m == first_new) {
        return 0;
    }
    key = firmnet_i_malloc(m * sizeof *key);
    ks = packed ? NULL : firmnet_i_malloc(m * sizeof *ks);
    dead = firmnet_i_calloc(m, 1);
    if (key == NULL || (!packed && ks == NULL) || dead == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    for (size_t k = 0; k < m; k++) {
        key[k] = ((uint64_t)net->src[k] << bits | net->tgt[k]) << lo | (packed ? k : 0);
        if (!packed) {
            ks[k] = (uint32_t)k;
        }
    }
    rc = firmnet_i_radix_sort(&key, packed ? NULL : &ks, m, lo, lo + 2 * bits);
    if (rc < 0) {
        goto cleanup;
    }
    /* runs of equal (source, target), in increasing (source, target), each in tie order */
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && key[j] >> lo == key[i] >> lo) {
            j++;
        }
        if (j - i > 1) {
            if (j - i > longest) {
                run_tie *p = firmnet_i_reallocarray(scratch, j - i, sizeof *p);
                if (p == NULL) {
                    rc = firmnet_i_nomem();
                    goto cleanup;
                }
                scratch = p;
                longest = j - i;
            }
            for (size_t a = 0; a < j - i; a++) {
                uint32_t k = packed ? (uint32_t)(key[i + a] & kmask) : ks[i + a];
                scratch[a] = (run_tie){net->layer[k], net->wave[k], k};
            }
            rc = merge_run(net, u, rule, scratch, j - i, dead, dup, overflow);
            if (rc < 0) {
                goto cleanup;
            }
        }
        i = j;
    }
    if (*dup != SIZE_MAX || *overflow != SIZE_MAX) {
        goto cleanup;
    }
    w = first_new;
    for (size_t k = first_new; k < m; k++) {
        if (dead[k]) {
            continue;
        }
        net->src[w] = net->src[k];
        net->tgt[w] = net->tgt[k];
        net->wave[w] = net->wave[k];
        net->layer[w] = net->layer[k];
        net->weight[w] = net->weight[k];
        net->nmerged[w] = net->nmerged[k];
        w++;
    }
    net->nties = w;
    u->report.ties_added += w - first_new;
cleanup:
    firmnet_i_free(key);
    firmnet_i_free(ks);
    firmnet_i_free(dead);
    firmnet_i_free(scratch);
    return rc;
}

int firmnet_network_add_tie(firmnet_network *net, const char *wave, const char *layer,
                            const char *source, const char *target, double weight,
                            const firmnet_read_options *opts, firmnet_load_report *report)
{
    undo u;
    tie_row r = {0}; /* utf8_checked false: tie_add() checks the strings */
    int rc, field;
    firmnet_i_clear_error();
    if (net == NULL || source == NULL || target == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_add_tie: NULL argument");
    }
    rc = check_read_options(opts);
    if (rc < 0) {
        return rc;
    }
    if (layer == NULL) {
        layer = "tie";
    }
    r.wave = wave ? wave : "";
    r.wave_len = strlen(r.wave);
    r.layer = layer;
    r.layer_len = strlen(layer);
    r.source = source;
    r.source_len = strlen(source);
    r.target = target;
    r.target_len = strlen(target);
    r.weight = weight;
    if (wave == NULL) {
        r.wave = NULL; /* the unnamed wave */
    }
    rc = undo_begin(&u, net);
    if (rc < 0) {
        return rc;
    }
    rc = tie_add(net, &u, &r, opts, false, &field);
    if (rc < 0 && rc != FIRMNET_ENOMEM) {
        firmnet_i_error_prefix(rc, "tie %s -> %s", source, target);
    }
    u.report.rows = 1;
    return undo_end(net, &u, rc, report);
}

/* Rows read before the tie arrays are sized for the rest of the file: enough for an average
 * row length within a few percent. */
#define RESERVE_AFTER_ROWS 4096

static int read_ties(firmnet_network *net, firmnet_i_csv *csv, const firmnet_read_options *opts,
                     firmnet_load_report *report)
{
    undo u;
    ptrdiff_t col[5];
    static const char *const names[5] = {"wave", "layer", "source", "target", "weight"};
    int rc = firmnet_i_csv_header(csv);
    if (rc < 0) {
        return rc;
    }
    for (int f = 0; f < 5; f++) {
        col[f] = firmnet_i_csv_column(csv, names[f]);
    }
    for (int f = F_SOURCE; f <= F_TARGET; f++) {
        if (col[f] < 0) {
            firmnet_i_buf have = {0};
            for (size_t j = 0; j < firmnet_i_csv_nfields(csv); j++) {
                firmnet_i_buf_printf(&have, "%s%s", j ? ", " : "", firmnet_i_csv_header_name(csv, j));
            }
            rc = firmnet_i_error(FIRMNET_EPARSE,
                                 "%s:1: missing required column '%s' (the header has: %s)",
                                 firmnet_i_csv_name(csv), names[f], have.data ? have.data : "");
            firmnet_i_buf_free(&have);
            return rc;
        }
    }
    rc = undo_begin(&u, net);
    if (rc < 0) {
        return rc;
    }
    /*
     * Where each appended tie was read, for the errors found only when duplicates are merged
     * at the end: recorded from the start under the error rule, and under the sum rule from
     * the first weight large enough to make a sum overflow (HUGE_WEIGHT), or from the start
     * when the network already holds one. Ordinary reads do not pay for it.
     */
    firmnet_merge rule = opts ? opts->duplicates : FIRMNET_MERGE_SUM;
    long *lines = NULL;
    size_t lines_cap = 0, lines_from = SIZE_MAX; /* SIZE_MAX: not recording */
    bool huge = false;
    for (size_t k = 0; rule == FIRMNET_MERGE_SUM && !huge && k < net->nties; k++) {
        huge = net->weight[k] >= HUGE_WEIGHT;
    }
    if (rule == FIRMNET_MERGE_ERROR || huge) {
        lines_from = 0;
    }
    while ((rc = firmnet_i_csv_next(csv)) > 0) {
        tie_row r = {0};
        int field = F_SOURCE;
        u.report.rows++;
        r.wave = col[F_WAVE] >= 0 ? firmnet_i_csv_field(csv, (size_t)col[F_WAVE]) : NULL;
        r.wave_len = col[F_WAVE] >= 0 ? firmnet_i_csv_field_len(csv, (size_t)col[F_WAVE]) : 0;
        r.layer = col[F_LAYER] >= 0 ? firmnet_i_csv_field(csv, (size_t)col[F_LAYER]) : "tie";
        r.layer_len = col[F_LAYER] >= 0 ? firmnet_i_csv_field_len(csv, (size_t)col[F_LAYER]) : 3;
        r.source = firmnet_i_csv_field(csv, (size_t)col[F_SOURCE]);
        r.source_len = firmnet_i_csv_field_len(csv, (size_t)col[F_SOURCE]);
        r.target = firmnet_i_csv_field(csv, (size_t)col[F_TARGET]);
        r.target_len = firmnet_i_csv_field_len(csv, (size_t)col[F_TARGET]);
        r.weight = 1.0;
        r.utf8_checked = true; /* by firmnet_i_csv_next() */
        if (col[F_WEIGHT] >= 0) {
            const char *ws = firmnet_i_csv_field(csv, (size_t)col[F_WEIGHT]);
            if (!firmnet_i_parse_double(ws, &r.weight)) {
                rc = firmnet_i_csv_error(csv, FIRMNET_EDATA, (size_t)col[F_WEIGHT],
                                         "weight '%s' is not a number", ws);
                break;
            }
            if (!isfinite(r.weight) || !(r.weight > 0)) {
                rc = firmnet_i_csv_error(csv, FIRMNET_EDATA, (size_t)col[F_WEIGHT],
                                         "weight '%s' is not a finite number > 0", ws);
                break;
            }
        }
        /* start loading the hash slots of the next row's ends: its ids are usually in the
         * buffer already, and the misses then overlap with this row's work */
        const char *ns, *nt;
        size_t nsl, ntl;
        if (firmnet_i_csv_peek(csv, (size_t)col[F_SOURCE], (size_t)col[F_TARGET], &ns, &nsl, &nt,
                               &ntl)) {
            firmnet_i_strset_prefetch_hashed(&net->ids, firmnet_i_strset_hash(ns, nsl));
            firmnet_i_strset_prefetch_hashed(&net->ids, firmnet_i_strset_hash(nt, ntl));
        }
        if (u.report.rows == RESERVE_AFTER_ROWS) {
            ties_reserve_for_text(net, csv, u.report.rows);
        }
        size_t before = net->nties;
        rc = tie_add(net, &u, &r, opts, true, &field);
        if (rc == 0 && lines_from == SIZE_MAX && rule == FIRMNET_MERGE_SUM &&
            r.weight >= HUGE_WEIGHT) {
            lines_from = before - u.nties;
        }
        if (rc == 0 && lines_from != SIZE_MAX && net->nties > before) {
            size_t k = net->nties - 1 - u.nties - lines_from;
            if (k >= lines_cap) {
                lines_cap = lines_cap ? lines_cap * 2 : 1024;
                long *p = firmnet_i_reallocarray(lines, lines_cap, sizeof *p);
                if (p == NULL) {
                    rc = firmnet_i_nomem();
                    break;
                }
                lines = p;
            }
            lines[k] = firmnet_i_csv_line(csv, 0);
        }
        if (rc < 0) {
            if (rc != FIRMNET_ENOMEM) {
                char msg[600];
                snprintf(msg, sizeof msg, "%s", firmnet_last_error());
                rc = firmnet_i_csv_error(csv, rc, col[field] >= 0 ? (size_t)col[field] : 0, "%s",
                                         msg);
            }
            break;
        }
    }
    u.report.blank_lines = firmnet_i_csv_blank_lines(csv);
    if (rc == 0) {
        size_t dup, overflow;
        tie_hash_drop(net);
        rc = dedupe_bulk(net, &u, rule, &dup, &overflow);
        ties_shrink(net);
        if (rc == 0 && (dup != SIZE_MAX || overflow != SIZE_MAX)) {
            size_t k = dup != SIZE_MAX ? dup : overflow, at = k - u.nties;
            long line = lines_from != SIZE_MAX && at >= lines_from && at - lines_from < lines_cap
                            ? lines[at - lines_from]
                            : firmnet_i_csv_line(csv, 0);
            if (dup != SIZE_MAX) {
                firmnet_i_error(FIRMNET_EDATA, "duplicate tie %s -> %s (wave '%s', layer '%s')",
                                net->ids.strs[net->src[k]], net->ids.strs[net->tgt[k]],
                                net->waves.strs[net->wave[k]], net->layers.strs[net->layer[k]]);
            } else {
                overflow_error(net, k);
            }
            char msg[600];
            snprintf(msg, sizeof msg, "%s", firmnet_last_error());
            rc = firmnet_i_error(FIRMNET_EDATA, "%s:%ld:%zu (column 'source'): %s",
                                 firmnet_i_csv_name(csv), line, (size_t)col[F_SOURCE] + 1, msg);
        }
    }
    firmnet_i_free(lines);
    return undo_end(net, &u, rc < 0 ? rc : 0, report);
}

/* ---- public readers -------------------------------------------------------------------------- */

typedef int (*read_fn)(firmnet_network *, firmnet_i_csv *, const firmnet_read_options *,
                       firmnet_load_report *);

static int read_actors_fn(firmnet_network *net, firmnet_i_csv *csv,
                          const firmnet_read_options *opts, firmnet_load_report *report)
{
    (void)opts;
    return read_actors(net, csv, report);
}

static int read_with(read_fn fn, firmnet_network *net, const char *path, const void *data,
                     size_t len, const firmnet_read_options *opts, firmnet_load_report *report)
{
    firmnet_i_csv *csv = NULL;
    int rc;
    firmnet_i_clear_error();
    if (net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL network");
    }
    rc = check_read_options(opts);
    if (rc < 0) {
        return rc;
    }
    if (data != NULL || path == NULL) {
        rc = firmnet_i_csv_open_buffer(&csv, data, len, path);
    } else {
        rc = firmnet_i_csv_open(&csv, path, opts ? opts->progress : NULL,
                                opts ? opts->progress_payload : NULL);
    }
    if (rc < 0) {
        return rc;
    }
    rc = firmnet_i_csv_failed(csv, fn(net, csv, opts, report));
    firmnet_i_csv_close(csv);
    return rc;
}

int firmnet_network_read_actors(firmnet_network *net, const char *path,
                                const firmnet_read_options *opts, firmnet_load_report *report)
{
    if (path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_read_actors: NULL path");
    }
    return read_with(read_actors_fn, net, path, NULL, 0, opts, report);
}

int firmnet_network_read_ties(firmnet_network *net, const char *path,
                              const firmnet_read_options *opts, firmnet_load_report *report)
{
    if (path == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_read_ties: NULL path");
    }
    return read_with(read_ties, net, path, NULL, 0, opts, report);
}

int firmnet_network_read_actors_buffer(firmnet_network *net, const void *data, size_t len,
                                       const char *name, const firmnet_read_options *opts,
                                       firmnet_load_report *report)
{
    if (data == NULL && len > 0) {
        firmnet_i_clear_error();
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_read_actors_buffer: NULL data");
    }
    return read_with(read_actors_fn, net, name ? name : "<buffer>", data ? data : "", len, opts,
                     report);
}

int firmnet_network_read_ties_buffer(firmnet_network *net, const void *data, size_t len,
                                     const char *name, const firmnet_read_options *opts,
                                     firmnet_load_report *report)
{
    if (data == NULL && len > 0) {
        firmnet_i_clear_error();
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_read_ties_buffer: NULL data");
    }
    return read_with(read_ties, net, name ? name : "<buffer>", data ? data : "", len, opts,
                     report);
}

/* ---- accessors --------------------------------------------------------------------------------- */

size_t firmnet_network_actor_count(const firmnet_network *net)
{
    return net ? net->ids.count : 0;
}

size_t firmnet_network_tie_count(const firmnet_network *net)
{
    return net ? net->nties : 0;
}

size_t firmnet_network_wave_count(const firmnet_network *net)
{
    return net ? net->waves.count : 0;
}

size_t firmnet_network_layer_count(const firmnet_network *net)
{
    return net ? net->layers.count : 0;
}

const char *firmnet_network_actor_id(const firmnet_network *net, size_t index)
{
    return net && index < net->ids.count ? net->ids.strs[index] : NULL;
}

int firmnet_network_actor_index(size_t *out, const firmnet_network *net, const char *id)
{
    ptrdiff_t i;
    if (out == NULL || net == NULL || id == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_actor_index: NULL argument");
    }
    i = firmnet_i_strset_find(&net->ids, id, strlen(id));
    if (i < 0) {
        return firmnet_i_error(FIRMNET_ENOTFOUND, "no actor with id '%s'", id);
    }
    *out = (size_t)i;
    return 0;
}

const char *firmnet_network_wave_name(const firmnet_network *net, size_t k)
{
    return net && k < net->waves.count ? net->waves.strs[net->wave_order[k]] : NULL;
}

const char *firmnet_network_layer_name(const firmnet_network *net, size_t k)
{
    return net && k < net->layers.count ? net->layers.strs[net->layer_order[k]] : NULL;
}

size_t firmnet_network_attribute_count(const firmnet_network *net)
{
    return net ? net->nattrs : 0;
}

const char *firmnet_network_attribute_name(const firmnet_network *net, size_t k)
{
    return net && k < net->nattrs ? net->attrs[k].name : NULL;
}

int firmnet_network_attribute_is_numeric(const firmnet_network *net, const char *name)
{
    ptrdiff_t a;
    if (net == NULL || name == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL argument");
    }
    a = firmnet_i_attr_find(net, name);
    if (a < 0) {
        return firmnet_i_error(FIRMNET_ENOTFOUND, "no actor attribute '%s'", name);
    }
    return net->attrs[a].non_blank > 0 && net->attrs[a].non_numeric == 0;
}

const char *firmnet_network_actor_attribute(const firmnet_network *net, size_t index,
                                            const char *name)
{
    ptrdiff_t a;
    if (net == NULL || name == NULL || index >= net->ids.count) {
        return NULL;
    }
    a = firmnet_i_attr_find(net, name);
    return a < 0 ? NULL : firmnet_i_attr_value(net, (size_t)a, index);
}

int firmnet_network_tie(const firmnet_network *net, size_t k, size_t *source, size_t *target,
                        const char **wave, const char **layer, double *weight)
{
    firmnet_i_clear_error();
    if (net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "firmnet_network_tie: NULL network");
    }
    if (k >= net->nties) {
        return firmnet_i_error(FIRMNET_ERANGE, "tie %zu out of range (%zu ties)", k, net->nties);
    }
    if (source) {
        *source = net->src[k];
    }
    if (target) {
        *target = net->tgt[k];
    }
    if (wave) {
        *wave = net->waves.strs[net->wave[k]];
    }
    if (layer) {
        *layer = net->layers.strs[net->layer[k]];
    }
    if (weight) {
        *weight = net->weight[k];
    }
    return 0;
}

int firmnet_network_load_report(const firmnet_network *net, firmnet_load_report *out)
{
    if (net == NULL || out == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL argument");
    }
    *out = net->total;
    return 0;
}

/* ---- layer selectors ------------------------------------------------------------------------- */

/* Call @p fn for each trimmed name of a selector; stops at a non-zero return. */
static int each_name(const char *sel, int (*fn)(const char *name, size_t len, void *ctx), void *ctx)
{
    while (*sel) {
        const char *end = strchr(sel, ',');
        size_t len = end ? (size_t)(end - sel) : strlen(sel);
        const char *s = sel;
        size_t n = len;
        while (n > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
            n--;
        }
        if (n > 0) {
            int rc = fn(s, n, ctx);
            if (rc != 0) {
                return rc;
            }
        }
        sel += len;
        if (*sel == ',') {
            sel++;
        }
    }
    return 0;
}

static bool name_selects(const char *name, size_t len, const char *layer)
{
    if (len == 3 && memcmp(name, "all", 3) == 0) {
        return true;
    }
    return strncmp(layer, name, len) == 0 && (layer[len] == '\0' || layer[len] == '.');
}

static int match_one(const char *name, size_t len, void *ctx)
{
    return name_selects(name, len, ctx) ? 1 : 0;
}

static int is_blank_selector(const char *sel)
{
    for (; sel && *sel; sel++) {
        if (*sel != ' ' && *sel != '\t' && *sel != ',') {
            return 0;
        }
    }
    return 1;
}

int firmnet_layer_selected(const char *selector, const char *layer)
{
    if (layer == NULL) {
        return 0;
    }
    if (is_blank_selector(selector)) {
        return 1;
    }
    return each_name(selector, match_one, (void *)layer);
}

static int check_one(const char *name, size_t len, void *ctx)
{
    const firmnet_network *net = ctx;
    for (size_t k = 0; k < net->layers.count; k++) {
        if (name_selects(name, len, net->layers.strs[k])) {
            return 0;
        }
    }
    if (len == 3 && memcmp(name, "all", 3) == 0) {
        return 0;
    }
    firmnet_i_buf have = {0};
    for (size_t k = 0; k < net->layers.count; k++) {
        firmnet_i_buf_printf(&have, "%s%s", k ? ", " : "", firmnet_network_layer_name(net, k));
    }
    firmnet_i_error(FIRMNET_ENOTFOUND, "layer selector: '%.*s' selects no layer (layers: %s)",
                    (int)len, name, have.data ? have.data : "none");
    firmnet_i_buf_free(&have);
    return FIRMNET_ENOTFOUND;
}

int firmnet_network_check_selector(const firmnet_network *net, const char *selector)
{
    if (net == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "NULL network");
    }
    if (is_blank_selector(selector)) {
        return 0;
    }
    return each_name(selector, check_one, (void *)net);
}

int firmnet_i_layer_mask(const firmnet_network *net, const char *selector, unsigned char **out)
{
    unsigned char *mask;
    int rc = firmnet_network_check_selector(net, selector);
    if (rc < 0) {
        return rc;
    }
    mask = firmnet_i_calloc(net->layers.count ? net->layers.count : 1, 1);
    if (mask == NULL) {
        return firmnet_i_nomem();
    }
    for (size_t k = 0; k < net->layers.count; k++) {
        mask[k] = (unsigned char)firmnet_layer_selected(selector, net->layers.strs[k]);
    }
    *out = mask;
    return 0;
}
