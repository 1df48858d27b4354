# frozen_string_literal: true

# Progress, scorecards, the partnership health index, trends, missing and
# late reports, cross-agreement aggregation (scorecard.h).
#
#   p = net.indicator_progress(indicator, '2025-12-31')
#   net.scorecard(:agreement, agreement, as_of: '2025-12-31') do |sc|
#     puts sc.score, sc.health_index
#     sc.indicators.each { |row| puts "#{row.indicator_id} #{row.status}" }
#   end
module Kemitraan
  %i[km_aggregate km_progress km_reporting km_scorecard km_trend].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class ScorecardQuery < Versioned
      layout :version, :uint, :scope, :int, :subject, :uint64, :as_of, :pointer, :knowledge, :int, :running_only, :int
    end
    mirror 'km_scorecard_query', ScorecardQuery, 1, scope: 5

    class ReportingQuery < Versioned
      layout :version, :uint, :as_of, :pointer, :agreement_id, :uint64, :partner_id, :uint64, :include_late, :int
    end
    mirror 'km_reporting_query', ReportingQuery, 1

    class AggregateQuery < Versioned
      layout :version, :uint, :template_id, :uint64, :code, :pointer, :framework_id, :uint64, :as_of, :pointer,
             :knowledge, :int
    end
    mirror 'km_aggregate_query', AggregateQuery, 1

  end

  # ---- functions ----
  Lib.status :km_evaluation_set_thresholds, :km_network, :uint32, :uint32, :uint32
  Lib.status :km_evaluation_thresholds, :pointer, :pointer, :pointer, :km_network
  Lib.status :km_indicator_progress, :pointer, :km_network, :uint64, :string, :int
  Lib.func :km_progress_free, :void, :pointer
  Lib.func :km_progress_indicator_id, :uint64, :km_progress
  Lib.func :km_progress_agreement_id, :uint64, :km_progress
  Lib.func :km_progress_dimension, :int, :km_progress
  Lib.func :km_progress_measure, :int, :km_progress
  Lib.func :km_progress_weight, :uint32, :km_progress
  Lib.func :km_progress_status_of, :int, :km_progress
  Lib.func :km_progress_value_count, :uint32, :km_progress
  Lib.func :km_progress_actual, :int64, :pointer, :km_progress
  Lib.func :km_progress_actual_value, :double, :km_progress
  Lib.func :km_progress_baseline_value, :double, :km_progress
  Lib.func :km_progress_target_value, :double, :km_progress
  Lib.func :km_progress_target_date, :string, :km_progress
  Lib.func :km_progress_last_period_end, :string, :km_progress
  Lib.func :km_progress_raw, :double, :km_progress
  Lib.func :km_progress_score, :double, :km_progress
  Lib.func :km_progress_expected, :double, :km_progress
  Lib.func :km_progress_text, :string, :km_progress
  Lib.func :km_progress_as_of, :string, :km_progress
  Lib.func :km_health_weight, :double, :int
  Lib.status :km_scorecard_compute, :pointer, :km_network, :pointer
  Lib.func :km_scorecard_free, :void, :pointer
  Lib.func :km_scorecard_scope_of, :int, :km_scorecard
  Lib.func :km_scorecard_subject, :uint64, :km_scorecard
  Lib.func :km_scorecard_as_of, :string, :km_scorecard
  Lib.func :km_scorecard_score, :double, :km_scorecard
  Lib.func :km_scorecard_health_index, :double, :km_scorecard
  Lib.func :km_scorecard_health_component, :double, :km_scorecard, :int
  Lib.func :km_scorecard_dimension_score, :double, :km_scorecard, :int
  Lib.func :km_scorecard_count, :uint64, :km_scorecard, :int
  Lib.func :km_scorecard_agreement_count, :size_t, :km_scorecard
  Lib.func :km_scorecard_agreement_id, :uint64, :km_scorecard, :size_t
  Lib.func :km_scorecard_agreement_score, :double, :km_scorecard, :size_t
  Lib.func :km_scorecard_agreement_weight, :uint64, :km_scorecard, :size_t
  Lib.func :km_scorecard_agreement_dimension_score, :double, :km_scorecard, :size_t, :int
  Lib.func :km_scorecard_indicator_count, :size_t, :km_scorecard
  Lib.func :km_scorecard_indicator, :pointer, :km_scorecard, :size_t
  Lib.status :km_scorecard_trend, :pointer, :km_network, :pointer, :string, :string, :int
  Lib.func :km_trend_count, :size_t, :km_trend
  Lib.func :km_trend_date, :string, :km_trend, :size_t
  Lib.func :km_trend_score, :double, :km_trend, :size_t
  Lib.func :km_trend_health_index, :double, :km_trend, :size_t
  Lib.func :km_trend_dimension_score, :double, :km_trend, :size_t, :int
  Lib.func :km_trend_free, :void, :pointer
  Lib.status :km_reporting_list, :pointer, :km_network, :pointer
  Lib.func :km_reporting_count, :size_t, :km_reporting
  Lib.func :km_reporting_partner, :uint64, :km_reporting, :size_t
  Lib.func :km_reporting_agreement, :uint64, :km_reporting, :size_t
  Lib.func :km_reporting_indicator, :uint64, :km_reporting, :size_t
  Lib.func :km_reporting_kind, :int, :km_reporting, :size_t
  Lib.func :km_reporting_period_start, :string, :km_reporting, :size_t
  Lib.func :km_reporting_period_end, :string, :km_reporting, :size_t
  Lib.func :km_reporting_due_date, :string, :km_reporting, :size_t
  Lib.func :km_reporting_submitted_on, :string, :km_reporting, :size_t
  Lib.func :km_reporting_totals, :void, :pointer, :pointer, :pointer, :km_reporting
  Lib.func :km_reporting_free, :void, :pointer
  Lib.status :km_indicator_aggregate, :pointer, :km_network, :pointer
  Lib.func :km_aggregate_rule, :int, :km_aggregate
  Lib.func :km_aggregate_measure, :int, :km_aggregate
  Lib.func :km_aggregate_has_value, :int, :km_aggregate
  Lib.func :km_aggregate_value, :double, :km_aggregate
  Lib.func :km_aggregate_exact, :int, :pointer, :pointer, :km_aggregate
  Lib.func :km_aggregate_count, :size_t, :km_aggregate
  Lib.func :km_aggregate_row, :pointer, :km_aggregate, :size_t
  Lib.func :km_aggregate_free, :void, :pointer
  Lib.func :km_progress_status_label, :string, :int, :int
  Lib.func :km_scorecard_scope_label, :string, :int, :int
  Lib.func :km_health_component_label, :string, :int, :int
  Lib.func :km_report_kind_label, :string, :int, :int

  # ---- enums ----
  # km_progress_status
  ProgressStatus = EnumType.new(:progress_status, { no_data: 0, on_track: 1, at_risk: 2, off_track: 3,
                                                    not_scored: 4 }, :km_progress_status_label)
  # km_knowledge
  Knowledge = EnumType.new(:knowledge, { current: 0, as_of: 1 })
  # km_scorecard_scope
  ScorecardScope = EnumType.new(:scorecard_scope, { agreement: 0, partner: 1, framework: 2, family: 3, dimension: 4,
                                                    network: 5 }, :km_scorecard_scope_label)
  # km_scorecard_counter
  ScorecardCounter = EnumType.new(:scorecard_counter, { agreements: 0, indicators: 1, scoreable: 2, scored: 3,
                                                        no_data: 4, on_track: 5, at_risk: 6, off_track: 7,
                                                        not_scored: 8, reports_due: 9, reports_missing: 10,
                                                        reports_late: 11, dimensions_with_data: 12 })
  # km_health_component
  HealthComponent = EnumType.new(:health_component, { performance: 0, compliance: 1, coverage: 2 },
                                                      :km_health_component_label)
  # km_report_kind
  ReportKind = EnumType.new(:report_kind, { missing: 0, late: 1 }, :km_report_kind_label)

  # Weight of a health component in the health index.
  def HealthComponent.weight(component)
    Lib.km_health_weight(to_i(component))
  end

  # Progress of one indicator on a date (km_progress).
  class Progress < Record
    accessors indicator_id: [:km_progress_indicator_id], agreement_id: [:km_progress_agreement_id],
              dimension: [:km_progress_dimension, Conv.enum(Dimension)],
              measure: [:km_progress_measure, Conv.enum(Measure)], weight: [:km_progress_weight],
              status: [:km_progress_status_of, Conv.enum(ProgressStatus)],
              value_count: [:km_progress_value_count], actual_value: [:km_progress_actual_value],
              baseline_value: [:km_progress_baseline_value], target_value: [:km_progress_target_value],
              target_date: [:km_progress_target_date, Conv::DATE],
              last_period_end: [:km_progress_last_period_end, Conv::DATE], raw: [:km_progress_raw],
              score: [:km_progress_score], expected: [:km_progress_expected], text: [:km_progress_text, Conv::TEXT],
              as_of: [:km_progress_as_of, Conv::DATE]

    def id = indicator_id

    # [numerator, denominator] of the aggregated actual value.
    def actual
      den = FFI::MemoryPointer.new(:int64)
      num = Lib.km_progress_actual(den, @handle)
      [num, den.read_int64]
    end

    def inspect
      return '#<Kemitraan::Progress closed>' if @handle.closed?

      "#<Kemitraan::Progress indicator #{indicator_id} #{status} score #{score}>"
    end
  end

  AgreementScore = Struct.new(:agreement_id, :score, :weight, :dimension_scores)
  TrendPoint = Struct.new(:date, :score, :health_index, :dimension_scores)
  ReportRow = Struct.new(:partner, :agreement, :indicator, :kind, :period_start, :period_end, :due_date,
                         :submitted_on)
  Thresholds = Struct.new(:on_track_permille, :at_risk_permille, :grace_days)
  REPORT_COLUMNS = { partner: [:km_reporting_partner], agreement: [:km_reporting_agreement],
                     indicator: [:km_reporting_indicator], kind: [:km_reporting_kind, Conv.enum(ReportKind)],
                     period_start: [:km_reporting_period_start, Conv::DATE],
                     period_end: [:km_reporting_period_end, Conv::DATE], due_date: [:km_reporting_due_date, Conv::DATE],
                     submitted_on: [:km_reporting_submitted_on, Conv::DATE] }.freeze

  # A computed scorecard (km_scorecard); #indicators are Progress rows
  # borrowed from it (they keep it alive).
  class Scorecard
    def initialize(handle)
      @core = handle
    end

    # The C handle; ClosedError once closed.
    def handle
      raise ClosedError, 'km_scorecard is closed' if @core.nil?

      @core
    end

    # Drops this object's hold on the C result: it is released by the
    # garbage collector once no Progress row taken from it remains.
    def close
      @core = nil
    end

    def scope = ScorecardScope[Lib.km_scorecard_scope_of(handle)]
    def subject = Lib.km_scorecard_subject(handle)
    def as_of = Lib.from_date(Lib.km_scorecard_as_of(handle))
    def score = Lib.km_scorecard_score(handle)
    def health_index = Lib.km_scorecard_health_index(handle)

    def health_component(component)
      Lib.km_scorecard_health_component(handle, HealthComponent.to_i(component, 'component'))
    end

    def health_components
      HealthComponent.symbols.to_h { |c| [c, health_component(c)] }
    end

    # Sub-score of a dimension (-1 when nothing is scored there).
    def dimension_score(dimension)
      Lib.km_scorecard_dimension_score(handle, Dimension.to_i(dimension, 'dimension'))
    end

    def dimension_scores
      Dimension.symbols.to_h { |d| [d, dimension_score(d)] }
    end

    def count(counter)
      Lib.km_scorecard_count(handle, ScorecardCounter.to_i(counter, 'counter'))
    end

    def counts
      ScorecardCounter.symbols.to_h { |c| [c, count(c)] }
    end

    def agreements
      Array.new(Lib.km_scorecard_agreement_count(handle)) do |i|
        AgreementScore.new(Lib.km_scorecard_agreement_id(handle, i), Lib.km_scorecard_agreement_score(handle, i),
                           Lib.km_scorecard_agreement_weight(handle, i),
                           Dimension.symbols.to_h do |d|
                             [d, Lib.km_scorecard_agreement_dimension_score(handle, i, Dimension.to_i(d))]
                           end).freeze
      end
    end

    def indicators
      Array.new(Lib.km_scorecard_indicator_count(handle)) do |i|
        Progress.new(Handle.new(:km_progress, Lib.km_scorecard_indicator(handle, i), owner: handle))
      end
    end

    def inspect
      return '#<Kemitraan::Scorecard closed>' if @core.nil?

      "#<Kemitraan::Scorecard #{scope} #{subject} as of #{as_of}: score #{score}, health #{health_index}>"
    end
  end

  # An indicator aggregated across agreements (km_aggregate); #rows are
  # the per-agreement Progress rows it combined.
  class Aggregate
    def initialize(handle)
      @core = handle
    end

    # The C handle; ClosedError once closed.
    def handle
      raise ClosedError, 'km_aggregate is closed' if @core.nil?

      @core
    end

    # Drops this object's hold on the C result: it is released by the
    # garbage collector once no Progress row taken from it remains.
    def close
      @core = nil
    end

    def rule = CrossAggregation[Lib.km_aggregate_rule(handle)]
    def measure = Measure[Lib.km_aggregate_measure(handle)]
    def value? = Lib.km_aggregate_has_value(handle) != 0
    def value = Lib.km_aggregate_value(handle)

    # [numerator, denominator], or nil when no exact value was given.
    def exact
      num = FFI::MemoryPointer.new(:int64)
      den = FFI::MemoryPointer.new(:int64)
      return nil if Lib.km_aggregate_exact(num, den, handle).zero?

      [num.read_int64, den.read_int64]
    end

    def rows
      Array.new(Lib.km_aggregate_count(handle)) do |i|
        Progress.new(Handle.new(:km_progress, Lib.km_aggregate_row(handle, i), owner: handle))
      end
    end
  end

  # Progress, scorecard, trend, reporting and aggregation methods of Network.
  class Network
    def set_evaluation_thresholds(on_track_permille, at_risk_permille, grace_days)
      Lib.km_evaluation_set_thresholds(@handle, on_track_permille, at_risk_permille, grace_days)
      nil
    end

    def evaluation_thresholds
      a, b, c = Array.new(3) { FFI::MemoryPointer.new(:uint32) }
      Lib.km_evaluation_thresholds(a, b, c, @handle)
      Thresholds.new(a.read_uint32, b.read_uint32, c.read_uint32)
    end

    # Progress of an indicator on a date.
    def indicator_progress(indicator, as_of, knowledge: :current)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_indicator_progress(out, @handle, Lib.id_of(indicator, 'indicator'), Lib.to_date(as_of),
                                Knowledge.to_i(knowledge, 'knowledge'))
      Progress.new(Handle.new(:km_progress, out.read_pointer, Lib.method(:km_progress_free)))
    end

    # A scorecard of an agreement, partner, framework, family, dimension or
    # the network. With a block, yields it and releases it afterwards.
    def scorecard(scope = :network, subject = 0, as_of: nil, knowledge: :current, running_only: false)
      arena = Lib::Arena.new
      q = scorecard_query(arena, scope, subject, as_of, knowledge, running_only)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_scorecard_compute(out, @handle, q.pointer)
      sc = Scorecard.new(Handle.new(:km_scorecard, out.read_pointer, Lib.method(:km_scorecard_free)))
      return sc unless block_given?

      begin
        yield sc
      ensure
        sc.close
      end
    end

    # The scorecard at the end of each period from +from+ to +to+ (Array of TrendPoint).
    def scorecard_trend(scope, subject, from, to, frequency = :quarterly, knowledge: :current, running_only: false)
      arena = Lib::Arena.new
      q = scorecard_query(arena, scope, subject, nil, knowledge, running_only)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_scorecard_trend(out, @handle, q.pointer, Lib.to_date(from), Lib.to_date(to),
                             Frequency.to_i(frequency, 'frequency'))
      t = Handle.new(:km_trend, out.read_pointer, Lib.method(:km_trend_free))
      begin
        Array.new(Lib.km_trend_count(t)) do |i|
          TrendPoint.new(Lib.from_date(Lib.km_trend_date(t, i)), Lib.km_trend_score(t, i),
                         Lib.km_trend_health_index(t, i),
                         Dimension.symbols.to_h { |d| [d, Lib.km_trend_dimension_score(t, i, Dimension.to_i(d))] })
                  .freeze
        end
      ensure
        t.close
      end
    end

    # Missing (and with include_late:, late) reports: Rows of ReportRow with #due, #missing, #late.
    def reporting(as_of, agreement: nil, partner: nil, include_late: false)
      arena = Lib::Arena.new
      q = Native::ReportingQuery.make(as_of: arena.str(Lib.to_date(as_of), 'query.as_of'),
                                      agreement_id: agreement ? Lib.id_of(agreement, 'query.agreement_id') : 0,
                                      partner_id: partner ? Lib.id_of(partner, 'query.partner_id') : 0,
                                      include_late: include_late ? 1 : 0)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_reporting_list(out, @handle, q.pointer)
      h = Handle.new(:km_reporting, out.read_pointer, Lib.method(:km_reporting_free))
      begin
        due, missing, late = Array.new(3) { FFI::MemoryPointer.new(:uint64) }
        Lib.km_reporting_totals(due, missing, late, h)
        rows = Array.new(Lib.km_reporting_count(h)) do |i|
          ReportRow.new(*REPORT_COLUMNS.map do |_, (fn, conv)|
            v = Lib.send(fn, h, i)
            conv ? conv.call(v) : v
          end).freeze
        end
        Rows.new(rows, due: due.read_uint64, missing: missing.read_uint64, late: late.read_uint64)
      ensure
        h.close
      end
    end

    # An indicator aggregated across agreements, by template: or code:.
    def aggregate_indicator(template: nil, code: nil, framework: nil, as_of: nil, knowledge: :current)
      arena = Lib::Arena.new
      q = Native::AggregateQuery.make(template_id: template ? Lib.id_of(template, 'query.template_id') : 0,
                                      code: arena.str(code, 'query.code'),
                                      framework_id: framework ? Lib.id_of(framework, 'query.framework_id') : 0,
                                      as_of: arena.str(Lib.to_date(as_of), 'query.as_of'),
                                      knowledge: Knowledge.to_i(knowledge, 'knowledge'))
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_indicator_aggregate(out, @handle, q.pointer)
      Aggregate.new(Handle.new(:km_aggregate, out.read_pointer, Lib.method(:km_aggregate_free)))
    end

    private

    def scorecard_query(arena, scope, subject, as_of, knowledge, running_only)
      scope_i = ScorecardScope.to_i(scope, 'query.scope')
      subject_i = case scope_i
                  when 4 then Dimension.to_i(subject, 'query.subject')
                  when 3 then subject.is_a?(Integer) ? subject : Family.to_i(subject, 'query.subject')
                  else subject.nil? ? 0 : Lib.id_of(subject, 'query.subject')
                  end
      Native::ScorecardQuery.make(scope: scope_i, subject: subject_i,
                                  as_of: arena.str(Lib.to_date(as_of), 'query.as_of'),
                                  knowledge: Knowledge.to_i(knowledge, 'knowledge'), running_only: running_only ? 1 : 0)
    end
  end
end
