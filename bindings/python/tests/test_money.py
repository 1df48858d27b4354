"""Money: exact minor units, ISO 4217 digits, display in both languages."""
import decimal
import unittest

from support import km


class MoneyTest(unittest.TestCase):
    def test_digits(self):
        self.assertEqual(km.currency_digits("IDR"), 2)
        self.assertEqual(km.currency_digits("JPY"), 0)
        self.assertEqual(km.currency_digits("KWD"), 3)
        with self.assertRaises(km.InvalidArgument):
            km.currency_digits("XYZ")

    def test_format_both_languages(self):
        m = km.Money(123456789, "IDR")
        self.assertEqual(m.format("id"), "Rp1.234.567,89")
        self.assertEqual(m.format("en"), "Rp1,234,567.89")
        self.assertEqual(str(m), "Rp1,234,567.89")
        self.assertEqual(km.format_money(-500000, "IDR", "id"), "-Rp5.000,00")
        self.assertEqual(km.format_money(123456, "USD", "id"), "USD 1.234,56")
        self.assertEqual(km.format_money(1500, "JPY", "en"), "JPY 1,500")

    def test_parse_is_exact(self):
        self.assertEqual(km.Money.parse("1234567.89", "IDR"), km.Money(123456789, "IDR"))
        self.assertEqual(km.Money.parse(decimal.Decimal("0.10"), "USD").minor, 10)
        self.assertEqual(km.Money.parse(15, "JPY").minor, 15)
        self.assertEqual(km.Money(123456789, "IDR").amount, decimal.Decimal("1234567.89"))
        with self.assertRaises(km.InvalidArgument) as cm:
            km.Money.parse("1.234", "IDR")
        self.assertEqual(cm.exception.field, "money.amount")
        with self.assertRaises(TypeError):
            km.Money.parse(0.1, "USD")
        with self.assertRaises(TypeError):
            km.Money(1.5, "USD")

    def test_arithmetic_and_range(self):
        a, b = km.Money(100, "IDR"), km.Money(250, "IDR")
        self.assertEqual(a + b, km.Money(350, "IDR"))
        self.assertEqual(a - b, km.Money(-150, "IDR"))
        with self.assertRaises(km.InvalidArgument):
            _ = a + km.Money(1, "USD")
        with self.assertRaises(km.RangeError):
            _ = km.Money(2**63 - 1, "IDR") + km.Money(1, "IDR")
