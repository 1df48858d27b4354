# frozen_string_literal: true

module Kemitraan
  # A C enum seen from Ruby: values are Symbols (:regional_government), and
  # each knows its label in Bahasa Indonesia and English.
  class EnumType
    attr_reader :name

    def initialize(name, values, label_fn = nil)
      @name = name
      @by_sym = values.freeze
      @by_int = values.invert.freeze
      @label_fn = label_fn
    end

    def symbols
      @by_sym.keys
    end

    def each(&block)
      symbols.each(&block)
    end

    # Symbol, String or Integer -> the C int. Unknown names raise
    # InvalidArgument; unknown ints pass through for the library to reject.
    def to_i(value, field = @name.to_s)
      case value
      when Integer then value
      when Symbol, String
        key = value.to_s.strip.downcase.tr('- ', '__').to_sym
        @by_sym.fetch(key) do
          names = symbols.join(', ')
          raise InvalidArgument.new("#{field}: unknown value #{value.inspect} (one of: #{names})", field,
                                    "#{field}: nilai #{value.inspect} tidak dikenal (salah satu dari: #{names})")
        end
      else raise TypeError, "#{field}: expected a Symbol or Integer, got #{value.class}"
      end
    end

    # C int -> Symbol (unknown values stay Integers).
    def [](int)
      @by_int.fetch(int, int)
    end

    # The label of +value+ in +lang+ (:id, :en; default Kemitraan.language).
    def label(value, lang = nil)
      Lib.from_c(Lib.send(@label_fn, to_i(value), Kemitraan.lang_code(lang)))
    end
  end

  # A set of bits (party roles): masks from lists of Symbols and back.
  class FlagType < EnumType
    # Symbol(s), String(s) or an Integer -> mask.
    def mask(value, field = @name.to_s)
      case value
      when Integer then value
      when Symbol, String then to_i(value, field)
      when nil then 0
      else value.reduce(0) { |m, v| m | to_i(v, field) }
      end
    end

    # mask -> Symbols of the bits set, lowest first.
    def symbols_of(mask)
      @by_sym.select { |_, bit| (mask & bit).nonzero? }.keys
    end
  end

  # An enum whose values are bit positions of a mask (dimensions, kinds).
  class BitEnumType < EnumType
    def mask(values, field = @name.to_s)
      return values if values.is_a?(Integer)

      Array(values).reduce(0) { |m, v| m | (1 << to_i(v, field)) }
    end

    def symbols_of(mask)
      @by_sym.select { |_, i| (mask & (1 << i)).nonzero? }.keys
    end
  end
end
