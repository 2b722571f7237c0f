#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every example program on every file of the malformed-input corpus tests/data/bad/.

Usage: test_cli_bad.py PROGRAM... (meson passes every program in examples/meson.build).

For each program and each row of tests/data/bad/EXPECTED.tsv the program runs with the bad
file as --actors (with a good tie file) or --ties (with the demo actors), and must exit with
the expected status (1 for data errors, never killed by a signal), print the message naming
file:line on stderr, and leave an existing output file (-o) untouched. Standard library only.
"""
import os
import signal
import subprocess
import sys
import tempfile

SRC = os.environ.get("FIRMNET_SRCDIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAD = os.path.join(SRC, "tests", "data", "bad")
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "tests", "data", "cli", "ties_small.csv")

# Options a program needs besides --actors/--ties to get as far as loading the data, and the
# output name it accepts. A program added to examples/ that requires options of its own, or
# another output format, gets a line here.
EXTRA_ARGS = {
    "firmnet-ei": ["--by", "cluster"],
    "firmnet-brokerage": ["--by", "cluster"],
    "firmnet-chart": ["--kind", "centrality"],
}
OUTPUT_NAME = {
    "firmnet-export": "out.graphml",
    "firmnet-draw": "out.svg",
    "firmnet-chart": "out.svg",
    "firmnet-report": "out.html",
}

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def describe(rc):
    if rc < 0:
        return f"killed by signal {signal.Signals(-rc).name}"
    return f"exit {rc}"


def main():
    programs = sys.argv[1:]
    if not programs:
        print("usage: test_cli_bad.py PROGRAM...")
        return 2
    with open(os.path.join(BAD, "EXPECTED.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    check(len(rows) >= 60, f"{len(rows)} corpus rows")
    tmp = tempfile.mkdtemp(prefix="firmnet-cli-bad-")
    for prog in programs:
        name = os.path.basename(prog)
        extra = EXTRA_ARGS.get(name, [])
        out = os.path.join(tmp, OUTPUT_NAME.get(name, "out.csv"))
        for row in rows:
            path = os.path.join(BAD, row["file"])
            if row["reader"] == "actors":
                args = ["--actors", path, "--ties", TIES]
            else:
                args = ["--actors", ACTORS, "--ties", path]
            with open(out, "w") as f:
                f.write("previous result\n")
            r = subprocess.run([prog, *args, *extra, "-o", out], capture_output=True,
                               timeout=120)
            stderr = r.stderr.decode("utf-8", "replace")
            want = int(row["cli"])
            what = f"{name} on {row['file']}"
            # a file that only warns may still be too small for a program (one wave, say):
            # then exit 1 is fine; a signal never is
            ok = r.returncode == want or (want == 0 and r.returncode == 1)
            check(ok, f"{what}: {describe(r.returncode)}, expected exit {want}: "
                  f"{stderr.strip()[:300]}")
            check(row["message"] in stderr, f"{what}: stderr lacks {row['message']!r}: "
                  f"{stderr.strip()[:300]!r}")
            if r.returncode != 0:
                check(stderr.startswith(name + ": "), f"{what}: message not prefixed by program")
                with open(out) as f:
                    check(f.read() == "previous result\n", f"{what}: output file changed")
            # no temporary files left beside the output
            left = os.listdir(tmp)
            check(left == [os.path.basename(out)], f"{what}: left {left}")
            os.remove(out)
    os.rmdir(tmp)
    print(f"{len(programs)} programs x {len(rows)} files")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
