# frozen_string_literal: true

require_relative 'support'

class TestFileStore < KmTest::Test
  def setup
    super
    @path = File.join(tmpdir, 'jabar.km')
  end

  def fill
    Kemitraan::Network.open(@path, actor: 'admin:budi', clock: KmTest::Clock.new, sync: :off) do |net|
      a = net.create_partner(name: 'Dinas Kesehatan', external_id: 'ID-KEMENDAGRI-32.73-DINKES',
                             kind: :regional_government, region: '32.73')                                   # 1
      net.create_partner(name: 'PT Sehat', external_id: 'ID-NIB-8120000123456', kind: :private_business)   # 2
      net.update_partner(a, email: 'dinkes@bandung.go.id')                                                 # 3
      net.set_partner_status(a, :suspended, 'audit')                                                        # 4
      net.head_hash
    end
  end

  def test_reopen_sees_everything
    head = fill
    Kemitraan::Network.open(@path) do |net|
      assert_equal [4, head], [net.seq, net.head_hash]
      p = net.partner_by_external_id('ID-KEMENDAGRI-32.73-DINKES')
      assert_equal ['dinkes@bandung.go.id', :suspended, 3], [p.email, p.status, p.version]
      net.create_partner(name: 'Baru', external_id: 'ID-NIB-3')
    end
    assert_equal 3, Kemitraan::Network.open_file(@path, no_create: true) { |net| net.count_partners }
  end

  def test_time_travel_by_sequence_and_time
    fill
    Kemitraan::Network.open(@path, as_of_seq: 2) do |old|
      assert_equal 2, old.seq
      assert_equal [nil, :active], [old.partner(1).email, old.partner(1).status]
      assert_raises(Kemitraan::ReadOnly) { old.create_partner(name: 'X', external_id: 'ID-NIB-9') }
    end
    Kemitraan::Network.open(@path, as_of_time: KmTest::START + 1800) do |old|
      assert_equal 3, old.seq
      assert_equal ['dinkes@bandung.go.id', :active], [old.partner(1).email, old.partner(1).status]
      assert_equal 3, old.audit.count
    end
  end

  def test_snapshot_round_trip
    fill
    expected = Kemitraan::Network.open(@path) do |net|
      net.snapshot
      net.partners.map(&:to_h)
    end
    assert File.exist?("#{@path}-snap")
    Kemitraan::Network.open(@path) do |snap|
      Kemitraan::Network.open(@path, no_snapshot: true) do |full|
        assert_equal expected, snap.partners.map(&:to_h)
        assert_equal expected, full.partners.map(&:to_h)
        assert_equal full.stats, snap.stats
        assert_equal [4, 0], [snap.snapshot_seq, full.snapshot_seq]
        assert_equal full.state_hash, snap.state_hash
        assert_match(/\A[0-9a-f]{64}\z/, full.state_hash)
        full.transaction { assert_raises(Kemitraan::InvalidState) { full.state_hash } }
      end
    end
  end

  def test_file_store_verify_and_published_head
    head = fill
    store = Kemitraan::FileStore.new(@path, read_only: true)
    v = store.verify
    assert v.ok?
    assert_equal [4, head], [v.entries, v.head_hash]
    assert store.verify(head).ok?
    bad = store.verify('0' * 64)
    refute bad.ok?
    assert_kind_of Kemitraan::Corrupt, bad.error
    refute_empty bad.error.field
  ensure
    store&.close
  end

  def test_tampered_log_is_detected
    fill
    data = File.binread(@path)
    i = data.index('PT Sehat')
    refute_nil i
    data[i, 8] = 'PT Jahat'
    File.binwrite(@path, data)
    err = assert_raises(Kemitraan::Corrupt) { Kemitraan::Network.open(@path, read_only: true) }
    refute_empty err.messages[:id]
  end

  def test_read_only_and_no_create
    err = assert_raises(Kemitraan::NotFound) { Kemitraan::Network.open(@path, no_create: true) }
    assert_equal 'path', err.field
    fill
    Kemitraan::Network.open(@path, read_only: true) do |ro|
      assert_raises(Kemitraan::ReadOnly) { ro.create_partner(name: 'X', external_id: 'ID-NIB-9') }
    end
    assert_raises(Kemitraan::InvalidArgument) { Kemitraan::Network.open(@path, sync: :sometimes) }
  end

  def test_shared_file_store
    store = Kemitraan::FileStore.new(@path, sync: :normal)
    a = Kemitraan::Network.open(storage: store)
    b = Kemitraan::Network.open(storage: store)
    store.close # both networks keep it
    a.create_partner(name: 'A', external_id: 'ID-NIB-1')
    assert_equal 'A', b.refresh.partner(1).name
    a.close
    b.close
    assert_equal 1, Kemitraan::Network.open(@path, &:count_partners)
  end
end

class TestShutdown < KmTest::Test
  # Networks, stores, pages and callbacks never closed by the program are
  # released at exit without errors, and a file store written under group
  # commit is durable afterwards.
  def test_handles_left_open_at_exit
    path = File.join(tmpdir, 'exit.km')
    script = <<~RUBY
      $LOAD_PATH.unshift(#{File.expand_path('../lib', __dir__).inspect})
      require 'kemitraan'
      net = Kemitraan::Network.open(#{path.inspect}, sync: :normal, clock: -> { 1_700_000_000_000_000 },
                                    authorizer: ->(_r) { nil })
      50.times { |i| net.create_partner(name: "Mitra \#{i}", external_id: "ID-NIB-\#{i}") }
      first = net.partners(page_size: 7).first
      store = Kemitraan::MemoryStore.new
      other = Kemitraan::Network.open(storage: store)
      other.create_partner(name: 'X', external_id: 'ID-NIB-1')
      $keep = [other, store, Kemitraan::Graph.new(3, [[0, 1]])]
      puts "ok \#{first.name}"
    RUBY
    out, err, status = Open3.capture3(RbConfig.ruby, '-e', script)
    assert status.success?, err
    assert_equal '', err
    assert_equal 'ok Mitra 0', out.strip
    Kemitraan::Network.open(path) do |net|
      assert_equal 50, net.count_partners
      assert net.verify.ok?
    end
  end
end
