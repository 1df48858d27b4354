# frozen_string_literal: true

# Bindings of opportunity.h: every function declared (Lib.km_*), every versioned
# struct mirrored, the enums with their labels, the entities as immutable
# objects with one reader per C accessor and generic keyword forms of the
# main calls.
module Kemitraan
  %i[km_discovery km_eligibility km_interest km_interest_page km_opportunity km_opportunity_page].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class OpportunityFields < Versioned
      layout :version, :uint, :publisher_id, :uint64, :title, :pointer, :description, :pointer, :agreement_type,
             :int, :framework_id, :uint64, :sectors, :pointer, :sectors_count, :size_t, :region, :pointer,
             :capabilities, :pointer, :capabilities_count, :size_t, :grant_ceiling, :int64, :currency, :pointer,
             :assistance, :pointer, :assistance_quantity, :int64, :assistance_unit, :pointer, :eligible_kinds,
             :uint32, :eligible_region, :pointer, :min_completed, :uint32, :partners_sought, :uint32, :opening_date,
             :pointer, :closing_date, :pointer, :partner_roles, :uint32, :publisher_roles, :uint32, :award_mode,
             :int, :no_open_disputes, :int
    end
    mirror 'km_opportunity_fields', OpportunityFields, 1, partners_sought: 1, partner_roles: 8, publisher_roles: 2

    class OpportunityQuery < Versioned
      layout :version, :uint, :publisher_id, :uint64, :status, :int, :status_as_of, :pointer, :agreement_type, :int,
             :framework_id, :uint64, :sector, :pointer, :capability, :pointer, :region_prefix, :pointer, :open_on,
             :pointer, :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_opportunity_query', OpportunityQuery, 1, status: -1, agreement_type: -1

    class InterestFields < Versioned
      layout :version, :uint, :opportunity_id, :uint64, :partner_id, :uint64, :statement, :pointer, :capabilities,
             :pointer, :capabilities_count, :size_t, :contribution_amount, :int64, :contribution_currency, :pointer,
             :contribution_quantity, :int64, :contribution_unit, :pointer, :co_applicants, :pointer,
             :co_applicants_count, :size_t
    end
    mirror 'km_interest_fields', InterestFields, 1

    class SelectionOptions < Versioned
      layout :version, :uint, :reference, :pointer, :title, :pointer, :start_date, :pointer, :end_date, :pointer
    end
    mirror 'km_selection_options', SelectionOptions, 1

    class InterestQuery < Versioned
      layout :version, :uint, :opportunity_id, :uint64, :partner_id, :uint64, :member_id, :uint64, :status, :int,
             :agreement_id, :uint64, :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_interest_query', InterestQuery, 1, status: -1

    class DiscoveryOptions < Versioned
      layout :version, :uint, :capability_weight, :double, :sector_weight, :double, :region_weight, :double,
             :as_of_date, :pointer, :limit, :uint32
    end
    mirror 'km_discovery_options', DiscoveryOptions, 1, capability_weight: 0.5, sector_weight: 0.3, region_weight: 0.2
  end

  # Member kinds of the structs, for Records.fill.
  OPPORTUNITY_FIELDS_KINDS = { publisher_id: :int, title: :str, description: :str, agreement_type: :int,
                               framework_id: :int, sectors: :strs, sectors_count: :int, region: :str,
                               capabilities: :strs, capabilities_count: :int, grant_ceiling: :int, currency: :str,
                               assistance: :str, assistance_quantity: :int, assistance_unit: :str,
                               eligible_kinds: :int, eligible_region: :str, min_completed: :int,
                               partners_sought: :int, opening_date: :str, closing_date: :str, partner_roles: :int,
                               publisher_roles: :int, award_mode: :int, no_open_disputes: :int }.freeze
  OPPORTUNITY_QUERY_KINDS = { publisher_id: :int, status: :int, status_as_of: :str, agreement_type: :int,
                              framework_id: :int, sector: :str, capability: :str, region_prefix: :str,
                              open_on: :str, cursor: :str, limit: :int }.freeze
  INTEREST_FIELDS_KINDS = { opportunity_id: :int, partner_id: :int, statement: :str, capabilities: :strs,
                            capabilities_count: :int, contribution_amount: :int, contribution_currency: :str,
                            contribution_quantity: :int, contribution_unit: :str, co_applicants: :uint64,
                            co_applicants_count: :int }.freeze
  SELECTION_OPTIONS_KINDS = { reference: :str, title: :str, start_date: :str, end_date: :str }.freeze
  INTEREST_QUERY_KINDS = { opportunity_id: :int, partner_id: :int, member_id: :int, status: :int,
                           agreement_id: :int, cursor: :str, limit: :int }.freeze
  DISCOVERY_OPTIONS_KINDS = { capability_weight: :float, sector_weight: :float, region_weight: :float,
                              as_of_date: :str, limit: :int }.freeze

  # ---- functions ----
  Lib.status :km_opportunity_create, :pointer, :km_network, :pointer
  Lib.status :km_opportunity_update, :km_network, :uint64, :pointer, :uint32
  Lib.status :km_opportunity_transition, :km_network, :uint64, :int, :string
  Lib.status :km_opportunity_open, :km_network, :uint64
  Lib.status :km_opportunity_close, :km_network, :uint64, :string
  Lib.status :km_opportunity_award, :km_network, :uint64, :string
  Lib.status :km_opportunity_cancel, :km_network, :uint64, :string
  Lib.status :km_opportunity_close_due, :pointer, :km_network, :string
  Lib.status :km_opportunity_get, :pointer, :km_network, :uint64
  Lib.status :km_opportunity_of_agreement, :pointer, :km_network, :uint64
  Lib.func :km_opportunity_free, :void, :pointer
  Lib.func :km_opportunity_id, :uint64, :km_opportunity
  Lib.func :km_opportunity_publisher, :uint64, :km_opportunity
  Lib.func :km_opportunity_title, :string, :km_opportunity
  Lib.func :km_opportunity_description, :string, :km_opportunity
  Lib.func :km_opportunity_agreement_type, :int, :km_opportunity
  Lib.func :km_opportunity_framework_id, :uint64, :km_opportunity
  Lib.func :km_opportunity_sector_count, :size_t, :km_opportunity
  Lib.func :km_opportunity_sector, :string, :km_opportunity, :size_t
  Lib.func :km_opportunity_region, :string, :km_opportunity
  Lib.func :km_opportunity_capability_count, :size_t, :km_opportunity
  Lib.func :km_opportunity_capability, :string, :km_opportunity, :size_t
  Lib.func :km_opportunity_grant_ceiling, :int64, :km_opportunity
  Lib.func :km_opportunity_currency, :string, :km_opportunity
  Lib.func :km_opportunity_assistance, :string, :km_opportunity
  Lib.func :km_opportunity_assistance_quantity, :int64, :km_opportunity
  Lib.func :km_opportunity_assistance_unit, :string, :km_opportunity
  Lib.func :km_opportunity_eligible_kinds, :uint32, :km_opportunity
  Lib.func :km_opportunity_eligible_region, :string, :km_opportunity
  Lib.func :km_opportunity_min_completed, :uint32, :km_opportunity
  Lib.func :km_opportunity_no_open_disputes, :int, :km_opportunity
  Lib.func :km_opportunity_partners_sought, :uint32, :km_opportunity
  Lib.func :km_opportunity_opening_date, :string, :km_opportunity
  Lib.func :km_opportunity_closing_date, :string, :km_opportunity
  Lib.func :km_opportunity_partner_roles, :uint32, :km_opportunity
  Lib.func :km_opportunity_publisher_roles, :uint32, :km_opportunity
  Lib.func :km_opportunity_award_mode, :int, :km_opportunity
  Lib.func :km_opportunity_status_of, :int, :km_opportunity
  Lib.func :km_opportunity_status_on, :int, :km_opportunity, :string
  Lib.func :km_opportunity_accepting_on, :int, :km_opportunity, :string
  Lib.func :km_opportunity_status_reason, :string, :km_opportunity
  Lib.func :km_opportunity_closed_as_of, :string, :km_opportunity
  Lib.func :km_opportunity_selected_count, :uint32, :km_opportunity
  Lib.func :km_opportunity_agreement_count, :size_t, :km_opportunity
  Lib.func :km_opportunity_agreement, :uint64, :km_opportunity, :size_t
  Lib.func :km_opportunity_created, :int64, :km_opportunity
  Lib.func :km_opportunity_updated, :int64, :km_opportunity
  Lib.func :km_opportunity_version, :uint32, :km_opportunity
  Lib.status :km_opportunity_list, :pointer, :km_network, :pointer
  Lib.status :km_opportunity_count, :pointer, :km_network, :pointer
  Lib.func :km_opportunity_page_count, :size_t, :km_opportunity_page
  Lib.func :km_opportunity_page_get, :pointer, :km_opportunity_page, :size_t
  Lib.func :km_opportunity_page_cursor, :string, :km_opportunity_page
  Lib.func :km_opportunity_page_free, :void, :pointer
  Lib.status :km_opportunity_check_eligibility, :pointer, :km_network, :uint64, :uint64, :pointer, :size_t
  Lib.func :km_eligibility_count, :size_t, :km_eligibility
  Lib.func :km_eligibility_rule_of, :int, :km_eligibility, :size_t
  Lib.func :km_eligibility_partner, :uint64, :km_eligibility, :size_t
  Lib.func :km_eligibility_message, :string, :km_eligibility, :size_t, :int
  Lib.func :km_eligibility_free, :void, :pointer
  Lib.status :km_interest_submit, :pointer, :km_network, :pointer
  Lib.status :km_interest_consent, :km_network, :uint64, :uint64
  Lib.status :km_interest_transition, :km_network, :uint64, :int, :string
  Lib.status :km_interest_withdraw, :km_network, :uint64, :string
  Lib.status :km_interest_shortlist, :km_network, :uint64, :string
  Lib.status :km_interest_reject, :km_network, :uint64, :string
  Lib.status :km_interest_select, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_interest_get, :pointer, :km_network, :uint64
  Lib.func :km_interest_free, :void, :pointer
  Lib.func :km_interest_id, :uint64, :km_interest
  Lib.func :km_interest_opportunity, :uint64, :km_interest
  Lib.func :km_interest_partner, :uint64, :km_interest
  Lib.func :km_interest_status_of, :int, :km_interest
  Lib.func :km_interest_status_reason, :string, :km_interest
  Lib.func :km_interest_statement, :string, :km_interest
  Lib.func :km_interest_capability_count, :size_t, :km_interest
  Lib.func :km_interest_capability, :string, :km_interest, :size_t
  Lib.func :km_interest_contribution_amount, :int64, :km_interest
  Lib.func :km_interest_contribution_currency, :string, :km_interest
  Lib.func :km_interest_contribution_quantity, :int64, :km_interest
  Lib.func :km_interest_contribution_unit, :string, :km_interest
  Lib.func :km_interest_co_applicant_count, :size_t, :km_interest
  Lib.func :km_interest_co_applicant, :uint64, :km_interest, :size_t
  Lib.func :km_interest_co_applicant_consented, :int64, :km_interest, :size_t
  Lib.func :km_interest_agreement, :uint64, :km_interest
  Lib.func :km_interest_created, :int64, :km_interest
  Lib.func :km_interest_updated, :int64, :km_interest
  Lib.func :km_interest_version, :uint32, :km_interest
  Lib.status :km_interest_list, :pointer, :km_network, :pointer
  Lib.status :km_interest_count, :pointer, :km_network, :pointer
  Lib.func :km_interest_page_count, :size_t, :km_interest_page
  Lib.func :km_interest_page_get, :pointer, :km_interest_page, :size_t
  Lib.func :km_interest_page_cursor, :string, :km_interest_page
  Lib.func :km_interest_page_free, :void, :pointer
  Lib.status :km_opportunity_discover, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_opportunity_suggest_partners, :pointer, :km_network, :uint64, :pointer
  Lib.func :km_discovery_count, :size_t, :km_discovery
  Lib.func :km_discovery_component, :double, :km_discovery, :size_t, :int
  Lib.func :km_discovery_opportunity, :uint64, :km_discovery, :size_t
  Lib.func :km_discovery_partner, :uint64, :km_discovery, :size_t
  Lib.func :km_discovery_score, :double, :km_discovery, :size_t
  Lib.func :km_discovery_capability_score, :double, :km_discovery, :size_t
  Lib.func :km_discovery_sector_score, :double, :km_discovery, :size_t
  Lib.func :km_discovery_region_score, :double, :km_discovery, :size_t
  Lib.func :km_discovery_free, :void, :pointer
  Lib.func :km_opportunity_status_label, :string, :int, :int
  Lib.func :km_award_mode_label, :string, :int, :int
  Lib.func :km_interest_status_label, :string, :int, :int
  Lib.func :km_eligibility_rule_label, :string, :int, :int
  Lib.func :km_eligibility_rule_code, :string, :int

  # ---- enums ----
  # km_opportunity_status
  OpportunityStatus = EnumType.new(:opportunity_status, { draft: 0, open: 1, closed: 2, awarded: 3, cancelled: 4 },
                                                          :km_opportunity_status_label)
  # km_award_mode
  AwardMode = EnumType.new(:award_mode, { separate: 0, joint: 1 }, :km_award_mode_label)
  # km_interest_status
  InterestStatus = EnumType.new(:interest_status, { submitted: 0, shortlisted: 1, selected: 2, rejected: 3,
                                                    withdrawn: 4 }, :km_interest_status_label)
  # km_eligibility_rule
  EligibilityRule = EnumType.new(:eligibility_rule, { active: 0, not_publisher: 1, kind: 2, region: 3,
                                                      track_record: 4, no_open_disputes: 5 },
                                                      :km_eligibility_rule_label)

  # An immutable snapshot of a opportunity (km_opportunity).
  class Opportunity < Record
    accessors id: [:km_opportunity_id], publisher: [:km_opportunity_publisher],
              title: [:km_opportunity_title, Conv::TEXT], description: [:km_opportunity_description, Conv::TEXT],
              agreement_type: [:km_opportunity_agreement_type], framework_id: [:km_opportunity_framework_id],
              sector_count: [:km_opportunity_sector_count], region: [:km_opportunity_region, Conv::TEXT],
              capability_count: [:km_opportunity_capability_count], grant_ceiling: [:km_opportunity_grant_ceiling],
              currency: [:km_opportunity_currency, Conv::TEXT], assistance: [:km_opportunity_assistance, Conv::TEXT],
              assistance_quantity: [:km_opportunity_assistance_quantity],
              assistance_unit: [:km_opportunity_assistance_unit, Conv::TEXT],
              eligible_kinds: [:km_opportunity_eligible_kinds],
              eligible_region: [:km_opportunity_eligible_region, Conv::TEXT],
              min_completed: [:km_opportunity_min_completed], no_open_disputes: [:km_opportunity_no_open_disputes],
              partners_sought: [:km_opportunity_partners_sought],
              opening_date: [:km_opportunity_opening_date, Conv::DATE],
              closing_date: [:km_opportunity_closing_date, Conv::DATE],
              partner_roles: [:km_opportunity_partner_roles], publisher_roles: [:km_opportunity_publisher_roles],
              award_mode: [:km_opportunity_award_mode, Conv.enum(AwardMode)],
              status: [:km_opportunity_status_of, Conv.enum(OpportunityStatus)],
              status_reason: [:km_opportunity_status_reason, Conv::TEXT],
              closed_as: [:km_opportunity_closed_as_of, Conv::DATE], selected_count: [:km_opportunity_selected_count],
              agreement_count: [:km_opportunity_agreement_count], created: [:km_opportunity_created, Conv::TIME],
              updated: [:km_opportunity_updated, Conv::TIME], version: [:km_opportunity_version]
  end

  # An immutable snapshot of a interest (km_interest).
  class Interest < Record
    accessors id: [:km_interest_id], opportunity: [:km_interest_opportunity], partner: [:km_interest_partner],
              status: [:km_interest_status_of, Conv.enum(InterestStatus)],
              status_reason: [:km_interest_status_reason, Conv::TEXT],
              statement: [:km_interest_statement, Conv::TEXT], capability_count: [:km_interest_capability_count],
              contribution_amount: [:km_interest_contribution_amount],
              contribution_currency: [:km_interest_contribution_currency, Conv::TEXT],
              contribution_quantity: [:km_interest_contribution_quantity],
              contribution_unit: [:km_interest_contribution_unit, Conv::TEXT],
              co_applicant_count: [:km_interest_co_applicant_count], agreement: [:km_interest_agreement],
              created: [:km_interest_created, Conv::TIME], updated: [:km_interest_updated, Conv::TIME],
              version: [:km_interest_version]
  end

  # Opportunity methods of Network (generic keyword forms).
  class Network
    # The opportunity with id +id+ (NotFound otherwise).
    def opportunity(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_opportunity_get(out, @handle, Lib.id_of(id, 'opportunity'))
      Opportunity.new(Handle.new(:km_opportunity, out.read_pointer, Lib.method(:km_opportunity_free)))
    end

    # The opportunities matching every filter (members of km_opportunity_query by name), page by page.
    def opportunities(limit: nil, page_size: nil, **filters)
      spec = { list: :km_opportunity_list, count: nil, page_count: :km_opportunity_page_count, page_get: :km_opportunity_page_get,
               page_cursor: :km_opportunity_page_cursor, page_free: :km_opportunity_page_free, kind: :km_opportunity,
               page_kind: :km_opportunity_page, wrap: ->(h) { Opportunity.new(h) } }
      builder = lambda do |arena|
        q = Records.fill(arena, Native::OpportunityQuery.make, OPPORTUNITY_QUERY_KINDS, 'query', filters)
        q[:limit] = page_size || 0
        q
      end
      Listing.new(self, builder, spec, limit: limit)
    end

    # The interest with id +id+ (NotFound otherwise).
    def interest(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_interest_get(out, @handle, Lib.id_of(id, 'interest'))
      Interest.new(Handle.new(:km_interest, out.read_pointer, Lib.method(:km_interest_free)))
    end

    # The interests matching every filter (members of km_interest_query by name), page by page.
    def interests(limit: nil, page_size: nil, **filters)
      spec = { list: :km_interest_list, count: nil, page_count: :km_interest_page_count, page_get: :km_interest_page_get,
               page_cursor: :km_interest_page_cursor, page_free: :km_interest_page_free, kind: :km_interest,
               page_kind: :km_interest_page, wrap: ->(h) { Interest.new(h) } }
      builder = lambda do |arena|
        q = Records.fill(arena, Native::InterestQuery.make, INTEREST_QUERY_KINDS, 'query', filters)
        q[:limit] = page_size || 0
        q
      end
      Listing.new(self, builder, spec, limit: limit)
    end

    # km_opportunity_create: keyword arguments are the members of km_opportunity_fields by name.
    def create_opportunity(**fields)
      arena = Lib::Arena.new
      f = Records.fill(arena, Native::OpportunityFields.make, OPPORTUNITY_FIELDS_KINDS, 'opportunity', fields)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_opportunity_create(out, @handle, f.pointer)
      opportunity(out.read_uint64)
    end

    # km_interest_submit: keyword arguments are the members of km_interest_fields by name.
    def submit_interest(**fields)
      arena = Lib::Arena.new
      f = Records.fill(arena, Native::InterestFields.make, INTEREST_FIELDS_KINDS, 'interest', fields)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_interest_submit(out, @handle, f.pointer)
      interest(out.read_uint64)
    end

  end
end
