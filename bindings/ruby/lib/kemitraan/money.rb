# frozen_string_literal: true

module Kemitraan
  Lib.status :km_currency_digits, :string
  Lib.status :km_money_format, :pointer, :size_t, :int64, :string, :int

  # A buffer this large holds any km_money_format result.
  MONEY_FORMAT_MAX = 48
  INT64_RANGE = (-(2**63)..(2**63 - 1)).freeze

  # Minor-unit digits of an ISO 4217 currency (InvalidArgument if unknown).
  def self.currency_digits(code)
    Lib.km_currency_digits(Lib.to_c(code, 'currency'))
  end

  # Display text: "Rp1.234.567,89" (:id) or "Rp1,234,567.89" (:en).
  def self.format_money(minor, currency, lang = nil)
    buf = FFI::MemoryPointer.new(:char, MONEY_FORMAT_MAX)
    Lib.km_money_format(buf, MONEY_FORMAT_MAX, minor, Lib.to_c(currency, 'currency'), lang_code(lang))
    Lib.from_c(buf.read_string)
  end

  # Exact money: integer minor units (sen, cents) of an ISO 4217 currency.
  # Floats are refused; Money.parse takes a String, Rational or Integer.
  Money = Struct.new(:minor, :currency) do
    def initialize(minor, currency)
      raise TypeError, "Money minor units must be an Integer, not #{minor.class}" unless minor.is_a?(Integer)
      unless INT64_RANGE.cover?(minor)
        raise Kemitraan::RangeError.new('money.minor: outside the 64-bit range of minor units', 'money',
                                        'money.minor: di luar rentang 64-bit satuan terkecil')
      end

      super(minor, currency.to_s)
      freeze
    end

    # Money from major units: "1234567.89", a Rational or an Integer. More
    # decimals than the currency has is InvalidArgument.
    def self.parse(amount, currency)
      raise TypeError, 'money is never a Float: pass a String or a Rational' if amount.is_a?(Float)

      digits = Kemitraan.currency_digits(currency)
      value = begin
        amount.is_a?(String) ? Rational(amount.strip) : Rational(amount)
      rescue ArgumentError, TypeError
        raise InvalidArgument.new("money.amount: #{amount.inspect} is not a number", 'money.amount',
                                  "money.amount: #{amount.inspect} bukan angka")
      end
      scaled = value * (10**digits)
      unless scaled.denominator == 1
        raise InvalidArgument.new("money.amount: #{amount} has more than #{digits} decimals for #{currency}",
                                  'money.amount',
                                  "money.amount: #{amount} memiliki lebih dari #{digits} desimal untuk #{currency}")
      end
      new(scaled.to_i, currency)
    end

    # The amount in major units, exact (Rational).
    def amount
      Rational(minor, 10**Kemitraan.currency_digits(currency))
    end

    def format(lang = nil)
      Kemitraan.format_money(minor, currency, lang)
    end

    def to_s
      format
    end

    def +(other)
      Money.new(minor + same(other).minor, currency)
    end

    def -(other)
      Money.new(minor - same(other).minor, currency)
    end

    def -@
      Money.new(-minor, currency)
    end

    private

    def same(other)
      raise TypeError, "cannot combine Money with #{other.class}" unless other.is_a?(Money)
      return other if other.currency == currency

      raise InvalidArgument.new("money.currency: cannot combine #{currency} and #{other.currency}", 'money.currency',
                                "money.currency: #{currency} dan #{other.currency} tidak dapat digabung")
    end
  end
end
