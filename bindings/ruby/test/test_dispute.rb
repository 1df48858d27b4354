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
