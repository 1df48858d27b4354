"""Exact money: integer minor units and an ISO 4217 code (money.h).

Floating point never touches an amount: :meth:`Money.parse` takes a string,
a ``Decimal`` or an integer number of major units.
"""
import ctypes
import dataclasses
import decimal
from ctypes import c_char_p, c_int, c_int64, c_size_t

from . import _errors
from ._lib import from_c, status, to_c

km_currency_digits = status("km_currency_digits", c_char_p)
km_money_format = status("km_money_format", c_char_p, c_size_t, c_int64, c_char_p, c_int)

#: A buffer this large holds any km_money_format() result.
FORMAT_MAX = 48
_INT64 = (-(1 << 63), (1 << 63) - 1)


def currency_digits(code):
    """Minor-unit digits of an ISO 4217 currency (InvalidArgument if unknown)."""
    return km_currency_digits(to_c(code, "currency"))


def format_money(minor, currency, lang=None):
    """Display text: ``Rp1.234.567,89`` (id) or ``Rp1,234,567.89`` (en)."""
    buf = ctypes.create_string_buffer(FORMAT_MAX)
    km_money_format(buf, FORMAT_MAX, minor, to_c(currency, "currency"), _errors.lang_code(lang))
    return from_c(buf.value)


def _range_error(what):
    return _errors.RangeError("%s: outside the 64-bit range of minor units" % what, "money",
                              "%s: di luar rentang 64-bit satuan terkecil" % what)


@dataclasses.dataclass(frozen=True, order=False)
class Money:
    """An amount in minor units (sen, cents) of an ISO 4217 currency."""
    minor: int
    currency: str

    def __post_init__(self):
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise TypeError("Money.minor must be an int (minor units), not %s; use Money.parse for major units"
                            % type(self.minor).__name__)
        if not _INT64[0] <= self.minor <= _INT64[1]:
            raise _range_error("money.minor")

    @classmethod
    def parse(cls, amount, currency):
        """Money from major units given as str ("1234567.89"), Decimal or int.
        More decimals than the currency has is InvalidArgument."""
        if isinstance(amount, float):
            raise TypeError("money is never a float: pass a str or a Decimal")
        digits = currency_digits(currency)
        try:
            value = decimal.Decimal(amount) if not isinstance(amount, decimal.Decimal) else amount
        except decimal.InvalidOperation:
            raise _errors.InvalidArgument("money.amount: %r is not a number" % (amount,), "money.amount",
                                          "money.amount: %r bukan angka" % (amount,)) from None
        scaled = value.scaleb(digits)
        if scaled != scaled.to_integral_value():
            raise _errors.InvalidArgument(
                "money.amount: %s has more than %d decimals for %s" % (amount, digits, currency), "money.amount",
                "money.amount: %s memiliki lebih dari %d desimal untuk %s" % (amount, digits, currency))
        return cls(int(scaled), currency)

    @property
    def amount(self):
        """The amount in major units, as an exact Decimal."""
        return decimal.Decimal(self.minor).scaleb(-currency_digits(self.currency))

    def format(self, lang=None):
        return format_money(self.minor, self.currency, lang)

    def __str__(self):
        return self.format()

    def _same(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise _errors.InvalidArgument("money.currency: cannot combine %s and %s" % (self.currency, other.currency),
                                          "money.currency",
                                          "money.currency: %s dan %s tidak dapat digabung" % (self.currency,
                                                                                            other.currency))
        return other

    def __add__(self, other):
        other = self._same(other)
        if other is NotImplemented:
            return other
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other):
        other = self._same(other)
        if other is NotImplemented:
            return other
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self):
        return Money(-self.minor, self.currency)
