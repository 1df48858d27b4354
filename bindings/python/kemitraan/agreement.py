"""Agreements: parties and roles, lifecycle, amendments, milestones, the PPP
risk register, queries and totals (agreement.h)."""
import dataclasses
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_uint32, c_uint64

from ._enum import LabelledEnum, LabelledFlag
from ._handle import Handle, paginate
from ._lib import (c_strings, entity_id, from_c, from_date, from_micros, func, status, to_c, to_date)
from ._types import (AgreementFields, AgreementP, AgreementPageP, AgreementQuery, MilestoneFields, MilestonesP,
                     NetworkP, RisksP)
from .dimension import Dimension
from .money import Money

km_agreement_create = status("km_agreement_create", POINTER(c_uint64), NetworkP, POINTER(AgreementFields))
km_agreement_update = status("km_agreement_update", NetworkP, c_uint64, POINTER(AgreementFields), c_uint32)
km_agreement_amend = status("km_agreement_amend", NetworkP, c_uint64, POINTER(AgreementFields), c_uint32, c_char_p)
km_agreement_add_party = status("km_agreement_add_party", NetworkP, c_uint64, c_uint64, c_uint32, c_char_p)
km_agreement_remove_party = status("km_agreement_remove_party", NetworkP, c_uint64, c_uint64, c_char_p)
km_agreement_transition = status("km_agreement_transition", NetworkP, c_uint64, c_int, c_char_p, c_char_p)
km_agreement_propose = status("km_agreement_propose", NetworkP, c_uint64, c_char_p)
km_agreement_sign = status("km_agreement_sign", NetworkP, c_uint64, c_uint64)
km_agreement_activate = status("km_agreement_activate", NetworkP, c_uint64, c_char_p)
km_agreement_suspend = status("km_agreement_suspend", NetworkP, c_uint64, c_char_p)
km_agreement_resume = status("km_agreement_resume", NetworkP, c_uint64, c_char_p)
km_agreement_complete = status("km_agreement_complete", NetworkP, c_uint64, c_char_p)
km_agreement_terminate = status("km_agreement_terminate", NetworkP, c_uint64, c_char_p)
km_agreement_cancel = status("km_agreement_cancel", NetworkP, c_uint64, c_char_p)
km_agreement_expire_due = status("km_agreement_expire_due", POINTER(c_uint64), NetworkP, c_char_p)
km_agreement_get = status("km_agreement_get", POINTER(AgreementP), NetworkP, c_uint64)
km_agreement_get_by_reference = status("km_agreement_get_by_reference", POINTER(AgreementP), NetworkP, c_char_p)
km_agreement_get_version = status("km_agreement_get_version", POINTER(AgreementP), NetworkP, c_uint64, c_uint32)
km_agreement_free = func("km_agreement_free", None, AgreementP)
km_agreement_id = func("km_agreement_id", c_uint64, AgreementP)
km_agreement_title = func("km_agreement_title", c_char_p, AgreementP)
km_agreement_reference = func("km_agreement_reference", c_char_p, AgreementP)
km_agreement_type_of = func("km_agreement_type_of", c_int, AgreementP)
km_agreement_family_of = func("km_agreement_family_of", c_int, AgreementP)
km_agreement_purpose = func("km_agreement_purpose", c_char_p, AgreementP)
km_agreement_sector_count = func("km_agreement_sector_count", c_size_t, AgreementP)
km_agreement_sector = func("km_agreement_sector", c_char_p, AgreementP, c_size_t)
km_agreement_region = func("km_agreement_region", c_char_p, AgreementP)
km_agreement_start_date = func("km_agreement_start_date", c_char_p, AgreementP)
km_agreement_end_date = func("km_agreement_end_date", c_char_p, AgreementP)
km_agreement_value = func("km_agreement_value", c_int64, AgreementP)
km_agreement_currency = func("km_agreement_currency", c_char_p, AgreementP)
km_agreement_framework_id = func("km_agreement_framework_id", c_uint64, AgreementP)
km_agreement_framework_version = func("km_agreement_framework_version", c_uint32, AgreementP)
km_agreement_dimensions = func("km_agreement_dimensions", c_uint32, AgreementP)
km_agreement_status_of = func("km_agreement_status_of", c_int, AgreementP)
km_agreement_status_reason = func("km_agreement_status_reason", c_char_p, AgreementP)
km_agreement_override = func("km_agreement_override", c_char_p, AgreementP)
km_agreement_version = func("km_agreement_version", c_uint32, AgreementP)
km_agreement_amendment_rationale = func("km_agreement_amendment_rationale", c_char_p, AgreementP)
km_agreement_amendment_fields = func("km_agreement_amendment_fields", c_uint32, AgreementP)
km_agreement_created = func("km_agreement_created", c_int64, AgreementP)
km_agreement_updated = func("km_agreement_updated", c_int64, AgreementP)
km_agreement_version_time = func("km_agreement_version_time", c_int64, AgreementP)
km_agreement_party_count = func("km_agreement_party_count", c_size_t, AgreementP)
km_agreement_party = func("km_agreement_party", c_uint64, AgreementP, c_size_t)
km_agreement_party_roles = func("km_agreement_party_roles", c_uint32, AgreementP, c_size_t)
km_agreement_party_signed = func("km_agreement_party_signed", c_int64, AgreementP, c_size_t)
km_agreement_document_count = func("km_agreement_document_count", c_size_t, AgreementP)
km_agreement_document_uri = func("km_agreement_document_uri", c_char_p, AgreementP, c_size_t)
km_agreement_document_sha256 = func("km_agreement_document_sha256", c_char_p, AgreementP, c_size_t)
km_agreement_list = status("km_agreement_list", POINTER(AgreementPageP), NetworkP, POINTER(AgreementQuery))
km_agreement_count = status("km_agreement_count", POINTER(c_uint64), NetworkP, POINTER(AgreementQuery))
km_agreement_page_count = func("km_agreement_page_count", c_size_t, AgreementPageP)
km_agreement_page_get = func("km_agreement_page_get", AgreementP, AgreementPageP, c_size_t)
km_agreement_page_cursor = func("km_agreement_page_cursor", c_char_p, AgreementPageP)
km_agreement_page_free = func("km_agreement_page_free", None, AgreementPageP)
km_agreement_totals = status("km_agreement_totals", POINTER(c_int64), POINTER(c_uint64), NetworkP, c_int, c_char_p,
                             c_uint32)
km_milestone_add = status("km_milestone_add", POINTER(c_uint32), NetworkP, c_uint64, POINTER(MilestoneFields))
km_milestone_set_status = status("km_milestone_set_status", NetworkP, c_uint64, c_uint32, c_int, c_char_p)
km_milestone_list = status("km_milestone_list", POINTER(MilestonesP), NetworkP, c_uint64)
km_milestone_overdue = status("km_milestone_overdue", POINTER(MilestonesP), NetworkP, c_char_p)
km_milestones_count = func("km_milestones_count", c_size_t, MilestonesP)
km_milestones_agreement = func("km_milestones_agreement", c_uint64, MilestonesP, c_size_t)
km_milestones_number = func("km_milestones_number", c_uint32, MilestonesP, c_size_t)
km_milestones_type = func("km_milestones_type", c_int, MilestonesP, c_size_t)
km_milestones_title = func("km_milestones_title", c_char_p, MilestonesP, c_size_t)
km_milestones_due_date = func("km_milestones_due_date", c_char_p, MilestonesP, c_size_t)
km_milestones_status = func("km_milestones_status", c_int, MilestonesP, c_size_t)
km_milestones_date_met = func("km_milestones_date_met", c_char_p, MilestonesP, c_size_t)
km_milestones_free = func("km_milestones_free", None, MilestonesP)
km_risk_add = status("km_risk_add", POINTER(c_uint32), NetworkP, c_uint64, c_int, c_int, c_char_p)
km_risk_update = status("km_risk_update", NetworkP, c_uint64, c_uint32, c_int, c_char_p)
km_risk_list = status("km_risk_list", POINTER(RisksP), NetworkP, c_uint64)
km_risks_count = func("km_risks_count", c_size_t, RisksP)
km_risks_number = func("km_risks_number", c_uint32, RisksP, c_size_t)
km_risks_category = func("km_risks_category", c_int, RisksP, c_size_t)
km_risks_allocation = func("km_risks_allocation", c_int, RisksP, c_size_t)
km_risks_mitigation = func("km_risks_mitigation", c_char_p, RisksP, c_size_t)
km_risks_free = func("km_risks_free", None, RisksP)
km_agreement_type_label = func("km_agreement_type_label", c_char_p, c_int, c_int)
km_agreement_type_family = func("km_agreement_type_family", c_int, c_int)
km_family_label = func("km_family_label", c_char_p, c_int, c_int)
km_agreement_status_label = func("km_agreement_status_label", c_char_p, c_int, c_int)
km_role_label = func("km_role_label", c_char_p, c_uint32, c_int)
km_role_iati = func("km_role_iati", c_int, c_uint32)
km_milestone_type_label = func("km_milestone_type_label", c_char_p, c_int, c_int)
km_milestone_type_code = func("km_milestone_type_code", c_char_p, c_int)
km_milestone_status_label = func("km_milestone_status_label", c_char_p, c_int, c_int)
km_risk_category_label = func("km_risk_category_label", c_char_p, c_int, c_int)
km_risk_allocation_label = func("km_risk_allocation_label", c_char_p, c_int, c_int)


class Family(LabelledEnum):
    """Partnership families (km_family)."""
    PUBLIC_PRIVATE = 0
    NONPROFIT_GOVERNMENT = 1
    COMMUNITY_GOVERNMENT = 2
    INTERNATIONAL = 3


Family._label_fn = km_family_label


class AgreementType(LabelledEnum):
    """Agreement types (km_agreement_type); ``.family`` is its Family."""
    MOU = 0
    COOPERATION = 1
    GRANT = 2
    PROCUREMENT_CONTRACT = 3
    JOINT_VENTURE = 4
    SERVICE = 5
    RESEARCH_COLLABORATION = 6
    LOAN = 7
    PPP = 8
    COMMUNITY_PARTNERSHIP = 9
    INTERNATIONAL_COOPERATION = 10

    @property
    def family(self):
        return Family.from_c(km_agreement_type_family(int(self)))


AgreementType._label_fn = km_agreement_type_label


class AgreementStatus(LabelledEnum):
    """Agreement lifecycle states (km_agreement_status)."""
    DRAFT = 0
    PROPOSED = 1
    SIGNED = 2
    ACTIVE = 3
    SUSPENDED = 4
    COMPLETED = 5
    TERMINATED = 6
    EXPIRED = 7
    CANCELLED = 8


AgreementStatus._label_fn = km_agreement_status_label


class Role(LabelledFlag):
    """Party roles (KM_ROLE_* bits); combine with ``|``."""
    FUNDING = 0x0001
    ACCOUNTABLE = 0x0002
    EXTENDING = 0x0004
    IMPLEMENTING = 0x0008
    PUBLIC_AUTHORITY = 0x0010
    PRIVATE_PARTY = 0x0020
    BENEFICIARY = 0x0040
    FACILITATOR = 0x0080
    GUARANTOR = 0x0100

    @property
    def iati(self):
        """IATI OrganisationRole code (1..4) of a single role, else None."""
        code = km_role_iati(int(self))
        return None if code < 0 else code


Role._label_fn = km_role_label


class MilestoneType(LabelledEnum):
    """Milestone types (km_milestone_type); ``.code`` is the OCDS code."""
    APPROVAL = 0
    FINANCING = 1
    DELIVERY = 2
    REPORTING = 3
    PAYMENT = 4
    COMMERCIAL_CLOSE = 5
    FINANCIAL_CLOSE = 6
    COMPLETION = 7
    OTHER = 8

    @property
    def code(self):
        return from_c(km_milestone_type_code(int(self)))


MilestoneType._label_fn = km_milestone_type_label


class MilestoneStatus(LabelledEnum):
    """Milestone statuses (km_milestone_status)."""
    SCHEDULED = 0
    MET = 1
    NOT_MET = 2
    PARTIALLY_MET = 3


MilestoneStatus._label_fn = km_milestone_status_label


class RiskCategory(LabelledEnum):
    """Risk categories of the PPP risk register (km_risk_category)."""
    LAND = 0
    ENVIRONMENTAL = 1
    DESIGN = 2
    CONSTRUCTION = 3
    DEMAND_REVENUE = 4
    INFLATION_EXCHANGE = 5
    FINANCE = 6
    CHANGE_IN_LAW = 7
    FORCE_MAJEURE = 8
    OPERATIONAL = 9
    POLITICAL = 10
    OTHER = 11


RiskCategory._label_fn = km_risk_category_label


class RiskAllocation(LabelledEnum):
    """Who bears a risk (km_risk_allocation)."""
    PUBLIC = 0
    PRIVATE = 1
    SHARED = 2


RiskAllocation._label_fn = km_risk_allocation_label

# Field mask bits (KM_AGREEMENT_F_*), by keyword.
FIELD_BITS = {"title": 0x0001, "reference": 0x0002, "type": 0x0004, "purpose": 0x0008, "sectors": 0x0010,
              "region": 0x0020, "start_date": 0x0040, "end_date": 0x0080, "value": 0x0100, "framework": 0x0200,
              "dimensions": 0x0400, "parties": 0x0800, "documents": 0x1000}


@dataclasses.dataclass(frozen=True)
class Party:
    """A party of an agreement: partner id, roles, and when it signed."""
    partner_id: int
    roles: Role
    signed: object = None  # datetime or None


@dataclasses.dataclass(frozen=True)
class Document:
    uri: str
    sha256: str


@dataclasses.dataclass(frozen=True)
class Milestone:
    agreement_id: int
    number: int
    type: MilestoneType
    title: str
    due_date: object
    status: MilestoneStatus
    date_met: object = None


@dataclasses.dataclass(frozen=True)
class Risk:
    number: int
    category: RiskCategory
    allocation: RiskAllocation
    mitigation: str


def dimension_mask(dimensions):
    """An iterable of Dimension (or names) -> KM_DIMENSION_BIT mask; an int passes."""
    if isinstance(dimensions, int) and not isinstance(dimensions, bool):
        return dimensions
    mask = 0
    for d in dimensions or ():
        mask |= 1 << int(Dimension.coerce(d, "agreement.dimensions"))
    return mask


def dimensions_of(mask):
    return [d for d in Dimension if mask & (1 << int(d))]


class Agreement:
    """An immutable snapshot of one version of an agreement (km_agreement)."""

    __slots__ = ("_h",)

    def __init__(self, ptr, owner=None):
        self._h = Handle(ptr, None if owner is not None else km_agreement_free, owner)

    def close(self):
        self._h.close()

    def _s(self, fn):
        return from_c(fn(self._h.ptr))

    id = property(lambda self: km_agreement_id(self._h.ptr))
    title = property(lambda self: self._s(km_agreement_title))
    reference = property(lambda self: self._s(km_agreement_reference))
    type = property(lambda self: AgreementType.from_c(km_agreement_type_of(self._h.ptr)))
    family = property(lambda self: Family.from_c(km_agreement_family_of(self._h.ptr)))
    purpose = property(lambda self: self._s(km_agreement_purpose))
    region = property(lambda self: self._s(km_agreement_region))
    start_date = property(lambda self: from_date(km_agreement_start_date(self._h.ptr)))
    end_date = property(lambda self: from_date(km_agreement_end_date(self._h.ptr)))
    framework_id = property(lambda self: km_agreement_framework_id(self._h.ptr) or None)
    framework_version = property(lambda self: km_agreement_framework_version(self._h.ptr))
    dimensions = property(lambda self: dimensions_of(km_agreement_dimensions(self._h.ptr)))
    status = property(lambda self: AgreementStatus.from_c(km_agreement_status_of(self._h.ptr)))
    status_reason = property(lambda self: self._s(km_agreement_status_reason))
    override = property(lambda self: self._s(km_agreement_override))
    version = property(lambda self: km_agreement_version(self._h.ptr))
    amendment_rationale = property(lambda self: self._s(km_agreement_amendment_rationale))
    created = property(lambda self: from_micros(km_agreement_created(self._h.ptr)))
    updated = property(lambda self: from_micros(km_agreement_updated(self._h.ptr)))
    version_time = property(lambda self: from_micros(km_agreement_version_time(self._h.ptr)))

    @property
    def value(self):
        """The total value as :class:`Money`, or None when it has none."""
        currency = km_agreement_currency(self._h.ptr)
        if currency is None:
            return None
        return Money(km_agreement_value(self._h.ptr), from_c(currency))

    @property
    def amendment_fields(self):
        """Names of the fields the amendment that made this version changed."""
        bits = km_agreement_amendment_fields(self._h.ptr)
        return [name for name, bit in FIELD_BITS.items() if bits & bit]

    @property
    def sectors(self):
        p = self._h.ptr
        return [from_c(km_agreement_sector(p, i)) for i in range(km_agreement_sector_count(p))]

    @property
    def parties(self):
        p = self._h.ptr
        return [Party(km_agreement_party(p, i), Role(km_agreement_party_roles(p, i)),
                      from_micros(km_agreement_party_signed(p, i))) for i in range(km_agreement_party_count(p))]

    @property
    def documents(self):
        p = self._h.ptr
        return [Document(from_c(km_agreement_document_uri(p, i)), from_c(km_agreement_document_sha256(p, i)))
                for i in range(km_agreement_document_count(p))]

    def __eq__(self, other):
        if not isinstance(other, Agreement):
            return NotImplemented
        return (self.id, self.version, self.updated) == (other.id, other.version, other.updated)

    def __hash__(self):
        return hash((Agreement, self.id, self.version))

    def __repr__(self):
        if self._h.closed:
            return "<Agreement closed>"
        return "<Agreement %d v%d %r %s>" % (self.id, self.version, self.reference, self.status.name.lower())


def _fields(values):
    """AgreementFields and mask from keyword values (see create_agreement)."""
    f = AgreementFields()
    mask = 0
    keep = []
    for key, value in values.items():
        if key not in FIELD_BITS and key != "value":
            raise TypeError("unknown agreement field %r" % key)
        mask |= FIELD_BITS[key]
        if key in ("title", "reference", "purpose", "region"):
            setattr(f, key, to_c(value, "agreement." + key))
        elif key == "type":
            f.type = int(AgreementType.coerce(value, "agreement.type"))
        elif key == "sectors":
            arr, n = c_strings(value or (), "agreement.sectors")
            keep.append(arr)
            f.sectors, f.sectors_count = arr, n
        elif key in ("start_date", "end_date"):
            setattr(f, key, to_date(value, "agreement." + key))
        elif key == "value":
            if value is not None:
                money = value if isinstance(value, Money) else Money(*value)
                f.value = money.minor
                f.currency = to_c(money.currency, "agreement.currency")
        elif key == "framework":
            f.framework_id = entity_id(value, "agreement.framework_id") if value is not None else 0
        elif key == "dimensions":
            f.dimensions = dimension_mask(value)
        elif key == "parties":
            items = []
            for item in value or ():
                if isinstance(item, Party):
                    items.append((item.partner_id, item.roles))
                else:
                    partner, roles = item
                    items.append((partner, roles))
            n = len(items)
            ids = (c_uint64 * max(n, 1))(*[entity_id(p, "agreement.party_ids") for p, _ in items])
            roles = (c_uint32 * max(n, 1))(*[int(Role.coerce(r, "agreement.party_roles")) for _, r in items])
            keep.extend((ids, roles))
            f.party_ids, f.party_roles, f.parties_count = ids, roles, n
        elif key == "documents":
            docs = [(d.uri, d.sha256) if isinstance(d, Document) else tuple(d) for d in (value or ())]
            uris, n = c_strings([u for u, _ in docs], "agreement.document_uris")
            shas, _n = c_strings([s for _, s in docs], "agreement.document_sha256")
            keep.extend((uris, shas))
            f.document_uris, f.document_sha256, f.documents_count = uris, shas, n
    return f, mask, keep


def _query(party=None, type=None, family=None, status=None, framework=None, region=None, sector=None,
           active_on=None, expiring_from=None, expiring_days=0, page_size=None):
    q = AgreementQuery()
    if party is not None:
        q.party = entity_id(party, "query.party")
    if type is not None:
        q.type = int(AgreementType.coerce(type, "query.type"))
    if family is not None:
        q.family = int(Family.coerce(family, "query.family"))
    if status is not None:
        q.status = int(AgreementStatus.coerce(status, "query.status"))
    if framework is not None:
        q.framework_id = entity_id(framework, "query.framework_id")
    q.region_prefix = to_c(region, "query.region_prefix")
    q.sector = to_c(sector, "query.sector")
    q.active_on = to_date(active_on, "query.active_on")
    q.expiring_from = to_date(expiring_from, "query.expiring_from")
    q.expiring_days = expiring_days or 0
    q.limit = page_size or 0
    return q


def _milestones(ptr):
    handle = Handle(ptr, km_milestones_free)
    p = handle.ptr
    try:
        return [Milestone(km_milestones_agreement(p, i), km_milestones_number(p, i),
                          MilestoneType.from_c(km_milestones_type(p, i)), from_c(km_milestones_title(p, i)),
                          from_date(km_milestones_due_date(p, i)),
                          MilestoneStatus.from_c(km_milestones_status(p, i)),
                          from_date(km_milestones_date_met(p, i))) for i in range(km_milestones_count(p))]
    finally:
        handle.close()


class AgreementMixin:
    """Agreement methods of :class:`kemitraan.Network`."""

    def create_agreement(self, title, reference, type=AgreementType.MOU, **fields):
        """Creates a draft agreement and returns it.

        Keyword fields: purpose, sectors, region, start_date, end_date (date
        or "YYYY-MM-DD"), value (Money or (minor, currency)), framework (id
        or Framework), dimensions (Dimensions), parties (list of
        (partner_or_id, roles)), documents (list of (uri, sha256))."""
        values = {"title": title, "reference": reference, "type": type}
        values.update(fields)
        f, _mask, _keep = _fields(values)
        out = c_uint64()
        km_agreement_create(byref(out), self._p, byref(f))
        return self.agreement(out.value)

    def update_agreement(self, agreement, **changes):
        """Edits a draft or proposed agreement (fields as create_agreement)."""
        f, mask, _keep = _fields(changes)
        ident = entity_id(agreement, "agreement")
        km_agreement_update(self._p, ident, byref(f), mask)
        return self.agreement(ident)

    def amend_agreement(self, agreement, rationale, **changes):
        """Amends a signed, active or suspended agreement (version N+1)."""
        f, mask, _keep = _fields(changes)
        ident = entity_id(agreement, "agreement")
        km_agreement_amend(self._p, ident, byref(f), mask, to_c(rationale, "agreement.rationale"))
        return self.agreement(ident)

    def add_party(self, agreement, partner, roles, rationale=None):
        ident = entity_id(agreement, "agreement")
        km_agreement_add_party(self._p, ident, entity_id(partner, "partner"),
                               int(Role.coerce(roles, "agreement.party_roles")), to_c(rationale, "rationale"))
        return self.agreement(ident)

    def remove_party(self, agreement, partner, rationale=None):
        ident = entity_id(agreement, "agreement")
        km_agreement_remove_party(self._p, ident, entity_id(partner, "partner"), to_c(rationale, "rationale"))
        return self.agreement(ident)

    def transition_agreement(self, agreement, status, reason=None, override_justification=None):
        """Moves an agreement to ``status`` (the general form of propose(),
        activate(), ...)."""
        ident = entity_id(agreement, "agreement")
        km_agreement_transition(self._p, ident, int(AgreementStatus.coerce(status, "agreement.status")),
                                to_c(reason, "reason"), to_c(override_justification, "override"))
        return self.agreement(ident)

    def _move(self, fn, agreement, text):
        ident = entity_id(agreement, "agreement")
        fn(self._p, ident, to_c(text, "reason"))
        return self.agreement(ident)

    def propose_agreement(self, agreement, reason=None):
        return self._move(km_agreement_propose, agreement, reason)

    def sign_agreement(self, agreement, partner):
        """Signs for ``partner``: the actor must be its external id or
        start with ``admin:``."""
        ident = entity_id(agreement, "agreement")
        km_agreement_sign(self._p, ident, entity_id(partner, "partner"))
        return self.agreement(ident)

    def activate_agreement(self, agreement, override_justification=None):
        return self._move(km_agreement_activate, agreement, override_justification)

    def suspend_agreement(self, agreement, reason):
        return self._move(km_agreement_suspend, agreement, reason)

    def resume_agreement(self, agreement, reason=None):
        return self._move(km_agreement_resume, agreement, reason)

    def complete_agreement(self, agreement, reason=None):
        return self._move(km_agreement_complete, agreement, reason)

    def terminate_agreement(self, agreement, reason):
        return self._move(km_agreement_terminate, agreement, reason)

    def cancel_agreement(self, agreement, reason):
        return self._move(km_agreement_cancel, agreement, reason)

    def expire_due_agreements(self, as_of_date):
        """Records expiry of every active agreement that ended before the
        date; returns how many expired."""
        out = c_uint64()
        km_agreement_expire_due(byref(out), self._p, to_date(as_of_date, "as_of_date"))
        return out.value

    def agreement(self, ident, version=None):
        """The agreement (its current version, or amendment ``version``)."""
        out = AgreementP()
        if version is None:
            km_agreement_get(byref(out), self._p, entity_id(ident, "agreement"))
        else:
            km_agreement_get_version(byref(out), self._p, entity_id(ident, "agreement"), version)
        return Agreement(out)

    def agreement_by_reference(self, reference):
        out = AgreementP()
        km_agreement_get_by_reference(byref(out), self._p, to_c(reference, "agreement.reference"))
        return Agreement(out)

    def agreements(self, *, limit=None, **filters):
        """Iterates over matching agreements in id order. Filters: party,
        type, family, status, framework, region, sector, active_on,
        expiring_from, expiring_days, page_size."""
        q = _query(**filters)
        return paginate(km_agreement_list, km_agreement_page_free, km_agreement_page_count, km_agreement_page_get,
                        km_agreement_page_cursor, lambda: self._p, q, AgreementPageP,
                        lambda ptr, page: Agreement(ptr, page), limit)

    def count_agreements(self, **filters):
        filters.pop("page_size", None)
        q = _query(**filters)
        out = c_uint64()
        km_agreement_count(byref(out), self._p, byref(q))
        return out.value

    def agreement_totals(self, type, currency, statuses=None):
        """(total Money, count) of the agreements of ``type`` in ``currency``
        whose status is in ``statuses`` (default: all but cancelled)."""
        mask = 0
        for s in statuses or ():
            mask |= 1 << int(AgreementStatus.coerce(s, "status_mask"))
        value, count = c_int64(), c_uint64()
        km_agreement_totals(byref(value), byref(count), self._p, int(AgreementType.coerce(type, "type")),
                            to_c(currency, "currency"), mask)
        return Money(value.value, currency), count.value

    # ---- milestones -------------------------------------------------------
    def add_milestone(self, agreement, type, title, due_date):
        """Adds a scheduled milestone; returns its number."""
        f = MilestoneFields(type=int(MilestoneType.coerce(type, "milestone.type")), title=to_c(title, "milestone.title"),
                            due_date=to_date(due_date, "milestone.due_date"))
        out = c_uint32()
        km_milestone_add(byref(out), self._p, entity_id(agreement, "agreement"), byref(f))
        return out.value

    def set_milestone_status(self, agreement, number, status, date_met=None):
        km_milestone_set_status(self._p, entity_id(agreement, "agreement"), number,
                                int(MilestoneStatus.coerce(status, "milestone.status")),
                                to_date(date_met, "milestone.date_met"))

    def milestones(self, agreement):
        """The milestones of an agreement, in number order."""
        out = MilestonesP()
        km_milestone_list(byref(out), self._p, entity_id(agreement, "agreement"))
        return _milestones(out)

    def overdue_milestones(self, as_of_date):
        out = MilestonesP()
        km_milestone_overdue(byref(out), self._p, to_date(as_of_date, "as_of_date"))
        return _milestones(out)

    # ---- risk register ----------------------------------------------------
    def add_risk(self, agreement, category, allocation, mitigation):
        """Adds a PPP risk register entry; returns its number."""
        out = c_uint32()
        km_risk_add(byref(out), self._p, entity_id(agreement, "agreement"),
                    int(RiskCategory.coerce(category, "risk.category")),
                    int(RiskAllocation.coerce(allocation, "risk.allocation")), to_c(mitigation, "risk.mitigation"))
        return out.value

    def update_risk(self, agreement, number, allocation, mitigation):
        km_risk_update(self._p, entity_id(agreement, "agreement"), number,
                       int(RiskAllocation.coerce(allocation, "risk.allocation")), to_c(mitigation, "risk.mitigation"))

    def risks(self, agreement):
        out = RisksP()
        km_risk_list(byref(out), self._p, entity_id(agreement, "agreement"))
        h = Handle(out, km_risks_free)
        p = h.ptr
        try:
            return [Risk(km_risks_number(p, i), RiskCategory.from_c(km_risks_category(p, i)),
                         RiskAllocation.from_c(km_risks_allocation(p, i)), from_c(km_risks_mitigation(p, i)))
                    for i in range(km_risks_count(p))]
        finally:
            h.close()
