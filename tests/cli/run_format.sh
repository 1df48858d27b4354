#!/usr/bin/env bash
# docs/format.md is exact: tests/format/read_log.py, a reader written from
# that page alone, decodes stores of record format 2 (a fresh demo store),
# of format 1 (tests/data/compat) and of both (an old log continued), and
# finds the library's own answers: the same head hash as `verify`, and
# event by event the sequence, time, actor, entity id and field values of
# `audit`.
set -u

. "$(dirname "$0")/lib.sh" "$@"

export KEMITRAAN_TEST_CLOCK=2026-11-29T09:00+07:00
READ="$SRC/tests/format/read_log.py"

# same_as_library STORE FORMATS: read_log.py's document against the
# library's verify and audit of STORE; FORMATS is the set of record
# formats the store must hold ("1", "2" or "1 2").
same_as_library() {
    local store=$1 formats=$2
    last="read_log.py $store"
    if ! "$PY" "$READ" "$store" >indep.json 2>err; then
        bad "the independent reader refused the store"
        return
    fi
    ok
    km 0 --store "$store" --json verify && cp out verify.json
    km 0 --store "$store" --json audit && cp out audit.json
    last="compare $store"
    if "$PY" - "$formats" <<'EOF' >cmp.out 2>&1; then ok; else bad "$(head -c 600 cmp.out)"; fi
import calendar, json, re, sys
indep = json.load(open("indep.json"))
verify = json.load(open("verify.json"))
audit = json.load(open("audit.json"))["entries"]
want_formats = sorted(int(f) for f in sys.argv[1].split())
assert indep["head_hash"] == verify["head_hash"], (indep["head_hash"], verify["head_hash"])
assert indep["records"] == verify["entries_checked"], (indep["records"], verify["entries_checked"])
events = indep["events"]
assert sorted({e["format"] for e in events}) == want_formats, sorted({e["format"] for e in events})
assert len(events) == len(audit), (len(events), len(audit))

def micros(text):  # "2023-01-02T02:00:00Z" or with a fraction
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z", text)
    assert m, text
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    frac = int((m.group(7) or "0").ljust(6, "0"))
    return calendar.timegm((y, mo, d, h, mi, s)) * 1000000 + frac

for i, (e, a) in enumerate(zip(events, audit)):
    where = "event %d (seq %d)" % (i + 1, e["seq"])
    assert e["seq"] == a["seq"], where
    assert e["id"] == a["entity_id"], where
    assert e["actor"] == a["actor"], where
    assert e["time_us"] == micros(a["time"]), (where, e["time_us"], a["time"])
    values = [f[2] for f in sorted(e["fields"])]
    assert values == list(a["data"].values()), (where, values, a["data"])
print(len(events), "events alike")
EOF
}

# Format 2: a store the library writes now.
km 0 demo fresh.km
same_as_library fresh.km 2

# Format 1: the stores written before format 2 (tests/data/compat).
for s in demo opp; do
    cp "$SRC/tests/data/compat/$s.km" "old-$s.km"
    chmod u+w "old-$s.km"
    same_as_library "old-$s.km" 1
done

# Both: an old log continued by the library of today.
km 0 --store old-demo.km partner add --name "Mitra Baru" --external-id ID-NIB-FORMAT-2 --kind ngo --sector water
km 0 --store old-demo.km partner update 61 --region 32.73 --phone "+62 22 1234"
same_as_library old-demo.km "1 2"

# One form per value: the last record's last change with its payload
# length written as a two-byte varint (its frame's length and checksum made
# right, so that only the record format is broken). The independent reader
# and the library both refuse it, naming that record.
n_before=$("$PY" -c 'import json; print(json.load(open("verify.json"))["entries_checked"])')
"$PY" - "$READ" old-demo.km <<'EOF'
import importlib.util, struct, sys
spec = importlib.util.spec_from_file_location("read_log", sys.argv[1])
rl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rl)
path = sys.argv[2]
data = bytearray(open(path, "rb").read())
off, frames = 32, []
while off < len(data):
    length = struct.unpack_from("<I", data, off + 4)[0]
    frames.append((off, length))
    off += 20 + length
off, length = frames[-1]
rec = bytearray(data[off + 20:off + 20 + length])
ev = 52 + 4 + struct.unpack_from("<I", rec, 52)[0] + 4
# partner (1), update (2), id 61: one byte each; then the payload's length
assert list(rec[ev:ev + 3]) == [1, 2, 61] and rec[ev + 3] < 0x80, list(rec[ev:ev + 4])
rec[ev + 3:ev + 4] = bytes([rec[ev + 3] | 0x80, 0])
struct.pack_into("<I", data, off + 4, len(rec))
crc = rl.crc32c(bytes(rec), rl.crc32c(bytes(data[off + 4:off + 16])))
data[off + 20:off + 20 + length] = rec
struct.pack_into("<I", data, off + 16, crc)
open(path, "wb").write(data)
EOF
last="read_log.py of the altered store"
if "$PY" "$READ" old-demo.km >/dev/null 2>err; then bad "accepted"
elif grep -q "record $n_before.*not minimal" err; then ok
else bad "refused for another reason: $(cat err)"; fi
km 6 --store old-demo.km --json verify; json_eq 'd["first_bad_seq"]' "$n_before"
km 5 --store old-demo.km stats; err_has "entry $n_before"

finish
