#!/usr/bin/env bash
# End-to-end tests of the money side of agreements and commitments
# (docs/cli.md, "Agreements" and "Commitments"): tranche-update and
# tranche-cancel, count, ledger-unscheduled, disbursement-delay, the loan
# calculator loan-schedule (no store), totals grouped and converted into one
# currency with absorption and the rates used, the IATI codes, agreement
# documents, amended fields, count, transition, totals ID and value-totals.
#
#   tests/cli/run_money.sh path/to/kemitraan
#
# The harness is tests/cli/lib.sh. The fixture is built here through the
# CLI (not the demo), so every figure below is known exactly.
set -u

. "$(dirname "$0")/lib.sh" "$@"

S=$T/m.km
export KEMITRAAN_TEST_CLOCK=2025-01-06T09:00+07:00
export KEMITRAAN_ACTOR=admin:cli-test
H1=$(printf '0123456789abcdef%.0s' 1 2 3 4)
H2=$(printf 'ABCDEF0123456789%.0s' 1 2 3 4)

# ---------------------------------------------------------------------------
# Fixture: three partners, one active grant agreement, three commitments
# ---------------------------------------------------------------------------
km 0 --store "$S" init
km 0 --store "$S" partner add --name "Dinas PUPR" --external-id ID-KEMENDAGRI-32-DPUPR --kind regional_government --region 32
km 0 --store "$S" partner add --name "Yayasan Air" --external-id ID-AHU-AHU0000001.AH.01.04 --kind ngo --region 32.04
km 0 --store "$S" partner add --name "Bank Mitra" --external-id ID-NIB-8120000000009 --kind private_business --region 32.73

# ---- agreement documents (add, update, amend) ------------------------------
km 0 --store "$S" agreement add --title "Hibah Air Bersih" --reference HIBAH/001/2025 --type grant \
    --start 2025-02-01 --end 2026-12-31 --value 1500000000.00 --currency IDR \
    --party 1:funding,accountable --party 2:implementing --party 3:funding \
    --document "https://jdih.example.go.id/hibah-001.pdf,$H1" --json
json_ok; json_eq 'd["documents"]' "[{\"uri\": \"https://jdih.example.go.id/hibah-001.pdf\", \"sha256\": \"$H1\"}]"
json_eq 'd["amended_fields"]' '[]'
# upper-case hex is taken as lower case
km 0 --store "$S" agreement update 1 --document "https://jdih.example.go.id/hibah-001.pdf,$H1" \
    --document "https://jdih.example.go.id/lampiran.pdf,$H2" --json
json_eq 'len(d["documents"])' 2; json_eq 'd["documents"][1]["sha256"]' "\"$(echo "$H2" | tr A-F a-f)\""
km 0 --store "$S" --lang id agreement show 1; out_has "dokumen:"; out_has "lampiran.pdf"
km 0 --store "$S" --lang en agreement show 1; out_has "documents:"; out_has "SHA-256"
# malformed documents: usage errors before the library is asked
km 1 --store "$S" agreement update 1 --document "https://x.example/a.pdf"; err_has "URI,SHA256"
km 1 --store "$S" agreement update 1 --document "https://x.example/a.pdf,abc"; err_has "64 hexadecimal digits"
km 1 --store "$S" agreement update 1 --document "https://x.example/a.pdf,$(printf 'g%.0s' {1..64})"; err_has "--document"
km 1 --store "$S" --lang id agreement update 1 --document ",$H1"; err_has "harus URI,SHA256"
km 1 --store "$S" agreement update 1 --document; err_has "--document"
# the library checks the URI and names the field
km 3 --store "$S" agreement update 1 --document "ftp://x.example/a.pdf,$H1"; err_has "agreement.documents"

km 0 --store "$S" agreement propose 1
km 0 --store "$S" agreement sign 1 --partner 1
km 0 --store "$S" agreement sign 1 --partner 2
km 0 --store "$S" agreement sign 1 --partner 3
km 0 --store "$S" agreement activate 1 --json; json_eq 'd["status"]' '"active"'

# ---- amendments: what changed ----------------------------------------------
km 0 --store "$S" agreement amend 1 --end 2027-06-30 --document "" --rationale "Addendum I" --json
json_eq 'd["version"]' 2; json_eq 'd["amended_fields"]' '["end_date", "documents"]'; json_eq 'd["documents"]' '[]'
km 0 --store "$S" agreement amend 1 --value 1600000000.00 --currency IDR --title "Hibah Air Bersih II" --rationale "Addendum II"
km 0 --store "$S" agreement versions 1 --json
json_eq '[v["amended_fields"] for v in d["versions"]]' '[[], ["end_date", "documents"], ["title", "value"]]'
km 0 --store "$S" --lang id agreement versions 1; out_has "kolom yang diubah"; out_has "berakhir, dokumen"; out_has "judul, nilai"
out_lacks "end_date"
km 0 --store "$S" --lang en agreement versions 1; out_has "fields amended"; out_has "end, documents"
km 0 --store "$S" agreement show 1 --version 2 --json; json_eq 'd["amended_fields"]' '["end_date", "documents"]'
json_eq 'len(d["documents"])' 0
km 0 --store "$S" agreement show 1 --version 1 --json; json_eq 'len(d["documents"])' 2
km 2 --store "$S" agreement show 1 --version 9

# ---- agreement count ---------------------------------------------------------
km 0 --store "$S" agreement add --title "MoU Riset" --reference MOU/002/2025 --type mou --start 2025-01-01 --party 2:implementing --party 3:funding
km 0 --store "$S" agreement add --title "KPBU SPAM" --reference KPBU/003/2025 --type ppp --party 1:public_authority --party 3:private_party \
    --value 900000000.00 --currency IDR
km 0 --store "$S" agreement count; out_is 3
km 0 --store "$S" agreement count --status draft --json; json_eq 'd["count"]' 2
km 0 --store "$S" agreement count --family public_private; out_is 1
km 0 --store "$S" agreement count --party 2 --type mou; out_is 1
km 0 --store "$S" agreement count --active-on 2025-06-01; out_is 1
km 1 --store "$S" agreement count --status nosuch; err_has "nosuch"
km 1 --store "$S" agreement count --limit 5; err_has "unknown option --limit"
km 1 --store "$S" agreement count --active-on 2025-02-30; err_has "YYYY-MM-DD"
km 1 --store "$S" agreement count --party x

# ---- agreement transition (the general form) ----------------------------------
km 0 --store "$S" agreement transition 2 --status proposed --json; json_eq 'd["status"]' '"proposed"'
km 0 --store "$S" agreement transition 2 --status cancelled --reason "ditarik" --json
json_eq 'd["status"]' '"cancelled"'; json_eq 'd["status_reason"]' '"ditarik"'
km 1 --store "$S" agreement transition 3; err_has "missing --status"
km 1 --store "$S" agreement transition 3 --status bogus; err_has "bogus"
km 3 --store "$S" agreement transition 1 --status suspended; err_has "reason"
km 4 --store "$S" agreement transition 3 --status suspended; err_has "allowed from draft"
km 4 --store "$S" agreement transition 3 --status completed; err_has "allowed from draft"
km 4 --store "$S" agreement transition 3 --status signed; err_has "agreement.status"
km 3 --store "$S" agreement transition 3 --status proposed --override-justification "x"; err_has "override"
km 2 --store "$S" agreement transition 99 --status proposed
km 1 --store "$S" agreement transition --status proposed; err_has "missing ID"

# ---- value-totals (km_agreement_totals) -----------------------------------------
km 0 --store "$S" agreement value-totals --currency IDR --json
json_eq '[(r["type"], r["agreements"], r["value"]) for r in d["by_type"]]' '[["grant", 1, "1600000000.00"], ["ppp", 1, "900000000.00"]]'
json_eq 'd["value"]' '"2500000000.00"'; json_eq 'd["agreements"]' 2; json_eq '"cancelled" in d["statuses"]' False
km 0 --store "$S" agreement value-totals --currency IDR --status active --json
json_eq 'd["statuses"]' '["active"]'; json_eq 'd["value"]' '"1600000000.00"'
km 0 --store "$S" agreement value-totals --currency IDR --type mou --status cancelled --json
json_eq 'd["by_type"][0]["agreements"]' 0; json_eq 'd["value"]' '"0.00"'
km 0 --store "$S" --lang id agreement value-totals --currency IDR --status draft --status active
out_has "Rp2.500.000.000,00"; out_has "menurut jenis"; out_has "berlaku"; out_lacks "active"
km 1 --store "$S" agreement value-totals; err_has "missing --currency"
km 1 --store "$S" agreement value-totals --currency IDR --type nosuch
km 3 --store "$S" agreement value-totals --currency XYZ; err_has "currency"

# ---- milestones carry their OCDS code ------------------------------------------
km 0 --store "$S" agreement milestone-add 1 --type financial_close --title "Financial close" --due 2025-03-31 --json
json_eq 'd["milestones"][0]["type_code"]' '"financialClose"'
km 0 --store "$S" labels milestone_type --json; json_eq '[x["code"] for x in d["milestone_type"]][:2]' '["approval", "financing"]'

# ---------------------------------------------------------------------------
# Commitments
# ---------------------------------------------------------------------------
km 0 --store "$S" commitment add --agreement 1 --provider 1 --recipient 2 --kind grant --title "Hibah air" \
    --amount 1000000000.00 --currency IDR --json
json_eq 'd["iati_finance_type"]' 110; json_eq 'd["iati_aid_type"]' None
km 0 --store "$S" commitment add --agreement 1 --provider 3 --recipient 2 --kind loan --title "Pinjaman" \
    --amount 120000.00 --currency USD --rate-bp 600 --term-months 12 --grace-months 2 --method annuity --loan-start 2025-02-01 --json
json_eq 'd["iati_finance_type"]' 421
km 0 --store "$S" commitment add --agreement 1 --provider 1 --recipient 2 --kind technical_assistance --title "Tenaga ahli" \
    --amount 40 --unit expert-days --valuation 80000000.00 --valuation-currency IDR --json
json_eq 'd["iati_finance_type"]' 110; json_eq 'd["iati_aid_type"]' '"D02"'
km 0 --store "$S" --lang id commitment show 3; out_has "jenis bantuan IATI"; out_has "D02"
km 0 --store "$S" --lang en commitment show 2; out_has "IATI finance type"; out_has "421"
km 0 --store "$S" labels commitment_kind --json
json_eq '[(x["name"], x["iati_finance_type"]) for x in d["commitment_kind"]][-1]' '["tax_incentive", null]'
km 0 --store "$S" commitment commit 1 --date 2025-02-01
km 0 --store "$S" commitment commit 2 --date 2025-02-01
km 0 --store "$S" commitment commit 3 --date 2025-02-01

# ---- tranches: add, update, cancel -------------------------------------------
km 0 --store "$S" commitment tranche-add 1 --date 2025-03-01 --amount 400000000.00 --note "Termin I"
km 0 --store "$S" commitment tranche-add 1 --date 2025-06-01 --amount 400000000.00 --note "Termin II"
km 0 --store "$S" commitment tranche-add 1 --date 2025-09-01 --amount 200000000.00
km 0 --store "$S" commitment ledger-record 1 --type disbursement --amount 400000000.00 --date 2025-03-10 --tranche 1
km 0 --store "$S" commitment tranche-update 1 2 --date 2025-07-01 --reason "revisi DIPA" --json
json_eq 'd["tranches"][1]["planned_date"]' '"2025-07-01"'; json_eq 'd["tranches"][1]["amount"]' '"400000000.00"'
json_eq 'd["tranches"][1]["note"]' '"Termin II"'; json_eq 'd["tranches"][1]["reason"]' '"revisi DIPA"'
km 0 --store "$S" commitment tranche-update 1 2 --amount 350000000.00 --note "" --reason "efisiensi" --json
json_eq 'd["tranches"][1]["planned_date"]' '"2025-07-01"'; json_eq 'd["tranches"][1]["amount"]' '"350000000.00"'
json_eq 'd["tranches"][1]["note"]' None
km 0 --store "$S" commitment tranche-cancel 1 3 --reason "anggaran dipotong" --json
json_eq 'd["tranches"][2]["status"]' '"cancelled"'; json_eq 'd["tranches"][2]["reason"]' '"anggaran dipotong"'
km 0 --store "$S" --lang id commitment tranche-list 1; out_has "alasan"; out_has "efisiensi"; out_has "dibatalkan"
out_has "Rp350.000.000,00"
km 0 --store "$S" --lang en commitment tranche-list 1 --json; json_eq '[t["reason"] for t in d["tranches"]]' '[null, "efisiensi", "anggaran dipotong"]'
# tranche errors
km 1 --store "$S" commitment tranche-update 1 2 --reason x; err_has "nothing to update"
km 1 --store "$S" commitment tranche-update 1 --date 2025-08-01 --reason x; err_has "missing NUMBER"
km 1 --store "$S" commitment tranche-update 1 two --date 2025-08-01 --reason x; err_has "two"
km 1 --store "$S" commitment tranche-update 1 0 --date 2025-08-01 --reason x
km 1 --store "$S" commitment tranche-update 1 2 --date 2025-08-32 --reason x; err_has "YYYY-MM-DD"
km 1 --store "$S" commitment tranche-update 1 2 --amount 1.001 --reason x; err_has "decimals"
km 1 --store "$S" commitment tranche-update 1 2 --amount -5 --reason x; err_has "not an amount"
km 1 --store "$S" commitment tranche-update 1 2 --bogus 1; err_has "unknown option --bogus"
km 1 --store "$S" commitment tranche-update 1 2 3 --date 2025-08-01; err_has "3"
km 3 --store "$S" commitment tranche-update 1 2 --date 2025-08-01; err_has "reason"
km 2 --store "$S" commitment tranche-update 99 1 --date 2025-08-01 --reason x
km 2 --store "$S" commitment tranche-update 1 9 --date 2025-08-01 --reason x; err_has "9"
km 4 --store "$S" commitment tranche-update 1 1 --amount 100000000.00 --reason x; err_has "tranche"
km 3 --store "$S" commitment tranche-update 1 2 --amount 900000000.00 --reason x; err_has "tranche.total"
km 4 --store "$S" commitment tranche-update 1 3 --date 2025-10-01 --reason x; err_has "cancelled"
km 3 --store "$S" commitment tranche-cancel 1 2; err_has "reason"
km 4 --store "$S" commitment tranche-cancel 1 1 --reason x; err_has "tranche"
km 4 --store "$S" commitment tranche-cancel 1 3 --reason x
km 2 --store "$S" commitment tranche-cancel 1 7 --reason x
km 1 --store "$S" commitment tranche-cancel 1 --reason x; err_has "missing NUMBER"
km 1 --store "$S" commitment tranche-cancel 1 2 --date 2025-01-01; err_has "unknown option --date"

# ---- the ledger: IATI codes, unscheduled disbursements --------------------------
km 0 --store "$S" commitment ledger-record 1 --type disbursement --amount 50000000.00 --date 2025-04-10 --note "SP2D 7"
km 0 --store "$S" commitment ledger-record 2 --type disbursement --amount 60000.00 --date 2025-02-10
km 0 --store "$S" commitment ledger-record 3 --type disbursement --amount 12 --date 2025-03-31
km 0 --store "$S" commitment ledger-list 1 --json
json_eq '[(t["type"], t["iati_transaction_type"], t["iati_transaction_type_incoming"]) for t in d["transactions"]]' \
    '[["commitment", 2, 11], ["disbursement", 3, 1], ["disbursement", 3, 1]]'
km 0 --store "$S" --lang id commitment ledger-list 1; out_has "IATI"; out_has "pencairan"
km 0 --store "$S" labels ledger_type --json
json_eq '[(x["name"], x["iati_transaction_type"], x["iati_transaction_type_incoming"]) for x in d["ledger_type"]][0]' '["pledge", 12, 13]'
km 0 --store "$S" commitment ledger-unscheduled --json
json_eq '[(t["commitment_id"], t["amount"], t["note"]) for t in d["transactions"]]' \
    '[[1, "50000000.00", "SP2D 7"], [2, "60000.00", null], [3, 12, null]]'
km 0 --store "$S" commitment ledger-unscheduled --agreement 1 --date 2025-03-01 --json
json_eq '[t["commitment_id"] for t in d["transactions"]]' '[2]'; json_eq 'd["count"]' 1
km 0 --store "$S" --lang id commitment ledger-unscheduled --date 2025-01-31; out_has "(tidak ada)"
km 0 --store "$S" --lang en commitment ledger-unscheduled; out_has "USD 60,000.00"; out_has "Rp50,000,000.00"
km 2 --store "$S" commitment ledger-unscheduled --agreement 99
km 1 --store "$S" commitment ledger-unscheduled --date 2025/01/01; err_has "YYYY-MM-DD"
km 1 --store "$S" commitment ledger-unscheduled --agreement x
km 1 --store "$S" commitment ledger-unscheduled 1; err_has "1"

# ---- disbursement delay -------------------------------------------------------
km 0 --store "$S" commitment disbursement-delay --agreement 1 --date 2025-12-31 --json
json_eq '[d[k] for k in ("tranches_due", "tranches_met", "delay_days_total", "delay_days_average", "delay_days_max", "tranches_overdue", "overdue_days_max")]' \
    '[2, 1, 9, 9, 9, 1, 183]'
json_eq 'd["agreement_id"]' 1; json_eq 'd["as_of"]' '"2025-12-31"'
km 0 --store "$S" commitment disbursement-delay --date 2025-05-01 --json; json_eq 'd["agreement_id"]' None
json_eq 'd["tranches_due"]' 1; json_eq 'd["tranches_overdue"]' 0
km 0 --store "$S" --lang id commitment disbursement-delay --date 2025-12-31; out_has "termin jatuh tempo"; out_has "183"
km 0 --store "$S" --lang en commitment disbursement-delay --date 2025-12-31; out_has "longest wait (days)"
km 1 --store "$S" commitment disbursement-delay; err_has "missing --date"
km 1 --store "$S" commitment disbursement-delay --date 2025-13-01; err_has "YYYY-MM-DD"
km 2 --store "$S" commitment disbursement-delay --date 2025-12-31 --agreement 42

# ---- commitment count -----------------------------------------------------------
km 0 --store "$S" commitment count; out_is 3
km 0 --store "$S" commitment count --status disbursing --json; json_eq 'd["count"]' 3
km 0 --store "$S" commitment count --kind loan; out_is 1
km 0 --store "$S" commitment count --provider 1 --recipient 2; out_is 2
km 0 --store "$S" commitment count --agreement 3; out_is 0
km 1 --store "$S" commitment count --kind nosuch; err_has "nosuch"
km 1 --store "$S" commitment count --agreement -1
km 1 --store "$S" commitment count --limit 3; err_has "unknown option --limit"

# ---- totals: per currency, grouped, converted, absorption ----------------------
km 0 --store "$S" commitment totals --json
json_eq '[(r["currency"], r["committed"], r["disbursed"], r["absorption_bp"]) for r in d["totals"]]' \
    '[["IDR", "1000000000.00", "450000000.00", 4500], ["USD", "120000.00", "60000.00", 5000], ["expert-days", 40, 12, 3000]]'
json_eq 'd["group_by"]' '"none"'; json_eq 'd["rates"]' '[]'; json_eq 'd["rate_date"]' None
km 0 --store "$S" commitment totals --currency IDR --rate USD=15500 --value-quantities --date 2025-12-31 --json
json_eq '[(r["currency"], r["committed"], r["disbursed"], r["outstanding"], r["absorption_bp"]) for r in d["totals"]]' \
    '[["IDR", "2940000000.00", "1404000000.00", "930000000.00", 4776]]'
json_eq 'd["rates"]' '[{"from": "USD", "to": "IDR", "rate_num": 15500, "rate_den": 1, "rate": "15500"}]'
json_eq 'd["rate_date"]' '"2025-12-31"'; json_eq 'd["as_of"]' '"2025-12-31"'
km 0 --store "$S" commitment totals --group kind --currency IDR --rate USD=15500.5 --json
json_eq '[(r["group"], r["currency"]) for r in d["totals"]]' '[["grant", "IDR"], ["loan", "IDR"], ["technical_assistance", "expert-days"]]'
json_eq 'd["totals"][1]["committed"]' '"1860060000.00"'; json_eq 'd["rates"][0]["rate"]' '"15500.5"'
json_eq '(d["rates"][0]["rate_num"], d["rates"][0]["rate_den"])' '[155005, 10]'
km 0 --store "$S" commitment totals --group commitment --kind grant --json; json_eq '[r["group"] for r in d["totals"]]' '[1]'
km 0 --store "$S" commitment totals --group provider --status disbursing --currency IDR --rate USD=31001/2 --json
json_eq '[r["group"] for r in d["totals"]]' '[1, 1, 3]'; json_eq 'd["rates"][0]["rate"]' '"31001/2"'
km 0 --store "$S" commitment totals --commitment 2 --json; json_eq 'd["totals"][0]["currency"]' '"USD"'
json_eq 'd["totals"][0]["outstanding"]' '"60000.00"'
km 0 --store "$S" --lang id commitment totals --currency IDR --rate USD=15500 --value-quantities
out_has "daya serap"; out_has "47,76%"; out_has "kurs yang dipakai"; out_has "15500"; out_has "tanpa kelompok"
km 0 --store "$S" --lang en commitment totals --group kind; out_has "45.00%"; out_has "per commitment kind"; out_has "absorption"
km 2 --store "$S" commitment totals --currency IDR; err_has "USD"
km 1 --store "$S" commitment totals --rate USD=15500; err_has "missing --currency"
km 1 --store "$S" commitment totals --currency IDR --rate USD; err_has "CODE=RATE"
km 1 --store "$S" commitment totals --currency IDR --rate USD=0; err_has "positive"
km 1 --store "$S" commitment totals --currency IDR --rate USD=1.; err_has "CODE=RATE"
km 1 --store "$S" commitment totals --currency IDR --rate USD=1/0
km 1 --store "$S" commitment totals --currency IDR --rate USD=-3
km 1 --store "$S" commitment totals --currency IDR --rate =3
km 1 --store "$S" commitment totals --currency IDR --rate USD=1.5/2
km 1 --store "$S" commitment totals --currency IDR --rate USD=15500 --rate USD=15600; err_has "given twice"
km 1 --store "$S" commitment totals --group nosuch; err_has "commitment, agreement"
km 1 --store "$S" commitment totals --date 2025-02-29; err_has "YYYY-MM-DD"
km 3 --store "$S" commitment totals --currency ZZZ --rate USD=1; err_has "currency"
km 0 --store "$S" labels totals_group --json; json_eq 'len(d["totals_group"])' 8
km 0 --store "$S" --lang id labels figure; out_has "dicairkan"; out_has "angka komitmen"
km 0 --lang en labels totals_group; out_has "totals groupings"; out_has "per commitment kind"
km 0 --lang id labels ledger_type; out_has "jenis transaksi"; out_has "IATI (penerima)"

# ---- agreement totals ID: one agreement's money -------------------------------
km 0 --store "$S" agreement totals 1 --json
json_eq 'd["agreement_id"]' 1; json_eq '[r["currency"] for r in d["totals"]]' '["IDR", "USD", "expert-days"]'
km 0 --store "$S" agreement totals 1 --currency IDR --rate USD=15500 --value-quantities --date 2025-03-31 --json
json_eq '[(r["committed"], r["disbursed"], r["absorption_bp"]) for r in d["totals"]]' '[["2940000000.00", "1354000000.00", 4605]]'
json_eq 'd["rate_date"]' '"2025-03-31"'
km 0 --store "$S" agreement totals 1 --group recipient --json; json_eq '[r["group"] for r in d["totals"]]' '[2, 2, 2]'
km 0 --store "$S" --lang id agreement totals 1; out_has "dikomitmenkan"; out_has "Rp1.000.000.000,00"; out_has "USD"
km 0 --store "$S" agreement totals 3 --json; json_eq 'd["totals"]' '[]'
km 2 --store "$S" agreement totals 99
km 1 --store "$S" agreement totals; err_has "missing ID"
km 1 --store "$S" agreement totals 1 --group framework; err_has "none, commitment, provider"
km 1 --store "$S" agreement totals 1 --rate USD=2; err_has "missing --currency"
km 2 --store "$S" agreement totals 1 --currency EUR --rate USD=0.92; err_has "IDR"
km 1 --store "$S" agreement totals 1 --provider 1; err_has "unknown option --provider"

# ---- loan: schedule and full position -----------------------------------------------
km 0 --store "$S" commitment loan 2 --date 2025-06-30 --json
json_eq 'd["disbursed"]' '"60000.00"'; json_eq 'd["instalments_due"]' 4; json_eq 'd["schedule"][0]["number"]' 1
json_eq 'len(d["schedule"])' 12

# ---- loan-schedule: the calculator needs no store ----------------------------------
km 0 commitment loan-schedule --amount 10000000.00 --currency IDR --rate-bp 1200 --term-months 4 --start 2025-01-31 --json
json_eq 'd["regular_payment"]' '"2562810.94"'; json_eq 'd["total_interest"]' '"251243.76"'; json_eq 'd["instalments"]' 4
json_eq '[s["due_date"] for s in d["schedule"]]' '["2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31"]'
json_eq 'd["schedule"][3]["balance"]' '"0.00"'; json_eq 'd["loan_method"]' '"annuity"'
km 0 --lang id commitment loan-schedule --amount 10000000.00 --currency IDR --rate-bp 1200 --term-months 4 --grace-months 1 \
    --method straight_line --start 2025-01-15
out_has "jadwal angsuran"; out_has "pokok tetap"; out_has "Rp3.333.333,33"; out_has "masa tenggang (bulan)"
km 0 --lang en commitment loan-schedule --amount 1000 --currency JPY --rate-bp 0 --term-months 2 --start 2025-01-01
out_has "500"; out_has "regular payment"
# the same terms as commitment 2 give its schedule
km 0 commitment loan-schedule --amount 120000.00 --currency USD --rate-bp 600 --term-months 12 --grace-months 2 --start 2025-02-01 --json
cp out calc.json
km 0 --store "$S" commitment loan 2 --json
if "$PY" -c 'import json; a=json.load(open("calc.json")); b=json.load(open("out")); exit(a["schedule"] != b["schedule"])'; then ok; else
    last="loan-schedule = loan"; bad "the calculator and the commitment's schedule differ"; fi
km 1 commitment loan-schedule --currency IDR --rate-bp 1200 --term-months 4 --start 2025-01-31; err_has "missing --amount"
km 1 commitment loan-schedule --amount 1 --rate-bp 1200 --term-months 4 --start 2025-01-31; err_has "missing --currency"
km 1 commitment loan-schedule --amount 1 --currency IDR --term-months 4 --start 2025-01-31; err_has "missing --rate-bp"
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp 1 --start 2025-01-31; err_has "missing --term-months"
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp 1 --term-months 4; err_has "missing --start"
km 1 commitment loan-schedule --amount 1.234 --currency IDR --rate-bp 1 --term-months 4 --start 2025-01-31; err_has "decimals"
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp -1 --term-months 4 --start 2025-01-31; err_has "--rate-bp"
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp 1 --term-months 4 --start 2025-01-32
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp 1 --term-months 4 --start 2025-01-31 --method balloon; err_has "balloon"
km 1 commitment loan-schedule --amount 1 --currency IDR --rate-bp 1 --term-months 4 --start 2025-01-31 --agreement 1; err_has "unknown option --agreement"
km 3 commitment loan-schedule --amount 1000 --currency IDR --rate-bp 20000 --term-months 4 --start 2025-01-31; err_has "rate"
km 3 commitment loan-schedule --amount 1000 --currency IDR --rate-bp 100 --term-months 0 --start 2025-01-31; err_has "term"
km 3 commitment loan-schedule --amount 1000 --currency IDR --rate-bp 100 --term-months 4 --grace-months 4 --start 2025-01-31; err_has "grace"
km 3 commitment loan-schedule --amount 0 --currency IDR --rate-bp 100 --term-months 4 --start 2025-01-31; err_has "principal"

# ---------------------------------------------------------------------------
# Help, read-only store, missing store
# ---------------------------------------------------------------------------
for c in "commitment tranche-update" "commitment tranche-cancel" "commitment count" "commitment ledger-unscheduled" \
         "commitment disbursement-delay" "commitment loan-schedule" "commitment totals" "agreement count" \
         "agreement transition" "agreement totals" "agreement value-totals"; do
    # shellcheck disable=SC2086
    km 0 $c --help; out_has "kemitraan $c"
done
km 0 --lang id commitment tranche-update --help; out_has "alasan penjadwalan ulang"
km 5 --store "$S" --read-only commitment tranche-update 1 2 --date 2025-08-01 --reason x; err_has "read-only"
km 5 --store "$S" --read-only commitment tranche-cancel 1 2 --reason x
km 5 --store "$S" --read-only agreement transition 3 --status proposed
km 5 --store "$S" --read-only agreement update 3 --document "https://x.example/a.pdf,$H1"
km 0 --store "$S" --read-only commitment totals --currency IDR --rate USD=1 --value-quantities --json; json_ok
km 0 --store "$S" --read-only agreement count; out_is 3
cp "$S" "$T/ro.km"
chmod 0444 "$T/ro.km"
if [ "$(id -u)" -ne 0 ]; then
    km 5 --store "$T/ro.km" commitment tranche-cancel 1 2 --reason x; err_has "ermission denied"
elif command -v setpriv >/dev/null 2>&1; then
    # root writes anything: run as nobody so that the permission counts
    chmod 0755 "$T"
    last="kemitraan (as nobody) commitment tranche-cancel on a 0444 store"
    if setpriv --reuid=65534 --regid=65534 --clear-groups "$KM" --store "$T/ro.km" \
            commitment tranche-cancel 1 2 --reason x >out 2>err; then
        bad "a write to a read-only file succeeded"
    elif [ $? -eq 5 ] && grep -q "ermission denied" err && [ ! -s out ]; then ok
    else bad "exit code or message"; fi
    chmod 0700 "$T"
fi
km 0 --store "$T/ro.km" commitment disbursement-delay --date 2025-12-31 --json; json_eq 'd["tranches_met"]' 1
km 5 --store "$T/nosuch.km" commitment count
km 5 --store "$T/nosuch.km" agreement value-totals --currency IDR
km 1 commitment count; err_has "no store given"
# time travel: the state before the first tranche update
km 0 --store "$S" --as-of 2025-01-06T08:00+07:00 commitment count; out_is 0

# commitment list pages: every page by default, one with --limit/--cursor
n_all=$("$KM" --store "$S" commitment count)
km 0 --store "$S" commitment list --json; json_eq 'd["count"]' "$n_all"; json_eq 'd["next_cursor"]' None
km 0 --store "$S" commitment list --limit 1 --json; json_eq 'd["count"]' 1; json_eq 'd["commitments"][0]["id"]' 1
json_eq 'd["next_cursor"]' '"c1:1"'
km 0 --store "$S" commitment list --limit 1 --cursor c1:1 --json; json_eq 'd["commitments"][0]["id"]' 2
km 0 --store "$S" commitment list --limit 1 --all --json; json_eq 'd["count"]' "$n_all"
km 3 --store "$S" commitment list --limit 1001; err_has "query.limit"
km 3 --store "$S" commitment list --cursor p1:1; err_has "query.cursor"
km 1 --store "$S" commitment list --limit x; err_has "--limit"
km 1 --store "$S" commitment count --limit 1; err_has "--limit"

finish
