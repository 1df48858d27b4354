# frozen_string_literal: true

module Kemitraan
  Lib.status :km_framework_spec_new, :pointer, :string, :string
  Lib.func :km_framework_spec_free, :void, :pointer
  Lib.status :km_framework_spec_allow_type, :km_framework_spec, :int
  Lib.status :km_framework_spec_require_role, :km_framework_spec, :uint32, :uint32
  Lib.status :km_framework_spec_set_duration, :km_framework_spec, :uint32, :uint32
  Lib.status :km_framework_spec_set_max_value, :km_framework_spec, :string, :int64
  Lib.status :km_framework_spec_require_dimension, :km_framework_spec, :int
  Lib.status :km_framework_spec_add_incentive, :km_framework_spec, :int, :uint32, :string, :string, :uint32
  Lib.status :km_framework_create, :pointer, :km_network, :km_framework_spec
  Lib.status :km_framework_amend, :km_network, :uint64, :km_framework_spec, :string
  Lib.status :km_framework_get, :pointer, :km_network, :uint64
  Lib.status :km_framework_get_version, :pointer, :km_network, :uint64, :uint32
  Lib.func :km_framework_free, :void, :pointer
  Lib.func :km_framework_id, :uint64, :km_framework
  Lib.func :km_framework_version, :uint32, :km_framework
  Lib.func :km_framework_name, :string, :km_framework
  Lib.func :km_framework_legal_reference, :string, :km_framework
  Lib.func :km_framework_rationale, :string, :km_framework
  Lib.func :km_framework_time, :int64, :km_framework
  Lib.func :km_framework_allowed_types, :uint32, :km_framework
  Lib.func :km_framework_role_rule_count, :size_t, :km_framework
  Lib.status :km_framework_role_rule, :pointer, :pointer, :km_framework, :size_t
  Lib.func :km_framework_min_days, :uint32, :km_framework
  Lib.func :km_framework_max_days, :uint32, :km_framework
  Lib.func :km_framework_max_value_count, :size_t, :km_framework
  Lib.func :km_framework_max_value, :string, :pointer, :km_framework, :size_t
  Lib.func :km_framework_dimensions, :uint32, :km_framework
  Lib.func :km_framework_incentive_count, :size_t, :km_framework
  Lib.status :km_framework_incentive, :pointer, :pointer, :pointer, :pointer, :pointer, :km_framework, :size_t
  Lib.status :km_agreement_check, :pointer, :km_network, :uint64
  Lib.func :km_check_framework_id, :uint64, :km_check
  Lib.func :km_check_framework_version, :uint32, :km_check
  Lib.func :km_check_violation_count, :size_t, :km_check
  Lib.func :km_check_violation_rule, :int, :km_check, :size_t
  Lib.func :km_check_violation_field, :string, :km_check, :size_t
  Lib.func :km_check_violation_message, :string, :km_check, :size_t, :int
  Lib.func :km_check_incentive_count, :size_t, :km_check
  Lib.func :km_check_incentive, :int, :km_check, :size_t
  Lib.func :km_check_free, :void, :pointer
  Lib.func :km_incentive_label, :string, :int, :int
  Lib.func :km_rule_label, :string, :int, :int

  # Incentives a framework may offer (km_incentive).
  Incentive = EnumType.new(:incentive, { tax: 0, viability_gap_funding: 1, availability_payment: 2,
                                         government_guarantee: 3, grant: 4 }, :km_incentive_label)

  # Rules an agreement can violate (km_rule).
  Rule = EnumType.new(:rule, { type: 0, role_missing: 1, role_kind: 2, dates: 3, min_duration: 4, max_duration: 5,
                               max_value: 6, dimensions: 7 }, :km_rule_label)

  # Partner kinds as bit positions of a kind mask (0 = any kind).
  PartnerKindMask = BitEnumType.new(:partner_kind, PartnerKind.symbols.each_with_index.to_h, :km_partner_kind_label)

  RoleRule = Struct.new(:role, :kinds, keyword_init: true)
  IncentiveOffer = Struct.new(:incentive, :kinds, :sector, :region, :min_days, keyword_init: true)
  Violation = Struct.new(:rule, :field, :messages, keyword_init: true) do
    def message
      messages[Kemitraan.language]
    end
  end
  CheckResult = Struct.new(:framework_id, :framework_version, :violations, :incentives, keyword_init: true) do
    def ok?
      violations.empty?
    end
  end

  # A framework's rules being assembled (km_framework_spec). Every method
  # returns the spec, so calls chain; the constructor's keywords call them.
  class FrameworkSpec
    attr_reader :handle

    def initialize(name, legal_reference = nil, allowed_types: [], required_roles: {}, min_days: 0, max_days: 0,
                   max_values: {}, dimensions: [], incentives: [])
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_framework_spec_new(out, Lib.to_c(name, 'framework.name'),
                                Lib.to_c(legal_reference, 'framework.legal_reference'))
      @handle = Handle.new(:km_framework_spec, out.read_pointer, Lib.method(:km_framework_spec_free))
      allowed_types.each { |t| allow_type(t) }
      required_roles.each { |role, kinds| require_role(role, kinds) }
      set_duration(min_days, max_days) if min_days.positive? || max_days.positive?
      max_values.each { |currency, max| set_max_value(currency, max) }
      dimensions.each { |d| require_dimension(d) }
      incentives.each do |offer|
        case offer
        when Hash then add_incentive(offer.fetch(:incentive), **offer.except(:incentive))
        when IncentiveOffer then add_incentive(offer.incentive, kinds: offer.kinds || [], sector: offer.sector,
                                                                region: offer.region, min_days: offer.min_days || 0)
        else add_incentive(offer)
        end
      end
    end

    def close
      @handle.close
    end

    def allow_type(type)
      Lib.km_framework_spec_allow_type(@handle, AgreementType.to_i(type, 'framework.type'))
      self
    end

    def require_role(role, kinds = [])
      Lib.km_framework_spec_require_role(@handle, Role.mask(role, 'framework.role'),
                                         PartnerKindMask.mask(kinds, 'framework.kinds'))
      self
    end

    def set_duration(min_days = 0, max_days = 0)
      Lib.km_framework_spec_set_duration(@handle, min_days, max_days)
      self
    end

    # Maximum value in +currency+: minor units (Integer) or a Money.
    def set_max_value(currency, maximum)
      minor = maximum.is_a?(Money) ? maximum.minor : maximum
      Lib.km_framework_spec_set_max_value(@handle, Lib.to_c(currency.to_s, 'framework.currency'), minor)
      self
    end

    def require_dimension(dimension)
      Lib.km_framework_spec_require_dimension(@handle, Dimension.to_i(dimension, 'framework.dimension'))
      self
    end

    def add_incentive(incentive, kinds: [], sector: nil, region: nil, min_days: 0)
      Lib.km_framework_spec_add_incentive(@handle, Incentive.to_i(incentive, 'framework.incentive'),
                                          PartnerKindMask.mask(kinds, 'framework.kinds'),
                                          Lib.to_c(sector, 'framework.sector'), Lib.to_c(region, 'framework.region'),
                                          min_days)
      self
    end
  end

  # An immutable snapshot of one version of a framework (km_framework).
  class Framework
    attr_reader :handle

    def initialize(handle)
      @handle = handle
    end

    def close
      @handle.close
    end

    def id = Lib.km_framework_id(@handle)
    def version = Lib.km_framework_version(@handle)
    def name = Lib.from_c(Lib.km_framework_name(@handle))
    def legal_reference = Lib.from_c(Lib.km_framework_legal_reference(@handle))
    def rationale = Lib.from_c(Lib.km_framework_rationale(@handle))
    def time = Lib.from_micros(Lib.km_framework_time(@handle))
    def min_days = Lib.km_framework_min_days(@handle)
    def max_days = Lib.km_framework_max_days(@handle)
    def dimensions = Dimension.symbols_of(Lib.km_framework_dimensions(@handle))

    # Allowed agreement types (Symbols); empty means every type.
    def allowed_types
      mask = Lib.km_framework_allowed_types(@handle)
      AgreementType.symbols.each_with_index.select { |_, i| (mask & (1 << i)).nonzero? }.map(&:first)
    end

    def role_rules
      Array.new(Lib.km_framework_role_rule_count(@handle)) do |i|
        role = FFI::MemoryPointer.new(:uint32)
        kinds = FFI::MemoryPointer.new(:uint32)
        Lib.km_framework_role_rule(role, kinds, @handle, i)
        RoleRule.new(role: Role[role.read_uint32], kinds: PartnerKindMask.symbols_of(kinds.read_uint32))
      end
    end

    # { "IDR" => Money } of the per-currency value limits.
    def max_values
      Array.new(Lib.km_framework_max_value_count(@handle)) do |i|
        value = FFI::MemoryPointer.new(:int64)
        currency = Lib.from_c(Lib.km_framework_max_value(value, @handle, i))
        [currency, Money.new(value.read_int64, currency)]
      end.to_h
    end

    def incentives
      Array.new(Lib.km_framework_incentive_count(@handle)) do |i|
        inc = FFI::MemoryPointer.new(:int)
        kinds = FFI::MemoryPointer.new(:uint32)
        sector = FFI::MemoryPointer.new(:pointer)
        region = FFI::MemoryPointer.new(:pointer)
        days = FFI::MemoryPointer.new(:uint32)
        Lib.km_framework_incentive(inc, kinds, sector, region, days, @handle, i)
        IncentiveOffer.new(incentive: Incentive[inc.read_int], kinds: PartnerKindMask.symbols_of(kinds.read_uint32),
                           sector: read_opt(sector), region: read_opt(region), min_days: days.read_uint32)
      end
    end

    def inspect
      return '#<Kemitraan::Framework closed>' if @handle.closed?

      "#<Kemitraan::Framework #{id} v#{version} #{name.inspect}>"
    end

    private

    def read_opt(pp)
      p = pp.read_pointer
      p.null? ? nil : Lib.from_c(p.read_string)
    end
  end

  # Framework methods of Network.
  class Network
    # Records a framework from a FrameworkSpec (or from a name and the
    # FrameworkSpec keywords) and returns it.
    def create_framework(spec, legal_reference = nil, **rules)
      spec = FrameworkSpec.new(spec, legal_reference, **rules) unless spec.is_a?(FrameworkSpec)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_framework_create(out, @handle, spec.handle)
      framework(out.read_uint64)
    end

    # Records version N+1 of a framework: +spec+ replaces every rule.
    def amend_framework(framework, spec, rationale)
      id = Lib.id_of(framework, 'framework')
      Lib.km_framework_amend(@handle, id, spec.handle, Lib.to_c(rationale, 'framework.rationale'))
      framework(id)
    end

    def framework(id, version: nil)
      out = FFI::MemoryPointer.new(:pointer)
      if version
        Lib.km_framework_get_version(out, @handle, Lib.id_of(id, 'framework'), version)
      else
        Lib.km_framework_get(out, @handle, Lib.id_of(id, 'framework'))
      end
      Framework.new(Handle.new(:km_framework, out.read_pointer, Lib.method(:km_framework_free)))
    end

    # Every framework rule the agreement violates and every incentive it
    # qualifies for (a CheckResult).
    def check_agreement(agreement)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_agreement_check(out, @handle, Lib.id_of(agreement, 'agreement'))
      h = Handle.new(:km_check, out.read_pointer, Lib.method(:km_check_free))
      violations = Array.new(Lib.km_check_violation_count(h)) do |i|
        Violation.new(rule: Rule[Lib.km_check_violation_rule(h, i)],
                      field: Lib.from_c(Lib.km_check_violation_field(h, i)),
                      messages: { id: Lib.from_c(Lib.km_check_violation_message(h, i, LANG_ID)),
                                  en: Lib.from_c(Lib.km_check_violation_message(h, i, LANG_EN)) })
      end
      incentives = Array.new(Lib.km_check_incentive_count(h)) { |i| Incentive[Lib.km_check_incentive(h, i)] }
      CheckResult.new(framework_id: Lib.km_check_framework_id(h), framework_version: Lib.km_check_framework_version(h),
                      violations: violations, incentives: incentives)
    ensure
      h&.close
    end
  end
end
