# frozen_string_literal: true

require_relative 'support'
require_relative 'test_agreement'

# Disputes, opportunities, views and matchmaking through the generic keyword
# forms: every function is declared (test_layout), the main calls work and
# errors are typed.
class TestDispute < KmTest::Test
  include AgreementFixture

  def setup
    super
    @agreement = activate(draft)
  end

  def file(**extra)
    fields = { agreement_id: @agreement, claimant: @pemda, respondents: [@bu],
               category: Kemitraan::DisputeCategory.to_i(:payment), severity: Kemitraan::DisputeSeverity.to_i(:medium),
               description: 'Keterlambatan pembangunan instalasi' }
    @net.actor = @pemda.external_id
    @net.file_dispute(**fields, **extra)
  ensure
    @net.actor = 'admin:test'
  end

  def test_file_read_and_list
    d = file
    assert_kind_of Kemitraan::Dispute, d
    assert_equal d, @net.dispute(d.id)
    assert_includes Kemitraan::DisputeStatus.symbols, d.status
    refute_empty Kemitraan::DisputeStatus.label(d.status, :id)
    assert_equal [d.id], @net.disputes(agreement_id: @agreement).map(&:id)
    assert_empty @net.disputes(agreement_id: @agreement, status: Kemitraan::DisputeStatus.to_i(:withdrawn)).to_a
  end

  def test_moves_to_settlement_by_negotiation
    d = @net.acknowledge_dispute(file, @bu, 'Diterima')
    assert_equal :acknowledged, d.status
    d = @net.negotiate_dispute(d.id, 'Rapat klarifikasi')
    assert_equal [:negotiation, 'Rapat klarifikasi'], [d.status, d.status_note]
    d = @net.settle_dispute(d, 'Jadwal ulang pembangunan')
    assert_equal [:settled, 'Jadwal ulang pembangunan'], [d.status, d.settlement_terms]
    assert_equal :closed, @net.close_dispute(d, 'Dilaksanakan').status
    assert_raises(Kemitraan::InvalidState) { @net.negotiate_dispute(d) }
  end

  def test_moves_through_mediation
    mediator = @net.create_partner(name: 'Lembaga Mediasi', external_id: 'ID-AHU-0011223', kind: :academic,
                                   region: '32')
    d = file
    @net.acknowledge_dispute(d, @bu)
    @net.negotiate_dispute(d)
    assert_raises(Kemitraan::Error) { @net.assign_mediator(d, @bu) } # a party cannot mediate
    d = @net.assign_mediator(d, mediator)
    assert_equal mediator.id, d.mediator
    assert_equal :mediation, @net.mediate_dispute(d, 'Mediasi pertama').status
    assert_equal :settled, @net.settle_dispute(d, 'Denda keterlambatan', commitments: [], milestones: []).status
  end

  def test_withdraw_escalate_dismiss
    assert_equal :withdrawn, @net.withdraw_dispute(file, 'Selesai sendiri').status
    d = file
    @net.acknowledge_dispute(d, @bu)
    @net.negotiate_dispute(d)
    d = @net.escalate_dispute(d, :arbitration, 'Ke BANI')
    assert_equal %i[escalated arbitration], [d.status, d.forum]
    assert_raises(Kemitraan::InvalidArgument) { @net.escalate_dispute(file, :tribunal) }
    assert_equal :dismissed, @net.dismiss_dispute(file, 'Di luar lingkup').status
  end

  def test_typed_errors
    e = assert_raises(Kemitraan::InvalidArgument) { file(description: '') }
    assert e.field.start_with?('dispute.')
    assert_raises(Kemitraan::NotFound) { @net.dispute(999) }
    assert_raises(ArgumentError) { file(colour: 'red') }
    assert_operator Kemitraan::Conflict, :<, Kemitraan::Error # not shadowed by the km_conflict enum
  end

  def test_opportunity
    @net.actor = @pemda.external_id
    o = @net.create_opportunity(publisher_id: @pemda, title: 'Kemitraan air minum',
                                description: 'Mencari mitra pengelola SPAM', sectors: ['water-sanitation'],
                                capabilities: ['operations'], opening_date: '2025-04-01', closing_date: '2025-06-30')
    @net.actor = 'admin:test'
    assert_equal 'Kemitraan air minum', o.title
    assert_equal o, @net.opportunity(o.id)
    assert_equal [o.id], @net.opportunities(publisher_id: @pemda).map(&:id)
    assert_raises(Kemitraan::NotFound) { @net.opportunity(999) }
    assert_raises(Kemitraan::InvalidArgument) { @net.create_opportunity(publisher_id: @pemda, title: '') }
  end

  def test_view_and_match_declarations
    out = FFI::MemoryPointer.new(:pointer)
    opts = Kemitraan::Native::ViewOptions.make
    Kemitraan::Lib.km_view_build(out, @net.handle, opts.pointer)
    view = Kemitraan::Handle.new(:km_view, out.read_pointer, Kemitraan::Lib.method(:km_view_free))
    assert_operator Kemitraan::Lib.km_view_partner_count(view), :>=, 2
    vertex = FFI::MemoryPointer.new(:uint32)
    Kemitraan::Lib.km_view_partner_vertex(vertex, view, @pemda.id)
    assert_equal @pemda.id, Kemitraan::Lib.km_view_partner_id(view, vertex.read_uint32)
    assert_raises(Kemitraan::NotFound) { Kemitraan::Lib.km_view_partner_vertex(vertex, view, 999) }
    view.close
    mopts = Kemitraan::Native::MatchOptions.make
    Kemitraan::Lib.km_match_for_partner(out, @net.handle, @lsm.id, mopts.pointer)
    matches = Kemitraan::Handle.new(:km_matches, out.read_pointer, Kemitraan::Lib.method(:km_matches_free))
    n = Kemitraan::Lib.km_matches_count(matches)
    n.times { |i| refute_equal @lsm.id, Kemitraan::Lib.km_matches_partner(matches, i) }
    matches.close
    assert_raises(Kemitraan::NotFound) { Kemitraan::Lib.km_match_for_partner(out, @net.handle, 999, mopts.pointer) }
  end
end
