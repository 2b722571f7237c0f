# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the analyses in the ctypes binding: centrality, embeddedness, E-I, brokerage and
change, each against its CLI program on the demo data. Standard library only.

Run by `meson test --suite python` (environment as for test_binding.py, plus FIRMNET_LAYOUT:
the program tests/python/layout.c, which prints the C layout of the options structs). By hand:

    FIRMNET_BUILDDIR=build PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_analyses.py
"""

import csv
import ctypes
import gc
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

from test_binding import ACTORS, BUILDDIR, DATA, TIES, demo, rss_bytes  # noqa: E402

import firmnet  # noqa: E402
from firmnet import _call, _lib, errors  # noqa: E402

ATTRIBUTES = os.path.join(DATA, "attributes.csv")
DEMO = ["--actors", ACTORS, "--ties", TIES]


def program(name):
    return os.path.join(BUILDDIR, "examples", "firmnet-" + name)


def cli_args(kw):
    """Keyword arguments as the CLI's options: a_b=v -> --a-b v; True -> the flag alone;
    lists -> comma lists."""
    args = []
    for key, value in kw.items():
        if value is None or value is False:
            continue
        args.append("--" + key.replace("_", "-"))
        if value is not True:
            args.append(",".join(map(str, value)) if isinstance(value, list) else str(value))
    return args


def run(name, *args, check=True):
    """Run firmnet-<name> on the demo data: (exit code, stdout, stderr) as text."""
    r = subprocess.run([program(name), *DEMO, *args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    out, err = r.stdout.decode("utf-8"), r.stderr.decode("utf-8")
    if check and r.returncode != 0:
        raise AssertionError("firmnet-%s %s failed (%d): %s" % (name, " ".join(args),
                                                                 r.returncode, err))
    return r.returncode, out, err


def cli_csv(name, *args):
    """The CSV text firmnet-<name> writes to stdout."""
    return run(name, *args)[1]


def parse_csv(text, types):
    """{column: [values]} from CSV text, each column read as @types says ("double": floats,
    a blank cell is NaN; "string": str)."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    out = {}
    for c, name in enumerate(header):
        cells = [r[c] for r in body]
        if types.get(name) == "double":
            cells = [math.nan if v == "" else float(v) for v in cells]
        out[name] = cells
    return out


_net = None


def shared_demo():
    """One demo network for the read-only tests (loading it per test costs more than they do)."""
    global _net
    if _net is None:
        _net = demo()
    return _net


class CliTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="firmnet-pytest-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.net = shared_demo()

    def path(self, name):
        return os.path.join(self.tmp, name)

    def read(self, name):
        with open(self.path(name), encoding="utf-8", newline="") as f:
            return f.read()

    def assertSameValues(self, table, text):
        """Value by value: the table equals the CLI's CSV read with the csv module."""
        types = table.types
        want = parse_csv(text, types)
        got = table.to_dict()
        self.assertEqual(list(got), list(want))
        for name, values in got.items():
            self.assertEqual(len(values), len(want[name]), name)
            for a, b in zip(values, want[name]):
                if types[name] == "double":
                    # the CLI writes the shortest text that reads back as the same double
                    self.assertTrue(a == b or (math.isnan(a) and math.isnan(b)),
                                    "%s: %r != %r" % (name, a, b))
                else:
                    self.assertEqual(a, b, name)

    def assertCliError(self, exc_class, code, func, cli_name, cli_args_, *args, **kwargs):
        """The call raises @exc_class with @code, and the CLI given the same option fails
        with the same C message on stderr."""
        with self.assertRaises(exc_class) as cm:
            func(*args, **kwargs)
        e = cm.exception
        self.assertEqual(e.code, code)
        if cli_name is not None:
            rc, _, err = run(cli_name, *cli_args_, check=False)
            self.assertNotEqual(rc, 0)
            self.assertIn(e.message, err)
        return e


# ---- the C layout of the options structs --------------------------------------------------


class TestLayout(unittest.TestCase):
    """The ctypes mirrors match the C structs byte for byte (tests/python/layout.c)."""

    MIRRORS = {
        "firmnet_read_options": _lib.ReadOptions,
        "firmnet_load_report": _lib.LoadReport,
        "firmnet_graph_options": _lib.GraphOptions,
        "firmnet_centrality_options": _lib.CentralityOptions,
        "firmnet_embeddedness_options": _lib.EmbeddednessOptions,
        "firmnet_ei_options": _lib.EiOptions,
        "firmnet_brokerage_options": _lib.BrokerageOptions,
        "firmnet_change_options": _lib.ChangeOptions,
        "firmnet_export_options": _lib.ExportOptions,
        "firmnet_draw_options": _lib.DrawOptions,
        "firmnet_chart_options": _lib.ChartOptions,
        "firmnet_report_options": _lib.ReportOptions,
    }

    @classmethod
    def setUpClass(cls):
        exe = os.environ.get("FIRMNET_LAYOUT") or os.path.join(BUILDDIR, "tests", "python",
                                                               "python_layout")
        if not os.path.exists(exe):
            raise unittest.SkipTest("the layout program %s is not built" % exe)
        out = subprocess.run([exe], stdout=subprocess.PIPE, check=True).stdout
        cls.layout = json.loads(out.decode("utf-8"))

    def test_structs(self):
        for cname, cls in self.MIRRORS.items():
            with self.subTest(struct=cname):
                c = self.layout[cname]
                self.assertEqual(ctypes.sizeof(cls), c["size"])
                mine = [[f, getattr(cls, f).offset, getattr(cls, f).size]
                        for f, _ in cls._fields_]
                self.assertEqual(mine, c["fields"])
                if issubclass(cls, _lib.Options):
                    self.assertEqual(cls.VERSION, c["version"])
                    opts = cls()
                    getattr(_lib.lib(), cls._init_)(ctypes.byref(opts), cls.VERSION)
                    self.assertEqual(opts.version, c["version"])

    def test_every_options_class_is_checked(self):
        classes = {v for v in vars(_lib).values()
                   if isinstance(v, type) and issubclass(v, _lib.Options) and v is not _lib.Options}
        self.assertEqual(classes, set(self.MIRRORS.values()) - {_lib.LoadReport})

    def test_enums(self):
        c = self.layout
        for t in ("weights", "mode", "betweenness_method", "blank", "change_panel", "merge",
                  "export_format", "layout_algorithm", "chart_style", "change_chart"):
            self.assertEqual(c["sizeof firmnet_" + t], ctypes.sizeof(ctypes.c_int), t)
        self.assertEqual(_call.blank_rule(False), c["FIRMNET_BLANK_GROUP"])
        self.assertEqual(_call.blank_rule(True), c["FIRMNET_BLANK_EXCLUDE"])
        self.assertEqual(_call.embeddedness_measures("local"), c["FIRMNET_EMBEDDEDNESS_LOCAL"])
        self.assertEqual(_call.embeddedness_measures(["structural"]),
                         c["FIRMNET_EMBEDDEDNESS_STRUCTURAL"])
        self.assertEqual(_call.embeddedness_measures("relational"),
                         c["FIRMNET_EMBEDDEDNESS_RELATIONAL"])
        self.assertEqual(_call.change_panel("respondents"),
                         c["FIRMNET_CHANGE_PANEL_RESPONDENTS"])
        self.assertEqual(_call.change_panel("all"), c["FIRMNET_CHANGE_PANEL_ALL"])
        self.assertEqual(_call.export_format(None), c["FIRMNET_EXPORT_AUTO"])
        self.assertEqual(_call.chart_style("dots"), c["FIRMNET_CHART_DOTS"])
        self.assertEqual(_call.chart_style("bars"), c["FIRMNET_CHART_BARS"])
        self.assertEqual((c["FIRMNET_CHANGE_CHART_MEANS"], c["FIRMNET_CHANGE_CHART_DIFF"]),
                         (0, 1))  # ChangeResult.chart(difference=False/True)

    def test_enum_names_round_trip(self):
        lib = _lib.lib()
        for parse, name_of, names in [
            (_call.weights_value, lib.firmnet_weights_name, ("inverse", "unweighted", "distance")),
            (_call.mode_value, lib.firmnet_mode_name, ("all", "out", "in")),
            (_call.betweenness_value, lib.firmnet_betweenness_method_name,
             ("auto", "exact", "sampled")),
        ]:
            for name in names:
                self.assertEqual(_call.from_c(name_of(parse(name))), name)
                self.assertEqual(parse(name.upper()), parse(name))  # as the CLI: any case

    def test_defaults_and_keywords(self):
        o = _call.make_options(_lib.CentralityOptions, {}, "centrality")
        self.assertEqual((o.measures, o.weights, o.normalized, o.damping, o.closeness_mode,
                          o.coreness_mode, o.betweenness, o.samples, o.epsilon, o.delta, o.seed,
                          o.sample_above, o.threads),
                         (None, 0, 0, 0.85, 1, 0, 0, 0, 0.05, 0.1, 1, 10000, 0))
        self.assertEqual(_call.keywords(_lib.CentralityOptions),
                         ["measures", "weights", "normalized", "damping", "closeness_mode",
                          "coreness_mode", "betweenness", "samples", "epsilon", "delta", "seed",
                          "sample_above", "threads"])
        self.assertEqual(_call.keywords(_lib.ChangeOptions),
                         ["from_wave", "to_wave", "layer", "group", "strata", "panel",
                          "permutations", "bootstrap", "seed", "attributes", "merge",
                          "progress"])
        self.assertEqual(_call.keywords(_lib.EiOptions),
                         ["permutations", "seed", "exclude_blank", "progress"])
        c = _call.make_options(_lib.ChangeOptions,
                               {"from_wave": 2005, "to_wave": "2007", "layer": ["trade", "rnd"],
                                "strata": "none", "panel": "all", "merge": "max"}, "change")
        self.assertEqual((getattr(c, "from"), c.to, c.layers, c.strata, c.panel, c.merge,
                          c.permutations, c.bootstrap, c.seed),
                         (b"2005", b"2007", b"trade,rnd", b"", 1, 1, 9999, 2000, 1))
        e = _call.make_options(_lib.EmbeddednessOptions,
                               {"measures": "local,relational", "unweighted": True}, "x")
        self.assertEqual((e.measures, e.unweighted, e.blank), (5, 1, 0))

    def test_integer_ranges(self):
        # ctypes itself would wrap values silently
        with self.assertRaises(ValueError):
            _call.make_options(_lib.ChangeOptions, {"permutations": 1 << 32}, "change")
        with self.assertRaises(ValueError):
            _call.make_options(_lib.CentralityOptions, {"seed": 1 << 64}, "centrality")
        with self.assertRaises(ValueError):
            _call.make_options(_lib.CentralityOptions, {"seed": -1}, "centrality")
        with self.assertRaises(ValueError):
            _call.make_options(_lib.CentralityOptions, {"normalized": 1 << 31}, "centrality")
        o = _call.make_options(_lib.ChangeOptions, {"seed": (1 << 64) - 1,
                                                    "permutations": (1 << 32) - 1}, "change")
        self.assertEqual((o.seed, o.permutations), ((1 << 64) - 1, (1 << 32) - 1))
        with self.assertRaises(TypeError):
            _call.make_options(_lib.CentralityOptions, {"samples": 2.5}, "centrality")
        with self.assertRaises(TypeError):
            _call.make_options(_lib.CentralityOptions, {"seed": True}, "centrality")
        with self.assertRaises(ValueError):
            _call.make_options(_lib.CentralityOptions, {"threads": 1 << 32}, "centrality")
        self.assertEqual(_call.make_options(_lib.CentralityOptions, {"threads": 2},
                                            "centrality").threads, 2)


# ---- centrality -----------------------------------------------------------------------------


CENTRALITY_CASES = [
    {},
    dict(layer="trade", wave=2005, undirected=True, measures="degree,betweenness,closeness",
         normalized=True, weights="unweighted", threads=1),
    dict(layer="service", merge="max", weights="distance", closeness_mode="in",
         coreness_mode="out", damping=0.5),
    dict(wave="2007", betweenness="sampled", samples=40, seed=7, threads=2,
         measures=["betweenness", "pagerank", "harmonic"]),
    dict(layer="rnd,trade", betweenness="auto", sample_above=100, epsilon=0.3, delta=0.2,
         seed=3, normalized=True),
    dict(undirected=True, merge="count", measures="hub,authority,eigenvector,clustering_weighted",
         closeness_mode="all"),
]


class TestCentrality(CliTest):
    def test_centrality_equals_cli(self):
        for kw in CENTRALITY_CASES:
            with self.subTest(**{k: str(v) for k, v in kw.items()}):
                t = self.net.centrality(**kw)
                self.assertEqual(t.to_csv(), cli_csv("centrality", *cli_args(kw)))

    def test_centralization_equals_cli(self):
        for kw in CENTRALITY_CASES:
            with self.subTest(**{k: str(v) for k, v in kw.items()}):
                t = self.net.centralization(**kw)
                self.assertEqual(t.to_csv(), cli_csv("centrality", "--network", *cli_args(kw)))

    def test_values(self):
        t = self.net.centrality()
        text = cli_csv("centrality")
        self.assertSameValues(t, text)
        self.assertEqual(t["id"], self.net.actor_ids)
        self.assertEqual(t.columns[:5], ["id", "type", "size", "cluster", "mc"])
        self.assertEqual(t.columns[-1], "betweenness_method")
        self.assertEqual(set(t["betweenness_method"]), {"exact"})
        c = self.net.centralization(measures="degree")
        self.assertEqual(c["measure"], ["density", "degree"])
        self.assertSameValues(c, cli_csv("centrality", "--network", "--measures", "degree"))
        s = self.net.centrality(betweenness="sampled", samples=30, seed=5, measures="betweenness")
        self.assertTrue(s["betweenness_method"][0].startswith("sampled k=30 seed=5 "))
        self.assertEqual(s.columns, ["id", "type", "size", "cluster", "mc", "betweenness",
                                     "betweenness_method"])

    def test_bad_options(self):
        net = self.net
        EINVAL = errors.EINVAL
        err = firmnet.InvalidArgumentError
        self.assertCliError(err, EINVAL, net.centrality, "centrality", ["--weights", "heavy"],
                            weights="heavy")
        self.assertCliError(err, EINVAL, net.centrality, "centrality",
                            ["--measures", "degree,fame"], measures="degree,fame")
        self.assertCliError(err, EINVAL, net.centrality, "centrality",
                            ["--closeness-mode", "both"], closeness_mode="both")
        self.assertCliError(err, EINVAL, net.centralization, "centrality",
                            ["--coreness-mode", "up"], coreness_mode="up")
        self.assertCliError(err, EINVAL, net.centrality, "centrality",
                            ["--betweenness", "approx"], betweenness="approx")
        e = self.assertCliError(err, EINVAL, net.centrality, None, [], damping=1.5)
        self.assertEqual(str(e), "centrality options: damping 1.5 is not in [0, 1]")
        e = self.assertCliError(err, EINVAL, net.centrality, None, [], delta=0)
        self.assertEqual(str(e), "centrality options: delta 0 is not in (0, 1)")
        e = self.assertCliError(err, EINVAL, net.centrality, None, [], epsilon=1.0)
        self.assertIn("epsilon 1 is not in (0, 1)", str(e))
        self.assertIsInstance(e, ValueError)
        e = self.assertCliError(err, EINVAL, net.centrality, None, [], threads=257)
        self.assertEqual(str(e), "centrality options: threads 257 is more than 256")
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.centrality,
                            "centrality", ["--wave", "2006"], wave="2006")
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.centrality,
                            "centrality", ["--layer", "trade,export"], layer="trade,export")
        with self.assertRaises(TypeError):
            net.centrality(weights=1)
        with self.assertRaises(TypeError):
            net.centrality(measures=3)
        with self.assertRaises(TypeError):
            net.centrality(network=True)
        with self.assertRaises(TypeError):
            net.centrality(damping="high")


# ---- embeddedness, E-I, brokerage ---------------------------------------------------------


class TestEmbeddedness(CliTest):
    CASES = [
        {},
        dict(measures="structural,relational", unweighted=True, layer="service",
             undirected=True),
        dict(measures=["local"], wave=2007, merge="mean"),
    ]

    def test_actors_equal_cli(self):
        for kw in self.CASES:
            with self.subTest(**{k: str(v) for k, v in kw.items()}):
                t = self.net.embeddedness(**kw)
                self.assertEqual(t.to_csv(), cli_csv("embeddedness", *cli_args(kw)))
        self.assertSameValues(self.net.embeddedness(), cli_csv("embeddedness"))

    def test_groups_equal_cli(self):
        for by, kw in [("type", {}), ("mc?", dict(layer="trade", wave=2005)),
                       ("mc", dict(exclude_blank=True, undirected=True)),
                       ("cluster", dict(layer="rnd", merge="max"))]:
            with self.subTest(by=by, **{k: str(v) for k, v in kw.items()}):
                t = self.net.embeddedness_groups(by, **kw)
                want = cli_csv("embeddedness", "--groups", by, *cli_args(kw))
                self.assertEqual(t.to_csv(), want)
                self.assertEqual(t.columns[:2], ["group", "n_actors"])
                self.assertEqual(t["group"][0], "*")
        # --groups-out: the actor table to -o and the group table to FILE
        run("embeddedness", "--groups", "size", "--groups-out", self.path("g.csv"), "-o",
            self.path("a.csv"))
        self.assertEqual(self.net.embeddedness_groups(by="size").to_csv(), self.read("g.csv"))
        self.assertEqual(self.net.embeddedness().to_csv(), self.read("a.csv"))

    def test_bad_options(self):
        net = self.net
        e = self.assertCliError(firmnet.InvalidArgumentError, errors.EINVAL, net.embeddedness,
                                None, [], measures="local,global")
        self.assertEqual(str(e), "unknown embeddedness measure 'global' "
                                 "(use local, structural, relational)")
        rc, _, err = run("embeddedness", "--measures", "local,global", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("'local,global'", err)
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.embeddedness_groups,
                            "embeddedness", ["--groups", "colour"], "colour")
        with self.assertRaises(TypeError):
            net.embeddedness(exclude_blank=True)  # the actor table has no groups
        with self.assertRaises(TypeError):
            net.embeddedness_groups("type", unweighted=True)
        with self.assertRaises(TypeError):
            net.embeddedness_groups("type", exclude_blank="yes")


class TestEI(CliTest):
    CASES = [
        ("type", {}),
        ("mc?", dict(permutations=200, seed=5, layer="trade")),
        ("mc", dict(exclude_blank=True, undirected=True, permutations=100, seed=9)),
        ("size", dict(permutations=0, wave=2005, merge="count")),
    ]

    def test_groups_equal_cli(self):
        for by, kw in self.CASES:
            with self.subTest(by=by, **{k: str(v) for k, v in kw.items()}):
                t = self.net.ei(by, **kw)
                self.assertEqual(t.to_csv(), cli_csv("ei", "--by", by, *cli_args(kw)))
        self.assertSameValues(self.net.ei("type"), cli_csv("ei", "--by", "type"))

    def test_per_actor_equals_cli(self):
        for by, kw in self.CASES:
            with self.subTest(by=by, **{k: str(v) for k, v in kw.items()}):
                out = self.path("per-actor.csv")
                groups = cli_csv("ei", "--by", by, "--per-actor", out, *cli_args(kw))
                self.assertEqual(self.net.ei(by, **kw).to_csv(), groups)
                view = {k: v for k, v in kw.items()
                        if k in firmnet.VIEW_KEYWORDS or k == "exclude_blank"}
                t = self.net.ei_actors(by, **view)
                self.assertEqual(t.to_csv(), self.read("per-actor.csv"))
                self.assertEqual(t.columns, ["id", "group", "internal", "external", "ei",
                                             "ei_weighted", "ei_expected"])

    def test_progress_and_errors(self):
        calls = []
        t = self.net.ei("type", permutations=300, progress=lambda *a: calls.append(a))
        self.assertTrue(calls)
        self.assertEqual(t.to_csv(), self.net.ei("type", permutations=300).to_csv())
        with self.assertRaises(firmnet.CancelledError):
            self.net.ei("type", permutations=300, progress=lambda *a: False)

        class Stop(Exception):
            pass

        def boom(*a):
            raise Stop()

        with self.assertRaises(Stop):
            self.net.ei("type", permutations=300, progress=boom)
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, self.net.ei, "ei",
                            ["--by", "colour"], "colour")
        with self.assertRaises(ValueError):
            self.net.ei("type", permutations=-1)
        with self.assertRaises(TypeError):
            self.net.ei_actors("type", permutations=10)


class TestBrokerage(CliTest):
    def test_equal_cli(self):
        for by, kw in [("type", {}), ("mc?", dict(layer="trade", wave=2007)),
                       ("mc", dict(exclude_blank=True)),
                       ("cluster", dict(undirected=True, layer="service"))]:
            with self.subTest(by=by, **{k: str(v) for k, v in kw.items()}):
                out = self.path("global.csv")
                actors = cli_csv("brokerage", "--by", by, "--global", out, *cli_args(kw))
                t = self.net.brokerage(by, **kw)
                self.assertEqual(t.to_csv(), actors)
                g = self.net.brokerage_global(by, **kw)
                self.assertEqual(g.to_csv(), self.read("global.csv"))
                self.assertEqual(g["role"], ["coordinator", "itinerant", "gatekeeper",
                                             "representative", "liaison", "total"])
        self.assertSameValues(self.net.brokerage("type"), cli_csv("brokerage", "--by", "type"))

    def test_errors(self):
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, self.net.brokerage,
                            "brokerage", ["--by", "colour"], "colour")
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, self.net.brokerage_global,
                            "brokerage", ["--by", "type", "--wave", "1999"], "type", wave=1999)
        with self.assertRaises(TypeError):
            self.net.brokerage()
        with self.assertRaises(TypeError):
            self.net.brokerage("type", permutations=10)


# ---- change -------------------------------------------------------------------------------


class TestChange(CliTest):
    def cli_change(self, kw):
        """firmnet-change with @kw: (summary printed on stdout, actors, groups, ties)."""
        args = dict(kw)
        for py, flag in (("from_wave", "from"), ("to_wave", "to")):
            if py in args:
                args[flag] = args.pop(py)
        _, out, _ = run("change", *cli_args(args), "-o", self.path("actors.csv"), "--groups",
                        self.path("groups.csv"), "--ties-table", self.path("ties.csv"))
        return out, self.read("actors.csv"), self.read("groups.csv"), self.read("ties.csv")

    def assertSameAsCli(self, r, kw):
        summary, actors, groups, ties = self.cli_change(kw)
        self.assertEqual(r.summary, summary)
        self.assertEqual(r.actors.to_csv(), actors)
        self.assertEqual(r.groups.to_csv(), groups)
        self.assertEqual(r.ties.to_csv(), ties)
        return summary, actors, groups, ties

    def test_defaults_equal_cli(self):
        with self.net.change() as r:
            _, actors, groups, ties = self.assertSameAsCli(r, {})
            for table, text in ((r.actors, actors), (r.groups, groups), (r.ties, ties)):
                self.assertSameValues(table, text)
            self.assertIsInstance(r, firmnet.Tables)
            self.assertEqual(r.names, ["actors", "groups", "ties"])
            self.assertEqual((r.from_wave, r.to_wave, r.waves), ("2005", "2007",
                                                                  ("2005", "2007")))
            self.assertEqual(r.panel_size, 268)
            self.assertTrue(r.summary.startswith(
                "Change from 2005 to 2007: 268 actors reported ties in both waves"))
            self.assertTrue(r.summary.endswith("\n"))
            self.assertIn("panel of 268 actors", repr(r))
            # the whole stdout of the CLI without output files: summary, ties, groups
            _, out, _ = run("change")
            self.assertEqual(out, r.summary + "\n" + r.ties.to_csv() + "\n" + r.groups.to_csv())

    def test_options_equal_cli(self):
        cases = [
            dict(from_wave=2005, to_wave=2007, layer="trade+rnd,service", strata="none",
                 panel="all", permutations=199, bootstrap=99, seed=11, attributes=ATTRIBUTES,
                 merge="max"),
            dict(layer=["trade", "all"], group="tech", strata="cluster", permutations=0,
                 bootstrap=0),
            dict(layer="rnd", group="mc", permutations=50, bootstrap=20, seed=2,
                 merge="count", panel="respondents"),
        ]
        for kw in cases:
            with self.subTest(**{k: str(v) for k, v in kw.items()}):
                with self.net.change(**kw) as r:
                    self.assertSameAsCli(r, kw)

    def test_lifetime(self):
        r = self.net.change(permutations=0, bootstrap=0)
        actors, groups = r.actors, r.groups
        text = actors.to_csv()
        del r
        gc.collect()
        # the tables keep the C result alive
        self.assertEqual(actors.to_csv(), text)
        self.assertEqual(len(groups), len(groups.to_dict()["layer"]))
        actors.close()
        self.assertTrue(actors.closed)
        self.assertGreater(len(groups), 0)  # closing one table leaves the others usable
        r = self.net.change(permutations=0, bootstrap=0)
        ties = r.ties
        r.close()
        self.assertTrue(r.closed and ties.closed and r.actors.closed)
        with self.assertRaises(ValueError):
            ties.to_csv()
        r.close()  # idempotent
        self.assertIn("closed", repr(r))
        # the result does not depend on the network
        net = demo()
        r = net.change(permutations=0, bootstrap=0)
        net.close()
        self.assertEqual(r.panel_size, 268)
        self.assertEqual(len(r.actors), 268 * 4)
        with self.assertRaises(TypeError):
            firmnet.ChangeResult(None)

    def test_progress(self):
        seen = []
        r = self.net.change(permutations=99, bootstrap=0, progress=lambda *a: seen.append(a))
        self.assertTrue(seen and seen[0][0] == "permutations")
        self.assertEqual(r.groups.to_csv(),
                         self.net.change(permutations=99, bootstrap=0).groups.to_csv())
        with self.assertRaises(firmnet.CancelledError):
            self.net.change(permutations=99, progress=lambda *a: False)

    def test_bad_options(self):
        net = self.net
        e = self.assertCliError(firmnet.InvalidArgumentError, errors.EINVAL, net.change, None,
                                [], panel="everyone")
        self.assertEqual(str(e), "unknown panel 'everyone' (use respondents or all)")
        rc, _, err = run("change", "--panel", "everyone", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("'everyone'", err)
        self.assertCliError(firmnet.InvalidArgumentError, errors.EINVAL, net.change, "change",
                            ["--from", "2005", "--to", "2005"], from_wave="2005", to_wave=2005)
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.change, "change",
                            ["--from", "2003"], from_wave=2003)
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.change, "change",
                            ["--layer", "trade,export"], layer="trade,export")
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.change, "change",
                            ["--group", "colour"], group="colour")
        self.assertCliError(firmnet.NotFoundError, errors.ENOTFOUND, net.change, "change",
                            ["--strata", "colour"], strata="colour")
        e = self.assertCliError(firmnet.InvalidArgumentError, errors.EINVAL, net.change, None,
                                [], merge="first")
        self.assertEqual(str(e), "change options: merge rule must be sum, max, mean or count")
        missing = self.path("missing.csv")
        self.assertCliError(firmnet.FileError, errors.EIO, net.change, "change",
                            ["--attributes", missing], attributes=missing)
        with self.assertRaises(TypeError) as cm:
            net.change(wave=2005)
        self.assertIn("from_wave", str(cm.exception))
        with self.assertRaises(TypeError) as cm:
            net.change(undirected=True)
        self.assertIn("directed", str(cm.exception))
        with self.assertRaises(TypeError):
            net.change(by="mc")
        with self.assertRaises(ValueError):
            net.change(permutations=1 << 32)
        with self.assertRaises(TypeError):
            net.change(panel=1)


# ---- memory and threads ---------------------------------------------------------------------


class TestResources(unittest.TestCase):
    def test_no_growth_over_repeated_analyses(self):
        if _lib._asan_loaded():
            self.skipTest("under ASan, freed memory stays in quarantine: see test_no_leaks_asan")
        n = int(os.environ.get("FIRMNET_TEST_ANALYSIS_LOOPS", "150"))
        net = demo()

        def once(k):
            c = net.centrality(measures=None if k % 3 == 0 else "degree,betweenness,pagerank",
                               undirected=bool(k % 2))
            c.to_dict()
            r = net.change(permutations=20, bootstrap=10, seed=k)
            r.groups.to_dict()
            if k % 2:
                c.close()
                r.close()  # half closed explicitly, half left to the garbage collector
            else:
                keep = r.actors  # a table outliving its result
                del r
                keep.to_dict()
            if k % 10 == 0:
                net.centralization()
                net.embeddedness()
                net.embeddedness_groups("mc?")
                net.ei("type", permutations=20)
                net.ei_actors("type")
                net.brokerage("type")
                net.brokerage_global("type")
                for bad in (dict(weights="heavy"), dict(damping=2.0)):
                    with self.assertRaises(firmnet.InvalidArgumentError):
                        net.centrality(**bad)
                with self.assertRaises(firmnet.NotFoundError):
                    net.change(group="colour")

        for k in range(20):
            once(k)
        gc.collect()
        before = rss_bytes()
        for k in range(n):
            once(k)
        gc.collect()
        growth = rss_bytes() - before
        # one change result with its tables is about 0.5 MB: a leak per call would be far more
        self.assertLess(growth, 4 << 20,
                        "RSS grew by %d bytes over %d centrality + %d change calls"
                        % (growth, n, n))

    def test_no_leaks_asan(self):
        """Under ASan, LeakSanitizer finds no block allocated by libfirmnet at exit."""
        if not _lib._asan_loaded():
            self.skipTest("only in a -Db_sanitize=address build")
        code = "\n".join([
            "import gc, firmnet",
            "net = firmnet.Network.read(actors=%r, ties=%r)" % (ACTORS, TIES),
            "for k in range(4):",
            "    net.centrality().to_dict(); net.centralization(measures='degree')",
            "    net.centrality(betweenness='sampled', samples=20, undirected=True)",
            "    net.embeddedness().to_dict(); net.embeddedness_groups('mc?')",
            "    net.ei('type', permutations=10); net.ei_actors('type', exclude_blank=True)",
            "    net.brokerage('type'); net.brokerage_global('mc', exclude_blank=True)",
            "    r = net.change(permutations=10, bootstrap=10); r.actors.to_dict()",
            "    a = r.groups; del r; a.to_csv()",
            "    if k % 2: a.close()",
            "    for bad in (dict(weights='x'), dict(measures='fame'), dict(damping=3.0)):",
            "        try: net.centrality(**bad)",
            "        except firmnet.InvalidArgumentError: pass",
            "    try: net.change(group='colour')",
            "    except firmnet.NotFoundError: pass",
            "    try: net.ei('type', permutations=50, progress=lambda *a: False)",
            "    except firmnet.CancelledError: pass",
            "del net, a; gc.collect()",
        ])
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0")
        r = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        self.assertNotIn("Traceback", r.stderr)
        self.assertNotIn("runtime error", r.stderr)  # UBSan
        blocks = r.stderr.split("\n\n")
        ours = [b for b in blocks if "leak of" in b and ("libfirmnet" in b or "firmnet_" in b)]
        self.assertEqual(ours, [])

    def test_threads(self):
        expect = shared_demo().centrality(measures="betweenness,closeness").to_csv()
        expect_change = shared_demo().change(permutations=30, bootstrap=10).groups.to_csv()
        results = []

        def worker():
            with demo() as net:
                for _ in range(3):
                    results.append(
                        (net.centrality(measures="betweenness,closeness").to_csv(),
                         net.change(permutations=30, bootstrap=10).groups.to_csv()))

        threads = [threading.Thread(target=worker) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 9)
        self.assertTrue(all(r == (expect, expect_change) for r in results))


if __name__ == "__main__":
    unittest.main(verbosity=2)
