/* SPDX-License-Identifier: GPL-3.0-or-later */
/* firmnet-summary: actors, ties, density, reciprocity, components per wave and layer group. */
#include <firmnet.h>

#include "cli.h"

int main(int argc, char **argv)
{
    cli c = {0};
    firmnet_table *t = NULL;
    int rc = cli_parse(&c, argc, argv,
                       "Describe a cluster survey network per wave and layer group.", NULL, NULL,
                       NULL);
    if (rc >= 0) {
        return rc;
    }
    rc = cli_load(&c);
    if (rc == 0 && firmnet_summary(&t, c.net) < 0) {
        rc = cli_fail(&c);
    }
    if (rc == 0) {
        rc = cli_write(&c, t, NULL);
    }
    firmnet_table_free(t);
    cli_done(&c);
    return rc;
}
