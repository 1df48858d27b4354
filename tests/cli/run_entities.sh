#!/usr/bin/env bash
# End-to-end tests of the kemitraan tool's entity commands (agreement,
# framework, commitment), report, network and demo (docs/cli.md).
#
#   tests/cli/run_entities.sh path/to/kemitraan
#
# The harness is tests/cli/lib.sh.
set -u

. "$(dirname "$0")/lib.sh" "$@"

S=$T/e.km
export KEMITRAAN_TEST_CLOCK=2025-01-06T09:00+07:00
export KEMITRAAN_ACTOR=admin:cli-test

# ---------------------------------------------------------------------------
# Setup: three partners and a framework
# ---------------------------------------------------------------------------
km 0 --store "$S" init
km 0 --store "$S" partner add --name "Dinas PUPR" --external-id ID-KEMENDAGRI-32-DPUPR --kind regional_government --region 32
km 0 --store "$S" partner add --name "PT Tirta" --external-id ID-NIB-8120000000001 --kind private_business --region 32.73
km 0 --store "$S" partner add --name "Yayasan Air" --external-id ID-AHU-AHU0000001.AH.01.04 --kind ngo --region 32.04
km 0 --store "$S" framework add --name "KPBU Air" --legal-reference "Perpres 38/2015 tentang KPBU" \
    --allow-type ppp --allow-type grant --require-role public_authority:regional_government \
    --max-value 5000000000.00 --currency IDR --incentive viability_gap_funding:private_business
out_has "Perpres 38/2015"
km 0 --store "$S" framework show 1 --json; json_ok; json_eq 'd["allowed_types"]' '["grant", "ppp"]'
json_eq 'd["max_values"][0]["max_value"]' '"5000000000.00"'
km 0 --store "$S" framework list --json; json_eq 'd["count"]' 1
km 1 --store "$S" framework add --name X --allow-type nosuchtype; err_has "nosuchtype"
km 1 --store "$S" framework add --name X --max-value 1.001 --currency IDR; err_has "decimals"
km 2 --store "$S" framework show 9

# ---------------------------------------------------------------------------
# Agreements: add, bad input, lifecycle
# ---------------------------------------------------------------------------
km 0 --store "$S" agreement add --title "Hibah Air Bersih" --reference HIBAH/001/2025 --type grant \
    --start 2025-02-01 --end 2026-01-31 --value 1500000000.00 --currency IDR --framework 1 \
    --party 1:funding,accountable --party 3:implementing --sector water --dimension impact --json
json_ok; json_eq 'd["value"]' '"1500000000.00"'; json_eq 'd["status"]' '"draft"'
json_eq 'd["family"]' '"nonprofit_government"'; json_eq 'd["party_list"][1]["roles"]' '["implementing"]'
# people see the parties' roles as labels in their language
km 0 --store "$S" --lang id agreement show 1; out_has "pendana, penanggung jawab"; out_lacks "funding"
# malformed amounts and dates
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value 1.234 --currency IDR; err_has "at most 2 decimals"
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value -5 --currency IDR; err_has "not an amount"
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value 99999999999999999999 --currency IDR; err_has "too large"
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value 92233720368547758.08 --currency IDR; err_has "too large"
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value 1,5 --currency IDR
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --value 10. --currency IDR
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --start 2025-02-30; err_has "YYYY-MM-DD"
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --start 25-01-01
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --end 2025-13-01
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --party 1
km 1 --store "$S" agreement add --title T --reference R/1 --type grant --party 1:nosuchrole
km 1 --store "$S" agreement add --title T --reference R/1 --type nosuchtype
km 1 --store "$S" agreement add --title T --bogus-option 1; err_has "unknown option --bogus-option"
km 1 --store "$S" agreement frobnicate; err_has "frobnicate"
km 3 --store "$S" agreement add --title "" --reference R/1 --type grant; err_has "title"
km 4 --store "$S" agreement add --title Dup --reference HIBAH/001/2025 --type grant
km 2 --store "$S" agreement show 99
km 1 --store "$S" agreement show abc
# JPY has no decimals, so 1.5 is refused and 15 is exact
km 1 --store "$S" agreement add --title T --reference R/2 --type grant --value 1.5 --currency JPY; err_has "at most 0 decimals"
km 0 --store "$S" agreement add --title "Yen" --reference R/2 --type mou --value 15 --currency JPY --json; json_eq 'd["value"]' '"15"'
km 0 --store "$S" agreement cancel 2 --reason "salah input" --json; json_eq 'd["status"]' '"cancelled"'
# lifecycle
km 0 --store "$S" agreement milestone-add 1 --type reporting --title "Laporan semester" --due 2025-07-31 --json
json_eq 'd["milestones"][0]["status"]' '"scheduled"'
km 3 --store "$S" agreement risk-add 1 --category construction --allocation shared --mitigation "Asuransi"; err_has "PPP"
km 1 --store "$S" agreement risk-add 1 --category nosuch --allocation shared
km 0 --store "$S" agreement add --title "KPBU SPAM" --reference KPBU/001/2025 --type ppp --framework 1 \
    --party 1:public_authority --party 2:private_party
km 0 --store "$S" agreement risk-add 3 --category construction --allocation shared --mitigation "Asuransi" --json
json_eq 'd["risks"][0]["allocation"]' '"shared"'
km 0 --store "$S" agreement risk-update 3 1 --allocation private --mitigation "Kontrak harga tetap"
km 0 --store "$S" agreement risk-list 3 --json; json_eq 'd["risks"][0]["allocation"]' '"private"'
km 0 --store "$S" agreement party-add 3 --partner 3 --roles facilitator --json; json_eq 'len(d["party_list"])' 3
km 0 --store "$S" agreement party-remove 3 --partner 3 --json; json_eq 'len(d["party_list"])' 2
km 0 --store "$S" agreement update 3 --purpose "Air minum" --json; json_eq 'd["purpose"]' '"Air minum"'
km 4 --store "$S" agreement activate 1; err_has "agreement"
km 0 --store "$S" agreement propose 1
km 0 --store "$S" agreement sign 1 --partner 1
km 0 --store "$S" agreement sign 1 --partner 3 --json; json_eq 'd["status"]' '"signed"'
km 0 --store "$S" agreement check 1 --json; json_ok; json_eq 'len(d["violations"])' 1
km 4 --store "$S" agreement activate 1
km 0 --store "$S" agreement activate 1 --override-justification "Persetujuan Sekda 12/2025" --json
json_eq 'd["status"]' '"active"'; json_eq 'd["override_justification"]' '"Persetujuan Sekda 12/2025"'
km 0 --store "$S" agreement amend 1 --end 2026-06-30 --rationale "Adendum I" --json; json_eq 'd["version"] > 1' True
km 0 --store "$S" agreement versions 1 --json; json_ok
km 0 --store "$S" agreement show --reference HIBAH/001/2025 --json; json_eq 'd["end_date"]' '"2026-06-30"'
km 0 --store "$S" agreement list --status active --json; json_eq 'd["count"]' 1
km 0 --store "$S" agreement list --region 99 --json; json_eq 'd["count"]' 0
# pages: --limit gives one page and its cursor, --cursor the next, --all every page
km 0 --store "$S" agreement list --limit 1 --json; json_eq 'd["count"]' 1; json_eq 'd["next_cursor"]' '"a1:1"'
km 0 --store "$S" agreement list --limit 1 --cursor a1:1 --json; json_eq 'd["agreements"][0]["id"]' 2
km 0 --store "$S" agreement list --limit 1 --all --json; json_eq 'd["next_cursor"]' None
km 3 --store "$S" agreement list --cursor x; err_has "query.cursor"
km 1 --store "$S" agreement count --limit 1; err_has "--limit"
km 1 --store "$S" agreement list --active-on 2025-02-29
km 0 --store "$S" agreement milestone-overdue --date 2025-08-15 --json; json_eq 'd["count"]' 1
km 0 --store "$S" agreement milestone-status 1 1 --status met --date 2025-07-30 --json
json_eq 'd["milestones"][0]["status"]' '"met"'
km 0 --store "$S" agreement suspend 1 --reason "audit"
km 0 --store "$S" agreement resume 1 --json; json_eq 'd["status"]' '"active"'
km 0 --store "$S" agreement expire-due --date 2025-03-01 --json; json_eq 'd["expired"]' 0

# ---------------------------------------------------------------------------
# Commitments, tranches, ledger, loans, totals
# ---------------------------------------------------------------------------
km 0 --store "$S" commitment add --agreement 1 --provider 1 --recipient 3 --kind grant --title "Hibah" \
    --amount 1500000000.00 --currency IDR --json; json_eq 'd["status"]' '"pledged"'; json_eq 'd["amount"]' '"1500000000.00"'
km 1 --store "$S" commitment add --agreement 1 --provider 1 --recipient 3 --kind grant --title H --amount 1.001 --currency IDR
km 0 --store "$S" commitment commit 1 --date 2025-02-01
km 0 --store "$S" commitment tranche-add 1 --date 2025-03-01 --amount 750000000.00
km 0 --store "$S" commitment tranche-add 1 --date 2025-09-01 --amount 750000000 --json; json_eq 'd["count"]' 2
km 1 --store "$S" commitment tranche-add 1 --date 2025-09-01 --amount 1.999
km 0 --store "$S" commitment ledger-record 1 --type disbursement --amount 750000000.00 --date 2025-03-03 --tranche 1 --json
json_eq 'd["transactions"][0]["amount"]' '"750000000.00"'
km 4 --store "$S" commitment ledger-record 1 --type disbursement --amount 900000000.00 --date 2025-03-04; err_has "exceed"
km 0 --store "$S" commitment show 1 --json; json_eq 'd["status"]' '"disbursing"'; json_eq 'd["disbursed"]' '"750000000.00"'
km 0 --store "$S" commitment tranche-overdue --date 2025-12-31 --json; json_eq 'd["count"]' 1
km 0 --store "$S" commitment ledger-list 1 --json; json_eq 'd["count"]' 2
json_eq 'd["transactions"][1]["type"]' '"disbursement"'
km 0 --store "$S" commitment ledger-reverse 2 --reason "salah rekening" --json; json_eq 'd["transactions"][0]["reverses"]' 2
km 0 --store "$S" commitment history 1 --json; json_ok
km 0 --store "$S" commitment list --agreement 1 --json; json_eq 'd["count"]' 1
km 0 --store "$S" commitment totals --date 2025-12-31 --json; json_eq 'd["totals"][0]["committed"]' '"1500000000.00"'
km 0 --store "$S" commitment add --agreement 1 --provider 1 --recipient 3 --kind loan --title "Pinjaman" \
    --amount 120000000.00 --currency IDR --rate-bp 600 --term-months 12 --method annuity --loan-start 2025-04-01
km 0 --store "$S" commitment commit 2 --date 2025-04-01
km 0 --store "$S" commitment ledger-record 2 --type disbursement --amount 120000000.00 --date 2025-04-01
km 0 --store "$S" commitment loan 2 --date 2025-12-31 --json; json_eq 'len(d["schedule"])' 12
km 2 --store "$S" commitment show 42

# ---------------------------------------------------------------------------
# Indicators, measurements, scorecards, disputes
# ---------------------------------------------------------------------------
km 0 --store "$S" indicator add --agreement 1 --code IND-01 --title "Rumah tangga terlayani" --dimension impact \
    --baseline 0 --baseline-date 2025-02-01 --target 2025-12-31=400 --reporter 3 --json
json_eq 'd["code"]' '"IND-01"'; json_eq 'd["dimension"]' '"impact"'
km 1 --store "$S" indicator add --agreement 1 --code IND-02 --title X --target 2025-13-01=5
km 1 --store "$S" indicator add --agreement 1 --code IND-02 --title X --target 2025-12-31=abc
km 1 --store "$S" indicator add --agreement 1 --code IND-02 --title X --measure nosuch
km 1 --store "$S" indicator add --code IND-02 --title X
km 4 --store "$S" indicator add --agreement 1 --code IND-01 --title Dup --baseline-date 2025-02-01 --reporter 3 --target 2025-12-31=1
km 0 --store "$S" indicator template --framework 1 --code TPL-01 --title "Templat" --dimension efficiency --target 100 --json; json_eq 'd["template"]' True
km 0 --store "$S" indicator list --agreement 1 --json; json_eq 'd["count"]' 1
km 0 --store "$S" measurement report --indicator 1 --partner 3 --from 2025-04-01 --to 2025-06-30 --value 150 --json
json_eq 'd["status"]' '"draft"'
km 0 --store "$S" measurement submit 1
km 0 --store "$S" measurement return 1 --note "bukti kurang" --json; json_eq 'd["status"]' '"returned"'
km 0 --store "$S" measurement report --indicator 1 --partner 3 --from 2025-07-01 --to 2025-09-30 --value 260
km 0 --store "$S" measurement submit 2
km 0 --store "$S" measurement approve 2 --json; json_eq 'd["status"]' '"approved"'
km 4 --store "$S" measurement approve 2
km 1 --store "$S" measurement report --indicator 1 --partner 3 --from 2025-07-01 --to 2025-09-30 --value 1.5
km 0 --store "$S" measurement lock --agreement 1 --from 2025-07-01 --to 2025-09-30 --reason "audit" --json; json_eq 'd["period_end"]' '"2025-09-30"'
km 0 --store "$S" measurement list --agreement 1 --json; json_eq 'd["count"]' 2
km 0 --store "$S" scorecard --scope agreement --subject 1 --date 2025-12-31 --json; json_ok; json_eq 'd["as_of"]' '"2025-12-31"'
km 0 --store "$S" scorecard --scope dimension --subject impact --date 2025-12-31 --json; json_ok
km 1 --store "$S" scorecard --scope galaxy
km 0 --store "$S" dispute file --agreement 1 --claimant 3 --respondent 1 --category payment --severity high \
    --description "Termin II terlambat" --json; json_eq 'd["status"]' '"filed"'
km 1 --store "$S" dispute file --agreement 1 --claimant 3 --respondent 1 --category nosuch --description X
km 0 --store "$S" dispute acknowledge 1 --partner 1 --json; json_eq 'd["status"]' '"acknowledged"'
km 0 --store "$S" dispute negotiate 1
km 0 --store "$S" dispute assign-mediator 1 --partner 2
km 0 --store "$S" dispute mediate 1 --json; json_eq 'd["status"]' '"mediation"'
km 0 --store "$S" dispute settle 1 --terms "Termin II dicairkan" --json; json_eq 'd["status"]' '"settled"'
km 4 --store "$S" dispute negotiate 1
km 0 --store "$S" dispute list --json; json_eq 'd["count"]' 1
km 0 --store "$S" dispute overdue --date 2026-12-31 --json; json_ok
km 2 --store "$S" dispute show 7

# ---------------------------------------------------------------------------
# Report and network; time travel; read-only and broken stores
# ---------------------------------------------------------------------------
km 0 --store "$S" report --as-of 2025-12-31 --json; json_ok; json_eq 'd["as_of"]' '"2025-12-31"'
json_eq 'd["totals"][0]["currency"]' '"IDR"'
km 0 --store "$S" report; out_has "most isolated partners"
km 0 --store "$S" --lang id report --as-of 2025-12-31
km 0 --store "$S" network --json; json_eq 'd["partners"]' 3; json_eq 'd["ties"]' 0  # 2025-01-06: nothing in force yet
km 0 --store "$S" --as-of 2025-06-01 network --json; json_eq 'd["ties"]' 1
json_eq '[v["partner_id"] for v in d["vertices"] if v["degree"] == 0]' '[2]'
km 0 --store "$S" network --format dot; out_has "graph"
km 0 --store "$S" network --format gexf; out_has "<gexf"
km 1 --store "$S" network --format svg
km 1 --store "$S" network --measure nonsense
km 0 --store "$S" --as-of 2025-01-05 agreement list --json; json_eq 'd["count"]' 0
km 1 --store "$S" --as-of 2025-01-05 agreement propose 1
km 5 --store "$S" --read-only agreement add --title RO --reference RO/1 --type mou
km 5 --store "$T/missing.km" agreement list
km 1 agreement list
cp "$S" "$T/broken.km"
printf 'garbage' | dd of="$T/broken.km" bs=1 seek=200 conv=notrunc 2>/dev/null
km 5 --store "$T/broken.km" agreement list
if [ "$(id -u)" -ne 0 ]; then # root writes through a read-only mode
    chmod a-w "$S"
    km 5 --store "$S" agreement add --title RO --reference RO/1 --type mou
    chmod u+w "$S"
fi

# ---------------------------------------------------------------------------
# The demo
# ---------------------------------------------------------------------------
unset KEMITRAAN_TEST_CLOCK
km 0 demo "$T/demo.km"; out_has "Dinas"; out_has "intact"
km 4 demo "$T/demo.km"
km 0 verify --store "$T/demo.km" --json; json_eq 'd["intact"]' True
km 0 --store "$T/demo.km" stats --json; json_eq 'd["partners"]' 60; json_eq 'd["agreements"]' 40
km 0 --store "$T/demo.km" report --as-of 2025-12-31 --json; json_eq 'd["disputes_open"]' 1
json_eq 'd["health_index"] > 0' True
json_eq 'd["most_isolated"][0]["degree"]' 0
km 0 --store "$T/demo.km" dispute list --json; json_eq '[x["status"] for x in d["disputes"]]' '["closed", "filed"]'
km 0 --store "$T/demo.km" measurement list --json; json_eq 'd["count"] > 200' True
km 0 --store "$T/demo.km" --lang id report --as-of 2024-06-30; out_has "Dinas"
km 0 --store "$T/demo.km" network --top 5 --json; json_eq 'len(d["vertices"])' 5
km 0 --store "$T/demo.km" match 24 --limit 3 --json; json_eq 'len(d["suggestions"])' 3; json_eq 'd["suggestions"][0]["score"] > 0' True
km 0 --store "$T/demo.km" match 24 --kind academic --json; json_eq 'd["partner_id"]' 24
km 2 --store "$T/demo.km" match 999
km 1 --store "$T/demo.km" match 24 --kind nosuch
km 1 --store "$T/demo.km" match
km 0 demo "$T/demo2.km" --json; json_ok; json_eq 'd["verify"]["intact"]' True
json_eq 'sorted(d.keys())' '["brokers", "report", "store", "verify", "water_agreements"]'
json_eq 'len(d["brokers"])' 8; json_eq 'd["report"]["disputes_open"]' 1; json_eq 'len(d["water_agreements"]) > 0' True
if cmp -s "$T/demo.km" "$T/demo2.km"; then ok; else last="demo determinism"; bad "two demo stores differ"; fi
# export: the whole network (the demo's data file itself is a load script: cli.load)
km 0 --lang en --store "$T/demo.km" export; json_ok; json_eq 'len(d["partners"])' 60; json_eq 'len(d["agreements"])' 40
json_eq 'd["format"]' '"kemitraan-export-1"'; json_eq 'len(d["disputes"])' 2
for c in "agreement list" "agreement show 1" "agreement milestone-list 1" "agreement check 1" "agreement versions 1" \
         "framework list" "framework show 1" "commitment list" "commitment show 1" "commitment tranche-list 1" \
         "commitment ledger-list 1" "commitment totals" "report" "network" "indicator list" "measurement list" \
         "scorecard" "dispute list" "dispute show 1" "labels"; do
    # shellcheck disable=SC2086
    km 0 --store "$T/demo.km" $c --json; json_ok
done

finish
