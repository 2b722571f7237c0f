# SPDX-License-Identifier: GPL-3.0-or-later
"""Exceptions raised by the firmnet binding.

Every failing C call returns a negative ``firmnet_error`` code and leaves a message for the
calling thread (``firmnet_last_error()``). The binding reads that message in the same thread
right after the call and raises the subclass of :class:`Error` that belongs to the code; the
exception carries the code (``.code``, negative as in C), the C message (``.message``, also
``str(e)``) and the library's name for the code (``.reason``). Messages about bad data name the
file, line and column, e.g. ``ties.csv:4:5 (weight): weight 'x' is not a number``.

Each subclass also derives from the matching built-in exception, so generic handlers work too:
``except ValueError`` catches bad data, ``except OSError`` catches a file that cannot be read.
"""

__all__ = [
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
    "error_class",
]

# The firmnet_error codes of include/firmnet/common.h.
ENOMEM = -1
EINVAL = -2
EIO = -3
EPARSE = -4
EDATA = -5
ENOTFOUND = -6
EIGRAPH = -7
ECANCEL = -8
ERANGE = -9


class Error(Exception):
    """Base class of every error reported by the C library.

    Attributes:
        code: the negative ``firmnet_error`` code (``firmnet.errors.EDATA``, ...).
        message: the C library's message (``firmnet_last_error()``), also ``str(error)``.
        reason: the library's short name for the code (``firmnet_strerror()``).
    """

    code = None
    reason = "error"

    def __init__(self, message, code=None, reason=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if reason is not None:
            self.reason = reason

    def __str__(self):
        return self.message


class OutOfMemoryError(Error, MemoryError):
    """FIRMNET_ENOMEM: the library ran out of memory."""

    code = ENOMEM
    reason = "out of memory"


class InvalidArgumentError(Error, ValueError):
    """FIRMNET_EINVAL: an invalid argument or option value (e.g. an unknown merge rule)."""

    code = EINVAL
    reason = "invalid argument"


class FileError(Error, OSError):
    """FIRMNET_EIO: a file cannot be opened, read or written (or a gzip stream is corrupt)."""

    code = EIO
    reason = "input/output error"


class ParseError(Error, ValueError):
    """FIRMNET_EPARSE: malformed input (quoting, field count, invalid UTF-8, missing column)."""

    code = EPARSE
    reason = "malformed input"


class DataError(Error, ValueError):
    """FIRMNET_EDATA: well-formed input with invalid content (bad weight, duplicate id)."""

    code = EDATA
    reason = "invalid data"


class NotFoundError(Error, LookupError):
    """FIRMNET_ENOTFOUND: a name (actor, attribute, column, layer, wave) that does not exist."""

    code = ENOTFOUND
    reason = "not found"


class IgraphError(Error):
    """FIRMNET_EIGRAPH: igraph or GSL reported an error."""

    code = EIGRAPH
    reason = "igraph or GSL error"


class CancelledError(Error):
    """FIRMNET_ECANCEL: a progress callback asked to stop."""

    code = ECANCEL
    reason = "cancelled"


class RangeError(Error, IndexError):
    """FIRMNET_ERANGE: an index or size out of range."""

    code = ERANGE
    reason = "out of range"


_BY_CODE = {
    cls.code: cls
    for cls in (
        OutOfMemoryError,
        InvalidArgumentError,
        FileError,
        ParseError,
        DataError,
        NotFoundError,
        IgraphError,
        CancelledError,
        RangeError,
    )
}


def error_class(code):
    """The exception class for a ``firmnet_error`` code (:class:`Error` for unknown codes)."""
    return _BY_CODE.get(code, Error)
