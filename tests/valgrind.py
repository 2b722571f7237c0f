#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""valgrind memcheck on the demo and on every example program (standard library only).

Usage: valgrind.py README_EXAMPLE PROGRAM...

Each program runs under `valgrind --error-exitcode=9 --leak-check=full` on the demo data
(writing CSV, gzip and JSON), on a malformed file (the error path), and with --help; the
README's C example (tests/install/example.c) runs on the demo data. Any memcheck error or
definite, indirect or possible leak fails the test. Registered in the 'slow' suite, only in
builds without sanitizers (valgrind cannot run sanitized binaries).
"""
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("FIRMNET_SRCDIR",
                     os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")
BAD = os.path.join(SRC, "tests", "data", "bad", "ties_quote_1mb.csv.gz")
VALGRIND = ["valgrind", "--error-exitcode=9", "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect,possible",
            "--show-leak-kinds=definite,indirect,possible", "--track-origins=yes", "-q"]

# Options a program needs besides the common ones, and the output formats it writes (as in
# test_cli_bad.py).
EXTRA_ARGS = {
    "firmnet-ei": ["--by", "cluster"],
    "firmnet-brokerage": ["--by", "cluster"],
    "firmnet-chart": ["--kind", "centrality"],
}
VIEW_ARGS = {  # a view other than the default; change measures directed ties only
    "firmnet-change": ["--layer", "service"],
    "firmnet-report": ["--layer", "service", "--wave", "2007"],  # each section picks its view
}
OUTPUTS = {
    "firmnet-export": ["out.graphml", "out.gexf.gz", "out.net"],
    "firmnet-draw": ["out.svg"],
    "firmnet-chart": ["out.svg"],
    "firmnet-report": ["out.html"],
}

passed = failed = 0


def run(args, want, what, cwd=None):
    global passed, failed
    r = subprocess.run(VALGRIND + args, capture_output=True, text=True, cwd=cwd, timeout=900)
    memcheck = [line for line in r.stderr.splitlines() if line.startswith("==")]
    if r.returncode == want and not memcheck:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAILED: {what}: exit {r.returncode} (expected {want})")
        print("\n".join(r.stderr.splitlines()[:80]))


def main():
    if len(sys.argv) < 2:
        print("usage: valgrind.py README_EXAMPLE PROGRAM...")
        return 2
    tmp = tempfile.mkdtemp(prefix="firmnet-valgrind-")
    programs = [os.path.abspath(p) for p in sys.argv[1:]]
    run([programs[0]], 0, "README example on the demo data", cwd=SRC)
    for prog in programs[1:]:
        name = os.path.basename(prog)
        extra = EXTRA_ARGS.get(name, [])
        outputs = OUTPUTS.get(name, ["out.csv", "out.tsv.gz", "out.json"])
        for out in outputs:
            run([prog, "--actors", ACTORS, "--ties", TIES, *extra, "-o", os.path.join(tmp, out)],
                0, f"{name} on the demo data -> {out}")
        view = VIEW_ARGS.get(name, ["--undirected", "--layer", "service", "--wave", "2007"])
        run([prog, "--actors", ACTORS, "--ties", TIES, *extra, *view, "-o",
             os.path.join(tmp, "view-" + outputs[0])], 0, f"{name} on another view ({view})")
        run([prog, "--actors", ACTORS, "--ties", BAD, *extra, "-o", os.path.join(tmp, outputs[0])],
            1, f"{name} on a malformed file")
        run([prog, "--help"], 0, f"{name} --help")
    for f in os.listdir(tmp):
        os.remove(os.path.join(tmp, f))
    os.rmdir(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
