#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The firmnet-summary CLI on the demo data and on bad input (standard library only)."""
import csv
import gzip
import io
import json
import math
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "examples", "firmnet-summary")
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def run(*args, stdin=None):
    return subprocess.run([PROG, *args], capture_output=True, text=True, input=stdin)


def close(a, b):
    if a == "" or b == "":
        return a == b
    x, y = float(a), float(b)
    return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet-cli-")

    # demo data: every number equals the networkx reference
    r = run("--actors", ACTORS, "--ties", TIES)
    check(r.returncode == 0, f"demo run exit {r.returncode}: {r.stderr}")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    with open(os.path.join(SRC, "tests", "data", "summary", "demo.csv"), newline="") as f:
        ref = {row["key"]: row for row in csv.DictReader(f)}
    check(len(rows) == len(ref) == 16, f"{len(rows)} rows")
    for row in rows:
        want = ref.get(row["wave"] + "/" + row["layer"])
        check(want is not None, f"row {row['wave']}/{row['layer']} in the reference")
        for col, value in (want or {}).items():
            if col != "key":
                check(close(row[col], value), f"{row['wave']}/{row['layer']} {col}: {row[col]} != {value}")

    # outputs by name: JSON and gzip CSV give the same table
    out_json = os.path.join(tmp, "s.json")
    out_gz = os.path.join(tmp, "s.csv.gz")
    check(run("--actors", ACTORS, "--ties", TIES, "-o", out_json).returncode == 0, "json run")
    check(run("--actors", ACTORS, "--ties", TIES, "--output=" + out_gz).returncode == 0, "gz run")
    with open(out_json) as f:
        js = json.load(f)
    with gzip.open(out_gz, "rt", newline="") as f:
        gz_rows = list(csv.DictReader(f))
    check(len(js) == 16 and len(gz_rows) == 16, "json/gz rows")
    check(js[0]["ties"] == float(rows[0]["ties"]) and gz_rows[3] == rows[3], "json/gz content")

    # standard input, and --layer/--wave accepted
    with open(os.path.join(SRC, "tests", "data", "cli", "ties_small.csv")) as f:
        small = f.read()
    r = run("--ties", "-", stdin=small)
    check(r.returncode == 0 and r.stdout.startswith("wave,layer,actors"), f"stdin: {r.stderr}")

    # usage errors exit 2 with a message
    for args, msg in [((), "no tie file given"),
                      (("--ties", TIES, "--bogus"), "unknown option '--bogus'"),
                      (("--ties",), "needs a value"),
                      (("--ties", TIES, "--merge", "first"), "--merge takes sum, max, mean or count"),
                      (("--ties", TIES, "--duplicates", "median"), "unknown merge rule 'median'"),
                      (("stray",), "unexpected argument 'stray'")]:
        r = run(*args)
        check(r.returncode == 2, f"{args}: exit {r.returncode}")
        check(msg in r.stderr, f"{args}: stderr {r.stderr!r}")

    # data errors exit 1 naming file, line and column
    bad = os.path.join(SRC, "tests", "data", "cli", "ties_bad_weight.csv")
    r = run("--actors", ACTORS, "--ties", bad)
    check(r.returncode == 1, f"bad weight exit {r.returncode}")
    check(f"{bad}:4:5 (column 'weight'): weight '-3' is not a finite number > 0" in r.stderr,
          f"bad weight message {r.stderr!r}")
    r = run("--ties", os.path.join(tmp, "missing.csv"))
    check(r.returncode == 1 and "cannot open" in r.stderr, "missing file")
    r = run("--ties", TIES, "--layer", "finance")
    check(r.returncode == 1 and "'finance' selects no layer" in r.stderr, f"selector {r.stderr!r}")
    r = run("--actors", ACTORS, "--ties", os.path.join(SRC, "tests", "data", "cli", "ties_small.csv"),
            "--strict")
    check(r.returncode == 1 and "unknown actor 'X1'" in r.stderr, f"strict {r.stderr!r}")
    # an unwritable output: exit 1, and an existing file is left as it was
    keep = os.path.join(tmp, "keep.csv")
    with open(keep, "w") as f:
        f.write("old\n")
    r = run("--ties", bad, "-o", keep)
    check(r.returncode == 1, "failed run")
    with open(keep) as f:
        check(f.read() == "old\n", "existing output untouched")
    r = run("--ties", TIES, "-o", "/nonexistent-dir/x.csv")
    check(r.returncode == 1 and "/nonexistent-dir/x.csv" in r.stderr, "unwritable output")

    # --help and --version
    r = run("--help")
    check(r.returncode == 0 and "--actors FILE" in r.stdout, "help")
    r = run("--version")
    check(r.returncode == 0 and "firmnet" in r.stdout, "version")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
