#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""firmnet-report on the demo data, read by the tools a reader would use.

- xml.etree parses the whole page (it is written in XHTML syntax) and every inline SVG; each
  drawing has one node circle per actor with ties in its view and one edge path per edge,
  counted here from the tie file; the charts have the expected number of marks;
- html.parser checks that every element is closed in order and that ids are unique;
- headless Chromium loads the page without console messages, its DOM has the sections (by
  id) and the same SVG elements as the file, and it takes a screenshot.

Without Chromium (Debian package `chromium`) the test prints "skipped" and exits 77, which
meson counts as a skip. Standard library only.
"""
import csv
import gzip
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "examples", "firmnet-report")
ACTORS = os.path.join(SRC, "examples", "data", "actors.csv")
TIES = os.path.join(SRC, "examples", "data", "ties.csv.gz")
SVG = "{http://www.w3.org/2000/svg}"
SECTIONS = ["overview", "top-actors", "embeddedness", "change", "drawings"]
GROUPS = {"R&D": "rnd", "Services": "service", "Trade": "trade", "All layers": "all"}
VOID = {"meta", "link", "br", "img", "hr", "input", "col", "source", "wbr", "area", "base"}
TITLE = "Demo <report> & \"clusters\" '한국'"

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser(exe, *args):
    """Run headless Chromium as the brief for CI says (root needs --no-sandbox)."""
    profile = tempfile.mkdtemp(prefix="firmnet-chromium-")
    try:
        return subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
             *args], capture_output=True, timeout=240)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def views():
    """{(selector, wave): (actors with ties, distinct directed edges)} from the tie file."""
    out = {}
    with gzip.open(TIES, "rt", encoding="utf-8", newline="") as f:
        for t in csv.DictReader(f):
            for sel in GROUPS.values():
                if sel == "all" or t["layer"] == sel or t["layer"].startswith(sel + "."):
                    nodes, edges = out.setdefault((sel, t["wave"]), (set(), set()))
                    nodes.update((t["source"], t["target"]))
                    edges.add((t["source"], t["target"]))
    return out


class Balance(html.parser.HTMLParser):
    """Every element closed in order, ids unique, no script or external resource."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.ids, self.resources = [], [], {}, []

    def handle_starttag(self, tag, attrs):
        self.attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attrs(tag, attrs)

    def attrs(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "img", "link"):
            self.resources.append(tag)
        for k, v in attrs:
            if k == "id":
                self.ids[v] = self.ids.get(v, 0) + 1
            if k in ("src", "href") and not (v or "").startswith("#"):
                self.resources.append("%s=%s" % (k, v))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
        else:
            self.stack.pop()


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    check(head[:8] == b"\x89PNG\r\n\x1a\n", "a PNG screenshot")
    return struct.unpack(">II", head[16:24])


def main():
    exe = chromium()
    if exe is None:
        print("skipped: chromium is not installed (apt-get install chromium)")
        return 77
    tmp = tempfile.mkdtemp(prefix="firmnet-report-html-")
    page = os.path.join(tmp, "report.html")

    start = time.monotonic()
    r = subprocess.run([PROG, "--actors", ACTORS, "--ties", TIES, "--title", TITLE, "-o", page],
                       capture_output=True, timeout=600)
    elapsed = time.monotonic() - start
    check(r.returncode == 0, "firmnet-report: %s" % r.stderr.decode())
    print("firmnet-report on the demo data: %.1f s, %d bytes" % (elapsed, os.path.getsize(page)))
    check(elapsed < 120, "the demo report takes seconds")
    r2 = subprocess.run([PROG, "--actors", ACTORS, "--ties", TIES, "--title", TITLE, "-o",
                         page + ".2"], capture_output=True, timeout=600)
    with open(page, "rb") as a, open(page + ".2", "rb") as b:
        check(r2.returncode == 0 and a.read() == b.read(), "byte-identical for the same seed")
    r = subprocess.run([PROG, "--actors", ACTORS, "--ties", TIES], capture_output=True)
    check(r.returncode == 2 and b"-o" in r.stderr, "no -o: usage error")
    r = subprocess.run([PROG, "--actors", ACTORS, "--ties", TIES, "--wave", "1999", "-o",
                        os.path.join(tmp, "x.html")], capture_output=True)
    check(r.returncode == 1 and b"no wave '1999'" in r.stderr, "unknown wave: data error")
    check(not os.path.exists(os.path.join(tmp, "x.html")), "no file after an error")

    # ---- the file: XML, HTML balance, sections, SVG contents --------------------------------
    with open(page, encoding="utf-8") as f:
        text = f.read()
    root = ET.fromstring(text.split("\n", 1)[1])  # after <!DOCTYPE html>
    check(root.tag == "html", "html root")
    check(root.find("head/title").text == TITLE, "title escaped and read back")
    check(root.find("body/header/div/h1").text == TITLE, "heading escaped and read back")
    sections = [s.get("id") for s in root.iter("section")]
    check(sections == SECTIONS, "sections in order: %s" % sections)

    bal = Balance()
    bal.feed(text)
    bal.close()
    check(not bal.errors and not bal.stack, "elements balanced: %s %s" % (bal.errors[:3],
                                                                         bal.stack[-3:]))
    check(all(n == 1 for n in bal.ids.values()), "unique ids")
    check(not bal.resources, "no script or external resource: %s" % bal.resources[:5])

    expected = views()
    drawings = [f for f in root.iter("figure") if f.get("class") == "drawing"]
    check(len(drawings) == 8, "a drawing per layer group and wave (%d)" % len(drawings))
    ok = True
    for fig in drawings:
        svg = fig.find(SVG + "svg")
        ET.fromstring(ET.tostring(svg))  # the SVG alone is well-formed XML too
        label, wave = svg.find(SVG + "title").text.rsplit(", ", 1)
        nodes, edges = expected[(GROUPS[label], wave)]
        circles = [c for c in svg.iter(SVG + "circle") if c.get("class") == "node"]
        paths = [p for p in svg.iter(SVG + "path") if p.get("class") == "edge"]
        if len(circles) != len(nodes) or len(paths) != len(edges):
            ok = False
            print("  %s %s: %d nodes (want %d), %d edges (want %d)" % (
                label, wave, len(circles), len(nodes), len(paths), len(edges)))
        refs = {p.get("marker-end") for p in paths}
        ids = {m.get("id") for m in svg.iter(SVG + "marker")}
        ok &= all(ref[5:-1] in ids for ref in refs)
    check(ok, "each drawing: a circle per actor with ties, a path per edge, its own markers")

    charts = {f.find(SVG + "svg").find(SVG + "title").text: f.find(SVG + "svg")
              for f in root.iter("figure") if (f.get("class") or "").startswith("chart")}
    marks = {t: sum(1 for e in s.iter() if e.get("class") == "mark") for t, s in charts.items()}
    check(marks.get("Change in partners, 2005 to 2007: MC vs non-MC (95% intervals)") == 24,
          "means chart: MC and non-MC for 4 layer groups x 3 strata")
    check(marks.get("Change in partners, 2005 to 2007: MC minus non-MC (95% bootstrap CI)") == 12,
          "difference chart")
    with open(ACTORS, encoding="utf-8", newline="") as f:
        clusters = {a["cluster"] for a in csv.DictReader(f) if a["cluster"]}
    for wave in ("2005", "2007"):
        t = "Share of tie weight within the own cluster, " + wave
        check(marks.get(t) == 3 * (len(clusters) + 1), "embeddedness chart " + wave)
        bars = [e for e in charts["PageRank, " + wave].iter(SVG + "rect")
                if e.get("class") == "bar"]
        check(sum(int(b.find(SVG + "title").text.rsplit(": ", 1)[1]) for b in bars) == 351,
              "PageRank histogram of every actor, " + wave)
    tops = [t for t in root.iter("table") if t.get("class") == "top"]
    check(len(tops) == 16 and all(len(t.find("tbody")) <= 10 for t in tops),
          "two rankings of at most 10 per layer group and wave")

    # ---- the browser ----------------------------------------------------------------------
    r = browser(exe, "--dump-dom", "file://" + page)
    dom = r.stdout.decode("utf-8", "replace")
    console = [line for line in r.stderr.decode("utf-8", "replace").splitlines()
               if ":CONSOLE" in line]
    check(r.returncode == 0, "chromium loaded the page (exit %d)" % r.returncode)
    check(not console, "no console message: %s" % console[:3])
    for sid in SECTIONS:
        check('<section id="%s">' % sid in dom, "section %s in the DOM" % sid)
    for what in ('class="node"', 'class="edge"', 'class="mark"', "<svg", "<table", "<tr>"):
        check(dom.count(what) == text.count(what),
              "the DOM keeps every %s (%d in the file, %d in the DOM)" % (
                  what, text.count(what), dom.count(what)))
    check("Made with firmnet" in dom, "the footer: the page loaded to its end")

    shot = os.path.join(tmp, "report.png")
    r = browser(exe, "--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + shot,
                "file://" + page)
    check(r.returncode == 0 and os.path.exists(shot), "screenshot taken")
    if os.path.exists(shot):
        check(png_size(shot) == (1280, 2400), "screenshot size")
        check(os.path.getsize(shot) > 50000, "the screenshot shows content")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
