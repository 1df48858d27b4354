# frozen_string_literal: true

require_relative 'support'

class TestOpenClose < Minitest::Test
  def test_block_form_closes_and_returns_the_value
    kept = nil
    value = Kemitraan::Network.open do |net|
      kept = net
      refute net.closed?
      net.seq
    end
    assert_equal 0, value
    assert kept.closed?
    assert_match(/closed/, kept.inspect)
  end

  def test_block_form_closes_on_exception
    kept = nil
    assert_raises(ZeroDivisionError) do
      Kemitraan::Network.open do |net|
        kept = net
        1 / 0
      end
    end
    assert kept.closed?
  end

  def test_close_is_idempotent_and_use_after_close_raises
    net = Kemitraan::Network.open
    net.close
    net.close
    assert_raises(Kemitraan::ClosedError) { net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
    assert_raises(Kemitraan::ClosedError) { net.seq }
  end

  def test_objects_outlive_their_network
    net = Kemitraan::Network.open
    p = net.create_partner(name: 'Mitra', external_id: 'ID-NIB-1', email: 'a@b.co')
    item = net.partners.first
    net.close
    GC.start
    assert_equal 'a@b.co', p.email
    assert_equal 'Mitra', item.name
  end

  def test_actor
    Kemitraan::Network.open(actor: 'budi@jabarprov.go.id') do |net|
      assert_equal 'budi@jabarprov.go.id', net.actor
      net.actor = 'admin:siti'
      assert_equal 'admin:siti', net.actor
      net.actor = nil
      assert_equal '', net.actor
      err = assert_raises(Kemitraan::InvalidArgument) { net.actor = 'x' * 300 }
      refute_empty err.field
    end
  end
end

class TestTransaction < KmTest::Test
  def test_commit_is_one_log_entry
    result = @net.transaction do
      @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
      @net.create_partner(name: 'B', external_id: 'ID-NIB-2')
      :done
    end
    assert_equal :done, result
    assert_equal 1, @net.seq
    stats = @net.stats
    assert_equal [1, 2], [stats.log_entries, stats.log_events]
  end

  def test_exception_rolls_back_and_propagates
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    assert_raises(RuntimeError) do
      @net.transaction do
        @net.create_partner(name: 'B', external_id: 'ID-NIB-2')
        assert_equal 2, @net.count_partners
        raise 'stop'
      end
    end
    assert_equal 1, @net.count_partners
    assert_equal 1, @net.seq
    assert_raises(Kemitraan::NotFound) { @net.partner_by_external_id('ID-NIB-2') }
  end

  def test_library_error_inside_rolls_back_everything
    assert_raises(Kemitraan::AlreadyExists) do
      @net.transaction do
        @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
        @net.create_partner(name: 'B', external_id: 'ID-NIB-1')
      end
    end
    assert_equal 0, @net.count_partners
  end

  def test_nested_transaction_is_invalid_state
    @net.transaction do
      assert_raises(Kemitraan::InvalidState) { @net.begin_transaction }
    end
    assert_raises(Kemitraan::InvalidState) { @net.commit }
  end
end

class TestHooks < Minitest::Test
  def test_clock_stamps_changes
    clock = KmTest::Clock.new
    Kemitraan::Network.open(clock: clock) do |net|
      p = net.create_partner(name: 'A', external_id: 'ID-NIB-1')
      assert_equal KmTest::START, p.created
      assert_operator clock.calls, :>, 0
      assert net.now.utc?
    end
  end

  def test_clock_block_and_microseconds
    Kemitraan::Network.open do |net|
      net.set_clock { 1_700_000_000_123_456 }
      assert_equal Time.utc(2023, 11, 14, 22, 13, 20.123456r), net.now
      net.set_clock(nil)
      assert_in_delta Time.now.to_f, net.now.to_f, 60
    end
  end

  def test_clock_exception_warns_and_uses_system_time
    Kemitraan::Network.open(clock: -> { raise 'clock down' }) do |net|
      p = nil
      _out, err = capture_io { p = net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      assert_match(/clock down/, err)
      assert_in_delta Time.now.to_f, p.created.to_f, 60
    end
  end

  def test_authorizer_sees_requests_and_denies
    seen = []
    auth = lambda do |req|
      seen << req
      req.operation == 'partner.status' ? 'status changes need the head of office' : nil
    end
    Kemitraan::Network.open(actor: 'admin:budi', authorizer: auth) do |net|
      p = net.create_partner(name: 'A', external_id: 'ID-NIB-1')
      err = assert_raises(Kemitraan::Denied) { net.set_partner_status(p, :suspended, 'audit') }
      assert_includes err.message_in(:en), 'status changes need the head of office'
      assert_includes err.message_in(:id), 'status changes need the head of office'
      assert_equal :active, net.partner(p.id).status
      assert_equal Kemitraan::AuthRequest.new(entity: :partner, entity_id: 0, operation: 'partner.create',
                                              actor: 'admin:budi'), seen[0]
      assert_equal [p.id, 'partner.status'], [seen[1].entity_id, seen[1].operation]
    end
  end

  def test_authorizer_false_denies_and_exception_becomes_cause
    Kemitraan::Network.open do |net|
      net.set_authorizer { |_req| false }
      assert_raises(Kemitraan::Denied) { net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      net.set_authorizer { |req| raise KeyError, "no policy for #{req.operation}" }
      err = assert_raises(Kemitraan::Denied) { net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      assert_kind_of KeyError, err.cause
      assert_match(/KeyError/, err.message)
      net.set_authorizer { |_req| 42 }
      err = assert_raises(Kemitraan::Denied) { net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      assert_kind_of TypeError, err.cause
      net.set_authorizer(nil)
      net.create_partner(name: 'A', external_id: 'ID-NIB-1')
      assert_equal 1, net.count_partners
    end
  end

  def test_reason_is_cut_at_a_character_boundary
    Kemitraan::Network.open(authorizer: ->(_r) { "ditolak #{'é' * 2000}" }) do |net|
      err = assert_raises(Kemitraan::Denied) { net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      assert err.message.valid_encoding?
      assert_includes err.message, 'ditolak'
    end
  end

  def test_callbacks_survive_garbage_collection
    calls = Hash.new(0)
    t = KmTest::START
    net = Kemitraan::Network.open(clock: lambda {
      calls[:clock] += 1
      GC.start
      t += 1
    }, authorizer: lambda { |_req|
      calls[:auth] += 1
      GC.start
      true
    })
    200.times do |i|
      net.create_partner(name: "Mitra #{i}", external_id: "ID-NIB-#{i}")
      next unless (i % 50).zero?

      net.set_clock { t } # replacing a hook must not free the one C still holds
      GC.start
      GC.compact if GC.respond_to?(:compact)
    end
    assert_equal 200, net.count_partners
    assert_operator calls[:auth], :>=, 200
  ensure
    net&.close
  end
end

class TestSharedStore < Minitest::Test
  def test_refresh_and_conflict
    store = Kemitraan::MemoryStore.new
    a = Kemitraan::Network.open(storage: store)
    b = Kemitraan::Network.open(storage: store)
    a.create_partner(name: 'A', external_id: 'ID-NIB-1')
    assert_equal 0, b.count_partners
    err = assert_raises(Kemitraan::Conflict) { b.create_partner(name: 'B', external_id: 'ID-NIB-2') }
    refute_empty err.field
    b.refresh
    assert_equal 1, b.count_partners
    b.create_partner(name: 'B', external_id: 'ID-NIB-2')
    assert_equal %w[A B], a.refresh.partners.map(&:name)
    assert_equal a.head_hash, b.head_hash
  ensure
    a&.close
    b&.close
  end

  def test_retry_on_conflict
    store = Kemitraan::MemoryStore.new
    a = Kemitraan::Network.open(storage: store)
    b = Kemitraan::Network.open(storage: store, retry_on_conflict: true)
    a.create_partner(name: 'A', external_id: 'ID-NIB-1')
    b.create_partner(name: 'B', external_id: 'ID-NIB-2')
    assert_equal 2, b.seq
  ensure
    a&.close
    b&.close
  end

  def test_store_closed_while_networks_open_is_deferred
    store = Kemitraan::MemoryStore.new
    net = Kemitraan::Network.open(storage: store)
    store.close
    assert store.closed?
    assert_raises(Kemitraan::ClosedError) { Kemitraan::Network.open(storage: store) }
    net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    assert net.verify.ok?
    net.close
  end

  def test_read_only_view
    store = Kemitraan::MemoryStore.new
    Kemitraan::Network.open(storage: store) { |w| w.create_partner(name: 'A', external_id: 'ID-NIB-1') }
    Kemitraan::Network.open(storage: store, read_only: true) do |r|
      assert_equal 1, r.count_partners
      err = assert_raises(Kemitraan::ReadOnly) { r.create_partner(name: 'B', external_id: 'ID-NIB-2') }
      refute_empty err.messages[:id]
    end
  end

  def test_path_and_storage_are_exclusive
    assert_raises(ArgumentError) { Kemitraan::Network.open('x.km', storage: Kemitraan::MemoryStore.new) }
  end
end

class TestState < KmTest::Test
  def test_stats_follow_the_struct
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    p = @net.create_partner(name: 'B', external_id: 'ID-NIB-2')
    @net.set_partner_status(p, :suspended, 'audit')
    s = @net.stats
    assert_kind_of Kemitraan::Stats, s
    assert_equal [2, 1, 1], [s.partners, s.partners_active, s.partners_suspended]
    assert_equal 3, s.log_entries
    assert_respond_to s, :interests
  end

  def test_verify_and_head_hash
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    v = @net.verify
    assert v.ok?
    assert_equal [1, 0], [v.entries, v.first_bad_seq]
    assert_equal @net.head_hash, v.head_hash
    assert_match(/\A\h{64}\z/, @net.head_hash)
    @net.snapshot
    @net.sync
  end
end
