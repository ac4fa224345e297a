/*
 * Minimal C test harness for the KwsNano native tests: CHECK macros count failures; main returns
 * non-zero when any check failed (CTest reports it).
 */
#ifndef KWS_TEST_H
#define KWS_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int kt_failures = 0;
static int kt_checks = 0;

#define CHECK(cond) do { kt_checks++; if (!(cond)) { kt_failures++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

#define CHECK_EQ_INT(actual, expected) do { long long a_ = (long long)(actual), e_ = (long long)(expected); \
    kt_checks++; if (a_ != e_) { kt_failures++; \
    fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #actual, a_, e_); } } while (0)

#define CHECK_STATUS(actual, expected) do { kws_status a_ = (actual), e_ = (expected); kt_checks++; \
    if (a_ != e_) { kt_failures++; fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s)\n", \
    __FILE__, __LINE__, #actual, (int)a_, kws_status_str(a_), (int)e_, kws_status_str(e_)); } } while (0)

#define CHECK_BYTES(actual, expected, n) do { size_t i_; kt_checks++; \
    for (i_ = 0; i_ < (size_t)(n); i_++) { if ((actual)[i_] != (expected)[i_]) { kt_failures++; \
    fprintf(stderr, "%s:%d: %s[%u] == %d, expected %d\n", __FILE__, __LINE__, #actual, (unsigned)i_, \
    (int)(actual)[i_], (int)(expected)[i_]); break; } } } while (0)

#define RUN(test) do { int before_ = kt_failures; test(); \
    fprintf(stderr, "%s %s\n", kt_failures == before_ ? "PASS" : "FAIL", #test); } while (0)

#define KT_REPORT() (fprintf(stderr, "%d checks, %d failures\n", kt_checks, kt_failures), kt_failures == 0 ? 0 : 1)

#endif /* KWS_TEST_H */
