# frozen_string_literal: true

require_relative 'support'
require_relative 'test_indicator'

# Progress, scorecards with the health index, trends, missing reports,
# aggregation across agreements, thresholds, typed errors.
class TestScorecard < KmTest::Test
  include IndicatorFixture

  def setup
    super
    @ind = unit_indicator(frequency: :quarterly)
    report(@ind, '2025-04-01', '2025-06-30', 500)
  end

  def test_progress
    p = @net.indicator_progress(@ind, '2025-12-31')
    assert_equal @ind.id, p.indicator_id
    assert_equal 500, p.actual[0]
    assert_in_delta 0.5, p.raw
    assert_in_delta 0.5, p.score
    assert_in_delta 1.0, p.expected
    assert_equal Date.new(2025, 12, 31), p.target_date
    assert_equal Date.new(2025, 6, 30), p.last_period_end
    refute_empty Kemitraan::ProgressStatus.label(p.status, :id)
    assert_equal :no_data, @net.indicator_progress(unit_indicator('AIR.9'), '2025-12-31').status
  end

  def test_scorecards_and_health_index
    rows = nil
    sc = nil
    @net.scorecard(:agreement, @agreement, as_of: '2025-12-31') do |card|
      sc = card
      assert_equal :agreement, card.scope
      assert_equal [@agreement.id, Date.new(2025, 12, 31)], [card.subject, card.as_of]
      assert_in_delta 0.5, card.score
      assert_equal 1, card.count(:indicators)
      assert_equal 1, card.counts[:scored]
      rows = card.indicators
      assert_equal [@ind.id], rows.map(&:indicator_id)
      assert_in_delta 0.5, card.dimension_scores[:impact]
      assert_operator card.dimension_score(:innovation), :<, 0
      comps = card.health_components
      assert_in_delta card.health_index, 100 * comps.sum { |c, v| Kemitraan::HealthComponent.weight(c) * v }, 1e-6
      assert_equal [@agreement.id], card.agreements.map(&:agreement_id)
    end
    assert_equal @ind.id, rows[0].indicator_id # a row keeps its scorecard's memory alive
    assert_raises(Kemitraan::ClosedError) { sc.score }
    assert_in_delta 0.5, @net.scorecard(as_of: '2025-12-31').score
    assert_in_delta 0.5, @net.scorecard(:partner, @bu, as_of: '2025-12-31').score
    assert_in_delta 0.5, @net.scorecard(:dimension, :impact, as_of: '2025-12-31').score
    assert_equal 0, @net.scorecard(:agreement, @agreement, as_of: '2025-06-01', knowledge: :as_of).count(:scored)
  end

  def test_trend_reporting_aggregate_thresholds
    trend = @net.scorecard_trend(:agreement, @agreement, '2025-04-01', '2025-12-31', :quarterly)
    assert_operator trend.size, :>=, 3
    assert_equal Date.new(2025, 12, 31), trend.last.date
    assert_in_delta 0.5, trend.last.score
    rep = @net.reporting('2026-01-31', agreement: @agreement, include_late: true)
    refute_empty rep
    assert_equal @ind.id, rep[0].indicator
    assert_equal :missing, rep[0].kind
    assert_equal rep.count { |r| r.kind == :missing }, rep.missing
    agg = @net.aggregate_indicator(code: 'AIR.1', as_of: '2025-12-31')
    assert agg.value?
    assert_equal 1, agg.rows.size
    assert_in_delta 500, agg.value
    assert_equal :unit, agg.measure
    @net.set_evaluation_thresholds(900, 600, 10)
    assert_equal Kemitraan::Thresholds.new(900, 600, 10), @net.evaluation_thresholds
  end

  def test_typed_errors
    assert_raises(Kemitraan::NotFound) { @net.indicator_progress(999, '2025-12-31') }
    assert_raises(Kemitraan::InvalidArgument) { @net.indicator_progress(@ind, '2025-13-45') }
    assert_raises(Kemitraan::InvalidArgument) { @net.scorecard(:no_such_scope) }
    assert_raises(Kemitraan::InvalidArgument) { @net.set_evaluation_thresholds(100, 900, 10) }
    assert_raises(Kemitraan::InvalidArgument) do
      @net.scorecard_trend(:agreement, @agreement, '2025-12-31', '2025-01-01')
    end
  end
end
