# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the binding's outputs: export, drawings, charts and the HTML report, each compared
byte for byte with the file its CLI program writes on the demo data. Standard library only.

Run by `meson test --suite python` (environment as for test_binding.py). By hand:

    FIRMNET_BUILDDIR=build PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_outputs.py
"""

import os
import shutil
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

from test_binding import ACTORS, BUILDDIR, TIES, demo  # noqa: E402

import firmnet  # noqa: E402

DEMO = ["--actors", ACTORS, "--ties", TIES, "--quiet"]
SVG = "{http://www.w3.org/2000/svg}"

_net = None


def shared_demo():
    global _net
    if _net is None:
        _net = demo()
    return _net


class OutputTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="firmnet-pyout-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.net = shared_demo()

    def path(self, name):
        return os.path.join(self.tmp, name)

    def cli(self, program, *args):
        r = subprocess.run([os.path.join(BUILDDIR, "examples", "firmnet-" + program), *DEMO,
                            *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        if r.returncode != 0:
            raise AssertionError("firmnet-%s %s: %s" % (program, " ".join(args),
                                                       r.stderr.decode("utf-8")))

    def assertSameFile(self, mine, theirs):
        with open(self.path(mine), "rb") as a, open(self.path(theirs), "rb") as b:
            x, y = a.read(), b.read()
        self.assertTrue(len(x) > 100, mine)
        self.assertTrue(x == y, "%s (%d bytes) differs from the CLI's %s (%d bytes)"
                        % (mine, len(x), theirs, len(y)))


class TestExport(OutputTest):
    def test_formats_as_the_cli(self):
        for name, kw, args in [
            ("a.graphml", {}, []),
            ("b.gexf", dict(layer="trade,rnd", undirected=True, label="tech"),
             ["--layer", "trade,rnd", "--undirected", "--label", "tech"]),
            ("c.net.gz", dict(wave=2005, drop_isolates=True, no_bom=True, attributes="none"),
             ["--wave", "2005", "--drop-isolates", "--no-bom", "--attributes", "none"]),
            ("d.xml", dict(format="graphml", attributes=["type", "mc"], merge="max",
                           description="Demo & <co>"),
             ["--format", "graphml", "--attributes", "type,mc", "--merge", "max"]),
        ]:
            with self.subTest(name=name):
                self.net.export(self.path("py-" + name), **kw)
                self.cli("export", *args, "-o", self.path("cli-" + name))
                if name == "d.xml":  # the CLI has no --description: compare the rest
                    with open(self.path("py-" + name), encoding="utf-8") as f:
                        text = f.read()
                    self.assertIn("<desc>Demo &amp; &lt;co&gt;</desc>", text)
                    continue
                self.assertSameFile("py-" + name, "cli-" + name)

    def test_partition(self):
        written = self.net.export(self.path("py.net"), partition="type", wave="2007")
        self.assertEqual(written, [self.path("py.net"), self.path("py.clu")])
        self.cli("export", "--partition", "type", "--wave", "2007", "-o", self.path("cli.net"))
        self.assertSameFile("py.net", "cli.net")
        self.assertSameFile("py.clu", "cli.clu")
        with self.net.graph(layer="trade") as g:
            self.assertEqual(g.export_partition(self.path("g.clu"), "mc", drop_isolates=True),
                             self.path("g.clu"))
            self.assertEqual(g.export(self.path("g.gexf")), self.path("g.gexf"))

    def test_errors(self):
        with self.assertRaises(firmnet.InvalidArgumentError) as cm:
            self.net.export(self.path("x.txt"))
        self.assertIn(".graphml", str(cm.exception))
        with self.assertRaises(firmnet.InvalidArgumentError):
            self.net.export(self.path("x.graphml"), format="dot")
        with self.assertRaises(firmnet.NotFoundError):
            self.net.export(self.path("x.graphml"), attributes=["type", "nosuch"])
        with self.assertRaises(TypeError):
            self.net.export(self.path("x.graphml"), attribute="type")
        self.assertFalse(os.path.exists(self.path("x.graphml")))


class TestDraw(OutputTest):
    def test_as_the_cli(self):
        self.net.draw(self.path("py.svg"), wave=2005, layer="rnd", seed=3, title="R&D <2005>",
                      size_by="employees", labels=5, size="1200x900")
        self.cli("draw", "--wave", "2005", "--layer", "rnd", "--seed", "3", "--title",
                 "R&D <2005>", "--size-by", "employees", "--labels", "5", "--size", "1200x900",
                 "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")

    def test_sizes_from_a_table(self):
        c = self.net.centrality(wave=2007, layer="trade", measures="pagerank")
        c.to_csv(self.path("pr.csv"))
        self.net.draw(self.path("py.svg"), wave=2007, layer="trade", size_by=(c, "pagerank"),
                      drop_isolates=True, layout="fr", label="tech", labels=0)
        self.cli("draw", "--wave", "2007", "--layer", "trade", "--size-by",
                 self.path("pr.csv") + ":pagerank", "--drop-isolates", "--layout", "fr",
                 "--label", "tech", "--labels", "0", "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")
        # the same sizes as a dict and as a list, named by size_label
        ids, values = c["id"], c["pagerank"]
        with self.net.graph(wave=2007, layer="trade") as g:
            g.draw(self.path("dict.svg"), size_by=dict(zip(ids, values)), size_label="pagerank",
                   drop_isolates=True, layout="fr", label="tech", labels=0)
            g.draw(self.path("list.svg"), size_by=values, size_label="pagerank",
                   drop_isolates=True, layout="fr", label="tech", labels=0)
        self.assertSameFile("dict.svg", "cli.svg")
        self.assertSameFile("list.svg", "cli.svg")
        root = ET.parse(self.path("list.svg")).getroot()
        self.assertEqual(sum(1 for e in root.iter(SVG + "text") if e.get("class") == "label"), 0)

    def test_errors(self):
        with self.net.graph(layer="trade") as g:
            with self.assertRaises(ValueError):
                g.draw(self.path("x.svg"), size_by=[1.0, 2.0])
            with self.assertRaises(ValueError):
                g.draw(self.path("x.svg"), labels=-1)
            with self.assertRaises(ValueError):
                g.draw(self.path("x.svg"), size="big")
            with self.assertRaises(firmnet.InvalidArgumentError):
                g.draw(self.path("x.svg"), layout="circle")
            with self.assertRaises(firmnet.DataError):
                g.draw(self.path("x.svg"), size_by="type")
            with self.assertRaises(ValueError):
                g.draw(self.path("x.svg"), seed=-1)
        self.assertFalse(os.path.exists(self.path("x.svg")))


class TestCharts(OutputTest):
    def test_change(self):
        r = self.net.change(permutations=0, bootstrap=0)
        r.chart(self.path("py.svg"))
        self.cli("chart", "--kind", "change", "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")
        r.chart(self.path("py2.svg"), "degree", title="Degree & <co>", style="bars",
                size=(900, 500), xlabel="x", ylabel="y")
        self.cli("chart", "--kind", "change", "--measure", "degree", "--title", "Degree & <co>",
                 "--style", "bars", "--size", "900x500", "--xlabel", "x", "--ylabel", "y",
                 "-o", self.path("cli2.svg"))
        self.assertSameFile("py2.svg", "cli2.svg")
        with self.assertRaises(firmnet.NotFoundError) as cm:
            r.chart(self.path("x.svg"), "sales")
        self.assertIn("partners_gained", str(cm.exception))

    def test_difference(self):
        r = self.net.change(permutations=0, bootstrap=300, seed=4, layer="trade+rnd,service",
                            strata="none")
        r.chart(self.path("py.svg"), difference=True)
        self.cli("chart", "--kind", "change", "--difference", "--bootstrap", "300", "--seed", "4",
                 "--layer", "trade+rnd,service", "--strata", "none", "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")

    def test_centrality_histogram(self):
        c = self.net.centrality(wave=2005, measures="betweenness", normalized=True)
        c.histogram(self.path("py.svg"), "betweenness", bins=12)
        self.cli("chart", "--kind", "centrality", "--wave", "2005", "--measure", "betweenness",
                 "--normalized", "--bins", "12", "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")
        with self.assertRaises(ValueError):
            c.histogram(self.path("x.svg"), "betweenness", bins=0)
        with self.assertRaises(firmnet.InvalidArgumentError):
            c.histogram(self.path("x.svg"), "id")

    def test_embeddedness(self):
        t = self.net.embeddedness_groups("type", wave=2007, layer="trade")
        t.embeddedness_chart(self.path("py.svg"), "region", style="bars")
        self.cli("chart", "--kind", "embeddedness", "--by", "type", "--scope", "region",
                 "--wave", "2007", "--layer", "trade", "-o", self.path("cli.svg"))
        self.assertSameFile("py.svg", "cli.svg")
        with self.assertRaises(firmnet.InvalidArgumentError):
            t.embeddedness_chart(self.path("x.svg"), style="pie")

    def test_grouped_table(self):
        t = firmnet.Table({"layer": ["trade", "trade", "rnd"], "who": ["MC", "non", "MC"],
                           "mean": [1.5, 0.5, -1.0], "lo": [1.0, 0.0, -2.0],
                           "hi": [2.0, 1.0, 0.0]})
        t.chart(self.path("g.svg"), ["layer"], "mean", series="who", low="lo", high="hi",
                title="T")
        root = ET.parse(self.path("g.svg")).getroot()
        tips = [e.find(SVG + "title").text for e in root.iter() if e.get("class") == "mark"]
        self.assertEqual(tips, ["trade, MC: 1.5 [1, 2]", "trade, non: 0.5 [0, 1]",
                                "rnd, MC: -1 [-2, 0]"])
        with self.assertRaises(firmnet.InvalidArgumentError):
            t.chart(self.path("x.svg"), "layer", "mean", low="lo")
        with self.assertRaises(firmnet.NotFoundError):
            t.chart(self.path("x.svg"), "layer", "nosuch")
        self.assertFalse(os.path.exists(self.path("x.svg")))


class TestReport(OutputTest):
    def test_as_the_cli(self):
        title = "클러스터 보고서 <demo> & \"co\""
        self.net.report(self.path("py.html"), title=title, permutations=199, bootstrap=99,
                        seed=7, top=5, layer=["trade", "rnd+service"], measure="degree")
        self.cli("report", "--title", title, "--permutations", "199", "--bootstrap", "99",
                 "--seed", "7", "--top", "5", "--layer", "trade,rnd+service", "--measure",
                 "degree", "-o", self.path("cli.html"))
        self.assertSameFile("py.html", "cli.html")
        with open(self.path("py.html"), encoding="utf-8") as f:
            root = ET.fromstring(f.read().split("\n", 1)[1])
        self.assertEqual(root.find("head/title").text, title)
        self.assertEqual([s.get("id") for s in root.iter("section")],
                         ["overview", "top-actors", "embeddedness", "change", "drawings"])

    def test_one_wave_and_progress(self):
        seen = []
        self.net.report(self.path("py.html"), wave=[2007], permutations=0, bootstrap=0,
                        progress=lambda what, done, total: seen.append((what, done, total)))
        self.cli("report", "--wave", "2007", "--permutations", "0", "--bootstrap", "0", "-o",
                 self.path("cli.html"))
        self.assertSameFile("py.html", "cli.html")
        self.assertEqual(seen[0][:2], ("report", 0))
        self.assertEqual(seen[-1][1], seen[-1][2])

    def test_errors(self):
        with self.assertRaises(firmnet.NotFoundError) as cm:
            self.net.report(self.path("x.html"), wave="1999")
        self.assertIn("no wave '1999'", str(cm.exception))
        with self.assertRaises(firmnet.InvalidArgumentError):
            self.net.report(self.path("x.html"), top=0)
        with self.assertRaises(ValueError):
            self.net.report(self.path("x.html"), seed=-1)
        with self.assertRaises(TypeError):
            self.net.report(self.path("x.html"), waves="2005")
        with self.assertRaises(firmnet.CancelledError):
            self.net.report(self.path("x.html"), progress=lambda *a: False)
        with self.assertRaises(ZeroDivisionError):
            self.net.report(self.path("x.html"), progress=lambda *a: 1 / 0)
        self.assertFalse(os.path.exists(self.path("x.html")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
