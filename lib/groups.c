/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Groups of actors by a categorical attribute, shared by the group-based measures. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_name(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(*x, *y);
}

static int not_found(const firmnet_network *net, const char *attribute)
{
    firmnet_i_buf have = {0};
    for (size_t a = 0; a < net->nattrs; a++) {
        firmnet_i_buf_printf(&have, "%s%s", a ? ", " : "", net->attrs[a].name);
    }
    firmnet_i_error(FIRMNET_ENOTFOUND, "no actor attribute '%s' (attributes: %s)", attribute,
                    have.data ? have.data : "none");
    firmnet_i_buf_free(&have);
    return FIRMNET_ENOTFOUND;
}

void firmnet_i_groups_free(firmnet_i_groups *gr)
{
    if (gr == NULL) {
        return;
    }
    for (size_t k = 0; gr->names != NULL && k < gr->count; k++) {
        firmnet_i_free(gr->names[k]);
    }
    firmnet_i_free(gr->names);
    firmnet_i_free(gr->of);
    firmnet_i_free(gr->size);
    memset(gr, 0, sizeof *gr);
}

int firmnet_i_groups_init(firmnet_i_groups *gr, const firmnet_network *net, size_t n,
                          const char *attribute, firmnet_blank blank)
{
    firmnet_i_strset set = {0};
    size_t *rank = NULL, len;
    char **sorted = NULL;
    ptrdiff_t a;
    bool presence = false;
    int rc = 0;

    memset(gr, 0, sizeof *gr);
    if (attribute == NULL) {
        return firmnet_i_error(FIRMNET_EINVAL, "no grouping attribute given");
    }
    if ((int)blank != FIRMNET_BLANK_GROUP && (int)blank != FIRMNET_BLANK_EXCLUDE) {
        return firmnet_i_error(FIRMNET_EINVAL, "blank rule must be group or exclude");
    }
    a = firmnet_i_attr_find(net, attribute);
    len = strlen(attribute);
    if (a < 0 && len > 1 && attribute[len - 1] == '?') {
        char *base = firmnet_i_strdup(attribute);
        if (base == NULL) {
            return firmnet_i_nomem();
        }
        base[len - 1] = '\0';
        a = firmnet_i_attr_find(net, base);
        firmnet_i_free(base);
        presence = true;
    }
    if (a < 0) {
        return not_found(net, attribute);
    }
    gr->n = n;
    gr->of = firmnet_i_malloc((n ? n : 1) * sizeof *gr->of);
    if (gr->of == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    /* intern the values in order of first appearance, then renumber in byte order */
    for (size_t i = 0; i < n; i++) {
        const char *v = firmnet_i_attr_value(net, (size_t)a, i);
        bool added;
        if (presence) {
            v = v[0] != '\0' ? "yes" : "no";
        } else if (v[0] == '\0' && blank == FIRMNET_BLANK_EXCLUDE) {
            gr->of[i] = -1;
            continue;
        }
        gr->of[i] = firmnet_i_strset_add(&set, v, strlen(v), &added);
        if (gr->of[i] < 0) {
            rc = firmnet_i_nomem();
            goto cleanup;
        }
        gr->included++;
    }
    gr->count = set.count;
    sorted = firmnet_i_malloc((set.count ? set.count : 1) * sizeof *sorted);
    rank = firmnet_i_malloc((set.count ? set.count : 1) * sizeof *rank);
    gr->size = firmnet_i_calloc(set.count ? set.count : 1, sizeof *gr->size);
    if (sorted == NULL || rank == NULL || gr->size == NULL) {
        rc = firmnet_i_nomem();
        goto cleanup;
    }
    if (set.count > 0) { /* set.strs is NULL when every actor is excluded */
        memcpy(sorted, set.strs, set.count * sizeof *sorted);
    }
    qsort(sorted, set.count, sizeof *sorted, cmp_name);
    for (size_t k = 0; k < set.count; k++) {
        /* sorted[k] is one of set.strs: find its first-appearance index */
        ptrdiff_t old = firmnet_i_strset_find(&set, sorted[k], strlen(sorted[k]));
        rank[old] = k;
    }
    for (size_t i = 0; i < n; i++) {
        if (gr->of[i] >= 0) {
            gr->of[i] = (ptrdiff_t)rank[gr->of[i]];
            gr->size[gr->of[i]]++;
        }
    }
    /* the strings move from the set to the groups */
    gr->names = sorted;
    sorted = NULL;
    firmnet_i_free(set.strs);
    set.strs = NULL;
    set.count = 0;
cleanup:
    firmnet_i_strset_free(&set);
    firmnet_i_free(sorted);
    firmnet_i_free(rank);
    if (rc < 0) {
        firmnet_i_groups_free(gr);
    }
    return rc;
}
