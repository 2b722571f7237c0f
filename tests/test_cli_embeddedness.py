#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""firmnet-embeddedness, firmnet-ei and firmnet-brokerage on the demo data and on bad input.

Standard library only. Runs the programs from $FIRMNET_BUILDDIR/examples with the data of
$FIRMNET_SRCDIR; prints "N passed, N failed" and exits non-zero on a failure.
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")
FIXTURES = os.path.join(SRC, "tests", "data", "embeddedness")
DATA = ["--actors", ACTORS, "--ties", TIES]

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def run(prog, *args):
    p = subprocess.run([os.path.join(BUILD, "examples", prog)] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stdout, p.stderr


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(s):
    return math.nan if s == "" else float(s)


def near(a, b, rel=1e-9):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= rel * max(1.0, abs(b))


def compare(got, fixture, key, what):
    """Every numeric cell of the fixture equals the program's (rows matched by key)."""
    by_key = {r[key]: r for r in got}
    bad = n = 0
    for ref in read(os.path.join(FIXTURES, fixture)):
        r = by_key.get(ref[key])
        if r is None:
            bad += 1
            continue
        for col, v in ref.items():
            if col in (key, "group") or col not in r:
                continue
            n += 1
            if not near(num(r[col]), num(v)):
                bad += 1
                print("  %s %s %s: %s != %s" % (what, ref[key], col, r[col], v), file=sys.stderr)
    check(n > 0 and bad == 0, "%s matches %s (%d values, %d bad)" % (what, fixture, n, bad))


def test_embeddedness(tmp):
    rc, out, err = run("firmnet-embeddedness", *DATA, "--wave", "2005")
    check(rc == 0, "embeddedness exit 0: " + err)
    t = rows(out)
    check(len(t) == 351, "one row per actor")
    check(list(t[0].keys())[:3] == ["id", "cluster_share_out", "cluster_share_in"],
          "actor table columns")
    for col in ("constraint", "effective_size", "efficiency", "hierarchy", "clustering",
                "coreness", "partners", "multiplex_share", "reciprocity", "mc_share_in_n",
                "unknown_all"):
        check(col in t[0], "column " + col)
    compare(t, "burt_demo_2005_directed_weighted.csv", "id", "embeddedness --wave 2005")

    rc, out, err = run("firmnet-embeddedness", *DATA, "--wave", "2005", "--unweighted",
                       "--measures", "structural")
    check(rc == 0, "--unweighted --measures structural")
    t = rows(out)
    check(list(t[0].keys()) == ["id", "constraint", "effective_size", "efficiency", "hierarchy",
                                "clustering", "coreness"], "structural columns only")
    compare(t, "burt_demo_2005_directed_unweighted.csv", "id", "embeddedness --unweighted")

    rc, out, err = run("firmnet-embeddedness", *DATA, "--groups", "mc?")
    check(rc == 0, "--groups mc?")
    t = rows(out)
    check([r["group"] for r in t] == ["*", "no", "yes"], "groups *, no, yes")
    check(t[0]["n_actors"] == "351", "n_actors of *")
    check(t[1]["mc_share_out"] == "", "non-members have no MC share")

    groups = os.path.join(tmp, "groups.tsv")
    actors = os.path.join(tmp, "actors.json")
    rc, out, err = run("firmnet-embeddedness", *DATA, "--groups", "cluster", "--groups-out",
                       groups, "-o", actors, "--measures", "local,relational")
    check(rc == 0 and out == "", "--groups-out and -o")
    with open(actors, encoding="utf-8") as f:
        j = json.load(f)
    check(isinstance(j, (list, dict)), "JSON actor table")
    with open(groups, encoding="utf-8") as f:
        lines = f.read().splitlines()
    check(lines[0].startswith("group\tn_actors\tcluster_share_out"), "TSV group table header")
    check(len(lines) == 1 + 1 + 7, "groups: *, blank cluster, six clusters")
    rc, out, err = run("firmnet-embeddedness", *DATA, "--groups", "cluster", "--exclude-blank")
    check(rc == 0 and len(rows(out)) == 7, "--exclude-blank drops the blank cluster")

    rc, out, err = run("firmnet-embeddedness", *DATA, "--groups-out", groups)
    check(rc == 2 and "--groups" in err, "--groups-out without --groups is a usage error")
    rc, out, err = run("firmnet-embeddedness", *DATA, "--measures", "local,shape")
    check(rc == 2 and "measures" in err, "bad --measures")
    rc, out, err = run("firmnet-embeddedness", *DATA, "--groups", "colour")
    check(rc == 1 and "colour" in err, "unknown attribute is a data error")
    rc, out, err = run("firmnet-embeddedness", *DATA, "--wave", "1999")
    check(rc == 1 and "1999" in err, "unknown wave")


def test_ei(tmp):
    args = DATA + ["--wave", "2005", "--by", "cluster", "--permutations", "300", "--seed", "11"]
    rc, out, err = run("firmnet-ei", *args)
    check(rc == 0, "ei exit 0: " + err)
    t = rows(out)
    check(list(t[0].keys())[:10] == ["group", "n_actors", "internal", "external_out",
                                    "external_in", "ei", "ei_out", "ei_weighted",
                                    "ei_expected", "p_perm"], "E-I columns")
    check([r["group"] for r in t][:2] == ["*", ""], "network row first, then the blank cluster")
    check(len(t) == 8, "network + blank + six clusters")
    net = t[0]
    i, e = float(net["internal"]), float(net["external_out"])
    check(near(float(net["ei"]), (e - i) / (e + i)), "network E-I = (E - I) / (E + I)")
    for r in t[1:]:
        i, xo, xi = float(r["internal"]), float(r["external_out"]), float(r["external_in"])
        check(near(float(r["ei"]), (xo + xi - i) / (xo + xi + i)), "group E-I " + r["group"])
        check(near(float(r["ei_out"]), (xo - i) / (xo + i)), "group E-I out " + r["group"])
    check(sum(float(r["internal"]) for r in t[1:]) == float(net["internal"]),
          "internal ties add up")
    p = float(net["p_perm"])
    check(0 <= p <= 1 and abs(p * 300 - round(p * 300)) < 1e-9, "p_perm is a share of 300")
    rc2, out2, err2 = run("firmnet-ei", *args)
    check(rc2 == 0 and out2 == out, "same seed, same output")
    rc3, out3, err3 = run("firmnet-ei", *(args[:-1] + ["12"]))
    check(rc3 == 0 and out3 != out, "another seed, other permutation results")

    per_actor = os.path.join(tmp, "ei_actors.csv")
    rc, out, err = run("firmnet-ei", *DATA, "--by", "type", "--permutations", "0",
                       "--per-actor", per_actor)
    check(rc == 0 and rows(out)[0]["p_perm"] == "", "--permutations 0: no p-values")
    a = read(per_actor)
    check(len(a) == 351 and list(a[0].keys())[:2] == ["id", "group"], "per-actor table")

    rc, out, err = run("firmnet-ei", *DATA)
    check(rc == 2 and "--by" in err, "--by is required")
    rc, out, err = run("firmnet-ei", *DATA, "--by", "type", "--seed", "x")
    check(rc == 2 and "--seed" in err, "bad --seed")
    rc, out, err = run("firmnet-ei", *DATA, "--by", "nonesuch")
    check(rc == 1 and "nonesuch" in err and "cluster" in err,
          "unknown attribute names the attributes")


def test_brokerage(tmp):
    glob = os.path.join(tmp, "global.csv")
    rc, out, err = run("firmnet-brokerage", *DATA, "--wave", "2005", "--layer", "trade", "--by",
                       "mc", "--global", glob)
    check(rc == 0, "brokerage exit 0: " + err)
    t = rows(out)
    check(list(t[0].keys())[:8] == ["id", "group", "coordinator", "itinerant", "gatekeeper",
                                   "representative", "liaison", "total"], "brokerage columns")
    check("z_liaison" in t[0] and "expected_total" in t[0], "z- and expected columns")
    compare(t, "brokerage_demo_trade_2005_mc.csv", "id", "brokerage --by mc")
    compare(read(glob), "brokerage_demo_trade_2005_mc_global.csv", "role", "brokerage --global")

    rc, out, err = run("firmnet-brokerage", *DATA, "--wave", "2005", "--layer", "trade", "--by",
                       "mc", "--exclude-blank")
    check(rc == 0, "--exclude-blank")
    t = rows(out)
    compare(t, "brokerage_demo_trade_2005_mc_excl.csv", "id", "brokerage --exclude-blank")
    check(t[0]["group"] == "" and t[0]["total"] == "", "excluded actor has empty cells")

    rc, out, err = run("firmnet-brokerage", *DATA)
    check(rc == 2 and "--by" in err, "--by is required")
    rc, out, err = run("firmnet-brokerage", *DATA, "--by", "type", "--layer", "nosuch")
    check(rc == 1 and "nosuch" in err, "unknown layer")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_embeddedness(tmp)
        test_ei(tmp)
        test_brokerage(tmp)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
