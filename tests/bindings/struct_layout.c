/* struct_layout: prints the layout of every public versioned struct as JSON,
 * so the Python (ctypes) and Ruby (ffi) bindings can check that their
 * mirrors match the C headers field by field.
 *
 *   {"km_network_options": {"size": 72, "version": 1, "fields": [
 *       {"name": "version", "offset": 0, "size": 4, "init": 1}, ...]}, ...}
 *
 * "fields" lists every member in declaration order; "init" is the value of
 * the struct's *_INIT macro for arithmetic members (pointers are always NULL
 * there). A struct added to a public header gets one BEGIN ... END block
 * here and a mirror in each binding. Built by CMake (target struct_layout)
 * and found by the binding tests through KEMITRAAN_STRUCT_LAYOUT. */
#include <stddef.h>
#include <stdio.h>

#include <kemitraan/kemitraan.h>

static int first_struct = 1;
static int first_field;

static void begin(const char *name, size_t size, long version)
{
    printf("%s\n  \"%s\": {\"size\": %lu, \"version\": %ld, \"fields\": [", first_struct ? "" : ",", name,
           (unsigned long)size, version);
    first_struct = 0;
    first_field = 1;
}

static void field(const char *name, size_t offset, size_t size, int has_init, double init)
{
    printf("%s\n    {\"name\": \"%s\", \"offset\": %lu, \"size\": %lu", first_field ? "" : ",", name,
           (unsigned long)offset, (unsigned long)size);
    if (has_init) printf(", \"init\": %.17g", init);
    printf("}");
    first_field = 0;
}

static void end(void) { printf("]}"); }

/* T: the struct type; P: its macro prefix (P_VERSION, P_INIT). */
#define BEGIN(T, P)                                                                                          \
    {                                                                                                        \
        static const T init_ = P##_INIT;                                                                     \
        begin(#T, sizeof(T), (long)P##_VERSION);
/* km_auth_request is filled in by the library: it has no *_INIT macro. */
#define BEGIN_NO_INIT(T, P)                                                                                  \
    {                                                                                                        \
        static const T init_;                                                                                \
        begin(#T, sizeof(T), (long)P##_VERSION);
#define PTR(T, f) field(#f, offsetof(T, f), sizeof(((T *)0)->f), 0, 0.0);
#define NUM(T, f) field(#f, offsetof(T, f), sizeof(((T *)0)->f), 1, (double)init_.f);
#define END                                                                                                  \
    (void)init_;                                                                                             \
    end();                                                                                                   \
    }

int main(void)
{
    printf("{");

    /* common.h */
    BEGIN(km_allocator, KM_ALLOCATOR)
    NUM(km_allocator, version) PTR(km_allocator, malloc_fn) PTR(km_allocator, realloc_fn)
    PTR(km_allocator, free_fn) PTR(km_allocator, payload)
    END

    /* sys/storage.h */
    BEGIN(km_storage, KM_STORAGE)
    NUM(km_storage, version) PTR(km_storage, append) PTR(km_storage, scan) PTR(km_storage, last_seq)
    PTR(km_storage, snapshot_write) PTR(km_storage, snapshot_read) PTR(km_storage, free)
    PTR(km_storage, sync) PTR(km_storage, snapshot_begin) PTR(km_storage, snapshot_append)
    PTR(km_storage, snapshot_end)
    END

    /* network.h */
    BEGIN_NO_INIT(km_auth_request, KM_AUTH_REQUEST)
    NUM(km_auth_request, version) NUM(km_auth_request, entity) NUM(km_auth_request, entity_id)
    PTR(km_auth_request, operation) PTR(km_auth_request, actor)
    END

    BEGIN(km_network_options, KM_NETWORK_OPTIONS)
    NUM(km_network_options, version) PTR(km_network_options, allocator) PTR(km_network_options, clock)
    PTR(km_network_options, clock_payload) PTR(km_network_options, authorizer)
    PTR(km_network_options, authorizer_payload) PTR(km_network_options, actor)
    NUM(km_network_options, read_only) NUM(km_network_options, as_of_seq) NUM(km_network_options, as_of_time)
    NUM(km_network_options, retry_on_conflict) NUM(km_network_options, no_snapshot)
    END

    BEGIN(km_network_stats, KM_NETWORK_STATS)
    NUM(km_network_stats, version) NUM(km_network_stats, log_entries) NUM(km_network_stats, log_events)
    NUM(km_network_stats, log_bytes) NUM(km_network_stats, partners) NUM(km_network_stats, partners_active)
    NUM(km_network_stats, partners_suspended) NUM(km_network_stats, partners_archived)
    NUM(km_network_stats, agreements) NUM(km_network_stats, agreements_active)
    NUM(km_network_stats, frameworks) NUM(km_network_stats, commitments) NUM(km_network_stats, disputes)
    NUM(km_network_stats, disputes_open) NUM(km_network_stats, indicators)
    NUM(km_network_stats, measurements) NUM(km_network_stats, opportunities)
    NUM(km_network_stats, interests)
    END

    BEGIN(km_verify_report, KM_VERIFY_REPORT)
    NUM(km_verify_report, version) NUM(km_verify_report, entries) NUM(km_verify_report, first_bad_seq)
    NUM(km_verify_report, error) PTR(km_verify_report, head_hash)
    END

    /* file.h */
    BEGIN(km_file_options, KM_FILE_OPTIONS)
    NUM(km_file_options, version) NUM(km_file_options, sync) NUM(km_file_options, read_only)
    NUM(km_file_options, no_create) PTR(km_file_options, allocator)
    END

    /* partner.h */
    BEGIN(km_partner_fields, KM_PARTNER_FIELDS)
    NUM(km_partner_fields, version) PTR(km_partner_fields, name) PTR(km_partner_fields, external_id)
    NUM(km_partner_fields, kind) PTR(km_partner_fields, region) PTR(km_partner_fields, email)
    PTR(km_partner_fields, phone) PTR(km_partner_fields, website) PTR(km_partner_fields, sectors)
    NUM(km_partner_fields, sectors_count) PTR(km_partner_fields, capabilities)
    NUM(km_partner_fields, capabilities_count) PTR(km_partner_fields, needs)
    NUM(km_partner_fields, needs_count)
    END

    BEGIN(km_partner_query, KM_PARTNER_QUERY)
    NUM(km_partner_query, version) NUM(km_partner_query, kind) NUM(km_partner_query, status)
    PTR(km_partner_query, sector) PTR(km_partner_query, capability) PTR(km_partner_query, need)
    PTR(km_partner_query, region_prefix) PTR(km_partner_query, name_contains) PTR(km_partner_query, cursor)
    NUM(km_partner_query, limit) NUM(km_partner_query, order)
    END

    /* audit.h */
    BEGIN(km_audit_query, KM_AUDIT_QUERY)
    NUM(km_audit_query, version) NUM(km_audit_query, entity) NUM(km_audit_query, entity_id)
    PTR(km_audit_query, actor) NUM(km_audit_query, since) NUM(km_audit_query, until)
    NUM(km_audit_query, from_seq) NUM(km_audit_query, limit)
    END

    /* agreement.h */
    BEGIN(km_agreement_fields, KM_AGREEMENT_FIELDS)
    NUM(km_agreement_fields, version) PTR(km_agreement_fields, title) PTR(km_agreement_fields, reference)
    NUM(km_agreement_fields, type) PTR(km_agreement_fields, purpose) PTR(km_agreement_fields, sectors)
    NUM(km_agreement_fields, sectors_count) PTR(km_agreement_fields, region)
    PTR(km_agreement_fields, start_date) PTR(km_agreement_fields, end_date) NUM(km_agreement_fields, value)
    PTR(km_agreement_fields, currency) NUM(km_agreement_fields, framework_id)
    NUM(km_agreement_fields, dimensions) PTR(km_agreement_fields, party_ids)
    PTR(km_agreement_fields, party_roles) NUM(km_agreement_fields, parties_count)
    PTR(km_agreement_fields, document_uris) PTR(km_agreement_fields, document_sha256)
    NUM(km_agreement_fields, documents_count)
    END

    BEGIN(km_agreement_query, KM_AGREEMENT_QUERY)
    NUM(km_agreement_query, version) NUM(km_agreement_query, party) NUM(km_agreement_query, type)
    NUM(km_agreement_query, family) NUM(km_agreement_query, status) NUM(km_agreement_query, framework_id)
    PTR(km_agreement_query, region_prefix) PTR(km_agreement_query, sector) PTR(km_agreement_query, active_on)
    PTR(km_agreement_query, expiring_from) NUM(km_agreement_query, expiring_days)
    PTR(km_agreement_query, cursor) NUM(km_agreement_query, limit)
    END

    BEGIN(km_milestone_fields, KM_MILESTONE_FIELDS)
    NUM(km_milestone_fields, version) NUM(km_milestone_fields, type) PTR(km_milestone_fields, title)
    PTR(km_milestone_fields, due_date)
    END

    /* graph.h */
    BEGIN(km_betweenness_options, KM_BETWEENNESS_OPTIONS)
    NUM(km_betweenness_options, version) NUM(km_betweenness_options, normalized)
    NUM(km_betweenness_options, weighted) NUM(km_betweenness_options, threads)
    NUM(km_betweenness_options, samples) NUM(km_betweenness_options, seed)
    END

    BEGIN(km_closeness_options, KM_CLOSENESS_OPTIONS)
    NUM(km_closeness_options, version) NUM(km_closeness_options, weighted)
    NUM(km_closeness_options, wf_improved) NUM(km_closeness_options, threads)
    END

    BEGIN(km_pagerank_options, KM_PAGERANK_OPTIONS)
    NUM(km_pagerank_options, version) NUM(km_pagerank_options, damping) NUM(km_pagerank_options, tolerance)
    NUM(km_pagerank_options, max_iter) NUM(km_pagerank_options, weighted)
    END

    BEGIN(km_eigenvector_options, KM_EIGENVECTOR_OPTIONS)
    NUM(km_eigenvector_options, version) NUM(km_eigenvector_options, tolerance)
    NUM(km_eigenvector_options, max_iter) NUM(km_eigenvector_options, weighted)
    END

    BEGIN(km_graph_export_options, KM_GRAPH_EXPORT_OPTIONS)
    NUM(km_graph_export_options, version) PTR(km_graph_export_options, name)
    PTR(km_graph_export_options, labels) PTR(km_graph_export_options, attr_names)
    PTR(km_graph_export_options, attr_values) NUM(km_graph_export_options, attr_count)
    NUM(km_graph_export_options, values_len)
    END

    /* commitment.h */
    BEGIN(km_commitment_fields, KM_COMMITMENT_FIELDS)
    NUM(km_commitment_fields, version) NUM(km_commitment_fields, agreement_id)
    NUM(km_commitment_fields, provider_id) NUM(km_commitment_fields, recipient_id)
    NUM(km_commitment_fields, kind) PTR(km_commitment_fields, title) NUM(km_commitment_fields, amount)
    PTR(km_commitment_fields, currency) PTR(km_commitment_fields, unit) NUM(km_commitment_fields, valuation)
    PTR(km_commitment_fields, valuation_currency) NUM(km_commitment_fields, loan_rate_bp)
    NUM(km_commitment_fields, loan_term_months) NUM(km_commitment_fields, loan_grace_months)
    NUM(km_commitment_fields, loan_method) PTR(km_commitment_fields, loan_start_date)
    END

    BEGIN(km_commitment_query, KM_COMMITMENT_QUERY)
    NUM(km_commitment_query, version) NUM(km_commitment_query, agreement_id)
    NUM(km_commitment_query, provider_id) NUM(km_commitment_query, recipient_id)
    NUM(km_commitment_query, framework_id) NUM(km_commitment_query, kind) NUM(km_commitment_query, status)
    PTR(km_commitment_query, cursor) NUM(km_commitment_query, limit)
    END

    BEGIN(km_tranche_fields, KM_TRANCHE_FIELDS)
    NUM(km_tranche_fields, version) PTR(km_tranche_fields, planned_date) NUM(km_tranche_fields, amount)
    PTR(km_tranche_fields, note)
    END

    BEGIN(km_ledger_fields, KM_LEDGER_FIELDS)
    NUM(km_ledger_fields, version) NUM(km_ledger_fields, type) NUM(km_ledger_fields, amount)
    PTR(km_ledger_fields, currency) PTR(km_ledger_fields, value_date) NUM(km_ledger_fields, tranche)
    PTR(km_ledger_fields, note)
    END

    BEGIN(km_loan_terms, KM_LOAN_TERMS)
    NUM(km_loan_terms, version) NUM(km_loan_terms, principal) PTR(km_loan_terms, currency)
    NUM(km_loan_terms, rate_bp) NUM(km_loan_terms, term_months) NUM(km_loan_terms, grace_months)
    NUM(km_loan_terms, method) PTR(km_loan_terms, start_date)
    END

    BEGIN(km_loan_position, KM_LOAN_POSITION)
    NUM(km_loan_position, version) NUM(km_loan_position, disbursed) NUM(km_loan_position, principal_repaid)
    NUM(km_loan_position, outstanding) NUM(km_loan_position, scheduled_balance)
    NUM(km_loan_position, principal_due) NUM(km_loan_position, interest_due)
    NUM(km_loan_position, interest_paid) NUM(km_loan_position, principal_arrears)
    NUM(km_loan_position, interest_arrears) NUM(km_loan_position, instalments_due)
    END

    BEGIN(km_totals_query, KM_TOTALS_QUERY)
    NUM(km_totals_query, version) NUM(km_totals_query, commitment_id) NUM(km_totals_query, agreement_id)
    NUM(km_totals_query, provider_id) NUM(km_totals_query, recipient_id) NUM(km_totals_query, framework_id)
    NUM(km_totals_query, kind) NUM(km_totals_query, status) NUM(km_totals_query, group_by)
    PTR(km_totals_query, as_of_date) PTR(km_totals_query, currency) PTR(km_totals_query, rate)
    PTR(km_totals_query, rate_payload) NUM(km_totals_query, value_quantities)
    END

    BEGIN(km_disbursement_delay, KM_DISBURSEMENT_DELAY)
    NUM(km_disbursement_delay, version) NUM(km_disbursement_delay, tranches_due)
    NUM(km_disbursement_delay, tranches_met) NUM(km_disbursement_delay, delay_days_total)
    NUM(km_disbursement_delay, delay_days_average) NUM(km_disbursement_delay, delay_days_max)
    NUM(km_disbursement_delay, tranches_overdue) NUM(km_disbursement_delay, overdue_days_max)
    END

    /* indicator.h */
    BEGIN(km_indicator_fields, KM_INDICATOR_FIELDS)
    NUM(km_indicator_fields, version) PTR(km_indicator_fields, code) PTR(km_indicator_fields, title)
    PTR(km_indicator_fields, description) NUM(km_indicator_fields, result_level)
    NUM(km_indicator_fields, measure) PTR(km_indicator_fields, unit_label) NUM(km_indicator_fields, dimension)
    NUM(km_indicator_fields, direction) NUM(km_indicator_fields, scale) NUM(km_indicator_fields, scale_max)
    NUM(km_indicator_fields, allow_over_100) NUM(km_indicator_fields, baseline_value)
    NUM(km_indicator_fields, baseline_denominator) PTR(km_indicator_fields, baseline_date)
    PTR(km_indicator_fields, target_dates) PTR(km_indicator_fields, target_values)
    PTR(km_indicator_fields, target_denominators) NUM(km_indicator_fields, targets_count)
    NUM(km_indicator_fields, weight) NUM(km_indicator_fields, frequency)
    NUM(km_indicator_fields, time_aggregation) NUM(km_indicator_fields, cross_aggregation)
    NUM(km_indicator_fields, reporter_id) NUM(km_indicator_fields, grace_days)
    END

    BEGIN(km_indicator_query, KM_INDICATOR_QUERY)
    NUM(km_indicator_query, version) NUM(km_indicator_query, agreement_id) NUM(km_indicator_query, framework_id)
    NUM(km_indicator_query, template_id) NUM(km_indicator_query, templates) NUM(km_indicator_query, dimension)
    NUM(km_indicator_query, status) PTR(km_indicator_query, cursor) NUM(km_indicator_query, limit)
    END

    BEGIN(km_measurement_fields, KM_MEASUREMENT_FIELDS)
    NUM(km_measurement_fields, version) NUM(km_measurement_fields, partner_id)
    PTR(km_measurement_fields, period_start) PTR(km_measurement_fields, period_end)
    NUM(km_measurement_fields, value) NUM(km_measurement_fields, denominator) PTR(km_measurement_fields, text)
    PTR(km_measurement_fields, evidence_uri) PTR(km_measurement_fields, comment)
    END

    BEGIN(km_measurement_query, KM_MEASUREMENT_QUERY)
    NUM(km_measurement_query, version) NUM(km_measurement_query, indicator_id)
    NUM(km_measurement_query, agreement_id) NUM(km_measurement_query, partner_id)
    NUM(km_measurement_query, status) PTR(km_measurement_query, cursor) NUM(km_measurement_query, limit)
    END

    /* scorecard.h */
    BEGIN(km_scorecard_query, KM_SCORECARD_QUERY)
    NUM(km_scorecard_query, version) NUM(km_scorecard_query, scope) NUM(km_scorecard_query, subject)
    PTR(km_scorecard_query, as_of) NUM(km_scorecard_query, knowledge) NUM(km_scorecard_query, running_only)
    END

    BEGIN(km_reporting_query, KM_REPORTING_QUERY)
    NUM(km_reporting_query, version) PTR(km_reporting_query, as_of) NUM(km_reporting_query, agreement_id)
    NUM(km_reporting_query, partner_id) NUM(km_reporting_query, include_late)
    END

    BEGIN(km_aggregate_query, KM_AGGREGATE_QUERY)
    NUM(km_aggregate_query, version) NUM(km_aggregate_query, template_id) PTR(km_aggregate_query, code)
    NUM(km_aggregate_query, framework_id) PTR(km_aggregate_query, as_of) NUM(km_aggregate_query, knowledge)
    END

    /* dispute.h */
    BEGIN(km_dispute_fields, KM_DISPUTE_FIELDS)
    NUM(km_dispute_fields, version) NUM(km_dispute_fields, agreement_id) NUM(km_dispute_fields, claimant)
    PTR(km_dispute_fields, respondents) NUM(km_dispute_fields, respondents_count)
    NUM(km_dispute_fields, category) NUM(km_dispute_fields, severity) PTR(km_dispute_fields, description)
    PTR(km_dispute_fields, relief) PTR(km_dispute_fields, commitment_ids)
    NUM(km_dispute_fields, commitments_count) PTR(km_dispute_fields, milestone_numbers)
    NUM(km_dispute_fields, milestones_count)
    END

    BEGIN(km_dispute_settlement, KM_DISPUTE_SETTLEMENT)
    NUM(km_dispute_settlement, version) PTR(km_dispute_settlement, terms)
    PTR(km_dispute_settlement, commitment_ids) NUM(km_dispute_settlement, commitments_count)
    PTR(km_dispute_settlement, milestone_numbers) NUM(km_dispute_settlement, milestones_count)
    END

    BEGIN(km_dispute_session_fields, KM_DISPUTE_SESSION_FIELDS)
    NUM(km_dispute_session_fields, version) PTR(km_dispute_session_fields, date)
    PTR(km_dispute_session_fields, attendees) NUM(km_dispute_session_fields, attendees_count)
    PTR(km_dispute_session_fields, outcome)
    END

    BEGIN(km_dispute_policy, KM_DISPUTE_POLICY)
    NUM(km_dispute_policy, version) NUM(km_dispute_policy, mediator_kinds)
    NUM(km_dispute_policy, allow_agreement_party) NUM(km_dispute_policy, allow_related_agreements)
    NUM(km_dispute_policy, suspend_during_mediation) NUM(km_dispute_policy, acknowledge_days)
    NUM(km_dispute_policy, start_days) NUM(km_dispute_policy, negotiation_days)
    NUM(km_dispute_policy, mediation_days) NUM(km_dispute_policy, utc_offset_minutes)
    END

    BEGIN(km_dispute_query, KM_DISPUTE_QUERY)
    NUM(km_dispute_query, version) NUM(km_dispute_query, agreement_id) NUM(km_dispute_query, party)
    NUM(km_dispute_query, mediator) NUM(km_dispute_query, status) NUM(km_dispute_query, category)
    NUM(km_dispute_query, severity) NUM(km_dispute_query, open_only) PTR(km_dispute_query, filed_from)
    PTR(km_dispute_query, filed_to) PTR(km_dispute_query, cursor) NUM(km_dispute_query, limit)
    END

    BEGIN(km_dispute_report, KM_DISPUTE_REPORT)
    NUM(km_dispute_report, version) NUM(km_dispute_report, disputes) NUM(km_dispute_report, open)
    PTR(km_dispute_report, in_status) NUM(km_dispute_report, resolved)
    NUM(km_dispute_report, settled_negotiation) NUM(km_dispute_report, settled_mediation)
    NUM(km_dispute_report, escalated) NUM(km_dispute_report, withdrawn) NUM(km_dispute_report, dismissed)
    NUM(km_dispute_report, share_settled_negotiation) NUM(km_dispute_report, share_settled_mediation)
    NUM(km_dispute_report, share_escalated) NUM(km_dispute_report, resolution_days_median)
    NUM(km_dispute_report, resolution_days_p90) NUM(km_dispute_report, resolution_days_max)
    END

    /* opportunity.h */
    BEGIN(km_opportunity_fields, KM_OPPORTUNITY_FIELDS)
    NUM(km_opportunity_fields, version) NUM(km_opportunity_fields, publisher_id)
    PTR(km_opportunity_fields, title) PTR(km_opportunity_fields, description)
    NUM(km_opportunity_fields, agreement_type) NUM(km_opportunity_fields, framework_id)
    PTR(km_opportunity_fields, sectors) NUM(km_opportunity_fields, sectors_count)
    PTR(km_opportunity_fields, region) PTR(km_opportunity_fields, capabilities)
    NUM(km_opportunity_fields, capabilities_count) NUM(km_opportunity_fields, grant_ceiling)
    PTR(km_opportunity_fields, currency) PTR(km_opportunity_fields, assistance)
    NUM(km_opportunity_fields, assistance_quantity) PTR(km_opportunity_fields, assistance_unit)
    NUM(km_opportunity_fields, eligible_kinds) PTR(km_opportunity_fields, eligible_region)
    NUM(km_opportunity_fields, min_completed) NUM(km_opportunity_fields, partners_sought)
    PTR(km_opportunity_fields, opening_date) PTR(km_opportunity_fields, closing_date)
    NUM(km_opportunity_fields, partner_roles) NUM(km_opportunity_fields, publisher_roles)
    NUM(km_opportunity_fields, award_mode) NUM(km_opportunity_fields, no_open_disputes)
    END

    BEGIN(km_opportunity_query, KM_OPPORTUNITY_QUERY)
    NUM(km_opportunity_query, version) NUM(km_opportunity_query, publisher_id) NUM(km_opportunity_query, status)
    PTR(km_opportunity_query, status_as_of) NUM(km_opportunity_query, agreement_type)
    NUM(km_opportunity_query, framework_id) PTR(km_opportunity_query, sector)
    PTR(km_opportunity_query, capability) PTR(km_opportunity_query, region_prefix)
    PTR(km_opportunity_query, open_on) PTR(km_opportunity_query, cursor) NUM(km_opportunity_query, limit)
    END

    BEGIN(km_interest_fields, KM_INTEREST_FIELDS)
    NUM(km_interest_fields, version) NUM(km_interest_fields, opportunity_id) NUM(km_interest_fields, partner_id)
    PTR(km_interest_fields, statement) PTR(km_interest_fields, capabilities)
    NUM(km_interest_fields, capabilities_count) NUM(km_interest_fields, contribution_amount)
    PTR(km_interest_fields, contribution_currency) NUM(km_interest_fields, contribution_quantity)
    PTR(km_interest_fields, contribution_unit) PTR(km_interest_fields, co_applicants)
    NUM(km_interest_fields, co_applicants_count)
    END

    BEGIN(km_selection_options, KM_SELECTION_OPTIONS)
    NUM(km_selection_options, version) PTR(km_selection_options, reference) PTR(km_selection_options, title)
    PTR(km_selection_options, start_date) PTR(km_selection_options, end_date)
    END

    BEGIN(km_interest_query, KM_INTEREST_QUERY)
    NUM(km_interest_query, version) NUM(km_interest_query, opportunity_id) NUM(km_interest_query, partner_id)
    NUM(km_interest_query, member_id) NUM(km_interest_query, status) NUM(km_interest_query, agreement_id)
    PTR(km_interest_query, cursor) NUM(km_interest_query, limit)
    END

    BEGIN(km_discovery_options, KM_DISCOVERY_OPTIONS)
    NUM(km_discovery_options, version) NUM(km_discovery_options, capability_weight)
    NUM(km_discovery_options, sector_weight) NUM(km_discovery_options, region_weight)
    PTR(km_discovery_options, as_of_date) NUM(km_discovery_options, limit)
    END

    /* view.h */
    BEGIN(km_view_options, KM_VIEW_OPTIONS)
    NUM(km_view_options, version) NUM(km_view_options, kind) PTR(km_view_options, as_of)
    NUM(km_view_options, active_only) NUM(km_view_options, family) NUM(km_view_options, type)
    NUM(km_view_options, framework_id) PTR(km_view_options, region_prefix) NUM(km_view_options, status_mask)
    NUM(km_view_options, vertices) NUM(km_view_options, weight) PTR(km_view_options, currency)
    NUM(km_view_options, flow)
    END

    /* match.h */
    BEGIN(km_match_need, KM_MATCH_NEED)
    NUM(km_match_need, version) PTR(km_match_need, tags) NUM(km_match_need, tags_count)
    PTR(km_match_need, sectors) NUM(km_match_need, sectors_count) PTR(km_match_need, region)
    NUM(km_match_need, partner_id)
    END

    BEGIN(km_match_options, KM_MATCH_OPTIONS)
    NUM(km_match_options, version) NUM(km_match_options, w_capability) NUM(km_match_options, w_sector)
    NUM(km_match_options, w_region) NUM(km_match_options, w_network) NUM(km_match_options, w_track_record)
    NUM(km_match_options, w_disputes) NUM(km_match_options, w_suspended)
    NUM(km_match_options, include_suspended) NUM(km_match_options, exclude_existing)
    NUM(km_match_options, use_evaluation) NUM(km_match_options, kind) NUM(km_match_options, min_score)
    NUM(km_match_options, limit) PTR(km_match_options, as_of)
    END

    printf("\n}\n");
    return 0;
}
