"""Every error class is raised by a real failure, with its code, the field at
fault and the message in Bahasa Indonesia and English."""
import ctypes
import gc
import os
import unittest

from support import BindingTest, km, tmpdir

from kemitraan import _errors, _types
from kemitraan import network as _network

_libc = ctypes.CDLL(None)
_libc.malloc.restype = ctypes.c_void_p
_libc.malloc.argtypes = [ctypes.c_size_t]
_libc.realloc.restype = ctypes.c_void_p
_libc.realloc.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
_libc.free.restype = None
_libc.free.argtypes = [ctypes.c_void_p]


class FailingAllocator:
    """A km_allocator over libc that fails the N-th allocation once armed."""

    def __init__(self):
        self.count = 0
        self.fail_at = 0
        self.failures = 0
        self.live = 0

    def _fail(self):
        self.count += 1
        if self.fail_at and self.count == self.fail_at:
            self.failures += 1
            return True
        return False

    def arm(self, n):
        self.count = 0
        self.fail_at = n
        self.failures = 0

    def make(self):
        def malloc(_payload, size):
            if self._fail():
                return None
            self.live += 1
            return _libc.malloc(size)

        def realloc(_payload, ptr, size):
            if self._fail():
                return None
            if not ptr:
                self.live += 1
            return _libc.realloc(ptr, size)

        def free(_payload, ptr):
            if ptr:
                self.live -= 1
            _libc.free(ptr)
        self.fns = (_types.MallocFn(malloc), _types.ReallocFn(realloc), _types.FreeFn(free))
        self.struct = _types.Allocator(malloc_fn=self.fns[0], realloc_fn=self.fns[1], free_fn=self.fns[2])
        return self.struct


def open_with_allocator(alloc):
    """A Network whose memory all comes from ``alloc`` (low level: the
    high-level open() has no allocator option)."""
    keep = {"allocator": (alloc, alloc.make())}
    opts = _types.NetworkOptions(allocator=ctypes.pointer(alloc.struct))
    out = _types.NetworkP()
    _network.km_network_open(ctypes.byref(out), None, ctypes.byref(opts))
    return km.Network(out, keep)


class ErrorClassTest(BindingTest):
    def check(self, exc, cls, field, bilingual=True):
        self.assertIsInstance(exc, cls)
        self.assertIsInstance(exc, km.KemitraanError)
        self.assertEqual(exc.code, cls.code)
        self.assertEqual(exc.field, field)
        en, ind = exc.message_in("en"), exc.message_in("id")
        self.assertTrue(en.startswith(field + ": "), en)
        self.assertTrue(ind.startswith(field + ": "), ind)
        if bilingual:
            self.assertNotEqual(en, ind)
        self.assertEqual(str(exc), en)
        km.set_language("id")
        try:
            self.assertEqual(str(exc), ind)
            self.assertEqual(exc.message, ind)
        finally:
            km.set_language("en")

    def raises(self, cls, fn, *args, **kwargs):
        with self.assertRaises(cls) as cm:
            fn(*args, **kwargs)
        return cm.exception

    def test_invalid_argument(self):
        e = self.raises(km.InvalidArgument, self.net.create_partner, "A", "ID-NIB-1", email="x@")
        self.check(e, km.InvalidArgument, "partner.email")
        self.assertIsInstance(e, ValueError)

    def test_not_found(self):
        e = self.raises(km.NotFound, self.net.partner, 42)
        self.check(e, km.NotFound, "partner.id")
        self.assertIsInstance(e, LookupError)

    def test_already_exists(self):
        self.net.create_partner("A", "ID-NIB-1")
        self.check(self.raises(km.AlreadyExists, self.net.create_partner, "B", "ID-NIB-1"), km.AlreadyExists,
                   "partner.external_id")

    def test_invalid_state(self):
        p = self.net.create_partner("A", "ID-NIB-1")
        self.check(self.raises(km.InvalidState, self.net.set_partner_status, p, "active"), km.InvalidState,
                   "partner.status")

    def test_conflict(self):
        store = km.MemoryStore()
        a, b = km.Network.open(storage=store), km.Network.open(storage=store)
        self.addCleanup(a.close)
        self.addCleanup(b.close)
        a.create_partner("A", "ID-NIB-1")
        e = self.raises(km.Conflict, b.create_partner, "B", "ID-NIB-2")
        self.check(e, km.Conflict, "storage.append")

    def test_storage_error(self):
        e = self.raises(km.StorageError, km.Network.open, tmpdir(self))  # a directory is not a store
        self.check(e, km.StorageError, "path", bilingual=False)
        self.assertIsInstance(e, OSError)

    def test_corrupt(self):
        path = os.path.join(tmpdir(self), "garbage.km")
        with open(path, "wb") as f:
            f.write(b"not a kemitraan store" * 10)
        self.check(self.raises(km.Corrupt, km.Network.open, path), km.Corrupt, "storage.file")

    def test_out_of_memory(self):
        alloc = FailingAllocator()
        net = open_with_allocator(alloc)
        net.create_partner("A", "ID-NIB-1")
        alloc.arm(1)
        e = self.raises(km.OutOfMemory, net.create_partner, "B", "ID-NIB-2")
        self.assertEqual(e.code, _errors.ENOMEM)
        self.assertTrue(e.message_in("id") and e.message_in("en"))
        self.assertEqual(net.count_partners(), 1)
        net.close()
        self.assertEqual(alloc.live, 0)

    def test_denied(self):
        self.net.set_authorizer(lambda req: "tidak boleh")
        e = self.raises(km.Denied, self.net.create_partner, "A", "ID-NIB-1")
        self.assertTrue(e.field)
        self.check(e, km.Denied, e.field)
        self.assertIn("tidak boleh", e.message)

    def test_range_error(self):
        g = km.Graph(3, [(0, 1), (1, 2)], directed=True)
        self.check(self.raises(km.RangeError, g.pagerank, max_iter=1), km.RangeError, "pagerank")

    def test_read_only(self):
        store = km.MemoryStore()
        with km.Network.open(storage=store, read_only=True) as ro:
            e = self.raises(km.ReadOnly, ro.create_partner, "A", "ID-NIB-1")
        self.check(e, km.ReadOnly, e.field)

    def test_version_error(self):
        opts = _types.NetworkOptions(version=99)
        out = _types.NetworkP()
        e = self.raises(km.VersionError, _network.km_network_open, ctypes.byref(out), None, ctypes.byref(opts))
        self.check(e, km.VersionError, "options.version")

    def test_busy_and_every_code_from_a_backend(self):
        # No built-in backend reports KM_EBUSY; a host backend does so through
        # km_error_set, which sets the last error and returns the code.
        for cls in (km.InvalidArgument, km.NotFound, km.AlreadyExists, km.InvalidState, km.Conflict,
                    km.StorageError, km.Corrupt, km.OutOfMemory, km.Denied, km.RangeError, km.ReadOnly, km.Busy,
                    km.VersionError):
            with self.subTest(cls=cls.__name__):
                e = self.raises(cls, _network.km_error_set, cls.code, b"storage.append", b"locked by pid 42")
                self.check(e, cls, "storage.append", bilingual=False)
                self.assertEqual(e.message, "storage.append: locked by pid 42")
        e = self.raises(km.KemitraanError, _network.km_error_set, -1, None, None)
        self.assertIs(type(e), km.KemitraanError)

    def test_error_repr_and_default_message(self):
        e = km.NotFound("x: gone", "x", "x: hilang")
        self.assertEqual(e.code, -3)
        self.assertIn("NotFound(code=-3, field='x'", repr(e))
        self.assertEqual(e.message_in("id"), "x: hilang")


class OutOfMemoryLoopTest(unittest.TestCase):
    """SQLite-style: fail the N-th allocation of an operation for every N until
    it succeeds; each failure is OutOfMemory and changes nothing."""

    def test_create_partner_and_agreement_loop(self):
        alloc = FailingAllocator()
        net = open_with_allocator(alloc)
        net.actor = "admin:test"
        a = net.create_partner("A", "ID-NIB-1", sectors=["health"])
        b = net.create_partner("B", "ID-NIB-2")
        ops = [
            lambda: net.create_partner("C", "ID-NIB-3", "ngo", region="32.73", sectors=["health", "water"]),
            lambda: net.update_partner(a, email="a@b.co"),
            lambda: net.create_agreement("KS", "PKS/1", "cooperation", start_date="2025-01-01",
                                         parties=[(a, km.Role.FUNDING), (b, km.Role.IMPLEMENTING)]),
            lambda: list(net.partners(region="32")),
            lambda: list(net.audit()),
        ]
        for op in ops:
            n = 1
            while True:
                seq, head = net.seq, net.head_hash
                alloc.arm(n)
                try:
                    op()
                except km.OutOfMemory:
                    failures = alloc.failures
                    alloc.arm(0)
                    self.assertEqual(failures, 1)
                    self.assertEqual((net.seq, net.head_hash), (seq, head))
                    n += 1
                    continue
                alloc.arm(0)
                break
            self.assertGreater(n, 1, "the operation allocated nothing?")
        net.close()
        # Handles read from the network use its allocator and outlive it.
        a.close()
        b.close()
        del ops
        gc.collect()
        self.assertEqual(alloc.live, 0)


if __name__ == "__main__":
    unittest.main()
