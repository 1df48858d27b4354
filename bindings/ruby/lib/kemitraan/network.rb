# frozen_string_literal: true

module Kemitraan
  # network.h
  Lib.status :km_network_open, :pointer, :km_storage, :pointer
  Lib.func :km_network_close, :void, :pointer
  Lib.status :km_network_set_actor, :km_network, :string
  Lib.func :km_network_actor, :string, :km_network
  Lib.status :km_network_set_authorizer, :km_network, :km_authorizer_fn, :pointer
  Lib.status :km_network_set_clock, :km_network, :km_clock_fn, :pointer
  Lib.func :km_network_now, :int64, :km_network
  Lib.status :km_network_begin, :km_network
  Lib.status :km_network_commit, :km_network
  Lib.status :km_network_rollback, :km_network
  Lib.status :km_network_refresh, :km_network
  Lib.status :km_network_stats_get, :pointer, :km_network
  Lib.func :km_network_seq, :uint64, :km_network
  Lib.status :km_network_head_hash, :pointer, :km_network
  Lib.status :km_network_state_hash, :pointer, :km_network
  Lib.func :km_network_snapshot_seq, :uint64, :km_network
  Lib.status :km_storage_verify, :pointer, :km_storage, :string, :uint64
  Lib.status :km_network_verify, :pointer, :km_network
  Lib.func :km_entity_label, :string, :int, :int
  # file.h
  Lib.status :km_storage_file_open, :pointer, :string, :pointer
  Lib.status :km_network_open_file, :pointer, :string, :pointer, :pointer
  Lib.status :km_network_snapshot, :km_network
  Lib.status :km_network_sync, :km_network
  # sys/storage.h
  Lib.status :km_storage_memory_new, :pointer, :pointer
  Lib.func :km_storage_free, :void, :pointer
  Lib.status :km_error_set, :int, :string, :string

  # Entity kinds named in audit entries and authorizer requests (km_entity).
  Entity = EnumType.new(:entity, { network: 0, partner: 1, agreement: 2, framework: 3, commitment: 4,
                                   dispute: 5, indicator: 6, measurement: 7, opportunity: 8, interest: 9 },
                        :km_entity_label)

  # When the file store forces data to disk (km_sync_mode).
  SyncMode = EnumType.new(:sync_mode, { full: 0, normal: 1, off: 2 })

  # What the authorizer is asked to allow (km_auth_request).
  AuthRequest = Struct.new(:entity, :entity_id, :operation, :actor, keyword_init: true)

  # Counts of km_network_stats_get: one member per C field.
  Stats = Struct.new(*Native::STATS_FIELDS, keyword_init: true)

  # Result of a hash-chain verification: ok?, entries, first_bad_seq,
  # head_hash and, when broken, the Corrupt error naming the entry.
  Verification = Struct.new(:ok, :entries, :first_bad_seq, :head_hash, :error, keyword_init: true) do
    alias_method :ok?, :ok
  end

  def self.verification(report, error)
    Verification.new(ok: error.nil?, entries: report[:entries], first_bad_seq: report[:first_bad_seq],
                     head_hash: report[:head_hash].to_s, error: error)
  end

  def self.run_verify
    report = Native::VerifyReport.make
    begin
      yield report
    rescue Corrupt => e
      return verification(report, e)
    end
    verification(report, nil)
  end

  def self.file_options(sync: nil, read_only: false, no_create: false)
    opts = Native::FileOptions.make
    opts[:sync] = SyncMode.to_i(sync, 'file.sync') unless sync.nil?
    opts[:read_only] = read_only ? 1 : 0
    opts[:no_create] = no_create ? 1 : 0
    opts
  end

  # A storage backend owned by Ruby (MemoryStore, FileStore). Several
  # networks may share one; it is freed only when it has been closed (or
  # collected) and every network opened on it is closed.
  class Store
    # Shared between the store and its networks' releasers; never refers to
    # the Ruby objects, so the garbage collector can take them.
    State = Struct.new(:ptr, :users, :released)

    attr_reader :state

    def initialize(ptr)
      @state = State.new(ptr, 0, false)
      ObjectSpace.define_finalizer(self, Store.finalizer(@state))
    end

    def self.finalizer(state)
      proc { Store.release(state) }
    end

    def self.release(state)
      state.released = true
      free_if_unused(state)
    end

    def self.free_if_unused(state)
      return unless state.released && state.users.zero? && state.ptr

      ptr = state.ptr
      state.ptr = nil
      Lib.km_storage_free(ptr)
    end

    def closed?
      @state.released
    end

    # Frees the backend (networks opened on it keep it until they close).
    def close
      Store.release(@state)
      nil
    end

    # The handle for C calls.
    def handle
      raise ClosedError, 'store is closed' if @state.released || @state.ptr.nil?

      @handle ||= Handle.new(:km_storage, @state.ptr)
    end

    # Recomputes the hash chain of the whole store (km_storage_verify).
    def verify(expected_head = nil, expected_head_seq = 0)
      Kemitraan.run_verify do |r|
        Lib.km_storage_verify(r.pointer, handle, Lib.to_c(expected_head, 'expected_head'), expected_head_seq)
      end
    end
  end

  # The built-in memory backend: share one between networks to see each
  # other's changes after #refresh.
  class MemoryStore < Store
    def initialize
      out = FFI::MemoryPointer.new(:pointer)
      Lib.km_storage_memory_new(out, nil)
      super(out.read_pointer)
    end
  end

  # The built-in file store (file.h), for verifying a store or sharing it.
  class FileStore < Store
    def initialize(path, sync: nil, read_only: false, no_create: false)
      out = FFI::MemoryPointer.new(:pointer)
      opts = Kemitraan.file_options(sync: sync, read_only: read_only, no_create: no_create)
      Lib.km_storage_file_open(out, Lib.to_c(path.to_s, 'path'), opts.pointer)
      super(out.read_pointer)
    end
  end

  # An open partnership network. Open with Network.open (memory, a file
  # path or a shared Store) or Network.open_file; pass a block to have it
  # closed at the end. A network is used by one thread at a time.
  #
  # Domain files (partner.rb, agreement.rb, ...) reopen this class to add
  # their methods: a new header becomes one new file.
  class Network
    OPEN_OPTIONS = %i[actor clock authorizer read_only as_of_seq as_of_time retry_on_conflict no_snapshot].freeze

    class << self
      # Opens a network: on a file store when +path+ is given, on +storage+
      # (a Store shared with other networks), else on a private memory
      # store. With a block, yields the network, closes it afterwards and
      # returns the block's value.
      #
      # Options: actor:, clock: (callable returning a Time or microseconds),
      # authorizer: (callable(AuthRequest) returning nil/true to allow,
      # false or a reason String to deny), read_only:, as_of_seq:,
      # as_of_time: (Time or microseconds), retry_on_conflict:,
      # no_snapshot:; with a path also sync: and no_create:.
      def open(path = nil, storage: nil, sync: nil, no_create: false, **options, &block)
        if path
          raise ArgumentError, 'give either a path or storage:, not both' if storage

          return open_file(path, sync: sync, no_create: no_create, **options, &block)
        end
        keep = {}
        opts = build_options(keep, **options)
        store_state = nil
        if storage
          store_state = storage.state
          keep[:storage] = storage.handle
        end
        out = FFI::MemoryPointer.new(:pointer)
        Lib.km_network_open(out, storage&.handle, opts.pointer)
        store_state.users += 1 if store_state
        finish(new(out.read_pointer, keep, store_state), &block)
      end

      # Opens (or creates) a file store owned by the network (file.h).
      def open_file(path, sync: nil, no_create: false, **options, &block)
        keep = {}
        opts = build_options(keep, **options)
        fopts = Kemitraan.file_options(sync: sync, read_only: options[:read_only], no_create: no_create)
        out = FFI::MemoryPointer.new(:pointer)
        Lib.km_network_open_file(out, Lib.to_c(path.to_s, 'path'), fopts.pointer, opts.pointer)
        finish(new(out.read_pointer, keep, nil), &block)
      end

      # The releaser of a network: captures only the C pointer's companions
      # (callbacks, the shared store's state), never the Network object.
      def releaser(keep, store_state)
        lambda do |ptr|
          Lib.km_network_close(ptr)
          keep.clear
          if store_state
            store_state.users -= 1
            Store.free_if_unused(store_state)
          end
        end
      end

      def clock_function(callable)
        FFI::Function.new(:int64, [:pointer]) do |_payload|
          Lib.to_micros(callable.call)
        rescue Exception => e # rubocop:disable Lint/RescueException -- never unwind through C
          Lib.warn_callback('clock', e)
          (Time.now.to_r * 1_000_000).to_i
        end
      end

      def authorizer_function(callable)
        FFI::Function.new(:int, %i[pointer pointer pointer size_t]) do |_payload, req_ptr, reason, size|
          r = Native::AuthRequest.new(req_ptr)
          request = AuthRequest.new(entity: Entity[r[:entity]], entity_id: r[:entity_id],
                                    operation: Lib.from_c(r[:operation].read_string),
                                    actor: Lib.from_c(r[:actor].read_string))
          verdict = callable.call(request)
          case verdict
          when nil, true then 0
          when false then 1
          when String
            write_reason(reason, size, verdict)
            1
          else
            raise TypeError, "an authorizer returns nil/true (allow), false or a reason String (deny), not #{verdict.class}"
          end
        rescue Exception => e # rubocop:disable Lint/RescueException -- deny; becomes the cause of Denied
          Lib.pending = e
          write_reason(reason, size, "#{e.class}: #{e.message}")
          1
        end
      end

      def write_reason(buf, size, text)
        return if buf.null? || size.zero?

        bytes = text.to_s.b[0, size - 1]
        bytes = bytes[0...-1] until bytes.dup.force_encoding(Lib::UTF8).valid_encoding?
        buf.put_bytes(0, "#{bytes}\0")
      end

      private

      def build_options(keep, actor: nil, clock: nil, authorizer: nil, read_only: false, as_of_seq: nil,
                        as_of_time: nil, retry_on_conflict: false, no_snapshot: false)
        opts = Native::NetworkOptions.make
        if actor
          keep[:actor] = FFI::MemoryPointer.from_string(Lib.to_c(actor, 'actor'))
          opts[:actor] = keep[:actor]
        end
        if clock
          keep[:clock] = clock_function(clock)
          opts[:clock] = keep[:clock]
        end
        if authorizer
          keep[:authorizer] = authorizer_function(authorizer)
          opts[:authorizer] = keep[:authorizer]
        end
        opts[:read_only] = read_only ? 1 : 0
        opts[:as_of_seq] = as_of_seq || 0
        opts[:as_of_time] = Lib.to_micros(as_of_time)
        opts[:retry_on_conflict] = retry_on_conflict ? 1 : 0
        opts[:no_snapshot] = no_snapshot ? 1 : 0
        opts
      end

      def finish(net)
        return net unless block_given?

        begin
          yield net
        ensure
          net.close
        end
      end
    end

    def initialize(ptr, keep, store_state)
      # keep holds what C refers to (callbacks, the store); the releaser
      # holds keep, so they outlive the C handle.
      @keep = keep
      @handle = Handle.new(:km_network, ptr, Network.releaser(keep, store_state))
    end

    # The handle for C calls (ClosedError once closed).
    attr_reader :handle

    # Closes the network (an open transaction is rolled back). Idempotent.
    # Partners, pages and other objects read from it stay valid.
    def close
      @handle.close
    end

    def closed?
      @handle.closed?
    end

    def inspect
      return '#<Kemitraan::Network closed>' if closed?

      "#<Kemitraan::Network seq=#{seq} actor=#{actor.inspect}>"
    end

    # ---- hooks ----

    # Who makes the following changes ("" when unset).
    def actor
      Lib.from_c(Lib.km_network_actor(@handle))
    end

    def actor=(value)
      Lib.km_network_set_actor(@handle, Lib.to_c(value, 'actor'))
    end

    # Replaces the clock: a callable (or block) returning a Time or
    # microseconds since the epoch; nil restores the system clock.
    def set_clock(callable = nil, &block)
      callable ||= block
      fn = callable ? Network.clock_function(callable) : nil
      Lib.km_network_set_clock(@handle, fn, nil)
      @keep[:clock] = fn # only now may the previous one go
    end

    # Replaces the authorizer (see Network.open); nil allows everything.
    def set_authorizer(callable = nil, &block)
      callable ||= block
      fn = callable ? Network.authorizer_function(callable) : nil
      Lib.km_network_set_authorizer(@handle, fn, nil)
      @keep[:authorizer] = fn
    end

    # The network clock's current time (UTC Time).
    def now
      Lib.from_micros(Lib.km_network_now(@handle))
    end

    # ---- transactions ----

    def begin_transaction
      Lib.km_network_begin(@handle)
    end

    def commit
      Lib.km_network_commit(@handle)
    end

    def rollback
      Lib.km_network_rollback(@handle)
    end

    # Every change in the block is one log entry, committed at the end; an
    # exception rolls everything back and propagates.
    def transaction
      begin_transaction
      begin
        result = yield self
      rescue Exception # rubocop:disable Lint/RescueException -- roll back on anything, then re-raise
        begin
          rollback unless closed?
        rescue InvalidState
          nil
        end
        raise
      end
      commit
      result
    end

    # ---- state ----

    # Applies entries other handles appended since the last refresh.
    def refresh
      Lib.km_network_refresh(@handle)
      self
    end

    # Counts of the current state (a Stats).
    def stats
      out = Native::NetworkStats.make
      Lib.km_network_stats_get(out.pointer, @handle)
      Stats.new(**Native::STATS_FIELDS.to_h { |f| [f, out[f]] })
    end

    # Last log sequence applied (0 for an empty log).
    def seq
      Lib.km_network_seq(@handle)
    end

    # Hex SHA-256 of the last applied log entry.
    def head_hash
      buf = FFI::MemoryPointer.new(:char, 65)
      Lib.km_network_head_hash(buf, @handle)
      buf.read_string
    end

    # Hex SHA-256 of the whole state: the bytes a snapshot of it would
    # hold. The same for a handle opened from an honest snapshot and one
    # opened with no_snapshot: true at the same sequence, so it shows a
    # snapshot that was altered (see snapshot_seq). Costs about what
    # writing a snapshot costs. Raises InvalidState inside a transaction.
    def state_hash
      buf = FFI::MemoryPointer.new(:char, 65)
      Lib.km_network_state_hash(buf, @handle)
      buf.read_string
    end

    # Sequence of the snapshot this handle was opened from; 0 when the
    # whole log was replayed (no_snapshot, no snapshot, or an unusable one).
    def snapshot_seq
      Lib.km_network_snapshot_seq(@handle)
    end

    # Re-reads the log and recomputes the hash chain (a Verification: ok?
    # false and error set when the chain is broken).
    def verify
      Kemitraan.run_verify { |r| Lib.km_network_verify(r.pointer, @handle) }
    end

    # Saves a snapshot so later opens need not replay the whole log.
    def snapshot
      Lib.km_network_snapshot(@handle)
    end

    # Makes every commit so far durable.
    def sync
      Lib.km_network_sync(@handle)
    end
  end
end
