#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The firmnet-draw CLI: SVGs are well-formed XML with one node circle per actor drawn and one
edge path per edge of the view (counted here from the tie file), byte-identical for a seed;
options and exit codes (standard library only)."""
import csv
import gzip
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "examples", "firmnet-draw")
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


def run(*args):
    return subprocess.run([PROG, *args], capture_output=True)


def view(wave=None, layer=None, undirected=False):
    """Actor ids and the distinct edges of a view, from the CSV files."""
    with open(ACTORS, encoding="utf-8", newline="") as f:
        ids = [r["id"] for r in csv.DictReader(f)]
    edges = set()
    with gzip.open(TIES, "rt", encoding="utf-8", newline="") as f:
        for t in csv.DictReader(f):
            if (wave and t["wave"] != wave) or (layer and t["layer"] != layer and
                                                not t["layer"].startswith(layer + ".")):
                continue
            s, d = t["source"], t["target"]
            if undirected:
                s, d = sorted((s, d), key=ids.index)
            edges.add((s, d))
    return ids, edges


def elements(path, tag, cls):
    root = ET.parse(path).getroot()
    return [e for e in root.iter(SVG + tag) if e.get("class") == cls]


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet-cli-draw-")
    path = lambda name: os.path.join(tmp, name)  # noqa: E731

    r = run("--help")
    check(r.returncode == 0 and b"--size-by ATTR" in r.stdout and b"--seed N" in r.stdout, "help")

    ids, edges = view()
    r = run(*DATA, "-o", path("all.svg"), "--title", "Demo & <all>", "--size-by", "employees")
    check(r.returncode == 0, f"exit {r.returncode}: {r.stderr}")
    root = ET.parse(path("all.svg")).getroot()  # well-formed, or this raises
    check(root.tag == SVG + "svg", "an SVG root")
    check(root.find(SVG + "title").text == "Demo & <all>", "title")
    check(len(elements(path("all.svg"), "circle", "node")) == len(ids), "a circle per actor")
    check(len(elements(path("all.svg"), "path", "edge")) == len(edges), "a path per edge")
    with open(ACTORS, encoding="utf-8", newline="") as f:
        mc = sum(1 for row in csv.DictReader(f) if row["mc"])
    check(len(elements(path("all.svg"), "circle", "mc")) == mc, "a ring per MC member")
    tips = [c.find(SVG + "title").text for c in elements(path("all.svg"), "circle", "node")]
    check(any(t.startswith("CW001 창원중공업(주) 창원공장 (firm") and "employees 3500" in t
              for t in tips), "tooltip with name, type and size")

    # one wave, one layer, isolates left out, undirected
    ids2, edges2 = view(wave="2005", layer="rnd", undirected=True)
    active = {a for e in edges2 for a in e}
    r = run(*DATA, "-o", path("rnd.svg"), "--wave", "2005", "--layer", "rnd", "--undirected",
            "--drop-isolates", "--labels", "5", "--layout", "drl", "--quiet")
    check(r.returncode == 0 and r.stderr == b"", f"rnd: {r.stderr}")
    check(len(elements(path("rnd.svg"), "circle", "node")) == len(active), "active actors")
    check(len(elements(path("rnd.svg"), "path", "edge")) == len(edges2), "rnd edges")
    labels = elements(path("rnd.svg"), "text", "label")
    check(1 <= len(labels) <= 5, f"{len(labels)} labels")

    # byte-identical for a seed
    for name, seed in (("s1.svg", "7"), ("s2.svg", "7"), ("s3.svg", "8")):
        r = run(*DATA, "-o", path(name), "--seed", seed, "--layer", "trade", "--quiet")
        check(r.returncode == 0, f"seed {seed}: {r.stderr}")
    with open(path("s1.svg"), "rb") as a, open(path("s2.svg"), "rb") as b, \
            open(path("s3.svg"), "rb") as c:
        one, two, three = a.read(), b.read(), c.read()
    check(one == two, "same seed, same bytes")
    check(one != three, "another seed, another picture")

    # sizes from a result table: FILE:COLUMN, matched by id
    with open(path("scores.csv"), "w", encoding="utf-8") as f:
        f.write("id,score\nCW001,5\nCW002,1\nNOBODY,3\n")
    r = run(*DATA, "-o", path("score.svg"), "--size-by", path("scores.csv") + ":score",
            "--size", "800x600", "--quiet")
    check(r.returncode == 0, f"--size-by table: {r.stderr}")
    root = ET.parse(path("score.svg")).getroot()
    check(root.get("width") == "800" and root.get("height") == "600", "picture size")
    check(any(t.text == "Node size: score" for t in root.iter(SVG + "text")), "size legend")

    # standard output
    r = run(*DATA, "--layer", "rnd", "--quiet")
    check(r.returncode == 0 and ET.fromstring(r.stdout).tag == SVG + "svg", "SVG on stdout")

    # usage errors (2) and data errors (1)
    for args in (("-o", path("x.png")), ("--seed", "-1"), ("--seed", "x"), ("--layout", "kk"),
                 ("--size", "10x10"), ("--labels", "-3")):
        r = run(*DATA, *args)
        check(r.returncode == 2, f"{args}: exit {r.returncode}")
    for args, msg in ((("--size-by", "type"), b"not numeric"),
                      (("--size-by", "nosuch"), b"no actor attribute 'nosuch'"),
                      (("--size-by", path("scores.csv") + ":nosuch"), b"numeric column"),
                      (("--label", "nosuch"), b"no actor attribute 'nosuch'")):
        r = run(*DATA, "-o", path("bad.svg"), *args)
        check(r.returncode == 1 and msg in r.stderr, f"{args}: exit {r.returncode} {r.stderr}")
    check(not os.path.exists(path("bad.svg")), "no file after a failure")

    for name in os.listdir(tmp):
        os.unlink(path(name))
    os.rmdir(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
