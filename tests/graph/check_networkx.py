#!/usr/bin/env python3
"""graph.networkx: every measure of kemitraan's graph engine against NetworkX.

    check_networkx.py GRAPH_MEASURES [WORK_DIR]

GRAPH_MEASURES is the tests/graph/graph_measures program. For each graph
below the script writes the edge list (the workload exchange format, with a
weight column when weighted), runs the program, and compares every value
with NetworkX to 1e-9 (absolute, or relative for values above 1). Brokerage
has no NetworkX counterpart and is checked against a direct enumeration of
the Gould-Fernandez definition written here. The DOT and GEXF exports are
read back (GEXF by NetworkX's reader, DOT by Graphviz when it is installed).

Graphs: the Florentine families, Zachary's karate club (unweighted and with
its 'weight'), Les Miserables (with 'weight', and unweighted), seeded G(n,p)
random graphs (undirected and directed; unweighted, integer weights with
many tied path lengths, and real weights), and a graph with isolated
vertices and several components.

NetworkX 3.6 computes PageRank with SciPy and weighted clustering with
NumPy; without them (the pyenv python3 of the build machine has neither)
the script uses NetworkX's pure-Python PageRank (the same iteration) and
gives weighted clustering a two-function stand-in for numpy.cbrt/.sum.

Exit status: 0 all equal, 1 a mismatch, 77 NetworkX missing (ctest SKIP).
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import types
import xml.etree.ElementTree as ET

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed: skipping")
    sys.exit(77)

TOL = 1e-9
failures = []
checked = 0
worst = {}


def close(a, b):
    if a is None or b is None:
        return a is b
    if isinstance(b, float) and math.isnan(b):
        return isinstance(a, float) and math.isnan(a)
    if isinstance(a, float) and math.isnan(a):
        return False
    return abs(a - b) <= TOL * max(1.0, abs(b))


def compare(graph, name, ours, ref):
    """ours: list indexed by vertex; ref: dict vertex -> value (or list)."""
    global checked
    n = len(ours)
    bad = []
    err = 0.0
    for v in range(n):
        r = ref[v]
        checked += 1
        if not close(ours[v], r):
            bad.append((v, ours[v], r))
        elif not (isinstance(r, float) and math.isnan(r)):
            err = max(err, abs(ours[v] - r) / max(1.0, abs(r)))
    worst[name] = max(worst.get(name, 0.0), err)
    if bad:
        failures.append("%s: %s: %d of %d differ, e.g. vertex %d: ours %r, networkx %r"
                        % (graph, name, len(bad), n, bad[0][0], bad[0][1], bad[0][2]))


def compare_scalar(graph, name, ours, ref):
    global checked
    checked += 1
    if not close(ours, ref):
        failures.append("%s: %s: ours %r, networkx %r" % (graph, name, ours, ref))
    else:
        worst[name] = max(worst.get(name, 0.0), abs(ours - ref) / max(1.0, abs(ref)))


class _Cbrts(list):
    def sum(self):
        return sum(self)


def numpy_or_stand_in():
    """NetworkX's weighted clustering calls numpy.cbrt(list).sum()."""
    try:
        import numpy  # noqa: F401
        return None
    except ImportError:
        shim = types.ModuleType("numpy")
        shim.cbrt = lambda xs: _Cbrts(math.cbrt(x) for x in xs)
        return shim


def weighted_clustering(G):
    shim = numpy_or_stand_in()
    if shim is None:
        return nx.clustering(G, weight="weight")
    sys.modules["numpy"] = shim
    try:
        return nx.clustering(G, weight="weight")
    finally:
        del sys.modules["numpy"]


def pagerank(G, weight):
    kw = dict(alpha=0.85, tol=1e-13, max_iter=100000, weight=weight)
    try:
        import scipy  # noqa: F401
        return nx.pagerank(G, **kw)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(G, **kw)


def constraint(G, weight):
    """nx.constraint, except that NetworkX gives NaN to a directed vertex
    with predecessors but no successors (it tests len(G[v]), the
    successors); kemitraan defines it there too, with NetworkX's own
    local_constraint over all neighbours."""
    from networkx.algorithms.structuralholes import local_constraint
    c = nx.constraint(G, weight=weight)
    if G.is_directed():
        for v in G:
            nbrs = set(nx.all_neighbors(G, v))
            if math.isnan(c[v]) and nbrs:
                c[v] = sum(local_constraint(G, v, u, weight=weight) for u in nbrs)
    return c


ROLE = {"coordinator": 0, "itinerant": 1, "gatekeeper": 2, "representative": 3, "liaison": 4}


def brokerage_by_hand(G, groups):
    """Gould-Fernandez: every open two-path a -> b -> c (a, b, c distinct,
    no arc a -> c) is brokered by b; an undirected edge is two arcs."""
    D = G if G.is_directed() else G.to_directed()
    res = {v: [0] * 5 for v in G}
    for b in D:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if c == a or D.has_edge(a, c):
                    continue
                ga, gb, gc = groups[a], groups[b], groups[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gc:
                    role = "itinerant"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gb:
                    role = "representative"
                else:
                    role = "liaison"
                res[b][ROLE[role]] += 1
    return res


def splitmix64_pivots(n, k, seed):
    """The pivot sample documented in docs/graph.md: partial Fisher-Yates
    over 0..n-1 driven by splitmix64 seeded with `seed`."""
    mask = (1 << 64) - 1
    state = seed & mask
    perm = list(range(n))
    for i in range(k):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        r = i + z % (n - i)
        perm[i], perm[r] = perm[r], perm[i]
    return perm[:k]


class FixedSample(random.Random):
    """Hands NetworkX's betweenness_centrality(k=...) our pivots."""

    def __init__(self, pivots):
        super().__init__(0)
        self.pivots = pivots

    def sample(self, population, k):
        assert k == len(self.pivots)
        return list(self.pivots)


def write_edges(G, path, weighted):
    lines = ["# N=%d M=0 edges=%d%s" % (G.number_of_nodes(), G.number_of_edges(),
                                         " directed" if G.is_directed() else "")]
    for u, v, d in G.edges(data=True):
        if weighted:
            lines.append("%d %d %r" % (u, v, float(d["weight"])))
        else:
            lines.append("%d %d" % (u, v))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def canonical_components(G):
    comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    comps = sorted((sorted(c) for c in comps), key=lambda c: c[0])
    label = {}
    for i, c in enumerate(comps):
        for v in c:
            label[v] = i
    return label, [len(c) for c in comps]


def check_exports(name, G, weighted, res, dot_path, gexf_path):
    global checked
    n = G.number_of_nodes()
    # GEXF: NetworkX reads it back with labels, attributes and weights.
    H = nx.read_gexf(gexf_path, node_type=int)
    checked += 1
    if H.is_directed() != G.is_directed() or H.number_of_nodes() != n or \
            H.number_of_edges() != G.number_of_edges():
        failures.append("%s: GEXF read back as %r" % (name, H))
        return
    for v in range(n):
        d = H.nodes[v]
        want = 'v%d "q" <&> \\N \u00e9' % v
        if d.get("label") != want:
            failures.append("%s: GEXF label of %d is %r, want %r" % (name, v, d.get("label"), want))
            break
        if not close(d["betweenness"], res["betweenness"][v]) or \
                not close(d['page "rank" <&>'], res["pagerank_weighted" if weighted else "pagerank"][v]):
            failures.append("%s: GEXF attributes of %d: %r" % (name, v, d))
            break
    for u, v, d in G.edges(data=True):
        w = float(d["weight"]) if weighted else None
        if not H.has_edge(u, v) or (weighted and not close(float(H[u][v]["weight"]), w)):
            failures.append("%s: GEXF edge %d-%d missing or weight differs" % (name, u, v))
            break
    ET.parse(gexf_path)
    # DOT: Graphviz (if installed) must parse it and keep every node,
    # edge, label and attribute.
    dot = shutil.which("dot")
    if not dot:
        return
    out = subprocess.run([dot, "-Tjson0", dot_path], capture_output=True, text=True)
    checked += 1
    if out.returncode != 0:
        failures.append("%s: Graphviz rejects the DOT export: %s" % (name, out.stderr.strip()))
        return
    doc = json.loads(out.stdout)
    objs = doc.get("objects", [])
    edges = doc.get("edges", [])
    if len(objs) != n or len(edges) != G.number_of_edges():
        failures.append("%s: DOT read back with %d nodes, %d edges" % (name, len(objs), len(edges)))
        return
    for o in objs:
        v = int(o["name"])
        want = 'v%d "q" <&> \\\\N \u00e9' % v  # escString: a backslash stays doubled
        if o.get("label") != want or not close(float(o["betweenness"]), res["betweenness"][v]):
            failures.append("%s: DOT node %d read back as label %r, betweenness %r"
                            % (name, v, o.get("label"), o.get("betweenness")))
            return


def check_graph(exe, work, name, G, weighted, groups=None, samples=0, seed=1):
    """G has integer nodes 0..n-1 (edge attribute 'weight' when weighted)."""
    global checked
    n = G.number_of_nodes()
    assert sorted(G.nodes()) == list(range(n))
    path = os.path.join(work, name + ".txt")
    write_edges(G, path, weighted)
    cmd = [exe, "--threads", "2", path]
    if groups is not None:
        gpath = os.path.join(work, name + ".groups")
        with open(gpath, "w") as f:
            f.write("\n".join(str(groups[v]) for v in range(n)) + "\n")
        cmd[1:1] = ["--groups", gpath]
    if samples:
        cmd[1:1] = ["--samples", str(samples), "--seed", str(seed)]
    dot_path = os.path.join(work, name + ".dot")
    gexf_path = os.path.join(work, name + ".gexf")
    cmd[1:1] = ["--dot", dot_path, "--gexf", gexf_path]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        failures.append("%s: graph_measures failed: %s" % (name, out.stderr.strip()))
        return
    res = json.loads(out.stdout)
    W = "weight" if weighted else None
    directed = G.is_directed()

    compare_scalar(name, "edges", res["m"], G.number_of_edges())
    compare(name, "degree", res["degree"], dict(G.degree()))
    compare(name, "strength", res["strength"], dict(G.degree(weight=W)))
    if directed:
        compare(name, "in_degree", res["in_degree"], dict(G.in_degree()))
        compare(name, "out_degree", res["out_degree"], dict(G.out_degree()))
        compare(name, "in_strength", res["in_strength"], dict(G.in_degree(weight=W)))
        compare(name, "out_strength", res["out_strength"], dict(G.out_degree(weight=W)))
    label, sizes = canonical_components(G)
    compare(name, "components", res["components"], label)
    compare_scalar(name, "component_count", res["component_count"], len(sizes))
    compare(name, "component_sizes", res["component_sizes"], sizes)
    compare_scalar(name, "density", res["density"], nx.density(G))
    compare(name, "clustering", res["clustering"], nx.clustering(G))
    compare_scalar(name, "average_clustering", res["average_clustering"], nx.average_clustering(G))
    if weighted:
        wc = weighted_clustering(G)
        compare(name, "clustering_weighted", res["clustering_weighted"], wc)
        compare_scalar(name, "average_clustering_weighted", res["average_clustering_weighted"],
                       sum(wc.values()) / n)
    compare_scalar(name, "transitivity", res["transitivity"],
                   nx.transitivity(G.to_undirected() if directed else G))
    compare(name, "core_number", res["core_number"], nx.core_number(G))

    compare(name, "betweenness", res["betweenness"], nx.betweenness_centrality(G, normalized=False))
    compare(name, "betweenness_normalized", res["betweenness_normalized"], nx.betweenness_centrality(G))
    if weighted:
        compare(name, "betweenness_weighted", res["betweenness_weighted"],
                nx.betweenness_centrality(G, normalized=False, weight="weight"))
        compare(name, "betweenness_weighted_normalized", res["betweenness_weighted_normalized"],
                nx.betweenness_centrality(G, normalized=True, weight="weight"))
    if samples:
        pivots = splitmix64_pivots(n, samples, seed)
        ref = nx.betweenness_centrality(G, k=samples, normalized=False, seed=FixedSample(pivots))
        compare(name, "betweenness_sampled", res["betweenness_sampled"], ref)
        ref = nx.betweenness_centrality(G, k=samples, normalized=True, seed=FixedSample(pivots))
        compare(name, "betweenness_sampled_normalized", res["betweenness_sampled_normalized"], ref)
        # The 95% Hoeffding bound per vertex (docs/graph.md); loose enough
        # that every vertex of these graphs is within it.
        bound = res["betweenness_sampled_bound_95"]
        want = math.sqrt(math.log(2 / 0.05) / (2 * (samples - 1))) * (n - 1) * (n - 2) / (1 if directed else 2)
        compare_scalar(name, "betweenness_sampled_bound", bound, want)
        exact = res["betweenness"]
        far = [v for v in range(n) if abs(res["betweenness_sampled"][v] - exact[v]) > bound]
        checked += 1
        if far:
            failures.append("%s: sampled betweenness outside its 95%% bound at %d vertices" % (name, len(far)))

    compare(name, "closeness", res["closeness"], nx.closeness_centrality(G))
    compare(name, "closeness_plain", res["closeness_plain"], nx.closeness_centrality(G, wf_improved=False))
    compare(name, "harmonic", res["harmonic"], nx.harmonic_centrality(G))
    if weighted:
        compare(name, "closeness_weighted", res["closeness_weighted"],
                nx.closeness_centrality(G, distance="weight"))
        compare(name, "harmonic_weighted", res["harmonic_weighted"], nx.harmonic_centrality(G, distance="weight"))

    compare(name, "pagerank", res["pagerank"], pagerank(G, None))
    compare(name, "eigenvector", res["eigenvector"],
            nx.eigenvector_centrality(G, max_iter=100000, tol=1e-13))
    if weighted:
        compare(name, "pagerank_weighted", res["pagerank_weighted"], pagerank(G, "weight"))
        compare(name, "eigenvector_weighted", res["eigenvector_weighted"],
                nx.eigenvector_centrality(G, max_iter=100000, tol=1e-13, weight="weight"))

    compare(name, "constraint", res["constraint"], constraint(G, None))
    if weighted:
        compare(name, "constraint_weighted", res["constraint_weighted"], constraint(G, "weight"))

    if groups is not None:
        ref = brokerage_by_hand(G, groups)
        checked += n
        for v in range(n):
            if res["brokerage"][v] != ref[v]:
                failures.append("%s: brokerage of %d: ours %r, by hand %r" % (name, v, res["brokerage"][v], ref[v]))
                break
    check_exports(name, G, weighted, res, dot_path, gexf_path)
    print("ok   %-28s n=%-3d m=%-4d %s%s" % (name, n, G.number_of_edges(), "directed " if directed else "",
                                            "weighted" if weighted else ""))


def integers(G):
    return nx.convert_node_labels_to_integers(G, ordering="sorted")


def gnp(n, p, seed, directed=False, weights=None):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    rng = random.Random(seed + 1000)
    for u, v in G.edges():
        if weights == "int":
            G[u][v]["weight"] = rng.randint(1, 4)  # many tied path lengths
        elif weights == "real":
            G[u][v]["weight"] = rng.uniform(0.5, 3.0)
    return G


def unweighted(G):
    H = G.__class__()
    H.add_nodes_from(G)
    H.add_edges_from(G.edges())
    return H


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    base = sys.argv[2] if len(sys.argv) > 2 else None
    if base:
        os.makedirs(base, exist_ok=True)
    work = tempfile.mkdtemp(prefix="km-networkx-", dir=base)
    rng = random.Random(5)

    flor = integers(nx.florentine_families_graph())
    # Groups for brokerage: three made-up factions.
    check_graph(exe, work, "florentine", flor, False, groups=[v % 3 for v in range(flor.number_of_nodes())],
                samples=5, seed=3)
    karate = nx.karate_club_graph()
    clubs = [0 if karate.nodes[v]["club"] == "Mr. Hi" else 1 for v in karate]
    check_graph(exe, work, "karate", unweighted(karate), False, groups=clubs, samples=10, seed=9)
    check_graph(exe, work, "karate_weighted", karate, True, groups=[v % 4 for v in karate])
    les = integers(nx.les_miserables_graph())
    check_graph(exe, work, "les_miserables_weighted", les, True, groups=[v % 5 for v in les], samples=20, seed=42)
    check_graph(exe, work, "les_miserables", unweighted(les), False)
    g = gnp(60, 0.08, 7)
    check_graph(exe, work, "gnp", g, False, groups=[rng.randrange(3) for _ in g], samples=12, seed=7)
    check_graph(exe, work, "gnp_int_weights", gnp(60, 0.08, 8, weights="int"), True)
    check_graph(exe, work, "gnp_real_weights", gnp(60, 0.1, 9, weights="real"), True)
    d = gnp(50, 0.07, 11, directed=True)
    check_graph(exe, work, "digraph_gnp", d, False, groups=[rng.randrange(3) for _ in d], samples=10, seed=5)
    d = gnp(50, 0.08, 12, directed=True, weights="int")
    check_graph(exe, work, "digraph_gnp_int_weights", d, True, groups=[rng.randrange(4) for _ in d])
    check_graph(exe, work, "digraph_gnp_real_weights", gnp(40, 0.1, 13, directed=True, weights="real"), True)
    sparse = gnp(45, 0.04, 21)  # isolated vertices, several components
    check_graph(exe, work, "gnp_sparse", sparse, False, groups=[v % 2 for v in sparse])

    for name in sorted(worst):
        print("  max error %-34s %.3g" % (name, worst[name]))
    if failures:
        print("\n".join("FAIL " + f for f in failures))
        print("%d passed, %d failed" % (checked - len(failures), len(failures)))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("%d passed, 0 failed" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
