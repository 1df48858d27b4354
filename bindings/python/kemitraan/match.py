"""Bindings of match.h: every function declared, every versioned struct
mirrored, the enums with their labels, the entities as immutable
objects with one property per C accessor and generic keyword forms of the
main calls. Functions without a Pythonic wrapper are called as
``kemitraan.match.km_*`` with the declared ctypes types.
"""
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import paginate
from ._lib import entity_id, func, status
from ._records import Record, accessors, date, enum_of, fill, flag, micros, text
from ._types import AgreementP, GraphP, NetworkP, PartnerP, Versioned, opaque, versioned


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
MatchesP = opaque("km_matches")


MATCH_NEED_VERSION = 1


@versioned("km_match_need", MATCH_NEED_VERSION)
class MatchNeed(Versioned):
    _fields_ = [("version", c_uint), ("tags", POINTER(c_char_p)), ("tags_count", c_size_t), ("sectors", POINTER(c_char_p)), ("sectors_count", c_size_t), ("region", c_char_p), ("partner_id", c_uint64)]


MATCH_OPTIONS_VERSION = 1


@versioned("km_match_options", MATCH_OPTIONS_VERSION, w_capability=0.35, w_sector=0.15, w_region=0.15, w_network=0.15, w_track_record=0.2, w_disputes=0.25, w_suspended=0.5, exclude_existing=1, use_evaluation=1, kind=-1, limit=20)
class MatchOptions(Versioned):
    _fields_ = [("version", c_uint), ("w_capability", c_double), ("w_sector", c_double), ("w_region", c_double), ("w_network", c_double), ("w_track_record", c_double), ("w_disputes", c_double), ("w_suspended", c_double), ("include_suspended", c_int), ("exclude_existing", c_int), ("use_evaluation", c_int), ("kind", c_int), ("min_score", c_double), ("limit", c_uint32), ("as_of", c_char_p)]



# ---- functions ----
km_match_for_partner = status("km_match_for_partner", POINTER(MatchesP), NetworkP, c_uint64, POINTER(MatchOptions))
km_match_for_need = status("km_match_for_need", POINTER(MatchesP), NetworkP, POINTER(MatchNeed),
                           POINTER(MatchOptions))
km_matches_count = func("km_matches_count", c_size_t, MatchesP)
km_matches_partner = func("km_matches_partner", c_uint64, MatchesP, c_size_t)
km_matches_score = func("km_matches_score", c_double, MatchesP, c_size_t)
km_matches_component = func("km_matches_component", c_double, MatchesP, c_size_t, c_int)
km_matches_detail = func("km_matches_detail", c_int64, MatchesP, c_size_t, c_int)
km_matches_free = func("km_matches_free", None, MatchesP)

# ---- enums ----

class MatchComponent(LabelledEnum):
    """MatchComponent (km_match_component)."""
    CAPABILITY = 0
    SECTOR = 1
    REGION = 2
    NETWORK = 3
    TRACK_RECORD = 4
    DISPUTES = 5
    SUSPENDED = 6


class MatchDetail(LabelledEnum):
    """MatchDetail (km_match_detail)."""
    TAGS_MATCHED = 0
    SECTORS_MATCHED = 1
    REGION_SEGMENTS = 2
    COMMON_NEIGHBOURS = 3
    DISTANCE = 4
    COMPLETED = 5
    OPEN_DISPUTES = 6
    EVALUATION_PERMILLE = 7


#: One suggested partner: its score, every component and detail.
Match = __import__("collections").namedtuple("Match", "partner score components details")


def _matches(ptr):
    try:
        return [Match(km_matches_partner(ptr, i), km_matches_score(ptr, i),
                      {c: km_matches_component(ptr, i, int(c)) for c in MatchComponent},
                      {d: km_matches_detail(ptr, i, int(d)) for d in MatchDetail})
                for i in range(km_matches_count(ptr))]
    finally:
        km_matches_free(ptr)


class MatchMixin:
    """Match methods of :class:`kemitraan.Network` (generic keyword forms)."""

    def match_for_partner(self, partner, **options):
        """Suggested partners for a partner, best first: a list of
        :class:`Match` (options: members of km_match_options by name)."""
        o = fill(MatchOptions(), "options", options, [])
        out = MatchesP()
        km_match_for_partner(byref(out), self._p, entity_id(partner, "partner"), byref(o))
        return _matches(out)

    def match_for_need(self, *, tags=(), sectors=(), region=None, partner=None, **options):
        """Suggested partners for a need (capability tags, sectors, region)."""
        keep = []
        need = fill(MatchNeed(), "need", {"tags": tags, "sectors": sectors, "region": region,
                                          "partner_id": partner}, keep)
        o = fill(MatchOptions(), "options", options, keep)
        out = MatchesP()
        km_match_for_need(byref(out), self._p, byref(need), byref(o))
        return _matches(out)
