#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""firmnet-change on the demo data and on bad input (Python standard library only)."""
import csv
import io
import os
import subprocess
import sys
import tempfile

BUILD = os.environ.get("FIRMNET_BUILDDIR", "build")
SRC = os.environ.get("FIRMNET_SRCDIR", ".")
PROG = os.path.join(BUILD, "examples", "firmnet-change")
DATA = os.path.join(SRC, "examples", "data")
DEMO = ["--actors", os.path.join(DATA, "actors.csv"), "--ties", os.path.join(DATA, "ties.csv.gz")]

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def run(*args):
    p = subprocess.run([PROG, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet_cli_change_")
    # the README's first command: summary, tie table and group table on stdout
    rc, out, err = run(*DEMO, "--attributes", os.path.join(DATA, "attributes.csv"))
    check(rc == 0, f"demo run exits 0 (rc {rc}, {err})")
    lines = out.split("\n")
    check(lines[0].startswith("Change from 2005 to 2007: 268 actors reported ties in both waves"),
          "first summary line")
    check(any(l.startswith("  Trade, large firms: MC participants gained 3.7 more partners than "
                           "non-participants (+3.69 vs +0.00, n = 13 vs 18; p = 0.0")
              and l.endswith("9,999 permutations)") for l in lines), "trade, large firms line")
    check(any(l.startswith("  Services, SMEs: MC participants gained 2.5 more partners")
              for l in lines), "services, SMEs line")
    check("layer,block,n00,n01,n10,n11,jaccard,hamming," in out, "tie table on stdout")
    check("layer,stratum,measure,n_mc,n_non,mean_change_mc,mean_change_non," in out,
          "group table on stdout")
    groups = list(csv.DictReader(io.StringIO(out[out.index("layer,stratum,measure"):])))
    row = [r for r in groups if (r["layer"], r["stratum"], r["measure"]) == ("service", "sme", "partners")]
    check(len(row) == 1 and float(row[0]["p_perm"]) < 0.001, "service x sme effect found")
    check(any(r["layer"] == "*" and r["measure"] == "rnd_spend" for r in groups),
          "per-wave attributes compared")

    # files: -o actors, --groups, --ties-table; stdout keeps only the sentences
    a, g, t = (os.path.join(tmp, n) for n in ("actors.csv", "groups.tsv", "ties.json"))
    rc, out2, err = run(*DEMO, "-o", a, "--groups", g, "--ties-table", t, "--layer", "trade")
    check(rc == 0, f"run with files (rc {rc}, {err})")
    check("layer,block" not in out2 and "layer,stratum" not in out2, "no tables on stdout")
    check(out2.startswith("Change from 2005 to 2007"), "summary still printed")
    actors = read_csv(a)
    check(list(actors[0].keys())[:5] == ["id", "layer", "participant", "stratum", "degree_out_w0"],
          "actor table columns")
    check(len(actors) == 268 and {r["layer"] for r in actors} == {"trade"}, "actor rows")
    with open(g, encoding="utf-8") as f:
        check(f.readline().startswith("layer\tstratum\tmeasure\tn_mc"), "group table as TSV")
    with open(t, encoding="utf-8") as f:
        check(f.read().lstrip().startswith("["), "tie table as JSON")

    # the same seed gives the same output; another seed other permutation p-values
    rc, again, _ = run(*DEMO, "--attributes", os.path.join(DATA, "attributes.csv"))
    check(rc == 0 and again == out, "reproducible for the default seed")
    rc, other, _ = run(*DEMO, "--attributes", os.path.join(DATA, "attributes.csv"), "--seed", "7")
    check(rc == 0 and other != out, "another seed changes the output")

    # options (tables to scratch files: keep stdout to the sentences)
    devnull = ["--groups", os.path.join(tmp, "g.csv"), "--ties-table", os.path.join(tmp, "t.csv")]
    rc, out3, err = run(*DEMO, "--permutations", "0", "--bootstrap", "0", "--strata", "none",
                        "--panel", "all", "--layer", "trade+rnd", *devnull)
    check(rc == 0, f"options run (rc {rc}, {err})")
    check("all 351 actors" in out3, "panel all")
    check("  Trade+rnd: MC participants gained" in out3 and "Welch p = " in out3,
          "no strata, joined group, Welch fallback")
    rc, out4, err = run(*DEMO, "--from", "2007", "--to", "2005", "--permutations", "99",
                        "--bootstrap", "9", *devnull)
    check(rc == 0 and out4.startswith("Change from 2007 to 2005"), "waves reversed")
    check("fewer partners" in out4, "reversed change reads as fewer")

    # errors: usage (2) and data (1)
    for args, code, msg in [
        (["--panel", "some"], 2, "--panel takes respondents or all"),
        (["--permutations", "-5"], 2, "--permutations takes a count"),
        (["--seed", "x"], 2, "--seed takes"),
        (["--wave", "2005"], 2, "use --from and --to"),
        (["--undirected"], 2, "directed ties"),
        (["--from", "2006"], 1, "no from wave '2006' (waves: '2005', '2007')"),
        (["--layer", "trade,legal"], 1, "layer group 'legal'"),
        (["--group", "nosuch"], 1, "no group attribute 'nosuch'"),
        (["--attributes", os.path.join(tmp, "missing.csv")], 1, "missing.csv: cannot open"),
    ]:
        rc, _, err = run(*DEMO, *args)
        check(rc == code and msg in err, f"{args}: rc {rc}, stderr {err.strip()!r}")
    bad = os.path.join(tmp, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("wave,id,sales\n2005,CW001,1\n2007,CW001,n/a\n")
    rc, _, err = run(*DEMO, "--attributes", bad)
    check(rc == 1 and "bad.csv:3:3 (column 'sales'): not a number: 'n/a'" in err,
          f"attribute file error with line and column: {err.strip()!r}")
    rc, _, err = run("--actors", os.path.join(DATA, "actors.csv"))
    check(rc == 2, "no tie file is a usage error")
    rc, out5, _ = run("--help")
    check(rc == 0 and "--permutations N" in out5 and "--ties-table FILE" in out5, "--help")

    for name in os.listdir(tmp):
        os.unlink(os.path.join(tmp, name))
    os.rmdir(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
