"""Bindings of dispute.h: every function declared, every versioned struct
mirrored, the enums with their labels, the entities as immutable
objects with one property per C accessor and generic keyword forms of the
main calls. Functions without a Pythonic wrapper are called as
``kemitraan.dispute.km_*`` with the declared ctypes types.
"""
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int32, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import paginate
from ._lib import entity_id, func, status, to_c
from ._records import Record, accessors, date, enum_of, fill, flag, micros, text
from ._types import AgreementP, GraphP, NetworkP, PartnerP, Versioned, opaque, versioned


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
CaseloadP = opaque("km_caseload")
ConflictsP = opaque("km_conflicts")
DisputeP = opaque("km_dispute")
DisputeOverdueListP = opaque("km_dispute_overdue_list")
DisputePageP = opaque("km_dispute_page")
DisputeSessionsP = opaque("km_dispute_sessions")


DISPUTE_FIELDS_VERSION = 1


@versioned("km_dispute_fields", DISPUTE_FIELDS_VERSION)
class DisputeFields(Versioned):
    _fields_ = [("version", c_uint), ("agreement_id", c_uint64), ("claimant", c_uint64), ("respondents", POINTER(c_uint64)), ("respondents_count", c_size_t), ("category", c_int), ("severity", c_int), ("description", c_char_p), ("relief", c_char_p), ("commitment_ids", POINTER(c_uint64)), ("commitments_count", c_size_t), ("milestone_numbers", POINTER(c_uint32)), ("milestones_count", c_size_t)]


DISPUTE_SETTLEMENT_VERSION = 1


@versioned("km_dispute_settlement", DISPUTE_SETTLEMENT_VERSION)
class DisputeSettlement(Versioned):
    _fields_ = [("version", c_uint), ("terms", c_char_p), ("commitment_ids", POINTER(c_uint64)), ("commitments_count", c_size_t), ("milestone_numbers", POINTER(c_uint32)), ("milestones_count", c_size_t)]


DISPUTE_SESSION_FIELDS_VERSION = 1


@versioned("km_dispute_session_fields", DISPUTE_SESSION_FIELDS_VERSION)
class DisputeSessionFields(Versioned):
    _fields_ = [("version", c_uint), ("date", c_char_p), ("attendees", POINTER(c_uint64)), ("attendees_count", c_size_t), ("outcome", c_char_p)]


DISPUTE_POLICY_VERSION = 1


@versioned("km_dispute_policy", DISPUTE_POLICY_VERSION, acknowledge_days=14, start_days=14, negotiation_days=30, mediation_days=30, utc_offset_minutes=420)
class DisputePolicy(Versioned):
    _fields_ = [("version", c_uint), ("mediator_kinds", c_uint32), ("allow_agreement_party", c_int), ("allow_related_agreements", c_int), ("suspend_during_mediation", c_int), ("acknowledge_days", c_uint32), ("start_days", c_uint32), ("negotiation_days", c_uint32), ("mediation_days", c_uint32), ("utc_offset_minutes", c_int32)]


DISPUTE_QUERY_VERSION = 1


@versioned("km_dispute_query", DISPUTE_QUERY_VERSION, status=-1, category=-1, severity=-1)
class DisputeQuery(Versioned):
    _fields_ = [("version", c_uint), ("agreement_id", c_uint64), ("party", c_uint64), ("mediator", c_uint64), ("status", c_int), ("category", c_int), ("severity", c_int), ("open_only", c_int), ("filed_from", c_char_p), ("filed_to", c_char_p), ("cursor", c_char_p), ("limit", c_uint32)]


DISPUTE_REPORT_VERSION = 1


@versioned("km_dispute_report", DISPUTE_REPORT_VERSION, resolution_days_median=-1, resolution_days_p90=-1, resolution_days_max=-1)
class DisputeReport(Versioned):
    _fields_ = [("version", c_uint), ("disputes", c_uint64), ("open", c_uint64), ("in_status", c_uint64 * 9), ("resolved", c_uint64), ("settled_negotiation", c_uint64), ("settled_mediation", c_uint64), ("escalated", c_uint64), ("withdrawn", c_uint64), ("dismissed", c_uint64), ("share_settled_negotiation", c_double), ("share_settled_mediation", c_double), ("share_escalated", c_double), ("resolution_days_median", c_int64), ("resolution_days_p90", c_int64), ("resolution_days_max", c_int64)]



# ---- functions ----
km_dispute_file = status("km_dispute_file", POINTER(c_uint64), NetworkP, POINTER(DisputeFields))
km_dispute_acknowledge = status("km_dispute_acknowledge", NetworkP, c_uint64, c_uint64, c_char_p)
km_dispute_consent = status("km_dispute_consent", NetworkP, c_uint64, c_uint64, c_char_p)
km_dispute_transition = status("km_dispute_transition", NetworkP, c_uint64, c_int, c_char_p)
km_dispute_negotiate = status("km_dispute_negotiate", NetworkP, c_uint64, c_char_p)
km_dispute_mediate = status("km_dispute_mediate", NetworkP, c_uint64, c_char_p)
km_dispute_settle = status("km_dispute_settle", NetworkP, c_uint64, POINTER(DisputeSettlement))
km_dispute_escalate = status("km_dispute_escalate", NetworkP, c_uint64, c_int, c_char_p)
km_dispute_close = status("km_dispute_close", NetworkP, c_uint64, c_char_p)
km_dispute_withdraw = status("km_dispute_withdraw", NetworkP, c_uint64, c_char_p)
km_dispute_dismiss = status("km_dispute_dismiss", NetworkP, c_uint64, c_char_p)
km_dispute_transition_roles = func("km_dispute_transition_roles", c_uint32, c_int, c_int)
km_dispute_mediator_check = status("km_dispute_mediator_check", POINTER(ConflictsP), NetworkP, c_uint64, c_uint64)
km_conflicts_count = func("km_conflicts_count", c_size_t, ConflictsP)
km_conflicts_kind = func("km_conflicts_kind", c_int, ConflictsP, c_size_t)
km_conflicts_agreement = func("km_conflicts_agreement", c_uint64, ConflictsP, c_size_t)
km_conflicts_partner = func("km_conflicts_partner", c_uint64, ConflictsP, c_size_t)
km_conflicts_overridable = func("km_conflicts_overridable", c_int, ConflictsP, c_size_t)
km_conflicts_message = func("km_conflicts_message", c_char_p, ConflictsP, c_size_t, c_int)
km_conflicts_free = func("km_conflicts_free", None, ConflictsP)
km_dispute_assign_mediator = status("km_dispute_assign_mediator", NetworkP, c_uint64, c_uint64, c_char_p)
km_dispute_suspend_agreement = status("km_dispute_suspend_agreement", NetworkP, c_uint64, c_char_p)
km_dispute_extend_deadline = status("km_dispute_extend_deadline", NetworkP, c_uint64, c_uint32, c_char_p)
km_dispute_session_add = status("km_dispute_session_add", POINTER(c_uint32), NetworkP, c_uint64,
                                POINTER(DisputeSessionFields))
km_dispute_session_list = status("km_dispute_session_list", POINTER(DisputeSessionsP), NetworkP, c_uint64)
km_dispute_sessions_count = func("km_dispute_sessions_count", c_size_t, DisputeSessionsP)
km_dispute_sessions_number = func("km_dispute_sessions_number", c_uint32, DisputeSessionsP, c_size_t)
km_dispute_sessions_date = func("km_dispute_sessions_date", c_char_p, DisputeSessionsP, c_size_t)
km_dispute_sessions_stage = func("km_dispute_sessions_stage", c_int, DisputeSessionsP, c_size_t)
km_dispute_sessions_attendee_count = func("km_dispute_sessions_attendee_count", c_size_t, DisputeSessionsP, c_size_t)
km_dispute_sessions_attendee = func("km_dispute_sessions_attendee", c_uint64, DisputeSessionsP, c_size_t, c_size_t)
km_dispute_sessions_outcome = func("km_dispute_sessions_outcome", c_char_p, DisputeSessionsP, c_size_t)
km_dispute_sessions_free = func("km_dispute_sessions_free", None, DisputeSessionsP)
km_dispute_policy_set = status("km_dispute_policy_set", NetworkP, c_uint64, POINTER(DisputePolicy))
km_dispute_policy_get = status("km_dispute_policy_get", POINTER(DisputePolicy), POINTER(c_int), NetworkP, c_uint64)
km_dispute_get = status("km_dispute_get", POINTER(DisputeP), NetworkP, c_uint64)
km_dispute_free = func("km_dispute_free", None, DisputeP)
km_dispute_id = func("km_dispute_id", c_uint64, DisputeP)
km_dispute_agreement = func("km_dispute_agreement", c_uint64, DisputeP)
km_dispute_claimant = func("km_dispute_claimant", c_uint64, DisputeP)
km_dispute_respondent_count = func("km_dispute_respondent_count", c_size_t, DisputeP)
km_dispute_respondent = func("km_dispute_respondent", c_uint64, DisputeP, c_size_t)
km_dispute_respondent_acknowledged = func("km_dispute_respondent_acknowledged", c_int64, DisputeP, c_size_t)
km_dispute_consented = func("km_dispute_consented", c_int64, DisputeP, c_uint64)
km_dispute_category_of = func("km_dispute_category_of", c_int, DisputeP)
km_dispute_severity_of = func("km_dispute_severity_of", c_int, DisputeP)
km_dispute_status_of = func("km_dispute_status_of", c_int, DisputeP)
km_dispute_description = func("km_dispute_description", c_char_p, DisputeP)
km_dispute_relief = func("km_dispute_relief", c_char_p, DisputeP)
km_dispute_commitment_count = func("km_dispute_commitment_count", c_size_t, DisputeP)
km_dispute_commitment = func("km_dispute_commitment", c_uint64, DisputeP, c_size_t)
km_dispute_milestone_count = func("km_dispute_milestone_count", c_size_t, DisputeP)
km_dispute_milestone = func("km_dispute_milestone", c_uint32, DisputeP, c_size_t)
km_dispute_mediator = func("km_dispute_mediator", c_uint64, DisputeP)
km_dispute_mediator_override = func("km_dispute_mediator_override", c_char_p, DisputeP)
km_dispute_forum_of = func("km_dispute_forum_of", c_int, DisputeP)
km_dispute_status_note = func("km_dispute_status_note", c_char_p, DisputeP)
km_dispute_status_time = func("km_dispute_status_time", c_int64, DisputeP)
km_dispute_entered = func("km_dispute_entered", c_int64, DisputeP, c_int)
km_dispute_filed = func("km_dispute_filed", c_int64, DisputeP)
km_dispute_updated = func("km_dispute_updated", c_int64, DisputeP)
km_dispute_filed_date = func("km_dispute_filed_date", c_char_p, DisputeP)
km_dispute_stage_date = func("km_dispute_stage_date", c_char_p, DisputeP)
km_dispute_due_date = func("km_dispute_due_date", c_char_p, DisputeP)
km_dispute_outcome = func("km_dispute_outcome", c_int, DisputeP)
km_dispute_resolved_date = func("km_dispute_resolved_date", c_char_p, DisputeP)
km_dispute_settled_in = func("km_dispute_settled_in", c_int, DisputeP)
km_dispute_settlement_terms = func("km_dispute_settlement_terms", c_char_p, DisputeP)
km_dispute_settlement_commitment_count = func("km_dispute_settlement_commitment_count", c_size_t, DisputeP)
km_dispute_settlement_commitment = func("km_dispute_settlement_commitment", c_uint64, DisputeP, c_size_t)
km_dispute_settlement_milestone_count = func("km_dispute_settlement_milestone_count", c_size_t, DisputeP)
km_dispute_settlement_milestone = func("km_dispute_settlement_milestone", c_uint32, DisputeP, c_size_t)
km_dispute_holds_suspension = func("km_dispute_holds_suspension", c_int, DisputeP)
km_dispute_list = status("km_dispute_list", POINTER(DisputePageP), NetworkP, POINTER(DisputeQuery))
km_dispute_count = status("km_dispute_count", POINTER(c_uint64), NetworkP, POINTER(DisputeQuery))
km_dispute_page_count = func("km_dispute_page_count", c_size_t, DisputePageP)
km_dispute_page_get = func("km_dispute_page_get", DisputeP, DisputePageP, c_size_t)
km_dispute_page_cursor = func("km_dispute_page_cursor", c_char_p, DisputePageP)
km_dispute_page_free = func("km_dispute_page_free", None, DisputePageP)
km_dispute_overdue = status("km_dispute_overdue", POINTER(DisputeOverdueListP), NetworkP, c_char_p,
                            POINTER(DisputeQuery))
km_dispute_overdue_count = func("km_dispute_overdue_count", c_size_t, DisputeOverdueListP)
km_dispute_overdue_id = func("km_dispute_overdue_id", c_uint64, DisputeOverdueListP, c_size_t)
km_dispute_overdue_status = func("km_dispute_overdue_status", c_int, DisputeOverdueListP, c_size_t)
km_dispute_overdue_due_date = func("km_dispute_overdue_due_date", c_char_p, DisputeOverdueListP, c_size_t)
km_dispute_overdue_days = func("km_dispute_overdue_days", c_uint32, DisputeOverdueListP, c_size_t)
km_dispute_overdue_owed_by = func("km_dispute_overdue_owed_by", c_uint32, DisputeOverdueListP, c_size_t)
km_dispute_overdue_owing_count = func("km_dispute_overdue_owing_count", c_size_t, DisputeOverdueListP, c_size_t)
km_dispute_overdue_owing = func("km_dispute_overdue_owing", c_uint64, DisputeOverdueListP, c_size_t, c_size_t)
km_dispute_overdue_free = func("km_dispute_overdue_free", None, DisputeOverdueListP)
km_dispute_report_get = status("km_dispute_report_get", POINTER(DisputeReport), NetworkP, POINTER(DisputeQuery))
km_dispute_caseload = status("km_dispute_caseload", POINTER(CaseloadP), NetworkP, POINTER(DisputeQuery))
km_caseload_count = func("km_caseload_count", c_size_t, CaseloadP)
km_caseload_mediator = func("km_caseload_mediator", c_uint64, CaseloadP, c_size_t)
km_caseload_assigned = func("km_caseload_assigned", c_uint64, CaseloadP, c_size_t)
km_caseload_open = func("km_caseload_open", c_uint64, CaseloadP, c_size_t)
km_caseload_in_mediation = func("km_caseload_in_mediation", c_uint64, CaseloadP, c_size_t)
km_caseload_settled = func("km_caseload_settled", c_uint64, CaseloadP, c_size_t)
km_caseload_escalated = func("km_caseload_escalated", c_uint64, CaseloadP, c_size_t)
km_caseload_free = func("km_caseload_free", None, CaseloadP)
km_dispute_status_label = func("km_dispute_status_label", c_char_p, c_int, c_int)
km_dispute_category_label = func("km_dispute_category_label", c_char_p, c_int, c_int)
km_dispute_severity_label = func("km_dispute_severity_label", c_char_p, c_int, c_int)
km_dispute_forum_label = func("km_dispute_forum_label", c_char_p, c_int, c_int)
km_dispute_role_label = func("km_dispute_role_label", c_char_p, c_uint32, c_int)
km_conflict_label = func("km_conflict_label", c_char_p, c_int, c_int)

# ---- enums ----

class DisputeCategory(LabelledEnum):
    """DisputeCategory (km_dispute_category)."""
    PAYMENT = 0
    PERFORMANCE = 1
    SCOPE = 2
    GOVERNANCE = 3
    LEGAL = 4
    OTHER = 5


DisputeCategory._label_fn = km_dispute_category_label


class DisputeSeverity(LabelledEnum):
    """DisputeSeverity (km_dispute_severity)."""
    LOW = 0
    MEDIUM = 1
    HIGH = 2
    CRITICAL = 3


DisputeSeverity._label_fn = km_dispute_severity_label


class DisputeStatus(LabelledEnum):
    """DisputeStatus (km_dispute_status)."""
    FILED = 0
    ACKNOWLEDGED = 1
    NEGOTIATION = 2
    MEDIATION = 3
    SETTLED = 4
    ESCALATED = 5
    CLOSED = 6
    WITHDRAWN = 7
    DISMISSED = 8


DisputeStatus._label_fn = km_dispute_status_label


class DisputeForum(LabelledEnum):
    """DisputeForum (km_dispute_forum)."""
    ARBITRATION = 0
    COURT = 1


DisputeForum._label_fn = km_dispute_forum_label


class Conflict(LabelledEnum):
    """Conflict (km_conflict)."""
    PARTY_TO_DISPUTE = 0
    INACTIVE = 1
    KIND = 2
    PARTY_TO_AGREEMENT = 3
    RELATED_AGREEMENT = 4


Conflict._label_fn = km_conflict_label


class Dispute(Record):
    """An immutable snapshot of a dispute (km_dispute)."""

    __slots__ = ()
    _free_ = km_dispute_free



accessors(Dispute, id=(km_dispute_id, None), agreement=(km_dispute_agreement, None),
          claimant=(km_dispute_claimant, None), respondent_count=(km_dispute_respondent_count, None),
          category=(km_dispute_category_of, enum_of(DisputeCategory)),
          severity=(km_dispute_severity_of, enum_of(DisputeSeverity)),
          status=(km_dispute_status_of, enum_of(DisputeStatus)), description=(km_dispute_description, text),
          relief=(km_dispute_relief, text), commitment_count=(km_dispute_commitment_count, None),
          milestone_count=(km_dispute_milestone_count, None), mediator=(km_dispute_mediator, None),
          mediator_override=(km_dispute_mediator_override, text), forum=(km_dispute_forum_of, enum_of(DisputeForum)),
          status_note=(km_dispute_status_note, text), status_time=(km_dispute_status_time, None),
          filed=(km_dispute_filed, micros), updated=(km_dispute_updated, micros),
          filed_date=(km_dispute_filed_date, date), stage_date=(km_dispute_stage_date, date),
          due_date=(km_dispute_due_date, date), outcome=(km_dispute_outcome, None),
          resolved_date=(km_dispute_resolved_date, date), settled_in=(km_dispute_settled_in, None),
          settlement_terms=(km_dispute_settlement_terms, text),
          settlement_commitment_count=(km_dispute_settlement_commitment_count, None),
          settlement_milestone_count=(km_dispute_settlement_milestone_count, None),
          holds_suspension=(km_dispute_holds_suspension, None))

class DisputeMixin:
    """Dispute methods of :class:`kemitraan.Network` (generic keyword forms)."""

    def dispute(self, ident):
        """The dispute with id ``ident`` (NotFound otherwise)."""
        out = DisputeP()
        km_dispute_get(byref(out), self._p, entity_id(ident, "dispute"))
        return Dispute(out)

    def disputes(self, *, limit=None, page_size=None, **filters):
        """Iterates over the disputes matching every filter (members of km_dispute_query by name), page by page."""
        q = fill(DisputeQuery(), "query", filters, [])
        q.limit = page_size or 0
        return paginate(km_dispute_list, km_dispute_page_free, km_dispute_page_count, km_dispute_page_get, km_dispute_page_cursor,
                        lambda: self._p, q, DisputePageP, lambda ptr, page: Dispute(ptr, page), limit)

    def file_dispute(self, **fields):
        """km_dispute_file (km_dispute_file): keyword arguments are the members of km_dispute_fields by name."""
        keep = []
        f = fill(DisputeFields(), "dispute", fields, keep)
        out = c_uint64()
        km_dispute_file(byref(out), self._p, byref(f))
        return self.dispute(out.value)

    # ---- the moves (dispute.h): each returns the dispute as it now is ----
    def _dispute_move(self, fn, dispute, *args):
        ident = entity_id(dispute, "dispute")
        fn(self._p, ident, *args)
        return self.dispute(ident)

    def acknowledge_dispute(self, dispute, partner, note=None):
        """A respondent (``partner``) acknowledges receipt (km_dispute_acknowledge)."""
        return self._dispute_move(km_dispute_acknowledge, dispute, entity_id(partner, "partner"),
                                  to_c(note, "dispute.note"))

    def consent_dispute(self, dispute, partner, note=None):
        """A party consents to mediation (km_dispute_consent)."""
        return self._dispute_move(km_dispute_consent, dispute, entity_id(partner, "partner"),
                                  to_c(note, "dispute.note"))

    def negotiate_dispute(self, dispute, note=None):
        """Opens direct negotiation (km_dispute_negotiate)."""
        return self._dispute_move(km_dispute_negotiate, dispute, to_c(note, "dispute.note"))

    def assign_mediator(self, dispute, partner, override_justification=None):
        """Names the mediator (km_dispute_assign_mediator); an overridable
        conflict of interest needs ``override_justification``."""
        return self._dispute_move(km_dispute_assign_mediator, dispute, entity_id(partner, "partner"),
                                  to_c(override_justification, "dispute.mediator_override"))

    def mediate_dispute(self, dispute, note=None):
        """Starts mediation (km_dispute_mediate)."""
        return self._dispute_move(km_dispute_mediate, dispute, to_c(note, "dispute.note"))

    def settle_dispute(self, dispute, terms, commitments=(), milestones=()):
        """Records the settlement (km_dispute_settle): its terms, and the
        commitments (ids or objects) and milestone numbers it covers."""
        keep = []
        s = fill(DisputeSettlement(), "settlement",
                 {"terms": terms, "commitment_ids": list(commitments), "milestone_numbers": list(milestones)}, keep)
        return self._dispute_move(km_dispute_settle, dispute, byref(s))

    def escalate_dispute(self, dispute, forum, note=None):
        """Escalates to arbitration or court (km_dispute_escalate)."""
        return self._dispute_move(km_dispute_escalate, dispute, int(DisputeForum.coerce(forum, "dispute.forum")),
                                  to_c(note, "dispute.note"))

    def close_dispute(self, dispute, note=None):
        """Closes a settled dispute (km_dispute_close)."""
        return self._dispute_move(km_dispute_close, dispute, to_c(note, "dispute.note"))

    def withdraw_dispute(self, dispute, note=None):
        """The claimant withdraws (km_dispute_withdraw)."""
        return self._dispute_move(km_dispute_withdraw, dispute, to_c(note, "dispute.note"))

    def dismiss_dispute(self, dispute, note=None):
        """Dismisses the dispute (km_dispute_dismiss)."""
        return self._dispute_move(km_dispute_dismiss, dispute, to_c(note, "dispute.note"))
