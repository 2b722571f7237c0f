# SPDX-License-Identifier: GPL-3.0-or-later
"""firmnet-centrality on the demo data: values against the fixtures of
tests/fixtures/make_centrality.py and .R, options, exit codes. Standard library only."""
import csv
import io
import math
import os
import subprocess
import sys
import tempfile

BUILD = os.environ.get("FIRMNET_BUILDDIR", "build")
SRC = os.environ.get("FIRMNET_SRCDIR", ".")
PROG = os.path.join(BUILD, "examples", "firmnet-centrality")
DATA = ["--actors", os.path.join(SRC, "examples", "data", "actors.csv"),
        "--ties", os.path.join(SRC, "examples", "data", "ties.csv.gz")]
FIXTURES = os.path.join(SRC, "tests", "data", "centrality")

COLUMNS = ["id", "type", "size", "cluster", "mc", "degree_in", "degree_out", "degree",
           "strength_in", "strength_out", "strength", "betweenness", "closeness", "harmonic",
           "eigenvector", "pagerank", "hub", "authority", "coreness", "clustering",
           "clustering_weighted", "betweenness_method"]

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what, file=sys.stderr)


def run(*args):
    p = subprocess.run([PROG] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def near(got, want, rel=1e-9):
    if want == "" or got == "":
        return want == got
    g, w = float(got), float(want)
    return abs(g - w) <= rel * max(abs(w), 1.0)


def compare(name, out, fixture, key="id"):
    """Every numeric cell of the fixture against the program's output."""
    got = {r[key]: r for r in rows(out)}
    with open(os.path.join(FIXTURES, fixture), newline="") as f:
        ref = list(csv.DictReader(f))
    bad = 0
    for r in ref:
        g = got.get(r[key])
        if g is None:
            bad += 1
            continue
        for c, v in r.items():
            if c != key and c in g and not near(g[c], v):
                bad += 1
                if bad < 5:
                    print("  %s %s %s: got %r, expected %r" % (name, r[key], c, g[c], v),
                          file=sys.stderr)
    check(bad == 0 and len(ref) > 0, "%s matches %s (%d mismatches)" % (name, fixture, bad))


def main():
    rc, out, err = run(*DATA)
    check(rc == 0, "default run exits 0: " + err)
    check(out.splitlines()[0] == ",".join(COLUMNS), "column names and order")
    table = rows(out)
    check(len(table) == 351, "one row per actor")
    check(all(r["betweenness_method"] == "exact" for r in table), "exact betweenness")
    check(err == "", "no notes for an exact run")
    compare("all layers", out, "all_directed.csv")

    rc, out, err = run(*DATA, "--layer", "trade", "--wave", "2005")
    check(rc == 0, "trade 2005")
    compare("trade 2005", out, "trade_2005.csv")

    rc, out, err = run(*DATA, "--layer", "trade", "--wave", "2005", "--weights", "distance",
                       "--normalized", "--damping", "0.7", "--closeness-mode", "in",
                       "--coreness-mode", "out")
    check(rc == 0, "trade 2005 with options")
    compare("trade 2005 distance", out, "trade_2005_distance.csv")

    rc, out, err = run(*DATA, "--layer", "rnd", "--undirected", "--weights=unweighted",
                       "--normalized")
    check(rc == 0, "rnd undirected")
    compare("rnd undirected", out, "rnd_undirected_normalized.csv")

    rc, out, err = run(*DATA, "--network")
    check(rc == 0, "--network")
    check(out.splitlines()[0] == "measure,value,raw,theoretical_max,method", "network header")
    compare("network", out, "network_all_directed.csv", key="measure")

    rc, out, err = run(*DATA, "--measures", "pagerank, degree")
    check(rc == 0 and out.splitlines()[0] == "id,type,size,cluster,mc,degree,pagerank",
          "--measures picks columns in canonical order")

    rc, out, err = run(*DATA, "--measures", "betweenness", "--betweenness", "sampled",
                       "--samples", "50", "--seed", "3")
    t = rows(out)
    check(rc == 0 and t[0]["betweenness_method"].startswith("sampled k=50 seed=3 bound="),
          "sampled method reported in the table")
    check("note: betweenness sampled k=50 seed=3" in err, "sampled method noted on stderr")
    rc2, out2, err2 = run(*DATA, "--measures", "betweenness", "--betweenness", "sampled",
                          "--samples", "50", "--seed", "3", "--quiet")
    check(rc2 == 0 and out2 == out and err2 == "", "same seed, same estimate; --quiet")
    for threads in ("1", "2", "5"):
        rc3, out3, _ = run(*DATA, "--measures", "betweenness", "--betweenness", "sampled",
                           "--samples", "50", "--seed", "3", "--threads", threads)
        check(rc3 == 0 and out3 == out, "--threads %s: the same estimate, to the digit" % threads)
    rc3, out3, _ = run(*DATA, "--measures", "betweenness,pagerank", "--threads", "2")
    rc4, out4, _ = run(*DATA, "--measures", "betweenness,pagerank", "--threads", "1")
    check(rc3 == 0 and out3 == out4, "exact betweenness and PageRank: --threads 2 as 1")
    rc, out, err = run(*DATA, "--measures", "betweenness", "--sample-above", "100",
                       "--epsilon", "0.3")
    check(rc == 0 and rows(out)[0]["betweenness_method"].startswith("sampled"),
          "auto samples above --sample-above")

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "c.json")
        rc, out, err = run(*DATA, "--measures", "coreness", "-o", path)
        check(rc == 0 and out == "" and os.path.getsize(path) > 0, "-o writes a file")

    rc, out, err = run("--help")
    check(rc == 0 and "--measures" in out and "--network" in out, "--help")
    for bad in (["--measures", "degree,bogus"], ["--weights", "strength"],
                ["--damping", "2"], ["--samples", "0"], ["--epsilon", "1"], ["--seed", "-1"],
                ["--closeness-mode", "both"], ["--betweenness", "fast"], ["--delta", "x"],
                ["--threads", "257"], ["--threads", "-1"]):
        rc, out, err = run(*DATA, *bad)
        check(rc == 2 and out == "" and bad[0] in err, "usage error for %s" % " ".join(bad))
    rc, out, err = run(*DATA, "--measures", "degree,bogus")
    check("unknown measure 'bogus'" in err, "unknown measure named")
    rc, out, err = run(*DATA, "--wave", "1999")
    check(rc == 1 and "no wave '1999'" in err, "unknown wave is a data error")

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
