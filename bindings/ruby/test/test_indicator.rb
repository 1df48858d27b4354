# frozen_string_literal: true

require_relative 'support'
require_relative 'test_agreement'

# Indicators, measurements (draft, submitted, approved, returned, revised),
# listings, period locks, typed errors.
module IndicatorFixture
  include AgreementFixture

  def setup
    super
    @agreement = activate(draft)
  end

  def unit_indicator(code = 'AIR.1', **extra)
    fields = { unit_label: 'rumah tangga', measure: :unit, dimension: :impact, baseline: 0,
               baseline_date: '2025-04-01', targets: [['2025-12-31', 1000]], time_aggregation: :sum, reporter: @bu }
    @net.create_indicator(agreement: @agreement, code: code, title: 'Sambungan rumah baru', **fields, **extra)
  end

  def report(ind, start, finish, value, denominator: 0, approve: true)
    @net.actor = @bu.external_id
    m = @net.create_measurement(ind, partner: @bu, period_start: start, period_end: finish, value: value,
                                     denominator: denominator)
    m = @net.submit_measurement(m)
    if approve
      @net.actor = @pemda.external_id
      m = @net.approve_measurement(m)
    end
    @net.actor = 'admin:test'
    m
  end
end

class TestIndicator < KmTest::Test
  include IndicatorFixture

  def test_create_read_update_and_list
    ind = unit_indicator
    assert_equal ['AIR.1', 'Sambungan rumah baru', 'rumah tangga'], [ind.code, ind.title, ind.unit_label]
    assert_equal :unit, ind.measure
    assert_equal :impact, ind.dimension
    assert_equal :sum, ind.time_aggregation
    assert_equal :active, ind.status
    assert_equal [Kemitraan::Target.new(Date.new(2025, 12, 31), 1000, 1)], ind.targets
    assert_equal 0, ind.baseline[0]
    assert_equal Date.new(2025, 4, 1), ind.baseline_date
    assert_equal @bu.id, ind.reporter
    refute ind.template?
    pct = unit_indicator('AIR.2', measure: :percentage, unit_label: nil, baseline: [40, 100],
                                  targets: [['2025-12-31', 80, 100]], time_aggregation: :last)
    assert_equal 100, pct.targets[0].denominator
    assert_equal pct, @net.indicator_by_code(@agreement, 'AIR.2')
    v2 = @net.update_indicator(ind, title: 'Sambungan baru', weight: 3)
    assert_equal [ind.version + 1, 'Sambungan baru', 3], [v2.version, v2.title, v2.weight]
    assert_equal 'Sambungan rumah baru', @net.indicator(ind, version: ind.version).title
    assert_equal %w[AIR.1 AIR.2], @net.indicators(agreement: @agreement, page_size: 1).map(&:code)
    assert_equal 2, @net.indicators(agreement: @agreement).count
    assert_equal :retired, @net.retire_indicator(pct, 'diganti').status
    assert_equal ['AIR.1'], @net.indicators(status: :active).map(&:code)
    refute_empty Kemitraan::Measure.label(:percentage, :id)
  end

  def test_measurement_workflow
    ind = unit_indicator
    @net.actor = @bu.external_id
    m = @net.create_measurement(ind, partner: @bu, period_start: '2025-04-01', period_end: '2025-06-30', value: 250,
                                     comment: 'triwulan I')
    assert_equal :draft, m.status
    assert_equal [250, Date.new(2025, 4, 1), 'triwulan I'], [m.value, m.period_start, m.comment]
    m = @net.update_measurement(m, partner: @bu, period_start: '2025-04-01', period_end: '2025-06-30', value: 260)
    assert_equal :submitted, @net.submit_measurement(m).status
    @net.actor = @pemda.external_id
    assert_equal :returned, @net.return_measurement(m, 'lampirkan bukti').status
    @net.actor = @bu.external_id
    m = @net.revise_measurement(m, 'bukti dilampirkan', partner: @bu, period_start: '2025-04-01',
                                                        period_end: '2025-06-30', value: 260,
                                                        evidence_uri: 'https://example.org/bukti.pdf')
    assert_equal 'https://example.org/bukti.pdf', m.evidence_uri
    @net.submit_measurement(m) if m.status == :draft
    @net.actor = @pemda.external_id
    m = @net.approve_measurement(m, 'sesuai')
    assert_equal :approved, m.status
    assert_kind_of Time, m.decided
    assert_operator @net.measurement_versions(m).size, :>=, 2
    @net.actor = 'admin:test'
    report(ind, '2025-10-01', '2025-12-31', 300)
    assert_equal 2, @net.measurements(indicator: ind, page_size: 1).to_a.size
    assert_equal 2, @net.measurements(agreement: @agreement, partner: @bu).count
  end

  def test_period_locks
    ind = unit_indicator
    report(ind, '2025-04-01', '2025-06-30', 100)
    lock = @net.lock_period(@agreement, '2025-04-01', '2025-06-30', 'telah diaudit')
    locks = @net.period_locks(@agreement)
    assert_equal [[lock, Date.new(2025, 4, 1), true]], locks.map { |l| [l.id, l.start, l.active] }
    @net.actor = @bu.external_id
    assert_raises(Kemitraan::Error) do
      @net.create_measurement(ind, partner: @bu, period_start: '2025-05-01', period_end: '2025-05-31', value: 5)
    end
    @net.actor = 'admin:test'
    @net.unlock_period(lock, 'koreksi')
    refute @net.period_locks(@agreement)[0].active
  end

  def test_typed_errors
    e = assert_raises(Kemitraan::InvalidArgument) { unit_indicator('kode dengan spasi!') }
    assert_equal 'indicator.code', e.field
    assert_raises(Kemitraan::InvalidArgument) { unit_indicator(measure: :no_such_measure) }
    ind = unit_indicator
    assert_raises(Kemitraan::AlreadyExists) { unit_indicator }
    assert_raises(Kemitraan::NotFound) { @net.indicator(999) }
    assert_raises(Kemitraan::NotFound) { @net.measurement(999) }
    m = report(ind, '2025-04-01', '2025-06-30', 5, approve: false)
    assert_raises(Kemitraan::InvalidState) { @net.submit_measurement(m) }
    assert_raises(ArgumentError) { @net.update_indicator(ind) }
    assert_raises(ArgumentError) { @net.update_indicator(ind, colour: 'red') }
  end
end
