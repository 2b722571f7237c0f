# SPDX-License-Identifier: GPL-3.0-or-later
"""The generic machinery every binding function is built from.

- :class:`Handle`: an owned C handle, freed by ``close()``, by ``with`` or at garbage
  collection (whichever comes first), with a lock that serialises the calls on it.
- :func:`make_options`: a C options struct from keyword arguments named like the CLI options.
- :func:`call`: call a C function, turning a failure into the matching :class:`firmnet.Error`
  and re-raising an exception raised inside a progress callback.
- :func:`table_call` / :func:`tables_call`: call a C function whose first argument(s) are
  ``firmnet_table **`` outputs and return the result(s) as :class:`firmnet.Table`.

With these, wrapping an analysis is a few lines; see ``firmnet.network.Network._view_table``
and doc/python.md ("Adding an analysis").
"""

import contextlib
import numbers
import os
import threading
import weakref
from ctypes import (
    byref,
    c_char_p,
    c_double,
    c_float,
    c_int,
    c_int8,
    c_int16,
    c_int32,
    c_int64,
    c_long,
    c_size_t,
    c_uint,
    c_uint8,
    c_uint16,
    c_uint32,
    c_uint64,
    c_ulong,
    sizeof,
)

from . import _lib, errors


# ---- text --------------------------------------------------------------------------------


def to_c(value, what="argument"):
    """A str, bytes or path as NUL-terminated UTF-8 bytes for a ``const char *`` (None stays)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        data = value
    elif isinstance(value, str):
        data = value.encode("utf-8", "surrogateescape")
    elif isinstance(value, os.PathLike):
        data = os.fsencode(value)
    elif isinstance(value, numbers.Number) and not isinstance(value, bool):
        # waves are often given as numbers: wave=2005
        data = str(value).encode("ascii")
    else:
        raise TypeError("%s must be a string, not %s" % (what, type(value).__name__))
    if b"\0" in data:
        raise ValueError("%s contains a NUL character" % what)
    return data


def from_c(data):
    """Bytes from a ``const char *`` result as str (None stays None)."""
    return None if data is None else data.decode("utf-8", "surrogateescape")


def path_to_c(path, what="path"):
    """A file name (str, bytes or os.PathLike) for the C library."""
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise TypeError("%s must be a file name, not %s" % (what, type(path).__name__))
    return to_c(os.fspath(path), what)


def merge_rule(value):
    """A merge rule name ("sum", "max", "mean", "count", "first", "error") as its C value."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    out = c_int()
    _lib.lib().firmnet_merge_parse(byref(out), to_c(value, "merge rule"))
    return out.value


def merge_name(value):
    """The name of a C merge rule value."""
    return from_c(_lib.lib().firmnet_merge_name(value))


def layer_selector(value):
    """A layer selector: a string ("trade,rnd", "service", "all") or a list of names."""
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ",".join(str(v) for v in value)
    return to_c(value, "layer")


def _enum_value(parse, what):
    """A converter: a name parsed by the C function @parse (``int parse(int *out, const char
    *name)``) into its enum value. The C message names the valid values."""

    def convert(value):
        if not isinstance(value, str):
            raise TypeError("%s must be a name (str), not %s" % (what, type(value).__name__))
        out = c_int()
        getattr(_lib.lib(), parse)(byref(out), to_c(value, what))
        return out.value

    return convert


def _invalid(what, value, valid):
    """An InvalidArgumentError worded like the C library's parse errors."""
    return errors.InvalidArgumentError("unknown %s '%s' (use %s)" % (what, value, valid),
                                       errors.EINVAL)


def _name_list(value, what):
    """A comma list given as a string or as a list/tuple of names."""
    if isinstance(value, (list, tuple, set, frozenset)):
        value = ",".join(str(v) for v in value)
    if not isinstance(value, str):
        raise TypeError("%s must be a string or a list of names, not %s"
                        % (what, type(value).__name__))
    return value


#: centrality.h: firmnet_weights, firmnet_mode, firmnet_betweenness_method by name.
weights_value = _enum_value("firmnet_weights_parse", "weights")
mode_value = _enum_value("firmnet_mode_parse", "mode")
betweenness_value = _enum_value("firmnet_betweenness_method_parse", "betweenness")


def centrality_measures(value):
    """Centrality measure names: "degree,betweenness" or a list; checked by the C library
    (firmnet_centrality_measures_check), which names the valid ones."""
    data = to_c(_name_list(value, "measures"), "measures")
    _lib.lib().firmnet_centrality_measures_check(data)
    return data


#: The families of firmnet_embeddedness_measures, in bit order (as firmnet-embeddedness).
EMBEDDEDNESS_MEASURES = ("local", "structural", "relational")


def embeddedness_measures(value):
    """"local,structural" (or a list) as the OR of firmnet_embeddedness_measures flags."""
    text = _name_list(value, "measures")
    flags = 0
    for name in text.split(","):
        if name not in EMBEDDEDNESS_MEASURES:
            raise _invalid("embeddedness measure", name, ", ".join(EMBEDDEDNESS_MEASURES))
        flags |= 1 << EMBEDDEDNESS_MEASURES.index(name)
    return flags


def blank_rule(value):
    """``exclude_blank=True`` as FIRMNET_BLANK_EXCLUDE, False as FIRMNET_BLANK_GROUP."""
    if not isinstance(value, (bool, numbers.Integral)) or value not in (0, 1):
        raise TypeError("exclude_blank must be True or False, not %r" % (value,))
    return int(value)


#: firmnet_change_panel by the names of firmnet-change --panel.
CHANGE_PANELS = ("respondents", "all")


def change_panel(value):
    """"respondents" or "all" as a firmnet_change_panel value."""
    if not isinstance(value, str):
        raise TypeError("panel must be a name (str), not %s" % type(value).__name__)
    if value not in CHANGE_PANELS:
        raise _invalid("panel", value, " or ".join(CHANGE_PANELS))
    return CHANGE_PANELS.index(value)


def change_strata(value):
    """A strata attribute; "none" (as on the command line) or "" means no strata."""
    return b"" if value == "none" else to_c(value, "strata")


# Converters shared by every options struct, by C field name, so that an analysis whose
# options have a `merge` or `layers` field gets the same handling without a line of code.
FIELD_CONVERTERS = {
    "merge": merge_rule,
    "duplicates": merge_rule,
    "layers": layer_selector,
}


# ---- handles -----------------------------------------------------------------------------


class Handle:
    """An owned C handle.

    The pointer is released exactly once: by :meth:`close`, at the end of a ``with`` block,
    or when the object is garbage-collected. ``keep`` objects (e.g. the network of a graph
    view) stay alive until the handle is released, as the C API requires. Calls on one handle
    hold its lock (``self._lock``), which a family of handles may share (a network and its
    graph views), because the C library allows concurrent use of different handles only.
    """

    _kind = "handle"

    def _init_handle(self, ptr, free, keep=(), lock=None):
        self._ptr = ptr
        self._lock = lock if lock is not None else threading.RLock()
        self._finalizer = weakref.finalize(self, free, ptr, *keep)

    def close(self):
        """Release the C object now. Further use raises ValueError; closing twice is fine."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            self._finalizer()
            self._ptr = None

    @contextlib.contextmanager
    def _use(self):
        """Hold the handle's lock and check that it is open: ``with self._use(): ...``."""
        with self._lock:
            if self._ptr is None:
                raise ValueError("I/O operation on a closed %s" % self._kind)
            yield self

    @property
    def closed(self):
        """True once the C object has been released."""
        return getattr(self, "_ptr", None) is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    @property
    def _as_parameter_(self):
        # Lets a handle object be passed to ctypes functions directly. Callers check that the
        # handle is open first (`with self._use()`): an exception raised here would reach
        # them wrapped in ctypes.ArgumentError.
        if self._ptr is None:
            raise ValueError("I/O operation on a closed %s" % self._kind)
        return self._ptr


# ---- options -----------------------------------------------------------------------------

_INT_TYPES = (c_int, c_int8, c_int16, c_int32, c_int64, c_long)
_UINT_TYPES = (c_uint, c_uint8, c_uint16, c_uint32, c_uint64, c_ulong, c_size_t)
_HIDDEN_FIELDS = ("version", "progress_payload")


def keywords(cls):
    """The Python keyword arguments an options struct accepts, in field order."""
    rename = {field: key for key, field in cls._keywords_.items()}
    return [rename.get(f, f) for f, _ in cls._fields_ if f not in _HIDDEN_FIELDS]


class _Progress:
    """A Python progress callable as a C callback; remembers an exception it raised."""

    def __init__(self, func):
        self.func = func
        self.error = None
        self.cfunc = _lib.PROGRESS_FN(self._call)

    def _call(self, what, done, total, payload):
        try:
            result = self.func(from_c(what), done, total)
        except BaseException as e:  # noqa: B902 - re-raised after the C call returns
            self.error = e
            return 1
        return 1 if result is False else 0


def make_options(cls, values, caller="function"):
    """A filled options struct of class @cls (an :class:`firmnet._lib.Options`).

    The struct is first set to the library's defaults by its C ``_init_`` function, then
    every keyword in @values (a dict; None means "keep the default") is converted by the C
    field's type: strings, os.PathLike and numbers for ``const char *``; bool/int for ``int``
    flags; int for unsigned fields (seeds, counts); float for ``double``; a callable
    ``f(what, done, total)`` for a progress callback (return False or raise to cancel).
    ``cls._converters_`` and :data:`FIELD_CONVERTERS` handle named enums such as ``merge``.
    Unknown keywords raise TypeError naming the accepted ones.
    """
    lib = _lib.lib()
    opts = cls()
    getattr(lib, cls._init_)(byref(opts), cls.VERSION)
    opts._progress_cb = None
    types = dict(cls._fields_)
    accepted = keywords(cls)
    for key, value in values.items():
        if key not in accepted:
            raise TypeError(
                "%s() got an unexpected keyword argument %r (it takes: %s)"
                % (caller, key, ", ".join(accepted))
            )
        if value is None:
            continue
        field = cls._keywords_.get(key, key)
        if types[field] is _lib.PROGRESS_FN:
            if not callable(value):
                raise TypeError("%s must be callable" % key)
            opts._progress_cb = _Progress(value)  # kept alive as long as the struct
            setattr(opts, field, opts._progress_cb.cfunc)
            continue
        setattr(opts, field, _convert(cls, field, types[field], value, key))
    return opts


def _convert(cls, field, ctype, value, key):
    converter = cls._converters_.get(field) or FIELD_CONVERTERS.get(field)
    if isinstance(converter, str):  # the name of a converter in this module
        converter = globals()[converter]
    if converter is not None:
        return converter(value)
    if ctype is c_char_p:
        return to_c(value, key)
    if ctype in _INT_TYPES:
        if isinstance(value, bool):
            return int(value)
        if not isinstance(value, numbers.Integral):
            raise TypeError("%s must be an integer or a bool, not %s" % (key, type(value).__name__))
        bits = 8 * sizeof(ctype) - 1
        if not -(1 << bits) <= value < (1 << bits):
            raise ValueError("%s must be between %d and %d" % (key, -(1 << bits), (1 << bits) - 1))
        return int(value)
    if ctype in _UINT_TYPES:
        if not isinstance(value, numbers.Integral) or isinstance(value, bool):
            raise TypeError("%s must be an integer, not %s" % (key, type(value).__name__))
        if value < 0:
            raise ValueError("%s must not be negative" % key)
        # ctypes would silently wrap a value that does not fit the C field
        if value >= 1 << (8 * sizeof(ctype)):
            raise ValueError("%s must be at most %d" % (key, (1 << (8 * sizeof(ctype))) - 1))
        return int(value)
    if ctype in (c_double, c_float):
        if not isinstance(value, numbers.Real):
            raise TypeError("%s must be a number, not %s" % (key, type(value).__name__))
        return float(value)
    return value


def _progress_errors(args):
    for a in args:
        if isinstance(a, _lib.Options):
            cb = getattr(a, "_progress_cb", None)
            if cb is not None and cb.error is not None:
                yield cb.error


# ---- calls -------------------------------------------------------------------------------


def call(func, *args):
    """Call the C function @func with @args.

    Handles (:class:`Handle`) and options structs can be passed as they are. A negative
    status raises the matching :class:`firmnet.Error` (done by the declaration's errcheck).
    When a progress callback raised, the C call fails with FIRMNET_ECANCEL and that exception
    is raised instead; a callback that returned False gives :class:`firmnet.CancelledError`.
    """
    try:
        return func(*args)
    except errors.CancelledError:
        for e in _progress_errors(args):
            raise e
        raise


def table_call(func, *args):
    """Call ``func(firmnet_table **out, *args)`` and return ``*out`` as a :class:`Table`."""
    return tables_call(func, 1, *args)[0]


def tables_call(func, count, *args):
    """Call ``func(firmnet_table **out1, ..., firmnet_table **out<count>, *args)`` and return
    a tuple of :class:`Table`. The tables are owned by Python from here on: nothing leaks
    when a later conversion fails."""
    from .table import Table

    outs = [_lib.TABLE_P() for _ in range(count)]
    call(func, *[byref(o) for o in outs], *args)
    return tuple(Table._adopt(o) for o in outs)


__all__ = [
    "Handle",
    "call",
    "table_call",
    "tables_call",
    "make_options",
    "keywords",
    "to_c",
    "from_c",
    "path_to_c",
    "merge_rule",
    "merge_name",
    "layer_selector",
    "weights_value",
    "mode_value",
    "betweenness_value",
    "centrality_measures",
    "embeddedness_measures",
    "blank_rule",
    "change_panel",
    "change_strata",
    "EMBEDDEDNESS_MEASURES",
    "CHANGE_PANELS",
    "FIELD_CONVERTERS",
]
