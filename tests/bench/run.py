#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the benchmark pipelines in firmnet, python-igraph and networkx side by side.

Environment:
  FIRMNET_BENCH_SIZES    comma list of S, M, L (default S,M)
  FIRMNET_BENCH_REPEAT   runs per measurement, the median is reported (default 3; runs of
                         more than 30 s are measured once)
  FIRMNET_BENCH_TOOLS    comma list of firmnet, igraph, networkx (default all three)
  FIRMNET_BENCH_TIMEOUT  seconds before a run is abandoned (default 900)
  FIRMNET_BENCH_KEEP     a bench-results.json of an earlier run: the tools not measured now
                         keep their numbers from it (re-measure firmnet alone after a change)

Data are generated once (seeded) into <build>/bench-data. Prints a Markdown table of median
seconds, peak resident memory and the ratios igraph/firmnet and networkx/firmnet, and writes it
to <build>/bench-results.md. A run that exceeds the time-out shows as "> T"; its ratio is a
lower bound.
"""
import json
import os
import platform
import statistics
import subprocess
import sys
import time

BUILD = os.environ.get("FIRMNET_BUILDDIR", "build")
SRC = os.environ.get("FIRMNET_SRCDIR", ".")
DATA = os.path.join(BUILD, "bench-data")
GEN = os.path.join(BUILD, "tests", "bench", "gen-transactions")
BENCH = os.path.join(BUILD, "tests", "bench", "bench-pipelines")
REFERENCE = os.path.join(SRC, "tests", "bench", "reference.py")
PYTHON = "/usr/bin/python3"

SIZES = {"S": (2000, 10000), "M": (100000, 1000000), "L": (1000000, 10000000)}
# pipeline -> sizes it runs on, and the source samples of P4
PLAN = [("P1", "SML"), ("P2", "SML"), ("P3", "S"), ("P4", "ML"), ("P5", "S"), ("P6", "SM")]
P4_SAMPLES = 64
# too slow (networkx on L), or not offered: python-igraph 0.10.2 has no subset (sampled)
# betweenness, and neither package has the MC comparison
SKIP = {("networkx", "L"), ("networkx", "P5"), ("igraph", "P5"), ("igraph", "P4")}


def data(size):
    os.makedirs(DATA, exist_ok=True)
    n, m = SIZES[size]
    path = os.path.join(DATA, f"{size}.csv.gz")
    if not os.path.exists(path):
        subprocess.run([GEN, "--actors", str(n), "--ties", str(m), "--seed", "2005", "-o", path],
                       check=True)
    return path


def survey():
    """1,000 actors with mc and size, two waves: the MC comparison of P5."""
    ties = os.path.join(DATA, "P5-ties.csv.gz")
    actors = os.path.join(DATA, "P5-actors.csv")
    if not os.path.exists(actors):
        subprocess.run([GEN, "--actors", "1000", "--ties", "20000", "--seed", "7", "-o", ties,
                        "--actors-out", actors], check=True)
    return ties, actors


def memory_setup():
    """Transparent huge pages and glibc tunables: page faults are a large part of P1 (see the
    README), so the table says how memory was set up."""
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            thp = f.read().split("[")[1].split("]")[0]
    except (OSError, IndexError):
        thp = "unknown"
    return f"transparent huge pages: {thp}; GLIBC_TUNABLES: {os.environ.get('GLIBC_TUNABLES') or 'unset'}"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure(cmd, timeout):
    """Run @cmd; return (seconds it reports, peak RSS in MiB), "timeout", or None on failure."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid != 0:
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            os.wait4(proc.pid, 0)
            return "timeout"
        time.sleep(0.01)
    out = proc.stdout.read()
    if status != 0 or "seconds=" not in out:
        sys.stderr.write(f"failed: {' '.join(cmd)}\n{proc.stderr.read()}\n")
        return None
    seconds = float(out.split("seconds=")[1].split()[0])
    return seconds, usage.ru_maxrss / 1024.0


def main():
    sizes = os.environ.get("FIRMNET_BENCH_SIZES", "S,M").split(",")
    repeat = int(os.environ.get("FIRMNET_BENCH_REPEAT", "3"))
    tools = os.environ.get("FIRMNET_BENCH_TOOLS", "firmnet,igraph,networkx").split(",")
    timeout = float(os.environ.get("FIRMNET_BENCH_TIMEOUT", "900"))
    load_start = os.getloadavg()[0]
    kept = {}
    if os.environ.get("FIRMNET_BENCH_KEEP"):
        with open(os.environ["FIRMNET_BENCH_KEEP"]) as f:
            for pipeline, size, result in json.load(f):
                kept[(pipeline, size)] = {t: (r if r == "timeout" else tuple(r))
                                          for t, r in result.items() if t not in tools}
    rows = []
    for pipeline, on in PLAN:
        for size in sizes:
            if size not in on:
                continue
            extra = []
            if pipeline == "P5":
                ties, actors = survey()
                extra = ["--actors", actors]
            else:
                ties = data(size)
            if pipeline == "P4":
                extra = ["--samples", str(P4_SAMPLES)]
            result = {}
            for tool in tools:
                if (tool, size) in SKIP or (tool, pipeline) in SKIP:
                    continue
                if tool == "firmnet":
                    cmd = [BENCH, pipeline, ties] + extra
                else:
                    cmd = [PYTHON, REFERENCE, tool, pipeline, ties] + (
                        [str(P4_SAMPLES)] if pipeline == "P4" else [])
                # repeat what is quick; a run of more than 30 s is measured once
                runs = [measure(cmd, timeout)]
                while (len(runs) < repeat and isinstance(runs[0], tuple) and runs[0][0] < 30):
                    runs.append(measure(cmd, timeout))
                done = [r for r in runs if isinstance(r, tuple)]
                if done:
                    result[tool] = (statistics.median(r[0] for r in done), max(r[1] for r in done))
                elif "timeout" in runs:
                    result[tool] = "timeout"
            result.update(kept.get((pipeline, size), {}))
            rows.append((pipeline, size, result))
            print(pipeline, size, result, flush=True)

    def cell(result, tool):
        if tool not in result:
            return "–", "–"
        if result[tool] == "timeout":
            return f"> {timeout:.0f}", "–"
        s, mib = result[tool]
        return f"{s:.3f}", f"{mib:.0f}"

    load_end = os.getloadavg()[0]
    lines = [f"Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.platform()}; "
             f"{memory_setup()}; "
             f"load average {load_start:.1f} at the start, {load_end:.1f} at the end; "
             f"medians of {repeat} runs (one run where the first took over 30 s); firmnet's "
             f"threads chosen by size; P4 with {P4_SAMPLES} sources; time-out {timeout:.0f} s.",
             "",
             "| pipeline | size | firmnet s | MiB | python-igraph s | MiB | ratio | networkx s | MiB | ratio |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for pipeline, size, result in rows:
        f = cell(result, "firmnet")
        i = cell(result, "igraph")
        x = cell(result, "networkx")
        def ratio(tool):
            if tool not in result or not isinstance(result.get("firmnet"), tuple):
                return "–"
            if result[tool] == "timeout":
                return f"> {timeout / result['firmnet'][0]:.0f}x"
            return f"{result[tool][0] / result['firmnet'][0]:.1f}x"
        lines.append(f"| {pipeline} | {size} | {f[0]} | {f[1]} | {i[0]} | {i[1]} | {ratio('igraph')} "
                     f"| {x[0]} | {x[1]} | {ratio('networkx')} |")
    text = "\n".join(lines) + "\n"
    print(text)
    with open(os.path.join(BUILD, "bench-results.md"), "w") as f:
        f.write(text)
    with open(os.path.join(BUILD, "bench-results.json"), "w") as f:
        json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
