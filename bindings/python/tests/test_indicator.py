"""Indicators, measurements (draft, submitted, approved, returned,
revised), listings, templates, period locks, typed errors."""
import datetime as dt

from test_agreement import AgreementBase

from support import km


class IndicatorBase(AgreementBase):
    def setUp(self):
        super().setUp()
        self.agreement = self.activate(self.draft())

    def unit_indicator(self, code="AIR.1", **extra):
        fields = dict(unit_label="rumah tangga", measure="unit", dimension=km.Dimension.IMPACT, baseline=0,
                      baseline_date="2025-04-01", targets=[("2025-12-31", 1000)], time_aggregation="sum",
                      reporter=self.bu)
        fields.update(extra)
        return self.net.create_indicator(self.agreement, code, "Sambungan rumah baru", **fields)

    def report(self, ind, start, end, value, denominator=0, approve=True):
        self.net.actor = self.bu.external_id
        m = self.net.create_measurement(ind, self.bu, start, end, value, denominator)
        m = self.net.submit_measurement(m)
        if approve:
            self.net.actor = self.pemda.external_id
            m = self.net.approve_measurement(m)
        self.net.actor = "admin:test"
        return m


class IndicatorTest(IndicatorBase):
    def test_create_read_update_and_list(self):
        ind = self.unit_indicator()
        self.assertIsInstance(ind, km.Indicator)
        self.assertEqual((ind.code, ind.title, ind.unit_label), ("AIR.1", "Sambungan rumah baru", "rumah tangga"))
        self.assertIs(ind.measure, km.Measure.UNIT)
        self.assertIs(ind.dimension, km.Dimension.IMPACT)
        self.assertIs(ind.time_aggregation, km.TimeAggregation.SUM)
        self.assertIs(ind.status, km.IndicatorStatus.ACTIVE)
        self.assertEqual(ind.targets, [km.Target(dt.date(2025, 12, 31), 1000, 1)])
        self.assertEqual(ind.baseline[0], 0)
        self.assertEqual(ind.baseline_date, dt.date(2025, 4, 1))
        self.assertEqual(ind.reporter, self.bu.id)
        self.assertFalse(ind.is_template)
        pct = self.unit_indicator("AIR.2", measure="percentage", unit_label=None, baseline=(40, 100),
                                  targets=[("2025-12-31", 80, 100)], time_aggregation="last")
        self.assertEqual(pct.targets[0].denominator, 100)
        self.assertEqual(self.net.indicator_by_code(self.agreement, "AIR.2"), pct)
        v2 = self.net.update_indicator(ind, title="Sambungan baru", weight=3)
        self.assertEqual((v2.version, v2.title, v2.weight), (ind.version + 1, "Sambungan baru", 3))
        self.assertEqual(self.net.indicator(ind, version=ind.version).title, "Sambungan rumah baru")
        codes = [i.code for i in self.net.indicators(agreement=self.agreement, page_size=1)]
        self.assertEqual(codes, ["AIR.1", "AIR.2"])
        self.assertEqual(len(list(self.net.indicators(dimension="impact", limit=1))), 1)
        retired = self.net.retire_indicator(pct, "diganti")
        self.assertIs(retired.status, km.IndicatorStatus.RETIRED)
        self.assertEqual([i.code for i in self.net.indicators(status="active")], ["AIR.1"])
        self.assertTrue(km.Measure.PERCENTAGE.label("id"))
        self.assertIn("sum", {m.name.lower() for m in km.TimeAggregation})

    def test_measurement_workflow(self):
        ind = self.unit_indicator()
        self.net.actor = self.bu.external_id
        m = self.net.create_measurement(ind, self.bu, "2025-04-01", "2025-06-30", 250, comment="triwulan I")
        self.assertIs(m.status, km.MeasurementStatus.DRAFT)
        self.assertEqual((m.value, m.period_start, m.comment), (250, dt.date(2025, 4, 1), "triwulan I"))
        m = self.net.update_measurement(m, self.bu, "2025-04-01", "2025-06-30", 260)
        m = self.net.submit_measurement(m)
        self.assertIs(m.status, km.MeasurementStatus.SUBMITTED)
        self.net.actor = self.pemda.external_id
        m = self.net.return_measurement(m, "lampirkan bukti")
        self.assertIs(m.status, km.MeasurementStatus.RETURNED)
        self.net.actor = self.bu.external_id
        m = self.net.revise_measurement(m, "bukti dilampirkan", self.bu, "2025-04-01", "2025-06-30", 260,
                                        evidence_uri="https://example.org/bukti.pdf")
        self.assertEqual(m.evidence_uri, "https://example.org/bukti.pdf")
        if m.status is km.MeasurementStatus.DRAFT:
            self.net.submit_measurement(m)
        self.net.actor = self.pemda.external_id
        m = self.net.approve_measurement(m, "sesuai")
        self.assertIs(m.status, km.MeasurementStatus.APPROVED)
        self.assertIsNotNone(m.decided)
        self.net.actor = self.bu.external_id
        m2 = self.net.revise_measurement(m, "salah hitung", self.bu, "2025-04-01", "2025-06-30", 270)
        self.assertEqual(m2.value, 270)
        versions = self.net.measurement_versions(m)
        self.assertGreaterEqual(len(versions), 2)
        self.assertEqual(versions[0].version, 1)
        self.net.actor = "admin:test"
        self.report(ind, "2025-10-01", "2025-12-31", 300)
        listed = list(self.net.measurements(indicator=ind, page_size=1))
        self.assertEqual(len(listed), 2)
        self.assertEqual(len(list(self.net.measurements(agreement=self.agreement, partner=self.bu))), 2)

    def test_period_locks(self):
        ind = self.unit_indicator()
        self.report(ind, "2025-04-01", "2025-06-30", 100)
        lock = self.net.lock_period(self.agreement, "2025-04-01", "2025-06-30", "telah diaudit")
        locks = self.net.period_locks(self.agreement)
        self.assertEqual(len(locks), 1)
        self.assertEqual((locks[0].id, locks[0].start, locks[0].active), (lock, dt.date(2025, 4, 1), True))
        self.net.actor = self.bu.external_id
        with self.assertRaises(km.KemitraanError):
            self.net.create_measurement(ind, self.bu, "2025-05-01", "2025-05-31", 5)
        self.net.actor = "admin:test"
        self.net.unlock_period(lock, "koreksi")
        self.assertFalse(self.net.period_locks(self.agreement)[0].active)


class IndicatorErrorTest(IndicatorBase):
    def test_typed_errors(self):
        with self.assertRaises(km.InvalidArgument) as cm:
            self.unit_indicator(code="kode dengan spasi!")
        self.assertEqual(cm.exception.field, "indicator.code")
        with self.assertRaises(km.InvalidArgument):
            self.unit_indicator(measure="no_such_measure")
        self.unit_indicator()
        with self.assertRaises(km.AlreadyExists):
            self.unit_indicator()
        with self.assertRaises(km.NotFound):
            self.net.indicator(999)
        with self.assertRaises(km.NotFound):
            self.net.measurement(999)
        ind = self.net.indicator_by_code(self.agreement, "AIR.1")
        m = self.report(ind, "2025-04-01", "2025-06-30", 5, approve=False)
        with self.assertRaises(km.InvalidState):
            self.net.submit_measurement(m)
        with self.assertRaises(TypeError):
            self.net.update_indicator(ind)
        with self.assertRaises(TypeError):
            self.net.update_indicator(ind, colour="red")
