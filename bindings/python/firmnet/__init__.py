# SPDX-License-Identifier: GPL-3.0-or-later
"""firmnet: networks between the actors of industrial innovation clusters.

A pure-Python binding over the C library libfirmnet, through :mod:`ctypes`: nothing is
compiled at install time. The library is found through ``FIRMNET_LIBRARY``, a meson build
folder, the directory recorded by ``meson install``, then the system's library path (see
:func:`load_library`).

    >>> import firmnet
    >>> net = firmnet.Network.read(actors="examples/data/actors.csv",
    ...                            ties="examples/data/ties.csv.gz")
    >>> s = net.summary()
    >>> s.columns[:4]
    ['wave', 'layer', 'actors', 'firm']
    >>> s[0]["ties"]
    2843.0

Results are :class:`Table` objects (``.columns``, ``len()``, rows as dicts, ``.to_dict()``,
``.to_pandas()``, ``.to_csv()``) whose column names are those of the CLI programs. C errors
become :class:`Error` subclasses carrying the C message.

The analyses are methods of :class:`Network` that take the CLI options as keywords:
``summary()``, ``centrality()``, ``centralization()``, ``embeddedness()``,
``embeddedness_groups(by)``, ``ei(by)``, ``ei_actors(by)``, ``brokerage(by)``,
``brokerage_global(by)`` and ``change()`` (a :class:`ChangeResult` with the tables
``.actors``, ``.groups``, ``.ties`` and the ``.summary`` text)::

    >>> c = net.centrality(layer="trade", wave=2007, measures="degree,pagerank")
    >>> r = net.change(from_wave=2005, to_wave=2007, permutations=999)

Adding an analysis: see doc/python.md ("Adding an analysis").
"""

from . import errors
from ._lib import LibraryNotFoundError
from .errors import (
    CancelledError,
    DataError,
    Error,
    FileError,
    IgraphError,
    InvalidArgumentError,
    NotFoundError,
    OutOfMemoryError,
    ParseError,
    RangeError,
)
from .change import ChangeResult
from .network import VIEW_KEYWORDS, Edges, Graph, LoadReport, Network, Tie, layer_selected
from .table import FORMATS, Table, Tables

__version__ = "0.1.0"

#: The merge rules, by name (load time: all; graph views: sum, max, mean, count).
MERGE_RULES = ("sum", "max", "mean", "count", "first", "error")


def load_library(path=None):
    """Load libfirmnet now, optionally from an explicit @path, and return the path it was
    loaded from. Otherwise the binding loads it on first use, searching:

    1. ``FIRMNET_LIBRARY`` (a file, or a folder holding libfirmnet.so.0); when set, only it;
    2. ``$FIRMNET_BUILDDIR/lib``, then ``build*/lib`` of the source checkout holding the
       package;
    3. the library directory recorded by ``meson install``;
    4. the system's library path (``ctypes.util.find_library``, then the dynamic loader).

    Raises :class:`LibraryNotFoundError` (an OSError) listing every attempt.
    """
    from . import _lib

    return _lib.load(path).path


def library_path():
    """The path (or soname) libfirmnet was loaded from, loading it if needed."""
    from . import _lib

    return _lib.lib().path


def version():
    """The C library's version string, e.g. "0.1.0"."""
    from . import _lib

    return _lib.lib().version()


def read_table(path):
    """Read a CSV/TSV table (plain or gzip) into a :class:`Table`; see :meth:`Table.read`."""
    return Table.read(path)


__all__ = [
    "Network",
    "Graph",
    "Table",
    "Tables",
    "ChangeResult",
    "LoadReport",
    "Tie",
    "Edges",
    "Error",
    "OutOfMemoryError",
    "InvalidArgumentError",
    "FileError",
    "ParseError",
    "DataError",
    "NotFoundError",
    "IgraphError",
    "CancelledError",
    "RangeError",
    "LibraryNotFoundError",
    "MERGE_RULES",
    "FORMATS",
    "VIEW_KEYWORDS",
    "errors",
    "layer_selected",
    "load_library",
    "library_path",
    "read_table",
    "version",
]
