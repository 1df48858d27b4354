#!/usr/bin/env bash
# Stores written by the library before log record format 2 and snapshot
# format 5, and before snapshot format 6 (tests/data/compat/README.md):
# opened from their snapshot and by
# replaying their log, they answer exactly what the library that wrote them
# answered (SHA-256 of its --json audit, export and stats); a change appended
# to such a log is written in the current format and the mixed log verifies,
# replays and snapshots.
set -u

. "$(dirname "$0")/lib.sh" "$@"

export KEMITRAAN_TEST_CLOCK=2026-11-29T09:00+07:00
DATA=$SRC/tests/data/compat

# What the tool of commit d5ae1ee printed for each store (demo5: of commit
# 1ecb17a; the same demo, so the same audit and export).
declare -A GOLD=(
    [demo.audit]=d7bf81e7f63eb4279cd7582ff265cc3cb491bf197d2e0a7d3f43370fe4bfc34f
    [demo.export]=5f5be0ee60495227d59a170dcfc94a9ace1f3dafb5b4b6b07b78083d66ac143c
    [demo.stats]=5ff2905fa31862c66ce7d7359ef3f1309794ab38f0c0f360282aa827a82250fa
    [opp.audit]=e5b685279e3c9837514cfd5e7cb0d0c49a01089e815d3d9de3a6788d71b8948e
    [opp.export]=1d5d1f61d5e6a72e2f84ade02820be966c1185bc3d0d71db76ffdfe813f3e60c
    [opp.stats]=cc738c9c8eaac6b889d55fe3728d3484912e1b940f0d0e28fcd08d66977daa50
    [demo5.audit]=d7bf81e7f63eb4279cd7582ff265cc3cb491bf197d2e0a7d3f43370fe4bfc34f
    [demo5.export]=5f5be0ee60495227d59a170dcfc94a9ace1f3dafb5b4b6b07b78083d66ac143c
    [demo5.stats]=86116d4200ee07c266572df1a422ddd1a5b8dd0451998c04dc0a4e8dbb93f177
)

digest() { sha256sum out | cut -d' ' -f1; }
# stats without the store's path, which differs from the run that wrote GOLD
stats_digest() {
    "$PY" -c 'import json; d = json.load(open("out")); d.pop("store"); print(json.dumps(d, sort_keys=True))' | sha256sum |
        cut -d' ' -f1
}
same() { # same NAME GOT
    if [ "$2" = "${GOLD[$1]}" ]; then ok; else bad "$1: digest $2, expected ${GOLD[$1]}"; fi
}

# answers NAME PATH: the three answers of store PATH against NAME's goldens.
answers() {
    km 0 --store "$2" --json audit && same "$1.audit" "$(digest)"
    km 0 --store "$2" --json export && same "$1.export" "$(digest)"
    km 0 --store "$2" --json stats && same "$1.stats" "$(stats_digest)"
    km 0 --store "$2" --json verify && json_eq 'd["intact"] and d["opens"]' True
}

# record_format PATH first|last: the record format of the store's first or
# last change, as the independent reader (tests/format/read_log.py)
# decodes it.
record_format() {
    "$PY" "$SRC/tests/format/read_log.py" "$1" |
        "$PY" -c 'import json, sys; e = json.load(sys.stdin)["events"]; print(e[0 if sys.argv[1] == "first" else -1]["format"])' "$2"
}

for s in demo opp demo5; do
    # From the snapshot (format 4; demo5: 5), then by replaying the log
    # (format 1; demo5: 2).
    mkdir -p "snap/$s" "replay/$s"
    cp "$DATA/$s.km" "$DATA/$s.km-snap" "snap/$s/"
    cp "$DATA/$s.km" "replay/$s/"
    chmod u+w "snap/$s"/* "replay/$s"/*
    answers "$s" "snap/$s/$s.km"
    answers "$s" "replay/$s/$s.km"
done

# The snapshot is what answered above: with the first record's bytes
# altered (a file store checks the frames before the snapshot's entry only
# when it replays them), the store still answers the same from its
# snapshot, and refuses to open without it.
mkdir tampered
for s in demo demo5; do
    cp "$DATA/$s.km" "$DATA/$s.km-snap" tampered/
    chmod u+w tampered/*
    "$PY" - "tampered/$s.km" <<'EOF'
import sys
p = sys.argv[1]
d = bytearray(open(p, "rb").read())
at = d.find(b"Parahyangan Raya")
assert 0 < at < 400, at
d[at] = ord("Q")
open(p, "wb").write(d)
EOF
    km 0 --store "tampered/$s.km" --json export && same "$s.export" "$(digest)"
    rm "tampered/$s.km-snap"
    km 5 --store "tampered/$s.km" --json export; err_has "entry 1"
done

# A change appended to a log of format 1 is written in format 2; the mixed
# log verifies and replays, and a snapshot of it (format 6) opens to the
# same answers.
L=replay/demo/demo.km
out_eq() { if [ "$(record_format "$L" "$1")" = "$2" ]; then ok; else bad "$1 record of $L has format $(record_format "$L" "$1"), expected $2"; fi; }
last="record formats"; out_eq first 1; out_eq last 1
km 0 --store "$L" --json partner add --name "Mitra Sesudah Format 2" --external-id ID-NIB-COMPAT-2 --kind ngo \
    --region 32.73 --sector water --sector health
json_eq 'd["id"]' 61
last="record formats"; out_eq first 1; out_eq last 2
km 0 --store "$L" --json verify; json_eq 'd["intact"] and d["opens"]' True; json_eq 'd["entries_checked"]' 1319
km 0 --store "$L" --json partner show 61; json_eq 'd["sectors"]' '["water", "health"]'
json_eq 'd["region"]' '"32.73"'
km 0 --store "$L" --json audit --from-seq 1319
json_eq '[e["data"]["name"] for e in d["entries"]]' '["Mitra Sesudah Format 2"]'
json_eq 'd["entries"][0]["data"]["sectors"]' '["water", "health"]'
before=none
km 0 --store "$L" --json export && before=$(digest)
km 0 --store "$L" snapshot
km 0 --store "$L" --json export
if [ "$(digest)" = "$before" ]; then ok; else bad "export after the snapshot differs"; fi
"$PY" -c 'import sys; d = open(sys.argv[1], "rb").read(); at = d.find(b"KMSS"); assert at >= 0 and d[at + 4] == 6' "$L-snap" &&
    ok || bad "the new snapshot is not of format 6"
finish
