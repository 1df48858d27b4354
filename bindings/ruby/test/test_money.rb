# frozen_string_literal: true

require_relative 'support'

class TestMoney < Minitest::Test
  def test_digits
    assert_equal [2, 0, 3], %w[IDR JPY KWD].map { |c| Kemitraan.currency_digits(c) }
    assert_raises(Kemitraan::InvalidArgument) { Kemitraan.currency_digits('XYZ') }
  end

  def test_format_both_languages
    m = Kemitraan::Money.new(123_456_789, 'IDR')
    assert_equal 'Rp1.234.567,89', m.format(:id)
    assert_equal 'Rp1,234,567.89', m.format(:en)
    assert_equal 'Rp1,234,567.89', m.to_s
    assert_equal '-Rp5.000,00', Kemitraan.format_money(-500_000, 'IDR', :id)
    assert_equal 'USD 1.234,56', Kemitraan.format_money(123_456, 'USD', :id)
    assert_equal 'JPY 1,500', Kemitraan.format_money(1500, 'JPY', :en)
  end

  def test_parse_is_exact
    assert_equal Kemitraan::Money.new(123_456_789, 'IDR'), Kemitraan::Money.parse('1234567.89', 'IDR')
    assert_equal 10, Kemitraan::Money.parse(Rational(1, 10), 'USD').minor
    assert_equal 15, Kemitraan::Money.parse(15, 'JPY').minor
    assert_equal Rational(123_456_789, 100), Kemitraan::Money.new(123_456_789, 'IDR').amount
    err = assert_raises(Kemitraan::InvalidArgument) { Kemitraan::Money.parse('1.234', 'IDR') }
    assert_equal 'money.amount', err.field
    assert_raises(TypeError) { Kemitraan::Money.parse(0.1, 'USD') }
    assert_raises(TypeError) { Kemitraan::Money.new(1.5, 'USD') }
    assert_raises(Kemitraan::InvalidArgument) { Kemitraan::Money.parse('satu juta', 'IDR') }
  end

  def test_arithmetic_and_range
    a = Kemitraan::Money.new(100, 'IDR')
    b = Kemitraan::Money.new(250, 'IDR')
    assert_equal Kemitraan::Money.new(350, 'IDR'), a + b
    assert_equal Kemitraan::Money.new(-150, 'IDR'), a - b
    assert_raises(Kemitraan::InvalidArgument) { a + Kemitraan::Money.new(1, 'USD') }
    assert_raises(Kemitraan::RangeError) { Kemitraan::Money.new((2**63) - 1, 'IDR') + Kemitraan::Money.new(1, 'IDR') }
    assert a.frozen?
  end
end
