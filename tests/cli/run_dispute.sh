#!/usr/bin/env bash
# End-to-end tests of `kemitraan dispute` (docs/cli.md, "Disputes"): filing
# with commitments and milestones, the whole record in show, the state
# machine (moves), mediators and conflicts of interest, sessions, the
# agreement's suspension, deadlines and their extension, overdue disputes
# and who owes the next step, policies, the report, caseloads, and every
# class of error.
#
#   tests/cli/run_dispute.sh path/to/kemitraan
#
# The fixture is built here through the tool (the demo is not used).
set -u

. "$(dirname "$0")/lib.sh" "$@"

export KEMITRAAN_STORE=$T/d.km
export KEMITRAAN_TEST_CLOCK=2025-01-06T09:00+07:00
export KEMITRAAN_ACTOR=admin:cli-test
at() { KEMITRAAN_TEST_CLOCK=$1; export KEMITRAAN_TEST_CLOCK; }

# ---------------------------------------------------------------------------
# Fixture: five partners, a framework, agreement 1 (active, three parties,
# a milestone and a commitment), agreement 2 (signed: partner 5 with 1)
# ---------------------------------------------------------------------------
km 0 init
km 0 partner add --name "Dinas PUPR" --external-id ID-KEMENDAGRI-32-DPUPR --kind regional_government
km 0 partner add --name "PT Tirta" --external-id ID-NIB-8120000000001 --kind private_business
km 0 partner add --name "Yayasan Air" --external-id ID-AHU-AHU0000001.AH.01.04 --kind ngo
km 0 partner add --name "Biro Hukum" --external-id ID-KEMENDAGRI-32-BIROHUKUM --kind government_agency
km 0 partner add --name "Universitas Padjadjaran" --external-id ID-PDDIKTI-001002 --kind academic
km 0 framework add --name "Hibah Daerah" --allow-type grant --allow-type mou
km 0 agreement add --title "Hibah Air" --reference H/1 --type grant --start 2025-02-01 --end 2026-01-31 \
    --framework 1 --party 1:funding,accountable --party 2:implementing --party 3:implementing
km 0 agreement propose 1
for p in 1 2 3; do km 0 agreement sign 1 --partner $p; done
km 0 agreement activate 1
km 0 agreement add --title "MoU Riset" --reference M/1 --type mou --start 2025-01-01 --end 2025-12-31 \
    --party 1:accountable --party 5:implementing
km 0 agreement propose 2
km 0 agreement sign 2 --partner 1
km 0 agreement sign 2 --partner 5
km 0 agreement milestone-add 1 --type payment --title "Termin II" --due 2025-06-30
km 0 commitment add --agreement 1 --provider 1 --recipient 3 --kind grant --title Hibah --amount 1000.00 --currency IDR

# ---------------------------------------------------------------------------
# file and show: everything a dispute has
# ---------------------------------------------------------------------------
km 0 dispute file --agreement 1 --claimant 3 --respondent 1 --category payment --severity high \
    --description "Termin II terlambat" --relief "Cairkan termin II" --commitment 1 --milestone 1 --json
json_eq 'd["id"]' 1; json_eq 'd["respondents"]' '[1]'; json_eq 'd["commitments"]' '[1]'; json_eq 'd["milestones"]' '[1]'
json_eq 'd["relief"]' '"Cairkan termin II"'; json_eq 'd["due_date"]' '"2025-01-20"'; json_eq 'd["stage_date"]' '"2025-01-06"'
json_eq 'd["outcome"]' None; json_eq 'd["forum"]' None; json_eq 'd["settled_in"]' None; json_eq 'd["holds_suspension"]' False
json_eq 'd["status_time"]' '"2025-01-06T02:00:00Z"'
json_eq '[(p["partner_id"], p["dispute_role"]) for p in d["party_list"]]' '[[3, "claimant"], [1, "respondent"]]'
json_eq '[s["status"] for s in d["stages"]]' '["filed"]'
# bad references are the library's to refuse, naming the field
km 2 dispute file --agreement 1 --claimant 3 --respondent 1 --description X --commitment 99; err_has "commitment"
km 2 dispute file --agreement 1 --claimant 3 --respondent 1 --description X --milestone 7; err_has "milestone"
km 3 dispute file --agreement 1 --claimant 3 --respondent 1 --description ""; err_has "description"
km 3 dispute file --agreement 1 --claimant 3 --respondent 3 --description X; err_has "respondent"
km 1 dispute file --agreement 1 --claimant 3 --respondent 1 --description X --commitment abc; err_has "--commitment"
km 1 dispute file --agreement 1 --claimant 3 --respondent 1 --description X --milestone -1; err_has "--milestone"
km 1 dispute file --agreement 1 --claimant 3 --respondent 1 --description X --severity huge; err_has "critical"
# people output, both languages: labels, never machine names
km 0 --lang en dispute show 1
out_has "relief sought"; out_has "Cairkan termin II"; out_has "role in the dispute"; out_has "stages entered"
out_has "claimant"; out_lacks "holds_suspension"; out_lacks "stage_date"; out_lacks "party_list"
km 0 --lang id dispute show 1
out_has "tuntutan"; out_has "pemohon"; out_has "termohon"; out_has "pembayaran"; out_has "tahap yang dilalui"
out_lacks "dispute_role"; out_lacks "resolved_date"

# ---------------------------------------------------------------------------
# Mediators: conflicts of interest, override, assignment
# ---------------------------------------------------------------------------
km 0 dispute mediator-check 1 --partner 4 --json
json_eq 'd["count"]' 0; json_eq 'd["may_mediate"]' True; json_eq 'd["conflicts"]' '[]'
km 0 dispute mediator-check 1 --partner 2 --json
json_eq '[c["kind"] for c in d["conflicts"]]' '["party_to_agreement"]'; json_eq 'd["conflicts"][0]["overridable"]' True
json_eq 'd["conflicts"][0]["agreement_id"]' 1; json_eq 'd["may_mediate_with_override"]' True
km 0 dispute mediator-check 1 --partner 3 --json
json_eq 'd["conflicts"][0]["kind"]' '"party_to_dispute"'; json_eq 'd["may_mediate_with_override"]' False
km 0 dispute mediator-check 1 --partner 5 --json
json_eq 'd["conflicts"][0]["kind"]' '"related_agreement"'; json_eq 'd["conflicts"][0]["partner_id"]' 1
json_eq 'd["conflicts"][0]["agreement_id"]' 2; json_eq '"agreement 2" in d["conflicts"][0]["message"]' True
km 0 --lang id dispute mediator-check 1 --partner 5; out_has "dapat dikecualikan"; out_has "boleh menjadi mediator"
km 0 --lang en dispute mediator-check 1 --partner 3; out_has "party to the dispute"; out_lacks "party_to_dispute"
km 2 dispute mediator-check 1 --partner 99; err_has "99"
km 2 dispute mediator-check 42 --partner 4
km 1 dispute mediator-check 1; err_has "--partner"
km 1 dispute mediator-check 1 --partner x; err_has "--partner"
km 4 dispute assign-mediator 1 --partner 2; err_has "conflict"
km 4 dispute assign-mediator 1 --partner 3 --override-justification "x"; err_has "claimant"
km 0 dispute assign-mediator 1 --partner 2 --override-justification "Satu-satunya ahli air" --json
json_eq 'd["mediator"]' 2; json_eq 'd["mediator_override"]' '"Satu-satunya ahli air"'
json_eq 'd["party_list"][-1]' '{"partner_id": 2, "dispute_role": "mediator", "dispute_role_label": "mediator", "acknowledged": null, "consented": null}'
km 0 dispute assign-mediator 1 --partner 4 --json; json_eq 'd["mediator"]' 4; json_eq 'd["mediator_override"]' None

# ---------------------------------------------------------------------------
# Consent, acknowledgement, straight to mediation; sessions; suspension;
# deadline extension; settlement with commitments and milestones
# ---------------------------------------------------------------------------
km 0 dispute consent 1 --partner 3 --json
json_eq 'd["party_list"][0]["consented"]' '"2025-01-06T02:00:00Z"'; json_eq 'd["party_list"][1]["consented"]' None
km 4 dispute consent 1 --partner 3
km 2 dispute consent 1 --partner 5
km 0 dispute consent 1 --partner 1
# a session only in negotiation or mediation
km 4 dispute session-add 1 --date 2025-01-06 --attendee 1 --outcome X
km 0 dispute acknowledge 1 --partner 1 --note "Diterima" --json
json_eq 'd["status"]' '"acknowledged"'; json_eq 'd["party_list"][1]["acknowledged"]' '"2025-01-06T02:00:00Z"'
json_eq 'd["status_note"]' '"Diterima"'
km 4 dispute suspend-agreement 1 --reason "belum mediasi"; err_has "mediation"
at 2025-01-10T10:00+07:00
km 0 dispute mediate 1 --json; json_eq 'd["status"]' '"mediation"'; json_eq 'd["stage_date"]' '"2025-01-10"'
json_eq 'd["due_date"]' '"2025-02-09"'; json_eq '[s["status"] for s in d["stages"]]' '["filed", "acknowledged", "mediation"]'
at 2025-01-12T10:00+07:00
km 0 dispute session-add 1 --date 2025-01-12 --attendee 1 --attendee 3 --attendee 4 --outcome "Jadwal pencairan disepakati" --json
json_eq 'd' '{"number": 1, "date": "2025-01-12", "stage": "mediation", "stage_label": "mediation", "attendees": [1, 3, 4], "outcome_note": "Jadwal pencairan disepakati"}'
km 0 --lang id dispute session-add 1 --date 2025-01-13 --attendee 4 --outcome "Kunjungan lapangan"
out_has "mediasi"; out_has "hasil sesi"; out_has "Kunjungan lapangan"
km 3 dispute session-add 1 --date 2025-01-13 --attendee 4 --outcome ""; err_has "outcome"
km 3 dispute session-add 1 --date 2025-01-01 --attendee 4 --outcome X; err_has "date"
km 2 dispute session-add 1 --date 2025-01-13 --attendee 77 --outcome X; err_has "77"
km 1 dispute session-add 1 --date 2025-02-30 --attendee 4 --outcome X; err_has "YYYY-MM-DD"
km 1 dispute session-add 1 --date 2025-01-13 --attendee four --outcome X; err_has "--attendee"
km 1 dispute session-add --date 2025-01-13 --attendee 4 --outcome X; err_has "ID"
km 0 dispute sessions 1 --json; json_eq 'd["count"]' 2; json_eq '[s["number"] for s in d["sessions"]]' '[1, 2]'
json_eq 'd["sessions"][1]["attendees"]' '[4]'
km 0 --lang en dispute sessions 1; out_has "attendees"; out_has "1, 3, 4"; out_has "Jadwal pencairan disepakati"
km 2 dispute sessions 9
km 1 dispute sessions; err_has "ID"
# the mediator suspends the agreement; the dispute holds the suspension
km 3 dispute suspend-agreement 1; err_has "reason"
km 0 dispute suspend-agreement 1 --reason "Pekerjaan dihentikan selama mediasi" --json; json_eq 'd["holds_suspension"]' True
km 0 agreement show 1 --json; json_eq 'd["status"]' '"suspended"'
km 4 dispute suspend-agreement 1 --reason "lagi"
# deadline extension
km 0 dispute extend-deadline 1 --days 15 --reason "Perpanjangan mediasi" --json; json_eq 'd["due_date"]' '"2025-02-24"'
km 3 dispute extend-deadline 1 --days 0 --reason X; err_has "days"
km 3 dispute extend-deadline 1 --days 366 --reason X; err_has "days"
km 3 dispute extend-deadline 1 --days 5; err_has "reason"
km 1 dispute extend-deadline 1 --days five --reason X; err_has "--days"
km 1 dispute extend-deadline 1 --reason X; err_has "--days"
km 1 dispute extend-deadline 1 --days; err_has "needs a value"
# settle with the commitments that carry it out and the milestones it amends
at 2025-01-20T10:00+07:00
km 2 dispute settle 1 --terms T --commitment 5
km 3 dispute settle 1; err_has "terms"
km 0 dispute settle 1 --terms "Termin II dicairkan paling lambat 30 hari" --commitment 1 --milestone 1 --json
json_eq 'd["status"]' '"settled"'; json_eq 'd["settled_in"]' '"mediation"'; json_eq 'd["outcome"]' '"settled"'
json_eq 'd["resolved_date"]' '"2025-01-20"'; json_eq 'd["settlement_commitments"]' '[1]'; json_eq 'd["settlement_milestones"]' '[1]'
json_eq 'd["holds_suspension"]' False; json_eq 'd["due_date"]' None
km 0 agreement show 1 --json; json_eq 'd["status"]' '"active"'
km 0 --lang id dispute show 1; out_has "sepakat pada tahap"; out_has "mediasi"; out_has "isi kesepakatan"
km 0 --lang en dispute show 1; out_has "settlement commitments"; out_has "milestones amended by the settlement"
km 4 dispute session-add 1 --date 2025-01-21 --attendee 4 --outcome X
at 2025-02-01T10:00+07:00
km 0 dispute close 1 --note "Termin II telah dicairkan" --json; json_eq 'd["status"]' '"closed"'
json_eq 'd["outcome"]' '"settled"'; json_eq 'd["status_note"]' '"Termin II telah dicairkan"'

# ---------------------------------------------------------------------------
# Dispute 2: negotiation, a session, escalation to court (forum)
# ---------------------------------------------------------------------------
at 2025-02-03T09:00+07:00
km 0 dispute file --agreement 1 --claimant 1 --respondent 3 --category performance --description "Laporan terlambat"
km 0 dispute acknowledge 2 --partner 3
km 0 dispute negotiate 2
km 0 dispute session-add 2 --date 2025-02-05 --attendee 1 --attendee 3 --outcome "Belum sepakat" --json
json_eq 'd["stage"]' '"negotiation"'
km 1 dispute escalate 2; err_has "--forum"
km 1 dispute escalate 2 --forum moon; err_has "arbitration, court"
at 2025-02-13T09:00+07:00
km 0 dispute escalate 2 --forum court --note "Perkara 12/Pdt.G/2025" --json
json_eq 'd["forum"]' '"court"'; json_eq 'd["outcome"]' '"escalated"'; json_eq 'd["resolved_date"]' '"2025-02-13"'
km 0 --lang id dispute show 2; out_has "pengadilan"
km 0 --lang en dispute show 2; out_has "court"

# ---------------------------------------------------------------------------
# Dispute 3: two respondents, one acknowledges; overdue and who owes
# ---------------------------------------------------------------------------
at 2025-03-01T09:00+07:00
km 0 dispute file --agreement 1 --claimant 3 --respondent 1 --respondent 2 --category scope --severity medium --description "Ruang lingkup"
km 0 dispute acknowledge 3 --partner 1 --json; json_eq 'd["status"]' '"filed"'
km 0 dispute overdue --date 2025-03-20 --json; json_eq 'd["count"]' 1
json_eq 'd["overdue"][0]' '{"id": 3, "status": "filed", "status_label": "filed", "due_date": "2025-03-15", "days_overdue": 5, "owed_by": ["respondent"], "owing": [2]}'
km 0 dispute overdue --date 2025-03-15 --json; json_eq 'd["count"]' 0
km 0 dispute overdue --date 2025-03-20 --category payment --json; json_eq 'd["count"]' 0
km 0 --lang id dispute overdue --date 2025-03-20; out_has "termohon"; out_has "langkah berikutnya oleh"
km 0 --lang en dispute overdue --date 2025-03-20; out_has "next step owed by"; out_has "respondent"
km 1 dispute overdue; err_has "--date"
km 1 dispute overdue --date 2025-02-29; err_has "YYYY-MM-DD"
km 1 dispute overdue --date 2025-03-20 --status nosuch; err_has "dismissed"

# ---------------------------------------------------------------------------
# list, count: every filter of the query
# ---------------------------------------------------------------------------
km 0 dispute list --json; json_eq 'd["count"]' 3
km 0 dispute list --open --json; json_eq '[x["id"] for x in d["disputes"]]' '[2, 3]'
km 0 dispute list --mediator 4 --json; json_eq '[x["id"] for x in d["disputes"]]' '[1]'
km 0 dispute list --category scope --severity medium --json; json_eq '[x["id"] for x in d["disputes"]]' '[3]'
km 0 dispute list --filed-from 2025-02-01 --filed-to 2025-02-28 --json; json_eq '[x["id"] for x in d["disputes"]]' '[2]'
km 0 dispute list --partner 2 --json; json_eq '[x["id"] for x in d["disputes"]]' '[3]'
km 0 dispute list --limit 2 --json; json_eq '[x["id"] for x in d["disputes"]]' '[1, 2]'; json_eq 'd["next_cursor"] is not None' True
cur=$("$PY" -c 'import json; print(json.load(open("out"))["next_cursor"])')
km 0 dispute list --limit 2 --cursor "$cur" --json; json_eq '[x["id"] for x in d["disputes"]]' '[3]'; json_eq 'd["next_cursor"]' None
km 0 dispute list --limit 1 --all --json; json_eq 'd["count"]' 3
km 3 dispute list --cursor garbage
km 1 dispute list --limit many; err_has "--limit"
km 1 dispute count --limit 2; err_has "unknown option --limit"
km 0 dispute count --open; out_is 2
km 0 dispute count --status closed --json; json_eq 'd["count"]' 1
km 1 dispute list --filed-from 2025-13-01; err_has "--filed-from"
km 1 dispute count --mediator me; err_has "--mediator"

# ---------------------------------------------------------------------------
# moves: the state machine's table and who may move
# ---------------------------------------------------------------------------
km 0 dispute moves --json; json_eq 'd["count"]' 19
km 0 dispute moves 3 --json; json_eq 'd["status"]' '"filed"'
json_eq '[(m["to"], m["roles"]) for m in d["moves"]]' '[["acknowledged", ["respondent", "admin"]], ["withdrawn", ["claimant", "admin"]], ["dismissed", ["mediator", "admin"]]]'
km 0 dispute moves --from closed --json; json_eq 'd["count"]' 0
km 0 --lang id dispute moves --from settled; out_has "ditutup"; out_has "pemohon"; out_lacks "claimant"
km 1 dispute moves --from nowhere; err_has "filed"
km 1 dispute moves 3 --from filed; err_has "--from cannot be used with ID"
km 2 dispute moves 44

# ---------------------------------------------------------------------------
# policy: the built-in default, the network's, a framework's
# ---------------------------------------------------------------------------
km 0 dispute policy --json; json_eq 'd["source"]' '"default"'; json_eq 'd["mediation_days"]' 30
json_eq 'd["utc_offset"]' '"+07:00"'; json_eq 'd["mediator_kinds"]' '[]'
km 0 dispute policy-set --suspend-during-mediation yes --mediation-days 45 --json
json_eq 'd["source"]' '"network"'; json_eq 'd["suspend_during_mediation"]' True; json_eq 'd["mediation_days"]' 45
json_eq 'd["acknowledge_days"]' 14
km 0 dispute policy --framework 1 --json; json_eq 'd["source"]' '"network"'; json_eq 'd["framework_id"]' 1; json_eq 'd["mediation_days"]' 45
km 0 dispute policy-set --framework 1 --mediator-kind government_agency --mediator-kind regional_government --utc-offset +08:00 --json
json_eq 'd["source"]' '"framework"'; json_eq 'd["mediator_kinds"]' '["government_agency", "regional_government"]'
json_eq 'd["utc_offset_minutes"]' 480; json_eq 'd["mediation_days"]' 45
km 0 --lang id dispute policy --framework 1; out_has "kebijakan kerangka ini"; out_has "Pemerintah daerah"; out_has "+08:00"
km 0 --lang en dispute policy; out_has "the network's policy"; out_has "days of mediation"
# the framework's kinds rule now gives a conflict for the NGO... and for partner 5
km 0 dispute mediator-check 3 --partner 5 --json; json_eq '"kind" in [c["kind"] for c in d["conflicts"]]' True
km 0 dispute policy-set --framework 1 --mediator-kind any --json; json_eq 'd["mediator_kinds"]' '[]'
km 0 dispute policy-set --framework 1 --reset --json; json_eq 'd["mediation_days"]' 30; json_eq 'd["suspend_during_mediation"]' False
km 3 dispute policy-set --acknowledge-days 4000; err_has "acknowledge_days"
km 3 dispute policy-set --utc-offset +15:00; err_has "offset"
km 1 dispute policy-set --utc-offset 0700; err_has "+HH:MM"
km 1 dispute policy-set --utc-offset +07:60; err_has "+HH:MM"
km 1 dispute policy-set --suspend-during-mediation maybe; err_has "yes, no"
km 1 dispute policy-set --mediator-kind wizard; err_has "--mediator-kind"
km 1 dispute policy-set --start-days -1; err_has "--start-days"
km 1 dispute policy-set --framework 1; err_has "nothing to update"
km 1 dispute policy-set --framework; err_has "needs a value"
km 2 dispute policy --framework 9
km 2 dispute policy-set --framework 9 --start-days 3
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 dispute policy-set --start-days 3; err_has "admin:"
km 0 dispute policy --json; json_eq 'd["start_days"]' 14
km 0 dispute policy-set --reset --json; json_eq 'd["source"]' '"network"'; json_eq 'd["mediation_days"]' 30

# ---------------------------------------------------------------------------
# report and caseload
# ---------------------------------------------------------------------------
km 0 dispute report --json
json_eq 'd["disputes"]' 3; json_eq 'd["open"]' 2; json_eq 'd["resolved"]' 2; json_eq 'd["settled_mediation"]' 1
json_eq 'd["escalated"]' 1; json_eq 'd["share_settled_mediation"]' 0.5; json_eq 'd["resolution_days_median"]' 10
json_eq 'd["resolution_days_max"]' 14; json_eq '{r["status"]: r["count"] for r in d["by_status"]}["filed"]' 1
km 0 dispute report --status filed --json; json_eq 'd["resolved"]' 0; json_eq 'd["resolution_days_median"]' None
json_eq 'd["share_escalated"]' 0.0
km 0 --lang id dispute report; out_has "lama penyelesaian, median"; out_has "menurut status"; out_has "dieskalasi"
km 0 --lang en dispute report --agreement 1; out_has "days to resolve, 90th percentile"
km 1 dispute report --agreement x; err_has "--agreement"
km 0 dispute caseload --json; json_eq 'd["count"]' 1
json_eq 'd["mediators"][0]' '{"mediator": 4, "name": "Biro Hukum", "assigned": 1, "open": 0, "in_mediation": 0, "settled_mediation": 1, "escalated": 0}'
km 0 dispute caseload --open --json; json_eq 'd["count"]' 0
km 0 --lang id dispute caseload; out_has "Biro Hukum"; out_has "sedang dimediasi"
km 1 dispute caseload --severity enormous

# ---------------------------------------------------------------------------
# Other moves and errors: withdraw, dismiss; state, not found, denied,
# usage, read-only, missing store; help
# ---------------------------------------------------------------------------
km 0 dispute withdraw 2 --note "Berdamai di luar pengadilan" --json; json_eq 'd["status"]' '"withdrawn"'; json_eq 'd["outcome"]' '"escalated"'
km 3 dispute dismiss 3; err_has "note"
km 0 dispute dismiss 3 --reason "Bukan sengketa" --json; json_eq 'd["status"]' '"dismissed"'; json_eq 'd["status_note"]' '"Bukan sengketa"'
km 4 dispute negotiate 3; err_has "dismissed"
km 2 dispute show 99
km 1 dispute show abc; err_has "abc"
km 1 dispute show; err_has "ID"
km 1 dispute show 1 2; err_has "unexpected argument"
km 1 dispute show 1 --bogus; err_has "unknown option --bogus"
km 1 dispute frobnicate; err_has "frobnicate"
# each move takes only its own options
km 1 dispute negotiate 1 --terms X; err_has "unknown option --terms"
km 1 dispute settle 1 --partner 4; err_has "unknown option --partner"
km 1 dispute close 1 --forum court; err_has "unknown option --forum"
kme "KEMITRAAN_ACTOR=ID-NIB-8120000000001" 7 dispute file --agreement 1 --claimant 3 --respondent 1 --description X
km 5 --read-only dispute session-add 1 --date 2025-01-12 --attendee 4 --outcome X; err_has "read-only"
km 5 --read-only dispute policy-set --start-days 3
km 0 --read-only dispute policy
km 0 --read-only dispute sessions 1
km 5 --store "$T/none.km" dispute report
km 1 --as-of 2025-01-31 dispute extend-deadline 1 --days 3 --reason X
# the history is the audit trail (with framework 1's policy changes, filed under id 1)
km 0 audit --entity dispute --id 1 --json
json_eq '[o for o in ["dispute.file", "dispute.consent", "dispute.acknowledge", "dispute.mediator", "dispute.transition", "dispute.session", "dispute.hold", "dispute.extend"] if o not in [e["operation"] for e in d["entries"]]]' '[]'
# time travel on the read commands
km 0 --as-of 2025-01-15 dispute show 1 --json; json_eq 'd["status"]' '"mediation"'; json_eq 'd["holds_suspension"]' True
km 0 --as-of 2025-01-15 dispute sessions 1 --json; json_eq 'd["count"]' 2
km 0 --as-of 2025-01-15 dispute report --json; json_eq 'd["disputes"]' 1
# The parties act for themselves (the actor is their external id): dispute 4
# settled in negotiation by its claimant; dispute 5 enters mediation under a
# policy that suspends the agreement, and lets go when withdrawn.
at 2025-04-01T09:00+07:00
YA=ID-AHU-AHU0000001.AH.01.04
PU=ID-KEMENDAGRI-32-DPUPR
kme "KEMITRAAN_ACTOR=$YA" 0 dispute file --agreement 1 --claimant 3 --respondent 1 --description "Biaya operasional" --json
json_eq 'd["id"]' 4
kme "KEMITRAAN_ACTOR=$YA" 7 dispute acknowledge 4 --partner 1; err_has "may not act for partner 1"
kme "KEMITRAAN_ACTOR=$PU" 0 dispute acknowledge 4 --partner 1
kme "KEMITRAAN_ACTOR=$PU" 0 dispute negotiate 4
kme "KEMITRAAN_ACTOR=$PU" 0 dispute session-add 4 --date 2025-04-02 --attendee 1 --attendee 3 --outcome "Biaya dibagi dua"
kme "KEMITRAAN_ACTOR=$PU" 7 dispute settle 4 --terms "Dibagi dua"; err_has "claimant"
at 2025-04-05T09:00+07:00
kme "KEMITRAAN_ACTOR=$YA" 0 dispute settle 4 --terms "Biaya dibagi dua" --commitment 1 --json
json_eq 'd["settled_in"]' '"negotiation"'; json_eq 'd["settlement_commitments"]' '[1]'; json_eq 'd["settlement_milestones"]' '[]'
km 0 dispute report --agreement 1 --filed-from 2025-04-01 --json; json_eq 'd["settled_negotiation"]' 1
json_eq 'd["share_settled_negotiation"]' 1.0; json_eq 'd["resolution_days_median"]' 4
km 0 dispute policy-set --framework 1 --suspend-during-mediation yes
km 0 dispute file --agreement 1 --claimant 1 --respondent 3 --description "Pelaporan"
km 0 dispute consent 5 --partner 1
km 0 dispute consent 5 --partner 3
km 0 dispute acknowledge 5 --partner 3
km 0 dispute assign-mediator 5 --partner 4
km 0 dispute mediate 5 --json; json_eq 'd["holds_suspension"]' True
km 0 agreement show 1 --json; json_eq 'd["status"]' '"suspended"'
km 4 dispute suspend-agreement 5 --reason "sudah"; err_has "hold"
km 0 dispute withdraw 5 --json; json_eq 'd["holds_suspension"]' False; json_eq 'd["outcome"]' '"withdrawn"'
km 0 agreement show 1 --json; json_eq 'd["status"]' '"active"'
km 0 dispute caseload --mediator 4 --json; json_eq 'd["mediators"][0]["assigned"]' 2

for c in show session-add sessions suspend-agreement extend-deadline policy policy-set report caseload mediator-check moves count; do
    km 0 dispute $c --help; out_has "kemitraan dispute"
done
km 0 --lang id dispute session-add --help; out_has "Contoh"; out_has "mitra yang hadir"
km 0 labels dispute_role --json; json_eq '[x["name"] for x in d["dispute_role"]]' '["claimant", "respondent", "mediator", "admin"]'
km 0 labels conflict; out_has "related_agreement"

finish
