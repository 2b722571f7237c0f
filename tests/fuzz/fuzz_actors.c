/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the actor reader: any bytes (plain or gzip) as an actor file, added to a network that
 * already holds an actor and a tie. Invariants: a known return code; on failure a message
 * naming the input and the network exactly as before; on success valid, trimmed, unique ids
 * that look up to their own index, valid UTF-8 attribute values, a consistent report, an
 * actors table of the right shape, and a second read of the same bytes that fails with a
 * duplicate id (rolling back) unless the file had no rows.
 */
#include "fuzz.h"

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                              : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0) {
            return 0;
        }
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        p += n + 1;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    firmnet_network *net = NULL;
    firmnet_load_report rep;
    firmnet_table *t = NULL;
    fuzz_shape before, after;
    int rc;

    FUZZ_ASSERT(firmnet_network_new(&net) == 0);
    FUZZ_ASSERT(firmnet_network_add_tie(net, "1", "x", "base", "other", 1, NULL, NULL) == 0);
    before = fuzz_shape_of(net);
    rc = firmnet_network_read_actors_buffer(net, data, size, "fuzz.csv", NULL, &rep);
    FUZZ_ASSERT(fuzz_known_code(rc));
    if (rc < 0) {
        FUZZ_ASSERT(fuzz_message_ok(rc, "fuzz.csv"));
        after = fuzz_shape_of(net);
        FUZZ_ASSERT(fuzz_same_shape(before, after));
        firmnet_network_free(net);
        return 0;
    }
    size_t n = firmnet_network_actor_count(net);
    FUZZ_ASSERT(n == before.actors + rep.actors_added);
    FUZZ_ASSERT(rep.actors_added <= rep.rows);
    FUZZ_ASSERT(rep.actors_implicit == 0 && rep.ties_added == 0);
    FUZZ_ASSERT(rep.near_duplicate_ids <= rep.actors_added);
    for (size_t i = 0; i < n; i++) {
        const char *id = firmnet_network_actor_id(net, i);
        size_t len = strlen(id), back = (size_t)-1;
        FUZZ_ASSERT(len > 0 && valid_utf8(id));
        FUZZ_ASSERT(id[0] != ' ' && id[0] != '\t' && id[len - 1] != ' ' && id[len - 1] != '\t');
        FUZZ_ASSERT(firmnet_network_actor_index(&back, net, id) == 0 && back == i);
        for (size_t a = 0; a < firmnet_network_attribute_count(net); a++) {
            const char *v = firmnet_network_actor_attribute(net, i,
                                                            firmnet_network_attribute_name(net, a));
            FUZZ_ASSERT(v != NULL && valid_utf8(v));
        }
    }
    rc = firmnet_network_actors_table(&t, net);
    FUZZ_ASSERT(rc == 0 || rc == FIRMNET_ENOMEM);
    if (rc == 0) {
        FUZZ_ASSERT(firmnet_table_nrows(t) == n);
        FUZZ_ASSERT(firmnet_table_ncols(t) == firmnet_network_attribute_count(net) + 1);
    }
    firmnet_table_free(t);
    /* the same actors again are duplicates: an error that changes nothing */
    size_t rows = rep.rows;
    before = fuzz_shape_of(net);
    rc = firmnet_network_read_actors_buffer(net, data, size, "again.csv", NULL, &rep);
    if (rows > 0) {
        FUZZ_ASSERT(rc == FIRMNET_EDATA && fuzz_message_ok(rc, "again.csv"));
        FUZZ_ASSERT(strstr(firmnet_last_error(), "duplicate actor id") != NULL);
    }
    if (rc < 0) {
        after = fuzz_shape_of(net);
        FUZZ_ASSERT(fuzz_same_shape(before, after));
    }
    firmnet_network_free(net);
    return 0;
}
