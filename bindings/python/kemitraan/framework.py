"""Policy frameworks and the check of an agreement against its framework
(framework.h)."""
import dataclasses
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_uint32, c_uint64

from . import _errors
from ._enum import LabelledEnum
from ._handle import Handle
from ._lib import entity_id, from_c, from_micros, func, status, to_c
from ._types import CheckP, FrameworkP, FrameworkSpecP, NetworkP
from .agreement import AgreementType, Role, dimensions_of
from .dimension import Dimension
from .money import Money
from .partner import PartnerKind

km_framework_spec_new = status("km_framework_spec_new", POINTER(FrameworkSpecP), c_char_p, c_char_p)
km_framework_spec_free = func("km_framework_spec_free", None, FrameworkSpecP)
km_framework_spec_allow_type = status("km_framework_spec_allow_type", FrameworkSpecP, c_int)
km_framework_spec_require_role = status("km_framework_spec_require_role", FrameworkSpecP, c_uint32, c_uint32)
km_framework_spec_set_duration = status("km_framework_spec_set_duration", FrameworkSpecP, c_uint32, c_uint32)
km_framework_spec_set_max_value = status("km_framework_spec_set_max_value", FrameworkSpecP, c_char_p, c_int64)
km_framework_spec_require_dimension = status("km_framework_spec_require_dimension", FrameworkSpecP, c_int)
km_framework_spec_add_incentive = status("km_framework_spec_add_incentive", FrameworkSpecP, c_int, c_uint32,
                                         c_char_p, c_char_p, c_uint32)
km_framework_create = status("km_framework_create", POINTER(c_uint64), NetworkP, FrameworkSpecP)
km_framework_amend = status("km_framework_amend", NetworkP, c_uint64, FrameworkSpecP, c_char_p)
km_framework_get = status("km_framework_get", POINTER(FrameworkP), NetworkP, c_uint64)
km_framework_get_version = status("km_framework_get_version", POINTER(FrameworkP), NetworkP, c_uint64, c_uint32)
km_framework_free = func("km_framework_free", None, FrameworkP)
km_framework_id = func("km_framework_id", c_uint64, FrameworkP)
km_framework_version = func("km_framework_version", c_uint32, FrameworkP)
km_framework_name = func("km_framework_name", c_char_p, FrameworkP)
km_framework_legal_reference = func("km_framework_legal_reference", c_char_p, FrameworkP)
km_framework_rationale = func("km_framework_rationale", c_char_p, FrameworkP)
km_framework_time = func("km_framework_time", c_int64, FrameworkP)
km_framework_allowed_types = func("km_framework_allowed_types", c_uint32, FrameworkP)
km_framework_role_rule_count = func("km_framework_role_rule_count", c_size_t, FrameworkP)
km_framework_role_rule = status("km_framework_role_rule", POINTER(c_uint32), POINTER(c_uint32), FrameworkP, c_size_t)
km_framework_min_days = func("km_framework_min_days", c_uint32, FrameworkP)
km_framework_max_days = func("km_framework_max_days", c_uint32, FrameworkP)
km_framework_max_value_count = func("km_framework_max_value_count", c_size_t, FrameworkP)
km_framework_max_value = func("km_framework_max_value", c_char_p, POINTER(c_int64), FrameworkP, c_size_t)
km_framework_dimensions = func("km_framework_dimensions", c_uint32, FrameworkP)
km_framework_incentive_count = func("km_framework_incentive_count", c_size_t, FrameworkP)
km_framework_incentive = status("km_framework_incentive", POINTER(c_int), POINTER(c_uint32), POINTER(c_char_p),
                                POINTER(c_char_p), POINTER(c_uint32), FrameworkP, c_size_t)
km_agreement_check = status("km_agreement_check", POINTER(CheckP), NetworkP, c_uint64)
km_check_framework_id = func("km_check_framework_id", c_uint64, CheckP)
km_check_framework_version = func("km_check_framework_version", c_uint32, CheckP)
km_check_violation_count = func("km_check_violation_count", c_size_t, CheckP)
km_check_violation_rule = func("km_check_violation_rule", c_int, CheckP, c_size_t)
km_check_violation_field = func("km_check_violation_field", c_char_p, CheckP, c_size_t)
km_check_violation_message = func("km_check_violation_message", c_char_p, CheckP, c_size_t, c_int)
km_check_incentive_count = func("km_check_incentive_count", c_size_t, CheckP)
km_check_incentive = func("km_check_incentive", c_int, CheckP, c_size_t)
km_check_free = func("km_check_free", None, CheckP)
km_incentive_label = func("km_incentive_label", c_char_p, c_int, c_int)
km_rule_label = func("km_rule_label", c_char_p, c_int, c_int)


class Incentive(LabelledEnum):
    """Incentives a framework may offer (km_incentive)."""
    TAX = 0
    VIABILITY_GAP_FUNDING = 1
    AVAILABILITY_PAYMENT = 2
    GOVERNMENT_GUARANTEE = 3
    GRANT = 4


Incentive._label_fn = km_incentive_label


class Rule(LabelledEnum):
    """Rules an agreement can violate (km_rule)."""
    TYPE = 0
    ROLE_MISSING = 1
    ROLE_KIND = 2
    DATES = 3
    MIN_DURATION = 4
    MAX_DURATION = 5
    MAX_VALUE = 6
    DIMENSIONS = 7


Rule._label_fn = km_rule_label


def kind_mask(kinds):
    """PartnerKinds (or names) -> KM_PARTNER_KIND_BIT mask (0 = any); an int passes."""
    if isinstance(kinds, int) and not isinstance(kinds, bool):
        return kinds
    mask = 0
    for k in kinds or ():
        mask |= 1 << int(PartnerKind.coerce(k, "framework.kinds"))
    return mask


def kinds_of(mask):
    return [k for k in PartnerKind if mask & (1 << int(k))]


@dataclasses.dataclass(frozen=True)
class RoleRule:
    role: Role
    kinds: list  # PartnerKind; empty = any kind


@dataclasses.dataclass(frozen=True)
class IncentiveOffer:
    incentive: Incentive
    kinds: list
    sector: str = None
    region: str = None
    min_days: int = 0


@dataclasses.dataclass(frozen=True)
class Violation:
    rule: Rule
    field: str
    messages: dict  # {"id": ..., "en": ...}

    @property
    def message(self):
        return self.messages["id" if _errors.lang_code(None) == _errors.LANG_ID else "en"]


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """Result of :meth:`Network.check_agreement` (km_check)."""
    framework_id: int
    framework_version: int
    violations: list
    incentives: list

    @property
    def ok(self):
        return not self.violations


class FrameworkSpec:
    """A framework's rules being assembled (km_framework_spec). Every method
    returns the spec, so calls chain; keyword arguments of the constructor
    call the same methods."""

    def __init__(self, name, legal_reference=None, *, allowed_types=(), required_roles=None, min_days=0,
                 max_days=0, max_values=None, dimensions=(), incentives=()):
        out = FrameworkSpecP()
        km_framework_spec_new(byref(out), to_c(name, "framework.name"), to_c(legal_reference, "framework.legal_reference"))
        self._h = Handle(out, km_framework_spec_free)
        for t in allowed_types:
            self.allow_type(t)
        for role, kinds in (required_roles or {}).items():
            self.require_role(role, kinds)
        if min_days or max_days:
            self.set_duration(min_days, max_days)
        for currency, value in (max_values or {}).items():
            self.set_max_value(currency, value)
        for d in dimensions:
            self.require_dimension(d)
        for offer in incentives:
            if isinstance(offer, IncentiveOffer):
                self.add_incentive(offer.incentive, offer.kinds, offer.sector, offer.region, offer.min_days)
            elif isinstance(offer, dict):
                self.add_incentive(**offer)
            else:
                self.add_incentive(offer)

    def close(self):
        self._h.close()

    def allow_type(self, agreement_type):
        km_framework_spec_allow_type(self._h.ptr, int(AgreementType.coerce(agreement_type, "framework.type")))
        return self

    def require_role(self, role, kinds=()):
        km_framework_spec_require_role(self._h.ptr, int(Role.coerce(role, "framework.role")), kind_mask(kinds))
        return self

    def set_duration(self, min_days=0, max_days=0):
        km_framework_spec_set_duration(self._h.ptr, min_days, max_days)
        return self

    def set_max_value(self, currency, maximum):
        """Maximum value in ``currency``: minor units (int) or a Money."""
        minor = maximum.minor if isinstance(maximum, Money) else maximum
        km_framework_spec_set_max_value(self._h.ptr, to_c(currency, "framework.currency"), minor)
        return self

    def require_dimension(self, dimension):
        km_framework_spec_require_dimension(self._h.ptr, int(Dimension.coerce(dimension, "framework.dimension")))
        return self

    def add_incentive(self, incentive, kinds=(), sector=None, region=None, min_days=0):
        km_framework_spec_add_incentive(self._h.ptr, int(Incentive.coerce(incentive, "framework.incentive")),
                                        kind_mask(kinds), to_c(sector, "framework.sector"),
                                        to_c(region, "framework.region"), min_days)
        return self


class Framework:
    """An immutable snapshot of one version of a framework (km_framework)."""

    __slots__ = ("_h",)

    def __init__(self, ptr):
        self._h = Handle(ptr, km_framework_free)

    def close(self):
        self._h.close()

    id = property(lambda self: km_framework_id(self._h.ptr))
    version = property(lambda self: km_framework_version(self._h.ptr))
    name = property(lambda self: from_c(km_framework_name(self._h.ptr)))
    legal_reference = property(lambda self: from_c(km_framework_legal_reference(self._h.ptr)))
    rationale = property(lambda self: from_c(km_framework_rationale(self._h.ptr)))
    time = property(lambda self: from_micros(km_framework_time(self._h.ptr)))
    min_days = property(lambda self: km_framework_min_days(self._h.ptr))
    max_days = property(lambda self: km_framework_max_days(self._h.ptr))
    dimensions = property(lambda self: dimensions_of(km_framework_dimensions(self._h.ptr)))

    @property
    def allowed_types(self):
        """Allowed AgreementTypes; empty means every type."""
        mask = km_framework_allowed_types(self._h.ptr)
        return [t for t in AgreementType if mask & (1 << int(t))]

    @property
    def role_rules(self):
        p = self._h.ptr
        rules = []
        for i in range(km_framework_role_rule_count(p)):
            role, kinds = c_uint32(), c_uint32()
            km_framework_role_rule(byref(role), byref(kinds), p, i)
            rules.append(RoleRule(Role(role.value), kinds_of(kinds.value)))
        return rules

    @property
    def max_values(self):
        """{currency: Money} of the per-currency value limits."""
        p = self._h.ptr
        limits = {}
        for i in range(km_framework_max_value_count(p)):
            value = c_int64()
            currency = from_c(km_framework_max_value(byref(value), p, i))
            limits[currency] = Money(value.value, currency)
        return limits

    @property
    def incentives(self):
        p = self._h.ptr
        offers = []
        for i in range(km_framework_incentive_count(p)):
            inc, kinds, days = c_int(), c_uint32(), c_uint32()
            sector, region = c_char_p(), c_char_p()
            km_framework_incentive(byref(inc), byref(kinds), byref(sector), byref(region), byref(days), p, i)
            offers.append(IncentiveOffer(Incentive.from_c(inc.value), kinds_of(kinds.value), from_c(sector.value),
                                         from_c(region.value), days.value))
        return offers

    def __repr__(self):
        if self._h.closed:
            return "<Framework closed>"
        return "<Framework %d v%d %r>" % (self.id, self.version, self.name)


class FrameworkMixin:
    """Framework methods of :class:`kemitraan.Network`."""

    def create_framework(self, spec, legal_reference=None, **rules):
        """Records a framework from a :class:`FrameworkSpec` (or from a name
        and the FrameworkSpec keyword arguments); returns it."""
        if not isinstance(spec, FrameworkSpec):
            spec = FrameworkSpec(spec, legal_reference, **rules)
        out = c_uint64()
        km_framework_create(byref(out), self._p, spec._h.ptr)
        return self.framework(out.value)

    def amend_framework(self, framework, spec, rationale):
        """Records version N+1 of a framework: ``spec`` replaces every rule."""
        ident = entity_id(framework, "framework")
        km_framework_amend(self._p, ident, spec._h.ptr, to_c(rationale, "framework.rationale"))
        return self.framework(ident)

    def framework(self, ident, version=None):
        out = FrameworkP()
        if version is None:
            km_framework_get(byref(out), self._p, entity_id(ident, "framework"))
        else:
            km_framework_get_version(byref(out), self._p, entity_id(ident, "framework"), version)
        return Framework(out)

    def check_agreement(self, agreement):
        """Every framework rule the agreement violates and every incentive it
        qualifies for (:class:`CheckResult`)."""
        out = CheckP()
        km_agreement_check(byref(out), self._p, entity_id(agreement, "agreement"))
        h = Handle(out, km_check_free)
        p = h.ptr
        try:
            violations = [Violation(Rule.from_c(km_check_violation_rule(p, i)),
                                    from_c(km_check_violation_field(p, i)),
                                    {"id": from_c(km_check_violation_message(p, i, _errors.LANG_ID)),
                                     "en": from_c(km_check_violation_message(p, i, _errors.LANG_EN))})
                          for i in range(km_check_violation_count(p))]
            incentives = [Incentive.from_c(km_check_incentive(p, i)) for i in range(km_check_incentive_count(p))]
            return CheckResult(km_check_framework_id(p), km_check_framework_version(p), violations, incentives)
        finally:
            h.close()

