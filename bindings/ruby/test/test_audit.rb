# frozen_string_literal: true

require_relative 'support'

class TestAudit < KmTest::Test
  def setup
    super
    @a = @net.create_partner(name: 'A', external_id: 'ID-NIB-1', kind: :ngo, sectors: ['health']) # 1
    @net.actor = 'siti@jabarprov.go.id'
    @b = @net.create_partner(name: 'B', external_id: 'ID-NIB-2')                                    # 2
    @net.update_partner(@a, email: 'a@b.co')                                                        # 3
    @net.transaction do                                                                              # 4
      @net.create_partner(name: 'C', external_id: 'ID-NIB-3')
      @net.set_partner_status(@b, :suspended, 'audit')
    end
  end

  def test_entries_carry_who_when_what
    entries = @net.audit.to_a
    assert_equal 5, entries.size
    e = entries.first
    assert_equal [1, 'admin:test', :partner, 1, 'partner.create'], [e.seq, e.actor, e.entity, e.entity_id, e.operation]
    assert_equal KmTest::START, e.time
    assert_equal({ 'name' => 'A', 'external_id' => 'ID-NIB-1', 'kind' => 5, 'sectors' => ['health'] }, e.data)
    assert_equal [1, 2, 3, 4, 4], entries.map(&:seq)
    assert_equal 'a@b.co', entries[2].data['email']
    assert_equal 'audit', entries[4].data['reason']
    assert_equal 'mitra', Kemitraan::Entity.label(:partner, :id)
  end

  def test_filters
    assert_equal [1, 3], @net.audit(entity: :partner, entity_id: @a.id).map(&:seq)
    assert_equal [2, 4], @net.audit(entity: @b).map(&:seq)
    assert_equal 4, @net.audit(actor: 'siti@jabarprov.go.id').count
    assert_equal [2, 3], @net.audit(since: KmTest::START + 900, until: KmTest::START + 1800).map(&:seq)
    assert_equal [3, 4, 4], @net.audit(from_seq: 3).map(&:seq)
    assert_equal 2, @net.audit(limit: 2).to_a.size
    assert_empty @net.audit(entity: :agreement).to_a
    assert_raises(ArgumentError) { @net.audit(colour: 1) }
  end

  def test_small_batches_follow_the_log
    40.times { |i| @net.create_partner(name: "M#{i}", external_id: "ID-NIB-M#{i}") }
    all = @net.audit.map { |e| [e.seq, e.operation, e.entity_id] }
    assert_equal 45, all.size
    [1, 2, 3, 7, 1000].each do |batch|
      assert_equal all, @net.audit(batch_size: batch).map { |e| [e.seq, e.operation, e.entity_id] }, "batch #{batch}"
    end
  end

  def test_bad_filter
    assert_raises(Kemitraan::InvalidArgument) { @net.audit(entity_id: 1).to_a }
  end
end
