/*
 * The optimized kernels' fast requantisation (kernels-native/src/kernels/kws__requant_fast.h) against
 * the reference routine kws__mbqm (kws__fixedpoint.h, TFLite MultiplyByQuantizedMultiplier), value for
 * value, over the whole domain the kernels can feed it: any int32 accumulator, multiplier 0 or in
 * [2^30, 2^31), shift in -31..30 (docs/kwsm-format.md, validation step 7).
 *   1. edge table: accumulators 0, +-1, INT32_MIN/MAX and their neighbours, powers of two and their
 *      neighbours, crossed with multipliers 0, 2^30, 2^30 + 1, 2^31 - 1, 2^31 - 2, and every shift;
 *   2. rounding boundaries: accumulators that put the high multiply exactly at a .5 tie (and +-1 around
 *      it) and, for right shifts, the product exactly at a .5 tie of the second rounding, both signs;
 *   3. random triples (KWS_REQUANT_TEST_RANDOM; millions on the host, fewer under QEMU), with the
 *      accumulator drawn at a random magnitude so small and large values are both covered.
 * Also checks the kernels' output step kws__requant_fast_s8 against the reference composition.
 * The same source runs on the host (plain and ASan/UBSan) and on every Cortex-M core under QEMU (the
 * ARMv6-M build uses the 16x16-multiply product).
 */
#include <stdint.h>
#include "kws_test.h"
#include "kws__requant_fast.h"
#include "kws__rq_armv6m.h"

#ifndef KWS_REQUANT_TEST_RANDOM
#define KWS_REQUANT_TEST_RANDOM 16000000L /* host: 16 M random triples */
#endif

static uint64_t g_rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(void) /* SplitMix64 */
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static long g_compared = 0;
static int g_reported = 0;

/* One triple: fast == reference, with the first few mismatches printed. */
static void cmp1(int32_t x, int32_t m, int32_t shift)
{
    const int32_t want = kws__mbqm(x, m, shift);
    const int32_t got = kws__mbqm_fast(x, m, shift);
    g_compared++;
    kt_checks++;
    if (got != want) {
        kt_failures++;
        if (g_reported++ < 10) {
            fprintf(stderr, "mbqm_fast(%ld, %ld, %ld) == %ld, reference %ld\n", (long)x, (long)m, (long)shift,
                    (long)got, (long)want);
        }
    }
}

static const int32_t k_mults[] = {0, 1 << 30, (1 << 30) + 1, 0x5A827999, INT32_MAX - 1, INT32_MAX};
#define N_MULTS ((int)(sizeof(k_mults) / sizeof(k_mults[0])))

static void test_edge_table(void)
{
    int32_t accs[200];
    int n = 0, i, j, b;
    int32_t shift;
    static const int32_t fixed[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1,
                                    INT32_MIN + 2, 32640 * 65536, -32640 * 65536};
    const long before = g_compared;
    for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++) {
        accs[n++] = fixed[i];
    }
    for (b = 1; b < 31; b++) { /* +-2^b and neighbours */
        const int32_t p = (int32_t)1 << b;
        accs[n++] = p - 1;
        accs[n++] = p + 1;
        accs[n++] = -p;
        accs[n++] = -p + 1;
        accs[n++] = -p - 1;
        if (n > 190) {
            break;
        }
    }
    for (i = 0; i < n; i++) {
        for (j = 0; j < N_MULTS; j++) {
            for (shift = -31; shift <= 30; shift++) {
                cmp1(accs[i], k_mults[j], shift);
            }
        }
    }
    CHECK(g_compared - before == (long)n * N_MULTS * 62);
}

/* Accumulators at the rounding ties, both signs, with neighbours. First rounding (high multiply): a tie
 * is x*m = (2t+1) * 2^30; m = 2^30 gives x / 2 (ties at odd x), m = 3*2^29 gives 3x/4 (ties at x = 2
 * mod 4). Second rounding (right shift e): the high multiply y must be (2t+1) * 2^(e-1); with m = 2^30
 * and x = 2y the high multiply is exactly y. */
static void test_rounding_ties(void)
{
    int32_t e, t, d, sign;
    const long before = g_compared;
    for (sign = -1; sign <= 1; sign += 2) {
        /* first rounding: x odd with m = 2^30 (x*m / 2^31 = x / 2 exactly at .5) */
        for (t = 0; t < 200; t++) {
            const int32_t x = sign * (2 * t + 1);
            for (e = -31; e <= 30; e++) {
                for (d = -1; d <= 1; d++) {
                    cmp1(x + d, 1 << 30, e);
                }
                cmp1(x, 3 << 29, e); /* x*3/4 */
                cmp1(2 * x, 3 << 29, e); /* 2 mod 4: 3x/2 at .5 */
            }
        }
        /* second rounding: y = x / 2 (m = 2^30, x even) at y = (2t+1) * 2^(e-1) for every e */
        for (e = 1; e <= 31; e++) {
            for (t = 0; t < 8; t++) {
                const int64_t y = (int64_t)sign * (2 * t + 1) * ((int64_t)1 << (e - 1));
                const int64_t x = 2 * y;
                if (x > INT32_MIN && x <= INT32_MAX - 2) {
                    for (d = -2; d <= 2; d++) {
                        cmp1((int32_t)x + d, 1 << 30, -e);
                        cmp1((int32_t)x + d, INT32_MAX, -e);
                    }
                }
            }
        }
    }
    CHECK(g_compared - before > 100000);
}

static int32_t rnd_acc(void)
{
    const int32_t v = (int32_t)rnd();
    const uint32_t mag = rnd() % 32u; /* keep 1..32 significant bits */
    return v >> (31u - mag);
}

static void test_random(void)
{
    long i;
    const long before = g_compared;
    for (i = 0; i < KWS_REQUANT_TEST_RANDOM; i++) {
        const uint32_t r = rnd();
        const int32_t x = rnd_acc();
        /* multiplier: 1/64 zero, else uniform [2^30, 2^31); shift: uniform -31..30, half of the draws in
         * -12..1 where real layers live */
        const int32_t m = (r & 63u) == 0u ? 0 : (int32_t)(0x40000000u | (rnd() & 0x3FFFFFFFu));
        const int32_t shift = (r & 64u) ? (int32_t)((r >> 8) % 62u) - 31 : (int32_t)((r >> 8) % 14u) - 12;
        cmp1(x, m, shift);
    }
    CHECK(g_compared - before == KWS_REQUANT_TEST_RANDOM);
}

/* The output step: requantise + output offset + clamp, against the reference composition. */
static void test_output_step(void)
{
    long i;
    for (i = 0; i < KWS_REQUANT_TEST_RANDOM / 16; i++) {
        const int32_t x = rnd_acc();
        const int32_t m = (int32_t)(0x40000000u | (rnd() & 0x3FFFFFFFu));
        const int32_t shift = (int32_t)(rnd() % 14u) - 12;
        const int32_t off = (int32_t)(rnd() % 256u) - 128;
        const int32_t lo = (int32_t)(rnd() % 256u) - 128;
        const int32_t hi = lo + (int32_t)(rnd() % (uint32_t)(128 - lo));
        const int32_t want = kws__clamp(kws__wrap_add(kws__mbqm(x, m, shift), off), lo, hi);
        const int8_t got = kws__requant_fast_s8(x, m, shift, off, lo, hi);
        if ((int32_t)got != want) {
            CHECK_EQ_INT(got, want);
            return;
        }
    }
    CHECK(i == KWS_REQUANT_TEST_RANDOM / 16);
}


/* The precomputed per-channel output stage (kws__rq_init / kws__rq_val / kws__rq_clamp) against the
 * reference composition wrap_add(mbqm(x, m, shift), off) and its clamp. */
static long g_rq_compared = 0;
static long g_rq6_compared = 0;
static void cmp_rq(int32_t x, int32_t m, int32_t shift, int32_t off, int32_t lo, int32_t hi)
{
    kws__rq q;
    const int32_t want = kws__wrap_add(kws__mbqm(x, m, shift), off);
    int32_t got, want8, got8;
    if (!kws__rq_init(&q, m, shift, off)) {
        /* only shifts above -2 or offsets too large for the shift may be refused */
        const int64_t r = shift <= -2 ? ((int64_t)1 << (-shift - 2)) + (int64_t)off * ((int64_t)1 << (-shift - 1)) : 0;
        CHECK(shift > -2 || r <= -((int64_t)1 << 30) || r >= ((int64_t)1 << 30));
        return;
    }
    g_rq_compared++;
    kt_checks++;
    {
        /* the ARMv6-M form (kws__rq_armv6m.h: Thumb-1 assembly on M0+, the same arithmetic in C elsewhere) */
        kws__rq6 q6;
        if (kws__rq6_init(&q6, m, shift, off)) {
            const int32_t v6 = kws__rq6_val(x, &q6);
            const int32_t o6 = (lo == -128 && hi == 127) ? kws__rq6_out_full(v6) : kws__rq6_out(v6, lo + 128, hi + 128);
            g_rq6_compared++;
            if (v6 != want + 128 || o6 != kws__clamp(want, lo, hi)) {
                kt_failures++;
                if (g_reported++ < 10) {
                    fprintf(stderr, "rq6(%ld, %ld, %ld, off %ld) == %ld (out %ld), reference %ld\n", (long)x, (long)m,
                            (long)shift, (long)off, (long)v6 - 128, (long)o6, (long)want);
                }
            }
        } else {
            /* refused only where kws__rq is too, or where the biased offset leaves |r6| < 2^30 */
            CHECK(((int64_t)q.r + ((int64_t)128 << q.e1)) <= -((int64_t)1 << 30) ||
                  ((int64_t)q.r + ((int64_t)128 << q.e1)) >= ((int64_t)1 << 30));
        }
    }
    got = kws__rq_val(x, q.m, q.e1, q.r);
    want8 = kws__clamp(want, lo, hi);
    got8 = (lo == -128 && hi == 127) ? kws__rq_clamp(got, lo, hi, 1) : kws__rq_clamp(got, lo, hi, 0);
    if (got != want || got8 != want8) {
        kt_failures++;
        if (g_reported++ < 10) {
            fprintf(stderr, "rq(%ld, %ld, %ld, off %ld) == %ld (clamped %ld), reference %ld (%ld)\n", (long)x,
                    (long)m, (long)shift, (long)off, (long)got, (long)got8, (long)want, (long)want8);
        }
    }
}

static void test_rq(void)
{
    static const int32_t offs[] = {-128, -127, -1, 0, 1, 100, 127};
    static const int32_t fixed[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MAX - 1, INT32_MIN, INT32_MIN + 1,
                                    32640 * 65536, -32640 * 65536, 1 << 20, -(1 << 20), 12345, -12345};
    long i;
    int a, j, o;
    int32_t shift, e, t, d;
    for (a = 0; a < (int)(sizeof(fixed) / sizeof(fixed[0])); a++) {
        for (j = 0; j < N_MULTS; j++) {
            for (shift = -31; shift <= 2; shift++) {
                for (o = 0; o < (int)(sizeof(offs) / sizeof(offs[0])); o++) {
                    cmp_rq(fixed[a], k_mults[j], shift, offs[o], -128, 127);
                    cmp_rq(fixed[a], k_mults[j], shift, offs[o], offs[o], 127);
                }
            }
        }
    }
    /* second-rounding ties (m = 2^30, x = 2y, y = (2t+1) * 2^(e-1)) and neighbours, both signs */
    for (e = 2; e <= 31; e++) {
        for (t = 0; t < 8; t++) {
            for (a = -1; a <= 1; a += 2) {
                const int64_t x = 2 * (int64_t)a * (2 * t + 1) * ((int64_t)1 << (e - 1));
                if (x > INT32_MIN + 2 && x <= INT32_MAX - 2) {
                    for (d = -2; d <= 2; d++) {
                        for (o = 0; o < (int)(sizeof(offs) / sizeof(offs[0])); o++) {
                            cmp_rq((int32_t)x + d, 1 << 30, -e, offs[o], -128, 127);
                            cmp_rq((int32_t)x + d, INT32_MAX, -e, offs[o], -128, 127);
                        }
                    }
                }
            }
        }
    }
    for (i = 0; i < KWS_REQUANT_TEST_RANDOM / 4; i++) {
        const uint32_t r = rnd();
        const int32_t x = rnd_acc();
        const int32_t m = (r & 63u) == 0u ? 0 : (int32_t)(0x40000000u | (rnd() & 0x3FFFFFFFu));
        const int32_t sh = (r & 64u) ? -(int32_t)((r >> 8) % 30u) - 2 : -(int32_t)((r >> 8) % 11u) - 2;
        const int32_t off = (int32_t)(rnd() % 256u) - 128;
        const int32_t lo = (r & 128u) ? -128 : (int32_t)(rnd() % 256u) - 128;
        const int32_t hi = (r & 128u) ? 127 : lo + (int32_t)(rnd() % (uint32_t)(128 - lo));
        cmp_rq(x, m, sh, off, lo, hi);
    }
    CHECK(g_rq_compared > KWS_REQUANT_TEST_RANDOM / 8);
    CHECK(g_rq6_compared > KWS_REQUANT_TEST_RANDOM / 8);
}

int main(void)
{
    RUN(test_edge_table);
    RUN(test_rounding_ties);
    RUN(test_random);
    RUN(test_output_step);
    RUN(test_rq);
    fprintf(stderr, "%ld triples compared, %ld output stages (%ld ARMv6-M form)\n", g_compared, g_rq_compared,
            g_rq6_compared);
    return KT_REPORT();
}
