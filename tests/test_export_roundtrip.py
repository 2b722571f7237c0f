#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Round trips of firmnet-export files (standard library only).

The expected nodes, edges and attributes are computed here from the input CSV files, independently
of the library. Files written by firmnet-export are read back:
- GraphML with xml.etree, and with networkx and igraph when /usr/bin/python3 has them (Debian's
  python3-networkx and python3-igraph; the checks print "skipped" otherwise);
- GEXF checked against the rules of the GEXF 1.3 schema (element order, required attributes,
  enumerations, id references, value and time types) with xml.etree, and for well-formedness with
  xmllint when it is installed (no Debian package ships the GEXF XSD, so the schema itself is
  not used);
- Pajek .net and .clu with a small parser, and the .net with igraph when available.
"""
import csv
import gzip
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SRC = os.environ.get("FIRMNET_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("FIRMNET_BUILDDIR", os.path.join(SRC, "build"))
PROG = os.path.join(BUILD, "examples", "firmnet-export")
DATASETS = {
    "demo": (os.path.join(SRC, "examples", "data", "actors.csv"),
             os.path.join(SRC, "examples", "data", "ties.csv.gz")),
    "small": (os.path.join(SRC, "tests", "data", "export", "actors.csv"),
              os.path.join(SRC, "tests", "data", "export", "ties.csv")),
}
REFERENCE_PYTHON = os.environ.get("FIRMNET_REFERENCE_PYTHON", "/usr/bin/python3")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def skipped(what):
    print("skipped:", what)


def opener(path):
    return gzip.open(path, "rt", encoding="utf-8", newline="") if path.endswith(".gz") else \
        open(path, encoding="utf-8", newline="")


def number(s):
    try:
        x = float(s)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def expected(actors_csv, ties_csv, wave=None, layers=None, undirected=False):
    """Nodes {id: {attr: value}} (numeric attributes as floats, blanks left out), node order,
    and edges {(s, t): (weight, layers, waves, {wave: weight})} of a view (sum rule)."""
    with opener(actors_csv) as f:
        rows = list(csv.DictReader(f))
    names = [c.strip().lower() for c in rows[0].keys()] if rows else []
    attrs = ["name", "type", "size", "sector", "cluster", "region", "mc", "tech"]
    attrs += [c for c in names if c not in attrs and c != "id"]
    ids = [r["id"].strip() for r in rows]
    values = {a: {} for a in attrs}
    for r in rows:
        for k, v in r.items():
            a = k.strip().lower()
            if a != "id":
                values[a][r["id"].strip()] = v.strip()
    with opener(ties_csv) as f:
        ties = list(csv.DictReader(f))
    for t in ties:
        for end in ("source", "target"):
            if t[end] not in ids:
                ids.append(t[end])  # actors named only in the tie file come last
    numeric = {}
    for a in attrs:
        vals = [v for v in values[a].values() if v != ""]
        numeric[a] = bool(vals) and all(number(v) is not None for v in vals)
    nodes = {}
    for i in ids:
        d = {}
        for a in attrs:
            v = values[a].get(i, "")
            if v != "":
                d[a] = number(v) if numeric[a] else v
        nodes[i] = d
    edges = {}
    for t in ties:
        layer = t.get("layer", "tie") or "tie"
        if wave is not None and t["wave"] != wave:
            continue
        if layers is not None and not any(layer == s or layer.startswith(s + ".") for s in layers):
            continue
        s, d = t["source"], t["target"]
        if s == d:
            continue
        if undirected and ids.index(s) > ids.index(d):
            s, d = d, s
        w = float(t.get("weight") or 1)
        e = edges.setdefault((s, d), [0.0, set(), set(), {}])
        e[0] += w
        e[1].add(layer)
        e[2].add(t["wave"])
        e[3][t["wave"]] = e[3].get(t["wave"], 0.0) + w
    return nodes, ids, numeric, edges, attrs


def export(dataset, path, *extra):
    actors, ties = DATASETS[dataset]
    r = subprocess.run([PROG, "--actors", actors, "--ties", ties, "-o", path, "--quiet", *extra],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"export {dataset} {path} {extra}: exit {r.returncode}: {r.stderr}")
    return r.returncode == 0


def wave_key(w):
    return (0, float(w)) if number(w) is not None else (1, w)


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            math.isclose(a, b, rel_tol=1e-12, abs_tol=0)
    return a == b


def compare_nodes(got, want, where):
    check(set(got) == set(want), f"{where}: node ids differ: {sorted(set(got) ^ set(want))[:5]}")
    bad = [i for i in want if i in got and
           (set(got[i]) != set(want[i]) or not all(same(got[i][k], want[i][k]) for k in want[i]))]
    check(not bad, f"{where}: attributes differ for {bad[:3]}: "
                   f"{[(got[i], want[i]) for i in bad[:1]]}")


def compare_edges(got, want, where):
    """got: {(s, t): {weight, layer, wave}}"""
    check(set(got) == set(want), f"{where}: edges differ: {sorted(set(got) ^ set(want))[:5]}")
    bad = []
    for k, (w, layers, waves, _) in want.items():
        g = got.get(k)
        if g is None:
            continue
        if not (same(float(g["weight"]), w) and g["layer"] == ";".join(sorted(layers)) and
                g["wave"] == ";".join(sorted(waves, key=wave_key))):
            bad.append((k, g, (w, layers, waves)))
    check(not bad, f"{where}: {len(bad)} edges differ, e.g. {bad[:1]}")


# ---- GraphML -------------------------------------------------------------------------------

def read_graphml(path):
    root = ET.parse(path).getroot()
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in root.findall(GRAPHML + "key")}
    graph = root.find(GRAPHML + "graph")
    nodes, edges = {}, {}
    for n in graph.findall(GRAPHML + "node"):
        d = {}
        for data in n.findall(GRAPHML + "data"):
            _, name, typ = keys[data.get("key")]
            d[name] = float(data.text) if typ == "double" else (data.text or "")
        nodes[n.get("id")] = d
    for e in graph.findall(GRAPHML + "edge"):
        d = {keys[data.get("key")][1]: data.text or "" for data in e.findall(GRAPHML + "data")}
        edges[(e.get("source"), e.get("target"))] = d
    return keys, graph.get("edgedefault"), nodes, edges


REFERENCE_READER = r"""
import json, math, sys
import networkx, igraph
path = sys.argv[1]
def clean(d):
    return {k: v for k, v in d.items()
            if k != "id" and v is not None and v != "" and not (isinstance(v, float) and math.isnan(v))}
G = networkx.read_graphml(path)
g = igraph.Graph.Read_GraphML(path)
out = {
    "networkx": {"directed": G.is_directed(),
                 "nodes": {n: clean(d) for n, d in G.nodes(data=True)},
                 "edges": [[s, t, clean(d)] for s, t, d in G.edges(data=True)]},
    "igraph": {"directed": g.is_directed(),
               "nodes": {v["id"]: clean(v.attributes()) for v in g.vs},
               "edges": [[g.vs[e.source]["id"], g.vs[e.target]["id"], clean(e.attributes())]
                         for e in g.es]},
}
print(json.dumps(out))
"""


def reference_available():
    if not os.path.exists(REFERENCE_PYTHON):
        return False
    r = subprocess.run([REFERENCE_PYTHON, "-c", "import networkx, igraph"], capture_output=True)
    return r.returncode == 0


def test_graphml(tmp, have_reference):
    for dataset, extra, view in (("small", (), {}), ("demo", (), {}),
                                 ("demo", ("--undirected", "--wave", "2005"),
                                  {"undirected": True, "wave": "2005"}),
                                 ("demo", ("--layer", "service"), {"layers": ["service"]})):
        path = os.path.join(tmp, f"{dataset}-{len(extra)}.graphml")
        if not export(dataset, path, *extra):
            continue
        nodes, ids, numeric, edges, attrs = expected(*DATASETS[dataset], **view)
        keys, edgedefault, got_nodes, got_edges = read_graphml(path)
        where = f"GraphML {dataset} {extra}"
        check(edgedefault == ("undirected" if view.get("undirected") else "directed"),
              f"{where}: edgedefault {edgedefault}")
        node_keys = {v[1]: v[2] for v in keys.values() if v[0] == "node"}
        check(list(node_keys) == attrs, f"{where}: node keys {list(node_keys)}")
        check(all(node_keys[a] == ("double" if numeric[a] else "string") for a in attrs),
              f"{where}: key types {node_keys}")
        compare_nodes(got_nodes, nodes, where)
        compare_edges(got_edges, edges, where)
        if not have_reference:
            continue
        r = subprocess.run([REFERENCE_PYTHON, "-c", REFERENCE_READER, path],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"{where}: networkx/igraph could not read it: {r.stderr[-500:]}")
        if r.returncode != 0:
            continue
        ref = json.loads(r.stdout)
        for lib in ("networkx", "igraph"):
            got = ref[lib]
            if lib == "igraph":
                # igraph 0.10's GraphML reader hands node ids over from libxml2 without
                # substituting entities, so an '&' in an id comes back as '&#38;' (however it
                # is written: &amp; &#38; &#x26;). Data values are not affected.
                fix = lambda i: i.replace("&#38;", "&")  # noqa: E731
                got["nodes"] = {fix(i): d for i, d in got["nodes"].items()}
                got["edges"] = [[fix(s), fix(t), d] for s, t, d in got["edges"]]
            check(got["directed"] == (not view.get("undirected")), f"{where} {lib}: directed")
            compare_nodes(got["nodes"], nodes, f"{where} ({lib})")
            edges_got = {}
            for s, t, d in got["edges"]:
                if view.get("undirected") and ids.index(s) > ids.index(t):
                    s, t = t, s
                edges_got[(s, t)] = d
            check(len(got["edges"]) == len(edges), f"{where} {lib}: {len(got['edges'])} edges")
            compare_edges(edges_got, edges, f"{where} ({lib})")


# ---- GEXF ----------------------------------------------------------------------------------

ATTR_TYPES = {"integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte",
              "char", "short", "liststring", "listboolean", "listinteger", "listlong",
              "listfloat", "listdouble", "listbyte", "listshort", "listbigdecimal",
              "listbiginteger", "listchar", "string", "anyURI"}
GRAPH_ATTRS = {"defaultedgetype", "idtype", "mode", "timeformat", "start", "end", "timestamp",
               "timerepresentation", "timezone"}
NODE_ATTRS = {"id", "label", "pid", "start", "end", "intervals", "timestamp", "timestamps"}
EDGE_ATTRS = {"id", "type", "label", "source", "target", "weight", "kind", "start", "end",
              "intervals", "timestamp", "timestamps"}


def gexf_problems(path):
    """The ways a GEXF file breaks the GEXF 1.3 schema's rules (for what firmnet writes)."""
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != GEXF + "gexf":
        return [f"root is {root.tag}"]
    if root.get("version") != "1.3":
        problems.append("version is not 1.3")
    kids = [c.tag for c in root]
    if kids not in ([GEXF + "graph"], [GEXF + "meta", GEXF + "graph"]):
        problems.append(f"gexf children {kids}")
    meta = root.find(GEXF + "meta")
    if meta is not None and any(c.tag not in (GEXF + "creator", GEXF + "keywords",
                                              GEXF + "description") for c in meta):
        problems.append("meta children")
    graph = root.find(GEXF + "graph")
    if graph is None:
        return problems + ["no graph"]
    if set(graph.attrib) - GRAPH_ATTRS:
        problems.append(f"graph attributes {set(graph.attrib) - GRAPH_ATTRS}")
    enums = {"defaultedgetype": {"directed", "undirected", "mutual"},
             "mode": {"static", "dynamic", "slice"},
             "timeformat": {"integer", "double", "date", "dateTime"},
             "timerepresentation": {"interval", "timestamp"}}
    for a, allowed in enums.items():
        if a in graph.attrib and graph.get(a) not in allowed:
            problems.append(f"graph {a}={graph.get(a)}")
    timeformat = graph.get("timeformat", "double")

    def time_ok(v):
        if v is None:
            return True
        try:
            int(v) if timeformat == "integer" else float(v)
            return True
        except ValueError:
            return False

    tags = [c.tag for c in graph]
    n_attr = 0
    while n_attr < len(tags) and tags[n_attr] == GEXF + "attributes":
        n_attr += 1
    if tags[n_attr:] != [GEXF + "nodes", GEXF + "edges"]:
        problems.append(f"graph children {tags}")
    declared = {"node": {}, "edge": {}}
    for block in graph.findall(GEXF + "attributes"):
        cls, mode = block.get("class"), block.get("mode", "static")
        if cls not in declared or mode not in ("static", "dynamic"):
            problems.append(f"attributes class={cls} mode={mode}")
            continue
        for a in block:
            if a.tag != GEXF + "attribute" or a.get("id") is None or a.get("title") is None or \
                    a.get("type") not in ATTR_TYPES:
                problems.append(f"attribute {a.attrib}")
            elif a.get("id") in declared[cls]:
                problems.append(f"attribute id {a.get('id')} twice")
            else:
                declared[cls][a.get("id")] = (a.get("type"), mode)

    def check_attvalues(el, cls, where):
        for av in el.findall(GEXF + "attvalues/" + GEXF + "attvalue"):
            d = declared[cls].get(av.get("for"))
            if d is None or av.get("value") is None:
                problems.append(f"{where}: attvalue {av.attrib}")
                continue
            typ, mode = d
            if typ in ("double", "float") and number(av.get("value")) is None:
                problems.append(f"{where}: {av.get('value')} is not a {typ}")
            dynamic = any(k in av.attrib for k in ("start", "end", "timestamp"))
            if dynamic and mode != "dynamic":
                problems.append(f"{where}: a time on a static attribute")
            if not (time_ok(av.get("start")) and time_ok(av.get("end"))):
                problems.append(f"{where}: attvalue times {av.attrib}")

    nodes = graph.find(GEXF + "nodes")
    ids = set()
    for n in nodes:
        where = f"node {n.get('id')}"
        if n.tag != GEXF + "node" or n.get("id") is None or set(n.attrib) - NODE_ATTRS:
            problems.append(f"{where}: {n.tag} {n.attrib}")
        if n.get("id") in ids:
            problems.append(f"{where}: id twice")
        ids.add(n.get("id"))
        check_attvalues(n, "node", where)
    if nodes.get("count") is not None and int(nodes.get("count")) != len(nodes):
        problems.append("nodes count")
    edges = graph.find(GEXF + "edges")
    for e in edges:
        where = f"edge {e.get('id')}"
        if e.tag != GEXF + "edge" or set(e.attrib) - EDGE_ATTRS:
            problems.append(f"{where}: {e.tag} {e.attrib}")
        if e.get("source") not in ids or e.get("target") not in ids:
            problems.append(f"{where}: unknown end")
        if e.get("weight") is not None and number(e.get("weight")) is None:
            problems.append(f"{where}: weight {e.get('weight')}")
        if e.get("type") not in (None, "directed", "undirected", "mutual"):
            problems.append(f"{where}: type")
        if any(c.tag not in (GEXF + "attvalues", GEXF + "spells") for c in e):
            problems.append(f"{where}: children {[c.tag for c in e]}")
        check_attvalues(e, "edge", where)
        spells = e.find(GEXF + "spells")
        if spells is not None:
            if len(spells) == 0:
                problems.append(f"{where}: empty spells")
            for sp in spells:
                s, t = sp.get("start"), sp.get("end")
                if sp.tag != GEXF + "spell" or not (time_ok(s) and time_ok(t)) or \
                        (s is not None and t is not None and float(s) > float(t)):
                    problems.append(f"{where}: spell {sp.attrib}")
    if edges.get("count") is not None and int(edges.get("count")) != len(edges):
        problems.append("edges count")
    return problems


def test_gexf(tmp):
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        skipped("xmllint not installed (Debian: libxml2-utils): GEXF well-formedness")
    for dataset, extra, view in (("small", (), {}), ("demo", (), {}),
                                 ("demo", ("--wave", "2007", "--undirected"),
                                  {"wave": "2007", "undirected": True})):
        path = os.path.join(tmp, f"{dataset}-{len(extra)}.gexf")
        if not export(dataset, path, *extra):
            continue
        where = f"GEXF {dataset} {extra}"
        if xmllint is not None:
            r = subprocess.run([xmllint, "--noout", path], capture_output=True, text=True)
            check(r.returncode == 0, f"{where}: xmllint: {r.stderr[:300]}")
        problems = gexf_problems(path)
        check(not problems, f"{where}: {problems[:5]}")
        nodes, ids, numeric, edges, attrs = expected(*DATASETS[dataset], **view)
        root = ET.parse(path).getroot()
        graph = root.find(GEXF + "graph")
        dynamic = "wave" not in view
        check(graph.get("mode") == ("dynamic" if dynamic else "static"), f"{where}: mode")
        titles = {}
        for block in graph.findall(GEXF + "attributes"):
            for a in block:
                titles[(block.get("class"), a.get("id"))] = a.get("title")
        got_nodes = {}
        for n in graph.find(GEXF + "nodes"):
            d = {}
            for av in n.findall(GEXF + "attvalues/" + GEXF + "attvalue"):
                name = titles[("node", av.get("for"))]
                d[name] = float(av.get("value")) if numeric[name] else av.get("value")
            got_nodes[n.get("id")] = d
            want_label = nodes[n.get("id")].get("name") or n.get("id")
            if n.get("label") != want_label:
                check(False, f"{where}: label of {n.get('id')}: {n.get('label')!r}")
        compare_nodes(got_nodes, nodes, where)
        got_edges, spells_ok, weights_ok = {}, True, True
        for e in graph.find(GEXF + "edges"):
            d = {"weight": e.get("weight")}
            per_wave = {}
            for av in e.findall(GEXF + "attvalues/" + GEXF + "attvalue"):
                name = titles[("edge", av.get("for"))]
                if name == "wave_weight":
                    per_wave[av.get("start")] = float(av.get("value"))
                else:
                    d[name] = av.get("value")
            key = (e.get("source"), e.get("target"))
            got_edges[key] = d
            if dynamic and key in edges:
                spells = [(sp.get("start"), sp.get("end")) for sp in e.iter(GEXF + "spell")]
                waves = sorted(edges[key][2], key=wave_key)
                spells_ok = spells_ok and spells == [(w, w) for w in waves]
                want = edges[key][3]
                weights_ok = weights_ok and set(per_wave) == set(want) and \
                    all(same(per_wave[w], want[w]) for w in want)
        compare_edges(got_edges, edges, where)
        check(spells_ok, f"{where}: one spell per wave of each edge")
        check(weights_ok, f"{where}: wave_weight per wave")


# ---- Pajek ---------------------------------------------------------------------------------

def read_pajek(path):
    with open(path, "rb") as f:
        data = f.read()
    bom = data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\n")
    check(lines[-1] == "", f"{path}: ends with a line end")
    head = lines[0].split()
    n = int(head[1])
    labels = []
    for line in lines[1:n + 1]:
        num, label = line.split(" ", 1)
        labels.append(label[1:-1])
        check(label.startswith('"') and label.endswith('"'), f"{path}: quoted label {line!r}")
    kind = lines[n + 1]
    arcs = [line.split() for line in lines[n + 2:-1]]
    return bom, labels, kind, [(int(a), int(b), float(w)) for a, b, w in arcs]


def test_pajek(tmp, have_reference):
    for dataset, extra in (("small", ("--partition", "type")), ("demo", ("--partition", "mc")),
                           ("small", ("--label", "name")), ("small", ("--label", "name", "--no-bom"))):
        path = os.path.join(tmp, f"{dataset}-{'-'.join(extra)}.net")
        if not export(dataset, path, *extra):
            continue
        where = f"Pajek {dataset} {extra}"
        nodes, ids, numeric, edges, attrs = expected(*DATASETS[dataset])
        bom, labels, kind, arcs = read_pajek(path)
        if "--label" in extra:
            want_labels = [nodes[i].get("name", i).replace('"', "'").replace("\n", " ") for i in ids]
            check(bom == ("--no-bom" not in extra), f"{where}: BOM {bom}")
        else:
            want_labels = ids
            check(not bom, f"{where}: no BOM for ASCII ids")
        check(labels == want_labels, f"{where}: labels {labels[:3]}")
        check(kind == "*Arcs", f"{where}: {kind}")
        got = {(ids[a - 1], ids[b - 1]): w for a, b, w in arcs}
        check(len(arcs) == len(edges) and set(got) == set(edges), f"{where}: arcs")
        check(all(same(got[k], edges[k][0]) for k in edges if k in got), f"{where}: weights")
        if "--partition" in extra:
            attr = extra[1]
            with open(path[:-4] + ".clu", encoding="utf-8") as f:
                clu = f.read().split("\n")
            codes = {}
            for line in clu:
                k, _, v = line[2:].partition(" = ")
                if line.startswith("% ") and k.isdigit():
                    codes[v] = int(k)
            body = clu[clu.index(f"*Vertices {len(ids)}") + 1:-1]
            values = sorted({nodes[i][attr] for i in ids if attr in nodes[i]})
            check(codes == {v: k + 1 for k, v in enumerate(values)}, f"{where}: codes {codes}")
            want = [str(codes.get(nodes[i].get(attr), 0)) for i in ids]
            check(body == want, f"{where}: partition {body[:5]} != {want[:5]}")
        if have_reference and not bom:
            r = subprocess.run([REFERENCE_PYTHON, "-c",
                                "import igraph, json, sys; g = igraph.Graph.Read_Pajek(sys.argv[1]);"
                                "print(json.dumps([g.vcount(), g.is_directed(), g.vs['id'],"
                                " [[e.source, e.target, e['weight']] for e in g.es]]))", path],
                               capture_output=True, text=True)
            check(r.returncode == 0, f"{where}: igraph Read_Pajek: {r.stderr[-300:]}")
            if r.returncode == 0:
                n, directed, vid, es = json.loads(r.stdout)
                check(n == len(ids) and directed and vid == want_labels, f"{where}: igraph vertices")
                check(sorted((a + 1, b + 1, w) for a, b, w in es) == sorted(arcs),
                      f"{where}: igraph arcs")


def main():
    if not os.path.exists(PROG):
        print(f"{PROG} not built")
        return 1
    tmp = tempfile.mkdtemp(prefix="firmnet-roundtrip-")
    have_reference = reference_available()
    if not have_reference:
        skipped(f"{REFERENCE_PYTHON} has no networkx and igraph: reading back with them")
    try:
        test_graphml(tmp, have_reference)
        test_gexf(tmp)
        test_pajek(tmp, have_reference)
    finally:
        shutil.rmtree(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
