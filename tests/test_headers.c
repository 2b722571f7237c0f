/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The public headers compile on their own with -Wall -Wextra -pedantic -Werror, and every
 * options macro initialises its struct. */
#include <firmnet.h>
#include <firmnet/igraph.h>

int main(void)
{
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_centrality_options ce = FIRMNET_CENTRALITY_OPTIONS_INIT;
    firmnet_embeddedness_options eo = FIRMNET_EMBEDDEDNESS_OPTIONS_INIT;
    firmnet_ei_options eio = FIRMNET_EI_OPTIONS_INIT;
    firmnet_brokerage_options bo = FIRMNET_BROKERAGE_OPTIONS_INIT;
    firmnet_change_options co = FIRMNET_CHANGE_OPTIONS_INIT;
    /* each macro sets the version its header declares */
    int ok = ro.version == FIRMNET_READ_OPTIONS_VERSION &&
             go.version == FIRMNET_GRAPH_OPTIONS_VERSION && ce.version != 0 && eo.version != 0 &&
             eio.version != 0 && bo.version != 0 && co.version != 0;
    return ok && firmnet_version()[0] == FIRMNET_VERSION_STRING[0] ? 0 : 1;
}
