#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The firmnet-export CLI: formats from names and --format, partitions, options, exit codes,
and the progress bar on a terminal (standard library only; file contents are checked in
test_export_roundtrip.py)."""
import gzip
import os
import pty
import select
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "examples", "firmnet-export")
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")
DATA = ["--actors", ACTORS, "--ties", TIES]

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


def root_tag(path, opener=open):
    with opener(path, "rb") as f:
        return ET.parse(f).getroot().tag


def run_with_terminal(*args):
    """Run with stderr on a pseudo-terminal; returns (exit code, what stderr showed)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([PROG, *args], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other side closed (Linux reports EIO)
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out.decode("utf-8", "replace")


def main():
    tmp = tempfile.mkdtemp(prefix="firmnet-cli-export-")
    path = lambda name: os.path.join(tmp, name)  # noqa: E731

    r = run("--help")
    check(r.returncode == 0 and b"--partition ATTR" in r.stdout and b"--format FMT" in r.stdout,
          "help lists the options")

    # the format follows the name
    for name, tag in (("n.graphml", "{http://graphml.graphdrawing.org/xmlns}graphml"),
                      ("n.gexf", "{http://gexf.net/1.3}gexf")):
        r = run(*DATA, "-o", path(name))
        check(r.returncode == 0, f"{name}: exit {r.returncode} {r.stderr}")
        check(root_tag(path(name)) == tag, f"{name}: root element")
        check(f"wrote {path(name)}".encode() in r.stderr, f"{name}: note on stderr")
    r = run(*DATA, "-o", path("n.graphml.gz"), "--quiet")
    check(r.returncode == 0 and r.stderr == b"", f"gzip, quiet: {r.stderr}")
    check(root_tag(path("n.graphml.gz"), gzip.open).endswith("graphml"), "gzip GraphML reads")
    r = run(*DATA, "-o", path("n.net"), "--partition", "type", "--quiet")
    check(r.returncode == 0, f"pajek: {r.stderr}")
    with open(path("n.net"), encoding="utf-8") as f:
        check(f.readline() == "*Vertices 351\n", "pajek header")
    with open(path("n.clu"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    check("*Vertices 351" in lines and "% 1 = firm" in lines, "partition beside the .net")
    r = run(*DATA, "-o", path("z.net.gz"), "--partition", "mc", "--quiet")
    check(r.returncode == 0 and os.path.exists(path("z.clu.gz")), "z.net.gz -> z.clu.gz")

    # --format overrides the name, and allows standard output
    r = run(*DATA, "-o", path("n.txt"), "--format", "gexf", "--quiet")
    check(r.returncode == 0 and root_tag(path("n.txt")).endswith("gexf"), "--format gexf to .txt")
    r = run(*DATA, "--format", "pajek", "--layer", "rnd", "--wave", "2005", "--undirected",
            "--drop-isolates")
    check(r.returncode == 0 and r.stdout.startswith(b"*Vertices ") and b"*Edges\n" in r.stdout,
          "pajek on standard output")
    r = run(*DATA, "--format", "graphml", "--attributes", "type,mc", "--quiet")
    keys = [k for k in ET.fromstring(r.stdout) if k.tag.endswith("key")]
    check(r.returncode == 0 and len(keys) == 5, f"--attributes: {len(keys)} keys")

    # usage errors: exit 2
    for args, msg in (((*DATA,), b"give -o FILE"),
                      ((*DATA, "-o", path("n.txt")), b"cannot tell the export format"),
                      ((*DATA, "-o", path("n.gexf"), "--format", "dot"), b"unknown export format"),
                      ((*DATA, "-o", path("n.gexf"), "--partition", "type"), b"--partition needs"),
                      ((*DATA, "--format", "pajek", "--partition", "type"), b"--partition needs"),
                      (("-o", path("n.gexf")), b"no tie file")):
        r = run(*args)
        check(r.returncode == 2 and msg in r.stderr, f"{args[-2:]}: exit {r.returncode} {r.stderr}")
    # data errors: exit 1, and no file left behind
    r = run(*DATA, "-o", path("bad.gexf"), "--attributes", "type,nosuch")
    check(r.returncode == 1 and b"no actor attribute 'nosuch'" in r.stderr, f"{r.stderr}")
    check(not os.path.exists(path("bad.gexf")), "no file after a failure")
    r = run(*DATA, "-o", path("bad.net"), "--partition", "nosuch")
    check(r.returncode == 1 and b"no actor attribute 'nosuch'" in r.stderr, f"{r.stderr}")
    r = run("--ties", path("missing.csv"), "-o", path("bad.gexf"))
    check(r.returncode == 1 and b"cannot open" in r.stderr, f"{r.stderr}")
    r = run(*DATA, "-o", path("bad.gexf"), "--wave", "1999")
    check(r.returncode == 1 and b"no wave '1999'" in r.stderr, f"{r.stderr}")
    check(sorted(os.listdir(tmp)) == sorted(["n.graphml", "n.gexf", "n.graphml.gz", "n.net",
                                             "n.clu", "z.net.gz", "z.clu.gz", "n.txt"]),
          f"no temporary files left: {sorted(os.listdir(tmp))}")

    # a progress bar while reading when stderr is a terminal, none with --quiet
    code, shown = run_with_terminal(*DATA, "-o", path("t.gexf"))
    check(code == 0, f"terminal run: exit {code}")
    check("\r" in shown and "%" in shown and "ties.csv.gz [" in shown, f"bar shown: {shown!r}")
    check("\x1b[K" in shown, "bar line cleared")
    check("wrote " in shown, "note after the bar")
    code, shown = run_with_terminal(*DATA, "-o", path("t.gexf"), "--quiet")
    check(code == 0 and shown == "", f"--quiet: {shown!r}")
    r = run(*DATA, "-o", path("t.gexf"))
    check(b"\r" not in r.stderr and b"%" not in r.stderr, "no bar when stderr is not a terminal")

    for name in os.listdir(tmp):
        os.unlink(path(name))
    os.rmdir(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
