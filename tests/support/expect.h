/* EXPECT_OK(call): the call returns 0, or the test fails after printing
 * the code and the library's English message (a bare assert on the code
 * would not say which rule refused). Include after <cmocka.h> and
 * kemitraan/kemitraan.h. */
#ifndef KM_TESTS_EXPECT_H
#define KM_TESTS_EXPECT_H

#define EXPECT_OK(expr)                                                                          \
    do {                                                                                         \
        int rc_ = (expr);                                                                        \
        if (rc_ != 0) print_error("unexpected %d: %s\n", rc_, km_error_last_message(KM_LANG_EN)); \
        assert_int_equal(rc_, 0);                                                                \
    } while (0)

#endif
