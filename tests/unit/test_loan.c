/* Unit tests for loans: repayment schedules checked against examples worked
 * by hand (the working is in the comments, rounding included), long and
 * extreme schedules checked against an exact rational reference, the terms'
 * validation, the loan invariants of the ledger at every value date, the
 * position (outstanding balance and arrears) as of dates, and
 * out-of-memory loops. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "commitment_fixture.h"
#include "support/failalloc.h"

typedef struct row {
    int64_t principal, interest, payment, balance;
} row;

static km_schedule *compute(int64_t principal, uint32_t rate, uint32_t term, uint32_t grace, int method,
                            const char *start)
{
    km_loan_terms t = KM_LOAN_TERMS_INIT;
    km_schedule *s = NULL;
    t.principal = principal;
    t.currency = "IDR";
    t.rate_bp = rate;
    t.term_months = term;
    t.grace_months = grace;
    t.method = method;
    t.start_date = start;
    if (km_loan_schedule_compute(&s, &t, NULL) != 0) fail_msg("%s", km_error_last_message(KM_LANG_EN));
    return s;
}

static void check_rows(const km_schedule *s, const row *want, size_t n)
{
    size_t i;
    assert_int_equal(km_schedule_count(s), n);
    for (i = 0; i < n; i++) {
        if (km_schedule_principal(s, i) != want[i].principal || km_schedule_interest(s, i) != want[i].interest ||
            km_schedule_payment(s, i) != want[i].payment || km_schedule_balance(s, i) != want[i].balance)
            fail_msg("instalment %zu: %lld + %lld = %lld, balance %lld; expected %lld + %lld = %lld, balance %lld",
                     i + 1, (long long)km_schedule_principal(s, i), (long long)km_schedule_interest(s, i),
                     (long long)km_schedule_payment(s, i), (long long)km_schedule_balance(s, i),
                     (long long)want[i].principal, (long long)want[i].interest, (long long)want[i].payment,
                     (long long)want[i].balance);
    }
}

/* Rp1.000.000,00 (100000000 sen) at 12% a year (1200 bp) over 12 months,
 * annuity, starting 2024-01-31.
 *
 *   monthly rate i = 1200 / 120000 = 0.01
 *   (1 + i)^12 = 1.01^12 = 1.126825030131969720661201
 *   payment = P i (1+i)^12 / ((1+i)^12 - 1)
 *           = 100000000 x 0.01 x 1.126825030131969720661201 / 0.126825030131969720661201
 *           = 8884878.8678...  -> rounded half up: 8884879 (Rp88.848,79)
 *   month 1: interest 100000000 x 0.01 = 1000000.00 -> 1000000
 *            principal 8884879 - 1000000 = 7884879; balance 92115121
 *   month 2: interest 92115121 x 0.01 = 921151.21 -> 921151
 *            principal 8884879 - 921151 = 7963728; balance 84151393
 *   month 3: interest 841513.93 -> 841514; principal 8043365; balance 76108028
 *   ...
 *   month 11: interest 175067.19... -> 175067; principal 8709812; balance 8796907
 *   month 12: interest 8796907 x 0.01 = 87969.07 -> 87969; the last
 *            instalment repays the whole balance 8796907: payment 8884876
 *            (3 sen less than the others: the remainder it absorbs).
 *   Months 4..10 follow the same steps (all 12 rows are below). Due dates
 *   are the 31st clamped to the month's end: 2024-02-29, 03-31, 04-30... */
static void test_annuity_hand_computed(void **state)
{
    static const row want[12] = {
        { 7884879, 1000000, 8884879, 92115121 }, { 7963728, 921151, 8884879, 84151393 },
        { 8043365, 841514, 8884879, 76108028 },  { 8123799, 761080, 8884879, 67984229 },
        { 8205037, 679842, 8884879, 59779192 },  { 8287087, 597792, 8884879, 51492105 },
        { 8369958, 514921, 8884879, 43122147 },  { 8453658, 431221, 8884879, 34668489 },
        { 8538194, 346685, 8884879, 26130295 },  { 8623576, 261303, 8884879, 17506719 },
        { 8709812, 175067, 8884879, 8796907 },   { 8796907, 87969, 8884876, 0 },
    };
    km_schedule *s = compute(100000000, 1200, 12, 0, KM_LOAN_ANNUITY, "2024-01-31");
    (void)state;
    assert_true(km_schedule_regular_payment(s) == 8884879);
    check_rows(s, want, 12);
    assert_true(km_schedule_total_interest(s) == 6618545);
    assert_string_equal(km_schedule_due_date(s, 0), "2024-02-29");
    assert_string_equal(km_schedule_due_date(s, 1), "2024-03-31");
    assert_string_equal(km_schedule_due_date(s, 2), "2024-04-30");
    assert_string_equal(km_schedule_due_date(s, 11), "2025-01-31");
    assert_null(km_schedule_due_date(s, 12));
    assert_true(km_schedule_payment(s, 12) == 0);
    km_schedule_free(s);
}

/* Small amounts, where every rounding shows.
 *
 * Annuity, P = 1000 sen, 1% a month, 3 months:
 *   payment = 1000 x 0.01 x 1.030301 / 0.030301 = 340.0221... -> 340
 *   1: interest 10.00 -> 10, principal 330, balance 670
 *   2: interest 6.70 -> 7, principal 333, balance 337
 *   3: interest 3.37 -> 3, principal 337 (all that is left), payment 340
 *
 * Straight line, P = 1000 sen, 10% a year (1000 bp: 1/120 a month), 3 months:
 *   principal part 1000 / 3 = 333.33 -> 333
 *   1: interest 1000 / 120 = 8.33 -> 8, payment 341, balance 667
 *   2: interest 667 / 120 = 5.558 -> 6, payment 339, balance 334
 *   3: principal 334 (absorbs the remainder), interest 334 / 120 = 2.78 -> 3
 *
 * Half up: P = 60 sen at 10% for one month: interest 60 / 120 = 0.5 -> 1;
 * the annuity 60 x 121 / 120 = 60.5 -> 61.
 *
 * Zero rate: the annuity is the straight line, 333 + 333 + 334.
 * Principal parts never exceed what is left: P = 2 over 4 months is
 * 2 / 4 = 0.5 -> 1, then 1, then 0 and 0. */
static void test_rounding_hand_computed(void **state)
{
    static const row annuity[3] = { { 330, 10, 340, 670 }, { 333, 7, 340, 337 }, { 337, 3, 340, 0 } };
    static const row straight[3] = { { 333, 8, 341, 667 }, { 333, 6, 339, 334 }, { 334, 3, 337, 0 } };
    static const row half[1] = { { 60, 1, 61, 0 } };
    static const row zero[3] = { { 333, 0, 333, 667 }, { 333, 0, 333, 334 }, { 334, 0, 334, 0 } };
    static const row tiny[4] = { { 1, 0, 1, 1 }, { 1, 0, 1, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
    km_schedule *s;
    (void)state;
    s = compute(1000, 1200, 3, 0, KM_LOAN_ANNUITY, "2024-01-01");
    assert_true(km_schedule_regular_payment(s) == 340);
    check_rows(s, annuity, 3);
    km_schedule_free(s);
    s = compute(1000, 1000, 3, 0, KM_LOAN_STRAIGHT_LINE, "2024-01-01");
    assert_true(km_schedule_regular_payment(s) == 333);
    check_rows(s, straight, 3);
    assert_true(km_schedule_total_interest(s) == 17);
    km_schedule_free(s);
    s = compute(60, 1000, 1, 0, KM_LOAN_ANNUITY, "2024-01-01");
    assert_true(km_schedule_regular_payment(s) == 61);
    check_rows(s, half, 1);
    km_schedule_free(s);
    s = compute(60, 1000, 1, 0, KM_LOAN_STRAIGHT_LINE, "2024-01-01");
    check_rows(s, half, 1);
    km_schedule_free(s);
    s = compute(1000, 0, 3, 0, KM_LOAN_ANNUITY, "2024-01-01");
    check_rows(s, zero, 3);
    km_schedule_free(s);
    s = compute(2, 0, 4, 0, KM_LOAN_STRAIGHT_LINE, "2024-01-01");
    check_rows(s, tiny, 4);
    km_schedule_free(s);
}

/* Rp120.000,00 at 6% a year (0.5% a month), 6 months of which 2 are grace
 * (interest only), straight line from 2024-01-01:
 *   grace 1, 2: interest 12000000 x 0.005 = 60000, no principal
 *   months 3..6: principal 12000000 / 4 = 3000000 each; interest on the
 *   balance: 60000, 45000, 30000, 15000. */
static void test_grace_hand_computed(void **state)
{
    static const row want[6] = {
        { 0, 60000, 60000, 12000000 },      { 0, 60000, 60000, 12000000 },
        { 3000000, 60000, 3060000, 9000000 }, { 3000000, 45000, 3045000, 6000000 },
        { 3000000, 30000, 3030000, 3000000 }, { 3000000, 15000, 3015000, 0 },
    };
    km_schedule *s = compute(12000000, 600, 6, 2, KM_LOAN_STRAIGHT_LINE, "2024-01-01");
    (void)state;
    check_rows(s, want, 6);
    assert_string_equal(km_schedule_due_date(s, 0), "2024-02-01");
    assert_string_equal(km_schedule_due_date(s, 5), "2024-07-01");
    km_schedule_free(s);
}

/* Long and extreme schedules against an exact rational reference (Python
 * fractions.Fraction, same rounding rule), written out here:
 *
 * Rp5 milyar (500000000000 sen) at 6.5% over 20 years with a one-year
 * grace, annuity: the 12 grace months pay 500000000000 x 650 / 120000 =
 * 2708333333.33 -> 2708333333; the annuity over the 228 remaining months is
 * 3824279848; month 13 repays 3824279848 - 2708333333 = 1115946515 leaving
 * 498884053485; month 120 pays 1835100410 interest and leaves 336798588632;
 * the last pays 3824279664; total interest 404435805156.
 *
 * 10^15 sen at the highest rate (100%) over the longest term (600 months):
 * (1 + 1/12)^600 is about 2^69, so the annuity rounds to the interest
 * 83333333333333 alone, no principal is repaid until the last instalment
 * repays all of it (1083333333333333). Total payments 50999999999999800. */
static void test_long_schedules(void **state)
{
    km_schedule *s;
    int64_t total = 0;
    size_t i;
    (void)state;
    s = compute(500000000000LL, 650, 240, 12, KM_LOAN_ANNUITY, "2024-01-15");
    assert_int_equal(km_schedule_count(s), 240);
    assert_true(km_schedule_interest(s, 0) == 2708333333LL && km_schedule_principal(s, 11) == 0);
    assert_true(km_schedule_regular_payment(s) == 3824279848LL);
    assert_true(km_schedule_principal(s, 12) == 1115946515LL);
    assert_true(km_schedule_balance(s, 12) == 498884053485LL);
    assert_true(km_schedule_interest(s, 119) == 1835100410LL);
    assert_true(km_schedule_balance(s, 119) == 336798588632LL);
    assert_true(km_schedule_payment(s, 239) == 3824279664LL);
    assert_true(km_schedule_balance(s, 239) == 0);
    assert_true(km_schedule_total_interest(s) == 404435805156LL);
    assert_string_equal(km_schedule_due_date(s, 239), "2044-01-15");
    km_schedule_free(s);
    s = compute(1000000000000000LL, KM_LOAN_RATE_MAX, KM_LOAN_TERM_MAX, 0, KM_LOAN_ANNUITY, "2024-01-01");
    assert_true(km_schedule_regular_payment(s) == 83333333333333LL);
    for (i = 0; i < 599; i++) assert_true(km_schedule_principal(s, i) == 0);
    assert_true(km_schedule_payment(s, 599) == 1083333333333333LL);
    for (i = 0; i < km_schedule_count(s); i++) total += km_schedule_payment(s, i);
    assert_true(total == 50999999999999800LL);
    km_schedule_free(s);
}

static void test_terms_validation(void **state)
{
    km_loan_terms t = KM_LOAN_TERMS_INIT;
    km_schedule *s = NULL;
    km_test_alloc ta;
    (void)state;
#define BAD(code, field)                                                                 \
    do {                                                                                 \
        assert_int_equal(km_loan_schedule_compute(&s, &t, NULL), code);                  \
        assert_string_equal(km_error_last_field(), field);                               \
        assert_null(s);                                                                  \
    } while (0)
    t.principal = 100000;
    t.currency = "IDR";
    t.rate_bp = 1200;
    t.term_months = 12;
    t.start_date = "2024-01-01";
    assert_int_equal(km_loan_schedule_compute(&s, &t, NULL), 0);
    km_schedule_free(s);
    s = NULL;
    assert_int_equal(km_loan_schedule_compute(NULL, &t, NULL), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "out");
    assert_int_equal(km_loan_schedule_compute(&s, NULL, NULL), KM_EINVAL);
    t.version = 2;
    BAD(KM_EVERSION, "terms.version");
    t.version = KM_LOAN_TERMS_VERSION;
    t.currency = NULL;
    BAD(KM_EINVAL, "loan.currency");
    t.currency = "XXY";
    BAD(KM_EINVAL, "loan.currency");
    t.currency = "IDR";
    t.start_date = NULL;
    BAD(KM_EINVAL, "loan.start_date");
    t.start_date = "2024-02-30";
    BAD(KM_EINVAL, "loan.start_date");
    t.start_date = "2024-01-01";
    t.principal = 0;
    BAD(KM_EINVAL, "loan.principal");
    t.principal = 100000;
    t.rate_bp = KM_LOAN_RATE_MAX + 1;
    BAD(KM_EINVAL, "loan.rate_bp");
    t.rate_bp = 1200;
    t.term_months = 0;
    BAD(KM_EINVAL, "loan.term_months");
    t.term_months = KM_LOAN_TERM_MAX + 1;
    BAD(KM_EINVAL, "loan.term_months");
    t.term_months = 12;
    t.grace_months = 12;
    BAD(KM_EINVAL, "loan.grace_months");
    t.grace_months = 0;
    t.method = 2;
    BAD(KM_EINVAL, "loan.method");
    t.method = KM_LOAN_ANNUITY;
    t.start_date = "9999-06-01";
    BAD(KM_ERANGE, "loan.term_months");
    t.start_date = "2024-01-01";
    /* (2^63 - 1) / 8 at 100% over 600 months: payments overflow 64 bits. */
    t.principal = INT64_MAX / 8;
    t.rate_bp = KM_LOAN_RATE_MAX;
    t.term_months = KM_LOAN_TERM_MAX;
    BAD(KM_ERANGE, "loan.principal");
    t.term_months = 12; /* ... but over a year they fit */
    assert_int_equal(km_loan_schedule_compute(&s, &t, NULL), 0);
    km_schedule_free(s);
    s = NULL;
    /* Out of memory: every allocation of a preview fails cleanly. */
    km_test_alloc_init(&ta);
    {
        long n;
        for (n = 1;; n++) {
            int rc;
            km_test_alloc_fail_at(&ta, n);
            rc = km_loan_schedule_compute(&s, &t, km_test_alloc_get(&ta));
            km_test_alloc_fail_at(&ta, -1);
            if (rc == 0) break;
            assert_int_equal(rc, KM_ENOMEM);
            assert_null(s);
            assert_int_equal(ta.live, 0);
        }
        assert_int_equal(km_schedule_count(s), 12);
        km_schedule_free(s);
        assert_int_equal(ta.live, 0);
    }
#undef BAD
}

/* The schedule of test_grace_hand_computed as a commitment, disbursed and
 * repaid: the loan invariants at every value date, and the position. */
static void test_loan_ledger(void **state)
{
    km_network *net = fx_open(NULL);
    km_commitment_fields f;
    km_schedule *s = NULL;
    km_loan_position p = KM_LOAN_POSITION_INIT;
    km_commitment *c = NULL;
    uint64_t ag, id, grant, d2, seq;
    (void)state;
    assert_non_null(net);
    fx_partners(net);
    ag = cf_agreement(net, "PKS/LOAN/1");
    cf_fields(&f, ag, KM_COMMITMENT_LOAN, 12000000, "IDR");
    f.loan_rate_bp = 600;
    f.loan_term_months = 6;
    f.loan_grace_months = 2;
    f.loan_method = KM_LOAN_STRAIGHT_LINE;
    f.loan_start_date = "2024-01-01";
    f.unit = "unit";
    f.currency = NULL;
    assert_int_equal(km_commitment_create(NULL, net, &f), KM_EINVAL); /* loans are money */
    f.unit = NULL;
    f.currency = "IDR";
    f.loan_start_date = NULL;
    assert_int_equal(km_commitment_create(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "commitment.loan_start_date");
    f.loan_start_date = "2024-01-01";
    f.loan_grace_months = 6;
    assert_int_equal(km_commitment_create(NULL, net, &f), KM_EINVAL);
    assert_string_equal(km_error_last_field(), "commitment.loan_grace_months");
    f.loan_grace_months = 2;
    assert_int_equal(km_commitment_create(&id, net, &f), 0);
    assert_int_equal(km_commitment_get(&c, net, id), 0);
    assert_int_equal(km_commitment_loan_rate_bp(c), 600);
    assert_int_equal(km_commitment_loan_term_months(c), 6);
    assert_int_equal(km_commitment_loan_grace_months(c), 2);
    assert_int_equal(km_commitment_loan_method(c), KM_LOAN_STRAIGHT_LINE);
    assert_string_equal(km_commitment_loan_start_date(c), "2024-01-01");
    km_commitment_free(c);
    assert_int_equal(km_loan_schedule(&s, net, id), 0);
    assert_int_equal(km_schedule_count(s), 6);
    assert_true(km_schedule_interest(s, 3) == 45000);
    km_schedule_free(s);
    grant = cf_money(net, ag, KM_COMMITMENT_GRANT, 5, "IDR");
    assert_int_equal(km_loan_schedule(&s, net, grant), KM_EINVAL);
    assert_int_equal(km_loan_schedule(&s, net, 99), KM_ENOTFOUND);
    assert_int_equal(km_loan_position_get(&p, net, grant, "2024-01-01"), KM_EINVAL);

    assert_int_equal(km_commitment_commit(net, id, "2024-01-01", "akad kredit"), 0);
    seq = km_network_seq(net);
    /* Nothing to repay before a disbursement. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_LOAN_REPAYMENT, 1, "IDR", "2024-04-01", 0, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "commitment.status");
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 1, "IDR", "2024-04-01", 0, NULL), KM_ESTATE);
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 8000000, "IDR", "2024-01-01", 0, NULL), 0);
    /* Principal repaid never exceeds what was disbursed. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_LOAN_REPAYMENT, 8000001, "IDR", "2024-04-01", 0, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "loan.repaid_le_disbursed");
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 4000000, "IDR", "2024-02-01", 0, &d2), 0);
    assert_int_equal(cf_status(net, id), KM_COMMITMENT_FULLY_DISBURSED);
    /* Early repayment of the whole principal, and the interest as it falls due. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_LOAN_REPAYMENT, 12000000, "IDR", "2024-04-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 60000, "IDR", "2024-02-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 60000, "IDR", "2024-03-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 60000, "IDR", "2024-04-01", 0, NULL), 0);
    /* On 2024-04-01: paid 12000000 + 180000 = disbursed 12000000 + interest
     * due 180000 exactly; one sen more breaks the rule. */
    seq = km_network_seq(net);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 1, "IDR", "2024-04-01", 0, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "loan.payments_le_disbursed_plus_interest_due");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "plus interest due Rp1,800.00"));
    /* Backdating does not escape it: 10000 paid on 03-15 is fine on 03-15
     * but puts 04-01 over the limit. */
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 10000, "IDR", "2024-03-15", 0, NULL), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "loan.payments_le_disbursed_plus_interest_due");
    assert_non_null(strstr(km_error_last_message(KM_LANG_EN), "on 2024-04-01"));
    /* Reversing a disbursement that repayments rely on breaks the first rule. */
    assert_int_equal(km_ledger_reverse(NULL, net, d2, "salah"), KM_ESTATE);
    assert_string_equal(km_error_last_field(), "loan.repaid_le_disbursed");
    assert_int_equal(km_network_seq(net), seq);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 45000, "IDR", "2024-05-01", 0, NULL), 0);
    assert_true(cf_figure(net, id, KM_FIGURE_OUTSTANDING) == 0);
    assert_true(cf_figure(net, id, KM_FIGURE_REPAID) == 12000000);
    assert_true(cf_figure(net, id, KM_FIGURE_INTEREST) == 225000);

    /* Position as of 2024-03-15: all disbursed, nothing repaid yet. */
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-03-15"), 0);
    assert_true(p.disbursed == 12000000 && p.principal_repaid == 0 && p.outstanding == 12000000);
    assert_true(p.scheduled_balance == 12000000 && p.principal_due == 0);
    assert_true(p.interest_due == 120000 && p.interest_paid == 120000 && p.interest_arrears == 0);
    assert_int_equal(p.instalments_due, 2);
    /* As of 2024-04-15: repaid early; the schedule still expects 9000000 owed. */
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-04-15"), 0);
    assert_true(p.outstanding == 0 && p.scheduled_balance == 9000000 && p.principal_due == 3000000);
    assert_true(p.principal_arrears == 0 && p.interest_due == 180000);
    /* As of 2024-01-20: 8000000 out, nothing due. */
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-01-20"), 0);
    assert_true(p.disbursed == 8000000 && p.interest_due == 0 && p.instalments_due == 0);
    /* As of 2024-08-01 (everything due): 30000 + 15000 of interest behind. */
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-08-01"), 0);
    assert_true(p.interest_due == 270000 && p.interest_paid == 225000 && p.interest_arrears == 45000);
    assert_true(p.scheduled_balance == 0 && p.principal_arrears == 0);
    assert_int_equal(km_loan_position_get(&p, net, id, NULL), KM_EINVAL);
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-13-01"), KM_EINVAL);
    assert_int_equal(km_loan_position_get(NULL, net, id, "2024-01-01"), KM_EINVAL);
    p.version = 9;
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-01-01"), KM_EVERSION);
    /* Repaid: it closes without a reason. */
    assert_int_equal(km_commitment_close(net, id, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 30000, "IDR", "2024-06-01", 0, NULL), KM_ESTATE);
    km_network_close(net);
}

/* Arrears: a loan disbursed on schedule and repaid late. */
static void test_arrears(void **state)
{
    km_network *net = fx_open(NULL);
    km_commitment_fields f;
    km_loan_position p = KM_LOAN_POSITION_INIT;
    uint64_t ag, id;
    (void)state;
    assert_non_null(net);
    fx_partners(net);
    ag = cf_agreement(net, "PKS/LOAN/2");
    cf_fields(&f, ag, KM_COMMITMENT_LOAN, 1000, "IDR");
    f.loan_rate_bp = 1200;
    f.loan_term_months = 3;
    f.loan_method = KM_LOAN_ANNUITY;
    f.loan_start_date = "2024-01-01";
    assert_int_equal(km_commitment_create(&id, net, &f), 0);
    assert_int_equal(km_commitment_commit(net, id, "2024-01-01", NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_DISBURSEMENT, 1000, "IDR", "2024-01-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_LOAN_REPAYMENT, 330, "IDR", "2024-02-01", 0, NULL), 0);
    assert_int_equal(cf_tx(net, id, KM_LEDGER_INTEREST_PAYMENT, 10, "IDR", "2024-02-01", 0, NULL), 0);
    /* As of 2024-03-10 instalment 2 (333 + 7) is due and unpaid. */
    assert_int_equal(km_loan_position_get(&p, net, id, "2024-03-10"), 0);
    assert_int_equal(p.instalments_due, 2);
    assert_true(p.principal_due == 663 && p.principal_repaid == 330 && p.principal_arrears == 333);
    assert_true(p.interest_due == 17 && p.interest_arrears == 7);
    assert_true(p.outstanding == 670 && p.scheduled_balance == 337);
    km_network_close(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_annuity_hand_computed),
        cmocka_unit_test(test_rounding_hand_computed),
        cmocka_unit_test(test_grace_hand_computed),
        cmocka_unit_test(test_long_schedules),
        cmocka_unit_test(test_terms_validation),
        cmocka_unit_test(test_loan_ledger),
        cmocka_unit_test(test_arrears),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
