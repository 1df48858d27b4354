"""Partners: create, read, update, status, and listings following cursors."""
import datetime as dt
import itertools

from support import START, BindingTest, add_partners, km


class PartnerTest(BindingTest):
    def test_create_and_read_every_field(self):
        p = self.net.create_partner(
            "Dinas Kesehatan Kota Bandung", "ID-KEMENDAGRI-32.73-DINKES", km.PartnerKind.REGIONAL_GOVERNMENT,
            region="32.73", email="dinkes@bandung.go.id", phone="+62 22 4203 900", website="https://dinkes.bandung.go.id",
            sectors=["health", "ict"], capabilities=["clinic-operations"], needs=["data-analytics"])
        self.assertIsInstance(p, km.Partner)
        self.assertEqual(p.id, 1)
        self.assertEqual(p.name, "Dinas Kesehatan Kota Bandung")
        self.assertEqual(p.external_id, "ID-KEMENDAGRI-32.73-DINKES")
        self.assertIs(p.kind, km.PartnerKind.REGIONAL_GOVERNMENT)
        self.assertEqual(p.kind.iati, 11)
        self.assertEqual(p.region, "32.73")
        self.assertEqual(p.email, "dinkes@bandung.go.id")
        self.assertEqual(p.phone, "+62 22 4203 900")
        self.assertEqual(p.website, "https://dinkes.bandung.go.id")
        self.assertIs(p.status, km.PartnerStatus.ACTIVE)
        self.assertIsNone(p.status_reason)
        self.assertEqual(p.created, START)
        self.assertEqual(p.updated, START)
        self.assertIsInstance(p.created, dt.datetime)
        self.assertEqual(p.version, 1)
        self.assertEqual(p.sectors, ["health", "ict"])
        self.assertEqual(p.capabilities, ["clinic-operations"])
        self.assertEqual(p.needs, ["data-analytics"])
        d = p.to_dict()
        self.assertEqual(d["name"], p.name)
        self.assertEqual(set(d), {"id", "name", "external_id", "kind", "region", "email", "phone", "website", "status",
                                  "status_reason", "created", "updated", "version", "sectors", "capabilities",
                                  "needs"})
        self.assertIn("Dinas Kesehatan", repr(p))

    def test_unicode_round_trip(self):
        p = self.net.create_partner("Agence Méditerranée-Asie pour le Développement", "FR-RCS-775665599",
                                    "international")
        self.assertEqual(self.net.partner_by_external_id("FR-RCS-775665599").name,
                         "Agence Méditerranée-Asie pour le Développement")
        self.assertEqual(p.kind, km.PartnerKind.INTERNATIONAL)

    def test_kind_accepts_member_int_and_name(self):
        a = self.net.create_partner("A", "ID-NIB-1", km.PartnerKind.NGO)
        b = self.net.create_partner("B", "ID-NIB-2", 5)
        c = self.net.create_partner("C", "ID-NIB-3", "ngo")
        self.assertEqual({a.kind, b.kind, c.kind}, {km.PartnerKind.NGO})
        with self.assertRaises(km.InvalidArgument) as cm:
            self.net.create_partner("D", "ID-NIB-4", "charity")
        self.assertEqual(cm.exception.field, "partner.kind")
        with self.assertRaises(km.InvalidArgument) as cm:
            self.net.create_partner("D", "ID-NIB-4", 99)  # out of range: the library names the field
        self.assertEqual(cm.exception.field, "partner.kind")

    def test_labels_in_both_languages(self):
        self.assertEqual(km.PartnerStatus.SUSPENDED.label("id"), "ditangguhkan")
        self.assertEqual(km.PartnerStatus.SUSPENDED.label("en"), "suspended")
        self.assertTrue(km.PartnerKind.NGO.label("id"))
        km.set_language("id")
        try:
            self.assertEqual(km.PartnerStatus.ACTIVE.label(), "aktif")
        finally:
            km.set_language("en")
        self.assertEqual(km.PartnerStatus.ACTIVE.label(), "active")

    def test_update_changes_only_the_given_fields(self):
        p = self.net.create_partner("A", "ID-NIB-1", "ngo", region="32", email="a@b.co", sectors=["health"])
        q = self.net.update_partner(p, name="A Baru", sectors=["health", "water"], email=None)
        self.assertEqual((q.name, q.sectors, q.email, q.region), ("A Baru", ["health", "water"], None, "32"))
        self.assertEqual(q.version, 2)
        self.assertGreater(q.updated, q.created)
        # The old handle is an immutable snapshot.
        self.assertEqual((p.name, p.version, p.email), ("A", 1, "a@b.co"))
        self.assertNotEqual(p, q)
        self.assertEqual(q, self.net.partner(p.id))
        with self.assertRaises(TypeError):
            self.net.update_partner(p)
        with self.assertRaises(TypeError):
            self.net.update_partner(p, colour="red")

    def test_status_changes(self):
        p = self.net.create_partner("A", "ID-NIB-1")
        s = self.net.set_partner_status(p, km.PartnerStatus.SUSPENDED, "audit BPK 2025")
        self.assertEqual((s.status, s.status_reason), (km.PartnerStatus.SUSPENDED, "audit BPK 2025"))
        r = self.net.set_partner_status(p, "active")
        self.assertIs(r.status, km.PartnerStatus.ACTIVE)
        a = self.net.archive_partner(p.id, "merged")
        self.assertIs(a.status, km.PartnerStatus.ARCHIVED)
        with self.assertRaises(km.InvalidState) as cm:
            self.net.update_partner(p, name="X")
        self.assertTrue(cm.exception.field)
        with self.assertRaises(km.InvalidArgument) as cm:
            self.net.set_partner_status(self.net.create_partner("B", "ID-NIB-2"), "suspended")
        self.assertEqual(cm.exception.field, "partner.reason")


class ListingTest(BindingTest):
    def setUp(self):
        super().setUp()
        with self.net.transaction():
            self.all = add_partners(self.net, 237)
        for p in self.all[::9]:
            self.net.set_partner_status(p, "suspended", "review")
        self.all = [self.net.partner(p.id) for p in self.all]

    def brute(self, kind=None, status=None, sector=None, capability=None, need=None, region=None):
        kind = None if kind is None else km.PartnerKind.coerce(kind)
        status = None if status is None else km.PartnerStatus.coerce(status)

        def region_ok(r):
            return region is None or (r is not None and (r == region or r.startswith(region + ".")))
        return [p.id for p in self.all
                if (kind is None or p.kind == kind) and (status is None or p.status == status)
                and (sector is None or sector in p.sectors) and (capability is None or capability in p.capabilities)
                and (need is None or need in p.needs) and region_ok(p.region)]

    def test_iterators_match_counts_and_brute_force(self):
        filters = [{}, {"kind": km.PartnerKind.NGO}, {"status": "suspended"}, {"sector": "health"},
                   {"capability": "training"}, {"need": "funding"}, {"region": "32"}, {"region": "32.73"},
                   {"region": "32", "sector": "education"}, {"kind": "academic", "status": "active", "region": "33"}]
        for f, page_size in itertools.product(filters, (None, 1, 7, 1000)):
            with self.subTest(filters=f, page_size=page_size):
                ids = [p.id for p in self.net.partners(page_size=page_size, **f)]
                self.assertEqual(ids, self.brute(**f))
                self.assertEqual(self.net.count_partners(**f), len(ids))
                self.assertEqual(ids, sorted(ids))

    def test_name_order(self):
        def by_name(ids):
            return [p.id for p in sorted((p for p in self.all if p.id in ids), key=lambda p: (p.name.encode(), p.id))]
        for f, page_size in itertools.product(({}, {"region": "32"}, {"kind": "ngo"}), (None, 1, 7)):
            with self.subTest(filters=f, page_size=page_size):
                got = [p.id for p in self.net.partners(order=km.PartnerOrder.NAME, page_size=page_size, **f)]
                self.assertEqual(got, by_name(set(self.brute(**f))))
        self.assertEqual([p.id for p in self.net.partners(order="id")], [p.id for p in self.all])
        self.assertEqual(self.net.count_partners(order="name", region="32"), len(self.brute(region="32")))
        with self.assertRaises(km.InvalidArgument) as cm:
            list(self.net.partners(order="colour"))
        self.assertEqual(cm.exception.field, "query.order")
        with self.assertRaises(km.InvalidArgument):
            list(self.net.partners(order=7))  # the library rejects unknown orders

    def test_name_contains_and_limit(self):
        hits = [p.name for p in self.net.partners(name_contains="mitra 1", page_size=5)]
        self.assertTrue(hits and all(n.startswith("Mitra 1") for n in hits))
        self.assertEqual(len(list(self.net.partners(limit=10, page_size=3))), 10)
        self.assertEqual(len(list(itertools.islice(self.net.partners(page_size=4), 6))), 6)

    def test_items_outlive_their_page(self):
        kept = list(self.net.partners(page_size=2))
        import gc
        gc.collect()
        self.assertEqual([p.external_id for p in kept], [p.external_id for p in self.all])

    def test_bad_filter_is_reported(self):
        with self.assertRaises(km.InvalidArgument) as cm:
            list(self.net.partners(region="99.x"))
        self.assertTrue(cm.exception.field)
        with self.assertRaises(km.InvalidArgument):
            list(self.net.partners(page_size=5000))
