"""Network measures on an immutable graph (graph.h).

A :class:`Graph` is built once from an edge list; every measure returns a
Python list with one value per vertex ``0..n-1``.
"""
import collections
import ctypes
import enum
from ctypes import POINTER, byref, c_char_p, c_double, c_int, c_int32, c_size_t, c_uint32, c_uint64

from . import _lib
from ._handle import Handle
from ._lib import func, status, to_c
from ._types import (Allocator, BetweennessOptions, ClosenessOptions, EigenvectorOptions, GraphExportOptions,
                     GraphP, PagerankOptions, WriteFn)

km_graph_new = status("km_graph_new", POINTER(GraphP), c_uint32, POINTER(c_uint32), POINTER(c_uint32),
                      POINTER(c_double), c_size_t, c_int, POINTER(Allocator))
km_graph_free = func("km_graph_free", None, GraphP)
km_graph_vertex_count = func("km_graph_vertex_count", c_uint32, GraphP)
km_graph_edge_count = func("km_graph_edge_count", c_uint64, GraphP)
km_graph_is_directed = func("km_graph_is_directed", c_int, GraphP)
km_graph_is_weighted = func("km_graph_is_weighted", c_int, GraphP)
km_graph_edges = status("km_graph_edges", POINTER(c_uint32), POINTER(c_uint32), POINTER(c_double), c_size_t, GraphP)
km_graph_degree = status("km_graph_degree", POINTER(c_uint32), c_size_t, GraphP, c_int)
km_graph_strength = status("km_graph_strength", POINTER(c_double), c_size_t, GraphP, c_int)
km_graph_components = status("km_graph_components", POINTER(c_uint32), c_size_t, POINTER(c_uint32), GraphP)
km_graph_component_sizes = status("km_graph_component_sizes", POINTER(c_uint32), c_size_t, POINTER(c_uint32), GraphP)
km_graph_density = status("km_graph_density", POINTER(c_double), GraphP)
km_graph_clustering = status("km_graph_clustering", POINTER(c_double), c_size_t, GraphP, c_int)
km_graph_average_clustering = status("km_graph_average_clustering", POINTER(c_double), GraphP, c_int)
km_graph_transitivity = status("km_graph_transitivity", POINTER(c_double), GraphP)
km_graph_core_number = status("km_graph_core_number", POINTER(c_uint32), c_size_t, GraphP)
km_graph_betweenness = status("km_graph_betweenness", POINTER(c_double), c_size_t, GraphP,
                              POINTER(BetweennessOptions))
km_graph_betweenness_error_bound = status("km_graph_betweenness_error_bound", POINTER(c_double), c_uint32, c_uint32,
                                          c_double, c_int, c_int)
km_graph_closeness = status("km_graph_closeness", POINTER(c_double), c_size_t, GraphP, POINTER(ClosenessOptions))
km_graph_harmonic = status("km_graph_harmonic", POINTER(c_double), c_size_t, GraphP, POINTER(ClosenessOptions))
km_graph_pagerank = status("km_graph_pagerank", POINTER(c_double), c_size_t, GraphP, POINTER(PagerankOptions))
km_graph_eigenvector = status("km_graph_eigenvector", POINTER(c_double), c_size_t, GraphP,
                              POINTER(EigenvectorOptions))
km_graph_constraint = status("km_graph_constraint", POINTER(c_double), c_size_t, GraphP, c_int)
km_graph_brokerage = status("km_graph_brokerage", POINTER(c_uint64), c_size_t, GraphP, POINTER(c_int32), c_size_t)
km_graph_write_dot = status("km_graph_write_dot", GraphP, POINTER(GraphExportOptions), WriteFn, ctypes.c_void_p)
km_graph_write_gexf = status("km_graph_write_gexf", GraphP, POINTER(GraphExportOptions), WriteFn, ctypes.c_void_p)


class GraphMode(enum.IntEnum):
    """Which arcs of a directed graph a degree counts (km_graph_mode)."""
    OUT = 1
    IN = 2
    ALL = 3


class BrokerageRole(enum.IntEnum):
    """Gould-Fernandez brokerage roles (km_brokerage_role)."""
    COORDINATOR = 0
    ITINERANT = 1
    GATEKEEPER = 2
    REPRESENTATIVE = 3
    LIAISON = 4


#: Brokerage counts of one vertex, by role.
Brokerage = collections.namedtuple("Brokerage", [r.name.lower() for r in BrokerageRole])


def _writer(chunks):
    def write(_payload, data, length):
        try:
            chunks.append(ctypes.string_at(data, length))
            return 0
        except BaseException as exc:
            _lib.set_pending(exc)
            return 1
    return WriteFn(write)


class Graph:
    """An immutable graph over the vertices ``0..n-1`` (km_graph).

    ``edges`` is an iterable of ``(u, v)`` or ``(u, v, weight)``; pass
    ``weights`` separately or inside the tuples (weights > 0, finite).
    Self-loops are dropped and repeated edges merged, weights summed."""

    def __init__(self, n_vertices, edges=(), weights=None, directed=False):
        edges = list(edges)
        if weights is None and edges and len(edges[0]) == 3:
            weights = [e[2] for e in edges]
        m = len(edges)
        src = (c_uint32 * max(m, 1))(*[e[0] for e in edges])
        dst = (c_uint32 * max(m, 1))(*[e[1] for e in edges])
        w = None
        if weights is not None:
            weights = list(weights)
            if len(weights) != m:
                raise ValueError("weights: %d values for %d edges" % (len(weights), m))
            w = (c_double * max(m, 1))(*weights)
        out = GraphP()
        km_graph_new(byref(out), n_vertices, src, dst, w, m, 1 if directed else 0, None)
        self._h = Handle(out, km_graph_free)

    def close(self):
        self._h.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def _p(self):
        return self._h.ptr

    @property
    def vertex_count(self):
        return km_graph_vertex_count(self._p)

    def __len__(self):
        return self.vertex_count

    @property
    def edge_count(self):
        return km_graph_edge_count(self._p)

    @property
    def directed(self):
        return bool(km_graph_is_directed(self._p))

    @property
    def weighted(self):
        return bool(km_graph_is_weighted(self._p))

    def __repr__(self):
        if self._h.closed:
            return "<Graph closed>"
        return "<Graph %d vertices, %d edges%s%s>" % (self.vertex_count, self.edge_count,
                                                     ", directed" if self.directed else "",
                                                     ", weighted" if self.weighted else "")

    def _per_vertex(self, ctype, fn, *args):
        n = self.vertex_count
        out = (ctype * max(n, 1))()
        fn(out, n, self._p, *args)
        return list(out[:n])

    def edges(self):
        """The merged edge list, sorted: ``[(source, target, weight), ...]``."""
        m = self.edge_count
        src, dst, w = (c_uint32 * max(m, 1))(), (c_uint32 * max(m, 1))(), (c_double * max(m, 1))()
        km_graph_edges(src, dst, w, m, self._p)
        return [(src[i], dst[i], w[i]) for i in range(m)]

    def degree(self, mode=GraphMode.ALL):
        return self._per_vertex(c_uint32, km_graph_degree, int(mode))

    def strength(self, mode=GraphMode.ALL):
        return self._per_vertex(c_double, km_graph_strength, int(mode))

    def components(self):
        """``(component number of each vertex, number of components)``."""
        n = self.vertex_count
        out, count = (c_uint32 * max(n, 1))(), c_uint32()
        km_graph_components(out, n, byref(count), self._p)
        return list(out[:n]), count.value

    def component_sizes(self):
        n = self.vertex_count
        out, count = (c_uint32 * max(n, 1))(), c_uint32()
        km_graph_component_sizes(out, n, byref(count), self._p)
        return list(out[:count.value])

    def _scalar(self, fn, *args):
        out = c_double()
        fn(byref(out), self._p, *args)
        return out.value

    def density(self):
        return self._scalar(km_graph_density)

    def clustering(self, weighted=False):
        return self._per_vertex(c_double, km_graph_clustering, 1 if weighted else 0)

    def average_clustering(self, weighted=False):
        return self._scalar(km_graph_average_clustering, 1 if weighted else 0)

    def transitivity(self):
        return self._scalar(km_graph_transitivity)

    def core_number(self):
        return self._per_vertex(c_uint32, km_graph_core_number)

    def betweenness(self, normalized=False, weighted=False, threads=0, samples=0, seed=0):
        opts = BetweennessOptions(normalized=int(bool(normalized)), weighted=int(bool(weighted)), threads=threads,
                                  samples=samples, seed=seed)
        return self._per_vertex(c_double, km_graph_betweenness, byref(opts))

    @staticmethod
    def betweenness_error_bound(n_vertices, samples, failure_probability, directed=False, normalized=False):
        out = c_double()
        km_graph_betweenness_error_bound(byref(out), n_vertices, samples, failure_probability, int(bool(directed)),
                                         int(bool(normalized)))
        return out.value

    def closeness(self, weighted=False, wf_improved=True, threads=0):
        opts = ClosenessOptions(weighted=int(bool(weighted)), wf_improved=int(bool(wf_improved)), threads=threads)
        return self._per_vertex(c_double, km_graph_closeness, byref(opts))

    def harmonic(self, weighted=False, threads=0):
        opts = ClosenessOptions(weighted=int(bool(weighted)), threads=threads)
        return self._per_vertex(c_double, km_graph_harmonic, byref(opts))

    def pagerank(self, damping=0.85, tolerance=1e-14, max_iter=1000, weighted=True):
        opts = PagerankOptions(damping=damping, tolerance=tolerance, max_iter=max_iter, weighted=int(bool(weighted)))
        return self._per_vertex(c_double, km_graph_pagerank, byref(opts))

    def eigenvector(self, tolerance=1e-14, max_iter=1000, weighted=False):
        opts = EigenvectorOptions(tolerance=tolerance, max_iter=max_iter, weighted=int(bool(weighted)))
        return self._per_vertex(c_double, km_graph_eigenvector, byref(opts))

    def constraint(self, weighted=False):
        return self._per_vertex(c_double, km_graph_constraint, 1 if weighted else 0)

    def brokerage(self, groups):
        """Gould-Fernandez brokerage counts per vertex (:data:`Brokerage`),
        ``groups`` giving each vertex's group (any ints)."""
        n = self.vertex_count
        groups = list(groups)
        g = (c_int32 * max(len(groups), 1))(*groups)
        out = (c_uint64 * max(5 * n, 1))()
        km_graph_brokerage(out, 5 * n, self._p, g, len(groups))
        return [Brokerage(*out[5 * v:5 * v + 5]) for v in range(n)]

    def _export(self, fn, name, labels, attributes):
        opts = GraphExportOptions(name=to_c(name, "export.name"))
        keep = []
        n = self.vertex_count
        if labels is not None:
            labels = list(labels)
            arr = (c_char_p * max(len(labels), 1))(*[to_c(x, "export.labels") for x in labels])
            keep.append(arr)
            opts.labels = ctypes.cast(arr, POINTER(c_char_p))
            opts.values_len = len(labels)
        if attributes:
            names = list(attributes)
            arrays = [(c_double * max(n, 1))(*attributes[k]) for k in names]
            cols = (POINTER(c_double) * len(names))(*[ctypes.cast(a, POINTER(c_double)) for a in arrays])
            name_arr = (c_char_p * len(names))(*[to_c(k, "export.attr_names") for k in names])
            keep.extend(arrays + [cols, name_arr])
            opts.attr_names = ctypes.cast(name_arr, POINTER(c_char_p))
            opts.attr_values = ctypes.cast(cols, POINTER(POINTER(c_double)))
            opts.attr_count = len(names)
            opts.values_len = len(attributes[names[0]])
        chunks = []
        cb = _writer(chunks)
        fn(self._p, byref(opts), cb, None)
        return b"".join(chunks).decode("utf-8")

    def to_dot(self, name=None, labels=None, attributes=None):
        """Graphviz DOT text; ``attributes`` maps a name to one float per vertex."""
        return self._export(km_graph_write_dot, name, labels, attributes)

    def to_gexf(self, name=None, labels=None, attributes=None):
        """GEXF 1.3 (Gephi) text."""
        return self._export(km_graph_write_gexf, name, labels, attributes)
