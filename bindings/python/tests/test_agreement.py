"""Agreements and frameworks: lifecycle, signing, amendments, milestones,
risks, listings, totals, framework checks."""
import datetime as dt

from support import BindingTest, km

SHA = "a" * 64


class AgreementBase(BindingTest):
    def setUp(self):
        super().setUp()
        self.pemda = self.net.create_partner("Pemkot Bandung", "ID-KEMENDAGRI-32.73", "regional_government",
                                             region="32.73")
        self.bu = self.net.create_partner("PT Air Bersih", "ID-NIB-8120000999", "private_business", region="32.73")
        self.lsm = self.net.create_partner("LSM Gizi", "ID-AHU-0098765", "ngo", region="32.04")

    def draft(self, ref="PKS/001/2025", kind=km.AgreementType.PPP, **extra):
        fields = dict(purpose="Penyediaan air minum\nKota Bandung", sectors=["water-sanitation"], region="32.73",
                      start_date=dt.date(2025, 4, 1), end_date="2045-03-31",
                      value=km.Money.parse("2500000000000", "IDR"), dimensions=[km.Dimension.IMPACT, "sustainability"],
                      parties=[(self.pemda, km.Role.PUBLIC_AUTHORITY | km.Role.ACCOUNTABLE),
                               (self.bu, [km.Role.PRIVATE_PARTY, "implementing"])],
                      documents=[("https://jdih.bandung.go.id/pks-001.pdf", SHA)])
        fields.update(extra)
        return self.net.create_agreement("KPBU SPAM Bandung", ref, kind, **fields)

    def activate(self, a):
        if a.status is km.AgreementStatus.DRAFT:
            self.net.propose_agreement(a)
        self.net.actor = self.pemda.external_id  # a party signs for itself
        self.net.sign_agreement(a, self.pemda)
        self.net.actor = self.bu.external_id
        a = self.net.sign_agreement(a, self.bu)
        self.net.actor = "admin:test"
        self.assertIs(a.status, km.AgreementStatus.SIGNED)
        return self.net.activate_agreement(a)


class AgreementTest(AgreementBase):
    def test_create_and_read_every_field(self):
        a = self.draft()
        self.assertEqual((a.id, a.title, a.reference), (1, "KPBU SPAM Bandung", "PKS/001/2025"))
        self.assertIs(a.type, km.AgreementType.PPP)
        self.assertIs(a.family, km.Family.PUBLIC_PRIVATE)
        self.assertIs(a.type.family, km.Family.PUBLIC_PRIVATE)
        self.assertEqual(a.purpose, "Penyediaan air minum\nKota Bandung")
        self.assertEqual((a.sectors, a.region), (["water-sanitation"], "32.73"))
        self.assertEqual((a.start_date, a.end_date), (dt.date(2025, 4, 1), dt.date(2045, 3, 31)))
        self.assertEqual(a.value, km.Money(250000000000000, "IDR"))
        self.assertEqual(a.dimensions, [km.Dimension.IMPACT, km.Dimension.SUSTAINABILITY])
        self.assertIsNone(a.framework_id)
        self.assertIs(a.status, km.AgreementStatus.DRAFT)
        self.assertEqual(a.parties, [km.Party(self.pemda.id, km.Role.PUBLIC_AUTHORITY | km.Role.ACCOUNTABLE, None),
                                     km.Party(self.bu.id, km.Role.PRIVATE_PARTY | km.Role.IMPLEMENTING, None)])
        self.assertEqual(a.documents, [km.Document("https://jdih.bandung.go.id/pks-001.pdf", SHA)])
        self.assertEqual(a.version, 1)
        self.assertEqual(self.net.agreement_by_reference("PKS/001/2025"), a)
        self.assertEqual(km.Role.FUNDING.iati, 1)
        self.assertIsNone(km.Role.GUARANTOR.iati)
        self.assertEqual(km.AgreementStatus.ACTIVE.label("id"), "berlaku")

    def test_lifecycle_and_signing_rule(self):
        a = self.draft()
        self.net.propose_agreement(a)
        with self.assertRaises(km.Denied):  # the actor is not the partner
            self.net.actor = "budi@jabarprov.go.id"
            self.net.sign_agreement(a, self.pemda)
        self.net.actor = "admin:test"
        a = self.activate(self.net.agreement(a.id))
        self.assertIs(a.status, km.AgreementStatus.ACTIVE)
        self.assertTrue(all(p.signed is not None for p in a.parties))
        a = self.net.suspend_agreement(a, "sengketa lahan")
        self.assertEqual((a.status, a.status_reason), (km.AgreementStatus.SUSPENDED, "sengketa lahan"))
        a = self.net.resume_agreement(a)
        a = self.net.complete_agreement(a, "selesai")
        self.assertIs(a.status, km.AgreementStatus.COMPLETED)
        with self.assertRaises(km.InvalidState) as cm:
            self.net.suspend_agreement(a, "x")
        self.assertIn("agreement", cm.exception.field)
        self.assertNotEqual(cm.exception.message_in("id"), cm.exception.message_in("en"))

    def test_cancel_and_general_transition(self):
        a = self.draft()
        with self.assertRaises(km.InvalidArgument):
            self.net.cancel_agreement(a, None)  # a reason is required
        a = self.net.transition_agreement(a, "cancelled", "tidak jadi")
        self.assertIs(a.status, km.AgreementStatus.CANCELLED)

    def test_update_before_signing_and_amend_after(self):
        a = self.draft()
        a = self.net.update_agreement(a, title="KPBU SPAM Kota Bandung", end_date=None)
        self.assertEqual((a.title, a.end_date, a.version), ("KPBU SPAM Kota Bandung", None, 1))
        a = self.activate(a)
        with self.assertRaises(km.InvalidState):
            self.net.update_agreement(a, title="X")
        b = self.net.amend_agreement(a, "nilai investasi naik", value=km.Money.parse("3000000000000", "IDR"))
        self.assertEqual((b.version, b.amendment_rationale, b.amendment_fields), (2, "nilai investasi naik", ["value"]))
        self.assertEqual(self.net.agreement(a.id, version=1).value, km.Money(250000000000000, "IDR"))
        c = self.net.add_party(b, self.lsm, km.Role.BENEFICIARY, "pendamping masyarakat")
        self.assertEqual((c.version, c.parties[-1].partner_id), (3, self.lsm.id))
        d = self.net.remove_party(c, self.lsm, "mundur")
        self.assertEqual(len(d.parties), 2)

    def test_milestones_and_risks(self):
        a = self.draft()
        n1 = self.net.add_milestone(a, km.MilestoneType.COMMERCIAL_CLOSE, "Penandatanganan", "2025-04-01")
        n2 = self.net.add_milestone(a, "financial_close", "Pemenuhan pembiayaan", dt.date(2025, 10, 1))
        self.assertEqual((n1, n2), (1, 2))
        self.net.set_milestone_status(a, n1, km.MilestoneStatus.MET, "2025-04-01")
        ms = self.net.milestones(a)
        self.assertEqual([(m.number, m.type, m.status) for m in ms],
                         [(1, km.MilestoneType.COMMERCIAL_CLOSE, km.MilestoneStatus.MET),
                          (2, km.MilestoneType.FINANCIAL_CLOSE, km.MilestoneStatus.SCHEDULED)])
        self.assertEqual((ms[0].date_met, ms[1].due_date), (dt.date(2025, 4, 1), dt.date(2025, 10, 1)))
        self.assertEqual(km.MilestoneType.COMMERCIAL_CLOSE.code, "commercialClose")
        a = self.activate(a)
        self.assertEqual([m.number for m in self.net.overdue_milestones("2026-01-01")], [2])
        r = self.net.add_risk(a, km.RiskCategory.LAND, km.RiskAllocation.PUBLIC, "Pengadaan lahan oleh Pemkot")
        self.net.update_risk(a, r, "shared", "Pengadaan lahan bersama")
        self.assertEqual(self.net.risks(a), [km.Risk(1, km.RiskCategory.LAND, km.RiskAllocation.SHARED,
                                                     "Pengadaan lahan bersama")])
        mou = self.draft("MOU/1", km.AgreementType.MOU)
        with self.assertRaises(km.InvalidArgument):
            self.net.add_risk(mou, "land", "public", "x")  # only PPP agreements have a register

    def test_listing_counts_totals_and_expiry(self):
        for i in range(30):
            self.draft("PKS/%03d" % i, km.AgreementType.PPP if i % 3 else km.AgreementType.MOU,
                       parties=[(self.pemda, km.Role.FUNDING), (self.bu if i % 2 else self.lsm, km.Role.IMPLEMENTING)],
                       value=km.Money(1000 * (i + 1), "IDR"), end_date="2025-12-31")
        for page_size in (None, 1, 4):
            self.assertEqual([a.reference for a in self.net.agreements(page_size=page_size)],
                             ["PKS/%03d" % i for i in range(30)])
        self.assertEqual(self.net.count_agreements(type="mou"), 10)
        self.assertEqual(len(list(self.net.agreements(party=self.lsm))), 15)
        self.assertEqual(self.net.count_agreements(party=self.lsm, type="ppp"),
                         len(list(self.net.agreements(party=self.lsm, type="ppp", page_size=2))))
        total, count = self.net.agreement_totals("mou", "IDR")
        self.assertEqual((total, count), (km.Money(sum(1000 * (i + 1) for i in range(0, 30, 3)), "IDR"), 10))
        a = self.activate(self.net.agreement_by_reference("PKS/001"))
        self.assertEqual(self.net.count_agreements(status="active"), 1)
        self.assertEqual(self.net.agreement_totals("ppp", "IDR", statuses=["active"]), (km.Money(2000, "IDR"), 1))
        self.assertEqual(self.net.expire_due_agreements("2026-01-15"), 1)
        self.assertIs(self.net.agreement(a.id).status, km.AgreementStatus.EXPIRED)


class FrameworkTest(AgreementBase):
    def spec(self, name="Perpres 38/2015 tentang KPBU"):
        return (km.FrameworkSpec(name, "LN 2015/62")
                .allow_type(km.AgreementType.PPP)
                .require_role(km.Role.PUBLIC_AUTHORITY, [km.PartnerKind.REGIONAL_GOVERNMENT, "ministry"])
                .set_duration(365, 365 * 30)
                .set_max_value("IDR", km.Money.parse("5000000000000", "IDR"))
                .require_dimension("public_trust")
                .add_incentive(km.Incentive.VIABILITY_GAP_FUNDING, sector="water-sanitation", region="32")
                .add_incentive("tax", kinds=["private_business"], min_days=3650))

    def test_framework_round_trip(self):
        fw = self.net.create_framework(self.spec())
        self.assertEqual((fw.id, fw.version, fw.name, fw.legal_reference, fw.rationale),
                         (1, 1, "Perpres 38/2015 tentang KPBU", "LN 2015/62", None))
        self.assertEqual(fw.allowed_types, [km.AgreementType.PPP])
        self.assertEqual(fw.role_rules, [km.RoleRule(km.Role.PUBLIC_AUTHORITY,
                                                     [km.PartnerKind.MINISTRY, km.PartnerKind.REGIONAL_GOVERNMENT])])
        self.assertEqual((fw.min_days, fw.max_days), (365, 365 * 30))
        self.assertEqual(fw.max_values, {"IDR": km.Money(500000000000000, "IDR")})
        self.assertEqual(fw.dimensions, [km.Dimension.PUBLIC_TRUST])
        self.assertEqual([o.incentive for o in fw.incentives], [km.Incentive.VIABILITY_GAP_FUNDING, km.Incentive.TAX])
        self.assertEqual(fw.incentives[0].sector, "water-sanitation")
        self.assertEqual(fw.incentives[1].kinds, [km.PartnerKind.PRIVATE_BUSINESS])
        fw2 = self.net.amend_framework(fw, km.FrameworkSpec("Perpres 38/2015 (ubah)"), "revisi")
        self.assertEqual((fw2.version, fw2.rationale, fw2.allowed_types), (2, "revisi", []))
        self.assertEqual(self.net.framework(fw.id, version=1).name, "Perpres 38/2015 tentang KPBU")
        with self.assertRaises(km.InvalidArgument) as cm:
            km.FrameworkSpec("x").require_role(km.Role.FUNDING | km.Role.ACCOUNTABLE)
        self.assertTrue(cm.exception.field)

    def test_check_and_override(self):
        fw = self.net.create_framework(self.spec())
        a = self.draft(framework=fw)
        check = self.net.check_agreement(a)
        self.assertFalse(check.ok)
        self.assertEqual((check.framework_id, check.framework_version), (fw.id, 1))
        self.assertEqual([v.rule for v in check.violations], [km.Rule.DIMENSIONS])
        v = check.violations[0]
        self.assertTrue(v.field.startswith("agreement."))
        self.assertNotEqual(v.messages["id"], v.messages["en"])
        self.assertEqual(check.incentives, [km.Incentive.VIABILITY_GAP_FUNDING, km.Incentive.TAX])
        self.net.propose_agreement(a)
        for p in (self.pemda, self.bu):
            self.net.actor = p.external_id
            self.net.sign_agreement(a, p)
        self.net.actor = "admin:test"
        with self.assertRaises(km.InvalidState):
            self.net.activate_agreement(a)
        a = self.net.activate_agreement(a, "disetujui Menteri, surat 12/2025")
        self.assertEqual(a.override, "disetujui Menteri, surat 12/2025")
        self.assertEqual(a.framework_version, 1)
        self.assertEqual(km.Rule.DIMENSIONS.label("en"), km.Rule.DIMENSIONS.label("en"))
        self.assertTrue(km.Incentive.TAX.label("id"))
