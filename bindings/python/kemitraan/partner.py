"""The partner registry (partner.h)."""
import enum
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._errors import InvalidArgument
from ._handle import Handle, paginate
from ._lib import c_strings, entity_id, from_c, from_micros, func, status, to_c
from ._types import NetworkP, PartnerFields, PartnerP, PartnerPageP, PartnerQuery

km_partner_create = status("km_partner_create", POINTER(c_uint64), NetworkP, POINTER(PartnerFields))
km_partner_update = status("km_partner_update", NetworkP, c_uint64, POINTER(PartnerFields), c_uint32)
km_partner_set_status = status("km_partner_set_status", NetworkP, c_uint64, c_int, c_char_p)
km_partner_archive = status("km_partner_archive", NetworkP, c_uint64, c_char_p)
km_partner_get = status("km_partner_get", POINTER(PartnerP), NetworkP, c_uint64)
km_partner_get_by_external_id = status("km_partner_get_by_external_id", POINTER(PartnerP), NetworkP, c_char_p)
km_partner_free = func("km_partner_free", None, PartnerP)
km_partner_id = func("km_partner_id", c_uint64, PartnerP)
km_partner_name = func("km_partner_name", c_char_p, PartnerP)
km_partner_external_id = func("km_partner_external_id", c_char_p, PartnerP)
km_partner_kind_of = func("km_partner_kind_of", c_int, PartnerP)
km_partner_region = func("km_partner_region", c_char_p, PartnerP)
km_partner_email = func("km_partner_email", c_char_p, PartnerP)
km_partner_phone = func("km_partner_phone", c_char_p, PartnerP)
km_partner_website = func("km_partner_website", c_char_p, PartnerP)
km_partner_status_of = func("km_partner_status_of", c_int, PartnerP)
km_partner_status_reason = func("km_partner_status_reason", c_char_p, PartnerP)
km_partner_created = func("km_partner_created", c_int64, PartnerP)
km_partner_updated = func("km_partner_updated", c_int64, PartnerP)
km_partner_version = func("km_partner_version", c_uint32, PartnerP)
km_partner_sector_count = func("km_partner_sector_count", c_size_t, PartnerP)
km_partner_sector = func("km_partner_sector", c_char_p, PartnerP, c_size_t)
km_partner_capability_count = func("km_partner_capability_count", c_size_t, PartnerP)
km_partner_capability = func("km_partner_capability", c_char_p, PartnerP, c_size_t)
km_partner_need_count = func("km_partner_need_count", c_size_t, PartnerP)
km_partner_need = func("km_partner_need", c_char_p, PartnerP, c_size_t)
km_partner_list = status("km_partner_list", POINTER(PartnerPageP), NetworkP, POINTER(PartnerQuery))
km_partner_count = status("km_partner_count", POINTER(c_uint64), NetworkP, POINTER(PartnerQuery))
km_partner_page_count = func("km_partner_page_count", c_size_t, PartnerPageP)
km_partner_page_get = func("km_partner_page_get", PartnerP, PartnerPageP, c_size_t)
km_partner_page_cursor = func("km_partner_page_cursor", c_char_p, PartnerPageP)
km_partner_page_free = func("km_partner_page_free", None, PartnerPageP)
km_partner_kind_label = func("km_partner_kind_label", c_char_p, c_int, c_int)
km_partner_kind_iati = func("km_partner_kind_iati", c_int, c_int)
km_partner_status_label = func("km_partner_status_label", c_char_p, c_int, c_int)

# Field limits (partner.h).
NAME_MAX = 200
EXTERNAL_ID_MAX = 100
EMAIL_MAX = 254
PHONE_MAX = 32
WEBSITE_MAX = 2048
REASON_MAX = 1000
TAG_MAX = 64
TAGS_MAX = 64


class PartnerKind(LabelledEnum):
    """Kinds of partner (km_partner_kind); ``.iati`` is the IATI OrganisationType."""
    MINISTRY = 0
    GOVERNMENT_AGENCY = 1
    REGIONAL_GOVERNMENT = 2
    STATE_ENTERPRISE = 3
    PRIVATE_BUSINESS = 4
    NGO = 5
    ACADEMIC = 6
    INTERNATIONAL = 7
    COMMUNITY = 8
    INDIVIDUAL = 9
    FOUNDATION = 10

    @property
    def iati(self):
        return km_partner_kind_iati(int(self))


PartnerKind._label_fn = km_partner_kind_label


class PartnerStatus(LabelledEnum):
    """Partner status (km_partner_status)."""
    ACTIVE = 0
    SUSPENDED = 1
    ARCHIVED = 2


PartnerStatus._label_fn = km_partner_status_label


class PartnerOrder(enum.IntEnum):
    """Order of partner listings (km_partner_order)."""
    ID = 0    #: ascending id (registration order), the default
    NAME = 1  #: ascending name in byte order (UTF-8, case-sensitive), ties by id

# Python keyword -> (mask bit, struct member) for create and update.
_TEXT = {"name": 0x0001, "external_id": 0x0002, "region": 0x0008, "email": 0x0010, "phone": 0x0020,
         "website": 0x0040}
_TAGS = {"sectors": 0x0080, "capabilities": 0x0100, "needs": 0x0200}
_KIND = 0x0004


def _tags(handle, count_fn, get_fn):
    p = handle.ptr
    return [from_c(get_fn(p, i)) for i in range(count_fn(p))]


class Partner:
    """An immutable snapshot of one version of a partner (km_partner).

    Later changes never alter it: read the partner again to see them.
    """

    __slots__ = ("_h",)

    def __init__(self, ptr, owner=None):
        self._h = Handle(ptr, None if owner is not None else km_partner_free, owner)

    def close(self):
        """Releases the C handle now (otherwise done by the garbage collector)."""
        self._h.close()

    @property
    def id(self):
        return km_partner_id(self._h.ptr)

    @property
    def name(self):
        return from_c(km_partner_name(self._h.ptr))

    @property
    def external_id(self):
        return from_c(km_partner_external_id(self._h.ptr))

    @property
    def kind(self):
        return PartnerKind.from_c(km_partner_kind_of(self._h.ptr))

    @property
    def region(self):
        return from_c(km_partner_region(self._h.ptr))

    @property
    def email(self):
        return from_c(km_partner_email(self._h.ptr))

    @property
    def phone(self):
        return from_c(km_partner_phone(self._h.ptr))

    @property
    def website(self):
        return from_c(km_partner_website(self._h.ptr))

    @property
    def status(self):
        return PartnerStatus.from_c(km_partner_status_of(self._h.ptr))

    @property
    def status_reason(self):
        return from_c(km_partner_status_reason(self._h.ptr))

    @property
    def created(self):
        """Creation time (aware UTC datetime, from the network's clock)."""
        return from_micros(km_partner_created(self._h.ptr))

    @property
    def updated(self):
        return from_micros(km_partner_updated(self._h.ptr))

    @property
    def version(self):
        return km_partner_version(self._h.ptr)

    @property
    def sectors(self):
        return _tags(self._h, km_partner_sector_count, km_partner_sector)

    @property
    def capabilities(self):
        return _tags(self._h, km_partner_capability_count, km_partner_capability)

    @property
    def needs(self):
        return _tags(self._h, km_partner_need_count, km_partner_need)

    def to_dict(self):
        """Every field as plain Python values."""
        return {"id": self.id, "name": self.name, "external_id": self.external_id, "kind": self.kind,
                "region": self.region, "email": self.email, "phone": self.phone, "website": self.website,
                "status": self.status, "status_reason": self.status_reason, "created": self.created,
                "updated": self.updated, "version": self.version, "sectors": self.sectors,
                "capabilities": self.capabilities, "needs": self.needs}

    def __eq__(self, other):
        if not isinstance(other, Partner):
            return NotImplemented
        return (self.id, self.version) == (other.id, other.version)

    def __hash__(self):
        return hash((Partner, self.id, self.version))

    def __repr__(self):
        if self._h.closed:
            return "<Partner closed>"
        return "<Partner %d v%d %r %s %s>" % (self.id, self.version, self.name, self.kind.name.lower()
                                              if isinstance(self.kind, PartnerKind) else self.kind,
                                              self.status.name.lower())


def _fields(values):
    """PartnerFields and mask from keyword values; the struct keeps every
    string alive through ctypes' own references."""
    f = PartnerFields()
    mask = 0
    keep = []
    for key, value in values.items():
        if key in _TEXT:
            # None clears an optional field (the library clears on "").
            setattr(f, key, to_c(value if value is not None else "", "partner." + key))
            mask |= _TEXT[key]
        elif key in _TAGS:
            arr, n = c_strings(value or (), "partner." + key)
            keep.append(arr)
            setattr(f, key, arr)
            setattr(f, key + "_count", n)
            mask |= _TAGS[key]
        elif key == "kind":
            f.kind = int(PartnerKind.coerce(value, "partner.kind"))
            mask |= _KIND
        else:
            raise TypeError("unknown partner field %r" % key)
    return f, mask, keep


def _query(kind=None, status=None, sector=None, capability=None, need=None, region=None, name_contains=None,
           page_size=None, order=None):
    q = PartnerQuery()
    if order is not None:
        if isinstance(order, str):
            try:
                order = PartnerOrder[order.upper()]
            except KeyError:
                raise InvalidArgument("query.order: unknown value %r (id or name)" % (order,), "query.order",
                                      "query.order: nilai %r tidak dikenal (id atau name)" % (order,)) from None
        q.order = int(order)
    if kind is not None:
        q.kind = int(PartnerKind.coerce(kind, "query.kind"))
    if status is not None:
        q.status = int(PartnerStatus.coerce(status, "query.status"))
    q.sector = to_c(sector, "query.sector")
    q.capability = to_c(capability, "query.capability")
    q.need = to_c(need, "query.need")
    q.region_prefix = to_c(region, "query.region_prefix")
    q.name_contains = to_c(name_contains, "query.name_contains")
    q.limit = page_size or 0
    return q


class PartnerMixin:
    """Partner methods of :class:`kemitraan.Network`."""

    def create_partner(self, name, external_id, kind=PartnerKind.MINISTRY, *, region=None, email=None, phone=None,
                       website=None, sectors=(), capabilities=(), needs=()):
        """Registers a partner and returns it (:class:`Partner`)."""
        values = {"name": name, "external_id": external_id, "kind": kind, "sectors": sectors,
                  "capabilities": capabilities, "needs": needs}
        for key, value in (("region", region), ("email", email), ("phone", phone), ("website", website)):
            if value is not None:
                values[key] = value
        f, _mask, _keep = _fields(values)
        out = c_uint64()
        km_partner_create(byref(out), self._p, byref(f))
        return self.partner(out.value)

    def update_partner(self, partner, **changes):
        """Changes the given fields (name=, email=, sectors=, ...); the others
        keep their value. None clears an optional field."""
        if not changes:
            raise TypeError("update_partner needs at least one field")
        f, mask, _keep = _fields(changes)
        ident = entity_id(partner, "partner")
        km_partner_update(self._p, ident, byref(f), mask)
        return self.partner(ident)

    def set_partner_status(self, partner, status, reason=None):
        """Moves a partner to ``status`` (a PartnerStatus or its name)."""
        ident = entity_id(partner, "partner")
        km_partner_set_status(self._p, ident, int(PartnerStatus.coerce(status, "partner.status")),
                              to_c(reason, "partner.reason"))
        return self.partner(ident)

    def archive_partner(self, partner, reason):
        ident = entity_id(partner, "partner")
        km_partner_archive(self._p, ident, to_c(reason, "partner.reason"))
        return self.partner(ident)

    def partner(self, ident):
        """The partner with id ``ident`` (NotFound otherwise)."""
        out = PartnerP()
        km_partner_get(byref(out), self._p, entity_id(ident, "partner"))
        return Partner(out)

    def partner_by_external_id(self, external_id):
        out = PartnerP()
        km_partner_get_by_external_id(byref(out), self._p, to_c(external_id, "partner.external_id"))
        return Partner(out)

    def partners(self, *, limit=None, **filters):
        """Iterates over the partners matching every filter given, in id
        order (or by name with ``order="name"``), fetching pages of
        ``page_size`` as it goes.

        Filters: kind, status, sector, capability, need, region (a kode
        wilayah prefix), name_contains; ``limit`` stops after that many."""
        q = _query(**filters)
        return paginate(km_partner_list, km_partner_page_free, km_partner_page_count, km_partner_page_get,
                        km_partner_page_cursor, lambda: self._p, q, PartnerPageP,
                        lambda ptr, page: Partner(ptr, page), limit)

    def count_partners(self, **filters):
        """Number of partners matching the filters of :meth:`partners`."""
        filters.pop("page_size", None)
        filters.pop("order", None)
        q = _query(**filters)
        out = c_uint64()
        km_partner_count(byref(out), self._p, byref(q))
        return out.value
