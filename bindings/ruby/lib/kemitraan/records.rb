# frozen_string_literal: true

module Kemitraan
  # Read-only objects over C handles, for the commitment and evaluation
  # modules: an entity snapshot (Record) with one method per C accessor,
  # and indexed result sets (Rows: tranches, ledger entries, schedules...)
  # whose items are frozen Structs. Values are converted at the boundary.
  module Conv
    TEXT = ->(v) { Lib.from_c(v) }
    DATE = ->(v) { Lib.from_date(v) }
    TIME = ->(v) { Lib.from_micros(v) }
    FLAG = ->(v) { v != 0 }

    # Converter of a C int to the Symbol of +enum+ (an EnumType).
    def self.enum(enum)
      ->(v) { enum[v] }
    end
  end

  # An immutable snapshot of one entity version (owned, or borrowed from a
  # page that it keeps alive).
  class Record
    attr_reader :handle

    def initialize(handle)
      @handle = handle
    end

    # Releases the C handle now (otherwise done by the garbage collector).
    def close
      @handle.close
    end

    # Defines one reader per name => [C function, converter or nil].
    def self.accessors(**props)
      @fields = fields + props.keys
      props.each do |name, (fn, conv)|
        if conv
          define_method(name) { conv.call(Lib.send(fn, @handle)) }
        else
          define_method(name) { Lib.send(fn, @handle) }
        end
      end
    end

    def self.fields
      @fields || []
    end

    def to_h
      self.class.fields.to_h { |f| [f, public_send(f)] }
    end

    def ==(other)
      other.instance_of?(self.class) && other.id == id &&
        (!respond_to?(:version) || other.version == version)
    end
    alias eql? ==

    def hash
      [self.class, id, respond_to?(:version) ? version : 0].hash
    end

    def inspect
      return "#<#{self.class.name} closed>" if @handle.closed?

      "#<#{self.class.name} #{id}>"
    end
  end

  # An immutable result set read from C at once (the C handle is freed
  # right away): Enumerable over frozen Structs, with #[] and #size, and
  # the set's own values (a schedule's total_interest...) as readers.
  class Rows
    include Enumerable

    attr_reader :rows

    # kind: the handle kind; free, count: C functions; columns: name =>
    # [C function (handle, i), converter]; extras: name => [C function (handle), converter].
    def self.read(row_class, kind, ptr, free, count, columns, extras = {})
      handle = Handle.new(kind, ptr, Lib.method(free))
      begin
        rows = Array.new(Lib.send(count, handle)) do |i|
          row_class.new(*columns.map { |_, (fn, conv)| v = Lib.send(fn, handle, i); conv ? conv.call(v) : v }).freeze
        end
        values = extras.transform_values { |(fn, conv)| v = Lib.send(fn, handle); conv ? conv.call(v) : v }
        new(rows, values)
      ensure
        handle.close
      end
    end

    def initialize(rows, values = {})
      @rows = rows.freeze
      @values = values.freeze
      values.each_key { |k| define_singleton_method(k) { @values[k] } }
    end

    def each(&block)
      return enum_for(:each) unless block

      @rows.each(&block)
      self
    end

    def [](index)
      @rows[index]
    end

    def size
      @rows.size
    end
    alias length size

    def last
      @rows.last
    end

    def empty?
      @rows.empty?
    end

    def inspect
      "#<Kemitraan::Rows #{@rows.size} rows>"
    end
  end
end

module Kemitraan
  # Generic keyword forms: struct members set by name from Ruby values.
  module Records
    # Sets members of +struct+ from +values+: kinds (a Hash member =>
    # :str, :strs, :uint64, :uint32, :int32, :float or :int) say how each
    # crosses: Strings/Dates to C strings, Arrays to C arrays with their
    # *_count member, objects with #id to ids, Symbols of enums left to the
    # caller (pass Integers). +arena+ keeps the memory alive.
    def self.fill(arena, struct, kinds, prefix, values)
      values.each do |key, value|
        kind = kinds[key]
        raise ArgumentError, "unknown #{prefix} field #{key.inspect}" unless kind
        next if value.nil?

        field = "#{prefix}.#{key}"
        case kind
        when :str then struct[key] = arena.str(value.is_a?(Date) || value.is_a?(Time) ? Lib.to_date(value) : value, field)
        when :strs
          arr, n = arena.strs(value, field)
          struct[key] = arr
          set_count(struct, kinds, key, n)
        when :uint64, :uint32, :int32, :int64
          list = Array(value).map { |v| v.is_a?(Integer) ? v : Lib.id_of(v, field) }
          struct[key] = arena.array(kind, list)
          set_count(struct, kinds, key, list.size)
        when :float then struct[key] = Float(value)
        else struct[key] = value.is_a?(Integer) ? value : Lib.id_of(value, field)
        end
      end
      struct
    end

    def self.set_count(struct, kinds, key, count)
      name = [:"#{key}_count", :"#{key.to_s.sub(/_[a-z]+\z/, '')}s_count"].find { |c| kinds.key?(c) }
      struct[name] = count if name
    end
  end
end
