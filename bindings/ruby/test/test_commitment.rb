# frozen_string_literal: true

require_relative 'support'

# Commitments: lifecycle, tranches, the ledger with reversals, loans and
# their schedules and positions, totals with an exchange-rate hook, typed errors.
class TestCommitment < KmTest::Test
  def setup
    super
    @pemda = @net.create_partner(name: 'Pemkot Bandung', external_id: 'ID-KEMENDAGRI-32.73', kind: :regional_government)
    @bank = @net.create_partner(name: 'Bank Pembangunan', external_id: 'ID-NIB-8120000111', kind: :state_enterprise)
    @agreement = @net.create_agreement(title: 'Air minum Bandung', reference: 'PKS/010/2025', type: :ppp,
                                       start_date: '2025-04-01', end_date: '2035-03-31',
                                       parties: [[@pemda, [:public_authority]], [@bank, [:funding]]])
  end

  def idr(text) = Kemitraan::Money.parse(text, 'IDR')

  def grant(amount = '1000000', **extra)
    @net.create_commitment(agreement: @agreement, provider: @bank, recipient: @pemda, kind: :grant,
                           title: 'Hibah air minum', amount: idr(amount), **extra)
  end

  def test_create_read_and_list
    c = grant
    assert_equal :grant, c.kind
    assert_equal :pledged, c.status
    assert_equal idr('1000000'), c.money
    assert_equal [@agreement.id, @bank.id, @pemda.id], [c.agreement_id, c.provider_id, c.recipient_id]
    assert_kind_of Time, c.created
    assert_equal c, @net.commitment(c.id)
    4.times { |i| grant((1000 + i).to_s) }
    ids = @net.commitments(page_size: 2).map(&:id)
    assert_equal 5, ids.size
    assert_equal ids.sort, ids
    assert_equal 5, @net.count_commitments(agreement: @agreement)
    assert_equal 5, @net.commitments.count
    assert_equal 3, @net.commitments(limit: 3, page_size: 2).to_a.size
    assert_equal 0, @net.count_commitments(status: :committed)
    assert_equal 110, Kemitraan::CommitmentKind.iati_finance_type(:grant)
    refute_empty Kemitraan::CommitmentStatus.label(:pledged, :id)
    assert_equal "per perjanjian", Kemitraan::Group.label(:agreement, :id)
    assert_equal "bipartite partner-agreement graph", Kemitraan::ViewKind.label(:bipartite, :en)
  end

  def test_tranches_ledger_reversal_and_figures
    c = @net.commit_commitment(grant, '2025-04-10')
    assert_equal :committed, c.status
    assert_equal 1, @net.add_tranche(c, Date.new(2025, 5, 1), idr('400000'), note: 'Tahap 1')
    assert_equal 2, @net.add_tranche(c, '2025-08-01', idr('600000'))
    tx = @net.record_ledger(c, :disbursement, idr('400000'), '2025-05-03', tranche: 1)
    c = @net.commitment(c)
    assert_equal :disbursing, c.status
    assert_equal idr('400000').minor, c.figure(:disbursed)
    assert_equal idr('600000').minor, c.figures[:remaining]
    tranches = @net.tranches(c, as_of: '2025-09-01')
    assert_equal 2, tranches.size
    assert_equal Date.new(2025, 5, 3), tranches[0].met_date
    assert_equal 'Tahap 1', tranches[0].note
    assert_nil tranches[1].met_date
    overdue = @net.overdue_tranches(@agreement, as_of: '2025-09-01')
    assert_equal [[c.id, 2]], overdue.map { |t| [t.commitment, t.number] }
    rev = @net.reverse_ledger(tx, 'salah rekening')
    assert_includes @net.ledger(c).map(&:type), :disbursement
    assert_equal rev, @net.ledger_entry(tx).reversed_by
    assert_equal tx, @net.ledger_entry(rev).reverses
    assert_equal 0, @net.commitment(c).figure(:disbursed)
    history = @net.commitment_history(c)
    assert_equal :pledged, history[0].to_status
    assert_includes history.map(&:to_status), :committed
    assert_operator @net.disbursement_delay(@agreement, as_of: '2025-09-01').tranches_due, :>=, 1
  end

  def test_totals_with_rate_hook
    c = grant
    @net.commit_commitment(c, '2025-04-10')
    usd = @net.create_commitment(agreement: @agreement, provider: @bank, recipient: @pemda, kind: :grant,
                                 title: 'Hibah USD', amount: Kemitraan::Money.parse('100', 'USD'))
    @net.commit_commitment(usd, '2025-04-10')
    per_currency = @net.commitment_totals(agreement: @agreement)
    assert_equal %w[IDR USD], per_currency.map(&:unit).sort
    row = per_currency.find { |r| r.unit == 'IDR' }
    assert_equal idr('1000000').minor, row.figures[:committed]
    asked = []
    total = @net.commitment_totals(agreement: @agreement, currency: 'IDR') do |from, to, _date|
      asked << [from, to]
      [from, to] == %w[USD IDR] ? [16_000, 1] : nil
    end
    assert_equal 1, total.size
    assert_equal idr('1000000').minor + idr('1600000').minor, total[0].figures[:committed]
    assert_equal %w[USD IDR], asked.first
    assert_equal 'USD', total.rates.first.currency
    assert_raises(Kemitraan::Error) { @net.commitment_totals(agreement: @agreement, currency: 'IDR') { nil } }
    assert_equal [c.id, usd.id].sort, @net.commitment_totals(group_by: :commitment).map(&:group).sort
  end

  def test_loan_schedule_and_position
    principal = idr('1200000')
    loan = @net.create_commitment(agreement: @agreement, provider: @bank, recipient: @pemda, kind: :loan,
                                  title: 'Pinjaman daerah', amount: principal, loan_rate_bp: 1200,
                                  loan_term_months: 12, loan_method: :straight_line, loan_start_date: '2025-05-01')
    assert_equal :straight_line, loan.loan_method
    assert_equal Date.new(2025, 5, 1), loan.loan_start_date
    schedule = @net.loan_schedule(loan)
    assert_equal 12, schedule.size
    assert_equal principal.minor, schedule.sum(&:principal)
    assert_equal schedule.total_interest, schedule.sum(&:interest)
    assert_equal 0, schedule.last.balance
    assert_equal Date.new(2025, 6, 1), schedule[0].due_date
    same = Kemitraan.compute_loan_schedule(principal: principal, rate_bp: 1200, term_months: 12,
                                           start_date: '2025-05-01', method: :straight_line)
    assert_equal schedule.to_a, same.to_a
    @net.commit_commitment(loan, '2025-05-01')
    @net.record_ledger(loan, :disbursement, principal, '2025-05-01')
    @net.record_ledger(loan, :loan_repayment, Kemitraan::Money.new(schedule[0].principal, 'IDR'), '2025-06-01')
    pos = @net.loan_position(loan, as_of: '2025-07-15')
    assert_equal principal.minor, pos.disbursed
    assert_equal principal.minor - schedule[0].principal, pos.outstanding
    assert_equal 2, pos.instalments_due
    assert_equal schedule[1].principal, pos.principal_arrears
    annuity = Kemitraan.compute_loan_schedule(principal: principal, rate_bp: 1200, term_months: 12,
                                              start_date: '2025-05-01')
    assert_equal annuity[0].payment, annuity.regular_payment
  end

  def test_typed_errors
    e = assert_raises(Kemitraan::InvalidArgument) { grant('-5') }
    assert e.field.start_with?('commitment.')
    e = assert_raises(Kemitraan::InvalidArgument) do
      grant(loan_rate_bp: 500, loan_term_months: 12, loan_start_date: '2025-05-01')
    end
    assert_includes e.field, 'loan'
    assert_raises(Kemitraan::NotFound) { @net.commitment(999) }
    assert_raises(Kemitraan::InvalidArgument) do
      @net.create_commitment(agreement: @agreement, provider: @bank, recipient: @pemda, kind: :no_such_kind,
                             title: 'x', amount: idr('1'))
    end
    c = @net.cancel_commitment(grant, 'batal')
    assert_equal :cancelled, c.status
    assert_equal 'batal', c.status_reason
    assert_raises(Kemitraan::InvalidState) { @net.commit_commitment(c, '2025-05-01') }
    seq = @net.seq
    assert_raises(Kemitraan::Error) { @net.record_ledger(c, :disbursement, idr('1'), '2025-05-01') }
    assert_equal seq, @net.seq
    assert_raises(TypeError) do
      @net.create_commitment(agreement: @agreement, provider: @bank, recipient: @pemda, kind: :grant, title: 'x',
                             amount: 1.5)
    end
    before = @net.count_commitments
    assert_raises(Kemitraan::InvalidArgument) { @net.transaction { grant && grant('-1') } }
    assert_equal before, @net.count_commitments
  end
end
