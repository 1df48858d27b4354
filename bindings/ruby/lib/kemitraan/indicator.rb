# frozen_string_literal: true

# Indicators, framework templates, measurements and period locks (indicator.h).
#
#   ind = net.create_indicator(agreement: a, code: 'AIR.1', title: 'Sambungan rumah baru', measure: :unit,
#                              baseline: 0, baseline_date: '2025-04-01', targets: [['2025-12-31', 1000]],
#                              reporter: business)
#   m = net.create_measurement(ind, partner: business, period_start: '2025-04-01', period_end: '2025-06-30',
#                              value: 250)
#   net.submit_measurement(m)
#   net.approve_measurement(m) # as the other party
module Kemitraan
  %i[km_indicator km_indicator_page km_measurement km_measurement_page km_period_locks].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class IndicatorFields < Versioned
      layout :version, :uint, :code, :pointer, :title, :pointer, :description, :pointer, :result_level, :int,
             :measure, :int, :unit_label, :pointer, :dimension, :int, :direction, :int, :scale, :uint32, :scale_max,
             :uint32, :allow_over_100, :int, :baseline_value, :int64, :baseline_denominator, :int64, :baseline_date,
             :pointer, :target_dates, :pointer, :target_values, :pointer, :target_denominators, :pointer,
             :targets_count, :size_t, :weight, :uint32, :frequency, :int, :time_aggregation, :int,
             :cross_aggregation, :int, :reporter_id, :uint64, :grace_days, :int32
    end
    mirror 'km_indicator_fields', IndicatorFields, 1, dimension: 2, weight: 1, frequency: 1, time_aggregation: 1,
           grace_days: -1

    class IndicatorQuery < Versioned
      layout :version, :uint, :agreement_id, :uint64, :framework_id, :uint64, :template_id, :uint64, :templates,
             :int, :dimension, :int, :status, :int, :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_indicator_query', IndicatorQuery, 1, dimension: -1, status: -1

    class MeasurementFields < Versioned
      layout :version, :uint, :partner_id, :uint64, :period_start, :pointer, :period_end, :pointer, :value, :int64,
             :denominator, :int64, :text, :pointer, :evidence_uri, :pointer, :comment, :pointer
    end
    mirror 'km_measurement_fields', MeasurementFields, 1

    class MeasurementQuery < Versioned
      layout :version, :uint, :indicator_id, :uint64, :agreement_id, :uint64, :partner_id, :uint64, :status, :int,
             :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_measurement_query', MeasurementQuery, 1, status: -1

  end

  # ---- functions ----
  Lib.status :km_indicator_create, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_indicator_update, :km_network, :uint64, :pointer, :uint32
  Lib.status :km_indicator_retire, :km_network, :uint64, :string
  Lib.status :km_indicator_get, :pointer, :km_network, :uint64
  Lib.status :km_indicator_get_version, :pointer, :km_network, :uint64, :uint32
  Lib.status :km_indicator_get_by_code, :pointer, :km_network, :uint64, :string
  Lib.func :km_indicator_free, :void, :pointer
  Lib.func :km_indicator_id, :uint64, :km_indicator
  Lib.func :km_indicator_is_template, :int, :km_indicator
  Lib.func :km_indicator_agreement_id, :uint64, :km_indicator
  Lib.func :km_indicator_framework_id, :uint64, :km_indicator
  Lib.func :km_indicator_template_id, :uint64, :km_indicator
  Lib.func :km_indicator_version, :uint32, :km_indicator
  Lib.func :km_indicator_code, :string, :km_indicator
  Lib.func :km_indicator_title, :string, :km_indicator
  Lib.func :km_indicator_description, :string, :km_indicator
  Lib.func :km_indicator_result_level, :int, :km_indicator
  Lib.func :km_indicator_measure, :int, :km_indicator
  Lib.func :km_indicator_unit_label, :string, :km_indicator
  Lib.func :km_indicator_dimension, :int, :km_indicator
  Lib.func :km_indicator_direction, :int, :km_indicator
  Lib.func :km_indicator_scale, :uint32, :km_indicator
  Lib.func :km_indicator_scale_max, :uint32, :km_indicator
  Lib.func :km_indicator_allow_over_100, :int, :km_indicator
  Lib.func :km_indicator_baseline, :int64, :pointer, :km_indicator
  Lib.func :km_indicator_baseline_date, :string, :km_indicator
  Lib.func :km_indicator_target_count, :size_t, :km_indicator
  Lib.func :km_indicator_target, :string, :pointer, :pointer, :km_indicator, :size_t
  Lib.func :km_indicator_weight, :uint32, :km_indicator
  Lib.func :km_indicator_frequency, :int, :km_indicator
  Lib.func :km_indicator_time_aggregation, :int, :km_indicator
  Lib.func :km_indicator_cross_aggregation, :int, :km_indicator
  Lib.func :km_indicator_reporter, :uint64, :km_indicator
  Lib.func :km_indicator_grace_days, :int32, :km_indicator
  Lib.func :km_indicator_status_of, :int, :km_indicator
  Lib.func :km_indicator_retired_on, :string, :km_indicator
  Lib.func :km_indicator_status_reason, :string, :km_indicator
  Lib.func :km_indicator_created, :int64, :km_indicator
  Lib.func :km_indicator_updated, :int64, :km_indicator
  Lib.status :km_indicator_list, :pointer, :km_network, :pointer
  Lib.func :km_indicator_page_count, :size_t, :km_indicator_page
  Lib.func :km_indicator_page_get, :pointer, :km_indicator_page, :size_t
  Lib.func :km_indicator_page_cursor, :string, :km_indicator_page
  Lib.func :km_indicator_page_free, :void, :pointer
  Lib.status :km_indicator_template_create, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_indicator_template_update, :km_network, :uint64, :pointer, :uint32
  Lib.status :km_indicator_template_retire, :km_network, :uint64, :string
  Lib.status :km_indicator_instantiate_templates, :pointer, :km_network, :uint64
  Lib.status :km_measurement_create, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_measurement_update, :km_network, :uint64, :pointer
  Lib.status :km_measurement_submit, :km_network, :uint64
  Lib.status :km_measurement_approve, :km_network, :uint64, :string
  Lib.status :km_measurement_return, :km_network, :uint64, :string
  Lib.status :km_measurement_revise, :km_network, :uint64, :pointer, :string
  Lib.status :km_measurement_get, :pointer, :km_network, :uint64
  Lib.status :km_measurement_get_version, :pointer, :km_network, :uint64, :uint32
  Lib.status :km_measurement_version_count, :pointer, :km_network, :uint64
  Lib.func :km_measurement_free, :void, :pointer
  Lib.func :km_measurement_id, :uint64, :km_measurement
  Lib.func :km_measurement_version, :uint32, :km_measurement
  Lib.func :km_measurement_indicator_id, :uint64, :km_measurement
  Lib.func :km_measurement_agreement_id, :uint64, :km_measurement
  Lib.func :km_measurement_partner_id, :uint64, :km_measurement
  Lib.func :km_measurement_period_start, :string, :km_measurement
  Lib.func :km_measurement_period_end, :string, :km_measurement
  Lib.func :km_measurement_value, :int64, :pointer, :km_measurement
  Lib.func :km_measurement_text, :string, :km_measurement
  Lib.func :km_measurement_evidence_uri, :string, :km_measurement
  Lib.func :km_measurement_comment, :string, :km_measurement
  Lib.func :km_measurement_status_of, :int, :km_measurement
  Lib.func :km_measurement_note, :string, :km_measurement
  Lib.func :km_measurement_rationale, :string, :km_measurement
  Lib.func :km_measurement_created, :int64, :km_measurement
  Lib.func :km_measurement_submitted, :int64, :km_measurement
  Lib.func :km_measurement_decided, :int64, :km_measurement
  Lib.status :km_measurement_list, :pointer, :km_network, :pointer
  Lib.func :km_measurement_page_count, :size_t, :km_measurement_page
  Lib.func :km_measurement_page_get, :pointer, :km_measurement_page, :size_t
  Lib.func :km_measurement_page_cursor, :string, :km_measurement_page
  Lib.func :km_measurement_page_free, :void, :pointer
  Lib.status :km_period_lock, :pointer, :km_network, :uint64, :string, :string, :string
  Lib.status :km_period_unlock, :km_network, :uint64, :string
  Lib.status :km_period_lock_list, :pointer, :km_network, :uint64
  Lib.func :km_period_locks_count, :size_t, :km_period_locks
  Lib.func :km_period_locks_id, :uint64, :km_period_locks, :size_t
  Lib.func :km_period_locks_start, :string, :km_period_locks, :size_t
  Lib.func :km_period_locks_end, :string, :km_period_locks, :size_t
  Lib.func :km_period_locks_active, :int, :km_period_locks, :size_t
  Lib.func :km_period_locks_time, :int64, :km_period_locks, :size_t
  Lib.func :km_period_locks_reason, :string, :km_period_locks, :size_t
  Lib.func :km_period_locks_unlock_reason, :string, :km_period_locks, :size_t
  Lib.func :km_period_locks_free, :void, :pointer
  Lib.func :km_result_level_label, :string, :int, :int
  Lib.func :km_result_level_iati, :int, :int
  Lib.func :km_measure_label, :string, :int, :int
  Lib.func :km_measure_iati, :int, :int
  Lib.func :km_direction_label, :string, :int, :int
  Lib.func :km_frequency_label, :string, :int, :int
  Lib.func :km_time_aggregation_label, :string, :int, :int
  Lib.func :km_cross_aggregation_label, :string, :int, :int
  Lib.func :km_indicator_status_label, :string, :int, :int
  Lib.func :km_measurement_status_label, :string, :int, :int

  # ---- enums ----
  # km_result_level
  ResultLevel = EnumType.new(:result_level, { output: 0, outcome: 1, impact: 2, other: 3 }, :km_result_level_label)
  # km_measure
  Measure = EnumType.new(:measure, { unit: 0, percentage: 1, nominal: 2, ordinal: 3, qualitative: 4, ratio: 5 },
                                     :km_measure_label)
  # km_direction
  Direction = EnumType.new(:direction, { ascending: 0, descending: 1 }, :km_direction_label)
  # km_frequency
  Frequency = EnumType.new(:frequency, { monthly: 0, quarterly: 1, semiannual: 2, annual: 3 }, :km_frequency_label)
  # km_time_aggregation
  TimeAggregation = EnumType.new(:time_aggregation, { sum: 0, last: 1, average: 2, max: 3, min: 4 },
                                                      :km_time_aggregation_label)
  # km_cross_aggregation
  CrossAggregation = EnumType.new(:cross_aggregation, { sum: 0, average: 1, weighted_average: 2 },
                                                        :km_cross_aggregation_label)
  # km_indicator_status
  IndicatorStatus = EnumType.new(:indicator_status, { active: 0, retired: 1 }, :km_indicator_status_label)
  # km_measurement_status
  MeasurementStatus = EnumType.new(:measurement_status, { draft: 0, submitted: 1, approved: 2, returned: 3,
                                                          superseded: 4 }, :km_measurement_status_label)

  # IATI codes of result levels and measures.
  def ResultLevel.iati(level)
    Lib.km_result_level_iati(to_i(level))
  end

  def Measure.iati(measure)
    Lib.km_measure_iati(to_i(measure))
  end

  # A dated target: value (numerator) and denominator.
  Target = Struct.new(:date, :value, :denominator)

  # An immutable snapshot of one version of an indicator or template (km_indicator).
  class Indicator < Record
    accessors id: [:km_indicator_id], template?: [:km_indicator_is_template, Conv::FLAG],
              agreement_id: [:km_indicator_agreement_id], framework_id: [:km_indicator_framework_id],
              template_id: [:km_indicator_template_id], version: [:km_indicator_version],
              code: [:km_indicator_code, Conv::TEXT], title: [:km_indicator_title, Conv::TEXT],
              description: [:km_indicator_description, Conv::TEXT],
              result_level: [:km_indicator_result_level, Conv.enum(ResultLevel)],
              measure: [:km_indicator_measure, Conv.enum(Measure)],
              unit_label: [:km_indicator_unit_label, Conv::TEXT],
              dimension: [:km_indicator_dimension, Conv.enum(Dimension)],
              direction: [:km_indicator_direction, Conv.enum(Direction)], scale: [:km_indicator_scale],
              scale_max: [:km_indicator_scale_max], allow_over_100?: [:km_indicator_allow_over_100, Conv::FLAG],
              baseline_date: [:km_indicator_baseline_date, Conv::DATE], weight: [:km_indicator_weight],
              frequency: [:km_indicator_frequency, Conv.enum(Frequency)],
              time_aggregation: [:km_indicator_time_aggregation, Conv.enum(TimeAggregation)],
              cross_aggregation: [:km_indicator_cross_aggregation, Conv.enum(CrossAggregation)],
              reporter: [:km_indicator_reporter], grace_days: [:km_indicator_grace_days],
              status: [:km_indicator_status_of, Conv.enum(IndicatorStatus)],
              retired_on: [:km_indicator_retired_on, Conv::DATE],
              status_reason: [:km_indicator_status_reason, Conv::TEXT],
              created: [:km_indicator_created, Conv::TIME], updated: [:km_indicator_updated, Conv::TIME]

    # [numerator, denominator] of the baseline.
    def baseline
      den = FFI::MemoryPointer.new(:int64)
      num = Lib.km_indicator_baseline(den, @handle)
      [num, den.read_int64]
    end

    # The dated targets (Array of Target).
    def targets
      Array.new(Lib.km_indicator_target_count(@handle)) do |i|
        val = FFI::MemoryPointer.new(:int64)
        den = FFI::MemoryPointer.new(:int64)
        day = Lib.km_indicator_target(val, den, @handle, i)
        Target.new(Lib.from_date(day), val.read_int64, den.read_int64).freeze
      end
    end

    def inspect
      return '#<Kemitraan::Indicator closed>' if @handle.closed?

      "#<Kemitraan::Indicator #{id} v#{version} #{code} #{title.inspect}>"
    end
  end

  # An immutable snapshot of one version of a measurement (km_measurement).
  class Measurement < Record
    accessors id: [:km_measurement_id], version: [:km_measurement_version],
              indicator_id: [:km_measurement_indicator_id], agreement_id: [:km_measurement_agreement_id],
              partner_id: [:km_measurement_partner_id],
              period_start: [:km_measurement_period_start, Conv::DATE],
              period_end: [:km_measurement_period_end, Conv::DATE], text: [:km_measurement_text, Conv::TEXT],
              evidence_uri: [:km_measurement_evidence_uri, Conv::TEXT],
              comment: [:km_measurement_comment, Conv::TEXT],
              status: [:km_measurement_status_of, Conv.enum(MeasurementStatus)],
              note: [:km_measurement_note, Conv::TEXT], rationale: [:km_measurement_rationale, Conv::TEXT],
              created: [:km_measurement_created, Conv::TIME], submitted: [:km_measurement_submitted, Conv::TIME],
              decided: [:km_measurement_decided, Conv::TIME]

    # The numerator (with the indicator's scale).
    def value
      Lib.km_measurement_value(nil, @handle)
    end

    def denominator
      den = FFI::MemoryPointer.new(:int64)
      Lib.km_measurement_value(den, @handle)
      den.read_int64
    end

    def inspect
      return '#<Kemitraan::Measurement closed>' if @handle.closed?

      "#<Kemitraan::Measurement #{id} v#{version} #{status} #{period_start}..#{period_end}>"
    end
  end

  PeriodLockRow = Struct.new(:id, :start, :end, :active, :time, :reason, :unlock_reason)
  PERIOD_LOCK_COLUMNS = { id: [:km_period_locks_id], start: [:km_period_locks_start, Conv::DATE],
                          end: [:km_period_locks_end, Conv::DATE], active: [:km_period_locks_active, Conv::FLAG],
                          time: [:km_period_locks_time, Conv::TIME], reason: [:km_period_locks_reason, Conv::TEXT],
                          unlock_reason: [:km_period_locks_unlock_reason, Conv::TEXT] }.freeze

  # Indicator, template, measurement and period-lock methods of Network.
  class Network
    # Field mask bits of km_indicator_update (KM_INDICATOR_F_*), by keyword.
    INDICATOR_MASK = { code: 0x0001, title: 0x0002, description: 0x0004, result_level: 0x0008, measure: 0x0010,
                       scale: 0x0010, scale_max: 0x0010, allow_over_100: 0x0010, unit_label: 0x0020,
                       dimension: 0x0040, direction: 0x0080, baseline: 0x0100, baseline_date: 0x0100,
                       targets: 0x0200, weight: 0x0400, frequency: 0x0800, grace_days: 0x0800,
                       time_aggregation: 0x1000, cross_aggregation: 0x1000, reporter: 0x2000 }.freeze
    INDICATOR_ENUMS = { result_level: ResultLevel, measure: Measure, dimension: Dimension, direction: Direction,
                        frequency: Frequency, time_aggregation: TimeAggregation,
                        cross_aggregation: CrossAggregation }.freeze
    INDICATOR_LISTING = { list: :km_indicator_list, count: nil, page_count: :km_indicator_page_count,
                          page_get: :km_indicator_page_get, page_cursor: :km_indicator_page_cursor,
                          page_free: :km_indicator_page_free, kind: :km_indicator, page_kind: :km_indicator_page,
                          wrap: ->(h) { Indicator.new(h) } }.freeze
    MEASUREMENT_LISTING = { list: :km_measurement_list, count: nil, page_count: :km_measurement_page_count,
                            page_get: :km_measurement_page_get, page_cursor: :km_measurement_page_cursor,
                            page_free: :km_measurement_page_free, kind: :km_measurement,
                            page_kind: :km_measurement_page, wrap: ->(h) { Measurement.new(h) } }.freeze

    # Defines an indicator on an agreement and returns it. Keywords:
    # description:, result_level:, measure:, unit_label:, dimension:,
    # direction:, scale:, scale_max:, allow_over_100:, baseline: (Integer or
    # [num, den]), baseline_date:, targets: ([[date, value], [date, num, den]]),
    # weight:, frequency:, grace_days:, time_aggregation:, cross_aggregation:, reporter:.
    def create_indicator(agreement:, code:, title:, **fields)
      arena = Lib::Arena.new
      f, = indicator_fields(arena, fields.merge(code: code, title: title))
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_indicator_create(out, @handle, Lib.id_of(agreement, 'agreement'), f.pointer)
      indicator(out.read_uint64)
    end

    # Changes the given fields (a new version).
    def update_indicator(indicator, **changes)
      raise ArgumentError, 'update_indicator needs at least one field' if changes.empty?

      arena = Lib::Arena.new
      f, mask = indicator_fields(arena, changes)
      id = Lib.id_of(indicator, 'indicator')
      Lib.km_indicator_update(@handle, id, f.pointer, mask)
      indicator(id)
    end

    def retire_indicator(indicator, reason)
      id = Lib.id_of(indicator, 'indicator')
      Lib.km_indicator_retire(@handle, id, Lib.to_c(reason, 'indicator.reason'))
      indicator(id)
    end

    # The indicator (or template) with id +id+, at +version+ if given.
    def indicator(id, version: nil)
      out = FFI::MemoryPointer.new(:pointer)
      if version
        Lib.km_indicator_get_version(out, @handle, Lib.id_of(id, 'indicator'), version)
      else
        Lib.km_indicator_get(out, @handle, Lib.id_of(id, 'indicator'))
      end
      Indicator.new(Handle.new(:km_indicator, out.read_pointer, Lib.method(:km_indicator_free)))
    end

    def indicator_by_code(agreement, code)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_indicator_get_by_code(out, @handle, Lib.id_of(agreement, 'agreement'), Lib.to_c(code, 'indicator.code'))
      Indicator.new(Handle.new(:km_indicator, out.read_pointer, Lib.method(:km_indicator_free)))
    end

    # Indicators (or templates with templates: true) matching every filter:
    # agreement:, framework:, template:, dimension:, status:, page_size:.
    def indicators(limit: nil, agreement: nil, framework: nil, template: nil, templates: false, dimension: nil,
                   status: nil, page_size: nil)
      builder = lambda do |_arena|
        q = Native::IndicatorQuery.make(templates: templates ? 1 : 0, limit: page_size || 0)
        { agreement_id: agreement, framework_id: framework,
          template_id: template }.each { |k, v| q[k] = Lib.id_of(v, "query.#{k}") if v }
        q[:dimension] = Dimension.to_i(dimension, 'query.dimension') if dimension
        q[:status] = IndicatorStatus.to_i(status, 'query.status') if status
        q
      end
      Listing.new(self, builder, INDICATOR_LISTING, limit: limit)
    end

    # Defines an indicator template on a framework and returns it.
    def create_indicator_template(framework:, code:, title:, **fields)
      arena = Lib::Arena.new
      f, = indicator_fields(arena, fields.merge(code: code, title: title))
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_indicator_template_create(out, @handle, Lib.id_of(framework, 'framework'), f.pointer)
      indicator(out.read_uint64)
    end

    def update_indicator_template(template, **changes)
      arena = Lib::Arena.new
      f, mask = indicator_fields(arena, changes)
      id = Lib.id_of(template, 'template')
      Lib.km_indicator_template_update(@handle, id, f.pointer, mask)
      indicator(id)
    end

    def retire_indicator_template(template, reason)
      id = Lib.id_of(template, 'template')
      Lib.km_indicator_template_retire(@handle, id, Lib.to_c(reason, 'indicator.reason'))
      indicator(id)
    end

    # Copies the framework's templates onto the agreement; returns how many.
    def instantiate_templates(agreement)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_indicator_instantiate_templates(out, @handle, Lib.id_of(agreement, 'agreement'))
      out.read_uint64
    end

    # Records a draft measurement (text:, evidence_uri:, comment:) and returns it.
    def create_measurement(indicator, **fields)
      arena = Lib::Arena.new
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_measurement_create(out, @handle, Lib.id_of(indicator, 'indicator'),
                                measurement_fields(arena, **fields).pointer)
      measurement(out.read_uint64)
    end

    def update_measurement(measurement, **fields)
      arena = Lib::Arena.new
      id = Lib.id_of(measurement, 'measurement')
      Lib.km_measurement_update(@handle, id, measurement_fields(arena, **fields).pointer)
      measurement(id)
    end

    def submit_measurement(measurement)
      id = Lib.id_of(measurement, 'measurement')
      Lib.km_measurement_submit(@handle, id)
      measurement(id)
    end

    def approve_measurement(measurement, note = nil)
      id = Lib.id_of(measurement, 'measurement')
      Lib.km_measurement_approve(@handle, id, Lib.to_c(note, 'measurement.note'))
      measurement(id)
    end

    def return_measurement(measurement, note)
      id = Lib.id_of(measurement, 'measurement')
      Lib.km_measurement_return(@handle, id, Lib.to_c(note, 'measurement.note'))
      measurement(id)
    end

    # A corrected version of an approved or returned measurement.
    def revise_measurement(measurement, rationale, **fields)
      arena = Lib::Arena.new
      id = Lib.id_of(measurement, 'measurement')
      Lib.km_measurement_revise(@handle, id, measurement_fields(arena, **fields).pointer,
                                Lib.to_c(rationale, 'measurement.rationale'))
      measurement(id)
    end

    def measurement(id, version: nil)
      out = FFI::MemoryPointer.new(:pointer)
      if version
        Lib.km_measurement_get_version(out, @handle, Lib.id_of(id, 'measurement'), version)
      else
        Lib.km_measurement_get(out, @handle, Lib.id_of(id, 'measurement'))
      end
      Measurement.new(Handle.new(:km_measurement, out.read_pointer, Lib.method(:km_measurement_free)))
    end

    # Every version of a measurement, oldest first.
    def measurement_versions(measurement)
      id = Lib.id_of(measurement, 'measurement')
      n = FFI::MemoryPointer.new(:uint32)
      Lib.km_measurement_version_count(n, @handle, id)
      (1..n.read_uint32).map { |v| measurement(id, version: v) }
    end

    # Measurements matching every filter: indicator:, agreement:, partner:, status:, page_size:.
    def measurements(limit: nil, indicator: nil, agreement: nil, partner: nil, status: nil, page_size: nil)
      builder = lambda do |_arena|
        q = Native::MeasurementQuery.make(limit: page_size || 0)
        { indicator_id: indicator, agreement_id: agreement,
          partner_id: partner }.each { |k, v| q[k] = Lib.id_of(v, "query.#{k}") if v }
        q[:status] = MeasurementStatus.to_i(status, 'query.status') if status
        q
      end
      Listing.new(self, builder, MEASUREMENT_LISTING, limit: limit)
    end

    # Locks start..end of an agreement; returns the lock id.
    def lock_period(agreement, start, finish, reason = nil)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_period_lock(out, @handle, Lib.id_of(agreement, 'agreement'), Lib.to_date(start), Lib.to_date(finish),
                         Lib.to_c(reason, 'lock.reason'))
      out.read_uint64
    end

    def unlock_period(lock, reason)
      Lib.km_period_unlock(@handle, Lib.id_of(lock, 'lock'), Lib.to_c(reason, 'lock.reason'))
      nil
    end

    # The period locks of an agreement (Rows of PeriodLockRow).
    def period_locks(agreement)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_period_lock_list(out, @handle, Lib.id_of(agreement, 'agreement'))
      Rows.read(PeriodLockRow, :km_period_locks, out.read_pointer, :km_period_locks_free, :km_period_locks_count,
                PERIOD_LOCK_COLUMNS)
    end

    private

    def indicator_fields(arena, values)
      f = Native::IndicatorFields.make
      mask = 0
      values.each do |key, value|
        raise ArgumentError, "unknown indicator field #{key.inspect}" unless INDICATOR_MASK.key?(key)

        mask |= INDICATOR_MASK[key]
        field = "indicator.#{key}"
        case key
        when :code, :title, :description, :unit_label then f[key] = arena.str(value, field)
        when :baseline_date then f[:baseline_date] = arena.str(Lib.to_date(value), field)
        when :baseline then f[:baseline_value], f[:baseline_denominator] = value.is_a?(Array) ? value : [value, 0]
        when :targets
          list = value.map { |t| [Lib.to_date(t[0]), t[1], t[2] || 0] }
          dates, n = arena.strs(list.map(&:first), field)
          f[:target_dates] = dates
          f[:target_values] = arena.array(:int64, list.map { |t| t[1] })
          f[:target_denominators] = arena.array(:int64, list.map { |t| t[2] })
          f[:targets_count] = n
        when :reporter then f[:reporter_id] = value ? Lib.id_of(value, field) : 0
        when :allow_over_100 then f[:allow_over_100] = value ? 1 : 0
        when :scale, :scale_max, :weight, :grace_days then f[key] = Integer(value)
        else f[key] = INDICATOR_ENUMS.fetch(key).to_i(value, field)
        end
      end
      [f, mask]
    end

    def measurement_fields(arena, partner: nil, period_start: nil, period_end: nil, value: 0, denominator: 0,
                           text: nil, evidence_uri: nil, comment: nil)
      Native::MeasurementFields.make(
        partner_id: partner ? Lib.id_of(partner, 'measurement.partner_id') : 0,
        period_start: arena.str(Lib.to_date(period_start), 'measurement.period_start'),
        period_end: arena.str(Lib.to_date(period_end), 'measurement.period_end'), value: value || 0,
        denominator: denominator || 0, text: arena.str(text, 'measurement.text'),
        evidence_uri: arena.str(evidence_uri, 'measurement.evidence_uri'),
        comment: arena.str(comment, 'measurement.comment')
      )
    end
  end
end
