#!/usr/bin/env bash
# cli.load: `kemitraan load` (format kemitraan-script-1) and the demo's data
# file examples/demo-network.json (docs/cli.md, "load", "demo").
set -u
. "$(dirname "$0")/lib.sh" "$@"

EX="$SRC/examples/demo-network.json"

# head hash and log entries of a store
head_of() { "$KM" --store "$1" stats --json | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(d["head_hash"], d["log_entries"])'; }
# the store is unchanged since $before
same_store() {
    if [ "$(head_of "$1")" = "$before" ]; then ok; else last="store unchanged after: $last"; bad "the store changed"; fi
}

# ---- the demo's data file ---------------------------------------------------
km 0 init --store ex.km
# the demo signs for every partner: an administrator loads it
km 7 --store ex.km load "$EX"; err_has 'examples/demo-network.json: step 69: agreement.sign: actor "cli-test" may not sign'
km 0 --store ex.km --lang en --actor admin:test load "$EX"
out_has "steps                   : 1318"; out_has "log entries             : 1318"; out_has "partners                : 60"
out_has "title                   : Provinsi Parahyangan Raya (fiktif), 2023-2025"
km 0 --store ex.km export
# the issue's facts
json_eq 'len(d["partners"])' 60
json_eq 'sorted(set(p["kind"] for p in d["partners"]))' '["academic", "community", "foundation", "international", "ministry", "ngo", "private_business", "regional_government", "state_enterprise"]'
json_eq 'len(d["agreements"])' 40
json_eq 'sorted(set(a["family"] for a in d["agreements"]))' '["community_government", "international", "nonprofit_government", "public_private"]'
json_eq 'len(set(a["framework_id"] for a in d["agreements"] if a["framework_id"]))' 4
json_eq '[f["allowed_types"] for f in d["frameworks"] if f["id"] == 1]' '[["ppp"]]'
json_eq 'len([a for a in d["agreements"] if a["type"] == "ppp"])' 4
json_eq 'sorted(set(a["status"] for a in d["agreements"]))' '["active", "cancelled", "completed", "draft", "expired", "proposed", "suspended", "terminated"]'
json_eq '[i["sector"] for i in d["frameworks"][0]["incentives"]]' '["water", null, null]'
json_eq '[i["region"] for i in d["frameworks"][1]["incentives"]]' '["32"]'
json_eq 'len(d["commitments"])' 22
json_eq 'sorted(set(c["kind"] for c in d["commitments"]))' '["grant", "in_kind", "loan", "viability_gap_funding"]'
json_eq 'sum(len(c["tranches"]) for c in d["commitments"]) > 50' True
json_eq 'sum(1 for c in d["commitments"] for e in c["ledger"] if e["type"] == "disbursement") > 50' True
json_eq 'len(d["disputes"])' 2
json_eq '[x["status"] for x in d["disputes"]]' '["closed", "filed"]'
json_eq 'len(d["indicators"])' 36
json_eq 'len(d["measurements"]) > 200' True
json_eq 'sorted(set(m["period_start"][:4] for m in d["measurements"]))' '["2023", "2024", "2025"]'
cp out ex-export.json
km 0 --store ex.km commitment list --kind loan --json; json_eq 'd["count"]' 2
loan=$("$PY" -c 'import json; print([c["id"] for c in json.load(open("out"))["commitments"] if c["amount"] == "25000000000.00"][0])')
km 0 --store ex.km commitment loan "$loan" --date 2025-12-31 --json; json_ok
km 0 --store ex.km dispute show 1 --json; out_has "mediat"
km 0 --store ex.km verify --json; json_eq 'd["intact"]' True
# the entities' times come from "at": the first partner on 2 January 2023, 09:00 WIB
km 0 --store ex.km partner show 1 --json; json_eq 'd["created"]' '"2023-01-02T02:00:00Z"'
# time travel sees the story as it happened
km 0 --store ex.km --as-of 2023-06-30 stats --json; json_eq 'd["agreements"] < 40' True; json_eq 'd["disputes"]' 0

# the same store as the demo builds: same export, and the same log with the demo's actor
km 0 demo demo.km
km 0 --store demo.km export
if cmp -s out ex-export.json; then ok; else last="demo vs load"; bad "export of the demo differs from export of the loaded file"; fi
km 0 init --store ex2.km
km 0 --store ex2.km --actor admin:demo@parahyangan.go.id --json load "$EX"
json_eq 'd["head_hash"]' "\"$(head_of demo.km | cut -d' ' -f1)\""
# deterministic: two loads give the same store, byte for byte
km 0 init --store ex3.km
km 0 --store ex3.km --actor admin:demo@parahyangan.go.id load "$EX"
if cmp -s ex2.km ex3.km; then ok; else last="load determinism"; bad "two loads differ"; fi
# --one-entry: one transaction, one log entry, every change stamped with the first step's time
km 0 init --store one.km
km 0 --store one.km --actor admin:test --json load --one-entry "$EX"
json_eq 'd["log_entries"]' 1; json_eq 'd["steps"]' 1318; json_eq 'd["partners"]' 60; json_eq 'd["measurements"]' 221
km 0 --store one.km dispute show 2 --json; json_eq 'd["status"]' '"filed"'
km 0 --store one.km agreement show 40 --json; json_eq 'd["created"]' '"2023-01-02T02:00:00Z"'
km 0 --store one.km verify --json; json_eq 'd["intact"]' True
# standard input; Indonesian summary
km 0 init --store in.km
last="kemitraan load - (stdin)"
"$KM" --store in.km --lang id --actor admin:test load - <"$EX" >out 2>err
if grep -q 'langkah' out && grep -q '1318' out; then ok; else bad "Indonesian summary from stdin"; fi

# ---- small scripts ------------------------------------------------------------
cat >s1.json <<'EOF'
{"format": "kemitraan-script-1", "title": "uji", "steps": [
  {"at": "2025-03-03T08:00:00+07:00", "as": "dinkes", "note": "a comment",
   "cmd": ["partner", "add", "--name", "Dinas Kesehatan", "--external-id", "ID-X-1", "--kind", "regional_government", "--email", "info@dinkes.go.id"]},
  {"as": "lsm", "cmd": ["partner", "add", "--name", "@@LSM Gizi", "--external-id", "ID-X-2", "--kind", "ngo"]},
  {"at": "2025-03-04", "as": "hibah", "cmd": ["agreement", "add", "--title", "Hibah", "--reference", "H/1", "--type", "grant",
     "--start", "2025-04-01", "--end", "2025-12-31", "--party", "@dinkes:funding,accountable", "--party", "@lsm:implementing"]},
  {"cmd": ["agreement", "propose", "@hibah"]}
]}
EOF
# into a store that already holds a partner: the names resolve to the new ids
km 0 init --store s.km
kme "KEMITRAAN_TEST_CLOCK=2025-03-01T08:00" 0 --store s.km partner add --name Lama --external-id ID-OLD-1 --kind ngo
# --dry-run: counts and head hash from the rehearsal, nothing written
before=$(head_of s.km)
km 0 --store s.km --json load s1.json --dry-run
json_eq 'd["dry_run"]' True; json_eq 'd["partners"]' 2; json_eq 'd["log_entries"]' 4
dry_head=$("$PY" -c 'import json; print(json.load(open("out"))["head_hash"])')
same_store s.km
km 0 --store s.km --json load s1.json
json_eq 'd["head_hash"]' "\"$dry_head\""
json_eq 'd["steps"]' 4; json_eq 'd["partners"]' 2; json_eq 'd["agreements"]' 1; json_eq 'd["log_entries"]' 4; json_eq 'd["dry_run"]' False
km 0 --store s.km agreement show 1 --json
json_eq 'sorted(p["partner_id"] for p in d["party_list"])' '[2, 3]'
json_eq 'd["status"]' '"proposed"'
km 0 --store s.km partner show 3 --json; json_eq 'd["name"]' '"@LSM Gizi"'; json_eq 'd["created"]' '"2025-03-03T01:00:00Z"'
km 0 --store s.km partner show 2 --json; json_eq 'd["email"]' '"info@dinkes.go.id"'
km 0 --store s.km agreement show 1 --json; json_eq 'd["created"]' '"2025-03-03T17:00:00Z"'
# the rehearsal is a real run: the same file again fails (external ids taken)
before=$(head_of s.km)
km 4 --store s.km load s1.json; err_has "s1.json: step 1: "
same_store s.km
# entry times never go back: into a store whose last change is later, a step gets that time
km 0 init --store late.km
kme "KEMITRAAN_TEST_CLOCK=2026-05-01T10:00" 0 --store late.km partner add --name A --external-id ID-NIB-1 --kind ngo
printf '{"format": "kemitraan-script-1", "steps": [{"at": "2025-01-01T09:00:00+07:00", "cmd": ["partner", "add", "--name", "B", "--external-id", "ID-NIB-2", "--kind", "ngo"]}]}' >late.json
km 0 --store late.km load late.json
km 0 --store late.km partner show 2 --json; json_eq 'd["created"]' '"2026-05-01T03:00:00Z"'
# an empty script
printf '{"format": "kemitraan-script-1", "steps": []}' >empty.json
km 0 --store s.km --json load empty.json; json_eq 'd["steps"]' 0; json_eq 'd["log_entries"]' 0

# ---- bad files: the store is never touched -------------------------------------
before=$(head_of s.km)
bad_file() { # WANT FILE MESSAGE
    km "$1" --store s.km load "$2"; err_has "$3"; same_store s.km
}
printf 'not json' >b1.json;                                  bad_file 3 b1.json "b1.json:1:1: invalid JSON"
printf '{"format": "kemitraan-export-1", "steps": []}' >b2.json; bad_file 3 b2.json '"format" must be "kemitraan-script-1"'
printf '{"format": "kemitraan-script-1"}' >b3.json;          bad_file 3 b3.json 'the field "steps" is required'
printf '{"format": "kemitraan-script-1", "steps": [],\n "extra": 1}' >b4.json; bad_file 3 b4.json 'b4.json:2:11: unknown field "extra"'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["partner", "add"], "comand": 1}]}' >b5.json; bad_file 3 b5.json 'unknown field "comand"'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["nosuch", "add"]}]}' >b6.json; bad_file 1 b6.json 'b6.json: step 1: unknown command "nosuch"'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["partner", "list"]}]}' >b7.json; bad_file 1 b7.json 'kemitraan: b7.json: step 1: kemitraan partner list only reads'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["partner", "add", "--nmae", "x"]}]}' >b8.json; bad_file 1 b8.json 'step 1: unknown option --nmae'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["partner", "add", "--json"]}]}' >b9.json; bad_file 1 b9.json 'step 1: unknown option --json'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["load", "x.json"]}]}' >b10.json; bad_file 1 b10.json 'cannot run from a data file'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["init"]}]}' >b10b.json; bad_file 1 b10b.json 'b10b.json: step 1: kemitraan init cannot run from a data file'
printf '{"format": "kemitraan-script-1", "steps": [{"as": "x", "cmd": ["agreement", "expire-due", "--date", "2025-01-01"]}]}' >b10c.json
bad_file 3 b10c.json 'b10c.json: step 1: kemitraan agreement expire-due prints no id for "as"'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["agreement", "propose", "@nobody"]}]}' >b11.json; bad_file 3 b11.json '"@nobody" is not named by an earlier step'
# a name used before the step that gives it
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["agreement", "propose", "@later"]},\n{"as": "later", "cmd": ["partner", "add", "--name", "x", "--external-id", "ID-L", "--kind", "ngo"]}]}' >b12.json
bad_file 3 b12.json 'b12.json:1:77: "@later" is not named'
printf '{"format": "kemitraan-script-1", "steps": [{"as": "a", "cmd": ["partner", "add", "--name", "x", "--external-id", "ID-A1", "--kind", "ngo"]}, {"as": "a", "cmd": ["partner", "add", "--name", "y", "--external-id", "ID-A2", "--kind", "ngo"]}]}' >b13.json
bad_file 3 b13.json 'the name "a" is already taken'
printf '{"format": "kemitraan-script-1", "steps": [{"as": "a b", "cmd": ["partner", "add"]}]}' >b14.json; bad_file 3 b14.json 'an "as" name must be'
printf '{"format": "kemitraan-script-1", "steps": [{"at": "2025-13-01", "cmd": ["partner", "add"]}]}' >b15.json; bad_file 3 b15.json '"at" is not an ISO 8601 time: 2025-13-01'
printf '{"format": "kemitraan-script-1", "steps": [{"at": "2025-02-01", "cmd": ["agreement", "expire-due", "--date", "2025-01-01"]}, {"at": "2025-01-01", "cmd": ["agreement", "expire-due", "--date", "2025-01-01"]}]}' >b16.json
bad_file 3 b16.json '"at" is earlier than the step before'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": []}]}' >b17.json;  bad_file 3 b17.json '"cmd" must not be empty'
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["partner", 5]}]}' >b18.json; bad_file 3 b18.json '"cmd" must be an array of strings'
printf '{"format": "kemitraan-script-1", "steps": ["partner add"]}' >b19.json; bad_file 3 b19.json '"steps" must be an array of objects'
printf '[1, 2]' >b20.json;                                  bad_file 3 b20.json 'b20.json: must be a JSON object'
# a step the library refuses in the middle: nothing of the steps before it is written
cat >b21.json <<'EOF'
{"format": "kemitraan-script-1", "steps": [
  {"as": "p", "cmd": ["partner", "add", "--name", "Baru", "--external-id", "ID-NEW-1", "--kind", "ngo"]},
  {"cmd": ["partner", "add", "--name", "Baru 2", "--external-id", "ID-NEW-2", "--kind", "ngo"]},
  {"cmd": ["agreement", "add", "--title", "T", "--reference", "R/9", "--type", "grant", "--start", "2025-12-31", "--end", "2025-01-01", "--party", "@p:funding"]},
  {"cmd": ["partner", "add", "--name", "Baru 3", "--external-id", "ID-NEW-3", "--kind", "ngo"]}
]}
EOF
bad_file 3 b21.json 'b21.json: step 3: '
km 2 --store s.km partner show --external-id ID-NEW-1
km 3 --store s.km load --one-entry b21.json; err_has 'b21.json: step 3: '; same_store s.km
km 2 --store s.km partner show --external-id ID-NEW-1
# an id that does not exist (exit 2) and a state the library refuses (exit 4)
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["agreement", "propose", "99"]}]}' >b22.json; bad_file 2 b22.json 'b22.json: step 1: '
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["agreement", "activate", "1"]}]}' >b23.json; bad_file 4 b23.json 'b23.json: step 1: '
# a malformed value: the command's own usage error
printf '{"format": "kemitraan-script-1", "steps": [{"cmd": ["agreement", "propose", "x1"]}]}' >b24.json; bad_file 1 b24.json 'b24.json: step 1: '

# ---- the JSON reader's limits -------------------------------------------------------
head -c 300 "$EX" >trunc.json;                               bad_file 3 trunc.json "invalid JSON: unterminated string"
head -c 2000 "$EX" | head -n 5 >trunc2.json;                 bad_file 3 trunc2.json "invalid JSON: unexpected end of input"
"$PY" -c 'print("{\"format\": \"kemitraan-script-1\", \"steps\": [], \"title\": " + "["*70 + "]"*70 + "}")' >deep.json
bad_file 3 deep.json "invalid JSON: nested too deeply"
"$PY" -c 'print("["*100000)' >deeper.json;                   bad_file 3 deeper.json "nested too deeply"
printf '{"format": "kemitraan-script-1", "title": "\xc3\x28", "steps": []}' >utf.json; bad_file 3 utf.json "utf.json:1:44: invalid JSON: invalid UTF-8"
printf '{"format": "kemitraan-script-1", "title": "\xed\xa0\x80", "steps": []}' >sur.json; bad_file 3 sur.json "invalid UTF-8"
printf '{"format": "kemitraan-script-1", "title": "\xc0\xaf", "steps": []}' >over.json; bad_file 3 over.json "invalid UTF-8"
printf '{"format": "kemitraan-script-1", "title": "\\ud800", "steps": []}' >esc.json; bad_file 3 esc.json "unpaired surrogate"
printf '{"format": "kemitraan-script-1", "title": "a\\u0000b", "steps": []}' >nul.json; bad_file 3 nul.json "u0000 is not allowed"
printf '{"format": "kemitraan-script-1", "steps": [], "n": 9223372036854775808}' >big.json; bad_file 3 big.json "integer out of range"
printf '{"format": "kemitraan-script-1", "steps": [], "n": 1e999999}' >big2.json; bad_file 3 big2.json 'unknown field "n"'
printf '{"format": "kemitraan-script-1", "format": "x", "steps": []}' >dup.json; bad_file 3 dup.json "duplicate member name"
printf '{"format": "kemitraan-script-1", "steps": []} x' >trail.json; bad_file 3 trail.json "unexpected text after the JSON value"
printf '\xef\xbb\xbf{"format": "kemitraan-script-1", "steps": []}' >bom.json; bad_file 3 bom.json "byte order mark"
printf '{"format": "kemitraan-script-1", "title": "a\tb", "steps": []}' >ctl.json; bad_file 3 ctl.json "control character inside a string"
printf '{"format": "kemitraan-script-1", "steps": [], "title": 01}' >lead.json; bad_file 3 lead.json "leading zero"
printf '{"format": "kemitraan-script-1", "steps": []}\0' >nulb.json; bad_file 3 nulb.json "NUL byte"
: >zero.json;                                                bad_file 3 zero.json "unexpected end of input"
# the Indonesian words
km 3 --store s.km --lang id load b2.json; err_has '"format" harus "kemitraan-script-1"'
km 1 --store s.km --lang id load b7.json; err_has 'b7.json: langkah 1: kemitraan partner list hanya membaca'

# ---- the file, the store, the command line --------------------------------------------
km 2 --store s.km load nosuch.json; err_has "cannot read nosuch.json"
mkdir adir; km 5 --store s.km load adir; err_has "cannot read adir"
km 1 --store s.km load; err_has "FILE"
km 1 --store s.km load a.json b.json
km 1 --store s.km load s1.json --nosuch
km 5 --store nostore.km load s1.json
km 1 --as-of 2025-01-01 --store s.km load s1.json
cp "$EX" ro-src.json
km 0 init --store ro.km
chmod 444 ro.km
if [ "$(id -u)" -ne 0 ]; then km 5 --store ro.km load s1.json; else ok; fi
chmod 644 ro.km
before=$(head_of ro.km)
km 5 --store ro.km --read-only load s1.json; err_has "s1.json: step 1: "; same_store ro.km
km 5 --store ro.km --read-only load --one-entry s1.json; same_store ro.km
km 0 --store ro.km --json load --one-entry s1.json; json_eq 'd["log_entries"]' 1; json_eq 'd["partners"]' 2
km 0 load --help; out_has "kemitraan-script-1"; out_has "kemitraan --store jabar.km --actor admin:budi load examples/demo-network.json"
km 0 --lang id load --help; out_has "gladi"

finish
