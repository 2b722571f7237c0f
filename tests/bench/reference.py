#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark pipelines in python-igraph or networkx, for side-by-side timing.

    /usr/bin/python3 tests/bench/reference.py igraph|networkx P1|P2|P3|P4|P6 TIES.csv.gz [samples]

(P4, sampled betweenness, in networkx only: python-igraph 0.10.2 cannot restrict sources.)

Prints one line "seconds=<wall time of the pipeline>" (interpreter start-up excluded).
Needs Debian's python3-igraph / python3-networkx (only this script; the tests do not).
"""
import csv
import gzip
import sys
import time


def read_edges(path):
    """Read gzip ties, sum parallel ties over all layers and waves."""
    ids, weights = {}, {}
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            s = ids.setdefault(row["source"], len(ids))
            t = ids.setdefault(row["target"], len(ids))
            if s != t:
                weights[(s, t)] = weights.get((s, t), 0.0) + float(row["weight"])
    return ids, weights


def run_igraph(pipeline, path, samples):
    import igraph as ig
    ids, weights = read_edges(path)
    g = ig.Graph(n=len(ids), edges=list(weights), directed=True)
    g.es["weight"] = list(weights.values())
    if pipeline in ("P1", "P2"):
        g.strength(mode="in", weights="weight")
        g.strength(mode="out", weights="weight")
        g.pagerank(weights="weight", damping=0.85)
        if pipeline == "P2":
            g.coreness(mode="all")
    elif pipeline == "P3":
        g.betweenness(weights=[1.0 / w for w in g.es["weight"]])
    elif pipeline == "P4":
        # python-igraph 0.10.2's Graph.betweenness has no `sources` (igraph_betweenness_subset
        # came to Python in a later release): not offered here
        raise SystemExit("P4: python-igraph 0.10.2 has no subset betweenness")
    elif pipeline == "P6":
        g.constraint(weights="weight")


def run_networkx(pipeline, path, samples):
    import networkx as nx
    ids, weights = read_edges(path)
    g = nx.DiGraph()
    g.add_nodes_from(range(len(ids)))
    g.add_weighted_edges_from((s, t, w) for (s, t), w in weights.items())
    if pipeline in ("P1", "P2"):
        dict(g.in_degree(weight="weight"))
        dict(g.out_degree(weight="weight"))
        nx.pagerank(g, alpha=0.85, weight="weight")
        if pipeline == "P2":
            u = g.to_undirected()
            nx.core_number(u)
    elif pipeline in ("P3", "P4"):
        for _, _, d in g.edges(data=True):
            d["dist"] = 1.0 / d["weight"]
        nx.betweenness_centrality(g, k=samples if pipeline == "P4" else None, weight="dist",
                                  normalized=False, seed=1)
    elif pipeline == "P6":
        nx.constraint(g, weight="weight")


def main():
    tool, pipeline, path = sys.argv[1:4]
    samples = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    __import__("igraph" if tool == "igraph" else "networkx")  # import time is not measured
    t0 = time.perf_counter()
    (run_igraph if tool == "igraph" else run_networkx)(pipeline, path, samples)
    print(f"seconds={time.perf_counter() - t0:.4f}")


if __name__ == "__main__":
    main()
