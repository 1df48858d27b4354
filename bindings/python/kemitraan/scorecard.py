"""Progress, scorecards, the partnership health index, trends, missing
and late reports, cross-agreement aggregation (scorecard.h).

    p = net.indicator_progress(indicator, "2025-12-31")
    print(p.status.label("id"), p.score)
    with net.scorecard("agreement", agreement, as_of="2025-12-31") as sc:
        print(sc.score, sc.health_index, sc.health_components, sc.dimension_scores)
        for row in sc.indicators: print(row.indicator_id, row.status)
"""
import collections
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import Handle
from ._lib import entity_id, from_c, from_date, func, status, to_c, to_date
from ._records import Record, accessors, date, enum_of, read_rows, rows, text
from ._types import NetworkP, Versioned, opaque, versioned
from .dimension import Dimension
from .indicator import Frequency, Measure, TimeAggregation


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
AggregateP = opaque("km_aggregate")
ProgressP = opaque("km_progress")
ReportingP = opaque("km_reporting")
ScorecardP = opaque("km_scorecard")
TrendP = opaque("km_trend")


SCORECARD_QUERY_VERSION = 1


@versioned("km_scorecard_query", SCORECARD_QUERY_VERSION, scope=5)
class ScorecardQuery(Versioned):
    _fields_ = [("version", c_uint), ("scope", c_int), ("subject", c_uint64), ("as_of", c_char_p),
                ("knowledge", c_int), ("running_only", c_int)]


REPORTING_QUERY_VERSION = 1


@versioned("km_reporting_query", REPORTING_QUERY_VERSION)
class ReportingQuery(Versioned):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("agreement_id", c_uint64), ("partner_id", c_uint64),
                ("include_late", c_int)]


AGGREGATE_QUERY_VERSION = 1


@versioned("km_aggregate_query", AGGREGATE_QUERY_VERSION)
class AggregateQuery(Versioned):
    _fields_ = [("version", c_uint), ("template_id", c_uint64), ("code", c_char_p), ("framework_id", c_uint64),
                ("as_of", c_char_p), ("knowledge", c_int)]



# ---- functions ----
km_evaluation_set_thresholds = status("km_evaluation_set_thresholds", NetworkP, c_uint32, c_uint32, c_uint32)
km_evaluation_thresholds = status("km_evaluation_thresholds", POINTER(c_uint32), POINTER(c_uint32),
                                  POINTER(c_uint32), NetworkP)
km_indicator_progress = status("km_indicator_progress", POINTER(ProgressP), NetworkP, c_uint64, c_char_p, c_int)
km_progress_free = func("km_progress_free", None, ProgressP)
km_progress_indicator_id = func("km_progress_indicator_id", c_uint64, ProgressP)
km_progress_agreement_id = func("km_progress_agreement_id", c_uint64, ProgressP)
km_progress_dimension = func("km_progress_dimension", c_int, ProgressP)
km_progress_measure = func("km_progress_measure", c_int, ProgressP)
km_progress_weight = func("km_progress_weight", c_uint32, ProgressP)
km_progress_status_of = func("km_progress_status_of", c_int, ProgressP)
km_progress_value_count = func("km_progress_value_count", c_uint32, ProgressP)
km_progress_actual = func("km_progress_actual", c_int64, POINTER(c_int64), ProgressP)
km_progress_actual_value = func("km_progress_actual_value", c_double, ProgressP)
km_progress_baseline_value = func("km_progress_baseline_value", c_double, ProgressP)
km_progress_target_value = func("km_progress_target_value", c_double, ProgressP)
km_progress_target_date = func("km_progress_target_date", c_char_p, ProgressP)
km_progress_last_period_end = func("km_progress_last_period_end", c_char_p, ProgressP)
km_progress_raw = func("km_progress_raw", c_double, ProgressP)
km_progress_score = func("km_progress_score", c_double, ProgressP)
km_progress_expected = func("km_progress_expected", c_double, ProgressP)
km_progress_text = func("km_progress_text", c_char_p, ProgressP)
km_progress_as_of = func("km_progress_as_of", c_char_p, ProgressP)
km_health_weight = func("km_health_weight", c_double, c_int)
km_scorecard_compute = status("km_scorecard_compute", POINTER(ScorecardP), NetworkP, POINTER(ScorecardQuery))
km_scorecard_free = func("km_scorecard_free", None, ScorecardP)
km_scorecard_scope_of = func("km_scorecard_scope_of", c_int, ScorecardP)
km_scorecard_subject = func("km_scorecard_subject", c_uint64, ScorecardP)
km_scorecard_as_of = func("km_scorecard_as_of", c_char_p, ScorecardP)
km_scorecard_score = func("km_scorecard_score", c_double, ScorecardP)
km_scorecard_health_index = func("km_scorecard_health_index", c_double, ScorecardP)
km_scorecard_health_component = func("km_scorecard_health_component", c_double, ScorecardP, c_int)
km_scorecard_dimension_score = func("km_scorecard_dimension_score", c_double, ScorecardP, c_int)
km_scorecard_count = func("km_scorecard_count", c_uint64, ScorecardP, c_int)
km_scorecard_agreement_count = func("km_scorecard_agreement_count", c_size_t, ScorecardP)
km_scorecard_agreement_id = func("km_scorecard_agreement_id", c_uint64, ScorecardP, c_size_t)
km_scorecard_agreement_score = func("km_scorecard_agreement_score", c_double, ScorecardP, c_size_t)
km_scorecard_agreement_weight = func("km_scorecard_agreement_weight", c_uint64, ScorecardP, c_size_t)
km_scorecard_agreement_dimension_score = func("km_scorecard_agreement_dimension_score", c_double, ScorecardP,
                                              c_size_t, c_int)
km_scorecard_indicator_count = func("km_scorecard_indicator_count", c_size_t, ScorecardP)
km_scorecard_indicator = func("km_scorecard_indicator", ProgressP, ScorecardP, c_size_t)
km_scorecard_trend = status("km_scorecard_trend", POINTER(TrendP), NetworkP, POINTER(ScorecardQuery), c_char_p,
                            c_char_p, c_int)
km_trend_count = func("km_trend_count", c_size_t, TrendP)
km_trend_date = func("km_trend_date", c_char_p, TrendP, c_size_t)
km_trend_score = func("km_trend_score", c_double, TrendP, c_size_t)
km_trend_health_index = func("km_trend_health_index", c_double, TrendP, c_size_t)
km_trend_dimension_score = func("km_trend_dimension_score", c_double, TrendP, c_size_t, c_int)
km_trend_free = func("km_trend_free", None, TrendP)
km_reporting_list = status("km_reporting_list", POINTER(ReportingP), NetworkP, POINTER(ReportingQuery))
km_reporting_count = func("km_reporting_count", c_size_t, ReportingP)
km_reporting_partner = func("km_reporting_partner", c_uint64, ReportingP, c_size_t)
km_reporting_agreement = func("km_reporting_agreement", c_uint64, ReportingP, c_size_t)
km_reporting_indicator = func("km_reporting_indicator", c_uint64, ReportingP, c_size_t)
km_reporting_kind = func("km_reporting_kind", c_int, ReportingP, c_size_t)
km_reporting_period_start = func("km_reporting_period_start", c_char_p, ReportingP, c_size_t)
km_reporting_period_end = func("km_reporting_period_end", c_char_p, ReportingP, c_size_t)
km_reporting_due_date = func("km_reporting_due_date", c_char_p, ReportingP, c_size_t)
km_reporting_submitted_on = func("km_reporting_submitted_on", c_char_p, ReportingP, c_size_t)
km_reporting_totals = func("km_reporting_totals", None, POINTER(c_uint64), POINTER(c_uint64), POINTER(c_uint64),
                           ReportingP)
km_reporting_free = func("km_reporting_free", None, ReportingP)
km_indicator_aggregate = status("km_indicator_aggregate", POINTER(AggregateP), NetworkP, POINTER(AggregateQuery))
km_aggregate_rule = func("km_aggregate_rule", c_int, AggregateP)
km_aggregate_measure = func("km_aggregate_measure", c_int, AggregateP)
km_aggregate_has_value = func("km_aggregate_has_value", c_int, AggregateP)
km_aggregate_value = func("km_aggregate_value", c_double, AggregateP)
km_aggregate_exact = func("km_aggregate_exact", c_int, POINTER(c_int64), POINTER(c_int64), AggregateP)
km_aggregate_count = func("km_aggregate_count", c_size_t, AggregateP)
km_aggregate_row = func("km_aggregate_row", ProgressP, AggregateP, c_size_t)
km_aggregate_free = func("km_aggregate_free", None, AggregateP)
km_progress_status_label = func("km_progress_status_label", c_char_p, c_int, c_int)
km_scorecard_scope_label = func("km_scorecard_scope_label", c_char_p, c_int, c_int)
km_health_component_label = func("km_health_component_label", c_char_p, c_int, c_int)
km_report_kind_label = func("km_report_kind_label", c_char_p, c_int, c_int)

# ---- enums ----

class ProgressStatus(LabelledEnum):
    """ProgressStatus (km_progress_status)."""
    NO_DATA = 0
    ON_TRACK = 1
    AT_RISK = 2
    OFF_TRACK = 3
    NOT_SCORED = 4


ProgressStatus._label_fn = km_progress_status_label


class Knowledge(LabelledEnum):
    """Knowledge (km_knowledge)."""
    CURRENT = 0
    AS_OF = 1


class ScorecardScope(LabelledEnum):
    """ScorecardScope (km_scorecard_scope)."""
    AGREEMENT = 0
    PARTNER = 1
    FRAMEWORK = 2
    FAMILY = 3
    DIMENSION = 4
    NETWORK = 5


ScorecardScope._label_fn = km_scorecard_scope_label


class ScorecardCounter(LabelledEnum):
    """ScorecardCounter (km_scorecard_counter)."""
    AGREEMENTS = 0
    INDICATORS = 1
    SCOREABLE = 2
    SCORED = 3
    NO_DATA = 4
    ON_TRACK = 5
    AT_RISK = 6
    OFF_TRACK = 7
    NOT_SCORED = 8
    REPORTS_DUE = 9
    REPORTS_MISSING = 10
    REPORTS_LATE = 11
    DIMENSIONS_WITH_DATA = 12


class HealthComponent(LabelledEnum):
    """HealthComponent (km_health_component)."""
    PERFORMANCE = 0
    COMPLIANCE = 1
    COVERAGE = 2


HealthComponent._label_fn = km_health_component_label


class ReportKind(LabelledEnum):
    """ReportKind (km_report_kind)."""
    MISSING = 0
    LATE = 1


ReportKind._label_fn = km_report_kind_label


def _cross_aggregation(value):
    from .indicator import CrossAggregation
    return CrossAggregation.from_c(value)


class Progress(Record):
    """Progress of one indicator on a date (km_progress): the actual value,
    the raw and capped score, what the plan expected, and a status."""

    __slots__ = ()
    _free_ = km_progress_free

    @property
    def id(self):
        return self.indicator_id

    @property
    def actual(self):
        """(numerator, denominator) of the aggregated actual value."""
        den = c_int64()
        num = km_progress_actual(byref(den), self._h.ptr)
        return num, den.value

    def __repr__(self):
        if self._h.closed:
            return "<Progress closed>"
        return "<Progress indicator %d %s score %.4f>" % (self.indicator_id, getattr(self.status, "name", self.status),
                                                          self.score)


accessors(Progress, indicator_id=(km_progress_indicator_id, None), agreement_id=(km_progress_agreement_id, None),
          dimension=(km_progress_dimension, enum_of(Dimension)), measure=(km_progress_measure, enum_of(Measure)),
          weight=(km_progress_weight, None), status=(km_progress_status_of, enum_of(ProgressStatus)),
          value_count=(km_progress_value_count, None), actual_value=(km_progress_actual_value, None),
          baseline_value=(km_progress_baseline_value, None), target_value=(km_progress_target_value, None),
          target_date=(km_progress_target_date, date), last_period_end=(km_progress_last_period_end, date),
          raw=(km_progress_raw, None), score=(km_progress_score, None), expected=(km_progress_expected, None),
          text=(km_progress_text, text), as_of=(km_progress_as_of, date))
Progress._props_ += ("actual",)

#: One agreement of a scorecard: its score, weight and sub-score per dimension (-1: nothing scored).
AgreementScore = collections.namedtuple("AgreementScore", "agreement_id score weight dimension_scores")


class Scorecard:
    """A computed scorecard (km_scorecard). A context manager; also
    released by the garbage collector. ``indicators`` are
    :class:`Progress` rows borrowed from the scorecard (they keep it alive)."""

    def __init__(self, ptr):
        self._core = Handle(ptr, km_scorecard_free)

    @property
    def _h(self):
        if self._core is None:
            raise ValueError("Scorecard is closed")
        return self._core

    def close(self):
        """Drops this object's hold on the C scorecard: it is released at
        once, or when the last Progress row taken from it goes."""
        self._core = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    scope = property(lambda self: ScorecardScope.from_c(km_scorecard_scope_of(self._h.ptr)))
    subject = property(lambda self: km_scorecard_subject(self._h.ptr))
    as_of = property(lambda self: from_date(km_scorecard_as_of(self._h.ptr)))
    score = property(lambda self: km_scorecard_score(self._h.ptr))
    health_index = property(lambda self: km_scorecard_health_index(self._h.ptr))

    def health_component(self, component):
        return km_scorecard_health_component(self._h.ptr, int(HealthComponent.coerce(component, "component")))

    @property
    def health_components(self):
        """HealthComponent -> value."""
        return {c: km_scorecard_health_component(self._h.ptr, int(c)) for c in HealthComponent}

    def dimension_score(self, dimension):
        return km_scorecard_dimension_score(self._h.ptr, int(Dimension.coerce(dimension, "dimension")))

    @property
    def dimension_scores(self):
        """Dimension -> sub-score (-1 when nothing is scored there)."""
        return {d: km_scorecard_dimension_score(self._h.ptr, int(d)) for d in Dimension}

    def count(self, counter):
        return km_scorecard_count(self._h.ptr, int(ScorecardCounter.coerce(counter, "counter")))

    @property
    def counts(self):
        """ScorecardCounter -> count."""
        return {c: km_scorecard_count(self._h.ptr, int(c)) for c in ScorecardCounter}

    @property
    def agreements(self):
        p = self._h.ptr
        return [AgreementScore(km_scorecard_agreement_id(p, i), km_scorecard_agreement_score(p, i),
                               km_scorecard_agreement_weight(p, i),
                               {d: km_scorecard_agreement_dimension_score(p, i, int(d)) for d in Dimension})
                for i in range(km_scorecard_agreement_count(p))]

    @property
    def indicators(self):
        p = self._h.ptr
        return [Progress(km_scorecard_indicator(p, i), self._h) for i in range(km_scorecard_indicator_count(p))]

    def __repr__(self):
        if self._core is None:
            return "<Scorecard closed>"
        return "<Scorecard %s %d as of %s: score %.4f, health %.4f>" % (
            getattr(self.scope, "name", self.scope), self.subject, self.as_of, self.score, self.health_index)


#: One point of a trend.
TrendPoint = collections.namedtuple("TrendPoint", "date score health_index dimension_scores")

Reporting = rows("Reporting", "Missing and late reports (km_reporting); also due, missing and late totals.",
                 partner=(km_reporting_partner, None), agreement=(km_reporting_agreement, None),
                 indicator=(km_reporting_indicator, None), kind=(km_reporting_kind, enum_of(ReportKind)),
                 period_start=(km_reporting_period_start, date), period_end=(km_reporting_period_end, date),
                 due_date=(km_reporting_due_date, date), submitted_on=(km_reporting_submitted_on, date))


class Aggregate:
    """An indicator aggregated across agreements (km_aggregate); ``rows``
    are the per-agreement :class:`Progress` rows it combined."""

    def __init__(self, ptr):
        self._core = Handle(ptr, km_aggregate_free)

    @property
    def _h(self):
        if self._core is None:
            raise ValueError("Aggregate is closed")
        return self._core

    def close(self):
        """Drops this object's hold on the C result: it is released at
        once, or when the last Progress row taken from it goes."""
        self._core = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    rule = property(lambda self: _cross_aggregation(km_aggregate_rule(self._h.ptr)))
    measure = property(lambda self: Measure.from_c(km_aggregate_measure(self._h.ptr)))
    has_value = property(lambda self: bool(km_aggregate_has_value(self._h.ptr)))
    value = property(lambda self: km_aggregate_value(self._h.ptr))

    @property
    def exact(self):
        """(numerator, denominator), or None when no exact value was given."""
        num, den = c_int64(), c_int64()
        if not km_aggregate_exact(byref(num), byref(den), self._h.ptr):
            return None
        return num.value, den.value

    @property
    def rows(self):
        p = self._h.ptr
        return [Progress(km_aggregate_row(p, i), self._h) for i in range(km_aggregate_count(p))]


def health_weight(component):
    """Weight of a component in the health index."""
    return km_health_weight(int(HealthComponent.coerce(component, "component")))


Thresholds = collections.namedtuple("Thresholds", "on_track_permille at_risk_permille grace_days")


def _scorecard_query(scope, subject=0, as_of=None, knowledge=Knowledge.CURRENT, running_only=False):
    q = ScorecardQuery()
    q.scope = int(ScorecardScope.coerce(scope, "query.scope"))
    if q.scope == ScorecardScope.DIMENSION:
        q.subject = int(Dimension.coerce(subject, "query.subject"))
    elif q.scope == ScorecardScope.FAMILY and not isinstance(subject, int):
        from .agreement import Family
        q.subject = int(Family.coerce(subject, "query.subject"))
    else:
        q.subject = 0 if subject is None else entity_id(subject, "query.subject")
    q.as_of = to_date(as_of, "query.as_of")
    q.knowledge = int(Knowledge.coerce(knowledge, "query.knowledge"))
    q.running_only = 1 if running_only else 0
    return q


class ScorecardMixin:
    """Progress, scorecard, trend, reporting and aggregation methods of :class:`kemitraan.Network`."""

    def set_evaluation_thresholds(self, on_track_permille, at_risk_permille, grace_days):
        km_evaluation_set_thresholds(self._p, on_track_permille, at_risk_permille, grace_days)

    def evaluation_thresholds(self):
        a, b, c = c_uint32(), c_uint32(), c_uint32()
        km_evaluation_thresholds(byref(a), byref(b), byref(c), self._p)
        return Thresholds(a.value, b.value, c.value)

    def indicator_progress(self, indicator, as_of, knowledge=Knowledge.CURRENT):
        """Progress of an indicator on a date (:class:`Progress`)."""
        out = ProgressP()
        km_indicator_progress(byref(out), self._p, entity_id(indicator, "indicator"), to_date(as_of, "as_of"),
                              int(Knowledge.coerce(knowledge, "knowledge")))
        return Progress(out)

    def scorecard(self, scope="network", subject=0, *, as_of=None, knowledge=Knowledge.CURRENT, running_only=False):
        """A scorecard of an agreement, partner, framework, family,
        dimension or the whole network (:class:`Scorecard`)."""
        q = _scorecard_query(scope, subject, as_of, knowledge, running_only)
        out = ScorecardP()
        km_scorecard_compute(byref(out), self._p, byref(q))
        return Scorecard(out)

    def scorecard_trend(self, scope, subject, start, end, frequency=Frequency.QUARTERLY, *,
                        knowledge=Knowledge.CURRENT, running_only=False):
        """The scorecard at the end of each period from start to end: a list of :class:`TrendPoint`."""
        q = _scorecard_query(scope, subject, None, knowledge, running_only)
        out = TrendP()
        km_scorecard_trend(byref(out), self._p, byref(q), to_date(start, "from"), to_date(end, "to"),
                           int(Frequency.coerce(frequency, "frequency")))
        try:
            return [TrendPoint(from_date(km_trend_date(out, i)), km_trend_score(out, i),
                               km_trend_health_index(out, i),
                               {d: km_trend_dimension_score(out, i, int(d)) for d in Dimension})
                    for i in range(km_trend_count(out))]
        finally:
            km_trend_free(out)

    def reporting(self, as_of, *, agreement=None, partner=None, include_late=False):
        """Missing (and with include_late, late) reports (:class:`Reporting`)."""
        q = ReportingQuery(as_of=to_date(as_of, "query.as_of"),
                           agreement_id=0 if agreement is None else entity_id(agreement, "query.agreement_id"),
                           partner_id=0 if partner is None else entity_id(partner, "query.partner_id"),
                           include_late=1 if include_late else 0)
        out = ReportingP()
        km_reporting_list(byref(out), self._p, byref(q))
        due, missing, late = c_uint64(), c_uint64(), c_uint64()
        km_reporting_totals(byref(due), byref(missing), byref(late), out)
        result = read_rows(Reporting, out, km_reporting_free, km_reporting_count)
        result._extras.update(due=due.value, missing=missing.value, late=late.value)
        return result

    def aggregate_indicator(self, *, template=None, code=None, framework=None, as_of=None,
                            knowledge=Knowledge.CURRENT):
        """An indicator aggregated across agreements, by template or by code (:class:`Aggregate`)."""
        q = AggregateQuery(template_id=0 if template is None else entity_id(template, "query.template_id"),
                           code=to_c(code, "query.code"),
                           framework_id=0 if framework is None else entity_id(framework, "query.framework_id"),
                           as_of=to_date(as_of, "query.as_of"), knowledge=int(Knowledge.coerce(knowledge, "knowledge")))
        out = AggregateP()
        km_indicator_aggregate(byref(out), self._p, byref(q))
        return Aggregate(out)
