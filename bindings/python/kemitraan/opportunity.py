"""Bindings of opportunity.h: every function declared, every versioned struct
mirrored, the enums with their labels, the entities as immutable
objects with one property per C accessor and generic keyword forms of the
main calls. Functions without a Pythonic wrapper are called as
``kemitraan.opportunity.km_*`` with the declared ctypes types.
"""
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import paginate
from ._lib import entity_id, func, status
from ._records import Record, accessors, date, enum_of, fill, flag, micros, text
from ._types import AgreementP, GraphP, NetworkP, PartnerP, Versioned, opaque, versioned
from .match import MatchOptions


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
DiscoveryP = opaque("km_discovery")
EligibilityP = opaque("km_eligibility")
InterestP = opaque("km_interest")
InterestPageP = opaque("km_interest_page")
OpportunityP = opaque("km_opportunity")
OpportunityPageP = opaque("km_opportunity_page")


OPPORTUNITY_FIELDS_VERSION = 1


@versioned("km_opportunity_fields", OPPORTUNITY_FIELDS_VERSION, partners_sought=1, partner_roles=8, publisher_roles=2)
class OpportunityFields(Versioned):
    _fields_ = [("version", c_uint), ("publisher_id", c_uint64), ("title", c_char_p), ("description", c_char_p), ("agreement_type", c_int), ("framework_id", c_uint64), ("sectors", POINTER(c_char_p)), ("sectors_count", c_size_t), ("region", c_char_p), ("capabilities", POINTER(c_char_p)), ("capabilities_count", c_size_t), ("grant_ceiling", c_int64), ("currency", c_char_p), ("assistance", c_char_p), ("assistance_quantity", c_int64), ("assistance_unit", c_char_p), ("eligible_kinds", c_uint32), ("eligible_region", c_char_p), ("min_completed", c_uint32), ("partners_sought", c_uint32), ("opening_date", c_char_p), ("closing_date", c_char_p), ("partner_roles", c_uint32), ("publisher_roles", c_uint32), ("award_mode", c_int), ("no_open_disputes", c_int)]


OPPORTUNITY_QUERY_VERSION = 1


@versioned("km_opportunity_query", OPPORTUNITY_QUERY_VERSION, status=-1, agreement_type=-1)
class OpportunityQuery(Versioned):
    _fields_ = [("version", c_uint), ("publisher_id", c_uint64), ("status", c_int), ("status_as_of", c_char_p), ("agreement_type", c_int), ("framework_id", c_uint64), ("sector", c_char_p), ("capability", c_char_p), ("region_prefix", c_char_p), ("open_on", c_char_p), ("cursor", c_char_p), ("limit", c_uint32)]


INTEREST_FIELDS_VERSION = 1


@versioned("km_interest_fields", INTEREST_FIELDS_VERSION)
class InterestFields(Versioned):
    _fields_ = [("version", c_uint), ("opportunity_id", c_uint64), ("partner_id", c_uint64), ("statement", c_char_p), ("capabilities", POINTER(c_char_p)), ("capabilities_count", c_size_t), ("contribution_amount", c_int64), ("contribution_currency", c_char_p), ("contribution_quantity", c_int64), ("contribution_unit", c_char_p), ("co_applicants", POINTER(c_uint64)), ("co_applicants_count", c_size_t)]


SELECTION_OPTIONS_VERSION = 1


@versioned("km_selection_options", SELECTION_OPTIONS_VERSION)
class SelectionOptions(Versioned):
    _fields_ = [("version", c_uint), ("reference", c_char_p), ("title", c_char_p), ("start_date", c_char_p), ("end_date", c_char_p)]


INTEREST_QUERY_VERSION = 1


@versioned("km_interest_query", INTEREST_QUERY_VERSION, status=-1)
class InterestQuery(Versioned):
    _fields_ = [("version", c_uint), ("opportunity_id", c_uint64), ("partner_id", c_uint64), ("member_id", c_uint64), ("status", c_int), ("agreement_id", c_uint64), ("cursor", c_char_p), ("limit", c_uint32)]


DISCOVERY_OPTIONS_VERSION = 1


@versioned("km_discovery_options", DISCOVERY_OPTIONS_VERSION, capability_weight=0.5, sector_weight=0.3, region_weight=0.2)
class DiscoveryOptions(Versioned):
    _fields_ = [("version", c_uint), ("capability_weight", c_double), ("sector_weight", c_double), ("region_weight", c_double), ("as_of_date", c_char_p), ("limit", c_uint32)]



# ---- functions ----
km_opportunity_create = status("km_opportunity_create", POINTER(c_uint64), NetworkP, POINTER(OpportunityFields))
km_opportunity_update = status("km_opportunity_update", NetworkP, c_uint64, POINTER(OpportunityFields), c_uint32)
km_opportunity_transition = status("km_opportunity_transition", NetworkP, c_uint64, c_int, c_char_p)
km_opportunity_open = status("km_opportunity_open", NetworkP, c_uint64)
km_opportunity_close = status("km_opportunity_close", NetworkP, c_uint64, c_char_p)
km_opportunity_award = status("km_opportunity_award", NetworkP, c_uint64, c_char_p)
km_opportunity_cancel = status("km_opportunity_cancel", NetworkP, c_uint64, c_char_p)
km_opportunity_close_due = status("km_opportunity_close_due", POINTER(c_uint64), NetworkP, c_char_p)
km_opportunity_get = status("km_opportunity_get", POINTER(OpportunityP), NetworkP, c_uint64)
km_opportunity_of_agreement = status("km_opportunity_of_agreement", POINTER(c_uint64), NetworkP, c_uint64)
km_opportunity_free = func("km_opportunity_free", None, OpportunityP)
km_opportunity_id = func("km_opportunity_id", c_uint64, OpportunityP)
km_opportunity_publisher = func("km_opportunity_publisher", c_uint64, OpportunityP)
km_opportunity_title = func("km_opportunity_title", c_char_p, OpportunityP)
km_opportunity_description = func("km_opportunity_description", c_char_p, OpportunityP)
km_opportunity_agreement_type = func("km_opportunity_agreement_type", c_int, OpportunityP)
km_opportunity_framework_id = func("km_opportunity_framework_id", c_uint64, OpportunityP)
km_opportunity_sector_count = func("km_opportunity_sector_count", c_size_t, OpportunityP)
km_opportunity_sector = func("km_opportunity_sector", c_char_p, OpportunityP, c_size_t)
km_opportunity_region = func("km_opportunity_region", c_char_p, OpportunityP)
km_opportunity_capability_count = func("km_opportunity_capability_count", c_size_t, OpportunityP)
km_opportunity_capability = func("km_opportunity_capability", c_char_p, OpportunityP, c_size_t)
km_opportunity_grant_ceiling = func("km_opportunity_grant_ceiling", c_int64, OpportunityP)
km_opportunity_currency = func("km_opportunity_currency", c_char_p, OpportunityP)
km_opportunity_assistance = func("km_opportunity_assistance", c_char_p, OpportunityP)
km_opportunity_assistance_quantity = func("km_opportunity_assistance_quantity", c_int64, OpportunityP)
km_opportunity_assistance_unit = func("km_opportunity_assistance_unit", c_char_p, OpportunityP)
km_opportunity_eligible_kinds = func("km_opportunity_eligible_kinds", c_uint32, OpportunityP)
km_opportunity_eligible_region = func("km_opportunity_eligible_region", c_char_p, OpportunityP)
km_opportunity_min_completed = func("km_opportunity_min_completed", c_uint32, OpportunityP)
km_opportunity_no_open_disputes = func("km_opportunity_no_open_disputes", c_int, OpportunityP)
km_opportunity_partners_sought = func("km_opportunity_partners_sought", c_uint32, OpportunityP)
km_opportunity_opening_date = func("km_opportunity_opening_date", c_char_p, OpportunityP)
km_opportunity_closing_date = func("km_opportunity_closing_date", c_char_p, OpportunityP)
km_opportunity_partner_roles = func("km_opportunity_partner_roles", c_uint32, OpportunityP)
km_opportunity_publisher_roles = func("km_opportunity_publisher_roles", c_uint32, OpportunityP)
km_opportunity_award_mode = func("km_opportunity_award_mode", c_int, OpportunityP)
km_opportunity_status_of = func("km_opportunity_status_of", c_int, OpportunityP)
km_opportunity_status_on = func("km_opportunity_status_on", c_int, OpportunityP, c_char_p)
km_opportunity_accepting_on = func("km_opportunity_accepting_on", c_int, OpportunityP, c_char_p)
km_opportunity_status_reason = func("km_opportunity_status_reason", c_char_p, OpportunityP)
km_opportunity_closed_as_of = func("km_opportunity_closed_as_of", c_char_p, OpportunityP)
km_opportunity_selected_count = func("km_opportunity_selected_count", c_uint32, OpportunityP)
km_opportunity_agreement_count = func("km_opportunity_agreement_count", c_size_t, OpportunityP)
km_opportunity_agreement = func("km_opportunity_agreement", c_uint64, OpportunityP, c_size_t)
km_opportunity_created = func("km_opportunity_created", c_int64, OpportunityP)
km_opportunity_updated = func("km_opportunity_updated", c_int64, OpportunityP)
km_opportunity_version = func("km_opportunity_version", c_uint32, OpportunityP)
km_opportunity_list = status("km_opportunity_list", POINTER(OpportunityPageP), NetworkP, POINTER(OpportunityQuery))
km_opportunity_count = status("km_opportunity_count", POINTER(c_uint64), NetworkP, POINTER(OpportunityQuery))
km_opportunity_page_count = func("km_opportunity_page_count", c_size_t, OpportunityPageP)
km_opportunity_page_get = func("km_opportunity_page_get", OpportunityP, OpportunityPageP, c_size_t)
km_opportunity_page_cursor = func("km_opportunity_page_cursor", c_char_p, OpportunityPageP)
km_opportunity_page_free = func("km_opportunity_page_free", None, OpportunityPageP)
km_opportunity_check_eligibility = status("km_opportunity_check_eligibility", POINTER(EligibilityP), NetworkP,
                                          c_uint64, c_uint64, POINTER(c_uint64), c_size_t)
km_eligibility_count = func("km_eligibility_count", c_size_t, EligibilityP)
km_eligibility_rule_of = func("km_eligibility_rule_of", c_int, EligibilityP, c_size_t)
km_eligibility_partner = func("km_eligibility_partner", c_uint64, EligibilityP, c_size_t)
km_eligibility_message = func("km_eligibility_message", c_char_p, EligibilityP, c_size_t, c_int)
km_eligibility_free = func("km_eligibility_free", None, EligibilityP)
km_interest_submit = status("km_interest_submit", POINTER(c_uint64), NetworkP, POINTER(InterestFields))
km_interest_consent = status("km_interest_consent", NetworkP, c_uint64, c_uint64)
km_interest_transition = status("km_interest_transition", NetworkP, c_uint64, c_int, c_char_p)
km_interest_withdraw = status("km_interest_withdraw", NetworkP, c_uint64, c_char_p)
km_interest_shortlist = status("km_interest_shortlist", NetworkP, c_uint64, c_char_p)
km_interest_reject = status("km_interest_reject", NetworkP, c_uint64, c_char_p)
km_interest_select = status("km_interest_select", POINTER(c_uint64), NetworkP, c_uint64, POINTER(SelectionOptions))
km_interest_get = status("km_interest_get", POINTER(InterestP), NetworkP, c_uint64)
km_interest_free = func("km_interest_free", None, InterestP)
km_interest_id = func("km_interest_id", c_uint64, InterestP)
km_interest_opportunity = func("km_interest_opportunity", c_uint64, InterestP)
km_interest_partner = func("km_interest_partner", c_uint64, InterestP)
km_interest_status_of = func("km_interest_status_of", c_int, InterestP)
km_interest_status_reason = func("km_interest_status_reason", c_char_p, InterestP)
km_interest_statement = func("km_interest_statement", c_char_p, InterestP)
km_interest_capability_count = func("km_interest_capability_count", c_size_t, InterestP)
km_interest_capability = func("km_interest_capability", c_char_p, InterestP, c_size_t)
km_interest_contribution_amount = func("km_interest_contribution_amount", c_int64, InterestP)
km_interest_contribution_currency = func("km_interest_contribution_currency", c_char_p, InterestP)
km_interest_contribution_quantity = func("km_interest_contribution_quantity", c_int64, InterestP)
km_interest_contribution_unit = func("km_interest_contribution_unit", c_char_p, InterestP)
km_interest_co_applicant_count = func("km_interest_co_applicant_count", c_size_t, InterestP)
km_interest_co_applicant = func("km_interest_co_applicant", c_uint64, InterestP, c_size_t)
km_interest_co_applicant_consented = func("km_interest_co_applicant_consented", c_int64, InterestP, c_size_t)
km_interest_agreement = func("km_interest_agreement", c_uint64, InterestP)
km_interest_created = func("km_interest_created", c_int64, InterestP)
km_interest_updated = func("km_interest_updated", c_int64, InterestP)
km_interest_version = func("km_interest_version", c_uint32, InterestP)
km_interest_list = status("km_interest_list", POINTER(InterestPageP), NetworkP, POINTER(InterestQuery))
km_interest_count = status("km_interest_count", POINTER(c_uint64), NetworkP, POINTER(InterestQuery))
km_interest_page_count = func("km_interest_page_count", c_size_t, InterestPageP)
km_interest_page_get = func("km_interest_page_get", InterestP, InterestPageP, c_size_t)
km_interest_page_cursor = func("km_interest_page_cursor", c_char_p, InterestPageP)
km_interest_page_free = func("km_interest_page_free", None, InterestPageP)
km_opportunity_discover = status("km_opportunity_discover", POINTER(DiscoveryP), NetworkP, c_uint64,
                                 POINTER(DiscoveryOptions))
km_opportunity_suggest_partners = status("km_opportunity_suggest_partners", POINTER(DiscoveryP), NetworkP, c_uint64,
                                         POINTER(MatchOptions))
km_discovery_count = func("km_discovery_count", c_size_t, DiscoveryP)
km_discovery_component = func("km_discovery_component", c_double, DiscoveryP, c_size_t, c_int)
km_discovery_opportunity = func("km_discovery_opportunity", c_uint64, DiscoveryP, c_size_t)
km_discovery_partner = func("km_discovery_partner", c_uint64, DiscoveryP, c_size_t)
km_discovery_score = func("km_discovery_score", c_double, DiscoveryP, c_size_t)
km_discovery_capability_score = func("km_discovery_capability_score", c_double, DiscoveryP, c_size_t)
km_discovery_sector_score = func("km_discovery_sector_score", c_double, DiscoveryP, c_size_t)
km_discovery_region_score = func("km_discovery_region_score", c_double, DiscoveryP, c_size_t)
km_discovery_free = func("km_discovery_free", None, DiscoveryP)
km_opportunity_status_label = func("km_opportunity_status_label", c_char_p, c_int, c_int)
km_award_mode_label = func("km_award_mode_label", c_char_p, c_int, c_int)
km_interest_status_label = func("km_interest_status_label", c_char_p, c_int, c_int)
km_eligibility_rule_label = func("km_eligibility_rule_label", c_char_p, c_int, c_int)
km_eligibility_rule_code = func("km_eligibility_rule_code", c_char_p, c_int)

# ---- enums ----

class OpportunityStatus(LabelledEnum):
    """OpportunityStatus (km_opportunity_status)."""
    DRAFT = 0
    OPEN = 1
    CLOSED = 2
    AWARDED = 3
    CANCELLED = 4


OpportunityStatus._label_fn = km_opportunity_status_label


class AwardMode(LabelledEnum):
    """AwardMode (km_award_mode)."""
    SEPARATE = 0
    JOINT = 1


AwardMode._label_fn = km_award_mode_label


class InterestStatus(LabelledEnum):
    """InterestStatus (km_interest_status)."""
    SUBMITTED = 0
    SHORTLISTED = 1
    SELECTED = 2
    REJECTED = 3
    WITHDRAWN = 4


InterestStatus._label_fn = km_interest_status_label


class EligibilityRule(LabelledEnum):
    """EligibilityRule (km_eligibility_rule)."""
    ACTIVE = 0
    NOT_PUBLISHER = 1
    KIND = 2
    REGION = 3
    TRACK_RECORD = 4
    NO_OPEN_DISPUTES = 5


EligibilityRule._label_fn = km_eligibility_rule_label


class Opportunity(Record):
    """An immutable snapshot of a opportunity (km_opportunity)."""

    __slots__ = ()
    _free_ = km_opportunity_free



accessors(Opportunity, id=(km_opportunity_id, None), publisher=(km_opportunity_publisher, None),
          title=(km_opportunity_title, text), description=(km_opportunity_description, text),
          agreement_type=(km_opportunity_agreement_type, None), framework_id=(km_opportunity_framework_id, None),
          sector_count=(km_opportunity_sector_count, None), region=(km_opportunity_region, text),
          capability_count=(km_opportunity_capability_count, None),
          grant_ceiling=(km_opportunity_grant_ceiling, None), currency=(km_opportunity_currency, text),
          assistance=(km_opportunity_assistance, text),
          assistance_quantity=(km_opportunity_assistance_quantity, None),
          assistance_unit=(km_opportunity_assistance_unit, text),
          eligible_kinds=(km_opportunity_eligible_kinds, None),
          eligible_region=(km_opportunity_eligible_region, text), min_completed=(km_opportunity_min_completed, None),
          no_open_disputes=(km_opportunity_no_open_disputes, None),
          partners_sought=(km_opportunity_partners_sought, None), opening_date=(km_opportunity_opening_date, date),
          closing_date=(km_opportunity_closing_date, date), partner_roles=(km_opportunity_partner_roles, None),
          publisher_roles=(km_opportunity_publisher_roles, None),
          award_mode=(km_opportunity_award_mode, enum_of(AwardMode)),
          status=(km_opportunity_status_of, enum_of(OpportunityStatus)),
          status_reason=(km_opportunity_status_reason, text), closed_as=(km_opportunity_closed_as_of, date),
          selected_count=(km_opportunity_selected_count, None),
          agreement_count=(km_opportunity_agreement_count, None), created=(km_opportunity_created, micros),
          updated=(km_opportunity_updated, micros), version=(km_opportunity_version, None))


class Interest(Record):
    """An immutable snapshot of a interest (km_interest)."""

    __slots__ = ()
    _free_ = km_interest_free



accessors(Interest, id=(km_interest_id, None), opportunity=(km_interest_opportunity, None),
          partner=(km_interest_partner, None), status=(km_interest_status_of, enum_of(InterestStatus)),
          status_reason=(km_interest_status_reason, text), statement=(km_interest_statement, text),
          capability_count=(km_interest_capability_count, None),
          contribution_amount=(km_interest_contribution_amount, None),
          contribution_currency=(km_interest_contribution_currency, text),
          contribution_quantity=(km_interest_contribution_quantity, None),
          contribution_unit=(km_interest_contribution_unit, text),
          co_applicant_count=(km_interest_co_applicant_count, None), agreement=(km_interest_agreement, None),
          created=(km_interest_created, micros), updated=(km_interest_updated, micros),
          version=(km_interest_version, None))

class OpportunityMixin:
    """Opportunity methods of :class:`kemitraan.Network` (generic keyword forms)."""

    def opportunity(self, ident):
        """The opportunity with id ``ident`` (NotFound otherwise)."""
        out = OpportunityP()
        km_opportunity_get(byref(out), self._p, entity_id(ident, "opportunity"))
        return Opportunity(out)

    def opportunities(self, *, limit=None, page_size=None, **filters):
        """Iterates over the opportunities matching every filter (members of km_opportunity_query by name), page by page."""
        q = fill(OpportunityQuery(), "query", filters, [])
        q.limit = page_size or 0
        return paginate(km_opportunity_list, km_opportunity_page_free, km_opportunity_page_count, km_opportunity_page_get, km_opportunity_page_cursor,
                        lambda: self._p, q, OpportunityPageP, lambda ptr, page: Opportunity(ptr, page), limit)

    def interest(self, ident):
        """The interest with id ``ident`` (NotFound otherwise)."""
        out = InterestP()
        km_interest_get(byref(out), self._p, entity_id(ident, "interest"))
        return Interest(out)

    def interests(self, *, limit=None, page_size=None, **filters):
        """Iterates over the interests matching every filter (members of km_interest_query by name), page by page."""
        q = fill(InterestQuery(), "query", filters, [])
        q.limit = page_size or 0
        return paginate(km_interest_list, km_interest_page_free, km_interest_page_count, km_interest_page_get, km_interest_page_cursor,
                        lambda: self._p, q, InterestPageP, lambda ptr, page: Interest(ptr, page), limit)

    def create_opportunity(self, **fields):
        """km_opportunity_create (km_opportunity_create): keyword arguments are the members of km_opportunity_fields by name."""
        keep = []
        f = fill(OpportunityFields(), "opportunity", fields, keep)
        out = c_uint64()
        km_opportunity_create(byref(out), self._p, byref(f))
        return self.opportunity(out.value)

    def submit_interest(self, **fields):
        """km_interest_submit (km_interest_submit): keyword arguments are the members of km_interest_fields by name."""
        keep = []
        f = fill(InterestFields(), "interest", fields, keep)
        out = c_uint64()
        km_interest_submit(byref(out), self._p, byref(f))
        return self.interest(out.value)
