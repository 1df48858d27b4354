"""The audit trail read back from the hash-chained log (audit.h), and the
entity kinds it names (network.h)."""
import dataclasses
import json
from ctypes import POINTER, byref, c_char_p, c_int, c_int64, c_size_t, c_uint64

from ._enum import LabelledEnum
from ._handle import Handle
from ._lib import entity_id as _ident, from_c, from_micros, func, status, to_c, to_micros
from ._types import AuditP, AuditQuery, NetworkP

km_audit_list = status("km_audit_list", POINTER(AuditP), NetworkP, POINTER(AuditQuery))
km_audit_count = func("km_audit_count", c_size_t, AuditP)
km_audit_seq = func("km_audit_seq", c_uint64, AuditP, c_size_t)
km_audit_time = func("km_audit_time", c_int64, AuditP, c_size_t)
km_audit_actor = func("km_audit_actor", c_char_p, AuditP, c_size_t)
km_audit_entity = func("km_audit_entity", c_int, AuditP, c_size_t)
km_audit_entity_id = func("km_audit_entity_id", c_uint64, AuditP, c_size_t)
km_audit_operation = func("km_audit_operation", c_char_p, AuditP, c_size_t)
km_audit_data_json = func("km_audit_data_json", c_char_p, AuditP, c_size_t)
km_audit_next_seq = func("km_audit_next_seq", c_uint64, AuditP)
km_audit_free = func("km_audit_free", None, AuditP)
km_entity_label = func("km_entity_label", c_char_p, c_int, c_int)


class Entity(LabelledEnum):
    """Entity kinds named in audit entries and authorizer requests (km_entity)."""
    NETWORK = 0
    PARTNER = 1
    AGREEMENT = 2
    FRAMEWORK = 3
    COMMITMENT = 4
    DISPUTE = 5
    INDICATOR = 6
    MEASUREMENT = 7
    OPPORTUNITY = 8
    INTEREST = 9


Entity._label_fn = km_entity_label


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    """One audited change: who, when, what (``data`` is the parsed JSON)."""
    seq: int
    time: object  # aware UTC datetime
    actor: str
    entity: Entity
    entity_id: int
    operation: str
    data: dict


def _entries(p):
    for i in range(km_audit_count(p)):
        raw = from_c(km_audit_data_json(p, i))
        yield AuditEntry(km_audit_seq(p, i), from_micros(km_audit_time(p, i)), from_c(km_audit_actor(p, i)),
                         Entity.from_c(km_audit_entity(p, i)), km_audit_entity_id(p, i),
                         from_c(km_audit_operation(p, i)), json.loads(raw) if raw else {})


class AuditMixin:
    """Audit methods of :class:`kemitraan.Network`."""

    def audit(self, entity=None, entity_id=None, *, actor=None, since=None, until=None, from_seq=None, limit=None,
              batch_size=500):
        """Iterates over the changes applied to this network, oldest first.

        Filters: entity (an Entity, or an entity object such as a Partner
        together with ``entity_id`` omitted), entity_id, actor, since/until
        (datetime or microseconds, inclusive), from_seq. The log is read in
        batches of about ``batch_size`` changes; ``limit`` stops after that
        many changes."""
        if entity is not None and not isinstance(entity, (int, str)):
            # An entity object: its kind from its class name, its id from .id.
            entity_id = entity_id if entity_id is not None else entity.id
            entity = type(entity).__name__
        q = AuditQuery()
        if entity is not None:
            q.entity = int(Entity.coerce(entity, "audit.entity"))
        if entity_id is not None:
            q.entity_id = _ident(entity_id, "audit.entity_id")
        q.actor = to_c(actor, "audit.actor")
        q.since = to_micros(since)
        q.until = to_micros(until)
        q.from_seq = from_seq or 0
        q.limit = batch_size
        return self._audit_batches(q, limit)

    def _audit_batches(self, q, limit):
        yielded = 0
        while True:
            out = AuditP()
            km_audit_list(byref(out), self._p, byref(q))
            h = Handle(out, km_audit_free)
            try:
                for entry in _entries(h.ptr):
                    if limit is not None and yielded >= limit:
                        return
                    yield entry
                    yielded += 1
                nxt = km_audit_next_seq(h.ptr)
            finally:
                h.close()
            if nxt == 0 or nxt <= q.from_seq:
                return
            q.from_seq = nxt
