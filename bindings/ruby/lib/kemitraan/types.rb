# frozen_string_literal: true

module Kemitraan
  # Raised when a closed handle (network, partner, graph...) is used.
  class ClosedError < IOError; end

  # One C handle: owned (released with its C _free exactly once, by #close,
  # by the garbage collector or at exit, through an FFI::AutoPointer whose
  # releaser captures only the pointer) or borrowed from an owner (a partner
  # on a page keeps its page alive).
  class Handle
    attr_reader :kind

    def initialize(kind, ptr, release = nil, owner: nil)
      raise ArgumentError, "NULL #{kind}" if ptr.nil? || ptr.null?

      @kind = kind
      @owner = owner
      @ptr = release ? FFI::AutoPointer.new(ptr, release) : ptr
    end

    # The C pointer; ClosedError once closed.
    def pointer
      raise ClosedError, "#{@kind} is closed" if @ptr.nil?

      @ptr
    end

    def closed?
      @ptr.nil?
    end

    # Releases the C handle now. Idempotent.
    def close
      ptr = @ptr
      @ptr = nil
      @owner = nil
      ptr.free if ptr.is_a?(FFI::AutoPointer)
      nil
    end
  end

  # ctypes-style distinct pointer types: a parameter declared as :km_partner
  # accepts only a Handle of that kind (or nil for NULL), so passing a
  # partner where a network is expected raises TypeError instead of
  # crashing in C.
  module HandleType
    def self.define(kind)
      converter = Module.new do
        extend FFI::DataConverter
        native_type FFI::Type::POINTER

        define_singleton_method(:to_native) do |value, _ctx|
          next FFI::Pointer::NULL if value.nil?
          unless value.is_a?(Handle) && value.kind == kind
            raise TypeError, "expected a #{kind} handle, got #{value.is_a?(Handle) ? value.kind : value.class}"
          end

          value.pointer
        end

        define_singleton_method(:from_native) { |ptr, _ctx| ptr }
      end
      Lib.typedef converter, kind
    end
  end

  %i[km_network km_partner km_partner_page km_audit km_agreement km_agreement_page km_milestones km_risks
     km_framework_spec km_framework km_check km_graph km_storage].each { |k| HandleType.define(k) }

  # ctypes-like mirrors of every versioned C struct, field for field in
  # declaration order (test_layout.rb checks them against the compiler).
  module Native
    # Base of the struct mirrors: .make sets version to the header's
    # *_VERSION and the other members to the *_INIT values.
    class Versioned < FFI::Struct
      # Callback and handle types are typedefs of Lib: resolve names there.
      def self.enclosing_module
        Lib
      end

      def self.make(**values)
        s = new
        s[:version] = self::VERSION if members.include?(:version)
        self::DEFAULTS.each { |k, v| s[k] = v }
        values.each { |k, v| s[k] = v }
        s
      end
    end

    # C struct name => mirror class (the layout test walks this).
    STRUCTS = {}

    def self.mirror(c_name, klass, version, defaults = {})
      klass.const_set(:VERSION, version)
      klass.const_set(:DEFAULTS, defaults.freeze)
      klass.const_set(:C_NAME, c_name)
      STRUCTS[c_name] = klass
    end

    # Strings in the mirrors are :pointer members (ruby-ffi cannot store Ruby
    # strings in :string members); Lib::Arena keeps their memory alive.

    # ---- common.h ----
    Lib.callback :km_malloc_fn, %i[pointer size_t], :pointer
    Lib.callback :km_realloc_fn, %i[pointer pointer size_t], :pointer
    Lib.callback :km_free_fn, %i[pointer pointer], :void

    class Allocator < Versioned
      layout :version, :uint, :malloc_fn, :km_malloc_fn, :realloc_fn, :km_realloc_fn, :free_fn, :km_free_fn,
             :payload, :pointer
    end
    mirror 'km_allocator', Allocator, 1

    # ---- sys/storage.h ----
    Lib.callback :km_storage_record_cb, %i[pointer uint64 pointer size_t], :int

    # The backend vtable; the binding only passes pointers to the built-in
    # backends, it is mirrored so its layout is checked like the others.
    class Storage < Versioned
      layout :version, :uint, :append, :pointer, :scan, :pointer, :last_seq, :pointer, :snapshot_write, :pointer,
             :snapshot_read, :pointer, :free, :pointer, :sync, :pointer, :snapshot_begin, :pointer,
             :snapshot_append, :pointer, :snapshot_end, :pointer
    end
    mirror 'km_storage', Storage, 2

    # ---- network.h ----
    class AuthRequest < Versioned
      layout :version, :uint, :entity, :int, :entity_id, :uint64, :operation, :pointer, :actor, :pointer
    end
    mirror 'km_auth_request', AuthRequest, 1

    Lib.callback :km_clock_fn, [:pointer], :int64
    Lib.callback :km_authorizer_fn, %i[pointer pointer pointer size_t], :int

    class NetworkOptions < Versioned
      layout :version, :uint, :allocator, :pointer, :clock, :km_clock_fn, :clock_payload, :pointer,
             :authorizer, :km_authorizer_fn, :authorizer_payload, :pointer, :actor, :pointer, :read_only, :int,
             :as_of_seq, :uint64, :as_of_time, :int64, :retry_on_conflict, :int, :no_snapshot, :int
    end
    mirror 'km_network_options', NetworkOptions, 1

    STATS_FIELDS = %i[log_entries log_events log_bytes partners partners_active partners_suspended
                      partners_archived agreements agreements_active frameworks commitments disputes disputes_open
                      indicators measurements opportunities interests].freeze

    class NetworkStats < Versioned
      layout(*([:version, :uint] + STATS_FIELDS.flat_map { |f| [f, :uint64] }))
    end
    mirror 'km_network_stats', NetworkStats, 3

    class VerifyReport < Versioned
      layout :version, :uint, :entries, :uint64, :first_bad_seq, :uint64, :error, :int, :head_hash, [:char, 65]
    end
    mirror 'km_verify_report', VerifyReport, 1

    # ---- file.h ----
    class FileOptions < Versioned
      layout :version, :uint, :sync, :int, :read_only, :int, :no_create, :int, :allocator, :pointer
    end
    mirror 'km_file_options', FileOptions, 1

    # ---- partner.h ----
    class PartnerFields < Versioned
      layout :version, :uint, :name, :pointer, :external_id, :pointer, :kind, :int, :region, :pointer,
             :email, :pointer, :phone, :pointer, :website, :pointer, :sectors, :pointer, :sectors_count, :size_t,
             :capabilities, :pointer, :capabilities_count, :size_t, :needs, :pointer, :needs_count, :size_t
    end
    mirror 'km_partner_fields', PartnerFields, 1

    class PartnerQuery < Versioned
      layout :version, :uint, :kind, :int, :status, :int, :sector, :pointer, :capability, :pointer,
             :need, :pointer, :region_prefix, :pointer, :name_contains, :pointer, :cursor, :pointer,
             :limit, :uint32, :order, :int
    end
    mirror 'km_partner_query', PartnerQuery, 2, kind: -1, status: -1

    # ---- audit.h ----
    class AuditQuery < Versioned
      layout :version, :uint, :entity, :int, :entity_id, :uint64, :actor, :pointer, :since, :int64,
             :until, :int64, :from_seq, :uint64, :limit, :uint32
    end
    mirror 'km_audit_query', AuditQuery, 1, entity: -1

    # ---- agreement.h ----
    class AgreementFields < Versioned
      layout :version, :uint, :title, :pointer, :reference, :pointer, :type, :int, :purpose, :pointer,
             :sectors, :pointer, :sectors_count, :size_t, :region, :pointer, :start_date, :pointer,
             :end_date, :pointer, :value, :int64, :currency, :pointer, :framework_id, :uint64,
             :dimensions, :uint32, :party_ids, :pointer, :party_roles, :pointer, :parties_count, :size_t,
             :document_uris, :pointer, :document_sha256, :pointer, :documents_count, :size_t
    end
    mirror 'km_agreement_fields', AgreementFields, 1

    class AgreementQuery < Versioned
      layout :version, :uint, :party, :uint64, :type, :int, :family, :int, :status, :int,
             :framework_id, :uint64, :region_prefix, :pointer, :sector, :pointer, :active_on, :pointer,
             :expiring_from, :pointer, :expiring_days, :uint32, :cursor, :pointer, :limit, :uint32
    end
    mirror 'km_agreement_query', AgreementQuery, 1, type: -1, family: -1, status: -1

    class MilestoneFields < Versioned
      layout :version, :uint, :type, :int, :title, :pointer, :due_date, :pointer
    end
    mirror 'km_milestone_fields', MilestoneFields, 1

    # ---- graph.h ----
    Lib.callback :km_write_fn, %i[pointer pointer size_t], :int

    class BetweennessOptions < Versioned
      layout :version, :uint, :normalized, :int, :weighted, :int, :threads, :uint32, :samples, :uint32,
             :seed, :uint64
    end
    mirror 'km_betweenness_options', BetweennessOptions, 1

    class ClosenessOptions < Versioned
      layout :version, :uint, :weighted, :int, :wf_improved, :int, :threads, :uint32
    end
    mirror 'km_closeness_options', ClosenessOptions, 1, wf_improved: 1

    class PagerankOptions < Versioned
      layout :version, :uint, :damping, :double, :tolerance, :double, :max_iter, :uint32, :weighted, :int
    end
    mirror 'km_pagerank_options', PagerankOptions, 1, damping: 0.85, tolerance: 1e-14, max_iter: 1000, weighted: 1

    class EigenvectorOptions < Versioned
      layout :version, :uint, :tolerance, :double, :max_iter, :uint32, :weighted, :int
    end
    mirror 'km_eigenvector_options', EigenvectorOptions, 1, tolerance: 1e-14, max_iter: 1000

    class GraphExportOptions < Versioned
      layout :version, :uint, :name, :pointer, :labels, :pointer, :attr_names, :pointer, :attr_values, :pointer,
             :attr_count, :size_t, :values_len, :size_t
    end
    mirror 'km_graph_export_options', GraphExportOptions, 1
  end
end
