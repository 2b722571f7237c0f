/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The public headers compile on their own with -Wall -Wextra -pedantic -Werror. */
#include <firmnet.h>
#include <firmnet/igraph.h>

int main(void)
{
    firmnet_read_options ro = FIRMNET_READ_OPTIONS_INIT;
    firmnet_graph_options go = FIRMNET_GRAPH_OPTIONS_INIT;
    firmnet_centrality_options co = FIRMNET_CENTRALITY_OPTIONS_INIT;
    (void)ro;
    (void)go;
    (void)co;
    return firmnet_version()[0] == FIRMNET_VERSION_STRING[0] ? 0 : 1;
}
