# SPDX-License-Identifier: GPL-3.0-or-later
"""Finding and loading libfirmnet, and the ctypes declarations of its C API.

Nothing here is compiled: the shared library is opened with :mod:`ctypes` on first use.

Search order (the first that loads wins; :func:`load` records every attempt):

1. ``FIRMNET_LIBRARY``: the path of the shared library, or of a folder holding
   ``libfirmnet.so.0``. When it is set, nothing else is tried: an explicit choice that does
   not load is an error, never silently replaced by another copy.
2. A meson build folder: ``$FIRMNET_BUILDDIR/lib``, then, when the package is used from a
   source checkout, ``<checkout>/build*/lib`` (``build`` first). Build folders configured with
   ``-Db_sanitize=...`` are skipped unless the sanitizer runtime is already loaded (loading an
   ASan library into a plain interpreter would abort it).
3. The library directory that ``meson install`` recorded next to the installed package
   (``firmnet/_config.py``).
4. The system's library path: ``ctypes.util.find_library("firmnet")``, then
   ``libfirmnet.so.0`` through the dynamic loader (``LD_LIBRARY_PATH``, ``ld.so.cache``).

Every C function the binding calls is declared once with :func:`declare`; functions returning
a status (0 or a negative ``firmnet_error``) are declared with ``STATUS`` and raise the
matching :class:`firmnet.Error` right after the call, in the calling thread (the C message is
thread-local, and ctypes releases the GIL only for the duration of the call itself).
"""

import ctypes
import ctypes.util
import glob
import json
import os
import threading
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int64,
    c_size_t,
    c_uint,
    c_uint64,
    c_ulong,
    c_void_p,
)

from . import errors

SONAME = "libfirmnet.so.0"
ENV_LIBRARY = "FIRMNET_LIBRARY"
ENV_BUILDDIR = "FIRMNET_BUILDDIR"

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


class LibraryNotFoundError(OSError):
    """libfirmnet could not be loaded; ``.tried`` lists ``(where, why)`` for every attempt."""

    def __init__(self, tried):
        self.tried = list(tried)
        lines = ["cannot load the firmnet C library (libfirmnet); tried:"]
        lines += ["  %s: %s" % (where, why) for where, why in self.tried]
        lines.append(
            "Set %s to the path of %s (for a meson build folder: <build>/lib/%s), "
            "or %s to the build folder." % (ENV_LIBRARY, SONAME, SONAME, ENV_BUILDDIR)
        )
        super().__init__("\n".join(lines))

    def __str__(self):
        return self.args[0]


# ---- opaque handles, structs and callbacks of the public headers ---------------------------


class NetworkHandle(Structure):
    """Opaque ``firmnet_network``."""


class GraphHandle(Structure):
    """Opaque ``firmnet_graph``."""


class TableHandle(Structure):
    """Opaque ``firmnet_table``."""


NETWORK_P = POINTER(NetworkHandle)
GRAPH_P = POINTER(GraphHandle)
TABLE_P = POINTER(TableHandle)

# int (*firmnet_progress_fn)(const char *what, double done, double total, void *payload)
PROGRESS_FN = CFUNCTYPE(c_int, c_char_p, c_double, c_double, c_void_p)

# The status sentinel: declared as `int`, checked after every call.
STATUS = object()


class LoadReport(Structure):
    """``firmnet_load_report``."""

    _fields_ = [
        ("rows", c_size_t),
        ("blank_lines", c_size_t),
        ("actors_added", c_size_t),
        ("actors_implicit", c_size_t),
        ("ties_added", c_size_t),
        ("duplicates_merged", c_size_t),
        ("self_ties_dropped", c_size_t),
        ("near_duplicate_ids", c_size_t),
    ]


class Options(Structure):
    """Base of the versioned C options structs (``unsigned int version`` first).

    A subclass declares, besides ``_fields_`` copied from the C header:

    - ``_init_``: the name of the C ``firmnet_x_options_init()`` function;
    - ``VERSION``: the ``FIRMNET_X_OPTIONS_VERSION`` whose layout ``_fields_`` describes;
    - ``_keywords_`` (optional): Python keyword -> C field, where the CLI's option name and the
      C field differ (``layer`` -> ``layers``);
    - ``_converters_`` (optional): C field -> function turning the Python value into the C
      value (merge rule names -> enum values, ...), or the name of such a function in
      :mod:`firmnet._call` (which imports this module, so it cannot be named directly).

    :func:`firmnet._call.make_options` fills one from keyword arguments.
    """

    _init_ = None
    VERSION = 1
    _keywords_ = {}
    _converters_ = {}


class ReadOptions(Options):
    """``firmnet_read_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("strict", c_int),
        ("duplicates", c_int),
        ("progress", PROGRESS_FN),
        ("progress_payload", c_void_p),
    ]
    _init_ = "firmnet_read_options_init"
    VERSION = 1


class GraphOptions(Options):
    """``firmnet_graph_options`` (version 1)."""

    _fields_ = [
        ("version", c_uint),
        ("layers", c_char_p),
        ("wave", c_char_p),
        ("undirected", c_int),
        ("merge", c_int),
    ]
    _init_ = "firmnet_graph_options_init"
    VERSION = 1
    _keywords_ = {"layer": "layers"}


class ChangeResultHandle(Structure):
    """Opaque ``firmnet_change_result``."""


CHANGE_RESULT_P = POINTER(ChangeResultHandle)

# The enums of centrality.h, embeddedness.h and change.h are C `int`s; their names are parsed
# by the C library (firmnet_weights_parse, ...) or, where it has no parser, by the binding
# with the CLI's names (see firmnet.analyses).


class CentralityOptions(Options):
    """``firmnet_centrality_options`` (version 2), of firmnet_centrality() and
    firmnet_centralization()."""

    _fields_ = [
        ("version", c_uint),
        ("measures", c_char_p),
        ("weights", c_int),  # firmnet_weights
        ("normalized", c_int),
        ("damping", c_double),
        ("closeness_mode", c_int),  # firmnet_mode
        ("coreness_mode", c_int),  # firmnet_mode
        ("betweenness", c_int),  # firmnet_betweenness_method
        ("samples", c_size_t),
        ("epsilon", c_double),
        ("delta", c_double),
        ("seed", c_uint64),
        ("sample_above", c_size_t),
        ("threads", c_uint),  # version 2
    ]
    _init_ = "firmnet_centrality_options_init"
    VERSION = 2
    _converters_ = {
        "measures": "centrality_measures",
        "weights": "weights_value",
        "closeness_mode": "mode_value",
        "coreness_mode": "mode_value",
        "betweenness": "betweenness_value",
    }


class EmbeddednessOptions(Options):
    """``firmnet_embeddedness_options`` (version 1), of firmnet_embeddedness() and
    firmnet_embeddedness_groups()."""

    _fields_ = [
        ("version", c_uint),
        ("measures", c_uint),  # OR of firmnet_embeddedness_measures
        ("unweighted", c_int),
        ("blank", c_int),  # firmnet_blank
    ]
    _init_ = "firmnet_embeddedness_options_init"
    VERSION = 1
    _keywords_ = {"exclude_blank": "blank"}
    _converters_ = {"measures": "embeddedness_measures", "blank": "blank_rule"}


class EiOptions(Options):
    """``firmnet_ei_options`` (version 1), of firmnet_ei() and firmnet_ei_actors()."""

    _fields_ = [
        ("version", c_uint),
        ("permutations", c_size_t),
        ("seed", c_ulong),
        ("blank", c_int),  # firmnet_blank
        ("progress", PROGRESS_FN),
        ("progress_payload", c_void_p),
    ]
    _init_ = "firmnet_ei_options_init"
    VERSION = 1
    _keywords_ = {"exclude_blank": "blank"}
    _converters_ = {"blank": "blank_rule"}


class BrokerageOptions(Options):
    """``firmnet_brokerage_options`` (version 1), of firmnet_brokerage() and
    firmnet_brokerage_global()."""

    _fields_ = [
        ("version", c_uint),
        ("blank", c_int),  # firmnet_blank
    ]
    _init_ = "firmnet_brokerage_options_init"
    VERSION = 1
    _keywords_ = {"exclude_blank": "blank"}
    _converters_ = {"blank": "blank_rule"}


class ChangeOptions(Options):
    """``firmnet_change_options`` (version 1). ``from`` is a Python keyword, so the CLI's
    ``--from``/``--to`` are the keywords ``from_wave``/``to_wave``."""

    _fields_ = [
        ("version", c_uint),
        ("from", c_char_p),
        ("to", c_char_p),
        ("layers", c_char_p),
        ("group", c_char_p),
        ("strata", c_char_p),
        ("panel", c_int),  # firmnet_change_panel
        ("permutations", c_uint),
        ("bootstrap", c_uint),
        ("seed", c_uint64),
        ("attributes", c_char_p),
        ("merge", c_int),  # firmnet_merge
        ("progress", PROGRESS_FN),
        ("progress_payload", c_void_p),
    ]
    _init_ = "firmnet_change_options_init"
    VERSION = 1
    _keywords_ = {"from_wave": "from", "to_wave": "to", "layer": "layers"}
    _converters_ = {"panel": "change_panel", "strata": "change_strata"}


class ExportOptions(Options):
    """``firmnet_export_options`` (version 1), of firmnet_graph_export() and
    firmnet_graph_export_partition()."""

    _fields_ = [
        ("version", c_uint),
        ("attributes", c_char_p),
        ("label", c_char_p),
        ("drop_isolates", c_int),
        ("description", c_char_p),
        ("no_bom", c_int),
    ]
    _init_ = "firmnet_export_options_init"
    VERSION = 1
    _converters_ = {"attributes": "attribute_list"}


class DrawOptions(Options):
    """``firmnet_draw_options`` (version 1), of firmnet_graph_draw(). ``size_values`` and
    ``size_len`` are set by :meth:`firmnet.Graph.draw` from its ``size_by`` argument."""

    _fields_ = [
        ("version", c_uint),
        ("seed", c_uint64),
        ("layout", c_int),  # firmnet_layout_algorithm
        ("title", c_char_p),
        ("size_values", POINTER(c_double)),
        ("size_len", c_size_t),
        ("size_attribute", c_char_p),
        ("size_label", c_char_p),
        ("label_attribute", c_char_p),
        ("labels", c_int),
        ("width", c_int),
        ("height", c_int),
        ("drop_isolates", c_int),
    ]
    _init_ = "firmnet_draw_options_init"
    VERSION = 1
    _keywords_ = {"label": "label_attribute"}
    _converters_ = {"layout": "layout_value", "labels": "label_count"}


class ChartOptions(Options):
    """``firmnet_chart_options`` (version 1), of the chart functions of chart.h."""

    _fields_ = [
        ("version", c_uint),
        ("title", c_char_p),
        ("x_label", c_char_p),
        ("y_label", c_char_p),
        ("width", c_int),
        ("height", c_int),
        ("style", c_int),  # firmnet_chart_style
        ("bins", c_int),
    ]
    _init_ = "firmnet_chart_options_init"
    VERSION = 1
    _keywords_ = {"xlabel": "x_label", "ylabel": "y_label"}
    _converters_ = {"style": "chart_style"}


class ReportOptions(Options):
    """``firmnet_report_options`` (version 1), of firmnet_report_write(). The keywords are
    the CLI's: ``wave`` (a list of waves) and ``layer`` (layer groups)."""

    _fields_ = [
        ("version", c_uint),
        ("title", c_char_p),
        ("waves", c_char_p),
        ("layers", c_char_p),
        ("top", c_uint),
        ("permutations", c_uint),
        ("bootstrap", c_uint),
        ("seed", c_uint64),
        ("measure", c_char_p),
        ("progress", PROGRESS_FN),
        ("progress_payload", c_void_p),
    ]
    _init_ = "firmnet_report_options_init"
    VERSION = 1
    _keywords_ = {"wave": "waves", "layer": "layers"}
    _converters_ = {"waves": "wave_list"}


# ---- declarations -------------------------------------------------------------------------

_PROTOTYPES = {}


def declare(name, restype, argtypes):
    """Declare the C function @name: ``restype`` is a ctypes type, None for void, or
    ``STATUS`` for an int status that raises :class:`firmnet.Error` when negative."""
    _PROTOTYPES[name] = (restype, list(argtypes))


_ro = POINTER(ReadOptions)
_rep = POINTER(LoadReport)

for _name, _restype, _args in [
    # common.h
    ("firmnet_last_error", c_char_p, []),
    ("firmnet_last_error_code", c_int, []),
    ("firmnet_strerror", c_char_p, [c_int]),
    ("firmnet_version", c_char_p, []),
    # network.h
    ("firmnet_merge_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_merge_name", c_char_p, [c_int]),
    ("firmnet_read_options_init", STATUS, [_ro, c_uint]),
    ("firmnet_network_new", STATUS, [POINTER(NETWORK_P)]),
    ("firmnet_network_free", None, [NETWORK_P]),
    ("firmnet_network_read_actors", STATUS, [NETWORK_P, c_char_p, _ro, _rep]),
    ("firmnet_network_read_ties", STATUS, [NETWORK_P, c_char_p, _ro, _rep]),
    ("firmnet_network_read_actors_buffer", STATUS,
     [NETWORK_P, c_char_p, c_size_t, c_char_p, _ro, _rep]),
    ("firmnet_network_read_ties_buffer", STATUS,
     [NETWORK_P, c_char_p, c_size_t, c_char_p, _ro, _rep]),
    ("firmnet_network_add_actor", STATUS,
     [NETWORK_P, c_char_p, c_size_t, POINTER(c_char_p), POINTER(c_char_p)]),
    ("firmnet_network_add_tie", STATUS,
     [NETWORK_P, c_char_p, c_char_p, c_char_p, c_char_p, c_double, _ro, _rep]),
    ("firmnet_network_actor_count", c_size_t, [NETWORK_P]),
    ("firmnet_network_tie_count", c_size_t, [NETWORK_P]),
    ("firmnet_network_wave_count", c_size_t, [NETWORK_P]),
    ("firmnet_network_layer_count", c_size_t, [NETWORK_P]),
    ("firmnet_network_actor_id", c_char_p, [NETWORK_P, c_size_t]),
    ("firmnet_network_actor_index", STATUS, [POINTER(c_size_t), NETWORK_P, c_char_p]),
    ("firmnet_network_wave_name", c_char_p, [NETWORK_P, c_size_t]),
    ("firmnet_network_layer_name", c_char_p, [NETWORK_P, c_size_t]),
    ("firmnet_network_attribute_count", c_size_t, [NETWORK_P]),
    ("firmnet_network_attribute_name", c_char_p, [NETWORK_P, c_size_t]),
    ("firmnet_network_attribute_is_numeric", STATUS, [NETWORK_P, c_char_p]),
    ("firmnet_network_actor_attribute", c_char_p, [NETWORK_P, c_size_t, c_char_p]),
    ("firmnet_network_tie", STATUS,
     [NETWORK_P, c_size_t, POINTER(c_size_t), POINTER(c_size_t), POINTER(c_char_p),
      POINTER(c_char_p), POINTER(c_double)]),
    ("firmnet_layer_selected", c_int, [c_char_p, c_char_p]),
    ("firmnet_network_check_selector", STATUS, [NETWORK_P, c_char_p]),
    ("firmnet_network_load_report", STATUS, [NETWORK_P, _rep]),
    # graph.h
    ("firmnet_graph_options_init", STATUS, [POINTER(GraphOptions), c_uint]),
    ("firmnet_graph_new", STATUS, [POINTER(GRAPH_P), NETWORK_P, POINTER(GraphOptions)]),
    ("firmnet_graph_free", None, [GRAPH_P]),
    ("firmnet_graph_network", NETWORK_P, [GRAPH_P]),
    ("firmnet_graph_vertex_count", c_size_t, [GRAPH_P]),
    ("firmnet_graph_edge_count", c_size_t, [GRAPH_P]),
    ("firmnet_graph_is_directed", c_int, [GRAPH_P]),
    ("firmnet_graph_vertex_id", c_char_p, [GRAPH_P, c_size_t]),
    ("firmnet_graph_edges", STATUS,
     [GRAPH_P, POINTER(c_int64), POINTER(c_int64), POINTER(c_double), c_size_t]),
    # table.h
    ("firmnet_table_new", STATUS, [POINTER(TABLE_P), c_size_t]),
    ("firmnet_table_free", None, [TABLE_P]),
    ("firmnet_table_nrows", c_size_t, [TABLE_P]),
    ("firmnet_table_ncols", c_size_t, [TABLE_P]),
    ("firmnet_table_column_name", c_char_p, [TABLE_P, c_size_t]),
    ("firmnet_table_column_type", STATUS, [TABLE_P, c_size_t]),
    ("firmnet_table_column_index", STATUS, [POINTER(c_size_t), TABLE_P, c_char_p]),
    ("firmnet_table_add_double", STATUS, [TABLE_P, c_char_p, POINTER(c_double)]),
    ("firmnet_table_add_string", STATUS, [TABLE_P, c_char_p, POINTER(c_char_p)]),
    ("firmnet_table_get_double", c_double, [TABLE_P, c_size_t, c_size_t]),
    ("firmnet_table_get_string", c_char_p, [TABLE_P, c_size_t, c_size_t]),
    ("firmnet_table_get_doubles", STATUS, [TABLE_P, c_size_t, POINTER(c_double), c_size_t]),
    ("firmnet_table_set_double", STATUS, [TABLE_P, c_size_t, c_size_t, c_double]),
    ("firmnet_table_set_string", STATUS, [TABLE_P, c_size_t, c_size_t, c_char_p]),
    ("firmnet_table_write", STATUS, [TABLE_P, c_char_p, c_int]),
    ("firmnet_table_read", STATUS, [POINTER(TABLE_P), c_char_p]),
    ("firmnet_network_actors_table", STATUS, [POINTER(TABLE_P), NETWORK_P]),
    ("firmnet_network_ties_table", STATUS, [POINTER(TABLE_P), NETWORK_P]),
    # summary.h
    ("firmnet_summary", STATUS, [POINTER(TABLE_P), NETWORK_P]),
    # centrality.h
    ("firmnet_centrality_options_init", STATUS, [POINTER(CentralityOptions), c_uint]),
    ("firmnet_centrality", STATUS,
     [POINTER(TABLE_P), GRAPH_P, POINTER(CentralityOptions)]),
    ("firmnet_centralization", STATUS,
     [POINTER(TABLE_P), GRAPH_P, POINTER(CentralityOptions)]),
    ("firmnet_centrality_measures_check", STATUS, [c_char_p]),
    ("firmnet_centrality_measure_count", c_size_t, []),
    ("firmnet_centrality_measure_name", c_char_p, [c_size_t]),
    ("firmnet_weights_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_weights_name", c_char_p, [c_int]),
    ("firmnet_mode_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_mode_name", c_char_p, [c_int]),
    ("firmnet_betweenness_method_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_betweenness_method_name", c_char_p, [c_int]),
    ("firmnet_betweenness_error_bound", c_double, [c_size_t, c_size_t, c_double]),
    ("firmnet_betweenness_sample_size", c_size_t, [c_size_t, c_double, c_double]),
    # embeddedness.h
    ("firmnet_embeddedness_options_init", STATUS, [POINTER(EmbeddednessOptions), c_uint]),
    ("firmnet_embeddedness", STATUS,
     [POINTER(TABLE_P), GRAPH_P, POINTER(EmbeddednessOptions)]),
    ("firmnet_embeddedness_groups", STATUS,
     [POINTER(TABLE_P), GRAPH_P, c_char_p, POINTER(EmbeddednessOptions)]),
    ("firmnet_ei_options_init", STATUS, [POINTER(EiOptions), c_uint]),
    ("firmnet_ei", STATUS, [POINTER(TABLE_P), GRAPH_P, c_char_p, POINTER(EiOptions)]),
    ("firmnet_ei_actors", STATUS, [POINTER(TABLE_P), GRAPH_P, c_char_p, POINTER(EiOptions)]),
    ("firmnet_brokerage_options_init", STATUS, [POINTER(BrokerageOptions), c_uint]),
    ("firmnet_brokerage", STATUS,
     [POINTER(TABLE_P), GRAPH_P, c_char_p, POINTER(BrokerageOptions)]),
    ("firmnet_brokerage_global", STATUS,
     [POINTER(TABLE_P), GRAPH_P, c_char_p, POINTER(BrokerageOptions)]),
    # change.h (the result's tables and text are owned by the result)
    ("firmnet_change_options_init", STATUS, [POINTER(ChangeOptions), c_uint]),
    ("firmnet_change", STATUS,
     [POINTER(CHANGE_RESULT_P), NETWORK_P, POINTER(ChangeOptions)]),
    ("firmnet_change_result_free", None, [CHANGE_RESULT_P]),
    ("firmnet_change_actors", TABLE_P, [CHANGE_RESULT_P]),
    ("firmnet_change_groups", TABLE_P, [CHANGE_RESULT_P]),
    ("firmnet_change_ties", TABLE_P, [CHANGE_RESULT_P]),
    ("firmnet_change_summary_text", c_char_p, [CHANGE_RESULT_P]),
    ("firmnet_change_from", c_char_p, [CHANGE_RESULT_P]),
    ("firmnet_change_to", c_char_p, [CHANGE_RESULT_P]),
    ("firmnet_change_panel_size", c_size_t, [CHANGE_RESULT_P]),
    # export.h
    ("firmnet_export_format_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_export_options_init", STATUS, [POINTER(ExportOptions), c_uint]),
    ("firmnet_graph_export", STATUS, [GRAPH_P, c_char_p, c_int, POINTER(ExportOptions)]),
    ("firmnet_graph_export_partition", STATUS,
     [GRAPH_P, c_char_p, c_char_p, POINTER(ExportOptions)]),
    # draw.h
    ("firmnet_layout_parse", STATUS, [POINTER(c_int), c_char_p]),
    ("firmnet_draw_options_init", STATUS, [POINTER(DrawOptions), c_uint]),
    ("firmnet_graph_draw", STATUS, [GRAPH_P, c_char_p, POINTER(DrawOptions)]),
    # chart.h
    ("firmnet_chart_options_init", STATUS, [POINTER(ChartOptions), c_uint]),
    ("firmnet_chart_grouped", STATUS,
     [TABLE_P, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p,
      POINTER(ChartOptions)]),
    ("firmnet_chart_histogram", STATUS, [TABLE_P, c_char_p, c_char_p, POINTER(ChartOptions)]),
    ("firmnet_chart_change", STATUS,
     [CHANGE_RESULT_P, c_char_p, c_char_p, c_int, POINTER(ChartOptions)]),
    ("firmnet_chart_embeddedness", STATUS,
     [TABLE_P, c_char_p, c_char_p, POINTER(ChartOptions)]),
    # report.h
    ("firmnet_report_options_init", STATUS, [POINTER(ReportOptions), c_uint]),
    ("firmnet_report_write", STATUS, [NETWORK_P, c_char_p, POINTER(ReportOptions)]),
]:
    declare(_name, _restype, _args)


# ---- the loaded library -------------------------------------------------------------------


class Library:
    """The loaded shared library. Attribute access returns the declared C function."""

    def __init__(self, cdll, path, where):
        self._cdll = cdll
        self.path = path
        self.where = where

    def __getattr__(self, name):
        try:
            restype, argtypes = _PROTOTYPES[name]
        except KeyError:
            raise AttributeError("firmnet binding: no declaration for C function %r" % name)
        try:
            func = getattr(self._cdll, name)
        except AttributeError:
            raise AttributeError(
                "the firmnet C library at %s (version %s) has no function %s: "
                "the Python package is newer than the library"
                % (self.path, self.version(), name)
            ) from None
        if restype is STATUS:
            func.restype = c_int
            func.errcheck = self._check_status
        else:
            func.restype = restype
        func.argtypes = argtypes
        setattr(self, name, func)  # later lookups skip __getattr__
        return func

    def version(self):
        return self.firmnet_version().decode("ascii", "replace")

    def last_error(self):
        """The calling thread's (message, code) of the last failure."""
        message = self.firmnet_last_error().decode("utf-8", "replace")
        return message, self.firmnet_last_error_code()

    def raise_error(self, code):
        """Raise the exception for a negative status @code, with this thread's C message."""
        message, last_code = self.last_error()
        if last_code != code or not message:
            # A status without a message of its own (should not happen): say what we know.
            message = message or self.firmnet_strerror(code).decode("ascii", "replace")
        reason = self.firmnet_strerror(code).decode("ascii", "replace")
        raise errors.error_class(code)(message, code, reason)

    def _check_status(self, result, func, args):
        # ctypes calls this in the calling thread right after the C function returned, before
        # any other firmnet call of this thread can overwrite the thread-local message.
        if result < 0:
            self.raise_error(result)
        return result


_library = None
_lock = threading.Lock()


def _asan_loaded():
    try:
        with open("/proc/self/maps") as maps:
            return any("libasan" in line or "libclang_rt.asan" in line for line in maps)
    except OSError:
        return False


def _sanitized(builddir):
    """The b_sanitize value of a meson build folder ('none' when unknown)."""
    try:
        with open(os.path.join(builddir, "meson-info", "intro-buildoptions.json")) as f:
            for opt in json.load(f):
                if opt.get("name") == "b_sanitize":
                    return str(opt.get("value", "none"))
    except (OSError, ValueError):
        pass
    return "none"


def _source_root():
    """The checkout holding this package when it is used from the source tree, else None."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(_PACKAGE_DIR)))
    try:
        with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
            if "project('firmnet'" in f.read(4096):
                return root
    except OSError:
        pass
    return None


def _build_candidates():
    dirs = []
    env = os.environ.get(ENV_BUILDDIR)
    if env:
        dirs.append(("%s=%s" % (ENV_BUILDDIR, env), env))
    root = _source_root()
    if root is not None:
        found = sorted(glob.glob(os.path.join(root, "build*")))
        found.sort(key=lambda d: os.path.basename(d) != "build")  # plain 'build' first
        dirs += [("build folder", d) for d in found if os.path.isdir(d)]
    for where, d in dirs:
        yield where, os.path.join(d, "lib", SONAME), _sanitized(d)


def _candidates():
    """Yield (where, path or soname, skip reason or None) in search order."""
    env = os.environ.get(ENV_LIBRARY)
    if env:
        path = os.path.join(env, SONAME) if os.path.isdir(env) else env
        yield "%s=%s" % (ENV_LIBRARY, env), path, None
        return
    asan = None
    for where, path, sanitize in _build_candidates():
        skip = None
        if sanitize != "none" and "address" in sanitize:
            if asan is None:
                asan = _asan_loaded()
            if not asan:
                skip = ("built with -Db_sanitize=%s; load it with LD_PRELOAD of the ASan "
                        "runtime and %s" % (sanitize, ENV_LIBRARY))
        yield where, path, skip
    try:
        from . import _config
    except ImportError:
        pass
    else:
        yield "installed (meson install)", os.path.join(_config.LIBDIR, SONAME), None
    name = ctypes.util.find_library("firmnet")
    if name:
        yield "system library path (find_library)", name, None
    else:
        yield ("system library path (find_library)", None,
               "ctypes.util.find_library('firmnet') found nothing")
    yield "dynamic loader", SONAME, None


def load(path=None):
    """Load libfirmnet (once) and return the :class:`Library`.

    @path, when given, is used instead of the search; it must come before any other use of
    the binding (handles of one library copy cannot be used with another), so a second call
    with a different path raises RuntimeError. Raises :class:`LibraryNotFoundError` listing
    every attempt when nothing loads.
    """
    global _library
    with _lock:
        if _library is not None:
            if path is None or os.path.realpath(os.fspath(path)) == os.path.realpath(_library.path):
                return _library
            raise RuntimeError("libfirmnet is already loaded from %s" % _library.path)
        if path is not None:
            candidates = [("load(%r)" % (path,), os.fspath(path), None)]
        else:
            candidates = _candidates()
        tried = []
        for where, target, skip in candidates:
            if skip is not None:
                tried.append((where, skip))
                continue
            if os.sep in target and not os.path.exists(target):
                tried.append((where, "%s: no such file" % target))
                continue
            try:
                cdll = ctypes.CDLL(target)
            except OSError as e:
                tried.append((where, str(e)))
                continue
            if not hasattr(cdll, "firmnet_version"):
                tried.append((where, "%s is not libfirmnet (no firmnet_version)" % target))
                continue
            _library = Library(cdll, target, where)
            return _library
        raise LibraryNotFoundError(tried)


def lib():
    """The loaded :class:`Library`, loading it on first use."""
    return _library if _library is not None else load()
