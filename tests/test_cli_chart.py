#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The firmnet-chart CLI: each kind gives well-formed SVG whose marks carry the numbers of the
analysis CLIs (firmnet-change --groups, firmnet-centrality, firmnet-embeddedness --groups);
options and exit codes (standard library only)."""
import csv
import io
import math
import os
import subprocess
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")
DATA = ["--actors", ACTORS, "--ties", TIES]
SVG = "{http://www.w3.org/2000/svg}"

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def run(prog, *args):
    return subprocess.run([os.path.join(BUILD, "examples", prog), *args], capture_output=True)


def table(prog, *args):
    r = run(prog, *DATA, *args)
    assert r.returncode == 0, r.stderr
    return list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8"))))


def marks(path):
    """(label, value, low, high) of every mark, from its tooltip; low/high None without one."""
    out = []
    for e in ET.parse(path).getroot().iter():
        if e.get("class") == "mark":
            text = e.find(SVG + "title").text
            label, rest = text.rsplit(": ", 1)
            value, _, interval = rest.partition(" [")
            lo = hi = None
            if interval:
                lo, hi = (float(x) for x in interval.rstrip("]").split(", "))
            out.append((label, float(value), lo, hi))
    return out


def same(a, b):
    return a == b or (math.isnan(a) and math.isnan(b))


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet-cli-chart-")
    path = lambda name: os.path.join(tmp, name)  # noqa: E731

    r = run("firmnet-chart", "--help")
    check(r.returncode == 0 and b"--kind K" in r.stdout and b"--difference" in r.stdout, "help")
    r = run("firmnet-chart", *DATA, "-o", path("x.svg"))
    check(r.returncode == 2 and b"--kind" in r.stderr, "no --kind: usage error")
    r = run("firmnet-chart", *DATA, "--kind", "pie", "-o", path("x.svg"))
    check(r.returncode == 2, "unknown kind: usage error")
    r = run("firmnet-chart", *DATA, "--kind", "change", "--wave", "2005", "-o", path("x.svg"))
    check(r.returncode == 2 and b"--from" in r.stderr, "--wave with change: usage error")
    r = run("firmnet-chart", *DATA, "--kind", "change", "--measure", "sales", "-o", path("x.svg"))
    check(r.returncode == 1 and b"no measure 'sales'" in r.stderr and b"partners" in r.stderr,
          "unknown measure: data error listing the measures")
    check(not os.path.exists(path("x.svg")), "no file after an error")
    r = run("firmnet-chart", *DATA, "--kind", "centrality", "--size", "10x10", "-o", path("x.svg"))
    check(r.returncode == 2, "bad size: usage error")

    # change: both means +- 1.96 SE, against firmnet-change's group table
    r = run("firmnet-change", *DATA, "--permutations", "0", "--bootstrap", "400", "--seed", "3",
            "--ties-table", os.devnull, "--groups", path("groups.csv"))
    check(r.returncode == 0, "firmnet-change ran")
    with open(path("groups.csv"), encoding="utf-8", newline="") as f:
        groups = [g for g in csv.DictReader(f) if g["measure"] == "partners"]
    r = run("firmnet-chart", *DATA, "--kind", "change", "-o", path("means.svg"))
    check(r.returncode == 0 and b"wrote" in r.stderr, f"change chart: {r.stderr}")
    m = marks(path("means.svg"))
    check(len(m) == 2 * len(groups) == 24, f"two marks per layer group and stratum ({len(m)})")
    ok = True
    for k, g in enumerate(groups):
        for s, side in enumerate(("mc", "non")):
            mean, sd, n = (float(g[c + "_" + side]) for c in ("mean_change", "sd_change", "n"))
            label, v, lo, hi = m[2 * k + s]
            ok &= v == mean and lo == mean - 1.96 * sd / math.sqrt(n)
            ok &= hi == mean + 1.96 * sd / math.sqrt(n)
            ok &= label.endswith("MC participants" if s == 0 else "non-participants")
    check(ok, "means and intervals mean +- 1.96 sd / sqrt(n) as in the group table")
    check(m[0][0] == "R&D / large, MC participants", m[0][0])

    r = run("firmnet-chart", *DATA, "--kind", "change", "--difference", "--bootstrap", "400",
            "--seed", "3", "-o", path("diff.svg"))
    check(r.returncode == 0, f"difference chart: {r.stderr}")
    d = marks(path("diff.svg"))
    check(len(d) == 12, "one mark per layer group and stratum")
    check(all(v == float(g["diff"]) and lo == float(g["ci_low"]) and hi == float(g["ci_high"])
              for (_, v, lo, hi), g in zip(d, groups)),
          "difference and bootstrap interval as firmnet-change --bootstrap 400 --seed 3")
    r = run("firmnet-chart", *DATA, "--kind", "change", "--difference", "--bootstrap", "400",
            "--seed", "3", "-o", path("diff2.svg"))
    with open(path("diff.svg"), "rb") as a, open(path("diff2.svg"), "rb") as b:
        check(a.read() == b.read(), "byte-identical for a seed")
    r = run("firmnet-chart", *DATA, "--kind", "change", "--layer", "trade+rnd,service",
            "--strata", "none", "--measure", "degree", "--title", "Grad <&>", "-o",
            path("lg.svg"))
    root = ET.parse(path("lg.svg")).getroot()
    check(r.returncode == 0 and root.find(SVG + "title").text == "Grad <&>", "title escaped")
    check([x[0] for x in marks(path("lg.svg"))] ==
          ["Trade+rnd, MC participants", "Trade+rnd, non-participants",
           "Services, MC participants", "Services, non-participants"],
          "layer groups joined by + and no strata")

    # centrality: a histogram of one measure of firmnet-centrality's table
    cent = table("firmnet-centrality", "--wave", "2007", "--layer", "trade", "--measures",
                 "pagerank")
    r = run("firmnet-chart", *DATA, "--kind", "centrality", "--wave", "2007", "--layer", "trade",
            "--bins", "7", "-o", path("pr.svg"))
    check(r.returncode == 0, f"centrality chart: {r.stderr}")
    bars = [e for e in ET.parse(path("pr.svg")).getroot().iter(SVG + "rect")
            if e.get("class") == "bar"]
    check(len(bars) == 7, "seven bins")
    counts = [int(b.find(SVG + "title").text.rsplit(": ", 1)[1]) for b in bars]
    check(sum(counts) == len(cent) == 351, "every actor in a bin")
    values = sorted(float(c["pagerank"]) for c in cent)
    first = bars[0].find(SVG + "title").text
    check(first.startswith("[%r, " % values[0]), f"first bin starts at the smallest value: {first}")
    r = run("firmnet-chart", *DATA, "--kind", "centrality", "--measure", "bogus", "-o",
            path("x.svg"))
    check(r.returncode == 1 and b"bogus" in r.stderr, "unknown centrality measure")

    # embeddedness: local shares per cluster, against firmnet-embeddedness --groups cluster
    r = run("firmnet-embeddedness", *DATA, "--wave", "2005", "--groups", "cluster",
            "--groups-out", path("emb.csv"), "-o", os.devnull)
    check(r.returncode == 0, "firmnet-embeddedness ran")
    with open(path("emb.csv"), encoding="utf-8", newline="") as f:
        rows = [g for g in csv.DictReader(f) if g["cluster_share_all"] != ""]
    r = run("firmnet-chart", *DATA, "--kind", "embeddedness", "--wave", "2005", "-o",
            path("emb.svg"))
    check(r.returncode == 0, f"embeddedness chart: {r.stderr}")
    e = marks(path("emb.svg"))
    check(len(e) == 3 * len(rows), "three shares per cluster with a share")
    check(all(e[3 * k + d][1] == float(row["cluster_share_" + dr])
              for k, row in enumerate(rows) for d, dr in enumerate(("out", "in", "all"))),
          "shares as firmnet-embeddedness --groups cluster")
    check(e[0][0] == "all actors (n = %s), sent (out)" % rows[0]["n_actors"], e[0][0])
    root = ET.parse(path("emb.svg")).getroot()
    check(any(x.tag == SVG + "rect" and x.get("class") == "mark" for x in root.iter()),
          "bars by default")
    r = run("firmnet-chart", *DATA, "--kind", "embeddedness", "--style", "dots", "--by", "type",
            "--scope", "region", "--undirected", "-o", path("emb2.svg"))
    e2 = marks(path("emb2.svg"))
    check(r.returncode == 0 and e2 and all(", " not in x[0] for x in e2),
          "undirected: one series (no legend entries in the tooltips)")
    r = run("firmnet-chart", *DATA, "--kind", "embeddedness", "--scope", "sector", "-o",
            path("x.svg"))
    check(r.returncode == 1 and b"sector_share_out" in r.stderr, "unknown scope")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
