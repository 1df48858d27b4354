# frozen_string_literal: true

require 'date'

module Kemitraan
  # The C library: loading, function declarations and the conversions every
  # module shares (text, time, dates, string arrays).
  #
  # Search order for libkemitraan:
  # 1. the KEMITRAAN_LIBRARY environment variable (a path; if it is set and
  #    cannot be loaded, that is an error: no silent fallback);
  # 2. the CMake build tree next to the repository (<repo>/build);
  # 3. "kemitraan" through ffi's own search (the system's library path);
  # 4. libkemitraan.so.<major> through the dynamic loader.
  module Lib
    extend FFI::Library

    # Major version of the C library this binding is written for.
    EXPECTED_MAJOR = 0

    def self.candidates
      env = ENV['KEMITRAAN_LIBRARY']
      return [env] if env && !env.empty?

      suffix = FFI::Platform::LIBSUFFIX
      repo = File.expand_path('../../../..', __dir__)
      build = File.join(repo, 'build', "libkemitraan.#{suffix}")
      list = []
      list << build if File.exist?(build)
      list + ['kemitraan', "libkemitraan.#{suffix}.#{EXPECTED_MAJOR}"]
    end

    begin
      ffi_lib candidates
    rescue LoadError => e
      raise LoadError, "libkemitraan could not be loaded (set KEMITRAAN_LIBRARY to its path): #{e.message}"
    end

    # Path of the loaded library.
    PATH = ffi_libraries.first.name

    # Every declared C function: name => { args:, ret: } (checked by the tests).
    DECLARED = {}
    # Declared names the loaded library does not export (an older library).
    MISSING = []

    # Declares a C function. Status functions (returning 0 or a KM_E* code)
    # get a wrapper that raises the typed exception; a function missing from
    # the loaded library becomes a stub raising VersionError when called.
    def self.declare(name, args, ret, check)
      raw = :"#{name}__raw"
      begin
        attach_function raw, name, args, ret
      rescue FFI::NotFoundError
        MISSING << name
        DECLARED[name] = { args: args, ret: ret, missing: true }
        define_singleton_method(name) do |*|
          raise VersionError.new("#{name} is not in the loaded libkemitraan (#{PATH}); it needs a newer library",
                                 'library')
        end
        return
      end
      DECLARED[name] = { args: args, ret: ret }
      if check
        define_singleton_method(name) { |*a| Lib.check(send(raw, *a)) }
      else
        singleton_class.send(:alias_method, name, raw)
      end
    end

    def self.status(name, *args)
      declare(name, args, :int, true)
    end

    def self.func(name, ret, *args)
      declare(name, args, ret, false)
    end

    func :km_error_last, :int
    func :km_error_last_field, :string
    func :km_error_last_message, :string, :int
    func :km_strerror_lang, :string, :int, :int
    func :km_strerror, :string, :int
    func :km_error_clear, :void
    func :km_version, :int
    func :km_version_string, :string

    # The typed exception for +code+, with the thread's last field and
    # messages (read at once: they live only until the next library call).
    def self.last_error(code)
      if km_error_last == code
        field = from_c(km_error_last_field)
        en = from_c(km_error_last_message(LANG_EN))
        id = from_c(km_error_last_message(LANG_ID))
      else
        field = ''
        en = from_c(km_strerror_lang(code, LANG_EN))
        id = from_c(km_strerror_lang(code, LANG_ID))
      end
      Kemitraan.error_class(code).new(en, field, id, code: code)
    end

    # An exception raised by a Ruby callback (clock, authorizer, writer) on
    # this thread, waiting to become the cause of the call's error.
    # Exceptions never unwind through the C frames.
    def self.pending=(exc)
      Thread.current[:kemitraan_pending] = exc
    end

    def self.check(rc)
      pending = Thread.current[:kemitraan_pending]
      Thread.current[:kemitraan_pending] = nil
      return rc if rc >= 0

      err = last_error(rc)
      raise err, cause: pending if pending

      raise err
    end

    loaded = km_version
    if loaded / 10_000 != EXPECTED_MAJOR
      raise VersionError.new("libkemitraan #{km_version_string} at #{PATH} has major version #{loaded / 10_000}; " \
                             "this binding needs #{EXPECTED_MAJOR}", 'library')
    end

    UTF8 = Encoding::UTF_8

    # ---- text: every string crosses the boundary through these helpers ----

    # Ruby String -> UTF-8 bytes for C (nil stays nil).
    def self.to_c(value, field = 'value')
      return nil if value.nil?

      str = value.is_a?(Symbol) ? value.to_s : value
      raise TypeError, "#{field}: expected a String, got #{value.class}" unless str.is_a?(String)

      out = str.encoding == UTF8 || str.encoding == Encoding::ASCII_8BIT ? str : str.encode(UTF8)
      if out.include?("\0")
        raise InvalidArgument.new("#{field}: contains a NUL byte", field, "#{field}: mengandung byte NUL")
      end

      out
    end

    # C string -> Ruby UTF-8 String (NULL -> nil).
    def self.from_c(value)
      value&.dup&.force_encoding(UTF8)
    end

    # Keeps the memory of a call's C arguments (strings, arrays) alive until
    # the call is over.
    class Arena
      def initialize
        @keep = []
      end

      # A const char * for +value+ (NULL for nil).
      def str(value, field = 'value')
        s = Lib.to_c(value, field)
        return FFI::Pointer::NULL if s.nil?

        keep(FFI::MemoryPointer.from_string(s))
      end

      # [const char *const *, count] for a list of strings.
      def strs(values, field = 'value')
        list = Array(values)
        return [FFI::Pointer::NULL, 0] if list.empty?

        arr = FFI::MemoryPointer.new(:pointer, list.size)
        arr.write_array_of_pointer(list.map { |v| str(v, field) })
        [keep(arr), list.size]
      end

      # A C array of +type+ holding +values+ (NULL when empty).
      def array(type, values)
        return FFI::Pointer::NULL if values.empty?

        mp = FFI::MemoryPointer.new(type, values.size)
        mp.send(:"write_array_of_#{type}", values)
        keep(mp)
      end

      def keep(obj)
        @keep << obj
        obj
      end
    end

    # ---- time: microseconds since 1970-01-01 UTC; civil dates ----

    def self.from_micros(us)
      return nil if us.nil? || us.zero?

      Time.at(Rational(us, 1_000_000)).utc
    end

    def self.to_micros(value)
      case value
      when nil then 0
      when Integer then value
      when Time then (value.to_r * 1_000_000).round
      when DateTime then to_micros(value.to_time)
      when Date then to_micros(Time.utc(value.year, value.month, value.day))
      else raise TypeError, "expected a Time, Date or microseconds, got #{value.class}"
      end
    end

    # Date, Time or "YYYY-MM-DD" -> String for C (nil stays nil).
    def self.to_date(value, field = 'date')
      case value
      when nil then nil
      when Date, Time then value.strftime('%Y-%m-%d')
      else to_c(value, field)
      end
    end

    # C "YYYY-MM-DD" -> Date (nil stays nil).
    def self.from_date(value)
      return nil if value.nil?

      Date.iso8601(value)
    rescue Date::Error
      from_c(value)
    end

    # An id given as an Integer or as an object with #id (a Partner...).
    def self.id_of(value, field = 'id')
      return value if value.is_a?(Integer)
      return value.id if value.respond_to?(:id) && value.id.is_a?(Integer)

      raise TypeError, "#{field}: expected an id or an object with #id, got #{value.class}"
    end

    # A callback failed in a way the library cannot be told about.
    def self.warn_callback(kind, exc)
      warn "kemitraan: #{kind} callback raised #{exc.class}: #{exc.message}"
    end
  end

  # Version string of the loaded C library, e.g. "0.1.0".
  def self.library_version
    Lib.from_c(Lib.km_version_string)
  end
end
