"""Read-only objects over C handles, for the evaluation and commitment
modules: an entity snapshot (``Record``) with one property per C accessor,
and an indexed result set (``Rows``: tranches, ledger entries, schedules,
totals...) whose items are immutable named tuples.

A module describes its classes with :func:`accessors` and :func:`rows`;
each property converts the C value at the boundary (text, dates, times,
enums, booleans) with the helpers of ``_lib``.
"""
import collections

from ._handle import Handle
from ._lib import from_c, from_date, from_micros


def text(value):
    return from_c(value)


def date(value):
    return from_date(value)


def micros(value):
    return from_micros(value)


def flag(value):
    return bool(value)


def enum_of(cls):
    return cls.from_c


class Record:
    """An immutable snapshot of one entity version (owned, or borrowed from
    a page that it keeps alive)."""

    __slots__ = ("_h",)
    _free_ = None

    def __init__(self, ptr, owner=None):
        self._h = Handle(ptr, None if owner is not None else type(self)._free_, owner)

    def close(self):
        """Releases the C handle now (otherwise done by the garbage collector)."""
        self._h.close()

    def to_dict(self):
        """Every property as plain Python values."""
        return {name: getattr(self, name) for name in type(self)._props_}

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return (self.id, getattr(self, "version", 0)) == (other.id, getattr(other, "version", 0))

    def __hash__(self):
        return hash((type(self), self.id, getattr(self, "version", 0)))

    def __repr__(self):
        if self._h.closed:
            return "<%s closed>" % type(self).__name__
        return "<%s %d>" % (type(self).__name__, self.id)


def accessors(cls, **props):
    """Adds a read-only property per ``name=(c_function, convert or None)``."""
    cls._props_ = tuple(getattr(cls, "_props_", ())) + tuple(props)
    for name, (fn, conv) in props.items():
        if conv is None:
            prop = property(lambda self, fn=fn: fn(self._h.ptr))
        else:
            prop = property(lambda self, fn=fn, conv=conv: conv(fn(self._h.ptr)))
        prop.__doc__ = "%s() of the C API." % fn.__name__
        setattr(cls, name, prop)
    return cls


class Rows:
    """An immutable result set read from C at once; a sequence of named
    tuples (``len``, indexing, iteration). The C handle is freed as soon as
    the rows are read."""

    _row_ = None

    def __init__(self, ptr, free_fn, count_fn, columns, extras=None):
        handle = Handle(ptr, free_fn)
        try:
            p = handle.ptr
            self._rows = tuple(self._row_(*[(conv(fn(p, i)) if conv else fn(p, i)) for fn, conv in columns])
                               for i in range(count_fn(p)))
            self._extras = {name: (conv(fn(p)) if conv else fn(p)) for name, (fn, conv) in (extras or {}).items()}
            self._read(p)
        finally:
            handle.close()

    def _read(self, ptr):
        """Subclasses read further values from the handle here."""

    def __len__(self):
        return len(self._rows)

    def __getitem__(self, i):
        return self._rows[i]

    def __iter__(self):
        return iter(self._rows)

    def __getattr__(self, name):
        extras = self.__dict__.get("_extras", {})
        if name in extras:
            return extras[name]
        raise AttributeError(name)

    def __repr__(self):
        return "<%s %d rows>" % (type(self).__name__, len(self._rows))


def rows(name, doc, **columns):
    """A ``Rows`` subclass named ``name`` with one named-tuple field per
    ``column=(c_function(handle, i), convert or None)``."""
    row = collections.namedtuple(name.rstrip("s") + "Row" if not name.endswith("Row") else name, list(columns))
    cls = type(name, (Rows,), {"_row_": row, "__doc__": doc, "_columns_": tuple(columns.values())})
    return cls


def read_rows(cls, ptr, free_fn, count_fn, **extras):
    """Reads every row of the C result set ``ptr`` into a ``cls``."""
    return cls(ptr, free_fn, count_fn, cls._columns_, extras)
