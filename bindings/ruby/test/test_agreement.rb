# frozen_string_literal: true

require_relative 'support'

module AgreementFixture
  SHA = 'a' * 64

  def setup
    super
    @pemda = @net.create_partner(name: 'Pemkot Bandung', external_id: 'ID-KEMENDAGRI-32.73', kind: :regional_government,
                                 region: '32.73')
    @bu = @net.create_partner(name: 'PT Air Bersih', external_id: 'ID-NIB-8120000999', kind: :private_business,
                              region: '32.73')
    @lsm = @net.create_partner(name: 'LSM Gizi', external_id: 'ID-AHU-0098765', kind: :ngo, region: '32.04')
  end

  def draft(ref = 'PKS/001/2025', type = :ppp, **extra)
    fields = { purpose: "Penyediaan air minum\nKota Bandung", sectors: ['water-sanitation'], region: '32.73',
               start_date: Date.new(2025, 4, 1), end_date: '2045-03-31',
               value: Kemitraan::Money.parse('2500000000000', 'IDR'), dimensions: %i[impact sustainability],
               parties: [[@pemda, %i[public_authority accountable]], [@bu, [:private_party, 'implementing']]],
               documents: [['https://jdih.bandung.go.id/pks-001.pdf', SHA]] }
    @net.create_agreement(title: 'KPBU SPAM Bandung', reference: ref, type: type, **fields, **extra)
  end

  def activate(a, override = nil)
    @net.propose_agreement(a) if a.status == :draft
    [@pemda, @bu].each do |p|
      @net.actor = p.external_id # a party signs for itself
      a = @net.sign_agreement(a, p)
    end
    @net.actor = 'admin:test'
    assert_equal :signed, a.status
    @net.activate_agreement(a, override)
  end
end

class TestAgreement < KmTest::Test
  include AgreementFixture

  def test_create_and_read_every_field
    a = draft
    assert_equal [1, 'KPBU SPAM Bandung', 'PKS/001/2025', :ppp, :public_private], [a.id, a.title, a.reference, a.type, a.family]
    assert_equal :public_private, Kemitraan::AgreementType.family(:ppp)
    assert_equal "Penyediaan air minum\nKota Bandung", a.purpose
    assert_equal [['water-sanitation'], '32.73'], [a.sectors, a.region]
    assert_equal [Date.new(2025, 4, 1), Date.new(2045, 3, 31)], [a.start_date, a.end_date]
    assert_equal Kemitraan::Money.new(250_000_000_000_000, 'IDR'), a.value
    assert_equal %i[impact sustainability], a.dimensions
    assert_nil a.framework_id
    assert_equal :draft, a.status
    assert_equal [Kemitraan::Party.new(partner_id: @pemda.id, roles: %i[accountable public_authority], signed: nil),
                  Kemitraan::Party.new(partner_id: @bu.id, roles: %i[implementing private_party], signed: nil)], a.parties
    assert_equal [Kemitraan::Document.new(uri: 'https://jdih.bandung.go.id/pks-001.pdf', sha256: AgreementFixture::SHA)],
                 a.documents
    assert_equal a.id, @net.agreement_by_reference('PKS/001/2025').id
    assert_equal 1, Kemitraan::Role.iati(:funding)
    assert_nil Kemitraan::Role.iati(:guarantor)
    assert_equal 'berlaku', Kemitraan::AgreementStatus.label(:active, :id)
  end

  def test_lifecycle_and_signing_rule
    a = draft
    @net.propose_agreement(a)
    @net.actor = 'budi@jabarprov.go.id'
    assert_raises(Kemitraan::Denied) { @net.sign_agreement(a, @pemda) }
    @net.actor = 'admin:test'
    a = activate(@net.agreement(a.id))
    assert_equal :active, a.status
    assert(a.parties.all?(&:signed))
    a = @net.suspend_agreement(a, 'sengketa lahan')
    assert_equal [:suspended, 'sengketa lahan'], [a.status, a.status_reason]
    a = @net.complete_agreement(@net.resume_agreement(a), 'selesai')
    assert_equal :completed, a.status
    err = assert_raises(Kemitraan::InvalidState) { @net.suspend_agreement(a, 'x') }
    assert_includes err.field, 'agreement'
    refute_equal err.message_in(:id), err.message_in(:en)
  end

  def test_cancel_and_general_transition
    a = draft
    assert_raises(Kemitraan::InvalidArgument) { @net.cancel_agreement(a) }
    assert_equal :cancelled, @net.transition_agreement(a, :cancelled, 'tidak jadi').status
  end

  def test_update_before_signing_and_amend_after
    a = @net.update_agreement(draft, title: 'KPBU SPAM Kota Bandung', end_date: nil)
    assert_equal ['KPBU SPAM Kota Bandung', nil, 1], [a.title, a.end_date, a.version]
    a = activate(a)
    assert_raises(Kemitraan::InvalidState) { @net.update_agreement(a, title: 'X') }
    b = @net.amend_agreement(a, 'nilai investasi naik', value: Kemitraan::Money.parse('3000000000000', 'IDR'))
    assert_equal [2, 'nilai investasi naik', [:value]], [b.version, b.amendment_rationale, b.amendment_fields]
    assert_equal Kemitraan::Money.new(250_000_000_000_000, 'IDR'), @net.agreement(a.id, version: 1).value
    c = @net.add_party(b, @lsm, :beneficiary, 'pendamping masyarakat')
    assert_equal [3, @lsm.id], [c.version, c.parties.last.partner_id]
    assert_equal 2, @net.remove_party(c, @lsm, 'mundur').parties.size
  end

  def test_milestones_and_risks
    a = draft
    assert_equal 1, @net.add_milestone(a, :commercial_close, 'Penandatanganan', '2025-04-01')
    assert_equal 2, @net.add_milestone(a, 'financial_close', 'Pemenuhan pembiayaan', Date.new(2025, 10, 1))
    @net.set_milestone_status(a, 1, :met, '2025-04-01')
    ms = @net.milestones(a)
    assert_equal [[1, :commercial_close, :met], [2, :financial_close, :scheduled]], ms.map { |m| [m.number, m.type, m.status] }
    assert_equal [Date.new(2025, 4, 1), Date.new(2025, 10, 1)], [ms[0].date_met, ms[1].due_date]
    assert_equal 'commercialClose', Kemitraan::MilestoneType.code(:commercial_close)
    a = activate(a)
    assert_equal [2], @net.overdue_milestones('2026-01-01').map(&:number)
    r = @net.add_risk(a, :land, :public, 'Pengadaan lahan oleh Pemkot')
    @net.update_risk(a, r, :shared, 'Pengadaan lahan bersama')
    assert_equal [Kemitraan::Risk.new(number: 1, category: :land, allocation: :shared, mitigation: 'Pengadaan lahan bersama')],
                 @net.risks(a)
    mou = draft('MOU/1', :mou)
    assert_raises(Kemitraan::InvalidArgument) { @net.add_risk(mou, :land, :public, 'x') }
  end

  def test_listing_counts_totals_and_expiry
    30.times do |i|
      draft(format('PKS/%03d', i), (i % 3).zero? ? :mou : :ppp,
            parties: [[@pemda, :funding], [i.odd? ? @bu : @lsm, :implementing]],
            value: Kemitraan::Money.new(1000 * (i + 1), 'IDR'), end_date: '2025-12-31')
    end
    [nil, 1, 4].each do |size|
      assert_equal (0...30).map { |i| format('PKS/%03d', i) }, @net.agreements(page_size: size).map(&:reference)
    end
    assert_equal 10, @net.count_agreements(type: :mou)
    assert_equal 15, @net.agreements(party: @lsm).to_a.size
    assert_equal @net.agreements(party: @lsm, type: :ppp, page_size: 2).to_a.size, @net.count_agreements(party: @lsm, type: :ppp)
    assert_equal [Kemitraan::Money.new((0...30).step(3).sum { |i| 1000 * (i + 1) }, 'IDR'), 10],
                 @net.agreement_totals(:mou, 'IDR')
    a = activate(@net.agreement_by_reference('PKS/001'))
    assert_equal 1, @net.count_agreements(status: :active)
    assert_equal [Kemitraan::Money.new(2000, 'IDR'), 1], @net.agreement_totals(:ppp, 'IDR', statuses: [:active])
    assert_equal 1, @net.expire_due_agreements('2026-01-15')
    assert_equal :expired, @net.agreement(a.id).status
  end
end

class TestFramework < KmTest::Test
  include AgreementFixture

  def spec(name = 'Perpres 38/2015 tentang KPBU')
    Kemitraan::FrameworkSpec.new(name, 'LN 2015/62')
                            .allow_type(:ppp)
                            .require_role(:public_authority, %i[regional_government ministry])
                            .set_duration(365, 365 * 30)
                            .set_max_value('IDR', Kemitraan::Money.parse('5000000000000', 'IDR'))
                            .require_dimension(:public_trust)
                            .add_incentive(:viability_gap_funding, sector: 'water-sanitation', region: '32')
                            .add_incentive(:tax, kinds: [:private_business], min_days: 3650)
  end

  def test_framework_round_trip
    fw = @net.create_framework(spec)
    assert_equal [1, 1, 'Perpres 38/2015 tentang KPBU', 'LN 2015/62', nil],
                 [fw.id, fw.version, fw.name, fw.legal_reference, fw.rationale]
    assert_equal [:ppp], fw.allowed_types
    assert_equal [Kemitraan::RoleRule.new(role: :public_authority, kinds: %i[ministry regional_government])], fw.role_rules
    assert_equal [365, 365 * 30], [fw.min_days, fw.max_days]
    assert_equal({ 'IDR' => Kemitraan::Money.new(500_000_000_000_000, 'IDR') }, fw.max_values)
    assert_equal [:public_trust], fw.dimensions
    assert_equal %i[viability_gap_funding tax], fw.incentives.map(&:incentive)
    assert_equal 'water-sanitation', fw.incentives[0].sector
    assert_equal [:private_business], fw.incentives[1].kinds
    fw2 = @net.amend_framework(fw, Kemitraan::FrameworkSpec.new('Perpres 38/2015 (ubah)'), 'revisi')
    assert_equal [2, 'revisi', []], [fw2.version, fw2.rationale, fw2.allowed_types]
    assert_equal 'Perpres 38/2015 tentang KPBU', @net.framework(fw.id, version: 1).name
    err = assert_raises(Kemitraan::InvalidArgument) { Kemitraan::FrameworkSpec.new('x').require_role(%i[funding accountable]) }
    refute_empty err.field
  end

  def test_check_and_override
    fw = @net.create_framework(spec)
    a = draft(framework: fw)
    check = @net.check_agreement(a)
    refute check.ok?
    assert_equal [fw.id, 1], [check.framework_id, check.framework_version]
    assert_equal [:dimensions], check.violations.map(&:rule)
    v = check.violations.first
    assert v.field.start_with?('agreement.')
    refute_equal v.messages[:id], v.messages[:en]
    assert_equal %i[viability_gap_funding tax], check.incentives
    a = @net.propose_agreement(a)
    err = assert_raises(Kemitraan::InvalidState) { activate(a) } # signed, but violations block activation
    assert_equal :signed, @net.agreement(a.id).status
    refute_empty err.field
    a = @net.activate_agreement(a, 'disetujui Menteri, surat 12/2025')
    assert_equal ['disetujui Menteri, surat 12/2025', 1], [a.override, a.framework_version]
    refute_empty Kemitraan::Incentive.label(:tax, :id)
    refute_empty Kemitraan::Rule.label(:dimensions, :en)
  end
end
