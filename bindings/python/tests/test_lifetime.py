"""Leak and safety smoke: create and drop 10,000 handles of each kind."""
import gc
import itertools
import os
import unittest
import weakref

from support import BindingTest, km

N = 10_000


def rss_bytes():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class LifetimeTest(BindingTest):
    def assert_no_growth(self, make, what, limit_mb=24):
        for _ in range(500):  # warm up allocator caches and ctypes' type caches
            make()
        gc.collect()
        before_rss = rss_bytes()
        before_fin = len(weakref.finalize._registry)
        for _ in range(N):
            make()
        gc.collect()
        self.assertLessEqual(len(weakref.finalize._registry), before_fin, "%s: finalizers left behind" % what)
        if before_rss is not None:
            grown = (rss_bytes() - before_rss) / 2**20
            self.assertLess(grown, limit_mb, "%s: RSS grew %.1f MiB over %d handles" % (what, grown, N))

    def test_networks_dropped_without_close(self):
        self.assert_no_growth(lambda: km.Network.open(clock=lambda: 0, authorizer=lambda r: None), "networks")

    def test_networks_closed_twice(self):
        def make():
            net = km.Network.open()
            net.close()
            net.close()
        self.assert_no_growth(make, "closed networks")

    def test_partner_handles(self):
        self.net.create_partner("A", "ID-NIB-1", sectors=["health"])
        self.assert_no_growth(lambda: self.net.partner(1).sectors, "partners")

    def test_pages_abandoned_mid_iteration(self):
        with self.net.transaction():
            for i in range(20):
                self.net.create_partner("M%d" % i, "ID-NIB-%d" % i)
        self.assert_no_growth(lambda: list(itertools.islice(self.net.partners(page_size=3), 4)), "pages")

    def test_audit_lists_and_frameworks(self):
        fw = self.net.create_framework("F", allowed_types=["mou"])
        self.net.create_partner("A", "ID-NIB-1")
        self.assert_no_growth(lambda: (list(self.net.audit()), self.net.framework(fw.id).allowed_types),
                              "audit lists and frameworks")

    def test_graphs_and_stores(self):
        self.assert_no_growth(lambda: km.Graph(10, [(i, i + 1) for i in range(9)]).degree(), "graphs")
        self.assert_no_growth(lambda: km.Network.open(storage=km.MemoryStore()).seq, "stores")

    def test_closed_handles_refuse_use(self):
        p = self.net.create_partner("A", "ID-NIB-1")
        p.close()
        p.close()
        with self.assertRaises(ValueError):
            _ = p.name
        self.assertIn("closed", repr(p))


if __name__ == "__main__":
    unittest.main()
