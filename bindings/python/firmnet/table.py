# SPDX-License-Identifier: GPL-3.0-or-later
"""Result tables: named columns of numbers or strings, backed by a C ``firmnet_table``."""

import math
import numbers
import os
import tempfile
from ctypes import byref, c_char_p, c_double

from . import _call, _lib

__all__ = ["Table", "Tables", "FORMATS"]

#: Output formats of :meth:`Table.write` (``firmnet_format``).
FORMATS = {"auto": 0, "csv": 1, "tsv": 2, "json": 3}

_DOUBLE, _STRING = 0, 1


class Table(_call.Handle):
    """A result table: rows of actors or groups, columns of numbers (float; NaN = missing) or
    strings ("" = blank). Column names are those of the C library and of the CLI programs.

    - ``t.columns``: the column names; ``len(t)``: the number of rows;
    - ``for row in t``: rows as dicts; ``t[i]``: row i as a dict; ``t["name"]``: a column as
      a list;
    - ``t.to_dict()``: {column: list}; ``t.to_pandas()``: a pandas DataFrame (pandas is
      optional);
    - ``t.to_csv(path)``, ``t.write(path)``: the CLI's output format (.csv, .tsv, .json, each
      optionally .gz); ``t.to_csv()`` without a path returns the CSV text.

    ``Table(data)`` builds a table from Python data: a dict of columns ({name: sequence}), a
    list of row dicts, or a pandas DataFrame. A column whose values are all numbers (or None /
    NaN) becomes numeric; any other column becomes strings (None and NaN are blank).

    The C table is freed by :meth:`close`, at the end of a ``with`` block, or when the object
    is garbage-collected. Values read from it are cached, so repeated access is cheap.
    """

    _kind = "Table"

    def __init__(self, data=None):
        columns = _columns_of(data)
        nrows = None
        for name, values in columns:
            if nrows is None:
                nrows = len(values)
            elif len(values) != nrows:
                raise ValueError(
                    "column %r has %d values, the first column %d" % (name, len(values), nrows)
                )
        lib = _lib.lib()
        out = _lib.TABLE_P()
        _call.call(lib.firmnet_table_new, byref(out), nrows or 0)
        self._adopt_ptr(out)
        for name, values in columns:
            cname = _call.to_c(name, "column name")
            if _is_numeric(values):
                arr = (c_double * max(len(values), 1))(
                    *[math.nan if v is None else float(v) for v in values]
                )
                _call.call(lib.firmnet_table_add_double, self, cname, arr)
            else:
                arr = (c_char_p * max(len(values), 1))(
                    *[None if _is_missing(v) else _call.to_c(str(v), name) for v in values]
                )
                _call.call(lib.firmnet_table_add_string, self, cname, arr)

    @classmethod
    def _adopt(cls, ptr):
        """Take ownership of a ``firmnet_table *`` returned by the C library."""
        t = cls.__new__(cls)
        t._adopt_ptr(ptr)
        return t

    @classmethod
    def _borrow(cls, ptr, owner):
        """Wrap a ``const firmnet_table *`` owned by the C object of the handle @owner (e.g.
        a change result). The table keeps @owner alive, shares its lock, and is never freed
        itself; the owner must close it before it frees its C object."""
        if not ptr:
            raise ValueError("the C library returned no table")
        t = cls.__new__(cls)
        t._adopt_ptr(ptr, free=_keep_owner, keep=(owner,), lock=owner._lock)
        return t

    def _adopt_ptr(self, ptr, free=None, keep=(), lock=None):
        lib = _lib.lib()
        self._init_handle(ptr, free or lib.firmnet_table_free, keep=keep, lock=lock)
        self._cache = {}
        self._names = None
        self._types = None

    @classmethod
    def read(cls, path):
        """Read a CSV/TSV table (plain or gzip) as written by :meth:`write` or a CLI program.
        Columns whose non-blank cells are all numbers become numeric. Raises
        :class:`firmnet.FileError`, :class:`firmnet.ParseError` (file and line in the
        message)."""
        out = _lib.TABLE_P()
        _call.call(_lib.lib().firmnet_table_read, byref(out), _call.path_to_c(path))
        return cls._adopt(out)

    # ---- shape --------------------------------------------------------------------------

    def _meta(self):
        if self._names is None:
            lib = _lib.lib()
            with self._use():
                n = lib.firmnet_table_ncols(self)
                names = [_call.from_c(lib.firmnet_table_column_name(self, c)) for c in range(n)]
                types = [lib.firmnet_table_column_type(self, c) for c in range(n)]
                self._nrows = lib.firmnet_table_nrows(self)
            self._types = types
            self._names = names
        elif self._ptr is None:
            raise ValueError("I/O operation on a closed Table")
        return self._names

    @property
    def columns(self):
        """The column names, in order (a new list)."""
        return list(self._meta())

    @property
    def types(self):
        """{column: "double" or "string"}."""
        names = self._meta()
        return {n: ("double" if t == _DOUBLE else "string") for n, t in zip(names, self._types)}

    def __len__(self):
        self._meta()
        return self._nrows

    def column(self, name):
        """The values of column @name as a new list (floats or strings). Raises KeyError."""
        names = self._meta()
        try:
            col = names.index(name)
        except ValueError:
            raise KeyError("no column %r (columns: %s)" % (name, ", ".join(names))) from None
        return list(self._values(col))

    def _values(self, col):
        values = self._cache.get(col)
        if values is not None:
            return values
        lib = _lib.lib()
        n = self._nrows
        with self._use():
            if self._ptr is None:
                raise ValueError("I/O operation on a closed Table")
            if self._types[col] == _DOUBLE:
                buf = (c_double * max(n, 1))()
                _call.call(lib.firmnet_table_get_doubles, self, col, buf, n)
                values = buf[:n]
            else:
                get = lib.firmnet_table_get_string
                values = [_call.from_c(get(self, col, r)) for r in range(n)]
        self._cache[col] = values
        return values

    # ---- rows and conversions ----------------------------------------------------------

    def __iter__(self):
        names = self._meta()
        cols = [self._values(c) for c in range(len(names))]
        for r in range(self._nrows):
            yield {name: col[r] for name, col in zip(names, cols)}

    def __getitem__(self, key):
        if isinstance(key, str):
            return self.column(key)
        if isinstance(key, numbers.Integral) and not isinstance(key, bool):
            names = self._meta()
            n = self._nrows
            r = key + n if key < 0 else key
            if not 0 <= r < n:
                raise IndexError("row %d out of range (the table has %d rows)" % (key, n))
            return {name: self._values(c)[r] for c, name in enumerate(names)}
        raise TypeError("a Table is indexed by a column name or a row number")

    def to_dict(self):
        """{column name: list of values}, columns in order."""
        names = self._meta()
        return {name: list(self._values(c)) for c, name in enumerate(names)}

    def to_pandas(self):
        """The table as a pandas DataFrame: numeric columns as float64 (NaN = missing), string
        columns as objects with None for blank cells (as ``pandas.read_csv`` reads the CLI's
        output). Raises ImportError when pandas (optional) is not installed."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError(
                "Table.to_pandas() needs pandas, which is not installed "
                "(Debian: apt install python3-pandas); Table.to_dict() gives the same data "
                "as plain lists"
            ) from e
        names = self._meta()
        data = {}
        for c, name in enumerate(names):
            if self._types[c] == _DOUBLE:
                data[name] = pandas.Series(self._values(c), dtype="float64")
            else:
                # blank -> None, as pandas.read_csv() reads the CLI's blank cells
                data[name] = pandas.Series([v if v != "" else None for v in self._values(c)],
                                           dtype="object")
        return pandas.DataFrame(data, columns=names)

    def write(self, path, format="auto"):
        """Write the table like the CLI's ``-o``: @format is "auto" (from the name: .csv,
        .tsv, .json, each optionally .gz; CSV otherwise), "csv", "tsv" or "json". The file is
        replaced atomically. Raises :class:`firmnet.FileError`."""
        try:
            fmt = FORMATS[format]
        except (KeyError, TypeError):
            raise ValueError(
                "format must be one of %s, not %r" % (", ".join(FORMATS), format)
            ) from None
        with self._use():
            _call.call(_lib.lib().firmnet_table_write, self, _call.path_to_c(path), fmt)

    def to_csv(self, path=None):
        """Write CSV to @path (gzip when it ends in .gz), exactly as the CLI programs do;
        without @path, return the CSV text."""
        if path is not None:
            self.write(path, "csv")
            return None
        with tempfile.TemporaryDirectory(prefix="firmnet-") as tmp:
            name = os.path.join(tmp, "table.csv")
            self.write(name, "csv")
            with open(name, encoding="utf-8", newline="") as f:
                return f.read()

    def __repr__(self):
        if self._ptr is None:
            return "<firmnet.Table (closed)>"
        names = self._meta()
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return "<firmnet.Table %d rows x %d columns: %s>" % (self._nrows, len(names), shown)


class Tables:
    """Several named result tables of one analysis (e.g. ``.actors``, ``.groups``,
    ``.ties``): attribute or item access by name, iteration over ``(name, table)`` pairs in
    order; ``close()`` and ``with`` close them all."""

    def __init__(self, **tables):
        self._tables = dict(tables)
        for name, table in tables.items():
            if not isinstance(table, Table):
                raise TypeError("Tables() takes Table values, %r is %s"
                                % (name, type(table).__name__))

    def __getattr__(self, name):
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError("no table %r (tables: %s)" % (name, ", ".join(tables)))

    def __getitem__(self, name):
        try:
            return self._tables[name]
        except KeyError:
            raise KeyError("no table %r (tables: %s)" % (name, ", ".join(self._tables))) from None

    @property
    def names(self):
        """The table names, in order."""
        return list(self._tables)

    def __iter__(self):
        return iter(self._tables.items())

    def __len__(self):
        return len(self._tables)

    def close(self):
        """Close every table."""
        for t in self._tables.values():
            t.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return "<firmnet.Tables %s>" % ", ".join(
            "%s: %s" % (n, "closed" if t.closed else "%d rows" % len(t))
            for n, t in self._tables.items())


def _keep_owner(ptr, owner):
    """The "free" of a borrowed table: nothing to free; holding @owner until the table is
    released is the point."""


def _is_missing(v):
    return v is None or (isinstance(v, float) and math.isnan(v))


def _is_numeric(values):
    seen = False
    for v in values:
        if v is None:
            continue
        if isinstance(v, (str, bytes)) or not isinstance(v, numbers.Real):
            return False
        seen = True
    return seen or len(values) == 0


def _columns_of(data):
    """[(name, list)] from a dict of columns, a list of row dicts or a DataFrame."""
    if data is None:
        return []
    if hasattr(data, "to_dict") and hasattr(data, "columns") and not isinstance(data, dict):
        # pandas.DataFrame
        return [(str(c), list(data[c])) for c in data.columns]
    if isinstance(data, dict):
        return [(str(k), list(v)) for k, v in data.items()]
    rows = list(data)
    names = []
    for row in rows:
        if not isinstance(row, dict):
            raise TypeError("Table() takes a dict of columns, a list of row dicts or a DataFrame")
        for k in row:
            if k not in names:
                names.append(k)
    return [(str(k), [row.get(k) for row in rows]) for k in names]
