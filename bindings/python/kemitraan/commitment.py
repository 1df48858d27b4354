"""Resource commitments, tranches, the ledger, loans and totals (commitment.h).

    c = net.create_commitment(agreement, provider, recipient, "loan", "Pinjaman daerah",
                              Money.parse("1200000000", "IDR"), loan_rate_bp=600, loan_term_months=24,
                              loan_start_date="2026-01-01")
    net.commit_commitment(c, "2026-01-05")
    net.record_ledger(c, "disbursement", Money.parse("600000000", "IDR"), "2026-02-01")
    for row in net.loan_schedule(c): print(row.due_date, row.payment)
    print(net.commitment_totals(agreement=agreement)[0].figures[Figure.DISBURSED])
"""
import collections
from ctypes import CFUNCTYPE, POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_uint, c_uint32, c_uint64, c_void_p

from ._enum import LabelledEnum
from ._errors import InvalidArgument
from ._handle import paginate
from ._lib import entity_id, from_c, from_date, func, set_pending, status, to_c, to_date
from ._records import Record, accessors, date, enum_of, flag, micros, read_rows, rows, text
from ._types import Allocator, NetworkP, Versioned, opaque, versioned
from .money import Money



# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
CommitmentP = opaque("km_commitment")
CommitmentPageP = opaque("km_commitment_page")
CommitmentStepsP = opaque("km_commitment_steps")
LedgerP = opaque("km_ledger")
ScheduleP = opaque("km_schedule")
TotalsP = opaque("km_totals")
TranchesP = opaque("km_tranches")


#: Exchange-rate hook of km_totals_query: (payload, from, to, date, *num, *den) -> 0 when known.
RateFn = CFUNCTYPE(c_int, c_void_p, c_char_p, c_char_p, c_char_p, POINTER(c_int64), POINTER(c_int64))

COMMITMENT_FIELDS_VERSION = 1


@versioned("km_commitment_fields", COMMITMENT_FIELDS_VERSION)
class CommitmentFields(Versioned):
    _fields_ = [("version", c_uint), ("agreement_id", c_uint64), ("provider_id", c_uint64),
                ("recipient_id", c_uint64), ("kind", c_int), ("title", c_char_p), ("amount", c_int64),
                ("currency", c_char_p), ("unit", c_char_p), ("valuation", c_int64), ("valuation_currency", c_char_p),
                ("loan_rate_bp", c_uint32), ("loan_term_months", c_uint32), ("loan_grace_months", c_uint32),
                ("loan_method", c_int), ("loan_start_date", c_char_p)]


COMMITMENT_QUERY_VERSION = 1


@versioned("km_commitment_query", COMMITMENT_QUERY_VERSION, kind=-1, status=-1)
class CommitmentQuery(Versioned):
    _fields_ = [("version", c_uint), ("agreement_id", c_uint64), ("provider_id", c_uint64),
                ("recipient_id", c_uint64), ("framework_id", c_uint64), ("kind", c_int), ("status", c_int),
                ("cursor", c_char_p), ("limit", c_uint32)]


TRANCHE_FIELDS_VERSION = 1


@versioned("km_tranche_fields", TRANCHE_FIELDS_VERSION)
class TrancheFields(Versioned):
    _fields_ = [("version", c_uint), ("planned_date", c_char_p), ("amount", c_int64), ("note", c_char_p)]


LEDGER_FIELDS_VERSION = 1


@versioned("km_ledger_fields", LEDGER_FIELDS_VERSION)
class LedgerFields(Versioned):
    _fields_ = [("version", c_uint), ("type", c_int), ("amount", c_int64), ("currency", c_char_p),
                ("value_date", c_char_p), ("tranche", c_uint32), ("note", c_char_p)]


LOAN_TERMS_VERSION = 1


@versioned("km_loan_terms", LOAN_TERMS_VERSION)
class LoanTerms(Versioned):
    _fields_ = [("version", c_uint), ("principal", c_int64), ("currency", c_char_p), ("rate_bp", c_uint32),
                ("term_months", c_uint32), ("grace_months", c_uint32), ("method", c_int), ("start_date", c_char_p)]


LOAN_POSITION_VERSION = 1


@versioned("km_loan_position", LOAN_POSITION_VERSION)
class LoanPosition(Versioned):
    _fields_ = [("version", c_uint), ("disbursed", c_int64), ("principal_repaid", c_int64), ("outstanding", c_int64),
                ("scheduled_balance", c_int64), ("principal_due", c_int64), ("interest_due", c_int64),
                ("interest_paid", c_int64), ("principal_arrears", c_int64), ("interest_arrears", c_int64),
                ("instalments_due", c_uint32)]


TOTALS_QUERY_VERSION = 1


@versioned("km_totals_query", TOTALS_QUERY_VERSION, kind=-1, status=-1)
class TotalsQuery(Versioned):
    _fields_ = [("version", c_uint), ("commitment_id", c_uint64), ("agreement_id", c_uint64),
                ("provider_id", c_uint64), ("recipient_id", c_uint64), ("framework_id", c_uint64), ("kind", c_int),
                ("status", c_int), ("group_by", c_int), ("as_of_date", c_char_p), ("currency", c_char_p),
                ("rate", RateFn), ("rate_payload", c_void_p), ("value_quantities", c_int)]


DISBURSEMENT_DELAY_VERSION = 1


@versioned("km_disbursement_delay", DISBURSEMENT_DELAY_VERSION)
class DisbursementDelay(Versioned):
    _fields_ = [("version", c_uint), ("tranches_due", c_uint64), ("tranches_met", c_uint64),
                ("delay_days_total", c_int64), ("delay_days_average", c_int64), ("delay_days_max", c_int64),
                ("tranches_overdue", c_uint64), ("overdue_days_max", c_int64)]



# ---- functions ----
km_commitment_create = status("km_commitment_create", POINTER(c_uint64), NetworkP, POINTER(CommitmentFields))
km_commitment_transition = status("km_commitment_transition", NetworkP, c_uint64, c_int, c_char_p)
km_commitment_commit = status("km_commitment_commit", NetworkP, c_uint64, c_char_p, c_char_p)
km_commitment_cancel = status("km_commitment_cancel", NetworkP, c_uint64, c_char_p)
km_commitment_close = status("km_commitment_close", NetworkP, c_uint64, c_char_p)
km_commitment_get = status("km_commitment_get", POINTER(CommitmentP), NetworkP, c_uint64)
km_commitment_free = func("km_commitment_free", None, CommitmentP)
km_commitment_id = func("km_commitment_id", c_uint64, CommitmentP)
km_commitment_agreement_id = func("km_commitment_agreement_id", c_uint64, CommitmentP)
km_commitment_provider_id = func("km_commitment_provider_id", c_uint64, CommitmentP)
km_commitment_recipient_id = func("km_commitment_recipient_id", c_uint64, CommitmentP)
km_commitment_kind_of = func("km_commitment_kind_of", c_int, CommitmentP)
km_commitment_title = func("km_commitment_title", c_char_p, CommitmentP)
km_commitment_status_of = func("km_commitment_status_of", c_int, CommitmentP)
km_commitment_status_reason = func("km_commitment_status_reason", c_char_p, CommitmentP)
km_commitment_is_money = func("km_commitment_is_money", c_int, CommitmentP)
km_commitment_amount = func("km_commitment_amount", c_int64, CommitmentP)
km_commitment_currency = func("km_commitment_currency", c_char_p, CommitmentP)
km_commitment_unit = func("km_commitment_unit", c_char_p, CommitmentP)
km_commitment_valuation = func("km_commitment_valuation", c_int64, CommitmentP)
km_commitment_valuation_currency = func("km_commitment_valuation_currency", c_char_p, CommitmentP)
km_commitment_loan_rate_bp = func("km_commitment_loan_rate_bp", c_uint32, CommitmentP)
km_commitment_loan_term_months = func("km_commitment_loan_term_months", c_uint32, CommitmentP)
km_commitment_loan_grace_months = func("km_commitment_loan_grace_months", c_uint32, CommitmentP)
km_commitment_loan_method = func("km_commitment_loan_method", c_int, CommitmentP)
km_commitment_loan_start_date = func("km_commitment_loan_start_date", c_char_p, CommitmentP)
km_commitment_created = func("km_commitment_created", c_int64, CommitmentP)
km_commitment_updated = func("km_commitment_updated", c_int64, CommitmentP)
km_commitment_figure = func("km_commitment_figure", c_int64, CommitmentP, c_int)
km_commitment_list = status("km_commitment_list", POINTER(CommitmentPageP), NetworkP, POINTER(CommitmentQuery))
km_commitment_count = status("km_commitment_count", POINTER(c_uint64), NetworkP, POINTER(CommitmentQuery))
km_commitment_page_count = func("km_commitment_page_count", c_size_t, CommitmentPageP)
km_commitment_page_get = func("km_commitment_page_get", CommitmentP, CommitmentPageP, c_size_t)
km_commitment_page_cursor = func("km_commitment_page_cursor", c_char_p, CommitmentPageP)
km_commitment_page_free = func("km_commitment_page_free", None, CommitmentPageP)
km_commitment_history = status("km_commitment_history", POINTER(CommitmentStepsP), NetworkP, c_uint64)
km_commitment_steps_count = func("km_commitment_steps_count", c_size_t, CommitmentStepsP)
km_commitment_steps_from = func("km_commitment_steps_from", c_int, CommitmentStepsP, c_size_t)
km_commitment_steps_to = func("km_commitment_steps_to", c_int, CommitmentStepsP, c_size_t)
km_commitment_steps_time = func("km_commitment_steps_time", c_int64, CommitmentStepsP, c_size_t)
km_commitment_steps_reason = func("km_commitment_steps_reason", c_char_p, CommitmentStepsP, c_size_t)
km_commitment_steps_transaction = func("km_commitment_steps_transaction", c_uint64, CommitmentStepsP, c_size_t)
km_commitment_steps_free = func("km_commitment_steps_free", None, CommitmentStepsP)
km_tranche_add = status("km_tranche_add", POINTER(c_uint32), NetworkP, c_uint64, POINTER(TrancheFields))
km_tranche_update = status("km_tranche_update", NetworkP, c_uint64, c_uint32, POINTER(TrancheFields), c_char_p)
km_tranche_cancel = status("km_tranche_cancel", NetworkP, c_uint64, c_uint32, c_char_p)
km_tranche_list = status("km_tranche_list", POINTER(TranchesP), NetworkP, c_uint64, c_char_p)
km_tranche_overdue = status("km_tranche_overdue", POINTER(TranchesP), NetworkP, c_uint64, c_char_p)
km_tranches_count = func("km_tranches_count", c_size_t, TranchesP)
km_tranches_commitment = func("km_tranches_commitment", c_uint64, TranchesP, c_size_t)
km_tranches_number = func("km_tranches_number", c_uint32, TranchesP, c_size_t)
km_tranches_planned_date = func("km_tranches_planned_date", c_char_p, TranchesP, c_size_t)
km_tranches_amount = func("km_tranches_amount", c_int64, TranchesP, c_size_t)
km_tranches_status = func("km_tranches_status", c_int, TranchesP, c_size_t)
km_tranches_note = func("km_tranches_note", c_char_p, TranchesP, c_size_t)
km_tranches_reason = func("km_tranches_reason", c_char_p, TranchesP, c_size_t)
km_tranches_disbursed = func("km_tranches_disbursed", c_int64, TranchesP, c_size_t)
km_tranches_met_date = func("km_tranches_met_date", c_char_p, TranchesP, c_size_t)
km_tranches_days_overdue = func("km_tranches_days_overdue", c_int64, TranchesP, c_size_t)
km_tranches_free = func("km_tranches_free", None, TranchesP)
km_ledger_record = status("km_ledger_record", POINTER(c_uint64), NetworkP, c_uint64, POINTER(LedgerFields))
km_ledger_reverse = status("km_ledger_reverse", POINTER(c_uint64), NetworkP, c_uint64, c_char_p)
km_ledger_list = status("km_ledger_list", POINTER(LedgerP), NetworkP, c_uint64)
km_ledger_get = status("km_ledger_get", POINTER(LedgerP), NetworkP, c_uint64)
km_ledger_unscheduled = status("km_ledger_unscheduled", POINTER(LedgerP), NetworkP, c_uint64, c_char_p)
km_ledger_count = func("km_ledger_count", c_size_t, LedgerP)
km_ledger_id = func("km_ledger_id", c_uint64, LedgerP, c_size_t)
km_ledger_commitment = func("km_ledger_commitment", c_uint64, LedgerP, c_size_t)
km_ledger_type_of = func("km_ledger_type_of", c_int, LedgerP, c_size_t)
km_ledger_amount = func("km_ledger_amount", c_int64, LedgerP, c_size_t)
km_ledger_unit = func("km_ledger_unit", c_char_p, LedgerP, c_size_t)
km_ledger_value_date = func("km_ledger_value_date", c_char_p, LedgerP, c_size_t)
km_ledger_tranche = func("km_ledger_tranche", c_uint32, LedgerP, c_size_t)
km_ledger_reverses = func("km_ledger_reverses", c_uint64, LedgerP, c_size_t)
km_ledger_reversed_by = func("km_ledger_reversed_by", c_uint64, LedgerP, c_size_t)
km_ledger_time = func("km_ledger_time", c_int64, LedgerP, c_size_t)
km_ledger_note = func("km_ledger_note", c_char_p, LedgerP, c_size_t)
km_ledger_free = func("km_ledger_free", None, LedgerP)
km_loan_schedule = status("km_loan_schedule", POINTER(ScheduleP), NetworkP, c_uint64)
km_loan_schedule_compute = status("km_loan_schedule_compute", POINTER(ScheduleP), POINTER(LoanTerms),
                                  POINTER(Allocator))
km_schedule_count = func("km_schedule_count", c_size_t, ScheduleP)
km_schedule_due_date = func("km_schedule_due_date", c_char_p, ScheduleP, c_size_t)
km_schedule_principal = func("km_schedule_principal", c_int64, ScheduleP, c_size_t)
km_schedule_interest = func("km_schedule_interest", c_int64, ScheduleP, c_size_t)
km_schedule_payment = func("km_schedule_payment", c_int64, ScheduleP, c_size_t)
km_schedule_balance = func("km_schedule_balance", c_int64, ScheduleP, c_size_t)
km_schedule_total_interest = func("km_schedule_total_interest", c_int64, ScheduleP)
km_schedule_regular_payment = func("km_schedule_regular_payment", c_int64, ScheduleP)
km_schedule_free = func("km_schedule_free", None, ScheduleP)
km_loan_position_get = status("km_loan_position_get", POINTER(LoanPosition), NetworkP, c_uint64, c_char_p)
km_commitment_totals = status("km_commitment_totals", POINTER(TotalsP), NetworkP, POINTER(TotalsQuery))
km_totals_count = func("km_totals_count", c_size_t, TotalsP)
km_totals_group = func("km_totals_group", c_uint64, TotalsP, c_size_t)
km_totals_unit = func("km_totals_unit", c_char_p, TotalsP, c_size_t)
km_totals_is_money = func("km_totals_is_money", c_int, TotalsP, c_size_t)
km_totals_commitments = func("km_totals_commitments", c_uint64, TotalsP, c_size_t)
km_totals_figure = func("km_totals_figure", c_int64, TotalsP, c_size_t, c_int)
km_totals_absorption = func("km_totals_absorption", c_int64, TotalsP, c_size_t, POINTER(c_int64), POINTER(c_int64))
km_totals_rate_count = func("km_totals_rate_count", c_size_t, TotalsP)
km_totals_rate = status("km_totals_rate", TotalsP, c_size_t, POINTER(c_char_p), POINTER(c_int64), POINTER(c_int64))
km_totals_rate_date = func("km_totals_rate_date", c_char_p, TotalsP)
km_totals_free = func("km_totals_free", None, TotalsP)
km_disbursement_delay_get = status("km_disbursement_delay_get", POINTER(DisbursementDelay), NetworkP, c_uint64,
                                   c_char_p)
km_commitment_kind_label = func("km_commitment_kind_label", c_char_p, c_int, c_int)
km_commitment_kind_iati_finance_type = func("km_commitment_kind_iati_finance_type", c_int, c_int)
km_commitment_kind_iati_aid_type = func("km_commitment_kind_iati_aid_type", c_char_p, c_int)
km_commitment_status_label = func("km_commitment_status_label", c_char_p, c_int, c_int)
km_ledger_type_label = func("km_ledger_type_label", c_char_p, c_int, c_int)
km_ledger_type_iati = func("km_ledger_type_iati", c_int, c_int)
km_ledger_type_iati_incoming = func("km_ledger_type_iati_incoming", c_int, c_int)
km_loan_method_label = func("km_loan_method_label", c_char_p, c_int, c_int)
km_tranche_status_label = func("km_tranche_status_label", c_char_p, c_int, c_int)
km_figure_label = func("km_figure_label", c_char_p, c_int, c_int)
km_group_label = func("km_group_label", c_char_p, c_int, c_int)

# ---- enums ----

class CommitmentKind(LabelledEnum):
    """CommitmentKind (km_commitment_kind)."""
    GRANT = 0
    LOAN = 1
    TECHNICAL_ASSISTANCE = 2
    ADMINISTRATIVE_SUPPORT = 3
    IN_KIND = 4
    EQUITY = 5
    GUARANTEE = 6
    VIABILITY_GAP_FUNDING = 7
    TAX_INCENTIVE = 8


CommitmentKind._label_fn = km_commitment_kind_label


class CommitmentStatus(LabelledEnum):
    """CommitmentStatus (km_commitment_status)."""
    PLEDGED = 0
    COMMITTED = 1
    DISBURSING = 2
    FULLY_DISBURSED = 3
    CLOSED = 4
    CANCELLED = 5


CommitmentStatus._label_fn = km_commitment_status_label


class LedgerType(LabelledEnum):
    """LedgerType (km_ledger_type)."""
    PLEDGE = 0
    COMMITMENT = 1
    DISBURSEMENT = 2
    EXPENDITURE = 3
    LOAN_REPAYMENT = 4
    INTEREST_PAYMENT = 5
    REIMBURSEMENT = 6


LedgerType._label_fn = km_ledger_type_label


class LoanMethod(LabelledEnum):
    """LoanMethod (km_loan_method)."""
    ANNUITY = 0
    STRAIGHT_LINE = 1


LoanMethod._label_fn = km_loan_method_label


class TrancheStatus(LabelledEnum):
    """TrancheStatus (km_tranche_status)."""
    PLANNED = 0
    CANCELLED = 1


TrancheStatus._label_fn = km_tranche_status_label


class Figure(LabelledEnum):
    """Figure (km_figure)."""
    PLEDGED = 0
    COMMITTED = 1
    DISBURSED = 2
    REIMBURSED = 3
    EXPENDITURE = 4
    REPAID = 5
    INTEREST = 6
    REMAINING = 7
    OUTSTANDING = 8


Figure._label_fn = km_figure_label


class Group(LabelledEnum):
    """Group (km_group)."""
    NONE = 0
    COMMITMENT = 1
    AGREEMENT = 2
    PROVIDER = 3
    RECIPIENT = 4
    KIND = 5
    FRAMEWORK = 6
    STATUS = 7


Group._label_fn = km_group_label


def _kind_iati_finance_type(self):
    """IATI FinanceType code of this kind (0 when none)."""
    return km_commitment_kind_iati_finance_type(int(self))


def _kind_iati_aid_type(self):
    """IATI AidType code of this kind, or None."""
    return from_c(km_commitment_kind_iati_aid_type(int(self)))


CommitmentKind.iati_finance_type = property(_kind_iati_finance_type)
CommitmentKind.iati_aid_type = property(_kind_iati_aid_type)
LedgerType.iati = property(lambda self: km_ledger_type_iati(int(self)))
LedgerType.iati_incoming = property(lambda self: km_ledger_type_iati_incoming(int(self)))


# ---- objects ----

class Commitment(Record):
    """An immutable snapshot of a commitment (km_commitment)."""

    __slots__ = ()
    _free_ = km_commitment_free

    @property
    def money(self):
        """The amount as :class:`Money` (None for a quantity)."""
        return Money(self.amount, self.currency) if self.is_money else None

    def figure(self, figure):
        """A ledger figure (a :class:`Figure` or its name) in the commitment's measure."""
        return km_commitment_figure(self._h.ptr, int(Figure.coerce(figure, "figure")))

    @property
    def figures(self):
        """Every figure, as a dict Figure -> amount."""
        return {f: km_commitment_figure(self._h.ptr, int(f)) for f in Figure}

    def __repr__(self):
        if self._h.closed:
            return "<Commitment closed>"
        return "<Commitment %d %s %s %r>" % (self.id, getattr(self.kind, "name", self.kind),
                                             getattr(self.status, "name", self.status), self.title)


accessors(Commitment, id=(km_commitment_id, None), agreement_id=(km_commitment_agreement_id, None),
          provider_id=(km_commitment_provider_id, None), recipient_id=(km_commitment_recipient_id, None),
          kind=(km_commitment_kind_of, enum_of(CommitmentKind)), title=(km_commitment_title, text),
          status=(km_commitment_status_of, enum_of(CommitmentStatus)),
          status_reason=(km_commitment_status_reason, text), is_money=(km_commitment_is_money, flag),
          amount=(km_commitment_amount, None), currency=(km_commitment_currency, text),
          unit=(km_commitment_unit, text), valuation=(km_commitment_valuation, None),
          valuation_currency=(km_commitment_valuation_currency, text),
          loan_rate_bp=(km_commitment_loan_rate_bp, None), loan_term_months=(km_commitment_loan_term_months, None),
          loan_grace_months=(km_commitment_loan_grace_months, None),
          loan_method=(km_commitment_loan_method, enum_of(LoanMethod)),
          loan_start_date=(km_commitment_loan_start_date, date), created=(km_commitment_created, micros),
          updated=(km_commitment_updated, micros))

Steps = rows("Steps", "Status history of a commitment (km_commitment_steps).",
             from_status=(km_commitment_steps_from, enum_of(CommitmentStatus)),
             to_status=(km_commitment_steps_to, enum_of(CommitmentStatus)),
             time=(km_commitment_steps_time, micros), reason=(km_commitment_steps_reason, text),
             transaction=(km_commitment_steps_transaction, None))
Tranches = rows("Tranches", "Tranches of a commitment, or overdue ones (km_tranches).",
                commitment=(km_tranches_commitment, None), number=(km_tranches_number, None),
                planned_date=(km_tranches_planned_date, date), amount=(km_tranches_amount, None),
                status=(km_tranches_status, enum_of(TrancheStatus)), note=(km_tranches_note, text),
                reason=(km_tranches_reason, text), disbursed=(km_tranches_disbursed, None),
                met_date=(km_tranches_met_date, date), days_overdue=(km_tranches_days_overdue, None))
Ledger = rows("Ledger", "Ledger entries (km_ledger), oldest first.",
              id=(km_ledger_id, None), commitment=(km_ledger_commitment, None),
              type=(km_ledger_type_of, enum_of(LedgerType)), amount=(km_ledger_amount, None),
              unit=(km_ledger_unit, text), value_date=(km_ledger_value_date, date),
              tranche=(km_ledger_tranche, None), reverses=(km_ledger_reverses, None),
              reversed_by=(km_ledger_reversed_by, None), time=(km_ledger_time, micros),
              note=(km_ledger_note, text))
Schedule = rows("Schedule", "A loan repayment schedule (km_schedule); also total_interest, regular_payment.",
                due_date=(km_schedule_due_date, date), principal=(km_schedule_principal, None),
                interest=(km_schedule_interest, None), payment=(km_schedule_payment, None),
                balance=(km_schedule_balance, None))

TotalsRow = collections.namedtuple("TotalsRow", "group unit is_money commitments figures absorption_bp "
                                                "absorption")
Rate = collections.namedtuple("Rate", "currency num den")


class Totals:
    """A totals report (km_totals): a sequence of :class:`TotalsRow`
    (figures a dict Figure -> amount, absorption (disbursed, committed)),
    plus ``rates`` used and ``rate_date``."""

    def __init__(self, ptr):
        try:
            rows_ = []
            for i in range(km_totals_count(ptr)):
                num, den = c_int64(), c_int64()
                bp = km_totals_absorption(ptr, i, byref(num), byref(den))
                rows_.append(TotalsRow(km_totals_group(ptr, i), from_c(km_totals_unit(ptr, i)),
                                       bool(km_totals_is_money(ptr, i)), km_totals_commitments(ptr, i),
                                       {f: km_totals_figure(ptr, i, int(f)) for f in Figure},
                                       None if bp < 0 else bp, (num.value, den.value)))
            self.rows = tuple(rows_)
            rates = []
            for i in range(km_totals_rate_count(ptr)):
                cur, num, den = c_char_p(), c_int64(), c_int64()
                km_totals_rate(ptr, i, byref(cur), byref(num), byref(den))
                rates.append(Rate(from_c(cur.value), num.value, den.value))
            self.rates = tuple(rates)
            self.rate_date = from_date(km_totals_rate_date(ptr))
        finally:
            km_totals_free(ptr)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self.rows[i]

    def __iter__(self):
        return iter(self.rows)


def _struct_dict(s):
    return {name: getattr(s, name) for name, _ in s._fields_ if name != "version"}


LoanPositionValues = collections.namedtuple("LoanPositionValues", [n for n, _ in LoanPosition._fields_[1:]])
DelayValues = collections.namedtuple("DelayValues", [n for n, _ in DisbursementDelay._fields_[1:]])


def _amount(value, currency, field):
    """(minor units, currency) from a Money or an int with a currency."""
    if isinstance(value, Money):
        return value.minor, value.currency
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s: expected Money or an int (minor units / units), got %s" % (field, type(value).__name__))
    return value, currency


def _commitment_fields(agreement, provider, recipient, kind, title, amount, currency=None, unit=None,
                       valuation=None, loan_rate_bp=0, loan_term_months=0, loan_grace_months=0,
                       loan_method=LoanMethod.ANNUITY, loan_start_date=None):
    f = CommitmentFields()
    f.agreement_id = entity_id(agreement, "commitment.agreement_id")
    f.provider_id = entity_id(provider, "commitment.provider_id")
    f.recipient_id = entity_id(recipient, "commitment.recipient_id")
    f.kind = int(CommitmentKind.coerce(kind, "commitment.kind"))
    f.title = to_c(title, "commitment.title")
    f.amount, cur = _amount(amount, currency, "commitment.amount")
    f.currency = to_c(cur, "commitment.currency")
    f.unit = to_c(unit, "commitment.unit")
    if valuation is not None:
        if not isinstance(valuation, Money):
            raise TypeError("commitment.valuation: expected Money")
        f.valuation, f.valuation_currency = valuation.minor, to_c(valuation.currency, "commitment.valuation_currency")
    f.loan_rate_bp = loan_rate_bp
    f.loan_term_months = loan_term_months
    f.loan_grace_months = loan_grace_months
    f.loan_method = int(LoanMethod.coerce(loan_method, "commitment.loan_method"))
    f.loan_start_date = to_date(loan_start_date, "commitment.loan_start_date")
    return f


def compute_loan_schedule(principal, rate_bp, term_months, start_date, grace_months=0,
                          method=LoanMethod.ANNUITY, currency=None):
    """A loan schedule from terms alone (km_loan_schedule_compute), without a network."""
    t = LoanTerms()
    t.principal, cur = _amount(principal, currency, "terms.principal")
    t.currency = to_c(cur, "terms.currency")
    t.rate_bp, t.term_months, t.grace_months = rate_bp, term_months, grace_months
    t.method = int(LoanMethod.coerce(method, "terms.method"))
    t.start_date = to_date(start_date, "terms.start_date")
    out = ScheduleP()
    km_loan_schedule_compute(byref(out), byref(t), None)
    return _schedule(out)


def _schedule(ptr):
    return read_rows(Schedule, ptr, km_schedule_free, km_schedule_count,
                     total_interest=(km_schedule_total_interest, None),
                     regular_payment=(km_schedule_regular_payment, None))


def _opt_id(value, field):
    return 0 if value is None else entity_id(value, field)


class CommitmentMixin:
    """Commitment, tranche, ledger, loan and totals methods of :class:`kemitraan.Network`."""

    def create_commitment(self, agreement, provider, recipient, kind, title, amount, **fields):
        """Records a pledged commitment and returns it. ``amount`` is
        :class:`Money`, or an int with ``unit=`` for a quantity; loans take
        ``loan_rate_bp``, ``loan_term_months``, ``loan_grace_months``,
        ``loan_method``, ``loan_start_date``; quantities ``valuation=Money``."""
        f = _commitment_fields(agreement, provider, recipient, kind, title, amount, **fields)
        out = c_uint64()
        km_commitment_create(byref(out), self._p, byref(f))
        return self.commitment(out.value)

    def commitment(self, ident):
        """The commitment with id ``ident`` (NotFound otherwise)."""
        out = CommitmentP()
        km_commitment_get(byref(out), self._p, entity_id(ident, "commitment"))
        return Commitment(out)

    def transition_commitment(self, commitment, status, reason=None):
        ident = entity_id(commitment, "commitment")
        km_commitment_transition(self._p, ident, int(CommitmentStatus.coerce(status, "commitment.status")),
                                 to_c(reason, "commitment.reason"))
        return self.commitment(ident)

    def commit_commitment(self, commitment, value_date, reason=None):
        """Makes a pledge binding (records the commitment transaction)."""
        ident = entity_id(commitment, "commitment")
        km_commitment_commit(self._p, ident, to_date(value_date, "commitment.value_date"),
                             to_c(reason, "commitment.reason"))
        return self.commitment(ident)

    def cancel_commitment(self, commitment, reason):
        ident = entity_id(commitment, "commitment")
        km_commitment_cancel(self._p, ident, to_c(reason, "commitment.reason"))
        return self.commitment(ident)

    def close_commitment(self, commitment, reason=None):
        ident = entity_id(commitment, "commitment")
        km_commitment_close(self._p, ident, to_c(reason, "commitment.reason"))
        return self.commitment(ident)

    @staticmethod
    def _commitment_query(agreement=None, provider=None, recipient=None, framework=None, kind=None, status=None,
                          page_size=None):
        q = CommitmentQuery()
        q.agreement_id = _opt_id(agreement, "query.agreement_id")
        q.provider_id = _opt_id(provider, "query.provider_id")
        q.recipient_id = _opt_id(recipient, "query.recipient_id")
        q.framework_id = _opt_id(framework, "query.framework_id")
        if kind is not None:
            q.kind = int(CommitmentKind.coerce(kind, "query.kind"))
        if status is not None:
            q.status = int(CommitmentStatus.coerce(status, "query.status"))
        q.limit = page_size or 0
        return q

    def commitments(self, *, limit=None, **filters):
        """Iterates over the commitments matching every filter (agreement,
        provider, recipient, framework, kind, status), in id order, page by page."""
        q = self._commitment_query(**filters)
        return paginate(km_commitment_list, km_commitment_page_free, km_commitment_page_count,
                        km_commitment_page_get, km_commitment_page_cursor, lambda: self._p, q, CommitmentPageP,
                        lambda ptr, page: Commitment(ptr, page), limit)

    def count_commitments(self, **filters):
        filters.pop("page_size", None)
        out = c_uint64()
        km_commitment_count(byref(out), self._p, byref(self._commitment_query(**filters)))
        return out.value

    def commitment_history(self, commitment):
        """Status steps of a commitment (:class:`Steps`), oldest first."""
        out = CommitmentStepsP()
        km_commitment_history(byref(out), self._p, entity_id(commitment, "commitment"))
        return read_rows(Steps, out, km_commitment_steps_free, km_commitment_steps_count)

    # ---- tranches ----
    def add_tranche(self, commitment, planned_date, amount, note=None):
        """Plans a tranche; returns its number (1, 2, ...)."""
        f = TrancheFields(planned_date=to_date(planned_date, "tranche.planned_date"),
                          amount=_amount(amount, None, "tranche.amount")[0], note=to_c(note, "tranche.note"))
        out = c_uint32()
        km_tranche_add(byref(out), self._p, entity_id(commitment, "commitment"), byref(f))
        return out.value

    def update_tranche(self, commitment, number, planned_date, amount, note=None, reason=None):
        f = TrancheFields(planned_date=to_date(planned_date, "tranche.planned_date"),
                          amount=_amount(amount, None, "tranche.amount")[0], note=to_c(note, "tranche.note"))
        km_tranche_update(self._p, entity_id(commitment, "commitment"), number, byref(f),
                          to_c(reason, "tranche.reason"))

    def cancel_tranche(self, commitment, number, reason):
        km_tranche_cancel(self._p, entity_id(commitment, "commitment"), number, to_c(reason, "tranche.reason"))

    def tranches(self, commitment, as_of=None):
        """The tranches of a commitment (:class:`Tranches`), met or not as of a date."""
        out = TranchesP()
        km_tranche_list(byref(out), self._p, entity_id(commitment, "commitment"), to_date(as_of, "as_of_date"))
        return read_rows(Tranches, out, km_tranches_free, km_tranches_count)

    def overdue_tranches(self, agreement=None, as_of=None):
        """Planned tranches not met by their date (of one agreement, or all with None)."""
        out = TranchesP()
        km_tranche_overdue(byref(out), self._p, _opt_id(agreement, "agreement"), to_date(as_of, "as_of_date"))
        return read_rows(Tranches, out, km_tranches_free, km_tranches_count)

    # ---- ledger ----
    def record_ledger(self, commitment, type, amount, value_date, tranche=0, note=None):
        """Appends a ledger entry (``amount`` Money, or an int for quantities); returns its id."""
        minor, cur = _amount(amount, None, "ledger.amount")
        f = LedgerFields(type=int(LedgerType.coerce(type, "ledger.type")), amount=minor,
                         currency=to_c(cur, "ledger.currency"), value_date=to_date(value_date, "ledger.value_date"),
                         tranche=tranche, note=to_c(note, "ledger.note"))
        out = c_uint64()
        km_ledger_record(byref(out), self._p, entity_id(commitment, "commitment"), byref(f))
        return out.value

    def reverse_ledger(self, entry, reason):
        """Reverses a ledger entry; returns the reversing entry's id."""
        out = c_uint64()
        km_ledger_reverse(byref(out), self._p, entity_id(entry, "ledger"), to_c(reason, "ledger.reason"))
        return out.value

    def ledger(self, commitment):
        """Every ledger entry of a commitment (:class:`Ledger`)."""
        out = LedgerP()
        km_ledger_list(byref(out), self._p, entity_id(commitment, "commitment"))
        return read_rows(Ledger, out, km_ledger_free, km_ledger_count)

    def ledger_entry(self, ident):
        """One ledger entry (a row of :class:`Ledger`)."""
        out = LedgerP()
        km_ledger_get(byref(out), self._p, entity_id(ident, "ledger"))
        return read_rows(Ledger, out, km_ledger_free, km_ledger_count)[0]

    def unscheduled_disbursements(self, agreement=None, as_of=None):
        out = LedgerP()
        km_ledger_unscheduled(byref(out), self._p, _opt_id(agreement, "agreement"), to_date(as_of, "as_of_date"))
        return read_rows(Ledger, out, km_ledger_free, km_ledger_count)

    # ---- loans ----
    def loan_schedule(self, commitment):
        """The repayment schedule of a loan commitment (:class:`Schedule`)."""
        out = ScheduleP()
        km_loan_schedule(byref(out), self._p, entity_id(commitment, "commitment"))
        return _schedule(out)

    def loan_position(self, commitment, as_of=None):
        """A loan's position on a date (a named tuple of km_loan_position)."""
        pos = LoanPosition()
        km_loan_position_get(byref(pos), self._p, entity_id(commitment, "commitment"), to_date(as_of, "as_of_date"))
        return LoanPositionValues(**_struct_dict(pos))

    # ---- totals ----
    def commitment_totals(self, *, commitment=None, agreement=None, provider=None, recipient=None, framework=None,
                          kind=None, status=None, group_by=Group.NONE, as_of=None, currency=None, rate=None,
                          value_quantities=False):
        """Totals (:class:`Totals`). ``rate(from, to, date)`` returns
        (num, den) or None, for conversion into ``currency``."""
        q = TotalsQuery()
        q.commitment_id = _opt_id(commitment, "query.commitment_id")
        q.agreement_id = _opt_id(agreement, "query.agreement_id")
        q.provider_id = _opt_id(provider, "query.provider_id")
        q.recipient_id = _opt_id(recipient, "query.recipient_id")
        q.framework_id = _opt_id(framework, "query.framework_id")
        if kind is not None:
            q.kind = int(CommitmentKind.coerce(kind, "query.kind"))
        if status is not None:
            q.status = int(CommitmentStatus.coerce(status, "query.status"))
        q.group_by = int(Group.coerce(group_by, "query.group_by"))
        q.as_of_date = to_date(as_of, "query.as_of_date")
        q.currency = to_c(currency, "query.currency")
        q.value_quantities = 1 if value_quantities else 0
        hook = None
        if rate is not None:
            def trampoline(_payload, src, dst, day, num, den):
                try:
                    got = rate(from_c(src), from_c(dst), from_date(day))
                    if got is None:
                        return -1
                    num[0], den[0] = int(got[0]), int(got[1])
                    return 0
                except BaseException as exc:  # never unwinds through C
                    set_pending(exc)
                    return -1
            hook = RateFn(trampoline)
            q.rate = hook
        out = TotalsP()
        km_commitment_totals(byref(out), self._p, byref(q))
        del hook  # C is done with the hook once the call returns
        return Totals(out)

    def disbursement_delay(self, agreement, as_of=None):
        """Disbursement delay of an agreement's commitments (a named tuple)."""
        d = DisbursementDelay()
        km_disbursement_delay_get(byref(d), self._p, entity_id(agreement, "agreement"), to_date(as_of, "as_of_date"))
        return DelayValues(**_struct_dict(d))
