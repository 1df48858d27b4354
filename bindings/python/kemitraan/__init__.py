"""Python binding of kemitraan, the embeddable library for partnership
networks (jaringan kerja kemitraan).

    import kemitraan

    with kemitraan.Network.open("store.km", actor="admin:budi") as net:
        p = net.create_partner("Dinas Kesehatan Kota Bandung", "ID-KEMENDAGRI-32.73-DINKES",
                               kemitraan.PartnerKind.REGIONAL_GOVERNMENT, region="32.73")
        for partner in net.partners(region="32"):
            print(partner.id, partner.name, partner.kind.label("id"))

Errors raise subclasses of :class:`KemitraanError` carrying the library's
code, the field at fault and the message in Bahasa Indonesia and English.
See docs/bindings.md.
"""
from ._errors import (AlreadyExists, Busy, Conflict, Corrupt, Denied, InvalidArgument, InvalidState,
                      KemitraanError, NotFound, OutOfMemory, RangeError, ReadOnly, StorageError, VersionError,
                      get_language, set_language)
from ._lib import EXPECTED_MAJOR, km_version, km_version_string
from ._lib import path as library_path
from .agreement import (Agreement, AgreementStatus, AgreementType, Document, Family, Milestone, MilestoneStatus,
                        MilestoneType, Party, Risk, RiskAllocation, RiskCategory, Role)
from .audit import AuditEntry, Entity
from .commitment import (Commitment, CommitmentKind, CommitmentStatus, Figure, Group, Ledger, LedgerType,
                         LoanMethod, Schedule, Steps, Totals, Tranches, TrancheStatus, compute_loan_schedule)
from .dimension import Dimension
from .framework import (CheckResult, Framework, FrameworkSpec, Incentive, IncentiveOffer, RoleRule, Rule,
                        Violation)
from .indicator import (CrossAggregation, Direction, Frequency, Indicator, IndicatorStatus, Measure, Measurement,
                        MeasurementStatus, PeriodLocks, ResultLevel, Target, TimeAggregation)
from .graph import Brokerage, BrokerageRole, Graph, GraphMode
from .money import Money, currency_digits, format_money
from .network import AuthRequest, FileStore, MemoryStore, Network, Stats, Store, SyncMode, Verification
from .scorecard import (Aggregate, AgreementScore, HealthComponent, Knowledge, Progress, ProgressStatus, ReportKind,
                        Reporting, Scorecard, ScorecardCounter, ScorecardScope, Thresholds, TrendPoint, health_weight)
from . import dispute, match, opportunity, view
from .dispute import Dispute
from .opportunity import Interest, Opportunity
from .partner import Partner, PartnerKind, PartnerOrder, PartnerStatus

#: Version of this binding (follows the C library it was written for).
__version__ = "0.1.0"


def library_version():
    """Version string of the loaded C library, e.g. ``"0.1.0"``."""
    return km_version_string().decode("ascii")


__all__ = [
    "Dispute", "Interest", "Opportunity", "dispute", "match", "opportunity", "view",
    "Aggregate", "AgreementScore", "HealthComponent", "Knowledge", "Progress", "ProgressStatus", "ReportKind",
    "Reporting", "Scorecard", "ScorecardCounter", "ScorecardScope", "Thresholds", "TrendPoint", "health_weight",
    "CrossAggregation", "Direction", "Frequency", "Indicator", "IndicatorStatus", "Measure", "Measurement",
    "MeasurementStatus", "PeriodLocks", "ResultLevel", "Target", "TimeAggregation",
    "Commitment", "CommitmentKind", "CommitmentStatus", "Figure", "Group", "Ledger", "LedgerType", "LoanMethod",
    "Schedule", "Steps", "Totals", "Tranches", "TrancheStatus", "compute_loan_schedule",
    "Agreement", "AgreementStatus", "AgreementType", "AlreadyExists", "AuditEntry", "AuthRequest", "Brokerage",
    "BrokerageRole", "Busy", "CheckResult", "Conflict", "Corrupt", "Denied", "Dimension", "Document", "Entity",
    "EXPECTED_MAJOR", "Family", "FileStore", "Framework", "FrameworkSpec", "Graph", "GraphMode", "Incentive",
    "IncentiveOffer", "InvalidArgument", "InvalidState", "KemitraanError", "MemoryStore", "Milestone",
    "MilestoneStatus", "MilestoneType", "Money", "Network", "NotFound", "OutOfMemory", "Partner", "PartnerKind",
    "PartnerOrder", "PartnerStatus", "Party", "RangeError", "ReadOnly", "Risk", "RiskAllocation", "RiskCategory", "Role",
    "RoleRule", "Rule", "Stats", "StorageError", "Store", "SyncMode", "Verification", "VersionError", "Violation",
    "currency_digits", "format_money", "get_language", "library_path", "library_version", "set_language",
]
