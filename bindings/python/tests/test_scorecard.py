"""Progress, scorecards with the health index, trends, missing reports,
aggregation across agreements, thresholds, typed errors."""
import datetime as dt

from test_indicator import IndicatorBase

from support import km


class ScorecardTest(IndicatorBase):
    def setUp(self):
        super().setUp()
        self.ind = self.unit_indicator(frequency="quarterly")
        self.report(self.ind, "2025-04-01", "2025-06-30", 500)

    def test_progress(self):
        p = self.net.indicator_progress(self.ind, "2025-12-31")
        self.assertIsInstance(p, km.Progress)
        self.assertEqual(p.indicator_id, self.ind.id)
        self.assertEqual(p.actual[0], 500)
        self.assertAlmostEqual(p.raw, 0.5)
        self.assertAlmostEqual(p.score, 0.5)
        self.assertAlmostEqual(p.expected, 1.0)
        self.assertEqual(p.target_date, dt.date(2025, 12, 31))
        self.assertEqual(p.last_period_end, dt.date(2025, 6, 30))
        self.assertIsInstance(p.status, km.ProgressStatus)
        self.assertTrue(p.status.label("id"))
        self.assertEqual(p.value_count, 1)
        none = self.net.indicator_progress(self.unit_indicator("AIR.9"), "2025-12-31")
        self.assertIs(none.status, km.ProgressStatus.NO_DATA)

    def test_scorecards_and_health_index(self):
        with self.net.scorecard("agreement", self.agreement, as_of="2025-12-31") as sc:
            self.assertIs(sc.scope, km.ScorecardScope.AGREEMENT)
            self.assertEqual((sc.subject, sc.as_of), (self.agreement.id, dt.date(2025, 12, 31)))
            self.assertAlmostEqual(sc.score, 0.5)
            self.assertEqual(sc.count("indicators"), 1)
            self.assertEqual(sc.counts[km.ScorecardCounter.SCORED], 1)
            rows = sc.indicators
            self.assertEqual([r.indicator_id for r in rows], [self.ind.id])
            self.assertAlmostEqual(rows[0].score, 0.5)
            self.assertAlmostEqual(sc.dimension_scores[km.Dimension.IMPACT], 0.5)
            self.assertLess(sc.dimension_score("innovation"), 0)
            comps = sc.health_components
            self.assertEqual(set(comps), set(km.HealthComponent))
            self.assertAlmostEqual(sc.health_index, 100 * sum(km.health_weight(c) * v for c, v in comps.items()),
                                   places=6)
            self.assertEqual([a.agreement_id for a in sc.agreements], [self.agreement.id])
        kept = rows[0]
        self.assertEqual(kept.indicator_id, self.ind.id)  # a row keeps its scorecard's memory alive
        with self.assertRaises(ValueError):
            sc.score  # closed
        network = self.net.scorecard(as_of="2025-12-31")
        self.assertIs(network.scope, km.ScorecardScope.NETWORK)
        self.assertAlmostEqual(network.score, 0.5)
        self.assertAlmostEqual(self.net.scorecard("partner", self.bu, as_of="2025-12-31").score, 0.5)
        self.assertAlmostEqual(self.net.scorecard("dimension", "impact", as_of="2025-12-31").score, 0.5)
        past = self.net.scorecard("agreement", self.agreement, as_of="2025-06-01", knowledge="as_of")
        self.assertEqual(past.count(km.ScorecardCounter.SCORED), 0)

    def test_trend_reporting_aggregate_thresholds(self):
        trend = self.net.scorecard_trend("agreement", self.agreement, "2025-04-01", "2025-12-31", "quarterly")
        self.assertGreaterEqual(len(trend), 3)
        self.assertEqual(trend[-1].date, dt.date(2025, 12, 31))
        self.assertAlmostEqual(trend[-1].score, 0.5)
        rep = self.net.reporting("2026-01-31", agreement=self.agreement, include_late=True)
        self.assertGreaterEqual(len(rep), 1)
        self.assertEqual(rep[0].indicator, self.ind.id)
        self.assertIs(rep[0].kind, km.ReportKind.MISSING)
        self.assertEqual(rep.missing, len([r for r in rep if r.kind is km.ReportKind.MISSING]))
        self.assertGreaterEqual(rep.due, rep.missing)
        agg = self.net.aggregate_indicator(code="AIR.1", as_of="2025-12-31")
        self.assertTrue(agg.has_value)
        self.assertEqual(len(agg.rows), 1)
        self.assertEqual(agg.value, 500)
        self.assertIs(agg.measure, km.Measure.UNIT)
        self.net.set_evaluation_thresholds(900, 600, 10)
        self.assertEqual(self.net.evaluation_thresholds(), km.Thresholds(900, 600, 10))

    def test_typed_errors(self):
        with self.assertRaises(km.NotFound):
            self.net.indicator_progress(999, "2025-12-31")
        with self.assertRaises(km.InvalidArgument):
            self.net.indicator_progress(self.ind, "2025-13-45")
        with self.assertRaises(km.InvalidArgument):
            self.net.scorecard("no_such_scope")
        with self.assertRaises(km.InvalidArgument):
            self.net.set_evaluation_thresholds(100, 900, 10)
        with self.assertRaises(km.InvalidArgument):
            self.net.scorecard_trend("agreement", self.agreement, "2025-12-31", "2025-01-01")
