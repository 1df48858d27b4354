"""Loads libkemitraan and declares its functions; the text, time and money
conversions every module shares.

Search order for the shared library:

1. the ``KEMITRAAN_LIBRARY`` environment variable (a path; if it is set and
   cannot be loaded, that is an error: no silent fallback);
2. the CMake build tree next to the repository this package lives in
   (``<repo>/build/libkemitraan.so``);
3. ``ctypes.util.find_library("kemitraan")`` (the system's search path);
4. ``libkemitraan.so.<major>`` through the dynamic loader's own search.

The loaded library's ``km_version()`` must have the major version the
binding was written for; otherwise ``VersionError`` is raised on import.

Every module declares the C functions it uses with :func:`status` (returns a
``KM_E*`` code: an errcheck raises the typed exception) or :func:`func`
(returns a value), giving ``argtypes`` and ``restype`` for each one. A
function missing from an older library becomes a stub that raises
``VersionError`` when called, so the rest of the binding keeps working.
"""
import ctypes
import ctypes.util
import datetime as _dt
import os
import sys
import threading
import warnings

from . import _errors
from ._errors import VersionError

#: Major version of the C library this binding is written for.
EXPECTED_MAJOR = 0

_SUFFIX = ".dylib" if sys.platform == "darwin" else ".dll" if os.name == "nt" else ".so"


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.normpath(os.path.join(here, os.pardir, os.pardir, os.pardir))
    yield os.path.join(repo, "build", "libkemitraan" + _SUFFIX)
    found = ctypes.util.find_library("kemitraan")
    if found:
        yield found
    yield "libkemitraan%s.%d" % (_SUFFIX, EXPECTED_MAJOR)


def _load():
    env = os.environ.get("KEMITRAAN_LIBRARY")
    if env:
        try:
            return ctypes.CDLL(env), env
        except OSError as exc:
            raise ImportError("KEMITRAAN_LIBRARY=%s cannot be loaded: %s" % (env, exc)) from exc
    tried = []
    for path in _candidates():
        if os.path.isabs(path) and not os.path.exists(path):
            tried.append(path + " (absent)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as exc:
            tried.append("%s (%s)" % (path, exc))
    raise ImportError("libkemitraan not found; set KEMITRAAN_LIBRARY to its path. Tried: " + "; ".join(tried))


lib, path = _load()

# ---------------------------------------------------------------------------
# Declarations
# ---------------------------------------------------------------------------

#: Every declared C function, by name (the tests check argtypes/restype).
DECLARED = {}
#: Declared names the loaded library does not export (an older library).
MISSING = []

# An exception raised by a Python callback (clock, authorizer, writer) on
# this thread, waiting to become the __cause__ of the error of the call that
# invoked the callback. Exceptions never propagate through C frames.
_pending = threading.local()


def set_pending(exc):
    """Records an exception raised inside a callback on this thread."""
    _pending.exc = exc


def _take_pending():
    exc = getattr(_pending, "exc", None)
    _pending.exc = None
    return exc


def last_error(code):
    """The typed exception for ``code`` with the thread's last message and
    field (read at once: they live only until the next library call)."""
    if _km_error_last() == code:
        field = from_c(_km_error_last_field())
        msg_en = from_c(_km_error_last_message(_errors.LANG_EN))
        msg_id = from_c(_km_error_last_message(_errors.LANG_ID))
    else:
        field = ""
        msg_en = from_c(_km_strerror_lang(code, _errors.LANG_EN))
        msg_id = from_c(_km_strerror_lang(code, _errors.LANG_ID))
    return _errors.make_error(code, field, msg_en, msg_id)


def _errcheck(result, fn, args):
    if result < 0:
        err = last_error(result)
        cause = _take_pending()
        if cause is not None:
            raise err from cause
        raise err
    if getattr(_pending, "exc", None) is not None:
        # The call succeeded although a callback failed (its failure was
        # reported as a warning by the callback's wrapper).
        _pending.exc = None
    return result


def _declare(name, restype, argtypes, check):
    try:
        fn = getattr(lib, name)
    except AttributeError:
        MISSING.append(name)

        def fn(*_args, **_kwargs):
            raise VersionError("%s is not in the loaded libkemitraan (%s); it needs a newer library" % (name, path),
                               "library")
        fn.__name__ = name
        DECLARED[name] = fn
        return fn
    fn.restype = restype
    fn.argtypes = list(argtypes)
    if check:
        fn.errcheck = _errcheck
    DECLARED[name] = fn
    return fn


def status(name, *argtypes):
    """Declares a function returning ``0`` or a ``KM_E*`` code; a negative
    result raises the typed exception."""
    return _declare(name, ctypes.c_int, argtypes, True)


def func(name, restype, *argtypes):
    """Declares a function returning a value (no error code)."""
    return _declare(name, restype, argtypes, False)


# The error functions themselves (common.h) and the version (version.h).
_km_error_last = func("km_error_last", ctypes.c_int)
_km_error_last_field = func("km_error_last_field", ctypes.c_char_p)
_km_error_last_message = func("km_error_last_message", ctypes.c_char_p, ctypes.c_int)
_km_strerror_lang = func("km_strerror_lang", ctypes.c_char_p, ctypes.c_int, ctypes.c_int)
km_strerror = func("km_strerror", ctypes.c_char_p, ctypes.c_int)
km_error_clear = func("km_error_clear", None)
km_version = func("km_version", ctypes.c_int)
km_version_string = func("km_version_string", ctypes.c_char_p)

_loaded_version = km_version()
if _loaded_version // 10000 != EXPECTED_MAJOR:
    raise VersionError("libkemitraan %s at %s has major version %d; this binding needs %d"
                       % (km_version_string().decode(), path, _loaded_version // 10000, EXPECTED_MAJOR),
                       "library")

# ---------------------------------------------------------------------------
# Text: every string crosses the boundary through these two helpers.
# ---------------------------------------------------------------------------


def to_c(value, field="value"):
    """``str`` -> UTF-8 ``bytes`` for a ``const char *`` (None stays None)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as exc:
            # Lone surrogates cannot be UTF-8: report it like the library would.
            raise _errors.InvalidArgument("%s: is not valid UTF-8 (%s)" % (field, exc), field,
                                          "%s: bukan UTF-8 yang valid (%s)" % (field, exc)) from None
    raise TypeError("%s: expected str, got %s" % (field, type(value).__name__))


def from_c(value):
    """UTF-8 ``bytes`` from a ``const char *`` -> ``str`` (NULL -> None)."""
    if value is None:
        return None
    return value.decode("utf-8", "replace")


def c_strings(values, field="value"):
    """A list of str -> (``const char *const *`` array or None, count).

    The array keeps its bytes alive; keep the array while C uses it."""
    if values is None:
        return None, 0
    if isinstance(values, (str, bytes)):
        values = [values]
    items = [to_c(v, field) for v in values]
    if not items:
        return None, 0
    arr = (ctypes.c_char_p * len(items))(*items)
    return ctypes.cast(arr, ctypes.POINTER(ctypes.c_char_p)), len(items)


# ---------------------------------------------------------------------------
# Time: the library counts microseconds since 1970-01-01 UTC; dates are
# civil "YYYY-MM-DD" strings.
# ---------------------------------------------------------------------------

EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def from_micros(us):
    """Microseconds since the epoch -> aware UTC datetime (0 -> None)."""
    if not us:
        return None
    return EPOCH + _dt.timedelta(microseconds=us)


def to_micros(value):
    """datetime (naive = UTC), date, int microseconds or None -> int."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise TypeError("expected a datetime or microseconds, got bool")
    if isinstance(value, int):
        return value
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        delta = value - EPOCH
        return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds
    if isinstance(value, _dt.date):
        return to_micros(_dt.datetime(value.year, value.month, value.day))
    raise TypeError("expected a datetime, date or microseconds, got %s" % type(value).__name__)


def to_date(value, field="date"):
    """date, datetime or "YYYY-MM-DD" -> bytes for C (None stays None)."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return ("%04d-%02d-%02d" % (value.year, value.month, value.day)).encode("ascii")
    return to_c(value, field)


def from_date(value):
    """C "YYYY-MM-DD" -> datetime.date (NULL -> None)."""
    if value is None:
        return None
    text = value.decode("ascii", "replace")
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return text  # never expected: the library validates dates


def entity_id(value, field="id"):
    """An id given as an int or as an object with an ``id`` (a Partner...)."""
    if isinstance(value, bool):
        raise TypeError("%s: expected an id, got bool" % field)
    if isinstance(value, int):
        return value
    ident = getattr(value, "id", None)
    if isinstance(ident, int):
        return ident
    raise TypeError("%s: expected an id or an object with .id, got %s" % (field, type(value).__name__))


def warn_callback(kind, exc):
    """A callback failed in a way the library cannot be told about."""
    warnings.warn("kemitraan %s callback raised %s: %s" % (kind, type(exc).__name__, exc), RuntimeWarning,
                  stacklevel=2)
