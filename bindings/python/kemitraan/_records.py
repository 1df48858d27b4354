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


def fill(struct, prefix, values, keep):
    """Sets members of a versioned struct from keyword values, converting
    at the boundary: str -> UTF-8, date -> "YYYY-MM-DD", lists of str or of
    ids -> C arrays with their ``*_count`` member, objects with ``.id`` ->
    ids, enum members -> ints. ``keep`` collects the arrays C reads."""
    import ctypes
    import datetime as _dt
    from ._lib import c_strings, to_c, to_date
    types = dict(struct._fields_)
    for key, value in values.items():
        if key not in types:
            raise TypeError("unknown %s field %r" % (prefix, key))
        ctype = types[key]
        field = "%s.%s" % (prefix, key)
        if value is None:
            continue
        if ctype is ctypes.c_char_p:
            value = to_date(value, field) if isinstance(value, (_dt.date, _dt.datetime)) else to_c(value, field)
            setattr(struct, key, value)
        elif hasattr(ctype, "_type_") and isinstance(ctype._type_, type) and issubclass(ctype, ctypes._Pointer):
            count = [c for c in (key + "_count", key.rsplit("_", 1)[0] + "s_count") if c in types]
            items = list(value)
            if ctype._type_ is ctypes.c_char_p:
                arr, n = c_strings(items, field)
            else:
                ints = [v if isinstance(v, int) else entity_id(v, field) for v in items]
                arr = (ctype._type_ * max(len(ints), 1))(*ints)
                n = len(ints)
            keep.append(arr)
            setattr(struct, key, ctypes.cast(arr, ctype) if arr is not None else None)
            if count:
                setattr(struct, count[0], n)
        elif ctype in (ctypes.c_double, ctypes.c_float):
            setattr(struct, key, float(value))
        else:
            setattr(struct, key, value if isinstance(value, int) else entity_id(value, field))
    return struct


def entity_id(value, field):
    from ._lib import entity_id as _entity_id
    return _entity_id(value, field)
