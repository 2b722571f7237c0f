# SPDX-License-Identifier: GPL-3.0-or-later
"""Networks of actors and ties, graph views, and the analyses on them."""

import contextlib
import math
import numbers
import os
import weakref
from collections import namedtuple
from ctypes import byref, c_char_p, c_double, c_int64, c_size_t
from dataclasses import dataclass, fields

from . import _call, _lib, errors
from .change import ChangeResult
from .table import Tables

__all__ = ["Network", "Graph", "LoadReport", "Tie", "Edges", "VIEW_KEYWORDS", "layer_selected"]

#: The keyword arguments that select a graph view, named like the CLI options.
VIEW_KEYWORDS = ("layer", "wave", "undirected", "merge")

#: One tie of a network: actor ids, wave, layer and weight.
Tie = namedtuple("Tie", "wave layer source target weight")

#: The edges of a graph view as three parallel lists.
Edges = namedtuple("Edges", "source target weight")


@dataclass(frozen=True)
class LoadReport:
    """What one read or add call did (or, from :attr:`Network.load_report`, all of them)."""

    rows: int = 0  #: data rows read (blank lines excluded)
    blank_lines: int = 0  #: empty lines skipped
    actors_added: int = 0  #: actors created
    actors_implicit: int = 0  #: of those, created because a tie named an unknown actor
    ties_added: int = 0  #: new distinct ties stored
    duplicates_merged: int = 0  #: rows merged into an existing tie
    self_ties_dropped: int = 0  #: rows with source == target, dropped
    #: actors whose id equals an earlier one's but for ASCII case or spacing (a warning)
    near_duplicate_ids: int = 0

    @classmethod
    def _from_c(cls, rep):
        return cls(**{f.name: getattr(rep, f.name) for f in fields(cls)})

    def __add__(self, other):
        if not isinstance(other, LoadReport):
            return NotImplemented
        return LoadReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def layer_selected(selector, layer):
    """Whether @layer is selected by @selector ("trade,rnd"; "service" selects
    "service.finance"; "all", "" or None select everything; a list of names works too)."""
    return bool(
        _lib.lib().firmnet_layer_selected(_call.layer_selector(selector), _call.to_c(layer))
    )


def _read_options(strict, duplicates, progress, caller):
    return _call.make_options(
        _lib.ReadOptions,
        {"strict": strict, "duplicates": duplicates, "progress": progress},
        caller,
    )


class Network(_call.Handle):
    """A network of actors (id plus attributes) and directed, weighted ties tagged with a
    wave and a layer; see include/firmnet/network.h for the model and the file formats.

    Create one with :meth:`read` (files), :meth:`from_rows` (Python rows or DataFrames) or
    ``Network()`` (empty, then :meth:`read_actors`, :meth:`read_ties`, :meth:`add_actor`,
    :meth:`add_tie`). The C network is freed by :meth:`close`, at the end of a ``with`` block,
    or at garbage collection; closing it closes its graph views first.

    Analyses take the CLI's options as keyword arguments with the same names: the view
    options ``layer`` (selector string or list), ``wave``, ``undirected`` and ``merge``, plus
    each analysis's own. They return :class:`firmnet.Table` objects whose column names are the
    CLI's.

    Threads: ctypes releases the GIL during C calls, so analyses of different networks run in
    parallel; calls on one network (and its graph views) are serialised by a lock.
    """

    _kind = "Network"

    def __init__(self):
        lib = _lib.lib()
        out = _lib.NETWORK_P()
        _call.call(lib.firmnet_network_new, byref(out))
        self._init_handle(out, lib.firmnet_network_free)
        self._graphs = weakref.WeakSet()

    def close(self):
        """Free the C network (and close its graph views first). Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            for g in list(self._graphs):
                g.close()
            super().close()

    # ---- reading and building ------------------------------------------------------------

    @classmethod
    def read(cls, actors=None, ties=None, *, strict=False, duplicates="sum", progress=None):
        """Read an actor file and one or more tie files, like the CLI's --actors/--ties.

        @actors and each of @ties is a path (str or os.PathLike; gzip is detected by content;
        "-" reads standard input), bytes holding a file's content, or a binary/text file
        object. @ties may be one source or a list. @strict makes a tie naming an actor missing
        from @actors an error; @duplicates is the rule for duplicate tie rows ("sum", "max",
        "mean", "count", "first", "error"); @progress is an optional callable
        ``f(what, done, total)`` (return False or raise to cancel).

        Raises :class:`firmnet.FileError`, :class:`firmnet.ParseError`,
        :class:`firmnet.DataError` with the file, line and column in the message.
        """
        if actors is None and ties is None:
            raise TypeError("Network.read() needs actors=, ties= or both")
        if ties is None:
            ties = []
        elif isinstance(ties, (str, bytes, os.PathLike)) or hasattr(ties, "read"):
            ties = [ties]
        net = cls()
        try:
            if actors is not None:
                net.read_actors(actors, strict=strict, duplicates=duplicates, progress=progress)
            for t in ties:
                net.read_ties(t, strict=strict, duplicates=duplicates, progress=progress)
        except BaseException:
            net.close()
            raise
        return net

    def read_actors(self, source, *, strict=False, duplicates="sum", progress=None, name=None):
        """Add the actors of an actor file (path, bytes or file object; see :meth:`read`).
        @name labels a bytes/file source in messages. An actor created earlier by a tie gets
        the file's attributes; any other repeated id is a :class:`firmnet.DataError`. On
        error the network is unchanged. Returns a :class:`LoadReport`."""
        return self._read(
            "read_actors", "firmnet_network_read_actors", source, strict, duplicates, progress,
            name,
        )

    def read_ties(self, source, *, strict=False, duplicates="sum", progress=None, name=None):
        """Add the ties of a tie file (path, bytes or file object; see :meth:`read`). On
        error the network is unchanged. Returns a :class:`LoadReport`."""
        return self._read(
            "read_ties", "firmnet_network_read_ties", source, strict, duplicates, progress, name
        )

    def _read(self, caller, cname, source, strict, duplicates, progress, name):
        lib = _lib.lib()
        opts = _read_options(strict, duplicates, progress, caller)
        rep = _lib.LoadReport()
        if hasattr(source, "read"):
            if name is None:
                name = getattr(source, "name", None)
                name = name if isinstance(name, str) else "<stream>"
            source = source.read()
            if isinstance(source, str):
                source = source.encode("utf-8")
        with self._use():
            if isinstance(source, (bytes, bytearray, memoryview)):
                data = bytes(source)
                _call.call(
                    getattr(lib, cname + "_buffer"), self, data, len(data),
                    _call.to_c(name if name is not None else "<bytes>", "name"), opts, byref(rep),
                )
            else:
                _call.call(getattr(lib, cname), self, _call.path_to_c(source), opts, byref(rep))
        return LoadReport._from_c(rep)

    @classmethod
    def from_rows(cls, actors=None, ties=None, *, strict=False, duplicates="sum"):
        """Build a network from Python rows: see :meth:`add_actors` and :meth:`add_ties`
        (lists of dicts or tuples, or pandas DataFrames)."""
        net = cls()
        try:
            if actors is not None:
                net.add_actors(actors)
            if ties is not None:
                net.add_ties(ties, strict=strict, duplicates=duplicates)
        except BaseException:
            net.close()
            raise
        return net

    def add_actor(self, id, attributes=None, **more):
        """Add one actor: @id and its attributes as a dict and/or keywords (names as in an
        actor file header: name, type, size, sector, cluster, region, mc, tech, or any other).
        None and NaN values are blank; other values are converted with str(). Raises
        :class:`firmnet.DataError` for a blank or repeated id."""
        attrs = dict(attributes or {})
        attrs.update(more)
        names = [_call.to_c(str(k), "attribute name") for k in attrs]
        values = [None if _missing(v) else _call.to_c(str(v), "attribute value")
                  for v in attrs.values()]
        n = len(names)
        with self._use():
            _call.call(
                _lib.lib().firmnet_network_add_actor, self, _call.to_c(str(id), "id"), n,
                (c_char_p * max(n, 1))(*names), (c_char_p * max(n, 1))(*values),
            )

    def add_actors(self, rows):
        """Add actors from rows: dicts with an ``id`` key and attribute keys, or a pandas
        DataFrame with an ``id`` column. Returns the number of actors added. An error names
        the row (counting from 1) and leaves the rows before it added."""
        count = 0
        for i, row in enumerate(_records(rows), 1):
            if not hasattr(row, "keys"):
                raise TypeError("actor row %d: expected a dict with an 'id' key" % i)
            row = dict(row)
            if "id" not in row:
                raise ValueError("actor row %d has no 'id'" % i)
            ident = row.pop("id")
            try:
                self.add_actor(ident, row)
            except errors.Error as e:
                raise type(e)("actor row %d: %s" % (i, e.message), e.code, e.reason) from None
            count += 1
        return count

    def add_tie(self, source, target, weight=1.0, *, wave=None, layer=None, strict=False,
                duplicates="sum"):
        """Add one tie ``source -> target`` (actor ids). @wave None is the unnamed wave "",
        @layer None is "tie"; @weight must be a finite number > 0. Unknown actors are added
        (or, with @strict, are an error); duplicates follow @duplicates. Returns a
        :class:`LoadReport`."""
        opts = _read_options(strict, duplicates, None, "add_tie")
        rep = _lib.LoadReport()
        w = 1.0 if weight is None else weight
        if not isinstance(w, numbers.Real):
            raise TypeError("weight must be a number, not %s" % type(w).__name__)
        with self._use():
            _call.call(
                _lib.lib().firmnet_network_add_tie, self, _call.to_c(wave, "wave"),
                _call.to_c(layer, "layer"), _call.to_c(str(source), "source"),
                _call.to_c(str(target), "target"), float(w), opts, byref(rep),
            )
        return LoadReport._from_c(rep)

    def add_ties(self, rows, *, strict=False, duplicates="sum"):
        """Add ties from rows: dicts with ``source``, ``target`` and optional ``wave``,
        ``layer``, ``weight`` (missing or None: defaults), tuples ``(source, target)`` or
        ``(source, target, weight)``, or a pandas DataFrame with those columns. Returns the
        summed :class:`LoadReport`. An error names the row (counting from 1) and leaves the
        rows before it added."""
        total = LoadReport()
        for i, row in enumerate(_records(rows), 1):
            if hasattr(row, "keys"):
                unknown = set(row) - {"source", "target", "wave", "layer", "weight"}
                if unknown:
                    raise ValueError("tie row %d: unknown keys %s" % (i, sorted(unknown)))
                if "source" not in row or "target" not in row:
                    raise ValueError("tie row %d needs 'source' and 'target'" % i)
                args = dict(row)
            elif isinstance(row, (tuple, list)) and len(row) in (2, 3):
                args = dict(zip(("source", "target", "weight"), row))
            else:
                raise TypeError(
                    "tie row %d: expected a dict or a (source, target[, weight]) tuple" % i
                )
            wave, layer = args.get("wave"), args.get("layer")
            try:
                total += self.add_tie(
                    args["source"], args["target"], args.get("weight"),
                    wave=None if _missing(wave) else wave,
                    layer=None if _missing(layer) else layer,
                    strict=strict, duplicates=duplicates,
                )
            except errors.Error as e:
                raise type(e)("tie row %d: %s" % (i, e.message), e.code, e.reason) from None
        return total

    # ---- accessors -----------------------------------------------------------------------

    def _count(self, what):
        with self._use():
            return getattr(_lib.lib(), "firmnet_network_%s_count" % what)(self)

    @property
    def actor_count(self):
        """Number of actors."""
        return self._count("actor")

    @property
    def tie_count(self):
        """Number of distinct ties (after merging duplicates)."""
        return self._count("tie")

    @property
    def waves(self):
        """The wave names in wave order (numeric when all are numbers)."""
        lib = _lib.lib()
        with self._use():
            n = lib.firmnet_network_wave_count(self)
            return [_call.from_c(lib.firmnet_network_wave_name(self, k)) for k in range(n)]

    @property
    def layers(self):
        """The layer names in byte order."""
        lib = _lib.lib()
        with self._use():
            n = lib.firmnet_network_layer_count(self)
            return [_call.from_c(lib.firmnet_network_layer_name(self, k)) for k in range(n)]

    @property
    def attributes(self):
        """The actor attribute names: name, type, size, sector, cluster, region, mc, tech,
        then extra columns in the order first seen."""
        lib = _lib.lib()
        with self._use():
            n = lib.firmnet_network_attribute_count(self)
            return [_call.from_c(lib.firmnet_network_attribute_name(self, k)) for k in range(n)]

    @property
    def actor_ids(self):
        """The actor ids in actor (= vertex) order."""
        lib = _lib.lib()
        with self._use():
            n = lib.firmnet_network_actor_count(self)
            return [_call.from_c(lib.firmnet_network_actor_id(self, i)) for i in range(n)]

    def actor_id(self, index):
        """The id of actor @index. Raises IndexError."""
        with self._use():
            n = _lib.lib().firmnet_network_actor_count(self)
            if not isinstance(index, numbers.Integral) or not 0 <= index < n:
                raise IndexError("actor index %r out of range (%d actors)" % (index, n))
            return _call.from_c(_lib.lib().firmnet_network_actor_id(self, index))

    def actor_index(self, id):
        """The index of the actor with @id. Raises :class:`firmnet.NotFoundError`."""
        out = c_size_t()
        with self._use():
            _call.call(_lib.lib().firmnet_network_actor_index, byref(out), self,
                       _call.to_c(str(id), "id"))
        return out.value

    def _index(self, actor):
        if isinstance(actor, numbers.Integral) and not isinstance(actor, bool):
            self.actor_id(actor)  # range check
            return int(actor)
        return self.actor_index(actor)

    def actor_attribute(self, actor, name):
        """The value of attribute @name (case-insensitive) of @actor (an id or an index):
        "" when blank. Raises :class:`firmnet.NotFoundError` for an unknown actor or
        attribute."""
        i = self._index(actor)
        with self._use():
            v = _lib.lib().firmnet_network_actor_attribute(self, i, _call.to_c(name, "name"))
        if v is None:
            raise errors.NotFoundError(
                "no actor attribute '%s' (attributes: %s)" % (name, ", ".join(self.attributes)),
                errors.ENOTFOUND,
            )
        return _call.from_c(v)

    def attribute_is_numeric(self, name):
        """Whether every non-blank value of attribute @name is a number (and one exists).
        Raises :class:`firmnet.NotFoundError`."""
        with self._use():
            return _call.call(
                _lib.lib().firmnet_network_attribute_is_numeric, self, _call.to_c(name, "name")
            ) == 1

    def tie(self, k):
        """Tie @k (0 <= k < tie_count, insertion order) as a :class:`Tie` with actor ids.
        Raises :class:`firmnet.RangeError` (an IndexError)."""
        lib = _lib.lib()
        s, t, w = c_size_t(), c_size_t(), c_double()
        wave, layer = c_char_p(), c_char_p()
        if not isinstance(k, numbers.Integral) or k < 0:
            raise IndexError("tie index %r out of range" % (k,))
        with self._use():
            _call.call(lib.firmnet_network_tie, self, k, byref(s), byref(t), byref(wave),
                       byref(layer), byref(w))
            return Tie(
                _call.from_c(wave.value), _call.from_c(layer.value),
                _call.from_c(lib.firmnet_network_actor_id(self, s.value)),
                _call.from_c(lib.firmnet_network_actor_id(self, t.value)), w.value,
            )

    def iter_ties(self):
        """Iterate over the ties as :class:`Tie` tuples, in insertion order."""
        for k in range(self.tie_count):
            yield self.tie(k)

    def check_selector(self, layer):
        """Raise :class:`firmnet.NotFoundError` (naming the layers that exist) when a name in
        the selector @layer selects no layer of this network."""
        with self._use():
            _call.call(_lib.lib().firmnet_network_check_selector, self,
                       _call.layer_selector(layer))

    @property
    def load_report(self):
        """Cumulative :class:`LoadReport` of every read and add call on this network."""
        rep = _lib.LoadReport()
        with self._use():
            _call.call(_lib.lib().firmnet_network_load_report, self, byref(rep))
        return LoadReport._from_c(rep)

    def actors_table(self):
        """The actors as a :class:`Table`: ``id`` and every attribute (numeric attributes as
        numbers), one row per actor in index order."""
        with self._use():
            return _call.table_call(_lib.lib().firmnet_network_actors_table, self)

    def ties_table(self):
        """The ties as a :class:`Table` with columns wave, layer, source, target, weight."""
        with self._use():
            return _call.table_call(_lib.lib().firmnet_network_ties_table, self)

    def __repr__(self):
        if self._ptr is None:
            return "<firmnet.Network (closed)>"
        return "<firmnet.Network %d actors, %d ties, waves %s, %d layers>" % (
            self.actor_count, self.tie_count, self.waves, len(self.layers))

    # ---- outputs: files for other programs, pictures, the report ----------------------------

    def export(self, path, format=None, *, layer=None, wave=None, undirected=False, merge="sum",
               attributes=None, label=None, drop_isolates=None, description=None, no_bom=None,
               partition=None):
        """Write a graph view for other network programs (``firmnet_graph_export``; the CLI
        ``firmnet-export``): GraphML, GEXF 1.3 or Pajek, with actor attributes on the nodes
        and weight, layer and wave on the edges. See :meth:`Graph.export` for the options;
        @layer, @wave, @undirected, @merge select the view as in :meth:`graph`. With
        @partition (an actor attribute; Pajek only) a partition file is written beside
        @path as ``firmnet-export --partition`` names it ("x.net" -> "x.clu"). Returns the
        list of files written."""
        with self.graph(layer=layer, wave=wave, undirected=undirected, merge=merge) as g:
            written = [g.export(path, format, attributes=attributes, label=label,
                                drop_isolates=drop_isolates, description=description,
                                no_bom=no_bom)]
            if partition is not None:
                name = os.fspath(path)
                if isinstance(name, bytes):
                    name = os.fsdecode(name)
                gz = name.endswith(".gz")
                stem = name[:-3] if gz else name
                if len(stem) > 4 and stem.endswith(".net"):
                    stem = stem[:-4]
                clu = stem + ".clu" + (".gz" if gz else "")
                g.export_partition(clu, partition, drop_isolates=drop_isolates)
                written.append(clu)
        return written

    def draw(self, path, *, layer=None, wave=None, undirected=False, merge="sum", seed=None,
             layout=None, title=None, size_by=None, size_label=None, labels=None, label=None,
             size=None, drop_isolates=None):
        """Draw a graph view as SVG (``firmnet_graph_draw``; the CLI ``firmnet-draw``): nodes
        coloured by actor type, mini-cluster members ringed, edges coloured by layer. The view
        is selected by @layer, @wave, @undirected, @merge; see :meth:`Graph.draw` for the
        other options."""
        with self.graph(layer=layer, wave=wave, undirected=undirected, merge=merge) as g:
            g.draw(path, seed=seed, layout=layout, title=title, size_by=size_by,
                   size_label=size_label, labels=labels, label=label, size=size,
                   drop_isolates=drop_isolates)

    def report(self, path, *, title=None, wave=None, layer=None, top=None, permutations=None,
               bootstrap=None, seed=None, measure=None, progress=None):
        """Write one self-contained HTML report (``firmnet_report_write``; the CLI
        ``firmnet-report``): overview, top actors by PageRank and betweenness per layer group
        and wave, embeddedness by cluster, MC participants vs non-participants between the
        first and the last wave (sentences, charts, tables), and network drawings.

        Options, named as the CLI's (None keeps the library's default): @title ("Network
        report"); @wave: the waves to report, "2005,2007" or a list (all); @layer: layer
        groups as for :meth:`change` (every top-level layer, then "all"); @top: actors per
        ranking (10); @permutations (999), @bootstrap (1000), @seed (1): the comparison
        (and the layouts' seed); @measure: the change measure charted ("partners");
        @progress: an optional callable ``f(what, done, total)``. See doc/report.md.
        """
        opts = _call.make_options(
            _lib.ReportOptions,
            dict(title=title, wave=wave, layer=layer, top=top, permutations=permutations,
                 bootstrap=bootstrap, seed=seed, measure=measure, progress=progress),
            "report")
        with self._use():
            _call.call(_lib.lib().firmnet_report_write, self, _call.path_to_c(path), opts)

    # ---- graph views and the machinery for analyses ------------------------------------------

    def graph(self, *, layer=None, wave=None, undirected=False, merge="sum"):
        """A :class:`Graph` view: the ties of the layers selected by @layer (a selector such
        as "trade,rnd" or "service", or a list; None = all) in @wave (None = all waves),
        directed or @undirected, parallel ties merged by @merge ("sum", "max", "mean",
        "count"). Raises :class:`firmnet.NotFoundError` for a wave or layer that does not
        exist."""
        return Graph(self, layer=layer, wave=wave, undirected=undirected, merge=merge)

    @contextlib.contextmanager
    def _view(self, kwargs):
        """``with net._view(kwargs) as (graph, rest):`` the graph view selected by the
        :data:`VIEW_KEYWORDS` in @kwargs, and the other keyword arguments (for the
        analysis's own options). The view is freed when the block ends, also on error, and
        the network's lock is held inside the block."""
        view = {k: kwargs[k] for k in VIEW_KEYWORDS if k in kwargs}
        rest = {k: v for k, v in kwargs.items() if k not in VIEW_KEYWORDS}
        with self.graph(**view) as g, self._use():
            yield g, rest

    def _view_table(self, func, options_cls, kwargs, caller):
        """Run a per-view analysis: the generic body of an analysis method.

        @kwargs holds the method's keyword arguments: the :data:`VIEW_KEYWORDS` build the
        graph view, the others fill an options struct of class @options_cls (None when the
        C function takes no options; then any other keyword is a TypeError naming @caller).
        Calls ``func(firmnet_table **out, const firmnet_graph *graph[, const options *])``
        and returns the :class:`Table`. The view is freed before this returns, also on error.
        For other C signatures, use :meth:`_view` with :func:`firmnet._call.table_call`.
        """
        rest = {k: v for k, v in kwargs.items() if k not in VIEW_KEYWORDS}
        if options_cls is None and rest:
            raise TypeError(
                "%s() got an unexpected keyword argument %r" % (caller, next(iter(rest)))
            )
        opts = _call.make_options(options_cls, rest, caller) if options_cls else None
        with self._view(kwargs) as (g, _):
            args = (g,) if options_cls is None else (g, opts)
            return _call.table_call(func, *args)

    def _view_by_table(self, func, options_cls, by, kwargs, caller):
        """Like :meth:`_view_table` for analyses of the groups of an actor attribute:
        ``func(firmnet_table **out, const firmnet_graph *, const char *by, const options *)``.
        """
        rest = {k: v for k, v in kwargs.items() if k not in VIEW_KEYWORDS}
        opts = _call.make_options(options_cls, rest, caller)
        attribute = _call.to_c(by, "by")
        with self._view(kwargs) as (g, _):
            return _call.table_call(func, g, attribute, opts)

    def _network_table(self, func, options_cls, kwargs, caller):
        """Run a whole-network analysis returning one table: ``func(firmnet_table **out,
        const firmnet_network *[, const options *])``, the options (when @options_cls is not
        None) filled from @kwargs. Returns the :class:`Table`."""
        return self._network_call(func, 1, options_cls, kwargs, caller)[0]

    def _network_tables(self, func, names, options_cls, kwargs, caller):
        """Run a whole-network analysis returning several tables (panel analyses that pick
        their own waves, e.g. ``change``): ``func(firmnet_table **out1, ..., **out<n>, const
        firmnet_network *[, const options *])``. Returns :class:`Tables` whose attributes are
        @names (in the order of the C outputs)."""
        tables = self._network_call(func, len(names), options_cls, kwargs, caller)
        return Tables(**dict(zip(names, tables)))

    def _network_call(self, func, count, options_cls, kwargs, caller):
        if options_cls is None and kwargs:
            raise TypeError(
                "%s() got an unexpected keyword argument %r" % (caller, next(iter(kwargs)))
            )
        opts = _call.make_options(options_cls, kwargs, caller) if options_cls else None
        with self._use():
            args = (self,) if options_cls is None else (self, opts)
            return _call.tables_call(func, count, *args)

    # ---- analyses ------------------------------------------------------------------------

    def summary(self):
        """Describe the network per wave and layer group (``firmnet_summary``; the CLI
        ``firmnet-summary``): one row per wave and layer group (``all``, parent layers such as
        ``service``, every layer) with columns wave, layer, actors, firm, university,
        research, support, government, service, other, ties, weight, density, reciprocity,
        components, isolates, mean_degree, cluster_share."""
        return self._network_table(_lib.lib().firmnet_summary, None, {}, "summary")

    def centrality(self, *, layer=None, wave=None, undirected=False, merge="sum",
                   measures=None, weights=None, normalized=None, damping=None,
                   closeness_mode=None, coreness_mode=None, betweenness=None, samples=None,
                   epsilon=None, delta=None, seed=None, sample_above=None, threads=None):
        """Centrality of every actor of a view (``firmnet_centrality``; the CLI
        ``firmnet-centrality``). One row per actor in actor order, isolates included.

        Columns: id, type, size, cluster, mc, then the selected measures in this order:
        degree_in, degree_out, degree, strength_in, strength_out, strength, betweenness,
        closeness, harmonic, eigenvector, pagerank, hub, authority, coreness, clustering,
        clustering_weighted; and betweenness_method ("exact" or "sampled k=... seed=...
        bound=... delta=...") when betweenness is selected.

        The view: @layer, @wave, @undirected, @merge (see :meth:`graph`). The options, named
        as the CLI's (None keeps the library's default):

        - @measures: "degree,betweenness" or a list of column names; default all;
        - @weights: "inverse" (default: distance = 1 / weight), "distance", "unweighted";
        - @normalized: True normalizes degree, betweenness, closeness and harmonic;
        - @damping: PageRank damping factor in [0, 1] (0.85);
        - @closeness_mode ("out"), @coreness_mode ("all"): "out", "in" or "all";
        - @betweenness: "auto" (default), "exact" or "sampled";
        - @samples (0: from @epsilon), @epsilon (0.05), @delta (0.1), @seed (1),
          @sample_above (10000): sampled betweenness (see include/firmnet/centrality.h);
        - @threads: threads for PageRank and betweenness; 0 (default) chooses by the size of
          the view (see "Threads" in include/firmnet/centrality.h). Results do not depend on it.

        Raises :class:`firmnet.InvalidArgumentError` for an unknown measure or option value,
        :class:`firmnet.NotFoundError` for a wave or layer that does not exist.
        """
        return self._view_table(_lib.lib().firmnet_centrality, _lib.CentralityOptions,
                                dict(layer=layer, wave=wave, undirected=undirected, merge=merge,
                                     measures=measures, weights=weights, normalized=normalized,
                                     damping=damping, closeness_mode=closeness_mode,
                                     coreness_mode=coreness_mode, betweenness=betweenness,
                                     samples=samples, epsilon=epsilon, delta=delta, seed=seed,
                                     sample_above=sample_above, threads=threads),
                                "centrality")

    def centralization(self, *, layer=None, wave=None, undirected=False, merge="sum",
                       measures=None, weights=None, normalized=None, damping=None,
                       closeness_mode=None, coreness_mode=None, betweenness=None, samples=None,
                       epsilon=None, delta=None, seed=None, sample_above=None, threads=None):
        """Density and Freeman centralization of a view (``firmnet_centralization``; the CLI
        ``firmnet-centrality --network``), with the options of :meth:`centrality`.

        Columns: measure, value, raw, theoretical_max, method. Rows: density, then degree_in,
        degree_out, degree, betweenness and closeness when @measures selects them (default
        all). Weights are ignored: Freeman centralization is defined on the binary graph.
        """
        return self._view_table(_lib.lib().firmnet_centralization, _lib.CentralityOptions,
                                dict(layer=layer, wave=wave, undirected=undirected, merge=merge,
                                     measures=measures, weights=weights, normalized=normalized,
                                     damping=damping, closeness_mode=closeness_mode,
                                     coreness_mode=coreness_mode, betweenness=betweenness,
                                     samples=samples, epsilon=epsilon, delta=delta, seed=seed,
                                     sample_above=sample_above, threads=threads),
                                "centralization")

    def embeddedness(self, *, layer=None, wave=None, undirected=False, merge="sum",
                     measures=None, unweighted=None):
        """Local, structural and relational embeddedness of every actor of a view
        (``firmnet_embeddedness``; the CLI ``firmnet-embeddedness``).

        Columns: id, then per family selected by @measures ("local,structural,relational"
        or a list; default all): the local shares ``<scope>_share_<dir>[_n]`` for scope
        cluster, region, mc and dir out, in, all, and unknown_<dir>[_n]; constraint,
        effective_size, efficiency, hierarchy, clustering, coreness; partners,
        strength_mean, strength_max, multiplex_partners, multiplex_share, layers_per_dyad,
        reciprocity. @unweighted: Burt's measures count ties instead of using weights. See
        doc/embeddedness.md.
        """
        return self._view_table(_lib.lib().firmnet_embeddedness, _lib.EmbeddednessOptions,
                                dict(layer=layer, wave=wave, undirected=undirected, merge=merge,
                                     measures=measures, unweighted=unweighted),
                                "embeddedness")

    def embeddedness_groups(self, by, *, layer=None, wave=None, undirected=False, merge="sum",
                            exclude_blank=None):
        """Local embeddedness per group of the actor attribute @by (``type``, ``mc``,
        ``mc?``, ``cluster``, ...; ``firmnet_embeddedness_groups``; the CLI
        ``firmnet-embeddedness --groups ATTR``).

        Columns: group, n_actors and the local columns of :meth:`embeddedness`; the first
        row is every actor (group ``*``). @exclude_blank leaves actors with a blank value out
        (default: they form the group ""). Raises :class:`firmnet.NotFoundError` for an
        unknown attribute.
        """
        return self._view_by_table(_lib.lib().firmnet_embeddedness_groups,
                                   _lib.EmbeddednessOptions, by,
                                   dict(layer=layer, wave=wave, undirected=undirected,
                                        merge=merge, exclude_blank=exclude_blank),
                                   "embeddedness_groups")

    def ei(self, by, *, layer=None, wave=None, undirected=False, merge="sum",
           permutations=None, seed=None, exclude_blank=None, progress=None):
        """The E-I index of Krackhardt and Stern for the groups of the actor attribute @by
        (``firmnet_ei``; the CLI ``firmnet-ei --by ATTR``): one row for the whole network
        (group ``*``), then one per group.

        Columns: group, n_actors, internal, external_out, external_in, ei, ei_out,
        ei_weighted, ei_expected, p_perm, p_ge, p_le, p_perm_weighted, perm_mean, perm_sd.
        @permutations: random relabellings for the p-values (5000; 0: none); @seed (1);
        @exclude_blank: leave out actors with a blank value (default: a group ""); @progress:
        an optional callable ``f(what, done, total)`` (return False or raise to cancel).
        """
        return self._view_by_table(_lib.lib().firmnet_ei, _lib.EiOptions, by,
                                   dict(layer=layer, wave=wave, undirected=undirected,
                                        merge=merge, permutations=permutations, seed=seed,
                                        exclude_blank=exclude_blank, progress=progress),
                                   "ei")

    def ei_actors(self, by, *, layer=None, wave=None, undirected=False, merge="sum",
                  exclude_blank=None):
        """The E-I index of every actor for the groups of @by (``firmnet_ei_actors``; what
        ``firmnet-ei --by ATTR --per-actor FILE`` writes to FILE).

        Columns: id, group, internal, external, ei, ei_weighted, ei_expected.
        """
        return self._view_by_table(_lib.lib().firmnet_ei_actors, _lib.EiOptions, by,
                                   dict(layer=layer, wave=wave, undirected=undirected,
                                        merge=merge, exclude_blank=exclude_blank),
                                   "ei_actors")

    def brokerage(self, by, *, layer=None, wave=None, undirected=False, merge="sum",
                  exclude_blank=None):
        """Gould and Fernandez brokerage roles of every actor for the groups of @by, as R's
        sna::brokerage() (``firmnet_brokerage``; the CLI ``firmnet-brokerage --by ATTR``).

        Columns: id, group; coordinator, itinerant, gatekeeper, representative, liaison,
        total; expected_<role> and z_<role> for the same six.
        """
        return self._view_by_table(_lib.lib().firmnet_brokerage, _lib.BrokerageOptions, by,
                                   dict(layer=layer, wave=wave, undirected=undirected,
                                        merge=merge, exclude_blank=exclude_blank),
                                   "brokerage")

    def brokerage_global(self, by, *, layer=None, wave=None, undirected=False, merge="sum",
                         exclude_blank=None):
        """Network-level brokerage (``firmnet_brokerage_global``; what ``firmnet-brokerage
        --by ATTR --global FILE`` writes to FILE): one row per role (coordinator, itinerant,
        gatekeeper, representative, liaison, total) with columns role, observed, expected,
        sd, z."""
        return self._view_by_table(_lib.lib().firmnet_brokerage_global, _lib.BrokerageOptions,
                                   by,
                                   dict(layer=layer, wave=wave, undirected=undirected,
                                        merge=merge, exclude_blank=exclude_blank),
                                   "brokerage_global")

    def change(self, *, from_wave=None, to_wave=None, layer=None, group=None, strata=None,
               panel=None, attributes=None, permutations=None, bootstrap=None, seed=None,
               merge=None, progress=None, **other):
        """Compare two waves: did the networks of group members (MC participants) change
        more than the others'? (``firmnet_change``; the CLI ``firmnet-change``.)

        Returns a :class:`firmnet.ChangeResult`: the tables ``.actors``, ``.groups`` and
        ``.ties``, the CLI's plain-language ``.summary``, ``.from_wave``, ``.to_wave`` and
        ``.panel_size``.

        Options, named as the CLI's (``from`` is a Python keyword, hence ``from_wave`` and
        ``to_wave``); None keeps the library's default:

        - @from_wave, @to_wave: the waves (the first and the last);
        - @layer: layer groups, each reported on its own: "trade,service", "trade+rnd" (one
          group of two layers), or a list (default: every top-level layer, then "all");
        - @group: the group attribute ("mc"; blank, 0, no, false = non-participant);
        - @strata: compare within the strata of this attribute ("size"; "none": no strata);
        - @panel: "respondents" (sources of a tie in both waves; default) or "all";
        - @attributes: a file of numeric attributes per wave (columns wave, id, numbers);
        - @permutations (9999), @bootstrap (2000), @seed (1);
        - @merge: parallel ties of a layer group: "sum" (default), "max", "mean", "count";
        - @progress: an optional callable ``f(what, done, total)``.

        Raises :class:`firmnet.NotFoundError` (a wave, layer or attribute that does not
        exist), :class:`firmnet.InvalidArgumentError`, :class:`firmnet.DataError`,
        :class:`firmnet.FileError` / :class:`firmnet.ParseError` (the attribute file).
        """
        if other:
            key = next(iter(other))
            hint = {"wave": ": use from_wave= and to_wave=",
                    "undirected": ": change is measured on directed ties"}.get(key, "")
            raise TypeError("change() got an unexpected keyword argument %r%s" % (key, hint))
        opts = _call.make_options(
            _lib.ChangeOptions,
            dict(from_wave=from_wave, to_wave=to_wave, layer=layer, group=group, strata=strata,
                 panel=panel, attributes=attributes, permutations=permutations,
                 bootstrap=bootstrap, seed=seed, merge=merge, progress=progress),
            "change")
        out = _lib.CHANGE_RESULT_P()
        with self._use():
            _call.call(_lib.lib().firmnet_change, byref(out), self, opts)
        return ChangeResult._adopt(out)


class Graph(_call.Handle):
    """A graph view of a :class:`Network` (``firmnet_graph``): one weighted graph built from a
    selection of the network's ties. Vertex i is actor i of the network, isolates included.

    Made by :meth:`Network.graph`. The view keeps its network alive; close it (or use
    ``with``) to free it early. Closing the network closes its views.
    """

    _kind = "Graph"

    def __init__(self, network, *, layer=None, wave=None, undirected=False, merge="sum"):
        if not isinstance(network, Network):
            raise TypeError("Graph() needs a firmnet.Network")
        lib = _lib.lib()
        opts = _call.make_options(
            _lib.GraphOptions,
            {"layer": layer, "wave": wave, "undirected": undirected, "merge": merge},
            "graph",
        )
        out = _lib.GRAPH_P()
        with network._use():
            _call.call(lib.firmnet_graph_new, byref(out), network, opts)
            self._init_handle(out, lib.firmnet_graph_free, keep=(network,), lock=network._lock)
            network._graphs.add(self)
        self.network = network
        self.layer = layer
        self.wave = None if wave is None else str(wave)

    def close(self):
        """Free the view now (the network stays open). Idempotent."""
        super().close()
        network = getattr(self, "network", None)
        if network is not None:
            network._graphs.discard(self)

    @property
    def vertex_count(self):
        """Number of vertices (= actors of the network when the view was built)."""
        with self._use():
            return _lib.lib().firmnet_graph_vertex_count(self)

    @property
    def edge_count(self):
        """Number of edges after merging."""
        with self._use():
            return _lib.lib().firmnet_graph_edge_count(self)

    @property
    def directed(self):
        """True for a directed view."""
        with self._use():
            return bool(_lib.lib().firmnet_graph_is_directed(self))

    def vertex_id(self, v):
        """The actor id of vertex @v. Raises IndexError."""
        with self._use():
            s = _lib.lib().firmnet_graph_vertex_id(self, v) if v >= 0 else None
        if s is None:
            raise IndexError("vertex %r out of range (%d vertices)" % (v, self.vertex_count))
        return _call.from_c(s)

    @property
    def vertex_ids(self):
        """The actor ids of the vertices, in vertex order."""
        lib = _lib.lib()
        with self._use():
            n = lib.firmnet_graph_vertex_count(self)
            return [_call.from_c(lib.firmnet_graph_vertex_id(self, v)) for v in range(n)]

    def edges(self, ids=False):
        """The edges as :class:`Edges` ``(source, target, weight)``: three lists, ordered by
        (source, target) vertex index (source < target in an undirected view). With @ids,
        sources and targets are actor ids instead of vertex indices."""
        lib = _lib.lib()
        with self._use():
            m = lib.firmnet_graph_edge_count(self)
            a, b, w = (c_int64 * max(m, 1))(), (c_int64 * max(m, 1))(), (c_double * max(m, 1))()
            _call.call(lib.firmnet_graph_edges, self, a, b, w, m)
            src, tgt = a[:m], b[:m]
            if ids:
                names = [_call.from_c(lib.firmnet_graph_vertex_id(self, v))
                         for v in range(lib.firmnet_graph_vertex_count(self))]
                src, tgt = [names[v] for v in src], [names[v] for v in tgt]
        return Edges(src, tgt, w[:m])

    def export(self, path, format=None, *, attributes=None, label=None, drop_isolates=None,
               description=None, no_bom=None):
        """Write the view for other network programs (``firmnet_graph_export``; the CLI
        ``firmnet-export``).

        @format: "graphml", "gexf", "pajek" (or "net"); None takes it from the name of
        @path (.graphml, .gexf, .net, each optionally .gz). @attributes: actor attributes to
        write, "all" (default), "none", or a comma list or list of names; @label: the
        attribute used as node label (GEXF, Pajek); @drop_isolates: leave out actors without
        ties in the view; @description: the file's description; @no_bom: Pajek without a
        byte-order mark. The file is replaced atomically. Returns @path."""
        opts = _call.make_options(
            _lib.ExportOptions,
            dict(attributes=attributes, label=label, drop_isolates=drop_isolates,
                 description=description, no_bom=no_bom),
            "export")
        fmt = _call.export_format(format)
        with self._use():
            _call.call(_lib.lib().firmnet_graph_export, self, _call.path_to_c(path), fmt, opts)
        return path

    def export_partition(self, path, attribute, *, drop_isolates=None):
        """Write a Pajek partition (.clu) of the vertices by actor @attribute, numbered as
        :meth:`export` numbers them in a .net file with the same @drop_isolates
        (``firmnet_graph_export_partition``). Returns @path."""
        opts = _call.make_options(_lib.ExportOptions, dict(drop_isolates=drop_isolates),
                                  "export_partition")
        with self._use():
            _call.call(_lib.lib().firmnet_graph_export_partition, self, _call.path_to_c(path),
                       _call.to_c(attribute, "attribute"), opts)
        return path

    def draw(self, path, *, seed=None, layout=None, title=None, size_by=None, size_label=None,
             labels=None, label=None, size=None, drop_isolates=None):
        """Draw the view as SVG (``firmnet_graph_draw``; the CLI ``firmnet-draw``).

        - @seed: layout seed (0); the same seed gives the same file; @layout: "fr", "drl" or
          "auto" (default);
        - @size_by: node size by a numeric actor attribute (a name), by a result table column
          as ``(table, "column")`` with rows matched by ``id`` (the CLI's FILE.csv:COLUMN),
          by a dict {actor id: value}, or by a sequence with one value per vertex; NaN and
          missing values draw smallest; @size_label names the measure in the legend;
        - @labels: label the K largest nodes (default: all up to 50, else 20; 0: none);
          @label: the label attribute (default name);
        - @size: "WxH" or (width, height) in pixels (1000x760); @title; @drop_isolates.
        """
        kw = dict(seed=seed, layout=layout, title=title, size_label=size_label, labels=labels,
                  label=label, drop_isolates=drop_isolates)
        values = None
        if isinstance(size_by, (str, bytes)):
            kw["size_attribute"] = size_by
        elif size_by is not None:
            values, name = self._size_values(size_by)
            if size_label is None:
                kw["size_label"] = name
        if size is not None:
            kw["width"], kw["height"] = _picture_size(size)
        opts = _call.make_options(_lib.DrawOptions, kw, "draw")
        if values is not None:
            arr = (c_double * max(len(values), 1))(*values)
            opts._sizes = arr  # kept alive as long as the struct
            opts.size_values = arr
            opts.size_len = len(values)
        with self._use():
            _call.call(_lib.lib().firmnet_graph_draw, self, _call.path_to_c(path), opts)
        return path

    def _size_values(self, size_by):
        """Per-vertex sizes from @size_by and the legend name they default to."""
        ids = self.vertex_ids
        if isinstance(size_by, tuple) and len(size_by) == 2 and hasattr(size_by[0], "columns"):
            table, column = size_by
            if "id" not in table.columns or column not in table.columns:
                raise ValueError("size_by needs a table with an 'id' column and a column %r"
                                 % (column,))
            by_id = dict(zip(table["id"], table[column]))
            return [_float(by_id.get(i)) for i in ids], column
        if hasattr(size_by, "keys"):
            return [_float(size_by.get(i)) for i in ids], None
        values = [_float(v) for v in size_by]
        if len(values) != len(ids):
            raise ValueError("size_by has %d values for a view of %d vertices"
                             % (len(values), len(ids)))
        return values, None

    def __repr__(self):
        if self._ptr is None:
            return "<firmnet.Graph (closed)>"
        return "<firmnet.Graph %s, %d vertices, %d edges, layer=%r, wave=%r>" % (
            "directed" if self.directed else "undirected", self.vertex_count, self.edge_count,
            self.layer, self.wave)


def _missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def _float(v):
    """A size value: a number, or NaN for None and non-numbers (drawn smallest)."""
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        return float(v)
    return math.nan


def _picture_size(size):
    """"1200x900" or (1200, 900) as (width, height), each in 100..20000 as in firmnet-draw."""
    if isinstance(size, str):
        w, sep, h = size.partition("x")
        try:
            size = (int(w), int(h)) if sep else None
        except ValueError:
            size = None
    if (not isinstance(size, (tuple, list)) or len(size) != 2
            or not all(isinstance(v, numbers.Integral) and 100 <= v <= 20000 for v in size)):
        raise ValueError("size must be 'WxH' or (width, height), each 100..20000")
    return int(size[0]), int(size[1])


def _records(rows):
    """Rows as an iterable: a pandas DataFrame becomes its records."""
    if hasattr(rows, "to_dict") and hasattr(rows, "columns") and not isinstance(rows, dict):
        return rows.to_dict("records")
    if isinstance(rows, (str, bytes, dict)):
        raise TypeError("expected a list of rows, not %s" % type(rows).__name__)
    return rows
