"""ctypes mirrors of the public C types.

* Every versioned struct is mirrored field for field, in declaration order,
  with the C types of the header; constructing one sets ``version`` to the
  header's ``*_VERSION`` and the other members to the ``*_INIT`` values.
  tests/test_layout.py checks each mirror against the sizes and offsets the
  C compiler reports (tests/bindings/struct_layout.c).
* Every opaque handle gets its own pointer type, so passing a partner where
  a network is expected fails in ctypes instead of crashing in C.

A module for a new header declares its structs here (or in its own file)
with :func:`versioned` and its handles with :func:`opaque`.
"""
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int, c_int64, c_size_t,
                    c_uint, c_uint32, c_uint64, c_void_p)

#: C struct name -> ctypes mirror (the layout test walks this).
STRUCTS = {}
#: C handle name -> ctypes pointer type.
HANDLES = {}


def opaque(c_name):
    """A distinct ``POINTER`` type for the opaque C type ``c_name``."""
    tag = type(c_name, (Structure,), {"_fields_": []})
    ptr = POINTER(tag)
    HANDLES[c_name] = ptr
    return ptr


class Versioned(Structure):
    """Base of the mirrors: version and *_INIT defaults set on construction;
    keyword arguments set members by name."""

    _version_ = 0
    _defaults_ = {}

    def __init__(self, **kwargs):
        super().__init__()
        if any(f[0] == "version" for f in self._fields_):
            self.version = self._version_
        for key, value in self._defaults_.items():
            setattr(self, key, value)
        for key, value in kwargs.items():
            setattr(self, key, value)


def versioned(c_name, version, **defaults):
    """Class decorator registering a mirror of ``c_name``."""
    def deco(cls):
        cls._c_name_ = c_name
        cls._version_ = version
        cls._defaults_ = dict(defaults)
        STRUCTS[c_name] = cls
        return cls
    return deco


# ---- handles --------------------------------------------------------------
NetworkP = opaque("km_network")
PartnerP = opaque("km_partner")
PartnerPageP = opaque("km_partner_page")
AuditP = opaque("km_audit")
AgreementP = opaque("km_agreement")
AgreementPageP = opaque("km_agreement_page")
MilestonesP = opaque("km_milestones")
RisksP = opaque("km_risks")
FrameworkSpecP = opaque("km_framework_spec")
FrameworkP = opaque("km_framework")
CheckP = opaque("km_check")
GraphP = opaque("km_graph")

# ---- common.h -------------------------------------------------------------
ALLOCATOR_VERSION = 1
MallocFn = CFUNCTYPE(c_void_p, c_void_p, c_size_t)
ReallocFn = CFUNCTYPE(c_void_p, c_void_p, c_void_p, c_size_t)
FreeFn = CFUNCTYPE(None, c_void_p, c_void_p)


@versioned("km_allocator", ALLOCATOR_VERSION)
class Allocator(Versioned):
    _fields_ = [("version", c_uint), ("malloc_fn", MallocFn), ("realloc_fn", ReallocFn),
                ("free_fn", FreeFn), ("payload", c_void_p)]


# ---- sys/storage.h --------------------------------------------------------
STORAGE_VERSION = 2


@versioned("km_storage", STORAGE_VERSION)
class Storage(Versioned):
    """The backend vtable. The binding only passes pointers to it (the
    built-in memory and file backends); it is mirrored so its layout is
    checked like the others."""


StorageP = POINTER(Storage)
HANDLES["km_storage"] = StorageP
RecordCb = CFUNCTYPE(c_int, c_void_p, c_uint64, c_void_p, c_size_t)
Storage._fields_ = [
    ("version", c_uint),
    ("append", CFUNCTYPE(c_int, StorageP, c_uint64, c_void_p, c_size_t)),
    ("scan", CFUNCTYPE(c_int, StorageP, c_uint64, RecordCb, c_void_p)),
    ("last_seq", CFUNCTYPE(c_int, StorageP, POINTER(c_uint64))),
    ("snapshot_write", CFUNCTYPE(c_int, StorageP, c_uint64, c_void_p, c_size_t)),
    ("snapshot_read", CFUNCTYPE(c_int, StorageP, c_uint64, RecordCb, c_void_p)),
    ("free", CFUNCTYPE(None, StorageP)),
    ("sync", CFUNCTYPE(c_int, StorageP)),
    ("snapshot_begin", CFUNCTYPE(c_int, StorageP, c_uint64, POINTER(c_void_p))),
    ("snapshot_append", CFUNCTYPE(c_int, StorageP, c_void_p, c_void_p, c_size_t)),
    ("snapshot_end", CFUNCTYPE(c_int, StorageP, c_void_p, c_int)),
]

# ---- network.h ------------------------------------------------------------
AUTH_REQUEST_VERSION = 1
NETWORK_OPTIONS_VERSION = 1
NETWORK_STATS_VERSION = 3
VERIFY_REPORT_VERSION = 1

ClockFn = CFUNCTYPE(c_int64, c_void_p)


@versioned("km_auth_request", AUTH_REQUEST_VERSION)
class AuthRequest(Versioned):
    _fields_ = [("version", c_uint), ("entity", c_int), ("entity_id", c_uint64), ("operation", c_char_p),
                ("actor", c_char_p)]


# reason is written by the hook: a plain pointer, not c_char_p (immutable bytes).
AuthorizerFn = CFUNCTYPE(c_int, c_void_p, POINTER(AuthRequest), c_void_p, c_size_t)


@versioned("km_network_options", NETWORK_OPTIONS_VERSION)
class NetworkOptions(Versioned):
    _fields_ = [("version", c_uint), ("allocator", POINTER(Allocator)), ("clock", ClockFn),
                ("clock_payload", c_void_p), ("authorizer", AuthorizerFn), ("authorizer_payload", c_void_p),
                ("actor", c_char_p), ("read_only", c_int), ("as_of_seq", c_uint64), ("as_of_time", c_int64),
                ("retry_on_conflict", c_int), ("no_snapshot", c_int)]


@versioned("km_network_stats", NETWORK_STATS_VERSION)
class NetworkStats(Versioned):
    _fields_ = [("version", c_uint)] + [(name, c_uint64) for name in (
        "log_entries", "log_events", "log_bytes", "partners", "partners_active", "partners_suspended",
        "partners_archived", "agreements", "agreements_active", "frameworks", "commitments", "disputes",
        "disputes_open", "indicators", "measurements", "opportunities", "interests")]


@versioned("km_verify_report", VERIFY_REPORT_VERSION)
class VerifyReport(Versioned):
    _fields_ = [("version", c_uint), ("entries", c_uint64), ("first_bad_seq", c_uint64), ("error", c_int),
                ("head_hash", c_char * 65)]


# ---- file.h ---------------------------------------------------------------
FILE_OPTIONS_VERSION = 1


@versioned("km_file_options", FILE_OPTIONS_VERSION)
class FileOptions(Versioned):
    _fields_ = [("version", c_uint), ("sync", c_int), ("read_only", c_int), ("no_create", c_int),
                ("allocator", POINTER(Allocator))]


# ---- partner.h ------------------------------------------------------------
PARTNER_FIELDS_VERSION = 1
PARTNER_QUERY_VERSION = 2


@versioned("km_partner_fields", PARTNER_FIELDS_VERSION)
class PartnerFields(Versioned):
    _fields_ = [("version", c_uint), ("name", c_char_p), ("external_id", c_char_p), ("kind", c_int),
                ("region", c_char_p), ("email", c_char_p), ("phone", c_char_p), ("website", c_char_p),
                ("sectors", POINTER(c_char_p)), ("sectors_count", c_size_t),
                ("capabilities", POINTER(c_char_p)), ("capabilities_count", c_size_t),
                ("needs", POINTER(c_char_p)), ("needs_count", c_size_t)]


@versioned("km_partner_query", PARTNER_QUERY_VERSION, kind=-1, status=-1)
class PartnerQuery(Versioned):
    _fields_ = [("version", c_uint), ("kind", c_int), ("status", c_int), ("sector", c_char_p),
                ("capability", c_char_p), ("need", c_char_p), ("region_prefix", c_char_p),
                ("name_contains", c_char_p), ("cursor", c_char_p), ("limit", c_uint32),
                ("order", c_int)]


# ---- audit.h --------------------------------------------------------------
AUDIT_QUERY_VERSION = 1


@versioned("km_audit_query", AUDIT_QUERY_VERSION, entity=-1)
class AuditQuery(Versioned):
    _fields_ = [("version", c_uint), ("entity", c_int), ("entity_id", c_uint64), ("actor", c_char_p),
                ("since", c_int64), ("until", c_int64), ("from_seq", c_uint64), ("limit", c_uint32)]


# ---- agreement.h ----------------------------------------------------------
AGREEMENT_FIELDS_VERSION = 1
AGREEMENT_QUERY_VERSION = 1
MILESTONE_FIELDS_VERSION = 1


@versioned("km_agreement_fields", AGREEMENT_FIELDS_VERSION)
class AgreementFields(Versioned):
    _fields_ = [("version", c_uint), ("title", c_char_p), ("reference", c_char_p), ("type", c_int),
                ("purpose", c_char_p), ("sectors", POINTER(c_char_p)), ("sectors_count", c_size_t),
                ("region", c_char_p), ("start_date", c_char_p), ("end_date", c_char_p), ("value", c_int64),
                ("currency", c_char_p), ("framework_id", c_uint64), ("dimensions", c_uint32),
                ("party_ids", POINTER(c_uint64)), ("party_roles", POINTER(c_uint32)), ("parties_count", c_size_t),
                ("document_uris", POINTER(c_char_p)), ("document_sha256", POINTER(c_char_p)),
                ("documents_count", c_size_t)]


@versioned("km_agreement_query", AGREEMENT_QUERY_VERSION, type=-1, family=-1, status=-1)
class AgreementQuery(Versioned):
    _fields_ = [("version", c_uint), ("party", c_uint64), ("type", c_int), ("family", c_int), ("status", c_int),
                ("framework_id", c_uint64), ("region_prefix", c_char_p), ("sector", c_char_p),
                ("active_on", c_char_p), ("expiring_from", c_char_p), ("expiring_days", c_uint32),
                ("cursor", c_char_p), ("limit", c_uint32)]


@versioned("km_milestone_fields", MILESTONE_FIELDS_VERSION)
class MilestoneFields(Versioned):
    _fields_ = [("version", c_uint), ("type", c_int), ("title", c_char_p), ("due_date", c_char_p)]


# ---- graph.h --------------------------------------------------------------
BETWEENNESS_OPTIONS_VERSION = 1
CLOSENESS_OPTIONS_VERSION = 1
PAGERANK_OPTIONS_VERSION = 1
EIGENVECTOR_OPTIONS_VERSION = 1
GRAPH_EXPORT_OPTIONS_VERSION = 1

WriteFn = CFUNCTYPE(c_int, c_void_p, c_void_p, c_size_t)


@versioned("km_betweenness_options", BETWEENNESS_OPTIONS_VERSION)
class BetweennessOptions(Versioned):
    _fields_ = [("version", c_uint), ("normalized", c_int), ("weighted", c_int), ("threads", c_uint32),
                ("samples", c_uint32), ("seed", c_uint64)]


@versioned("km_closeness_options", CLOSENESS_OPTIONS_VERSION, wf_improved=1)
class ClosenessOptions(Versioned):
    _fields_ = [("version", c_uint), ("weighted", c_int), ("wf_improved", c_int), ("threads", c_uint32)]


@versioned("km_pagerank_options", PAGERANK_OPTIONS_VERSION, damping=0.85, tolerance=1e-14, max_iter=1000,
           weighted=1)
class PagerankOptions(Versioned):
    _fields_ = [("version", c_uint), ("damping", c_double), ("tolerance", c_double), ("max_iter", c_uint32),
                ("weighted", c_int)]


@versioned("km_eigenvector_options", EIGENVECTOR_OPTIONS_VERSION, tolerance=1e-14, max_iter=1000)
class EigenvectorOptions(Versioned):
    _fields_ = [("version", c_uint), ("tolerance", c_double), ("max_iter", c_uint32), ("weighted", c_int)]


@versioned("km_graph_export_options", GRAPH_EXPORT_OPTIONS_VERSION)
class GraphExportOptions(Versioned):
    _fields_ = [("version", c_uint), ("name", c_char_p), ("labels", POINTER(c_char_p)),
                ("attr_names", POINTER(c_char_p)), ("attr_values", POINTER(POINTER(c_double))),
                ("attr_count", c_size_t), ("values_len", c_size_t)]

