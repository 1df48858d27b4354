#!/usr/bin/env bash
# End-to-end tests of the kemitraan command-line tool (docs/cli.md).
#
#   tests/cli/run.sh path/to/kemitraan
#
# Runs the binary in a scratch directory (under $KM_TEST_TMPDIR when set)
# and checks its output and exit codes, good input and bad: unknown
# commands and options, malformed numbers and dates, a missing store, a
# read-only store, a store corrupted on purpose, JSON output, Indonesian
# and English, time travel. Every change is stamped by a fixed clock
# (KEMITRAAN_TEST_CLOCK), so the expected times are exact.
#
# KM_CLI_VALGRIND=1 runs every invocation under valgrind (exit 87 on an
# error or a definite leak). The last line is "N passed, N failed"; the exit
# status is 0 only when nothing failed.
set -u

. "$(dirname "$0")/lib.sh" "$@"

S=$T/jabar.km
CLOCK() { echo "KEMITRAAN_TEST_CLOCK=$1"; }

# ---------------------------------------------------------------------------
# Help, version, usage errors
# ---------------------------------------------------------------------------
km 0 --version; out_has "kemitraan 0."
km 0 --help; out_has "partner add"; out_has "--as-of DATE|TIME"; out_has "verify"
km 0 help partner add; out_has "--external-id ID"
km 0 partner --help; out_has "partner archive"
for c in init stats verify audit snapshot labels; do
    km 0 "$c" --help; out_has "Example:"
done
for c in add show list update status archive count; do
    km 0 partner "$c" --help; out_has "Example:"; out_has "kemitraan partner $c"
done
km 0 partner list --help --lang id; out_has "Contoh:"; out_has "Opsi umum"
km 1; err_has "a command is needed"
km 1 frobnicate; err_has 'unknown command "frobnicate"'
km 1 partner; err_has "needs a command"
km 1 partner frob; err_has 'unknown partner command "frob"'
km 1 --store "$S" partner list --frob; err_has "unknown option --frob"
km 1 --store "$S" stats --kind ngo; err_has "unknown option --kind"
km 1 --store "$S" partner list --limit; err_has "option --limit needs a value"
km 1 --store "$S" partner list --json=yes; err_has "option --json takes no value"
km 1 --lang fr stats; err_has '--lang: "fr" is not one of: id, en'
km 1 --store "$S" --sync sometimes stats; err_has "--sync"
km 1 stats; err_has "no store given"
km 1 --lang id stats; err_has "penyimpanan belum diberikan"
km 1 -x; err_has "unknown option -x"
km 1 -; err_has 'unknown command "-"'
km 1 --; err_has "a command is needed"
km 1 --store "$S" partner list -; err_has 'unexpected argument "-"'

# ---------------------------------------------------------------------------
# Missing store, init
# ---------------------------------------------------------------------------
km 5 --store "$T/nope.km" stats; err_has "does not exist"
km 5 --store "$T/nope.km" --lang id partner list; err_has "tidak ada"
km 5 --store "$T/nope.km" verify; err_has "does not exist"
km 5 --store "$T/nope.km" partner add --name X --external-id ID-X-1 --kind ngo
km 5 --store "$T/no/such/dir/x.km" init; err_has "cannot create"
km 0 --store "$S" init; out_has "$S"; out_has "log entries : 0"
km 4 --store "$S" init; err_has "already exists"
km 4 --store "$S" init --json
KEMITRAAN_STORE=$S km 0 stats --json; json_ok; json_eq 'd["log_entries"]' 0
km 1 --store "$S" init extra; err_has 'unexpected argument "extra"'

# ---------------------------------------------------------------------------
# Partners (each change at a fixed time: WIB = UTC+7)
# ---------------------------------------------------------------------------
export KEMITRAAN_STORE=$S
KEMITRAAN_TEST_CLOCK=2025-03-03T23:30:00+07:00 km 0 partner add --name "Dinas Kesehatan Kota Bandung" \
    --external-id ID-KEMENDAGRI-32.73-DINKES --kind regional_government --region 32.73 \
    --email dinkes@bandung.go.id --sector health --sector ict --need data-analytics
out_has "id                     : 1"; out_has "Regional government"; out_has "health, ict"
KEMITRAAN_TEST_CLOCK=2025-03-04T00:30:00+07:00 km 0 partner add --json --name "Lembaga Advokasi Gizi Masyarakat" \
    --external-id ID-AHU-AHU-0098765.AH.01.07 --kind 5 --region 32.04 --capability community-outreach
json_ok; json_eq 'd["id"]' 2; json_eq 'd["kind"]' '"ngo"'; json_eq 'd["created"]' '"2025-03-03T17:30:00Z"'
KEMITRAAN_TEST_CLOCK=2025-03-05T09:00:00Z km 0 --actor admin@jabar.go.id partner add \
    --name "Institut Teknologi Parahyangan" --external-id ID-PDDIKTI-041234 --kind Academic \
    --region 32.73 --sector health --capability research --need grant-funding --website https://itp.ac.id
KEMITRAAN_TEST_CLOCK=2025-03-05T10:00:00Z km 0 partner add --name "Agence Méditerranée-Asie pour le Développement" \
    --external-id FR-RCS-775665599 --kind international --sector water-sanitation

# Rejected input: the library's message names the field; nothing is written.
km 4 partner add --name "Dinas Lain" --external-id ID-KEMENDAGRI-32.73-DINKES --kind regional_government
err_has "external_id"
km 3 partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind ngo --email x@
err_has 'partner.email: "x@" is not a valid e-mail address'
km 3 --lang id partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind ngo --email x@
err_has "partner.email"; err_has "bukan alamat"
km 3 partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind ngo --region 99.99.99.99.99
err_has "partner.region"
km 3 partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind 99; err_has "partner.kind"
km 3 partner add --external-id ID-AHU-123 --kind ngo; err_has "partner.name"
km 3 partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind ngo --sector "Not A Tag"; err_has "sector"
km 1 partner add --name "LSM Gizi" --external-id ID-AHU-123; err_has "missing --kind"
km 1 partner add --name "LSM Gizi" --external-id ID-AHU-123 --kind charity
err_has '--kind: "charity" is not one of: ministry, government_agency, regional_government'
km 0 partner count; out_is 4

# show
km 0 partner show 1; out_has "Dinas Kesehatan Kota Bandung"; out_has "03 Mar 2025 23:30:00 WIB"
km 0 --lang id partner show 1; out_has "nama"; out_has "Pemerintah daerah"; out_has "03 Mar 2025 23.30.00 WIB"
km 0 partner show 1 --json; json_ok
json_eq 'sorted(d.keys())' '["capabilities", "created", "email", "external_id", "iati_org_type", "id", "kind", "kind_label", "name", "needs", "phone", "region", "sectors", "status", "status_label", "status_reason", "updated", "version", "website"]'
json_eq 'd["sectors"]' '["health", "ict"]'; json_eq 'd["phone"]' None; json_eq 'd["iati_org_type"]' 11
json_eq 'd["created"]' '"2025-03-03T16:30:00Z"'; json_eq 'd["status"]' '"active"'
km 0 partner show --lang id --json 1; json_eq 'd["kind_label"]' '"Pemerintah daerah"'; json_eq 'd["kind"]' '"regional_government"'
km 0 partner show --external-id ID-PDDIKTI-041234 --json; json_eq 'd["id"]' 3
km 2 partner show 99; err_has "99"
km 2 partner show --external-id ID-NONE-1
km 1 partner show abc; err_has '"abc" is not a whole number'
km 1 partner show -- -1; err_has '"-1" is not a whole number'
km 1 partner show 18446744073709551616; err_has "not a whole number"
km 1 partner show; err_has "missing ID"
km 1 partner show 1 2; err_has 'unexpected argument "2"'
km 1 partner show 1 --external-id ID-PDDIKTI-041234

# list, filters, pagination
km 0 partner list; out_has "Agence Méditerranée-Asie pour le Développement"; out_has "count       : 4"
# Columns are aligned by code points: the status column starts at the same
# place on every line, accented names included.
if "$PY" - <<'EOF'
import sys
lines = [l for l in open("out", encoding="utf-8").read().split("\n\n")[0].splitlines()]
col = lines[0].index("status")
for l in lines[1:]:
    assert l[col - 2:col] == "  " and l[col] != " ", l
EOF
then ok; else bad "table columns are not aligned by code points"; fi
km 0 partner list --kind ngo --json; json_ok; json_eq '[p["id"] for p in d["partners"]]' '[2]'
km 0 partner list --kind NGO --json; json_eq 'd["count"]' 1
km 0 partner list --sector health --json; json_eq '[p["id"] for p in d["partners"]]' '[1, 3]'
km 0 partner list --capability research --json; json_eq '[p["id"] for p in d["partners"]]' '[3]'
km 0 partner list --need data-analytics --json; json_eq '[p["id"] for p in d["partners"]]' '[1]'
km 0 partner list --region 32 --json; json_eq '[p["id"] for p in d["partners"]]' '[1, 2, 3]'
km 0 partner list --region 32.73 --sector health --json; json_eq '[p["id"] for p in d["partners"]]' '[1, 3]'
km 0 partner list --name mediterranee --json; json_eq '[p["id"] for p in d["partners"]]' '[4]'
km 0 partner list --name "zzz"; out_has "(none)"
km 0 partner list --limit 2 --json; json_eq 'd["count"]' 2; json_eq 'd["next_cursor"] is not None' True
cursor=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 partner list --limit 2 --cursor "$cursor" --json; json_eq '[p["id"] for p in d["partners"]]' '[3, 4]'
km 0 partner list --limit 2; out_has "next cursor : $cursor"
km 0 partner list --all --limit 1 --json; json_eq '[p["id"] for p in d["partners"]]' '[1, 2, 3, 4]'; json_eq 'd["next_cursor"]' None
km 0 partner list --order name --json; json_eq '[p["id"] for p in d["partners"]]' '[4, 1, 3, 2]'
km 0 partner list --order NAME --limit 2 --json; json_eq '[p["id"] for p in d["partners"]]' '[4, 1]'
cursor=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 partner list --order name --limit 2 --cursor "$cursor" --json; json_eq '[p["id"] for p in d["partners"]]' '[3, 2]'
km 0 partner list --order name --all --limit 1 --json; json_eq '[p["id"] for p in d["partners"]]' '[4, 1, 3, 2]'
km 1 partner list --order size; err_has '--order: "size" is not one of: id, name'
km 3 partner list --cursor not-a-cursor; err_has "cursor"
km 3 partner list --limit 5000; err_has "limit"
km 1 partner list --limit abc; err_has '--limit: "abc" is not a whole number'
km 1 partner list --limit -1
km 1 partner list --limit 4294967296
km 1 partner list --status sleeping; err_has "active, suspended, archived"
km 3 partner list --kind 42
km 0 partner count --kind ngo; out_is 1
km 0 partner count --sector health --json; json_ok; json_eq 'd' '{"count": 2}'

# update, status, archive
KEMITRAAN_TEST_CLOCK=2025-03-06T08:00:00+07:00 km 0 partner update 2 --email info@lagima.or.id --json
json_eq 'd["email"]' '"info@lagima.or.id"'; json_eq 'd["version"]' 2; json_eq 'd["updated"]' '"2025-03-06T01:00:00Z"'
json_eq 'd["capabilities"]' '["community-outreach"]'
KEMITRAAN_TEST_CLOCK=2025-03-06T09:00:00+07:00 km 0 partner update 1 --sector "" --phone "+62 22 1234567" --json
json_eq 'd["sectors"]' '[]'; json_eq 'd["phone"]' '"+62 22 1234567"'; json_eq 'd["needs"]' '["data-analytics"]'
km 1 partner update 2; err_has "nothing to update"
km 1 partner update; err_has "missing ID"
km 2 partner update 99 --name "Siapa"
km 3 partner update 2 --website ftp://lagima.or.id; err_has "partner.website"
KEMITRAAN_TEST_CLOCK=2025-03-07T08:00:00+07:00 km 0 partner status 2 suspended --reason "audit keuangan" --json
json_eq 'd["status"]' '"suspended"'; json_eq 'd["status_reason"]' '"audit keuangan"'
km 4 partner status 2 suspended --reason "lagi"
km 3 partner status 3 suspended; err_has "reason"
km 1 partner status 2 sleeping; err_has 'STATUS: "sleeping" is not one of'
km 1 partner status 2; err_has "missing STATUS"
KEMITRAAN_TEST_CLOCK=2025-03-08T08:00:00+07:00 km 0 partner status 2 active
KEMITRAAN_TEST_CLOCK=2025-03-09T08:00:00+07:00 km 0 --lang id partner archive 4 --reason "kantor ditutup"
out_has "diarsipkan"
km 4 partner update 4 --name "Nama Baru"
km 3 partner archive 3; err_has "reason"
km 0 partner count --status archived; out_is 1

# ---------------------------------------------------------------------------
# stats, audit, labels, snapshot
# ---------------------------------------------------------------------------
km 0 stats --json; json_ok
json_eq 'd["log_entries"]' 9; json_eq 'd["partners"]' 4; json_eq 'd["partners_active"]' 3
json_eq 'd["partners_archived"]' 1; json_eq 'len(d["head_hash"])' 64; json_eq 'd["as_of_seq"]' None
json_eq '[d[k] for k in ("agreements", "frameworks", "commitments", "disputes", "indicators", "measurements")]' '[0, 0, 0, 0, 0, 0]'
json_eq '[(k["kind"], k["count"]) for k in d["partners_by_kind"]]' '[["regional_government", 1], ["ngo", 1], ["academic", 1], ["international", 1]]'
head=$("$PY" -c 'import json; print(json.load(open("out"))["head_hash"])')
km 0 stats --lang id; out_has "entri log"; out_has "mitra menurut jenis"

km 0 audit; out_has "partner.create"; out_has "admin@jabar.go.id"; out_has "05 Mar 2025 16:00:00 WIB"
km 0 audit --json; json_ok; json_eq 'd["count"]' 9; json_eq 'd["entries"][0]["time"]' '"2025-03-03T16:30:00Z"'
json_eq 'd["entries"][0]["actor"]' '"cli-test"'; json_eq 'd["entries"][0]["data"]["name"]' '"Dinas Kesehatan Kota Bandung"'
json_eq 'd["entries"][2]["actor"]' '"admin@jabar.go.id"'; json_eq 'd["next_seq"]' None
km 0 audit --entity partner --id 2 --json; json_eq '[e["operation"] for e in d["entries"]]' '["partner.create", "partner.update", "partner.status", "partner.status"]'
km 0 audit --actor admin@jabar.go.id --json; json_eq '[e["seq"] for e in d["entries"]]' '[3]'
km 0 audit --since 2025-03-05 --until 2025-03-06 --json; json_eq '[e["seq"] for e in d["entries"]]' '[3, 4, 5, 6]'
km 0 audit --until 2025-03-03 --json; json_eq '[e["seq"] for e in d["entries"]]' '[1]'
km 0 audit --since 2025-03-05T10:00:00Z --json; json_eq 'd["entries"][0]["seq"]' 4
km 0 audit --from-seq 2 --limit 2 --json; json_eq '[e["seq"] for e in d["entries"]]' '[2, 3]'; json_eq 'd["next_seq"]' 4
km 0 audit --from-seq 2 --limit 2; out_has "continue from entry : 4"
km 1 audit --entity contract; err_has "network, partner, agreement"
km 0 audit --entity agreement --json; json_eq 'd["entries"]' '[]'
km 3 audit --id 2; err_has "entity"
km 1 audit --since 2025-03-32; err_has '--since: "2025-03-32" is not a date'
km 1 audit --until tomorrow
km 1 audit --from-seq x

km 0 labels; out_has "regional_government"; out_has "KM_EINVAL"
km 0 labels --lang id partner_kind; out_has "Pemerintah daerah"; out_lacks "KM_EINVAL"
km 0 labels partner-kind --json; json_ok; json_eq 'len(d["partner_kind"])' 11
json_eq 'd["partner_kind"][2]' '{"value": 2, "name": "regional_government", "label": "Regional government", "iati_org_type": 11}'
km 0 labels --json; json_ok
json_eq '{e["name"]: e["exit_code"] for e in d["error_code"]}["KM_EINVAL"]' 3
json_eq '{e["name"]: e["exit_code"] for e in d["error_code"]}["KM_ECORRUPT"]' 5
json_eq '[e["name"] for e in d["partner_status"]]' '["active", "suspended", "archived"]'
km 1 labels colours; err_has "partner_kind"
# Every value of every enum the library has is named by the tool and
# labelled by the library (a new library value fails here, not the build).
km 0 labels --json
if "$PY" - <<'EOF'
import json
d = json.load(open("out"))
assert len(d) >= 6, d.keys()
for key, rows in d.items():
    assert rows, key
    for r in rows:
        assert not r["name"].lstrip("-").isdigit(), (key, r)
        assert r["label"] and r["label"] != "?", (key, r)
EOF
then ok; else bad "an enum value without a name or a label"; fi
km 0 labels --lang id --json; json_eq '[r["label"] for r in d["dimension"]]' '["inovasi", "efisiensi", "dampak", "keberlanjutan", "kepercayaan publik"]'
km 0 labels role --json; json_eq '[(r["value"], r["name"], r["iati_role"]) for r in d["role"]][:5]' '[[1, "funding", 1], [2, "accountable", 2], [4, "extending", 3], [8, "implementing", 4], [16, "public_authority", null]]'
km 0 labels error_code; out_has "exit code"

km 0 snapshot --json; json_eq 'd["seq"]' 9
[ -f "$S-snap" ] && ok || bad "no snapshot file"
KEMITRAAN_TEST_CLOCK=2025-03-10T08:00:00+07:00 km 0 --sync normal partner add --name "Kelompok Tani Mekar Sari" \
    --external-id ID-DESA-32.17.09.2001-KT01 --kind community --region 32.17.09 --need irrigation
KEMITRAAN_TEST_CLOCK=2025-03-11T08:00:00+07:00 km 0 --sync off partner add --name "Dr. Rina Kusumawardhani" \
    --external-id ID-SINTA-6012345 --kind individual
km 0 partner count; out_is 6
km 0 verify --json; json_eq 'd["intact"]' True; json_eq 'd["entries_checked"]' 11

# ---------------------------------------------------------------------------
# Time travel: a date is the end of that day in WIB (UTC+7)
# ---------------------------------------------------------------------------
km 0 --as-of 2025-03-03 partner count; out_is 1     # partner 2 came at 00:30 WIB on the 4th
km 0 --as-of 2025-03-04 partner count; out_is 2
km 0 --as-of 2025-03-03T16:30:00Z partner count; out_is 1
km 0 --as-of 2025-03-03T16:29:59Z partner count; out_is 0
km 0 --as-of "2025-03-04 00:30" partner count; out_is 2
km 0 --as-of 2025-03-04T00:29:59.999999+07:00 partner count; out_is 1
km 0 --as-of 2024-02-29 partner count; out_is 0
km 0 --as-of-seq 2 partner list --json; json_eq '[p["id"] for p in d["partners"]]' '[1, 2]'
km 0 --as-of-seq 3 partner show 2 --json; json_eq 'd["email"]' None; json_eq 'd["version"]' 1
km 0 partner show 2 --json --as-of 2025-03-07; json_eq 'd["status"]' '"suspended"'
km 0 --as-of-seq 1 stats --json; json_eq 'd["log_entries"]' 1; json_eq 'd["as_of_seq"]' 1; json_eq 'd["partners"]' 1
km 0 --as-of 2025-03-05 stats --json; json_eq 'd["as_of"]' '"2025-03-05T16:59:59.999999Z"'; json_eq 'd["log_entries"]' 4
km 0 --as-of-seq 9 partner count; out_is 4
km 0 --as-of-seq 2 audit --json; json_eq 'd["count"]' 2
km 1 --as-of-seq 2 partner add --name X --external-id ID-X-1 --kind ngo; err_has "only apply to commands that read"
km 1 --as-of 2025-03-03 snapshot
km 1 --as-of-seq 2 verify
km 1 --as-of-seq 2 --as-of 2025-03-03 stats; err_has "cannot be used together"
km 1 --as-of-seq 0 stats; err_has "1 or more"
km 1 --as-of-seq -3 stats
km 1 --as-of-seq 12abc stats; err_has '"12abc" is not a whole number'
for d in 2025-13-01 2025-02-29 2025-04-31 25-03-01 2025-3-1 2025-03-01T24:00 2025-03-01T10:60 \
         "2025-03-01T10:00:00+25:00" 2025-03-01T10:00:00.1234567Z 2025-03-01Z yesterday "" 1969-12-31; do
    km 1 --as-of "$d" stats; err_has "is not a date"
done
km 1 stats --as-of; err_has "option --as-of needs a value"
KEMITRAAN_TEST_CLOCK=never km 1 stats; err_has "KEMITRAAN_TEST_CLOCK"

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------
kme LANG=id_ID.UTF-8 2 partner show 99; err_has "mitra"
kme "LANG=id_ID.UTF-8 LC_ALL=en_US.UTF-8" 2 partner show 99; err_has "no partner"
kme "LANG=en_US.UTF-8 LC_MESSAGES=id_ID" 1 partner list --limit x; err_has "bukan bilangan bulat"
kme "LC_ALL=id_ID LC_MESSAGES=en_US" 1 partner list --limit x; err_has "bukan bilangan bulat"
kme LANG=id_ID.UTF-8 1 --lang en partner list --limit x; err_has "is not a whole number"
kme LANG=en_US.UTF-8 1 partner list --limit x --lang id; err_has "bukan bilangan bulat"
kme LANG=id_ID.UTF-8 0 partner list; out_has "jumlah"; out_has "Organisasi internasional"
kme LANG=id_ID.UTF-8 0 --help; out_has "Perintah:"

# ---------------------------------------------------------------------------
# Read-only: --read-only, and a store the user may not write
# ---------------------------------------------------------------------------
km 5 --read-only partner add --name X --external-id ID-X-1 --kind ngo; err_has "read-only"
km 5 --read-only --lang id partner update 1 --name X; err_has "hanya baca"
km 5 --read-only snapshot
km 0 --read-only partner count; out_is 6
cp "$S" "$T/ro.km"
chmod 0444 "$T/ro.km"
km 0 --store "$T/ro.km" partner count; out_is 6
km 0 --store "$T/ro.km" verify
km 0 --store "$T/ro.km" stats --json; json_eq 'd["partners"]' 6
if [ "$(id -u)" -ne 0 ]; then
    km 5 --store "$T/ro.km" partner update 1 --name X; err_has "ermission denied"
elif command -v setpriv >/dev/null 2>&1; then
    # root writes anything: run as nobody so that the permission counts
    chmod 0755 "$T"
    last="kemitraan (as nobody) partner update on a 0444 store"
    if setpriv --reuid=65534 --regid=65534 --clear-groups "$KM" --store "$T/ro.km" \
            partner update 1 --name X >out 2>err; then
        bad "a write to a read-only file succeeded"
    elif [ $? -eq 5 ] && grep -q "ermission denied" err; then ok
    else bad "exit code or message"; fi
    last="kemitraan (as nobody) partner count on a 0444 store"
    if setpriv --reuid=65534 --regid=65534 --clear-groups "$KM" --store "$T/ro.km" \
            partner count >out 2>err && [ "$(cat out)" = 6 ]; then ok; else bad "read failed"; fi
    chmod 0700 "$T"
else
    echo "SKIP: read-only file as non-root (running as root without setpriv)"
fi

# ---------------------------------------------------------------------------
# Progress display on stderr
# ---------------------------------------------------------------------------
km 0 verify; err_empty
KEMITRAAN_PROGRESS=always km 0 verify; err_has "verifying 11/11 (100%)"
KEMITRAAN_PROGRESS=always km 0 --lang id verify; err_has "memverifikasi"
km 0 verify --expect-head "$head" --expect-head-seq 9 --json; json_eq 'd["intact"]' True
km 6 verify --expect-head "$(printf 'f%.0s' $(seq 64))" --expect-head-seq 9 --json
json_ok; json_eq 'd["intact"]' False; json_eq 'd["first_bad_seq"]' 9; err_has "head hash"
km 1 verify --expect-head abc; err_has "64 hexadecimal digits"

# ---------------------------------------------------------------------------
# A store corrupted on purpose
# ---------------------------------------------------------------------------
# 1. A flipped byte in the middle of the log: the frame checksum fails.
cp "$S" "$T/flip.km"
flipseq=$("$PY" - "$T/flip.km" <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
frames, off = [], 32
while off < len(data):
    magic, length, seq = struct.unpack_from("<4sIQ", data, off)
    frames.append((seq, off, length))
    off += 20 + length
mid = len(data) // 2
seq, start, length = [f for f in frames if f[1] <= mid][-1]
assert seq < len(frames), "the middle byte must not be in the last frame"
data[mid] ^= 0x55
open(sys.argv[1], "wb").write(data)
print(seq)
EOF
)
km 5 --store "$T/flip.km" stats; err_has "fails its checksum"
km 5 --store "$T/flip.km" partner list
km 6 --store "$T/flip.km" verify; out_has "intact"; out_has "no"; err_has "offset"
km 6 --store "$T/flip.km" verify --json; json_ok; json_eq 'd["intact"]' False; json_eq 'd["opens"]' False
json_eq '"offset" in d["error"]' True
km 6 --store "$T/flip.km" --lang id verify; err_has "ofset"
# The same damage under the snapshot taken above (entry 9): the store opens
# from the snapshot without reading the frames before it, and verification,
# which reads them, names the entry.
[ "$flipseq" -lt 9 ] && ok || bad "the flipped frame ($flipseq) must lie before the snapshot"
cp "$T/flip.km" "$T/flipsnap.km"; cp "$S-snap" "$T/flipsnap.km-snap"
km 0 --store "$T/flipsnap.km" stats
km 6 --store "$T/flipsnap.km" verify --json; json_ok; json_eq 'd["intact"]' False; json_eq 'd["opens"]' True
json_eq 'd["first_bad_seq"]' "$flipseq"; json_eq 'd["entries_checked"]' "$((flipseq - 1))"
json_eq '"offset" in d["error"]' True; err_has "entry $flipseq"

# 2. An entry rewritten with a valid checksum: only the hash chain tells.
cp "$S" "$T/forged.km"
"$PY" - "$T/forged.km" "$SRC/tests/format/read_log.py" <<'EOF'
import struct, sys
import importlib.util
spec = importlib.util.spec_from_file_location("read_log", sys.argv[2])  # its CRC-32C
rl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rl)
crc32c = rl.crc32c
assert crc32c(b"123456789") == 0xE3069283
data = bytearray(open(sys.argv[1], "rb").read())
off = 32
while off < len(data):
    magic, length, seq = struct.unpack_from("<4sIQ", data, off)
    if seq == 2:
        payload = data[off + 20: off + 20 + length]
        i = payload.index(b"Lembaga")
        payload[i:i + 7] = b"Lembagx"
        data[off + 20: off + 20 + length] = payload
        struct.pack_into("<I", data, off + 16, crc32c(bytes(payload), crc32c(bytes(data[off + 4: off + 16]))))
        break
    off += 20 + length
open(sys.argv[1], "wb").write(data)
EOF
rm -f "$T/forged.km-snap"
km 5 --store "$T/forged.km" stats; err_has "entry 2"
km 6 --store "$T/forged.km" verify --json; json_ok
json_eq 'd["intact"]' False; json_eq 'd["opens"]' False; json_eq 'd["first_bad_seq"]' 2; json_eq 'd["entries_checked"]' 2
err_has "entry 2 was altered"
km 6 --store "$T/forged.km" verify; out_has "first bad entry    : 2"

# 3. A snapshot rewritten with a valid checksum: the open takes it (a
# snapshot is a cache that the log does not chain), and only verify
# --snapshot, which replays the whole log beside it, tells.
km 0 verify --snapshot --json; json_eq 'd["intact"]' True; json_eq 'd["snapshot_seq"]' 9
json_eq 'd["snapshot_matches_log"]' True; json_eq 'len(d["state_hash"])' 64
km 0 verify --snapshot; out_has "snapshot matches the log"; out_has "yes"
km 0 verify --json; json_eq '"snapshot_seq" in d' False
cp "$S" "$T/forgedsnap.km"; cp "$S-snap" "$T/forgedsnap.km-snap"
"$PY" - "$T/forgedsnap.km-snap" "$SRC/tests/format/read_log.py" <<'EOF'
import struct, sys
import importlib.util
spec = importlib.util.spec_from_file_location("read_log", sys.argv[2])  # its CRC-32C
rl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rl)
crc32c = rl.crc32c
data = bytearray(open(sys.argv[1], "rb").read())
assert data[:8] == b"KMSNAP1\0"
i = data.index(b"Lembaga", 36)
data[i:i + 7] = b"Lembagx"
struct.pack_into("<I", data, 32, crc32c(bytes(data[36:]), crc32c(bytes(data[8:32]))))
open(sys.argv[1], "wb").write(data)
EOF
km 0 --store "$T/forgedsnap.km" partner list; out_has "Lembagx"
km 0 --store "$T/forgedsnap.km" verify --json; json_eq 'd["intact"]' True
km 6 --store "$T/forgedsnap.km" verify --snapshot --json; json_ok
json_eq 'd["intact"]' False; json_eq 'd["snapshot_seq"]' 9; json_eq 'd["snapshot_matches_log"]' False
err_has "snapshot at entry 9 does not give the state the log gives"
km 6 --store "$T/forgedsnap.km" --lang id verify --snapshot; err_has "snapshot pada entri 9"
# Without a snapshot there is nothing to compare, and the log's name is back.
rm -f "$T/forgedsnap.km-snap"
km 0 --store "$T/forgedsnap.km" partner list; out_lacks "Lembagx"; out_has "Lembaga"
km 0 --store "$T/forgedsnap.km" verify --snapshot --json; json_eq 'd["snapshot_seq"]' None
json_eq 'd["snapshot_matches_log"]' None

# 3. Not a store at all.
printf 'this is not a kemitraan store, just text\n' >"$T/text.km"
km 5 --store "$T/text.km" stats; err_has "not a kemitraan store"
km 6 --store "$T/text.km" verify

# The original is untouched by all of the above.
km 0 verify --json; json_eq 'd["intact"]' True; json_eq 'd["opens"]' True

# ---------------------------------------------------------------------------
# Every read command gives one JSON document
# ---------------------------------------------------------------------------
for c in "stats" "audit" "verify" "labels" "partner show 1" "partner list" "partner count" \
         "partner list --kind ngo --all"; do
    # shellcheck disable=SC2086
    km 0 $c --json; json_ok
done

# The tool's field labels: one entry per key (the first one wins, so a
# second would be dead text that drifts).
last="tools/kemitraan/i18n.c"
dups=$(grep -oE '^    \{ "[a-z0-9_]+", \{' "$SRC/tools/kemitraan/i18n.c" | sort | uniq -d)
if [ -z "$dups" ]; then ok; else bad "field labels given twice: $dups"; fi

finish
