#!/usr/bin/env python3
"""Loads a kemitraan-script-1 file (docs/cli.md, "load") into a file store
through the Python binding: every step's command line becomes the binding
call the C tool (tools/kemitraan) would make, with the option values
converted exactly as the tool converts them, so the store's log, and its
head hash, come out byte for byte the same as `kemitraan load` gives.

    python3 load_script.py STORE [SCRIPT] [--actor NAME] [--sync full|normal|off]

SCRIPT defaults to examples/demo-network.json (the demo's whole story). The
actor defaults to the demo's, "admin:demo@parahyangan.go.id" (an
administrator: it signs for every partner); give the C tool the same actor
(`kemitraan --actor ... load`) to compare head hashes. Each step's "at" sets
the clock for that step's change (the network's clock hook); "as" names the
id the step creates and "@name" refers to it in later steps.

The loader is the command table below: one entry per command the script
may use, naming the options it takes and the function that makes the
binding call. A command or option not in the table stops the load with the
step's number, as does any value the tool would refuse.
"""
import argparse
import json
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)
REPO = os.path.normpath(os.path.join(PKG_ROOT, os.pardir, os.pardir))
if PKG_ROOT not in sys.path:
    sys.path.insert(0, PKG_ROOT)

import kemitraan as km  # noqa: E402
from kemitraan import dispute as kd  # noqa: E402

FORMAT = "kemitraan-script-1"
DEFAULT_SCRIPT = os.path.join(REPO, "examples", "demo-network.json")
#: The actor of `kemitraan demo` (tools/kemitraan/cmd_demo.c).
DEFAULT_ACTOR = "admin:demo@parahyangan.go.id"
#: A date or time without a zone is WIB (UTC+7), as on the command line.
WIB_US = 7 * 3600 * 1000000
INT64_MAX = (1 << 63) - 1
NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class ScriptError(Exception):
    """The script cannot be loaded; the message names the step."""


class Usage(Exception):
    """A value the C tool would refuse (its usage errors)."""


# ---- values, as tools/kemitraan/util.c and values.c read them -------------

def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _leap(y):
    return (y % 4 == 0 and y % 100 != 0) or y % 400 == 0


def _days_in_month(y, m):
    return [31, 29 if _leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


_TIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?"
                      r"(Z|z|[+-]\d{2}:?\d{2})?)?$")


def parse_time(s, end_of_day=False):
    """Microseconds since the epoch (cli_parse_time); None if malformed."""
    m = _TIME_RE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if y < 1970 or not 1 <= mo <= 12 or d < 1 or d > _days_in_month(y, mo):
        return None
    if m.group(4) is None:
        t = _days_from_civil(y, mo, d) * 86400 * 1000000 - WIB_US
        return t + 86400 * 1000000 - 1 if end_of_day else t
    h, mi, se = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
    frac = int((m.group(7) or "").ljust(6, "0") or 0)
    if h > 23 or mi > 59 or se > 59:
        return None
    zone = m.group(8)
    offset = WIB_US
    if zone in ("Z", "z"):
        offset = 0
    elif zone:
        oh, om = int(zone[1:3]), int(zone[-2:])
        if oh > 23 or om > 59:
            return None
        offset = (1 if zone[0] == "+" else -1) * (oh * 3600 + om * 60) * 1000000
    return (_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se) * 1000000 + frac - offset


def _u64(s, name, limit=(1 << 64) - 1):
    if not s or not s.isdigit() or not s.isascii() or int(s) > limit:
        raise Usage("%s: \"%s\" is not a number" % (name, s))
    return int(s)


def _u32(s, name):
    return _u64(s, name, 0xFFFFFFFF)


def _i64(s, name):
    neg = s.startswith("-")
    v = _u64(s[1:] if neg else s, name, INT64_MAX + (1 if neg else 0))
    return -v if neg else v


def _int(s):
    """cli_parse_int: an optional '-' and at most 2147483647; None if not."""
    neg = s.startswith("-")
    body = s[1:] if neg else s
    if not body or not body.isdigit() or not body.isascii() or int(body) > 2147483647:
        return None
    return -int(body) if neg else int(body)


def _date(s, name):
    """A civil date YYYY-MM-DD (cli_value_date): returned as it is."""
    if (len(s) != 10 or s[4] != "-" or s[7] != "-" or not (s[:4] + s[5:7] + s[8:]).isdigit()
            or not s.isascii()):
        raise Usage("%s: \"%s\": not a date YYYY-MM-DD" % (name, s))
    y, m, d = int(s[:4]), int(s[5:7]), int(s[8:])
    if y < 1970 or not 1 <= m <= 12 or d < 1 or d > _days_in_month(y, m):
        raise Usage("%s: \"%s\": not a date YYYY-MM-DD" % (name, s))
    return s


def _digits(currency):
    """Minor-unit digits of a currency; 0 for none or an unknown code (a
    unit of quantity such as person-days), as the tool reads amounts."""
    if currency is None:
        return 0
    try:
        return max(km.currency_digits(currency), 0)
    except km.KemitraanError:
        return 0


def parse_money(s, currency, name):
    """A decimal amount -> minor units with the currency's digits
    (cli_parse_money: no sign, '.' for decimals, at most that many)."""
    digits = _digits(currency)
    m = re.match(r"^(\d+)(?:\.(\d+))?$", s or "")
    if not m or not s.isascii():
        raise Usage("%s: \"%s\": not an amount such as 1500000.00 (no sign, '.' for decimals)" % (name, s))
    frac = m.group(2) or ""
    if len(frac) > digits:
        raise Usage("%s: \"%s\": at most %d decimals for %s" % (name, s, digits, currency or "-"))
    v = int(m.group(1) + frac.ljust(digits, "0"))
    if v > INT64_MAX:
        raise Usage("%s: \"%s\": too large" % (name, s))
    return v


def _fold(s):
    return s.lower().replace("-", "_")


def enum_value(cls, s, name):
    """A machine name (case-insensitive, '-' as '_') or a number, as
    cli_value_enum_str reads it; for flags (roles) the bit value."""
    for member in cls:
        if _fold(s) == _fold(member.name):
            return int(member)
    v = _int(s)
    if v is not None:
        return v
    raise Usage("%s: \"%s\": one of %s" % (name, s, ", ".join(m.name.lower() for m in cls)))


def role_mask(s, name):
    """"funding,accountable" -> the KM_ROLE_* mask (cli_value_roles)."""
    if not s or len(s) >= 256:
        raise Usage("%s: \"%s\": not a list of roles" % (name, s))
    mask = 0
    for tok in (t for t in s.split(",") if t):
        mask |= enum_value(km.Role, tok, name)
    return mask & 0xFFFFFFFF


def _split_kinds(value, cls, name):
    """"NAME:KIND,KIND" -> (NAME's value, partner kinds mask)."""
    head, colon, rest = value.partition(":")
    v = enum_value(cls, head, name)
    kinds = 0
    if colon:
        for tok in (t for t in rest.split(",") if t):
            k = enum_value(km.PartnerKind, tok, name)
            if 0 <= k < 32:
                kinds |= 1 << k
    return v, kinds


def _fraction(s, name, den_default):
    """"N" or "N/D" -> (N, D) with D = den_default without a slash."""
    num, slash, den = s.partition("/")
    if not slash:
        return _i64(s, name), den_default
    return _i64(num, name), _i64(den, name)


# ---- a parsed step ---------------------------------------------------------

class Args:
    """Positional arguments and (name, value) options in order."""

    def __init__(self, pos, opts):
        self.pos = pos
        self.opts = opts

    def last(self, name):
        """The last value given for --name (what the tool uses), or None."""
        value = None
        for n, v in self.opts:
            if n == name:
                value = v
        return value

    def all(self, name):
        return [v for n, v in self.opts if n == name]

    def has(self, name):
        return any(n == name for n, _ in self.opts)

    def need(self, name):
        v = self.last(name)
        if v is None:
            raise Usage("missing --%s" % name)
        return v

    def id(self, index=0, what="ID"):
        if len(self.pos) <= index:
            raise Usage("missing %s" % what)
        return _u64(self.pos[index], what)


def _opt_u64(a, name):
    v = a.last(name)
    return 0 if v is None else _u64(v, "--" + name)


# ---- the commands: one function per command, making the binding call -------
# Each returns the id the command creates (for "as"), or None.

def partner_add(net, a):
    kind = a.last("kind")
    if kind is None:
        raise Usage("missing --kind")
    return net.create_partner(
        a.last("name"), a.last("external-id"), enum_value(km.PartnerKind, kind, "--kind"), region=a.last("region"),
        email=a.last("email"), phone=a.last("phone"), website=a.last("website"),
        sectors=[v for v in a.all("sector") if v], capabilities=[v for v in a.all("capability") if v],
        needs=[v for v in a.all("need") if v]).id


def _incentive(value):
    """"INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]"."""
    if len(value) >= 256:
        raise Usage("--incentive: \"%s\" is too long" % value)
    head, semi, conds = value.partition(";")
    sector = region = None
    min_days = 0
    if semi:
        for tok in (t for t in conds.split(";") if t):
            if tok.startswith("sector=") and len(tok) > 7:
                sector = tok[7:]
            elif tok.startswith("region=") and len(tok) > 7:
                region = tok[7:]
            elif tok.startswith("min_days="):
                min_days = _u32(tok[9:], "--incentive")
            else:
                raise Usage("--incentive: \"%s\": INCENTIVE[:KIND,...][;sector=TAG][;region=CODE][;min_days=N]"
                            % value)
    incentive, kinds = _split_kinds(head, km.Incentive, "--incentive")
    return incentive, kinds, sector, region, min_days


def framework_add(net, a):
    spec = km.FrameworkSpec(a.last("name"), a.last("legal-reference"))
    try:
        min_days = max_days = 0
        has_days = False
        for name, value in a.opts:  # the rules in the order given, as the tool adds them
            if name == "allow-type":
                spec.allow_type(enum_value(km.AgreementType, value, "--allow-type"))
            elif name == "require-role":
                spec.require_role(*_split_kinds(value, km.Role, "--require-role"))
            elif name == "incentive":
                spec.add_incentive(*_incentive(value))
            elif name == "require-dimension":
                spec.require_dimension(enum_value(km.Dimension, value, "--require-dimension"))
            elif name == "min-days":
                has_days, min_days = True, _u32(value, "--min-days")
            elif name == "max-days":
                has_days, max_days = True, _u32(value, "--max-days")
        if has_days:
            spec.set_duration(min_days, max_days)
        if a.has("max-value"):
            currency = a.last("currency")
            if currency is None:
                raise Usage("missing --currency")
            spec.set_max_value(currency, parse_money(a.last("max-value"), currency, "--max-value"))
        return net.create_framework(spec).id
    finally:
        spec.close()


def agreement_add(net, a):
    fields = {}
    sectors, parties, documents = [], [], []
    dimensions = 0
    value = currency = None
    for name, v in a.opts:
        if name in ("title", "reference", "purpose", "region"):
            fields[name] = v
        elif name == "type":
            fields["type"] = enum_value(km.AgreementType, v, "--type")
        elif name == "sector":
            fields["sectors"] = sectors
            if v:
                sectors.append(v)
        elif name == "document":
            fields["documents"] = documents
            if v:
                uri, comma, sha = v.rpartition(",")
                if not comma or not uri or len(sha) != 64 or not re.match(r"^[0-9A-Fa-f]{64}$", sha):
                    raise Usage("--document: \"%s\": expected URI,SHA256" % v)
                documents.append((uri, sha.lower()))
        elif name in ("start", "end"):
            fields[name + "_date"] = _date(v, "--" + name)
        elif name == "value":
            value = v
        elif name == "currency":
            currency = v
        elif name == "framework":
            fields["framework"] = _u64(v, "--framework")
        elif name == "dimension":
            d = enum_value(km.Dimension, v, "--dimension")
            if 0 <= d < 32:
                dimensions |= 1 << d
            fields["dimensions"] = dimensions
        elif name == "party":
            ident, colon, roles = v.partition(":")
            if not colon or not ident or len(ident) >= 32:
                raise Usage("--party: \"%s\": expected ID:ROLES, e.g. 3:funding,accountable" % v)
            parties.append((_u64(ident, "ID"), role_mask(roles, "--party")))
            fields["parties"] = parties
    if value is not None or currency is not None:
        fields["value"] = km.Money(parse_money(value, currency, "--value") if value is not None else 0, currency)
    title, reference = fields.pop("title", None), fields.pop("reference", None)
    return net.create_agreement(title, reference, fields.pop("type", 0), **fields).id


def _agreement_move(method, option):
    def run(net, a):
        getattr(net, method)(a.id(), a.last(option))
    return run


def agreement_sign(net, a):
    ident = a.id()
    net.sign_agreement(ident, _u64(a.need("partner"), "--partner"))


def agreement_expire_due(net, a):
    net.expire_due_agreements(_date(a.need("date"), "--date"))


def agreement_milestone_add(net, a):
    ident = a.id()
    t = a.last("type")
    due = a.last("due")
    net.add_milestone(ident, enum_value(km.MilestoneType, t, "--type") if t is not None else 0, a.last("title"),
                      _date(due, "--due") if due is not None else None)


def agreement_milestone_status(net, a):
    ident = a.id()
    number = a.id(1, "NUMBER")
    if number > 0xFFFFFFFF:
        raise Usage("NUMBER: \"%s\" is not a number" % a.pos[1])
    status = enum_value(km.MilestoneStatus, a.need("status"), "--status")
    date = a.last("date")
    net.set_milestone_status(ident, number, status, _date(date, "--date") if date is not None else None)


def agreement_risk_add(net, a):
    ident = a.id()
    category, allocation = a.need("category"), a.need("allocation")
    net.add_risk(ident, enum_value(km.RiskCategory, category, "--category"),
                 enum_value(km.RiskAllocation, allocation, "--allocation"), a.last("mitigation"))


def commitment_add(net, a):
    fields = {"kind": 0}
    ids = {"agreement": 0, "provider": 0, "recipient": 0}
    amount = valuation = currency = vcurrency = None
    for name, v in a.opts:
        if name in ids:
            ids[name] = _u64(v, "--" + name)
        elif name == "kind":
            fields["kind"] = enum_value(km.CommitmentKind, v, "--kind")
        elif name == "title":
            fields["title"] = v
        elif name == "amount":
            amount = v
        elif name == "currency":
            currency = v
        elif name == "unit":
            fields["unit"] = v
        elif name == "valuation":
            valuation = v
        elif name == "valuation-currency":
            vcurrency = v
        elif name == "rate-bp":
            fields["loan_rate_bp"] = _u32(v, "--rate-bp")
        elif name == "term-months":
            fields["loan_term_months"] = _u32(v, "--term-months")
        elif name == "grace-months":
            fields["loan_grace_months"] = _u32(v, "--grace-months")
        elif name == "method":
            fields["loan_method"] = enum_value(km.LoanMethod, v, "--method")
        elif name == "loan-start":
            fields["loan_start_date"] = _date(v, "--loan-start")
    minor = parse_money(amount, currency, "--amount") if amount is not None else 0
    if valuation is not None or vcurrency is not None:
        fields["valuation"] = km.Money(
            parse_money(valuation, vcurrency, "--valuation") if valuation is not None else 0, vcurrency)
    return net.create_commitment(ids["agreement"], ids["provider"], ids["recipient"], fields.pop("kind"),
                                 fields.pop("title", None), minor, currency=currency, **fields).id


def commitment_commit(net, a):
    ident = a.id()
    net.commit_commitment(ident, _date(a.need("date"), "--date"), a.last("reason"))


def _money_currency(net, ident):
    """The commitment's currency when it is money (amounts on later
    commands are read with its digits), else None."""
    c = net.commitment(ident)
    return c.currency if c.is_money else None


def commitment_tranche_add(net, a):
    ident = a.id()
    date = _date(a.need("date"), "--date")
    amount = a.need("amount")
    net.add_tranche(ident, date, parse_money(amount, _money_currency(net, ident), "--amount"), a.last("note"))


def commitment_ledger_record(net, a):
    ident = a.id()
    date = _date(a.need("date"), "--date")
    kind, amount = a.need("type"), a.need("amount")
    ledger_type = enum_value(km.LedgerType, kind, "--type")
    tranche = a.last("tranche")
    tranche = _u32(tranche, "--tranche") if tranche is not None else 0
    currency = a.last("currency")
    if currency is None:
        currency = _money_currency(net, ident)
    minor = parse_money(amount, currency, "--amount")
    net.record_ledger(ident, ledger_type, km.Money(minor, currency) if currency is not None else minor, date,
                      tranche=tranche, note=a.last("note"))


def dispute_file(net, a):
    fields = {"agreement_id": 0, "claimant": 0, "respondents": [], "category": 0, "severity": 0,
              "commitment_ids": [], "milestone_numbers": []}
    for name, v in a.opts:
        if name in ("agreement", "claimant"):
            fields["agreement_id" if name == "agreement" else name] = _u64(v, "--" + name)
        elif name == "respondent":
            fields["respondents"].append(_u64(v, "--respondent"))
        elif name == "category":
            fields["category"] = enum_value(kd.DisputeCategory, v, "--category")
        elif name == "severity":
            fields["severity"] = enum_value(kd.DisputeSeverity, v, "--severity")
        elif name in ("description", "relief"):
            fields[name] = v
        elif name == "commitment":
            fields["commitment_ids"].append(_u64(v, "--commitment"))
        elif name == "milestone":
            fields["milestone_numbers"].append(_u32(v, "--milestone"))
    return net.file_dispute(**fields).id


def _dispute_partner_move(method):
    def run(net, a):
        ident = a.id()
        getattr(net, method)(ident, _u64(a.need("partner"), "--partner"), a.last("note"))
    return run


def _dispute_note_move(method):
    def run(net, a):
        getattr(net, method)(a.id(), a.last("note"))
    return run


def dispute_assign_mediator(net, a):
    ident = a.id()
    net.assign_mediator(ident, _u64(a.need("partner"), "--partner"), a.last("override-justification"))


def dispute_settle(net, a):
    ident = a.id()
    net.settle_dispute(ident, a.last("terms"), [_u64(v, "--commitment") for v in a.all("commitment")],
                       [_u32(v, "--milestone") for v in a.all("milestone")])


def dispute_escalate(net, a):
    ident = a.id()
    net.escalate_dispute(ident, enum_value(kd.DisputeForum, a.need("forum"), "--forum"), a.last("note"))


_INDICATOR_ENUMS = {"measure": ("measure", km.Measure), "dimension": ("dimension", km.Dimension),
                    "level": ("result_level", km.ResultLevel), "direction": ("direction", km.Direction),
                    "frequency": ("frequency", km.Frequency),
                    "time-aggregation": ("time_aggregation", km.TimeAggregation),
                    "cross-aggregation": ("cross_aggregation", km.CrossAggregation)}


def indicator_add(net, a):
    owner = _u64(a.need("agreement"), "--agreement")
    fields = {}
    targets = None
    for name, v in a.opts:
        if name in ("code", "title", "description"):
            fields[name] = v
        elif name == "unit-label":
            fields["unit_label"] = v
        elif name in _INDICATOR_ENUMS:
            key, cls = _INDICATOR_ENUMS[name]
            fields[key] = enum_value(cls, v, "--" + name)
        elif name in ("scale", "scale-max", "weight"):
            fields[name.replace("-", "_")] = _u32(v, "--" + name)
        elif name == "allow-over-100":
            fields["allow_over_100"] = True
        elif name == "baseline":
            fields["baseline"] = _fraction(v, "--baseline", 0)
        elif name == "baseline-date":
            fields["baseline_date"] = _date(v, "--baseline-date")
        elif name == "target":
            targets = [] if targets is None else targets  # the options replace the list
            date, eq, rest = v.partition("=")
            if not eq:
                targets.append((None,) + _fraction(v, "--target", 1))
            elif len(date) != 10:
                raise Usage("--target: \"%s\": YYYY-MM-DD=N[/D]" % v)
            else:
                targets.append((_date(date, "--target"),) + _fraction(rest, "--target", 1))
        elif name == "grace-days":
            if _fold(v) == "default":
                fields["grace_days"] = -1
            else:
                fields["grace_days"] = min(_u32(v, "--grace-days"), 100000)
        elif name == "reporter":
            fields["reporter"] = _u64(v, "--reporter")
    if targets is not None:
        fields["targets"] = targets
    code, title = fields.pop("code", None), fields.pop("title", None)
    return net.create_indicator(owner, code, title, **fields).id


def measurement_report(net, a):
    indicator = a.last("indicator")
    iid = _u64(indicator, "--indicator") if indicator is not None else 0
    fields = {"partner": 0, "value": 0, "denominator": 0}
    for name, v in a.opts:
        if name == "partner":
            fields["partner"] = _u64(v, "--partner")
        elif name in ("from", "to"):
            fields["period_start" if name == "from" else "period_end"] = _date(v, "--" + name)
        elif name in ("value", "denominator"):
            fields[name] = _i64(v, "--" + name)
        elif name in ("text", "comment"):
            fields[name] = v
        elif name == "evidence":
            fields["evidence_uri"] = v
    if indicator is None:
        raise Usage("missing --indicator")
    return net.create_measurement(iid, fields.pop("partner"), fields.pop("period_start", None),
                                  fields.pop("period_end", None), **fields).id


def measurement_submit(net, a):
    net.submit_measurement(a.id())


def measurement_approve(net, a):
    net.approve_measurement(a.id(), a.last("note"))


def measurement_return(net, a):
    net.return_measurement(a.id(), a.last("note"))


# (group, command) -> (options: {name: takes a value}, most positional
# arguments, function). The options are the C tool's for that command that
# this loader converts; anything else is refused with the step's number.
def _opts(*names, flags=()):
    d = dict.fromkeys(names, True)
    d.update(dict.fromkeys(flags, False))
    return d


COMMANDS = {
    ("partner", "add"): (_opts("name", "external-id", "kind", "region", "email", "phone", "website", "sector",
                               "capability", "need"), 0, partner_add),
    ("framework", "add"): (_opts("name", "legal-reference", "allow-type", "require-role", "min-days", "max-days",
                                 "max-value", "currency", "require-dimension", "incentive"), 0, framework_add),
    ("agreement", "add"): (_opts("title", "reference", "type", "purpose", "sector", "region", "document", "start",
                                 "end", "value", "currency", "framework", "dimension", "party"), 0, agreement_add),
    ("agreement", "propose"): (_opts("reason"), 1, _agreement_move("propose_agreement", "reason")),
    ("agreement", "sign"): (_opts("partner"), 1, agreement_sign),
    ("agreement", "activate"): (_opts("override-justification"), 1,
                                _agreement_move("activate_agreement", "override-justification")),
    ("agreement", "suspend"): (_opts("reason"), 1, _agreement_move("suspend_agreement", "reason")),
    ("agreement", "resume"): (_opts("reason"), 1, _agreement_move("resume_agreement", "reason")),
    ("agreement", "complete"): (_opts("reason"), 1, _agreement_move("complete_agreement", "reason")),
    ("agreement", "terminate"): (_opts("reason"), 1, _agreement_move("terminate_agreement", "reason")),
    ("agreement", "cancel"): (_opts("reason"), 1, _agreement_move("cancel_agreement", "reason")),
    ("agreement", "expire-due"): (_opts("date"), 0, agreement_expire_due),
    ("agreement", "milestone-add"): (_opts("type", "title", "due"), 1, agreement_milestone_add),
    ("agreement", "milestone-status"): (_opts("status", "date"), 2, agreement_milestone_status),
    ("agreement", "risk-add"): (_opts("category", "allocation", "mitigation"), 1, agreement_risk_add),
    ("commitment", "add"): (_opts("agreement", "provider", "recipient", "kind", "title", "amount", "currency", "unit",
                                  "valuation", "valuation-currency", "rate-bp", "term-months", "grace-months",
                                  "method", "loan-start"), 0, commitment_add),
    ("commitment", "commit"): (_opts("date", "reason"), 1, commitment_commit),
    ("commitment", "tranche-add"): (_opts("date", "amount", "note"), 1, commitment_tranche_add),
    ("commitment", "ledger-record"): (_opts("date", "type", "amount", "currency", "tranche", "note"), 1,
                                      commitment_ledger_record),
    ("dispute", "file"): (_opts("agreement", "claimant", "respondent", "category", "severity", "description",
                                "relief", "commitment", "milestone"), 0, dispute_file),
    ("dispute", "acknowledge"): (_opts("partner", "note", "reason"), 1, _dispute_partner_move("acknowledge_dispute")),
    ("dispute", "consent"): (_opts("partner", "note", "reason"), 1, _dispute_partner_move("consent_dispute")),
    ("dispute", "negotiate"): (_opts("note", "reason"), 1, _dispute_note_move("negotiate_dispute")),
    ("dispute", "assign-mediator"): (_opts("partner", "override-justification"), 1, dispute_assign_mediator),
    ("dispute", "mediate"): (_opts("note", "reason"), 1, _dispute_note_move("mediate_dispute")),
    ("dispute", "settle"): (_opts("terms", "commitment", "milestone"), 1, dispute_settle),
    ("dispute", "escalate"): (_opts("forum", "note", "reason"), 1, dispute_escalate),
    ("dispute", "close"): (_opts("note", "reason"), 1, _dispute_note_move("close_dispute")),
    ("dispute", "withdraw"): (_opts("note", "reason"), 1, _dispute_note_move("withdraw_dispute")),
    ("dispute", "dismiss"): (_opts("note", "reason"), 1, _dispute_note_move("dismiss_dispute")),
    ("indicator", "add"): (_opts("agreement", "code", "title", "description", "measure", "dimension", "level",
                                 "direction", "unit-label", "scale", "scale-max", "baseline", "baseline-date",
                                 "target", "frequency", "time-aggregation", "cross-aggregation", "reporter",
                                 "weight", "grace-days", flags=("allow-over-100",)), 0, indicator_add),
    ("measurement", "report"): (_opts("indicator", "partner", "from", "to", "value", "denominator", "text",
                                      "evidence", "comment"), 0, measurement_report),
    ("measurement", "submit"): (_opts(), 1, measurement_submit),
    ("measurement", "approve"): (_opts("note"), 1, measurement_approve),
    ("measurement", "return"): (_opts("note"), 1, measurement_return),
}
# --reason is the tool's other name for a dispute move's --note.
_ALIASES = {"dispute": {"reason": "note"}}


def parse_step(argv):
    """(command name, function, Args) from one command line; Usage if the
    command or an option is unknown or a value is missing."""
    if len(argv) < 2 or (argv[0], argv[1]) not in COMMANDS:
        raise Usage("unknown command \"%s\"" % " ".join(argv[:2]))
    options, max_pos, fn = COMMANDS[(argv[0], argv[1])]
    aliases = _ALIASES.get(argv[0], {})
    pos, opts = [], []
    i = 2
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--") and len(arg) > 2:
            name, eq, value = arg[2:].partition("=")
            if name not in options:
                raise Usage("unknown option --%s for %s %s" % (name, argv[0], argv[1]))
            if not options[name]:
                if eq:
                    raise Usage("--%s takes no value" % name)
                value = None
            elif not eq:
                i += 1
                if i >= len(argv):
                    raise Usage("--%s needs a value" % name)
                value = argv[i]
            opts.append((aliases.get(name, name), value))
        else:
            pos.append(arg)
        i += 1
    if len(pos) > max_pos:
        raise Usage("unexpected argument \"%s\" for %s %s" % (pos[max_pos], argv[0], argv[1]))
    return "%s %s" % (argv[0], argv[1]), fn, Args(pos, opts)


# ---- the script --------------------------------------------------------------

def _resolve(arg, ids, where):
    """"@name" -> the id, "@name:rest" -> id + ":rest", "@@x" -> "@x"."""
    if not arg.startswith("@"):
        return arg
    if arg.startswith("@@"):
        return arg[1:]
    name, colon, rest = arg[1:].partition(":")
    if name not in ids:
        raise ScriptError("%s: \"@%s\" is not named by an earlier step (\"as\")" % (where, name))
    return str(ids[name]) + colon + rest


def read_script(path):
    """The steps of a kemitraan-script-1 file, checked as `kemitraan load` checks it."""
    with open(path, "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    if not isinstance(doc, dict):
        raise ScriptError("%s: must be a JSON object" % path)
    for key, value in doc.items():
        if key not in ("format", "title", "description", "steps"):
            raise ScriptError("%s: unknown field \"%s\"" % (path, key))
    if doc.get("format") != FORMAT:
        raise ScriptError("%s: \"format\" must be \"%s\"" % (path, FORMAT))
    steps = doc.get("steps")
    if not isinstance(steps, list):
        raise ScriptError("%s: \"steps\" must be an array of objects" % path)
    last_at = None
    names = {}
    for n, step in enumerate(steps, 1):
        where = "%s: step %d" % (path, n)
        if not isinstance(step, dict):
            raise ScriptError("%s: must be an object" % where)
        for key in step:
            if key not in ("cmd", "at", "as", "note"):
                raise ScriptError("%s: unknown field \"%s\"" % (where, key))
        cmd = step.get("cmd")
        if not isinstance(cmd, list) or not cmd or not all(isinstance(a, str) for a in cmd):
            raise ScriptError("%s: \"cmd\" must be a non-empty array of strings" % where)
        if "at" in step:
            t = parse_time(step["at"]) if isinstance(step["at"], str) else None
            if t is None or t <= 0:
                raise ScriptError("%s: \"at\" is not an ISO 8601 time: %r" % (where, step["at"]))
            if last_at is not None and t < last_at:
                raise ScriptError("%s: \"at\" is earlier than the step before: %s" % (where, step["at"]))
            last_at = t
        for arg in cmd:  # every reference names an earlier step
            _resolve(arg, names, where)
        try:  # the command and its options, before anything is written
            parse_step(cmd)
        except Usage as exc:
            raise ScriptError("%s: %s" % (where, exc)) from None
        if "as" in step:
            if not (isinstance(step["as"], str) and NAME_RE.match(step["as"])):
                raise ScriptError("%s: an \"as\" name must be 1-64 letters, digits, '_', '-' or '.'" % where)
            if step["as"] in names:
                raise ScriptError("%s: the name \"%s\" is already taken by an earlier step" % (where, step["as"]))
            names[step["as"]] = 1
    return doc


class _Clock:
    """The network clock: the running step's "at" (microseconds); before
    the first "at", KEMITRAAN_TEST_CLOCK or the real clock."""

    def __init__(self):
        self.at = None
        env = os.environ.get("KEMITRAAN_TEST_CLOCK")
        self.test = parse_time(env) if env else None

    def __call__(self):
        if self.at is not None:
            return self.at
        if self.test is not None:
            return self.test
        return time.time_ns() // 1000


def run_steps(net, doc, path="script"):
    """Runs every step of ``doc`` on ``net``; returns {name: id} of the "as" names."""
    clock = _Clock()
    net.set_clock(clock)
    ids = {}
    try:
        for n, step in enumerate(doc["steps"], 1):
            where = "%s: step %d" % (path, n)
            argv = [_resolve(a, ids, where) for a in step["cmd"]]
            if "at" in step:
                clock.at = parse_time(step["at"])
            try:
                name, fn, args = parse_step(argv)
            except Usage as exc:
                raise ScriptError("%s: %s" % (where, exc)) from None
            try:
                made = fn(net, args)
            except Usage as exc:
                raise ScriptError("%s: %s: %s" % (where, name, exc)) from None
            except km.KemitraanError as exc:
                raise ScriptError("%s: %s: %s" % (where, name, exc)) from exc
            if "as" in step:
                if made is None:
                    raise ScriptError("%s: %s creates no id for \"as\"" % (where, name))
                ids[step["as"]] = made
    finally:
        net.set_clock(None)
    return ids


def load(store, script=DEFAULT_SCRIPT, actor=DEFAULT_ACTOR, sync="normal"):
    """Loads ``script`` into the file store ``store``; returns (steps, head
    hash, stats). The file is checked first (format, commands, options,
    references); into an empty store, every step is rehearsed on a memory
    network first, so a step the library refuses leaves the store untouched
    (as `kemitraan load` does). A store that holds data gets the steps
    directly: a refused step stops the load there."""
    doc = read_script(script)
    name = os.path.basename(script)
    with km.Network.open(store, actor=actor, sync=sync) as net:
        if net.seq == 0:
            with km.Network.open(actor=actor) as rehearsal:
                run_steps(rehearsal, doc, name)
        run_steps(net, doc, name)
        net.sync()
        return len(doc["steps"]), net.head_hash, net.stats()


def main(argv=None):
    ap = argparse.ArgumentParser(description="Load a kemitraan-script-1 file through the Python binding.")
    ap.add_argument("store", help="the file store to write (created if absent)")
    ap.add_argument("script", nargs="?", default=DEFAULT_SCRIPT, help="the script (default: %(default)s)")
    ap.add_argument("--actor", default=DEFAULT_ACTOR, help="who makes the changes (default: %(default)s)")
    ap.add_argument("--sync", default="normal", choices=["full", "normal", "off"], help="file store sync mode")
    opts = ap.parse_args(argv)
    try:
        steps, head, stats = load(opts.store, opts.script, opts.actor, opts.sync)
    except (ScriptError, OSError, ValueError) as exc:
        print("load_script.py: %s" % exc, file=sys.stderr)
        return 1
    print("steps       : %d" % steps)
    print("log entries : %d" % stats.log_entries)
    for key in ("partners", "frameworks", "agreements", "commitments", "indicators", "measurements", "disputes"):
        print("%-12s: %d" % (key, getattr(stats, key)))
    print("head_hash   : %s" % head)
    return 0


if __name__ == "__main__":
    sys.exit(main())
