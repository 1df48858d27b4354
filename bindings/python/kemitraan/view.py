"""Bindings of view.h: every function declared, every versioned struct
mirrored, the enums with their labels, the entities as immutable
objects with one property per C accessor and generic keyword forms of the
main calls. Functions without a Pythonic wrapper are called as
``kemitraan.view.km_*`` with the declared ctypes types.
"""
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import Handle, paginate
from ._lib import entity_id, from_date, func, status
from ._records import Record, accessors, date, enum_of, fill, flag, micros, text
from ._types import AgreementP, GraphP, NetworkP, PartnerP, Versioned, opaque, versioned


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
ViewP = opaque("km_view")


VIEW_OPTIONS_VERSION = 1


@versioned("km_view_options", VIEW_OPTIONS_VERSION, active_only=1, family=-1, type=-1)
class ViewOptions(Versioned):
    _fields_ = [("version", c_uint), ("kind", c_int), ("as_of", c_char_p), ("active_only", c_int), ("family", c_int), ("type", c_int), ("framework_id", c_uint64), ("region_prefix", c_char_p), ("status_mask", c_uint32), ("vertices", c_int), ("weight", c_int), ("currency", c_char_p), ("flow", c_int)]



# ---- functions ----
km_view_build = status("km_view_build", POINTER(ViewP), NetworkP, POINTER(ViewOptions))
km_view_free = func("km_view_free", None, ViewP)
km_view_graph = func("km_view_graph", GraphP, ViewP)
km_view_kind_of = func("km_view_kind_of", c_int, ViewP)
km_view_kind_label = func("km_view_kind_label", c_char_p, c_int, c_int)
km_view_as_of = func("km_view_as_of", c_char_p, ViewP)
km_view_partner_count = func("km_view_partner_count", c_uint32, ViewP)
km_view_agreement_count = func("km_view_agreement_count", c_uint32, ViewP)
km_view_partner_id = func("km_view_partner_id", c_uint64, ViewP, c_uint32)
km_view_agreement_id = func("km_view_agreement_id", c_uint64, ViewP, c_uint32)
km_view_partner_vertex = status("km_view_partner_vertex", POINTER(c_uint32), ViewP, c_uint64)
km_view_agreement_vertex = status("km_view_agreement_vertex", POINTER(c_uint32), ViewP, c_uint64)
km_view_groups = status("km_view_groups", POINTER(c_int32), c_size_t, ViewP, c_int, c_uint32)

# ---- enums ----

class ViewKind(LabelledEnum):
    """ViewKind (km_view_kind)."""
    COAGREEMENT = 0
    RESOURCE_FLOW = 1
    BIPARTITE = 2


ViewKind._label_fn = km_view_kind_label


class ViewWeight(LabelledEnum):
    """ViewWeight (km_view_weight)."""
    COUNT = 0
    VALUE = 1


class ViewVertices(LabelledEnum):
    """ViewVertices (km_view_vertices)."""
    ALL = 0
    INVOLVED = 1


class ViewFlow(LabelledEnum):
    """ViewFlow (km_view_flow)."""
    COMMITTED = 0
    DISBURSED = 1


class ViewGroupBy(LabelledEnum):
    """ViewGroupBy (km_view_group_by)."""
    KIND = 0
    REGION = 1


class View:
    """A graph view of the network (km_view): partners and/or agreements as
    vertices. A context manager."""

    def __init__(self, ptr):
        self._h = Handle(ptr, km_view_free)

    def close(self):
        self._h.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    kind = property(lambda self: ViewKind.from_c(km_view_kind_of(self._h.ptr)))
    as_of = property(lambda self: from_date(km_view_as_of(self._h.ptr)))
    partner_count = property(lambda self: km_view_partner_count(self._h.ptr))
    agreement_count = property(lambda self: km_view_agreement_count(self._h.ptr))

    @property
    def partner_ids(self):
        """Partner id of each partner vertex, in vertex order."""
        return [km_view_partner_id(self._h.ptr, v) for v in range(self.partner_count)]

    @property
    def agreement_ids(self):
        return [km_view_agreement_id(self._h.ptr, v) for v in range(self.agreement_count)]

    def partner_vertex(self, partner):
        out = c_uint32()
        km_view_partner_vertex(byref(out), self._h.ptr, entity_id(partner, "partner"))
        return out.value

    def agreement_vertex(self, agreement):
        out = c_uint32()
        km_view_agreement_vertex(byref(out), self._h.ptr, entity_id(agreement, "agreement"))
        return out.value

    def groups(self, by, region_segments=0):
        """Group number of each vertex (km_view_groups)."""
        n = self.partner_count + self.agreement_count
        arr = (c_int32 * max(n, 1))()
        km_view_groups(arr, n, self._h.ptr, int(ViewGroupBy.coerce(by, "by")), region_segments)
        return list(arr[:n])


class ViewMixin:
    """View methods of :class:`kemitraan.Network` (generic keyword forms)."""

    def view(self, **options):
        """Builds a graph view (:class:`View`); options are the members of km_view_options by name."""
        o = fill(ViewOptions(), "options", options, [])
        out = ViewP()
        km_view_build(byref(out), self._p, byref(o))
        return View(out)
