# frozen_string_literal: true

require_relative 'support'

# libc through FFI, for an allocator that fails on demand.
module LibC
  extend FFI::Library
  ffi_lib FFI::Library::LIBC
  attach_function :malloc, [:size_t], :pointer
  attach_function :realloc, %i[pointer size_t], :pointer
  attach_function :free, [:pointer], :void
end

# A km_allocator over libc that fails the N-th allocation once armed.
# Handles read from a network use its allocator and may be collected (and
# freed through it) long after the test: allocators are never collected.
class FailingAllocator
  ALL = []

  attr_reader :failures, :live, :struct

  def initialize
    ALL << self
    @count = 0
    @fail_at = 0
    @failures = 0
    @live = 0
    @fns = [
      FFI::Function.new(:pointer, %i[pointer size_t]) { |_p, size| fail? ? nil : (@live += 1) && LibC.malloc(size) },
      FFI::Function.new(:pointer, %i[pointer pointer size_t]) do |_p, ptr, size|
        next nil if fail?

        @live += 1 if ptr.null?
        LibC.realloc(ptr, size)
      end,
      FFI::Function.new(:void, %i[pointer pointer]) do |_p, ptr|
        @live -= 1 unless ptr.null?
        LibC.free(ptr)
      end
    ]
    @struct = Kemitraan::Native::Allocator.make(malloc_fn: @fns[0], realloc_fn: @fns[1], free_fn: @fns[2])
  end

  # Handles read from the network are freed by their finalizers, which Ruby
  # runs some time after a collection: wait for them.
  def settle
    50.times do
      break if @live.zero?

      GC.start
      sleep 0.01
    end
    @live
  end

  def arm(n)
    @count = 0
    @fail_at = n
    @failures = 0
  end

  def fail?
    @count += 1
    return false unless @fail_at.positive? && @count == @fail_at

    @failures += 1
    true
  end

  # A Network whose memory all comes from this allocator (low level: the
  # high-level open has no allocator option).
  def open_network
    opts = Kemitraan::Native::NetworkOptions.make(allocator: @struct.pointer)
    out = FFI::MemoryPointer.new(:pointer)
    Kemitraan::Lib.km_network_open(out, nil, opts.pointer)
    Kemitraan::Network.new(out.read_pointer, { allocator: self }, nil)
  end
end

class TestErrorClasses < KmTest::Test
  def check(err, klass, field, bilingual: true)
    assert_kind_of klass, err
    assert_kind_of Kemitraan::Error, err
    assert_equal klass::CODE, err.code
    assert_equal field, err.field
    en = err.message_in(:en)
    id = err.message_in(:id)
    assert en.start_with?("#{field}: "), en
    assert id.start_with?("#{field}: "), id
    refute_equal en, id if bilingual
    assert_equal en, err.message
    Kemitraan.language = :id
    assert_equal id, err.message
    assert_equal id, err.to_s
  ensure
    Kemitraan.language = :en
  end

  def test_invalid_argument
    err = assert_raises(Kemitraan::InvalidArgument) { @net.create_partner(name: 'A', external_id: 'ID-NIB-1', email: 'x@') }
    check(err, Kemitraan::InvalidArgument, 'partner.email')
  end

  def test_not_found
    check(assert_raises(Kemitraan::NotFound) { @net.partner(42) }, Kemitraan::NotFound, 'partner.id')
  end

  def test_already_exists
    @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    err = assert_raises(Kemitraan::AlreadyExists) { @net.create_partner(name: 'B', external_id: 'ID-NIB-1') }
    check(err, Kemitraan::AlreadyExists, 'partner.external_id')
  end

  def test_invalid_state
    p = @net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    check(assert_raises(Kemitraan::InvalidState) { @net.set_partner_status(p, :active) }, Kemitraan::InvalidState,
          'partner.status')
  end

  def test_conflict
    store = Kemitraan::MemoryStore.new
    a = Kemitraan::Network.open(storage: store)
    b = Kemitraan::Network.open(storage: store)
    a.create_partner(name: 'A', external_id: 'ID-NIB-1')
    err = assert_raises(Kemitraan::Conflict) { b.create_partner(name: 'B', external_id: 'ID-NIB-2') }
    check(err, Kemitraan::Conflict, 'storage.append')
  ensure
    a&.close
    b&.close
  end

  def test_storage_error
    err = assert_raises(Kemitraan::StorageError) { Kemitraan::Network.open(tmpdir) }
    check(err, Kemitraan::StorageError, 'path', bilingual: false)
  end

  def test_corrupt
    path = File.join(tmpdir, 'garbage.km')
    File.binwrite(path, 'not a kemitraan store' * 10)
    check(assert_raises(Kemitraan::Corrupt) { Kemitraan::Network.open(path) }, Kemitraan::Corrupt, 'storage.file')
  end

  def test_out_of_memory
    alloc = FailingAllocator.new
    net = alloc.open_network
    net.create_partner(name: 'A', external_id: 'ID-NIB-1')
    alloc.arm(1)
    err = assert_raises(Kemitraan::OutOfMemory) { net.create_partner(name: 'B', external_id: 'ID-NIB-2') }
    alloc.arm(0)
    assert_equal(-9, err.code)
    refute_empty err.message_in(:id)
    assert_equal 1, net.count_partners
    net.close
    assert_equal 0, alloc.settle
  end

  def test_denied
    @net.set_authorizer { |_r| 'tidak boleh' }
    err = assert_raises(Kemitraan::Denied) { @net.create_partner(name: 'A', external_id: 'ID-NIB-1') }
    refute_empty err.field
    check(err, Kemitraan::Denied, err.field)
    assert_includes err.message, 'tidak boleh'
  end

  def test_range_error
    g = Kemitraan::Graph.new(3, [[0, 1], [1, 2]], directed: true)
    check(assert_raises(Kemitraan::RangeError) { g.pagerank(max_iter: 1) }, Kemitraan::RangeError, 'pagerank')
  end

  def test_read_only
    Kemitraan::Network.open(storage: Kemitraan::MemoryStore.new, read_only: true) do |ro|
      err = assert_raises(Kemitraan::ReadOnly) { ro.create_partner(name: 'A', external_id: 'ID-NIB-1') }
      check(err, Kemitraan::ReadOnly, err.field)
    end
  end

  def test_version_error
    opts = Kemitraan::Native::NetworkOptions.make(version: 99)
    out = FFI::MemoryPointer.new(:pointer)
    err = assert_raises(Kemitraan::VersionError) { Kemitraan::Lib.km_network_open(out, nil, opts.pointer) }
    check(err, Kemitraan::VersionError, 'options.version')
  end

  # No built-in backend reports KM_EBUSY; a host backend does so through
  # km_error_set, which sets the last error and returns the code.
  def test_busy_and_every_code_from_a_backend
    Kemitraan::ERRORS_BY_CODE.each do |code, klass|
      err = assert_raises(klass) { Kemitraan::Lib.km_error_set(code, 'storage.append', 'locked by pid 42') }
      check(err, klass, 'storage.append', bilingual: false)
      assert_equal 'storage.append: locked by pid 42', err.message
    end
    assert_equal 13, Kemitraan::ERRORS_BY_CODE.size
    err = assert_raises(Kemitraan::Error) { Kemitraan::Lib.km_error_set(-1, nil, nil) }
    assert_equal Kemitraan::Error, err.class
  end
end

# Fail the N-th allocation of an operation for every N until it succeeds;
# each failure is OutOfMemory and changes nothing.
class TestOutOfMemoryLoop < Minitest::Test
  def test_operations_under_allocation_failure
    alloc = FailingAllocator.new
    net = alloc.open_network
    net.actor = 'admin:test'
    a = net.create_partner(name: 'A', external_id: 'ID-NIB-1', sectors: ['health'])
    b = net.create_partner(name: 'B', external_id: 'ID-NIB-2')
    ops = [
      -> { net.create_partner(name: 'C', external_id: 'ID-NIB-3', kind: :ngo, region: '32.73', sectors: %w[health water]) },
      -> { net.update_partner(a, email: 'a@b.co') },
      lambda {
        net.create_agreement(title: 'KS', reference: 'PKS/1', type: :cooperation, start_date: '2025-01-01',
                             parties: [[a, :funding], [b, :implementing]])
      },
      -> { net.partners(region: '32').to_a },
      -> { net.audit.to_a }
    ]
    ops.each do |op|
      n = 1
      loop do
        seq = net.seq
        head = net.head_hash
        alloc.arm(n)
        begin
          op.call
        rescue Kemitraan::OutOfMemory
          failures = alloc.failures
          alloc.arm(0)
          assert_equal 1, failures
          assert_equal [seq, head], [net.seq, net.head_hash]
          n += 1
          next
        end
        alloc.arm(0)
        break
      end
      assert_operator n, :>, 1
    end
    net.close
    a.close
    b.close
    ops = nil
    assert_equal 0, alloc.settle
    assert_nil ops
  end
end
