"""Disputes, opportunities, views and matchmaking through the generic
keyword forms: every function is declared (test_layout), the main calls
work and errors are typed."""
from test_agreement import AgreementBase

from support import km


class DisputeTest(AgreementBase):
    def setUp(self):
        super().setUp()
        self.agreement = self.activate(self.draft())

    def file(self, **extra):
        fields = dict(agreement_id=self.agreement, claimant=self.pemda, respondents=[self.bu],
                      category=km.dispute.DisputeCategory(0), severity=km.dispute.DisputeSeverity(1),
                      description="Keterlambatan pembangunan instalasi")
        fields.update(extra)
        self.net.actor = self.pemda.external_id
        try:
            return self.net.file_dispute(**fields)
        finally:
            self.net.actor = "admin:test"

    def test_file_read_and_list(self):
        d = self.file()
        self.assertIsInstance(d, km.Dispute)
        self.assertEqual(self.net.dispute(d.id), d)
        self.assertIsInstance(d.status, km.dispute.DisputeStatus)
        self.assertTrue(d.status.label("id"))
        self.assertEqual([x.id for x in self.net.disputes(agreement_id=self.agreement)], [d.id])
        self.assertEqual(list(self.net.disputes(agreement_id=self.agreement, status=km.dispute.DisputeStatus.WITHDRAWN)), [])

    def test_moves_to_settlement_by_negotiation(self):
        d = self.file()
        d = self.net.acknowledge_dispute(d, self.bu, "Diterima")
        self.assertIs(d.status, km.dispute.DisputeStatus.ACKNOWLEDGED)
        d = self.net.negotiate_dispute(d.id, "Rapat klarifikasi")
        self.assertIs(d.status, km.dispute.DisputeStatus.NEGOTIATION)
        self.assertEqual(d.status_note, "Rapat klarifikasi")
        d = self.net.settle_dispute(d, "Jadwal ulang pembangunan")
        self.assertIs(d.status, km.dispute.DisputeStatus.SETTLED)
        self.assertEqual(d.settlement_terms, "Jadwal ulang pembangunan")
        d = self.net.close_dispute(d, "Dilaksanakan")
        self.assertIs(d.status, km.dispute.DisputeStatus.CLOSED)
        with self.assertRaises(km.InvalidState):
            self.net.negotiate_dispute(d)

    def test_moves_through_mediation(self):
        mediator = self.net.create_partner("Lembaga Mediasi", "ID-AHU-0011223", "academic", region="32")
        d = self.file()
        self.net.acknowledge_dispute(d, self.bu)
        self.net.negotiate_dispute(d)
        with self.assertRaises(km.KemitraanError):  # a party to the dispute cannot mediate it
            self.net.assign_mediator(d, self.bu)
        d = self.net.assign_mediator(d, mediator)
        self.assertEqual(d.mediator, mediator.id)
        d = self.net.mediate_dispute(d, "Mediasi pertama")
        self.assertIs(d.status, km.dispute.DisputeStatus.MEDIATION)
        d = self.net.settle_dispute(d, "Denda keterlambatan", milestones=[], commitments=[])
        self.assertIs(d.status, km.dispute.DisputeStatus.SETTLED)

    def test_withdraw_escalate_dismiss(self):
        self.assertIs(self.net.withdraw_dispute(self.file(), "Selesai sendiri").status,
                      km.dispute.DisputeStatus.WITHDRAWN)
        d = self.file()
        self.net.acknowledge_dispute(d, self.bu)
        self.net.negotiate_dispute(d)
        d = self.net.escalate_dispute(d, "arbitration", "Ke BANI")
        self.assertIs(d.status, km.dispute.DisputeStatus.ESCALATED)
        self.assertIs(d.forum, km.dispute.DisputeForum.ARBITRATION)
        with self.assertRaises(km.InvalidArgument):
            self.net.escalate_dispute(self.file(), "tribunal")
        self.assertIs(self.net.dismiss_dispute(self.file(), "Di luar lingkup").status,
                      km.dispute.DisputeStatus.DISMISSED)

    def test_typed_errors(self):
        with self.assertRaises(km.InvalidArgument) as cm:
            self.file(description="")
        self.assertTrue(cm.exception.field.startswith("dispute."))
        with self.assertRaises(km.NotFound):
            self.net.dispute(999)
        with self.assertRaises(TypeError):
            self.file(colour="red")


class OpportunityViewMatchTest(AgreementBase):
    def test_opportunity(self):
        self.net.actor = self.pemda.external_id
        o = self.net.create_opportunity(publisher_id=self.pemda, title="Kemitraan air minum",
                                        description="Mencari mitra pengelola SPAM", sectors=["water-sanitation"],
                                        capabilities=["operations"], opening_date="2025-04-01",
                                        closing_date="2025-06-30")
        self.net.actor = "admin:test"
        self.assertIsInstance(o, km.Opportunity)
        self.assertEqual(o.title, "Kemitraan air minum")
        self.assertEqual(self.net.opportunity(o.id), o)
        self.assertEqual([x.id for x in self.net.opportunities(publisher_id=self.pemda)], [o.id])
        with self.assertRaises(km.NotFound):
            self.net.opportunity(999)
        with self.assertRaises(km.InvalidArgument):
            self.net.create_opportunity(publisher_id=self.pemda, title="")

    def test_view_and_match(self):
        self.activate(self.draft())
        with self.net.view() as v:
            self.assertGreaterEqual(v.partner_count, 2)
            ids = v.partner_ids
            self.assertIn(self.pemda.id, ids)
            self.assertEqual(ids[v.partner_vertex(self.pemda)], self.pemda.id)
            with self.assertRaises(km.NotFound):
                v.partner_vertex(999)
        matches = self.net.match_for_partner(self.lsm)
        self.assertIsInstance(matches, list)
        for m in matches:
            self.assertNotEqual(m.partner, self.lsm.id)
            self.assertEqual(set(m.components), set(km.match.MatchComponent))
        need = self.net.match_for_need(tags=["operations"], sectors=["water-sanitation"], region="32")
        self.assertIsInstance(need, list)
        with self.assertRaises(km.NotFound):
            self.net.match_for_partner(999)
