# frozen_string_literal: true

# Resource commitments, tranches, the ledger, loans and totals (commitment.h).
#
#   c = net.create_commitment(agreement: a, provider: bank, recipient: pemda, kind: :loan, title: 'Pinjaman',
#                             amount: Kemitraan::Money.parse('1200000', 'IDR'), loan_rate_bp: 600,
#                             loan_term_months: 24, loan_start_date: '2026-01-01')
#   net.commit_commitment(c, '2026-01-05')
#   net.record_ledger(c, :disbursement, Kemitraan::Money.parse('600000', 'IDR'), '2026-02-01')
#   net.loan_schedule(c).each { |row| puts "#{row.due_date} #{row.payment}" }
module Kemitraan
  %i[km_commitment km_commitment_page km_commitment_steps km_ledger km_schedule km_totals km_tranches].each { |k| HandleType.define(k) }

  # ---- structs (mirrored in tests/bindings/struct_layout.c) ----
  module Native
    # Exchange-rate hook of km_totals_query.
    Lib.callback :km_rate_fn, %i[pointer string string string pointer pointer], :int

    class CommitmentFields < Versioned
      layout :version, :uint, :agreement_id, :uint64, :provider_id, :uint64, :recipient_id, :uint64, :kind, :int,
             :title, :pointer, :amount, :int64, :currency, :pointer, :unit, :pointer, :valuation, :int64,
             :valuation_currency, :pointer, :loan_rate_bp, :uint32, :loan_term_months, :uint32, :loan_grace_months,
             :uint32, :loan_method, :int, :loan_start_date, :pointer
    end
    mirror 'km_commitment_fields', CommitmentFields, 1

    class CommitmentQuery < Versioned
      layout :version, :uint, :agreement_id, :uint64, :provider_id, :uint64, :recipient_id, :uint64, :framework_id,
             :uint64, :kind, :int, :status, :int, :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_commitment_query', CommitmentQuery, 1, kind: -1, status: -1

    class TrancheFields < Versioned
      layout :version, :uint, :planned_date, :pointer, :amount, :int64, :note, :pointer
    end
    mirror 'km_tranche_fields', TrancheFields, 1

    class LedgerFields < Versioned
      layout :version, :uint, :type, :int, :amount, :int64, :currency, :pointer, :value_date, :pointer, :tranche,
             :uint32, :note, :pointer
    end
    mirror 'km_ledger_fields', LedgerFields, 1

    class LoanTerms < Versioned
      layout :version, :uint, :principal, :int64, :currency, :pointer, :rate_bp, :uint32, :term_months, :uint32,
             :grace_months, :uint32, :method, :int, :start_date, :pointer
    end
    mirror 'km_loan_terms', LoanTerms, 1

    class LoanPosition < Versioned
      layout :version, :uint, :disbursed, :int64, :principal_repaid, :int64, :outstanding, :int64,
             :scheduled_balance, :int64, :principal_due, :int64, :interest_due, :int64, :interest_paid, :int64,
             :principal_arrears, :int64, :interest_arrears, :int64, :instalments_due, :uint32
    end
    mirror 'km_loan_position', LoanPosition, 1

    class TotalsQuery < Versioned
      layout :version, :uint, :commitment_id, :uint64, :agreement_id, :uint64, :provider_id, :uint64, :recipient_id,
             :uint64, :framework_id, :uint64, :kind, :int, :status, :int, :group_by, :int, :as_of_date, :pointer,
             :currency, :pointer, :rate, :km_rate_fn, :rate_payload, :pointer, :value_quantities, :int
    end
    mirror 'km_totals_query', TotalsQuery, 1, kind: -1, status: -1

    class DisbursementDelay < Versioned
      layout :version, :uint, :tranches_due, :uint64, :tranches_met, :uint64, :delay_days_total, :int64,
             :delay_days_average, :int64, :delay_days_max, :int64, :tranches_overdue, :uint64, :overdue_days_max,
             :int64
    end
    mirror 'km_disbursement_delay', DisbursementDelay, 1

  end

  # ---- functions ----
  Lib.status :km_commitment_create, :pointer, :km_network, :pointer
  Lib.status :km_commitment_transition, :km_network, :uint64, :int, :string
  Lib.status :km_commitment_commit, :km_network, :uint64, :string, :string
  Lib.status :km_commitment_cancel, :km_network, :uint64, :string
  Lib.status :km_commitment_close, :km_network, :uint64, :string
  Lib.status :km_commitment_get, :pointer, :km_network, :uint64
  Lib.func :km_commitment_free, :void, :pointer
  Lib.func :km_commitment_id, :uint64, :km_commitment
  Lib.func :km_commitment_agreement_id, :uint64, :km_commitment
  Lib.func :km_commitment_provider_id, :uint64, :km_commitment
  Lib.func :km_commitment_recipient_id, :uint64, :km_commitment
  Lib.func :km_commitment_kind_of, :int, :km_commitment
  Lib.func :km_commitment_title, :string, :km_commitment
  Lib.func :km_commitment_status_of, :int, :km_commitment
  Lib.func :km_commitment_status_reason, :string, :km_commitment
  Lib.func :km_commitment_is_money, :int, :km_commitment
  Lib.func :km_commitment_amount, :int64, :km_commitment
  Lib.func :km_commitment_currency, :string, :km_commitment
  Lib.func :km_commitment_unit, :string, :km_commitment
  Lib.func :km_commitment_valuation, :int64, :km_commitment
  Lib.func :km_commitment_valuation_currency, :string, :km_commitment
  Lib.func :km_commitment_loan_rate_bp, :uint32, :km_commitment
  Lib.func :km_commitment_loan_term_months, :uint32, :km_commitment
  Lib.func :km_commitment_loan_grace_months, :uint32, :km_commitment
  Lib.func :km_commitment_loan_method, :int, :km_commitment
  Lib.func :km_commitment_loan_start_date, :string, :km_commitment
  Lib.func :km_commitment_created, :int64, :km_commitment
  Lib.func :km_commitment_updated, :int64, :km_commitment
  Lib.func :km_commitment_figure, :int64, :km_commitment, :int
  Lib.status :km_commitment_list, :pointer, :km_network, :pointer
  Lib.status :km_commitment_count, :pointer, :km_network, :pointer
  Lib.func :km_commitment_page_count, :size_t, :km_commitment_page
  Lib.func :km_commitment_page_get, :pointer, :km_commitment_page, :size_t
  Lib.func :km_commitment_page_cursor, :string, :km_commitment_page
  Lib.func :km_commitment_page_free, :void, :pointer
  Lib.status :km_commitment_history, :pointer, :km_network, :uint64
  Lib.func :km_commitment_steps_count, :size_t, :km_commitment_steps
  Lib.func :km_commitment_steps_from, :int, :km_commitment_steps, :size_t
  Lib.func :km_commitment_steps_to, :int, :km_commitment_steps, :size_t
  Lib.func :km_commitment_steps_time, :int64, :km_commitment_steps, :size_t
  Lib.func :km_commitment_steps_reason, :string, :km_commitment_steps, :size_t
  Lib.func :km_commitment_steps_transaction, :uint64, :km_commitment_steps, :size_t
  Lib.func :km_commitment_steps_free, :void, :pointer
  Lib.status :km_tranche_add, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_tranche_update, :km_network, :uint64, :uint32, :pointer, :string
  Lib.status :km_tranche_cancel, :km_network, :uint64, :uint32, :string
  Lib.status :km_tranche_list, :pointer, :km_network, :uint64, :string
  Lib.status :km_tranche_overdue, :pointer, :km_network, :uint64, :string
  Lib.func :km_tranches_count, :size_t, :km_tranches
  Lib.func :km_tranches_commitment, :uint64, :km_tranches, :size_t
  Lib.func :km_tranches_number, :uint32, :km_tranches, :size_t
  Lib.func :km_tranches_planned_date, :string, :km_tranches, :size_t
  Lib.func :km_tranches_amount, :int64, :km_tranches, :size_t
  Lib.func :km_tranches_status, :int, :km_tranches, :size_t
  Lib.func :km_tranches_note, :string, :km_tranches, :size_t
  Lib.func :km_tranches_reason, :string, :km_tranches, :size_t
  Lib.func :km_tranches_disbursed, :int64, :km_tranches, :size_t
  Lib.func :km_tranches_met_date, :string, :km_tranches, :size_t
  Lib.func :km_tranches_days_overdue, :int64, :km_tranches, :size_t
  Lib.func :km_tranches_free, :void, :pointer
  Lib.status :km_ledger_record, :pointer, :km_network, :uint64, :pointer
  Lib.status :km_ledger_reverse, :pointer, :km_network, :uint64, :string
  Lib.status :km_ledger_list, :pointer, :km_network, :uint64
  Lib.status :km_ledger_get, :pointer, :km_network, :uint64
  Lib.status :km_ledger_unscheduled, :pointer, :km_network, :uint64, :string
  Lib.func :km_ledger_count, :size_t, :km_ledger
  Lib.func :km_ledger_id, :uint64, :km_ledger, :size_t
  Lib.func :km_ledger_commitment, :uint64, :km_ledger, :size_t
  Lib.func :km_ledger_type_of, :int, :km_ledger, :size_t
  Lib.func :km_ledger_amount, :int64, :km_ledger, :size_t
  Lib.func :km_ledger_unit, :string, :km_ledger, :size_t
  Lib.func :km_ledger_value_date, :string, :km_ledger, :size_t
  Lib.func :km_ledger_tranche, :uint32, :km_ledger, :size_t
  Lib.func :km_ledger_reverses, :uint64, :km_ledger, :size_t
  Lib.func :km_ledger_reversed_by, :uint64, :km_ledger, :size_t
  Lib.func :km_ledger_time, :int64, :km_ledger, :size_t
  Lib.func :km_ledger_note, :string, :km_ledger, :size_t
  Lib.func :km_ledger_free, :void, :pointer
  Lib.status :km_loan_schedule, :pointer, :km_network, :uint64
  Lib.status :km_loan_schedule_compute, :pointer, :pointer, :pointer
  Lib.func :km_schedule_count, :size_t, :km_schedule
  Lib.func :km_schedule_due_date, :string, :km_schedule, :size_t
  Lib.func :km_schedule_principal, :int64, :km_schedule, :size_t
  Lib.func :km_schedule_interest, :int64, :km_schedule, :size_t
  Lib.func :km_schedule_payment, :int64, :km_schedule, :size_t
  Lib.func :km_schedule_balance, :int64, :km_schedule, :size_t
  Lib.func :km_schedule_total_interest, :int64, :km_schedule
  Lib.func :km_schedule_regular_payment, :int64, :km_schedule
  Lib.func :km_schedule_free, :void, :pointer
  Lib.status :km_loan_position_get, :pointer, :km_network, :uint64, :string
  Lib.status :km_commitment_totals, :pointer, :km_network, :pointer
  Lib.func :km_totals_count, :size_t, :km_totals
  Lib.func :km_totals_group, :uint64, :km_totals, :size_t
  Lib.func :km_totals_unit, :string, :km_totals, :size_t
  Lib.func :km_totals_is_money, :int, :km_totals, :size_t
  Lib.func :km_totals_commitments, :uint64, :km_totals, :size_t
  Lib.func :km_totals_figure, :int64, :km_totals, :size_t, :int
  Lib.func :km_totals_absorption, :int64, :km_totals, :size_t, :pointer, :pointer
  Lib.func :km_totals_rate_count, :size_t, :km_totals
  Lib.status :km_totals_rate, :km_totals, :size_t, :pointer, :pointer, :pointer
  Lib.func :km_totals_rate_date, :string, :km_totals
  Lib.func :km_totals_free, :void, :pointer
  Lib.status :km_disbursement_delay_get, :pointer, :km_network, :uint64, :string
  Lib.func :km_commitment_kind_label, :string, :int, :int
  Lib.func :km_commitment_kind_iati_finance_type, :int, :int
  Lib.func :km_commitment_kind_iati_aid_type, :string, :int
  Lib.func :km_commitment_status_label, :string, :int, :int
  Lib.func :km_ledger_type_label, :string, :int, :int
  Lib.func :km_ledger_type_iati, :int, :int
  Lib.func :km_ledger_type_iati_incoming, :int, :int
  Lib.func :km_loan_method_label, :string, :int, :int
  Lib.func :km_tranche_status_label, :string, :int, :int
  Lib.func :km_figure_label, :string, :int, :int
  Lib.func :km_group_label, :string, :int, :int

  # ---- enums ----
  # km_commitment_kind
  CommitmentKind = EnumType.new(:commitment_kind, { grant: 0, loan: 1, technical_assistance: 2,
                                                    administrative_support: 3, in_kind: 4, equity: 5, guarantee: 6,
                                                    viability_gap_funding: 7, tax_incentive: 8 },
                                                    :km_commitment_kind_label)
  # km_commitment_status
  CommitmentStatus = EnumType.new(:commitment_status, { pledged: 0, committed: 1, disbursing: 2, fully_disbursed: 3,
                                                        closed: 4, cancelled: 5 }, :km_commitment_status_label)
  # km_ledger_type
  LedgerType = EnumType.new(:ledger_type, { pledge: 0, commitment: 1, disbursement: 2, expenditure: 3,
                                            loan_repayment: 4, interest_payment: 5, reimbursement: 6 },
                                            :km_ledger_type_label)
  # km_loan_method
  LoanMethod = EnumType.new(:loan_method, { annuity: 0, straight_line: 1 }, :km_loan_method_label)
  # km_tranche_status
  TrancheStatus = EnumType.new(:tranche_status, { planned: 0, cancelled: 1 }, :km_tranche_status_label)
  # km_figure
  Figure = EnumType.new(:figure, { pledged: 0, committed: 1, disbursed: 2, reimbursed: 3, expenditure: 4, repaid: 5,
                                   interest: 6, remaining: 7, outstanding: 8 }, :km_figure_label)
  # km_group
  Group = EnumType.new(:group, { none: 0, commitment: 1, agreement: 2, provider: 3, recipient: 4, kind: 5,
                                 framework: 6, status: 7 }, :km_group_label)

  # IATI FinanceType code of a commitment kind (0 when none).
  def CommitmentKind.iati_finance_type(kind)
    Lib.km_commitment_kind_iati_finance_type(to_i(kind))
  end

  # IATI AidType code of a commitment kind, or nil.
  def CommitmentKind.iati_aid_type(kind)
    Lib.from_c(Lib.km_commitment_kind_iati_aid_type(to_i(kind)))
  end

  # IATI TransactionType code of a ledger type (outgoing / incoming).
  def LedgerType.iati(type, incoming: false)
    incoming ? Lib.km_ledger_type_iati_incoming(to_i(type)) : Lib.km_ledger_type_iati(to_i(type))
  end

  # An immutable snapshot of a commitment (km_commitment).
  class Commitment < Record
    accessors id: [:km_commitment_id], agreement_id: [:km_commitment_agreement_id],
              provider_id: [:km_commitment_provider_id], recipient_id: [:km_commitment_recipient_id],
              kind: [:km_commitment_kind_of, Conv.enum(CommitmentKind)], title: [:km_commitment_title, Conv::TEXT],
              status: [:km_commitment_status_of, Conv.enum(CommitmentStatus)],
              status_reason: [:km_commitment_status_reason, Conv::TEXT],
              money?: [:km_commitment_is_money, Conv::FLAG], amount: [:km_commitment_amount],
              currency: [:km_commitment_currency, Conv::TEXT], unit: [:km_commitment_unit, Conv::TEXT],
              valuation: [:km_commitment_valuation],
              valuation_currency: [:km_commitment_valuation_currency, Conv::TEXT],
              loan_rate_bp: [:km_commitment_loan_rate_bp], loan_term_months: [:km_commitment_loan_term_months],
              loan_grace_months: [:km_commitment_loan_grace_months],
              loan_method: [:km_commitment_loan_method, Conv.enum(LoanMethod)],
              loan_start_date: [:km_commitment_loan_start_date, Conv::DATE],
              created: [:km_commitment_created, Conv::TIME], updated: [:km_commitment_updated, Conv::TIME]

    # The amount as Money (nil for a quantity).
    def money
      money? ? Money.new(amount, currency) : nil
    end

    # A ledger figure (a Figure symbol) in the commitment's measure.
    def figure(figure)
      Lib.km_commitment_figure(@handle, Figure.to_i(figure, 'figure'))
    end

    # Every figure: Hash Symbol => amount.
    def figures
      Figure.symbols.to_h { |f| [f, figure(f)] }
    end

    def inspect
      return '#<Kemitraan::Commitment closed>' if @handle.closed?

      "#<Kemitraan::Commitment #{id} #{kind} #{status} #{title.inspect}>"
    end
  end

  StepRow = Struct.new(:from_status, :to_status, :time, :reason, :transaction)
  TrancheRow = Struct.new(:commitment, :number, :planned_date, :amount, :status, :note, :reason, :disbursed,
                          :met_date, :days_overdue)
  LedgerRow = Struct.new(:id, :commitment, :type, :amount, :unit, :value_date, :tranche, :reverses, :reversed_by,
                         :time, :note)
  ScheduleRow = Struct.new(:due_date, :principal, :interest, :payment, :balance)
  TotalsRow = Struct.new(:group, :unit, :money, :commitments, :figures, :absorption_bp, :absorption)
  Rate = Struct.new(:currency, :num, :den)
  LoanPosition = Struct.new(*Native::LoanPosition.members.drop(1))
  DisbursementDelay = Struct.new(*Native::DisbursementDelay.members.drop(1))

  STEP_COLUMNS = { from_status: [:km_commitment_steps_from, Conv.enum(CommitmentStatus)],
                   to_status: [:km_commitment_steps_to, Conv.enum(CommitmentStatus)],
                   time: [:km_commitment_steps_time, Conv::TIME], reason: [:km_commitment_steps_reason, Conv::TEXT],
                   transaction: [:km_commitment_steps_transaction] }.freeze
  TRANCHE_COLUMNS = { commitment: [:km_tranches_commitment], number: [:km_tranches_number],
                      planned_date: [:km_tranches_planned_date, Conv::DATE], amount: [:km_tranches_amount],
                      status: [:km_tranches_status, Conv.enum(TrancheStatus)], note: [:km_tranches_note, Conv::TEXT],
                      reason: [:km_tranches_reason, Conv::TEXT], disbursed: [:km_tranches_disbursed],
                      met_date: [:km_tranches_met_date, Conv::DATE],
                      days_overdue: [:km_tranches_days_overdue] }.freeze
  LEDGER_COLUMNS = { id: [:km_ledger_id], commitment: [:km_ledger_commitment],
                     type: [:km_ledger_type_of, Conv.enum(LedgerType)], amount: [:km_ledger_amount],
                     unit: [:km_ledger_unit, Conv::TEXT], value_date: [:km_ledger_value_date, Conv::DATE],
                     tranche: [:km_ledger_tranche], reverses: [:km_ledger_reverses],
                     reversed_by: [:km_ledger_reversed_by], time: [:km_ledger_time, Conv::TIME],
                     note: [:km_ledger_note, Conv::TEXT] }.freeze
  SCHEDULE_COLUMNS = { due_date: [:km_schedule_due_date, Conv::DATE], principal: [:km_schedule_principal],
                       interest: [:km_schedule_interest], payment: [:km_schedule_payment],
                       balance: [:km_schedule_balance] }.freeze
  SCHEDULE_EXTRAS = { total_interest: [:km_schedule_total_interest],
                      regular_payment: [:km_schedule_regular_payment] }.freeze

  # A loan schedule from terms alone (km_loan_schedule_compute), without a network.
  def self.compute_loan_schedule(principal:, rate_bp:, term_months:, start_date:, grace_months: 0, method: :annuity)
    arena = Lib::Arena.new
    t = Native::LoanTerms.make(principal: principal.minor, currency: arena.str(principal.currency, 'terms.currency'),
                               rate_bp: rate_bp, term_months: term_months, grace_months: grace_months,
                               method: LoanMethod.to_i(method, 'terms.method'),
                               start_date: arena.str(Lib.to_date(start_date), 'terms.start_date'))
    out = FFI::MemoryPointer.new(:pointer)
    Lib.km_loan_schedule_compute(out, t.pointer, nil)
    Rows.read(ScheduleRow, :km_schedule, out.read_pointer, :km_schedule_free, :km_schedule_count, SCHEDULE_COLUMNS,
              SCHEDULE_EXTRAS)
  end

  # Commitment, tranche, ledger, loan and totals methods of Network.
  class Network
    COMMITMENT_LISTING = { list: :km_commitment_list, count: :km_commitment_count,
                           page_count: :km_commitment_page_count, page_get: :km_commitment_page_get,
                           page_cursor: :km_commitment_page_cursor, page_free: :km_commitment_page_free,
                           kind: :km_commitment, page_kind: :km_commitment_page,
                           wrap: ->(h) { Commitment.new(h) } }.freeze

    # Records a pledged commitment and returns it. amount: Money, or an
    # Integer with unit: for a quantity (valuation: Money); loans take
    # loan_rate_bp:, loan_term_months:, loan_grace_months:, loan_method:, loan_start_date:.
    def create_commitment(agreement:, provider:, recipient:, kind:, title:, amount:, unit: nil, valuation: nil,
                          loan_rate_bp: 0, loan_term_months: 0, loan_grace_months: 0, loan_method: :annuity,
                          loan_start_date: nil)
      arena = Lib::Arena.new
      minor, cur = km_amount(amount, 'commitment.amount')
      f = Native::CommitmentFields.make(
        agreement_id: Lib.id_of(agreement, 'commitment.agreement_id'),
        provider_id: Lib.id_of(provider, 'commitment.provider_id'),
        recipient_id: Lib.id_of(recipient, 'commitment.recipient_id'),
        kind: CommitmentKind.to_i(kind, 'commitment.kind'), title: arena.str(title, 'commitment.title'),
        amount: minor, currency: arena.str(cur, 'commitment.currency'), unit: arena.str(unit, 'commitment.unit'),
        loan_rate_bp: loan_rate_bp, loan_term_months: loan_term_months, loan_grace_months: loan_grace_months,
        loan_method: LoanMethod.to_i(loan_method, 'commitment.loan_method'),
        loan_start_date: arena.str(Lib.to_date(loan_start_date), 'commitment.loan_start_date')
      )
      if valuation
        f[:valuation] = valuation.minor
        f[:valuation_currency] = arena.str(valuation.currency, 'commitment.valuation_currency')
      end
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_commitment_create(out, @handle, f.pointer)
      commitment(out.read_uint64)
    end

    # The commitment with id +id+ (NotFound otherwise).
    def commitment(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_commitment_get(out, @handle, Lib.id_of(id, 'commitment'))
      Commitment.new(Handle.new(:km_commitment, out.read_pointer, Lib.method(:km_commitment_free)))
    end

    def transition_commitment(commitment, status, reason = nil)
      id = Lib.id_of(commitment, 'commitment')
      Lib.km_commitment_transition(@handle, id, CommitmentStatus.to_i(status, 'commitment.status'),
                                   Lib.to_c(reason, 'commitment.reason'))
      commitment(id)
    end

    # Makes a pledge binding (records the commitment transaction).
    def commit_commitment(commitment, value_date, reason = nil)
      id = Lib.id_of(commitment, 'commitment')
      Lib.km_commitment_commit(@handle, id, Lib.to_date(value_date, 'commitment.value_date'),
                               Lib.to_c(reason, 'commitment.reason'))
      commitment(id)
    end

    def cancel_commitment(commitment, reason)
      id = Lib.id_of(commitment, 'commitment')
      Lib.km_commitment_cancel(@handle, id, Lib.to_c(reason, 'commitment.reason'))
      commitment(id)
    end

    def close_commitment(commitment, reason = nil)
      id = Lib.id_of(commitment, 'commitment')
      Lib.km_commitment_close(@handle, id, Lib.to_c(reason, 'commitment.reason'))
      commitment(id)
    end

    # The commitments matching every filter (agreement:, provider:,
    # recipient:, framework:, kind:, status:, page_size:), in id order
    # (Enumerable; #count asks the library).
    def commitments(limit: nil, **filters)
      Listing.new(self, ->(arena) { commitment_query(arena, **filters) }, COMMITMENT_LISTING, limit: limit)
    end

    def count_commitments(**filters)
      commitments(**filters).count
    end

    # Status steps of a commitment (Rows of StepRow), oldest first.
    def commitment_history(commitment)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_commitment_history(out, @handle, Lib.id_of(commitment, 'commitment'))
      Rows.read(StepRow, :km_commitment_steps, out.read_pointer, :km_commitment_steps_free,
                :km_commitment_steps_count, STEP_COLUMNS)
    end

    # Plans a tranche; returns its number.
    def add_tranche(commitment, planned_date, amount, note: nil)
      arena = Lib::Arena.new
      f = tranche_fields(arena, planned_date, amount, note)
      out = FFI::MemoryPointer.new(:uint32)
      Lib.km_tranche_add(out, @handle, Lib.id_of(commitment, 'commitment'), f.pointer)
      out.read_uint32
    end

    def update_tranche(commitment, number, planned_date, amount, note: nil, reason: nil)
      arena = Lib::Arena.new
      f = tranche_fields(arena, planned_date, amount, note)
      Lib.km_tranche_update(@handle, Lib.id_of(commitment, 'commitment'), number, f.pointer,
                            Lib.to_c(reason, 'tranche.reason'))
      nil
    end

    def cancel_tranche(commitment, number, reason)
      Lib.km_tranche_cancel(@handle, Lib.id_of(commitment, 'commitment'), number, Lib.to_c(reason, 'tranche.reason'))
      nil
    end

    # The tranches of a commitment (Rows of TrancheRow), met or not as of a date.
    def tranches(commitment, as_of: nil)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_tranche_list(out, @handle, Lib.id_of(commitment, 'commitment'), Lib.to_date(as_of))
      Rows.read(TrancheRow, :km_tranches, out.read_pointer, :km_tranches_free, :km_tranches_count, TRANCHE_COLUMNS)
    end

    # Planned tranches not met by their date (one agreement, or all with nil).
    def overdue_tranches(agreement = nil, as_of: nil)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_tranche_overdue(out, @handle, agreement ? Lib.id_of(agreement, 'agreement') : 0, Lib.to_date(as_of))
      Rows.read(TrancheRow, :km_tranches, out.read_pointer, :km_tranches_free, :km_tranches_count, TRANCHE_COLUMNS)
    end

    # Appends a ledger entry (amount Money, or an Integer for quantities); returns its id.
    def record_ledger(commitment, type, amount, value_date, tranche: 0, note: nil)
      arena = Lib::Arena.new
      minor, cur = km_amount(amount, 'ledger.amount')
      f = Native::LedgerFields.make(type: LedgerType.to_i(type, 'ledger.type'), amount: minor,
                                    currency: arena.str(cur, 'ledger.currency'),
                                    value_date: arena.str(Lib.to_date(value_date), 'ledger.value_date'),
                                    tranche: tranche, note: arena.str(note, 'ledger.note'))
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_ledger_record(out, @handle, Lib.id_of(commitment, 'commitment'), f.pointer)
      out.read_uint64
    end

    # Reverses a ledger entry; returns the reversing entry's id.
    def reverse_ledger(entry, reason)
      out = FFI::MemoryPointer.new(:uint64)
      Lib.km_ledger_reverse(out, @handle, Lib.id_of(entry, 'ledger'), Lib.to_c(reason, 'ledger.reason'))
      out.read_uint64
    end

    # Every ledger entry of a commitment (Rows of LedgerRow).
    def ledger(commitment)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_ledger_list(out, @handle, Lib.id_of(commitment, 'commitment'))
      Rows.read(LedgerRow, :km_ledger, out.read_pointer, :km_ledger_free, :km_ledger_count, LEDGER_COLUMNS)
    end

    # One ledger entry (a LedgerRow).
    def ledger_entry(id)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_ledger_get(out, @handle, Lib.id_of(id, 'ledger'))
      Rows.read(LedgerRow, :km_ledger, out.read_pointer, :km_ledger_free, :km_ledger_count, LEDGER_COLUMNS)[0]
    end

    def unscheduled_disbursements(agreement = nil, as_of: nil)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_ledger_unscheduled(out, @handle, agreement ? Lib.id_of(agreement, 'agreement') : 0, Lib.to_date(as_of))
      Rows.read(LedgerRow, :km_ledger, out.read_pointer, :km_ledger_free, :km_ledger_count, LEDGER_COLUMNS)
    end

    # The repayment schedule of a loan (Rows of ScheduleRow; total_interest, regular_payment).
    def loan_schedule(commitment)
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_loan_schedule(out, @handle, Lib.id_of(commitment, 'commitment'))
      Rows.read(ScheduleRow, :km_schedule, out.read_pointer, :km_schedule_free, :km_schedule_count, SCHEDULE_COLUMNS,
                SCHEDULE_EXTRAS)
    end

    # A loan's position on a date (a LoanPosition Struct).
    def loan_position(commitment, as_of: nil)
      pos = Native::LoanPosition.make
      Lib.km_loan_position_get(pos.pointer, @handle, Lib.id_of(commitment, 'commitment'), Lib.to_date(as_of))
      LoanPosition.new(*LoanPosition.members.map { |m| pos[m] })
    end

    # Disbursement delay of an agreement's commitments (a DisbursementDelay Struct).
    def disbursement_delay(agreement, as_of: nil)
      d = Native::DisbursementDelay.make
      Lib.km_disbursement_delay_get(d.pointer, @handle, Lib.id_of(agreement, 'agreement'), Lib.to_date(as_of))
      DisbursementDelay.new(*DisbursementDelay.members.map { |m| d[m] })
    end

    # Totals: an Array of TotalsRow (figures a Hash Symbol => amount) with
    # #rates and #rate_date. A block given becomes the exchange-rate hook:
    # |from, to, date| -> [num, den] or nil.
    def commitment_totals(commitment: nil, agreement: nil, provider: nil, recipient: nil, framework: nil, kind: nil,
                          status: nil, group_by: :none, as_of: nil, currency: nil, value_quantities: false, &rate)
      arena = Lib::Arena.new
      q = Native::TotalsQuery.make(group_by: Group.to_i(group_by, 'query.group_by'),
                                   value_quantities: value_quantities ? 1 : 0)
      { commitment_id: commitment, agreement_id: agreement, provider_id: provider, recipient_id: recipient,
        framework_id: framework }.each { |k, v| q[k] = Lib.id_of(v, "query.#{k}") if v }
      q[:kind] = CommitmentKind.to_i(kind, 'query.kind') if kind
      q[:status] = CommitmentStatus.to_i(status, 'query.status') if status
      q[:as_of_date] = arena.str(Lib.to_date(as_of), 'query.as_of_date')
      q[:currency] = arena.str(currency, 'query.currency')
      hook = nil
      if rate
        hook = FFI::Function.new(:int, %i[pointer string string string pointer pointer]) do |_p, src, dst, day, num, den|
          got = rate.call(Lib.from_c(src), Lib.from_c(dst), Lib.from_date(day))
          next -1 if got.nil?

          num.write_int64(Integer(got[0]))
          den.write_int64(Integer(got[1]))
          0
        rescue Exception => e # rubocop:disable Lint/RescueException -- never unwind through C
          Lib.pending = e
          -1
        end
        q[:rate] = hook
      end
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_commitment_totals(out, @handle, q.pointer)
      read_totals(Handle.new(:km_totals, out.read_pointer, Lib.method(:km_totals_free)))
    end

    private

    def km_amount(amount, field)
      case amount
      when Money then [amount.minor, amount.currency]
      when Integer then [amount, nil]
      else raise TypeError, "#{field}: expected Money or an Integer (units), got #{amount.class}"
      end
    end

    def tranche_fields(arena, planned_date, amount, note)
      Native::TrancheFields.make(planned_date: arena.str(Lib.to_date(planned_date), 'tranche.planned_date'),
                                 amount: km_amount(amount, 'tranche.amount')[0], note: arena.str(note, 'tranche.note'))
    end

    def commitment_query(_arena, agreement: nil, provider: nil, recipient: nil, framework: nil, kind: nil,
                         status: nil, page_size: nil)
      q = Native::CommitmentQuery.make
      { agreement_id: agreement, provider_id: provider, recipient_id: recipient,
        framework_id: framework }.each { |k, v| q[k] = Lib.id_of(v, "query.#{k}") if v }
      q[:kind] = CommitmentKind.to_i(kind, 'query.kind') if kind
      q[:status] = CommitmentStatus.to_i(status, 'query.status') if status
      q[:limit] = page_size || 0
      q
    end

    def read_totals(handle)
      rows = Array.new(Lib.km_totals_count(handle)) do |i|
        num = FFI::MemoryPointer.new(:int64)
        den = FFI::MemoryPointer.new(:int64)
        bp = Lib.km_totals_absorption(handle, i, num, den)
        TotalsRow.new(Lib.km_totals_group(handle, i), Lib.from_c(Lib.km_totals_unit(handle, i)),
                      Lib.km_totals_is_money(handle, i) != 0, Lib.km_totals_commitments(handle, i),
                      Figure.symbols.to_h { |f| [f, Lib.km_totals_figure(handle, i, Figure.to_i(f))] },
                      bp.negative? ? nil : bp, [num.read_int64, den.read_int64]).freeze
      end
      rates = Array.new(Lib.km_totals_rate_count(handle)) do |i|
        from = FFI::MemoryPointer.new(:pointer)
        num = FFI::MemoryPointer.new(:int64)
        den = FFI::MemoryPointer.new(:int64)
        Lib.km_totals_rate(handle, i, from, num, den)
        Rate.new(Lib.from_c(from.read_pointer.read_string), num.read_int64, den.read_int64).freeze
      end
      Rows.new(rows, rates: rates.freeze, rate_date: Lib.from_date(Lib.km_totals_rate_date(handle)))
    ensure
      handle.close
    end
  end
end
