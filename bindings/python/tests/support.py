"""Shared helpers of the Python binding tests (not a test module)."""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)
REPO = os.path.normpath(os.path.join(PKG_ROOT, os.pardir, os.pardir))
if PKG_ROOT not in sys.path:
    sys.path.insert(0, PKG_ROOT)

import kemitraan as km  # noqa: E402

UTC = dt.timezone.utc
START = dt.datetime(2025, 3, 3, 1, 0, tzinfo=UTC)


class Clock:
    """A deterministic clock: START, then ``step`` later at every call."""

    def __init__(self, start=START, step=dt.timedelta(minutes=15)):
        self.now = start
        self.step = step
        self.calls = 0

    def __call__(self):
        self.calls += 1
        t = self.now
        self.now += self.step
        return t


def tmpdir(testcase):
    """A fresh directory under KM_TEST_TMPDIR (ctest) or the system temp,
    removed when the test ends."""
    base = os.environ.get("KM_TEST_TMPDIR") or None
    if base:
        os.makedirs(base, exist_ok=True)
    path = tempfile.mkdtemp(prefix="py-bindings-", dir=base)
    testcase.addCleanup(shutil.rmtree, path, True)
    return path


_layout = None


def struct_layout():
    """The JSON printed by tests/bindings/struct_layout (sizes and offsets
    of every public struct as the C compiler lays them out), or None."""
    global _layout
    if _layout is not None:
        return _layout
    exe = os.environ.get("KEMITRAAN_STRUCT_LAYOUT")
    if not exe:
        candidate = os.path.join(REPO, "build", "tests", "bindings", "struct_layout")
        if os.path.exists(candidate):
            exe = candidate
    if not exe:
        # Outside ctest and without a build tree: compile it ourselves.
        cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc") or shutil.which("clang")
        if not cc:
            return None
        out = os.path.join(tempfile.mkdtemp(prefix="km-layout-"), "struct_layout")
        src = os.path.join(REPO, "tests", "bindings", "struct_layout.c")
        res = subprocess.run([cc, "-std=c99", "-I", os.path.join(REPO, "include"), src, "-o", out],
                             capture_output=True, text=True)
        if res.returncode != 0:
            return None
        exe = out
    _layout = json.loads(subprocess.run([exe], check=True, capture_output=True, text=True).stdout)
    return _layout


def add_partners(net, n, start=1):
    """n partners with varied kinds, regions, statuses and tags; returns them."""
    kinds = list(km.PartnerKind)
    regions = ["32", "32.73", "32.73.01", "33.01", "31", None]
    made = []
    for i in range(start, start + n):
        p = net.create_partner(
            "Mitra %d" % i, "ID-TEST-%06d" % i, kinds[i % len(kinds)], region=regions[i % len(regions)],
            sectors=["health"] if i % 2 else ["education", "health"] if i % 3 == 0 else [],
            capabilities=["training"] if i % 5 == 0 else [], needs=["funding"] if i % 7 == 0 else [])
        made.append(p)
    return made


class BindingTest(unittest.TestCase):
    """Base: a memory network with a deterministic clock as self.net."""

    def setUp(self):
        self.clock = Clock()
        self.net = km.Network.open(actor="admin:test", clock=self.clock)
        self.addCleanup(self.net.close)
