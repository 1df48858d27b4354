"""Commitments: lifecycle, tranches, the ledger with reversals, loans and
their schedules and positions, totals with an exchange-rate hook, typed
errors."""
import datetime as dt

from support import BindingTest, km


class CommitmentBase(BindingTest):
    def setUp(self):
        super().setUp()
        self.pemda = self.net.create_partner("Pemkot Bandung", "ID-KEMENDAGRI-32.73", "regional_government")
        self.bank = self.net.create_partner("Bank Pembangunan", "ID-NIB-8120000111", "state_enterprise")
        self.agreement = self.net.create_agreement(
            "Air minum Bandung", "PKS/010/2025", km.AgreementType.PPP, start_date="2025-04-01",
            end_date="2035-03-31", parties=[(self.pemda, km.Role.PUBLIC_AUTHORITY),
                                            (self.bank, km.Role.FUNDING)])

    def grant(self, amount="1000000", **extra):
        return self.net.create_commitment(self.agreement, self.bank, self.pemda, "grant", "Hibah air minum",
                                          km.Money.parse(amount, "IDR"), **extra)


class CommitmentTest(CommitmentBase):
    def test_create_read_and_list(self):
        c = self.grant()
        self.assertIsInstance(c, km.Commitment)
        self.assertIs(c.kind, km.CommitmentKind.GRANT)
        self.assertIs(c.status, km.CommitmentStatus.PLEDGED)
        self.assertEqual(c.money, km.Money.parse("1000000", "IDR"))
        self.assertTrue(c.is_money)
        self.assertEqual((c.agreement_id, c.provider_id, c.recipient_id),
                         (self.agreement.id, self.bank.id, self.pemda.id))
        self.assertEqual(c.title, "Hibah air minum")
        self.assertIsInstance(c.created, dt.datetime)
        self.assertEqual(self.net.commitment(c.id), c)
        for i in range(4):
            self.grant(str(1000 + i))
        all_ = list(self.net.commitments(page_size=2))
        self.assertEqual([x.id for x in all_], sorted(x.id for x in all_))
        self.assertEqual(len(all_), 5)
        self.assertEqual(self.net.count_commitments(agreement=self.agreement), 5)
        self.assertEqual(len(list(self.net.commitments(limit=3, page_size=2))), 3)
        self.assertEqual(self.net.count_commitments(status="committed"), 0)
        self.assertEqual(km.CommitmentKind.GRANT.iati_finance_type, 110)
        self.assertEqual(km.CommitmentKind.LOAN.label("en").lower(), "loan")
        self.assertTrue(km.CommitmentStatus.PLEDGED.label("id"))
        self.assertEqual(km.Group.AGREEMENT.label("id"), "per perjanjian")
        self.assertEqual(km.view.ViewKind.BIPARTITE.label("en"), "bipartite partner-agreement graph")

    def test_tranches_ledger_reversal_and_figures(self):
        c = self.grant()
        c = self.net.commit_commitment(c, "2025-04-10")
        self.assertIs(c.status, km.CommitmentStatus.COMMITTED)
        n1 = self.net.add_tranche(c, dt.date(2025, 5, 1), km.Money.parse("400000", "IDR"), note="Tahap 1")
        n2 = self.net.add_tranche(c, "2025-08-01", km.Money.parse("600000", "IDR"))
        self.assertEqual((n1, n2), (1, 2))
        tx = self.net.record_ledger(c, "disbursement", km.Money.parse("400000", "IDR"), "2025-05-03", tranche=1)
        c = self.net.commitment(c)
        self.assertIs(c.status, km.CommitmentStatus.DISBURSING)
        self.assertEqual(c.figure("disbursed"), km.Money.parse("400000", "IDR").minor)
        self.assertEqual(c.figures[km.Figure.REMAINING], km.Money.parse("600000", "IDR").minor)
        tranches = self.net.tranches(c, as_of="2025-09-01")
        self.assertEqual(len(tranches), 2)
        self.assertEqual(tranches[0].met_date, dt.date(2025, 5, 3))
        self.assertEqual(tranches[0].note, "Tahap 1")
        self.assertIsNone(tranches[1].met_date)
        overdue = self.net.overdue_tranches(self.agreement, as_of="2025-09-01")
        self.assertEqual([(t.commitment, t.number) for t in overdue], [(c.id, 2)])
        self.assertGreater(overdue[0].days_overdue, 0)
        rev = self.net.reverse_ledger(tx, "salah rekening")
        ledger = self.net.ledger(c)
        types = [e.type for e in ledger]
        self.assertIn(km.LedgerType.DISBURSEMENT, types)
        entry = self.net.ledger_entry(tx)
        self.assertEqual(entry.reversed_by, rev)
        self.assertEqual(self.net.ledger_entry(rev).reverses, tx)
        self.assertEqual(self.net.commitment(c).figure(km.Figure.DISBURSED), 0)
        history = self.net.commitment_history(c)
        self.assertEqual(history[0].to_status, km.CommitmentStatus.PLEDGED)
        self.assertIn(km.CommitmentStatus.COMMITTED, [s.to_status for s in history])
        delay = self.net.disbursement_delay(self.agreement, as_of="2025-09-01")
        self.assertGreaterEqual(delay.tranches_due, 1)

    def test_totals_with_rate_hook(self):
        c = self.grant()
        self.net.commit_commitment(c, "2025-04-10")
        usd = self.net.create_commitment(self.agreement, self.bank, self.pemda, "grant", "Hibah USD",
                                         km.Money.parse("100", "USD"))
        self.net.commit_commitment(usd, "2025-04-10")
        per_currency = self.net.commitment_totals(agreement=self.agreement)
        self.assertEqual(sorted(r.unit for r in per_currency), ["IDR", "USD"])
        idr = [r for r in per_currency if r.unit == "IDR"][0]
        self.assertEqual(idr.figures[km.Figure.COMMITTED], km.Money.parse("1000000", "IDR").minor)
        self.assertTrue(idr.is_money)
        asked = []

        def rate(src, dst, day):
            asked.append((src, dst))
            return (16000, 1) if (src, dst) == ("USD", "IDR") else None
        total = self.net.commitment_totals(agreement=self.agreement, currency="IDR", rate=rate)
        self.assertEqual(len(total), 1)
        self.assertEqual(total[0].figures[km.Figure.COMMITTED],
                         km.Money.parse("1000000", "IDR").minor + km.Money.parse("1600000", "IDR").minor)
        self.assertEqual(asked[0], ("USD", "IDR"))
        self.assertEqual(total.rates[0].currency, "USD")
        with self.assertRaises(km.KemitraanError):
            self.net.commitment_totals(agreement=self.agreement, currency="IDR", rate=lambda *a: None)
        grouped = self.net.commitment_totals(group_by="commitment")
        self.assertEqual(sorted(r.group for r in grouped), sorted([c.id, usd.id]))

    def test_loan_schedule_and_position(self):
        principal = km.Money.parse("1200000", "IDR")
        loan = self.net.create_commitment(self.agreement, self.bank, self.pemda, km.CommitmentKind.LOAN,
                                          "Pinjaman daerah", principal, loan_rate_bp=1200, loan_term_months=12,
                                          loan_method="straight_line", loan_start_date="2025-05-01")
        self.assertEqual(loan.loan_term_months, 12)
        self.assertIs(loan.loan_method, km.LoanMethod.STRAIGHT_LINE)
        self.assertEqual(loan.loan_start_date, dt.date(2025, 5, 1))
        schedule = self.net.loan_schedule(loan)
        self.assertEqual(len(schedule), 12)
        self.assertEqual(sum(r.principal for r in schedule), principal.minor)
        self.assertEqual(sum(r.interest for r in schedule), schedule.total_interest)
        self.assertEqual(schedule[-1].balance, 0)
        self.assertEqual(schedule[0].due_date, dt.date(2025, 6, 1))
        self.assertEqual(schedule[0].principal, principal.minor // 12)
        same = km.compute_loan_schedule(principal, 1200, 12, "2025-05-01", method="straight_line")
        self.assertEqual(list(same), list(schedule))
        self.net.commit_commitment(loan, "2025-05-01")
        self.net.record_ledger(loan, "disbursement", principal, "2025-05-01")
        self.net.record_ledger(loan, km.LedgerType.LOAN_REPAYMENT, km.Money(schedule[0].principal, "IDR"),
                               "2025-06-01")
        pos = self.net.loan_position(loan, as_of="2025-07-15")
        self.assertEqual(pos.disbursed, principal.minor)
        self.assertEqual(pos.outstanding, principal.minor - schedule[0].principal)
        self.assertEqual(pos.instalments_due, 2)
        self.assertEqual(pos.principal_arrears, schedule[1].principal)
        annuity = km.compute_loan_schedule(principal, 1200, 12, "2025-05-01")
        self.assertEqual(len({r.payment for r in annuity[:-1]}), 1)
        self.assertEqual(annuity.regular_payment, annuity[0].payment)


class CommitmentErrorTest(CommitmentBase):
    def test_typed_errors(self):
        with self.assertRaises(km.InvalidArgument) as cm:
            self.grant("-5")
        self.assertTrue(cm.exception.field.startswith("commitment."))
        with self.assertRaises(km.InvalidArgument) as cm:
            self.grant(loan_rate_bp=500, loan_term_months=12, loan_start_date="2025-05-01")
        self.assertIn("loan", cm.exception.field)
        with self.assertRaises(km.NotFound):
            self.net.commitment(999)
        with self.assertRaises(km.InvalidArgument):
            self.grant(kind="no_such_kind") if False else self.net.create_commitment(
                self.agreement, self.bank, self.pemda, "no_such_kind", "x", km.Money.parse("1", "IDR"))
        c = self.net.cancel_commitment(self.grant(), "batal")
        self.assertIs(c.status, km.CommitmentStatus.CANCELLED)
        self.assertEqual(c.status_reason, "batal")
        with self.assertRaises(km.InvalidState):
            self.net.commit_commitment(c, "2025-05-01")
        seq = self.net.seq
        with self.assertRaises(km.KemitraanError):
            self.net.record_ledger(c, "disbursement", km.Money.parse("1", "IDR"), "2025-05-01")
        self.assertEqual(self.net.seq, seq)
        with self.assertRaises(TypeError):
            self.net.create_commitment(self.agreement, self.bank, self.pemda, "grant", "x", 1.5)

    def test_transaction_is_all_or_nothing(self):
        before = self.net.count_commitments()
        with self.assertRaises(km.InvalidArgument):
            with self.net.transaction():
                self.grant()
                self.grant("-1")
        self.assertEqual(self.net.count_commitments(), before)
