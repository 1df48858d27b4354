"""Network: opening and closing, transactions, hooks, refresh, stats, verify."""
import datetime as dt
import gc
import unittest
import warnings

from support import START, UTC, BindingTest, Clock, km


class OpenCloseTest(unittest.TestCase):
    def test_with_block_closes(self):
        with km.Network.open() as net:
            self.assertFalse(net.closed)
            self.assertEqual(net.seq, 0)
        self.assertTrue(net.closed)
        self.assertIn("closed", repr(net))

    def test_close_is_idempotent_and_use_after_close_raises(self):
        net = km.Network.open()
        net.close()
        net.close()
        with self.assertRaises(ValueError):
            net.create_partner("Mitra", "ID-NIB-1")
        with self.assertRaises(ValueError):
            _ = net.seq

    def test_objects_outlive_their_network(self):
        net = km.Network.open()
        p = net.create_partner("Mitra", "ID-NIB-1", email="a@b.co")
        page_item = next(iter(net.partners()))
        net.close()
        self.assertEqual(p.email, "a@b.co")
        self.assertEqual(page_item.name, "Mitra")

    def test_actor_property(self):
        with km.Network.open(actor="budi@jabarprov.go.id") as net:
            self.assertEqual(net.actor, "budi@jabarprov.go.id")
            net.actor = "admin:siti"
            self.assertEqual(net.actor, "admin:siti")
            net.actor = None
            self.assertEqual(net.actor, "")
            with self.assertRaises(km.InvalidArgument) as cm:
                net.actor = "x" * 300
            self.assertTrue(cm.exception.field)

    def test_path_and_storage_are_exclusive(self):
        with self.assertRaises(TypeError):
            km.Network.open("x.km", storage=km.MemoryStore())


class TransactionTest(BindingTest):
    def test_commit_is_one_log_entry(self):
        with self.net.transaction():
            self.net.create_partner("A", "ID-NIB-1")
            self.net.create_partner("B", "ID-NIB-2")
        self.assertEqual(self.net.seq, 1)
        self.assertEqual(self.net.count_partners(), 2)
        stats = self.net.stats()
        self.assertEqual((stats.log_entries, stats.log_events), (1, 2))

    def test_exception_rolls_back_and_propagates(self):
        self.net.create_partner("A", "ID-NIB-1")
        with self.assertRaises(ZeroDivisionError):
            with self.net.transaction():
                self.net.create_partner("B", "ID-NIB-2")
                self.assertEqual(self.net.count_partners(), 2)  # visible inside
                1 / 0
        self.assertEqual(self.net.count_partners(), 1)
        self.assertEqual(self.net.seq, 1)
        with self.assertRaises(km.NotFound):
            self.net.partner_by_external_id("ID-NIB-2")

    def test_library_error_inside_rolls_back_everything(self):
        with self.assertRaises(km.AlreadyExists):
            with self.net.transaction():
                self.net.create_partner("A", "ID-NIB-1")
                self.net.create_partner("B", "ID-NIB-1")
        self.assertEqual(self.net.count_partners(), 0)
        self.assertEqual(self.net.seq, 0)

    def test_nested_transaction_is_invalid_state(self):
        with self.net.transaction():
            with self.assertRaises(km.InvalidState):
                self.net.begin()
        with self.assertRaises(km.InvalidState):
            self.net.commit()

    def test_explicit_begin_rollback(self):
        self.net.begin()
        self.net.create_partner("A", "ID-NIB-1")
        self.net.rollback()
        self.assertEqual(self.net.count_partners(), 0)


class HookTest(unittest.TestCase):
    def test_clock_stamps_changes(self):
        clock = Clock()
        with km.Network.open(clock=clock) as net:
            p = net.create_partner("A", "ID-NIB-1")
            self.assertEqual(p.created, START)
            self.assertGreater(clock.calls, 0)
            self.assertEqual(net.now.tzinfo, UTC)

    def test_clock_may_return_microseconds(self):
        with km.Network.open(clock=lambda: 1_700_000_000_123_456) as net:
            p = net.create_partner("A", "ID-NIB-1")
            self.assertEqual(p.created, dt.datetime(2023, 11, 14, 22, 13, 20, 123456, tzinfo=UTC))

    def test_set_clock_replaces_and_none_restores_system_clock(self):
        with km.Network.open() as net:
            net.set_clock(lambda: dt.datetime(2030, 1, 1))
            self.assertEqual(net.now, dt.datetime(2030, 1, 1, tzinfo=UTC))
            net.set_clock(None)
            self.assertLess(abs((net.now - dt.datetime.now(UTC)).total_seconds()), 60)

    def test_clock_exception_warns_and_uses_system_time(self):
        def broken():
            raise RuntimeError("clock down")
        with km.Network.open(clock=broken) as net:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                p = net.create_partner("A", "ID-NIB-1")
            self.assertTrue(any("clock down" in str(w.message) for w in caught))
            self.assertLess(abs((p.created - dt.datetime.now(UTC)).total_seconds()), 60)

    def test_authorizer_sees_requests_and_denies(self):
        seen = []

        def authorize(req):
            seen.append(req)
            if req.operation == "partner.status":
                return "status changes need the head of office"
            return None

        with km.Network.open(actor="admin:budi", authorizer=authorize) as net:
            p = net.create_partner("A", "ID-NIB-1")
            with self.assertRaises(km.Denied) as cm:
                net.set_partner_status(p, "suspended", "audit")
            err = cm.exception
            self.assertIn("status changes need the head of office", err.message_in("en"))
            self.assertIn("status changes need the head of office", err.message_in("id"))
            self.assertEqual(net.partner(p.id).status, km.PartnerStatus.ACTIVE)
            self.assertEqual(seen[0], km.AuthRequest(km.Entity.PARTNER, 0, "partner.create", "admin:budi"))
            self.assertEqual((seen[1].entity_id, seen[1].operation), (p.id, "partner.status"))

    def test_authorizer_false_denies_and_exception_becomes_cause(self):
        with km.Network.open() as net:
            net.set_authorizer(lambda req: False)
            with self.assertRaises(km.Denied):
                net.create_partner("A", "ID-NIB-1")

            def broken(req):
                raise KeyError("no policy for " + req.operation)
            net.set_authorizer(broken)
            with self.assertRaises(km.Denied) as cm:
                net.create_partner("A", "ID-NIB-1")
            self.assertIsInstance(cm.exception.__cause__, KeyError)
            self.assertIn("KeyError", cm.exception.message)

            net.set_authorizer(lambda req: 42)
            with self.assertRaises(km.Denied) as cm:
                net.create_partner("A", "ID-NIB-1")
            self.assertIsInstance(cm.exception.__cause__, TypeError)

            net.set_authorizer(None)
            net.create_partner("A", "ID-NIB-1")
            self.assertEqual(net.count_partners(), 1)

    def test_authorizer_reason_is_cut_at_a_character_boundary(self):
        with km.Network.open(authorizer=lambda req: "ditolak " + "é" * 2000) as net:
            with self.assertRaises(km.Denied) as cm:
                net.create_partner("A", "ID-NIB-1")
            self.assertIn("ditolak", cm.exception.message)

    def test_callbacks_survive_garbage_collection(self):
        calls = {"clock": 0, "auth": 0}
        t = [START]

        def clock():
            calls["clock"] += 1
            gc.collect()
            t[0] += dt.timedelta(seconds=1)
            return t[0]

        def authorize(req):
            calls["auth"] += 1
            gc.collect()
            return True

        net = km.Network.open(clock=clock, authorizer=authorize)
        self.addCleanup(net.close)
        del clock, authorize
        for i in range(200):
            net.create_partner("Mitra %d" % i, "ID-NIB-%d" % i)
            if i % 50 == 0:
                # Replacing the hooks must not free the ones C still holds.
                net.set_clock(lambda: t[0])
                gc.collect()
        self.assertEqual(net.count_partners(), 200)
        self.assertGreaterEqual(calls["auth"], 200)


class SharedStoreTest(unittest.TestCase):
    def test_refresh_and_conflict(self):
        store = km.MemoryStore()
        a = km.Network.open(storage=store)
        b = km.Network.open(storage=store)
        self.addCleanup(a.close)
        self.addCleanup(b.close)
        a.create_partner("A", "ID-NIB-1")
        self.assertEqual(b.count_partners(), 0)
        with self.assertRaises(km.Conflict) as cm:
            b.create_partner("B", "ID-NIB-2")
        self.assertTrue(cm.exception.field)
        b.refresh()
        self.assertEqual(b.count_partners(), 1)
        b.create_partner("B", "ID-NIB-2")
        a.refresh()
        self.assertEqual([p.name for p in a.partners()], ["A", "B"])
        self.assertEqual(a.head_hash, b.head_hash)

    def test_retry_on_conflict(self):
        store = km.MemoryStore()
        a = km.Network.open(storage=store)
        b = km.Network.open(storage=store, retry_on_conflict=True)
        self.addCleanup(a.close)
        self.addCleanup(b.close)
        a.create_partner("A", "ID-NIB-1")
        b.create_partner("B", "ID-NIB-2")  # refreshed and retried by itself
        self.assertEqual(b.seq, 2)

    def test_store_outlives_dropped_reference(self):
        store = km.MemoryStore()
        net = km.Network.open(storage=store)
        del store
        gc.collect()
        net.create_partner("A", "ID-NIB-1")  # the network keeps its store
        self.assertEqual(net.seq, 1)
        net.close()

    def test_store_close_while_networks_open_is_deferred(self):
        store = km.MemoryStore()
        net = km.Network.open(storage=store)
        store.close()
        net.create_partner("A", "ID-NIB-1")
        self.assertTrue(net.verify())
        net.close()

    def test_read_only_view(self):
        store = km.MemoryStore()
        with km.Network.open(storage=store) as w:
            w.create_partner("A", "ID-NIB-1")
        with km.Network.open(storage=store, read_only=True) as r:
            self.assertEqual(r.count_partners(), 1)
            with self.assertRaises(km.ReadOnly) as cm:
                r.create_partner("B", "ID-NIB-2")
            self.assertTrue(cm.exception.messages["id"])


class StateTest(BindingTest):
    def test_stats_fields_follow_the_struct(self):
        self.net.create_partner("A", "ID-NIB-1")
        p = self.net.create_partner("B", "ID-NIB-2")
        self.net.set_partner_status(p, "suspended", "audit")
        s = self.net.stats()
        self.assertIsInstance(s, km.Stats)
        self.assertEqual((s.partners, s.partners_active, s.partners_suspended), (2, 1, 1))
        self.assertEqual(s.log_entries, 3)
        self.assertTrue(hasattr(s, "interests"))  # version 3 field

    def test_verify_and_head_hash(self):
        self.assertEqual(self.net.verify().entries, 0)
        self.net.create_partner("A", "ID-NIB-1")
        report = self.net.verify()
        self.assertTrue(report.ok)
        self.assertTrue(report)
        self.assertEqual(report.entries, 1)
        self.assertEqual(report.first_bad_seq, 0)
        self.assertEqual(report.head_hash, self.net.head_hash)
        self.assertRegex(self.net.head_hash, r"^[0-9a-f]{64}$")

    def test_snapshot_needs_a_store_that_keeps_them(self):
        self.net.create_partner("A", "ID-NIB-1")
        self.net.snapshot()  # the memory store keeps snapshots
        self.net.sync()


if __name__ == "__main__":
    unittest.main()
