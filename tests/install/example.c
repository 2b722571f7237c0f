#include <firmnet.h>
#include <stdio.h>

int main(void)
{
    firmnet_network *net = NULL;
    firmnet_table *summary = NULL;
    if (firmnet_network_new(&net) < 0 ||
        firmnet_network_read_actors(net, "examples/data/actors.csv", NULL, NULL) < 0 ||
        firmnet_network_read_ties(net, "examples/data/ties.csv.gz", NULL, NULL) < 0 ||
        firmnet_summary(&summary, net) < 0 || firmnet_table_write(summary, "-", FIRMNET_FORMAT_CSV) < 0) {
        fprintf(stderr, "error: %s\n", firmnet_last_error());
    }
    firmnet_table_free(summary);
    firmnet_network_free(net);
    return firmnet_last_error_code() ? 1 : 0;
}
