#!/usr/bin/env bash
# run_network.sh (ctest cli.network): network (every view, measure, format
# and filter; --edges FILE without a store), match (for a partner, for a
# need, the facts behind each suggestion) and report (one JSON object with
# everything issue 8 lists; people output without machine names), end to
# end. The demo's figures may change: the checks are on structure and on
# invariants, and the measures are recomputed with NetworkX when it is
# installed.
set -u
. "$(dirname "$0")/lib.sh" "$@"

# pycheck CODE: runs Python over the document d (stdout of the last run);
# CODE sets ok = True/False and may set why.
pycheck() {
    local got
    got=$("$PY" -c '
import json, sys, math
d = json.load(open("out"))
ok, why = False, ""
exec(sys.argv[1])
print("yes" if ok else "no: " + str(why))
' "$1" 2>&1)
    if [ "$got" = "yes" ]; then ok; else bad "check failed: $got"; fi
}
# no_machine_names: people output (stdout) has no snake_case word.
no_machine_names() {
    if grep -q -E '[a-z]+_[a-z]+' out; then bad "machine name in people output: $(grep -o -E '[a-z]+_[a-z]+' out | head -3 | tr '\n' ' ')"; else ok; fi
}

export KEMITRAAN_TEST_CLOCK=2025-06-30T10:00:00+07:00
km 0 demo "$T/d.km"
unset KEMITRAAN_TEST_CLOCK
S=(--store "$T/d.km")

# ---- network: the co-agreement view (default) ---------------------------------
km 0 "${S[@]}" network; out_has "co-agreement graph"; out_has "vertices of the network"; out_has "betweenness"; no_machine_names
km 0 "${S[@]}" --lang id network --top 3; out_has "graf kerja sama"; out_has "simpul jaringan"; out_has "kedekatan"; no_machine_names
km 0 "${S[@]}" network --json; json_ok
json_eq 'd["view"]' '"co_agreement"'
json_eq 'd["directed"]' False
json_eq 'len(d["vertices"]) == d["partners"]' True
json_eq 'd["betweenness_samples"]' 0
json_eq 'd["betweenness_error_bound"]' None
pycheck 'v = d["vertices"]; ok = abs(sum(x["pagerank"] for x in v) - 1) < 5e-5 * len(v)'
pycheck 'v = d["vertices"]; ok = len({x["component"] for x in v}) == d["components"] and max(x["component_size"] for x in v) == d["largest_component"]'
pycheck 'v = d["vertices"]; ok = sum(x["degree"] for x in v) == 2 * d["ties"]'
pycheck 'v = d["vertices"]; ok = all(x["core_number"] <= x["degree"] and 0 <= x["clustering"] <= 1 for x in v)'
pycheck 'v = d["vertices"]; b = [x["betweenness"] for x in v]; ok = b == sorted(b, reverse=True)'
pycheck 'ok = set(d["vertices"][0]) >= {"partner_id","name","kind","kind_label","region","degree","strength","betweenness","closeness","harmonic","pagerank","eigenvector","constraint","clustering","core_number","component","component_size","broker_coordinator","broker_itinerant","broker_gatekeeper","broker_representative","broker_liaison"}'
# every measure sorts the table (constraint: lowest first, the brokers)
for m in degree strength betweenness closeness harmonic pagerank eigenvector clustering core_number component_size \
    broker_coordinator broker_itinerant broker_gatekeeper broker_representative broker_liaison; do
    km 0 "${S[@]}" network --measure $m --top 4 --json
    pycheck "k = [x[\"$m\"] for x in d[\"vertices\"]]; ok = len(k) == 4 and k == sorted(k, reverse=True); why = k"
done
km 0 "${S[@]}" network --measure constraint --json
pycheck 'k = [x["constraint"] for x in d["vertices"] if x["constraint"] is not None]; ok = k == sorted(k); why = k[:5]'
km 0 "${S[@]}" network --measure harmonic --top 2; out_has "harmonic"
km 0 "${S[@]}" network --top 2 --json; json_eq 'len(d["vertices"])' 2
# --measures: only those (and the sort key), the same values
km 0 "${S[@]}" network --json; cp out all.json
km 0 "${S[@]}" network --measures pagerank,core_number --measure closeness --json
pycheck '
a = {x["partner_id"]: x for x in json.load(open("all.json"))["vertices"]}
v = d["vertices"]
ok = all(set(x) >= {"degree","pagerank","core_number","closeness","component_size"} for x in v)
ok = ok and not any(k in x for x in v for k in ("betweenness","harmonic","eigenvector","clustering","broker_liaison","strength"))
ok = ok and all(x["pagerank"] == a[x["partner_id"]]["pagerank"] and x["closeness"] == a[x["partner_id"]]["closeness"] for x in v)
ok = ok and d["transitivity"] is None'
km 0 "${S[@]}" network --measures brokerage --measure degree --top 3 --json
pycheck 'ok = all("broker_liaison" in x and "betweenness" not in x for x in d["vertices"])'
km 0 "${S[@]}" network --measures brokerage --top 3; out_lacks "pagerank"; out_lacks "closeness"
km 0 "${S[@]}" network --measures betweenness --format dot; out_has "betweenness"; out_lacks "pagerank"
km 1 "${S[@]}" network --measures fame; err_has "--measures"
km 0 "${S[@]}" network --partner 10 --json; json_eq '[x["partner_id"] for x in d["vertices"]]' '[10]'
km 2 "${S[@]}" network --partner 999; err_has "999"
# --as-of (the global option): the view of that day
km 0 "${S[@]}" --as-of 2024-06-30 network --json; json_eq 'd["as_of"]' '"2024-06-30"'
km 0 "${S[@]}" network --json --as-of 2023-01-01; json_eq 'd["ties"]' 0
# --date: the view of another day on the current records (a future day)
km 0 "${S[@]}" network --date 2031-01-01 --json; json_eq 'd["as_of"]' '"2031-01-01"'; json_eq 'd["partners"]' 60
km 0 "${S[@]}" network --date 2031-01-01 --json --involved; pycheck 'ok = all(x["degree"] > 0 for x in d["vertices"])' 
km 0 "${S[@]}" network --date 2025-06-30 --any-state --json; json_eq 'd["as_of"]' '"2025-06-30"'
km 1 "${S[@]}" network --date 2025-02-30; err_has "--date"
# weights: --unweighted makes the strength the degree; --weight value is money
km 0 "${S[@]}" network --unweighted --json
pycheck 'ok = all(abs(x["strength"] - x["degree"]) < 1e-9 for x in d["vertices"])'
km 0 "${S[@]}" network --weight value --json; json_eq 'd["currency"]' '"IDR"'
pycheck 'ok = all(isinstance(x["strength"], str) and "." in x["strength"] for x in d["vertices"])'
km 0 "${S[@]}" network --weight value --top 3 --measure strength; out_has "Rp"
km 0 "${S[@]}" --lang id network --weight value --top 3 --measure strength; out_has "Rp"; out_has ",00"
# filters narrow the selection of agreements
km 0 "${S[@]}" network --json; all_agr=$("$PY" -c 'import json; print(json.load(open("out"))["agreements"])')
km 0 "${S[@]}" network --family public_private --json
pycheck "ok = 0 < d['agreements'] < $all_agr; why = d['agreements']"
km 0 "${S[@]}" network --any-state --json
pycheck "ok = d['agreements'] > $all_agr; why = d['agreements']"
km 0 "${S[@]}" network --status completed,terminated --json
pycheck "ok = 0 < d['agreements'] < $all_agr + 20; why = d['agreements']"
km 0 "${S[@]}" network --region 32.73 --json; pycheck "ok = d['agreements'] <= $all_agr"
km 0 "${S[@]}" network --type 1 --json; json_ok
km 0 "${S[@]}" network --involved --json
pycheck 'ok = 0 < d["partners"] < 60 and all(x["degree"] > 0 for x in d["vertices"]); why = d["partners"]'
# brokerage by region instead of kind: the open two-paths are the same, shared differently
km 0 "${S[@]}" network --json --measure degree; cp out kind.json
km 0 "${S[@]}" network --json --measure degree --group-by region --segments 2
pycheck '
roles = ["broker_coordinator","broker_itinerant","broker_gatekeeper","broker_representative","broker_liaison"]
k = {x["partner_id"]: x for x in json.load(open("kind.json"))["vertices"]}
ok = all(sum(x[r] for r in roles) == sum(k[x["partner_id"]][r] for r in roles) for x in d["vertices"])
ok = ok and any(x["broker_liaison"] != k[x["partner_id"]]["broker_liaison"] for x in d["vertices"])'
# sampled betweenness: the error bound
km 0 "${S[@]}" network --samples 10 --seed 7 --json; json_eq 'd["betweenness_samples"]' 10
pycheck 'ok = d["betweenness_error_bound"] > 0'
km 0 "${S[@]}" network --samples 10 --seed 7; out_has "betweenness error bound"
km 3 "${S[@]}" network --samples 1; err_has "samples"

# ---- network: the resource-flow view (directed, money) -------------------------
km 0 "${S[@]}" network --view resource-flow --json
json_eq 'd["view"]' '"resource_flow"'
json_eq 'd["directed"]' True
json_eq 'd["currency"]' '"IDR"'
pycheck 'v = d["vertices"]; ok = sum(x["in_degree"] for x in v) == sum(x["out_degree"] for x in v) == d["ties"] > 0'
pycheck 'ok = all(x["degree"] == x["in_degree"] + x["out_degree"] for x in d["vertices"])'
km 0 "${S[@]}" network --view resource-flow; out_has "resource-flow graph"; out_has "in-degree"; out_has "out-degree"; no_machine_names
km 0 "${S[@]}" network --view resource-flow --flow disbursed --format edges --json
pycheck 'e = d["edges"]; ok = len(e) == d["ties"] and all(isinstance(x["weight"], str) for x in e) and all(x["source_id"] != x["target_id"] for x in e)'
cp out flow_dis.json
km 0 "${S[@]}" network --view resource-flow --flow committed --format edges --json
pycheck '
dis = {(x["source_id"], x["target_id"]): float(x["weight"]) for x in json.load(open("flow_dis.json"))["edges"]}
com = {(x["source_id"], x["target_id"]): float(x["weight"]) for x in d["edges"]}
ok = all(k in com and dis[k] <= com[k] + 1e-6 for k in dis); why = (dis, com)'
km 0 "${S[@]}" network --view resource-flow --format edges; out_has "source"; out_has "Rp"
km 0 "${S[@]}" network --view resource-flow --format dot; out_has "digraph"; out_has "->"; out_has "weight"
km 3 "${S[@]}" network --view resource-flow --currency usd; err_has "currency"
km 0 "${S[@]}" network --view resource-flow --currency USD --json; json_eq 'd["ties"]' 0

# ---- network: the bipartite view (agreement vertices) ---------------------------
km 0 "${S[@]}" network --view bipartite --json
json_eq 'd["view"]' '"bipartite"'
json_eq 'len(d["vertices"]) == d["partners"] + d["agreements"]' True
pycheck '
v = d["vertices"]
p = [x for x in v if x["partner_id"] is not None]; a = [x for x in v if x["agreement_id"] is not None]
ok = len(p) == d["partners"] and len(a) == d["agreements"] and all(x["agreement_id"] is None for x in p)
ok = ok and sum(x["degree"] for x in p) == sum(x["degree"] for x in a) == d["ties"]
ok = ok and all(x["kind"] is None and x["clustering"] == 0 for x in a)'
aid=$("$PY" -c 'import json; print([x["agreement_id"] for x in json.load(open("out"))["vertices"] if x["agreement_id"]][0])')
km 0 "${S[@]}" network --view bipartite --agreement "$aid" --json; json_eq '[x["agreement_id"] for x in d["vertices"]]' "[$aid]"
km 2 "${S[@]}" network --view bipartite --agreement 99999
km 1 "${S[@]}" network --agreement "$aid"; err_has "--view bipartite"
km 0 "${S[@]}" network --view bipartite --top 5; out_has "agreement id"; no_machine_names
km 0 "${S[@]}" network --view bipartite --format gexf
if "$PY" -c '
import xml.etree.ElementTree as ET, sys
r = ET.parse("out").getroot(); ns = {"g": "http://gexf.net/1.3"}
n = r.findall(".//g:node", ns); e = r.findall(".//g:edge", ns)
sys.exit(0 if len(n) > 60 and len(e) > 0 else 1)'; then ok; else bad "the bipartite GEXF does not read back"; fi
km 0 "${S[@]}" network --format dot; out_has "graph \"co_agreement\""; out_has "label="; out_has "eigenvector"

# ---- network --edges FILE: an analyst's own graph, no store ---------------------
printf '# a path\na b\nb,c\n\nc\td\n' >path.txt
km 0 network --edges path.txt --json
json_eq 'd["vertex_count"]' 4
json_eq 'd["ties"]' 3
json_eq 'd["weighted"]' False
json_eq '[x["name"] for x in d["vertices"]][:2]' '["b", "c"]'
json_eq '[x["betweenness"] for x in d["vertices"]][:2]' '[0.6667, 0.6667]'
json_eq '{x["name"]: x["closeness"] for x in d["vertices"]}["a"]' 0.5
json_eq '{x["name"]: x["harmonic"] for x in d["vertices"]}["a"]' 1.8333
json_eq 'd["density"]' 0.5
km 0 network --edges path.txt --format edges --json; json_eq '[(x["source"], x["target"]) for x in d["edges"]]' '[["a", "b"], ["b", "c"], ["c", "d"]]'
printf 'x y 2.5\ny z 1\nz x 0.5\nx y 1\n' >tri.txt
km 0 network --edges tri.txt --json; json_eq 'd["weighted"]' True; json_eq 'd["ties"]' 3; json_eq 'd["transitivity"]' 1.0
json_eq '{x["name"]: x["strength"] for x in d["vertices"]}' '{"x": 4.0, "y": 4.5, "z": 1.5}'
km 0 network --edges tri.txt --directed --json; json_eq 'd["directed"]' True
json_eq '{x["name"]: (x["in_degree"], x["out_degree"]) for x in d["vertices"]}' '{"x": [1, 1], "y": [1, 1], "z": [1, 1]}'
km 0 network --edges tri.txt --format dot; out_has "graph \"edges\""; out_has "label=\"x\""
km 0 network --edges tri.txt --format gexf; out_has "<gexf"
km 0 network --edges tri.txt; out_has "vertices"; out_has "strength"; no_machine_names
printf 'p q\nq r\n' | "$KM" network --edges - --json >out 2>err; json_eq 'd["vertex_count"]' 3
: >empty.txt
km 0 network --edges empty.txt --json; json_eq 'd["vertex_count"]' 0; json_eq 'd["vertices"]' '[]'
km 2 network --edges "$T/nope.txt"; err_has "nope.txt"
printf 'a b\nb c 2\n' >mixed.txt
km 3 network --edges mixed.txt; err_has "mixed.txt line 2"
printf 'a b 0\n' >zero.txt
km 3 network --edges zero.txt; err_has "zero.txt line 1"
printf 'a b nan\n' >nan.txt
km 3 network --edges nan.txt; err_has "nan"
printf 'a b c d\n' >four.txt
km 3 network --edges four.txt
km 1 network --edges tri.txt --view bipartite; err_has "--edges"
km 1 network --edges tri.txt --family public_private; err_has "--edges"
km 1 network --edges tri.txt --as-of 2025-01-01; err_has "--edges"
km 1 network --edges tri.txt --date 2025-01-01; err_has "--date"
km 1 "${S[@]}" network --directed; err_has "--edges"

# ---- network: usage and store errors --------------------------------------------
km 1 "${S[@]}" network --view star; err_has "--view"
km 1 "${S[@]}" network --format svg; err_has "--format"
km 1 "${S[@]}" network --measure fame; err_has "--measure"
km 1 "${S[@]}" network --top x; err_has "--top"
km 1 "${S[@]}" network --top; err_has "--top"
km 1 "${S[@]}" network --weight heavy
km 1 "${S[@]}" network --flow sideways
km 1 "${S[@]}" network --group-by colour
km 1 "${S[@]}" network --status bogus; err_has "--status"
km 1 "${S[@]}" network --family bogus; err_has "--family"
km 1 "${S[@]}" network --unknown; err_has "--unknown"
km 1 "${S[@]}" network extra; err_has "extra"
km 3 "${S[@]}" network --region 3x; err_has "region"
km 3 "${S[@]}" network --group-by region --segments 9; err_has "segments"
km 1 network; err_has "store"
km 5 --store "$T/missing.km" network
cp "$T/d.km" "$T/ro.km"; chmod 444 "$T/ro.km"
km 0 --store "$T/ro.km" --read-only network --top 1 --json; json_eq 'len(d["vertices"])' 1
km 0 --store "$T/ro.km" match 24 --limit 1 --json; json_ok
km 0 --store "$T/ro.km" report --json; json_ok
km 0 network --help; out_has "--view"; out_has "--edges"; out_has "Example"

# ---- NetworkX: the measures of two views and of an edge list -------------------
if "$PY" -c 'import networkx' 2>/dev/null; then
    km 0 "${S[@]}" network --unweighted --json; cp out co_unw.json
    km 0 "${S[@]}" network --json; cp out co_w.json
    km 0 "${S[@]}" network --format edges --json; cp out co_edges.json
    km 0 "${S[@]}" network --view resource-flow --unweighted --json; cp out fl_unw.json
    km 0 "${S[@]}" network --view resource-flow --format edges --json; cp out fl_edges.json
    "$PY" - <<'EOF' >nx.out 2>&1
import json, math, networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
bad = []
def graph(table, edges, directed, key, weighted):
    G = nx.DiGraph() if directed else nx.Graph()
    ids = [x["partner_id"] for x in table["vertices"]]
    G.add_nodes_from(ids)
    for e in edges["edges"]:
        w = float(e["weight"])
        G.add_edge(e["source_id"], e["target_id"], weight=w)
    return G, {x["partner_id"]: x for x in table["vertices"]}
def near(a, b, what):
    if a is None and (b is None or (isinstance(b, float) and math.isnan(b))): return
    if a is None or abs(a - b) > 6e-5 * max(1.0, abs(b)):
        bad.append("%s: %s vs networkx %s" % (what, a, b))
def check(name, table, edges, directed, weighted):
    G, v = graph(table, edges, directed, None, weighted)
    w = "weight" if weighted else None
    if weighted: # the tie-strength measures that read the weights (no NumPy needed)
        ref = {"pagerank": _pagerank_python(G, weight=w, tol=1e-14, max_iter=1000),
               "eigenvector": nx.eigenvector_centrality(G, weight=w, tol=1e-14, max_iter=1000),
               "strength": dict(G.degree(weight="weight"))}
        for m, r in ref.items():
            for p, x in v.items(): near(x[m], r[p], "%s %s partner %s" % (name, m, p))
        return G
    ref = {
        "degree": dict(G.degree()),
        "betweenness": nx.betweenness_centrality(G, normalized=True),
        "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G),
        "pagerank": _pagerank_python(G, weight=w, tol=1e-14, max_iter=1000),
        "core_number": nx.core_number(G),
    }
    if not directed:
        ref["clustering"] = nx.clustering(G)
        ref["eigenvector"] = nx.eigenvector_centrality(G, weight=w, tol=1e-14, max_iter=1000)
    for m, r in ref.items():
        for p, x in v.items(): near(x[m], r[p], "%s %s partner %s" % (name, m, p))
    near(table["density"], nx.density(G), name + " density")
    comps = nx.number_weakly_connected_components(G) if directed else nx.number_connected_components(G)
    near(table["components"], comps, name + " components")
    if not directed:
        near(table["transitivity"], nx.transitivity(G), name + " transitivity")
        near(table["average_clustering"], nx.average_clustering(G), name + " average clustering")
    return G
L = lambda f: json.load(open(f))
check("co-agreement", L("co_unw.json"), L("co_edges.json"), False, False)
check("co-agreement weighted", L("co_w.json"), L("co_edges.json"), False, True)
check("resource-flow", L("fl_unw.json"), L("fl_edges.json"), True, False)
print("\n".join(bad[:10]) if bad else "agree")
EOF
    if grep -q '^agree$' nx.out; then ok; else bad "network measures differ from NetworkX: $(head -5 nx.out)"; fi
    # an analyst's edge list: the Florentine families
    "$PY" -c '
import networkx as nx
for u, v in nx.florentine_families_graph().edges(): print(u.replace(" ", "_"), v.replace(" ", "_"))' >flor.txt
    km 0 network --edges flor.txt --json
    if "$PY" - <<'EOF'; then ok; else bad "the Florentine families differ from NetworkX"; fi
import json, networkx as nx, sys
d = json.load(open("out"))
G = nx.Graph()
for l in open("flor.txt"):
    a, b = l.split(); G.add_edge(a, b)
ref = {"betweenness": nx.betweenness_centrality(G), "closeness": nx.closeness_centrality(G),
       "eigenvector": nx.eigenvector_centrality(G, tol=1e-14, max_iter=1000), "clustering": nx.clustering(G),
       "core_number": nx.core_number(G), "harmonic": nx.harmonic_centrality(G)}
for x in d["vertices"]:
    for m, r in ref.items():
        if abs(x[m] - r[x["name"]]) > 6e-5 * max(1, abs(r[x["name"]])): sys.exit("%s %s" % (m, x["name"]))
sys.exit(0 if abs(d["transitivity"] - nx.transitivity(G)) < 6e-5 else 1)
EOF
else
    echo "networkx is not installed: the NetworkX cross-checks are skipped"
fi

# ---- match --------------------------------------------------------------------------
M=(--store "$T/m.km")
km 0 init "${M[@]}"
km 0 "${M[@]}" partner add --name "Dinas PU Kota" --external-id ID-TEST-1 --kind regional_government --region 32.73 --need water-treatment --sector water --json
km 0 "${M[@]}" partner add --name "PT Air Bersih" --external-id ID-TEST-2 --kind private_business --region 32.73.01 --capability water-treatment --capability pipes --sector water --json
km 0 "${M[@]}" partner add --name "Yayasan Air" --external-id ID-TEST-3 --kind ngo --region 31 --capability water-treatment --json
km 0 "${M[@]}" partner add --name "Koperasi Kopi" --external-id ID-TEST-4 --kind community --region 32.73 --capability coffee --json
km 0 "${M[@]}" match --need water-treatment --json
json_eq 'd["partner_id"]' None
json_eq 'd["needs"]' '["water-treatment"]'
json_eq '[x["candidate_id"] for x in d["suggestions"]][:2]' '[2, 3]'
json_eq '[x["tags_matched"] for x in d["suggestions"]][:2]' '[1, 1]'
json_eq 'd["suggestions"][0]["capability"]' 1.0
pycheck 'ok = set(d["suggestions"][0]) >= {"candidate_id","name","kind","score","capability","sector","region","network","track_record","disputes","suspended","tags_matched","sectors_matched","region_segments","common_neighbours","distance","completed_agreements","open_disputes","evaluation_permille","reasons"}'
pycheck 's = [x["score"] for x in d["suggestions"]]; ok = s == sorted(s, reverse=True)'
km 0 "${M[@]}" match --need water-treatment --sector water --region 32.73 --json
json_eq '[x["candidate_id"] for x in d["suggestions"]][0]' 2
json_eq 'd["suggestions"][0]["region_segments"]' 2
json_eq 'd["suggestions"][0]["sectors_matched"]' 1
json_eq 'd["suggestions"][0]["evaluation_permille"]' None
km 0 "${M[@]}" match --need water-treatment,pipes --json; json_eq 'd["suggestions"][0]["tags_matched"]' 2
km 0 "${M[@]}" match --need water-treatment --need pipes --json; json_eq 'd["needs"]' '["water-treatment", "pipes"]'
# on behalf of a partner: it is not a candidate
km 0 "${M[@]}" match 2 --need water-treatment --json; json_eq 'd["partner_id"]' 2
json_eq '2 in [x["candidate_id"] for x in d["suggestions"]]' False
# for a partner (its own needs)
km 0 "${M[@]}" match 1 --json; json_eq '[x["candidate_id"] for x in d["suggestions"]][0]' 2
km 0 "${M[@]}" match --need water-treatment --kind ngo --json; json_eq '[x["candidate_id"] for x in d["suggestions"]]' '[3]'
km 0 "${M[@]}" match --need water-treatment --limit 1 --json; json_eq 'len(d["suggestions"])' 1
km 0 "${M[@]}" match --need water-treatment --min-score 0.3 --json
pycheck 'ok = all(x["score"] > 0.3 for x in d["suggestions"])'
km 0 "${M[@]}" match --need water-treatment --region 32.73; out_has "why"; out_has "capabilities matched: 1"; out_has "region segments in common: 2"; no_machine_names
km 0 "${M[@]}" --lang id match --need water-treatment --region 32.73; out_has "alasan"; out_has "kemampuan cocok: 1"; no_machine_names
km 0 "${S[@]}" match 24 --json; pycheck 'ok = len(d["suggestions"]) > 0 and all(x["reasons"] for x in d["suggestions"])'
km 0 "${S[@]}" match 24 --include-existing --include-suspended --limit 0 --json; json_ok
km 1 "${M[@]}" match; err_has "PARTNER"
km 1 "${M[@]}" match --need ""; err_has "--need"
km 1 "${M[@]}" match --need a,,b; err_has "--need"
km 1 "${M[@]}" match 1 --kind bogus; err_has "--kind"
km 1 "${M[@]}" match 1 --limit x; err_has "--limit"
km 1 "${M[@]}" match 1 --min-score abc; err_has "--min-score"
km 1 "${M[@]}" match 1 2; err_has "2"
km 1 "${M[@]}" match x; err_has "x"
km 2 "${M[@]}" match 99; err_has "99"
km 2 "${M[@]}" match 99 --need water-treatment
km 3 "${M[@]}" match --need water-treatment --region 3x; err_has "region"
km 3 "${M[@]}" match 1 --min-score nan; err_has "min_score"
km 1 match 1; err_has "store"

# ---- report -------------------------------------------------------------------------
km 0 "${S[@]}" report --as-of 2025-12-31 --json
json_eq 'type(d).__name__' '"dict"'
json_eq 'd["as_of"]' '"2025-12-31"'
pycheck 'ok = set(d) >= {"agreements_by_family","totals","overdue_milestones","overdue_tranches","reports_due","reports_missing","reports_late","overdue_reports","disputes_open","disputes_overdue","overdue_disputes","network_score","health_index","scores_by_dimension","most_central_betweenness","most_central_pagerank","most_isolated"}; why = sorted(d)'
pycheck '
st = ["draft","proposed","signed","active","suspended","completed","terminated","expired","cancelled"]
ok = len(d["agreements_by_family"]) == 4 and all(r["total"] == sum(r[s] for s in st) for r in d["agreements_by_family"])'
pycheck 'idr = [t for t in d["totals"] if t["currency"] == "IDR"][0]; ok = all(k in idr for k in ("committed","disbursed","outstanding")) and float(idr["disbursed"]) <= float(idr["committed"])'
pycheck 'ok = all(m["due_date"] < "2025-12-31" for m in d["overdue_milestones"]) and all(t["days_overdue"] > 0 for t in d["overdue_tranches"])'
pycheck 'r = d["overdue_reports"]; ok = sum(x["reports_missing"] for x in r) == d["reports_missing"] and sum(x["reports_late"] for x in r) == d["reports_late"]'
pycheck 'ok = d["disputes_overdue"] == len(d["overdue_disputes"]) and d["disputes_overdue"] <= d["disputes_open"]'
pycheck 'ok = [x["dimension"] for x in d["scores_by_dimension"]] == ["innovation","efficiency","impact","sustainability","public_trust"]'
pycheck 'b = [x["betweenness"] for x in d["most_central_betweenness"]]; ok = len(b) == 5 and b == sorted(b, reverse=True)'
pycheck 'p = [x["pagerank"] for x in d["most_central_pagerank"]]; ok = len(p) == 5 and p == sorted(p, reverse=True)'
pycheck 'i = d["most_isolated"]; ok = len(i) == 5 and all(x["component_size"] <= y["component_size"] for x, y in zip(i, i[1:]))'
# the report's network agrees with network as of the same day
cp out rep.json
km 0 "${S[@]}" --as-of 2025-12-31 network --json
pycheck 'r = json.load(open("rep.json")); top = d["vertices"][0]; ok = r["most_central_betweenness"][0]["partner_id"] == top["partner_id"]'
km 0 "${S[@]}" report --as-of 2025-12-31; out_has "agreements by family and status"; out_has "committed"; out_has "missing and late reports by responsible partner"
out_has "overdue disputes"; out_has "scores by benefit dimension"; out_has "most isolated partners"; no_machine_names
km 0 "${S[@]}" --lang id report --as-of 2025-12-31; out_has "diusulkan"; out_has "dibatalkan"; out_has "id komitmen"; out_has "Rp"; no_machine_names
out_lacks "proposed"; out_lacks "cancelled"
km 1 "${S[@]}" report --as-of 2025-13-01
km 1 "${S[@]}" report extra
km 1 report; err_has "store"
# the demo's report is the same object
export KEMITRAAN_TEST_CLOCK=2025-06-30T10:00:00+07:00
km 0 --json demo "$T/d2.km"
unset KEMITRAAN_TEST_CLOCK
json_eq 'type(d["report"]).__name__' '"dict"'
json_eq 'd["report"]["as_of"]' '"2025-12-31"'
pycheck 'r = json.load(open("rep.json")); ok = sorted(r) == sorted(d["report"]); why = set(r) ^ set(d["report"])'

finish
