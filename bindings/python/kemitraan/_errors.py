"""Typed exceptions for the library's ``KM_E*`` error codes.

Every fallible C function returns ``0`` or a negative code; the binding turns
a negative code into the subclass of :class:`KemitraanError` below that
carries the code, the field or rule at fault (``partner.email``) and the
message in both languages, exactly as the library formatted them.
"""

# Error codes of include/kemitraan/common.h (km_error_code).
OK = 0
ERROR = -1
EINVAL = -2
ENOTFOUND = -3
EEXISTS = -4
ESTATE = -5
ECONFLICT = -6
ESTORAGE = -7
ECORRUPT = -8
ENOMEM = -9
EDENIED = -10
ERANGE = -11
EREADONLY = -12
EBUSY = -13
EVERSION = -14
ITEROVER = -15

LANG_ID = 0
LANG_EN = 1

_language = LANG_EN


def lang_code(lang=None):
    """Maps ``"id"``/``"en"`` (or 0/1, or None for the default) to KM_LANG_*."""
    if lang is None:
        return _language
    if isinstance(lang, str):
        low = lang.lower()
        if low in ("id", "in", "ind", "indonesian", "bahasa"):
            return LANG_ID
        if low in ("en", "eng", "english"):
            return LANG_EN
        raise ValueError("unknown language %r (use 'id' or 'en')" % (lang,))
    return LANG_ID if int(lang) == LANG_ID else LANG_EN


def set_language(lang):
    """Sets the default language of labels and error messages (``"id"`` or
    ``"en"``; English until changed). Process-wide."""
    global _language
    _language = lang_code(lang)


def get_language():
    """The default language, ``"id"`` or ``"en"``."""
    return "id" if _language == LANG_ID else "en"


class KemitraanError(Exception):
    """Base class of every error the library reports.

    Attributes:
        code: the negative ``KM_E*`` code.
        field: the argument, field or rule at fault (``partner.email``), or "".
        messages: ``{"id": ..., "en": ...}``, the message in both languages.
        message: the message in the default language (see set_language()).
    """

    code = ERROR

    def __init__(self, message_en="", field="", message_id=None, code=None):
        if code is not None:
            self.code = code
        self.field = field or ""
        self.messages = {"en": message_en or "", "id": message_id if message_id is not None else (message_en or "")}
        super().__init__(self.message)

    @property
    def message(self):
        return self.messages["id" if _language == LANG_ID else "en"]

    def message_in(self, lang):
        """The message in ``"id"`` or ``"en"``."""
        return self.messages["id" if lang_code(lang) == LANG_ID else "en"]

    def __str__(self):
        return self.message

    def __repr__(self):
        return "%s(code=%d, field=%r, message=%r)" % (type(self).__name__, self.code, self.field,
                                                     self.messages["en"])


class InvalidArgument(KemitraanError, ValueError):
    """KM_EINVAL: an argument or field is invalid."""
    code = EINVAL


class NotFound(KemitraanError, LookupError):
    """KM_ENOTFOUND: the entity or entry does not exist."""
    code = ENOTFOUND


class AlreadyExists(KemitraanError):
    """KM_EEXISTS: a unique value is already taken."""
    code = EEXISTS


class InvalidState(KemitraanError):
    """KM_ESTATE: not allowed in the entity's current state."""
    code = ESTATE


class Conflict(KemitraanError):
    """KM_ECONFLICT: another handle changed the store; refresh and retry."""
    code = ECONFLICT


class StorageError(KemitraanError, OSError):
    """KM_ESTORAGE: the storage backend failed."""
    code = ESTORAGE


class Corrupt(KemitraanError):
    """KM_ECORRUPT: stored data is malformed or fails its checksum or hash chain."""
    code = ECORRUPT


class OutOfMemory(KemitraanError, MemoryError):
    """KM_ENOMEM: an allocation failed; nothing changed."""
    code = ENOMEM


class Denied(KemitraanError, PermissionError):
    """KM_EDENIED: the authorizer refused the action; nothing changed."""
    code = EDENIED


class RangeError(KemitraanError, ArithmeticError):
    """KM_ERANGE: arithmetic overflow or a value outside its domain."""
    code = ERANGE


class ReadOnly(KemitraanError):
    """KM_EREADONLY: read-only handle (time travel or read-only store)."""
    code = EREADONLY


class Busy(KemitraanError):
    """KM_EBUSY: the store is locked by another writer."""
    code = EBUSY


class VersionError(KemitraanError):
    """KM_EVERSION: unsupported structure, record, backend or library version."""
    code = EVERSION


_BY_CODE = {cls.code: cls for cls in (InvalidArgument, NotFound, AlreadyExists, InvalidState, Conflict,
                                        StorageError, Corrupt, OutOfMemory, Denied, RangeError, ReadOnly,
                                        Busy, VersionError)}


def error_class(code):
    """The exception class for a ``KM_E*`` code (KemitraanError for others)."""
    return _BY_CODE.get(code, KemitraanError)


def make_error(code, field="", message_en="", message_id=None):
    """Builds the typed exception for ``code``."""
    cls = error_class(code)
    return cls(message_en, field, message_id, code=code)
