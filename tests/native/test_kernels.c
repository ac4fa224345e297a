/*
 * Unit tests of the int8 kernels and the fixed-point helpers on small hand-computed cases.
 * Expected values are derived by hand from TFLite's documented integer formulas (see comments).
 */
#include <math.h>
#include "kws_nano.h"
#include "../../kernels-native/src/kernels/kws__fixedpoint.h"
#include "kws_test.h"

static const int32_t ONE_M = 1 << 30; /* multiplier 2^30 with shift 1 == x1.0; with shift 0 == x0.5 */

static void test_fixedpoint(void)
{
    /* SRDHM: round(a*b / 2^31), ties as in gemmlowp (nudge +2^30 or 1-2^30, truncating division). */
    CHECK_EQ_INT(kws__srdhm(INT32_MIN, INT32_MIN), INT32_MAX);
    CHECK_EQ_INT(kws__srdhm(100, ONE_M), 50);
    CHECK_EQ_INT(kws__srdhm(3, ONE_M), 2);   /* 1.5 -> (3*2^30 + 2^30) / 2^31 = 2 */
    CHECK_EQ_INT(kws__srdhm(-3, ONE_M), -1); /* -1.5 -> (-3*2^30 + 1 - 2^30) / 2^31 = -1.99.. -> -1 */
    CHECK_EQ_INT(kws__srdhm(INT32_MAX, INT32_MAX), INT32_MAX - 1);
    /* RoundingDivideByPOT: ties away from zero. */
    CHECK_EQ_INT(kws__rdbypot(5, 1), 3);
    CHECK_EQ_INT(kws__rdbypot(-5, 1), -3);
    CHECK_EQ_INT(kws__rdbypot(4, 1), 2);
    CHECK_EQ_INT(kws__rdbypot(-7, 2), -2); /* -1.75 */
    CHECK_EQ_INT(kws__rdbypot(-6, 2), -2); /* -1.5 -> -2 */
    CHECK_EQ_INT(kws__rdbypot(6, 2), 2);   /* 1.5 -> 2 */
    CHECK_EQ_INT(kws__rdbypot(INT32_MIN, 31), -1);
    CHECK_EQ_INT(kws__rdbypot(INT32_MAX, 31), 1);
    /* MultiplyByQuantizedMultiplier: shift 1 with 2^30 is x1; shift -2 is x0.5 then /4. */
    CHECK_EQ_INT(kws__mbqm(12345, ONE_M, 1), 12345);
    CHECK_EQ_INT(kws__mbqm(-12345, ONE_M, 1), -12345);
    CHECK_EQ_INT(kws__mbqm(1000, ONE_M, -2), 125);  /* 1000 * 0.5 / 4 */
    CHECK_EQ_INT(kws__mbqm(1004, ONE_M, -2), 126);  /* 502 / 4 = 125.5 -> 126 */
    CHECK_EQ_INT(kws__mbqm(-1004, ONE_M, -2), -126);
    CHECK_EQ_INT(kws__mbqm(7, 0, 0), 0);
    /* exp_on_negative_values: exp(0) = 1 (INT32_MAX); exp(-1) in Q5.26 input within 1e-6. */
    CHECK_EQ_INT(kws__exp_on_negative_values_q5(0), INT32_MAX);
    {
        int k;
        for (k = 1; k <= 20; k++) {
            const double x = -0.37 * k;
            const int32_t raw = (int32_t)lround(x * 67108864.0); /* 2^26 */
            const double got = kws__exp_on_negative_values_q5(raw) / 2147483648.0;
            CHECK(fabs(got - exp(raw / 67108864.0)) < 2e-6);
        }
    }
    /* one_over_one_plus_x: x = 0.5 -> 2/3 */
    {
        const double got = kws__one_over_one_plus_x_q0(1 << 30) / 2147483648.0;
        CHECK(fabs(got - 2.0 / 3.0) < 1e-7);
    }
    CHECK_EQ_INT(kws__clz32(1u), 31);
    CHECK_EQ_INT(kws__clz32(0x80000000u), 0);
    CHECK_EQ_INT(kws__clz32(0u), 32);
}

static void test_conv_valid(void)
{
    /* 3x3x1 input 1..9, 2x2 filter of ones, VALID, x1.0 requant, output offset 3. */
    const int8_t in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    const int8_t w[4] = {1, 1, 1, 1};
    const int32_t mult[1] = {ONE_M}, shift[1] = {1};
    const kws_per_channel_quant q = {mult, shift, 1};
    kws_conv_params p;
    kws_dims id = {1, 3, 3, 1}, fd = {1, 2, 2, 1}, od = {1, 2, 2, 1};
    int8_t out[4];
    const int8_t expected[4] = {15, 19, 27, 31}; /* 12, 16, 24, 28 plus 3 */
    memset(&p, 0, sizeof p);
    p.output_offset = 3; p.stride_h = 1; p.stride_w = 1; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, NULL, &od, out), KWS_OK);
    CHECK_BYTES(out, expected, 4);
    CHECK_EQ_INT(kws_conv2d_s8_buffer_size(&id, &fd), 0);

    /* Input offset 1 adds 1 per tap (4 taps): 16, 20, 28, 32; then clamp to act_max 30. */
    {
        const int8_t expected2[4] = {19, 23, 30, 30};
        p.input_offset = 1; p.act_max = 30;
        CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, NULL, &od, out), KWS_OK);
        CHECK_BYTES(out, expected2, 4);
        /* Folding the offset into the bias (4 * 1) gives the same result on VALID windows. */
        {
            const int32_t bias[1] = {4};
            p.offset_folded = 1;
            CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od, out), KWS_OK);
            CHECK_BYTES(out, expected2, 4);
        }
    }
}

static void test_conv_same_per_channel(void)
{
    /* 3x3x1 input 1..9, 3x3 filter, SAME (pad 1), 2 output channels:
     * oc0 = all ones x1.0, oc1 = centre tap 2 with x0.5 (shift 0) -> input value. Bias oc0 = -1. */
    const int8_t in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int8_t w[18];
    const int32_t bias[2] = {-1, 0};
    const int32_t mult[2] = {ONE_M, ONE_M}, shift[2] = {1, 0};
    const kws_per_channel_quant q = {mult, shift, 2};
    kws_conv_params p;
    kws_dims id = {1, 3, 3, 1}, fd = {2, 3, 3, 1}, od = {1, 3, 3, 2};
    int8_t out[18];
    /* oc0: 3x3 window sums with padding taps skipped, minus 1:
     * (0,0)=1+2+4+5=12 (0,1)=1+2+3+4+5+6=21 (0,2)=2+3+5+6=16 (1,0)=1+2+4+5+7+8=27 (1,1)=45
     * (1,2)=2+3+5+6+8+9=33 (2,0)=4+5+7+8=24 (2,1)=4+5+6+7+8+9=39 (2,2)=5+6+8+9=28 */
    const int8_t expected[18] = {11, 1, 20, 2, 15, 3, 26, 4, 44, 5, 32, 6, 23, 7, 38, 8, 27, 9};
    memset(w, 0, sizeof w);
    memset(w, 1, 9);
    w[9 + 4] = 2;
    memset(&p, 0, sizeof p);
    p.stride_h = 1; p.stride_w = 1; p.pad_top = 1; p.pad_left = 1; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od, out), KWS_OK);
    CHECK_BYTES(out, expected, 18);

    /* Stride 2 with the same SAME padding: outputs (0,0),(0,2),(2,0),(2,2) of the above (2x2 output). */
    {
        kws_dims od2 = {1, 2, 2, 2};
        const int8_t expected2[8] = {11, 1, 15, 3, 23, 7, 27, 9};
        p.stride_h = 2; p.stride_w = 2;
        CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od2, out), KWS_OK);
        CHECK_BYTES(out, expected2, 8);
    }
}

static void test_conv_multichannel_input(void)
{
    /* 1x1 conv on 1x2x2 input with 3 channels: out = sum_c w[c] * (x + offset), x0.5 requant (shift 0). */
    const int8_t in[6] = {10, 20, 30, -10, -20, -30};
    const int8_t w[3] = {1, 2, -1};
    const int32_t mult[1] = {ONE_M}, shift[1] = {0};
    const kws_per_channel_quant q = {mult, shift, 1};
    kws_conv_params p;
    kws_dims id = {1, 1, 2, 3}, fd = {1, 1, 1, 3}, od = {1, 1, 2, 1};
    int8_t out[2];
    /* offset -5: (5 + 30 - 25) = 10 -> 5;  (-15 - 50 + 35) = -30 -> -15 */
    const int8_t expected[2] = {5, -15};
    memset(&p, 0, sizeof p);
    p.input_offset = -5; p.stride_h = 1; p.stride_w = 1; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, NULL, &od, out), KWS_OK);
    CHECK_BYTES(out, expected, 2);
}

static void test_depthwise(void)
{
    /* 2x2 input, 2 channels, depth multiplier 2 (4 outputs), 2x2 VALID filter -> 1x1x4.
     * Channel 0 values {1,2,3,4}, channel 1 values {10,20,30,40}. Filter [fy][fx][oc]. */
    const int8_t in[8] = {1, 10, 2, 20, 3, 30, 4, 40};
    const int8_t w[16] = {
        1, 0, 1, 2,   /* (0,0): oc0..3 */
        1, 0, 0, 0,   /* (0,1) */
        1, 0, 0, 0,   /* (1,0) */
        1, -1, 0, 0   /* (1,1) */
    };
    const int32_t bias[4] = {0, 0, 0, 100};
    const int32_t mult[4] = {ONE_M, ONE_M, ONE_M, ONE_M}, shift[4] = {1, 1, 1, 1};
    const kws_per_channel_quant q = {mult, shift, 4};
    kws_conv_params p;
    kws_dims id = {1, 2, 2, 2}, fd = {1, 2, 2, 4}, od = {1, 1, 1, 4};
    int8_t out[4];
    /* oc0 (ic0, m0) = 1+2+3+4 = 10; oc1 (ic0, m1) = -4; oc2 (ic1, m0) = 10; oc3 (ic1, m1) = 2*10 + 100 = 120 */
    const int8_t expected[4] = {10, -4, 10, 120};
    memset(&p, 0, sizeof p);
    p.stride_h = 1; p.stride_w = 1; p.depth_multiplier = 2; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_depthwise_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od, out), KWS_OK);
    CHECK_BYTES(out, expected, 4);

    /* Same with SAME padding (pad 0 top/left for a 2x2 filter on 2x2 input: total pad 1 -> top 0):
     * output 2x2, window at (1,1) only sees tap (0,0). With input offset 1. */
    {
        kws_dims od2 = {1, 2, 2, 4};
        int8_t out2[16];
        /* position (1,1): in = (4, 40), taps: only (0,0) -> oc0 = 1*(4+1) = 5, oc1 = 0, oc2 = 1*(40+1) = 41,
         * oc3 = 2*(41) + 100 = 182 -> clamp 127 */
        p.input_offset = 1;
        CHECK_STATUS(kws_depthwise_conv2d_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od2, out2), KWS_OK);
        CHECK_EQ_INT(out2[12], 5);
        CHECK_EQ_INT(out2[13], 0);
        CHECK_EQ_INT(out2[14], 41);
        CHECK_EQ_INT(out2[15], 127);
        /* position (0,0) sees all 4 taps: oc0 = 2+3+4+5 = 14 */
        CHECK_EQ_INT(out2[0], 14);
    }
}

static void test_fully_connected(void)
{
    /* 2 rows x K=3, Cout=2: W = [[1,1,1],[1,-1,0]], bias [0, 10], x1.0 requant, output offset -1. */
    const int8_t in[6] = {1, 2, 3, -4, 5, 6};
    const int8_t w[6] = {1, 1, 1, 1, -1, 0};
    const int32_t bias[2] = {0, 10};
    const int32_t mult[1] = {ONE_M}, shift[1] = {1};
    const kws_per_channel_quant q = {mult, shift, 1};
    kws_fc_params p;
    kws_dims id = {2, 1, 1, 3}, fd = {2, 1, 1, 3}, od = {2, 1, 1, 2};
    int8_t out[4];
    /* row0: 6 -> 5; -1+10 = 9 -> 8. row1: 7 -> 6; -9+10 = 1 -> 0 */
    const int8_t expected[4] = {5, 8, 6, 0};
    memset(&p, 0, sizeof p);
    p.output_offset = -1; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_fully_connected_s8(NULL, &p, &q, &id, in, &fd, w, bias, &od, out), KWS_OK);
    CHECK_BYTES(out, expected, 4);
    /* Per-channel: channel 1 at x0.5 (shift 0), and input offset +2 (sum w row0 = 3, row1 = 0). */
    {
        const int32_t mult2[2] = {ONE_M, ONE_M}, shift2[2] = {1, 0};
        const kws_per_channel_quant q2 = {mult2, shift2, 2};
        /* row0: 6+6 = 12 -> 11; (-1+0+10)*0.5 = 4.5 -> 5 -> 4. row1: 7+6=13 -> 12; 1*0.5 = 0.5 -> 1 -> 0 */
        const int8_t expected2[4] = {11, 4, 12, 0};
        p.input_offset = 2;
        CHECK_STATUS(kws_fully_connected_s8(NULL, &p, &q2, &id, in, &fd, w, bias, &od, out), KWS_OK);
        CHECK_BYTES(out, expected2, 4);
    }
}

static void test_pools(void)
{
    /* 3x3x1 input, 2x2 window, stride 2, SAME (pad 0): windows {0,1,3,4}, {2,5}, {6,7}, {8} */
    const int8_t in[9] = {1, 2, -7, 4, 4, -8, 5, 6, -128};
    kws_pool_params p;
    kws_dims id = {1, 3, 3, 1}, od = {1, 2, 2, 1};
    int8_t out[4];
    /* avg: (11 + 2) / 4 = 3 (2.75 -> 3); (-15 - 1) / 2 = -8 (-7.5 -> -8); (11 + 1) / 2 = 6 (5.5 -> 6); -128 */
    const int8_t expected_avg[4] = {3, -8, 6, -128};
    const int8_t expected_max[4] = {4, -7, 6, -128};
    memset(&p, 0, sizeof p);
    p.stride_h = 2; p.stride_w = 2; p.filter_h = 2; p.filter_w = 2; p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_avgpool_s8(&p, &id, in, &od, out), KWS_OK);
    CHECK_BYTES(out, expected_avg, 4);
    CHECK_STATUS(kws_maxpool_s8(&p, &id, in, &od, out), KWS_OK);
    CHECK_BYTES(out, expected_max, 4);
    /* clamping */
    {
        const int8_t expected_clamped[4] = {3, -5, 5, -5};
        p.act_min = -5; p.act_max = 5;
        CHECK_STATUS(kws_avgpool_s8(&p, &id, in, &od, out), KWS_OK);
        CHECK_BYTES(out, expected_clamped, 4);
    }
    /* global average over 2 channels with padding offset 1 (window 2x2 at origin -1: 1 tap in-bounds) */
    {
        const int8_t in2[2] = {9, -9};
        kws_dims id2 = {1, 1, 1, 2}, od2 = {1, 1, 1, 2};
        int8_t out2[2];
        p.pad_top = 1; p.pad_left = 1; p.act_min = -128; p.act_max = 127;
        CHECK_STATUS(kws_avgpool_s8(&p, &id2, in2, &od2, out2), KWS_OK);
        CHECK_EQ_INT(out2[0], 9);
        CHECK_EQ_INT(out2[1], -9);
    }
}

static void softmax_params(double input_scale, kws_softmax_params *sp)
{
    /* PreprocessSoftmaxScaling(beta 1, input_scale, 5) and diff_min = -CalculateInputRadius(5, shift, 31),
     * computed here with the TFLite formulas (QuantizeMultiplier via frexp). */
    const double real = input_scale * (double)(1 << 26);
    int exponent;
    double mantissa = frexp(real, &exponent);
    long long q = llround(mantissa * 2147483648.0);
    if (q == 2147483648LL) { q /= 2; exponent++; }
    sp->input_multiplier = (int32_t)q;
    sp->input_left_shift = exponent;
    sp->diff_min = -(int32_t)floor(31.0 * 67108864.0 / ldexp(1.0, exponent));
}

static void test_softmax(void)
{
    kws_softmax_params sp;
    int8_t out[12];
    softmax_params(0.1, &sp);
    /* Equal logits: 1/2 -> 128/256 -> 0; 1/4 -> 64 - 128 = -64. */
    {
        const int8_t in2[2] = {5, 5};
        CHECK_STATUS(kws_softmax_s8(&sp, 1, 2, in2, out), KWS_OK);
        CHECK_EQ_INT(out[0], 0);
        CHECK_EQ_INT(out[1], 0);
    }
    {
        const int8_t in4[4] = {-7, -7, -7, -7};
        CHECK_STATUS(kws_softmax_s8(&sp, 1, 4, in4, out), KWS_OK);
        CHECK_EQ_INT(out[0], -64);
        CHECK_EQ_INT(out[3], -64);
    }
    /* Random rows vs the float softmax: within 1 LSB of round(256 p) - 128. */
    {
        unsigned seed = 12345u;
        int row, c, worst = 0;
        for (row = 0; row < 200; row++) {
            int8_t in[12];
            double e[12], sum = 0.0, maxv = -1e9;
            const double scale = 0.02 + 0.01 * (row % 20);
            softmax_params(scale, &sp);
            for (c = 0; c < 12; c++) {
                seed = seed * 1103515245u + 12345u;
                in[c] = (int8_t)((int)((seed >> 16) & 0xFFu) - 128);
                if (in[c] * scale > maxv) maxv = in[c] * scale;
            }
            for (c = 0; c < 12; c++) { e[c] = exp(in[c] * scale - maxv); sum += e[c]; }
            CHECK_STATUS(kws_softmax_s8(&sp, 1, 12, in, out), KWS_OK);
            for (c = 0; c < 12; c++) {
                long expected = lround(256.0 * e[c] / sum) - 128;
                int diff;
                if (expected > 127) expected = 127;
                diff = abs((int)out[c] - (int)expected);
                if (diff > worst) worst = diff;
            }
        }
        CHECK(worst <= 1);
    }
    /* A logit below the max by more than the radius gives exactly -128. */
    {
        const int8_t in3[3] = {127, -128, 127};
        softmax_params(1.0, &sp); /* radius 31: diff -255 < diff_min */
        CHECK(sp.diff_min > -255);
        CHECK_STATUS(kws_softmax_s8(&sp, 1, 3, in3, out), KWS_OK);
        CHECK_EQ_INT(out[1], -128);
        CHECK_EQ_INT(out[0], 0);
    }
}

static void test_add(void)
{
    /* TFLite int8 ADD prepare for scales s, s -> s (all zero points 0): left_shift 20,
     * input multipliers 0.5 = (2^30, 0), output 2s / (2^20 s) = 2^-19 = (2^30, -18). */
    kws_add_params p;
    const int8_t a[4] = {10, -10, 100, -100};
    const int8_t b[4] = {20, -21, 100, -100};
    int8_t out[4];
    const int8_t expected[4] = {30, -31, 127, -128};
    memset(&p, 0, sizeof p);
    p.left_shift = 20;
    p.input0_multiplier = ONE_M; p.input0_shift = 0;
    p.input1_multiplier = ONE_M; p.input1_shift = 0;
    p.output_multiplier = ONE_M; p.output_shift = -18;
    p.act_min = -128; p.act_max = 127;
    CHECK_STATUS(kws_add_s8(&p, 4, a, b, out), KWS_OK);
    CHECK_BYTES(out, expected, 4);
    /* Offsets: input0 zp 5 (offset -5), output zp -3: (10-5) + 20 - 3 = 22 */
    p.input0_offset = -5; p.output_offset = -3;
    CHECK_STATUS(kws_add_s8(&p, 1, a, b, out), KWS_OK);
    CHECK_EQ_INT(out[0], 22);
    CHECK_EQ_INT(kws_add_s8_buffer_size(), 0);
}

int main(void)
{
    RUN(test_fixedpoint);
    RUN(test_conv_valid);
    RUN(test_conv_same_per_channel);
    RUN(test_conv_multichannel_input);
    RUN(test_depthwise);
    RUN(test_fully_connected);
    RUN(test_pools);
    RUN(test_softmax);
    RUN(test_add);
    return KT_REPORT();
}
