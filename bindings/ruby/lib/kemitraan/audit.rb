# frozen_string_literal: true

require 'json'

module Kemitraan
  Lib.status :km_audit_list, :pointer, :km_network, :pointer
  Lib.func :km_audit_count, :size_t, :km_audit
  Lib.func :km_audit_seq, :uint64, :km_audit, :size_t
  Lib.func :km_audit_time, :int64, :km_audit, :size_t
  Lib.func :km_audit_actor, :string, :km_audit, :size_t
  Lib.func :km_audit_entity, :int, :km_audit, :size_t
  Lib.func :km_audit_entity_id, :uint64, :km_audit, :size_t
  Lib.func :km_audit_operation, :string, :km_audit, :size_t
  Lib.func :km_audit_data_json, :string, :km_audit, :size_t
  Lib.func :km_audit_next_seq, :uint64, :km_audit
  Lib.func :km_audit_free, :void, :pointer

  # One audited change: who, when, what (data is the parsed JSON object).
  AuditEntry = Struct.new(:seq, :time, :actor, :entity, :entity_id, :operation, :data, keyword_init: true)

  # The audit trail of a network, oldest first (Enumerable). The log is read
  # in batches of about batch_size changes, following the next sequence.
  class AuditTrail
    include Enumerable

    def initialize(network, query_values, batch_size, limit)
      @network = network
      @values = query_values
      @batch_size = batch_size
      @limit = limit
    end

    def each
      return enum_for(:each) unless block_given?

      arena = Lib::Arena.new
      q = Native::AuditQuery.make(**@values.except(:actor), limit: @batch_size)
      q[:actor] = arena.str(@values[:actor], 'audit.actor') if @values[:actor]
      yielded = 0
      loop do
        out = FFI::MemoryPointer.new(:pointer)
        Lib.km_audit_list(out, @network.handle, q.pointer)
        h = Handle.new(:km_audit, out.read_pointer, Lib.method(:km_audit_free))
        begin
          Lib.km_audit_count(h).times do |i|
            return self if @limit && yielded >= @limit

            yield entry(h, i)
            yielded += 1
          end
          nxt = Lib.km_audit_next_seq(h)
        ensure
          h.close
        end
        break if nxt.zero? || nxt <= q[:from_seq]

        q[:from_seq] = nxt
      end
      self
    end

    private

    def entry(h, i)
      raw = Lib.from_c(Lib.km_audit_data_json(h, i))
      AuditEntry.new(seq: Lib.km_audit_seq(h, i), time: Lib.from_micros(Lib.km_audit_time(h, i)),
                     actor: Lib.from_c(Lib.km_audit_actor(h, i)), entity: Entity[Lib.km_audit_entity(h, i)],
                     entity_id: Lib.km_audit_entity_id(h, i), operation: Lib.from_c(Lib.km_audit_operation(h, i)),
                     data: raw ? JSON.parse(raw) : {})
    end
  end

  # Audit methods of Network.
  class Network
    # The changes applied to this network, oldest first. Filters: entity:
    # (a Symbol, or an entity object such as a Partner), entity_id:,
    # actor:, since:, until: (Time or microseconds, inclusive), from_seq:;
    # limit: stops after that many changes.
    def audit(entity: nil, entity_id: nil, actor: nil, since: nil, from_seq: nil, limit: nil, batch_size: 500,
              **rest)
      until_time = rest.delete(:until)
      raise ArgumentError, "unknown keywords: #{rest.keys.join(', ')}" unless rest.empty?

      if entity && !entity.is_a?(Symbol) && !entity.is_a?(String) && !entity.is_a?(Integer)
        entity_id ||= entity.id
        entity = entity.class.name.split('::').last.downcase
      end
      values = { since: Lib.to_micros(since), until: Lib.to_micros(until_time), from_seq: from_seq || 0 }
      values[:entity] = Entity.to_i(entity, 'audit.entity') if entity
      values[:entity_id] = Lib.id_of(entity_id, 'audit.entity_id') if entity_id
      values[:actor] = actor if actor
      AuditTrail.new(self, values, batch_size, limit)
    end
  end
end
