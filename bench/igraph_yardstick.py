#!/usr/bin/env python3
"""igraph yardstick for `kmbench graph`: times python-igraph on an edge list
in the shared workload's exchange format, in its own process (igraph is
GPL: kemitraan never links it, it only measures against it).

    igraph_yardstick.py EDGE_FILE [--repeat R] [--values FILE]

Prints one JSON object: the sizes, and the median seconds of R runs of each
measure (betweenness runs once unless --repeat-betweenness says otherwise).
With --values, writes the exact betweenness (unnormalised, each pair once)
and then the PageRank of every vertex, one number per line, for kmbench to
compare with its own results.

Needs python3-igraph (Debian); run it with /usr/bin/python3. Exits 77 if
igraph cannot be imported.
"""
import json
import statistics
import sys
import time

try:
    import igraph
except ImportError:
    print(json.dumps({"error": "python-igraph is not installed"}))
    sys.exit(77)


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    path = args[0]
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 5
    repeat_bc = int(args[args.index("--repeat-betweenness") + 1]) if "--repeat-betweenness" in args else 1
    values = args[args.index("--values") + 1] if "--values" in args else None

    with open(path) as f:
        header = f.readline().split()
        n = int(next(h for h in header if h.startswith("N="))[2:])
        edges = [tuple(map(int, line.split()[:2])) for line in f if line.strip() and not line.startswith("#")]

    t_build, g = timed(lambda: igraph.Graph(n=n, edges=edges, directed=False), repeat)
    t_comp, comps = timed(lambda: g.connected_components(), repeat)
    t_pr, pr = timed(lambda: g.pagerank(damping=0.85, directed=False), repeat)
    t_bc, bc = timed(lambda: g.betweenness(directed=False), repeat_bc)
    sizes = comps.sizes()
    if values:
        with open(values, "w") as f:
            f.write("\n".join(repr(x) for x in bc) + "\n")
            f.write("\n".join(repr(x) for x in pr) + "\n")
    print(json.dumps({
        "igraph": igraph.__version__,
        "n": g.vcount(),
        "edges": g.ecount(),
        "components": len(sizes),
        "giant": max(sizes) if sizes else 0,
        "build_s": t_build,
        "components_s": t_comp,
        "pagerank_s": t_pr,
        "betweenness_s": t_bc,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
