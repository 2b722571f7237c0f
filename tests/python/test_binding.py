# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the ctypes binding (bindings/python/firmnet), standard library only.

Run by `meson test --suite python`, which sets PYTHONPATH to the source package,
FIRMNET_LIBRARY to the library just built, FIRMNET_SRCDIR and FIRMNET_BUILDDIR. By hand:

    FIRMNET_BUILDDIR=build PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_binding.py
"""

import csv
import gc
import gzip
import io
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(HERE)))
BUILDDIR = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRCDIR, "build"))
PACKAGE_PARENT = os.path.join(SRCDIR, "bindings", "python")
if PACKAGE_PARENT not in sys.path:
    sys.path.insert(0, PACKAGE_PARENT)

import firmnet  # noqa: E402
from firmnet import _call, _lib, errors  # noqa: E402

DATA = os.path.join(SRCDIR, "examples", "data")
ACTORS = os.path.join(DATA, "actors.csv")
TIES = os.path.join(DATA, "ties.csv.gz")
SUMMARY_CLI = os.path.join(BUILDDIR, "examples", "firmnet-summary")


def demo():
    return firmnet.Network.read(actors=ACTORS, ties=TIES)


def demo_ties():
    """The demo ties as dicts, read with the standard library (independent of the C reader)."""
    with gzip.open(TIES, "rt", encoding="utf-8", newline="") as f:
        return [dict(r, weight=float(r["weight"])) for r in csv.DictReader(f)]


def demo_actors():
    with open(ACTORS, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_cli(*args):
    return subprocess.run([SUMMARY_CLI, *args], check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE).stdout


def subprocess_env(**changes):
    env = dict(os.environ)
    for key in ("FIRMNET_LIBRARY", "FIRMNET_BUILDDIR", "PYTHONPATH", "LD_LIBRARY_PATH"):
        env.pop(key, None)
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="firmnet-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def write(self, name, text, gz=False):
        path = os.path.join(self.tmp, name)
        data = text.encode("utf-8")
        with (gzip.open(path, "wb") if gz else open(path, "wb")) as f:
            f.write(data)
        return path


# ---- library discovery and version ------------------------------------------------------


class TestLibrary(TempDirTest):
    def test_version(self):
        self.assertEqual(firmnet.version(), firmnet.__version__)
        with open(os.path.join(SRCDIR, "meson.build"), encoding="utf-8") as f:
            self.assertIn("version: '%s'" % firmnet.version(), f.read())

    def test_library_path_and_load(self):
        path = firmnet.library_path()
        self.assertTrue(os.path.exists(path), path)
        if os.environ.get("FIRMNET_LIBRARY"):
            self.assertEqual(os.path.realpath(path),
                             os.path.realpath(os.environ["FIRMNET_LIBRARY"]))
        self.assertEqual(firmnet.load_library(), path)
        self.assertEqual(firmnet.load_library(path), path)
        with self.assertRaises(RuntimeError):
            firmnet.load_library(os.path.join(self.tmp, "other", "libfirmnet.so.0"))

    def test_pure_python_package(self):
        pkg = os.path.dirname(firmnet.__file__)
        for name in os.listdir(pkg):
            if name != "__pycache__":
                self.assertTrue(name.endswith((".py", ".py.in")), name)

    def test_install_location(self):
        """meson install puts every module of the package where /usr/bin/python3 looks."""
        meson = shutil.which("meson")
        if meson is None or not os.path.isdir(os.path.join(BUILDDIR, "meson-info")):
            self.skipTest("meson or the build folder's meson-info not available")
        r = subprocess.run([meson, "introspect", BUILDDIR, "--installed"],
                           stdout=subprocess.PIPE, universal_newlines=True, check=True)
        installed = [d for d in json.loads(r.stdout).values()
                     if os.path.basename(os.path.dirname(d)) == "firmnet" and d.endswith(".py")]
        if not installed:
            self.skipTest("the package is not installed (-Dpython=false)")
        pkg = os.path.dirname(firmnet.__file__)
        sources = sorted(n for n in os.listdir(pkg) if n.endswith(".py") and n != "_config.py")
        self.assertEqual(sorted(os.path.basename(d) for d in installed),
                         sorted(sources + ["_config.py"]))
        target = os.path.dirname(os.path.dirname(installed[0]))
        with open(os.path.join(BUILDDIR, "meson-info", "intro-buildoptions.json")) as f:
            prefix = {o["name"]: o["value"] for o in json.load(f)}["prefix"]
        if prefix not in ("/usr", "/usr/local") or not os.path.exists("/usr/bin/python3"):
            self.skipTest("prefix %s: the package goes to %s" % (prefix, target))
        r = subprocess.run(["/usr/bin/python3", "-c", "import sys; print(repr(sys.path))"],
                           stdout=subprocess.PIPE, universal_newlines=True, check=True,
                           env=subprocess_env())
        self.assertIn(target, eval(r.stdout))

    def probe(self, env, code="import firmnet; print(firmnet.library_path())"):
        return subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)

    def fake_checkout(self):
        """A copy of the package in a fake source checkout, without a build folder."""
        root = os.path.join(self.tmp, "checkout")
        shutil.copytree(os.path.join(PACKAGE_PARENT, "firmnet"),
                        os.path.join(root, "bindings", "python", "firmnet"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(root, "meson.build"), "w") as f:
            f.write("project('firmnet', 'c')\n")
        return root

    def fake_build(self, root, name, sanitize="none"):
        lib = os.path.join(root, name, "lib")
        os.makedirs(lib)
        os.symlink(os.path.realpath(firmnet.library_path()), os.path.join(lib, "libfirmnet.so.0"))
        info = os.path.join(root, name, "meson-info")
        os.makedirs(info)
        with open(os.path.join(info, "intro-buildoptions.json"), "w") as f:
            json.dump([{"name": "b_sanitize", "value": sanitize}], f)

    def test_env_library(self):
        real = os.path.realpath(firmnet.library_path())
        r = self.probe(subprocess_env(FIRMNET_LIBRARY=real, PYTHONPATH=PACKAGE_PARENT))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), real)
        # a folder works too
        r = self.probe(subprocess_env(FIRMNET_LIBRARY=os.path.join(BUILDDIR, "lib"),
                                      PYTHONPATH=PACKAGE_PARENT))
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_env_library_missing_is_an_error(self):
        missing = os.path.join(self.tmp, "nowhere", "libfirmnet.so.0")
        r = self.probe(subprocess_env(FIRMNET_LIBRARY=missing, PYTHONPATH=PACKAGE_PARENT))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("LibraryNotFoundError", r.stderr)
        self.assertIn("FIRMNET_LIBRARY=" + missing, r.stderr)
        self.assertIn("no such file", r.stderr)

    def test_builddir_env(self):
        if not os.path.exists(os.path.join(BUILDDIR, "lib", _lib.SONAME)):
            self.skipTest("no %s in %s/lib" % (_lib.SONAME, BUILDDIR))
        root = self.fake_checkout()
        r = self.probe(subprocess_env(FIRMNET_BUILDDIR=BUILDDIR,
                                      PYTHONPATH=os.path.join(root, "bindings", "python")))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.path.join(BUILDDIR, "lib", _lib.SONAME))

    def test_build_folder_of_checkout(self):
        root = self.fake_checkout()
        self.fake_build(root, "build-asan", sanitize="address,undefined")
        self.fake_build(root, "build")
        env = subprocess_env(PYTHONPATH=os.path.join(root, "bindings", "python"))
        r = self.probe(env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.path.join(root, "build", "lib", _lib.SONAME))
        # only the sanitized folder: skipped (loading it would abort the interpreter)
        shutil.rmtree(os.path.join(root, "build"))
        code = ("import firmnet\n"
                "try:\n    firmnet.load_library()\n"
                "except firmnet.LibraryNotFoundError as e:\n    print(e)\n"
                "else:\n    print('LOADED', firmnet.library_path())\n")
        r = self.probe(env, code)
        self.assertEqual(r.returncode, 0, r.stderr)
        if _lib._asan_loaded():  # the sanitizer runtime is preloaded: the folder is usable
            self.assertEqual(r.stdout.strip(), "LOADED " + os.path.join(
                root, "build-asan", "lib", _lib.SONAME))
            return
        if r.stdout.startswith("LOADED"):
            self.skipTest("a libfirmnet is installed on this system: " + r.stdout)
        self.assertIn("build folder", r.stdout)
        self.assertIn("b_sanitize=address,undefined", r.stdout)

    def test_nothing_found_lists_attempts(self):
        root = self.fake_checkout()
        code = ("import firmnet\n"
                "try:\n    firmnet.load_library()\n"
                "except firmnet.LibraryNotFoundError as e:\n"
                "    assert isinstance(e, OSError) and e.tried\n    print(e)\n"
                "else:\n    print('LOADED', firmnet.library_path())\n")
        r = self.probe(subprocess_env(PYTHONPATH=os.path.join(root, "bindings", "python")), code)
        self.assertEqual(r.returncode, 0, r.stderr)
        if r.stdout.startswith("LOADED"):
            self.skipTest("a libfirmnet is installed on this system: " + r.stdout)
        self.assertIn("cannot load the firmnet C library", r.stdout)
        self.assertIn("find_library", r.stdout)
        self.assertIn("dynamic loader", r.stdout)
        self.assertIn("FIRMNET_LIBRARY", r.stdout)

    def test_installed_config(self):
        root = self.fake_checkout()
        os.remove(os.path.join(root, "meson.build"))  # not a checkout any more
        libdir = os.path.dirname(os.path.realpath(firmnet.library_path()))
        os.symlink(os.path.realpath(firmnet.library_path()),
                   os.path.join(self.tmp, _lib.SONAME))
        with open(os.path.join(root, "bindings", "python", "firmnet", "_config.py"), "w") as f:
            f.write("LIBDIR = %r\n" % self.tmp)
        r = self.probe(subprocess_env(PYTHONPATH=os.path.join(root, "bindings", "python")))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), os.path.join(self.tmp, _lib.SONAME))
        self.assertTrue(libdir)


# ---- errors ------------------------------------------------------------------------------


class TestErrors(TempDirTest):
    def test_classes(self):
        expect = {
            errors.ENOMEM: (firmnet.OutOfMemoryError, MemoryError),
            errors.EINVAL: (firmnet.InvalidArgumentError, ValueError),
            errors.EIO: (firmnet.FileError, OSError),
            errors.EPARSE: (firmnet.ParseError, ValueError),
            errors.EDATA: (firmnet.DataError, ValueError),
            errors.ENOTFOUND: (firmnet.NotFoundError, LookupError),
            errors.EIGRAPH: (firmnet.IgraphError, firmnet.Error),
            errors.ECANCEL: (firmnet.CancelledError, firmnet.Error),
            errors.ERANGE: (firmnet.RangeError, IndexError),
        }
        lib = _lib.lib()
        for code, (cls, builtin) in expect.items():
            self.assertIs(errors.error_class(code), cls)
            self.assertTrue(issubclass(cls, firmnet.Error))
            self.assertTrue(issubclass(cls, builtin))
            self.assertEqual(cls.code, code)
            self.assertEqual(cls.reason, lib.firmnet_strerror(code).decode())
        self.assertIs(errors.error_class(-100), firmnet.Error)
        e = firmnet.DataError("x.csv:3:1: bad", errors.EDATA)
        self.assertEqual(str(e), "x.csv:3:1: bad")
        self.assertEqual((e.code, e.message), (errors.EDATA, "x.csv:3:1: bad"))

    def assertFails(self, cls, code, fragments, func, *args, **kwargs):
        with self.assertRaises(cls) as cm:
            func(*args, **kwargs)
        e = cm.exception
        self.assertEqual(e.code, code)
        for frag in fragments:
            self.assertIn(frag, str(e))
        self.assertEqual(e.message, str(e))
        return e

    def test_bad_weight_names_file_and_line(self):
        path = self.write("ties.csv", "source,target,weight\na,b,1\nb,c,heavy\n")
        self.assertFails(firmnet.DataError, errors.EDATA,
                         [path + ":3:", "weight", "'heavy' is not a number"],
                         firmnet.Network.read, ties=path)
        path = self.write("neg.csv.gz", "source,target,weight\na,b,1\n\nb,c,-2\n", gz=True)
        self.assertFails(firmnet.DataError, errors.EDATA,
                         [path + ":4:", "finite number > 0"], firmnet.Network.read, ties=path)

    def test_parse_errors(self):
        path = self.write("ties.csv", "source,target\na,b\nb,c,d\n")
        self.assertFails(firmnet.ParseError, errors.EPARSE, [path + ":3"],
                         firmnet.Network.read, ties=path)
        path = self.write("ties2.csv", "source,weight\na,1\n")
        self.assertFails(firmnet.ParseError, errors.EPARSE,
                         [path + ":1", "missing required column 'target'"],
                         firmnet.Network.read, ties=path)
        path = self.write("q.csv", 'source,target\n"a,b\n')
        self.assertFails(firmnet.ParseError, errors.EPARSE, [path], firmnet.Network.read,
                         ties=path)

    def test_file_errors(self):
        missing = os.path.join(self.tmp, "missing.csv")
        e = self.assertFails(firmnet.FileError, errors.EIO, [missing], firmnet.Network.read,
                             ties=missing)
        self.assertIsInstance(e, OSError)
        bad_gz = os.path.join(self.tmp, "bad.csv.gz")
        with open(bad_gz, "wb") as f:
            f.write(gzip.compress(b"source,target\na,b\n" * 100)[:-20])
        self.assertFails(firmnet.FileError, errors.EIO, [bad_gz], firmnet.Network.read,
                         ties=bad_gz)
        with demo() as net, net.summary() as t:
            self.assertFails(firmnet.FileError, errors.EIO, ["nodir"], t.to_csv,
                             os.path.join(self.tmp, "nodir", "x.csv"))

    def test_data_errors(self):
        actors = self.write("actors.csv", "id,type\nA,firm\nB,firm\nA,university\n")
        self.assertFails(firmnet.DataError, errors.EDATA, [actors + ":4", "A"],
                         firmnet.Network.read, actors=actors)
        actors = self.write("actors2.csv", "id,type\nA,firm\nB,firm\n")
        ties = self.write("t.csv", "source,target\nA,B\nA,C\n")
        self.assertFails(firmnet.DataError, errors.EDATA, [ties + ":3", "C"],
                         firmnet.Network.read, actors=actors, ties=ties, strict=True)
        with firmnet.Network.read(actors=actors, ties=ties) as net:
            self.assertEqual(net.actor_count, 3)
        dup = self.write("dup.csv", "source,target,weight\nA,B,1\nA,B,2\n")
        self.assertFails(firmnet.DataError, errors.EDATA, [dup + ":3"], firmnet.Network.read,
                         ties=dup, duplicates="error")

    def test_error_leaves_network_unchanged(self):
        with demo() as net:
            before = net.ties_table().to_csv()
            bad = self.write("bad.csv", "wave,layer,source,target\n2009,trade,CW001,CW002\n"
                                        "2009,trade,CW001,\n")
            with self.assertRaises(firmnet.DataError):
                net.read_ties(bad)
            self.assertEqual(net.ties_table().to_csv(), before)
            self.assertEqual(net.waves, ["2005", "2007"])

    def test_other_codes(self):
        with demo() as net:
            self.assertFails(firmnet.NotFoundError, errors.ENOTFOUND, ["2009", "'2005'"],
                             net.graph, wave=2009)
            self.assertFails(firmnet.NotFoundError, errors.ENOTFOUND, ["'nope'", "trade"],
                             net.graph, layer="trade,nope")
            self.assertFails(firmnet.NotFoundError, errors.ENOTFOUND, ["XX999"],
                             net.actor_index, "XX999")
            self.assertFails(firmnet.InvalidArgumentError, errors.EINVAL, ["merge rule"],
                             net.graph, merge="first")
            self.assertFails(firmnet.InvalidArgumentError, errors.EINVAL, ["'median'"],
                             net.graph, merge="median")
            self.assertFails(firmnet.RangeError, errors.ERANGE, ["tie 99999"], net.tie, 99999)

    def test_messages_are_per_thread(self):
        results = {}

        def worker(k):
            path = os.path.join(self.tmp, "missing-%d.csv" % k)
            for _ in range(50):
                try:
                    firmnet.Network.read(ties=path)
                except firmnet.FileError as e:
                    if path not in str(e):
                        results[k] = str(e)
                        return
            results[k] = "ok"

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, {k: "ok" for k in range(4)})


# ---- networks ----------------------------------------------------------------------------


class TestNetwork(TempDirTest):
    def test_read_demo(self):
        with demo() as net:
            self.assertEqual(net.actor_count, len(demo_actors()))
            self.assertEqual(net.tie_count, len(demo_ties()))
            self.assertEqual(net.waves, ["2005", "2007"])
            self.assertEqual(net.layers, ["rnd", "service.finance", "service.legal",
                                          "service.rnd", "service.training", "trade"])
            self.assertEqual(net.attributes, ["name", "type", "size", "sector", "cluster",
                                              "region", "mc", "tech", "employees", "sales",
                                              "rnd_spend", "patents"])
            self.assertEqual(net.actor_ids, [a["id"] for a in demo_actors()])
            rep = net.load_report
            self.assertIsInstance(rep, firmnet.LoadReport)
            self.assertEqual(rep.actors_added, 351)
            self.assertEqual(rep.ties_added, 6269)
            self.assertEqual(rep.rows, 351 + 6269)
            self.assertEqual((rep.actors_implicit, rep.duplicates_merged,
                              rep.self_ties_dropped), (0, 0, 0))
            self.assertIn("351 actors", repr(net))

    def test_read_sources(self):
        expect = demo().summary().to_csv()
        with open(ACTORS, "rb") as f:
            actors_bytes = f.read()
        with open(TIES, "rb") as f:
            ties_gz = f.read()
        variants = [
            dict(actors=pathlib.Path(ACTORS), ties=[pathlib.Path(TIES)]),
            dict(actors=actors_bytes, ties=ties_gz),
            dict(actors=io.BytesIO(actors_bytes), ties=io.BytesIO(ties_gz)),
            dict(actors=io.StringIO(actors_bytes.decode()), ties=gzip.decompress(ties_gz)),
        ]
        for kw in variants:
            with firmnet.Network.read(**kw) as net:
                self.assertEqual(net.summary().to_csv(), expect)
        # ties split into two files, one of them gzipped
        rows = demo_ties()
        header = "wave,layer,source,target,weight\n"
        parts = [[r for r in rows if r["wave"] == w] for w in ("2005", "2007")]
        paths = [self.write("t%d.csv%s" % (k, ".gz" if k else ""),
                            header + "".join("%s,%s,%s,%s,%r\n" % (r["wave"], r["layer"],
                                             r["source"], r["target"], r["weight"]) for r in p),
                            gz=bool(k)) for k, p in enumerate(parts)]
        with firmnet.Network.read(actors=ACTORS, ties=paths) as net:
            self.assertEqual(net.summary().to_csv(), expect)
        with self.assertRaises(TypeError):
            firmnet.Network.read()

    def test_read_methods_and_reports(self):
        net = firmnet.Network()
        self.assertEqual((net.actor_count, net.tie_count, net.waves, net.layers),
                         (0, 0, [], []))
        rep = net.read_actors(ACTORS)
        self.assertEqual((rep.rows, rep.actors_added), (351, 351))
        path = self.write("t.csv", "source,target,weight\nCW001,CW002,2\n\nCW001,CW002,3\n"
                                   "CW003,CW003,1\nNEW1,CW001,1\n")
        rep = net.read_ties(path, duplicates="max")
        self.assertEqual(rep, firmnet.LoadReport(rows=4, blank_lines=1, actors_added=1,
                                                 actors_implicit=1, ties_added=2,
                                                 duplicates_merged=1, self_ties_dropped=1))
        self.assertEqual(net.tie(0), firmnet.Tie("", "tie", "CW001", "CW002", 3.0))
        self.assertEqual(net.actor_count, 352)
        total = net.load_report
        self.assertEqual(total.rows, 355)
        self.assertEqual(total.actors_added, 352)
        rep2 = net.read_ties(b"source,target\nCW001,CW002\n", duplicates="first", name="mem")
        self.assertEqual(rep2.duplicates_merged, 1)
        self.assertEqual(net.tie(0).weight, 3.0)
        with self.assertRaises(firmnet.DataError) as cm:
            net.read_ties(b"source,target,weight\nCW001,CW002,0\n", name="mem.csv")
        self.assertIn("mem.csv:2", str(cm.exception))
        net.close()

    def test_duplicate_rules(self):
        text = "source,target,weight\nA,B,1\nA,B,4\nA,B,1\n"
        for rule, weight in [("sum", 6), ("max", 4), ("mean", 2), ("count", 3), ("first", 1)]:
            with firmnet.Network.read(ties=text.encode(), duplicates=rule) as net:
                self.assertEqual(net.tie_count, 1)
                self.assertEqual(net.tie(0).weight, weight, rule)

    def test_accessors(self):
        with demo() as net:
            actors = demo_actors()
            self.assertEqual(net.actor_index("CW001"), 0)
            self.assertEqual(net.actor_id(0), "CW001")
            self.assertEqual(net.actor_index(actors[-1]["id"]), 350)
            with self.assertRaises(IndexError):
                net.actor_id(351)
            with self.assertRaises(IndexError):
                net.actor_id(-1)
            for a in (actors[0], actors[200]):
                for name in ("name", "type", "mc", "employees"):
                    self.assertEqual(net.actor_attribute(a["id"], name), a[name])
            self.assertEqual(net.actor_attribute(0, "TYPE"), "firm")
            with self.assertRaises(firmnet.NotFoundError) as cm:
                net.actor_attribute(0, "colour")
            self.assertIn("colour", str(cm.exception))
            with self.assertRaises(firmnet.NotFoundError):
                net.actor_attribute("nobody", "type")
            self.assertTrue(net.attribute_is_numeric("employees"))
            self.assertFalse(net.attribute_is_numeric("type"))
            with self.assertRaises(firmnet.NotFoundError):
                net.attribute_is_numeric("colour")
            ties = demo_ties()
            self.assertEqual(net.tie(5), firmnet.Tie(ties[5]["wave"], ties[5]["layer"],
                                                     ties[5]["source"], ties[5]["target"],
                                                     ties[5]["weight"]))
            all_ties = list(net.iter_ties())
            self.assertEqual(len(all_ties), len(ties))
            self.assertEqual([t._asdict() for t in all_ties[:50]],
                             [dict(r) for r in ties[:50]])
            net.check_selector("service,trade")
            net.check_selector(["rnd", "service.finance"])
            net.check_selector(None)
            with self.assertRaises(firmnet.NotFoundError):
                net.check_selector("services")

    def test_layer_selected(self):
        self.assertTrue(firmnet.layer_selected("service", "service.finance"))
        self.assertFalse(firmnet.layer_selected("service", "services"))
        self.assertTrue(firmnet.layer_selected("trade, rnd", "rnd"))
        self.assertTrue(firmnet.layer_selected(["trade", "rnd"], "rnd"))
        self.assertTrue(firmnet.layer_selected(None, "x"))
        self.assertTrue(firmnet.layer_selected("all", "x"))
        self.assertFalse(firmnet.layer_selected("trade", "rnd"))

    def test_tables(self):
        with demo() as net:
            actors = net.actors_table()
            self.assertEqual(actors.columns, ["id"] + net.attributes)
            self.assertEqual(actors.types["employees"], "double")
            self.assertEqual(actors.types["name"], "string")
            src = demo_actors()
            self.assertEqual(actors["id"], [a["id"] for a in src])
            self.assertEqual(actors["name"], [a["name"] for a in src])
            emp = actors["employees"]
            for a, v in zip(src, emp):
                if a["employees"]:
                    self.assertEqual(v, float(a["employees"]))
                else:
                    self.assertTrue(math.isnan(v))
            ties = net.ties_table()
            self.assertEqual(ties.columns, ["wave", "layer", "source", "target", "weight"])
            self.assertEqual(list(ties)[:100], demo_ties()[:100])

    def test_from_rows(self):
        actors = demo_actors()
        ties = demo_ties()
        expect = demo().summary().to_csv()
        with firmnet.Network.from_rows(actors=actors, ties=ties) as net:
            self.assertEqual(net.summary().to_csv(), expect)
            self.assertEqual(net.actors_table().to_csv(), demo().actors_table().to_csv())
        # tuples, defaults, numbers as ids and waves
        with firmnet.Network.from_rows(
                actors=[{"id": 1, "type": "firm", "employees": 10},
                        {"id": 2, "type": "university", "employees": None}],
                ties=[(1, 2), (2, 1, 2.5), {"source": 1, "target": 3, "wave": 2005},
                      {"source": 3, "target": 1, "layer": "rnd", "weight": None}]) as net:
            self.assertEqual(net.actor_ids, ["1", "2", "3"])
            self.assertEqual(net.waves, ["", "2005"])
            self.assertEqual(list(net.iter_ties()), [
                firmnet.Tie("", "tie", "1", "2", 1.0),
                firmnet.Tie("", "tie", "2", "1", 2.5),
                firmnet.Tie("2005", "tie", "1", "3", 1.0),
                firmnet.Tie("", "rnd", "3", "1", 1.0)])
            self.assertEqual(net.actor_attribute("2", "employees"), "")
            self.assertEqual(net.load_report.actors_implicit, 1)
        with self.assertRaises(firmnet.DataError) as cm:
            firmnet.Network.from_rows(ties=[("a", "b"), ("b", "c", -1)])
        self.assertIn("tie row 2", str(cm.exception))
        with self.assertRaises(firmnet.DataError) as cm:
            firmnet.Network.from_rows(actors=[{"id": "a"}, {"id": "a"}])
        self.assertIn("actor row 2", str(cm.exception))
        with self.assertRaises(firmnet.DataError):
            firmnet.Network.from_rows(actors=[{"id": "a"}], ties=[("a", "b")], strict=True)
        with self.assertRaises(ValueError):
            firmnet.Network.from_rows(ties=[{"source": "a"}])
        with self.assertRaises(ValueError):
            firmnet.Network.from_rows(ties=[{"source": "a", "target": "b", "colour": 1}])
        with self.assertRaises(TypeError):
            firmnet.Network.from_rows(ties=[("a",)])
        with self.assertRaises(TypeError):
            firmnet.Network.from_rows(ties="a,b")
        with self.assertRaises(ValueError):
            firmnet.Network.from_rows(actors=[{"name": "x"}])

    def test_add_actor_and_tie(self):
        with firmnet.Network() as net:
            net.add_actor("A", {"type": "Firm", "size": "SME"}, employees=12, colour="red")
            net.add_actor("B")
            self.assertEqual(net.actor_attribute("A", "type"), "firm")
            self.assertEqual(net.actor_attribute("A", "size"), "sme")
            self.assertEqual(net.actor_attribute("A", "colour"), "red")
            self.assertEqual(net.actor_attribute("B", "colour"), "")
            rep = net.add_tie("A", "B", 2, wave="w1", layer="trade")
            self.assertEqual((rep.rows, rep.ties_added), (1, 1))
            rep = net.add_tie("A", "B", 3, wave="w1", layer="trade", duplicates="max")
            self.assertEqual(rep.duplicates_merged, 1)
            self.assertEqual(net.tie(0).weight, 3.0)
            with self.assertRaises(firmnet.DataError) as cm:
                net.add_tie("A", "C", strict=True)
            self.assertIn("A -> C", str(cm.exception))
            with self.assertRaises(firmnet.DataError):
                net.add_tie("A", "B", math.inf)
            with self.assertRaises(TypeError):
                net.add_tie("A", "B", "2")
            with self.assertRaises(firmnet.DataError):
                net.add_actor("A")
            with self.assertRaises(firmnet.DataError):
                net.add_actor("")
            with self.assertRaises(firmnet.InvalidArgumentError):
                net.add_actor("D", {"id": "x"})
            with self.assertRaises(ValueError):
                net.add_actor("E\0F")
            self.assertEqual(net.actor_count, 2)

    def test_progress(self):
        seen = []
        with firmnet.Network.read(actors=ACTORS, ties=TIES,
                                  progress=lambda what, done, total: seen.append(what)):
            pass
        self.assertIn("read", seen)
        with self.assertRaises(firmnet.CancelledError) as cm:
            firmnet.Network.read(ties=TIES, progress=lambda *a: False)
        self.assertEqual(cm.exception.code, errors.ECANCEL)

        class Stop(Exception):
            pass

        def stop(*a):
            raise Stop("enough")

        with self.assertRaises(Stop):
            firmnet.Network.read(ties=TIES, progress=stop)
        with self.assertRaises(TypeError):
            firmnet.Network.read(ties=TIES, progress=1)

    def test_close_and_gc(self):
        net = demo()
        g = net.graph()
        t = net.summary()
        with net:
            pass
        self.assertTrue(net.closed)
        self.assertTrue(g.closed)  # views are closed with their network
        net.close()  # twice is fine
        for f in (lambda n=net: n.actor_count, net.summary, net.graph,
                  lambda n=net: n.waves, lambda v=g: v.edge_count):
            with self.assertRaises(ValueError):
                f()
        self.assertEqual(len(t), 16)  # tables are independent of the network
        self.assertIn("closed", repr(net))
        self.assertIn("closed", repr(g))
        # garbage collection frees the C objects
        net = demo()
        fin = net._finalizer
        g = net.graph()
        gfin = g._finalizer
        del net
        gc.collect()
        self.assertTrue(fin.alive)  # the view keeps its network alive
        del g
        gc.collect()
        self.assertFalse(gfin.alive)
        self.assertFalse(fin.alive)


# ---- graph views ---------------------------------------------------------------------------


def expected_edges(ties, layers=None, wave=None, undirected=False, merge="sum", index=None):
    groups = {}
    for r in ties:
        if layers is not None and not any(r["layer"] == l or r["layer"].startswith(l + ".")
                                           for l in layers):
            continue
        if wave is not None and r["wave"] != wave:
            continue
        s, t = index[r["source"]], index[r["target"]]
        if undirected and s > t:
            s, t = t, s
        groups.setdefault((s, t), []).append(r["weight"])
    out = []
    for key in sorted(groups):
        w = groups[key]
        out.append((key[0], key[1], {"sum": sum(w), "max": max(w), "mean": sum(w) / len(w),
                                     "count": float(len(w))}[merge]))
    return out


class TestGraph(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.net = demo()
        cls.ties = demo_ties()
        cls.index = {a: i for i, a in enumerate(cls.net.actor_ids)}

    @classmethod
    def tearDownClass(cls):
        cls.net.close()

    def check(self, layers=None, wave=None, undirected=False, merge="sum"):
        with self.net.graph(layer=layers, wave=wave, undirected=undirected, merge=merge) as g:
            self.assertEqual(g.vertex_count, 351)
            self.assertEqual(g.directed, not undirected)
            e = g.edges()
            self.assertIsInstance(e, firmnet.Edges)
            got = list(zip(e.source, e.target, e.weight))
            want = expected_edges(self.ties, layers, wave, undirected, merge, self.index)
            self.assertEqual(g.edge_count, len(want))
            self.assertEqual(len(got), len(want))
            for (a, b, w), (x, y, v) in zip(got, want):
                self.assertEqual((a, b), (x, y))
                self.assertAlmostEqual(w, v, delta=1e-9 * max(1.0, abs(v)))

    def test_views(self):
        self.check()
        self.check(["trade"], "2005")
        self.check(["service"], "2007", undirected=True)
        self.check(["trade", "rnd"], None, True, "max")
        self.check(None, "2005", True, "mean")
        self.check(["service.rnd"], None, False, "count")

    def test_ids_and_repr(self):
        with self.net.graph(layer="rnd", wave=2007) as g:
            self.assertEqual(g.vertex_ids, self.net.actor_ids)
            self.assertEqual(g.vertex_id(3), self.net.actor_id(3))
            with self.assertRaises(IndexError):
                g.vertex_id(351)
            with self.assertRaises(IndexError):
                g.vertex_id(-1)
            e, named = g.edges(), g.edges(ids=True)
            self.assertEqual(named.source, [g.vertex_id(v) for v in e.source])
            self.assertEqual(named.target, [g.vertex_id(v) for v in e.target])
            self.assertEqual(named.weight, e.weight)
            self.assertIn("directed, 351 vertices", repr(g))
            self.assertIs(g.network, self.net)
        with firmnet.Network() as empty, empty.graph() as g:
            self.assertEqual((g.vertex_count, g.edge_count), (0, 0))
            self.assertEqual(g.edges(), firmnet.Edges([], [], []))
        with self.assertRaises(TypeError):
            firmnet.Graph("not a network")


# ---- tables --------------------------------------------------------------------------------


def parse_cli_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def same_value(cell, value):
    if isinstance(value, str):
        return cell == value
    if cell == "":
        return math.isnan(value)
    if cell in ("Inf", "-Inf"):
        return value == float(cell.replace("Inf", "inf"))
    return float(cell) == value


class TestTable(TempDirTest):
    def test_summary_equals_cli(self):
        cli = run_cli("--actors", ACTORS, "--ties", TIES, "--quiet")
        with demo() as net, net.summary() as t:
            self.assertEqual(t.to_csv().encode("utf-8"), cli)
            rows = parse_cli_csv(cli)
            self.assertEqual(t.columns, rows[0])
            self.assertEqual(len(t), len(rows) - 1)
            for got, cells in zip(t, rows[1:]):
                for name, cell in zip(rows[0], cells):
                    self.assertTrue(same_value(cell, got[name]), (name, cell, got[name]))
            # to a file, like -o
            out = os.path.join(self.tmp, "s.csv")
            run_cli("--actors", ACTORS, "--ties", TIES, "-o", out)
            mine = os.path.join(self.tmp, "mine.csv")
            t.to_csv(mine)
            with open(out, "rb") as a, open(mine, "rb") as b:
                self.assertEqual(a.read(), b.read())
            for ext in ("json", "tsv", "csv.gz"):
                out = os.path.join(self.tmp, "s." + ext)
                mine = os.path.join(self.tmp, "mine." + ext)
                run_cli("--actors", ACTORS, "--ties", TIES, "-o", out)
                t.write(mine)
                with open(out, "rb") as a, open(mine, "rb") as b:
                    fa, fb = a.read(), b.read()
                    if ext.endswith("gz"):
                        fa, fb = gzip.decompress(fa), gzip.decompress(fb)
                    self.assertEqual(fa, fb, ext)

    def test_summary_single_layers_equal_cli(self):
        # a network built from one layer: the CLI reads a filtered file
        rows = [r for r in demo_ties() if r["layer"].startswith("service")]
        path = os.path.join(self.tmp, "service.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, ["wave", "layer", "source", "target", "weight"])
            w.writeheader()
            for r in rows:
                w.writerow(dict(r, weight=repr(r["weight"])))
        cli = run_cli("--actors", ACTORS, "--ties", path, "--quiet")
        with firmnet.Network.from_rows(actors=demo_actors(), ties=rows) as net:
            self.assertEqual(net.summary().to_csv().encode(), cli)

    def test_access(self):
        with demo() as net:
            t = net.summary()
        self.assertEqual(len(t), 16)
        self.assertEqual(t.columns[:3], ["wave", "layer", "actors"])
        first = t[0]
        self.assertEqual((first["wave"], first["layer"], first["ties"]), ("2005", "all", 2843.0))
        self.assertEqual(t[-1], list(t)[-1])
        self.assertEqual(t["layer"][:2], ["all", "rnd"])
        d = t.to_dict()
        self.assertEqual(list(d), t.columns)
        self.assertEqual(d["ties"], t.column("ties"))
        self.assertTrue(all(isinstance(v, float) for v in d["density"]))
        d["ties"].append(1)  # copies: the table is not changed
        self.assertEqual(len(t["ties"]), 16)
        with self.assertRaises(KeyError):
            t["nope"]
        with self.assertRaises(IndexError):
            t[16]
        with self.assertRaises(TypeError):
            t[1.5]
        self.assertIn("16 rows x 18 columns", repr(t))
        with self.assertRaises(ValueError):
            t.write(os.path.join(self.tmp, "x"), format="xlsx")
        t.close()
        self.assertTrue(t.closed)
        for f in (lambda: t.columns, lambda: len(t), t.to_dict, t.to_csv, lambda: t[0]):
            with self.assertRaises(ValueError):
                f()
        self.assertIn("closed", repr(t))

    def test_build_and_read(self):
        t = firmnet.Table({"id": ["a", "b", "c"], "x": [1, 2.5, None], "n": [1, math.nan, 3],
                           "s": ["p", None, 7]})
        self.assertEqual(t.types, {"id": "string", "x": "double", "n": "double",
                                   "s": "string"})
        self.assertEqual(t.to_csv(), "id,x,n,s\na,1,1,p\nb,2.5,,\nc,,3,7\n")
        path = os.path.join(self.tmp, "t.csv.gz")
        t.to_csv(path)
        back = firmnet.read_table(path)
        self.assertEqual(back.columns, t.columns)
        self.assertEqual(back.to_csv(), t.to_csv())
        self.assertEqual(back["s"], ["p", "", "7"])
        self.assertEqual(back.types["s"], "string")
        rows = firmnet.Table([{"a": 1, "b": "x"}, {"a": 2, "c": 0.5}])
        self.assertEqual(rows.to_csv(), "a,b,c\n1,x,\n2,,0.5\n")
        self.assertEqual(len(firmnet.Table()), 0)
        self.assertEqual(firmnet.Table({"a": []}).columns, ["a"])
        with self.assertRaises(ValueError):
            firmnet.Table({"a": [1, 2], "b": [1]})
        with self.assertRaises(firmnet.InvalidArgumentError):
            firmnet.Table({"": [1]})
        with self.assertRaises(TypeError):
            firmnet.Table([1, 2])
        bad = self.write("bad.csv", 'a,b\n1,2\n3\n')
        with self.assertRaises(firmnet.ParseError) as cm:
            firmnet.Table.read(bad)
        self.assertIn(bad + ":3", str(cm.exception))
        with self.assertRaises(firmnet.FileError):
            firmnet.Table.read(os.path.join(self.tmp, "missing.csv"))
        # the JSON writer
        t.write(os.path.join(self.tmp, "t.json"))
        with open(os.path.join(self.tmp, "t.json"), encoding="utf-8") as f:
            doc = json.load(f)
        self.assertIsNotNone(doc)

    def test_roundtrip_actors(self):
        with demo() as net:
            a = net.actors_table()
        path = os.path.join(self.tmp, "actors.csv")
        a.to_csv(path)
        with firmnet.Network.read(actors=path, ties=TIES) as net2:
            self.assertEqual(net2.actors_table().to_csv(), a.to_csv())
        self.assertEqual(firmnet.Table(a.to_dict()).to_csv(), a.to_csv())

    def test_pandas(self):
        with demo() as net:
            t = net.summary()
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaises(ImportError) as cm:
                t.to_pandas()
            self.assertIn("pandas", str(cm.exception))
            self.assertIn("to_dict", str(cm.exception))
            return
        df = t.to_pandas()
        self.assertEqual(list(df.columns), t.columns)
        self.assertEqual(len(df), len(t))
        self.assertEqual(str(df["ties"].dtype), "float64")
        self.assertEqual(list(df["layer"]), t["layer"])
        self.assertEqual(firmnet.Table(df).to_csv(), t.to_csv())
        actors = demo().actors_table()
        adf = actors.to_pandas()
        self.assertEqual(int(adf["mc"].isna().sum()), actors["mc"].count(""))
        self.assertEqual(int(adf["employees"].isna().sum()),
                         sum(math.isnan(v) for v in actors["employees"]))
        self.assertEqual(firmnet.Table(adf).to_csv(), actors.to_csv())
        with firmnet.Network.from_rows(actors=net_actors_frame(pandas),
                                       ties=pandas.DataFrame(demo_ties())) as net2:
            self.assertEqual(net2.summary().to_csv(), t.to_csv())


def net_actors_frame(pandas):
    return pandas.DataFrame(demo_actors())


# ---- the machinery for analyses ----------------------------------------------------------


def hand_over(out, table):
    """Store a table's C pointer into a ``firmnet_table **`` output, as a C function would."""
    out._obj.contents = table._ptr.contents
    table._finalizer.detach()
    table._ptr = None


class TestMachinery(unittest.TestCase):
    def test_make_options(self):
        o = _call.make_options(_lib.GraphOptions, {"layer": ["trade", "rnd"], "wave": 2005,
                                                   "undirected": True, "merge": "mean"}, "view")
        self.assertEqual((o.version, o.layers, o.wave, o.undirected, o.merge),
                         (1, b"trade,rnd", b"2005", 1, 2))
        d = _call.make_options(_lib.GraphOptions, {"layer": None}, "view")
        self.assertEqual((d.layers, d.wave, d.undirected, d.merge), (None, None, 0, 0))
        with self.assertRaises(TypeError) as cm:
            _call.make_options(_lib.GraphOptions, {"layers": "x"}, "view")
        self.assertIn("view() got an unexpected keyword argument 'layers'", str(cm.exception))
        self.assertIn("layer, wave, undirected, merge", str(cm.exception))
        with self.assertRaises(TypeError):
            _call.make_options(_lib.GraphOptions, {"version": 3}, "view")
        with self.assertRaises(TypeError):
            _call.make_options(_lib.GraphOptions, {"undirected": "yes"}, "view")
        with self.assertRaises(TypeError):
            _call.make_options(_lib.GraphOptions, {"wave": object()}, "view")
        with self.assertRaises(firmnet.InvalidArgumentError):
            _call.make_options(_lib.ReadOptions, {"duplicates": "median"}, "read")
        r = _call.make_options(_lib.ReadOptions, {"strict": True, "duplicates": "error"}, "r")
        self.assertEqual((r.strict, r.duplicates), (1, 5))
        self.assertEqual(_call.keywords(_lib.ReadOptions), ["strict", "duplicates", "progress"])
        self.assertEqual([_call.merge_name(v) for v in range(6)], list(firmnet.MERGE_RULES))
        self.assertEqual(firmnet.VIEW_KEYWORDS, ("layer", "wave", "undirected", "merge"))

    def test_view_table(self):
        # A stand-in for a per-view analysis written in C: it receives the view built from
        # the keyword arguments and returns a table of the vertex ids and out-degrees.
        lib = _lib.lib()
        seen = {}

        def degree(out, graph):
            seen["graph"], seen["directed"] = graph, graph.directed
            self.assertIsInstance(graph, firmnet.Graph)
            e = graph.edges()
            deg = [0.0] * graph.vertex_count
            for s in e.source:
                deg[s] += 1
            hand_over(out, firmnet.Table({"id": graph.vertex_ids, "out_degree": deg}))
            return 0

        with demo() as net:
            t = net._view_table(degree, None, {"layer": "trade", "wave": "2005"}, "degree")
            self.assertTrue(seen["graph"].closed)  # the view is freed after the call
            self.assertEqual((seen["graph"].layer, seen["graph"].wave), ("trade", "2005"))
            self.assertEqual(t.columns, ["id", "out_degree"])
            want = expected_edges(demo_ties(), ["trade"], "2005", index={
                a: i for i, a in enumerate(net.actor_ids)})
            self.assertEqual(sum(t["out_degree"]), len(want))
            with self.assertRaises(TypeError) as cm:
                net._view_table(degree, None, {"seed": 1}, "degree")
            self.assertIn("degree() got an unexpected keyword argument 'seed'",
                          str(cm.exception))
            with self.assertRaises(firmnet.NotFoundError):
                net._view_table(degree, None, {"wave": "1999"}, "degree")
            # an options struct: the view keywords go to the view, the rest to the options
            t = net._view_table(lambda out, g, opts: degree(out, g) if opts.strict == 1 else -2,
                                _lib.ReadOptions, {"undirected": True, "strict": True}, "x")
            self.assertFalse(seen["directed"])
            with self.assertRaises(TypeError):
                net._view_table(degree, _lib.ReadOptions, {"seed": 1}, "x")
            # the lower-level context manager
            with net._view({"layer": ["rnd"], "merge": "count", "seed": 3}) as (g, rest):
                self.assertEqual(rest, {"seed": 3})
                self.assertEqual(g.edge_count, len(expected_edges(
                    demo_ties(), ["rnd"], index={a: i for i, a in enumerate(net.actor_ids)})))
            self.assertTrue(g.closed)
            self.assertEqual(len(net._graphs), 0)
            # whole-network analyses returning one or several tables
            s = net._network_table(lib.firmnet_summary, None, {}, "summary")
            self.assertEqual(s.to_csv(), _call.table_call(lib.firmnet_summary, net).to_csv())
            (s2,) = _call.tables_call(lib.firmnet_summary, 1, net)
            self.assertEqual(s2.to_csv(), s.to_csv())

            def two(out1, out2, network):
                hand_over(out1, firmnet.Table({"id": network.actor_ids}))
                hand_over(out2, firmnet.Table({"n": [float(network.tie_count)]}))
                return 0

            with net._network_tables(two, ("actors", "ties"), None, {}, "two") as r:
                self.assertIsInstance(r, firmnet.Tables)
                self.assertEqual(r.names, ["actors", "ties"])
                self.assertEqual(len(r.actors), 351)
                self.assertEqual(r["ties"]["n"], [6269.0])
                self.assertEqual([n for n, _ in r], ["actors", "ties"])
                self.assertEqual(len(r), 2)
                self.assertIn("actors: 351 rows", repr(r))
                with self.assertRaises(AttributeError):
                    r.groups
                with self.assertRaises(KeyError):
                    r["groups"]
            self.assertTrue(r.actors.closed and r.ties.closed)
            with self.assertRaises(TypeError):
                net._network_tables(two, ("a", "b"), None, {"x": 1}, "two")
            with self.assertRaises(TypeError):
                firmnet.Tables(a=1)

    def test_missing_symbol(self):
        _lib.declare("firmnet_no_such_function", _lib.STATUS, [])
        with self.assertRaises(AttributeError) as cm:
            _lib.lib().firmnet_no_such_function
        self.assertIn("has no function firmnet_no_such_function", str(cm.exception))
        with self.assertRaises(AttributeError):
            _lib.lib().firmnet_undeclared


# ---- memory and threads ------------------------------------------------------------------


class TestResources(unittest.TestCase):
    def test_no_growth_over_repeated_loads(self):
        if _lib._asan_loaded():
            self.skipTest("under ASan, freed memory stays in quarantine: see test_no_leaks_asan")
        n = int(os.environ.get("FIRMNET_TEST_LOOPS", "2000"))

        def once(k):
            net = firmnet.Network.read(actors=ACTORS, ties=TIES)
            s = net.summary()
            s.to_dict()
            if k % 2:
                net.close()  # half closed explicitly, half left to the garbage collector
                s.close()
            if k % 10 == 0:
                net2 = firmnet.Network.read(actors=ACTORS, ties=TIES)
                with net2.graph(layer="service") as g:
                    g.edges()
                with self.assertRaises(firmnet.DataError):
                    firmnet.Network.read(ties=b"source,target,weight\na,b,x\n")

        for k in range(100):
            once(k)
        gc.collect()
        before = rss_bytes()
        for k in range(n):
            once(k)
        gc.collect()
        growth = rss_bytes() - before
        # one demo network is about 1 MB; a leak of anything per load would be far beyond this
        self.assertLess(growth, 4 << 20, "RSS grew by %d bytes over %d loads" % (growth, n))

    def test_no_leaks_asan(self):
        """Under ASan, LeakSanitizer finds no block allocated by libfirmnet at exit. (The
        interpreter's own blocks are reported too, so only stacks through libfirmnet count.)"""
        if not _lib._asan_loaded():
            self.skipTest("only in a -Db_sanitize=address build")
        code = "\n".join([
            "import gc, firmnet",
            "for k in range(20):",
            "    net = firmnet.Network.read(actors=%r, ties=%r)" % (ACTORS, TIES),
            "    s = net.summary(); s.to_dict(); g = net.graph(layer='trade', undirected=True)",
            "    g.edges(ids=True); net.actors_table().to_dict(); net.ties_table()",
            "    if k % 2: net.close()",
            "    try: firmnet.Network.read(ties=b'source,target,weight\\na,b,x\\n')",
            "    except firmnet.DataError: pass",
            "    firmnet.Table({'a': [1.0, 2.0], 'b': ['x', None]}).to_csv()",
            "    firmnet.Network.from_rows(actors=[{'id': 'a', 'type': 'firm'}],",
            "                              ties=[('a', 'b')])",
            "del net, s, g; gc.collect()",
        ])
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0")
        r = subprocess.run([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        self.assertNotIn("Traceback", r.stderr)
        blocks = r.stderr.split("\n\n")
        ours = [b for b in blocks if "leak of" in b and ("libfirmnet" in b or "firmnet_" in b)]
        self.assertEqual(ours, [])

    def test_threads(self):
        expect = demo().summary().to_csv()
        results = []

        def worker():
            for _ in range(10):
                with firmnet.Network.read(actors=ACTORS, ties=TIES) as net:
                    results.append(net.summary().to_csv())

        threads = [threading.Thread(target=worker) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 40)
        self.assertTrue(all(r == expect for r in results))

    def test_shared_network_between_threads(self):
        with demo() as net:
            expect = net.summary().to_csv()
            results = []

            def worker(k):
                for i in range(5):
                    if k == 0:
                        net.add_tie("CW001", "CW002", 1.0, wave="2099", layer="x%d" % i)
                    else:
                        with net.graph(layer="trade") as g:
                            results.append(g.edge_count)

            threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(len(set(results)), 1)
            self.assertNotEqual(net.summary().to_csv(), expect)


if __name__ == "__main__":
    unittest.main(verbosity=2)
