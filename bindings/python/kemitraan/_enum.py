"""Enums whose members know their label in Bahasa Indonesia and English."""
import enum

from . import _errors
from ._lib import from_c


def _coerce(cls, value, field):
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        key = value.strip().upper().replace("-", "_").replace(" ", "_")
        try:
            return cls[key]
        except KeyError:
            names = ", ".join(m.name.lower() for m in cls)
            raise _errors.InvalidArgument(
                "%s: unknown value %r (one of: %s)" % (field, value, names), field,
                "%s: nilai %r tidak dikenal (salah satu dari: %s)" % (field, value, names)) from None
    if isinstance(value, bool):
        raise TypeError("%s: expected %s, got bool" % (field, cls.__name__))
    if isinstance(value, int):
        try:
            return cls(value)
        except ValueError:
            return value  # out of range: passed on, the library names the field
    raise TypeError("%s: expected %s, an int or a name, got %s" % (field, cls.__name__, type(value).__name__))


class LabelledEnum(enum.IntEnum):
    """IntEnum with ``label(lang)`` from the library's label table.

    Subclasses set ``_label_fn`` (a C ``*_label(int, int)``) after creation."""

    def label(self, lang=None):
        """The label in ``"id"`` or ``"en"`` (default: set_language())."""
        return from_c(type(self)._label_fn(int(self), _errors.lang_code(lang)))

    @classmethod
    def coerce(cls, value, field="value"):
        """A member from a member, an int or a (case-insensitive) name.
        Unknown ints are returned as they are, for the library to reject."""
        return _coerce(cls, value, field)

    @classmethod
    def from_c(cls, value):
        """A member for a value read from C (unknown values stay ints)."""
        try:
            return cls(value)
        except ValueError:
            return value


class LabelledFlag(enum.IntFlag):
    """IntFlag whose single bits have labels (``_label_fn`` as above)."""

    def label(self, lang=None):
        return from_c(type(self)._label_fn(int(self), _errors.lang_code(lang)))

    @classmethod
    def coerce(cls, value, field="value"):
        """A mask from a flag, an int, a name or an iterable of those."""
        if isinstance(value, (cls, int)) and not isinstance(value, bool):
            return cls(value) if isinstance(value, cls) else value
        if isinstance(value, str):
            return _coerce(cls, value, field)
        mask = 0
        for item in value:
            mask |= int(cls.coerce(item, field))
        return mask

    @classmethod
    def members_of(cls, mask):
        """The single-bit members set in ``mask``, lowest bit first."""
        return [m for m in cls if m.value & mask and m.value & (m.value - 1) == 0]
