"""The network handle (network.h, file.h, sys/storage.h).

A :class:`Network` is one open partnership network. Domain modules add
their methods through mixins (partner.py's PartnerMixin, ...): a new header
becomes one new module and one more base class below.
"""
import contextlib
import ctypes
import dataclasses
import time
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_uint64, c_void_p

from . import _lib
from ._enum import LabelledEnum
from ._errors import Corrupt, InvalidState
from ._handle import Handle
from ._lib import from_c, func, status, to_c
from ._types import (Allocator, AuthorizerFn, ClockFn, FileOptions, NetworkOptions, NetworkP, NetworkStats,
                     StorageP, VerifyReport)
from .agreement import AgreementMixin
from .audit import AuditMixin, Entity
from .commitment import CommitmentMixin
from .framework import FrameworkMixin
from .indicator import IndicatorMixin
from .dispute import DisputeMixin
from .match import MatchMixin
from .opportunity import OpportunityMixin
from .partner import PartnerMixin
from .view import ViewMixin
from .scorecard import ScorecardMixin

# network.h
km_network_open = status("km_network_open", POINTER(NetworkP), StorageP, POINTER(NetworkOptions))
km_network_close = func("km_network_close", None, NetworkP)
km_network_set_actor = status("km_network_set_actor", NetworkP, c_char_p)
km_network_actor = func("km_network_actor", c_char_p, NetworkP)
km_network_set_authorizer = status("km_network_set_authorizer", NetworkP, AuthorizerFn, c_void_p)
km_network_set_clock = status("km_network_set_clock", NetworkP, ClockFn, c_void_p)
km_network_now = func("km_network_now", c_int64, NetworkP)
km_network_begin = status("km_network_begin", NetworkP)
km_network_commit = status("km_network_commit", NetworkP)
km_network_rollback = status("km_network_rollback", NetworkP)
km_network_refresh = status("km_network_refresh", NetworkP)
km_network_stats_get = status("km_network_stats_get", POINTER(NetworkStats), NetworkP)
km_network_seq = func("km_network_seq", c_uint64, NetworkP)
km_network_head_hash = status("km_network_head_hash", c_char_p, NetworkP)
km_network_state_hash = status("km_network_state_hash", c_char_p, NetworkP)
km_network_snapshot_seq = func("km_network_snapshot_seq", c_uint64, NetworkP)
km_storage_verify = status("km_storage_verify", POINTER(VerifyReport), StorageP, c_char_p, c_uint64)
km_network_verify = status("km_network_verify", POINTER(VerifyReport), NetworkP)
# file.h
km_storage_file_open = status("km_storage_file_open", POINTER(StorageP), c_char_p, POINTER(FileOptions))
km_network_open_file = status("km_network_open_file", POINTER(NetworkP), c_char_p, POINTER(FileOptions),
                              POINTER(NetworkOptions))
km_network_snapshot = status("km_network_snapshot", NetworkP)
km_network_sync = status("km_network_sync", NetworkP)
# sys/storage.h
km_storage_memory_new = status("km_storage_memory_new", POINTER(StorageP), POINTER(Allocator))
km_storage_free = func("km_storage_free", None, StorageP)
km_error_set = status("km_error_set", c_int, c_char_p, c_char_p)


class SyncMode(LabelledEnum):
    """When the file store forces data to disk (km_sync_mode)."""
    FULL = 0
    NORMAL = 1
    OFF = 2


@dataclasses.dataclass(frozen=True)
class AuthRequest:
    """What the authorizer is asked to allow (km_auth_request)."""
    entity: Entity
    entity_id: int
    operation: str
    actor: str


#: Counts of km_network_stats_get(): one attribute per C field, so fields
#: added to the struct appear here without further code.
Stats = dataclasses.make_dataclass(
    "Stats", [(name, int) for name, _ in NetworkStats._fields_ if name != "version"], frozen=True)
Stats.__doc__ = "Counts of the network's current state (km_network_stats)."


@dataclasses.dataclass(frozen=True)
class Verification:
    """Result of a hash-chain verification (km_verify_report)."""
    ok: bool
    entries: int
    first_bad_seq: int
    head_hash: str
    error: Exception = None

    def __bool__(self):
        return self.ok


def _verify(call):
    report = VerifyReport()
    try:
        call(report)
    except Corrupt as exc:
        return Verification(False, report.entries, report.first_bad_seq, from_c(report.head_hash), exc)
    return Verification(True, report.entries, report.first_bad_seq, from_c(report.head_hash), None)


def _file_options(sync=None, read_only=False, no_create=False):
    opts = FileOptions()
    if sync is not None:
        opts.sync = int(SyncMode.coerce(sync, "file.sync"))
    opts.read_only = 1 if read_only else 0
    opts.no_create = 1 if no_create else 0
    return opts


class Store:
    """A storage backend owned by Python (base of MemoryStore, FileStore).

    Several networks may share one store; the store is kept open while any
    network opened on it is."""

    def __init__(self, ptr):
        self._h = Handle(ptr, km_storage_free)

    def verify(self, expected_head=None, expected_head_seq=0):
        """Recomputes the hash chain of the whole store (km_storage_verify)."""
        return _verify(lambda r: km_storage_verify(byref(r), self._ptr, to_c(expected_head), expected_head_seq))

    def close(self):
        """Drops this reference to the backend. It is freed once no network
        opened on it is left open (each holds it until it closes)."""
        self._h = None

    @property
    def closed(self):
        return self._h is None

    @property
    def _ptr(self):
        if self._h is None:
            raise ValueError("Store is closed")
        return self._h.ptr

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class MemoryStore(Store):
    """The built-in memory backend; share one between networks to see each
    other's changes after refresh()."""

    def __init__(self):
        out = StorageP()
        km_storage_memory_new(byref(out), None)
        super().__init__(out)


class FileStore(Store):
    """The built-in file store (file.h), for verifying a store or sharing it."""

    def __init__(self, path, sync=None, read_only=False, no_create=False):
        out = StorageP()
        opts = _file_options(sync, read_only, no_create)
        km_storage_file_open(byref(out), to_c(str(path), "path"), byref(opts))
        super().__init__(out)


def _system_micros():
    return time.time_ns() // 1000


def _clock_trampoline(fn):
    def clock(_payload):
        try:
            return _lib.to_micros(fn())
        except BaseException as exc:  # never let an exception cross the C frames
            _lib.warn_callback("clock", exc)
            return _system_micros()
    return ClockFn(clock)


def _write_reason(buf, size, text):
    if not buf or size == 0:
        return
    data = text.encode("utf-8")[: size - 1]
    while data:
        try:
            data.decode("utf-8")
            break
        except UnicodeDecodeError:
            data = data[:-1]  # never cut a character in half
    ctypes.memmove(buf, data + b"\0", len(data) + 1)


def _authorizer_trampoline(fn):
    def authorize(_payload, req_p, reason, reason_size):
        try:
            r = req_p.contents
            verdict = fn(AuthRequest(Entity.from_c(r.entity), r.entity_id, from_c(r.operation), from_c(r.actor)))
            if verdict is None or verdict is True:
                return 0
            if verdict is False:
                return 1
            if isinstance(verdict, str):
                _write_reason(reason, reason_size, verdict)
                return 1
            raise TypeError("an authorizer returns None/True (allow), False or a reason str (deny), not %s"
                            % type(verdict).__name__)
        except BaseException as exc:  # deny, and chain the exception to the Denied error
            _lib.set_pending(exc)
            _write_reason(reason, reason_size, "%s: %s" % (type(exc).__name__, exc))
            return 1
    return AuthorizerFn(authorize)


class Network(PartnerMixin, AgreementMixin, FrameworkMixin, AuditMixin, CommitmentMixin, IndicatorMixin,
              ScorecardMixin, DisputeMixin, OpportunityMixin, ViewMixin, MatchMixin):
    """An open partnership network.

    Open with :meth:`open` (a memory store, a file path or a shared
    :class:`Store`) or :meth:`open_file`; use as a context manager or call
    :meth:`close`. A network is used by one thread at a time.
    """

    def __init__(self, ptr, keep):
        # keep: objects C refers to (callbacks, the store); the finalizer
        # holds this dict, so they outlive the C handle.
        self._keep = keep
        self._h = Handle(ptr, km_network_close, keep=(keep,))

    # ---- opening ----------------------------------------------------------
    @staticmethod
    def _options(keep, actor=None, clock=None, authorizer=None, read_only=False, as_of_seq=None, as_of_time=None,
                 retry_on_conflict=False, no_snapshot=False):
        opts = NetworkOptions()
        if actor is not None:
            opts.actor = to_c(actor, "actor")
        if clock is not None:
            keep["clock"] = _clock_trampoline(clock)
            opts.clock = keep["clock"]
        if authorizer is not None:
            keep["authorizer"] = _authorizer_trampoline(authorizer)
            opts.authorizer = keep["authorizer"]
        opts.read_only = 1 if read_only else 0
        opts.as_of_seq = as_of_seq or 0
        opts.as_of_time = _lib.to_micros(as_of_time)
        opts.retry_on_conflict = 1 if retry_on_conflict else 0
        opts.no_snapshot = 1 if no_snapshot else 0
        return opts

    @classmethod
    def open(cls, path=None, *, storage=None, actor=None, clock=None, authorizer=None, read_only=False,
             as_of_seq=None, as_of_time=None, retry_on_conflict=False, no_snapshot=False, sync=None,
             no_create=False):
        """Opens a network.

        Args:
            path: a file store path (see :meth:`open_file`); None for memory.
            storage: a :class:`Store` shared with other networks (instead of path).
            actor: who makes the following changes.
            clock: callable returning the time (datetime or microseconds).
            authorizer: callable(AuthRequest) returning None/True to allow,
                False or a reason string to deny.
            read_only, as_of_seq, as_of_time, retry_on_conflict, no_snapshot:
                as km_network_options (as_of_time: datetime or microseconds).
            sync, no_create: file store options (with path).
        """
        if path is not None:
            if storage is not None:
                raise TypeError("give either path or storage, not both")
            return cls.open_file(path, actor=actor, clock=clock, authorizer=authorizer, read_only=read_only,
                                 as_of_seq=as_of_seq, as_of_time=as_of_time, retry_on_conflict=retry_on_conflict,
                                 no_snapshot=no_snapshot, sync=sync, no_create=no_create)
        keep = {}
        opts = cls._options(keep, actor, clock, authorizer, read_only, as_of_seq, as_of_time, retry_on_conflict,
                            no_snapshot)
        store_ptr = None
        if storage is not None:
            store_ptr = storage._ptr
            keep["storage"] = storage._h  # the store outlives this network
        out = NetworkP()
        km_network_open(byref(out), store_ptr, byref(opts))
        return cls(out, keep)

    @classmethod
    def open_file(cls, path, *, sync=None, no_create=False, **options):
        """Opens (or creates) a file store owned by the network (file.h).

        ``sync`` is a SyncMode or "full"/"normal"/"off"; ``no_create``
        fails with NotFound when the file is absent; other keyword arguments
        as :meth:`open`."""
        keep = {}
        opts = cls._options(keep, **options)
        fopts = _file_options(sync, options.get("read_only", False), no_create)
        out = NetworkP()
        km_network_open_file(byref(out), to_c(str(path), "path"), byref(fopts), byref(opts))
        return cls(out, keep)

    # ---- lifetime ---------------------------------------------------------
    @property
    def _p(self):
        return self._h.ptr

    def close(self):
        """Closes the network (an open transaction is rolled back). Idempotent.
        Partners, pages and other objects read from it stay valid."""
        self._h.close()

    @property
    def closed(self):
        return self._h.closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        if self.closed:
            return "<kemitraan.Network closed>"
        return "<kemitraan.Network seq=%d actor=%r>" % (self.seq, self.actor)

    # ---- hooks ------------------------------------------------------------
    @property
    def actor(self):
        """Who makes the following changes ("" when unset)."""
        return from_c(km_network_actor(self._p))

    @actor.setter
    def actor(self, value):
        km_network_set_actor(self._p, to_c(value, "actor"))

    def set_clock(self, fn):
        """Replaces the clock: a callable returning a datetime or
        microseconds since the epoch; None restores the system clock."""
        cb = _clock_trampoline(fn) if fn is not None else ClockFn()
        km_network_set_clock(self._p, cb, None)
        self._keep["clock"] = cb  # only now may the previous one go

    def set_authorizer(self, fn):
        """Replaces the authorizer (see :meth:`open`); None allows everything."""
        cb = _authorizer_trampoline(fn) if fn is not None else AuthorizerFn()
        km_network_set_authorizer(self._p, cb, None)
        self._keep["authorizer"] = cb

    @property
    def now(self):
        """The network clock's current time (aware UTC datetime)."""
        return _lib.from_micros(km_network_now(self._p))

    # ---- transactions -----------------------------------------------------
    def begin(self):
        km_network_begin(self._p)

    def commit(self):
        km_network_commit(self._p)

    def rollback(self):
        km_network_rollback(self._p)

    @contextlib.contextmanager
    def transaction(self):
        """``with net.transaction():`` - every change inside is one log
        entry, committed at the end; an exception rolls everything back."""
        self.begin()
        try:
            yield self
        except BaseException:
            if not self.closed:
                try:
                    self.rollback()
                except InvalidState:
                    pass
            raise
        self.commit()

    # ---- state ------------------------------------------------------------
    def refresh(self):
        """Applies entries other handles appended since the last refresh."""
        km_network_refresh(self._p)

    def stats(self):
        """Counts of the current state (:class:`Stats`)."""
        out = NetworkStats()
        km_network_stats_get(byref(out), self._p)
        return Stats(**{name: getattr(out, name) for name in Stats.__dataclass_fields__})

    @property
    def seq(self):
        """Last log sequence applied (0 for an empty log)."""
        return km_network_seq(self._p)

    @property
    def head_hash(self):
        """Hex SHA-256 of the last applied log entry."""
        buf = ctypes.create_string_buffer(65)
        km_network_head_hash(buf, self._p)
        return buf.value.decode("ascii")

    def state_hash(self):
        """Hex SHA-256 of the whole state: the bytes a snapshot of it would
        hold. The same for a handle opened from an honest snapshot and one
        opened with ``no_snapshot=True`` at the same sequence, so it shows
        a snapshot that was altered (see :attr:`snapshot_seq`). Costs about
        what writing a snapshot costs. Raises InvalidState inside a
        transaction."""
        buf = ctypes.create_string_buffer(65)
        km_network_state_hash(buf, self._p)
        return buf.value.decode("ascii")

    @property
    def snapshot_seq(self):
        """Sequence of the snapshot this handle was opened from; 0 when the
        whole log was replayed (``no_snapshot``, no snapshot, or one that
        was unusable)."""
        return km_network_snapshot_seq(self._p)

    def verify(self):
        """Re-reads the log and recomputes the hash chain. Returns a
        :class:`Verification` (falsy when the chain is broken; ``.error``
        then holds the Corrupt error naming the entry)."""
        return _verify(lambda r: km_network_verify(byref(r), self._p))

    def snapshot(self):
        """Saves a snapshot so later opens need not replay the whole log."""
        km_network_snapshot(self._p)

    def sync(self):
        """Makes every commit so far durable."""
        km_network_sync(self._p)

