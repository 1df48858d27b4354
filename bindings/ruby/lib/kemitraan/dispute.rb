# frozen_string_literal: true

# Bindings of dispute.h: every function declared (Lib.km_*), every versioned
# struct mirrored, the enums with their labels, the entities as immutable
# objects with one reader per C accessor and generic keyword forms of the
# main calls.
module Kemitraan
  %i[km_caseload km_conflicts km_dispute km_dispute_overdue_list km_dispute_page km_dispute_sessions].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    class DisputeFields < Versioned
      layout :version, :uint, :agreement_id, :uint64, :claimant, :uint64, :respondents, :pointer,
             :respondents_count, :size_t, :category, :int, :severity, :int, :description, :pointer, :relief,
             :pointer, :commitment_ids, :pointer, :commitments_count, :size_t, :milestone_numbers, :pointer,
             :milestones_count, :size_t
    end
    mirror 'km_dispute_fields', DisputeFields, 1

    class DisputeSettlement < Versioned
      layout :version, :uint, :terms, :pointer, :commitment_ids, :pointer, :commitments_count, :size_t,
             :milestone_numbers, :pointer, :milestones_count, :size_t
    end
    mirror 'km_dispute_settlement', DisputeSettlement, 1

    class DisputeSessionFields < Versioned
      layout :version, :uint, :date, :pointer, :attendees, :pointer, :attendees_count, :size_t, :outcome, :pointer
    end
    mirror 'km_dispute_session_fields', DisputeSessionFields, 1

    class DisputePolicy < Versioned
      layout :version, :uint, :mediator_kinds, :uint32, :allow_agreement_party, :int, :allow_related_agreements,
             :int, :suspend_during_mediation, :int, :acknowledge_days, :uint32, :start_days, :uint32,
             :negotiation_days, :uint32, :mediation_days, :uint32, :utc_offset_minutes, :int32
    end
    mirror 'km_dispute_policy', DisputePolicy, 1, acknowledge_days: 14, start_days: 14, negotiation_days: 30,
           mediation_days: 30, utc_offset_minutes: 420

    class DisputeQuery < Versioned
      layout :version, :uint, :agreement_id, :uint64, :party, :uint64, :mediator, :uint64, :status, :int, :category,
             :int, :severity, :int, :open_only, :int, :filed_from, :pointer, :filed_to, :pointer, :cursor, :pointer,
             :limit, :uint32
    end
    mirror 'km_dispute_query', DisputeQuery, 1, status: -1, category: -1, severity: -1

    class DisputeReport < Versioned
      layout :version, :uint, :disputes, :uint64, :open, :uint64, :in_status, [:uint64, 9], :resolved, :uint64,
             :settled_negotiation, :uint64, :settled_mediation, :uint64, :escalated, :uint64, :withdrawn, :uint64,
             :dismissed, :uint64, :share_settled_negotiation, :double, :share_settled_mediation, :double,
             :share_escalated, :double, :resolution_days_median, :int64, :resolution_days_p90, :int64,
             :resolution_days_max, :int64
    end
    mirror 'km_dispute_report', DisputeReport, 1, resolution_days_median: -1, resolution_days_p90: -1,
           resolution_days_max: -1
  end

  # Member kinds of the structs, for Records.fill.
  DISPUTE_FIELDS_KINDS = { agreement_id: :int, claimant: :int, respondents: :uint64, respondents_count: :int,
                           category: :int, severity: :int, description: :str, relief: :str, commitment_ids: :uint64,
                           commitments_count: :int, milestone_numbers: :uint32, milestones_count: :int }.freeze
  DISPUTE_SETTLEMENT_KINDS = { terms: :str, commitment_ids: :uint64, commitments_count: :int,
                               milestone_numbers: :uint32, milestones_count: :int }.freeze
  DISPUTE_SESSION_FIELDS_KINDS = { date: :str, attendees: :uint64, attendees_count: :int, outcome: :str }.freeze
  DISPUTE_POLICY_KINDS = { mediator_kinds: :int, allow_agreement_party: :int, allow_related_agreements: :int,
                           suspend_during_mediation: :int, acknowledge_days: :int, start_days: :int,
                           negotiation_days: :int, mediation_days: :int, utc_offset_minutes: :int }.freeze
  DISPUTE_QUERY_KINDS = { agreement_id: :int, party: :int, mediator: :int, status: :int, category: :int,
                          severity: :int, open_only: :int, filed_from: :str, filed_to: :str, cursor: :str,
                          limit: :int }.freeze
  DISPUTE_REPORT_KINDS = { disputes: :int, open: :int, resolved: :int, settled_negotiation: :int,
                           settled_mediation: :int, escalated: :int, withdrawn: :int, dismissed: :int,
                           share_settled_negotiation: :float, share_settled_mediation: :float,
                           share_escalated: :float, resolution_days_median: :int, resolution_days_p90: :int,
                           resolution_days_max: :int }.freeze

  # ---- functions ----
  Lib.status :km_dispute_file, :pointer, :km_network, :pointer
  Lib.status :km_dispute_acknowledge, :km_network, :uint64, :uint64, :string
  Lib.status :km_dispute_consent, :km_network, :uint64, :uint64, :string
  Lib.status :km_dispute_transition, :km_network, :uint64, :int, :string
  Lib.status :km_dispute_negotiate, :km_network, :uint64, :string
  Lib.status :km_dispute_mediate, :km_network, :uint64, :string
  Lib.status :km_dispute_settle, :km_network, :uint64, :pointer
  Lib.status :km_dispute_escalate, :km_network, :uint64, :int, :string
  Lib.status :km_dispute_close, :km_network, :uint64, :string
  Lib.status :km_dispute_withdraw, :km_network, :uint64, :string
  Lib.status :km_dispute_dismiss, :km_network, :uint64, :string
  Lib.func :km_dispute_transition_roles, :uint32, :int, :int
  Lib.status :km_dispute_mediator_check, :pointer, :km_network, :uint64, :uint64
  Lib.func :km_conflicts_count, :size_t, :km_conflicts
  Lib.func :km_conflicts_kind, :int, :km_conflicts, :size_t
  Lib.func :km_conflicts_agreement, :uint64, :km_conflicts, :size_t
  Lib.func :km_conflicts_partner, :uint64, :km_conflicts, :size_t
  Lib.func :km_conflicts_overridable, :int, :km_conflicts, :size_t
  Lib.func :km_conflicts_message, :string, :km_conflicts, :size_t, :int
  Lib.func :km_conflicts_free, :void, :pointer
  Lib.status :km_dispute_assign_mediator, :km_network, :uint64, :uint64, :string
  Lib.status :km_dispute_suspend_agreement, :km_network, :uint64, :string
  Lib.status :km_dispute_extend_deadline, :km_network, :uint64, :uint32, :string
  Lib.status :km_dispute_session_add, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_dispute_session_list, :pointer, :km_network, :uint64
  Lib.func :km_dispute_sessions_count, :size_t, :km_dispute_sessions
  Lib.func :km_dispute_sessions_number, :uint32, :km_dispute_sessions, :size_t
  Lib.func :km_dispute_sessions_date, :string, :km_dispute_sessions, :size_t
  Lib.func :km_dispute_sessions_stage, :int, :km_dispute_sessions, :size_t
  Lib.func :km_dispute_sessions_attendee_count, :size_t, :km_dispute_sessions, :size_t
  Lib.func :km_dispute_sessions_attendee, :uint64, :km_dispute_sessions, :size_t, :size_t
  Lib.func :km_dispute_sessions_outcome, :string, :km_dispute_sessions, :size_t
  Lib.func :km_dispute_sessions_free, :void, :pointer
  Lib.status :km_dispute_policy_set, :km_network, :uint64, :pointer
  Lib.status :km_dispute_policy_get, :pointer, :pointer, :km_network, :uint64
  Lib.status :km_dispute_get, :pointer, :km_network, :uint64
  Lib.func :km_dispute_free, :void, :pointer
  Lib.func :km_dispute_id, :uint64, :km_dispute
  Lib.func :km_dispute_agreement, :uint64, :km_dispute
  Lib.func :km_dispute_claimant, :uint64, :km_dispute
  Lib.func :km_dispute_respondent_count, :size_t, :km_dispute
  Lib.func :km_dispute_respondent, :uint64, :km_dispute, :size_t
  Lib.func :km_dispute_respondent_acknowledged, :int64, :km_dispute, :size_t
  Lib.func :km_dispute_consented, :int64, :km_dispute, :uint64
  Lib.func :km_dispute_category_of, :int, :km_dispute
  Lib.func :km_dispute_severity_of, :int, :km_dispute
  Lib.func :km_dispute_status_of, :int, :km_dispute
  Lib.func :km_dispute_description, :string, :km_dispute
  Lib.func :km_dispute_relief, :string, :km_dispute
  Lib.func :km_dispute_commitment_count, :size_t, :km_dispute
  Lib.func :km_dispute_commitment, :uint64, :km_dispute, :size_t
  Lib.func :km_dispute_milestone_count, :size_t, :km_dispute
  Lib.func :km_dispute_milestone, :uint32, :km_dispute, :size_t
  Lib.func :km_dispute_mediator, :uint64, :km_dispute
  Lib.func :km_dispute_mediator_override, :string, :km_dispute
  Lib.func :km_dispute_forum_of, :int, :km_dispute
  Lib.func :km_dispute_status_note, :string, :km_dispute
  Lib.func :km_dispute_status_time, :int64, :km_dispute
  Lib.func :km_dispute_entered, :int64, :km_dispute, :int
  Lib.func :km_dispute_filed, :int64, :km_dispute
  Lib.func :km_dispute_updated, :int64, :km_dispute
  Lib.func :km_dispute_filed_date, :string, :km_dispute
  Lib.func :km_dispute_stage_date, :string, :km_dispute
  Lib.func :km_dispute_due_date, :string, :km_dispute
  Lib.func :km_dispute_outcome, :int, :km_dispute
  Lib.func :km_dispute_resolved_date, :string, :km_dispute
  Lib.func :km_dispute_settled_in, :int, :km_dispute
  Lib.func :km_dispute_settlement_terms, :string, :km_dispute
  Lib.func :km_dispute_settlement_commitment_count, :size_t, :km_dispute
  Lib.func :km_dispute_settlement_commitment, :uint64, :km_dispute, :size_t
  Lib.func :km_dispute_settlement_milestone_count, :size_t, :km_dispute
  Lib.func :km_dispute_settlement_milestone, :uint32, :km_dispute, :size_t
  Lib.func :km_dispute_holds_suspension, :int, :km_dispute
  Lib.status :km_dispute_list, :pointer, :km_network, :pointer
  Lib.status :km_dispute_count, :pointer, :km_network, :pointer
  Lib.func :km_dispute_page_count, :size_t, :km_dispute_page
  Lib.func :km_dispute_page_get, :pointer, :km_dispute_page, :size_t
  Lib.func :km_dispute_page_cursor, :string, :km_dispute_page
  Lib.func :km_dispute_page_free, :void, :pointer
  Lib.status :km_dispute_overdue, :pointer, :km_network, :string, :pointer
  Lib.func :km_dispute_overdue_count, :size_t, :km_dispute_overdue_list
  Lib.func :km_dispute_overdue_id, :uint64, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_status, :int, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_due_date, :string, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_days, :uint32, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_owed_by, :uint32, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_owing_count, :size_t, :km_dispute_overdue_list, :size_t
  Lib.func :km_dispute_overdue_owing, :uint64, :km_dispute_overdue_list, :size_t, :size_t
  Lib.func :km_dispute_overdue_free, :void, :pointer
  Lib.status :km_dispute_report_get, :pointer, :km_network, :pointer
  Lib.status :km_dispute_caseload, :pointer, :km_network, :pointer
  Lib.func :km_caseload_count, :size_t, :km_caseload
  Lib.func :km_caseload_mediator, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_assigned, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_open, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_in_mediation, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_settled, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_escalated, :uint64, :km_caseload, :size_t
  Lib.func :km_caseload_free, :void, :pointer
  Lib.func :km_dispute_status_label, :string, :int, :int
  Lib.func :km_dispute_category_label, :string, :int, :int
  Lib.func :km_dispute_severity_label, :string, :int, :int
  Lib.func :km_dispute_forum_label, :string, :int, :int
  Lib.func :km_dispute_role_label, :string, :uint32, :int
  Lib.func :km_conflict_label, :string, :int, :int

  # ---- enums ----
  # km_dispute_category
  DisputeCategory = EnumType.new(:dispute_category, { payment: 0, performance: 1, scope: 2, governance: 3, legal: 4,
                                                      other: 5 }, :km_dispute_category_label)
  # km_dispute_severity
  DisputeSeverity = EnumType.new(:dispute_severity, { low: 0, medium: 1, high: 2, critical: 3 },
                                                      :km_dispute_severity_label)
  # km_dispute_status
  DisputeStatus = EnumType.new(:dispute_status, { filed: 0, acknowledged: 1, negotiation: 2, mediation: 3,
                                                  settled: 4, escalated: 5, closed: 6, withdrawn: 7, dismissed: 8 },
                                                  :km_dispute_status_label)
  # km_dispute_forum
  DisputeForum = EnumType.new(:dispute_forum, { arbitration: 0, court: 1 }, :km_dispute_forum_label)
  # km_conflict
  DisputeConflict = EnumType.new(:conflict, { party_to_dispute: 0, inactive: 1, kind: 2, party_to_agreement: 3,
                                              related_agreement: 4 }, :km_conflict_label)

  # An immutable snapshot of a dispute (km_dispute).
  class Dispute < Record
    accessors id: [:km_dispute_id], agreement: [:km_dispute_agreement], claimant: [:km_dispute_claimant],
              respondent_count: [:km_dispute_respondent_count],
              category: [:km_dispute_category_of, Conv.enum(DisputeCategory)],
              severity: [:km_dispute_severity_of, Conv.enum(DisputeSeverity)],
              status: [:km_dispute_status_of, Conv.enum(DisputeStatus)],
              description: [:km_dispute_description, Conv::TEXT], relief: [:km_dispute_relief, Conv::TEXT],
              commitment_count: [:km_dispute_commitment_count], milestone_count: [:km_dispute_milestone_count],
              mediator: [:km_dispute_mediator], mediator_override: [:km_dispute_mediator_override, Conv::TEXT],
              forum: [:km_dispute_forum_of, Conv.enum(DisputeForum)],
              status_note: [:km_dispute_status_note, Conv::TEXT], status_time: [:km_dispute_status_time],
              filed: [:km_dispute_filed, Conv::TIME], updated: [:km_dispute_updated, Conv::TIME],
              filed_date: [:km_dispute_filed_date, Conv::DATE], stage_date: [:km_dispute_stage_date, Conv::DATE],
              due_date: [:km_dispute_due_date, Conv::DATE], outcome: [:km_dispute_outcome],
              resolved_date: [:km_dispute_resolved_date, Conv::DATE], settled_in: [:km_dispute_settled_in],
              settlement_terms: [:km_dispute_settlement_terms, Conv::TEXT],
              settlement_commitment_count: [:km_dispute_settlement_commitment_count],
              settlement_milestone_count: [:km_dispute_settlement_milestone_count],
              holds_suspension: [:km_dispute_holds_suspension]
  end

  # Dispute methods of Network (generic keyword forms).
  class Network
    # The dispute with id +id+ (NotFound otherwise).
    def dispute(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_dispute_get(out, @handle, Lib.id_of(id, 'dispute'))
      Dispute.new(Handle.new(:km_dispute, out.read_pointer, Lib.method(:km_dispute_free)))
    end

    # The disputes matching every filter (members of km_dispute_query by name), page by page.
    def disputes(limit: nil, page_size: nil, **filters)
      spec = { list: :km_dispute_list, count: nil, page_count: :km_dispute_page_count, page_get: :km_dispute_page_get,
               page_cursor: :km_dispute_page_cursor, page_free: :km_dispute_page_free, kind: :km_dispute,
               page_kind: :km_dispute_page, wrap: ->(h) { Dispute.new(h) } }
      builder = lambda do |arena|
        q = Records.fill(arena, Native::DisputeQuery.make, DISPUTE_QUERY_KINDS, 'query', filters)
        q[:limit] = page_size || 0
        q
      end
      Listing.new(self, builder, spec, limit: limit)
    end

    # km_dispute_file: keyword arguments are the members of km_dispute_fields by name.
    def file_dispute(**fields)
      arena = Lib::Arena.new
      f = Records.fill(arena, Native::DisputeFields.make, DISPUTE_FIELDS_KINDS, 'dispute', fields)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_dispute_file(out, @handle, f.pointer)
      dispute(out.read_uint64)
    end

    # ---- the moves (dispute.h): each returns the dispute as it now is ----

    # A respondent (+partner+) acknowledges receipt (km_dispute_acknowledge).
    def acknowledge_dispute(dispute, partner, note = nil)
      dispute_move(:km_dispute_acknowledge, dispute, Lib.id_of(partner, 'partner'), Lib.to_c(note, 'dispute.note'))
    end

    # A party consents to mediation (km_dispute_consent).
    def consent_dispute(dispute, partner, note = nil)
      dispute_move(:km_dispute_consent, dispute, Lib.id_of(partner, 'partner'), Lib.to_c(note, 'dispute.note'))
    end

    # Names the mediator (km_dispute_assign_mediator); an overridable
    # conflict of interest needs +override_justification+.
    def assign_mediator(dispute, partner, override_justification = nil)
      dispute_move(:km_dispute_assign_mediator, dispute, Lib.id_of(partner, 'partner'),
                   Lib.to_c(override_justification, 'dispute.mediator_override'))
    end

    # The moves with a note only: negotiate_dispute (opens direct
    # negotiation), mediate_dispute (starts mediation), close_dispute (a
    # settled dispute), withdraw_dispute (by the claimant), dismiss_dispute.
    %i[negotiate mediate close withdraw dismiss].each do |verb|
      define_method(:"#{verb}_dispute") do |dispute, note = nil|
        dispute_move(:"km_dispute_#{verb}", dispute, Lib.to_c(note, 'dispute.note'))
      end
    end

    # Records the settlement (km_dispute_settle): its terms, and the
    # commitments (ids or objects) and milestone numbers it covers.
    def settle_dispute(dispute, terms, commitments: [], milestones: [])
      arena = Lib::Arena.new
      s = Records.fill(arena, Native::DisputeSettlement.make, DISPUTE_SETTLEMENT_KINDS, 'settlement',
                       { terms: terms, commitment_ids: commitments.to_a, milestone_numbers: milestones.to_a })
      dispute_move(:km_dispute_settle, dispute, s.pointer)
    end

    # Escalates to arbitration or court (km_dispute_escalate).
    def escalate_dispute(dispute, forum, note = nil)
      dispute_move(:km_dispute_escalate, dispute, DisputeForum.to_i(forum, 'dispute.forum'),
                   Lib.to_c(note, 'dispute.note'))
    end

    private

    def dispute_move(fn, dispute, *args)
      id = Lib.id_of(dispute, 'dispute')
      Lib.send(fn, @handle, id, *args)
      dispute(id)
    end
  end
end
