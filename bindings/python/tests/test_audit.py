"""The audit trail: entries with parsed data, filters, batches."""
import datetime as dt

from support import START, BindingTest, km


class AuditTest(BindingTest):
    def setUp(self):
        super().setUp()
        self.a = self.net.create_partner("A", "ID-NIB-1", "ngo", sectors=["health"])  # seq 1
        self.net.actor = "siti@jabarprov.go.id"
        self.b = self.net.create_partner("B", "ID-NIB-2")                              # seq 2
        self.net.update_partner(self.a, email="a@b.co")                                # seq 3
        with self.net.transaction():                                                    # seq 4: two events
            self.net.create_partner("C", "ID-NIB-3")
            self.net.set_partner_status(self.b, "suspended", "audit")

    def test_entries_carry_who_when_what(self):
        entries = list(self.net.audit())
        self.assertEqual(len(entries), 5)
        first = entries[0]
        self.assertIsInstance(first, km.AuditEntry)
        self.assertEqual((first.seq, first.actor, first.entity, first.entity_id, first.operation),
                         (1, "admin:test", km.Entity.PARTNER, 1, "partner.create"))
        self.assertEqual(first.time, START)
        self.assertEqual(first.data, {"name": "A", "external_id": "ID-NIB-1", "kind": 5, "sectors": ["health"]})
        self.assertEqual([e.seq for e in entries], [1, 2, 3, 4, 4])
        self.assertEqual(entries[2].data["email"], "a@b.co")
        self.assertEqual(entries[4].data["status"], 1)
        self.assertEqual(entries[4].data["reason"], "audit")
        self.assertEqual(km.Entity.PARTNER.label("id"), "mitra")

    def test_filters(self):
        self.assertEqual([e.seq for e in self.net.audit(km.Entity.PARTNER, self.a.id)], [1, 3])
        self.assertEqual([e.seq for e in self.net.audit(self.b)], [2, 4])  # an entity object
        self.assertEqual(len(list(self.net.audit(actor="siti@jabarprov.go.id"))), 4)
        self.assertEqual([e.seq for e in self.net.audit(since=START + dt.timedelta(minutes=15),
                                                       until=START + dt.timedelta(minutes=30))], [2, 3])
        self.assertEqual([e.seq for e in self.net.audit(from_seq=3)], [3, 4, 4])
        self.assertEqual(len(list(self.net.audit(limit=2))), 2)
        self.assertEqual(list(self.net.audit(entity="agreement")), [])

    def test_small_batches_follow_the_log(self):
        for i in range(40):
            self.net.create_partner("M%d" % i, "ID-NIB-M%d" % i)
        everything = [(e.seq, e.operation, e.entity_id) for e in self.net.audit()]
        for batch in (1, 2, 3, 7, 1000):
            with self.subTest(batch_size=batch):
                self.assertEqual([(e.seq, e.operation, e.entity_id) for e in self.net.audit(batch_size=batch)],
                                 everything)
        self.assertEqual(len(everything), 45)

    def test_bad_filter(self):
        with self.assertRaises(km.InvalidArgument):
            list(self.net.audit(entity_id=1))  # an id needs an entity kind
