# SPDX-License-Identifier: GPL-3.0-or-later
"""The result of :meth:`firmnet.Network.change` (``firmnet_change_result``)."""

from . import _call, _lib
from .table import Table, Tables

__all__ = ["ChangeResult"]


class _ChangeHandle(_call.Handle):
    """Owns one ``firmnet_change_result *``."""

    _kind = "change result"

    def __init__(self, ptr):
        self._init_handle(ptr, _lib.lib().firmnet_change_result_free)


class ChangeResult(Tables):
    """Network change between two waves (``firmnet_change``; the CLI ``firmnet-change``).

    A :class:`firmnet.Tables` with three tables, in this order:

    - ``.actors``: one row per panel actor and layer group (what ``firmnet-change -o FILE``
      writes);
    - ``.groups``: participants vs non-participants per layer group, stratum and measure
      (``--groups FILE``);
    - ``.ties``: the tie change table (``--ties-table FILE``);

    and the plain attributes

    - ``.summary``: the plain-language sentences the CLI prints first (one per line, each
      ending in a newline);
    - ``.from_wave``, ``.to_wave``: the names of the two waves compared;
    - ``.panel_size``: the number of actors in the panel.

    The three tables belong to one C result, which is freed when :meth:`close` is called, at
    the end of a ``with`` block, or once neither this object nor any of its tables is
    referenced any more. Closing the result closes its tables.
    """

    def __init__(self, handle):
        if not isinstance(handle, _ChangeHandle):
            raise TypeError("ChangeResult objects are made by Network.change()")
        lib = _lib.lib()
        with handle._use():
            super().__init__(
                actors=Table._borrow(lib.firmnet_change_actors(handle), handle),
                groups=Table._borrow(lib.firmnet_change_groups(handle), handle),
                ties=Table._borrow(lib.firmnet_change_ties(handle), handle),
            )
            self.summary = _call.from_c(lib.firmnet_change_summary_text(handle))
            self.from_wave = _call.from_c(lib.firmnet_change_from(handle))
            self.to_wave = _call.from_c(lib.firmnet_change_to(handle))
            self.panel_size = lib.firmnet_change_panel_size(handle)
        self._handle = handle

    @classmethod
    def _adopt(cls, ptr):
        """Take ownership of a ``firmnet_change_result *`` returned by ``firmnet_change``."""
        return cls(_ChangeHandle(ptr))

    @property
    def waves(self):
        """``(from_wave, to_wave)``."""
        return (self.from_wave, self.to_wave)

    @property
    def closed(self):
        """True once the C result has been freed."""
        return self._handle.closed

    def close(self):
        """Close the three tables and free the C result. Idempotent."""
        with self._handle._lock:
            super().close()
            self._handle.close()

    def __repr__(self):
        if self.closed:
            return "<firmnet.ChangeResult (closed)>"
        return "<firmnet.ChangeResult %s -> %s, panel of %d actors: %s>" % (
            self.from_wave, self.to_wave, self.panel_size,
            ", ".join("%s %d rows" % (n, len(t)) for n, t in self))
