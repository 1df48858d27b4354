# frozen_string_literal: true

require_relative 'support'

class TestPartner < KmTest::Test
  def test_create_and_read_every_field
    p = @net.create_partner(name: 'Dinas Kesehatan Kota Bandung', external_id: 'ID-KEMENDAGRI-32.73-DINKES',
                            kind: :regional_government, region: '32.73', email: 'dinkes@bandung.go.id',
                            phone: '+62 22 4203 900', website: 'https://dinkes.bandung.go.id',
                            sectors: %w[health ict], capabilities: ['clinic-operations'], needs: ['data-analytics'])
    assert_equal 1, p.id
    assert_equal 'Dinas Kesehatan Kota Bandung', p.name
    assert_equal Encoding::UTF_8, p.name.encoding
    assert_equal 'ID-KEMENDAGRI-32.73-DINKES', p.external_id
    assert_equal :regional_government, p.kind
    assert_equal 11, Kemitraan::PartnerKind.iati(p.kind)
    assert_equal ['32.73', 'dinkes@bandung.go.id', '+62 22 4203 900', 'https://dinkes.bandung.go.id'],
                 [p.region, p.email, p.phone, p.website]
    assert_equal :active, p.status
    assert_nil p.status_reason
    assert_equal KmTest::START, p.created
    assert_equal KmTest::START, p.updated
    assert_equal 1, p.version
    assert_equal [%w[health ict], ['clinic-operations'], ['data-analytics']], [p.sectors, p.capabilities, p.needs]
    assert_equal Kemitraan::Partner::FIELDS, p.to_h.keys
    assert_match(/Dinas Kesehatan/, p.inspect)
  end

  def test_unicode_round_trip
    @net.create_partner(name: 'Agence Méditerranée-Asie pour le Développement', external_id: 'FR-RCS-775665599',
                        kind: :international)
    assert_equal 'Agence Méditerranée-Asie pour le Développement', @net.partner_by_external_id('FR-RCS-775665599').name
  end

  def test_kind_accepts_symbol_string_and_int
    kinds = [[:ngo, 1], ['ngo', 2], [5, 3]].map do |k, i|
      @net.create_partner(name: "M#{i}", external_id: "ID-NIB-#{i}", kind: k).kind
    end
    assert_equal %i[ngo ngo ngo], kinds
    err = assert_raises(Kemitraan::InvalidArgument) { @net.create_partner(name: 'X', external_id: 'ID-NIB-9', kind: :charity) }
    assert_equal 'partner.kind', err.field
    err = assert_raises(Kemitraan::InvalidArgument) { @net.create_partner(name: 'X', external_id: 'ID-NIB-9', kind: 99) }
    assert_equal 'partner.kind', err.field
  end

  def test_labels_in_both_languages
    assert_equal 'ditangguhkan', Kemitraan::PartnerStatus.label(:suspended, :id)
    assert_equal 'suspended', Kemitraan::PartnerStatus.label(:suspended, :en)
    Kemitraan.language = :id
    assert_equal 'aktif', Kemitraan::PartnerStatus.label(:active)
  ensure
    Kemitraan.language = :en
  end

  def test_update_changes_only_the_given_fields
    p = @net.create_partner(name: 'A', external_id: 'ID-NIB-1', kind: :ngo, region: '32', email: 'a@b.co',
                            sectors: ['health'])
    q = @net.update_partner(p, name: 'A Baru', sectors: %w[health water], email: nil)
    assert_equal ['A Baru', %w[health water], nil, '32', 2], [q.name, q.sectors, q.email, q.region, q.version]
    assert_operator q.updated, :>, q.created
    assert_equal ['A', 1, 'a@b.co'], [p.name, p.version, p.email] # immutable snapshot
    refute_equal p, q
    assert_equal q, @net.partner(p.id)
    assert_raises(ArgumentError) { @net.update_partner(p) }
    assert_raises(ArgumentError) { @net.update_partner(p, colour: 'red') }
  end

  def test_status_changes
    p = @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    s = @net.set_partner_status(p, :suspended, 'audit BPK 2025')
    assert_equal [:suspended, 'audit BPK 2025'], [s.status, s.status_reason]
    assert_equal :active, @net.set_partner_status(p, 'active').status
    assert_equal :archived, @net.archive_partner(p.id, 'merged').status
    err = assert_raises(Kemitraan::InvalidState) { @net.update_partner(p, name: 'X') }
    refute_empty err.field
    other = @net.create_partner(name: 'B', external_id: 'ID-NIB-2')
    err = assert_raises(Kemitraan::InvalidArgument) { @net.set_partner_status(other, :suspended) }
    assert_equal 'partner.reason', err.field
  end
end

class TestPartnerListing < KmTest::Test
  def setup
    super
    @all = @net.transaction { add_partners(@net, 237) }
    @all.each_slice(9) { |s| @net.set_partner_status(s.first, :suspended, 'review') }
    @all = @all.map { |p| @net.partner(p.id) }
  end

  def brute(kind: nil, status: nil, sector: nil, capability: nil, need: nil, region: nil)
    kind = Kemitraan::PartnerKind[Kemitraan::PartnerKind.to_i(kind)] if kind
    status = Kemitraan::PartnerStatus[Kemitraan::PartnerStatus.to_i(status)] if status
    @all.select do |p|
      (kind.nil? || p.kind == kind) && (status.nil? || p.status == status) &&
        (sector.nil? || p.sectors.include?(sector)) && (capability.nil? || p.capabilities.include?(capability)) &&
        (need.nil? || p.needs.include?(need)) &&
        (region.nil? || (p.region && (p.region == region || p.region.start_with?("#{region}."))))
    end.map(&:id)
  end

  def test_each_matches_count_and_brute_force
    filters = [{}, { kind: :ngo }, { status: :suspended }, { sector: 'health' }, { capability: 'training' },
               { need: 'funding' }, { region: '32' }, { region: '32.73' }, { region: '32', sector: 'education' },
               { kind: 'academic', status: :active, region: '33' }]
    filters.product([nil, 1, 7, 1000]).each do |f, page_size|
      listing = @net.partners(page_size: page_size, **f)
      ids = listing.map(&:id)
      assert_equal brute(**f), ids, "#{f} page_size=#{page_size}"
      assert_equal ids.size, listing.count, "count #{f}"
      assert_equal ids.size, @net.count_partners(**f)
    end
  end

  def test_name_order
    [{}, { region: '32' }, { kind: :ngo }].product([nil, 1, 7]).each do |f, size|
      ids = brute(**f)
      expected = @all.select { |p| ids.include?(p.id) }.sort_by { |p| [p.name.b, p.id] }.map(&:id)
      assert_equal expected, @net.partners(order: :name, page_size: size, **f).map(&:id), "#{f} #{size}"
    end
    assert_equal @all.map(&:id), @net.partners(order: 'id').map(&:id)
    assert_equal brute(region: '32').size, @net.count_partners(order: :name, region: '32')
    err = assert_raises(Kemitraan::InvalidArgument) { @net.partners(order: :colour).to_a }
    assert_equal 'query.order', err.field
    assert_raises(Kemitraan::InvalidArgument) { @net.partners(order: 7).to_a }
  end

  def test_enumerable_is_lazy_and_limitable
    assert_equal 10, @net.partners(limit: 10, page_size: 3).to_a.size
    assert_equal 10, @net.partners(limit: 10).count
    assert_equal [1, 2, 3], @net.partners(page_size: 2).first(3).map(&:id)
    assert_equal [1, 2], @net.partners(page_size: 1).lazy.map(&:id).first(2)
    hits = @net.partners(name_contains: 'mitra 1', page_size: 5).map(&:name)
    assert(hits.all? { |n| n.start_with?('Mitra 1') })
    assert_kind_of Enumerator, @net.partners.each
  end

  def test_items_outlive_their_page
    kept = @net.partners(page_size: 2).to_a
    GC.start
    assert_equal @all.map(&:external_id), kept.map(&:external_id)
  end

  def test_bad_filter
    err = assert_raises(Kemitraan::InvalidArgument) { @net.partners(region: '99.x').to_a }
    refute_empty err.field
    assert_raises(Kemitraan::InvalidArgument) { @net.partners(page_size: 5000).to_a }
  end
end
