#!/usr/bin/env bash
# End-to-end tests of the kemitraan tool's monitoring and evaluation
# commands: indicator, measurement, scorecard (docs/cli.md, "Indicators,
# measurements, scorecards"). The fixture is built here through the tool.
#
#   tests/cli/run_evaluation.sh path/to/kemitraan
#
# The harness is tests/cli/lib.sh.
set -u

. "$(dirname "$0")/lib.sh" "$@"

S=$T/ev.km
export KEMITRAAN_TEST_CLOCK=2025-01-06T09:00+07:00
export KEMITRAAN_ACTOR=admin:cli-test

# ---------------------------------------------------------------------------
# Fixture: three partners, a framework, a signed grant, a second agreement
# ---------------------------------------------------------------------------
km 0 --store "$S" init
km 0 --store "$S" partner add --name "Dinas PUPR" --external-id ID-KEMENDAGRI-32-DPUPR --kind regional_government
km 0 --store "$S" partner add --name "PT Tirta" --external-id ID-NIB-8120000000001 --kind private_business
km 0 --store "$S" partner add --name "Yayasan Air" --external-id ID-AHU-AHU0000001.AH.01.04 --kind ngo
km 0 --store "$S" framework add --name "Hibah Air" --allow-type grant
km 0 --store "$S" agreement add --title "Hibah Air Bersih" --reference H/001/2025 --type grant --framework 1 \
    --start 2025-01-01 --end 2025-12-31 --party 1:funding,accountable --party 3:implementing
km 0 --store "$S" agreement add --title "Hibah Sanitasi" --reference H/002/2025 --type grant --framework 1 \
    --start 2025-01-01 --end 2025-12-31 --party 1:funding,accountable --party 3:implementing
for a in 1 2; do
    km 0 --store "$S" agreement propose $a
    km 0 --store "$S" agreement sign $a --partner 1
    km 0 --store "$S" agreement sign $a --partner 3
done

# ---------------------------------------------------------------------------
# Indicators: add with every field, show (people id/en, JSON), by code
# ---------------------------------------------------------------------------
km 0 --store "$S" indicator add --agreement 1 --code RT-01 --title "Rumah tangga terlayani" --description "Jumlah RT" \
    --level outcome --measure unit --unit-label "rumah tangga" --dimension impact --direction ascending \
    --baseline 0 --baseline-date 2025-01-01 --target 2025-06-30=200 --target 2025-12-31=400 --frequency quarterly \
    --time-aggregation sum --cross-aggregation sum --reporter 3 --weight 2 --grace-days 15 --json
json_ok; json_eq 'd["id"]' 1; json_eq 'd["version"]' 1; json_eq 'd["level"]' '"outcome"'; json_eq 'd["iati_result_type"]' 2
json_eq 'd["iati_measure"]' 1; json_eq 'd["direction"]' '"ascending"'; json_eq 'd["time_aggregation"]' '"sum"'
json_eq 'd["grace_days"]' 15; json_eq 'd["reporter_id"]' 3; json_eq 'd["unit_label"]' '"rumah tangga"'
json_eq '[t["target_date"] for t in d["targets"]]' '["2025-06-30", "2025-12-31"]'; json_eq 'd["targets"][1]["target"]' 400
km 0 --store "$S" indicator add --agreement 1 --code AKSES-02 --title "Akses air layak" --measure percentage \
    --dimension public_trust --baseline 40/100 --baseline-date 2025-01-01 --target 2025-12-31=80/100 \
    --time-aggregation last --reporter 3 --json
json_eq 'd["baseline_denominator"]' 100; json_eq 'd["targets"][0]["target_denominator"]' 100; json_eq 'd["grace_days"]' None
json_eq 'd["iati_measure"]' 2
km 0 --store "$S" indicator add --agreement 1 --code RASIO-03 --title "Rasio biaya" --measure ratio --baseline 1/1 \
    --baseline-date 2025-01-01 --target 2025-12-31=2/1 --time-aggregation last --json; json_eq 'd["iati_measure"]' None
km 0 --store "$S" indicator add --agreement 2 --code RT-01 --title "Rumah tangga sanitasi" --baseline 0 \
    --baseline-date 2025-01-01 --target 2025-12-31=100 --time-aggregation sum --reporter 3
km 0 --store "$S" --lang en indicator show 1
out_has "ascending (higher is better)"; out_has "rumah tangga"; out_has "IATI result type"; out_has "targets:"
out_lacks "time_aggregation"; out_lacks "iati_measure"
km 0 --store "$S" --lang id indicator show 1; out_has "tanggal nilai dasar"; out_has "agregasi waktu"
km 0 --store "$S" indicator show --agreement 1 --code AKSES-02 --json; json_eq 'd["id"]' 2
km 0 --store "$S" indicator show --agreement 2 --code RT-01 --json; json_eq 'd["id"]' 4
km 2 --store "$S" indicator show --agreement 1 --code NOPE; err_has "NOPE"
km 1 --store "$S" indicator show --code RT-01; err_has "--agreement"
km 1 --store "$S" indicator show 1 --code RT-01 --agreement 1
km 1 --store "$S" indicator show; err_has "ID"
km 1 --store "$S" indicator show abc
km 2 --store "$S" indicator show 99
km 1 --store "$S" indicator show 1 --version x
km 2 --store "$S" indicator show 1 --version 9
# bad field values
km 1 --store "$S" indicator add --agreement 1 --code X --title X --direction sideways; err_has "ascending, descending"
km 1 --store "$S" indicator add --agreement 1 --code X --title X --time-aggregation median; err_has "--time-aggregation"
km 1 --store "$S" indicator add --agreement 1 --code X --title X --baseline 1/x
km 1 --store "$S" indicator add --agreement 1 --code X --title X --target 2025-12-31=5/
km 1 --store "$S" indicator add --agreement 1 --code X --title X --baseline 99999999999999999999
km 1 --store "$S" indicator add --agreement 1 --code X --title X --grace-days soon
km 3 --store "$S" indicator add --agreement 1 --code X --title X --measure percentage --baseline-date 2025-01-01 \
    --target 2025-12-31=80/100 --time-aggregation average; err_has "aggregation"

# ---------------------------------------------------------------------------
# Indicator update and retire; versions
# ---------------------------------------------------------------------------
km 0 --store "$S" indicator update 1 --weight 3 --target 2025-12-31=500 --json
json_eq 'd["version"]' 2; json_eq 'd["weight"]' 3; json_eq 'len(d["targets"])' 1; json_eq 'd["title"]' '"Rumah tangga terlayani"'
km 0 --store "$S" indicator update 1 --baseline 10 --json; json_eq 'd["baseline"]' 10; json_eq 'd["baseline_date"]' '"2025-01-01"'
km 0 --store "$S" indicator update 1 --grace-days default --json; json_eq 'd["grace_days"]' None
km 0 --store "$S" indicator show 1 --version 1 --json; json_eq 'd["weight"]' 2; json_eq 'd["version"]' 1
km 0 --store "$S" indicator versions 1 --json; json_eq 'd["version_count"]' 4
json_eq '[v["weight"] for v in d["versions"]]' '[2, 3, 3, 3]'; json_eq '[v["grace_days"] for v in d["versions"]]' '[15, 15, 15, null]'
km 0 --store "$S" --lang id indicator versions 1; out_has "nilai dasar"; out_has "Rumah tangga terlayani"
km 2 --store "$S" indicator versions 99
km 1 --store "$S" indicator update 1; err_has "nothing to update"
km 1 --store "$S" indicator update 1 --bogus 1; err_has "unknown option --bogus"
km 1 --store "$S" indicator update 1 --weight; err_has "needs a value"
km 3 --store "$S" indicator update 1 --weight 2000000; err_has "weight"
km 2 --store "$S" indicator update 99 --weight 1
km 4 --store "$S" indicator update 1 --code AKSES-02

# ---------------------------------------------------------------------------
# Templates: add, update, instantiate, retire
# ---------------------------------------------------------------------------
km 0 --store "$S" indicator template --framework 1 --code TPL-01 --title "Sekolah terlayani" --target 10 --json
json_eq 'd["template"]' True; json_eq 'd["targets"][0]["target_date"]' None
TPL=$("$PY" -c 'import json; print(json.load(open("out"))["id"])')
km 0 --store "$S" indicator template-update "$TPL" --target 12 --unit-label sekolah --json
json_eq 'd["version"]' 2; json_eq 'd["targets"][0]["target"]' 12; json_eq 'd["unit_label"]' '"sekolah"'
km 4 --store "$S" indicator template-update 1 --target 12
km 4 --store "$S" indicator update "$TPL" --weight 2
km 0 --store "$S" indicator instantiate 1 --json; json_eq 'd["created"]' 1
km 0 --store "$S" indicator instantiate 2 --json; json_eq 'd["created"]' 1
km 0 --store "$S" indicator list --template "$TPL" --json; json_eq 'd["count"]' 2
km 0 --store "$S" indicator list --framework 1 --json; json_eq 'd["count"]' 1
# paging: every page by default, one page with --limit, the rest with --cursor
km 0 --store "$S" indicator list --json; json_eq 'd["count"]' 6; json_eq 'd["next_cursor"]' None
km 0 --store "$S" indicator list --limit 4 --json; json_eq 'd["count"]' 4; json_eq 'd["next_cursor"] is not None' True
CUR=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 --store "$S" indicator list --limit 4 --cursor "$CUR" --json; json_eq 'd["count"]' 2; json_eq 'd["next_cursor"]' None
km 0 --store "$S" indicator list --limit 4 --all --json; json_eq 'd["count"]' 6
km 1 --store "$S" indicator list --limit many
km 3 --store "$S" indicator list --limit 5000
km 3 --store "$S" indicator list --cursor bogus
km 3 --store "$S" indicator template-retire "$TPL"; err_has "reason"
km 0 --store "$S" indicator template-retire "$TPL" --reason "kerangka direvisi" --json
json_eq 'd["status"]' '"retired"'; json_eq 'd["status_reason"]' '"kerangka direvisi"'
km 4 --store "$S" indicator template-retire "$TPL" --reason lagi
km 4 --store "$S" indicator template-retire 1 --reason x

# ---------------------------------------------------------------------------
# Measurements: report, update, show, submit, approve, revise, versions
# ---------------------------------------------------------------------------
km 0 --store "$S" measurement report --indicator 1 --partner 3 --from 2025-01-01 --to 2025-03-31 --value 100 \
    --evidence https://example.org/q1.pdf --comment "Triwulan I" --json
json_eq 'd["id"]' 1; json_eq 'd["status"]' '"draft"'; json_eq 'd["version_count"]' 1; json_eq 'd["submitted"]' None
km 0 --store "$S" measurement update 1 --value 150 --json; json_eq 'd["value"]' 150; json_eq 'd["comment"]' '"Triwulan I"'
json_eq 'd["evidence_uri"]' '"https://example.org/q1.pdf"'
km 1 --store "$S" measurement update 1; err_has "nothing to update"
km 1 --store "$S" measurement update 1 --value 1.5; err_has "--value"
km 1 --store "$S" measurement update 1 --from 2025-02-30
km 3 --store "$S" measurement update 1 --to 2024-12-31; err_has "period"
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 --store "$S" measurement update 1 --value 1
km 0 --store "$S" measurement submit 1
km 4 --store "$S" measurement update 1 --value 160
km 0 --store "$S" measurement approve 1 --note "diverifikasi" --json; json_eq 'd["note"]' '"diverifikasi"'
json_eq 'd["decided"]' '"2025-01-06T02:00:00Z"'
km 3 --store "$S" measurement revise 1 --value 140; err_has "rationale"
km 0 --store "$S" measurement revise 1 --value 140 --rationale "salah hitung" --json
json_eq 'd["version"]' 2; json_eq 'd["status"]' '"draft"'; json_eq 'd["rationale"]' '"salah hitung"'; json_eq 'd["value"]' 140
km 0 --store "$S" measurement show 1 --version 1 --json; json_eq 'd["status"]' '"approved"'; json_eq 'd["value"]' 150
json_eq 'd["version_count"]' 2
km 2 --store "$S" measurement show 1 --version 3
km 1 --store "$S" measurement show 1 --version 0
km 2 --store "$S" measurement show 99
km 0 --store "$S" --lang id measurement versions 1; out_has "disetujui"; out_has "salah hitung"
km 0 --store "$S" measurement versions 1 --json; json_eq '[v["status"] for v in d["versions"]]' '["approved", "draft"]'
km 2 --store "$S" measurement versions 99
km 0 --store "$S" measurement list --limit 1 --json; json_eq '[m["id"] for m in d["measurements"]]' '[1]'
json_eq 'd["next_cursor"]' None
km 0 --store "$S" measurement list --status approved --json; json_eq 'd["count"]' 0
km 0 --store "$S" measurement report --indicator 2 --partner 3 --from 2025-01-01 --to 2025-03-31 --value 30 --denominator 50
km 0 --store "$S" measurement submit 2
km 0 --store "$S" measurement approve 2
km 0 --store "$S" measurement report --indicator 4 --partner 3 --from 2025-01-01 --to 2025-03-31 --value 40
km 0 --store "$S" measurement submit 3
km 0 --store "$S" measurement approve 3

# ---------------------------------------------------------------------------
# Period locks: lock, locks, unlock
# ---------------------------------------------------------------------------
km 0 --store "$S" measurement lock --agreement 1 --from 2025-01-01 --to 2025-03-31 --reason "diaudit" --json
LOCK=$("$PY" -c 'import json; print(json.load(open("out"))["lock_id"])')
km 4 --store "$S" measurement submit 1; err_has "lock"
km 0 --store "$S" measurement locks --agreement 1 --json
json_eq 'd["locks"][0]["active"]' True; json_eq 'd["locks"][0]["reason"]' '"diaudit"'; json_eq 'd["locks"][0]["unlock_reason"]' None
km 3 --store "$S" measurement unlock "$LOCK"; err_has "reason"
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 --store "$S" measurement unlock "$LOCK" --reason x
km 5 --store "$S" --read-only measurement unlock "$LOCK" --reason x
km 0 --store "$S" measurement unlock "$LOCK" --reason "koreksi temuan" --json; json_eq 'd["active"]' False
km 4 --store "$S" measurement unlock "$LOCK" --reason lagi
km 2 --store "$S" measurement unlock 999 --reason x
km 1 --store "$S" measurement unlock; err_has "LOCK"
km 0 --store "$S" --lang en measurement locks --agreement 1; out_has "koreksi temuan"; out_has "unlock reason"
km 1 --store "$S" measurement locks; err_has "--agreement"
km 2 --store "$S" measurement locks --agreement 99
km 0 --store "$S" measurement submit 1
km 0 --store "$S" measurement approve 1 --json; json_eq 'd["status"]' '"approved"'
km 0 --store "$S" measurement show 1 --version 1 --json; json_eq 'd["status"]' '"superseded"'

# ---------------------------------------------------------------------------
# Progress and aggregation
# ---------------------------------------------------------------------------
km 0 --store "$S" indicator progress 1 --date 2025-06-30 --json
json_ok; json_eq 'd["as_of"]' '"2025-06-30"'; json_eq 'd["actual"]' 140; json_eq 'd["value_count"]' 1
json_eq 'd["code"]' '"RT-01"'; json_eq 'd["unit_label"]' '"rumah tangga"'; json_eq 'd["title"]' '"Rumah tangga terlayani"'
json_eq 'd["baseline_value"]' 10.0; json_eq 'd["target_value"]' 500.0; json_eq 'd["last_period_end"]' '"2025-03-31"'
json_eq 'd["progress_status"] in ("on_track", "at_risk", "off_track")' True; json_eq 'round(d["raw"], 4)' 0.2653
km 0 --store "$S" indicator progress 2 --date 2025-06-30 --json; json_eq 'd["actual_value"]' 60.0; json_eq 'd["actual_denominator"]' 50
km 0 --store "$S" indicator progress 1 --date 2025-06-30 --knowledge-as-of --json; json_eq 'd["value_count"]' 1
km 4 --store "$S" indicator update 1 --scale 2; err_has "measure"
km 3 --store "$S" indicator update 1 --grace-days 400; err_has "grace"
km 3 --store "$S" indicator progress "$TPL" --date 2025-06-30
km 0 --store "$S" indicator progress 1 --date 2025-01-05 --knowledge-as-of --json
json_eq 'd["progress_status"]' '"no_data"'; json_eq 'd["actual"]' None; json_eq 'd["score"]' None
km 0 --store "$S" --as-of 2025-06-30 indicator progress 1 --json; json_eq 'd["as_of"]' '"2025-06-30"'
km 0 --store "$S" --lang id indicator progress 1 --date 2025-06-30; out_has "kemajuan diharapkan"; out_lacks "progress_status"
km 1 --store "$S" indicator progress 1 --date 2025-06-31
km 2 --store "$S" indicator progress 99 --date 2025-06-30
km 0 --store "$S" indicator aggregate --code RT-01 --date 2025-12-31 --json
json_eq 'd["count"]' 2; json_eq 'd["has_value"]' True; json_eq 'd["exact"]' True; json_eq 'd["numerator"]' 180
json_eq 'd["cross_aggregation"]' '"sum"'; json_eq 'd["measure"]' '"unit"'; json_eq 'len(d["rows"])' 2
km 0 --store "$S" indicator aggregate --template "$TPL" --date 2025-12-31 --json; json_eq 'd["has_value"]' False; json_eq 'd["value"]' None
km 0 --store "$S" indicator aggregate --code NONE --date 2025-12-31 --json; json_eq 'd["count"]' 0; json_eq 'd["measure"]' None; json_eq 'd["cross_aggregation"]' None
km 0 --store "$S" --lang id indicator aggregate --code NONE --date 2025-12-31; out_lacks "?"
km 1 --store "$S" indicator aggregate --date 2025-12-31; err_has "--template"
km 2 --store "$S" indicator aggregate --template 99 --date 2025-12-31

# ---------------------------------------------------------------------------
# Missing and late reports
# ---------------------------------------------------------------------------
km 0 --store "$S" measurement due --date 2025-12-31 --agreement 1 --json
json_eq 'd["reports_missing"] > 0' True; json_eq 'd["count"] == d["reports_missing"]' True
json_eq 'all(r["kind"] == "missing" for r in d["reports"])' True; json_eq 'd["reports"][0]["due_date"] is not None' True
MISSING=$("$PY" -c 'import json; print(json.load(open("out"))["reports_missing"])')
# a report of the second quarter made after its due date (2025-07-30)
kme "KEMITRAAN_TEST_CLOCK=2025-09-15T10:00+07:00" 0 --store "$S" measurement report --indicator 2 --partner 3 \
    --from 2025-04-01 --to 2025-06-30 --value 35 --denominator 50 --json
LATE=$("$PY" -c 'import json, sys; print(json.load(open("out"))["id"])' 2>/dev/null || echo 0)
kme "KEMITRAAN_TEST_CLOCK=2025-09-15T10:00+07:00" 0 --store "$S" measurement submit "$LATE"
km 0 --store "$S" measurement due --date 2025-12-31 --agreement 1 --late --json; json_eq 'd["reports_late"]' 1
json_eq '[r["submitted_on"] for r in d["reports"] if r["kind"] == "late"]' '["2025-09-15"]'
json_eq '[r["kind_label"] for r in d["reports"] if r["kind"] == "late"]' '["late"]'
json_eq 'd["reports_missing"]' "$((MISSING - 1))"
km 0 --store "$S" --lang id measurement due --date 2025-12-31 --late; out_has "belum dilaporkan"; out_lacks "missing"
km 0 --store "$S" measurement due --date 2025-12-31 --partner 2 --json; json_eq 'd["count"]' 0
km 1 --store "$S" measurement due --date tomorrow
km 2 --store "$S" measurement due --date 2025-12-31 --agreement 99

# ---------------------------------------------------------------------------
# Scorecards: every component, trend, thresholds
# ---------------------------------------------------------------------------
km 0 --store "$S" scorecard --scope agreement --subject 1 --date 2025-06-30 --json
json_ok; json_eq 'd["scope"]' '"agreement"'; json_eq 'd["subject"]' 1; json_eq 'd["as_of"]' '"2025-06-30"'
json_eq '[h["health_component"] for h in d["health"]]' '["performance", "compliance", "coverage"]'
json_eq '[h["weight"] for h in d["health"]]' '[0.6, 0.25, 0.15]'; json_eq 'd["agreements_in_scope"]' 1
json_eq 'd["indicators_in_scope"]' 4; json_eq 'len(d["indicators"])' 4; json_eq 'd["agreements"][0]["impact"] is not None' True
json_eq 'd["agreements"][0]["innovation"]' None; json_eq 'd["indicators"][0]["indicator_id"]' 1
json_eq '[i["code"] for i in d["indicators"]]' '["RT-01", "AKSES-02", "RASIO-03", "TPL-01"]'
km 0 --store "$S" scorecard --scope dimension --subject public_trust --date 2025-06-30 --json
json_eq 'd["subject"]' '"public_trust"'; json_eq 'd["subject_label"]' '"public trust"'
km 0 --store "$S" scorecard --date 2025-06-30 --running-only --knowledge-as-of --json
json_eq 'd["subject"]' None; json_eq 'd["running_only"]' True; json_eq 'd["knowledge_as_of"]' True
km 0 --store "$S" --lang id scorecard --scope agreement --subject 1 --date 2025-06-30
out_has "komponen indeks kesehatan"; out_has "kepatuhan"; out_has "kepercayaan publik"; out_lacks "health_component"
km 0 --store "$S" --lang en scorecard --scope agreement --subject 1 --date 2025-06-30; out_has "indicators on track"
km 2 --store "$S" scorecard --scope agreement --subject 99 --date 2025-06-30
km 1 --store "$S" scorecard --scope dimension --subject beauty
km 1 --store "$S" scorecard --date 2025-13-01
km 0 --store "$S" scorecard trend --scope agreement --subject 1 --from 2025-01-01 --to 2025-12-31 --json
json_eq 'd["count"]' 4; json_eq '[p["date"] for p in d["points"]]' '["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]'
json_eq 'd["frequency"]' '"quarterly"'; json_eq 'd["points"][0]["impact"] is not None' True
km 0 --store "$S" scorecard trend --from 2025-01-01 --to 2025-12-31 --frequency monthly --json; json_eq 'd["count"]' 12
km 0 --store "$S" --lang id scorecard trend --from 2025-01-01 --to 2025-06-30; out_has "titik tren"; out_has "triwulan"
km 1 --store "$S" scorecard trend --to 2025-12-31; err_has "--from"
# global options between the group and its command word, or before the default's options
km 0 --store "$S" scorecard --json trend --from 2025-01-01 --to 2025-12-31 --frequency monthly; json_eq 'd["count"]' 12
km 0 --store "$S" scorecard --lang id --scope agreement --subject 1; out_has "lingkup"
km 0 scorecard --json --help; out_has "kemitraan scorecard"
km 1 --store "$S" scorecard --json trnd; err_has 'unknown scorecard command "trnd"'
km 1 --store "$S" scorecard trend --from 2025-01-01 --frequency weekly
km 3 --store "$S" scorecard trend --from 1970-01-01 --to 2025-12-31 --frequency monthly; err_has "600"
km 3 --store "$S" scorecard trend --from 2025-12-31 --to 2025-01-01
km 0 --store "$S" scorecard thresholds --json; json_eq 'd["on_track_permille"]' 900; json_eq 'd["at_risk_permille"]' 600
json_eq 'd["grace_days"]' 30
km 0 --store "$S" scorecard thresholds-set --on-track 850 --grace-days 45 --json; json_eq 'd["on_track_permille"]' 850
json_eq 'd["at_risk_permille"]' 600
# kept in the store: a new process reads them
km 0 --store "$S" --read-only scorecard thresholds --json; json_eq 'd["on_track_permille"]' 850; json_eq 'd["grace_days"]' 45
km 0 --store "$S" audit --json; json_ok; out_has "evaluation.settings"
SEQ=$("$PY" -c 'import json; print([e["seq"] for e in json.load(open("out"))["entries"] if e["operation"] == "evaluation.settings"][0])')
km 0 --store "$S" --as-of-seq "$SEQ" scorecard thresholds --json; json_eq 'd["on_track_permille"]' 850
km 0 --store "$S" --as-of-seq "$((SEQ - 1))" scorecard thresholds --json; json_eq 'd["on_track_permille"]' 900
km 3 --store "$S" scorecard thresholds-set --at-risk 950; err_has "at_risk"
km 3 --store "$S" scorecard thresholds-set --on-track 1001
km 1 --store "$S" scorecard thresholds-set; err_has "nothing to update"
km 1 --store "$S" scorecard thresholds-set --on-track high
km 5 --store "$S" --read-only scorecard thresholds-set --on-track 800
km 1 --store "$S" --as-of 2025-06-30 scorecard thresholds-set --on-track 800
km 1 --store "$S" scorecard thresholds extra

# ---------------------------------------------------------------------------
# Retire an indicator; labels; help; a missing store
# ---------------------------------------------------------------------------
km 3 --store "$S" indicator retire 3; err_has "reason"
km 0 --store "$S" indicator retire 3 --reason "diganti" --json
# the log's clock never goes back: changes after the late report are stamped 2025-09-15
json_eq 'd["status"]' '"retired"'; json_eq 'd["retired_on"]' '"2025-09-15"'; json_eq 'd["status_reason"]' '"diganti"'
km 4 --store "$S" indicator retire 3 --reason lagi
km 0 --store "$S" indicator list --status retired --json; json_eq '[i["id"] for i in d["indicators"]]' '[3]'
# a qualitative indicator: reported as text, never scored
km 0 --store "$S" indicator add --agreement 2 --code CERITA-01 --title "Cerita perubahan" --measure qualitative \
    --baseline-date 2025-01-01 --time-aggregation last --reporter 3 --json; json_eq 'd["iati_measure"]' 5
QI=$("$PY" -c 'import json; print(json.load(open("out"))["id"])')
km 3 --store "$S" measurement report --indicator "$QI" --partner 3 --from 2025-01-01 --to 2025-03-31; err_has "text"
km 0 --store "$S" measurement report --indicator "$QI" --partner 3 --from 2025-01-01 --to 2025-03-31 \
    --text "Warga mengelola air sendiri" --json; json_eq 'd["text"]' '"Warga mengelola air sendiri"'
QM=$("$PY" -c 'import json; print(json.load(open("out"))["id"])')
km 0 --store "$S" measurement submit "$QM"
km 0 --store "$S" measurement approve "$QM"
km 0 --store "$S" indicator progress "$QI" --date 2025-06-30 --json
json_eq 'd["progress_status"]' '"not_scored"'; json_eq 'd["text"]' '"Warga mengelola air sendiri"'
json_eq 'd["score"]' None; json_eq 'd["expected"]' None; json_eq 'd["target_value"]' None
km 0 --store "$S" --lang id indicator progress "$QI" --date 2025-06-30; out_has "tidak dinilai"
km 0 labels direction --json; json_ok; out_has '"descending"'
km 0 --lang id labels time_aggregation; out_has "nilai terakhir"
km 0 labels measure --json; json_ok; out_has '"iati_measure": 2'
km 0 labels result_level --json; out_has '"iati_result_type": 9'
km 0 labels progress_status --json; out_has '"off_track"'
km 0 labels health_component --json; out_has '"weight": 0.60'
km 0 labels report_kind --json; out_has '"late"'
km 0 labels cross_aggregation --json; out_has '"weighted_average"'
km 0 --lang id labels result_level; out_has "tingkat hasil"; out_has "dampak"
km 0 --lang en labels measurement_status; out_has "measurement statuses"
km 0 scorecard --help; out_has "kemitraan scorecard trend|thresholds|thresholds-set"
for c in "indicator show" "indicator versions" "indicator update" "indicator retire" "indicator template-update" "indicator template-retire" \
         "indicator progress" "indicator aggregate" "measurement show" "measurement update" "measurement revise" \
         "measurement versions" "measurement unlock" "measurement locks" "measurement due" "scorecard" \
         "scorecard trend" "scorecard thresholds" "scorecard thresholds-set"; do
    # shellcheck disable=SC2086
    km 0 $c --help; out_has "kemitraan $c"
done
km 0 --lang id scorecard trend --help; out_has "Contoh"
km 0 --help; out_has "scorecard trend"
km 1 scorecard frobnicate; err_has "frobnicate"
km 5 --store "$T/none.km" indicator show 1
km 5 --store "$T/none.km" scorecard
km 1 indicator progress 1

finish
