#!/usr/bin/env bash
# End-to-end tests of the kemitraan tool's opportunity and interest commands
# (docs/cli.md, "Opportunities and expressions of interest"): a call for
# partners from draft to award, expressions of interest with a consortium,
# eligibility, discovery, suggestions, paging, export, every error class.
#
#   tests/cli/run_opportunity.sh path/to/kemitraan
#
# The harness is tests/cli/lib.sh. The fixture is built here with the tool.
set -u

. "$(dirname "$0")/lib.sh" "$@"

S=$T/o.km
export KEMITRAAN_STORE=$S
export KEMITRAAN_TEST_CLOCK=2025-01-20T09:00+07:00
export KEMITRAAN_ACTOR=admin:cli-test

# ---------------------------------------------------------------------------
# Fixture: a publisher, four applicants, a framework
# ---------------------------------------------------------------------------
km 0 init
km 0 partner add --name "Dinas PUPR Jabar" --external-id ID-KEMENDAGRI-32-DPUPR --kind regional_government --region 32
km 0 partner add --name "PT Tirta Priangan" --external-id ID-NIB-8120000000001 --kind private_business --region 32.73 \
    --capability engineering --capability water-treatment --sector water
km 0 partner add --name "Institut Teknologi Bandung" --external-id ID-DIKTI-001001 --kind academic --region 32.73.02 \
    --capability research --sector water
km 0 partner add --name "Yayasan Air Jakarta" --external-id ID-AHU-AHU0000001.AH.01.04 --kind ngo --region 31 --sector water
km 0 partner add --name "PT Jaya Konstruksi" --external-id ID-NIB-8120000000005 --kind private_business --region 32.04 \
    --capability engineering
km 0 framework add --name "KPBU Air" --legal-reference "Perpres 38/2015" --allow-type ppp --allow-type grant

# ---------------------------------------------------------------------------
# create: every field, people (en, id) and JSON
# ---------------------------------------------------------------------------
km 0 --lang en opportunity create --publisher 1 --title "Penjajakan minat SPAM Regional Bandung Raya" \
    --description "Air minum curah untuk tiga kota" --type ppp --framework 1 --sector water --sector infrastructure \
    --capability engineering --capability water-treatment --region 32.73 --grant-ceiling 500000000.50 --currency IDR \
    --assistance "Pendampingan penyusunan studi" --assistance-quantity 40 --assistance-unit person-day \
    --eligible-kind private_business --eligible-kind academic --eligible-region 32 --min-completed 0 \
    --no-open-disputes --partners-sought 2 --opening 2025-02-01 --closing 2025-02-28 \
    --partner-roles implementing,private_party --publisher-roles accountable,public_authority --award-mode joint
out_has "Penjajakan minat SPAM Regional Bandung Raya"
out_has "Rp500,000,000.50"; out_has "grant ceiling"; out_has "Public-private partnership"; out_has "one joint agreement"
out_has "Private business, Academic"; out_has "private party"; out_lacks "private_party"; out_has "draft"
km 0 --lang id opportunity show 1
out_has "Rp500.000.000,50"; out_has "pagu hibah"; out_has "draf"; out_has "peran penerbit"
km 0 opportunity show 1 --json --on 2025-02-10; json_ok
json_eq 'd["id"]' 1; json_eq 'd["publisher_id"]' 1; json_eq 'd["status"]' '"draft"'
json_eq 'd["status_on"]' '"draft"'; json_eq 'd["accepting_on"]' False; json_eq 'd["as_of_date"]' '"2025-02-10"'
json_eq 'd["type"]' '"ppp"'; json_eq 'd["framework_id"]' 1; json_eq 'd["sectors"]' '["water", "infrastructure"]'
json_eq 'd["capabilities"]' '["engineering", "water-treatment"]'; json_eq 'd["region"]' '"32.73"'
json_eq 'd["grant_ceiling"]' '"500000000.50"'; json_eq 'd["currency"]' '"IDR"'
json_eq 'd["assistance"]' '"Pendampingan penyusunan studi"'; json_eq 'd["assistance_quantity"]' 40
json_eq 'd["assistance_unit"]' '"person-day"'; json_eq 'd["eligible_kinds"]' '["private_business", "academic"]'
json_eq 'd["eligible_region"]' '"32"'; json_eq 'd["min_completed"]' 0; json_eq 'd["no_open_disputes"]' True
json_eq 'd["partners_sought"]' 2; json_eq 'd["opening_date"]' '"2025-02-01"'; json_eq 'd["closing_date"]' '"2025-02-28"'
json_eq 'd["partner_roles"]' '["implementing", "private_party"]'
json_eq 'd["publisher_roles"]' '["accountable", "public_authority"]'
json_eq 'd["award_mode"]' '"joint"'; json_eq 'd["award_mode_label"]' '"one joint agreement"'
json_eq 'd["description"]' '"Air minum curah untuk tiga kota"'; json_eq 'd["closed_as_of"]' None
json_eq 'd["selected_count"]' 0; json_eq 'd["agreement_count"]' 0; json_eq 'd["agreements"]' '[]'; json_eq 'd["version"]' 1
json_eq 'd["created"]' '"2025-01-20T02:00:00Z"'

# a second, minimal one (defaults) and a third to cancel
km 0 opportunity create --publisher 1 --title "Hibah riset air" --type grant --opening 2025-02-01 --closing 2025-03-31 --json
json_eq 'd["id"]' 2; json_eq 'd["award_mode"]' '"separate"'; json_eq 'd["partner_roles"]' '["implementing"]'
json_eq 'd["publisher_roles"]' '["accountable"]'; json_eq 'd["partners_sought"]' 1; json_eq 'd["grant_ceiling"]' None
json_eq 'd["eligible_kinds"]' '[]'
km 0 opportunity create --publisher 1 --title "Dibatalkan" --opening 2025-02-01 --closing 2025-02-10 --json
json_eq 'd["type"]' '"mou"'

# create: usage errors (exit 1) and rule violations (exit 3 naming the field)
km 1 opportunity create --publisher 1 --title X --opening 2025-02-30 --closing 2025-03-01; err_has "--opening"
km 1 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --grant-ceiling 1.001 --currency IDR
err_has "--grant-ceiling"
km 1 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --grant-ceiling -5 --currency IDR
km 1 opportunity create --publisher x --title X; err_has "--publisher"
km 1 opportunity create --publisher 1 --title X --type nosuch; err_has "nosuch"
km 1 opportunity create --publisher 1 --title X --award-mode both; err_has "separate, joint"
km 1 opportunity create --publisher 1 --title X --eligible-kind martian; err_has "--eligible-kind"
km 1 opportunity create --publisher 1 --title X --partner-roles boss; err_has "--partner-roles"
km 1 opportunity create --publisher 1 --title X --assistance-quantity many; err_has "--assistance-quantity"
km 3 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --assistance-quantity -4 \
    --assistance-unit hari; err_has "opportunity.assistance_quantity: must not be negative"
km 3 interest submit --opportunity 2 --partner 3 --statement S --quantity -2 --unit ha; err_has "interest.contribution_quantity"
km 1 opportunity create --title X --opening 2025-02-01 --closing 2025-03-01; err_has "--publisher"
km 1 opportunity create --publisher 1 --title; err_has "--title"
km 1 opportunity create --publisher 1 --nosuch 1; err_has "--nosuch"
km 1 opportunity frobnicate; err_has "frobnicate"
km 3 opportunity create --publisher 1 --title X --opening 2025-03-01 --closing 2025-02-01; err_has "opportunity.closing_date"
km 3 opportunity create --publisher 1 --title "" --opening 2025-02-01 --closing 2025-03-01; err_has "opportunity.title"
km 3 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --assistance-quantity 3
err_has "opportunity.assistance_unit"
km 3 --lang id opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --type mou --framework 1
err_has "opportunity."
km 2 opportunity create --publisher 99 --title X --opening 2025-02-01 --closing 2025-03-01
km 2 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01 --framework 9
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 opportunity create --publisher 1 --title X --opening 2025-02-01 --closing 2025-03-01

# ---------------------------------------------------------------------------
# update (draft: any field; starts from the current values)
# ---------------------------------------------------------------------------
km 0 opportunity update 2 --assistance-quantity 10 --assistance-unit person-day --json
json_eq 'd["assistance_quantity"]' 10; json_eq 'd["version"]' 2
km 0 opportunity update 2 --assistance-unit hari --sector "" --capability research --eligible-kind "" --json
json_eq 'd["assistance_quantity"]' 10; json_eq 'd["assistance_unit"]' '"hari"'; json_eq 'd["capabilities"]' '["research"]'
json_eq 'd["sectors"]' '[]'
km 1 opportunity update 2 --currency USD; err_has "--grant-ceiling"
km 0 opportunity update 2 --grant-ceiling 25000.5 --currency USD --json; json_eq 'd["grant_ceiling"]' '"25000.50"'
json_eq 'd["currency"]' '"USD"'
km 0 opportunity update 2 --grant-ceiling 30000 --json; json_eq 'd["grant_ceiling"]' '"30000.00"'; json_eq 'd["currency"]' '"USD"'
km 0 opportunity update 2 --currency "" --json; json_eq 'd["grant_ceiling"]' None; json_eq 'd["currency"]' None
km 0 opportunity update 1 --allow-open-disputes --json; json_eq 'd["no_open_disputes"]' False
km 0 opportunity update 1 --no-open-disputes --partner-roles implementing --json
json_eq 'd["partner_roles"]' '["implementing"]'; json_eq 'd["publisher_roles"]' '["accountable", "public_authority"]'
km 0 opportunity update 1 --partner-roles implementing,private_party --json
km 1 opportunity update 1; err_has "opportunity update"
km 1 opportunity update 1 --publisher 2; err_has "--publisher"
km 1 opportunity update; err_has "ID"
km 1 opportunity update abc --title X; err_has "abc"
km 2 opportunity update 99 --title X
km 3 opportunity update 1 --closing 2024-01-01; err_has "opportunity.closing_date"

# ---------------------------------------------------------------------------
# eligibility before opening; open; list and count with every filter
# ---------------------------------------------------------------------------
km 0 --lang en opportunity eligibility 1 4
out_has "eligible"; out_has "no"; out_has "eligible partner kind"; out_has "region 31 is outside 32"
km 0 opportunity eligibility 1 4 --co-applicant 1 --json; json_ok
json_eq 'd["eligible"]' False; json_eq 'd["count"]' 4; json_eq 'd["co_applicant_ids"]' '["1"]'
json_eq '[f["code"] for f in d["failures"]]' '["kind", "region", "not_publisher", "kind"]'
json_eq '[f["failed_rule"] for f in d["failures"]]' '["kind", "region", "not_publisher", "kind"]'
json_eq '[f["partner_id"] for f in d["failures"]]' '[4, 4, 1, 1]'
json_eq 'd["failures"][0]["failed_rule_label"] != ""' True
json_eq '"partner 4" in d["failures"][0]["message"]' True
km 0 --lang id opportunity eligibility 1 4; out_has "aturan"; out_has "layak"
km 0 opportunity eligibility 1 2 --co-applicant 3 --json; json_eq 'd["eligible"]' True; json_eq 'd["failures"]' '[]'
km 1 opportunity eligibility 1; err_has "PARTNER"
km 1 opportunity eligibility 1 2 --co-applicant x; err_has "--co-applicant"
km 2 opportunity eligibility 9 2
km 2 opportunity eligibility 1 99
km 3 opportunity eligibility 1 2 --co-applicant 2

export KEMITRAAN_TEST_CLOCK=2025-01-25T09:00+07:00
km 0 opportunity open 1 --json; json_eq 'd["status"]' '"open"'
km 0 opportunity open 2 --json; json_eq 'd["status"]' '"open"'
km 4 opportunity open 1; err_has "opportunity"
km 0 --lang en opportunity list
out_has "Penjajakan minat"; out_has "Hibah riset air"; out_has "open"; out_has "closing date"
km 0 opportunity list --json; json_ok; json_eq 'd["count"]' 3; json_eq 'd["next_cursor"]' None
json_eq '[o["id"] for o in d["opportunities"]]' '[1, 2, 3]'; json_eq '"agreements" in d["opportunities"][0]' False
km 0 opportunity list --status open --json; json_eq 'd["count"]' 2
km 0 opportunity list --status draft --json; json_eq '[o["id"] for o in d["opportunities"]]' '[3]'
km 0 opportunity list --status closed --status-on 2025-03-05 --json; json_eq '[o["id"] for o in d["opportunities"]]' '[1]'
km 0 opportunity list --open-on 2025-03-15 --json; json_eq '[o["id"] for o in d["opportunities"]]' '[2]'
km 0 opportunity list --sector water --json; json_eq '[o["id"] for o in d["opportunities"]]' '[1]'
km 0 opportunity list --capability research --json; json_eq '[o["id"] for o in d["opportunities"]]' '[2]'
km 0 opportunity list --region 32 --json; json_eq '[o["id"] for o in d["opportunities"]]' '[1]'
km 0 opportunity list --type grant --json; json_eq '[o["id"] for o in d["opportunities"]]' '[2]'
km 0 opportunity list --framework 1 --publisher 1 --json; json_eq '[o["id"] for o in d["opportunities"]]' '[1]'
km 0 opportunity list --publisher 2 --json; json_eq 'd["count"]' 0
# pages: the cursor of one page continues on the next
km 0 opportunity list --limit 2 --json; json_eq 'd["count"]' 2; json_eq 'd["next_cursor"] is not None' True
CUR=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 opportunity list --limit 2 --cursor "$CUR" --json; json_eq '[o["id"] for o in d["opportunities"]]' '[3]'
json_eq 'd["next_cursor"]' None
km 0 opportunity list --limit 1 --all --json; json_eq 'd["count"]' 3
km 3 opportunity list --cursor garbage
km 3 opportunity list --limit 5000
km 1 opportunity list --status nosuch; err_has "draft, open, closed, awarded, cancelled"
km 1 opportunity list --open-on 2025-13-01; err_has "--open-on"
km 1 opportunity list --limit x; err_has "--limit"
km 0 opportunity count; out_is 3
km 0 opportunity count --status open --json; json_eq 'd["count"]' 2
km 0 opportunity count --open-on 2025-02-10 --sector water; out_is 1

# an open opportunity: only the description and a later closing date
km 4 opportunity update 1 --title "Judul baru"; err_has "opportunity"
km 0 opportunity update 2 --closing 2025-04-15 --json; json_eq 'd["closing_date"]' '"2025-04-15"'

# ---------------------------------------------------------------------------
# discover and suggest (before any interest)
# ---------------------------------------------------------------------------
export KEMITRAAN_TEST_CLOCK=2025-02-05T09:00+07:00
km 0 --lang en opportunity discover 2; out_has "Penjajakan minat"; out_has "score"
km 0 opportunity discover 2 --json; json_ok; json_eq 'd["partner_id"]' 2
json_eq '[r["opportunity_id"] for r in d["results"]]' '[1, 2]'; json_eq 'd["results"][0]["capability"]' 1.0
json_eq 'd["results"][0]["score"] >= d["results"][1]["score"]' True; json_eq 'd["count"]' 2
km 0 opportunity discover 2 --on 2025-03-10 --json; json_eq '[r["opportunity_id"] for r in d["results"]]' '[2]'
json_eq 'd["as_of_date"]' '"2025-03-10"'
km 0 opportunity discover 2 --limit 1 --weight capability=0 --weight sector=1 --weight region=0 --json
json_eq 'len(d["results"])' 1; json_eq 'd["results"][0]["score"]' 0.5
km 0 opportunity discover 4 --json; json_eq '[r["opportunity_id"] for r in d["results"]]' '[2]'
km 1 opportunity discover 2 --weight network=1; err_has "capability=W, sector=W, region=W"
km 1 opportunity discover 2 --weight capability=x; err_has "--weight"
km 1 opportunity discover 2 --weight capability=-1; err_has "--weight"
km 3 opportunity discover 2 --weight capability=0 --weight sector=0 --weight region=0
km 1 opportunity discover; err_has "PARTNER"
km 2 opportunity discover 99
km 0 --lang en opportunity suggest 1; out_has "PT Tirta Priangan"; out_has "candidate id"
km 0 opportunity suggest 1 --json; json_ok; json_eq 'd["opportunity_id"]' 1
json_eq '[s["candidate_id"] for s in d["suggestions"]]' '[2, 5, 3]'
json_eq 'sorted(d["suggestions"][0].keys())' \
    '["candidate_id", "capability", "disputes", "name", "network", "region", "score", "sector", "suspended", "track_record"]'
km 0 opportunity suggest 1 --kind academic --limit 5 --min-score 0.01 --weight capability=0 --include-suspended \
    --exclude-existing --no-evaluation --on 2025-02-05 --json
json_eq '[s["candidate_id"] for s in d["suggestions"]]' '[3]'
km 0 opportunity suggest 1 --limit 1 --json; json_eq 'd["count"]' 1
km 1 opportunity suggest 1 --weight nosuch=1; err_has "track_record=W"
km 1 opportunity suggest 1 --min-score high; err_has "--min-score"
km 3 opportunity suggest 1 --kind 99; err_has "options.kind"
km 1 opportunity suggest 1 --weight disputes=-0.5; err_has "--weight"
km 2 opportunity suggest 99

# ---------------------------------------------------------------------------
# interests: submit, show, consent, list, count; errors
# ---------------------------------------------------------------------------
km 0 --lang en interest submit --opportunity 1 --partner 2 --statement "Kami siap membangun IPA 1.000 l/detik" \
    --capability engineering --capability water-treatment --contribution 2500000000.00 --currency IDR \
    --quantity 20 --unit hectare --co-applicant 3
out_has "Rp2,500,000,000.00"; out_has "submitted"; out_has "co-applicants"; out_has "money contribution"
km 0 interest show 1 --json; json_ok
json_eq 'd["id"]' 1; json_eq 'd["opportunity_id"]' 1; json_eq 'd["partner_id"]' 2; json_eq 'd["status"]' '"submitted"'
json_eq 'd["statement"]' '"Kami siap membangun IPA 1.000 l/detik"'
json_eq 'd["capabilities"]' '["engineering", "water-treatment"]'; json_eq 'd["contribution_amount"]' '"2500000000.00"'
json_eq 'd["contribution_currency"]' '"IDR"'; json_eq 'd["contribution_quantity"]' 20
json_eq 'd["contribution_unit"]' '"hectare"'; json_eq 'd["co_applicant_count"]' 1
json_eq 'd["co_applicants"]' '[{"partner_id": 3, "consented": null}]'; json_eq 'd["agreement_id"]' None
json_eq 'd["version"]' 1; json_eq 'd["created"]' '"2025-02-05T02:00:00Z"'
km 0 --lang id interest show 1; out_has "diajukan"; out_has "anggota konsorsium"; out_has "Rp2.500.000.000,00"
# the same partner again, the publisher, an ineligible one, a closed call
km 4 interest submit --opportunity 1 --partner 3 --statement "lagi"; err_has "interest"
km 3 interest submit --opportunity 1 --partner 4 --statement "LSM"; err_has "interest.eligibility"
km 3 --lang id interest submit --opportunity 1 --partner 4 --statement "LSM"; err_has "interest.eligibility"
km 3 interest submit --opportunity 1 --partner 5 --statement ""; err_has "interest.statement"
km 3 interest submit --opportunity 1 --partner 5 --statement S --quantity 3; err_has "interest.contribution_unit"
km 4 interest submit --opportunity 3 --partner 5 --statement S
km 2 interest submit --opportunity 9 --partner 5 --statement S
km 2 interest submit --opportunity 1 --partner 99 --statement S
km 1 interest submit --opportunity 1 --partner 5 --statement S --contribution 1,5 --currency IDR; err_has "--contribution"
km 1 interest submit --opportunity 1 --partner 5 --statement S --co-applicant z; err_has "--co-applicant"
km 1 interest submit --partner 5 --statement S; err_has "--opportunity"
km 1 interest submit --opportunity 1 --statement S; err_has "--partner"
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 interest submit --opportunity 1 --partner 5 --statement S
# the partner itself may submit (actor = its external id)
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000005" 0 interest submit --opportunity 1 --partner 5 --statement "Kontraktor" \
    --capability engineering --json
json_eq 'd["id"]' 2; json_eq 'd["contribution_amount"]' None; json_eq 'd["co_applicants"]' '[]'
km 0 interest submit --opportunity 2 --partner 3 --statement "Riset kualitas air" --json; json_eq 'd["id"]' 3

# consent: the co-applicant itself, or admin
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000005" 7 interest consent 1 --partner 3
km 2 interest consent 1 --partner 5
km 1 interest consent 1; err_has "--partner"
km 0 interest consent 1 --partner 3 --json; json_eq 'd["co_applicants"][0]["consented"]' '"2025-02-05T02:00:00Z"'
km 4 interest consent 1 --partner 3

km 0 --lang en interest list; out_has "opportunity id"; out_has "submitted"
km 0 interest list --json; json_eq 'd["count"]' 3; json_eq '[e["id"] for e in d["interests"]]' '[1, 2, 3]'
json_eq '"co_applicants" in d["interests"][0]' False
km 0 interest list --opportunity 1 --json; json_eq '[e["id"] for e in d["interests"]]' '[1, 2]'
km 0 interest list --partner 2 --json; json_eq '[e["id"] for e in d["interests"]]' '[1]'
km 0 interest list --member 3 --json; json_eq '[e["id"] for e in d["interests"]]' '[1, 3]'
km 0 interest list --status submitted --limit 2 --json; json_eq 'd["count"]' 2; json_eq 'd["next_cursor"] is None' False
CUR=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 interest list --status submitted --limit 2 --cursor "$CUR" --json; json_eq '[e["id"] for e in d["interests"]]' '[3]'
km 0 interest list --limit 1 --all --json; json_eq 'd["count"]' 3
km 1 interest list --status pending; err_has "submitted, shortlisted, selected, rejected, withdrawn"
km 3 interest list --cursor nope
km 0 interest count --opportunity 1; out_is 2
km 0 interest count --member 3 --json; json_eq 'd["count"]' 2
km 2 interest show 99
km 1 interest show x; err_has "x"

# discovery leaves out what a partner already answered; suggestions leave out who answered
km 0 opportunity discover 2 --json; json_eq '[r["opportunity_id"] for r in d["results"]]' '[2]'
km 0 opportunity suggest 1 --json; json_eq '[s["candidate_id"] for s in d["suggestions"]]' '[]'

# ---------------------------------------------------------------------------
# the moves: shortlist, reject, withdraw, transition; select; close; award
# ---------------------------------------------------------------------------
km 0 interest shortlist 1 --json; json_eq 'd["status"]' '"shortlisted"'
km 4 interest shortlist 1
km 3 interest reject 2; err_has "reason"
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000005" 7 interest reject 2 --reason "bukan penerbit"
km 0 --lang en interest transition 2 rejected --reason "pengalaman kurang"; out_has "rejected"; out_has "pengalaman kurang"
km 1 interest transition 2; err_has "STATUS"
km 1 interest transition 2 lost; err_has "lost"
km 4 interest transition 2 submitted
km 0 interest withdraw 3 --reason "fokus ke proyek lain" --json; json_eq 'd["status"]' '"withdrawn"'
json_eq 'd["status_reason"]' '"fokus ke proyek lain"'
km 2 interest withdraw 99
# select needs a closed opportunity
km 4 interest select 1; err_has "opportunity"
km 0 opportunity close 1 --reason "cukup minat" --json; json_eq 'd["status"]' '"closed"'
json_eq 'd["status_reason"]' '"cukup minat"'
km 1 interest select 1 --start 2025-04-31; err_has "--start"
km 0 --lang en interest select 1 --reference SPAM/BR/2025 --title "KPBU SPAM Bandung Raya" --start 2025-04-01 \
    --end 2045-03-31
out_has "SPAM/BR/2025"; out_has "KPBU SPAM Bandung Raya"; out_has "draft"
km 0 interest show 1 --json; json_eq 'd["status"]' '"selected"'; json_eq 'd["agreement_id"]' 1
km 0 agreement show 1 --json; json_eq '[p["partner_id"] for p in d["party_list"]]' '[1, 2, 3]'
km 4 interest select 1
km 0 interest list --agreement 1 --json; json_eq '[e["id"] for e in d["interests"]]' '[1]'
km 0 opportunity show --agreement 1 --json; json_eq 'd["id"]' 1; json_eq 'd["selected_count"]' 1
json_eq 'd["agreement_count"]' 1; json_eq 'd["agreements"][0]["agreement_id"]' 1
json_eq 'd["agreements"][0]["reference"]' '"SPAM/BR/2025"'; json_eq 'd["agreements"][0]["status"]' '"draft"'
km 2 opportunity show --agreement 99
km 1 opportunity show 1 --agreement 1; err_has "1"
km 1 opportunity show; err_has "ID"
km 1 opportunity show 1 --on yesterday; err_has "--on"
km 2 opportunity show 42
km 4 opportunity cancel 1 --reason "terlambat"
km 0 --lang en opportunity award 1 --reason "ditetapkan"
out_has "awarded"; out_has "SPAM/BR/2025"; out_has "agreements"
km 0 --lang id opportunity show 1; out_has "ditetapkan"; out_has "SPAM/BR/2025"
km 4 opportunity award 1

# cancel (reason needed), transition, close-due
km 3 opportunity cancel 3; err_has "reason"
km 0 opportunity transition 3 cancelled --reason "digabung" --json; json_eq 'd["status"]' '"cancelled"'
km 4 opportunity transition 3 open
km 1 opportunity transition 3; err_has "STATUS"
km 1 opportunity transition 3 gone; err_has "gone"
km 0 opportunity show 2 --on 2025-04-16 --json; json_eq 'd["status"]' '"open"'; json_eq 'd["status_on"]' '"closed"'
json_eq 'd["accepting_on"]' False
km 0 opportunity show 2 --on 2025-04-15 --json; json_eq 'd["accepting_on"]' True
export KEMITRAAN_TEST_CLOCK=2025-04-20T09:00+07:00
km 0 opportunity close-due --date 2025-04-15 --json; json_eq 'd["closed_count"]' 0; json_eq 'd["as_of_date"]' '"2025-04-15"'
kme "KEMITRAAN_ACTOR=someone" 0 --lang en opportunity close-due; out_has "opportunities closed"; out_has "1"
km 0 opportunity show 2 --json; json_eq 'd["status"]' '"closed"'; json_eq 'd["closed_as_of"]' '"2025-04-20"'
km 1 opportunity close-due --date 2025/04/20; err_has "--date"

# ---------------------------------------------------------------------------
# labels, export, help, time travel, read-only
# ---------------------------------------------------------------------------
# people output: labels, never machine names (no snake_case word) in either language
for l in id en; do
    for c in "opportunity show 1" "opportunity list" "opportunity count --status open" "interest show 1" "interest list" \
             "opportunity eligibility 1 4 --co-applicant 1" "opportunity discover 3" "opportunity suggest 2" \
             "opportunity close-due --date 2025-04-01"; do
        # shellcheck disable=SC2086
        km 0 --lang $l $c
        if grep -q -E '[a-z]+_[a-z_]+' out; then bad "machine name in people output: $(grep -m1 -E '[a-z]+_[a-z_]+' out)"; else ok; fi
    done
done
km 0 labels opportunity_status --json; json_ok; out_has '"awarded"'
km 0 --lang id labels interest_status; out_has "terpilih"
km 0 labels award_mode --json; out_has '"joint"'
km 0 labels eligibility_rule --json; out_has '"no_open_disputes"'
km 0 export; json_ok; json_eq 'len(d["opportunities"])' 3; json_eq 'len(d["interests"])' 3
json_eq 'd["opportunities"][0]["agreements"][0]["agreement_id"]' 1
json_eq 'd["interests"][0]["co_applicants"][0]["partner_id"]' 3
json_eq 'd["opportunities"][0]["grant_ceiling"]' '"500000000.50"'
km 0 opportunity --help; out_has "discover"; out_has "suggest"; out_has "close-due"
km 0 interest --help; out_has "shortlist"; out_has "consent"
km 0 opportunity create --help; out_has "--eligible-kind"; out_has "kemitraan opportunity create"
km 0 --lang id interest select --help; out_has "perjanjian"
km 0 --help; out_has "opportunity"; out_has "interest"
km 0 --as-of 2025-01-24 opportunity list --json; json_eq 'd["count"]' 3; json_eq 'd["opportunities"][0]["status"]' '"draft"'
km 0 --as-of 2025-01-31 interest count; out_is 0
km 1 --as-of 2025-01-31 opportunity open 3
km 5 --read-only opportunity create --publisher 1 --title RO --opening 2025-05-01 --closing 2025-05-31
err_has "read-only"
km 5 --read-only interest submit --opportunity 2 --partner 5 --statement RO
km 0 --read-only opportunity show 1 --json; json_eq 'd["status"]' '"awarded"'
if [ "$(id -u)" -ne 0 ]; then # root writes through a read-only mode
    chmod a-w "$S"
    km 5 opportunity cancel 2 --reason x
    chmod u+w "$S"
fi
km 5 --store "$T/missing.km" opportunity list
km 5 --store "$T/missing.km" interest show 1
env -u KEMITRAAN_STORE "$KM" opportunity list >out 2>err </dev/null
if [ $? -eq 1 ] && [ ! -s out ]; then ok; else last="opportunity list without a store"; bad "expected exit 1"; fi


# a load script (docs/cli.md, load) drives the same commands, '@name' for the ids they print
cat >"$T/opp-script.json" <<'EOF2'
{"format": "kemitraan-script-1", "title": "opportunity chain",
 "steps": [
  {"at": "2025-01-10T09:00:00+07:00", "as": "pub", "cmd": ["partner", "add", "--name", "Dinas", "--external-id",
   "ID-X-1", "--kind", "regional_government", "--region", "32"]},
  {"as": "co", "cmd": ["partner", "add", "--name", "PT A", "--external-id", "ID-X-2", "--kind", "private_business",
   "--region", "32.73", "--capability", "engineering"]},
  {"as": "opp", "cmd": ["opportunity", "create", "--publisher", "@pub", "--title", "Call", "--opening", "2025-01-10",
   "--closing", "2025-01-31", "--capability", "engineering"]},
  {"cmd": ["opportunity", "open", "@opp"]},
  {"at": "2025-01-15T09:00:00+07:00", "as": "eoi", "cmd": ["interest", "submit", "--opportunity", "@opp",
   "--partner", "@co", "--statement", "Siap"]},
  {"at": "2025-02-03T09:00:00+07:00", "cmd": ["opportunity", "close-due", "--date", "2025-02-03"]},
  {"as": "agr", "cmd": ["interest", "select", "@eoi"]},
  {"cmd": ["agreement", "update", "@agr", "--purpose", "Air minum"]},
  {"cmd": ["opportunity", "award", "@opp"]}
 ]}
EOF2
km 0 --store "$T/l.km" init
km 0 --store "$T/l.km" load "$T/opp-script.json" --json; json_eq 'd["opportunities"]' 1; json_eq 'd["interests"]' 1
# entry 6 is the close by date; the award (entry 9) keeps its date
km 0 --store "$T/l.km" --as-of-seq 7 opportunity show 1 --json; json_eq 'd["status"]' '"closed"'
json_eq 'd["closed_as_of"]' '"2025-02-03"'; json_eq 'd["selected_count"]' 1
km 0 --store "$T/l.km" opportunity show 1 --json; json_eq 'd["status"]' '"awarded"'; json_eq 'd["closed_as_of"]' '"2025-02-03"'
json_eq 'd["agreements"][0]["reference"]' '"OPP-1/EOI-1"'
km 0 --store "$T/l.km" agreement show 1 --json; json_eq 'd["purpose"]' '"Air minum"'

finish
