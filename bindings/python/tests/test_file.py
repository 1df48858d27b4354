"""File store: reopen, time travel, snapshots, verification, and handles
left open at interpreter exit."""
import datetime as dt
import os
import subprocess
import sys
import textwrap

from support import PKG_ROOT, START, BindingTest, Clock, km, tmpdir


class FileStoreTest(BindingTest):
    def setUp(self):
        super().setUp()
        self.path = os.path.join(tmpdir(self), "jabar.km")

    def fill(self):
        clock = Clock()
        with km.Network.open(self.path, actor="admin:budi", clock=clock, sync="off") as net:
            a = net.create_partner("Dinas Kesehatan", "ID-KEMENDAGRI-32.73-DINKES", "regional_government",
                                   region="32.73")                                     # seq 1, START
            net.create_partner("PT Sehat", "ID-NIB-8120000123456", "private_business")  # seq 2, +15 min
            net.update_partner(a, email="dinkes@bandung.go.id")                        # seq 3, +30 min
            net.set_partner_status(a, "suspended", "audit")                            # seq 4, +45 min
            return net.head_hash

    def test_reopen_sees_everything(self):
        head = self.fill()
        with km.Network.open(self.path) as net:
            self.assertEqual(net.seq, 4)
            self.assertEqual(net.head_hash, head)
            p = net.partner_by_external_id("ID-KEMENDAGRI-32.73-DINKES")
            self.assertEqual((p.email, p.status, p.version), ("dinkes@bandung.go.id", km.PartnerStatus.SUSPENDED, 3))
            net.create_partner("Baru", "ID-NIB-3")
        with km.Network.open_file(self.path, no_create=True) as net:
            self.assertEqual(net.count_partners(), 3)

    def test_time_travel_by_sequence_and_time(self):
        self.fill()
        with km.Network.open(self.path, as_of_seq=2) as old:
            self.assertEqual(old.seq, 2)
            p = old.partner(1)
            self.assertEqual((p.email, p.status), (None, km.PartnerStatus.ACTIVE))
            with self.assertRaises(km.ReadOnly):
                old.create_partner("X", "ID-NIB-9")
        with km.Network.open(self.path, as_of_time=START + dt.timedelta(minutes=30)) as old:
            self.assertEqual(old.seq, 3)
            self.assertEqual(old.partner(1).email, "dinkes@bandung.go.id")
            self.assertIs(old.partner(1).status, km.PartnerStatus.ACTIVE)
            self.assertEqual(len(list(old.audit())), 3)

    def test_snapshot_round_trip(self):
        self.fill()
        with km.Network.open(self.path) as net:
            net.snapshot()
            expected = [p.to_dict() for p in net.partners()]
        self.assertTrue(os.path.exists(self.path + "-snap"))
        with km.Network.open(self.path) as snap, km.Network.open(self.path, no_snapshot=True) as full:
            self.assertEqual([p.to_dict() for p in snap.partners()], expected)
            self.assertEqual([p.to_dict() for p in full.partners()], expected)
            self.assertEqual(snap.stats(), full.stats())
            self.assertEqual((snap.snapshot_seq, full.snapshot_seq), (4, 0))
            self.assertEqual(snap.state_hash(), full.state_hash())
            self.assertRegex(full.state_hash(), "^[0-9a-f]{64}$")
            with full.transaction():
                self.assertRaises(km.InvalidState, full.state_hash)

    def test_file_store_verify_and_published_head(self):
        head = self.fill()
        store = km.FileStore(self.path, read_only=True)
        self.addCleanup(store.close)
        report = store.verify()
        self.assertTrue(report.ok)
        self.assertEqual((report.entries, report.head_hash), (4, head))
        self.assertTrue(store.verify(head))
        bad = store.verify("0" * 64)
        self.assertFalse(bad)
        self.assertIsInstance(bad.error, km.Corrupt)
        self.assertTrue(bad.error.field)

    def test_tampered_log_is_detected(self):
        self.fill()
        with open(self.path, "r+b") as f:
            data = bytearray(f.read())
            i = data.find(b"PT Sehat")
            self.assertGreater(i, 0)
            f.seek(i)
            f.write(b"PT Jahat")
        with self.assertRaises(km.Corrupt) as cm:
            km.Network.open(self.path, read_only=True)
        self.assertTrue(cm.exception.messages["id"])

    def test_read_only_and_no_create(self):
        with self.assertRaises(km.NotFound) as cm:
            km.Network.open(self.path, no_create=True)
        self.assertEqual(cm.exception.field, "path")
        self.fill()
        with km.Network.open(self.path, read_only=True) as ro:
            with self.assertRaises(km.ReadOnly):
                ro.create_partner("X", "ID-NIB-9")
        with self.assertRaises(km.InvalidArgument):
            km.Network.open(self.path, sync="sometimes")

    def test_shared_file_store_between_networks(self):
        store = km.FileStore(self.path, sync=km.SyncMode.NORMAL)
        a, b = km.Network.open(storage=store), km.Network.open(storage=store)
        store.close()  # both networks keep it
        a.create_partner("A", "ID-NIB-1")
        b.refresh()
        self.assertEqual(b.partner(1).name, "A")
        a.close()
        b.close()
        with km.Network.open(self.path) as net:
            self.assertEqual(net.count_partners(), 1)


class ShutdownTest(BindingTest):
    def test_handles_left_open_at_exit_are_closed_cleanly(self):
        """Networks, stores, pages and callbacks never closed by the program
        are released at interpreter exit without errors, and a file store
        written under group commit is durable afterwards."""
        path = os.path.join(tmpdir(self), "exit.km")
        script = textwrap.dedent("""
            import gc, sys
            sys.path.insert(0, %r)
            import kemitraan as km
            net = km.Network.open(%r, sync="normal", clock=lambda: 1_700_000_000_000_000,
                                  authorizer=lambda req: None)
            for i in range(50):
                net.create_partner("Mitra %%d" %% i, "ID-NIB-%%d" %% i)
            it = net.partners(page_size=7)
            first = next(it)          # a page still alive
            store = km.MemoryStore()
            other = km.Network.open(storage=store)
            cycle = [other]
            cycle.append(cycle)       # kept alive by a reference cycle
            g = km.Graph(3, [(0, 1)])
            print("ok", first.name)
        """) % (PKG_ROOT, path)
        res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy(),
                             timeout=120)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stderr, "")
        self.assertEqual(res.stdout.strip(), "ok Mitra 0")
        with km.Network.open(path) as net:
            self.assertEqual(net.count_partners(), 50)
            self.assertTrue(net.verify())
