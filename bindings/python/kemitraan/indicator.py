"""Indicators, framework templates, measurements and period locks (indicator.h).

    ind = net.create_indicator(agreement, "AIR.1", "Sambungan rumah baru", measure="unit",
                               baseline=0, baseline_date="2024-01-01", targets=[("2024-12-31", 1000)],
                               reporter=business)
    m = net.create_measurement(ind, business, "2024-01-01", "2024-03-31", 250)
    net.submit_measurement(m)
    net.approve_measurement(m)           # as the other party
    for m in net.measurements(indicator=ind, status="approved"): print(m.period_end, m.value)

Values are exact: an int64 numerator with the indicator's decimal
``scale`` (and a denominator for percentages and ratios).
"""
import collections
from ctypes import POINTER, byref, c_char_p, c_int, c_int32, c_int64, c_size_t, c_uint, c_uint32, c_uint64

from ._enum import LabelledEnum
from ._handle import paginate
from ._lib import c_strings, entity_id, from_date, func, status, to_c, to_date
from ._records import Record, accessors, date, enum_of, flag, micros, read_rows, rows, text
from ._types import NetworkP, Versioned, opaque, versioned
from .dimension import Dimension


# ---- handles and structs (mirrored in tests/bindings/struct_layout.c) ----
IndicatorP = opaque("km_indicator")
IndicatorPageP = opaque("km_indicator_page")
MeasurementP = opaque("km_measurement")
MeasurementPageP = opaque("km_measurement_page")
PeriodLocksP = opaque("km_period_locks")


INDICATOR_FIELDS_VERSION = 1


@versioned("km_indicator_fields", INDICATOR_FIELDS_VERSION, dimension=2, weight=1, frequency=1, time_aggregation=1, grace_days=-1)
class IndicatorFields(Versioned):
    _fields_ = [("version", c_uint), ("code", c_char_p), ("title", c_char_p), ("description", c_char_p),
                ("result_level", c_int), ("measure", c_int), ("unit_label", c_char_p), ("dimension", c_int),
                ("direction", c_int), ("scale", c_uint32), ("scale_max", c_uint32), ("allow_over_100", c_int),
                ("baseline_value", c_int64), ("baseline_denominator", c_int64), ("baseline_date", c_char_p),
                ("target_dates", POINTER(c_char_p)), ("target_values", POINTER(c_int64)),
                ("target_denominators", POINTER(c_int64)), ("targets_count", c_size_t), ("weight", c_uint32),
                ("frequency", c_int), ("time_aggregation", c_int), ("cross_aggregation", c_int),
                ("reporter_id", c_uint64), ("grace_days", c_int32)]


INDICATOR_QUERY_VERSION = 1


@versioned("km_indicator_query", INDICATOR_QUERY_VERSION, dimension=-1, status=-1)
class IndicatorQuery(Versioned):
    _fields_ = [("version", c_uint), ("agreement_id", c_uint64), ("framework_id", c_uint64),
                ("template_id", c_uint64), ("templates", c_int), ("dimension", c_int), ("status", c_int),
                ("cursor", c_char_p), ("limit", c_uint32)]


MEASUREMENT_FIELDS_VERSION = 1


@versioned("km_measurement_fields", MEASUREMENT_FIELDS_VERSION)
class MeasurementFields(Versioned):
    _fields_ = [("version", c_uint), ("partner_id", c_uint64), ("period_start", c_char_p), ("period_end", c_char_p),
                ("value", c_int64), ("denominator", c_int64), ("text", c_char_p), ("evidence_uri", c_char_p),
                ("comment", c_char_p)]


MEASUREMENT_QUERY_VERSION = 1


@versioned("km_measurement_query", MEASUREMENT_QUERY_VERSION, status=-1)
class MeasurementQuery(Versioned):
    _fields_ = [("version", c_uint), ("indicator_id", c_uint64), ("agreement_id", c_uint64), ("partner_id", c_uint64),
                ("status", c_int), ("cursor", c_char_p), ("limit", c_uint32)]



# ---- functions ----
km_indicator_create = status("km_indicator_create", POINTER(c_uint64), NetworkP, c_uint64, POINTER(IndicatorFields))
km_indicator_update = status("km_indicator_update", NetworkP, c_uint64, POINTER(IndicatorFields), c_uint32)
km_indicator_retire = status("km_indicator_retire", NetworkP, c_uint64, c_char_p)
km_indicator_get = status("km_indicator_get", POINTER(IndicatorP), NetworkP, c_uint64)
km_indicator_get_version = status("km_indicator_get_version", POINTER(IndicatorP), NetworkP, c_uint64, c_uint32)
km_indicator_get_by_code = status("km_indicator_get_by_code", POINTER(IndicatorP), NetworkP, c_uint64, c_char_p)
km_indicator_free = func("km_indicator_free", None, IndicatorP)
km_indicator_id = func("km_indicator_id", c_uint64, IndicatorP)
km_indicator_is_template = func("km_indicator_is_template", c_int, IndicatorP)
km_indicator_agreement_id = func("km_indicator_agreement_id", c_uint64, IndicatorP)
km_indicator_framework_id = func("km_indicator_framework_id", c_uint64, IndicatorP)
km_indicator_template_id = func("km_indicator_template_id", c_uint64, IndicatorP)
km_indicator_version = func("km_indicator_version", c_uint32, IndicatorP)
km_indicator_code = func("km_indicator_code", c_char_p, IndicatorP)
km_indicator_title = func("km_indicator_title", c_char_p, IndicatorP)
km_indicator_description = func("km_indicator_description", c_char_p, IndicatorP)
km_indicator_result_level = func("km_indicator_result_level", c_int, IndicatorP)
km_indicator_measure = func("km_indicator_measure", c_int, IndicatorP)
km_indicator_unit_label = func("km_indicator_unit_label", c_char_p, IndicatorP)
km_indicator_dimension = func("km_indicator_dimension", c_int, IndicatorP)
km_indicator_direction = func("km_indicator_direction", c_int, IndicatorP)
km_indicator_scale = func("km_indicator_scale", c_uint32, IndicatorP)
km_indicator_scale_max = func("km_indicator_scale_max", c_uint32, IndicatorP)
km_indicator_allow_over_100 = func("km_indicator_allow_over_100", c_int, IndicatorP)
km_indicator_baseline = func("km_indicator_baseline", c_int64, POINTER(c_int64), IndicatorP)
km_indicator_baseline_date = func("km_indicator_baseline_date", c_char_p, IndicatorP)
km_indicator_target_count = func("km_indicator_target_count", c_size_t, IndicatorP)
km_indicator_target = func("km_indicator_target", c_char_p, POINTER(c_int64), POINTER(c_int64), IndicatorP, c_size_t)
km_indicator_weight = func("km_indicator_weight", c_uint32, IndicatorP)
km_indicator_frequency = func("km_indicator_frequency", c_int, IndicatorP)
km_indicator_time_aggregation = func("km_indicator_time_aggregation", c_int, IndicatorP)
km_indicator_cross_aggregation = func("km_indicator_cross_aggregation", c_int, IndicatorP)
km_indicator_reporter = func("km_indicator_reporter", c_uint64, IndicatorP)
km_indicator_grace_days = func("km_indicator_grace_days", c_int32, IndicatorP)
km_indicator_status_of = func("km_indicator_status_of", c_int, IndicatorP)
km_indicator_retired_on = func("km_indicator_retired_on", c_char_p, IndicatorP)
km_indicator_status_reason = func("km_indicator_status_reason", c_char_p, IndicatorP)
km_indicator_created = func("km_indicator_created", c_int64, IndicatorP)
km_indicator_updated = func("km_indicator_updated", c_int64, IndicatorP)
km_indicator_list = status("km_indicator_list", POINTER(IndicatorPageP), NetworkP, POINTER(IndicatorQuery))
km_indicator_page_count = func("km_indicator_page_count", c_size_t, IndicatorPageP)
km_indicator_page_get = func("km_indicator_page_get", IndicatorP, IndicatorPageP, c_size_t)
km_indicator_page_cursor = func("km_indicator_page_cursor", c_char_p, IndicatorPageP)
km_indicator_page_free = func("km_indicator_page_free", None, IndicatorPageP)
km_indicator_template_create = status("km_indicator_template_create", POINTER(c_uint64), NetworkP, c_uint64,
                                      POINTER(IndicatorFields))
km_indicator_template_update = status("km_indicator_template_update", NetworkP, c_uint64, POINTER(IndicatorFields),
                                      c_uint32)
km_indicator_template_retire = status("km_indicator_template_retire", NetworkP, c_uint64, c_char_p)
km_indicator_instantiate_templates = status("km_indicator_instantiate_templates", POINTER(c_uint64), NetworkP,
                                            c_uint64)
km_measurement_create = status("km_measurement_create", POINTER(c_uint64), NetworkP, c_uint64,
                               POINTER(MeasurementFields))
km_measurement_update = status("km_measurement_update", NetworkP, c_uint64, POINTER(MeasurementFields))
km_measurement_submit = status("km_measurement_submit", NetworkP, c_uint64)
km_measurement_approve = status("km_measurement_approve", NetworkP, c_uint64, c_char_p)
km_measurement_return = status("km_measurement_return", NetworkP, c_uint64, c_char_p)
km_measurement_revise = status("km_measurement_revise", NetworkP, c_uint64, POINTER(MeasurementFields), c_char_p)
km_measurement_get = status("km_measurement_get", POINTER(MeasurementP), NetworkP, c_uint64)
km_measurement_get_version = status("km_measurement_get_version", POINTER(MeasurementP), NetworkP, c_uint64, c_uint32)
km_measurement_version_count = status("km_measurement_version_count", POINTER(c_uint32), NetworkP, c_uint64)
km_measurement_free = func("km_measurement_free", None, MeasurementP)
km_measurement_id = func("km_measurement_id", c_uint64, MeasurementP)
km_measurement_version = func("km_measurement_version", c_uint32, MeasurementP)
km_measurement_indicator_id = func("km_measurement_indicator_id", c_uint64, MeasurementP)
km_measurement_agreement_id = func("km_measurement_agreement_id", c_uint64, MeasurementP)
km_measurement_partner_id = func("km_measurement_partner_id", c_uint64, MeasurementP)
km_measurement_period_start = func("km_measurement_period_start", c_char_p, MeasurementP)
km_measurement_period_end = func("km_measurement_period_end", c_char_p, MeasurementP)
km_measurement_value = func("km_measurement_value", c_int64, POINTER(c_int64), MeasurementP)
km_measurement_text = func("km_measurement_text", c_char_p, MeasurementP)
km_measurement_evidence_uri = func("km_measurement_evidence_uri", c_char_p, MeasurementP)
km_measurement_comment = func("km_measurement_comment", c_char_p, MeasurementP)
km_measurement_status_of = func("km_measurement_status_of", c_int, MeasurementP)
km_measurement_note = func("km_measurement_note", c_char_p, MeasurementP)
km_measurement_rationale = func("km_measurement_rationale", c_char_p, MeasurementP)
km_measurement_created = func("km_measurement_created", c_int64, MeasurementP)
km_measurement_submitted = func("km_measurement_submitted", c_int64, MeasurementP)
km_measurement_decided = func("km_measurement_decided", c_int64, MeasurementP)
km_measurement_list = status("km_measurement_list", POINTER(MeasurementPageP), NetworkP, POINTER(MeasurementQuery))
km_measurement_page_count = func("km_measurement_page_count", c_size_t, MeasurementPageP)
km_measurement_page_get = func("km_measurement_page_get", MeasurementP, MeasurementPageP, c_size_t)
km_measurement_page_cursor = func("km_measurement_page_cursor", c_char_p, MeasurementPageP)
km_measurement_page_free = func("km_measurement_page_free", None, MeasurementPageP)
km_period_lock = status("km_period_lock", POINTER(c_uint64), NetworkP, c_uint64, c_char_p, c_char_p, c_char_p)
km_period_unlock = status("km_period_unlock", NetworkP, c_uint64, c_char_p)
km_period_lock_list = status("km_period_lock_list", POINTER(PeriodLocksP), NetworkP, c_uint64)
km_period_locks_count = func("km_period_locks_count", c_size_t, PeriodLocksP)
km_period_locks_id = func("km_period_locks_id", c_uint64, PeriodLocksP, c_size_t)
km_period_locks_start = func("km_period_locks_start", c_char_p, PeriodLocksP, c_size_t)
km_period_locks_end = func("km_period_locks_end", c_char_p, PeriodLocksP, c_size_t)
km_period_locks_active = func("km_period_locks_active", c_int, PeriodLocksP, c_size_t)
km_period_locks_time = func("km_period_locks_time", c_int64, PeriodLocksP, c_size_t)
km_period_locks_reason = func("km_period_locks_reason", c_char_p, PeriodLocksP, c_size_t)
km_period_locks_unlock_reason = func("km_period_locks_unlock_reason", c_char_p, PeriodLocksP, c_size_t)
km_period_locks_free = func("km_period_locks_free", None, PeriodLocksP)
km_result_level_label = func("km_result_level_label", c_char_p, c_int, c_int)
km_result_level_iati = func("km_result_level_iati", c_int, c_int)
km_measure_label = func("km_measure_label", c_char_p, c_int, c_int)
km_measure_iati = func("km_measure_iati", c_int, c_int)
km_direction_label = func("km_direction_label", c_char_p, c_int, c_int)
km_frequency_label = func("km_frequency_label", c_char_p, c_int, c_int)
km_time_aggregation_label = func("km_time_aggregation_label", c_char_p, c_int, c_int)
km_cross_aggregation_label = func("km_cross_aggregation_label", c_char_p, c_int, c_int)
km_indicator_status_label = func("km_indicator_status_label", c_char_p, c_int, c_int)
km_measurement_status_label = func("km_measurement_status_label", c_char_p, c_int, c_int)

# ---- enums ----

class ResultLevel(LabelledEnum):
    """ResultLevel (km_result_level)."""
    OUTPUT = 0
    OUTCOME = 1
    IMPACT = 2
    OTHER = 3


ResultLevel._label_fn = km_result_level_label


class Measure(LabelledEnum):
    """Measure (km_measure)."""
    UNIT = 0
    PERCENTAGE = 1
    NOMINAL = 2
    ORDINAL = 3
    QUALITATIVE = 4
    RATIO = 5


Measure._label_fn = km_measure_label


class Direction(LabelledEnum):
    """Direction (km_direction)."""
    ASCENDING = 0
    DESCENDING = 1


Direction._label_fn = km_direction_label


class Frequency(LabelledEnum):
    """Frequency (km_frequency)."""
    MONTHLY = 0
    QUARTERLY = 1
    SEMIANNUAL = 2
    ANNUAL = 3


Frequency._label_fn = km_frequency_label


class TimeAggregation(LabelledEnum):
    """TimeAggregation (km_time_aggregation)."""
    SUM = 0
    LAST = 1
    AVERAGE = 2
    MAX = 3
    MIN = 4


TimeAggregation._label_fn = km_time_aggregation_label


class CrossAggregation(LabelledEnum):
    """CrossAggregation (km_cross_aggregation)."""
    SUM = 0
    AVERAGE = 1
    WEIGHTED_AVERAGE = 2


CrossAggregation._label_fn = km_cross_aggregation_label


class IndicatorStatus(LabelledEnum):
    """IndicatorStatus (km_indicator_status)."""
    ACTIVE = 0
    RETIRED = 1


IndicatorStatus._label_fn = km_indicator_status_label


class MeasurementStatus(LabelledEnum):
    """MeasurementStatus (km_measurement_status)."""
    DRAFT = 0
    SUBMITTED = 1
    APPROVED = 2
    RETURNED = 3
    SUPERSEDED = 4


MeasurementStatus._label_fn = km_measurement_status_label

# Field mask bits of km_indicator_update (KM_INDICATOR_F_*), by keyword.
_MASK = {"code": 0x0001, "title": 0x0002, "description": 0x0004, "result_level": 0x0008, "measure": 0x0010,
         "scale": 0x0010, "scale_max": 0x0010, "allow_over_100": 0x0010, "unit_label": 0x0020,
         "dimension": 0x0040, "direction": 0x0080, "baseline": 0x0100, "baseline_date": 0x0100,
         "targets": 0x0200, "weight": 0x0400, "frequency": 0x0800, "grace_days": 0x0800,
         "time_aggregation": 0x1000, "cross_aggregation": 0x1000, "reporter": 0x2000}

ResultLevel.iati = property(lambda self: km_result_level_iati(int(self)))
Measure.iati = property(lambda self: km_measure_iati(int(self)))

#: A dated target: value (numerator) and denominator (0 when none).
Target = collections.namedtuple("Target", "date value denominator")


class Indicator(Record):
    """An immutable snapshot of one version of an indicator or template (km_indicator)."""

    __slots__ = ()
    _free_ = km_indicator_free

    @property
    def baseline(self):
        """(numerator, denominator) of the baseline."""
        den = c_int64()
        num = km_indicator_baseline(byref(den), self._h.ptr)
        return num, den.value

    @property
    def targets(self):
        """The dated targets, a list of :class:`Target`."""
        out = []
        p = self._h.ptr
        for i in range(km_indicator_target_count(p)):
            val, den = c_int64(), c_int64()
            day = km_indicator_target(byref(val), byref(den), p, i)
            out.append(Target(from_date(day), val.value, den.value))
        return out

    def __repr__(self):
        if self._h.closed:
            return "<Indicator closed>"
        return "<Indicator %d v%d %s %r>" % (self.id, self.version, self.code, self.title)


accessors(Indicator, id=(km_indicator_id, None), is_template=(km_indicator_is_template, flag),
          agreement_id=(km_indicator_agreement_id, None), framework_id=(km_indicator_framework_id, None),
          template_id=(km_indicator_template_id, None), version=(km_indicator_version, None),
          code=(km_indicator_code, text), title=(km_indicator_title, text),
          description=(km_indicator_description, text),
          result_level=(km_indicator_result_level, enum_of(ResultLevel)),
          measure=(km_indicator_measure, enum_of(Measure)), unit_label=(km_indicator_unit_label, text),
          dimension=(km_indicator_dimension, enum_of(Dimension)),
          direction=(km_indicator_direction, enum_of(Direction)), scale=(km_indicator_scale, None),
          scale_max=(km_indicator_scale_max, None), allow_over_100=(km_indicator_allow_over_100, flag),
          baseline_date=(km_indicator_baseline_date, date), weight=(km_indicator_weight, None),
          frequency=(km_indicator_frequency, enum_of(Frequency)),
          time_aggregation=(km_indicator_time_aggregation, enum_of(TimeAggregation)),
          cross_aggregation=(km_indicator_cross_aggregation, enum_of(CrossAggregation)),
          reporter=(km_indicator_reporter, None), grace_days=(km_indicator_grace_days, None),
          status=(km_indicator_status_of, enum_of(IndicatorStatus)), retired_on=(km_indicator_retired_on, date),
          status_reason=(km_indicator_status_reason, text), created=(km_indicator_created, micros),
          updated=(km_indicator_updated, micros))
Indicator._props_ += ("baseline", "targets")


class Measurement(Record):
    """An immutable snapshot of one version of a measurement (km_measurement)."""

    __slots__ = ()
    _free_ = km_measurement_free

    @property
    def value(self):
        """The numerator (with the indicator's scale)."""
        return km_measurement_value(None, self._h.ptr)

    @property
    def denominator(self):
        den = c_int64()
        km_measurement_value(byref(den), self._h.ptr)
        return den.value

    def __repr__(self):
        if self._h.closed:
            return "<Measurement closed>"
        return "<Measurement %d v%d %s %s..%s>" % (self.id, self.version, getattr(self.status, "name", self.status),
                                                  self.period_start, self.period_end)


accessors(Measurement, id=(km_measurement_id, None), version=(km_measurement_version, None),
          indicator_id=(km_measurement_indicator_id, None), agreement_id=(km_measurement_agreement_id, None),
          partner_id=(km_measurement_partner_id, None), period_start=(km_measurement_period_start, date),
          period_end=(km_measurement_period_end, date), text=(km_measurement_text, text),
          evidence_uri=(km_measurement_evidence_uri, text), comment=(km_measurement_comment, text),
          status=(km_measurement_status_of, enum_of(MeasurementStatus)), note=(km_measurement_note, text),
          rationale=(km_measurement_rationale, text), created=(km_measurement_created, micros),
          submitted=(km_measurement_submitted, micros), decided=(km_measurement_decided, micros))
Measurement._props_ += ("value", "denominator")

PeriodLocks = rows("PeriodLocks", "Period locks of an agreement (km_period_locks).",
                   id=(km_period_locks_id, None), start=(km_period_locks_start, date),
                   end=(km_period_locks_end, date), active=(km_period_locks_active, flag),
                   time=(km_period_locks_time, micros), reason=(km_period_locks_reason, text),
                   unlock_reason=(km_period_locks_unlock_reason, text))


def _opt_id(value, field):
    return 0 if value is None else entity_id(value, field)


def _pair(value):
    """int -> (int, 0); (num, den) stays."""
    if isinstance(value, tuple):
        return int(value[0]), int(value[1])
    return int(value), 0


def _indicator_fields(values):
    """IndicatorFields, mask and the arrays to keep alive, from keywords."""
    f = IndicatorFields()
    mask = 0
    keep = []
    for key, value in values.items():
        if key not in _MASK:
            raise TypeError("unknown indicator field %r" % key)
        mask |= _MASK[key]
        field = "indicator." + key
        if key in ("code", "title", "description", "unit_label"):
            setattr(f, key, to_c(value, field))
        elif key == "baseline_date":
            f.baseline_date = to_date(value, field)
        elif key == "baseline":
            f.baseline_value, f.baseline_denominator = _pair(value)
        elif key == "targets":
            items = [(t[0], *_pair(tuple(t[1:]) if len(t) > 2 else t[1])) for t in value]
            dates, n = c_strings([to_date(t[0], "indicator.target_dates") for t in items], field)
            vals = (c_int64 * max(n, 1))(*[t[1] for t in items])
            dens = (c_int64 * max(n, 1))(*[t[2] for t in items])
            keep += [dates, vals, dens]
            f.target_dates, f.targets_count = dates, n
            f.target_values = vals
            f.target_denominators = dens
        elif key == "reporter":
            f.reporter_id = _opt_id(value, field)
        elif key in ("scale", "scale_max", "weight", "grace_days"):
            setattr(f, key, int(value))
        elif key == "allow_over_100":
            f.allow_over_100 = 1 if value else 0
        else:
            enum = {"result_level": ResultLevel, "measure": Measure, "dimension": Dimension, "direction": Direction,
                    "frequency": Frequency, "time_aggregation": TimeAggregation,
                    "cross_aggregation": CrossAggregation}[key]
            setattr(f, key, int(enum.coerce(value, field)))
    return f, mask, keep


def _measurement_fields(partner=None, period_start=None, period_end=None, value=0, denominator=0, text=None,
                        evidence_uri=None, comment=None):
    return MeasurementFields(partner_id=_opt_id(partner, "measurement.partner_id"),
                             period_start=to_date(period_start, "measurement.period_start"),
                             period_end=to_date(period_end, "measurement.period_end"), value=value or 0,
                             denominator=denominator or 0, text=to_c(text, "measurement.text"),
                             evidence_uri=to_c(evidence_uri, "measurement.evidence_uri"),
                             comment=to_c(comment, "measurement.comment"))


class IndicatorMixin:
    """Indicator, template, measurement and period-lock methods of :class:`kemitraan.Network`."""

    def create_indicator(self, agreement, code, title, **fields):
        """Defines an indicator on an agreement and returns it. Keywords:
        description, result_level, measure, unit_label, dimension,
        direction, scale, scale_max, allow_over_100, baseline (int or
        (num, den)), baseline_date, targets ([(date, value) or (date, num,
        den)]), weight, frequency, grace_days, time_aggregation,
        cross_aggregation, reporter."""
        f, _mask, _keep = _indicator_fields(dict(fields, code=code, title=title))
        out = c_uint64()
        km_indicator_create(byref(out), self._p, entity_id(agreement, "agreement"), byref(f))
        return self.indicator(out.value)

    def update_indicator(self, indicator, **changes):
        """Changes the given fields (a new version); returns the indicator."""
        if not changes:
            raise TypeError("update_indicator needs at least one field")
        f, mask, _keep = _indicator_fields(changes)
        ident = entity_id(indicator, "indicator")
        km_indicator_update(self._p, ident, byref(f), mask)
        return self.indicator(ident)

    def retire_indicator(self, indicator, reason):
        ident = entity_id(indicator, "indicator")
        km_indicator_retire(self._p, ident, to_c(reason, "indicator.reason"))
        return self.indicator(ident)

    def indicator(self, ident, version=None):
        """The indicator (or template) with id ``ident``, at ``version`` if given."""
        out = IndicatorP()
        if version is None:
            km_indicator_get(byref(out), self._p, entity_id(ident, "indicator"))
        else:
            km_indicator_get_version(byref(out), self._p, entity_id(ident, "indicator"), version)
        return Indicator(out)

    def indicator_by_code(self, agreement, code):
        out = IndicatorP()
        km_indicator_get_by_code(byref(out), self._p, entity_id(agreement, "agreement"), to_c(code, "indicator.code"))
        return Indicator(out)

    def indicators(self, *, agreement=None, framework=None, template=None, templates=False, dimension=None,
                   status=None, page_size=None, limit=None):
        """Iterates over indicators (or templates with ``templates=True``) matching every filter."""
        q = IndicatorQuery()
        q.agreement_id = _opt_id(agreement, "query.agreement_id")
        q.framework_id = _opt_id(framework, "query.framework_id")
        q.template_id = _opt_id(template, "query.template_id")
        q.templates = 1 if templates else 0
        if dimension is not None:
            q.dimension = int(Dimension.coerce(dimension, "query.dimension"))
        if status is not None:
            q.status = int(IndicatorStatus.coerce(status, "query.status"))
        q.limit = page_size or 0
        return paginate(km_indicator_list, km_indicator_page_free, km_indicator_page_count, km_indicator_page_get,
                        km_indicator_page_cursor, lambda: self._p, q, IndicatorPageP,
                        lambda ptr, page: Indicator(ptr, page), limit)

    # ---- framework templates ----
    def create_indicator_template(self, framework, code, title, **fields):
        """Defines an indicator template on a framework and returns it."""
        f, _mask, _keep = _indicator_fields(dict(fields, code=code, title=title))
        out = c_uint64()
        km_indicator_template_create(byref(out), self._p, entity_id(framework, "framework"), byref(f))
        return self.indicator(out.value)

    def update_indicator_template(self, template, **changes):
        f, mask, _keep = _indicator_fields(changes)
        ident = entity_id(template, "template")
        km_indicator_template_update(self._p, ident, byref(f), mask)
        return self.indicator(ident)

    def retire_indicator_template(self, template, reason):
        ident = entity_id(template, "template")
        km_indicator_template_retire(self._p, ident, to_c(reason, "indicator.reason"))
        return self.indicator(ident)

    def instantiate_templates(self, agreement):
        """Copies the framework's templates onto the agreement; returns how many were copied."""
        out = c_uint64()
        km_indicator_instantiate_templates(byref(out), self._p, entity_id(agreement, "agreement"))
        return out.value

    # ---- measurements ----
    def create_measurement(self, indicator, partner, period_start, period_end, value=0, denominator=0, **fields):
        """Records a draft measurement (text=, evidence_uri=, comment=) and returns it."""
        f = _measurement_fields(partner, period_start, period_end, value, denominator, **fields)
        out = c_uint64()
        km_measurement_create(byref(out), self._p, entity_id(indicator, "indicator"), byref(f))
        return self.measurement(out.value)

    def update_measurement(self, measurement, partner=None, period_start=None, period_end=None, value=0,
                           denominator=0, **fields):
        """Replaces a draft's (or returned measurement's) fields."""
        f = _measurement_fields(partner, period_start, period_end, value, denominator, **fields)
        ident = entity_id(measurement, "measurement")
        km_measurement_update(self._p, ident, byref(f))
        return self.measurement(ident)

    def submit_measurement(self, measurement):
        ident = entity_id(measurement, "measurement")
        km_measurement_submit(self._p, ident)
        return self.measurement(ident)

    def approve_measurement(self, measurement, note=None):
        ident = entity_id(measurement, "measurement")
        km_measurement_approve(self._p, ident, to_c(note, "measurement.note"))
        return self.measurement(ident)

    def return_measurement(self, measurement, note):
        ident = entity_id(measurement, "measurement")
        km_measurement_return(self._p, ident, to_c(note, "measurement.note"))
        return self.measurement(ident)

    def revise_measurement(self, measurement, rationale, partner=None, period_start=None, period_end=None, value=0,
                           denominator=0, **fields):
        """A corrected version of an approved measurement."""
        f = _measurement_fields(partner, period_start, period_end, value, denominator, **fields)
        ident = entity_id(measurement, "measurement")
        km_measurement_revise(self._p, ident, byref(f), to_c(rationale, "measurement.rationale"))
        return self.measurement(ident)

    def measurement(self, ident, version=None):
        out = MeasurementP()
        if version is None:
            km_measurement_get(byref(out), self._p, entity_id(ident, "measurement"))
        else:
            km_measurement_get_version(byref(out), self._p, entity_id(ident, "measurement"), version)
        return Measurement(out)

    def measurement_versions(self, measurement):
        """Every version of a measurement, oldest first."""
        ident = entity_id(measurement, "measurement")
        n = c_uint32()
        km_measurement_version_count(byref(n), self._p, ident)
        return [self.measurement(ident, v) for v in range(1, n.value + 1)]

    def measurements(self, *, indicator=None, agreement=None, partner=None, status=None, page_size=None,
                     limit=None):
        """Iterates over the measurements matching every filter."""
        q = MeasurementQuery()
        q.indicator_id = _opt_id(indicator, "query.indicator_id")
        q.agreement_id = _opt_id(agreement, "query.agreement_id")
        q.partner_id = _opt_id(partner, "query.partner_id")
        if status is not None:
            q.status = int(MeasurementStatus.coerce(status, "query.status"))
        q.limit = page_size or 0
        return paginate(km_measurement_list, km_measurement_page_free, km_measurement_page_count,
                        km_measurement_page_get, km_measurement_page_cursor, lambda: self._p, q,
                        MeasurementPageP, lambda ptr, page: Measurement(ptr, page), limit)

    # ---- period locks ----
    def lock_period(self, agreement, start, end, reason=None):
        """Locks start..end of an agreement against new or changed measurements; returns the lock id."""
        out = c_uint64()
        km_period_lock(byref(out), self._p, entity_id(agreement, "agreement"), to_date(start, "lock.start"),
                       to_date(end, "lock.end"), to_c(reason, "lock.reason"))
        return out.value

    def unlock_period(self, lock, reason):
        km_period_unlock(self._p, entity_id(lock, "lock"), to_c(reason, "lock.reason"))

    def period_locks(self, agreement):
        """The period locks of an agreement (:class:`PeriodLocks`)."""
        out = PeriodLocksP()
        km_period_lock_list(byref(out), self._p, entity_id(agreement, "agreement"))
        return read_rows(PeriodLocks, out, km_period_locks_free, km_period_locks_count)
